#!/usr/bin/env python3
"""make_set.py - builds the sealed OCR evaluation set "ocr9".

Tool chain: Python stdlib writes roff (-ms + tbl) -> groff -Tps -> Ghostscript (pgmraw/ppmraw)
-> netpbm + GraphicsMagick + stdlib byte-level code -> pnmtotiff/tiffcp/pbmtog3+fax2tiff,
cjpeg, pnmtopng, own image-only PDF writer.  All randomness is string-seeded.

usage: python3 make_set.py [OUTDIR] [--jobs N]
"""
import os, sys, json, hashlib, random, subprocess, shutil, re, datetime, tempfile, operator
from concurrent.futures import ProcessPoolExecutor

SEED = "ocr9-v1"
FONTDIR = "/usr/share/groff/current/font/devps"
ENV = dict(os.environ, OMP_NUM_THREADS="1", SOURCE_DATE_EPOCH="1700000000", LC_ALL="C",
           MAGICK_THREAD_LIMIT="1")


def R(*keys):
    return random.Random(SEED + "|" + "|".join(str(k) for k in keys))


def sh(cmd, cwd=None):
    r = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=cwd, env=ENV,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise RuntimeError("command failed: %s\n%s" % (cmd, r.stderr.decode("latin-1")[-2000:]))
    return r.stdout


# ----------------------------------------------------------------------------- font metrics
PSNAME = {"TR": "Times-Roman", "TB": "Times-Bold", "TI": "Times-Italic", "TBI": "Times-BoldItalic",
          "HR": "Helvetica", "HB": "Helvetica-Bold", "HI": "Helvetica-Oblique",
          "HNR": "Helvetica-Narrow", "HNB": "Helvetica-Narrow-Bold",
          "CR": "Courier", "CB": "Courier-Bold", "CI": "Courier-Oblique",
          "BMR": "Bookman-Light", "BMB": "Bookman-Demi", "BMI": "Bookman-LightItalic",
          "PR": "Palatino-Roman", "PB": "Palatino-Bold", "PI": "Palatino-Italic",
          "NR": "NewCenturySchlbk-Roman", "NB": "NewCenturySchlbk-Bold",
          "AR": "AvantGarde-Book", "AB": "AvantGarde-Demi", "ZCMI": "ZapfChancery-MediumItalic"}
URW = {"Times": "URW Nimbus Roman", "Helvetica-Narrow": "URW Nimbus Sans Narrow",
       "Helvetica": "URW Nimbus Sans", "Courier": "URW Nimbus Mono PS", "Bookman": "URW Bookman",
       "Palatino": "URW P052", "NewCenturySchlbk": "URW C059", "AvantGarde": "URW Gothic",
       "ZapfChancery": "URW Z003"}
_MET = {}


def metrics(font):
    if font not in _MET:
        w = {}
        inch = False
        last = 500
        for line in open(os.path.join(FONTDIR, font), encoding="latin-1"):
            line = line.rstrip("\n")
            if line.startswith("charset"):
                inch = True
                continue
            if not inch:
                continue
            p = line.split("\t")
            if len(p) < 2:
                continue
            if p[1] == '"':
                w[p[0]] = last
                continue
            try:
                last = int(p[1].split(",")[0])
            except ValueError:
                continue
            w[p[0]] = last
        if "aq" in w:
            w["'"] = w["aq"]
        _MET[font] = w
    return _MET[font]


def textwidth(s, font, size):
    m = metrics(font)
    return sum(m.get(c, 556) for c in s) * size / 1000.0 / 72.0  # inches


def font_label(f):
    ps = PSNAME[f]
    for k, v in URW.items():
        if ps.startswith(k):
            return "%s (%s)" % (ps, v)
    return ps


# ----------------------------------------------------------------------------- roff page builder
PAGESIZES = {"A4": (8.27, 11.69, "a4"), "Letter": (8.5, 11.0, "letter"), "DL": (8.27, 3.9, "99m,210m")}


def esc(s):
    s = s.replace("\\", "\\e").replace("'", "\\(aq")
    if s.startswith("."):
        s = "\\&" + s
    return s


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


class Page:
    def __init__(self, size="A4", margin=1.0, top=0.55, font="TR", ps=10.5):
        self.size = size
        self.w, self.h, self.gpaper = PAGESIZES[size]
        self.ml = margin
        self.ll = round(self.w - 2 * margin, 3)
        self.roff = [".ds CH", ".ds CF", ".ds LH", ".ds RH", ".ds LF", ".ds RF",
                     ".nr PO %.3fi" % margin, ".nr LL %.3fi" % self.ll, ".nr HM 0.2i", ".nr FM 0.15i", ".pl 40i", ".LP",
                     ".lg 0",
                     ".po %.3fi" % margin, ".ll %.3fi" % self.ll, ".nf", ".nh", ".ad l",
                     ".defcolor nhsblue rgb 0.0 0.37 0.72", ".defcolor band gray 0.80",
                     ".defcolor lband gray 0.90", ".defcolor dband gray 0.55",
                     ".defcolor inkblue rgb 0.05 0.12 0.45", ".defcolor darkgreen rgb 0.0 0.35 0.2"]
        self.gt = []
        self.y = 0.0
        self.fonts = set()
        self.lines = []  # (baseline_in, x0_in, x1_in)
        self.anchors = {}
        self.blank = False
        self.setf(font, ps)
        self.goto(top)

    # -- state
    def setf(self, font, ps, vs=None):
        self.font, self.ps = font, ps
        self.vs = vs or round(ps * 1.22, 2)
        self.fonts.add(font)
        self.roff += [".ft %s" % font, ".ps %s" % ps, ".vs %sp" % self.vs]

    def goto(self, y):
        self.roff.append(".sp |%.3fi" % y)
        self.y = y

    def space(self, inches):
        self.roff.append(".sp %.3fi" % inches)
        self.y += inches

    def raw(self, s):
        self.roff.append(s)

    def _out(self, roffline, gt, x0=0.0, width=None):
        self.roff.append(roffline)
        self.y += self.vs / 72.0
        if gt is not None and collapse(gt):
            self.gt.append(collapse(gt))
            if width is None:
                width = textwidth(gt, self.font, self.ps)
            self.lines.append((self.y, self.ml + x0, self.ml + x0 + width))
        if self.y > self.h - 0.2:
            raise RuntimeError("page overflow at %.2f" % self.y)

    def text(self, t, align="l", indent=0.0, color=None, gt=True, font=None, pre=""):
        r = esc(t)
        if font:
            r = "\\f[%s]%s\\f[]" % (font, r)
            self.fonts.add(font)
        if color:
            r = "\\m[%s]%s\\m[]" % (color, r)
        w = textwidth(t, font or self.font, self.ps)
        x0 = indent
        if align == "c":
            self.roff.append(".ce 1")
            x0 = (self.ll - w) / 2
        elif align == "r":
            self.roff.append(".rj 1")
            x0 = self.ll - w
        elif indent:
            r = "\\h'%.3fi'" % indent + r
        self._out(pre + r, t if gt else None, x0, w)

    def jitter_text(self, t, rng, amount=0.025, sizes=(0,), indent=0.0):
        """typewriter / handwriting look: per-word baseline jitter and size variation."""
        parts = []
        for word in t.split(" "):
            dv = rng.uniform(-amount, amount)
            ds = rng.choice(sizes)
            s = esc(word)
            if ds:
                s = "\\s%+d%s\\s0" % (ds, s) if abs(ds) < 10 else s
            parts.append("\\v'%.3fi'%s\\v'%.3fi'" % (dv, s, -dv))
        r = " ".join(parts)
        if indent:
            r = "\\h'%.3fi'" % indent + r
        self._out(r, t, indent)

    def blankline(self, n=1):
        for _ in range(n):
            self._out("", None)

    def row(self, left, right, lfont=None, rfont=None):
        l = esc(left) if not lfont else "\\f[%s]%s\\f[]" % (lfont, esc(left))
        r = esc(right) if not rfont else "\\f[%s]%s\\f[]" % (rfont, esc(right))
        for f in (lfont, rfont):
            if f:
                self.fonts.add(f)
        self.roff.append(".ta %.3fiR" % self.ll)
        self._out("%s\t%s" % (l, r), left + " " + right, 0, self.ll)

    def tabs(self, parts, stops, fonts=None):
        """one printed line, several fields at tab stops (stops in inches, '3.2R' allowed)."""
        self.roff.append(".ta " + " ".join(("%si" % s) if isinstance(s, str) else "%.3fi" % s
                                             for s in stops))
        segs = []
        for i, p in enumerate(parts):
            f = fonts[i] if fonts else None
            if f:
                self.fonts.add(f)
            segs.append(esc(p) if not f else "\\f[%s]%s\\f[]" % (f, esc(p)))
        self._out("\t".join(segs), " ".join(p for p in parts if p.strip()), 0, self.ll)

    def columns(self, left, right, xr, rlab=None, lfont=None, box=None):
        """side-by-side columns. left: list of strings; right: list of strings or (label, value).
        GT: left column completely, then right column."""
        n = max(len(left), len(right))
        stops = [xr] if not rlab else [xr, xr + rlab]
        self.roff.append(".ta " + " ".join("%.3fi" % s for s in stops))
        y0 = self.y
        if box:
            # box drawn around right column: (pad, fillcolor or None)
            pad, fill = box
            h = n * self.vs / 72.0 + 2 * pad
            wbox = self.ll - xr + pad
            cmd = ""
            if fill:
                cmd += "\\M[%s]\\D'P %.3fi 0 0 %.3fi %.3fi 0'\\M[]" % (fill, wbox, h, -wbox)
            cmd += "\\D't 0.8p'\\D'p %.3fi 0 0 %.3fi %.3fi 0'" % (wbox, h, -wbox)
            self.draw(cmd, xr - pad, 0.06 - pad + 0.02)
        gl, gr = [], []
        for i in range(n):
            l = left[i] if i < len(left) else ""
            r = right[i] if i < len(right) else ""
            if isinstance(r, tuple):
                rs = "%s\t%s" % (esc(r[0]), esc(r[1]))
                rg = r[0] + " " + r[1]
            else:
                rs, rg = esc(r), r
            ls = esc(l) if not lfont else "\\f[%s]%s\\f[]" % (lfont, esc(l))
            self._out("%s\t%s" % (ls, rs), None)
            if collapse(l):
                gl.append(collapse(l))
                self.lines.append((self.y, self.ml, self.ml + textwidth(l, self.font, self.ps)))
            if collapse(rg):
                gr.append(collapse(rg))
        self.gt += gl + gr
        return y0

    def para(self, text, width=None, indent=0.0, jitter=None):
        width = (width or self.ll - indent) * 0.96
        words = text.split()
        cur = ""
        out = []
        for w in words:
            t = (cur + " " + w) if cur else w
            if textwidth(t, self.font, self.ps + (1 if jitter else 0)) > width and cur:
                out.append(cur)
                cur = w
            else:
                cur = t
        if cur:
            out.append(cur)
        for l in out:
            if jitter:
                self.jitter_text(l, jitter[0], jitter[1], jitter[2], indent)
            else:
                self.text(l, indent=indent)
        return out

    def draw(self, cmd, dx=0.0, dy=0.0):
        """draw relative to the current position (top of the next line); no net motion."""
        self.roff.append("\\Z'\\h'%.3fi'\\v'%.3fi'%s'" % (dx, dy, cmd))
        self.roff.append(".sp -1")

    def hrule(self, width=None, thick=0.8, dy=0.0, dx=0.0):
        """rule in the gap below the previous line; adds a little space after it."""
        width = width or self.ll
        self.draw("\\D't %sp'\\D'l %.3fi 0'" % (thick, width), dx, -0.7 * self.vs / 72.0 + 0.02)
        self.space(0.07)

    def fillbox(self, dx, dy, w, h, color="band", outline=False):
        cmd = "\\M[%s]\\D'P %.3fi 0 0 %.3fi %.3fi 0'\\M[]" % (color, w, h, -w)
        if outline:
            cmd += "\\D't 0.6p'\\D'p %.3fi 0 0 %.3fi %.3fi 0'" % (w, h, -w)
        self.draw(cmd, dx, dy)

    def boxline(self, dx, dy, w, h, thick=0.6):
        self.draw("\\D't %sp'\\D'p %.3fi 0 0 %.3fi %.3fi 0'" % (thick, w, h, -w), dx, dy)

    def tickbox(self, label, ticked, indent=0.0, rng=None):
        s = 0.13
        cmd = "\\Z'\\v'0.01i'\\D't 0.6p'\\D'p %.3fi 0 0 %.3fi %.3fi 0''" % (s, -s, -s)
        if ticked:
            cmd += "\\Z'\\v'-0.05i'\\h'0.02i'\\D't 1.4p'\\D'l 0.04i 0.05i'\\D'l 0.09i -0.15i''"
        r = "\\h'%.3fi'%s\\h'0.25i'%s" % (indent, cmd, esc(label))
        self._out(r, label, indent + 0.25)

    def table(self, rows, spec, opts="box", head_font=None, widths=None):
        """tbl table. rows: list of lists of cells; spec: list of tbl format lines."""
        self.raw(".TS")
        self.raw("tab(~) %s;" % opts)
        for i, s in enumerate(spec):
            self.raw(s + ("." if i == len(spec) - 1 else ""))
        for r in rows:
            if r == "_":
                self.raw("_")
                continue
            self.raw("~".join(esc(c) for c in r))
            g = " ".join(collapse(c) for c in r if collapse(c))
            if g:
                self.gt.append(g)
            self.y += self.vs / 72.0 * (1.18 if "allbox" in opts else 1.0)
            self.lines.append((self.y, self.ml, self.ml + self.ll * 0.7))
        self.raw(".TE")
        self.raw(".nf")
        self.y += 0.12 + (0.08 if "box" in opts else 0)
        for s in spec:
            for f in re.findall(r"f\(?([A-Z]+)", s):
                self.fonts.add(f)
            for f in re.findall(r"[lrcn]([BI])", s):
                self.fonts.add(self.font[:-1] + f if self.font[-1] in "RBI" else self.font)
        if self.y > self.h - 0.2:
            raise RuntimeError("page overflow (table) at %.2f" % self.y)

    def footer(self, lines, font="HR", ps=7.5, align="l", bottom=0.45):
        self.setf(font, ps)
        self.goto(self.h - bottom - len(lines) * self.vs / 72.0)
        for l in lines:
            self.text(l, align=align)

    def source(self):
        return "\n".join(self.roff) + "\n"


# ----------------------------------------------------------------------------- fictional data
FIRST_M = ["James", "Robert", "David", "Mohammed", "Peter", "Arthur", "Kevin", "Gareth", "Tomasz", "Ravi",
           "Colin", "Desmond", "Liam", "Stuart", "Owen", "Harold", "Imran", "Keith", "Neville", "Samuel"]
FIRST_F = ["Margaret", "Susan", "Aisha", "Patricia", "Joan", "Emily", "Deborah", "Priya", "Kathleen",
           "Olga", "Hannah", "Beryl", "Nadia", "Gwen", "Sandra", "Louise", "Mary", "Fatima", "Irene", "Zoe"]
SURN = ["Ashworth", "Pennington", "Okafor", "Hargreaves", "Kowalski", "Thistlewood", "Begum", "Fairclough",
        "Winterbottom", "Nakamura", "Pickering", "Oduya", "Greenhalgh", "Mcallister", "Underwood", "Patel",
        "Sowerby", "Quinlan", "Brightwell", "Haslam", "Demir", "Rowntree", "Castellano", "Blackburn",
        "Eastwood", "Lindqvist", "Marsden", "Tennant", "Whitlock", "Yeoman", "Cheung", "Dunmore"]
STREETS = ["Orchard Lane", "Mill Street", "Victoria Road", "Church Walk", "Beacon Close", "Hawthorn Avenue",
           "Station Parade", "Kiln Row", "Meadow Bank", "Foundry Court", "Ropewalk", "Castle Terrace",
           "Willow Crescent", "Tanner's Yard", "Primrose Hill", "Canal Side"]
TOWNS = ["Eastmere", "Kingsholt", "Ashby Moor", "Wendleford", "Castlebridge", "Holmbrook", "Sallow Cross",
         "Northwick", "Marlow Vale", "Fennington"]
PRACTICES = ["Riverside Medical Centre", "The Old Forge Surgery", "Beacon Hill Health Centre",
             "Wendleford Family Practice", "Castle Street Surgery", "Holmbrook Group Practice",
             "Parkview Medical Practice", "The Willows Surgery", "Northwick Health Centre",
             "Fennington Road Surgery", "Marlow Vale Medical Group", "Kingsholt Primary Care Centre"]
HOSPITALS = [("Eastmere General Hospital", "Eastmere Hospitals NHS Foundation Trust"),
             ("St Aldhelm's Hospital", "Castlebridge and District NHS Trust"),
             ("Kingsholt Royal Infirmary", "Kingsholt University Hospitals NHS Trust"),
             ("Northwick Community Hospital", "Northwick and Sallow NHS Foundation Trust"),
             ("Wendleford District Hospital", "Wendleford Valley NHS Trust")]
DOCS = ["Hughes", "Anand", "Ferreira", "Lockwood", "Mensah", "O'Rourke", "Sinclair", "Varga", "Whitaker",
        "Ibrahim", "Kettle", "Rahman", "Doyle", "Chatterjee", "Fitzgerald", "Moreau"]
INITS = "ABCDEFGHJKLMNPRSTW"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON = [m[:3] for m in MONTHS]


def nhs_number(rng):
    while True:
        d = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, d + [c]))


def nhs_valid(n):
    d = [int(c) for c in n]
    s = sum(x * (10 - i) for i, x in enumerate(d[:9]))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def fmt_nhs(n, style):
    if style == "sp":
        return "%s %s %s" % (n[:3], n[3:6], n[6:])
    if style == "dash":
        return "%s-%s-%s" % (n[:3], n[3:6], n[6:])
    return n


