#!/usr/bin/env bash
# Prints every accuracy and speed figure the README quotes, each under the
# command that produced it.  Needs ../shared (UD EWT, PETRARCH files, the
# article-extraction benchmark) and a built dyad (scripts/setup.sh).
# Speeds depend on the machine and its load; accuracy figures do not.
set -uo pipefail
cd "$(dirname "$0")/.."
shared="${DYAD_SHARED:-../shared}"
ewt="$shared/data/ud-english-ewt"
dyad=build/dyad
run() {
    echo "\$ $*"
    "$@" 2>&1 | sed 's/^/    /'
}
run $dyad eval tokenize --gold "$ewt/en_ewt-ud-test.conllu"
run $dyad eval extract --gold "$shared/data/article-extraction"
run $dyad eval tag --gold "$ewt/en_ewt-ud-test.conllu"
run $dyad eval parse --gold "$ewt/en_ewt-ud-test.conllu"
run $dyad eval parse --gold "$ewt/en_ewt-ud-test.conllu" --raw
run $dyad eval parse --gold "$ewt/en_ewt-ud-test.conllu" --gold-tags
# the beam parser, when one was trained here (not committed: scripts/train-models.sh parser-beam4)
if [ -f data/nlp/parser-beam4.model ]; then
    run $dyad eval parse --gold "$ewt/en_ewt-ud-test.conllu" --parser data/nlp/parser-beam4.model --beam 8
    run $dyad eval parse --gold "$ewt/en_ewt-ud-test.conllu" --parser data/nlp/parser-beam4.model --beam 8 --raw
fi
for set in gold heldout heldout2; do
    run $dyad eval actors --gold tests/data/actors/$set.txt
done
for set in dev test holdout; do
    run $dyad eval extraction --gold data/eval/extraction/$set.txt
done
for set in dev heldout heldout2; do
    run $dyad eval events --gold tests/data/events/$set.txt
done
echo "\$ dyad validate PETR.UnitTest.dev.xml"; $dyad validate "$shared/data/petrarch/PETR.UnitTest.dev.xml" | tail -1 | sed "s/^/    /"
run $dyad actors --load-stats --no-default-dict \
    --dict "$shared/data/petrarch/Phoenix.Countries.actors.txt" \
    --dict "$shared/data/petrarch/Phoenix.International.actors.txt" \
    --dict "$shared/data/petrarch/Phoenix.MilNonState.actors.txt" \
    --dict "$shared/data/petrarch/Phoenix.agents.txt" \
    --dict "$shared/data/petrarch/Phoenix.discards.txt"
# speed: news-like JSONL built from EWT text at run time
input=$(mktemp /tmp/dyad-bench-XXXXXX.jsonl)
python3 scripts/make-benchmark-input.py --megabytes 20 > "$input"
echo "\$ dyad segment (20 MB of JSONL)"
/usr/bin/time -f "    %U s user, %M KB peak" $dyad segment "$input" > /dev/null
run $dyad bench data/samples/articles.jsonl
run $dyad bench "$input"
run $dyad bench -j 2 "$input"
rm -f "$input"
