#!/usr/bin/env bash
# End-to-end tests of event coding: `dyad eval events` on the development
# set (an F1 floor, and few events on the sentences annotated `none`);
# `dyad code` on the sample articles finding specific events; one --dict
# list for every stage, each taking the files of its kinds; `dyad validate`
# finding its dictionaries beside the file and through --dict.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$DYAD_SOURCE_ROOT"
fail() { echo "FAIL: $*"; exit 1; }

# --- the development set: floors below today's figures (docs/events.md)
"$DYAD" eval events --gold "$root/tests/data/events/dev.txt" > "$work/eval.txt"
cat "$work/eval.txt"
python3 - "$work/eval.txt" <<'PY'
import sys
figures = dict(line.rsplit(" ", 1) for line in open(sys.argv[1]).read().splitlines())
assert int(figures["sentences"]) >= 100, figures
assert int(figures["no-event sentences"]) >= 25, figures
assert float(figures["F1"]) >= 0.85, "F1 below the floor: %s" % figures["F1"]
assert int(figures["events on no-event sentences"]) <= 6, "over-coding: %s" % figures
PY
# the held-out sets are read without error (their scores are not floors:
# tuning on them would make them no longer held out)
for held in heldout heldout2; do
    "$DYAD" eval events --gold "$root/tests/data/events/$held.txt" > "$work/$held.txt"
    grep -q "^no-event sentences [1-9]" "$work/$held.txt" || fail "$held.txt: no no-event sentences read"
done
# --verbose lists the sentences that are not exactly right
"$DYAD" eval events --gold "$root/tests/data/events/dev.txt" --verbose > "$work/verbose.txt"
grep -q "  missed   \|  extra    " "$work/verbose.txt" || fail "--verbose lists no errors"
# a malformed gold file is reported with its line
printf 'Russia condemned Ukraine.\n= RUS 4 UKR\n' > "$work/bad.txt"
if "$DYAD" eval events --gold "$work/bad.txt" > /dev/null 2> "$work/bad.err"; then fail "bad gold accepted"; fi
grep -q "bad.txt:2:" "$work/bad.err" || fail "bad gold line not named"
# the parser options of `dyad code` are honoured, not ignored: a parser
# model that is not there is an error naming it
if "$DYAD" eval events --gold "$root/tests/data/events/dev.txt" --parser "$work/none.model" \
    > /dev/null 2> "$work/parser.err"; then fail "eval events ignored --parser"; fi
grep -q "none.model" "$work/parser.err" || fail "missing --parser model not named"

# --- specific events in the samples
"$DYAD" code --date 2025-12-03 "$root/data/samples/gaza-cairo.txt" \
    "$root/data/samples/european-unease.txt" "$root/data/samples/kyiv-warning.txt" \
    "$root/data/samples/protest-crackdown.txt" "$root/data/samples/kremlin-talks.txt" \
    "$root/data/samples/sanctions.txt" "$root/data/samples/un-vote.txt" \
    > "$work/samples.jsonl"
python3 - "$work/samples.jsonl" <<'PY'
import json, sys
records = {r["id"]: r for r in map(json.loads, open(sys.argv[1]))}
def triples(record):
    return {(e["source"]["country"], e["root"], (e["target"] or {}).get("country"))
            for e in record["events"] if not e["negated"]}
gaza = triples(records["gaza-cairo"])
# "A Hamas delegation arrived in the Egyptian capital": a visit, both ways
assert ("PSE", "04", "EGY") in gaza and ("EGY", "04", "PSE") in gaza, gaza
unease = triples(records["european-unease"])
# "European governments voiced unease ... over talks between Washington and Moscow"
assert ("EUR", "01", "USA") in unease and ("EUR", "01", "RUS") in unease, unease
# datelined KYIV: "The foreign ministry said it had summoned envoys from three
# European countries" is Ukraine's ministry, not the Moscow named before
kyiv = triples(records["kyiv-warning"])
assert ("UKR", "11", "EUR") in kyiv and not any(s == "RUS" for s, _, _ in kyiv), kyiv
# datelined TBILISI, Georgia: "The European Union's foreign policy chief
# called on the authorities to respect the right to peaceful protest"
crackdown = triples(records["protest-crackdown"])
assert ("IGOEUREEC", "02", "GEO") in crackdown, crackdown
# "A spokesperson at the U.S. embassy declined to comment": a new person,
# not the Kremlin aide quoted before
kremlin = records["kremlin-talks"]
assert ("RUS", "04", "USA") in triples(kremlin), triples(kremlin)
assert not any(e["source"]["country"] == "RUS" and "comment" in e["trigger"]["text"]
               for e in kremlin["events"]), kremlin["events"]