def ordinal(d):
    return "%d%s" % (d, "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))


def fmt_date(d, style):
    if style == "slash":
        return "%02d/%02d/%d" % (d.day, d.month, d.year)
    if style == "slash2":
        return "%d/%d/%02d" % (d.day, d.month, d.year % 100)
    if style == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "dot2":
        return "%02d.%02d.%02d" % (d.day, d.month, d.year % 100)
    if style == "mon":
        return "%02d-%s-%d" % (d.day, MON[d.month - 1], d.year)
    if style == "monsp":
        return "%02d %s %d" % (d.day, MON[d.month - 1], d.year)
    if style == "ord":
        return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    if style == "dash":
        return "%02d-%02d-%d" % (d.day, d.month, d.year)
    if style == "upper":
        return "%02d-%s-%d" % (d.day, MON[d.month - 1].upper(), d.year)
    raise ValueError(style)


def phone(rng):
    return "01632 960%03d" % rng.randrange(1000)


def mobile(rng):
    return "07700 900%03d" % rng.randrange(1000)


def postcode(rng):
    return "ZX%d %d%s%s" % (rng.randrange(1, 20), rng.randrange(10), rng.choice("ABDEFGHJLNPQRSTUWXY"),
                            rng.choice("ABDEFGHJLNPQRSTUWXY"))


class Ctx:
    """all fictional facts for one document."""

    def __init__(self, idx, year_range=(2016, 2024)):
        rng = R("ctx", idx)
        self.rng = rng
        self.sex = rng.choice("MF")
        self.first = rng.choice(FIRST_M if self.sex == "M" else FIRST_F)
        self.middle = rng.choice(FIRST_M if self.sex == "M" else FIRST_F)
        self.last = rng.choice(SURN)
        self.title = "Mr" if self.sex == "M" else rng.choice(["Mrs", "Ms", "Miss"])
        self.he, self.his, self.him = ("he", "his", "him") if self.sex == "M" else ("she", "her", "her")
        self.letter_date = datetime.date(rng.randrange(*year_range), rng.randrange(1, 13), rng.randrange(1, 29))
        age = rng.randrange(24, 89)
        self.dob = datetime.date(self.letter_date.year - age, rng.randrange(1, 13), rng.randrange(1, 29))
        self.age = age - (1 if (self.dob.month, self.dob.day) > (self.letter_date.month, self.letter_date.day) else 0)
        self.nhs = nhs_number(rng)
        self.addr = ["%d %s" % (rng.randrange(1, 180), rng.choice(STREETS)), rng.choice(TOWNS), postcode(rng)]
        self.tel = phone(rng)
        self.mob = mobile(rng)
        self.hosp_no = rng.choice(["K", "RX", "H", "E"]) + "%07d" % rng.randrange(10 ** 7)
        self.ubrn = "%04d %04d %04d" % (rng.randrange(10 ** 4), rng.randrange(10 ** 4), rng.randrange(10 ** 4))
        self.practice = rng.choice(PRACTICES)
        self.practice_code = "Z%05d" % rng.randrange(10 ** 5)
        self.pr_addr = ["%d %s" % (rng.randrange(1, 90), rng.choice(STREETS)), rng.choice(TOWNS), postcode(rng)]
        self.pr_tel = phone(rng)
        self.pr_fax = phone(rng)
        self.gp = "Dr %s %s" % (rng.choice(INITS), rng.choice(DOCS))
        self.gp_gmc = "%07d" % rng.randrange(10 ** 7)
        self.hosp, self.trust = rng.choice(HOSPITALS)
        self.h_addr = ["%s Road" % rng.choice(TOWNS), rng.choice(TOWNS), postcode(rng)]
        self.h_tel = phone(rng)
        self.cons = "Dr %s %s" % (rng.choice(INITS), rng.choice(DOCS))
        self.mr_cons = "Mr %s %s" % (rng.choice(INITS), rng.choice(DOCS))
        self.typist = rng.choice(INITS).lower() + rng.choice(INITS).lower()
        self.scen = rng.choice(SCENARIOS)
        self.recv_date = self.letter_date + datetime.timedelta(days=rng.randrange(2, 12))
        self.distractors = []

    @property
    def name(self):
        return "%s %s %s" % (self.title, self.first, self.last)

    def d(self, s):
        self.distractors.append(s)
        return s


SCENARIOS = [
    dict(spec="Cardiology", clinic="Rapid Access Chest Pain Clinic", prio="Urgent",
         reason="Exertional chest tightness",
         hx="{Pro} describes a six week history of central chest tightness on walking uphill, relieved by rest within five minutes. No symptoms at rest. {Pro} is an ex-smoker of 20 pack years and {his} father had a myocardial infarction at 58.",
         ex="BP 148/88, pulse 78 regular, heart sounds normal, chest clear, no ankle oedema. ECG in surgery showed sinus rhythm with no acute changes.",
         pmh=["Hypertension", "Hypercholesterolaemia", "Type 2 diabetes (diet controlled)"],
         meds=[("Amlodipine", "5mg once daily"), ("Atorvastatin", "20mg at night"), ("Aspirin", "75mg once daily")],
         ask="I would be grateful for your assessment and further investigation as you see fit."),
    dict(spec="Gastroenterology", clinic="Lower GI Two Week Wait", prio="2WW",
         reason="Change in bowel habit and iron deficiency anaemia",
         hx="{Pro} reports a change in bowel habit to looser stools for the past ten weeks with occasional dark blood mixed in. {Pro} has lost about 4 kg in weight unintentionally. FIT result was 182 ug Hb/g.",
         ex="Abdomen soft, non-tender, no masses palpable. Rectal examination unremarkable. Hb 98 g/L, ferritin 9 ug/L.",
         pmh=["Osteoarthritis", "Hypothyroidism"],
         meds=[("Levothyroxine", "100 micrograms daily"), ("Paracetamol", "1g four times daily PRN")],
         ask="I would be grateful if you could see {him} urgently under the two week wait pathway."),
    dict(spec="Dermatology", clinic="Skin Cancer Two Week Wait", prio="2WW",
         reason="Changing pigmented lesion left shoulder",
         hx="{Pro} noticed a mole on the left shoulder which has enlarged and darkened over three months and now bleeds occasionally. It measures 9 x 7 mm with irregular border and two colours.",
         ex="Asymmetric pigmented lesion with irregular border, no palpable lymphadenopathy. Dermoscopy image attached.",
         pmh=["Previous basal cell carcinoma excised 2012", "Asthma"],
         meds=[("Salbutamol inhaler", "2 puffs PRN"), ("Beclometasone inhaler", "200 micrograms twice daily")],
         ask="Please assess for possible melanoma."),
    dict(spec="Orthopaedics", clinic="Knee Clinic", prio="Routine",
         reason="Right knee osteoarthritis, failed conservative management",
         hx="{Pro} has had progressive right knee pain for three years, now limiting walking to 200 yards and disturbing sleep. {Pro} has completed a course of physiotherapy and uses a stick.",
         ex="Varus deformity, crepitus, fixed flexion of 10 degrees, range 10 to 95 degrees. X-ray shows severe medial compartment narrowing.",
         pmh=["Obesity (BMI 34)", "Gout"],
         meds=[("Naproxen", "500mg twice daily"), ("Omeprazole", "20mg daily"), ("Allopurinol", "200mg daily")],
         ask="I would be grateful for consideration of total knee replacement."),
    dict(spec="Neurology", clinic="General Neurology Clinic", prio="Soon",
         reason="Progressive tremor and slowness",
         hx="{His_} family have noticed a resting tremor of the right hand over the last year, with smaller handwriting and a shuffling gait. No falls. Sense of smell reduced.",
         ex="Resting tremor right hand, cogwheel rigidity right wrist, reduced arm swing on the right.",
         pmh=["Depression", "Benign prostatic hyperplasia"],
         meds=[("Sertraline", "50mg daily"), ("Tamsulosin", "400 micrograms daily")],
         ask="I would value your opinion regarding possible Parkinson's disease."),
    dict(spec="Respiratory", clinic="Lung Cancer Two Week Wait", prio="2WW",
         reason="Persistent cough and abnormal chest X-ray",
         hx="{Pro} has had a cough for eight weeks with one episode of haemoptysis. {Pro} is a current smoker of 30 pack years. Chest X-ray on the 2nd of this month reported a 2.5 cm right upper lobe opacity.",
         ex="Chest: reduced air entry right apex. Oxygen saturation 95% on air. No clubbing.",
         pmh=["COPD", "Peripheral vascular disease"],
         meds=[("Tiotropium", "18 micrograms inhaled daily"), ("Clopidogrel", "75mg daily")],
         ask="Please see urgently on the suspected lung cancer pathway."),
    dict(spec="Urology", clinic="Urology Outpatients", prio="Urgent",
         reason="Raised PSA",
         hx="{Pro} presented with nocturia three times a night and poor stream. PSA was 11.4 ng/mL, repeated at 12.1 ng/mL four weeks later. No haematuria.",
         ex="DRE: moderately enlarged prostate, firm on the left lobe. Urinalysis negative.",
         pmh=["Hypertension", "Atrial fibrillation"],
         meds=[("Apixaban", "5mg twice daily"), ("Ramipril", "5mg daily"), ("Bisoprolol", "2.5mg daily")],
         ask="I would be grateful for your assessment."),
    dict(spec="Endocrinology", clinic="Diabetes and Endocrine Clinic", prio="Routine",
         reason="Thyroid nodule",
         hx="{Pro} noticed a painless swelling in the front of the neck four months ago. TSH 1.8 mU/L. Ultrasound shows a 2.1 cm solid nodule in the left lobe, U3.",
         ex="Smooth mobile nodule left lobe of thyroid, no cervical lymphadenopathy. Voice normal.",
         pmh=["Migraine", "Iron deficiency"],
         meds=[("Propranolol", "40mg twice daily"), ("Ferrous fumarate", "210mg daily")],
         ask="Please could you see {him} for further assessment and consideration of FNA."),
    dict(spec="Gynaecology", clinic="Gynaecology Two Week Wait", prio="2WW",
         reason="Postmenopausal bleeding",
         hx="{Pro} is {age} years old and had {his} last period at 51. {Pro} reports three episodes of vaginal bleeding over the last month. Not on HRT.",
         ex="Speculum examination: cervix looks healthy, small amount of blood in the vault. Bimanual examination unremarkable.",
         pmh=["Hypertension", "Type 2 diabetes"],
         meds=[("Metformin", "1g twice daily"), ("Lisinopril", "10mg daily")],
         ask="I would be grateful if you could see her urgently."),
    dict(spec="ENT", clinic="ENT Outpatients", prio="Routine",
         reason="Unilateral hearing loss and tinnitus",
         hx="{Pro} reports gradual loss of hearing in the left ear over nine months with constant high pitched tinnitus. No vertigo, no discharge.",
         ex="Otoscopy normal both sides. Rinne positive bilaterally, Weber lateralises to the right.",
         pmh=["Gastro-oesophageal reflux"],
         meds=[("Lansoprazole", "30mg daily")],
         ask="Please assess and consider MRI internal auditory meatus."),
    dict(spec="Rheumatology", clinic="Early Inflammatory Arthritis Clinic", prio="Urgent",
         reason="Inflammatory polyarthritis",
         hx="{Pro} has had painful swollen hands and wrists for eight weeks with early morning stiffness lasting two hours. CRP 34 mg/L, rheumatoid factor positive, anti-CCP pending.",
         ex="Synovitis of the 2nd and 3rd MCP joints bilaterally and the right wrist. Squeeze test positive.",
         pmh=["Psoriasis"],
         meds=[("Naproxen", "250mg three times daily"), ("Omeprazole", "20mg daily")],
         ask="I would be grateful if you could see {him} in the early arthritis clinic."),
    dict(spec="Old Age Psychiatry", clinic="Memory Assessment Service", prio="Routine",
         reason="Progressive memory impairment",
         hx="{His_} daughter reports increasing forgetfulness over eighteen months, repeating questions and getting lost while driving. 6CIT score 16/28. Bloods including B12, folate and TFTs are normal.",
         ex="Alert, pleasant, mild word finding difficulty. No focal neurology.",
         pmh=["Hypertension", "Previous TIA 2019"],
         meds=[("Clopidogrel", "75mg daily"), ("Amlodipine", "10mg daily"), ("Simvastatin", "40mg at night")],
         ask="I would be grateful for a memory assessment."),
]


def sfill(c, s):
    return s.format(Pro=c.he.capitalize(), pro=c.he, his=c.his, His_=c.his.capitalize(), him=c.him,
                    age=c.age)


# ----------------------------------------------------------------------------- layout pieces
def logo(p, dx, dy, size=0.45, color="nhsblue", kind=0):
    """letterless logo drawn with \\D requests (not text)."""
    s = size
    if kind == 0:   # rounded shield: box + ellipse
        cmd = "\\M[%s]\\D'P %.3fi 0 0 %.3fi %.3fi 0'\\M[]" % (color, s, s * 0.8, -s)
        cmd += "\\h'%.3fi'\\v'%.3fi'\\M[white]\\D'E %.3fi %.3fi'\\M[]" % (s * 0.2, s * 0.4, s * 0.6, s * 0.5)
    elif kind == 1:  # stylised tree: triangle + trunk
        cmd = "\\M[%s]\\D'P %.3fi %.3fi %.3fi 0'\\M[]" % (color, s / 2, -s * 0.8, s / 2)
        cmd += "\\h'-%.3fi'\\D't 3p'\\D'l 0 %.3fi'" % (s / 2, s * 0.25)
    else:            # concentric circles
        cmd = "\\D't 1.5p'\\D'c %.3fi'\\h'-%.3fi'\\D'c %.3fi'" % (s, s * 0.82, s * 0.64)
    p.draw(cmd, dx, dy)


def practice_head(p, c, style, rng, big=False):
    name = c.practice
    tel = c.d("Tel: " + c.pr_tel)
    fax = c.d("Fax: " + c.pr_fax)
    if style == 0:    # centred, rule below
        p.setf("HB" if not big else "TB", 15 if not big else 18)
        p.text(name, "c")
        p.setf("HR", 9)
        p.text(", ".join(c.pr_addr), "c")
        p.text("%s  %s" % (tel, fax), "c")
        p.hrule(thick=1.2, dy=0.02)
        p.space(0.08)
    elif style == 1:  # logo left, name right aligned
        logo(p, 0, 0.05, 0.55, kind=rng.randrange(3))
        p.setf("TB", 14)
        p.text(name, "r")
        p.setf("TR", 9.5)
        for l in c.pr_addr:
            p.text(l, "r")
        p.text(tel, "r")
        p.text(fax, "r")
        if big:
            p.text("Practice code " + c.practice_code, "r")
            c.d("Practice code " + c.practice_code)
        p.space(0.05)
    elif style == 2:  # grey band with name (halftones on some printers)
        p.fillbox(-0.15, 0.02, p.ll + 0.3, 0.42 if not big else 0.6, color="band")
        p.setf("HB", 16)
        p.text(name, indent=0.05)
        p.setf("HR", 9)
        p.text(" | ".join(c.pr_addr + [tel]), indent=0.05)
        p.space(0.12)
    else:             # boxed: name, address, partners
        p.boxline(-0.1, 0.0, p.ll + 0.2, 0.78)
        p.setf("BMB", 13)
        p.text(name, indent=0.05)
        p.setf("BMR", 8.5)
        p.text(", ".join(c.pr_addr) + "   " + tel, indent=0.05)
        p.text("Partners: " + ", ".join("Dr %s %s" % (rng.choice(INITS), rng.choice(DOCS)) for _ in range(3)),
               indent=0.05)
        p.space(0.2)


def hosp_head(p, c, style, rng, dept=None):
    dept = dept or c.scen["spec"]
    if style == 0:
        logo(p, p.ll - 0.5, 0.02, 0.5, kind=0)
        p.setf("HB", 13)
        p.text(c.trust)
        p.setf("HR", 10)
        p.text(c.hosp)
        p.text("Department of " + dept)
        p.text(", ".join(c.h_addr))
        p.text(c.d("Switchboard: " + c.h_tel))
        p.hrule(thick=1.0, dy=0.02)
        p.space(0.05)
    elif style == 1:
        p.fillbox(-0.2, 0.0, p.ll + 0.4, 0.5, color="lband")
        p.setf("PB", 15)
        p.text(c.hosp, "c")
        p.setf("PR", 9.5)
        p.text(c.trust, "c")
        p.space(0.08)
        p.setf("PR", 9.5)
        p.text("%s, %s" % (dept, ", ".join(c.h_addr)), "c")
        p.text(c.d("Tel %s" % c.h_tel), "c")
        p.space(0.1)
    else:
        logo(p, 0, 0.02, 0.5, kind=2)
        p.setf("NB", 12)
        p.text(c.trust, "r")
        p.setf("NR", 9)
        p.text(c.hosp, "r")
        p.text(dept, "r")
        p.text(c.d("Direct line %s" % phone(rng)), "r")
        p.space(0.2)


def recipient_lines(c, to_hosp=True):
    if to_hosp:
        return [c.cons, "Consultant, %s" % c.scen["spec"], c.hosp] + c.h_addr
    return [c.gp, c.practice] + c.pr_addr


def patient_addr(c):
    return [c.name] + c.addr


def body(p, c, rng, paras, jitter=None):
    for t in paras:
        p.para(sfill(c, t), jitter=jitter)
        p.space(0.07)


def med_lines(c):
    return ["%s %s" % m for m in c.scen["meds"]]


# ----------------------------------------------------------------------------- document kinds
def k_dictated(c, rng, fmt, npages, opt):
    sz = opt.get("size", "A4")
    font = opt.get("font", rng.choice(["TR", "PR", "BMR", "NR", "HR"]))
    p = Page(sz, margin=rng.choice([0.9, 1.0, 1.1]), top=0.45)
    practice_head(p, c, opt.get("head", rng.randrange(4)), rng)
    p.setf(font, 10.5)
    ref = c.d("Our ref: %s/%s" % ("".join(w[0] for w in c.gp.split()[1:]), c.typist.upper()))
    date = c.d(fmt_date(c.letter_date, rng.choice(["long", "ord", "slash"])))
    p.row(ref, date)
    p.space(0.2)
    for l in recipient_lines(c):
        p.text(l)
    p.space(0.25)
    p.text("Dear %s," % c.cons)
    p.space(0.1)
    nst = opt.get("nhs", rng.choice(["sp", "plain", "dash"]))
    dst = opt.get("dob", rng.choice(["slash", "long", "dot2", "mon", "ord"]))
    nh = "NHS No: " + fmt_nhs(c.nhs, nst) if rng.random() < 0.5 else "NHS Number " + fmt_nhs(c.nhs, nst)
    db = ("DOB " if dst in ("slash", "dot2", "mon") else "Date of Birth: ") + fmt_date(c.dob, dst)
    p.setf(font[:-1] + "B" if font.endswith("R") else font, 10.5)
    p.text("Re: %s %s %s" % (c.title, c.first, c.last.upper()))
    p.text("%s, %s" % (db, nh) if rng.random() < 0.5 else db)
    line2 = None
    if not ("%s, %s" % (db, nh)) in p.gt[-1]:
        p.text(nh)
    p.text(", ".join(c.addr))
    c.nhs_print, c.dob_print = nh, db
    p.setf(font, 10.5)
    p.space(0.12)
    s = c.scen
    paras = ["Thank you for seeing this %d year old %s who presents with %s." %
             (c.age, "man" if c.sex == "M" else "woman", s["reason"].lower()), s["hx"], s["ex"]]
    pages = [p]
    body(p, c, rng, paras)
    if npages >= 2 and not opt.get("blank_last"):
        p.footer(["Page 1 of %d" % npages], align="r")
        p = Page(sz, margin=p.ml, top=0.6)
        p.setf(font, 10.5)
        p.text("Re: %s %s, %s" % (c.first, c.last, nh))
        p.space(0.2)
        pages.append(p)
    p.text("Past medical history: " + ", ".join(s["pmh"]) + ".")
    p.text("Current medication:")
    for m in med_lines(c):
        p.text(m, indent=0.3)
    p.text("Allergies: " + rng.choice(["No known drug allergies", "Penicillin (rash)", "NKDA"]))
    p.space(0.1)
    body(p, c, rng, [s["ask"]])
    p.space(0.05)
    p.text("Yours sincerely,")
    p.anchors["signature"] = p.y
    p.space(0.55)
    p.text(c.gp)
    p.text("General Practitioner")
    if rng.random() < 0.6:
        p.setf(font, 8)
        p.text("Dictated %s, typed %s" % (c.gp.split()[-1], c.typist))
    p.footer(["%s is a member of %s Primary Care Network. Practice code %s." % (
        c.practice, c.pr_addr[1], c.practice_code),
        "This letter contains confidential patient information. If received in error please telephone %s." % c.pr_tel],
        font="HR", ps=7)
    c.d("Practice code " + c.practice_code)
    return pages


def k_ers(c, rng, fmt, npages, opt):
    p = Page(opt.get("size", "A4"), margin=0.8, top=0.45)
    p.fillbox(-0.1, 0.0, p.ll + 0.2, 0.36, color="lband")
    p.setf("HB", 14)
    p.row("NHS e-Referral Service", "Referral Letter", rfont="HR")
    p.setf("HR", 8)
    p.text("Printed on %s %02d:%02d by %s" % (fmt_date(c.recv_date, "monsp"), rng.randrange(8, 18),
                                             rng.randrange(60), c.typist.upper()))
    c.d("Printed on " + fmt_date(c.recv_date, "monsp"))
    p.space(0.15)
    p.setf("HR", 9.5)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "monsp"))
    p.table([["UBRN", c.d(c.ubrn)], ["Priority", c.scen["prio"]], ["Specialty", c.scen["spec"]],
             ["Service", "%s - %s" % (c.scen["clinic"], c.hosp)],
             ["Referring Clinician", c.gp], ["Practice", "%s (%s)" % (c.practice, c.practice_code)],
             ["Date Sent", c.d(fmt_date(c.letter_date, "monsp"))]],
            ["lfHB l"], opts="allbox")
    c.d("UBRN " + c.ubrn)
    p.setf("HB", 11)
    p.text("Patient Details")
    p.setf("HR", 9.5)
    p.table([["Name", "%s, %s (%s)" % (c.last.upper(), c.first, c.title)], ["NHS Number", nh],
             ["Date of Birth", db], ["Gender", "Male" if c.sex == "M" else "Female"],
             ["Address", ", ".join(c.addr)], ["Telephone", c.d(c.tel)], ["Mobile", c.d(c.mob)]],
            ["lfHB l"], opts="allbox")
    c.nhs_print, c.dob_print = "NHS Number " + nh, "Date of Birth " + db
    p.setf("HB", 11)
    p.text("Clinical Information")
    p.setf("TR", 10.5)
    s = c.scen
    pages = [p]
    p.para("Reason for referral: " + s["reason"] + ".")
    p.space(0.06)
    p.para(sfill(c, s["hx"]))
    if npages >= 2:
        p.footer(["UBRN %s    Page 1 of %d" % (c.ubrn, npages)], align="r")
        p = Page("A4", margin=0.8, top=0.5)
        p.setf("HR", 8.5)
        p.row("%s, %s  NHS Number %s" % (c.last.upper(), c.first, nh), "UBRN " + c.ubrn)
        p.hrule(dy=0.0)
        p.space(0.2)
        pages.append(p)
    p.setf("TR", 10.5)
    p.space(0.06)
    p.para("Examination: " + sfill(c, s["ex"]))
    p.space(0.06)
    p.setf("HB", 11)
    p.text("Past Medical History")
    p.setf("TR", 10.5)
    for x in s["pmh"]:
        p.text(x, indent=0.2)
    p.setf("HB", 11)
    p.text("Medication")
    p.setf("HR", 9.5)
    p.table([["Drug", "Dosage"]] + [list(m) for m in s["meds"]], ["lfHB lfHB", "l l"], opts="box")
    p.setf("TR", 10.5)
    p.para(sfill(c, s["ask"]))
    p.space(0.1)
    p.text("Referrer: %s, GMC %s" % (c.gp, c.gp_gmc))
    c.d("GMC " + c.gp_gmc)
    if len(pages) == 1 or npages < 3:
        p.footer(["UBRN %s    Page %d of %d" % (c.ubrn, len(pages), npages)], align="r")
    return pages


