#!/bin/sh
# Regenerate set ocr17 from scratch and verify it.
#   ./make_set.sh            write into this folder
#   ./make_set.sh OUTDIR     write into OUTDIR (used for the determinism check)
# Needs only Debian packages: perl, libgd-perl, pdl, libjson-pp-perl (core), python3 and the fonts
# listed in README.md.  Runs one Perl process per document, sequentially (about 6-8 minutes on 2 cores).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
mkdir -p "$OUT/build"
OUT=$(cd "$OUT" && pwd)
# determinism and memory behaviour: single-threaded PDL, fixed Perl hash seed, glibc keeps freed arrays
export PDL_AUTOPTHREAD_TARG=1 PERL_HASH_SEED=0 PERL_PERTURB_KEYS=0 LC_ALL=C.UTF-8 TZ=UTC
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=1073741824
rm -f "$OUT"/doc[0-9][0-9].* "$OUT"/build/doc*.meta.json "$OUT/manifest.jsonl" "$OUT/SHA256SUMS"
for n in $(seq 1 46); do
    perl "$HERE/src/bin/gen_doc.pl" "$OUT" "$n"
done
perl "$HERE/src/bin/check_tiff.pl" "$OUT"
perl "$HERE/src/bin/check_pdf.pl" "$OUT"
python3 "$HERE/src/bin/build_manifest.py" "$OUT"
python3 "$HERE/src/bin/check_set.py" "$OUT"
cd "$OUT"
sha256sum doc[0-9][0-9].* manifest.jsonl > SHA256SUMS
sha256sum -c --quiet SHA256SUMS && echo "SHA256SUMS: $(wc -l < SHA256SUMS) files verified"
