#!/usr/bin/env bash
# Which pages the clean-up should run on, measured on every scan set (a benchmark, not a
# test): for each set, `paperlite ocr` reads every file with the clean-up of every page
# (`--cleanup-when always`) and with the clean-up of only the pages that read poorly as
# scanned (`--cleanup-when poor-pages`); both are scored against the ground truth beside the
# plain Tesseract CLI's text of the same files (SET/cli-baseline, made by
# bench/cli_baseline.sh, here if missing). Prints one Markdown row per set and mode: CER, the
# ratio to the CLI, and the review flag's precision and recall against pages read with a CER
# above 10%, then the pooled figures over all sets.
#
#   bash bench/cleanup_choice.sh [SET...]     (default: samples/scans samples/ocr-independent*)
#
# MODES="always poor-pages none" adds other modes (`none`: --no-cleanup); OUT=DIR keeps each
# page's text, confidence and flag there (DIR/SET/MODE/*.txt, pages.csv, flags.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then sets=("$@"); else sets=(samples/scans samples/ocr-independent*); fi
WORKERS=$(nproc)
BIN=target/release/paperlite
cargo build --release --locked -q --bin paperlite
cargo build --release --locked -q -p paperlite-evaluation --example score_texts

MODES=${MODES:-always poor-pages}
if [ -n "${OUT:-}" ]; then
  work=$OUT
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
: > "$work/rows.csv"
for set in "${sets[@]}"; do
  name=$(basename "$set")
  [ -d "$set/cli-baseline" ] || bash bench/cli_baseline.sh "$set" >/dev/null
  # Scanned files only: a born-digital PDF's text layer is read as it is in every mode.
  files=$(python3 -c "import json,sys;print('\n'.join(sys.argv[1]+'/'+m['file'] for m in json.load(open(sys.argv[1]+'/manifest.json')) if not m.get('text_layer')))" "$set")
  for mode in $MODES; do
    out="$work/$name/$mode"
    mkdir -p "$out"
    start=$(date +%s.%N)
    # One process per core, each with its share of the files (the pool works page by page
    # within a file, so single-page files would otherwise use one core).
    if [ "$mode" = none ]; then flags=(--no-cleanup); else flags=(--cleanup-when "$mode"); fi
    rm -f "$out"/list*
    echo "$files" | awk -v n="$WORKERS" -v d="$out" '{ print > (d "/list" (NR % n)) }'
    for list in "$out"/list?; do
      xargs -a "$list" "$BIN" ocr --json --workers 1 "${flags[@]}" > "$list.json" 2>/dev/null &
    done
    wait
    end=$(date +%s.%N)
    cat "$out"/list*.json | python3 -c "
import json, os, sys
with open('$out/flags.csv', 'w') as flags:
    for line in sys.stdin:
        d = json.loads(line)
        if 'pages' not in d: continue
        stem = os.path.splitext(os.path.basename(d['file']))[0]
        open(os.path.join('$out', stem + '.txt'), 'w').write('\f'.join(p['text'] for p in d['pages']))
        for p in d['pages']:
            flags.write(f\"{d['file']},{p['page']},{int(p['needs_review'])},{p['mean_confidence']}\n\")
"
    python3 -c "print('$name,$mode,seconds,' + str($end - $start))" >> "$work/rows.csv"
  done
  runs=("cli=$set/cli-baseline")
  for mode in $MODES; do runs+=("$mode=$work/$name/$mode"); done
  ./target/release/examples/score_texts --data "$set" --pages "$work/$name/pages.csv" "${runs[@]}" >/dev/null
done

python3 - "$work" "$MODES" "${sets[@]}" <<'PY'
import csv, os, sys
work, modes, sets = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
seconds = {}
for row in csv.reader(open(f"{work}/rows.csv")):
    seconds[(row[0], row[1])] = float(row[3])
pooled = {}
print("| set | pages | CLI CER | mode | CER | vs CLI | flag precision | flag recall | seconds |")
print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
for s in sets:
    name = os.path.basename(s)
    pages = list(csv.DictReader(open(f"{work}/{name}/pages.csv")))
    by = {}
    for p in pages:
        by.setdefault(p["label"], {})[(os.path.basename(p["file"]), int(p["page"]))] = (
            int(p["char_errors"]), int(p["ref_chars"]), float(p["cer"]))
    def rate(d):
        return sum(e for e, _, _ in d.values()) / max(sum(n for _, n, _ in d.values()), 1)
    by["cli"] = {k: v for k, v in by["cli"].items() if k in by[modes[0]]}
    cli = rate(by["cli"])
    for mode in modes:
        flags = {}
        for line in open(f"{work}/{name}/{mode}/flags.csv"):
            f, page, flag, _confidence = line.rsplit(",", 3)
            flags[(os.path.basename(f), int(page))] = flag.strip() == "1"
        cer = by[mode]
        bad = {k for k, v in cer.items() if v[2] > 0.10}
        flagged = {k for k, v in flags.items() if v and k in cer}
        tp = len(bad & flagged)
        prec = tp / len(flagged) if flagged else float("nan")
        rec = tp / len(bad) if bad else float("nan")
        agg = pooled.setdefault(mode, [0, 0, 0, 0, 0, 0, 0, 0.0])
        agg[0] += sum(e for e, _, _ in cer.values()); agg[1] += sum(n for _, n, _ in cer.values())
        agg[2] += sum(e for e, _, _ in by["cli"].values())
        agg[3] += len(cer); agg[4] += tp; agg[5] += len(flagged); agg[6] += len(bad)
        agg[7] += seconds[(name, mode)]
        print(f"| {name} | {len(cer)} | {100*cli:.2f}% | {mode} | {100*rate(cer):.2f}% | "
              f"{rate(cer)/cli:.2f}x | {prec:.2f} | {rec:.2f} | {seconds[(name, mode)]:.1f} |")
print()
print("| all sets, pooled by page | pages | CER | vs CLI | flag precision | flag recall | seconds |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for mode, (e, ref, cli_e, n, tp, fl, bad, sec) in pooled.items():
    print(f"| {mode} | {n} | {100*e/ref:.2f}% | {e/cli_e:.2f}x | {tp/max(fl,1):.2f} | "
          f"{tp/max(bad,1):.2f} | {sec:.1f} |")
PY
