#!/usr/bin/python3
"""make_set.py - builds the sealed OCR evaluation set "ocr8".

Tool chain: Python standard library writes flat ODF (.fodt) documents, LibreOffice
(soffice --headless --convert-to pdf) typesets them, mutool draw rasterises the PDF,
numpy (+ ImageMagick for a few filters, PIL only for file encoding and for the overlay
marks) simulates paper, printing, scanning and handling. Everything is fictional.

Usage: /usr/bin/python3 make_set.py [OUTDIR]   (default: the folder holding this script)
Reruns give byte-identical outputs (see SHA256SUMS).
"""
import os, sys, re, io, json, math, html, base64, hashlib, random, shutil, subprocess, datetime, zlib, textwrap
import functools
import numpy as np
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE
BUILD = os.path.join(OUT, "_build_tmp")
SET_SEED = "ocr8-nhs-scans-v1"
os.environ["MAGICK_THREAD_LIMIT"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["SOURCE_DATE_EPOCH"] = "0"

# ---------------------------------------------------------------- seeded randomness
def seed_int(*parts):
    h = hashlib.sha256(("|".join([SET_SEED] + [str(p) for p in parts])).encode()).digest()
    return int.from_bytes(h[:8], "big")

def rng_py(*parts):
    return random.Random(seed_int(*parts))

def rng_np(*parts):
    return np.random.default_rng(seed_int(*parts))

def esc(s):
    return html.escape(s, quote=True)

def norm_line(s):
    s = s.replace("\t", " ").replace("\u00a0", " ")
    return re.sub(r" +", " ", s).strip()

class R:
    """text run; kind: text | tab | box | boxx | page | pages | br"""
    def __init__(self, text="", kind="text", **props):
        self.text = text; self.kind = kind; self.props = props

def T(text, **props):
    return R(text, "text", **props)

class P:
    def __init__(self, runs=None, gt=True, **props):
        if runs is None:
            runs = []
        if isinstance(runs, str):
            runs = [T(runs)]
        self.runs = runs; self.props = props; self.gt = gt
    def text(self, page=1, pages=1):
        out = []
        for r in self.runs:
            if r.kind == "text": out.append(r.text)
            elif r.kind == "tab": out.append(" ")
            elif r.kind == "page": out.append(str(page))
            elif r.kind == "pages": out.append(str(pages))
        return norm_line("".join(out))
    def gt_lines(self, page=1, pages=1):
        if not self.gt: return []
        t = self.text(page, pages)
        return [t] if t else []

class Cell:
    def __init__(self, content=None, span=1, **props):
        if content is None: content = []
        if isinstance(content, str): content = [P(content)]
        if isinstance(content, P): content = [content]
        self.content = content; self.span = span; self.props = props

class Table:
    """mode 'data': each row -> one GT line (cells joined by a space).
       mode 'columns': each row -> cell contents read completely left to right."""
    def __init__(self, widths, rows, mode="data", **props):
        self.widths = widths; self.rows = rows; self.mode = mode; self.props = props
    def gt_lines(self, page=1, pages=1):
        out = []
        for row in self.rows:
            if self.mode == "data":
                parts = []
                for c in row:
                    for p in c.content:
                        t = p.text(page, pages) if p.gt else ""
                        if t: parts.append(t)
                t = norm_line(" ".join(parts))
                if t: out.append(t)
            else:
                for c in row:
                    for b in c.content:
                        out += b.gt_lines(page, pages)
        return out

class Frame:
    """text box. anchor 'as-char' (alone in its paragraph) or 'side' (paragraph
    anchored, right side, the following `left` blocks flow on its left)."""
    def __init__(self, content, width, height=None, anchor="as-char", left=None, **props):
        self.content = content; self.width = width; self.height = height
        self.anchor = anchor; self.left = left or []; self.props = props
    def gt_lines(self, page=1, pages=1):
        out = []
        if self.anchor == "side":
            for b in self.left: out += b.gt_lines(page, pages)
        for b in self.content: out += b.gt_lines(page, pages)
        return out

class Img:
    def __init__(self, png, width, height, align="left", anchor="as-char", x=0.0, y=0.0, wrap="run-through"):
        self.png = png; self.width = width; self.height = height; self.align = align
        self.anchor = anchor; self.x = x; self.y = y; self.wrap = wrap
    def gt_lines(self, page=1, pages=1):
        return []

class Page:
    def __init__(self, blocks, master="Rest"):
        self.blocks = blocks; self.master = master

class Master:
    def __init__(self, name, width=21.0, height=29.7, margins=(2.0, 2.0, 2.0, 2.0),
                 header=None, footer=None, bg=None):
        self.name = name; self.width = width; self.height = height
        self.margins = margins  # top, bottom, left, right (cm)
        self.header = header or []; self.footer = footer or []; self.bg = bg

class Doc:
    def __init__(self, masters, pages, base_font="Liberation Serif", base_size=11, color=None):
        self.masters = {m.name: m for m in masters}; self.pages = pages; self.color = color
        self.base_font = base_font; self.base_size = base_size
    def gt_pages(self):
        n = len(self.pages); res = []
        for i, pg in enumerate(self.pages, 1):
            m = self.masters[pg.master]; lines = []
            for b in m.header: lines += b.gt_lines(i, n)
            for b in pg.blocks: lines += b.gt_lines(i, n)
            for b in m.footer: lines += b.gt_lines(i, n)
            res.append(lines)
        return res
    def fonts(self):
        fs = {self.base_font}
        def walk(blocks):
            for b in blocks:
                if isinstance(b, P):
                    if "font" in b.props: fs.add(b.props["font"])
                    for r in b.runs:
                        if "font" in r.props: fs.add(r.props["font"])
                elif isinstance(b, Table):
                    for row in b.rows:
                        for c in row: walk(c.content)
                elif isinstance(b, Frame):
                    walk(b.content); walk(b.left)
        for m in self.masters.values():
            walk(m.header); walk(m.footer)
        for pg in self.pages: walk(pg.blocks)
        return sorted(fs)

# ---------------------------------------------------------------- ODF writer
TEXT_KEYS = ("font", "size", "bold", "italic", "underline", "color", "hl", "caps", "spacing", "strike")

def text_props_xml(p):
    a = []
    if "font" in p: a.append('style:font-name="%s"' % esc(p["font"]))
    if "size" in p: a.append('fo:font-size="%gpt"' % p["size"])
    if p.get("bold"): a.append('fo:font-weight="bold"')
    elif "bold" in p: a.append('fo:font-weight="normal"')
    if p.get("italic"): a.append('fo:font-style="italic"')
    if p.get("underline"): a.append('style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"')
    if p.get("strike"): a.append('style:text-line-through-style="solid"')
    if "color" in p: a.append('fo:color="%s"' % p["color"])
    if "hl" in p: a.append('fo:background-color="%s"' % p["hl"])
    if p.get("caps"): a.append('fo:text-transform="uppercase"')
    if "spacing" in p: a.append('fo:letter-spacing="%gpt"' % p["spacing"])
    return "<style:text-properties %s/>" % " ".join(a) if a else ""

class Writer:
    def __init__(self, doc):
        self.doc = doc; self.auto = []; self.cache = {}; self.n = 0

    def style(self, family, body, extra_attr=""):
        k = (family, body, extra_attr)
        if k in self.cache: return self.cache[k]
        self.n += 1
        name = {"paragraph": "P", "text": "T", "table": "Tb", "table-column": "Tc",
                "table-cell": "Td", "graphic": "G", "table-row": "Tr"}[family] + str(self.n)
        self.cache[k] = name
        self.auto.append('<style:style style:name="%s" style:family="%s"%s>%s</style:style>'
                         % (name, family, (" " + extra_attr) if extra_attr else "", body))
        return name

    def pstyle(self, props, brk=None, master=None):
        a = []
        al = props.get("align")
        if al: a.append('fo:text-align="%s"' % {"left": "start", "right": "end", "center": "center", "justify": "justify"}[al])
        a.append('fo:margin-top="%gcm"' % props.get("before", 0))
        a.append('fo:margin-bottom="%gcm"' % props.get("after", 0))
        if "indent" in props: a.append('fo:margin-left="%gcm"' % props["indent"])
        if "rindent" in props: a.append('fo:margin-right="%gcm"' % props["rindent"])
        if "first" in props: a.append('fo:text-indent="%gcm"' % props["first"])
        if "lh" in props: a.append('fo:line-height="%s"' % props["lh"])
        if "bg" in props: a.append('fo:background-color="%s"' % props["bg"])
        if "border" in props: a.append('fo:border="%s"' % props["border"])
        if "border_bottom" in props: a.append('fo:border-bottom="%s"' % props["border_bottom"])
        if "border_top" in props: a.append('fo:border-top="%s"' % props["border_top"])
        if "padding" in props: a.append('fo:padding="%gcm"' % props["padding"])
        if brk: a.append('fo:break-before="page"')
        a.append('fo:hyphenate="false"')
        tabs = props.get("tabs")
        inner = ""
        if tabs:
            ts = []
            for t in tabs:
                if isinstance(t, tuple):
                    pos, typ = t
                else:
                    pos, typ = t, "left"
                ts.append('<style:tab-stop style:position="%gcm"%s/>' % (pos, "" if typ == "left" else ' style:type="%s"' % typ))
            inner = "<style:tab-stops>%s</style:tab-stops>" % "".join(ts)
        body = "<style:paragraph-properties %s>%s</style:paragraph-properties>" % (" ".join(a), inner)
        tp = {k: props[k] for k in TEXT_KEYS if k in props}
        body += text_props_xml(tp)
        extra = 'style:parent-style-name="Standard"'
        if master: extra += ' style:master-page-name="%s"' % master
        return self.style("paragraph", body, extra)

    def runs_xml(self, runs):
        out = []
        for r in runs:
            if r.kind == "tab": out.append("<text:tab/>"); continue
            if r.kind == "br": out.append("<text:line-break/>"); continue
            if r.kind in ("box", "boxx", "boxf"):
                sz = r.props.get("box", 0.32)
                if r.kind == "boxf": fill = 'draw:fill="solid" draw:fill-color="#000000"'
                elif r.kind == "boxx": fill = 'draw:fill="hatch" draw:fill-hatch-name="X" draw:fill-hatch-solid="false"'
                else: fill = 'draw:fill="none"'
                g = self.style("graphic", '<style:graphic-properties svg:stroke-width="0.02cm" svg:stroke-color="#000000" draw:stroke="solid" %s style:vertical-pos="middle" style:vertical-rel="text"/>' % fill)
                out.append('<draw:rect draw:style-name="%s" text:anchor-type="as-char" svg:width="%gcm" svg:height="%gcm"/>' % (g, sz, sz))
                continue
            if r.kind == "page":
                inner = '<text:page-number text:select-page="current">1</text:page-number>'
            elif r.kind == "pages":
                inner = "<text:page-count>1</text:page-count>"
            else:
                t = esc(r.text)
                # preserve runs of spaces
                t = re.sub(r"  +", lambda m: " " + '<text:s text:c="%d"/>' % (len(m.group(0)) - 1), t)
                inner = t
            tp = {k: r.props[k] for k in TEXT_KEYS if k in r.props}
            if tp:
                name = self.style("text", text_props_xml(tp))
                out.append('<text:span text:style-name="%s">%s</text:span>' % (name, inner))
            else:
                out.append(inner)
        return "".join(out)

    def p_xml(self, p, brk=None, master=None):
        st = self.pstyle(p.props, brk, master)
        return '<text:p text:style-name="%s">%s</text:p>' % (st, self.runs_xml(p.runs))

    def blocks_xml(self, blocks):
        return "".join(self.block_xml(b) for b in blocks)

    def cell_style(self, props):
        a = ['fo:padding="%gcm"' % props.get("padding", 0.08)]
        b = props.get("border", "0.5pt solid #000000")
        if b: a.append('fo:border="%s"' % b)
        else: a.append('fo:border="none"')
        for side in ("top", "bottom", "left", "right"):
            if "border_" + side in props:
                a.append('fo:border-%s="%s"' % (side, props["border_" + side]))
        if "bg" in props: a.append('fo:background-color="%s"' % props["bg"])
        a.append('style:vertical-align="%s"' % props.get("valign", "top"))
        return self.style("table-cell", "<style:table-cell-properties %s/>" % " ".join(a))

    def block_xml(self, b):
        if isinstance(b, P):
            return self.p_xml(b)
        if isinstance(b, Table):
            tw = sum(b.widths)
            al = b.props.get("align", "left")
            tst = self.style("table", '<style:table-properties style:width="%gcm" table:align="%s"%s fo:margin-top="%gcm" fo:margin-bottom="%gcm"/>'
                             % (tw, al, ' fo:margin-left="%gcm"' % b.props["indent"] if "indent" in b.props and al == "left" else "",
                                b.props.get("before", 0), b.props.get("after", 0.1)))
            out = ['<table:table table:style-name="%s">' % tst]
            for w in b.widths:
                cs = self.style("table-column", '<style:table-column-properties style:column-width="%gcm"/>' % w)
                out.append('<table:table-column table:style-name="%s"/>' % cs)
            rs = None
            if "rowh" in b.props:
                rs = self.style("table-row", '<style:table-row-properties style:min-row-height="%gcm"/>' % b.props["rowh"])
            for row in b.rows:
                out.append('<table:table-row table:style-name="%s">' % rs if rs else "<table:table-row>")
                for c in row:
                    props = dict(b.props.get("cell", {})); props.update(c.props)
                    cs = self.cell_style(props)
                    span = ' table:number-columns-spanned="%d"' % c.span if c.span > 1 else ""
                    content = c.content if c.content else [P("")]
                    if "size" in props or "font" in props:
                        cc = []
                        for q in content:
                            if isinstance(q, P):
                                np_ = dict(q.props)
                                for k in ("size", "font"):
                                    if k in props and k not in np_: np_[k] = props[k]
                                q = P(q.runs, gt=q.gt, **np_)
                            cc.append(q)
                        content = cc
                    inner = self.blocks_xml(content)
                    out.append('<table:table-cell table:style-name="%s" office:value-type="string"%s>%s</table:table-cell>' % (cs, span, inner))
                    for _ in range(c.span - 1):
                        out.append("<table:covered-table-cell/>")
                out.append("</table:table-row>")
            out.append("</table:table>")
            return "".join(out)
        if isinstance(b, Frame):
            pr = b.props
            g = []
            g.append('fo:border="%s"' % pr.get("border", "0.6pt solid #000000"))
            g.append('fo:padding="%gcm"' % pr.get("padding", 0.15))
            if "bg" in pr: g.append('fo:background-color="%s" draw:fill="solid" draw:fill-color="%s"' % (pr["bg"], pr["bg"]))
            else: g.append('draw:fill="none"')
            if b.anchor == "as-char":
                g.append('style:vertical-pos="top" style:vertical-rel="baseline"')
            else:
                g.append('style:wrap="left" style:number-wrapped-paragraphs="no-limit" style:vertical-pos="top" style:vertical-rel="paragraph" style:horizontal-pos="right" style:horizontal-rel="paragraph-content"')
                g.append('fo:margin-left="0.3cm"')
            gs = self.style("graphic", "<style:graphic-properties %s/>" % " ".join(g))
            h = ' fo:min-height="%gcm"' % b.height if b.height else ' fo:min-height="0.5cm"'
            fr = ('<draw:frame draw:style-name="%s" text:anchor-type="%s" svg:width="%gcm"%s draw:z-index="0"><draw:text-box%s>%s</draw:text-box></draw:frame>'
                  % (gs, "as-char" if b.anchor == "as-char" else "paragraph", b.width, "", h, self.blocks_xml(b.content)))
            if b.anchor == "as-char":
                st = self.pstyle(pr.get("pprops", {"align": pr.get("align", "left"), "after": pr.get("after", 0.2), "before": pr.get("before", 0)}))
                return '<text:p text:style-name="%s">%s</text:p>' % (st, fr)
            # side: anchor in the first left paragraph
            left = list(b.left)
            first = left[0]
            st = self.pstyle(first.props)
            out = '<text:p text:style-name="%s">%s%s</text:p>' % (st, fr, self.runs_xml(first.runs))
            return out + self.blocks_xml(left[1:])
        if isinstance(b, Img):
            g = ['style:wrap="%s"' % b.wrap]
            if b.anchor == "as-char":
                g.append('style:vertical-pos="top" style:vertical-rel="baseline"')
                gs = self.style("graphic", "<style:graphic-properties %s/>" % " ".join(g))
                fr = ('<draw:frame draw:style-name="%s" text:anchor-type="as-char" svg:width="%gcm" svg:height="%gcm"><draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame>'
                      % (gs, b.width, b.height, base64.b64encode(b.png).decode()))
                st = self.pstyle({"align": b.align, "after": 0.1})
                return '<text:p text:style-name="%s">%s</text:p>' % (st, fr)
            else:  # paragraph anchored, absolute offset from paragraph, behind text
                g.append('style:run-through="background" style:vertical-pos="from-top" style:vertical-rel="paragraph" style:horizontal-pos="from-left" style:horizontal-rel="paragraph"')
                gs = self.style("graphic", "<style:graphic-properties %s/>" % " ".join(g))
                fr = ('<draw:frame draw:style-name="%s" text:anchor-type="paragraph" svg:x="%gcm" svg:y="%gcm" svg:width="%gcm" svg:height="%gcm" draw:z-index="0"><draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame>'
                      % (gs, b.x, b.y, b.width, b.height, base64.b64encode(b.png).decode()))
                st = self.pstyle({"size": 1, "lh": "1pt"})
                return '<text:p text:style-name="%s">%s</text:p>' % (st, fr)
        raise TypeError(b)

    def write(self):
        d = self.doc
        body = []
        for i, pg in enumerate(d.pages):
            # page starter: a tiny empty paragraph carrying the break / master page
            st = self.pstyle({"size": 1, "lh": "1pt"}, brk=None, master=pg.master)
            body.append('<text:p text:style-name="%s"/>' % st)
            body.append(self.blocks_xml(pg.blocks))
        layouts = []; masters = []
        for m in d.masters.values():
            t, bm, l, r = m.margins
            hs = ('<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.25cm"/></style:header-style>' if m.header else "<style:header-style/>")
            fs = ('<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.25cm"/></style:footer-style>' if m.footer else "<style:footer-style/>")
            bg = ' fo:background-color="%s"' % m.bg if m.bg else ""
            layouts.append('<style:page-layout style:name="L%s"><style:page-layout-properties fo:page-width="%gcm" fo:page-height="%gcm" fo:margin-top="%gcm" fo:margin-bottom="%gcm" fo:margin-left="%gcm" fo:margin-right="%gcm" style:print-orientation="portrait"%s/>%s%s</style:page-layout>'
                           % (m.name, m.width, m.height, t, bm, l, r, bg, hs, fs))
            hx = "<style:header>%s</style:header>" % self.blocks_xml(m.header) if m.header else ""
            fx = "<style:footer>%s</style:footer>" % self.blocks_xml(m.footer) if m.footer else ""
            masters.append('<style:master-page style:name="%s" style:page-layout-name="L%s">%s%s</style:master-page>' % (m.name, m.name, hx, fx))
        fonts = "".join('<style:font-face style:name="%s" svg:font-family="&apos;%s&apos;"/>' % (esc(f), esc(f)) for f in self.font_names())
        NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
              'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
              'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
              'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
              'xmlns:xlink="http://www.w3.org/1999/xlink" '
              'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"')
        styles = ('<office:styles><draw:hatch draw:name="X" draw:style="double" draw:color="#000000" draw:distance="0.05cm" draw:rotation="450"/>'
                  '<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/>'
                  '<style:text-properties style:font-name="%s" fo:font-size="%gpt" fo:language="en" fo:country="GB" fo:hyphenate="false"%s/></style:default-style>'
                  '<style:style style:name="Standard" style:family="paragraph" style:class="text"/></office:styles>' % (esc(d.base_font), d.base_size, (' fo:color="%s"' % d.color) if d.color else ""))
        xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">'
               '<office:font-face-decls>%s</office:font-face-decls>%s<office:automatic-styles>%s%s</office:automatic-styles>'
               '<office:master-styles>%s</office:master-styles><office:body><office:text>%s</office:text></office:body></office:document>\n'
               % (NS, fonts, styles, "".join(self.auto), "".join(layouts), "".join(masters), "".join(body)))
        return xml

    def font_names(self):
        return self.doc.fonts()

def to_fodt(doc):
    w = Writer(doc)
    # styles are collected while writing the body, so write twice to get a stable order
    w.write()
    return w.write()

# ---------------------------------------------------------------- fictional people and places
MALE = ["John", "David", "Peter", "Michael", "Robert", "Stephen", "Graham", "Kevin", "Arthur", "Derek",
        "Mohammed", "Imran", "Tomasz", "Kwame", "Gareth", "Colin", "Barry", "Alan", "Dennis", "Raymond",
        "Oliver", "Harry", "Callum", "Ravi", "Sanjay", "Patrick", "Eamon", "Leslie", "Trevor", "Neville"]
FEMALE = ["Margaret", "Susan", "Patricia", "Linda", "Janet", "Elaine", "Maureen", "Doreen", "Sandra", "Karen",
          "Amira", "Priya", "Agnieszka", "Abena", "Bronwen", "Shirley", "Valerie", "Gillian", "Hazel", "Irene",
          "Olivia", "Emily", "Chloe", "Aisha", "Nadia", "Siobhan", "Fiona", "Joan", "Brenda", "Pauline"]
MIDDLE_M = ["James", "William", "Edward", "Thomas", "Paul", "Lee", "Arthur", "John"]
MIDDLE_F = ["Anne", "Louise", "Marie", "Rose", "Jane", "Grace", "Mary", "Elizabeth"]
SURNAMES = ["Ashworth", "Brennan", "Cartwright", "Dobson", "Ellison", "Fairbrother", "Gallagher", "Hargreaves",
            "Ibbotson", "Jowett", "Kershaw", "Lockwood", "Mallinson", "Nuttall", "Oldroyd", "Pickles", "Quarmby",
            "Royston", "Sutcliffe", "Thwaite", "Uttley", "Varley", "Whiteley", "Yeadon", "Akhtar", "Begum",
            "Chaudhry", "Nowak", "Kowalczyk", "Mensah", "Okafor", "O'Rourke", "McAllister", "Pritchard",
            "Llewellyn", "Fitzgerald", "Hussain", "Patel", "Gill", "Nguyen", "Fenwick", "Greenhalgh", "Holroyd",
            "Illingworth", "Jagger", "Kilburn", "Lumb", "Midgley", "Naylor", "Ormerod", "Pollard", "Rushworth"]
STREETS = ["Mill Lane", "Orchard Close", "Station Road", "Church Street", "Beech Grove", "Victoria Terrace",
           "Lark Rise", "Canal Side", "Heather View", "Quarry Bank", "Sycamore Drive", "Weavers Court",
           "Kingfisher Way", "Moorland Road", "Rectory Gardens", "Tanners Yard", "Foundry Street", "Hollin Lane",
           "Ravensdale Avenue", "Chapel Fold", "Bracken Hill", "Abbey Walk", "Ferry Lane", "Granary Row"]
TOWNS = ["Northbridge", "Eastwick Vale", "Hollowmere", "Ashby Wold", "Kingsreach", "Fernleigh", "Stonebury",
         "Wrenfield", "Oakhurst Green", "Lowdale", "Brackenford", "Thornbeck"]
COUNTY = ["West Wolds", "Kingsreach", "Vale of Ashby"]

PRACTICES = [
    ("Riverside Medical Practice", "Riverside House, 4 Canal Side", "Northbridge", "Z81042"),
    ("The Old Forge Surgery", "The Old Forge, Church Street", "Hollowmere", "Z82117"),
    ("Millbrook Health Centre", "Millbrook Road", "Eastwick Vale", "Z83205"),
    ("Castle Street Surgery", "21-23 Castle Street", "Stonebury", "Z84310"),
    ("Fernleigh Family Practice", "1 Heather View", "Fernleigh", "Z85421"),
    ("Kingsreach Road Medical Centre", "88 Kingsreach Road", "Kingsreach", "Z86533"),
    ("Wrenfield Group Practice", "The Health Village, Abbey Walk", "Wrenfield", "Z87644"),
    ("Oakhurst Green Surgery", "2 Rectory Gardens", "Oakhurst Green", "Z88756"),
    ("Brackenford Health Centre", "Ferry Lane", "Brackenford", "Z89867"),
    ("St Bede's Medical Practice", "St Bede's House, Chapel Fold", "Lowdale", "Z80978"),
    ("Lowdale Park Surgery", "Lowdale Park, Granary Row", "Lowdale", "Z81189"),
    ("Thornbeck Village Surgery", "The Green", "Thornbeck", "Z82290"),
]
HOSPITALS = [
    ("Northbridge General Hospital", "Northbridge and Kingsreach NHS Foundation Trust", "Infirmary Road", "Northbridge", "ZX1 3NG", "NG"),
    ("Kingsreach Royal Infirmary", "Northbridge and Kingsreach NHS Foundation Trust", "Royal Parade", "Kingsreach", "ZX9 2RK", "KR"),
    ("Eastwick Vale Community Hospital", "Wolds Valley Hospitals NHS Trust", "Vale Road", "Eastwick Vale", "ZX5 8EV", "EV"),
    ("St Aldhelm's Hospital", "Wolds Valley Hospitals NHS Trust", "Aldhelm Way", "Hollowmere", "ZX7 4SA", "SA"),
]
GP_NAMES = ["Dr Helen Marsh", "Dr R. J. Patel", "Dr A. Okonkwo", "Dr Sarah Whitcombe", "Dr T. McBride",
            "Dr Fiona Drummond", "Dr K. Nakamura", "Dr Owen Price", "Dr L. Farrukh", "Dr Jonathan Hale",
            "Dr M. Szymanska", "Dr Catherine Bligh", "Dr P. Venkatesh", "Dr Anna Lindqvist", "Dr G. Roper"]
CONSULTANTS = {
    "Cardiology": "Dr S. Iqbal", "Colorectal Surgery": "Mr D. Harrington", "Upper GI Surgery": "Miss R. Caldwell",
    "Dermatology": "Dr E. Montague", "Trauma and Orthopaedics": "Mr J. Ogunleye", "ENT": "Mr P. Lavery",
    "Urology": "Mr A. Kaczmarek", "Gynaecology": "Miss H. Rowntree", "Respiratory Medicine": "Dr C. Whitfield",
    "Neurology": "Dr N. Bhattacharya", "Rheumatology": "Dr L. Sorensen", "Endocrinology": "Dr F. Adeyemi",
    "Paediatrics": "Dr G. Maitland", "Old Age Psychiatry": "Dr W. Thackeray", "Breast Surgery": "Miss K. Ferreira",
    "Vascular Surgery": "Mr B. Ellwood", "Adult Mental Health": "Dr Y. Osei", "Diabetes": "Dr M. Castellano",
    "Physiotherapy": "MSK Triage Team", "General Medicine": "Dr R. Fortescue", "Haematology": "Dr J. Quigley",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

def nhs_check(d9):
    s = sum(int(c) * w for c, w in zip(d9, range(10, 1, -1)))
    c = 11 - s % 11
    if c == 11: c = 0
    return None if c == 10 else c

def make_nhs(rng):
    while True:
        d9 = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        c = nhs_check(d9)
        if c is not None:
            return d9 + str(c)

def bad_nhs_like(rng):
    """a 10-digit number that fails the modulus-11 check (distractor)"""
    while True:
        d9 = str(rng.randrange(1, 10)) + "".join(str(rng.randrange(10)) for _ in range(8))
        c = nhs_check(d9)
        bad = [str(x) for x in range(10) if c is None or x != c]
        return d9 + rng.choice(bad)

def fmt_nhs(n, style):
    if style == "spaced": return "%s %s %s" % (n[:3], n[3:6], n[6:])
    if style == "dashed": return "%s-%s-%s" % (n[:3], n[3:6], n[6:])
    return n

def ordinal(d):
    return "%d%s" % (d, "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))

def fmt_date(d, style):
    if style == "dmy/": return d.strftime("%d/%m/%Y")
    if style == "dmy/2": return d.strftime("%d/%m/%y")
    if style == "dmy.2": return d.strftime("%d.%m.%y")
    if style == "dmy.": return d.strftime("%d.%m.%Y")
    if style == "dmy-": return d.strftime("%d-%m-%Y")
    if style == "long": return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "longord": return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    if style == "dMony": return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "d Mon y": return "%02d %s %d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "DMONY": return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3].upper(), d.year)
    if style == "iso": return d.isoformat()
    if style == "wlong": return "%s %d %s %d" % (d.strftime("%A"), d.day, MONTHS[d.month - 1], d.year)
    raise ValueError(style)

def rand_date(rng, y0, y1):
    a = datetime.date(y0, 1, 1).toordinal(); b = datetime.date(y1, 12, 28).toordinal()
    return datetime.date.fromordinal(rng.randint(a, b))

def phone(rng):
    return "01632 960%03d" % rng.randrange(1000)

def postcode(rng):
    return "ZX%d %d%s%s" % (rng.randint(1, 19), rng.randint(1, 9), rng.choice("ABDEFGHJLNPQRSTUWXY"), rng.choice("ABDEFGHJLNPQRSTUWXY"))

def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))

class Person:
    pass

def make_patient(rng, sex=None, age_range=(25, 85), when=None):
    p = Person()
    p.sex = sex or rng.choice("MF")
    p.first = rng.choice(MALE if p.sex == "M" else FEMALE)
    p.middle = rng.choice(MIDDLE_M if p.sex == "M" else MIDDLE_F) if rng.random() < 0.4 else ""
    p.surname = rng.choice(SURNAMES)
    when = when or datetime.date(2019, 6, 1)
    age = rng.randint(*age_range)
    p.dob = when - datetime.timedelta(days=int(age * 365.25 + rng.randint(0, 360)))
    if age < 16:
        p.title = "Master" if p.sex == "M" and age < 12 else ("Miss" if p.sex == "F" else "Mr")
    else:
        p.title = "Mr" if p.sex == "M" else rng.choice(["Mrs", "Mrs", "Ms", "Miss"])
    p.nhs = make_nhs(rng)
    p.street = "%d %s" % (rng.randint(1, 140), rng.choice(STREETS))
    p.town = rng.choice(TOWNS)
    p.postcode = postcode(rng)
    p.phone = phone(rng)
    p.he, p.his, p.him = ("he", "his", "him") if p.sex == "M" else ("she", "her", "her")
    p.He, p.His = p.he.capitalize(), p.his.capitalize()
    p.man = "man" if p.sex == "M" else "woman"
    if age < 16: p.man = "boy" if p.sex == "M" else "girl"
    return p

