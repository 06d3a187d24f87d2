#!/usr/bin/env python3
"""Selects the automatically parsed sentences the greedy parser is uptrained on.

Why: the greedy parser (data/nlp/parser.model) is fast but learns only from EWT's 204k words; the
beam parser (`--beam 8` with parser-beam4.model) is more accurate but four to eight times slower.
Parsing a few million words of unlabelled text with the beam parser and adding a sample of the
result to the greedy parser's training set (`dyad train parser --parsed FILE`) lets the greedy
parser learn the beam parser's decisions on far more text than the treebank holds ("uptraining",
Petrov, Chang, Ringgaard & Alshawi 2010).

Input: the CoNLL-U that `dyad parse --beam 8 --parser data/nlp/parser-beam4.model` wrote for the
SpamAssassin mail and the State of the Union addresses of scripts/make-cluster-corpus.sh (their
licences are given there; nothing of them is committed, only the model trained from them).

Kept: sentences of 5 to 40 tokens, at least 70% of whose tokens contain a letter, none longer than
25 characters, at most 30% in capitals, without U+FFFD, '@' or 'http' (mail headers, signatures,
code and tables, which the beam parser parses badly and the pipeline rarely sees), each text once.
They are shuffled with a fixed seed and the first sentences up to WORDS words are written, so a
larger WORDS gives a superset of a smaller one.

With --agree OTHER.conllu (the same documents parsed by a second parser, with the same tokens and
tags), only sentences whose every head and label the two parsers agree on are kept (tri-training,
Weiss, Alberti, Collins & Petrov 2015): an automatic parse two different parsers reach is right
more often than the teacher's parse alone, at the price of favouring easier sentences.

usage: make-parsed-corpus.py PARSED.conllu WORDS OUT.conllu [--agree OTHER.conllu]
"""
import random
import re
import sys

LETTER = re.compile(r"[A-Za-z]")


def sentences(path):
    """The token rows of each sentence, comments dropped."""
    current = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                if current:
                    yield current
                current = []
            elif not line.startswith("#"):
                current.append(line.split("\t"))
    if current:
        yield current


def wanted(rows):
    forms = [row[1] for row in rows]
    n = len(forms)
    if n < 5 or n > 40:
        return False
    if sum(1 for form in forms if LETTER.search(form)) < 0.7 * n:
        return False
    if any(len(form) > 25 for form in forms):
        return False
    if sum(1 for form in forms if form.isupper() and len(form) > 1) > 0.3 * n:
        return False
    return not any("\ufffd" in form or "@" in form or "http" in form.lower() for form in forms)


def main():
    arguments = sys.argv[1:]
    other = None
    if len(arguments) == 5 and arguments[3] == "--agree":
        other = arguments[4]
        arguments = arguments[:3]
    if len(arguments) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    source, words, out = arguments[0], int(arguments[1]), arguments[2]
    seen, kept = set(), []
    second = sentences(other) if other else None
    disagreed = 0
    for rows in sentences(source):
        text = " ".join(row[1] for row in rows)
        if second is not None:
            theirs = next(second, None)
            if theirs is None or [row[1] for row in theirs] != [row[1] for row in rows]:
                sys.exit("%s and %s do not hold the same sentences (at %r)" % (source, other, text[:60]))
            if [(row[6], row[7]) for row in theirs] != [(row[6], row[7]) for row in rows]:
                disagreed += 1
                continue
        if wanted(rows) and text not in seen:
            seen.add(text)
            kept.append(rows)
    if second is not None and next(second, None) is not None:
        sys.exit("%s has more sentences than %s" % (other, source))
    random.seed(7)
    random.shuffle(kept)
    written = sentences_written = 0
    with open(out, "w", encoding="utf-8") as output:
        for rows in kept:
            if written >= words:
                break
            output.write("# sent_id = parsed-%d\n# text = %s\n" % (sentences_written, " ".join(row[1] for row in rows)))
            output.writelines("\t".join(row) + "\n" for row in rows)
            output.write("\n")
            written += len(rows)
            sentences_written += 1
    print("%s: %d of %d distinct usable sentences, %d words%s" % (
        out, sentences_written, len(kept), written,
        ", %d sentences left out where the parsers disagree" % disagreed if other else ""))


if __name__ == "__main__":
    main()
