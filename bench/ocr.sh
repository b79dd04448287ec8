#!/usr/bin/env bash
# Scanning benchmark (not a test): pages/s of `paperlite scan` against the plain `tesseract`
# command, one process per core, over the same sample pages in the same run; PDF rendering
# on its own (pdfium against poppler's pdftoppm); character error rates of each against the
# ground truth. Prints Markdown tables for BENCHMARKS.md.
#
#   bash bench/ocr.sh [SAMPLES_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES=${1:-samples/scans}
WORKERS=$(nproc)

bash scripts/install.sh
command -v pdftoppm >/dev/null || { apt-get install -y -qq poppler-utils >/dev/null; }
cargo build --release --locked -q
cargo build --release --locked -q -p paperlite-ocr --example render_pdf
cargo build --release --locked -q -p paperlite-evaluation --example score_texts
BIN=target/release/paperlite

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/cli_in" "$work/cli_out" "$work/ours" "$work/ours_raw" "$work/tmp"

# Scanned pages only: born-digital PDFs keep their text layer in PaperLite and would make
# the comparison unfair in its favour. Any folder of scans with .gt.txt ground truth will do;
# a manifest.json (optional) may mark files with a text layer. Pages are counted from the
# ground truth (form feeds separate pages).
pages=$(python3 - "$SAMPLES" "$work/in" <<'PY'
import json, shutil, sys, pathlib
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
text_layer = set()
try:
    m = json.load(open(src / "manifest.json"))
    m = m if isinstance(m, list) else m.get("documents", m.get("files", []))
    text_layer = {d["file"] for d in m if isinstance(d, dict) and d.get("text_layer")}
except (OSError, ValueError):
    pass
pages = 0
for gt in sorted(src.rglob("*.gt.txt")):
    stem = gt.name[: -len(".gt.txt")]
    for scan in gt.parent.glob(stem + ".*"):
        if scan.name.endswith(".gt.txt") or scan.name in text_layer:
            continue
        shutil.copy(scan, dst / scan.name)
        pages += gt.read_text().rstrip("\f\n").count("\f") + 1
print(pages)
PY
)
pdfs=$(ls "$work"/in/*.pdf 2>/dev/null || true)
echo "load: $(uptime)"
echo "input: $(ls "$work/in" | wc -l) files, $pages pages (scanned, no text layer); $WORKERS workers"

echo
echo "## PDF rendering at 300 DPI, on its own"
if [ -n "$pdfs" ]; then
  ./target/release/examples/render_pdf --out "$work/cli_in" $pdfs | tail -1
  start=$(date +%s.%N)
  for f in $pdfs; do pdftoppm -r 300 -gray "$f" "$work/tmp/$(basename "$f" .pdf)"; done
  end=$(date +%s.%N)
  n=$(ls "$work/tmp" | wc -l)
  python3 -c "print(f'pdftoppm: $n pages in {$end-$start:.3f} s, {($end-$start)/$n:.3f} s/page')"
fi
# The tesseract command reads images, not PDFs: give it pdfium's renderings of the PDFs
# (the same pixels PaperLite OCRs) and the other files as they are.
for f in "$work"/in/*; do
  case "$f" in *.pdf) ;; *) cp "$f" "$work/cli_in/" ;; esac
done

echo
echo "## Throughput"
start=$(date +%s.%N)
ls "$work/cli_in" | xargs -P "$WORKERS" -I{} sh -c \
  'OMP_THREAD_LIMIT=1 tesseract "'"$work"'/cli_in/{}" "'"$work"'/cli_out/{}" >/dev/null 2>&1'
end=$(date +%s.%N)
cli_s=$(python3 -c "print($end-$start)")

# A file no decoder can read fails on its own (named above) and the batch goes on; the scan
# then exits non-zero, which must not end the benchmark.
$BIN scan "$work/in" --data-dir "$work/data" --json --workers "$WORKERS" > "$work/scan.json" ||
  echo "(paperlite scan: some files could not be read, named above; the rest were scanned)"
$BIN scan "$work/in" --data-dir "$work/data_raw" --json --workers "$WORKERS" --no-cleanup > "$work/scan_raw.json" ||
  echo "(paperlite scan --no-cleanup: some files could not be read, named above)"
python3 - "$work" "$pages" "$cli_s" <<'PY'
import json, sys
work, pages, cli_s = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
s = json.load(open(f"{work}/scan.json")); r = json.load(open(f"{work}/scan_raw.json"))
# Both tools read every page of the same files; the ground truth may give no page to a blank
# trailing page, so the CLI's pages are counted as PaperLite's scan counts them.
cli_pages = max(pages, s["pages"])
cli = cli_pages / cli_s
print("| run | pages | seconds | pages/s | vs tesseract CLI |")
print("| --- | ---: | ---: | ---: | ---: |")
print(f"| tesseract CLI, {''}one process per core | {cli_pages} | {cli_s:.1f} | {cli:.2f} | 1.00x |")
for label, x in (("paperlite scan (render, clean-up, OCR, store, index)", s), ("paperlite scan --no-cleanup", r)):
    pps = x["pages"] / x["elapsed_seconds"]
    print(f"| {label} | {x['pages']} | {x['elapsed_seconds']:.1f} | {pps:.2f} | {pps/cli:.2f}x |")
PY

# Hypothesis texts for the error rates: the CLI's output per file (PDF pages joined with
# form feeds, as tesseract joins TIFF pages), and PaperLite's with and without clean-up.
mkdir -p "$work/cli_txt"
python3 - "$work" <<'PY'
import glob, os, re, sys
work = sys.argv[1]
groups = {}
for f in sorted(glob.glob(f"{work}/cli_out/*.txt")):
    name = os.path.basename(f)[:-4]
    m = re.match(r"(.*)-(\d{3})\.png$", name)
    stem = m.group(1) if m else os.path.splitext(name)[0]
    groups.setdefault(stem, []).append(open(f).read().rstrip("\f\n"))
# A file the CLI could not read (no output written) counts as read empty, like PaperLite's.
for name in os.listdir(f"{work}/in"):
    groups.setdefault(os.path.splitext(name)[0], [])
for stem, pages in groups.items():
    with open(f"{work}/cli_txt/{stem}.txt", "w") as out:
        out.write("\f".join(pages))
PY
mkdir -p "$work/ours_poor"
for mode in ours ours_raw ours_poor; do
  flag=""
  [ "$mode" = ours_raw ] && flag="--no-cleanup"
  [ "$mode" = ours_poor ] && flag="--cleanup-when poor-pages"
  # A file that could not be read counts as read empty, as the CLI's empty output does.
  { $BIN ocr --json --workers "$WORKERS" $flag "$work"/in/* || true; } | python3 -c "
import json, os, sys
for line in sys.stdin:
    d = json.loads(line)
    if 'file' not in d: continue
    stem = os.path.splitext(os.path.basename(d['file']))[0]
    open(os.path.join('$work/$mode', stem + '.txt'), 'w').write('\f'.join(p['text'] for p in d.get('pages', [])))
"
done

echo
echo "## Character and word error rates (same scanned pages, whitespace-normalised)"
./target/release/examples/score_texts --data "$SAMPLES" \
  "tesseract CLI=$work/cli_txt" \
  "paperlite (default: clean-up of every page)=$work/ours" \
  "paperlite --cleanup-when poor-pages=$work/ours_poor" \
  "paperlite --no-cleanup=$work/ours_raw"

# Fields PaperLite stored for each scanned file, against the values written on the page (taken
# from the manifest's `nhs_number` and `date_of_birth` when it gives them, else from the ground
# truth by this script's own simple patterns, not by PaperLite's extractor):
# NHS number, date of birth, and whether a referral was recognised as one. Which files are
# referrals comes from the manifest's `kind` (or `document_type`) or the file name.
echo
echo "## Extraction and document type (paperlite scan, default settings)"
python3 - "$SAMPLES" "$work/data/paperlite.sqlite" <<'PY'
import json, pathlib, re, sqlite3, sys
from datetime import date
src, db = pathlib.Path(sys.argv[1]), sys.argv[2]
kinds, truth = {}, {}
try:
    m = json.load(open(src / "manifest.json"))
    m = m if isinstance(m, list) else m.get("documents", [])
    for d in m:
        kinds[d["file"]] = d.get("document_type") or d.get("kind") or ""
        # A manifest that states the fields is the truth; otherwise they are read off the page.
        if "nhs_number" in d or "date_of_birth" in d:
            truth[d["file"]] = (d.get("nhs_number"), d.get("date_of_birth"))
except (OSError, ValueError):
    pass
REFERRAL_KINDS = {"referral_letter", "ers", "dear_dr", "proforma", "soap", "gp_export", "terse",
                  "letterhead_referral"}
MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
def dob_of(text):
    m = re.search(r"(?i)(?:DOB|D\.O\.B\.?|Date of birth|Born)\s*[:.]?\s*([0-9]{1,2}[./ -][0-9A-Za-z]{1,9}[./ -][0-9]{2,4})", text)
    if not m:
        return None
    parts = re.split(r"[./ -]+", m.group(1))
    d, mo, y = parts[0], parts[1], parts[2]
    mo = int(mo) if mo.isdigit() else MONTHS.get(mo[:3].lower())
    y = int(y)
    if y < 100:
        y += 1900 if y > date.today().year % 100 else 2000
    try:
        return date(y, mo, int(d)).isoformat()
    except (TypeError, ValueError):
        return None
def nhs_of(text):
    m = re.search(r"(?i)NHS\s*(?:No\.?|Number|number)?\s*[:.]?\s*(\d{3}[ -]?\d{3}[ -]?\d{4})", text)
    return re.sub(r"\D", "", m.group(1)) if m else None
rows = {}
con = sqlite3.connect(db)
held_of = {}
for fname, nhs, dob, dtype, held in con.execute(
        "SELECT f.path, d.nhs_number, d.date_of_birth, d.document_type, d.nhs_number_to_confirm "
        "FROM documents d JOIN document_files f ON f.document_id = d.id"):
    rows[pathlib.Path(fname).name] = (nhs, dob, dtype)
    held_of[pathlib.Path(fname).name] = held
n = nhs_ok = dob_n = dob_ok = ref_n = ref_ok = 0
# NHS numbers held for records staff to confirm (read below [ocr] nhs_number_confirm_below):
# not stored, so not right above; counted apart, with how many of them were the page's.
held_n = held_ok = stored_wrong = 0
wrong = []
for gt in sorted(src.rglob("*.gt.txt")):
    stem = gt.name[: -len(".gt.txt")]
    scans = [p for p in gt.parent.glob(stem + ".*") if not p.name.endswith(".gt.txt")]
    if not scans or scans[0].name not in rows:
        continue
    name = scans[0].name
    text = gt.read_text()
    nhs, dob, dtype = rows[name]
    want_nhs, want_dob = truth.get(name) or (nhs_of(text), dob_of(text))
    if want_nhs:
        n += 1; nhs_ok += nhs == want_nhs
        held = held_of.get(name)
        if nhs is None and held:
            held_n += 1; held_ok += held == want_nhs
            wrong.append(f"{name}: NHS held for confirmation: {held} (page says {want_nhs})")
        elif nhs != want_nhs:
            wrong.append(f"{name}: NHS {nhs} (page says {want_nhs})")
            stored_wrong += nhs is not None
    if want_dob:
        dob_n += 1; dob_ok += dob == want_dob
        if dob != want_dob: wrong.append(f"{name}: DOB {dob} (page says {want_dob})")
    kind = kinds.get(name, "")
    if kind in REFERRAL_KINDS or "referral" in name:
        ref_n += 1; ref_ok += dtype == "referral_letter"
        if dtype != "referral_letter": wrong.append(f"{name}: type {dtype} (a referral)")
print("| field | right | of | share |")
print("| --- | ---: | ---: | ---: |")
for label, ok, total in (("NHS number", nhs_ok, n), ("date of birth", dob_ok, dob_n), ("referral recognised", ref_ok, ref_n)):
    print(f"| {label} | {ok} | {total} | {100.0 * ok / max(total, 1):.1f}% |")
print(f"\nNHS numbers held for confirmation: {held_n} ({held_ok} of them the page's); "
      f"wrong numbers stored: {stored_wrong}")
for w in wrong:
    print(f"- {w}")
PY
