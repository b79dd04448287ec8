#!/usr/bin/env python3
"""Checks for set ocr14 with the Python standard library only (no imaging): parses every scan's container
(PNG chunks, JPEG markers, TIFF IFDs, PDF xref/page tree), checks the PDFs hold images only, checks the
ground truth format and the manifest, prints the counts, and writes or verifies SHA256SUMS."""
import collections, hashlib, json, os, re, struct, sys, zlib


def fail(msg):
    raise SystemExit("CHECK FAILED: " + msg)


# ---------------------------------------------------------------- containers
def png_info(b):
    if b[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG")
    pos, chunks, info = 8, [], {}
    while pos < len(b):
        n, t = struct.unpack(">I4s", b[pos:pos + 8])
        data = b[pos + 8:pos + 8 + n]
        if zlib.crc32(t + data) & 0xffffffff != struct.unpack(">I", b[pos + 8 + n:pos + 12 + n])[0]:
            fail("PNG CRC")
        chunks.append(t.decode())
        if t == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", data[:10])
            info.update(w=w, h=h, depth=depth, ctype=ctype)
        if t == b"pHYs":
            px, py, unit = struct.unpack(">IIB", data)
            info["dpi"] = (round(px * 0.0254), round(py * 0.0254)) if unit == 1 else None
        pos += 12 + n
    if chunks[-1] != "IEND" or {"tIME", "tEXt", "iTXt", "zTXt"} & set(chunks):
        fail("PNG chunks " + str(chunks))
    return [info]


def jpeg_info(b):
    if b[:2] != b"\xff\xd8":
        fail("not a JPEG")
    pos, info = 2, {}
    while pos < len(b):
        if b[pos] != 0xFF:
            fail("JPEG marker")
        m = b[pos + 1]
        if m == 0xD9:
            break
        n = struct.unpack(">H", b[pos + 2:pos + 4])[0]
        seg = b[pos + 4:pos + 2 + n]
        if m == 0xE0 and seg[:5] == b"JFIF\x00":
            unit, dx, dy = struct.unpack(">BHH", seg[7:12])
            info["dpi"] = (dx, dy) if unit == 1 else None
        if m in (0xC0, 0xC1, 0xC2):
            p, h, w, nc = struct.unpack(">BHHB", seg[:6])
            info.update(w=w, h=h, comps=nc)
        if m == 0xDA:
            break
        pos += 2 + n
    if b[-2:] != b"\xff\xd9":
        fail("JPEG end")
    return [info]


def tiff_info(b):
    bo = {b"II": "<", b"MM": ">"}.get(b[:2])
    if bo is None or struct.unpack(bo + "H", b[2:4])[0] != 42:
        fail("not a TIFF")
    off = struct.unpack(bo + "I", b[4:8])[0]
    pages, seen = [], set()
    sizes = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8}
    while off:
        if off in seen:
            fail("TIFF IFD loop")
        seen.add(off)
        n = struct.unpack(bo + "H", b[off:off + 2])[0]
        tags = {}
        for i in range(n):
            e = off + 2 + 12 * i
            tag, typ, cnt = struct.unpack(bo + "HHI", b[e:e + 8])
            sz = sizes.get(typ, 1) * cnt
            vo = e + 8 if sz <= 4 else struct.unpack(bo + "I", b[e + 8:e + 12])[0]
            if typ == 3:
                v = struct.unpack(bo + "%dH" % cnt, b[vo:vo + 2 * cnt])
            elif typ == 4:
                v = struct.unpack(bo + "%dI" % cnt, b[vo:vo + 4 * cnt])
            elif typ == 5:
                r = struct.unpack(bo + "%dI" % (2 * cnt), b[vo:vo + 8 * cnt])
                v = tuple(r[2 * k] / r[2 * k + 1] for k in range(cnt))
            else:
                v = b[vo:vo + sz]
            tags[tag] = v
        for so, sc in zip(tags[273], tags[279]):
            if so + sc > len(b):
                fail("TIFF strip outside file")
        if 306 in tags or 305 in tags:
            fail("TIFF has DateTime/Software tag")
        pages.append(dict(w=tags[256][0], h=tags[257][0], compression=tags.get(259, (1,))[0],
                          photometric=tags[262][0], bits=tags.get(258, (1,))[0],
                          dpi=(round(tags[282][0]), round(tags[283][0])) if 282 in tags else None))
        off = struct.unpack(bo + "I", b[off + 2 + 12 * n:off + 6 + 12 * n])[0]
    return pages


