#!/usr/bin/env bash
# `dyad eval tag` on EWT dev with the committed models: the contract's
# figure lines, sane values, and usage errors.  Skips (77) without ../shared.
set -euo pipefail
gold="${DYAD_SHARED:-$DYAD_SOURCE_ROOT/../shared}/data/ud-english-ewt/en_ewt-ud-dev.conllu"
if [ ! -f "$gold" ]; then
    echo "skipped: $gold not found (../shared is absent)"
    exit 77
fi
out=$("$DYAD" eval tag --gold "$gold" --data-dir "$DYAD_SOURCE_ROOT/data")
echo "$out"
[ "$(echo "$out" | cut -d' ' -f1 | tr '\n' ' ')" = "UPOS XPOS lemmas tokens/s " ] ||
    { echo "unexpected figure lines"; exit 1; }
above() { awk -v name="$1" -v floor="$2" '$1 == name { found = 1; if ($2 < floor) exit 1 }
                                          END { if (!found) exit 1 }' <<<"$out"; }
above UPOS 94.5 || { echo "UPOS below 94.5"; exit 1; }
above XPOS 93.5 || { echo "XPOS below 93.5"; exit 1; }
above lemmas 96 || { echo "lemmas below 96"; exit 1; }
above tokens/s 1 || { echo "no speed figure"; exit 1; }

# usage errors exit 2; a missing gold file exits 1 naming it
set +e
"$DYAD" eval tag >/dev/null 2>&1; [ $? -eq 2 ] || { echo "no usage error without --gold"; exit 1; }
"$DYAD" train tagger --train "$gold" >/dev/null 2>&1; [ $? -eq 2 ] || { echo "no usage error without --dev"; exit 1; }
message=$("$DYAD" eval tag --gold /nonexistent.conllu --data-dir "$DYAD_SOURCE_ROOT/data" 2>&1)
[ $? -eq 1 ] && [[ "$message" == *"/nonexistent.conllu"* ]] || { echo "bad error for a missing file: $message"; exit 1; }
exit 0