def k_tickbox(c, rng, fmt, npages, opt):
    s = c.scen
    p = Page("A4", margin=0.75, top=0.45)
    logo(p, 0, 0.05, 0.45, kind=1)
    p.setf("HB", 13)
    title = {"2WW": "Suspected Cancer Referral - %s" % s["spec"]}.get(s["prio"], "%s Referral Proforma" % s["spec"])
    p.text(title, "c")
    p.setf("HI", 8.5)
    p.text("Please complete ALL sections and send within 24 hours of the decision to refer", "c")
    p.space(0.15)
    p.setf("HR", 9.5)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "plain"))
    db = fmt_date(c.dob, opt.get("dob", "slash"))
    p.table([["Surname", c.last.upper(), "Forename", c.first],
             ["NHS Number", nh, "Date of Birth", db],
             ["Hospital No", c.d(c.hosp_no), "Gender", "M" if c.sex == "M" else "F"],
             ["Address", ", ".join(c.addr[:2]), "Postcode", c.addr[2]],
             ["Telephone", c.d(c.tel), "Mobile", c.d(c.mob)]],
            ["lfHB l lfHB l"], opts="allbox")
    c.nhs_print, c.dob_print = "NHS Number " + nh, "Date of Birth " + db
    p.setf("HB", 10.5)
    p.text("Referral criteria (tick all that apply)")
    p.setf("HR", 9.5)
    crit = {"Gastroenterology": ["Rectal bleeding with change in bowel habit", "Iron deficiency anaemia",
                                 "Positive FIT (10 ug Hb/g or more)", "Abdominal or rectal mass",
                                 "Unexplained weight loss", "Anal ulceration"],
            }.get(s["spec"], ["Symptoms for more than 6 weeks", "Failed primary care management",
                              "Red flag features present", "Abnormal imaging", "Abnormal blood results",
                              "Significant functional impairment", "Patient wishes to be referred"])
    for i, k in enumerate(crit):
        p.tickbox(k, rng.random() < 0.45 or i == 0, indent=0.15)
        p.space(0.03)
    p.space(0.1)
    p.setf("HB", 10.5)
    p.text("Clinical details")
    p.setf("HR", 9.5)
    p.para(sfill(c, s["hx"]))
    p.space(0.1)
    p.tabs(["WHO performance status: %d" % rng.randrange(0, 3), "Patient informed: Yes"], [3.4])
    p.tabs(["Referring GP: " + c.gp, "Date: " + c.d(fmt_date(c.letter_date, "slash"))], [3.4])
    p.text("Practice: %s, %s" % (c.practice, c.d(c.pr_tel)))
    pages = [p]
    p.footer(["Version 4.2 - review date March 2025", "Page 1 of %d" % npages], ps=7)
    if npages >= 2 and not opt.get("blank_last"):
        p = Page("A4", margin=0.75, top=0.6)
        pages.append(p)
        p.setf("HR", 8.5)
        p.row("Patient: %s %s" % (c.first, c.last.upper()), "NHS Number: " + nh)
        p.space(0.2)
        p.setf("HB", 10.5)
        p.text("Additional information")
        p.setf("HR", 9.5)
        p.para("Examination: " + sfill(c, s["ex"]))
        p.space(0.1)
        p.text("Past medical history: " + "; ".join(s["pmh"]))
        p.text("Medication: " + "; ".join(med_lines(c)))
        p.text("Anticoagulants: " + ("Yes" if "Apixaban" in str(s["meds"]) else "No"))
        p.space(0.1)
        for k in ["Is the patient available in the next 14 days?", "Does the patient need an interpreter?",
                  "Does the patient have a learning disability?", "Is transport required?"]:
            p.tabs([k, rng.choice(["Yes", "No"])], [4.6])
        p.footer(["Page 2 of %d" % npages], ps=7)
    return pages


def k_soap(c, rng, fmt, npages, opt):
    s = c.scen
    font = opt.get("font", rng.choice(["HR", "CR", "HNR"]))
    p = Page("A4", margin=0.85, top=0.5)
    p.setf(font[:-1] + "B", 11)
    p.text("%s - Consultation Record and Referral" % c.practice)
    p.setf(font, 9.5)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "slash"))
    p.hrule(dy=0.0)
    p.space(0.05)
    p.tabs(["Patient: %s %s" % (c.first, c.last), "DOB: %s (%dy)" % (db, c.age), "NHS: %s" % nh], [2.6, 4.6])
    p.tabs(["Address: %s" % ", ".join(c.addr), ""], [5.0])
    p.tabs(["Seen by: %s" % c.gp, "Date: %s %02d:%02d" % (c.d(fmt_date(c.letter_date, "slash")),
                                                          rng.randrange(8, 18), rng.randrange(60))], [3.6])
    c.nhs_print, c.dob_print = "NHS: " + nh, "DOB: " + db
    p.hrule(dy=0.02)
    p.space(0.15)
    for lab, txt in [("S:", s["hx"]), ("O:", s["ex"]), ("A:", s["reason"] + "."),
                     ("P:", "Refer %s (%s). %s" % (s["clinic"], s["prio"].lower(), s["ask"]))]:
        p.setf(font[:-1] + "B", 10)
        p.text(lab)
        p.setf(font, 10)
        p.para(sfill(c, txt), indent=0.35)
        p.space(0.08)
    p.text("Medication: " + "; ".join(med_lines(c)))
    p.text("Allergies: " + rng.choice(["NKDA", "Codeine - vomiting", "Latex"]))
    p.space(0.2)
    p.text("Signed: %s   GMC %s" % (c.gp, c.gp_gmc))
    c.d("GMC " + c.gp_gmc)
    p.anchors["signature"] = p.y - 0.1
    p.footer(["%s, %s. Tel %s. Practice %s" % (c.practice, ", ".join(c.pr_addr), c.pr_tel, c.practice_code)], ps=7)
    return [p]


def k_emis(c, rng, fmt, npages, opt):
    s = c.scen
    pages = []
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "monsp"))
    c.nhs_print, c.dob_print = "NHS No. " + nh, "Born " + db

    def banner(p):
        p.fillbox(-0.1, 0.0, p.ll + 0.2, 0.42, color="lband", outline=True)
        p.setf("HB", 10)
        p.text("%s, %s (%s)" % (c.last.upper(), c.first, c.title), indent=0.05)
        p.setf("HR", 8.5)
        p.tabs(["Born %s (%dy)" % (db, c.age), "Gender %s" % ("Male" if c.sex == "M" else "Female"),
                "NHS No. %s" % nh], [0.05, 2.2, 3.8])
        p.space(0.15)

    p = Page("A4", margin=0.7, top=0.4)
    pages.append(p)
    banner(p)
    p.setf("HR", 9)
    p.row("Usual GP: %s" % c.gp, "%s (%s)" % (c.practice, c.practice_code))
    p.space(0.1)
    p.setf("HB", 14)
    p.text("Referral Letter")
    p.setf("HR", 9.5)
    p.space(0.08)
    p.columns(recipient_lines(c), [("Date:", c.d(fmt_date(c.letter_date, "monsp"))),
                                  ("Priority:", s["prio"]), ("Tel:", c.pr_tel)], 4.2, rlab=0.8)
    p.space(0.15)
    p.text("Dear Colleague,")
    p.space(0.05)
    p.para("I would be grateful if you could see this patient regarding: %s." % s["reason"].lower())
    p.space(0.05)
    p.para(sfill(c, s["hx"]))
    p.space(0.05)
    p.para(sfill(c, s["ex"]))
    p.space(0.12)
    p.setf("HB", 10)
    p.text("Active Problems")
    p.setf("HR", 9)
    probs = [[fmt_date(c.letter_date - datetime.timedelta(days=rng.randrange(200, 6000)), "monsp"), x]
             for x in s["pmh"]]
    p.table([["Date", "Problem"]] + probs, ["lfHB lfHB", "l l"], opts="box")
    if npages >= 2:
        p.footer(["Printed from EMIS Web by %s on %s" % (c.typist.upper(), fmt_date(c.recv_date, "monsp")),
                  "Page 1 of %d" % npages], ps=7)
        p = Page("A4", margin=0.7, top=0.4)
        pages.append(p)
        banner(p)
    p.setf("HB", 10)
    p.text("Current Medication (Repeat)")
    p.setf("HR", 9)
    p.table([["Drug", "Dose", "Last issued"]] +
            [[m[0], m[1], fmt_date(c.letter_date - datetime.timedelta(days=rng.randrange(3, 60)), "monsp")]
             for m in s["meds"]], ["lfHB lfHB lfHB", "l l l"], opts="box")
    p.setf("HB", 10)
    p.text("Allergies")
    p.setf("HR", 9)
    p.text(rng.choice(["No known allergies", "Penicillin - anaphylaxis", "Trimethoprim - rash"]))
    p.space(0.1)
    p.setf("HB", 10)
    p.text("Recent Values")
    p.setf("HR", 9)
    p.table([["Date", "Value", "Result"],
             [fmt_date(c.letter_date - datetime.timedelta(days=11), "monsp"), "Blood pressure",
              "%d/%d mmHg" % (rng.randrange(118, 165), rng.randrange(70, 98))],
             [fmt_date(c.letter_date - datetime.timedelta(days=30), "monsp"), "HbA1c",
              "%d mmol/mol" % rng.randrange(38, 80)],
             [fmt_date(c.letter_date - datetime.timedelta(days=30), "monsp"), "eGFR",
              "%d mL/min" % rng.randrange(45, 90)]], ["lfHB lfHB lfHB", "l l l"], opts="box")
    p.setf("HR", 9.5)
    p.text("Yours faithfully,")
    p.space(0.45)
    p.anchors["signature"] = p.y - 0.35
    p.text(c.gp)
    p.footer(["Printed from EMIS Web by %s on %s" % (c.typist.upper(), fmt_date(c.recv_date, "monsp")),
              "Page %d of %d" % (len(pages), npages)], ps=7)
    c.d("Printed " + fmt_date(c.recv_date, "monsp"))
    return pages


