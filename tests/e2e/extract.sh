#!/bin/sh
# End-to-end test of `dyad extract` and `dyad eval extraction`: the JSON
# layout of the CLI contract, exit codes, and the evaluation's report.
set -eu
: "${DYAD:?}" "${DYAD_SOURCE_ROOT:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/story.jsonl" <<'JSON'
{"id": "s1", "date": "2025-12-05", "text": "Russian drones struck Kharkiv on Wednesday, killing at least 12 people, the governor said.\n\n“We will rebuild,” Mayor Ihor Terekhov told reporters. Ukraine asked for $400 million."}
not json at all
{"id": "s2", "text": "Talks resumed in Geneva last week."}
JSON

status=0
"$DYAD" extract "$work/story.jsonl" > "$work/out.jsonl" 2> "$work/err.txt" || status=$?
test "$status" -eq 1 || { echo "expected exit status 1 for a bad record, got $status"; exit 1; }
grep -q "story.jsonl:2:" "$work/err.txt" || { echo "the bad record is not reported"; cat "$work/err.txt"; exit 1; }

python3 - "$work/out.jsonl" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert [r["id"] for r in records] == ["s1", "s2"], records
first = records[0]
for key in ("id", "date", "title", "text", "quotes", "numbers", "places", "dates"):
    assert key in first, key
text = first["text"]
def span(item):
    return text.encode()[item["start"]:item["end"]].decode()
for kind in ("quotes", "numbers", "places", "dates"):
    for item in first[kind]:
        assert span(item) == item["text"], (kind, item)
quotes = {q["text"]: q for q in first["quotes"]}
rebuild = quotes["We will rebuild,"]
assert rebuild["direct"] is True and rebuild["speaker"]["text"] == "Mayor Ihor Terekhov", rebuild
assert set(rebuild["speaker"]) == {"text", "name", "code", "country"}
reported = [q for q in first["quotes"] if not q["direct"]]
assert reported and reported[0]["speaker"]["text"] == "the governor", reported
killed = [n for n in first["numbers"] if n["value"] == 12][0]
assert killed["category"] == "killed" and killed["unit"] == "person", killed
assert killed["claimed_by"]["text"] == "the governor", killed
money = [n for n in first["numbers"] if n["unit"] == "USD"][0]
assert money["value"] == 400e6 and money["low"] == money["high"] == 400e6, money
assert {d["text"]: d["value"] for d in first["dates"]} == {"Wednesday": "2025-12-03"}, first["dates"]
places = {p["text"]: p for p in first["places"]}
assert places["Ukraine"]["country"] == "UKR", places   # countries need no npm package
for p in first["places"]:
    assert set(p) >= {"text", "start", "end", "country", "admin1", "lat", "lon"}, p
second = records[1]
assert second["date"] is None
assert [d["value"] for d in second["dates"]] == [None], second["dates"]   # no article date
PY

status=0
"$DYAD" extract --no-such-option "$work/story.jsonl" > /dev/null 2>&1 || status=$?
test "$status" -eq 2 || { echo "expected exit status 2 for a usage error, got $status"; exit 1; }

"$DYAD" eval extraction --gold "$DYAD_SOURCE_ROOT/data/eval/extraction/dev.txt" > "$work/eval.txt"
for kind in quotes figures dates places; do
    grep -Eq "^$kind precision [0-9.]+ recall [0-9.]+" "$work/eval.txt" ||
        { echo "no $kind line in the evaluation"; cat "$work/eval.txt"; exit 1; }
done
status=0
"$DYAD" eval extraction > /dev/null 2>&1 || status=$?
test "$status" -eq 2 || { echo "expected exit status 2 without --gold, got $status"; exit 1; }
echo "extract: ok"
