//! When to try a request again, and how long to wait first.
//!
//! A request is retried only when doing so cannot apply it twice:
//!
//! | Outcome | GET, HEAD, PUT, DELETE, OPTIONS | POST, PATCH |
//! | --- | --- | --- |
//! | connection failed (nothing sent) | retry | retry |
//! | 429 Too Many Requests, 503 Service Unavailable | retry | retry |
//! | 502 Bad Gateway, 504 Gateway Timeout, timeout | retry | **no**: the server may have acted |
//! | any other status or error | no | no |
//!
//! 429 and 503 mean the request was turned away before it was processed, so even a
//! non-idempotent POST (such as submitting a query) is safe to send again; after a 502, a 504
//! or a timeout the server may already have acted on it. Waits grow exponentially with jitter
//! and honour `Retry-After` (seconds or an HTTP date); a `Retry-After` longer than the
//! policy's longest wait ends the retries instead of stalling the caller.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode};

use crate::transport::TransportError;

/// How often and how patiently to retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The wait before the first retry (before jitter).
    pub initial_backoff: Duration,
    /// The longest wait between attempts.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }
}

/// What an attempt produced.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// A response with this status and headers.
    Response(StatusCode, &'a HeaderMap),
    /// No response.
    Failed(&'a TransportError),
}

/// Whether repeating `method` has the same effect as sending it once (RFC 9110 §9.2.2).
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

/// The wait before another attempt after attempt number `attempt` (1-based) ended in
/// `outcome`, or `None` to stop. `jitter` is a random number in `[0, 1)`.
pub fn retry_delay(
    policy: &RetryPolicy,
    method: &Method,
    attempt: u32,
    outcome: Outcome<'_>,
    jitter: f64,
) -> Option<Duration> {
    if attempt >= policy.max_attempts {
        return None;
    }
    let idempotent = is_idempotent(method);
    let (retryable, headers) = match outcome {
        Outcome::Failed(TransportError::Connect(_)) => (true, None),
        Outcome::Failed(TransportError::Timeout) => (idempotent, None),
        Outcome::Failed(_) => (false, None),
        Outcome::Response(status, headers) => match status.as_u16() {
            429 | 503 => (true, Some(headers)),
            502 | 504 => (idempotent, Some(headers)),
            _ => (false, None),
        },
    };
    if !retryable {
        return None;
    }
    if let Some(wait) = headers.and_then(retry_after) {
        return (wait <= policy.max_backoff).then_some(wait);
    }
    let exponential = policy
        .initial_backoff
        .saturating_mul(1 << (attempt - 1).min(16))
        .min(policy.max_backoff);
    // "Equal jitter": at least half the backoff, so retries never bunch at zero.
    Some(exponential / 2 + exponential.mul_f64(jitter.clamp(0.0, 1.0) / 2.0))
}

/// The `Retry-After` header as a wait from now.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, headers: &HeaderMap) -> Outcome<'_> {
        Outcome::Response(StatusCode::from_u16(code).unwrap(), headers)
    }

    #[test]
    fn non_idempotent_requests_retry_only_when_unprocessed() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        let post = Method::POST;
        assert!(retry_delay(&policy, &post, 1, status(503, &none), 0.5).is_some());
        assert!(retry_delay(&policy, &post, 1, status(429, &none), 0.5).is_some());
        assert!(
            retry_delay(
                &policy,
                &post,
                1,
                Outcome::Failed(&TransportError::Connect("refused".into())),
                0.5
            )
            .is_some()
        );
        assert!(retry_delay(&policy, &post, 1, status(502, &none), 0.5).is_none());
        assert!(retry_delay(&policy, &post, 1, status(504, &none), 0.5).is_none());
        assert!(
            retry_delay(
                &policy,
                &post,
                1,
                Outcome::Failed(&TransportError::Timeout),
                0.5
            )
            .is_none()
        );
        assert!(retry_delay(&policy, &Method::GET, 1, status(502, &none), 0.5).is_some());
        assert!(
            retry_delay(
                &policy,
                &Method::GET,
                1,
                Outcome::Failed(&TransportError::Timeout),
                0.5
            )
            .is_some()
        );
        for code in [400, 401, 403, 404, 409, 500] {
            assert!(
                retry_delay(&policy, &Method::GET, 1, status(code, &none), 0.5).is_none(),
                "{code}"
            );
        }
        let too_large = TransportError::BodyTooLarge { limit: 1 };
        assert!(retry_delay(&policy, &Method::GET, 1, Outcome::Failed(&too_large), 0.5).is_none());
    }

    #[test]
    fn attempts_are_bounded_and_backoff_grows_with_jitter() {
        let policy = RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(300),
        };
        let none = HeaderMap::new();
        let get = Method::GET;
        assert_eq!(
            retry_delay(&policy, &get, 1, status(503, &none), 0.0),
            Some(Duration::from_millis(50))
        );
        assert_eq!(
            retry_delay(&policy, &get, 2, status(503, &none), 1.0),
            Some(Duration::from_millis(200))
        );
        assert_eq!(
            retry_delay(&policy, &get, 3, status(503, &none), 1.0),
            Some(Duration::from_millis(300))
        );
        assert_eq!(retry_delay(&policy, &get, 4, status(503, &none), 0.5), None);
        assert_eq!(
            retry_delay(&RetryPolicy::none(), &get, 1, status(503, &none), 0.5),
            None
        );
    }

    #[test]
    fn retry_after_is_honoured_within_the_policy() {
        let policy = RetryPolicy::default();
        let mut headers = HeaderMap::new();
        headers.insert(http::header::RETRY_AFTER, "3".parse().unwrap());
        assert_eq!(
            retry_delay(&policy, &Method::POST, 1, status(429, &headers), 0.9),
            Some(Duration::from_secs(3))
        );
        headers.insert(http::header::RETRY_AFTER, "3600".parse().unwrap());
        assert_eq!(
            retry_delay(&policy, &Method::POST, 1, status(429, &headers), 0.9),
            None
        );
        let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(5));
        headers.insert(http::header::RETRY_AFTER, soon.parse().unwrap());
        let wait = retry_delay(&policy, &Method::POST, 1, status(503, &headers), 0.9).unwrap();
        assert!(
            wait <= Duration::from_secs(5) && wait >= Duration::from_secs(3),
            "{wait:?}"
        );
    }
}
