//! Submits the query of database object information (`CollectDbObjectsInfo`) and prints the
//! 202 result as JSON.
//!
//! ```text
//! cargo run -p huaweicloud-sdk-drs --example collect_db_objects -- \
//!     --job-id ID --type source [--db-name NAME]... [--refresh true|false] \
//!     [--language en-us|zh-cn] [--endpoint URL | --region REGION]
//! ```
//!
//! Credentials and project come from the environment: `HUAWEICLOUD_SDK_AK`,
//! `HUAWEICLOUD_SDK_SK` (and `HUAWEICLOUD_SDK_SECURITY_TOKEN` for temporary keys), or
//! `HUAWEICLOUD_SDK_TOKEN` for an IAM token; `HUAWEICLOUD_SDK_PROJECT_ID`. On an API error
//! `CODE message (request id ID)` goes to stderr and the exit status is 1.

use std::process::ExitCode;

use huaweicloud_sdk_drs::Error;
use huaweicloud_sdk_drs::operations::collect_db_objects_info::{
    CollectDbObjectsInfoRequest, CollectDbObjectsInfoRequestBody,
    CollectDbObjectsInfoRequestBodyIsRefresh, CollectDbObjectsInfoRequestBodyType,
    CollectDbObjectsInfoXLanguage,
};

const USAGE: &str = "usage: collect_db_objects --job-id ID --type source|modified|synchronized \
[--db-name NAME]... [--refresh true|false] [--language en-us|zh-cn] [--endpoint URL | --region REGION]";

#[derive(Default)]
struct Args {
    job_id: Option<String>,
    object_type: Option<CollectDbObjectsInfoRequestBodyType>,
    db_names: Vec<String>,
    refresh: Option<CollectDbObjectsInfoRequestBodyIsRefresh>,
    language: Option<CollectDbObjectsInfoXLanguage>,
    endpoint: Option<String>,
    region: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args::default();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--job-id" => parsed.job_id = Some(value()?),
            "--type" => {
                parsed.object_type = Some(value()?.parse().map_err(|e| format!("--type: {e}"))?)
            }
            "--db-name" => parsed.db_names.push(value()?),
            "--refresh" => {
                parsed.refresh = Some(value()?.parse().map_err(|e| format!("--refresh: {e}"))?)
            }
            "--language" => {
                parsed.language = Some(value()?.parse().map_err(|e| format!("--language: {e}"))?)
            }
            "--endpoint" => parsed.endpoint = Some(value()?),
            "--region" => parsed.region = Some(value()?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(parsed)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (Some(job_id), Some(object_type)) = (args.job_id, args.object_type) else {
        eprintln!("--job-id and --type are required\n{USAGE}");
        return ExitCode::from(2);
    };

    let mut builder = match huaweicloud_sdk_drs::client().from_env() {
        Ok(builder) => builder,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    builder = match (args.endpoint, args.region) {
        (Some(endpoint), _) => builder.endpoint(endpoint),
        (None, Some(region)) => builder.region(region),
        (None, None) => builder.region("ap-southeast-1"),
    };
    let client = match builder.build() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };

    let mut body = CollectDbObjectsInfoRequestBody::new(object_type);
    if !args.db_names.is_empty() {
        body = body.db_names(args.db_names);
    }
    if let Some(refresh) = args.refresh {
        body = body.is_refresh(refresh);
    }
    let mut request = CollectDbObjectsInfoRequest::new(job_id, body);
    if let Some(language) = args.language {
        request = request.x_language(language);
    }

    match client.send(&request).await {
        Ok(accepted) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&accepted).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        // `CODE message (request id ID)`, escaped and bounded by the runtime's one rendering of
        // server text, for every error answer the server sent, documented or not.
        Err(Error::Api(error)) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}
