#!/bin/sh
# Fills fuzz/corpus/ with the seed inputs at run time. The captured pages are Huawei Cloud's
# published documentation, so no copies are kept in the repository; the spec YAML files are
# copied too, so that the seeds always match the current specs.
#   page_parser: /work/shared/pages/*.txt (or $PAGES_DIR/*.txt)
#   spec_loader: spec/**/*.yaml of this repository
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pages=${PAGES_DIR:-/work/shared/pages}
mkdir -p "$here/corpus/page_parser" "$here/corpus/spec_loader"
for f in "$pages"/*.txt; do
    [ -e "$f" ] || { echo "seed.sh: no pages in $pages" >&2; break; }
    cp "$f" "$here/corpus/page_parser/seed-$(basename "$f")"
done
find "$here/../spec" -name '*.yaml' | while read -r f; do
    rel=${f#"$here/../spec/"}
    cp "$f" "$here/corpus/spec_loader/seed-$(printf '%s' "$rel" | tr '/' '_')"
done
echo "seeded: $(ls "$here/corpus/page_parser" | wc -l) page_parser, $(ls "$here/corpus/spec_loader" | wc -l) spec_loader inputs"
