#!/usr/bin/env python3
"""Generate SYNTHETIC scanned clinical documents with ground truth for PaperLite.

Everything written here is invented: people, practices, hospitals, addresses,
telephone numbers (Ofcom drama ranges) and NHS numbers (the 999 test range,
with a valid modulus 11 check digit). No real patient data is used.

Usage (normally through generate.sh, which sets up the virtual environment):
    python generate.py --seed 20240314

Outputs (relative to this file's folder):
    scans/<name>.<ext>       the document (PNG, JPEG, TIFF or PDF)
    scans/<name>.gt.txt      exact printed text, one printed line per line,
                             pages separated by a form feed
    scans/manifest.json      metadata for every document
    bad/...                  tiny fixtures for bad-input tests

The output is deterministic for a given seed and pinned Pillow/numpy versions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent

# A4 in PDF points (1/72 inch)
A4_W_PT = 595.28
A4_H_PT = 841.89
A4_W_IN = 210 / 25.4
A4_H_IN = 297 / 25.4

# Fixed metadata date for every file that carries one.
FIXED_DATE = time.strptime("2024-01-01 00:00:00", "%Y-%m-%d %H:%M:%S")
PRODUCER = "PaperLite synthetic sample generator"

# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------

FONT_DIRS = [
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
]

FONT_FILES = {
    "sans": "LiberationSans-Regular.ttf",
    "sans-bold": "LiberationSans-Bold.ttf",
    "sans-italic": "LiberationSans-Italic.ttf",
    "serif": "LiberationSerif-Regular.ttf",
    "serif-bold": "LiberationSerif-Bold.ttf",
    "serif-italic": "LiberationSerif-Italic.ttf",
    "mono": "LiberationMono-Regular.ttf",
    "mono-bold": "LiberationMono-Bold.ttf",
    "dejavu": "DejaVuSans.ttf",
    "dejavu-bold": "DejaVuSans-Bold.ttf",
}

# Liberation fonts are metric-compatible with the PDF base-14 fonts, so text
# measured with them lays out identically in the born-digital PDFs.
PDF_BASE14 = {
    "sans": "Helvetica",
    "sans-bold": "Helvetica-Bold",
    "sans-italic": "Helvetica-Oblique",
    "serif": "Times-Roman",
    "serif-bold": "Times-Bold",
    "serif-italic": "Times-Italic",
    "mono": "Courier",
    "mono-bold": "Courier-Bold",
}


def font_path(key: str) -> str:
    name = FONT_FILES[key]
    for d in FONT_DIRS:
        p = os.path.join(d, name)
        if os.path.exists(p):
            return p
    raise SystemExit(f"font {name} not found; install fonts-liberation2 and fonts-dejavu-core")


@lru_cache(maxsize=None)
def get_font(key: str, px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(key), px)


def text_width(s: str, font: str, size: float) -> float:
    """Width in points of s set in font at size points."""
    return get_font(font, 1000).getlength(s) * size / 1000.0


# ---------------------------------------------------------------------------
# Display list and layout (all coordinates in points, y from the top)
# ---------------------------------------------------------------------------


@dataclass
class Page:
    items: list = field(default_factory=list)

    def text(self, x, y, s, font, size, gray=0):
        # y is the baseline
        self.items.append(("text", x, y, s, font, size, gray))

    def line(self, x1, y1, x2, y2, width=0.6, gray=0):
        self.items.append(("line", x1, y1, x2, y2, width, gray))

    def rect(self, x, y, w, h, width=0.8, gray=0):
        self.items.append(("rect", x, y, w, h, width, gray))

    def poly(self, pts, gray=0):
        self.items.append(("poly", pts, gray))

    def polyline(self, pts, width=1.0, gray=0):
        self.items.append(("polyline", pts, width, gray))

    def gt_lines(self) -> list[str]:
        """Printed lines, top to bottom; runs on one baseline joined by one space."""
        rows: dict[float, list] = {}
        for it in self.items:
            if it[0] != "text" or not it[3].strip():
                continue
            rows.setdefault(round(it[2], 1), []).append((it[1], it[3].strip()))
        out = []
        for y in sorted(rows):
            runs = sorted(rows[y])
            out.append(" ".join(r[1] for r in runs))
        return out


class Doc:
    """A very small flowing layout engine for letters, forms and reports."""

    def __init__(self, left=70, right=60, top=48, bottom=62, font="sans", size=11, lead=1.28):
        self.left = left
        self.right_margin = right
        self.top = top
        self.bottom = bottom
        self.font = font
        self.size = size
        self.lead = lead
        self.pages = [Page()]
        self.y = top
        self.cont_header = None  # callable(doc) run at the top of pages 2..n
        self.fixed_pages = False

    # geometry
    @property
    def right(self):
        return A4_W_PT - self.right_margin

    @property
    def width(self):
        return self.right - self.left

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self):
        self.pages.append(Page())
        self.y = self.top
        if self.cont_header:
            self.cont_header(self)

    def ensure(self, h):
        if self.y + h > A4_H_PT - self.bottom:
            self.new_page()

    def space(self, pt):
        self.y += pt

    # text
    def text(self, s, font=None, size=None, align="left", x=None, lead=None, gray=0):
        font = font or self.font
        size = size or self.size
        h = size * (lead or self.lead)
        self.ensure(h)
        base = self.y + size * 0.95
        w = text_width(s, font, size)
        if align == "left":
            xx = self.left if x is None else x
        elif align == "right":
            xx = (self.right if x is None else x) - w
        else:
            xx = (self.left + self.right) / 2 - w / 2 if x is None else x - w / 2
        self.page.text(xx, base, s, font, size, gray)
        self.y += h
        return xx, base, w

    def row(self, cells, size=None, lead=None, font=None):
        """cells: list of (x_or_None, text, font_or_None, align). x None for left."""
        size = size or self.size
        h = size * (lead or self.lead)
        self.ensure(h)
        base = self.y + size * 0.95
        for x, s, f, align in cells:
            f = f or font or self.font
            w = text_width(s, f, size)
            if x is None:
                x = self.left
            if align == "right":
                x = x - w
            elif align == "center":
                x = x - w / 2
            self.page.text(x, base, s, f, size)
        self.y += h

    def label(self, label, value, lfont=None, vfont=None, size=None, x=None, tab=None, lead=None):
        """'Label: value' on one line; bold label followed by a space or a tab stop."""
        size = size or self.size
        lfont = lfont or bold_of(self.font)
        vfont = vfont or self.font
        x = self.left if x is None else x
        lw = text_width(label, lfont, size)
        vx = x + tab if tab is not None else x + lw + text_width(" ", vfont, size)
        if not value:
            self.row([(x, label, lfont, "left")], size=size, lead=lead)
        else:
            self.row([(x, label, lfont, "left"), (vx, value, vfont, "left")], size=size, lead=lead)

    def wrap(self, s, font, size, width):
        words = s.split()
        lines, cur = [], ""
        for w in words:
            trial = w if not cur else cur + " " + w
            if text_width(trial, font, size) <= width:
                cur = trial
            else:
                if cur:
                    lines.append(cur)
                cur = w
        if cur:
            lines.append(cur)
        return lines

    def para(self, s, font=None, size=None, indent=0, after=None, lead=None, hanging=None, first=None):
        """Wrapped paragraph. hanging: text of a bullet/label hung to the left of indent."""
        font = font or self.font
        size = size or self.size
        width = self.width - indent
        lines = self.wrap(s, font, size, width)
        for i, ln in enumerate(lines):
            if i == 0 and hanging:
                h = size * (lead or self.lead)
                self.ensure(h)
                base = self.y + size * 0.95
                self.page.text(self.left + indent - (first or 14), base, hanging, font, size)
                self.page.text(self.left + indent, base, ln, font, size)
                self.y += h
            else:
                self.text(ln, font, size, x=self.left + indent, lead=lead)
        self.y += size * 0.55 if after is None else after

    def bullets(self, items, font=None, size=None, bullet="-", indent=16, after=None):
        for i, it in enumerate(items):
            self.para(it, font=font, size=size, indent=indent, hanging=bullet, first=indent - 4,
                      after=0 if i < len(items) - 1 else after)

    def numbered(self, items, font=None, size=None, indent=18, after=None):
        for i, it in enumerate(items):
            self.para(it, font=font, size=size, indent=indent, hanging=f"{i + 1}.", first=indent - 2,
                      after=0 if i < len(items) - 1 else after)

    def hline(self, width=0.6, before=2, after=6, x1=None, x2=None, gray=0):
        self.y += before
        self.page.line(self.left if x1 is None else x1, self.y, self.right if x2 is None else x2, self.y, width, gray)
        self.y += after

    def table(self, cols, header, rows, font=None, hfont=None, size=None, aligns=None,
              rules="header", lead=None, zebra=False, box=False):
        """cols: x offsets (relative to left) of each column's anchor; aligns 'left'/'right'."""
        font = font or self.font
        hfont = hfont or bold_of(font)
        size = size or self.size
        aligns = aligns or ["left"] * len(cols)
        lead = lead or self.lead
        h = size * lead
        top_y = self.y
        if header:
            if rules in ("header", "all", "box"):
                self.ensure(h * 2)
                self.page.line(self.left, self.y, self.right, self.y, 0.8)
                self.y += 2
            self._trow(cols, header, hfont, size, aligns, lead)
            if rules in ("header", "all", "box"):
                self.page.line(self.left, self.y + 1, self.right, self.y + 1, 0.6)
                self.y += 3
        for r in rows:
            if self.y + h > A4_H_PT - self.bottom:
                self.new_page()
                if header:
                    self._trow(cols, header, hfont, size, aligns, lead)
                    self.page.line(self.left, self.y + 1, self.right, self.y + 1, 0.6)
                    self.y += 3
            self._trow(cols, r, font, size, aligns, lead)
            if rules == "all":
                self.page.line(self.left, self.y + 1, self.right, self.y + 1, 0.3)
                self.y += 2
        if rules in ("header", "all", "box"):
            self.page.line(self.left, self.y + 1, self.right, self.y + 1, 0.8)
            self.y += 3
        self.y += size * 0.5

    def _trow(self, cols, cells, font, size, aligns, lead):
        cs = []
        for c, s, a in zip(cols, cells, aligns):
            if s is None or s == "":
                continue
            f = font
            if isinstance(s, tuple):
                s, f = s
            cs.append((self.left + c, s, f, a))
        self.row(cs, size=size, lead=lead)

    def signature(self, rng: random.Random, w=110, h=30, x=None):
        self.ensure(h + 4)
        x = self.left + 4 if x is None else x
        draw_signature(self.page, rng, x, self.y, w, h)
        self.y += h + 4

    def footer_all(self, fn):
        n = len(self.pages)
        for i, pg in enumerate(self.pages):
            fn(pg, i + 1, n)


def bold_of(font):
    base = font.split("-")[0]
    return base + "-bold" if base + "-bold" in FONT_FILES else font


def draw_signature(page: Page, rng: random.Random, x, y, w, h):
    """A handwritten-looking cursive scribble (not text, so not in the ground truth)."""
    k = rng.randint(4, 7)  # loops
    loop = rng.uniform(1.3, 1.8)
    amp = [rng.uniform(0.45, 1.0) for _ in range(k + 2)]
    slant = rng.uniform(0.15, 0.35)
    n = 160
    pts = []
    for i in range(n):
        t = i / (n - 1)
        env = amp[int(t * k)] * (1 - t) + amp[int(t * k) + 1] * t
        ph = 2 * math.pi * k * t
        dy = -h * 0.38 * math.cos(ph) * env
        px = x + w * 0.8 * t - (w * 0.8 / (2 * math.pi * k)) * loop * math.sin(ph) - dy * slant
        py = y + h * 0.5 + dy + h * 0.12 * math.sin(math.pi * t * rng.uniform(0.9, 1.1))
        pts.append((px, py))
    page.polyline(pts, 1.1, 25)
    # a flourish underneath
    y0 = y + h * 0.95
    page.polyline([(x + w * 0.05, y0 + 1), (x + w * 0.45, y0 - 1), (x + w * 0.9, y0 - 4)], 1.0, 25)


def draw_emblem(page: Page, x, y, size, style=0, gray=40):
    """An invented organisation logo made of shapes (no text)."""
    cx, cy, r = x + size / 2, y + size / 2, size / 2
    if style == 0:
        ring = [(cx + r * math.cos(t * 2 * math.pi / 48), cy + r * math.sin(t * 2 * math.pi / 48)) for t in range(48)]
        inner = [(cx + r * 0.78 * math.cos(t * 2 * math.pi / 48), cy + r * 0.78 * math.sin(t * 2 * math.pi / 48)) for t in range(48)]
        page.poly(ring, gray)
        page.poly(inner, 255)
        page.poly([(cx - r * 0.55, cy + r * 0.35), (cx - r * 0.1, cy - r * 0.45), (cx + r * 0.15, cy - r * 0.05),
                   (cx + r * 0.3, cy - r * 0.25), (cx + r * 0.6, cy + r * 0.35)], gray)
    elif style == 1:
        page.poly([(x, y), (x + size, y), (x + size, y + size * 0.6), (cx, y + size), (x, y + size * 0.6)], gray)
        page.poly([(cx - r * 0.14, y + size * 0.15), (cx + r * 0.14, y + size * 0.15), (cx + r * 0.14, y + size * 0.75),
                   (cx - r * 0.14, y + size * 0.75)], 255)
        page.poly([(x + size * 0.2, cy - r * 0.25), (x + size * 0.8, cy - r * 0.25), (x + size * 0.8, cy + r * 0.02),
                   (x + size * 0.2, cy + r * 0.02)], 255)
    else:
        for k in range(3):
            yy = y + size * (0.2 + 0.28 * k)
            pts = [(x + size * t / 20, yy + math.sin(t / 20 * 2 * math.pi) * size * 0.08) for t in range(21)]
            page.polyline(pts, size * 0.09, gray)


# ---------------------------------------------------------------------------
# Rasteriser
# ---------------------------------------------------------------------------


def page_px(dpi_x, dpi_y=None):
    dpi_y = dpi_y or dpi_x
    return round(A4_W_IN * dpi_x), round(A4_H_IN * dpi_y)


def render_page(page: Page, dpi=300) -> Image.Image:
    W, H = page_px(dpi)
    s = dpi / 72.0
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    for it in page.items:
        kind = it[0]
        if kind == "text":
            _, x, y, txt, font, size, gray = it
            d.text((x * s, y * s), txt, fill=gray, font=get_font(font, size * s), anchor="ls")
        elif kind == "line":
            _, x1, y1, x2, y2, w, gray = it
            d.line([(x1 * s, y1 * s), (x2 * s, y2 * s)], fill=gray, width=max(1, round(w * s)))
        elif kind == "rect":
            _, x, y, w, h, lw, gray = it
            d.rectangle([x * s, y * s, (x + w) * s, (y + h) * s], outline=gray, width=max(1, round(lw * s)))
        elif kind == "poly":
            _, pts, gray = it
            d.polygon([(px * s, py * s) for px, py in pts], fill=gray)
        elif kind == "polyline":
            _, pts, w, gray = it
            d.line([(px * s, py * s) for px, py in pts], fill=gray, width=max(1, round(w * s)), joint="curve")
    return img


# ---------------------------------------------------------------------------
# Minimal PDF writer (born-digital PDFs with a real text layer)
# ---------------------------------------------------------------------------


def pdf_str(s: str) -> bytes:
    b = s.encode("cp1252")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_num(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class PdfWriter:
    def __init__(self):
        self.objs: list[bytes | None] = []

    def reserve(self) -> int:
        self.objs.append(None)
        return len(self.objs)

    def set(self, num: int, body: bytes):
        self.objs[num - 1] = body

    def add(self, body: bytes) -> int:
        n = self.reserve()
        self.set(n, body)
        return n

    def add_stream(self, data: bytes, extra: str = "", compress=True) -> int:
        if compress:
            data = zlib.compress(data, 9)
            extra = "/Filter /FlateDecode " + extra
        return self.add(f"<< {extra}/Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")

    def tobytes(self, root: int, info: int | None = None) -> bytes:
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objs):
            assert body is not None, f"object {i + 1} never set"
            offsets.append(len(out))
            out += f"{i + 1} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objs) + 1}\n".encode()
        out += b"0000000000 65535 f \n"
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
        trailer = f"trailer\n<< /Size {len(self.objs) + 1} /Root {root} 0 R"
        if info:
            trailer += f" /Info {info} 0 R"
        out += (trailer + " >>\n").encode()
        out += f"startxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def pdf_info(w: PdfWriter, title: str) -> int:
    d = time.strftime("D:%Y%m%d%H%M%SZ", FIXED_DATE)
    return w.add(b"<< /Title " + pdf_str(title) + b" /Producer " + pdf_str(PRODUCER)
                 + f" /CreationDate ({d}) /ModDate ({d}) >>".encode())


