#!/usr/bin/python3
"""make_set.py - builds the sealed OCR evaluation set "ocr7".

Fictional scanned NHS paper documents.  Pages are laid out as HTML/CSS and
printed to PDF with headless Chromium, or written as hand-made PostScript
(typewriter and dot-matrix pages), rasterised with pdftoppm / Ghostscript and
degraded with numpy and ImageMagick.  All randomness is string-seeded, so a
rerun gives byte-identical files (see SHA256SUMS).

Usage:  /usr/bin/python3 make_set.py [--out DIR] [--only 1,2,3] [--keep-tmp]
Needs (Debian bookworm packages): chromium, poppler-utils, ghostscript,
imagemagick, python3-pil, python3-numpy, img2pdf, xfonts-base, fonts-urw-base35,
fonts-liberation, fonts-freefont-ttf, fonts-courier-prime, fonts-gnutypewriter,
fonts-dkg-handwriting, fonts-humor-sans, fonts-ebgaramond,
fonts-crosextra-carlito, fonts-crosextra-caladea, fonts-femkeklaver,
fonts-breip, fonts-linuxlibertine.
No OCR engine is used anywhere.
"""
import argparse
import gzip
import hashlib
import html
import io
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, PcfFontFile

import img2pdf

SET = "ocr7"
HERE = os.path.dirname(os.path.abspath(__file__))
ENV = dict(os.environ, MAGICK_THREAD_LIMIT="1", OMP_NUM_THREADS="1", TZ="UTC",
           SOURCE_DATE_EPOCH="1700000000", LC_ALL="C.UTF-8")

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


# --------------------------------------------------------------------------
# deterministic randomness
# --------------------------------------------------------------------------
def R(*parts):
    """python Random seeded by a string (sha512 based, stable across runs)."""
    return random.Random(SET + "|" + "|".join(str(p) for p in parts))


def NR(*parts):
    h = hashlib.sha256((SET + "|" + "|".join(str(p) for p in parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], "little"))


def norm(s):
    return " ".join(s.split())


