#!/bin/bash
# Plain Tesseract CLI baseline: `tesseract FILE stdout` (defaults: eng, --psm 3, --oem default).
# PDFs are rasterised first with `pdftoppm -r 300` and pages are joined with form feeds
# (tesseract puts a form feed between the pages of a multi-page TIFF; for rasterised PDF
# pages we insert the form feed between page outputs ourselves).
# Optional argument: only process manifest files whose name ends with it (e.g. ".pdf").
set -euo pipefail
cd "$(dirname "$0")"
out=cli-baseline; mkdir -p "$out"; tmp=$(mktemp -d)
only="${1:-}"
for f in $(python3 -c "import json;print(' '.join(m['file'] for m in json.load(open('manifest.json'))))"); do
  [[ -n "$only" && "$f" != *"$only" ]] && continue
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
  echo "$f done"
done
rm -rf "$tmp"
