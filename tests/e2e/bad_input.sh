#!/usr/bin/env bash
# End-to-end test of `dyad segment` on bad input: empty files, binary junk,
# a 10 MB article with no full stop, malformed JSONL lines among good ones,
# unreadable and missing paths, truncated UTF-8, usage errors.  Each bad
# record gives one "dyad: FILE..." line on stderr naming the file and the
# line or byte; every good record is still written; the exit status follows
# the contract (0 all processed, 1 some record failed, 2 usage error); and
# stdout holds only whole JSON records.
# Environment: DYAD (the binary).
set -u
: "${DYAD:?DYAD must name the dyad binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/dyad-bad-input.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect_status WANT GOT WHAT
expect_status() {
    [ "$2" -eq "$1" ] || fail "$3: exit status $2, expected $1"
}

# every line of stdout is one complete JSON object
check_json_lines() {
    python3 - "$1" <<'EOF' || fail "$2: stdout is not whole JSON records"
import json, sys
data = open(sys.argv[1], "rb").read()
if data and not data.endswith(b"\n"):
    sys.exit("no final newline: a record was cut")
for number, line in enumerate(data.split(b"\n")[:-1], 1):
    record = json.loads(line)
    if not isinstance(record, dict) or "text" not in record or "sentences" not in record:
        sys.exit(f"line {number} is not a segment record")
EOF
}

# ids of the records written, one per line
ids() {
    python3 -c 'import json,sys
for line in open(sys.argv[1], encoding="utf-8"): print(json.loads(line)["id"])' "$1"
}

# expect_error STDERR PATTERN WHAT: a "dyad: " line matching PATTERN
expect_error() {
    grep -Eq "^dyad: $2" "$1" || { fail "$3: no error line matching '$2' in:"; cat "$1"; }
}

