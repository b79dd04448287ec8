#!/bin/sh
# Regenerate set ocr22 deterministically. Needs Debian lua5.4 and the font packages listed in README.md.
set -e
cd "$(dirname "$0")"
OUT=${1:-.}
mkdir -p "$OUT"
# two workers (odd / even documents); each page seeded from its own string
lua5.4 src/main.lua "$OUT" 1 46 2 &
P1=$!
lua5.4 src/main.lua "$OUT" 2 46 2 &
P2=$!
wait $P1; wait $P2
python3 src/merge_check.py "$OUT"
