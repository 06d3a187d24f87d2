#!/usr/bin/env bash
# `dyad train parser` on a small treebank of our own: jackknifed tags saved
# with --save-tags and read back with --tags give the same model, byte for
# byte; a model trained with word clusters (a toy clusters model trained
# here) needs them beside it; --parsed sentences are learnt; and the option
# errors are usage errors.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data="$DYAD_SOURCE_ROOT/data"

# ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC, sentences written for this test
row() { printf '%s\t%s\t%s\t%s\t%s\t_\t%s\t%s\t_\t_\n' "$@"; }
{
    for subject in army police; do
        for object in shells shots; do
            row 1 The the DET DT 2 det; row 2 "$subject" "$subject" NOUN NN 3 nsubj
            row 3 fired fire VERB VBD 0 root; row 4 "$object" "${object%s}" NOUN NNS 3 obj
            row 5 at at ADP IN 7 case; row 6 the the DET DT 7 det
            row 7 town town NOUN NN 3 obl; row 8 . . PUNCT . 3 punct; echo
        done
    done
    for day in Monday Thursday; do
        row 1 Envoys envoy NOUN NNS 2 nsubj; row 2 met meet VERB VBD 0 root
        row 3 the the DET DT 4 det; row 4 minister minister NOUN NN 2 obj
        row 5 on on ADP IN 6 case; row 6 "$day" "$day" PROPN NNP 2 obl; row 7 . . PUNCT . 2 punct; echo
    done
} >"$work/small.conllu"

train() {
    "$DYAD" train parser --train "$work/small.conllu" --dev "$work/small.conllu" --iterations 3 \
        --tagger "$data/nlp/tagger.model" --folds 2 "$@"
}

train --no-clusters --save-tags "$work/tags.conllu" --out "$work/a.model" >"$work/a.log"
grep -q "jackknife fold  2" "$work/a.log" || { echo "no jackknifing"; cat "$work/a.log"; exit 1; }
[ "$(grep -c '^1	' "$work/tags.conllu")" -eq 6 ] || { echo "the tags file lacks sentences"; exit 1; }
train --no-clusters --tags "$work/tags.conllu" --out "$work/b.model" >"$work/b.log"
grep -q "training tags from $work/tags.conllu" "$work/b.log" || { echo "tags not read"; cat "$work/b.log"; exit 1; }
! grep -q "jackknife fold" "$work/b.log" || { echo "jackknifed despite --tags"; exit 1; }
cmp -s "$work/a.model" "$work/b.model" || { echo "--tags gave another model than --save-tags"; exit 1; }

# word clusters: a toy model from text of our own
for n in $(seq 40); do
    echo "The army fired shells at the town on Monday. The police fired shots at the crowd on Thursday."
    echo "Envoys met the minister on Thursday. Officials met the envoys on Monday."
done >"$work/corpus.txt"
"$DYAD" train clusters --corpus "$work/corpus.txt" --classes 2,4,8 --min-count 1 \
    --out "$work/clusters-toy.model" --data-dir "$data" 2>/dev/null
mkdir "$work/models"
train --tags "$work/tags.conllu" --clusters "$work/clusters-toy.model" --cluster-features single,children \
    --out "$work/models/parser.model" >"$work/c.log"
grep -q "word clusters from $work/clusters-toy.model" "$work/c.log" || { echo "clusters not read"; cat "$work/c.log"; exit 1; }
grep -q "note: .* cannot be used until" "$work/c.log" || { echo "no note about the missing clusters"; cat "$work/c.log"; exit 1; }
set +e
message=$("$DYAD" eval parse --gold "$work/small.conllu" --gold-tags --parser "$work/models/parser.model" --data-dir "$data" 2>&1)
[ $? -eq 1 ] && [[ "$message" == *"needs the clusters.model it was trained with"* ]] ||
    { echo "bad error without the clusters: $message"; exit 1; }
set -e
cp "$work/clusters-toy.model" "$work/models/clusters.model"
"$DYAD" eval parse --gold "$work/small.conllu" --gold-tags --parser "$work/models/parser.model" \
    --data-dir "$data" | grep -q '^UAS' || { echo "the model with its clusters does not parse"; exit 1; }

# --parsed (uptraining): sentences parsed elsewhere join the training set
# with their own tags.  Written here with a relation (iobj) and words the
# treebank lacks: only a model trained with them can produce that relation.
{
    for giver in army police; do
        for thing in shells aid; do
            row 1 The the DET DT 2 det; row 2 "$giver" "$giver" NOUN NN 3 nsubj
            row 3 gave give VERB VBD 0 root; row 4 the the DET DT 5 det
            row 5 envoys envoy NOUN NNS 3 iobj; row 6 "$thing" "$thing" NOUN NN 3 obj
            row 7 . . PUNCT . 3 punct; echo
        done
    done
} >"$work/parsed.conllu"
train --no-clusters --tags "$work/tags.conllu" --parsed "$work/parsed.conllu" --iterations 5 --min-lookups 1 \
    --out "$work/e.model" >"$work/e.log"
grep -q "training parser on 10 sentences (74 words)" "$work/e.log" ||
    { echo "--parsed sentences not added"; cat "$work/e.log"; exit 1; }
train --no-clusters --tags "$work/tags.conllu" --iterations 5 --min-lookups 1 --out "$work/f.model" >/dev/null
las() { "$DYAD" eval parse --gold "$work/parsed.conllu" --gold-tags --parser "$1" --data-dir "$data" | awk '$1 == "LAS" {print $2}'; }
with=$(las "$work/e.model"); without=$(las "$work/f.model")
awk -v a="$with" -v b="$without" 'BEGIN { exit !(a >= b + 20) }' ||
    { echo "--parsed did not teach: LAS $with with, $without without"; exit 1; }
set +e
message=$(train --no-clusters --tags "$work/tags.conllu" --parsed "$work/missing.conllu" --out "$work/g.model" 2>&1)
[ $? -eq 1 ] && [[ "$message" == *"$work/missing.conllu"* ]] || { echo "bad error for a missing --parsed file: $message"; exit 1; }
printf '1\tThe\tthe\tDET\n' >"$work/bad.conllu"
message=$(train --no-clusters --tags "$work/tags.conllu" --parsed "$work/bad.conllu" --out "$work/g.model" 2>&1)
[ $? -eq 1 ] && [[ "$message" == *"$work/bad.conllu"*1* ]] || { echo "bad error for a malformed --parsed file: $message"; exit 1; }
set -e

set +e
for options in "--cluster-features single,bogus" "--gold-tags --tags $work/tags.conllu" \
    "--save-tags $work/x --tags $work/tags.conllu" "--no-clusters --clusters $work/clusters-toy.model"; do
    # shellcheck disable=SC2086
    train $options --out "$work/d.model" >/dev/null 2>&1
    [ $? -eq 2 ] || { echo "no usage error for $options"; exit 1; }
done
set -e
echo "train parser: tags files, clusters and --parsed OK"
