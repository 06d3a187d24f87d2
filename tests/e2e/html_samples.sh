#!/bin/sh
# The HTML and WARC samples in data/samples go through `dyad segment`:
# every page yields its article (3 pages, 2 articles in the archive) with
# title and date from its metadata, and none of the page furniture.
set -eu
samples="$DYAD_SOURCE_ROOT/data/samples"
out=$("$DYAD" segment "$samples"/*.html "$samples"/*.warc)
records=$(printf '%s\n' "$out" | grep -c '^{')
[ "$records" -eq 5 ] || { echo "expected 5 articles, got $records"; exit 1; }
for furniture in "cookies" "Sign up" "Related stories" "All rights reserved" "Most read" \
                 "comments" "Share on" "Subscribe" "Recommended" "Tags:"; do
    if printf '%s\n' "$out" | grep -q "$furniture"; then
        echo "page furniture left in the text: $furniture"
        exit 1
    fi
done
for expected in '"date":"2025-03-14T09:40:00+02:00"' '"date":"2025-06-02T17:25:00Z"' \
                '"date":"2025-09-11"' 'Pe\\u00f1aflor\|Peñaflor' 'Dolmabahçe' \
                '"title":"Mali and Niger agree border ceasefire after ECOWAS mediation"'; do
    printf '%s\n' "$out" | grep -q "$expected" || { echo "missing: $expected"; exit 1; }
done
# the archive read from standard input, sniffed by its first bytes
piped=$("$DYAD" segment < "$samples/diplomacy-crawl.warc" | grep -c '^{')
[ "$piped" -eq 2 ] || { echo "expected 2 articles from stdin, got $piped"; exit 1; }
echo "ok: $records articles"