def pages_to_pdf(pages: list[Page], title: str) -> bytes:
    """Vector PDF with Type1 base-14 fonts and BT/ET text operators."""
    w = PdfWriter()
    catalog = w.reserve()
    pages_obj = w.reserve()
    used = []
    for pg in pages:
        for it in pg.items:
            if it[0] == "text" and it[4] not in used:
                if it[4] not in PDF_BASE14:
                    raise ValueError(f"font {it[4]} has no PDF base-14 equivalent")
                used.append(it[4])
    font_ids = {}
    for i, key in enumerate(used):
        font_ids[key] = (f"F{i + 1}", w.add(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{PDF_BASE14[key]} /Encoding /WinAnsiEncoding >>".encode()))
    fonts_res = " ".join(f"/{n} {oid} 0 R" for n, oid in font_ids.values())
    kids = []
    H = A4_H_PT
    for pg in pages:
        ops: list[bytes] = []
        for it in pg.items:
            kind = it[0]
            if kind == "text":
                _, x, y, txt, font, size, gray = it
                ops.append(f"BT {pdf_num(gray / 255)} g /{font_ids[font][0]} {pdf_num(size)} Tf "
                           f"1 0 0 1 {pdf_num(x)} {pdf_num(H - y)} Tm ".encode() + pdf_str(txt) + b" Tj ET")
            elif kind == "line":
                _, x1, y1, x2, y2, lw, gray = it
                ops.append(f"{pdf_num(gray / 255)} G {pdf_num(lw)} w {pdf_num(x1)} {pdf_num(H - y1)} m "
                           f"{pdf_num(x2)} {pdf_num(H - y2)} l S".encode())
            elif kind == "rect":
                _, x, y, rw, rh, lw, gray = it
                ops.append(f"{pdf_num(gray / 255)} G {pdf_num(lw)} w {pdf_num(x)} {pdf_num(H - y - rh)} "
                           f"{pdf_num(rw)} {pdf_num(rh)} re S".encode())
            elif kind == "poly":
                _, pts, gray = it
                path = " ".join(f"{pdf_num(px)} {pdf_num(H - py)} {'m' if i == 0 else 'l'}" for i, (px, py) in enumerate(pts))
                ops.append(f"{pdf_num(gray / 255)} g {path} h f".encode())
            elif kind == "polyline":
                _, pts, lw, gray = it
                path = " ".join(f"{pdf_num(px)} {pdf_num(H - py)} {'m' if i == 0 else 'l'}" for i, (px, py) in enumerate(pts))
                ops.append(f"{pdf_num(gray / 255)} G {pdf_num(lw)} w 1 J 1 j {path} S".encode())
        content = w.add_stream(b"\n".join(ops) + b"\n")
        kids.append(w.add(
            f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {pdf_num(A4_W_PT)} {pdf_num(A4_H_PT)}] "
            f"/Resources << /Font << {fonts_res} >> /ProcSet [/PDF /Text] >> /Contents {content} 0 R >>".encode()))
    w.set(pages_obj, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode())
    w.set(catalog, f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode())
    info = pdf_info(w, title)
    return w.tobytes(catalog, info)


# ---------------------------------------------------------------------------
# Invented people, places and identifiers
# ---------------------------------------------------------------------------

FEMALE_FIRST = ["Margaret", "Eileen", "Patricia", "Sandra", "Gwendolyn", "Aisha", "Bethany", "Priya", "Joan",
                "Rosalind", "Deborah", "Niamh", "Harriet", "Lorraine", "Yvonne", "Chloe", "Agnieszka", "Maureen"]
MALE_FIRST = ["Derek", "Terence", "Graham", "Rashid", "Colin", "Bernard", "Kwame", "Stuart", "Declan", "Nigel",
              "Oliver", "Tomasz", "Clifford", "Anil", "Gareth", "Malcolm", "Reginald", "Callum"]
SURNAMES = ["Ellingham", "Prothero", "Whitmarsh", "Okonkwo-Bell", "Fairclough", "Hollinrake", "Varadkar-Lowe",
            "Tremlett", "Ashdown", "Blenkinsop", "Quennell", "Marchbank", "Castellan", "Dunwoody", "Pennycook",
            "Haverstock", "Loxley", "Sowerby", "Kilbride", "Thackeray-Moss", "Ramsbottom", "Greenhalgh",
            "Oyelaran", "Abernethy", "Lindqvist", "Mahmood-Carr", "Featherstone", "Wickenden"]
MIDDLE = ["Anne", "Louise", "James", "Edward", "Rose", "John", "Marie", "Paul", "Jane", "Arthur"]

TOWNS = [("Brackenford", "BK"), ("Eastmere", "EM"), ("Wyndlesham", "WY"), ("Copperthorne", "CQ"),
         ("Kelsington", "KQ"), ("Harrowmere", "HQ")]
STREETS = ["Station Road", "Mill Lane", "Church Street", "Orchard Close", "Victoria Terrace", "Beech Avenue",
           "Kingfisher Way", "Quarry Hill", "Tanners Row", "Meadowbank Drive", "Hollins Crescent", "Ropewalk",
           "Foundry Street", "Larkspur Gardens", "Canal Side", "Abbey Walk"]

# Ofcom reserves 01632 960000-960999 for drama; these numbers reach nobody.
def phone(rng):
    return f"01632 960{rng.randint(0, 999):03d}"


def postcode(rng, area):
    return f"{area}{rng.randint(1, 14)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


PRACTICES = ["Elmfield Surgery", "Castlegate Medical Centre", "Brookvale Health Centre", "The Willows Medical Practice",
             "Harrowmere Road Surgery", "St Aidan's Family Practice", "Ferncliffe Group Practice", "Old Mill Surgery",
             "Northgate Medical Partnership", "Riverside Lane Surgery"]
GP_NAMES = [("Fiona", "Gallagher"), ("Ibrahim", "Sadiq"), ("Claire", "Whitcombe"), ("Owen", "Llewellyn"),
            ("Meera", "Chaudhary"), ("Jonathan", "Pirrie"), ("Ruth", "Adeyemi"), ("Hamish", "Strachan"),
            ("Eleanor", "Vasquez-Hart"), ("Simon", "Trelawney")]
TRUST = "Brackenford and Eastmere Hospitals NHS Foundation Trust"
TRUST_SHORT = "Brackenford and Eastmere Hospitals"
HOSPITALS = [("Brackenford General Hospital", "Infirmary Road", "Brackenford", "BK1 4QH"),
             ("Eastmere Community Hospital", "Lockhart Street", "Eastmere", "EM3 2JN"),
             ("Wyndlesham Royal Infirmary", "Gatehouse Lane", "Wyndlesham", "WY2 8PD")]
CONSULTANTS = [("Dr", "Helena", "Marsh-Whitley", "Consultant Gastroenterologist"),
               ("Dr", "Rajiv", "Kulkarni", "Consultant Gastroenterologist"),
               ("Dr", "Siobhan", "Okafor", "Consultant Gastroenterologist and IBD Lead"),
               ("Dr", "Alistair", "Penrose", "Consultant Hepatologist"),
               ("Mr", "Thomas", "Brereton", "Consultant Colorectal Surgeon"),
               ("Dr", "Yusuf", "Demirci", "Consultant Physician and Gastroenterologist")]
REGISTRARS = [("Dr", "Kate", "Ellwood", "Specialty Registrar (ST5) Gastroenterology"),
              ("Dr", "Femi", "Balogun", "Specialty Registrar Gastroenterology"),
              ("Dr", "Lucy", "Tranter", "Clinical Fellow in Hepatology")]

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def ordinal(n):
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def fmt_date(d: dt.date, style: str) -> str:
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "dot2":
        return d.strftime("%d.%m.%y")
    if style == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "ord_short":
        return f"{ordinal(d.day)} {MONTHS[d.month - 1][:3]} {d.year}"
    if style == "ord_long":
        return f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}"
    if style == "lab":
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"
    if style == "dash":
        return d.strftime("%d-%m-%Y")
    raise ValueError(style)


def nhs_check_digit(first9: str) -> int | None:
    total = sum(int(c) * w for c, w in zip(first9, range(10, 1, -1)))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number(rng, used: set) -> str:
    while True:
        first9 = "999" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        c = nhs_check_digit(first9)
        if c is None:
            continue
        n = first9 + str(c)
        if n not in used:
            used.add(n)
            return n


def nhs_spaced(n: str) -> str:
    return f"{n[:3]} {n[3:6]} {n[6:]}"


def rand_date(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def workday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


@dataclass
class Patient:
    sex: str
    title: str
    first: str
    middle: str
    last: str
    dob: dt.date
    nhs: str
    hosp_no: str
    addr: list

    @property
    def he(self):
        return "he" if self.sex == "M" else "she"

    @property
    def He(self):
        return self.he.capitalize()

    @property
    def his(self):
        return "his" if self.sex == "M" else "her"

    @property
    def His(self):
        return self.his.capitalize()

    @property
    def him(self):
        return "him" if self.sex == "M" else "her"

    @property
    def tname(self):
        return f"{self.title} {self.last}"

    @property
    def full(self):
        return f"{self.first} {self.last}"

    @property
    def tfull(self):
        return f"{self.title} {self.first} {self.last}"

    def age_on(self, d):
        return d.year - self.dob.year - ((d.month, d.day) < (self.dob.month, self.dob.day))


@dataclass
class Practice:
    name: str
    addr: list
    tel: str
    fax: str
    gp: tuple  # first, last
    ods: str


class World:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_nhs: set = set()
        self.used_names: set = set()
        self.practices = []
        for i, name in enumerate(PRACTICES):
            town, area = TOWNS[i % len(TOWNS)]
            self.practices.append(Practice(
                name, [f"{rng.randint(2, 140)} {rng.choice(STREETS)}", town, postcode(rng, area)],
                phone(rng), phone(rng), GP_NAMES[i],
                f"Z{rng.randint(80000, 89999)}"))

    def patient(self, age_lo, age_hi, on: dt.date, sex=None) -> Patient:
        rng = self.rng
        sex = sex or rng.choice("MF")
        while True:
            first = rng.choice(MALE_FIRST if sex == "M" else FEMALE_FIRST)
            last = rng.choice(SURNAMES)
            if (first, last) not in self.used_names:
                self.used_names.add((first, last))
                break
        if sex == "M":
            title = "Mr"
        else:
            title = rng.choice(["Mrs", "Mrs", "Ms", "Miss"])
        age = rng.randint(age_lo, age_hi)
        dob = rand_date(rng, dt.date(on.year - age - 1, on.month, 1) + dt.timedelta(days=1),
                        dt.date(on.year - age, on.month, 1))
        town, area = rng.choice(TOWNS)
        addr = [f"{rng.randint(1, 220)} {rng.choice(STREETS)}", town, postcode(rng, area)]
        return Patient(sex, title, first, rng.choice(MIDDLE), last, dob, nhs_number(rng, self.used_nhs),
                       f"K{rng.randint(1000000, 9999999)}", addr)


# ---------------------------------------------------------------------------
# Shared letter parts
# ---------------------------------------------------------------------------


def gp_letterhead(doc: Doc, pr: Practice, style: int, size=None):
    f = doc.font
    fb = bold_of(f)
    if style == 0:  # right aligned block with rule
        doc.text(pr.name, fb, 15, align="right", lead=1.3)
        for ln in [pr.addr[0], f"{pr.addr[1]} {pr.addr[2]}"]:
            doc.text(ln, f, 9.5, align="right", lead=1.25)
        doc.text(f"Tel: {pr.tel}   Fax: {pr.fax}", f, 9.5, align="right", lead=1.25)
        doc.hline(0.8, before=3, after=10)
    else:  # centred block
        doc.text(pr.name.upper(), fb, 14, align="center", lead=1.3)
        doc.text(f"{pr.addr[0]}, {pr.addr[1]} {pr.addr[2]}", f, 9.5, align="center", lead=1.25)
        doc.text(f"Telephone {pr.tel}  |  Fax {pr.fax}  |  Practice code {pr.ods}", f, 9, align="center", lead=1.25)
        doc.hline(1.2, before=3, after=1)
        doc.hline(0.4, before=1, after=12)


def hospital_letterhead(doc: Doc, hosp, dept: str, tel: str, style: int):
    f = doc.font
    fb = bold_of(f)
    top = doc.y
    draw_emblem(doc.page, doc.left, top, 46, style % 3)
    doc.text(TRUST_SHORT, fb, 14, align="right", lead=1.25)
    doc.text("NHS Foundation Trust", f, 10.5, align="right", lead=1.35)
    doc.text(dept, fb, 9.5, align="right", lead=1.25)
    doc.text(hosp[0], f, 9.5, align="right", lead=1.25)
    doc.text(f"{hosp[1]}, {hosp[2]} {hosp[3]}", f, 9.5, align="right", lead=1.25)
    doc.text(f"Secretary: {tel}", f, 9.5, align="right", lead=1.25)
    doc.y = max(doc.y, top + 50)
    doc.hline(0.7, before=2, after=10)


def address_block(doc: Doc, lines, size=None, lead=1.22):
    for ln in lines:
        doc.text(ln, size=size, lead=lead)


def gp_address(pr: Practice):
    return [f"Dr {pr.gp[0][0]} {pr.gp[1]}", pr.name, pr.addr[0], pr.addr[1], pr.addr[2]]


def consultant_address(c, hosp, dept="Department of Gastroenterology"):
    return [f"{c[0]} {c[1][0]} {c[2]}", c[3], dept, hosp[0], hosp[1], f"{hosp[2]} {hosp[3]}"]


def initials(c):
    return (c[1][0] + c[2][0]).upper()


def page_footer(text_left=None, size=8.5, font="sans"):
    def fn(pg: Page, i, n):
        y = A4_H_PT - 34
        s = f"Page {i} of {n}"
        if text_left:
            pg.text(70, y, text_left, font, size)
            pg.text(A4_W_PT - 60 - text_width(s, font, size), y, s, font, size)
        else:
            pg.text(A4_W_PT / 2 - text_width(s, font, size) / 2, y, s, font, size)
    return fn


def cont_header_fn(p: Patient, label: str):
    def fn(doc: Doc):
        doc.row([(None, label, None, "left"), (doc.right, f"NHS No: {nhs_spaced(p.nhs)}", None, "right")], size=9)
        doc.hline(0.5, before=1, after=10)
    return fn


def flag(v, lo, hi):
    if lo is not None and v < lo:
        return "L"
    if hi is not None and v > hi:
        return "H"
    return ""


def fmt_num(v, dp):
    return f"{v:.{dp}f}"


# ---------------------------------------------------------------------------
# Documents: GP referral letters
# ---------------------------------------------------------------------------


def referral_opening(doc: Doc, w: World, rng, pr: Practice, cons, hosp, p: Patient, date: dt.date,
                     date_style, priority: str, re_style=0, banner=None):
    address_block(doc, consultant_address(cons, hosp))
    doc.space(8)
    doc.text(fmt_date(date, date_style), align="right" if re_style else "left")
    doc.space(6)
    if banner:
        doc.ensure(26)
        doc.page.rect(doc.left, doc.y, doc.width, 20, 1.2)
        doc.y += 4
        doc.text(banner, bold_of(doc.font), 11.5, align="center", lead=1.4)
        doc.space(6)
    doc.text(f"Dear {cons[0]} {cons[2]},")
    doc.space(4)
    fb = bold_of(doc.font)
    if re_style == 0:
        doc.label("Re:", f"{p.title} {p.first} {p.last.upper()}    DOB: {fmt_date(p.dob, 'slash')}")
        doc.label("NHS No:", nhs_spaced(p.nhs), x=doc.left)
        doc.text(f"{p.addr[0]}, {p.addr[1]} {p.addr[2]}")
    else:
        doc.text(f"RE: {p.tfull}, {p.addr[0]}, {p.addr[1]} {p.addr[2]}", fb)
        doc.text(f"D.O.B. {fmt_date(p.dob, 'dot2')}   NHS Number {p.nhs}", fb)
    doc.space(4)
    doc.label("Priority:", priority)
    doc.space(4)


def referral_closing(doc: Doc, rng, pr: Practice, sign="Yours sincerely,", meds=None, pmh=None, allergies=None):
    if pmh:
        doc.text("Past medical history", bold_of(doc.font))
        doc.bullets(pmh)
    if meds:
        doc.text("Current medication", bold_of(doc.font))
        doc.bullets(meds)
    if allergies:
        doc.label("Allergies:", allergies)
        doc.space(6)
    doc.text(sign)
    doc.signature(rng)
    doc.text(f"Dr {pr.gp[0]} {pr.gp[1]}")
    doc.text("General Practitioner")
    doc.text(pr.name)


def doc_referral_rectal_bleeding(w: World, rng):
    date = workday(rand_date(rng, dt.date(2022, 1, 1), dt.date(2022, 12, 31)))
    p = w.patient(58, 76, date)
    pr, cons, hosp = w.practices[0], CONSULTANTS[4], HOSPITALS[0]
    doc = Doc(font="sans", size=10.5)
    gp_letterhead(doc, pr, 0)
    referral_opening(doc, w, rng, pr, cons, hosp, p, date, "long", "2WW - suspected lower GI cancer",
                     banner="URGENT SUSPECTED CANCER REFERRAL (2WW) - LOWER GI")
    age = p.age_on(date)
    fit = rng.choice([86, 142, 210, 317])
    hb = rng.randint(108, 124)
    doc.para(f"Thank you for seeing this {age} year old {'gentleman' if p.sex == 'M' else 'lady'} who presented "
             f"with a 7 week history of intermittent fresh PR bleeding mixed with the stool, together with a change "
             f"in bowel habit to looser stools 3-4 times a day. {p.He} reports tenesmus but no abdominal pain. "
             f"Weight is down 4 kg over 3 months. There is no family history of colorectal cancer.")
    doc.para(f"On examination the abdomen was soft and non-tender with no masses. DRE: no palpable rectal mass, "
             f"dark red blood on the glove. No haemorrhoids seen on proctoscopy.")
    doc.para(f"Investigations: FIT {fit} µg Hb/g faeces (positive, threshold 10). Hb {hb} g/L (was 139 g/L in 2020), "
             f"MCV 79 fL, ferritin 14 µg/L. U&Es and LFTs normal, eGFR 78. CRP 9.")
    doc.para(f"I would be grateful for an urgent colonoscopy (or straight-to-test CT colonography if more "
             f"appropriate). {p.He} is aware this is an urgent referral to exclude cancer and is available "
             f"at short notice.")
    referral_closing(doc, rng, pr, meds=["Amlodipine 5mg OD", "Atorvastatin 20mg ON",
                                         "Ferrous sulfate 200mg BD (started this week)"],
                     pmh=["Hypertension (HTN)", "Hypercholesterolaemia", "Left inguinal hernia repair 2009"],
                     allergies="Penicillin (rash)")
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="rectal_bleeding_2ww")


