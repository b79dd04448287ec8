#!/usr/bin/env python3
"""Baseline: the plain tesseract command line on every file of this set, scored by CER.

    python3 score_cli.py --run      # OCR every file into cli-baseline/, then score
    python3 score_cli.py            # score what is already in cli-baseline/
    python3 score_cli.py --hyp DIR  # score another engine's output (DIR/<stem>.txt)

What is run, as a user would:
  images (TIFF, JPEG, PNG):  tesseract FILE stdout
                             (a multi-page TIFF gives one form feed per page)
  PDFs:                      pdftoppm -r 300 -gray FILE TMP/page
                             tesseract TMP/page-N.pgm stdout   (for each page N)
The text of each file is written to cli-baseline/<stem>.txt, pages separated by form feeds
(the layout `paperlite eval` reads for external engines).

CER of a page = Levenshtein distance (characters) between the whitespace-normalised ground
truth and the whitespace-normalised OCR text, divided by the length of the normalised ground
truth.  Whitespace normalisation: every run of whitespace becomes one space; leading and
trailing whitespace is dropped.  Nothing else is normalised (case, punctuation and symbols
count).  A file's CER is its pages' summed distances over their summed lengths.
Standard library only (numpy, if present, makes the distance faster).
"""

import argparse
import concurrent.futures as cf
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCANS = (".tiff", ".tif", ".jpg", ".jpeg", ".png", ".pdf")


def normalise(text):
    return " ".join(text.split())


def levenshtein(a, b):
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    try:
        import numpy as np
    except ImportError:
        np = None
    if np is not None:
        bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
        idx = np.arange(len(b) + 1)
        prev = idx.copy()
        for i, ca in enumerate(a, 1):
            sub = prev[:-1] + (bb != ord(ca))
            cur = np.empty_like(prev)
            cur[0] = i
            cur[1:] = np.minimum(sub, prev[1:] + 1)
            # insertions: cur[j] = min over k <= j of cur[k] + (j - k)
            cur = np.minimum.accumulate(cur - idx) + idx
            prev = cur
        return int(prev[-1])
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def word_miss_rate(truth, hyp):
    """Order-free companion to CER: the share of ground-truth words (as a multiset of
    whitespace-separated tokens) that do not appear verbatim anywhere in the OCR text.
    Insensitive to reading order and to junk the OCR adds; a page with a high CER and a low
    miss rate lost mostly reading order (e.g. two columns read across) or gained junk."""
    from collections import Counter
    t, h = Counter(truth.split()), Counter(hyp.split())
    return sum((t - h).values()) / max(1, sum(t.values()))


def scans():
    out = []
    for name in sorted(os.listdir(HERE)):
        stem, ext = os.path.splitext(name)
        if ext.lower() in SCANS and os.path.exists(os.path.join(HERE, stem + ".gt.txt")):
            out.append(name)
    return out


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return r.stdout.decode("utf-8", "replace")


def ocr_file(name, outdir):
    path = os.path.join(HERE, name)
    stem = os.path.splitext(name)[0]
    if name.lower().endswith(".pdf"):
        with tempfile.TemporaryDirectory() as tmp:
            run(["pdftoppm", "-r", "300", "-gray", path, os.path.join(tmp, "page")])
            pages = sorted(os.listdir(tmp), key=lambda f: int(f.rsplit("-", 1)[1].split(".")[0]))
            texts = []
            for p in pages:
                t = run(["tesseract", os.path.join(tmp, p), "stdout"])
                texts.append(t.rstrip("\x0c"))
            text = "\x0c".join(texts) + "\x0c"
    else:
        text = run(["tesseract", path, "stdout"])
    with open(os.path.join(outdir, stem + ".txt"), "w", encoding="utf-8") as fh:
        fh.write(text)
    return name


