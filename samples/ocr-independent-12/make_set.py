#!/usr/bin/python3
"""make_set.py - generator for the sealed OCR evaluation set "ocr12".

Fictional scanned NHS paper documents (GP referrals and friends) with ground truth.
Tool chain: pygame.freetype (FreeType) and matplotlib Agg draw text into numpy
arrays; numpy + scipy.ndimage simulate paper life and the scanner; pygame/SDL_image
(ctypes IMG_SaveJPG / pygame.image.save) and libjpeg-turbo's cjpeg encode JPEG and
PNG; tifffile + libtiff's tiffcp write TIFF (none/LZW/deflate/G3/G4); an own
minimal PDF writer wraps JPEG/Flate pages.  Pillow is never used: a stub module
is put in its place before matplotlib is imported (matplotlib only imports it).

Usage: /usr/bin/python3 make_set.py [--out DIR] [--only 3,7]
Everything is seeded from strings; reruns are byte-identical.
"""
import sys, types
for _n in ('PIL', 'PIL.Image', 'PIL.PngImagePlugin'):
    sys.modules[_n] = types.ModuleType(_n)
sys.modules['PIL'].Image = sys.modules['PIL.Image']
sys.modules['PIL'].PngImagePlugin = sys.modules['PIL.PngImagePlugin']
sys.modules['PIL'].__version__ = '0-stub-not-pillow'
sys.modules['PIL.PngImagePlugin'].PngInfo = object

import os, io, json, math, zlib, struct, hashlib, random, shutil, subprocess, tempfile, datetime, argparse, ctypes
os.environ.setdefault('SDL_VIDEODRIVER', 'dummy')
os.environ.setdefault('PYGAME_HIDE_SUPPORT_PROMPT', '1')
import numpy as np
from scipy import ndimage as ndi
import pygame, pygame.freetype
import matplotlib
matplotlib.use('Agg')
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
import tifffile

pygame.freetype.init()
SET = 'ocr12'

# ----------------------------------------------------------------------------- randomness
def R(*key):
    return random.Random(SET + ':' + ':'.join(str(k) for k in key))

def NR(*key):
    h = hashlib.sha256((SET + ':' + ':'.join(str(k) for k in key)).encode()).digest()
    return np.random.Generator(np.random.PCG64(int.from_bytes(h[:16], 'big')))

# ----------------------------------------------------------------------------- fonts
FD = '/usr/share/fonts'
FONTS = {
    'roboto': FD + '/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf',
    'roboto-b': FD + '/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf',
    'roboto-l': FD + '/truetype/roboto/unhinted/RobotoTTF/Roboto-Light.ttf',
    'robotoc': FD + '/truetype/roboto/unhinted/RobotoCondensed-Regular.ttf',
    'robotoc-b': FD + '/truetype/roboto/unhinted/RobotoCondensed-Bold.ttf',
    'opensans': FD + '/truetype/open-sans/OpenSans-Regular.ttf',
    'opensans-b': FD + '/truetype/open-sans/OpenSans-Bold.ttf',
    'opensans-l': FD + '/truetype/open-sans/OpenSans-Light.ttf',
    'lato': FD + '/truetype/lato/Lato-Regular.ttf',
    'lato-b': FD + '/truetype/lato/Lato-Bold.ttf',
    'lato-l': FD + '/truetype/lato/Lato-Light.ttf',
    'lato-h': FD + '/truetype/lato/Lato-Hairline.ttf',
    'cantarell': FD + '/opentype/cantarell/Cantarell-Regular.otf',
    'cantarell-b': FD + '/opentype/cantarell/Cantarell-Bold.otf',
    'cantarell-l': FD + '/opentype/cantarell/Cantarell-Light.otf',
    'go': FD + '/fonts-go/Go-Regular.ttf',
    'go-b': FD + '/fonts-go/Go-Bold.ttf',
    'gomono': FD + '/fonts-go/Go-Mono.ttf',
    'gomono-b': FD + '/fonts-go/Go-Mono-Bold.ttf',
    'biolinum': FD + '/opentype/linux-libertine/LinBiolinum_R.otf',
    'biolinum-b': FD + '/opentype/linux-libertine/LinBiolinum_RB.otf',
    'libertine': FD + '/opentype/linux-libertine/LinLibertine_R.otf',
    'libertine-b': FD + '/opentype/linux-libertine/LinLibertine_RB.otf',
    'libertine-i': FD + '/opentype/linux-libertine/LinLibertine_RI.otf',
    'libmono': FD + '/opentype/linux-libertine/LinLibertine_M.otf',
    'garamond': FD + '/opentype/ebgaramond/EBGaramond12-Regular.otf',
    'garamond-b': FD + '/opentype/ebgaramond/EBGaramond12-Bold.otf',
    'garamond8': FD + '/opentype/ebgaramond/EBGaramond08-Regular.otf',
    'termes': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-regular.otf',
    'termes-b': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-bold.otf',
    'pagella': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyrepagella-regular.otf',
    'pagella-b': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyrepagella-bold.otf',
    'bonum': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyrebonum-regular.otf',
    'bonum-b': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyrebonum-bold.otf',
    'schola': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreschola-regular.otf',
    'schola-b': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreschola-bold.otf',
    'heros': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreheros-regular.otf',
    'heros-b': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreheros-bold.otf',
    'herocn': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreheroscn-regular.otf',
    'herocn-b': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreheroscn-bold.otf',
    'adventor': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreadventor-regular.otf',
    'adventor-b': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreadventor-bold.otf',
    'cursor': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyrecursor-regular.otf',
    'cursor-b': '/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyrecursor-bold.otf',
    'inconsolata': FD + '/truetype/inconsolata/Inconsolata.otf',
    'courierprime': FD + '/opentype/courier-prime/Courier Prime.otf',
    'courierprime-b': FD + '/opentype/courier-prime/Courier Prime Bold.otf',
    'typewriter': FD + '/truetype/gnutypewriter/GNUTypewriter.ttf',
    'comicneue': FD + '/opentype/comic-neue/ComicNeue-Regular.otf',
    'comicneue-b': FD + '/opentype/comic-neue/ComicNeue-Bold.otf',
    'hand-dkg': FD + '/truetype/fifthhorseman/dkg.ttf',
    'hand-dkgi': FD + '/truetype/fifthhorseman/dkgIt.ttf',
    'hand-breip': FD + '/truetype/breip/Breip.ttf',
    'hand-femke': FD + '/truetype/femkeklaver/femkeklaver.ttf',
}
FAMILIES = {  # body font, bold font
    'roboto': ('roboto', 'roboto-b'), 'opensans': ('opensans', 'opensans-b'), 'lato': ('lato', 'lato-b'),
    'cantarell': ('cantarell', 'cantarell-b'), 'go': ('go', 'go-b'), 'biolinum': ('biolinum', 'biolinum-b'),
    'libertine': ('libertine', 'libertine-b'), 'garamond': ('garamond', 'garamond-b'), 'termes': ('termes', 'termes-b'),
    'pagella': ('pagella', 'pagella-b'), 'bonum': ('bonum', 'bonum-b'), 'schola': ('schola', 'schola-b'),
    'heros': ('heros', 'heros-b'), 'herocn': ('herocn', 'herocn-b'), 'adventor': ('adventor', 'adventor-b'),
    'robotoc': ('robotoc', 'robotoc-b'), 'gomono': ('gomono', 'gomono-b'), 'courierprime': ('courierprime', 'courierprime-b'),
    'cursor': ('cursor', 'cursor-b'), 'inconsolata': ('inconsolata', 'inconsolata'), 'typewriter': ('typewriter', 'typewriter'),
    'libmono': ('libmono', 'libmono'), 'lato-l': ('lato-l', 'lato'), 'opensans-l': ('opensans-l', 'opensans'),
    'cantarell-l': ('cantarell-l', 'cantarell'), 'roboto-l': ('roboto-l', 'roboto'), 'garamond8': ('garamond8', 'garamond-b'),
    'comicneue': ('comicneue', 'comicneue-b'),
}
FONT_NAMES = {}  # path -> family name for the manifest
_fc = {}

def ft(name):
    p = FONTS[name]
    if p not in _fc:
        f = pygame.freetype.Font(p, 12)
        f.kerning = False
        f.pad = False
        _fc[p] = f
    return _fc[p]

def fam_name(name):
    return os.path.basename(FONTS[name]).rsplit('.', 1)[0]

_glyphs = {}

def glyph(name, ch, px):
    key = (name, ch, px)
    g = _glyphs.get(key)
    if g is None:
        f = ft(name)
        adv = f.get_metrics(ch, size=px)[0]
        adv = adv[4] if adv else px * 0.5
        if ch.strip():
            buf, (w, h) = f.render_raw(ch, size=px)
            r = f.get_rect(ch, size=px)
            a = np.frombuffer(buf, np.uint8).reshape(h, w).astype(np.float32) / 255.0 if w and h else None
            g = (a, r.x, r.y, adv)
        else:
            g = (None, 0, 0, adv)
        _glyphs[key] = g
    return g

def text_w(text, name, size):
    """width in points"""
    if not text.strip():
        return 0.0
    r = ft(name).get_rect(text, size=size * 4)
    return (r.x + r.width) / 4.0

def norm_line(s):
    return ' '.join(s.split())

# ----------------------------------------------------------------------------- page model
PAGE_SIZES = {'A4': (8.27, 11.69), 'Letter': (8.5, 11.0), 'DL': (8.27, 3.90), 'A5': (5.83, 8.27)}

class Page:
    def __init__(self, doc, idx, size='A4', dpi=300, chans=1):
        self.doc, self.idx, self.size_name, self.dpi, self.C = doc, idx, size, dpi, chans
        w, h = PAGE_SIZES[size]
        self.win, self.hin = w, h
        self.Wpt, self.Hpt = w * 72, h * 72
        self.s = dpi / 72.0
        self.W, self.H = int(round(w * dpi)), int(round(h * dpi))
        self.img = np.ones((self.H, self.W, chans), np.float32)
        self.gt = []
        self.boxes = []          # (x, y_top, w, h) in pt of each GT line
        self.overlays = []
        self.degr = []
        self.fonts = set()
        self.fig = None
        self.rng = R(doc.id, 'page', idx)
        self.nrng = NR(doc.id, 'page', idx)

    # colours: tuples in 0..1, subtractive (ink absorbs 1-c)
    def col(self, c):
        c = np.asarray(c, np.float32)
        if self.C == 1:
            return np.array([0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]], np.float32)
        return c

    def blit(self, a, x, y, color=(0, 0, 0), opacity=1.0):
        """a: coverage array (h, w) float 0..1; x, y: top-left in px"""
        if a is None:
            return
        x, y = int(round(x)), int(round(y))
        h, w = a.shape
        x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, self.W), min(y + h, self.H)
        if x1 <= x0 or y1 <= y0:
            return
        sub = a[y0 - y:y1 - y, x0 - x:x1 - x]
        k = (1.0 - self.col(color)) * opacity
        self.img[y0:y1, x0:x1] *= 1.0 - sub[..., None] * k

    def rect(self, x, y, w, h, color=(0, 0, 0), fill=True, lw=0.8, opacity=1.0):
        s = self.s
        if fill:
            a = np.ones((max(1, int(round(h * s))), max(1, int(round(w * s)))), np.float32)
            self.blit(a, x * s, y * s, color, opacity)
        else:
            t = max(1, int(round(lw * s)))
            for (xx, yy, ww, hh) in ((x, y, w, None), (x, y + h, w, None), (x, y, None, h), (x + w, y, None, h)):
                if hh is None:
                    a = np.ones((t, max(1, int(round(ww * s)) + t)), np.float32)
                else:
                    a = np.ones((max(1, int(round(hh * s))), t), np.float32)
                self.blit(a, xx * s - t / 2, yy * s - t / 2, color, opacity)

    def hline(self, x0, x1, y, lw=0.6, color=(0, 0, 0)):
        self.rect(x0, y - lw / 2, x1 - x0, lw, color)

    def add_gt(self, text, box=None):
        t = norm_line(text)
        if t:
            self.gt.append(t)
            self.boxes.append(box)

    def text(self, x, y, text, font, size, color=(0, 0, 0), mode=None, gt=True, opacity=1.0):
        """draw text with baseline at y (pt), left at x (pt). returns width in pt."""
        if not text.strip():
            return 0.0
        self.fonts.add(fam_name(font))
        s = self.s
        px = size * s
        if mode in (None, 'dotmatrix'):
            f = ft(font)
            buf, (w, h) = f.render_raw(text, size=px)
            r = f.get_rect(text, size=px)
            a = np.frombuffer(buf, np.uint8).reshape(h, w).astype(np.float32) / 255.0
            if mode == 'dotmatrix':
                a = dotify(a, max(2, int(round(px / 11.0))))
            self.blit(a, x * s + r.x, y * s - r.y, color, opacity)
            width = (r.x + r.width) / s
        else:
            width = self._glyph_text(x, y, text, font, px, color, mode, opacity)
        if gt:
            self.add_gt(text, (x, y - size, width, size * 1.25))
        return width

    def _glyph_text(self, x, y, text, font, px, color, mode, opacity):
        rng = R(self.doc.id, self.idx, 'glyphs', text, x, y)
        s = self.s
        pen = x * s
        base = y * s
        drift = rng.uniform(-0.4, 0.4)
        for i, ch in enumerate(text):
            if mode == 'hand':
                vpx = round(px * rng.choice((0.94, 1.0, 1.06)))
                a, rx, ry, adv = glyph(font, ch, vpx)
                dy = math.sin(i * 0.35 + drift * 7) * px * 0.05 + rng.uniform(-0.04, 0.04) * px + drift * i * 0.08
                dx = rng.uniform(-0.03, 0.03) * px
                op = opacity * rng.uniform(0.8, 1.0)
            else:  # typewriter
                vpx = round(px)
                a, rx, ry, adv = glyph(font, ch, vpx)
                dy = rng.uniform(-0.045, 0.045) * px
                dx = rng.uniform(-0.02, 0.02) * px
                op = opacity * rng.uniform(0.55, 1.0)
            if a is not None:
                if mode == 'typewriter' and rng.random() < 0.15:
                    a = a * np.clip(1.0 - 0.8 * (np.arange(a.shape[0])[:, None] / max(1, a.shape[0]) > rng.uniform(0.4, 0.9)), 0.2, 1)
                self.blit(a, pen + rx + dx, base - ry + dy, color, op)
            pen += adv * (1.0 if mode != 'hand' else rng.uniform(0.97, 1.05))
        return (pen / s) - x

    # ---- matplotlib Agg layer (tables, forms)
    def mpl(self):
        if self.fig is None:
            fig = Figure(figsize=(self.W / self.dpi, self.H / self.dpi), dpi=self.dpi)
            fig.patch.set_alpha(0.0)
            FigureCanvasAgg(fig)
            ax = fig.add_axes([0, 0, 1, 1])
            ax.set_xlim(0, self.Wpt)
            ax.set_ylim(self.Hpt, 0)
            ax.axis('off')
            ax.patch.set_alpha(0.0)
            self.fig, self.ax = fig, ax
        return self.ax

    def flush_mpl(self):
        if self.fig is None:
            return
        self.fig.canvas.draw()
        buf = np.asarray(self.fig.canvas.buffer_rgba())
        h, w = min(buf.shape[0], self.H), min(buf.shape[1], self.W)
        a = buf[:h, :w, 3].astype(np.float32) / 255.0
        rgb = buf[:h, :w, :3].astype(np.float32) / 255.0
        if self.C == 1:
            rgb = (0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2])[..., None]
        self.img[:h, :w] *= 1.0 - a[..., None] * (1.0 - rgb)
        self.fig = None
        self.ax = None

    def mtext(self, x, y, text, font, size, color=(0, 0, 0), gt=True, ha='left'):
        """matplotlib fig text, baseline y"""
        ax = self.mpl()
        self.fonts.add(fam_name(font))
        ax.text(x, y, text, fontproperties=FontProperties(fname=FONTS[font], size=size), color=color,
                va='baseline', ha=ha)
        w = text_w(text, font, size)
        if gt:
            self.add_gt(text, (x - (w if ha == 'right' else 0), y - size, w, size * 1.25))
        return w

    def mtable(self, x, y, colw, rows, font, size, bold=None, rowh=None, edges='closed', header_fill=None,
               lw=0.6, color=(0, 0, 0), gt=True):
        """ax.table of rows (list of lists of str) at (x, y top) in pt; returns bottom y"""
        ax = self.mpl()
        rowh = rowh or size * 1.9
        W = sum(colw)
        H = rowh * len(rows)
        bbox = [x / self.Wpt, 1 - (y + H) / self.Hpt, W / self.Wpt, H / self.Hpt]
        tb = ax.table(cellText=[[c for c in r] for r in rows], colWidths=[c / W for c in colw], cellLoc='left',
                      bbox=bbox, edges=edges, transform=ax.transAxes)
        tb.auto_set_font_size(False)
        tb.set_fontsize(size)
        fp = FontProperties(fname=FONTS[font], size=size)
        fpb = FontProperties(fname=FONTS[bold or font], size=size)
        self.fonts.add(fam_name(font))
        if bold:
            self.fonts.add(fam_name(bold))
        for (ri, ci), cell in tb.get_celld().items():
            cell.set_linewidth(lw)
            cell.set_edgecolor(color)
            cell.PAD = 0.04
            cell.get_text().set_fontproperties(fpb if (header_fill is not None and ri == 0) else fp)
            cell.get_text().set_color(color)
            if header_fill is not None and ri == 0:
                cell.set_facecolor(header_fill)
            else:
                cell.set_facecolor('none')
        if gt:
            for i, r in enumerate(rows):
                self.add_gt(' '.join(c for c in r if c.strip()), (x, y + i * rowh, W, rowh))
        return y + H

# ----------------------------------------------------------------------------- text flow
class Flow:
    def __init__(self, page, x0, x1, y, font, size, lead=1.3, color=(0, 0, 0), mode=None, bottom=None):
        self.p, self.x0, self.x1, self.y = page, x0, x1, y
        self.font, self.size, self.lead, self.color, self.mode = font, size, lead, color, mode
        self.bottom = bottom if bottom is not None else page.Hpt - 40
        self.first = True

    def _adv(self, size):
        if self.first:
            self.y += size
            self.first = False
        else:
            self.y += size * self.lead

    def line(self, text, font=None, size=None, x=None, align='left', color=None, mode='inherit'):
        font = font or self.font
        size = size or self.size
        mode = self.mode if mode == 'inherit' else mode
        self._adv(size)
        if self.y > self.bottom:
            return self.y
        w = text_w(text, font, size)
        if align == 'right':
            xx = self.x1 - w
        elif align == 'center':
            xx = (self.x0 + self.x1 - w) / 2
        else:
            xx = self.x0 if x is None else x
        self.p.text(xx, self.y, text, font, size, color or self.color, mode)
        return self.y

    def row(self, runs, size=None, mode='inherit'):
        """runs: list of (x, text, font) on one baseline; GT is the runs joined by a space"""
        size = size or self.size
        mode = self.mode if mode == 'inherit' else mode
        self._adv(size)
        if self.y > self.bottom:
            return self.y
        parts = []
        for (x, t, f) in sorted(runs, key=lambda r: r[0]):
            if x < 0:
                x = self.x1 - text_w(t, f or self.font, size)
            self.p.text(x, self.y, t, f or self.font, size, self.color, mode, gt=False)
            parts.append(t)
        self.p.add_gt(' '.join(parts), (self.x0, self.y - size, self.x1 - self.x0, size * 1.25))
        return self.y

    def para(self, text, font=None, size=None, indent=0, width=None, gap=0.5):
        font = font or self.font
        size = size or self.size
        maxw = (width or (self.x1 - self.x0)) - indent
        words = text.split()
        cur = ''
        lines = []
        for wd in words:
            cand = (cur + ' ' + wd).strip()
            if cur and text_w(cand, font, size) > maxw:
                lines.append(cur)
                cur = wd
            else:
                cur = cand
        if cur:
            lines.append(cur)
        for ln in lines:
            self.line(ln, font, size, x=self.x0 + indent)
        self.gap(size * gap)

    def gap(self, pt):
        self.y += pt

