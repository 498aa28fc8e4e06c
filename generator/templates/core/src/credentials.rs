//! Credentials, kept out of `Debug`, logs and error messages.

use std::fmt;

use zeroize::Zeroizing;

/// A secret string (secret key, token). Its `Debug` and `Display` print `***`, and its memory
/// is wiped when dropped; [`expose`](Self::expose) is the one way to read it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The secret itself, for signing or sending. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How requests are authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    /// An IAM token, sent as `X-Auth-Token`.
    Token(Secret),
    /// An access key and secret key: requests are signed with SDK-HMAC-SHA256.
    AccessKey {
        /// The access key id (not secret: it is sent in the `Authorization` header).
        access_key: String,
        /// The secret key, the HMAC key.
        secret_key: Secret,
        /// For temporary credentials, the security token sent as `X-Security-Token`.
        security_token: Option<Secret>,
    },
}

/// Environment variables the official Huawei Cloud SDKs read, plus `HUAWEICLOUD_SDK_TOKEN`.
pub mod env {
    /// Access key id.
    pub const ACCESS_KEY: &str = "HUAWEICLOUD_SDK_AK";
    /// Secret key.
    pub const SECRET_KEY: &str = "HUAWEICLOUD_SDK_SK";
    /// Security token of temporary credentials.
    pub const SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
    /// Project id.
    pub const PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
    /// Domain (account) id, for global services.
    pub const DOMAIN_ID: &str = "HUAWEICLOUD_SDK_DOMAIN_ID";
    /// IAM token (this SDK's own addition; the official SDKs have no such variable).
    pub const TOKEN: &str = "HUAWEICLOUD_SDK_TOKEN";
}

impl Credentials {
    /// An IAM token.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials::Token(Secret::new(token))
    }

    /// An access key and secret key.
    pub fn access_key(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials::AccessKey {
            access_key: access_key.into(),
            secret_key: Secret::new(secret_key),
            security_token: None,
        }
    }

    /// Adds the security token of temporary access keys; no effect on a token.
    pub fn with_security_token(self, token: impl Into<String>) -> Self {
        match self {
            Credentials::AccessKey {
                access_key,
                secret_key,
                ..
            } => Credentials::AccessKey {
                access_key,
                secret_key,
                security_token: Some(Secret::new(token)),
            },
            token_credentials => token_credentials,
        }
    }

    /// From the environment: `HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK` (with the optional
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN`), else `HUAWEICLOUD_SDK_TOKEN`.
    pub fn from_env() -> Result<Self, MissingCredentials> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, MissingCredentials> {
        let get = |name| lookup(name).filter(|value: &String| !value.is_empty());
        match (get(env::ACCESS_KEY), get(env::SECRET_KEY)) {
            (Some(access_key), Some(secret_key)) => {
                let credentials = Credentials::access_key(access_key, secret_key);
                Ok(match get(env::SECURITY_TOKEN) {
                    Some(token) => credentials.with_security_token(token),
                    None => credentials,
                })
            }
            (Some(_), None) => Err(MissingCredentials(format!(
                "{} is set but {} is not",
                env::ACCESS_KEY,
                env::SECRET_KEY
            ))),
            (None, Some(_)) => Err(MissingCredentials(format!(
                "{} is set but {} is not",
                env::SECRET_KEY,
                env::ACCESS_KEY
            ))),
            (None, None) => match get(env::TOKEN) {
                Some(token) => Ok(Credentials::token(token)),
                None => Err(MissingCredentials(format!(
                    "set {} and {}, or {}",
                    env::ACCESS_KEY,
                    env::SECRET_KEY,
                    env::TOKEN
                ))),
            },
        }
    }
}

/// No usable credentials in the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingCredentials(String);

impl fmt::Display for MissingCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credentials: {}", self.0)
    }
}

impl std::error::Error for MissingCredentials {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug() {
        let credentials = Credentials::access_key("AK123", "very-secret-key")
            .with_security_token("session-token");
        let shown = format!("{credentials:?}");
        assert!(shown.contains("AK123"));
        assert!(
            !shown.contains("very-secret-key") && !shown.contains("session-token"),
            "{shown}"
        );
        assert!(!format!("{:?}", Credentials::token("tok-abc")).contains("tok-abc"));
    }

    #[test]
    fn environment_prefers_access_keys_then_token() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let aksk = Credentials::from_lookup(vars(&[
            ("HUAWEICLOUD_SDK_AK", "ak"),
            ("HUAWEICLOUD_SDK_SK", "sk"),
            ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "st"),
            ("HUAWEICLOUD_SDK_TOKEN", "tok"),
        ]))
        .unwrap();
        assert_eq!(
            aksk,
            Credentials::access_key("ak", "sk").with_security_token("st")
        );
        let token = Credentials::from_lookup(vars(&[("HUAWEICLOUD_SDK_TOKEN", "tok")])).unwrap();
        assert_eq!(token, Credentials::token("tok"));
        let half = Credentials::from_lookup(vars(&[("HUAWEICLOUD_SDK_AK", "ak")])).unwrap_err();
        assert!(half.to_string().contains("HUAWEICLOUD_SDK_SK is not"));
        assert!(Credentials::from_lookup(vars(&[])).is_err());
    }
}
