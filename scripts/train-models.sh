#!/usr/bin/env bash
# Retrains dyad's models from the treebank in ../shared (UD English EWT)
# and WordNet (Debian's wordnet-base), writing them to data/text/ and
# data/nlp/ (commit a retrained model only when its figures improve).
#
#   scripts/train-models.sh [MODEL...]     models: clusters segmenter lemmatizer tagger
#                                          parser-beam4 parser
#                                          (default: all but parser-beam4)
#
# clusters reads unlabelled text, not the treebank: the *.txt files (one
# paragraph per line) under $DYAD_CORPUS/text, by default ../corpora/text
# beside the repository, which scripts/make-cluster-corpus.sh fills (a
# news.txt from its first version is skipped, see below).  Without them the step says so and is skipped.
#
# Order matters: the tagger reads the lemmatizer's WordNet word classes,
# so a new lemmatizer means a new tagger; the parser is trained on the
# tags the tagger gives (jackknifed), so a new tagger means a new parser.
# Training is deterministic: the same inputs give byte-identical models.
#
# The greedy parser reads the word clusters (clusters.model, docs/parser.md),
# so new clusters mean a new parser too.
#
# The tagger and the greedy parser learn from EWT train and dev together
# (dev then only picks among the last passes: the pass counts were chosen
# with dev held out, docs/parser.md); DYAD_HOLD_OUT_DEV=1 trains on train
# alone, for experiments measured on dev.  The greedy parser is also
# uptrained: it learns from $DYAD_CORPUS/parsed/parsed.conllu, sentences
# of unlabelled text that a beam parser and the previous greedy parser
# parse alike (scripts/make-parsed-corpus.sh,
# which tags with data/nlp/tagger.model: after a new tagger, remake the
# parsed corpus before the parser).
#
# parser-beam4 is that beam parser: the parser trained globally for a
# beam of 4 on EWT train (docs/parser.md: about 4 times slower to train
# and to parse, more accurate than the greedy parser without uptraining).
# It is not committed (the models would pass 40 MB), so it is not in the
# default list; `--parser parser-beam4.model` chooses it once trained.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DYAD_SHARED:-../shared}"
ewt="$shared/data/ud-english-ewt"
wordnet="${DYAD_WORDNET:-/usr/share/wordnet}"
dyad=build/dyad
[ -x "$dyad" ] || { echo "train-models: build dyad first (scripts/setup.sh)" >&2; exit 1; }
[ -f "$ewt/en_ewt-ud-train.conllu" ] || { echo "train-models: $ewt not found" >&2; exit 1; }

# the treebank the tagger and the greedy parser learn from
training="$ewt/en_ewt-ud-train.conllu"
if [ "${DYAD_HOLD_OUT_DEV:-0}" != 1 ]; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    cat "$ewt/en_ewt-ud-train.conllu" "$ewt/en_ewt-ud-dev.conllu" >"$scratch/train-dev.conllu"
    training="$scratch/train-dev.conllu"
fi
parsed="${DYAD_CORPUS:-../corpora}/parsed/parsed.conllu"