def dotify(a, pitch):
    """turn an antialiased glyph mask into dot-matrix dots on a pitch grid"""
    h, w = a.shape
    H2, W2 = (h + pitch - 1) // pitch, (w + pitch - 1) // pitch
    pad = np.zeros((H2 * pitch, W2 * pitch), np.float32)
    pad[:h, :w] = a
    cells = pad.reshape(H2, pitch, W2, pitch).mean(axis=(1, 3)) > 0.3
    yy, xx = np.mgrid[0:pitch, 0:pitch]
    c = (pitch - 1) / 2.0
    dot = (((yy - c) ** 2 + (xx - c) ** 2) <= (pitch * 0.47) ** 2).astype(np.float32)
    out = np.kron(cells.astype(np.float32), dot)
    return out[:h, :w]

# ----------------------------------------------------------------------------- fictional content
FIRST_F = ['Margaret', 'Doreen', 'Priya', 'Siobhan', 'Eileen', 'Aisha', 'Bernadette', 'Hazel', 'Nkechi', 'Rhiannon',
           'Florence', 'Agnieszka', 'Joan', 'Mavis', 'Fiona', 'Isla', 'Gwendolyn', 'Yasmin', 'Philippa', 'Maureen',
           'Olwen', 'Beatrice', 'Shirley', 'Niamh', 'Lorna']
FIRST_M = ['Arthur', 'Kenneth', 'Mohammed', 'Gareth', 'Stanley', 'Tomasz', 'Winston', 'Graham', 'Leonard', 'Declan',
           'Harold', 'Yusuf', 'Colin', 'Derek', 'Rajesh', 'Clifford', 'Alistair', 'Desmond', 'Trevor', 'Emeka',
           'Bernard', 'Cyril', 'Hamish', 'Ruben', 'Idris']
SURNAMES = ['Thistlewood', 'Pemberton', 'Okonkwo', 'Hargreaves', 'Fairbrother', 'Quigley', 'Ashworth', 'Nwosu',
            'Kowalczyk', 'Llewellyn', 'Brackenbury', 'Sutcliffe', 'Haddow', 'Mistry', 'Featherstone', 'Oyelaran',
            'Gallagher', 'Whitlock', 'Dunmore', 'Penhaligon', 'Ravensworth', 'Tillotson', 'Abernethy', 'Marchbank',
            'Greenhalgh', 'Coulthard', 'Bhattacharya', 'Pickering', 'Lonsdale', 'Varley', 'Ogundipe', 'Treharne',
            'Castellano', 'Winterbottom', 'MacAskill', 'Dobrowolski', 'Entwistle', 'Hussain', 'Blenkinsop', 'Aldous']
TOWNS = ['Ashby Marsh', 'Kingsbridge Vale', 'Northwold', 'Fenton Abbey', 'Little Harrowden', 'Oakhurst', 'Westmere',
         'Calderbrook', 'St Elwyn', 'Brampton Cross', 'Lower Thornby', 'Hollinsend', 'Quarry Bank', 'Saltmarsh End']
STREETS = ['Acacia Avenue', 'Mill Road', 'Foundry Way', 'Bishopsgate Close', 'Orchard Rise', 'Victoria Terrace',
           'Lavender Walk', 'Peel Street', 'Chapel Lane', 'Kestrel Drive', 'Tannery Row', 'Beacon Hill Road',
           'Wellfield Crescent', 'Sycamore Grove', 'Canal Side', 'Old Vicarage Gardens', 'Hawthorn Court',
           'Station Approach', 'Ropewalk', 'Moorland View']
PRACTICES = ['Riverside Medical Practice', 'The Old Forge Surgery', 'Millbrook Health Centre', 'Castle Street Surgery',
             'Westmere Family Practice', 'Harrowden Road Medical Centre', 'St Elwyn Group Practice',
             'Kingsbridge Vale Surgery', 'Thornby Lane Health Centre', 'Calder Valley Medical Group',
             'Beacon Hill Surgery', 'Quarry Bank Partnership']
TRUSTS = [('Northwold and Fenton NHS Foundation Trust', 'Northwold General Hospital'),
          ('Calderbrook University Hospitals NHS Trust', 'Calderbrook Royal Infirmary'),
          ('St Elwyn and District Hospitals NHS Trust', "St Elwyn's Hospital"),
          ('Westmere Healthcare NHS Trust', 'Westmere District General Hospital'),
          ('Kingsbridge Vale NHS Foundation Trust', 'Kingsbridge Memorial Hospital')]
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
          'November', 'December']

def nhs_number(rng):
    while True:
        d = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        s = sum(d[i] * (10 - i) for i in range(9))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return ''.join(map(str, d + [c]))

def bad_ten_digit(rng):
    """a 10-digit hospital number that is NOT a valid NHS number"""
    while True:
        d = [rng.randrange(1, 10)] + [rng.randrange(10) for _ in range(9)]
        s = sum(d[i] * (10 - i) for i in range(9))
        c = (11 - s % 11) % 11
        if c != d[9]:
            return ''.join(map(str, d))

def fmt_nhs(n, style):
    if style == 'spaced':
        return n[:3] + ' ' + n[3:6] + ' ' + n[6:]
    if style == 'dashed':
        return n[:3] + '-' + n[3:6] + '-' + n[6:]
    return n

def fmt_date(d, style):
    m3 = MONTHS[d.month - 1][:3]
    return {
        'slash': '%02d/%02d/%04d' % (d.day, d.month, d.year),
        'dot2': '%02d.%02d.%02d' % (d.day, d.month, d.year % 100),
        'long': '%d %s %d' % (d.day, MONTHS[d.month - 1], d.year),
        'dmy3': '%02d-%s-%04d' % (d.day, m3, d.year),
        'dmy3s': '%02d %s %04d' % (d.day, m3, d.year),
        'dot4': '%d.%d.%04d' % (d.day, d.month, d.year),
        'slash2': '%02d/%02d/%02d' % (d.day, d.month, d.year % 100),
        'longth': '%d%s %s %d' % (d.day, 'th' if 10 <= d.day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d.day % 10, 'th'),
                                  MONTHS[d.month - 1], d.year),
        'upper3': '%02d-%s-%04d' % (d.day, m3.upper(), d.year),
        'iso': d.isoformat(),
    }[style]

def rdate(rng, y0, y1):
    a = datetime.date(y0, 1, 1).toordinal()
    b = datetime.date(y1, 12, 28).toordinal()
    return datetime.date.fromordinal(rng.randint(a, b))

def phone(rng):
    return '01632 960%03d' % rng.randrange(1000)

def postcode(rng):
    L = 'ABDEFGHJLNPQRSTUWXYZ'
    return 'ZX%d %d%s%s' % (rng.randint(1, 19), rng.randint(1, 9), rng.choice(L), rng.choice(L))

SCEN = [
    dict(spec='Gastroenterology', title='Altered bowel habit and iron deficiency anaemia',
         hpi=['I would be grateful if you could see this {age} year old {man} who presents with a four month history of looser stools, up to four times a day, with occasional dark blood mixed in.',
              '{He} has lost about 5 kg in weight over the same period without trying. There is no family history of bowel cancer. Recent bloods show a haemoglobin of 98 g/L with a ferritin of 9 ug/L.'],
         exam='Abdomen soft, mild left iliac fossa tenderness, no masses. PR: no palpable mass, brown stool on glove.',
         pmh=['Type 2 diabetes (diet controlled)', 'Hypertension', 'Cholecystectomy 1998'],
         meds=['Amlodipine 5mg once daily', 'Atorvastatin 20mg at night', 'Ferrous fumarate 210mg twice daily'],
         allergy='Penicillin - rash', req='I would appreciate your assessment and consideration of colonoscopy.',
         dx='Iron deficiency anaemia with change in bowel habit', plan='Colonoscopy and OGD booked. Repeat FBC in 6 weeks.'),
    dict(spec='Cardiology', title='Exertional chest tightness',
         hpi=['Thank you for seeing this {age} year old {man} with a six week history of central chest tightness on walking uphill, relieved by rest within a few minutes.',
              '{He} is an ex-smoker of 30 pack years. ECG in surgery showed sinus rhythm with no acute changes. Lipids: total cholesterol 6.8 mmol/L.'],
         exam='BP 152/88, pulse 78 regular, heart sounds normal, chest clear, no peripheral oedema.',
         pmh=['Hypercholesterolaemia', 'COPD (mild)', 'Gout'],
         meds=['Ramipril 5mg once daily', 'GTN spray 400 micrograms PRN', 'Aspirin 75mg once daily', 'Allopurinol 100mg daily'],
         allergy='No known drug allergies', req='Please could {he} be seen in the rapid access chest pain clinic.',
         dx='Stable angina', plan='CT coronary angiogram requested. Started bisoprolol 2.5mg daily.'),
    dict(spec='Dermatology', title='Changing pigmented lesion left calf',
         hpi=['{Title} {Last} noticed that a mole on {his} left calf has grown and darkened over the last three months. It occasionally itches and bled once after shaving.',
              'On dermoscopy the lesion measures 9 x 7 mm with irregular border and two colours.'],
         exam='9 x 7 mm asymmetric pigmented macule left calf, irregular border, no palpable nodes.',
         pmh=['Basal cell carcinoma excised 2009', 'Hypothyroidism'],
         meds=['Levothyroxine 100 micrograms once daily'], allergy='Elastoplast',
         req='I am concerned this may be a melanoma and would be grateful for urgent review.',
         dx='Lentigo maligna melanoma in situ (excised)', plan='Wide local excision under local anaesthetic. Review in 3 months.'),
    dict(spec='Orthopaedics', title='Right knee pain and locking',
         hpi=['This {age} year old {man} twisted {his} right knee playing five-a-side football eight weeks ago. Since then {he} has had medial joint line pain and the knee locks intermittently.',
              '{He} has tried physiotherapy and regular analgesia without improvement and is unable to work as a postman.'],
         exam='Small effusion, medial joint line tenderness, positive McMurray test, ligaments stable.',
         pmh=['Asthma'], meds=['Salbutamol inhaler 100 micrograms PRN', 'Naproxen 500mg twice daily', 'Omeprazole 20mg daily'],
         allergy='No known drug allergies', req='I would be grateful for your opinion regarding MRI and possible arthroscopy.',
         dx='Medial meniscal tear right knee', plan='MRI right knee. Listed for arthroscopy.'),
    dict(spec='ENT', title='Unilateral hearing loss and tinnitus',
         hpi=['{Title} {Last} reports gradual loss of hearing in the left ear over a year with constant high pitched tinnitus on that side.',
              'There is no vertigo, otalgia or discharge. Weber lateralises to the right.'],
         exam='Both tympanic membranes intact and normal. Cranial nerves otherwise intact.',
         pmh=['Depression', 'Migraine'], meds=['Sertraline 50mg once daily', 'Sumatriptan 50mg PRN'],
         allergy='Codeine - vomiting', req='Please assess with a view to audiometry and MRI of the internal auditory meatus.',
         dx='Asymmetric sensorineural hearing loss', plan='MRI IAM requested. Hearing aid referral.'),
    dict(spec='Rheumatology', title='Inflammatory polyarthritis',
         hpi=['This {age} year old {man} has a three month history of painful swollen small joints of both hands with early morning stiffness lasting two hours.',
              'CRP 34 mg/L, ESR 41 mm/hr, rheumatoid factor positive. Anti-CCP is awaited.'],
         exam='Synovitis of MCP joints 2 and 3 bilaterally and left wrist. Squeeze test positive.',
         pmh=['Osteoarthritis of hips', 'Anxiety'], meds=['Co-codamol 30/500 two tablets four times daily PRN', 'Prednisolone 5mg daily (started last week)'],
         allergy='No known drug allergies', req='I would be grateful for early assessment in your inflammatory arthritis clinic.',
         dx='Seropositive rheumatoid arthritis', plan='Start methotrexate 10mg weekly with folic acid. Bloods every 2 weeks.'),
    dict(spec='Urology', title='Raised PSA',
         hpi=['{Title} {Last} is a {age} year old {man} with lower urinary tract symptoms of frequency and nocturia three times a night.',
              'PSA was 7.9 ng/mL, repeated at 8.3 ng/mL four weeks later. No haematuria. Urine dip negative.'],
         exam='DRE: moderately enlarged smooth prostate, no discrete nodule.',
         pmh=['Atrial fibrillation', 'Hypertension'], meds=['Apixaban 5mg twice daily', 'Bisoprolol 2.5mg daily', 'Tamsulosin 400 micrograms daily'],
         allergy='Trimethoprim', req='Please see under the two week wait pathway.',
         dx='Raised PSA, benign feeling prostate', plan='Multiparametric MRI prostate then review.'),
    dict(spec='Neurology', title='Episodes of transient loss of consciousness',
         hpi=['This {age} year old {man} has had three episodes of sudden collapse in the last two months. A witness described stiffening and jerking for about a minute followed by confusion.',
              '{He} bit {his} tongue during the last episode. {He} has been advised not to drive.'],
         exam='Neurological examination normal. Lying and standing BP 128/80 and 124/78.',
         pmh=['Head injury aged 19', 'Alcohol excess (now abstinent)'], meds=['Thiamine 100mg three times daily'],
         allergy='No known drug allergies', req='I would be grateful for your assessment in the first fit clinic.',
         dx='Probable focal onset epilepsy', plan='MRI brain and EEG. Started levetiracetam 250mg twice daily.'),
    dict(spec='Respiratory', title='Persistent cough and haemoptysis',
         hpi=['{Title} {Last} has had a cough for ten weeks with two episodes of blood streaked sputum. {He} is a current smoker of 20 cigarettes a day.',
              'Chest X-ray on 14th of last month reported a 2 cm opacity in the right upper zone.'],
         exam='Sats 95% on air, clubbing present, chest clear.',
         pmh=['COPD', 'Peripheral vascular disease'], meds=['Tiotropium 18 micrograms inhaled daily', 'Clopidogrel 75mg daily'],
         allergy='No known drug allergies', req='Please see urgently under the suspected lung cancer pathway.',
         dx='Right upper lobe mass', plan='CT chest and staging PET booked. MDT discussion.'),
    dict(spec='Gynaecology', title='Postmenopausal bleeding',
         hpi=['This {age} year old lady has had two episodes of vaginal bleeding, eleven years after her menopause.',
              'She is not on HRT. BMI is 36. Speculum examination showed a healthy looking cervix.'],
         exam='Abdomen soft and non tender. Cervix normal on speculum.',
         pmh=['Type 2 diabetes', 'Obesity', 'Sleep apnoea'], meds=['Metformin 1g twice daily', 'Gliclazide 80mg twice daily'],
         allergy='Latex', req='I would be grateful for assessment under the two week wait pathway.',
         dx='Postmenopausal bleeding - endometrium 3 mm', plan='No further action. Discharged to GP.'),
    dict(spec='Endocrinology', title='Hypercalcaemia',
         hpi=['Routine bloods for this {age} year old {man} showed an adjusted calcium of 2.86 mmol/L with a PTH of 9.4 pmol/L.',
              '{He} complains of tiredness and thirst. There is a history of renal colic in 2014.'],
         exam='No abnormality found.', pmh=['Renal calculi', 'Osteopenia'], meds=['Omeprazole 20mg daily'],
         allergy='No known drug allergies', req='Please advise on further management of likely primary hyperparathyroidism.',
         dx='Primary hyperparathyroidism', plan='Sestamibi scan and DEXA. Refer to endocrine surgeons.'),
    dict(spec='Ophthalmology', title='Gradual visual decline both eyes',
         hpi=['{Title} {Last} has noticed worsening glare when driving at night and difficulty reading over eighteen months.',
              'Optometrist reports bilateral cataracts, visual acuity 6/18 right and 6/24 left.'],
         exam='Reduced red reflex both eyes.', pmh=['Glaucoma suspect', 'Hypertension'],
         meds=['Indapamide 2.5mg daily', 'Latanoprost eye drops at night'], allergy='No known drug allergies',
         req='I would be grateful if {he} could be assessed for cataract surgery.',
         dx='Bilateral age related cataract', plan='Listed for right phacoemulsification.'),
]

def fill(t, P):
    m = P['sex'] == 'M'
    return t.format(age=P['age'], man='man' if m else 'woman', He='He' if m else 'She', he='he' if m else 'she',
                    his='his' if m else 'her', His='His' if m else 'Her', him='him' if m else 'her',
                    Title=P['title'], Last=P['last'], first=P['first'])

def make_people(doc):
    rng = R(doc.id, 'people')
    sex = rng.choice('MF')
    if doc.spec_force_sex:
        sex = doc.spec_force_sex
    first = rng.choice(FIRST_M if sex == 'M' else FIRST_F)
    last = rng.choice(SURNAMES)
    title = 'Mr' if sex == 'M' else rng.choice(['Mrs', 'Miss', 'Ms'])
    letter_date = rdate(rng, 2004, 2021)
    dob = rdate(rng, 1928, 1999)
    age = letter_date.year - dob.year - ((letter_date.month, letter_date.day) < (dob.month, dob.day))
    town = rng.choice(TOWNS)
    P = dict(sex=sex, first=first, last=last, title=title, dob=dob, age=age, nhs=nhs_number(rng),
             addr=['%d %s' % (rng.randint(1, 180), rng.choice(STREETS)), town], pc=postcode(rng), tel=phone(rng),
             hosp='%s%06d' % (rng.choice(['K', 'RX', 'M', 'H', 'NW']), rng.randrange(10 ** 6)),
             mrn10=bad_ten_digit(rng))
    if rng.random() < 0.4:
        P['addr'].insert(1, rng.choice(['Upper Flat', 'Flat 3', 'Rose Cottage', 'The Bungalow', 'Ivy House']))
        P['addr'][0], P['addr'][1] = P['addr'][1], P['addr'][0]
    pr_name = rng.choice(PRACTICES)
    gps = ['Dr %s %s' % (rng.choice('ABCDEFGHJKLMNPRSTW'), rng.choice(SURNAMES)) for _ in range(4)]
    pt = rng.choice(TOWNS)
    practice = dict(name=pr_name, addr=['%d %s' % (rng.randint(1, 90), rng.choice(STREETS)), pt], pc=postcode(rng),
                    tel=phone(rng), fax=phone(rng), ods='%s%05d' % (rng.choice('BCDFJKLMNPY'), rng.randrange(10 ** 5)),
                    gps=gps, email='%s.practice@nhs.example' % pr_name.split()[0].lower())
    trust, hospital = rng.choice(TRUSTS)
    scen = SCEN[doc.scen if doc.scen is not None else rng.randrange(len(SCEN))]
    if scen['spec'] == 'Gynaecology':
        P.update(sex='F', title=rng.choice(['Mrs', 'Ms']), first=rng.choice(FIRST_F))
    cons = 'Dr %s %s' % (rng.choice('ABCDEFGHJKLMNPRSTW'), rng.choice(SURNAMES))
    if scen['spec'] in ('Orthopaedics', 'Urology', 'ENT', 'Gynaecology', 'Ophthalmology'):
        cons = cons.replace('Dr ', rng.choice(['Mr ', 'Miss ', 'Ms ']))
    H = dict(trust=trust, name=hospital, addr=['%s Road' % rng.choice(['Infirmary', 'Hospital', 'Abbey', 'Park']), hospital.split()[0] if hospital.split()[0] in TOWNS else rng.choice(TOWNS)],
             pc=postcode(rng), tel=phone(rng), cons=cons, spec=scen['spec'],
             dept='Department of %s' % scen['spec'])
    ubrn = '%04d %04d %04d' % (rng.randrange(10 ** 4), rng.randrange(10 ** 4), rng.randrange(10 ** 4))
    return P, practice, H, scen, letter_date, ubrn, rng

