#!/usr/bin/env python3
"""Builds manifest.jsonl and README.md counts from the generator's metadata.
Python standard library only; no imaging.  usage: manifest.py BUILD_DIR OUT_DIR"""
import json
import os
import sys
from collections import Counter, OrderedDict

BUILD, OUT = sys.argv[1], sys.argv[2]


def read_meta(path):
    top, pages, overlays, logos = {}, {}, {}, {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if f[0] == "page":
                i, k, v = int(f[1]), f[2], f[3]
                p = pages.setdefault(i, {"degr": []})
                if k == "degr":
                    p["degr"].append(v)
                else:
                    p[k] = v
            elif f[0] == "overlay":
                overlays.setdefault(int(f[1]), []).append(f[2])
            elif f[0] == "logo":
                logos.setdefault(int(f[1]), []).append(f[2])
            else:
                top.setdefault(f[0], []).append("\t".join(f[1:]))
    return top, pages, overlays, logos


enc = {}
with open(os.path.join(BUILD, "enc", "encoding.tsv"), encoding="utf-8") as fh:
    for line in fh:
        f = line.rstrip("\n").split("\t")
        enc.setdefault(f[0], {})[int(f[2])] = f


def uniq(seq):
    out = []
    for s in seq:
        if s not in out:
            out.append(s)
    return out


records = []
for name in sorted(os.listdir(os.path.join(BUILD, "meta"))):
    top, pages, overlays, logos = read_meta(os.path.join(BUILD, "meta", name))
    doc = "doc" + top["id"][0]
    n = len(pages)
    e = enc[doc]
    fname = e[1][1]
    fmt = top["fmt"][0].split()
    rec = OrderedDict()
    rec["file"] = fname
    rec["ground_truth"] = doc + ".gt.txt"
    rec["document_type"] = top["type"][0]
    rec["kind"] = top["kindname"][0]
    rec["pages"] = n
    rec["nhs_number"] = top["nhs"][0] if top.get("nhsp") else None
    rec["date_of_birth"] = top["dob"][0] if top.get("dobp") else None
    rec["nhs_as_printed"] = top["nhsp"][0] if top.get("nhsp") else None
    rec["dob_as_printed"] = top["dobp"][0] if top.get("dobp") else None
    rec["nhs_printed_variants"] = top.get("nhsp", [])
    rec["dob_printed_variants"] = top.get("dobp", [])
    gt_lines = open(os.path.join(OUT, doc + ".gt.txt"), encoding="utf-8").read().split("\n")
    rec["nhs_line_in_gt"] = next((l for l in gt_lines if rec["nhs_as_printed"] and rec["nhs_as_printed"] in l), None)
    rec["dob_line_in_gt"] = next((l for l in gt_lines if rec["dob_as_printed"] and rec["dob_as_printed"] in l), None)
    rec["patient_name"] = top["name"][0]
    rec["degradations"] = [pages[i]["degr"] for i in range(1, n + 1)]
    rec["difficulty"] = [pages[i]["diff"] for i in range(1, n + 1)]
    rec["rotation_clockwise_deg"] = [int(pages[i]["rot"]) for i in range(1, n + 1)]
    rec["skew_deg"] = [float(pages[i]["skew"]) for i in range(1, n + 1)]
    if fmt[0] == "tiff":
        rec["format"] = "tiff"
        rec["tiff_compression"] = fmt[1]
        rec["tiff_byte_order"] = fmt[2]
    else:
        rec["format"] = fmt[0]
    rec["page_encoding"] = [e[i][3] for i in range(1, n + 1)]
    rec["colour_mode"] = [pages[i]["mode"] for i in range(1, n + 1)]
    dpis = [int(pages[i]["dpi"]) for i in range(1, n + 1)]
    rec["dpi"] = max(set(dpis), key=lambda v: (dpis.count(v), -dpis.index(v)))
    rec["dpi_per_page"] = dpis
    if any(pages[i]["dpi"] != pages[i]["dpi_y"] for i in range(1, n + 1)):
        rec["dpi_y_per_page"] = [int(pages[i]["dpi_y"]) for i in range(1, n + 1)]
    rec["page_size"] = [pages[i]["size"] for i in range(1, n + 1)]
    if fmt[0] == "pdf":
        rot = [int(e[i][5]) for i in range(1, n + 1)]
        if any(rot):
            rec["pdf_page_rotate"] = rot
            rec["notes"] = ("raster stored turned 90 degrees clockwise (rotation_clockwise_deg); "
                            "the PDF page carries /Rotate 270 so a viewer shows it upright")
    rec["fonts"] = uniq(top.get("font", []))
    rec["overlay_fonts"] = uniq(top.get("ofont", []))
    ov = []
    for i in sorted(overlays):
        for t in overlays[i]:
            ov.append(t)
    rec["overlay_text_not_in_gt"] = uniq(ov)
    lg = []
    for i in sorted(logos):
        lg.extend(logos[i])
    if lg:
        rec["logo_text_not_in_gt"] = uniq(lg)
    rec["distractors"] = uniq(top.get("dist", []))
    rec["scenario"] = top["scen"][0]
    rec["letter_year"] = int(top["era"][0])
    records.append(rec)

with open(os.path.join(OUT, "manifest.jsonl"), "w", encoding="utf-8") as fh:
    for r in records:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")

# counts for README
by_type = Counter(r["document_type"] for r in records)
by_fmt = Counter((r["format"] + ("/" + r["tiff_compression"] if r["format"] == "tiff" else "")) for r in records)
by_fmt_plain = Counter(r["format"] for r in records)
diff = Counter(d for r in records for d in r["difficulty"])
pages_type = Counter()
for r in records:
    pages_type[r["document_type"]] += r["pages"]
enc_c = Counter(x for r in records for x in r["page_encoding"])
total_pages = sum(r["pages"] for r in records)
counts = {
    "files": len(records),
    "pages": total_pages,
    "document_type_files": dict(sorted(by_type.items())),
    "document_type_pages": dict(sorted(pages_type.items())),
    "format_files": dict(sorted(by_fmt_plain.items())),
    "format_detail_files": dict(sorted(by_fmt.items())),
    "difficulty_pages": dict(sorted(diff.items())),
    "page_encodings": dict(sorted(enc_c.items())),
}
with open(os.path.join(BUILD, "counts.json"), "w") as fh:
    json.dump(counts, fh, indent=1, sort_keys=True)


def table(d):
    return "\n".join("| %s | %d |" % (k, v) for k, v in d.items())


tmpl = open(os.path.join(OUT, "src", "README.template.md"), encoding="utf-8").read()
readme = (tmpl.replace("@FILES@", str(len(records)))
          .replace("@PAGES@", str(total_pages))
          .replace("@BYTYPE@", "\n".join("| %s | %d | %d |" % (k, by_type[k], pages_type[k]) for k in sorted(by_type)))
          .replace("@BYFORMAT@", table(dict(sorted(by_fmt.items()))))
          .replace("@BYDIFF@", "\n".join("| %s | %d | %.0f%% |" % (k, v, 100.0 * v / total_pages) for k, v in sorted(diff.items())))
          .replace("@BYENC@", table(dict(sorted(enc_c.items())))))
with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
    fh.write(readme)
print(json.dumps(counts, indent=1, sort_keys=True))
