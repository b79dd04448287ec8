#!/usr/bin/env python3
"""Consistency checks for set ocr18 (standard library only, no imaging):
manifest <-> files <-> ground truth, NHS numbers (999 range, modulus 11),
fictional postcodes/phones, JPEG JFIF density, PNG chunks + pHYs, TIFF headers,
and every PDF parsed through its own xref: page count, images only, no text.
usage: check_set.py SET_DIR"""
import json
import os
import re
import struct
import sys
import zlib

SET = sys.argv[1]
errors = []


def err(msg):
    errors.append(msg)


def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n) or not n.startswith("999"):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


# ------------------------------------------------------------------ PDF
def pdf_check(path, want_pages):
    d = open(path, "rb").read()
    if not d.startswith(b"%PDF-1."):
        return "no PDF header"
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", d)
    if not m:
        return "no startxref"
    xo = int(m.group(1))
    if d[xo:xo + 4] != b"xref":
        return "startxref does not point at xref"
    p = xo + 4
    lines = d[p:].split(b"\n")
    hdr = lines[1].split()
    first, count = int(hdr[0]), int(hdr[1])
    offsets = {}
    for k in range(count):
        ent = lines[2 + k]
        off, gen, typ = ent.split()[:3]
        if typ == b"n":
            offsets[first + k] = int(off)
    objs = {}
    for num, off in offsets.items():
        if not d[off:].startswith(b"%d 0 obj" % num):
            return "xref offset of object %d is wrong" % num
        end = d.index(b"endobj", off)
        objs[num] = d[off:end]
    tm = re.search(rb"trailer\s*<<(.*?)>>", d[xo:], re.S)
    root = int(re.search(rb"/Root (\d+) 0 R", tm.group(1)).group(1))
    cat = objs[root]
    pages_ref = int(re.search(rb"/Pages (\d+) 0 R", cat).group(1))
    pages_obj = objs[pages_ref]
    cnt = int(re.search(rb"/Count (\d+)", pages_obj).group(1))
    kids = [int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[(.*?)\]", pages_obj).group(1))]
    if cnt != len(kids) or cnt != want_pages:
        return "page count %d / kids %d / manifest %d" % (cnt, len(kids), want_pages)
    for k in kids:
        pg = objs[k]
        if b"/Type /Page" not in pg:
            return "kid %d is not a page" % k
        if b"/Font" in pg or b"/Annots" in pg:
            return "page %d has fonts or annotations" % k
        res = re.search(rb"/Resources << (.*) >> /Contents", pg, re.S).group(1)
        if not res.startswith(b"/XObject"):
            return "page %d has non-image resources" % k
        for io in re.findall(rb"/Im\d+ (\d+) 0 R", res):
            if b"/Subtype /Image" not in objs[int(io)]:
                return "XObject %s is not an image" % io
        co = int(re.search(rb"/Contents (\d+) 0 R", pg).group(1))
        cs = objs[co]
        body = cs[cs.index(b"stream\n") + 7:cs.rindex(b"endstream")].strip()
        if not re.fullmatch(rb"q [\d.]+ 0 0 [\d.]+ 0 0 cm /Im0 Do Q", body):
            return "content stream of page %d is not a single image draw: %r" % (k, body[:60])
    for num, body in objs.items():
        head = body.split(b"stream\n", 1)[0]
        if b"/Font" in head or b"/ToUnicode" in head or b"/Annots" in head or b"/AcroForm" in head:
            return "object %d is not image-only material" % num
    return None


# ------------------------------------------------------------------ JPEG / PNG / TIFF
def jpeg_check(path, dpi, dpi_y):
    d = open(path, "rb").read()
    if d[:4] != b"\xff\xd8\xff\xe0" or d[6:11] != b"JFIF\x00":
        return "no JFIF APP0"
    units, xd, yd = struct.unpack(">BHH", d[13:18])
    if units != 1 or xd != dpi or yd != dpi_y:
        return "JFIF density %d %d %d" % (units, xd, yd)
    return None


def png_check(path, dpi):
    d = open(path, "rb").read()
    if d[:8] != b"\x89PNG\r\n\x1a\n":
        return "bad PNG signature"
    p, phys = 8, None
    while p < len(d):
        ln, = struct.unpack(">I", d[p:p + 4])
        typ = d[p + 4:p + 8]
        body = d[p + 8:p + 8 + ln]
        crc, = struct.unpack(">I", d[p + 8 + ln:p + 12 + ln])
        if zlib.crc32(typ + body) & 0xffffffff != crc:
            return "CRC error in %r" % typ
        if typ == b"pHYs":
            phys = struct.unpack(">IIB", body)
        p += 12 + ln
        if typ == b"IEND":
            break
    want = round(dpi / 0.0254)
    if not phys or phys[0] != want or phys[1] != want or phys[2] != 1:
        return "pHYs %r" % (phys,)
    return None


def tiff_pages(path):
    d = open(path, "rb").read()
    e = "<" if d[:2] == b"II" else ">"
    if struct.unpack(e + "H", d[2:4])[0] != 42:
        return -1
    ifd, = struct.unpack(e + "I", d[4:8])
    n = 0
    while ifd:
        cnt, = struct.unpack(e + "H", d[ifd:ifd + 2])
        ifd, = struct.unpack(e + "I", d[ifd + 2 + 12 * cnt:ifd + 6 + 12 * cnt])
        n += 1
    return n


# ------------------------------------------------------------------ main
man = [json.loads(l) for l in open(os.path.join(SET, "manifest.jsonl"), encoding="utf-8")]
listed = set()
pdfs = 0
for r in man:
    f = os.path.join(SET, r["file"])
    listed.update([r["file"], r["ground_truth"]])
    if not os.path.exists(f):
        err("%s missing" % r["file"])
        continue
    gt = open(os.path.join(SET, r["ground_truth"]), encoding="utf-8").read()
    pages = gt.rstrip("\n").split("\n\f\n")
    if len(pages) != r["pages"]:
        err("%s: GT has %d pages, manifest %d" % (r["file"], len(pages), r["pages"]))
    for pi, pg in enumerate(pages):
        for ln in pg.split("\n"):
            if ln.strip() == "" or ln != ln.strip() or "  " in ln:
                err("%s p%d: empty or badly spaced GT line %r" % (r["file"], pi + 1, ln))
    for k in ("degradations", "difficulty", "rotation_clockwise_deg", "dpi_per_page", "skew_deg", "page_size"):
        if len(r[k]) != r["pages"]:
            err("%s: %s has %d entries" % (r["file"], k, len(r[k])))
    if r["document_type"] == "referral_letter" and (not r["nhs_number"] or not r["date_of_birth"]):
        err("%s: referral without NHS number / DOB" % r["file"])
    if r["nhs_number"]:
        if not nhs_ok(r["nhs_number"]):
            err("%s: invalid NHS number %s" % (r["file"], r["nhs_number"]))
        for v in r["nhs_printed_variants"]:
            if re.sub(r"\D", "", v) != r["nhs_number"]:
                err("%s: printed NHS %s != %s" % (r["file"], v, r["nhs_number"]))
            if v not in gt:
                err("%s: printed NHS %s not in GT" % (r["file"], v))
    if r["nhs_number"] and not r.get("nhs_line_in_gt"):
        err("%s: no GT line holds the printed NHS number" % r["file"])
    if r["date_of_birth"]:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date_of_birth"]):
            err("%s: DOB format" % r["file"])
        for v in r["dob_printed_variants"]:
            if v not in gt:
                err("%s: printed DOB %s not in GT" % (r["file"], v))
    for pc in re.findall(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b", gt):
        if not pc.startswith("ZX"):
            err("%s: non-fictional postcode %s" % (r["file"], pc))
    for ph in re.findall(r"\b0\d{4} ?\d{6}\b", gt):
        if not re.fullmatch(r"01632 ?960\d{3}|07700 ?900\d{3}", ph):
            err("%s: phone %s outside the drama ranges" % (r["file"], ph))
    for m in re.findall(r"(?<!\d)(\d{3}[ -]?\d{3}[ -]?\d{4})(?!\d)", gt):
        digits = re.sub(r"\D", "", m)
        if digits.startswith("999") and digits != r["nhs_number"]:
            err("%s: stray NHS-like number %s" % (r["file"], m))
    for ov in r["overlay_text_not_in_gt"]:
        if ov.startswith("(") or len(ov) < 6:
            continue
        if ov in gt.split("\n"):
            err("%s: overlay text %r appears as a GT line" % (r["file"], ov))
    fmt = r["format"]
    if fmt == "pdf":
        pdfs += 1
        msg = pdf_check(f, r["pages"])
        if msg:
            err("%s: %s" % (r["file"], msg))
    elif fmt == "jpeg":
        msg = jpeg_check(f, r["dpi_per_page"][0], r.get("dpi_y_per_page", r["dpi_per_page"])[0])
        if msg:
            err("%s: %s" % (r["file"], msg))
    elif fmt == "png":
        msg = png_check(f, r["dpi_per_page"][0])
        if msg:
            err("%s: %s" % (r["file"], msg))
    elif fmt == "tiff":
        n = tiff_pages(f)
        if n != r["pages"]:
            err("%s: TIFF has %d IFDs, manifest %d" % (r["file"], n, r["pages"]))

present = {x for x in os.listdir(SET) if x.startswith("doc")}
if present != listed:
    err("files not in manifest: %s / missing: %s" % (sorted(present - listed), sorted(listed - present)))

print("checked %d files (%d PDFs parsed via xref), %d pages" % (len(man), pdfs, sum(r["pages"] for r in man)))
if errors:
    print("\n".join(errors))
    print("CHECK FAILED: %d problems" % len(errors))
    sys.exit(1)
print("all checks passed")
