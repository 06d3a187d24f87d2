#!/bin/sh
# `dyad eval extract` on the article-extraction benchmark pages in
# ../shared: every page is extracted and the F1 of word 4-gram shingles
# stays above a floor (measured 0.98 when written; the floor leaves room
# for changes that trade a little here for held-out pages).
set -eu
gold="${DYAD_SHARED:-$DYAD_SOURCE_ROOT/../shared}/data/article-extraction"
if [ ! -f "$gold/ground-truth.json" ]; then
    echo "skip: $gold not present (the shared data is needed for this test)"
    exit 77
fi
out=$("$DYAD" eval extract --gold "$gold")
echo "$out"
echo "$out" | awk '
    $1 == "pages" { pages = $2 }
    $1 == "failed" { failed = $2 }
    $1 == "F1" { f1 = $2 }
    END {
        if (pages < 90) { print "too few pages: " pages; exit 1 }
        if (failed > 1) { print "extraction failed on " failed " pages"; exit 1 }
        if (f1 < 0.93) { print "F1 " f1 " below the floor 0.93"; exit 1 }
    }'
