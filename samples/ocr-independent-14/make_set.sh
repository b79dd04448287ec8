#!/bin/bash
# Regenerates set ocr14. Usage: bash make_set.sh [OUTDIR]   (default: this folder)
# Needs Debian packages: default-jdk-headless fonts-go fonts-lato fonts-roboto-unhinted fonts-inconsolata
#   fonts-ebgaramond fonts-adf-accanthis fonts-adf-gillius fonts-adf-baskervald (installed below if missing), python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mkdir -p "${1:-$HERE}" && cd "${1:-$HERE}" && pwd)
PKGS="default-jdk-headless fonts-go fonts-lato fonts-roboto-unhinted fonts-inconsolata fonts-ebgaramond fonts-adf-accanthis fonts-adf-gillius fonts-adf-baskervald"
MISSING=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || MISSING="$MISSING $p"; done
if [ -n "$MISSING" ]; then
  apt-get -o DPkg::Lock::Timeout=900 update
  apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends $MISSING
fi
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
javac -encoding UTF-8 -d "$BUILD/classes" "$HERE"/src/*.java
rm -f "$OUT"/doc[0-9][0-9].* "$OUT/manifest.jsonl"
java -Xmx3g -Djava.awt.headless=true -Dthreads=2 -cp "$BUILD/classes" Gen "$OUT" "$BUILD/meta.jsonl"
python3 "$HERE/make_manifest.py" "$BUILD/meta.jsonl" "$OUT/manifest.jsonl"
python3 "$HERE/check_set.py" "$OUT" --write-sums
