"""reportlab page builder that records the exact ground truth of every string it draws.

Ground-truth rules enforced here:
  * every drawn string is recorded in drawing order, which the layouts keep equal to reading order;
  * strings drawn on one baseline by `row` are recorded as ONE line joined by single spaces;
  * a two-column block (begin_cols/next_col/end_cols) is recorded column by column;
  * runs of whitespace collapse to one space; graphics (rules, boxes, ticks, logos,
    signatures, barcodes) are never recorded.
`validate()` checks that the recorded order really is top-to-bottom (strictly descending
baselines outside column blocks, columns side by side without horizontal overlap).
"""
import io
import random
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.graphics.barcode import code128

W, H = A4
MM = 72 / 25.4

_FONTS = {
    "LibSans": "liberation2/LiberationSans-Regular", "LibSans-B": "liberation2/LiberationSans-Bold",
    "LibSans-I": "liberation2/LiberationSans-Italic",
    "LibSerif": "liberation2/LiberationSerif-Regular", "LibSerif-B": "liberation2/LiberationSerif-Bold",
    "LibSerif-I": "liberation2/LiberationSerif-Italic",
    "LibMono": "liberation2/LiberationMono-Regular", "LibMono-B": "liberation2/LiberationMono-Bold",
    "LibMono-I": "liberation2/LiberationMono-Italic",
    "DVSans": "dejavu/DejaVuSans", "DVSans-B": "dejavu/DejaVuSans-Bold", "DVSans-I": "dejavu/DejaVuSans-Oblique",
    "DVSerif": "dejavu/DejaVuSerif", "DVSerif-B": "dejavu/DejaVuSerif-Bold", "DVSerif-I": "dejavu/DejaVuSerif-Italic",
    "DVCond": "dejavu/DejaVuSansCondensed", "DVCond-B": "dejavu/DejaVuSansCondensed-Bold",
    "DVCond-I": "dejavu/DejaVuSansCondensed-Oblique",
    "DVMono": "dejavu/DejaVuSansMono", "DVMono-B": "dejavu/DejaVuSansMono-Bold", "DVMono-I": "dejavu/DejaVuSansMono-Oblique",
    "FreeSans": "freefont/FreeSans", "FreeSans-B": "freefont/FreeSansBold", "FreeSans-I": "freefont/FreeSansOblique",
    "FreeSerif": "freefont/FreeSerif", "FreeSerif-B": "freefont/FreeSerifBold", "FreeSerif-I": "freefont/FreeSerifItalic",
    "FreeMono": "freefont/FreeMono", "FreeMono-B": "freefont/FreeMonoBold", "FreeMono-I": "freefont/FreeMonoOblique",
}
for _k, _v in _FONTS.items():
    pdfmetrics.registerFont(TTFont(_k, f"/usr/share/fonts/truetype/{_v}.ttf"))


def family(name):
    return dict(r=name, b=name + "-B", i=name + "-I")


PROP_FAMILIES = ["LibSans", "LibSerif", "DVSans", "DVSerif", "DVCond", "FreeSans", "FreeSerif"]
MONO_FAMILIES = ["LibMono", "DVMono", "FreeMono"]


def norm(s):
    return " ".join(str(s).split())


def wrap(text, font, size, width):
    words = norm(text).split(" ")
    lines, cur = [], ""
    for w in words:
        t = (cur + " " + w) if cur else w
        if stringWidth(t, font, size) <= width or not cur:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def fit(text, font, size, width):
    """Drop trailing words until the text fits (what is drawn is what is recorded)."""
    t = norm(text)
    while t and stringWidth(t, font, size) > width:
        if " " in t:
            t = t.rsplit(" ", 1)[0].rstrip(",;:-")
        else:
            t = t[:-1]
    return t


class LayoutError(Exception):
    pass