def score(hypdir):
    manifest = {}
    mpath = os.path.join(HERE, "manifest.json")
    if os.path.exists(mpath):
        for e in json.load(open(mpath, encoding="utf-8")):
            manifest[os.path.basename(e["file"])] = e.get("degradations", [])
    pages, files = [], []
    for name in scans():
        stem = os.path.splitext(name)[0]
        truth = open(os.path.join(HERE, stem + ".gt.txt"), encoding="utf-8").read()
        hp = os.path.join(hypdir, stem + ".txt")
        hyp = open(hp, encoding="utf-8").read() if os.path.exists(hp) else ""
        tp = truth.split("\x0c")
        hpages = hyp.split("\x0c")
        dist = chars = 0
        for i, t in enumerate(tp):
            t = normalise(t)
            h = normalise(hpages[i]) if i < len(hpages) else ""
            d = levenshtein(t, h)
            pages.append({"file": name, "page": i + 1, "chars": len(t), "distance": d,
                          "cer": d / max(1, len(t)), "word_miss": word_miss_rate(t, h),
                          "degradations": manifest.get(name, [])})
            dist += d
            chars += len(t)
        files.append({"file": name, "pages": len(tp), "chars": chars, "distance": dist,
                      "cer": dist / max(1, chars), "degradations": manifest.get(name, [])})
    return pages, files


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def report(pages, files):
    lines = []
    pc = [p["cer"] for p in pages]
    lines.append(f"Files: {len(files)}, pages: {len(pages)}")
    lines.append(f"Mean CER over pages: {100 * mean(pc):.2f}%")
    lines.append("Pooled CER (all distances / all characters): "
                 f"{100 * sum(p['distance'] for p in pages) / sum(p['chars'] for p in pages):.2f}%")
    med = sorted(pc)[len(pc) // 2]
    lines.append(f"Median page CER: {100 * med:.2f}%")
    lines.append("")
    lines.append(f"Mean word miss rate over pages (order-free, see word_miss_rate): "
                 f"{100 * mean([p['word_miss'] for p in pages]):.2f}%")
    unrot = [p for p in pages if not any(d.startswith("rotated") for d in p["degradations"])]
    lines.append(f"Mean CER over pages, files with a rotation label left out: "
                 f"{100 * mean([p['cer'] for p in unrot]):.2f}% ({len(unrot)} pages)")
    lines.append("")
    lines.append("| Group | Files | Pages | Mean page CER | Mean word miss rate | "
                 "Mean page CER without rotated files |")
    lines.append("|---|---|---|---|---|---|")
    groups = {"near-clean (no label)": [p for p in pages if not p["degradations"]],
              "degraded (any label)": [p for p in pages if p["degradations"]]}
    labels = sorted({d for p in pages for d in p["degradations"]})
    for lab in labels:
        groups[lab] = [p for p in pages if lab in p["degradations"]]
    for g, ps in groups.items():
        nf = len({p["file"] for p in ps})
        nr = [p["cer"] for p in ps if not any(d.startswith("rotated")
                                               for d in p["degradations"])]
        lines.append(f"| {g} | {nf} | {len(ps)} | {100 * mean([p['cer'] for p in ps]):.2f}% | "
                     f"{100 * mean([p['word_miss'] for p in ps]):.2f}% | "
                     + (f"{100 * mean(nr):.2f}% ({len(nr)} pages) |" if nr else "- |"))
    lines.append("")
    lines.append("| File | Pages | GT chars | CER | Page CERs | Degradations |")
    lines.append("|---|---|---|---|---|---|")
    for f in files:
        pcs = ", ".join(f"{100 * p['cer']:.1f}%" for p in pages if p["file"] == f["file"])
        lines.append(f"| {f['file']} | {f['pages']} | {f['chars']} | {100 * f['cer']:.2f}% | "
                     f"{pcs} | {', '.join(f['degradations']) or 'near-clean'} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--run", action="store_true", help="run tesseract first")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--hyp", default=os.path.join(HERE, "cli-baseline"),
                    help="folder of <stem>.txt outputs to score")
    args = ap.parse_args()
    if args.run:
        os.makedirs(args.hyp, exist_ok=True)
        with cf.ThreadPoolExecutor(args.jobs) as ex:
            for name in ex.map(lambda n: ocr_file(n, args.hyp), scans()):
                print("ocr:", name, file=sys.stderr, flush=True)
        versions = {"tesseract": run(["tesseract", "--version"]).splitlines()[0]}
        try:
            r = subprocess.run(["pdftoppm", "-v"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            versions["pdftoppm"] = r.stdout.decode().splitlines()[0]
        except OSError:
            pass
        with open(os.path.join(args.hyp, "versions.json"), "w") as fh:
            json.dump(versions, fh, indent=1)
    pages, files = score(args.hyp)
    out = report(pages, files)
    print(out)
    with open(os.path.join(args.hyp, "scores.json"), "w", encoding="utf-8") as fh:
        json.dump({"pages": pages, "files": files}, fh, indent=1)
    with open(os.path.join(args.hyp, "scores.md"), "w", encoding="utf-8") as fh:
        fh.write(out + "\n")


if __name__ == "__main__":
    main()
