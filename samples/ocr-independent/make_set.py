#!/usr/bin/env python3
"""Independent OCR evaluation set: synthetic, degraded scans of typed UK NHS documents.

Written without reference to PaperLite's OCR/clean-up code or its own sample generator.
Tool chain: Python 3 + Pillow + numpy (+ img2pdf for the PDF files).

    python3 make_set.py            # (re)generate every file into this folder
    python3 make_set.py --table    # print the file table used in README.md

Everything is synthetic: invented patients, practices and clinicians; NHS numbers are in
the 999 test range with a valid modulus-11 check digit; telephone numbers are in Ofcom's
drama ranges.  The output is deterministic for a given Pillow/numpy/font installation.

Conventions (those of evaluation/src/ocr_eval.rs):
  * NAME.ext has its ground truth in NAME.gt.txt (UTF-8, pages separated by \\x0c);
  * manifest.json lists [{"file": ..., "degradations": [...]}, ...]; near-clean files have
    an empty list.
Ground truth is the typed text drawn on the page, one drawn line per line, in reading order
(two-column blocks: the whole left column, then the right one).  Runs of spaces inside a
drawn line are written as one space.  Graphics (rules, boxes, tick marks, logos) and the
artefacts added as degradations (stamps, pen scribbles, speckle, streaks) are not text of
the document and are not in the ground truth.
"""

import datetime as dt
import io
import json
import math
import os
import random
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
MASTER_SEED = 20250314

# --------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------

FONT_FILES = {
    "Liberation Serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "Liberation Sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "Liberation Mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "DejaVu Serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVu Sans Mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "FreeSerif": ("FreeSerif.ttf", "FreeSerifBold.ttf"),
    "FreeSans": ("FreeSans.ttf", "FreeSansBold.ttf"),
    "FreeMono": ("FreeMono.ttf", "FreeMonoBold.ttf"),
}
FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts")]
_font_path_cache = {}


def font_path(filename):
    if filename in _font_path_cache:
        return _font_path_cache[filename]
    for base in FONT_DIRS:
        for root, _dirs, files in os.walk(base):
            if filename in files:
                _font_path_cache[filename] = os.path.join(root, filename)
                return _font_path_cache[filename]
    sys.exit(f"font {filename} not found: apt-get install -y fonts-liberation fonts-dejavu "
             "fonts-freefont-ttf")


_font_cache = {}


def get_font(family, bold, px):
    px = max(6, int(round(px)))
    key = (family, bold, px)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(font_path(FONT_FILES[family][1 if bold else 0]), px)
    return _font_cache[key]


def mm(v, dpi):
    return int(round(v * dpi / 25.4))


# --------------------------------------------------------------------------------------
# Page layout: draws text with Pillow and records the ground truth line by line
# --------------------------------------------------------------------------------------

class LayoutError(Exception):
    pass


def norm_line(s):
    return " ".join(s.split())