# ----------------------------------------------------------------------------- overlays (NOT ground truth)
def text_mask(font, px, text, mode=None, rng=None):
    f = ft(font)
    if mode == 'hand':
        rng = rng or random.Random(text)
        parts = []
        x = 0.0
        asc = int(px * 1.3)
        H = int(px * 1.9)
        glyphs = []
        for i, ch in enumerate(text):
            a, rx, ry, adv = glyph(font, ch, int(round(px * rng.choice((0.94, 1.0, 1.07)))))
            dy = math.sin(i * 0.5) * px * 0.06 + rng.uniform(-0.05, 0.05) * px
            glyphs.append((a, x + rx, asc - ry + dy))
            x += adv * rng.uniform(0.96, 1.06)
        W = int(x + px)
        m = np.zeros((H, W), np.float32)
        for a, gx, gy in glyphs:
            if a is None:
                continue
            gx, gy = int(round(gx)), int(round(gy))
            h, w = a.shape
            y0, x0 = max(gy, 0), max(gx, 0)
            y1, x1 = min(gy + h, H), min(gx + w, W)
            if y1 > y0 and x1 > x0:
                m[y0:y1, x0:x1] = np.maximum(m[y0:y1, x0:x1], a[y0 - gy:y1 - gy, x0 - gx:x1 - gx])
        return m
    buf, (w, h) = f.render_raw(text, size=px)
    return np.frombuffer(buf, np.uint8).reshape(h, w).astype(np.float32) / 255.0

def rotate_mask(m, deg):
    if abs(deg) < 0.01:
        return m
    return np.clip(ndi.rotate(m, deg, reshape=True, order=1, mode='constant', cval=0.0), 0, 1)

def ov_annotation(page, x, y, text, color=(0.1, 0.15, 0.6), deg=None, size=None, font=None):
    rng = R(page.doc.id, page.idx, 'annot', text)
    font = font or rng.choice(['hand-dkg', 'hand-breip', 'hand-femke', 'hand-dkgi'])
    size = size or rng.uniform(14, 20)
    m = text_mask(font, size * page.s, text, 'hand', rng)
    m = ndi.grey_dilation(m, size=(2, 2)) if rng.random() < 0.5 else m
    m = rotate_mask(m, deg if deg is not None else rng.uniform(-12, 8))
    page.blit(m, x * page.s, y * page.s, color, rng.uniform(0.75, 0.95))
    page.overlays.append(text)
    page.fonts.add(fam_name(font))

def ov_stamp(page, x, y, lines, color=(0.75, 0.1, 0.15), deg=None):
    rng = R(page.doc.id, page.idx, 'stamp', '|'.join(lines))
    s = page.s
    sizes = [9, 13, 8][:len(lines)] + [8] * max(0, len(lines) - 3)
    masks = [text_mask('heros-b', sz * s, t) for sz, t in zip(sizes, lines)]
    W = int(max(m.shape[1] for m in masks) + 16 * s)
    H = int(sum(m.shape[0] for m in masks) + (6 * len(masks) + 10) * s)
    box = np.zeros((H, W), np.float32)
    t = max(2, int(1.6 * s))
    box[:t] = box[-t:] = 1
    box[:, :t] = box[:, -t:] = 1
    yy = int(7 * s)
    for m in masks:
        xx = (W - m.shape[1]) // 2
        box[yy:yy + m.shape[0], xx:xx + m.shape[1]] = np.maximum(box[yy:yy + m.shape[0], xx:xx + m.shape[1]], m)
        yy += m.shape[0] + int(6 * s)
    nr = NR(page.doc.id, page.idx, 'stampink')
    ink = ndi.gaussian_filter(nr.random((H, W)).astype(np.float32), 1.5 * s / 4)
    ink = np.clip((ink - ink.mean()) * 6 + 0.8, 0.15, 1.0)
    box = rotate_mask(box * ink, deg if deg is not None else rng.uniform(-9, 9))
    page.blit(box, x * s, y * s, color, rng.uniform(0.6, 0.85))
    page.overlays.extend(lines)
    page.fonts.add(fam_name('heros-b'))

def ov_signature(page, x, y, w, h, color=(0.05, 0.05, 0.3)):
    rng = R(page.doc.id, page.idx, 'sig', x, y)
    s = page.s
    W, H = int(w * s), int(h * s)
    m = np.zeros((H, W), np.float32)
    t = np.linspace(0, 1, 4000)
    k = rng.randint(3, 6)
    xs = t * (W * 0.9) + W * 0.05 + sum(rng.uniform(5, 20) * s / 4 * np.sin(2 * np.pi * (j + 1) * t * rng.uniform(2, 5) + rng.uniform(0, 6)) for j in range(k))
    ys = H / 2 + sum(rng.uniform(0.1, 0.3) * H * np.sin(2 * np.pi * t * rng.uniform(3, 9) + rng.uniform(0, 6)) for _ in range(2))
    xi = np.clip(xs.astype(int), 0, W - 1)
    yi = np.clip(ys.astype(int), 0, H - 1)
    m[yi, xi] = 1
    m = ndi.grey_dilation(m, size=(max(2, int(s * 0.7)),) * 2)
    m = np.clip(ndi.gaussian_filter(m, 0.5), 0, 1)
    page.blit(m, x * s, y * s, color, 0.9)

def ov_highlight(page, box, color=(1.0, 0.95, 0.25)):
    if box is None:
        return
    x, y, w, h = box
    s = page.s
    rng = R(page.doc.id, page.idx, 'hl', x, y)
    W, H = int((w + 6) * s), int(h * 0.95 * s)
    a = np.ones((H, W), np.float32) * 0.85
    a[:, :int(3 * s)] *= np.linspace(0.2, 1, int(3 * s))[None, :]
    a *= 1 - 0.25 * NR(page.doc.id, page.idx, 'hlt', x).random((H, 1)).astype(np.float32)
    page.blit(a, (x - 3) * s, (y + h * 0.05) * s, color, 1.0)

# ----------------------------------------------------------------------------- graphics: logos / halftone
def logo_nhs(page, x, y, h, color=(0.0, 0.37, 0.72)):
    """NHS-style lozenge: a slanted box with white letters (logo: not ground truth)"""
    s = page.s
    H = int(h * s)
    W = int(h * 2.45 * s)
    yy, xx = np.mgrid[0:H, 0:W]
    sl = 0.18 * H
    inside = (xx > sl * (1 - yy / H)) & (xx < W - sl * (yy / H))
    m = inside.astype(np.float32)
    lt = text_mask('heros-b', h * 0.78 * s, 'NHS')
    lt = ndi.affine_transform(lt, [[1, 0], [0.2, 1]], offset=[0, -lt.shape[0] * 0.2 * 0.5], order=1, output_shape=(lt.shape[0], int(lt.shape[1] * 1.1)))
    oy = (H - lt.shape[0]) // 2
    ox = (W - lt.shape[1]) // 2
    m[oy:oy + lt.shape[0], ox:ox + lt.shape[1]] *= 1 - np.clip(lt, 0, 1)[:H - oy, :W - ox]
    page.blit(m, x * s, y * s, color)
    page.logo_text = getattr(page, 'logo_text', []) + ['NHS']
    return h * 2.45

def logo_crest(page, x, y, d, color=(0.15, 0.35, 0.2)):
    s = page.s
    D = int(d * s)
    yy, xx = np.mgrid[0:D, 0:D] - D / 2.0
    r = np.hypot(xx, yy)
    m = ((r < D * 0.48) & (r > D * 0.40)).astype(np.float32)
    m += ((np.abs(xx) < D * 0.06) | (np.abs(yy + D * 0.05) < D * 0.06)) & (r < D * 0.34)
    m += (np.abs(r - D * 0.2) < D * 0.025)
    page.blit(np.clip(m, 0, 1), x * s, y * s, color)
    return d

def halftone_region(page, x, y, w, h, lpi=None, angle=None):
    """re-screen a region with an own dot screen (as an offset-printed letterhead)"""
    rng = page.rng
    s = page.s
    x0, y0 = max(0, int(x * s)), max(0, int(y * s))
    x1, y1 = min(page.W, int((x + w) * s)), min(page.H, int((y + h) * s))
    reg = page.img[y0:y1, x0:x1]
    lpi = lpi or rng.choice([65, 85, 100, 120])
    ang = math.radians(angle if angle is not None else rng.choice([15, 45, 75]))
    per = page.dpi / lpi
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    u = (xx * math.cos(ang) + yy * math.sin(ang)) * 2 * math.pi / per
    v = (-xx * math.sin(ang) + yy * math.cos(ang)) * 2 * math.pi / per
    screen = (0.5 + 0.25 * (np.cos(u) + np.cos(v)))[..., None]
    dark = 1.0 - reg
    on = dark > screen * 0.98
    solid = dark > 0.97
    ink = np.where(on | solid, 1.0, 0.0).astype(np.float32)
    paper = np.ones_like(reg)
    base = np.clip(reg.min(axis=(0, 1), keepdims=True), 0, 1)
    page.img[y0:y1, x0:x1] = paper * (1 - ink) + ink * base
    page.degr.append('halftone_letterhead_%dlpi' % lpi)

