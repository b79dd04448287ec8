#!/bin/sh
# Build the generator and (re)make the ocr16 set.  Usage: ./make_set.sh [output-dir]   (default: this folder)
# Output is byte-identical on every run (string-seeded randomness, no dates or random ids written).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mkdir -p "${1:-$HERE}" && cd "${1:-$HERE}" && pwd)
make -C "$HERE/src" gen >/dev/null 2>&1
mkdir -p "$OUT/checks"
rm -f "$OUT"/doc[0-9][0-9].* "$OUT/manifest.jsonl"
"$HERE/src/gen" "$OUT" 2>/dev/null
python3 "$HERE/src/check.py" "$OUT" > "$OUT/checks/check_report.txt" || { tail -20 "$OUT/checks/check_report.txt"; exit 1; }
tail -1 "$OUT/checks/check_report.txt"