def full_name(p, style="title"):
    if style == "title": return "%s %s %s" % (p.title, p.first, p.surname)
    if style == "SURNAME, First": return "%s, %s%s" % (p.surname.upper(), p.first, (" " + p.middle) if p.middle else "")
    if style == "SURNAME First": return "%s %s" % (p.surname.upper(), p.first)
    if style == "First SURNAME": return "%s %s" % (p.first, p.surname.upper())
    if style == "Title First SURNAME": return "%s %s %s" % (p.title, p.first, p.surname.upper())
    if style == "initial": return "%s %s. %s" % (p.title, p.first[0], p.surname)
    raise ValueError(style)

def hosp_number(rng, style):
    if style == "K": return "K%06d" % rng.randrange(10 ** 6)
    if style == "RZX": return "RZX%07d" % rng.randrange(10 ** 7)
    if style == "slash": return "%s/%06d" % (rng.choice("HNKE"), rng.randrange(10 ** 6))
    if style == "D": return "D%07d" % rng.randrange(10 ** 7)
    if style == "alpha": return "%s%d%05d" % (rng.choice(["NG", "KR", "EV", "SA"]), rng.randint(1, 9), rng.randrange(10 ** 5))
    raise ValueError(style)

def ubrn(rng):
    d = "%012d" % rng.randrange(10 ** 11, 10 ** 12)
    return "%s %s %s" % (d[:4], d[4:8], d[8:])

# ---------------------------------------------------------------- clinical scenarios
# {age} {he} {his} {him} {He} {His} {man} {name} are filled per patient.
SCENARIOS = {
 "chest_pain": dict(spec="Cardiology", clinic="Rapid Access Chest Pain", urg="Urgent", sex=None, age=(45, 80),
   title="Exertional chest tightness",
   hx=["I would be grateful if you could see this {age} year old {man} who describes a six week history of central chest tightness brought on by walking uphill and relieved by rest within a few minutes.",
       "There is no pain at rest and no syncope. {He} has noticed some breathlessness on climbing stairs over the same period.",
       "{He} is an ex-smoker of 30 pack years and {his} father had a myocardial infarction at the age of 58."],
   exam=["BP 148/92, pulse 78 regular, heart sounds normal, chest clear, no peripheral oedema. BMI 31."],
   invx=["ECG: sinus rhythm, no acute changes.", "Total cholesterol 6.4 mmol/L, HDL 1.0, HbA1c 41 mmol/mol, eGFR 74."],
   meds=["Amlodipine 5mg once daily", "Atorvastatin 20mg at night", "GTN spray 400 micrograms as required"],
   pmh=["Hypertension (2011)", "Gout (2015)"], allergy="Penicillin - rash",
   ask=["I have started aspirin 75mg and a GTN spray and would value your assessment with a view to further investigation."],
   ticks=["Chest pain on exertion", "Relieved by rest", "Pain at rest", "Syncope", "Abnormal ECG", "Known IHD"]),
 "cibh_ida": dict(spec="Colorectal Surgery", clinic="2WW Lower GI", urg="2WW", sex=None, age=(55, 85),
   title="Change in bowel habit and iron deficiency anaemia",
   hx=["This {age} year old {man} reports a three month change in bowel habit to looser stools, opening {his} bowels three to four times a day.",
       "{He} has lost around 5 kg in weight without trying and feels more tired than usual. There has been no obvious rectal bleeding.",
       "There is no family history of bowel cancer that {he} is aware of."],
   exam=["Abdomen soft, mild tenderness in the right iliac fossa, no masses palpable. Rectal examination: no masses, brown stool on glove."],
   invx=["Hb 98 g/L (previously 131 g/L in 2017), MCV 74 fL, ferritin 9 ug/L.", "FIT 212 ug Hb/g faeces. CRP 14. U+E and LFTs normal."],
   meds=["Ramipril 5mg once daily", "Metformin 500mg twice daily", "Ferrous fumarate 210mg twice daily"],
   pmh=["Type 2 diabetes", "Hypertension", "Cholecystectomy 1998"], allergy="No known drug allergies",
   ask=["I would be grateful for urgent assessment under the two week wait pathway."],
   ticks=["Rectal bleeding", "Change in bowel habit > 3 weeks", "Iron deficiency anaemia", "Abdominal mass", "Weight loss", "FIT >= 10 ug/g"]),
 "dysphagia": dict(spec="Upper GI Surgery", clinic="2WW Upper GI", urg="2WW", sex=None, age=(55, 88),
   title="Progressive dysphagia",
   hx=["{Name} is a {age} year old {man} with a two month history of food sticking behind the lower sternum, initially with bread and meat and now with soft foods.",
       "{He} has lost 4 kg and has intermittent heartburn. No haematemesis or melaena."],
   exam=["Looks well. No lymphadenopathy. Abdomen soft and non-tender, no epigastric mass."],
   invx=["Hb 121 g/L, platelets 402. Albumin 34 g/L."],
   meds=["Omeprazole 20mg once daily", "Bendroflumethiazide 2.5mg once daily"],
   pmh=["Barrett's oesophagus under surveillance until 2014", "Osteoarthritis"], allergy="NKDA",
   ask=["Please arrange an urgent gastroscopy or clinic assessment as you feel appropriate."],
   ticks=["Dysphagia", "Weight loss", "Upper abdominal mass", "Persistent vomiting", "Haematemesis", "Aged 55 or over"]),
 "mole": dict(spec="Dermatology", clinic="2WW Skin Cancer", urg="2WW", sex=None, age=(30, 80),
   title="Changing pigmented lesion left calf",
   hx=["{Name} has noticed a mole on the back of {his} left calf that has grown and darkened over the last four months.",
       "It occasionally itches and bled once after shaving. {He} has fair skin and had several sunburns as a child."],
   exam=["9 x 6 mm irregular, asymmetrical pigmented lesion with two shades of brown and an irregular border. Weighted 7-point checklist score 5."],
   invx=["Dermoscopy photograph taken and attached to the e-RS referral."],
   meds=["Levothyroxine 75 micrograms once daily", "Sertraline 50mg once daily"],
   pmh=["Hypothyroidism", "Anxiety"], allergy="Plasters",
   ask=["Please see urgently under the suspected skin cancer pathway."],
   ticks=["Change in size", "Irregular shape", "Irregular colour", "Diameter >= 7 mm", "Inflammation", "Oozing or bleeding"]),
 "knee_oa": dict(spec="Trauma and Orthopaedics", clinic="Knee", urg="Routine", sex=None, age=(55, 85),
   title="Right knee osteoarthritis",
   hx=["Thank you for seeing this {age} year old retired bus driver with worsening right knee pain over two years.",
       "{He} now struggles to walk more than 200 metres, has night pain most nights and uses a stick outdoors.",
       "{He} has completed a six week course of physiotherapy and lost 6 kg with little benefit."],
   exam=["Varus deformity, small effusion, crepitus, flexion limited to 100 degrees. Ligaments stable."],
   invx=["X-ray right knee (standing): severe medial joint space loss with osteophytes."],
   meds=["Paracetamol 1g four times daily", "Naproxen 500mg twice daily", "Lansoprazole 15mg once daily"],
   pmh=["Hypertension", "Left hip replacement 2012"], allergy="Codeine - vomiting",
   ask=["{He} would like to discuss knee replacement surgery. Oxford Knee Score 14/48."],
   ticks=["Night pain", "Failed physiotherapy", "X-ray attached", "Weight management advice given", "Steroid injection tried", "BMI under 40"]),
 "hearing": dict(spec="ENT", clinic="Otology", urg="Routine", sex=None, age=(35, 75),
   title="Asymmetrical hearing loss and tinnitus",
   hx=["{Name} has a nine month history of reduced hearing in the left ear associated with a constant high pitched tinnitus.",
       "There is no vertigo, otalgia or discharge. {He} worked in a noisy factory for some years."],
   exam=["Otoscopy normal bilaterally. Rinne positive both sides, Weber lateralises to the right."],
   invx=["Audiology: left sensorineural loss of 30 dB at 2-4 kHz compared with the right ear."],
   meds=["Simvastatin 40mg at night"], pmh=["Hypercholesterolaemia"], allergy="None known",
   ask=["I would be grateful for your opinion and consideration of an MRI of the internal auditory meatus."],
   ticks=["Unilateral hearing loss", "Tinnitus", "Vertigo", "Ear discharge", "Facial weakness", "Audiogram attached"]),
 "psa": dict(spec="Urology", clinic="2WW Urology", urg="2WW", sex="M", age=(55, 80),
   title="Raised PSA",
   hx=["This {age} year old gentleman attended for a well man check and asked for a PSA test because of mild nocturia.",
       "His PSA was 9.8 ng/mL and on repeat six weeks later 10.4 ng/mL. He has no bone pain and no haematuria."],
   exam=["DRE: moderately enlarged prostate, smooth, with a firm area on the left lobe."],
   invx=["PSA 10.4 ng/mL (age-specific range up to 4.5). MSU negative. eGFR 68."],
   meds=["Tamsulosin 400 micrograms once daily"], pmh=["Benign prostatic hyperplasia", "Asthma"], allergy="NKDA",
   ask=["Please see under the two week wait pathway for suspected prostate cancer."],
   ticks=["Raised PSA", "Abnormal DRE", "Haematuria", "Bone pain", "UTI excluded", "Aged 50 or over"]),
 "pmb": dict(spec="Gynaecology", clinic="2WW Gynaecology", urg="2WW", sex="F", age=(55, 80),
   title="Postmenopausal bleeding",
   hx=["Mrs {surname} is a {age} year old lady whose periods stopped at the age of 51. She has had two episodes of vaginal bleeding over the past month.",
       "She is not on HRT. Her last cervical smear in 2016 was normal."],
   exam=["Speculum examination: atrophic vaginal mucosa, cervix looks healthy, no active bleeding. Abdomen soft, no masses."],
   invx=["Hb 129 g/L. Pelvic ultrasound requested."],
   meds=["Letrozole 2.5mg once daily (breast cancer 2014)", "Calcium and vitamin D"],
   pmh=["Left breast cancer 2014", "Osteopenia"], allergy="Sulfonamides",
   ask=["I would be grateful for urgent assessment under the two week wait pathway."],
   ticks=["Postmenopausal bleeding", "On HRT", "Unexplained vulval lump", "Abnormal cervix", "Pelvic mass", "Ultrasound requested"]),
 "cough": dict(spec="Respiratory Medicine", clinic="Chest Clinic", urg="Urgent", sex=None, age=(50, 85),
   title="Persistent cough and breathlessness",
   hx=["Thank you for seeing this {age} year old {man} with a productive cough for over three months and increasing breathlessness.",
       "{He} has had two courses of antibiotics with only short lived improvement. {He} smokes 15 cigarettes a day."],
   exam=["Oxygen saturation 93 percent on air. Coarse crackles at the right base. No clubbing."],
   invx=["Chest X-ray: right lower zone consolidation, repeat film after six weeks unchanged.", "Spirometry: FEV1 1.9 L (68 percent predicted), FEV1/FVC 0.61."],
   meds=["Tiotropium inhaler once daily", "Salbutamol inhaler as required", "Doxycycline 100mg once daily (completed)"],
   pmh=["COPD", "Depression"], allergy="NKDA",
   ask=["I am concerned about an underlying malignancy and would be grateful for urgent review."],
   ticks=["Cough > 3 weeks", "Haemoptysis", "Weight loss", "Abnormal chest X-ray", "Smoker", "Asbestos exposure"]),
 "headache": dict(spec="Neurology", clinic="General Neurology", urg="Routine", sex=None, age=(25, 60),
   title="Headaches and intermittent tremor",
   hx=["{Name} is {age} and has a six month history of headaches, worse in the morning, with a bilateral pressing quality.",
       "{He} has also noticed a fine tremor of both hands when holding a cup. No visual disturbance, weakness or seizures."],
   exam=["Fundi normal. Cranial nerves intact. Fine postural tremor, normal tone and reflexes."],
   invx=["TFTs, FBC, ESR normal."], meds=["Propranolol 40mg twice daily", "Amitriptyline 10mg at night"],
   pmh=["Migraine in adolescence"], allergy="NKDA",
   ask=["I would value your opinion on whether further imaging is needed."],
   ticks=["New headache", "Worse on lying", "Focal deficit", "Papilloedema", "Tremor", "Seizure"]),
 "ra": dict(spec="Rheumatology", clinic="Early Inflammatory Arthritis", urg="Urgent", sex=None, age=(30, 70),
   title="Suspected inflammatory arthritis",
   hx=["This {age} year old {man} has had painful swollen hands and wrists for eight weeks with early morning stiffness lasting two hours.",
       "{He} is struggling to work as a hairdresser. Symptoms improve partially with ibuprofen."],
   exam=["Synovitis of the 2nd and 3rd MCP joints bilaterally and the right wrist. Positive squeeze test."],
   invx=["CRP 38 mg/L, ESR 46 mm/hr, rheumatoid factor positive (68 IU/mL), anti-CCP awaited."],
   meds=["Ibuprofen 400mg three times daily", "Omeprazole 20mg once daily"], pmh=["Psoriasis"], allergy="NKDA",
   ask=["Please see in the early inflammatory arthritis clinic."],
   ticks=["Joint swelling", "Morning stiffness > 30 min", "MCP/MTP squeeze positive", "Raised CRP/ESR", "RF/CCP positive", "Steroids given"]),
 "thyroid": dict(spec="Endocrinology", clinic="Thyroid", urg="Routine", sex=None, age=(25, 70),
   title="Hyperthyroidism",
   hx=["{Name} presented with palpitations, weight loss of 6 kg and heat intolerance over three months.",
       "{He} has a family history of thyroid disease (mother)."],
   exam=["Pulse 104 regular, fine tremor, small diffuse goitre, no eye signs."],
   invx=["TSH < 0.01 mU/L, free T4 38.2 pmol/L, free T3 12.6 pmol/L. TRAb pending."],
   meds=["Propranolol 40mg three times daily", "Carbimazole 20mg once daily (started)"], pmh=["None of note"], allergy="NKDA",
   ask=["I have started carbimazole 20mg daily and would be grateful for your further management."],
   ticks=["Goitre", "Eye signs", "Palpitations", "Weight loss", "Pregnant", "TFTs attached"]),
 "paeds": dict(spec="Paediatrics", clinic="General Paediatrics", urg="Routine", sex=None, age=(3, 12),
   title="Recurrent abdominal pain and faltering growth",
   hx=["I would be grateful if you could see {name}, aged {age}, who has had recurrent central abdominal pain for six months.",
       "{His} weight has fallen from the 50th to the 25th centile over the last year. Stools are loose and pale on occasion."],
   exam=["Height 25th centile, weight 9th centile. Abdomen soft, mildly distended, non-tender."],
   invx=["Tissue transglutaminase antibody strongly positive (>128 U/mL). FBC: Hb 108 g/L, ferritin 8 ug/L."],
   meds=["Movicol paediatric as required"], pmh=["Eczema"], allergy="NKDA",
   ask=["I suspect coeliac disease and would be grateful for your assessment. {He} remains on a normal diet."],
   ticks=["Weight loss", "Abdominal pain", "Diarrhoea", "Blood tests attached", "Safeguarding concern", "Interpreter needed"]),
 "memory": dict(spec="Old Age Psychiatry", clinic="Memory Assessment Service", urg="Routine", sex=None, age=(70, 92),
   title="Progressive memory impairment",
   hx=["{Name} is an {age} year old {man} who lives with {his} spouse. The family report 18 months of gradually worsening short term memory.",
       "{He} has got lost twice while driving and has missed several appointments. No hallucinations."],
   exam=["6CIT score 16/28. Physical examination unremarkable."],
   invx=["FBC, U+E, LFT, TFT, B12, folate and calcium all normal. CT head not yet arranged."],
   meds=["Aspirin 75mg once daily", "Bisoprolol 2.5mg once daily", "Omeprazole 20mg once daily"],
   pmh=["Atrial fibrillation", "TIA (2017)"], allergy="NKDA",
   ask=["I would be grateful for a memory assessment. {He} has consented to this referral."],
   ticks=["Memory loss", "Driving concerns", "Carer stress", "Bloods done", "Lives alone", "Capacity concerns"]),
 "breast": dict(spec="Breast Surgery", clinic="2WW Breast", urg="2WW", sex="F", age=(30, 80),
   title="Left breast lump",
   hx=["This {age} year old lady found a lump in her left breast three weeks ago. It is not painful and has not changed with her menstrual cycle.",
       "There is no nipple discharge. Her maternal aunt had breast cancer in her 40s."],
   exam=["2 cm firm, irregular mass in the upper outer quadrant of the left breast, not fixed to skin. No axillary lymphadenopathy."],
   invx=["None arranged in primary care."], meds=["Combined oral contraceptive pill"], pmh=["None"], allergy="NKDA",
   ask=["Please see urgently under the suspected breast cancer pathway."],
   ticks=["Discrete lump", "Aged 30 or over", "Nipple changes", "Skin changes", "Axillary lump", "Family history"]),
 "claudication": dict(spec="Vascular Surgery", clinic="Vascular", urg="Routine", sex=None, age=(55, 85),
   title="Intermittent claudication",
   hx=["{Name} gets cramping pain in the right calf after walking about 100 yards, relieved by standing still for a few minutes.",
       "This has been present for a year and is limiting {his} daily activities. {He} stopped smoking in 2016."],
   exam=["Right foot cool, absent right popliteal and pedal pulses. No ulceration."],
   invx=["ABPI right 0.62, left 0.91. HbA1c 52 mmol/mol."],
   meds=["Clopidogrel 75mg once daily", "Atorvastatin 80mg at night", "Metformin 1g twice daily"],
   pmh=["Type 2 diabetes", "Previous smoker"], allergy="NKDA",
   ask=["I would be grateful for your assessment. {He} has been given exercise advice."],
   ticks=["Claudication", "Rest pain", "Ulceration", "ABPI recorded", "Diabetic", "Smoker"]),
 "low_mood": dict(spec="Adult Mental Health", clinic="Community Mental Health Team", urg="Urgent", sex=None, age=(20, 60),
   title="Low mood not responding to treatment",
   hx=["{Name} has had low mood, poor sleep and loss of interest for over six months despite two antidepressants at adequate doses.",
       "{He} has passive thoughts of not wanting to wake up but no active plans. {He} lives with a supportive partner."],
   exam=["PHQ-9 score 21, GAD-7 score 15. Appropriately dressed, tearful at times."],
   invx=["TFT and FBC normal."], meds=["Mirtazapine 30mg at night"], pmh=["Previous episode of depression 2012"], allergy="NKDA",
   ask=["I would be grateful for assessment by the community mental health team."],
   ticks=["Risk to self", "Risk to others", "Psychosis", "Substance misuse", "Previous contact", "Patient consents"]),
 "diabetes": dict(spec="Diabetes", clinic="Diabetes", urg="Routine", sex=None, age=(35, 75),
   title="Poorly controlled type 2 diabetes",
   hx=["Despite maximal oral therapy {name}'s HbA1c has risen from 64 to 88 mmol/mol over a year.",
       "{He} has osmotic symptoms and has lost 3 kg. Adherence has been discussed at length."],
   exam=["BMI 34. Feet: reduced monofilament sensation both soles. No ulcers."],
   invx=["HbA1c 88 mmol/mol, eGFR 58, urine ACR 6.2 mg/mmol."],
   meds=["Metformin 1g twice daily", "Gliclazide 160mg twice daily", "Sitagliptin 100mg once daily"],
   pmh=["Hypertension", "Retinopathy (background)"], allergy="NKDA",
   ask=["I would be grateful for your advice regarding insulin or GLP-1 therapy."],
   ticks=["HbA1c > 75", "Hypoglycaemia", "Foot problems", "Renal impairment", "Pregnancy planning", "Insulin treated"]),
 "back_pain": dict(spec="Physiotherapy", clinic="MSK Physiotherapy", urg="Routine", sex=None, age=(25, 70),
   title="Mechanical low back pain",
   hx=["{Name} has had low back pain radiating to the left buttock for ten weeks after lifting at work.",
       "No saddle anaesthesia, bladder or bowel disturbance. Pain is worse on sitting."],
   exam=["Reduced lumbar flexion, straight leg raise 70 degrees on the left, neurology intact."],
   invx=["No imaging indicated."], meds=["Naproxen 250mg three times daily", "Codeine 30mg as required"],
   pmh=["None"], allergy="NKDA",
   ask=["Please assess and treat."],
   ticks=["Red flags screened", "Off work", "Neurological deficit", "Previous physio", "Imaging done", "Consent given"]),
}

def fill(s, p):
    return s.format(age="{age}", he=p.he, his=p.his, him=p.him, He=p.He, His=p.His, man=p.man,
                    name="%s %s" % (p.title, p.surname) if p.age >= 16 else p.first, surname=p.surname,
                    Name="%s %s" % (p.title, p.surname) if p.age >= 16 else p.first).replace("{age}", str(p.age))

# ---------------------------------------------------------------- text measuring (for explicit line breaks)
@functools.lru_cache(maxsize=None)
def font_file(family, bold=False, italic=False):
    pat = "%s:weight=%s:slant=%s" % (family.replace("-", "\\-"), "bold" if bold else "regular", "italic" if italic else "roman")
    return subprocess.check_output(["fc-match", "-f", "%{file}", pat]).decode()

@functools.lru_cache(maxsize=None)
def pil_font(family, bold=False, italic=False):
    return ImageFont.truetype(font_file(family, bold, italic), 1000)

def text_w_cm(text, family, size, bold=False, italic=False):
    return pil_font(family, bold, italic).getlength(text) / 1000.0 * size / 72.0 * 2.54

def wrap(text, width_cm, family, size, bold=False, italic=False, safety=0.93):
    words = text.split()
    lines, cur = [], ""
    for w in words:
        t = (cur + " " + w) if cur else w
        if cur and text_w_cm(t, family, size, bold, italic) > width_cm * safety:
            lines.append(cur); cur = w
        else:
            cur = t
    if cur: lines.append(cur)
    return lines

# ---------------------------------------------------------------- logos (graphics only, no letters)
def png_bytes(img):
    b = io.BytesIO(); img.save(b, "PNG", optimize=False); return b.getvalue()

def halftone_channel(v, ppi, lpi, angle_deg, ox=0.0):
    """v: coverage 0..1 (1 = full ink). clustered-dot screen."""
    h, w = v.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = math.radians(angle_deg); per = ppi / lpi
    u = (xx * math.cos(a) + yy * math.sin(a)) / per * 2 * math.pi + ox
    t = (-xx * math.sin(a) + yy * math.cos(a)) / per * 2 * math.pi
    spot = (np.cos(u) + np.cos(t)) * 0.25 + 0.5          # 0..1
    return (v > (1 - spot)).astype(np.float32)