def k_systmone(c, rng, fmt, npages, opt):
    s = c.scen
    nh = fmt_nhs(c.nhs, opt.get("nhs", "plain"))
    db = fmt_date(c.dob, opt.get("dob", "slash"))
    p = Page("A4", margin=0.75, top=0.45)
    pages = [p]
    p.setf("AB", 13)
    p.text(c.practice)
    p.setf("AR", 8.5)
    p.text("%s   Tel %s   Fax %s" % (", ".join(c.pr_addr), c.pr_tel, c.pr_fax))
    c.d(c.pr_tel)
    p.space(0.12)
    p.setf("HB", 11)
    p.text("Patient Details")
    p.setf("HR", 9)
    p.table([["Name", "%s %s" % (c.first, c.last), "NHS Number", nh],
             ["Date of Birth", db, "Age", "%d years" % c.age],
             ["Address", c.addr[0], "Home Tel", c.d(c.tel)],
             ["", "%s %s" % (c.addr[1], c.addr[2]), "Mobile", c.d(c.mob)],
             ["Registered GP", c.gp, "Practice Code", c.practice_code]],
            ["lfHB l lfHB l"], opts="box")
    c.nhs_print, c.dob_print = "NHS Number " + nh, "Date of Birth " + db
    p.setf("HB", 11)
    p.text("Referral Details")
    p.setf("HR", 9)
    p.table([["Referred to", "%s, %s" % (c.scen["clinic"], c.hosp)], ["Urgency", s["prio"]],
             ["Referral date", c.d(fmt_date(c.letter_date, "slash"))], ["e-RS UBRN", c.d(c.ubrn)]],
            ["lfHB l"], opts="box")
    p.setf("TR", 10.5)
    p.space(0.05)
    p.para(sfill(c, "Reason for referral: " + s["reason"] + ". " + s["hx"]))
    if npages >= 2:
        p.footer(["SystmOne referral letter generated %s      Page 1 of %d" % (
            fmt_date(c.letter_date, "slash"), npages)], ps=7)
        p = Page("A4", margin=0.75, top=0.5)
        pages.append(p)
        p.setf("HR", 8)
        p.text("%s %s  %s  (continued)" % (c.first, c.last, nh))
        p.space(0.15)
        p.setf("TR", 10.5)
    p.space(0.08)
    p.para("Examination: " + sfill(c, s["ex"]))
    p.space(0.08)
    p.setf("HB", 11)
    p.text("Repeat Medication")
    p.setf("HR", 9)
    p.table([[m[0], m[1], "28 days"] for m in s["meds"]], ["l l l"], opts="")
    p.setf("HB", 11)
    p.text("Problems")
    p.setf("HR", 9)
    for x in s["pmh"]:
        p.text("- " + x, indent=0.1)
    p.space(0.1)
    p.setf("TR", 10.5)
    p.para(sfill(c, s["ask"]))
    p.space(0.1)
    p.text("Kind regards")
    p.space(0.35)
    p.anchors["signature"] = p.y - 0.3
    p.text(c.gp)
    p.footer(["SystmOne referral letter generated %s      Page %d of %d" % (
        fmt_date(c.letter_date, "slash"), len(pages), npages)], ps=7)
    return pages


def k_vision(c, rng, fmt, npages, opt):
    s = c.scen
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "dot2"))
    pages = []
    p = Page("A4", margin=0.8, top=0.45)
    pages.append(p)
    p.setf("CB", 10)
    p.row("VISION REFERRAL LETTER", fmt_date(c.letter_date, "slash"))
    c.d(fmt_date(c.letter_date, "slash"))
    p.hrule(dy=0.0, thick=1.5)
    p.space(0.1)
    p.setf("CR", 9.5)
    p.tabs(["PATIENT:", "%s %s %s" % (c.title.upper(), c.first.upper(), c.last.upper())], [1.5])
    p.tabs(["D.O.B.:", "%s  AGE: %d" % (db, c.age)], [1.5])
    p.tabs(["NHS NO:", nh], [1.5])
    p.tabs(["ADDRESS:", ", ".join(c.addr).upper()], [1.5])
    p.tabs(["HOSP NO:", c.d(c.hosp_no)], [1.5])
    c.nhs_print, c.dob_print = "NHS NO: " + nh, "D.O.B.: " + db
    p.space(0.15)
    p.tabs(["TO:", c.cons.upper()], [1.5])
    p.tabs(["", c.scen["clinic"].upper()], [1.5])
    p.tabs(["", c.hosp.upper()], [1.5])
    p.tabs(["FROM:", "%s, %s" % (c.gp.upper(), c.practice.upper())], [1.5])
    p.space(0.15)
    p.setf("TR", 10.5)
    p.text("Dear Dr %s," % c.cons.split()[-1])
    p.space(0.05)
    body(p, c, rng, [s["hx"], s["ex"]])
    if npages >= 2:
        p.footer(["Page 1"], font="CR", ps=8, align="r")
        p = Page("A4", margin=0.8, top=0.5)
        pages.append(p)
        p.setf("CR", 8.5)
        p.row("%s %s  NHS NO: %s" % (c.first.upper(), c.last.upper(), nh), "Page 2")
        p.space(0.15)
        p.setf("TR", 10.5)
    p.setf("CB", 9.5)
    p.text("PROBLEMS")
    p.setf("CR", 9.5)
    for x in s["pmh"]:
        p.text(x, indent=0.3)
    p.setf("CB", 9.5)
    p.text("CURRENT MEDICATION")
    p.setf("CR", 9.5)
    for m in med_lines(c):
        p.text(m, indent=0.3)
    p.space(0.1)
    p.setf("TR", 10.5)
    body(p, c, rng, [s["ask"]])
    p.text("Yours sincerely")
    p.space(0.45)
    p.anchors["signature"] = p.y - 0.35
    p.text(c.gp)
    p.footer(["%s  %s  %s" % (c.practice, c.pr_tel, c.practice_code)], font="CR", ps=7.5)
    return pages


def k_terse(c, rng, fmt, npages, opt):
    s = c.scen
    font = opt.get("font", rng.choice(["HR", "TR", "CR"]))
    p = Page(opt.get("size", "A4"), margin=1.0, top=0.6)
    p.setf(font[:-1] + "B", 12)
    p.text(c.practice)
    p.setf(font, 9)
    p.text("Tel " + c.d(c.pr_tel))
    p.space(0.3)
    p.setf(font, 11)
    p.text("To: %s, %s" % (s["clinic"], c.hosp))
    p.text("Date: " + c.d(fmt_date(c.letter_date, "slash2")))
    p.space(0.15)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "plain"))
    db = fmt_date(c.dob, opt.get("dob", "slash2"))
    p.text("Re: %s %s DOB %s NHS %s" % (c.first, c.last, db, nh))
    c.nhs_print, c.dob_print = "NHS " + nh, "DOB " + db
    p.text(", ".join(c.addr))
    p.space(0.2)
    p.para("Please see this %d yo %s - %s." % (c.age, "man" if c.sex == "M" else "woman", s["reason"].lower()))
    p.para(sfill(c, s["ex"]))
    p.text("PMH: " + ", ".join(s["pmh"]))
    p.text("Meds: " + ", ".join(m[0] for m in s["meds"]))
    p.space(0.2)
    p.text("Thanks")
    p.space(0.3)
    p.anchors["signature"] = p.y - 0.25
    p.text(c.gp)
    return [p]


def k_twopage_head(c, rng, fmt, npages, opt):
    """first page mostly letterhead / addresses, body on page 2."""
    s = c.scen
    font = opt.get("font", rng.choice(["TR", "PR", "NR"]))
    p = Page("A4", margin=1.0, top=0.45)
    practice_head(p, c, 1, rng, big=True)
    p.space(0.3)
    p.setf(font, 10.5)
    p.tabs(["Our Ref: %s" % c.d(c.hosp_no), "Your Ref:", "Date: %s" % fmt_date(c.letter_date, "long")],
           [2.4, 4.2])
    c.d(fmt_date(c.letter_date, "long"))
    p.space(0.35)
    p.goto(2.6)
    for l in ["PRIVATE AND CONFIDENTIAL"] + recipient_lines(c):
        p.text(l)
    p.space(0.5)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "long"))
    p.setf(font[:-1] + "B", 10.5)
    p.tabs(["Patient:", "%s %s %s" % (c.title, c.first, c.last)], [1.4])
    p.tabs(["Date of Birth:", db], [1.4])
    p.tabs(["NHS Number:", nh], [1.4])
    p.tabs(["Address:", ", ".join(c.addr)], [1.4])
    c.nhs_print, c.dob_print = "NHS Number: " + nh, "Date of Birth: " + db
    p.setf(font, 10.5)
    p.space(0.3)
    p.text("Dear %s," % c.cons)
    p.space(0.1)
    p.para("Thank you for seeing this %d year old %s. %s" % (
        c.age, "gentleman" if c.sex == "M" else "lady", "I would value your opinion regarding " +
        s["reason"].lower() + "."))
    p.footer(["Partners: %s" % ", ".join("Dr %s %s" % (rng.choice(INITS), rng.choice(DOCS)) for _ in range(4)),
              "Continued overleaf"], font="HR", ps=7.5)
    q = Page("A4", margin=1.0, top=0.7)
    q.setf(font, 9)
    q.row("%s %s %s" % (c.title, c.first, c.last), "NHS Number: %s" % nh)
    q.space(0.25)
    q.setf(font, 10.5)
    body(q, c, rng, [s["hx"], s["ex"]])
    q.text("Past history: " + ", ".join(s["pmh"]) + ".")
    q.text("Medication: " + ", ".join(med_lines(c)) + ".")
    q.space(0.1)
    body(q, c, rng, [s["ask"]])
    q.text("Yours sincerely")
    q.space(0.5)
    q.anchors["signature"] = q.y - 0.4
    q.text(c.gp)
    q.text("MB ChB MRCGP")
    return [p, q]


def k_demobox(c, rng, fmt, npages, opt):
    """address on the left, demographics box of Label: value pairs on the right."""
    s = c.scen
    font = opt.get("font", rng.choice(["HR", "TR", "BMR"]))
    p = Page(opt.get("size", "A4"), margin=0.85, top=0.45)
    practice_head(p, c, opt.get("head", 0), rng)
    p.space(0.25)
    p.setf(font, 9.5)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "slash"))
    right = [("Patient:", "%s %s" % (c.first, c.last)), ("DOB:", db), ("NHS No:", nh),
             ("Hosp No:", c.d(c.hosp_no)), ("Tel:", c.d(c.tel)), ("Referral:", c.d(fmt_date(c.letter_date, "slash"))),
             ("Priority:", s["prio"])]
    xr = 3.75
    p.columns(recipient_lines(c), right, xr, rlab=0.85, box=(0.08, "lband" if rng.random() < 0.5 else None))
    c.nhs_print, c.dob_print = "NHS No: " + nh, "DOB: " + db
    p.space(0.35)
    p.setf(font, 10.5)
    p.text("Dear %s," % c.cons)
    p.space(0.1)
    p.setf(font[:-1] + "B", 10.5)
    p.text("Re: %s" % s["reason"])
    p.setf(font, 10.5)
    p.space(0.08)
    pages = [p]
    body(p, c, rng, [s["hx"], s["ex"]])
    if npages >= 2:
        p.footer(["Page 1 of 2"], align="r")
        p = Page(opt.get("size2", "A4"), margin=0.85, top=0.6)
        pages.append(p)
        p.setf(font, 8.5)
        p.text("%s %s - NHS No %s - page 2" % (c.first, c.last, nh))
        p.space(0.25)
        p.setf(font, 10.5)
    p.text("Past medical history:")
    for x in s["pmh"]:
        p.text(x, indent=0.3)
    p.text("Medication:")
    for m in med_lines(c):
        p.text(m, indent=0.3)
    p.space(0.1)
    body(p, c, rng, [s["ask"]])
    p.text("With best wishes,")
    p.space(0.45)
    p.anchors["signature"] = p.y - 0.35
    p.text(c.gp)
    p.footer(["%s - %s" % (c.practice, c.practice_code)], ps=7)
    return pages


def k_typewriter(c, rng, fmt, npages, opt):
    s = c.scen
    p = Page("A4", margin=1.1, top=0.7)
    p.setf("CR", 11)
    jit = (rng, 0.018, (0, 0, 0, 1, -1) if opt.get("sizejit") else (0,))
    p.text(c.practice.upper(), "c")
    p.text(", ".join(c.pr_addr).upper(), "c")
    p.text("TEL. " + c.d(c.pr_tel), "c")
    p.space(0.3)
    p.jitter_text("Date: " + c.d(fmt_date(c.letter_date, "ord")), *jit[:2])
    p.space(0.2)
    for l in recipient_lines(c):
        p.jitter_text(l, *jit[:2])
    p.space(0.25)
    p.jitter_text("Dear Dr. %s," % c.cons.split()[-1], *jit[:2])
    p.space(0.15)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "dot2"))
    p.jitter_text("RE: %s %s %s  D.O.B. %s" % (c.title.upper(), c.first.upper(), c.last.upper(), db), *jit[:2])
    p.jitter_text("NHS No. %s" % nh, *jit[:2])
    c.nhs_print, c.dob_print = "NHS No. " + nh, "D.O.B. " + db
    p.jitter_text(", ".join(c.addr), *jit[:2])
    p.space(0.2)
    for t in [s["hx"], s["ex"], s["ask"]]:
        p.para(sfill(c, t), jitter=jit)
        p.space(0.12)
    p.jitter_text("Yours sincerely,", *jit[:2])
    p.space(0.6)
    p.anchors["signature"] = p.y - 0.5
    p.jitter_text(c.gp.upper(), *jit[:2])
    return [p]


def k_dotmatrix(c, rng, fmt, npages, opt):
    s = c.scen
    nh = fmt_nhs(c.nhs, opt.get("nhs", "plain"))
    db = fmt_date(c.dob, opt.get("dob", "dot2"))
    pages = []
    sysname = rng.choice(["MEDITEL", "GPASS", "TOREX", "INPS"])
    for pg in range(npages):
        p = Page("A4", margin=0.9, top=0.5)
        pages.append(p)
        for i in range(14):   # tractor-feed holes (graphics)
            p.draw("\\D'c 0.15i'", -0.72, 0.4 + i * 0.8)
            p.draw("\\D'c 0.15i'", p.ll + 0.57, 0.4 + i * 0.8)
        p.setf("CB", 10, 13)
        p.row("%s PRACTICE SYSTEM - REFERRAL PRINT" % sysname, "PAGE %d" % (pg + 1))
        p.row("%s" % c.practice.upper(), "PRINTED %s" % fmt_date(c.letter_date, "dot2"))
        c.d("PRINTED " + fmt_date(c.letter_date, "dot2"))
        p.space(0.15)
        if pg == 0:
            p.tabs(["SURNAME", c.last.upper(), "FORENAMES", "%s %s" % (c.first.upper(), c.middle.upper())],
                   [1.3, 3.3, 4.5])
            p.tabs(["DOB", db, "SEX", c.sex], [1.3, 3.3, 4.5])
            p.tabs(["NHS NUMBER", nh, "REG GP", c.gp.upper()], [1.3, 3.3, 4.5])
            p.tabs(["ADDRESS", ", ".join(c.addr).upper()], [1.3])
            c.nhs_print, c.dob_print = "NHS NUMBER " + nh, "DOB " + db
            p.space(0.15)
            p.tabs(["REFERRED TO", "%s - %s" % (s["spec"].upper(), c.hosp.upper())], [1.3])
            p.tabs(["URGENCY", s["prio"].upper()], [1.3])
            p.space(0.15)
            p.text("HISTORY")
            p.para(sfill(c, s["hx"]).upper())
            p.space(0.1)
            p.text("EXAMINATION")
            p.para(sfill(c, s["ex"]).upper())
        else:
            p.text("%s %s  NHS NUMBER %s" % (c.last.upper(), c.first.upper(), nh))
            p.space(0.15)
            p.text("PROBLEMS")
            for x in s["pmh"]:
                p.text("  " + x.upper())
            p.space(0.1)
            p.text("REPEAT MEDICATION")
            for m in s["meds"]:
                p.tabs([m[0].upper(), m[1].upper()], [2.6])
            p.space(0.1)
            p.para(sfill(c, s["ask"]).upper())
            p.space(0.2)
            p.text("SIGNED ............................  %s" % c.gp.upper())
            p.anchors["signature"] = p.y - 0.15
    return pages


def k_headerband(c, rng, fmt, npages, opt):
    """letter with a patient banner band on every page."""
    s = c.scen
    sz = opt.get("size", "Letter")
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "monsp"))
    c.nhs_print, c.dob_print = "NHS: " + nh, "DOB: " + db
    pages = []

    def band(p):
        p.fillbox(-0.1, 0.0, p.ll + 0.2, 0.25, color="lband", outline=True)
        p.setf("HB", 8.5)
        p.tabs(["%s %s %s" % (c.title, c.first[0], c.last.upper()), "DOB: " + db, "NHS: " + nh,
                "Hosp No: " + c.hosp_no], [0.0, 2.1, 3.6, 5.3])
        p.space(0.15)

    p = Page(sz, margin=0.9, top=0.4)
    pages.append(p)
    band(p)
    c.d("Hosp No: " + c.hosp_no)
    practice_head(p, c, 0, rng)
    p.setf("PR", 10.5)
    p.row("", c.d(fmt_date(c.letter_date, "long")))
    for l in recipient_lines(c):
        p.text(l)
    p.space(0.25)
    p.text("Dear %s," % c.cons)
    p.space(0.08)
    body(p, c, rng, ["I would be grateful if you could see this patient with " + s["reason"].lower() + ".",
                     s["hx"], s["ex"]])
    p = Page(sz, margin=0.9, top=0.4)
    pages.append(p)
    band(p)
    p.setf("PR", 10.5)
    p.text("Past medical history: " + ", ".join(s["pmh"]) + ".")
    p.text("Medication: " + ", ".join(med_lines(c)) + ".")
    p.space(0.1)
    body(p, c, rng, [s["ask"]])
    p.text("Yours sincerely,")
    p.space(0.5)
    p.anchors["signature"] = p.y - 0.4
    p.text(c.gp)
    p.footer(["%s, %s" % (c.practice, ", ".join(c.pr_addr))], ps=7)
    return pages


def k_fax(c, rng, fmt, npages, opt):
    inner = k_dictated(c, rng, fmt, npages, dict(opt, head=0))
    for i, p in enumerate(inner):
        hdr = "%s %02d:%02d   FROM: %s   %s   P.%03d/%03d" % (
            fmt_date(c.recv_date, "slash"), rng.randrange(8, 18), rng.randrange(60), c.pr_fax,
            c.practice.upper()[:22], i + 1, len(inner))
        # the sending machine prints a header line above the page content
        p.roff.insert(p.roff.index(".nf") + 1, ".sp |0.12i")
        p.roff.insert(p.roff.index(".nf") + 2, "\\f[CB]\\s9%s\\s0\\f[]" % esc(hdr))
        p.gt.insert(0, collapse(hdr))
        p.fonts.add("CB")
        c.d("fax header " + hdr)
    return inner


