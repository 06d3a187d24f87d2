#!/usr/bin/env bash
# End-to-end test of `dyad actors` and `dyad eval actors`: the JSONL
# layout, dictionary load statistics (ours, and the Phoenix set when
# ../shared is there), the unknown-name listing and the evaluation.
set -euo pipefail
: "${DYAD:?DYAD must point to the dyad binary}"
: "${DYAD_SOURCE_ROOT:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > "$work/story.txt" <<'TEXT'
Russian President Vladimir Putin met Ukraine's foreign minister in Moscow.
Hamas gunmen and Ukrainian troops were not there.
TEXT
"$DYAD" actors --date 2025-12-01 "$work/story.txt" > "$work/out.jsonl"
grep -q '^{"id":"story","date":"2025-12-01","actors":\[' "$work/out.jsonl" || fail "record layout"
grep -q '"text":"Russian President Vladimir Putin","start":0,"end":32,"sentence":0,"code":"RUSGOV","country":"RUS","sector":"GOV","kind":"person"' "$work/out.jsonl" || fail "Putin"
grep -q '"code":"UKRGOV"' "$work/out.jsonl" || fail "Ukraine's foreign minister"
grep -q '"text":"Moscow"[^}]*"code":"RUS"' "$work/out.jsonl" || fail "Moscow as a place"
grep -q '"code":"PSEHMSMIL"' "$work/out.jsonl" || fail "Hamas gunmen"
[ "$(wc -l < "$work/out.jsonl")" -eq 1 ] || fail "one line per article"

# the same with four threads and from standard input
printf '{"id":"a","date":"2023-03-01","text":"Joe Biden met Xi Jinping."}\n{"id":"b","date":"2025-03-01","text":"Joe Biden met Xi Jinping."}\n' > "$work/in.jsonl"
"$DYAD" actors -j 4 < "$work/in.jsonl" > "$work/threads.jsonl"
grep '"id":"a"' "$work/threads.jsonl" | grep -q '"code":"USAGOV"' || fail "Biden in 2023"
grep '"id":"b"' "$work/threads.jsonl" | grep -q '"code":"USAELI"' || fail "Biden in 2025"

"$DYAD" actors --load-stats > "$work/stats.txt"
grep -q '^reported lines 0$' "$work/stats.txt" || fail "our dictionaries are clean"
grep -q '^load seconds ' "$work/stats.txt" || fail "load time"

# unknown names, most frequent first
printf '{"id":"1","text":"Aziz Karimov met Olena Bondar."}\n{"id":"2","text":"Aziz Karimov spoke again."}\n' > "$work/unknown.jsonl"
"$DYAD" actors --unknown "$work/unknown.jsonl" > "$work/unknown.txt"
head -1 "$work/unknown.txt" | grep -q $'^2\tAziz Karimov\tAziz Karimov met Olena Bondar.$' || fail "unknown listing"

"$DYAD" eval actors --gold "$DYAD_SOURCE_ROOT/tests/data/actors/gold.txt" > "$work/eval.txt"
grep -q '^precision 0\.9[5-9][0-9]$\|^precision 1\.000$' "$work/eval.txt" || fail "precision below 0.95: $(cat "$work/eval.txt")"
grep -q '^recall 0\.9[0-9][0-9]$\|^recall 1\.000$' "$work/eval.txt" || fail "recall below 0.90"

status=0
"$DYAD" actors --no-such-option 2> /dev/null || status=$?
[ "$status" -eq 2 ] || fail "usage errors exit 2"

shared="${DYAD_SHARED:-$DYAD_SOURCE_ROOT/../shared}/data/petrarch"
if [ -d "$shared" ]; then
    "$DYAD" actors --load-stats --no-default-dict --dict "$shared/Phoenix.Countries.actors.txt" \
        --dict "$shared/Phoenix.International.actors.txt" \
        --dict "$shared/Phoenix.MilNonState.actors.txt" --dict "$shared/Phoenix.agents.txt" \
        --dict "$shared/Phoenix.discards.txt" --dict "$shared/CAMEO.2.0.txt" \
        > "$work/phoenix.txt" 2> "$work/phoenix.err"
    grep -q '^actor entries 27211$' "$work/phoenix.txt" || fail "Phoenix entries"
    grep -q '^reported lines 14$' "$work/phoenix.txt" || fail "Phoenix reported lines"
    [ "$(wc -l < "$work/phoenix.err")" -eq 14 ] || fail "each reported line on stderr"
    "$DYAD" actors --date 2013-01-01 --dict "$shared/Phoenix.Countries.actors.txt" \
        --dict "$shared/Phoenix.agents.txt" "$work/story.txt" | grep -q '"code":"RUSGOV"' ||
        fail "coding with the Phoenix dictionaries"
else
    echo "skipped the Phoenix checks: $shared not found"
fi
echo "actors: ok"
