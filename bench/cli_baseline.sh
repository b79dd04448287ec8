#!/usr/bin/env bash
# The plain Tesseract CLI baseline of an OCR evaluation set: `tesseract FILE stdout` for each
# file in the set's manifest.json (defaults: eng, --psm 3), written to SET/cli-baseline/NAME.txt.
# PDFs are rasterised with `pdftoppm -r 300 -gray` and each page read on its own, outputs
# joined with form feeds (as tesseract joins the pages of a multi-page TIFF).
#
#   bash bench/cli_baseline.sh samples/ocr-independent-4
set -euo pipefail
cd "$1"
out=cli-baseline
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in $(python3 -c "import json;print(' '.join(m['file'] for m in json.load(open('manifest.json'))))"); do
  stem="${f%.*}"
  if [[ "$f" == *.pdf ]]; then
    pdftoppm -r 300 -gray -png "$f" "$tmp/$stem"
    : > "$out/$stem.txt"
    first=1
    for p in $(ls "$tmp/$stem"-*.png | sort -t- -k3 -n); do
      [[ $first == 1 ]] || printf '\f' >> "$out/$stem.txt"
      first=0
      OMP_THREAD_LIMIT=1 tesseract "$p" stdout 2>/dev/null >> "$out/$stem.txt"
    done
    rm -f "$tmp/$stem"-*.png
  else
    OMP_THREAD_LIMIT=1 tesseract "$f" stdout 2>/dev/null > "$out/$stem.txt"
  fi
done
tesseract --version 2>&1 | head -1 > "$out/TESSERACT_VERSION.txt"
