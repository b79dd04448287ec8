#!/usr/bin/python3
"""make_set.py - generator of the sealed OCR evaluation set "ocr11".

Fictional scanned NHS paper documents (referral letters, clinic letters,
discharge summaries, lab results, appointment letters, continuation sheets).

Tool chain (Debian packages only): numpy, fontTools (outline reading; our own
curve flattening + non-zero scanline fill + supersampled anti-aliasing),
OpenCV (Hershey fonts for handwriting only, geometry/filters/encoding),
scikit-image (random_noise with explicit seeds), tifffile (uncompressed
TIFF), libtiff's tiffcp (CCITT G4 / LZW), our own PDF writer (zlib from the
standard library).  All randomness is string-seeded; reruns are
byte-identical.

Usage:  /usr/bin/python3 make_set.py [outdir]      (default: this folder)
"""
import hashlib
import json
import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np
import cv2
import tifffile
from skimage.util import random_noise
from fontTools.ttLib import TTFont
from fontTools.pens.basePen import BasePen

cv2.setNumThreads(1)
cv2.setRNGSeed(11)

SET = 'ocr11'


# ---------------------------------------------------------------------------
# string-seeded randomness
# ---------------------------------------------------------------------------
def R(*parts):
    """Python Random seeded from a string (sha512 based, hash-seed safe)."""
    return random.Random(SET + '|' + '|'.join(str(p) for p in parts))


def NR(*parts):
    """numpy Generator seeded from a string."""
    h = hashlib.sha256((SET + '|' + '|'.join(str(p) for p in parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], 'little'))


class HR:
    """numpy Generator (string-seeded) with a few random.Random-style helpers."""

    def __init__(self, *parts):
        self.g = NR(*parts)

    def random(self, size=None):
        return self.g.random(size)

    def uniform(self, a, b, size=None):
        return self.g.uniform(a, b, size)

    def normal(self, m=0.0, s=1.0, size=None):
        return self.g.normal(m, s, size)

    def randint(self, a, b):
        return int(self.g.integers(a, b + 1))

    def randrange(self, a, b=None):
        return int(self.g.integers(a)) if b is None else int(self.g.integers(a, b))

    def choice(self, seq):
        return seq[int(self.g.integers(len(seq)))]


def iseed(*parts):
    h = hashlib.sha256((SET + '|' + '|'.join(str(p) for p in parts)).encode()).digest()
    return int.from_bytes(h[:4], 'little')


SS = 4  # supersampling factor per axis


class FlattenPen(BasePen):
    """Collects closed polygons in supersampled pixel space (y down)."""

    def __init__(self, glyphset, scale):
        super().__init__(glyphset)
        self.s = scale
        self.polys = []
        self.cur = []

    def _pt(self, p):
        return (p[0] * self.s, -p[1] * self.s)

    def _moveTo(self, p):
        if len(self.cur) > 2:
            self.polys.append(self.cur)
        self.cur = [self._pt(p)]

    def _lineTo(self, p):
        self.cur.append(self._pt(p))

    def _nseg(self, pts):
        ln = 0.0
        for a, b in zip(pts[:-1], pts[1:]):
            ln += math.hypot(b[0] - a[0], b[1] - a[1])
        return int(min(48, max(2, math.ceil(math.sqrt(ln) * 0.9))))

    def _qCurveToOne(self, p1, p2):
        p0 = self.cur[-1]
        q1, q2 = self._pt(p1), self._pt(p2)
        n = self._nseg([p0, q1, q2])
        for i in range(1, n + 1):
            t = i / n
            mt = 1 - t
            self.cur.append((mt * mt * p0[0] + 2 * mt * t * q1[0] + t * t * q2[0],
                             mt * mt * p0[1] + 2 * mt * t * q1[1] + t * t * q2[1]))

    def _curveToOne(self, p1, p2, p3):
        p0 = self.cur[-1]
        c1, c2, c3 = self._pt(p1), self._pt(p2), self._pt(p3)
        n = self._nseg([p0, c1, c2, c3])
        for i in range(1, n + 1):
            t = i / n
            mt = 1 - t
            a, b, c, d = mt ** 3, 3 * mt * mt * t, 3 * mt * t * t, t ** 3
            self.cur.append((a * p0[0] + b * c1[0] + c * c2[0] + d * c3[0],
                             a * p0[1] + b * c1[1] + c * c2[1] + d * c3[1]))

    def _closePath(self):
        if len(self.cur) > 2:
            self.polys.append(self.cur)
        self.cur = []

    _endPath = _closePath


def fill_nonzero(polys, x0, y0, w, h):
    """Non-zero winding fill of polygons on a w x h grid whose pixel (0,0)
    has its top-left corner at (x0, y0); sample at pixel centres."""
    ex0, ey0, ex1, ey1 = [], [], [], []
    for poly in polys:
        p = np.asarray(poly, dtype=np.float64)
        q = np.roll(p, -1, axis=0)
        ex0.append(p[:, 0]); ey0.append(p[:, 1]); ex1.append(q[:, 0]); ey1.append(q[:, 1])
    if not ex0:
        return np.zeros((h, w), np.uint8)
    ex0 = np.concatenate(ex0) - x0; ey0 = np.concatenate(ey0) - y0
    ex1 = np.concatenate(ex1) - x0; ey1 = np.concatenate(ey1) - y0
    keep = ey0 != ey1
    ex0, ey0, ex1, ey1 = ex0[keep], ey0[keep], ex1[keep], ey1[keep]
    wind = np.where(ey1 > ey0, 1, -1).astype(np.int32)
    ylo = np.minimum(ey0, ey1); yhi = np.maximum(ey0, ey1)
    yc = (np.arange(h, dtype=np.float64) + 0.5)[:, None]
    m = (yc >= ylo[None, :]) & (yc < yhi[None, :])
    slope = (ex1 - ex0) / (ey1 - ey0)
    xs = ex0[None, :] + (yc - ey0[None, :]) * slope[None, :]
    xs = np.where(m, xs, np.inf)
    ws = np.where(m, wind[None, :], 0)
    order = np.argsort(xs, axis=1, kind='stable')
    xs = np.take_along_axis(xs, order, axis=1)
    ws = np.take_along_axis(ws, order, axis=1)
    cw = np.cumsum(ws, axis=1)
    inside = (cw[:, :-1] != 0) & np.isfinite(xs[:, 1:])
    rr, kk = np.nonzero(inside)
    a = np.clip(np.ceil(xs[rr, kk] - 0.5), 0, w).astype(np.int64)
    b = np.clip(np.ceil(xs[rr, kk + 1] - 0.5), 0, w).astype(np.int64)
    ok = b > a
    rr, a, b = rr[ok], a[ok], b[ok]
    diff = np.zeros((h, w + 1), np.int32)
    np.add.at(diff, (rr, a), 1)
    np.add.at(diff, (rr, b), -1)
    return (np.cumsum(diff[:, :w], axis=1) > 0).astype(np.uint8)


class Font:
    def __init__(self, key, path):
        self.key = key
        self.path = path
        self.tt = TTFont(path, lazy=True)
        self.gs = self.tt.getGlyphSet()
        self.cmap = self.tt.getBestCmap()
        self.upem = self.tt['head'].unitsPerEm
        self.asc = self.tt['hhea'].ascent / self.upem
        self.desc = -self.tt['hhea'].descent / self.upem
        self.hmtx = self.tt['hmtx']
        self.cache = {}
        self.adv_cache = {}
        name = path.rsplit('/', 1)[-1]
        self.name = name.rsplit('.', 1)[0]

    def gname(self, ch):
        cp = ord(ch)
        if cp not in self.cmap:
            raise KeyError('font %s lacks %r' % (self.name, ch))
        return self.cmap[cp]

    def advance(self, ch):
        a = self.adv_cache.get(ch)
        if a is None:
            a = self.hmtx[self.gname(ch)][0] / self.upem
            self.adv_cache[ch] = a
        return a

    def width(self, text, size):
        return sum(self.advance(c) for c in text) * size

    def glyph(self, ch, px, weight=0):
        """Coverage bitmap (float32 0..1) for ch at em size px (pixels),
        with offsets (dx, dy) of its top-left from the pen position on the
        baseline. weight: supersampled pixels of dilation (+) / erosion (-)."""
        key = (ch, round(px * 8) / 8, weight)
        g = self.cache.get(key)
        if g is not None:
            return g
        if ch == ' ':
            g = (None, 0, 0)
            self.cache[key] = g
            return g
        pen = FlattenPen(self.gs, px * SS / self.upem)
        self.gs[self.gname(ch)].draw(pen)
        if pen.cur and len(pen.cur) > 2:
            pen.polys.append(pen.cur)
        if not pen.polys:
            g = (None, 0, 0)
            self.cache[key] = g
            return g
        allp = np.concatenate([np.asarray(p) for p in pen.polys])
        pad = abs(weight) + 1
        fx0 = int(math.floor((allp[:, 0].min() - pad) / SS))
        fx1 = int(math.ceil((allp[:, 0].max() + pad) / SS))
        fy0 = int(math.floor((allp[:, 1].min() - pad) / SS))
        fy1 = int(math.ceil((allp[:, 1].max() + pad) / SS))
        w, h = (fx1 - fx0) * SS, (fy1 - fy0) * SS
        bm = fill_nonzero(pen.polys, fx0 * SS, fy0 * SS, w, h)
        if weight > 0:
            k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * weight + 1, 2 * weight + 1))
            bm = cv2.dilate(bm, k)
        elif weight < 0:
            k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (-2 * weight + 1, -2 * weight + 1))
            bm = cv2.erode(bm, k)
        cov = bm.reshape(fy1 - fy0, SS, fx1 - fx0, SS).astype(np.float32).mean(axis=(1, 3))
        g = (cov, fx0, fy0)
        self.cache[key] = g
        return g


# ---------------------------------------------------------------------------
# fonts
# ---------------------------------------------------------------------------
_T = '/usr/share/fonts/truetype/'
_O = '/usr/share/fonts/opentype/'
FONT_FILES = {
    'sans': _T + 'liberation/LiberationSans-Regular.ttf',
    'sans-b': _T + 'liberation/LiberationSans-Bold.ttf',
    'sans-i': _T + 'liberation/LiberationSans-Italic.ttf',
    'narrow': _T + 'liberation/LiberationSansNarrow-Regular.ttf',
    'narrow-b': _T + 'liberation/LiberationSansNarrow-Bold.ttf',
    'carlito': _T + 'crosextra/Carlito-Regular.ttf',
    'carlito-b': _T + 'crosextra/Carlito-Bold.ttf',
    'nsans': _O + 'urw-base35/NimbusSans-Regular.otf',
    'nsans-b': _O + 'urw-base35/NimbusSans-Bold.otf',
    'dejavu': _T + 'dejavu/DejaVuSans.ttf',
    'dejavu-b': _T + 'dejavu/DejaVuSans-Bold.ttf',
    'dejavu-c': _T + 'dejavu/DejaVuSansCondensed.ttf',
    'dejavu-cb': _T + 'dejavu/DejaVuSansCondensed-Bold.ttf',
    'exlight': _T + 'dejavu/DejaVuSans-ExtraLight.ttf',
    'noto': _T + 'noto/NotoSans-Regular.ttf',
    'noto-b': _T + 'noto/NotoSans-Bold.ttf',
    'freesans': _T + 'freefont/FreeSans.ttf',
    'freesans-b': _T + 'freefont/FreeSansBold.ttf',
    'gothic': _O + 'urw-base35/URWGothic-Book.otf',
    'gothic-b': _O + 'urw-base35/URWGothic-Demi.otf',
    'serif': _T + 'liberation/LiberationSerif-Regular.ttf',
    'serif-b': _T + 'liberation/LiberationSerif-Bold.ttf',
    'serif-i': _T + 'liberation/LiberationSerif-Italic.ttf',
    'nroman': _O + 'urw-base35/NimbusRoman-Regular.otf',
    'nroman-b': _O + 'urw-base35/NimbusRoman-Bold.otf',
    'caladea': _T + 'crosextra/Caladea-Regular.ttf',
    'caladea-b': _T + 'crosextra/Caladea-Bold.ttf',
    'notoserif': _T + 'noto/NotoSerif-Regular.ttf',
    'notoserif-b': _T + 'noto/NotoSerif-Bold.ttf',
    'notodisplay': _T + 'noto/NotoSerifDisplay-Regular.ttf',
    'freeserif': _T + 'freefont/FreeSerif.ttf',
    'c059': _O + 'urw-base35/C059-Roman.otf',
    'c059-b': _O + 'urw-base35/C059-Bold.otf',
    'p052': _O + 'urw-base35/P052-Roman.otf',
    'bookman': _O + 'urw-base35/URWBookman-Light.otf',
    'bookman-b': _O + 'urw-base35/URWBookman-Demi.otf',
    'cprime': _O + 'courier-prime/Courier Prime.otf',
    'cprime-b': _O + 'courier-prime/Courier Prime Bold.otf',
    'nmono': _O + 'urw-base35/NimbusMonoPS-Regular.otf',
    'nmono-b': _O + 'urw-base35/NimbusMonoPS-Bold.otf',
    'lmono': _T + 'liberation/LiberationMono-Regular.ttf',
    'lmono-b': _T + 'liberation/LiberationMono-Bold.ttf',
    'freemono': _T + 'freefont/FreeMono.ttf',
    'dvmono': _T + 'dejavu/DejaVuSansMono.ttf',
    'dvmono-b': _T + 'dejavu/DejaVuSansMono-Bold.ttf',
}
_FONTS = {}


def F(key):
    f = _FONTS.get(key)
    if f is None:
        f = Font(key, FONT_FILES[key])
        _FONTS[key] = f
    return f


HERSHEY = {
    'h-simplex': cv2.FONT_HERSHEY_SIMPLEX,
    'h-duplex': cv2.FONT_HERSHEY_DUPLEX,
    'h-complex': cv2.FONT_HERSHEY_COMPLEX,
    'h-italic': cv2.FONT_HERSHEY_COMPLEX | cv2.FONT_ITALIC,
    'h-plain-i': cv2.FONT_HERSHEY_PLAIN | cv2.FONT_ITALIC,
    'h-script': cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
    'h-script-c': cv2.FONT_HERSHEY_SCRIPT_COMPLEX,
}
HERSHEY_NAMES = {
    'h-simplex': 'Hershey Simplex (OpenCV)', 'h-duplex': 'Hershey Duplex (OpenCV)',
    'h-complex': 'Hershey Complex (OpenCV)', 'h-italic': 'Hershey Complex Italic (OpenCV)',
    'h-plain-i': 'Hershey Plain Italic (OpenCV)', 'h-script': 'Hershey Script Simplex (OpenCV)',
    'h-script-c': 'Hershey Script Complex (OpenCV)',
}

# ---------------------------------------------------------------------------
# page model: layout in points (1/72 in), rendered at the scan resolution
# ---------------------------------------------------------------------------
MM = 72 / 25.4
PAGE_SIZES = {'A4': (595.28, 841.89), 'Letter': (612.0, 792.0),
              'A5': (419.53, 595.28), 'DL': (595.28, 280.63)}
INK = (0.07, 0.07, 0.08)
NHSBLUE = (0.0, 0.37, 0.72)
DARKBLUE = (0.05, 0.15, 0.45)
GREY = (0.45, 0.45, 0.47)


def norm_line(s):
    return ' '.join(s.split())