def doc_referral_ida(w: World, rng):
    date = workday(rand_date(rng, dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
    p = w.patient(62, 84, date, sex="F")
    pr, cons, hosp = w.practices[1], CONSULTANTS[0], HOSPITALS[0]
    doc = Doc(font="serif", size=11.5)
    gp_letterhead(doc, pr, 1)
    referral_opening(doc, w, rng, pr, cons, hosp, p, date, "ord_long", "Urgent", re_style=1)
    hb, ferr, mcv = rng.choice([92, 98, 101]), rng.choice([6, 8, 11]), rng.choice([71, 74, 76])
    doc.para(f"I would be grateful if you could see {p.tname}, who has been found to have iron deficiency "
             f"anaemia (IDA) on routine bloods taken at {p.his} diabetic review. {p.He} describes increasing "
             f"fatigue and breathlessness on exertion over 3 months but denies any PR bleeding, melaena or "
             f"change in bowel habit (CIBH).")
    doc.label("Bloods:", f"Hb {hb} g/L (115-165), MCV {mcv} fL, ferritin {ferr} µg/L (15-300)")
    doc.text("Transferrin saturation 7%, B12 and folate normal, tTG-IgA negative",
             x=doc.left + text_width("Bloods: ", bold_of(doc.font), doc.size))
    doc.space(5)
    doc.para(f"{p.He} takes aspirin 75mg OD following an MI in 2017 and has type 2 diabetes (T2DM) on "
             f"metformin. There is no dyspepsia. Urine dipstick was negative for blood. {p.He} has been "
             f"started on ferrous fumarate 210mg BD.")
    doc.para("Given her age I think she needs both upper and lower GI investigation (OGD and colonoscopy) "
             "to exclude a GI malignancy.")
    referral_closing(doc, rng, pr, sign="Kind regards,", meds=[
        "Aspirin 75mg dispersible OD", "Metformin 1g BD", "Ramipril 5mg OD", "Bisoprolol 2.5mg OD",
        "Ferrous fumarate 210mg BD"])
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="iron_deficiency_anaemia")


def doc_referral_dyspepsia(w: World, rng):
    date = workday(rand_date(rng, dt.date(2019, 3, 1), dt.date(2019, 11, 30)))
    p = w.patient(50, 59, date, sex="M")
    pr, cons, hosp = w.practices[2], CONSULTANTS[1], HOSPITALS[1]
    doc = Doc(font="sans", size=11, top=62)
    gp_letterhead(doc, pr, 0)
    referral_opening(doc, w, rng, pr, cons, hosp, p, date, "slash", "Routine")
    doc.para(f"Re: persistent dyspepsia despite PPI", bold_of(doc.font))
    doc.para(f"{p.tname} has a 9 month history of epigastric discomfort and heartburn, worse after meals and at "
             f"night. H. pylori stool antigen was positive in March and {p.he} completed eradication therapy "
             f"(PPI, amoxicillin and clarithromycin) but symptoms persist. Omeprazole 20mg OD was increased to "
             f"40mg OD with only partial benefit and a switch to lansoprazole 30mg OD has not helped.")
    doc.para(f"No dysphagia, weight loss, vomiting or haematemesis. Hb 141 g/L, LFTs normal. "
             f"{p.He} drinks around 20 units of alcohol a week and smokes 10 cigarettes a day.")
    doc.para("I would appreciate your opinion and consideration of an OGD.")
    referral_closing(doc, rng, pr, meds=["Lansoprazole 30mg OD", "Gaviscon Advance 10ml PRN"],
                     allergies="NKDA")
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="dyspepsia",
                fax=dict(sender=pr, to="01632 960777"))


def doc_referral_lfts(w: World, rng):
    date = workday(rand_date(rng, dt.date(2024, 1, 1), dt.date(2024, 10, 31)))
    p = w.patient(44, 63, date)
    pr, cons, hosp = w.practices[3], CONSULTANTS[3], HOSPITALS[0]
    doc = Doc(font="sans", size=10.5)
    gp_letterhead(doc, pr, 0)
    address_block(doc, consultant_address(cons, hosp, "Liver Unit"))
    doc.space(8)
    doc.label("Date:", fmt_date(date, "slash"))
    doc.label("Referral type:", "Hepatology - Routine")
    doc.space(6)
    doc.text(f"Dear {cons[0]} {cons[2]},")
    doc.space(4)
    doc.label("Patient:", f"{p.tfull}")
    doc.label("Date of birth:", fmt_date(p.dob, "long"))
    doc.label("NHS Number:", p.nhs)
    doc.label("Address:", f"{p.addr[0]}, {p.addr[1]} {p.addr[2]}")
    doc.space(6)
    alt = rng.choice([88, 112, 134])
    doc.para(f"I am referring {p.tname} with persistently abnormal LFTs over 8 months. ALT {alt} U/L "
             f"(ref <40), AST 71 U/L, GGT 180 U/L, ALP 96 U/L and bilirubin 14 µmol/L. Albumin 41 g/L, "
             f"platelets 168 x10^9/L.")
    doc.para("Liver screen negative: hepatitis B surface antigen and hepatitis C antibody negative, ANA, AMA and "
             "SMA negative, ferritin 410 µg/L with transferrin saturation 31%, caeruloplasmin and "
             "alpha-1 antitrypsin normal.")
    doc.para(f"Ultrasound showed a diffusely echobright liver consistent with fatty liver (NAFLD / MASLD), "
             f"no focal lesion, normal spleen. FIB-4 is 2.1 (indeterminate) and ELF score 10.2. BMI 34, "
             f"HbA1c 52 mmol/mol. Alcohol intake is 6 units a week.")
    doc.para("I would be grateful for your assessment, including a FibroScan, and advice on further management.")
    referral_closing(doc, rng, pr, meds=["Metformin 500mg BD", "Atorvastatin 20mg ON", "Lisinopril 10mg OD"],
                     pmh=["Obesity", "Pre-diabetes / early T2DM", "HTN", "Obstructive sleep apnoea"],
                     allergies="None known")
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="abnormal_lfts")


def doc_referral_cibh(w: World, rng):
    date = workday(rand_date(rng, dt.date(2021, 2, 1), dt.date(2021, 11, 30)))
    p = w.patient(66, 82, date, sex="M")
    pr, cons, hosp = w.practices[4], CONSULTANTS[4], HOSPITALS[2]
    doc = Doc(font="serif", size=11)
    gp_letterhead(doc, pr, 1)
    referral_opening(doc, w, rng, pr, cons, hosp, p, date, "ord_short", "2WW", re_style=1,
                     banner="Two Week Wait - Suspected Colorectal Cancer")
    doc.para(f"This {p.age_on(date)} year old man reports a change in bowel habit (CIBH) for 10 weeks with "
             f"looser, more frequent stools and unintentional weight loss of 6 kg. No PR bleeding noticed. "
             f"{p.He} has AF and takes apixaban 5mg BD.")
    doc.para("FIT 38 µg Hb/g (positive). Hb 119 g/L, platelets 412, CRP 18, ferritin 22 µg/L. "
             "Abdomen soft, vague fullness in the right iliac fossa. Rectal examination unremarkable.")
    doc.para("Please see urgently. He has been told this is a suspected cancer pathway referral and has given "
             "consent. He lives alone but his daughter can accompany him to appointments.")
    referral_closing(doc, rng, pr, meds=["Apixaban 5mg BD", "Bisoprolol 5mg OD", "Tamsulosin 400mcg ON"],
                     pmh=["Atrial fibrillation (AF)", "COPD", "Benign prostatic hyperplasia"])
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="change_in_bowel_habit_2ww")


def doc_referral_ibd(w: World, rng):
    date = workday(rand_date(rng, dt.date(2020, 6, 1), dt.date(2020, 12, 15)))
    p = w.patient(19, 29, date)
    pr, cons, hosp = w.practices[5], CONSULTANTS[2], HOSPITALS[0]
    doc = Doc(font="sans", size=11.5)
    doc.cont_header = cont_header_fn(p, f"{p.full} - referral continued")
    gp_letterhead(doc, pr, 1)
    referral_opening(doc, w, rng, pr, cons, hosp, p, date, "long", "Urgent - suspected inflammatory bowel disease")
    calpro = rng.choice([620, 845, 1200])
    doc.para(f"Thank you for seeing {p.tname}, a {p.age_on(date)} year old student, with a 6 week history of "
             f"bloody diarrhoea up to 8 times a day including at night, crampy lower abdominal pain and urgency. "
             f"{p.He} has lost 5 kg. There has been no recent travel or antibiotic use and stool culture and "
             f"C. difficile toxin were negative.")
    doc.para(f"Faecal calprotectin was {calpro} µg/g (normal <50). CRP 34 mg/L, Hb 112 g/L, platelets 498 x10^9/L, "
             f"albumin 33 g/L. {p.His} maternal uncle has Crohn's disease. {p.He} also reports mouth ulcers and a "
             f"painful right knee over the last fortnight.")
    doc.para(f"I am concerned about new inflammatory bowel disease, either ulcerative colitis (UC) or Crohn's "
             f"disease. I have not started any treatment. {p.He} is systemically well today: pulse 88, "
             f"temperature 37.1, BP 118/72. I have advised {p.him} to attend the emergency department if "
             f"{p.he} develops more than 6 bloody stools a day with fever or tachycardia.")
    doc.para("I would be grateful if you could see her in the IBD clinic urgently and arrange a flexible "
             "sigmoidoscopy or colonoscopy." if p.sex == "F" else
             "I would be grateful if you could see him in the IBD clinic urgently and arrange a flexible "
             "sigmoidoscopy or colonoscopy.")
    doc.text("Social history", bold_of(doc.font))
    doc.para(f"Lives in shared student accommodation. Non-smoker, drinks alcohol occasionally. No recreational "
             f"drugs. Studying architecture.")
    doc.text("Vaccination history", bold_of(doc.font))
    doc.para("Childhood immunisations complete. COVID-19 vaccination not yet offered. No record of varicella.")
    referral_closing(doc, rng, pr, meds=["Loperamide 2mg PRN (advised to stop)", "Microgynon 30 OD"]
                     if p.sex == "F" else ["Loperamide 2mg PRN (advised to stop)", "Salbutamol 100mcg inhaler PRN"],
                     pmh=["Asthma (mild)", "Appendicectomy aged 12"], allergies="NKDA")
    doc.footer_all(page_footer(f"{pr.name} - referral letter"))
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="suspected_ibd")


def doc_referral_dysphagia_form(w: World, rng):
    date = workday(rand_date(rng, dt.date(2023, 2, 1), dt.date(2023, 11, 30)))
    p = w.patient(64, 80, date)
    pr, hosp = w.practices[6], HOSPITALS[0]
    doc = Doc(font="sans", size=11, top=58)
    fb = "sans-bold"
    doc.text("SUSPECTED UPPER GI CANCER REFERRAL FORM", fb, 14, align="center", lead=1.4)
    doc.text(f"Two Week Wait - {TRUST_SHORT}", "sans", 10.5, align="center")
    doc.text(f"Fax completed form to the Cancer Referral Hub: 01632 960777", "sans", 10.5, align="center")
    doc.hline(1.0, before=4, after=8)
    doc.text("PATIENT DETAILS", fb, 11)
    rows = [("Surname:", p.last.upper()), ("Forename(s):", f"{p.first} {p.middle}"), ("Title:", p.title),
            ("Date of birth:", fmt_date(p.dob, "slash")), ("NHS number:", nhs_spaced(p.nhs)),
            ("Address:", f"{p.addr[0]}, {p.addr[1]}"), ("Postcode:", p.addr[2]),
            ("Telephone:", phone(rng)), ("Interpreter required:", "No"), ("Date of referral:", fmt_date(date, "slash"))]
    for k, v in rows:
        doc.label(k, v, tab=150, lfont="sans")
    doc.space(6)
    doc.text("REFERRER DETAILS", fb, 11)
    for k, v in [("GP name:", f"Dr {pr.gp[0]} {pr.gp[1]}"), ("Practice:", pr.name),
                 ("Practice address:", f"{pr.addr[0]}, {pr.addr[1]} {pr.addr[2]}"),
                 ("Telephone / Fax:", f"{pr.tel} / {pr.fax}"), ("Practice code:", pr.ods)]:
        doc.label(k, v, tab=150, lfont="sans")
    doc.space(6)
    doc.text("REFERRAL CRITERIA (tick all that apply)", fb, 11)
    crit = [("X", "Dysphagia (any age)"), (" ", "Upper abdominal mass consistent with stomach cancer"),
            ("X", "Aged 55 and over with weight loss and upper abdominal pain, reflux or dyspepsia"),
            (" ", "Jaundice (refer via hepatobiliary pathway)"),
            (" ", "Haematemesis"), ("X", "Aged 55 and over with treatment-resistant dyspepsia")]
    for mark, txt in crit:
        doc.text(f"[{mark}]  {txt}", "sans", 11)
    doc.new_page()
    doc.text("CLINICAL DETAILS", fb, 11)
    doc.para(f"Progressive dysphagia for solids over 8 weeks, now also struggling with soft foods. Food "
             f"sticks behind the lower sternum. Weight loss of 7 kg (BMI now 21). Longstanding reflux on "
             f"omeprazole 20mg OD. Ex-smoker, 30 pack years. No haematemesis or melaena.")
    doc.para("Examination: thin, no lymphadenopathy, abdomen soft and non-tender, no masses.")
    doc.label("Recent bloods:", "Hb 127 g/L, albumin 34 g/L, CRP 11, U&E normal, eGFR 71")
    doc.space(6)
    doc.label("Medication:", "Omeprazole 20mg OD, Amlodipine 10mg OD, Simvastatin 40mg ON")
    doc.label("Past history:", "HTN, GORD, ex-smoker")
    doc.label("Anticoagulants:", "None")
    doc.label("WHO performance status:", "1")
    doc.space(6)
    doc.text("Patient informed this is a suspected cancer referral:  [X] Yes   [ ] No", "sans", 11)
    doc.text("Patient available for appointments in the next 14 days:  [X] Yes   [ ] No", "sans", 11)
    doc.text("Suitable for straight to test OGD:  [X] Yes   [ ] No", "sans", 11)
    doc.space(10)
    doc.label("Signed:", "")
    doc.signature(rng, x=doc.left + 50)
    doc.label("Name:", f"Dr {pr.gp[0]} {pr.gp[1]}")
    doc.label("Date:", fmt_date(date, "slash"))
    doc.footer_all(page_footer("UGI 2WW form v3.2", font="sans"))
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="dysphagia_2ww_form",
                fax=dict(sender=pr, to="01632 960777"))


