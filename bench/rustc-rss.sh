#!/usr/bin/env bash
# RUSTC_WRAPPER for the benchmarks: runs rustc (its first argument) under /usr/bin/time and
# appends "<crate name> <peak RSS in KiB> <wall seconds> <check|build>" to $BENCH_RSS_LOG for
# each compilation. Cargo's own RSS is small; this is the compiler's.
# Cargo parses rustc's stderr (JSON diagnostics), so time writes to a file of its own.
set -u
crate=-
mode=build
prev=
for arg in "$@"; do
  case "$prev" in
    --crate-name) crate=$arg ;;
  esac
  case "$arg" in
    --emit=*link*) mode=build ;;
    --emit=*) mode=check ;;
  esac
  prev=$arg
done
if [ -z "${BENCH_RSS_LOG:-}" ] || [ "$crate" = - ]; then
  exec "$@"
fi
stats=$(mktemp)
/usr/bin/time -o "$stats" -f '%M %e' "$@"
status=$?
read -r rss secs < <(tail -n 1 "$stats")
rm -f "$stats"
echo "$crate ${rss:-0} ${secs:-0} $mode" >> "$BENCH_RSS_LOG"
exit $status
