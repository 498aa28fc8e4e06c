//! Lists the volumes of a project page by page (`ListVolumes`) and prints them as a table.
//!
//! ```text
//! cargo run -p huaweicloud-sdk-evs --example list_volumes -- \
//!     [--limit N] [--name NAME] [--status STATUS] [--endpoint URL | --region REGION]
//! ```
//!
//! Credentials and project come from the environment: `HUAWEICLOUD_SDK_AK`,
//! `HUAWEICLOUD_SDK_SK` (and `HUAWEICLOUD_SDK_SECURITY_TOKEN` for temporary keys), or
//! `HUAWEICLOUD_SDK_TOKEN` for an IAM token; `HUAWEICLOUD_SDK_PROJECT_ID`.
//!
//! Paging follows `marker`: each request after the first asks for the volumes after the last
//! volume id of the page before. The page documents `marker` as exactly that ("the id of the
//! last record of the previous page"), and its example answer's `next` link is built the same
//! way (`?limit=1&marker=<last id>`). `offset` counts positions, so a volume created or deleted
//! between two requests would make it skip or repeat volumes; a marker names a volume and does
//! not move.
//!
//! The listing ends when a page holds fewer than `--limit` volumes (default 1000, the page's
//! default and maximum), or `count` volumes (the total, which paging does not change) have been
//! received. A server that repeats itself cannot make it loop: a page that adds no volume not
//! already received, or whose last volume has no id to continue from, ends it with a note on
//! stderr.
//!
//! Every cell is server text, shown through the runtime's one rendering of such text
//! ([`Excerpt`]): control, bidirectional and other format characters are escaped, so they
//! never reach the terminal, and a cell is at most 512 bytes. Column widths count wide (East
//! Asian) characters as two columns. The table ends with `N volume(s)`.
//!
//! On an API error `CODE message (request id ID)` goes to stderr, nothing is printed on stdout
//! (a partial table would look complete) and the exit status is 1; usage and configuration
//! errors exit 2.

use std::collections::HashSet;
use std::process::ExitCode;

use huaweicloud_sdk_core::Excerpt;
use huaweicloud_sdk_evs::operations::list_volumes::{ListVolumesRequest, ListVolumesVolumes};
use huaweicloud_sdk_evs::{Error, Validate};

const USAGE: &str = "usage: list_volumes [--limit N] [--name NAME] [--status STATUS] \
[--endpoint URL | --region REGION]";

/// The page's default (and largest) `limit`.
const DEFAULT_LIMIT: i32 = 1000;

#[derive(Default)]
struct Args {
    limit: Option<i32>,
    name: Option<String>,
    status: Option<String>,
    endpoint: Option<String>,
    region: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args::default();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--limit" => {
                let limit = value()?.parse().map_err(|e| format!("--limit: {e}"))?;
                // The request's own check, so the bounds are the page's.
                ListVolumesRequest::new()
                    .limit(limit)
                    .validate()
                    .map_err(|e| format!("--limit: {e}"))?;
                parsed.limit = Some(limit);
            }
            "--name" => parsed.name = Some(value()?),
            "--status" => parsed.status = Some(value()?),
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

    let mut builder = match huaweicloud_sdk_evs::client().from_env() {
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

    let limit = args.limit.unwrap_or(DEFAULT_LIMIT);
    let mut first = ListVolumesRequest::new().limit(limit);
    if let Some(name) = args.name {
        first = first.name(name);
    }
    if let Some(status) = args.status {
        first = first.status(status);
    }

    let mut volumes: Vec<ListVolumesVolumes> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut request = first.clone();
    loop {
        let page = match client.send(&request).await {
            Ok(page) => page,
            // `CODE message (request id ID)`, escaped and bounded by the runtime's one rendering
            // of server text.
            Err(Error::Api(error)) => {
                eprintln!("{error}");
                return ExitCode::from(1);
            }
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::from(1);
            }
        };
        let received = page.volumes.unwrap_or_default();
        let full = i32::try_from(received.len()).is_ok_and(|n| n >= limit);
        let last_id = received.last().and_then(|volume| volume.id.clone());
        let before = volumes.len();
        for volume in received {
            // A volume without an id cannot repeat one; one with an id is kept once.
            if volume.id.as_ref().is_none_or(|id| seen.insert(id.clone())) {
                volumes.push(volume);
            }
        }
        let total_reached = page
            .count
            .is_some_and(|count| i64::try_from(volumes.len()).unwrap_or(i64::MAX) >= count.into());
        if !full || total_reached {
            break;
        }
        if volumes.len() == before {
            eprintln!("note: a page added no new volume; stopping");
            break;
        }
        let Some(marker) = last_id else {
            eprintln!("note: the last volume of a page has no id to continue from; stopping");
            break;
        };
        request = first.clone().marker(marker);
    }

    print_table(&volumes);
    ExitCode::SUCCESS
}

/// Prints `volumes` as a table whose columns are as wide as their widest cell, then the count.
fn print_table(volumes: &[ListVolumesVolumes]) {
    const HEADERS: [&str; 6] = ["ID", "NAME", "STATUS", "SIZE (GB)", "TYPE", "AZ"];
    // SIZE is a number: right-aligned.
    const RIGHT_ALIGNED: [bool; 6] = [false, false, false, true, false, false];
    let rows: Vec<[String; 6]> = volumes
        .iter()
        .map(|volume| {
            [
                cell(volume.id.as_deref()),
                cell(volume.name.as_deref()),
                cell(volume.status.as_deref()),
                volume
                    .size
                    .map_or_else(|| "-".to_owned(), |s| s.to_string()),
                cell(volume.volume_type.as_ref().map(|t| t.as_str())),
                cell(volume.availability_zone.as_deref()),
            ]
        })
        .collect();
    let mut widths = HEADERS.map(display_width);
    for row in &rows {
        for (width, text) in widths.iter_mut().zip(row) {
            *width = (*width).max(display_width(text));
        }
    }
    let headers = HEADERS.map(str::to_owned);
    for row in std::iter::once(&headers).chain(&rows) {
        let mut line = String::new();
        for (column, text) in row.iter().enumerate() {
            let padding = " ".repeat(widths[column] - display_width(text));
            if column > 0 {
                line.push_str("  ");
            }
            if RIGHT_ALIGNED[column] {
                line.push_str(&padding);
                line.push_str(text);
            } else {
                line.push_str(text);
                line.push_str(&padding);
            }
        }
        println!("{}", line.trim_end());
    }
    println!("{} volume(s)", volumes.len());
}

/// Server text as a table cell: escaped and bounded; `-` when absent.
fn cell(text: Option<&str>) -> String {
    text.map_or_else(|| "-".to_owned(), |text| Excerpt::of(text).to_string())
}

/// Terminal columns `text` takes, counting East Asian wide and fullwidth characters (and
/// emoji) as two. Cells are escaped first, so no control, format or combining character (the
/// zero-width ones) is left to count.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(u32::from(c),
                0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x1F300..=0x1F64F
                | 0x1F900..=0x1F9FF
                | 0x20000..=0x3FFFD);
            if wide { 2 } else { 1 }
        })
        .sum()
}
