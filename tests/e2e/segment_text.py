#!/usr/bin/env python3
"""End-to-end checks of `dyad segment` and `dyad eval tokenize` on text of
our own: sentence and token offsets agree with the text (as bytes), a
10 MB article without a full stop is cut into bounded sentences, and the
evaluation prints its figures in the contract's format."""
import json
import os
import re
import subprocess
import sys
import tempfile

DYAD = os.environ.get("DYAD", "build/dyad")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message, file=sys.stderr)


def segment(records):
    data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    result = subprocess.run([DYAD, "segment"], input=data, capture_output=True, timeout=300)
    check(result.returncode == 0, "dyad segment exit status %d: %s" %
          (result.returncode, result.stderr.decode(errors="replace")))
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def check_offsets(article):
    text = article["text"].encode("utf-8")
    for sentence in article["sentences"]:
        check(text[sentence["start"]:sentence["end"]].decode("utf-8") == sentence["text"],
              "sentence %d text does not match its offsets" % sentence["index"])
        for token in sentence.get("tokens", []):
            check(text[token["start"]:token["end"]].decode("utf-8") == token["text"],
                  "token %r does not match its offsets" % token["text"])


def news():
    text = ("Kremlin talks end without deal\n\n"
            "Russian President Vladimir Putin met U.S. envoys in Moscow on Dec. 3. "
            "“The proposals are unacceptable,” an aide said. Talks lasted 5 hours.\n\n"
            "Gen. Ruiz said 25,000–30,000 troops, about 2.5% of the force, were lost. "
            "Kyiv’s allies don’t agree... The next round is set for 10.30 a.m. on Friday.")
    [article] = segment([{"id": "news", "text": text}])
    check_offsets(article)
    texts = [s["text"] for s in article["sentences"]]
    check(texts == [
        "Kremlin talks end without deal",
        "Russian President Vladimir Putin met U.S. envoys in Moscow on Dec. 3.",
        "“The proposals are unacceptable,” an aide said.",
        "Talks lasted 5 hours.",
        "Gen. Ruiz said 25,000–30,000 troops, about 2.5% of the force, were lost.",
        "Kyiv’s allies don’t agree...",
        "The next round is set for 10.30 a.m. on Friday.",
    ], "news sentences: %r" % texts)
    tokens = [t["text"] for t in article["sentences"][5]["tokens"]]
    check(tokens == ["Kyiv", "’s", "allies", "do", "n’t", "agree", "..."],
          "news tokens: %r" % tokens)


def long_input():
    # 10 MB with no full stop at all: sentences are cut at SENTENCE_MAX_TOKENS
    words = ["word"] * 2_000_000
    for i in range(700, len(words), 997):
        words[i] = "word,"
    [article] = segment([{"id": "long", "text": " ".join(words)}])
    sentences = article["sentences"]
    check(all(len(s["tokens"]) <= 500 for s in sentences), "a sentence has over 500 tokens")
    check(sum(len(s["tokens"]) for s in sentences) == len(words) + len(range(700, len(words), 997)),
          "tokens lost in the long article")
    check(len(sentences) >= 4000, "the long article was not cut")


def evaluation():
    conllu = ("# newdoc id = a\n# text = Talks failed.\n"
              "1\tTalks\t_\t_\t_\t_\t2\tnsubj\t_\t_\n"
              "2\tfailed\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
              "3\t.\t_\t_\t_\t_\t2\tpunct\t_\t_\n\n"
              "# text = Envoys left\n"
              "1\tEnvoys\t_\t_\t_\t_\t2\tnsubj\t_\t_\n"
              "2\tleft\t_\t_\t_\t_\t0\troot\t_\t_\n\n")
    with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False) as f:
        f.write(conllu)
        path = f.name
    try:
        result = subprocess.run([DYAD, "eval", "tokenize", "--gold", path],
                                capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(path)
    check(result.returncode == 0, "eval tokenize exit status %d" % result.returncode)
    lines = result.stdout.splitlines()
    check(len(lines) >= 2 and re.fullmatch(r"tokens F1 [01]\.\d{4}", lines[0]) is not None,
          "first line %r" % (lines[:1],))
    check(len(lines) >= 2 and re.fullmatch(r"sentences F1 [01]\.\d{4}", lines[1]) is not None,
          "second line %r" % (lines[1:2],))
    check(lines[:2] == ["tokens F1 1.0000", "sentences F1 1.0000"], "figures %r" % lines[:2])
    usage = subprocess.run([DYAD, "eval", "tokenize"], capture_output=True, timeout=60)
    check(usage.returncode == 2, "eval tokenize without --gold should be a usage error")


news()
long_input()
evaluation()
sys.exit(1 if failures else 0)
