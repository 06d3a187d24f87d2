#!/usr/bin/env python3
"""Measures the cleaning stage on the article-extraction benchmark in
../shared/data/article-extraction (never copied into the repository).

  gold   runs `dyad segment` on each page's gold article body.  The body
         is the article as a person marked it, so every line the cleaner
         takes out of it is a candidate false removal: the script counts
         them and, with --list, prints each one with its kind of fate
         (moved to credits, taken as the dateline, or gone) for review.
  ewt    runs `dyad segment` on the documents of the UD English EWT
         treebank (../shared/data/ud-english-ewt: web text of every kind,
         paragraphs as annotated) and counts the paragraphs that do not
         come out whole: again candidates for false removals.
  pages  runs `dyad segment` on the HTML pages and scores the cleaned text
         against the gold body by word 4-gram shingles (the benchmark's
         metric); with --baseline DYAD, also scores another binary (e.g.
         one built without the cleaning rules) for comparison.

usage: scripts/eval-clean.py gold [--list] [--dyad build/dyad]
       scripts/eval-clean.py ewt [--list] [--dyad build/dyad]
       scripts/eval-clean.py pages [--baseline OTHER_DYAD] [--dyad build/dyad]
"""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("DYAD_SHARED", os.path.join(HERE, "..", "..", "shared"))
BENCHMARK = os.path.join(SHARED, "data", "article-extraction")


def load_gold():
    path = os.path.join(BENCHMARK, "ground-truth.json")
    if not os.path.exists(path):
        sys.exit(f"eval-clean: {path} not found (is ../shared there?)")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def segment(dyad, paths):
    result = subprocess.run([dyad, "segment", "--quiet"] + paths, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, check=False)
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    if not records and result.returncode:
        sys.exit(f"eval-clean: {dyad} failed: {result.stderr.decode('utf-8', 'replace')}")
    return records