def doc_referral_coeliac(w: World, rng):
    date = workday(rand_date(rng, dt.date(2019, 1, 1), dt.date(2019, 12, 20)))
    p = w.patient(27, 45, date, sex="F")
    pr, cons, hosp = w.practices[7], CONSULTANTS[5], HOSPITALS[1]
    doc = Doc(font="serif", size=11.5)
    gp_letterhead(doc, pr, 0)
    referral_opening(doc, w, rng, pr, cons, hosp, p, date, "slash", "Routine")
    doc.para(f"Many thanks for seeing this {p.age_on(date)} year old woman with positive coeliac serology. "
             f"{p.He} has had bloating, loose stools and fatigue for about a year, and was found to be iron "
             f"deficient (Hb 109 g/L, ferritin 9 µg/L) with a low folate.")
    doc.para("Tissue transglutaminase IgA (tTG) was 85 U/mL (normal <7) with a normal total IgA. She is still "
             "eating gluten and I have asked her to continue until she has been seen. Her sister has coeliac "
             "disease.")
    doc.para("I would be grateful if you could arrange a duodenal biopsy to confirm the diagnosis. She is "
             "currently taking ferrous sulfate 200mg OD and folic acid 5mg OD.")
    referral_closing(doc, rng, pr, meds=["Ferrous sulfate 200mg OD", "Folic acid 5mg OD", "Sertraline 50mg OD"],
                     pmh=["Anxiety", "Hypothyroidism (on levothyroxine 75mcg)"])
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="coeliac_serology")


def doc_referral_ibs(w: World, rng):
    date = workday(rand_date(rng, dt.date(2025, 1, 1), dt.date(2025, 6, 30)))
    p = w.patient(31, 48, date, sex="F")
    pr, cons, hosp = w.practices[8], CONSULTANTS[1], HOSPITALS[2]
    doc = Doc(font="sans", size=11)
    gp_letterhead(doc, pr, 1)
    referral_opening(doc, w, rng, pr, cons, hosp, p, date, "long", "Routine", re_style=1)
    doc.para(f"I would appreciate your advice regarding {p.tname}, who has an 18 month history of "
             f"alternating bowel habit with bloating and lower abdominal pain relieved by defaecation. "
             f"There is no PR bleeding, weight loss or nocturnal symptoms.")
    doc.para("FIT <4 µg Hb/g (negative), faecal calprotectin 38 µg/g, coeliac serology negative, FBC, "
             "CRP, TFTs and CA-125 normal. She has tried mebeverine 135mg TDS, a low FODMAP diet with the "
             "community dietitian, and amitriptyline 10mg ON with limited benefit.")
    doc.para("Symptoms are significantly affecting her work. I think this is likely irritable bowel syndrome "
             "(IBS-M) but she would value a specialist opinion, and advice about further treatment options.")
    referral_closing(doc, rng, pr, meds=["Mebeverine 135mg TDS", "Amitriptyline 10mg ON", "Peppermint oil capsules PRN"],
                     allergies="Codeine (vomiting)")
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="ibs_fit_negative")


def doc_referral_jaundice(w: World, rng):
    date = workday(rand_date(rng, dt.date(2022, 3, 1), dt.date(2022, 9, 30)))
    p = w.patient(68, 83, date, sex="M")
    pr, cons, hosp = w.practices[9], CONSULTANTS[3], HOSPITALS[0]
    doc = Doc(font="sans", size=11)
    gp_letterhead(doc, pr, 0)
    referral_opening(doc, w, rng, pr, cons, hosp, p, date, "ord_short", "2WW - suspected hepatobiliary / pancreatic cancer",
                     banner="URGENT - SUSPECTED CANCER (2WW)")
    bili = rng.choice([86, 112, 143])
    doc.para(f"{p.tname} presented with painless jaundice noticed by his wife 10 days ago, with dark urine, "
             f"pale stools and generalised itch. He has lost around 5 kg in 2 months and has new onset "
             f"diabetes (HbA1c 64 mmol/mol last month).")
    doc.para(f"LFTs: bilirubin {bili} µmol/L, ALP 612 U/L, ALT 148 U/L, GGT 890 U/L, albumin 36 g/L. "
             f"INR 1.1. Hb 131 g/L. Abdomen soft, no palpable gallbladder or masses.")
    doc.para("I have requested an urgent ultrasound but would be grateful for urgent assessment and CT of "
             "the pancreas. He is a retired joiner, independent, and lives with his wife.")
    referral_closing(doc, rng, pr, meds=["Metformin 500mg BD (new)", "Ramipril 2.5mg OD", "Chlorphenamine 4mg PRN"],
                     pmh=["HTN", "Gout"], allergies="NKDA")
    return dict(doc=doc, document_type="referral_letter", patient=p, letter_date=date, slug="painless_jaundice_2ww")


# ---------------------------------------------------------------------------
# Documents: hospital clinic letters
# ---------------------------------------------------------------------------


def clinic_opening(doc: Doc, rng, cons, hosp, pr: Practice, p: Patient, clinic: dt.date, typed: dt.date,
                   dstyle, clinic_name, re_style=0, dept="Department of Gastroenterology"):
    hospital_letterhead(doc, hosp, dept, phone(rng), rng.randint(0, 2))
    ref = f"{initials(cons)}/{p.hosp_no}/{rng.choice(['jb', 'sk', 'ld', 'mt'])}"
    doc.row([(None, f"Our ref: {ref}", None, "left"), (doc.right, f"Clinic date: {fmt_date(clinic, dstyle)}", None, "right")])
    doc.row([(None, f"Clinic: {clinic_name}", None, "left"), (doc.right, f"Date typed: {fmt_date(typed, dstyle)}", None, "right")])
    doc.space(10)
    address_block(doc, gp_address(pr))
    doc.space(10)
    doc.text(f"Dear Dr {pr.gp[1]},")
    doc.space(3)
    fb = bold_of(doc.font)
    if re_style == 0:
        doc.text(f"Re: {p.first} {p.last.upper()}   DOB {fmt_date(p.dob, 'dot2')}   NHS Number {p.nhs}", fb)
        doc.text(f"{p.addr[0]}, {p.addr[1]}, {p.addr[2]}   Hosp No: {p.hosp_no}")
    else:
        doc.label("Patient:", f"{p.tfull}   D.O.B: {fmt_date(p.dob, 'slash')}")
        doc.label("NHS No:", f"{nhs_spaced(p.nhs)}   Hospital No: {p.hosp_no}")
    doc.space(6)


def clinic_closing(doc: Doc, rng, cons, p: Patient, cc_patient=True, dictated=True):
    doc.text("Yours sincerely,")
    doc.signature(rng)
    doc.text(f"{cons[0]} {cons[1]} {cons[2]}", bold_of(doc.font))
    doc.text(cons[3])
    if dictated:
        doc.text("Dictated but not checked to avoid delay", doc.font.split("-")[0] + "-italic" if doc.font.split("-")[0] + "-italic" in FONT_FILES else doc.font, 9.5)
    if cc_patient:
        doc.space(4)
        doc.text(f"cc: {p.tfull}, {p.addr[0]}, {p.addr[1]} {p.addr[2]}", size=9.5)


def doc_clinic_uc(w: World, rng):
    clinic = workday(rand_date(rng, dt.date(2021, 1, 1), dt.date(2021, 12, 15)))
    typed = workday(clinic + dt.timedelta(days=rng.randint(2, 9)))
    p = w.patient(35, 60, clinic)
    cons, hosp, pr = CONSULTANTS[2], HOSPITALS[0], w.practices[1]
    doc = Doc(font="sans", size=10.5)
    clinic_opening(doc, rng, cons, hosp, pr, p, clinic, typed, "slash", "IBD follow-up (Tue pm)")
    fb = bold_of(doc.font)
    doc.text("Diagnosis:", fb)
    doc.numbered(["Ulcerative colitis, left-sided (Montreal E2), diagnosed 2014 - in clinical remission",
                  "Vitamin D deficiency, treated"])
    doc.text("Current medications:", fb)
    doc.bullets(["Mesalazine (Octasa) 2.4g OD", "Colecalciferol 800 units OD"])
    doc.text("Plan:", fb)
    doc.bullets(["Continue mesalazine 2.4g OD long term", "Faecal calprotectin in 3 months",
                 "Annual U&E for renal monitoring on 5-ASA (GP please)",
                 "Surveillance colonoscopy due 2024", "Review in IBD clinic in 6 months"])
    doc.para(f"I reviewed {p.tname} in the IBD clinic today. {p.He} has been well since {p.his} last flare in "
             f"2019, opening {p.his} bowels once or twice daily with formed stool and no blood. "
             f"There is no abdominal pain, no extra-intestinal symptoms and {p.his} weight is stable.")
    doc.para(f"Faecal calprotectin in June was 42 µg/g. Bloods today show Hb 138 g/L, CRP <5 and "
             f"creatinine 74 µmol/L. {p.He} is adherent to mesalazine and understands the importance of "
             f"continuing it to maintain remission and to reduce colorectal cancer risk.")
    doc.para("We discussed the surveillance programme and I have added him to the list for a colonoscopy "
             "with dye spray in 2024." if p.sex == "M" else
             "We discussed the surveillance programme and I have added her to the list for a colonoscopy "
             "with dye spray in 2024.")
    clinic_closing(doc, rng, cons, p)
    return dict(doc=doc, document_type="clinic_letter", patient=p, letter_date=typed, slug="ulcerative_colitis_review")


def doc_clinic_ida_scope(w: World, rng):
    clinic = workday(rand_date(rng, dt.date(2023, 3, 1), dt.date(2023, 12, 10)))
    typed = workday(clinic + dt.timedelta(days=rng.randint(1, 6)))
    p = w.patient(65, 84, clinic, sex="F")
    cons, hosp, pr = CONSULTANTS[0], HOSPITALS[0], w.practices[1]
    doc = Doc(font="serif", size=11.5)
    clinic_opening(doc, rng, cons, hosp, pr, p, clinic, typed, "long", "Gastroenterology (Dr Marsh-Whitley)", re_style=1)
    fb = bold_of(doc.font)
    doc.label("Diagnosis:", "Iron deficiency anaemia secondary to caecal angiodysplasia")
    doc.label("Procedures:", "OGD and colonoscopy with argon plasma coagulation (APC)")
    doc.space(6)
    doc.para(f"Thank you for referring {p.tname}, whom I saw in clinic today to discuss the results of "
             f"{p.his} investigations for iron deficiency anaemia. OGD showed mild antral gastritis only "
             f"(biopsies negative for H. pylori, D2 biopsies normal). Colonoscopy to the terminal ileum found "
             f"two small angiodysplastic lesions in the caecum which were treated with APC. There were no "
             f"polyps and no features of colitis.")
    doc.para("Her Hb has improved to 111 g/L on oral iron but she tolerates it poorly with constipation. "
             "We have therefore arranged an iron infusion (ferric carboxymaltose 1000mg) in the medical day unit.")
    doc.text("Plan", fb)
    doc.numbered(["Iron infusion (ferric carboxymaltose 1000mg) - booked", "Stop ferrous fumarate after the infusion",
                  "FBC and ferritin in 3 months with the GP",
                  "Continue aspirin 75mg OD (benefit outweighs bleeding risk)",
                  "Re-refer if Hb falls below 100 g/L despite iron; capsule endoscopy would then be considered"])
    doc.para("I have not arranged routine follow-up in clinic.")
    clinic_closing(doc, rng, cons, p, dictated=False)
    return dict(doc=doc, document_type="clinic_letter", patient=p, letter_date=typed, slug="ida_post_endoscopy")


def doc_clinic_nafld(w: World, rng):
    clinic = workday(rand_date(rng, dt.date(2024, 2, 1), dt.date(2024, 11, 29)))
    typed = workday(clinic + dt.timedelta(days=rng.randint(3, 12)))
    p = w.patient(48, 66, clinic, sex="M")
    cons, hosp, pr = CONSULTANTS[3], HOSPITALS[0], w.practices[3]
    doc = Doc(font="sans", size=11)
    doc.cont_header = cont_header_fn(p, f"{p.tfull}  (DOB {fmt_date(p.dob, 'slash')})")
    clinic_opening(doc, rng, cons, hosp, pr, p, clinic, typed, "slash", "Hepatology new patient", dept="Liver Unit")
    fb = bold_of(doc.font)
    doc.text("Diagnoses", fb)
    doc.numbered(["Metabolic dysfunction-associated steatotic liver disease (MASLD, previously NAFLD) with "
                  "significant fibrosis (F2-F3)", "Type 2 diabetes mellitus (T2DM), suboptimal control",
                  "Obesity, BMI 35.2", "Hypertension"])
    doc.text("Medications", fb)
    doc.bullets(["Metformin 1g BD", "Gliclazide 80mg BD", "Atorvastatin 20mg ON", "Lisinopril 10mg OD"])
    doc.text("Investigations", fb)
    doc.para(f"FibroScan: liver stiffness 9.8 kPa (IQR/median 14%), CAP 320 dB/m. ELF 10.4. Platelets 171 x10^9/L, "
             f"ALT 96 U/L, AST 62 U/L, albumin 42 g/L, bilirubin 11 µmol/L. HbA1c 62 mmol/mol. "
             f"Ultrasound: steatotic liver, smooth outline, spleen 11 cm, no ascites.")
    doc.para(f"Thank you for referring {p.tname}, whom I saw in the hepatology clinic today. {p.He} was referred "
             f"with raised transaminases and a fatty liver on ultrasound. {p.He} drinks very little alcohol "
             f"(under 5 units a week) and the non-invasive liver screen is otherwise negative.")
    doc.para(f"The FibroScan suggests significant but not advanced fibrosis, and the CAP confirms marked "
             f"steatosis. I explained the diagnosis and that the most effective treatment is weight loss of "
             f"7-10% of body weight, which can improve both fat and scarring in the liver. We discussed "
             f"diet and exercise and I have referred {p.him} to the tier 3 weight management service.")
    doc.para("From a diabetes point of view, a GLP-1 receptor agonist (for example semaglutide) or an SGLT2 "
             "inhibitor would be a good choice, with benefit for both the liver and weight, and I would be "
             "grateful if you could consider this at the next diabetes review. Statins are safe in MASLD "
             "and should be continued.")
    doc.text("Plan", fb)
    doc.bullets(["Weight loss target 10 kg; referral to tier 3 weight management sent",
                 "GP to consider GLP-1 RA or SGLT2 inhibitor", "Continue atorvastatin",
                 "Hepatitis A and B vaccination recommended", "Repeat FibroScan and ELF in 12 months",
                 "Follow-up in hepatology clinic in 12 months"])
    clinic_closing(doc, rng, cons, p)
    doc.footer_all(page_footer())
    return dict(doc=doc, document_type="clinic_letter", patient=p, letter_date=typed, slug="nafld_hepatology")


