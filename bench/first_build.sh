#!/usr/bin/env bash
# bench/first_build.sh BEFORE_REF [AFTER_REF] [RUNS]: how long a new user's first build takes.
# A minimal application that depends on `huaweicloud-sdk-drs` (and tokio, to run it) is built
# from an empty target directory, debug and release, RUNS times each (default 3), against the
# crates of BEFORE_REF and of AFTER_REF (default HEAD), each checked out on its own, the runs
# interleaved so that both sides see the same machine.
# Crates are downloaded beforehand (`cargo fetch`): the time is compiling, not the network.
# Prints one Markdown table of medians: wall seconds and user+sys CPU seconds (the CPU time is
# steadier when the machine is busy), and the number of crates compiled.
# Scratch files go to bench/work/first-build/.
set -euo pipefail
BEFORE=${1:?usage: bench/first_build.sh BEFORE_REF [AFTER_REF] [RUNS]}
AFTER=${2:-HEAD}
RUNS=${3:-3}
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
WORK=$BENCH/work/first-build
say() { echo "== $*" >&2; }
command -v /usr/bin/time > /dev/null || { echo "GNU time (Debian package time) is needed" >&2; exit 1; }

remove_trees() {
    for side in before after; do
        git -C "$ROOT" worktree remove --force "$WORK/tree-$side" 2> /dev/null || true
    done
}
remove_trees
rm -rf "$WORK" && mkdir -p "$WORK"
trap remove_trees EXIT
git -C "$ROOT" worktree add --quiet --detach "$WORK/tree-before" "$BEFORE"
git -C "$ROOT" worktree add --quiet --detach "$WORK/tree-after" "$AFTER"

# One application per side, outside both workspaces, with the repository's lock file so that
# both resolve the versions the project tests with.
for side in before after; do
    tree=$WORK/tree-$side
    app=$WORK/app-$side
    mkdir -p "$app/src"
    cat > "$app/Cargo.toml" <<EOF
[package]
name = "first-build-$side"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
huaweicloud-sdk-drs = { path = "$tree/generated/drs" }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

[workspace]
EOF
    cat > "$app/src/main.rs" <<'EOF'
use huaweicloud_sdk_drs::operations::collect_db_objects_info::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = huaweicloud_sdk_drs::client()
        .from_env()?
        .region("ap-southeast-1")
        .build()?;
    let request = CollectDbObjectsInfoRequest::new(
        "job-id",
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Source),
    );
    let accepted = client.send(&request).await?;
    println!("{:?}", accepted.id);
    Ok(())
}
EOF
    cp "$ROOT/Cargo.lock" "$app/Cargo.lock"
    (cd "$app" && cargo fetch --quiet)
done

# Median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for run in $(seq "$RUNS"); do
    for profile in debug release; do
        for side in before after; do
            app=$WORK/app-$side
            flag=""
            [ "$profile" = release ] && flag=--release
            rm -rf "$app/target"
            say "run $run, $profile, $side"
            /usr/bin/time -f "%e %U %S" -o "$WORK/time" \
                cargo build --quiet --offline $flag --manifest-path "$app/Cargo.toml"
            read -r wall user sys < "$WORK/time"
            crates=$(find "$app/target/$profile/deps" -name '*.rlib' | sed 's/-[0-9a-f]*\.rlib$//' | sort -u | wc -l)
            echo "$profile $side $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $crates" >> "$WORK/results"
        done
    done
done

echo "| profile | side | wall, s (median of $RUNS) | user+sys CPU, s | crates compiled (rlibs) |"
echo "| --- | --- | --- | --- | --- |"
for profile in debug release; do
    for side in before after; do
        wall=$(awk -v p=$profile -v s=$side '$1 == p && $2 == s { print $3 }' "$WORK/results" | median)
        cpu=$(awk -v p=$profile -v s=$side '$1 == p && $2 == s { print $4 }' "$WORK/results" | median)
        crates=$(awk -v p=$profile -v s=$side '$1 == p && $2 == s { print $5 }' "$WORK/results" | tail -1)
        echo "| $profile | $side | $wall | $cpu | $crates |"
    done
done