printf 'Talks between the two delegations ended on Tuesday. They will meet again.\n' > good.txt
: > empty.txt
printf '\n  \n\t\n' > blank.txt
head -c 4096 /dev/zero | tr '\0' '\001' > junk.txt
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00' >> junk.txt
mkdir directory.txt
printf 'Mediators met both sides in Cairo.\n\nThe talks will resume on Friday.\xe2\x80' > truncated.txt
{
    printf '{"id":"one","text":"The first article is fine."}\n'
    printf '{"id":"two","text":"This line stops in the middle\n'
    printf '{"id":"three","text":"The third article is fine."}\n'
    printf 'this is not JSON at all\n'
    printf '[1, 2, 3]\n'
    printf '{"id":"six","title":"no text here"}\n'
    printf '{"id":"seven","text":"The seventh article is fine."}\n'
    printf '{"id":"eight","text":"The last line is cut \xe2\x80'
} > records.jsonl
# 10 MB of words and commas, no full stop and no line break
python3 -c '
import sys
words = "talks continued between the delegations, "
sys.stdout.write(words * (10_000_000 // len(words)))' > long.txt

# --- each case alone
"$DYAD" segment good.txt > out 2> err
expect_status 0 $? "a good article"
[ "$(ids out)" = "good" ] || fail "good article not written"
[ -s err ] && fail "a good article wrote to stderr: $(cat err)"

for bad in empty.txt blank.txt; do
    "$DYAD" segment "$bad" > out 2> err
    expect_status 1 $? "$bad"
    expect_error err "$bad: empty article" "$bad"
    [ -s out ] && fail "$bad: wrote a record"
done

"$DYAD" segment junk.txt > out 2> err
expect_status 1 $? "binary junk"
expect_error err "junk.txt: binary data" "binary junk"

"$DYAD" segment directory.txt > out 2> err
expect_status 1 $? "a directory"
expect_error err "directory.txt: .*(Is a directory|cannot)" "a directory"

"$DYAD" segment missing.txt > out 2> err
expect_status 1 $? "a missing file"
expect_error err "missing.txt: cannot open" "a missing file"

# truncated UTF-8 is mended, not fatal: a warning with its byte offset
"$DYAD" segment truncated.txt > out 2> err
expect_status 0 $? "truncated UTF-8"
expect_error err "truncated.txt:1: warning: invalid UTF-8 replaced with U\+FFFD \(byte 68\)" \
    "truncated UTF-8"
check_json_lines out "truncated UTF-8"
python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
assert r["text"].endswith("Friday.\ufffd"), r["text"]
assert r["warnings"][0]["offset"] == 68, r["warnings"]' out || fail "truncated UTF-8 record"

"$DYAD" segment records.jsonl > out 2> err
expect_status 1 $? "malformed JSONL lines"
[ "$(ids out | tr '\n' ' ')" = "one three seven " ] || fail "JSONL good records: $(ids out)"
expect_error err "records.jsonl:2: bad JSON" "JSONL line 2"
expect_error err "records.jsonl:4: bad JSON" "JSONL line 4"
expect_error err "records.jsonl:5: a JSONL record must be an object" "JSONL line 5"
expect_error err "records.jsonl:6: missing \"text\"" "JSONL line 6"
expect_error err "records.jsonl:8: bad JSON" "JSONL line 8 (cut in a UTF-8 sequence)"
[ "$(wc -l < err)" -eq 5 ] || fail "JSONL: expected 5 error lines, got: $(cat err)"
check_json_lines out "malformed JSONL"

start=$(date +%s)
"$DYAD" segment long.txt > out 2> err
expect_status 0 $? "a 10 MB article with no full stop"
elapsed=$(($(date +%s) - start))
echo "10 MB article without a full stop: ${elapsed}s"
[ "$elapsed" -le 60 ] || fail "the 10 MB article took ${elapsed}s"
check_json_lines out "the 10 MB article"
[ "$(ids out)" = "long" ] || fail "the 10 MB article was not written"

# --- all at once, in one and in two threads: the same records, the same errors
inputs=(good.txt empty.txt junk.txt records.jsonl directory.txt missing.txt truncated.txt
        blank.txt good.txt)
"$DYAD" segment "${inputs[@]}" > out1 2> err1
expect_status 1 $? "mixed inputs"
check_json_lines out1 "mixed inputs"
[ "$(ids out1 | tr '\n' ' ')" = "good one three seven truncated good " ] ||
    fail "mixed inputs wrote: $(ids out1 | tr '\n' ' ')"
"$DYAD" segment -j 2 "${inputs[@]}" > out2 2> err2
expect_status 1 $? "mixed inputs, -j 2"
cmp -s out1 out2 || fail "-j 2 output differs from -j 1 on mixed inputs"
cmp -s err1 err2 || fail "-j 2 errors differ from -j 1 on mixed inputs"
# every stderr line is one "dyad: FILE..." line naming an input
while IFS= read -r line; do
    case "$line" in
    "dyad: "*) ;;
    *) fail "stray stderr line: $line" ;;
    esac
done < err1
[ "$(wc -l < err1)" -eq 11 ] || fail "mixed inputs: expected 11 stderr lines, got $(wc -l < err1)"

# the same bad JSONL on standard input names "-" and the line
"$DYAD" segment < records.jsonl > out 2> err
expect_status 1 $? "JSONL on stdin"
expect_error err "-:4: bad JSON" "JSONL on stdin"
[ "$(ids out | tr '\n' ' ')" = "one three seven " ] || fail "stdin JSONL records: $(ids out)"

# --- usage errors: status 2, nothing on stdout
for arguments in "--no-such-option good.txt" "-x good.txt" "--date" "--date 3/12/2025 good.txt" \
                 "-j 0 good.txt" "-j" "--input-format pdf good.txt"; do
    # shellcheck disable=SC2086
    "$DYAD" segment $arguments > out 2> err
    expect_status 2 $? "dyad segment $arguments"
    [ -s out ] && fail "dyad segment $arguments wrote to stdout"
    grep -q '^dyad: ' err || fail "dyad segment $arguments: no message"
done
"$DYAD" no-such-command > out 2> err
expect_status 2 $? "an unknown command"

echo "$failures failures"
[ "$failures" -eq 0 ]