def normalise(text):
    """What the cleaner does to every character: odd spaces become spaces,
    invisible characters go, text is NFC; so that a changed character is
    not counted as a removed line."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        category = unicodedata.category(c)
        if category == "Zs":
            out.append(" ")
        elif category == "Cf" and c not in "\u200c\u200d":
            continue
        else:
            out.append(c)
    return " ".join("".join(out).split())


def words(text):
    return re.findall(r"\w+", text.lower())


def shingles(text, n=4):
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(max(len(w) - n + 1, 0))} or ({tuple(w)} if w else set())


def evaluate_gold(args):
    gold = load_gold()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for key, value in gold.items():
            f.write(json.dumps({"id": key, "text": value["articleBody"]}) + "\n")
        path = f.name
    try:
        cleaned = {r["id"]: r for r in segment(args.dyad, [path])}
    finally:
        os.unlink(path)
    total_lines = removed_lines = total_words = removed_words = 0
    credits = datelines = 0
    fates = []
    for key, value in gold.items():
        record = cleaned.get(key)
        if record is None:
            print(f"{key}: no output", file=sys.stderr)
            continue
        text = " ".join(record["text"].split())
        credit_text = " ".join(record["credits"])
        dateline = (record["dateline"] or {}).get("text") or ""
        credits += len(record["credits"])
        datelines += bool(dateline)
        for line in value["articleBody"].split("\n"):
            line = normalise(line)
            if not line:
                continue
            total_lines += 1
            n = len(words(line))
            total_words += n
            if line in text:
                continue
            if line in credit_text:
                fate = "credit"
            elif dateline and line.startswith(dateline) and line[len(dateline):].strip() in text:
                continue              # the dateline left, the story stayed
            else:
                fate = "gone"
            removed_lines += 1
            removed_words += n
            fates.append((key[:8], fate, line))
    print(f"articles {len(gold)}")
    print(f"gold lines {total_lines}")
    print(f"lines removed {removed_lines}")
    print(f"words removed {removed_words} of {total_words} "
          f"({100.0 * removed_words / max(total_words, 1):.3f}%)")
    print(f"credits {credits}")
    print(f"datelines {datelines}")
    if args.list:
        for key, fate, line in fates:
            print(f"  {key} {fate:6} {line[:160]}")


def evaluate_ewt(args):
    import glob
    paths = sorted(glob.glob(os.path.join(SHARED, "data", "ud-english-ewt", "*.conllu")))
    if not paths:
        sys.exit("eval-clean: ../shared/data/ud-english-ewt not found")
    documents, paragraph = [], []
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if line.startswith("# newdoc"):
                if paragraph:
                    documents[-1].append(" ".join(paragraph))
                paragraph = []
                documents.append([])
            elif line.startswith("# newpar"):
                if paragraph:
                    documents[-1].append(" ".join(paragraph))
                paragraph = []
            elif line.startswith("# text = "):
                paragraph.append(line[9:].strip())
    if paragraph:
        documents[-1].append(" ".join(paragraph))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for number, paragraphs in enumerate(documents):
            f.write(json.dumps({"id": str(number), "text": "\n\n".join(paragraphs)}) + "\n")
        path = f.name
    try:
        cleaned = {r["id"]: r for r in segment(args.dyad, [path])}
    finally:
        os.unlink(path)
    total = removed = credits = datelines = 0
    listed = []
    for number, paragraphs in enumerate(documents):
        record = cleaned[str(number)]
        text = normalise(record["text"])
        dateline = (record["dateline"] or {}).get("text") or ""
        credits += len(record["credits"])
        datelines += bool(dateline)
        for paragraph in paragraphs:
            total += 1
            paragraph = normalise(paragraph)
            if paragraph in text:
                continue
            if dateline and paragraph.startswith(dateline) and \
                    paragraph[len(dateline):].strip() in text:
                continue
            fate = "credit" if paragraph in " ".join(record["credits"]) else "gone"
            removed += 1
            listed.append((fate, paragraph))
    print(f"documents {len(documents)}")
    print(f"paragraphs {total}")
    print(f"paragraphs removed {removed}")
    print(f"credits {credits}")
    print(f"datelines {datelines}")
    if args.list:
        for fate, paragraph in listed:
            print(f"  {fate:6} {paragraph[:160]}")


def score(records, gold):
    precision = recall = 0.0
    for record in records:
        truth = gold.get(record["id"])
        if truth is None:
            continue
        produced, expected = shingles(record["text"]), shingles(truth["articleBody"])
        common = len(produced & expected)
        precision += common / len(produced) if produced else (1.0 if not expected else 0.0)
        recall += common / len(expected) if expected else 1.0
    n = max(len(records), 1)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_pages(args):
    gold = load_gold()
    pages = []
    tmp = tempfile.mkdtemp()
    for key in gold:
        source = os.path.join(BENCHMARK, "html", key + ".html.gz")
        if os.path.exists(source):
            target = os.path.join(tmp, key + ".html")
            with gzip.open(source, "rb") as f, open(target, "wb") as out:
                out.write(f.read())
            pages.append(target)
    try:
        for label, dyad in [("dyad", args.dyad)] + ([("baseline", args.baseline)]
                                                    if args.baseline else []):
            records = segment(dyad, pages)
            p, r, f1 = score(records, gold)
            print(f"{label} pages {len(records)} precision {p:.4f} recall {r:.4f} F1 {f1:.4f}")
    finally:
        for page in pages:
            os.unlink(page)
        os.rmdir(tmp)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["gold", "ewt", "pages"])
    parser.add_argument("--dyad", default=os.path.join(HERE, "..", "build", "dyad"))
    parser.add_argument("--baseline")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.what == "gold":
        evaluate_gold(args)
    elif args.what == "ewt":
        evaluate_ewt(args)
    else:
        evaluate_pages(args)


if __name__ == "__main__":
    main()