class Page:
    def __init__(self, size='A4', dpi=300, seed='x'):
        self.size = size
        self.wpt, self.hpt = PAGE_SIZES[size]
        self.dpi = dpi
        self.s = dpi / 72.0
        self.W = int(round(self.wpt * self.s))
        self.H = int(round(self.hpt * self.s))
        self.layers = {}
        self.gt = []            # ground-truth lines (reading order)
        self.hand_gt = []       # indices of GT lines written in Hershey hand
        self.boxes = []         # (gt line, bbox px)
        self.tags = {}          # name -> bbox px
        self.overlays = []      # overlay marks, not in GT
        self.fonts = set()
        self.tw = None          # typewriter irregularity
        self.rng = NR('page', seed)
        self.seed = seed
        self.fax_header = None
        self.style = {}
        self.wdelta = 0
        self.deferred = []

    # -- helpers ----------------------------------------------------------
    def px(self, v):
        return v * self.s

    def layer(self, key):
        a = self.layers.get(key)
        if a is None:
            a = np.zeros((self.H, self.W), np.float32)
            self.layers[key] = a
        return a

    @staticmethod
    def width(text, font, size):
        return F(font).width(text, size)

    def _glyphs(self, xpx, ypx, text, font, size, key, weight=0):
        f = F(font)
        self.fonts.add(f.name)
        lay = self.layer(key)
        em = size * self.s
        x = xpx
        bx0, by0, bx1, by1 = 1e9, 1e9, -1e9, -1e9
        tw = self.tw
        for ch in text:
            wt = weight
            dark = 1.0
            jy = 0
            jx = 0
            if tw is not None and ch != ' ':
                jy = int(round(self.rng.normal(0, tw['jit'])))
                jx = int(round(self.rng.normal(0, tw['jit'] * 0.6)))
                dark = float(np.clip(1.0 - abs(self.rng.normal(0, tw['var'])), 0.35, 1.0))
                if self.rng.random() < tw.get('heavy', 0.0):
                    wt = weight + 1
            cov, dx, dy = f.glyph(ch, em, wt)
            if cov is not None:
                X = int(round(x)) + dx + jx
                Y = int(round(ypx)) + dy + jy
                h, w = cov.shape
                if X < 0 or Y < 0 or X + w > self.W or Y + h > self.H:
                    raise ValueError('text off page: %r at %s,%s on %s' % (text, X, Y, self.seed))
                sl = lay[Y:Y + h, X:X + w]
                np.maximum(sl, cov * dark if dark != 1.0 else cov, out=sl)
                bx0, by0 = min(bx0, X), min(by0, Y)
                bx1, by1 = max(bx1, X + w), max(by1, Y + h)
            x += f.advance(ch) * em
        if bx1 < 0:
            bx0, by0, bx1, by1 = xpx, ypx - em * 0.7, x, ypx
        return (bx0, by0, bx1, by1)

    def put(self, x, y, text, font='sans', size=10, align='left', colour=INK, mode='solid', weight=0):
        """Draw text with baseline at y (pt); no ground truth."""
        w = self.width(text, font, size)
        if align == 'right':
            x = x - w
        elif align == 'center':
            x = x - w / 2
        self.min_size = min(getattr(self, 'min_size', 99.0), size)
        if mode == 'solid' and self.style.get('textmode'):
            mode = self.style['textmode']
        return self._glyphs(self.px(x), self.px(y), text, font, size, colour + (mode,), weight + self.wdelta)

    def _gt(self, s, bbox, tag=None, hand=False):
        s = norm_line(s)
        if s:
            if hand:
                self.hand_gt.append(len(self.gt))
            self.gt.append(s)
            self.boxes.append((s, bbox))
        if tag:
            self.tags[tag] = bbox

    def text(self, x, y, text, font='sans', size=10, align='left', colour=INK, mode='solid',
             weight=0, tag=None, gt=True):
        bb = self.put(x, y, text, font, size, align, colour, mode, weight)
        if gt:
            self._gt(text, bb, tag)
        return bb

    def line(self, parts, tag=None, gt=True):
        """Several pieces on one baseline; GT = pieces left to right joined
        by one space.  parts: (x, y, text, font, size[, align[, colour]])"""
        got = []
        for p in parts:
            x, y, t, fo, sz = p[:5]
            al = p[5] if len(p) > 5 else 'left'
            co = p[6] if len(p) > 6 else INK
            bb = self.put(x, y, t, fo, sz, al, co)
            got.append((bb[0], t, bb))
        got.sort(key=lambda g: g[0])
        bb = (min(g[2][0] for g in got), min(g[2][1] for g in got),
              max(g[2][2] for g in got), max(g[2][3] for g in got))
        if gt:
            self._gt(' '.join(g[1] for g in got), bb, tag)
        return bb

    def runs(self, x, y, runs, align='left', tag=None, gt=True, tags=None):
        """Consecutive runs (text, font, size[, colour]) on one baseline;
        GT = concatenation.  tags: {run index: tag name}"""
        tot = sum(self.width(r[0], r[1], r[2]) for r in runs)
        if align == 'right':
            x -= tot
        elif align == 'center':
            x -= tot / 2
        bbs = []
        for i, r in enumerate(runs):
            co = r[3] if len(r) > 3 else INK
            bb = self.put(x, y, r[0], r[1], r[2], 'left', co)
            bbs.append(bb)
            if tags and i in tags:
                self.tags[tags[i]] = bb
            x += self.width(r[0], r[1], r[2])
        bb = (min(b[0] for b in bbs), min(b[1] for b in bbs), max(b[2] for b in bbs), max(b[3] for b in bbs))
        if gt:
            self._gt(''.join(r[0] for r in runs), bb, tag)
        return bb

    def wrap(self, text, font, size, width):
        words = text.split()
        lines, cur = [], ''
        for wd in words:
            t = wd if not cur else cur + ' ' + wd
            if self.width(t, font, size) <= width or not cur:
                cur = t
            else:
                lines.append(cur)
                cur = wd
        if cur:
            lines.append(cur)
        return lines

    def para(self, x, y, width, text, font='sans', size=10, lead=1.3, colour=INK, justify=False,
             first_indent=0, gt=True, maxy=None):
        """Wrapped paragraph, first baseline at y; returns next baseline."""
        lines = self.wrap(text, font, size, width - first_indent)
        if maxy is not None and y + (len(lines) - 1) * size * lead > maxy:
            raise ValueError('paragraph overflow on %s' % self.seed)
        for i, ln in enumerate(lines):
            xi = x + (first_indent if i == 0 else 0)
            if justify and i < len(lines) - 1 and ' ' in ln:
                words = ln.split(' ')
                wsum = sum(self.width(wd, font, size) for wd in words)
                gap = (width - (first_indent if i == 0 else 0) - wsum) / (len(words) - 1)
                xx = xi
                bbs = []
                for wd in words:
                    bbs.append(self.put(xx, y, wd, font, size, 'left', colour))
                    xx += self.width(wd, font, size) + gap
                bb = (min(b[0] for b in bbs), min(b[1] for b in bbs), max(b[2] for b in bbs), max(b[3] for b in bbs))
                if gt:
                    self._gt(ln, bb)
            else:
                self.text(xi, y, ln, font, size, colour=colour, gt=gt)
            y += size * lead
        return y

    def para_height(self, text, font, size, width, lead=1.3):
        return len(self.wrap(text, font, size, width)) * size * lead

    # -- graphics (never text) ---------------------------------------------
    def rule(self, x0, y0, x1, y1, w=0.6, colour=INK, mode='solid'):
        lay = self.layer(colour + (mode,))
        t = max(1, int(round(self.px(w))))
        X0, Y0, X1, Y1 = [int(round(self.px(v))) for v in (x0, y0, x1, y1)]
        if Y0 == Y1:
            lay[Y0 - t // 2:Y0 - t // 2 + t, min(X0, X1):max(X0, X1)] = 1.0
        elif X0 == X1:
            lay[min(Y0, Y1):max(Y0, Y1), X0 - t // 2:X0 - t // 2 + t] = 1.0
        else:
            tmp = np.zeros_like(lay)
            cv2.line(tmp, (X0, Y0), (X1, Y1), 1.0, t, cv2.LINE_AA)
            np.maximum(lay, tmp, out=lay)

    def box(self, x0, y0, x1, y1, w=0.6, colour=INK, fill=None, mode='solid'):
        if fill is not None:
            self.fill(x0, y0, x1, y1, fill[0], fill[1])
        if w > 0:
            self.rule(x0, y0, x1, y0, w, colour, mode)
            self.rule(x0, y1, x1, y1, w, colour, mode)
            self.rule(x0, y0, x0, y1 + w / 2, w, colour, mode)
            self.rule(x1, y0, x1, y1 + w / 2, w, colour, mode)

    def fill(self, x0, y0, x1, y1, colour, amount=1.0, mode='solid'):
        lay = self.layer(colour + (mode,))
        X0, Y0, X1, Y1 = [int(round(self.px(v))) for v in (x0, y0, x1, y1)]
        sl = lay[Y0:Y1, X0:X1]
        np.maximum(sl, amount, out=sl)

    def checkbox(self, x, y, size=8, state=None, colour=INK):
        """Tick box with its top-left at (x, y-size*0.85); state None/'tick'/'cross'."""
        top = y - size * 0.85
        self.box(x, top, x + size, top + size, 0.6, colour)
        if state:
            lay = self.layer(colour + ('solid',))
            tmp = np.zeros_like(lay[:1, :1])
            X0, Y0 = int(self.px(x)), int(self.px(top))
            n = int(self.px(size))
            patch = np.zeros((n + 1, n + 1), np.float32)
            t = max(1, int(self.px(1.0)))
            if state == 'cross':
                cv2.line(patch, (2, 2), (n - 2, n - 2), 1.0, t, cv2.LINE_AA)
                cv2.line(patch, (2, n - 2), (n - 2, 2), 1.0, t, cv2.LINE_AA)
            else:
                cv2.line(patch, (int(n * .18), int(n * .55)), (int(n * .42), int(n * .82)), 1.0, t, cv2.LINE_AA)
                cv2.line(patch, (int(n * .42), int(n * .82)), (int(n * .85), int(n * .15)), 1.0, t, cv2.LINE_AA)
            sl = lay[Y0:Y0 + n + 1, X0:X0 + n + 1]
            np.maximum(sl, patch, out=sl)
            del tmp

    def logo(self, x, y, size, colour=NHSBLUE, style=0, mode='solid'):
        """A fictional graphic logo (no letters) with top-left (x,y), size pt."""
        lay = self.layer(colour + (mode,))
        n = int(self.px(size))
        X0, Y0 = int(self.px(x)), int(self.px(y))
        big = np.zeros((n * 2, n * 2), np.uint8)
        N = 2 * n
        if style == 0:      # stylised tree / crest
            cv2.circle(big, (N // 2, int(N * .42)), int(N * .34), 255, -1, cv2.LINE_AA)
            cv2.rectangle(big, (int(N * .44), int(N * .55)), (int(N * .56), int(N * .95)), 255, -1)
            cv2.circle(big, (N // 2, int(N * .42)), int(N * .16), 0, -1, cv2.LINE_AA)
        elif style == 1:    # waves in a rounded square
            cv2.rectangle(big, (0, int(N * .1)), (N - 1, int(N * .9)), 255, -1)
            for k in range(3):
                pts = np.array([[int(i * N / 40), int(N * (.3 + .2 * k) + N * .06 * math.sin(i / 40 * 2 * math.pi * 1.5))]
                                for i in range(41)], np.int32)
                cv2.polylines(big, [pts], False, 0, max(2, N // 18), cv2.LINE_AA)
        elif style == 2:    # interlocking rings
            for k in range(3):
                cv2.circle(big, (int(N * (.28 + .22 * k)), N // 2), int(N * .22), 255, max(2, N // 12), cv2.LINE_AA)
        else:               # shield with a cross
            pts = np.array([[int(N * .12), int(N * .08)], [int(N * .88), int(N * .08)], [int(N * .88), int(N * .55)],
                            [N // 2, int(N * .95)], [int(N * .12), int(N * .55)]], np.int32)
            cv2.fillPoly(big, [pts], 255, cv2.LINE_AA)
            cv2.rectangle(big, (int(N * .44), int(N * .2)), (int(N * .56), int(N * .78)), 0, -1)
            cv2.rectangle(big, (int(N * .26), int(N * .38)), (int(N * .74), int(N * .5)), 0, -1)
        small = cv2.resize(big, (n, n), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
        sl = lay[Y0:Y0 + n, X0:X0 + n]
        np.maximum(sl, small, out=sl)

    # -- handwriting (Hershey) -------------------------------------------------
    def hand(self, x, y, text, size=12, colour=(0.1, 0.15, 0.5), font='h-script', angle=0.0,
             thick=1.0, gt=False, overlay_type='handwritten_annotation', wobble=1.0, tag=None):
        """Hand-lettered text with OpenCV Hershey fonts, baseline at y (pt)."""
        hf = HERSHEY[font]
        capx = self.px(size) * 0.68
        scale = capx / 22.0
        th = max(1, int(round(self.px(thick) * 0.9)))
        rng = self.rng
        widths = [cv2.getTextSize(c, hf, scale, th)[0][0] if c != ' ' else int(capx * 0.55) for c in text]
        W = int(sum(widths) * 1.08 + capx * 2)
        Hh = int(capx * 3.2)
        patch = np.zeros((Hh, W), np.uint8)
        xx = capx * 0.5
        base = capx * 2.1
        drift = rng.normal(0, 0.02 * wobble)
        for c, wd in zip(text, widths):
            if c != ' ':
                sc = scale * (1 + rng.normal(0, 0.05 * wobble))
                yy = base + rng.normal(0, capx * 0.05 * wobble) + drift * xx
                cv2.putText(patch, c, (int(xx), int(yy)), hf, sc, 255, th, cv2.LINE_AA)
            xx += wd * (1 + rng.normal(0, 0.04 * wobble))
        if angle:
            M = cv2.getRotationMatrix2D((capx * 0.5, base), angle, 1.0)
            patch = cv2.warpAffine(patch, M, (W, Hh))
        X0 = int(self.px(x) - capx * 0.5)
        Y0 = int(self.px(y) - base)
        X1, Y1 = min(self.W, X0 + W), min(self.H, Y0 + Hh)
        sx, sy = max(0, -X0), max(0, -Y0)
        lay = self.layer(colour + ('solid',))
        sl = lay[Y0 + sy:Y1, X0 + sx:X1]
        pp = patch[sy:sy + sl.shape[0], sx:sx + sl.shape[1]].astype(np.float32) / 255
        np.maximum(sl, pp, out=sl)
        ys, xs = np.nonzero(pp > 0.3)
        bb = (X0 + sx + (xs.min() if len(xs) else 0), Y0 + sy + (ys.min() if len(ys) else 0),
              X0 + sx + (xs.max() if len(xs) else 0), Y0 + sy + (ys.max() if len(ys) else 0))
        self.fonts.add(HERSHEY_NAMES[font])
        if gt:
            self._gt(text, bb, tag, hand=True)
        else:
            self.overlays.append({'type': overlay_type, 'text': norm_line(text)})
        return bb

    def signature(self, x, y, w=90, colour=(0.08, 0.1, 0.35)):
        rng = self.rng
        n = 60
        t = np.linspace(0, 1, n)
        xs = self.px(x) + t * self.px(w) + np.cumsum(rng.normal(0, 2, n))
        ph = rng.uniform(0, 6)
        ys = self.px(y) + self.px(8) * np.sin(t * rng.uniform(14, 22) + ph) * (1 - t * .5) + np.cumsum(rng.normal(0, 1.5, n))
        pts = np.stack([xs, ys], 1).astype(np.int32)
        lay = self.layer(colour + ('solid',))
        tmp = np.zeros((self.H, self.W), np.uint8)
        cv2.polylines(tmp, [pts], False, 255, max(1, int(self.px(0.9))), cv2.LINE_AA)
        cv2.line(tmp, (int(pts[0, 0]), int(pts[-1, 1] + self.px(6))), (int(pts[-1, 0]), int(pts[-1, 1] + self.px(4))),
                 255, max(1, int(self.px(0.7))), cv2.LINE_AA)
        np.maximum(lay, tmp.astype(np.float32) / 255, out=lay)
        self.overlays.append({'type': 'signature', 'text': ''})

    def stamp(self, cx, cy, lines, colour=(0.75, 0.1, 0.12), angle=-8.0, size=11, font='sans-b', box=True,
              overlay_type='stamp'):
        """Rubber stamp centred at (cx, cy) pt, drawn as an overlay."""
        em = self.px(size)
        f = F(font)
        self.fonts.add(f.name)
        widths = [f.width(t, em) for t in lines]
        lead = em * 1.35
        pad = em * 0.6
        W = int(max(widths) + 2 * pad + 4)
        H = int(lead * len(lines) + 2 * pad)
        patch = np.zeros((H + 8, W + 8), np.float32)
        for i, t in enumerate(lines):
            x = 4 + pad + (max(widths) - widths[i]) / 2
            yb = 4 + pad + lead * i + em * 0.95
            for ch in t:
                cov, dx, dy = f.glyph(ch, em)
                if cov is not None:
                    X, Y = int(round(x)) + dx, int(round(yb)) + dy
                    sl = patch[Y:Y + cov.shape[0], X:X + cov.shape[1]]
                    np.maximum(sl, cov[:sl.shape[0], :sl.shape[1]], out=sl)
                x += f.advance(ch) * em
        if box:
            t = max(2, int(em * 0.12))
            cv2.rectangle(patch, (4, 4), (W + 3, H + 3), 1.0, t, cv2.LINE_AA)
        rng = self.rng
        # uneven inking
        m = cv2.resize(rng.random((max(2, H // 12), max(2, W // 12))).astype(np.float32), (W + 8, H + 8),
                       interpolation=cv2.INTER_CUBIC)
        patch *= np.clip(0.45 + m * 0.8, 0, 1)
        patch *= (rng.random(patch.shape) > 0.08)
        D = int(math.hypot(W, H)) + 10
        big = np.zeros((D, D), np.float32)
        oy, ox = (D - H - 8) // 2, (D - W - 8) // 2
        big[oy:oy + H + 8, ox:ox + W + 8] = patch
        M = cv2.getRotationMatrix2D((D / 2, D / 2), angle, 1.0)
        big = cv2.warpAffine(big, M, (D, D))
        X0, Y0 = int(self.px(cx) - D / 2), int(self.px(cy) - D / 2)
        lay = self.layer(colour + ('solid',))
        sx, sy = max(0, -X0), max(0, -Y0)
        sl = lay[Y0 + sy:min(self.H, Y0 + D), X0 + sx:min(self.W, X0 + D)]
        np.maximum(sl, big[sy:sy + sl.shape[0], sx:sx + sl.shape[1]], out=sl)
        self.overlays.append({'type': overlay_type, 'text': norm_line(' '.join(lines))})

    def highlight(self, bbox, colour=(1.0, 0.93, 0.25)):
        x0, y0, x1, y1 = [int(v) for v in bbox]
        pad = int((y1 - y0) * 0.25)
        lay = self.layer(colour + ('solid',))
        h = y1 - y0 + 2 * pad
        w = x1 - x0 + 2 * pad
        rng = self.rng
        prof = np.clip(0.75 + 0.25 * np.sin(np.linspace(0, 3, w) + rng.uniform(0, 6)), 0, 1).astype(np.float32)
        patch = np.tile(prof, (h, 1))
        edge = np.linspace(0, 1, max(2, pad))
        patch[:len(edge)] *= edge[:, None].astype(np.float32)
        patch[-len(edge):] *= edge[::-1, None].astype(np.float32)
        Y0, X0 = max(0, y0 - pad), max(0, x0 - pad)
        sl = lay[Y0:Y0 + h, X0:X0 + w]
        np.maximum(sl, patch[:sl.shape[0], :sl.shape[1]], out=sl)
        self.overlays.append({'type': 'highlighter', 'text': ''})

    def ring(self, bbox, colour=(0.1, 0.15, 0.5)):
        x0, y0, x1, y1 = bbox
        cx, cy = int((x0 + x1) / 2), int((y0 + y1) / 2)
        ax, ay = int((x1 - x0) / 2 + self.px(6)), int((y1 - y0) / 2 + self.px(5))
        tmp = np.zeros((self.H, self.W), np.uint8)
        a0 = self.rng.uniform(0, 60)
        cv2.ellipse(tmp, (cx, cy), (ax, ay), self.rng.uniform(-4, 4), a0, a0 + 345, 255,
                    max(1, int(self.px(0.9))), cv2.LINE_AA)
        lay = self.layer(colour + ('solid',))
        np.maximum(lay, tmp.astype(np.float32) / 255, out=lay)
        self.overlays.append({'type': 'handwritten_ring', 'text': ''})


# ---------------------------------------------------------------------------
# fictional content
# ---------------------------------------------------------------------------
import datetime as _dt

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December']

FIRST_M = ['John', 'David', 'Michael', 'Peter', 'Alan', 'Graham', 'Keith', 'Stephen', 'Robert', 'Thomas',
           'Derek', 'Colin', 'Barry', 'Raymond', 'Ian', 'Gareth', 'Rajesh', 'Tariq', 'Kwame', 'Liam', 'Callum',
           'Dominic', 'Neville', 'Harold', 'Aled', 'Oluwaseun', 'Piotr', 'Declan']
FIRST_F = ['Margaret', 'Susan', 'Patricia', 'Janet', 'Elaine', 'Helen', 'Karen', 'Joan', 'Dorothy', 'Sandra',
           'Angela', 'Christine', 'Priya', 'Fatima', 'Siobhan', 'Bethan', 'Chloe', 'Gemma', 'Irene', 'Maureen',
           'Yvonne', 'Nadia', 'Agnieszka', 'Rosalind', 'Edith', 'Comfort', 'Hannah', 'Lorraine']
SURNAMES = ['Ashworth', 'Blenkinsop', 'Cartwright', 'Dunmore', 'Ellery', 'Fairbairn', 'Gosling', 'Hebblethwaite',
            'Ingleby', 'Jessop', 'Kettleborough', 'Lockwood', 'Marchbank', 'Netherwood', 'Ormerod', 'Pickersgill',
            'Quarmby', 'Rawcliffe', 'Sowerby', 'Thackeray', 'Umpleby', 'Varley', 'Whitworth', 'Yeadon',
            'Okonkwo', 'Chaudhry', 'Nowak', 'MacLeod', "O'Rourke", 'Pemberton-Hale', 'Featherstone', 'Brackenbury',
            'Hollingworth', 'Mistry', 'Adeyemi', 'Szymanski', 'Llewellyn', 'Tattersall', 'Greenhalgh', 'Pilkington']
STREETS = ['High Street', 'Station Road', 'Church Lane', 'Mill Lane', 'Victoria Road', 'Kestrel Close',
           'Beacon View', 'Heather Drive', 'Tannery Row', 'Orchard Way', 'Cobblers Walk', 'Quarry Bank',
           'Ferndale Avenue', 'Sandpiper Court', 'Longmeadow', 'Wharf Street', 'Linnet Grove', 'Hawthorn Rise',
           'Bridge End', 'Copper Beech Road']
TOWNS = [('Northmoor', 'ZX1'), ('Ashby Fold', 'ZX2'), ('Kettlewick', 'ZX3'), ('Wensum Bridge', 'ZX4'),
         ('Harrowgate Vale', 'ZX5'), ('Lowther Cross', 'ZX6'), ('Saltmarsh', 'ZX7'), ('Brindlecombe', 'ZX8'),
         ('Oakhurst', 'ZX9'), ('Dunmere', 'ZX10')]
HOUSES = ['Rose Cottage', 'The Old Bakery', 'Flat 3', 'Flat 12', '2 Mill Cottages', 'Hillcrest', 'Apartment 7']
PRACTICES = ['Ashgrove Medical Centre', 'Riverside Surgery', 'The Old Forge Practice', 'Millbrook Health Centre',
             'Church Lane Surgery', 'Harbour View Medical Group', 'Kestrel Vale Family Practice',
             'Northmoor Road Surgery', 'The Wensum Partnership', 'Beacon Hill Medical Practice',
             'St Aidan\'s Surgery', 'Lowther Cross Health Centre']
TRUSTS = [('Northmoor Hospitals NHS Foundation Trust', 'Northmoor General Hospital'),
          ('Wensum Valley University Hospitals NHS Trust', 'Wensum Valley Hospital'),
          ('Kettlewick and District NHS Trust', "St Cuthwin's Hospital"),
          ('Saltmarsh Coast NHS Foundation Trust', 'Saltmarsh Royal Infirmary'),
          ('Brindlecombe Community Healthcare NHS Trust', 'Brindlecombe Memorial Hospital')]
GP_SURNAMES = ['Hargreaves', 'Patel', 'Okafor', 'McAllister', 'Bhattacharya', 'Winterbottom', 'Fenwick',
               'Lindqvist', 'Ramsbottom', 'Iqbal', 'Delaney', 'Ogunleye', 'Trevelyan', 'Chowdhury']
CONS_SURNAMES = ['Abernethy', 'Sandhu', 'Kowalczyk', 'Entwistle', 'Mensah', 'Fitzgerald', 'Ravenscroft',
                 'Venkataraman', 'Holroyd', 'Achterberg', 'Nightingale', 'Castellano']
INITS = 'ABCDEFGHJKLMNPRSTW'


def nhs_check_ok(d9):
    s = sum(int(c) * w for c, w in zip(d9, range(10, 1, -1)))
    c = 11 - s % 11
    if c == 11:
        c = 0
    return None if c == 10 else c


def make_nhs(rng):
    while True:
        d9 = '999' + ''.join(str(rng.randrange(10)) for _ in range(6))
        c = nhs_check_ok(d9)
        if c is not None:
            return d9 + str(c)


def fail_mod11_10digit(rng, prefix=''):
    """A 10-digit number that is NOT a valid NHS number (distractor)."""
    while True:
        d = prefix + ''.join(str(rng.randrange(10)) for _ in range(10 - len(prefix)))
        c = nhs_check_ok(d[:9])
        if d[0] != '9' and (c is None or str(c) != d[9]):
            return d


def fmt_nhs(n, style):
    if style == 'spaced':
        return '%s %s %s' % (n[:3], n[3:6], n[6:])
    if style == 'dash':
        return '%s-%s-%s' % (n[:3], n[3:6], n[6:])
    return n


def ordinal(d):
    return '%d%s' % (d, 'th' if 11 <= d % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th'))


def fmt_date(d, style):
    m = MONTHS[d.month - 1]
    return {
        'slash': '%02d/%02d/%04d' % (d.day, d.month, d.year),
        'slash2': '%02d/%02d/%02d' % (d.day, d.month, d.year % 100),
        'dot2': '%02d.%02d.%02d' % (d.day, d.month, d.year % 100),
        'dot': '%02d.%02d.%04d' % (d.day, d.month, d.year),
        'dash': '%02d-%02d-%04d' % (d.day, d.month, d.year),
        'long': '%d %s %d' % (d.day, m, d.year),
        'long_ord': '%s %s %d' % (ordinal(d.day), m, d.year),
        'mon': '%02d-%s-%04d' % (d.day, m[:3], d.year),
        'MON': '%02d %s %04d' % (d.day, m[:3].upper(), d.year),
        'short': '%d %s %d' % (d.day, m[:3], d.year),
        'iso': d.isoformat(),
    }[style]


def rand_date(rng, y0, y1):
    a = _dt.date(y0, 1, 1).toordinal()
    b = _dt.date(y1, 12, 28).toordinal()
    return _dt.date.fromordinal(rng.randint(a, b))


def add_days(d, n):
    return _dt.date.fromordinal(d.toordinal() + n)


def phone(rng):
    return '01632 960%03d' % rng.randrange(1000)


def postcode(rng, district):
    return '%s %d%s%s' % (district, rng.randrange(1, 10), rng.choice('ABDEFGHJLNPQRSTUWXY'),
                          rng.choice('ABDEFGHJLNPQRSTUWXY'))


def address(rng, house_names=True):
    town, dist = rng.choice(TOWNS)
    lines = []
    if house_names and rng.random() < 0.25:
        lines.append(rng.choice(HOUSES))
        lines.append('%d %s' % (rng.randint(1, 140), rng.choice(STREETS)))
    else:
        lines.append('%d %s' % (rng.randint(1, 240), rng.choice(STREETS)))
    lines.append(town)
    return lines, postcode(rng, dist)


class Person:
    pass


def make_patient(rng, ref_year):
    p = Person()
    p.sex = rng.choice('MF')
    p.first = rng.choice(FIRST_M if p.sex == 'M' else FIRST_F)
    p.middle = rng.choice(FIRST_M if p.sex == 'M' else FIRST_F) if rng.random() < 0.3 else ''
    p.last = rng.choice(SURNAMES)
    p.title = 'Mr' if p.sex == 'M' else rng.choice(['Mrs', 'Ms', 'Miss', 'Mrs'])
    p.dob = rand_date(rng, ref_year - 92, ref_year - 19)
    p.addr, p.pc = address(rng)
    p.tel = phone(rng)
    p.nhs = make_nhs(rng)
    p.hosp = rng.choice(['RX%07d', 'K%06d', 'M%07d', 'H%06d', 'NGH%06d']) % rng.randrange(10 ** 6, 10 ** 7 - 1)
    p.he, p.his, p.him = ('he', 'his', 'him') if p.sex == 'M' else ('she', 'her', 'her')
    p.gender = 'Male' if p.sex == 'M' else 'Female'
    p.man = 'man' if p.sex == 'M' else 'woman'
    return p


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def make_gp(rng):
    g = Person()
    g.name = 'Dr %s %s' % (rng.choice(INITS), rng.choice(GP_SURNAMES))
    g.practice = rng.choice(PRACTICES)
    g.addr, g.pc = address(rng, house_names=False)
    g.tel = phone(rng)
    g.fax = phone(rng)
    g.code = 'Z%05d' % rng.randrange(10000, 99999)
    g.partners = sorted({'Dr %s %s' % (rng.choice(INITS), rng.choice(GP_SURNAMES)) for _ in range(5)} | {g.name})
    return g


def make_hosp(rng):
    h = Person()
    h.trust, h.hospital = rng.choice(TRUSTS)
    h.addr = [rng.choice(['Kestrel Road', 'Infirmary Lane', 'Hospital Way', 'Moorside Road', 'Abbey Walk'])]
    town, dist = rng.choice(TOWNS)
    h.addr.append(town)
    h.pc = postcode(rng, dist)
    h.tel = phone(rng)
    h.fax = phone(rng)
    h.cons = 'Dr %s %s' % (rng.choice(INITS), rng.choice(CONS_SURNAMES))
    if rng.random() < 0.4:
        h.cons = h.cons.replace('Dr', rng.choice(['Mr', 'Miss', 'Mr']))
    h.sec = rng.choice(['Mrs', 'Ms']) + ' ' + rng.choice(INITS) + ' ' + rng.choice(SURNAMES)
    return h


# clinical scenarios: specialty, clinic, reason, history sentences, examination, plan
SCEN = [
    dict(spec='Cardiology', clinic='Rapid Access Chest Pain Clinic', reason='Exertional chest tightness',
         hx=['{He} describes central chest tightness on walking uphill for the past {dur}, relieved by rest within a few minutes.',
             'There is no pain at rest and no syncope. {He} is an ex-smoker of 20 pack years.',
             'Family history of ischaemic heart disease (father MI aged 58).'],
         ex='BP 148/86, pulse 78 regular, heart sounds normal, chest clear, no peripheral oedema.',
         ix='ECG today: sinus rhythm, no acute changes. Total cholesterol 6.4 mmol/L, HbA1c 41 mmol/mol.',
         req='I would be grateful for your assessment and consideration of further investigation.',
         pmh=['Hypertension', 'Hypercholesterolaemia', 'Osteoarthritis of knees'],
         meds=[('Amlodipine', '5 mg', 'once daily'), ('Atorvastatin', '20 mg', 'at night'),
               ('Aspirin', '75 mg', 'once daily'), ('GTN spray', '400 micrograms', 'as required')]),
    dict(spec='Gastroenterology', clinic='Upper GI Clinic', reason='Dyspepsia and weight loss',
         hx=['{He} reports epigastric discomfort for {dur} with early satiety and around 5 kg of unintentional weight loss.',
             'Symptoms have not settled with a full-dose PPI for eight weeks. No dysphagia or melaena.',
             'H. pylori stool antigen was negative.'],
         ex='Mild epigastric tenderness, no palpable mass, no lymphadenopathy.',
         ix='Hb 118 g/L, MCV 79 fL, ferritin 11 ug/L. LFTs normal.',
         req='Please consider an urgent OGD.',
         pmh=['Type 2 diabetes', 'Depression'],
         meds=[('Omeprazole', '20 mg', 'twice daily'), ('Metformin', '500 mg', 'twice daily'),
               ('Sertraline', '50 mg', 'once daily')]),
    dict(spec='Dermatology', clinic='Skin Lesion Clinic', reason='Changing pigmented lesion',
         hx=['{He} has noticed a pigmented lesion on the left upper back that has enlarged and darkened over {dur}.',
             'It occasionally itches and bled once after minor trauma. No personal history of skin cancer.'],
         ex='8 mm irregular, asymmetric pigmented lesion with variable colour; no satellite lesions.',
         ix='Dermoscopy photographs attached to this referral.',
         req='I would be grateful if you could see {him} under the two week wait pathway.',
         pmh=['Asthma', 'Previous sunbed use'],
         meds=[('Salbutamol inhaler', '100 micrograms', '2 puffs as required'),
               ('Beclometasone inhaler', '100 micrograms', '2 puffs twice daily')]),
    dict(spec='Trauma and Orthopaedics', clinic='Knee Clinic', reason='Right knee pain, failed conservative treatment',
         hx=['{He} has had worsening right knee pain for {dur}, now limiting walking to around 200 metres.',
             'Night pain most nights despite regular analgesia. Completed a course of physiotherapy without benefit.',
             'X-ray shows severe medial compartment narrowing with osteophytes.'],
         ex='Varus alignment, small effusion, flexion limited to 95 degrees, crepitus.',
         ix='BMI 31. HbA1c 44 mmol/mol.',
         req='{He} would like to discuss surgical options including knee replacement.',
         pmh=['Hypertension', 'Gout', 'GORD'],
         meds=[('Paracetamol', '1 g', 'four times daily'), ('Naproxen', '500 mg', 'twice daily'),
               ('Lansoprazole', '15 mg', 'once daily'), ('Allopurinol', '100 mg', 'once daily')]),
    dict(spec='Urology', clinic='Haematuria Clinic', reason='Visible haematuria',
         hx=['{He} had two episodes of painless visible haematuria over the last {dur}.',
             'No urinary tract infection was confirmed on culture. Lower urinary tract symptoms are mild.'],
         ex='Abdomen soft, non-tender, no masses. Urine dipstick: blood ++.',
         ix='eGFR 68 mL/min/1.73m2, PSA 2.1 ug/L.',
         req='Referred on the suspected cancer pathway for cystoscopy and imaging.',
         pmh=['Ex-smoker', 'Atrial fibrillation'],
         meds=[('Apixaban', '5 mg', 'twice daily'), ('Bisoprolol', '2.5 mg', 'once daily')]),
    dict(spec='ENT', clinic='ENT General Clinic', reason='Unilateral hearing loss and tinnitus',
         hx=['{He} reports gradual hearing loss in the left ear with constant tinnitus for {dur}.',
             'No vertigo, otalgia or discharge. No history of noise exposure.'],
         ex='Both tympanic membranes intact. Weber lateralises to the right.',
         ix='Audiogram: asymmetric sensorineural loss of 25 dB on the left.',
         req='Please assess and consider MRI of the internal auditory meati.',
         pmh=['Migraine'], meds=[('Propranolol', '40 mg', 'twice daily')]),
    dict(spec='Rheumatology', clinic='Early Inflammatory Arthritis Clinic', reason='Inflammatory polyarthritis',
         hx=['{He} has had painful swollen hands and feet for {dur} with morning stiffness lasting over an hour.',
             'Symptoms improved partly with ibuprofen. No rash or eye symptoms.'],
         ex='Synovitis of MCP joints bilaterally and right wrist. Squeeze test positive.',
         ix='CRP 34 mg/L, ESR 41 mm/hr, rheumatoid factor positive, anti-CCP awaited.',
         req='I would be grateful for an early review in the inflammatory arthritis clinic.',
         pmh=['Hypothyroidism'], meds=[('Levothyroxine', '75 micrograms', 'once daily'),
                                        ('Ibuprofen', '400 mg', 'three times daily')]),
    dict(spec='Neurology', clinic='Headache Clinic', reason='New daily persistent headache',
         hx=['{He} describes a daily bifrontal headache for {dur}, worse on waking, without focal symptoms.',
             'Analgesic use is on most days. No visual disturbance or weight loss.'],
         ex='Fundoscopy normal, cranial nerves intact, no focal neurological deficit.',
         ix='FBC, U&E and CRP normal.',
         req='I would value your opinion on further management.',
         pmh=['Anxiety', 'Irritable bowel syndrome'],
         meds=[('Amitriptyline', '10 mg', 'at night'), ('Co-codamol', '30/500', 'as required')]),
    dict(spec='Respiratory', clinic='Respiratory Clinic', reason='Persistent cough and breathlessness',
         hx=['{He} has had a productive cough with increasing breathlessness for {dur}.',
             'Two courses of antibiotics in primary care. Current smoker of 15 cigarettes a day.'],
         ex='Scattered wheeze, SpO2 94% on air, no clubbing.',
         ix='Spirometry FEV1/FVC 0.62. Chest X-ray: hyperinflation, no focal lesion.',
         req='Please review and advise on diagnosis and treatment.',
         pmh=['COPD (suspected)', 'Peripheral vascular disease'],
         meds=[('Tiotropium', '18 micrograms', 'once daily'), ('Salbutamol', '100 micrograms', 'as required'),
               ('Simvastatin', '40 mg', 'at night')]),
    dict(spec='Endocrinology', clinic='Thyroid Clinic', reason='Thyroid nodule',
         hx=['{He} noticed a swelling in the front of the neck {dur} ago. No compressive symptoms.',
             'No family history of thyroid cancer and no previous neck irradiation.'],
         ex='Firm 2 cm nodule in the right lobe of the thyroid, moves on swallowing.',
         ix='TSH 1.8 mU/L, free T4 14 pmol/L. Ultrasound: U3 nodule.',
         req='Referral for further assessment and fine needle aspiration.',
         pmh=['Hypertension'], meds=[('Ramipril', '5 mg', 'once daily')]),
    dict(spec='Gynaecology', clinic='Postmenopausal Bleeding Clinic', reason='Postmenopausal bleeding',
         hx=['{He} has had two episodes of vaginal bleeding, {dur} after her last period.',
             'She is not on HRT. No weight loss.'],
         ex='Abdomen soft. Speculum examination: cervix appears normal.',
         ix='Ultrasound arranged locally, result awaited.',
         req='Referred under the suspected cancer pathway.',
         pmh=['Obesity', 'Type 2 diabetes'],
         meds=[('Metformin', '1 g', 'twice daily'), ('Sitagliptin', '100 mg', 'once daily')],
         female=True),
    dict(spec='Ophthalmology', clinic='Glaucoma Clinic', reason='Raised intraocular pressure',
         hx=['The optometrist found raised intraocular pressures at a routine sight test {dur} ago.',
             '{He} has no visual symptoms. Father had glaucoma.'],
         ex='Visual acuity 6/6 both eyes.', ix='IOP 27 mmHg right, 25 mmHg left (optometrist).',
         req='Please assess for glaucoma.',
         pmh=['Myopia'], meds=[('No regular medication', '', '')]),
]
DURS = ['three months', 'six weeks', 'four months', 'a year', 'eight weeks', 'two months', 'six months']
ALLERGIES = ['No known drug allergies', 'Penicillin - rash', 'NKDA', 'Codeine - vomiting', 'Elastoplast',
             'Trimethoprim - rash']


# ---------------------------------------------------------------------------
# document context
# ---------------------------------------------------------------------------
BOLD = {'sans': 'sans-b', 'carlito': 'carlito-b', 'nsans': 'nsans-b', 'dejavu': 'dejavu-b', 'dejavu-c': 'dejavu-cb',
        'noto': 'noto-b', 'freesans': 'freesans-b', 'gothic': 'gothic-b', 'serif': 'serif-b', 'nroman': 'nroman-b',
        'caladea': 'caladea-b', 'notoserif': 'notoserif-b', 'notodisplay': 'notoserif-b', 'c059': 'c059-b',
        'p052': 'c059-b', 'bookman': 'bookman-b', 'cprime': 'cprime-b', 'nmono': 'nmono-b', 'lmono': 'lmono-b',
        'freemono': 'nmono-b', 'dvmono': 'dvmono-b', 'narrow': 'narrow-b', 'exlight': 'dejavu',
        'freeserif': 'serif-b'}
SANS = ['sans', 'carlito', 'nsans', 'dejavu', 'noto', 'freesans', 'gothic', 'dejavu-c', 'narrow']
SERIF = ['serif', 'nroman', 'caladea', 'notoserif', 'c059', 'p052', 'bookman', 'freeserif']
MONO = ['cprime', 'nmono', 'lmono', 'freemono', 'dvmono']


class Doc:
    def __init__(self, idx, spec):
        self.idx = idx
        self.id = 'doc%02d' % idx
        self.spec = spec
        self.type = spec['type']
        self.kind = spec['kind']
        rng = self.rng = R(self.id, 'content')
        y0, y1 = spec.get('years', (2012, 2023))
        self.date = rand_date(rng, y0, y1)
        self.year = self.date.year
        while True:
            self.pat = make_patient(rng, self.year)
            self.scen = rng.choice(SCEN)
            if not self.scen.get('female') or self.pat.sex == 'F':
                break
        self.gp = make_gp(rng)
        self.hosp = make_hosp(rng)
        self.age = age_on(self.pat.dob, self.date)
        self.dur = rng.choice(DURS)
        self.nhs_fmt = rng.choice(['spaced', 'spaced', 'spaced', 'plain', 'plain', 'dash'])
        self.dob_fmt = rng.choice(['slash', 'slash', 'long', 'dot2', 'mon', 'MON', 'short', 'long_ord', 'dash',
                                   'slash2', 'dot'])
        self.nhs_label = rng.choice(['NHS No:', 'NHS Number:', 'NHS No.', 'NHS number', 'NHS:', 'NHS Number',
                                     'NHS No', 'NHS no:'])
        self.dob_label = rng.choice(['DOB:', 'DOB', 'Date of Birth:', 'D.O.B.', 'D.O.B:', 'Born:', 'DoB:',
                                     'Date of birth:'])
        self.font = spec.get('font') or rng.choice(SANS + SERIF)
        self.bfont = BOLD.get(self.font, self.font)
        self.headcol = rng.choice([NHSBLUE, INK, DARKBLUE, INK])
        self.wdelta = spec.get('wdelta', 0)
        self.nhs_printed = []
        self.dob_printed = []
        self.distractors = []
        self.pages = []
        self.has_nhs = spec.get('nhs', True)
        self.has_dob = spec.get('dob', True)
        self.hand_lines = []

    # --- identifiers ---------------------------------------------------------
    def nhsv(self, fmt=None):
        return fmt_nhs(self.pat.nhs, fmt or self.nhs_fmt)

    def dobv(self, fmt=None):
        return fmt_date(self.pat.dob, fmt or self.dob_fmt)

    def NHS(self, label=None, fmt=None, sep=' '):
        s = (label or self.nhs_label) + sep + self.nhsv(fmt)
        return s

    def DOB(self, label=None, fmt=None, sep=' '):
        return (label or self.dob_label) + sep + self.dobv(fmt)

    def mark_nhs(self, s):
        self.nhs_printed.append(norm_line(s))
        return s

    def mark_dob(self, s):
        self.dob_printed.append(norm_line(s))
        return s

    def dist(self, typ, printed):
        self.distractors.append({'type': typ, 'as_printed': norm_line(printed)})
        return printed

    def new_page(self, i):
        ps = self.spec['pages'][i]
        p = Page(ps.get('size', 'A4'), ps['render_dpi'], '%s:p%d' % (self.id, i + 1))
        p.wdelta = self.wdelta
        self.pages.append(p)
        return p

    # --- words ------------------------------------------------------------------
    def pname(self, style=0):
        p = self.pat
        mid = (' ' + p.middle) if p.middle else ''
        return [
            '%s %s%s %s' % (p.title, p.first, mid, p.last),
            '%s, %s%s (%s)' % (p.last.upper(), p.first, mid, p.title),
            '%s %s %s' % (p.title, p.first, p.last.upper()),
            '%s %s' % (p.first.upper(), p.last.upper()),
            '%s, %s' % (p.last.upper(), p.first),
        ][style]

    def fill(self, s):
        p = self.pat
        return s.format(He=p.he.capitalize(), he=p.he, His=p.his.capitalize(), his=p.his, him=p.him,
                        dur=self.dur, age=self.age, man=p.man)

    def body_paras(self, opening=True, n_extra=0):
        sc = self.scen
        rng = self.rng
        p = self.pat
        out = []
        if opening:
            out.append(rng.choice([
                'Thank you for seeing this {age} year old {man} with ' + sc['reason'].lower() + '.',
                'I would be grateful if you could see this pleasant {age} year old {man} regarding ' +
                sc['reason'].lower() + '.',
                'Re: ' + sc['reason'] + '. Many thanks for seeing this {age} year old {man}.',
            ]))
        out += sc['hx']
        out.append('On examination: ' + sc['ex'])
        out.append('Investigations: ' + sc['ix'])
        out.append(sc['req'])
        return [self.fill(t) for t in out]

    def meds_lines(self):
        return [' '.join(x for x in m if x) for m in self.scen['meds']]


def page_footer(p, doc, lines, size=7.5, font=None, y=None):
    """Footer lines at the foot of the page; drawn (and put in the ground
    truth) after everything else on the page, so reading order is kept."""
    font = font or doc.font
    y = y or p.hpt - 12 * MM - (len(lines) - 1) * size * 1.3
    col = GREY if doc.rng.random() < 0.3 else INK

    def draw(y=y):
        for ln in lines:
            p.text(p.wpt / 2, y, ln, font, size, 'center', colour=col)
            y += size * 1.3
    p.deferred.append(draw)


def check_reading_order(p):
    """A later ground-truth line must not lie entirely above an earlier one
    that it overlaps horizontally."""
    bs = [b for _, b in p.boxes]
    for i in range(len(bs)):
        a = bs[i]
        for j in range(i + 1, len(bs)):
            b = bs[j]
            if min(a[2], b[2]) - max(a[0], b[0]) > 0 and b[3] < a[1] - 1:
                raise ValueError('reading order on %s: %r after %r' % (p.seed, p.boxes[j][0], p.boxes[i][0]))


def trust_head(p, doc, style, y=15 * MM, halftone=False):
    """Hospital letterhead; returns y below it."""
    h = doc.hosp
    fb, f = doc.bfont, doc.font
    mode = 'solid'
    col = doc.headcol
    if halftone:
        mode = 'ht'
        col = NHSBLUE if col == INK else col
    R_ = p.wpt - 18 * MM
    if style == 0:
        p.logo(18 * MM, y, 46, col, doc.idx % 4, mode)
        p.text(R_, y + 14, h.trust, fb, 13, 'right', colour=col, mode=mode)
        p.text(R_, y + 28, h.hospital, f, 10, 'right')
        p.text(R_, y + 40, ', '.join(h.addr) + ' ' + h.pc, f, 9, 'right')
        p.text(R_, y + 51, 'Switchboard: ' + doc.dist('phone', h.tel), f, 9, 'right')
        y += 62
    elif style == 1:
        p.text(p.wpt / 2, y + 14, h.trust, fb, 14, 'center', colour=col, mode=mode)
        p.text(p.wpt / 2, y + 28, h.hospital + ', ' + ', '.join(h.addr) + ', ' + h.pc, f, 9, 'center')
        p.text(p.wpt / 2, y + 40, 'Tel: %s   Fax: %s' % (doc.dist('phone', h.tel), doc.dist('fax', h.fax)), f, 9,
               'center')
        p.rule(18 * MM, y + 47, p.wpt - 18 * MM, y + 47, 1.2, col, mode)
        y += 58
    else:
        p.fill(0, y - 4, p.wpt, y + 40, col, 0.55, 'ht' if halftone else 'solid')
        p.logo(p.wpt - 18 * MM - 40, y - 2, 40, INK, doc.idx % 4)
        p.text(18 * MM, y + 15, h.trust, fb, 14)
        p.text(18 * MM, y + 31, h.hospital + '  |  ' + ', '.join(h.addr) + ' ' + h.pc, f, 9)
        y += 54
    return y


def practice_head(p, doc, style, y=15 * MM, halftone=False):
    g = doc.gp
    fb, f = doc.bfont, doc.font
    col = doc.headcol
    mode = 'ht' if halftone else 'solid'
    R_ = p.wpt - 18 * MM
    if style == 0:
        p.text(p.wpt / 2, y + 14, g.practice, fb, 15, 'center', colour=col, mode=mode)
        p.text(p.wpt / 2, y + 28, ', '.join(g.addr) + ', ' + g.pc, f, 9.5, 'center')
        p.text(p.wpt / 2, y + 40, 'Telephone %s  -  Fax %s' % (doc.dist('phone', g.tel), doc.dist('fax', g.fax)),
               f, 9.5, 'center')
        p.rule(18 * MM, y + 47, R_, y + 47, 0.8, col)
        y += 60
    elif style == 1:
        p.logo(18 * MM, y, 42, col, (doc.idx + 1) % 4, mode)
        p.text(R_, y + 12, g.practice, fb, 13, 'right', colour=col)
        yy = y + 25
        for ln in g.addr + [g.pc]:
            p.text(R_, yy, ln, f, 9, 'right')
            yy += 11
        p.text(R_, yy, 'Tel: ' + doc.dist('phone', g.tel), f, 9, 'right')
        p.text(R_, yy + 11, 'Fax: ' + doc.dist('fax', g.fax), f, 9, 'right')
        y = yy + 22
    else:
        # practice block left, partners list right (side by side columns)
        yy = y + 12
        p.text(18 * MM, yy, g.practice, fb, 13, colour=col)
        for ln in g.addr + [g.pc, 'Tel ' + doc.dist('phone', g.tel), 'Practice code ' + doc.dist('practice_code', g.code)]:
            yy += 11
            p.text(18 * MM, yy, ln, f, 9)
        y2 = y + 12
        p.text(R_, y2, 'Partners', fb, 8.5, 'right')
        for nm in g.partners[:5]:
            y2 += 10
            p.text(R_, y2, nm, f, 8.5, 'right')
        y = max(yy, y2) + 14
    return y


def addr_block(p, x, y, lines, font, size=10.5, lead=1.25):
    for ln in lines:
        p.text(x, y, ln, font, size)
        y += size * lead
    return y


def hosp_recipient(doc):
    h, sc = doc.hosp, doc.scen
    first = doc.rng.choice([h.cons, 'The Consultant ' + sc['spec'], sc['clinic'], 'Referral Management Centre'])
    return [first, h.hospital] + h.addr + [h.pc]


def gp_recipient(doc):
    g = doc.gp
    return [g.name, g.practice] + g.addr + [g.pc]


def body_flow(p, x, y, w, paras, font, size, lead=1.3, gap=0.55, maxy=None, justify=False, limit=None):
    """Place paragraphs while they fit (at most limit); returns (y, number placed)."""
    maxy = maxy or p.hpt - 28 * MM
    n = 0
    for t in paras:
        if limit is not None and n >= limit:
            break
        hh = p.para_height(t, font, size, w, lead)
        if y + hh - size * lead > maxy:
            break
        y = p.para(x, y, w, t, font, size, lead, justify=justify) + size * gap
        n += 1
    return y, n


def sign_off(p, doc, x, y, font, size=10.5, name=None, role='General Practitioner', sig=True):
    p.text(x, y, doc.rng.choice(['Yours sincerely', 'Yours sincerely,', 'Kind regards', 'With best wishes']),
           font, size)
    if sig:
        p.signature(x + 5, y + 22, 80)
    y += 44
    p.text(x, y, name or doc.gp.name, BOLD.get(font, font), size)
    p.text(x, y + size * 1.3, role, font, size)
    return y + size * 2.6


def table(p, x, y, widths, rows, font, size=9, bfont=None, grid=True, header=False, rowh=None, shade=None,
          bold_first_col=False, tags=None):
    """Rows of cells; top edge at y.  GT per row: non-empty cells joined by
    one space, left to right.  Returns y of the bottom edge."""
    rowh = rowh or size * 1.75
    bfont = bfont or font
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    for ri, row in enumerate(rows):
        if shade is not None and header and ri == 0:
            p.fill(x, y, xs[-1], y + rowh, shade, 0.18)
        base = y + rowh * 0.5 + size * 0.36
        parts = []
        for ci, cell in enumerate(row):
            if not cell:
                continue
            fo = bfont if (header and ri == 0) or (bold_first_col and ci == 0) else font
            if p.width(cell, fo, size) > widths[ci] - 4:
                raise ValueError('cell too wide: %r on %s' % (cell, p.seed))
            parts.append((xs[ci] + 3, base, cell, fo, size))
        if parts:
            tag = tags.get(ri) if tags else None
            p.line(parts, tag=tag)
        if grid:
            p.rule(x, y, xs[-1], y, 0.5)
        y += rowh
    if grid:
        p.rule(x, y, xs[-1], y, 0.5)
        for xx in xs:
            p.rule(xx, y - rowh * len(rows), xx, y, 0.5)
    return y


def kv_lines(p, x, y, pairs, tab, font, bfont, size=9.5, lead=1.4, tags=None):
    """Label / value pairs on successive baselines (label at x, value at x+tab)."""
    for i, (k, v) in enumerate(pairs):
        parts = [(x, y, k, bfont, size)]
        if v:
            parts.append((x + tab, y, v, font, size))
        p.line(parts, tag=(tags or {}).get(i))
        y += size * lead
    return y


def heading(p, x, y, text, font, size=11, colour=INK, rule_to=None):
    p.text(x, y, text, font, size, colour=colour)
    if rule_to:
        p.rule(x, y + 3, rule_to, y + 3, 0.5, colour)
    return y + size * 1.6


def ubrn(doc):
    r = R(doc.id, 'ubrn')
    return '%04d %04d %04d' % (r.randrange(10000), r.randrange(10000), r.randrange(10000))


def when(doc, style=None, d=None):
    return fmt_date(d or doc.date, style or doc.rng.choice(['slash', 'long', 'short', 'mon']))


# ---------------------------------------------------------------------------
# templates: referral letters
# ---------------------------------------------------------------------------
def tpl_ers(doc):
    n = len(doc.spec['pages'])
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 18 * MM, p.wpt - 18 * MM
    y = 16 * MM
    p.line([(L, y + 10, 'NHS e-Referral Service', fb, 15, 'left', doc.headcol), (Rr, y + 10, 'Referral Letter', fb, 12, 'right')])
    y += 18
    p.rule(L, y, Rr, y, 1.2, doc.headcol)
    y += 8
    ub = doc.dist('ubrn', ubrn(doc))
    prio = rng.choice(['Routine', 'Urgent', '2 Week Wait'])
    dref = doc.dist('referral_date', fmt_date(doc.date, 'mon'))
    W = Rr - L
    y = table(p, L, y, [W * .17, W * .33, W * .17, W * .33],
              [['UBRN', ub, 'Priority', prio],
               ['Specialty', sc['spec'], 'Referral Date', dref],
               ['Clinic Type', sc['clinic'], '', '']], f, 9, fb, grid=True, bold_first_col=True)
    y += 6
    y += 10
    y = heading(p, L, y, 'Patient Details', fb, 11, rule_to=Rr)
    nh = doc.nhsv()
    db = doc.dobv(rng.choice(['mon', 'slash', 'short']))
    doc.mark_nhs('NHS Number ' + nh)
    doc.mark_dob('Date of Birth ' + db)
    y = table(p, L, y, [W * .28, W * .72],
              [['Name', doc.pname(1)], ['NHS Number', nh], ['Date of Birth', db], ['Gender', pt.gender],
               ['Address', ', '.join(pt.addr) + ', ' + pt.pc], ['Telephone', doc.dist('phone', pt.tel)]],
              f, 9.5, fb, grid=True, bold_first_col=True, tags={1: 'nhs', 2: 'dob'})
    y += 14
    y = heading(p, L, y, 'Referrer Details', fb, 11, rule_to=Rr)
    y = table(p, L, y, [W * .28, W * .72],
              [['Referring Clinician', g.name], ['Organisation', '%s (%s)' % (g.practice, doc.dist('practice_code', g.code))],
               ['Telephone', doc.dist('phone', g.tel)]], f, 9.5, fb, grid=True, bold_first_col=True)
    y += 16
    y = heading(p, L, y, 'Referral Letter', fb, 11, rule_to=Rr)
    y += 4
    paras = ['Dear Colleague,'] + doc.body_paras()
    y, k = body_flow(p, L, y, W, paras, f, 10, maxy=p.hpt - 26 * MM, limit=(len(paras) + 1) // 2 if n > 1 else None)
    printed = doc.dist('print_date', fmt_date(add_days(doc.date, rng.randint(0, 3)), 'mon'))
    page_footer(p, doc, ['Printed %s %02d:%02d by e-RS   Page 1 of %d' % (printed, rng.randint(8, 17), rng.randint(0, 59), n)],
                8, f)
    rest = paras[k:]
    for i in range(1, n):
        p = doc.new_page(i)
        y = 16 * MM
        band = '%s   NHS Number: %s   UBRN: %s' % (doc.pname(4), nh, ub)
        p.fill(L - 4, y - 2, Rr + 4, y + 16, INK, 0.12)
        p.text(L, y + 10, band, fb, 9)
        doc.mark_nhs('NHS Number: ' + nh)
        y += 36
        y, k = body_flow(p, L, y, W, rest, f, 10)
        rest = rest[k:]
        y += 6
        y = heading(p, L, y, 'Current Medication', fb, 10.5, rule_to=Rr)
        for m in doc.meds_lines():
            p.text(L + 6, y, m, f, 9.5)
            y += 13
        y += 8
        y = heading(p, L, y, 'Past Medical History', fb, 10.5, rule_to=Rr)
        for m in sc['pmh']:
            p.text(L + 6, y, m, f, 9.5)
            y += 13
        y += 8
        p.runs(L, y, [('Allergies: ', fb, 9.5), (rng.choice(ALLERGIES), f, 9.5)])
        y += 30
        y = sign_off(p, doc, L, y, f, 10)
        page_footer(p, doc, ['Printed %s   Page %d of %d' % (printed, i + 1, n)], 8, f)
    assert not rest or n == 1


def tpl_proforma(doc):
    n = len(doc.spec['pages'])
    f, fb = doc.font, doc.bfont
    sc, pt, g = doc.scen, doc.pat, doc.gp
    rng = doc.rng
    var = doc.spec.get('variant', 0)
    titles = [('SUSPECTED CANCER REFERRAL (2 WEEK WAIT)', 'Lower Gastrointestinal'),
              ('MUSCULOSKELETAL REFERRAL FORM', 'Orthopaedic Triage and Treatment Service'),
              ('URGENT REFERRAL PROFORMA', sc['spec'])]
    t1, t2 = titles[var]
    crit = [
        ['Age 40 and over with unexplained weight loss and abdominal pain',
         'Age 50 and over with unexplained rectal bleeding',
         'Age 60 and over with iron deficiency anaemia',
         'Change in bowel habit for more than 6 weeks',
         'Positive faecal immunochemical test (FIT)',
         'Abdominal or rectal mass'],
        ['Knee', 'Hip', 'Shoulder', 'Spine', 'Foot and ankle', 'Hand and wrist'],
        ['Symptoms worsening despite treatment', 'Red flag symptoms present', 'Patient informed of urgency',
         'Patient available in the next 14 days', 'Interpreter required'],
    ][var]
    p = doc.new_page(0)
    L, Rr = 16 * MM, p.wpt - 16 * MM
    W = Rr - L
    y = 15 * MM
    p.box(L, y, Rr, y + 38, 1.2)
    p.text(p.wpt / 2, y + 16, t1, fb, 12.5, 'center')
    p.text(p.wpt / 2, y + 31, t2, f, 10.5, 'center')
    y += 50
    p.text(L, y, 'Please complete all sections in BLOCK CAPITALS', f, 8.5, colour=GREY)
    y += 8
    nh = doc.nhsv()
    db = doc.dobv()
    lab_n = rng.choice(['NHS No:', 'NHS Number:'])
    lab_d = rng.choice(['DOB:', 'Date of Birth:'])
    doc.mark_nhs(lab_n + ' ' + nh)
    doc.mark_dob(lab_d + ' ' + db)
    rows = [['Surname: ' + pt.last.upper(), 'Forename: ' + pt.first.upper()],
            [lab_d + ' ' + db, lab_n + ' ' + nh],
            ['Gender: ' + pt.gender, 'Hospital No: ' + doc.dist('hospital_number', pt.hosp)],
            ['Address: ' + pt.addr[-2] if len(pt.addr) > 1 else 'Address: ' + pt.addr[0], 'Postcode: ' + pt.pc],
            ['Tel: ' + doc.dist('phone', pt.tel), 'Interpreter: ' + rng.choice(['No', 'Yes - Polish', 'No'])]]
    y = table(p, L, y, [W / 2, W / 2], rows, f, 9.5, fb, grid=True, rowh=19, tags={1: 'nhs'})
    y += 16
    y = heading(p, L, y, 'Referral criteria (tick all that apply)' if var != 1 else 'Body area (tick one)', fb, 10.5)
    ticked = set(rng.sample(range(len(crit)), 2 if var != 1 else 1))
    for i, c in enumerate(crit):
        p.checkbox(L + 4, y, 9, rng.choice(['tick', 'cross']) if i in ticked else None)
        p.text(L + 20, y, c, f, 9.5)
        y += 16
    y += 10
    y = heading(p, L, y, 'Clinical details', fb, 10.5)
    paras = doc.body_paras(opening=False)
    p.box(L, y - 12, Rr, y - 12 + (190 if n == 1 else 250), 0.6)
    y2, k = body_flow(p, L + 6, y + 2, W - 12, paras, f, 9.5, maxy=y - 24 + (190 if n == 1 else 250),
                      limit=(len(paras) + 1) // 2 if n > 1 else None)
    rest = paras[k:]
    y += (190 if n == 1 else 250) + 4
    if n == 1:
        y = table(p, L, y, [W * .5, W * .5],
                  [['Referring GP: ' + g.name, 'Practice code: ' + doc.dist('practice_code', g.code)],
                   ['Practice: ' + g.practice, 'Tel: ' + doc.dist('phone', g.tel)],
                   ['Date of referral: ' + doc.dist('referral_date', when(doc, 'slash')), 'Signature:']],
                  f, 9, fb, rowh=18)
        p.signature(L + W * .5 + 60, y - 10, 70)
        page_footer(p, doc, ['Form version 4.2 - please send via e-RS. Incomplete forms will be returned.'], 7.5)
    else:
        page_footer(p, doc, ['Page 1 of 2'], 8)
        p = doc.new_page(1)
        y = 16 * MM
        p.text(L, y, 'Patient: %s   %s %s' % (doc.pname(4), lab_n, nh), fb, 9.5)
        y += 24
        y = heading(p, L, y, 'Clinical details (continued)', fb, 10.5)
        y, k = body_flow(p, L, y, W, rest, f, 9.5)
        rest = rest[k:]
        y += 6
        y = heading(p, L, y, 'Current medication', fb, 10.5)
        for m in doc.meds_lines():
            p.text(L + 6, y, m, f, 9.5)
            y += 13
        y += 10
        y = heading(p, L, y, 'Safety netting / patient information', fb, 10.5)
        for c in ['Patient given information leaflet', 'Patient aware this is an urgent referral',
                  'Blood tests requested', 'Patient has capacity to consent']:
            p.checkbox(L + 4, y, 9, 'tick' if rng.random() < 0.6 else None)
            p.text(L + 20, y, c, f, 9.5)
            y += 16
        y += 14
        y = table(p, L, y, [W * .5, W * .5],
                  [['Referring GP: ' + g.name, 'Practice code: ' + doc.dist('practice_code', g.code)],
                   ['Practice: ' + g.practice, 'Tel: ' + doc.dist('phone', g.tel)],
                   ['Date of referral: ' + doc.dist('referral_date', when(doc, 'slash')), 'Signature:']],
                  f, 9, fb, rowh=18)
        p.signature(L + W * .5 + 60, y - 10, 70)
        page_footer(p, doc, ['Page 2 of 2'], 8)
    assert not rest


def tpl_dictated(doc, old=False):
    n = len(doc.spec['pages'])
    f, fb = doc.font, doc.bfont
    sc, pt, g = doc.scen, doc.pat, doc.gp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 22 * MM, p.wpt - 22 * MM
    W = Rr - L
    y = practice_head(p, doc, doc.spec.get('head', rng.randrange(3)), halftone=doc.spec.get('halftone', False))
    y += 10
    ref = doc.dist('reference', 'Our ref: %s/%s%s' % (''.join(w[0] for w in g.name.split()[1:]),
                                                     rng.choice(INITS).lower(), rng.choice(INITS).lower()))
    p.text(L, y, ref, f, 9.5)
    y += 14
    p.text(L, y, 'Date: ' + doc.dist('letter_date', when(doc, rng.choice(['long', 'slash', 'long_ord']))), f, 10)
    y += 26
    y = addr_block(p, L, y, hosp_recipient(doc), f, 10.5)
    y += 16
    p.text(L, y, 'Dear ' + rng.choice(['Dr ' + doc.hosp.cons.split()[-1], 'Colleague', 'Doctor']) + ',', f, 10.5)
    y += 20
    nh = doc.nhsv()
    lab = rng.choice(['NHS No:', 'NHS Number:', 'NHS No'])
    dl = rng.choice(['DOB', 'DOB:', 'D.O.B.', 'Date of Birth:'])
    db = doc.dobv()
    style = rng.randrange(3)
    if style == 0:
        s1 = 'Re: %s, %s %s' % (doc.pname(0), dl, db)
        p.text(L, y, s1, fb, 10.5, tag='dob')
        doc.mark_dob('%s %s' % (dl, db))
        y += 13
        p.text(L, y, ', '.join(pt.addr) + ', ' + pt.pc, fb, 10.5)
        y += 13
        s = '%s %s' % (lab, nh)
        p.text(L, y, s, fb, 10.5, tag='nhs')
        doc.mark_nhs(s)
    elif style == 1:
        s = 'RE: %s  %s %s  %s %s' % (doc.pname(2), dl, db, lab, nh)
        if p.width(s, fb, 10) > W:
            s = 'RE: %s  %s %s' % (doc.pname(2), dl, db)
            p.text(L, y, s, fb, 10, tag='dob')
            y += 13
            p.text(L, y, '%s %s' % (lab, nh), fb, 10, tag='nhs')
        else:
            p.text(L, y, s, fb, 10, tag='nhs')
        doc.mark_dob('%s %s' % (dl, db))
        doc.mark_nhs('%s %s' % (lab, nh))
        y += 13
        p.text(L, y, ', '.join(pt.addr) + ' ' + pt.pc, f, 10)
    else:
        y = kv_lines(p, L, y, [('Patient:', doc.pname(0)), (dl, db), (lab, nh), ('Address:', ', '.join(pt.addr) + ', ' + pt.pc)],
                     80, f, fb, 10, 1.35, tags={1: 'dob', 2: 'nhs'}) - 13
        doc.mark_dob('%s %s' % (dl, db))
        doc.mark_nhs('%s %s' % (lab, nh))
    y += 22
    paras = doc.body_paras()
    paras.insert(len(paras) - 1, 'Past medical history: ' + ', '.join(sc['pmh']) + '. Medication: ' +
                 '; '.join(doc.meds_lines()) + '. Allergies: ' + rng.choice(ALLERGIES) + '.')
    paras.append('Thank you for your help with %s care.' % pt.his)
    y, k = body_flow(p, L, y, W, paras, f, 10.5, justify=doc.spec.get('justify', False), limit=(len(paras) + 1) // 2 if n > 1 else None,
                     maxy=p.hpt - (70 if n == 1 else 28) * MM if n == 1 else p.hpt - 25 * MM)
    rest = paras[k:]
    if n == 1:
        y += 8
        y = sign_off(p, doc, L, y, f, 10.5)
        p.text(L, y + 6, 'Dictated %s, typed %s' % (doc.dist('other_date', when(doc, 'slash', add_days(doc.date, -rng.randint(1, 6)))),
                                                   doc.dist('other_date', when(doc, 'slash'))), f, 8)
    else:
        page_footer(p, doc, ['continued overleaf'], 8)
        p = doc.new_page(1)
        y = 18 * MM
        p.text(L, y, '%s - %s %s - page 2' % (doc.pname(0), lab, nh), f, 9)
        doc.mark_nhs('%s %s' % (lab, nh))
        y += 28
        y, k = body_flow(p, L, y, W, rest, f, 10.5)
        rest = rest[k:]
        y += 8
        y = sign_off(p, doc, L, y, f, 10.5)
        p.text(L, y + 6, 'cc: Patient', f, 9)
    assert not rest, (doc.id, rest)


def tpl_soap(doc):
    f, fb = doc.font, doc.bfont
    sc, pt, g = doc.scen, doc.pat, doc.gp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 18 * MM, p.wpt - 18 * MM
    W = Rr - L
    y = 16 * MM
    p.line([(L, y + 8, g.practice, fb, 12), (Rr, y + 8, 'Consultation record', f, 10, 'right')])
    y += 20
    p.rule(L, y, Rr, y, 0.8)
    y += 16
    nh, db = doc.nhsv(), doc.dobv()
    s1 = '%s %s' % (doc.nhs_label, nh)
    s2 = '%s %s' % (doc.dob_label, db)
    doc.mark_nhs(s1)
    doc.mark_dob(s2)
    # two side-by-side blocks: left block read first, then the right one
    p.text(L, y, 'Patient: ' + doc.pname(1), fb, 10)
    p.text(L, y + 14, ', '.join(pt.addr) + ', ' + pt.pc, f, 9.5)
    p.text(L + W * 0.62, y, s2, f, 10, tag='dob')
    p.text(L + W * 0.62, y + 14, s1, f, 10, tag='nhs')
    y += 28
    p.text(L, y, 'Usual GP: %s   Hospital No: %s' % (g.name, doc.dist('hospital_number', pt.hosp)), f, 9.5)
    y += 10
    p.rule(L, y, Rr, y, 0.5)
    y += 22
    dt = doc.dist('consultation_date', fmt_date(doc.date, 'slash'))
    p.text(L, y, '%s %02d:%02d  %s  Surgery consultation' % (dt, rng.randint(8, 17), rng.choice([0, 10, 20, 30, 40, 50]),
                                                          g.name), fb, 10)
    y += 22
    hx = doc.body_paras(opening=False)
    secs = [('S:', ' '.join(hx[:-3])), ('O:', sc['ex']), ('A:', sc['reason'] + '. ' + hx[-2]),
            ('P:', 'Referral to %s (%s). %s Safety netting advice given; patient to return if worse.' %
             (sc['spec'], rng.choice(['routine', 'urgent']), doc.fill(sc['req'])))]
    for k, t in secs:
        p.text(L, y, k, fb, 10.5)
        y = p.para(L + 26, y, W - 26, t, f, 10.5, 1.35) + 8
    y += 8
    y = heading(p, L, y, 'Repeat medication', fb, 10)
    for m in doc.meds_lines():
        p.text(L + 10, y, m, f, 9.5)
        y += 12.5
    y += 10
    p.runs(L, y, [('Allergies: ', fb, 9.5), (rng.choice(ALLERGIES), f, 9.5)])
    y += 14
    p.runs(L, y, [('Problems: ', fb, 9.5), (', '.join(sc['pmh']), f, 9.5)])
    page_footer(p, doc, ['Printed by %s on %s - CONFIDENTIAL' % (g.name, doc.dist('print_date', fmt_date(doc.date, 'slash')))],
                8)


def tpl_emis(doc):
    n = len(doc.spec['pages'])
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 16 * MM, p.wpt - 16 * MM
    W = Rr - L
    y = 14 * MM
    p.text(Rr, y + 8, g.practice, fb, 11, 'right')
    yy = y + 20
    for ln in g.addr + [g.pc, 'Tel: ' + doc.dist('phone', g.tel)]:
        p.text(Rr, yy, ln, f, 9, 'right')
        yy += 11
    y = yy + 8
    p.text(L, y, 'Referral', fb, 16)
    y += 8
    p.fill(L, y, Rr, y + 3, INK, 0.8)
    y += 20
    nh = doc.nhsv()
    db = doc.dobv(rng.choice(['short', 'slash', 'long']))
    doc.mark_nhs('NHS Number ' + nh)
    doc.mark_dob('Date of Birth ' + db)
    age = '%d years' % doc.age
    rows = [['Patient Name', doc.pname(0)], ['Date of Birth', '%s (%s)' % (db, age)], ['NHS Number', nh],
            ['Gender', pt.gender], ['Address', ', '.join(pt.addr) + ', ' + pt.pc],
            ['Home Telephone', doc.dist('phone', pt.tel)],
            ['Usual GP', '%s, %s' % (g.name, g.practice)]]
    y = table(p, L, y, [W * .27, W * .73], rows, f, 9.5, fb, grid=False, bold_first_col=True, rowh=15,
              tags={1: 'dob', 2: 'nhs'})
    y += 10

    def band(p, y, title):
        p.fill(L, y, Rr, y + 15, INK, 0.15)
        p.text(L + 4, y + 11, title, fb, 10)
        return y + 30

    y = band(p, y, 'Referral Details')
    y = table(p, L, y - 12, [W * .27, W * .73],
              [['To', h.cons + ', ' + sc['spec']], ['Hospital', h.hospital], ['Urgency', rng.choice(['Routine', 'Urgent'])],
               ['Date', doc.dist('referral_date', when(doc, 'slash'))]], f, 9.5, fb, grid=False, bold_first_col=True,
              rowh=15)
    y += 12
    y = band(p, y, 'Problems')
    for pr in sc['pmh']:
        d = rand_date(rng, doc.year - 15, doc.year - 1)
        p.line([(L + 4, y, doc.dist('other_date', fmt_date(d, 'short')), f, 9.5), (L + W * .27, y, pr, f, 9.5)])
        y += 13
    y += 6
    y = band(p, y, 'Medication')
    mrows = [['Drug', 'Dosage', 'Last Issued']]
    for m in sc['meds']:
        mrows.append([(m[0] + ' ' + m[1]).strip(), m[2], fmt_date(add_days(doc.date, -rng.randint(3, 60)), 'short') if m[1] else ''])
    y = table(p, L, y - 12, [W * .4, W * .33, W * .27], mrows, f, 9, fb, grid=False, header=True, rowh=14)
    y += 12
    y = band(p, y, 'Allergies')
    p.text(L + 4, y, rng.choice(ALLERGIES), f, 9.5)
    y += 20
    y = band(p, y, 'Letter')
    paras = ['Dear ' + h.cons + ','] + doc.body_paras()
    y, k = body_flow(p, L + 4, y, W - 8, paras, f, 10, maxy=p.hpt - 24 * MM, limit=(len(paras) + 1) // 2 if n > 1 else None)
    rest = paras[k:]
    page_footer(p, doc, ['%s   %s   %s   Page 1 of %d' % (doc.pname(4), doc.nhsv('spaced'), g.practice, n)], 7.5)
    for i in range(1, n):
        p = doc.new_page(i)
        y = 16 * MM
        y, k = body_flow(p, L + 4, y + 10, W - 8, rest, f, 10)
        rest = rest[k:]
        y += 6
        y = band(p, y, 'Recent Results')
        rr = [['Date', 'Test', 'Result', 'Range']]
        for t, v, rg in [('Haemoglobin', '%d g/L' % rng.randint(105, 150), '130 - 180'),
                         ('eGFR', '%d mL/min' % rng.randint(45, 90), '> 60'),
                         ('HbA1c', '%d mmol/mol' % rng.randint(36, 70), '20 - 41'),
                         ('Cholesterol', '%.1f mmol/L' % rng.uniform(3.5, 7.2), '< 5.0')]:
            rr.append([fmt_date(add_days(doc.date, -rng.randint(5, 90)), 'short'), t, v, rg])
        y = table(p, L, y - 12, [W * .22, W * .3, W * .25, W * .23], rr, f, 9, fb, grid=False, header=True, rowh=14)
        y += 30
        y = sign_off(p, doc, L + 4, y, f, 10)
        page_footer(p, doc, ['%s   %s   %s   Page %d of %d' % (doc.pname(4), doc.nhsv('spaced'), g.practice, i + 1, n)],
                    7.5)
    assert not rest, (doc.id, rest)


def tpl_systmone(doc):
    n = len(doc.spec['pages'])
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    nh = doc.nhsv()
    db = doc.dobv(rng.choice(['MON', 'short', 'slash']))
    paras = ['Dear Doctor,'] + doc.body_paras() + ['Kind regards']
    rest = paras
    for i in range(n):
        p = doc.new_page(i)
        L, Rr = 15 * MM, p.wpt - 15 * MM
        W = Rr - L
        y = 12 * MM
        band = [(L, y + 10, doc.pname(1), fb, 9), (L + W * .42, y + 10, 'DOB: ' + db, f, 9),
                (L + W * .68, y + 10, 'NHS No: ' + nh, f, 9)]
        p.box(L - 2, y, Rr + 2, y + 15, 0.6)
        p.line(band, tag='nhs')
        if i == 0:
            doc.mark_dob('DOB: ' + db)
            doc.mark_nhs('NHS No: ' + nh)
        y += 36
        if i == 0:
            p.text(L, y, g.practice, fb, 12)
            p.text(L, y + 13, ', '.join(g.addr) + ', ' + g.pc, f, 9)
            p.text(L, y + 25, 'Tel %s   Fax %s   ODS %s' % (doc.dist('phone', g.tel), doc.dist('fax', g.fax),
                                                         doc.dist('practice_code', g.code)), f, 9)
            y += 50
            y = addr_block(p, L, y, hosp_recipient(doc), f, 10)
            y += 14
            p.text(L, y, doc.dist('letter_date', when(doc, 'long')), f, 10)
            y += 24
            p.text(L, y, 'Referral to %s' % sc['spec'], fb, 11)
            y += 22
            y = kv_lines(p, L, y, [('Patient', doc.pname(0)), ('Address', ', '.join(pt.addr) + ', ' + pt.pc),
                                   ('Telephone', doc.dist('phone', pt.tel)),
                                   ('Hospital number', doc.dist('hospital_number', pt.hosp))], 95, f, fb, 9.5)
            y += 12
        y, k = body_flow(p, L, y, W, rest, f, 10, maxy=p.hpt - 30 * MM,
                         limit=(len(paras) + 1) // 2 if (n > 1 and i == 0) else None)
        rest = rest[k:]
        if i == n - 1:
            y += 30
            p.signature(L, y - 8, 70)
            p.text(L, y + 10, g.name, fb, 10)
            y += 30
            y = heading(p, L, y, 'Medication (acute and repeat)', fb, 10)
            for m in doc.meds_lines():
                p.text(L + 8, y, m, f, 9.5)
                y += 12
        p.line([(L, p.hpt - 12 * MM, 'Page %d of %d' % (i + 1, n), f, 8),
                (Rr, p.hpt - 12 * MM, 'Printed on %s' % doc.dist('print_date', fmt_date(doc.date, 'MON')), f, 8, 'right')])
    assert not rest, (doc.id, rest)


def tpl_vision(doc):
    f = doc.font
    fb = doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 15 * MM, p.wpt - 15 * MM
    W = Rr - L
    y = 14 * MM
    p.line([(L, y + 8, 'REFERRAL LETTER', fb, 12), (Rr, y + 8, g.practice.upper(), fb, 10, 'right')])
    y += 16
    p.rule(L, y, Rr, y, 0.5)
    p.rule(L, y + 2.5, Rr, y + 2.5, 0.5)
    y += 18
    nh = doc.nhsv('plain' if rng.random() < .6 else None)
    db = doc.dobv(rng.choice(['slash', 'dot', 'slash2']))
    # two columns of label: value pairs; left column read first, then right
    left = [('Surname:', pt.last.upper()), ('Forenames:', pt.first + (' ' + pt.middle if pt.middle else '')),
            ('Title:', pt.title), ('Sex:', pt.gender)]
    right = [('D.O.B.:', db), ('NHS Number:', nh), ('Reg. GP:', g.name), ('Tel:', doc.dist('phone', pt.tel))]
    doc.mark_dob('D.O.B.: ' + db)
    doc.mark_nhs('NHS Number: ' + nh)
    kv_lines(p, L, y, left, 62, f, fb, 9.5)
    kv_lines(p, L + W * .52, y, right, 68, f, fb, 9.5, tags={0: 'dob', 1: 'nhs'})
    y += 4 * 9.5 * 1.4 + 4
    p.line([(L, y, 'Address:', fb, 9.5), (L + 62, y, ', '.join(pt.addr) + ', ' + pt.pc, f, 9.5)])
    y += 10
    p.rule(L, y, Rr, y, 0.5)
    y += 20
    p.line([(L, y, 'To:', fb, 9.5), (L + 62, y, '%s, %s, %s' % (h.cons, sc['clinic'], h.hospital), f, 9.5)])
    y += 13
    p.line([(L, y, 'Date:', fb, 9.5), (L + 62, y, doc.dist('letter_date', fmt_date(doc.date, 'slash')), f, 9.5)])
    y += 13
    p.line([(L, y, 'Priority:', fb, 9.5), (L + 62, y, rng.choice(['Soon', 'Routine', 'Urgent']), f, 9.5)])
    y += 24
    paras = doc.body_paras()
    y, k = body_flow(p, L, y, W, paras, f, 9.5)
    y += 6
    y = heading(p, L, y, 'SIGNIFICANT PAST HISTORY', fb, 9.5)
    for m in sc['pmh']:
        d = rand_date(rng, doc.year - 20, doc.year - 1)
        p.line([(L, y, doc.dist('other_date', fmt_date(d, 'slash')), f, 9), (L + 70, y, m, f, 9)])
        y += 12
    y += 8
    y = heading(p, L, y, 'CURRENT REPEATS', fb, 9.5)
    for m in doc.meds_lines():
        p.text(L, y, m, f, 9)
        y += 12
    y += 24
    p.text(L, y, g.name, fb, 9.5)
    page_footer(p, doc, ['Vision - %s - %s' % (g.practice, doc.dist('practice_code', g.code))], 7.5)
    assert k == len(paras), doc.id


def tpl_terse(doc):
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 20 * MM, p.wpt - 20 * MM
    W = Rr - L
    y = 18 * MM
    p.text(L, y, g.practice, fb, 11)
    p.text(L, y + 12, 'Tel ' + doc.dist('phone', g.tel), f, 9)
    # printed patient label (addressograph sticker) at right
    lx, ly = p.wpt - 20 * MM - 200, y - 10
    p.box(lx, ly, lx + 200, ly + 64, 0.4, GREY)
    nh = doc.nhsv()
    db = doc.dobv(rng.choice(['dot2', 'slash', 'dot']))
    a = 'NHS ' + nh
    b = 'DOB ' + db
    doc.mark_nhs(a)
    doc.mark_dob(b)
    lf = rng.choice(['dvmono', 'lmono', 'nmono'])
    p.text(lx + 6, ly + 14, doc.pname(4), lf, 9)
    p.text(lx + 6, ly + 26, b, lf, 9, tag='dob')
    p.text(lx + 6, ly + 38, a, lf, 9, tag='nhs')
    p.text(lx + 6, ly + 50, ', '.join(pt.addr) + ' ' + pt.pc if len(', '.join(pt.addr)) < 26 else pt.pc, lf, 8)
    y += 80
    p.text(L, y, doc.dist('letter_date', fmt_date(doc.date, rng.choice(['slash', 'slash2']))), f, 10)
    y += 24
    p.text(L, y, 'Dear %s team,' % sc['spec'], f, 10.5)
    y += 22
    hx = doc.body_paras(opening=False)
    t = 'Pls see %d%s c/o %s. %s %s Thanks.' % (doc.age, pt.sex, sc['reason'].lower(), hx[0], doc.fill(sc['req']))
    y = p.para(L, y, W, t, f, 10.5, 1.4) + 16
    p.text(L, y, 'Meds: ' + ', '.join(m[0] for m in sc['meds']), f, 10)
    y += 40
    p.signature(L, y - 12, 60)
    p.text(L, y + 6, g.name, f, 10)


def re_block(doc, p, x, y, font, bfont, size=10.5, style=None, width=None):
    """'Re:' patient identification block of a letter; returns y after."""
    pt = doc.pat
    rng = doc.rng
    style = rng.randrange(4) if style is None else style
    nh, db = doc.nhsv(), doc.dobv()
    if style == 0:
        s = 'Re: %s' % doc.pname(0)
        p.text(x, y, s, bfont, size)
        y += size * 1.3
        a = '%s %s' % (doc.dob_label, db)
        p.text(x, y, a, bfont, size, tag='dob')
        y += size * 1.3
        b = '%s %s' % (doc.nhs_label, nh)
        p.text(x, y, b, bfont, size, tag='nhs')
        y += size * 1.3
        p.text(x, y, ', '.join(pt.addr) + ', ' + pt.pc, font, size)
    elif style == 1:
        a = '%s %s' % (doc.dob_label, db)
        b = '%s %s' % (doc.nhs_label, nh)
        s = 'RE: %s - %s - %s' % (doc.pname(2), a, b)
        if width and p.width(s, bfont, size) > width:
            p.text(x, y, 'RE: %s - %s' % (doc.pname(2), a), bfont, size, tag='dob')
            y += size * 1.3
            p.text(x, y, b, bfont, size, tag='nhs')
        else:
            p.text(x, y, s, bfont, size, tag='nhs')
        y += size * 1.3
        p.text(x, y, ', '.join(pt.addr) + ' ' + pt.pc, font, size)
    elif style == 2:
        a = '%s %s' % (doc.dob_label, db)
        b = '%s %s' % (doc.nhs_label, nh)
        p.text(x, y, 'Patient: %s' % doc.pname(0), bfont, size)
        y += size * 1.3
        p.text(x, y, '%s   %s' % (a, b), font, size, tag='nhs')
    else:
        a = 'Date of Birth: ' + doc.dobv('long')
        b = 'NHS Number: ' + nh
        y = kv_lines(p, x, y, [('Name:', doc.pname(0)), ('Date of Birth:', doc.dobv('long')), ('NHS Number:', nh),
                               ('Address:', ', '.join(pt.addr) + ', ' + pt.pc)], 88, font, bfont, size, 1.3,
                     tags={1: 'dob', 2: 'nhs'}) - size * 1.3
    doc.mark_dob(a)
    doc.mark_nhs(b)
    return y + size * 1.3


def tpl_twopage(doc):
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 22 * MM, p.wpt - 22 * MM
    W = Rr - L
    y = practice_head(p, doc, rng.choice([0, 1]), y=18 * MM, halftone=doc.spec.get('halftone', False))
    y += 30
    # recipient (left block) beside reference block (right): left first, then right
    ya = addr_block(p, L, y, hosp_recipient(doc), f, 10.5)
    refs = [('Our ref:', doc.dist('reference', '%s/%s' % (g.name.split()[-1][:3].upper(), rng.randint(100, 999)))),
            ('Direct line:', doc.dist('phone', phone(rng))),
            ('Date:', doc.dist('letter_date', when(doc, rng.choice(['long', 'long_ord', 'slash']))))]
    yb = kv_lines(p, L + W * 0.6, y, refs, 62, f, fb, 9.5)
    y = max(ya, yb) + 40
    p.text(L, y, 'Dear ' + rng.choice([h.cons, 'Colleague', 'Sir/Madam']) + ',', f, 10.5)
    y += 24
    y = re_block(doc, p, L, y, f, fb, 10.5, width=W)
    y += 14
    paras = doc.body_paras()
    p.para(L, y, W, paras[0], f, 10.5, 1.35)
    page_footer(p, doc, [g.practice + ' - ' + ', '.join(g.addr) + ', ' + g.pc,
                         'Senior Partner: %s   Practice code %s' % (g.partners[0], doc.dist('practice_code', g.code)),
                         'This letter contains confidential patient information.'], 7.5)
    p.text(Rr, p.hpt - 27 * MM, '/continued', f, 9, 'right')
    p = doc.new_page(1)
    y = 18 * MM
    s = '%s   %s %s' % (doc.pname(0), doc.nhs_label, doc.nhsv())
    p.line([(L, y, s, f, 9), (Rr, y, 'Page 2', f, 9, 'right')])
    doc.mark_nhs('%s %s' % (doc.nhs_label, doc.nhsv()))
    y += 30
    rest = paras[1:] + ['Past history: ' + ', '.join(sc['pmh']) + '.',
                        'Current medication: ' + '; '.join(doc.meds_lines()) + '.',
                        'Allergies: ' + rng.choice(ALLERGIES) + '.']
    y, k = body_flow(p, L, y, W, rest, f, 10.5, justify=doc.spec.get('justify', False))
    assert k == len(rest), doc.id
    y += 10
    y = sign_off(p, doc, L, y, f, 10.5)
    p.text(L, y + 10, 'cc: Patient', f, 9.5)


def tpl_demog(doc, clinic=False):
    n = len(doc.spec['pages'])
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    var = doc.spec.get('variant', 0)
    p = doc.new_page(0)
    L, Rr = 20 * MM, p.wpt - 20 * MM
    W = Rr - L
    if clinic:
        y = trust_head(p, doc, rng.randrange(3), halftone=doc.spec.get('halftone', False))
        recip = gp_recipient(doc)
    else:
        y = practice_head(p, doc, rng.randrange(2), halftone=doc.spec.get('halftone', False))
        recip = hosp_recipient(doc)
    y += 26
    nh = doc.nhsv()
    db = doc.dobv()
    lab_n = doc.nhs_label if doc.nhs_label.endswith(':') else doc.nhs_label + ':'
    lab_d = doc.dob_label if doc.dob_label.endswith(':') else doc.dob_label.rstrip('.') + ':'
    doc.mark_nhs('%s %s' % (lab_n, nh))
    doc.mark_dob('%s %s' % (lab_d, db))
    hospno = doc.dist('hospital_number', pt.hosp)
    if var == 0:
        # address (left) beside a boxed single column of label: value pairs (right)
        ya = addr_block(p, L, y + 14, recip, f, 10.5)
        bx = L + W * 0.52
        pairs = [('Name:', doc.pname(4)), (lab_d, db), (lab_n, nh), ('Hosp No:', hospno),
                 ('Tel:', doc.dist('phone', pt.tel))]
        tab = max(p.width(k_, fb, 9.5) for k_, _ in pairs) + 8
        p.box(bx - 6, y, Rr, y + 14 + len(pairs) * 13.5 + 4, 0.7)
        yb = kv_lines(p, bx, y + 14, pairs, tab, f, fb, 9.5, 1.42, tags={1: 'dob', 2: 'nhs'})
        y = max(ya, yb) + 20
    else:
        # address (left) beside demographics box made of two columns of pairs
        ya = addr_block(p, L, y + 12, recip, f, 10)
        bx = L + W * 0.42
        left = [('Surname:', pt.last.upper()), ('Forename:', pt.first), (lab_d, db)]
        right = [(lab_n, nh), ('Hosp No:', hospno), ('Postcode:', pt.pc)]
        p.box(bx - 6, y, Rr, y + 12 + 3 * 13 + 6, 0.7)
        tl = max(p.width(k_, fb, 8.5) for k_, _ in left) + 5
        tr = max(p.width(k_, fb, 8.5) for k_, _ in right) + 5
        kv_lines(p, bx, y + 12, left, tl, f, fb, 8.5, 1.53, tags={2: 'dob'})
        kv_lines(p, bx + (Rr - bx) * 0.5, y + 12, right, tr, f, fb, 8.5, 1.53, tags={0: 'nhs'})
        y = max(ya, y + 60) + 20
    p.text(L, y, 'Date: ' + doc.dist('letter_date', when(doc)), f, 10)
    y += 24
    p.text(L, y, 'Dear ' + (g.name if clinic else rng.choice([h.cons, 'Colleague'])) + ',', f, 10.5)
    y += 22
    if clinic:
        paras = clinic_paras(doc)
    else:
        paras = doc.body_paras() + ['Medication: ' + '; '.join(doc.meds_lines()) + '.',
                                    'Allergies: ' + rng.choice(ALLERGIES) + '.']
    y, k = body_flow(p, L, y, W, paras, f, 10.5, maxy=p.hpt - (60 if n == 1 else 26) * MM, limit=(len(paras) + 1) // 2 if n > 1 else None)
    rest = paras[k:]
    if n > 1:
        p = doc.new_page(1)
        y = 18 * MM
        p.text(L, y, '%s  %s %s  page 2' % (doc.pname(3), lab_n, nh), f, 9)
        y += 28
        y, k = body_flow(p, L, y, W, rest, f, 10.5)
        rest = rest[k:]
    y += 10
    sign_off(p, doc, L, y, f, 10.5, name=h.cons if clinic else None,
             role='Consultant ' + sc['spec'] if clinic else 'General Practitioner')
    assert not rest, doc.id


def tpl_fax(doc):
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 22 * MM, p.wpt - 22 * MM
    W = Rr - L
    y = 24 * MM
    p.text(L, y + 20, 'FAX', fb, 40)
    p.text(Rr, y + 8, g.practice, fb, 11, 'right')
    p.text(Rr, y + 20, ', '.join(g.addr), f, 9, 'right')
    p.text(Rr, y + 31, g.pc, f, 9, 'right')
    y += 64
    p.rule(L, y, Rr, y, 2)
    y += 14
    npg = len(doc.spec['pages'])
    rows = [['To:', h.cons + ' / ' + sc['clinic']], ['Fax number:', doc.dist('fax', h.fax)],
            ['From:', g.name], ['Fax number:', doc.dist('fax', g.fax)], ['Telephone:', doc.dist('phone', g.tel)],
            ['Date:', doc.dist('letter_date', fmt_date(doc.date, 'slash'))],
            ['Pages (incl. cover):', str(npg)], ['Re:', 'Urgent referral - %s' % doc.pname(2)]]
    y = table(p, L, y, [W * .3, W * .7], rows, f, 11, fb, grid=False, bold_first_col=True, rowh=22)
    y += 20
    p.text(L, y, 'Message:', fb, 11)
    y += 18
    y = p.para(L, y, W, 'Please find attached an urgent referral. Kindly confirm receipt by telephone. '
                        'Many thanks.', f, 11, 1.4)
    y += 40
    p.box(L, y, Rr, y + 70, 0.8)
    p.para(L + 8, y + 16, W - 16,
           'CONFIDENTIALITY NOTICE: This facsimile contains confidential patient information intended only for '
           'the named recipient. If you have received it in error please telephone the sender immediately and '
           'destroy all copies. Do not copy, disclose or act on its contents.', f, 8.5, 1.35)
    for i in range(1, npg):
        p = doc.new_page(i)
        y = practice_head(p, doc, 0, y=16 * MM)
        y += 16
        p.text(L, y, doc.dist('letter_date', when(doc, 'long')), f, 10)
        y += 22
        y = addr_block(p, L, y, hosp_recipient(doc)[:2], f, 10)
        y += 14
        p.text(L, y, 'Dear Colleague,', f, 10.5)
        y += 20
        y = re_block(doc, p, L, y, f, fb, 10.5, width=W)
        y += 12
        paras = doc.body_paras() + ['Medication: ' + '; '.join(doc.meds_lines()) + '.']
        y, k = body_flow(p, L, y, W, paras, f, 10.5)
        assert k == len(paras)
        y += 6
        sign_off(p, doc, L, y, f, 10.5)


def tpl_compliments(doc):
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)          # DL slip
    L, Rr = 14 * MM, p.wpt - 14 * MM
    p.logo(L, 10 * MM, 36, doc.headcol, 2)
    p.text(L + 46, 10 * MM + 16, g.practice, fb, 13, colour=doc.headcol)
    p.text(L + 46, 10 * MM + 30, ', '.join(g.addr) + ', ' + g.pc + '   Tel ' + doc.dist('phone', g.tel), f, 8.5)
    p.text(p.wpt / 2, 40 * MM, 'With Compliments', 'serif-i', 24, 'center', colour=doc.headcol)
    y = 52 * MM
    nh, db = doc.nhsv(), doc.dobv()
    s = 'Re: %s   %s %s   %s %s' % (doc.pname(0), doc.dob_label, db, doc.nhs_label, nh)
    p.text(L, y, s, fb, 9.5, tag='nhs')
    doc.mark_dob('%s %s' % (doc.dob_label, db))
    doc.mark_nhs('%s %s' % (doc.nhs_label, nh))
    p.hand(L + 20, y + 30, 'Please see attached - many thanks', 15, font='h-script')
    p.hand(L + 260, y + 52, g.name.split()[-1], 14, font='h-script')
    p.text(Rr, p.hpt - 6 * MM, 'Practice code %s' % doc.dist('practice_code', g.code), f, 7, 'right')
    p = doc.new_page(1)          # the referral letter itself (A4)
    L, Rr = 22 * MM, p.wpt - 22 * MM
    W = Rr - L
    y = practice_head(p, doc, 1, y=16 * MM)
    y += 20
    y = addr_block(p, L, y, hosp_recipient(doc), f, 10.5)
    y += 14
    p.text(L, y, doc.dist('letter_date', when(doc, 'long')), f, 10.5)
    y += 24
    p.text(L, y, 'Dear Colleague,', f, 10.5)
    y += 20
    y = re_block(doc, p, L, y, f, fb, 10.5, style=0)
    y += 12
    paras = doc.body_paras() + ['Medication: ' + '; '.join(doc.meds_lines()) + '.']
    y, k = body_flow(p, L, y, W, paras, f, 10.5)
    assert k == len(paras)
    sign_off(p, doc, L, y + 6, f, 10.5)


def tpl_typewriter(doc):
    f = doc.font
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    p.tw = {'jit': p.px(0.35), 'var': 0.22, 'heavy': 0.08}
    L, Rr = 25 * MM, p.wpt - 22 * MM
    W = Rr - L
    size = 10.5
    y = 22 * MM
    p.text(p.wpt / 2, y, g.practice.upper(), f, size, 'center')
    p.rule(p.wpt / 2 - p.width(g.practice, f, size) / 2, y + 3, p.wpt / 2 + p.width(g.practice, f, size) / 2, y + 3, 0.6)
    p.text(p.wpt / 2, y + 14, ', '.join(g.addr) + ', ' + g.pc, f, 9.5, 'center')
    p.text(p.wpt / 2, y + 27, 'Telephone ' + doc.dist('phone', g.tel), f, 9.5, 'center')
    y += 60
    p.text(L, y, 'Our Ref: %s/%s' % (g.name.split()[-1][:2].upper(), rng.choice(INITS)), f, size)
    y += 14
    p.text(L, y, doc.dist('letter_date', when(doc, 'long_ord')), f, size)
    y += 30
    y = addr_block(p, L, y, hosp_recipient(doc), f, size, 1.3)
    y += 20
    p.text(L, y, 'Dear Dr %s,' % h.cons.split()[-1], f, size)
    y += 22
    nh, db = doc.nhsv(), doc.dobv(rng.choice(['dot2', 'slash', 'long']))
    a = 'Re: %s, d.o.b. %s' % (doc.pname(2), db)
    p.text(L, y, a, f, size, tag='dob')
    doc.mark_dob('d.o.b. ' + db)
    w = p.width(a, f, size)
    p.rule(L, y + 2.5, L + w, y + 2.5, 0.6)
    y += 14
    b = '%s %s' % ('NHS No.', nh)
    p.text(L, y, b, f, size, tag='nhs')
    doc.mark_nhs(b)
    p.rule(L, y + 2.5, L + p.width(b, f, size), y + 2.5, 0.6)
    y += 14
    p.text(L, y, ', '.join(pt.addr) + ', ' + pt.pc, f, size)
    y += 24
    paras = doc.body_paras() + ['His medication is: ' .replace('His', pt.his.capitalize()) + '; '.join(doc.meds_lines()) + '.']
    y, k = body_flow(p, L, y, W, paras, f, size, 1.45, 0.7)
    assert k == len(paras)
    y += 8
    p.text(L, y, 'Yours sincerely,', f, size)
    p.signature(L + 4, y + 22, 70)
    p.text(L, y + 50, g.name.upper(), f, size)


def tpl_dotmatrix(doc):
    f = doc.font
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    n = len(doc.spec['pages'])
    size = 10
    nh, db = doc.nhsv(), doc.dobv(rng.choice(['slash', 'slash2', 'dot2']))
    paras = doc.body_paras() + ['CURRENT REPEATS: ' + '; '.join(doc.meds_lines()).upper()]
    rest = paras
    for i in range(n):
        p = doc.new_page(i)
        p.style['textmode'] = 'dm'
        # tractor-feed stationery: sprocket holes and perforations (graphics)
        for yy in np.arange(18, p.hpt - 10, 36):
            for xx in (9, p.wpt - 9):
                p.layer(INK + ('solid',))
                cv2.circle(p.layers[INK + ('solid',)], (int(p.px(xx)), int(p.px(yy))), int(p.px(5)), 0.55, -1,
                           cv2.LINE_AA)
        for xx in (20, p.wpt - 20):
            for yy in np.arange(5, p.hpt - 5, 6):
                p.rule(xx, yy, xx, yy + 3, 0.5, GREY)
        L, Rr = 30 * MM, p.wpt - 26 * MM
        W = Rr - L
        y = 20 * MM
        p.line([(L, y, g.practice.upper(), f, size), (Rr, y, 'PAGE %d' % (i + 1), f, size, 'right')])
        y += 13
        p.rule(L, y - 3, L + W * 0.85, y - 3, 0.9, INK, 'dm')
        y += 13
        if i == 0:
            y = kv_lines(p, L, y, [('PATIENT  :', doc.pname(3)), ('D.O.B.   :', db), ('NHS NO.  :', nh),
                                   ('HOSP NO. :', doc.dist('hospital_number', pt.hosp)),
                                   ('ADDRESS  :', (', '.join(pt.addr)).upper()), ('         ', pt.pc),
                                   ('TEL      :', doc.dist('phone', pt.tel)),
                                   ('REFERRAL :', sc['spec'].upper()), ('DATE     :', doc.dist('letter_date', fmt_date(doc.date, 'slash')))],
                         p.width('REFERRAL : ', f, size), f, f, size, 1.35, tags={1: 'dob', 2: 'nhs'})
            doc.mark_dob('D.O.B. : ' + db)
            doc.mark_nhs('NHS NO. : ' + nh)
            p.rule(L, y - 3, L + W * 0.85, y - 3, 0.9, INK, 'dm')
            y += 20
            y = addr_block(p, L, y, [x.upper() for x in hosp_recipient(doc)], f, size, 1.3)
            y += 16
            p.text(L, y, 'DEAR DOCTOR,', f, size)
            y += 20
        else:
            p.text(L, y, 'PATIENT: %s  NHS NO: %s' % (doc.pname(3), nh), f, size)
            y += 24
        y, k = body_flow(p, L, y, W, rest, f, size, 1.4, 0.6, maxy=p.hpt - 40 * MM,
                         limit=(len(paras) + 1) // 2 if (n > 1 and i == 0) else None)
        rest = rest[k:]
        if i == n - 1:
            y += 10
            p.text(L, y, g.name.upper(), f, size)
            p.text(L, y + 14, 'GENERAL PRACTITIONER', f, size)
    assert not rest, doc.id


# ---------------------------------------------------------------------------
# templates: hospital documents
# ---------------------------------------------------------------------------
def clinic_paras(doc):
    sc, pt = doc.scen, doc.pat
    rng = doc.rng
    seen = doc.dist('clinic_date', when(doc, 'long', add_days(doc.date, -rng.randint(2, 12))))
    out = ['I reviewed %s %s in the %s on %s.' % (pt.title, pt.last, sc['clinic'], seen),
           doc.fill(sc['hx'][0]),
           'Examination today: ' + sc['ex'],
           'Results: ' + sc['ix'],
           rng.choice(['We discussed the findings and the options in detail. {He} is keen to proceed.',
                       'I have explained the likely diagnosis and {he} is reassured.',
                       '{He} understands the plan and has been given written information.']),
           'Plan: ' + rng.choice(['further imaging has been requested and I will see {him} again with the results.',
                                  'I have listed {him} for the procedure; the waiting time is currently about 12 weeks.',
                                  'please continue current medication; I will review in clinic in 3 months.',
                                  'no further hospital follow up is needed; I have discharged {him} to your care.'])]
    return [doc.fill(t) for t in out]


def tpl_clinic(doc):
    n = len(doc.spec['pages'])
    var = doc.spec.get('variant', 'std')
    if var == 'demog':
        return tpl_demog(doc, clinic=True)
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 20 * MM, p.wpt - 20 * MM
    W = Rr - L
    if var == 'old':
        p.tw = {'jit': p.px(0.3), 'var': 0.18, 'heavy': 0.05}
        y = 18 * MM
        p.text(p.wpt / 2, y + 10, h.hospital.upper(), fb, 13, 'center')
        p.text(p.wpt / 2, y + 24, ', '.join(h.addr) + ', ' + h.pc, f, 9.5, 'center')
        p.text(p.wpt / 2, y + 36, 'Telephone ' + doc.dist('phone', h.tel), f, 9.5, 'center')
        y += 62
    else:
        y = trust_head(p, doc, rng.randrange(3), halftone=doc.spec.get('halftone', False)) + 18
    # recipient (left) beside consultant/ref block (right)
    ya = addr_block(p, L, y, gp_recipient(doc), f, 10)
    refs = [('Consultant:', h.cons), ('Secretary:', h.sec), ('Tel:', doc.dist('phone', phone(rng)))]
    if var != 'old':
        refs.append(('Our ref:', doc.dist('hospital_number', pt.hosp)))
    tab = max(p.width(k_, fb, 9) for k_, _ in refs) + 6
    yb = kv_lines(p, L + W * 0.56, y, refs, tab, f, fb, 9, 1.45)
    y = max(ya, yb) + 14
    p.text(L, y, 'Dictated: %s   Typed: %s' % (doc.dist('other_date', when(doc, 'slash', add_days(doc.date, -2))),
                                               doc.dist('letter_date', when(doc, 'slash'))), f, 9)
    y += 26
    p.text(L, y, 'Dear %s,' % g.name, f, 10.5)
    y += 22
    if var == 'old':
        a = 'Re: %s   D.O.B. %s' % (doc.pname(2), doc.dobv('dot2'))
        p.text(L, y, a, fb, 10.5, tag='dob')
        doc.mark_dob('D.O.B. ' + doc.dobv('dot2'))
        y += 13.5
        p.text(L, y, ', '.join(pt.addr) + ', ' + pt.pc + '   Unit No. ' + doc.dist('hospital_number', pt.hosp),
               fb, 10.5)
        y += 13.5
    else:
        y = re_block(doc, p, L, y, f, fb, 10.5, width=W)
    y += 10
    p.text(L, y, 'Diagnosis:', fb, 10.5)
    y += 14
    for i, dx in enumerate([sc['reason']] + sc['pmh'][:2]):
        p.text(L + 12, y, '%d. %s' % (i + 1, dx), f, 10.5)
        y += 13.5
    y += 10
    paras = clinic_paras(doc)
    y, k = body_flow(p, L, y, W, paras, f, 10.5, 1.33, 0.6, maxy=p.hpt - (62 if n == 1 else 26) * MM, limit=(len(paras) + 1) // 2 if n > 1 else None)
    rest = paras[k:]
    if var != 'old':
        page_footer(p, doc, [h.trust + ' - ' + h.hospital, 'Chair: %s %s   Chief Executive: %s %s' %
                             (rng.choice(INITS), rng.choice(SURNAMES), rng.choice(INITS), rng.choice(SURNAMES))], 7)
    if n > 1:
        p = doc.new_page(1)
        y = 18 * MM
        p.line([(L, y, '%s  %s' % (doc.pname(0), doc.NHS()), f, 9), (Rr, y, 'Page 2 of 2', f, 9, 'right')])
        doc.mark_nhs(doc.NHS())
        y += 30
        y, k = body_flow(p, L, y, W, rest, f, 10.5, 1.33, 0.6)
        rest = rest[k:]
    y += 8
    y = sign_off(p, doc, L, y, f, 10.5, name=h.cons, role='Consultant, ' + sc['spec'])
    p.text(L, y + 8, 'cc: %s (patient)' % doc.pname(0), f, 9)
    assert not rest, doc.id


def tpl_discharge(doc):
    n = len(doc.spec['pages'])
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    adm = add_days(doc.date, -rng.randint(3, 15))
    nh, db = doc.nhsv(), doc.dobv(rng.choice(['slash', 'mon', 'short']))
    sections = []
    sections.append(('Presenting complaint', [doc.fill('{He} presented via the emergency department with ' +
                                                        rng.choice(['acute breathlessness and fever.',
                                                                    'central chest pain radiating to the left arm.',
                                                                    'a fall at home and reduced mobility.',
                                                                    'abdominal pain and vomiting for two days.']))]))
    sections.append(('Diagnosis', ['Primary: ' + rng.choice(['Community acquired pneumonia (CURB-65 score 2)',
                                                             'NSTEMI', 'Acute kidney injury (stage 2)',
                                                             'Adhesional small bowel obstruction, resolved']),
                                   'Secondary: ' + ', '.join(sc['pmh'])]))
    sections.append(('Clinical summary', [doc.fill(t) for t in [
        '{He} was treated according to local guidelines and improved steadily over the admission.',
        'Inflammatory markers peaked on day 2 (CRP 187 mg/L) and fell to 24 mg/L by the day of discharge.',
        'Renal function returned to baseline (creatinine 88 umol/L). {He} was reviewed by physiotherapy and '
        'occupational therapy and is independent with a stick.',
        'Medicines were reconciled by the ward pharmacist. A one week supply has been given.']]))
    meds = [['Drug', 'Dose', 'Route', 'Frequency', 'Status']]
    for m in sc['meds']:
        if m[1]:
            meds.append([m[0], m[1], 'Oral' if 'inhaler' not in m[0].lower() else 'Inhaled', m[2],
                         rng.choice(['Continued', 'Continued', 'Changed', 'New'])])
    meds.append(['Amoxicillin', '500 mg', 'Oral', 'three times daily', 'New - 3 days'])
    follow = ['GP to check U&E and FBC in one week.', 'Outpatient follow up in %s in 6 weeks.' % sc['clinic'],
              'Patient advised to return if symptoms recur.']
    inv = [['Investigation', 'Result']]
    inv += [['Haemoglobin', '%d g/L' % rng.randint(98, 150)], ['White cell count', '%.1f x10^9/L' % rng.uniform(4, 18)],
            ['CRP (admission / discharge)', '187 / 24 mg/L'], ['Creatinine (peak)', '%d umol/L' % rng.randint(90, 240)],
            ['Chest X-ray', rng.choice(['Right lower zone consolidation', 'No acute abnormality'])],
            ['ECG', rng.choice(['Sinus rhythm 84 bpm', 'Atrial fibrillation, rate 96'])]]
    social = [doc.fill(t) for t in ['Lives with ' + rng.choice(['wife', 'husband', 'daughter', 'partner']) +
                                    ' in a house; independent before admission.',
                                    'Discharged to usual place of residence. No new package of care required.']]
    blocks = ['pc', 'dx', 'summary', 'inv', 'meds', 'social', 'follow', 'done']
    breaks = {1: [], 2: ['inv'], 3: ['inv', 'follow']}[n]
    bi = 0
    for i in range(n):
        p = doc.new_page(i)
        L, Rr = 16 * MM, p.wpt - 16 * MM
        W = Rr - L
        y = 14 * MM
        p.fill(L, y, Rr, y + 26, INK, 0.14)
        p.line([(L + 6, y + 17, 'DISCHARGE SUMMARY', fb, 13), (Rr - 6, y + 17, h.hospital, f, 10, 'right')])
        y += 40
        if i == 0:
            rows = [['Patient', doc.pname(1), 'Hospital No', doc.dist('hospital_number', pt.hosp)],
                    ['NHS Number', nh, 'Date of Birth', db],
                    ['Address', ', '.join(pt.addr[-2:]), 'Postcode', pt.pc],
                    ['GP', g.name, 'Practice', g.practice]]
            doc.mark_nhs('NHS Number ' + nh)
            doc.mark_dob('Date of Birth ' + db)
            y = table(p, L, y, [W * .16, W * .38, W * .17, W * .29], rows, f, 9, fb, rowh=17, tags={1: 'nhs'})
            y += 10
            rows = [['Admitted', doc.dist('admission_date', fmt_date(adm, 'slash')), 'Discharged',
                     doc.dist('discharge_date', fmt_date(doc.date, 'slash'))],
                    ['Ward', rng.choice(['Ward 12', 'Beech Ward', 'AMU', 'Ward 7B']), 'Consultant', h.cons],
                    ['Specialty', rng.choice(['General Medicine', 'Cardiology', 'General Surgery']),
                     'Method', rng.choice(['Emergency', 'Elective'])]]
            y = table(p, L, y, [W * .16, W * .38, W * .17, W * .29], rows, f, 9, fb, rowh=17)
            y += 20
        else:
            p.text(L, y, '%s   NHS No: %s   DOB: %s' % (doc.pname(1), nh, db), fb, 9)
            doc.mark_nhs('NHS No: ' + nh)
            y += 24
        maxy = p.hpt - 24 * MM
        while bi < len(blocks):
            blk = blocks[bi]
            if blk in breaks and (i < breaks.index(blk) + 1):
                break
            if blk in ('pc', 'dx', 'summary'):
                title, paras = sections[['pc', 'dx', 'summary'].index(blk)]
                y = heading(p, L, y, title, fb, 10.5, rule_to=Rr)
                y, k = body_flow(p, L, y, W, paras, f, 10, 1.3, 0.4, maxy=maxy)
                assert k == len(paras), (doc.id, blk)
                y += 8
            elif blk == 'inv':
                y = heading(p, L, y, 'Key investigations', fb, 10.5, rule_to=Rr)
                y = table(p, L, y - 8, [W * .4, W * .6], inv, f, 9.5, fb, header=True, shade=INK, rowh=16) + 16
            elif blk == 'meds':
                y = heading(p, L, y, 'Medication on discharge', fb, 10.5, rule_to=Rr)
                y = table(p, L, y - 8, [W * .3, W * .14, W * .13, W * .23, W * .2], meds, f, 9, fb, header=True,
                          shade=INK, rowh=15) + 16
                p.runs(L, y, [('Allergies: ', fb, 10), (rng.choice(ALLERGIES), f, 10)])
                y += 22
            elif blk == 'social':
                y = heading(p, L, y, 'Social circumstances and discharge destination', fb, 10.5, rule_to=Rr)
                y, k = body_flow(p, L, y, W, social, f, 10, 1.3, 0.4, maxy=maxy)
                y += 8
            elif blk == 'follow':
                y = heading(p, L, y, 'Follow up and actions for GP', fb, 10.5, rule_to=Rr)
                for t in follow:
                    p.text(L + 8, y, '- ' + t, f, 10)
                    y += 14
                y += 10
            else:
                p.text(L, y + 6, 'Completed by: Dr %s %s (FY2) for %s' % (rng.choice(INITS), rng.choice(SURNAMES), h.cons),
                       f, 9.5)
                p.text(L, y + 20, 'Date and time completed: %s %02d:%02d' %
                       (doc.dist('other_date', fmt_date(doc.date, 'slash')), rng.randint(9, 18), rng.randint(0, 59)), f, 9.5)
                y += 40
            if y > maxy:
                raise ValueError('discharge overflow ' + doc.id)
            bi += 1
        p.line([(L, p.hpt - 10 * MM, h.trust, f, 7.5), (Rr, p.hpt - 10 * MM, 'Page %d of %d' % (i + 1, n), f, 7.5, 'right')])
    assert bi == len(blocks), doc.id


def tpl_lab(doc):
    n = len(doc.spec['pages'])
    var = doc.spec.get('variant', 'biochem')
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    nh, db = doc.nhsv(), doc.dobv(rng.choice(['slash', 'MON', 'dash']))
    mono = doc.spec.get('mono', f)
    for i in range(n):
        p = doc.new_page(i)
        L, Rr = 15 * MM, p.wpt - 15 * MM
        W = Rr - L
        y = 14 * MM
        title = {'biochem': 'Department of Clinical Biochemistry', 'cumul': 'Blood Sciences - Cumulative Report',
                 'micro': 'Department of Medical Microbiology'}[var]
        p.text(L, y + 10, h.hospital, fb, 12)
        p.text(L, y + 24, title, f, 10.5)
        p.text(Rr, y + 10, 'Laboratory enquiries', f, 8.5, 'right')
        p.text(Rr, y + 21, doc.dist('phone', phone(rng)), f, 8.5, 'right')
        y += 34
        p.box(L, y, Rr, y + 58, 0.8)
        left = [('Name', doc.pname(1)), ('DOB', db), ('NHS No', nh)]
        right = [('Hosp No', doc.dist('hospital_number', pt.hosp)), ('Sex', pt.gender),
                 ('Source', g.practice if len(g.practice) < 26 else g.name)]
        kv_lines(p, L + 6, y + 14, left, 48, mono, fb, 9.5, 1.45, tags={1: 'dob', 2: 'nhs'})
        kv_lines(p, L + W * .55, y + 14, right, 50, mono, fb, 9.5, 1.45)
        if i == 0:
            doc.mark_dob('DOB ' + db)
            doc.mark_nhs('NHS No ' + nh)
        y += 74
        coll = add_days(doc.date, -1)
        labno = doc.dist('lab_number', fail_mod11_10digit(R(doc.id, 'lab', i), '2'))
        rows = [['Lab No', labno, 'Collected', doc.dist('collection_date', '%s %02d:%02d' % (fmt_date(coll, 'slash'), rng.randint(7, 12), rng.randint(0, 59)))],
                ['Specimen', 'Blood' if (var != 'micro' or i > 0) else 'Mid-stream urine', 'Reported',
                 doc.dist('report_date', '%s %02d:%02d' % (fmt_date(doc.date, 'slash'), rng.randint(12, 18), rng.randint(0, 59)))]]
        y = table(p, L, y, [W * .15, W * .35, W * .15, W * .35], rows, mono, 9, fb, grid=True, rowh=16,
                  bold_first_col=True)
        y += 14
        if var == 'biochem' or i > 0:
            res = [['Test', 'Result', 'Units', 'Reference range', 'Flag']]
            tests = [('Sodium', '%d' % rng.randint(128, 146), 'mmol/L', '133 - 146'),
                     ('Potassium', '%.1f' % rng.uniform(3.2, 5.8), 'mmol/L', '3.5 - 5.3'),
                     ('Urea', '%.1f' % rng.uniform(3, 14), 'mmol/L', '2.5 - 7.8'),
                     ('Creatinine', '%d' % rng.randint(55, 180), 'umol/L', '59 - 104'),
                     ('eGFR', '%d' % rng.randint(28, 90), 'mL/min/1.73m2', '> 90'),
                     ('Albumin', '%d' % rng.randint(28, 48), 'g/L', '35 - 50'),
                     ('Bilirubin', '%d' % rng.randint(4, 30), 'umol/L', '0 - 21'),
                     ('ALT', '%d' % rng.randint(10, 90), 'U/L', '0 - 41'),
                     ('ALP', '%d' % rng.randint(40, 200), 'U/L', '30 - 130'),
                     ('CRP', '%d' % rng.randint(1, 120), 'mg/L', '0 - 5'),
                     ('HbA1c', '%d' % rng.randint(35, 80), 'mmol/mol', '20 - 41')]
            for t, v, u, rg in tests:
                lo, hi = (rg.split(' - ') + [None])[:2] if ' - ' in rg else (None, None)
                fl = ''
                try:
                    if lo is not None and float(v) < float(lo):
                        fl = 'L'
                    elif hi is not None and float(v) > float(hi):
                        fl = 'H'
                except ValueError:
                    pass
                res.append([t, v, u, rg, fl])
            y = table(p, L, y, [W * .25, W * .15, W * .22, W * .26, W * .12], res, mono, 9.5, fb, grid=False,
                      header=True, rowh=16, shade=INK)
        elif var == 'cumul':
            dates = sorted(add_days(doc.date, -rng.randint(1, 400)) for _ in range(3)) + [doc.date]
            res = [['Test'] + [fmt_date(d, 'slash2') for d in dates] + ['Units']]
            for t, base, u in [('Haemoglobin', 128, 'g/L'), ('WBC', 7.2, 'x10^9/L'), ('Platelets', 260, 'x10^9/L'),
                               ('MCV', 88, 'fL'), ('Ferritin', 45, 'ug/L'), ('Sodium', 139, 'mmol/L'),
                               ('Creatinine', 90, 'umol/L')]:
                vals = []
                for _ in dates:
                    v = base * rng.uniform(0.75, 1.2)
                    vals.append('%.1f' % v if base < 20 else '%d' % v)
                res.append([t] + vals + [u])
            y = table(p, L, y, [W * .2] + [W * .14] * 4 + [W * .24], res, mono, 9, fb, grid=True, header=True,
                      rowh=16, shade=INK)
        else:
            p.text(L, y, 'Microscopy: White cells >100 x10^6/L, red cells 10-100 x10^6/L, epithelial cells scanty', mono, 9.5)
            y += 16
            p.text(L, y, 'Culture: >10^5 cfu/mL Escherichia coli', mono, 9.5)
            y += 24
            res = [['Antibiotic', 'Result']] + [[a_, rng.choice(['S', 'S', 'R', 'I'])] for a_ in
                                                 ['Amoxicillin', 'Trimethoprim', 'Nitrofurantoin', 'Cefalexin',
                                                  'Ciprofloxacin', 'Gentamicin']]
            y = table(p, L, y, [W * .35, W * .15], res, mono, 9.5, fb, grid=True, header=True, rowh=16, shade=INK)
        y += 18
        p.text(L, y, 'Comment:', fb, 9.5)
        y = p.para(L + 60, y, W - 60, rng.choice([
            'Results telephoned to the surgery. Please repeat in 2 weeks.',
            'Haemolysed sample; potassium may be falsely raised.',
            'Consistent with urinary tract infection. Nitrofurantoin recommended if clinically indicated.',
            'Interpret eGFR with caution in extremes of body mass.']), f, 9.5, 1.3)
        y += 14
        p.text(L, y, 'Authorised by: %s %s, Clinical Scientist' % (rng.choice(INITS), rng.choice(SURNAMES)), f, 9)
        p.line([(L, p.hpt - 10 * MM, 'Report printed %s' % doc.dist('print_date', fmt_date(doc.date, 'MON')), f, 7.5),
                (Rr, p.hpt - 10 * MM, 'Page %d of %d' % (i + 1, n), f, 7.5, 'right')])


def tpl_appt(doc):
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    p = doc.new_page(0)
    L, Rr = 20 * MM, p.wpt - 20 * MM
    W = Rr - L
    y = trust_head(p, doc, doc.spec.get('head', 1), halftone=doc.spec.get('halftone', False)) + 20
    ya = addr_block(p, L, y + 20, [doc.pname(0)] + pt.addr + [pt.pc], f, 10.5)
    ref = [('Hospital No:', doc.dist('hospital_number', pt.hosp)), ('NHS No:', doc.nhsv())]
    doc.mark_nhs('NHS No: ' + doc.nhsv())
    if doc.has_dob:
        ref.append(('Date of birth:', doc.dobv()))
        doc.mark_dob('Date of birth: ' + doc.dobv())
    ref.append(('Date:', doc.dist('letter_date', when(doc, 'long'))))
    tab = max(p.width(k_, fb, 9.5) for k_, _ in ref) + 6
    yb = kv_lines(p, L + W * .56, y, ref, tab, f, fb, 9.5, 1.45, tags={1: 'nhs', 2: 'dob'})
    y = max(ya, yb) + 30
    p.text(L, y, 'Dear %s %s,' % (pt.title, pt.last), f, 10.5)
    y += 22
    p.text(L, y, 'OUTPATIENT APPOINTMENT', fb, 12)
    y += 22
    ad = add_days(doc.date, rng.randint(10, 60))
    y = p.para(L, y, W, 'An appointment has been made for you to attend the clinic below. If you are unable to '
                        'attend please let us know as soon as possible so that it can be offered to another patient.',
               f, 10.5, 1.35) + 12
    rows = [['Clinic:', sc['clinic']], ['Consultant:', h.cons],
            ['Date:', doc.dist('appointment_date', fmt_date(ad, 'long'))],
            ['Time:', '%02d:%02d' % (rng.randint(8, 16), rng.choice([0, 15, 30, 45]))],
            ['Location:', rng.choice(['Outpatients Department B, Level 1', 'Main Outpatients, Ground Floor',
                                      'Clinic 4, Kestrel Wing'])]]
    y = table(p, L + 20, y, [W * .22, W * .6], rows, f, 10.5, fb, grid=False, bold_first_col=True, rowh=17)
    y += 16
    for t in ['Please bring this letter and a list of your current medicines with you.',
              'You may be in the department for up to two hours.',
              'To change or cancel your appointment please telephone %s between 9am and 4pm, Monday to Friday.' %
              doc.dist('phone', h.tel)]:
        y = p.para(L, y, W, t, f, 10.5, 1.35) + 6
    y += 14
    p.text(L, y, 'Yours sincerely', f, 10.5)
    p.text(L, y + 30, 'Outpatient Booking Team', f, 10.5)
    page_footer(p, doc, [h.trust, 'We are a smoke-free site. Car parking charges apply.'], 7.5)


def tpl_cont(doc):
    n = len(doc.spec['pages'])
    f, fb = doc.font, doc.bfont
    sc, pt, g, h = doc.scen, doc.pat, doc.gp, doc.hosp
    rng = doc.rng
    hands = doc.spec.get('hands', ['h-simplex'])
    ink = doc.spec.get('ink', (0.1, 0.15, 0.5))
    nh, db = doc.nhsv(), doc.dobv(rng.choice(['slash', 'dot']))
    d0 = add_days(doc.date, -n)
    entries = [
        ['%s 09:40 WR %s' % (fmt_date(d0, 'slash2'), h.cons),
         'Pt comfortable, slept well', 'Obs stable, apyrexial', 'Chest - few bibasal creps',
         'Plan: continue IV abx, repeat bloods', 'mobilise with physio'],
        ['%s 16:15 FY1 review' % fmt_date(d0, 'slash2'),
         'Asked to see re low urine output', 'Fluid balance -600 ml', 'Plan: 500 ml IV fluids over 1 hr',
         'repeat U&E in am'],
        ['%s 10:05 WR' % fmt_date(add_days(d0, 1), 'slash2'),
         'Much improved, eating + drinking', 'CRP 87 (from 187)', 'Plan: switch to oral abx',
         'OT / PT assessment', 'TTO + discharge letter'],
        ['%s 14:30 Nurse' % fmt_date(add_days(d0, 1), 'slash2'),
         'Family updated by phone', 'Discharge planned for tomorrow'],
    ]
    for e in entries:
        doc.dist('other_date', e[0].split()[0])
    k = 0
    for i in range(n):
        p = doc.new_page(i)
        L, Rr = 18 * MM, p.wpt - 14 * MM
        y = 14 * MM
        p.text(L, y + 10, h.trust, fb, 10.5, colour=doc.headcol)
        p.text(L, y + 36, 'CONTINUATION SHEET', fb, 15)
        p.text(L, y + 50, 'Medical / Nursing Notes', f, 9.5)
        # addressograph label (printed sticker) top right
        lx, ly = Rr - 210, y - 6
        p.box(lx, ly, Rr, ly + 66, 0.5, GREY)
        lf = doc.spec.get('label_font', 'dvmono')
        p.text(lx + 6, ly + 13, doc.pname(4), lf, 9)
        p.text(lx + 6, ly + 25, 'DOB: %s' % db, lf, 9, tag='dob')
        p.text(lx + 6, ly + 37, 'NHS: %s' % nh, lf, 9, tag='nhs')
        p.text(lx + 6, ly + 49, 'Hosp: %s' % doc.dist('hospital_number', pt.hosp), lf, 9)
        p.text(lx + 6, ly + 61, pt.pc, lf, 8)
        if i == 0:
            doc.mark_dob('DOB: ' + db)
            doc.mark_nhs('NHS: ' + nh)
        y = ly + 86
        # ruled lines and a margin for date/time
        p.rule(L + 80, y - 10, L + 80, p.hpt - 18 * MM, 0.6, (0.7, 0.3, 0.3))
        ys = []
        yy = y
        while yy < p.hpt - 20 * MM:
            p.rule(L, yy, Rr, yy, 0.4, (0.55, 0.65, 0.85))
            ys.append(yy)
            yy += 22
        li = 0
        while k < len(entries) and li + len(entries[k]) <= len(ys):
            e = entries[k]
            hf = hands[k % len(hands)]
            ang = rng.uniform(-1.2, 1.2)
            p.hand(L + 4, ys[li] - 4, e[0], 11, ink, hf, ang, 1.1, gt=True, wobble=1.2)
            for j, ln in enumerate(e[1:]):
                p.hand(L + 86, ys[li + 1 + j] - 4, ln, 13, ink, hf, rng.uniform(-1, 1), 1.1, gt=True, wobble=1.2)
            p.signature(L + 300, ys[li + len(e) - 1] - 6, 50, ink)
            li += len(e) + 1
            k += 1
            if i < n - 1 and k >= (len(entries) + 1) // 2:
                break
        p.text(L, p.hpt - 10 * MM, 'Form MR/14 - file in chronological order', f, 7)
    assert k == len(entries)


TEMPLATES = {
    'ers_export': tpl_ers, 'tickbox_proforma': tpl_proforma, 'dictated_letter': tpl_dictated,
    'soap_note': tpl_soap, 'emis_export': tpl_emis, 'systmone_export': tpl_systmone,
    'vision_export': tpl_vision, 'terse_note': tpl_terse, 'two_page_letter': tpl_twopage,
    'demographics_box': tpl_demog, 'fax_cover_and_letter': tpl_fax,
    'compliments_slip_with_letter': tpl_compliments, 'typewriter_letter': tpl_typewriter,
    'dot_matrix_letter': tpl_dotmatrix, 'clinic_letter': tpl_clinic, 'discharge_summary': tpl_discharge,
    'lab_report': tpl_lab, 'appointment_letter': tpl_appt, 'continuation_sheet': tpl_cont,
}


# ---------------------------------------------------------------------------
# overlays added to the paper before "scanning" (never in the ground truth)
# ---------------------------------------------------------------------------
ANNOTS = ['Routine - OPA 6/52', 'Urgent pls', '? 2WW - discuss', 'Seen - book clinic', 'Triage: routine',
          'Cons to triage', 'scan to notes', 'Chase bloods', 'No action - file', 'Added to WL', 'Phone pt',
          'Rv 3/12', 'copy to GP', 'book US', 'OK for list', 'pls action']
STAMP_COLOURS = [(0.78, 0.12, 0.14), (0.15, 0.25, 0.7), (0.45, 0.15, 0.55), (0.75, 0.12, 0.14)]


def body_boxes(p, top=0.15, bottom=0.85):
    return [b for s, b in p.boxes if top * p.H < b[1] < bottom * p.H and (b[2] - b[0]) > p.W * 0.15]


def add_overlays(doc, i, p, fx, rng, info):
    deg = info['degradations']
    boxes = body_boxes(p)
    if 'stamp' in fx:
        d = add_days(doc.date, rng.randint(2, 12))
        ds = fmt_date(d, 'MON')
        choice = rng.choice([['RECEIVED', ds], ['RECEIVED', ds, 'MEDICAL RECORDS'], ['SCANNED', ds],
                             ['RECEIVED', ds, 'REFERRAL MANAGEMENT'], ['ENTERED ON PAS', ds]])
        cand = [b for b in boxes if b[1] < p.H * 0.6] or boxes
        b = rng.choice(cand)
        cx = min(p.wpt - 45 * MM, max(45 * MM, (b[2] / p.s) - rng.uniform(10, 60) * MM / 3))
        cy = b[1] / p.s + rng.uniform(-6, 6)
        p.stamp(cx, cy, choice, rng.choice(STAMP_COLOURS), rng.uniform(-14, 10), rng.uniform(10, 13))
        doc.distractors.append({'type': 'received_stamp', 'as_printed': ' '.join(choice), 'in_gt': False,
                                'page': i + 1})
        deg.append('rubber_stamp_over_text')
    if 'stamp2' in fx:
        p.stamp(p.wpt * rng.uniform(0.3, 0.7), p.hpt * rng.uniform(0.55, 0.8), [rng.choice(['URGENT', 'COPY', 'FILED'])],
                rng.choice(STAMP_COLOURS), rng.uniform(-25, 25), 18)
        deg.append('rubber_stamp_large')
    if 'annot' in fx:
        for k in range(rng.choice([1, 2, 2])):
            b = rng.choice(boxes)
            txt = rng.choice(ANNOTS)
            if rng.random() < 0.4:
                txt += ' %s %d/%d' % (rng.choice(INITS) + rng.choice(INITS), rng.randint(1, 28), rng.randint(1, 12))
            x = b[0] / p.s + rng.uniform(20, 160)
            x = min(x, p.wpt - 80 * MM)
            y = (b[1] + b[3]) / 2 / p.s + rng.uniform(-4, 10)
            p.hand(x, y, txt, rng.uniform(13, 17), rng.choice([(0.1, 0.15, 0.5), (0.08, 0.08, 0.1), (0.6, 0.1, 0.1)]),
                   rng.choice(['h-script', 'h-script-c', 'h-plain-i', 'h-italic']), rng.uniform(-8, 8), 1.1)
        deg.append('handwritten_annotation_over_text')
    if 'ring' in fx and 'nhs' in p.tags:
        p.ring(p.tags['nhs'])
        deg.append('handwritten_ring_round_nhs_number')
    if 'hilite' in fx:
        tgt = p.tags.get('nhs') if rng.random() < 0.5 and 'nhs' in p.tags else rng.choice(boxes)
        p.highlight(tgt, rng.choice([(1.0, 0.93, 0.25), (0.55, 1.0, 0.45), (1.0, 0.6, 0.85)]))
        b2 = rng.choice(boxes)
        p.highlight(b2, (1.0, 0.93, 0.25))
        deg.append('highlighter')
    for o in p.overlays:
        o['page'] = i + 1


def fax_header(doc, i, p, rng, npages):
    g = doc.gp
    fr = R(doc.id, 'fax header')      # one transmission: same date, pages a minute apart
    d = add_days(doc.date, fr.randint(0, 2))
    style = fr.choice(['slash', 'MON', 'slash2'])
    t = fr.randint(8 * 60, 17 * 60) + i
    s = '%s %02d:%02d  FROM: %s  %s  P.%03d/%03d' % (fmt_date(d, style), t // 60, t % 60, g.fax,
                                                     g.practice.upper()[:24], i + 1, npages)
    bb = p.put(12 * MM, 6 * MM, s, 'dvmono', 7.5)
    p.gt.insert(0, norm_line(s))
    p.hand_gt = [k + 1 for k in p.hand_gt]
    p.boxes.insert(0, (norm_line(s), bb))
    doc.distractors.append({'type': 'fax_header', 'as_printed': norm_line(s), 'in_gt': True, 'page': i + 1})


# ---------------------------------------------------------------------------
# printing, paper life and scanning
# ---------------------------------------------------------------------------
def smooth_field(rng, H, W, cells=6, lo=0.0, hi=1.0):
    g = rng.random((cells, max(2, int(cells * W / H)))).astype(np.float32)
    f = cv2.resize(g, (W, H), interpolation=cv2.INTER_CUBIC)
    return np.clip(lo + (hi - lo) * f, min(lo, hi), max(lo, hi))


def halftone(cov, dpi, lpi, angle, rng):
    """Screen a coverage layer with a rotated round-dot screen, point-sampled
    on the scan grid (aliasing of the screen against the grid gives moire)."""
    ys, xs = np.nonzero(cov > 0.01)
    out = np.zeros_like(cov)
    if len(ys) == 0:
        return out
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    sub = cov[y0:y1, x0:x1]
    S = 1
    big = sub
    yy, xx = np.mgrid[y0 * S:y1 * S, x0 * S:x1 * S].astype(np.float32)
    k = 2 * math.pi * lpi / (dpi * S)
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    u = (xx * c + yy * s) * k
    v = (-xx * s + yy * c) * k
    spot = (np.cos(u) + np.cos(v)) * 0.5
    tone = big * rng.uniform(0.55, 0.75)
    dots = np.clip((spot - (1 - 2 * tone)) * 3.0, 0, 1).astype(np.float32) * (big > 0.02)
    out[y0:y1, x0:x1] = dots
    return out


def dot_matrix(cov, dpi, rng):
    H, W = cov.shape
    py, px = dpi / 72.0, dpi / 60.0
    gh, gw = int(H / py), int(W / px)
    samp = cv2.resize(cov, (gw, gh), interpolation=cv2.INTER_AREA)
    on = samp > 0.3
    gy, gx = np.nonzero(on)
    imp = np.zeros((H, W), np.float32)
    Y = np.clip((gy * py + py / 2).astype(np.int64), 0, H - 1)
    X = np.clip((gx * px + px / 2).astype(np.int64), 0, W - 1)
    imp[Y, X] = rng.uniform(0.55, 1.0, len(Y)).astype(np.float32)
    r = max(1, int(round(dpi / 72.0 * 0.55)))
    ker = np.zeros((2 * r + 1, 2 * r + 1), np.float32)
    cv2.circle(ker, (r, r), r, 1.0, -1, cv2.LINE_AA)
    out = cv2.filter2D(imp, -1, ker, borderType=cv2.BORDER_CONSTANT)
    # ribbon wear: bands of lighter print
    band = smooth_field(rng, H, W, 12, 0.55, 1.0)
    return np.clip(out, 0, 1) * band


def reverse_side(doc, i, p, rng):
    """Coverage of text printed on the reverse of the sheet (mirrored)."""
    lay = np.zeros((p.H, p.W), np.float32)
    q = Page(p.size, p.dpi, p.seed + ':reverse')
    words = ('patient clinic review letter plan blood results follow up medication referral hospital consultant '
             'discharged admitted history examination normal chest abdomen pain weeks months daily').split()
    y = 30 * MM
    f = rng.choice(SERIF + SANS)
    while y < q.hpt - 30 * MM:
        ln = ' '.join(rng.choice(words) for _ in range(rng.randint(6, 13)))
        if q.width(ln, f, 10.5) < q.wpt - 50 * MM:
            q.put(22 * MM, y, ln, f, 10.5)
        y += 10.5 * rng.choice([1.35, 1.35, 2.7])
    for k, v in q.layers.items():
        np.maximum(lay, v, out=lay)
    return lay[:, ::-1].copy()


def coffee_stain(H, W, dpi, rng):
    sc = 4
    h, w = H // sc, W // sc
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.85) * h
    r = rng.uniform(22, 38) / 25.4 * dpi / sc
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    th = np.arctan2(yy - cy, xx - cx)
    wob = 1 + 0.04 * np.sin(3 * th + rng.uniform(0, 6)) + 0.03 * np.sin(7 * th + rng.uniform(0, 6))
    d = np.hypot(yy - cy, xx - cx) / (r * wob)
    ring = np.exp(-((d - 1) / 0.035) ** 2) * 0.9
    inner = (d < 1) * rng.uniform(0.15, 0.35) * (0.7 + 0.3 * smooth_field(rng, h, w, 8))
    a = np.clip(ring + inner, 0, 1).astype(np.float32)
    if rng.random() < 0.5:     # a second, partial ring from the cup
        cx2, cy2 = cx + r * rng.uniform(-0.6, 0.6), cy + r * rng.uniform(-0.6, 0.6)
        d2 = np.hypot(yy - cy2, xx - cx2) / (r * 0.97)
        a = np.maximum(a, np.exp(-((d2 - 1) / 0.03) ** 2).astype(np.float32) * 0.6 * (np.cos(th) > -0.2))
    return cv2.resize(a, (W, H), interpolation=cv2.INTER_LINEAR)


PAPERS = {'white': (0.975, 0.972, 0.965), 'bright': (0.99, 0.99, 0.99), 'cream': (0.97, 0.95, 0.88),
          'yellow': (0.98, 0.95, 0.72), 'pink': (0.98, 0.85, 0.87), 'blue': (0.84, 0.91, 0.98),
          'green': (0.86, 0.96, 0.84), 'buff': (0.93, 0.86, 0.72)}


def print_page(doc, i, p, fx, rng, info):
    """Composite the page's ink layers onto paper -> float32 RGB 0..1."""
    deg = info['degradations']
    H, W = p.H, p.W
    paper = PAPERS[info['paper']]
    tex = smooth_field(rng, H, W, 5, 0.985, 1.01)
    img = np.empty((H, W, 3), np.float32)
    for c in range(3):
        img[..., c] = paper[c] * tex
    if info['paper'] not in ('white', 'bright'):
        deg.append('coloured_paper:' + info['paper'])
    fade = None
    if 'faded' in fx:
        fade = np.clip(smooth_field(rng, H, W, 9, 0.25, 1.3), 0, 1) * (rng.random((H, W)) > 0.12)
        deg.append('toner_loss_faded_print')
    pencil = 'pencil' in fx
    if pencil:
        deg.append('low_contrast_grey_print')
    spread = 'spread' in fx
    if spread:
        deg.append('toner_spread')
    for key, cov in p.layers.items():
        col = key[:3]
        mode = key[3]
        if mode == 'ht':
            cov = halftone(cov, p.dpi, rng.choice([85, 100, 120, 133]), rng.choice([15, 45, 75]), rng)
            if 'halftone_letterhead_moire' not in deg:
                deg.append('halftone_letterhead_moire')
        elif mode == 'dm':
            cov = dot_matrix(cov, p.dpi, rng)
            if 'dot_matrix_print' not in deg:
                deg.append('dot_matrix_print')
        is_text_ink = col == INK
        if is_text_ink:
            if spread:
                cov = cv2.dilate(cov, np.ones((2, 2), np.uint8))
                cov = cv2.GaussianBlur(cov, (0, 0), 0.6)
                cov = np.clip(cov * 1.3, 0, 1)
            if fade is not None:
                cov = cov * fade
            if pencil:
                col = (0.52, 0.52, 0.54)
        for c in range(3):
            img[..., c] *= 1 - cov * (1 - col[c])
    if 'bleed' in fx:
        rv = reverse_side(doc, i, p, rng)
        rv = cv2.GaussianBlur(rv, (0, 0), p.dpi / 300 * 3.5)
        a = rng.uniform(0.08, 0.14) if info['difficulty'] != 'hard' else rng.uniform(0.15, 0.22)
        for c in range(3):
            img[..., c] *= 1 - rv * a
        deg.append('bleed_through')
    if 'coffee' in fx:
        st = coffee_stain(H, W, p.dpi, rng)
        brown = (0.62, 0.42, 0.22)
        a = rng.uniform(0.35, 0.6)
        for c in range(3):
            img[..., c] *= 1 - st * a * (1 - brown[c])
        deg.append('coffee_stain')
    return img


def to_grey(img):
    if img.ndim == 2:
        return img
    return img[..., 0] * 0.299 + img[..., 1] * 0.587 + img[..., 2] * 0.114


def photocopy(img, gens, dpi, rng, deg):
    """Successive photocopier generations: darkening, contrast, toner loss,
    drum streaks, speckle, slight shift/rotation each time."""
    g = to_grey(img).astype(np.float32)
    H, W = g.shape
    for k in range(gens):
        ang = rng.uniform(-0.6, 0.6)
        M = cv2.getRotationMatrix2D((W / 2, H / 2), ang, 1.0)
        M[0, 2] += rng.uniform(-8, 8) * dpi / 300
        M[1, 2] += rng.uniform(-8, 8) * dpi / 300
        g = cv2.warpAffine(g, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                           borderValue=rng.uniform(0.15, 0.3))
        g = cv2.GaussianBlur(g, (0, 0), 0.5 * dpi / 300 + 0.25)
        # tone curve: grey background, crushed blacks, lost light strokes
        bg = rng.uniform(0.9, 0.96)
        lo = rng.uniform(0.12, 0.25)
        g = np.clip((g - lo) / (1.0 - lo), 0, 1)
        g = g ** rng.uniform(1.1, 1.4) * bg
        # toner starvation patches
        loss = smooth_field(rng, H, W, 7, -0.3, 0.3)
        g = np.clip(g + np.clip(loss, 0, 1) * (1 - g) * 0.7, 0, 1)
        # drum streaks (vertical)
        for _ in range(rng.randint(1, 4)):
            x = rng.randrange(W)
            w = rng.randint(1, max(2, int(4 * dpi / 300)))
            dark = rng.uniform(0.15, 0.5)
            g[:, x:x + w] *= (1 - dark * smooth_field(rng, H, 1, 6, 0.4, 1.0).reshape(H, 1))
        # speckle
        n = int(H * W * 0.00015)
        ys = (rng.random(n) * H).astype(np.int64)
        xs = (rng.random(n) * W).astype(np.int64)
        g[ys, xs] = rng.uniform(0.0, 0.4, n).astype(np.float32)
        g = cv2.GaussianBlur(g, (3, 3), 0)
    deg.append('photocopy_generation_%d' % gens)
    deg.append('copier_streaks')
    return g


def fax_transmit(img, dpi, mode, rng, deg):
    """Sending fax: 1-bit, standard (200x100) or fine (200x200) resolution,
    line noise/banding.  Returns (1-bit image as float at 200x200 grid or
    200x100 if kept raw, ydpi)."""
    g = to_grey(img)
    if dpi != 200:
        H, W = g.shape
        g = cv2.resize(g, (int(W * 200 / dpi), int(H * 200 / dpi)), interpolation=cv2.INTER_AREA)
    H, W = g.shape
    if mode in ('standard', 'raw'):
        g = cv2.resize(g, (W, H // 2), interpolation=cv2.INTER_AREA)
    b = (g > rng.uniform(0.5, 0.62)).astype(np.float32)
    h = b.shape[0]
    # banding: dropout rows, noisy rows, shifted scanlines
    for _ in range(rng.randint(3, 9)):
        r0 = rng.randrange(h)
        r1 = min(h, r0 + rng.randint(1, 6))
        kind = rng.random()
        if kind < 0.35:
            b[r0:r1] = 1.0
        elif kind < 0.7:
            b[r0:r1] = np.where(rng.random((r1 - r0, W)) < 0.25, 0.0, b[r0:r1])
        else:
            b[r0:r1] = np.roll(b[r0:r1], rng.randint(-6, 6), axis=1)
    ydpi = 200
    if mode == 'standard':
        b = np.repeat(b, 2, axis=0)
        deg.append('fax_standard_200x100_stretched_to_200x200')
    elif mode == 'raw':
        ydpi = 100
        deg.append('fax_standard_200x100_non_square_pixels')
    else:
        deg.append('fax_fine_200x200')
    deg.append('fax_banding')
    return b, ydpi


def physical(img, dpi, fx, rng, deg, paper_rgb):
    H, W = img.shape[:2]
    colour = img.ndim == 3

    def mul(field):
        if colour:
            img[...] *= field[..., None]
        else:
            img[...] *= field
    if 'punch' in fx:
        dark = rng.random() < 0.6
        r = int(3 * dpi / 25.4)
        cx = int(rng.uniform(9, 13) * dpi / 25.4)
        for cy in (H // 2 - int(40 * dpi / 25.4), H // 2 + int(40 * dpi / 25.4)):
            m = np.zeros((H, W), np.float32)
            cv2.circle(m, (cx, cy), r, 1.0, -1, cv2.LINE_AA)
            if dark:
                mul(1 - m * 0.88)
            else:
                ring = np.zeros((H, W), np.float32)
                cv2.circle(ring, (cx, cy), r, 1.0, max(1, dpi // 100), cv2.LINE_AA)
                mul(1 - ring * 0.5)
        deg.append('punch_holes')
    if 'staple' in fx:
        m = np.zeros((H, W), np.float32)
        x0, y0 = int(rng.uniform(5, 12) * dpi / 25.4), int(rng.uniform(10, 18) * dpi / 25.4)
        L = 12 * dpi / 25.4
        ang = math.radians(rng.uniform(30, 60))
        x1, y1 = int(x0 + L * math.cos(ang)), int(y0 - L * math.sin(ang))
        cv2.line(m, (x0, y0), (x1, max(1, y1)), 1.0, max(2, dpi // 60), cv2.LINE_AA)
        sh = cv2.GaussianBlur(np.roll(m, (max(1, dpi // 100), max(1, dpi // 100)), axis=(0, 1)), (0, 0), dpi / 150)
        mul(1 - sh * 0.4)
        mul(1 - m * 0.65)
        for _ in range(2):      # holes of an earlier, removed staple
            hx, hy = x0 + int(rng.uniform(18, 30) * dpi / 25.4), y0 + int(rng.uniform(-4, 6) * dpi / 25.4)
            hm = np.zeros((H, W), np.float32)
            cv2.circle(hm, (hx, hy), max(1, dpi // 150), 1.0, -1)
            mul(1 - hm * 0.7)
        deg.append('staple')
    if 'edge' in fx:
        side = rng.choice(['left', 'right', 'top', 'bottom'])
        w = rng.uniform(4, 12) * dpi / 25.4
        if side in ('left', 'right'):
            d = np.arange(W, dtype=np.float32)
            d = d if side == 'left' else d[::-1]
            f = 1 - rng.uniform(0.35, 0.6) * np.exp(-d / w)
            mul(np.tile(f, (H, 1)))
        else:
            d = np.arange(H, dtype=np.float32)
            d = d if side == 'top' else d[::-1]
            f = 1 - rng.uniform(0.35, 0.6) * np.exp(-d / w)
            mul(np.tile(f[:, None], (1, W)))
        deg.append('edge_shadow_' + side)
    if 'fold' in fx:
        side = rng.choice(['left', 'right'])
        xs = np.arange(W, dtype=np.float32)
        d = xs if side == 'left' else xs[::-1]
        w = rng.uniform(10, 22) * dpi / 25.4
        shade = 1 - rng.uniform(0.55, 0.75) * np.exp(-d / w) - 0.12 * np.exp(-d / (w * 3))
        # curl: content near the fold is compressed and bent
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        dd = xx if side == 'left' else (W - 1 - xx)
        pull = np.exp(-dd / (w * 1.5)) * w * 0.6
        mapx = xx + (pull if side == 'left' else -pull)
        mapy = yy + np.exp(-dd / (w * 1.5)) * (yy - H / 2) * 0.025
        img[...] = cv2.remap(img, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        del yy, xx, dd, pull, mapx, mapy
        mul(np.tile(np.clip(shade, 0, 1).astype(np.float32), (H, 1)))
        deg.append('book_fold_shadow_and_curl_' + side)
    if 'curl' in fx:
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        amp = rng.uniform(6, 14) * dpi / 300
        mapy = yy + amp * np.sin(xx / W * math.pi * rng.uniform(0.8, 1.6) + rng.uniform(0, 3)) * (yy / H) ** 2 * 2
        mapx = xx + amp * 0.5 * np.sin(yy / H * math.pi + rng.uniform(0, 3))
        img[...] = cv2.remap(img, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        del yy, xx, mapx, mapy
        deg.append('page_curl')
    return img


def scan(img, dpi, ps, rng, deg, seedparts):
    """Scanner optics & sensor: skew, perspective, lighting, blur, noise."""
    H, W = img.shape[:2]
    diff = ps['difficulty']
    fx = ps['fx']
    colour = img.ndim == 3
    bgv = ps.get('scanner_bg', 0.97)
    skew = ps['skew']
    if 'persp' in fx:
        d = rng.uniform(0.006, 0.015)
        src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
        dst = np.float32([[W * d * rng.random(), H * d * rng.random()], [W * (1 - d * rng.random()), H * d * rng.random()],
                          [W * (1 - d * rng.random()), H * (1 - d * rng.random())], [W * d * rng.random(), H * (1 - d * rng.random())]])
        M = cv2.getPerspectiveTransform(src, dst)
        img = cv2.warpPerspective(img, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                  borderValue=(bgv, bgv, bgv) if colour else bgv)
        deg.append('perspective')
    if abs(skew) > 0.01:
        M = cv2.getRotationMatrix2D((W / 2, H / 2), -skew, 1.0)   # positive skew = clockwise
        img = cv2.warpAffine(img, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=(bgv, bgv, bgv) if colour else bgv)
    deg.append('skew:%+.2fdeg' % skew)
    if 'light' in fx or diff != 'clean':
        lo = {'clean': 0.97, 'moderate': 0.9, 'hard': 0.78}[diff]
        if 'light' in fx:
            lo -= 0.1
        fld = smooth_field(rng, H, W, 3, lo, 1.03)
        img = img * (fld[..., None] if colour else fld)
        deg.append('uneven_lighting')
    sig = {'clean': 0.35, 'moderate': 0.6, 'hard': 0.9}[diff] * dpi / 300 + rng.uniform(0, 0.2)
    if 'blur' in fx:
        sig += 0.8 * dpi / 300
        # slight motion blur along the scan direction with our own kernel
        k = np.zeros((7, 7), np.float32)
        k[3, :] = 1
        k[3, 3] = 2
        k /= k.sum()
        img = cv2.filter2D(img, -1, k)
        deg.append('blur_motion_kernel')
    img = cv2.GaussianBlur(img, (0, 0), sig)
    var = {'clean': 0.00008, 'moderate': 0.0006, 'hard': 0.0025}[diff] * rng.uniform(0.7, 1.4)
    if 'noise' in fx:
        var *= 2.5
        deg.append('sensor_noise_heavy')
    img = np.clip(img, 0, 1)
    img = random_noise(img, mode='gaussian', seed=iseed(*seedparts, 'noise'), var=var, clip=True).astype(np.float32)
    if diff == 'hard' or 'noise' in fx:
        img = random_noise(img, mode='s&p', seed=iseed(*seedparts, 'sp'), amount=0.0008, clip=True).astype(np.float32)
    deg.append('sensor_noise_var_%.4f' % var)
    return img


# ---------------------------------------------------------------------------
# encoders
# ---------------------------------------------------------------------------
def jpeg_bytes(arr, q, dpi_xy=None):
    """arr: uint8 grey (H,W) or RGB (H,W,3).  JFIF density patched to dpi."""
    a = arr if arr.ndim == 2 else arr[..., ::-1]
    ok, buf = cv2.imencode('.jpg', np.ascontiguousarray(a), [cv2.IMWRITE_JPEG_QUALITY, int(q)])
    assert ok
    b = bytearray(buf.tobytes())
    if dpi_xy and b[2:4] == b'\xff\xe0' and b[6:11] == b'JFIF\x00':
        b[13] = 1
        b[14:16] = struct.pack('>H', dpi_xy[0])
        b[16:18] = struct.pack('>H', dpi_xy[1])
    return bytes(b)


def png_bytes(arr, dpi_xy, bilevel=False):
    a = arr if arr.ndim == 2 else arr[..., ::-1]
    params = [cv2.IMWRITE_PNG_COMPRESSION, 9]
    if bilevel:
        params += [cv2.IMWRITE_PNG_BILEVEL, 1]
    ok, buf = cv2.imencode('.png', np.ascontiguousarray(a), params)
    assert ok
    b = buf.tobytes()
    # insert a pHYs chunk (pixels per metre) after IHDR
    ppm = [int(round(d / 0.0254)) for d in dpi_xy]
    body = b'pHYs' + struct.pack('>IIB', ppm[0], ppm[1], 1)
    chunk = struct.pack('>I', 9) + body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)
    ihdr_end = 8 + 8 + 13 + 4
    return b[:ihdr_end] + chunk + b[ihdr_end:]


def write_tiff(path, pages, compression):
    """pages: list of (array, (xdpi, ydpi)); bool arrays are bilevel (True =
    black, MINISWHITE).  tifffile writes an uncompressed TIFF; libtiff's
    tiffcp compresses it (g4 for bilevel, lzw with predictor for grey)."""
    fd, tmp = tempfile.mkstemp(suffix='.tif', dir=os.path.dirname(path))
    os.close(fd)
    try:
        with tifffile.TiffWriter(tmp) as tw:
            for arr, (xd, yd) in pages:
                if arr.dtype == bool:
                    tw.write(arr, photometric='miniswhite', resolution=(xd, yd), resolutionunit='INCH',
                             metadata=None, software=False)
                elif arr.ndim == 3:
                    tw.write(arr, photometric='rgb', resolution=(xd, yd), resolutionunit='INCH',
                             metadata=None, software=False)
                else:
                    tw.write(arr, photometric='minisblack', resolution=(xd, yd), resolutionunit='INCH',
                             metadata=None, software=False)
        comp = 'g4' if compression == 'g4' else ('lzw' if any(a.dtype == bool for a, _ in pages) else 'lzw:2')
        subprocess.run(['tiffcp', '-c', comp, tmp, path], check=True)
    finally:
        os.unlink(tmp)


def write_pdf(path, pages):
    """Minimal image-only PDF.  pages: dicts with w_pt, h_pt, px (w,h),
    filter ('DCTDecode'|'FlateDecode'), cs ('DeviceGray'|'DeviceRGB'), data."""
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)
    cat = add(None)
    pages_id = add(None)
    kids = []
    for pg in pages:
        w, h = pg['px']
        img = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 '
                  b'/Filter /%s /Length %d >>\nstream\n' % (w, h, pg['cs'].encode(), pg['filter'].encode(),
                                                           len(pg['data'])) + pg['data'] + b'\nendstream')
        content = b'q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q' % (pg['w_pt'], pg['h_pt'])
        cid = add(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
        kids.append(add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject << /Im0 %d 0 R >> >> '
                        b'/Contents %d 0 R >>' % (pages_id, pg['w_pt'], pg['h_pt'], img, cid)))
    objs[cat - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % pages_id
    objs[pages_id - 1] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (b' '.join(b'%d 0 R' % k for k in kids), len(kids))
    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offs = []
    for n, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b'%d 0 obj\n' % n + o + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for o in offs:
        out += b'%010d 00000 n \n' % o
    out += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, cat, xref)
    with open(path, 'wb') as fh:
        fh.write(bytes(out))


# ---------------------------------------------------------------------------
# the set plan: 45 files, 65 pages
#   page tokens: <difficulty c|m|h><dpi> then effects / key=value
# ---------------------------------------------------------------------------
PLAN = [
    ('referral_letter', 'ers_export', 'pdf', dict(font='sans', mode='colour'), ['m300 stamp hilite', 'm300 annot mode=grey']),
    ('referral_letter', 'dictated_letter', 'jpeg', dict(font='serif', mode='grey'), ['c300']),
    ('lab_result', 'lab_report', 'tiff-g4', dict(variant='biochem', font='sans'), ['c300']),
    ('referral_letter', 'emis_export', 'pdf', dict(font='carlito', mode='colour'), ['c300 size=Letter', 'h150 copy2 q=45']),
    ('referral_letter', 'tickbox_proforma', 'tiff-g4', dict(variant=0, font='sans'), ['m200 annot punch']),
    ('referral_letter', 'fax_cover_and_letter', 'tiff-g4', dict(font='nsans'), ['m200 faxraw', 'h200 faxraw noise']),
    ('clinic_letter', 'clinic_letter', 'tiff-lzw', dict(variant='std', mode='grey', halftone=True), ['m200 edge light']),
    ('referral_letter', 'soap_note', 'png', dict(mode='grey'), ['m300 coffee']),
    ('referral_letter', 'two_page_letter', 'pdf', dict(halftone=True, mode='colour'), ['m300', 'm300 staple fold']),
    ('referral_letter', 'terse_note', 'jpeg', dict(mode='colour'), ['h150 pencil paper=yellow q=42']),
    ('discharge_summary', 'discharge_summary', 'pdf', dict(mode='grey'), ['c300', 'm300 bleed enc=flate']),
    ('referral_letter', 'systmone_export', 'tiff-g4', dict(font='sans'), ['m300 copy1 spread']),
    ('referral_letter', 'demographics_box', 'jpeg', dict(variant=0, mode='colour'), ['c400']),
    ('continuation_sheet', 'continuation_sheet', 'png', dict(mode='colour', hands=['h-simplex', 'h-complex']), ['m200 paper=buff']),
    ('referral_letter', 'vision_export', 'pdf', dict(mode='grey', font='lmono'), ['m200 copy1 enc=flate rot=90']),
    ('referral_letter', 'typewriter_letter', 'tiff-lzw', dict(font='cprime', years=(1997, 2004), mode='bw'), ['h300 copy2']),
    ('referral_letter', 'ers_export', 'jpeg', dict(font='nsans', mode='grey'), ['m300 stamp annot jpeg2']),
    ('appointment_letter', 'appointment_letter', 'png', dict(mode='grey', dob=False), ['c200']),
    ('referral_letter', 'dot_matrix_letter', 'pdf', dict(font='dvmono', years=(1998, 2006), mode='grey'), ['h200 faded paper=cream', 'm200 paper=cream']),
    ('referral_letter', 'compliments_slip_with_letter', 'pdf', dict(mode='colour'), ['m300 size=DL', 'm300 annot']),
    ('referral_letter', 'tickbox_proforma', 'pdf', dict(variant=1, mode='grey'), ['m300', 'h150 copy2 rot=180']),
    ('lab_result', 'lab_report', 'jpeg', dict(variant='cumul', mode='colour', font='noto'), ['m400 hilite']),
    ('referral_letter', 'dictated_letter', 'tiff-g4', dict(font='nroman', wdelta=-1), ['m400 thin']),
    ('referral_letter', 'emis_export', 'jpeg', dict(font='sans', mode='grey'), ['m300 rot=90 punch persp']),
    ('clinic_letter', 'clinic_letter', 'tiff-g4', dict(variant='std'), ['m300', 'h300 copy3']),
    ('referral_letter', 'two_page_letter', 'tiff-lzw', dict(mode='grey'), ['m300 rot=270', 'm300 edge']),
    ('referral_letter', 'demographics_box', 'png', dict(variant=1, mode='colour'), ['h300 bleed paper=pink noise faded']),
    ('discharge_summary', 'discharge_summary', 'tiff-g4', dict(), ['c300', 'm300 staple']),
    ('referral_letter', 'soap_note', 'jpeg', dict(mode='grey'), ['h150 blur noise q=40 jpeg2']),
    ('referral_letter', 'fax_cover_and_letter', 'pdf', dict(mode='grey'), ['m200 fax', 'h300 faxfine stamp blur']),
    ('referral_letter', 'systmone_export', 'pdf', dict(mode='colour'), ['c300', 'm300 hilite persp']),
    ('appointment_letter', 'appointment_letter', 'jpeg', dict(mode='colour', halftone=True, head=2), ['m150 paper=blue stamp']),
    ('referral_letter', 'vision_export', 'png', dict(mode='grey', font='narrow'), ['m300 edge curl']),
    ('referral_letter', 'ers_export', 'tiff-g4', dict(font='freesans'), ['c300']),
    ('continuation_sheet', 'continuation_sheet', 'pdf', dict(mode='colour', hands=['h-script', 'h-italic']), ['m300', 'h300 coffee']),
    ('referral_letter', 'terse_note', 'png', dict(mode='colour'), ['m200 coffee annot ring paper=green']),
    ('referral_letter', 'dictated_letter', 'pdf', dict(mode='colour', justify=True), ['c300 size=Letter', 'm300']),
    ('lab_result', 'lab_report', 'pdf', dict(variant='micro', mode='grey'), ['m300', 'h200 copy2']),
    ('referral_letter', 'emis_export', 'tiff-g4', dict(), ['m300 stamp spread']),
    ('clinic_letter', 'clinic_letter', 'jpeg', dict(variant='demog', mode='grey'), ['c300']),
    ('referral_letter', 'two_page_letter', 'pdf', dict(mode='grey', font='notodisplay'), ['m300', 'h300 bleed pencil']),
    ('discharge_summary', 'discharge_summary', 'pdf', dict(mode='colour'), ['m300', 'm300 fold', 'c300 enc=flate']),
    ('referral_letter', 'demographics_box', 'tiff-g4', dict(variant=0), ['m300 annot stamp2', 'c300']),
    ('referral_letter', 'tickbox_proforma', 'jpeg', dict(variant=2, mode='grey'), ['h200 copy3 q=50']),
    ('clinic_letter', 'clinic_letter', 'png', dict(variant='old', font='nmono', nhs=False, years=(1994, 1995), mode='grey'),
     ['m300 paper=cream']),
]
DIFF = {'c': 'clean', 'm': 'moderate', 'h': 'hard'}


def parse_plan():
    specs = []
    for idx, (dtype, kind, fmt, extra, pages) in enumerate(PLAN, 1):
        spec = dict(type=dtype, kind=kind, format=fmt, pages=[])
        spec.update(extra)
        for tok in pages:
            t = tok.split()
            ps = dict(difficulty=DIFF[t[0][0]], dpi=int(t[0][1:]), fx=[], size='A4', rot=0, enc='jpeg', q=None,
                      paper='white', mode=('bw' if fmt == 'tiff-g4' else extra.get('mode', 'grey')))
            for x in t[1:]:
                if '=' in x:
                    k, v = x.split('=')
                    ps[k] = int(v) if v.isdigit() else v
                else:
                    ps['fx'].append(x)
            if ps['enc'] == 'flate':
                ps['mode'] = 'grey'
            ps['render_dpi'] = 200 if any(f.startswith('fax') for f in ps['fx']) else ps['dpi']
            spec['pages'].append(ps)
        specs.append(spec)
    return specs


def page_params(doc, i, ps):
    rng = R(doc.id, 'params', i)
    d = ps['difficulty']
    lo, hi = {'clean': (0.0, 0.35), 'moderate': (0.3, 1.6), 'hard': (1.2, 3.0)}[d]
    ps['skew'] = round(rng.uniform(lo, hi) * rng.choice([-1, 1]), 2)
    if ps['q'] is None:
        a, b = {'clean': (78, 85), 'moderate': (58, 80), 'hard': (40, 55)}[d]
        ps['q'] = rng.randint(a, b)
    ps['scanner_bg'] = 0.97 if (d == 'clean' or rng.random() < 0.7) else rng.uniform(0.12, 0.25)


def render_page(doc, i, p, ps, npages):
    rng = R(doc.id, 'scan', i)
    nrng = HR(doc.id, 'scan', i)
    fx = ps['fx']
    info = {'degradations': [], 'difficulty': ps['difficulty'], 'paper': ps['paper']}
    deg = info['degradations']
    faxmode = None
    for f_, m_ in (('faxraw', 'raw'), ('faxfine', 'fine'), ('fax', 'standard')):
        if f_ in fx:
            faxmode = m_
            break
    if faxmode:
        fax_header(doc, i, p, rng, npages)
        deg.append('fax_header_line')
    add_overlays(doc, i, p, fx, rng, info)
    if p.tw is not None:
        deg.append('typewriter_irregular_strikes')
    if doc.wdelta < 0 or doc.font in ('notodisplay', 'bookman'):
        deg.append('thin_serif_font')
    if getattr(p, 'min_size', 99) <= 8.0:
        deg.append('small_text_8pt_or_less')
    img = print_page(doc, i, p, fx, nrng, info)
    dpi = p.dpi
    for g in (1, 2, 3):
        if 'copy%d' % g in fx:
            img = photocopy(img, g, dpi, nrng, deg)
    dpi_xy = (ps['dpi'], ps['dpi'])
    if faxmode:
        g = to_grey(img)
        H, W = g.shape
        M = cv2.getRotationMatrix2D((W / 2, H / 2), rng.uniform(-0.7, 0.7), 1.0)
        g = cv2.warpAffine(g, M, (W, H), flags=cv2.INTER_LINEAR, borderValue=1.0)
        b, ydpi = fax_transmit(g, dpi, faxmode, nrng, deg)
        if faxmode == 'raw':
            deg.append('skew:%+.2fdeg' % 0.0)
            arr = b < 0.5
            info['skew'] = 0.0
            return finish(arr, (200, ydpi), ps, info, rng)
        # printed by the receiving fax machine, then scanned by the hospital
        img = cv2.GaussianBlur(b, (0, 0), 0.7) * 0.9 + 0.07
        if ps['dpi'] != 200:
            H2, W2 = img.shape
            img = cv2.resize(img, (int(round(W2 * ps['dpi'] / 200)), int(round(H2 * ps['dpi'] / 200))),
                             interpolation=cv2.INTER_LINEAR)
        dpi = ps['dpi']
    img = physical(img, dpi, fx, nrng, deg, PAPERS[ps['paper']])
    img = scan(img, dpi, ps, nrng, deg, (doc.id, i))
    info['skew'] = ps['skew']
    mode = ps['mode']
    if mode == 'bw':
        g8 = (to_grey(img) * 255).astype(np.uint8)
        if ps['difficulty'] == 'clean' or rng.random() < 0.5:
            t = rng.uniform(0.5, 0.6) if ps['difficulty'] != 'hard' else rng.uniform(0.42, 0.52)
            arr = g8 < int(t * 255)
            deg.append('bilevel_global_threshold_%.2f' % t)
        else:
            blk = int(41 * dpi / 300) | 1
            sm = cv2.GaussianBlur(g8, (0, 0), 0.6 * dpi / 300)
            med = float(np.median(sm))
            arr = (cv2.adaptiveThreshold(sm, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, blk, 18) == 0) & \
                (sm < med * 0.82)
            deg.append('bilevel_adaptive_threshold')
    elif mode == 'grey':
        arr = (to_grey(img) * 255 + 0.5).astype(np.uint8)
    else:
        if img.ndim == 2:
            pc = PAPERS[ps['paper']] if ps['paper'] != 'white' else (0.99, 0.985, 0.97)
            img = np.stack([img * pc[0], img * pc[1], img * pc[2]], axis=-1)
        arr = (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)
    if 'jpeg2' in fx:
        q0 = rng.randint(18, 28)
        buf = jpeg_bytes(arr, q0)
        arr = cv2.imdecode(np.frombuffer(buf, np.uint8), cv2.IMREAD_UNCHANGED)
        if arr.ndim == 3:
            arr = arr[..., ::-1].copy()
        deg.append('jpeg_blocking_earlier_generation_q%d' % q0)
    return finish(arr, dpi_xy, ps, info, rng)


def finish(arr, dpi_xy, ps, info, rng):
    rot = ps['rot']
    if rot:
        arr = np.ascontiguousarray(np.rot90(arr, k=-(rot // 90)))
        info['degradations'].append('rotated_%d_clockwise' % rot)
        if rot in (90, 270):
            dpi_xy = (dpi_xy[1], dpi_xy[0])
    info['dpi_xy'] = dpi_xy
    info['rotation'] = rot
    return arr, info


def encode_doc(doc, outdir, results):
    fmt = doc.spec['format']
    name = {'pdf': '%s.pdf', 'jpeg': '%s.jpg', 'png': '%s.png', 'tiff-g4': '%s.tif', 'tiff-lzw': '%s.tif'}[fmt] % doc.id
    path = os.path.join(outdir, name)
    encs = []
    if fmt == 'jpeg':
        (arr, info), = results
        q = doc.spec['pages'][0]['q']
        with open(path, 'wb') as fh:
            fh.write(jpeg_bytes(arr, q, info['dpi_xy']))
        encs.append('jpeg_%s_q%d' % ('colour' if arr.ndim == 3 else 'grey', q))
    elif fmt == 'png':
        (arr, info), = results
        bil = arr.dtype == bool
        a = np.where(arr, 0, 255).astype(np.uint8) if bil else arr
        with open(path, 'wb') as fh:
            fh.write(png_bytes(a, info['dpi_xy'], bil))
        encs.append('png_%s' % ('bilevel' if bil else 'colour' if arr.ndim == 3 else 'grey'))
    elif fmt.startswith('tiff'):
        pages = []
        for arr, info in results:
            pages.append((arr, info['dpi_xy']))
            if arr.dtype == bool:
                encs.append('tiff_bilevel_ccitt_g4' if fmt == 'tiff-g4' else 'tiff_bilevel_lzw')
            else:
                encs.append('tiff_%s_lzw' % ('colour' if arr.ndim == 3 else 'grey'))
        write_tiff(path, pages, 'g4' if fmt == 'tiff-g4' else 'lzw')
    else:
        pgs = []
        for (arr, info), ps in zip(results, doc.spec['pages']):
            h, w = arr.shape[:2]
            xd, yd = info['dpi_xy']
            pg = dict(w_pt=w / xd * 72, h_pt=h / yd * 72, px=(w, h))
            if arr.dtype == bool:
                arr = np.where(arr, 0, 255).astype(np.uint8)
            if ps['enc'] == 'flate':
                g = arr if arr.ndim == 2 else (to_grey(arr.astype(np.float32) / 255) * 255 + .5).astype(np.uint8)
                pg.update(filter='FlateDecode', cs='DeviceGray', data=zlib.compress(np.ascontiguousarray(g).tobytes(), 9))
                encs.append('pdf_flate_grey')
            else:
                pg.update(filter='DCTDecode', cs='DeviceRGB' if arr.ndim == 3 else 'DeviceGray',
                          data=jpeg_bytes(arr, ps['q'], info['dpi_xy']))
                encs.append('pdf_jpeg_%s_q%d' % ('colour' if arr.ndim == 3 else 'grey', ps['q']))
            pgs.append(pg)
        write_pdf(path, pgs)
    return name, encs


def build_doc(idx, spec, outdir):
    doc = Doc(idx, spec)
    for i, ps in enumerate(spec['pages']):
        page_params(doc, i, ps)
    TEMPLATES[doc.kind](doc)
    for p in doc.pages:
        for fn in p.deferred:
            fn()
        check_reading_order(p)
    n = len(spec['pages'])
    assert len(doc.pages) == n, (doc.id, len(doc.pages), n)
    results = []
    for i, p in enumerate(doc.pages):
        results.append(render_page(doc, i, p, spec['pages'][i], n))
        p.layers = {}
    name, encs = encode_doc(doc, outdir, results)
    gt_pages = ['\n'.join(p.gt) for p in doc.pages]
    gt = '\n\f\n'.join(gt_pages) + '\n'
    gtname = doc.id + '.gt.txt'
    with open(os.path.join(outdir, gtname), 'w', encoding='utf-8', newline='\n') as fh:
        fh.write(gt)
    # consistency checks on the ground truth
    flat = '\n'.join(gt_pages)
    nhs_p = doc.nhs_printed[0] if doc.nhs_printed else None
    dob_p = doc.dob_printed[0] if doc.dob_printed else None
    for s in doc.nhs_printed + doc.dob_printed:
        assert s in flat, (doc.id, s)
    if doc.has_nhs:
        assert nhs_p is not None, doc.id
    else:
        assert nhs_p is None and doc.pat.nhs not in flat.replace(' ', '').replace('-', ''), doc.id
    if doc.has_dob:
        assert dob_p is not None, doc.id
    else:
        assert dob_p is None, doc.id
    for d in doc.distractors:
        if d.get('in_gt', True):
            assert d['as_printed'] in flat, (doc.id, d)
    fonts = set()
    for p in doc.pages:
        fonts |= p.fonts
    overlays = []
    for p in doc.pages:
        for o in p.overlays:
            overlays.append(o)
    hand = []
    for pi, p in enumerate(doc.pages):
        hand += [{'page': pi + 1, 'line': k + 1, 'text': p.gt[k]} for k in p.hand_gt]
    infos = [r[1] for r in results]
    entry = {
        'file': name,
        'ground_truth': gtname,
        'document_type': doc.type,
        'kind': doc.kind,
        'pages': n,
        'nhs_number': doc.pat.nhs if doc.has_nhs else None,
        'date_of_birth': doc.pat.dob.isoformat() if doc.has_dob else None,
        'nhs_as_printed': nhs_p,
        'dob_as_printed': dob_p,
        'nhs_printed_occurrences': doc.nhs_printed,
        'dob_printed_occurrences': doc.dob_printed,
        'degradations': [inf['degradations'] for inf in infos],
        'difficulty': [inf['difficulty'] for inf in infos],
        'rotation_clockwise_deg': [inf['rotation'] for inf in infos],
        'skew_deg': [inf['skew'] for inf in infos],
        'format': spec['format'],
        'page_encodings': encs,
        'dpi': [ps['dpi'] for ps in spec['pages']],
        'dpi_xy': [list(inf['dpi_xy']) for inf in infos],
        'page_sizes': [ps['size'] for ps in spec['pages']],
        'paper': [ps['paper'] for ps in spec['pages']],
        'fonts': sorted(fonts),
        'overlay_text_not_in_gt': [o['text'] for o in overlays if o['text']],
        'overlays': overlays,
        'handwritten_style_lines_in_gt': hand,
        'distractors': dedupe(doc.distractors),
        'patient_name': doc.pname(0),
        'letter_date': doc.date.isoformat(),
    }
    return entry


def dedupe(items):
    seen, out = set(), []
    for d in items:
        k = json.dumps(d, sort_keys=True)
        if k not in seen:
            seen.add(k)
            out.append(d)
    return out


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


README_HEAD = """# ocr11 - sealed OCR evaluation set: scanned NHS paper documents (fictional)

Generated by `make_set.py` (run: `/usr/bin/python3 make_set.py [outdir]`). Everything is
fictional: NHS numbers are in the 999 test range with valid modulus-11 check digits, postcodes
use the non-existent ZX area, telephone and fax numbers are 01632 960xxx (Ofcom drama range),
names, practices and trusts are invented.

## Tool chain (Debian packages + Python standard library only)
- Layout: our own page model in Python (points, wrapped paragraphs, tables, tick boxes, logos).
- Text: our own glyph rasteriser. Outlines (TrueType quadratic and CFF cubic) are read with
  fontTools, flattened into polylines, filled with a non-zero winding scanline rule on a 4x4
  supersampled grid and box-filtered for anti-aliasing; each glyph is rasterised once per size
  and reused; no kerning. Fonts from fonts-liberation, fonts-dejavu, fonts-freefont-ttf,
  fonts-urw-base35 (.otf), fonts-noto-core, fonts-crosextra-carlito/caladea, fonts-courier-prime.
  Thin serif: NimbusRoman eroded in the supersampled domain, Noto Serif Display. Typewriter:
  per-glyph jitter/ink variation. Dot-matrix: text sampled on a 1/60 x 1/72 inch pin grid and
  redrawn as dots.
- Handwriting (annotations, continuation-sheet entries, the compliments-slip note): OpenCV
  Hershey fonts (cv2.putText) with per-character jitter.
- Paper life and scanner: OpenCV (warpAffine/warpPerspective, remap page curl and book fold,
  GaussianBlur, filter2D motion kernel, dilate for toner spread, adaptiveThreshold),
  numpy lighting/texture fields, halftone screens (letterheads; moire at 150/200 dpi),
  skimage.util.random_noise with explicit seeds, photocopy generations (darkening, toner loss,
  drum streaks, speckle), fax (1-bit, 200x100 dpi standard mode, banding, header line),
  staples, punch holes, edge and book-fold shadows, coffee stains, highlighter, rubber stamps,
  bleed-through, coloured paper, low-contrast grey print.
- Encoding: OpenCV imencode (JPEG with JFIF density patched, PNG with a pHYs chunk added),
  tifffile (uncompressed bilevel/grey TIFF) + libtiff `tiffcp -c g4` / `tiffcp -c lzw:2`,
  and our own minimal PDF writer (image-only pages: JPEG as DCTDecode, some grey pages as
  FlateDecode via zlib; page sizes from pixels/dpi, mixing A4, US Letter and DL).
- No PIL, ImageMagick, GraphicsMagick, LibreOffice, browsers, cairo/Pango, groff, netpbm,
  Ghostscript, mutool, poppler, pdfium, TeX or libvips. No OCR engine was run on the output.
- Randomness is string-seeded (random.Random(str) and numpy generators from SHA-256 of a
  string); reruns give byte-identical files (see SHA256SUMS).

## Ground-truth conventions (`docNN.gt.txt`, UTF-8)
- Printed text in reading order, one printed line per text line; runs of spaces collapsed,
  lines stripped; pages separated by a line holding a single form feed (\\f).
- Table rows (ruled tables, and label/value rows) are one line: cells joined by one space,
  left to right. Pieces of text sharing one baseline across the page (e.g. footer
  "Page 1 of 2 ... Printed on ...") are one line joined left to right.
- Two side-by-side blocks of several lines (recipient address beside a reference block or
  demographics box; two columns of "Label: value" pairs): the left block is read completely,
  then the right block (applied recursively: address, then box left column, then box right
  column).
- Tick-box graphics, logos (graphics only, no letters), rules, sprocket holes are not text.
- Overlay marks are NOT in the ground truth: rubber stamps, handwritten annotations, rings,
  signatures, highlighter, the handwritten note on the compliments slip. Their text is in the
  manifest (`overlay_text_not_in_gt`, detailed in `overlays`).
- Exception, by design: the entries of the handwritten-style continuation sheets ARE the
  document's content and are in the ground truth; they are listed in the manifest field
  `handwritten_style_lines_in_gt` (page, line number within the page, text) so a scorer may
  exclude them. The fax transmission header line (printed by the fax machine) is in the ground
  truth as the first line of the page.
- Rotated pages: ground truth in normal reading order; `rotation_clockwise_deg` says how far
  the page content is rotated clockwise in the image (rotate the image counter-clockwise by
  that amount to read it). `skew_deg` is the small additional skew (positive = clockwise).

## Manifest (`manifest.jsonl`, one object per file)
`file`, `ground_truth`, `document_type` (referral_letter | clinic_letter | discharge_summary |
lab_result | appointment_letter | continuation_sheet), `kind` (layout), `pages`, `nhs_number`
(10 digits or null), `date_of_birth` (YYYY-MM-DD or null), `nhs_as_printed` / `dob_as_printed`
(first printed occurrence, label and value exactly as in the ground truth; all occurrences in
`nhs_printed_occurrences` / `dob_printed_occurrences`), per-page lists `degradations`,
`difficulty` (clean | moderate | hard), `rotation_clockwise_deg`, `skew_deg`, `dpi` (nominal),
`dpi_xy` (as stored; 200x100 for raw fax pages), `page_encodings`, `page_sizes`, `paper`;
`format` (pdf | jpeg | png | tiff-g4 | tiff-lzw), `fonts`, `overlay_text_not_in_gt`,
`overlays`, `distractors` (other numbers and dates: hospital numbers, UBRNs, phone/fax
numbers, practice codes, lab numbers that are 10 digits but fail modulus 11, letter,
referral, print, clinic, admission, appointment and collection dates, fax header lines, and
received-stamp dates with `in_gt: false`), `handwritten_style_lines_in_gt`, `patient_name`,
`letter_date`.
"""


def write_readme(outdir, entries):
    from collections import Counter
    dt = Counter(e['document_type'] for e in entries)
    fm = Counter(e['format'] for e in entries)
    df = Counter(d for e in entries for d in e['difficulty'])
    dp = Counter(d for e in entries for d in e['dpi'])
    rot = Counter(r for e in entries for r in e['rotation_clockwise_deg'])
    kinds = Counter(e['kind'] for e in entries)
    npages = sum(e['pages'] for e in entries)
    L = [README_HEAD, '## Counts', '', '%d files, %d pages.' % (len(entries), npages), '']
    L.append('| document_type | files | pages |')
    L.append('| --- | --- | --- |')
    for k in sorted(dt):
        L.append('| %s | %d | %d |' % (k, dt[k], sum(e['pages'] for e in entries if e['document_type'] == k)))
    L += ['', '| format | files | pages |', '| --- | --- | --- |']
    for k in sorted(fm):
        L.append('| %s | %d | %d |' % (k, fm[k], sum(e['pages'] for e in entries if e['format'] == k)))
    L += ['', '| difficulty (pages) | count |', '| --- | --- |']
    for k in ('clean', 'moderate', 'hard'):
        L.append('| %s | %d |' % (k, df[k]))
    L += ['', 'Pages by nominal dpi: ' + ', '.join('%d dpi: %d' % (k, dp[k]) for k in sorted(dp)) + '.',
          'Pages by rotation: ' + ', '.join('%d deg: %d' % (k, rot[k]) for k in sorted(rot)) + '.',
          'Layouts (kind): ' + ', '.join('%s %d' % (k, kinds[k]) for k in sorted(kinds)) + '.',
          'Files without an NHS number: %s. Files without a date of birth: %s.' % (
              ', '.join(e['file'] for e in entries if e['nhs_number'] is None) or 'none',
              ', '.join(e['file'] for e in entries if e['date_of_birth'] is None) or 'none'), '',
          '## Files', '', '| file | type | kind | pages | format | difficulty | dpi |', '| --- | --- | --- | --- | --- | --- | --- |']
    for e in entries:
        L.append('| %s | %s | %s | %d | %s | %s | %s |' % (e['file'], e['document_type'], e['kind'], e['pages'], e['format'],
                                                        ', '.join(e['difficulty']), ', '.join(str(d) for d in e['dpi'])))
    with open(os.path.join(outdir, 'README.md'), 'w', encoding='utf-8', newline='\n') as fh:
        fh.write('\n'.join(L) + '\n')


def main():
    import logging
    import shutil
    import time
    logging.getLogger('fontTools').setLevel(logging.ERROR)
    here = os.path.dirname(os.path.abspath(__file__))
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    only = None
    for a in sys.argv[1:]:
        if a.startswith('--only='):
            only = {int(x) for x in a[7:].split(',')}
    outdir = os.path.abspath(args[0]) if args else here
    os.makedirs(outdir, exist_ok=True)
    if os.path.abspath(__file__) != os.path.join(outdir, 'make_set.py'):
        shutil.copyfile(os.path.abspath(__file__), os.path.join(outdir, 'make_set.py'))
    specs = parse_plan()
    entries = []
    t0 = time.time()
    for idx, spec in enumerate(specs, 1):
        if only and idx not in only:
            continue
        t = time.time()
        entries.append(build_doc(idx, spec, outdir))
        print('doc%02d %-28s %-9s %d p  %.1fs' % (idx, spec['kind'], spec['format'], len(spec['pages']), time.time() - t),
              file=sys.stderr, flush=True)
    with open(os.path.join(outdir, 'manifest.jsonl'), 'w', encoding='utf-8', newline='\n') as fh:
        for e in entries:
            fh.write(json.dumps(e, ensure_ascii=False, sort_keys=False) + '\n')
    write_readme(outdir, entries)
    names = sorted(n for n in os.listdir(outdir) if n != 'SHA256SUMS' and os.path.isfile(os.path.join(outdir, n))
                   and not n.startswith('.'))
    with open(os.path.join(outdir, 'SHA256SUMS'), 'w', newline='\n') as fh:
        for n in names:
            fh.write('%s  %s\n' % (sha256(os.path.join(outdir, n)), n))
    print('total %.1fs' % (time.time() - t0), file=sys.stderr)


if __name__ == '__main__':
    main()
