#!/usr/bin/env bash
# Parses unlabelled text with the beam parser and selects the sentences
# the greedy parser is uptrained on (scripts/make-parsed-corpus.py says
# why and which).  Needs the cluster corpus first
# (scripts/make-cluster-corpus.sh) and a beam parser: data/nlp/parser-beam4.model,
# or the file $DYAD_TEACHER names.  No beam model is committed any more
# (data/nlp/README.md); `scripts/train-models.sh parser-beam4` trains one,
# and the one the committed parser's corpus was parsed with is in the
# history: git show 83c29f9:data/nlp/parser-beam4.model >data/nlp/parser-beam4.model
#
# usage: scripts/make-parsed-corpus.sh [CORPUS_DIR] [WORDS]
#   CORPUS_DIR  default ../corpora; reads CORPUS_DIR/text/{spam-assassin,sotu}.txt,
#               writes CORPUS_DIR/parsed/parsed.conllu (WORDS words, default 700,000)
# About 5 minutes on one core (3.4M words parsed with the full beam of 8),
# tagged by data/nlp/tagger.model.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../corpora}
words=${2:-700000}
teacher=${DYAD_TEACHER:-$root/data/nlp/parser-beam4.model}
dyad="$root/build/dyad"
[ -x "$dyad" ] || { echo "make-parsed-corpus: build dyad first (scripts/setup.sh)" >&2; exit 1; }
for name in spam-assassin sotu; do
    [ -f "$corpus/text/$name.txt" ] ||
        { echo "make-parsed-corpus: no $corpus/text/$name.txt (run scripts/make-cluster-corpus.sh)" >&2; exit 1; }
done
[ -f "$teacher" ] || { echo "make-parsed-corpus: no beam parser $teacher (see the head of this script)" >&2; exit 1; }
mkdir -p "$corpus/parsed"
# documents of 40 paragraphs each, as JSONL, so that no article is huge
python3 - "$corpus/text" >"$corpus/parsed/documents.jsonl" <<'PYTHON'
import json, sys
for name in ("spam-assassin", "sotu"):
    with open("%s/%s.txt" % (sys.argv[1], name), encoding="utf-8") as text:
        lines = [line.strip() for line in text if line.strip()]
    for number, start in enumerate(range(0, len(lines), 40)):
        print(json.dumps({"id": "%s-%d" % (name, number), "text": "\n\n".join(lines[start:start + 40])}))
PYTHON
"$dyad" parse --input-format jsonl --parser "$teacher" --beam 8 --beam-margin inf \
    --data-dir "$root/data" "$corpus/parsed/documents.jsonl" >"$corpus/parsed/all.conllu" \
    2>"$corpus/parsed/parse.log" || { cat "$corpus/parsed/parse.log" >&2; exit 1; }
python3 "$root/scripts/make-parsed-corpus.py" "$corpus/parsed/all.conllu" "$words" "$corpus/parsed/parsed.conllu"
