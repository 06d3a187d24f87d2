#!/usr/bin/env bash
# Retrains dyad's models from the treebanks in ../shared and writes them
# into data/ (commit a retrained model only when its figures improve).
# Usage: scripts/train-models.sh [SHARED_DIR]   (default: ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
ewt="$shared/data/ud-english-ewt/en_ewt-ud"
[ -x build/dyad ] || { echo "train-models: build dyad first (ninja -C build)" >&2; exit 1; }

# sentence boundaries (data/text/sentence.model)
build/dyad train segmenter --train "$ewt-train.conllu" --dev "$ewt-dev.conllu" \
    --out data/text/sentence.model
build/dyad eval tokenize --gold "$ewt-dev.conllu" | sed 's/^/dev  /'
build/dyad eval tokenize --gold "$ewt-test.conllu" | sed 's/^/test /'
