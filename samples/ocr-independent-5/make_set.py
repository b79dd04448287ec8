#!/usr/bin/python3
"""make_set.py - deterministic generator for the sealed OCR evaluation set "ocr5".

Scanned NHS paper documents (fictional): GP referral letters to gastroenterology, clinic
letters, discharge summaries, lab result sheets, appointment letters and continuation sheets,
rendered with Pillow + NumPy, degraded (carbon/NCR copies, thermal fax, photocopies of
photocopies, coloured paper, stamps, signatures, handwriting, holes, staples, folds, stains,
skew/rotation, blur, noise, JPEG) and written as TIFF (G4/LZW), PNG, JPEG and image-only PDF.

Everything is fictional: NHS numbers are in the 999 test range with valid modulus-11 check
digits, postcodes are in the non-existent ZX area, phone numbers are in the Ofcom drama ranges
01632 960xxx / 07700 900xxx, and all people, practices, hospitals and trusts are invented.

Run:  /usr/bin/python3 make_set.py [output_dir]      (default: the folder holding this script)
Needs (Debian): python3-pil python3-numpy python3-img2pdf fonts-liberation fonts-liberation2
fonts-dejavu-core fonts-dejavu-extra fonts-urw-base35 fonts-courier-prime fonts-freefont-ttf
fonts-crosextra-carlito fonts-crosextra-caladea fonts-noto-core fonts-gnutypewriter
fonts-dkg-handwriting fonts-kristi fonts-breip fonts-humor-sans
fonts-dancingscript fonts-comic-neue (ghostscript only for the optional page-count check).

All randomness is string-seeded (random.Random(str) and numpy generators seeded from SHA-256 of a
string), so rerunning rewrites the set byte-identically with the same library versions.
"""
import datetime as dt
import hashlib
import io
import json
import math
import os
import random
import re
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

try:
    import img2pdf
except ImportError:  # pragma: no cover
    img2pdf = None

SET_NAME = "ocr5"

# ----------------------------------------------------------------------------- randomness

def R_(*parts):
    """String-seeded Python RNG."""
    return random.Random(SET_NAME + ":" + ":".join(str(p) for p in parts))


def NP_(*parts):
    """String-seeded NumPy RNG."""
    h = hashlib.sha256((SET_NAME + ":" + ":".join(str(p) for p in parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], "big"))


# ----------------------------------------------------------------------------- fonts

FD = "/usr/share/fonts"
OTF_URW = FD + "/opentype/urw-base35/"
FAMILIES = {
    # key: (display name, regular, bold, italic)
    "arial": ("Liberation Sans", FD + "/truetype/liberation2/LiberationSans-Regular.ttf",
              FD + "/truetype/liberation2/LiberationSans-Bold.ttf",
              FD + "/truetype/liberation2/LiberationSans-Italic.ttf"),
    "arialn": ("Liberation Sans Narrow", FD + "/truetype/liberation/LiberationSansNarrow-Regular.ttf",
               FD + "/truetype/liberation/LiberationSansNarrow-Bold.ttf",
               FD + "/truetype/liberation/LiberationSansNarrow-Italic.ttf"),
    "times": ("Liberation Serif", FD + "/truetype/liberation2/LiberationSerif-Regular.ttf",
              FD + "/truetype/liberation2/LiberationSerif-Bold.ttf",
              FD + "/truetype/liberation2/LiberationSerif-Italic.ttf"),
    "calibri": ("Carlito", FD + "/truetype/crosextra/Carlito-Regular.ttf",
                FD + "/truetype/crosextra/Carlito-Bold.ttf",
                FD + "/truetype/crosextra/Carlito-Italic.ttf"),
    "cambria": ("Caladea", FD + "/truetype/crosextra/Caladea-Regular.ttf",
                FD + "/truetype/crosextra/Caladea-Bold.ttf",
                FD + "/truetype/crosextra/Caladea-Italic.ttf"),
    "helv": ("Nimbus Sans", OTF_URW + "NimbusSans-Regular.otf", OTF_URW + "NimbusSans-Bold.otf",
             OTF_URW + "NimbusSans-Italic.otf"),
    "nimbusroman": ("Nimbus Roman", OTF_URW + "NimbusRoman-Regular.otf",
                    OTF_URW + "NimbusRoman-Bold.otf", OTF_URW + "NimbusRoman-Italic.otf"),
    "palatino": ("P052", OTF_URW + "P052-Roman.otf", OTF_URW + "P052-Bold.otf",
                 OTF_URW + "P052-Italic.otf"),
    "century": ("C059", OTF_URW + "C059-Roman.otf", OTF_URW + "C059-Bold.otf",
                OTF_URW + "C059-Italic.otf"),
    "bookman": ("URW Bookman", OTF_URW + "URWBookman-Light.otf", OTF_URW + "URWBookman-Demi.otf",
                OTF_URW + "URWBookman-LightItalic.otf"),
    "gothic": ("URW Gothic", OTF_URW + "URWGothic-Book.otf", OTF_URW + "URWGothic-Demi.otf",
               OTF_URW + "URWGothic-BookOblique.otf"),
    "dejavu": ("DejaVu Sans", FD + "/truetype/dejavu/DejaVuSans.ttf",
               FD + "/truetype/dejavu/DejaVuSans-Bold.ttf",
               FD + "/truetype/dejavu/DejaVuSans-Oblique.ttf"),
    "dejavuc": ("DejaVu Sans Condensed", FD + "/truetype/dejavu/DejaVuSansCondensed.ttf",
                FD + "/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
                FD + "/truetype/dejavu/DejaVuSansCondensed-Oblique.ttf"),
    "dejavuserif": ("DejaVu Serif", FD + "/truetype/dejavu/DejaVuSerif.ttf",
                    FD + "/truetype/dejavu/DejaVuSerif-Bold.ttf",
                    FD + "/truetype/dejavu/DejaVuSerif-Italic.ttf"),
    "freesans": ("FreeSans", FD + "/truetype/freefont/FreeSans.ttf",
                 FD + "/truetype/freefont/FreeSansBold.ttf",
                 FD + "/truetype/freefont/FreeSansOblique.ttf"),
    "freeserif": ("FreeSerif", FD + "/truetype/freefont/FreeSerif.ttf",
                  FD + "/truetype/freefont/FreeSerifBold.ttf",
                  FD + "/truetype/freefont/FreeSerifItalic.ttf"),
    "noto": ("Noto Sans", FD + "/truetype/noto/NotoSans-Regular.ttf",
             FD + "/truetype/noto/NotoSans-Bold.ttf", FD + "/truetype/noto/NotoSans-Italic.ttf"),
    "notoserif": ("Noto Serif", FD + "/truetype/noto/NotoSerif-Regular.ttf",
                  FD + "/truetype/noto/NotoSerif-Bold.ttf",
                  FD + "/truetype/noto/NotoSerif-Italic.ttf"),
    # monospaced
    "courier": ("Nimbus Mono PS", OTF_URW + "NimbusMonoPS-Regular.otf",
                OTF_URW + "NimbusMonoPS-Bold.otf", OTF_URW + "NimbusMonoPS-Italic.otf"),
    "courierprime": ("Courier Prime", FD + "/opentype/courier-prime/Courier Prime.otf",
                     FD + "/opentype/courier-prime/Courier Prime Bold.otf",
                     FD + "/opentype/courier-prime/Courier Prime Italic.otf"),
    "libmono": ("Liberation Mono", FD + "/truetype/liberation2/LiberationMono-Regular.ttf",
                FD + "/truetype/liberation2/LiberationMono-Bold.ttf",
                FD + "/truetype/liberation2/LiberationMono-Italic.ttf"),
    "freemono": ("FreeMono", FD + "/truetype/freefont/FreeMono.ttf",
                 FD + "/truetype/freefont/FreeMonoBold.ttf",
                 FD + "/truetype/freefont/FreeMonoOblique.ttf"),
    "dejavumono": ("DejaVu Sans Mono", FD + "/truetype/dejavu/DejaVuSansMono.ttf",
                   FD + "/truetype/dejavu/DejaVuSansMono-Bold.ttf",
                   FD + "/truetype/dejavu/DejaVuSansMono-Oblique.ttf"),
    "gnutype": ("GNU Typewriter", FD + "/truetype/gnutypewriter/GNUTypewriter.ttf",
                FD + "/truetype/gnutypewriter/GNUTypewriter.ttf",
                FD + "/truetype/gnutypewriter/GNUTypewriter.ttf"),
    # handwriting-style (annotations, continuation sheets)
    "hand_dkg": ("dkg handwriting", FD + "/truetype/fifthhorseman/dkg.ttf",
                 FD + "/truetype/fifthhorseman/dkgBd.ttf", FD + "/truetype/fifthhorseman/dkgIt.ttf"),
    "hand_kristi": ("Kristi", FD + "/truetype/kristi/Kristi.ttf", FD + "/truetype/kristi/Kristi.ttf",
                    FD + "/truetype/kristi/Kristi.ttf"),
    "hand_breip": ("Breip", FD + "/truetype/breip/Breip.ttf", FD + "/truetype/breip/Breip.ttf",
                   FD + "/truetype/breip/Breip.ttf"),
    "hand_humor": ("Humor Sans", FD + "/truetype/humor-sans/Humor-Sans.ttf",
                   FD + "/truetype/humor-sans/Humor-Sans.ttf",
                   FD + "/truetype/humor-sans/Humor-Sans.ttf"),
    "hand_dancing": ("Dancing Script", FD + "/opentype/dancingscript/DancingScript-Regular.otf",
                     FD + "/opentype/dancingscript/DancingScript-Bold.otf",
                     FD + "/opentype/dancingscript/DancingScript-Regular.otf"),
    "hand_comic": ("Comic Neue", FD + "/opentype/comic-neue/ComicNeue-Regular.otf",
                   FD + "/opentype/comic-neue/ComicNeue-Bold.otf",
                   FD + "/opentype/comic-neue/ComicNeue-Italic.otf"),
}
HAND_FONTS = ["hand_dkg", "hand_kristi", "hand_breip", "hand_humor", "hand_dancing", "hand_comic"]
_FONT_CACHE = {}


def get_font(fam, px, weight="r"):
    idx = {"r": 1, "b": 2, "i": 3}[weight]
    path = FAMILIES[fam][idx]
    key = (path, px)
    f = _FONT_CACHE.get(key)
    if f is None:
        if not os.path.exists(path):
            sys.exit("missing font %s (install the Debian fonts-* packages listed in the header)" % path)
        f = ImageFont.truetype(path, size=max(4, int(px)), layout_engine=ImageFont.Layout.BASIC)
        _FONT_CACHE[key] = f
    return f


# ----------------------------------------------------------------------------- page model

def norm_gt(s):
    return re.sub(r"\s+", " ", s).strip()


PAPER = {
    "white": (0.985, 0.985, 0.975),
    "bright": (1.0, 1.0, 1.0),
    "yellow": (0.99, 0.95, 0.62),
    "pink": (0.99, 0.83, 0.86),
    "green": (0.80, 0.93, 0.78),
    "blue": (0.80, 0.89, 0.98),
    "buff": (0.95, 0.89, 0.76),
    "thermal": (0.97, 0.96, 0.91),
    "recycled": (0.93, 0.92, 0.88),
}


class Page:
    """One sheet. Coordinates are in mm from the top-left corner; y is the text baseline."""

    def __init__(self, doc, size_mm=(210, 297), paper="white"):
        self.doc = doc
        self.R = doc.R
        self.size_mm = size_mm
        self.W = self.px(size_mm[0])
        self.H = self.px(size_mm[1])
        self.paper = paper
        self.layers = {"main": Image.new("L", (self.W, self.H), 255),
                       "fill": Image.new("L", (self.W, self.H), 255)}
        self.draws = {k: ImageDraw.Draw(v) for k, v in self.layers.items()}
        self.colour = None  # RGB layer for coloured print (logos, rules), created on demand
        self.gt = []
        self.boxes = []   # (x0, y0, x1, y1) px of every GT text line
        self.gt_late = []
        self.boxes_late = []
        self.tags = {}    # tag -> bbox px
        self.anchors = {}
        self.hand_lines = 0  # GT lines written in a handwriting-style font
        self.fonts = set()

    # geometry
    def px(self, mm):
        return int(round(mm * self.R / 25.4))

    def mm(self, px):
        return px * 25.4 / self.R

    def ptpx(self, pt):
        return pt * self.R / 72.0

    def cdraw(self):
        if self.colour is None:
            self.colour = Image.new("RGB", (self.W, self.H), (255, 255, 255))
            self.cd = ImageDraw.Draw(self.colour)
        return self.cd

    # text measurement
    def font(self, fam, pt, weight="r"):
        self.fonts.add(FAMILIES[fam][0] + ("" if weight == "r" else (" Bold" if weight == "b" else " Italic")))
        return get_font(fam, round(self.ptpx(pt)), weight)

    def width(self, s, fam, pt, weight="r", style=None):
        if style in ("type", "dot"):
            return self.mm(self.mono_adv(fam, pt, style) * len(s))
        return self.mm(self.font(fam, pt, weight).getlength(s))

    def mono_adv(self, fam, pt, style):
        if style == "dot":
            return self.ptpx(pt) * 0.6  # 10 cpi at 12 pt
        return self.font(fam, pt).getlength("M")

    # drawing
    def text(self, x, y, s, fam="arial", pt=10, weight="r", layer="main", ink=0, align="l",
             style=None, gt=True, tag=None, hand=False, late=False):
        """Draw one printed line (or a fragment when gt=False). Returns right edge in mm."""
        if not s:
            return x
        w = self.width(s, fam, pt, weight, style)
        if align == "r":
            x = x - w
        elif align == "c":
            x = x - w / 2
        X, Y = self.px(x), self.px(y)
        if style == "type":
            bb = self._typewriter(X, Y, s, fam, pt, weight, layer, ink)
        elif style == "dot":
            bb = self._dotmatrix(X, Y, s, fam, pt, layer, ink)
        elif layer == "colour":
            f = self.font(fam, pt, weight)
            self.cdraw().text((X, Y), s, font=f, fill=ink, anchor="ls")
            bb = self.cd.textbbox((X, Y), s, font=f, anchor="ls")
        else:
            f = self.font(fam, pt, weight)
            self.draws[layer].text((X, Y), s, font=f, fill=ink, anchor="ls")
            bb = self.draws[layer].textbbox((X, Y), s, font=f, anchor="ls")
        self._check_box(bb, s)
        if gt and late:   # page footers drawn early: their GT goes after the body text
            self.gt_late.append(norm_gt(s))
            self.boxes_late.append(bb)
        elif gt:
            self.gt.append(norm_gt(s))
            self.boxes.append(bb)
            if hand:
                self.hand_lines += 1
        if tag:
            self.tags[tag] = bb
        return x + w

    def _check_box(self, bb, s):
        m = self.px(6)
        if bb[0] < m or bb[1] < self.px(4) or bb[2] > self.W - m or bb[3] > self.H - self.px(4):
            raise ValueError("%s: text outside safe area: %r %r" % (self.doc.name, s, bb))

    def runs(self, x, y, parts, layer_default="main", tag=None, gt=True):
        """Draw consecutive runs [(text, fam, pt, weight[, layer])] on one line; GT = concatenation."""
        out = []
        x0 = x
        bbs = []
        for p in parts:
            s, fam, pt, weight = p[:4]
            layer = p[4] if len(p) > 4 else layer_default
            style = p[5] if len(p) > 5 else None
            n = len(self.gt)
            xe = self.text(x, y, s, fam, pt, weight, layer=layer, style=style, gt=True)
            if len(self.gt) > n:
                self.gt.pop()
                bbs.append(self.boxes.pop())
            out.append(s)
            x = xe
        if gt:
            self.gt.append(norm_gt("".join(out)))
            bb = (min(b[0] for b in bbs), min(b[1] for b in bbs), max(b[2] for b in bbs),
                  max(b[3] for b in bbs))
            self.boxes.append(bb)
            if tag:
                self.tags[tag] = bb
        return x

    def cells(self, y, cells, tag=None, late=False):
        """Table row: cells [(x, text, fam, pt, weight[, align[, layer[, style]]])]; GT = cells joined by one space."""
        out = []
        bbs = []
        for c in cells:
            x, s, fam, pt, weight = c[:5]
            align = c[5] if len(c) > 5 else "l"
            layer = c[6] if len(c) > 6 else "main"
            style = c[7] if len(c) > 7 else None
            ink = c[8] if len(c) > 8 else 0
            if not s:
                continue
            n = len(self.gt)
            self.text(x, y, s, fam, pt, weight, layer=layer, align=align, style=style, ink=ink)
            if len(self.gt) > n:
                self.gt.pop()
                bbs.append(self.boxes.pop())
            out.append(norm_gt(s))
        if out:
            bb = (min(b[0] for b in bbs), min(b[1] for b in bbs), max(b[2] for b in bbs),
                  max(b[3] for b in bbs))
            if late:
                self.gt_late.append(" ".join(out))
                self.boxes_late.append(bb)
            else:
                self.gt.append(" ".join(out))
                self.boxes.append(bb)
            if tag:
                self.tags[tag] = bb

    def wrap(self, s, width, fam, pt, weight="r", style=None):
        words = s.split()
        lines, cur = [], ""
        for w in words:
            t = (cur + " " + w) if cur else w
            if self.width(t, fam, pt, weight, style) <= width or not cur:
                cur = t
            else:
                lines.append(cur)
                cur = w
        if cur:
            lines.append(cur)
        return lines

    def para(self, x, y, width, s, fam, pt, weight="r", lead=1.22, style=None, justify=False,
             layer="main", ink=0):
        """Wrapped paragraph; returns the next baseline y (mm)."""
        lh = pt * lead * 25.4 / 72
        lines = self.wrap(s, width, fam, pt, weight, style)
        for i, ln in enumerate(lines):
            if justify and i < len(lines) - 1 and style is None:
                self.justified(x, y, width, ln, fam, pt, weight, layer, ink)
            else:
                self.text(x, y, ln, fam, pt, weight, style=style, layer=layer, ink=ink)
            y += lh
        return y

    def justified(self, x, y, width, ln, fam, pt, weight, layer, ink):
        words = ln.split()
        if len(words) < 2:
            return self.text(x, y, ln, fam, pt, weight, layer=layer, ink=ink)
        tw = sum(self.width(w, fam, pt, weight) for w in words)
        gap = (width - tw) / (len(words) - 1)
        if gap > 3 * self.width(" ", fam, pt, weight):
            return self.text(x, y, ln, fam, pt, weight, layer=layer, ink=ink)
        xx = x
        bbs = []
        for w in words:
            self.text(xx, y, w, fam, pt, weight, layer=layer, ink=ink)
            self.gt.pop()
            bbs.append(self.boxes.pop())
            xx += self.width(w, fam, pt, weight) + gap
        self.gt.append(norm_gt(ln))
        self.boxes.append((min(b[0] for b in bbs), min(b[1] for b in bbs), max(b[2] for b in bbs),
                           max(b[3] for b in bbs)))

    def lh(self, pt, lead=1.22):
        return pt * lead * 25.4 / 72

    # graphics
    def line(self, x0, y0, x1, y1, w=0.25, layer="main", ink=0):
        if layer == "colour":
            self.cdraw().line([(self.px(x0), self.px(y0)), (self.px(x1), self.px(y1))], fill=ink,
                              width=max(1, self.px(w)))
        else:
            self.draws[layer].line([(self.px(x0), self.px(y0)), (self.px(x1), self.px(y1))],
                                   fill=ink, width=max(1, self.px(w)))

    def rect(self, x0, y0, x1, y1, w=0.25, layer="main", ink=0, fill=None):
        if layer == "colour":
            self.cdraw().rectangle([self.px(x0), self.px(y0), self.px(x1), self.px(y1)], outline=ink,
                                   width=max(1, self.px(w)) if w else 0, fill=fill)
        else:
            self.draws[layer].rectangle([self.px(x0), self.px(y0), self.px(x1), self.px(y1)],
                                        outline=ink if w else None,
                                        width=max(1, self.px(w)) if w else 0, fill=fill)

    def shade(self, x0, y0, x1, y1, grey=225, layer="main"):
        self.draws[layer].rectangle([self.px(x0), self.px(y0), self.px(x1), self.px(y1)], fill=grey)

    def tickbox(self, x, y, size=3.6, state=None, rng=None, layer_mark="fill"):
        """Box with its bottom-left corner at baseline (x, y). state: None | 'tick' | 'cross'."""
        self.rect(x, y - size, x + size, y, w=0.25)
        if state is None:
            return
        r = rng or random.Random(0)
        d = self.draws[layer_mark]
        P = self.px
        wid = max(2, P(0.45))
        if state == "cross":
            j = lambda: r.uniform(-0.5, 0.5)
            d.line([(P(x + 0.5 + j()), P(y - size + 0.4 + j())), (P(x + size - 0.3 + j()), P(y - 0.3 + j()))],
                   fill=0, width=wid)
            d.line([(P(x + size - 0.4 + j()), P(y - size + 0.3 + j())), (P(x + 0.4 + j()), P(y - 0.4 + j()))],
                   fill=0, width=wid)
        else:
            pts = [(x + 0.4, y - size * 0.45), (x + size * 0.4, y - 0.2),
                   (x + size * 1.25 + r.uniform(0, 1.0), y - size * 1.35 - r.uniform(0, 1.2))]
            d.line([(P(a), P(b)) for a, b in pts], fill=0, width=wid, joint="curve")

    # special print technologies
    def _typewriter(self, X, Y, s, fam, pt, weight, layer, ink):
        f = self.font(fam, pt, weight)
        adv = f.getlength("M")
        r = self.doc.rng_tw
        d = self.draws[layer]
        jy = max(1, round(self.ptpx(pt) * 0.045))
        x0 = X
        for i, ch in enumerate(s):
            if ch == " ":
                continue
            xx = X + i * adv + r.uniform(-0.6, 0.6)
            yy = Y + r.randint(-jy, jy)
            tone = min(200, max(0, int(ink + r.gauss(35, 30))))
            d.text((xx, yy), ch, font=f, fill=tone, anchor="ls")
            if r.random() < 0.05:  # double strike / heavy key
                d.text((xx + 1, yy), ch, font=f, fill=max(0, tone - 40), anchor="ls")
        asc, desc = f.getmetrics()
        return (x0, Y - asc, int(X + adv * len(s)), Y + desc)

    def _dotmatrix(self, X, Y, s, fam, pt, layer, ink):
        cols, rows = 9, 12          # 9 dot columns, 12 rows: 9 from cap line to baseline + 3 descender rows
        adv = self.mono_adv(fam, pt, "dot")
        pitch_x = adv / cols
        pitch_y = self.ptpx(pt) * 0.72 / 8  # cap height = 8 pitches (rows 0..8)
        rad = max(1.0, pitch_x * 0.62)
        d = self.draws[layer]
        r = self.doc.rng_tw
        top = Y - pitch_y * 8
        strength = self.doc.ribbon
        for i, ch in enumerate(s):
            if ch == " ":
                continue
            g = dot_glyph(ch, cols, rows)
            x0 = X + i * adv
            for (c, rr) in g:
                cx = x0 + c * pitch_x + r.uniform(-0.25, 0.25) * pitch_x
                cy = top + rr * pitch_y
                tone = int(min(220, max(0, ink + 255 * (1 - strength) + r.gauss(0, 25)
                                        + (40 if rr in (0, 1) else 0))))
                d.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], fill=tone)
        return (X, int(top - rad), int(X + adv * len(s)), int(top + rows * pitch_y + rad))

    # overlay anchors
    def anchor(self, name, x, y):
        self.anchors[name] = (x, y)


_DOT_CACHE = {}


def dot_glyph(ch, cols, rows):
    """Dot positions (col, row) for a character on a cols x rows pin grid (rows 0..8 above the baseline)."""
    key = (ch, cols, rows)
    if key in _DOT_CACHE:
        return _DOT_CACHE[key]
    size = 240
    f = get_font("dejavumono", size, "r")
    cw = int(f.getlength("M"))
    im = Image.new("L", (cw, size * 2), 0)
    d = ImageDraw.Draw(im)
    base = int(size * 1.2)
    d.text((0, base), ch, font=f, fill=255, anchor="ls")
    im = im.filter(ImageFilter.MaxFilter(9))   # fatten strokes slightly so that point samples hit them
    a = np.asarray(im)
    cap = size * 0.73
    pitch_y = cap / 8.0
    pitch_x = cw / float(cols)
    pts = []
    for rr in range(rows):
        yy = int(base - cap + rr * pitch_y)
        for c in range(cols):
            xx = int((c + 0.5) * pitch_x)
            if 0 <= yy < a.shape[0] and a[yy, xx] > 128:
                pts.append((c, rr))
    _DOT_CACHE[key] = pts
    return pts


class Doc:
    def __init__(self, spec):
        self.spec = spec
        self.name = "doc%02d" % spec["n"]
        self.R = 400 if spec["dpi"] > 300 else 300
        self.pages = []
        self.rng = R_(self.name, "content")
        self.rng_tw = R_(self.name, "typewriter")
        self.ribbon = 0.9
        self.overlay_text = []

    def new_page(self, size_mm=(210, 297), paper="white"):
        p = Page(self, size_mm, paper)
        self.pages.append(p)
        return p


# ----------------------------------------------------------------------------- fictional data

FIRST_F = ["Margaret", "Susan", "Linda", "Janet", "Patricia", "Elaine", "Deborah", "Joanne",
           "Carol", "Helen", "Gillian", "Karen", "Amanda", "Rachel", "Sophie", "Chloe", "Aisha",
           "Priya", "Bethan", "Eileen", "Doreen", "Sandra", "Fiona", "Nicola", "Lorraine", "Yvonne",
           "Hazel", "Maureen", "Teresa", "Olivia", "Grace", "Niamh"]
FIRST_M = ["David", "John", "Michael", "Peter", "Stephen", "Graham", "Keith", "Colin", "Trevor",
           "Martin", "Andrew", "Gareth", "Rajesh", "Imran", "Thomas", "Daniel", "Liam", "Callum",
           "Dennis", "Kenneth", "Barry", "Neil", "Malcolm", "Derek", "Howard", "Owen", "Kieran",
           "Samuel", "Joseph", "Ian"]
SURNAMES = ["Ashworth", "Blenkinsop", "Calloway", "Dunmore", "Eversley", "Fairbrother", "Gladwin",
            "Hollis", "Ingleby", "Jessop", "Kettlewell", "Lockwood", "Merriman", "Norcliffe",
            "Oldroyd", "Pennington", "Quarrie", "Rowntree", "Sedgwick", "Thackeray", "Underhill",
            "Varley", "Wainwright", "Yeadon", "Allinson", "Brocklehurst", "Catterall", "Dewhirst",
            "Entwistle", "Fothergill", "Greenhalgh", "Hebblethwaite", "Illingworth", "Jagger",
            "Kershaw", "Lumb", "Mottram", "Nuttall", "Ormerod", "Pickersgill", "Ramsbottom",
            "Shackleton", "Tattersall", "Whitworth", "Ackroyd", "Bairstow", "Crowther", "Dobson",
            "Haigh", "Mistry", "Chaudhry", "Okafor", "Nowak", "Kowalczyk", "O'Rourke", "MacLeod"]