def pdf_info(b):
    if not b.startswith(b"%PDF-1."):
        fail("not a PDF")
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", b)
    if not m:
        fail("PDF startxref")
    x = int(m.group(1))
    if b[x:x + 4] != b"xref":
        fail("PDF xref offset")
    lines = b[x:].split(b"\n")
    i, offsets = 1, {}
    while not lines[i].startswith(b"trailer"):
        start, count = map(int, lines[i].split())
        for k in range(count):
            ent = lines[i + 1 + k]
            if len(ent) != 19:  # 20 bytes with the newline
                fail("PDF xref entry length")
            o, gen, kind = ent[:10], ent[11:16], ent[17:18]
            if kind == b"n":
                offsets[start + k] = int(o)
        i += 1 + count
    trailer = b"\n".join(lines[i:])
    objs = {}
    for num, o in offsets.items():
        if not b[o:].startswith(b"%d 0 obj" % num):
            fail("PDF xref points at the wrong place for object %d" % num)
        end = b.index(b"endobj", o)
        objs[num] = b[o:end]
    m = re.search(rb"/Size (\d+)", trailer)
    if int(m.group(1)) != max(offsets) + 1:
        fail("PDF /Size")

    def dict_of(num):
        body = objs[num]
        return body.split(b"stream\n", 1)[0]

    def ref(d, key):
        mm = re.search(rb"/" + key + rb" (\d+) 0 R", d)
        return int(mm.group(1)) if mm else None

    root = ref(trailer, b"Root")
    pages_root = ref(dict_of(root), b"Pages")
    if b"/Font" in b or re.search(rb"/(Annots|AcroForm|JavaScript|OpenAction)", b):
        fail("PDF has fonts, annotations, forms or actions")
    pages = []

    def walk(num):
        d = dict_of(num)
        if re.search(rb"/Type /Pages", d):
            kids = [int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[([^\]]*)\]", d).group(1))]
            cnt = int(re.search(rb"/Count (\d+)", d).group(1))
            before = len(pages)
            for k in kids:
                walk(k)
            if len(pages) - before != cnt:
                fail("PDF /Count mismatch")
        elif re.search(rb"/Type /Page\b", d):
            mb = [float(v) for v in re.search(rb"/MediaBox \[([^\]]*)\]", d).group(1).split()]
            xo = re.search(rb"/XObject << (.*?) >>", d).group(1)
            ims = [int(v) for v in re.findall(rb"/\w+ (\d+) 0 R", xo)]
            if len(ims) != 1:
                fail("PDF page must hold one image")
            im = dict_of(ims[0])
            if b"/Subtype /Image" not in im:
                fail("PDF XObject is not an image")
            w = int(re.search(rb"/Width (\d+)", im).group(1)); h = int(re.search(rb"/Height (\d+)", im).group(1))
            flt = re.search(rb"/Filter /(\w+)", im).group(1).decode()
            length = int(re.search(rb"/Length (\d+)", im).group(1))
            data = objs[ims[0]].split(b"stream\n", 1)[1]
            if not data[length:].startswith(b"\nendstream"):
                fail("PDF image /Length")
            data = data[:length]
            if flt == "DCTDecode":
                ji = jpeg_info(data)[0]
                if (ji["w"], ji["h"]) != (w, h):
                    fail("PDF JPEG size")
            elif flt == "FlateDecode":
                if len(zlib.decompress(data)) != (w + 7) // 8 * h:
                    fail("PDF flate image size")
            elif flt != "CCITTFaxDecode":
                fail("PDF filter " + flt)
            cont = objs[ref(d, b"Contents")].split(b"stream\n", 1)[1].split(b"endstream")[0]
            ops = [t for t in re.split(rb"\s+", cont.strip()) if re.fullmatch(rb"[A-Za-z'\"]+\*?", t)]
            if set(ops) - {b"q", b"Q", b"cm", b"Do"}:
                fail("PDF content has operators other than q/cm/Do/Q: %r" % ops)
            pages.append(dict(w=w, h=h, filter=flt, mediabox=mb[2:], dpi=(round(w * 72 / mb[2]), round(h * 72 / mb[3]))))
        else:
            fail("PDF page tree node")

    walk(pages_root)
    return pages


PARSERS = {"png": png_info, "jpeg": jpeg_info, "tiff": tiff_info, "pdf": pdf_info}


# ---------------------------------------------------------------- ground truth
def gt_pages(text):
    if not text.endswith("\n"):
        fail("GT must end with a newline")
    pages, cur = [], []
    for line in text[:-1].split("\n"):
        if line == "\f":
            pages.append(cur); cur = []
            continue
        if line == "" or line != line.strip() or "  " in line or "\t" in line or "\f" in line:
            fail("GT line format: %r" % line)
        cur.append(line)
    pages.append(cur)
    return pages


