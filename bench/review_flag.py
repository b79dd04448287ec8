#!/usr/bin/env python3
"""The review flag against the pages that read badly (CER above 10%), on scan sets (issue 13).

For every scan set given (a folder of scans with `<stem>.gt.txt` ground truth), reads each
file with `paperlite ocr --json` (each page's text, `needs_review` and the review
measurements, `quality`), scores every page against its ground truth with the
`score_texts` example, and prints the stored flag's precision and recall per set. With
`--choose`, it also chooses the flag's thresholds leave-one-set-out: on all sets but one, the
rule from the grid below with the highest recall at a precision of at least `--min-precision`,
scored on the set left out; it prints each fold's rule and the held-out totals.

    cargo build --release --locked -p paperlite-evaluation --example score_texts
    python3 bench/review_flag.py [--bin target/release/paperlite] [--choose] [--from DIR] SET...
"""
import argparse
import csv
import itertools
import json
import pathlib
import subprocess
import tempfile

SCANS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"}
GRID = {
    "min_mean_confidence": [75, 80, 85, 88, 90],
    "max_unsure_share": [0.05, 0.08, 0.12],
    "max_junk_share": [0.03, 0.05],
    "max_unread_text": [0.03, 0.06],
    "max_order_breaks": [0.03, 0.05, 0.08, 0.12, 1.0],
    "max_off_dictionary": [0.15, 0.2, 0.25, 0.3, 0.4, 1.0],
}


def read_set(bin_path, scorer, folder, work, readings=None):
    if readings:
        # JSON lines that an earlier `paperlite ocr --json` run wrote, one file a scan.
        out = "\n".join(p.read_text() for p in sorted((readings / folder.name).glob("*.json")))
    else:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SCANS)
        out = subprocess.run([bin_path, "ocr", "--json", *map(str, files)],
                             capture_output=True, text=True).stdout
    texts = work / folder.name
    texts.mkdir(parents=True, exist_ok=True)
    pages = {}
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        doc = json.loads(line)
        stem = pathlib.Path(doc["file"]).stem
        (texts / f"{stem}.txt").write_text("\f".join(p["text"] for p in doc.get("pages", [])))
        for p in doc.get("pages", []):
            pages[(stem, p["page"])] = p
    per_page = work / f"{folder.name}.csv"
    subprocess.run([scorer, "--data", str(folder), "--pages", str(per_page), f"ours={texts}"],
                   capture_output=True, text=True, check=True)
    rows = []
    for r in csv.DictReader(per_page.open()):
        stem = pathlib.Path(r["file"]).name.split(".")[0]
        p = pages.get((stem, int(r["page"])))
        if p and "quality" in p:
            rows.append(dict(set=folder.name, cer=float(r["cer"]), flag=p["needs_review"],
                             **p["quality"]))
    return rows


def counts(rows, flagged):
    tp = sum(1 for r in rows if r["cer"] > 0.10 and flagged(r))
    fp = sum(1 for r in rows if r["cer"] <= 0.10 and flagged(r))
    fn = sum(1 for r in rows if r["cer"] > 0.10 and not flagged(r))
    return tp, fp, fn


def rule(t):
    return lambda r: r["words"] > 0 and (
        r["mean_confidence"] < t["min_mean_confidence"]
        or r["unsure_share"] > t["max_unsure_share"]
        or r["junk_share"] > t["max_junk_share"]
        or r["unread_text"] > t["max_unread_text"]
        or r["order_breaks"] > t["max_order_breaks"]
        or r.get("off_dictionary", 0.0) > t["max_off_dictionary"])


def share(a, b):
    return a / b if b else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/paperlite")
    ap.add_argument("--scorer", default="target/release/examples/score_texts")
    ap.add_argument("--choose", action="store_true")
    ap.add_argument("--min-precision", type=float, default=0.75)
    ap.add_argument("--from", dest="readings", type=pathlib.Path,
                    help="read FROM/<set>/*.json (paperlite ocr --json output, one file a scan) "
                         "instead of running paperlite")
    ap.add_argument("sets", nargs="+", type=pathlib.Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [r for s in args.sets for r in read_set(args.bin, args.scorer, s, pathlib.Path(tmp), args.readings)]
    print("| set | pages | CER > 10% | flagged | precision | recall |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    total = [0, 0, 0]
    for name in sorted({r["set"] for r in rows}):
        part = [r for r in rows if r["set"] == name]
        tp, fp, fn = counts(part, lambda r: r["flag"])
        total = [a + b for a, b in zip(total, (tp, fp, fn))]
        print(f"| {name} | {len(part)} | {tp + fn} | {tp + fp} | {share(tp, tp + fp):.2f} | {share(tp, tp + fn):.2f} |")
    tp, fp, fn = total
    print(f"| all | {len(rows)} | {tp + fn} | {tp + fp} | {share(tp, tp + fp):.2f} | {share(tp, tp + fn):.2f} |")
    if not args.choose:
        return
    grid = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    held = [0, 0, 0]
    print()
    for name in sorted({r["set"] for r in rows}):
        train = [r for r in rows if r["set"] != name]
        best = None
        for t in grid:
            tp, fp, fn = counts(train, rule(t))
            if share(tp, tp + fp) >= args.min_precision and (best is None or share(tp, tp + fn) > best[0]):
                best = (share(tp, tp + fn), t)
        if best is None:
            print(f"{name}: no rule reaches precision {args.min_precision} on the other sets")
            continue
        c = counts([r for r in rows if r["set"] == name], rule(best[1]))
        held = [a + b for a, b in zip(held, c)]
        print(f"{name}: {best[1]} held out tp={c[0]} fp={c[1]} fn={c[2]}")
    tp, fp, fn = held
    print(f"held out: precision {share(tp, tp + fp):.2f} recall {share(tp, tp + fn):.2f} ({tp + fp} flagged)")


if __name__ == "__main__":
    main()