def doc_clinic_crohns(w: World, rng):
    clinic = workday(rand_date(rng, dt.date(2020, 1, 6), dt.date(2020, 3, 13)))
    typed = workday(clinic + dt.timedelta(days=rng.randint(2, 8)))
    p = w.patient(22, 38, clinic, sex="M")
    cons, hosp, pr = CONSULTANTS[2], HOSPITALS[2], w.practices[5]
    doc = Doc(font="sans", size=11)
    clinic_opening(doc, rng, cons, hosp, pr, p, clinic, typed, "dot2", "IBD clinic", re_style=1)
    fb = bold_of(doc.font)
    doc.label("Diagnosis:", "Terminal ileal Crohn's disease (Montreal A2 L1 B1)")
    doc.label("Medication changes:", "Start azathioprine 2mg/kg (150mg OD)")
    doc.space(6)
    doc.para(f"I saw {p.tname} today, 3 months after {p.his} diagnosis of terminal ileal Crohn's disease. "
             f"{p.He} responded well to budesonide 9mg OD and is now weaning (6mg OD). {p.He} has two soft "
             f"stools a day, no blood, and right iliac fossa pain has settled. Weight has increased by 3 kg.")
    doc.para(f"Because this is {p.his} second course of steroids within a year we agreed to start "
             f"azathioprine as maintenance. TPMT activity is normal (38 mU/L). Hepatitis B, hepatitis C, "
             f"HIV and VZV serology have been checked and {p.he} is immune to varicella.")
    doc.para("He has been given written information on azathioprine, including the need for regular blood "
             "monitoring and to report any sore throat, fever or bruising.")
    doc.text("Plan:", fb)
    doc.bullets(["Azathioprine 150mg OD, start now", "Budesonide 6mg OD for 2 weeks, then 3mg OD for 2 weeks, then stop",
                 "FBC and LFTs weekly for 4 weeks, then monthly for 3 months, then 3 monthly (shared care)",
                 "Annual flu vaccine and pneumococcal vaccination advised", "Stop smoking - referred to service",
                 "Review in 3 months with FBC, LFT, CRP and calprotectin"])
    clinic_closing(doc, rng, cons, p, cc_patient=False)
    return dict(doc=doc, document_type="clinic_letter", patient=p, letter_date=typed, slug="crohns_azathioprine")


def doc_clinic_barretts(w: World, rng):
    clinic = workday(rand_date(rng, dt.date(2022, 4, 1), dt.date(2022, 11, 30)))
    typed = workday(clinic + dt.timedelta(days=rng.randint(2, 7)))
    p = w.patient(55, 72, clinic, sex="M")
    cons, hosp, pr = CONSULTANTS[1], HOSPITALS[1], w.practices[2]
    doc = Doc(font="sans", size=11)
    doc.cont_header = cont_header_fn(p, f"{p.tfull} - Hosp No {p.hosp_no}")
    clinic_opening(doc, rng, cons, hosp, pr, p, clinic, typed, "long", "Upper GI clinic (Eastmere)")
    fb = bold_of(doc.font)
    doc.text("Diagnoses", fb)
    doc.numbered(["Barrett's oesophagus, Prague C2M4, no dysplasia on quadrantic biopsies",
                  "Gastro-oesophageal reflux disease (GORD) with a 3 cm hiatus hernia",
                  "Previous H. pylori, eradicated 2019"])
    doc.text("Current medication", fb)
    doc.bullets(["Omeprazole 40mg BD", "Alginate (Gaviscon Advance) 10ml after meals and at night PRN",
                 "Ramipril 5mg OD", "Atorvastatin 40mg ON"])
    doc.para(f"Thank you for referring {p.tname}, whom I saw today following {p.his} OGD on "
             f"{fmt_date(clinic - dt.timedelta(days=24), 'long')}. This showed a segment of Barrett's "
             f"oesophagus (Prague C2M4) above a 3 cm sliding hiatus hernia, with grade A oesophagitis. "
             f"Histology from quadrantic biopsies every 2 cm confirmed intestinal metaplasia with no dysplasia.")
    doc.para(f"{p.He} still has breakthrough heartburn at night, particularly after late meals and alcohol. I have "
             f"increased the omeprazole to 40mg twice a day, taken 30 minutes before breakfast and the evening "
             f"meal, and we discussed lifestyle measures: raising the head of the bed, avoiding eating within "
             f"3 hours of bedtime, weight loss (BMI 31) and reducing alcohol from 28 to below 14 units a week.")
    doc.para(f"I explained what Barrett's oesophagus is and that the risk of progression to cancer is low, "
             f"around 0.3% per year without dysplasia. Because the maximal length is 4 cm {p.he} will need "
             f"surveillance endoscopy every 2-3 years according to BSG guidance. I have given {p.him} the "
             f"Heartburn Cancer UK leaflet.")
    doc.para("If reflux symptoms remain troublesome despite maximal PPI therapy we could consider pH and "
             "manometry studies with a view to anti-reflux surgery (laparoscopic fundoplication), but he "
             "would prefer to avoid an operation at present.")
    doc.text("Plan", fb)
    doc.bullets(["Omeprazole increased to 40mg BD (GP please update the repeat prescription)",
                 "Surveillance OGD in 2-3 years (added to the Barrett's register)",
                 "Lifestyle advice as above; alcohol below 14 units per week",
                 "Report any dysphagia, weight loss, vomiting or melaena promptly - urgent OGD",
                 "No routine clinic follow-up; results of surveillance will be sent to you"])
    clinic_closing(doc, rng, cons, p)
    doc.footer_all(page_footer())
    return dict(doc=doc, document_type="clinic_letter", patient=p, letter_date=typed, slug="barretts_oesophagus")


def doc_clinic_coeliac(w: World, rng):
    clinic = workday(rand_date(rng, dt.date(2019, 5, 1), dt.date(2019, 12, 13)))
    typed = workday(clinic + dt.timedelta(days=rng.randint(2, 8)))
    p = w.patient(20, 40, clinic, sex="F")
    cons, hosp, pr = CONSULTANTS[5], HOSPITALS[1], w.practices[7]
    doc = Doc(font="serif", size=11.5)
    clinic_opening(doc, rng, cons, hosp, pr, p, clinic, typed, "ord_short", "General GI clinic")
    fb = bold_of(doc.font)
    doc.label("Diagnosis:", "Coeliac disease (Marsh 3b), iron and folate deficiency")
    doc.space(6)
    doc.para(f"Thank you for referring this {p.age_on(clinic)} year old lady. I saw her in clinic today with "
             f"the results of her OGD. Duodenal biopsies showed subtotal villous atrophy with crypt "
             f"hyperplasia and increased intraepithelial lymphocytes (Marsh 3b), consistent with coeliac "
             f"disease given her positive tTG.")
    doc.para("I have explained the diagnosis and the need for a strict lifelong gluten-free diet. She will be "
             "seen by our dietitian and has been given information about Coeliac UK. Gluten-free staple "
             "foods can be prescribed according to local policy.")
    doc.text("Plan:", fb)
    doc.bullets(["Gluten-free diet; dietetic referral made",
                 "Continue ferrous sulfate 200mg OD and folic acid 5mg OD for 3 months",
                 "DEXA scan requested (bone density baseline)", "Pneumococcal vaccination recommended",
                 "Repeat tTG, FBC, ferritin, folate and vitamin D in 6 months",
                 "Annual review by GP thereafter"])
    clinic_closing(doc, rng, cons, p)
    return dict(doc=doc, document_type="clinic_letter", patient=p, letter_date=typed, slug="coeliac_diagnosis")


# ---------------------------------------------------------------------------
# Documents: discharge summaries
# ---------------------------------------------------------------------------


def discharge_header(doc: Doc, rng, hosp, p: Patient, pr: Practice, adm, dis, ward, cons, dstyle):
    f = doc.font
    fb = bold_of(f)
    draw_emblem(doc.page, doc.right - 40, doc.y, 40, 2)
    doc.text("DISCHARGE SUMMARY", fb, 16, lead=1.3)
    doc.text(f"{TRUST_SHORT} - {hosp[0]}", f, 10, lead=1.3)
    doc.text("Electronic discharge notification to GP", f, 9, lead=1.3)
    doc.hline(1.0, before=4, after=8)
    c1, c2, c3 = 0, 95, 270
    rows = [("Patient:", f"{p.last.upper()}, {p.first} ({p.title})", "NHS No:", nhs_spaced(p.nhs)),
            ("DOB:", fmt_date(p.dob, dstyle), "Hospital No:", p.hosp_no),
            ("Address:", f"{p.addr[0]}, {p.addr[1]} {p.addr[2]}", "", ""),
            ("Admitted:", fmt_date(adm, dstyle), "Discharged:", fmt_date(dis, dstyle)),
            ("Ward:", ward, "Consultant:", f"{cons[0]} {cons[1][0]} {cons[2]}"),
            ("GP:", f"Dr {pr.gp[0][0]} {pr.gp[1]}, {pr.name}", "", "")]
    for a, b, c, d in rows:
        cells = [(doc.left + c1, a, fb, "left"), (doc.left + c2 - 30, b, f, "left")]
        if c:
            cells += [(doc.left + c3, c, fb, "left"), (doc.left + c3 + 75, d, f, "left")]
        doc.row(cells, size=10)
    doc.hline(0.6, before=3, after=8)


def section(doc: Doc, title):
    doc.ensure(40)
    doc.space(2)
    doc.text(title.upper(), bold_of(doc.font), doc.size, lead=1.35)


def doc_discharge_ugib(w: World, rng):
    adm = rand_date(rng, dt.date(2021, 1, 4), dt.date(2021, 10, 20))
    dis = adm + dt.timedelta(days=rng.randint(4, 6))
    p = w.patient(60, 79, adm, sex="M")
    cons, hosp, pr = CONSULTANTS[5], HOSPITALS[0], w.practices[0]
    doc = Doc(font="sans", size=10.5, top=54)
    doc.cont_header = cont_header_fn(p, f"Discharge summary - {p.last.upper()}, {p.first}")
    discharge_header(doc, rng, hosp, p, pr, adm, dis, "Ward 14 (Gastroenterology)", cons, "slash")
    section(doc, "Primary diagnosis")
    doc.para("Upper GI bleed secondary to a 12 mm posterior duodenal ulcer (Forrest IIa - visible vessel)")
    section(doc, "Secondary diagnoses / comorbidities")
    doc.bullets(["Helicobacter pylori positive (CLO test)", "NSAID use (naproxen for knee osteoarthritis)",
                 "Acute kidney injury stage 1, resolved", "Ischaemic heart disease - MI 2015, PCI to LAD",
                 "Type 2 diabetes mellitus"])
    section(doc, "Presenting complaint")
    doc.para(f"Admitted via ED with 2 episodes of haematemesis and melaena for 24 hours, with dizziness on "
             f"standing. On arrival pulse 112, BP 96/58, Hb 72 g/L (baseline 134 g/L), urea 18.2 mmol/L. "
             f"Glasgow-Blatchford score 13. Rockall score (post-endoscopy) 6.")
    section(doc, "Examination on admission")
    doc.para("Pale, clammy, alert (GCS 15). HR 112 regular, BP 96/58, RR 22, SpO2 97% on air, temperature 36.4. "
             "Abdomen soft, mild epigastric tenderness, no peritonism. PR: melaena on the glove. "
             "No stigmata of chronic liver disease.")
    section(doc, "Medications on admission")
    doc.para("Aspirin 75mg OD, atorvastatin 80mg ON, bisoprolol 2.5mg OD, metformin 1g BD, ramipril 5mg OD, "
             "naproxen 500mg BD (bought over the counter for 6 weeks), GTN spray PRN.")
    section(doc, "Social history")
    doc.para(f"Lives with {p.his} wife in a house, independent with all activities of daily living. Ex-smoker "
             f"(stopped 2015). Alcohol 10-12 units a week. Drives.")
    section(doc, "Procedures")
    doc.para(f"OGD on {fmt_date(adm + dt.timedelta(days=1), 'slash')}: 12 mm posterior D1 ulcer with a non-bleeding "
             f"visible vessel. Treated with adrenaline 1:10,000 injection (8 ml) and two haemostatic clips. "
             f"Mild antral gastritis; CLO test positive. No varices.")
    section(doc, "Clinical course")
    doc.para(f"Resuscitated with IV fluids and transfused 2 units of red cells (target Hb 70-90 g/L given "
             f"cardiac history; post-transfusion Hb 89 g/L). Received IV pantoprazole 40mg BD (following "
             f"the initial post-endoscopic infusion) for 72 hours, then switched to oral omeprazole. No "
             f"further bleeding; Hb stable at 91-94 g/L over 48 hours. AKI resolved with fluids "
             f"(creatinine 148 to 86 µmol/L).")
    doc.para(f"Naproxen has been stopped permanently. Aspirin 75mg OD was withheld for 72 hours and restarted "
             f"on day 4 after discussion with cardiology. {p.He} was started on H. pylori eradication therapy "
             f"and mobilised independently prior to discharge. Metformin was withheld during the AKI and "
             f"restarted on the day of discharge.")
    section(doc, "Medications on discharge")
    doc.table([0, 175, 255, 330], ["Drug", "Dose", "Frequency", "Comment"],
              [["Omeprazole", "40mg", "BD", "8 weeks, then 20mg OD"], ["Amoxicillin", "1g", "BD", "7 days (H. pylori)"],
               ["Clarithromycin", "500mg", "BD", "7 days (H. pylori)"], ["Aspirin", "75mg", "OD", "Restarted day 4"],
               ["Atorvastatin", "80mg", "ON", "Unchanged"], ["Bisoprolol", "2.5mg", "OD", "Unchanged"],
               ["Metformin", "1g", "BD", "Restarted"], ["Paracetamol", "1g", "QDS PRN", "For knee pain"],
               ["Naproxen", "-", "-", "STOPPED"]], size=10, rules="all")
    section(doc, "Allergies")
    doc.para("No known drug allergies")
    section(doc, "Follow-up and actions for GP")
    doc.numbered(["Please check FBC in 2 weeks; oral iron if ferritin low",
                  "Urea breath test or stool antigen at least 4 weeks after eradication therapy (off PPI for 2 weeks)",
                  "Repeat OGD in 8 weeks to confirm ulcer healing - will be booked by the endoscopy unit",
                  "Please avoid NSAIDs in future; add to allergies/intolerances as adverse reaction",
                  "Review need for long term PPI while on aspirin"])
    section(doc, "Information given to patient")
    doc.para(f"Diagnosis, medication changes and warning signs of re-bleeding (black stools, vomiting blood, "
             f"dizziness) explained to {p.tname} and {p.his} wife. Advised to return to ED immediately if these "
             f"occur. Not to drive for 1 week.")
    doc.space(8)
    doc.label("Completed by:", f"{REGISTRARS[0][0]} {REGISTRARS[0][1]} {REGISTRARS[0][2]}, {REGISTRARS[0][3]}")
    doc.label("Date:", fmt_date(dis, "slash"))
    if len(doc.pages) < 3:
        doc.new_page()
    section(doc, "Appendix: key results during admission")
    days = [adm + dt.timedelta(days=k) for k in (0, 1, 2, (dis - adm).days)]
    doc.table([0, 150, 215, 280, 345, 410], ["Test", *[fmt_date(d, "slash")[:5] for d in days], "Reference"],
              [["Haemoglobin (g/L)", "72", "89", "92", "94", "130-180"],
               ["White cells (x10^9/L)", "13.1", "10.4", "8.8", "7.9", "4.0-11.0"],
               ["Platelets (x10^9/L)", "310", "262", "271", "284", "150-400"],
               ["MCV (fL)", "86", "87", "87", "86", "80-100"],
               ["Sodium (mmol/L)", "137", "139", "140", "139", "133-146"],
               ["Potassium (mmol/L)", "4.9", "4.4", "4.2", "4.3", "3.5-5.3"],
               ["Urea (mmol/L)", "18.2", "11.6", "7.4", "5.9", "2.5-7.8"],
               ["Creatinine (µmol/L)", "148", "121", "97", "86", "59-104"],
               ["Bilirubin (µmol/L)", "9", "-", "-", "8", "<21"],
               ["ALT (U/L)", "18", "-", "-", "21", "<40"],
               ["Albumin (g/L)", "34", "-", "-", "35", "35-50"],
               ["INR", "1.1", "-", "-", "-", "0.8-1.2"],
               ["CRP (mg/L)", "12", "-", "9", "6", "<5"],
               ["Lactate (mmol/L)", "2.8", "1.1", "-", "-", "0.5-2.2"]], size=10, rules="all")
    doc.text("Group and save: O RhD positive, antibody screen negative. Crossmatched 2 units (both transfused).",
             size=9.5)
    doc.text(f"CLO test (antral biopsy): positive at 24 hours. Histology: not sent.", size=9.5)
    doc.footer_all(page_footer(f"Printed {fmt_date(dis, 'slash')} - CONFIDENTIAL"))
    return dict(doc=doc, document_type="discharge_summary", patient=p, letter_date=dis, slug="upper_gi_bleed")


