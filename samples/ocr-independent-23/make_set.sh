#!/bin/sh
# Builds the ocr23 set: PHP 8 CLI (core + zlib only) draws and encodes; Python stdlib writes the manifest and checks.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
BUILD=$(mktemp -d)
PHP="php -n -d memory_limit=-1 -d zend_extension=opcache -d opcache.enable_cli=1 -d opcache.jit=tracing -d opcache.jit_buffer_size=128M"
$PHP -r 'require "'"$HERE"'/src/ccitt.php"; foreach (ccitt_check_tables() as $l) echo "$l\n";' > "$BUILD/ccitt_check.txt"
# two workers (the machine has 2 cores); the split is fixed so output does not depend on scheduling
A="1 4 5 7 10 11 14 16 17 20 22 24 26 28 30 33 35 36 39 41 43 45"
B="2 3 6 8 9 12 13 15 18 19 21 23 25 27 29 31 32 34 37 38 40 42 44"
$PHP "$HERE/src/make.php" "$OUT" "$BUILD" $A 2> "$BUILD/logA.txt" &
PA=$!
$PHP "$HERE/src/make.php" "$OUT" "$BUILD" $B 2> "$BUILD/logB.txt" || { cat "$BUILD/logB.txt"; exit 1; }
wait $PA || { cat "$BUILD/logA.txt"; exit 1; }
cat "$BUILD/logA.txt" "$BUILD/logB.txt" | grep -E 'done|verified' | sort > "$BUILD/build_log.txt"
$PHP "$HERE/src/verify.php" "$OUT" > "$BUILD/verify.txt"
python3 "$HERE/src/manifest.py" "$OUT" "$BUILD"
rm -rf "$BUILD"
