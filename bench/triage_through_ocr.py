#!/usr/bin/env python3
"""Triage through OCR against triage of the same letters as text (issue 13).

For every referral letter of the OCR evaluation sets given (a folder of scans with
`<stem>.gt.txt` ground truth and a manifest.json), runs `paperlite triage --no-model` once on
the ground-truth texts and once on the scans, and counts how often urgency, pathway and the
routing decision agree. No labels are needed: the text run is the reference. Prints each
letter that differs and a Markdown table.

    python3 bench/triage_through_ocr.py [--bin target/release/paperlite] SET...
"""
import argparse
import collections
import json
import pathlib
import subprocess

REFERRAL_KINDS = {"referral_letter", "ers", "dear_dr", "proforma", "soap", "gp_export",
                  "terse", "letterhead_referral"}


def referrals(folder):
    m = json.load(open(folder / "manifest.json"))
    m = m if isinstance(m, list) else m.get("documents", m.get("files", []))
    return [d["file"] for d in m
            if (d.get("document_type") or d.get("kind")) in REFERRAL_KINDS or "referral" in d["file"]]


def triage(binary, files):
    out = subprocess.run([binary, "triage", "--no-model", "--workers", "2", *files],
                         capture_output=True, text=True).stdout
    got = {}
    for line in out.splitlines():
        j = json.loads(line)
        if "urgency" in j:
            stem = pathlib.Path(j["file"]).name.split(".")[0]
            got[stem] = (j["urgency"]["label"], j["pathway"]["label"], j["decision"], j.get("rule"))
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/debug/paperlite")
    ap.add_argument("sets", nargs="+")
    args = ap.parse_args()
    rows = []
    for s in args.sets:
        folder = pathlib.Path(s)
        files = referrals(folder)
        text = triage(args.bin, [str(folder / (f.rsplit(".", 1)[0] + ".gt.txt")) for f in files])
        scan = triage(args.bin, [str(folder / f) for f in files])
        c = collections.Counter()
        for k, t in text.items():
            o = scan.get(k)
            c["letters"] += 1
            if o is None:
                c["ocr_failed"] += 1
                print(f"  {s} {k}: text {t} / OCR: the scan could not be read")
                continue
            c["urgency"] += t[0] == o[0]
            c["pathway"] += t[1] == o[1]
            c["decision"] += t[2] == o[2]
            c["routed_text"] += t[2] == "auto_route"
            c["routed_ocr"] += o[2] == "auto_route"
            c["routed_only_ocr"] += o[2] == "auto_route" and t[2] != "auto_route"
            if t[0] != o[0] or t[2] != o[2]:
                print(f"  {s} {k}: text {t} / OCR {o}")
        rows.append((s, c))
    print("| set | referrals | could not be read | same urgency | same pathway | same decision | auto-routed (text / OCR) | routed only through OCR |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    total = collections.Counter()
    for s, c in rows + [("all", None)]:
        if c is None:
            c = total
        else:
            total.update(c)
        n = c["letters"]
        print(f"| {s} | {n} | {c['ocr_failed']} | {c['urgency']} | {c['pathway']} | {c['decision']} | "
              f"{c['routed_text']} / {c['routed_ocr']} | {c['routed_only_ocr']} |")


if __name__ == "__main__":
    main()