TOWNS = ["Ashcombe", "Hollingford", "Marstow", "Kettleby", "Fernhallow", "Sallowfield", "Brackenby",
         "Thornleigh", "Wenmouth", "Caddington Vale", "Ravensholme", "Eastwold", "Lower Brindley",
         "Stannington Moor", "Pellworth", "Quenby Bridge"]
STREETS = ["Mill Lane", "Station Road", "Orchard Close", "Church Street", "Victoria Terrace",
           "Beech Grove", "Chapel Fold", "Moorside Avenue", "Kingfisher Way", "Albion Street",
           "Larch Crescent", "Wharf Road", "Poplar Drive", "Heather Bank", "Sycamore Court",
           "Tanners Row", "Coronation Walk", "Foundry Lane", "Bridge End", "Lime Tree Avenue"]
HOUSE_NAMES = ["Rose Cottage", "The Old Forge", "Flat 3, Alder House", "Flat 12, Mercer Court",
               "2 Holly Mews", "Ivy Lodge"]
PRACTICES = [("Larkfield Road Surgery", "Larkfield Road"), ("Castlegate Medical Centre", "Castlegate"),
             ("The Willows Health Centre", "Willow Street"), ("Brambleton Family Practice", "Brambleton Way"),
             ("Moorview Medical Practice", "Moorview Road"), ("Riverside Surgery", "Quay Street"),
             ("St Ebba's Health Centre", "Abbey Lane"), ("Heathfield Group Practice", "Heathfield Road"),
             ("Old Mill Surgery", "Mill Race"), ("Oakwood Lane Medical Centre", "Oakwood Lane"),
             ("Kingsmead Practice", "Kingsmead Parade"), ("Fernhallow Surgery", "High Street"),
             ("Canal Side Medical Group", "Towpath Road"), ("Priory Park Surgery", "Priory Park")]
TRUSTS = [("Ashcombe and District Hospitals NHS Foundation Trust", "Ashcombe General Hospital", "Ashcombe"),
          ("Northmoor University Hospitals NHS Trust", "Northmoor Royal Infirmary", "Ravensholme"),
          ("Kestrel Valley Healthcare NHS Trust", "St Aldhelm's Hospital", "Hollingford"),
          ("Wenmouth and Eastwold NHS Foundation Trust", "Wenmouth District Hospital", "Wenmouth"),
          ("Marstow Teaching Hospitals NHS Trust", "Marstow Royal Hospital", "Marstow")]
CONSULTANTS = ["Dr H. Pemberton-Gray", "Dr S. Raghunathan", "Dr E. Lindqvist", "Professor A. Mbeki-Hart",
               "Dr C. O'Halloran", "Dr R. Feltham", "Dr J. Szymanska", "Dr M. Attwater"]
GPS = ["Dr Alison Brereton", "Dr Tom Keighley", "Dr Nadia Hussain", "Dr Philip Ormsby",
       "Dr Catherine Mayall", "Dr Richard Thorne", "Dr Sunita Varma", "Dr Hugh Linthwaite",
       "Dr Eleanor Pargeter", "Dr James Whitcombe", "Dr Fatima Rahman", "Dr Gordon Maskell"]
NURSES = ["Jo Fairclough", "Sam Pettigrew", "Karen Lowther", "Bernadette Quinn", "Tasha Moyo"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
CONS_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # inward-code letters (no C I K M O V)


def check_digit(d9):
    s = sum(int(c) * (10 - i) for i, c in enumerate(d9))
    c = 11 - s % 11
    if c == 11:
        return 0
    if c == 10:
        return None
    return c


_USED_NHS = set()


def make_nhs(r):
    while True:
        d9 = "999" + "".join(str(r.randint(0, 9)) for _ in range(6))
        c = check_digit(d9)
        if c is not None and d9 not in _USED_NHS:
            _USED_NHS.add(d9)
            return d9 + str(c)


def valid_nhs(n):
    return len(n) == 10 and n.isdigit() and check_digit(n[:9]) == int(n[9])


def fmt_nhs(n, style):
    if style == "spaced":
        return "%s %s %s" % (n[:3], n[3:6], n[6:])
    if style == "dashed":
        return "%s-%s-%s" % (n[:3], n[3:6], n[6:])
    return n


def ordinal(d):
    if 10 <= d % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return "%d%s" % (d, suf)


def fmt_date(d, style):
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "slash2":
        return d.strftime("%d/%m/%y")
    if style == "dots2":
        return d.strftime("%d.%m.%y")
    if style == "dots":
        return d.strftime("%d.%m.%Y")
    if style == "short":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "ordinal":
        return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    if style == "dashmon":
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "dashmonU":
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3].upper(), d.year)
    if style == "iso":
        return d.isoformat()
    if style == "stamp":
        return "%02d %s %d" % (d.day, MONTHS[d.month - 1][:3].upper(), d.year)
    raise ValueError(style)


def postcode(r):
    return "ZX%d %d%s%s" % (r.randint(1, 19), r.randint(1, 9), r.choice(CONS_LETTERS), r.choice(CONS_LETTERS))


def landline(r):
    return "01632 960%03d" % r.randint(0, 999)


def mobile(r):
    return "07700 900%03d" % r.randint(0, 999)


def rand_date(r, y0, y1):
    a = dt.date(y0, 1, 1).toordinal()
    b = dt.date(y1, 12, 28).toordinal()
    return dt.date.fromordinal(r.randint(a, b))