# ---- other document types
def k_clinic(c, rng, fmt, npages, opt):
    s = c.scen
    font = opt.get("font", rng.choice(["TR", "HR", "PR"]))
    p = Page(opt.get("size", "A4"), margin=0.9, top=0.45)
    hosp_head(p, c, opt.get("head", rng.randrange(3)), rng)
    p.setf(font, 9.5)
    clinic_date = c.letter_date - datetime.timedelta(days=rng.randrange(3, 20))
    p.tabs(["Clinic date: " + c.d(fmt_date(clinic_date, "slash")), "Dictated: " + fmt_date(clinic_date, "slash"),
            "Typed: " + c.d(fmt_date(c.letter_date, "slash"))], [2.2, 4.4])
    p.space(0.15)
    for l in recipient_lines(c, to_hosp=False):
        p.text(l)
    p.space(0.2)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "slash"))
    p.text("Dear %s," % c.gp)
    p.space(0.08)
    p.setf(font[:-1] + "B", 10)
    p.text("Re: %s %s %s, DOB %s, NHS Number %s" % (c.title, c.first, c.last, db, nh))
    p.text("Hospital Number %s, %s" % (c.d(c.hosp_no), ", ".join(c.addr)))
    c.nhs_print, c.dob_print = "NHS Number " + nh, "DOB " + db
    p.space(0.1)
    p.text("Diagnosis:")
    p.setf(font, 10)
    p.text("1. " + s["reason"], indent=0.3)
    for i, x in enumerate(s["pmh"][:2]):
        p.text("%d. %s" % (i + 2, x), indent=0.3)
    p.setf(font[:-1] + "B", 10)
    p.text("Plan:")
    p.setf(font, 10)
    plans = ["Investigations requested as below", "Review in clinic in %d weeks" % rng.choice([6, 8, 12]),
             "GP to continue current medication"]
    for i, x in enumerate(plans):
        p.text("%d. %s" % (i + 1, x), indent=0.3)
    p.space(0.1)
    pages = [p]
    p.para("I reviewed %s %s in the %s today. %s" % (c.title, c.last, s["clinic"], sfill(c, s["hx"])))
    p.space(0.06)
    p.para("On examination: " + sfill(c, s["ex"]))
    if npages >= 2:
        p.footer(["Page 1 of %d" % npages], align="r")
        p = Page("A4", margin=0.9, top=0.6)
        pages.append(p)
        p.setf(font, 8.5)
        p.text("%s %s  DOB %s  NHS Number %s" % (c.first, c.last, db, nh))
        p.space(0.25)
        p.setf(font, 10)
    p.space(0.06)
    p.para("I have explained the findings to %s %s and arranged further tests. I will write again with the "
           "results. I would be grateful if you could check renal function in four weeks." % (c.title, c.last))
    p.space(0.1)
    p.text("Yours sincerely,")
    p.space(0.5)
    p.anchors["signature"] = p.y - 0.4
    p.text(c.cons)
    p.text("Consultant " + s["spec"])
    p.space(0.1)
    p.text("cc: %s %s, %s" % (c.title, c.last, ", ".join(c.addr)))
    p.footer(["Please quote the hospital number on all correspondence. Secretary: %s" % c.d(phone(rng))], ps=7.5)
    return pages


def k_slip(c, rng, fmt, npages, opt):
    p = Page("DL", margin=0.6, top=0.3)
    logo(p, p.ll - 0.4, 0.0, 0.4, kind=0)
    p.setf("HB", 11)
    p.text(c.hosp)
    p.setf("HR", 8)
    p.text("%s, %s" % (c.trust, ", ".join(c.h_addr)))
    p.space(0.1)
    p.setf("TI", 20)
    p.text("With Compliments", "c")
    p.setf("TR", 10)
    p.space(0.05)
    nh = fmt_nhs(c.nhs, "sp")
    db = fmt_date(c.dob, "slash")
    p.text("Please find enclosed the clinic letter and results for:")
    p.text("%s %s %s   DOB %s   NHS No %s" % (c.title, c.first, c.last, db, nh))
    c.nhs_print, c.dob_print = "NHS No " + nh, "DOB " + db
    p.text("Medical Secretaries, Department of %s. Tel %s" % (c.scen["spec"], c.d(c.h_tel)))
    return [p]


def k_discharge(c, rng, fmt, npages, opt):
    s = c.scen
    adm = c.letter_date - datetime.timedelta(days=rng.randrange(4, 15))
    dis = c.letter_date - datetime.timedelta(days=rng.randrange(0, 3))
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "slash"))
    p = Page(opt.get("size", "A4"), margin=0.75, top=0.45)
    pages = [p]
    hosp_head(p, c, opt.get("head", 0), rng, dept="Medicine")
    p.setf("HB", 14)
    p.text("DISCHARGE SUMMARY", "c")
    p.setf("HR", 9)
    p.table([["Patient", "%s, %s" % (c.last.upper(), c.first), "NHS No", nh],
             ["Date of Birth", db, "Hospital No", c.d(c.hosp_no)],
             ["Admitted", c.d(fmt_date(adm, "slash")), "Discharged", c.d(fmt_date(dis, "slash"))],
             ["Ward", rng.choice(["Ward 12", "Beech Ward", "AMU", "Ward 7B"]), "Consultant", c.cons],
             ["GP", c.gp, "Practice", c.practice]], ["lfHB l lfHB l"], opts="allbox")
    c.nhs_print, c.dob_print = "NHS No " + nh, "Date of Birth " + db
    diag = rng.choice(["Community acquired pneumonia", "Exacerbation of COPD", "Upper GI bleed",
                       "Fast atrial fibrillation", "Urinary tract infection with delirium"])
    p.setf("HB", 10.5)
    p.text("Primary diagnosis")
    p.setf("HR", 9.5)
    p.text(diag, indent=0.2)
    p.setf("HB", 10.5)
    p.text("Comorbidities")
    p.setf("HR", 9.5)
    for x in s["pmh"]:
        p.text(x, indent=0.2)
    p.setf("HB", 10.5)
    p.text("Clinical summary")
    p.setf("TR", 10)
    p.para("%s %s was admitted via the emergency department with a %d day history of worsening symptoms. "
           "%s was treated according to local guidelines with intravenous then oral therapy and made a good "
           "recovery. Observations were stable for 48 hours prior to discharge and %s was mobile independently."
           % (c.title, c.last, rng.randrange(2, 8), c.he.capitalize(), c.he))
    if npages >= 2:
        p.footer(["Discharge summary %s %s - page 1 of %d" % (c.first, c.last, npages)], ps=7)
        p = Page(opt.get("size2", "A4"), margin=0.75, top=0.5)
        pages.append(p)
        p.setf("HR", 8.5)
        p.row("%s %s  NHS No %s" % (c.first, c.last.upper(), nh), "DISCHARGE SUMMARY (continued)")
        p.space(0.2)
    p.setf("HB", 10.5)
    p.text("Medication on discharge")
    p.setf("HR", 9)
    meds = [[m[0], m[1].split(" ", 1)[0], "Oral", m[1].split(" ", 1)[1] if " " in m[1] else "", "Continued"]
            for m in s["meds"]]
    meds.append(["Amoxicillin", "500mg", "Oral", "three times daily", "New - 3 days"])
    p.table([["Drug", "Dose", "Route", "Frequency", "Status"]] + meds, ["lfHB lfHB lfHB lfHB lfHB", "l l l l l"],
            opts="box")
    p.setf("HB", 10.5)
    p.text("Actions for GP")
    p.setf("TR", 10)
    p.para("Please repeat full blood count and U&E in one week. Please review blood pressure medication.")
    p.setf("HB", 10.5)
    p.text("Follow up")
    p.setf("TR", 10)
    p.text("%s clinic in 6 weeks. Hospital will arrange." % s["spec"])
    p.space(0.15)
    p.text("Completed by: Dr %s %s, FY2, bleep %d" % (rng.choice(INITS), rng.choice(DOCS), rng.randrange(1000, 9999)))
    p.footer(["Discharge summary %s %s - page %d of %d" % (c.first, c.last, len(pages), npages)], ps=7)
    return pages


def k_lab(c, rng, fmt, npages, opt):
    nh = fmt_nhs(c.nhs, opt.get("nhs", "plain"))
    db = fmt_date(c.dob, opt.get("dob", "upper"))
    font = opt.get("font", "CR")
    p = Page("A4", margin=0.8, top=0.45)
    p.setf(font[:-1] + "B", 11)
    p.text("%s - PATHOLOGY LABORATORY" % c.hosp.upper(), "c")
    p.setf(font, 9)
    p.text("Clinical Biochemistry and Haematology   Enquiries " + c.d(c.h_tel), "c")
    p.hrule(dy=0.0)
    p.space(0.1)
    p.tabs(["Patient: %s, %s" % (c.last.upper(), c.first.upper()), "Lab No: " + c.d("L%08d" % rng.randrange(10 ** 8))],
           [4.2])
    p.tabs(["DOB: %s   Sex: %s" % (db, c.sex), "NHS No: " + nh], [4.2])
    p.tabs(["Hosp No: " + c.hosp_no, "Source: " + c.practice], [2.4])
    coll = c.letter_date - datetime.timedelta(days=1)
    p.tabs(["Collected: %s 09:%02d" % (c.d(fmt_date(coll, "upper")), rng.randrange(60)),
            "Received: %s 14:%02d" % (fmt_date(coll, "upper"), rng.randrange(60))], [3.4])
    c.nhs_print, c.dob_print = "NHS No: " + nh, "DOB: " + db
    p.hrule(dy=0.02)
    p.space(0.1)
    rows = [["Test", "Result", "Units", "Range", ""]]
    tests = [("Sodium", 133, 146, "mmol/L", 0), ("Potassium", 3.5, 5.3, "mmol/L", 1), ("Urea", 2.5, 7.8, "mmol/L", 1),
             ("Creatinine", 59, 104, "umol/L", 0), ("eGFR", 60, 120, "mL/min/1.73m2", 0),
             ("CRP", 0, 5, "mg/L", 0), ("Haemoglobin", 115, 165, "g/L", 0), ("WBC", 4.0, 11.0, "x10^9/L", 1),
             ("Platelets", 150, 400, "x10^9/L", 0), ("ALT", 0, 40, "U/L", 0), ("Bilirubin", 0, 21, "umol/L", 0),
             ("TSH", 0.3, 4.2, "mU/L", 2), ("HbA1c", 20, 41, "mmol/mol", 0)]
    for name, lo, hi, unit, dp in tests:
        v = rng.uniform(lo * 0.8, hi * 1.3 + 1)
        flag = "H" if v > hi else ("L" if v < lo else "")
        val = ("%." + str(dp) + "f") % v
        rows.append([name, val, unit, ("%g-%g" % (lo, hi)), flag])
    p.table(rows, ["lfCB lfCB lfCB lfCB l", "l r l l l"], opts="")
    p.space(0.1)
    p.text("Comment: Results outside reference range are flagged H/L.")
    p.text("Authorised by: %s, Consultant Chemical Pathologist" % c.cons)
    p.footer(["Report printed %s. This report is confidential." % fmt_date(c.letter_date, "upper")],
             font=font, ps=7.5)
    return [p]


def k_appt(c, rng, fmt, npages, opt):
    s = c.scen
    p = Page("A4", margin=0.9, top=0.45)
    hosp_head(p, c, opt.get("head", 1), rng, dept="Outpatient Appointments")
    p.setf("HR", 10)
    p.goto(2.0)
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "slash"))
    p.columns(patient_addr(c), [("Date:", c.d(fmt_date(c.letter_date, "slash"))), ("NHS No:", nh),
                                ("Hospital No:", c.d(c.hosp_no)), ("Date of birth:", db)], 4.0, rlab=1.1)
    c.nhs_print, c.dob_print = "NHS No: " + nh, "Date of birth: " + db
    p.space(0.35)
    p.text("Dear %s %s," % (c.title, c.last))
    p.space(0.1)
    p.para("You have been referred to the %s. We are pleased to offer you the following appointment:" % s["clinic"])
    p.space(0.1)
    ad = c.letter_date + datetime.timedelta(days=rng.randrange(10, 60))
    p.table([["Clinic", s["clinic"]], ["Date", c.d(fmt_date(ad, "long"))],
             ["Time", "%02d:%02d" % (rng.randrange(9, 16), rng.choice([0, 15, 30, 45]))],
             ["Location", "Outpatients %s, %s" % (rng.choice("ABCDE"), c.hosp)], ["With", c.cons]],
            ["lfHB l"], opts="box")
    p.para("If you are unable to attend please telephone the appointments office on %s as soon as possible so "
           "that we can offer your appointment to another patient." % c.d(phone(rng)))
    p.space(0.08)
    p.para("Please bring a list of your current medicines with you. Parking is limited; please allow extra time.")
    p.space(0.15)
    p.text("Yours sincerely")
    p.space(0.15)
    p.text("Outpatient Booking Team")
    p.footer(["Our ref: %s/%s  Printed %s" % (c.hosp_no, s["spec"][:4].upper(), fmt_date(c.letter_date, "slash"))],
             ps=7)
    return [p]