models=("$@")
((${#models[@]})) || models=(clusters segmenter lemmatizer tagger parser)
for model in "${models[@]}"; do
    case "$model" in
    clusters)
        corpus="${DYAD_CORPUS:-../corpora}/text"
        corpus_files=()
        # a news.txt (made by the corpus script's first version) is left out: it
        # came from the article-extraction pages of ../shared, which are
        # third-party and for evaluation only
        [ -d "$corpus" ] && mapfile -t corpus_files < <(find "$corpus" -maxdepth 1 -name '*.txt' \
            ! -name news.txt | LC_ALL=C sort)
        if ((${#corpus_files[@]} == 0)); then
            echo "train-models: no $corpus/*.txt (scripts/make-cluster-corpus.sh makes them, or set DYAD_CORPUS); skipping clusters" >&2
            continue
        fi
        corpus_options=()
        for file in "${corpus_files[@]}"; do corpus_options+=(--corpus "$file"); done
        # min-count 2 rather than the default 3: of the EWT dev words the
        # treebank lacks, 55% get a class instead of 51% (docs/clusters.md)
        "$dyad" train clusters "${corpus_options[@]}" --min-count 2 --classes 32,128,512 \
            --iterations 15 --out data/nlp/clusters.model
        "$dyad" eval clusters --train "$ewt/en_ewt-ud-train.conllu" --gold "$ewt/en_ewt-ud-dev.conllu" \
            --clusters data/nlp/clusters.model
        ;;
    segmenter)
        "$dyad" train segmenter --train "$ewt/en_ewt-ud-train.conllu" --dev "$ewt/en_ewt-ud-dev.conllu" \
            --out data/text/sentence.model
        "$dyad" eval tokenize --gold "$ewt/en_ewt-ud-dev.conllu" | sed 's/^/dev  /'
        "$dyad" eval tokenize --gold "$ewt/en_ewt-ud-test.conllu" | sed 's/^/test /'
        ;;
    lemmatizer)
        "$dyad" train lemmatizer --train "$ewt/en_ewt-ud-train.conllu" --wordnet "$wordnet" \
            --out data/nlp/lemmatizer.model
        ;;
    tagger)
        # without --clusters data/nlp/clusters.model: the cluster features did
        # not pay on EWT dev (docs/tagger.md, "Word clusters"); with it, the
        # parser's fold taggers get the same clusters
        "$dyad" train tagger --train "$training" --dev "$ewt/en_ewt-ud-dev.conllu" \
            --lemmatizer data/nlp/lemmatizer.model --iterations 12 --out data/nlp/tagger.model
        "$dyad" eval tag --gold "$ewt/en_ewt-ud-test.conllu" --data-dir data
        ;;
    parser-beam4)
        # the beam-search parser, with the greedy parser's word-cluster
        # templates; a beam model looks up more features: the higher lookup
        # floor keeps it near the greedy one's size (docs/parser.md).  EWT
        # train only: the committed greedy parser's corpus was parsed by the
        # one trained so (with the tagger of that time, also on train only)
        "$dyad" train parser --train "$ewt/en_ewt-ud-train.conllu" --dev "$ewt/en_ewt-ud-dev.conllu" \
            --tagger data/nlp/tagger.model --beam 4 --iterations 15 --min-lookups 60 \
            --clusters data/nlp/clusters.model --cluster-features backoff,single,pairs,tag-pairs,children \
            --out data/nlp/parser-beam4.model
        "$dyad" eval parse --gold "$ewt/en_ewt-ud-test.conllu" --data-dir data --parser data/nlp/parser-beam4.model --beam 8
        ;;
    parser)
        [ -f "$parsed" ] || { echo "train-models: no $parsed (scripts/make-parsed-corpus.sh makes it)" >&2; exit 1; }
        # the word-cluster templates that paid on dev; 700k words of parsed
        # text (3.4 times the treebank) and 10 passes, chosen on dev; the
        # lookup floor of 60 keeps the model at 19 MB; then the move-scoring
        # network beside the perceptron: 256 hidden units, 5 epochs, weight
        # 24, chosen with dev held out (docs/parser.md, "Session 6")
        "$dyad" train parser --train "$training" --dev "$ewt/en_ewt-ud-dev.conllu" \
            --parsed "$parsed" --tagger data/nlp/tagger.model --iterations 10 \
            --clusters data/nlp/clusters.model --cluster-features backoff,single,pairs,tag-pairs,children \
            --min-lookups 60 --network-epochs 5 --network-hidden 256 --network-weight 24 \
            --out data/nlp/parser.model
        "$dyad" eval parse --gold "$ewt/en_ewt-ud-test.conllu" --data-dir data
        "$dyad" eval parse --gold "$ewt/en_ewt-ud-test.conllu" --data-dir data --raw
        ;;
    *)
        echo "train-models: unknown model '$model'" >&2
        exit 2
        ;;
    esac
done