def workday(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


class Patient:
    def __init__(self, r, sex=None, dob_years=(1932, 2003)):
        self.sex = sex or r.choice("FM")
        self.first = r.choice(FIRST_F if self.sex == "F" else FIRST_M)
        self.middle = r.choice(FIRST_F if self.sex == "F" else FIRST_M) if r.random() < 0.4 else ""
        if self.middle == self.first:
            self.middle = ""
        self.last = r.choice(SURNAMES)
        self.title = ("Mrs" if r.random() < 0.55 else r.choice(["Ms", "Miss"])) if self.sex == "F" else "Mr"
        self.dob = rand_date(r, *dob_years)
        self.house = str(r.randint(1, 148)) + " " + r.choice(STREETS) if r.random() < 0.8 else r.choice(HOUSE_NAMES)
        if self.house.startswith(("Flat", "2 Holly")):
            self.addr = [self.house, r.choice(STREETS)]
        elif self.house[0].isdigit():
            self.addr = [self.house]
        else:
            self.addr = [self.house, r.choice(STREETS)]
        self.town = r.choice(TOWNS)
        self.postcode = postcode(r)
        self.phone = landline(r)
        self.mobile = mobile(r)
        self.nhs = make_nhs(r)
        self.hosp = r.choice(["K", "M", "RX", "H", "A"]) + "%06d" % r.randint(100000, 999999)
        self.he, self.his, self.him = ("she", "her", "her") if self.sex == "F" else ("he", "his", "him")

    def age_on(self, d):
        return d.year - self.dob.year - ((d.month, d.day) < (self.dob.month, self.dob.day))

    @property
    def full(self):
        return " ".join(x for x in [self.first, self.middle, self.last] if x)

    def formal(self):
        return "%s %s %s" % (self.title, self.first, self.last)

    def formal_upper(self):
        return "%s %s %s" % (self.title, self.first, self.last.upper())

    def address_lines(self):
        return self.addr + [self.town, self.postcode]


class Practice:
    def __init__(self, r):
        self.name, street = r.choice(PRACTICES)
        self.town = r.choice(TOWNS)
        self.addr = ["%d %s" % (r.randint(1, 90), street) if r.random() < 0.6 else street, self.town,
                     postcode(r)]
        self.tel = landline(r)
        self.fax = landline(r)
        while self.fax == self.tel:
            self.fax = landline(r)
        self.code = "ZX%04d" % r.randint(1000, 9999)
        gps = r.sample(GPS, 4)
        self.gp = gps[0]
        self.partners = gps
        self.email = re.sub(r"[^a-z]", "", self.name.lower())[:14] + ".practice@nhs.invalid"


class Trust:
    def __init__(self, r):
        self.name, self.hospital, self.town = r.choice(TRUSTS)
        self.addr = [self.hospital, r.choice(["Infirmary Road", "Hospital Lane", "Westgate",
                                              "College Road", "Northern Way"]), self.town, postcode(r)]
        self.tel = landline(r)
        self.cons = r.choice(CONSULTANTS)
        self.sec_tel = landline(r)


# Clinical scenarios (ASCII only). {he}/{his}/{him}/{He}/{His} are filled per patient.
SCENARIOS = [
    dict(key="ida", title="Iron deficiency anaemia", urgency="Urgent", ww=None,
         hpc=["{He} has been feeling increasingly tired and breathless on exertion over the last three months.",
              "Routine bloods showed a microcytic anaemia with a haemoglobin of {hb} g/L and a ferritin of {ferr} ug/L.",
              "There has been no overt gastrointestinal blood loss and {his} bowel habit is unchanged.",
              "{He} takes no anti-inflammatory medication and coeliac serology was negative."],
         bloods=[("Haemoglobin", "{hb}", "g/L", "115-165", "L"), ("MCV", "74", "fL", "80-100", "L"),
                 ("Ferritin", "{ferr}", "ug/L", "15-300", "L"), ("Platelets", "412", "x10^9/L", "150-400", "H"),
                 ("tTG IgA", "0.8", "U/mL", "<7.0", "")],
         ask="I would be grateful if you could see {him} with a view to upper and lower GI investigation.",
         symptoms=["Iron deficiency anaemia"]),
    dict(key="cibh", title="Change in bowel habit with positive FIT", urgency="2WW", ww="lower",
         hpc=["{He} reports a change in bowel habit to looser and more frequent stools for about eight weeks.",
              "A faecal immunochemical test returned at {fit} ug Hb/g faeces.",
              "{He} has lost around {wl} kg in weight without trying and has some left iliac fossa discomfort.",
              "Abdominal and rectal examination were unremarkable."],
         bloods=[("Haemoglobin", "{hb}", "g/L", "130-180", ""), ("FIT", "{fit}", "ug Hb/g", "<10", "H"),
                 ("CRP", "6", "mg/L", "<5", "H"), ("eGFR", ">90", "mL/min", ">60", "")],
         ask="I have referred {him} on the suspected lower GI cancer pathway.",
         symptoms=["Change in bowel habit", "FIT positive", "Weight loss"]),
    dict(key="prb", title="Rectal bleeding", urgency="2WW", ww="lower",
         hpc=["{He} describes intermittent dark red rectal bleeding mixed with the stool for six weeks.",
              "There is associated tenesmus and {he} has lost {wl} kg.",
              "Digital rectal examination revealed no palpable mass.",
              "FIT was {fit} ug Hb/g faeces."],
         bloods=[("Haemoglobin", "{hb}", "g/L", "115-165", "L"), ("FIT", "{fit}", "ug Hb/g", "<10", "H"),
                 ("Ferritin", "{ferr}", "ug/L", "15-300", "")],
         ask="Please could {he} be seen urgently for colonoscopy.",
         symptoms=["Rectal bleeding", "FIT positive", "Weight loss"]),
    dict(key="dys", title="Progressive dysphagia", urgency="2WW", ww="upper",
         hpc=["{He} presents with a six week history of food sticking behind the lower sternum, initially with meat and now with bread.",
              "{He} has lost {wl} kg over this period and has occasional regurgitation.",
              "{He} is a former smoker of 20 a day and drinks around 18 units of alcohol weekly.",
              "There is no palpable lymphadenopathy."],
         bloods=[("Haemoglobin", "{hb}", "g/L", "130-180", ""), ("Albumin", "33", "g/L", "35-50", "L"),
                 ("CRP", "11", "mg/L", "<5", "H")],
         ask="I have made an urgent referral for gastroscopy under the two week wait pathway.",
         symptoms=["Dysphagia", "Weight loss"]),
    dict(key="dyspep", title="Persistent dyspepsia", urgency="Routine", ww=None,
         hpc=["{He} has had epigastric discomfort and early satiety for over a year.",
              "Symptoms persist despite eight weeks of full dose omeprazole.",
              "Helicobacter pylori stool antigen was positive and eradication therapy was completed in the spring.",
              "There are no alarm features and {his} weight is stable."],
         bloods=[("Haemoglobin", "{hb}", "g/L", "130-180", ""), ("H. pylori stool Ag", "Positive", "", "Negative", "A"),
                 ("ALT", "24", "U/L", "<40", "")],
         ask="I would appreciate your advice on further management and whether gastroscopy is indicated.",
         symptoms=["Dyspepsia"]),
    dict(key="lft", title="Abnormal liver function tests", urgency="Routine", ww=None,
         hpc=["Liver function tests taken at {his} diabetic review were abnormal, with an ALT of {alt} U/L.",
              "An abdominal ultrasound reported a bright liver consistent with steatosis and a normal calibre common bile duct.",
              "The FIB-4 score is 2.1, placing {him} in the indeterminate range.",
              "Hepatitis B and C serology and an autoimmune screen were negative."],
         bloods=[("ALT", "{alt}", "U/L", "<40", "H"), ("ALP", "188", "U/L", "30-130", "H"),
                 ("GGT", "310", "U/L", "<60", "H"), ("Bilirubin", "14", "umol/L", "<21", ""),
                 ("Platelets", "168", "x10^9/L", "150-400", "")],
         ask="I would be grateful for assessment in the hepatology clinic and consideration of elastography.",
         symptoms=["Abnormal liver function tests"]),
    dict(key="ibd", title="Suspected inflammatory bowel disease", urgency="Urgent", ww=None,
         hpc=["{He} has had up to eight loose stools a day with blood and mucus for five weeks.",
              "{He} wakes at night to open {his} bowels and has lost {wl} kg.",
              "Faecal calprotectin was {calp} ug/g and stool cultures were negative.",
              "There is a family history of Crohn's disease in {his} maternal aunt."],
         bloods=[("Haemoglobin", "{hb}", "g/L", "115-165", "L"), ("CRP", "48", "mg/L", "<5", "H"),
                 ("Calprotectin", "{calp}", "ug/g", "<50", "H"), ("Albumin", "31", "g/L", "35-50", "L")],
         ask="I would be grateful for an urgent assessment in the IBD clinic.",
         symptoms=["Diarrhoea", "Rectal bleeding", "Weight loss"]),
    dict(key="coeliac", title="Positive coeliac serology", urgency="Routine", ww=None,
         hpc=["{He} has had bloating and intermittent loose stools for many months.",
              "Tissue transglutaminase IgA was strongly positive at {ttg} U/mL with a normal total IgA.",
              "{He} has a mild iron deficiency and low folate.",
              "I have advised {him} to keep eating gluten until {he} has had a duodenal biopsy."],
         bloods=[("tTG IgA", "{ttg}", "U/mL", "<7.0", "H"), ("Total IgA", "2.1", "g/L", "0.8-4.0", ""),
                 ("Ferritin", "{ferr}", "ug/L", "15-300", ""), ("Folate", "2.4", "ug/L", ">3.9", "L")],
         ask="Please could {he} be offered gastroscopy with duodenal biopsies.",
         symptoms=["Coeliac serology positive"]),
    dict(key="jaundice", title="Painless jaundice", urgency="2WW", ww="upper",
         hpc=["{He} noticed yellowing of {his} eyes ten days ago with dark urine and pale stools.",
              "There is no abdominal pain but {he} has lost {wl} kg and has generalised itching.",
              "Bilirubin is {bili} umol/L with an obstructive picture.",
              "{He} is otherwise well and does not drink alcohol."],
         bloods=[("Bilirubin", "{bili}", "umol/L", "<21", "H"), ("ALP", "612", "U/L", "30-130", "H"),
                 ("ALT", "{alt}", "U/L", "<40", "H"), ("CA 19-9", "pending", "", "", "")],
         ask="I have referred {him} urgently on the suspected upper GI cancer pathway.",
         symptoms=["Jaundice", "Weight loss"]),
    dict(key="ibs", title="Lower abdominal pain and bloating", urgency="Routine", ww=None,
         hpc=["{He} has had crampy lower abdominal pain and bloating for eighteen months, relieved by defaecation.",
              "Faecal calprotectin was mildly raised at {calp} ug/g and on repeat was 96 ug/g.",
              "There is no rectal bleeding or weight loss.",
              "Trials of mebeverine and a low FODMAP diet have helped only a little."],
         bloods=[("Calprotectin", "{calp}", "ug/g", "<50", "H"), ("CRP", "3", "mg/L", "<5", ""),
                 ("tTG IgA", "1.2", "U/mL", "<7.0", "")],
         ask="I would value your opinion as to whether a colonoscopy is warranted.",
         symptoms=["Abdominal pain", "Bloating"]),
    dict(key="barrett", title="Barrett's oesophagus surveillance", urgency="Routine", ww=None,
         hpc=["{He} was found to have a 4 cm segment of Barrett's oesophagus at gastroscopy in 2017.",
              "{He} has moved into the area and has not had surveillance endoscopy since.",
              "Reflux symptoms are well controlled on lansoprazole 30 mg daily.",
              "There is no dysphagia or weight loss."],
         bloods=[("Haemoglobin", "{hb}", "g/L", "130-180", "")],
         ask="Please could {he} be added to your Barrett's surveillance programme.",
         symptoms=["Reflux"]),
]
MEDS = ["Omeprazole 20mg capsules - one daily", "Ferrous fumarate 210mg tablets - one twice daily",
        "Amlodipine 5mg tablets - one daily", "Atorvastatin 20mg tablets - one at night",
        "Metformin 500mg tablets - two twice daily", "Levothyroxine 75 micrograms - one each morning",
        "Ramipril 2.5mg capsules - one daily", "Lansoprazole 30mg capsules - one daily",
        "Mebeverine 135mg tablets - one three times daily", "Loperamide 2mg capsules - as required",
        "Sertraline 50mg tablets - one daily", "Bisoprolol 2.5mg tablets - one daily",
        "Paracetamol 500mg tablets - two four times daily", "Apixaban 5mg tablets - one twice daily",
        "Salbutamol 100 micrograms inhaler - as required", "Gliclazide 80mg tablets - one twice daily"]
PMH = ["Type 2 diabetes mellitus", "Hypertension", "Hypothyroidism", "Osteoarthritis of knee",
       "Asthma", "Depression", "Hypercholesterolaemia", "Atrial fibrillation", "Gallstones",
       "Cholecystectomy", "Appendicectomy", "Hiatus hernia", "Chronic kidney disease stage 3a",
       "Gout", "Migraine"]


def lc(title):
    """Sentence-internal form of a title: lower-case the first letter unless it starts a proper noun."""
    if title.startswith("Barrett"):
        return title
    return title[0].lower() + title[1:]


def scenario_values(r, sc, p):
    v = dict(hb=r.randint(84, 109) if sc["key"] in ("ida", "prb", "ibd") else r.randint(121, 148),
             ferr=r.randint(3, 12), fit=r.choice([34, 56, 87, 142, 210, 388]), wl=r.choice([3, 4, 5, 6, 8]),
             alt=r.randint(88, 190), calp=r.choice([112, 186, 420, 640, 1150]), ttg=r.choice([64, 128, 96]),
             bili=r.randint(96, 240))
    caps = {"He": p.he.capitalize(), "His": p.his.capitalize(), "he": p.he, "his": p.his, "him": p.him}
    caps.update({k: str(x) for k, x in v.items()})
    fill = lambda s: s.format(**caps)
    return dict(hpc=[fill(s) for s in sc["hpc"]], ask=fill(sc["ask"]),
                bloods=[(a, fill(b), c, d, e) for a, b, c, d, e in sc["bloods"]], vals=v)


# ----------------------------------------------------------------------------- document context

class Ctx:
    def __init__(self, doc, spec):
        r = doc.rng
        self.doc = doc
        self.r = r
        self.p = Patient(r, sex=spec.get("sex"), dob_years=spec.get("dob_years", (1932, 2003)))
        self.pr = Practice(r)
        self.tr = Trust(r)
        key = spec.get("scenario")
        self.sc = next(s for s in SCENARIOS if s["key"] == key) if key else r.choice(SCENARIOS)
        self.sv = scenario_values(r, self.sc, self.p)
        y0, y1 = spec.get("years", (2016, 2024))
        self.date = workday(rand_date(r, y0, y1))
        self.nhs_style = spec.get("nhs_style", "spaced")
        self.dob_style = spec.get("dob_style", "slash")
        self.meds = r.sample(MEDS, r.randint(3, 6))
        self.pmh = r.sample(PMH, r.randint(2, 5))
        self.distractors = []
        self.dob_forms = []
        self.print_nhs = spec.get("print_nhs", True)
        self.print_dob = spec.get("print_dob", True)

    def nhs_s(self, style=None):
        return fmt_nhs(self.p.nhs, style or self.nhs_style)

    def dob_s(self, style=None):
        s = fmt_date(self.p.dob, style or self.dob_style)
        self.dob_forms.append(s)
        return s

    def d(self, kind, value):
        self.distractors.append({"kind": kind, "value": value})
        return value

    def day(self, offset):
        return self.date + dt.timedelta(days=offset)


def draw_logo(pg, x, y, size, kind, colour):
    """Text-free logo shapes on the colour layer; (x, y) top-left, size in mm."""
    d = pg.cdraw()
    P = pg.px
    s = size
    if kind == "tree":
        d.ellipse([P(x + s * 0.1), P(y), P(x + s * 0.9), P(y + s * 0.75)], fill=colour)
        d.rectangle([P(x + s * 0.44), P(y + s * 0.6), P(x + s * 0.56), P(y + s)], fill=colour)
        d.ellipse([P(x + s * 0.3), P(y + s * 0.15), P(x + s * 0.55), P(y + s * 0.4)], fill=(255, 255, 255))
    elif kind == "cross":
        t = s * 0.32
        d.rounded_rectangle([P(x + (s - t) / 2), P(y), P(x + (s + t) / 2), P(y + s)], radius=P(1), fill=colour)
        d.rounded_rectangle([P(x), P(y + (s - t) / 2), P(x + s), P(y + (s + t) / 2)], radius=P(1), fill=colour)
    elif kind == "waves":
        for i in range(3):
            yy = y + s * (0.25 + 0.25 * i)
            pts = [(P(x + s * k / 20.0), P(yy + math.sin(k / 20.0 * 2 * math.pi) * s * 0.08)) for k in range(21)]
            d.line(pts, fill=colour, width=P(s * 0.09))
        d.rectangle([P(x), P(y), P(x + s), P(y + s)], outline=colour, width=P(0.6))
    elif kind == "shield":
        d.polygon([(P(x), P(y)), (P(x + s), P(y)), (P(x + s), P(y + s * 0.55)), (P(x + s / 2), P(y + s)),
                   (P(x), P(y + s * 0.55))], fill=colour)
        d.polygon([(P(x + s * 0.5), P(y + s * 0.12)), (P(x + s * 0.78), P(y + s * 0.45)),
                   (P(x + s * 0.5), P(y + s * 0.78)), (P(x + s * 0.22), P(y + s * 0.45))], fill=(255, 255, 255))
    elif kind == "leaf":
        d.ellipse([P(x), P(y + s * 0.2), P(x + s * 0.7), P(y + s * 0.9)], fill=colour)
        d.ellipse([P(x + s * 0.3), P(y), P(x + s), P(y + s * 0.7)], fill=(90, 160, 80))
    elif kind == "lozenge":
        d.rounded_rectangle([P(x), P(y + s * 0.15), P(x + s * 1.6), P(y + s * 0.85)], radius=P(s * 0.2), fill=colour)
        d.ellipse([P(x + s * 0.2), P(y + s * 0.3), P(x + s * 0.6), P(y + s * 0.7)], fill=(255, 255, 255))
        d.ellipse([P(x + s * 1.0), P(y + s * 0.3), P(x + s * 1.4), P(y + s * 0.7)], fill=(255, 255, 255))


class TS:
    """Text style for a document."""

    def __init__(self, body="arial", pt=10.5, head=None, mono="courier", style=None, lead=1.22):
        self.body, self.pt, self.head, self.mono, self.style, self.lead = body, pt, head or body, mono, style, lead


class Flow:
    """Top-to-bottom text flow with automatic page breaks."""

    def __init__(self, doc, ctx, ts, x, width, top, bottom, first_page, cont_header=None,
                 size_mm=(210, 297), paper="white"):
        self.doc, self.ctx, self.ts = doc, ctx, ts
        self.x, self.w, self.top, self.bottom = x, width, top, bottom
        self.pg = first_page
        self.y = top
        self.cont_header = cont_header
        self.size_mm, self.paper = size_mm, paper

    def need(self, mm):
        if self.y + mm > self.bottom:
            self.break_page()

    def break_page(self):
        self.pg = self.doc.new_page(self.size_mm, self.paper)
        self.y = self.top
        if self.cont_header:
            self.y = self.cont_header(self.pg, len(self.doc.pages))

    def para(self, s, pt=None, weight="r", gap=None, justify=False, fam=None, indent=0):
        ts = self.ts
        pt = pt or ts.pt
        fam = fam or ts.body
        lh = self.pg.lh(pt, ts.lead)
        lines = self.pg.wrap(s, self.w - indent, fam, pt, weight, ts.style)
        for i, ln in enumerate(lines):
            self.need(lh * 0.8)
            if justify and i < len(lines) - 1 and ts.style is None:
                self.pg.justified(self.x + indent, self.y, self.w - indent, ln, fam, pt, weight, "main", 0)
            else:
                self.pg.text(self.x + indent, self.y, ln, fam, pt, weight, style=ts.style)
            self.y += lh
        self.y += lh * 0.55 if gap is None else gap

    def line(self, s, pt=None, weight="r", fam=None, gap=0.0, indent=0, align="l", tag=None):
        ts = self.ts
        pt = pt or ts.pt
        lh = self.pg.lh(pt, ts.lead)
        self.need(lh * 0.8)
        x = self.x + indent if align == "l" else self.x + self.w
        self.pg.text(x, self.y, s, fam or ts.body, pt, weight, style=ts.style, align=align, tag=tag)
        self.y += lh + gap

    def runs(self, parts, gap=0.0, tag=None):
        pt = max(p[2] for p in parts)
        lh = self.pg.lh(pt, self.ts.lead)
        self.need(lh * 0.8)
        self.pg.runs(self.x, self.y, [tuple(p) + ("main", self.ts.style) if len(p) == 4 else p for p in parts],
                     tag=tag)
        self.y += lh + gap

    def space(self, mm):
        self.y += mm


# ----------------------------------------------------------------------------- shared blocks

def practice_letterhead(pg, ctx, style, ts, colour=(0, 94, 184), logo="tree", top=14):
    pr = ctx.pr
    if style == "logo_left":
        draw_logo(pg, 18, top, 17, logo, colour)
        pg.text(40, top + 6, pr.name, ts.head, 17, "b", layer="colour", ink=colour)
        pg.text(40, top + 12, ", ".join(pr.addr), ts.head, 9.5)
        pg.text(40, top + 16.5, "Tel: %s   Fax: %s" % (ctx.d("practice_phone", pr.tel), ctx.d("practice_fax", pr.fax)),
                ts.head, 9.5)
        pg.line(18, top + 20, 192, top + 20, 0.6, layer="colour", ink=colour)
        return top + 30
    if style == "centered":
        pg.text(105, top + 6, pr.name.upper(), ts.head, 15, "b", align="c")
        pg.text(105, top + 11.5, ", ".join(pr.addr), ts.head, 9.5, align="c")
        pg.text(105, top + 16, "Telephone %s  -  Facsimile %s" % (ctx.d("practice_phone", pr.tel),
                                                                 ctx.d("practice_fax", pr.fax)), ts.head, 9.5, align="c")
        pg.line(20, top + 19, 190, top + 19, 0.35)
        pg.text(105, top + 23.5, "Partners: " + ", ".join(g.replace("Dr ", "Dr ") for g in pr.partners[:3]),
                ts.head, 8, "i", align="c")
        return top + 33
    if style == "right":
        draw_logo(pg, 20, top, 20, logo, colour)
        y = top + 4
        pg.text(190, y, pr.name, ts.head, 13, "b", align="r")
        for a in pr.addr:
            y += 4.6
            pg.text(190, y, a, ts.head, 9.5, align="r")
        y += 4.6
        pg.text(190, y, "Tel " + ctx.d("practice_phone", pr.tel), ts.head, 9.5, align="r")
        y += 4.6
        pg.text(190, y, "Practice code " + pr.code, ts.head, 9.5, align="r")
        return y + 10
    raise ValueError(style)


def recipient_block(pg, ctx, x, y, ts, pt=None, dept="Department of Gastroenterology", who=None):
    pt = pt or ts.pt
    lh = pg.lh(pt, 1.18)
    tr = ctx.tr
    lines = [who or tr.cons, "Consultant Gastroenterologist", dept] + tr.addr
    for ln in lines:
        pg.text(x, y, ln, ts.body, pt, style=ts.style)
        y += lh
    return y


def sign_off(flow, ctx, name, role, close="Yours sincerely", extra=None, sig_gap=16):
    flow.need(sig_gap + 22)
    flow.line(close)
    flow.pg.anchor("signature", flow.x + 2, flow.y + 2)
    flow.space(sig_gap)
    flow.line(name, weight="b" if flow.ts.style is None else "r")
    flow.line(role)
    if extra:
        flow.space(3)
        for e in extra:
            flow.line(e, pt=flow.ts.pt - 1.5)


# ----------------------------------------------------------------------------- builders: referrals

def b_letter(doc, ctx, o):
    """Dictated GP referral letter on practice letterhead (many variants)."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    paper = o.get("paper", "white")
    pg = doc.new_page(paper=paper)
    ids = o.get("ids", "re")  # re | page2_table | faxcover
    if ids == "faxcover":
        fax_cover(pg, ctx, ts, total=o.get("pages", 2), to="Gastroenterology Secretaries",
                  re_text="Referral letter - please see following page")
        pg = doc.new_page(paper=paper)
    side = o.get("sidebar", False)
    if side:
        # two-column layout: practice details in a left column, letter in the right column
        sx = 16
        draw_logo(pg, sx, 14, 16, o.get("logo", "leaf"), o.get("colour", (0, 120, 80)))
        y = 38
        pg.text(sx, y, pr.name.split()[0], ts.head, 11, "b"); y += 5
        pg.text(sx, y, " ".join(pr.name.split()[1:]), ts.head, 11, "b"); y += 7
        for a in pr.addr:
            pg.text(sx, y, a, ts.head, 8.5); y += 4
        y += 3
        pg.text(sx, y, "Tel: " + ctx.d("practice_phone", pr.tel), ts.head, 8.5); y += 4
        pg.text(sx, y, "Fax: " + ctx.d("practice_fax", pr.fax), ts.head, 8.5); y += 8
        pg.text(sx, y, "Partners", ts.head, 8.5, "b"); y += 4.5
        for g in pr.partners:
            pg.text(sx, y, g, ts.head, 8); y += 4
        y += 4
        pg.text(sx, y, "Practice Manager", ts.head, 8.5, "b"); y += 4.5
        pg.text(sx, y, "Mrs " + r.choice(FIRST_F) + " " + r.choice(SURNAMES), ts.head, 8); y += 8
        pg.text(sx, y, "Opening hours", ts.head, 8.5, "b"); y += 4.5
        pg.text(sx, y, "Mon-Fri 8.00am - 6.30pm", ts.head, 8); y += 4
        pg.line(64, 14, 64, 270, 0.3, layer="colour", ink=o.get("colour", (0, 120, 80)))
        x0, width = 70, 122
        y = 22
    else:
        y = practice_letterhead(pg, ctx, o.get("head", "logo_left"), ts, colour=o.get("colour", (0, 94, 184)),
                                logo=o.get("logo", "tree"))
        x0, width = 22, 166
    # refs / date
    d_date = ctx.day(-r.randint(2, 6))
    refs = [("Our ref: ", "%s/%s" % ("".join(w[0] for w in pr.gp.split()[1:]), r.choice(["jk", "lm", "sp", "ab"]))),
            ("Dictated: ", ctx.d("dictated_date", fmt_date(d_date, "slash"))),
            ("Typed: ", ctx.d("typed_date", fmt_date(ctx.day(-1), "slash")))]
    if o.get("refs_right", True) and not side:
        yy = y
        for a, b in refs:
            pg.text(188, yy, a + b, ts.body, ts.pt - 1.5, align="r", style=ts.style)
            yy += pg.lh(ts.pt - 1.5)
        y = yy + 3
    yr = recipient_block(pg, ctx, x0, y, ts)
    y = yr + 5
    pg.text(x0, y, ctx.d("letter_date", fmt_date(ctx.date, o.get("date_style", "long"))), ts.body, ts.pt,
            style=ts.style)
    y += pg.lh(ts.pt) * 1.6
    if side:
        pg.text(x0, y, "Ref: " + refs[0][1] + "  Dictated " + refs[1][1], ts.body, ts.pt - 1.5, style=ts.style)
        y += pg.lh(ts.pt) * 1.4
    pg.text(x0, y, "Dear %s" % ("Dr " + tr.cons.split()[-1] if r.random() < 0.6 else "Colleague"), ts.body, ts.pt,
            style=ts.style)
    y += pg.lh(ts.pt) * 1.5

    def cont(pg2, n):
        yy = 18
        if ids == "page2_table":
            pg2.text(22, yy, "Page %d" % (n - (1 if ids == "faxcover" else 0)), ts.body, ts.pt - 1, style=ts.style)
            return yy + 10
        row = [(x0 if not side else 22, "Page %d" % (n - (1 if ids == "faxcover" else 0)), ts.body, ts.pt - 1, "r",
                "l", "main", ts.style)]
        if o.get("cont_ids", True) and ids in ("re", "faxcover") and ctx.print_nhs:
            row.append((188, "%s %s  %s" % (p.title, p.last.upper(), ctx.nhs_s(o.get("cont_nhs_style"))), ts.body,
                        ts.pt - 1, "r", "r", "main", ts.style))
        pg2.cells(yy, row)
        return yy + 10

    fl = Flow(doc, ctx, ts, x0, width, y, o.get("bottom", 262), pg, cont_header=cont, paper=paper)
    if ids in ("re", "faxcover"):
        re_style = o.get("re_style", "bold_lines")
        if re_style == "bold_lines":
            fl.runs([("Re: ", ts.body, ts.pt, "b"), (p.formal_upper() + "   DOB: " + ctx.dob_s(), ts.body, ts.pt, "b")],
                    tag="re")
            if ctx.print_nhs:
                fl.runs([("NHS No: ", ts.body, ts.pt, "b"), (ctx.nhs_s(), ts.body, ts.pt, "b")], tag="nhs")
            fl.line(", ".join(p.address_lines()), weight="b" if ts.style is None else "r")
            fl.line("Hospital No: " + ctx.d("hospital_number", p.hosp) + "    Tel: " + ctx.d("patient_phone", p.phone))
        elif re_style == "single":
            fl.para("RE: %s %s %s, %s, NHS number %s" % (p.first.upper(), p.middle.upper(), p.last.upper(),
                                                         "born " + ctx.dob_s(), ctx.nhs_s()), weight="b", gap=0)
            fl.line(", ".join(p.address_lines()))
        else:  # labelled table
            for lab, val in [("Patient:", p.formal()), ("Date of birth:", ctx.dob_s()), ("NHS number:", ctx.nhs_s()),
                             ("Address:", ", ".join(p.address_lines()))]:
                fl.need(6)
                fl.pg.cells(fl.y, [(fl.x, lab, ts.body, ts.pt, "b", "l", "main", ts.style),
                                   (fl.x + 34, val, ts.body, ts.pt, "r", "l", "main", ts.style)],
                            tag="nhs" if lab.startswith("NHS") else None)
                fl.y += fl.pg.lh(ts.pt)
        fl.space(4)
    else:
        fl.line("Re: referral - %s" % lc(ctx.sc["title"]), weight="b")
        fl.space(3)
    sv = ctx.sv
    age = p.age_on(ctx.date)
    who = "lady" if p.sex == "F" else "gentleman"
    opening = r.choice(["Thank you for seeing this %d year old %s who I saw in surgery on %s." % (
        age, who, ctx.d("consultation_date", fmt_date(d_date - dt.timedelta(days=r.randint(0, 3)), "long"))),
        "I would be grateful for your opinion on this %d year old %s." % (age, who),
        "Many thanks for seeing this pleasant %d year old %s with %s." % (age, who, lc(ctx.sc["title"]))])
    just = o.get("justify", False)
    fl.para(opening + " " + " ".join(sv["hpc"][:2]), justify=just)
    fl.para(" ".join(sv["hpc"][2:]), justify=just)
    if o.get("long"):
        fl.para("On examination today %s looked well. Pulse %d regular, blood pressure %d/%d. Abdomen soft with mild "
                "tenderness but no masses or organomegaly. BMI %d." % (p.he, r.randint(64, 96), r.randint(118, 152),
                                                                     r.randint(68, 92), r.randint(21, 34)), justify=just)
        fl.line("Past medical history:", weight="b")
        for m in ctx.pmh:
            fl.line("- " + m, indent=4)
        fl.space(2)
        fl.line("Current medication:", weight="b")
        for m in ctx.meds:
            fl.line("- " + m, indent=4)
        fl.space(2)
        fl.line("Recent results (%s):" % ctx.d("results_date", fmt_date(ctx.day(-r.randint(10, 30)), "slash")),
                weight="b")
        for (t, v, u, rg, fl_) in sv["bloods"]:
            fl.need(5)
            fl.pg.cells(fl.y, [(fl.x + 4, t, ts.body, ts.pt - 0.5, "r", "l", "main", ts.style),
                               (fl.x + 50, (v + " " + u).strip(), ts.body, ts.pt - 0.5, "r", "l", "main", ts.style),
                               (fl.x + 85, "(" + rg + ")" if rg else "", ts.body, ts.pt - 0.5, "r", "l", "main",
                                ts.style)])
            fl.y += fl.pg.lh(ts.pt - 0.5)
        fl.space(3)
        fl.para("Social history: lives %s, %s. Independent with all activities of daily living." % (
            r.choice(["with husband" if p.sex == "F" else "with wife", "alone", "with daughter"]),
            r.choice(["non-smoker", "ex-smoker", "smokes 10 a day"])), justify=just)
        if o.get("extra_para"):
            fl.para("%s is aware of the reason for referral and is happy to attend at short notice. %s can be "
                    "contacted on %s, and prefers a telephone call to a letter. An interpreter is not required." % (
                        p.he.capitalize(), p.he.capitalize(), ctx.d("patient_mobile", p.mobile)), justify=just)
    fl.para(sv["ask"] + " " + r.choice(["Many thanks for your help.", "Thank you in advance.",
                                         "Please do not hesitate to contact me if you need further information."]),
            justify=just)
    if o.get("force_break_before_signoff"):
        fl.break_page()
    sign_off(fl, ctx, pr.gp, "General Practitioner", extra=["cc: Patient", "Enc: Medication list"]
             if (r.random() < 0.5 or ids == "page2_table") else ["cc: " + p.formal()])
    if ids == "page2_table":
        if len(doc.pages) < o.get("pages", 2):
            fl.break_page()
        fl.space(6)
        fl.need(45)
        fl.pg.rect(fl.x - 2, fl.y - 6, fl.x + fl.w, fl.y + 34, 0.3)
        fl.line("PATIENT DETAILS", weight="b")
        for lab, val in [("Name:", p.formal_upper()), ("Date of Birth:", ctx.dob_s()),
                         ("NHS Number:", ctx.nhs_s()), ("Address:", ", ".join(p.address_lines())),
                         ("Telephone:", ctx.d("patient_phone", p.phone))]:
            fl.pg.cells(fl.y, [(fl.x, lab, ts.body, ts.pt - 0.5, "b", "l", "main", ts.style),
                               (fl.x + 32, val, ts.body, ts.pt - 0.5, "r", "l", "main", ts.style)],
                        tag="nhs" if lab.startswith("NHS") else None)
            fl.y += fl.pg.lh(ts.pt - 0.5)
    if o.get("footer"):
        for i, pgx in enumerate(doc.pages):
            if ids == "faxcover" and i == 0:
                continue
            pgx.text(105, 284, o["footer"], ts.head, 7.5, align="c")


def fax_cover(pg, ctx, ts, total, to, re_text):
    pr, r = ctx.pr, ctx.r
    pg.text(22, 30, "FAX", ts.head, 36, "b")
    pg.text(22, 40, pr.name, ts.head, 12, "b")
    pg.text(22, 45.5, ", ".join(pr.addr), ts.head, 9.5)
    pg.line(22, 50, 188, 50, 0.8)
    y = 62
    for lab, val in [("To:", to), ("Organisation:", ctx.tr.hospital), ("Fax number:", ctx.d("fax_to", landline(r))),
                     ("From:", pr.gp), ("Date:", ctx.d("fax_date", fmt_date(ctx.date, "slash"))),
                     ("Pages (incl. this one):", str(total)), ("Re:", re_text)]:
        pg.cells(y, [(22, lab, ts.head, 11, "b"), (75, val, ts.head, 11, "r")])
        y += 9
    y += 6
    pg.line(22, y, 188, y, 0.3)
    y += 8
    for s in pg.wrap("CONFIDENTIALITY NOTICE: This fax contains confidential patient information intended only "
                     "for the named recipient. If you have received it in error please telephone %s "
                     "immediately and destroy the pages." % ctx.d("practice_phone", pr.tel), 166, ts.head, 9, "i"):
        pg.text(22, y, s, ts.head, 9, "i")
        y += 4.5
    pg.anchor("note", 120, 150)


def label_value_table(pg, ctx, x, y, rows, ts, lw=48, width=166, pt=None, shade=True, vlayer="main", vstyle=None,
                      rowh=None, grid=True):
    """Two-column label/value table; GT row = label + ' ' + value."""
    pt = pt or ts.pt
    rowh = rowh or pg.lh(pt, 1.55)
    for lab, val, *tag in rows:
        if grid:
            if shade:
                pg.shade(x, y, x + lw, y + rowh, 232)
            pg.rect(x, y, x + lw, y + rowh, 0.2)
            pg.rect(x + lw, y, x + width, y + rowh, 0.2)
        base = y + rowh * 0.7
        pg.cells(base, [(x + 1.5, lab, ts.head, pt, "b"),
                        (x + lw + 2, val, ts.body, pt, "r", "l", vlayer, vstyle)], tag=tag[0] if tag else None)
        y += rowh
    return y


def b_ers(doc, ctx, o):
    """NHS e-Referral Service referral print with label/value tables."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    npg = o.get("pages", 1)
    ubrn = ctx.d("ubrn", "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999)))
    printed = ctx.day(r.randint(0, 3))
    pstamp = ctx.d("printed_date", fmt_date(printed, "dashmon") + " %02d:%02d" % (r.randint(8, 17), r.randint(0, 59)))

    def header(pg, n):
        pg.shade(18, 12, 192, 22, 215)
        pg.cells(19, [(20, "NHS e-Referral Service", ts.head, 12, "b"), (190, "Referral Letter", ts.head, 12, "b", "r")])
        pg.cells(27, [(20, "Printed: " + pstamp, ts.body, 8.5, "r"), (190, "UBRN: " + ubrn, ts.body, 8.5, "r", "r")])
        return 36

    def footer(pg, n):
        pg.cells(285, [(20, "This referral was created electronically. Printed copy for patient notes.", ts.body, 7.5,
                        "r"), (190, "Page %d of %d" % (n, npg), ts.body, 7.5, "r", "r")], late=True)

    pg = doc.new_page()
    y = header(pg, 1)
    pg.text(20, y, "Patient Details", ts.head, 11, "b")
    y += 3
    gender = "Female" if p.sex == "F" else "Male"
    rows = [("Patient Name", "%s, %s (%s)" % (p.last.upper(), p.first, p.title)),
            ("NHS Number", ctx.nhs_s(), "nhs"), ("Date of Birth", ctx.dob_s()), ("Gender", gender),
            ("Address", ", ".join(p.address_lines())), ("Home Telephone", ctx.d("patient_phone", p.phone)),
            ("Mobile", ctx.d("patient_mobile", p.mobile))]
    y = label_value_table(pg, ctx, 18, y, rows, ts, lw=44, width=174, pt=o.get("tpt", ts.pt))
    y += 7
    pg.text(20, y, "Referral Details", ts.head, 11, "b")
    y += 3
    rows = [("UBRN", ubrn), ("Priority", ctx.sc["urgency"] if ctx.sc["urgency"] != "2WW" else "2 Week Wait"),
            ("Specialty", "Gastroenterology"), ("Clinic Type", r.choice(["General Gastroenterology", "Hepatology",
                                                                          "Lower GI", "Upper GI", "Endoscopy (Direct Access)"])),
            ("Service", "%s - %s" % (tr.hospital, r.choice(["Gastro OPD", "GI Unit", "Digestive Diseases Centre"]))),
            ("Referrer", pr.gp), ("Referring Organisation", "%s (%s)" % (pr.name, pr.code)),
            ("Date Referral Created", ctx.d("referral_created", fmt_date(ctx.date, "dashmon"))),
            ("Appointment Booked", ctx.d("appointment_date", fmt_date(ctx.day(r.randint(9, 40)), "dashmon") +
                                         " %02d:%02d" % (r.randint(8, 16), r.choice([0, 15, 30, 45]))))]
    y = label_value_table(pg, ctx, 18, y, rows, ts, lw=44, width=174, pt=o.get("tpt", ts.pt))
    y += 7
    pg.text(20, y, "Clinical Information", ts.head, 11, "b")
    y += 6
    footer(pg, 1)

    def cont(pg2, n):
        yy = header(pg2, n)
        pg2.text(20, yy, "Patient: %s %s  NHS No: %s" % (p.first, p.last.upper(), ctx.nhs_s(o.get("cont_nhs_style"))),
                 ts.body, 9)
        footer(pg2, n)
        return yy + 9

    fl = Flow(doc, ctx, ts, 20, 170, y, 272, pg, cont_header=cont)
    sv = ctx.sv
    fl.para("Reason for referral: " + ctx.sc["title"] + ".", weight="b")
    fl.para(" ".join(sv["hpc"]))
    if o.get("long"):
        fl.line("Past Medical History", weight="b")
        for m in ctx.pmh:
            fl.line(m, indent=3)
        fl.space(2)
        fl.line("Repeat Medication", weight="b")
        for m in ctx.meds:
            fl.line(m, indent=3)
        fl.space(2)
        fl.line("Allergies: " + r.choice(["No known drug allergies", "Penicillin - rash", "Codeine - nausea"]))
        fl.space(2)
        fl.line("Latest results", weight="b")
        for (t, v, u, rg, f) in sv["bloods"]:
            fl.need(5)
            fl.pg.cells(fl.y, [(23, ctx.d("result_date", fmt_date(ctx.day(-r.randint(5, 20)), "slash")), ts.body, ts.pt, "r"),
                               (50, t, ts.body, ts.pt, "r"), (100, (v + " " + u).strip(), ts.body, ts.pt, "r"),
                               (140, rg, ts.body, ts.pt, "r")])
            fl.y += fl.pg.lh(ts.pt)
        fl.space(3)
    fl.para(sv["ask"])
    fl.para("Referrer contact: %s, %s. Tel %s." % (pr.gp, pr.name, ctx.d("practice_phone", pr.tel)))
    while len(doc.pages) < npg:
        fl.break_page()
        fl.para("Attachments: none. Additional information may be requested via Advice and Guidance.")
    assert len(doc.pages) == npg, (doc.name, len(doc.pages))


def b_2ww(doc, ctx, o):
    """Two-week-wait (suspected cancer) proforma with tick boxes."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    kind = ctx.sc["ww"] or "lower"
    vl = o.get("vlayer", "main")     # layer for entered values (fill -> carbon on NCR copies)
    vs = o.get("vstyle")             # style for entered values (dot -> impact printer)
    vf = o.get("vfam", ts.body)
    npg = o.get("pages", 2)
    paper = o.get("paper", "white")
    pg = doc.new_page(paper=paper)
    title = ("SUSPECTED LOWER GASTROINTESTINAL CANCER" if kind == "lower" else
             "SUSPECTED UPPER GASTROINTESTINAL CANCER")
    pg.text(105, 18, title, ts.head, 13.5, "b", align="c")
    pg.text(105, 24, "URGENT REFERRAL FORM - TWO WEEK WAIT", ts.head, 11, "b", align="c")
    pg.text(105, 29.5, "Send via e-RS within 24 hours. Queries: Cancer Access Team %s" % ctx.d("team_phone", tr.sec_tel),
            ts.head, 8.5, align="c")
    y = 36
    pg.shade(18, y, 192, y + 6, 200)
    pg.text(20, y + 4.5, "PATIENT DETAILS", ts.head, 10, "b")
    y += 6
    rowh = 7.5

    def grid_row(y, cells):
        # cells: [(x0, x1, label, value, tag)]
        out = []
        for x0, x1, lab, val, tag in cells:
            pg.rect(x0, y, x1, y + rowh, 0.25)
        pg.cells(y + 5.2, sum([[(x0 + 1.2, lab, ts.head, 8.5, "b"),
                                (x0 + 1.2 + pg.width(lab, ts.head, 8.5, "b") + 2, val, vf, 9.5, "r", "l", vl, vs)]
                               for x0, x1, lab, val, tag in cells], []),
                 tag=next((c[4] for c in cells if c[4]), None))
        return y + rowh

    y = grid_row(y, [(18, 105, "Surname:", p.last.upper(), None), (105, 192, "Forename(s):", (p.first + " " + p.middle).strip(), None)])
    y = grid_row(y, [(18, 105, "NHS No:", ctx.nhs_s(), "nhs"), (105, 192, "Date of birth:", ctx.dob_s(), None)])
    y = grid_row(y, [(18, 192, "Address:", ", ".join(p.address_lines()), None)])
    y = grid_row(y, [(18, 105, "Tel (home):", ctx.d("patient_phone", p.phone), None),
                     (105, 192, "Mobile:", ctx.d("patient_mobile", p.mobile), None)])
    y = grid_row(y, [(18, 105, "Hospital No:", ctx.d("hospital_number", p.hosp) if r.random() < 0.6 else "", None),
                     (105, 192, "Interpreter:", "No", None)])
    y += 5
    pg.shade(18, y, 192, y + 6, 200)
    pg.text(20, y + 4.5, "REFERRAL CRITERIA (tick all that apply)", ts.head, 10, "b")
    y += 12
    if kind == "lower":
        crit = ["FIT result of at least 10 ug Hb/g faeces", "Rectal mass", "Anal mass or unexplained anal ulceration",
                "Aged 40 and over with unexplained weight loss and abdominal pain",
                "Aged 50 and over with unexplained rectal bleeding",
                "Aged 60 and over with iron deficiency anaemia or change in bowel habit",
                "Abdominal mass", "Other - please give details below"]
        hit = {"FIT result of at least 10 ug Hb/g faeces"} | (
            {"Aged 50 and over with unexplained rectal bleeding"} if ctx.sc["key"] == "prb" else
            {"Aged 60 and over with iron deficiency anaemia or change in bowel habit"})
    else:
        crit = ["Dysphagia", "Aged 55 and over with weight loss and upper abdominal pain, reflux or dyspepsia",
                "Upper abdominal mass consistent with stomach cancer", "Jaundice (suspected pancreatic cancer)",
                "Aged 60 and over with weight loss and new onset diabetes", "Haematemesis",
                "Other - please give details below"]
        hit = {"Dysphagia"} if ctx.sc["key"] == "dys" else {"Jaundice (suspected pancreatic cancer)"}
        hit.add("Aged 55 and over with weight loss and upper abdominal pain, reflux or dyspepsia")
    mark = o.get("mark", "cross")
    for c in crit:
        pg.tickbox(22, y + 0.6, 3.8, state=(mark if c in hit else None), rng=r, layer_mark=vl)
        pg.text(29, y, c, ts.body, 9.5)
        y += 6.3
    y += 2
    fitd = ctx.d("fit_date", fmt_date(ctx.day(-r.randint(5, 15)), "slash"))
    pg.cells(y, [(20, "FIT result:", ts.head, 9.5, "b"), (40, "%s ug Hb/g" % ctx.sv["vals"]["fit"], vf, 9.5, "r", "l", vl, vs),
                 (90, "Date of FIT:", ts.head, 9.5, "b"), (114, fitd, vf, 9.5, "r", "l", vl, vs)])
    y += 7
    pg.cells(y, [(20, "Performance status (WHO):", ts.head, 9.5, "b"), (70, str(r.randint(0, 2)), vf, 9.5, "r", "l", vl, vs)])
    y += 8
    pg.text(20, y, "Patient informed this is an urgent suspected cancer referral?", ts.body, 9.5)
    pg.tickbox(140, y + 0.6, 3.6, state=mark, rng=r, layer_mark=vl)
    pg.tickbox(160, y + 0.6, 3.6)
    pg.text(145, y, "Yes", ts.body, 9.5, gt=False)
    pg.text(165, y, "No", ts.body, 9.5, gt=False)
    # "Yes"/"No" labels sit on the same printed line: one GT line, left to right
    pg.gt[-1] = pg.gt[-1] + " Yes No"
    y += 7
    pg.text(20, y, "Patient available for appointment within the next 14 days?", ts.body, 9.5)
    pg.tickbox(140, y + 0.6, 3.6, state=mark, rng=r, layer_mark=vl)
    pg.tickbox(160, y + 0.6, 3.6)
    pg.text(145, y, "Yes", ts.body, 9.5, gt=False)
    pg.text(165, y, "No", ts.body, 9.5, gt=False)
    pg.gt[-1] = pg.gt[-1] + " Yes No"
    y += 9
    pg.shade(18, y, 192, y + 6, 200)
    pg.text(20, y + 4.5, "REFERRER", ts.head, 10, "b")
    y += 6
    y = grid_row(y, [(18, 105, "GP:", pr.gp, None), (105, 192, "Practice code:", pr.code, None)])
    y = grid_row(y, [(18, 192, "Practice:", pr.name + ", " + ", ".join(pr.addr), None)])
    y = grid_row(y, [(18, 105, "Tel:", ctx.d("practice_phone", pr.tel), None),
                     (105, 192, "Date of decision to refer:", ctx.d("referral_date", fmt_date(ctx.date, "slash")), None)])
    pg.anchor("signature", 130, y + 6)
    pg.cells(287, [(20, "Form version 4.2 (%d)" % (ctx.date.year - 1), ts.body, 8, "r"),
                   (190, "Page 1 of %d" % npg, ts.body, 8, "r", "r")])
    if npg >= 2:
        pg2 = doc.new_page(paper=paper)
        pg2.cells(18, [(20, "Patient name: %s %s" % (p.first, p.last.upper()), ts.body, 9.5, "r")] +
                  ([(190, "NHS No: " + ctx.nhs_s(o.get("cont_nhs_style")), ts.body, 9.5, "r", "r")]
                   if o.get("p2_ids", True) else []))
        y = 27
        pg2.shade(18, y, 192, y + 6, 200)
        pg2.text(20, y + 4.5, "CLINICAL DETAILS", ts.head, 10, "b")
        y += 12
        for ln in pg2.wrap(" ".join(ctx.sv["hpc"]), 168, vf, 9.5, "r", vs):
            pg2.text(21, y, ln, vf, 9.5, layer=vl, style=vs)
            y += 5
        y += 4
        pg2.text(20, y, "Relevant medical history", ts.head, 9.5, "b")
        y += 5.5
        for m in ctx.pmh:
            pg2.text(23, y, m, vf, 9.5, layer=vl, style=vs)
            y += 5
        y += 4
        pg2.text(20, y, "Current medication", ts.head, 9.5, "b")
        y += 5.5
        for m in ctx.meds:
            pg2.text(23, y, m, vf, 9.5, layer=vl, style=vs)
            y += 5
        y += 4
        pg2.text(20, y, "Anticoagulant or antiplatelet?", ts.body, 9.5)
        pg2.tickbox(100, y + 0.6, 3.6, state=mark if any("Apixaban" in m for m in ctx.meds) else None, rng=r,
                    layer_mark=vl)
        pg2.tickbox(120, y + 0.6, 3.6, state=None if any("Apixaban" in m for m in ctx.meds) else mark, rng=r,
                    layer_mark=vl)
        pg2.text(105, y, "Yes", ts.body, 9.5, gt=False)
        pg2.text(125, y, "No", ts.body, 9.5, gt=False)
        pg2.gt[-1] += " Yes No"
        y += 8
        pg2.text(20, y, "Recent blood results", ts.head, 9.5, "b")
        y += 6
        pg2.cells(y, [(23, "Test", ts.head, 9, "b"), (75, "Result", ts.head, 9, "b"), (115, "Range", ts.head, 9, "b"),
                      (150, "Date", ts.head, 9, "b")])
        y += 1.5
        pg2.line(20, y, 190, y, 0.2)
        y += 5
        bd = ctx.d("bloods_date", fmt_date(ctx.day(-r.randint(4, 20)), "slash"))
        for (t, v, u, rg, f) in ctx.sv["bloods"]:
            pg2.cells(y, [(23, t, vf, 9, "r", "l", vl, vs), (75, (v + " " + u).strip(), vf, 9, "r", "l", vl, vs),
                          (115, rg, vf, 9, "r", "l", vl, vs), (150, bd, vf, 9, "r", "l", vl, vs)])
            y += 5.2
        pg2.text(190, 287, "Page 2 of %d" % npg, ts.body, 8, align="r")
        pg2.anchor("signature", 120, y + 14)
        pg2.anchor("note", 30, y + 20)


def b_gpsys(doc, ctx, o):
    """GP clinical-system printout: demographics, problems, medication and results tables."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    st = ts.style
    pt = ts.pt
    npg = o.get("pages", 2)
    greenbar = o.get("greenbar", False)
    size = (210, 297)
    fam, hfam = ts.body, ts.head
    printed = ctx.d("printed_date", fmt_date(ctx.date, "slash") + " %02d:%02d" % (r.randint(8, 17), r.randint(0, 59)))
    xs = 24 if greenbar else 18
    xe = 186 if greenbar else 192
    lh = pt * 1.45 * 25.4 / 72

    def header(pg, n):
        y = 16
        pg.cells(y, [(xs, "PATIENT RECORD SUMMARY", hfam, pt + 2, "b", "l", "main", st),
                     (xe, "Page %d of %d" % (n, npg), fam, pt, "r", "r", "main", st)])
        y += lh
        pg.cells(y, [(xs, pr.name.upper(), fam, pt, "r", "l", "main", st),
                     (xe, "Printed " + printed, fam, pt, "r", "r", "main", st)])
        y += lh * 0.6
        if st != "dot":
            pg.line(xs, y, xe, y, 0.4)
        else:
            yy = pg.px(y + lh * 0.25)
            for xx in range(pg.px(xs), pg.px(xe), max(3, pg.px(0.7))):   # printed dotted rule (graphic)
                pg.draws["main"].ellipse([xx - 2, yy - 2, xx + 2, yy + 2], fill=60)
            y += lh * 0.5
        return y + lh

    pg = doc.new_page(size, "white")
    y = header(pg, 1)
    demo = [("Name", ("%s, %s %s" % (p.last.upper(), p.first, p.middle)).strip()), ("Born", ctx.dob_s()),
            ("NHS Number", ctx.nhs_s()), ("Gender", "F" if p.sex == "F" else "M"),
            ("Address", ", ".join(p.address_lines())), ("Usual GP", pr.gp),
            ("Telephone", ctx.d("patient_phone", p.phone) + " / " + ctx.d("patient_mobile", p.mobile))]
    for lab, val in demo:
        pg.cells(y, [(xs, lab + ":", fam, pt, "b" if st is None else "r", "l", "main", st),
                     (xs + 34, val, fam, pt, "r", "l", "main", st)], tag="nhs" if lab == "NHS Number" else None)
        y += lh
    y += lh * 0.6

    def section(pg, y, title):
        if st is None:
            pg.shade(xs, y - lh * 0.78, xe, y + lh * 0.28, 220)
        pg.text(xs + 1, y, title, hfam, pt + 0.5, "b", style=st)
        return y + lh * 1.2

    def maybe_break(pg, y, need=lh * 2):
        nonlocal_n = len(doc.pages)
        if y + need > (270 if not greenbar else 268):
            pg = doc.new_page(size, "white")
            y = header(pg, len(doc.pages))
            if o.get("cont_ids", True):
                pg.text(xs, y, "%s %s  NHS %s  DOB %s" % (p.first, p.last.upper(), ctx.nhs_s(o.get("cont_nhs_style")),
                                                        ctx.dob_s(o.get("cont_dob_style"))), fam, pt, style=st)
                y += lh * 1.6
        return pg, y

    y = section(pg, y, "ACTIVE PROBLEMS")
    cols = [xs + 1, xs + 28, xs + 120]
    pg.cells(y, [(cols[0], "Date", fam, pt, "b"if st is None else "r", "l", "main", st),
                 (cols[1], "Problem", fam, pt, "b" if st is None else "r", "l", "main", st),
                 (cols[2], "Status", fam, pt, "b" if st is None else "r", "l", "main", st)])
    y += lh
    probs = [(ctx.sc["title"], "Active")] + [(m, r.choice(["Active", "Past", "Minor"])) for m in ctx.pmh]
    for prob, status in probs:
        pg, y = maybe_break(pg, y)
        dd = ctx.d("problem_date", fmt_date(rand_date(r, 1998, ctx.date.year), "slash")) if prob != ctx.sc["title"] \
            else fmt_date(ctx.day(-r.randint(5, 20)), "slash")
        pg.cells(y, [(cols[0], dd, fam, pt, "r", "l", "main", st), (cols[1], prob, fam, pt, "r", "l", "main", st),
                     (cols[2], status, fam, pt, "r", "l", "main", st)])
        y += lh
    y += lh * 0.6
    pg, y = maybe_break(pg, y, lh * 4)
    y = section(pg, y, "REPEAT MEDICATION")
    mcols = [xs + 1, xs + 92, xs + 126]
    pg.cells(y, [(mcols[0], "Drug and dosage", fam, pt, "b" if st is None else "r", "l", "main", st),
                 (mcols[1], "Quantity", fam, pt, "b" if st is None else "r", "l", "main", st),
                 (mcols[2], "Last issued", fam, pt, "b" if st is None else "r", "l", "main", st)])
    y += lh
    for m in ctx.meds:
        pg, y = maybe_break(pg, y)
        drug = m if pg.width(m, fam, pt, style=st) < 88 else m.split(" - ")[0]
        pg.cells(y, [(mcols[0], drug, fam, pt, "r", "l", "main", st),
                     (mcols[1], r.choice(["28", "56", "84", "1 pack", "200 dose"]), fam, pt, "r", "l", "main", st),
                     (mcols[2], ctx.d("issue_date", fmt_date(ctx.day(-r.randint(3, 60)), "slash")), fam, pt, "r", "l",
                      "main", st)])
        y += lh
    y += lh * 0.6
    pg, y = maybe_break(pg, y, lh * 4)
    y = section(pg, y, "RECENT TEST RESULTS")
    rcols = [xs + 1, xs + 26, xs + 70, xs + 100, xs + 128, xe - 2]
    pg.cells(y, [(rcols[0], "Date", fam, pt, "b" if st is None else "r", "l", "main", st),
                 (rcols[1], "Test", fam, pt, "b" if st is None else "r", "l", "main", st),
                 (rcols[2], "Value", fam, pt, "b" if st is None else "r", "l", "main", st),
                 (rcols[3], "Units", fam, pt, "b" if st is None else "r", "l", "main", st),
                 (rcols[4], "Range", fam, pt, "b" if st is None else "r", "l", "main", st)])
    y += lh
    rd = ctx.d("result_date", fmt_date(ctx.day(-r.randint(5, 25)), "slash"))
    extra = [("Sodium", "139", "mmol/L", "133-146", ""), ("Potassium", "4.4", "mmol/L", "3.5-5.3", ""),
             ("Creatinine", str(r.randint(58, 110)), "umol/L", "45-110", ""), ("HbA1c", str(r.randint(38, 66)), "mmol/mol", "<48", "")]
    for (t, v, u, rg, f) in ctx.sv["bloods"] + extra[: o.get("extra_results", 4)]:
        pg, y = maybe_break(pg, y)
        pg.cells(y, [(rcols[0], rd, fam, pt, "r", "l", "main", st), (rcols[1], t, fam, pt, "r", "l", "main", st),
                     (rcols[2], v, fam, pt, "r", "l", "main", st), (rcols[3], u, fam, pt, "r", "l", "main", st),
                     (rcols[4], rg, fam, pt, "r", "l", "main", st), (rcols[5], f, fam, pt, "r", "r", "main", st)])
        y += lh
    y += lh * 0.6
    pg, y = maybe_break(pg, y, lh * 5)
    y = section(pg, y, "CONSULTATIONS")
    entries = [(ctx.day(-r.randint(2, 6)), pr.gp, ctx.sv["hpc"][0] + " " + ctx.sv["ask"]),
               (ctx.day(-r.randint(20, 40)), r.choice(NURSES) + " (Practice Nurse)",
                "Bloods taken for %s. Weight %d kg. BP %d/%d." % (lc(ctx.sc["title"]), r.randint(52, 104),
                                                                 r.randint(118, 150), r.randint(70, 90))),
               (ctx.day(-r.randint(60, 200)), pr.partners[1], "Medication review. Continue current treatment. "
                                                               "Advised to return if symptoms change."),
               (ctx.day(-r.randint(210, 300)), pr.partners[2], "Telephone consultation. Reports intermittent "
                "abdominal discomfort, no red flags at that time. Safety-netted and advised to keep a food diary."),
               (ctx.day(-r.randint(310, 400)), r.choice(NURSES) + " (Practice Nurse)", "Annual review. BP %d/%d. "
                "Smoking status recorded. Flu vaccine given left deltoid, batch %s." % (
                    r.randint(118, 150), r.randint(70, 90), ctx.d("vaccine_batch", "FL%05d" % r.randint(0, 99999)))),
               (ctx.day(-r.randint(420, 600)), pr.gp, "Seen with loose stools for 2 weeks after holiday. Stool "
                "sample sent, no pathogens isolated. Settled with fluids. Review if persists."),
               (ctx.day(-r.randint(620, 800)), pr.partners[1], "Reflux symptoms. Trial of omeprazole 20 mg daily "
                "for 4 weeks. Lifestyle advice given. Weight %d kg." % r.randint(52, 104))]
    for dd, who, txt in entries[: o.get("n_consult", 3 + 4 * (npg - 1))]:
        pg, y = maybe_break(pg, y, lh * 3)
        pg.cells(y, [(rcols[0], ctx.d("consultation_date", fmt_date(dd, "slash")), fam, pt, "b" if st is None else "r",
                      "l", "main", st), (rcols[1], who, fam, pt, "b" if st is None else "r", "l", "main", st)])
        y += lh
        for ln in pg.wrap(txt, xe - rcols[1] - 2, fam, pt, "r", st):
            pg, y = maybe_break(pg, y)
            pg.text(rcols[1], y, ln, fam, pt, style=st)
            y += lh
        y += lh * 0.4
    pg, y = maybe_break(pg, y)
    pg.text(xs, y + lh * 0.5, "*** End of summary ***", fam, pt, style=st)
    while len(doc.pages) < npg:
        pg = doc.new_page(size, "white")
        y = header(pg, len(doc.pages))
        pg.text(xs, y, "No further entries.", fam, pt, style=st)
    assert len(doc.pages) == npg, (doc.name, len(doc.pages))
    if greenbar:
        for pgx in doc.pages:
            pgx.greenbar = True


def b_memo(doc, ctx, o):
    """Short typed memo (A5 or A4)."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    st = ts.style
    size = o.get("size", (148, 210))
    pg = doc.new_page(size, o.get("paper", "white"))
    W = size[0]
    x = 16
    y = 22
    pg.cells(y, [(x, o.get("title", "MEMO"), ts.head, 20 if st is None else 14, "b", "l", "main", st),
                 (W - 14, pr.name if o.get("from_practice", True) else tr.hospital, ts.head, 8.5, "r", "r")])
    y += 10
    lh = pg.lh(ts.pt, 1.35)
    rows = [("To:", "Gastroenterology Secretaries, " + tr.hospital if W > 160 else "Gastroenterology Secretaries"),
            ("From:", pr.gp), ("Date:", ctx.d("memo_date", fmt_date(ctx.date, o.get("date_style", "slash")))),
            ("Re:", p.formal_upper()), ("", "DOB " + ctx.dob_s() + "  NHS " + ctx.nhs_s())]
    if not ctx.print_nhs:
        rows[-1] = ("", "DOB " + ctx.dob_s() + "  Hosp No " + ctx.d("hospital_number", p.hosp))
    for lab, val in rows:
        pg.cells(y, [(x, lab, ts.body, ts.pt, "b" if st is None else "r", "l", "main", st),
                     (x + 18, val, ts.body, ts.pt, "r", "l", "main", st)], tag="nhs" if "NHS" in val else None)
        y += lh
    pg.line(x, y - lh * 0.4, W - 14, y - lh * 0.4, 0.3)
    y += lh * 0.6
    body = o.get("body") or [
        "Please could this patient's %s appointment be brought forward." % r.choice(["clinic", "endoscopy", "OPD"]),
        "%s has had a further episode of %s and is anxious." % (p.he.capitalize(), r.choice(
            ["rectal bleeding", "vomiting", "abdominal pain", "weight loss"])),
        "Latest Hb %s g/L on %s." % (ctx.sv["vals"]["hb"], ctx.d("result_date", fmt_date(ctx.day(-3), "slash"))),
        "Many thanks."]
    for para in body:
        for ln in pg.wrap(para, W - 32, ts.body, ts.pt, "r", st):
            pg.text(x, y, ln, ts.body, ts.pt, style=st)
            y += lh
        y += lh * 0.3
    y += lh * 1.2
    pg.anchor("signature", x + 2, y - 3)
    y += 8
    pg.text(x, y, pr.gp.replace("Dr ", "Dr. ") if st == "type" else pr.gp, ts.body, ts.pt, style=st)
    y += lh
    pg.anchor("note", W * 0.55, y + 8)
    if o.get("tel_line", True):
        pg.text(x, size[1] - 12, "Tel %s  Fax %s" % (ctx.d("practice_phone", pr.tel), ctx.d("practice_fax", pr.fax)),
                ts.body, ts.pt - 2, style=st)


def b_np_note(doc, ctx, o):
    """Nurse practitioner consultation note; optional two-column layout."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    pg = doc.new_page(paper=o.get("paper", "white"))
    np_name = r.choice(NURSES)
    y = 18
    pg.cells(y, [(20, pr.name, ts.head, 12, "b"), (190, "Tel " + ctx.d("practice_phone", pr.tel), ts.head, 9, "r", "r")])
    y += 8
    pg.text(20, y, "Advanced Nurse Practitioner - Consultation Record", ts.head, 13, "b")
    y += 4
    pg.line(20, y, 190, y, 0.5)
    y += 8
    seen = ctx.day(-r.randint(1, 4))
    vit = [("BP", "%d/%d mmHg" % (r.randint(112, 158), r.randint(66, 94))), ("Pulse", "%d bpm" % r.randint(58, 104)),
           ("Temp", "%.1f C" % r.uniform(36.2, 37.6)), ("SpO2", "%d%%" % r.randint(95, 99)),
           ("Weight", "%.1f kg" % r.uniform(48, 112)), ("BMI", "%.1f" % r.uniform(19, 36))]
    sections = [("Presenting complaint", ctx.sv["hpc"][0]),
                ("History", " ".join(ctx.sv["hpc"][1:])),
                ("Examination", "Alert and orientated. Abdomen soft, %s. No masses palpable. Bowel sounds present." % r.choice(
                    ["mildly tender in the left iliac fossa", "non-tender", "tender in the epigastrium"])),
                ("Impression", ctx.sc["title"] + "."),
                ("Plan", "Discussed with %s who agrees with referral to gastroenterology. %s" % (
                    pr.gp, ctx.sv["ask"].replace("I have", "We have").replace("I would", "We would")))]
    if o.get("two_column"):
        # left column: patient + observations; right column: narrative
        lx, rx, rw = 20, 84, 106
        yl = y
        for lab, val in [("Patient", p.formal()), ("DOB", ctx.dob_s()), ("NHS No", ctx.nhs_s()),
                         ("Hosp No", ctx.d("hospital_number", p.hosp)), ("Seen", ctx.d("seen_date", fmt_date(seen, "slash"))),
                         ("By", np_name + " ANP")]:
            pg.text(lx, yl, lab, ts.head, 8.5, "b")
            yl += 4.3
            pg.text(lx, yl, val, ts.body, 9.5, tag="nhs" if lab == "NHS No" else None)
            yl += 6
        yl += 4
        pg.text(lx, yl, "Observations", ts.head, 9.5, "b")
        yl += 5.5
        for a, b in vit:
            pg.cells(yl, [(lx, a, ts.body, 9, "r"), (lx + 20, b, ts.body, 9, "r")])
            yl += 4.8
        pg.line(80, y - 5, 80, max(yl, 200), 0.25)
        yr = y
        for lab, val in sections:
            pg.text(rx, yr, lab, ts.head, 10, "b")
            yr += 5.2
            yr = pg.para(rx, yr, rw, val, ts.body, ts.pt, lead=1.25) + 2.5
        pg.anchor("signature", rx + 4, yr + 3)
        yr += 14
        pg.text(rx, yr, np_name + ", Advanced Nurse Practitioner", ts.body, ts.pt)
        pg.anchor("note", 24, min(max(yl, yr) + 25, 250))
    else:
        pg.cells(y, [(20, "Patient:", ts.head, 10, "b"), (40, p.formal_upper(), ts.body, 10, "r"),
                     (115, "DOB:", ts.head, 10, "b"), (127, ctx.dob_s(), ts.body, 10, "r")])
        y += 6
        pg.cells(y, [(20, "NHS No:", ts.head, 10, "b"), (40, ctx.nhs_s(), ts.body, 10, "r"),
                     (115, "Seen:", ts.head, 10, "b"), (127, ctx.d("seen_date", fmt_date(seen, "slash")), ts.body, 10, "r")],
                 tag="nhs")
        y += 10
        y = pg.para(20, y, 170, "Observations: " + ", ".join("%s %s" % v for v in vit), ts.body, ts.pt - 0.5) + 3
        for lab, val in sections:
            pg.text(20, y, lab + ":", ts.head, 10.5, "b")
            y += 5.5
            y = pg.para(20, y, 170, val, ts.body, ts.pt, lead=1.25) + 3
        pg.anchor("signature", 24, y + 3)
        y += 14
        pg.text(20, y, "Signed: " + np_name + " ANP   Date: " + ctx.d("signed_date", fmt_date(seen, "slash")),
                ts.body, ts.pt)
        pg.anchor("note", 120, y + 18)


# ----------------------------------------------------------------------------- builders: hospital documents

def trust_letterhead(pg, ctx, ts, colour=(0, 94, 184), dept="Department of Gastroenterology", logo="lozenge",
                     mono=False):
    tr = ctx.tr
    if mono:
        pg.text(190, 16, tr.name, ts.head, 10.5, "b", align="r")
        pg.text(190, 21, tr.hospital, ts.head, 9.5, align="r")
        pg.text(190, 25.5, dept, ts.head, 9.5, align="r")
        return 34
    draw_logo(pg, 20, 12, 11, logo, colour)
    pg.text(190, 16, tr.name, ts.head, 11, "b", layer="colour", ink=colour, align="r")
    pg.text(190, 21.5, dept, ts.head, 9.5, align="r")
    pg.text(190, 26, ", ".join(tr.addr), ts.head, 8, align="r")
    pg.text(190, 30, "Switchboard: " + ctx.d("switchboard", tr.tel), ts.head, 8, align="r")
    return 38


def b_clinic(doc, ctx, o):
    """Outpatient clinic letter from hospital to GP."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    st = ts.style
    pg = doc.new_page(paper=o.get("paper", "white"))
    y = trust_letterhead(pg, ctx, ts, mono=o.get("mono_head", False))
    clinic = ctx.day(-r.randint(5, 14))
    rows = [("Consultant:", tr.cons), ("Secretary:", ctx.d("secretary_phone", tr.sec_tel)),
            ("Clinic date:", ctx.d("clinic_date", fmt_date(clinic, "slash"))),
            ("Dictated:", ctx.d("dictated_date", fmt_date(clinic + dt.timedelta(days=1), "slash"))),
            ("Typed:", ctx.d("typed_date", fmt_date(ctx.date, "slash"))),
            ("Our ref:", ctx.d("letter_ref", "%s/%s" % (tr.cons.split()[-1][:3].upper(), "".join(
                r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)))))]
    if o.get("two_column_head"):
        # recipient on the left, clinic details on the right (two columns side by side)
        yl = y + 4
        for ln in [pr.gp, pr.name] + pr.addr:
            pg.text(20, yl, ln, ts.body, ts.pt, style=st)
            yl += pg.lh(ts.pt, 1.18)
        yr = y + 4
        for lab, val in rows:
            pg.cells(yr, [(120, lab, ts.body, ts.pt - 1.5, "b" if st is None else "r", "l", "main", st),
                          (146, val, ts.body, ts.pt - 1.5, "r", "l", "main", st)])
            yr += pg.lh(ts.pt - 1.5, 1.25)
        y = max(yl, yr) + 6
    else:
        for lab, val in rows:
            pg.cells(y, [(130, lab, ts.body, ts.pt - 1.5, "b" if st is None else "r", "l", "main", st),
                         (155, val, ts.body, ts.pt - 1.5, "r", "l", "main", st)])
            y += pg.lh(ts.pt - 1.5, 1.2)
        y += 3
        pg.text(20, y, "PRIVATE AND CONFIDENTIAL", ts.body, ts.pt, "b" if st is None else "r", style=st)
        y += pg.lh(ts.pt) * 1.4
        for ln in [pr.gp, pr.name] + pr.addr:
            pg.text(20, y, ln, ts.body, ts.pt, style=st)
            y += pg.lh(ts.pt, 1.18)
        y += 5
    pg.text(20, y, "Dear Dr %s" % pr.gp.split()[-1], ts.body, ts.pt, style=st)
    y += pg.lh(ts.pt) * 1.6

    def cont(pg2, n):
        pg2.text(20, 18, "%s %s - %s - page %d" % (p.first, p.last.upper(), ctx.nhs_s(o.get("cont_nhs_style")), n)
                 if ctx.print_nhs else "%s %s - %s - page %d" % (p.first, p.last.upper(), p.hosp, n),
                 ts.body, ts.pt - 1, style=st)
        return 30

    fl = Flow(doc, ctx, ts, 20, 170, y, 268, pg, cont_header=cont, paper=o.get("paper", "white"))
    wt = "b" if st is None else "r"
    fl.runs([("Re: ", ts.body, ts.pt, wt), (p.formal_upper(), ts.body, ts.pt, wt)])
    fl.line("Date of birth: " + ctx.dob_s(), weight=wt) if ctx.print_dob else None
    if ctx.print_nhs:
        fl.line("NHS number: " + ctx.nhs_s(), weight=wt, tag="nhs")
    fl.line("Hospital number: " + ctx.d("hospital_number", p.hosp), weight=wt)
    fl.line(", ".join(p.address_lines()))
    fl.space(4)
    fl.line("Diagnosis:", weight=wt)
    dx = [ctx.sc["title"]] + [r.choice(["Hiatus hernia", "Diverticular disease", "Haemorrhoids", "Fatty liver"])]
    for i, dd in enumerate(dx, 1):
        fl.line("%d. %s" % (i, dd), indent=4)
    fl.space(2)
    fl.line("Plan:", weight=wt)
    plans = [r.choice(["Gastroscopy and colonoscopy", "CT abdomen and pelvis", "Colonoscopy", "Fibroscan",
                       "MRCP", "Repeat faecal calprotectin in 6 weeks"]),
             r.choice(["Continue iron replacement", "Start mesalazine 2.4 g daily", "Dietitian referral",
                       "Review in clinic in 3 months", "Repeat LFTs in 3 months"])]
    for i, pp in enumerate(plans, 1):
        fl.line("%d. %s" % (i, pp), indent=4)
    fl.space(4)
    just = o.get("justify", False)
    fl.para("I saw %s in the gastroenterology clinic today. %s" % (p.formal(), " ".join(ctx.sv["hpc"][:2])), justify=just)
    fl.para("On examination %s was comfortable at rest. The abdomen was soft with no masses and there was no "
            "peripheral stigmata of chronic liver disease. %s" % (p.he, ctx.sv["hpc"][2]), justify=just)
    if o.get("long"):
        fl.para("I have reviewed the recent blood tests, which show %s. I explained the findings and the "
                "proposed investigations to %s, including the risks of endoscopy, and %s was happy to proceed. "
                "Written information has been provided." % (
                    ", ".join("%s %s %s" % (t, v, u) for t, v, u, rg, f in ctx.sv["bloods"][:3]), p.him, p.he),
                justify=just)
        fl.para("In the meantime I would be grateful if you could continue %s current medication. If %s symptoms "
                "worsen, and in particular if %s develops further bleeding or vomiting, %s should seek urgent advice "
                "through NHS 111 or attend the Emergency Department." % (p.his, p.his, p.he, p.he), justify=just)
        fl.para("I will write again once the results of the investigations are available. Should you wish to "
                "discuss %s care in the meantime, please contact my secretary on %s." % (
                    p.his, ctx.d("secretary_phone", tr.sec_tel)), justify=just)
    fl.para("I will see %s again in clinic after the investigations." % p.him, justify=just)
    sign_off(fl, ctx, tr.cons, "Consultant Gastroenterologist",
             extra=["cc: %s, %s" % (p.formal(), ", ".join(p.address_lines()))])
    assert len(doc.pages) == o.get("pages", 1), (doc.name, len(doc.pages))


def b_discharge(doc, ctx, o):
    """Inpatient discharge summary with tables."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    st = ts.style
    pt = ts.pt
    npg = o.get("pages", 2)
    lh = pg_lh = pt * 1.4 * 25.4 / 72
    adm = ctx.day(-r.randint(6, 14))
    dis = ctx.day(-r.randint(0, 2))
    wt = "b" if st is None else "r"
    dx = r.choice([("Upper GI bleed secondary to duodenal ulcer", "OGD: 1.5 cm duodenal ulcer, clip and adrenaline"),
                   ("Acute severe ulcerative colitis", "Flexible sigmoidoscopy and biopsies"),
                   ("Gallstone pancreatitis", "ERCP with sphincterotomy and stone extraction"),
                   ("Alcohol-related hepatitis", "Diagnostic ascitic tap; liver ultrasound"),
                   ("Small bowel obstruction, resolved conservatively", "CT abdomen and pelvis")])

    def header(pg, n):
        if o.get("mono_head", False) or st:
            pg.cells(16, [(20, tr.name.upper() if st else tr.name, ts.head, pt + 1, wt, "l", "main", st),
                          (190, "Page %d of %d" % (n, npg), ts.body, pt - 1, "r", "r", "main", st)])
        else:
            pg.cells(16, [(20, tr.name, ts.head, 11, "b", "l", "colour", None, (0, 94, 184)),
                          (190, "Page %d of %d" % (n, npg), ts.body, pt - 1, "r", "r", "main", st)])
        pg.text(20, 24, "DISCHARGE SUMMARY" if n == 1 else "DISCHARGE SUMMARY (continued)", ts.head, pt + 4, wt, style=st)
        y = 30
        if n > 1:
            pg.text(20, y, "%s, %s  NHS: %s  DOB: %s" % (p.last.upper(), p.first, ctx.nhs_s(o.get("cont_nhs_style")),
                                                       ctx.dob_s(o.get("cont_dob_style"))), ts.body, pt, style=st)
            y += lh * 1.5
        return y

    pg = doc.new_page()
    y = header(pg, 1) + 3
    left = [("Patient:", "%s %s" % (p.first, p.last.upper())), ("NHS No:", ctx.nhs_s()), ("DOB:", ctx.dob_s()),
            ("Hospital No:", ctx.d("hospital_number", p.hosp)), ("Address:", p.addr[0] + ", " + p.town)]
    right = [("Ward:", r.choice(["Ward 14 (Gastro)", "Kestrel Ward", "AMU", "Ward 7B"])), ("Consultant:", tr.cons),
             ("Admitted:", ctx.d("admission_date", fmt_date(adm, o.get("adm_style", "slash")))),
             ("Discharged:", ctx.d("discharge_date", fmt_date(dis, o.get("adm_style", "slash")))),
             ("GP:", pr.gp + ", " + pr.code)]
    if st is None:
        pg.rect(18, y - 1, 192, y + len(left) * lh + 2, 0.3)
    y += lh * 0.8
    for (a, b), (c, d) in zip(left, right):
        pg.cells(y, [(20, a, ts.body, pt, wt, "l", "main", st), (44, b, ts.body, pt, "r", "l", "main", st),
                     (108, c, ts.body, pt, wt, "l", "main", st), (132, d, ts.body, pt, "r", "l", "main", st)],
                 tag="nhs" if a == "NHS No:" else None)
        y += lh
    y += lh

    def cont(pg2, n):
        return header(pg2, n) + 2

    fl = Flow(doc, ctx, ts, 20, 170, y, 272, pg, cont_header=cont)
    fl.ts = TS(ts.body, pt, ts.head, ts.mono, st, 1.4)
    fl.line("Primary diagnosis: " + dx[0], weight=wt)
    fl.line("Procedures: " + dx[1])
    fl.line("Co-morbidities: " + ", ".join(ctx.pmh))
    fl.space(3)
    fl.line("Clinical summary", weight=wt)
    fl.para("%s %s was admitted via the emergency department with %s. %s was resuscitated and treated according to "
            "the unit protocol. Observations settled over the first 48 hours and %s was able to eat and drink "
            "normally before discharge." % (p.title, p.last, lc(dx[0]), p.he.capitalize(), p.he))
    fl.para("Key results: " + "; ".join("%s %s %s" % (t, v, u) for t, v, u, rg, f in ctx.sv["bloods"][:3]) + ".")
    for k in range(o.get("progress_days", 0)):
        fl.para("Day %d (%s): %s" % (k + 1, ctx.d("progress_date", fmt_date(adm + dt.timedelta(days=k), "slash")), [
            "Admitted overnight. IV fluids and analgesia. Bloods sent including group and save. Kept nil by mouth.",
            "Reviewed on the consultant ward round. Haemodynamically stable. Endoscopy arranged for the following "
            "morning. Consent discussed with the patient, who understood the risks and benefits.",
            "Endoscopy performed as above. No further bleeding. Started on oral diet and mobilised on the ward. "
            "Haemoglobin stable on repeat testing.",
            "Seen by the dietitian and the specialist nurse. Education given about the new medication and warning "
            "symptoms. Observations within normal limits throughout the day.",
            "Pain controlled with simple analgesia. Bowels opened normally. Inflammatory markers falling. Plan to "
            "continue current treatment and review tomorrow.",
            "Well overnight. Discussed at the multidisciplinary meeting; agreed plan for outpatient follow-up. "
            "Medically optimised for discharge pending pharmacy.",
            "Temperature spike to 38.1 overnight. Blood cultures taken and chest examined; no clear source. "
            "Antibiotics not started. Repeat observations reassuring by the morning.",
            "Occupational therapy assessment completed. Safe on stairs. No package of care required. Family "
            "updated by telephone and happy with the plan.",
            "Repeat imaging reviewed with the radiology team. No collection seen. Drain not required. "
            "Diet upgraded and tolerated well.",
            "Discharged home with family. Discharge medication explained and supplied."][k % 10]))
    if o.get("results_table"):
        fl.line("Investigations", weight=wt)
        rc = [20, 66, 96, 124]
        fl.need(lh * 2)
        fl.pg.cells(fl.y, [(rc[0], "Test", ts.body, pt, wt, "l", "main", st), (rc[1], "Admission", ts.body, pt, wt, "l", "main", st),
                           (rc[2], "Discharge", ts.body, pt, wt, "l", "main", st), (rc[3], "Units", ts.body, pt, wt, "l", "main", st)])
        fl.y += lh
        for t, a, b_, u in [("Haemoglobin", str(r.randint(70, 100)), str(r.randint(95, 125)), "g/L"),
                            ("Urea", "%.1f" % r.uniform(8, 18), "%.1f" % r.uniform(3, 7), "mmol/L"),
                            ("Creatinine", str(r.randint(70, 140)), str(r.randint(60, 100)), "umol/L"),
                            ("CRP", str(r.randint(20, 180)), str(r.randint(3, 30)), "mg/L"),
                            ("Albumin", str(r.randint(24, 34)), str(r.randint(28, 38)), "g/L"),
                            ("INR", "%.1f" % r.uniform(1.0, 1.6), "%.1f" % r.uniform(1.0, 1.3), "")]:
            fl.need(lh)
            fl.pg.cells(fl.y, [(rc[0], t, ts.body, pt, "r", "l", "main", st), (rc[1], a, ts.body, pt, "r", "l", "main", st),
                               (rc[2], b_, ts.body, pt, "r", "l", "main", st), (rc[3], u, ts.body, pt, "r", "l", "main", st)])
            fl.y += lh
        fl.space(3)
    fl.space(1)
    fl.line("Medications on discharge", weight=wt)
    mc = [20, 78, 110, 128, 160]
    fl.need(lh * 2)
    fl.pg.cells(fl.y, [(mc[0], "Drug", ts.body, pt, wt, "l", "main", st), (mc[1], "Dose", ts.body, pt, wt, "l", "main", st),
                       (mc[2], "Route", ts.body, pt, wt, "l", "main", st), (mc[3], "Frequency", ts.body, pt, wt, "l", "main", st),
                       (mc[4], "Status", ts.body, pt, wt, "l", "main", st)])
    fl.y += lh
    dmeds = [("Omeprazole", "40 mg", "Oral", "Twice daily", "New"), ("Ferrous fumarate", "210 mg", "Oral", "Daily", "Continued"),
             ("Paracetamol", "1 g", "Oral", "Four times daily", "Continued"), ("Thiamine", "100 mg", "Oral", "Three times daily", "New"),
             ("Amlodipine", "5 mg", "Oral", "Daily", "Continued"), ("Ibuprofen", "400 mg", "Oral", "As required", "Stopped"),
             ("Prednisolone", "40 mg", "Oral", "Daily, reducing", "New"), ("Lactulose", "15 mL", "Oral", "Twice daily", "New")]
    for row in r.sample(dmeds, o.get("n_meds", 5)):
        fl.need(lh)
        fl.pg.cells(fl.y, [(x, v, ts.body, pt, "r", "l", "main", st) for x, v in zip(mc, row)])
        fl.y += lh
    fl.space(3)
    fl.line("Actions for GP", weight=wt)
    for a in ["Please check FBC and U&E in %d weeks." % r.randint(1, 3),
              "Please review need for proton pump inhibitor after %d weeks." % r.choice([6, 8, 12]),
              "Outpatient follow-up with %s in %d weeks (booked)." % (tr.cons, r.choice([6, 8, 12]))]:
        fl.para("- " + a, gap=0.5)
    fl.space(2)
    fl.line("Information given to patient: verbal and written. Copy of summary given to patient.")
    fl.space(3)
    fl.line("Completed by: Dr %s %s (FY2), bleep %d" % (r.choice(FIRST_F + FIRST_M)[0], r.choice(SURNAMES), r.randint(1100, 1999)))
    fl.pg.anchor("signature", 140, fl.y - 2)
    fl.line("Date: " + ctx.d("completed_date", fmt_date(dis, "slash")))
    while len(doc.pages) < npg:
        fl.break_page()
        fl.line("Allergies: " + r.choice(["NKDA", "Penicillin (rash)", "Morphine (vomiting)"]))
        fl.line("Venous thromboembolism prophylaxis: completed in hospital.")
    assert len(doc.pages) == npg, (doc.name, len(doc.pages))


def b_lab(doc, ctx, o):
    """Pathology result sheet (blood sciences) or histopathology report."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    st = ts.style
    pt = ts.pt
    npg = o.get("pages", 1)
    lh = pt * 1.45 * 25.4 / 72
    histo = o.get("histology", False)
    lab_no = ctx.d("lab_number", ("H%02d-%05d" % (ctx.date.year % 100, r.randint(1000, 99999))) if histo else
                   "%02d%s%07d" % (ctx.date.year % 100, r.choice("BHMC"), r.randint(0, 9999999)))
    coll = ctx.day(-r.randint(2, 6))
    recv = coll + dt.timedelta(days=r.randint(0, 1))
    rep = recv + dt.timedelta(days=r.randint(1, 8) if histo else 0)
    wt = "b" if st is None else "r"

    def header(pg, n):
        y = 15
        pg.cells(y, [(20, tr.name.upper(), ts.head, pt + 1, wt, "l", "main", st),
                     (190, "Page %d of %d" % (n, npg), ts.body, pt - 0.5, "r", "r", "main", st)])
        y += lh * 1.3
        pg.text(20, y, "DEPARTMENT OF " + ("CELLULAR PATHOLOGY" if histo else "BLOOD SCIENCES"), ts.head, pt + 2, wt,
                style=st)
        y += lh * 1.1
        pg.text(20, y, tr.hospital + ", " + tr.town + "  Enquiries: " + ctx.d("lab_phone", landline(r)), ts.body,
                pt - 0.5, style=st)
        y += lh * 0.5
        pg.line(18, y, 192, y, 0.4)
        y += lh * 1.3
        pg.cells(y, [(20, "Surname:", ts.body, pt, wt, "l", "main", st), (45, p.last.upper(), ts.body, pt, "r", "l", "main", st),
                     (110, "Lab No:", ts.body, pt, wt, "l", "main", st), (138, lab_no, ts.body, pt, "r", "l", "main", st)])
        y += lh
        pg.cells(y, [(20, "Forename:", ts.body, pt, wt, "l", "main", st), (45, p.first, ts.body, pt, "r", "l", "main", st),
                     (110, "Collected:", ts.body, pt, wt, "l", "main", st),
                     (138, ctx.d("collected", fmt_date(coll, "slash") + " %02d:%02d" % (r.randint(8, 12), r.randint(0, 59))),
                      ts.body, pt, "r", "l", "main", st)])
        y += lh
        if ctx.print_dob:
            dob_cell = [(20, "DOB:", ts.body, pt, wt, "l", "main", st), (45, ctx.dob_s(), ts.body, pt, "r", "l", "main", st)]
        else:
            dob_cell = [(20, "Age:", ts.body, pt, wt, "l", "main", st),
                        (45, "%dY  Sex: %s" % (p.age_on(coll), p.sex), ts.body, pt, "r", "l", "main", st)]
        pg.cells(y, dob_cell + [(110, "Received:", ts.body, pt, wt, "l", "main", st),
                                (138, ctx.d("received", fmt_date(recv, "slash")), ts.body, pt, "r", "l", "main", st)])
        y += lh
        pg.cells(y, [(20, "NHS No:", ts.body, pt, wt, "l", "main", st), (45, ctx.nhs_s(), ts.body, pt, "r", "l", "main", st),
                     (110, "Reported:", ts.body, pt, wt, "l", "main", st),
                     (138, ctx.d("reported", fmt_date(rep, "slash")), ts.body, pt, "r", "l", "main", st)], tag="nhs")
        y += lh
        pg.cells(y, [(20, "Hosp No:", ts.body, pt, wt, "l", "main", st),
                     (45, ctx.d("hospital_number", p.hosp), ts.body, pt, "r", "l", "main", st),
                     (110, "Source:", ts.body, pt, wt, "l", "main", st),
                     (138, pr.name if not histo else "Endoscopy Unit", ts.body, pt, "r", "l", "main", st)])
        y += lh
        pg.cells(y, [(20, "Requested by:", ts.body, pt, wt, "l", "main", st),
                     (45, pr.gp if not histo else tr.cons, ts.body, pt, "r", "l", "main", st)])
        y += lh * 0.6
        pg.line(18, y, 192, y, 0.4)
        return y + lh * 1.4

    pg = doc.new_page()
    y = header(pg, 1)
    if not histo:
        cols = [20, 70, 98, 112, 140]
        groups = [("FULL BLOOD COUNT", [("Haemoglobin", str(ctx.sv["vals"]["hb"]), "g/L", "115 - 165"),
                                        ("White cell count", "%.1f" % r.uniform(4, 11), "x10^9/L", "4.0 - 11.0"),
                                        ("Platelets", str(r.randint(160, 460)), "x10^9/L", "150 - 400"),
                                        ("MCV", str(r.randint(68, 98)), "fL", "80 - 100"),
                                        ("MCH", "%.1f" % r.uniform(22, 33), "pg", "27.0 - 32.0"),
                                        ("Neutrophils", "%.1f" % r.uniform(2, 8), "x10^9/L", "2.0 - 7.5"),
                                        ("Lymphocytes", "%.1f" % r.uniform(1, 3.5), "x10^9/L", "1.0 - 4.0")]),
                  ("HAEMATINICS", [("Ferritin", str(ctx.sv["vals"]["ferr"]), "ug/L", "15 - 300"),
                                   ("Vitamin B12", str(r.randint(180, 600)), "ng/L", "180 - 900"),
                                   ("Serum folate", "%.1f" % r.uniform(2, 12), "ug/L", "3.9 - 26.8")]),
                  ("LIVER FUNCTION", [("Bilirubin", str(r.randint(5, 30)), "umol/L", "0 - 21"),
                                      ("ALT", str(ctx.sv["vals"]["alt"]), "U/L", "0 - 40"),
                                      ("ALP", str(r.randint(60, 200)), "U/L", "30 - 130"),
                                      ("Albumin", str(r.randint(30, 46)), "g/L", "35 - 50")]),
                  ("OTHER", [("CRP", str(r.randint(1, 60)), "mg/L", "0 - 5"),
                             ("tTG IgA", "%.1f" % r.uniform(0.2, 3), "U/mL", "0 - 7.0"),
                             ("Faecal calprotectin", str(ctx.sv["vals"]["calp"]), "ug/g", "0 - 50")])]
        pg.cells(y, [(cols[0], "Test", ts.body, pt, wt, "l", "main", st), (cols[1], "Result", ts.body, pt, wt, "l", "main", st),
                     (cols[2], "Flag", ts.body, pt, wt, "l", "main", st), (cols[3], "Units", ts.body, pt, wt, "l", "main", st),
                     (cols[4], "Reference range", ts.body, pt, wt, "l", "main", st)])
        y += lh * 1.3
        for gname, rows in groups[: o.get("groups", 4)]:
            pg.text(20, y, gname, ts.body, pt, wt, style=st)
            y += lh
            for t, v, u, rg in rows:
                lo, hi = [float(x) for x in rg.split(" - ")]
                fv = float(v)
                flag = "H" if fv > hi else ("L" if fv < lo else "")
                pg.cells(y, [(cols[0] + 3, t, ts.body, pt, "r", "l", "main", st),
                             (cols[1], v, ts.body, pt, wt if flag else "r", "l", "main", st),
                             (cols[2], flag, ts.body, pt, "b" if st is None else "r", "l", "main", st),
                             (cols[3], u, ts.body, pt, "r", "l", "main", st), (cols[4], rg, ts.body, pt, "r", "l", "main", st)])
                y += lh
            y += lh * 0.5
        y += lh * 0.5
        for ln in pg.wrap("Comment: Iron deficiency is likely. Suggest investigation of cause if not already arranged. "
                          "Reference ranges apply to adults. Results marked H or L lie outside the reference range.",
                          170, ts.body, pt, "r", st):
            pg.text(20, y, ln, ts.body, pt, style=st)
            y += lh
        y += lh
        pg.text(20, y, "Authorised by: %s, Clinical Scientist  %s" % (r.choice(FIRST_F + FIRST_M) + " " + r.choice(SURNAMES),
                                                                     ctx.d("authorised", fmt_date(rep, "slash") + " %02d:%02d" % (
                                                                         r.randint(9, 20), r.randint(0, 59)))), ts.body, pt, style=st)
        pg.anchor("note", 120, min(y + 25, 255))
    else:
        def cont(pg2, n):
            return header(pg2, n)
        fl = Flow(doc, ctx, ts, 20, 170, y, 270, pg, cont_header=cont)
        fl.ts = TS(ts.body, pt, ts.head, ts.mono, st, 1.4)
        fl.line("SPECIMEN", weight=wt)
        fl.para("A: Duodenal biopsies x4.  B: Gastric antral biopsies x2.  C: Colonic biopsies x6 (random).")
        fl.line("CLINICAL DETAILS", weight=wt)
        fl.para("%s. %s" % (ctx.sc["title"], ctx.sv["hpc"][1]))
        fl.line("MACROSCOPY", weight=wt)
        fl.para("A: Four pale fragments of tissue, 2 to 3 mm. All embedded.  B: Two fragments, 2 mm and 3 mm. All "
                "embedded.  C: Six fragments of mucosa measuring up to 4 mm. All embedded in two blocks.")
        fl.line("MICROSCOPY", weight=wt)
        fl.para("A: Sections show small bowel mucosa with %s. Intraepithelial lymphocytes number %d per 100 "
                "enterocytes. Crypt hyperplasia is %s." % (
                    r.choice(["subtotal villous atrophy", "normal villous architecture", "partial villous atrophy"]),
                    r.randint(12, 60), r.choice(["present", "not seen"])))
        fl.para("B: Antral mucosa with mild chronic inflammation. Helicobacter-like organisms are %s. "
                "No intestinal metaplasia or dysplasia." % r.choice(["not identified", "identified"]))
        fl.para("C: Colonic mucosa with preserved crypt architecture. There is no increase in lamina propria "
                "chronic inflammatory cells and no granulomas. Subepithelial collagen band is not thickened. "
                "There is no dysplasia or malignancy.")
        fl.line("CONCLUSION", weight=wt)
        fl.para("A: Duodenal biopsies: findings would be consistent with coeliac disease (Marsh 3) in the "
                "appropriate serological context. B: Mild chronic gastritis. C: Normal colonic biopsies.")
        fl.para("SNOMED: T64000 M40000; T67000 M00100. Reported by Dr %s %s, Consultant Histopathologist." % (
            r.choice(FIRST_F + FIRST_M)[0], r.choice(SURNAMES)))
        while len(doc.pages) < npg:
            fl.break_page()
            fl.para("Supplementary report: immunohistochemistry for CD3 supports the increased intraepithelial "
                    "lymphocyte count. No further report to follow.")
    assert len(doc.pages) == npg, (doc.name, len(doc.pages))


def b_appt(doc, ctx, o):
    """Appointment letter (A4, or A5 card)."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    size = o.get("size", (210, 297))
    W = size[0]
    pg = doc.new_page(size, o.get("paper", "white"))
    pt = ts.pt
    a5 = W < 160
    xl = 14 if a5 else 20
    xr = W - 14 if a5 else 190
    if a5:
        pg.text(xl, 16, tr.hospital, ts.head, 11, "b")
        pg.text(xl, 21, "Gastroenterology & Endoscopy Bookings", ts.head, 8.5)
        y = 30
    else:
        y = trust_letterhead(pg, ctx, ts, dept="Outpatient Appointments Centre", colour=o.get("colour", (0, 94, 184)),
                             logo=o.get("logo", "cross")) + 6
    appt = workday(ctx.day(r.randint(10, 40)))
    tm = "%02d:%02d" % (r.randint(8, 16), r.choice([0, 15, 30, 45]))
    booking = ctx.d("booking_reference", "%04d-%04d-%02d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 99)))
    lh = pg.lh(pt, 1.2)
    if not a5:
        for ln in [p.formal()] + p.address_lines():
            pg.text(xl, y, ln, ts.body, pt)
            y += lh
        yr = y - lh * (len(p.address_lines()) + 1)
        rows = [("Date:", ctx.d("letter_date", fmt_date(ctx.date, "long"))),
                ("Hospital No:", ctx.d("hospital_number", p.hosp))]
        if ctx.print_nhs:
            rows.append(("NHS No:", ctx.nhs_s()))
        if ctx.print_dob:
            rows.append(("Date of birth:", ctx.dob_s()))
        rows.append(("Booking ref:", booking))
        # right-hand details sit below the address block (stacked, not side by side)
        y += lh * 0.8
        for lab, val in rows:
            pg.cells(y, [(120, lab, ts.body, pt - 1, "b"), (150, val, ts.body, pt - 1, "r")],
                     tag="nhs" if lab == "NHS No:" else None)
            y += pg.lh(pt - 1, 1.25)
        y += lh
        pg.text(xl, y, "Dear %s %s" % (p.title, p.last), ts.body, pt)
        y += lh * 1.5
        pg.text(xl, y, "Your appointment", ts.head, pt + 3, "b")
        y += lh * 1.4
    else:
        for lab, val in [("Name:", p.formal()), ("Date of birth:", ctx.dob_s()), ("NHS No:", ctx.nhs_s()),
                         ("Ref:", booking)]:
            pg.cells(y, [(xl, lab, ts.body, pt, "b"), (xl + 28, val, ts.body, pt, "r")],
                     tag="nhs" if lab == "NHS No:" else None)
            y += lh
        y += lh * 0.5
    box_y = y
    rows = [("Date", ctx.d("appointment_date", fmt_date(appt, "ordinal") if not a5 else fmt_date(appt, "dashmonU"))),
            ("Time", tm + " (please arrive 15 minutes early)" if not a5 else tm),
            ("Clinic", r.choice(["Gastroenterology New Patient", "Endoscopy - Gastroscopy", "Endoscopy - Colonoscopy",
                                 "Hepatology Clinic"]) if not a5 else "Endoscopy"),
            ("With", tr.cons), ("Location", r.choice(["Outpatients B, Level 1", "Endoscopy Unit, Ground Floor",
                                                       "Clinic 4, Treatment Centre"]))]
    y += lh * 0.9
    for lab, val in rows:
        pg.cells(y, [(xl + 3, lab, ts.body, pt, "b"), (xl + 30, val, ts.body, pt, "r")])
        y += lh * 1.15
    pg.rect(xl, box_y, xr, y - lh * 0.4, 0.4)
    y += lh * 0.8
    if not a5:
        paras = ["If you are unable to keep this appointment, please telephone %s as soon as possible so that it can "
                 "be offered to another patient." % ctx.d("booking_phone", tr.sec_tel),
                 "Please bring a list of your current medicines and this letter with you. If you need an interpreter "
                 "or have any special requirements, please let us know.",
                 "For a gastroscopy you must not eat for 6 hours beforehand. You may drink small amounts of water up "
                 "to 2 hours before your appointment."]
        for ptxt in paras[: o.get("n_paras", 3)]:
            y = pg.para(xl, y, xr - xl, ptxt, ts.body, pt, lead=1.25) + 2.5
        y += 4
        pg.text(xl, y, "Yours sincerely", ts.body, pt)
        y += lh * 1.7
        pg.text(xl, y, "Appointments Centre", ts.body, pt)
        pg.text(105, 285, "%s is a smoke-free site. Car parking charges apply." % tr.hospital, ts.body, 7.5, align="c")
        pg.anchor("note", 130, y - 8)
    else:
        for ln in pg.wrap("To change this appointment please telephone %s." % ctx.d("booking_phone", tr.sec_tel),
                          xr - xl, ts.body, pt - 1):
            pg.text(xl, y, ln, ts.body, pt - 1)
            y += pg.lh(pt - 1)
        pg.anchor("note", xl + 10, y + 8)


def addressograph(pg, ctx, x, y, ts, w=76, h=30, ink=0):
    """Printed patient label (sticker) with a thin border; returns bottom y."""
    p = ctx.p
    pg.rect(x, y, x + w, y + h, 0.2, ink=150)
    lh = 4.4
    yy = y + 5.5
    pg.text(x + 2.5, yy, "%s, %s %s" % (p.last.upper(), p.first, p.title), ts.mono, 9, "b")
    yy += lh
    pg.text(x + 2.5, yy, "DOB: %s  %s" % (ctx.dob_s(), "F" if p.sex == "F" else "M"), ts.mono, 9)
    yy += lh
    pg.text(x + 2.5, yy, "NHS: %s" % ctx.nhs_s(), ts.mono, 9, tag="nhs")
    yy += lh
    pg.text(x + 2.5, yy, "MRN: %s" % ctx.d("hospital_number", ctx.p.hosp), ts.mono, 9)
    yy += lh
    pg.text(x + 2.5, yy, "%s, %s" % (p.addr[0], p.postcode), ts.mono, 8.5)
    return y + h


def b_contsheet(doc, ctx, o):
    """Clinical continuation sheet: printed header + addressograph label + handwriting-style entries."""
    p, pr, tr, r = ctx.p, ctx.pr, ctx.tr, ctx.r
    ts = o["ts"]
    npg = o.get("pages", 1)
    hfam = o.get("hand", "hand_dkg")
    hpt = o.get("hand_pt", 13)
    ink = o.get("ink", "blue")
    entries = o["entries"](ctx)   # [(when, text)]
    ei = 0
    for n in range(1, npg + 1):
        pg = doc.new_page(paper=o.get("paper", "white"))
        pg.text(20, 17, tr.name, ts.head, 9)
        pg.text(20, 25, "CONTINUATION SHEET", ts.head, 15, "b")
        pg.text(20, 31, "Gastroenterology - medical notes", ts.head, 9.5)
        pg.text(20, 40, "Sheet no. %d" % n, ts.head, 9.5)
        addressograph(pg, ctx, 112, 12, ts)
        # ruled lines with a margin (printed form graphics)
        y0 = 52
        rule = hpt * 0.55
        ruleh = max(8.0, hpt * 0.62)
        nlines = int((275 - y0) / ruleh)
        for i in range(nlines + 1):
            pg.line(16, y0 + i * ruleh, 194, y0 + i * ruleh, 0.18, ink=175)
        pg.line(40, y0 - 6, 40, y0 + nlines * ruleh, 0.25, ink=120)
        pg.cells(y0 - 2, [(18, "Date/time", ts.head, 7.5, "r"), (44, "Entry (sign, print name and designation)",
                                                                   ts.head, 7.5, "r")])
        li = 1
        while ei < len(entries) and li < nlines:
            if n == 1 and o.get("split") and ei == o["split"]:
                break
            when, text = entries[ei]
            lines = pg.wrap(text, 146, hfam, hpt)
            if li + len(lines) > nlines:
                break
            for k, ln in enumerate(lines):
                base = y0 + li * ruleh - 1.4
                if k == 0 and when:
                    hand_line(pg, 17, base, when, hfam, hpt * 0.85, ink)
                    hand_line(pg, 43, base, ln, hfam, hpt, ink, join_prev=True)
                else:
                    hand_line(pg, 43, base, ln, hfam, hpt, ink)
                li += 1
            li += 1
            ei += 1
        pg.text(105, 288, "Please ensure every sheet carries a patient label", ts.head, 7.5, align="c")
    assert ei == len(entries), (doc.name, ei, len(entries))


def hand_line(pg, x, y, s, fam, pt, ink, join_prev=False):
    """One line of handwriting-style text drawn into the 'fill' layer (ink colour applied at composition).
    It is body text of a continuation sheet and IS in the ground truth (flagged in the manifest)."""
    r = pg.doc.rng_tw
    f = pg.font(fam, pt)
    Y = pg.px(y) + r.randint(-2, 2)
    X = pg.px(x)
    # slight per-line slope: render to temp and rotate
    w = int(f.getlength(s)) + 20
    asc, desc = f.getmetrics()
    tmp = Image.new("L", (w, asc + desc + 20), 0)
    ImageDraw.Draw(tmp).text((10, 10 + asc), s, font=f, fill=255, anchor="ls")
    ang = r.uniform(-0.8, 0.8)
    tmp = tmp.rotate(ang, resample=Image.BICUBIC, expand=True)
    x0, y0 = X - 10, Y - asc - 10 - (tmp.size[1] - (asc + desc + 20)) // 2
    layer = pg.layers["fill"]
    region = layer.crop((x0, y0, x0 + tmp.size[0], y0 + tmp.size[1]))
    a = np.asarray(region, dtype=np.int16) - (np.asarray(tmp, dtype=np.int16) * 0.92).astype(np.int16)
    layer.paste(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), (x0, y0))
    gb = f.getbbox(s, anchor="ls")
    bb = (X + gb[0], Y + gb[1], X + gb[2], Y + gb[3])
    pg._check_box(bb, s)
    if join_prev:
        pg.gt[-1] = pg.gt[-1] + " " + norm_gt(s)
        pg.hand_lines += 0
        ob = pg.boxes[-1]
        pg.boxes[-1] = (min(ob[0], bb[0]), min(ob[1], bb[1]), max(ob[2], bb[2]), max(ob[3], bb[3]))
    else:
        pg.gt.append(norm_gt(s))
        pg.boxes.append(bb)
        pg.hand_lines += 1
    pg.fill_ink = ink


# ----------------------------------------------------------------------------- image effects
# Images are float32 arrays in 0..1 (1 = white), shape (H, W, 3) unless noted.

INKS = {"black": (0.06, 0.06, 0.08), "blue": (0.10, 0.20, 0.62), "carbon_blue": (0.20, 0.30, 0.74),
        "carbon_purple": (0.42, 0.20, 0.62), "carbon_black": (0.18, 0.18, 0.22), "ribbon": (0.13, 0.13, 0.15),
        "red": (0.80, 0.12, 0.15), "pencil": (0.45, 0.45, 0.48), "faded": (0.38, 0.38, 0.40),
        "green": (0.10, 0.42, 0.25)}


def to_u8(a):
    return (np.clip(a, 0, 1) * 255 + 0.5).astype(np.uint8)


def gblur(a, sigma):
    """Gaussian blur of a 2-D float array via Pillow (8-bit)."""
    if sigma <= 0:
        return a
    return np.asarray(Image.fromarray(to_u8(a)).filter(ImageFilter.GaussianBlur(sigma)), np.float32) / 255.0


def gblur3(img, sigma):
    if sigma <= 0:
        return img
    return np.asarray(Image.fromarray(to_u8(img)).filter(ImageFilter.GaussianBlur(sigma)), np.float32) / 255.0


def minfilter(a, size=3):
    return np.asarray(Image.fromarray(to_u8(a)).filter(ImageFilter.MinFilter(size)), np.float32) / 255.0


def lowfreq(rng, H, W, cell, lo=0.0, hi=1.0):
    gh, gw = max(2, int(H / cell) + 2), max(2, int(W / cell) + 2)
    g = rng.random((gh, gw)).astype(np.float32)
    a = np.asarray(Image.fromarray(g, "F").resize((W, H), Image.BICUBIC), np.float32)
    a = (a - a.min()) / max(1e-6, a.max() - a.min())
    return lo + (hi - lo) * a


def gray(img):
    return img[..., 0] * 0.299 + img[..., 1] * 0.587 + img[..., 2] * 0.114


def tint(d, colour):
    """Darkness map d (0..1) in an ink colour -> multiplicative factor image."""
    c = np.array(colour, np.float32)
    return 1.0 - d[..., None] * (1.0 - c)


def carbon_ink(d, rng, R, strength=(0.35, 1.0)):
    """Soft, uneven carbon/NCR strokes from a crisp darkness map."""
    H, W = d.shape
    s = R / 300.0
    d2 = gblur(d, 1.3 * s)
    d2 = np.clip(d2 * 1.35, 0, 1)
    field = lowfreq(rng, H, W, R * 0.9, *strength)
    fine = gblur(rng.random((H, W)).astype(np.float32), 1.1 * s)
    fine = (fine - fine.mean()) / (fine.std() + 1e-6)
    d2 = d2 * field * np.clip(0.85 + 0.35 * fine, 0.25, 1.2)
    return np.clip(d2, 0, 1)


def compose(pg, ps, rng):
    """Paper x ink layers x colour layer -> float RGB."""
    H, W = pg.H, pg.W
    paper = np.array(PAPER[pg.paper], np.float32)
    img = np.ones((H, W, 3), np.float32) * paper
    if getattr(pg, "greenbar", False):
        band = pg.px(12.7)
        yy = (np.arange(H) // band) % 2 == 1
        img[yy] *= np.array((0.86, 0.95, 0.86), np.float32)
        perf = [pg.px(13.5), W - pg.px(13.5)]
        for x in perf:  # perforation lines
            img[::max(2, pg.px(1.0)), x:x + max(1, pg.px(0.25))] *= 0.55
        rad = pg.px(2.0)
        for cx in (pg.px(6.5), W - pg.px(6.5)):
            for k in range(int(pg.size_mm[1] / 12.7) + 1):
                cy = pg.px(6.35 + 12.7 * k)
                y0, y1, x0, x1 = max(0, cy - rad - 2), min(H, cy + rad + 2), cx - rad - 2, cx + rad + 2
                yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
                inside = np.clip((rad - np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)) / 1.5 + 0.5, 0, 1)
                img[y0:y1, x0:x1] = img[y0:y1, x0:x1] * (1 - inside[..., None]) + 0.1 * inside[..., None]
    paper_tex = lowfreq(rng, H, W, pg.R * 0.6, 0.975, 1.0)
    img *= paper_tex[..., None]
    if pg.colour is not None:
        col = np.asarray(pg.colour, np.float32) / 255.0
        if ps.get("main_ink", "black").startswith("carbon"):
            col = 1 - (1 - col) * 0.0  # carbon copies carry no colour print
        img *= col
    for lname in ("main", "fill"):
        d = 1.0 - np.asarray(pg.layers[lname], np.float32) / 255.0
        if not d.any():
            continue
        ink = ps.get(lname + "_ink", "black" if lname == "main" else getattr(pg, "fill_ink", "black"))
        if ink.startswith("carbon"):
            d = carbon_ink(d, rng, pg.R, ps.get("carbon_strength", (0.35, 1.0)))
        elif ink == "faded":
            d = d * lowfreq(rng, H, W, pg.R * 1.2, 0.45, 0.8)
        elif ink in ("blue", "pencil", "green") and lname == "fill":
            d = np.clip(gblur(d, 0.5 * pg.R / 300) * 1.1, 0, 1)
        img *= tint(d, INKS[ink])
    return img


def paint_rgba(img, mask, x, y, colour, opacity=1.0):
    """Multiply an ink-coloured mask (float 0..1, h x w) into img at pixel (x, y), clipped to the image."""
    H, W = img.shape[:2]
    h, w = mask.shape
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    m = mask[y0 - y:y1 - y, x0 - x:x1 - x] * opacity
    img[y0:y1, x0:x1] *= tint(m, colour)


def render_hand(text, fam, px, angle):
    f = get_font(fam, px)
    w = int(f.getlength(text)) + 24
    asc, desc = f.getmetrics()
    tmp = Image.new("L", (w, asc + desc + 24), 0)
    ImageDraw.Draw(tmp).text((12, 12 + asc), text, font=f, fill=255, anchor="ls")
    tmp = tmp.rotate(angle, resample=Image.BICUBIC, expand=True)
    return np.asarray(tmp, np.float32) / 255.0


STAMPS = [
    lambda d: ["RECEIVED", fmt_date(d, "stamp"), "GASTROENTEROLOGY"],
    lambda d: ["RECEIVED", fmt_date(d, "stamp")],
    lambda d: ["SCANNED", fmt_date(d, "stamp")],
    lambda d: ["URGENT"],
    lambda d: ["COPY"],
    lambda d: ["ACTIONED", fmt_date(d, "slash")],
    lambda d: ["TRIAGED", "2WW", fmt_date(d, "stamp")],
    lambda d: ["FILED"],
]
HAND_NOTES = ["?2WW - pls triage", "seen - book OGD", "Urgent", "discussed with Dr K", "chase bloods",
              "pt phoned 14/3", "ok for list", "added to WL", "FU 6/52", "NFA", "copy to notes", "book colonoscopy",
              "R/V in clinic", "pls scan", "booked 22/4", "not known to us", "already on list", "spoke to GP",
              "file", "OGD + colon", "CT first?", "ref to hepatology", "done", "ok"]


def op_stamp(img, pg, rng, r, arg, rec):
    kind = int(arg) if arg and arg.isdigit() else r.randrange(len(STAMPS))
    when = pg.doc.ctx.date + dt.timedelta(days=r.randint(1, 6))
    lines = STAMPS[kind](when)
    R = pg.R
    f = get_font("helv", int(R * 0.19), "b") if len(lines[0]) > 5 else get_font("helv", int(R * 0.26), "b")
    fs = get_font("helv", int(R * 0.12), "b")
    ws = [int((f if i == 0 else fs).getlength(t)) for i, t in enumerate(lines)]
    pad = int(R * 0.07)
    lh0 = int(f.getmetrics()[0])
    lhs = int(R * 0.16)
    h = pad * 2 + lh0 + lhs * (len(lines) - 1)
    w = max(ws) + pad * 2
    tmp = Image.new("L", (w + 8, h + 8), 0)
    d = ImageDraw.Draw(tmp)
    d.rounded_rectangle([4, 4, w + 3, h + 3], radius=int(R * 0.02), outline=255, width=max(3, int(R * 0.008)))
    yy = 4 + pad + lh0
    for i, t in enumerate(lines):
        d.text((4 + (w - ws[i]) // 2, yy), t, font=f if i == 0 else fs, fill=255, anchor="ls")
        yy += lhs
    ang = r.uniform(-14, 14)
    m = np.asarray(tmp.rotate(ang, resample=Image.BICUBIC, expand=True), np.float32) / 255.0
    H, W = m.shape
    tex = lowfreq(rng, H, W, R * 0.15, 0.45, 1.0) * (gblur(rng.random((H, W)).astype(np.float32), 1.0) > 0.38)
    m = m * tex
    where = arg if arg in ("tr", "mid", "bottom", "tl") else r.choice(["tr", "mid"])
    if where == "tr":
        x, y = pg.px(r.uniform(115, 150)), pg.px(r.uniform(28, 60))
    elif where == "tl":
        x, y = pg.px(r.uniform(20, 60)), pg.px(r.uniform(30, 60))
    elif where == "mid":
        x, y = pg.px(r.uniform(60, 130)), pg.px(r.uniform(pg.size_mm[1] * 0.35, pg.size_mm[1] * 0.6))
    else:
        x, y = pg.px(r.uniform(100, 140)), pg.px(pg.size_mm[1] - 70)
    x = min(x, img.shape[1] - W - pg.px(8))
    y = min(y, img.shape[0] - H - pg.px(8))
    colour = r.choice([INKS["red"], INKS["red"], (0.45, 0.2, 0.6), (0.15, 0.25, 0.65), (0.2, 0.2, 0.22)])
    paint_rgba(img, m, x, y, colour, 0.85)
    rec["overlay"].append(" ".join(lines))
    rec["deg"].append("rubber_stamp_overlapping_text")


def op_hand(img, pg, rng, r, arg, rec):
    n = int(arg) if arg else 1
    for i in range(n):
        text = r.choice(HAND_NOTES)
        fam = r.choice(HAND_FONTS)
        px = int(pg.R * r.uniform(0.16, 0.22))
        ang = r.uniform(-12, 12)
        m = render_hand(text, fam, px, ang)
        H, W = m.shape
        if i == 0 and "note" in pg.anchors:
            xm, ym = pg.anchors["note"]
            x, y = pg.px(xm), pg.px(ym)
        else:
            spot = r.choice(["right", "top", "body", "bottom"])
            if spot == "right":
                x, y = pg.W - W - pg.px(r.uniform(8, 20)), pg.px(r.uniform(60, pg.size_mm[1] - 60))
            elif spot == "top":
                x, y = pg.px(r.uniform(25, pg.size_mm[0] * 0.5)), pg.px(r.uniform(3, 8))
            elif spot == "bottom":
                x, y = pg.px(r.uniform(20, pg.size_mm[0] * 0.5)), pg.H - H - pg.px(r.uniform(6, 14))
            else:
                x, y = pg.px(r.uniform(30, pg.size_mm[0] * 0.5)), pg.px(r.uniform(80, pg.size_mm[1] - 80))
        x = max(pg.px(3), min(x, pg.W - W - pg.px(3)))
        y = max(pg.px(2), min(y, pg.H - H - pg.px(2)))
        colour = r.choice([INKS["blue"], INKS["blue"], INKS["black"], INKS["red"], INKS["pencil"], INKS["green"]])
        m = gblur(m, 0.4 * pg.R / 300)
        paint_rgba(img, m, x, y, colour, r.uniform(0.75, 0.95))
        rec["overlay"].append(text)
    rec["deg"].append("handwritten_annotation")


def scribble(r, wmm, hmm, R):
    """Cursive-looking looping signature path (mm coordinates)."""
    n = 500
    loops = r.uniform(5, 9)
    ph = r.uniform(0, 6.28)
    amp = [r.uniform(0.5, 1.0) for _ in range(8)]
    pts = []
    for i in range(n):
        t = i / (n - 1.0)
        env = amp[min(7, int(t * 8))] * (1.0 if t < 0.15 else 0.75)
        x = t * wmm * 0.9 + wmm * 0.05 * math.sin(2 * math.pi * loops * t + ph)
        y = hmm * (0.5 - 0.38 * env * math.cos(2 * math.pi * loops * t) * (1.3 if t < 0.12 else 1.0))
        pts.append((x, y))
    # flourish underline
    pts += [(wmm * 0.9 + k * 0.5, hmm * (0.55 + 0.05 * k)) for k in range(5)]
    pts += [(wmm * (0.95 - 0.9 * k / 20.0), hmm * (0.78 + 0.1 * math.sin(k / 6.0))) for k in range(21)]
    return pts


def op_sig(img, pg, rng, r, arg, rec):
    xm, ym = pg.anchors.get("signature", (30, pg.size_mm[1] - 60))
    wmm, hmm = r.uniform(35, 55), r.uniform(13, 20)
    s = pg.R / 25.4
    tmp = Image.new("L", (int(wmm * s) + 20, int(hmm * s) + 20), 0)
    d = ImageDraw.Draw(tmp)
    pts = [(10 + a * s, 10 + b * s) for a, b in scribble(r, wmm, hmm, pg.R)]
    d.line(pts, fill=255, width=max(2, int(0.45 * s)), joint="curve")
    d.line([(p[0] + s * 0.2, p[1] + s * 0.1) for p in pts[: len(pts) // 2]], fill=200, width=max(1, int(0.3 * s)))
    m = gblur(np.asarray(tmp, np.float32) / 255.0, 0.5 * pg.R / 300)
    x, y = pg.px(xm) - pg.px(r.uniform(0, 4)), pg.px(ym) - pg.px(r.uniform(2, 6))
    paint_rgba(img, m, x, y, r.choice([INKS["blue"], INKS["black"], (0.1, 0.1, 0.35)]), 0.9)
    rec["deg"].append("signature_overlapping_text")


def op_highlight(img, pg, rng, r, arg, rec):
    bb = pg.tags.get(arg or "nhs")
    if bb is None:
        return
    pad = pg.px(0.8)
    x0, y0, x1, y1 = bb[0] - pad, bb[1] - pad, bb[2] + pad, bb[3] + pad
    m = np.ones((y1 - y0, x1 - x0), np.float32) * 0.9
    m *= lowfreq(rng, y1 - y0, x1 - x0, pg.R * 0.05, 0.75, 1.0)
    paint_rgba(img, m, x0, y0, r.choice([(1.0, 0.93, 0.25), (0.55, 0.95, 0.45), (1.0, 0.6, 0.8)]), 0.55)
    rec["deg"].append("highlighter_over_identifier")


def op_coffee(img, pg, rng, r, arg, rec):
    R = pg.R
    rad = pg.px(r.uniform(28, 42))
    cx = pg.px(r.uniform(40, pg.size_mm[0] - 30))
    cy = pg.px(r.uniform(60, pg.size_mm[1] - 40))
    x0, x1 = max(0, cx - rad - pg.px(8)), min(pg.W, cx + rad + pg.px(8))
    y0, y1 = max(0, cy - rad - pg.px(8)), min(pg.H, cy + rad + pg.px(8))
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
    ang = np.arctan2(yy - cy, xx - cx)
    wob = 1 + 0.04 * np.sin(ang * 3 + r.uniform(0, 6)) + 0.02 * np.sin(ang * 7)
    width = pg.px(1.6) * (1 + 0.6 * np.sin(ang * 2 + r.uniform(0, 6)))
    ring = np.exp(-((dist - rad * wob) / np.maximum(width, 1)) ** 2)
    inner = (dist < rad * wob).astype(np.float32) * 0.12
    arc = np.clip(0.5 + 0.8 * np.sin(ang + r.uniform(0, 6)), 0.15, 1.0)  # incomplete ring
    m = np.clip(ring * 0.55 * arc + inner * lowfreq(rng, y1 - y0, x1 - x0, R * 0.3, 0.3, 1.0), 0, 1)
    img[y0:y1, x0:x1] *= tint(m, (0.55, 0.36, 0.18))
    rec["deg"].append("coffee_ring_stain")


def op_fold(img, pg, rng, r, arg, rec):
    H, W = img.shape[:2]
    if arg == "v":
        x0 = pg.px(pg.size_mm[0] / 2 + r.uniform(-3, 3))
        xx = np.arange(W, dtype=np.float32)
        prof = 1 - 0.13 * np.exp(-((xx - x0) / pg.px(1.2)) ** 2) + 0.03 * np.exp(-((xx - x0 - pg.px(2.5)) / pg.px(2)) ** 2)
        img *= prof[None, :, None]
    else:
        frac = r.choice([1 / 3, 2 / 3]) if arg != "2" else None
        ys = [pg.size_mm[1] / 3, pg.size_mm[1] * 2 / 3] if arg == "2" else [pg.size_mm[1] * frac]
        yy = np.arange(H, dtype=np.float32)
        prof = np.ones(H, np.float32)
        for ym in ys:
            y0 = pg.px(ym + r.uniform(-4, 4))
            prof *= 1 - 0.14 * np.exp(-((yy - y0) / pg.px(1.0)) ** 2)
            prof *= 1 - 0.05 * np.exp(-((yy - y0 + pg.px(3)) / pg.px(3)) ** 2)
        img *= prof[:, None, None]
    rec["deg"].append("fold_crease")


def _clear(pg, box, pad_mm=1.0):
    pad = pg.px(pad_mm)
    x0, y0, x1, y1 = box
    for b in pg.boxes:
        if b[0] - pad < x1 and b[2] + pad > x0 and b[1] - pad < y1 and b[3] + pad > y0:
            return False
    return True


def op_staple(img, pg, rng, r, arg, rec):
    s = pg.R / 25.4
    for attempt in range(40):
        cx, cy = r.uniform(7, 16), r.uniform(6, 12)
        ang = math.radians(r.uniform(25, 55))
        L = 12.0
        x0, y0 = cx - math.cos(ang) * L / 2, cy + math.sin(ang) * L / 2
        x1, y1 = cx + math.cos(ang) * L / 2, cy - math.sin(ang) * L / 2
        box = (pg.px(min(x0, x1) - 1.5), pg.px(min(y0, y1) - 1.5), pg.px(max(x0, x1) + 1.5), pg.px(max(y0, y1) + 1.5))
        if _clear(pg, box):
            break
    else:
        raise ValueError("%s: no room for staple" % pg.doc.name)
    tmp = Image.new("L", (pg.W // 8, pg.H // 8), 0)
    d = ImageDraw.Draw(tmp)
    d.line([(x0 * s + 3, y0 * s + 3), (x1 * s + 3, y1 * s + 3)], fill=120, width=max(3, int(1.6 * s)))  # shadow
    m1 = np.asarray(tmp, np.float32) / 255.0
    m1 = gblur(m1, 1.2 * s)
    tmp2 = Image.new("L", tmp.size, 0)
    d2 = ImageDraw.Draw(tmp2)
    d2.line([(x0 * s, y0 * s), (x1 * s, y1 * s)], fill=255, width=max(3, int(0.8 * s)))
    m2 = np.asarray(tmp2, np.float32) / 255.0
    paint_rgba(img, m1, 0, 0, (0.3, 0.3, 0.3), 0.7)
    paint_rgba(img, m2, 0, 0, (0.35, 0.36, 0.38), 1.0)
    # highlight along the wire
    tmp3 = Image.new("L", tmp.size, 0)
    ImageDraw.Draw(tmp3).line([(x0 * s, y0 * s - 1), (x1 * s, y1 * s - 1)], fill=255, width=1)
    m3 = np.asarray(tmp3, np.float32) / 255.0
    sub = img[: tmp.size[1], : tmp.size[0]]
    sub += (1 - sub) * m3[..., None] * 0.6
    rec["deg"].append("staple")


def op_holes(img, pg, rng, r, arg, rec):
    side = arg.split(",")[0] if arg else "left"
    dark = "grey" not in (arg or "")
    d_mm = 6.0
    if side == "left":
        cxs = [(11.5, pg.size_mm[1] / 2 - 40), (11.5, pg.size_mm[1] / 2 + 40)]
    else:
        cxs = [(pg.size_mm[0] / 2 - 40, 11.5), (pg.size_mm[0] / 2 + 40, 11.5)]
    for cx, cy in cxs:
        rad = pg.px(d_mm / 2)
        X, Y = pg.px(cx), pg.px(cy)
        box = (X - rad, Y - rad, X + rad, Y + rad)
        if not _clear(pg, box, 0.5):
            raise ValueError("%s: punch hole over text" % pg.doc.name)
        y0, y1, x0, x1 = Y - rad - 12, Y + rad + 12, X - rad - 12, X + rad + 12
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        dist = np.sqrt((xx - X) ** 2 + (yy - Y) ** 2)
        inside = np.clip((rad - dist) / 2.0 + 0.5, 0, 1)
        if dark:
            col = np.array((0.08, 0.08, 0.09), np.float32)
            img[y0:y1, x0:x1] = img[y0:y1, x0:x1] * (1 - inside[..., None]) + col * inside[..., None]
        else:
            col = np.array((0.80, 0.80, 0.80), np.float32)
            rim = np.exp(-((dist - rad) / 3.0) ** 2) * 0.5
            img[y0:y1, x0:x1] = img[y0:y1, x0:x1] * (1 - inside[..., None]) + col * inside[..., None]
            img[y0:y1, x0:x1] *= (1 - rim[..., None] * 0.6)
    rec["deg"].append("punch_holes")


def op_binder(img, pg, rng, r, arg, rec):
    W = img.shape[1]
    xx = np.arange(W, dtype=np.float32)
    depth = r.uniform(0.45, 0.7)
    prof = 1 - depth * np.exp(-xx / pg.px(r.uniform(4, 7)))
    # ring shadows
    img *= prof[None, :, None]
    for cy in (pg.size_mm[1] / 2 - 40, pg.size_mm[1] / 2 + 40):
        y0, y1 = pg.px(cy - 9), pg.px(cy + 9)
        yy = np.arange(y1 - y0, dtype=np.float32)
        bump = np.exp(-((yy - (y1 - y0) / 2) / pg.px(4)) ** 2)
        shade = 1 - 0.35 * bump[:, None] * np.exp(-xx[None, : pg.px(20)] / pg.px(6))
        img[y0:y1, : pg.px(20)] *= shade[..., None]
    rec["deg"].append("ring_binder_shadow")


def op_edge(img, pg, rng, r, arg, rec):
    H, W = img.shape[:2]
    sides = (arg or r.choice(["lt", "tr", "b", "lb", "r"]))
    for sd in sides:
        wmm = r.uniform(2.0, 4.5)
        n = H if sd in "lr" else W
        ragged = (wmm + lowfreq(rng, n, 1, pg.R * 0.5, -1.0, 1.0)[:, 0]) if sd in "lr" else \
            (wmm + lowfreq(rng, 1, n, pg.R * 0.5, -1.0, 1.0)[0])
        wpx = np.maximum(1, (ragged * pg.R / 25.4)).astype(np.int32)
        span = pg.px(wmm + 9)
        t = np.arange(span, dtype=np.float32)
        if sd in "lr":
            prof = np.clip((t[None, :] - wpx[:, None]) / pg.px(3), 0, 1)
            dark = 0.12 + 0.88 * prof
            if sd == "l":
                img[:, :span] *= dark[..., None]
            else:
                img[:, W - span:] *= dark[:, ::-1][..., None]
        else:
            prof = np.clip((t[:, None] - wpx[None, :]) / pg.px(3), 0, 1)
            dark = 0.12 + 0.88 * prof
            if sd == "t":
                img[:span] *= dark[..., None]
            else:
                img[H - span:] *= dark[::-1][..., None]
    rec["deg"].append("edge_shadow")


def op_sticky(img, pg, rng, r, arg, rec):
    wmm, hmm = 42, 40
    cands = []
    for ym in range(20, int(pg.size_mm[1] - hmm - 10), 4):
        for xm in range(12, int(pg.size_mm[0] - wmm - 8), 4):
            box = (pg.px(xm - 3), pg.px(ym - 3), pg.px(xm + wmm + 5), pg.px(ym + hmm + 5))
            if _clear(pg, box, 0.5):
                cands.append((xm, ym))
    if not cands:
        raise ValueError("%s: no room for sticky note" % pg.doc.name)
    xm, ym = r.choice(cands)
    x0, y0, x1, y1 = pg.px(xm), pg.px(ym), pg.px(xm + wmm), pg.px(ym + hmm)
    # drop shadow (right and bottom, slightly lifted curl at bottom)
    sh = np.zeros((y1 - y0 + pg.px(6), x1 - x0 + pg.px(6)), np.float32)
    sh[pg.px(2):pg.px(2) + (y1 - y0), pg.px(2):pg.px(2) + (x1 - x0)] = 1
    sh = gblur(sh, pg.px(1.3))
    paint_rgba(img, sh, x0, y0, (0.25, 0.25, 0.25), 0.55)
    col = np.array(r.choice([(1.0, 0.93, 0.45), (0.98, 0.80, 0.86), (0.75, 0.93, 0.98)]), np.float32)
    grad = np.linspace(1.0, 0.93, y1 - y0, dtype=np.float32)[:, None, None]
    img[y0:y1, x0:x1] = col * grad
    text = r.choice(["pls see - ?urgent", "chase histo", "Dr K to review", "book OGD", "call pt"])
    m = render_hand(text, r.choice(HAND_FONTS[:4]), int(pg.R * 0.17), r.uniform(-8, 8))
    m = m[:, : min(m.shape[1], x1 - x0 - 10)]
    paint_rgba(img, m, x0 + 5, y0 + pg.px(8), INKS["blue"], 0.9)
    rec["overlay"].append(text)
    rec["deg"].append("sticky_note_with_shadow")


def op_showthrough(img, pg, rng, r, arg, rec):
    src = None
    for other in pg.doc.pages:
        if other is not pg and other.size_mm == pg.size_mm:
            src = other
            break
    src = src or pg
    d = 1.0 - np.asarray(src.layers["main"], np.float32) / 255.0
    d = d[:, ::-1]
    if src is pg:
        d = np.roll(d, pg.px(r.uniform(20, 40)), axis=0)
    d = gblur(d, 1.5 * pg.R / 300)
    img *= (1 - d[..., None] * r.uniform(0.07, 0.12))
    rec["deg"].append("show_through")


def op_photocopy(img, pg, rng, r, arg, rec):
    gens = int(arg or 2)
    g = gray(img)
    H, W = g.shape
    s = pg.R / 300.0
    for k in range(gens):
        g = gblur(g, 0.7 * s)
        ref = float(np.percentile(g[::8, ::8], 95))       # copier auto-exposure on the paper white
        g = np.clip(g / max(ref, 0.3), 0, 1)
        t = r.uniform(0.56, 0.66)
        g = 1.0 / (1.0 + np.exp(-(g - t) / 0.07))
        if k == 0:
            g = minfilter(g, 3)   # thickened strokes
        # broken strokes: blotchy toner dropout
        drop = gblur(rng.random((H, W)).astype(np.float32), 1.3 * s)
        drop = (drop - drop.mean()) / (drop.std() + 1e-6)
        g = np.maximum(g, np.clip((drop - 1.45) * 1.2, 0, 0.9))
        g = g * lowfreq(rng, H, W, pg.R * 1.5, 0.93, 1.0)
    bg = lowfreq(rng, H, W, pg.R * 1.2, r.uniform(0.76, 0.84), r.uniform(0.90, 0.96))
    g = g * bg
    spk = (rng.random((H, W)) < 0.00012 * gens * s).astype(np.float32)
    spk = 1 - minfilter(1 - spk, 3) if s > 1.2 else spk
    g = g * (1 - 0.75 * np.clip(gblur(spk, 0.6 * s) * 3, 0, 1))
    img[...] = g[..., None]
    rec["deg"].append("photocopy_generation_%d" % gens)
    if gens >= 2:
        rec["deg"].append("thickened_and_broken_strokes")


def op_fax(img, pg, rng, r, arg, rec):
    mode = (arg or "fine").split(",")
    fine = "std" not in mode
    thermal = "thermal" in mode
    g = gray(img)
    H, W = g.shape
    vres = 196 if fine else 98
    sw, sh = int(W * 204 / pg.R), int(H * vres / pg.R)
    small = np.asarray(Image.fromarray(to_u8(g)).resize((sw, sh), Image.BOX), np.float32) / 255.0
    b = (small > r.uniform(0.52, 0.6)).astype(np.float32)
    # line noise: a few corrupted scan lines
    for i in range(r.randint(2, 6)):
        row = r.randrange(sh)
        if r.random() < 0.5:
            b[row] = b[max(0, row - 1)]
        else:
            b[row] = np.where(rng.random(sw) < 0.08, 0.0, 1.0)
    up = np.asarray(Image.fromarray(to_u8(b)).resize((W, H), Image.NEAREST), np.float32) / 255.0
    ink = 1.0 - up
    if thermal:
        dens = lowfreq(rng, H, W, pg.R * 2.5, r.uniform(0.28, 0.4), r.uniform(0.6, 0.75))
        grad = np.linspace(1.0, r.uniform(0.55, 0.8), W, dtype=np.float32)[None, :]
        ink = ink * dens * grad
        for i in range(r.randint(1, 3)):  # dead print-head elements
            x = r.randrange(pg.px(20), W - pg.px(20))
            ink[:, x:x + max(1, int(pg.R / 204))] *= 0.1
        paper = np.array(PAPER["thermal"], np.float32) * lowfreq(rng, H, W, pg.R * 1.5, 0.93, 1.0)[..., None]
        img[...] = paper * (1 - ink[..., None] * (1 - np.array((0.25, 0.22, 0.2), np.float32)))
        rec["deg"].append("faded_thermal_fax_paper")
    else:
        img[...] = (1 - ink)[..., None] * 0.97 + 0.0
    rec["deg"].append("fax_%s_resolution_204x%d" % ("fine" if fine else "standard", vres))


def op_lowcontrast(img, pg, rng, r, arg, rec):
    amt = float(arg or 0.45)
    img[...] = 1 - (1 - img) * amt
    rec["deg"].append("faded_low_contrast")


OPS = {"stamp": op_stamp, "hand": op_hand, "sig": op_sig, "highlight": op_highlight, "coffee": op_coffee,
       "fold": op_fold, "staple": op_staple, "holes": op_holes, "binder": op_binder, "edge": op_edge,
       "sticky": op_sticky, "showthrough": op_showthrough, "photocopy": op_photocopy, "fax": op_fax,
       "lowcontrast": op_lowcontrast}


# ----------------------------------------------------------------------------- scanning and encoding

DEG_NAMES = {"skew": "skew_%sdeg", "blur": "blur", "noise": "gaussian_noise", "speckle": "salt_and_pepper_noise"}


def scan_page(doc, pg, ps, idx):
    spec = doc.spec
    rng = NP_(doc.name, idx, "fx")
    r = R_(doc.name, idx, "fx")
    rec = {"deg": [], "overlay": []}
    if pg.paper not in ("white", "bright"):
        rec["deg"].append("coloured_paper_%s" % pg.paper)
    if getattr(pg, "greenbar", False):
        rec["deg"].append("continuous_greenbar_paper_with_tractor_holes")
    mi = ps.get("main_ink", "black")
    if mi.startswith("carbon"):
        rec["deg"].append("carbon_copy_%s" % mi.split("_")[1])
    fi = ps.get("fill_ink", "")
    if fi.startswith("carbon"):
        rec["deg"].append("ncr_copy_%s_entries" % fi.split("_")[1])
    for d in spec.get("style_deg", []):
        rec["deg"].append(d)
    img = compose(pg, ps, rng)
    post = []
    for op in ps.get("ops", []):
        name, _, arg = op.partition(":")
        if name in OPS:
            OPS[name](img, pg, rng, r, arg, rec)
        elif name == "skew":
            a = float(arg)
            lid = (250, 250, 250) if ps.get("lid", "white") == "white" else (30, 30, 30)
            im = Image.fromarray(to_u8(img)).rotate(a, resample=Image.BICUBIC, expand=True, fillcolor=lid)
            img = np.asarray(im, np.float32) / 255.0
            rec["deg"].append("skew_%.1fdeg" % a)
        elif name == "blur":
            img = gblur3(img, float(arg) * pg.R / 300.0)
            rec["deg"].append("blur")
        elif name in ("noise", "speckle", "rot"):
            post.append((name, arg))
        else:
            raise ValueError(op)
    im = Image.fromarray(to_u8(img))
    dpi = spec["dpi"]
    if dpi != pg.R:
        im = im.resize((round(im.size[0] * dpi / pg.R), round(im.size[1] * dpi / pg.R)),
                       Image.BILINEAR if spec.get("cheap_resample") else Image.LANCZOS)
    mode = ps.get("mode", spec["mode"])
    if mode in ("gray", "bw", "dither"):
        im = im.convert("L")
    rot = 0
    for name, arg in post:
        if name == "noise":
            a = np.asarray(im, np.float32) / 255.0
            a = a + rng.normal(0, float(arg), a.shape).astype(np.float32)
            im = Image.fromarray(to_u8(a))
            rec["deg"].append("gaussian_noise")
        elif name == "speckle":
            a = np.asarray(im).copy()
            m = rng.random(a.shape[:2]) < float(arg)
            a[m] = 0
            im = Image.fromarray(a)
            rec["deg"].append("salt_and_pepper_noise")
        elif name == "rot":
            rot = int(arg)
    if mode == "bw":
        thr = int(255 * spec.get("bw_thr", 0.6))
        im = im.point(lambda v: 255 if v > thr else 0).convert("1", dither=Image.NONE)
        rec["deg"].append("bilevel_threshold")
    elif mode == "dither":
        im = im.convert("1")
        rec["deg"].append("bilevel_dithered")
    if rot:
        im = im.transpose({90: Image.ROTATE_270, 180: Image.ROTATE_180, 270: Image.ROTATE_90}[rot])
        rec["deg"].append("rotated_%d_clockwise" % rot)
    if dpi <= 150:
        rec["deg"].append("low_resolution_%ddpi" % dpi)
    q = spec.get("q")
    if spec["fmt"] == "jpeg" or (spec["fmt"] == "pdf" and mode != "bw" and mode != "dither"):
        if q is not None and q <= 50:
            rec["deg"].append("heavy_jpeg_compression_q%d" % q)
    return im, rec, rot


def encode(doc, ims, outdir):
    spec = doc.spec
    fmt, dpi = spec["fmt"], spec["dpi"]
    ext = {"png": "png", "jpeg": "jpg", "tiff-g4": "tif", "tiff-lzw": "tif", "pdf": "pdf"}[fmt]
    path = os.path.join(outdir, "%s.%s" % (doc.name, ext))
    if fmt in ("png", "jpeg"):
        assert len(ims) == 1, doc.name
    if fmt == "png":
        ims[0].save(path, dpi=(dpi, dpi))
    elif fmt == "jpeg":
        ims[0].save(path, quality=spec.get("q", 80), dpi=(dpi, dpi), subsampling=2 if ims[0].mode == "RGB" else 0)
    elif fmt == "tiff-g4":
        ims = [im if im.mode == "1" else im.convert("1") for im in ims]
        ims[0].save(path, save_all=True, append_images=ims[1:], compression="group4", dpi=(dpi, dpi))
        tiff_zero_pads(path)
    elif fmt == "tiff-lzw":
        ims[0].save(path, save_all=True, append_images=ims[1:], compression="tiff_lzw", dpi=(dpi, dpi))
        tiff_zero_pads(path)
    elif fmt == "pdf":
        blobs = []
        for im in ims:
            b = io.BytesIO()
            if im.mode == "1":
                im.save(b, format="PNG", dpi=(dpi, dpi))
            else:
                im.save(b, format="JPEG", quality=spec.get("q", 80), dpi=(dpi, dpi))
            blobs.append(b.getvalue())
        data = img2pdf.convert(blobs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)), nodate=True,
                               engine=img2pdf.Engine.internal)
        with open(path, "wb") as fh:
            fh.write(data)
    return os.path.basename(path)


def tiff_zero_pads(path):
    """libtiff leaves the word-alignment byte between image data and the next IFD uninitialised; zero it so
    that reruns are byte-identical."""
    import struct
    from PIL import ImageSequence
    with Image.open(path) as im:
        ranges = []
        for fr in ImageSequence.Iterator(im):
            for o, c in zip(fr.tag_v2[273], fr.tag_v2[279]):
                ranges.append((o, o + c))
    data = bytearray(open(path, "rb").read())
    assert data[:4] == b"II*\x00"
    off = struct.unpack("<I", data[4:8])[0]
    while off:
        p = off - 1
        if p >= 8 and not any(a <= p < b for a, b in ranges):
            data[p] = 0
        n = struct.unpack("<H", data[off:off + 2])[0]
        off = struct.unpack("<I", data[off + 2 + 12 * n:off + 6 + 12 * n])[0]
    with open(path, "wb") as fh:
        fh.write(bytes(data))


def add_fax_header(doc, ctx, spec):
    r = R_(doc.name, "faxhdr")
    src = spec["fax_header"]
    name, tel = (ctx.pr.name.upper(), ctx.pr.fax) if src == "practice" else (ctx.tr.hospital.upper(), ctx.tr.tel)
    ctx.d("fax_sender_number", tel)
    stamp = ctx.day(r.randint(0, 1))
    tm = "%02d:%02d" % (r.randint(8, 17), r.randint(0, 59))
    n = len(doc.pages)
    for i, pg in enumerate(doc.pages, 1):
        s = "%s %s  FROM: %s  %s  P.%03d/%03d" % (fmt_date(stamp, "slash"), tm, name, tel, i, n)
        ctx.d("fax_timestamp", fmt_date(stamp, "slash"))
        k = len(pg.gt)
        pg.text(12, 8.5, s, "courier", 8, "b")
        pg.gt.insert(0, pg.gt.pop())
        pg.boxes.insert(0, pg.boxes.pop())


def check_layout(pg):
    """Generator-side consistency check: no two ground-truth lines collide on the page."""
    bs = pg.boxes
    for i in range(len(bs)):
        a = bs[i]
        for j in range(i + 1, len(bs)):
            b = bs[j]
            ix = min(a[2], b[2]) - max(a[0], b[0])
            iy = min(a[3], b[3]) - max(a[1], b[1])
            if ix > 0 and iy > 0:
                inter = ix * iy
                small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
                if inter > 0.22 * small:
                    raise ValueError("%s: GT lines collide: %r / %r" % (pg.doc.name, pg.gt[i], pg.gt[j]))
    for ln in pg.gt:
        if not ln:
            raise ValueError("%s: empty GT line" % pg.doc.name)
        if any(ord(c) > 126 or ord(c) < 32 for c in ln):
            raise ValueError("%s: non-ASCII GT %r" % (pg.doc.name, ln))


# ----------------------------------------------------------------------------- continuation-sheet entries

def cont_entries(kind):
    def make(ctx):
        r, p, tr = ctx.r, ctx.p, ctx.tr
        d0 = ctx.day(-r.randint(1, 5))
        dd = lambda k: fmt_date(d0 + dt.timedelta(days=k), "slash2")
        cons = tr.cons.split()[-1]
        e = [("%s 09:40" % dd(0), "WR Dr %s. Day 2 of admission with %s. Feels a little better today. Eating and "
                                  "drinking. BO x2, no blood." % (cons, lc(ctx.sc["title"]))),
             ("", "Obs stable, afebrile. Abdo soft, mild tenderness LIF. Hb %s this am." % ctx.sv["vals"]["hb"]),
             ("", "Plan: continue IV fluids, repeat bloods tomorrow, for OGD on Thursday list. NBM from midnight."),
             ("%s 16:15" % dd(0), "Discussed with family. Aware of plan. Consent form given for endoscopy."),
             ("%s 10:05" % dd(1), "WR Dr %s. Comfortable overnight. Tolerating diet. Bloods improving, CRP down "
                                  "to 22. Mobilising independently." % cons),
             ("", "Plan: OGD tomorrow as planned. Stop enoxaparin 24 hours before. Review results with team."),
             ("%s 14:30" % dd(2), "OGD done - see report. Small hiatus hernia, no active bleeding. Biopsies taken. "
                                  "Can eat and drink after 1 hour."),
             ("", "Likely home tomorrow if well. TTOs to pharmacy. Clinic follow up in 6 weeks."),
             ("%s 11:20" % dd(3), "Seen by dietitian. Advice given re iron rich diet. Leaflet provided."),
             ("%s 15:00" % dd(3), "Medically fit for discharge. Discharge letter done. GP to check FBC in 2 weeks.")]
        if kind == "short":
            return e[:6]
        if kind == "outpatient":
            return [("%s" % dd(0), "Telephone clinic. Pt reports %s. No new red flag symptoms." % lc(ctx.sc["title"])),
                    ("", "Bloods reviewed: Hb %s, ferritin %s. Continue current plan." % (
                        ctx.sv["vals"]["hb"], ctx.sv["vals"]["ferr"])),
                    ("", "Request colonoscopy, routine. Letter to GP. Review 3 months."),
                    ("%s" % dd(14), "Pt called secretary - symptoms worse, some bleeding. Brought forward to urgent list."),
                    ("%s" % dd(21), "Colonoscopy: two small polyps removed, sent for histology. Mild diverticulosis."),
                    ("", "Plan: await histology. Surveillance per guidelines. Letter to pt and GP.")]
        return e
    return make


# ----------------------------------------------------------------------------- the set

def P(ops=(), diff="clean", **kw):
    d = dict(ops=list(ops), diff=diff)
    d.update(kw)
    return d


BUILDERS = {"letter": b_letter, "ers": b_ers, "2ww": b_2ww, "gpsys": b_gpsys, "memo": b_memo, "np": b_np_note,
            "clinic": b_clinic, "discharge": b_discharge, "lab": b_lab, "appt": b_appt, "cont": b_contsheet}

SPECS = [
    # ---------------- GP referral letters to gastroenterology (30)
    dict(n=1, type="referral_letter", kind="dictated_letter_letterhead_logo", b="letter",
         o=dict(ts=TS("arial", 11), head="logo_left", logo="tree"), scenario="ida", nhs_style="spaced",
         dob_style="slash", fmt="png", mode="rgb", dpi=300, pages=[P(["sig"], "clean")]),
    dict(n=2, type="referral_letter", kind="ers_print_label_value_tables", b="ers",
         o=dict(ts=TS("arial", 10), long=True, pages=2, cont_nhs_style="plain"), scenario="lft",
         nhs_style="spaced", dob_style="dashmon", fmt="pdf", mode="gray", q=85, dpi=300,
         pages=[P([], "clean"), P(["skew:0.8"], "clean")]),
    dict(n=3, type="referral_letter", kind="two_week_wait_proforma_tickboxes", b="2ww",
         o=dict(ts=TS("helv", 10), pages=2, mark="cross"), scenario="cibh", nhs_style="plain", dob_style="slash",
         fmt="tiff-g4", mode="bw", bw_thr=0.6, dpi=200, fax_header="practice",
         pages=[P(["fax:fine"], "moderate"), P(["fax:fine", "skew:1.2"], "hard")]),
    dict(n=4, type="referral_letter", kind="gp_system_printout_tables", b="gpsys",
         o=dict(ts=TS("arial", 9.5), pages=2, cont_nhs_style="plain"), scenario="ibd", nhs_style="spaced",
         dob_style="slash", fmt="tiff-lzw", mode="gray", dpi=300,
         pages=[P(["photocopy:1", "edge:l", "holes:left"], "moderate"), P(["photocopy:1", "skew:-1.1"], "moderate")]),
    dict(n=5, type="referral_letter", kind="short_typed_memo_a5_typewriter", b="memo",
         o=dict(ts=TS("courierprime", 11, style="type"), title="MEMO"), scenario="prb", nhs_style="plain",
         dob_style="dots2", fmt="jpeg", mode="gray", q=22, dpi=150, style_deg=["typewriter_font"],
         pages=[P(["blur:1.6"], "hard")]),
    dict(n=6, type="referral_letter", kind="nurse_practitioner_note", b="np",
         o=dict(ts=TS("calibri", 10.5), paper="green"), scenario="ibs", nhs_style="spaced", dob_style="short",
         fmt="jpeg", mode="rgb", q=70, dpi=200, pages=[P(["hand:2", "sig"], "moderate")]),
    dict(n=7, type="referral_letter", kind="fax_cover_then_letter_identifiers_page2_only", b="letter",
         o=dict(ts=TS("times", 11), head="centered", ids="faxcover", pages=2), scenario="dyspep",
         nhs_style="dashed", dob_style="long", fmt="pdf", mode="gray", q=80, dpi=200, ids_not_on_page1=True,
         pages=[P(["rot:180", "staple"], "moderate"), P(["skew:1.4", "sig"], "clean")]),
    dict(n=8, type="referral_letter", kind="dictated_letter_typewriter_1990s", b="letter",
         o=dict(ts=TS("gnutype", 11, head="courier", style="type"), head="centered", refs_right=False,
                re_style="bold_lines"), scenario="dys", nhs_style="spaced", dob_style="dots2", years=(1997, 1999),
         print_nhs=False, fmt="tiff-g4", mode="bw", bw_thr=0.55, dpi=300, style_deg=["typewriter_font"],
         pages=[P(["photocopy:3", "edge:lt"], "hard")]),
    dict(n=9, type="referral_letter", kind="ers_print_label_value_tables", b="ers",
         o=dict(ts=TS("noto", 9.5), pages=1), scenario="coeliac", nhs_style="plain", dob_style="dashmon",
         fmt="png", mode="gray", dpi=200, pages=[P(["holes:left", "rot:90"], "moderate")]),
    dict(n=10, type="referral_letter", kind="two_week_wait_proforma_ncr_copy", b="2ww",
         o=dict(ts=TS("arial", 10), pages=2, vlayer="fill", vfam="courier", mark="cross", paper="pink"),
         scenario="dys", nhs_style="spaced", dob_style="slash", fmt="pdf", mode="rgb", q=75, dpi=300,
         pages=[P(["skew:-0.7"], "hard", fill_ink="carbon_blue"), P(["hand:1"], "hard", fill_ink="carbon_blue")]),
    dict(n=11, type="referral_letter", kind="gp_system_printout_dot_matrix_greenbar", b="gpsys",
         o=dict(ts=TS("dejavumono", 10, style="dot"), pages=2, greenbar=True, cont_dob_style="slash"),
         scenario="cibh", nhs_style="plain", dob_style="slash", fmt="tiff-lzw", mode="rgb", dpi=200, ribbon=0.78,
         style_deg=["dot_matrix_font"], pages=[P([], "moderate"), P(["fold:h"], "moderate")]),
    dict(n=12, type="referral_letter", kind="dictated_letter_two_column_sidebar", b="letter",
         o=dict(ts=TS("cambria", 10.5, head="calibri"), sidebar=True, logo="leaf", colour=(0, 120, 80), justify=True),
         scenario="ibd", nhs_style="spaced", dob_style="ordinal", fmt="png", mode="gray", dpi=400,
         pages=[P(["coffee", "sig"], "moderate")]),
    dict(n=13, type="referral_letter", kind="dictated_letter_identifiers_page2_only", b="letter",
         o=dict(ts=TS("calibri", 11), head="right", logo="shield", ids="page2_table", long=True, pages=2,
                colour=(120, 30, 90)), scenario="coeliac", nhs_style="spaced", dob_style="slash",
         fmt="tiff-g4", mode="bw", bw_thr=0.6, dpi=400, ids_not_on_page1=True,
         pages=[P(["fold:h", "skew:0.5"], "clean"), P(["fold:h"], "clean")]),
    dict(n=14, type="referral_letter", kind="short_typed_memo_a5", b="memo",
         o=dict(ts=TS("arial", 10.5), paper="pink"), scenario="ida", nhs_style="dashed", dob_style="short",
         fmt="jpeg", mode="rgb", q=80, dpi=300, pages=[P(["sticky"], "clean")]),
    dict(n=15, type="referral_letter", kind="nurse_practitioner_note_carbon_copy", b="np",
         o=dict(ts=TS("courier", 10.5, head="courier"), paper="buff"), scenario="jaundice", nhs_style="plain",
         dob_style="slash", fmt="png", mode="rgb", dpi=200,
         pages=[P(["skew:1.8"], "hard", main_ink="carbon_purple", carbon_strength=(0.3, 0.95))]),
    dict(n=16, type="referral_letter", kind="ers_print_small_print", b="ers",
         o=dict(ts=TS("arialn", 8), tpt=8, long=True, pages=2), scenario="barrett", nhs_style="spaced",
         dob_style="dashmon", fmt="tiff-lzw", mode="gray", dpi=150, cheap_resample=True, style_deg=["small_print_8pt"],
         pages=[P(["blur:0.8", "noise:0.05"], "hard"), P(["noise:0.05"], "hard")]),
    dict(n=17, type="referral_letter", kind="dictated_letter_stamp_signature_annotations", b="letter",
         o=dict(ts=TS("helv", 10.5), head="logo_left", logo="waves", long=True, extra_para=True, pages=2,
                cont_nhs_style="plain", colour=(0, 90, 160)), scenario="ida", nhs_style="spaced", dob_style="slash",
         fmt="pdf", mode="gray", q=80, dpi=300,
         pages=[P(["stamp:tr", "hand:1"], "moderate"), P(["sig", "hand:1"], "moderate")]),
    dict(n=18, type="referral_letter", kind="two_week_wait_proforma_tickboxes", b="2ww",
         o=dict(ts=TS("calibri", 10.5), pages=1, mark="tick"), scenario="prb", nhs_style="spaced",
         dob_style="slash", fmt="png", mode="rgb", dpi=300, pages=[P(["sig"], "clean")]),
    dict(n=19, type="referral_letter", kind="gp_system_printout_tables", b="gpsys",
         o=dict(ts=TS("dejavuc", 8.5), pages=1, n_consult=1, extra_results=0), scenario="dyspep",
         nhs_style="spaced", dob_style="slash", fmt="jpeg", mode="gray", q=60, dpi=200,
         pages=[P(["photocopy:2", "edge:lb", "holes:left"], "hard")]),
    dict(n=20, type="referral_letter", kind="dictated_letter_letterhead_logo", b="letter",
         o=dict(ts=TS("calibri", 11), head="right", logo="cross", colour=(0, 94, 184)), scenario="lft",
         nhs_style="plain", dob_style="long", fmt="jpeg", mode="rgb", q=85, dpi=300,
         pages=[P(["fold:2", "sig", "rot:270"], "moderate")]),
    dict(n=21, type="referral_letter", kind="dictated_letter_thermal_fax", b="letter",
         o=dict(ts=TS("arial", 10.5), head="centered", long=True, pages=2), scenario="jaundice", nhs_style="spaced",
         dob_style="slash", fmt="pdf", mode="gray", q=70, dpi=200, fax_header="practice",
         pages=[P(["fax:std,thermal"], "hard"), P(["fax:std,thermal", "skew:0.9"], "hard")]),
    dict(n=22, type="referral_letter", kind="dictated_letter_single_line_identifiers", b="letter",
         o=dict(ts=TS("times", 11), head="centered", re_style="single", justify=True), scenario="ibs",
         nhs_style="plain", dob_style="ordinal", fmt="png", mode="gray", dpi=150,
         pages=[P(["blur:1.2", "sig"], "moderate")]),
    dict(n=23, type="referral_letter", kind="ers_print_label_value_tables", b="ers",
         o=dict(ts=TS("freesans", 10), long=True, pages=2, cont_nhs_style="plain"), scenario="ibd",
         nhs_style="spaced", dob_style="dashmon", fmt="pdf", mode="rgb", q=85, dpi=400,
         pages=[P(["binder", "highlight:nhs"], "clean"), P(["binder"], "clean")]),
    dict(n=24, type="referral_letter", kind="short_typed_memo_typewriter_coloured_paper", b="memo",
         o=dict(ts=TS("gnutype", 11.5, head="courier", style="type"), paper="yellow", size=(210, 297),
                title="INTERNAL MEMO"), scenario="dys", nhs_style="spaced", dob_style="slash2",
         fmt="jpeg", mode="gray", q=75, dpi=300, style_deg=["typewriter_font"], pages=[P(["skew:-2.2"], "moderate")]),
    dict(n=25, type="referral_letter", kind="nurse_practitioner_note_two_column", b="np",
         o=dict(ts=TS("noto", 10), two_column=True), scenario="coeliac", nhs_style="dashed", dob_style="slash",
         fmt="tiff-lzw", mode="gray", dpi=400, pages=[P(["highlight:nhs", "hand:2", "sig"], "moderate")]),
    dict(n=26, type="referral_letter", kind="gp_system_printout_small_print", b="gpsys",
         o=dict(ts=TS("arial", 8), pages=2, cont_nhs_style="dashed", meds_n=12, pmh_n=10), scenario="lft", nhs_style="spaced",
         dob_style="slash", fmt="pdf", mode="gray", q=60, dpi=200, style_deg=["small_print_8pt"],
         pages=[P(["noise:0.04"], "moderate"), P(["noise:0.04", "rot:180"], "moderate")]),
    dict(n=27, type="referral_letter", kind="dictated_letter_identifiers_page2_only", b="letter",
         o=dict(ts=TS("palatino", 10.5, head="palatino"), head="logo_left", logo="lozenge", ids="page2_table",
                long=True, pages=2, colour=(0, 94, 184)), scenario="barrett", nhs_style="plain", dob_style="short",
         fmt="tiff-lzw", mode="rgb", dpi=300, ids_not_on_page1=True,
         pages=[P(["sticky"], "clean"), P(["coffee", "sig"], "moderate")]),
    dict(n=28, type="referral_letter", kind="two_week_wait_proforma_ncr_copy", b="2ww",
         o=dict(ts=TS("helv", 10), pages=1, vlayer="fill", vfam="courier", mark="tick", paper="yellow"),
         scenario="prb", nhs_style="dashed", dob_style="slash", fmt="png", mode="rgb", dpi=300,
         pages=[P(["showthrough", "skew:1.1"], "hard", fill_ink="carbon_blue", carbon_strength=(0.25, 0.85))]),
    dict(n=29, type="referral_letter", kind="dictated_letter_letterhead_logo", b="letter",
         o=dict(ts=TS("century", 10.5, head="helv"), head="logo_left", logo="shield"), scenario="cibh",
         nhs_style="spaced", dob_style="slash", fmt="tiff-g4", mode="bw", bw_thr=0.5, dpi=150,
         pages=[P(["sig", "photocopy:3", "edge:r"], "hard")]),
    dict(n=30, type="referral_letter", kind="ers_print_label_value_tables", b="ers",
         o=dict(ts=TS("arial", 10), pages=1), scenario="ibs", nhs_style="spaced", dob_style="dashmon",
         fmt="jpeg", mode="rgb", q=88, dpi=400, pages=[P([], "clean")]),
    # ---------------- clinic letters
    dict(n=31, type="clinic_letter", kind="clinic_letter_trust_letterhead", b="clinic",
         o=dict(ts=TS("arial", 10.5), long=True, pages=2), scenario="ibd", nhs_style="spaced", dob_style="slash",
         fmt="pdf", mode="rgb", q=85, dpi=300, pages=[P(["stamp:mid"], "clean"), P([], "clean")]),
    dict(n=32, type="clinic_letter", kind="clinic_letter_two_column_header", b="clinic",
         o=dict(ts=TS("calibri", 10.5), two_column_head=True), scenario="dyspep", nhs_style="plain",
         dob_style="short", fmt="tiff-g4", mode="bw", bw_thr=0.6, dpi=300,
         pages=[P(["fold:h", "skew:1.3"], "moderate")]),
    dict(n=33, type="clinic_letter", kind="clinic_letter_typewriter_1990s", b="clinic",
         o=dict(ts=TS("courier", 10.5, head="courier", style="type"), mono_head=True), scenario="ida",
         nhs_style="spaced", dob_style="dots2", years=(1993, 1995), print_nhs=False, fmt="jpeg", mode="gray", q=50,
         dpi=200, style_deg=["typewriter_font"], pages=[P(["photocopy:2", "edge:t"], "hard")]),
    # ---------------- discharge summaries
    dict(n=34, type="discharge_summary", kind="discharge_summary_tables", b="discharge",
         o=dict(ts=TS("arial", 10), pages=3, n_meds=6, cont_nhs_style="dashed", progress_days=10, results_table=True), scenario="ibd", nhs_style="spaced",
         dob_style="slash", fmt="tiff-lzw", mode="gray", dpi=200,
         pages=[P(["staple"], "clean"), P(["skew:-0.6"], "clean"), P(["hand:1"], "moderate")]),
    dict(n=35, type="discharge_summary", kind="discharge_summary_dot_matrix", b="discharge",
         o=dict(ts=TS("dejavumono", 10, style="dot"), pages=2, n_meds=5, progress_days=2), scenario="jaundice", nhs_style="plain",
         dob_style="slash", fmt="pdf", mode="gray", q=55, dpi=150, ribbon=0.7, style_deg=["dot_matrix_font"],
         pages=[P([], "hard"), P(["rot:90"], "hard")]),
    dict(n=36, type="discharge_summary", kind="discharge_summary_received_by_fax", b="discharge",
         o=dict(ts=TS("helv", 10), pages=2, mono_head=True, progress_days=3, results_table=True), scenario="dys", nhs_style="spaced", dob_style="short",
         fmt="tiff-g4", mode="bw", bw_thr=0.6, dpi=200, fax_header="trust",
         pages=[P(["fax:fine"], "moderate"), P(["fax:fine", "skew:0.7"], "moderate")]),
    # ---------------- lab result sheets
    dict(n=37, type="lab_result", kind="blood_sciences_report_small_print", b="lab",
         o=dict(ts=TS("arialn", 8)), scenario="ida", nhs_style="spaced", print_dob=False, fmt="png", mode="gray",
         dpi=300, style_deg=["small_print_8pt"], pages=[P(["hand:1"], "moderate")]),
    dict(n=38, type="lab_result", kind="blood_sciences_report_thermal_fax", b="lab",
         o=dict(ts=TS("courier", 9.5), groups=3), scenario="lft", nhs_style="plain", dob_style="slash", fmt="jpeg",
         mode="gray", q=60, dpi=200, fax_header="trust", pages=[P(["fax:std,thermal", "rot:90"], "hard")]),
    dict(n=39, type="lab_result", kind="histopathology_report", b="lab",
         o=dict(ts=TS("notoserif", 10), histology=True, pages=2), scenario="coeliac", nhs_style="spaced",
         dob_style="slash", fmt="pdf", mode="rgb", q=85, dpi=400, pages=[P([], "clean"), P(["skew:0.4"], "clean")]),
    # ---------------- appointment letters
    dict(n=40, type="appointment_letter", kind="appointment_letter_trust", b="appt",
         o=dict(ts=TS("arial", 10.5), logo="cross"), scenario="dys", nhs_style="spaced", dob_style="slash",
         fmt="jpeg", mode="rgb", q=30, dpi=150, pages=[P([], "hard")]),
    dict(n=41, type="appointment_letter", kind="appointment_letter_trust", b="appt",
         o=dict(ts=TS("calibri", 11), logo="tree", colour=(0, 110, 70), n_paras=2), scenario="ibs",
         nhs_style="dashed", print_dob=False, fmt="png", mode="gray", dpi=200,
         pages=[P(["holes:left", "skew:2.5"], "moderate")]),
    dict(n=42, type="appointment_letter", kind="appointment_card_a5_coloured", b="appt",
         o=dict(ts=TS("helv", 10), size=(148, 210), paper="yellow"), scenario="prb", nhs_style="spaced",
         dob_style="short", fmt="tiff-lzw", mode="rgb", dpi=300, pages=[P(["hand:1"], "clean")]),
    # ---------------- continuation sheets (handwriting-style body)
    dict(n=43, type="continuation_sheet", kind="continuation_sheet_handwritten_style", b="cont",
         o=dict(ts=TS("arial", 10, mono="libmono"), paper="yellow", hand="hand_dkg", hand_pt=13, ink="blue",
                entries=cont_entries("short")), scenario="ida", nhs_style="spaced", dob_style="slash", fmt="jpeg",
         mode="rgb", q=80, dpi=300, pages=[P([], "moderate")]),
    dict(n=44, type="continuation_sheet", kind="continuation_sheet_handwritten_style", b="cont",
         o=dict(ts=TS("helv", 10, mono="courier"), paper="pink", hand="hand_humor", hand_pt=12, ink="black",
                entries=cont_entries("full"), pages=2), scenario="prb", nhs_style="plain", dob_style="slash",
         fmt="pdf", mode="gray", q=70, dpi=200,
         pages=[P(["photocopy:1"], "hard"), P(["photocopy:1", "coffee"], "hard")]),
    dict(n=45, type="continuation_sheet", kind="continuation_sheet_handwritten_style", b="cont",
         o=dict(ts=TS("arial", 10, mono="libmono"), paper="green", hand="hand_breip", hand_pt=14, ink="blue",
                entries=cont_entries("outpatient"), pages=2, split=3), scenario="ibs", nhs_style="spaced", dob_style="slash",
         fmt="tiff-g4", mode="bw", bw_thr=0.62, dpi=300,
         pages=[P(["rot:270"], "hard"), P(["holes:left", "rot:270"], "hard")]),
]


# ----------------------------------------------------------------------------- main

def build_doc(spec):
    doc = Doc(spec)
    doc.ribbon = spec.get("ribbon", 0.9)
    ctx = Ctx(doc, spec)
    doc.ctx = ctx
    o = dict(spec["o"])
    o.setdefault("pages", len(spec["pages"]))
    if o.get("meds_n"):
        ctx.meds = ctx.r.sample(MEDS, o["meds_n"])
    if o.get("pmh_n"):
        ctx.pmh = ctx.r.sample(PMH, o["pmh_n"])
    BUILDERS[spec["b"]](doc, ctx, o)
    for pg in doc.pages:
        pg.gt += pg.gt_late
        pg.boxes += pg.boxes_late
        pg.gt_late, pg.boxes_late = [], []
    if spec.get("fax_header"):
        add_fax_header(doc, ctx, spec)
    if len(doc.pages) != len(spec["pages"]):
        raise ValueError("%s: built %d pages, spec has %d" % (doc.name, len(doc.pages), len(spec["pages"])))
    for pg in doc.pages:
        check_layout(pg)
    return doc, ctx


def first_in(gt_pages, forms):
    best = None
    for pi, lines in enumerate(gt_pages):
        text = "\n".join(lines)
        for f in forms:
            k = text.find(f)
            if k >= 0 and (best is None or (pi, k) < best[:2]):
                best = (pi, k, f)
    return best


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    manifest = []
    for spec in SPECS:
        doc, ctx = build_doc(spec)
        ims, recs, rots = [], [], []
        for i, (pg, ps) in enumerate(zip(doc.pages, spec["pages"])):
            im, rec, rot = scan_page(doc, pg, ps, i + 1)
            ims.append(im)
            recs.append(rec)
            rots.append(rot)
        fname = encode(doc, ims, outdir)
        gt_pages = [pg.gt for pg in doc.pages]
        with open(os.path.join(outdir, doc.name + ".gt.txt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n\f\n".join("\n".join(lines) for lines in gt_pages) + "\n")
        p = ctx.p
        assert valid_nhs(p.nhs), p.nhs
        all_text = "\n".join("\n".join(x) for x in gt_pages)
        nhs_forms = sorted(set(m.group(0) for m in re.finditer(r"999[ -]?\d{3}[ -]?\d{4}", all_text)
                               if re.sub(r"\D", "", m.group(0)) == p.nhs))
        nhs_printed = bool(nhs_forms)
        if ctx.print_nhs != nhs_printed:
            raise ValueError("%s: NHS number printed=%s but spec print_nhs=%s" % (doc.name, nhs_printed, ctx.print_nhs))
        if any(re.sub(r"\D", "", m.group(0)) != p.nhs for m in re.finditer(r"\b999[ -]?\d{3}[ -]?\d{4}\b", all_text)):
            raise ValueError("%s: a second 999 number is printed" % doc.name)
        nhs_first = first_in(gt_pages, nhs_forms) if nhs_printed else None
        dob_forms = sorted(set(f for f in ctx.dob_forms if f in all_text))
        if ctx.print_dob != bool(dob_forms):
            raise ValueError("%s: DOB printed mismatch" % doc.name)
        dob_first = first_in(gt_pages, dob_forms) if dob_forms else None
        id_pages = sorted(set(i + 1 for i, lines in enumerate(gt_pages)
                              if any(f in "\n".join(lines) for f in nhs_forms + dob_forms)))
        if spec.get("ids_not_on_page1") and 1 in id_pages:
            raise ValueError("%s: identifiers leaked onto page 1" % doc.name)
        fonts = sorted(set().union(*[pg.fonts for pg in doc.pages]))
        hand_lines = sum(pg.hand_lines for pg in doc.pages)
        if spec["b"] == "cont":
            fonts = sorted(set(fonts) | {FAMILIES[spec["o"]["hand"]][0] + " (handwriting-style body)"})
        overlay = [t for rec in recs for t in rec["overlay"]]
        distract = []
        seen = set()
        for d in ctx.distractors:
            key = (d["kind"], d["value"])
            if key not in seen and d["value"] in all_text:
                seen.add(key)
                distract.append(d)
        entry = {
            "file": fname,
            "ground_truth": doc.name + ".gt.txt",
            "document_type": spec["type"],
            "kind": spec["kind"],
            "pages": len(doc.pages),
            "nhs_number": p.nhs if nhs_printed else None,
            "date_of_birth": p.dob.isoformat() if dob_forms else None,
            "nhs_as_printed": nhs_first[2] if nhs_first else None,
            "dob_as_printed": dob_first[2] if dob_first else None,
            "nhs_printed_forms": nhs_forms,
            "dob_printed_forms": dob_forms,
            "identifier_pages": id_pages,
            "patient_name": p.formal(),
            "degradations": [rec["deg"] for rec in recs],
            "difficulty": [ps["diff"] for ps in spec["pages"]],
            "rotation_clockwise_deg": rots,
            "paper": [pg.paper for pg in doc.pages],
            "format": spec["fmt"],
            "colour_mode": [ps.get("mode", spec["mode"]) for ps in spec["pages"]],
            "jpeg_quality": spec.get("q") if spec["fmt"] in ("jpeg", "pdf") and spec["mode"] in ("rgb", "gray") else None,
            "dpi": spec["dpi"],
            "render_dpi": doc.R,
            "fonts": fonts,
            "overlay_text_not_in_gt": overlay,
            "gt_handwriting_style_lines": hand_lines,
            "distractors": distract,
        }
        manifest.append(entry)
        print("%s %-9s %d page(s) %s" % (fname, spec["fmt"], len(doc.pages), ",".join(entry["difficulty"])), flush=True)
    with open(os.path.join(outdir, "manifest.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for e in manifest:
            fh.write(json.dumps(e, ensure_ascii=True, sort_keys=False) + "\n")
    write_readme(outdir, manifest)
    files = sorted(f for f in os.listdir(outdir) if os.path.isfile(os.path.join(outdir, f)) and f != "SHA256SUMS")
    with open(os.path.join(outdir, "SHA256SUMS"), "w", newline="\n") as fh:
        for f in files:
            with open(os.path.join(outdir, f), "rb") as g:
                fh.write("%s  %s\n" % (hashlib.sha256(g.read()).hexdigest(), f))


def counts(manifest, key, per_page=False):
    c = {}
    for e in manifest:
        vals = e[key]
        if per_page:
            for v in vals:
                for x in (v if isinstance(v, list) else [v]):
                    c[x] = c.get(x, 0) + 1
        else:
            c[vals] = c.get(vals, 0) + 1
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))))


def deg_counts(manifest):
    c = {}
    for e in manifest:
        for page in e["degradations"]:
            for d in page:
                d = re.sub(r"^skew_.*", "small_skew (0.4 to 2.5 deg)", d)
                d = re.sub(r"^heavy_jpeg_compression_q\d+", "heavy_jpeg_compression (q <= 50)", d)
                c[d] = c.get(d, 0) + 1
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


def write_readme(outdir, manifest):
    npages = sum(e["pages"] for e in manifest)
    def table(title, c, unit):
        out = ["| %s | %s |" % (title, unit), "| --- | ---: |"]
        out += ["| %s | %d |" % (k, v) for k, v in c.items()]
        return "\n".join(out)
    fmt_pages = {}
    dpi_pages = {}
    type_pages = {}
    for e in manifest:
        fmt_pages[e["format"]] = fmt_pages.get(e["format"], 0) + e["pages"]
        dpi_pages[e["dpi"]] = dpi_pages.get(e["dpi"], 0) + e["pages"]
        type_pages[e["document_type"]] = type_pages.get(e["document_type"], 0) + e["pages"]
    diff = counts(manifest, "difficulty", True)
    txt = """# ocr5 - sealed OCR evaluation set: scanned NHS paper documents (fictional)

{nfiles} files, {npages} pages. Generated by `make_set.py` (deterministic; string-seeded randomness).
Everything is fictional: NHS numbers are in the 999 test range with valid modulus-11 check digits,
people, practices, hospitals and trusts are invented, postcodes use the non-existent "ZX" area and
telephone numbers are in the Ofcom drama ranges 01632 960xxx and 07700 900xxx.

## Files
- `docNN.<ext>` - the scan (`.tif` multi-page TIFF G4 or LZW, `.png`, `.jpg`, `.pdf` image-only).
- `docNN.gt.txt` - UTF-8 ground truth: the printed text in reading order, one printed line per text line,
  pages separated by a line holding a single form feed (`\\f`). Table rows are one line with cells joined by
  one space, left to right. Runs of spaces are collapsed to one. Tick-box graphics, logos, rules and other
  graphics are not text. Overlay marks (rubber stamps, handwritten annotations, sticky-note writing,
  signatures, highlighter) are NOT in the ground truth; their text is listed in `overlay_text_not_in_gt`.
  Pages scanned rotated or upside down still have their text in normal reading order.
- `manifest.jsonl` - one JSON object per scan (fields below).
- `make_set.py` - the generator; `SHA256SUMS` - checksums of every other file; this `README.md`.

## Reading-order conventions
Top to bottom. Where two blocks stand side by side as separate columns (two-column letter with a practice
sidebar, two-column nurse-practitioner note, two-column clinic-letter header) the left column is read
completely before the right column. Where label/value pairs or table cells share a printed line (including
the side-by-side label/value pairs of discharge-summary and lab-report headers) they form one GT line, left to
right. Fax transmission headers printed by the fax machine along the top edge are printed text and are the
first GT line of each page. On continuation sheets, the date/time written in the left margin and the first
line of its entry form one GT line.

## Handwriting-style text
Continuation sheets (doc43-doc45) carry their clinical entries in handwriting-style fonts; this is the body
of the document and IS in the ground truth (count per file in `gt_handwriting_style_lines`; fonts marked
"(handwriting-style body)"). Everything else handwritten (annotations, sticky notes, signatures) is overlay
and is NOT in the ground truth.

## Manifest fields
`file`, `ground_truth`, `document_type` (referral_letter | clinic_letter | discharge_summary | lab_result |
appointment_letter | continuation_sheet), `kind` (layout), `pages`, `nhs_number` (10 digits, or null when no
NHS number is printed), `date_of_birth` (YYYY-MM-DD, or null when not printed), `nhs_as_printed` and
`dob_as_printed` (first occurrence in reading order, exactly as in the GT), `nhs_printed_forms`,
`dob_printed_forms` (all distinct printed forms), `identifier_pages` (1-based pages carrying the NHS number
or DOB), `patient_name`, `degradations` (list per page), `difficulty` (per page: clean | moderate | hard),
`rotation_clockwise_deg` (per page: how far the page content is turned clockwise in the file; rotate it back
anticlockwise by this much to read it), `paper`, `format` (png | jpeg | tiff-g4 | tiff-lzw | pdf),
`colour_mode` (per page: rgb | gray | bw), `jpeg_quality`, `dpi`, `render_dpi`, `fonts`,
`overlay_text_not_in_gt`, `gt_handwriting_style_lines`, `distractors` (other numbers and dates printed on the
document: hospital numbers, UBRNs, lab numbers, phone numbers, letter/clinic/typed/received dates, ...).

## Tool chain
Debian 12 packages only: python3 (3.11), python3-pil (Pillow 9.4, FreeType, libtiff, libjpeg-turbo),
python3-numpy, python3-img2pdf (image-only PDF, internal engine, no dates), fonts-liberation(2),
fonts-dejavu-core/-extra, fonts-urw-base35, fonts-courier-prime, fonts-freefont-ttf, fonts-crosextra-carlito,
fonts-crosextra-caladea, fonts-noto-core, fonts-gnutypewriter, and handwriting-style fonts fonts-dkg-handwriting,
fonts-kristi, fonts-breip, fonts-humor-sans, fonts-dancingscript, fonts-comic-neue.
Pages are laid out in millimetres and rendered at 300 dpi (400 dpi for 400-dpi scans), composited as
paper x ink layers x colour print, then aged/overlaid, copied (photocopy or fax), scanned (skew, optics
blur, resampling to the target dpi, noise, colour/grey/bilevel conversion, rotation) and encoded.
Dot-matrix print is drawn dot by dot from a 9x12 grid; typewriter print jitters each character's baseline
and ink; NCR/carbon copies soften, blur and unevenly ink the transferred strokes in blue or purple.
No OCR engine was run on the set. The only check run on the output files was that each opens with the
expected page count (Pillow for TIFF/PNG/JPEG, Ghostscript for PDF); a second run of the generator was
compared against `SHA256SUMS` to confirm that reruns are byte-identical. Consistency is enforced inside the
generator instead (every NHS number passes modulus 11; the printed NHS number and DOB strings occur in the
ground truth; identifiers are absent from page 1 where the layout says so; no two ground-truth lines overlap;
no text lies outside the printable area; punch holes, staples and sticky notes never cover ground-truth text).

## Known limits
- Ground truth lists what was printed; on the hardest pages (third-generation photocopies, faded thermal
  faxes, 8 pt print at 150 dpi, NCR copies) some characters are barely legible or broken, by design.
- Stamps, signatures and handwritten annotations overlap printed text on purpose; the printed text under
  them is still in the ground truth.
- Rules, dotted rules, tick boxes and logos are graphics and carry no ground truth.

## Layouts (kind)
{kinds}

## Counts
{types}

{types_pages}

{fmts}

{fmt_pages}

{dpis}

{dpi_pages}

{diffs}

{degs}
""".format(nfiles=len(manifest), npages=npages,
           kinds=table("kind", counts(manifest, "kind"), "files"),
           types=table("document_type", counts(manifest, "document_type"), "files"),
           types_pages=table("document_type", dict(sorted(type_pages.items(), key=lambda kv: -kv[1])), "pages"),
           fmts=table("format", counts(manifest, "format"), "files"),
           fmt_pages=table("format", dict(sorted(fmt_pages.items(), key=lambda kv: -kv[1])), "pages"),
           dpis=table("dpi", counts(manifest, "dpi"), "files"),
           dpi_pages=table("dpi", dict(sorted(dpi_pages.items())), "pages"),
           diffs=table("difficulty", diff, "pages"),
           degs=table("degradation (skew angles and JPEG qualities grouped; exact values per page in the manifest)",
                      deg_counts(manifest), "pages"))
    with open(os.path.join(outdir, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(txt)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    only = os.environ.get("OCR5_ONLY")
    if only:  # development aid: build a subset into another folder
        keep = set(int(x) for x in only.split(","))
        SPECS[:] = [s for s in SPECS if s["n"] in keep]
    main(out)
