#!/bin/sh
# Fills fuzz/corpus/ with the seed inputs at run time. The captured pages are Huawei Cloud's
# published documentation, so no copies are kept in the repository; the spec YAML files are
# copied too, so that the seeds always match the current specs.
#   import_page, read_*: the page corpora in $SHARED_DIR (default: ../shared beside the
#                        repository): pages/*.txt, pages-more/*.txt, pages-zh/*/*.md
#   spec_loader:         spec/**/*.yaml of this repository
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED_DIR:-$here/../../shared}
targets="import_page read_text read_tsv read_markdown read_html"
for target in $targets spec_loader; do
    mkdir -p "$here/corpus/$target"
done
for f in "$shared"/pages/*.txt "$shared"/pages-more/*.txt "$shared"/pages-zh/*/*.md; do
    [ -e "$f" ] || continue
    for target in $targets; do
        cp "$f" "$here/corpus/$target/seed-$(basename "$f")"
    done
done
find "$here/../spec" -name '*.yaml' | while read -r f; do
    rel=${f#"$here/../spec/"}
    cp "$f" "$here/corpus/spec_loader/seed-$(printf '%s' "$rel" | tr '/' '_')"
done
for target in $targets spec_loader; do
    echo "seeded: $(ls "$here/corpus/$target" | wc -l) $target inputs"
done