# "Kremlin aide Yuri Sokolov told reporters that several of the proposals put
# forward by Washington were "unacceptable"": a rejection of Washington's proposals
assert ("RUS", "12", "USA") in triples(kremlin), triples(kremlin)
# "A spokesperson at the U.S. embassy" is the U.S. government's
assert any(a["text"] == "spokesperson at the U.S. embassy" and a["code"] == "USAGOV"
           for a in kremlin["actors"]), kremlin["actors"]
# "The European Union and Britain announced new sanctions ...  The Russian
# foreign ministry said the sanctions were illegal": Russia rejects the
# sanctions of the actors that announced them two sentences before
sanctions = triples(records["sanctions"])
assert ("RUS", "12", "IGOEUREEC") in sanctions and ("RUS", "12", "GBR") in sanctions, sanctions
# "They also urged the council to ...": the council is the United Nations
# Security Council named eight sentences before
un = records["un-vote"]
assert any(a["text"] == "the council" and a["code"] == "IGOUNO" for a in un["actors"]), un["actors"]
for record in records.values():
    for event in record["events"]:
        assert event["date"] == "2025-12-03", event
        # offsets are in bytes of the UTF-8 text
        text = record["text"].encode()[event["trigger"]["start"]:event["trigger"]["end"]].decode()
        assert text == event["trigger"]["text"], event
PY

# --- one --dict: a file of no known kind fails the load
printf 'The delegations met for five hours and agreed to meet again next week in the capital.\n' > "$work/prose.txt"
if "$DYAD" code --dict "$work/prose.txt" "$root/data/samples/gaza-cairo.txt" > /dev/null 2> "$work/prose.err"; then
    fail "a file of no dictionary kind was accepted"
fi
grep -q "prose.txt" "$work/prose.err" || fail "the unknown file is not named"

# --- our own actors with a verb file of our own: both stages take their files
cat > "$work/extra.verbs.txt" <<'VERBS'
[051 Praise or endorse]
salute +
VERBS
cat > "$work/extra.actors.txt" <<'ACTORS'
dyad-dictionary 1
state Ruritania | Ruritanian => RUR
ACTORS
printf 'Ruritania saluted France on Monday.\n' > "$work/salute.txt"
"$DYAD" code --dict "$work/extra.actors.txt" --dict "$work/extra.verbs.txt" "$work/salute.txt" > "$work/salute.jsonl"
python3 - "$work/salute.jsonl" <<'PY'
import json, sys
record = json.loads(open(sys.argv[1]).readline())
codes = {a["text"]: a["code"] for a in record["actors"]}
assert codes.get("Ruritania") == "RUR" and codes.get("France") == "FRA", codes  # added to ours
events = {(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in record["events"]}
assert ("RUR", "051", "FRA") in events, events
PY

shared="${DYAD_SHARED:-$root/../shared}/data/petrarch"
if [ ! -d "$shared" ]; then
    echo "skipped the PETRARCH parts: $shared not found (set DYAD_SHARED)"
    exit 0
fi

# --- the field's files through the same option, kinds told by content
cp "$shared/Phoenix.Countries.actors.txt" "$work/countries-renamed.txt"
"$DYAD" code --no-default-dict --dict "$work/countries-renamed.txt" --dict "$shared/Phoenix.agents.txt" \
    --dict "$shared/CAMEO.2.0.txt" "$root/data/samples/gaza-cairo.txt" > "$work/phoenix.jsonl" 2> "$work/phoenix.err"
python3 - "$work/phoenix.jsonl" <<'PY'
import json, sys
record = json.loads(open(sys.argv[1]).readline())
countries = {a["country"] for a in record["actors"] if a["code"]}
assert {"EGY", "QAT"} <= countries, countries
assert all(e["pattern"].startswith("CAMEO.2.0.txt:") for e in record["events"]), record["events"]
PY

# --- validate: dictionaries beside the file, or found through --dict
"$DYAD" validate "$shared/PETR.UnitTest.dev.xml" > "$work/beside.txt" 2>&1 || true
mkdir "$work/alone"
cp "$shared/PETR.UnitTest.dev.xml" "$work/alone/"
"$DYAD" validate --dict "$shared" "$work/alone/PETR.UnitTest.dev.xml" > "$work/found.txt" 2>&1 || true
[ "$(tail -n 1 "$work/beside.txt")" = "$(tail -n 1 "$work/found.txt")" ] ||
    fail "validate differs with --dict: $(tail -n 1 "$work/beside.txt") / $(tail -n 1 "$work/found.txt")"
if "$DYAD" validate "$work/alone/PETR.UnitTest.dev.xml" > /dev/null 2> "$work/alone.err"; then
    fail "validate ran without its dictionaries"
fi
echo "events: ok"
