#!/usr/bin/env bash
# Parses unlabelled text with two parsers and selects the sentences the
# greedy parser is uptrained on: those both parse alike
# (scripts/make-parsed-corpus.py says why and which).  Needs the cluster
# corpus first (scripts/make-cluster-corpus.sh) and two parsers:
#   the teacher, a beam parser: data/nlp/parser-beam4.model or $DYAD_TEACHER.
#     No beam model is committed (data/nlp/README.md); `scripts/train-models.sh
#     parser-beam4` trains one, and the one the committed parser's corpus was
#     parsed with is in the history:
#     git show 83c29f9:data/nlp/parser-beam4.model >data/nlp/parser-beam4.model
#   the second parser: data/nlp/parser.model or $DYAD_SECOND, parsing greedily.
#     The committed parser's corpus was made with the greedy parser before it:
#     git show a630522:data/nlp/parser.model >second.model; DYAD_SECOND=second.model
#     (the parser trained on a corpus this script makes is not the same as the
#     one that helped make it, so remaking the corpus with the committed parser
#     gives another corpus).
# DYAD_AGREE=0 keeps the teacher's parses without the second parser (the
# corpus of session 4).
#
# usage: scripts/make-parsed-corpus.sh [CORPUS_DIR] [WORDS]
#   CORPUS_DIR  default ../corpora; reads CORPUS_DIR/text/{spam-assassin,sotu}.txt,
#               writes CORPUS_DIR/parsed/parsed.conllu (WORDS words, default 700,000)
# About 4 minutes of one core's time (3.4M words parsed with the full beam
# of 8, and greedily), tagged by data/nlp/tagger.model; the parses use
# every core ($DYAD_JOBS, default nproc), and their output is the same
# byte for byte whatever the number of threads.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../corpora}
words=${2:-700000}
teacher=${DYAD_TEACHER:-$root/data/nlp/parser-beam4.model}
second=${DYAD_SECOND:-$root/data/nlp/parser.model}
agree=${DYAD_AGREE:-1}
jobs=${DYAD_JOBS:-$(nproc)}
dyad="$root/build/dyad"
[ -x "$dyad" ] || { echo "make-parsed-corpus: build dyad first (scripts/setup.sh)" >&2; exit 1; }
for name in spam-assassin sotu; do
    [ -f "$corpus/text/$name.txt" ] ||
        { echo "make-parsed-corpus: no $corpus/text/$name.txt (run scripts/make-cluster-corpus.sh)" >&2; exit 1; }
done
[ -f "$teacher" ] || { echo "make-parsed-corpus: no beam parser $teacher (see the head of this script)" >&2; exit 1; }
[ "$agree" = 0 ] || [ -f "$second" ] ||
    { echo "make-parsed-corpus: no second parser $second (see the head of this script)" >&2; exit 1; }
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
"$dyad" parse -j "$jobs" --input-format jsonl --parser "$teacher" --beam 8 --beam-margin inf \
    --data-dir "$root/data" "$corpus/parsed/documents.jsonl" >"$corpus/parsed/all.conllu" \
    2>"$corpus/parsed/parse.log" || { cat "$corpus/parsed/parse.log" >&2; exit 1; }
agreement=()
if [ "$agree" != 0 ]; then
    # the second parser's clusters.model must be the one beside it, as for any
    # parser model; --parser finds it there
    "$dyad" parse -j "$jobs" --input-format jsonl --parser "$second" --beam 1 \
        --data-dir "$root/data" "$corpus/parsed/documents.jsonl" >"$corpus/parsed/second.conllu" \
        2>>"$corpus/parsed/parse.log" || { cat "$corpus/parsed/parse.log" >&2; exit 1; }
    agreement=(--agree "$corpus/parsed/second.conllu")
fi
python3 "$root/scripts/make-parsed-corpus.py" "$corpus/parsed/all.conllu" "$words" \
    "$corpus/parsed/parsed.conllu" "${agreement[@]}"
