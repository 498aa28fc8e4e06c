#!/usr/bin/env bash
# bench/service.sh SERVICE [RUNS]: a committed service (spec/SERVICE) beside progenitor fed our
# OpenAPI 3.0 export of it, measured as bench/run measures the synthetic API: generation
# (wall, peak RSS, lines of Rust), and `cargo check` / `cargo build` from scratch of the API's
# own crates (dependencies built beforehand, CARGO_INCREMENTAL=0, every crate of the API
# cleaned before each run). Prints one Markdown table; scratch files go to bench/work/SERVICE/.
#
# Needs what bench/run needs: GNU time, cargo-progenitor in bench/tools (bench/run installs it).
set -euo pipefail
SERVICE=${1:?usage: bench/service.sh SERVICE [RUNS]}
RUNS=${2:-3}
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
WORK=$BENCH/work/$SERVICE
PROGENITOR_BIN=$BENCH/tools/bin/cargo-progenitor
mkdir -p "$WORK"
say() { echo "== $*" >&2; }
[ -x "$PROGENITOR_BIN" ] || { echo "cargo-progenitor is missing from bench/tools: run bench/run once" >&2; exit 1; }

(cd "$ROOT" && cargo build --quiet --release -p specgen)
SPECGEN=${CARGO_TARGET_DIR:-$ROOT/target}/release/specgen

# The service alone, so both generators see the same API.
rm -rf "$WORK/spec" && mkdir -p "$WORK/spec" && cp -r "$ROOT/spec/$SERVICE" "$WORK/spec/"
"$SPECGEN" openapi --spec "$WORK/spec" --service "$SERVICE" --openapi 3.0 --out "$WORK/api.json" 2> /dev/null
# progenitor 0.15.1 makes one Rust parameter of two whose names differ only in punctuation
# (EVS's Cinder v3 `name` and `name~`) and its crate does not compile (E0415); its copy of the
# document renames the later one (`name~` → `name_2`), which changes no amount of code.
python3 - "$WORK/api.json" <<'PY'
import json, re, sys
path = sys.argv[1]
document = json.load(open(path, encoding="utf-8"))
renamed = 0
for item in document["paths"].values():
    for operation in item.values():
        if not isinstance(operation, dict):
            continue
        seen = set()
        for parameter in operation.get("parameters", []):
            key = re.sub(r"[^a-z0-9]", "", parameter["name"].lower())
            while key in seen:
                parameter["name"] = re.sub(r"[^A-Za-z0-9_]", "", parameter["name"]) + "_2"
                key = re.sub(r"[^a-z0-9]", "", parameter["name"].lower())
                renamed += 1
            seen.add(key)
json.dump(document, open(path, "w", encoding="utf-8"), ensure_ascii=False)
print(f"progenitor's copy: {renamed} parameter(s) renamed", file=sys.stderr)
PY

# timed CMD...: prints "wall_s peak_rss_kb" of CMD.
timed() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -o "$WORK/time" -f '%M' "$@" > /dev/null 2> "$WORK/err" || { cat "$WORK/err" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$(python3 -c "print(round($end - $start, 3))") $(tail -n 1 "$WORK/time")"
}
median() { python3 -c "import statistics,sys; print(statistics.median(float(l.split()[int(sys.argv[1])-1]) for l in sys.stdin if l.strip()))" "$1"; }

say "generate: specgen ($((RUNS * 3)) runs), progenitor ($RUNS runs)"
: > "$WORK/gen-ours"; : > "$WORK/gen-prog"
for run in $(seq $((RUNS * 3))); do
  rm -rf "$WORK/gen-ours-out"
  timed "$SPECGEN" generate --spec "$WORK/spec" --out "$WORK/gen-ours-out" >> "$WORK/gen-ours"
done
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/prog"
  timed "$PROGENITOR_BIN" progenitor -i "$WORK/api.json" -o "$WORK/prog" -n "$SERVICE-progenitor" -v 0.1.0 >> "$WORK/gen-prog"
done
lines_ours=$(find "$WORK/gen-ours-out/$SERVICE" -name '*.rs' -print0 | xargs -0 cat | wc -l)
lines_prog=$(cat "$WORK/prog/src/lib.rs" | wc -l)

# compile WHO WORKSPACE CRATE_DIR...: medians of cargo check and cargo build from scratch.
compile() {
  local who=$1 ws=$2 packages=() dir
  shift 2
  export CARGO_TARGET_DIR=$WORK/target-$who
  for dir in "$@"; do packages+=("$(sed -n 's/^name = "\(.*\)"$/\1/p' "$dir/Cargo.toml" | head -n 1)"); done
  say "$who: building dependencies"
  for dir in "$@"; do mv "$dir/src/lib.rs" "$dir/src/lib.rs.real"; : > "$dir/src/lib.rs"; done
  (cd "$ws" && cargo build --quiet -p "${packages[0]}" && cargo check --quiet -p "${packages[0]}")
  for dir in "$@"; do mv "$dir/src/lib.rs.real" "$dir/src/lib.rs"; touch "$dir/src/lib.rs"; done
  local clean=()
  for package in "${packages[@]}"; do clean+=(-p "$package"); done
  for mode in check build; do
    say "$who: cargo $mode from scratch ($RUNS runs)"
    : > "$WORK/$mode-$who"
    for _ in $(seq "$RUNS"); do
      (cd "$ws" && cargo clean --quiet "${clean[@]}")
      (cd "$ws" && CARGO_INCREMENTAL=0 timed cargo "$mode" -p "${packages[0]}") >> "$WORK/$mode-$who"
    done
  done
  unset CARGO_TARGET_DIR
}

ws=$WORK/ours
rm -rf "$ws" && mkdir -p "$ws"
"$SPECGEN" generate --spec "$WORK/spec" --out "$ws" > /dev/null
printf '[workspace]\nresolver = "3"\nmembers = ["%s"]\n' "$SERVICE" > "$ws/Cargo.toml"
cp "$ROOT/Cargo.lock" "$ws/Cargo.lock"
crates=$(find "$ws/$SERVICE" -mindepth 2 -maxdepth 2 -name Cargo.toml -printf '%h\n' | sort)
# shellcheck disable=SC2086
compile ours "$ws" "$ws/$SERVICE" $crates
ours_crates=$(( $(echo "$crates" | grep -c . || true) + 1 ))

ws=$WORK/prog
printf '\n[workspace]\n' >> "$ws/Cargo.toml"
compile prog "$ws" "$ws"

row() { # LABEL OURS PROG
  python3 -c "
import sys
label, ours, prog = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
print(f'| {label} | {ours:g} | {prog:g} | {ours / prog:.2f} |')" "$@"
}
echo "| $SERVICE ($(find "$WORK/spec/$SERVICE/operations" -name '*.yaml' | wc -l) operations) | specgen | progenitor | ratio |"
echo "| --- | --- | --- | --- |"
row "generate: wall (s)" "$(median 1 < "$WORK/gen-ours")" "$(median 1 < "$WORK/gen-prog")"
row "generate: peak RSS (MB)" "$(python3 -c "print(round($(median 2 < "$WORK/gen-ours") / 1024))")" "$(python3 -c "print(round($(median 2 < "$WORK/gen-prog") / 1024))")"
row "lines of Rust emitted" "$lines_ours" "$lines_prog"
row "cargo check from scratch: wall (s), ours in $ours_crates crates" "$(median 1 < "$WORK/check-ours")" "$(median 1 < "$WORK/check-prog")"
row "cargo build from scratch: wall (s)" "$(median 1 < "$WORK/build-ours")" "$(median 1 < "$WORK/build-prog")"