def run(cmd, **kw):
    r = subprocess.run(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if r.returncode != 0:
        raise RuntimeError("command failed: %s\n%s" % (" ".join(cmd), r.stderr.decode(errors="replace")[-2000:]))
    return r.stdout


# --------------------------------------------------------------------------
# fonts and text measurement (PIL is used only to measure widths for wrapping)
# --------------------------------------------------------------------------
_FONT_FILE = {}
_PIL_FONT = {}


def font_file(family, bold=False, italic=False, weight=None):
    key = (family, bold, italic, weight)
    if key not in _FONT_FILE:
        pat = family
        st = []
        if weight is not None:
            st.append("weight=%d" % {200: 40, 300: 50}.get(weight, 80))
        elif bold:
            st.append("weight=200")
        if italic:
            st.append("slant=100")
        if st:
            pat += ":" + ":".join(st)
        f = run(["fc-match", "-f", "%{file}", pat]).decode()
        _FONT_FILE[key] = f
    return _FONT_FILE[key]


def text_width(text, st):
    """width in pt of text set in style st."""
    f = font_file(st.get("ff"), st.get("b", False), st.get("i", False), st.get("w"))
    if f not in _PIL_FONT:
        _PIL_FONT[f] = ImageFont.truetype(f, 200)
    return _PIL_FONT[f].getlength(text) * st.get("fs", 11) / 200.0 + len(text) * st.get("ls", 0)


def wrap(text, st, width, safety=0.96):
    words = text.split()
    lines, cur = [], ""
    for w in words:
        t = (cur + " " + w) if cur else w
        if cur and text_width(t, st) > width * safety:
            lines.append(cur)
            cur = w
        else:
            cur = t
    if cur:
        lines.append(cur)
    return lines


def css_of(st):
    c = []
    if "ff" in st:
        c.append("font-family:'%s'" % st["ff"])
    c.append("font-size:%.2fpt" % st.get("fs", 11))
    if st.get("w"):
        c.append("font-weight:%d" % st["w"])
    elif st.get("b"):
        c.append("font-weight:bold")
    else:
        c.append("font-weight:normal")
    c.append("font-style:%s" % ("italic" if st.get("i") else "normal"))
    if st.get("color"):
        c.append("color:%s" % st["color"])
    if st.get("ls"):
        c.append("letter-spacing:%.2fpt" % st["ls"])
    c.append("line-height:%.2fpt" % st.get("lh", st.get("fs", 11) * 1.22))
    return ";".join(c)


def S(base, **kw):
    d = dict(base)
    d.update(kw)
    if "fs" in kw and "lh" not in kw:
        d.pop("lh", None)
    return d


class LayoutError(Exception):
    pass


FONTS_USED = set()


# --------------------------------------------------------------------------
# HTML layout DSL.  Every block renders to (html, gt_lines) for a given width.
# Each printed line is its own nowrap element, so the ground truth line breaks
# are exactly the printed ones; widths are checked against measured text.
# --------------------------------------------------------------------------
def esc(t):
    return html.escape(t, quote=False)


class Block:
    ignore = ()

    def render(self, width):
        raise NotImplementedError


class Line(Block):
    def __init__(self, text, st, align="left", css="", mt=0):
        self.text, self.st, self.align, self.css, self.mt = text, st, align, css, mt

    def render(self, width):
        FONTS_USED.add(self.st["ff"])
        w = text_width(self.text, self.st)
        if w > width + 0.5:
            raise LayoutError("line too wide (%.0f > %.0f): %r" % (w, width, self.text))
        h = '<div class="l" style="%s;text-align:%s;margin-top:%.1fpt;%s">%s</div>' % (
            css_of(self.st), self.align, self.mt, self.css, esc(self.text) if self.text else "&nbsp;")
        return h, ([norm(self.text)] if norm(self.text) else [])


class Segs(Block):
    """one printed line made of differently styled segments [(text, st), ...]"""

    def __init__(self, segs, align="left", css="", mt=0, gap=0):
        self.segs, self.align, self.css, self.mt, self.gap = segs, align, css, mt, gap

    def render(self, width):
        tot = 0
        parts = []
        for i, (t, st) in enumerate(self.segs):
            FONTS_USED.add(st["ff"])
            tot += text_width(t, st) + (self.gap if i else 0)
            parts.append('<span style="%s;%s">%s</span>' % (
                css_of(st), "margin-left:%.1fpt" % self.gap if (i and self.gap) else "", esc(t)))
        if tot > width + 0.5:
            raise LayoutError("segs too wide (%.0f > %.0f): %r" % (tot, width, self.segs))
        lh = max(st.get("lh", st.get("fs", 11) * 1.22) for t, st in self.segs)
        h = '<div class="l" style="text-align:%s;line-height:%.1fpt;margin-top:%.1fpt;%s">%s</div>' % (
            self.align, lh, self.mt, self.css, "".join(parts))
        return h, [norm(" ".join(t for t, st in self.segs))] if norm(" ".join(t for t, st in self.segs)) else []


class LR(Block):
    """one printed line with a left part and a right-aligned part"""

    def __init__(self, left, right, st, st2=None, mt=0):
        self.left, self.right, self.st, self.st2, self.mt = left, right, st, st2 or st, mt

    def render(self, width):
        FONTS_USED.add(self.st["ff"])
        FONTS_USED.add(self.st2["ff"])
        w = text_width(self.left, self.st) + text_width(self.right, self.st2) + 8
        if w > width:
            raise LayoutError("LR too wide: %r %r" % (self.left, self.right))
        h = ('<div class="l" style="display:flex;justify-content:space-between;margin-top:%.1fpt">'
             '<span style="%s">%s</span><span style="%s">%s</span></div>') % (
            self.mt, css_of(self.st), esc(self.left), css_of(self.st2), esc(self.right))
        return h, [norm(self.left + " " + self.right)]


class Para(Block):
    def __init__(self, text, st, justify=False, indent=0, mt=0, hang=None):
        self.text, self.st, self.justify, self.indent, self.mt, self.hang = text, st, justify, indent, mt, hang

    def render(self, width):
        FONTS_USED.add(self.st["ff"])
        if self.hang:  # hanging label, e.g. "1." or "-"
            lw = self.hang[1]
            lines = wrap(self.text, self.st, width - self.indent - lw)
            out, gt = [], []
            for k, ln in enumerate(lines):
                lab = self.hang[0] if k == 0 else ""
                out.append('<div class="l" style="%s;margin-left:%.1fpt;margin-top:%.1fpt">'
                           '<span style="display:inline-block;width:%.1fpt">%s</span>%s</div>' % (
                               css_of(self.st), self.indent, self.mt if k == 0 else 0, lw, esc(lab), esc(ln)))
                gt.append(norm(lab + " " + ln))
            return "".join(out), gt
        lines = wrap(self.text, self.st, width - self.indent)
        out = []
        for k, ln in enumerate(lines):
            last = k == len(lines) - 1
            ta = "justify;text-align-last:justify" if (self.justify and not last and len(lines) > 1) else "left"
            out.append('<div class="l" style="%s;text-align:%s;margin-left:%.1fpt;margin-top:%.1fpt">%s</div>' % (
                css_of(self.st), ta, self.indent, self.mt if k == 0 else 0, esc(ln)))
        return "".join(out), [norm(l) for l in lines]


class Space(Block):
    def __init__(self, h):
        self.h = h

    def render(self, width):
        return '<div style="height:%.1fpt"></div>' % self.h, []


class Rule(Block):
    def __init__(self, th=0.8, color="#000", mt=2, mb=2, style="solid"):
        self.th, self.color, self.mt, self.mb, self.style = th, color, mt, mb, style

    def render(self, width):
        return '<div style="border-top:%.2fpt %s %s;margin:%.1fpt 0 %.1fpt 0"></div>' % (
            self.th, self.style, self.color, self.mt, self.mb), []


class Graphic(Block):
    """non-text graphic (logo, boxes); words listed in ignore are not ground truth"""

    def __init__(self, markup, ignore=()):
        self.markup, self.ignore = markup, tuple(ignore)

    def render(self, width):
        return self.markup, []


class Group(Block):
    def __init__(self, blocks, css="", pad=(0, 0, 0, 0), border=0):
        self.blocks, self.css, self.pad, self.border = blocks, css, pad, border

    def render(self, width):
        inner = width - self.pad[1] - self.pad[3] - 2 * self.border
        hs, gt = [], []
        for b in self.blocks:
            h, g = b.render(inner)
            hs.append(h)
            gt += g
        return '<div style="padding:%.1fpt %.1fpt %.1fpt %.1fpt;%s">%s</div>' % (
            self.pad[0], self.pad[1], self.pad[2], self.pad[3], self.css, "".join(hs)), gt

    def ignores(self):
        out = []
        for b in self.blocks:
            out += list(iter_ignores(b))
        return out


def iter_ignores(b):
    for w in getattr(b, "ignore", ()):
        yield w
    for attr in ("blocks",):
        for c in getattr(b, attr, []) or []:
            yield from iter_ignores(c)
    for col in getattr(b, "cols", []) or []:
        for c in col[1]:
            yield from iter_ignores(c)


class Cols(Block):
    """side-by-side columns [(width_pt or None, [blocks]), ...]; ground truth: left column first"""

    def __init__(self, cols, gap=12, css="", valign="flex-start"):
        self.cols, self.gap, self.css, self.valign = cols, gap, css, valign

    def render(self, width):
        fixed = sum(w for w, b in self.cols if w)
        nfree = sum(1 for w, b in self.cols if not w)
        free = (width - fixed - self.gap * (len(self.cols) - 1)) / max(1, nfree)
        hs, gt = [], []
        for k, (w, blocks) in enumerate(self.cols):
            cw = w or free
            inner, g = [], []
            for b in blocks:
                h, gg = b.render(cw)
                inner.append(h)
                g += gg
            hs.append('<div style="width:%.1fpt;flex:none;margin-left:%.1fpt">%s</div>' % (
                cw, self.gap if k else 0, "".join(inner)))
            gt += g
        return '<div style="display:flex;align-items:%s;%s">%s</div>' % (self.valign, self.css, "".join(hs)), gt


class Table(Block):
    """rows of cells; a cell is text, (text, st) or None.  GT: non-empty cells joined by a space."""

    def __init__(self, rows, widths, st, border=None, pad=2.5, head_st=None, head_bg=None,
                 row_css=None, mt=0, valign="top", grid=False, align=None, zebra=None):
        self.rows, self.widths, self.st, self.border, self.pad = rows, widths, st, border, pad
        self.head_st, self.head_bg, self.row_css, self.mt = head_st, head_bg, row_css, mt
        self.valign, self.grid, self.align, self.zebra = valign, grid, align, zebra

    def render(self, width):
        ws = list(self.widths)
        if sum(ws) > width + 0.5:
            raise LayoutError("table wider than %.0f: %r" % (width, ws))
        bd = self.border
        out = ['<table style="border-collapse:collapse;table-layout:fixed;width:%.1fpt;margin-top:%.1fpt;%s">' % (
            sum(ws), self.mt, ("border:%s" % bd) if bd else "")]
        out.append("".join('<col style="width:%.1fpt">' % w for w in ws))
        gt = []
        for ri, row in enumerate(self.rows):
            rs = self.head_st if (ri == 0 and self.head_st) else self.st
            bg = self.head_bg if (ri == 0 and self.head_bg) else (self.zebra if (self.zebra and ri % 2 == 0) else None)
            cells, texts = [], []
            ci = 0
            for cell in row:
                span = 1
                if isinstance(cell, dict):
                    span = cell.get("span", 1)
                    cst = cell.get("st", rs)
                    t = cell.get("t", "")
                elif isinstance(cell, tuple):
                    t, cst = cell
                else:
                    t, cst = (cell or ""), rs
                cw = sum(ws[ci:ci + span]) - 2 * self.pad
                FONTS_USED.add(cst["ff"])
                if text_width(t, cst) > cw + 0.3:
                    raise LayoutError("cell too wide (%.0f > %.0f): %r" % (text_width(t, cst), cw, t))
                al = (self.align[ci] if self.align else "left")
                cells.append('<td colspan="%d" style="%s;padding:%.1fpt;white-space:pre;overflow:visible;vertical-align:%s;text-align:%s;%s%s">%s</td>' % (
                    span, css_of(cst), self.pad, self.valign, al,
                    ("border:%s;" % self.grid) if self.grid else "",
                    ("background:%s;" % bg) if bg else "", esc(t)))
                if norm(t):
                    texts.append(norm(t))
                ci += span
            out.append('<tr style="%s">%s</tr>' % ((self.row_css or "") if ri else (self.row_css or ""), "".join(cells)))
            if texts:
                gt.append(" ".join(texts))
        out.append("</table>")
        return "".join(out), gt


class Ticks(Block):
    """one printed line of tick boxes with labels; boxes (and marks in them) are graphics"""

    def __init__(self, items, st, box=8.5, gap=14, mt=1, mark="x", lead=None):
        self.items, self.st, self.box, self.gap, self.mt, self.mark, self.lead = items, st, box, gap, mt, mark, lead

    def render(self, width):
        FONTS_USED.add(self.st["ff"])
        parts, texts = [], []
        tot = 0
        if self.lead:
            parts.append('<span style="%s;margin-right:6pt">%s</span>' % (css_of(self.st), esc(self.lead)))
            texts.append(self.lead)
            tot += text_width(self.lead, self.st) + 6
        for label, on in self.items:
            b = self.box
            svg = ""
            if on:
                if self.mark == "x":
                    svg = ('<svg width="%.1fpt" height="%.1fpt" viewBox="0 0 10 10" style="position:absolute;left:0;top:0">'
                           '<path d="M1.5 1.5 L8.5 8.5 M8.5 1.5 L1.5 8.5" stroke="#000" stroke-width="1.4"/></svg>') % (b, b)
                else:
                    svg = ('<svg width="%.1fpt" height="%.1fpt" viewBox="0 0 10 10" style="position:absolute;left:0;top:0">'
                           '<path d="M1.5 5.5 L4 8.5 L9 1" stroke="#000" stroke-width="1.5" fill="none"/></svg>') % (b, b)
            parts.append('<span style="display:inline-block;position:relative;width:%.1fpt;height:%.1fpt;border:0.8pt solid #000;'
                         'vertical-align:-1pt;margin-right:4pt">%s</span><span style="%s;margin-right:%.1fpt">%s</span>' % (
                             b, b, svg, css_of(self.st), self.gap, esc(label)))
            texts.append(label)
            tot += b + 5.6 + text_width(label, self.st) + self.gap
        if tot > width + 0.5 + self.gap:
            raise LayoutError("tick row too wide: %r" % (self.items,))
        return '<div class="l" style="margin-top:%.1fpt;line-height:%.1fpt">%s</div>' % (
            self.mt, self.st.get("fs", 10) * 1.5, "".join(parts)), [norm(" ".join(texts))]


class Abs(Block):
    """absolutely positioned blocks (page coordinates in pt)"""

    def __init__(self, x, y, w, blocks, bottom=None):
        self.x, self.y, self.w, self.blocks, self.bottom = x, y, w, blocks, bottom

    def render(self, width=None):
        hs, gt = [], []
        for b in self.blocks:
            h, g = b.render(self.w)
            hs.append(h)
            gt += g
        pos = ("top:%.1fpt" % self.y) if self.bottom is None else ("bottom:%.1fpt" % self.bottom)
        return '<div style="position:absolute;left:%.1fpt;%s;width:%.1fpt">%s</div>' % (self.x, pos, self.w, "".join(hs)), gt


class HPage:
    """an HTML page: body blocks in flow inside margins; top/bottom absolute blocks"""

    def __init__(self, size=A4, margins=(50, 56, 50, 62), blocks=(), top=(), bottom=(), bg="#fff",
                 name="page", halftone_h=0):
        self.size, self.margins, self.blocks, self.top, self.bottom = size, margins, list(blocks), list(top), list(bottom)
        self.bg, self.name, self.halftone_h = bg, name, halftone_h
        self.kind = "html"

    def build(self):
        W, H = self.size
        t, r, b, l = self.margins
        width = W - l - r
        parts, gt_top, gt_body, gt_bot = [], [], [], []
        for a in self.top:
            h, g = a.render()
            parts.append(h)
            gt_top += g
        body = []
        for blk in self.blocks:
            h, g = blk.render(width)
            body.append(h)
            gt_body += g
        for a in self.bottom:
            h, g = a.render()
            parts.append(h)
            gt_bot += g
        ign = []
        for blk in self.top + self.blocks + self.bottom:
            ign += list(iter_ignores(blk))
        doc = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@page { size: %.2fpt %.2fpt; margin: 0 }
html, body { margin: 0; padding: 0 }
body { font-variant-ligatures: none; font-kerning: normal; -webkit-print-color-adjust: exact; print-color-adjust: exact; color: #000 }
.page { width: %.2fpt; height: %.2fpt; overflow: hidden; position: relative; box-sizing: border-box; background: %s }
.body { position: absolute; left: %.2fpt; top: %.2fpt; width: %.2fpt }
.l { white-space: pre }
table { border-spacing: 0 }
</style></head><body><div class="page"><div class="body">%s</div>%s</div></body></html>""" % (
            W, H, W, H - 0.5, self.bg, l, t, width, "".join(body), "".join(parts))
        return doc, gt_top + gt_body + gt_bot, ign


# --------------------------------------------------------------------------
# hand-written PostScript pages: typewriter and dot-matrix printers
# --------------------------------------------------------------------------
def ps_str(t):
    out = []
    for ch in t:
        o = ord(ch)
        if ch in "()\\":
            out.append("\\" + ch)
        elif 32 <= o < 127:
            out.append(ch)
        elif o < 256:
            out.append("\\%03o" % o)
        else:
            raise LayoutError("char not in Latin-1: %r" % ch)
    return "(" + "".join(out) + ")"


_DOTFONT = None


def dot_font_ps():
    """A Type 3 PostScript font whose glyphs are round printer-pin dots, taken from
    the X11 misc-fixed 6x10 bitmaps (xfonts-base)."""
    global _DOTFONT
    if _DOTFONT:
        return _DOTFONT
    path = "/usr/share/fonts/X11/misc/6x10-ISO8859-1.pcf.gz"
    pf = PcfFontFile.PcfFontFile(io.BytesIO(gzip.open(path).read()))
    procs, enc = [], []
    for code in list(range(32, 127)) + [163, 176, 181]:
        g = pf.glyph[code]
        if not g:
            continue
        im = g[3]
        w, h = im.size
        dots = []
        for y in range(h):
            for x in range(w):
                if im.getpixel((x, y)):
                    # pin row y (0 = top, baseline after row 7)
                    dots.append("%d %d d" % (x, 7 - y))
        procs.append("/c%d { %s } def" % (code, " ".join(dots)))
        enc.append("Encoding %d /c%d put" % (code, code))
    _DOTFONT = """
/DotMatrix 12 dict dup begin
/FontType 3 def
/FontMatrix [1 0 0 1 0 0] def
/FontBBox [-1 -3 7 9] def
/Encoding 256 array def
0 1 255 { Encoding exch /.notdef put } for
%s
/CharProcs 200 dict def
CharProcs begin
/.notdef { } def
/d { 0.5 add exch 0.5 add exch 0.56 0 360 arc fill } def
/e { 0.5 add exch 0.5 add exch 0.56 0 360 arc fill } def
%s
end
/BuildGlyph { 6 0 -1 -3 7 9 setcachedevice exch /CharProcs get begin load exec end } bind def
/BuildChar { 1 index /Encoding get exch get 1 index /BuildGlyph get exec } bind def
end definefont pop
""" % ("\n".join(enc), "\n".join(procs))
    return _DOTFONT


class PSPage:
    """A page on a character grid, written as PostScript.
    mode 'typewriter': Courier / GNUTypewriter struck character by character with
    jitter and uneven ink; mode 'dotmatrix': pin dots (Type 3 font)."""

    def __init__(self, mode, size=A4, left=72, top=60, cpi=10, lpi=6, seed="ps", font="Courier",
                 ink=0.12, size_pt=12, greenbar=False, sprockets=False, name="page", fade=0.0,
                 missing_pin=None, bold_rows=()):
        self.mode, self.size, self.left, self.top, self.cpi, self.lpi = mode, size, left, top, cpi, lpi
        self.seed, self.font, self.ink, self.size_pt = seed, font, ink, size_pt
        self.greenbar, self.sprockets, self.name, self.fade = greenbar, sprockets, name, fade
        self.missing_pin, self.bold_rows = missing_pin, set(bold_rows)
        self.rows = {}     # row -> list of (col, text)
        self.rules = []    # (col0, row, col1) horizontal rules (graphics) under a row
        self.kind = "ps"
        self.halftone_h = 0
        self.bg = "#fff"

    @property
    def pitch(self):
        return 72.0 / self.cpi

    @property
    def lead(self):
        return 72.0 / self.lpi

    @property
    def ncols(self):
        return int((self.size[0] - self.left - 40) / self.pitch)

    def put(self, row, col, text):
        if col + len(text) > self.ncols:
            raise LayoutError("PS line too long (%d cols > %d): %r" % (col + len(text), self.ncols, text))
        y = self.top + row * self.lead
        if y > self.size[1] - 36:
            raise LayoutError("PS row off page: %d" % row)
        for (c0, t0) in self.rows.get(row, []):
            if not (col >= c0 + len(t0) + 1 or col + len(text) + 1 <= c0):
                raise LayoutError("PS overlap row %d: %r / %r" % (row, t0, text))
        self.rows.setdefault(row, []).append((col, text))

    def para(self, row, col, text, width):
        lines, cur = [], ""
        for w in text.split():
            t = (cur + " " + w) if cur else w
            if len(t) > width and cur:
                lines.append(cur)
                cur = w
            else:
                cur = t
        if cur:
            lines.append(cur)
        for k, ln in enumerate(lines):
            self.put(row + k, col, ln)
        return row + len(lines)

    def rule(self, row, col0, col1):
        self.rules.append((col0, row, col1))

    def gt_and_boxes(self):
        gt, boxes = [], []
        for row in sorted(self.rows):
            segs = sorted(self.rows[row])
            t = norm(" ".join(s for c, s in segs))
            if not t:
                continue
            gt.append(t)
            x0 = self.left + segs[0][0] * self.pitch
            x1 = self.left + (segs[-1][0] + len(segs[-1][1])) * self.pitch
            yb = self.top + row * self.lead
            boxes.append((t, x0, yb - 0.72 * self.size_pt, x1, yb + 0.2 * self.size_pt))
        return gt, boxes

    def build(self):
        W, H = self.size
        r = R("ps", self.seed)
        out = ["%!PS-Adobe-3.0", "<< /PageSize [%.2f %.2f] >> setpagedevice" % (W, H)]
        if self.greenbar:
            out.append("0.86 0.95 0.86 setrgbcolor")
            y = H - 36
            while y > 0:
                out.append("0 %.2f %.2f %.2f rectfill" % (y - 36, W, 36))
                y -= 72
        if self.sprockets:
            out.append("0.55 setgray 0.6 setlinewidth")
            y = H - 18
            while y > 0:
                for x in (15, W - 15):
                    out.append("newpath %.2f %.2f 5.4 0 360 arc stroke" % (x, y))
                y -= 36
            out.append("[2 2] 0 setdash 0.4 setlinewidth 32 0 moveto 32 %.2f lineto stroke %.2f 0 moveto %.2f %.2f lineto stroke [] 0 setdash" % (H, W - 32, W - 32, H))
        if self.mode == "dotmatrix":
            out.append(dot_font_ps())
            sx = self.pitch / 6.0
            sy = min(self.lead * 0.78, 9.6) / 10.0
            if self.missing_pin is not None:
                # a failed print-head pin: one dot row never prints
                out.append("/DotMatrix findfont /CharProcs get begin /d { dup %d eq { pop pop } { 0.5 add exch 0.5 add exch 0.56 0 360 arc fill } ifelse } def end" % self.missing_pin)
            out.append("/DotMatrix findfont [%.4f 0 0 %.4f 0 0] makefont setfont" % (sx, sy))
            for row in sorted(self.rows):
                yb = H - (self.top + row * self.lead)
                # ribbon ink fades down the page and varies by line
                g = min(0.75, self.ink + self.fade * row / 60.0 + r.uniform(-0.04, 0.06))
                for col, text in self.rows[row]:
                    x = self.left + col * self.pitch
                    out.append("%.3f setgray %.2f %.2f moveto %s show" % (g, x, yb, ps_str(text)))
                    if row in self.bold_rows:
                        out.append("%.2f %.2f moveto %s show" % (x + sx * 0.5, yb, ps_str(text)))
        else:
            out.append("/TW /%s findfont %.2f scalefont def TW setfont" % (self.font, self.size_pt))
            # each typebar has its own small offset (worn machine)
            bar = {ch: (r.uniform(-0.25, 0.25), r.choice([0, 0, 0, 0.35, -0.3, 0.55])) for ch in
                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}
            for row in sorted(self.rows):
                yb = H - (self.top + row * self.lead)
                line_ink = self.ink + self.fade * row / 60.0 + r.uniform(-0.03, 0.05)
                for col, text in self.rows[row]:
                    for k, ch in enumerate(text):
                        if ch == " ":
                            continue
                        bx, by = bar.get(ch, (0, 0))
                        x = self.left + (col + k) * self.pitch + bx + r.uniform(-0.18, 0.18)
                        y = yb + by + r.uniform(-0.22, 0.22)
                        g = max(0.0, min(0.7, line_ink + r.uniform(-0.06, 0.16)))
                        out.append("%.3f setgray %.2f %.2f moveto %s show" % (g, x, y, ps_str(ch)))
                        if r.random() < 0.05:  # a heavy strike
                            out.append("%.2f %.2f moveto %s show" % (x + 0.25, y, ps_str(ch)))
        out.append("0 setgray 0.7 setlinewidth")
        for c0, row, c1 in self.rules:
            y = H - (self.top + row * self.lead) - 3
            out.append("%.2f %.2f moveto %.2f %.2f lineto stroke" % (
                self.left + c0 * self.pitch, y, self.left + c1 * self.pitch, y))
        out.append("showpage")
        gt, boxes = self.gt_and_boxes()
        return "\n".join(out) + "\n", gt, boxes


# --------------------------------------------------------------------------
# rendering: HTML -> Chromium PDF -> pdftoppm;  PS -> Ghostscript
# --------------------------------------------------------------------------
class Renderer:
    def __init__(self, tmp):
        self.tmp = tmp
        self.prof = os.path.join(tmp, "chrome-profile")
        self.n = 0
        gsinit = sorted(__import__("glob").glob("/usr/share/ghostscript/*/Resource/Init/Fontmap.GS"))[-1]
        self.fontmap = os.path.join(tmp, "Fontmap.local")
        with open(self.fontmap, "w") as f:
            f.write("/GNUTypewriter (/usr/share/fonts/truetype/gnutypewriter/GNUTypewriter.ttf) ;\n")
        self.fontmap_arg = "-sFONTMAP=%s:%s" % (self.fontmap, gsinit)

    def html_to_pdf(self, doc, tag):
        hp = os.path.join(self.tmp, tag + ".html")
        pp = os.path.join(self.tmp, tag + ".pdf")
        with open(hp, "w", encoding="utf-8") as f:
            f.write(doc)
        run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             "--font-render-hinting=none", "--disable-lcd-text", "--hide-scrollbars", "--mute-audio",
             "--no-first-run", "--disable-extensions", "--user-data-dir=" + self.prof,
             "--print-to-pdf=" + pp, "file://" + hp])
        return pp

    def pdf_words(self, pdf):
        out = run(["pdftotext", "-bbox", pdf, "-"]).decode("utf-8")
        pages = out.count("<page ")
        words = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out):
            words.append([html.unescape(m.group(5)), float(m.group(1)), float(m.group(2)),
                          float(m.group(3)), float(m.group(4)), False])
        return pages, words

    def raster_pdf(self, pdf, dpi, dpi_y, colour, tag):
        pre = os.path.join(self.tmp, tag + "-r")
        cmd = ["pdftoppm", "-rx", str(dpi), "-ry", str(dpi_y), "-singlefile"]
        if not colour:
            cmd.append("-gray")
        run(cmd + [pdf, pre])
        fn = pre + (".ppm" if colour else ".pgm")
        a = np.asarray(Image.open(fn), dtype=np.float32) / 255.0
        os.remove(fn)
        return a

    def raster_ps(self, ps, dpi, dpi_y, colour, tag):
        pp = os.path.join(self.tmp, tag + ".ps")
        with open(pp, "w", encoding="latin-1") as f:
            f.write(ps)
        op = os.path.join(self.tmp, tag + "-r." + ("ppm" if colour else "pgm"))
        run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", self.fontmap_arg,
             "-sDEVICE=" + ("ppmraw" if colour else "pgmraw"), "-r%dx%d" % (dpi, dpi_y),
             "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", "-o", op, pp])
        a = np.asarray(Image.open(op), dtype=np.float32) / 255.0
        os.remove(op)
        return a


def match_lines(words, gt, ignores):
    """Check that every ground-truth line is printed as one line of the PDF text
    layer (same baseline, left to right) and that no unexpected words exist.
    A GT token may be split by pdftotext into adjacent pieces (overhanging glyphs
    of some Type 3 fonts, e.g. "Northf" "ield"); those are joined when the gap is
    small.  Returns the bounding box (pt) of each GT line."""

    def same_line(a, b):
        return abs((a[2] + a[4]) / 2 - (b[2] + b[4]) / 2) < 0.45 * max(a[4] - a[2], b[4] - b[2])

    def grab(t, prev, used):
        """words forming token t, starting right of prev (or anywhere if prev is None)"""
        res = []
        for w in words:
            if w[5] or id(w) in used or not t.startswith(w[0]):
                continue
            if prev is not None and not (same_line(prev, w) and w[1] >= prev[3] - 1.0):
                continue
            parts = [w]
            rest = t[len(w[0]):]
            ok = True
            while rest:
                last = parts[-1]
                h = last[4] - last[2]
                nxt = [v for v in words if not v[5] and id(v) not in used and v not in parts and rest.startswith(v[0])
                       and same_line(last, v) and -1.0 <= v[1] - last[3] < 0.16 * h]
                if not nxt:
                    ok = False
                    break
                v = min(nxt, key=lambda v: v[1])
                parts.append(v)
                rest = rest[len(v[0]):]
            if ok:
                res.append(parts)
        if prev is None:
            res.sort(key=lambda p: (round(p[0][2]), p[0][1]))
        else:
            res.sort(key=lambda p: p[0][1])
        return res

    boxes, errors = [], []
    for line in gt:
        toks = line.split()
        found = None
        for first in grab(toks[0], None, set()):
            chain = list(first)
            used = set(id(w) for w in chain)
            ok = True
            for t in toks[1:]:
                g = grab(t, chain[-1], used)
                if not g:
                    ok = False
                    break
                chain += g[0]
                used |= set(id(w) for w in g[0])
            if ok:
                found = chain
                break
        if not found:
            errors.append("GT line not found as printed line: %r" % line)
            boxes.append(None)
            continue
        for w in found:
            w[5] = True
        boxes.append((line, min(w[1] for w in found), min(w[2] for w in found),
                      max(w[3] for w in found), max(w[4] for w in found)))
    ign = list(ignores)
    extra = []
    for w in words:
        if not w[5]:
            if w[0] in ign:
                ign.remove(w[0])
            else:
                extra.append(w[0])
    if extra:
        errors.append("words in PDF not in GT: %r" % extra[:20])
    return boxes, errors


# --------------------------------------------------------------------------
# degradation helpers (numpy, with ImageMagick for text labels and geometry)
# images are float32 arrays, 1.0 = white; (H, W) grey or (H, W, 3) colour
# --------------------------------------------------------------------------
def lum(c):
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def lowfreq(h, w, cell, rng):
    gh, gw = max(2, int(h / cell) + 2), max(2, int(w / cell) + 2)
    g = rng.standard_normal((gh, gw)).astype(np.float32)
    im = Image.fromarray(g, mode="F").resize((w, h), Image.BICUBIC)
    return np.asarray(im, dtype=np.float32)


def to_u8(a):
    return (np.clip(a, 0, 1) * 255 + 0.5).astype(np.uint8)


def blur(img, sigma):
    if sigma <= 0.05:
        return img
    if img.ndim == 2:
        im = Image.fromarray(to_u8(img), "L")
    else:
        im = Image.fromarray(to_u8(img), "RGB")
    return np.asarray(im.filter(ImageFilter.GaussianBlur(sigma)), dtype=np.float32) / 255.0


def magick(img, args, tmp, tag="m"):
    """run ImageMagick convert on an array (via raw PNM files)"""
    ext = "pgm" if img.ndim == 2 else "ppm"
    a = os.path.join(tmp, "%s-in.%s" % (tag, ext))
    b = os.path.join(tmp, "%s-out.%s" % (tag, ext))
    Image.fromarray(to_u8(img)).save(a)
    run(["convert", a] + args + ["-depth", "8", b])
    out = np.asarray(Image.open(b), dtype=np.float32) / 255.0
    os.remove(a)
    os.remove(b)
    return out


def magick_label(text, font, pt, dpi, tmp, tag="lbl", gravity="West"):
    """text rendered by ImageMagick as an ink mask (1 = ink)"""
    b = os.path.join(tmp, tag + "-lbl.pgm")
    run(["convert", "-density", str(dpi), "-background", "white", "-fill", "black", "-font", font,
         "-pointsize", "%.1f" % pt, "-gravity", gravity, "label:" + text, "-depth", "8", b])
    m = 1.0 - np.asarray(Image.open(b), dtype=np.float32) / 255.0
    os.remove(b)
    return m


def rotate_mask(m, deg, tmp, tag="rot"):
    """rotate an ink mask (clockwise degrees) with ImageMagick"""
    inv = 1.0 - m
    out = magick(inv, ["-background", "white", "-rotate", "%.2f" % deg, "+repage"], tmp, tag)
    return 1.0 - out


def composite_ink(img, m, x, y, colour, density=1.0):
    """multiply an ink mask m (h, w) onto img with top-left at (x, y)"""
    H, W = img.shape[:2]
    h, w = m.shape
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    mm = m[y0 - y:y1 - y, x0 - x:x1 - x] * density
    if img.ndim == 2:
        img[y0:y1, x0:x1] *= 1.0 - mm * (1.0 - lum(colour))
    else:
        for c in range(3):
            img[y0:y1, x0:x1, c] *= 1.0 - mm * (1.0 - colour[c])


def draw_mask(w, h, fn):
    im = Image.new("L", (w, h), 0)
    fn(ImageDraw.Draw(im))
    return np.asarray(im, dtype=np.float32) / 255.0


PAPER = {"yellow": (0.99, 0.95, 0.72), "pink": (1.0, 0.86, 0.89), "green": (0.85, 0.96, 0.84),
         "blue": (0.84, 0.91, 1.0), "buff": (0.96, 0.89, 0.76), "grey": (0.9, 0.9, 0.88),
         "thermal": (0.97, 0.96, 0.93)}
INK = {"blue": (0.12, 0.2, 0.62), "black": (0.08, 0.08, 0.1), "red": (0.78, 0.1, 0.14),
       "purple": (0.42, 0.18, 0.58), "green": (0.1, 0.45, 0.2), "pencil": (0.45, 0.45, 0.47)}
HAND_FONTS = {
    "DkgHandwriting": "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "Breip": "/usr/share/fonts/truetype/breip/Breip.ttf",
    "femkeklaver": "/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf",
    "Humor Sans": "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
}
STAMP_FONT = None


class PageCtx:
    def __init__(self, img, dpi, boxes_pt, meta, tmp, seed, scale_y=None):
        self.img, self.dpi, self.meta, self.tmp, self.seed = img, dpi, meta, tmp, seed
        s = dpi / 72.0
        sy = scale_y if scale_y else s
        self.boxes = [(b[0], b[1] * s, b[2] * sy, b[3] * s, b[4] * sy) for b in boxes_pt if b]
        self.desc = []
        self.overlay = []
        self.k = 0

    def rng(self, name):
        self.k += 1
        return NR(self.seed, self.k, name)

    def mm(self, v):
        return int(round(v * self.dpi / 25.4))

    def find(self, target):
        H, W = self.img.shape[:2]
        want = {"nhs": self.meta.get("nhs_as_printed"), "dob": self.meta.get("dob_as_printed"),
                "date": self.meta.get("letter_date"), "name": self.meta.get("patient_surname"),
                "signer": self.meta.get("signer")}.get(target, target)
        if target in ("top", "topright", "margin", "bottom", "middle", "left", "topleft"):
            return {"top": (W * 0.5, H * 0.06, W * 0.8, H * 0.14), "topright": (W * 0.62, H * 0.1, W * 0.9, H * 0.18),
                    "topleft": (W * 0.12, H * 0.08, W * 0.4, H * 0.14),
                    "margin": (W * 0.72, H * 0.3, W * 0.94, H * 0.36), "bottom": (W * 0.45, H * 0.82, W * 0.85, H * 0.9),
                    "middle": (W * 0.35, H * 0.45, W * 0.75, H * 0.52), "left": (W * 0.08, H * 0.6, W * 0.3, H * 0.66)}[target]
        last = False
        if target.startswith("last:"):
            last, target = True, target[5:]
            want = self.meta.get(target, target)
        if want:
            for t, x0, y0, x1, y1 in (reversed(self.boxes) if last else self.boxes):
                if want in t:
                    return (x0, y0, x1, y1)
            # a value split over table cells: look for its first part
            first = want.split()[0]
            for t, x0, y0, x1, y1 in self.boxes:
                if first in t.split():
                    return (x0, y0, x1, y1)
        for t, x0, y0, x1, y1 in self.boxes:
            if target.lower() in t.lower():
                return (x0, y0, x1, y1)
        raise LayoutError("overlay target not found: %r" % target)


def op_halftone(ctx, h_pt, lpi=85):
    img = ctx.img
    h = int(h_pt * ctx.dpi / 72.0)
    if h < 10:
        return
    f = 3
    region = img[:h]
    big = np.asarray(Image.fromarray(to_u8(region)).resize((region.shape[1] * f, h * f), Image.BILINEAR),
                     dtype=np.float32) / 255.0
    period = f * ctx.dpi / float(lpi)
    yy, xx = np.mgrid[0:h * f, 0:region.shape[1] * f].astype(np.float32)

    def screen(angle):
        a = math.radians(angle)
        u = (xx * math.cos(a) + yy * math.sin(a)) * 2 * math.pi / period
        v = (-xx * math.sin(a) + yy * math.cos(a)) * 2 * math.pi / period
        return (np.cos(u) * np.cos(v) + 1.0) / 2.0

    if big.ndim == 2:
        cov = 1.0 - big
        out = np.where(cov > screen(45.0), 0.0, 1.0).astype(np.float32)
    else:
        out = np.empty_like(big)
        for c, ang in zip(range(3), (15.0, 75.0, 0.0)):
            cov = 1.0 - big[..., c]
            out[..., c] = np.where(cov > screen(ang), 0.0, 1.0)
    small = Image.fromarray(to_u8(out)).resize((region.shape[1], h), Image.BOX)
    img[:h] = np.asarray(small, dtype=np.float32) / 255.0
    ctx.desc.append("halftone_letterhead_%dlpi" % lpi)


def op_paper(ctx, colour):
    col = PAPER[colour]
    rng = ctx.rng("paper")
    H, W = ctx.img.shape[:2]
    fib = 1.0 - 0.012 * np.abs(lowfreq(H, W, 6, rng))
    if ctx.img.ndim == 2:
        ctx.img *= lum(col) * fib
    else:
        for c in range(3):
            ctx.img[..., c] *= col[c] * fib
    ctx.desc.append("coloured_paper_" + colour)


def op_pencil(ctx, level=0.45):
    ctx.img[:] = 1.0 - (1.0 - ctx.img) * level
    ctx.desc.append("low_contrast_grey_print_%.2f" % level)


def op_toner(ctx, amount=0.6):
    rng = ctx.rng("toner")
    H, W = ctx.img.shape[:2]
    n = lowfreq(H, W, ctx.mm(6), rng)
    mask = np.clip((n - 0.2) * 1.5, 0, 1) * amount
    fine = (rng.random((H, W), dtype=np.float32) < 0.12 * amount).astype(np.float32) * 0.6
    keep = (1.0 - mask) * (1.0 - fine)
    # only ink is lost: lighten towards the paper tone, never the paper itself
    bg = float(np.percentile(ctx.img, 90))
    if ctx.img.ndim == 2:
        ctx.img[:] = ctx.img + np.maximum(bg - ctx.img, 0) * (1.0 - keep)
    else:
        ctx.img[:] = ctx.img + np.maximum(bg - ctx.img, 0) * (1.0 - keep)[..., None]
    ctx.desc.append("toner_loss_%.1f" % amount)


def op_streaks(ctx, n=3, light=False):
    rng = ctx.rng("streaks")
    H, W = ctx.img.shape[:2]
    for k in range(n):
        x = int(rng.integers(ctx.mm(15), W - ctx.mm(15)))
        if light or rng.random() < 0.35:
            w = int(rng.integers(ctx.mm(2), ctx.mm(7)))
            prof = np.clip(0.25 + 0.2 * lowfreq(H, 1, 150, rng)[:, 0], 0.1, 0.6)
            band = ctx.img[:, x:x + w]
            bg = float(np.percentile(ctx.img, 90))
            if band.ndim == 2:
                ctx.img[:, x:x + w] = band + np.maximum(bg - band, 0) * (1.0 - prof[:, None])
            else:
                ctx.img[:, x:x + w] = band + np.maximum(bg - band, 0) * (1.0 - prof[:, None, None])
        else:
            w = int(rng.integers(1, max(2, ctx.mm(0.6))))
            prof = np.clip(0.3 + 0.25 * lowfreq(H, 1, 200, rng)[:, 0], 0.05, 0.75)
            if ctx.img.ndim == 2:
                ctx.img[:, x:x + w] *= (1.0 - prof)[:, None]
            else:
                ctx.img[:, x:x + w] *= (1.0 - prof)[:, None, None]
    ctx.desc.append("streaks_%d" % n)


def op_photocopy(ctx, gen=2):
    rng = ctx.rng("photocopy")
    img = ctx.img
    if img.ndim == 3:
        g = img[..., 0] * 0.299 + img[..., 1] * 0.587 + img[..., 2] * 0.114
    else:
        g = img
    H, W = g.shape
    for k in range(gen):
        g = blur(g, 0.45 * ctx.dpi / 300.0 + 0.15 * k)
        k_ = 9.0 + 2 * k
        mid = 0.62 + 0.04 * k
        s = 1.0 / (1.0 + np.exp(-(g - mid) * k_))
        lo, hi = 1.0 / (1.0 + math.exp(mid * k_)), 1.0 / (1.0 + math.exp(-(1 - mid) * k_))
        g = (s - lo) / (hi - lo)
        g = g * (0.9 - 0.03 * k) + 0.02  # grey background, ink not fully black
        # toner specks
        sp = (rng.random((H, W), dtype=np.float32) < 4e-5 * (k + 1)).astype(np.float32)
        sp = blur(sp * 1.0, 0.9) * 3.0
        g = g * (1.0 - np.clip(sp, 0, 0.9))
        # darker edges from the copier lid
        e = ctx.mm(6 + 4 * k)
        ramp = np.linspace(0.7, 1.0, e, dtype=np.float32)
        g[:, :e] *= ramp[None, :]
        g[:, W - e:] *= ramp[::-1][None, :]
        g[:e, :] *= ramp[:, None]
        g[H - e:, :] *= ramp[::-1][:, None]
        g = np.clip(g, 0, 1).astype(np.float32)
    if img.ndim == 3:
        ctx.img = np.repeat(g[..., None], 3, axis=2)
    else:
        ctx.img = g
    ctx.desc.append("photocopy_generation_%d" % gen)


def op_fax_lines(ctx, severity=1.0):
    """binarise like a fax modem and add transmission faults (run on a 200x100 dpi raster)"""
    rng = ctx.rng("fax")
    g = ctx.img if ctx.img.ndim == 2 else ctx.img.mean(axis=2)
    H, W = g.shape
    thr = 0.58 + rng.normal(0, 0.06 + 0.04 * severity, (H, W)).astype(np.float32)
    b = (g > thr).astype(np.float32)
    nbad = int(H * 0.012 * severity)
    for y in rng.integers(0, H, nbad):
        kind = rng.random()
        if kind < 0.45:
            b[y, :] = 1.0  # dropped scan line
        elif kind < 0.7:
            b[y, :] = np.where(rng.random(W) < 0.25, 0.0, b[y, :])  # noise line
        else:
            n = int(rng.integers(2, 8))
            sh = int(rng.integers(2, 12))
            b[y:y + n, :] = np.roll(b[y:y + n, :], sh, axis=1)  # sync slip
    # banding: a few horizontal bands transmitted lighter
    for k in range(int(2 * severity)):
        y0 = int(rng.integers(0, H - 40))
        hh = int(rng.integers(8, 40))
        band = b[y0:y0 + hh]
        b[y0:y0 + hh] = np.where(rng.random(band.shape) < 0.3 * severity, 1.0, band)
    ctx.img = np.repeat(b, 2, axis=0)  # 200x100 dpi stretched to 200x200
    ctx.desc.append("fax_200x100dpi_stretched")
    ctx.desc.append("fax_banding_and_line_dropouts")


def op_coffee(ctx, where=None):
    rng = ctx.rng("coffee")
    H, W = ctx.img.shape[:2]
    R0 = ctx.mm(float(rng.uniform(28, 42)))
    if where:
        x0, y0, x1, y1 = ctx.find(where)
        cx, cy = int((x0 + x1) / 2 + rng.uniform(-R0, R0)), int((y0 + y1) / 2)
    else:
        cx, cy = int(rng.uniform(0.15, 0.85) * W), int(rng.uniform(0.2, 0.9) * H)
    r = int(R0 * 1.2)
    yy, xx = np.mgrid[-r:r, -r:r].astype(np.float32)
    rho = np.sqrt(xx * xx + yy * yy)
    th = np.arctan2(yy, xx)
    wob = np.zeros_like(th)
    for k in range(2, 7):
        wob += float(rng.normal(0, 0.025)) * np.cos(k * th + float(rng.uniform(0, 6.28)))
    rr = R0 * (1 + wob)
    d = rho - rr
    wring = ctx.mm(1.2)
    m = 0.55 * np.exp(-(d / wring) ** 2) * (d < 0) + 0.55 * np.exp(-(d / (wring * 0.35)) ** 2) * (d >= 0)
    inside = (d < 0) * (0.16 + 0.05 * lowfreq(2 * r, 2 * r, ctx.mm(8), rng))
    m = np.clip(m + inside, 0, 0.8).astype(np.float32)
    m *= np.clip(0.75 + 0.3 * lowfreq(2 * r, 2 * r, ctx.mm(5), rng), 0.3, 1.1)
    composite_ink(ctx.img, m, cx - r, cy - r, (0.6, 0.42, 0.22), 1.0)
    ctx.desc.append("coffee_stain")


def op_highlight(ctx, target, colour="yellow"):
    rng = ctx.rng("hl")
    x0, y0, x1, y1 = ctx.find(target)
    h = y1 - y0
    pad = int(h * 0.35)
    X0, X1 = int(x0 - rng.uniform(2, 10)), int(x1 + rng.uniform(2, 12))
    Y0, Y1 = int(y0 - pad), int(y1 + pad)
    w, hh = X1 - X0, Y1 - Y0
    m = np.ones((hh, w), np.float32) * 0.92
    top = (rng.normal(0, 1.5, w).cumsum() * 0.3).astype(int)
    for x in range(w):
        t = max(0, min(hh - 1, top[x] % 4))
        m[:t, x] = 0
        m[hh - 1 - (abs(top[x]) % 3):, x] = 0
    col = {"yellow": (1.0, 0.93, 0.2), "green": (0.55, 0.98, 0.45), "pink": (1.0, 0.55, 0.82)}[colour]
    composite_ink(ctx.img, m, X0, Y0, col, 1.0)
    ctx.desc.append("highlighter_%s_over_%s" % (colour, target))


def op_stamp(ctx, lines, target="topright", colour="red", angle=None, dx=0, dy=0, box=True):
    rng = ctx.rng("stamp")
    font = "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"
    masks = [magick_label(t, font, 13 if k == 0 else 10.5, ctx.dpi, ctx.tmp, "st%d" % k, "Center")
             for k, t in enumerate(lines)]
    w = max(m.shape[1] for m in masks) + ctx.mm(6)
    h = sum(m.shape[0] for m in masks) + ctx.mm(5)
    M = np.zeros((h, w), np.float32)
    y = ctx.mm(2.5)
    for m in masks:
        x = (w - m.shape[1]) // 2
        M[y:y + m.shape[0], x:x + m.shape[1]] = np.maximum(M[y:y + m.shape[0], x:x + m.shape[1]], m)
        y += m.shape[0]
    if box:
        t = max(2, ctx.mm(0.55))
        M[:t, :] = 1
        M[-t:, :] = 1
        M[:, :t] = 1
        M[:, -t:] = 1
    ang = float(rng.uniform(-14, 14)) if angle is None else angle
    M = rotate_mask(M, ang, ctx.tmp)
    hh, ww = M.shape
    tex = np.clip(0.62 + 0.35 * lowfreq(hh, ww, ctx.mm(2.5), rng), 0.15, 1.0)
    M = M * tex * (rng.random((hh, ww)) > 0.06)
    x0, y0, x1, y1 = ctx.find(target)
    cx = int((x0 + x1) / 2 + dx * ctx.dpi / 25.4)
    cy = int((y0 + y1) / 2 + dy * ctx.dpi / 25.4)
    composite_ink(ctx.img, M.astype(np.float32), cx - ww // 2, cy - hh // 2, INK[colour], 0.9)
    ctx.overlay.append(" / ".join(lines))
    ctx.desc.append("rubber_stamp_%s_over_%s" % (colour, target))


def op_annot(ctx, text, target="margin", font="DkgHandwriting", colour="blue", pt=16, angle=None, dx=0, dy=0):
    rng = ctx.rng("annot")
    m = magick_label(text, HAND_FONTS[font], pt, ctx.dpi, ctx.tmp, "an")
    ang = float(rng.uniform(-7, 5)) if angle is None else angle
    m = rotate_mask(m, ang, ctx.tmp)
    m = np.clip(m * 1.15, 0, 1)
    x0, y0, x1, y1 = ctx.find(target)
    cx = int((x0 + x1) / 2 + dx * ctx.dpi / 25.4)
    cy = int((y0 + y1) / 2 + dy * ctx.dpi / 25.4)
    composite_ink(ctx.img, m, cx - m.shape[1] // 2, cy - m.shape[0] // 2, INK[colour], 0.95)
    ctx.overlay.append(text.replace("\n", " / "))
    ctx.desc.append("handwritten_annotation_%s" % target)


def op_circle(ctx, target, colour="blue"):
    rng = ctx.rng("circle")
    x0, y0, x1, y1 = ctx.find(target)
    if target in ("nhs", "dob"):
        # ring only the value itself when we can estimate it; else the line
        pass
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    a, b = (x1 - x0) / 2 + ctx.mm(4), (y1 - y0) / 2 + ctx.mm(3)
    pad = ctx.mm(4)
    W, H = int(2 * a + 2 * pad), int(2 * b + 2 * pad)
    pts = []
    t0 = float(rng.uniform(0, 6.28))
    for k in range(90):
        t = t0 + k / 80.0 * 2 * math.pi
        rr = 1 + 0.04 * math.sin(3 * t + t0) + k * 0.001
        pts.append((W / 2 + a * rr * math.cos(t), H / 2 + b * rr * math.sin(t)))
    lw = max(2, ctx.mm(0.45))
    m = draw_mask(W, H, lambda d: d.line(pts, fill=255, width=lw))
    composite_ink(ctx.img, m, int(cx - W / 2), int(cy - H / 2), INK[colour], 0.9)
    ctx.desc.append("pen_circle_around_%s" % target)


def op_underline(ctx, target, colour="red"):
    rng = ctx.rng("ul")
    x0, y0, x1, y1 = ctx.find(target)
    W = int(x1 - x0 + ctx.mm(6))
    H = ctx.mm(5)
    pts = [(k * W / 20.0, H / 2 + float(rng.normal(0, 0.8)) + k * 0.15) for k in range(21)]
    lw = max(2, ctx.mm(0.4))
    m = draw_mask(W, H, lambda d: d.line(pts, fill=255, width=lw))
    composite_ink(ctx.img, m, int(x0 - ctx.mm(3)), int(y1 - H / 2 + ctx.mm(0.8)), INK[colour], 0.9)
    ctx.desc.append("pen_underline_%s" % target)


def op_signature(ctx, target="bottom", colour="blue", dx=0, dy=0):
    rng = ctx.rng("sig")
    W, H = ctx.mm(50), ctx.mm(18)
    pts = []
    n = 160
    f1, f2 = float(rng.uniform(5, 9)), float(rng.uniform(11, 17))
    ph = float(rng.uniform(0, 6))
    for k in range(n):
        t = k / (n - 1)
        x = W * (0.05 + 0.9 * t) + ctx.mm(3) * math.sin(f2 * t * 6.28 + ph)
        y = H * (0.5 + 0.28 * math.sin(f1 * t * 6.28) * (1 - 0.5 * t) + 0.1 * math.cos(f2 * t * 6.28))
        pts.append((x, y))
    lw = max(2, ctx.mm(0.35))

    def dr(d):
        d.line(pts, fill=255, width=lw, joint="curve")
        d.line([(W * 0.1, H * 0.82), (W * 0.75, H * 0.76)], fill=255, width=lw)

    m = draw_mask(W, H, dr)
    x0, y0, x1, y1 = ctx.find(target)
    composite_ink(ctx.img, m, int(x0 + dx * ctx.dpi / 25.4), int(y0 - H * 0.8 + dy * ctx.dpi / 25.4), INK[colour], 0.92)
    ctx.overlay.append("<signature>")
    ctx.desc.append("signature")


def op_staple(ctx, corner="tl"):
    rng = ctx.rng("staple")
    H, W = ctx.img.shape[:2]
    L, T = ctx.mm(12), max(3, ctx.mm(0.8))
    S = ctx.mm(20)
    m = np.zeros((S, S), np.float32)
    ang = float(rng.uniform(30, 55))
    cx, cy = S / 2, S / 2
    dx, dy = math.cos(math.radians(ang)) * L / 2, -math.sin(math.radians(ang)) * L / 2
    sh = draw_mask(S, S, lambda d: d.line([(cx - dx + 3, cy - dy + 4), (cx + dx + 3, cy + dy + 4)], fill=120, width=T + 3))
    st = draw_mask(S, S, lambda d: d.line([(cx - dx, cy - dy), (cx + dx, cy + dy)], fill=255, width=T))
    m = np.clip(blur(sh, 2.0) * 0.6 + st * 0.85, 0, 1).astype(np.float32)
    x = ctx.mm(float(rng.uniform(6, 12)))
    y = ctx.mm(float(rng.uniform(5, 10)))
    if corner == "tr":
        x = W - x - S
    composite_ink(ctx.img, m, x, y, (0.25, 0.25, 0.27), 1.0)
    ctx.desc.append("staple")


def op_punch(ctx, side="left"):
    rng = ctx.rng("punch")
    H, W = ctx.img.shape[:2]
    r = ctx.mm(3.0)
    xc = ctx.mm(float(rng.uniform(10, 13)))
    if side == "top":
        pass
    dark = float(rng.choice([0.12, 0.35, 0.8]))
    for yc in (H / 2 - ctx.mm(40), H / 2 + ctx.mm(40)):
        yc = int(yc + rng.uniform(-ctx.mm(2), ctx.mm(2)))
        S = 2 * r + 8
        hole = draw_mask(S, S, lambda d: d.ellipse([4, 4, 4 + 2 * r, 4 + 2 * r], fill=255))
        hole = blur(hole, 1.0)
        col = (dark, dark, dark)
        composite_ink(ctx.img, hole, int(xc - S / 2), int(yc - S / 2), col, 1.0)
        if dark > 0.7:  # white hole: only its shadowed rim shows
            ring = draw_mask(S, S, lambda d: d.arc([4, 4, 4 + 2 * r, 4 + 2 * r], 200, 340, fill=255, width=3))
            composite_ink(ctx.img, blur(ring, 1.0), int(xc - S / 2), int(yc - S / 2), (0.4, 0.4, 0.4), 1.0)
    ctx.desc.append("punch_holes")


def op_bleed(ctx, rev, strength=0.18):
    H, W = ctx.img.shape[:2]
    r = np.asarray(Image.fromarray(to_u8(rev)).resize((W, H), Image.BILINEAR), dtype=np.float32) / 255.0
    if r.ndim == 3:
        r = r.mean(axis=2)
    r = blur(r[:, ::-1].copy(), 1.6 * ctx.dpi / 300.0)
    m = (1.0 - r) * strength
    if ctx.img.ndim == 2:
        ctx.img *= 1.0 - m
    else:
        ctx.img *= (1.0 - m)[..., None]
    ctx.desc.append("bleed_through_%.2f" % strength)


def op_edge(ctx, side="left", width_mm=10, depth=0.55):
    H, W = ctx.img.shape[:2]
    e = ctx.mm(width_mm)
    ramp = (1.0 - depth * np.exp(-np.linspace(0, 4, e)) ).astype(np.float32)
    rng = ctx.rng("edge")
    if side in ("left", "right"):
        wav = (1.0 + 0.15 * lowfreq(H, 1, 300, rng)[:, 0])[:, None]
        f = np.clip(1.0 - (1.0 - ramp[None, :]) * wav, 0, 1)
        sl = (slice(None), slice(0, e)) if side == "left" else (slice(None), slice(W - e, W))
        if side == "right":
            f = f[:, ::-1]
    else:
        wav = (1.0 + 0.15 * lowfreq(1, W, 300, rng)[0, :])[None, :]
        f = np.clip(1.0 - (1.0 - ramp[:, None]) * wav, 0, 1)
        sl = (slice(0, e), slice(None)) if side == "top" else (slice(H - e, H), slice(None))
        if side == "bottom":
            f = f[::-1, :]
    if ctx.img.ndim == 2:
        ctx.img[sl] *= f
    else:
        ctx.img[sl] *= f[..., None]
    ctx.desc.append("edge_shadow_%s" % side)


def op_fold(ctx, side="left", depth=0.6, width_mm=30):
    """book-fold shadow: the page was scanned from a bound volume"""
    H, W = ctx.img.shape[:2]
    e = ctx.mm(width_mm)
    x = np.linspace(0, 1, e, dtype=np.float32)
    ramp = 1.0 - depth * (1.0 - x) ** 2.2
    f = ramp[None, :] if side == "left" else ramp[::-1][None, :]
    sl = (slice(None), slice(0, e)) if side == "left" else (slice(None), slice(W - e, W))
    if ctx.img.ndim == 2:
        ctx.img[sl] *= f
    else:
        ctx.img[sl] *= f[..., None]
    ctx.desc.append("book_fold_shadow_%s" % side)


def op_illum(ctx, amount=0.08):
    rng = ctx.rng("illum")
    H, W = ctx.img.shape[:2]
    g = 1.0 - amount * (0.5 + 0.5 * np.tanh(lowfreq(H, W, max(H, W) / 2, rng)))
    if ctx.img.ndim == 2:
        ctx.img *= g
    else:
        ctx.img *= g[..., None]
    ctx.desc.append("uneven_illumination")


def op_scan(ctx, noise=0.015, sigma=None):
    rng = ctx.rng("scan")
    s = (0.35 * ctx.dpi / 300.0) if sigma is None else sigma
    ctx.img = blur(ctx.img, s)
    ctx.img = ctx.img + rng.normal(0, noise, ctx.img.shape).astype(np.float32)
    ctx.img = np.clip(ctx.img, 0, 1).astype(np.float32)


def op_skew(ctx, deg):
    if abs(deg) < 0.01:
        return
    bg = "rgb(250,250,250)" if ctx.img.ndim == 3 else "gray(98%)"
    ctx.img = magick(ctx.img, ["-virtual-pixel", "background", "-background", bg, "-interpolate", "bilinear",
                               "-distort", "SRT", "%.3f" % deg], ctx.tmp, "skew")
    ctx.desc.append("skew_%.1fdeg" % deg)


def op_blur(ctx, sigma=1.0):
    ctx.img = blur(ctx.img, sigma)
    ctx.desc.append("defocus_blur")


# --------------------------------------------------------------------------
# fictional data
# --------------------------------------------------------------------------
import datetime as _dt

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FIRST_F = ["Margaret", "Susan", "Patricia", "Janet", "Eileen", "Doreen", "Sandra", "Helen", "Claire", "Amanda",
           "Priya", "Fatima", "Joanne", "Karen", "Gwen", "Bethan", "Irene", "Lorna", "Nadia", "Shirley", "Ruth",
           "Yvonne", "Agnieszka", "Grace", "Hannah", "Maureen"]
FIRST_M = ["David", "Peter", "Michael", "Alan", "Brian", "Keith", "Graham", "Stephen", "Rajesh", "Tariq",
           "Colin", "Derek", "Neil", "Gareth", "Trevor", "Martin", "Kwame", "Stanley", "Dennis", "Robert",
           "Owen", "Ian", "Tomasz", "Leonard", "Howard", "Malcolm"]
SURNAMES = ["Ashworth", "Pemberton", "Okonkwo", "Fairclough", "Hebden", "Liddell", "Marchetti", "Thwaite",
            "Corrigan", "Bramley", "Sandhu", "Whitlock", "Kowalczyk", "Penhaligon", "Duckworth", "Ellery",
            "Haworth", "Quayle", "Rushton", "Tremlett", "Oyelaran", "Catterall", "Mistry", "Greenhalgh",
            "Lowther", "Birtwistle", "Abernethy", "Fennimore", "Gallacher", "Hollings", "Ingleby", "Jessop",
            "Kirkbride", "Lomax", "Merriman", "Nuttall", "Ormerod", "Pilling", "Ramsbottom", "Stott"]
STREETS = ["Mill Lane", "Church Street", "Beech Grove", "Tanner's Row", "Holly Close", "Station Road",
           "Kestrel Way", "Moorside Avenue", "Brook Terrace", "Cobden Street", "Alder Drive", "Quarry Hill",
           "Westfield Road", "Orchard Mews", "Coronation Street", "Larch Crescent", "High Street", "Canal Side"]
TOWNS = ["Northfield", "Harbridge", "Kelderby", "Ashcombe", "Welbourne", "Stainforth Vale", "Lower Dunsby",
         "Brackenholt", "Merriton", "Calder Bridge"]

PRACTICES = [
    dict(name="Castle Mead Surgery", addr=["14 Castle Mead", "Northfield"], pc="ZX1 4QT", code="Z81034",
         partners=["Dr Anne Okafor", "Dr Simon Hale", "Dr Rachel Whitby", "Dr Imran Qureshi", "Dr Paula Denton"]),
    dict(name="Riverside Medical Centre", addr=["Riverside House", "2 Wharf Street", "Harbridge"], pc="ZX3 7LB",
         code="Z82116", partners=["Dr Jonathan Pryce", "Dr Meera Patel", "Dr Colin Ashby", "Dr Laura Finch"]),
    dict(name="The Old Forge Practice", addr=["The Old Forge", "Forge Lane", "Kelderby"], pc="ZX5 2HD",
         code="Z83207", partners=["Dr Hugh Redfern", "Dr Sarah McAllister", "Dr Femi Adeyemi"]),
    dict(name="Welbourne Health Centre", addr=["Civic Way", "Welbourne"], pc="ZX7 9NE", code="Z84450",
         partners=["Dr Catherine Booth", "Dr Ravi Chandran", "Dr Thomas Eccles", "Dr Joanna Lister", "Dr Mark Ibbotson"]),
    dict(name="Ashcombe Family Practice", addr=["41 Victoria Road", "Ashcombe"], pc="ZX2 6RS", code="Z85019",
         partners=["Dr Elaine Marsh", "Dr Peter Vaughan", "Dr Nasreen Akhtar"]),
    dict(name="Brackenholt Surgery", addr=["Moor Road", "Brackenholt"], pc="ZX8 3AW", code="Z86302",
         partners=["Dr Gordon Kerr", "Dr Alison Tate", "Dr Samuel Osei", "Dr Helen Bright"]),
    dict(name="Merriton Lane Medical Practice", addr=["Unit 3, Merriton Lane", "Merriton"], pc="ZX4 1GU",
         code="Z87551", partners=["Dr Wendy Harcourt", "Dr Aidan Doyle", "Dr Kiran Bains"]),
    dict(name="Calder Bridge Group Practice", addr=["The Health Centre", "Bridge Street", "Calder Bridge"],
         pc="ZX6 8PJ", code="Z88067", partners=["Dr Neville Armitage", "Dr Claire Fenwick", "Dr Oluwaseun Bello",
                                                "Dr Fiona Gilchrist", "Dr Edward Lambert", "Dr Zara Hussain"]),
]
TRUSTS = [
    dict(trust="Northfield Valley NHS Foundation Trust", hosp="Northfield General Hospital",
         addr=["Infirmary Road", "Northfield"], pc="ZX1 9AA", code="RZ1"),
    dict(trust="Harbridge and District Hospitals NHS Trust", hosp="Harbridge Royal Infirmary",
         addr=["Queen's Drive", "Harbridge"], pc="ZX3 2BB", code="RZ4"),
    dict(trust="Kelderby Teaching Hospitals NHS Trust", hosp="St Aldhelm's Hospital",
         addr=["Aldhelm Way", "Kelderby"], pc="ZX5 8DD", code="RZ7"),
]
CONSULTANTS = {
    "Gastroenterology": ["Dr R. Sethi", "Dr C. Lindqvist"], "Colorectal Surgery": ["Mr D. Halloran", "Ms P. Agarwal"],
    "Breast Surgery": ["Miss E. Carrow", "Mr J. Oduya"], "Trauma and Orthopaedics": ["Mr S. Kingsley", "Mr A. Fadipe"],
    "Urology": ["Mr T. Brennan", "Miss L. Novak"], "Neurology": ["Dr H. Whitcombe", "Dr S. Raman"],
    "Endocrinology": ["Dr M. Farrant"], "ENT": ["Mr K. Yeung", "Miss A. Dalby"], "Cardiology": ["Dr P. Ostrowski", "Dr N. Adebayo"],
    "Respiratory Medicine": ["Dr G. Ferris", "Dr Y. Tanaka"], "Dermatology": ["Dr F. Moorcroft", "Dr I. Loughlin"],
    "Gynaecology": ["Miss R. Ellwood", "Mr V. Sood"], "Spinal Surgery": ["Mr O. Prendergast"],
    "Old Age Psychiatry": ["Dr W. Hartigan"], "Adult Mental Health": ["Dr B. Okoro"], "Diabetes": ["Dr J. Kendrew"],
    "Ophthalmology": ["Mr E. Varga", "Miss T. Hobson"], "Rheumatology": ["Dr L. Ashdown"],
    "General Medicine": ["Dr A. Faulkner", "Dr K. Mensah"], "Elderly Care": ["Dr D. Pargeter"],
}


def ofcom_tel(r):
    return "01632 960%03d" % r.randrange(1000)


def ofcom_mob(r):
    return "07700 900%03d" % r.randrange(1000)


def nhs_number(r):
    while True:
        d = [9, 9, 9] + [r.randrange(10) for _ in range(6)]
        s = sum(d[i] * (10 - i) for i in range(9))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, d + [c]))


def nhs_valid(s):
    if not re.fullmatch(r"\d{10}", s or ""):
        return False
    d = list(map(int, s))
    c = 11 - sum(d[i] * (10 - i) for i in range(9)) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def fmt_nhs(n, style):
    if style == "spaced":
        return "%s %s %s" % (n[:3], n[3:6], n[6:])
    if style == "dashed":
        return "%s-%s-%s" % (n[:3], n[3:6], n[6:])
    return n


def ordinal(d):
    return "%d%s" % (d, "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))


def fmt_date(d, style):
    m = MONTHS[d.month - 1]
    return {
        "slash": "%02d/%02d/%04d" % (d.day, d.month, d.year),
        "slash2": "%02d/%02d/%02d" % (d.day, d.month, d.year % 100),
        "dot2": "%02d.%02d.%02d" % (d.day, d.month, d.year % 100),
        "dot": "%02d.%02d.%04d" % (d.day, d.month, d.year),
        "long": "%d %s %d" % (d.day, m, d.year),
        "ordlong": "%s %s %d" % (ordinal(d.day), m, d.year),
        "mon": "%02d-%s-%04d" % (d.day, m[:3], d.year),
        "MON": "%02d-%s-%04d" % (d.day, m[:3].upper(), d.year),
        "monsp": "%02d %s %04d" % (d.day, m[:3], d.year),
        "MONsp": "%02d %s %04d" % (d.day, m[:3].upper(), d.year),
        "iso": d.isoformat(),
        "dash": "%02d-%02d-%04d" % (d.day, d.month, d.year),
    }[style]


def rand_date(r, y0, y1):
    a = _dt.date(y0, 1, 1).toordinal()
    b = _dt.date(y1, 12, 31).toordinal()
    return _dt.date.fromordinal(r.randint(a, b))


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def postcode(r):
    return "ZX%d %d%s%s" % (r.randint(1, 9), r.randint(1, 9), r.choice("ABDEFGHJLNPQRSTUWXY"), r.choice("ABDEFGHJLNPQRSTUWXY"))


class Patient:
    def __init__(self, r, sex=None, yr=(1928, 1990), ref_date=None):
        self.sex = sex or r.choice("FM")
        self.first = r.choice(FIRST_F if self.sex == "F" else FIRST_M)
        self.middle = r.choice(FIRST_F if self.sex == "F" else FIRST_M) if r.random() < 0.4 else ""
        if self.middle == self.first:
            self.middle = ""
        self.surname = r.choice(SURNAMES)
        self.title = "Mr" if self.sex == "M" else r.choice(["Mrs", "Mrs", "Ms", "Miss"])
        self.dob = rand_date(r, *yr)
        self.house = r.randint(1, 148)
        self.street = r.choice(STREETS)
        self.town = r.choice(TOWNS)
        self.pc = postcode(r)
        self.tel = ofcom_tel(r)
        self.mob = ofcom_mob(r)
        self.nhs = nhs_number(r)
        self.hosp = r.choice(["K%06d", "H%07d", "RZ1-%07d", "%08d", "M%06d"]) % r.randrange(10 ** 6)
        self.he, self.his, self.him = ("he", "his", "him") if self.sex == "M" else ("she", "her", "her")

    @property
    def full(self):
        return " ".join(x for x in [self.title, self.first, self.middle, self.surname] if x)

    @property
    def addr(self):
        return ["%d %s" % (self.house, self.street), self.town, self.pc]


SCENARIOS = [
    dict(key="dyspepsia", spec="Gastroenterology", service="Gastroenterology - Upper GI Clinic", urg="Urgent",
         reason="Persistent dyspepsia with weight loss",
         hist=["{He} reports a {n}-month history of epigastric discomfort after meals which has not settled with a full course of omeprazole 20 mg daily.",
               "{He} has lost about {kg} kg in weight over this time and describes early satiety.",
               "There is no dysphagia, haematemesis or melaena. {He} has never smoked and drinks around {units} units of alcohol a week."],
         exam="Mild epigastric tenderness, no masses palpable, no lymphadenopathy. BMI {bmi}.",
         inv=["Hb {hb} g/L (130-170)", "Ferritin {ferr} ug/L", "H. pylori stool antigen negative"],
         ask="I would be grateful for your assessment and consideration of an upper GI endoscopy.",
         pmh=["Hypertension", "Osteoarthritis of both knees"], meds=["Omeprazole 20 mg once daily", "Amlodipine 5 mg once daily", "Paracetamol 1 g four times daily when required"],
         dx="Functional dyspepsia; gastroscopy normal", plan="Continue lansoprazole 30 mg daily for eight weeks then step down."),
    dict(key="lowergi", spec="Colorectal Surgery", service="Colorectal - Suspected Cancer (2WW)", urg="2 Week Wait",
         reason="Change in bowel habit and rectal bleeding",
         hist=["{He} describes a {n}-month change in bowel habit to looser stools, opening {he2} bowels up to four times a day.",
               "Over the last six weeks {he} has noticed dark red blood mixed with the stool on several occasions.",
               "{He} feels more tired than usual. No family history of bowel cancer."],
         exam="Abdomen soft, no palpable mass. PR: no palpable rectal mass, dark blood on glove.",
         inv=["FIT {fit} ug Hb/g faeces", "Hb {hb} g/L", "MCV {mcv} fL"],
         ask="Please see under the suspected lower GI cancer pathway.",
         pmh=["Type 2 diabetes", "Hypercholesterolaemia"], meds=["Metformin 500 mg twice daily", "Atorvastatin 20 mg at night"],
         dx="Sigmoid diverticular disease; colonoscopy showed no neoplasia", plan="High fibre diet, no routine follow up."),
    dict(key="breast", spec="Breast Surgery", service="Breast - Suspected Cancer (2WW)", urg="2 Week Wait", sex="F",
         reason="Left breast lump",
         hist=["{He} noticed a lump in the upper outer quadrant of the left breast {n} weeks ago.",
               "It has not changed with her menstrual cycle. No nipple discharge or skin change.",
               "Her mother had breast cancer at the age of 62."],
         exam="A firm, mobile 2 cm lump at 2 o'clock in the left breast, 4 cm from the nipple. No axillary nodes palpable.",
         inv=["No previous breast imaging"], ask="I would be grateful if you could see her in the one-stop breast clinic.",
         pmh=["Asthma"], meds=["Salbutamol inhaler 100 micrograms as required", "Beclometasone inhaler 200 micrograms twice daily"],
         dx="Fibroadenoma, left breast (B2 on core biopsy)", plan="Reassured. Discharged to GP care."),
    dict(key="knee", spec="Trauma and Orthopaedics", service="Orthopaedics - Knee", urg="Routine",
         reason="Right knee osteoarthritis - ? suitable for joint replacement",
         hist=["{He} has had worsening right knee pain for {n} years, now limiting {his} walking to about 200 yards.",
               "{He} is woken by the pain at night despite regular analgesia and has completed a course of physiotherapy.",
               "A steroid injection in {month} gave only two weeks of relief."],
         exam="Varus deformity, small effusion, crepitus, flexion to 95 degrees. BMI {bmi}.",
         inv=["X-ray: severe medial compartment narrowing with osteophytes"],
         ask="Please assess for consideration of a total knee replacement.",
         pmh=["Hypertension", "Gout"], meds=["Co-codamol 30/500 two tablets four times daily", "Allopurinol 100 mg once daily", "Lisinopril 10 mg once daily"],
         dx="Severe right knee osteoarthritis", plan="Listed for right total knee replacement. Pre-operative assessment to follow."),
    dict(key="haematuria", spec="Urology", service="Urology - Suspected Cancer (2WW)", urg="2 Week Wait",
         reason="Visible haematuria",
         hist=["{He} presented with two episodes of painless visible haematuria over the past {n} weeks.",
               "There are no lower urinary tract symptoms and no loin pain.",
               "{He} is an ex-smoker with a {py} pack-year history."],
         exam="Abdomen unremarkable. BP {bp}.",
         inv=["Urine dip: blood +++, no nitrites", "MSU: no growth", "eGFR {egfr} mL/min/1.73m2"],
         ask="Please see urgently under the suspected urological cancer pathway.",
         pmh=["COPD", "Atrial fibrillation"], meds=["Apixaban 5 mg twice daily", "Bisoprolol 2.5 mg once daily", "Tiotropium 18 micrograms once daily"],
         dx="Small low grade bladder tumour", plan="TURBT arranged; will write with histology."),
    dict(key="headache", spec="Neurology", service="Neurology - General", urg="Routine",
         reason="New daily headaches",
         hist=["{He} has had daily headaches for {n} months, worse in the mornings and associated with nausea.",
               "There is no visual disturbance, weakness or seizure activity.",
               "Amitriptyline 10 mg at night has helped a little with sleep but not with the headaches."],
         exam="Neurological examination normal. Fundoscopy: discs appear normal. BP {bp}.",
         inv=["Optician review {month}: no papilloedema"], ask="I would value your opinion regarding further investigation.",
         pmh=["Migraine in her twenties", "Anxiety"], meds=["Amitriptyline 10 mg at night", "Sertraline 50 mg once daily"],
         dx="Medication overuse headache", plan="Stop codeine-containing analgesia; propranolol 40 mg twice daily."),
    dict(key="thyroid", spec="ENT", service="ENT - Head and Neck", urg="Urgent",
         reason="Thyroid nodule",
         hist=["{He} noticed a lump on the right side of the neck {n} weeks ago.",
               "There is no hoarseness, dysphagia or stridor. No history of radiation exposure."],
         exam="A 2.5 cm firm nodule in the right lobe of the thyroid, moving on swallowing. No cervical lymphadenopathy.",
         inv=["TSH {tsh} mU/L", "Free T4 {ft4} pmol/L"], ask="Please assess and arrange ultrasound and FNA as appropriate.",
         pmh=["Nil significant"], meds=["Nil regular"],
         dx="Benign colloid nodule (U2)", plan="No further follow up needed."),
    dict(key="af", spec="Cardiology", service="Cardiology - Arrhythmia", urg="Routine",
         reason="Palpitations - paroxysmal AF on ambulatory ECG",
         hist=["{He} has had episodes of palpitations and breathlessness for {n} months, lasting up to several hours.",
               "A 7-day ambulatory ECG showed paroxysmal atrial fibrillation with a burden of about {pct}%.",
               "CHA2DS2-VASc score is {chads}; I have started apixaban."],
         exam="Pulse {hr} irregular, BP {bp}. Heart sounds normal, chest clear.",
         inv=["ECG: atrial fibrillation, rate {hr}", "TSH normal", "Echo requested {month}"],
         ask="I would be grateful for your advice about rhythm control.",
         pmh=["Hypertension", "Type 2 diabetes"], meds=["Apixaban 5 mg twice daily", "Bisoprolol 5 mg once daily", "Ramipril 5 mg once daily"],
         dx="Paroxysmal atrial fibrillation", plan="Continue anticoagulation; flecainide pill-in-the-pocket discussed."),
    dict(key="copd", spec="Respiratory Medicine", service="Respiratory - General", urg="Routine",
         reason="Breathlessness - ? COPD, ? interstitial lung disease",
         hist=["{He} reports gradually increasing breathlessness over {n} months and now stops after one flight of stairs.",
               "{He} has a dry cough but no haemoptysis. {He} smoked 20 a day until {year}."],
         exam="Fine bibasal crackles. Finger clubbing. SpO2 {sat}% on air.",
         inv=["Spirometry: FEV1 {fev} L ({fevp}% predicted), FEV1/FVC 0.78", "CXR: reticular shadowing at both bases"],
         ask="Please assess for possible interstitial lung disease.",
         pmh=["Ischaemic heart disease", "GORD"], meds=["Aspirin 75 mg once daily", "Atorvastatin 40 mg at night", "Lansoprazole 15 mg once daily"],
         dx="Idiopathic pulmonary fibrosis", plan="HRCT reviewed at ILD MDT; antifibrotic therapy discussed."),
    dict(key="skin", spec="Dermatology", service="Dermatology - Suspected Skin Cancer (2WW)", urg="2 Week Wait",
         reason="Changing pigmented lesion on the back",
         hist=["{His} partner noticed that a mole on {his} upper back has enlarged and darkened over {n} months.",
               "It occasionally itches but has not bled."],
         exam="8 mm irregular pigmented lesion with variable colour and an irregular border, left scapula.",
         inv=["7-point checklist score {sevenpt}"], ask="Please see under the suspected skin cancer pathway.",
         pmh=["Basal cell carcinoma excised 2014"], meds=["Nil regular"],
         dx="Dysplastic naevus, completely excised", plan="Discharged with advice on sun protection."),
    dict(key="menorrhagia", spec="Gynaecology", service="Gynaecology - Menstrual Disorders", urg="Routine", sex="F",
         reason="Heavy menstrual bleeding",
         hist=["{He} has heavy and prolonged periods for {n} months, with flooding and clots.",
               "Tranexamic acid and mefenamic acid have not helped and she declined the levonorgestrel IUS."],
         exam="Abdomen soft, bulky uterus on bimanual examination.",
         inv=["Hb {hb} g/L", "Ferritin {ferr} ug/L", "Pelvic USS: fibroid uterus, largest fibroid 4 cm"],
         ask="Please see to discuss further management.", pmh=["Iron deficiency anaemia"],
         meds=["Ferrous fumarate 210 mg twice daily", "Tranexamic acid 1 g three times daily during menses"],
         dx="Symptomatic uterine fibroids", plan="Listed for hysteroscopy; ulipristal not advised."),
    dict(key="sciatica", spec="Spinal Surgery", service="Spinal - Triage and Treat", urg="Routine",
         reason="Left sided sciatica not settling",
         hist=["{He} has had pain radiating down the back of the left leg to the foot for {n} weeks.",
               "There is numbness over the lateral foot. No saddle anaesthesia and no bladder or bowel upset.",
               "Physiotherapy and pregabalin have given limited benefit."],
         exam="Straight leg raise limited to 40 degrees on the left. Reduced left ankle jerk.",
         inv=["No imaging yet"], ask="I would be grateful for your assessment and MRI as appropriate.",
         pmh=["Depression"], meds=["Pregabalin 75 mg twice daily", "Naproxen 500 mg twice daily", "Citalopram 20 mg once daily"],
         dx="L5/S1 disc prolapse with S1 radiculopathy", plan="Nerve root injection offered."),
    dict(key="memory", spec="Old Age Psychiatry", service="Memory Assessment Service", urg="Routine",
         reason="Progressive memory loss",
         hist=["{His} daughter reports {n} months of short-term memory problems, repeating questions and missing appointments.",
               "{He} has got lost driving on a familiar route. {He} lives alone and manages {his} own medication."],
         exam="6CIT score {cit}/28. No focal neurology.",
         inv=["B12, folate, TSH, calcium and glucose normal", "CT head {month}: small vessel disease"],
         ask="Please assess for possible dementia.", pmh=["Hypertension", "Stroke 2016"],
         meds=["Clopidogrel 75 mg once daily", "Simvastatin 40 mg at night", "Indapamide 2.5 mg once daily"],
         dx="Mixed Alzheimer's and vascular dementia", plan="Donepezil 5 mg at night; driving advice given."),
    dict(key="mood", spec="Adult Mental Health", service="Community Mental Health Team", urg="Urgent",
         reason="Low mood and anxiety not responding to treatment",
         hist=["{He} has had low mood, poor sleep and anxiety for {n} months despite two antidepressants at adequate dose.",
               "{He} has passive thoughts that life is not worth living but no plans or intent.",
               "{He} has been off work since {month}."],
         exam="PHQ-9 {phq}, GAD-7 {gad}. Good eye contact, reactive affect.",
         inv=["Talking therapies: completed 8 sessions of CBT"], ask="I would be grateful for your assessment and advice on treatment.",
         pmh=["Irritable bowel syndrome"], meds=["Mirtazapine 30 mg at night", "Propranolol 10 mg three times daily when required"],
         dx="Recurrent depressive disorder, moderate", plan="Switch to venlafaxine; care coordinator allocated."),
    dict(key="foot", spec="Diabetes", service="Diabetes - Foot Protection", urg="Urgent",
         reason="Non-healing diabetic foot ulcer",
         hist=["{He} has a neuropathic ulcer under the right first metatarsal head, present for {n} weeks.",
               "It has been dressed by the practice nurse twice weekly without improvement."],
         exam="1.5 cm ulcer, probe does not reach bone, surrounding callus. Foot pulses weak.",
         inv=["HbA1c {a1c} mmol/mol", "CRP {crp} mg/L"], ask="Please see urgently in the multidisciplinary foot clinic.",
         pmh=["Type 2 diabetes", "Peripheral neuropathy", "CKD stage 3a"],
         meds=["Insulin glargine 28 units at night", "Metformin 1 g twice daily", "Atorvastatin 20 mg at night"],
         dx="Neuropathic ulcer, right foot", plan="Offloading boot fitted; weekly podiatry."),
    dict(key="cataract", spec="Ophthalmology", service="Ophthalmology - Cataract", urg="Routine",
         reason="Bilateral cataracts affecting vision",
         hist=["{He} reports gradually worsening vision and glare when driving at night over {n} months.",
               "{He} would like to consider surgery."],
         exam="VA right 6/18, left 6/24. Nuclear sclerotic cataracts both eyes.",
         inv=["IOP right 16, left 17 mmHg"], ask="Please assess for cataract surgery.",
         pmh=["Type 2 diabetes"], meds=["Metformin 500 mg twice daily"],
         dx="Bilateral age-related cataract", plan="Listed for left phacoemulsification first."),
]


def inst_scenario(sc, pt, r, when):
    """fill a scenario's placeholders for a patient"""
    vals = dict(he=pt.he, He=pt.he.capitalize(), his=pt.his, His=pt.his.capitalize(), him=pt.him,
                he2=pt.his, n=r.randint(2, 9), kg=r.randint(4, 9), units=r.randint(2, 14), bmi="%.1f" % r.uniform(21, 34),
                hb=r.randint(96, 128), ferr=r.randint(5, 18), fit=r.randint(12, 180), mcv=r.randint(72, 84),
                month=MONTHS[(when.month - 3) % 12], py=r.randint(15, 45), bp="%d/%d" % (r.randint(128, 168), r.randint(74, 96)),
                egfr=r.randint(48, 88), tsh="%.2f" % r.uniform(0.6, 3.5), ft4="%.1f" % r.uniform(11, 19), pct=r.randint(5, 30),
                chads=r.randint(2, 5), hr=r.randint(96, 128), year=r.randint(2000, 2018), sat=r.randint(91, 96),
                fev="%.2f" % r.uniform(1.6, 2.6), fevp=r.randint(62, 84), sevenpt=r.randint(3, 5), cit=r.randint(10, 20),
                phq=r.randint(17, 24), gad=r.randint(13, 19), a1c=r.randint(64, 96), crp=r.randint(6, 40))
    f = lambda s: s.format(**vals)
    out = dict(sc)
    out["hist"] = [f(s) for s in sc["hist"]]
    out["exam"] = f(sc["exam"])
    out["inv"] = [f(s) for s in sc["inv"]]
    out["ask"] = f(sc["ask"])
    out["reason"] = f(sc["reason"])
    out["consultant"] = r.choice(CONSULTANTS[sc["spec"]])
    out["allergy"] = r.choice(["No known drug allergies", "Penicillin - rash", "Codeine - vomiting", "NKDA",
                               "Trimethoprim - rash", "No known allergies", "Elastoplast"])
    return out


def pick_scenario(r, pt, key=None):
    ok = [s for s in SCENARIOS if s.get("sex") in (None, pt.sex)]
    if key:
        ok = [s for s in SCENARIOS if s["key"] == key]
    return r.choice(ok)


# --------------------------------------------------------------------------
# per-document context
# --------------------------------------------------------------------------
class Doc:
    def __init__(self, spec):
        self.spec = spec
        n = spec["n"]
        self.n = n
        r = self.r = R("doc", n)
        legacy = spec.get("era") == "legacy"
        self.date = rand_date(r, 1997, 2005) if legacy else rand_date(r, 2013, 2024)
        if spec.get("scenario"):
            sc = [s for s in SCENARIOS if s["key"] == spec["scenario"]][0]
        else:
            sc = r.choice(SCENARIOS)
        older = sc["key"] in ("lowergi", "haematuria", "memory", "cataract", "knee", "copd", "af", "dyspepsia", "foot")
        y1 = self.date.year - (55 if older else 25)
        self.pt = Patient(r, sex=sc.get("sex"), ref_date=self.date, yr=(1920, min(y1, 1960)) if legacy else (1928, y1))
        self.sc = inst_scenario(sc, self.pt, r, self.date)
        self.prac = PRACTICES[spec["practice"]] if "practice" in spec else r.choice(PRACTICES)
        self.gp = r.choice(self.prac["partners"])
        self.trust = r.choice(TRUSTS)
        self.prac_tel, self.prac_fax = ofcom_tel(r), ofcom_tel(r)
        self.hosp_tel = ofcom_tel(r)
        self.nhs_style = spec.get("nhs_style") or r.choice(["spaced", "spaced", "plain", "dashed"])
        self.dob_style = spec.get("dob_style") or r.choice(["slash", "long", "dot2", "mon", "ordlong", "monsp", "slash2"])
        self.nhs_p = fmt_nhs(self.pt.nhs, self.nhs_style)
        self.dob_p = fmt_date(self.pt.dob, self.dob_style)
        self.age = age_at(self.pt.dob, self.date)
        self.ubrn = "%012d" % r.randrange(10 ** 11, 10 ** 12 - 1)
        self.ubrn_p = "%s %s %s" % (self.ubrn[:4], self.ubrn[4:8], self.ubrn[8:])
        self.dist = []
        self.fonts = set()

    def add(self, text, typ):
        if (text, typ) not in self.dist:
            self.dist.append((text, typ))
        return text

    def d(self, style, date=None, typ="letter_date"):
        s = fmt_date(date or self.date, style)
        return self.add(s, typ)

    def before(self, days_lo, days_hi):
        return _dt.date.fromordinal(self.date.toordinal() - self.r.randint(days_lo, days_hi))

    def after(self, days_lo, days_hi):
        return _dt.date.fromordinal(self.date.toordinal() + self.r.randint(days_lo, days_hi))


def nhs_logo(size=20, align="flex-end", colour="#005eb8", mb=4):
    return Graphic('<div style="display:flex;justify-content:%s;margin-bottom:%dpt"><div style="background:%s;color:#fff;'
                   'font-family:\'Liberation Sans\';font-weight:bold;font-style:italic;font-size:%dpt;line-height:%dpt;'
                   'padding:1pt %dpt 0 %dpt;letter-spacing:-0.5pt">NHS</div></div>' % (
                       align, mb, colour, size, int(size * 1.15), size // 4, size // 4), ignore=["NHS"])


def tree_logo(size=40, colour="#2b7a3d"):
    return Graphic('<svg width="%dpt" height="%dpt" viewBox="0 0 40 40" style="display:block">'
                   '<circle cx="20" cy="15" r="12" fill="%s"/><rect x="17.5" y="24" width="5" height="13" fill="%s"/>'
                   '<path d="M4 38 Q20 30 36 38" stroke="%s" stroke-width="2" fill="none"/></svg>' % (size, size, colour, colour, colour))


def cross_logo(size=34, colour="#7a1f2b"):
    return Graphic('<svg width="%dpt" height="%dpt" viewBox="0 0 40 40" style="display:block">'
                   '<circle cx="20" cy="20" r="18" fill="none" stroke="%s" stroke-width="3"/>'
                   '<rect x="16" y="8" width="8" height="24" fill="%s"/><rect x="8" y="16" width="24" height="8" fill="%s"/></svg>' % (
                       size, size, colour, colour, colour))


def trust_letterhead(D, st, dept=None, logo=20):
    t = D.trust
    b = [nhs_logo(logo), Line(t["trust"], S(st, b=True, fs=st["fs"] + 2), "right")]
    b.append(Line(t["hosp"], st, "right"))
    if dept:
        b.append(Line(dept, st, "right"))
    b.append(Line(", ".join(t["addr"]) + " " + t["pc"], S(st, fs=st["fs"] - 1), "right"))
    b.append(Line("Tel: " + D.add(D.hosp_tel, "phone"), S(st, fs=st["fs"] - 1), "right"))
    return b


def practice_header_center(D, st, big=16, rule=True, fax=True):
    p = D.prac
    b = [Line(p["name"], S(st, fs=big, b=True), "center"),
         Line(", ".join(p["addr"]) + ", " + p["pc"], st, "center"),
         Line("Tel: %s%s" % (D.add(D.prac_tel, "phone"), ("   Fax: " + D.add(D.prac_fax, "fax")) if fax else ""), st, "center")]
    if rule:
        b.append(Rule(1.2, mt=4, mb=8))
    return b


def pt_address(D, st, with_name=True):
    p = D.pt
    out = [Line(p.full, st)] if with_name else []
    out += [Line(x, st) for x in p.addr]
    return out


def hospital_addressee(D, st):
    sc = D.sc
    return [Line(sc["consultant"], st), Line("Consultant, " + sc["spec"], st), Line(D.trust["hosp"], st)] + \
        [Line(x, st) for x in D.trust["addr"]] + [Line(D.trust["pc"], st)]


def body_paras(D, st, justify=False, gap=6, with_exam=True, with_inv=True, first=None):
    sc = D.sc
    p = D.pt
    b = []
    intro = first or ("Thank you for seeing this %d-year-old %s. %s" % (
        D.age, "man" if p.sex == "M" else "woman", sc["hist"][0]))
    b.append(Para(intro, st, justify=justify, mt=gap))
    if len(sc["hist"]) > 1:
        b.append(Para(" ".join(sc["hist"][1:]), st, justify=justify, mt=gap))
    if with_exam:
        b.append(Para("On examination: " + sc["exam"], st, justify=justify, mt=gap))
    if with_inv:
        b.append(Para("Recent results: " + "; ".join(sc["inv"]) + ".", st, justify=justify, mt=gap))
    b.append(Para(sc["ask"], st, justify=justify, mt=gap))
    return b


def pmh_meds(D, st, head_st, bullet="-", gap=6):
    sc = D.sc
    b = [Line("Past medical history", head_st, mt=gap)]
    for x in sc["pmh"]:
        b.append(Para(x, st, hang=(bullet, 10)))
    b.append(Line("Current medication", head_st, mt=gap))
    for x in sc["meds"]:
        b.append(Para(x, st, hang=(bullet, 10)))
    b.append(Line("Allergies: " + sc["allergy"], st, mt=gap))
    return b


def signoff(D, st, who=None, role=None, gap=10):
    who = who or D.gp
    return [Line("Yours sincerely", st, mt=gap), Space(30), Line(who, S(st, b=True)),
            Line(role or ("General Practitioner, " + D.prac["name"]), st)]


# --------------------------------------------------------------------------
# layouts (one builder per "kind")
# --------------------------------------------------------------------------
def footer(text, st, W=A4[0], x=50, bottom=24, align="left"):
    return Abs(x, None, W - 2 * x, [Line(text, st, align)], bottom=bottom)


def fax_header(D, page, pages, st=None):
    st = st or dict(ff="Liberation Mono", fs=8, b=True)
    t = "%s %02d:%02d FROM: %s %s P.%03d/%03d" % (
        fmt_date(D.date, "slash"), 8 + D.n % 9, (D.n * 7) % 60, D.prac_fax, D.prac["name"].upper(), page, pages)
    D.add(t, "fax_header")
    return Abs(20, 7, 560, [Line(t, st)])


def b_ers_export(D):
    var = D.spec.get("var", 0)
    sc, p = D.sc, D.pt
    st = dict(ff=["Liberation Sans", "Carlito", "DejaVu Sans", "Nimbus Sans"][var % 4], fs=[9.5, 10.5, 8.8, 9.5][var % 4])
    bold = S(st, b=True)
    h2 = S(st, fs=st["fs"] + 1.5, b=True, color="#1d3d6e")
    grid = "0.6pt solid #777"
    sent = D.d(["slash", "mon", "slash", "monsp"][var % 4])
    top = []
    b = [LR("NHS e-Referral Service", "Referral Letter", S(st, fs=15, b=True), S(st, fs=12, b=True)),
         Rule(1.5, "#005eb8", mt=3, mb=8)]
    rows = [["UBRN", D.add(D.ubrn_p, "ubrn")], ["Priority", sc["urg"]], ["Specialty", sc["spec"]],
            ["Service", sc["service"]], ["Referring Clinician", D.gp],
            ["Referring Organisation", "%s (%s)" % (D.prac["name"], D.add(D.prac["code"], "practice_code"))],
            ["Date Referral Sent", sent]]
    b.append(Table(rows, [150, 330], st, grid=grid, head_st=None))
    b.append(Line("Patient Details", h2, mt=10))
    name = "%s, %s (%s)" % (p.surname.upper(), p.first, p.title)
    if var % 2 == 0:
        prow = [["Name", name], ["NHS Number", D.nhs_p], ["Date of Birth", D.dob_p],
                ["Gender", "Male" if p.sex == "M" else "Female"], ["Address", ", ".join(p.addr)],
                ["Telephone", D.add(p.tel, "phone")]]
        b.append(Table(prow, [150, 330], st, grid=grid))
    else:
        prow = [["Name", name, "Gender", "Male" if p.sex == "M" else "Female"],
                ["NHS Number", D.nhs_p, "Date of Birth", D.dob_p],
                ["Address", ", ".join(p.addr[:2]), "Postcode", p.pc],
                ["Home Tel", D.add(p.tel, "phone"), "Mobile", D.add(p.mob, "phone")]]
        b.append(Table(prow, [95, 175, 90, 120], st, grid=grid))
    b.append(Line("Clinical Information", h2, mt=10))
    b.append(Line("Reason for referral: " + sc["reason"], bold, mt=4))
    b += body_paras(D, st, gap=4, first=sc["hist"][0])
    b += pmh_meds(D, st, bold, gap=5)
    b.append(Line("Referrer: " + D.gp + ", " + D.prac["name"], st, mt=8))
    pr = "Printed %s %02d:%02d from NHS e-Referral Service. Page 1 of 1" % (fmt_date(D.after(0, 6), "slash"), 9 + D.n % 8, D.n % 60)
    D.add(pr, "print_stamp_line")
    return [HPage(A4, (42, 50, 50, 50), b, bottom=[footer(pr, S(st, fs=7.5), x=50)])]


def tick_section(title, st):
    return Line(title, S(st, b=True, color="#fff"), css="background:#333;padding:1pt 3pt", mt=6)


def b_tickbox(D):
    var = D.spec.get("var", "lowergi")
    sc, p = D.sc, D.pt
    st = dict(ff="Liberation Sans Narrow" if var == "breast" else "Liberation Sans", fs=9)
    bold = S(st, b=True)
    title = {"lowergi": "Suspected Lower Gastrointestinal Cancer Referral",
             "breast": "Suspected Breast Cancer Referral Form",
             "msk": "Musculoskeletal Triage Referral Proforma"}[var]
    grid = "0.7pt solid #000"
    pages = []
    b = [Cols([(None, [Line(D.trust["trust"], S(st, b=True, fs=11)),
                       Line(title, S(st, fs=13.5, b=True, color="#005eb8"))]),
               (60, [nhs_logo(18, mb=0)])], gap=8, valign="center")]
    if var != "msk":
        b.append(Line("Two Week Wait - please send within 24 hours of the decision to refer", S(st, i=True), mt=3))
    b.append(tick_section("Patient details", st))
    rows = [["Surname", p.surname.upper(), "Forename(s)", (p.first + " " + p.middle).strip()],
            ["Date of birth", D.dob_p, "NHS number", D.nhs_p],
            ["Address", "%d %s" % (p.house, p.street), "Town", p.town],
            ["Postcode", p.pc, "Telephone", D.add(p.tel, "phone")]]
    b.append(Table(rows, [80, 160, 80, 160], st, grid=grid, mt=2))
    b.append(tick_section("Referrer details", st))
    rows = [["GP name", D.gp, "Practice code", D.add(D.prac["code"], "practice_code")],
            ["Practice", D.prac["name"], "Telephone", D.add(D.prac_tel, "phone")],
            ["Date of decision to refer", D.d("slash"), "Fax", D.add(D.prac_fax, "fax")]]
    b.append(Table(rows, [115, 155, 75, 135], st, grid=grid, mt=2))
    r = R("ticks", D.n)
    if var == "lowergi":
        crit = [("Age 40 and over with unexplained weight loss and abdominal pain", False),
                ("Age 50 and over with unexplained rectal bleeding", True),
                ("Age 60 and over with iron deficiency anaemia", r.random() < 0.5),
                ("Age 60 and over with change in bowel habit", True),
                ("Positive faecal immunochemical test (FIT)", True),
                ("Rectal or abdominal mass", False),
                ("Unexplained anal mass or anal ulceration", False)]
    elif var == "breast":
        crit = [("Aged 30 and over with an unexplained breast lump", True),
                ("Aged 50 and over with nipple discharge, retraction or other concerning change", False),
                ("Skin changes suggestive of breast cancer", False),
                ("Aged 30 and over with an unexplained lump in the axilla", False),
                ("Male patient with unilateral breast lump", False)]
    else:
        crit = [("Knee", D.sc["key"] == "knee"), ("Hip", False), ("Spine", D.sc["key"] == "sciatica"),
                ("Shoulder", False), ("Hand / wrist", False), ("Foot / ankle", D.sc["key"] == "foot")]
    if var == "msk":
        b.append(tick_section("Body area", st))
        b.append(Ticks(crit[:3], st, gap=30))
        b.append(Ticks(crit[3:], st, gap=30))
        b.append(tick_section("Red flags (tick if present)", st))
        b.append(Ticks([("Cauda equina symptoms", False), ("Fever", False), ("Weight loss", False),
                        ("History of cancer", False)], st, gap=16))
    else:
        b.append(tick_section("Referral criteria (tick all that apply)", st))
        for c in crit:
            b.append(Ticks([c], st, mt=2))
    b.append(tick_section("Clinical details", st))
    inner = [Para(s, st) for s in [D.sc["hist"][0]] + D.sc["hist"][1:2]] + [Para("O/E: " + D.sc["exam"], st)]
    b.append(Group(inner, css="border:0.7pt solid #000;min-height:60pt", pad=(3, 4, 3, 4)))
    if var == "lowergi":
        pages.append(HPage(A4, (36, 44, 40, 44), b, bottom=[footer("Version 4.2 - Page 1 of 2", S(st, fs=7.5), x=44)]))
        b = [Line(title + " (continued)", S(st, fs=11, b=True)),
             Line("Patient: %s %s   NHS number: %s" % (p.first, p.surname.upper(), D.nhs_p), st, mt=2)]
        b.append(tick_section("Investigations", st))
        rows = [["Test", "Result", "Date"]]
        for k, x in enumerate(D.sc["inv"]):
            nm, _, val = x.partition(" ")
            rows.append([nm, val, D.d("slash", D.before(5, 40), "test_date")])
        b.append(Table(rows, [120, 200, 100], st, grid=grid, head_st=bold, mt=2))
        b.append(tick_section("Performance status (WHO)", st))
        b.append(Ticks([("0", True), ("1", False), ("2", False), ("3", False), ("4", False)], st, gap=26))
        b.append(tick_section("Anticoagulants / diabetes", st))
        b.append(Ticks([("Anticoagulant", False), ("Antiplatelet", False), ("Diabetic", True),
                        ("Insulin", False)], st, gap=22))
        b.append(tick_section("Current medication", st))
        for x in D.sc["meds"]:
            b.append(Para(x, st, hang=("-", 10)))
        b.append(tick_section("Patient information", st))
        b.append(Ticks([("Patient informed of possible cancer referral", True)], st))
        b.append(Ticks([("Patient available in the next 14 days", True)], st))
        b.append(Ticks([("Interpreter required", False)], st, lead="Language: English"))
        b.append(Line("Signed: ........................................   Date: " + D.d("slash"), st, mt=18))
        pages.append(HPage(A4, (40, 44, 40, 44), b, bottom=[footer("Version 4.2 - Page 2 of 2", S(st, fs=7.5), x=44)]))
    else:
        b.append(Line("Signed: ..........................................  " + D.gp, st, mt=14))
        pages.append(HPage(A4, (36, 44, 40, 44), b, bottom=[footer("Version 3.1 - Page 1 of 1", S(st, fs=7.5), x=44)]))
    return pages


def b_dictated(D):
    """a classic dictated GP letter, letterhead centred or with a logo"""
    var = D.spec.get("var", 0)
    sc, p = D.sc, D.pt
    fam = D.spec.get("font") or ["Liberation Serif", "C059", "P052", "Caladea", "EB Garamond", "Linux Libertine O"][var % 6]
    st = dict(ff=fam, fs=D.spec.get("fs", 11))
    if D.spec.get("thin"):
        st = dict(ff="DejaVu Sans", fs=9.5, w=200)
    bold = S(st, b=True, w=None)
    ht = 0
    b = []
    if var % 3 == 0:
        b += [Cols([(50, [tree_logo(44)]), (None, practice_header_center(D, st, 17, rule=False))], gap=6, valign="center"),
              Rule(1.0, mt=4, mb=10)]
        ht = 95
    elif var % 3 == 1:
        b += practice_header_center(D, st, 15)
        ht = 80
    else:
        b += [Graphic('<div style="height:6pt;background:#2b6cb0;margin-bottom:6pt"></div>'),
              LR(D.prac["name"], "Tel " + D.add(D.prac_tel, "phone"), S(st, fs=15, b=True, w=None), st),
              LR(", ".join(D.prac["addr"]) + ", " + D.prac["pc"], "Fax " + D.add(D.prac_fax, "fax"), st),
              Rule(0.8, "#2b6cb0", mt=6, mb=10)]
        ht = 70
    b.append(Cols([(None, hospital_addressee(D, st)),
                   (150, [Line("Our ref: " + D.add("%s/%s" % ("".join(w[0] for w in D.gp.split()[1:]), p.surname[:3].upper()), "reference"), st, "right"),
                          Line(D.d(["long", "ordlong", "slash"][var % 3]), st, "right", mt=4)])], gap=20))
    b.append(Line("Dear " + sc["consultant"].split()[0] + " " + sc["consultant"].split()[-1], st, mt=14))
    re_st = bold
    if var % 2 == 0:
        b.append(Line("Re: %s %s %s, DOB %s" % (p.title, p.first, p.surname, D.dob_p), re_st, mt=8))
        b.append(Line("%s, %s" % (", ".join(p.addr[:2]), p.pc), re_st))
        b.append(Line("NHS No: " + D.nhs_p, re_st))
    else:
        b.append(Line("Re: %s %s %s" % (p.title, p.first, p.surname.upper()), re_st, mt=8))
        b.append(Line("Date of Birth: %s    NHS Number: %s" % (D.dob_p, D.nhs_p), re_st))
        b.append(Line(", ".join(p.addr), re_st))
    b += body_paras(D, st, justify=(var % 2 == 1), gap=7)
    b += [Line("Past history: " + ", ".join(sc["pmh"]) + ".", st, mt=7)] if len(", ".join(sc["pmh"])) < 60 else []
    b.append(Para("Medication: " + "; ".join(sc["meds"]) + ". " + sc["allergy"] + ".", st, mt=7))
    b += signoff(D, st)
    D.halftone_h = ht + 40
    return [HPage(A4 if not D.spec.get("letter") else LETTER, (40, 62, 40, 66), b, halftone_h=ht + 40,
                  bottom=[footer("Practice code %s" % D.add(D.prac["code"], "practice_code"), S(st, fs=7.5, w=None), align="center")])]


def b_soap(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff=["Nimbus Sans", "FreeSans", "Liberation Sans"][var % 3], fs=10)
    bold = S(st, b=True)
    b = [LR(D.prac["name"], "Referral", S(st, fs=14, b=True), S(st, fs=14)),
         Line(", ".join(D.prac["addr"]) + " " + D.prac["pc"] + "  Tel " + D.add(D.prac_tel, "phone"), S(st, fs=8.5)),
         Rule(0.8, mt=4, mb=6)]
    rows = [["Patient", "%s %s %s" % (p.title, p.first, p.surname), "D.O.B.", D.dob_p],
            ["NHS No.", D.nhs_p, "Consulted", D.d("slash")],
            ["To", sc["service"], "Urgency", sc["urg"]]]
    b.append(Table(rows, [60, 190, 70, 150], st, align=None))
    b.append(Rule(0.5, mt=4, mb=4))
    lw = 26
    b.append(Para(" ".join(sc["hist"]), st, hang=("S:", lw), mt=6))
    b.append(Para(sc["exam"] + " " + "; ".join(sc["inv"]) + ".", st, hang=("O:", lw), mt=6))
    b.append(Para(sc["reason"] + ".", st, hang=("A:", lw), mt=6))
    b.append(Para("Refer. " + sc["ask"], st, hang=("P:", lw), mt=6))
    b.append(Line("PMH", bold, mt=10))
    for x in sc["pmh"]:
        b.append(Para(x, st, hang=("-", 10)))
    b.append(Line("Repeat medication", bold, mt=6))
    rows = [["Drug", "Last issued"]] + [[x, D.d("slash", D.before(3, 60), "issue_date")] for x in sc["meds"]]
    b.append(Table(rows, [330, 100], st, head_st=bold, grid="0.5pt solid #999"))
    b.append(Line("Allergies: " + sc["allergy"], st, mt=6))
    b.append(Line(D.gp + " (electronically signed)", st, mt=16))
    return [HPage(A4, (48, 54, 48, 54), b, bottom=[footer("Page 1 of 1", S(st, fs=8), align="right")])]


def consult_entries(D, n=3):
    r = R("consult", D.n)
    texts = ["Review of symptoms. " + D.sc["hist"][0], "Telephone consultation. Discussed results and plan.",
             "Bloods taken by HCA. " + D.sc["inv"][0] + ".", "Medication review. No changes made.",
             "Seen by practice nurse. BP " + "%d/%d" % (r.randint(125, 160), r.randint(70, 95)) + ".",
             "Patient reports ongoing symptoms; referral discussed and agreed."]
    out = []
    d = D.date
    for k in range(n):
        d = _dt.date.fromordinal(d.toordinal() - r.randint(4, 40))
        out.append((d, r.choice(D.prac["partners"]), texts[(k * 2 + D.n) % len(texts)]))
    return out


def b_emis(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff="DejaVu Sans" if var == 0 else "Liberation Sans", fs=8.6 if var == 0 else 9.2)
    bold = S(st, b=True)
    sec = S(st, b=True, fs=st["fs"] + 1.5, color="#004a80")
    b = [LR("Referral Letter", D.prac["name"], S(st, fs=14, b=True), S(st, b=True)),
         LR("Generated %s by %s" % (D.d("monsp"), D.gp), ", ".join(D.prac["addr"]) + " " + D.prac["pc"], S(st, fs=7.5), S(st, fs=7.5)),
         Rule(1.0, "#004a80", mt=3, mb=6)]
    name = "%s, %s %s (%s)" % (p.surname.upper(), p.first, p.middle, p.title)
    rows = [["Name", norm(name), "NHS Number", D.nhs_p],
            ["Date of Birth", D.dob_p, "Age", "%dy" % D.age],
            ["Address", ", ".join(p.addr), "", ""],
            ["Usual GP", D.gp, "Home phone", D.add(p.tel, "phone")]]
    b.append(Table(rows, [70, 220, 75, 120], st, zebra="#eef3f8"))
    b.append(Line("To: " + sc["service"] + ", " + D.trust["hosp"], bold, mt=8))
    b.append(Line("Problem", sec, mt=8))
    b += [Para(sc["reason"] + ". " + " ".join(sc["hist"]), st, mt=2)]
    b.append(Line("Active Problems", sec, mt=8))
    rows = [["Date", "Problem", "Status"]]
    for x in sc["pmh"]:
        rows.append([D.d("monsp", rand_date(R("pmh", D.n, x), 1995, D.date.year - 1), "problem_date"), x, "Active"])
    b.append(Table(rows, [80, 300, 80], st, head_st=bold, grid="0.5pt solid #bbb"))
    b.append(Line("Current Medication", sec, mt=8))
    rows = [["Drug / dosage", "Type", "Last issued"]]
    for x in sc["meds"]:
        rows.append([x, "Repeat", D.d("monsp", D.before(5, 70), "issue_date")])
    b.append(Table(rows, [300, 60, 100], st, head_st=bold, grid="0.5pt solid #bbb"))
    b.append(Line("Allergies and Adverse Reactions", sec, mt=8))
    b.append(Line(sc["allergy"], st))
    ents = consult_entries(D, 3 if var == 0 else 4)
    pages = []
    if var == 0:
        b.append(Line("Recent Consultations", sec, mt=8))
        for d, who, t in ents:
            b.append(Line("%s  %s" % (D.d("monsp", d, "consultation_date"), who), bold, mt=3))
            b.append(Para(t, st))
        b.append(Line("Examination and values", sec, mt=8))
        b.append(Para(sc["exam"], st))
        pages.append(HPage(A4, (40, 46, 44, 46), b, bottom=[footer("EMIS Web - Page 1 of 2 - Confidential", S(st, fs=7), x=46)]))
        b = [LR("%s, %s" % (p.surname.upper(), p.first), "NHS Number: " + D.nhs_p, bold, bold), Rule(0.6, mt=2, mb=6)]
        b.append(Line("Investigation Results", sec, mt=4))
        rows = [["Date", "Test", "Result"]]
        for x in sc["inv"]:
            nm, _, val = x.partition(" ")
            rows.append([D.d("monsp", D.before(5, 50), "test_date"), nm, val])
        b.append(Table(rows, [80, 120, 260], st, head_st=bold, grid="0.5pt solid #bbb"))
        b.append(Line("Request", sec, mt=8))
        b.append(Para(sc["ask"], st))
        b.append(Line("Referrer", sec, mt=8))
        b.append(Line(D.gp + ", " + D.prac["name"] + " (" + D.add(D.prac["code"], "practice_code") + ")", st))
        b.append(Line("Tel: " + D.add(D.prac_tel, "phone") + "  Fax: " + D.add(D.prac_fax, "fax"), st))
        pages.append(HPage(A4, (40, 46, 44, 46), b, bottom=[footer("EMIS Web - Page 2 of 2 - Confidential", S(st, fs=7), x=46)]))
    else:
        b.append(Line("Request", sec, mt=8))
        b.append(Para(sc["ask"], st))
        b.append(Line(D.gp + "  Tel: " + D.add(D.prac_tel, "phone"), st, mt=10))
        pages.append(HPage(A4, (40, 46, 44, 46), b, bottom=[footer("EMIS Web - Page 1 of 1 - Confidential", S(st, fs=7), x=46)]))
    return pages


def b_systmone(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff="Liberation Sans" if var == 0 else "FreeSans", fs=9.3)
    bold = S(st, b=True)
    band = S(st, b=True, color="#fff")
    pages = []
    banner = Group([LR("%s %s (%s)" % (p.first, p.surname.upper(), p.title), "NHS No: " + D.nhs_p, band, band),
                    LR("Born: " + D.dob_p + " (%d yrs)" % D.age, ", ".join(p.addr), S(band, b=False), S(band, b=False))],
                   css="background:#3d5a80", pad=(4, 6, 4, 6))
    b = [LR(D.prac["name"], "Clinical Referral", S(st, fs=13, b=True), S(st, fs=13)),
         Line(", ".join(D.prac["addr"]) + ", " + D.prac["pc"] + "   Tel " + D.add(D.prac_tel, "phone"), S(st, fs=8)),
         Space(6), banner]
    b.append(Table([["Referral date", D.d("dash"), "Referred to", sc["spec"]],
                    ["Priority", sc["urg"], "Referrer", D.gp]], [80, 150, 80, 170], st, mt=6))
    b.append(Line("History", bold, mt=6))
    b.append(Para(" ".join(sc["hist"]), st))
    b.append(Line("Examination", bold, mt=6))
    b.append(Para(sc["exam"], st))
    b.append(Line("Reason for referral", bold, mt=6))
    b.append(Para(sc["reason"] + ". " + sc["ask"], st))
    b.append(Line("Medication (repeat templates)", bold, mt=6))
    rows = [["Start date", "Medication", "Quantity"]]
    for x in sc["meds"]:
        rows.append([D.d("dash", rand_date(R("med", D.n, x), 2008, D.date.year - 1), "start_date"), x, "%d tablet" % (28 * R("q", x).randint(1, 4))])
    b.append(Table(rows, [80, 310, 90], st, head_st=bold, grid="0.5pt solid #999"))
    b.append(Line("Sensitivities: " + sc["allergy"], st, mt=5))
    pr = "Printed by %s on %s - SystmOne" % (D.gp, D.d("dash"))
    if var == 0:
        pages.append(HPage(A4, (40, 46, 46, 46), b, bottom=[footer(pr + " - Page 1 of 2", S(st, fs=7), x=46)]))
        b = [banner, Line("Coded entries (last 12 months)", bold, mt=8)]
        rows = [["Date", "Code", "Description", "Value"]]
        r = R("codes", D.n)
        for k, (desc, val) in enumerate([("Blood pressure", "%d/%d mmHg" % (r.randint(128, 158), r.randint(72, 92))),
                                         ("Body weight", "%.1f kg" % r.uniform(58, 104)), ("Smoking status", "Ex-smoker"),
                                         ("Alcohol intake", "%d units/week" % r.randint(0, 20)),
                                         ("Serum creatinine", "%d umol/L" % r.randint(62, 118)),
                                         ("Haemoglobin", "%d g/L" % r.randint(105, 150))]):
            rows.append([D.d("dash", D.before(10, 300), "coded_entry_date"), "X%04d" % r.randrange(10000), desc, val])
        b.append(Table(rows, [75, 60, 200, 140], st, head_st=bold, grid="0.5pt solid #999"))
        b.append(Line("Investigations", bold, mt=8))
        for x in sc["inv"]:
            b.append(Para(x, st, hang=("-", 10)))
        b.append(Line(D.gp, bold, mt=20))
        b.append(Line(D.prac["name"], st))
        pages.append(HPage(A4, (40, 46, 46, 46), b, bottom=[footer(pr + " - Page 2 of 2", S(st, fs=7), x=46)]))
    else:
        pages.append(HPage(A4, (40, 46, 46, 46), b, bottom=[footer(pr + " - Page 1 of 1", S(st, fs=7), x=46)]))
    return pages


def b_vision(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff="Liberation Mono" if var == 0 else "DejaVu Sans Mono", fs=8.6 if var == 0 else 8.2)
    bold = S(st, b=True)
    b = [Line("VISION - REFERRAL LETTER", S(st, b=True, fs=11), "center"), Rule(0.8, mt=3, mb=6),
         Line("%-14s %s" % ("Practice:", D.prac["name"]), st),
         Line("%-14s %s" % ("", ", ".join(D.prac["addr"]) + " " + D.prac["pc"]), st),
         Line("%-14s %s" % ("Telephone:", D.add(D.prac_tel, "phone")), st), Space(6),
         Line("%-14s %s" % ("Patient:", "%s %s %s" % (p.title, p.first, p.surname.upper())), bold),
         Line("%-14s %s" % ("DoB:", D.dob_p), bold),
         Line("%-14s %s" % ("NHS no:", D.nhs_p), bold),
         Line("%-14s %s" % ("Address:", ", ".join(p.addr)), st),
         Line("%-14s %s" % ("Reg. GP:", D.gp), st), Space(6),
         Line("%-14s %s" % ("To:", sc["consultant"] + ", " + sc["spec"]), st),
         Line("%-14s %s" % ("", D.trust["hosp"]), st),
         Line("%-14s %s" % ("Date:", D.d("slash")), st), Rule(0.5, mt=5, mb=5)]
    b.append(Para("Dear Colleague, " + " ".join(sc["hist"]), st))
    b.append(Para("O/E " + sc["exam"], st, mt=5))
    b.append(Para(sc["ask"], st, mt=5))
    b.append(Line("ACTIVE PROBLEMS", bold, mt=8))
    for x in sc["pmh"]:
        b.append(Line("  %s  %s" % (D.d("slash", rand_date(R("pm", D.n, x), 1998, D.date.year - 1), "problem_date"), x), st))
    b.append(Line("REPEAT MEDICATION", bold, mt=6))
    for x in sc["meds"]:
        b.append(Line("  " + x, st))
    b.append(Line("ALLERGIES", bold, mt=6))
    b.append(Line("  " + sc["allergy"], st))
    pages = []
    if var == 1:
        pages.append(HPage(A4, (46, 50, 46, 58), b, bottom=[footer("Page 1 of 2", st, align="right")]))
        b = [Line("%s %s %s   DoB %s" % (p.title, p.first, p.surname.upper(), D.dob_p), bold),
             Rule(0.5, mt=3, mb=6), Line("RECENT RESULTS", bold)]
        for x in sc["inv"]:
            b.append(Line("  %s  %s" % (D.d("slash", D.before(4, 40), "test_date"), x), st))
        b.append(Line("RECENT JOURNAL", bold, mt=6))
        for d, who, t in consult_entries(D, 4):
            b.append(Line("  %s  %s" % (D.d("slash", d, "consultation_date"), who), st))
            b.append(Para(t, st, indent=22))
        b.append(Line("Yours faithfully", st, mt=12))
        b.append(Line(D.gp, st, mt=24))
        pages.append(HPage(A4, (46, 50, 46, 58), b, bottom=[footer("Page 2 of 2", st, align="right")]))
    else:
        b.append(Line("Yours faithfully", st, mt=12))
        b.append(Line(D.gp, st, mt=24))
        pages.append(HPage(A4, (46, 50, 46, 58), b, bottom=[footer("Page 1 of 1", st, align="right")]))
    return pages


def b_terse(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff=["Carlito", "URW Gothic", "Nimbus Sans Narrow"][var % 3], fs=11)
    b = [Graphic('<div style="height:22pt;background:#c9e3c6;margin-bottom:4pt"></div>'),
         Line(D.prac["name"], S(st, fs=16, b=True)), Line("Tel " + D.add(D.prac_tel, "phone"), S(st, fs=9)),
         Space(16), Line(D.d("slash2"), st, "right"), Line("Dear " + sc["spec"] + " team,", st, mt=10)]
    nl = ["NHS No %s" % D.nhs_p, "DOB %s" % D.dob_p] if var % 2 == 0 else ["DOB: %s  NHS: %s" % (D.dob_p, D.nhs_p)]
    b.append(Line("Re: %s %s, %s" % (p.first, p.surname, p.pc), S(st, b=True), mt=8))
    for x in nl:
        b.append(Line(x, S(st, b=True)))
    short = {"dyspepsia": "Pls see - dyspepsia, wt loss %s kg, Hb low. ? OGD." % sc["hist"][1].split()[5] if False else "Pls see - dyspepsia with wt loss. Hb low. ? OGD.",
             }.get(sc["key"], "Pls see - " + sc["reason"].lower() + ".")
    b.append(Para(short, st, mt=10))
    b.append(Para("Hx: " + sc["hist"][0], st, mt=4))
    b.append(Para("Meds: " + ", ".join(m.split(" ")[0] for m in sc["meds"]) + ". " + sc["allergy"] + ".", st, mt=4))
    b.append(Line("Thanks,", st, mt=10))
    b.append(Line(D.gp, st, mt=18))
    return [HPage(A4, (40, 60, 40, 60), b)]


def b_two_page(D):
    """two-page letter whose first page is mostly letterhead and addresses"""
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    fam = ["Liberation Serif", "Nimbus Roman", "Caladea"][var % 3]
    st = dict(ff=fam, fs=11)
    small = S(st, fs=8.5)
    bold = S(st, b=True)
    b = []
    b.append(Cols([(None, [Line(D.prac["name"], S(st, fs=20, b=True, color="#5b2333")),
                           Line("General Medical Practitioners", S(st, i=True))]),
                   (44, [cross_logo(40)])], gap=10, valign="center"))
    b.append(Rule(2.0, "#5b2333", mt=6, mb=6))
    b.append(Cols([(None, [Line(x, small) for x in D.prac["partners"]]),
                   (None, [Line(x, small, "right") for x in D.prac["addr"] + [D.prac["pc"]]] +
                    [Line("Telephone " + D.add(D.prac_tel, "phone"), small, "right"),
                     Line("Facsimile " + D.add(D.prac_fax, "fax"), small, "right")])], gap=20))
    b.append(Space(34))
    b.append(Line("PRIVATE AND CONFIDENTIAL", bold))
    b += hospital_addressee(D, st)
    b.append(Space(14))
    b.append(Line(D.d(["ordlong", "long", "slash"][var % 3]), st, "right"))
    b.append(Line("Dear " + sc["consultant"], st, mt=18))
    if var % 3 == 2:
        rows = [["Patient:", "%s %s %s" % (p.title, p.first, p.surname)], ["Born:", D.dob_p],
                ["NHS Number:", D.nhs_p], ["Hospital No:", D.add(p.hosp, "hospital_number")], ["Address:", ", ".join(p.addr)]]
        b.append(Table(rows, [90, 300], bold, mt=10))
    else:
        b.append(Line("Re: %s %s %s   D.O.B. %s" % (p.title, p.first, p.surname, D.dob_p), bold, mt=10))
        b.append(Line("NHS No. %s   Hosp. No. %s" % (D.nhs_p, D.add(p.hosp, "hospital_number")), bold))
        b.append(Line(", ".join(p.addr), bold))
    b.append(Para("Thank you for seeing this %d-year-old %s whom I would be grateful if you could assess with regard to: %s." % (
        D.age, "gentleman" if p.sex == "M" else "lady", sc["reason"].lower()), st, mt=10))
    pages = [HPage(A4, (44, 60, 44, 60), b, halftone_h=120, bottom=[footer("continued overleaf", S(st, i=True, fs=9), align="right", x=60)])]
    b = [LR("%s %s" % (p.first, p.surname), "NHS No. %s" % D.nhs_p, small, small), LR(D.d(["ordlong", "long", "slash"][var % 3]), "Page 2", small, small),
         Rule(0.5, mt=2, mb=10)]
    b += body_paras(D, st, justify=True, gap=8, first=sc["hist"][0])
    b += pmh_meds(D, st, bold, gap=8)
    b += signoff(D, st)
    b.append(Line("cc: Patient", S(st, fs=9), mt=14))
    pages.append(HPage(A4, (44, 60, 44, 60), b))
    return pages


def b_sidebar(D):
    """letterhead with the partners listed down a left sidebar (two columns)"""
    sc, p = D.sc, D.pt
    st = dict(ff="Linux Libertine O", fs=10.5)
    side = dict(ff="Linux Biolinum O", fs=8.2)
    left = [Line("Partners", S(side, b=True))] + [Line(x, side) for x in D.prac["partners"]] + \
        [Line("Practice Manager", S(side, b=True), mt=10), Line("Mrs J. Ainsworth", side),
         Line("Surgery hours", S(side, b=True), mt=10), Line("Mon-Fri 8.00 - 18.30", side),
         Line("Enquiries", S(side, b=True), mt=10), Line(D.add(D.prac_tel, "phone"), side),
         Line("Prescriptions", S(side, b=True), mt=10), Line(D.add(ofcom_tel(R("rx", D.n)), "phone"), side)]
    right = [Line(D.prac["name"], S(st, fs=17, b=True)), Line(", ".join(D.prac["addr"]) + ", " + D.prac["pc"], S(st, fs=9)),
             Rule(0.6, mt=4, mb=14)] + hospital_addressee(D, st)
    right += [Line(D.d("long"), st, "right", mt=8), Line("Dear Colleague", st, mt=10),
              Line("%s %s %s" % (p.title, p.first, p.surname), S(st, b=True), mt=8),
              Line("DOB: " + D.dob_p, S(st, b=True)), Line("NHS Number: " + D.nhs_p, S(st, b=True)),
              Line(", ".join(p.addr), S(st, b=True))]
    right += body_paras(D, st, gap=6)
    right += [Para("Medication: " + "; ".join(sc["meds"]) + ".", st, mt=6)]
    right += signoff(D, st, gap=8)
    return [HPage(A4, (40, 46, 40, 36), [Cols([(100, left), (None, right)], gap=18)],
                  bottom=[footer("Registered with the Care Quality Commission", S(side, fs=7), align="center")])]


def b_optom(D):
    sc, p = D.sc, D.pt
    st = dict(ff="Nimbus Sans", fs=9)
    bold = S(st, b=True)
    grid = "0.7pt solid #444"
    b = [Line("Optometrist Referral to Hospital Eye Service", S(st, fs=14, b=True)),
         Line("GOS 18 style referral - please complete in block capitals", S(st, i=True)), Rule(0.8, mt=4, mb=4)]
    b.append(Table([["Patient surname", p.surname.upper(), "First name", p.first.upper()],
                    ["Date of birth", D.dob_p, "NHS no.", D.nhs_p],
                    ["Address", ("%d %s" % (p.house, p.street)).upper(), "Postcode", p.pc],
                    ["Telephone", D.add(p.tel, "phone"), "GP", D.gp]], [85, 155, 70, 170], st, grid=grid))
    r = R("va", D.n)
    b.append(Line("Visual acuity and refraction", bold, mt=8))
    b.append(Table([["", "Sph", "Cyl", "Axis", "Add", "VA"],
                    ["Right", "%+.2f" % r.choice([-2.5, -1.25, 0.5, 1.75]), "-0.75", "%d" % r.randint(5, 175), "+2.50", "6/18"],
                    ["Left", "%+.2f" % r.choice([-2.0, -0.75, 0.25, 2.0]), "-0.50", "%d" % r.randint(5, 175), "+2.50", "6/24"]],
                   [60, 60, 60, 60, 60, 60], st, grid=grid, head_st=bold, align=["left"] + ["center"] * 5))
    b.append(Line("Reason for referral", bold, mt=8))
    b.append(Ticks([("Cataract", True), ("Glaucoma", False), ("AMD", False), ("Diabetic eye disease", False), ("Other", False)], st, gap=16))
    b.append(Group([Para(" ".join(sc["hist"]) + " " + sc["exam"], st)], css="border:0.7pt solid #444;min-height:70pt", pad=(3, 4, 3, 4)))
    b.append(Line("Patient wishes to be referred for surgery:", st, mt=6))
    b.append(Ticks([("Yes", True), ("No", False)], st, gap=20))
    b.append(Table([["Optometrist", "J. Whitfield MCOptom", "GOC no.", D.add("01-%05d" % r.randrange(100000), "goc_number")],
                    ["Practice", "Harbridge Eyecare, 9 Market Place, Harbridge ZX3 1PL", "", ""],
                    ["Telephone", D.add(ofcom_tel(r), "phone"), "Date", D.d("slash")]], [70, 250, 50, 110], st, grid=grid, mt=8))
    return [HPage(A4, (42, 48, 42, 48), b, bottom=[footer("Copy 1: Hospital   Copy 2: GP   Copy 3: Patient", S(st, fs=7.5))])]


def b_mh_form(D):
    sc, p = D.sc, D.pt
    st = dict(ff="Carlito", fs=10)
    bold = S(st, b=True)
    grid = "0.7pt solid #6a1b4d"
    hdr = S(st, b=True, fs=11, color="#6a1b4d")
    pages = []
    b = [Cols([(None, [Line("Community Mental Health Team", S(st, fs=15, b=True, color="#6a1b4d")),
                       Line("Single Point of Access - Referral Form", S(st, fs=12))]), (70, [nhs_logo(18, mb=0)])], gap=6),
         Line(D.trust["trust"], S(st, fs=9), mt=2), Rule(1.2, "#6a1b4d", mt=4, mb=4)]
    b.append(Line("Section 1: Service user details", hdr, mt=4))
    b.append(Table([["Name", "%s %s %s" % (p.title, p.first, p.surname)], ["Date of Birth", D.dob_p],
                    ["NHS Number", D.nhs_p], ["Address", ", ".join(p.addr)], ["Telephone / mobile", D.add(p.mob, "phone")],
                    ["Preferred language", "English"], ["Next of kin", "%s %s (%s)" % (R("nok", D.n).choice(FIRST_F + FIRST_M), p.surname, "partner")]],
                   [140, 345], st, grid=grid))
    b.append(Line("Section 2: Referrer", hdr, mt=8))
    b.append(Table([["Referrer", D.gp, "Date", D.d("slash")], ["Practice", D.prac["name"], "Tel", D.add(D.prac_tel, "phone")]],
                   [70, 230, 40, 145], st, grid=grid))
    b.append(Line("Section 3: Urgency", hdr, mt=8))
    b.append(Ticks([("Emergency (4 hours)", False), ("Urgent (within 7 days)", True), ("Routine (28 days)", False)], st, gap=18))
    b.append(Line("Section 4: Risk", hdr, mt=8))
    b.append(Table([["Risk", "None", "Low", "Medium", "High"], ["Risk to self", "", "", "X", ""],
                    ["Risk to others", "X", "", "", ""], ["Risk from others", "X", "", "", ""], ["Self neglect", "", "X", "", ""]],
                   [165, 80, 80, 80, 80], st, grid=grid, head_st=bold, align=["left", "center", "center", "center", "center"]))
    pages.append(HPage(A4, (40, 50, 44, 50), b, bottom=[footer("SPA referral form v7 - page 1 of 2", S(st, fs=7.5))]))
    b = [LR("Service user: %s %s" % (p.first, p.surname), "NHS Number: " + D.nhs_p, bold, bold), Rule(0.8, "#6a1b4d", mt=3, mb=6),
         Line("Section 5: Reason for referral", hdr)]
    b.append(Group([Para(x, st) for x in sc["hist"]] + [Para(sc["exam"], st, mt=4), Para(sc["ask"], st, mt=4)],
                   css="border:0.7pt solid #6a1b4d", pad=(4, 5, 4, 5)))
    b.append(Line("Section 6: Current medication", hdr, mt=8))
    b.append(Table([["Medication", "Started"]] + [[x, D.d("slash", D.before(30, 400), "start_date")] for x in sc["meds"]],
                   [360, 125], st, grid=grid, head_st=bold))
    b.append(Line("Section 7: Physical health", hdr, mt=8))
    b.append(Para("Past medical history: " + ", ".join(sc["pmh"]) + ". Allergies: " + sc["allergy"] + ".", st))
    b.append(Line("Section 8: Consent", hdr, mt=8))
    b.append(Ticks([("Service user is aware of and consents to this referral", True)], st))
    b.append(Ticks([("Service user consents to information sharing with carers", False)], st))
    b.append(Line("Please return completed form to the SPA. Tel " + D.add(D.hosp_tel, "phone"), S(st, i=True), mt=12))
    pages.append(HPage(A4, (40, 50, 44, 50), b, bottom=[footer("SPA referral form v7 - page 2 of 2", S(st, fs=7.5))]))
    return pages


def ps_center(pg, row, text):
    pg.put(row, max(0, (pg.ncols - len(text)) // 2), text)


def ps_right(pg, row, text):
    pg.put(row, pg.ncols - len(text), text)


def b_typewriter(D):
    """legacy typed letter (referral from GP, or clinic letter from a consultant)"""
    sc, p = D.sc, D.pt
    clinic = D.spec["type"] == "clinic_letter"
    font = D.spec.get("font", "Courier")
    D.fonts.add({"Courier": "Nimbus Mono PS (Courier)", "GNUTypewriter": "GNUTypewriter"}[font])
    pages = []
    pg = PSPage("typewriter", A4, left=68, top=64, seed="tw%d" % D.n, font=font, ink=D.spec.get("ink", 0.1), fade=D.spec.get("fade", 0.0))
    if clinic:
        ps_center(pg, 0, D.trust["hosp"].upper())
        ps_center(pg, 1, "Department of " + sc["spec"])
        ps_center(pg, 2, ", ".join(D.trust["addr"]) + " " + D.trust["pc"])
        ps_center(pg, 3, "Telephone " + D.add(D.hosp_tel, "phone"))
    else:
        ps_center(pg, 0, D.prac["name"].upper())
        ps_center(pg, 1, ", ".join(D.prac["addr"]) + ", " + D.prac["pc"])
        ps_center(pg, 2, "Tel. " + D.add(D.prac_tel, "phone"))
    pg.rule(4, 0, pg.ncols)
    ref = "%s/%s/%s" % ("".join(w[0] for w in (sc["consultant"] if clinic else D.gp).split()[1:]), "jb", p.surname[:3].lower())
    pg.put(6, 0, "Our ref: " + D.add(ref, "reference"))
    ps_right(pg, 6, D.d(D.spec.get("date_style", "ordlong")))
    row = 8
    if clinic:
        D.add(p.hosp, "hospital_number")
        for x in [D.gp, D.prac["name"]] + D.prac["addr"] + [D.prac["pc"]]:
            pg.put(row, 0, x)
            row += 1
    else:
        for x in [sc["consultant"], "Consultant " + sc["spec"], D.trust["hosp"]] + D.trust["addr"] + [D.trust["pc"]]:
            pg.put(row, 0, x)
            row += 1
    row += 1
    pg.put(row, 0, "Dear " + ("Dr " + D.gp.split()[-1] if clinic else sc["consultant"].split()[0] + " " + sc["consultant"].split()[-1]) + ",")
    row += 2
    pg.put(row, 0, "Re: %s %s %s" % (p.title, p.first, p.surname.upper()))
    pg.put(row + 1, 4, "D.O.B. %s   NHS No. %s" % (D.dob_p, D.nhs_p))
    pg.put(row + 2, 4, ", ".join(p.addr))
    row += 3
    if clinic:
        pg.put(row, 4, "Hospital No. " + p.hosp)
        row += 1
    row += 1
    if clinic:
        pg.put(row, 0, "Diagnosis: " + sc["dx"])
        row += 2
        row = pg.para(row, 0, "I reviewed %s in the %s clinic on %s. %s" % (
            p.title + " " + p.surname, sc["spec"], D.d("long", D.before(3, 12), "clinic_date"), sc["hist"][0]), pg.ncols - 1) + 1
        row = pg.para(row, 0, "On examination: " + sc["exam"], pg.ncols - 1) + 1
        row = pg.para(row, 0, "Plan: " + sc["plan"] + " I have not arranged routine follow up but would be happy to see "
                      + p.him + " again should the need arise.", pg.ncols - 1) + 1
    else:
        paras = ["Thank you for seeing this %d year old %s. %s" % (D.age, "man" if p.sex == "M" else "woman", " ".join(sc["hist"]))]
        paras.append("On examination: " + sc["exam"])
        paras.append(sc["ask"])
        paras.append("Current medication: " + "; ".join(sc["meds"]) + ". " + sc["allergy"] + ".")
        for t in paras:
            row = pg.para(row, 0, t, pg.ncols - 1) + 1
    pg.put(row, 0, "Yours sincerely,")
    row += 5
    pg.put(row, 0, (sc["consultant"] + "  Consultant " + sc["spec"]) if clinic else (D.gp + "  General Practitioner"))
    if clinic:
        pg.put(row + 2, 0, "D: %s  T: %s" % (D.add(fmt_date(D.before(1, 3), "slash2"), "dictated_date"),
                                           D.add(fmt_date(D.date, "slash2"), "typed_date")))
    pages.append(pg)
    return pages


def b_dotmatrix(D):
    """legacy computer printout on continuous stationery (GP referral, discharge summary, lab report)"""
    sc, p = D.sc, D.pt
    typ = D.spec["type"]
    D.fonts.add("dot-matrix 9-pin (X11 misc-fixed 6x10 bitmaps as pin dots)")
    mk = lambda k: PSPage("dotmatrix", A4, left=44, top=58, cpi=D.spec.get("cpi", 12), lpi=6, seed="dm%d-%d" % (D.n, k),
                          ink=D.spec.get("ink", 0.08), greenbar=D.spec.get("greenbar", False), sprockets=True,
                          fade=D.spec.get("fade", 0.0), missing_pin=D.spec.get("missing_pin"), bold_rows=(0, 1))
    pages = []
    pg = mk(0)
    if typ == "referral_letter":
        ps_center(pg, 0, D.prac["name"].upper())
        ps_center(pg, 1, "REFERRAL LETTER")
        pg.put(3, 0, ", ".join(D.prac["addr"]).upper() + " " + D.prac["pc"])
        pg.put(4, 0, "TEL " + D.add(D.prac_tel, "phone") + "   PRACTICE " + D.add(D.prac["code"], "practice_code"))
        pg.rule(5, 0, pg.ncols)
        rows = [("PATIENT", "%s %s %s" % (p.title.upper(), p.first.upper(), p.surname.upper())),
                ("DOB", D.dob_p), ("NHS NUMBER", D.nhs_p), ("ADDRESS", ", ".join(p.addr).upper()),
                ("REFERRED TO", (sc["consultant"] + ", " + sc["spec"]).upper()), ("HOSPITAL", D.trust["hosp"].upper()),
                ("DATE", D.d("slash2")), ("PRIORITY", sc["urg"].upper())]
        row = 7
        for k, v in rows:
            pg.put(row, 0, k)
            pg.put(row, 16, v)
            row += 1
        row += 1
        for t in ["Dear Colleague,", " ".join(sc["hist"]), "O/E: " + sc["exam"], sc["ask"]]:
            row = pg.para(row, 0, t, pg.ncols - 2) + 1
        pg.put(row, 0, "CURRENT REPEAT MEDICATION")
        row += 1
        for m in sc["meds"]:
            pg.put(row, 2, m)
            pg.put(row, pg.ncols - 12, D.d("slash2", D.before(5, 60), "issue_date"))
            row += 1
        pg.put(row + 1, 0, "ALLERGIES: " + sc["allergy"].upper())
        pg.put(row + 3, 0, "Yours sincerely,")
        pg.put(row + 7, 0, D.gp)
        pages.append(pg)
    elif typ == "discharge_summary":
        ps_center(pg, 0, D.trust["hosp"].upper())
        ps_center(pg, 1, "IN-PATIENT DISCHARGE SUMMARY")
        pg.rule(2, 0, pg.ncols)
        ward = R("ward", D.n).choice(["WARD 7", "WARD 12", "BRONTE WARD", "CEDAR WARD"])
        adm, dis = D.before(4, 14), D.date
        kv = [("SURNAME", p.surname.upper(), "FORENAME", p.first.upper()),
              ("D.O.B.", D.dob_p, "SEX", p.sex),
              ("NHS NO", D.nhs_p, "HOSP NO", D.add(p.hosp, "hospital_number")),
              ("ADMITTED", D.d("slash", adm, "admission_date"), "DISCHARGED", D.d("slash", dis, "discharge_date")),
              ("WARD", ward, "CONSULTANT", sc["consultant"].upper()),
              ("GP", D.gp.upper(), "PRACTICE", D.prac["code"])]
        D.add(D.prac["code"], "practice_code")
        row = 4
        for a, b_, c, d_ in kv:
            pg.put(row, 0, a)
            pg.put(row, 12, b_)
            pg.put(row, 44, c)
            pg.put(row, 56, d_)
            row += 1
        pg.rule(row, 0, pg.ncols)
        row += 2
        pg.put(row, 0, "DIAGNOSIS")
        pg.put(row, 16, sc["dx"].upper()[:pg.ncols - 17])
        row += 2
        pg.put(row, 0, "PRESENTING COMPLAINT")
        row = pg.para(row + 1, 2, sc["reason"] + ". " + " ".join(sc["hist"]), pg.ncols - 4) + 1
        pg.put(row, 0, "EXAMINATION")
        row = pg.para(row + 1, 2, sc["exam"], pg.ncols - 4) + 1
        pg.put(row, 0, "INVESTIGATIONS")
        row += 1
        for x in sc["inv"]:
            row = pg.para(row, 2, x, pg.ncols - 4)
        row += 1
        pg.put(row, 0, "CONTINUED OVERLEAF")
        pages.append(pg)
        pg = mk(1)
        pg.put(0, 0, "%s, %s   NHS NO %s" % (p.surname.upper(), p.first.upper(), D.nhs_p))
        pg.put(0, pg.ncols - 6, "PAGE 2")
        pg.rule(1, 0, pg.ncols)
        row = 3
        pg.put(row, 0, "MEDICATION ON DISCHARGE")
        pg.put(row + 1, 2, "DRUG")
        pg.put(row + 1, 44, "DOSE/FREQ")
        pg.put(row + 1, 66, "SUPPLY")
        row += 2
        for m in sc["meds"]:
            nm, dose = m.split(" ", 1) if " " in m else (m, "")
            pg.put(row, 2, nm.upper())
            pg.put(row, 44, dose.upper()[:21])
            pg.put(row, 66, "14 DAYS")
            row += 1
        row += 1
        pg.put(row, 0, "PLAN / FOLLOW UP")
        row = pg.para(row + 1, 2, sc["plan"] + " Outpatient review in %s clinic in 6 weeks." % sc["spec"].lower(), pg.ncols - 4) + 1
        pg.put(row, 0, "GP ACTIONS")
        row = pg.para(row + 1, 2, "Please check U&E and FBC in one week and adjust medication as required.", pg.ncols - 4) + 1
        pg.put(row, 0, "ALLERGIES")
        pg.put(row, 16, sc["allergy"].upper())
        row += 3
        pg.put(row, 0, "SIGNED: DR %s  SHO TO %s" % (R("sho", D.n).choice(SURNAMES).upper(), sc["consultant"].upper()))
        pg.put(row + 1, 0, "BLEEP " + D.add(str(R("bleep", D.n).randint(2200, 2899)), "bleep_number"))
        pages.append(pg)
    else:  # lab report
        ps_center(pg, 0, D.trust["hosp"].upper() + " PATHOLOGY")
        ps_center(pg, 1, "CLINICAL BIOCHEMISTRY / HAEMATOLOGY REPORT")
        pg.rule(2, 0, pg.ncols)
        r = R("lab", D.n)
        spec_no = D.add("%02d%s%06d" % (D.date.year % 100, r.choice("BHC"), r.randrange(10 ** 6)), "specimen_number")
        kv = [("PATIENT", "%s, %s" % (p.surname.upper(), p.first.upper()), "SPEC NO", spec_no),
              ("DOB", D.dob_p, "NHS NO", D.nhs_p),
              ("LOCATION", D.prac["name"].upper()[:26], "HOSP NO", D.add(p.hosp, "hospital_number")),
              ("COLLECTED", D.d("slash", D.before(1, 2), "collected_date") + " 09:%02d" % r.randint(0, 59), "RECEIVED",
               D.d("slash") + " 13:%02d" % r.randint(0, 59))]
        row = 4
        for a, b_, c, d_ in kv:
            pg.put(row, 0, a)
            pg.put(row, 11, b_)
            pg.put(row, 46, c)
            pg.put(row, 56, d_)
            row += 1
        pg.rule(row, 0, pg.ncols)
        row += 2
        pg.put(row, 2, "TEST")
        pg.put(row, 30, "RESULT")
        pg.put(row, 42, "UNITS")
        pg.put(row, 56, "REF RANGE")
        row += 2
        tests = [("SODIUM", "%d" % r.randint(132, 145), "mmol/L", "133 - 146"), ("POTASSIUM", "%.1f" % r.uniform(3.4, 5.6), "mmol/L", "3.5 - 5.3"),
                 ("UREA", "%.1f" % r.uniform(3, 11), "mmol/L", "2.5 - 7.8"), ("CREATININE", "%d" % r.randint(60, 150), "umol/L", "59 - 104"),
                 ("EGFR", "%d" % r.randint(35, 90), "mL/min", ">60"), ("HAEMOGLOBIN", "%d" % r.randint(95, 150), "g/L", "130 - 180"),
                 ("WHITE CELL COUNT", "%.1f" % r.uniform(3.5, 13), "x10^9/L", "4.0 - 11.0"), ("PLATELETS", "%d" % r.randint(140, 450), "x10^9/L", "150 - 400"),
                 ("CRP", "%d" % r.randint(1, 60), "mg/L", "< 5"), ("HBA1C", "%d" % r.randint(38, 90), "mmol/mol", "20 - 41")]
        for t, v, u, rr in tests:
            pg.put(row, 2, t)
            pg.put(row, 30, v)
            pg.put(row, 42, u)
            pg.put(row, 56, rr)
            row += 1
        row += 1
        pg.put(row, 0, "COMMENT:")
        row = pg.para(row, 10, "Results telephoned to surgery. Please repeat renal function in 2 weeks if creatinine raised.", pg.ncols - 12) + 2
        pg.put(row, 0, "AUTHORISED BY: " + R("bms", D.n).choice(SURNAMES).upper() + " (BMS)")
        pg.put(row, 44, "PRINTED " + D.d("slash") + " 16:05")
        pages.append(pg)
    return pages


def b_clinic(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff=["Liberation Sans", "Carlito", "Nimbus Sans", "FreeSerif"][var % 4], fs=10.5)
    bold = S(st, b=True)
    small = S(st, fs=8.5)
    seen = D.before(3, 21)
    b = trust_letterhead(D, st, "Department of " + sc["spec"])
    b.append(Space(10))
    b.append(Cols([(None, [Line("Private and Confidential", bold)] + [Line(x, st) for x in [D.gp, D.prac["name"]] + D.prac["addr"] + [D.prac["pc"]]]),
                   (180, [Line("Clinic date: " + D.d("slash", seen, "clinic_date"), st), Line("Typed: " + D.d("slash"), st),
                          Line("Hospital No: " + D.add(p.hosp, "hospital_number"), st),
                          Line("Direct line: " + D.add(ofcom_tel(R("dl", D.n)), "phone"), st)])], gap=16))
    b.append(Line("Dear Dr " + D.gp.split()[-1], st, mt=14))
    if var % 2 == 0:
        b.append(Line("Re: %s %s %s, DOB: %s, NHS No: %s" % (p.title, p.first, p.surname.upper(), D.dob_p, D.nhs_p), bold, mt=6))
        b.append(Line(", ".join(p.addr), bold))
    else:
        b.append(Table([["Patient", "%s %s %s" % (p.title, p.first, p.surname.upper())], ["Date of birth", D.dob_p],
                        ["NHS number", D.nhs_p], ["Address", ", ".join(p.addr)]], [90, 330], bold, mt=6))
    b.append(Line("Diagnosis: " + sc["dx"], bold, mt=8))
    b.append(Line("Plan: " + sc["plan"], bold) if text_width("Plan: " + sc["plan"], bold) < 470 else Para("Plan: " + sc["plan"], bold))
    b.append(Para("I saw %s in clinic today. %s %s" % (p.title + " " + p.surname, sc["hist"][0], " ".join(sc["hist"][1:])), st, mt=8))
    b.append(Para("On examination: " + sc["exam"], st, mt=6))
    b.append(Para("Results: " + "; ".join(sc["inv"]) + ".", st, mt=6))
    b.append(Para(sc["plan"] + " I have explained this to %s and %s is happy with the plan." % (p.him, p.he), st, mt=6))
    b.append(Line("Yours sincerely", st, mt=10))
    b.append(Space(26))
    b.append(Line(sc["consultant"], bold))
    b.append(Line("Consultant " + sc["spec"], st))
    b.append(Line("cc: %s %s %s, %s" % (p.title, p.first, p.surname, ", ".join(p.addr)), small, mt=8))
    pages = [HPage(A4, (36, 52, 44, 56), b, halftone_h=90,
                   bottom=[footer("Chair: Prof. M. Ellison   Chief Executive: Ms R. Abbott", small, align="center")])]
    if D.spec.get("pages_n", 1) == 2:
        # second page: results table
        b2 = [LR("%s %s  DOB %s" % (p.first, p.surname.upper(), D.dob_p), "Page 2 of 2", bold, st), Rule(0.6, mt=2, mb=8),
              Line("Investigation results", bold)]
        r = R("cl2", D.n)
        rows = [["Date", "Test", "Result", "Reference"]]
        for t, u, lo, hi in [("Haemoglobin", "g/L", 115, 165), ("White cells", "x10^9/L", 4, 11), ("Platelets", "x10^9/L", 150, 400),
                             ("Sodium", "mmol/L", 133, 146), ("Potassium", "mmol/L", 3.5, 5.3), ("Creatinine", "umol/L", 45, 90),
                             ("ALT", "U/L", 0, 40), ("Bilirubin", "umol/L", 0, 21), ("CRP", "mg/L", 0, 5)]:
            v = r.uniform(lo * 0.8, hi * 1.2)
            vs = ("%.1f" % v) if hi < 20 else ("%d" % v)
            rows.append([D.d("slash", D.before(10, 40), "test_date"), t, "%s %s" % (vs, u), "%s - %s" % (lo, hi)])
        b2.append(Table(rows, [80, 130, 130, 120], st, head_st=bold, grid="0.5pt solid #888"))
        b2.append(Para("Follow up: I will see %s again in the %s clinic in three months. An appointment letter will be sent." % (
            p.him, sc["spec"]), st, mt=10))
        b2.append(Line("Secretary: Mrs K. Bolton, telephone " + D.add(ofcom_tel(R("sec", D.n)), "phone"), small, mt=10))
        pages[0].bottom = [footer("Page 1 of 2", small, align="right")]
        pages.append(HPage(A4, (44, 52, 44, 56), b2))
    return pages


def b_discharge(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff=["Liberation Sans", "Nimbus Sans", "Carlito"][var % 3], fs=9.5)
    bold = S(st, b=True)
    hd = S(st, b=True, color="#fff")
    grid = "0.6pt solid #555"
    adm, dis = D.before(3, 16), D.date

    def sec(t):
        return Line(t, hd, css="background:#004c6d;padding:1.5pt 4pt", mt=7)

    b = [Cols([(None, [Line("Discharge Summary", S(st, fs=17, b=True)), Line(D.trust["hosp"] + " - " + D.trust["trust"], st)]),
               (60, [nhs_logo(18, mb=0)])], gap=6, valign="center"), Rule(1.4, "#004c6d", mt=4, mb=4)]
    b.append(Table([["Patient name", "%s, %s (%s)" % (p.surname.upper(), p.first, p.title), "NHS number", D.nhs_p],
                    ["Date of birth", D.dob_p, "Hospital number", D.add(p.hosp, "hospital_number")],
                    ["Address", ", ".join(p.addr[:2]), "Postcode", p.pc],
                    ["Admitted", D.d("slash", adm, "admission_date"), "Discharged", D.d("slash", dis, "discharge_date")],
                    ["Ward", R("wd", D.n).choice(["Ward 21 (Acute Medical Unit)", "Ward 9 (Surgery)", "Bluebell Ward"]), "Consultant", sc["consultant"]],
                    ["Specialty", sc["spec"], "GP", D.gp]], [80, 165, 85, 160], st, grid=grid))
    b.append(sec("Diagnosis"))
    b.append(Line("Primary: " + sc["dx"], st, mt=2))
    b.append(Line("Comorbidities: " + ", ".join(sc["pmh"]), st))
    b.append(sec("Presenting complaint and clinical summary"))
    b.append(Para("Admitted via the emergency department with " + sc["reason"].lower() + ". " + " ".join(sc["hist"]), st, mt=2))
    b.append(Para("On examination: " + sc["exam"], st, mt=4))
    b.append(sec("Investigations"))
    for x in sc["inv"]:
        b.append(Para(x, st, hang=("-", 10)))
    b.append(sec("Procedures"))
    b.append(Line("None", st, mt=2))
    pages = [HPage(A4, (36, 44, 44, 44), b, bottom=[footer("Discharge summary - page 1 of 2 - generated " + D.d("slash") + " 15:42", S(st, fs=7.5), x=44)])]
    b = [LR("%s, %s  NHS %s" % (p.surname.upper(), p.first, D.nhs_p), "DOB " + D.dob_p, bold, bold), Rule(0.8, mt=2, mb=4),
         sec("Medications on discharge")]
    rows = [["Medicine", "Dose", "Frequency", "Status"]]
    for m in sc["meds"]:
        parts = m.split(" ")
        nm = parts[0]
        dose = " ".join(parts[1:3]) if len(parts) > 2 else ""
        fr = " ".join(parts[3:]) or "as directed"
        rows.append([nm, dose, fr[:30], R("stt", m).choice(["Continued", "Continued", "New", "Dose changed"])])
    rows.append(["Paracetamol", "1 g", "four times daily", "New"])
    b.append(Table(rows, [120, 80, 190, 100], st, grid=grid, head_st=bold, mt=3))
    b.append(sec("Allergies"))
    b.append(Line(sc["allergy"], st, mt=2))
    b.append(sec("Plan and follow up"))
    b.append(Para(sc["plan"], st, mt=2))
    b.append(Para("Outpatient follow up in the %s clinic in 6 weeks (appointment to be sent)." % sc["spec"], st, mt=2))
    b.append(sec("Actions for GP"))
    b.append(Para("Please repeat U&E and FBC in 1 week. Please review blood pressure and titrate treatment as required.", st, mt=2))
    b.append(sec("Information given to patient"))
    b.append(Para("Diagnosis and plan discussed with the patient and family. Written information provided.", st, mt=2))
    b.append(Table([["Completed by", "Dr %s %s (FY2)" % (R("fy", D.n).choice(FIRST_F + FIRST_M), R("fy2", D.n).choice(SURNAMES))],
                    ["Bleep", D.add(str(R("bl", D.n).randint(3100, 3999)), "bleep_number")], ["Date", D.d("slash")]],
                   [100, 250], st, mt=10))
    pages.append(HPage(A4, (36, 44, 44, 44), b, bottom=[footer("Discharge summary - page 2 of 2", S(st, fs=7.5), x=44)]))
    return pages


def b_lab(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff=["DejaVu Sans", "Liberation Sans Narrow"][var % 2], fs=8.8 if var == 0 else 9.6)
    bold = S(st, b=True)
    r = R("labh", D.n)
    spec_no = D.add("%s%07d" % (r.choice(["B", "H", "CB"]), r.randrange(10 ** 7)), "specimen_number")
    b = [Cols([(None, [Line(D.trust["hosp"], S(st, fs=13, b=True)), Line("Blood Sciences - Cumulative Report", S(st, fs=11))]),
               (60, [nhs_logo(16, mb=0)])], gap=6, valign="center"), Rule(1.0, mt=3, mb=5)]
    b.append(Table([["Patient", "%s, %s" % (p.surname.upper(), p.first.upper()), "Specimen", spec_no],
                    ["DOB", D.dob_p, "NHS No", D.nhs_p if D.spec.get("has_nhs", True) else "Not known"],
                    ["Sex", p.sex, "MRN", D.add(p.hosp, "hospital_number")],
                    ["Requester", D.gp, "Location", D.prac["name"]],
                    ["Collected", D.d("slash", D.before(1, 2), "collected_date") + " 10:%02d" % r.randint(0, 59), "Reported", D.d("slash") + " 17:%02d" % r.randint(0, 59)]],
                   [70, 190, 70, 160], st, grid="0.5pt solid #999"))
    b.append(Line("Clinical details: " + sc["reason"], S(st, i=True), mt=5))
    dates = sorted([D.before(200, 400), D.before(60, 180), D.date])
    rows = [["Test", "Units", "Ref range"] + [fmt_date(d, "slash2") for d in dates]]
    for d in dates:
        D.add(fmt_date(d, "slash2"), "result_date")
    for t, u, lo, hi in [("Haemoglobin", "g/L", 115, 165), ("WBC", "x10^9/L", 4.0, 11.0), ("Platelets", "x10^9/L", 150, 400),
                         ("MCV", "fL", 80, 100), ("Sodium", "mmol/L", 133, 146), ("Potassium", "mmol/L", 3.5, 5.3),
                         ("Urea", "mmol/L", 2.5, 7.8), ("Creatinine", "umol/L", 45, 90), ("eGFR", "mL/min/1.73m2", 60, 120),
                         ("ALT", "U/L", 0, 40), ("ALP", "U/L", 30, 130), ("Bilirubin", "umol/L", 0, 21), ("Albumin", "g/L", 35, 50),
                         ("CRP", "mg/L", 0, 5), ("HbA1c", "mmol/mol", 20, 41), ("TSH", "mU/L", 0.27, 4.2), ("Ferritin", "ug/L", 15, 300)]:
        vals = []
        for d in dates:
            v = r.uniform(lo * 0.75, hi * 1.3)
            s = ("%.2f" % v) if hi < 5 else (("%.1f" % v) if hi < 20 else "%d" % v)
            if v < lo:
                s += " L"
            elif v > hi:
                s += " H"
            vals.append(s)
        rows.append([t, u, "%s-%s" % (lo, hi)] + vals)
    b.append(Table(rows, [90, 85, 75, 80, 80, 80], st, grid="0.5pt solid #999", head_st=bold, mt=6,
                   align=["left", "left", "left", "right", "right", "right"]))
    b.append(Line("Comment: Haemolysed sample on " + fmt_date(dates[0], "slash2") + "; potassium result not reported.", st, mt=6))
    b.append(Line("Authorised by: " + R("auth", D.n).choice(SURNAMES) + " (Clinical Scientist)", st, mt=3))
    b.append(Line("Laboratory enquiries: " + D.add(ofcom_tel(R("labtel", D.n)), "phone"), st, mt=3))
    return [HPage(A4, (40, 46, 44, 46), b, bottom=[footer("Report ID %s - Page 1 of 1 - UKAS accredited medical laboratory No. %04d" % (
        spec_no, 8000 + D.n), S(st, fs=7), x=46)])]


def b_appointment(D):
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    st = dict(ff=["Liberation Sans", "FreeSans"][var % 2], fs=10.5)
    bold = S(st, b=True)
    appt = D.after(10, 50)
    b = trust_letterhead(D, st, "Outpatient Appointments Centre")
    b.append(Space(16))
    b.append(Cols([(None, pt_address(D, st)),
                   (170, [Line("Date: " + D.d("slash"), st), Line("Hospital No: " + D.add(p.hosp, "hospital_number"), st),
                          Line("NHS No: " + D.nhs_p, st) if D.spec.get("has_nhs", True) else Line("Ref: OPA/%05d" % D.n, st),
                          Line("DOB: " + D.dob_p, st)])], gap=20))
    b.append(Line("Dear %s %s" % (p.title, p.surname), st, mt=18))
    b.append(Line("Your appointment has been arranged as follows:", st, mt=8))
    b.append(Table([["Date:", D.d("long", appt, "appointment_date")], ["Time:", "%02d:%02d" % (9 + D.n % 7, (D.n * 15) % 60)],
                    ["Clinic:", sc["spec"] + " Outpatients"], ["Consultant:", sc["consultant"]],
                    ["Location:", "Outpatients Department " + "ABC"[D.n % 3] + ", Level 2, " + D.trust["hosp"]]],
                   [80, 390], bold, mt=8, pad=3))
    b.append(Para("Please arrive 15 minutes before your appointment time and bring a list of your current medicines. "
                  "If you cannot attend, please telephone the appointments centre on %s so that the appointment can be offered to "
                  "another patient." % D.add(ofcom_tel(R("opa", D.n)), "phone"), st, mt=10))
    b.append(Para("Car parking is limited. Patients who do not attend without letting us know may be discharged back to their GP.", st, mt=6))
    b.append(Line("Yours sincerely", st, mt=10))
    b.append(Line("Appointments Centre", st, mt=12))
    b.append(Graphic('<div style="border-top:1pt dashed #000;margin:26pt 0 6pt 0"></div>'))
    b.append(Line("Please return this slip if you need to change your appointment", bold))
    b.append(Table([["Name:", "%s %s %s" % (p.title, p.first, p.surname), "Appointment:", D.d("slash", appt, "appointment_date")],
                    ["Hospital No:", p.hosp, "Clinic code:", "%s%02d" % (sc["spec"][:3].upper(), D.n)]], [70, 180, 80, 140], st, mt=4))
    return [HPage(A4, (40, 54, 40, 56), b, halftone_h=95)]


def b_continuation(D):
    """pre-printed continuation sheet with handwritten-style entries"""
    sc, p = D.sc, D.pt
    var = D.spec.get("var", 0)
    hand = ["DkgHandwriting", "Breip", "DkgHandwriting"][var % 3]
    st = dict(ff="Liberation Sans", fs=9)
    hs = dict(ff=hand, fs=[13.5, 15, 13.5][var % 3], lh=21.6, color=D.spec.get("ink", ["#1a2a6c", "#1a2a6c", "#222"][var % 3]),
              b=(var % 3 == 2))
    pages = []
    entries = [
        "%s %s  Ward round - %s" % (fmt_date(D.date, "slash2"), "09:40", sc["consultant"]),
        "Seen with %s. %s" % ("daughter" if var % 2 else ("wife" if p.sex == "M" else "husband"), sc["hist"][0]),
        "O/E " + sc["exam"],
        "Imp: " + sc["dx"],
        "Plan: 1) " + sc["plan"],
        "2) bloods in am - FBC, U+E, CRP",
        "3) r/v tomorrow",
        "%s %s  Nursing note" % (fmt_date(D.date, "slash2"), "14:15"),
        "Obs stable. Eating and drinking. Pain controlled with paracetamol.",
        "%s %s  FY1 - called re: low BP" % (fmt_date(D.date, "slash2"), "22:30"),
        "BP 98/60, HR 88. Fluids given. Review in 1 hour.",
    ]
    D.add(fmt_date(D.date, "slash2"), "entry_date")
    maxw = 440

    def hand_lines(texts):
        out = []
        for t in texts:
            out += wrap(t, hs, maxw, 0.93)
        return out

    lines = hand_lines(entries)
    per = [lines[:24], lines[24:]] if D.spec.get("pages_n", 1) == 2 else [lines[:24]]
    if D.spec.get("pages_n", 1) == 2 and len(per[1]) < 4:
        extra = hand_lines(["%s %s  Ward round" % (fmt_date(D.after(1, 1), "slash2"), "10:05"),
                            "Feels better. Obs normal. Bloods improving.", "Plan: home tomorrow if stable. TTOs written.",
                            "Discharge summary to GP."])
        per[1] += extra
    for k, chunk in enumerate(per):
        b = [LR(D.trust["hosp"], "CONTINUATION SHEET", S(st, b=True, fs=11), S(st, b=True, fs=13)),
             Table([["Surname", p.surname.upper(), "Hospital No", p.hosp],
                    ["Forename", p.first, "NHS No", D.nhs_p if D.spec.get("has_nhs", True) else ""],
                    ["Date of Birth", D.dob_p, "Ward", "Ward %d" % (3 + D.n % 20)]], [70, 170, 70, 170], st, grid="0.8pt solid #000", mt=4)]
        D.add(p.hosp, "hospital_number")
        rules = "".join('<div style="position:absolute;left:0;right:0;top:%.1fpt;border-top:0.5pt solid #7aa7d6"></div>' % (21.6 * (i + 1) - 3)
                        for i in range(28))
        margin = '<div style="position:absolute;left:60pt;top:0;bottom:0;border-left:0.8pt solid #e08a8a"></div>'
        hl = [Line(t, hs, css="padding-left:64pt") for t in chunk]
        b.append(Line("Date / time and entry - sign and print name, designation and bleep", S(st, fs=8), mt=6))
        b.append(Group([Graphic('<div style="position:absolute;left:0;right:0;top:0;height:%dpt">%s%s</div>' % (21.6 * 28, rules, margin))]
                       + hl, css="position:relative;height:%dpt" % (21.6 * 28)))
        for t in chunk:
            FONTS_USED.add(hand)
            if text_width(t, hs) > maxw:
                raise LayoutError("hand line too wide: %r" % t)
        pages.append(HPage(A4, (36, 44, 36, 44), b, bottom=[footer("Form MR/12  Page %d" % (k + 1), S(st, fs=7), x=44)]))
    return pages


BUILDERS = {"ers_export": b_ers_export, "tickbox_proforma": b_tickbox, "dictated_letter": b_dictated, "soap_note": b_soap,
            "emis_export": b_emis, "systmone_export": b_systmone, "vision_export": b_vision, "terse_note": b_terse,
            "two_page_letter_header_first": b_two_page, "partners_sidebar_letter": b_sidebar, "optometrist_form": b_optom,
            "mental_health_referral_form": b_mh_form, "typewriter_letter": b_typewriter, "dot_matrix_printout": b_dotmatrix,
            "clinic_letter": b_clinic, "discharge_summary": b_discharge, "lab_report": b_lab,
            "appointment_letter": b_appointment, "handwritten_continuation_sheet": b_continuation,
            "faxed_letter": b_dictated}


# --------------------------------------------------------------------------
# the set: one entry per file.  pages: (difficulty, degradation recipe)
# --------------------------------------------------------------------------
C, M, H = "clean", "moderate", "hard"
REF = "referral_letter"
DOCS = [
    dict(n=1, type=REF, kind="ers_export", var=0, fmt="pdf-jpeg", pc="colour", dpi=300, q=82, pages=[(C, "")]),
    dict(n=2, type=REF, kind="ers_export", var=1, fmt="tiff-g4", dpi=300, pages=[(M, "staple punch stamp@topright")], nhs_style="plain", dob_style="mon"),
    dict(n=3, type=REF, kind="ers_export", var=2, fmt="jpeg-grey", dpi=200, q=60, pages=[(M, "hl@nhs skew:2.1 illum")], dob_style="slash"),
    dict(n=4, type=REF, kind="tickbox_proforma", var="lowergi", scenario="lowergi", fmt="pdf-jpeg", pc="colour", dpi=300, q=70,
         pages=[(M, "annot@margin stamp:triaged@topright"), (H, "pc:2 streaks:2 toner:0.5 skew:-2.4")]),
    dict(n=5, type=REF, kind="tickbox_proforma", var="breast", scenario="breast", fmt="tiff-g4", dpi=200, pages=[(H, "fax:1.2")],
         fax_header=True, nhs_style="plain", dob_style="slash"),
    dict(n=6, type=REF, kind="tickbox_proforma", var="msk", scenario="knee", fmt="png-grey", dpi=300, pages=[(C, "")], dob_style="long"),
    dict(n=7, type=REF, kind="dictated_letter", var=0, fmt="jpeg-colour", dpi=300, q=75, pages=[(M, "halftone coffee sig@last:signer")]),
    dict(n=8, type=REF, kind="dictated_letter", var=1, letter=True, fmt="pdf-jpeg", pc="grey", dpi=300, q=72, pages=[(M, "annot@margin sig@last:signer skew:-0.9")],
         dob_style="ordlong"),
    dict(n=9, type=REF, kind="dictated_letter", var=2, thin=True, fmt="jpeg-grey", dpi=300, q=50, pages=[(H, "pencil:0.42 toner:0.5 skew:1.2")]),
    dict(n=10, type=REF, kind="soap_note", var=0, fmt="png-grey", dpi=300, pages=[(C, "")], dob_style="dot2"),
    dict(n=11, type=REF, kind="soap_note", var=1, fmt="tiff-g4", dpi=200, pages=[(M, "rot:180 stamp:scanned@middle")], nhs_style="spaced"),
    dict(n=12, type=REF, kind="emis_export", var=0, fmt="pdf-jpeg", pc="grey", dpi=300, q=65, pages=[(M, "punch staple"), (M, "bleed:0.18 edge:right")],
         dob_style="monsp"),
    dict(n=13, type=REF, kind="emis_export", var=1, fmt="tiff-g4", dpi=300, pages=[(M, "pc:1 streaks:1 annot@margin")]),
    dict(n=14, type=REF, kind="systmone_export", var=0, fmt="tiff-g4", dpi=300, pages=[(M, "stamp@topright circle@nhs"), (C, "")], dob_style="dash"),
    dict(n=15, type=REF, kind="systmone_export", var=1, fmt="jpeg-colour", dpi=400, q=85, pages=[(C, "rot:90")]),
    dict(n=16, type=REF, kind="vision_export", var=0, fmt="jpeg-grey", dpi=150, q=40, pages=[(H, "pc:1 jpegblock blur:0.5 skew:-2.2")], dob_style="slash"),
    dict(n=17, type=REF, kind="vision_export", var=1, fmt="pdf-jpeg", pc="colour", dpi=300, q=70, pages=[(M, "paper:yellow hl@nhs"), (M, "paper:yellow annot@margin")]),
    dict(n=18, type=REF, kind="terse_note", var=0, fmt="jpeg-grey", dpi=300, q=70, pages=[(M, "annot@topright ul@dob")], dob_style="dot2"),
    dict(n=19, type=REF, kind="terse_note", var=1, fmt="png-colour", dpi=300, pages=[(M, "hl@nhs:green stamp@top")], nhs_style="spaced", dob_style="slash2"),
    dict(n=20, type=REF, kind="two_page_letter_header_first", var=0, fmt="pdf-jpeg", pc="colour", dpi=300, q=80, pages=[(C, "halftone"), (M, "sig@last:signer coffee")]),
    dict(n=21, type=REF, kind="two_page_letter_header_first", var=1, fmt="tiff-g4", dpi=300, pages=[(M, "fold:left"), (H, "fold:left pc:2 streaks:3 toner:0.4")]),
    dict(n=22, type=REF, kind="two_page_letter_header_first", var=2, fmt="pdf-jpeg", pc="grey", dpi=200, q=60, sizes=[A4, LETTER],
         pages=[(M, "edge:top"), (M, "rot:270")]),
    dict(n=23, type=REF, kind="typewriter_letter", era="legacy", fmt="tiff-g4", dpi=300, pages=[(M, "staple stamp@topright")], dob_style="dot2", nhs_style="spaced"),
    dict(n=24, type=REF, kind="typewriter_letter", era="legacy", font="GNUTypewriter", ink=0.15, fade=0.1, fmt="pdf-jpeg", pc="grey", dpi=300, q=55,
         pages=[(H, "pc:3 toner:0.5 skew:2.6")], dob_style="slash"),
    dict(n=25, type=REF, kind="dot_matrix_printout", era="legacy", greenbar=True, fmt="jpeg-colour", dpi=300, q=65, pages=[(M, "")], dob_style="slash2"),
    dict(n=26, type=REF, kind="dot_matrix_printout", era="legacy", cpi=10, ink=0.22, fade=0.25, missing_pin=1, fmt="tiff-g4", dpi=200,
         pages=[(H, "pc:1")], dob_style="dot2", nhs_style="plain"),
    dict(n=27, type=REF, kind="faxed_letter", var=2, fmt="tiff-g4", dpi=200, fax_header=True, pages=[(H, "fax:1.0")], dob_style="slash"),
    dict(n=28, type=REF, kind="partners_sidebar_letter", fmt="jpeg-grey", dpi=300, q=80, pages=[(M, "bleed:0.22")]),
    dict(n=29, type=REF, kind="optometrist_form", scenario="cataract", fmt="png-grey", dpi=300, pages=[(M, "stamp:received@nhs")], dob_style="slash"),
    dict(n=30, type=REF, kind="mental_health_referral_form", scenario="mood", fmt="pdf-jpeg", pc="colour", dpi=300, q=75,
         pages=[(M, "paper:pink"), (M, "paper:pink hl@nhs")]),
    dict(n=31, type=REF, kind="dictated_letter", var=4, fmt="tiff-g4", dpi=400, pages=[(C, "")], dob_style="long"),
    dict(n=32, type=REF, kind="ers_export", var=3, fmt="jpeg-grey", dpi=200, q=40, pages=[(H, "skew:3.0 edge:left jpegblock illum")]),
    dict(n=33, type=REF, kind="dictated_letter", var=3, fmt="png-grey", dpi=150, pages=[(M, "annot@margin sig@last:signer")], nhs_style="spaced"),
    dict(n=34, type="clinic_letter", kind="clinic_letter", var=0, fmt="pdf-jpeg", pc="colour", dpi=300, q=80, pages=[(C, "halftone")]),
    dict(n=35, type="clinic_letter", kind="clinic_letter", var=1, fmt="tiff-g4", dpi=300, pages=[(M, "stamp@topright"), (M, "punch")]),
    dict(n=36, type="clinic_letter", kind="typewriter_letter", era="legacy", fmt="jpeg-grey", dpi=300, q=55, ink=0.12,
         pages=[(H, "pc:2 toner:0.6 coffee")], date_style="long"),
    dict(n=37, type="clinic_letter", kind="clinic_letter", var=2, fmt="png-grey", dpi=150, pages=[(M, "skew:-1.4")]),
    dict(n=38, type="discharge_summary", kind="discharge_summary", var=0, fmt="pdf-jpeg", pc="grey", dpi=300, q=65,
         pages=[(M, "staple"), (M, "hl@Actions_for_GP")]),
    dict(n=39, type="discharge_summary", kind="dot_matrix_printout", era="legacy", fmt="tiff-g4", dpi=300, pages=[(M, ""), (H, "pc:2 streaks:2")]),
    dict(n=40, type="discharge_summary", kind="discharge_summary", var=1, fmt="tiff-g4", dpi=200, pages=[(C, ""), (M, "rot:90")]),
    dict(n=41, type="lab_result", kind="lab_report", var=0, fmt="tiff-g4", dpi=300, pages=[(M, "pc:1")]),
    dict(n=42, type="lab_result", kind="dot_matrix_printout", era="legacy", greenbar=True, fmt="jpeg-grey", dpi=300, q=70, pages=[(M, "punch")]),
    dict(n=43, type="lab_result", kind="lab_report", var=1, fmt="png-colour", dpi=300, pages=[(C, "")]),
    dict(n=44, type="appointment_letter", kind="appointment_letter", var=0, fmt="jpeg-colour", dpi=300, q=80, pages=[(C, "halftone")]),
    dict(n=45, type="appointment_letter", kind="appointment_letter", var=1, fmt="jpeg-grey", dpi=300, q=60, fax_header=True, has_nhs=False,
         pages=[(H, "fax:1.0 paper:thermal")]),
    dict(n=46, type="continuation_sheet", kind="handwritten_continuation_sheet", var=0, fmt="jpeg-colour", dpi=300, q=70, pages=[(C, "")]),
    dict(n=47, type="continuation_sheet", kind="handwritten_continuation_sheet", var=1, ink="#6b6b6b", pages_n=2, fmt="pdf-jpeg", pc="grey",
         dpi=300, q=60, pages=[(H, "pencil:0.75 toner:0.3 skew:-2.0"), (M, "")]),
    dict(n=48, type="continuation_sheet", kind="handwritten_continuation_sheet", var=2, has_nhs=False, fmt="png-grey", dpi=300,
         pages=[(M, "bleed:0.28")]),
]
for _d in DOCS:
    if _d["kind"] == "handwritten_continuation_sheet":
        _d.setdefault("pages_n", len(_d["pages"]))
    if _d["kind"] == "clinic_letter":
        _d["pages_n"] = len(_d["pages"])

STAMPS = {
    "received": lambda D, d: ["RECEIVED", fmt_date(d, "MONsp"), "MEDICAL RECORDS"],
    "triaged": lambda D, d: ["TRIAGED", fmt_date(d, "MONsp"), "CONSULTANT"],
    "scanned": lambda D, d: ["SCANNED", fmt_date(d, "slash")],
    "urgent": lambda D, d: ["URGENT"],
    "copy": lambda D, d: ["COPY"],
}
ANNOTS = ["Seen - book\nroutine OPD", "Urgent 2/52 pls", "? MRI first", "Triage: Dr K\nto see", "pls file",
          "Chased 1/4 - no reply", "not known to us", "Pt rang - wants\nearlier appt", "upgrade to urgent",
          "OK to list", "Rm 14  x2471", "cons to vet"]


# --------------------------------------------------------------------------
# pipeline
# --------------------------------------------------------------------------
def parse_ops(s):
    ops = []
    for tok in s.split():
        target = None
        if "@" in tok:
            tok, target = tok.split("@", 1)
            target = target.replace("_", " ")
        name, _, arg = tok.partition(":")
        tail = None
        if target and ":" in target and not target.startswith("last:"):
            target, tail = target.rsplit(":", 1)
        elif target and target.startswith("last:") and target.count(":") > 1:
            target, tail = target.rsplit(":", 1)
        ops.append((name, arg, target, tail))
    return ops


def reverse_side(renderer, dpi, colour, cache={}):
    key = (dpi, colour)
    if key not in cache:
        st = dict(ff="Liberation Serif", fs=11)
        txt = ("Information for patients attending outpatient clinics. Please bring a list of all the medicines you take, "
               "including any you buy yourself. You may be seen by a doctor, nurse or therapist who is part of the consultant's team. "
               "Students may be present; please tell us if you would prefer them not to be. Hospital transport is only available "
               "for patients with a medical need. If you need an interpreter please let us know at least one week before.") * 3
        pg = HPage(A4, (60, 60, 60, 60), [Line("Your visit to outpatients", S(st, fs=16, b=True))] +
                   [Para(txt, st, mt=8), Para(txt[:900], st, mt=8)])
        doc, gt, ign = pg.build()
        pdf = renderer.html_to_pdf(doc, "reverse-%d" % dpi)
        cache[key] = renderer.raster_pdf(pdf, dpi, dpi, False, "reverse-%d" % dpi)
    return cache[key]


STAGE = {"halftone": 0, "pencil": 0, "paper": 1, "pc": 2, "toner": 3, "streaks": 3, "fax": 4,
         "hl": 5, "coffee": 5, "stamp": 6, "annot": 6, "circle": 6, "ul": 6, "sig": 6, "staple": 7, "punch": 7, "bleed": 7,
         "fold": 8, "edge": 8, "illum": 8, "blur": 9, "jpegblock": 10, "skew": 11, "rot": 12}


def process_page(renderer, D, page, idx, npages, diff, recipe, fmt, colour, dpi, tmp):
    tag = "d%02d-p%d" % (D.n, idx + 1)
    ops = parse_ops(recipe)
    names = [o[0] for o in ops]
    for o in ops:
        if o[0] not in STAGE:
            raise ValueError("unknown op %r in doc %d" % (o[0], D.n))
    fax = "fax" in names
    rx, ry = (200, 100) if fax else (dpi, dpi)
    FONTS_USED.clear()
    if page.kind == "html":
        doc, gt, ign = page.build()
        pdf = renderer.html_to_pdf(doc, tag)
        npdf, words = renderer.pdf_words(pdf)
        if npdf != 1:
            raise LayoutError("%s: HTML page spilled onto %d PDF pages" % (tag, npdf))
        boxes, errs = match_lines(words, gt, ign)
        if errs:
            raise LayoutError("%s: %s" % (tag, "; ".join(errs)))
        img = renderer.raster_pdf(pdf, rx, ry, colour, tag)
        D.fonts |= set(FONTS_USED)
    else:
        ps, gt, boxes = page.build()
        img = renderer.raster_ps(ps, rx, ry, colour, tag)
    meta = dict(nhs_as_printed=D.nhs_p, dob_as_printed=D.dob_p, letter_date=D.letter_date, patient_surname=D.pt.surname,
                signer=D.signer)
    ctx = PageCtx(img, rx, boxes, meta, tmp, "page|%d|%d" % (D.n, idx), scale_y=ry / 72.0)
    r = R("page", D.n, idx)
    skew = None
    rot = 0
    for name, arg, target, tail in sorted(ops, key=lambda o: STAGE[o[0]]):
        if name == "fax":
            op_fax_lines(ctx, float(arg or 1.0))
            ctx.boxes = [(b[0], b[1], b[2] * 2, b[3], b[4] * 2) for b in ctx.boxes]
            if dpi != 200:  # a fax printout, rescanned
                hh_, ww_ = ctx.img.shape
                nw, nh = int(round(ww_ * dpi / 200.0)), int(round(hh_ * dpi / 200.0))
                ctx.img = np.asarray(Image.fromarray(to_u8(ctx.img)).resize((nw, nh), Image.BILINEAR), dtype=np.float32) / 255.0
                ctx.boxes = [(b[0],) + tuple(v * dpi / 200.0 for v in b[1:]) for b in ctx.boxes]
                ctx.dpi = dpi
                ctx.img = blur(ctx.img, 0.6)
                ctx.desc.append("fax_printout_rescanned_%ddpi" % dpi)
            if colour and ctx.img.ndim == 2:
                ctx.img = np.repeat(ctx.img[..., None], 3, axis=2)
        elif name == "halftone":
            op_halftone(ctx, page.halftone_h or 100)
        elif name == "pencil":
            op_pencil(ctx, float(arg or 0.45))
        elif name == "paper":
            op_paper(ctx, arg or "yellow")
        elif name == "pc":
            op_photocopy(ctx, int(arg or 1))
        elif name == "toner":
            op_toner(ctx, float(arg or 0.6))
        elif name == "streaks":
            op_streaks(ctx, int(arg or 2))
        elif name == "hl":
            op_highlight(ctx, target or "nhs", tail or arg or "yellow")
        elif name == "coffee":
            op_coffee(ctx, target)
        elif name == "stamp":
            kind = arg or "received"
            d = _dt.date.fromordinal(D.date.toordinal() + r.randint(2, 9))
            lines = STAMPS[kind](D, d)
            for t in lines:
                if re.search(r"\d", t):
                    D.add(t, "stamp_date")
            op_stamp(ctx, lines, target or "topright", colour=r.choice(["red", "blue", "purple"]))
        elif name == "annot":
            text = arg.replace("_", " ") if arg else ANNOTS[(D.n * 5 + idx) % len(ANNOTS)]
            op_annot(ctx, text, target or "margin", font=r.choice(sorted(HAND_FONTS)), colour=r.choice(["blue", "black", "red"]),
                     pt=r.choice([14, 16, 18]))
            for m in re.findall(r"[\dx/]*\d[\d/]*", text):
                D.add(m, "handwritten_number")
        elif name == "circle":
            op_circle(ctx, target or "nhs", r.choice(["blue", "red"]))
        elif name == "ul":
            op_underline(ctx, target or "dob", r.choice(["blue", "red"]))
        elif name == "sig":
            op_signature(ctx, target or "last:signer", r.choice(["blue", "black"]))
        elif name == "staple":
            op_staple(ctx)
        elif name == "punch":
            op_punch(ctx)
        elif name == "bleed":
            op_bleed(ctx, reverse_side(renderer, dpi, False), float(arg or 0.18))
        elif name == "fold":
            op_fold(ctx, target or arg or "left")
        elif name == "edge":
            op_edge(ctx, arg or "left")
        elif name == "illum":
            op_illum(ctx)
        elif name == "blur":
            op_blur(ctx, float(arg or 1.0) * dpi / 300.0)
        elif name == "jpegblock":
            pass  # applied after the scan noise below
        elif name == "skew":
            skew = float(arg)
        elif name == "rot":
            rot = int(arg)
    # scanner: optics, noise, placement
    noise = {C: 0.008, M: 0.016, H: 0.026}[diff]
    op_scan(ctx, noise)
    if "jpegblock" in names:
        buf = io.BytesIO()
        Image.fromarray(to_u8(ctx.img)).save(buf, "JPEG", quality=18)
        ctx.img = np.asarray(Image.open(io.BytesIO(buf.getvalue())), dtype=np.float32) / 255.0
        ctx.desc.append("jpeg_blocking_double_compression")
    if skew is None:
        lim = {C: 0.35, M: 1.5, H: 2.8}[diff]
        skew = round(r.uniform(-lim, lim), 2)
    op_skew(ctx, skew)
    if rot:
        ctx.img = np.ascontiguousarray(np.rot90(ctx.img, k=-(rot // 90)))
        ctx.desc.append("rotated_%d" % rot)
    # output encoding of this page
    img = ctx.img
    if fmt == "tiff-g4":
        g = img if img.ndim == 2 else img.mean(axis=2)
        thr = float(np.clip(0.5 * (np.percentile(g, 97) + np.percentile(g, 0.3)), 0.35, 0.72))
        out = Image.fromarray(((g > thr) * 255).astype(np.uint8), "L").convert("1", dither=Image.NONE)
        ctx.desc.append("bilevel_threshold")
    elif colour:
        if img.ndim == 2:
            img = np.repeat(img[..., None], 3, axis=2)
        out = Image.fromarray(to_u8(img), "RGB")
    else:
        if img.ndim == 3:
            img = img[..., 0] * 0.299 + img[..., 1] * 0.587 + img[..., 2] * 0.114
        out = Image.fromarray(to_u8(img), "L")
    return out, gt, ctx.desc, ctx.overlay, skew, rot, (page.kind, page.size)


def build_doc(renderer, spec, outdir, tmp):
    D = Doc(spec)
    pages = BUILDERS[spec["kind"]](D)
    if len(pages) != len(spec["pages"]):
        raise LayoutError("doc %d: builder made %d pages, spec has %d" % (D.n, len(pages), len(spec["pages"])))
    for k, pg in enumerate(pages):
        if spec.get("sizes"):
            pg.size = spec["sizes"][k]
        if spec.get("fax_header") and pg.kind == "html":
            pg.top.insert(0, fax_header(D, k + 1, len(pages)))
    dl = [t for t, ty in D.dist if ty == "letter_date"]
    D.letter_date = dl[0] if dl else fmt_date(D.date, "slash")
    D.signer = D.sc["consultant"] if spec["type"] == "clinic_letter" else D.gp
    fmt = spec["fmt"]
    colour = fmt in ("jpeg-colour", "png-colour") or (fmt == "pdf-jpeg" and spec.get("pc") == "colour")
    dpi = spec["dpi"]
    imgs, gts, descs, overlays, skews, rots, diffs, kinds = [], [], [], [], [], [], [], []
    for k, pg in enumerate(pages):
        diff, recipe = spec["pages"][k]
        im, gt, desc, ov, sk, rot, kd = process_page(renderer, D, pg, k, len(pages), diff, recipe, fmt, colour, dpi, tmp)
        imgs.append(im)
        gts.append(gt)
        descs.append(desc)
        overlays += ov
        skews.append(sk)
        rots.append(rot)
        diffs.append(diff)
        kinds.append(kd)
    base = "doc%02d" % D.n
    ext = {"tiff-g4": "tif", "jpeg-grey": "jpg", "jpeg-colour": "jpg", "png-grey": "png", "png-colour": "png", "pdf-jpeg": "pdf"}[fmt]
    fn = base + "." + ext
    path = os.path.join(outdir, fn)
    if fmt == "tiff-g4":
        imgs[0].save(path, "TIFF", compression="group4", dpi=(dpi, dpi), save_all=True, append_images=imgs[1:])
    elif fmt.startswith("jpeg"):
        assert len(imgs) == 1
        imgs[0].save(path, "JPEG", quality=spec["q"], dpi=(dpi, dpi), optimize=False, progressive=False)
    elif fmt.startswith("png"):
        assert len(imgs) == 1
        imgs[0].save(path, "PNG", dpi=(dpi, dpi), optimize=False, compress_level=9)
    else:
        jp = []
        for im in imgs:
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=spec["q"], dpi=(dpi, dpi), optimize=False, progressive=False)
            jp.append(buf.getvalue())
        data = img2pdf.convert(jp, engine=img2pdf.Engine.internal, nodate=True, producer=None, creator=None,
                               layout_fun=img2pdf.default_layout_fun)
        with open(path, "wb") as f:
            f.write(data)
    gt_text = "\n\f\n".join("\n".join(p) for p in gts) + "\n"
    with open(os.path.join(outdir, base + ".gt.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(gt_text)
    # manifest entry
    is_ref = spec["type"] == REF
    has_nhs = spec.get("has_nhs", True) and D.nhs_p in gt_text
    has_dob = D.dob_p in gt_text
    if is_ref and not (has_nhs and has_dob):
        raise LayoutError("doc %d: referral without printed NHS number / DOB" % D.n)
    size_name = lambda s: "A4" if abs(s[0] - A4[0]) < 1 else "Letter"
    ov_texts = [o for o in overlays]
    dist = []
    for t, ty in D.dist:
        if t in gt_text or any(t in o for o in ov_texts):
            dist.append((t, ty))
    ent = dict(
        file=fn, ground_truth=base + ".gt.txt", document_type=spec["type"], kind=spec["kind"], pages=len(pages),
        nhs_number=D.pt.nhs if has_nhs else None, date_of_birth=D.pt.dob.isoformat() if has_dob else None,
        nhs_as_printed=D.nhs_p if has_nhs else None, dob_as_printed=D.dob_p if has_dob else None,
        degradations=descs, difficulty=diffs, rotation_clockwise_deg=rots, skew_clockwise_deg=skews,
        format=fmt, colour=("bilevel" if fmt == "tiff-g4" else ("colour" if colour else "grey")),
        jpeg_quality=spec.get("q") if fmt in ("jpeg-grey", "jpeg-colour", "pdf-jpeg") else None,
        dpi=dpi, dpi_note=("transmitted at 200x100 dpi fax resolution, stretched to 200x200" if any("fax_200x100dpi_stretched" in d for d in descs) else None),
        page_sizes=[size_name(k[1]) for k in kinds], source=["chromium-html" if k[0] == "html" else "postscript" for k in kinds],
        fonts=sorted(D.fonts), overlay_text_not_in_gt=ov_texts,
        distractors=[t for t, ty in dist], distractor_types=[ty for t, ty in dist],
        patient_name=D.pt.full, letter_date=D.date.isoformat(), era=spec.get("era", "modern"),
    )
    return ent, gt_text


# --------------------------------------------------------------------------
# checks, README, checksums
# --------------------------------------------------------------------------
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")
PHONE = re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b")


def check_entry(ent, gt):
    errs = []
    if ent["nhs_number"]:
        if not nhs_valid(ent["nhs_number"]) or not ent["nhs_number"].startswith("999"):
            errs.append("bad NHS number")
        if re.sub(r"\D", "", ent["nhs_as_printed"]) != ent["nhs_number"] or ent["nhs_as_printed"] not in gt:
            errs.append("NHS as printed mismatch")
    if ent["dob_as_printed"] and ent["dob_as_printed"] not in gt:
        errs.append("DOB as printed not in GT")
    for pc in UK_POSTCODE.findall(gt):
        if not pc.startswith("ZX"):
            errs.append("non-ZX postcode %s" % pc)
    for ph in PHONE.findall(gt):
        if not (ph.startswith("01632 960") or ph.startswith("07700 900")):
            errs.append("non-fictional phone %s" % ph)
    for line in gt[:-1].split("\n"):
        if line != "\f" and (line != norm(line) or not line):
            errs.append("GT line not normalised: %r" % line)
    if gt.count("\n\f\n") != ent["pages"] - 1:
        errs.append("page separators")
    if ent["document_type"] == REF and not (ent["nhs_number"] and ent["date_of_birth"]):
        errs.append("referral without NHS/DOB")
    if errs:
        raise LayoutError("%s: %s" % (ent["file"], "; ".join(errs)))


def counts(entries):
    from collections import Counter
    c = dict(document_type=Counter(), format=Counter(), difficulty=Counter(), dpi=Counter(), kind=Counter(), colour=Counter())
    for e in entries:
        c["document_type"][e["document_type"]] += 1
        c["format"][e["format"]] += 1
        c["kind"][e["kind"]] += 1
        c["colour"][e["colour"]] += 1
        c["dpi"][str(e["dpi"])] += e["pages"]
        for d in e["difficulty"]:
            c["difficulty"][d] += 1
    return {k: dict(sorted(v.items())) for k, v in c.items()}


README = """# OCR evaluation set `ocr7` - scanned NHS paper documents (all fictional)

{nfiles} files, {npages} pages: GP referral letters and other hospital paper records as a
records department scans them from legacy notes.  Every person, organisation, number and
address is invented: NHS numbers are in the 999 test range with valid modulus-11 check digits,
postcodes use the non-existent ZX area, telephone numbers are in the Ofcom drama ranges
(01632 960xxx, 07700 900xxx).  No OCR engine was run on any of these files.

## Files
- `docNN.<ext>` - the scan (`.tif` bilevel CCITT G4, multi-page; `.jpg` greyscale or colour;
  `.png` greyscale or colour; `.pdf` image-only PDF whose pages are JPEGs, A4 or Letter).
- `docNN.gt.txt` - UTF-8 ground truth.
- `manifest.jsonl` - one JSON object per file (fields below).
- `make_set.py` - the generator (deterministic; rerun it to rebuild byte-identical files).
- `SHA256SUMS` - checksums of every other file in this folder.

## Ground-truth conventions
- Printed text in reading order, one printed line per text line, pages separated by a line
  holding a single form feed (`\\f`).  No blank lines.  Runs of spaces are collapsed to one,
  no leading or trailing spaces.  The file ends with a newline.
- Table rows are one line: the non-empty cells joined by one space, left to right.
- Two side-by-side columns (e.g. addressee block beside a reference/date block, or a partners
  sidebar beside the letter): the left column is read completely, then the right.
  A single line with a left part and a right-aligned part is one line (left text, space, right text).
- Tick-box graphics and the marks in them, logos (including the "NHS" lozenge), rules,
  dotted/ruled lines and sprocket holes are not text.  The labels beside tick boxes are text.
- Text printed by a fax machine in the header line of a faxed page IS printed text and is the
  first line of that page.  Page footers (often 7-8 pt) are included as the last lines of a page.
- Overlay marks are NOT in the ground truth: rubber stamps, handwritten annotations, pen circles
  and underlines, signatures and highlighter.  Their text is listed in the manifest field
  `overlay_text_not_in_gt` (a signature is listed as `<signature>`).  Show-through (bleed-through)
  text from the reverse side of the paper is not in the ground truth either.
- Handwritten-style continuation sheets: the handwritten-style entries are the document's own
  content (set in handwriting fonts on the pre-printed ruled form) and ARE in the ground truth.
- Rotated pages: text is given in normal reading order (as if the page were upright).

## Manifest fields
`file`, `ground_truth`, `document_type` (referral_letter | clinic_letter | discharge_summary |
lab_result | appointment_letter | continuation_sheet), `kind` (layout), `pages`,
`nhs_number` (10 digits or null), `date_of_birth` (YYYY-MM-DD or null), `nhs_as_printed`,
`dob_as_printed` (exact substrings of the ground truth), `degradations` (list per page),
`difficulty` (per page: clean | moderate | hard), `rotation_clockwise_deg` (per page, 0/90/180/270:
the page image is the upright page turned clockwise by this angle; turn it back anticlockwise
to read it), `skew_clockwise_deg` (per page, small residual skew in degrees, positive = clockwise),
`format`, `colour` (bilevel | grey | colour), `jpeg_quality`, `dpi` (stored resolution of every page
of the file), `dpi_note`, `page_sizes`, `source` (per page: chromium-html or postscript), `fonts`,
`overlay_text_not_in_gt`, `distractors` (other numbers and dates printed or stamped on the
document: hospital numbers, UBRNs, telephone/fax numbers, letter/clinic/test dates, received
stamps...), `distractor_types` (parallel to `distractors`), `patient_name`, `letter_date`, `era`.
`nhs_number`/`date_of_birth` are null only where the document prints none (some non-referral
documents).  Every referral letter prints both.

## Tool chain
- Layout: HTML/CSS (tables, columns, letterheads, forms, tick boxes drawn as CSS/SVG graphics)
  printed to PDF with headless Chromium (`chromium --headless --print-to-pdf`); every printed
  line is its own no-wrap element and the generator wraps text itself using measured font
  widths, so the ground-truth line breaks are exactly the printed ones.
- Typewriter and dot-matrix pages: PostScript written by hand (`Courier`/Nimbus Mono PS and
  GNUTypewriter struck character by character with jitter and uneven ink; dot-matrix glyphs as a
  Type 3 font of round pin dots built from the X11 misc-fixed 6x10 bitmaps, continuous stationery
  with sprocket holes and optional green-bar paper), rendered with Ghostscript.
- Rasterising: pdftoppm (poppler) for the Chromium PDFs, Ghostscript for PostScript; fax pages
  are rasterised at 200x100 dpi.
- Check: before rasterising, the PDF text layer of every HTML page (pdftotext -bbox; this reads
  the vector PDF, it is not OCR) is matched against the ground truth: every GT line must be one
  printed line, left to right, and no printed word may be missing from the GT.
- Degradation: numpy (photocopy generations, toner loss, streaks, fax binarisation with
  dropped/noisy lines and sync slips, halftone letterheads resampled to give moire, coloured
  paper, coffee stains, highlighter, staples, punch holes, edge and book-fold shadows,
  bleed-through, uneven illumination, scanner noise, JPEG blocking) and ImageMagick (rubber stamp
  and handwritten-annotation text, rotation of stamps, page skew).  PIL is used for file encoding,
  resampling and for measuring text widths.
- Output: Pillow (TIFF G4, JPEG, PNG) and img2pdf (image-only PDF, no dates).
- Randomness: Python `random.Random` and numpy generators seeded from strings; a rerun gives
  byte-identical files (checked: see below).
- Debian bookworm packages: chromium, poppler-utils, ghostscript, imagemagick, python3-pil,
  python3-numpy, img2pdf, xfonts-base, fonts-urw-base35, fonts-liberation, fonts-freefont-ttf,
  fonts-courier-prime, fonts-gnutypewriter, fonts-dkg-handwriting, fonts-humor-sans,
  fonts-ebgaramond, fonts-crosextra-carlito, fonts-crosextra-caladea, fonts-femkeklaver,
  fonts-breip, fonts-linuxlibertine.  Run with `/usr/bin/python3 make_set.py --out DIR`.

## Counts
{counts}

## Determinism
{determinism}
"""


def fmt_counts(c, entries):
    lines = []
    lines.append("| document type | files | pages |")
    lines.append("| --- | --- | --- |")
    for k in c["document_type"]:
        lines.append("| %s | %d | %d |" % (k, c["document_type"][k], sum(e["pages"] for e in entries if e["document_type"] == k)))
    lines.append("")
    lines.append("| format | files | pages |")
    lines.append("| --- | --- | --- |")
    for k in c["format"]:
        lines.append("| %s | %d | %d |" % (k, c["format"][k], sum(e["pages"] for e in entries if e["format"] == k)))
    lines.append("")
    tot = sum(c["difficulty"].values())
    lines.append("Pages by difficulty: " + ", ".join("%s %d (%.0f%%)" % (k, v, 100.0 * v / tot) for k, v in c["difficulty"].items()))
    lines.append("")
    lines.append("Pages by stored resolution: " + ", ".join("%s dpi %d" % (k, v) for k, v in sorted(c["dpi"].items(), key=lambda kv: int(kv[0]))))
    lines.append("")
    rot = sum(1 for e in entries for r in e["rotation_clockwise_deg"] if r)
    lines.append("Pages turned by 90/180/270 degrees: %d.  Page sizes: %s." % (
        rot, ", ".join("%s %d" % (s, sum(1 for e in entries for p in e["page_sizes"] if p == s)) for s in ("A4", "Letter"))))
    lines.append("")
    lines.append("Layouts (kind): " + ", ".join("%s %d" % kv for kv in c["kind"].items()))
    return "\n".join(lines)


DETERMINISM = """`make_set.py` was run twice, into two different folders, and every output file compared
byte for byte with `sha256sum -c SHA256SUMS` in the second folder: all files identical.
(Chromium's intermediate PDFs carry a creation date, but they are only rasterised; the scans,
ground truth, manifest and README written here contain no time stamps.)"""


def sha_file(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--only", default="")
    ap.add_argument("--keep-tmp", action="store_true")
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    only = set(int(x) for x in a.only.split(",") if x)
    tmp = tempfile.mkdtemp(prefix="ocr7-")
    renderer = Renderer(tmp)
    entries = []
    try:
        for spec in DOCS:
            if only and spec["n"] not in only:
                continue
            ent, gt = build_doc(renderer, spec, out, tmp)
            check_entry(ent, gt)
            entries.append(ent)
            print("doc%02d %-18s %-30s %d page(s) %s" % (spec["n"], spec["type"], spec["kind"], ent["pages"], ent["file"]), flush=True)
    finally:
        if not a.keep_tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    if only:
        return
    with open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for e in entries:
            f.write(json.dumps(e, ensure_ascii=False, sort_keys=False) + "\n")
    c = counts(entries)
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(README.format(nfiles=len(entries), npages=sum(e["pages"] for e in entries),
                              counts=fmt_counts(c, entries), determinism=DETERMINISM))
    if os.path.abspath(__file__) != os.path.join(out, "make_set.py"):
        shutil.copyfile(os.path.abspath(__file__), os.path.join(out, "make_set.py"))
    names = sorted(n for n in os.listdir(out) if n != "SHA256SUMS" and os.path.isfile(os.path.join(out, n)))
    with open(os.path.join(out, "SHA256SUMS"), "w", newline="\n") as f:
        for n in names:
            f.write("%s  %s\n" % (sha_file(os.path.join(out, n)), n))
    print(json.dumps(c, indent=1))


if __name__ == "__main__":
    main()
