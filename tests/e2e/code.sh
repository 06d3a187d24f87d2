#!/usr/bin/env bash
# End-to-end test of `dyad code`: the article record of the CLI contract on
# a JSONL input of our own, the --tokens and --dict options, skipped
# dictionary lines reported with file and line, and the exit statuses.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/articles.jsonl" <<'JSONL'
{"id": "a1", "date": "2025-03-04", "title": "Talks", "text": "Foreign ministers met in Geneva on Tuesday. They agreed to meet again.", "source": "test", "lang": "en"}
{"id": "a2", "text": "Prices rose sharply in March."}
JSONL

"$DYAD" code "$work/articles.jsonl" > "$work/out.jsonl"
python3 - "$work/out.jsonl" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
assert len(records) == 2, records
first = records[0]
for key in ("id", "date", "title", "text", "sentences", "actors", "events", "quotes",
            "numbers", "places", "dates"):
    assert key in first, key
assert first["id"] == "a1" and first["date"] == "2025-03-04" and first["title"] == "Talks"
assert first["meta"] == {"lang": "en"}
assert len(first["sentences"]) == 2
sentence = first["sentences"][0]
for key in ("index", "start", "end", "text"):
    assert key in sentence, key
assert "tokens" not in sentence
assert first["text"][sentence["start"]:sentence["end"]] == sentence["text"]
for key in ("actors", "events", "quotes", "numbers", "places", "dates"):
    assert isinstance(first[key], list), key
for event in first["events"]:
    for key in ("sentence", "source", "target", "cameo", "root", "quad_class", "goldstein",
                "plover", "negated", "trigger", "pattern", "date"):
        assert key in event, key
second = records[1]
assert second["date"] is None and second["title"] is None and second["events"] == []
PY

# --tokens adds the tokens, with offsets into the text
"$DYAD" code --tokens "$work/articles.jsonl" > "$work/tokens.jsonl"
python3 - "$work/tokens.jsonl" <<'PY'
import json, sys
record = json.loads(open(sys.argv[1]).readline())
tokens = record["sentences"][0]["tokens"]
assert tokens and all(record["text"][t["start"]:t["end"]] == t["text"] for t in tokens)
PY

# a field dictionary with a bad line: reported with file and line, and the
# run goes on
cat > "$work/extra.verbs.txt" <<'VERBS'
--- GREET [043] ---
GREET
- * WARMLY [051]
- * NO CODE HERE
VERBS
"$DYAD" code --dict "$work/extra.verbs.txt" "$work/articles.jsonl" > "$work/dict.jsonl" 2> "$work/dict.err"
grep -q "extra.verbs.txt:4:" "$work/dict.err"
grep -q "1 dictionary line skipped" "$work/dict.err"
[ "$(wc -l < "$work/dict.jsonl")" -eq 2 ]

# --no-default-dict needs a dictionary; unknown options are usage errors
set +e
"$DYAD" code --no-default-dict "$work/articles.jsonl" > /dev/null 2>&1
[ $? -eq 2 ] || { echo "--no-default-dict alone should be a usage error"; exit 1; }
"$DYAD" code --frobnicate "$work/articles.jsonl" > /dev/null 2>&1
[ $? -eq 2 ] || { echo "unknown option should exit 2"; exit 1; }
"$DYAD" code --dict "$work/missing.txt" "$work/articles.jsonl" > /dev/null 2> "$work/missing.err"
[ $? -eq 1 ] || { echo "a missing dictionary should exit 1"; exit 1; }
set -e
grep -q "missing.txt" "$work/missing.err"

# a bad record is reported and the others are still written (exit 1)
printf '%s\n' '{"id": "ok", "text": "Fine."}' '{"id": "bad", "text": ' '{"id": "ok2", "text": "Also fine."}' > "$work/mixed.jsonl"
set +e
"$DYAD" code "$work/mixed.jsonl" > "$work/mixed.out" 2> "$work/mixed.err"
status=$?
set -e
[ "$status" -eq 1 ]
[ "$(wc -l < "$work/mixed.out")" -eq 2 ]
grep -q "mixed.jsonl:2:" "$work/mixed.err"
echo "code: ok"