def k_contsheet(c, rng, fmt, npages, opt):
    s = c.scen
    nh = fmt_nhs(c.nhs, opt.get("nhs", "sp"))
    db = fmt_date(c.dob, opt.get("dob", "slash"))
    with_ids = opt.get("ids", True)
    pages = []
    entries = [
        "Pt seen on ward round. Comfortable overnight, pain controlled. Eating and drinking. Obs stable, apyrexial.",
        "Chest clear, abdomen soft non tender. Wound clean and dry. Plan: continue IV antibiotics, bloods in am.",
        "Discussed with family re discharge planning. OT assessment requested. Physio to review mobility.",
        "Called by nursing staff re BP 92/54. Pt alert, no chest pain. Fluid bolus 500 mL given, repeat obs 1 hour.",
        "Reviewed - BP now 118/70. Continue current plan. Inform team if further drop.",
        "Bloods: Hb 104, WCC 9.2, CRP 48 down from 96. Switch to oral antibiotics. Aim discharge tomorrow.",
        "Consultant ward round. Agree plan. TTO to pharmacy. Letter to GP.",
    ]
    d0 = c.letter_date
    k = 0
    for pg in range(npages):
        p = Page("A4", margin=0.8, top=0.4)
        pages.append(p)
        p.setf("HB", 12)
        p.text("CONTINUATION SHEET", "c")
        p.setf("HR", 8.5)
        if with_ids:
            p.boxline(-0.05, 0.0, p.ll + 0.1, 0.5)
            p.tabs(["Surname: %s" % c.last.upper(), "Forename: %s" % c.first, "Hosp No: %s" % c.hosp_no],
                   [0.05, 2.6, 4.8])
            p.tabs(["NHS No: %s" % nh, "DOB: %s" % db, "Ward: %s" % rng.choice(["12", "7B", "Beech"])],
                   [0.05, 2.6, 4.8])
            c.nhs_print, c.dob_print = "NHS No: " + nh, "DOB: " + db
            c.d("Hosp No: " + c.hosp_no)
        else:
            p.tabs(["Name:", "Hosp No:", "Ward:"], [0.05, 2.6, 4.8])
        p.space(0.25)
        p.setf("ZCMI", 13, 22)
        top = p.y
        for i in range(int((p.h - 1.4 - top) / (22 / 72.0))):   # ruled lines (graphics)
            p.draw("\\D't 0.4p'\\D'l %.3fi 0'" % p.ll, 0, 0.04 + 22 / 72.0 * (i + 1))
        nentries = rng.randrange(3, 5) if pg < npages - 1 or npages == 1 else rng.randrange(2, 4)
        for e in range(nentries):
            if k >= len(entries):
                break
            d = d0 + datetime.timedelta(days=k // 2)
            p.jitter_text("%s %02d:%02d" % (fmt_date(d, "slash2"), rng.randrange(7, 22), rng.randrange(60)),
                          rng, 0.02, (0, 1, -1))
            p.para(entries[k], jitter=(rng, 0.025, (0, 0, 1, -1)), indent=0.3)
            p.jitter_text("Dr %s  FY1" % rng.choice(DOCS), rng, 0.02, (0,), indent=3.5)
            p.anchors.setdefault("signature", p.y - 0.1)
            k += 1
        p.footer(["MR 14 (rev 2011)"], ps=7)
    return pages


KINDS = dict(dictated_letter=k_dictated, ers_export=k_ers, tickbox_proforma=k_tickbox, soap_note=k_soap,
             emis_export=k_emis, systmone_export=k_systmone, vision_export=k_vision, terse_note=k_terse,
             two_page_letter_header_first=k_twopage_head, demographics_box_letter=k_demobox,
             typewriter_letter=k_typewriter, dot_matrix_print=k_dotmatrix, header_band_letter=k_headerband,
             fax_referral=k_fax, clinic_letter=k_clinic, compliments_slip=k_slip, discharge_summary=k_discharge,
             lab_report=k_lab, appointment_letter=k_appt, handwritten_continuation=k_contsheet)


# ----------------------------------------------------------------------------- the set
# (file no, document_type, kind, format, difficulty per page, options)
SPEC = [
    (1, "referral_letter", "ers_export", "pdf", "mm", dict(colour=[0])),
    (2, "referral_letter", "dictated_letter", "tiff-g4", "c", dict(dpi=[400])),
    (3, "referral_letter", "tickbox_proforma", "pdf", "mh", {}),
    (4, "referral_letter", "soap_note", "jpeg-grey", "m", dict(dpi=[200])),
    (5, "referral_letter", "emis_export", "tiff-g4", "mm", dict(moire=[0], dpi=[200, 300])),
    (6, "referral_letter", "systmone_export", "tiff-mixed", "cm", dict(grey=[1])),
    (7, "referral_letter", "vision_export", "png", "m", dict(rot={0: 90})),
    (8, "referral_letter", "terse_note", "jpeg-colour", "h", dict(keystone=[0])),
    (9, "referral_letter", "two_page_letter_header_first", "tiff-g4", "mm", {}),
    (10, "referral_letter", "demographics_box_letter", "pdf", "cm", dict(colour=[0, 1], size2="Letter")),
    (11, "referral_letter", "typewriter_letter", "jpeg-grey", "h", dict(dpi=[150], typewriter=True)),
    (12, "referral_letter", "dot_matrix_print", "tiff-g4", "hm", dict(dotmatrix=True)),
    (13, "referral_letter", "fax_referral", "tiff-fax", "mh", {}),
    (14, "referral_letter", "dictated_letter", "pdf", "mmc", dict(blank_last=True)),
    (15, "referral_letter", "ers_export", "tiff-g4", "m", {}),
    (16, "referral_letter", "tickbox_proforma", "png", "c", dict(dpi=[400], bilevel=True)),
    (17, "referral_letter", "soap_note", "tiff-g4", "m", dict(dpi=[200])),
    (18, "referral_letter", "emis_export", "jpeg-colour", "m", dict(moire=[0], dpi=[200])),
    (19, "referral_letter", "systmone_export", "pdf", "mm", dict(colour=[1])),
    (20, "referral_letter", "vision_export", "tiff-g4", "mh", dict(rot={1: 180})),
    (21, "referral_letter", "terse_note", "png", "m", dict(dpi=[200], keystone=[0])),
    (22, "referral_letter", "two_page_letter_header_first", "pdf", "hm", dict(curl=[0], colour=[0])),
    (23, "referral_letter", "demographics_box_letter", "tiff-g4", "c", {}),
    (24, "referral_letter", "dictated_letter", "jpeg-grey", "c", dict(dpi=[400])),
    (25, "referral_letter", "fax_referral", "tiff-fax", "h", {}),
    (26, "referral_letter", "ers_export", "tiff-mixed", "mmm", dict(near_blank_last=True, grey=[0])),
    (27, "referral_letter", "dictated_letter", "jpeg-grey", "h", dict(pencil=True, font="TR", dpi=[150])),
    (28, "referral_letter", "header_band_letter", "pdf", "mc", dict(colour=[1], size="Letter")),
    (29, "referral_letter", "tickbox_proforma", "tiff-g4", "mm", dict(blank_last=True)),
    (30, "referral_letter", "soap_note", "jpeg-colour", "c", {}),
    (31, "referral_letter", "demographics_box_letter", "tiff-mixed", "mm", dict(grey=[1], head=3)),
    (32, "clinic_letter", "clinic_letter", "tiff-g4", "cm", {}),
    (33, "clinic_letter", "clinic_letter", "pdf", "m", dict(rot={0: 270}, moire=[0], dpi=[200], head=1)),
    (34, "clinic_letter", "clinic_letter", "jpeg-grey", "h", dict(curl=[0])),
    (35, "clinic_letter", "compliments_slip", "jpeg-colour", "c", {}),
    (36, "discharge_summary", "discharge_summary", "pdf", "mm", dict(size2="Letter", curl=[0], colour=[1])),
    (37, "discharge_summary", "discharge_summary", "tiff-g4", "mh", dict(dpi=[300, 200])),
    (38, "discharge_summary", "discharge_summary", "tiff-mixed", "cm", dict(grey=[1], head=2)),
    (39, "lab_result", "lab_report", "png", "m", dict(dpi=[200], moire=[0], font="HR")),
    (40, "lab_result", "lab_report", "tiff-g4", "h", dict(dotmatrix=True, dpi=[150])),
    (41, "appointment_letter", "appointment_letter", "jpeg-colour", "m", dict(keystone=[0])),
    (42, "appointment_letter", "appointment_letter", "pdf", "mc", dict(blank_last=True)),
    (43, "continuation_sheet", "handwritten_continuation", "jpeg-grey", "m", {}),
    (44, "continuation_sheet", "handwritten_continuation", "png", "h", dict(ids=False, dpi=[150])),
    (45, "continuation_sheet", "handwritten_continuation", "tiff-g4", "mm", dict(rot={1: 90})),
]
EXT = {"pdf": "pdf", "tiff-g4": "tif", "tiff-mixed": "tif", "tiff-fax": "tif", "jpeg-grey": "jpg",
       "jpeg-colour": "jpg", "png": "png"}

STAMPS = ["RECEIVED", "MEDICAL RECORDS", "SCANNED", "REFERRAL CENTRE", "BOOKING OFFICE"]
NOTES = ["Seen - file", "Urgent pls", "Triage: routine", "cc Dr %s", "Booked %d/%d", "?2WW - upgrade",
         "Pt rang %d/%d", "Chase bloods", "Not known here", "Scan to EPR", "Dr %s to see", "OK to book"]


def build_doc(num):
    n, dtype, kind, fmt, diffs, opt = [s for s in SPEC if s[0] == num][0]
    c = Ctx(num, (1997, 2004) if kind in ("typewriter_letter", "dot_matrix_print") else (2012, 2025))
    rng = R("doc", num)
    npages = len(diffs)
    ncontent = npages - (1 if opt.get("blank_last") or opt.get("near_blank_last") else 0)
    kopt = {k: v for k, v in opt.items() if k in ("size", "size2", "font", "head", "nhs", "dob", "ids")}
    pages = KINDS[kind](c, rng, fmt, ncontent, kopt)
    assert len(pages) == ncontent, (num, len(pages), ncontent)
    if opt.get("blank_last"):
        b = Page(pages[-1].size)
        b.blank = True
        pages.append(b)
    if opt.get("near_blank_last"):
        b = Page("A4", margin=0.8)
        b.setf("HR", 8)
        b.goto(5.6)
        b.text("This page is intentionally left blank", "c")
        b.footer(["UBRN %s    Page %d of %d" % (c.ubrn, npages, npages)], align="r")
        b.blank = True
        pages.append(b)
    return c, pages


# ----------------------------------------------------------------------------- netpbm helpers
def read_pnm(path):
    data = open(path, "rb").read()
    toks, i = [], 0
    while len(toks) < 4:
        while data[i:i + 1].isspace():
            i += 1
        if data[i:i + 1] == b"#":
            while data[i:i + 1] not in (b"\n", b"\r"):
                i += 1
            continue
        j = i
        while not data[j:j + 1].isspace():
            j += 1
        toks.append(data[i:j])
        i = j
        if toks[0] == b"P4" and len(toks) == 3:
            break
    i += 1
    magic = toks[0].decode()
    return magic, int(toks[1]), int(toks[2]), data[i:]


def write_pnm(path, magic, w, h, payload):
    hdr = ("%s\n%d %d\n" % (magic, w, h)) + ("" if magic == "P4" else "255\n")
    with open(path, "wb") as f:
        f.write(hdr.encode() + payload)


def lut_file(src, dst, lut):
    m, w, h, d = read_pnm(src)
    write_pnm(dst, m, w, h, d.translate(bytes(max(0, min(255, int(round(v)))) for v in lut)))


def lin_lut(lo, hi=255):
    return [lo + v * (hi - lo) / 255.0 for v in range(256)]


def dims(path):
    m, w, h, _ = read_pnm(path)
    return m, w, h


# ----------------------------------------------------------------------------- overlay PostScript
def ps_open(wpt, hpt):
    return ["%!PS-Adobe-3.0", "<< /PageSize [%g %g] >> setpagedevice" % (wpt, hpt),
            "1 setgray 0 0 %g %g rectfill" % (wpt, hpt)]


def ps_str(s):
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def ps_stamp(x, y, ang, rgb, lines, size=11):
    w = max(len(l) for l in lines) * size * 0.68 + 16
    h = len(lines) * size * 1.25 + 10
    out = ["gsave %.1f %.1f translate %.1f rotate %.2f %.2f %.2f setrgbcolor 1.8 setlinewidth" % ((x, y, ang) + rgb),
           "%.1f %.1f %.1f %.1f rectstroke" % (-w / 2, -h / 2, w, h),
           "0.7 setlinewidth %.1f %.1f %.1f %.1f rectstroke" % (-w / 2 + 3, -h / 2 + 3, w - 6, h - 6),
           "/Helvetica-Bold findfont %s scalefont setfont" % size]
    for i, l in enumerate(lines):
        yy = h / 2 - 5 - (i + 1) * size * 1.2 + 2
        out.append("%s dup stringwidth pop 2 div neg %.1f moveto show" % (ps_str(l), yy))
    out.append("grestore")
    return out


def ps_hand(x, y, ang, rgb, text, size=15):
    return ["gsave %.1f %.1f translate %.1f rotate %.2f %.2f %.2f setrgbcolor" % ((x, y, ang) + rgb),
            "/ZapfChancery-MediumItalic findfont %s scalefont setfont" % size,
            "0 0 moveto %s show 0 0 moveto %s true charpath 0.5 setlinewidth stroke grestore" % (ps_str(text),
                                                                                              ps_str(text))]


def ps_signature(rng, x, y, rgb):
    out = ["gsave %.2f %.2f %.2f setrgbcolor 1.1 setlinewidth 1 setlinecap newpath %.1f %.1f moveto" % (rgb + (x, y))]
    for _ in range(rng.randrange(4, 7)):
        out.append("%.1f %.1f %.1f %.1f %.1f %.1f rcurveto" % (
            rng.uniform(-5, 15), rng.uniform(-6, 18), rng.uniform(5, 25), rng.uniform(-18, 12),
            rng.uniform(12, 30), rng.uniform(-8, 8)))
    out.append("stroke %.1f %.1f moveto %.1f 0 rlineto stroke grestore" % (x - 4, y - 7, rng.uniform(60, 110)))
    return out


def ps_coffee(rng, x, y, r):
    out = ["gsave 0.95 0.90 0.80 setrgbcolor newpath %.1f %.1f %.1f 0 360 arc fill" % (x, y, r * 0.97)]
    for k in range(3):
        a0 = rng.uniform(0, 360)
        out.append("%.2f %.2f %.2f setrgbcolor %.1f setlinewidth newpath %.1f %.1f %.1f %.1f %.1f arc stroke" % (
            0.66 + 0.05 * k, 0.50 + 0.05 * k, 0.33 + 0.05 * k, rng.uniform(1.2, 3.5), x + rng.uniform(-3, 3),
            y + rng.uniform(-3, 3), r * rng.uniform(0.96, 1.03), a0, a0 + rng.uniform(200, 350)))
    out.append("grestore")
    return out


def ps_axial(x0, y0, x1, y1, c0, c1, clip=None, n=1.0):
    s = "<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [%.1f %.1f %.1f %.1f] /Function << /FunctionType 2 " \
        "/Domain [0 1] /C0 [%.3f] /C1 [%.3f] /N %.2f >> /Extend [true true] >> shfill" % (x0, y0, x1, y1, c0, c1, n)
    if clip:
        return ["gsave %.1f %.1f %.1f %.1f rectclip %s grestore" % (clip + (s,))]
    return [s]


def ps_radial(cx, cy, r, c0, c1):
    return ["<< /ShadingType 3 /ColorSpace /DeviceGray /Coords [%.1f %.1f 0 %.1f %.1f %.1f] /Function << "
            "/FunctionType 2 /Domain [0 1] /C0 [%.3f] /C1 [%.3f] /N 1.6 >> /Extend [true true] >> shfill"
            % (cx, cy, cx, cy, r, c0, c1)]


# ----------------------------------------------------------------------------- degradation plan
def plan_page(num, pi, diff, opt, fmt, page, npages):
    rng = R("plan", num, pi)
    e = {}
    colour = fmt == "jpeg-colour" or pi in opt.get("colour", [])
    if fmt in ("tiff-g4", "tiff-fax") or (fmt == "tiff-mixed" and pi not in opt.get("grey", [])) or \
            (fmt == "png" and opt.get("bilevel")):
        mode = "bilevel"
    else:
        mode = "colour" if colour else "grey"
    dpi = opt.get("dpi", [300])
    dpi = dpi[pi] if pi < len(dpi) else dpi[-1]
    e["mode"] = mode
    e["dpi"] = (200, 100) if fmt == "tiff-fax" else (dpi, dpi)
    e["rot"] = opt.get("rot", {}).get(pi, 0)
    if diff == "clean":
        e["skew"] = rng.uniform(-0.4, 0.4)
        e["grain"] = rng.uniform(246, 250)
        if rng.random() < 0.5:
            e["lighting"] = rng.uniform(0.93, 0.97)
        e["threshold"] = 0.5
    elif diff == "moderate":
        e["skew"] = rng.choice([-1, 1]) * rng.uniform(0.3, 1.8)
        e["grain"] = rng.uniform(232, 244)
        pool = ["lighting", "texture", "ink_spread", "ink_fading", "show_through", "fold_crease", "edge_shadow",
                "punch_holes", "staple", "rubber_stamp", "highlighter", "handwritten_annotation", "scanner_streaks",
                "photocopy", "blur", "rubber_stamp", "handwritten_annotation"]
        if colour:
            pool += ["coloured_paper", "coloured_paper", "highlighter"]
        for k in rng.sample(pool, rng.randrange(3, 6)):
            e[k] = "moderate"
        e["threshold"] = rng.uniform(0.45, 0.56)
    else:
        e["skew"] = rng.choice([-1, 1]) * rng.uniform(1.4, 3.0)
        e["grain"] = rng.uniform(215, 232)
        pool = ["lighting", "texture", "ink_fading", "bleed_through", "fold_crease", "book_fold_shadow",
                "coffee_stain", "rubber_stamp", "handwritten_annotation", "scanner_streaks", "photocopy", "blur",
                "highlighter", "ink_spread", "edge_shadow"]
        if colour:
            pool += ["coloured_paper"]
        for k in rng.sample(pool, rng.randrange(5, 8)):
            e[k] = "hard"
        e["threshold"] = rng.choice([rng.uniform(0.36, 0.43), rng.uniform(0.6, 0.68)])
    if page.blank:
        for k in ("rubber_stamp", "highlighter", "handwritten_annotation", "coffee_stain"):
            e.pop(k, None)
        e["show_through"] = "moderate"
    if "ink_fading" in e and "ink_spread" in e and diff == "hard":
        e.pop("ink_spread")
    if opt.get("pencil"):
        e["pencil_grey"] = True
        e.pop("photocopy", None)
        e.pop("ink_spread", None)
    if opt.get("typewriter"):
        e["typewriter_ink"] = True
    if opt.get("dotmatrix"):
        e["dot_matrix"] = True
        e["threshold"] = max(e["threshold"], 0.58)
        for k in ("ink_fading", "photocopy", "blur"):
            e.pop(k, None)
    if pi in opt.get("moire", []):
        e["moire"] = True
        e["work_dpi"] = (300, 300)
    if pi in opt.get("curl", []):
        e["curl"] = rng.uniform(0.12, 0.2)
        e["book_fold_shadow"] = e.get("book_fold_shadow", "moderate")
    if pi in opt.get("keystone", []):
        e["keystone"] = rng.uniform(0.025, 0.045)
    if fmt == "tiff-fax":
        e["fax"] = True
        e.pop("photocopy", None)
    if "signature" in page.anchors:
        e["signature"] = True
    if mode in ("grey", "colour") and fmt != "png":
        if diff == "clean":
            e["jpeg_q"] = [rng.randrange(75, 86)]
        elif diff == "moderate":
            e["jpeg_q"] = [rng.randrange(55, 80)] if rng.random() < 0.6 else [rng.randrange(70, 86), rng.randrange(50, 70)]
        else:
            e["jpeg_q"] = [rng.randrange(55, 75), rng.randrange(40, 50)] if rng.random() < 0.6 else [rng.randrange(40, 48)]
    if "photocopy" in e:
        e["photocopy_gens"] = 1 if e["photocopy"] == "moderate" else rng.randrange(2, 4)
    return e


def describe(e):
    """manifest list of degradations for one page."""
    out = []
    if e.get("skew") is not None:
        out.append("skew %+.2f deg" % e["skew"])
    if e.get("rot"):
        out.append("page rotated %d deg clockwise" % e["rot"])
    names = dict(lighting="uneven lighting", texture="paper texture", ink_spread="ink spread",
                 ink_fading="ink fading", show_through="show-through", bleed_through="bleed-through from reverse",
                 fold_crease="fold crease", edge_shadow="edge shadow", book_fold_shadow="book-fold shadow",
                 punch_holes="punch holes", staple="staple", coffee_stain="coffee stain", rubber_stamp="rubber stamp",
                 highlighter="highlighter", handwritten_annotation="handwritten annotation",
                 scanner_streaks="scanner streaks", blur="scanner blur", coloured_paper="coloured paper")
    for k, v in names.items():
        if k in e:
            out.append(v + ("" if e[k] in (True, None) else " (%s)" % e[k]))
    if "photocopy_gens" in e:
        out.append("photocopy generations x%d (toner loss, darkening)" % e["photocopy_gens"])
    if e.get("pencil_grey"):
        out.append("low-contrast pencil-grey print, thin serif font")
    if e.get("typewriter_ink"):
        out.append("typewriter font with uneven ink and baseline jitter")
    if e.get("dot_matrix"):
        out.append("dot-matrix print")
    if e.get("moire"):
        out.append("halftone letterhead / moire after rescale")
    if e.get("curl"):
        out.append("page curl near binding")
    if e.get("keystone"):
        out.append("keystone distortion")
    if e.get("fax"):
        out.append("fax: 200x100 dpi stretched, banding, header line, dropouts")
    if e.get("signature"):
        out.append("signature")
    out.append("paper grain")
    if e.get("jpeg_q"):
        out.append("jpeg q" + "->q".join(map(str, e["jpeg_q"])) + (" (recompressed)" if len(e["jpeg_q"]) > 1 else ""))
    out.append("%s %dx%d dpi" % (e["mode"], e["dpi"][0], e["dpi"][1]))
    return out


# ----------------------------------------------------------------------------- image pipeline
def keystone_py(src, dst, k, top_wider):
    m, w, h, d = read_pnm(src)
    bpp = 3 if m == "P6" else 1
    rl = w * bpp
    out = bytearray(len(d))
    cache = {}
    for y in range(h):
        t = y / (h - 1.0)
        q = int(round((k * (t if top_wider else 1 - t)) * 1000))
        if q not in cache:
            sc = 1.0 - q / 1000.0
            idx = []
            for x in range(w):
                ix = int((x - w / 2.0) / sc + w / 2.0)
                for ch in range(bpp):
                    idx.append(ix * bpp + ch if 0 <= ix < w else rl)
            cache[q] = operator.itemgetter(*idx)
        out[y * rl:(y + 1) * rl] = bytes(cache[q](d[y * rl:(y + 1) * rl] + b"\xff"))
    write_pnm(dst, m, w, h, bytes(out))


def curl_py(src, dst, wd, band_px, depth_px):
    sh("pamflip -transpose %s > %s/curl_t.pnm" % (src, wd))
    m, w, h, d = read_pnm(wd + "/curl_t.pnm")
    bpp = 3 if m == "P6" else 1
    rl = w * bpp
    out = bytearray(d)
    for x in range(min(band_px, h)):   # row x of the transposed image is original column x
        s = int(depth_px * (1 - x / float(band_px)) ** 2) * bpp
        if s <= 0:
            continue
        row = d[x * rl:(x + 1) * rl]
        out[x * rl:(x + 1) * rl] = row[s:] + b"\xff" * s
    write_pnm(wd + "/curl_t2.pnm", m, w, h, bytes(out))
    sh("pamflip -transpose %s/curl_t2.pnm > %s" % (wd, dst))


def marks_ps(e, page, c, rng, wpt, hpt, overlays, pi):
    L = ps_open(wpt, hpt)
    H = page.h
    Y = lambda yin: (H - yin) * 72.0
    used = False
    lines = page.lines[:]
    if e.get("coffee_stain"):
        for _ in range(rng.randrange(1, 3)):
            L += ps_coffee(rng, rng.uniform(0.2, 0.8) * wpt, rng.uniform(0.25, 0.8) * hpt, rng.uniform(45, 80))
        used = True
    if e.get("highlighter") and lines:
        col = rng.choice([(1, 1, 0.35), (0.6, 1, 0.55), (1, 0.7, 0.85)])
        for _ in range(2 if e["highlighter"] == "moderate" else 3):
            b, x0, x1 = rng.choice(lines)
            L.append("%.2f %.2f %.2f setrgbcolor %.1f %.1f %.1f %.1f rectfill" % (
                col + (x0 * 72 - 3, Y(b) - 3.5, (x1 - x0) * 72 + rng.uniform(0, 10), 13.5)))
        used = True
    if e.get("punch_holes"):
        for dy in (-113, 113):
            L.append("0.15 setgray newpath %.1f %.1f 8.5 0 360 arc fill" % (34 + rng.uniform(-3, 3), hpt / 2 + dy))
        used = True
    if e.get("staple"):
        x, y = rng.uniform(18, 40), hpt - rng.uniform(18, 40)
        L.append("0.25 setgray 2.2 setlinewidth %.1f %.1f moveto 26 -14 rlineto stroke" % (x, y))
        L.append("0.5 setgray 0.8 setlinewidth %.1f %.1f moveto 3 6 rlineto stroke" % (x + 4, y - 2))
        used = True
    if e.get("rubber_stamp"):
        kind = rng.randrange(3)
        date = "%02d %s %d" % (c.recv_date.day, MON[c.recv_date.month - 1].upper(), c.recv_date.year)
        if kind == 0:
            txt = ["RECEIVED", date]
        elif kind == 1:
            txt = [rng.choice(STAMPS), date]
        else:
            txt = ["SCANNED", date]
        c.d("stamp " + date)
        rgb = rng.choice([(0.8, 0.1, 0.12), (0.15, 0.2, 0.7), (0.45, 0.1, 0.55)])
        if e["rubber_stamp"] == "moderate":
            x, y = rng.uniform(0.6, 0.8) * wpt, rng.uniform(0.72, 0.9) * hpt
        else:
            b, x0, x1 = rng.choice(lines) if lines else (H / 2, 1, 4)
            x, y = rng.uniform(x0 * 72 + 60, max(x0 * 72 + 61, min(x1 * 72, wpt - 120))), Y(b)
        L += ps_stamp(x, y, rng.uniform(-14, 14), rgb, txt, size=rng.choice([10, 11, 13]))
        overlays.append({"page": pi + 1, "type": "rubber_stamp", "text": " ".join(txt)})
        used = True
    if e.get("handwritten_annotation"):
        for _ in range(1 if e["handwritten_annotation"] == "moderate" else 2):
            t = rng.choice(NOTES)
            if "%s" in t:
                t = t % rng.choice(DOCS)
            elif "%d" in t:
                t = t % (rng.randrange(1, 29), rng.randrange(1, 13))
            rgb = rng.choice([(0.1, 0.15, 0.6), (0.05, 0.05, 0.05), (0.7, 0.1, 0.1)])
            if e["handwritten_annotation"] == "moderate":
                x, y = rng.choice([(rng.uniform(0.55, 0.7) * wpt, rng.uniform(0.92, 0.96) * hpt),
                                   (rng.uniform(0.1, 0.5) * wpt, rng.uniform(0.03, 0.06) * hpt),
                                   (rng.uniform(0.6, 0.7) * wpt, rng.uniform(0.55, 0.75) * hpt)])
            else:
                b, x0, x1 = rng.choice(lines) if lines else (H / 2, 1, 4)
                x, y = rng.uniform(x0 * 72, x0 * 72 + 150), Y(b) + rng.uniform(-6, 4)
            L += ps_hand(x, y, rng.uniform(-12, 8), rgb, t, size=rng.randrange(14, 20))
            overlays.append({"page": pi + 1, "type": "handwritten_annotation", "text": t})
        used = True
    if e.get("signature"):
        a = page.anchors["signature"]
        L += ps_signature(rng, page.ml * 72 + rng.uniform(5, 50), Y(a + 0.3), rng.choice([(0.1, 0.15, 0.55),
                                                                                      (0.05, 0.05, 0.1)]))
        overlays.append({"page": pi + 1, "type": "signature", "text": ""})
        used = True
    L.append("showpage")
    return "\n".join(L) + "\n", used


def light_ps(e, page, rng, wpt, hpt):
    L = ps_open(wpt, hpt)
    used = False
    if e.get("lighting"):
        lv = e["lighting"]
        a = lv if isinstance(lv, float) else (rng.uniform(0.84, 0.92) if lv == "moderate" else rng.uniform(0.66, 0.8))
        if rng.random() < 0.5:
            L += ps_radial(rng.uniform(0.3, 0.7) * wpt, rng.uniform(0.3, 0.7) * hpt, max(wpt, hpt) * 0.8, 1.0, a)
        else:
            x0, y0 = rng.choice([(0, 0), (wpt, 0), (0, hpt), (wpt, hpt)])
            L += ps_axial(x0, y0, wpt - x0, hpt - y0, a, 1.0)
        used = True
    if e.get("edge_shadow"):
        side = rng.randrange(4)
        wd = rng.uniform(8, 22)
        d0 = rng.uniform(0.2, 0.5)
        if side == 0:
            L += ps_axial(0, hpt, 0, hpt - wd, d0, 1, (0, hpt - wd, wpt, wd))
        elif side == 1:
            L += ps_axial(0, 0, 0, wd, d0, 1, (0, 0, wpt, wd))
        elif side == 2:
            L += ps_axial(wpt, 0, wpt - wd, 0, d0, 1, (wpt - wd, 0, wd, hpt))
        else:
            L += ps_axial(0, 0, wd, 0, d0, 1, (0, 0, wd, hpt))
        used = True
    if e.get("book_fold_shadow"):
        wd = rng.uniform(50, 95)
        d0 = 0.5 if e["book_fold_shadow"] == "moderate" else 0.3
        L += ps_axial(0, 0, wd, 0, d0, 1, (0, 0, wd, hpt), n=0.7)
        used = True
    if e.get("fold_crease"):
        for fy in rng.sample([hpt / 3.0, 2 * hpt / 3.0, hpt / 2.0], rng.randrange(1, 3)):
            fy += rng.uniform(-8, 8)
            L += ps_axial(0, fy, 0, fy + 9, 0.86, 1, (0, fy, wpt, 9))
            L.append("%.2f setgray %.2f setlinewidth 0 %.1f moveto %.1f %.1f lineto stroke" % (
                rng.uniform(0.6, 0.8), rng.uniform(0.5, 1.3), fy, wpt, fy + rng.uniform(-6, 6)))
        used = True
    if e.get("scanner_streaks") or e.get("photocopy_gens", 0) > 1:
        hard = e.get("scanner_streaks") == "hard" or e.get("photocopy_gens", 0) > 1
        for _ in range(rng.randrange(2, 7)):
            x = rng.uniform(0, wpt)
            L.append("%.2f setgray %.2f setlinewidth %.1f 0 moveto %.1f %.1f lineto stroke" % (
                rng.uniform(0.35, 0.7) if hard else rng.uniform(0.75, 0.92), rng.uniform(0.3, 1.8), x, x, hpt))
        used = True
    if e.get("fax"):
        for _ in range(rng.randrange(4, 10)):
            y = rng.uniform(0, hpt)
            L.append("%.2f setgray 0 %.1f %.1f %.1f rectfill" % (rng.uniform(0.55, 0.9), y, wpt, rng.uniform(0.4, 3)))
        used = True
    L.append("showpage")
    return "\n".join(L) + "\n", used


def txt_check(psfile, gt_lines):
    """compare words in the typeset PostScript (Ghostscript txtwrite, not OCR) with the ground truth."""
    out = sh("gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=txtwrite -o - %s" % psfile).decode("utf-8", "replace")
    from collections import Counter
    a = Counter(re.sub(r"[^A-Za-z0-9]", "", out))
    b = Counter(re.sub(r"[^A-Za-z0-9]", "", " ".join(gt_lines)))
    return a == b, dict((a - b) + (b - a))


def process_page(num, pi, page, e, c, wd, overlays, prev_base):
    rng = R("img", num, pi)
    cnt = [0]

    def nx(ext="pnm"):
        cnt[0] += 1
        return os.path.join(wd, "p%d_%02d.%s" % (pi, cnt[0], ext))

    src = os.path.join(wd, "p%d.ms" % pi)
    open(src, "w").write(page.source())
    psf = os.path.join(wd, "p%d.ps" % pi)
    sh("groff -ms -t -Tps -P-p%s %s > %s" % (page.gpaper, src, psf))
    ps = open(psf, encoding="latin-1").read()
    if "%%Pages: 1\n" not in ps:
        raise RuntimeError("doc %d page %d does not typeset to one page" % (num, pi))
    m = re.search(r"/PageSize \[ *([\d.]+) +([\d.]+) *\]", ps)
    wpt, hpt = float(m.group(1)), float(m.group(2))
    ok, diff = txt_check(psf, page.gt)
    if e.get("work_dpi") is None and e.get("dot_matrix"):
        e["work_dpi"] = (300, 300)
    wx, wy = e.get("work_dpi") or e["dpi"]
    colour = e["mode"] == "colour"
    dev = "ppmraw" if colour else "pgmraw"
    gs = "gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=%s -r%dx%d -dTextAlphaBits=4 -dGraphicsAlphaBits=4 -o %s %s"
    base = nx()
    sh(gs % (dev, wx, wy, base, psf))
    magic, W, Hh = dims(base)
    cur = base
    white = "rgb:ff/ff/ff" if colour else "white"
    T = e.get("threshold", 0.5)

    def mult(layer):
        nonlocal cur
        o = nx()
        sh("pamarith -multiply %s %s > %s" % (cur, layer, o))
        cur = o

    if e.get("dot_matrix"):
        tile = os.path.join(wd, "tile.pgm")
        write_pnm(tile, "P5", 4, 4, bytes([0, 0, 255, 255, 0, 0, 255, 255] + [255] * 8))
        o = nx()
        sh("pnmtile %d %d %s > %s.t && pamarith -maximum %s %s.t | pnmsmooth -width 3 -height 3 > %s" % (
            W, Hh, tile, o, cur, o, o))
        o2 = nx()
        lut_file(o, o2, [255 * (v / 255.0) ** 3.2 for v in range(256)])
        cur = o2
    if e.get("typewriter_ink"):
        o = nx()
        sh("pgmnoise -randomseed=%d %d %d | pamscale -xsize %d -ysize %d > %s" % (
            rng.randrange(1, 10 ** 6), max(2, W // 30), max(2, Hh // 30), W, Hh, o))
        o2 = nx()
        lut_file(o, o2, lin_lut(0, 150))
        o3 = nx()
        sh("pamarith -maximum %s %s > %s" % (cur, o2, o3))
        cur = o3
    if e.get("ink_spread"):
        o = nx()
        sh("pnmsmooth -width 3 -height 3 %s > %s" % (cur, o))
        o2 = nx()
        g = 1.7 if e["ink_spread"] == "moderate" else 2.4
        lut_file(o, o2, [255 * (v / 255.0) ** g for v in range(256)])
        cur = o2
    lo = 0
    if e.get("ink_fading"):
        lo = rng.uniform(50, 80) if e["ink_fading"] == "moderate" else rng.uniform(85, 115)
    if e.get("pencil_grey"):
        lo = rng.uniform(125, 145)
    if lo:
        if e["mode"] == "bilevel":
            lo = min(lo, 255 * T - 40)
        o = nx()
        lut_file(cur, o, lin_lut(lo))
        cur = o
    if e.get("moire"):
        o = nx()
        if colour:
            sh("ppmtopgm %s | pamditherbw -cluster4 | pamtopnm | pamdepth 255 | pgmtoppm rgb:ff/ff/ff > %s" % (cur, o))
        else:
            sh("pamditherbw -cluster4 %s | pamtopnm | pamdepth 255 > %s" % (cur, o))
        cur = o
    if e.get("show_through") or e.get("bleed_through"):
        srcb = prev_base if (prev_base and dims(prev_base) == (magic, W, Hh)) else base
        o = nx()
        sh("pamflip -lr %s | pnmsmooth -width 3 -height 3 > %s" % (srcb, o))
        o2 = nx()
        lo2 = rng.uniform(200, 222) if e.get("show_through") else rng.uniform(150, 180)
        lut_file(o, o2, lin_lut(lo2))
        mult(o2)
    # marks layer (stamps, highlighter, annotations, signature, coffee, punch holes, staple)
    mps, used = marks_ps(e, page, c, rng, wpt, hpt, overlays, pi)
    if used:
        f = os.path.join(wd, "p%d_marks.ps" % pi)
        open(f, "w").write(mps)
        o = nx()
        sh(gs % (dev, wx, wy, o, f))
        assert dims(o)[1:] == (W, Hh), (dims(o), W, Hh)
        mult(o)
    lps, used = light_ps(e, page, rng, wpt, hpt)
    if used:
        f = os.path.join(wd, "p%d_light.ps" % pi)
        open(f, "w").write(lps)
        o = nx()
        sh(gs % ("pgmraw", wx, wy, o, f))
        mult(o)
    if e.get("coloured_paper") and colour:
        o = nx()
        sh("ppmmake %s %d %d > %s" % (rng.choice(["rgb:ff/f3/c4", "rgb:de/ee/ff", "rgb:ff/e2/ea", "rgb:e4/f7/d8",
                                                 "rgb:ff/fa/d0"]), W, Hh, o))
        mult(o)
    # paper texture and grain
    o = nx()
    sh("pgmnoise -randomseed=%d %d %d > %s" % (rng.randrange(1, 10 ** 6), W, Hh, o))
    o2 = nx()
    lut_file(o, o2, lin_lut(e["grain"]))
    if e.get("texture"):
        o3 = nx()
        sh("pgmnoise -randomseed=%d %d %d | pamscale -xsize %d -ysize %d > %s" % (
            rng.randrange(1, 10 ** 6), max(2, W // 9), max(2, Hh // 9), W, Hh, o3))
        o4 = nx()
        lut_file(o3, o4, lin_lut(228 if e["texture"] == "moderate" else 205))
        o5 = nx()
        sh("pamarith -multiply %s %s > %s" % (o2, o4, o5))
        o2 = o5
    mult(o2)
    for g in range(e.get("photocopy_gens", 0)):
        o = nx()
        sh("pnmsmooth -width 3 -height 3 %s > %s" % (cur, o))
        a, b = rng.uniform(35, 70), rng.uniform(185, 215)
        bg = rng.uniform(228, 245)
        o2 = nx()
        lut_file(o, o2, [min(bg, max(0, (v - a) * 255.0 / (b - a))) for v in range(256)])
        o3 = nx()
        sh("pgmnoise -randomseed=%d %d %d > %s" % (rng.randrange(1, 10 ** 6), W, Hh, o3))
        o4 = nx()
        cut = 253 if g == 0 else 250
        lut_file(o3, o4, [255 if v >= cut else 0 for v in range(256)])
        o5 = nx()
        sh("pnmsmooth -width 3 -height 3 %s > %s" % (o4, o5)) if True else None
        o6 = nx()
        lut_file(o5, o6, [255 if v > 60 else 0 for v in range(256)])
        if colour:
            o7 = nx()
            sh("pgmtoppm rgb:ff/ff/ff %s > %s" % (o6, o7))
            o6 = o7
        o8 = nx()
        sh("pamarith -maximum %s %s > %s" % (o2, o6, o8))
        cur = o8
    if e.get("curl"):
        o = nx()
        curl_py(cur, o, wd, int(1.4 * wx), int(e["curl"] * wy))
        cur = o
    if e.get("keystone"):
        o = nx()
        keystone_py(cur, o, e["keystone"], rng.random() < 0.5)
        cur = o
    if abs(e.get("skew", 0)) > 0.01:
        o = nx()
        bgc = rng.choice([white, white, "rgb:30/30/30" if colour else "gray30"])
        sh("pnmrotate -background=%s %.3f %s > %s.r" % (bgc, -e["skew"], cur, o))
        _, w2, h2 = dims(o + ".r")
        sh("pamcut -left %d -top %d -width %d -height %d %s.r > %s" % ((w2 - W) // 2, (h2 - Hh) // 2, W, Hh, o, o))
        cur = o
    if e.get("blur"):
        o = nx()
        sh("gm convert %s -blur 0x%.2f %s" % (cur, 0.8 if e["blur"] == "moderate" else 1.4,
                                             ("ppm:" if colour else "pgm:") + o))
        cur = o
    ox, oy = e["dpi"]
    if (wx, wy) != (ox, oy):
        o = nx()
        sh("pamscale -xsize %d -ysize %d %s > %s" % (round(W * ox / float(wx)), round(Hh * oy / float(wy)), cur, o))
        cur = o
    if e["mode"] == "bilevel":
        o = nx("pbm")
        sh("pamthreshold -simple -threshold=%.3f %s | pamtopnm > %s" % (T, cur, o))
        cur = o
        if e.get("fax"):
            m2, w2, h2, d = read_pnm(cur)
            rl = (w2 + 7) // 8
            d = bytearray(d)
            for _ in range(rng.randrange(3, 12)):
                y = rng.randrange(h2)
                for yy in range(y, min(h2, y + rng.randrange(1, 3))):
                    d[yy * rl:(yy + 1) * rl] = b"\x00" * rl
            o = nx("pbm")
            write_pnm(o, "P4", w2, h2, bytes(d))
            o2 = nx("pbm")
            sh("pnmpad -white -right=%d %s > %s" % (max(0, 1728 - w2), o, o2))
            cur = o2
    if e.get("rot"):
        o = nx("pbm" if cur.endswith("pbm") else "pnm")
        sh("pamflip -%s %s > %s" % ({90: "cw", 180: "r180", 270: "ccw"}[e["rot"]], cur, o))
        cur = o
    return cur, ok, diff


# ----------------------------------------------------------------------------- encoders
def jfif_density(jpg, dx, dy):
    b = bytearray(open(jpg, "rb").read())
    if b[2:4] == b"\xff\xe0" and b[6:11] == b"JFIF\x00":
        b[13] = 1
        b[14:16] = dx.to_bytes(2, "big")
        b[16:18] = dy.to_bytes(2, "big")
    open(jpg, "wb").write(bytes(b))


def to_jpeg(pnm, out, qs, dpi, wd, tag):
    cur = pnm
    for i, q in enumerate(qs):
        o = os.path.join(wd, "%s_q%d.jpg" % (tag, i))
        sh("cjpeg -quality %d %s > %s" % (q, cur, o))
        if i < len(qs) - 1:
            cur = os.path.join(wd, "%s_d%d.pnm" % (tag, i))
            sh("djpeg %s > %s" % (o, cur))
    jfif_density(o, dpi[0], dpi[1])
    shutil.copyfile(o, out)


def write_pdf(path, pages):
    """pages: list of (jpeg path, w_px, h_px, dpi_x, dpi_y, colour). Image-only PDF, deterministic."""
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)

    kids = []
    cat = add(None)
    pg_root = add(None)
    for jp, w, h, dx, dy, col in pages:
        data = open(jp, "rb").read()
        img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 "
                  b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, b"DeviceRGB" if col else b"DeviceGray",
                                                                   len(data)) + data + b"\nendstream")
        pw, ph = w * 72.0 / dx, h * 72.0 / dy
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        cs = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> "
                        b">> /Contents %d 0 R >>" % (pg_root, pw, ph, img, cs)))
    objs[cat - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pg_root
    objs[pg_root - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, xref)
    open(path, "wb").write(bytes(out))


# ----------------------------------------------------------------------------- one document
DIFF = {"c": "clean", "m": "moderate", "h": "hard"}


def process_doc(args):
    num, outdir, workroot = args
    n, dtype, kind, fmt, diffs, opt = [s for s in SPEC if s[0] == num][0]
    c, pages = build_doc(num)
    wd = os.path.join(workroot, "doc%02d" % num)
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    overlays, finals, plans, checks = [], [], [], []
    prev_base = None
    for pi, page in enumerate(pages):
        e = plan_page(num, pi, DIFF[diffs[pi]], opt, fmt, page, len(pages))
        final, ok, diff = process_page(num, pi, page, e, c, wd, overlays, prev_base)
        prev_base = os.path.join(wd, "p%d_01.pnm" % pi)
        finals.append(final)
        plans.append(e)
        checks.append((ok, diff))
    name = "doc%02d.%s" % (num, EXT[fmt])
    out = os.path.join(outdir, name)
    encs = []
    if fmt.startswith("tiff"):
        tifs = []
        for pi, (f, e) in enumerate(zip(finals, plans)):
            t = os.path.join(wd, "p%d.tif" % pi)
            if e.get("fax"):
                sh("pbmtog3 %s > %s.g3 && fax2tiff -M -R 100 -o %s %s.g3 && tiffset -s 282 200 %s" % (f, t, t, t, t))
                encs.append("CCITT G3 (pbmtog3 + fax2tiff), 200x100 dpi")
            elif e["mode"] == "bilevel":
                sh("pnmtotiff -g4 -xresolution=%d -yresolution=%d -resolutionunit=inch < %s > %s" % (
                    e["dpi"][0], e["dpi"][1], f, t))
                encs.append("CCITT G4 bilevel")
            else:
                g = os.path.join(wd, "p%d_g.pnm" % pi)
                sh("ppmtopgm %s > %s" % (f, g) if read_pnm(f)[0] == "P6" else "cp %s %s" % (f, g))
                sh("pnmtotiff -lzw -xresolution=%d -yresolution=%d -resolutionunit=inch < %s > %s" % (
                    e["dpi"][0], e["dpi"][1], g, t))
                encs.append("8-bit greyscale LZW")
            tifs.append(t)
        sh("tiffcp %s %s" % (" ".join(tifs), out))
    elif fmt.startswith("jpeg"):
        assert len(finals) == 1
        e = plans[0]
        to_jpeg(finals[0], out, e["jpeg_q"], e["dpi"], wd, "j")
        encs.append("JPEG %s q%s" % ("colour" if e["mode"] == "colour" else "greyscale", "->q".join(map(str, e["jpeg_q"]))))
    elif fmt == "png":
        assert len(finals) == 1
        e = plans[0]
        ppm = int(round(e["dpi"][0] / 0.0254))
        sh("pnmtopng -compression 9 -size=\"%d %d 1\" %s > %s" % (ppm, ppm, finals[0], out))
        encs.append("PNG %s" % ("bilevel" if e["mode"] == "bilevel" else "greyscale"))
    elif fmt == "pdf":
        pp = []
        for pi, (f, e) in enumerate(zip(finals, plans)):
            jp = os.path.join(wd, "pdf_p%d.jpg" % pi)
            src = f
            if e["mode"] == "bilevel":
                src = os.path.join(wd, "p%d_bl.pgm" % pi)
                sh("pamdepth 255 %s | pamtopnm > %s" % (f, src))
            to_jpeg(src, jp, e.get("jpeg_q") or [70], e["dpi"], wd, "pdf%d" % pi)
            m, w, h = dims(src)
            pp.append((jp, w, h, e["dpi"][0], e["dpi"][1], m == "P6"))
            encs.append("JPEG %s page q%s" % ("colour" if m == "P6" else "greyscale",
                                              "->q".join(map(str, e.get("jpeg_q") or [70]))))
        write_pdf(out, pp)
    # ground truth
    gt_pages = ["\n".join(p.gt) for p in pages]
    gt = ""
    for i, t in enumerate(gt_pages):
        if i:
            gt += "\f\n"
        if t:
            gt += t + "\n"
    open(os.path.join(outdir, "doc%02d.gt.txt" % num), "w", encoding="utf-8").write(gt)
    fonts = sorted(set(font_label(f) for p in pages for f in p.fonts))
    has_id = hasattr(c, "nhs_print")
    alltext = " ".join(gt_pages)
    if has_id:
        assert collapse(c.nhs_print) in alltext, (num, c.nhs_print)
        assert collapse(c.dob_print) in alltext, (num, c.dob_print)
        assert nhs_valid(c.nhs)
    seen, dist = set(), []
    for d in c.distractors:
        if d not in seen:
            seen.add(d)
            dist.append(d)
    entry = {
        "file": name, "ground_truth": "doc%02d.gt.txt" % num, "document_type": dtype, "kind": kind,
        "pages": len(pages),
        "nhs_number": c.nhs if has_id else None,
        "date_of_birth": c.dob.isoformat() if has_id else None,
        "nhs_as_printed": c.nhs_print if has_id else None,
        "dob_as_printed": c.dob_print if has_id else None,
        "patient_name": c.name if has_id else None,
        "degradations": [describe(e) for e in plans],
        "difficulty": [DIFF[d] for d in diffs],
        "rotation_clockwise_deg": [e.get("rot", 0) for e in plans],
        "skew_clockwise_deg": [round(e.get("skew", 0), 2) for e in plans],
        "format": fmt,
        "dpi": plans[0]["dpi"][0],
        "dpi_per_page": [list(e["dpi"]) for e in plans],
        "page_sizes": [p.size for p in pages],
        "page_encodings": encs,
        "blank_or_near_blank_pages": [i + 1 for i, p in enumerate(pages) if p.blank],
        "fonts": fonts,
        "overlay_fonts": sorted(set((["Helvetica-Bold (URW Nimbus Sans)"] if any(o["type"] == "rubber_stamp" for o in overlays) else []) +
                                    (["ZapfChancery-MediumItalic (URW Z003)"] if any(o["type"] == "handwritten_annotation" for o in overlays) else []))),
        "overlay_text_not_in_gt": overlays,
        "distractors": dist,
        "letter_date": c.letter_date.isoformat(),
        "typeset_text_check": ["ok" if ok else "words differ: %s" % d for ok, d in checks],
    }
    shutil.rmtree(wd, ignore_errors=True)
    return entry


README = """# ocr9: sealed OCR evaluation set of scanned (simulated) NHS paper documents

All people, numbers, addresses and organisations are fictional: NHS numbers are in the 999 test range
with valid modulus-11 check digits, postcodes are ZX, landlines 01632 960xxx, mobiles 07700 900xxx.

## Files
- `docNN.<ext>`: the scan (tif = multi-page TIFF: CCITT G4, G3 fax or LZW greyscale pages; jpg; png; pdf =
  image-only PDF with one JPEG per page, written by make_set.py, A4/Letter/DL page sizes may mix).
- `docNN.gt.txt`: UTF-8 ground truth. Printed text in reading order, one printed line per line, pages
  separated by a line holding a single form feed; table rows one line, cells joined by one space;
  runs of spaces collapsed; a same-baseline left/right pair (e.g. "Our ref ... date") is one line joined
  by a space; two side-by-side columns (address beside a demographics box) give the left column
  completely, then the right. Blank pages contribute no lines. The fax header line printed by the
  sending machine IS printed text and is in the ground truth. Logos, rules, tick boxes, ruled lines and
  tractor-feed holes are graphics, not text.
- Overlay marks (rubber stamps, handwritten annotations, signatures, highlighter, coffee stains) are NOT in the
  ground truth; stamp and annotation text is listed per page in `overlay_text_not_in_gt`.
- `manifest.jsonl`: one JSON object per file (see fields below); `SHA256SUMS`; `make_set.py`.

## Manifest fields
file, ground_truth, document_type, kind (layout), pages, nhs_number (10 digits or null), date_of_birth
(YYYY-MM-DD or null), nhs_as_printed / dob_as_printed (label + value exactly as it appears in the ground truth),
patient_name, degradations (list per page), difficulty (per page: clean | moderate | hard),
rotation_clockwise_deg (per page: 0/90/180/270, how far the page content was turned clockwise; rotate it
back counter-clockwise to read), skew_clockwise_deg (per page, small skew applied on top), format, dpi
(first page, horizontal), dpi_per_page ([x, y]; fax pages are 200x100), page_sizes, page_encodings,
blank_or_near_blank_pages, fonts (typeset fonts with their URW substitutes), overlay_fonts,
overlay_text_not_in_gt, distractors (other numbers and dates printed or stamped on the document),
letter_date, typeset_text_check (build-time comparison of the words in the typeset PostScript, extracted
by Ghostscript's txtwrite device, with the ground truth; no OCR engine is ever run).

## Tool chain
Python 3 standard library writes roff source (groff -ms macros, tbl tables, tab stops, letterheads and logos
drawn with \\D requests, colours via .defcolor); `groff -ms -t -Tps` typesets each page to PostScript with the
standard PostScript fonts (Times, Helvetica, Helvetica-Narrow, Courier, Bookman, Palatino, New Century
Schoolbook, Avant Garde, Zapf Chancery) which Ghostscript renders with the URW base-35 fonts (fonts-urw-base35).
Ghostscript (pgmraw/ppmraw) rasterises at the scan resolution. Stamps, annotations, signatures, highlighter,
coffee stains, punch holes and staples are a PostScript "marks" layer, and uneven lighting, edge/book-fold
shadows, creases, scanner streaks and fax bands a PostScript "light" layer (axial/radial shadings), both
rendered by Ghostscript and multiplied in with netpbm `pamarith -multiply`. netpbm does grain and texture
(pgmnoise -randomseed, pamscale), ink spread (pnmsmooth), halftone/moire (pamditherbw -cluster4 then pamscale),
show-through (pamflip -lr), photocopy toner loss (pamarith -maximum), skew (pnmrotate + pamcut), orientation
(pamflip), binarisation (pamthreshold); GraphicsMagick (`gm convert -blur`) does scanner blur; stdlib code on
PGM/PPM bytes does tone curves (bytes.translate), keystone, page curl (on a pamflip -transpose'd image), fax
line dropouts and the dot-matrix mask input. Encoders: pnmtotiff -g4 / -lzw + tiffcp, pbmtog3 + fax2tiff +
tiffset, cjpeg (with djpeg round trips for recompression), pnmtopng, and an own image-only PDF writer.
No PIL, ImageMagick, LibreOffice, browsers, cairo, numpy, mutool or pdftoppm. No OCR was run.

## Determinism
All randomness is string-seeded (random.Random("ocr9-v1|...")). `python3 make_set.py OUTDIR` rebuilds the set;
a second build into another folder was compared byte for byte with SHA256SUMS.

## Counts
"""


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    outdir = os.path.abspath(args[0] if args else os.path.dirname(os.path.abspath(__file__)))
    jobs = 2
    for a in sys.argv[1:]:
        if a.startswith("--jobs="):
            jobs = int(a.split("=")[1])
    only = None
    for a in sys.argv[1:]:
        if a.startswith("--only="):
            only = [int(x) for x in a.split("=")[1].split(",")]
    try:
        os.nice(10)
    except OSError:
        pass
    os.makedirs(outdir, exist_ok=True)
    workroot = tempfile.mkdtemp(prefix="ocr9work_")
    nums = [s[0] for s in SPEC if not only or s[0] in only]
    if jobs == 1:
        entries = [process_doc((n, outdir, workroot)) for n in nums]
    else:
        with ProcessPoolExecutor(jobs) as ex:
            entries = list(ex.map(process_doc, [(n, outdir, workroot) for n in nums]))
    shutil.rmtree(workroot, ignore_errors=True)
    if only:
        for e in entries:
            print(json.dumps(e)[:600])
        return
    with open(os.path.join(outdir, "manifest.jsonl"), "w") as f:
        for e in entries:
            f.write(json.dumps(e, ensure_ascii=False, sort_keys=False) + "\n")
    from collections import Counter
    dt = Counter(e["document_type"] for e in entries)
    fm = Counter(e["format"] for e in entries)
    df = Counter(d for e in entries for d in e["difficulty"])
    npg = sum(e["pages"] for e in entries)
    counts = "files: %d, pages: %d\n\nby document type (files): %s\n\nby format (files): %s\n\nby difficulty (pages): %s\n" % (
        len(entries), npg, ", ".join("%s %d" % kv for kv in sorted(dt.items())),
        ", ".join("%s %d" % kv for kv in sorted(fm.items())), ", ".join("%s %d" % kv for kv in sorted(df.items())))
    rot = sum(1 for e in entries for r in e["rotation_clockwise_deg"] if r)
    counts += "\npages turned 90/180/270: %d; blank or near-blank trailing pages: %d\n" % (
        rot, sum(len(e["blank_or_near_blank_pages"]) for e in entries))
    with open(os.path.join(outdir, "README.md"), "w") as f:
        f.write(README + counts)
    names = sorted(x for x in os.listdir(outdir) if x != "SHA256SUMS")
    with open(os.path.join(outdir, "SHA256SUMS"), "w") as f:
        for nme in names:
            f.write("%s  %s\n" % (hashlib.sha256(open(os.path.join(outdir, nme), "rb").read()).hexdigest(), nme))
    print(counts)


if __name__ == "__main__":
    main()