# ----------------------------------------------------------------------------- paper life and scanner (numpy + scipy)
def lowfreq(nr, H, W, cell=300, lo=0.0, hi=1.0):
    h, w = max(2, H // cell + 2), max(2, W // cell + 2)
    small = nr.random((h, w)).astype(np.float32)
    z = ndi.zoom(small, (H / (h - 1) + 0.01, W / (w - 1) + 0.01), order=1)[:H, :W]
    z = ndi.gaussian_filter(z, cell / 6.0) if cell <= 120 else z
    return lo + (hi - lo) * z

def up(a, H, W):
    """nearest-ish upscale of a coarse field to H x W"""
    z = ndi.zoom(a, (H / a.shape[0] + 1e-3, W / a.shape[1] + 1e-3), order=1)
    out = np.ones((H, W), np.float32)
    out[:min(H, z.shape[0]), :min(W, z.shape[1])] = z[:H, :W]
    return out

def d_paper(page, color, name):
    page.img *= page.col(color)
    page.degr.append('coloured_paper_' + name)

def d_texture(page, amt):
    nr = page.nrng
    H, W = page.H, page.W
    fib = nr.standard_normal((H // 2 + 1, W // 2 + 1)).astype(np.float32)
    fib = ndi.gaussian_filter(fib, (0.6, 2.0))
    f = np.kron(fib, np.ones((2, 2), np.float32))[:H, :W]
    light = lowfreq(nr, H, W, cell=max(200, H // 5), lo=1 - amt * 3, hi=1.0)
    page.img *= np.clip(light * (1 - amt * 0.5 * f), 0, 1.2)[..., None]

def d_bleed(page, other, strength):
    """bleed-through of the reverse side: mirrored ink of another page"""
    H, W = page.H, page.W
    ink = 1.0 - other.mean(axis=2)
    ink = ink[:, ::-1]
    ink = ndi.zoom(ink, (H / ink.shape[0], W / ink.shape[1]), order=1) if ink.shape != (H, W) else ink
    out = np.zeros((H, W), np.float32)
    out[:min(H, ink.shape[0]), :min(W, ink.shape[1])] = ink[:H, :W]
    out = ndi.gaussian_filter(out, 1.2 * page.dpi / 150)
    page.img *= (1 - strength * out)[..., None]
    page.degr.append('bleed_through')

def d_toner_spread(page, k):
    page.img = ndi.grey_erosion(page.img, size=(k, k, 1))
    page.degr.append('toner_spread')

def d_toner_loss(page, amt):
    nr = page.nrng
    H, W = page.H, page.W
    blot = lowfreq(nr, H, W, cell=max(40, page.dpi // 4))
    fine = up(nr.random((H // 3 + 1, W // 3 + 1)).astype(np.float32), H, W)
    loss = np.clip((blot * 0.7 + fine * 0.5 - (1 - amt)) * 3, 0, 1)
    ink = 1 - page.img
    page.img = 1 - ink * (1 - loss[..., None] * 0.9)
    page.degr.append('toner_loss')

def d_photocopy(page, gens):
    nr = page.nrng
    rng = page.rng
    H, W = page.H, page.W
    for g in range(gens):
        page.img = ndi.gaussian_filter(page.img, (0.5 * page.dpi / 200, 0.5 * page.dpi / 200, 0))
        lo, hi = rng.uniform(0.12, 0.25), rng.uniform(0.8, 0.92)
        page.img = np.clip((page.img - lo) / (hi - lo), 0, 1)
        page.img *= rng.uniform(0.88, 0.96)
        # streaks along the feed direction
        for _ in range(rng.randint(1, 4)):
            x = rng.randrange(W)
            wd = rng.randint(1, max(2, int(page.dpi / 100)))
            y0 = rng.randrange(H // 2)
            y1 = rng.randrange(H // 2, H)
            page.img[y0:y1, x:x + wd] *= rng.uniform(0.35, 0.8)
        # speckle
        n = int(H * W * 2e-5 * (g + 1))
        ys, xs = nr.integers(0, H, n), nr.integers(0, W, n)
        page.img[ys, xs] *= 0.2
    # dark border where the original did not cover the glass
    if rng.random() < 0.6:
        b = int(rng.uniform(0.05, 0.2) * page.dpi)
        side = rng.choice(['top', 'left', 'right', 'bottom'])
        sl = {'top': np.s_[:b], 'bottom': np.s_[-b:], 'left': np.s_[:, :b], 'right': np.s_[:, -b:]}[side]
        page.img[sl] *= 0.12
    page.degr.append('photocopy_gen%d' % gens)

def d_stain(page, x, y, r):
    """coffee ring at x, y (pt) radius r (pt)"""
    s = page.s
    nr = page.nrng
    R_ = r * s
    x0, y0 = int(x * s - R_ * 1.3), int(y * s - R_ * 1.3)
    n = int(R_ * 2.6)
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float32) - n / 2
    ang = np.arctan2(yy, xx)
    wob = 1 + 0.06 * np.sin(3 * ang + nr.random() * 6) + 0.04 * np.sin(7 * ang + nr.random() * 6)
    d = np.hypot(xx, yy) / (R_ * wob)
    w = 0.03 + 0.02 * nr.random()
    ring = np.exp(-((d - 1) / w) ** 2) * 0.55 + (d < 1) * 0.13 * (0.6 + 0.4 * np.cos(d * 5))
    ring *= 0.7 + 0.3 * ndi.gaussian_filter(nr.random((n, n)).astype(np.float32), n / 40)
    page.blit(ring.astype(np.float32), x0, y0, (0.55, 0.36, 0.18), 1.0)
    page.degr.append('coffee_stain')

def d_punch_holes(page):
    s = page.s
    d = 6.0 / 25.4 * 72
    cy = page.Hpt / 2
    for off in (-40 * 72 / 25.4, 40 * 72 / 25.4):
        D = int(d * s)
        yy, xx = np.mgrid[0:D, 0:D] - D / 2.0
        m = (np.hypot(xx, yy) < D / 2).astype(np.float32)
        m = ndi.gaussian_filter(m, 0.8)
        page.blit(m, (12 * 72 / 25.4 - d / 2) * s, (cy + off - d / 2) * s, (0.12, 0.12, 0.12))
    page.degr.append('punch_holes')

def d_staple(page):
    s = page.s
    rng = page.rng
    L = int(13 * 72 / 25.4 * s)
    t = max(2, int(0.9 * 72 / 25.4 * s))
    m = np.zeros((L + 4 * t, L + 4 * t), np.float32)
    for i in range(L):
        m[2 * t + i - t // 2:2 * t + i + t // 2 + 1, 2 * t + L - i] = 1
    m = ndi.gaussian_filter(m, 0.7)
    page.blit(m, 14 * s, 10 * s, (0.25, 0.25, 0.28))
    # shadow of the folded corner
    sh = np.clip(1 - (np.add.outer(np.arange(int(40 * s)), np.arange(int(40 * s))) / (40 * s)), 0, 1) ** 3 * 0.25
    page.blit(sh.astype(np.float32), 0, 0, (0.3, 0.3, 0.3))
    page.degr.append('staple')

def d_edge_shadow(page, sides, strength=0.45):
    H, W = page.H, page.W
    wd = page.dpi * 0.25
    f = np.ones((H, W), np.float32)
    xs = np.arange(W, dtype=np.float32)
    ys = np.arange(H, dtype=np.float32)
    for sd in sides:
        if sd == 'left':
            f *= (1 - strength * np.exp(-xs / wd))[None, :]
        if sd == 'right':
            f *= (1 - strength * np.exp(-(W - 1 - xs) / wd))[None, :]
        if sd == 'top':
            f *= (1 - strength * np.exp(-ys / wd))[:, None]
        if sd == 'bottom':
            f *= (1 - strength * np.exp(-(H - 1 - ys) / wd))[:, None]
    page.img *= f[..., None]
    page.degr.append('edge_shadow_' + '+'.join(sides))

def d_fold_shadow(page, side, strength=0.6):
    H, W = page.H, page.W
    xs = np.arange(W, dtype=np.float32)
    d = xs if side == 'left' else (W - 1 - xs)
    wd = page.dpi * 0.6
    f = 1 - strength * np.exp(-d / wd) ** 1.5
    page.img *= f[None, :, None]
    page.degr.append('book_fold_shadow_' + side)

def d_warp(page, skew_deg=0.0, persp=0.0, curl=None):
    """skew rotation, keystone perspective and page curl in one map_coordinates pass"""
    H, W = page.H, page.W
    if abs(skew_deg) < 1e-3 and not persp and not curl:
        return
    cy, cx = H / 2.0, W / 2.0
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    yy -= cy
    xx -= cx
    if persp:
        k = 1 + persp * (yy / H)
        xx = xx * k
    if curl:
        side, amp = curl
        d = (xx + cx) if side == 'left' else (W - 1 - (xx + cx))
        wd = page.dpi * 0.9
        e = np.exp(-d / wd)
        sign = 1 if side == 'left' else -1
        xx = xx - sign * amp * page.dpi * 0.25 * e
        yy = yy + amp * page.dpi * 0.12 * e * (yy / H)
    a = math.radians(skew_deg)
    ca, sa = math.cos(a), math.sin(a)
    sx = ca * xx - sa * yy + cx
    sy = sa * xx + ca * yy + cy
    out = np.empty_like(page.img)
    for c in range(page.C):
        out[..., c] = ndi.map_coordinates(page.img[..., c], [sy, sx], order=1, mode='constant', cval=page.bg[c] if hasattr(page, 'bg') else 1.0)
    page.img = out
    if abs(skew_deg) >= 1e-3:
        page.degr.append('skew_%.2fdeg' % skew_deg)
    if persp:
        page.degr.append('perspective_keystone')
    if curl:
        page.degr.append('page_curl_' + curl[0])

def d_blur(page, kind, amt):
    s = amt * page.dpi / 300
    if kind == 'gauss':
        page.img = ndi.gaussian_filter(page.img, (s, s, 0))
        page.degr.append('defocus_gauss')
    elif kind == 'disc':
        r = max(1, int(round(s * 1.6)))
        yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
        k = (xx ** 2 + yy ** 2 <= r * r + 0.5).astype(np.float32)
        k /= k.sum()
        for c in range(page.C):
            page.img[..., c] = ndi.convolve(page.img[..., c], k, mode='nearest')
        page.degr.append('defocus_disc')
    elif kind == 'motion':
        n = max(3, int(round(s * 3)))
        k = np.ones(n, np.float32) / n
        page.img = ndi.convolve1d(page.img, k, axis=0 if page.rng.random() < 0.5 else 1, mode='nearest')
        page.degr.append('motion_blur')

def d_noise(page, sigma):
    nr = page.nrng
    H, W = page.H, page.W
    n = nr.standard_normal((H, W), dtype=np.float32) * sigma
    page.img += n[..., None]
    page.degr.append('sensor_noise')

def d_contrast(page, lo, hi, name):
    page.img = lo + (hi - lo) * page.img
    page.degr.append(name)

def d_mtf(page):
    s = 0.45 * page.dpi / 300
    page.img = ndi.gaussian_filter(page.img, (s, s, 0))

def d_fax(page, rng, nr):
    """binarise, 200x100 fine/normal mode, banding and dropped lines (returns bool array)"""
    g = page.img.mean(axis=2)
    H, W = g.shape
    band = np.repeat(nr.normal(0, 0.05, H // 8 + 1).astype(np.float32), 8)[:H]
    g = g + band[:, None]
    g = g[:H - H % 2].reshape(H // 2, 2, W).mean(axis=1)       # 196 -> 98 lines per inch
    bw = g < rng.uniform(0.52, 0.62)
    for _ in range(rng.randint(2, 6)):                            # line errors: repeated lines
        y = rng.randrange(2, bw.shape[0] - 2)
        bw[y] = bw[y - 1]
    for _ in range(rng.randint(0, 3)):                            # white drop-out bands
        y = rng.randrange(bw.shape[0] - 4)
        bw[y:y + rng.randint(1, 3)] = False
    speck = nr.random(bw.shape) < 0.0004
    return bw ^ speck

# ----------------------------------------------------------------------------- documents
NHS_LABELS = ['NHS No:', 'NHS Number', 'NHS No.', 'NHS number:', 'NHS Number:', 'NHS no', 'NHS:']
DOB_VARIANTS = [('DOB', 'slash'), ('Date of Birth:', 'long'), ('D.O.B.', 'dot2'), ('DOB:', 'dmy3'),
                ('Date of birth', 'dmy3s'), ('DoB:', 'dot4'), ('D.O.B:', 'slash'), ('Born:', 'slash'),
                ('Date of Birth', 'longth'), ('DOB:', 'upper3'), ('Date of Birth:', 'slash')]

class Doc:
    def __init__(self, num, dtype, kind, npages, fmt, dpi, diffs, sizes=None, rot=None, scen=None, fam=None,
                 flags=(), q=None, sex=None):
        self.num, self.id = num, 'doc%02d' % num
        self.dtype, self.kind, self.npages, self.fmt = dtype, kind, npages, fmt
        self.dpis = dpi if isinstance(dpi, list) else [dpi] * npages
        self.diffs = diffs
        self.sizes = sizes or ['A4'] * npages
        self.rots = rot or [0] * npages
        self.scen, self.fam, self.flags, self.q = scen, fam, set(flags), q
        self.spec_force_sex = sex
        self.pages = []
        self.distr = []
        self.nhs_printed = self.dob_printed = None
        self.nhs_ctx = self.dob_ctx = None
        self.has_nhs = self.has_dob = False
        self.P, self.pr, self.H, self.sc, self.date, self.ubrn, self.rng = make_people(self)
        rng = R(self.id, 'ids')
        self.nl = rng.choice(NHS_LABELS)
        self.ns = rng.choice(['spaced', 'plain', 'spaced', 'dashed', 'spaced'])
        self.dl, self.ds = rng.choice(DOB_VARIANTS)
        if 'typewriter' in self.flags or 'dotmatrix' in self.flags:
            self.ns = 'spaced' if self.ns == 'dashed' else self.ns
        self.chans = 3 if fmt in ('jpgc', 'png', 'pdfc') else 1
        self.mode = 'typewriter' if 'typewriter' in self.flags else ('dotmatrix' if 'dotmatrix' in self.flags else None)

    def new_page(self):
        i = len(self.pages)
        p = Page(self, i, self.sizes[i], self.dpis[i], self.chans)
        self.pages.append(p)
        return p

    @property
    def nhs(self):
        self.has_nhs = True
        self.nhs_printed = fmt_nhs(self.P['nhs'], self.ns)
        return self.nhs_printed

    @property
    def dob(self):
        self.has_dob = True
        self.dob_printed = fmt_date(self.P['dob'], self.ds)
        return self.dob_printed

    def d(self, typ, text):
        if not any(x['text'] == text and x['type'] == typ for x in self.distr):
            self.distr.append(dict(type=typ, text=text))

    def name(self, style='normal'):
        P = self.P
        if style == 'upper':
            return '%s %s %s' % (P['title'].upper(), P['first'].upper(), P['last'].upper())
        if style == 'lastfirst':
            return '%s, %s (%s)' % (P['last'].upper(), P['first'], P['title'])
        return '%s %s %s' % (P['title'], P['first'], P['last'])

def fams(doc, default):
    f = doc.fam or default
    return FAMILIES[f]

def letter_date(doc, style=None):
    t = fmt_date(doc.date, style or R(doc.id, 'ldate').choice(['long', 'longth', 'slash', 'dmy3s']))
    doc.d('letter_date', t)
    return t

# ---- shared blocks
def practice_header(page, doc, y, style, reg, bold, color=(0, 0, 0)):
    pr = doc.pr
    s = page.s
    W = page.Wpt
    mode = doc.mode
    tel = 'Tel: %s' % pr['tel']
    fax = 'Fax: %s' % pr['fax']
    doc.d('phone', pr['tel'])
    doc.d('phone', pr['fax'])
    if style == 'centre':
        f = Flow(page, 50, W - 50, y, reg, 10, color=color, mode=mode)
        f.line(pr['name'], bold, 15, align='center')
        f.line(', '.join(pr['addr'] + [pr['pc']]), align='center')
        f.line('%s   %s' % (tel, fax), align='center')
        page.hline(50, W - 50, f.y + 6, 0.8, color)
        return f.y + 14
    if style == 'logo_left':
        logo_nhs(page, W - 50 - 28 * 2.45, y, 28) if R(doc.id, 'lg').random() < 0.5 else logo_crest(page, W - 90, y - 4, 40, color)
        f = Flow(page, 50, W - 160, y, reg, 9.5, color=color, mode=mode)
        f.line(pr['name'], bold, 14)
        for a in pr['addr'] + [pr['pc']]:
            f.line(a)
        f.line(tel)
        f.line(fax)
        return f.y + 16
    if style == 'two_col':
        fl = Flow(page, 50, 300, y, reg, 9, color=color, mode=mode)
        fl.line(pr['name'], bold, 13)
        for g in pr['gps'][:3]:
            fl.line(g)
        fr = Flow(page, 330, W - 50, y, reg, 9, color=color, mode=mode)
        for a in pr['addr'] + [pr['pc'], tel, fax]:
            fr.line(a, align='right')
        return max(fl.y, fr.y) + 16
    if style == 'band':
        page.rect(0, y - 6, W, 40, color=(0.18, 0.3, 0.5) if page.C == 3 else (0.3, 0.3, 0.3))
        # reversed (white) text is drawn by lightening: render mask and paint paper back
        for (xx, yy, t, fnt, sz) in ((50, y + 13, pr['name'], bold, 14), (50, y + 27, ', '.join(pr['addr'] + [pr['pc']]) + '  ' + tel, reg, 8.5)):
            page.fonts.add(fam_name(fnt))
            m = text_mask(fnt, sz * s, t)
            r = ft(fnt).get_rect(t, size=sz * s)
            x0, y0 = int(xx * s + r.x), int(yy * s - r.y)
            reg_ = page.img[y0:y0 + m.shape[0], x0:x0 + m.shape[1]]
            reg_ += (1 - reg_) * m[:reg_.shape[0], :reg_.shape[1], None]
            page.add_gt(t, (xx, yy - sz, text_w(t, fnt, sz), sz))
        return y + 52
    raise ValueError(style)

def recipient(flow, doc, upper=False):
    H = doc.H
    lines = [H['cons'], 'Consultant ' + ('in ' if R(doc.id, 'c').random() < 0.5 else '') + H['spec'], H['name']] + H['addr'] + [H['pc']]
    if R(doc.id, 'rr').random() < 0.3:
        lines = ['The Consultant ' + H['spec'], H['dept'], H['name']] + H['addr'] + [H['pc']]
    for l in lines:
        flow.line(l.upper() if upper else l)

def re_block(flow, doc, style, bold):
    P = doc.P
    if style == 'classic':
        flow.line('Re: %s  %s %s' % (doc.name(), doc.dl, doc.dob), bold)
        flow.line('%s %s' % (doc.nl, doc.nhs), bold)
        flow.line(', '.join(P['addr'] + [P['pc']]))
    elif style == 'upper':
        flow.line('RE: %s (%s %s)' % (doc.name('upper'), doc.dl, doc.dob), bold)
        flow.line('%s %s    Hosp No: %s' % (doc.nl, doc.nhs, P['hosp']), bold)
        doc.d('hospital_number', P['hosp'])
        flow.line(', '.join(P['addr']).upper() + ' ' + P['pc'])
    elif style == 'stack':
        flow.line('Re:', bold)
        flow.line(doc.name(), bold)
        for a in P['addr'] + [P['pc']]:
            flow.line(a)
        flow.line('%s %s' % (doc.dl, doc.dob))
        flow.line('%s %s' % (doc.nl, doc.nhs))
    elif style == 'oneline':
        flow.line('Patient: %s, %s %s, %s %s' % (doc.name(), doc.dl, doc.dob, doc.nl, doc.nhs), bold)
    doc.d('phone', P['tel']) if style == 'stack' and False else None

def body(flow, doc, parts, bold):
    P, sc = doc.P, doc.sc
    for part in parts:
        if part == 'hpi':
            for t in sc['hpi']:
                flow.para(fill(t, P))
        elif part == 'exam':
            flow.para('On examination: ' + sc['exam'])
        elif part == 'pmh':
            flow.line('Past medical history:', bold)
            for t in sc['pmh']:
                flow.line('- ' + t, x=flow.x0 + 10)
            flow.gap(flow.size * 0.5)
        elif part == 'meds':
            flow.line('Current medication:', bold)
            for t in sc['meds']:
                flow.line(t, x=flow.x0 + 10)
            flow.gap(flow.size * 0.5)
        elif part == 'allergy':
            flow.line('Allergies: ' + sc['allergy'])
            flow.gap(flow.size * 0.5)
        elif part == 'req':
            flow.para(fill(sc['req'], P))
        elif part == 'social':
            flow.para(fill('{He} lives with {his} partner and is independent with activities of daily living. {He} drinks around 10 units of alcohol a week.', P))
        elif part == 'thanks':
            flow.para('Thank you for your help with this patient.')

def signoff(page, flow, doc, bold, sig=True):
    flow.gap(flow.size * 0.6)
    flow.line(R(doc.id, 'so').choice(['Yours sincerely', 'Yours sincerely,', 'Kind regards', 'Yours faithfully']))
    if sig and doc.sigs:
        ov_signature(page, flow.x0, flow.y + 2, 110, 30)
    flow.gap(flow.size * 2.8)
    gp = doc.pr['gps'][0]
    flow.line(gp, bold)
    flow.line(R(doc.id, 'gpr').choice(['General Practitioner', 'GP Principal', 'Salaried GP', 'GP Partner']))

def footer(page, doc, text, font, size=7.5, y=None):
    y = y or page.Hpt - 28
    w = text_w(text, font, size)
    page.text((page.Wpt - w) / 2, y, text, font, size, mode=doc.mode if doc.mode != 'dotmatrix' else None)

def page_of(page, doc, font, size=8, fmt='Page {i} of {n}', y=None, align='right'):
    t = fmt.format(i=page.idx + 1, n=doc.npages)
    w = text_w(t, font, size)
    x = page.Wpt - 50 - w if align == 'right' else (page.Wpt - w) / 2
    page.text(x, y or page.Hpt - 16, t, font, size)

# ---- referral kinds
def k_dictated(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['termes', 'libertine', 'pagella', 'bonum', 'schola']))
    rng = R(doc.id, 'layout')
    p = doc.new_page()
    hs = rng.choice(['centre', 'logo_left', 'two_col']) if 'header' not in doc.__dict__ else doc.header
    y = practice_header(p, doc, 40, hs, reg, bold)
    f = Flow(p, 62, p.Wpt - 62, y, reg, 10.5 if doc.mode != 'typewriter' else 10, mode=doc.mode, bottom=p.Hpt - 50)
    f.line('Our ref: %s/%s' % (doc.pr['gps'][0].split()[-1][:3].upper(), doc.P['hosp'][-4:]), size=9)
    doc.d('reference', '%s/%s' % (doc.pr['gps'][0].split()[-1][:3].upper(), doc.P['hosp'][-4:]))
    f.line(letter_date(doc), align='right')
    f.gap(4)
    recipient(f, doc, upper=rng.random() < 0.3)
    f.gap(12)
    f.line('Dear %s,' % (doc.H['cons'].split()[0] + ' ' + doc.H['cons'].split()[-1] if rng.random() < 0.7 else 'Colleague'))
    f.gap(6)
    re_block(f, doc, rng.choice(['classic', 'upper', 'stack']), bold)
    f.gap(8)
    if doc.npages == 1:
        body(f, doc, ['hpi', 'exam', 'pmh', 'meds', 'allergy', 'req'], bold)
        signoff(p, f, doc, bold)
        footer(p, doc, 'Partners: ' + ', '.join(doc.pr['gps']) + '   Practice code ' + doc.pr['ods'], reg, 7.5)
        doc.d('practice_code', doc.pr['ods'])
    else:
        body(f, doc, ['hpi', 'social', 'exam'], bold)
        page_of(p, doc, reg, 8, 'continued overleaf / {i}', align='center')
        p2 = doc.new_page()
        f2 = Flow(p2, 62, p2.Wpt - 62, 50, reg, 10.5, mode=doc.mode, bottom=p2.Hpt - 50)
        f2.line('%s   %s %s   %s %s' % (doc.name(), doc.dl, doc.dob, doc.nl, doc.nhs), size=9)
        f2.gap(10)
        body(f2, doc, ['pmh', 'meds', 'allergy', 'req', 'thanks'], bold)
        signoff(p2, f2, doc, bold)
        f2.gap(12)
        f2.line('cc: Patient', size=9)
        page_of(p2, doc, reg, 8, 'Page {i} of {n}')

def k_terse(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['courierprime', 'go', 'heros', 'cursor']))
    rng = R(doc.id, 'layout')
    p = doc.new_page()
    f = Flow(p, 60, p.Wpt - 60, 50, reg, 11, mode=doc.mode)
    f.line(doc.pr['name'] + '  ' + doc.pr['tel'], bold, 11)
    doc.d('phone', doc.pr['tel'])
    f.line(letter_date(doc, 'slash'), align='right')
    f.gap(20)
    f.line('To: %s, %s' % (doc.H['spec'], doc.H['name']))
    f.gap(10)
    f.line('%s  %s %s  %s %s' % (doc.name(), doc.dl, doc.dob, doc.nl, doc.nhs), bold)
    f.gap(14)
    f.line('Dear Colleague,')
    f.gap(4)
    f.para(fill('Please see this {age} yo %s with %s. %s' % ('man' if doc.P['sex'] == 'M' else 'woman', doc.sc['title'].lower(), doc.sc['hpi'][1]), doc.P))
    f.para(fill(doc.sc['req'], doc.P))
    f.para('Meds: ' + '; '.join(doc.sc['meds']) + '.')
    f.line('Thanks,')
    if doc.sigs:
        ov_signature(p, f.x0, f.y + 2, 90, 26)
    f.gap(30)
    f.line(doc.pr['gps'][1])

def k_two_page_header(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['garamond', 'opensans', 'biolinum', 'lato']))
    rng = R(doc.id, 'layout')
    p = doc.new_page()
    y = practice_header(p, doc, 46, rng.choice(['centre', 'logo_left', 'band']), reg, bold)
    f = Flow(p, 70, p.Wpt - 70, y + 30, reg, 11, mode=doc.mode, bottom=p.Hpt - 50)
    f.line('PRIVATE AND CONFIDENTIAL', bold, 11)
    f.gap(16)
    recipient(f, doc)
    f.gap(30)
    f.line('Date: ' + letter_date(doc), align='left')
    f.line('Date typed: ' + fmt_date(doc.date + datetime.timedelta(days=2), 'slash'), size=9)
    doc.d('date', fmt_date(doc.date + datetime.timedelta(days=2), 'slash'))
    f.gap(30)
    f.line('Dear Dr %s' % doc.H['cons'].split()[-1])
    f.gap(8)
    re_block(f, doc, rng.choice(['classic', 'stack']), bold)
    page_of(p, doc, reg, 8)
    p2 = doc.new_page()
    f2 = Flow(p2, 70, p2.Wpt - 70, 56, reg, 11, mode=doc.mode, bottom=p2.Hpt - 50)
    f2.line('Re: %s   %s %s' % (doc.name(), doc.dl, doc.dob), size=9)
    f2.gap(14)
    body(f2, doc, ['hpi', 'exam', 'pmh', 'meds', 'allergy', 'req'], bold)
    signoff(p2, f2, doc, bold)
    page_of(p2, doc, reg, 8)

def k_demographics_box(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['roboto', 'lato', 'cantarell', 'adventor']))
    rng = R(doc.id, 'layout')
    P = doc.P
    p = doc.new_page()
    y = practice_header(p, doc, 40, rng.choice(['centre', 'logo_left']), reg, bold)
    y += 6
    # left column: recipient address; right column: boxed "Label: value" pairs
    fl = Flow(p, 60, 290, y + 6, reg, 10, mode=doc.mode)
    recipient(fl, doc)
    fl.gap(6)
    fl.line(letter_date(doc))
    bx0, bx1 = 315, p.Wpt - 50
    fr = Flow(p, bx0 + 8, bx1 - 8, y + 8, reg, 9.5, lead=1.45)
    pairs = [('Patient', doc.name()), (doc.dl.rstrip(':').rstrip('.') if doc.dl not in ('D.O.B.',) else 'D.O.B.', doc.dob),
             (doc.nl.rstrip(':'), doc.nhs), ('Hospital No', P['hosp']), ('Address', P['addr'][0])] + \
            [('', a) for a in P['addr'][1:] + [P['pc']]] + [('Tel', P['tel']), ('Usual GP', doc.pr['gps'][0])]
    doc.d('hospital_number', P['hosp'])
    doc.d('phone', P['tel'])
    two = 'twobox' in doc.flags
    if not two:
        for lab, val in pairs:
            fr.row([(bx0 + 8, (lab + ':') if lab else '', bold), (bx0 + 88, val, reg)])
    else:
        # box holds two columns of Label: value pairs: left column read first, then right
        left, right = pairs[:5], [(('GP' if l == 'Usual GP' else l), v) for l, v in pairs[5:]]
        mid = (bx0 + bx1) / 2
        fa = Flow(p, bx0 + 6, mid, y + 8, reg, 8.5, lead=1.45)
        for lab, val in left:
            fa.row([(bx0 + 6, (lab + ':') if lab else '', bold), (bx0 + 62, val, reg)])
        fb = Flow(p, mid + 4, bx1, y + 8, reg, 8.5, lead=1.45)
        for lab, val in right:
            fb.row([(mid + 4, (lab + ':') if lab else '', bold), (mid + 50, val, reg)])
        fr.y = max(fa.y, fb.y)
    p.rect(bx0, y, bx1 - bx0, fr.y - y + 8, fill=False, lw=0.7)
    f = Flow(p, 60, p.Wpt - 60, max(fl.y, fr.y) + 26, reg, 10.5, mode=doc.mode, bottom=p.Hpt - 50)
    f.line('Dear %s' % doc.H['cons'])
    f.gap(6)
    f.line(doc.sc['title'], bold)
    f.gap(4)
    if doc.npages == 1:
        body(f, doc, ['hpi', 'exam', 'req'], bold)
        f.line('Medication: ' + ', '.join(doc.sc['meds'][:3]))
        signoff(p, f, doc, bold)
    else:
        body(f, doc, ['hpi', 'exam'], bold)
        page_of(p, doc, reg, 8)
        p2 = doc.new_page()
        f2 = Flow(p2, 60, p2.Wpt - 60, 50, reg, 10.5, bottom=p2.Hpt - 50)
        body(f2, doc, ['pmh', 'meds', 'allergy', 'social', 'req'], bold)
        signoff(p2, f2, doc, bold)
        page_of(p2, doc, reg, 8)

def k_compliments(doc):
    reg, bold = fams(doc, 'pagella')
    p = doc.new_page()
    logo_crest(p, 24, 16, 44, (0.1, 0.3, 0.55))
    f = Flow(p, 80, p.Wpt - 30, 26, reg, 10)
    f.line(doc.pr['name'], bold, 14)
    f.line(', '.join(doc.pr['addr'] + [doc.pr['pc']]) + '   Tel: ' + doc.pr['tel'], size=8.5)
    doc.d('phone', doc.pr['tel'])
    f.gap(8)
    f.line('With Compliments', 'libertine-i', 22)
    fb = Flow(p, 30, p.Wpt - 270, 160, 'hand-dkg', 14, mode='hand', color=(0.1, 0.1, 0.45))
    fb.line('Referral to %s -' % doc.H['spec'])
    fb.line('%s. Please see,' % doc.sc['title'].split(' and ')[0])
    fb.line('letter to follow. Thanks')
    fb.line(doc.pr['gps'][2].replace('Dr ', 'Dr. '))
    # a printed patient label stuck on the slip (dot-matrix label printer)
    lx, ly = p.Wpt - 250, 150
    p.rect(lx - 6, ly - 4, 225, 62, color=(0.97, 0.97, 0.93), fill=True)
    p.rect(lx - 6, ly - 4, 225, 62, fill=False, lw=0.3, color=(0.7, 0.7, 0.7))
    fl = Flow(p, lx, lx + 215, ly, 'gomono', 8.5, mode='dotmatrix', lead=1.35)
    fl.line(doc.name('upper'))
    fl.line('%s %s' % (doc.dl, doc.dob))
    fl.line('%s %s' % (doc.nl, doc.nhs))
    fl.line('HOSP NO %s' % doc.P['hosp'])
    doc.d('hospital_number', doc.P['hosp'])

def k_soap(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['inconsolata', 'robotoc', 'go', 'herocn']))
    rng = R(doc.id, 'layout')
    P, sc = doc.P, doc.sc
    p = doc.new_page()
    f = Flow(p, 50, p.Wpt - 50, 46, reg, 10, mode=doc.mode, bottom=p.Hpt - 40)
    f.line('%s - Consultation Record / Referral' % doc.pr['name'], bold, 12)
    f.gap(4)
    f.row([(50, 'Patient: ' + doc.name('lastfirst'), reg), (330, '%s %s' % (doc.dl, doc.dob), reg)])
    f.row([(50, '%s %s' % (doc.nl, doc.nhs), reg), (330, 'Tel: %s' % P['tel'], reg)])
    doc.d('phone', P['tel'])
    f.line('Address: ' + ', '.join(P['addr'] + [P['pc']]))
    p.hline(50, p.Wpt - 50, f.y + 6, 0.6)
    f.gap(14)
    d1 = doc.date - datetime.timedelta(days=rng.randint(20, 60))
    t1 = fmt_date(d1, 'slash') + ' %02d:%02d' % (rng.randint(8, 17), rng.choice([0, 10, 20, 30, 40, 50]))
    doc.d('date', fmt_date(d1, 'slash'))
    f.line('Consultation  %s  %s  (Surgery)' % (t1, doc.pr['gps'][1]), bold)
    f.gap(4)
    for lab, txt in (('S:', fill(sc['hpi'][0], P)), ('O:', sc['exam']), ('A:', sc['title']), ('P:', 'Bloods. Review 2/52.')):
        f.line(lab, bold)
        f.y -= f.size * f.lead
        f.para(txt, indent=24)
    f.gap(6)
    t2 = fmt_date(doc.date, 'slash') + ' %02d:%02d' % (rng.randint(8, 17), rng.choice([5, 15, 25, 35, 45]))
    doc.d('letter_date', fmt_date(doc.date, 'slash'))
    f.line('Consultation  %s  %s  (Surgery)' % (t2, doc.pr['gps'][0]), bold)
    f.gap(4)
    for lab, txt in (('S:', fill(sc['hpi'][1], P)), ('O:', 'Weight %d kg. BP %d/%d.' % (rng.randint(55, 110), rng.randint(110, 160), rng.randint(65, 95))),
                     ('A:', sc['title']), ('P:', fill(sc['req'], P) + ' Referral letter generated.')):
        f.line(lab, bold)
        f.y -= f.size * f.lead
        f.para(txt, indent=24)
    f.gap(6)
    f.line('Medication', bold)
    for m in sc['meds']:
        f.line(m, x=74)
    f.line('Allergies: ' + sc['allergy'])
    footer(p, doc, 'Printed %s by %s   %s' % (fmt_date(doc.date, 'slash'), doc.pr['gps'][0], doc.pr['ods']), reg, 7.5)
    doc.d('practice_code', doc.pr['ods'])

def kv_table(p, x, y, rows, reg, bold, size=9, colw=(120, 180), edges='closed', header_fill=None):
    return p.mtable(x, y, list(colw), rows, reg, size, bold=bold, edges=edges, header_fill=header_fill)

def k_ers(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['opensans', 'roboto', 'heros']))
    P, sc, H = doc.P, doc.sc, doc.H
    rng = R(doc.id, 'layout')
    p = doc.new_page()
    logo_nhs(p, p.Wpt - 50 - 22 * 2.45, 34, 22)
    f = Flow(p, 50, p.Wpt - 50, 40, reg, 10)
    f.line('NHS e-Referral Service', bold, 14)
    f.line('Referral Letter', reg, 11)
    f.gap(4)
    f.row([(50, 'UBRN: ' + doc.ubrn, bold), (300, 'Priority: ' + rng.choice(['Routine', 'Urgent', 'Two Week Wait']), reg)])
    doc.d('ubrn', doc.ubrn)
    created = doc.date - datetime.timedelta(days=rng.randint(0, 3))
    rows = [['Patient Name', '%s, %s' % (P['last'].upper(), P['first'])],
            ['NHS Number', doc.nhs], ['Date of Birth', None], ['Gender', 'Male' if P['sex'] == 'M' else 'Female'],
            ['Address', ', '.join(P['addr'] + [P['pc']])], ['Telephone', P['tel']],
            ['Specialty', H['spec']], ['Clinic Type', sc['title'].split(' and ')[0]],
            ['Service', '%s - %s' % (H['spec'], H['name'])], ['Referrer', '%s, %s' % (doc.pr['gps'][0], doc.pr['name'])],
            ['Date Referral Created', fmt_date(created, 'upper3')]]
    doc.dl = 'Date of Birth'
    doc.ds = rng.choice(['upper3', 'dmy3', 'slash'])
    rows[2][1] = doc.dob
    doc.nl = 'NHS Number'
    doc.d('phone', P['tel'])
    doc.d('date', fmt_date(created, 'upper3'))
    y = kv_table(p, 50, f.y + 10, rows, reg, bold, 8.5, (150, p.Wpt - 250), edges=rng.choice(['closed', 'horizontal']))
    f = Flow(p, 50, p.Wpt - 50, y + 16, reg, 10, bottom=p.Hpt - 50)
    f.line('Referral Letter', bold, 11)
    f.gap(4)
    f.line('Dear Colleague')
    f.gap(4)
    if doc.npages == 1:
        body(f, doc, ['hpi', 'req'], bold)
        f.line('Yours sincerely')
        f.line(doc.pr['gps'][0])
    else:
        body(f, doc, ['hpi', 'exam'], bold)
    f2 = None
    p.text(50, p.Hpt - 20, 'Printed on %s %02d:%02d' % (fmt_date(doc.date, 'dmy3'), rng.randint(8, 18), rng.randint(0, 59)), reg, 7.5)
    page_of(p, doc, reg, 7.5, y=p.Hpt - 20)
    if doc.npages == 2:
        p2 = doc.new_page()
        f2 = Flow(p2, 50, p2.Wpt - 50, 40, reg, 10, bottom=p2.Hpt - 50)
        f2.row([(50, 'UBRN: ' + doc.ubrn, reg), (330, '%s, %s' % (P['last'].upper(), P['first']), reg)])
        f2.gap(10)
        body(f2, doc, ['pmh', 'meds', 'allergy', 'req'], bold)
        f2.line('Yours sincerely')
        f2.line(doc.pr['gps'][0])
        f2.gap(20)
        f2.line('Attachments: none', size=9)
        p2.text(50, p2.Hpt - 20, 'Printed on %s' % fmt_date(doc.date, 'dmy3'), reg, 7.5)
        page_of(p2, doc, reg, 7.5, y=p2.Hpt - 20)

def k_tickbox(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['lato', 'heros', 'cantarell', 'robotoc']))
    P, sc, H = doc.P, doc.sc, doc.H
    rng = R(doc.id, 'layout')
    form = doc.form
    p = doc.new_page()
    ax = p.mpl()
    W = p.Wpt
    logo_nhs(p, W - 50 - 20 * 2.45, 30, 20)
    title = {'2ww': 'Suspected Cancer Referral Form (2WW) - %s' % H['spec'],
             'racpc': 'Rapid Access Chest Pain Clinic - Referral Form',
             'msk': 'MSK / Orthopaedic Triage Referral Proforma'}[form]
    p.mtext(50, 46, H['trust'], reg, 9)
    p.mtext(50, 64, title, bold, 12.5)
    p.mtext(50, 80, 'Please fax to %s or send via e-RS. Incomplete forms will be returned.' % H['tel'], reg, 8)
    doc.d('phone', H['tel'])
    y = 94
    ax.add_patch(Rectangle((50, y), W - 100, 14, facecolor=(0.85, 0.85, 0.85), edgecolor='black', lw=0.5))
    p.mtext(54, y + 10.5, 'PATIENT DETAILS', bold, 9)
    y += 14
    dob_cell = doc.dob
    rows = [['Surname', P['last'], doc.dl.rstrip(':'), dob_cell], ['Forename(s)', P['first'], doc.nl.rstrip(':'), doc.nhs],
            ['Address', P['addr'][0], 'Hospital No', P['hosp']], ['', ', '.join(P['addr'][1:] + [P['pc']]), 'Tel', P['tel']]]
    doc.d('hospital_number', P['hosp'])
    doc.d('phone', P['tel'])
    y = p.mtable(50, y, [80, 170, 80, W - 100 - 330], rows, reg, 8.5, rowh=17)
    ax.add_patch(Rectangle((50, y + 6), W - 100, 14, facecolor=(0.85, 0.85, 0.85), edgecolor='black', lw=0.5))
    p.mtext(54, y + 16.5, 'REFERRER DETAILS', bold, 9)
    y += 20
    rows = [['GP', doc.pr['gps'][0], 'Practice', doc.pr['name']], ['Practice code', doc.pr['ods'], 'Date of referral', fmt_date(doc.date, 'slash')]]
    doc.d('practice_code', doc.pr['ods'])
    doc.d('letter_date', fmt_date(doc.date, 'slash'))
    y = p.mtable(50, y, [80, 170, 80, W - 100 - 330], rows, reg, 8.5, rowh=17)
    crit = {'2ww': ['Rectal bleeding with change in bowel habit', 'Unexplained iron deficiency anaemia', 'Abdominal or rectal mass',
                    'Unexplained weight loss', 'Positive FIT result', 'Age 50 or over with unexplained abdominal pain'],
            'racpc': ['Chest pain on exertion, relieved by rest', 'Onset within the last 4 weeks', 'Known coronary heart disease',
                      'Diabetes', 'Current or ex-smoker', 'Family history of premature CHD'],
            'msk': ['Mechanical locking', 'Failed 6 weeks physiotherapy', 'Night pain', 'Red flags excluded',
                    'Previous surgery to this joint', 'Able to work']}[form]
    ax.add_patch(Rectangle((50, y + 6), W - 100, 14, facecolor=(0.85, 0.85, 0.85), edgecolor='black', lw=0.5))
    p.mtext(54, y + 16.5, 'CRITERIA (tick all that apply)', bold, 9)
    y += 36
    for i, c in enumerate(crit):
        ax.add_patch(Rectangle((58, y - 8), 9, 9, facecolor='none', edgecolor='black', lw=0.7))
        if rng.random() < 0.5:
            ax.plot([58.5, 66.5], [y - 7.5, y + 0.5], color=(0.1, 0.1, 0.5), lw=1.2)
            ax.plot([58.5, 66.5], [y + 0.5, y - 7.5], color=(0.1, 0.1, 0.5), lw=1.2)
        p.mtext(74, y, c, reg, 9)
        y += 16
    y += 4
    p.mtext(50, y, 'Performance status (WHO):', reg, 9, gt=False)
    xo = 50 + text_w('Performance status (WHO):', reg, 9) + 12
    lab = ['Performance status (WHO):']
    for k in range(5):
        ax.add_patch(Rectangle((xo, y - 8), 9, 9, facecolor='none', edgecolor='black', lw=0.7))
        p.mtext(xo + 13, y, str(k), reg, 9, gt=False)
        lab.append(str(k))
        xo += 34
    p.add_gt(' '.join(lab))
    y += 22
    ax.add_patch(Rectangle((50, y - 10), W - 100, 14, facecolor=(0.85, 0.85, 0.85), edgecolor='black', lw=0.5))
    p.mtext(54, y, 'CLINICAL DETAILS / REASON FOR REFERRAL', bold, 9)
    p.flush_mpl()
    f = Flow(p, 56, W - 56, y + 8, 'courierprime' if rng.random() < 0.5 else reg, 9.5, bottom=p.Hpt - 60)
    for t in sc['hpi']:
        f.para(fill(t, P), gap=0.3)
    f.para('Medication: ' + '; '.join(sc['meds']), gap=0.3)
    f.line('Allergies: ' + sc['allergy'])
    p.rect(50, y + 4, W - 100, f.y - y + 6, fill=False, lw=0.6)
    p.text(50, p.Hpt - 24, 'Form version 3.%d  %s  Review date %d' % (rng.randint(0, 9), H['trust'], doc.date.year + 2), reg, 6.5)

def gp_system_header(p, doc, system, reg, bold):
    P = doc.P
    W = p.Wpt
    if system == 'emis':
        p.rect(40, 30, W - 80, 22, color=(0.82, 0.86, 0.92))
        p.text(48, 46, 'EMIS Web   Referral Letter', bold, 11)
        y = 62
        rows = [['Name', doc.name(), doc.dl.rstrip(':'), doc.dob], [doc.nl.rstrip(':'), doc.nhs, 'Gender', 'Male' if P['sex'] == 'M' else 'Female'],
                ['Address', ', '.join(P['addr'] + [P['pc']]), 'Home tel', P['tel']], ['Usual GP', doc.pr['gps'][0], 'Registered', fmt_date(rdate(doc.rng, 1990, doc.date.year - 1), 'dmy3s')]]
        doc.d('date', rows[3][3])
        y = p.mtable(40, y, [60, 210, 70, W - 80 - 340], rows, reg, 8, rowh=15, edges='horizontal', lw=0.4)
    elif system == 'systmone':
        p.text(40, 40, 'SystmOne', bold, 9)
        p.text(W - 40 - text_w(doc.pr['name'], reg, 9), 40, doc.pr['name'], reg, 9)
        p.rect(40, 46, W - 80, 18, color=(0.75, 0.75, 0.75))
        t = '%s  %s %s  %s %s' % (doc.name('lastfirst'), doc.dl, doc.dob, doc.nl, doc.nhs)
        p.text(46, 59, t, bold, 9)
        y = 74
    else:  # vision
        p.text(40, 42, 'Vision', bold, 10)
        f = Flow(p, 40, W - 40, 52, reg, 9)
        f.row([(40, doc.name(), bold), (260, '%s %s' % (doc.dl, doc.dob), reg), (420, 'Sex: %s' % P['sex'], reg)])
        f.row([(40, '%s %s' % (doc.nl, doc.nhs), reg), (260, 'Reg. No: %s' % P['hosp'], reg)])
        doc.d('hospital_number', P['hosp'])
        p.hline(40, W - 40, f.y + 5, 1.2)
        y = f.y + 12
    return y

def k_gpsystem(doc):
    system = doc.system
    reg, bold = fams(doc, {'emis': 'roboto', 'systmone': 'go', 'vision': 'biolinum'}[system] if system != 'emis_lv' else 'gomono')
    if system == 'emis_lv':
        return k_emis_lv(doc)
    rng = R(doc.id, 'layout')
    P, sc, H = doc.P, doc.sc, doc.H
    p = doc.new_page()
    y = gp_system_header(p, doc, system, reg, bold)
    W = p.Wpt
    f = Flow(p, 46, W - 46, y + 12, reg, 9.5, bottom=p.Hpt - 46)
    f.line('To: %s, %s, %s, %s' % (H['cons'], H['spec'], H['name'], H['pc']))
    f.line('From: %s, %s, %s' % (doc.pr['gps'][0], doc.pr['name'], doc.pr['tel']))
    doc.d('phone', doc.pr['tel'])
    f.line('Date: ' + letter_date(doc, 'dmy3s'))
    f.gap(6)
    f.line('Reason for referral: ' + sc['title'], bold)
    f.gap(3)
    for t in sc['hpi']:
        f.para(fill(t, P), gap=0.35)
    f.para('Examination: ' + sc['exam'], gap=0.35)
    f.para(fill(sc['req'], P), gap=0.35)
    f.gap(4)
    f.line('Active Problems', bold)
    prob = [[fmt_date(rdate(doc.rng, 1995, doc.date.year - 1), 'dmy3s'), t] for t in sc['pmh']]
    for r in prob:
        doc.d('date', r[0])
    p2 = p
    if doc.npages == 2:
        page_of(p, doc, reg, 7.5)
        p2 = doc.new_page()
        gp_system_header(p2, doc, system, reg, bold) if system != 'emis' else None
        f = Flow(p2, 46, W - 46, 90 if system != 'emis' else 40, reg, 9.5, bottom=p2.Hpt - 46)
        f.line('Active Problems (continued)', bold)
    y = p2.mtable(46, f.y + 6, [90, W - 92 - 90], prob, reg, 8.5, rowh=14, edges='horizontal', lw=0.3)
    f.y = y + 8
    f.first = True
    f.line('Current Repeat Medication', bold)
    meds = [[m, rng.choice(['28', '56', '30', '1 op']), fmt_date(doc.date - datetime.timedelta(days=rng.randint(3, 60)), 'dmy3s')] for m in sc['meds']]
    y = p2.mtable(46, f.y + 6, [290, 60, W - 92 - 350], [['Drug', 'Qty', 'Last issued']] + meds, reg, 8.5, bold=bold, rowh=14,
                  edges='horizontal', header_fill=(0.9, 0.9, 0.9), lw=0.3)
    f.y = y + 8
    f.first = True
    f.line('Allergies and Sensitivities: ' + sc['allergy'])
    f.line('Smoking: ' + rng.choice(['Never smoked', 'Ex-smoker', 'Current smoker 10/day']) + '   Alcohol: %d units/week' % rng.randint(0, 30))
    f.gap(8)
    f.line(doc.pr['gps'][0] + ' (electronically signed)')
    p2.text(46, p2.Hpt - 22, 'Printed from %s on %s. Confidential.' % ({'emis': 'EMIS Web', 'systmone': 'SystmOne', 'vision': 'Vision'}[system], fmt_date(doc.date, 'slash')), reg, 7)
    if doc.npages == 2:
        page_of(p2, doc, reg, 7.5)

def k_emis_lv(doc):
    """old EMIS LV print on continuous stationery: dot-matrix monospace"""
    P, sc, H = doc.P, doc.sc, doc.H
    reg = 'gomono'
    for i in range(doc.npages):
        p = doc.new_page()
        if p.C == 3 or True:
            for yy in range(0, int(p.Hpt), 48):     # green-bar listing paper
                p.rect(28, yy, p.Wpt - 56, 24, color=(0.9, 0.97, 0.9), opacity=0.6)
            for yy in range(20, int(p.Hpt), 24):    # tractor feed holes
                p.rect(8, yy, 8, 8, color=(0.2, 0.2, 0.2))
                p.rect(p.Wpt - 16, yy, 8, 8, color=(0.2, 0.2, 0.2))
        f = Flow(p, 40, p.Wpt - 40, 40, reg, 9.5, mode='dotmatrix', lead=1.5, bottom=p.Hpt - 36)
        if i == 0:
            f.line('%-40s%s' % (doc.pr['name'].upper(), fmt_date(doc.date, 'slash')))
            doc.d('letter_date', fmt_date(doc.date, 'slash'))
            f.line('REFERRAL LETTER - %s' % H['spec'].upper())
            f.line('=' * 60)
            f.line('NAME    : %s' % doc.name('upper'))
            doc.dl, doc.nl = 'D.O.B.', 'NHS NO'
            f.line('D.O.B.  : %s' % doc.dob)
            f.line('NHS NO  : %s' % doc.nhs)
            f.line('ADDRESS : %s' % ', '.join(P['addr']).upper())
            f.line('          %s' % P['pc'])
            f.line('TEL     : %s' % P['tel'])
            doc.d('phone', P['tel'])
            f.line('=' * 60)
            f.gap(6)
            f.line('TO: %s, %s' % (H['cons'].upper(), H['name'].upper()))
            f.gap(6)
            for t in sc['hpi']:
                f.para(fill(t, P).upper())
            f.para(('On examination: ' + sc['exam']).upper())
        else:
            f.line('%s  %s  CONTINUED' % (doc.name('upper'), fmt_nhs(P['nhs'], doc.ns)))
            f.line('-' * 60)
            f.line('PROBLEMS:')
            for t in sc['pmh']:
                f.line('  ' + t.upper())
            f.line('REPEATS:')
            for t in sc['meds']:
                f.line('  ' + t.upper())
            f.line('ALLERGIES: ' + sc['allergy'].upper())
            f.gap(6)
            f.para(fill(sc['req'], P).upper())
            f.gap(10)
            f.line(doc.pr['gps'][0].upper())
        f.first = True
        f.y = p.Hpt - 34
        f.line('PAGE %d' % (i + 1), align='right')

# ---- other document types
def hospital_header(p, doc, reg, bold, y=36, color=(0.0, 0.3, 0.6)):
    H = doc.H
    W = p.Wpt
    logo_nhs(p, W - 50 - 26 * 2.45, y, 26, color if p.C == 3 else (0.3, 0.3, 0.3))
    f = Flow(p, 50, W - 130, y, reg, 9, color=color if p.C == 3 else (0, 0, 0))
    f.line(H['trust'], bold, 12)
    f.line(H['name'])
    f.line(', '.join(H['addr'] + [H['pc']]))
    f.line('Switchboard: %s' % H['tel'])
    doc.d('phone', H['tel'])
    return f.y + 10

def k_clinic(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['lato', 'opensans', 'garamond', 'cantarell-l']))
    P, sc, H = doc.P, doc.sc, doc.H
    rng = R(doc.id, 'layout')
    p = doc.new_page()
    y = hospital_header(p, doc, reg, bold)
    W = p.Wpt
    if 'halftone' in doc.flags:
        halftone_region(p, 40, 30, W - 80, y - 30)
    f = Flow(p, 60, W - 60, y + 10, reg, 10, bottom=p.Hpt - 50)
    f.line(H['dept'], bold)
    f.line('Direct line: %s' % phone(rng))
    doc.d('phone', f.p.gt[-1].split(': ')[1])
    cd = doc.date - datetime.timedelta(days=rng.randint(7, 30))
    f.row([(60, 'Clinic date: ' + fmt_date(cd, 'slash'), reg), (-1, 'Dictated: ' + fmt_date(cd, 'slash') + '  Typed: ' + fmt_date(doc.date, 'slash'), reg)])
    doc.d('clinic_date', fmt_date(cd, 'slash'))
    doc.d('letter_date', fmt_date(doc.date, 'slash'))
    f.gap(8)
    f.line(doc.pr['gps'][0])
    f.line(doc.pr['name'])
    for a in doc.pr['addr'] + [doc.pr['pc']]:
        f.line(a)
    f.gap(10)
    f.line('Dear Dr %s' % doc.pr['gps'][0].split()[-1])
    f.gap(4)
    f.line('%s   %s %s   %s %s   Hospital No: %s' % (doc.name(), doc.dl, doc.dob, doc.nl, doc.nhs, P['hosp']), bold, 9.5)
    doc.d('hospital_number', P['hosp'])
    f.gap(4)
    f.line('Diagnosis: ' + sc['dx'], bold)
    f.line('Plan: ' + sc['plan'], bold)
    f.gap(6)
    f.para(fill('I saw {Title} {Last} in clinic today. ', P) + fill(sc['hpi'][0], P).replace('I would be grateful if you could see', 'You referred').replace('Thank you for seeing', 'You referred'))
    f.para('Examination: ' + sc['exam'])
    if doc.npages == 2:
        page_of(p, doc, reg, 8)
        p = doc.new_page()
        f = Flow(p, 60, W - 60, 50, reg, 10, bottom=p.Hpt - 50)
        f.line('%s  %s %s  (continued)' % (doc.name(), doc.dl, doc.dob), size=9)
        f.gap(8)
    f.para('I have explained the findings and the plan. ' + sc['plan'] + ' I will see %s again in clinic once the results are available.' % ('him' if P['sex'] == 'M' else 'her'))
    f.line('Medication on discharge from clinic: ' + ', '.join(sc['meds'][:2]))
    f.gap(8)
    f.line('Yours sincerely')
    if doc.sigs:
        ov_signature(p, 60, f.y + 2, 100, 28)
    f.gap(30)
    f.line(H['cons'], bold)
    f.line('Consultant ' + H['spec'])
    f.gap(8)
    f.line('cc: %s (patient), %s' % (doc.name(), ', '.join(P['addr'] + [P['pc']])), size=8)
    p.text(60, p.Hpt - 22, 'This letter was typed from dictation and may contain errors. Please quote the hospital number on all correspondence.', reg, 7)
    if doc.npages == 2:
        page_of(p, doc, reg, 8)

def k_discharge(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['roboto', 'heros', 'biolinum']))
    P, sc, H = doc.P, doc.sc, doc.H
    rng = R(doc.id, 'layout')
    W = 595
    adm = doc.date - datetime.timedelta(days=rng.randint(3, 12))
    for i in range(doc.npages):
        p = doc.new_page()
        W = p.Wpt
        if i == 0:
            y = hospital_header(p, doc, reg, bold)
            p.rect(50, y, W - 100, 20, color=(0.2, 0.2, 0.2))
            m = text_mask(bold, 12 * p.s, 'DISCHARGE SUMMARY')
            x0, y0 = int(56 * p.s), int((y + 4) * p.s)
            p.img[y0:y0 + m.shape[0], x0:x0 + m.shape[1]] += (1 - p.img[y0:y0 + m.shape[0], x0:x0 + m.shape[1]]) * m[..., None]
            p.add_gt('DISCHARGE SUMMARY')
            rows = [['Patient', doc.name(), doc.dl.rstrip(':'), doc.dob], [doc.nl.rstrip(':'), doc.nhs, 'Hospital No', P['hosp']],
                    ['Admitted', fmt_date(adm, 'slash'), 'Discharged', fmt_date(doc.date, 'slash')],
                    ['Ward', rng.choice(['Ward 7', 'Beech Ward', 'AMU', 'Ward 22', 'Laburnum Ward']), 'Consultant', H['cons']],
                    ['GP', doc.pr['gps'][0], 'Practice', doc.pr['name']]]
            doc.d('hospital_number', P['hosp'])
            doc.d('admission_date', fmt_date(adm, 'slash'))
            doc.d('discharge_date', fmt_date(doc.date, 'slash'))
            y = p.mtable(50, y + 26, [70, 185, 80, W - 100 - 335], rows, reg, 8.5, rowh=16)
            f = Flow(p, 50, W - 50, y + 10, reg, 9.5, bottom=p.Hpt - 50)
            f.line('Presenting complaint', bold)
            f.para(sc['title'] + '. ' + fill(sc['hpi'][0], P).replace('I would be grateful if you could see', 'Admitted').replace('Thank you for seeing', 'Admitted'))
            f.line('Diagnosis', bold)
            f.para(sc['dx'])
            f.line('Investigations', bold)
            f.para('FBC, U&E, LFT, CRP on admission. ' + sc['exam'] if 'typewriter' not in doc.flags else sc['exam'])
            if doc.npages == 1:
                pass
        elif i == 1:
            f = Flow(p, 50, W - 50, 40, reg, 9.5, bottom=p.Hpt - 50)
            f.line('%s   %s %s   %s %s' % (doc.name(), doc.dl, doc.dob, doc.nl, doc.nhs), size=8.5)
            f.gap(6)
            f.line('Medication on discharge', bold)
            meds = [['Drug', 'Dose', 'Route', 'Frequency', 'Status']]
            for m in sc['meds']:
                parts = m.split(' ')
                meds.append([parts[0], parts[1] if len(parts) > 1 else '', 'Oral' if 'inhal' not in m and 'drops' not in m else 'Inh', ' '.join(parts[2:])[:28], rng.choice(['Continued', 'New', 'Changed'])])
            y = p.mtable(50, f.y + 6, [110, 80, 50, 150, W - 100 - 390], meds, reg, 8.5, bold=bold, rowh=15, header_fill=(0.88, 0.88, 0.88))
            f.y = y + 10
            f.first = True
            f.line('Allergies: ' + sc['allergy'])
            f.gap(6)
            f.line('Follow up', bold)
            f.para(sc['plan'])
            f.line('Actions for GP', bold)
            f.para('Please check U&E in one week and review blood pressure. ' + rng.choice(['No driving until reviewed.', 'Repeat bloods in 2 weeks.', 'District nurse referral made.']))
            if doc.npages == 2:
                f.gap(6)
                f.line('Completed by: Dr %s %s, FY2, bleep %d' % (rng.choice('ABCDEFGH'), rng.choice(SURNAMES), rng.randint(1000, 9999)))
        else:
            f = Flow(p, 50, W - 50, 40, reg, 9.5, bottom=p.Hpt - 50)
            f.line('%s   %s %s' % (doc.name(), doc.nl, doc.nhs), size=8.5)
            f.gap(6)
            f.line('Results at discharge', bold)
            res = [['Test', 'Result', 'Units', 'Range'], ['Haemoglobin', str(rng.randint(95, 150)), 'g/L', '130-180'],
                   ['White cells', '%.1f' % rng.uniform(4, 13), 'x10^9/L', '4.0-11.0'], ['Platelets', str(rng.randint(150, 420)), 'x10^9/L', '150-400'],
                   ['Sodium', str(rng.randint(130, 146)), 'mmol/L', '133-146'], ['Potassium', '%.1f' % rng.uniform(3.4, 5.4), 'mmol/L', '3.5-5.3'],
                   ['Creatinine', str(rng.randint(55, 160)), 'umol/L', '59-104'], ['CRP', str(rng.randint(1, 90)), 'mg/L', '<5']]
            y = p.mtable(50, f.y + 6, [160, 90, 90, 100], res, reg, 9, bold=bold, rowh=15, edges='horizontal', header_fill=(0.9, 0.9, 0.9))
            f.y = y + 12
            f.first = True
            f.line('Information given to patient', bold)
            f.para('Diagnosis and medication changes explained. Patient given a copy of this summary. Advised to return to the emergency department if symptoms recur.')
            f.gap(6)
            f.line('Completed by: Dr %s %s, FY1, bleep %d' % (rng.choice('ABCDEFGH'), rng.choice(SURNAMES), rng.randint(1000, 9999)))
        page_of(p, doc, reg, 8)

def k_lab(doc):
    P = doc.P
    rng = R(doc.id, 'layout')
    mono = 'dotmatrix' in doc.flags
    reg, bold = ('gomono', 'gomono') if mono else fams(doc, R(doc.id, 'f').choice(['inconsolata', 'robotoc', 'libmono']))
    for i in range(doc.npages):
        p = doc.new_page()
        W = p.Wpt
        f = Flow(p, 50, W - 50, 40, reg, 9, mode='dotmatrix' if mono else None, lead=1.35, bottom=p.Hpt - 40)
        f.line('%s - DEPARTMENT OF PATHOLOGY' % doc.H['name'].upper(), bold, 10.5)
        f.line('Blood Sciences  Tel %s' % doc.H['tel'])
        doc.d('phone', doc.H['tel'])
        f.gap(4)
        lab = '%s%07d' % (rng.choice(['L', 'B', 'H']), rng.randrange(10 ** 7))
        doc.d('lab_number', lab)
        coll = doc.date - datetime.timedelta(days=rng.randint(0, 2))
        f.row([(50, 'Patient : ' + doc.name('lastfirst'), reg), (330, 'Lab No  : ' + lab, reg)])
        doc.dl = 'DOB' if not mono else 'D.O.B.'
        f.row([(50, '%-8s: %s' % (doc.dl, doc.dob), reg), (330, 'Collected: ' + fmt_date(coll, 'slash') + ' %02d:%02d' % (rng.randint(7, 12), rng.randint(0, 59)), reg)])
        doc.d('collection_date', fmt_date(coll, 'slash'))
        doc.nl = 'NHS No'
        f.row([(50, 'NHS No  : ' + doc.nhs, reg), (330, 'Reported : ' + fmt_date(doc.date, 'slash'), reg)])
        doc.d('report_date', fmt_date(doc.date, 'slash'))
        f.row([(50, 'MRN     : ' + P['mrn10'], reg), (330, 'Source  : ' + doc.pr['name'][:24], reg)])
        doc.d('mrn_10_digit_not_nhs', P['mrn10'])
        p.hline(50, W - 50, f.y + 5, 0.6)
        f.gap(10)
        if i == 0:
            tests = [('FULL BLOOD COUNT', [('Haemoglobin', rng.randint(85, 160), 'g/L', '130 - 180'), ('WBC', round(rng.uniform(3, 14), 1), 'x10^9/L', '4.0 - 11.0'),
                                           ('Platelets', rng.randint(120, 480), 'x10^9/L', '150 - 400'), ('MCV', rng.randint(70, 102), 'fL', '80 - 100'),
                                           ('Neutrophils', round(rng.uniform(1.5, 9), 1), 'x10^9/L', '2.0 - 7.5')]),
                     ('UREA AND ELECTROLYTES', [('Sodium', rng.randint(128, 146), 'mmol/L', '133 - 146'), ('Potassium', round(rng.uniform(3.2, 5.8), 1), 'mmol/L', '3.5 - 5.3'),
                                                ('Urea', round(rng.uniform(2.5, 12), 1), 'mmol/L', '2.5 - 7.8'), ('Creatinine', rng.randint(50, 180), 'umol/L', '59 - 104'),
                                                ('eGFR', rng.randint(25, 90), 'mL/min', '>60')])]
        else:
            tests = [('LIVER FUNCTION', [('Bilirubin', rng.randint(3, 40), 'umol/L', '0 - 21'), ('ALT', rng.randint(10, 120), 'U/L', '0 - 40'),
                                         ('ALP', rng.randint(40, 300), 'U/L', '30 - 130'), ('Albumin', rng.randint(28, 48), 'g/L', '35 - 50')]),
                     ('IRON STUDIES', [('Ferritin', rng.randint(4, 300), 'ug/L', '15 - 300'), ('Transferrin sat', rng.randint(5, 45), '%', '20 - 50')]),
                     ('OTHER', [('CRP', rng.randint(1, 80), 'mg/L', '0 - 5'), ('HbA1c', rng.randint(35, 90), 'mmol/mol', '20 - 41'), ('TSH', round(rng.uniform(0.2, 6), 2), 'mU/L', '0.27 - 4.2')])]
        for name, rows in tests:
            f.line(name, bold)
            for (t, v, u, rr) in rows:
                lo_hi = rr.replace(' ', '').split('-')
                flag = ''
                try:
                    if len(lo_hi) == 2 and float(v) < float(lo_hi[0]):
                        flag = 'L'
                    elif len(lo_hi) == 2 and float(v) > float(lo_hi[1]):
                        flag = 'H'
                except ValueError:
                    pass
                f.row([(62, t, reg), (200, str(v), reg), (250, flag, bold), (280, u, reg), (370, '(' + rr + ')', reg)] if flag else
                      [(62, t, reg), (200, str(v), reg), (280, u, reg), (370, '(' + rr + ')', reg)])
            f.gap(6)
        f.para('Comment: ' + rng.choice(['Sample slightly haemolysed; potassium may be falsely raised.', 'Results telephoned to surgery.',
                                          'Please repeat in 4 weeks if clinically indicated.']))
        f.line('Authorised by: %s, Clinical Scientist' % ('Dr %s %s' % (rng.choice('ABCDEFGH'), rng.choice(SURNAMES))))
        f.first = True
        f.y = p.Hpt - 30
        f.line('Page %d of %d   ** END OF REPORT **' % (i + 1, doc.npages) if i == doc.npages - 1 else 'Page %d of %d   continued' % (i + 1, doc.npages), size=8)

def k_appointment(doc):
    reg, bold = fams(doc, R(doc.id, 'f').choice(['opensans', 'lato', 'adventor']))
    P, H = doc.P, doc.H
    rng = R(doc.id, 'layout')
    p = doc.new_page()
    W = p.Wpt
    y = hospital_header(p, doc, reg, bold)
    if 'halftone' in doc.flags:
        halftone_region(p, 40, 30, W - 80, y - 30)
    f = Flow(p, 60, W - 60, y + 24, reg, 10.5, bottom=p.Hpt - 50)
    f.line(doc.name())
    for a in P['addr'] + [P['pc']]:
        f.line(a)
    f.gap(10)
    f.line(letter_date(doc, 'long'), align='right')
    f.row([(60, '%s %s' % (doc.nl, doc.nhs), reg), (330, 'Hospital No: %s' % P['hosp'], reg)])
    doc.d('hospital_number', P['hosp'])
    f.line('%s %s' % (doc.dl, doc.dob))
    f.gap(10)
    f.line('Dear %s %s' % (P['title'], P['last']))
    f.gap(4)
    f.line('Your appointment with the %s team' % H['spec'], bold, 12)
    f.gap(4)
    ad = doc.date + datetime.timedelta(days=rng.randint(14, 60))
    rows = [['Date', fmt_date(ad, 'long')], ['Time', '%02d:%02d' % (rng.randint(8, 16), rng.choice([0, 15, 30, 45]))],
            ['Clinic', '%s - %s' % (H['cons'], H['spec'])], ['Location', 'Outpatients %s, %s' % (rng.choice('ABCDE'), H['name'])],
            ['Booking ref', '%s-%06d' % (rng.choice(['OP', 'APT']), rng.randrange(10 ** 6))]]
    doc.d('appointment_date', rows[0][1])
    doc.d('booking_reference', rows[4][1])
    y = p.mtable(60, f.y + 8, [100, W - 220], rows, bold, 10, rowh=18, edges='open')
    f.y = y + 8
    f.first = True
    f.para('Please bring this letter, a list of your current medicines and your glasses if you use them. Please arrive 10 minutes before your appointment time.')
    f.para('If you cannot attend, please telephone the appointments centre on %s so that we can offer your appointment to someone else.' % H['tel'])
    f.para('Patients who do not attend may be discharged back to their GP.')
    f.gap(6)
    f.line('Yours sincerely')
    f.gap(16)
    f.line('Appointments Centre')
    p.text(60, p.Hpt - 24, 'Car parking is limited. Please allow extra time. Large print versions of this letter are available on request.', reg, 7.5)

def k_continuation(doc):
    P = doc.P
    rng = R(doc.id, 'layout')
    hand = doc.hand
    for i in range(doc.npages):
        p = doc.new_page()
        W = p.Wpt
        p.text(50, 44, doc.H['trust'], 'heros', 8)
        p.text(50, 64, 'CONTINUATION SHEET', 'heros-b', 13)
        p.text(50, 80, 'Affix patient label or write name, hospital number and NHS number on every sheet', 'heros', 7)
        if doc.label:
            lx, ly = W - 235, 34
            p.rect(lx - 6, ly - 4, 195, 56, color=(0.96, 0.96, 0.9))
            p.rect(lx - 6, ly - 4, 195, 56, fill=False, lw=0.3, color=(0.6, 0.6, 0.6))
            fl = Flow(p, lx, lx + 185, ly, 'gomono', 8, mode='dotmatrix', lead=1.3)
            fl.line(doc.name('upper'))
            doc.dl = 'DOB'
            fl.line('DOB %s  %s' % (doc.dob, P['sex']))
            doc.nl = 'NHS'
            fl.line('NHS %s' % doc.nhs)
            fl.line('MRN %s' % P['hosp'])
            doc.d('hospital_number', P['hosp'])
        else:
            p.rect(W - 240, 34, 195, 56, fill=False, lw=0.6)
        # ruled lines and margin
        p.rect(110, 100, 0.6, p.Hpt - 140, color=(0.8, 0.3, 0.3))
        for yy in range(118, int(p.Hpt) - 40, 22):
            p.hline(50, W - 40, yy, 0.4, (0.65, 0.75, 0.9))
        lines = doc.cont_lines[i]
        color = rng.choice([(0.05, 0.1, 0.4), (0.05, 0.05, 0.05)])
        yy = 114
        for (d, t) in lines:
            if d:
                p.text(50, yy, d, hand, 9.5, color, mode='hand', gt=False)
            if t:
                p.text(116, yy, t, hand, 13, color, mode='hand', gt=False)
            p.add_gt((d + ' ' + t).strip(), (52, yy - 13, W - 100, 18))
            yy += 22
        page_of(p, doc, 'heros', 7, 'Sheet {i}')

def cont_text(doc):
    P, sc = doc.P, doc.sc
    d0 = doc.date
    rng = R(doc.id, 'cont')
    dd = lambda k: fmt_date(d0 + datetime.timedelta(days=k), 'slash2')
    pages = [[(dd(0), 'Ward round - %s' % doc.H['cons']), ('', 'Pt comfortable overnight, eating and'), ('', 'drinking. Obs stable, apyrexial.'),
              ('', 'Plan: bloods today, mobilise with physio'), ('', 'review results pm.'), (dd(0), 'FY1 - bloods sent. Hb %d.' % rng.randint(90, 140)),
              ('', 'Discussed with reg.'), (dd(1), 'Nursing: slept well. Pain 2/10.'), ('', 'Family visited, aware of plan.'),
              (dd(1), 'Ward round'), ('', 'Dx: ' + sc['dx'][:34]), ('', 'For discharge tomorrow if stable.')]]
    if doc.npages > 1:
        pages.append([(dd(2), 'Physio: walked 20m with frame,'), ('', 'stairs assessed, safe for home.'), (dd(2), 'OT: home visit not required.'),
                      ('', 'Pt keen to go home.'), (dd(2), 'Pharmacy: TTOs ready.'), ('', 'Meds: ' + sc['meds'][0][:30]), (dd(3), 'Discharged home with'),
                      ('', 'daughter at 14:30.'), ('', 'GP letter sent.')])
    return pages

KINDS = {'dictated': k_dictated, 'terse': k_terse, 'two_page_header': k_two_page_header, 'demographics_box': k_demographics_box,
         'compliments_slip': k_compliments, 'soap': k_soap, 'ers_export': k_ers, 'tickbox_proforma': k_tickbox,
         'gp_system_export': k_gpsystem, 'clinic_letter': k_clinic, 'discharge_summary': k_discharge, 'lab_report': k_lab,
         'appointment_letter': k_appointment, 'handwritten_continuation': k_continuation}

# ----------------------------------------------------------------------------- the set
C_, M_, H_ = 'clean', 'moderate', 'hard'
RL = 'referral_letter'

def SPEC():
    S = []
    a = S.append
    a(Doc(1, RL, 'ers_export', 2, 'pdf', 300, [C_, M_], scen=0))
    a(Doc(2, RL, 'tickbox_proforma', 1, 'g4', 300, [M_], scen=0, flags={'form:2ww', 'stamp', 'annot'}))
    a(Doc(3, RL, 'dictated', 1, 'jpgg', 300, [C_], scen=1, fam='libertine', q=72))
    a(Doc(4, RL, 'soap', 1, 'png', 200, [M_], scen=2, flags={'highlight', 'punch'}))
    a(Doc(5, RL, 'gp_system_export', 2, 'lzw', 300, [M_, M_], scen=3, flags={'system:emis', 'stamp'}))
    a(Doc(6, RL, 'gp_system_export', 1, 'jpgc', 300, [M_], scen=4, q=55, flags={'system:systmone', 'paper:pink', 'annot'}))
    a(Doc(7, RL, 'gp_system_export', 1, 'g4', 200, [H_], scen=5, flags={'system:vision', 'photocopy3'}))
    a(Doc(8, RL, 'terse', 1, 'g3', 200, [H_], scen=6, flags={'fax'}))
    a(Doc(9, RL, 'two_page_header', 2, 'pdfc', 300, [C_, M_], sizes=['A4', 'Letter'], scen=7, flags={'stamp'}))
    a(Doc(10, RL, 'demographics_box', 1, 'jpgg', 300, [H_], scen=8, q=45, flags={'pencil', 'bleed', 'annot_overlap'}))
    a(Doc(11, RL, 'dictated', 1, 'g4', 400, [M_], scen=9, fam='typewriter', flags={'typewriter', 'staple'}))
    a(Doc(12, RL, 'ers_export', 1, 'jpgc', 200, [C_], scen=10, q=80))
    a(Doc(13, RL, 'tickbox_proforma', 1, 'zip', 300, [M_], scen=1, flags={'form:racpc', 'highlight', 'annot'}))
    a(Doc(14, RL, 'gp_system_export', 2, 'g4', 200, [M_, M_], scen=11, flags={'system:emis_lv', 'dotmatrix'}))
    a(Doc(15, RL, 'soap', 1, 'jpgg', 150, [H_], scen=0, q=60, flags={'motion'}))
    a(Doc(16, RL, 'gp_system_export', 2, 'pdf', 200, [M_, H_], scen=2, flags={'system:systmone', 'stain', 'fold'}))
    a(Doc(17, RL, 'terse', 1, 'png', 300, [M_], rot=[90], scen=3, flags={'stamp'}))
    a(Doc(18, RL, 'dictated', 2, 'g4', 300, [M_, M_], scen=4, fam='garamond', flags={'punch', 'stamp'}))
    a(Doc(19, RL, 'demographics_box', 2, 'lzw', 300, [C_, M_], scen=5, flags={'twobox'}))
    a(Doc(20, RL, 'two_page_header', 2, 'g3', 200, [M_, H_], scen=6, flags={'fax'}))
    a(Doc(21, RL, 'gp_system_export', 1, 'jpgc', 300, [M_], scen=7, q=75, flags={'system:vision', 'paper:blue', 'halftone'}))
    a(Doc(22, RL, 'compliments_slip', 1, 'jpgc', 200, [M_], sizes=['DL'], scen=8, q=65))
    a(Doc(23, RL, 'tickbox_proforma', 1, 'raw', 200, [M_], rot=[180], scen=3, flags={'form:msk'}))
    a(Doc(24, RL, 'dictated', 2, 'pdf', 300, [M_, H_], rot=[0, 270], scen=9, fam='garamond8', flags={'thin', 'stain'}))
    a(Doc(25, RL, 'ers_export', 1, 'g4', 300, [M_], scen=10, flags={'stamp', 'edge'}))
    a(Doc(26, RL, 'gp_system_export', 1, 'jpgg', 300, [C_], scen=11, q=85, flags={'system:emis'}))
    a(Doc(27, RL, 'terse', 1, 'jpgg', 200, [H_], scen=1, q=50, fam='typewriter', flags={'typewriter', 'photocopy2', 'annot_overlap'}))
    a(Doc(28, RL, 'demographics_box', 1, 'png', 300, [C_], scen=2, flags={'halftone'}))
    a(Doc(29, RL, 'two_page_header', 2, 'lzw', 200, [M_, C_], scen=0, flags={'staple'}))
    a(Doc(30, RL, 'soap', 1, 'g4', 150, [H_], scen=4, flags={'photocopy2', 'bleed'}))
    a(Doc(31, RL, 'gp_system_export', 2, 'pdf', 300, [M_, C_], sizes=['Letter', 'Letter'], scen=5, flags={'system:systmone', 'paper:yellow'}))
    a(Doc(32, 'continuation_sheet', 'handwritten_continuation', 1, 'g4', 300, [H_], rot=[90], scen=6, flags={'hand:hand-breip', 'photocopy2'}))
    a(Doc(33, 'clinic_letter', 'clinic_letter', 2, 'pdfc', 300, [M_, M_], scen=7, flags={'halftone', 'highlight'}))
    a(Doc(34, 'clinic_letter', 'clinic_letter', 1, 'bwraw', 300, [C_], scen=8))
    a(Doc(35, 'clinic_letter', 'clinic_letter', 1, 'jpgc', 300, [M_], scen=9, q=60, flags={'paper:green', 'annot'}))
    a(Doc(36, 'discharge_summary', 'discharge_summary', 3, 'pdf', 200, [M_, M_, H_], scen=10, flags={'punch', 'photocopy2'}))
    a(Doc(37, 'discharge_summary', 'discharge_summary', 2, 'g4', 300, [C_, M_], scen=11, flags={'staple'}))
    a(Doc(38, 'discharge_summary', 'discharge_summary', 2, 'lzw', 300, [M_, M_], scen=0, flags={'edge'}))
    a(Doc(39, 'lab_result', 'lab_report', 1, 'png', 300, [C_], scen=1))
    a(Doc(40, 'lab_result', 'lab_report', 2, 'g3', 200, [H_, M_], scen=2, flags={'fax'}))
    a(Doc(41, 'lab_result', 'lab_report', 1, 'jpgg', 200, [H_], scen=3, q=40, flags={'dotmatrix', 'fold'}))
    a(Doc(42, 'appointment_letter', 'appointment_letter', 1, 'jpgc', 300, [C_], scen=4, q=85))
    a(Doc(43, 'appointment_letter', 'appointment_letter', 1, 'g4', 200, [M_], scen=5, flags={'halftone', 'annot'}))
    a(Doc(44, 'continuation_sheet', 'handwritten_continuation', 2, 'pdf', 200, [M_, H_], scen=6, flags={'hand:hand-dkg', 'label', 'stain'}))
    a(Doc(45, 'continuation_sheet', 'handwritten_continuation', 1, 'png', 300, [M_], scen=7, flags={'hand:hand-femke', 'label'}))
    for d in S:
        rng = R(d.id, 'attrs')
        d.sigs = True
        for fl in list(d.flags):
            if ':' in fl:
                k, v = fl.split(':', 1)
                setattr(d, {'form': 'form', 'system': 'system', 'hand': 'hand', 'paper': 'paper'}[k], v)
        d.label = 'label' in d.flags
        if d.kind == 'handwritten_continuation':
            d.cont_lines = cont_text(d)
        if d.fmt == 'g3':
            d.dpis = [200] * d.npages
    return S

PAPERS = {'pink': (1.0, 0.88, 0.9), 'blue': (0.86, 0.92, 1.0), 'yellow': (1.0, 0.97, 0.78), 'green': (0.88, 0.98, 0.86)}
ANNOTS = ['Seen', 'Urgent - pls book', '? 2WW', 'Routine', 'Book new pt clinic', 'Pls scan to notes', 'Upgrade to urgent',
          'Copy to GP', 'Cons to see', 'OK to list', 'Triage - soon', 'Chase bloods']

def reverse_side(page):
    """a synthetic reverse side (for bleed-through): unrelated printed text"""
    q = Page(page.doc, 90 + page.idx, page.size_name, page.dpi, 1)
    f = Flow(q, 60, q.Wpt - 60, 60, 'termes', 10.5)
    rng = R(page.doc.id, 'reverse', page.idx)
    sc = SCEN[rng.randrange(len(SCEN))]
    for _ in range(3):
        for t in sc['hpi'] + [sc['exam'], sc['plan'], sc['req']]:
            f.para(t.replace('{', '').replace('}', ''))
    return q.img

def degrade(doc, page):
    i = page.idx
    diff = doc.diffs[i]
    rng = page.rng
    fl = doc.flags
    W, Hh = page.Wpt, page.Hpt
    pool_m = ['stamp', 'annot', 'highlight', 'punch', 'staple', 'edge', 'photocopy1', 'stain_small', 'texture', 'bleed_light', 'spread']
    pool_h = ['photocopy2', 'bleed', 'stain', 'toner_loss', 'blur', 'lowcontrast', 'noise', 'fold', 'annot_overlap', 'stamp_overlap']
    chosen = set()
    if diff == M_:
        chosen |= set(rng.sample(pool_m, 2))
    elif diff == H_:
        chosen |= set(rng.sample(pool_h, 3)) | set(rng.sample(pool_m, 1))
    forced = {'stamp', 'annot', 'highlight', 'punch', 'staple', 'edge', 'stain', 'fold', 'bleed', 'annot_overlap', 'motion',
              'photocopy2', 'photocopy3', 'pencil'}
    if diff != C_:
        chosen |= (fl & forced) if (i == 0 or rng.random() < 0.5) else set()
        if 'photocopy3' in chosen:
            chosen.discard('photocopy2')
    page.flush_mpl()
    # --- printing
    if 'pencil' in chosen or 'lowcontrast' in chosen:
        k = rng.uniform(0.38, 0.5)
        page.img = 1 - (1 - page.img) * k
        page.degr.append('low_contrast_pencil_grey_print')
    if 'thin' in fl:
        page.degr.append('thin_serif_small_font')
    if 'typewriter' in fl:
        page.degr.append('typewriter_font_uneven_strike')
    if 'dotmatrix' in fl or doc.kind == 'compliments_slip' or doc.label:
        page.degr.append('dot_matrix_print')
    # --- paper life
    if 'bleed' in chosen or 'bleed_light' in chosen:
        d_bleed(page, reverse_side(page), rng.uniform(0.25, 0.4) if 'bleed' in chosen else rng.uniform(0.1, 0.18))
    if 'photocopy3' in chosen:
        d_toner_spread(page, 2)
        d_photocopy(page, 3)
        d_toner_loss(page, 0.35)
    elif 'photocopy2' in chosen:
        d_photocopy(page, 2)
        if rng.random() < 0.6:
            d_toner_loss(page, 0.25)
    elif 'photocopy1' in chosen:
        d_photocopy(page, 1)
    if 'toner_loss' in chosen and 'toner_loss' not in page.degr:
        d_toner_loss(page, 0.3)
    if 'spread' in chosen:
        d_toner_spread(page, 2 if page.dpi >= 300 else 2)
    if getattr(doc, 'paper', None):
        d_paper(page, PAPERS[doc.paper], doc.paper)
    boxes = [b for b in page.boxes if b is not None and b[1] > 40]
    if ('highlight' in chosen) and boxes:
        for b in rng.sample(boxes, min(len(boxes), rng.randint(1, 3))):
            ov_highlight(page, b, rng.choice([(1.0, 0.95, 0.25), (0.6, 1.0, 0.45), (1.0, 0.6, 0.85)]))
        page.degr.append('highlighter')
    if 'stamp' in chosen or 'stamp_overlap' in chosen:
        rd = doc.date + datetime.timedelta(days=rng.randint(2, 12))
        ds = '%02d %s %d' % (rd.day, MONTHS[rd.month - 1][:3].upper(), rd.year)
        doc.d('received_stamp_date', ds)
        lines = [rng.choice(['RECEIVED', 'RECEIVED', 'REC\'D']), ds, rng.choice(['MEDICAL RECORDS', 'CENTRAL BOOKING SERVICE', 'OUTPATIENTS', doc.H['spec'].upper()])]
        if 'stamp_overlap' in chosen and boxes:
            b = rng.choice(boxes)
            x, y = b[0] + rng.uniform(0, 150), b[1] - 10
        else:
            x, y = W - rng.uniform(190, 240), rng.uniform(60, 160) if Hh > 400 else 20
        ov_stamp(page, x, y, lines, rng.choice([(0.75, 0.1, 0.15), (0.15, 0.2, 0.7), (0.45, 0.1, 0.5)]))
        page.degr.append('rubber_stamp' + ('_over_text' if 'stamp_overlap' in chosen else ''))
    if 'annot' in chosen or 'annot_overlap' in chosen:
        for j in range(rng.randint(1, 2)):
            t = rng.choice(ANNOTS)
            if rng.random() < 0.4:
                ad = doc.date + datetime.timedelta(days=rng.randint(3, 20))
                t = t + ' %s %d/%d' % (rng.choice(['JB', 'AK', 'RT', 'MW']), ad.day, ad.month)
                doc.d('annotation_date', '%d/%d' % (ad.day, ad.month))
            if 'annot_overlap' in chosen and boxes:
                b = rng.choice(boxes)
                x, y = b[0] + rng.uniform(0, max(1, b[2] * 0.6)), b[1] - 6
            else:
                x, y = rng.uniform(40, W - 200), rng.uniform(20, 60) if j == 0 else Hh - rng.uniform(60, 120)
            ov_annotation(page, x, y, t, rng.choice([(0.1, 0.15, 0.6), (0.05, 0.05, 0.05), (0.7, 0.1, 0.1)]))
        page.degr.append('handwritten_annotation' + ('_over_text' if 'annot_overlap' in chosen else ''))
    if 'stain' in chosen or 'stain_small' in chosen:
        r = rng.uniform(60, 110) if 'stain' in chosen else rng.uniform(30, 50)
        d_stain(page, rng.uniform(100, W - 100), rng.uniform(100, max(120, Hh - 100)), min(r, Hh / 3))
    if 'punch' in chosen:
        d_punch_holes(page)
    if 'staple' in chosen and i == 0:
        d_staple(page)
    # --- scanner
    if diff != C_ or rng.random() < 0.5:
        d_texture(page, 0.03 if diff == C_ else rng.uniform(0.04, 0.1))
        page.degr.append('paper_texture_lighting')
    skew = rng.uniform(-0.5, 0.5) if diff == C_ else (rng.uniform(-2.0, 2.0) if diff == M_ else rng.choice([-1, 1]) * rng.uniform(1.5, 3.0))
    curl = None
    persp = 0.0
    if 'fold' in chosen:
        side = rng.choice(['left', 'right'])
        curl = (side, rng.uniform(0.5, 1.0))
    if diff == H_ and rng.random() < 0.3:
        persp = rng.uniform(-0.03, 0.03)
    d_warp(page, skew, persp, curl)
    page.skew = round(skew, 2)
    if curl:
        d_fold_shadow(page, curl[0], rng.uniform(0.4, 0.65))
    if 'edge' in chosen:
        d_edge_shadow(page, rng.sample(['left', 'right', 'top', 'bottom'], 2), rng.uniform(0.3, 0.5))
    d_mtf(page)
    if 'blur' in chosen:
        d_blur(page, rng.choice(['gauss', 'disc']), rng.uniform(1.0, 1.8))
    if 'motion' in chosen:
        d_blur(page, 'motion', rng.uniform(1.2, 2.0))
    if 'noise' in chosen:
        d_noise(page, rng.uniform(0.05, 0.09))
    elif diff != C_:
        d_noise(page, rng.uniform(0.01, 0.03))
    if diff == H_ and 'pencil' not in chosen and rng.random() < 0.4:
        d_contrast(page, rng.uniform(0.12, 0.25), rng.uniform(0.8, 0.9), 'washed_out_scan')
    page.img = np.clip(page.img, 0, 1)

# ----------------------------------------------------------------------------- encoders
_sdl = _img = None

def _sdl_init():
    global _sdl, _img
    if _sdl is None:
        _sdl = ctypes.CDLL('libSDL2-2.0.so.0')
        _img = ctypes.CDLL('libSDL2_image-2.0.so.0')
        _sdl.SDL_CreateRGBSurfaceWithFormatFrom.restype = ctypes.c_void_p
        _sdl.SDL_CreateRGBSurfaceWithFormatFrom.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_uint32]
        _sdl.SDL_FreeSurface.argtypes = [ctypes.c_void_p]
        _img.IMG_SaveJPG.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]

def jfif_density(path, dx, dy):
    b = bytearray(open(path, 'rb').read())
    assert b[2:4] == b'\xff\xe0' and b[6:11] == b'JFIF\x00', path
    b[13] = 1
    b[14:16] = struct.pack('>H', dx)
    b[16:18] = struct.pack('>H', dy)
    open(path, 'wb').write(bytes(b))

def save_jpeg(path, arr, q, dpi):
    """arr uint8 (H, W) grey or (H, W, 3) colour"""
    if arr.ndim == 2:
        # true single-channel JPEG: pygame writes a BMP, libjpeg-turbo's cjpeg -grayscale encodes it
        with tempfile.TemporaryDirectory() as td:
            bmp = os.path.join(td, 'p.bmp')
            rgb = np.repeat(arr[..., None], 3, axis=2)
            pygame.image.save(pygame.surfarray.make_surface(rgb.transpose(1, 0, 2)), bmp)
            subprocess.run(['cjpeg', '-grayscale', '-quality', str(q), '-outfile', path, bmp], check=True)
    else:
        _sdl_init()
        a = np.ascontiguousarray(arr)
        h, w = a.shape[:2]
        s = _sdl.SDL_CreateRGBSurfaceWithFormatFrom(a.ctypes.data, w, h, 24, w * 3, 0x17101803)
        rc = _img.IMG_SaveJPG(s, path.encode(), int(q))
        _sdl.SDL_FreeSurface(s)
        assert rc == 0, 'IMG_SaveJPG failed'
    jfif_density(path, dpi, dpi)

def save_png(path, arr, dpi):
    rgb = arr if arr.ndim == 3 else np.repeat(arr[..., None], 3, axis=2)
    pygame.image.save(pygame.surfarray.make_surface(np.ascontiguousarray(rgb.transpose(1, 0, 2))), path)
    b = open(path, 'rb').read()
    assert b[12:16] == b'IHDR'
    ppm = int(round(dpi / 0.0254))
    body = b'pHYs' + struct.pack('>IIB', ppm, ppm, 1)
    chunk = struct.pack('>I', 9) + body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)
    open(path, 'wb').write(b[:33] + chunk + b[33:])

def save_tiff(path, pages, comp, res):
    """pages: list of uint8 grey or bool (True = black) arrays; res: list of (xdpi, ydpi)"""
    tmp = path + '.tmp.tif'
    with tifffile.TiffWriter(tmp) as tw:
        for a, (xr, yr) in zip(pages, res):
            if a.dtype == bool:
                tw.write(a, photometric='miniswhite', resolution=(xr, yr), resolutionunit='INCH', metadata=None,
                         software='ocr12 make_set.py', contiguous=False)
            else:
                tw.write(a, photometric='minisblack', resolution=(xr, yr), resolutionunit='INCH', metadata=None,
                         software='ocr12 make_set.py', contiguous=False)
    c = {'g4': 'g4', 'g3': 'g3:2d:fill', 'lzw': 'lzw:2', 'zip': 'zip:2', 'raw': 'none', 'bwraw': 'none'}[comp]
    subprocess.run(['tiffcp', '-c', c, '-r', '64' if comp not in ('raw', 'bwraw') else '16', tmp, path], check=True)
    os.remove(tmp)

def save_pdf(path, pages):
    """own minimal PDF writer; pages: list of dict(data, filter, w, h, cs, wpt, hpt)"""
    objs = []
    def add(o):
        objs.append(o)
        return len(objs)
    cat = add(None)
    pg = add(None)
    kids = []
    for p in pages:
        im = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 /Filter /%s /Length %d >>\nstream\n'
                 % (p['w'], p['h'], p['cs'].encode(), p['filter'].encode(), len(p['data'])) + p['data'] + b'\nendstream')
        cs = b'q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q' % (p['wpt'], p['hpt'])
        ct = add(b'<< /Length %d >>\nstream\n' % len(cs) + cs + b'\nendstream')
        kids.append(add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>'
                        % (pg, p['wpt'], p['hpt'], im, ct)))
    objs[cat - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % pg
    objs[pg - 1] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (b' '.join(b'%d 0 R' % k for k in kids), len(kids))
    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offs = []
    for n, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b'%d 0 obj\n' % n + o + b'\nendobj\n'
    x = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for o in offs:
        out += b'%010d 00000 n \n' % o
    out += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, cat, x)
    open(path, 'wb').write(bytes(out))

def to_u8(img, nr):
    a = img + nr.uniform(-0.5 / 255, 0.5 / 255, size=img.shape[:2]).astype(np.float32)[..., None]
    return np.clip(np.round(a * 255), 0, 255).astype(np.uint8)

def grey(img):
    if img.shape[2] == 1:
        return img[..., 0]
    return 0.299 * img[..., 0] + 0.587 * img[..., 1] + 0.114 * img[..., 2]

def rot(a, deg):
    return np.rot90(a, k=-(deg // 90)) if deg else a

# ----------------------------------------------------------------------------- main
FMT_NAMES = {'g4': 'tiff-ccitt-g4-bilevel', 'g3': 'tiff-ccitt-g3-fax-bilevel', 'lzw': 'tiff-lzw-grey', 'zip': 'tiff-deflate-grey',
             'raw': 'tiff-uncompressed-grey', 'bwraw': 'tiff-uncompressed-bilevel', 'jpgg': 'jpeg-grey', 'jpgc': 'jpeg-colour',
             'png': 'png', 'pdf': 'pdf-image-only-grey', 'pdfc': 'pdf-image-only-colour'}
EXT = {'g4': 'tif', 'g3': 'tif', 'lzw': 'tif', 'zip': 'tif', 'raw': 'tif', 'bwraw': 'tif', 'jpgg': 'jpg', 'jpgc': 'jpg', 'png': 'png',
       'pdf': 'pdf', 'pdfc': 'pdf'}

def fax_header(doc, page):
    rng = R(doc.id, 'faxhdr', page.idx)
    t = '%s %02d:%02d FROM: %s %s P.%03d/%03d' % (fmt_date(doc.date, 'slash'), rng.randint(8, 18), rng.randint(0, 59),
                                                doc.pr['fax'], doc.pr['name'].upper()[:26], page.idx + 1, doc.npages)
    page.img[:int(22 * page.s)] = 1.0
    page.text(30, 14, t, 'gomono', 7.5, gt=False)
    page.gt.insert(0, norm_line(t))
    page.boxes.insert(0, None)
    page.degr.append('fax_header_line')
    doc.d('fax_header', t)

def build(doc, out):
    t0 = datetime.datetime.now()
    KINDS[doc.kind](doc)
    assert len(doc.pages) == doc.npages, (doc.id, len(doc.pages))
    rng = R(doc.id, 'encode')
    enc_pages = []
    res = []
    for page in doc.pages:
        degrade(doc, page)
        nr = NR(doc.id, 'q', page.idx)
        deg = doc.rots[page.idx]
        if deg:
            page.degr.append('rotated_%d_cw' % deg)
        if doc.fmt == 'g3':
            fax_header(doc, page)
            bw = d_fax(page, rng, nr)
            page.degr.append('fax_200x100_banding_line_errors')
            W = 1728
            padded = np.zeros((bw.shape[0], W), bool)
            off = (W - bw.shape[1]) // 2
            padded[:, off:off + bw.shape[1]] = bw
            enc_pages.append(rot(padded, deg))
            res.append((204, 98))
        elif doc.fmt in ('g4', 'bwraw'):
            g = grey(page.img)
            thr = 0.55 if doc.diffs[page.idx] != H_ else rng.uniform(0.45, 0.62)
            enc_pages.append(rot(g < thr, deg))
            page.degr.append('binarised_%.2f' % thr)
            res.append((page.dpi, page.dpi))
        elif doc.fmt in ('lzw', 'zip', 'raw', 'jpgg') or (doc.fmt in ('png', 'pdf') and page.C == 1):
            enc_pages.append(rot(to_u8(grey(page.img)[..., None], nr)[..., 0], deg))
            res.append((page.dpi, page.dpi))
        else:
            enc_pages.append(rot(to_u8(page.img, nr), deg))
            res.append((page.dpi, page.dpi))
        page.img = None
    ext = EXT[doc.fmt]
    fn = '%s.%s' % (doc.id, ext)
    path = os.path.join(out, fn)
    q = None
    if ext == 'tif':
        save_tiff(path, enc_pages, doc.fmt, res)
    elif ext == 'jpg':
        q = doc.q or rng.randint(45, 85)
        save_jpeg(path, enc_pages[0], q, res[0][0])
    elif ext == 'png':
        save_png(path, enc_pages[0], res[0][0])
    else:
        q = doc.q or rng.randint(50, 82)
        pp = []
        with tempfile.TemporaryDirectory() as td:
            for k, (a, page) in enumerate(zip(enc_pages, doc.pages)):
                h, w = a.shape[:2]
                wpt, hpt = w / page.dpi * 72, h / page.dpi * 72
                cs = 'DeviceRGB' if a.ndim == 3 else 'DeviceGray'
                if doc.fmt == 'pdfc' and k == 1:
                    pp.append(dict(data=zlib.compress(a.tobytes(), 6), filter='FlateDecode', w=w, h=h, cs=cs, wpt=wpt, hpt=hpt))
                    page.degr.append('pdf_page_lossless_flate')
                else:
                    jp = os.path.join(td, 'p%d.jpg' % k)
                    save_jpeg(jp, a, q, page.dpi)
                    pp.append(dict(data=open(jp, 'rb').read(), filter='DCTDecode', w=w, h=h, cs=cs, wpt=wpt, hpt=hpt))
        save_pdf(path, pp)
    gt = '\n\f\n'.join('\n'.join(p.gt) for p in doc.pages) + '\n'
    open(os.path.join(out, doc.id + '.gt.txt'), 'w', encoding='utf-8').write(gt)
    if doc.dtype == RL:
        assert doc.has_nhs and doc.has_dob, doc.id
    if doc.has_nhs:
        assert doc.nhs_printed in gt, (doc.id, doc.nhs_printed)
    if doc.has_dob:
        assert doc.dob_printed in gt, (doc.id, doc.dob_printed)
    ctx = lambda v: next((l for l in gt.split('\n') if v and v in l), None)
    overlays = []
    for p in doc.pages:
        overlays.extend(p.overlays)
    fonts = sorted(set().union(*[p.fonts for p in doc.pages]))
    rec = {
        'file': fn, 'ground_truth': doc.id + '.gt.txt', 'document_type': doc.dtype, 'kind': doc.kind + (('/' + doc.system) if hasattr(doc, 'system') else '') + (('/' + doc.form) if hasattr(doc, 'form') else ''),
        'pages': doc.npages,
        'nhs_number': doc.P['nhs'] if doc.has_nhs else None,
        'date_of_birth': doc.P['dob'].isoformat() if doc.has_dob else None,
        'nhs_as_printed': doc.nhs_printed if doc.has_nhs else None,
        'dob_as_printed': doc.dob_printed if doc.has_dob else None,
        'nhs_line_in_gt': ctx(doc.nhs_printed) if doc.has_nhs else None,
        'dob_line_in_gt': ctx(doc.dob_printed) if doc.has_dob else None,
        'patient_name': '%s %s %s' % (doc.P['title'], doc.P['first'], doc.P['last']),
        'degradations': [p.degr for p in doc.pages],
        'difficulty': list(doc.diffs),
        'rotation_clockwise_deg': list(doc.rots),
        'skew_deg': [getattr(p, 'skew', 0.0) for p in doc.pages],
        'format': FMT_NAMES[doc.fmt] if doc.fmt != 'png' else ('png-colour' if doc.chans == 3 else 'png-grey-as-rgb'),
        'jpeg_quality': q,
        'dpi': [r[0] for r in res],
        'dpi_xy': [list(r) for r in res],
        'rendered_dpi': [p.dpi for p in doc.pages],
        'page_size': [p.size_name for p in doc.pages],
        'fonts': fonts,
        'overlay_text_not_in_gt': overlays,
        'logo_text_not_in_gt': sorted(set(sum([getattr(p, 'logo_text', []) for p in doc.pages], []))),
        'distractors': doc.distr,
    }
    dt = (datetime.datetime.now() - t0).total_seconds()
    print('%s %-28s %-26s %d p  %5.1fs' % (doc.id, doc.kind, rec['format'], doc.npages, dt), flush=True)
    return rec

README = """# ocr12 - sealed OCR evaluation set: scanned NHS paper documents (fictional)

{nfiles} files, {npages} pages. Generated by `make_set.py` (run: `/usr/bin/python3 make_set.py --out DIR`).
All people, practices, hospitals, numbers and addresses are fictional: NHS numbers are in the 999 test
range with valid modulus-11 check digits, postcodes use the non-existent ZX area, phone numbers are in the
Ofcom drama range 01632 960xxx.

## Tool chain (Debian bookworm packages + Python standard library only)
- Text: FreeType through `pygame.freetype` (python3-pygame 2.1.2), `render_raw` coverage bitmaps placed
  into numpy arrays; per-glyph cached rendering for typewriter (uneven strike, baseline jitter) and
  handwriting-style text; dot-matrix text made by re-sampling glyph coverage onto an own dot grid.
- Tables and forms: matplotlib Agg (`ax.table`, `ax.text`, `Rectangle` tick boxes) drawn on a transparent
  figure at scan resolution and composited from `buffer_rgba()`. matplotlib imports Pillow at import time;
  the generator puts an empty stub module in its place first, so no Pillow code is loaded or used.
- Paper life and scanner: numpy + scipy.ndimage only (affine/map_coordinates warps for skew, keystone and
  page curl, gaussian_filter, own disc/motion kernels, grey_erosion toner spread, own noise/lighting fields,
  own halftone screen for letterheads, own fax model).
- Encoders: PNG by `pygame.image.save` (plus an own pHYs chunk); colour JPEG by SDL_image `IMG_SaveJPG`
  (called with ctypes to set the quality); greyscale (1-channel) JPEG by libjpeg-turbo `cjpeg -grayscale`
  from a pygame-written BMP; TIFF by tifffile (uncompressed) then libtiff `tiffcp` for LZW, deflate,
  CCITT G3 (2-D, fax) and G4; PDF by an own minimal writer (one image XObject per page: DCTDecode pages and
  one FlateDecode page; page sizes A4, US Letter and mixed). JFIF/PNG/TIFF/PDF carry the page resolution.
- Fonts: {fonts}.
- Not used: Pillow, ImageMagick, GraphicsMagick, LibreOffice, browsers, cairo/Pango/rsvg, groff, netpbm,
  Ghostscript, mutool, poppler, pdfium, TeX, libvips, fontTools, OpenCV, scikit-image, any OCR engine.

## Ground truth conventions (`docNN.gt.txt`, UTF-8)
- Printed text in reading order, one printed line per line; pages separated by a line holding a single
  form feed (`\\f`); runs of spaces collapsed; no blank lines.
- Several text runs on one baseline (e.g. `Patient: ...` at the left and `DOB ...` further right, lab
  result columns) form one line, runs joined by one space, left to right. Table rows: cells joined by one
  space, left to right, empty cells skipped.
- Side-by-side blocks (address block beside a demographics box, practice name block beside an address
  block, a form heading beside a patient label, a handwritten note beside a label): left block read
  completely, then the right block. A demographics box that itself holds two columns of `Label: value`
  pairs (doc19) is read left column first, then right column.
- Not text: logos (also where a logo contains letters, e.g. the NHS lozenge: listed in the manifest as
  `logo_text_not_in_gt`), rules, boxes, tick-box graphics and crosses, listing-paper bands, tractor holes.
- Overlay marks are NOT in the ground truth: rubber stamps, handwritten annotations, signatures,
  highlighter. Their text is listed per file in `overlay_text_not_in_gt`.
- Handwriting-style *body* text of a document (continuation sheets, the note on the compliments slip) is
  the document's own content and IS in the ground truth; only marks added on top of a document count as
  overlays.
- Reverse-side text seen through the paper (bleed-through) is not text of the page and is not in the GT.
- A fax header line printed by the receiving fax machine is printed text and is the first GT line of each
  fax page.
- Rotated pages (`rotation_clockwise_deg` 90/180/270: the page content appears rotated by that many
  degrees clockwise in the image; rotate it back counter-clockwise to read) are transcribed in normal
  reading order.
- White (reversed) text on dark bands is printed text and is in the GT.

## Manifest (`manifest.jsonl`, one object per file)
`file`, `ground_truth`, `document_type` (referral_letter | clinic_letter | discharge_summary | lab_result |
appointment_letter | continuation_sheet), `kind` (layout; GP-system exports and proformas carry a suffix),
`pages`, `nhs_number` (10 digits or null), `date_of_birth` (YYYY-MM-DD or null), `nhs_as_printed` and
`dob_as_printed` (the value exactly as it appears in the GT), `nhs_line_in_gt`/`dob_line_in_gt` (first GT
line containing it), `degradations` (list per page), `difficulty` (per page: clean | moderate | hard),
`rotation_clockwise_deg` and `skew_deg` (per page), `format`, `jpeg_quality`, `dpi` (per page, x
resolution as stored), `dpi_xy` (per page; fax pages are 204 x 98), `rendered_dpi`, `page_size`, `fonts`,
`overlay_text_not_in_gt`, `logo_text_not_in_gt`, `distractors` (other numbers/dates printed or stamped:
hospital numbers, a 10-digit MRN that fails the modulus-11 check, UBRNs, phones, letter/clinic/received
dates, lab numbers, practice codes, fax header).

## Counts
{counts}

## Determinism
All randomness is derived from strings (`random.Random(str)` and numpy PCG64 seeded from SHA-256 of a
string). `SHA256SUMS` lists every file of the set; a second full run into another folder gave identical
sums (`sha256sum -c SHA256SUMS`).
"""

def counts_text(recs):
    from collections import Counter
    def tab(title, c):
        return '- %s: ' % title + ', '.join('%s %d' % (k, v) for k, v in sorted(c.items()))
    dt = Counter(r['document_type'] for r in recs)
    dtp = Counter()
    for r in recs:
        dtp[r['document_type']] += r['pages']
    fm = Counter(r['format'] for r in recs)
    df = Counter(d for r in recs for d in r['difficulty'])
    dp = Counter(d for r in recs for d in r['dpi'])
    ro = Counter(d for r in recs for d in r['rotation_clockwise_deg'])
    ps = Counter(d for r in recs for d in r['page_size'])
    kd = Counter(r['kind'] for r in recs if r['document_type'] == RL)
    return '\n'.join([tab('files per document type', dt), tab('pages per document type', dtp), tab('files per format', fm),
                      tab('pages per difficulty', df), tab('pages per stored x-dpi', dp), tab('pages per rotation', ro),
                      tab('pages per page size', ps), tab('referral letter kinds (files)', kd)])

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument('--only', default='')
    a = ap.parse_args()
    out = a.out
    os.makedirs(out, exist_ok=True)
    only = {int(x) for x in a.only.split(',') if x}
    t0 = datetime.datetime.now()
    recs = []
    for doc in SPEC():
        if only and doc.num not in only:
            continue
        recs.append(build(doc, out))
    with open(os.path.join(out, 'manifest.jsonl'), 'w', encoding='utf-8') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + '\n')
    allfonts = sorted(set(x for r in recs for x in r['fonts']))
    rd = README.format(nfiles=len(recs), npages=sum(r['pages'] for r in recs), fonts=', '.join(allfonts), counts=counts_text(recs))
    open(os.path.join(out, 'README.md'), 'w', encoding='utf-8').write(rd)
    src = os.path.abspath(__file__)
    if os.path.abspath(os.path.join(out, 'make_set.py')) != src:
        shutil.copyfile(src, os.path.join(out, 'make_set.py'))
    names = sorted(n for n in os.listdir(out) if n != 'SHA256SUMS' and os.path.isfile(os.path.join(out, n)))
    with open(os.path.join(out, 'SHA256SUMS'), 'w') as f:
        for n in names:
            f.write('%s  %s\n' % (hashlib.sha256(open(os.path.join(out, n), 'rb').read()).hexdigest(), n))
    print('done in %.0fs' % (datetime.datetime.now() - t0).total_seconds())
    print(counts_text(recs))

if __name__ == '__main__':
    main()
