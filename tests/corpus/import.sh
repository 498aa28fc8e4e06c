#!/bin/sh
# Re-imports the English page corpora of ../shared (beside the repository) into
# tests/corpus/spec, one service per page (`corpus-<page file stem>`), so that every page's
# spec is generated, compiled, linted and documented as its own crate by `specgen generate`
# and .ci/run. The test target `corpus` (feature shared-corpus) checks that every committed
# spec here is what the importer writes for its page.
# Usage, from the repository root: tests/corpus/import.sh, then `cargo run -p specgen -- generate`.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED_DIR:-$root/../shared}
specgen="cargo run --quiet -p specgen --"
rm -rf "$root/tests/corpus/spec"
mkdir -p "$root/tests/corpus/spec"
for page in "$shared"/pages/*.txt "$shared"/pages-more/*.txt; do
    stem=$(basename "$page" .txt)
    stem=${stem%.tsv}
    service="corpus-$(printf '%s' "$stem" | tr 'A-Z' 'a-z')"
    case "$stem" in
        cs-batch-delete-jobs) continue ;; # a listed known limitation (tests/tests/corpus.rs)
    esac
    (cd "$root" && $specgen import "$page" --service "$service" --spec tests/corpus/spec >/dev/null)
done
echo "imported $(find "$root/tests/corpus/spec" -name '*.yaml' -path '*/operations/*' | wc -l) pages into tests/corpus/spec"