def make_logo(seed, w_cm, h_cm, rgb=(0, 94, 184), kind="wave", halftone=False, ppi=600, lpi=85):
    r = rng_np("logo", seed)
    W, H = int(w_cm / 2.54 * ppi), int(h_cm / 2.54 * ppi)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    X, Y = xx / W, yy / H
    cov = np.zeros((H, W), np.float32)
    if kind == "wave":
        cx, cy, rad = 0.5 * W / max(W, H), 0.5, 0.42
        d = np.sqrt(((X - 0.5) * W / H) ** 2 + (Y - 0.5) ** 2)
        cov += ((d < 0.45) & (d > 0.36)).astype(np.float32)
        for k in range(3):
            yc = 0.42 + 0.12 * k + 0.05 * np.sin(X * 9 + k)
            cov += ((np.abs(Y - yc) < 0.035) & (d < 0.36)).astype(np.float32) * (1 - 0.25 * k)
        cov += ((d < 0.36) & (Y < 0.38)).astype(np.float32) * np.clip(0.9 - Y, 0, 1) * 0.6
    elif kind == "shield":
        sx = np.abs(X - 0.5) * 2
        body = (Y > 0.08) & (Y < 0.92) & (sx < np.where(Y < 0.55, 0.85, 0.85 * (1 - (Y - 0.55) / 0.37)))
        cov += body.astype(np.float32) * (0.35 + 0.65 * Y)
        cov -= ((np.abs(X - 0.5) < 0.06) | (np.abs(Y - 0.4) < 0.05)).astype(np.float32) * body * 0.9
    elif kind == "tree":
        trunk = (np.abs(X - 0.5) < 0.05) & (Y > 0.55) & (Y < 0.92)
        crown = ((X - 0.5) ** 2 * 1.2 + (Y - 0.38) ** 2) < 0.1
        cov += trunk.astype(np.float32) + crown.astype(np.float32) * (0.45 + 0.5 * np.cos(X * 20) ** 2)
        cov += (np.abs(Y - 0.93) < 0.02).astype(np.float32)
    else:  # bars
        for k in range(5):
            x0 = 0.08 + k * 0.18
            hh = 0.3 + 0.12 * k
            cov += ((X > x0) & (X < x0 + 0.12) & (Y > 0.92 - hh) & (Y < 0.92)).astype(np.float32) * (0.5 + 0.1 * k)
    cov = np.clip(cov, 0, 1)
    img = np.ones((H, W, 3), np.float32)
    for c in range(3):
        ink = 1 - rgb[c] / 255.0            # cyan-ish coverage of this channel
        chan = cov * ink if ink > 0 else cov * 0
        if halftone:
            chan = halftone_channel(chan, ppi, lpi, [15, 75, 0][c] + 0.0, ox=c)
        img[..., c] = 1 - chan
    if halftone and rgb == (0, 0, 0):
        pass
    im = Image.fromarray((np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8), "RGB")
    if not halftone:
        im = im.resize((max(1, W // 2), max(1, H // 2)), Image.LANCZOS)
    return png_bytes(im)

def make_band(seed, w_cm, h_cm, grey=0.18, ppi=600, lpi=100, rgb=None):
    """a halftone-screened tint band that sits behind letterhead text (moire source)"""
    W, H = int(w_cm / 2.54 * ppi), int(h_cm / 2.54 * ppi)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    g = grey * (0.6 + 0.4 * xx / W)
    if rgb is None:
        ht = halftone_channel(g, ppi, lpi, 45)
        im = Image.fromarray(((1 - ht) * 255).astype(np.uint8), "L").convert("RGB")
    else:
        img = np.ones((H, W, 3), np.float32)
        for c in range(3):
            ink = (1 - rgb[c] / 255.0) * g / grey * 0.5
            img[..., c] = 1 - halftone_channel(ink, ppi, lpi, [15, 75, 0][c], ox=c)
        im = Image.fromarray((img * 255).astype(np.uint8), "RGB")
    return png_bytes(im)

# ---------------------------------------------------------------- building context
class Ctx:
    def __init__(self, spec):
        self.spec = spec
        self.did = spec["id"]
        self.rng = rng_py(self.did, "content")
        r = self.rng
        self.font = spec.get("font", "Liberation Serif")
        self.size = spec.get("size", 11)
        self.margins = spec.get("margins", (1.8, 1.6, 2.2, 2.0))
        self.pagew = spec.get("pagew", 21.0)
        self.width = self.pagew - self.margins[2] - self.margins[3]
        y0, y1 = spec.get("years", (2012, 2022))
        self.date = rand_date(r, y0, y1)
        scen = spec.get("scenario") or r.choice(sorted(SCENARIOS))
        self.scen_key = scen
        self.sc = SCENARIOS[scen]
        sex = self.sc["sex"]
        self.pt = make_patient(r, sex=sex, age_range=self.sc["age"], when=self.date)
        self.pt.age = age_at(self.pt.dob, self.date)
        self.practice = PRACTICES[r.randrange(len(PRACTICES))]
        self.prac_phone = phone(r); self.prac_fax = phone(r)
        self.prac_pc = postcode(r)
        self.gp = r.choice(GP_NAMES)
        self.hosp = HOSPITALS[r.randrange(len(HOSPITALS))]
        self.hosp_phone = phone(r)
        self.cons = CONSULTANTS[self.sc["spec"]]
        self.hno = hosp_number(r, r.choice(["K", "RZX", "slash", "D", "alpha"]))
        self.distractors = []
        self.nhs_printed = None; self.dob_printed = None
        self.anchors = {}

    def d(self, typ, text):
        e = {"type": typ, "text": text}
        if e not in self.distractors: self.distractors.append(e)
        return text

    def sc_text(self, key):
        return [fill(s, self.pt) for s in self.sc[key]]

    # paragraph of wrapped lines
    def para(self, text, width=None, after=0.25, font=None, size=None, bold=False, italic=False, indent=0.0, safety=0.93, **props):
        font = font or self.font; size = size or self.size
        width = (width or self.width) - indent
        lines = wrap(text, width, font, size, bold, italic, safety)
        out = []
        for i, ln in enumerate(lines):
            pp = dict(props)
            if font != self.font: pp["font"] = font
            if size != self.size: pp["size"] = size
            if bold: pp["bold"] = True
            if italic: pp["italic"] = True
            if indent: pp["indent"] = indent
            pp["after"] = after if i == len(lines) - 1 else 0
            out.append(P(ln, **pp))
        return out

    def nhs(self, label, style):
        s = (label + " " if label else "") + fmt_nhs(self.pt.nhs, style)
        if self.nhs_printed is None: self.nhs_printed = norm_line(s)
        return s

    def dob(self, label, style):
        s = (label + " " if label else "") + fmt_date(self.pt.dob, style)
        if self.dob_printed is None: self.dob_printed = norm_line(s)
        return s

def blank(h=0.4):
    return P("", after=0, before=0, lh="%gcm" % h)

def rule(color="#000000", w="0.8pt", after=0.2):
    return P("", size=2, lh="2pt", border_bottom="%s solid %s" % (w, color), after=after)

def kv(label, value, tab=4.0, **props):
    return P([T(label, bold=props.pop("lbold", False)), R(kind="tab"), T(value)], tabs=[tab], **props)

def addr_lines(ctx, who="patient"):
    p = ctx.pt
    if who == "patient":
        return [full_name(p, "title"), p.street, p.town, p.postcode]
    if who == "gp":
        pr = ctx.practice
        return [ctx.gp, pr[0], pr[1], pr[2], ctx.prac_pc]
    if who == "hosp":
        h = ctx.hosp
        return [ctx.cons, ctx.sc["spec"], h[0], h[2], h[3], h[4]]
    raise ValueError(who)

def sign_off(ctx, name, role, closing="Yours sincerely", gap=1.4, extra=None):
    out = [P(closing + ("," if not closing.endswith(",") else ""), after=0)]
    out.append(blank(gap))
    out.append(P(name, after=0, bold=True))
    for r in ([role] if isinstance(role, str) else role):
        out.append(P(r, after=0))
    if extra:
        out += extra
    ctx.anchors["signature"] = name
    return out

def master_std(ctx, name="First", header=None, footer=None, margins=None, width=None, height=None, bg=None):
    return Master(name, width=width or ctx.pagew, height=height or ctx.spec.get("pageh", 29.7),
                  margins=margins or ctx.margins, header=header, footer=footer, bg=bg)

def page_footer(text, size=8, align="center", font=None, pages=True):
    runs = [T(text)] if text else []
    if pages:
        runs += [T("   Page " if text else "Page "), R(kind="page"), T(" of "), R(kind="pages")]
    pp = dict(size=size, align=align)
    if font: pp["font"] = font
    return P(runs, **pp)

def practice_letterhead(ctx, style="center", logo=None, color="#003087"):
    pr = ctx.practice; out = []
    tel = ctx.d("phone", ctx.prac_phone); fax = ctx.d("phone", ctx.prac_fax)
    if style == "center":
        if logo: out.append(Img(logo, 2.2, 2.2, align="center"))
        out.append(P(pr[0], bold=True, size=16, align="center", after=0, color=color))
        out.append(P("%s, %s %s" % (pr[1], pr[2], ctx.prac_pc), align="center", size=9.5, after=0))
        out.append(P("Telephone: %s   Fax: %s" % (tel, fax), align="center", size=9.5, after=0))
        out.append(rule(color, "1.2pt", 0.3))
    elif style == "logo_left":
        left = [Img(logo, 2.4, 2.4)] if logo else [P("")]
        right = [P(pr[0], bold=True, size=15, after=0, color=color),
                 P(pr[1], size=9.5, after=0), P("%s %s" % (pr[2], ctx.prac_pc), size=9.5, after=0),
                 P("Tel %s  Fax %s" % (tel, fax), size=9.5, after=0)]
        out.append(Table([2.8, ctx.width - 2.8], [[Cell(left), Cell(right)]], mode="columns", cell={"border": None}, after=0.2))
        out.append(rule(color, "0.6pt", 0.3))
    elif style == "right":
        for i, t in enumerate([pr[0], pr[1], "%s %s" % (pr[2], ctx.prac_pc), "Tel: " + tel, "Fax: " + fax]):
            out.append(P(t, align="right", bold=(i == 0), size=12 if i == 0 else 9, after=0))
        out.append(blank(0.3))
    elif style == "band":
        out.append(P(pr[0].upper(), bold=True, size=14, color="#ffffff", bg=color, align="center", after=0, padding=0.12))
        out.append(P("%s  |  %s %s  |  Tel %s  |  Fax %s" % (pr[1], pr[2], ctx.prac_pc, tel, fax), size=8, align="center", after=0.3))
    elif style == "screen":   # halftone tint band behind the letterhead text
        band = make_band(ctx.did, ctx.width, 2.3, grey=0.22, lpi=ctx.spec.get("lpi", 110),
                         rgb=ctx.spec.get("band_rgb"))
        out.append(Img(band, ctx.width, 2.3, anchor="paragraph", x=0, y=0.0))
        out.append(P(pr[0], bold=True, size=17, after=0, before=0.25, indent=0.3))
        out.append(P("%s, %s %s" % (pr[1], pr[2], ctx.prac_pc), size=9.5, after=0, indent=0.3))
        out.append(P("Tel %s   Fax %s   Practice code %s" % (tel, fax, ctx.d("practice_code", pr[3])), size=9.5, after=0.55, indent=0.3))
    return out

def hospital_letterhead(ctx, style="right", logo=None, dept=None, color="#005EB8"):
    h = ctx.hosp; out = []
    dept = dept or ctx.sc["spec"]
    tel = ctx.d("phone", ctx.hosp_phone)
    if style == "right":
        left = [Img(logo, 2.6, 2.6)] if logo else [P("")]
        right = [P(h[1], bold=True, size=11, align="right", after=0, color=color),
                 P(h[0], size=9.5, align="right", after=0), P("%s, %s %s" % (h[2], h[3], h[4]), size=9.5, align="right", after=0),
                 P("Department of " + dept, size=9.5, align="right", after=0), P("Tel: " + tel, size=9.5, align="right", after=0)]
        out.append(Table([3.0, ctx.width - 3.0], [[Cell(left), Cell(right)]], mode="columns", cell={"border": None}, after=0.3))
    elif style == "center":
        if logo: out.append(Img(logo, 2.0, 2.0, align="center"))
        out.append(P(h[1], bold=True, size=13, align="center", after=0, color=color))
        out.append(P(h[0] + " - " + dept, size=10, align="center", after=0))
        out.append(P("%s, %s %s   Tel: %s" % (h[2], h[3], h[4], tel), size=9, align="center", after=0.1))
        out.append(rule(color, "1pt", 0.3))
    elif style == "band":
        out.append(P(h[1], bold=True, size=12, color="#ffffff", bg=color, after=0, padding=0.1))
        out.append(P("%s  -  %s  -  %s, %s %s  -  %s" % (h[0], dept, h[2], h[3], h[4], tel), size=8.5, after=0.3))
    return out

def letter_date_line(ctx, style="long", label="Date:", align="left"):
    s = fmt_date(ctx.date, style)
    ctx.d("letter_date", s)
    return P((label + " " if label else "") + s, align=align, after=0.25)

# ---------------------------------------------------------------- shared letter pieces
def id_block(ctx, variant, nl="NHS No:", ns="spaced", dl="DOB:", ds="dmy/", hosp=True, name_style="title"):
    p = ctx.pt; out = []
    if hosp and variant in ("table", "tabs"): ctx.d("hospital_number", ctx.hno)
    if variant == "re_line":
        s = "Re: %s, %s, %s" % (full_name(p, name_style), ctx.dob(dl, ds), ctx.nhs(nl, ns))
        out += ctx.para(s, bold=True, after=0)
        out += ctx.para("%s, %s, %s" % (p.street, p.town, p.postcode), after=0.3, bold=True)
    elif variant == "re_multi":
        out.append(P("Re: " + full_name(p, name_style), bold=True, after=0))
        out.append(P(ctx.dob(dl, ds), bold=True, after=0))
        out.append(P(ctx.nhs(nl, ns), bold=True, after=0))
        out.append(P("%s, %s %s" % (p.street, p.town, p.postcode), after=0.3))
    elif variant == "table":
        rows = [[Cell("Patient"), Cell(full_name(p, "SURNAME, First")), Cell(nl.rstrip(":")), Cell(fmt_nhs(p.nhs, ns))],
                [Cell(dl.rstrip(":")), Cell(fmt_date(p.dob, ds)), Cell("Hospital No" if hosp else "Tel"), Cell(ctx.hno if hosp else ctx.d("phone", p.phone))],
                [Cell("Address"), Cell("%s, %s %s" % (p.street, p.town, p.postcode), span=3)]]
        ctx.nhs_printed = norm_line("%s %s" % (nl.rstrip(":"), fmt_nhs(p.nhs, ns)))
        ctx.dob_printed = norm_line("%s %s" % (dl.rstrip(":"), fmt_date(p.dob, ds)))
        w = ctx.width
        out.append(Table([w * 0.18, w * 0.36, w * 0.18, w * 0.28], rows, cell={"border": "0.5pt solid #444444", "padding": 0.08}, after=0.3))
        out[-1].props["cell"]["size"] = ctx.size - 1
    elif variant == "tabs":
        out.append(kv("Patient:", full_name(p, name_style), after=0))
        out.append(kv(dl, fmt_date(p.dob, ds), after=0)); ctx.dob_printed = norm_line(dl + " " + fmt_date(p.dob, ds))
        out.append(kv(nl, fmt_nhs(p.nhs, ns), after=0)); ctx.nhs_printed = norm_line(nl + " " + fmt_nhs(p.nhs, ns))
        if hosp: out.append(kv("Hosp. No:", ctx.hno, after=0))
        out.append(kv("Address:", "%s, %s %s" % (p.street, p.town, p.postcode), after=0.3))
    elif variant == "caps":
        s = "RE: %s   %s   %s" % (full_name(p, "First SURNAME").upper(), ctx.dob(dl, ds), ctx.nhs(nl, ns))
        out += ctx.para(s, bold=True, after=0)
        out += ctx.para(("%s, %s, %s" % (p.street, p.town, p.postcode)).upper(), after=0.3)
    return out

def clinical_body(ctx, style="prose", ask=True, size=None, width=None):
    out = []; sc = ctx.sc; kw = {}
    if size: kw["size"] = size
    if width: kw["width"] = width
    if style == "prose":
        hx = ctx.sc_text("hx")
        out += ctx.para(" ".join(hx[:2]), **kw)
        if len(hx) > 2: out += ctx.para(" ".join(hx[2:]), **kw)
        out += ctx.para("On examination: " + " ".join(ctx.sc_text("exam")), **kw)
        out += ctx.para("Investigations: " + " ".join(ctx.sc_text("invx")), **kw)
        out += ctx.para("Past medical history: " + "; ".join(sc["pmh"]) + ".", **kw)
        out += ctx.para("Current medication: " + "; ".join(sc["meds"]) + ". Allergies: " + sc["allergy"] + ".", **kw)
        if ask: out += ctx.para(" ".join(ctx.sc_text("ask")), **kw)
    elif style == "headed":
        for head, key in (("History", "hx"), ("Examination", "exam"), ("Investigations", "invx")):
            out.append(P(head, bold=True, after=0.05, **({"size": size} if size else {})))
            out += ctx.para(" ".join(ctx.sc_text(key)), **kw)
        out.append(P("Medication", bold=True, after=0.05, **({"size": size} if size else {})))
        for i, m in enumerate(sc["meds"]):
            out.append(P("- " + m, after=0.2 if i == len(sc["meds"]) - 1 else 0, indent=0.4, **({"size": size} if size else {})))
        out += ctx.para("Allergies: " + sc["allergy"], **kw)
        if ask: out += ctx.para(" ".join(ctx.sc_text("ask")), **kw)
    return out

def recipient(ctx, who="hosp"):
    if who == "hosp":
        h = ctx.hosp
        lines = [ctx.cons, "Consultant, " + ctx.sc["spec"], h[0], h[2], "%s %s" % (h[3], h[4])]
    else:
        lines = ["The Consultant", ctx.sc["spec"], ctx.hosp[0], ctx.hosp[2], "%s %s" % (ctx.hosp[3], ctx.hosp[4])]
    return [P(l, after=0) for l in lines[:-1]] + [P(lines[-1], after=0.35)]

def dear(ctx):
    c = ctx.cons
    if c.startswith("MSK"): return "Dear Colleague,"
    return "Dear %s," % c.split(" ")[0] + " " + c.split(" ")[-1] if False else "Dear %s %s," % (c.split(" ")[0], c.split(" ")[-1])

# ---------------------------------------------------------------- referral builders
def b_dictated_letter(ctx):
    s = ctx.spec; r = ctx.rng
    logo = make_logo(ctx.did, 2.4, 2.4, rgb=s.get("logo_rgb", (0, 94, 184)), kind=s.get("logo", "wave"), halftone=s.get("halftone", False)) if s.get("logo") else None
    blocks = practice_letterhead(ctx, s.get("lh", "center"), logo=logo, color=s.get("color", "#003087"))
    ref = "%s/%s" % ("".join(w[0] for w in ctx.gp.split()[1:]).replace(".", ""), r.choice(["jb", "kt", "sm", "al"]))
    blocks.append(P("Our ref: " + ref, after=0, size=ctx.size - 1))
    blocks.append(letter_date_line(ctx, s.get("date_style", "long"), label=s.get("date_label", "")))
    blocks += recipient(ctx, s.get("to", "hosp"))
    blocks.append(P(dear(ctx), after=0.25))
    blocks += id_block(ctx, s.get("idv", "re_line"), s.get("nl", "NHS No:"), s.get("ns", "spaced"), s.get("dl", "DOB:"), s.get("ds", "dmy/"))
    blocks += clinical_body(ctx, s.get("body", "prose"))
    blocks += ctx.para("Thank you for your help with %s care." % ctx.pt.his, after=0.3)
    blocks += sign_off(ctx, ctx.gp, "General Practitioner")
    ftr = [page_footer("%s is a member of the West Wolds Primary Care Network" % ctx.practice[0], size=7.5, pages=False)] if s.get("footer", True) else []
    m = master_std(ctx, "First", footer=ftr)
    return Doc([m], [Page(blocks, "First")], ctx.font, ctx.size)

def b_two_page_letter(ctx, header_first=False):
    """two-page dictated letter; header_first: page 1 is mostly letterhead / addresses"""
    s = ctx.spec; r = ctx.rng; p = ctx.pt
    logo = make_logo(ctx.did, 2.4, 2.4, rgb=s.get("logo_rgb", (0, 94, 184)), kind=s.get("logo", "shield"), halftone=s.get("halftone", False)) if s.get("logo") else None
    b1 = practice_letterhead(ctx, s.get("lh", "logo_left"), logo=logo, color=s.get("color", "#1d3c6e"))
    if header_first:
        pr = ctx.practice
        b1.append(P("Partners: %s, Dr M. Szymanska, Dr Owen Price" % ctx.gp, size=8.5, after=0, italic=True))
        b1.append(P("Practice Manager: Mrs J. Thornton   Practice code: %s" % ctx.d("practice_code", pr[3]), size=8.5, after=0.5, italic=True))
        b1.append(P("PRIVATE AND CONFIDENTIAL", bold=True, after=0.3))
    b1.append(letter_date_line(ctx, s.get("date_style", "long"), label=""))
    b1 += recipient(ctx, "hosp")
    if header_first:
        b1.append(blank(1.2))
        b1 += id_block(ctx, s.get("idv", "re_multi"), s.get("nl", "NHS Number:"), s.get("ns", "spaced"), s.get("dl", "Date of Birth:"), s.get("ds", "long"))
        b1.append(P("Tel: " + ctx.d("phone", p.phone), after=0.4))
        b1.append(P(dear(ctx), after=0.25))
        b1 += ctx.para("Thank you for seeing this %d year old %s, %s." % (p.age, p.man, ctx.sc["title"].lower()))
        b1.append(blank(2.0))
        b1.append(P("continued overleaf", italic=True, size=9, align="right", after=0))
        b2 = clinical_body(ctx, "headed", ask=False)
    else:
        b1.append(P(dear(ctx), after=0.25))
        b1 += id_block(ctx, s.get("idv", "re_line"), s.get("nl", "NHS No:"), s.get("ns", "spaced"), s.get("dl", "DOB:"), s.get("ds", "dmy/"))
        hx = ctx.sc_text("hx")
        b1 += ctx.para("Thank you for seeing %s. %s" % (full_name(p, "initial") if p.age >= 16 else p.first, " ".join(hx)))
        b1 += ctx.para("On examination: " + " ".join(ctx.sc_text("exam")))
        b1 += ctx.para("Investigations: " + " ".join(ctx.sc_text("invx")))
        b1 += ctx.para("Past medical history: " + "; ".join(ctx.sc["pmh"]) + ".")
        b2 = []
        b2 += ctx.para("Current medication:", after=0.05, bold=True)
        for m in ctx.sc["meds"]:
            b2.append(P(m, indent=0.6, after=0))
        b2.append(blank(0.25))
        b2 += ctx.para("Allergies: " + ctx.sc["allergy"])
        b2 += ctx.para("Social: lives with family, independent with activities of daily living, drinks 8 units of alcohol a week.")
    b2 += ctx.para(" ".join(ctx.sc_text("ask")))
    b2 += ctx.para("Please do not hesitate to contact me if you require any further information.", after=0.3)
    b2 += sign_off(ctx, ctx.gp, ["General Practitioner", ctx.practice[0]])
    b2.append(blank(0.5))
    b2.append(P("cc: Patient", size=9, after=0))
    cont = [P("%s  %s  %s" % (full_name(p, "Title First SURNAME"), "DOB " + fmt_date(p.dob, "dmy/"), "NHS No " + fmt_nhs(p.nhs, "spaced")), size=8.5, after=0, border_bottom="0.5pt solid #000000")]
    m1 = master_std(ctx, "First", footer=[page_footer("", size=8)])
    m2 = master_std(ctx, "Rest", header=cont, footer=[page_footer("", size=8)])
    masters = [m1, m2]; p2m = "Rest"
    if s.get("letter_p2"):
        m3 = Master("Letter", width=21.59, height=27.94, margins=ctx.margins, header=cont, footer=[page_footer("", size=8)])
        masters.append(m3); p2m = "Letter"
    return Doc(masters, [Page(b1, "First"), Page(b2, p2m)], ctx.font, ctx.size)

def b_ers(ctx, variant="letter"):
    """e-RS style export: referral letter / clinical referral information"""
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc
    U = ctx.d("ubrn", ubrn(r))
    sent = ctx.date; printed = sent + datetime.timedelta(days=r.randint(1, 6))
    ctx.d("letter_date", fmt_date(sent, "dMony")); ctx.d("print_date", fmt_date(printed, "dMony"))
    uid = ctx.d("user_id", "%012d" % r.randrange(10 ** 11, 10 ** 12))
    hdr = [P([T("NHS e-Referral Service", bold=True, color="#005EB8", size=12), R(kind="tab"), T(variant == "letter" and "Referral Letter" or "Clinical Referral Information", size=10)],
             tabs=[(ctx.width, "right")], after=0, border_bottom="1.2pt solid #005EB8")]
    ftr = [P([T("Printed on %s %02d:%02d by user %s" % (fmt_date(printed, "dMony"), r.randint(8, 17), r.randint(0, 59), uid)), R(kind="tab"),
              T("Page "), R(kind="page"), T(" of "), R(kind="pages")], size=8, tabs=[(ctx.width, "right")])]
    lab = {"size": ctx.size - 0.5, "bold": True}
    def sect(t):
        return P(t, bold=True, size=ctx.size + 1, after=0.1, before=0.15, color="#003087")
    w = ctx.width; c1 = w * 0.32
    cell = {"border": "0.4pt solid #8a8a8a", "padding": 0.07}
    pat = [[Cell(P("Name", **lab)), Cell(full_name(p, "SURNAME, First") + " (%s)" % p.title)],
           [Cell(P("NHS Number", **lab)), Cell(fmt_nhs(p.nhs, "spaced"))],
           [Cell(P("Date of Birth", **lab)), Cell(fmt_date(p.dob, "dMony"))],
           [Cell(P("Gender", **lab)), Cell("Male" if p.sex == "M" else "Female")],
           [Cell(P("Address", **lab)), Cell("%s, %s, %s" % (p.street, p.town, p.postcode))],
           [Cell(P("Telephone", **lab)), Cell(ctx.d("phone", p.phone))]]
    ctx.nhs_printed = "NHS Number " + fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = "Date of Birth " + fmt_date(p.dob, "dMony")
    ref = [[Cell(P("UBRN", **lab)), Cell(U)],
           [Cell(P("Priority", **lab)), Cell(sc["urg"] if sc["urg"] != "2WW" else "2 Week Wait")],
           [Cell(P("Specialty", **lab)), Cell(sc["spec"])],
           [Cell(P("Clinic Type", **lab)), Cell(sc["clinic"])],
           [Cell(P("Service", **lab)), Cell("%s - %s" % (sc["clinic"], ctx.hosp[0]))],
           [Cell(P("Referrer", **lab)), Cell("%s, %s (%s)" % (ctx.gp, ctx.practice[0], ctx.d("practice_code", ctx.practice[3])))],
           [Cell(P("Date Referral Sent", **lab)), Cell(fmt_date(sent, "dMony"))]]
    b1 = [P("", after=0.2), sect("Patient Details"), Table([c1, w - c1], pat, cell=cell, after=0.3),
          sect("Referral Details"), Table([c1, w - c1], ref, cell=cell, after=0.3)]
    b1.append(sect("Reason for Referral"))
    b1 += ctx.para(sc["title"] + ". " + fill(sc["ask"][0], p))
    b2 = [P("", after=0.2), sect("Referral Letter")]
    b2.append(P("Dear Colleague,", after=0.2))
    hx = ctx.sc_text("hx")
    b2 += ctx.para(" ".join(hx))
    b2 += ctx.para("Examination: " + " ".join(ctx.sc_text("exam")))
    b2 += ctx.para("Results: " + " ".join(ctx.sc_text("invx")))
    b2.append(sect("Medication"))
    for m in sc["meds"]: b2.append(P(m, after=0, indent=0.3))
    b2.append(sect("Allergies"))
    b2.append(P(sc["allergy"], after=0.2))
    b2 += ctx.para("Kind regards,", after=0.1)
    b2.append(P(ctx.gp, after=0, bold=True))
    ctx.anchors["signature"] = ctx.gp
    m = master_std(ctx, "Rest", header=hdr, footer=ftr)
    return Doc([m], [Page(b1, "Rest"), Page(b2, "Rest")], ctx.font, ctx.size)

def b_proforma(ctx, pages=2):
    """tick-box referral proforma (2WW style)"""
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; w = ctx.width
    title = "%s REFERRAL FORM" % ("SUSPECTED CANCER" if sc["urg"] == "2WW" else sc["spec"].upper())
    b1 = [P(ctx.hosp[1], bold=True, size=10, align="right", after=0, color="#005EB8"),
          P(title, bold=True, size=15, after=0.05),
          P("%s - %s" % (sc["clinic"], ctx.hosp[0]), size=10, after=0.1)]
    fax = ctx.d("phone", phone(r))
    b1 += ctx.para("Please send this form via e-RS or fax to %s within 24 hours of the decision to refer. Incomplete forms will be returned." % fax, size=8.5, after=0.2, italic=True)
    cell = {"border": "0.5pt solid #000000", "padding": 0.07, "size": ctx.size - 1}
    lab = {"bold": True}
    hdrbg = {"bg": "#d9d9d9"}
    ctx.nhs_printed = "NHS No " + fmt_nhs(p.nhs, s.get("ns", "plain"))
    ctx.dob_printed = "D.O.B. " + fmt_date(p.dob, s.get("ds", "dmy/"))
    ctx.d("hospital_number", ctx.hno)
    pt_rows = [[Cell(P("PATIENT DETAILS", **lab), span=4, **hdrbg)],
               [Cell(P("Surname", **lab)), Cell(p.surname.upper()), Cell(P("Forename(s)", **lab)), Cell((p.first + " " + p.middle).strip())],
               [Cell(P("NHS No", **lab)), Cell(fmt_nhs(p.nhs, s.get("ns", "plain"))), Cell(P("D.O.B.", **lab)), Cell(fmt_date(p.dob, s.get("ds", "dmy/")))],
               [Cell(P("Address", **lab)), Cell("%s, %s" % (p.street, p.town)), Cell(P("Postcode", **lab)), Cell(p.postcode)],
               [Cell(P("Tel", **lab)), Cell(ctx.d("phone", p.phone)), Cell(P("Hosp No", **lab)), Cell(ctx.hno)]]
    b1.append(Table([w * 0.17, w * 0.36, w * 0.17, w * 0.30], pt_rows, cell=cell, after=0.25))
    gp_rows = [[Cell(P("REFERRER DETAILS", **lab), span=4, **hdrbg)],
               [Cell(P("GP", **lab)), Cell(ctx.gp), Cell(P("Practice", **lab)), Cell(ctx.practice[0])],
               [Cell(P("Tel", **lab)), Cell(ctx.prac_phone), Cell(P("Date of decision", **lab)), Cell(ctx.d("letter_date", fmt_date(ctx.date, "dmy/")))]]
    ctx.d("phone", ctx.prac_phone)
    b1.append(Table([w * 0.17, w * 0.36, w * 0.17, w * 0.30], gp_rows, cell=cell, after=0.25))
    ticks = sc["ticks"]; chosen = set(r.sample(range(len(ticks)), 3))
    mark = s.get("tickmark", "boxf")
    trows = [[Cell(P("CLINICAL FEATURES (tick all that apply)", **lab), span=2, **hdrbg)]]
    for i in range(0, len(ticks), 2):
        row = []
        for j in (i, i + 1):
            if j < len(ticks):
                k = mark if (j in chosen and mark != "pen") else "box"
                row.append(Cell(P([R(kind=k), T("  " + ticks[j])])))
        trows.append(row)
    ctx.anchors["ticks"] = [ticks[j] for j in sorted(chosen)]
    b1.append(Table([w / 2, w / 2], trows, cell=cell, after=0.25))
    ynr = [[Cell(P("", **lab), **hdrbg), Cell(P("Yes", **lab), **hdrbg), Cell(P("No", **lab), **hdrbg)]]
    for q in ["Has the patient been informed this is a suspected cancer referral?" if sc["urg"] == "2WW" else "Has the patient agreed to this referral?",
              "Is the patient available in the next 14 days?", "Does the patient need an interpreter?"]:
        yes = r.random() < 0.7
        ynr.append([Cell(q), Cell(P([R(kind=mark if yes and mark != "pen" else "box")], align="center")), Cell(P([R(kind=mark if (not yes and mark != "pen") else "box")], align="center"))])
    b1.append(Table([w * 0.8, w * 0.1, w * 0.1], ynr, cell=cell, after=0.25))
    b2 = []
    b2.append(P("ADDITIONAL CLINICAL INFORMATION", bold=True, bg="#d9d9d9", after=0.15, padding=0.07))
    b2 += ctx.para(" ".join(ctx.sc_text("hx")), size=ctx.size - 0.5)
    b2 += ctx.para("Examination: " + " ".join(ctx.sc_text("exam")), size=ctx.size - 0.5)
    b2 += ctx.para("Relevant results: " + " ".join(ctx.sc_text("invx")), size=ctx.size - 0.5)
    b2.append(P("Medication", bold=True, after=0.05))
    for m in sc["meds"]: b2.append(P(m, after=0, indent=0.3, size=ctx.size - 0.5))
    b2.append(blank(0.2))
    b2 += ctx.para("Allergies: " + sc["allergy"], size=ctx.size - 0.5)
    b2 += ctx.para("Performance status (WHO): 1      Anticoagulated: No", size=ctx.size - 0.5, after=0.5)
    b2.append(P([T("Signed:"), R(kind="tab"), T("Date: " + fmt_date(ctx.date, "dmy/"))], tabs=[10.0], after=0.1))
    b2.append(P("Name: " + ctx.gp, after=0))
    ctx.anchors["signature"] = "Signed:"
    ftr = [P([T("Version 4.2 (2017) - Proforma %s" % sc["clinic"]), R(kind="tab"), T("Page "), R(kind="page"), T(" of "), R(kind="pages")], size=7.5, tabs=[(w, "right")])]
    m = master_std(ctx, "Rest", footer=ftr)
    if pages == 1:
        return Doc([m], [Page(b1 + b2, "Rest")], ctx.font, ctx.size)
    return Doc([m], [Page(b1, "Rest"), Page(b2, "Rest")], ctx.font, ctx.size)

def b_emis(ctx, pages=2, near_blank_tail=False):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; w = ctx.width
    printed = ctx.date
    ctx.d("print_date", fmt_date(printed, "d Mon y"))
    hdr = [P([T(ctx.practice[0], bold=True), R(kind="tab"), T("Referral Letter", bold=True)], tabs=[(w, "right")], size=9, after=0, border_bottom="0.6pt solid #7f7f7f")]
    ftr = [P([T("Printed from EMIS Web on %s %02d:%02d" % (fmt_date(printed, "d Mon y"), r.randint(8, 17), r.randint(0, 59))), R(kind="tab"),
              T("Page "), R(kind="page"), T(" of "), R(kind="pages")], size=7.5, tabs=[(w, "right")], border_top="0.4pt solid #7f7f7f")]
    cell = {"border": None, "padding": 0.04}
    ctx.nhs_printed = "NHS Number: " + fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = "Date of Birth: " + fmt_date(p.dob, "d Mon y")
    left = [P("%s, %s (%s)" % (p.surname.upper(), p.first, p.title), bold=True, size=12, after=0),
            P("Date of Birth: %s (%dy)" % (fmt_date(p.dob, "d Mon y"), p.age), after=0),
            P("NHS Number: " + fmt_nhs(p.nhs, "spaced"), after=0),
            P("Gender: " + ("Male" if p.sex == "M" else "Female"), after=0)]
    right = [P(p.street, after=0), P(p.town, after=0), P(p.postcode, after=0), P("Home: " + ctx.d("phone", p.phone), after=0)]
    b1 = [Table([w * 0.55, w * 0.45], [[Cell(left), Cell(right)]], mode="columns", cell=cell, after=0.2),
          P("Usual GP: %s     Registered: %s" % (ctx.gp, ctx.d("registration_date", fmt_date(rand_date(r, 1990, 2010), "d Mon y"))), size=9, after=0.3, border_bottom="0.4pt solid #bfbfbf")]
    b1.append(P("To: %s, %s, %s" % (ctx.cons, sc["spec"], ctx.hosp[0]), after=0.2))
    b1.append(P("Dear %s," % ctx.cons, after=0.2))
    b1 += ctx.para(" ".join(ctx.sc_text("hx")))
    b1 += ctx.para(" ".join(ctx.sc_text("ask")))
    b1.append(P("Yours sincerely,", after=0.1))
    b1.append(P(ctx.gp, bold=True, after=0.3))
    ctx.anchors["signature"] = ctx.gp
    tcell = {"border": "0.3pt solid #a0a0a0", "padding": 0.05, "size": ctx.size - 1.5}
    hb = {"bg": "#e6e6e6"}
    probs = [[Cell(P("Date", bold=True), **hb), Cell(P("Problem", bold=True), **hb), Cell(P("Status", bold=True), **hb)]]
    for ph in sc["pmh"]:
        dd = rand_date(r, 2000, 2018)
        probs.append([Cell(fmt_date(dd, "d Mon y")), Cell(re.sub(r" \(\d{4}\)", "", ph)), Cell(r.choice(["Active", "Past"]))])
        ctx.d("other_date", fmt_date(dd, "d Mon y"))
    b2 = [P("Active and Past Problems", bold=True, size=ctx.size + 0.5, after=0.1), Table([w * 0.2, w * 0.6, w * 0.2], probs, cell=tcell, after=0.3)]
    meds = [[Cell(P("Drug", bold=True), **hb), Cell(P("Quantity", bold=True), **hb), Cell(P("Last Issued", bold=True), **hb)]]
    for m in sc["meds"]:
        dd = printed - datetime.timedelta(days=r.randint(3, 60))
        meds.append([Cell(m), Cell("%d tablets" % r.choice([28, 56, 84])), Cell(fmt_date(dd, "d Mon y"))])
    b2 += [P("Current Medication", bold=True, size=ctx.size + 0.5, after=0.1), Table([w * 0.6, w * 0.18, w * 0.22], meds, cell=tcell, after=0.3)]
    b2 += [P("Allergies and Sensitivities", bold=True, size=ctx.size + 0.5, after=0.1), P(sc["allergy"], after=0.3)]
    vals = [[Cell(P("Date", bold=True), **hb), Cell(P("Value", bold=True), **hb), Cell(P("Result", bold=True), **hb)]]
    for nm, v in [("Blood pressure", "%d/%d mmHg" % (r.randint(118, 165), r.randint(70, 98))), ("Body mass index", "%.1f kg/m2" % r.uniform(21, 36)),
                  ("Serum creatinine", "%d umol/L" % r.randint(60, 130)), ("Haemoglobin", "%d g/L" % r.randint(95, 150))]:
        dd = printed - datetime.timedelta(days=r.randint(10, 300))
        vals.append([Cell(fmt_date(dd, "d Mon y")), Cell(nm), Cell(v)])
    b2 += [P("Recent Values", bold=True, size=ctx.size + 0.5, after=0.1), Table([w * 0.2, w * 0.45, w * 0.35], vals, cell=tcell, after=0.3)]
    cons = []
    for k in range(2):
        dd = printed - datetime.timedelta(days=r.randint(20, 200))
        cons.append(P("%s  %s (General Practitioner)" % (fmt_date(dd, "d Mon y"), r.choice(GP_NAMES)), bold=True, size=ctx.size - 1, after=0.05))
        cons += ctx.para("History: " + ctx.sc_text("hx")[k % len(ctx.sc_text("hx"))], size=ctx.size - 1, after=0.2)
    pages_l = [Page(b1, "Rest")]
    if pages == 2:
        pages_l.append(Page(b2 + [P("Recent Consultations", bold=True, size=ctx.size + 0.5, after=0.1)] + cons, "Rest"))
    else:
        pages_l.append(Page(b2, "Rest"))
        pages_l.append(Page([P("Recent Consultations", bold=True, size=ctx.size + 0.5, after=0.1)] + cons, "Rest"))
    if near_blank_tail:
        pages_l.append(Page([P("--- End of report ---", align="center", size=9, before=1.0)], "Rest"))
    m = master_std(ctx, "Rest", header=hdr, footer=ftr)
    return Doc([m], pages_l, ctx.font, ctx.size)

def b_systmone(ctx, pages=1):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; w = ctx.width
    printed = ctx.date
    band_cell = {"border": None, "bg": "#dbe5f1", "padding": 0.1}
    ctx.nhs_printed = "NHS No. " + fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = "D.O.B. " + fmt_date(p.dob, "d Mon y")
    band = Table([w * 0.42, w * 0.3, w * 0.28], [
        [Cell(P(full_name(p, "Title First SURNAME"), bold=True)), Cell("NHS No. " + fmt_nhs(p.nhs, "spaced")), Cell("D.O.B. " + fmt_date(p.dob, "d Mon y"))],
        [Cell("%s, %s, %s" % (p.street, p.town, p.postcode), span=2), Cell("Gender: " + ("Male" if p.sex == "M" else "Female"))]],
        cell=band_cell, after=0.3)
    hdr = [P([T(ctx.practice[0]), R(kind="tab"), T("Tel: " + ctx.d("phone", ctx.prac_phone))], size=8.5, tabs=[(w, "right")], after=0, color="#404040")]
    who = r.choice(GP_NAMES)
    ftr = [P([T("Printed on %s at %02d:%02d by %s" % (fmt_date(printed, "d Mon y"), r.randint(8, 17), r.randint(0, 59), who)), R(kind="tab"), T("Page "), R(kind="page"), T(" of "), R(kind="pages")], size=7.5, tabs=[(w, "right")])]
    ctx.d("print_date", fmt_date(printed, "d Mon y"))
    b = [P("Referral", bold=True, size=16, after=0.15, color="#1f497d"), band]
    b.append(P([T("Referred to:", bold=True), R(kind="tab"), T("%s, %s" % (ctx.cons, sc["spec"]))], tabs=[3.2], after=0))
    b.append(P([T("Location:", bold=True), R(kind="tab"), T(ctx.hosp[0])], tabs=[3.2], after=0))
    b.append(P([T("Priority:", bold=True), R(kind="tab"), T(sc["urg"])], tabs=[3.2], after=0))
    b.append(P([T("Referral date:", bold=True), R(kind="tab"), T(ctx.d("letter_date", fmt_date(ctx.date, "d Mon y")))], tabs=[3.2], after=0.3))
    b.append(P("Reason for referral", bold=True, size=ctx.size + 0.5, after=0.1, color="#1f497d"))
    b += ctx.para(sc["title"] + ". " + " ".join(ctx.sc_text("hx")))
    b.append(P("Examination", bold=True, size=ctx.size + 0.5, after=0.1, color="#1f497d"))
    b += ctx.para(" ".join(ctx.sc_text("exam")))
    b2 = []
    b2.append(P("Investigations", bold=True, size=ctx.size + 0.5, after=0.1, color="#1f497d"))
    b2 += ctx.para(" ".join(ctx.sc_text("invx")))
    b2.append(P("Repeat Templates", bold=True, size=ctx.size + 0.5, after=0.1, color="#1f497d"))
    tcell = {"border": "0.3pt solid #9fb7d6", "padding": 0.05, "size": ctx.size - 1}
    rows = [[Cell(P("Drug", bold=True)), Cell(P("Dose", bold=True)), Cell(P("Last issue", bold=True))]]
    for m in sc["meds"]:
        nm, _, dose = m.partition(" ")
        rows.append([Cell(nm), Cell(dose), Cell(fmt_date(printed - datetime.timedelta(days=r.randint(5, 50)), "dmy/"))])
    b2.append(Table([w * 0.3, w * 0.5, w * 0.2], rows, cell=tcell, after=0.3))
    b2.append(P("Sensitivities: " + sc["allergy"], after=0.3))
    b2 += ctx.para(" ".join(ctx.sc_text("ask")), after=0.3)
    b2.append(P(ctx.gp + " (GP)", bold=True, after=0))
    ctx.anchors["signature"] = ctx.gp + " (GP)"
    m = master_std(ctx, "Rest", header=hdr, footer=ftr)
    if pages == 1:
        return Doc([m], [Page(b + b2, "Rest")], ctx.font, ctx.size)
    return Doc([m], [Page(b, "Rest"), Page(b2, "Rest")], ctx.font, ctx.size)

def b_vision(ctx, pages=1):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; w = ctx.width
    b = [P("REFERRAL LETTER", bold=True, size=14, align="center", after=0.05),
         P("Vision - %s" % ctx.practice[0], size=8.5, align="center", after=0.3)]
    cell = {"border": "0.4pt solid #000000", "padding": 0.06}
    ctx.nhs_printed = "NHS Number " + fmt_nhs(p.nhs, "plain"); ctx.dob_printed = "Date of Birth " + fmt_date(p.dob, "dmy/")
    rows = [[Cell("Surname"), Cell(p.surname.upper()), Cell("NHS Number"), Cell(fmt_nhs(p.nhs, "plain"))],
            [Cell("Forename"), Cell(p.first), Cell("Date of Birth"), Cell(fmt_date(p.dob, "dmy/"))],
            [Cell("Title"), Cell(p.title), Cell("Sex"), Cell(p.sex)],
            [Cell("Address"), Cell("%s, %s" % (p.street, p.town)), Cell("Postcode"), Cell(p.postcode)]]
    b.append(Table([w * 0.17, w * 0.38, w * 0.2, w * 0.25], rows, cell=cell, after=0.3))
    b.append(P("Referral to: %s (%s)" % (sc["spec"], ctx.hosp[0]), bold=True, after=0))
    b.append(P("Urgency: %s     Date: %s" % (sc["urg"], ctx.d("letter_date", fmt_date(ctx.date, "dmy/"))), after=0.3))
    b += ctx.para(" ".join(ctx.sc_text("hx")))
    b += ctx.para(" ".join(ctx.sc_text("ask")))
    b2 = [P("Medical History", bold=True, after=0.1, border_bottom="0.4pt solid #000000")]
    hcell = {"border": None, "padding": 0.03, "size": ctx.size - 1}
    rows = []
    for ph in sc["pmh"]:
        dd = rand_date(r, 1995, 2018); rows.append([Cell(fmt_date(dd, "dmy/")), Cell(re.sub(r" \(\d{4}\)", "", ph))])
    b2.append(Table([w * 0.2, w * 0.8], rows, cell=hcell, after=0.2))
    b2.append(P("Therapy", bold=True, after=0.1, border_bottom="0.4pt solid #000000"))
    rows = [[Cell(fmt_date(ctx.date - datetime.timedelta(days=r.randint(3, 90)), "dmy/")), Cell(m)] for m in sc["meds"]]
    b2.append(Table([w * 0.2, w * 0.8], rows, cell=hcell, after=0.2))
    b2.append(P("Allergies: " + sc["allergy"], after=0.2))
    b2.append(P("Examination findings", bold=True, after=0.1, border_bottom="0.4pt solid #000000"))
    b2 += ctx.para(" ".join(ctx.sc_text("exam")) + " " + " ".join(ctx.sc_text("invx")), size=ctx.size - 1)
    b2.append(P("Referring clinician: " + ctx.gp, after=0))
    ctx.anchors["signature"] = "Referring clinician: " + ctx.gp
    ftr = [P([T("Practice code %s" % ctx.d("practice_code", ctx.practice[3])), R(kind="tab"), R(kind="page"), T("/"), R(kind="pages")], size=7.5, tabs=[(w, "right")])]
    m = master_std(ctx, "Rest", footer=ftr)
    if pages == 1:
        return Doc([m], [Page(b + b2, "Rest")], ctx.font, ctx.size)
    if s.get("letter_p2"):
        m2 = Master("Letter", width=21.59, height=27.94, margins=ctx.margins, footer=ftr)
        return Doc([m, m2], [Page(b, "Rest"), Page(b2, "Letter")], ctx.font, ctx.size)
    return Doc([m], [Page(b, "Rest"), Page(b2, "Rest")], ctx.font, ctx.size)

def b_terse(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc
    b = [P(ctx.practice[0] + "  -  Tel " + ctx.d("phone", ctx.prac_phone), size=9, after=0.4, italic=True)]
    b.append(P(ctx.d("letter_date", fmt_date(ctx.date, "dmy/2")), after=0.3))
    b.append(P("To: %s clinic, %s" % (sc["spec"], ctx.hosp[0]), after=0.3))
    b += ctx.para("Re %s   %s   %s" % (full_name(p, "First SURNAME"), ctx.dob("D.O.B.", "dmy.2"), ctx.nhs("NHS", "plain")), bold=True, after=0.3)
    ex = ctx.sc_text("exam")[0].split(". ")[0].rstrip(".")
    b += ctx.para("Please see this %d y/o %s - %s. O/E %s." % (p.age, p.man, sc["title"].lower(), ex[0].lower() + ex[1:]))
    b += ctx.para("Meds: " + ", ".join(m.split(" ")[0] for m in sc["meds"]) + ". " + sc["allergy"] + ".")
    b += ctx.para("Thanks,", after=0.9)
    b.append(P(ctx.gp, after=0))
    ctx.anchors["signature"] = ctx.gp
    m = master_std(ctx, "First")
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

def b_soap(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; w = ctx.width
    t = "%02d:%02d" % (r.randint(8, 17), r.randint(0, 59))
    b = [P("CONSULTATION RECORD / REFERRAL", bold=True, size=13, after=0.1),
         P([T("Patient: "), T(full_name(p, "SURNAME, First"), bold=True), T("   " + ctx.dob("DOB", "dmy/")), T("   " + ctx.nhs("NHS No.", "spaced"))], after=0),
         P("%s, %s %s   Tel %s" % (p.street, p.town, p.postcode, ctx.d("phone", p.phone)), after=0.1),
         P("Consultation %s %s with %s (GP), %s" % (ctx.d("letter_date", fmt_date(ctx.date, "dmy/")), t, ctx.gp, ctx.practice[0]), after=0.3, border_bottom="0.5pt solid #000000")]
    ind = 1.2
    def soap(letter, text):
        lines = wrap(text, w - ind, ctx.font, ctx.size)
        out = []
        for i, ln in enumerate(lines):
            if i == 0:
                out.append(P([T(letter + ":", bold=True), R(kind="tab"), T(ln)], tabs=[ind], after=0))
            else:
                out.append(P(ln, indent=ind, after=0))
        out[-1].props["after"] = 0.2
        return out
    b += soap("S", " ".join(ctx.sc_text("hx")))
    b += soap("O", " ".join(ctx.sc_text("exam")) + " " + " ".join(ctx.sc_text("invx")))
    b += soap("A", sc["title"] + ".")
    b += soap("P", "Refer %s (%s). %s" % (sc["spec"], sc["urg"].lower(), " ".join(ctx.sc_text("ask"))))
    b.append(blank(0.3))
    b.append(P("Medication: " + "; ".join(sc["meds"]), size=ctx.size - 1, after=0))
    b.append(P("Allergies: " + sc["allergy"], size=ctx.size - 1, after=0.4))
    b.append(P("Signed electronically by " + ctx.gp, italic=True, size=ctx.size - 1, after=0))
    ctx.anchors["signature"] = "Signed electronically by " + ctx.gp
    m = master_std(ctx, "First", footer=[page_footer("CONFIDENTIAL - contains patient identifiable information", size=7.5, pages=False)])
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

def b_typewritten(ctx, pages=1, caps=False):
    """old typed letter: monospaced font, fixed-pitch layout with space runs"""
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc
    pr = ctx.practice; W = ctx.width
    b = [P(pr[0].upper(), align="center", after=0), P("%s, %s" % (pr[1], pr[2]), align="center", after=0),
         P("Telephone %s" % ctx.d("phone", ctx.prac_phone), align="center", after=0.5)]
    ref = "%s/%s" % ("".join(x[0] for x in ctx.gp.split()[1:]).upper(), r.choice(["JB", "MT", "PW"]))
    dt = fmt_date(ctx.date, "longord"); ctx.d("letter_date", dt)
    b.append(P([T("Our Ref: " + ref), R(kind="tab"), T(dt)], tabs=[(W, "right")], after=0.4))
    b += recipient(ctx, "hosp")
    b.append(P(dear(ctx), after=0.3))
    idl = "Re:  %s,  %s,  %s" % (full_name(p, "Title First SURNAME"), ctx.dob("d.o.b.", s.get("ds", "dmy.2")), ctx.nhs("NHS No.", s.get("ns", "spaced")))
    b += ctx.para(idl, after=0, underline=False)
    b += ctx.para("     %s, %s" % (p.street, p.town), after=0.3)
    for para in [" ".join(ctx.sc_text("hx")), "On examination " + " ".join(ctx.sc_text("exam")).lower(),
                 " ".join(ctx.sc_text("invx")), "Current medication: " + ", ".join(sc["meds"]) + ".", " ".join(ctx.sc_text("ask"))]:
        b += ctx.para(para, after=0.3)
    b.append(P("Yours sincerely,", after=0))
    b.append(blank(1.5))
    b.append(P(ctx.gp.upper(), after=0))
    ctx.anchors["signature"] = ctx.gp.upper()
    m = master_std(ctx, "First")
    if pages == 1:
        return Doc([m], [Page(b, "First")], ctx.font, ctx.size)
    # split at ~60%
    k = int(len(b) * 0.74)
    while not isinstance(b[k], P) or b[k].props.get("after", 0) == 0:
        k += 1
    k += 1
    hdr = [P([T(full_name(p, "Title First SURNAME")), R(kind="tab"), T("- 2 -")], tabs=[(W, "right")], after=0)]
    m2 = master_std(ctx, "Rest", header=hdr)
    return Doc([m, m2], [Page(b[:k], "First"), Page(b[k:], "Rest")], ctx.font, ctx.size)

def b_dotmatrix(ctx):
    """dot-matrix printed GP system summary, fixed pitch columns, upper case"""
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc
    W = 70
    def row(*cols):
        out = ""
        for text, col in cols:
            out = out.ljust(col) + text
        return out
    ctx.nhs_printed = "NHS NO: " + fmt_nhs(p.nhs, "plain"); ctx.dob_printed = "DOB: " + fmt_date(p.dob, "dmy/")
    pr = ctx.practice
    L = []
    L.append(row((pr[0].upper(), 0), ("PAGE 1", 62)))
    L.append(row(("GP REFERRAL SUMMARY", 0), ("RUN " + ctx.d("print_date", fmt_date(ctx.date, "dmy/2")), 56)))
    L.append("-" * W)
    L.append(row(("SURNAME: " + p.surname.upper(), 0), ("FORENAMES: " + (p.first + " " + p.middle).strip().upper(), 36)))
    L.append(row(("DOB: " + fmt_date(p.dob, "dmy/"), 0), ("SEX: " + p.sex, 20), ("NHS NO: " + fmt_nhs(p.nhs, "plain"), 36)))
    L.append(row(("ADDR: " + ("%s, %s" % (p.street, p.town)).upper(), 0), (p.postcode, 48)))
    L.append(row(("GP: " + ctx.gp.upper(), 0), ("REG: " + ctx.d("practice_code", pr[3]), 36), ("TEL " + ctx.d("phone", ctx.prac_phone), 50)))
    L.append("-" * W)
    L.append("REFERRED TO: " + ("%s - %s" % (sc["spec"], ctx.hosp[0])).upper())
    L.append("URGENCY: " + sc["urg"].upper() + "     DATE: " + ctx.d("letter_date", fmt_date(ctx.date, "dmy/")))
    L.append("")
    L.append("PROBLEMS")
    for ph in sc["pmh"]:
        L.append(row(("  " + fmt_date(rand_date(r, 1985, 1999), "dmy/2"), 0), (re.sub(r" \(\d{4}\)", "", ph).upper(), 14)))
    L.append("")
    L.append("REPEAT MEDICATION")
    for m in sc["meds"]:
        L.append(row(("  " + m.upper(), 0),))
    L.append("")
    L.append("HISTORY")
    for t in textwrap.wrap(" ".join(ctx.sc_text("hx")).upper(), 66):
        L.append("  " + t)
    L.append("")
    L.append("EXAMINATION")
    for t in textwrap.wrap(" ".join(ctx.sc_text("exam") + ctx.sc_text("invx")).upper(), 66):
        L.append("  " + t)
    L2 = [row((pr[0].upper(), 0), ("PAGE 2", 62)), "-" * W]
    L2.append("REQUEST")
    for t in textwrap.wrap(" ".join(ctx.sc_text("ask")).upper(), 66):
        L2.append("  " + t)
    L2.append("")
    L2.append("ALLERGIES: " + sc["allergy"].upper())
    L2.append("")
    L2.append("SIGNED: ____________________   " + ctx.gp.upper())
    ctx.anchors["signature"] = "SIGNED:"
    L2.append("")
    L2.append("*** END OF REPORT ***")
    def mk(lines):
        return [P(l if l else "", after=0, lh="%gcm" % s.get("lineh", 0.46), bold=s.get("dm_bold", False)) for l in lines]
    m = master_std(ctx, "Rest")
    return Doc([m], [Page(mk(L), "Rest"), Page(mk(L2), "Rest")], ctx.font, ctx.size)

def b_fax(ctx):
    """fax cover sheet + referral letter, fax header line printed on each page"""
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    t = "%02d:%02d" % (r.randint(8, 17), r.randint(0, 59))
    fdate = fmt_date(ctx.date, "dmy/"); ctx.d("fax_date", fdate)
    fromno = ctx.d("phone", ctx.prac_fax); tono = ctx.d("phone", phone(r))
    def fh():
        return [P([T("%s %s  FROM: %s  %s" % (fdate, t, ctx.practice[0][:22].upper(), fromno)), R(kind="tab"), T("P."), R(kind="page"), T("/"), R(kind="pages")],
                  font="DejaVu Sans Mono", size=7.5, tabs=[(W, "right")], after=0)]
    b1 = [P("FAX", bold=True, size=40, after=0.3), rule("#000000", "2pt", 0.4)]
    cell = {"border": None, "padding": 0.12, "size": 13}
    rows = [[Cell("To:"), Cell("%s - %s" % (sc["clinic"], ctx.hosp[0]))], [Cell("Fax:"), Cell(tono)],
            [Cell("From:"), Cell("%s, %s" % (ctx.gp, ctx.practice[0]))], [Cell("Tel:"), Cell(ctx.d("phone", ctx.prac_phone))],
            [Cell("Date:"), Cell(fdate)], [Cell("Pages:"), Cell("2 (including this cover sheet)")],
            [Cell("Re:"), Cell("%s  %s" % (full_name(p, "Title First SURNAME"), ctx.dob("DOB", "dmy/")))]]
    b1.append(Table([3.0, W - 3.0], rows, cell=cell, after=0.6))
    b1 += ctx.para("URGENT - %s REFERRAL" % ("TWO WEEK WAIT" if sc["urg"] == "2WW" else sc["urg"].upper()), bold=True, size=16, after=0.6)
    b1 += ctx.para("CONFIDENTIALITY NOTICE: This facsimile contains confidential patient information intended only for the named recipient. If you have received it in error please telephone the sender immediately and destroy all copies.", size=9, italic=True)
    b2 = [P(ctx.practice[0], bold=True, size=13, after=0), P("%s, %s %s" % (ctx.practice[1], ctx.practice[2], ctx.prac_pc), size=9, after=0.4)]
    b2.append(P(fmt_date(ctx.date, "long"), after=0.3))
    b2.append(P(dear(ctx), after=0.2))
    b2 += id_block(ctx, "tabs", "NHS Number:", "spaced", "Date of Birth:", "dmy/", hosp=False)
    b2 += clinical_body(ctx, "prose", size=ctx.size - 0.5)
    b2 += sign_off(ctx, ctx.gp, "GP Principal", gap=1.0)
    m = master_std(ctx, "Rest", header=fh(), margins=(0.9, 1.5, 2.0, 2.0))
    return Doc([m], [Page(b1, "Rest"), Page(b2, "Rest")], ctx.font, ctx.size)

def b_header_band(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    logo = make_logo(ctx.did, 2.0, 2.0, rgb=(0, 48, 135), kind="tree", halftone=s.get("halftone", False))
    b = practice_letterhead(ctx, "logo_left", logo=logo, color="#00563f")
    cell = {"border": None, "bg": "#e8f0e8", "padding": 0.1, "size": 10}
    ctx.nhs_printed = "NHS Number " + fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = "DOB " + fmt_date(p.dob, "dmy/")
    ctx.d("hospital_number", ctx.hno)
    band = Table([W * 0.34, W * 0.22, W * 0.22, W * 0.22], [
        [Cell(P("Patient", bold=True)), Cell(P("NHS Number", bold=True)), Cell(P("DOB", bold=True)), Cell(P("Hospital No", bold=True))],
        [Cell(full_name(p, "SURNAME, First")), Cell(fmt_nhs(p.nhs, "spaced")), Cell(fmt_date(p.dob, "dmy/")), Cell(ctx.hno)]],
        cell=cell, after=0.4)
    # GT: rows are lines; labels row then values row
    ctx.nhs_printed = fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = fmt_date(p.dob, "dmy/")
    b.append(band)
    b.append(letter_date_line(ctx, "long", label="Date:"))
    b += recipient(ctx, "hosp")
    b.append(P(dear(ctx), after=0.25))
    b.append(P("Re: %s - %s" % (full_name(p, "title"), sc["title"]), bold=True, after=0.25))
    b += clinical_body(ctx, "prose")
    b += sign_off(ctx, ctx.gp, "General Practitioner", closing="Yours faithfully")
    m = master_std(ctx, "First", footer=[page_footer("Registered address: %s, %s" % (ctx.practice[1], ctx.practice[2]), size=7.5, pages=False)])
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

def b_sidebar(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    pr = ctx.practice
    lw = 4.3; rw = W - lw
    side = [P(pr[0], bold=True, size=10.5, after=0.2, color="#5b2c6f")]
    for gp in [ctx.gp] + r.sample(GP_NAMES, 3):
        side.append(P(gp, size=8, after=0))
    side.append(P("", size=8, after=0.15))
    side += [P(pr[1], size=8, after=0), P(pr[2], size=8, after=0), P(ctx.prac_pc, size=8, after=0.15),
             P("Tel " + ctx.d("phone", ctx.prac_phone), size=8, after=0), P("Fax " + ctx.d("phone", ctx.prac_fax), size=8, after=0),
             P("Code " + ctx.d("practice_code", pr[3]), size=8, after=0.3)]
    side.append(P("Opening hours", size=8, bold=True, after=0))
    side.append(P("Mon-Fri 08:00-18:30", size=8, after=0))
    main = [letter_date_line(ctx, "long", label="")]
    main += [P(l, after=0) for l in addr_lines(ctx, "hosp")[:-1]] + [P(addr_lines(ctx, "hosp")[-1], after=0.3)]
    main.append(P(dear(ctx), after=0.2))
    save_w = ctx.width; ctx.width = rw - 0.3
    main += id_block(ctx, "re_multi", "NHS No:", "plain", "DOB:", "dMony", hosp=False)
    main += clinical_body(ctx, "prose", size=ctx.size - 0.5)
    main += sign_off(ctx, ctx.gp, "GP", gap=1.0)
    ctx.width = save_w
    t = Table([lw, rw], [[Cell(side, border_right="0.8pt solid #5b2c6f", padding=0.15), Cell(main, padding=0.25)]], mode="columns", cell={"border": None})
    m = master_std(ctx, "First")
    return Doc([m], [Page([t], "First")], ctx.font, ctx.size)

def b_window(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    b = practice_letterhead(ctx, "right")
    refs = [P("Our ref: %s" % ctx.d("reference", "REF/%05d" % r.randrange(10 ** 5)), size=9, after=0),
            P("Date: %s" % ctx.d("letter_date", fmt_date(ctx.date, "dmy/")), size=9, after=0),
            P("Direct line: %s" % ctx.d("phone", phone(r)), size=9, after=0)]
    addr = [P(l, after=0) for l in recipient_lines(ctx)]
    addr[-1].props["after"] = 0.8
    b.append(Frame(refs, width=5.2, anchor="side", left=addr, border="none", padding=0.05))
    b.append(P(dear(ctx), after=0.25))
    b += id_block(ctx, s.get("idv", "re_line"), s.get("nl", "NHS no."), s.get("ns", "dashed"), s.get("dl", "Date of birth"), s.get("ds", "long"), hosp=False)
    b += clinical_body(ctx, "prose")
    b += sign_off(ctx, ctx.gp, "General Practitioner")
    m = master_std(ctx, "First")
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

def recipient_lines(ctx):
    h = ctx.hosp
    return [ctx.cons, ctx.sc["spec"], h[0], h[2], "%s %s" % (h[3], h[4])]

def b_label_form(ctx):
    """hospital-issued referral form with an addressograph label text box"""
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    b = hospital_letterhead(ctx, "center", dept=sc["spec"])
    b.append(P("GP REFERRAL REQUEST", bold=True, size=14, align="center", after=0.3))
    ctx.d("hospital_number", ctx.hno)
    lab = [P(full_name(p, "SURNAME, First"), font="Liberation Mono", size=9.5, bold=True, after=0),
           P("%s   %s" % (fmt_date(p.dob, "dmy/"), p.sex), font="Liberation Mono", size=9.5, after=0),
           P("NHS: " + fmt_nhs(p.nhs, "spaced"), font="Liberation Mono", size=9.5, after=0),
           P("Hosp: " + ctx.hno, font="Liberation Mono", size=9.5, after=0),
           P(("%s, %s" % (p.street, p.town)), font="Liberation Mono", size=9.5, after=0)]
    ctx.nhs_printed = "NHS: " + fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = fmt_date(p.dob, "dmy/")
    b.append(P("Patient label:", size=9, italic=True, after=0.05))
    b.append(Frame(lab, width=8.0, anchor="as-char", border="0.5pt solid #000000", padding=0.2, align="left", after=0.3))
    cell = {"border": "0.5pt solid #000000", "padding": 0.1}
    rows = [[Cell(P("Referring GP", bold=True)), Cell("%s, %s" % (ctx.gp, ctx.practice[0]))],
            [Cell(P("Date", bold=True)), Cell(ctx.d("letter_date", fmt_date(ctx.date, "dmy/")))],
            [Cell(P("Priority", bold=True)), Cell(sc["urg"])],
            [Cell(P("Clinic", bold=True)), Cell(sc["clinic"])]]
    b.append(Table([4.0, W - 4.0], rows, cell=cell, after=0.3))
    b.append(P("Reason for referral", bold=True, after=0.1))
    b += ctx.para(" ".join(ctx.sc_text("hx")), size=ctx.size - 0.5)
    b += ctx.para(" ".join(ctx.sc_text("exam")), size=ctx.size - 0.5)
    b.append(P("Medication / allergies", bold=True, after=0.1))
    b += ctx.para("; ".join(sc["meds"]) + ". " + sc["allergy"] + ".", size=ctx.size - 0.5)
    b.append(P([T("GP signature:"), R(kind="tab"), T("Date:")], tabs=[10.0], after=0.2, before=0.3))
    ctx.anchors["signature"] = "GP signature: Date:"
    ftr = [page_footer("Form GPR/2 - please attach label or complete in BLOCK CAPITALS", size=7, pages=False)]
    m = master_std(ctx, "First", footer=ftr)
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

def b_msk(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    b = [P("MSK PHYSIOTHERAPY REFERRAL", bold=True, size=15, after=0), P(ctx.hosp[1], size=9.5, after=0.3)]
    cell = {"border": "0.5pt solid #000000", "padding": 0.07, "size": ctx.size - 1}
    ctx.nhs_printed = "NHS Number: " + fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = "Date of Birth: " + fmt_date(p.dob, "dmy/")
    rows = [[Cell("Name: " + full_name(p, "title")), Cell("NHS Number: " + fmt_nhs(p.nhs, "spaced"))],
            [Cell("Date of Birth: " + fmt_date(p.dob, "dmy/")), Cell("Tel: " + ctx.d("phone", p.phone))],
            [Cell("Address: %s, %s %s" % (p.street, p.town, p.postcode), span=2)],
            [Cell("GP: " + ctx.gp), Cell("Practice: " + ctx.practice[0])]]
    b.append(Table([W / 2, W / 2], rows, cell=cell, after=0.3))
    b.append(P("Body area (tick)", bold=True, after=0.1))
    areas = ["Neck", "Shoulder", "Elbow", "Wrist/hand", "Lumbar spine", "Hip", "Knee", "Ankle/foot"]
    chosen = r.choice([4, 6]) if sc is SCENARIOS["back_pain"] or True else 4
    rows = []
    for i in range(0, 8, 4):
        rows.append([Cell(P([R(kind="boxf" if i + j == chosen else "box"), T("  " + areas[i + j])])) for j in range(4)])
    b.append(Table([W / 4] * 4, rows, cell={"border": None, "padding": 0.05}, after=0.3))
    b.append(P("Red flags screened (tick if present)", bold=True, after=0.1))
    flags = ["Saddle anaesthesia", "Bladder/bowel change", "Progressive weakness", "History of cancer", "Unexplained weight loss", "Night pain/fever"]
    rows = []
    for i in range(0, 6, 2):
        rows.append([Cell(P([R(kind="box"), T("  " + flags[i + j])])) for j in range(2)])
    b.append(Table([W / 2] * 2, rows, cell={"border": None, "padding": 0.05}, after=0.3))
    b.append(P("Clinical details", bold=True, after=0.1))
    b += ctx.para(" ".join(ctx.sc_text("hx")) + " " + " ".join(ctx.sc_text("exam")))
    b += ctx.para("Analgesia: " + ", ".join(sc["meds"]) + ".")
    b.append(P("Referrer: %s      Date: %s" % (ctx.gp, ctx.d("letter_date", fmt_date(ctx.date, "dmy/"))), after=0))
    ctx.anchors["signature"] = "Referrer: %s Date: %s" % (ctx.gp, fmt_date(ctx.date, "dmy/"))
    m = master_std(ctx, "First", footer=[page_footer("MSK1 v3", size=7)])
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

def b_mental_health(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    b = [P("Community Mental Health Team", bold=True, size=14, after=0), P("Referral form - adults of working age", size=10, after=0.3)]
    cell = {"border": "0.5pt solid #303030", "padding": 0.08, "size": ctx.size - 1}
    ctx.nhs_printed = "NHS No " + fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = "DOB " + fmt_date(p.dob, "dmy.")
    rows = [[Cell(P("Name", bold=True)), Cell(full_name(p, "title")), Cell(P("NHS No", bold=True)), Cell(fmt_nhs(p.nhs, "spaced"))],
            [Cell(P("DOB", bold=True)), Cell(fmt_date(p.dob, "dmy.")), Cell(P("Tel", bold=True)), Cell(ctx.d("phone", p.phone))],
            [Cell(P("Address", bold=True)), Cell("%s, %s %s" % (p.street, p.town, p.postcode), span=3)],
            [Cell(P("GP", bold=True)), Cell(ctx.gp), Cell(P("Date", bold=True)), Cell(ctx.d("letter_date", fmt_date(ctx.date, "dmy.")))]]
    b.append(Table([W * 0.15, W * 0.38, W * 0.15, W * 0.32], rows, cell=cell, after=0.3))
    qs = [("Presenting problem", " ".join(ctx.sc_text("hx"))),
          ("Mental state / scores", " ".join(ctx.sc_text("exam"))),
          ("Risk assessment", "No self-harm history. Denies plans or intent. Protective factors: partner, employment, faith."),
          ("Medication tried", "Sertraline 100mg (6 months), citalopram 40mg (4 months), currently " + sc["meds"][0] + "."),
          ("What are you asking us to do?", " ".join(ctx.sc_text("ask")))]
    for q, a in qs:
        b.append(P(q, bold=True, after=0.05, bg="#eeeeee", padding=0.05))
        b += ctx.para(a, after=0.2)
    b.append(P([T("Patient consent to referral:  Yes "), R(kind="boxf"), T("   No "), R(kind="box")], after=0.2))
    b.append(P("Referrer: " + ctx.gp, after=0))
    ctx.anchors["signature"] = "Referrer: " + ctx.gp
    m = master_std(ctx, "First", footer=[page_footer("Send to: single point of access, fax " + ctx.d("phone", phone(r)), size=7.5, pages=False)])
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

def b_urgent_box(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    b = practice_letterhead(ctx, "band", color=s.get("color", "#7a1f1f"))
    box = Frame([P("URGENT REFERRAL", bold=True, size=14, align="center", after=0),
                 P("Please see within 2 weeks", size=10, align="center", after=0)], width=7.5, anchor="as-char",
                border="1.5pt solid #000000", padding=0.15, align="center", after=0.3)
    b.append(box)
    b.append(letter_date_line(ctx, "dmy/", label="Date:"))
    b += recipient(ctx, "generic")
    b.append(P("Dear Colleague,", after=0.25))
    b += id_block(ctx, s.get("idv", "tabs"), s.get("nl", "NHS No:"), s.get("ns", "spaced"), s.get("dl", "D.O.B.:"), s.get("ds", "dmy/"))
    b += clinical_body(ctx, "headed", size=ctx.size - 0.5)
    b += sign_off(ctx, ctx.gp, "GP", gap=1.0)
    m = master_std(ctx, "First")
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

def b_compliments(ctx):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    b = [P([T(ctx.practice[0], bold=True, size=13), R(kind="tab"), T("with compliments", italic=True, size=12)], tabs=[(W, "right")], after=0),
         P("%s, %s  Tel %s" % (ctx.practice[1], ctx.practice[2], ctx.d("phone", ctx.prac_phone)), size=8, after=0.3, border_bottom="0.5pt solid #000000")]
    b.append(P("To: %s clinic, %s    %s" % (sc["spec"], ctx.hosp[0], ctx.d("letter_date", fmt_date(ctx.date, "dmy/"))), size=10, after=0.15))
    b += ctx.para("Re: %s  %s  %s" % (full_name(p, "First SURNAME"), ctx.dob("DOB", "d Mon y"), ctx.nhs("NHS No", "spaced")), bold=True, size=10, after=0.1)
    b += ctx.para("Please see - %s. Letter to follow via e-RS. Many thanks." % sc["title"].lower(), size=10, after=0.2)
    b.append(P(ctx.gp, size=10, after=0))
    ctx.anchors["signature"] = ctx.gp
    m = master_std(ctx, "First")
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

# ---------------------------------------------------------------- other document types
CLINIC_OUTCOMES = {
    "chest_pain": (["Stable angina", "Hypertension"], "CT coronary angiogram showed a 70 percent stenosis of the proximal LAD. I have added bisoprolol 2.5mg and increased atorvastatin to 80mg."),
    "cibh_ida": (["Adenocarcinoma of the caecum (T3 N1)", "Iron deficiency anaemia"], "Colonoscopy confirmed a caecal tumour. The case was discussed at the colorectal MDT and a right hemicolectomy is planned."),
    "knee_oa": (["Severe medial compartment osteoarthritis right knee"], "We discussed the risks and benefits of a total knee replacement and the patient wishes to proceed. Listed for surgery."),
    "hearing": (["Left sensorineural hearing loss", "Tinnitus"], "MRI of the internal auditory meatus was normal. A hearing aid referral has been made to audiology."),
    "ra": (["Seropositive rheumatoid arthritis"], "I have started methotrexate 10mg weekly with folic acid 5mg weekly and given a depot of methylprednisolone 120mg."),
    "thyroid": (["Graves' disease"], "TRAb positive. Continue carbimazole 20mg daily and recheck thyroid function in six weeks."),
    "memory": (["Mild Alzheimer's dementia"], "MoCA 19/30 and CT head showed generalised atrophy. Donepezil 5mg at night started, increasing to 10mg after one month."),
    "claudication": (["Right superficial femoral artery occlusion"], "Duplex scan confirmed a 10 cm occlusion. Supervised exercise programme for three months, then review."),
    "diabetes": (["Type 2 diabetes, suboptimal control", "Early diabetic nephropathy"], "Started semaglutide 0.25mg weekly, increasing to 0.5mg after four weeks. Stop gliclazide if hypoglycaemia."),
    "cough": (["Right lower lobe pneumonia, slow resolution", "COPD"], "CT chest showed resolving consolidation and no mass. Repeat chest X-ray in eight weeks."),
    "headache": (["Chronic tension-type headache", "Essential tremor"], "Neurological examination normal. No imaging needed. Continue propranolol; reduce analgesic use."),
}

def b_clinic_letter(ctx, pages=1, typed=False):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    diag, plan = CLINIC_OUTCOMES.get(ctx.scen_key, (["Under investigation"], "Further tests arranged."))
    logo = make_logo(ctx.did, 2.6, 2.6, rgb=s.get("logo_rgb", (0, 94, 184)), kind=s.get("logo", "bars"), halftone=s.get("halftone", False)) if s.get("logo") else None
    b = hospital_letterhead(ctx, s.get("lh", "right"), logo=logo) if not typed else [
        P(ctx.hosp[0].upper(), align="center", after=0), P(("Department of " + sc["spec"]).upper(), align="center", after=0),
        P("%s, %s" % (ctx.hosp[2], ctx.hosp[3]), align="center", after=0), P("Telephone " + ctx.d("phone", ctx.hosp_phone), align="center", after=0.5)]
    clinic = ctx.date - datetime.timedelta(days=r.randint(3, 15))
    typed_d = ctx.date
    init = "".join(x[0] for x in ctx.cons.split()[1:]).replace(".", "")
    ref = ctx.d("reference", "%s/%s/%s" % (init, r.choice(["sm", "jt", "kb"]), ctx.hno))
    ctx.d("hospital_number", ctx.hno)
    b.append(P("Our ref: " + ref, size=ctx.size - 1, after=0))
    b.append(P("Clinic date: " + ctx.d("clinic_date", fmt_date(clinic, s.get("cds", "dmy/"))), size=ctx.size - 1, after=0))
    b.append(P("Dictated: %s   Typed: %s" % (ctx.d("other_date", fmt_date(clinic, "dmy/")), ctx.d("letter_date", fmt_date(typed_d, "dmy/"))), size=ctx.size - 1, after=0.3))
    b += [P(l, after=0) for l in addr_lines(ctx, "gp")[:-1]] + [P(addr_lines(ctx, "gp")[-1], after=0.3)]
    b.append(P("Dear %s," % (ctx.gp.split(" ")[0] + " " + ctx.gp.split(" ")[-1]), after=0.2))
    nl = s.get("nl", "NHS Number:"); dl = s.get("dl", "DOB:")
    b += id_block(ctx, s.get("idv", "re_multi"), nl, s.get("ns", "spaced"), dl, s.get("ds", "dmy/"))
    b.append(P("Diagnosis:", bold=True, after=0))
    for i, dg in enumerate(diag):
        b.append(P("%d. %s" % (i + 1, dg), indent=0.5, after=0 if i < len(diag) - 1 else 0.2))
    b.append(P("Plan:", bold=True, after=0))
    b += ctx.para(plan, indent=0.5)
    body = []
    body += ctx.para("I saw %s %s in the %s clinic today. %s" % (p.title, p.surname, sc["clinic"], ctx.sc_text("hx")[0]))
    body += ctx.para("On examination: " + " ".join(ctx.sc_text("exam")))
    body += ctx.para(plan + " I will see %s again in the clinic in three months." % p.him)
    sig = sign_off(ctx, ctx.cons, ["Consultant, " + sc["spec"]], closing="Yours sincerely", gap=1.2)
    sig += [blank(0.3), P("cc: %s %s, %s, %s" % (p.title, p.surname, p.street, p.town), size=9, after=0)]
    m1 = master_std(ctx, "First", footer=[page_footer("%s - %s" % (ctx.hosp[1], "Chair: Prof A. Whitlock"), size=7)])
    if pages == 1:
        return Doc([m1], [Page(b + body + sig, "First")], ctx.font, ctx.size)
    cont = [P([T("%s  %s  %s" % (full_name(p, "Title First SURNAME"), ctx.hno, fmt_nhs(p.nhs, "spaced"))), R(kind="tab"), T("Page "), R(kind="page")],
              size=8.5, tabs=[(W, "right")], after=0, border_bottom="0.4pt solid #000000")]
    more = ctx.para("Results today: " + " ".join(ctx.sc_text("invx")))
    more += ctx.para("Medication on review: " + "; ".join(sc["meds"]) + ".")
    masters = [m1, master_std(ctx, "Rest", header=cont, footer=[page_footer("", size=7.5)])]
    p2m = "Rest"
    if s.get("letter_p2"):
        masters.append(Master("Letter", width=21.59, height=27.94, margins=ctx.margins, header=cont, footer=[page_footer("", size=7.5)])); p2m = "Letter"
    return Doc(masters, [Page(b + body[:len(body) // 2 + 1], "First"), Page(body[len(body) // 2 + 1:] + more + sig, p2m)], ctx.font, ctx.size)

def b_discharge(ctx, pages=2):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    adm = ctx.date - datetime.timedelta(days=r.randint(3, 12)); dis = ctx.date
    ward = r.choice(["Ward 7 (Acute Medicine)", "Ward 12 (Cardiology)", "Beech Ward", "Ward 3 (Surgical)", "Larch Ward"])
    b = hospital_letterhead(ctx, s.get("lh", "band"), dept="Inpatient Services")
    b.append(P("DISCHARGE SUMMARY", bold=True, size=15, align="center", after=0.2))
    cell = {"border": "0.5pt solid #000000", "padding": 0.07, "size": ctx.size - 1}
    ctx.d("hospital_number", ctx.hno)
    nl = s.get("nl", "NHS No"); dl = s.get("dl", "DOB")
    ctx.nhs_printed = nl + " " + fmt_nhs(p.nhs, s.get("ns", "spaced")); ctx.dob_printed = dl + " " + fmt_date(p.dob, s.get("ds", "dmy/"))
    rows = [[Cell(P("Patient", bold=True)), Cell(full_name(p, "SURNAME, First")), Cell(P(nl, bold=True)), Cell(fmt_nhs(p.nhs, s.get("ns", "spaced")))],
            [Cell(P(dl, bold=True)), Cell(fmt_date(p.dob, s.get("ds", "dmy/"))), Cell(P("Hospital No", bold=True)), Cell(ctx.hno)],
            [Cell(P("Admitted", bold=True)), Cell(ctx.d("admission_date", fmt_date(adm, "dmy/"))), Cell(P("Discharged", bold=True)), Cell(ctx.d("discharge_date", fmt_date(dis, "dmy/")))],
            [Cell(P("Ward", bold=True)), Cell(ward), Cell(P("Consultant", bold=True)), Cell(r.choice(list(CONSULTANTS.values())[:12]))],
            [Cell(P("GP", bold=True)), Cell("%s, %s" % (ctx.gp, ctx.practice[0]), span=3)]]
    b.append(Table([W * 0.16, W * 0.36, W * 0.2, W * 0.28], rows, cell=cell, after=0.3))
    diagnoses = {"chest_pain": ("NSTEMI", "Coronary angiography, drug-eluting stent to LAD"),
                 "cough": ("Community acquired pneumonia (CURB-65 score 2)", "None"),
                 "cibh_ida": ("Right hemicolectomy for caecal adenocarcinoma", "Laparoscopic right hemicolectomy"),
                 "memory": ("Delirium secondary to urinary tract infection", "None"),
                 "diabetes": ("Diabetic ketoacidosis", "None"), "claudication": ("Critical limb ischaemia right leg", "Angioplasty right SFA")}
    dx, proc = diagnoses.get(ctx.scen_key, ("Chest infection", "None"))
    b.append(P("Primary diagnosis: " + dx, bold=True, after=0))
    b.append(P("Procedures: " + proc, after=0.2))
    b.append(P("Clinical summary", bold=True, after=0.05))
    summ = ("%s %s was admitted via the emergency department. %s %s Treatment was started according to local guidelines and %s made a steady recovery. "
            "%s was reviewed by the physiotherapy team and was independently mobile at discharge." % (p.title, p.surname, ctx.sc_text("hx")[0], ctx.sc_text("exam")[0], p.he, p.He))
    b += ctx.para(summ, size=ctx.size - 0.5)
    b2 = [P("Medication on discharge", bold=True, after=0.1)]
    mrows = [[Cell(P("Medicine", bold=True), bg="#dddddd"), Cell(P("Dose", bold=True), bg="#dddddd"), Cell(P("Route", bold=True), bg="#dddddd"), Cell(P("Frequency", bold=True), bg="#dddddd"), Cell(P("Status", bold=True), bg="#dddddd")]]
    for m in sc["meds"] + ["Lansoprazole 30mg once daily"]:
        parts = m.split(" ")
        nm = parts[0]; dose = parts[1] if len(parts) > 1 else ""; freq = " ".join(parts[2:]) or "as directed"
        mrows.append([Cell(nm), Cell(dose), Cell("Oral" if "inhaler" not in m and "spray" not in m else "Inhaled"), Cell(freq), Cell(r.choice(["Continued", "New", "Changed"]))])
    b2.append(Table([W * 0.24, W * 0.16, W * 0.12, W * 0.3, W * 0.18], mrows, cell=dict(cell), after=0.3))
    b2.append(P("Allergies: " + sc["allergy"], after=0.2))
    b2.append(P("Follow up", bold=True, after=0.05))
    fu = dis + datetime.timedelta(days=r.choice([14, 28, 42]))
    b2 += ctx.para("Outpatient review in %s clinic on or around %s. Blood tests (FBC, U+E) at the GP surgery in one week." % (sc["spec"], ctx.d("appointment_date", fmt_date(fu, "dmy/"))))
    b2.append(P("Actions for GP", bold=True, after=0.05))
    b2 += ctx.para("Please review blood pressure and renal function in two weeks and titrate medication as required.")
    b2.append(P("Completed by: Dr %s %s (FY2), bleep %d" % (r.choice("ABCDEFGHJKLMNPRST"), r.choice(SURNAMES), r.randint(1000, 1999)), size=ctx.size - 1, after=0))
    ctx.anchors["signature"] = "Completed by:"
    ftr = [P([T("Discharge summary - %s" % ctx.hosp[0]), R(kind="tab"), T("Page "), R(kind="page"), T(" of "), R(kind="pages")], size=7.5, tabs=[(W, "right")])]
    m = master_std(ctx, "First", footer=ftr)
    if pages == 1:
        return Doc([m], [Page(b + b2, "First")], ctx.font, ctx.size)
    masters = [m]; p2m = "First"
    if s.get("letter_p2"):
        masters.append(Master("Letter", width=21.59, height=27.94, margins=ctx.margins, footer=ftr)); p2m = "Letter"
    return Doc(masters, [Page(b, "First"), Page(b2, p2m)], ctx.font, ctx.size)

LABS = {
    "FBC": [("Haemoglobin", "g/L", 115, 165, 1), ("White cell count", "x10^9/L", 4.0, 11.0, 0.1), ("Platelets", "x10^9/L", 150, 400, 1),
            ("MCV", "fL", 80, 100, 1), ("Neutrophils", "x10^9/L", 2.0, 7.5, 0.1), ("Lymphocytes", "x10^9/L", 1.0, 4.0, 0.1)],
    "U+E": [("Sodium", "mmol/L", 133, 146, 1), ("Potassium", "mmol/L", 3.5, 5.3, 0.1), ("Urea", "mmol/L", 2.5, 7.8, 0.1),
            ("Creatinine", "umol/L", 59, 104, 1), ("eGFR", "mL/min/1.73m2", 60, 120, 1)],
    "LFT": [("Bilirubin", "umol/L", 0, 21, 1), ("ALT", "U/L", 0, 41, 1), ("Alk phos", "U/L", 30, 130, 1), ("Albumin", "g/L", 35, 50, 1)],
    "Other": [("CRP", "mg/L", 0, 5, 1), ("Ferritin", "ug/L", 30, 400, 1), ("TSH", "mU/L", 0.27, 4.2, 0.01), ("HbA1c", "mmol/mol", 20, 41, 1)],
}

def lab_value(r, lo, hi, step, abnormal):
    span = hi - lo
    if abnormal:
        v = r.choice([lo * r.uniform(0.45, 0.9), hi + span * r.uniform(0.1, 0.6)]) if lo > 0 else hi + span * r.uniform(0.1, 0.6)
    else:
        v = r.uniform(lo + span * 0.1, hi - span * 0.1)
    v = max(v, 0)
    if step >= 1: return "%d" % round(v), v
    if step >= 0.1: return "%.1f" % v, v
    return "%.2f" % v, v

def fmt_range(lo, hi, step):
    f = (lambda x: "%d" % x) if step >= 1 else ((lambda x: "%.1f" % x) if step >= 0.1 else (lambda x: "%.2f" % x))
    return "%s-%s" % (f(lo), f(hi))

def b_lab(ctx, pages=1, cumulative=False):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; W = ctx.width
    coll = ctx.date; rec = coll
    sample = ctx.d("sample_number", "%02dL%06d" % (coll.year % 100, r.randrange(10 ** 6)))
    ctx.d("hospital_number", ctx.hno)
    t1 = "%02d:%02d" % (r.randint(7, 12), r.randint(0, 59)); t2 = "%02d:%02d" % (r.randint(13, 16), r.randint(0, 59))
    hdr = [P([T("PATHOLOGY REPORT", bold=True, size=13), R(kind="tab"), T(ctx.hosp[0], size=9)], tabs=[(W, "right")], after=0, border_bottom="1pt solid #000000")]
    nl = s.get("nl", "NHS Number:"); dl = s.get("dl", "Date of Birth:")
    ctx.nhs_printed = norm_line(nl + " " + fmt_nhs(p.nhs, s.get("ns", "plain"))); ctx.dob_printed = norm_line(dl + " " + fmt_date(p.dob, s.get("ds", "dmy/")))
    left = [kv("Patient:", full_name(p, "SURNAME, First"), tab=3.0, after=0, size=9.5),
            kv(dl, fmt_date(p.dob, s.get("ds", "dmy/")) + "   Sex: " + p.sex, tab=3.0, after=0, size=9.5),
            kv(nl, fmt_nhs(p.nhs, s.get("ns", "plain")), tab=3.0, after=0, size=9.5),
            kv("Hosp No:", ctx.hno, tab=3.0, after=0, size=9.5)]
    right = [kv("Sample No:", sample, tab=3.0, after=0, size=9.5),
             kv("Collected:", ctx.d("collected_date", fmt_date(coll, "dmy/")) + " " + t1, tab=3.0, after=0, size=9.5),
             kv("Reported:", ctx.d("reported_date", fmt_date(rec, "dmy/")) + " " + t2, tab=3.0, after=0, size=9.5),
             kv("Requested by:", ctx.gp, tab=3.0, after=0, size=9.5)]
    b = [P("", after=0.15), Table([W / 2, W / 2], [[Cell(left), Cell(right)]], mode="columns", cell={"border": None, "padding": 0.03}, after=0.2),
         P("Location: %s (%s)" % (ctx.practice[0], ctx.d("practice_code", ctx.practice[3])), size=9.5, after=0.3, border_bottom="0.5pt solid #000000")]
    cell = {"border": None, "padding": 0.03, "size": 10}
    groups = s.get("groups", ["FBC", "U+E", "Other"])
    for gi, g in enumerate(groups):
        rows = [[Cell(P(g if g != "Other" else "Biochemistry - other", bold=True, underline=True), span=5 if not cumulative else 6)]]
        for nm, unit, lo, hi, step in LABS[g]:
            if cumulative:
                vals = [lab_value(r, lo, hi, step, r.random() < 0.25)[0] for _ in range(3)]
                rows.append([Cell(nm)] + [Cell(v) for v in vals] + [Cell(unit), Cell(fmt_range(lo, hi, step))])
            else:
                v, fv = lab_value(r, lo, hi, step, r.random() < 0.3)
                flag = "H" if fv > hi else ("L" if fv < lo else "")
                rows.append([Cell(nm), Cell(P(v, bold=bool(flag))), Cell(flag), Cell(unit), Cell(fmt_range(lo, hi, step))])
        if cumulative:
            dates = [fmt_date(coll - datetime.timedelta(days=d), "dmy/2") for d in (r.randint(200, 400), r.randint(60, 180), 0)]
            rows.insert(1, [Cell(P("Test", italic=True))] + [Cell(P(d, italic=True)) for d in dates] + [Cell(P("Units", italic=True)), Cell(P("Range", italic=True))])
            widths = [W * 0.26, W * 0.13, W * 0.13, W * 0.13, W * 0.17, W * 0.18]
        else:
            widths = [W * 0.32, W * 0.14, W * 0.06, W * 0.22, W * 0.26]
        b.append(Table(widths, rows, cell=cell, after=0.3))
    comments = ["Haemolysed sample - potassium may be falsely elevated.", "Results telephoned to surgery at " + t2 + ".",
                "Please note new reference ranges for eGFR from 01/04/2019."]
    b.append(P("Comment: " + r.choice(comments), italic=True, size=9.5, after=0.2))
    b.append(P("Authorised by: %s, Biomedical Scientist" % r.choice(["J. Holroyd", "P. Naylor", "S. Begum", "T. Nowak"]), size=9, after=0))
    ftr = [P([T("Lab ref %s  UKAS accredited medical laboratory No. %04d" % (sample, r.randint(1000, 9999))), R(kind="tab"), T("Page "), R(kind="page"), T(" of "), R(kind="pages")], size=7, tabs=[(W, "right")])]
    m = master_std(ctx, "Rest", header=hdr, footer=ftr)
    if pages == 1:
        return Doc([m], [Page(b, "Rest")], ctx.font, ctx.size)
    # split after the patient block + first two groups
    k = 3 + 2
    return Doc([m], [Page(b[:k], "Rest"), Page(b[k:], "Rest")], ctx.font, ctx.size)

def b_appointment(ctx, pages=1):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; sc = ctx.sc; W = ctx.width
    logo = make_logo(ctx.did, 2.2, 2.2, rgb=(0, 94, 184), kind="wave", halftone=s.get("halftone", False))
    b = hospital_letterhead(ctx, "right", logo=logo, dept="Outpatient Appointments")
    appt = ctx.date + datetime.timedelta(days=r.randint(10, 40))
    while appt.weekday() > 4: appt += datetime.timedelta(days=1)
    tm = "%02d:%02d" % (r.randint(8, 16), r.choice([0, 15, 30, 45]))
    ctx.d("hospital_number", ctx.hno)
    refs = [P("Hospital No: " + ctx.hno, size=9.5, after=0), P(ctx.nhs("NHS No:", s.get("ns", "spaced")), size=9.5, after=0),
            P(ctx.dob("Date of birth:", s.get("ds", "long")), size=9.5, after=0),
            P("Letter date: " + ctx.d("letter_date", fmt_date(ctx.date, "dmy/")), size=9.5, after=0)]
    addr = [P(l, after=0) for l in addr_lines(ctx, "patient")]
    addr[-1].props["after"] = 0.9
    b.append(Frame(refs, width=6.2, anchor="side", left=addr, border="0.5pt solid #000000", padding=0.12))
    b.append(P("Dear %s %s," % (p.title, p.surname), after=0.25))
    b.append(P("Your appointment details", bold=True, size=13, after=0.2))
    cell = {"border": "0.5pt solid #666666", "padding": 0.1, "size": 11}
    rows = [[Cell(P("Date", bold=True)), Cell(ctx.d("appointment_date", fmt_date(appt, "wlong")))],
            [Cell(P("Time", bold=True)), Cell(tm)],
            [Cell(P("Clinic", bold=True)), Cell("%s (%s)" % (sc["clinic"], ctx.cons))],
            [Cell(P("Location", bold=True)), Cell("Outpatients %s, %s" % (r.choice("ABCD"), ctx.hosp[0]))],
            [Cell(P("Clinic code", bold=True)), Cell(ctx.d("clinic_code", "%s%03d" % (sc["spec"][:3].upper(), r.randrange(1000))))]]
    b.append(Table([4.0, W - 4.0], rows, cell=cell, after=0.3))
    ctx.anchors["appointment"] = fmt_date(appt, "wlong")
    for t in ["Please arrive 10 minutes before your appointment time and report to the main reception desk.",
              "If you are unable to attend, please telephone the appointments centre on %s as soon as possible so that the appointment can be offered to another patient." % ctx.d("phone", phone(r)),
              "Please bring this letter, a list of your current medicines and your glasses if you wear them."]:
        b += ctx.para(t)
    b.append(P("Yours sincerely,", after=0.3))
    b.append(P("Outpatient Appointments Centre", bold=True, after=0))
    m = master_std(ctx, "First", footer=[page_footer("Car parking charges apply. Free wifi: NHS-Guest", size=7.5, pages=False)])
    return Doc([m], [Page(b, "First")], ctx.font, ctx.size)

HAND_NOTES = {
    "chest_pain": ["WR Dr Iqbal. Pt comfortable overnight, no further chest pain.", "Obs stable, BP 132/80, HR 68 SR.", "Trop 14 -> 16, not significant.",
                   "Plan: angio list tomorrow, NBM from midnight.", "Continue aspirin, ticagrelor, fondaparinux.", "Discussed with pt + wife, happy with plan."],
    "cough": ["Seen by resp SpR. Still SOB on minimal exertion.", "Sats 94% on 2L O2, T 37.8", "CXR: R lower zone consol, no effusion.",
              "Plan: continue IV co-amoxiclav 48h", "Sputum culture sent. Physio input please.", "Review bloods in AM."],
    "memory": ["Nursing entry: pt confused overnight, wandering.", "Settled with reassurance from night staff.", "Ate 50% of breakfast, fluids encouraged.",
               "Daughter visited, updated re plan.", "Falls risk assessment repeated - high.", "Bed rails not used, low bed in place."],
    "cibh_ida": ["Day 2 post op. Pain controlled on PCA.", "Abdo soft, wound clean and dry.", "Passing flatus, bowels not open.",
                 "Plan: step down to oral analgesia, free fluids.", "Mobilise with physio.", "Drain out today if < 50 ml."],
    "knee_oa": ["Physio: mobilised with frame 20 m.", "Knee flexion 70 deg, extension -5.", "Wound clean, dressing intact.",
                "Plan: stairs assessment tomorrow.", "Pain score 4/10 on movement.", "Home when safe - OT to see."],
}

def b_continuation(ctx, pages=1):
    s = ctx.spec; p = ctx.pt; r = ctx.rng; W = ctx.width
    hand = s.get("hand", "DkgHandwriting"); hsize = s.get("hsize", 13)
    ink = s.get("ink", "#1a2a6c")
    notes = HAND_NOTES.get(ctx.scen_key, HAND_NOTES["cough"])
    hdr = [P([T(ctx.hosp[0], bold=True), R(kind="tab"), T("CONTINUATION SHEET", bold=True)], tabs=[(W, "right")], size=10, after=0.1)]
    nl = s.get("nl", "NHS No"); 
    if s.get("no_ids"):
        ctx.nhs_printed = None; ctx.dob_printed = None
        idrow = [[Cell(P("Name", bold=True)), Cell(""), Cell(P("Hosp No", bold=True)), Cell(""), Cell(P("Ward", bold=True)), Cell("")]]
        ptcell = [Table([W * 0.1, W * 0.3, W * 0.14, W * 0.2, W * 0.1, W * 0.16], idrow, cell={"border": "0.5pt solid #000000", "padding": 0.08, "size": 9}, after=0.2)]
    else:
        ctx.d("hospital_number", ctx.hno)
        ctx.nhs_printed = "NHS No " + fmt_nhs(p.nhs, "spaced"); ctx.dob_printed = "DOB " + fmt_date(p.dob, "dmy/")
        idrow = [[Cell(P("Name", bold=True)), Cell(full_name(p, "SURNAME, First")), Cell(P("Hosp No", bold=True)), Cell(ctx.hno)],
                 [Cell(P("NHS No", bold=True)), Cell(fmt_nhs(p.nhs, "spaced")), Cell(P("DOB", bold=True)), Cell(fmt_date(p.dob, "dmy/"))]]
        ptcell = [Table([W * 0.14, W * 0.36, W * 0.16, W * 0.34], idrow, cell={"border": "0.5pt solid #000000", "padding": 0.08, "size": 9}, after=0.2)]
    hdr += ptcell
    ftr = [P([T("Form CS1 (rev 2009)  File in date order. Every entry must be dated, timed and signed."), R(kind="tab"), T("Sheet "), R(kind="page")], size=7, tabs=[(W, "right")])]
    rowh = s.get("rowh", 0.9); nrows = s.get("nrows", 19)
    day0 = ctx.date
    lines_per_page = []
    for pg in range(pages):
        rows = [[Cell(P("Date / time", bold=True, size=8)), Cell(P("Notes", bold=True, size=8))]]
        used = 0; k = 0
        entries = notes if pg == 0 else notes[::-1]
        dd = day0 + datetime.timedelta(days=pg)
        for ei in range(2 if pg == 0 else 1):
            tt = "%s %02d:%02d" % (fmt_date(dd, "dmy/2"), r.randint(8, 12) if ei == 0 else r.randint(14, 20), r.choice([0, 10, 15, 30, 45, 50]))
            ctx.d("entry_datetime", tt)
            j = 0
            for ln0 in (entries[ei * 3: ei * 3 + 3] if pg == 0 else entries[:4]):
                for ln in wrap(ln0, W - 3.6 - 0.3, hand, hsize, safety=0.9):
                    rows.append([Cell(P(tt if j == 0 else "", font=hand, size=hsize - 3, color=ink)), Cell(P(ln, font=hand, size=hsize, color=ink))])
                    used += 1; j += 1
            rows.append([Cell(P("")), Cell(P(r.choice(["Dr T. Hale FY1", "S/N K. Roberts", "Dr A. Iqbal SpR"]) + " bleep " + str(r.randint(1000, 1999)), font=hand, size=hsize - 2, color=ink))])
            used += 1
        while used < nrows:
            rows.append([Cell(P("")), Cell(P(""))]); used += 1
        cellp = {"border": None, "border_bottom": "0.4pt solid #7a9cc6", "padding": 0.05, "valign": "bottom"}
        t = Table([3.6, W - 3.6], rows, cell=cellp, after=0)
        t.props["rowh"] = rowh
        lines_per_page.append(Page([t], "Rest"))
    m = master_std(ctx, "Rest", header=hdr, footer=ftr)
    return Doc([m], lines_per_page, ctx.font, ctx.size)

# ---------------------------------------------------------------- the set: one spec per file
def pg(diff, ops=(), ov=(), rot=0):
    return {"diff": diff, "ops": list(ops), "ov": list(ov), "rot": rot}

STAMP_RECV = {"t": "stamp", "lines": ["RECEIVED", "{recv}"], "color": "red"}
SPECS = [
 dict(id="doc01", type="referral_letter", kind="ers_referral_letter", build=lambda c: b_ers(c, "letter"), scenario="chest_pain",
      font="Liberation Sans", size=10.5, years=(2016, 2022), fmt="pdf", mode="rgb", dpi=300, q=72,
      pages=[pg("clean", [("skew", 0.3)]),
             pg("moderate", [("skew", -1.1), ("lighting", 0.12)], [dict(STAMP_RECV, at="over:top", angle=-6)])]),
 dict(id="doc02", type="referral_letter", kind="dictated_letter", build=b_dictated_letter, scenario="knee_oa",
      font="Liberation Serif", size=11, lh="center", logo="wave", halftone=True, idv="re_line", nl="NHS No:", ns="spaced", dl="DOB", ds="dmy/",
      fmt="jpeg", mode="gray", dpi=300, q=75,
      pages=[pg("moderate", [("skew", 0.8), ("lighting", 0.15), ("punch",), ("showthrough", 0.08), ("moire", 0.035)],
                [dict(STAMP_RECV, at="over:recipient", angle=8), {"t": "note", "text": "Routine - book knee clinic", "at": "over:date", "font": "Humor Sans"},
                 {"t": "sig"}])]),
 dict(id="doc03", type="referral_letter", kind="tickbox_2ww_proforma", build=lambda c: b_proforma(c, 2), scenario="cibh_ida",
      font="Carlito", size=10.5, ns="plain", ds="dmy/", tickmark="pen", fmt="tiff", mode="g4", dpi=300,
      pages=[pg("moderate", [("skew", 1.5), ("staple",), ("noise", 0.02)], [{"t": "ticks"}, {"t": "note", "text": "2WW - triaged JH", "at": "tr", "font": "DkgHandwriting"}]),
             pg("hard", [("photocopy", 2), ("toner_loss", 0.35), ("streaks", 4), ("skew", -2.4)], [{"t": "sig"}])]),
 dict(id="doc04", type="referral_letter", kind="emis_web_export", build=lambda c: b_emis(c, 2), scenario="claudication",
      font="DejaVu Sans", size=9.5, margins=(1.5, 1.5, 1.8, 1.8), fmt="pdf", mode="gray", dpi=200, q=60,
      pages=[pg("moderate", [("skew", -0.6), ("lighting", 0.2), ("fold", [0.5])]),
             pg("moderate", [("skew", 0.9), ("edge_shadow", "right")], rot=180)]),
 dict(id="doc05", type="referral_letter", kind="systmone_export", build=lambda c: b_systmone(c, 1), scenario="thyroid",
      font="Liberation Sans", size=10, fmt="png", mode="gray", dpi=300,
      pages=[pg("clean", [("skew", -0.2)])]),
 dict(id="doc06", type="referral_letter", kind="vision_export", build=lambda c: b_vision(c, 1), scenario="hearing",
      font="Nimbus Sans", size=10, fmt="jpeg", mode="rgb", dpi=300, q=60,
      pages=[pg("moderate", [("paper", "aged"), ("skew", -1.3), ("coffee", "over:body"), ("lighting", 0.1)], [{"t": "sig"}])]),
 dict(id="doc07", type="referral_letter", kind="terse_note", build=b_terse, scenario="cough",
      font="Caladea", size=11, textcolor="#8c8c8c", fmt="jpeg", mode="gray", dpi=150, q=42,
      pages=[pg("hard", [("low_contrast", 0.55), ("skew", 1.9), ("jpeg_re", 30), ("noise", 0.04), ("lighting", 0.25)], [{"t": "sig"}])]),
 dict(id="doc08", type="referral_letter", kind="soap_note", build=b_soap, scenario="headache",
      font="Carlito", size=11, fmt="tiff", mode="g4", dpi=200,
      pages=[pg("moderate", [("skew", 0.9), ("noise", 0.03), ("fold", [0.36])], [dict(STAMP_RECV, at="over:top", angle=4)])]),
 dict(id="doc09", type="referral_letter", kind="typewritten_letter", build=lambda c: b_typewritten(c, 1), scenario="memory",
      font="GNUTypewriter", size=11.5, years=(1991, 1996), ns="spaced", ds="dmy.2", fmt="tiff", mode="g4", dpi=300,
      pages=[pg("moderate", [("typewriter",), ("paper", "aged"), ("fold", [0.33, 0.66]), ("punch",), ("skew", -1.0)], [{"t": "note", "text": "seen 3/6 - memory clinic", "at": "bl", "font": "femkeklaver"}])]),
 dict(id="doc10", type="referral_letter", kind="carbon_copy_typewritten", build=lambda c: b_typewritten(c, 2), scenario="cough",
      font="Courier Prime", size=11, years=(1987, 1992), ns="spaced", ds="dmy.2", textcolor="#1c2f7a", fmt="pdf", mode="gray", dpi=300, q=55,
      pages=[pg("hard", [("carbon", 1.0), ("paper", "flimsy"), ("fold", [0.5]), ("skew", 1.6), ("lighting", 0.2)]),
             pg("hard", [("carbon", 0.8), ("paper", "flimsy"), ("skew", -2.1), ("edge_shadow", "left")])]),
 dict(id="doc11", type="referral_letter", kind="dot_matrix_printout", build=b_dotmatrix, scenario="diabetes",
      font="DejaVu Sans Mono", size=10, dm_bold=True, years=(1994, 1999), margins=(1.2, 1.2, 1.9, 1.2), lineh=0.47, fmt="tiff", mode="g4", dpi=200,
      pages=[pg("hard", [("dotmatrix", 0.75), ("tractor",), ("paper", "greenbar"), ("skew", -1.2)]),
             pg("moderate", [("dotmatrix", 1.0), ("tractor",), ("paper", "greenbar"), ("skew", 0.6)], [{"t": "sig"}])]),
 dict(id="doc12", type="referral_letter", kind="fax_referral", build=b_fax, scenario="breast",
      font="Liberation Serif", size=11, fmt="tiff", mode="fax98", dpi=204,
      pages=[pg("moderate", [("fax", 0.3), ("skew", 0.7)]),
             pg("hard", [("fax", 1.0), ("skew", 1.6), ("streaks", 2)], [{"t": "sig"}])]),
 dict(id="doc13", type="referral_letter", kind="two_page_letter_header_first_page", build=lambda c: b_two_page_letter(c, True), scenario="ra",
      font="C059", size=10.5, lh="logo_left", logo="shield", logo_rgb=(120, 20, 60), color="#78143c", letter_p2=True,
      idv="re_multi", nl="NHS Number:", ns="spaced", dl="Date of Birth:", ds="long", fmt="pdf", mode="rgb", dpi=300, q=78,
      pages=[pg("clean", [("skew", 0.2)]),
             pg("moderate", [("showthrough", 0.12), ("skew", -0.9)], [{"t": "sig"}, {"t": "note", "text": "EIA clinic pls - urgent", "at": "over:body", "font": "Z003"}])]),
 dict(id="doc14", type="referral_letter", kind="header_band_letter", build=b_header_band, scenario="dysphagia",
      font="Carlito", size=11, fmt="jpeg", mode="rgb", dpi=400, q=80,
      pages=[pg("clean", [("skew", 0.25)])]),
 dict(id="doc15", type="referral_letter", kind="sidebar_two_column_letter", build=b_sidebar, scenario="mole",
      font="URW Gothic", size=10, margins=(1.5, 1.5, 1.5, 1.5), fmt="png", mode="rgb", dpi=200,
      pages=[pg("moderate", [("paper", "blue"), ("lighting", 0.15), ("skew", 0.7)], [{"t": "sig"}])]),
 dict(id="doc16", type="referral_letter", kind="window_envelope_letter", build=b_window, scenario="psa",
      font="Nimbus Roman", size=11.5, idv="re_line", nl="NHS no.", ns="dashed", dl="Date of birth", ds="long",
      fmt="tiff", mode="g4", dpi=300,
      pages=[pg("moderate", [("fold", [0.33, 0.67]), ("skew", -0.5)], [dict(STAMP_RECV, at="tr", angle=-3), {"t": "sig"}], rot=90)]),
 dict(id="doc17", type="referral_letter", kind="hospital_form_with_label", build=b_label_form, scenario="ra",
      font="FreeSans", size=10.5, fmt="jpeg", mode="gray", dpi=300, q=70,
      pages=[pg("moderate", [("showthrough", 0.18), ("fold", [0.5]), ("skew", 1.2)], [{"t": "note", "text": "Dr S - please vet", "at": "over:body", "font": "Humor Sans"}])]),
 dict(id="doc18", type="referral_letter", kind="msk_physio_proforma", build=b_msk, scenario="back_pain",
      font="Liberation Sans", size=10.5, fmt="pdf", mode="gray", dpi=300, q=68, blank_tail=1,
      pages=[pg("moderate", [("skew", -1.4), ("lighting", 0.1), ("staple",)], [{"t": "sig"}]),
             pg("clean", [("showthrough", 0.15), ("skew", 0.4)])]),
 dict(id="doc19", type="referral_letter", kind="ers_clinical_referral_information", build=lambda c: b_ers(c, "info"), scenario="pmb",
      font="Liberation Sans", size=10, years=(2016, 2022), fmt="tiff", mode="g4", dpi=300,
      pages=[pg("moderate", [("skew", 1.8), ("noise", 0.02)], [{"t": "hl", "target": "ubrn", "color": "green"}]),
             pg("moderate", [("photocopy", 1), ("skew", -0.8)])]),
 dict(id="doc20", type="referral_letter", kind="dictated_letter_two_page", build=lambda c: b_two_page_letter(c, False), scenario="cibh_ida",
      font="P052", size=11, lh="center", logo="tree", logo_rgb=(0, 100, 60), color="#00643c", idv="re_line", nl="NHS Number", ns="plain", dl="Date of Birth:", ds="dMony",
      fmt="pdf", mode="gray", dpi=150, q=50,
      pages=[pg("hard", [("curl", 0.9), ("binding_shadow", 0.8), ("jpeg_re", 35), ("skew", 1.0)]),
             pg("moderate", [("skew", -0.7), ("lighting", 0.2)], [{"t": "sig"}])]),
 dict(id="doc21", type="referral_letter", kind="mental_health_referral_form", build=b_mental_health, scenario="low_mood",
      font="DejaVu Sans Condensed", size=10, fmt="jpeg", mode="gray", dpi=200, q=55,
      pages=[pg("moderate", [("keystone", 0.035), ("lighting", 0.25), ("noise", 0.02)], [{"t": "sig"}])]),
 dict(id="doc22", type="referral_letter", kind="dictated_letter_thin_serif", build=b_dictated_letter, scenario="paeds",
      font="EB Garamond", size=12, lh="right", idv="tabs", nl="NHS Number:", ns="spaced", dl="Date of Birth:", ds="long", body="headed",
      fmt="png", mode="gray", dpi=400,
      pages=[pg("clean", [("skew", -0.3)])]),
 dict(id="doc23", type="referral_letter", kind="tickbox_2ww_breast_proforma", build=lambda c: b_proforma(c, 1), scenario="breast",
      font="Carlito", size=10, ns="spaced", ds="dmy/", tickmark="pen", fmt="pdf", mode="rgb", dpi=300, q=70,
      pages=[pg("moderate", [("skew", 0.6), ("lighting", 0.1)],
                [{"t": "ticks"}, {"t": "hl", "target": "nhs", "color": "green"}, {"t": "stamp", "lines": ["2WW TRIAGED", "{recv}"], "color": "blue", "at": "over:top", "angle": 5}, {"t": "sig"}])]),
 dict(id="doc24", type="referral_letter", kind="emis_web_export_long", build=lambda c: b_emis(c, 3, near_blank_tail=True), scenario="memory",
      font="DejaVu Sans", size=10, fmt="pdf", mode="gray", dpi=300, q=65,
      pages=[pg("clean", [("skew", 0.15)]), pg("moderate", [("fold", [0.5]), ("skew", -0.8)]), pg("moderate", [("streaks", 3), ("noise", 0.03), ("skew", 0.5)]),
             pg("clean", [("skew", 0.3)])]),
 dict(id="doc25", type="referral_letter", kind="systmone_export_two_page", build=lambda c: b_systmone(c, 2), scenario="cough",
      font="Liberation Sans", size=10, fmt="tiff", mode="g4", dpi=400,
      pages=[pg("clean", [("skew", 0.2)]), pg("moderate", [("skew", -1.0), ("noise", 0.02)], rot=270)]),
 dict(id="doc26", type="referral_letter", kind="dictated_letter_pencil_grey", build=b_dictated_letter, scenario="hearing",
      font="Cantarell Light", size=10.5, textcolor="#a0a0a0", lh="center", idv="caps", nl="NHS NO.", ns="spaced", dl="D.O.B.", ds="dmy.2",
      fmt="jpeg", mode="gray", dpi=300, q=50,
      pages=[pg("hard", [("low_contrast", 0.5), ("paper", "grey"), ("lighting", 0.2), ("jpeg_re", 40), ("skew", -1.7)], [{"t": "sig"}])]),
 dict(id="doc27", type="referral_letter", kind="dictated_letter_photocopy", build=b_dictated_letter, scenario="chest_pain",
      font="Liberation Serif", size=11.5, lh="band", color="#000000", idv="table", nl="NHS No:", ns="spaced", dl="DOB:", ds="dmy-",
      fmt="tiff", mode="g4", dpi=300,
      pages=[pg("hard", [("photocopy", 3), ("toner_loss", 0.4), ("streaks", 5), ("skew", 2.8), ("edge_shadow", "top")], [{"t": "sig"}])]),
 dict(id="doc28", type="referral_letter", kind="dictated_letter_bound_volume", build=b_dictated_letter, scenario="claudication",
      font="URW Bookman", size=10, lh="logo_left", logo="bars", idv="re_multi", nl="NHS Number:", ns="spaced", dl="Date of birth:", ds="longord",
      margins=(1.8, 1.6, 2.8, 1.8), fmt="jpeg", mode="gray", dpi=300, q=65,
      pages=[pg("moderate", [("curl", 1.0), ("binding_shadow", 1.0), ("skew", 0.6)], [{"t": "sig"}])]),
 dict(id="doc29", type="referral_letter", kind="urgent_textbox_letter", build=b_urgent_box, scenario="dysphagia",
      font="FreeSerif", size=11.5, idv="tabs", nl="NHS No:", ns="spaced", dl="D.O.B.:", ds="dmy/", fmt="pdf", mode="rgb", dpi=200, q=70,
      pages=[pg("moderate", [("staple",), ("edge_shadow", "left"), ("skew", -1.2)], [dict(STAMP_RECV, at="over:body", angle=-10), {"t": "sig"}])]),
 dict(id="doc30", type="referral_letter", kind="dictated_letter_screened_letterhead", build=b_dictated_letter, scenario="psa",
      font="Caladea", size=11, lh="screen", lpi=120, band_rgb=(150, 40, 90), idv="re_multi", nl="NHS Number", ns="plain", dl="DOB", ds="dmy/",
      fmt="jpeg", mode="rgb", dpi=300, q=55,
      pages=[pg("moderate", [("paper", "pink"), ("moire", 0.05), ("skew", 1.1)], [{"t": "sig"}, {"t": "note", "text": "Uro 2WW - booked", "at": "br", "font": "DkgHandwriting"}])]),
 dict(id="doc31", type="referral_letter", kind="compliments_slip", build=b_compliments, scenario="mole",
      font="Liberation Sans", size=10, pagew=21.0, pageh=9.9, margins=(0.8, 0.6, 1.2, 1.2), fmt="png", mode="gray", dpi=300,
      pages=[pg("moderate", [("skew", -2.0), ("edge_shadow", "bottom"), ("noise", 0.02)], [{"t": "sig"}])]),
 dict(id="doc32", type="referral_letter", kind="vision_export_two_page", build=lambda c: b_vision(c, 2), scenario="chest_pain",
      font="Nimbus Sans", size=10, letter_p2=True, fmt="pdf", mode="gray", dpi=200, q=70,
      pages=[pg("moderate", [("skew", 1.3), ("lighting", 0.12)]), pg("moderate", [("keystone", 0.03), ("skew", -0.5)])]),
 # ---------------- other document types
 dict(id="doc33", type="clinic_letter", kind="consultant_clinic_letter", build=lambda c: b_clinic_letter(c, 2), scenario="ra",
      font="Carlito", size=11, lh="right", logo="bars", halftone=True, logo_rgb=(0, 94, 184), fmt="pdf", mode="rgb", dpi=300, q=75,
      pages=[pg("clean", [("skew", 0.2)]), pg("clean", [("skew", -0.3)])]),
 dict(id="doc34", type="clinic_letter", kind="consultant_clinic_letter", build=lambda c: b_clinic_letter(c, 1), scenario="knee_oa",
      font="Liberation Sans", size=10.5, lh="center", idv="re_line", nl="NHS:", ns="plain", dl="DOB", ds="d Mon y", fmt="tiff", mode="g4", dpi=300,
      pages=[pg("moderate", [("skew", -1.1), ("punch",)], [{"t": "stamp", "lines": ["SCANNED", "{recv}"], "color": "purple", "at": "over:top", "angle": -4},
                                                            {"t": "note", "text": "file - no action", "at": "tr", "font": "Breip"}])]),
 dict(id="doc35", type="clinic_letter", kind="typed_clinic_letter_1990s", build=lambda c: b_clinic_letter(c, 1, typed=True), scenario="headache",
      font="Nimbus Mono PS", size=10.5, years=(1995, 1999), idv="re_multi", nl="NHS No.", ns="spaced", dl="D.O.B.", ds="dmy.2",
      fmt="jpeg", mode="gray", dpi=200, q=45,
      pages=[pg("hard", [("typewriter",), ("paper", "aged"), ("fade", 0.55), ("fold", [0.35]), ("skew", 2.2), ("jpeg_re", 35)])]),
 dict(id="doc36", type="clinic_letter", kind="consultant_clinic_letter_two_page", build=lambda c: b_clinic_letter(c, 2), scenario="thyroid",
      font="Liberation Serif", size=11, lh="band", idv="table", nl="NHS Number", ns="spaced", dl="Date of Birth", ds="dmy/",
      fmt="pdf", mode="gray", dpi=200, q=62,
      pages=[pg("moderate", [("skew", -0.9), ("lighting", 0.15), ("showthrough", 0.1), ("moire", 0.04)]), pg("moderate", [("keystone", 0.04), ("lighting", 0.1)])]),
 dict(id="doc37", type="discharge_summary", kind="discharge_summary_tables", build=lambda c: b_discharge(c, 2), scenario="chest_pain",
      font="Liberation Sans", size=10, lh="band", letter_p2=True, fmt="pdf", mode="rgb", dpi=300, q=75,
      pages=[pg("clean", [("skew", -0.2)]), pg("moderate", [("skew", 1.0), ("staple",)], [{"t": "hl", "target": "Actions for GP", "color": "pink"}])]),
 dict(id="doc38", type="discharge_summary", kind="discharge_summary_tables", build=lambda c: b_discharge(c, 2), scenario="cough",
      font="DejaVu Serif", size=9.5, lh="center", nl="NHS no.", dl="D.O.B.", ds="dmy.2", fmt="tiff", mode="g4", dpi=200,
      pages=[pg("moderate", [("skew", 0.8), ("noise", 0.02)]), pg("hard", [("photocopy", 2), ("skew", -1.9), ("toner_loss", 0.3)], rot=90)]),
 dict(id="doc39", type="discharge_summary", kind="discharge_summary_single_page", build=lambda c: b_discharge(c, 1), scenario="diabetes",
      font="Carlito", size=9.5, lh="right", margins=(1.4, 1.4, 1.8, 1.8), fmt="jpeg", mode="rgb", dpi=300, q=70,
      pages=[pg("clean", [("skew", 0.3)])]),
 dict(id="doc40", type="lab_result", kind="pathology_report", build=lambda c: b_lab(c, 1), scenario="cibh_ida",
      font="Liberation Mono", size=9.5, groups=["FBC", "U+E", "Other"], fmt="png", mode="gray", dpi=300,
      pages=[pg("clean", [("skew", -0.25)])]),
 dict(id="doc41", type="lab_result", kind="pathology_report_faxed", build=lambda c: b_lab(c, 1), scenario="thyroid",
      font="FreeSans", size=10, groups=["FBC", "LFT", "Other"], nl="NHS No", ns="spaced", dl="DOB", ds="dmy/", fmt="tiff", mode="fax196", dpi=204,
      pages=[pg("hard", [("fax", 0.7), ("skew", -1.5)])]),
 dict(id="doc42", type="lab_result", kind="cumulative_pathology_report", build=lambda c: b_lab(c, 2, cumulative=True), scenario="diabetes",
      font="Liberation Mono", size=9, groups=["FBC", "U+E", "LFT", "Other"], nl="NHS:", ns="spaced", dl="DOB:", ds="dMony",
      fmt="pdf", mode="gray", dpi=300, q=66,
      pages=[pg("moderate", [("skew", 0.9), ("lighting", 0.12)], [{"t": "hl", "target": "Creatinine", "color": "yellow"}]), pg("moderate", [("skew", -0.6), ("noise", 0.025)])]),
 dict(id="doc43", type="appointment_letter", kind="outpatient_appointment_letter", build=b_appointment, scenario="hearing",
      font="Liberation Sans", size=11, ns="spaced", ds="long", fmt="jpeg", mode="rgb", dpi=300, q=80,
      pages=[pg("clean", [("skew", -0.2)])]),
 dict(id="doc44", type="appointment_letter", kind="outpatient_appointment_letter", build=b_appointment, scenario="knee_oa", halftone=True,
      font="Carlito", size=11, ns="plain", ds="dmy/", fmt="tiff", mode="g4", dpi=300, blank_tail=1,
      pages=[pg("moderate", [("fold", [0.33, 0.66]), ("skew", 1.4)], [{"t": "hl", "target": "appointment", "color": "yellow"}]),
             pg("clean", [("punch",), ("noise", 0.01)])]),
 dict(id="doc45", type="continuation_sheet", kind="handwritten_style_continuation_sheet", build=lambda c: b_continuation(c, 1), scenario="chest_pain",
      font="Liberation Sans", size=10, hand="DkgHandwriting", hsize=13, fmt="jpeg", mode="rgb", dpi=300, q=70,
      pages=[pg("moderate", [("punch",), ("skew", 0.9), ("lighting", 0.1)])]),
 dict(id="doc46", type="continuation_sheet", kind="handwritten_style_continuation_sheet", build=lambda c: b_continuation(c, 2), scenario="cibh_ida",
      font="Liberation Sans", size=10, hand="femkeklaver", hsize=14, ink="#111111", fmt="pdf", mode="gray", dpi=200, q=60,
      pages=[pg("moderate", [("keystone", 0.03), ("skew", -0.8)]), pg("hard", [("photocopy", 2), ("skew", 1.8), ("low_contrast", 0.3)])]),
 dict(id="doc47", type="continuation_sheet", kind="handwritten_style_continuation_sheet_unlabelled", build=lambda c: b_continuation(c, 1), scenario="memory",
      font="Liberation Sans", size=10, hand="Humor Sans", hsize=12, ink="#5a5a5a", no_ids=True, fmt="png", mode="gray", dpi=150,
      pages=[pg("hard", [("low_contrast", 0.4), ("skew", 2.3), ("noise", 0.03), ("lighting", 0.2)])]),
]

# ---------------------------------------------------------------- build documents, typeset, verify
import unicodedata

def build_all_docs():
    os.makedirs(os.path.join(BUILD, "fodt"), exist_ok=True)
    built = []
    for spec in SPECS:
        ctx = Ctx(spec)
        doc = spec["build"](ctx)
        doc.color = spec.get("textcolor")
        xml = to_fodt(doc)
        with open(os.path.join(BUILD, "fodt", spec["id"] + ".fodt"), "w", encoding="utf-8") as f:
            f.write(xml)
        built.append((spec, ctx, doc))
    return built

def typeset_all():
    fd = os.path.join(BUILD, "fodt"); pd = os.path.join(BUILD, "pdf")
    os.makedirs(pd, exist_ok=True)
    files = sorted(os.path.join(fd, f) for f in os.listdir(fd) if f.endswith(".fodt"))
    prof = "file://" + os.path.join(BUILD, "lo_profile")
    subprocess.run(["soffice", "-env:UserInstallation=" + prof, "--headless", "--norestore", "--convert-to", "pdf",
                    "--outdir", pd] + files, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def nfkc(s):
    return unicodedata.normalize("NFKC", s)

def pdf_words(pdf):
    out = subprocess.check_output(["pdftotext", "-bbox", pdf, "-"]).decode("utf-8")
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = []
        for w in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', m.group(3)):
            words.append((nfkc(html.unescape(w.group(5))), float(w.group(1)), float(w.group(2)), float(w.group(3)), float(w.group(4))))
        pages.append({"w": float(m.group(1)), "h": float(m.group(2)), "words": words})
    return pages

def same_line(a, b):
    top = max(a[2], b[2]); bot = min(a[4], b[4])
    return (bot - top) >= 0.5 * min(a[4] - a[2], b[4] - b[2])

def match_line(tokens, words, used):
    """find tokens as consecutive words on one visual line; returns indices or None"""
    for i0, w0 in enumerate(words):
        if used[i0] or w0[0] != tokens[0]: continue
        idx = [i0]; prev = w0; ok = True
        for t in tokens[1:]:
            best = None
            for j, wj in enumerate(words):
                if used[j] or j in idx or wj[0] != t: continue
                if wj[1] <= prev[1] or not same_line(prev, wj): continue
                if best is None or wj[1] < words[best][1]: best = j
            if best is None: ok = False; break
            idx.append(best); prev = words[best]
        if ok:
            # no foreign word may sit between consecutive matched words on the line
            return idx
    return None

def verify_doc(spec, doc, pages_words):
    errs = []
    gt = doc.gt_pages()
    if len(gt) != len(pages_words):
        return ["page count: gt %d pdf %d" % (len(gt), len(pages_words))]
    for pi, (lines, pw) in enumerate(zip(gt, pages_words), 1):
        words = pw["words"]
        from collections import Counter
        gtc = Counter(t for l in lines for t in nfkc(l).split())
        pdc = Counter(w[0] for w in words)
        if gtc != pdc:
            errs.append("p%d token mismatch: gt-only %s pdf-only %s" % (pi, dict(gtc - pdc), dict(pdc - gtc)))
            continue
        used = [False] * len(words)
        for l in lines:
            idx = match_line(nfkc(l).split(), words, used)
            if idx is None:
                errs.append("p%d line not on one baseline: %r" % (pi, l))
            else:
                for i in idx: used[i] = True
    return errs

# ---------------------------------------------------------------- raster helpers (numpy)
def render_pdf(pdf, dpi, tag):
    d = os.path.join(BUILD, "ras", tag); os.makedirs(d, exist_ok=True)
    subprocess.run(["mutool", "draw", "-q", "-r", str(dpi), "-c", "rgb", "-o", os.path.join(d, "p%d.png"), pdf], check=True, stderr=subprocess.DEVNULL)
    n = len([f for f in os.listdir(d) if f.endswith(".png")])
    return [os.path.join(d, "p%d.png" % i) for i in range(1, n + 1)]

def load_rgb(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255.0

def resize_bilinear(a, H, W):
    h, w = a.shape[:2]
    ys = (np.arange(H, dtype=np.float32) + 0.5) * h / H - 0.5
    xs = (np.arange(W, dtype=np.float32) + 0.5) * w / W - 0.5
    y0 = np.clip(np.floor(ys).astype(np.int64), 0, h - 1); y1 = np.clip(y0 + 1, 0, h - 1)
    x0 = np.clip(np.floor(xs).astype(np.int64), 0, w - 1); x1 = np.clip(x0 + 1, 0, w - 1)
    fy = np.clip(ys - y0, 0, 1)[:, None]; fx = np.clip(xs - x0, 0, 1)[None, :]
    if a.ndim == 3: fy = fy[..., None]; fx = fx[..., None]
    top = a[y0][:, x0] * (1 - fx) + a[y0][:, x1] * fx
    bot = a[y1][:, x0] * (1 - fx) + a[y1][:, x1] * fx
    return (top * (1 - fy) + bot * fy).astype(np.float32)

def smooth_noise(rng, H, W, cell):
    gh, gw = max(2, int(H / cell) + 2), max(2, int(W / cell) + 2)
    g = rng.standard_normal((gh, gw)).astype(np.float32)
    return resize_bilinear(g, H, W)

def box_blur(a, r):
    """separable box blur, radius r (int >= 1), edge padded"""
    r = int(r)
    if r < 1: return a
    def blur_axis(x, axis):
        pad = [(0, 0)] * x.ndim; pad[axis] = (r + 1, r)
        xp = np.pad(x, pad, mode="edge")
        c = np.cumsum(xp, axis=axis, dtype=np.float64)
        n = x.shape[axis]
        hi = np.take(c, np.arange(2 * r + 1, 2 * r + 1 + n), axis=axis)
        lo = np.take(c, np.arange(0, n), axis=axis)
        return ((hi - lo) / (2 * r + 1)).astype(np.float32)
    return blur_axis(blur_axis(a, 0), 1)

def blur3(a, w):
    """3-tap [w, 1-2w, w] separable blur (variance 2w per axis)"""
    for ax in (0, 1):
        p = [(0, 0)] * a.ndim; p[ax] = (1, 1)
        ap = np.pad(a, p, mode="edge")
        n = a.shape[ax]
        a = (np.take(ap, np.arange(0, n), axis=ax) * w + np.take(ap, np.arange(1, n + 1), axis=ax) * (1 - 2 * w)
             + np.take(ap, np.arange(2, n + 2), axis=ax) * w).astype(np.float32)
    return a

def gauss_blur(a, sigma):
    """approximate gaussian blur: 3-tap kernels for small sigma, 3 box passes otherwise"""
    if sigma <= 0.25: return a
    if sigma <= 0.8:
        return blur3(a, sigma * sigma / 2.0)
    if sigma <= 1.6:
        for _ in range(int(math.ceil(1.5 * sigma * sigma))): a = box_blur(a, 1)
        return a
    r = max(1, int(round((-1 + math.sqrt(1 + 4 * sigma * sigma)) / 2)))
    for _ in range(3): a = box_blur(a, r)
    return a

def gray(img):
    return img[..., 0] * 0.299 + img[..., 1] * 0.587 + img[..., 2] * 0.114

def remap(img, sx, sy, fill):
    """bilinear sampling of img at source coords (sx, sy); outside -> fill (rgb tuple)"""
    H, W = img.shape[:2]
    x0 = np.floor(sx).astype(np.int64); y0 = np.floor(sy).astype(np.int64)
    fx = (sx - x0).astype(np.float32)[..., None]; fy = (sy - y0).astype(np.float32)[..., None]
    valid = (x0 >= 0) & (y0 >= 0) & (x0 < W - 1) & (y0 < H - 1)
    x0c = np.clip(x0, 0, W - 2); y0c = np.clip(y0, 0, H - 2)
    a = img[y0c, x0c]; b = img[y0c, x0c + 1]; c = img[y0c + 1, x0c]; d = img[y0c + 1, x0c + 1]
    out = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy
    out[~valid] = np.array(fill, np.float32)
    return out

def jpeg_roundtrip(img, q, grey=False):
    u8 = (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)
    im = Image.fromarray(u8[..., 0] if grey else u8, "L" if grey else "RGB")
    b = io.BytesIO(); im.save(b, "JPEG", quality=int(q)); b.seek(0)
    out = np.asarray(Image.open(b).convert("RGB"), dtype=np.float32) / 255.0
    return out

def magick(img, args):
    """run ImageMagick on an RGB float image (used for the carbon-copy smear)"""
    d = os.path.join(BUILD, "im"); os.makedirs(d, exist_ok=True)
    src = os.path.join(d, "in.png"); dst = os.path.join(d, "out.png")
    Image.fromarray((np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8), "RGB").save(src)
    subprocess.run(["/usr/bin/convert", src] + args + [dst], check=True)
    return load_rgb(dst)

PAPERS = {"white": (0.985, 0.985, 0.975), "aged": (0.95, 0.90, 0.78), "flimsy": (0.95, 0.95, 0.93), "greenbar": (0.97, 0.975, 0.96),
          "blue": (0.80, 0.89, 0.98), "pink": (0.99, 0.85, 0.89), "grey": (0.88, 0.88, 0.87), "yellow": (0.99, 0.96, 0.72)}
INKS = {"blue": (0.12, 0.2, 0.62), "black": (0.1, 0.1, 0.12), "red": (0.82, 0.12, 0.16), "purple": (0.45, 0.15, 0.58), "green": (0.1, 0.45, 0.2)}
HL = {"yellow": (1.0, 0.97, 0.25), "green": (0.55, 1.0, 0.45), "pink": (1.0, 0.55, 0.8)}

def apply_ink(img, alpha, rgb):
    a = np.clip(alpha, 0, 1)[..., None]
    return img * (1 - a * (1 - np.array(rgb, np.float32)))

# ---------------------------------------------------------------- overlays (marks that are not ground truth)
def page_lines(words, sx, sy):
    """group pdf words into visual lines, pixel coordinates"""
    ws = sorted(words, key=lambda w: (w[4], w[1]))
    lines = []
    for w in ws:
        for L in lines:
            if same_line(L["ref"], w):
                L["words"].append(w); break
        else:
            lines.append({"ref": w, "words": [w]})
    out = []
    for L in lines:
        x0 = min(w[1] for w in L["words"]) * sx; x1 = max(w[3] for w in L["words"]) * sx
        y0 = min(w[2] for w in L["words"]) * sy; y1 = max(w[4] for w in L["words"]) * sy
        out.append({"box": (x0, y0, x1, y1), "text": " ".join(w[0] for w in sorted(L["words"], key=lambda w: w[1]))})
    out.sort(key=lambda L: (L["box"][1], L["box"][0]))
    return out

def find_tokens(words, tokens, sx, sy):
    used = [False] * len(words)
    idx = match_line([nfkc(t) for t in tokens], words, used)
    if idx is None: return None
    x0 = min(words[i][1] for i in idx) * sx; x1 = max(words[i][3] for i in idx) * sx
    y0 = min(words[i][2] for i in idx) * sy; y1 = max(words[i][4] for i in idx) * sy
    return (x0, y0, x1, y1)

def text_mask(text_lines, font_family, px, spacing=1.15, bold=False):
    f = ImageFont.truetype(font_file(font_family, bold), max(6, int(px)))
    ws = [f.getlength(t) for t in text_lines]
    W = int(max(ws) + px); H = int(px * spacing * len(text_lines) + px * 0.6)
    im = Image.new("L", (W, H), 0); d = ImageDraw.Draw(im)
    for i, t in enumerate(text_lines):
        d.text((px * 0.5 + (max(ws) - ws[i]) / 2, px * 0.2 + i * px * spacing), t, fill=255, font=f)
    return im

def paste_mask(alpha, mask_im, cx, cy, angle, rng, texture=0.0):
    m = mask_im.rotate(angle, resample=Image.BICUBIC, expand=True)
    a = np.asarray(m, np.float32) / 255.0
    if texture > 0:
        n = rng.random(a.shape).astype(np.float32)
        a = a * np.clip(1 - texture * (n > 0.72) - 0.25 * texture * n, 0, 1)
    h, w = a.shape; H, W = alpha.shape
    x0 = int(cx - w / 2); y0 = int(cy - h / 2)
    xs0, ys0 = max(0, x0), max(0, y0); xs1, ys1 = min(W, x0 + w), min(H, y0 + h)
    if xs1 <= xs0 or ys1 <= ys0: return
    alpha[ys0:ys1, xs0:xs1] = np.maximum(alpha[ys0:ys1, xs0:xs1], a[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0])

def scribble(rng, w, h, lw):
    im = Image.new("L", (int(w), int(h)), 0); d = ImageDraw.Draw(im)
    n = 180; t = np.linspace(0, 1, n)
    k = rng.integers(3, 6)
    x = w * (0.05 + 0.9 * t)
    y = h * 0.5 + h * 0.3 * np.sin(t * math.pi * 2 * k + rng.uniform(0, 6)) * np.exp(-((t - 0.3) ** 2) * 2)
    y += h * 0.12 * np.sin(t * 37 + rng.uniform(0, 6))
    loops = rng.integers(2, 4)
    pts = []
    for i in range(n):
        xx = x[i] - w * 0.04 * math.sin(t[i] * math.pi * 2 * loops * 3)
        pts.append((float(xx), float(y[i])))
    d.line(pts, fill=255, width=max(1, int(lw)), joint="curve")
    d.line([(w * 0.1, h * 0.8), (w * 0.7, h * 0.72)], fill=255, width=max(1, int(lw * 0.8)))
    return im

def tick_mask(px, lw):
    im = Image.new("L", (int(px * 1.6), int(px * 1.6)), 0); d = ImageDraw.Draw(im)
    d.line([(px * 0.15, px * 0.8), (px * 0.55, px * 1.3), (px * 1.45, px * 0.1)], fill=255, width=max(2, int(lw)), joint="curve")
    return im

def draw_overlays(img, ovs, pw, ctx, dpi, rng, pageno):
    H, W = img.shape[:2]
    sx = W / pw["w"]; sy = H / pw["h"]
    lines = page_lines(pw["words"], sx, sy)
    cm = dpi / 2.54
    recorded = []
    for ov in ovs:
        t = ov["t"]
        alpha = np.zeros((H, W), np.float32)
        def where(at):
            if at in ("tr", "tl", "br", "bl"):
                x = W * (0.78 if at[1] == "r" else 0.22); y = H * (0.07 if at[0] == "t" else 0.9)
                return x + rng.uniform(-0.3, 0.3) * cm, y + rng.uniform(-0.3, 0.3) * cm
            key = at.split(":", 1)[1]
            L = None
            if key == "top" and lines: L = lines[max(0, int(len(lines) * 0.12))]
            elif key == "body" and lines: L = lines[int(len(lines) * 0.55)]
            elif key == "recipient":
                L = next((l for l in lines if ctx.cons.split()[-1] in l["text"]), lines[len(lines) // 4])
            elif key == "date":
                dd = [d["text"] for d in ctx.distractors if d["type"] == "letter_date"]
                L = next((l for l in lines if dd and dd[0].split()[-1] in l["text"]), lines[len(lines) // 5])
            x0, y0, x1, y1 = L["box"]
            return x0 + (x1 - x0) * rng.uniform(0.35, 0.75) if x1 - x0 > 6 * cm else x0 + 3 * cm, (y0 + y1) / 2
        if t == "stamp":
            txt = [s.replace("{recv}", ctx.recv) for s in ov["lines"]]
            m = text_mask(txt, "Liberation Sans", 0.5 * cm, bold=True)
            bw = m.size[0] + int(0.4 * cm); bh = m.size[1] + int(0.3 * cm)
            box = Image.new("L", (bw, bh), 0); d = ImageDraw.Draw(box)
            lw = max(2, int(0.06 * cm))
            d.rectangle([lw, lw, bw - lw - 1, bh - lw - 1], outline=255, width=lw)
            box.paste(m, (int(0.2 * cm), int(0.15 * cm)), m)
            cx, cy = where(ov.get("at", "tr"))
            paste_mask(alpha, box, cx, cy, ov.get("angle", 0), rng, texture=0.6)
            img = apply_ink(img, alpha * 0.85, INKS[ov.get("color", "red")])
            recorded.append({"page": pageno, "type": "rubber_stamp", "text": " / ".join(txt)})
            if "RECEIVED" in txt[0] or "TRIAGED" in txt[0] or "SCANNED" in txt[0]:
                ctx.d("stamp_date_overlay", ctx.recv)
        elif t == "note":
            m = text_mask([ov["text"]], ov.get("font", "Humor Sans"), ov.get("px", 0.55) * cm)
            cx, cy = where(ov.get("at", "tr"))
            cx = min(max(cx, m.size[0] / 2 + 0.3 * cm), W - m.size[0] / 2 - 0.3 * cm)
            paste_mask(alpha, m, cx, cy, rng.uniform(-7, 7), rng)
            img = apply_ink(img, gauss_blur(alpha, 0.5) * 0.9, INKS[ov.get("color", "blue")])
            recorded.append({"page": pageno, "type": "handwritten_annotation", "text": ov["text"]})
        elif t == "sig":
            anc = ctx.anchors.get("signature")
            box = find_tokens(pw["words"], anc.split(), sx, sy) if anc else None
            if box is None:
                continue
            x0, y0, x1, y1 = box
            if anc.rstrip().endswith(":") or anc.startswith("Signed") or anc.startswith("Referr") or anc.startswith("GP sig") or anc.startswith("SIGNED"):
                cx, cy = x0 + min(x1 - x0, 4 * cm) + 2.2 * cm, (y0 + y1) / 2 - 0.15 * cm
            else:
                cx, cy = x0 + 2.2 * cm, y0 - 0.6 * cm
            m = scribble(rng, 4.0 * cm, 1.3 * cm, 0.05 * cm)
            paste_mask(alpha, m, cx, cy, rng.uniform(-6, 6), rng)
            img = apply_ink(img, gauss_blur(alpha, 0.6) * 0.9, INKS[ov.get("color", rng.choice(["blue", "black"]))])
            recorded.append({"page": pageno, "type": "signature", "text": ""})
        elif t == "ticks":
            for item in ctx.anchors.get("ticks", []):
                box = find_tokens(pw["words"], item.split(), sx, sy)
                if box is None: continue
                x0, y0, x1, y1 = box
                m = tick_mask(0.42 * cm, 0.05 * cm)
                paste_mask(alpha, m, x0 - 0.45 * cm, (y0 + y1) / 2 - 0.12 * cm, rng.uniform(-10, 10), rng)
            img = apply_ink(img, gauss_blur(alpha, 0.5) * 0.9, INKS["blue"])
            recorded.append({"page": pageno, "type": "pen_ticks", "text": ""})
        elif t == "hl":
            tgt = ov["target"]
            if tgt == "nhs": tokens = ctx.nhs_printed.split()
            elif tgt == "ubrn": tokens = [d["text"] for d in ctx.distractors if d["type"] == "ubrn"][0].split()
            elif tgt == "appointment": tokens = ctx.anchors["appointment"].split()
            else: tokens = tgt.split()
            box = find_tokens(pw["words"], tokens, sx, sy)
            if box is None: raise RuntimeError("highlight target not found: %s %s" % (ctx.did, tgt))
            x0, y0, x1, y1 = box
            yy, xx = np.mgrid[0:H, 0:W]
            pad = 0.12 * cm
            edge = (xx - x0) * 0.015
            a = ((xx > x0 - pad) & (xx < x1 + pad) & (yy > y0 - pad * 0.6 + edge) & (yy < y1 + pad * 0.6 + edge)).astype(np.float32)
            a = gauss_blur(a, 1.5) * (0.85 + 0.15 * rng.random((H, W)).astype(np.float32))
            img = img * (1 - a[..., None] * (1 - np.array(HL[ov.get("color", "yellow")], np.float32)))
            recorded.append({"page": pageno, "type": "highlighter", "text": ""})
    return img, recorded

# ---------------------------------------------------------------- page degradation
def ink_of(img):
    return 1.0 - img

def op_dotmatrix(img, strength, dpi, rng):
    """re-print the text as a lattice of ribbon dots with worn-ribbon banding"""
    H, W = img.shape[:2]
    g = gray(img); ink = np.clip((1 - g) * 1.8, 0, 1)
    pitch = max(3.0, dpi / 60.0)
    yy = np.arange(H, dtype=np.float32)[:, None]; xx = np.arange(W, dtype=np.float32)[None, :]
    jit = smooth_noise(rng, H, 4, dpi * 0.05)[:, :1] * 0.3
    dots = (np.cos(2 * np.pi * xx / pitch) * 0.5 + 0.5) * (np.cos(2 * np.pi * (yy + jit) / pitch) * 0.5 + 0.5)
    dots = np.clip((dots - 0.08) * 2.6, 0, 1)
    dil = np.clip(box_blur(ink, 1) * 2.0, 0, 1)
    m = dil * dots
    band = 0.35 + 0.65 * strength - 0.25 * np.clip(smooth_noise(rng, H, 4, dpi * 0.6)[:, :1], -1, 1) * (1.1 - strength)
    m = m * np.clip(band, 0.5, 1.0)
    m = gauss_blur(m, 0.45)
    ribbon = np.array([0.16, 0.16, 0.18], np.float32)
    return apply_ink(np.ones_like(img), np.clip(m * 1.15, 0, 1), ribbon)

def op_typewriter(img, words, sx, sy, dpi, rng):
    """per-word strike strength and baseline jitter, ink spread"""
    out = img.copy(); H, W = img.shape[:2]
    for w in words:
        x0, y0, x1, y1 = int(w[1] * sx) - 1, int(w[2] * sy) - 1, int(w[3] * sx) + 2, int(w[4] * sy) + 2
        x0, y0 = max(0, x0), max(0, y0); x1, y1 = min(W, x1), min(H, y1)
        if x1 <= x0 or y1 <= y0: continue
        reg = img[y0:y1, x0:x1]
        f = rng.uniform(0.55, 1.0)
        dy = int(rng.integers(-1, 2)) * max(1, dpi // 300)
        ink = (1 - reg) * f
        ink = np.roll(ink, dy, axis=0)
        out[y0:y1, x0:x1] = 1 - ink
    ink = 1 - out
    ink = np.clip(gauss_blur(ink, 0.5 * dpi / 300) * 1.25, 0, 1)
    n = smooth_noise(rng, H, W, dpi * 0.02)
    ink = ink * np.clip(0.8 + 0.2 * n, 0.4, 1)[..., None]
    return 1 - ink

def op_carbon(img, strength, dpi, rng):
    g = gray(img); ink = 1 - g
    ghost = np.roll(np.roll(ink, int(2 * dpi / 300), 1), int(1 * dpi / 300), 0)
    ink = np.clip(ink * 0.75 + ghost * 0.25, 0, 1)
    rgb = np.stack([1 - ink] * 3, -1)
    rgb = magick(rgb, ["-motion-blur", "0x%d+%d" % (max(1, int(2 * strength * dpi / 300)), 80)])
    ink = 1 - gray(rgb)
    ink = gauss_blur(ink, 1.5 * strength * dpi / 300)
    H, W = ink.shape
    mod = np.clip(0.62 + 0.3 * smooth_noise(rng, H, W, dpi * 1.2), 0.3, 1.0)
    ink = np.clip(ink * 1.25, 0, 1) * mod * (0.8 - 0.2 * strength)
    return apply_ink(np.ones_like(img), ink, (0.2, 0.25, 0.55))

def paper_layer(H, W, dpi, kind, rng):
    base = np.array(PAPERS.get(kind, PAPERS["white"]), np.float32)
    grain = rng.standard_normal((H, W)).astype(np.float32) * 0.012
    fib = gauss_blur(rng.standard_normal((H, W)).astype(np.float32), 1.2 * dpi / 300) * 0.03
    low = smooth_noise(rng, H, W, dpi * 1.2) * 0.012
    tex = 1 + grain + fib + low
    p = base[None, None, :] * tex[..., None]
    if kind == "aged":
        spots = np.zeros((H, W), np.float32)
        for _ in range(int(rng.integers(8, 20))):
            cx, cy = rng.uniform(0, W), rng.uniform(0, H); r = rng.uniform(0.05, 0.25) * dpi / 2.54
            y0, y1 = int(max(0, cy - 3 * r)), int(min(H, cy + 3 * r)); x0, x1 = int(max(0, cx - 3 * r)), int(min(W, cx + 3 * r))
            yy, xx = np.mgrid[y0:y1, x0:x1]
            spots[y0:y1, x0:x1] += np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r)) * rng.uniform(0.05, 0.15)
        edge = np.minimum(np.minimum(np.arange(W)[None, :], W - 1 - np.arange(W)[None, :]), np.minimum(np.arange(H)[:, None], H - 1 - np.arange(H)[:, None])).astype(np.float32)
        yell = np.exp(-edge / (0.8 * dpi / 2.54)) * 0.08
        p = p * (1 - (spots + yell)[..., None] * np.array([0.3, 0.5, 0.9], np.float32))
    if kind == "greenbar":
        band = ((np.arange(H) / (dpi * 0.5)).astype(np.int64) % 2 == 1).astype(np.float32)
        p = p * (1 - band[:, None, None] * np.array([0.10, 0.02, 0.09], np.float32))
    return p

def op_fold(img, ys, dpi, rng):
    H, W = img.shape[:2]
    out = img
    for f in ys:
        y0 = f * H + rng.uniform(-0.2, 0.2) * dpi / 2.54
        ang = rng.uniform(-0.012, 0.012)
        yy = np.arange(H, dtype=np.float32)[:, None]; xx = np.arange(W, dtype=np.float32)[None, :]
        d = yy - (y0 + ang * (xx - W / 2))
        s = 1.5 * dpi / 300
        shade = 1 - 0.16 * np.exp(-(d / s) ** 2) - 0.05 * np.exp(-((d + 6 * s) / (5 * s)) ** 2) + 0.03 * np.exp(-((d - 5 * s) / (4 * s)) ** 2)
        crack = np.exp(-(d / (1.2 * s)) ** 2) * np.clip(rng.random((1, W)).astype(np.float32) * 1.5, 0, 1)
        out = out + (1 - out) * (0.55 * crack)[..., None]
        out = out * shade[..., None]
    return out

def op_coffee(img, dpi, rng, lines):
    H, W = img.shape[:2]
    cm = dpi / 2.54
    if lines:
        L = lines[int(len(lines) * rng.uniform(0.35, 0.65))]
        cx = (L["box"][0] + L["box"][2]) / 2 + rng.uniform(-2, 2) * cm; cy = (L["box"][1] + L["box"][3]) / 2
    else:
        cx, cy = W * 0.6, H * 0.5
    R = rng.uniform(2.8, 3.8) * cm
    y0, y1 = int(max(0, cy - 1.3 * R)), int(min(H, cy + 1.3 * R)); x0, x1 = int(max(0, cx - 1.3 * R)), int(min(W, cx + 1.3 * R))
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    th = np.arctan2(yy - cy, xx - cx)
    rr = R * (1 + 0.04 * np.sin(3 * th + 1) + 0.03 * np.sin(7 * th))
    d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
    ring = np.exp(-((d - rr) / (0.06 * cm)) ** 2) * 0.45 + (d < rr) * 0.13 * (1 + 0.3 * smooth_noise(rng, y1 - y0, x1 - x0, cm))
    ring = np.clip(ring, 0, 1)
    col = np.array([0.62, 0.42, 0.22], np.float32)
    img[y0:y1, x0:x1] = img[y0:y1, x0:x1] * (1 - ring[..., None] * (1 - col))
    return img

def op_holes(img, centres, radius, fill, dpi):
    H, W = img.shape[:2]
    for cx, cy in centres:
        r = radius
        y0, y1 = int(max(0, cy - 2 * r)), int(min(H, cy + 2 * r)); x0, x1 = int(max(0, cx - 2 * r)), int(min(W, cx + 2 * r))
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
        inside = np.clip(r - d + 0.5, 0, 1)
        shadow = np.exp(-np.clip(d - r, 0, None) / (0.08 * dpi / 2.54)) * 0.35 * (d > r)
        reg = img[y0:y1, x0:x1] * (1 - shadow[..., None])
        img[y0:y1, x0:x1] = reg * (1 - inside[..., None]) + np.array(fill, np.float32) * inside[..., None]
    return img

def op_staple(img, dpi, rng):
    cm = dpi / 2.54
    L = 1.3 * cm; w = max(4, int(0.09 * cm))
    cx, cy = 1.3 * cm + rng.uniform(-0.2, 0.2) * cm, 1.1 * cm + rng.uniform(-0.2, 0.2) * cm
    ang = rng.uniform(30, 55)
    im = Image.new("L", (int(L + 4 * w), int(6 * w)), 0); d = ImageDraw.Draw(im)
    d.rectangle([2 * w, 2 * w, 2 * w + L, 3 * w], fill=255)
    d.rectangle([2 * w, w, 3 * w, 4 * w], fill=230); d.rectangle([L + w, w, L + 2 * w, 4 * w], fill=230)
    im = im.rotate(ang, resample=Image.BICUBIC, expand=True)
    a = np.asarray(im, np.float32) / 255.0
    h, ww = a.shape; x0, y0 = int(cx - ww / 2), int(cy - h / 2)
    reg = img[y0:y0 + h, x0:x0 + ww]
    sh = gauss_blur(np.roll(np.roll(a, 4, 0), 4, 1), 1.5)
    reg = reg * (1 - 0.5 * sh[..., None])
    metal = (0.25 + 0.45 * (np.sin(np.linspace(0, 9, ww)) * 0.5 + 0.5)[None, :]).astype(np.float32)
    reg = reg * (1 - a[..., None]) + (metal * a)[..., None] * np.array([0.9, 0.92, 0.96], np.float32)
    img[y0:y0 + h, x0:x0 + ww] = reg
    return img

def op_edge_shadow(img, side, dpi, rng, strength=0.55):
    H, W = img.shape[:2]; cm = dpi / 2.54
    wdt = rng.uniform(0.4, 1.1) * cm
    if side in ("left", "right"):
        d = np.arange(W, dtype=np.float32) if side == "left" else (W - 1 - np.arange(W, dtype=np.float32))
        f = 1 - strength * np.exp(-d / wdt)
        return img * f[None, :, None]
    d = np.arange(H, dtype=np.float32) if side == "top" else (H - 1 - np.arange(H, dtype=np.float32))
    f = 1 - strength * np.exp(-d / wdt)
    return img * f[:, None, None]

def op_photocopy(img, gens, dpi, rng):
    H, W = img.shape[:2]; cm = dpi / 2.54
    g = gray(img)
    for k in range(gens):
        g = gauss_blur(g, 0.7 * dpi / 300)
        g = np.clip((g - 0.12) / 0.8, 0, 1) ** 1.35
        g = g * (0.93 - 0.02 * k) + 0.02 * smooth_noise(rng, H, W, dpi * 0.7)
        dust = (rng.random((H, W)) < 0.0006 * (k + 1)).astype(np.float32)
        g = g * (1 - gauss_blur(dust, 0.8) * 2.5)
        side = rng.choice(["left", "right", "top", "bottom"])
        bw = int(rng.uniform(0.15, 0.6) * cm)
        if side == "left": g[:, :bw] *= 0.25
        elif side == "right": g[:, W - bw:] *= 0.25
        elif side == "top": g[:bw, :] *= 0.25
        else: g[H - bw:, :] *= 0.25
        ox, oy = int(rng.integers(-4, 5)), int(rng.integers(-4, 5))
        g = np.roll(np.roll(g, ox, 1), oy, 0)
    g = np.clip(g, 0, 1)
    return np.stack([g, g, g], -1)

def op_toner_loss(img, amount, dpi, rng):
    H, W = img.shape[:2]
    n = smooth_noise(rng, H, W, dpi * 0.25) + 0.5 * smooth_noise(rng, H, W, dpi * 0.05)
    keep = np.clip(1 - amount * np.clip(n, 0, None) * 0.9, 0.5, 1)
    speck = (rng.random((H, W)) < 0.01 * amount).astype(np.float32)
    keep = keep * (1 - speck * 0.6)
    ink = (1 - img) * keep[..., None]
    return 1 - ink

def op_streaks(img, n, dpi, rng):
    H, W = img.shape[:2]
    out = img.copy()
    for _ in range(n):
        x = int(rng.integers(0, W)); w = int(rng.integers(1, 4)) * max(1, dpi // 300)
        v = rng.uniform(0.25, 0.75) if rng.random() < 0.7 else -rng.uniform(0.1, 0.3)
        prof = np.clip(1 + 0.3 * smooth_noise(rng, H, 1, dpi * 2)[:, :1], 0.3, 1.6)
        if v > 0: out[:, x:x + w] *= (1 - v * prof)[:, :, None] if out.ndim == 3 else (1 - v * prof)
        else: out[:, x:x + w] = np.clip(out[:, x:x + w] - v, 0, 1)
    return out

def op_lighting(img, a, dpi, rng):
    H, W = img.shape[:2]
    gx = np.linspace(-1, 1, W, dtype=np.float32)[None, :]; gy = np.linspace(-1, 1, H, dtype=np.float32)[:, None]
    th = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(th) * gx + np.sin(th) * gy) * 0.5 + 0.5
    field = 1 - a * ramp - a * 0.3 * smooth_noise(rng, H, W, dpi * 4)
    return img * np.clip(field, 0.3, 1.1)[..., None]

def op_moire(img, a, dpi, rng):
    H, W = img.shape[:2]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    p1 = rng.uniform(3.1, 4.2); p2 = p1 * rng.uniform(1.04, 1.09)
    t1 = rng.uniform(0.3, 0.9); t2 = t1 + rng.uniform(0.05, 0.12)
    s1 = np.cos(2 * np.pi * (xx * math.cos(t1) + yy * math.sin(t1)) / p1)
    s2 = np.cos(2 * np.pi * (xx * math.cos(t2) + yy * math.sin(t2)) / p2)
    m = (s1 * s2) * 0.5 + 0.5
    return img * (1 - a * m)[..., None]

def op_keystone(img, k, dpi, rng, fill):
    H, W = img.shape[:2]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    t = yy / H
    scale = 1 + k * (1 - t) - k * 0.5
    cx = W / 2
    sx = cx + (xx - cx) * scale
    sy = yy * (1 + k * 0.15 * (xx / W - 0.5))
    return remap(img, sx, sy, fill)

def op_curl(img, strength, dpi, rng, fill):
    """page curl near the binding (left edge): lines bend and compress towards the spine"""
    H, W = img.shape[:2]; cm = dpi / 2.54
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    zone = 4.5 * cm * strength
    u = np.clip((zone - xx) / zone, 0, 1)
    sx = xx - u ** 2 * 0.9 * cm * strength
    sy = yy + (u ** 2) * (yy - H * 0.5) * 0.035 * strength + u ** 2 * 0.35 * cm * strength
    return remap(img, sx, sy, fill)

def op_binding_shadow(img, strength, dpi):
    H, W = img.shape[:2]; cm = dpi / 2.54
    x = np.arange(W, dtype=np.float32)
    f = 1 - 0.75 * strength * np.exp(-x / (1.1 * cm)) - 0.15 * strength * np.exp(-x / (3.5 * cm))
    return img * f[None, :, None]

def op_skew(img, deg, fill):
    H, W = img.shape[:2]
    a = math.radians(deg)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = W / 2, H / 2
    sx = cx + (xx - cx) * math.cos(a) - (yy - cy) * math.sin(a)
    sy = cy + (xx - cx) * math.sin(a) + (yy - cy) * math.cos(a)
    return remap(img, sx, sy, fill)

def op_tractor(img, dpi, rng):
    H, W = img.shape[:2]; cm = dpi / 2.54
    cents = []
    for x in (0.65 * cm, W - 0.65 * cm):
        y = 0.6 * cm
        while y < H:
            cents.append((x, y)); y += 1.27 * cm
    img = op_holes(img, cents, 0.2 * cm, (0.22, 0.22, 0.22), dpi)
    for x in (1.3 * cm, W - 1.3 * cm):
        xi = int(x)
        for y in range(0, H, int(0.25 * cm)):
            img[y:y + int(0.12 * cm), xi:xi + 1] *= 0.75
    return img

def to_bilevel(g, thr, rng, noise=0.03):
    n = rng.standard_normal(g.shape).astype(np.float32) * noise
    return (g + n) > thr

def op_fax(g, strength, dpi, rng):
    """greyscale -> fax-like bilevel at full vertical res; returns bool (True = white)"""
    H, W = g.shape
    g = gauss_blur(g, 0.5)
    bw = to_bilevel(g, 0.55 + 0.08 * strength, rng, 0.05 + 0.05 * strength)
    # banding: runs of rows shifted, dropped or smeared
    nb = int(6 + 20 * strength)
    for _ in range(nb):
        y = int(rng.integers(0, H - 8)); h = int(rng.integers(1, 3 + int(10 * strength)))
        kind = rng.random()
        if kind < 0.4: bw[y:y + h] = np.roll(bw[y:y + h], int(rng.integers(-3, 4)), axis=1)
        elif kind < 0.7: bw[y:y + h] = True
        else: bw[y:y + h] = bw[y - 1:y] if y > 0 else bw[y:y + h]
    speck = rng.random((H, W)) < 0.0008 * (1 + 3 * strength)
    bw = bw & ~speck
    return bw

def check_inside(words, sx, sy, W, H, deg, margin, did):
    """no printed word may be rotated off the scanned area"""
    a = math.radians(deg); cx, cy = W / 2, H / 2
    for w in words:
        for x, y in ((w[1], w[2]), (w[3], w[2]), (w[1], w[4]), (w[3], w[4])):
            dx, dy = x * sx - cx, y * sy - cy
            ox = cx + dx * math.cos(a) + dy * math.sin(a); oy = cy - dx * math.sin(a) + dy * math.cos(a)
            if not (margin <= ox < W - margin and margin <= oy < H - margin):
                raise RuntimeError("%s: word %r leaves the page at skew %.1f" % (did, w[0], deg))

def degrade_page(img, pspec, spec, ctx, pw, dpi, rng, reverse, blank=False):
    H, W = img.shape[:2]; cm = dpi / 2.54
    labels = []; recorded = []
    sx = W / pw["w"]; sy = H / pw["h"]
    ops = dict((o[0], o[1:] if len(o) > 1 else ()) for o in pspec["ops"])
    lidc = (0.18, 0.18, 0.19) if spec.get("lid", "dark") == "dark" else (0.96, 0.96, 0.96)
    lines = page_lines(pw["words"], sx, sy) if pw else []
    # --- printing
    if "dotmatrix" in ops: img = op_dotmatrix(img, ops["dotmatrix"][0], dpi, rng); labels.append("dot_matrix_print")
    if "typewriter" in ops: img = op_typewriter(img, pw["words"], sx, sy, dpi, rng); labels.append("typewriter_strike_variation")
    if "carbon" in ops: img = op_carbon(img, ops["carbon"][0], dpi, rng); labels.append("carbon_copy_smear")
    if "fade" in ops:
        f = ops["fade"][0]; img = 1 - (1 - img) * np.clip(f + 0.15 * smooth_noise(rng, H, W, dpi), 0.2, 1)[..., None]; labels.append("ink_fading")
    if "low_contrast" in ops:
        c = ops["low_contrast"][0]; img = 1 - (1 - img) * (1 - c); labels.append("low_contrast_print")
    if spec.get("textcolor") in ("#8c8c8c", "#a0a0a0"): labels.append("pencil_grey_text")
    if spec.get("halftone") or spec.get("lh") == "screen": labels.append("halftone_letterhead")
    # --- marks made on the paper
    if pspec["ov"]:
        img, recorded = draw_overlays(img, pspec["ov"], pw, ctx, dpi, rng, pspec["no"])
        for r in recorded: labels.append(r["type"])
    # --- paper
    ptype = ops.get("paper", ("white",))[0]
    img = img * paper_layer(H, W, dpi, ptype, rng)
    labels.append("paper_texture")
    if ptype != "white": labels.append("paper_" + ptype if ptype in ("aged", "flimsy", "greenbar") else "coloured_paper_" + ptype)
    if "showthrough" in ops or blank:
        a = ops.get("showthrough", (0.12,))[0]
        rev = reverse[:, ::-1]
        if rev.shape[:2] != (H, W): rev = resize_bilinear(rev, H, W)
        bleed = a >= 0.15 and not blank
        rink = gauss_blur(1 - gray(rev), (0.9 if bleed else 1.8) * dpi / 300)
        if bleed:
            rink = rink * np.clip(0.7 + 0.5 * smooth_noise(rng, H, W, dpi * 0.8), 0.2, 1.2)
        img = img * (1 - a * rink)[..., None]
        labels.append("bleed_through" if bleed else "show_through")
    # --- handling
    if "fold" in ops: img = op_fold(img, ops["fold"][0], dpi, rng); labels.append("fold_crease")
    if "coffee" in ops: img = op_coffee(img, dpi, rng, lines); labels.append("coffee_stain")
    if "tractor" in ops: img = op_tractor(img, dpi, rng); labels.append("tractor_feed_holes")
    if "punch" in ops:
        img = op_holes(img, [(1.2 * cm, H / 2 - 4 * cm), (1.2 * cm, H / 2 + 4 * cm)], 0.32 * cm, lidc, dpi); labels.append("punch_holes")
    if "staple" in ops: img = op_staple(img, dpi, rng); labels.append("staple")
    # --- copying
    if "photocopy" in ops: img = op_photocopy(img, ops["photocopy"][0], dpi, rng); labels.append("photocopy_generation_%d" % ops["photocopy"][0])
    if "toner_loss" in ops: img = op_toner_loss(img, ops["toner_loss"][0], dpi, rng); labels.append("toner_loss")
    # --- geometry at the scanner
    if "curl" in ops: img = op_curl(img, ops["curl"][0], dpi, rng, lidc); labels.append("page_curl_binding")
    if "binding_shadow" in ops: img = op_binding_shadow(img, ops["binding_shadow"][0], dpi); labels.append("book_fold_shadow")
    if "keystone" in ops: img = op_keystone(img, ops["keystone"][0], dpi, rng, lidc); labels.append("keystone")
    if "skew" in ops:
        check_inside(pw["words"], sx, sy, W, H, ops["skew"][0], 0.15 * cm, spec["id"])
        img = op_skew(img, ops["skew"][0], lidc); labels.append("skew_%+.1f_deg" % ops["skew"][0])
    if "edge_shadow" in ops: img = op_edge_shadow(img, ops["edge_shadow"][0], dpi, rng); labels.append("edge_shadow")
    # --- scanner
    if "lighting" in ops: img = op_lighting(img, ops["lighting"][0], dpi, rng); labels.append("uneven_lighting")
    if "moire" in ops: img = op_moire(img, ops["moire"][0], dpi, rng); labels.append("moire")
    if "streaks" in ops: img = op_streaks(img, ops["streaks"][0], dpi, rng); labels.append("scanner_streaks")
    sig = ops.get("noise", (0.012,))[0]
    img = img + rng.standard_normal(img.shape[:2]).astype(np.float32)[..., None] * sig
    img = gauss_blur(img, 0.45 * dpi / 300) if dpi >= 300 else img
    labels.append("sensor_noise")
    img = np.clip(img, 0, 1)
    if "jpeg_re" in ops:
        img = jpeg_roundtrip(img, ops["jpeg_re"][0], grey=spec["mode"] != "rgb"); labels.append("jpeg_recompression_q%d" % ops["jpeg_re"][0])
    return img, labels, recorded

# ---------------------------------------------------------------- output encoders
def write_pdf(path, pages):
    """image-only PDF; pages: list of dicts {data, filter, w, h, dpi, cs, bpc}"""
    objs = {}
    n = len(pages)
    kids = []
    nxt = 3
    for p in pages:
        pid, cid, iid = nxt, nxt + 1, nxt + 2; nxt += 3
        kids.append(pid)
        wpt = p["w"] / p["dpi"][0] * 72.0; hpt = p["h"] / p["dpi"][1] * 72.0
        content = ("q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q\n" % (wpt, hpt)).encode()
        objs[pid] = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (wpt, hpt, iid, cid)).encode()
        objs[cid] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        extra = ""
        if p["filter"] == "FlateDecode" and p["bpc"] == 1:
            extra = " /Decode [0 1]"
        objs[iid] = (("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent %d /Filter /%s%s /Length %d >>\nstream\n"
                      % (p["w"], p["h"], p["cs"], p["bpc"], p["filter"], extra, len(p["data"]))).encode() + p["data"] + b"\nendstream")
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), n)).encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    for i in range(1, nxt):
        offs[i] = len(out)
        out += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % nxt
    for i in range(1, nxt):
        out += b"%010d 00000 n \n" % offs[i]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (nxt, xref)
    with open(path, "wb") as f:
        f.write(bytes(out))

def u8(img):
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)

def finalize_page(img, spec, pspec, dpi, rng):
    """-> (PIL image, (xdpi, ydpi), extra labels)"""
    mode = spec["mode"]; labels = []
    ops = dict((o[0], o[1:] if len(o) > 1 else ()) for o in pspec["ops"])
    if mode == "rgb":
        im = Image.fromarray(u8(img), "RGB"); xy = (dpi, dpi)
    elif mode == "gray":
        im = Image.fromarray(u8(gray(img)), "L"); xy = (dpi, dpi)
    elif mode == "g4":
        g = gray(img)
        bw = to_bilevel(g, spec.get("thr", 0.58 if pspec["diff"] != "hard" else 0.5), rng, 0.03)
        im = Image.fromarray(bw.astype(np.uint8) * 255, "L").convert("1", dither=Image.NONE); xy = (dpi, dpi)
        labels.append("binarized")
    elif mode in ("fax98", "fax196"):
        g = gray(img)
        H, W = g.shape
        g = resize_bilinear(g, int(round(H * 196.0 / dpi)), W)
        bw = op_fax(g, ops.get("fax", (0.5,))[0], dpi, rng)
        n2 = bw.shape[0] // 2 * 2
        bw98 = bw[0:n2:2] & bw[1:n2:2]
        labels.append("fax_transmission_banding")
        if mode == "fax98":
            out = bw98; xy = (204, 98); labels.append("fax_standard_resolution_204x98")
        else:
            out = np.repeat(bw98, 2, axis=0); xy = (204, 196); labels.append("fax_200x100_stretched_to_200x200")
        im = Image.fromarray(out.astype(np.uint8) * 255, "L").convert("1", dither=Image.NONE)
    k = pspec["rot"] // 90
    if k:
        im = im.transpose({1: Image.ROTATE_270, 2: Image.ROTATE_180, 3: Image.ROTATE_90}[k])
        if k % 2 == 1: xy = (xy[1], xy[0])
        labels.append("rotated_%d_clockwise" % pspec["rot"])
    return im, xy, labels

def save_file(spec, ims, path):
    fmt = spec["fmt"]
    if fmt == "jpeg":
        im, xy = ims[0]
        im.save(path, "JPEG", quality=spec["q"], dpi=xy, optimize=False)
    elif fmt == "png":
        im, xy = ims[0]
        im.save(path, "PNG", dpi=xy, optimize=False, compress_level=9)
    elif fmt == "tiff":
        first, xy = ims[0]
        first.save(path, "TIFF", compression="group4", dpi=xy, save_all=True, append_images=[i for i, _ in ims[1:]])
    elif fmt == "pdf":
        pages = []
        for im, xy in ims:
            b = io.BytesIO()
            if im.mode == "1":
                raw = np.packbits(np.asarray(im, dtype=np.uint8), axis=1).tobytes()
                pages.append(dict(data=zlib.compress(raw, 9), filter="FlateDecode", w=im.size[0], h=im.size[1], dpi=xy, cs="DeviceGray", bpc=1))
            else:
                im.save(b, "JPEG", quality=spec["q"], optimize=False)
                pages.append(dict(data=b.getvalue(), filter="DCTDecode", w=im.size[0], h=im.size[1], dpi=xy,
                                  cs="DeviceRGB" if im.mode == "RGB" else "DeviceGray", bpc=8))
        write_pdf(path, pages)

FORMAT_NAMES = {("jpeg", "rgb"): "jpeg_colour", ("jpeg", "gray"): "jpeg_greyscale", ("png", "rgb"): "png_colour",
                ("png", "gray"): "png_greyscale", ("tiff", "g4"): "tiff_g4_bilevel", ("tiff", "fax98"): "tiff_g4_bilevel_fax",
                ("tiff", "fax196"): "tiff_g4_bilevel_fax", ("pdf", "rgb"): "pdf_image_only_jpeg_colour", ("pdf", "gray"): "pdf_image_only_jpeg_greyscale"}
EXT = {"jpeg": "jpg", "png": "png", "tiff": "tif", "pdf": "pdf"}

def page_size_name(wpt, hpt):
    if abs(wpt - 595.3) < 3 and abs(hpt - 841.9) < 3: return "A4"
    if abs(wpt - 612) < 3 and abs(hpt - 792) < 3: return "Letter"
    return "%.0fx%.0fmm" % (wpt / 72 * 25.4, hpt / 72 * 25.4)

_rev_cache = {}
def reverse_source(i, dpi):
    j = (i + 7) % len(SPECS)
    key = (j, dpi)
    if key not in _rev_cache:
        pdf = os.path.join(BUILD, "pdf", SPECS[j]["id"] + ".pdf")
        d = os.path.join(BUILD, "ras", "rev_%s_%d" % (SPECS[j]["id"], dpi)); os.makedirs(d, exist_ok=True)
        subprocess.run(["mutool", "draw", "-q", "-r", str(dpi), "-c", "rgb", "-o", os.path.join(d, "p%d.png"), pdf, "1"], check=True, stderr=subprocess.DEVNULL)
        _rev_cache.clear()
        _rev_cache[key] = load_rgb(os.path.join(d, "p1.png"))
    return _rev_cache[key]

def produce(i, spec, ctx, doc):
    did = spec["id"]
    pdf = os.path.join(BUILD, "pdf", did + ".pdf")
    pw_all = pdf_words(pdf)
    dpi = spec["dpi"]
    paths = render_pdf(pdf, dpi, did)
    gt_pages = doc.gt_pages()
    n_blank = spec.get("blank_tail", 0)
    assert len(spec["pages"]) == len(paths) + n_blank, (did, len(spec["pages"]), len(paths))
    r = rng_py(did, "recv")
    ctx.recv = fmt_date(ctx.date + datetime.timedelta(days=r.randint(2, 9)), "d Mon y").upper()
    ims = []; page_labels = []; overlays = []; sizes = []
    last = None
    for pno, pspec in enumerate(spec["pages"], 1):
        pspec = dict(pspec); pspec["no"] = pno
        rng = rng_np(did, "page", pno)
        if pno <= len(paths):
            img = load_rgb(paths[pno - 1]); pw = pw_all[pno - 1]; blank = False
            rev = reverse_source(i, dpi) if any(o[0] == "showthrough" for o in pspec["ops"]) else None
            last = img
        else:
            img = np.ones_like(last); pw = {"w": pw_all[-1]["w"], "h": pw_all[-1]["h"], "words": []}; blank = True
            rev = last
            gt_pages.append([])
        sizes.append(page_size_name(pw["w"], pw["h"]))
        out, labels, rec = degrade_page(img, pspec, spec, ctx, pw, dpi, rng, rev, blank=blank)
        if blank: labels.insert(0, "blank_reverse_side")
        im, xy, lab2 = finalize_page(out, spec, pspec, dpi, rng)
        ims.append((im, xy)); page_labels.append(labels + lab2); overlays += rec
        del img, out
    fn = "%s.%s" % (did, EXT[spec["fmt"]])
    save_file(spec, ims, os.path.join(OUT, fn))
    # ground truth
    lines = []
    for k, pl in enumerate(gt_pages):
        if k: lines.append("\f")
        lines += pl
    gt_text = "\n".join(lines) + "\n"
    with open(os.path.join(OUT, did + ".gt.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(gt_text)
    p = ctx.pt
    has_ids = ctx.nhs_printed is not None
    dis = []
    joined = " ".join(lines)
    for d in ctx.distractors:
        e = dict(d); e["in_gt"] = d["type"] != "stamp_date_overlay"
        if e["in_gt"] and norm_line(d["text"]) not in joined:
            print("WARN distractor not printed", did, d, file=sys.stderr); continue
        dis.append(e)
    xys = [xy for _, xy in ims]
    rec = {
        "file": fn, "ground_truth": did + ".gt.txt", "document_type": spec["type"], "kind": spec["kind"],
        "pages": len(ims),
        "nhs_number": p.nhs if has_ids else None,
        "date_of_birth": p.dob.isoformat() if ctx.dob_printed else None,
        "nhs_as_printed": ctx.nhs_printed, "dob_as_printed": ctx.dob_printed,
        "degradations": page_labels,
        "difficulty": [pg_["diff"] for pg_ in spec["pages"]],
        "rotation_clockwise_deg": [pg_["rot"] for pg_ in spec["pages"]],
        "format": FORMAT_NAMES[(spec["fmt"], spec["mode"])],
        "dpi": dpi if spec["mode"] not in ("fax98", "fax196") else 204,
        "dpi_xy_per_page": [list(x) for x in xys],
        "page_sizes": sizes,
        "jpeg_quality": spec.get("q") if spec["fmt"] in ("jpeg", "pdf") else None,
        "fonts": doc.fonts(),
        "overlay_text_not_in_gt": overlays,
        "distractors": dis,
        "blank_pages": [k + 1 for k, pl in enumerate(gt_pages) if not pl],
        "letter_date": ctx.date.isoformat(),
        "specialty": ctx.sc["spec"],
    }
    return rec

# ---------------------------------------------------------------- README, checksums, main
def counts(recs):
    from collections import Counter
    c = {"files": len(recs), "pages": sum(r["pages"] for r in recs)}
    c["document_type"] = dict(sorted(Counter(r["document_type"] for r in recs).items()))
    c["format"] = dict(sorted(Counter(r["format"] for r in recs).items()))
    c["difficulty_pages"] = dict(sorted(Counter(d for r in recs for d in r["difficulty"]).items()))
    c["dpi_files"] = dict(sorted(Counter(str(r["dpi"]) for r in recs).items()))
    c["rotated_pages"] = sum(1 for r in recs for x in r["rotation_clockwise_deg"] if x)
    c["page_sizes"] = dict(sorted(Counter(s for r in recs for s in r["page_sizes"]).items()))
    c["blank_pages"] = sum(len(r["blank_pages"]) for r in recs)
    return c

README = """# ocr8 - sealed OCR evaluation set: scanned NHS paper documents (fictional)

Everything here is made up: NHS numbers are in the 999 test range with valid modulus-11
check digits, postcodes start ZX, telephone numbers are 01632 960xxx, people, practices,
hospitals and trusts are fictional.

## Tool chain
1. `make_set.py` (Python standard library) writes each document as a flat ODF text file
   (.fodt): tables, tab stops, master pages with headers/footers and page fields, text boxes
   (as-character and paragraph-anchored frames with text wrapping), letterheads with embedded
   logo images (some screened as halftones, generated with numpy), background tint bands,
   tick boxes drawn as ODF shapes, monospaced typewriter / dot-matrix printouts and
   handwriting-style fonts on ruled continuation sheets.
2. LibreOffice (`soffice --headless --convert-to pdf`, Debian libreoffice-writer-nogui) typesets them.
   Every printed line is an explicit paragraph/line, so line breaks are known.
3. The typeset PDF is checked against the ground truth: the word multiset of every page must equal
   the ground-truth page, and each ground-truth line must be found as consecutive words on one
   baseline (pdftotext -bbox of the *typeset* PDF; no OCR is run anywhere).
4. `mutool draw` rasterises at the scan resolution; numpy code simulates printing, paper, handling
   and scanning (ImageMagick `-motion-blur` is used for the carbon-copy smear); PIL only encodes
   files and draws the overlay marks (stamps, handwritten notes, signatures, ticks).
5. Output encoders: PIL for JPEG/PNG/TIFF G4; image-only PDFs are written by make_set.py
   (JPEG DCTDecode pages, 8-bit grey or RGB; page size from pixel size / dpi, so A4, US Letter and
   a DL compliments slip appear).

Fonts (Debian packages): fonts-liberation2, fonts-dejavu, fonts-crosextra-carlito,
fonts-crosextra-caladea, fonts-urw-base35, fonts-freefont-ttf, fonts-ebgaramond, fonts-cantarell,
fonts-courier-prime, fonts-gnutypewriter, fonts-dkg-handwriting, fonts-femkeklaver,
fonts-humor-sans, fonts-breip. Other packages: libreoffice-writer-nogui, mupdf-tools,
poppler-utils, imagemagick, python3-numpy, python3-pil.

Randomness is seeded from strings (sha256 of "SET_SEED|doc id|purpose"); a rerun gives
byte-identical files (`sha256sum -c SHA256SUMS`).

## Files
- `docNN.<ext>`: the scan (`.pdf`, `.tif`, `.jpg`, `.png`).
- `docNN.gt.txt`: UTF-8 ground truth.
- `manifest.jsonl`: one JSON object per file.
- `make_set.py`, `SHA256SUMS`, this README.

## Ground-truth conventions
- Printed text in reading order, one printed line per text line; pages are separated by a line
  holding a single form feed (`\\f`). A blank page contributes no lines (two form-feed lines in a row,
  or a final form-feed line).
- Page headers come first and page footers last on each page (including "Page 1 of 2" fields and
  8pt / 7pt footer lines, fax header lines printed by the sending machine, e-RS / EMIS / SystmOne
  print banners).
- Table rows are one line: the row's cell texts joined left to right with one space; empty cells are
  skipped. Runs of spaces (also tab-stop gaps and fixed-pitch padding) are collapsed to one space;
  lines have no leading/trailing spaces.
- Two side-by-side columns (letterhead blocks, address + reference box, sidebar letters, patient
  details blocks): the left column is read completely, then the right column.
- Tick boxes, logos, rules, tint bands and halftone screens are not text.
- Overlay marks are NOT in the ground truth: rubber stamps, handwritten annotations, pen ticks,
  signatures and highlighter. Their text is listed in the manifest (`overlay_text_not_in_gt`).
  Show-through / bleed-through from the reverse side is not text either.
- Handwriting-style continuation sheets: the entries are typeset in handwriting fonts as the
  document's own content, so they ARE in the ground truth.
- Rotated pages (`rotation_clockwise_deg` 90/180/270 = the page image is the upright page turned
  that many degrees clockwise) have their text in normal reading order.

## Manifest fields
`file`, `ground_truth`, `document_type` (referral_letter | clinic_letter | discharge_summary |
lab_result | appointment_letter | continuation_sheet), `kind` (layout), `pages`, `nhs_number`
(10 digits or null), `date_of_birth` (YYYY-MM-DD or null), `nhs_as_printed` and `dob_as_printed`
(label and value exactly as they appear in the ground truth; a table's label and value cells are
joined by one space, as in the ground truth; where label and value sit in different rows only the value
is given), `degradations` (list per page), `difficulty` (per page: clean | moderate | hard),
`rotation_clockwise_deg` (per page), `format`, `dpi` (horizontal scan resolution),
`dpi_xy_per_page` (x, y per page; the standard-resolution fax is 204 x 98 with non-square pixels),
`page_sizes`, `jpeg_quality`, `fonts` (printed fonts; overlay marks use handwriting fonts
Humor Sans, DkgHandwriting, femkeklaver, Breip, Z003 and Liberation Sans Bold for stamps),
`overlay_text_not_in_gt` (page, type, text), `distractors` (other numbers and dates: hospital numbers,
UBRNs, phone numbers, practice codes, letter/clinic/print dates, sample numbers; `in_gt` false for
stamp dates), `blank_pages`, `letter_date`, `specialty`.

Two-digit years in dates of birth (e.g. "D.O.B. 03.04.51") are resolved in `date_of_birth` from the
letter date (the patient is alive and under 100 at the letter date).

## Counts
{COUNTS}
"""

def md_counts(c):
    out = ["- files: %d, pages: %d (blank pages: %d, rotated pages: %d)" % (c["files"], c["pages"], c["blank_pages"], c["rotated_pages"])]
    for k in ("document_type", "format", "difficulty_pages", "dpi_files", "page_sizes"):
        out.append("- %s: %s" % (k, ", ".join("%s %d" % kv for kv in c[k].items())))
    return "\n".join(out)

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

def main():
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    os.makedirs(OUT, exist_ok=True)
    if os.path.exists(BUILD): shutil.rmtree(BUILD)
    os.makedirs(BUILD)
    built = build_all_docs()
    typeset_all()
    bad = False
    for spec, ctx, doc in built:
        errs = verify_doc(spec, doc, pdf_words(os.path.join(BUILD, "pdf", spec["id"] + ".pdf")))
        if errs:
            bad = True; print("VERIFY", spec["id"], errs[:5], file=sys.stderr)
        gt = "\n".join(l for p in doc.gt_pages() for l in p)
        if spec["type"] == "referral_letter":
            assert ctx.nhs_printed and ctx.dob_printed, spec["id"]
        for v in (ctx.nhs_printed, ctx.dob_printed):
            if v is not None and v not in gt:
                bad = True; print("AS_PRINTED not in gt", spec["id"], v, file=sys.stderr)
        if ctx.nhs_printed is not None:
            assert nhs_check(ctx.pt.nhs[:9]) == int(ctx.pt.nhs[9]) and ctx.pt.nhs.startswith("999")
    if bad:
        sys.exit("verification failed")
    recs = []
    for i, (spec, ctx, doc) in enumerate(built):
        if only and spec["id"] not in only: continue
        rec = produce(i, spec, ctx, doc)
        recs.append(rec)
        print(spec["id"], rec["file"], rec["pages"], "pages", rec["difficulty"], flush=True)
    if only:
        return
    with open(os.path.join(OUT, "manifest.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    c = counts(recs)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(README.replace("{COUNTS}", md_counts(c)))
    me = os.path.abspath(__file__)
    if os.path.dirname(me) != OUT:
        shutil.copyfile(me, os.path.join(OUT, "make_set.py"))
    shutil.rmtree(BUILD)
    names = sorted(n for n in os.listdir(OUT) if os.path.isfile(os.path.join(OUT, n)) and n != "SHA256SUMS")
    with open(os.path.join(OUT, "SHA256SUMS"), "w", encoding="utf-8", newline="\n") as f:
        for n in names:
            f.write("%s  %s\n" % (sha256(os.path.join(OUT, n)), n))
    print(json.dumps(c, indent=1))

if __name__ == "__main__":
    main()
