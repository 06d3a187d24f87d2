#!/usr/bin/env python3
"""Writes a JSONL benchmark input for `dyad segment` / `dyad code` to stdout.

The articles are rebuilt from a CoNLL-U treebank's `# newdoc` / `# newpar` /
`# text` comments (by default UD English EWT in ../shared), one article per
document, paragraphs separated by a blank line, repeated until the output
reaches --megabytes.  The output is generated at run time from ../shared and
is not to be committed.

    scripts/make-benchmark-input.py --megabytes 50 > /tmp/bench.jsonl
    time build/dyad segment /tmp/bench.jsonl > /dev/null
"""
import argparse
import json
import os
import sys


def documents(path):
    doc, paragraph = None, None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# newdoc"):
                if doc:
                    yield doc
                doc_id = line.split("=", 1)[1].strip() if "=" in line else ""
                doc, paragraph = {"id": doc_id, "paragraphs": []}, None
            elif line.startswith("# newpar"):
                paragraph = None
            elif line.startswith("# text = "):
                if doc is None:
                    doc = {"id": "", "paragraphs": []}
                if paragraph is None:
                    paragraph = []
                    doc["paragraphs"].append(paragraph)
                paragraph.append(line[len("# text = "):].rstrip("\n"))
    if doc:
        yield doc


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "shared", "data", "ud-english-ewt",
                           "en_ewt-ud-train.conllu")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebank", default=default)
    parser.add_argument("--megabytes", type=float, default=20)
    arguments = parser.parse_args()
    articles = [
        {"id": d["id"], "date": "2025-01-01",
         "text": "\n\n".join(" ".join(p) for p in d["paragraphs"])}
        for d in documents(arguments.treebank)
    ]
    if not articles:
        sys.exit("no documents in " + arguments.treebank)
    written, limit, round_number = 0, arguments.megabytes * 1e6, 0
    out = sys.stdout
    while written < limit:
        for article in articles:
            record = dict(article, id="%s-%d" % (article["id"], round_number))
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            if written >= limit:
                break
        round_number += 1


if __name__ == "__main__":
    main()
