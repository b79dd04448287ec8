#!/bin/sh
# Rebuilds the ocr21 set deterministically: ./make_set.sh [OUTDIR]   (default: this folder)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
mkdir -p "$OUT"
APT="apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends"
command -v ruby >/dev/null 2>&1 || $APT ruby
for pkg in fonts-campania fonts-beteckna fonts-morisawa-bizud-mincho fonts-sawarabi-mincho fonts-linex \
           fonts-ipafont-mincho fonts-ipafont-gothic fonts-hosny-amiri fonts-yozvox-yozfont-standard-kana \
           fonts-aoyagi-soseki fonts-kiloji fonts-baekmuk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || $APT "$pkg"
done
rm -rf "$OUT"/.build "$OUT"/doc*.* "$OUT"/manifest.jsonl "$OUT"/SHA256SUMS
cd "$HERE/src"
ruby make_set.rb "$OUT" 0 2 & P0=$!
ruby make_set.rb "$OUT" 1 2 & P1=$!
wait $P0
wait $P1
ruby assemble.rb "$OUT"
ruby verify.rb "$OUT"
python3 check_set.py "$OUT"
cd "$OUT" && sha256sum doc*.* manifest.jsonl > SHA256SUMS
echo "SHA256SUMS written ($(wc -l < SHA256SUMS) files)"
