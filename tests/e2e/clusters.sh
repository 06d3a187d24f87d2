#!/usr/bin/env bash
# `dyad train clusters` on a small corpus of our own (a toy grammar's
# sentences): a model and a listing are written, the same input gives the
# same bytes, and bad options are usage errors.  Then `dyad eval clusters`
# with the committed model on EWT dev (skipped without ../shared).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the corpus: paragraphs of "DET NOUN VERB DET NOUN ." with words drawn
# at random (a fixed seed) from fixed lists
awk 'function pick(list, n) { return list[int(rand() * n) + 1] }
BEGIN {
    srand(11)
    split("the a this every", det, " "); split("cat dog farmer teacher horse child", noun, " ")
    split("saw chased liked fed found helped", verb, " ")
    for (p = 0; p < 300; p++) {
        line = ""
        for (s = 0; s < 3; s++)
            line = line pick(det, 4) " " pick(noun, 6) " " pick(verb, 6) " " pick(det, 4) " " \
                   pick(noun, 6) " . "
        print line
    }
}' >"$work/corpus.txt"

"$DYAD" train clusters --corpus "$work/corpus.txt" --classes 2,4,8 --out "$work/a.model" \
    --words "$work/a.words" --data-dir "$DYAD_SOURCE_ROOT/data" 2>"$work/progress"
grep -q "pass 1: moved" "$work/progress" || { echo "no progress lines"; cat "$work/progress"; exit 1; }
grep -q "wrote 17 words in 2/4/8 classes" "$work/progress" || { echo "not the 17 words"; cat "$work/progress"; exit 1; }
[ "$(grep -vc '^#' "$work/a.words")" -eq 17 ] || { echo "the listing lacks words"; exit 1; }
# the nouns share one class at the middle level, and so do the verbs
nouns=$(awk -F'\t' '$5 ~ /^(cat|dog|farmer|teacher|horse|child)$/ { print $2 }' "$work/a.words" | sort -u | wc -l)
verbs=$(awk -F'\t' '$5 ~ /^(saw|chased|liked|fed|found|helped)$/ { print $2 }' "$work/a.words" | sort -u | wc -l)
[ "$nouns" -eq 1 ] && [ "$verbs" -eq 1 ] || { echo "nouns or verbs split at level 1"; cat "$work/a.words"; exit 1; }
"$DYAD" train clusters --corpus "$work/corpus.txt" --classes 2,4,8 --out "$work/b.model" \
    --data-dir "$DYAD_SOURCE_ROOT/data" 2>/dev/null
cmp -s "$work/a.model" "$work/b.model" || { echo "two runs on one corpus differ"; exit 1; }

set +e
"$DYAD" train clusters >/dev/null 2>&1; [ $? -eq 2 ] || { echo "no usage error without --corpus"; exit 1; }
"$DYAD" train clusters --corpus "$work/corpus.txt" --classes 8,4,2 >/dev/null 2>&1
[ $? -eq 2 ] || { echo "no usage error for shrinking --classes"; exit 1; }
"$DYAD" train clusters --corpus "$work/corpus.txt" --iterations 0 >/dev/null 2>&1
[ $? -eq 2 ] || { echo "no usage error for --iterations 0"; exit 1; }
message=$("$DYAD" train clusters --corpus /nonexistent.txt --out "$work/c.model" 2>&1)
[ $? -eq 1 ] && [[ "$message" == *"/nonexistent.txt"* ]] || { echo "bad error for a missing corpus: $message"; exit 1; }
message=$("$DYAD" train clusters --corpus "$work/corpus.txt" --out "$work/c.model" 2>&1)
[ $? -eq 1 ] && [[ "$message" == *"fewer than the 512 classes"* ]] || { echo "bad error for a small corpus: $message"; exit 1; }
set -e

ewt="${DYAD_SHARED:-$DYAD_SOURCE_ROOT/../shared}/data/ud-english-ewt"
if [ ! -f "$ewt/en_ewt-ud-dev.conllu" ]; then
    echo "eval clusters skipped: $ewt not found (../shared is absent)"
    exit 0
fi
out=$("$DYAD" eval clusters --train "$ewt/en_ewt-ud-train.conllu" --gold "$ewt/en_ewt-ud-dev.conllu" \
    --data-dir "$DYAD_SOURCE_ROOT/data")
echo "$out"
# floors well under the committed model's figures (docs/clusters.md)
awk 'function percent(field) { gsub(/[(%)]/, "", field); return field + 0 }
     /^all words/ { if (percent($8) < 95) bad = 1; seen++ }
     /^unseen in training words/ { if (percent($10) < 45) bad = 1; seen++ }
     /^all level 2:/ { if (percent($8) < 80) bad = 1; seen++ }
     /^unseen in training level 2:/ { if (percent($10) < 60) bad = 1; seen++ }
     /^lookups per second/ { seen++ }
     END { exit bad || seen != 5 }' <<<"$out" || { echo "eval clusters figures missing or under their floors"; exit 1; }