def doc_discharge_asuc(w: World, rng):
    adm = rand_date(rng, dt.date(2024, 1, 8), dt.date(2024, 9, 30))
    dis = adm + dt.timedelta(days=rng.randint(8, 11))
    p = w.patient(21, 34, adm, sex="F")
    cons, hosp, pr = CONSULTANTS[2], HOSPITALS[0], w.practices[8]
    doc = Doc(font="serif", size=11)
    doc.cont_header = cont_header_fn(p, f"{p.last.upper()}, {p.first} - discharge summary (continued)")
    discharge_header(doc, rng, hosp, p, pr, adm, dis, "Ward 22 (Gastroenterology)", cons, "lab")
    section(doc, "Diagnosis")
    doc.para("Acute severe ulcerative colitis (Truelove and Witts criteria met on admission), extensive colitis (E3), "
             "new diagnosis. Responded to infliximab rescue therapy.")
    section(doc, "Summary of admission")
    doc.para(f"{p.tname} presented with 3 weeks of bloody diarrhoea, now 10-12 times a day, with fever "
             f"(37.9) and tachycardia (HR 104). CRP 96 mg/L, albumin 29 g/L, Hb 104 g/L. Stool culture and "
             f"C. difficile negative. AXR: no colonic dilatation. Flexible sigmoidoscopy showed continuous "
             f"severe inflammation (Mayo 3) from the rectum; biopsies confirm chronic active colitis, CMV negative.")
    doc.para("Treated with IV hydrocortisone 100mg QDS and enoxaparin VTE prophylaxis. On day 3 she still had "
             "8 bloody stools a day with CRP 54 (Oxford criteria), so rescue therapy with infliximab 5mg/kg "
             "was given after a normal chest X-ray and negative TB (QuantiFERON), hepatitis B and HIV screening. "
             "The colorectal surgeons reviewed her jointly. She improved steadily over the following days and "
             "converted to oral prednisolone on day 7, with stool frequency 3 per day, no blood, and CRP 8 "
             "on discharge.")
    section(doc, "Medications on discharge")
    doc.table([0, 165, 270], ["Medication", "Dose / route", "Instructions"],
              [["Prednisolone", "40mg oral OD", "Reduce by 5mg every week, then stop"],
               ["Mesalazine (Octasa)", "4.8g oral OD", "Continue long term"],
               ["Infliximab", "5mg/kg IV", "Next doses at weeks 2 and 6 (IBD unit)"],
               ["Adcal-D3", "1 tablet BD", "While on steroids"],
               ["Omeprazole", "20mg oral OD", "While on steroids"],
               ["Enoxaparin", "40mg SC OD", "Until 14 days after discharge"]], size=10.5)
    section(doc, "Follow-up")
    doc.bullets(["IBD nurse telephone review in 1 week; infusion appointment booked in the IBD unit",
                 "IBD clinic in 6 weeks with FBC, CRP, LFT and calprotectin",
                 "GP: please do not stop mesalazine; avoid NSAIDs; check BP and blood glucose while on steroids",
                 "Patient to call the IBD advice line (01632 960215) if symptoms recur"])
    section(doc, "Key investigations")
    doc.table([0, 170, 245, 320], ["Test", "Admission", "Day 3", "Discharge"],
              [["Hb (g/L)", "104", "98", "106"], ["WCC (x10^9/L)", "12.8", "11.2", "9.6"],
               ["Platelets (x10^9/L)", "512", "470", "421"], ["CRP (mg/L)", "96", "54", "8"],
               ["Albumin (g/L)", "29", "27", "31"], ["Potassium (mmol/L)", "3.3", "3.8", "4.1"],
               ["Magnesium (mmol/L)", "0.62", "0.78", "0.81"]], size=10.5)
    section(doc, "Information given to patient")
    doc.para("Diagnosis of ulcerative colitis explained with written information from Crohn's and Colitis UK. "
             "Steroid card and infliximab patient alert card given. Advised to seek urgent help if bloody "
             "diarrhoea recurs more than 6 times a day, or with fever or severe abdominal pain.")
    section(doc, "Allergies")
    doc.para("Trimethoprim - rash")
    doc.space(8)
    doc.label("Completed by:", f"{REGISTRARS[1][0]} {REGISTRARS[1][1]} {REGISTRARS[1][2]}, {REGISTRARS[1][3]}")
    doc.label("Date:", fmt_date(dis, "lab"))
    doc.footer_all(page_footer(f"{TRUST_SHORT} - confidential", font="serif"))
    return dict(doc=doc, document_type="discharge_summary", patient=p, letter_date=dis, slug="acute_severe_uc")


def doc_discharge_liver(w: World, rng):
    adm = rand_date(rng, dt.date(2019, 2, 1), dt.date(2019, 11, 20))
    dis = adm + dt.timedelta(days=rng.randint(6, 9))
    p = w.patient(45, 62, adm, sex="M")
    cons, hosp, pr = CONSULTANTS[3], HOSPITALS[2], w.practices[9]
    doc = Doc(font="sans", size=10)
    discharge_header(doc, rng, hosp, p, pr, adm, dis, "Ward 9 (Hepatology)", cons, "slash")
    section(doc, "Diagnosis")
    doc.para("Decompensated alcohol-related cirrhosis (Child-Pugh B9, MELD 16) with ascites. "
             "Spontaneous bacterial peritonitis excluded (ascitic neutrophils 80/mm3).")
    section(doc, "Summary")
    doc.para(f"Admitted with increasing abdominal distension, ankle swelling and mild confusion. Drinks "
             f"around 80 units a week; last drink the day before admission. Large volume paracentesis "
             f"(7.5 L) with 20% albumin cover. Treated with Pabrinex, CIWA-guided chlordiazepoxide and "
             f"lactulose. OGD: grade 2 oesophageal varices, no red signs - started carvedilol. No "
             f"encephalopathy at discharge. Seen by the alcohol care team.")
    section(doc, "Medications on discharge")
    doc.bullets(["Spironolactone 100mg OD (new)", "Furosemide 40mg OM (new)", "Carvedilol 6.25mg OD (new)",
                 "Lactulose 20ml BD, titrate to 2-3 soft stools a day", "Thiamine 100mg TDS",
                 "Vitamin B compound strong 1 tablet TDS", "Omeprazole 20mg OD"])
    section(doc, "Actions for GP")
    doc.bullets(["U&E in 1 week (new diuretics); stop if Na < 125 mmol/L or creatinine rising",
                 "Please support abstinence; community alcohol team referral made",
                 "Hepatology clinic in 4 weeks; 6-monthly ultrasound for HCC surveillance"])
    doc.space(4)
    doc.label("Completed by:", f"{REGISTRARS[2][0]} {REGISTRARS[2][1]} {REGISTRARS[2][2]}")
    doc.label("Date:", fmt_date(dis, "slash"))
    return dict(doc=doc, document_type="discharge_summary", patient=p, letter_date=dis, slug="decompensated_cirrhosis")


# ---------------------------------------------------------------------------
# Documents: results pages
# ---------------------------------------------------------------------------

FBC = [("Haemoglobin", "g/L", 130, 180, 0), ("White cell count", "x10^9/L", 4.0, 11.0, 1),
       ("Platelets", "x10^9/L", 150, 400, 0), ("MCV", "fL", 80, 100, 0), ("MCH", "pg", 27.0, 32.0, 1),
       ("Neutrophils", "x10^9/L", 2.0, 7.5, 1), ("Lymphocytes", "x10^9/L", 1.0, 4.0, 1)]
UE = [("Sodium", "mmol/L", 133, 146, 0), ("Potassium", "mmol/L", 3.5, 5.3, 1), ("Urea", "mmol/L", 2.5, 7.8, 1),
      ("Creatinine", "µmol/L", 59, 104, 0), ("eGFR", "mL/min/1.73m2", None, None, 0)]
LFT = [("Bilirubin", "µmol/L", 0, 21, 0), ("ALT", "U/L", 0, 40, 0), ("ALP", "U/L", 30, 130, 0),
       ("GGT", "U/L", 0, 60, 0), ("Albumin", "g/L", 35, 50, 0)]
IRON = [("Ferritin", "µg/L", 30, 400, 0), ("Serum iron", "µmol/L", 10, 30, 0),
        ("Transferrin saturation", "%", 20, 50, 0), ("Vitamin B12", "ng/L", 197, 771, 0),
        ("Folate", "µg/L", 3.9, 26.8, 1)]


def rng_range(lo, hi, dp):
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"<{hi}"
    if hi is None:
        return f">{lo}"
    if lo == 0:
        return f"<{hi}" if dp == 0 else f"<{hi:.{dp}f}"
    return f"{lo:.{dp}f}-{hi:.{dp}f}" if dp else f"{lo}-{hi}"


def results_header(doc: Doc, hosp, p: Patient, pr: Practice, coll: dt.date, title, spec, rng, dstyle="lab"):
    fb = "mono-bold"
    doc.row([(None, hosp[0].upper(), fb, "left"), (doc.right, "PATHOLOGY", fb, "right")], size=11)
    doc.row([(None, title, "mono", "left"), (doc.right, "Tel: 01632 960340", "mono", "right")], size=9.5)
    doc.hline(0.8, before=2, after=6)
    lab = "mono"
    t1 = f"{rng.randint(8, 11):02d}:{rng.randint(0, 59):02d}"
    t2 = f"{rng.randint(12, 16):02d}:{rng.randint(0, 59):02d}"
    rows = [(("Patient:", f"{p.last.upper()}, {p.first}"), ("NHS No:", p.nhs)),
            (("DOB:", f"{fmt_date(p.dob, dstyle)}   Sex: {p.sex}"), ("Hosp No:", p.hosp_no)),
            (("Source:", f"{pr.name} ({pr.ods})"), ("Requested by:", f"Dr {pr.gp[0][0]} {pr.gp[1]}")),
            (("Specimen:", spec), ("Collected:", f"{fmt_date(coll, dstyle)} {t1}")),
            (("Lab no:", f"{coll.year % 100}B{rng.randint(100000, 999999)}"), ("Reported:", f"{fmt_date(coll, dstyle)} {t2}"))]
    for (a, b), (c, d) in rows:
        doc.row([(doc.left, a, fb, "left"), (doc.left + 70, b, lab, "left"),
                 (doc.left + 275, c, fb, "left"), (doc.left + 375, d, lab, "left")], size=9.5)
    doc.hline(0.8, before=3, after=8)


def result_rows(panel, values):
    rows = []
    for (name, unit, lo, hi, dp), v in zip(panel, values):
        rows.append([name, fmt_num(v, dp), unit, rng_range(lo, hi, dp), flag(v, lo, hi)])
    return rows


def doc_results_fbc_ue_lft(w: World, rng):
    coll = workday(rand_date(rng, dt.date(2023, 1, 1), dt.date(2023, 12, 20)))
    p = w.patient(55, 80, coll, sex="M")
    hosp, pr = HOSPITALS[0], w.practices[0]
    doc = Doc(font="mono", size=10, left=62, right=50)
    results_header(doc, hosp, p, pr, coll, "Blood Sciences - Final Report", "Blood (EDTA, serum)", rng)
    cols, al = [0, 190, 265, 375, 455], ["left", "right", "left", "left", "left"]
    hdr = ["Test", "Result", "Units", "Ref range", "Flag"]
    doc.text("FULL BLOOD COUNT", "mono-bold", 10.5)
    doc.table(cols, hdr, result_rows(FBC, [98, 7.2, 432, 74, 23.8, 4.9, 1.6]), aligns=al, size=10)
    doc.text("UREA AND ELECTROLYTES", "mono-bold", 10.5)
    doc.table(cols, hdr, result_rows(UE, [139, 4.6, 6.1, 92, 74]), aligns=al, size=10)
    doc.text("LIVER FUNCTION TESTS", "mono-bold", 10.5)
    doc.table(cols, hdr, result_rows(LFT, [9, 23, 88, 41, 38]), aligns=al, size=10)
    doc.text("Comment:", "mono-bold", 10)
    doc.para("Microcytic anaemia. Suggest iron studies if not already done. eGFR calculated using CKD-EPI "
             "(2009). Results outside the reference range are flagged H (high) or L (low).", size=9.5)
    doc.space(6)
    doc.text(f"Authorised by: B. Okoro, Biomedical Scientist   {fmt_date(coll, 'lab')}", "mono", 9)
    doc.text("*** END OF REPORT ***", "mono", 9, align="center")
    return dict(doc=doc, document_type="results", patient=p, letter_date=coll, slug="fbc_ue_lft")


def doc_results_iron(w: World, rng):
    coll = workday(rand_date(rng, dt.date(2020, 1, 6), dt.date(2020, 12, 18)))
    p = w.patient(30, 70, coll, sex="F")
    hosp, pr = HOSPITALS[1], w.practices[7]
    doc = Doc(font="mono", size=10, left=62, right=50)
    results_header(doc, hosp, p, pr, coll, "Haematology and Clinical Chemistry", "Blood (serum)", rng, "slash")
    cols, al = [0, 190, 265, 375, 455], ["left", "right", "left", "left", "left"]
    hdr = ["Test", "Result", "Units", "Ref range", "Flag"]
    fbc = [("Haemoglobin", "g/L", 115, 165, 0), ("MCV", "fL", 80, 100, 0), ("Platelets", "x10^9/L", 150, 400, 0)]
    doc.text("HAEMATOLOGY", "mono-bold", 10.5)
    doc.table(cols, hdr, result_rows(fbc, [104, 76, 389]), aligns=al, size=10)
    doc.text("HAEMATINICS", "mono-bold", 10.5)
    doc.table(cols, hdr, result_rows(IRON, [7, 4, 6, 312, 2.9]), aligns=al, size=10)
    doc.text("IMMUNOLOGY", "mono-bold", 10.5)
    doc.table(cols, hdr, [["tTG IgA", "85", "U/mL", "<7", "H"], ["Total IgA", "2.1", "g/L", "0.8-4.0", ""],
                          ["Endomysial Ab", "Positive", "", "", ""]], aligns=al, size=10)
    doc.text("Comment:", "mono-bold", 10)
    doc.para("Iron deficiency with low folate. Raised tTG with positive EMA is highly suggestive of coeliac "
             "disease. Refer to gastroenterology for duodenal biopsy; patient should continue to eat gluten "
             "until biopsied.", size=9.5)
    doc.space(6)
    doc.text(f"Authorised by: Dr P. Nwachukwu, Consultant Immunologist   {fmt_date(coll, 'slash')}", "mono", 9)
    doc.text("*** END OF REPORT ***", "mono", 9, align="center")
    return dict(doc=doc, document_type="results", patient=p, letter_date=coll, slug="iron_studies_coeliac")