def nhs_ok(n):
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def check_one(d, m):
    path = os.path.join(d, m["file"])
    b = open(path, "rb").read()
    info = PARSERS[m["format"]](b)
    if len(info) != m["pages"]:
        fail("%s: container has %d pages, manifest %d" % (m["file"], len(info), m["pages"]))
    for k, pi in enumerate(info):
        if [pi["w"], pi["h"]] != m["pixel_size"][k]:
            fail("%s p%d pixel size" % (m["file"], k + 1))
        if pi.get("dpi") and list(pi["dpi"]) != m["dpi_per_page"][k]:
            fail("%s p%d dpi %s vs %s" % (m["file"], k + 1, pi["dpi"], m["dpi_per_page"][k]))
        if m["format"] == "tiff" and m["colour_mode"][k] == "bilevel" and pi["bits"] != 1:
            fail("bilevel TIFF depth")
    gt = open(os.path.join(d, m["ground_truth"]), encoding="utf-8").read()
    pages = gt_pages(gt)
    if len(pages) != m["pages"]:
        fail("%s: GT has %d pages" % (m["ground_truth"], len(pages)))
    if any(len(p) == 0 for p in pages):
        fail("%s: empty GT page" % m["ground_truth"])
    if m["nhs_number"] and not (m["nhs_number"].startswith("999") and nhs_ok(m["nhs_number"])):
        fail("NHS number check digit " + m["file"])
    errs = []
    for occ in m.get("identifier_occurrences", []):
        if occ["text"] not in "\n".join(pages[occ["page"] - 1]):
            errs.append("%s: identifier %r not on GT page %d" % (m["file"], occ["text"], occ["page"]))
    if m["document_type"] == "referral_letter":
        allgt = "\n".join("\n".join(p) for p in pages)
        if m["nhs_as_printed"] not in allgt or m["dob_as_printed"] not in allgt:
            errs.append("referral without printed NHS/DOB " + m["file"])
    for dis in m["distractors"]:
        if "overlay" in dis["type"]:
            continue
        if dis["text"] not in "\n".join(pages[dis["page"] - 1]):
            errs.append("%s: distractor %r not on GT page %d" % (m["file"], dis["text"], dis["page"]))
    for ov in m["overlay_text_not_in_gt"]:
        if ov["type"] == "handwriting" and len(ov["text"]) > 12 and ov["text"] in gt:
            errs.append("%s: overlay text found in GT: %r" % (m["file"], ov["text"]))
    if errs:
        fail("\n".join(errs))


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    mode = sys.argv[2] if len(sys.argv) > 2 else "--verify"
    rows = [json.loads(l) for l in open(os.path.join(d, "manifest.jsonl"), encoding="utf-8")]
    errors = []
    for m in rows:
        try:
            check_one(d, m)
        except SystemExit as e:
            errors.append(str(e))
    if errors:
        fail("\n".join(errors))
    c_type, c_fmt, c_diff, c_dpi, c_mode, c_rot, c_paper = (collections.Counter() for _ in range(7))
    c_type_p, c_fmt_p = collections.Counter(), collections.Counter()
    for m in rows:
        c_type[m["document_type"]] += 1; c_type_p[m["document_type"]] += m["pages"]
        c_fmt[m["format"]] += 1; c_fmt_p[m["format"]] += m["pages"]
        for k in range(m["pages"]):
            c_diff[m["difficulty"][k]] += 1
            c_dpi["x".join(map(str, m["dpi_per_page"][k]))] += 1
            c_mode[m["colour_mode"][k]] += 1
            c_rot[m["rotation_clockwise_deg"][k]] += 1
            c_paper[m["paper_size"][k]] += 1
    total = sum(m["pages"] for m in rows)
    print("files %d, pages %d" % (len(rows), total))
    print("document_type (files/pages):", {k: (c_type[k], c_type_p[k]) for k in sorted(c_type)})
    print("format (files/pages):", {k: (c_fmt[k], c_fmt_p[k]) for k in sorted(c_fmt)})
    print("difficulty (pages):", {k: "%d (%.0f%%)" % (v, 100.0 * v / total) for k, v in sorted(c_diff.items())})
    print("dpi (pages):", dict(sorted(c_dpi.items())))
    print("colour mode (pages):", dict(sorted(c_mode.items())))
    print("rotation_clockwise_deg (pages):", dict(sorted(c_rot.items())))
    print("paper size (pages):", dict(sorted(c_paper.items())))
    names = sorted(f for f in os.listdir(d) if re.fullmatch(r"doc\d\d\.(png|jpg|tif|pdf|gt\.txt)", f)) + ["manifest.jsonl"]
    expect = {m["file"] for m in rows} | {m["ground_truth"] for m in rows} | {"manifest.jsonl"}
    if set(names) != expect:
        fail("unexpected or missing files: %s" % (set(names) ^ expect))
    sums = "".join("%s  %s\n" % (hashlib.sha256(open(os.path.join(d, n), "rb").read()).hexdigest(), n) for n in names)
    sp = os.path.join(d, "SHA256SUMS")
    if mode == "--write-sums":
        open(sp, "w").write(sums)
        print("wrote SHA256SUMS (%d files)" % len(names))
    else:
        if open(sp).read() != sums:
            fail("SHA256SUMS differ")
        print("SHA256SUMS verified (%d files)" % len(names))
    print("all checks passed")


if __name__ == "__main__":
    main()
