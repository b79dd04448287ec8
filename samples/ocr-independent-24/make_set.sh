#!/bin/sh
# Rebuilds the ocr24 evaluation set from the Free Pascal sources in src/.
#   sh make_set.sh [OUTDIR]      (default: the folder holding this script)
# Needs Debian's fpc and the font packages listed in README.md; Python 3 (standard library only)
# for the manifest checks; coreutils sha256sum. Output is byte-identical on every run.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT INT TERM
command -v fpc >/dev/null 2>&1 || { echo "fpc missing: apt-get install fpc" >&2; exit 1; }
for f in fonts-bpg-georgian/BPG_Serif_Modern_GPL\&GNU.ttf cmu/cmunrm.ttf dai-banna/DBSILBR.ttf \
         taiheritagepro/TaiHeritagePro-Regular.ttf teluguvijayam/NATS.ttf nanum/NanumPen.ttf \
         nanum/NanumSquareL.ttf dustin/El_Abogado_Loco.ttf; do
  [ -f "/usr/share/fonts/truetype/$f" ] || { echo "font missing: $f (see README.md)" >&2; exit 1; }
done
mkdir -p "$BUILD/units"
fpc -O2 -FU"$BUILD/units" -Fu"$HERE/src" -o"$BUILD/makeset" "$HERE/src/makeset.pas" > "$BUILD/fpc-makeset.log" 2>&1 \
  || { cat "$BUILD/fpc-makeset.log"; exit 1; }
fpc -O2 -FU"$BUILD/units" -Fu"$HERE/src" -o"$BUILD/validate" "$HERE/src/validate.pas" > "$BUILD/fpc-validate.log" 2>&1 \
  || { cat "$BUILD/fpc-validate.log"; exit 1; }
rm -f "$OUT"/doc[0-9][0-9].tif "$OUT"/doc[0-9][0-9].jpg "$OUT"/doc[0-9][0-9].png "$OUT"/doc[0-9][0-9].pdf \
      "$OUT"/doc[0-9][0-9].gt.txt "$OUT"/manifest.jsonl "$OUT"/SHA256SUMS "$OUT"/validation_report.txt
"$BUILD/makeset" "$OUT" "$BUILD"
"$BUILD/validate" "$OUT" "$BUILD/expect.tsv" > "$OUT/validation_report.txt" || { cat "$OUT/validation_report.txt"; exit 1; }
tail -n 1 "$OUT/validation_report.txt"
python3 "$HERE/src/build_manifest.py" "$OUT" "$BUILD" > "$BUILD/manifest.log" || { cat "$BUILD/manifest.log"; exit 1; }
tail -n 1 "$BUILD/manifest.log"
cd "$OUT"
sha256sum doc[0-9][0-9].* manifest.jsonl validation_report.txt > SHA256SUMS
sha256sum -c --quiet SHA256SUMS && echo "SHA256SUMS written and verified ($(wc -l < SHA256SUMS) files)"