def doc_results_cumulative(w: World, rng):
    last = workday(rand_date(rng, dt.date(2022, 6, 1), dt.date(2022, 12, 16)))
    p = w.patient(40, 75, last)
    hosp, pr = HOSPITALS[2], w.practices[4]
    dates = [workday(last - dt.timedelta(days=d)) for d in (120, 63, 21, 0)]
    doc = Doc(font="mono", size=10, left=58, right=46)
    results_header(doc, hosp, p, pr, last, "Cumulative Report - Biochemistry", "Serum", rng)
    doc.text("LIVER FUNCTION - CUMULATIVE", "mono-bold", 10.5)
    cols = [0, 125, 185, 245, 305, 370]
    al = ["left", "right", "right", "right", "right", "left"]
    hdr = ["Test", *[d.strftime("%d/%m/%y") for d in dates], "Ref range"]
    data = [("Bilirubin", [18, 24, 31, 46], "<21"), ("ALT", [67, 88, 121, 154], "<40"),
            ("ALP", [110, 142, 188, 260], "30-130"), ("GGT", [230, 310, 402, 515], "<60"),
            ("Albumin", [40, 38, 37, 35], "35-50"), ("INR", ["1.0", "1.1", "1.1", "1.2"], "0.8-1.2"),
            ("CRP", [4, 6, 9, 12], "<5")]
    rows = [[n, *[str(v) for v in vals], ref] for n, vals, ref in data]
    doc.table(cols, hdr, rows, aligns=al, size=10, rules="all")
    doc.text("Units: bilirubin µmol/L; ALT, ALP, GGT U/L; albumin g/L; CRP mg/L", "mono", 9)
    doc.space(6)
    doc.text("Comment:", "mono-bold", 10)
    doc.para("Rising cholestatic LFTs over 4 months. Clinical correlation and liver imaging advised. "
             "Discussed with the requesting GP by telephone.", size=9.5)
    doc.space(6)
    doc.text(f"Authorised by: Dr K. Lindgren, Consultant Chemical Pathologist   {fmt_date(last, 'lab')}", "mono", 9)
    doc.text("*** END OF REPORT ***", "mono", 9, align="center")
    return dict(doc=doc, document_type="results", patient=p, letter_date=last, slug="cumulative_lfts")


# ---------------------------------------------------------------------------
# Documents: other
# ---------------------------------------------------------------------------


def doc_nursing_note(w: World, rng):
    day = rand_date(rng, dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    p = w.patient(70, 90, day, sex="F")
    doc = Doc(font="sans", size=10.5)
    fb = "sans-bold"
    doc.row([(None, "NURSING CONTINUATION NOTES", fb, "left"), (doc.right, HOSPITALS[2][0], "sans", "right")], size=12)
    doc.hline(0.8, before=2, after=6)
    doc.row([(None, f"Name: {p.first} {p.last.upper()}", "sans", "left"),
             (doc.left + 230, f"DOB: {fmt_date(p.dob, 'slash')}", "sans", "left"),
             (doc.right, f"NHS No: {nhs_spaced(p.nhs)}", "sans", "right")], size=10.5)
    doc.row([(None, "Ward: 9 (Hepatology / Gastro)", "sans", "left"), (doc.left + 230, "Bed: 14", "sans", "left"),
             (doc.right, f"Hosp No: {p.hosp_no}", "sans", "right")], size=10.5)
    doc.hline(0.8, before=2, after=8)
    entries = [
        ("07:45", f"Handover received. Pt slept well overnight. Obs: BP 128/76, HR 88, RR 18, Temp 37.8°C, "
                  f"SpO2 96% on room air, NEWS2 3. Dr informed of temperature."),
        ("09:30", "Ward round (Dr Penrose). Blood cultures x2 taken, urine sent for MC&S. Plan IV co-amoxiclav "
                  "1.2g TDS, continue lactulose 20ml BD, aim 2-3 soft stools per day."),
        ("11:15", "Bowels opened x1, type 6 on Bristol stool chart, no blood seen. Eating small amounts, "
                  "food chart commenced. Encouraged oral fluids, fluid balance chart in progress."),
        ("14:00", "Waterlow score 16 (high risk). Pressure areas intact, repositioned 2 hourly, pressure "
                  "relieving mattress in place. Skin on sacrum blanching."),
        ("16:40", "Daughter visited and updated by nurse in charge. Pt alert and orientated, mild confusion in "
                  "the afternoon resolved. Temp now 37.2°C, NEWS2 1."),
        ("19:30", "Evening medications given as prescribed. Falls risk assessment reviewed - call bell in reach, "
                  "bed in lowest position. Handed over to night staff."),
    ]
    date_s = fmt_date(day, "slash")
    for t, txt in entries:
        doc.ensure(60)
        doc.row([(None, f"{date_s} {t}", fb, "left")], size=10.5)
        doc.para(txt, indent=14, after=2)
        doc.row([(doc.left + 14, f"Signed: {rng.choice(['S. Mbeki RN', 'J. Hardcastle RN', 'A. Reyes HCA', 'P. Doyle RN'])}",
                  "sans-italic", "left")], size=9.5)
        doc.space(6)
    return dict(doc=doc, document_type="other", patient=p, letter_date=day, slug="nursing_notes")


def doc_appointment_letter(w: World, rng):
    date = workday(rand_date(rng, dt.date(2024, 2, 1), dt.date(2024, 10, 31)))
    appt = workday(date + dt.timedelta(days=rng.randint(18, 30)))
    p = w.patient(50, 75, date)
    hosp = HOSPITALS[0]
    doc = Doc(font="sans", size=11)
    hospital_letterhead(doc, hosp, "Endoscopy Unit", "01632 960488", 0)
    doc.row([(None, p.tfull, None, "left"), (doc.right, f"Date: {fmt_date(date, 'long')}", None, "right")])
    address_block(doc, p.addr)
    doc.space(10)
    doc.label("NHS Number:", nhs_spaced(p.nhs))
    doc.label("Hospital Number:", p.hosp_no)
    doc.label("Date of birth:", fmt_date(p.dob, "long"))
    doc.space(8)
    doc.text(f"Dear {p.tname},", lead=1.5)
    doc.text("Your appointment for a colonoscopy", "sans-bold", 12.5, lead=1.5)
    doc.para(f"An appointment has been made for you to attend the Endoscopy Unit, Level 2, {hosp[0]}:")
    doc.label("Date:", f"{DAYS[appt.weekday()]} {fmt_date(appt, 'long')}", tab=80)
    doc.label("Time:", f"{rng.choice(['08:30', '09:15', '13:00', '14:30'])} (please arrive 15 minutes early)", tab=80)
    doc.label("Procedure:", "Colonoscopy", tab=80)
    doc.space(6)
    doc.para("Your bowel preparation (Moviprep) and instructions are enclosed. Please follow the low residue "
             "diet for 2 days before your test. If you take iron tablets (such as ferrous sulfate or ferrous "
             "fumarate), stop them 7 days before the procedure. If you take blood thinners (for example "
             "warfarin, apixaban, rivaroxaban or clopidogrel) or insulin, please contact the unit as soon as "
             "possible for advice.")
    doc.para("If you are having sedation you must arrange for a responsible adult to collect you and stay with "
             "you for 12 hours. You must not drive for 24 hours after sedation.")
    doc.para(f"If you cannot attend, please telephone 01632 960488 (Monday to Friday, 8am to 4pm) so that the "
             f"appointment can be offered to another patient.")
    doc.text("Yours sincerely,")
    doc.space(8)
    doc.text("Endoscopy Booking Team")
    doc.space(10)
    doc.text(f"cc: Dr {w.practices[3].gp[0][0]} {w.practices[3].gp[1]}, {w.practices[3].name}", size=9.5)
    return dict(doc=doc, document_type="other", patient=p, letter_date=date, slug="colonoscopy_appointment")


# ---------------------------------------------------------------------------
# Scan simulation
# ---------------------------------------------------------------------------


def ink_bbox(img: Image.Image, thr=200):
    a = np.asarray(img) < thr
    ys, xs = np.nonzero(a)
    return xs.min(), ys.min(), xs.max(), ys.max()


def skew(img: Image.Image, angle_cw: float) -> Image.Image:
    """Rotate the page content clockwise by angle_cw degrees inside the same canvas (white fill)."""
    W, H = img.size
    x0, y0, x1, y1 = ink_bbox(img)
    t = math.radians(angle_cw)
    cx, cy = W / 2, H / 2
    for x, y in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]:
        dx, dy = x - cx, y - cy
        rx = cx + dx * math.cos(t) - dy * math.sin(t)
        ry = cy + dx * math.sin(t) + dy * math.cos(t)
        if not (4 <= rx < W - 4 and 4 <= ry < H - 4):
            raise ValueError(f"skew {angle_cw} would clip printed text")
    return img.rotate(-angle_cw, resample=Image.BICUBIC, fillcolor=255)


def smooth_field(nrng, shape, cells=(7, 10), amp=1.0):
    """Low frequency random field in [-amp, amp], resized to shape (H, W)."""
    small = nrng.uniform(-amp, amp, size=cells).astype(np.float32)
    im = Image.fromarray(small).resize((shape[1], shape[0]), Image.BICUBIC)
    return np.asarray(im, dtype=np.float32)


def photocopy(img: Image.Image, nrng) -> Image.Image:
    """Photocopy: toner spread (slight blur), grey background, salt-and-pepper specks."""
    a = np.asarray(img.filter(ImageFilter.GaussianBlur(0.9)), dtype=np.float32)
    a = 22 + a * (236 - 22) / 255.0
    H, W = a.shape
    u = nrng.random((H, W), dtype=np.float32)
    pepper = u < 0.003
    salt = u > 1 - 0.002
    a[pepper] = nrng.uniform(0, 110, size=int(pepper.sum()))
    a[salt] = 255
    # larger toner specks (2-4 px)
    n = 900
    ys, xs = nrng.integers(0, H - 4, n), nrng.integers(0, W - 4, n)
    sz = nrng.integers(2, 5, n)
    for y, x, s in zip(ys, xs, sz):
        a[y:y + s, x:x + s] = min(a[y, x], 60)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def hf_noise(nrng, shape, radius=1.5):
    """Unit-variance noise correlated over a few pixels."""
    n = nrng.normal(128, 60, size=shape).clip(0, 255).astype(np.uint8)
    b = np.asarray(Image.fromarray(n).filter(ImageFilter.GaussianBlur(radius)), dtype=np.float32)
    return (b - 128) / (b.std() + 1e-6)