class Doc:
    def __init__(self, fam, size=10, left=22, right=18, top=18, bottom=20, header=None, footer=None,
                 total=None, seed=0):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, pageCompression=1, invariant=1)
        self.fam, self.size = fam, size
        self.L, self.R = left * MM, W - right * MM
        self.top, self.bottom = H - top * MM, bottom * MM
        self.header, self.footer, self.total = header, footer, total
        self.pages, self.recs = [], []
        self.blk, self.blkid, self.in_footer = None, 0, False
        self.grng = random.Random(seed)  # for graphics (signatures)
        self._start()

    # ---------------------------------------------------------------- pages
    def _start(self):
        self.pages.append([])
        self.recs.append([])
        self.y = self.top
        if self.header:
            self.header(self, len(self.pages))

    def _end(self):
        if self.footer:
            self.in_footer = True
            self.footer(self, len(self.pages), self.total)
            self.in_footer = False
        self.c.showPage()

    def new_page(self):
        if self.blk is not None:
            raise LayoutError("page break inside column block")
        self._end()
        self._start()

    def need(self, h):
        if self.y - h < self.bottom:
            self.new_page()
            return True
        return False

    def finish(self):
        self._end()
        self.c.save()
        return self.buf.getvalue()

    # ---------------------------------------------------------------- text
    def _draw(self, x, y, s, style, size, align, color):
        font = self.fam.get(style, style)
        w = stringWidth(s, font, size)
        if align == "r":
            x -= w
        elif align == "c":
            x -= w / 2
        self.c.setFillColorRGB(*color)
        self.c.setFont(font, size)
        self.c.drawString(x, y, s)
        self.c.setFillColorRGB(0, 0, 0)
        return x, x + w

    def row(self, y, cells, size=None, color=(0, 0, 0)):
        """cells: list of (x, text, style, align). All on baseline y -> one GT line."""
        size = size or self.size
        parts, x0s, x1s = [], [], []
        for cell in cells:
            x, s, style, align = cell
            s = norm(s)
            if not s:
                continue
            a, b = self._draw(x, y, s, style, size, align, color)
            parts.append((a, s))
            x0s.append(a)
            x1s.append(b)
        if not parts:
            return
        spans = sorted(zip(x0s, x1s))
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            if a1 + 2 > b0:
                raise LayoutError(f"cells overlap on one baseline: {[s for _, s in parts]}")
        parts.sort()
        line = " ".join(s for _, s in parts)
        x0, x1 = min(x0s), max(x1s)
        if x0 < 8 * MM or x1 > W - 8 * MM or y < 5 * MM or y > H - 4 * MM:
            raise LayoutError(f"text outside page: {line!r} {x0:.0f}-{x1:.0f} y={y:.0f}")
        self.pages[-1].append(line)
        self.recs[-1].append(dict(s=line, x0=x0, x1=x1, y=y, size=size, blk=self.blk, foot=self.in_footer))

    def put(self, x, y, s, style="r", size=None, align="l", color=(0, 0, 0)):
        self.row(y, [(x, s, style, align)], size, color)

    def text(self, s, x=None, style="r", size=None, align="l", lead=None, color=(0, 0, 0)):
        size = size or self.size
        lead = lead or size * 1.32
        self.need(lead)
        base = self.y - size
        if x is None:
            x = {"l": self.L, "r": self.R, "c": (self.L + self.R) / 2}[align]
        self.put(x, base, s, style, size, align, color)
        self.y -= lead
        return base

    def rowflow(self, cells, size=None, lead=None):
        size = size or self.size
        lead = lead or size * 1.32
        self.need(lead)
        base = self.y - size
        self.row(base, cells, size)
        self.y -= lead
        return base

    def para(self, s, x=None, width=None, style="r", size=None, lead=None, after=None):
        size = size or self.size
        x = self.L if x is None else x
        width = width or (self.R - x)
        for ln in wrap(s, self.fam.get(style, style), size, width):
            self.text(ln, x, style, size, lead=lead)
        self.y -= size * 0.6 if after is None else after

    def hanging(self, label, s, x=None, indent=28 * MM, style="r", lstyle="b", size=None, lead=None, width=None):
        """label and first text line share a baseline (-> one GT line); continuation lines indented."""
        size = size or self.size
        x = self.L if x is None else x
        width = width or (self.R - x - indent)
        lines = wrap(s, self.fam.get(style, style), size, width) or [""]
        self.rowflow([(x, label, lstyle, "l"), (x + indent, lines[0], style, "l")], size, lead)
        for ln in lines[1:]:
            self.text(ln, x + indent, style, size, lead=lead)

    def gap(self, h):
        self.y -= h

    def lab_w(self, labels, style="b", size=None, gap=3 * MM):
        size = size or self.size
        return max(stringWidth(norm(l), self.fam.get(style, style), size) for l in labels) + gap

    # ---------------------------------------------------------------- columns
    def begin_cols(self):
        self.blkid += 1
        self.blk = (self.blkid, 0)
        self._ctop, self._cmin = self.y, self.y

    def next_col(self):
        self._cmin = min(self._cmin, self.y)
        self.y = self._ctop
        self.blk = (self.blk[0], self.blk[1] + 1)

    def end_cols(self):
        self.y = min(self._cmin, self.y)
        self.blk = None

    # ---------------------------------------------------------------- tables
    def table(self, x, cols, rows, size=None, head_style="b", grid=True, shade=True, pad=2.5, rh=None,
              header_repeat=True, style="r"):
        """cols: list of widths (pt). rows[0] is a header row. Cells are cut to fit (single line)."""
        size = size or self.size
        rh = rh or size * 1.75
        tw = sum(cols)
        for i, r in enumerate(rows):
            if self.need(rh) and i > 0 and header_repeat:
                self._table_row(x, cols, rows[0], size, head_style, grid, shade, pad, rh)
            self._table_row(x, cols, r, size, head_style if i == 0 else style, grid, shade and i == 0, pad, rh)
        return tw

    def _table_row(self, x, cols, r, size, style, grid, shade, pad, rh):
        top = self.y
        if shade:
            self.c.setFillGray(0.85)
            self.c.rect(x, top - rh, sum(cols), rh, stroke=0, fill=1)
            self.c.setFillGray(0)
        base = top - rh + (rh - size) / 2 + size * 0.22
        cells, cx = [], x
        font = self.fam.get(style, style)
        for w, t in zip(cols, r):
            cells.append((cx + pad, fit(t, font, size, w - 2 * pad), style, "l"))
            cx += w
        self.row(base, cells, size)
        if grid:
            self.c.setLineWidth(0.5)
            cx = x
            for w in cols:
                self.c.rect(cx, top - rh, w, rh, stroke=1, fill=0)
                cx += w
        self.y -= rh

    def kv_table(self, x, wl, wv, pairs, size=None, grid=True, lstyle="b", shade_labels=True):
        size = size or self.size
        rh = size * 1.75
        for k, v in pairs:
            self.need(rh)
            top = self.y
            if shade_labels:
                self.c.setFillGray(0.9)
                self.c.rect(x, top - rh, wl, rh, stroke=0, fill=1)
                self.c.setFillGray(0)
            base = top - rh + (rh - size) / 2 + size * 0.22
            self.row(base, [(x + 3, fit(k, self.fam[lstyle], size, wl - 6), lstyle, "l"),
                            (x + wl + 3, fit(v, self.fam["r"], size, wv - 6), "r", "l")], size)
            if grid:
                self.c.setLineWidth(0.5)
                self.c.rect(x, top - rh, wl, rh)
                self.c.rect(x + wl, top - rh, wv, rh)
            self.y -= rh

    # ---------------------------------------------------------------- graphics (never in GT)
    def hline(self, y=None, x0=None, x1=None, w=0.7, gray=0):
        y = self.y if y is None else y
        self.c.setStrokeGray(gray)
        self.c.setLineWidth(w)
        self.c.line(self.L if x0 is None else x0, y, self.R if x1 is None else x1, y)
        self.c.setStrokeGray(0)

    def box(self, x, y, w, h, lw=0.7, fill=None):
        self.c.setLineWidth(lw)
        if fill is not None:
            self.c.setFillColorRGB(*fill) if isinstance(fill, tuple) else self.c.setFillGray(fill)
        self.c.rect(x, y, w, h, stroke=1, fill=0 if fill is None else 1)
        self.c.setFillGray(0)

    def checkbox(self, x, base, size, mark=None):
        s = size * 0.85
        self.c.setLineWidth(0.7)
        self.c.rect(x, base - size * 0.1, s, s)
        if mark == "x":
            self.c.setLineWidth(1.3)
            self.c.line(x + 1.5, base - size * 0.1 + 1.5, x + s - 1.5, base - size * 0.1 + s - 1.5)
            self.c.line(x + 1.5, base - size * 0.1 + s - 1.5, x + s - 1.5, base - size * 0.1 + 1.5)
        elif mark == "tick":
            self.c.setLineWidth(1.6)
            p = self.c.beginPath()
            p.moveTo(x + 1.5, base + s * 0.35)
            p.lineTo(x + s * 0.4, base - size * 0.05)
            p.lineTo(x + s + 2, base + s * 1.0)
            self.c.drawPath(p, stroke=1, fill=0)
        self.c.setLineWidth(0.7)

    def signature(self, x, y, w=42 * MM, h=11 * MM, color=(0.05, 0.1, 0.45)):
        g = self.grng
        self.c.setStrokeColorRGB(*color)
        self.c.setLineWidth(1.1)
        p = self.c.beginPath()
        cx, cy = x, y + h * 0.4
        p.moveTo(cx, cy)
        n = g.randint(5, 9)
        for i in range(n):
            nx = x + w * (i + 1) / n
            p.curveTo(cx + g.uniform(-5, 15), y + g.uniform(0, h), nx + g.uniform(-15, 5), y + g.uniform(0, h),
                      nx, y + g.uniform(h * 0.2, h * 0.7))
            cx = nx
        self.c.drawPath(p, stroke=1, fill=0)
        self.c.line(x + w * 0.1, y + g.uniform(0, h * 0.2), x + w * 0.9, y + g.uniform(0, h * 0.3))
        self.c.setStrokeGray(0)
        self.c.setLineWidth(0.7)

    def logo(self, x, y, s, kind=0, color=(0.0, 0.37, 0.72)):
        c = self.c
        c.setFillColorRGB(*color)
        c.setStrokeColorRGB(*color)
        if kind == 0:
            c.circle(x + s / 2, y + s / 2, s / 2, stroke=0, fill=1)
            c.setFillGray(1)
            c.circle(x + s / 2, y + s / 2, s / 4, stroke=0, fill=1)
        elif kind == 1:
            c.rect(x, y, s * 1.6, s * 0.75, stroke=0, fill=1)
            c.setFillGray(1)
            c.rect(x + s * 0.15, y + s * 0.15, s * 0.3, s * 0.45, stroke=0, fill=1)
            c.rect(x + s * 0.65, y + s * 0.15, s * 0.3, s * 0.45, stroke=0, fill=1)
            c.rect(x + s * 1.15, y + s * 0.15, s * 0.3, s * 0.45, stroke=0, fill=1)
        else:
            p = c.beginPath()
            p.moveTo(x, y)
            p.lineTo(x + s / 2, y + s)
            p.lineTo(x + s, y)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
            c.setFillGray(1)
            c.circle(x + s / 2, y + s * 0.38, s * 0.16, stroke=0, fill=1)
        c.setFillGray(0)
        c.setStrokeGray(0)

    def barcode(self, x, y, value, h=9 * MM):
        b = code128.Code128(value, barHeight=h, barWidth=0.9, humanReadable=False, quiet=False)
        b.drawOn(self.c, x, y)

    # ---------------------------------------------------------------- checks
    def validate(self):
        for pi, recs in enumerate(self.recs):
            prev_y = None  # y of last line outside blocks, or min y of last block
            i = 0
            while i < len(recs):
                r = recs[i]
                if r["blk"] is None:
                    if prev_y is not None and not (r["y"] < prev_y - 0.3 * r["size"]):
                        raise LayoutError(f"p{pi+1}: order/baseline clash at {r['s']!r} y={r['y']:.1f} prev={prev_y:.1f}")
                    prev_y = r["y"]
                    i += 1
                    continue
                bid = r["blk"][0]
                blk = []
                while i < len(recs) and recs[i]["blk"] is not None and recs[i]["blk"][0] == bid:
                    blk.append(recs[i])
                    i += 1
                cols = {}
                for b in blk:
                    cols.setdefault(b["blk"][1], []).append(b)
                ks = sorted(cols)
                for k in ks:
                    c = cols[k]
                    for a, b in zip(c, c[1:]):
                        if not b["y"] < a["y"] - 0.3 * b["size"]:
                            raise LayoutError(f"p{pi+1}: column order clash at {b['s']!r}")
                    if prev_y is not None and not c[0]["y"] < prev_y - 0.3 * c[0]["size"]:
                        raise LayoutError(f"p{pi+1}: column starts above previous line {c[0]['s']!r}")
                for a, b in zip(ks, ks[1:]):
                    if max(x["x1"] for x in cols[a]) > min(x["x0"] for x in cols[b]) - 4:
                        raise LayoutError(f"p{pi+1}: columns overlap horizontally")
                prev_y = min(b["y"] for b in blk)
        return True

    def boxes(self):
        """per page: list of [x0, y_top_from_top, x1, y_bottom_from_top] in points (text only)."""
        out = []
        for recs in self.recs:
            out.append([[r["x0"], H - r["y"] - r["size"] * 0.95, r["x1"], H - r["y"] + r["size"] * 0.3] for r in recs])
        return out