class Doc:
    """A flowing document of A4 pages rendered at `dpi`.

    The cursor `y` is the top of the next line box.  Every drawn text line appends one
    line to the current page's ground truth.
    """

    def __init__(self, family, pt, dpi, margins=(25, 20, 16, 22), leading=1.22,
                 cont_header=None, footer=None):
        self.family, self.pt, self.dpi = family, pt, dpi
        self.W, self.H = mm(210, dpi), mm(297, dpi)
        self.ml, self.mr, self.mt, self.mb = (mm(m, dpi) for m in margins)
        self.leading = leading
        self.cont_header = cont_header
        self.footer = footer
        self.pages = []
        self.new_page()

    # geometry -------------------------------------------------------------------------
    @property
    def x0(self):
        return self.ml

    @property
    def x1(self):
        return self.W - self.mr

    @property
    def width(self):
        return self.x1 - self.x0

    def X(self, v):
        """mm from the left edge of the page -> px."""
        return mm(v, self.dpi)

    def px(self, pt):
        return pt * self.dpi / 72.0

    def font(self, bold=False, scale=1.0, family=None):
        return get_font(family or self.family, bold, self.px(self.pt * scale))

    @property
    def page(self):
        return self.pages[-1]

    def new_page(self):
        img = Image.new("L", (self.W, self.H), 255)
        self.pages.append({"img": img, "draw": ImageDraw.Draw(img), "gt": []})
        self.y = self.mt
        if len(self.pages) > 1 and self.cont_header:
            self.cont_header(self)

    def ensure(self, h):
        if getattr(self, "_nobreak", False):
            return False
        if self.y + h > self.H - self.mb:
            self.new_page()
            return True
        return False

    def space(self, lines=0.5, scale=1.0):
        self.y += int(self.px(self.pt * scale) * self.leading * lines)

    # runs ----------------------------------------------------------------------------
    def _runs(self, runs, scale, bold):
        """runs: str | [(text, bold?, scale?)] -> [(text, font)]"""
        if isinstance(runs, str):
            runs = [(runs, bold)]
        out = []
        for r in runs:
            text = r[0]
            b = r[1] if len(r) > 1 else bold
            s = r[2] if len(r) > 2 else scale
            fam = r[3] if len(r) > 3 else None
            out.append((text, self.font(b, s, fam)))
        return out

    @staticmethod
    def _width(rf):
        return sum(f.getlength(t) for t, f in rf)

    def row(self, segments, scale=1.0, bold=False, leading=None, record=True):
        """One visual line made of positioned segments.

        segments: [(x, align, runs)]; align in 'l', 'r', 'c' (x is the anchor).
        The ground-truth line is the segments' texts left to right joined by a space.
        """
        segs = []
        size = 0
        for x, align, runs in segments:
            rf = self._runs(runs, scale, bold)
            w = self._width(rf)
            if align == "r":
                xl = x - w
            elif align == "c":
                xl = x - w / 2
            else:
                xl = x
            segs.append((xl, w, rf))
            size = max([size] + [f.size for _, f in rf])
        segs.sort(key=lambda s: s[0])
        for a, b in zip(segs, segs[1:]):
            if a[0] + a[1] > b[0] - 0.25 * size:
                raise LayoutError("overlapping segments: %r / %r" % (
                    "".join(t for t, _ in a[2]), "".join(t for t, _ in b[2])))
        for xl, w, rf in segs:
            if xl < mm(4, self.dpi) or xl + w > self.W - mm(4, self.dpi):
                raise LayoutError("text off page: " + "".join(t for t, _ in rf))
        lh = int(size * (leading or self.leading))
        self.ensure(lh)
        asc = max(f.getmetrics()[0] for _, _, rf in segs for _, f in rf)
        base = self.y + int(asc * 0.92)
        d = self.page["draw"]
        texts = []
        for xl, w, rf in segs:
            cx = xl
            for t, f in rf:
                d.text((cx, base), t, font=f, fill=0, anchor="ls")
                cx += f.getlength(t)
            texts.append("".join(t for t, _ in rf))
        if record:
            line = norm_line(" ".join(texts))
            if line:
                self.page["gt"].append(line)
        top = self.y
        self.y += lh
        return top, base

    def line(self, runs, x=None, align="l", scale=1.0, bold=False, leading=None):
        if x is None:
            x = {"l": self.x0, "r": self.x1, "c": (self.x0 + self.x1) / 2}[align]
        return self.row([(x, align, runs)], scale=scale, bold=bold, leading=leading)

    def wrap(self, text, font, width):
        words = text.split()
        lines, cur = [], ""
        for w in words:
            cand = (cur + " " + w) if cur else w
            if font.getlength(cand) <= width or not cur:
                cur = cand
            else:
                lines.append(cur)
                cur = w
        if cur:
            lines.append(cur)
        return lines

    def para(self, text, x=None, width=None, scale=1.0, bold=False, justify=False,
             first=None, after=0.45):
        """Wrapped paragraph. `first`: bold run prefix (e.g. 'Plan: ') on the first line."""
        x = self.x0 if x is None else x
        width = (self.x1 - x) if width is None else width
        f = self.font(bold, scale)
        full = (first or "") + text
        lines = self.wrap(full, f, width)
        for i, ln in enumerate(lines):
            runs = [(ln, bold)]
            if i == 0 and first and ln.startswith(first):
                runs = [(first, True), (ln[len(first):], bold)]
            if justify and i < len(lines) - 1 and len(ln.split()) > 3:
                self._justified(ln, x, width, f)
            else:
                self.row([(x, "l", runs)], scale=scale, bold=bold)
        self.space(after, scale)

    def _justified(self, ln, x, width, f):
        words = ln.split()
        lh = int(f.size * self.leading)
        self.ensure(lh)
        base = self.y + int(f.getmetrics()[0] * 0.92)
        total = sum(f.getlength(w) for w in words)
        gap = (width - total) / (len(words) - 1)
        cx = x
        for w in words:
            self.page["draw"].text((cx, base), w, font=f, fill=0, anchor="ls")
            cx += f.getlength(w) + gap
        self.page["gt"].append(norm_line(ln))
        self.y += lh

    def bullets(self, items, x=None, bullet="-", scale=1.0, width=None, after=0.3):
        x = self.x0 if x is None else x
        f = self.font(False, scale)
        ind = f.getlength(bullet + "  ")
        width = (self.x1 - x) if width is None else width
        for it in items:
            lines = self.wrap(it, f, width - ind)
            for i, ln in enumerate(lines):
                if i == 0 and bullet:
                    self.row([(x, "l", bullet), (x + ind, "l", ln)], scale=scale)
                else:
                    self.row([(x + ind, "l", ln)], scale=scale)
        self.space(after, scale)

    def kv(self, pairs, label_w, x=None, scale=1.0, label_bold=True):
        """Label / value pairs with the values aligned at x + label_w."""
        x = self.x0 if x is None else x
        f = self.font(False, scale)
        for label, value in pairs:
            vlines = self.wrap(value, f, self.x1 - x - label_w) if value else [""]
            self.row([(x, "l", [(label, label_bold)]), (x + label_w, "l", vlines[0])],
                     scale=scale)
            for v in vlines[1:]:
                self.row([(x + label_w, "l", v)], scale=scale)

    def columns(self, left, right, xl=None, xr=None, scale=1.0, gap_after=0.5):
        """Two blocks side by side.  left/right: lists of runs (one per line).

        Ground truth: all of the left block, then all of the right block."""
        xl = self.x0 if xl is None else xl
        lh = int(self.px(self.pt * scale) * self.leading)
        n = max(len(left), len(right))
        self.ensure(n * lh)
        top = self.y
        # check the columns do not collide
        wl = max([self._width(self._runs(r, scale, False)) for r in left] + [0])
        if xl + wl > xr - 0.5 * self.px(self.pt * scale):
            raise LayoutError("columns collide")
        for r in left:
            self.row([(xl, "l", r)], scale=scale)
        self.y = top
        for r in right:
            self.row([(xr, "l", r)], scale=scale)
        self.y = top + n * lh
        self.space(gap_after, scale)

    def table(self, rows, cols, header=True, scale=1.0, rules=True, aligns=None,
              header_bold=True, after=0.5):
        """rows: list of cell lists; cols: x positions (px)."""
        aligns = aligns or ["l"] * len(cols)
        d = self.page["draw"]
        for i, cells in enumerate(rows):
            segs = []
            for c, x, a in zip(cells, cols, aligns):
                if c == "":
                    continue
                segs.append((x, a, [(c, header and i == 0 and header_bold)]))
            top, base = self.row(segs, scale=scale)
            if rules and header and i == 0:
                d = self.page["draw"]
                yy = base + int(self.px(self.pt * scale) * 0.3)
                d.line([(self.x0, yy), (self.x1, yy)], fill=0,
                       width=max(1, self.dpi // 150))
        self.space(after, scale)

    def hrule(self, width_px=None, x0=None, x1=None, gap=0.35):
        w = width_px or max(1, self.dpi // 120)
        self.space(gap * 0.5)
        self.page["draw"].line([(x0 or self.x0, self.y), (x1 or self.x1, self.y)], fill=0,
                               width=w)
        self.y += w
        self.space(gap)

    def rect(self, x0, y0, x1, y1, width=None, fill=None):
        self.page["draw"].rectangle([x0, y0, x1, y1], outline=0, fill=fill,
                                    width=width or max(1, self.dpi // 150))

    def checkbox(self, x, top, checked, size=None, style="x"):
        size = size or int(self.px(self.pt) * 0.72)
        s = size
        yb = top + int(self.px(self.pt) * 0.2)
        d = self.page["draw"]
        lw = max(1, self.dpi // 120)
        d.rectangle([x, yb, x + s, yb + s], outline=0, width=lw)
        if checked:
            if style == "x":
                d.line([(x + 3 * lw, yb + 3 * lw), (x + s - 3 * lw, yb + s - 3 * lw)], fill=0,
                       width=lw + 1)
                d.line([(x + 3 * lw, yb + s - 3 * lw), (x + s - 3 * lw, yb + 3 * lw)], fill=0,
                       width=lw + 1)
            else:  # tick
                d.line([(x + 2 * lw, yb + s * 0.55), (x + s * 0.42, yb + s - 3 * lw),
                        (x + s + 2 * lw, yb - 3 * lw)], fill=0, width=lw + 2)
        return s

    def check_row(self, items, x=None, scale=1.0, style="x"):
        """A line of [box] label pairs; ground truth holds only the labels."""
        x = self.x0 if x is None else x
        f = self.font(False, scale)
        box = int(self.px(self.pt * scale) * 0.72)
        segs = []
        cx = x
        boxes = []
        for label, checked in items:
            if checked is None:  # a plain label, no box
                segs.append((cx, "l", label))
                cx = cx + f.getlength(label) + self.px(self.pt) * 1.6
                continue
            boxes.append((cx, checked))
            segs.append((cx + box + box * 0.7, "l", label))
            cx = cx + box * 1.7 + f.getlength(label) + self.px(self.pt) * 1.6
        top = self.y
        ensure_h = int(self.px(self.pt * scale) * self.leading)
        if self.ensure(ensure_h):
            top = self.y
        self.row(segs, scale=scale)
        for bx, c in boxes:
            self.checkbox(bx, top, c, box, style)

    def field_row(self, fields, scale=1.0):
        """fields: [(label, value, x_label, box_x, box_w)] on one line, each value in a box."""
        segs = []
        for label, value, xl, bx, bw in fields:
            segs.append((xl, "l", [(label, True)]))
            segs.append((bx + self.px(self.pt) * 0.4, "l", value))
        lh = int(self.px(self.pt * scale) * self.leading * 1.35)
        self.ensure(lh)
        top, base = self.row(segs, scale=scale, leading=self.leading * 1.35)
        size = self.px(self.pt * scale)
        for label, value, xl, bx, bw in fields:
            self.rect(bx, base - size * 0.98, bx + bw, base + size * 0.38)
        return top

    def logo(self, x, y, size, kind=0):
        d = self.page["draw"]
        lw = max(2, self.dpi // 60)
        if kind == 0:  # leaf in a circle
            d.ellipse([x, y, x + size, y + size], outline=0, width=lw)
            d.chord([x + size * .25, y + size * .2, x + size * .75, y + size * .8], 300, 120,
                    fill=0)
            d.line([(x + size * .3, y + size * .8), (x + size * .62, y + size * .35)], fill=0,
                   width=lw)
        elif kind == 1:  # cross in rounded square
            d.rounded_rectangle([x, y, x + size, y + size], radius=size // 6, fill=0)
            c = size / 2
            t = size * .13
            d.rectangle([x + c - t, y + size * .2, x + c + t, y + size * .8], fill=255)
            d.rectangle([x + size * .2, y + c - t, x + size * .8, y + c + t], fill=255)
        else:  # three arcs (stylised building / hills)
            for i in range(3):
                o = i * size * .12
                d.arc([x + o, y + o, x + size - o, y + size * 1.6 - o], 180, 360, fill=0,
                      width=lw)
            d.line([(x, y + size * .8), (x + size, y + size * .8)], fill=0, width=lw)

    def finish(self):
        n = len(self.pages)
        self._nobreak = True
        for i, p in enumerate(self.pages):
            if self.footer:
                self.y = self.H - self.mb + int(self.px(self.pt) * 0.6)
                saved = self.pages
                # draw the footer onto page i
                self.pages = saved[: i + 1]
                self.footer(self, i + 1, n)
                self.pages = saved
        return self.pages


# --------------------------------------------------------------------------------------
# Synthetic people, places and clinical content
# --------------------------------------------------------------------------------------

FIRST_M = ["John", "David", "Peter", "Michael", "Graham", "Robert", "Stephen", "Andrew",
           "Mohammed", "Imran", "Tomasz", "Kwame", "Gareth", "Ian", "Colin", "Derek",
           "Rajesh", "Liam", "Owen", "Patrick", "Dennis", "Alistair"]
FIRST_F = ["Margaret", "Susan", "Patricia", "Janet", "Helen", "Aisha", "Fatima", "Priya",
           "Joanne", "Karen", "Elaine", "Sian", "Bethan", "Agnieszka", "Grace", "Deborah",
           "Linda", "Chloe", "Niamh", "Olivia", "Maureen", "Yvonne"]
SURNAMES = ["Thornbury", "Ashworth", "Pennington", "Okonkwo", "Rahman", "Kowalski",
            "Hargreaves", "Whitcombe", "Fairbairn", "Leadbetter", "McAllister",
            "Bhattacharya", "Ellison", "Gallagher", "Pritchard", "Sutcliffe", "Winterbottom",
            "Dunmore", "Oyelaran", "Haworth", "Mistry", "Carmichael", "Blackwood",
            "Featherstone", "Nwachukwu", "Rowntree", "Szymanski", "Quayle", "Trevithick",
            "Ormerod", "Lightfoot", "Abernethy", "Castellano", "Greenhalgh", "Iqbal",
            "Moorcroft", "Penhaligon", "Varga", "Whitlock", "Yardley"]
STREETS = ["Orchard Way", "Mill Lane", "Station Road", "Beech Grove", "Church Street",
           "Victoria Terrace", "Hawthorn Close", "Kingsway", "Meadow Rise", "Cromwell Avenue",
           "Ferndale Crescent", "Larkspur Drive", "Quarry Hill", "Albion Street", "Willow Bank",
           "Tanners Row", "Priory Gardens", "Sefton Walk", "Canal Side", "Glebe Road"]
TOWNS = [("Northbridge", "NB"), ("Ashcombe", "AC"), ("Kelderby", "KY"),
         ("Hollinford", "HF"), ("Marsham", "MH"), ("Westleigh", "WL"),
         ("Brackenthorpe", "BK"), ("Dunsford Vale", "DV")]
PRACTICES = ["Millbrook Medical Centre", "Riverside Surgery", "Elmfield Health Centre",
             "The Old Forge Practice", "Castle View Surgery", "Park Lane Medical Practice",
             "Hollinford Family Practice", "Westleigh Group Practice",
             "Saxon Road Surgery", "Brookside Health Partnership"]
GP_NAMES = [("Amara", "Okafor", "F"), ("Simon", "Hale", "M"), ("Rachel", "Dempsey", "F"),
            ("Nikhil", "Raman", "M"), ("Eleanor", "Voss", "F"), ("Hamish", "Lennox", "M"),
            ("Bronwen", "Pugh", "F"), ("Farid", "Hassan", "M"), ("Lucy", "Tregaskis", "F"),
            ("Oluwaseun", "Adebayo", "M"), ("Catriona", "Munro", "F"), ("Jonathan", "Sewell", "M"),
            ("Mei", "Ling Tan", "F"), ("Patrick", "Doherty", "M")]
HOSPITALS = [
    ("Northgate General Hospital", "Northgate Hospitals NHS Foundation Trust", "Northbridge",
     "Hospital Road", "NB2 9HX"),
    ("St Aldwyn's Hospital", "Kelderby and District NHS Trust", "Kelderby",
     "Aldwyn Lane", "KY1 4SA"),
    ("Marsham Royal Infirmary", "Marsham University Hospitals NHS Trust", "Marsham",
     "Infirmary Street", "MH3 2RD"),
]
CONSULTANTS = [("Miriam", "Lindqvist"), ("Tobias", "Eze"), ("Hannah", "Quartermain"),
               ("Rohan", "Deshpande"), ("Claire", "Ashdown"), ("Gwilym", "Rees"),
               ("Sunita", "Kapoor"), ("Adrian", "Mallory")]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def nhs_number(rng):
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        s = sum(d * w for d, w in zip(digits, range(10, 1, -1)))
        check = 11 - s % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        return "".join(map(str, digits + [check]))


def nhs_valid(n):
    d = [int(c) for c in n]
    s = sum(x * w for x, w in zip(d[:9], range(10, 1, -1)))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def fmt_nhs(n, style):
    return f"{n[:3]} {n[3:6]} {n[6:]}" if style == "spaced" else n


def fmt_date(d, style):
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "longfull":
        return f"{d.day} {MONTHS_FULL[d.month - 1]} {d.year}"
    if style == "dash":
        return f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"
    if style == "dot":
        return d.strftime("%d.%m.%y")
    raise ValueError(style)


def phone(rng, kind="land"):
    if kind == "mobile":
        return f"07700 900{rng.randrange(1000):03d}"
    return rng.choice([f"01632 960{rng.randrange(1000):03d}",
                       f"0113 496 0{rng.randrange(1000):03d}",
                       f"0117 496 0{rng.randrange(1000):03d}"])


def postcode(rng, area):
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{area}{rng.randrange(1, 10)} {rng.randrange(1, 10)}{rng.choice(letters)}" \
           f"{rng.choice(letters)}"


class Case:
    """Everything a document needs to know about one patient and one referral."""

    def __init__(self, rng, scenario=None, dob_style=None, nhs_style=None):
        self.rng = rng
        self.date = dt.date(2024, 1, 8) + dt.timedelta(days=rng.randrange(0, 600))
        self.scenario_key = scenario or rng.choice(list(SCENARIOS))
        lo, hi, sexes = SCENARIO_AGES[self.scenario_key]
        self.sex = rng.choice(sexes)
        age = rng.randrange(lo, hi + 1)
        self.dob = self.date - dt.timedelta(days=int(age * 365.25) + rng.randrange(20, 340))
        self.age = (self.date - self.dob).days * 100 // 36525
        self.first = rng.choice(FIRST_M if self.sex == "M" else FIRST_F)
        self.last = rng.choice(SURNAMES)
        self.title = "Mr" if self.sex == "M" else rng.choice(["Mrs", "Ms", "Miss"])
        self.nhs = nhs_number(rng)
        assert nhs_valid(self.nhs)
        self.dob_style = dob_style or rng.choice(["slash", "long", "dash", "dot"])
        self.nhs_style = nhs_style or rng.choice(["spaced", "spaced", "plain"])
        town, area = rng.choice(TOWNS)
        self.town = town
        self.addr = [f"{rng.randrange(2, 140)} {rng.choice(STREETS)}", town]
        self.postcode = postcode(rng, area)
        self.phone = phone(rng, "mobile")
        self.hosp_no = rng.choice("KMNR") + f"{rng.randrange(100000, 999999)}"
        # practice
        self.practice = rng.choice(PRACTICES)
        ptown, parea = rng.choice(TOWNS)
        self.practice_addr = [f"{rng.randrange(1, 90)} {rng.choice(STREETS)}", ptown]
        self.practice_pc = postcode(rng, parea)
        self.practice_tel = phone(rng)
        self.practice_fax = phone(rng)
        gf, gl, gs = rng.choice(GP_NAMES)
        self.gp_first, self.gp_last = gf, gl
        self.gp = f"Dr {gf} {gl}"
        self.gp_short = f"Dr {gf[0]} {gl}"
        self.partners = [f"Dr {a[0]} {b}" for a, b, _ in rng.sample(GP_NAMES, 5)]
        if self.gp_short not in self.partners:
            self.partners[0] = self.gp_short
        h = rng.choice(HOSPITALS)
        self.hospital, self.trust, self.htown, self.hstreet, self.hpc = h
        cf, cl = rng.choice(CONSULTANTS)
        self.consultant = f"Dr {cf} {cl}"
        self.consultant_short = f"Dr {cl}"
        self.hosp_tel = phone(rng)
        self.ubrn = " ".join(f"{rng.randrange(10000):04d}" for _ in range(3))
        self.he = "he" if self.sex == "M" else "she"
        self.He = self.he.capitalize()
        self.his = "his" if self.sex == "M" else "her"
        self.His = self.his.capitalize()
        self.him = "him" if self.sex == "M" else "her"
        self.person = "gentleman" if self.sex == "M" else "lady"
        self.s = SCENARIOS[self.scenario_key](self, rng)
        self.meds = rng.sample(MEDS, rng.randrange(2, 6)) + self.s.get("meds", [])
        self.pmh = rng.sample(PMH, rng.randrange(1, 5))

    # formatted bits
    @property
    def dob_s(self):
        return fmt_date(self.dob, self.dob_style)

    @property
    def nhs_s(self):
        return fmt_nhs(self.nhs, self.nhs_style)

    @property
    def name(self):
        return f"{self.first} {self.last}"

    @property
    def name_formal(self):
        return f"{self.title} {self.first} {self.last}"

    @property
    def name_upper(self):
        return f"{self.last.upper()}, {self.first}"

    def d(self, days_before=0, style="slash"):
        return fmt_date(self.date - dt.timedelta(days=days_before), style)


MEDS = [("Omeprazole", "20 mg", "once daily"), ("Amlodipine", "5 mg", "once daily"),
        ("Ramipril", "2.5 mg", "once daily"), ("Atorvastatin", "20 mg", "at night"),
        ("Metformin", "500 mg", "twice daily"), ("Levothyroxine", "75 micrograms", "once daily"),
        ("Sertraline", "50 mg", "once daily"), ("Bisoprolol", "2.5 mg", "once daily"),
        ("Salbutamol inhaler", "100 micrograms", "2 puffs as required"),
        ("Paracetamol", "1 g", "up to four times daily"), ("Simvastatin", "40 mg", "at night"),
        ("Lansoprazole", "30 mg", "once daily"), ("Bendroflumethiazide", "2.5 mg", "once daily"),
        ("Colecalciferol", "800 units", "once daily"), ("Amitriptyline", "10 mg", "at night")]
PMH = ["Hypertension (2011)", "Type 2 diabetes (2016)", "Hypothyroidism (2008)",
       "Osteoarthritis of both knees", "Asthma", "Depression (2019)",
       "Cholecystectomy (2009)", "Hiatus hernia", "Gout (2021)", "Appendicectomy (1978)",
       "Hypercholesterolaemia", "Carpal tunnel release (2014)", "Migraine"]

# test: unit, range text, (lo, hi) normal, decimals
TESTS = {
    "Haemoglobin": ("g/L", "130-180", (132, 165), 0),
    "MCV": ("fL", "80-100", (83, 97), 0),
    "Platelets": ("x10^9/L", "150-400", (180, 380), 0),
    "White cell count": ("x10^9/L", "4.0-11.0", (4.5, 9.8), 1),
    "Ferritin": ("ug/L", "30-400", (45, 260), 0),
    "CRP": ("mg/L", "0-5", (1, 4), 0),
    "Sodium": ("mmol/L", "133-146", (136, 144), 0),
    "Potassium": ("mmol/L", "3.5-5.3", (3.8, 5.0), 1),
    "Creatinine": ("umol/L", "59-104", (62, 98), 0),
    "eGFR": ("mL/min", ">60", (64, 89), 0),
    "ALT": ("U/L", "0-40", (12, 35), 0),
    "ALP": ("U/L", "30-130", (52, 118), 0),
    "Bilirubin": ("umol/L", "0-21", (5, 17), 0),
    "Albumin": ("g/L", "35-50", (37, 46), 0),
    "TSH": ("mU/L", "0.27-4.20", (0.9, 3.2), 2),
    "tTG IgA": ("U/mL", "0-7", (0.4, 2.5), 1),
    "FIT": ("ug Hb/g", "0-10", (0, 6), 0),
    "Calprotectin": ("ug/g", "0-50", (8, 40), 0),
    "Vitamin B12": ("ng/L", "197-771", (260, 640), 0),
    "Folate": ("ug/L", "3.9-26.8", (5.1, 14.0), 1),
}


def results_for(case, rng, names, overrides):
    rows = []
    for n in names:
        unit, rr, (lo, hi), dec = TESTS[n]
        if n == "Haemoglobin" and case.sex == "F":
            rr, lo, hi = "115-165", 120, 150
        if n in overrides:
            v = overrides[n]
        else:
            v = rng.uniform(lo, hi)
        vs = f"{v:.{dec}f}" if not isinstance(v, str) else v
        flag = ""
        if not isinstance(v, str):
            if rr.startswith(">"):
                flag = "L" if v < float(rr[1:]) else ""
            else:
                a, b = (float(x) for x in rr.split("-"))
                flag = "L" if v < a else ("H" if v > b else "")
        rows.append((n, vs, unit, rr, flag))
    return rows


def sc_ida(c, r):
    hb, mcv, fer = r.randrange(84, 109), r.randrange(66, 78), r.randrange(3, 13)
    if c.sex == "F":
        hb -= 6
    n = r.choice(["two", "three", "four", "six"])
    return dict(
        title="Iron deficiency anaemia",
        service="Gastroenterology - Lower GI 2WW" if c.age >= 60 else "Gastroenterology - General",
        priority="Urgent - suspected cancer (2WW)" if c.age >= 60 else "Urgent",
        hpc=[f"{c.He} presented with a {n} month history of increasing tiredness and "
             f"breathlessness on exertion. Routine bloods showed a haemoglobin of {hb} g/L with "
             f"an MCV of {mcv} fL and a ferritin of {fer} ug/L, in keeping with iron deficiency "
             "anaemia.",
             f"{c.He} denies any overt gastrointestinal blood loss and there has been no change "
             f"in bowel habit. {c.His} weight is stable at {r.randrange(58, 96)} kg. {c.He} is "
             "not taking aspirin, NSAIDs or anticoagulants.",
             "Coeliac serology was negative and urine dipstick showed no haematuria. I have "
             "started ferrous fumarate 210 mg twice daily."],
        exam="Pale conjunctivae. Abdomen soft and non-tender, no masses, no hepatomegaly. "
             "PR examination declined.",
        results=results_for(c, r, ["Haemoglobin", "MCV", "Platelets", "Ferritin", "CRP",
                                   "tTG IgA", "eGFR"],
                            {"Haemoglobin": hb, "MCV": mcv, "Ferritin": fer,
                             "Platelets": r.randrange(410, 520)}),
        question="I would be grateful if you could arrange upper and lower GI investigation.",
        assessment="Iron deficiency anaemia, cause not yet found",
        terse=[f"IDA - Hb {hb}, MCV {mcv}, ferritin {fer}.",
               "No overt GI bleeding, bowels normal, wt stable.",
               "Not on aspirin/NSAID/anticoag. TTG neg. Urine dip neg.",
               "Started ferrous fumarate 210mg bd.",
               "Pls OGD + colonoscopy."],
        diagnoses=["Iron deficiency anaemia", "Small hiatus hernia on OGD"],
        plan=["Colonoscopy - requested, patient consented", "Continue oral iron for three "
              "months after normalisation of haemoglobin", "Repeat FBC and ferritin in 8 weeks "
              "via GP"],
        ticks_lower=[2], ticks_upper=[],
    )


def sc_fit(c, r):
    fit = r.choice([18, 34, 57, 86, 124, 210, 400])
    wk = r.randrange(6, 20)
    k = r.randrange(3, 6)
    wl = r.randrange(2, 7)
    return dict(
        title="Change in bowel habit, positive FIT",
        service="Colorectal - Lower GI 2WW (straight to test)",
        priority="Urgent - suspected cancer (2WW)",
        hpc=[f"{wk} week history of looser stools, opening {c.his} bowels {k} times a day, "
             "with intermittent left-sided abdominal discomfort.",
             f"No rectal bleeding has been noticed. {c.His} weight is down by about {wl} kg over "
             "three months without trying.",
             f"FIT result {fit} ug Hb/g (threshold 10). Full blood count and renal function "
             "are included below."],
        exam="Abdomen soft, mild left iliac fossa tenderness, no palpable mass. PR: no mass "
             "felt, brown stool on glove.",
        results=results_for(c, r, ["FIT", "Haemoglobin", "MCV", "Ferritin", "eGFR",
                                   "Creatinine", "CRP"],
                            {"FIT": fit, "Haemoglobin": r.randrange(118, 150)}),
        question="Please assess for straight-to-test colonoscopy. eGFR is suitable for bowel "
                 "preparation.",
        assessment="Altered bowel habit with positive FIT - possible colorectal cancer",
        terse=[f"CIBH {wk}/52 - loose x{k}/day, LIF discomfort.",
               f"No PR bleed. Wt down {wl}kg in 3/12.",
               f"FIT {fit}. PR no mass.",
               "2WW LGI - ?STT colonoscopy."],
        diagnoses=["Change in bowel habit with positive FIT", "Diverticular disease "
                   "(sigmoid) on colonoscopy"],
        plan=["Biopsies taken - results to follow", "No further colonoscopic surveillance "
              "required if histology benign", "Discharged to GP care"],
        ticks_lower=[3, 0], ticks_upper=[],
    )


def sc_dysphagia(c, r):
    wk = r.randrange(4, 14)
    wl = r.randrange(3, 9)
    return dict(
        title="Progressive dysphagia to solids",
        service="Upper GI - 2WW (suspected oesophageal cancer)",
        priority="Urgent - suspected cancer (2WW)",
        hpc=[f"Progressive difficulty swallowing solids over the last {wk} weeks, with food "
             "sticking at the lower end of the sternum. Liquids are still managed.",
             f"{c.He} reports unintentional weight loss of around {wl} kg and occasional "
             "regurgitation. No haematemesis or melaena.",
             f"{c.He} is an ex-smoker of {r.randrange(15, 40)} pack years and drinks about "
             f"{r.randrange(6, 30)} units of alcohol a week."],
        exam=f"BMI {r.randrange(19, 27)}. No cervical lymphadenopathy. Abdomen soft, "
             "epigastric tenderness, no masses.",
        results=results_for(c, r, ["Haemoglobin", "MCV", "Platelets", "Albumin", "CRP",
                                   "eGFR"], {"Albumin": r.randrange(30, 36)}),
        question="Please see urgently for upper GI endoscopy.",
        assessment="Dysphagia with weight loss - possible oesophageal malignancy",
        terse=[f"Dysphagia solids {wk}/52, food sticks low sternum.",
               f"Wt loss {wl}kg. No haematemesis/melaena.",
               "Ex smoker. Alb low.", "2WW UGI - OGD pls."],
        diagnoses=["Dysphagia", "Benign peptic stricture of the distal oesophagus"],
        plan=["Oesophageal dilatation performed at OGD", "Lansoprazole 30 mg twice daily "
              "long term", "Repeat OGD in 6 weeks to reassess"],
        ticks_lower=[], ticks_upper=[0, 3],
    )


def sc_lfts(c, r):
    alt = r.randrange(92, 181)
    bmi = r.randrange(31, 39)
    return dict(
        title="Persistently raised ALT",
        service="Gastroenterology - Hepatology (Routine)",
        priority="Routine",
        hpc=[f"Persistently raised ALT on three occasions over the last year, most recently "
             f"{alt} U/L, with a normal ALP and bilirubin.",
             f"{c.He} has a BMI of {bmi} and type 2 diabetes. Alcohol intake is reported as "
             f"{r.randrange(2, 12)} units a week.",
             "Liver screen: hepatitis B surface antigen and hepatitis C antibody negative, "
             "ferritin and transferrin saturation normal, autoantibodies negative. Ultrasound "
             f"showed a bright liver consistent with fatty infiltration. FIB-4 score "
             f"{r.randrange(14, 30) / 10:.1f}."],
        exam="Central adiposity. No stigmata of chronic liver disease. No hepatosplenomegaly.",
        results=results_for(c, r, ["ALT", "ALP", "Bilirubin", "Albumin", "Platelets",
                                   "Ferritin"], {"ALT": alt}),
        question="I would be grateful for your advice and consideration of elastography.",
        assessment="Raised ALT, probable metabolic dysfunction associated fatty liver disease",
        terse=[f"ALT {alt} x3 over 12/12. ALP/bili nl.", f"BMI {bmi}, T2DM. Low EtOH.",
               "Liver screen neg. USS fatty liver.", "Indeterminate FIB-4 - ?fibroscan."],
        diagnoses=["Metabolic dysfunction associated steatotic liver disease",
                   "Type 2 diabetes"],
        plan=["Transient elastography booked", "Weight loss advice given, target 10 per cent",
              "Review in hepatology clinic in 6 months"],
        ticks_lower=[], ticks_upper=[],
    )


def sc_coeliac(c, r):
    ttg = r.randrange(45, 129)
    return dict(
        title="Positive coeliac serology",
        service="Gastroenterology - General (Routine)",
        priority="Routine",
        hpc=[f"{c.He} has had bloating, loose stools and fatigue for about a year. "
             f"{c.His} mother has coeliac disease.",
             f"Tissue transglutaminase IgA was {ttg} U/mL (normal below 7) with a normal total "
             "IgA. Ferritin is low normal.",
             f"{c.He} has been advised to keep gluten in {c.his} diet until a duodenal biopsy "
             "has been done."],
        exam="Abdomen soft, mildly distended, non-tender. Weight stable.",
        results=results_for(c, r, ["tTG IgA", "Haemoglobin", "Ferritin", "Folate",
                                   "Vitamin B12", "ALT"], {"tTG IgA": ttg,
                                                           "Ferritin": r.randrange(31, 40)}),
        question="Please arrange OGD with duodenal biopsies to confirm the diagnosis.",
        assessment="Probable coeliac disease",
        terse=[f"TTG {ttg} (nl <7). Bloating, loose stools, tired.", "Mum coeliac.",
               "Kept on gluten.", "Ref for OGD + D2 bx, routine."],
        diagnoses=["Coeliac disease, confirmed on duodenal biopsy (Marsh 3b)"],
        plan=["Referred to the dietitian for a gluten-free diet", "DEXA scan requested",
              "Repeat tTG in 12 months"],
        ticks_lower=[], ticks_upper=[],
    )


def sc_ibd(c, r):
    wk = r.randrange(3, 9)
    k = r.randrange(5, 10)
    cal = r.randrange(420, 1300)
    return dict(
        title="Bloody diarrhoea, raised faecal calprotectin",
        service="Gastroenterology - IBD (Urgent)",
        priority="Urgent",
        hpc=[f"{wk} week history of bloody diarrhoea, {k} times a day including at night, "
             "with urgency and crampy lower abdominal pain.",
             f"Stool cultures were negative. Faecal calprotectin {cal} ug/g. No recent travel "
             "or antibiotics.",
             f"{c.He} is otherwise fit and well and is a non-smoker."],
        exam=f"Pulse {r.randrange(78, 99)}, afebrile. Abdomen soft, tender left iliac fossa, "
             "no guarding.",
        results=results_for(c, r, ["Calprotectin", "CRP", "Haemoglobin", "Albumin",
                                   "Platelets"], {"Calprotectin": cal,
                                                  "CRP": r.randrange(18, 61)}),
        question="I would be grateful if you could see this patient urgently with a view to "
                 "flexible sigmoidoscopy.",
        assessment="Probable new inflammatory bowel disease",
        terse=[f"Bloody D {wk}/52, x{k}/day incl nocturnal.", f"Calpro {cal}. Stool MC&S neg.",
               "No travel/abx. LIF tender.", "Urgent gastro ?UC."],
        diagnoses=["Ulcerative colitis (left-sided, Mayo 2)"],
        plan=["Mesalazine 4 g once daily and mesalazine enemas", "IBD nurse specialist "
              "follow up in 4 weeks", "Bloods every 3 months"],
        meds=[],
        ticks_lower=[], ticks_upper=[],
    )


def sc_dyspepsia(c, r):
    return dict(
        title="Persistent dyspepsia despite treatment",
        service="Gastroenterology - General (Routine)",
        priority="Routine",
        hpc=[f"Epigastric pain and heartburn for {r.randrange(4, 12)} months. Helicobacter "
             "pylori stool antigen was positive and eradication therapy was completed.",
             f"Symptoms persist despite omeprazole 20 mg twice daily for eight weeks. No "
             "dysphagia, vomiting, weight loss or gastrointestinal bleeding.",
             "Full blood count and ferritin are normal."],
        exam="Mild epigastric tenderness. No masses.",
        results=results_for(c, r, ["Haemoglobin", "MCV", "Ferritin", "CRP", "ALT"], {}),
        question="Please consider OGD.",
        assessment="Refractory dyspepsia, no alarm features",
        terse=["Dyspepsia, HP +ve, eradicated.", "Persists on PPI bd 8/52.",
               "No alarm sx. FBC/ferritin nl.", "Routine gastro ?OGD."],
        diagnoses=["Functional dyspepsia", "Normal OGD and gastric biopsies"],
        plan=["Reduce omeprazole to 20 mg once daily", "Low-dose amitriptyline trial",
              "Discharged to GP care"],
        ticks_lower=[], ticks_upper=[4],
    )


def sc_bleed(c, r):
    return dict(
        title="Intermittent rectal bleeding",
        service="Colorectal - General (Routine)",
        priority="Routine",
        hpc=[f"Bright red blood on the toilet paper on and off for {r.randrange(2, 8)} months, "
             "associated with straining. No change in bowel habit, no weight loss.",
             f"FIT result {r.randrange(0, 8)} ug Hb/g. Haemoglobin normal.",
             "Small non-bleeding haemorrhoids were seen on proctoscopy."],
        exam="Abdomen normal. PR: no mass. Proctoscopy: grade 1 haemorrhoids.",
        results=results_for(c, r, ["FIT", "Haemoglobin", "Ferritin"], {}),
        question="Please assess; ?flexible sigmoidoscopy.",
        assessment="Rectal bleeding, probable haemorrhoidal",
        terse=["Fresh PR bleed on paper, straining.", "Bowels nl, wt stable. FIT neg.",
               "Grade 1 piles on proctoscopy.", "Routine colorectal ?flexi."],
        diagnoses=["Grade 2 internal haemorrhoids"],
        plan=["Banding performed", "Fibre supplements", "No routine follow up"],
        ticks_lower=[], ticks_upper=[],
    )


SCENARIOS = {"ida": sc_ida, "fit": sc_fit, "dysphagia": sc_dysphagia, "lfts": sc_lfts,
             "coeliac": sc_coeliac, "ibd": sc_ibd, "dyspepsia": sc_dyspepsia,
             "bleed": sc_bleed}
SCENARIO_AGES = {"ida": (45, 84, "MF"), "fit": (52, 86, "MF"), "dysphagia": (55, 83, "MF"),
                 "lfts": (38, 66, "MF"), "coeliac": (22, 58, "MF"), "ibd": (19, 42, "MF"),
                 "dyspepsia": (30, 58, "MF"), "bleed": (28, 48, "MF")}

LOWER_GI_CRITERIA = [
    "Aged 40 and over with unexplained weight loss and abdominal pain",
    "Aged 50 and over with unexplained rectal bleeding",
    "Aged 60 and over with iron-deficiency anaemia or change in bowel habit",
    "Faecal immunochemical test (FIT) result of 10 ug Hb/g or more",
    "Rectal or abdominal mass",
    "Unexplained anal mass or anal ulceration",
]
UPPER_GI_CRITERIA = [
    "Dysphagia",
    "Aged 55 and over with weight loss and upper abdominal pain",
    "Aged 55 and over with weight loss and reflux or dyspepsia",
    "Upper abdominal mass consistent with stomach cancer",
    "Aged 55 and over with treatment-resistant dyspepsia",
    "Raised platelet count with nausea or vomiting",
]


# --------------------------------------------------------------------------------------
# Document templates
# --------------------------------------------------------------------------------------

def lower_words(text):
    """Lower-case a title for use mid-sentence, keeping acronyms such as FIT and ALT."""
    return " ".join(w if w.isupper() else w.lower() for w in text.split())


def cont_header_factory(case, style=0):
    def h(doc):
        if style == 0:
            doc.line([(f"{case.name_upper}  NHS No: {case.nhs_s}  DOB: {case.dob_s}", False)],
                     scale=0.85)
            doc.line("(continued)", scale=0.85)
        else:
            doc.row([(doc.x0, "l", f"Patient: {case.name}"),
                     (doc.x1, "r", f"NHS Number: {case.nhs_s}")], scale=0.85)
        doc.hrule(gap=0.6)
    return h


def footer_page_of(text=None, align="c"):
    def f(doc, i, n):
        s = f"Page {i} of {n}"
        if text:
            doc.row([(doc.x0, "l", text), (doc.x1, "r", s)], scale=0.8)
        else:
            doc.line(s, align=align, scale=0.85)
    return f


def letterhead(doc, case, style, big=False):
    """Practice letterhead.  style 0: name left, address right; 1: centred; 2: logo + name,
    partner list in a right-hand column (big)."""
    dpi = doc.dpi
    if style == 0:
        doc.logo(doc.x0, doc.y, mm(14, dpi), 0)
        saved = doc.y
        doc.row([(doc.x0 + mm(18, dpi), "l", [(case.practice, True, 1.45)])], leading=1.1)
        doc.row([(doc.x0 + mm(18, dpi), "l", [("General Practice", False, 0.9)])])
        doc.y = saved
        right = [case.practice_addr[0], f"{case.practice_addr[1]} {case.practice_pc}",
                 f"Tel: {case.practice_tel}", f"Fax: {case.practice_fax}"]
        for ln in right:
            doc.line(ln, align="r", scale=0.85)
        doc.hrule(gap=0.8)
    elif style == 1:
        doc.line([(case.practice.upper(), True, 1.35)], align="c", leading=1.15)
        doc.line(f"{case.practice_addr[0]}, {case.practice_addr[1]} {case.practice_pc}",
                 align="c", scale=0.9)
        doc.line(f"Telephone {case.practice_tel}   Fax {case.practice_fax}", align="c",
                 scale=0.9)
        doc.hrule(width_px=max(2, dpi // 100), gap=1.0)
    else:
        doc.logo(doc.x0, doc.y, mm(24, dpi), 1 + (len(case.last) % 2))
        top = doc.y
        x = doc.x0 + mm(30, dpi)
        doc.row([(x, "l", [(case.practice, True, 1.8)])], leading=1.15)
        doc.row([(x, "l", [(f"{case.practice_addr[0]}, {case.practice_addr[1]}", False,
                            1.0)])])
        doc.row([(x, "l", [(case.practice_pc, False, 1.0)])])
        doc.space(0.4)
        doc.row([(x, "l", [(f"Reception: {case.practice_tel}", False, 0.9)])])
        doc.row([(x, "l", [(f"Fax: {case.practice_fax}", False, 0.9)])])
        doc.row([(x, "l", [("Dispensary: " + phone(case.rng), False, 0.9)])])
        doc.y = max(doc.y, top + mm(26, dpi))
        doc.hrule(width_px=max(2, dpi // 100), gap=0.8)
        if big:
            left = [[("Partners", True, 0.9)]] + [[(p, False, 0.9)] for p in case.partners]
            right = [[("Associate GPs", True, 0.9)],
                     [(f"Dr {case.rng.choice(FIRST_F)[0]} {case.rng.choice(SURNAMES)}",
                       False, 0.9)],
                     [(f"Dr {case.rng.choice(FIRST_M)[0]} {case.rng.choice(SURNAMES)}",
                       False, 0.9)],
                     [("", False, 0.9)],
                     [("Practice Manager", True, 0.9)],
                     [(f"{case.rng.choice(FIRST_F)} {case.rng.choice(SURNAMES)}", False, 0.9)]]
            doc.columns(left, right, xl=doc.x0, xr=doc.x0 + doc.width // 2, scale=0.9)
            doc.line([("Opening hours: Monday to Friday 8.00am - 6.30pm. Extended hours "
                       "Tuesday evenings by appointment.", False, 0.85)])
            doc.line([("Out of hours please call NHS 111.", False, 0.85)])
            doc.hrule(gap=0.8)


def recipient_block(doc, case, date_style="longfull", ref=True):
    dest = [case.consultant, "Consultant Gastroenterologist", "Department of Gastroenterology",
            case.hospital, case.hstreet, f"{case.htown} {case.hpc}"]
    right = [f"Date: {case.d(0, date_style)}"]
    if ref:
        right.append(f"Our ref: {case.gp_first[0]}{case.gp_last[0]}/"
                     f"{case.rng.choice('ABCDEFGH')}{case.rng.randrange(10, 99)}")
    doc.columns([[(s, False)] for s in dest], [[(s, False)] for s in right],
                xr=doc.x0 + int(doc.width * 0.62))


def t_dear_dr(doc, case, v):
    r = case.rng
    letterhead(doc, case, v.get("lh", 0), big=v.get("big", False))
    if v.get("big"):
        doc.space(1.0)
    recipient_block(doc, case, v.get("date_style", "longfull"))
    doc.space(0.6)
    doc.line(f"Dear {case.consultant_short},")
    doc.space(0.4)
    doc.line([(f"Re: {case.name_formal}   DOB: {case.dob_s}   NHS No: {case.nhs_s}", True)])
    doc.line(f"{case.addr[0]}, {case.addr[1]}, {case.postcode}")
    doc.space(0.5)
    s = case.s
    j = v.get("justify", False)
    if v.get("big"):
        doc.para(f"Thank you for seeing this {case.age} year old {case.person} whom I am "
                 f"referring with {lower_words(s['title'])}.", justify=j)
        doc.new_page()
    else:
        doc.para(f"Thank you for seeing this {case.age} year old {case.person} whom I am "
                 f"referring with {lower_words(s['title'])}. " + s["hpc"][0], justify=j)
    start = 0 if v.get("big") else 1
    for p in s["hpc"][start:]:
        doc.para(p, justify=j)
    doc.para("On examination: " + s["exam"], justify=j)
    if v.get("results", True):
        doc.line([("Recent results", True)])
        rows = [["Test", "Result", "Units", "Range"]] + [[a, b, c, d] for a, b, c, d, _ in
                                                          s["results"]]
        X = doc.x0
        doc.table(rows, [X, X + mm(50, doc.dpi), X + mm(75, doc.dpi), X + mm(105, doc.dpi)])
    doc.para("Past medical history: " + "; ".join(case.pmh) + ".", justify=j)
    if v.get("long"):
        doc.para(f"Social history: {case.he} lives with {case.his} "
                 f"{r.choice(['wife', 'husband', 'partner', 'daughter'])} and is independent "
                 f"with all activities of daily living. {case.He} "
                 f"{r.choice(['is retired', 'works part time', 'works full time'])}, "
                 f"{r.choice(['has never smoked', 'stopped smoking ten years ago'])} and "
                 f"drives.", justify=j)
        doc.para("Family history: " + r.choice([
            "father had bowel cancer diagnosed at the age of 71.",
            "no family history of gastrointestinal cancer or inflammatory bowel disease.",
            "mother had coeliac disease; brother has type 1 diabetes."]), justify=j)
        doc.para(f"I have explained to {case.him} why I am making this referral and what "
                 "tests may be needed. {He} understands that an appointment should be offered "
                 "within the next two weeks and has confirmed {his} telephone number and "
                 "address. {He} is happy to attend at short notice.".format(
                     He=case.He, his=case.his), justify=j)
    if v.get("long"):
        doc.line("Current medication:")
        doc.bullets([f"{a} {b} {c}" for a, b, c in case.meds])
        doc.para("Previous investigations: abdominal ultrasound "
                 f"{case.date.year - 2} showed a simple renal cyst only. No previous endoscopy. "
                 "Bowel screening kit returned normal three years ago.", justify=j)
    else:
        doc.para("Current medication: " + "; ".join(f"{a} {b} {c}" for a, b, c in case.meds)
                 + ".", justify=j)
    doc.para(s["question"] + " Please do not hesitate to contact me if you need any further "
             "information.", justify=j)
    doc.space(0.3)
    doc.line("Yours sincerely,")
    doc.space(2.4)
    doc.line(case.gp)
    doc.line(r.choice(["GP Partner", "General Practitioner", "Salaried GP"]))
    if v.get("typist"):
        doc.space(0.5)
        doc.line([(f"Dictated by {case.gp_short}, typed by {r.choice(FIRST_F)[0]}"
                   f"{r.choice(SURNAMES)[0]} {case.d(0, 'slash')}", False, 0.85)])
    doc.line([("cc: Patient", False, 0.85)])


def t_ers(doc, case, v):
    r = case.rng
    s = case.s
    dpi = doc.dpi
    doc.row([(doc.x0, "l", [("NHS e-Referral Service", True, 1.3)]),
             (doc.x1, "r", [(f"Printed: {case.d(0, 'slash')} {r.randrange(8, 18):02d}:"
                             f"{r.randrange(60):02d}", False, 0.85)])])
    doc.line([("Referral Letter - Clinical Information", False, 1.1)])
    doc.hrule()
    X = doc.x0
    doc.row([(X, "l", [("UBRN: ", True), (case.ubrn, False)]),
             (X + int(doc.width * 0.5), "l", [("Priority: ", True), (s["priority"], False)])])
    doc.row([(X, "l", [("Service: ", True), (s["service"], False)])])
    doc.row([(X, "l", [("Provider: ", True), (f"{case.hospital}, {case.trust}", False)])])
    doc.hrule()
    left = [[("Patient Details", True)],
            [("Name: ", True), (f"{case.last.upper()}, {case.first} ({case.title})", False)],
            [("NHS Number: ", True), (case.nhs_s, False)],
            [("Date of Birth: ", True), (case.dob_s, False)],
            [("Gender: ", True), ("Male" if case.sex == "M" else "Female", False)],
            [("Address: ", True), (case.addr[0], False)],
            [("", True), (f"{case.addr[1]} {case.postcode}", False)],
            [("Telephone: ", True), (case.phone, False)]]
    right = [[("Referrer Details", True)],
             [("Referrer: ", True), (case.gp, False)],
             [("Organisation: ", True), (case.practice, False)],
             [("Address: ", True), (case.practice_addr[0], False)],
             [("", True), (f"{case.practice_addr[1]} {case.practice_pc}", False)],
             [("Telephone: ", True), (case.practice_tel, False)],
             [("Referral date: ", True), (case.d(0, "slash"), False)]]
    doc.columns(left, right, xr=X + int(doc.width * 0.52), scale=v.get("cs", 1.0))
    doc.hrule()
    sec = lambda t: (doc.space(0.2), doc.line([(t, True, 1.05)]))
    sec("Reason for Referral")
    doc.para(s["title"] + ". " + s["question"])
    sec("History of Presenting Complaint")
    for p in s["hpc"]:
        doc.para(p)
    sec("Examination")
    doc.para(s["exam"])
    sec("Investigations")
    rows = [["Date", "Test", "Result", "Units", "Reference"]]
    for a, b, c, d, f in s["results"]:
        rows.append([case.d(r.randrange(5, 30), "slash"), a, b + (" " + f if f else ""), c, d])
    doc.table(rows, [X, X + mm(30, dpi), X + mm(75, dpi), X + mm(100, dpi),
                     X + mm(128, dpi)], scale=0.95)
    sec("Current Medication")
    doc.bullets([f"{a} {b} {c}" for a, b, c in case.meds])
    sec("Past Medical History")
    doc.bullets(case.pmh)
    doc.row([(X, "l", [("Allergies: ", True), ("No known drug allergies", False)])])
    doc.row([(X, "l", [("Patient aware of referral: ", True), ("Yes", False)]),
             (X + int(doc.width * 0.55), "l", [("Interpreter required: ", True),
                                                ("No", False)])])
    if v.get("long"):
        doc.space(0.4)
        sec("Referral Questions")
        qa = [("Has the patient had a colonoscopy or OGD in the last 3 years?", "No"),
              ("Is the patient taking anticoagulants?", "No"),
              ("Does the patient have diabetes requiring insulin?", "No"),
              ("Is the patient able to take bowel preparation?", "Yes"),
              ("Does the patient have capacity to consent?", "Yes"),
              ("Are there any safeguarding concerns?", "No"),
              ("Has a FIT been done in the last 3 months?",
               "Yes" if any(a == "FIT" for a, *_ in s["results"]) else "No"),
              ("Has the patient been given the 2WW information leaflet?",
               "Yes" if "2WW" in s["priority"] else "Not applicable")]
        for q, a in qa:
            doc.row([(X, "l", q), (doc.x1, "r", [(a, True)])])
        doc.space(0.4)
        sec("Previous Relevant Correspondence")
        doc.para(f"Seen by the gastroenterology team at {case.hospital} in "
                 f"{case.date.year - r.randrange(3, 9)} with reflux symptoms, discharged after a "
                 "normal OGD. No correspondence since.")
        sec("Attachments")
        doc.bullets(["Patient summary (GP record extract)", "Recent blood results",
                     "Medication list"])
    doc.row([(X, "l", [("Transport required: ", True), ("No", False)]),
             (X + int(doc.width * 0.55), "l", [("Cancer pathway: ", True),
                                                ("Yes" if "2WW" in s["priority"] else "No",
                                                 False)])])


def t_proforma(doc, case, v):
    """Tick-box referral proforma with boxed fields."""
    r = case.rng
    s = case.s
    dpi = doc.dpi
    upper = v.get("upper", False)
    doc.line([(case.trust, True, 1.05)], align="c")
    title = ("SUSPECTED UPPER GASTROINTESTINAL CANCER REFERRAL (2WW)" if upper else
             "SUSPECTED LOWER GASTROINTESTINAL CANCER REFERRAL (2WW)")
    doc.line([(title, True, 1.15)], align="c")
    doc.line([("Please complete all sections and attach to the referral on e-RS", False, 0.9)],
             align="c")
    doc.space(0.5)
    X = doc.x0
    W = doc.width
    doc.line([("1. Patient details", True, 1.05)])
    doc.field_row([("Surname", case.last.upper(), X, X + mm(22, dpi), mm(55, dpi)),
                   ("Forename", case.first, X + mm(85, dpi), X + mm(108, dpi), mm(55, dpi))])
    doc.field_row([("NHS No", case.nhs_s, X, X + mm(22, dpi), mm(55, dpi)),
                   ("DOB", case.dob_s, X + mm(85, dpi), X + mm(108, dpi), mm(55, dpi))])
    doc.field_row([("Address", f"{case.addr[0]}, {case.addr[1]} {case.postcode}", X,
                    X + mm(22, dpi), mm(140, dpi))])
    doc.field_row([("Tel", case.phone, X, X + mm(22, dpi), mm(55, dpi)),
                   ("Sex", "M" if case.sex == "M" else "F", X + mm(85, dpi),
                    X + mm(108, dpi), mm(20, dpi))])
    doc.space(0.4)
    doc.line([("2. Referral criteria (tick all that apply)", True, 1.05)])
    crit = UPPER_GI_CRITERIA if upper else LOWER_GI_CRITERIA
    ticks = set(s["ticks_upper"] if upper else s["ticks_lower"])
    if not ticks:
        ticks = {1 if upper else 3}
    for i, c in enumerate(crit):
        doc.check_row([(c, i in ticks)], style=v.get("tick", "x"))
    doc.space(0.4)
    doc.line([("3. Clinical details", True, 1.05)])
    if not upper:
        fit = next((b for a, b, *_ in s["results"] if a == "FIT"), str(r.randrange(10, 90)))
        doc.field_row([("FIT result", f"{fit} ug Hb/g", X, X + mm(32, dpi), mm(40, dpi)),
                       ("Date", case.d(r.randrange(5, 20), "slash"), X + mm(85, dpi),
                        X + mm(100, dpi), mm(40, dpi))])
    egfr = r.randrange(48, 90)
    doc.field_row([("eGFR", f"{egfr} mL/min", X, X + mm(32, dpi), mm(40, dpi)),
                   ("Hb", f"{r.randrange(95, 150)} g/L", X + mm(85, dpi), X + mm(100, dpi),
                    mm(40, dpi))])
    doc.check_row([("Anticoagulant or antiplatelet:", None), ("Yes", False), ("No", True)],
                  style=v.get("tick", "x"))
    doc.check_row([("Diabetic on insulin:", None), ("Yes", False), ("No", True)],
                  style=v.get("tick", "x"))
    doc.check_row([("WHO performance status:", None), ("0", True), ("1", False),
                   ("2", False), ("3", False), ("4", False)], style=v.get("tick", "x"))
    doc.space(0.3)
    doc.line([("Additional clinical information", True)])
    for p in s["hpc"][:2]:
        doc.para(p)
    doc.space(0.3)
    doc.line([("4. Referrer", True, 1.05)])
    doc.field_row([("GP", case.gp, X, X + mm(22, dpi), mm(55, dpi)),
                   ("Practice", case.practice, X + mm(85, dpi), X + mm(104, dpi),
                    W - mm(104, dpi))])
    doc.field_row([("Tel", case.practice_tel, X, X + mm(22, dpi), mm(55, dpi)),
                   ("Date", case.d(0, "slash"), X + mm(85, dpi), X + mm(104, dpi),
                    mm(40, dpi))])
    doc.check_row([("Patient informed this is an urgent suspected cancer referral", True)],
                  style=v.get("tick", "x"))
    doc.check_row([("Patient available in the next 14 days", True)], style=v.get("tick", "x"))


def t_soap(doc, case, v):
    r = case.rng
    s = case.s
    dpi = doc.dpi
    doc.line([(f"Consultation record - {case.practice}", True, 1.1)])
    doc.line([(f"Patient: {case.name}   DOB: {case.dob_s}   NHS: {case.nhs_s}", False)])
    doc.line(f"Address: {case.addr[0]}, {case.addr[1]} {case.postcode}")
    doc.hrule()
    entries = v.get("entries", 1)
    for e in range(entries, 0, -1):
        latest = e == 1
        when = case.date - dt.timedelta(days=(e - 1) * r.randrange(18, 40))
        wd = fmt_date(when, "dash")
        doc.line([(f"{wd} {r.randrange(8, 17):02d}:{r.choice(['00', '10', '20', '40', '50'])}"
                   f"   {case.gp}   Face to face consultation", True)])
        lab = doc.x0 + mm(12, dpi)
        if latest:
            S = s["hpc"][0] + " " + s["hpc"][1]
            O = s["exam"]
            A = s["assessment"]
            P = s["question"] + f" Referral sent via e-RS ({s['priority'].split(' -')[0]})." \
                " Safety-netting advice given."
        else:
            S = rng_text_earlier(case, r)
            O = f"BP {r.randrange(118, 152)}/{r.randrange(70, 92)}, pulse " \
                f"{r.randrange(60, 92)} regular. Abdomen soft."
            A = "Symptoms not yet explained."
            P = "Bloods requested: FBC, U&E, LFT, CRP, ferritin, coeliac screen. Review " \
                "with results."
        for tag, text in (("S:", S), ("O:", O), ("A:", A), ("P:", P)):
            f = doc.font()
            lines = doc.wrap(text, f, doc.x1 - lab)
            doc.row([(doc.x0, "l", [(tag, True)]), (lab, "l", lines[0])])
            for ln in lines[1:]:
                doc.row([(lab, "l", ln)])
        doc.space(0.6)
        if latest and v.get("results", True):
            doc.line([("Results (most recent)", True)])
            rows = [["Test", "Value", "Units", "Range", "Flag"]] + \
                   [[a, b, c, d, f] for a, b, c, d, f in s["results"]]
            X = doc.x0
            doc.table(rows, [X, X + mm(45, dpi), X + mm(70, dpi), X + mm(100, dpi),
                             X + mm(130, dpi)])
    doc.line([(f"Entered by {case.gp_short} on {case.d(0, 'slash')}", False, 0.85)])


def rng_text_earlier(case, r):
    return r.choice([
        "Medication review. Taking all repeat medicines as prescribed. Blood pressure "
        f"{r.randrange(124, 150)}/{r.randrange(72, 90)}. No side effects reported.",
        f"Seen with {case.his} daughter. Bowels variable, some days constipated and some days "
        "loose. Eating less than usual.",
        "Chronic disease review: foot check normal, HbA1c requested, flu vaccine given.",
        f"Telephone call: {case.he} asked about blood results. Explained that the tests were "
        "mostly normal and a repeat has been booked.",
        f"Attends with {case.his} partner. Several weeks of lower abdominal discomfort and "
        "feeling generally tired. Appetite reduced.",
        f"Telephone review: {case.he} describes ongoing symptoms, worse over the last fortnight. "
        "Keen for further tests.",
        "Reports intermittent nausea and bloating after meals. No vomiting. Sleep disturbed.",
    ])


def t_gp_export(doc, case, v):
    r = case.rng
    s = case.s
    dpi = doc.dpi
    X = doc.x0
    doc.row([(X, "l", [("PATIENT RECORD SUMMARY - REFERRAL ATTACHMENT", True, 1.05)]),
             (doc.x1, "r", [(f"Printed {case.d(0, 'slash')}", False, 0.85)])])
    doc.line([(f"{case.practice}, {case.practice_addr[0]}, {case.practice_addr[1]} "
               f"{case.practice_pc}", False, 0.9)])
    doc.hrule()
    left = [[("Name: ", True), (case.name_upper, False)],
            [("Born: ", True), (case.dob_s, False)],
            [("Gender: ", True), ("Male" if case.sex == "M" else "Female", False)],
            [("NHS No: ", True), (case.nhs_s, False)]]
    right = [[("Address: ", True), (case.addr[0], False)],
             [("", True), (f"{case.addr[1]} {case.postcode}", False)],
             [("Mobile: ", True), (case.phone, False)],
             [("Usual GP: ", True), (case.gp, False)]]
    doc.columns(left, right, xr=X + int(doc.width * 0.5))
    doc.hrule()
    doc.line([("Active Problems", True, 1.05)])
    rows = [["Date", "Problem"]]
    rows.append([case.d(r.randrange(2, 20), "slash"), s["assessment"]])
    for p in case.pmh:
        yr = r.randrange(1995, 2023)
        rows.append([f"{r.randrange(1, 28):02d}/{r.randrange(1, 13):02d}/{yr}",
                     p.split(" (")[0]])
    doc.table(rows, [X, X + mm(30, dpi)])
    doc.line([("Current Repeat Medication", True, 1.05)])
    rows = [["Drug", "Dose", "Directions", "Last issued"]]
    for a, b, c in case.meds:
        rows.append([a, b, c, case.d(r.randrange(3, 60), "slash")])
    doc.table(rows, [X, X + mm(50, dpi), X + mm(78, dpi), X + mm(135, dpi)])
    doc.row([(X, "l", [("Allergies: ", True), (r.choice(["No known drug allergies",
                                                          "Penicillin - rash",
                                                          "Codeine - vomiting"]), False)])])
    doc.space(0.5)
    doc.line([("Test Results (last 3 months)", True, 1.05)])
    rows = [["Date", "Test", "Result", "Units", "Range", "Flag"]]
    for a, b, c, d, f in s["results"]:
        rows.append([case.d(r.randrange(4, 40), "slash"), a, b, c, d, f])
    if v.get("long"):
        for a, b, c, d, f in results_for(case, r, ["Sodium", "Potassium", "Creatinine",
                                                  "ALP", "Bilirubin", "TSH", "Vitamin B12",
                                                  "Folate", "White cell count"], {}):
            rows.append([case.d(r.randrange(40, 90), "slash"), a, b, c, d, f])
    doc.table(rows, [X, X + mm(27, dpi), X + mm(67, dpi), X + mm(88, dpi), X + mm(114, dpi),
                     X + mm(142, dpi)])
    doc.line([("Consultation - referral", True, 1.05)])
    doc.line([(f"{case.d(0, 'slash')}  {case.gp}", False)])
    for p in s["hpc"]:
        doc.para(p)
    doc.para(s["exam"], first="Examination: ")
    doc.para(s["question"], first="Plan: ")
    if v.get("long"):
        doc.line([("Previous consultations", True, 1.05)])
        for k in range(v.get("long")):
            when = case.d(r.randrange(30, 300), "slash")
            doc.line([(f"{when}  {rng_choice_gp(case, r)}", False)])
            doc.para(rng_text_earlier(case, r) + " " + r.choice([
                "Advised simple analgesia and to keep a symptom diary.",
                "Weight recorded. Dietary advice leaflet given.",
                "Will discuss with a colleague and telephone back.",
                "Sick note not required. Review as needed.",
                "Bloods arranged. To book follow-up when results are back.",
                "Discussed diet and fluid intake. Review in four weeks if no better.",
                "Examination unremarkable. Safety-netting advice given."]))
    doc.line([("End of summary", False, 0.85)])


def rng_choice_gp(case, r):
    return r.choice(case.partners)


def t_terse(doc, case, v):
    r = case.rng
    s = case.s
    doc.line([(f"{case.practice} - referral note", True)])
    doc.line(f"{case.last.upper()} {case.first}   {case.nhs_s}   dob {case.dob_s}")
    doc.line(f"{case.date.day}/{case.date.month}/{case.date.strftime('%y')}   "
             f"{case.gp_short}")
    doc.space(0.8)
    doc.line(f"Ref gastro - {s['priority'].split(' -')[0].lower()}.")
    for ln in s["terse"]:
        doc.line(ln)
    doc.space(0.8)
    doc.line(f"Meds: {', '.join(a for a, _, _ in case.meds)}")
    doc.line(f"PMH: {', '.join(p.split(' (')[0] for p in case.pmh)}")
    doc.line("NKDA")
    doc.space(0.8)
    doc.line(f"{case.gp_short}  {case.practice_tel}")


def clinic_letterhead(doc, case):
    dpi = doc.dpi
    doc.row([(doc.x1, "r", [(case.trust, True, 1.2)])], leading=1.15)
    doc.row([(doc.x1, "r", [("Department of Gastroenterology", False, 1.0)])])
    doc.row([(doc.x1, "r", [(f"{case.hospital}, {case.hstreet}", False, 0.9)])])
    doc.row([(doc.x1, "r", [(f"{case.htown} {case.hpc}   Tel: {case.hosp_tel}", False, 0.9)])])
    doc.hrule(gap=0.8)


def t_clinic(doc, case, v):
    r = case.rng
    s = case.s
    dpi = doc.dpi
    clinic_letterhead(doc, case)
    X = doc.x0
    clinic_date = case.date + dt.timedelta(days=r.randrange(14, 40))
    typed = clinic_date + dt.timedelta(days=r.randrange(1, 6))
    cs = case.consultant.split()
    left = [[("Consultant: ", True), (case.consultant, False)],
            [("Secretary: ", True), (f"{r.choice(FIRST_F)} {r.choice(SURNAMES)}", False)],
            [("Direct line: ", True), (phone(r), False)]]
    right = [[("Our ref: ", True), (f"{cs[1][0]}{cs[2][0]}/gi/{case.hosp_no}", False)],
             [("Clinic date: ", True), (fmt_date(clinic_date, "slash"), False)],
             [("Date typed: ", True), (fmt_date(typed, "slash"), False)]]
    doc.columns(left, right, xr=X + int(doc.width * 0.55), scale=0.9)
    doc.line([("PRIVATE AND CONFIDENTIAL", True)])
    for ln in [case.gp, case.practice, case.practice_addr[0],
               f"{case.practice_addr[1]} {case.practice_pc}"]:
        doc.line(ln)
    doc.space(0.8)
    doc.line(f"Dear Dr {case.gp_last},")
    doc.space(0.3)
    doc.line([(f"Re: {case.name_formal}, DOB {case.dob_s}", True)])
    doc.line([(f"NHS No: {case.nhs_s}   Hospital No: {case.hosp_no}", True)])
    doc.line(f"{case.addr[0]}, {case.addr[1]} {case.postcode}")
    doc.space(0.5)
    doc.line([("Diagnosis:", True)])
    for i, d in enumerate(s["diagnoses"], 1):
        doc.row([(X + mm(5, dpi), "l", f"{i}."), (X + mm(11, dpi), "l", d)])
    doc.space(0.3)
    doc.line([("Plan:", True)])
    for i, d in enumerate(s["plan"], 1):
        doc.row([(X + mm(5, dpi), "l", f"{i}."), (X + mm(11, dpi), "l", d)])
    doc.space(0.5)
    doc.para(f"I saw {case.name_formal} in clinic today following your referral with "
             f"{lower_words(s['title'])}. " + s["hpc"][0], justify=v.get("justify", False))
    doc.para(s["hpc"][1] + " " + "On examination: " + s["exam"],
             justify=v.get("justify", False))
    doc.para(f"We discussed the findings and the plan above, which {case.he} was happy with. "
             f"I have given {case.him} written information and the contact details of our "
             "specialist nurses. " + r.choice([
                 "We will write again with the histology results.",
                 "I will see " + case.him + " again in clinic once the tests are complete.",
                 "I have not arranged routine follow up but would be happy to see "
                 + case.him + " again if needed."]), justify=v.get("justify", False))
    if v.get("long"):
        doc.para(f"{case.His} past medical history includes " + ", ".join(
            p.split(" (")[0].lower() for p in case.pmh) + ". " + f"{case.He} lives with "
            f"{case.his} {r.choice(['partner', 'family', 'parents'])}, works as a "
            f"{r.choice(['teacher', 'bus driver', 'nurse', 'software developer', 'chef'])} and "
            "does not smoke.", justify=v.get("justify", False))
        doc.para("The nature of the condition was explained, including the likely need for "
                 "long-term maintenance treatment and the importance of taking it even when "
                 "well. We discussed the small risks of the medication, including rare effects "
                 "on the kidneys, and the need for regular blood tests. I have asked "
                 f"{case.him} to contact the IBD advice line if {case.he} has more than six "
                 "bloody stools a day, fever or severe abdominal pain.",
                 justify=v.get("justify", False))
        doc.line([("Investigations arranged", True)])
        doc.bullets(["Flexible sigmoidoscopy with biopsies (urgent)",
                     "Stool for C. difficile toxin and culture",
                     "Hepatitis B, hepatitis C, HIV and varicella serology before any "
                     "immunosuppression", "TPMT level"])
        doc.line([("Results reviewed in clinic", True)])
        rows = [["Test", "Result", "Units", "Range"]] + [[a, b, c, d] for a, b, c, d, _ in
                                                          s["results"]]
        doc.table(rows, [X, X + mm(50, dpi), X + mm(75, dpi), X + mm(105, dpi)])
        doc.para("Medication on leaving clinic: " + "; ".join(f"{a} {b} {c}" for a, b, c in
                                                               case.meds) + ".")
    doc.line("Yours sincerely,")
    doc.space(2.2)
    doc.line(case.consultant)
    doc.line("Consultant Gastroenterologist")
    doc.space(0.4)
    doc.line([(f"cc: {case.name_formal}, {case.addr[0]}, {case.addr[1]} {case.postcode}",
               False, 0.85)])


DISCHARGES = [
    dict(pc="Melaena and dizziness for two days",
         dx="Upper gastrointestinal bleed secondary to a duodenal ulcer",
         dx2=["Iron deficiency anaemia", "Helicobacter pylori positive"],
         proc="OGD: 12 mm clean-based duodenal ulcer (Forrest III), no active bleeding",
         summary=["Admitted via the emergency department with melaena and a haemoglobin of "
                  "74 g/L. Glasgow-Blatchford score 9. Transfused two units of red cells.",
                  "OGD on day two showed a clean-based duodenal ulcer with no stigmata of "
                  "recent haemorrhage. Biopsy urease test positive for Helicobacter pylori.",
                  "Haemoglobin stable at 96 g/L for 48 hours and tolerating a normal diet."],
         newmeds=[("Omeprazole", "40 mg", "oral", "twice daily", "New"),
                  ("Amoxicillin", "1 g", "oral", "twice daily for 7 days", "New"),
                  ("Clarithromycin", "500 mg", "oral", "twice daily for 7 days", "New"),
                  ("Ferrous fumarate", "210 mg", "oral", "twice daily", "New"),
                  ("Naproxen", "500 mg", "oral", "twice daily", "Stopped")],
         actions=["Please check full blood count in 2 weeks.",
                  "Do not restart naproxen or other NSAIDs.",
                  "Reduce omeprazole to 20 mg once daily after 8 weeks."]),
    dict(pc="Bloody diarrhoea up to twelve times a day",
         dx="Acute severe ulcerative colitis",
         dx2=["Known left-sided ulcerative colitis since 2019"],
         proc="Flexible sigmoidoscopy: continuous inflammation to 40 cm, Mayo 3",
         summary=["Admitted with a flare of ulcerative colitis meeting Truelove and Witts "
                  "criteria for acute severe colitis. Stool cultures and C. difficile "
                  "toxin negative.",
                  "Treated with intravenous hydrocortisone 100 mg four times daily and "
                  "thromboprophylaxis. Responded by day three, with stool frequency down to "
                  "three a day and CRP falling from 86 to 9 mg/L.",
                  "Converted to oral prednisolone and discharged with IBD nurse follow up."],
         newmeds=[("Prednisolone", "40 mg", "oral", "daily, reduce 5 mg weekly",
                   "New"),
                  ("Mesalazine", "4.8 g", "oral", "once daily", "Changed"),
                  ("Adcal-D3", "1 tablet", "oral", "twice daily", "New"),
                  ("Omeprazole", "20 mg", "oral", "once daily while on steroids", "New")],
         actions=["Please monitor blood glucose and blood pressure while on steroids.",
                  "IBD nurse telephone review in 1 week.",
                  "Thiopurine methyltransferase level sent - result to clinic."]),
    dict(pc="Severe epigastric pain radiating to the back with vomiting",
         dx="Acute gallstone pancreatitis (mild)",
         dx2=["Cholelithiasis", "Hypertension"],
         proc="MRCP: gallbladder calculi, common bile duct 6 mm with no stones",
         summary=["Admitted with epigastric pain and a lipase of 2140 U/L. Modified Glasgow "
                  "score 1. Ultrasound showed gallstones with a normal calibre bile duct.",
                  "Managed with intravenous fluids, analgesia and early oral feeding. Liver "
                  "function tests normalised by day four.",
                  "Referred to the upper GI surgeons for an index admission cholecystectomy, "
                  "which was not possible this admission; listed as a priority day case."],
         newmeds=[("Paracetamol", "1 g", "oral", "four times daily as required", "New"),
                  ("Ondansetron", "4 mg", "oral", "up to three times daily", "New"),
                  ("Amlodipine", "5 mg", "oral", "once daily", "Unchanged")],
         actions=["Surgical team will send a date for laparoscopic cholecystectomy.",
                  "Please avoid fatty food advice reinforcement.",
                  "Return to the emergency department if pain, fever or jaundice recur."]),
]


def t_discharge(doc, case, v):
    r = case.rng
    dpi = doc.dpi
    X = doc.x0
    D = DISCHARGES[v.get("which", 0)]
    adm = case.date - dt.timedelta(days=r.randrange(3, 9))
    doc.row([(X, "l", [("DISCHARGE SUMMARY", True, 1.4)]),
             (doc.x1, "r", [(case.hospital, True, 1.0)])], leading=1.3)
    doc.row([(doc.x1, "r", [(case.trust, False, 0.85)])])
    doc.hrule(width_px=max(2, dpi // 100))
    left = [[("Patient: ", True), (case.name_upper, False)],
            [("DOB: ", True), (case.dob_s, False)],
            [("NHS No: ", True), (case.nhs_s, False)],
            [("Hospital No: ", True), (case.hosp_no, False)]]
    right = [[("Admitted: ", True), (fmt_date(adm, "slash"), False)],
             [("Discharged: ", True), (case.d(0, "slash"), False)],
             [("Ward: ", True), (f"Ward {r.randrange(5, 30)} (Gastroenterology)", False)],
             [("Consultant: ", True), (case.consultant, False)]]
    doc.columns(left, right, xr=X + int(doc.width * 0.5))
    doc.row([(X, "l", [("GP: ", True), (f"{case.gp}, {case.practice}", False)])])
    doc.hrule()
    sec = lambda t: doc.line([(t, True, 1.05)])
    sec("Presenting complaint")
    doc.para(D["pc"])
    sec("Diagnosis")
    doc.row([(X, "l", [("Primary: ", True), (D["dx"], False)])])
    for d2 in D["dx2"]:
        doc.row([(X, "l", [("Secondary: ", True), (d2, False)])])
    doc.space(0.4)
    sec("Procedures")
    doc.para(D["proc"])
    sec("Clinical summary")
    for p in D["summary"]:
        doc.para(p)
    if v.get("long"):
        sec("Progress in hospital")
        for k in range(1, v.get("long") + 1):
            note = r.choice([
                "Observations stable. Eating and drinking. Mobilising independently on the "
                "ward. Bloods reviewed and plan discussed with the patient.",
                "Reviewed on the consultant ward round. Pain improved with regular "
                "paracetamol. Continue current management; repeat bloods tomorrow.",
                "Overnight: one episode of nausea, settled with antiemetic. No new concerns. "
                "Fluid balance even. VTE prophylaxis continued.",
                "Seen by the specialist nurse; education given about the diagnosis and "
                "medication. Pharmacy medicines reconciliation completed.",
                "Afebrile, heart rate 70-80. Abdomen soft. Tolerating a light diet. Plan to "
                "step down treatment if improvement continues."])
            doc.para(note, first=f"Day {k}: ")
        sec("Medication on admission")
        rows = [["Drug", "Dose", "Frequency", "Comment"]]
        for a, b, c in case.meds:
            rows.append([a, b, c, "Continued"])
        doc.table(rows, [X, X + mm(48, dpi), X + mm(78, dpi), X + mm(135, dpi)])
        sec("Investigations")
        doc.bullets([f"Chest X-ray {fmt_date(adm, 'slash')}: no acute abnormality.",
                     f"ECG {fmt_date(adm, 'slash')}: sinus rhythm, rate "
                     f"{r.randrange(62, 96)}, normal intervals.",
                     f"Abdominal ultrasound {fmt_date(adm + dt.timedelta(days=1), 'slash')}: "
                     "see procedures above.",
                     "Blood cultures: no growth at 48 hours."])
    sec("Results on discharge")
    rows = [["Test", "Admission", "Discharge", "Units"]]
    for n, a, b, u in [("Haemoglobin", r.randrange(70, 110), r.randrange(92, 125), "g/L"),
                       ("CRP", r.randrange(20, 90), r.randrange(3, 15), "mg/L"),
                       ("Urea", f"{r.uniform(6, 14):.1f}", f"{r.uniform(3, 7):.1f}", "mmol/L"),
                       ("Creatinine", r.randrange(70, 130), r.randrange(60, 100), "umol/L"),
                       ("Albumin", r.randrange(26, 36), r.randrange(30, 40), "g/L")]:
        rows.append([n, str(a), str(b), u])
    doc.table(rows, [X, X + mm(45, dpi), X + mm(75, dpi), X + mm(105, dpi)])
    sec("Medication on discharge")
    rows = [["Drug", "Dose", "Route", "Frequency", "Status"]]
    for m in D["newmeds"]:
        rows.append(list(m))
    for a, b, c in case.meds[:3]:
        rows.append([a, b, "oral", c, "Unchanged"])
    doc.table(rows, [X, X + mm(40, dpi), X + mm(70, dpi), X + mm(84, dpi), X + mm(143, dpi)],
              scale=0.92)
    sec("Actions for GP")
    doc.bullets(D["actions"])
    sec("Follow up")
    doc.para(f"Gastroenterology clinic with {case.consultant} in "
             f"{r.choice(['6', '8', '12'])} weeks. The patient has been given a copy of this "
             "summary.")
    doc.row([(X, "l", [("Completed by: ", True),
                       (f"Dr {r.choice(FIRST_F)} {r.choice(SURNAMES)} (FY1), bleep "
                        f"{r.randrange(1000, 9999)}", False)])])


def t_results(doc, case, v):
    r = case.rng
    s = case.s
    X = doc.x0
    dpi = doc.dpi
    lab = case.htown.upper()
    doc.line([(f"{lab} PATHOLOGY SERVICE", True, 1.15)])
    doc.line(f"{case.hospital}, {case.hstreet}, {case.htown} {case.hpc}")
    doc.line([("CUMULATIVE LABORATORY REPORT", True)])
    doc.hrule()
    col = mm(95, dpi)
    doc.row([(X, "l", f"Patient : {case.name_upper.upper()}"),
             (X + col, "l", f"NHS No : {case.nhs_s}")])
    doc.row([(X, "l", f"DOB     : {case.dob_s}"),
             (X + col, "l", f"Sex    : {case.sex}")])
    if doc.font().getlength(f"Source  : {case.practice}") < col * 0.95:
        doc.row([(X, "l", f"Source  : {case.practice}"),
                 (X + col, "l", f"Hosp No: {case.hosp_no}")])
    else:
        doc.row([(X, "l", f"Source  : {case.practice}")])
        doc.row([(X + col, "l", f"Hosp No: {case.hosp_no}")])
    doc.row([(X, "l", f"Req by  : {case.gp_short}"),
             (X + col, "l", f"Lab No : {case.date.strftime('%y')}H{r.randrange(10000, 99999)}")])
    coll = case.date - dt.timedelta(days=2)
    doc.row([(X, "l", f"Collected: {fmt_date(coll, 'slash')} {r.randrange(8, 12):02d}:"
                      f"{r.randrange(60):02d}"),
             (X + col, "l", f"Received: {fmt_date(coll, 'slash')} {r.randrange(12, 15):02d}:"
                            f"{r.randrange(60):02d}")])
    doc.line(f"Reported: {fmt_date(coll, 'slash')} 17:{r.randrange(60):02d}")
    doc.hrule()
    cols = [X, X + mm(52, dpi), X + mm(75, dpi), X + mm(103, dpi), X + mm(135, dpi)]
    groups = [("HAEMATOLOGY", ["Haemoglobin", "White cell count", "Platelets", "MCV"]),
              ("BIOCHEMISTRY", ["Sodium", "Potassium", "Creatinine", "eGFR", "ALT", "ALP",
                                "Bilirubin", "Albumin", "CRP"]),
              ("HAEMATINICS", ["Ferritin", "Vitamin B12", "Folate"]),
              ("IMMUNOLOGY", ["tTG IgA"])]
    over = {a: float(b) if b.replace(".", "").isdigit() else b
            for a, b, *_ in s["results"]}
    for g, names in groups:
        doc.line([(g, True)])
        rows = [["Test", "Result", "Units", "Ref range", "Flag"]]
        for a, b, c, d, f in results_for(case, r, names, over):
            rows.append([a, b, c, d, f])
        doc.table(rows, cols, header_bold=False, rules=False, after=0.4)
    doc.line([("Comment:", True)])
    doc.para(r.choice(["Results consistent with iron deficiency. Suggest investigation of "
                       "the cause as clinically indicated.",
                       "Please note change of reference range for ALT from 01/04/2024.",
                       "Sample slightly haemolysed; potassium may be falsely raised."]))
    doc.line(f"Authorised by: {r.choice(FIRST_F)[0]}. {r.choice(SURNAMES)}, Biomedical "
             "Scientist")
    doc.line([("*** END OF REPORT ***", False)], align="c")


TEMPLATES = {"dear_dr": t_dear_dr, "ers": t_ers, "proforma": t_proforma, "soap": t_soap,
             "gp_export": t_gp_export, "terse": t_terse, "clinic": t_clinic,
             "discharge": t_discharge, "results": t_results}

# --------------------------------------------------------------------------------------
# The set
# --------------------------------------------------------------------------------------
# fmt: g4 (bilevel Group 4 TIFF), fax (Group 4 TIFF at 204x196), fax300 (sent at fax
# resolution and resampled to 300 dpi, Group 4), jpeg, pdf (JPEG pages), png (greyscale),
# png1 (bilevel PNG).  q: JPEG quality of the file as written.

SET = [
    # name, kind, font, pt, dpi, fmt, q, degradations, variant options
    ("ers-referral-01", "ers", "Liberation Sans", 10, 300, "png", 0, [], dict(scenario="fit")),
    ("ers-referral-02", "ers", "DejaVu Sans", 9, 300, "g4", 0, ["speckle", "skew"],
     dict(scenario="ida")),
    ("ers-referral-03", "ers", "FreeSans", 11, 300, "fax", 0, ["fax", "margin-speckle"],
     dict(scenario="lfts", long=True)),
    ("ers-referral-04", "ers", "Liberation Sans", 9, 300, "pdf", 62,
     ["stamp", "edge-shadow"], dict(scenario="coeliac")),
    ("proforma-lgi-01", "proforma", "Liberation Sans", 10, 300, "pdf", 80, [],
     dict(scenario="fit")),
    ("proforma-lgi-02", "proforma", "DejaVu Sans", 10, 300, "jpeg", 60,
     ["low-contrast", "uneven-illumination"], dict(scenario="ida", tick="tick")),
    ("proforma-ugi-03", "proforma", "FreeSans", 10, 300, "fax300", 0,
     ["fax", "skew", "stamp"], dict(scenario="dysphagia", upper=True)),
    ("proforma-lgi-04", "proforma", "FreeSerif", 11, 300, "pdf", 70,
     ["streaks", "punch-holes", "blur"], dict(scenario="fit")),
    ("letter-dear-dr-01", "dear_dr", "Liberation Serif", 12, 300, "jpeg", 82, [],
     dict(scenario="dysphagia", lh=0)),
    ("letter-dear-dr-02", "dear_dr", "DejaVu Serif", 10, 300, "g4", 0,
     ["skew", "punch-holes"], dict(scenario="ibd", lh=1, justify=True)),
    ("letter-dear-dr-03", "dear_dr", "FreeSerif", 12, 300, "pdf", 72, ["blur", "edge-shadow"],
     dict(scenario="lfts", lh=1, typist=True, long=True)),
    ("letter-dear-dr-04", "dear_dr", "Liberation Serif", 11, 200, "jpeg", 58,
     ["low-res", "jpeg-blocking"], dict(scenario="coeliac", lh=0)),
    ("letter-dear-dr-05", "dear_dr", "FreeSerif", 11, 300, "png1", 0, ["streaks", "scribble"],
     dict(scenario="dyspepsia", lh=0, results=False)),
    ("letter-dear-dr-06", "dear_dr", "DejaVu Serif", 10, 300, "g4", 0, ["rotated-90"],
     dict(scenario="bleed", lh=1)),
    ("letter-dear-dr-07", "dear_dr", "DejaVu Sans", 11, 300, "png", 0, [],
     dict(scenario="ida", lh=1, results=False)),
    ("letterhead-01", "dear_dr", "Liberation Serif", 11, 300, "pdf", 78, [],
     dict(scenario="fit", lh=2, big=True, typist=True)),
    ("letterhead-02", "dear_dr", "DejaVu Serif", 10, 300, "g4", 0, ["stamp", "speckle"],
     dict(scenario="ibd", lh=2, big=True)),
    ("letterhead-03", "dear_dr", "FreeSerif", 11, 300, "pdf", 66,
     ["skew", "edge-shadow", "rotated-180"], dict(scenario="dysphagia", lh=2, big=True,
                                                   justify=True, rotate_page=2)),
    ("soap-note-01", "soap", "Liberation Mono", 10, 300, "g4", 0, [],
     dict(scenario="dyspepsia")),
    ("soap-note-02", "soap", "DejaVu Sans Mono", 9, 300, "jpeg", 64, ["speckle", "blur"],
     dict(scenario="coeliac", entries=2)),
    ("soap-note-03", "soap", "FreeMono", 11, 300, "pdf", 70, ["low-contrast"],
     dict(scenario="bleed", results=False)),
    ("soap-note-04", "soap", "Liberation Serif", 10, 200, "g4", 0, ["low-res", "skew"],
     dict(scenario="lfts", entries=2)),
    ("gp-export-01", "gp_export", "DejaVu Sans", 9, 300, "pdf", 80, [],
     dict(scenario="ida", long=24)),
    ("gp-export-02", "gp_export", "Liberation Sans", 9, 300, "g4", 0,
     ["skew", "margin-speckle", "punch-holes"], dict(scenario="fit", long=26)),
    ("gp-export-03", "gp_export", "FreeSans", 10, 300, "jpeg", 56,
     ["jpeg-blocking", "uneven-illumination"], dict(scenario="ibd")),
    ("gp-export-04", "gp_export", "Liberation Mono", 9, 300, "fax", 0, ["fax", "speckle"],
     dict(scenario="coeliac")),
    ("gp-export-05", "gp_export", "DejaVu Sans Mono", 9, 300, "jpeg", 62,
     ["skew", "margin-speckle"], dict(scenario="lfts")),
    ("terse-note-01", "terse", "DejaVu Sans Mono", 10, 300, "png", 0, [],
     dict(scenario="fit")),
    ("terse-note-02", "terse", "Liberation Sans", 11, 300, "jpeg", 75, ["rotated-180"],
     dict(scenario="dyspepsia")),
    ("terse-note-03", "terse", "FreeMono", 12, 300, "fax300", 0, ["fax", "streaks"],
     dict(scenario="ibd")),
    ("clinic-letter-01", "clinic", "Liberation Sans", 10, 300, "jpeg", 85, [],
     dict(scenario="ida")),
    ("clinic-letter-02", "clinic", "DejaVu Sans", 10, 300, "pdf", 68,
     ["uneven-illumination", "blur"], dict(scenario="ibd", long=True)),
    ("clinic-letter-03", "clinic", "Liberation Serif", 10, 300, "png", 0,
     ["punch-holes", "low-contrast"], dict(scenario="coeliac", justify=True)),
    ("clinic-letter-04", "clinic", "FreeSans", 9, 300, "g4", 0, ["margin-speckle", "scribble"],
     dict(scenario="dysphagia")),
    ("discharge-01", "discharge", "DejaVu Sans", 9, 300, "pdf", 78, [], dict(which=0, long=9)),
    ("discharge-02", "discharge", "Liberation Sans", 10, 300, "g4", 0, ["streaks", "skew"],
     dict(which=1, long=4)),
    ("discharge-03", "discharge", "DejaVu Serif", 10, 200, "pdf", 60,
     ["low-res", "jpeg-blocking", "edge-shadow"], dict(which=2, long=5)),
    ("results-01", "results", "Liberation Mono", 10, 300, "png1", 0, [],
     dict(scenario="ida")),
    ("results-02", "results", "DejaVu Sans Mono", 9, 300, "jpeg", 70,
     ["low-contrast", "speckle"], dict(scenario="lfts")),
    ("results-03", "results", "FreeMono", 10, 300, "fax", 0, ["fax", "skew", "scribble"],
     dict(scenario="coeliac")),
]

FMT_NAMES = {"g4": "TIFF bilevel Group 4", "fax": "TIFF bilevel Group 4, fax fine mode",
             "fax300": "TIFF bilevel Group 4, fax resampled to 300 dpi",
             "jpeg": "JPEG greyscale q{q}", "pdf": "PDF of greyscale JPEG pages q{q}",
             "png": "PNG greyscale", "png1": "PNG bilevel"}
EXT = {"g4": "tiff", "fax": "tiff", "fax300": "tiff", "jpeg": "jpg", "pdf": "pdf",
       "png": "png", "png1": "png"}


def build_doc(idx, name, kind, family, pt, dpi, fmt, options):
    rng = random.Random(MASTER_SEED * 100 + idx)
    case = Case(rng, scenario=options.get("scenario"))
    margins = (25, 20, 15, 20)
    cont = None
    footer = None
    if kind in ("dear_dr", "clinic"):
        margins = (27, 22, 16, 24)
        cont = cont_header_factory(case, 0)
        footer = footer_page_of()
    elif kind in ("gp_export", "discharge"):
        cont = cont_header_factory(case, 1)
        footer = footer_page_of(f"{case.practice if kind == 'gp_export' else case.trust}"
                                " - confidential")
    elif kind == "ers":
        footer = footer_page_of(f"UBRN {case.ubrn}")
        cont = cont_header_factory(case, 1)
    elif kind in ("soap", "results"):
        cont = cont_header_factory(case, 0)
    if fmt in ("fax", "fax300"):
        margins = (margins[0], margins[1], margins[2] + 6, margins[3])
    if "punch-holes" in DEGS_OF.get(name, []):
        margins = (max(margins[0], 28),) + margins[1:]
    doc = Doc(family, pt, dpi, margins=margins, cont_header=cont, footer=footer,
              leading=1.24 if kind != "results" else 1.15)
    TEMPLATES[kind](doc, case, options)
    pages = doc.finish()
    return case, pages


DEGS_OF = {s[0]: s[7] for s in SET}

# --------------------------------------------------------------------------------------
# Degradations (numpy arrays, float32, 0 = black, 255 = white)
# --------------------------------------------------------------------------------------


def lowfreq(rng, shape, cells=(6, 8), lo=0.0, hi=1.0):
    small = rng_np(rng).uniform(lo, hi, size=cells).astype(np.float32)
    im = Image.fromarray(small, mode="F").resize((shape[1], shape[0]), Image.BICUBIC)
    return np.clip(np.asarray(im, dtype=np.float32), min(lo, hi), max(lo, hi))


def draw_stamp(rng, page_ink, dpi, case):
    """A rubber stamp ('RECEIVED ...') on the paper, in a margin or whitespace.
    Returns an ink-darkness layer (0..1)."""
    H, W = page_ink.shape
    fam = "DejaVu Sans"
    f1 = get_font(fam, True, 14 * dpi / 72)
    f2 = get_font(fam, True, 11 * dpi / 72)
    recv = case.date + dt.timedelta(days=rng.randrange(1, 6))
    lines = [(rng.choice(["RECEIVED", "SCANNED", "RECEIVED"]), f1),
             (f"{recv.day:02d} {MONTHS[recv.month - 1].upper()} {recv.year}", f2),
             (rng.choice(["GASTROENTEROLOGY", "BOOKING CENTRE", "REFERRALS HUB"]), f2)]
    pad = int(0.3 * f1.size)
    w = int(max(f.getlength(t) for t, f in lines)) + 2 * pad
    h = int(sum(f.size * 1.25 for _, f in lines)) + 2 * pad
    im = Image.new("L", (w + 20, h + 20), 0)
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([10, 10, 10 + w, 10 + h], radius=pad, outline=255,
                        width=max(3, dpi // 60))
    y = 10 + pad
    for t, f in lines:
        d.text((10 + w / 2, y), t, font=f, fill=255, anchor="ma")
        y += f.size * 1.25
    ang = rng.choice([-1, 1]) * rng.uniform(6, 16)
    im = im.rotate(ang, resample=Image.BICUBIC, expand=True)
    a = np.asarray(im, dtype=np.float32) / 255.0
    # uneven inking
    a *= lowfreq(rng, a.shape, (4, 6), 0.55, 1.0)
    a *= (rng_np(rng).random(a.shape) > 0.08)
    # place where it overlaps the least ink, in the upper third or the bottom area
    best = None
    ink = page_ink
    for _ in range(60):
        y0 = rng.choice([rng.randrange(0, max(1, H // 3 - a.shape[0])),
                         rng.randrange(H * 2 // 3, max(H * 2 // 3 + 1, H - a.shape[0]))])
        x0 = rng.randrange(W // 3, max(W // 3 + 1, W - a.shape[1] - 20))
        ov = float(ink[y0:y0 + a.shape[0], x0:x0 + a.shape[1]].sum())
        if best is None or ov < best[0]:
            best = (ov, y0, x0)
    _, y0, x0 = best
    layer = np.zeros_like(page_ink)
    hh, ww = min(a.shape[0], H - y0), min(a.shape[1], W - x0)
    layer[y0:y0 + hh, x0:x0 + ww] = a[:hh, :ww]
    return layer * rng.uniform(0.55, 0.75)


def catmull_rom(pts, n=10):
    out = []
    pts = [pts[0]] + pts + [pts[-1]]
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = (np.array(pts[j], dtype=float) for j in (i - 1, i, i + 1, i + 2))
        for t in np.linspace(0, 1, n, endpoint=False):
            t2, t3 = t * t, t * t * t
            q = 0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                       + (-p0 + 3 * p1 - 3 * p2 + p3) * t3)
            out.append((float(q[0]), float(q[1])))
    out.append(tuple(pts[-2]))
    return out


def pen_word(rng, x, y, xh, n_letters, slant=0.35):
    """Control points of a cursive-looking word (not real letters) starting at (x, y)."""
    pts = [(x - xh * 0.3, y - xh * 0.2)]
    cx = x
    for _ in range(n_letters):
        kind = rng.choices(["hump", "loop", "tall", "desc", "o", "dip"], [4, 3, 2, 1, 2, 2])[0]
        w = xh * rng.uniform(0.55, 0.95)
        if kind == "hump":
            seg = [(0.15, -1.0), (0.5, 0.0)]
        elif kind == "loop":
            seg = [(0.65, -0.9), (0.3, -0.75), (0.8, 0.0)]
        elif kind == "tall":
            seg = [(0.75, -2.3), (0.35, -2.0), (0.6, 0.0)]
        elif kind == "desc":
            seg = [(0.5, -0.8), (0.6, 1.3), (0.25, 1.05), (0.9, 0.0)]
        elif kind == "o":
            seg = [(0.8, -1.0), (0.15, -0.85), (0.3, 0.0), (0.9, -0.8)]
        else:
            seg = [(0.3, -0.9), (0.5, -0.1), (0.85, -0.9), (1.0, -0.2)]
        for fx, fy in seg:
            pts.append((cx + fx * w + rng.gauss(0, xh * 0.07),
                        y + fy * xh + rng.gauss(0, xh * 0.07)))
        cx += w
    path = catmull_rom(pts, 10)
    return [(px + (y - py) * slant, py) for px, py in path], cx


def handwriting(rng, d, x, y, xh, words, lw, fill=255):
    cx = x
    for n in words:
        path, cx = pen_word(rng, cx, y + rng.gauss(0, xh * 0.1), xh, n)
        d.line(path, fill=fill, width=lw, joint="curve")
        cx += xh * rng.uniform(1.0, 1.6)
    return cx


def text_lines(ink):
    """(top, bottom, left, right) of the rows of typed text found in an ink map."""
    rows = ink.max(axis=1) > 0.4
    out, start = [], None
    for i, r in enumerate(rows):
        if r and start is None:
            start = i
        elif not r and start is not None:
            if i - start > 8:
                cols = np.nonzero(ink[start:i].max(axis=0) > 0.4)[0]
                out.append((start, i, int(cols[0]), int(cols[-1])))
            start = None
    return out


def draw_scribbles(rng, page_ink, dpi):
    """Pen marks: a handwritten-looking note in the top margin, a bar and a word in the left
    margin, a circled query in the right margin, an underline beneath one typed line and a
    signature-like flourish at the foot.  Not letters of any alphabet; not ground truth."""
    H, W = page_ink.shape
    im = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(im)
    lw = max(2, int(round(dpi / 95)))
    xh = mm(2.3, dpi)
    # note in the top margin
    handwriting(rng, d, rng.randrange(W // 3, W // 2), mm(rng.uniform(8, 11), dpi), xh,
                [rng.randrange(3, 7) for _ in range(rng.randrange(2, 4))], lw)
    # bar + short word in the left margin
    y0 = rng.randrange(H // 4, H // 2)
    xm = mm(rng.uniform(14, 18), dpi)
    d.line(catmull_rom([(xm, y0), (xm - mm(0.8, dpi), y0 + mm(18, dpi)),
                        (xm - mm(1.5, dpi), y0 + mm(36, dpi))], 8), fill=255, width=lw)
    handwriting(rng, d, mm(4, dpi), y0 + mm(44, dpi), mm(1.8, dpi), [rng.randrange(2, 4)], lw)
    # circled query mark in the right margin
    cx, cy = W - mm(11, dpi), rng.randrange(H // 2, H * 3 // 4)
    ring = [(cx + mm(7, dpi) * math.cos(t) + rng.gauss(0, 2),
             cy + mm(5, dpi) * math.sin(t) + rng.gauss(0, 2))
            for t in np.linspace(0.3, 2 * math.pi + 0.9, 40)]
    d.line(ring, fill=255, width=lw, joint="curve")
    d.line(catmull_rom([(cx - mm(2, dpi), cy - mm(2.5, dpi)), (cx, cy - mm(3, dpi)),
                        (cx + mm(1.5, dpi), cy - mm(1.5, dpi)), (cx, cy),
                        (cx, cy + mm(1.5, dpi))], 8), fill=255, width=lw)
    d.ellipse([cx - lw, cy + mm(2.6, dpi), cx + lw, cy + mm(2.6, dpi) + 2 * lw], fill=255)
    # underline beneath one typed line
    lines = [t for t in text_lines(page_ink) if H * 0.3 < t[0] < H * 0.8]
    if lines:
        top, bot, left, right = rng.choice(lines)
        yb = bot + mm(0.8, dpi)
        x1 = left + (right - left) * rng.uniform(0.4, 0.9)
        d.line(catmull_rom([(left - mm(1, dpi), yb + rng.gauss(0, 2)),
                            ((left + x1) / 2, yb + mm(0.6, dpi)),
                            (x1, yb - mm(0.4, dpi))], 12), fill=255, width=lw)
    # signature-like flourish at the foot of the page
    sx = rng.randrange(mm(30, dpi), W // 2)
    sy = H - mm(rng.uniform(7, 10), dpi)
    ex = handwriting(rng, d, sx, sy, mm(3.2, dpi), [rng.randrange(4, 8), rng.randrange(3, 6)],
                     lw)
    d.line(catmull_rom([(sx - mm(3, dpi), sy + mm(2.5, dpi)), ((sx + ex) / 2, sy + mm(3.5, dpi)),
                        (ex + mm(4, dpi), sy + mm(1, dpi))], 12), fill=255, width=lw)
    a = np.asarray(im, dtype=np.float32) / 255.0
    return a * rng.uniform(0.7, 0.9)


def punch_holes(rng, img, dpi, paper):
    H, W = img.shape
    r = mm(rng.uniform(2.8, 3.2), dpi)
    cx = mm(rng.uniform(10, 13), dpi)
    yy, xx = np.mgrid[0:H, 0:cx + 2 * r]
    dark = rng.random() < 0.6
    for cy in (H // 2 - mm(40, dpi), H // 2 + mm(40, dpi)):
        dist = np.sqrt((yy - cy) ** 2 + (xx - cx) ** 2)
        m = np.clip((r - dist) / 2.0 + 0.5, 0, 1)
        sub = img[:, :cx + 2 * r]
        if dark:
            hole = rng.uniform(25, 60)
            sub[:] = sub * (1 - m) + hole * m
        else:  # white lid: light hole with a shadow crescent
            sh = np.clip((r - np.sqrt((yy - cy - r * 0.25) ** 2 + (xx - cx) ** 2)) / 2.0 + 0.5,
                         0, 1)
            ring = np.clip(m - sh, 0, 1)
            sub[:] = sub * (1 - m) + 235 * m
            sub[:] = sub * (1 - ring) + 90 * ring
    return img


def streaks(rng, img, dpi):
    H, W = img.shape
    for _ in range(rng.randrange(2, 6)):
        x = rng.randrange(mm(8, dpi), W - mm(8, dpi))
        w = rng.randrange(1, max(2, dpi // 90))
        y0 = rng.choice([0, rng.randrange(0, H // 2)])
        y1 = rng.choice([H, rng.randrange(H // 2, H)])
        prof = lowfreq(rng, (y1 - y0, 1), (12, 1), 0.25, 0.8)[:, 0]
        for k in range(w):
            if 0 <= x + k < W:
                img[y0:y1, x + k] *= (1 - prof)
    # a broad faint toner band
    x = rng.randrange(W // 5, W * 4 // 5)
    bw = rng.randrange(mm(3, dpi), mm(8, dpi))
    band = np.exp(-((np.arange(W) - x) / bw) ** 2)[None, :] * rng.uniform(0.08, 0.18)
    img *= (1 - band)
    return img


def edge_shadow(rng, img, dpi):
    H, W = img.shape
    side = rng.choice(["left", "right"])
    w = mm(rng.uniform(6, 14), dpi)
    a = rng.uniform(0.55, 0.85)
    x = np.arange(W, dtype=np.float32)
    d = x if side == "left" else (W - 1 - x)
    wobble = lowfreq(rng, (H, 1), (8, 1), 0.8, 1.25)
    prof = a * np.exp(-d[None, :] / (w * wobble))
    img *= (1 - prof)
    # black strip beyond the paper edge
    strip = mm(rng.uniform(1.5, 4), dpi)
    if side == "left":
        img[:, :strip] = np.minimum(img[:, :strip], rng.uniform(10, 40))
    else:
        img[:, W - strip:] = np.minimum(img[:, W - strip:], rng.uniform(10, 40))
    # lid not closed: darkening along the top edge
    t = mm(rng.uniform(3, 8), dpi)
    y = np.arange(H, dtype=np.float32)[:, None]
    img *= (1 - rng.uniform(0.3, 0.6) * np.exp(-y / t))
    return img


def degrade(pages, degs, dpi, rng, case, quality_profile):
    """pages: list of (PIL L image, gt).  Returns greyscale numpy arrays (uint8)."""
    out = []
    clean = not degs
    for pi, page in enumerate(pages):
        base = np.asarray(page["img"], dtype=np.float32)
        ink = (255.0 - base) / 255.0           # 0..1 darkness of the typed text
        H, W = ink.shape
        paper = rng.uniform(238, 250) if "low-contrast" not in degs else rng.uniform(215, 232)
        if "low-contrast" in degs:
            toner = rng.uniform(95, 130) + lowfreq(rng, ink.shape, (5, 7), 0, 45)
        else:
            toner = rng.uniform(8, 30)
        layers = ink.copy()
        if "stamp" in degs and pi == 0:
            layers = np.maximum(layers, draw_stamp(rng, ink, dpi, case))
        if "scribble" in degs and pi == 0:
            layers = np.maximum(layers, draw_scribbles(rng, ink, dpi))
        img = paper - (paper - toner) * layers
        if "streaks" in degs:
            img = streaks(rng, img, dpi)
        if "punch-holes" in degs:
            img = punch_holes(rng, img, dpi, paper)
        if "skew" in degs:
            ang = rng.choice([-1, 1]) * rng.uniform(0.4, 1.5)
            im = Image.fromarray(img.astype(np.float32), mode="F")
            img = np.asarray(im.rotate(ang, resample=Image.BICUBIC, fillcolor=float(paper)),
                             dtype=np.float32).copy()
        rot = None
        if "rotated-90" in degs:
            rot = Image.ROTATE_90 if pi == 0 else None
        if "rotated-180" in degs:
            target = quality_profile.get("rotate_page", 1)
            rot = Image.ROTATE_180 if pi + 1 == target else None
        if rot is not None:
            img = np.asarray(Image.fromarray(img, mode="F").transpose(rot),
                             dtype=np.float32).copy()
            H, W = img.shape
        # ---- scanner ----
        if "uneven-illumination" in degs:
            f = lowfreq(rng, img.shape, (3, 4), 0.0, 1.0)
            yy = np.linspace(0, 1, img.shape[0], dtype=np.float32)[:, None]
            xx = np.linspace(0, 1, img.shape[1], dtype=np.float32)[None, :]
            cx, cy = rng.choice([(0, 0), (1, 0), (0, 1), (1, 1)])
            g = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / 1.41
            img *= 1 - rng.uniform(0.25, 0.4) * (0.6 * (1 - g) + 0.4 * f)
        if "edge-shadow" in degs:
            img = edge_shadow(rng, img, dpi)
        if "blur" in degs:
            radius = rng.uniform(1.1, 1.6) * dpi / 300
            img = gaussian_blur(img, radius)
        else:
            # every scanner smears a little
            img = gaussian_blur(img, 0.45 * dpi / 300)
        noise = quality_profile.get("noise", 1.5)
        if noise:
            img += rng_np(rng).normal(0, noise, img.shape).astype(np.float32)
        if "speckle" in degs:
            img = speckle(rng, img, dpi, density=rng.uniform(1.2e-3, 2.4e-3))
        if "margin-speckle" in degs:
            img = margin_speckle(rng, img, dpi)
        out.append(np.clip(img, 0, 255).astype(np.uint8))
    return out


def gaussian_blur(img, sigma):
    """Separable Gaussian blur of a float array (edges replicated)."""
    r = max(1, int(math.ceil(3 * sigma)))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k = (k / k.sum()).astype(np.float32)
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (r, r)
        p = np.pad(img, pad, mode="edge")
        acc = np.zeros_like(img)
        n = img.shape[axis]
        for i, w in enumerate(k):
            acc += w * (p[i:i + n, :] if axis == 0 else p[:, i:i + n])
        img = acc
    return img


def rng_np(rng):
    return np.random.default_rng(rng.randrange(2 ** 32))


def speckle(rng, img, dpi, density):
    H, W = img.shape
    g = rng_np(rng)
    n = int(H * W * density / 4)
    for size in (1, 2, 3):
        ys = g.integers(0, H - size, n // size)
        xs = g.integers(0, W - size, n // size)
        val = g.uniform(0, 70, len(ys)).astype(np.float32)
        for dy in range(size):
            for dx in range(size):
                img[ys + dy, xs + dx] = np.minimum(img[ys + dy, xs + dx], val)
    # salt: white dropouts (visible inside strokes)
    ys = g.integers(0, H - 2, n)
    xs = g.integers(0, W - 2, n)
    img[ys, xs] = 245
    img[ys + 1, xs] = np.maximum(img[ys + 1, xs], 230)
    return img


def margin_speckle(rng, img, dpi):
    H, W = img.shape
    g = rng_np(rng)
    n = int(H * W * rng.uniform(1.5e-3, 3e-3))
    lam = mm(rng.uniform(4, 8), dpi)
    # distance from the nearest edge ~ exponential
    d = g.exponential(lam, n)
    side = g.integers(0, 4, n)
    pos = g.uniform(0, 1, n)
    ys = np.where(side == 0, d, np.where(side == 1, H - 1 - d, pos * (H - 1)))
    xs = np.where(side == 2, d, np.where(side == 3, W - 1 - d, pos * (W - 1)))
    ys = np.clip(ys.astype(int), 0, H - 3)
    xs = np.clip(xs.astype(int), 0, W - 3)
    size = g.integers(1, 4, n)
    val = g.uniform(0, 90, n).astype(np.float32)
    for s in (1, 2, 3):
        sel = size >= s
        for dy in range(s):
            img[ys[sel] + dy, xs[sel] + s - 1] = np.minimum(img[ys[sel] + dy, xs[sel] + s - 1],
                                                           val[sel])
            img[ys[sel] + s - 1, xs[sel] + dy] = np.minimum(img[ys[sel] + s - 1, xs[sel] + dy],
                                                           val[sel])
    return img


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------

def to_bilevel(arr, thresh):
    return Image.fromarray(((arr > thresh) * 255).astype(np.uint8), mode="L").convert(
        "1", dither=Image.Dither.NONE)


def fax_resample(arr, dpi_in):
    """Grey page at dpi_in -> fax fine resolution 204 x 196 dpi, bilevel."""
    H, W = arr.shape
    w = int(round(W * 204 / dpi_in))
    h = int(round(H * 196 / dpi_in))
    small = Image.fromarray(arr, mode="L").resize((w, h), Image.BOX)
    return small


def jpeg_bytes(arr, q, dpi, pre_q=None):
    im = Image.fromarray(arr, mode="L")
    if pre_q:
        b = io.BytesIO()
        im.save(b, "JPEG", quality=pre_q)
        b.seek(0)
        im = Image.open(b).convert("L")
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, dpi=(dpi, dpi), optimize=True)
    return b.getvalue()


def write_file(path, arrs, fmt, q, dpi, degs, rng, name):
    info = {}
    if fmt in ("g4", "fax", "fax300"):
        frames = []
        for a in arrs:
            if fmt == "g4":
                t = 150 if "low-contrast" not in degs else 175
                frames.append(to_bilevel(a, t))
                info["dpi"] = f"{dpi}"
            else:
                small = np.asarray(fax_resample(a, dpi))
                bl = to_bilevel(small, 150)
                if fmt == "fax300":
                    H, W = a.shape
                    bl = bl.convert("L").resize((W, H), Image.NEAREST).convert(
                        "1", dither=Image.Dither.NONE)
                    info["dpi"] = f"{dpi} (from 204x196)"
                else:
                    info["dpi"] = "204x196"
                frames.append(bl)
        res = (dpi, dpi) if fmt in ("g4", "fax300") else (204, 196)
        frames[0].save(path, "TIFF", compression="group4", dpi=res, save_all=True,
                       append_images=frames[1:])
    elif fmt == "jpeg":
        assert len(arrs) == 1
        pre = rng.randrange(22, 32) if "jpeg-blocking" in degs else None
        with open(path, "wb") as fh:
            fh.write(jpeg_bytes(arrs[0], q, dpi, pre))
        info["dpi"] = f"{dpi}"
    elif fmt == "pdf":
        import img2pdf
        pre = rng.randrange(22, 32) if "jpeg-blocking" in degs else None
        jp = [jpeg_bytes(a, q, dpi, pre) for a in arrs]
        with open(path, "wb") as fh:
            # the internal engine writes byte-identical files run after run
            fh.write(img2pdf.convert(jp, nodate=True, engine=img2pdf.Engine.internal))
        info["dpi"] = f"{dpi}"
    elif fmt == "png":
        a = arrs[0].copy()
        # scanner background suppression: the paper tone becomes flat (white when clean)
        bg = float(np.percentile(a, 60))
        a[a >= bg - 6] = 255 if not degs else int(bg)
        Image.fromarray(a, mode="L").save(path, "PNG", dpi=(dpi, dpi), optimize=True)
        info["dpi"] = f"{dpi}"
    elif fmt == "png1":
        to_bilevel(arrs[0], 150).save(path, "PNG", dpi=(dpi, dpi), optimize=True)
        info["dpi"] = f"{dpi}"
    return info


def fax_header(page, case, dpi, i, n, rng_seed):
    """Transmission header line drawn by the sending fax machine, at the very top."""
    d = page["draw"]
    f = get_font("DejaVu Sans Mono", False, 8 * dpi / 72)
    rr = random.Random(rng_seed)
    t = f"{fmt_date(case.date, 'dash').upper()} {rr.randrange(9, 17):02d}:" \
        f"{rr.randrange(60):02d}  FROM:{case.practice.upper()}  " \
        f"{case.practice_fax}"
    pg = f"P.{i:03d}/{n:03d}"
    y = mm(6, dpi)
    d.text((mm(8, dpi), y), t, font=f, fill=0, anchor="ls")
    d.text((page["img"].width - mm(8, dpi), y), pg, font=f, fill=0, anchor="rs")
    page["gt"].insert(0, norm_line(t + " " + pg))


def main():
    args = sys.argv[1:]
    if "--table" in args:
        print("| File | Pages | Kind | Font | Size | Resolution | Format | Degradations |")
        print("|---|---|---|---|---|---|---|---|")
    manifest = []
    total_pages = 0
    only = [a for a in args if not a.startswith("--")]
    for idx, (name, kind, family, pt, dpi, fmt, q, degs, opts) in enumerate(SET):
        if only and name not in only:
            continue
        case, pages = build_doc(idx, name, kind, family, pt, dpi, fmt, opts)
        fname = f"{name}.{EXT[fmt]}"
        if fmt in ("fax", "fax300"):
            for i, p in enumerate(pages):
                fax_header(p, case, dpi, i + 1, len(pages), idx * 7)
        gts = ["\n".join(p["gt"]) + "\n" for p in pages]
        total_pages += len(pages)
        rng = random.Random(MASTER_SEED * 1000 + idx)
        if "--table" in args:
            fmt_s = FMT_NAMES[fmt].format(q=q)
            res = {"fax": "204x196", "fax300": "300 (via 204x196)"}.get(fmt, str(dpi))
            print(f"| {fname} | {len(pages)} | {kind} | {family} | {pt} pt | {res} | {fmt_s} |"
                  f" {', '.join(degs) or 'near-clean'} |")
            continue
        profile = {"noise": 0.8 if fmt in ("png", "png1") and not degs else
                   (1.5 if not degs else 2.5),
                   "rotate_page": opts.get("rotate_page", 1)}
        arrs = degrade(pages, degs, dpi, rng, case, profile)
        write_file(os.path.join(HERE, fname), arrs, fmt, q, dpi, degs, rng, name)
        with open(os.path.join(HERE, f"{name}.gt.txt"), "w", encoding="utf-8") as fh:
            fh.write("\x0c".join(gts))
        entry = {"file": fname, "degradations": degs, "pages": len(pages), "kind": kind,
                 "font": family, "size_pt": pt,
                 "dpi": {"fax": "204x196", "fax300": "300 (sent at 204x196)"}.get(fmt, dpi),
                 "format": FMT_NAMES[fmt].format(q=q)}
        if "rotated-180" in degs:
            entry["rotated_pages"] = [opts.get("rotate_page", 1)]
        if "rotated-90" in degs:
            entry["rotated_pages"] = [1]
        manifest.append(entry)
        print(f"{fname}: {len(pages)} page(s) {', '.join(degs) or 'near-clean'}", flush=True)
    if "--table" not in args and not only:
        with open(os.path.join(HERE, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=1)
            fh.write("\n")
        print(f"{len(manifest)} files, {total_pages} pages")


if __name__ == "__main__":
    main()