def copy_of_copy(img: Image.Image, nrng, thr=125) -> Image.Image:
    """Photocopy of a photocopy: each generation blurs and re-thresholds the toner, so strokes
    thin out and break (ragged edges), then faded toner, uneven illumination, a grey gradient,
    edge shadows, faint drum streaks and dust."""
    a = np.asarray(img.filter(ImageFilter.GaussianBlur(1.4)), dtype=np.float32)
    H, W = a.shape
    t = thr + smooth_field(nrng, (H, W), (9, 7), 30) + 31 * hf_noise(nrng, (H, W))
    t = np.minimum(t, 225)
    a = np.where(a > 250, 255.0, 255 / (1 + np.exp(-(a - t) / 10)))
    a = np.round(a).astype(np.uint8)
    a = np.asarray(Image.fromarray(a).filter(ImageFilter.GaussianBlur(0.7)), dtype=np.float32)
    a = 255 - (255 - a) * 0.62  # faded toner
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    xn, yn = xx / W, yy / H
    illum = 0.97 - 0.25 * xn ** 1.6 - 0.12 * ((xn - 0.3) ** 2 + (yn - 0.55) ** 2)
    illum += smooth_field(nrng, (H, W), (6, 5), 0.05)
    illum -= 0.45 * np.exp(-(W - xx) / (W * 0.025))  # dark shadow along the right edge (copier lid)
    illum -= 0.25 * np.exp(-yy / (H * 0.012))  # top edge shadow
    a = a * np.clip(illum, 0.2, 1.0)
    for _ in range(2):  # faint vertical drum streaks
        x = int(nrng.integers(W // 8, W - W // 8))
        a[:, x:x + int(nrng.integers(1, 4))] *= 0.94
    dust = nrng.random((H, W), dtype=np.float32) < 0.0004
    a[dust] *= 0.35
    return Image.fromarray(np.clip(np.round(a), 0, 255).astype(np.uint8))


def fax_page(img300: Image.Image, nrng) -> Image.Image:
    """Bilevel fine-mode fax (204 x 196 dpi) with threshold noise and line dropouts."""
    W, H = page_px(204, 196)
    g = img300.resize((W, H), Image.LANCZOS)
    a = np.asarray(g, dtype=np.float32)
    # scanner noise correlated over a pixel or two gives ragged, blotchy stroke edges
    a = a + 40 * hf_noise(nrng, a.shape, 0.8) + nrng.normal(0, 12, size=a.shape).astype(np.float32)
    black = a < 150
    # isolated black noise pixels and a few horizontal transmission streaks
    black |= nrng.random(a.shape, dtype=np.float32) < 0.0007
    for _ in range(5):
        y = int(nrng.integers(80, H - 80))
        x0 = int(nrng.integers(0, W // 2))
        x1 = int(min(W, x0 + nrng.integers(W // 6, W // 2)))
        if nrng.random() < 0.5:
            black[y, x0:x1] = nrng.random(x1 - x0) < 0.6
        else:
            black[y, x0:x1] = False  # dropped scan line
    out = np.where(black, 0, 255).astype(np.uint8)
    return Image.fromarray(out).convert("1", dither=Image.Dither.NONE)


def fax_header_items(doc: Doc, sender: Practice, to: str, when: dt.datetime):
    n = len(doc.pages)
    for i, pg in enumerate(doc.pages):
        s = (f"{when.strftime('%d/%m/%Y %H:%M')}  FROM: {sender.fax} {sender.name.upper()}  "
             f"TO: {to}  P.{i + 1:03d}/{n:03d}")
        pg.text(28, 22, s, "mono", 8)


# ---------------------------------------------------------------------------
# Document list: builder, file format and degradations
# ---------------------------------------------------------------------------

SPECS = [
    (doc_referral_rectal_bleeding, dict(fmt="png", pages=1)),
    (doc_clinic_uc, dict(fmt="png", pages=1)),
    (doc_referral_ida, dict(fmt="png", pages=1, skew=4.6)),
    (doc_results_fbc_ue_lft, dict(fmt="png", pages=1)),
    (doc_referral_dyspepsia, dict(fmt="fax", pages=1)),
    (doc_discharge_ugib, dict(fmt="pdf_image", pages=3, skew=-1.6, quality=60, dpi=200)),
    (doc_referral_lfts, dict(fmt="pdf_text", pages=1)),
    (doc_clinic_ida_scope, dict(fmt="png", pages=1, rotate=180)),
    (doc_referral_cibh, dict(fmt="jpeg", pages=1, quality=40)),
    (doc_results_iron, dict(fmt="png", pages=1, rotate=90)),
    (doc_referral_ibd, dict(fmt="tiff_lzw", pages=2)),
    (doc_nursing_note, dict(fmt="png", pages=1, photocopy=True)),
    (doc_clinic_nafld, dict(fmt="pdf_image", pages=2, quality=75)),
    (doc_referral_dysphagia_form, dict(fmt="fax", pages=2)),
    (doc_discharge_liver, dict(fmt="png", pages=1)),
    (doc_referral_coeliac, dict(fmt="png", pages=1, photocopy=True)),
    (doc_clinic_crohns, dict(fmt="png", pages=1, copy_of_copy=122)),
    (doc_results_cumulative, dict(fmt="png", pages=1, skew=-2.7)),
    (doc_referral_ibs, dict(fmt="png", pages=1)),
    (doc_clinic_barretts, dict(fmt="pdf_text", pages=2)),
    (doc_discharge_asuc, dict(fmt="tiff_g4", pages=2)),
    (doc_referral_jaundice, dict(fmt="png", pages=1, copy_of_copy=135)),
    (doc_clinic_coeliac, dict(fmt="jpeg", pages=1, quality=35, dpi=200)),
    (doc_appointment_letter, dict(fmt="png", pages=1)),
]

TYPE_PREFIX = {"referral_letter": "referral", "clinic_letter": "clinic", "discharge_summary": "discharge",
               "results": "results", "other": "other"}
EXT = {"png": "png", "jpeg": "jpg", "fax": "tiff", "tiff_lzw": "tiff", "tiff_g4": "tiff",
       "pdf_image": "pdf", "pdf_text": "pdf"}


TIFF_TYPE_SIZE = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8}


def save_tiff(pages: list[Image.Image], path: Path, compression: str, dpi):
    """Multi-page TIFF via libtiff, then zero every byte that no TIFF structure refers to:
    libtiff leaves word-alignment pad bytes uninitialised, which made output differ
    between runs."""
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression=compression, dpi=dpi)
    d = bytearray(buf.getvalue())
    assert d[:4] == b"II*\x00"
    used = bytearray(len(d))

    def mark(a, n):
        used[a:a + n] = b"\x01" * n

    mark(0, 8)
    off = struct.unpack_from("<I", d, 4)[0]
    while off:
        n = struct.unpack_from("<H", d, off)[0]
        mark(off, 2 + 12 * n + 4)
        tags = {}
        for i in range(n):
            tag, typ, cnt, val = struct.unpack_from("<HHII", d, off + 2 + 12 * i)
            size = TIFF_TYPE_SIZE[typ] * cnt
            if size > 4:
                mark(val, size)
            tags[tag] = (typ, cnt, val, off + 2 + 12 * i + 8)

        def values(tag):
            typ, cnt, val, inline = tags[tag]
            fmt = "<%d%s" % (cnt, "I" if typ == 4 else "H")
            at = inline if TIFF_TYPE_SIZE[typ] * cnt <= 4 else val
            return struct.unpack_from(fmt, d, at)

        for o, c in zip(values(273), values(279)):
            mark(o, c)
        off = struct.unpack_from("<I", d, off + 2 + 12 * n)[0]
    for i, u in enumerate(used):
        if not u:
            d[i] = 0
    path.write_bytes(bytes(d))


def save_pdf_images(pages: list[Image.Image], path: Path, quality: int, dpi: int, title: str):
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=quality,
                  title=title, producer=PRODUCER, creator=PRODUCER, creationDate=FIXED_DATE, modDate=FIXED_DATE)


def build_document(idx: int, builder, spec: dict, world: World, rng: random.Random, seed: int, out: Path):
    info = builder(world, rng)
    doc: Doc = info["doc"]
    p: Patient = info["patient"]
    fmt = spec["fmt"]
    if fmt == "fax":
        when = dt.datetime.combine(info["letter_date"], dt.time(rng.randint(8, 17), rng.randint(0, 59)))
        fax_header_items(doc, info["fax"]["sender"], info["fax"]["to"], when)
    if len(doc.pages) != spec["pages"]:
        raise SystemExit(f"{builder.__name__}: laid out {len(doc.pages)} pages, expected {spec['pages']}")
    name = f"{idx:02d}_{TYPE_PREFIX[info['document_type']]}_{info['slug']}"
    path = out / f"{name}.{EXT[fmt]}"
    nrng = np.random.default_rng([seed, idx])
    degradations, rotation, skew_deg, dpi, quality = [], 0, 0.0, [300, 300], None
    text_layer = False

    if fmt == "pdf_text":
        path.write_bytes(pages_to_pdf(doc.pages, f"{name} (synthetic)"))
        text_layer = True
        dpi = None
    else:
        dpi = [spec.get("dpi", 300)] * 2
        imgs = [render_page(pg, dpi[0]) for pg in doc.pages]
        if spec.get("skew"):
            skew_deg = float(spec["skew"])
            imgs = [skew(im, skew_deg) for im in imgs]
            degradations.append("skew")
        if spec.get("rotate") == 180:
            imgs = [im.transpose(Image.Transpose.ROTATE_180) for im in imgs]
            rotation = 180
            degradations.append("rotated_180")
        elif spec.get("rotate") == 90:
            imgs = [im.transpose(Image.Transpose.ROTATE_270) for im in imgs]  # 90 degrees clockwise
            rotation = 90
            degradations.append("rotated_90")
        if dpi[0] < 300:
            degradations.append("low_resolution")
        if spec.get("photocopy"):
            imgs = [photocopy(im, nrng) for im in imgs]
            degradations += ["salt_and_pepper_noise", "blur"]
        if spec.get("copy_of_copy"):
            imgs = [copy_of_copy(im, nrng, spec["copy_of_copy"]) for im in imgs]
            degradations += ["uneven_illumination", "faded_text", "broken_strokes", "blur"]

        if fmt == "png":
            imgs[0].save(path, "PNG", dpi=tuple(dpi), compress_level=9)
        elif fmt == "jpeg":
            quality = spec["quality"]
            imgs[0].save(path, "JPEG", quality=quality, dpi=tuple(dpi), optimize=True)
            degradations.append("jpeg_compression")
        elif fmt == "pdf_image":
            quality = spec["quality"]
            save_pdf_images(imgs, path, quality, dpi[0], f"{name} (synthetic scan)")
            if quality < 75:
                degradations.append("jpeg_compression")
        elif fmt == "tiff_lzw":
            save_tiff(imgs, path, "tiff_lzw", (300, 300))
        elif fmt == "tiff_g4":
            bil = [im.point(lambda v: 255 if v >= 165 else 0).convert("1", dither=Image.Dither.NONE) for im in imgs]
            save_tiff(bil, path, "group4", (300, 300))
            degradations.append("bilevel")
        elif fmt == "fax":
            fx = [fax_page(im, nrng) for im in imgs]
            save_tiff(fx, path, "group4", (204, 196))
            degradations += ["bilevel", "fax_noise", "low_resolution"]
            dpi = [204, 196]

    gt = "\f".join("\n".join(pg.gt_lines()) + "\n" for pg in doc.pages)
    (out / f"{name}.gt.txt").write_text(gt, encoding="utf-8")
    container = {"png": "png", "jpeg": "jpeg", "fax": "tiff", "tiff_lzw": "tiff", "tiff_g4": "tiff",
                 "pdf_image": "pdf", "pdf_text": "pdf"}[fmt]
    compression = {"png": "deflate", "jpeg": "jpeg", "fax": "ccitt_g4", "tiff_lzw": "lzw", "tiff_g4": "ccitt_g4",
                   "pdf_image": "jpeg", "pdf_text": "none (vector text)"}[fmt]
    return {
        "file": path.name,
        "ground_truth": f"{name}.gt.txt",
        "document_type": info["document_type"],
        "nhs_number": p.nhs,
        "patient_name": f"{p.title} {p.first} {p.last}",
        "date_of_birth": p.dob.isoformat(),
        "letter_date": info["letter_date"].isoformat(),
        "pages": len(doc.pages),
        "format": container,
        "compression": compression,
        "text_layer": text_layer,
        "dpi": dpi,
        "jpeg_quality": quality,
        "degradations": degradations,
        "rotation_degrees": rotation,
        "skew_degrees": skew_deg,
    }


# ---------------------------------------------------------------------------
# Bad-input fixtures
# ---------------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(w=100000, h=100000) -> bytes:
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)  # 8-bit greyscale: 10 GB when decoded
    idat = zlib.compress(b"\0" * (1 << 20), 9)  # only the first ~10 rows of zeros
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def bomb_tiff(w=100000, h=100000) -> bytes:
    data = zlib.compress(b"\0" * (1 << 20), 9)
    entries = [  # tag, type, count, value
        (256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 8), (259, 3, 1, 8), (262, 3, 1, 1),
        (273, 4, 1, None), (277, 3, 1, 1), (278, 4, 1, h), (279, 4, 1, len(data)),
        (282, 5, 1, None), (283, 5, 1, None), (296, 3, 1, 2)]
    ifd_off = 8
    ifd_len = 2 + 12 * len(entries) + 4
    res_off = ifd_off + ifd_len
    data_off = res_off + 8
    out = bytearray(b"II*\x00" + struct.pack("<I", ifd_off))
    out += struct.pack("<H", len(entries))
    for tag, typ, cnt, val in entries:
        if tag == 273:
            val = data_off
        if tag in (282, 283):
            val = res_off
        if typ == 3:
            out += struct.pack("<HHIHH", tag, typ, cnt, val, 0)
        else:
            out += struct.pack("<HHII", tag, typ, cnt, val)
    out += struct.pack("<I", 0)
    out += struct.pack("<II", 300, 1)
    out += data
    return bytes(out)


def many_pages_pdf(n=500) -> bytes:
    w = PdfWriter()
    catalog = w.reserve()
    pages_obj = w.reserve()
    font = w.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for i in range(n):
        c = w.add_stream(f"BT /F1 12 Tf 72 770 Td (Synthetic test page {i + 1} of {n}) Tj ET".encode(), compress=False)
        kids.append(w.add(f"<< /Type /Page /Parent {pages_obj} 0 R /Contents {c} 0 R >>".encode()))
    w.set(pages_obj, (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {n} "
                      f"/MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 {font} 0 R >> >> >>").encode())
    w.set(catalog, f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode())
    return w.tobytes(catalog, pdf_info(w, "many-pages (synthetic)"))


def small_note_doc() -> Doc:
    doc = Doc(font="sans", size=12)
    doc.text("SYNTHETIC TEST NOTE", "sans-bold", 16, lead=1.5)
    doc.text("This file is a PNG image saved with a .pdf extension.")
    doc.text("Detect the real format from its magic bytes and OCR it.")
    doc.text("Patient: Test PATIENT   NHS No: 999 000 0018")
    doc.text("Diagnosis: iron deficiency anaemia. Plan: OGD and colonoscopy.")
    return doc


def protected_pdf_bytes(tmp: Path) -> bytes:
    doc = Doc(font="sans", size=12)
    doc.text("Synthetic encrypted test document", "sans-bold", 14)
    doc.text("Open with the user password: secret")
    plain = tmp / "plain.pdf"
    enc = tmp / "protected.pdf"
    plain.write_bytes(pages_to_pdf(doc.pages, "protected (synthetic)"))
    qpdf = shutil.which("qpdf")
    if not qpdf:
        raise SystemExit("qpdf not found (apt-get install qpdf)")
    # AES-128 (PDF 1.6, R4): its file key is derived from the password and the document ID,
    # so with --static-id / --static-aes-iv the output is byte-for-byte reproducible.
    # (qpdf's AES-256 mode draws a random file key and salts on every run.) The weakened
    # IV is irrelevant for a test fixture.
    subprocess.run([qpdf, "--static-id", "--static-aes-iv", "--encrypt", "secret", "secret", "128", "--use-aes=y", "--",
                    str(plain), str(enc)], check=True)
    return enc.read_bytes()


BAD_README = """# Bad-input fixtures

Generated by `../generate.py` (run `bash samples/generate.sh`); do not edit by hand,
this file is rewritten on every run. Every file is tiny and synthetic.

| file | what it is | expected outcome |
| --- | --- | --- |
| `empty.png` | zero bytes | reject: empty file (no panic) |
| `truncated.jpg` | the first 40% of a valid baseline JPEG ({trunc_full} bytes cut to {trunc_len}) | stored with `needs_review` and a reason naming the row where the image data stops (the rows above it are real scan), no panic |
| `corrupt.tiff` | a valid little-endian TIFF header (`II*\\0`, IFD offset 8) followed by random bytes | reject: corrupt TIFF |
| `not-really.pdf` | a valid greyscale PNG (A4 at 150 DPI) with a `.pdf` name | **succeed**: detect PNG from the magic bytes (`\\x89PNG`), ignore the extension, and OCR it; expected text in `not-really.gt.txt` |
| `text-as-image.png` | plain UTF-8 text with a `.png` name | reject: not a recognised image or PDF (unsupported format) |
| `protected.pdf` | a one-page PDF encrypted with AES-128 (standard security handler R4), user and owner password `secret` | reject: encrypted / password-protected PDF (do not try to guess passwords) |
| `bomb.png` | a {bomb_png_len}-byte PNG whose IHDR claims 100000 x 100000 pixels, 8-bit grey (10 GB decoded); valid CRCs, IDAT holds a small zlib stream of zeros | reject before decoding: image dimensions / memory limit exceeded; must not allocate the full image |
| `bomb.tiff` | a {bomb_tiff_len}-byte TIFF claiming 100000 x 100000 pixels, 8-bit grey, one Deflate strip of zeros | reject before decoding: dimensions / memory limit exceeded |
| `many-pages.pdf` | a valid {many_len}-byte PDF with 500 pages, each with one line of Helvetica text (`Synthetic test page N of 500`) | valid input that exercises the page-count limit: reject with a clear "too many pages" error (or, if the configured limit allows 500, extract 500 text-layer pages) without hanging or exhausting memory |
"""


def make_bad(bad: Path, seed: int):
    rng = random.Random(seed + 1)
    (bad / "empty.png").write_bytes(b"")

    note = small_note_doc()
    note_img = render_page(note.pages[0], 150)
    buf = io.BytesIO()
    note_img.save(buf, "PNG", dpi=(150, 150), compress_level=9)
    (bad / "not-really.pdf").write_bytes(buf.getvalue())
    (bad / "not-really.gt.txt").write_text("\n".join(note.pages[0].gt_lines()) + "\n", encoding="utf-8")

    buf = io.BytesIO()
    note_img.resize((620, 877), Image.LANCZOS).save(buf, "JPEG", quality=75)
    full = buf.getvalue()
    cut = int(len(full) * 0.4)
    (bad / "truncated.jpg").write_bytes(full[:cut])

    garbage = bytes(rng.randrange(256) for _ in range(2048))
    (bad / "corrupt.tiff").write_bytes(b"II*\x00" + struct.pack("<I", 8) + garbage)

    (bad / "text-as-image.png").write_text(
        "This is not an image. It is a plain text file with a .png extension,\n"
        "used to check that the pipeline rejects files whose content is not a\n"
        "supported image or PDF. Synthetic test data only.\n", encoding="utf-8")

    with tempfile.TemporaryDirectory() as td:
        (bad / "protected.pdf").write_bytes(protected_pdf_bytes(Path(td)))

    bp = bomb_png()
    (bad / "bomb.png").write_bytes(bp)
    bt = bomb_tiff()
    (bad / "bomb.tiff").write_bytes(bt)
    mp = many_pages_pdf()
    (bad / "many-pages.pdf").write_bytes(mp)
    (bad / "README.md").write_text(BAD_README.format(
        trunc_full=len(full), trunc_len=cut, bomb_png_len=len(bp), bomb_tiff_len=len(bt), many_len=len(mp)),
        encoding="utf-8")


# ---------------------------------------------------------------------------


def count_pages(path: Path) -> int:
    if path.suffix == ".pdf":
        data = path.read_bytes()
        if data.startswith(b"%PDF"):
            import re
            return len(re.findall(rb"/Type /Page\b", data))
    with Image.open(path) as im:
        return getattr(im, "n_frames", 1)


def validate(scans: Path, manifest: list):
    """Cheap self-checks so a broken change fails loudly instead of producing bad fixtures."""
    seen = set()
    for m in manifest:
        n = m["nhs_number"]
        assert len(n) == 10 and n.startswith("999") and nhs_check_digit(n[:9]) == int(n[9]), n
        assert n not in seen, f"duplicate NHS number {n}"
        seen.add(n)
        dt.date.fromisoformat(m["date_of_birth"])
        d = dt.date.fromisoformat(m["letter_date"])
        assert dt.date(2019, 1, 1) <= d <= dt.date(2025, 12, 31), m["file"]
        gt = (scans / m["ground_truth"]).read_text(encoding="utf-8")
        assert gt.count("\f") == m["pages"] - 1, m["file"]
        assert n in gt or nhs_spaced(n) in gt, f"{m['file']}: NHS number not printed"
        dob = dt.date.fromisoformat(m["date_of_birth"])
        assert any(fmt_date(dob, s) in gt for s in ("slash", "dot2", "long", "ord_short", "ord_long", "lab")), m["file"]
        assert count_pages(scans / m["file"]) == m["pages"], m["file"]
        assert m["document_type"] in TYPE_PREFIX
    clean = sum(1 for m in manifest if not m["degradations"])
    assert clean * 4 >= len(manifest), "fewer than a quarter of the documents are clean"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=20240314)
    ap.add_argument("--out", default=str(HERE), help="folder to write scans/ and bad/ into (default: beside this script)")
    args = ap.parse_args()
    root = Path(args.out)
    scans, bad = root / "scans", root / "bad"
    for d in (scans, bad):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    rng = random.Random(args.seed)
    world = World(rng)
    manifest = []
    for i, (builder, spec) in enumerate(SPECS):
        entry = build_document(i + 1, builder, spec, world, rng, args.seed, scans)
        size = (scans / entry["file"]).stat().st_size
        print(f"  {entry['file']:<48} {entry['pages']}p {size / 1024:8.0f} KB  {','.join(entry['degradations']) or 'clean'}")
        manifest.append(entry)
    (scans / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    validate(scans, manifest)
    make_bad(bad, args.seed)
    total = sum(f.stat().st_size for f in scans.iterdir())
    print(f"{len(manifest)} documents, {sum(m['pages'] for m in manifest)} pages, scans/ {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
