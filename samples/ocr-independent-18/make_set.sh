#!/bin/bash
# make_set.sh -- regenerates set ocr18 from src/ (Tcl/Tk + libtk-img, GNU Octave,
# Python standard library for the manifest and checks). Deterministic: a rerun
# must reproduce SHA256SUMS byte for byte.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC="$HERE/src"
BUILD="${OCR18_BUILD:-$HERE/build}"
SCREEN="-screen 0 3600x5200x24"
export LC_ALL=C.UTF-8 TZ=UTC
rm -rf "$BUILD"
mkdir -p "$BUILD"
rm -f "$HERE"/doc*.* "$HERE/manifest.jsonl" "$HERE/README.md" "$HERE/SHA256SUMS"
t0=$(date +%s)
echo "== layout and Tk rendering"
xvfb-run -a -s "$SCREEN" wish "$SRC/render.tcl" "$BUILD" "$HERE" full
echo "== Octave raster pipeline"
octave-cli -q --no-window-system "$SRC/degrade.m" "$BUILD/jobs.txt" 2>&1 | grep -v "execution_exception" || true
test "$(ls "$BUILD"/o | wc -l)" -eq "$(wc -l < "$BUILD/jobs.txt")"
echo "== encoding (libtk-img JPEG/PNG, own TIFF and PDF writers)"
xvfb-run -a -s "$SCREEN" wish "$SRC/encode.tcl" "$BUILD" "$HERE"
echo "== decoding every TIFF with the own reader"
tclsh "$SRC/verify_tiff.tcl" "$BUILD" "$HERE"
echo "== manifest, README and checks"
python3 "$SRC/manifest.py" "$BUILD" "$HERE" > "$BUILD/counts.txt"
python3 "$SRC/check_set.py" "$HERE"
( cd "$HERE" && sha256sum doc*.* manifest.jsonl README.md make_set.sh src/* > SHA256SUMS )
rm -rf "$BUILD"
echo "== done in $(( $(date +%s) - t0 )) s"
