#!/usr/bin/env python3
"""End-to-end test of `dyad segment` on the sample articles (data/samples/).

Checks, on the real binary: offsets (every sentence and token is the byte
slice of the cleaned text it claims), the cleaning of each sample (debris
gone, credits and dateline captured, headings marked, repeats collapsed),
that the JSONL and plain-text forms of an article clean to the same text,
`meta` passthrough, standard input, and that -j 2 writes exactly what -j 1
writes.  Environment: DYAD (the binary), DYAD_SOURCE_ROOT.
"""
import glob
import json
import os
import subprocess
import sys

DYAD = os.environ["DYAD"]
ROOT = os.environ.get("DYAD_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLES = os.path.join(ROOT, "data", "samples")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def run(args, stdin=None):
    result = subprocess.run([DYAD] + args, input=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=120)
    return result.returncode, result.stdout, result.stderr.decode("utf-8", "replace")


def records(stdout):
    lines = stdout.decode("utf-8").split("\n")
    check(lines[-1] == "", "output does not end with a newline")
    return [json.loads(line) for line in lines[:-1]]


def check_offsets(record):
    """Every sentence and token is the slice of the text it says it is."""
    text = record["text"].encode("utf-8")
    name = record["id"]
    previous_end = 0
    for sentence in record["sentences"]:
        start, end = sentence["start"], sentence["end"]
        check(previous_end <= start < end <= len(text), f"{name}: sentence span {start}-{end}")
        check(text[start:end].decode("utf-8") == sentence["text"],
              f"{name}: sentence {sentence['index']} text is not its slice")
        previous_end = end
        token_end = start
        for token in sentence["tokens"]:
            check(token_end <= token["start"] < token["end"] <= end,
                  f"{name}: token {token} outside its sentence or out of order")
            check(text[token["start"]:token["end"]].decode("utf-8") == token["text"],
                  f"{name}: token {token} is not the slice [{token['start']},{token['end']})")
            token_end = token["end"]


# What each sample must come to.  "gone": debris lines (as the scraper left
# them) that must not survive in the text; "kept": sentences that look like
# debris but are news and must stay.
EXPECTED = {
    "kremlin-talks": {
        "title": "Kremlin talks with U.S. envoys end without a deal",
        "dateline": {"text": "MOSCOW, Dec 3 (Reuters) -", "place": "MOSCOW", "date": "Dec 3",
                     "agency": "Reuters"},
        "credits": ["By Anna Petrova and Mark Ellison",
                    "(Reporting by Anna Petrova in Moscow and Mark Ellison in Washington; "
                    "Editing by Claire Dumont)"],
        "headings": ["Kremlin talks with U.S. envoys end without a deal",
                     "No Breakthrough on Territory"],
        "gone": ["Home > News", "Updated: Dec 3", "Share this article", "Advertisement",
                 "Read more:", "Europe weighs new aid package", "Reporting by"],
        "kept": ["Kremlin aide Yuri Sokolov told reporters that several of the proposals put "
                 "forward by Washington were \"unacceptable\" in their current form."],
        "starts": "Kremlin talks with U.S. envoys end without a deal\n\nFive hours of talks",
    },
    "kyiv-warning": {
        "title": "Kyiv warns allies against deals made behind its back",
        "dateline": {"text": "Kyiv, Ukraine \u2014", "place": "Kyiv, Ukraine", "date": None,
                     "agency": None},
        "credits": [],
        "headings": ["Kyiv warns allies against deals made behind its back"],
        "gone": ["Follow us on X", "Sign up for our daily newsletter", "Olena Marchenko",
                 "+ posts"],
        "kept": ["Share prices in Kyiv fell 3.2% after the remarks, with the main index "
                 "closing at 1,482.6 points.",
                 "Officials in Kyiv put Russian losses at 25,000\u201330,000 a month, a figure "
                 "Moscow disputes."],
        "once": "Speaking at a news conference, the president said the country was losing "
                "between 25,000 and 30,000 soldiers a month",
    },
    "european-unease": {
        "title": "Europe uneasy as Washington and Moscow talk over its head",
        "dateline": {"text": "BRUSSELS (AP) \u2014", "place": "BRUSSELS", "date": None,
                     "agency": "AP"},
        "credits": ["Additional reporting by Sofia Marino in Rome and Jan Kowalski in Warsaw."],
        "headings": ["Europe uneasy as Washington and Moscow talk over its head",
                     "WHAT COMES NEXT"],
        "gone": ["Photo: Foreign ministers", "REUTERS/Pieter Janssens", "Related stories",
                 "EU leaders to discuss frozen assets", "Baltic states step up border patrols"],
        # the no-break space is a space, the soft hyphen is gone, quotes stay
        "kept": ["Officials said the bloc was also preparing a loan of 90 billion euros for "
                 "Kyiv.",
                 "could not be a \u201cspectator\u201d to decisions"],
    },
    "gaza-cairo": {
        "title": "Gaza ceasefire talks resume in Cairo",
        "dateline": {"text": "CAIRO, Dec. 3 (Xinhua) --", "place": "CAIRO", "date": "Dec. 3",
                     "agency": "Xinhua"},
        "credits": ["(with inputs from Reuters)"],
        "headings": ["Gaza ceasefire talks resume in Cairo"],
        "gone": ["ALSO READ", "Aid convoys wait", "We use cookies", "Click to share",
                 "Opens in new window"],
        "kept": ["About 600 trucks a day are needed to meet basic needs, according to United "
                 "Nations agencies."],
    },
    "un-vote": {
        "title": "Security Council backs ceasefire monitoring mission",
        "dateline": {"text": "UNITED NATIONS, Dec 3 (AP) \u2014", "place": "UNITED NATIONS",
                     "date": "Dec 3", "agency": "AP"},
        "credits": [],
        "headings": ["Security Council backs ceasefire monitoring mission"],
        "gone": ["Home  World", "Home World", "Tags:", "to monitor...", "Americas"],
        # simple sentences only here, so the count holds for any sound segmenter
        "sentence_count": 9,
        "sentences": ["Thirteen members voted in favour and two abstained.",
                      "No member used its veto.",
                      "The mission will have up to 1,200 civilian and military observers.",
                      "Its first budget is estimated at 84.5 million dollars for one year.",
                      "Human rights groups welcomed the vote."],
        "ends": "make sure that the observers can move freely.",
    },
    "sanctions": {
        "title": "Allies agree new sanctions on shipping and banks",
        "dateline": {"text": "MOSCOW, December 3 /TASS/.", "place": "MOSCOW",
                     "date": "December 3", "agency": "TASS"},
        "credits": ["Compiled by Dyad News staff", "\u00a9 2025 Dyad News. All rights reserved."],
        "headings": ["Allies agree new sanctions on shipping and banks"],
        "gone": ["Facebook Twitter LinkedIn Email", "Compiled by", "\u00a9"],
        "kept": ["Home Secretary Laura Bennett said the measures would also bar several "
                 "executives from entering the country.",
                 "Share prices of the affected banks fell 3% in early trading before "
                 "recovering part of the loss."],
    },
    "protest-crackdown": {
        "title": "Police break up protest outside parliament",
        "dateline": {"text": "TBILISI, Georgia (Reuters) -", "place": "TBILISI, Georgia",
                     "date": None, "agency": "Reuters"},
        "credits": ["By Nino Kapanadze", "Editing by Peter Lindqvist"],
        "headings": ["Police break up protest outside parliament", "Arrests Overnight"],
        "gone": ["5 min read", "REUTERS/Giorgi Tsiklauri", "Story continues below",
                 "Editing by"],
        "kept": ["Riot police used water cannon and tear gas overnight"],
    },
}


def check_sample(record):
    name = record["id"]
    expected = EXPECTED.get(name)
    if not check(expected is not None, f"unexpected sample {name}"):
        return
    text = record["text"]
    check(record["title"] == expected["title"], f"{name}: title {record['title']!r}")
    check(record["dateline"] == expected["dateline"], f"{name}: dateline {record['dateline']}")
    check(record["credits"] == expected["credits"], f"{name}: credits {record['credits']}")
    headings = [s["text"] for s in record["sentences"] if s.get("heading")]
    check(headings == expected["headings"], f"{name}: headings {headings}")
    for debris in expected["gone"]:
        check(debris not in text, f"{name}: debris survived: {debris!r}")
    for sentence in expected.get("kept", []):
        check(sentence in text, f"{name}: lost {sentence!r}")
    check(expected["dateline"]["text"] not in text, f"{name}: dateline left in the text")
    if "once" in expected:
        check(text.count(expected["once"]) == 1, f"{name}: repeated paragraph not collapsed")
    if "starts" in expected:
        check(text.startswith(expected["starts"]), f"{name}: text starts {text[:80]!r}")
    if "ends" in expected:
        check(text.endswith(expected["ends"]), f"{name}: text ends {text[-80:]!r}")
    body = [s for s in record["sentences"] if not s.get("heading")]
    if "sentence_count" in expected:
        check(len(body) == expected["sentence_count"],
              f"{name}: {len(body)} sentences, expected {expected['sentence_count']}")
    for sentence in expected.get("sentences", []):
        check(any(s["text"] == sentence for s in body), f"{name}: no sentence {sentence!r}")
    # the cleaned text is paragraphs and single spaces, nothing else
    check("\n\n\n" not in text and "  " not in text and not text.startswith(("\n", " ")) and
          not text.endswith(("\n", " ")), f"{name}: white space not normalised")


def main():
    text_files = sorted(glob.glob(os.path.join(SAMPLES, "*.txt")))
    jsonl = os.path.join(SAMPLES, "articles.jsonl")
    check(len(text_files) >= 6, "fewer than six sample articles")

    status, out, err = run(["segment"] + text_files)
    check(status == 0, f"segment on the text samples exited {status}: {err}")
    check(err == "", f"segment on the text samples wrote to stderr: {err}")
    from_text = {r["id"]: r for r in records(out)}
    check(sorted(from_text) == sorted(EXPECTED), f"sample ids {sorted(from_text)}")
    for record in from_text.values():
        check(record["date"] is None, f"{record['id']}: a text file has no date")
        check_offsets(record)
        check_sample(record)

    # the same articles as JSONL records: same cleaned text, metadata passed through
    status, out, err = run(["segment", jsonl])
    check(status == 0 and err == "", f"segment on articles.jsonl: {status} {err}")
    from_jsonl = records(out)
    source = [json.loads(line) for line in open(jsonl, encoding="utf-8")]
    check(len(from_jsonl) == len(source), "a JSONL record is missing")
    for record, original in zip(from_jsonl, source):
        name = record["id"]
        check(name == original["id"], f"JSONL order or id changed at {name}")
        check_offsets(record)
        same = from_text.get(name, {})
        for field in ("text", "credits", "dateline", "sentences", "title"):
            check(record[field] == same.get(field), f"{name}: JSONL and text differ in {field}")
        check(record["date"] == original["date"], f"{name}: date {record['date']}")
        check(record["source"] == original["source"] and record["url"] == original["url"],
              f"{name}: source or url not passed through")
        meta = {k: v for k, v in original.items()
                if k not in ("id", "date", "title", "source", "url", "text")}
        check(record.get("meta") == meta, f"{name}: meta {record.get('meta')} != {meta}")

    # standard input: a text article, then JSONL
    sample = os.path.join(SAMPLES, "kremlin-talks.txt")
    status, out, err = run(["segment"], stdin=open(sample, "rb").read())
    stdin_records = records(out)
    check(status == 0 and len(stdin_records) == 1, f"stdin text: {status} {err}")
    if stdin_records:
        check(stdin_records[0]["id"] == "stdin", "stdin article id")
        check(stdin_records[0]["text"] == from_text["kremlin-talks"]["text"],
              "stdin text cleaned differently")
    status, out, err = run(["segment", "-"], stdin=open(jsonl, "rb").read())
    check(status == 0 and [r["text"] for r in records(out)] == [r["text"] for r in from_jsonl],
          f"stdin JSONL: {status} {err}")

    # --date dates text articles
    status, out, err = run(["segment", "--date", "2025-12-03", sample])
    check(status == 0 and records(out)[0]["date"] == "2025-12-03", "--date not applied")

    # threads change nothing: the same bytes, in the same order
    inputs = text_files + [jsonl] * 4
    one = run(["segment", "-j", "1"] + inputs)
    two = run(["segment", "-j", "2"] + inputs)
    check(one[0] == 0 and two[0] == 0, "a threaded run failed")
    check(one[1] == two[1], "-j 2 output differs from -j 1")

    # the README's first command: whatever is in the folder
    everything = sorted(glob.glob(os.path.join(SAMPLES, "*")))
    status, out, err = run(["segment"] + everything)
    check(status == 0, f"dyad segment data/samples/* exited {status}: {err}")
    records(out)

    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
