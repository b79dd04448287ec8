#!/bin/sh
# Rebuild the ocr20 evaluation set from scratch (deterministic; byte-identical on rerun).
# Needs: node 20, npm package opentype.js (only npm dependency), Debian font packages listed in README.md.
set -e
cd "$(dirname "$0")"
[ -d node_modules/opentype.js ] || npm install opentype.js
rm -f doc*.tif doc*.jpg doc*.png doc*.pdf doc*.gt.txt manifest.jsonl
nice -n 10 node src/make.js
nice -n 10 node src/verify.js
sha256sum doc* manifest.jsonl > SHA256SUMS
