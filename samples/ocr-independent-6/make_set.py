#!/usr/bin/env python3
"""make_set.py -- generator for OCR evaluation set "ocr6".

Fictional scanned NHS paper documents (GP referral letters, clinic letters,
discharge summaries, lab results, appointment letters, handwritten-style
continuation sheets) with ground truth and a manifest.

Usage:  /usr/bin/python3 make_set.py [OUTPUT_DIR]      (default: this folder)

Debian packages: python3-pil python3-numpy img2pdf fonts-liberation
fonts-urw-base35 fonts-crosextra-carlito fonts-crosextra-caladea fonts-texgyre
fonts-courier-prime fonts-gnutypewriter fonts-humor-sans fonts-dkg-handwriting
fonts-comic-neue fonts-dancingscript fonts-linuxlibertine fonts-freefont-ttf
fonts-dejavu-core.
All randomness is string-seeded (random.Random(str), numpy default_rng of a
SHA-256 of a string); reruns give byte-identical files.
"""
import hashlib
import io
import json
import math
import os
import random
import re
import sys
import datetime as dt

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import img2pdf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE
SEED = "ocr6|nhs-legacy-paper-scans|v1"


def R(*k):
    return random.Random(SEED + "|" + "|".join(str(x) for x in k))


def NR(*k):
    h = hashlib.sha256((SEED + "|" + "|".join(str(x) for x in k)).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], "big"))


# ----------------------------------------------------------------------------- fonts
FD = {
    "lib": "/usr/share/fonts/truetype/liberation/",
    "urw": "/usr/share/fonts/opentype/urw-base35/",
    "cx": "/usr/share/fonts/truetype/crosextra/",
    "dv": "/usr/share/fonts/truetype/dejavu/",
    "tg": "/usr/share/texmf/fonts/opentype/public/tex-gyre/",
    "ll": "/usr/share/fonts/opentype/linux-libertine/",
    "ff": "/usr/share/fonts/truetype/freefont/",
}
FONTS = {
    "arial": FD["lib"] + "LiberationSans-Regular.ttf",
    "arial_b": FD["lib"] + "LiberationSans-Bold.ttf",
    "arialn": FD["lib"] + "LiberationSansNarrow-Regular.ttf",
    "arialn_b": FD["lib"] + "LiberationSansNarrow-Bold.ttf",
    "helv": FD["urw"] + "NimbusSans-Regular.otf",
    "helv_b": FD["urw"] + "NimbusSans-Bold.otf",
    "calibri": FD["cx"] + "Carlito-Regular.ttf",
    "calibri_b": FD["cx"] + "Carlito-Bold.ttf",
    "cambria": FD["cx"] + "Caladea-Regular.ttf",
    "cambria_b": FD["cx"] + "Caladea-Bold.ttf",
    "dejavu": FD["dv"] + "DejaVuSans.ttf",
    "dejavu_b": FD["dv"] + "DejaVuSans-Bold.ttf",
    "verdana_cond": FD["dv"] + "DejaVuSansCondensed.ttf",
    "verdana_cond_b": FD["dv"] + "DejaVuSansCondensed-Bold.ttf",
    "times": FD["urw"] + "NimbusRoman-Regular.otf",
    "times_b": FD["urw"] + "NimbusRoman-Bold.otf",
    "tnr": FD["lib"] + "LiberationSerif-Regular.ttf",
    "tnr_b": FD["lib"] + "LiberationSerif-Bold.ttf",
    "termes": FD["tg"] + "texgyretermes-regular.otf",
    "libertine": FD["ll"] + "LinLibertine_R.otf",
    "libertine_b": FD["ll"] + "LinLibertine_RB.otf",
    "palatino": FD["urw"] + "P052-Roman.otf",
    "palatino_b": FD["urw"] + "P052-Bold.otf",
    "freeserif": FD["ff"] + "FreeSerif.ttf",
    "mono": FD["lib"] + "LiberationMono-Regular.ttf",
    "mono_b": FD["lib"] + "LiberationMono-Bold.ttf",
    "courier": FD["urw"] + "NimbusMonoPS-Regular.otf",
    "courier_b": FD["urw"] + "NimbusMonoPS-Bold.otf",
    "freemono": FD["ff"] + "FreeMono.ttf",
    "courierprime": "/usr/share/fonts/opentype/courier-prime/Courier Prime.otf",
    "dvmono_b": FD["dv"] + "DejaVuSansMono-Bold.ttf",
    "typewriter": "/usr/share/fonts/truetype/gnutypewriter/GNUTypewriter.ttf",
    "hand_humor": "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
    "hand_dkg": "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "hand_comic": "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf",
    "hand_script": "/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf",
}
BOLD = {k[:-2]: k for k in FONTS if k.endswith("_b")}
HANDS = ["hand_humor", "hand_dkg", "hand_comic", "hand_script"]
_fc = {}


def font(key, px):
    k = (key, px)
    if k not in _fc:
        _fc[k] = ImageFont.truetype(FONTS[key], px, layout_engine=ImageFont.Layout.BASIC)
    return _fc[k]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


PAPER = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}


# ----------------------------------------------------------------------------- page
class Page:
    def __init__(s, doc, size, dpi):
        s.doc, s.size, s.dpi = doc, size, dpi
        s.wmm, s.hmm = PAPER[size]
        s.W = int(round(s.wmm / 25.4 * dpi))
        s.H = int(round(s.hmm / 25.4 * dpi))
        s.img = Image.new("RGB", (s.W, s.H), (255, 255, 255))
        s.d = ImageDraw.Draw(s.img)
        s.gt, s.boxes = [], []
        s.r = doc.r
        s.ink = doc.ink
        s.fk, s.pt, s.style = doc.fk, doc.pt, doc.style
        s.sig = None          # (x_mm, y_mm) where a signature goes
        s.ticks = []          # (x_mm, y_mm) boxes to be ticked by hand
        s.hand_lines = []     # continuation sheet handwriting: (x_mm, y_mm, text)
        s.maxy = 0

    def X(s, mm):
        return int(round(mm * s.dpi / 25.4))

    def F(s, key=None, pt=None, bold=False):
        key = key or s.fk
        if bold:
            key = BOLD.get(key, key)
        s.doc.fonts_used.add(key)
        return font(key, max(5, int(round((pt or s.pt) * s.dpi / 72.0))))

    def _draw(s, x, y, text, f, fill, style):
        if style == "dot":
            pitch = max(2, int(round(0.3 * s.dpi / 25.4)))
            l, t, rr, b = f.getbbox(text, anchor="la")
            w, h = int(rr) + 2 * pitch, int(b) + 2 * pitch
            m = Image.new("L", (w, h), 0)
            ImageDraw.Draw(m).text((0, 0), text, font=f, fill=255, anchor="la")
            a = np.asarray(m)
            c = pitch // 2
            samp = (a[c::pitch, c::pitch] > 90).astype(np.float32)
            # one weak pin (print-head wear): every 9th dot row fainter
            weak = s.doc.weakpin
            samp[weak::9, :] *= 0.45
            yy, xx = np.mgrid[0:pitch, 0:pitch].astype(np.float32) + 0.5
            dd = np.sqrt((yy - pitch / 2) ** 2 + (xx - pitch / 2) ** 2)
            dot = np.clip(1.4 - dd / (0.42 * pitch), 0, 1)
            big = np.kron(samp, dot)[:h, :w]
            big = big * s.r.uniform(0.75, 1.0)
            mk = Image.fromarray((np.clip(big, 0, 1) * 255).astype(np.uint8))
            s.img.paste(Image.new("RGB", mk.size, fill), (x, y), mk)
        elif style == "type":
            cx = float(x)
            j = max(1, s.dpi // 150)
            for ch in text:
                if ch != " ":
                    dy = s.r.choice((0, 0, 0, 0, 1, -1)) * j
                    g = min(200, fill[0] + s.r.randint(0, 75))
                    s.d.text((int(cx), y + dy), ch, font=f, fill=(g, g, g), anchor="la")
                cx += f.getlength(ch)
        else:
            s.d.text((x, y), text, font=f, fill=fill, anchor="la")
        asc, desc = f.getmetrics()
        return (x, y, int(x + f.getlength(text)), y + asc + desc)

    def t(s, x, y, text, key=None, pt=None, bold=False, fill=None, align="l",
          gt=True, style=None, lead=1.32):
        """Draw one printed line (top-left at x,y mm). Returns next y (mm)."""
        f = s.F(key, pt, bold)
        px, py = s.X(x), s.X(y)
        w = f.getlength(text)
        if align == "r":
            px -= w
        elif align == "c":
            px -= w / 2
        bb = s._draw(int(px), py, text, f, fill or s.ink, s.style if style is None else style)
        if gt and norm(text):
            s.gt.append(norm(text))
            s.boxes.append(bb)
        lh = (pt or s.pt) * 0.3528 * lead
        s.maxy = max(s.maxy, y + lh)
        return y + lh

    def row(s, y, cells, key=None, pt=None, bold=False, fill=None, lead=1.32):
        """Cells on one baseline: [(x, text) | (x, text, {opts})]; GT = cells joined by a space."""
        texts, bbs = [], []
        for c in cells:
            x, text = c[0], c[1]
            o = c[2] if len(c) > 2 else {}
            if not norm(text):
                continue
            f = s.F(o.get("key", key), o.get("pt", pt), o.get("bold", bold))
            px = s.X(x)
            w = f.getlength(text)
            if o.get("align") == "r":
                px -= w
            elif o.get("align") == "c":
                px -= w / 2
            bbs.append(s._draw(int(px), s.X(y), text, f, o.get("fill", fill or s.ink),
                               s.style if o.get("style") is None else o.get("style")))
            texts.append(norm(text))
        if texts:
            s.gt.append(" ".join(texts))
            s.boxes.append((min(b[0] for b in bbs), min(b[1] for b in bbs),
                            max(b[2] for b in bbs), max(b[3] for b in bbs)))
        lh = (pt or s.pt) * 0.3528 * lead
        s.maxy = max(s.maxy, y + lh)
        return y + lh

    def para(s, x, y, w, text, key=None, pt=None, bold=False, lead=1.32, gap=None, **kw):
        f = s.F(key, pt, bold)
        wpx = s.X(w)
        words, cur = text.split(), ""
        lines = []
        for wd in words:
            cand = (cur + " " + wd).strip()
            if f.getlength(cand) <= wpx or not cur:
                cur = cand
            else:
                lines.append(cur)
                cur = wd
        if cur:
            lines.append(cur)
        for ln in lines:
            y = s.t(x, y, ln, key, pt, bold, lead=lead, **kw)
        return y + (gap if gap is not None else (pt or s.pt) * 0.3528 * 0.6)

    # graphics (never ground truth)
    def hline(s, y, x0, x1, w=0.3, fill=None):
        s.d.rectangle([s.X(x0), s.X(y), s.X(x1), s.X(y) + max(1, s.X(w))], fill=fill or s.ink)

    def vline(s, x, y0, y1, w=0.3, fill=None):
        s.d.rectangle([s.X(x), s.X(y0), s.X(x) + max(1, s.X(w)), s.X(y1)], fill=fill or s.ink)

    def rect(s, x0, y0, x1, y1, w=0.3, fill=None, outline=None):
        s.d.rectangle([s.X(x0), s.X(y0), s.X(x1), s.X(y1)], fill=fill,
                      outline=outline or s.ink, width=max(1, s.X(w)))

    def fillrect(s, x0, y0, x1, y1, fill):
        s.d.rectangle([s.X(x0), s.X(y0), s.X(x1), s.X(y1)], fill=fill)

    def box(s, x, y, sz=3.2, tick=False):
        s.rect(x, y, x + sz, y + sz, w=0.25)
        if tick:
            s.ticks.append((x, y, sz))

    def logo(s, x, y, h=10.0, col=(0, 94, 184)):
        """NHS-style lozenge logo (graphic, not text)."""
        w = h * 2.45
        s.d.rectangle([s.X(x), s.X(y), s.X(x + w), s.X(y + h)], fill=col)
        f = font("arial_b", max(6, int(s.X(h) * 0.95)))
        s.d.text((s.X(x + w * 0.5), s.X(y + h * 0.52)), "NHS", font=f, fill=(255, 255, 255), anchor="mm")
        return x + w

    def crest(s, x, y, h, col=(30, 30, 30)):
        """Small decorative practice emblem (graphic)."""
        c = (s.X(x + h / 2), s.X(y + h / 2))
        rr = s.X(h / 2)
        s.d.ellipse([c[0] - rr, c[1] - rr, c[0] + rr, c[1] + rr], outline=col, width=max(2, s.X(0.6)))
        s.d.line([c[0], c[1] - rr * 0.7, c[0], c[1] + rr * 0.7], fill=col, width=max(2, s.X(0.9)))
        s.d.line([c[0] - rr * 0.7, c[1], c[0] + rr * 0.7, c[1]], fill=col, width=max(2, s.X(0.9)))

    def halftone(s, x0, y0, x1, y1, lpi=None, angle=None):
        """Re-screen a region (already drawn in flat colour) as halftone dots -> moire at scan dpi."""
        r = s.r
        lpi = lpi or r.choice([85, 100, 110, 120, 133])
        angle = math.radians(angle if angle is not None else r.choice([15, 45, 75]))
        X0, Y0, X1, Y1 = s.X(x0), s.X(y0), s.X(x1), s.X(y1)
        reg = np.asarray(s.img.crop((X0, Y0, X1, Y1)), dtype=np.float32) / 255.0
        yy, xx = np.mgrid[Y0:Y1, X0:X1].astype(np.float32)
        u = xx * math.cos(angle) + yy * math.sin(angle)
        v = -xx * math.sin(angle) + yy * math.cos(angle)
        fq = 2 * math.pi * lpi / s.dpi
        scr = 0.5 + 0.25 * (np.cos(fq * u) + np.cos(fq * v))
        cov = 1.0 - reg
        out = np.where(cov > scr[..., None], 0.0, 1.0)
        s.img.paste(Image.fromarray((out * 255).astype(np.uint8)), (X0, Y0))
        s.doc.page_notes.setdefault(id(s), []).append("halftone_letterhead_moire")

    def footer(s, lines, pt=7.5, key=None, align="c"):
        y = s.hmm - 8 - len(lines) * pt * 0.3528 * 1.3
        for ln in lines:
            x = s.wmm / 2 if align == "c" else 18
            y = s.t(x, y, ln, key=key, pt=pt, align=align)


# ----------------------------------------------------------------------------- fictional data
FIRST_F = ["Margaret", "Jean", "Patricia", "Susan", "Linda", "Aisha", "Priya", "Fatima", "Joan",
           "Eileen", "Sandra", "Gillian", "Nadia", "Chloe", "Bethan", "Siobhan", "Agnieszka",
           "Olufunke", "Mei", "Dorothy", "Rosalind", "Yvonne"]
FIRST_M = ["John", "David", "Michael", "Peter", "Robert", "Stephen", "Mohammed", "Rajesh", "Kwame",
           "Tomasz", "Gareth", "Callum", "Ian", "Derek", "Colin", "Imran", "Hamza", "Liam", "Owen",
           "Brian", "Desmond", "Reginald"]
SURN = ["Ashworth", "Brennan", "Castellano", "Dunmore", "Ellery", "Fairbrother", "Gallagher",
        "Hargreaves", "Iqbal", "Jablonski", "Kettering", "Lomax", "Nuttall", "Okonkwo", "Pennington",
        "Quayle", "Rahman", "Stanhope", "Thornbury", "Underwood", "Varley", "Whitcombe", "Yardley",
        "Zielinski", "Moorcroft", "Oyelaran", "Chaudhry", "Fenwick", "Haldane", "Kowalczyk",
        "Pryce", "Sheridan", "Trevithick", "Ridgeway", "Blackmore", "Entwistle"]
STREETS = ["Orchard Way", "Mill Lane", "Station Road", "Church Street", "Beech Avenue",
           "Victoria Terrace", "Hawthorn Close", "Kings Road", "Meadow Rise", "Foundry Lane",
           "Larkspur Drive", "Chapel Walk", "Quarry Hill", "Tannery Row", "Elm Grove"]
TOWNS = ["Westmere", "Lower Ashcombe", "Fernleigh", "Brackenholt", "Marlow Down", "Holbeck Vale",
         "Saltmarsh End", "Kingsfold"]
COUNTIES = ["Westmereshire", "North Fernleigh", ""]
PRACTICES = [("Mill Lane Surgery", "Mill Lane"), ("Fernleigh Medical Centre", "Hospital Road"),
             ("The Orchard Practice", "Orchard Way"), ("Station Road Health Centre", "Station Road"),
             ("Ashcombe Family Practice", "Church Street"), ("Brackenholt Group Practice", "Quarry Hill"),
             ("Kingsfold Road Surgery", "Kingsfold Road"), ("Saltmarsh Health Centre", "Harbour Street")]
GPS = ["Dr Arjun Mehta", "Dr Helen Fairweather", "Dr Samuel Osei", "Dr Catriona MacLeod",
       "Dr Tomos Griffiths", "Dr Ruth Abernethy", "Dr Nikhil Rao", "Dr Joanna Wilde",
       "Dr Edmund Hale", "Dr Yasmin Qureshi"]
HOSPS = [("Westmere General Hospital", "Westmere and Fernleigh Hospitals NHS Foundation Trust", "Westmere"),
         ("Brackenholt Royal Infirmary", "Brackenholt Teaching Hospitals NHS Trust", "Brackenholt"),
         ("Holbeck Vale Community Hospital", "Holbeck Vale Healthcare NHS Trust", "Holbeck Vale")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
PCL = "ABDEFGHJLNPQRSTUWXYZ"

CONDS = [
    dict(key="dyspepsia", spec="Gastroenterology", svc="Upper GI Surgery", clin="Mr Daniel Okafor",
         reason="Dyspepsia with weight loss", terse="?PUD / ?upper GI malignancy",
         hx="{He} is a {age} year old {man} with a {n} month history of epigastric discomfort after meals, with early satiety and unintentional weight loss of about {kg} kg. There has been no haematemesis or melaena. {He} has taken omeprazole 20mg daily for eight weeks with little benefit.",
         ex="Abdomen soft, mild epigastric tenderness, no palpable mass. Weight {wt} kg, BMI {bmi}.",
         inv="Hb {hb} g/L, ferritin {fer} ug/L, CRP {crp} mg/L. H. pylori stool antigen negative.",
         req="I would be grateful if you could see {him} and consider an upper GI endoscopy."),
    dict(key="chestpain", spec="Cardiology", svc="Rapid Access Chest Pain Clinic", clin="Dr Farid Haddad",
         reason="Exertional chest tightness", terse="?stable angina",
         hx="{He} describes central chest tightness on walking uphill for the last {n} months, relieved by rest within five minutes. No pain at rest. Ex-smoker of {py} pack years. Father had a myocardial infarction at 58.",
         ex="BP {bp} mmHg, pulse {hr} regular. Heart sounds normal, chest clear, no peripheral oedema.",
         inv="ECG sinus rhythm, no acute changes. Total cholesterol {chol} mmol/L, HbA1c {a1c} mmol/mol.",
         req="Please assess {him} in the chest pain clinic and advise on further investigation."),
    dict(key="mole", spec="Dermatology", svc="Dermatology - Skin Cancer", clin="Dr Lucy Penhaligon",
         reason="Changing pigmented lesion", terse="?melanoma L calf",
         hx="{He} has noticed a mole on the left calf which has enlarged and darkened over {n} months and occasionally itches. No bleeding. There is no family history of melanoma.",
         ex="Irregular pigmented lesion 9 x 7 mm with two colours and an irregular border. No palpable lymph nodes.",
         inv="Photographs attached to the referral.",
         req="I would be grateful for your urgent assessment of this lesion."),
    dict(key="psa", spec="Urology", svc="Urology - Prostate", clin="Mr Graham Ellison",
         reason="Raised PSA", terse="PSA {psa}, ?prostate ca",
         hx="{He} is a {age} year old man with nocturia three times a night and a poor stream for {n} months. PSA was {psa} ug/L, repeated at {psa2} ug/L six weeks later. No bone pain or haematuria.",
         ex="DRE: moderately enlarged prostate, firm on the left with loss of the median sulcus.",
         inv="Urine dip negative. eGFR {egfr} mL/min/1.73m2.",
         req="Please see {him} under the suspected cancer pathway."),
    dict(key="knee", spec="Orthopaedics", svc="Trauma and Orthopaedics - Knee", clin="Mr Ravi Sundaram",
         reason="Right knee pain, failed conservative treatment", terse="OA R knee, for opinion",
         hx="{He} has had right knee pain for {n} years, now limiting walking to about 200 yards and disturbing sleep. Physiotherapy and regular analgesia have not helped and {he} has had two steroid injections.",
         ex="Varus deformity, crepitus, fixed flexion of 10 degrees, range 10 to 95 degrees.",
         inv="X-ray shows loss of medial joint space with osteophytes.",
         req="Please assess {him} for consideration of knee replacement."),
    dict(key="cough", spec="Respiratory", svc="Respiratory - Lung Cancer", clin="Dr Amara Nwosu",
         reason="Persistent cough and haemoptysis", terse="?lung ca, haemoptysis",
         hx="{He} has had a persistent cough for {n} weeks with two episodes of blood-streaked sputum. Current smoker of {py} pack years. Some weight loss and fatigue.",
         ex="SpO2 {spo2}% on air. Reduced air entry right base. No clubbing.",
         inv="Chest X-ray on {cxr} reported as right hilar prominence.",
         req="Please see {him} urgently under the two week wait pathway."),
    dict(key="headache", spec="Neurology", svc="Neurology General", clin="Dr Peter Lindqvist",
         reason="New daily headache", terse="new headache, ?cause",
         hx="{He} reports a new daily headache over {n} weeks, worse in the mornings and on coughing. No visual disturbance. Paracetamol gives partial relief.",
         ex="Neurological examination normal including fundi. BP {bp} mmHg.",
         inv="FBC, U&E and CRP normal.",
         req="I would value your opinion regarding further imaging."),
    dict(key="hoarse", spec="ENT", svc="ENT - Head and Neck", clin="Miss Rebecca Thorne",
         reason="Hoarse voice for more than three weeks", terse="hoarse voice {n}/52",
         hx="{He} has had a hoarse voice for {n} weeks without an upper respiratory infection. Occasional discomfort on swallowing. Smoker.",
         ex="No cervical lymphadenopathy. Oral cavity normal.",
         inv="Thyroid function normal.",
         req="Please see {him} for laryngoscopy under the suspected cancer pathway."),
]

MEDS = ["Ramipril 5mg capsules - one daily", "Atorvastatin 20mg tablets - one at night",
        "Metformin 500mg tablets - one twice daily", "Omeprazole 20mg capsules - one daily",
        "Amlodipine 5mg tablets - one daily", "Levothyroxine 75 micrograms - one each morning",
        "Salbutamol 100mcg inhaler - two puffs as required", "Co-codamol 8/500 - two four times daily",
        "Sertraline 50mg tablets - one daily", "Bisoprolol 2.5mg tablets - one daily",
        "Aspirin 75mg dispersible - one daily", "Lansoprazole 30mg - one daily",
        "Bendroflumethiazide 2.5mg - one each morning", "Simvastatin 40mg - one at night"]
PMH = ["Hypertension", "Type 2 diabetes", "Hypothyroidism", "Asthma", "Osteoarthritis",
       "Depression", "Atrial fibrillation", "COPD", "Previous cholecystectomy", "Gout",
       "Hypercholesterolaemia", "Chronic kidney disease stage 3"]
ALLERG = ["No known drug allergies", "Penicillin - rash", "NKDA", "Codeine - vomiting",
          "Trimethoprim - rash"]
ANNOT = ["Seen", "urgent!", "2WW - booked", "file", "?CT", "pls action", "D/W consultant",
         "chase bloods", "routine", "OK to book", "not known to us?", "copy to notes",
         "scanned", "Pt aware", "needs interpreter", "? duplicate", "to Dr H", "vetted - urgent"]


def nhs_number(r, used):
    while True:
        d = [9, 9, 9] + [r.randint(0, 9) for _ in range(6)]
        sm = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - sm % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d + [c]))
        if n not in used:
            used.add(n)
            return n


def fmt_nhs(n, st):
    if st == "plain":
        return n
    if st == "dash":
        return f"{n[:3]}-{n[3:6]}-{n[6:]}"
    if st == "boxes":
        return " ".join(n)
    return f"{n[:3]} {n[3:6]} {n[6:]}"


def ordinal(d):
    return str(d) + ("th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))


def fmt_date(d, st):
    m = MONTHS[d.month - 1]
    return {
        "dmy/": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "dmy-": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "dmy.yy": f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
        "dmy/yy": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "d Month yyyy": f"{d.day} {m} {d.year}",
        "dth Month yyyy": f"{ordinal(d.day)} {m} {d.year}",
        "dd-Mon-yyyy": f"{d.day:02d}-{m[:3]}-{d.year}",
        "dd Mon yyyy": f"{d.day:02d} {m[:3]} {d.year}",
        "DD-MON-YYYY": f"{d.day:02d}-{m[:3].upper()}-{d.year}",
        "DD MON YYYY": f"{d.day:02d} {m[:3].upper()} {d.year}",
        "iso": d.isoformat(),
        "d Mon yyyy": f"{d.day} {m[:3]} {d.year}",
    }[st]


def rdate(r, y0, y1):
    a = dt.date(y0, 1, 1).toordinal()
    b = dt.date(y1, 12, 28).toordinal()
    return dt.date.fromordinal(r.randint(a, b))


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ----------------------------------------------------------------------------- document context
class Doc:
    def __init__(s, spec, used):
        s.spec = spec
        n = spec["n"]
        s.r = R("doc", n)
        r = s.r
        o = spec.get("o", {})
        s.o = o
        s.fk = o.get("font", "arial")
        s.pt = o.get("pt", 10.5)
        s.style = o.get("style")
        s.ink = o.get("ink", (20, 20, 20))
        s.weakpin = r.randint(0, 8)
        s.fonts_used = set()
        s.page_notes = {}
        s.distractors = []
        s.pages = []
        s.nhs_print = None
        s.dob_print = None
        s.nhs_style = o.get("nhs", r.choice(["space", "space", "plain", "dash"]))
        s.dob_style = o.get("dob", r.choice(["dmy/", "d Month yyyy", "dd-Mon-yyyy", "dmy.yy"]))
        # patient
        s.sex = r.choice("FM")
        if o.get("sex"):
            s.sex = o["sex"]
        s.first = r.choice(FIRST_F if s.sex == "F" else FIRST_M)
        s.sur = r.choice(SURN)
        s.title = r.choice(["Mrs", "Ms", "Miss"]) if s.sex == "F" else "Mr"
        y0, y1 = o.get("years", (2003, 2022))
        s.date = rdate(r, y0, y1)
        s.dob = rdate(r, 1924, min(1998, s.date.year - 20))
        s.age = age_on(s.dob, s.date)
        s.nhs = nhs_number(r, used)
        s.town = r.choice(TOWNS)
        s.addr = [f"{r.randint(1, 180)} {r.choice(STREETS)}", s.town,
                  f"ZX{r.randint(1, 99)} {r.randint(1, 9)}{r.choice(PCL)}{r.choice(PCL)}"]
        s.tel = f"01632 960{r.randint(0, 999):03d}"
        s.mob = f"07700 900{r.randint(0, 999):03d}"
        s.hosp_no = r.choice(["RX", "W", "K", "BRI"]) + str(r.randint(100000, 9999999))
        s.practice, pstreet = r.choice(PRACTICES)
        s.ptown = r.choice(TOWNS)
        s.paddr = [f"{r.randint(1, 60)} {pstreet}", s.ptown,
                   f"ZX{r.randint(1, 99)} {r.randint(1, 9)}{r.choice(PCL)}{r.choice(PCL)}"]
        s.ptel = f"01632 960{r.randint(0, 999):03d}"
        s.pfax = f"01632 960{r.randint(0, 999):03d}"
        s.pcode = f"Z{r.randint(90000, 99999)}"
        s.gp = r.choice(GPS)
        s.hosp, s.trust, s.htown = r.choice(HOSPS)
        s.haddr = [f"{r.choice(['Hospital Road', 'Infirmary Street', 'Vale Road'])}", s.htown,
                   f"ZX{r.randint(1, 20)} {r.randint(1, 9)}{r.choice(PCL)}{r.choice(PCL)}"]
        s.htel = f"01632 960{r.randint(0, 999):03d}"
        c = dict(CONDS[o["cond"]]) if "cond" in o else dict(r.choice(CONDS))
        if s.sex == "F" and c["key"] == "psa":
            c = dict(CONDS[0])
        s.cond = c
        he = "She" if s.sex == "F" else "He"
        vals = dict(He=he, he=he.lower(), him="her" if s.sex == "F" else "him",
                    man="woman" if s.sex == "F" else "man", age=s.age, n=r.randint(2, 9),
                    kg=r.randint(3, 9), wt=r.randint(52, 104), bmi=f"{r.uniform(19, 36):.1f}",
                    hb=r.randint(96, 150), fer=r.randint(6, 180), crp=r.randint(1, 40),
                    py=r.randint(10, 50), bp=f"{r.randint(118, 172)}/{r.randint(68, 98)}",
                    hr=r.randint(58, 96), chol=f"{r.uniform(3.8, 7.4):.1f}", a1c=r.randint(36, 71),
                    psa=f"{r.uniform(4.2, 14):.1f}", psa2=f"{r.uniform(4.2, 16):.1f}",
                    egfr=r.randint(48, 90), spo2=r.randint(92, 99),
                    cxr=fmt_date(s.date - dt.timedelta(days=r.randint(5, 20)), "dmy/"))
        for k in ("hx", "ex", "inv", "req", "terse"):
            c[k] = c[k].format(**vals)
        s.vals = vals
        s.meds = r.sample(MEDS, r.randint(2, 5))
        s.pmh = r.sample(PMH, r.randint(1, 4))
        s.allergy = r.choice(ALLERG)

    # values that are recorded the first time they are printed
    def NHS(s, st=None):
        v = fmt_nhs(s.nhs, st or s.nhs_style)
        if s.nhs_print is None:
            s.nhs_print = v
        return v

    def DOB(s, st=None):
        v = fmt_date(s.dob, st or s.dob_style)
        if s.dob_print is None:
            s.dob_print = v
        return v

    def D(s, d, st, kind="date"):
        v = fmt_date(d, st)
        s.dist(kind, v)
        return v

    def dist(s, kind, v):
        v = norm(v)
        if {"type": kind, "value": v} not in s.distractors:
            s.distractors.append({"type": kind, "value": v})
        return v

    def page(s, i):
        size, dpi = s.spec["pg"][i][2], s.spec["dpi"]
        if s.o.get("fax"):
            dpi = 200
        p = Page(s, size, dpi)
        s.pages.append(p)
        if s.o.get("fax"):
            fax_header(s, p, i)
        return p

    @property
    def name(s):
        return f"{s.title} {s.first} {s.sur}"

    @property
    def NAME(s):
        return f"{s.sur.upper()}, {s.first} ({s.title})"

    def ubrn(s):
        v = f"{s.r.randint(0, 9999):04d} {s.r.randint(0, 9999):04d} {s.r.randint(0, 9999):04d}"
        return s.dist("ubrn", v)


def fax_header(doc, p, i):
    npg = len(doc.spec["pg"])
    d = doc.date + dt.timedelta(days=doc.r.randint(0, 2))
    txt = (f"{fmt_date(d, 'dd Mon yyyy').upper()} {doc.r.randint(8, 17):02d}:{doc.r.randint(0, 59):02d}"
           f"   FROM: {doc.pfax}   {doc.practice.upper()}   TO: 01632 960{doc.r.randint(0, 999):03d}"
           f"   P.{i + 1:03d}/{npg:03d}")
    p.t(8, 4, txt, key="courier_b", pt=8.5, style="")
    doc.dist("fax_header", txt)


# ----------------------------------------------------------------------------- layout helpers
def practice_block(doc, p, x, y, align="l", pt=None, bold_name=True, small=8.5, lines=None):
    pt = pt or doc.pt + 3
    y = p.t(x, y, doc.practice, pt=pt, bold=bold_name, align=align)
    for ln in (lines or (doc.paddr + [f"Tel: {doc.ptel}   Fax: {doc.pfax}"])):
        y = p.t(x, y, ln, pt=small, align=align)
    doc.dist("practice_phone", doc.ptel)
    doc.dist("practice_fax", doc.pfax)
    return y


def hospital_block(doc, p, x, y, pt=None, align="r"):
    y = p.t(x, y, doc.hosp, pt=(pt or doc.pt) + 1, bold=True, align=align)
    for ln in doc.haddr + [f"Switchboard: {doc.htel}"]:
        y = p.t(x, y, ln, pt=(pt or doc.pt) - 1.5, align=align)
    doc.dist("hospital_phone", doc.htel)
    return y


def letterhead_band(doc, p, y=8, h=22, colour=(0, 94, 184), tint=(190, 215, 240)):
    """Pre-printed trust letterhead: tinted halftone band + logo, trust name in band."""
    p.fillrect(0, y, p.wmm, y + h, tint)
    p.logo(p.wmm - 45, y + 4, 9, col=colour)
    p.halftone(0, y, p.wmm, y + h)
    yy = p.t(15, y + 4, doc.trust, pt=12, bold=True, key="arial", fill=(10, 40, 100))
    p.t(15, yy + 0.5, doc.hosp, pt=9.5, key="arial", fill=(10, 40, 100))
    return y + h + 4


def addr_lines(doc, p, x, y, lines, pt=None):
    for ln in lines:
        y = p.t(x, y, ln, pt=pt)
    return y


def sign_off(doc, p, x, y, name, role, pt=None, sincerely="Yours sincerely"):
    y = p.t(x, y, sincerely + ",", pt=pt) + 3
    p.sig = (x, y)
    y += 12
    y = p.t(x, y, name, pt=pt, bold=True)
    y = p.t(x, y, role, pt=pt)
    return y


def section_bar(p, y, text, x0=15, x1=None, fill=(215, 215, 215), pt=None, key=None):
    x1 = x1 or p.wmm - 15
    h = (pt or p.pt) * 0.3528 * 1.45
    p.fillrect(x0, y - 0.6, x1, y + h, fill)
    p.t(x0 + 1.5, y, text, pt=pt, bold=True, key=key)
    return y + h + 1.5


def med_rows(doc, p, y, x=18, pt=None, dated=False):
    for m in doc.meds:
        if dated:
            d = doc.date - dt.timedelta(days=doc.r.randint(20, 900))
            y = p.row(y, [(x, doc.D(d, "dmy/", "med_issue_date")), (x + 25, m)], pt=pt)
        else:
            y = p.t(x, y, m, pt=pt)
    return y


def cond_paras(doc, p, x, y, w, pt=None, labels=True):
    c = doc.cond
    if labels:
        y = p.t(x, y, "History", pt=pt, bold=True)
    y = p.para(x, y, w, c["hx"], pt=pt)
    if labels:
        y = p.t(x, y, "Examination", pt=pt, bold=True)
    y = p.para(x, y, w, c["ex"], pt=pt)
    if labels:
        y = p.t(x, y, "Investigations", pt=pt, bold=True)
    y = p.para(x, y, w, c["inv"], pt=pt)
    return y


# ----------------------------------------------------------------------------- referral layouts
def L_ers(doc):
    p = doc.page(0)
    c = doc.cond
    y = 14
    p.logo(p.wmm - 45, 10, 10)
    y = p.t(15, y, "NHS e-Referral Service", pt=15, bold=True)
    y = p.t(15, y + 1, "Referral Letter", pt=12, bold=True) + 2
    y = p.row(y, [(15, "UBRN:"), (42, doc.ubrn()), (110, "Date of referral:"),
                  (150, doc.D(doc.date, "dd-Mon-yyyy", "letter_date"))])
    y = p.row(y, [(15, "Priority:"), (42, doc.r.choice(["Urgent", "2 Week Wait", "Routine"]))])
    y = p.row(y, [(15, "Service:"), (42, f"{c['svc']} - {doc.hosp} - RXZ")]) + 2
    y = section_bar(p, y, "Patient Details")
    tab = [("Name", doc.NAME), ("NHS Number", doc.NHS()), ("Date of Birth", doc.DOB()),
           ("Gender", "Female" if doc.sex == "F" else "Male"), ("Address", ", ".join(doc.addr)),
           ("Telephone", doc.dist("patient_phone", doc.tel)), ("Mobile", doc.dist("patient_mobile", doc.mob))]
    for k, v in tab:
        y = p.row(y, [(18, k), (62, v)])
    y = section_bar(p, y + 2, "Referrer Details")
    for k, v in [("Referring Clinician", doc.gp), ("Organisation", f"{doc.practice} ({doc.pcode})"),
                 ("Telephone", doc.ptel)]:
        y = p.row(y, [(18, k), (62, v)])
    doc.dist("practice_code", doc.pcode)
    y = section_bar(p, y + 2, "Clinical Information")
    y = p.row(y, [(18, "Reason for referral:"), (62, c["reason"])]) + 1
    y = cond_paras(doc, p, 18, y, p.wmm - 36, labels=True)
    y = p.t(18, y, "Past Medical History", bold=True)
    y = p.t(18, y, "; ".join(doc.pmh))
    y = p.t(18, y + 1, "Current Medication", bold=True)
    y = med_rows(doc, p, y)
    y = p.row(y + 1, [(18, "Allergies:", {"bold": True}), (45, doc.allergy)])
    y = p.para(18, y + 1, p.wmm - 36, c["req"])
    ts = f"{doc.r.randint(8, 18):02d}:{doc.r.randint(0, 59):02d}"
    p.footer([f"Printed from the NHS e-Referral Service on {fmt_date(doc.date, 'dd-Mon-yyyy')} {ts} by {doc.gp}",
              "Page 1 of 1"])


def L_tickbox(doc):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    title = {"Gastroenterology": "SUSPECTED UPPER GI CANCER", "Dermatology": "SUSPECTED SKIN CANCER",
             "Urology": "SUSPECTED UROLOGICAL CANCER", "Respiratory": "SUSPECTED LUNG CANCER",
             "ENT": "SUSPECTED HEAD AND NECK CANCER"}.get(c["spec"], "URGENT REFERRAL")
    p.logo(p.wmm - 42, 8, 8)
    y = p.t(15, 10, f"{title} REFERRAL FORM", pt=13, bold=True)
    y = p.t(15, y, "Two Week Wait - fax or send via e-RS within 24 hours of decision to refer", pt=8.5)
    y += 2
    x0, x1, xm = 15, p.wmm - 15, p.wmm / 2
    rh = 7.5
    # grid of patient details (table rows with borders)
    boxes = doc.o.get("nhsboxes")
    rows = [[("Surname", doc.sur.upper()), ("Forename(s)", doc.first)],
            [("Date of birth", doc.DOB()), ("Gender", "F" if doc.sex == "F" else "M")],
            [("NHS number", None), ("Hospital no.", doc.dist("hospital_number", doc.hosp_no))],
            [("Address", ", ".join(doc.addr[:2])), ("Postcode", doc.addr[2])],
            [("Tel (home)", doc.dist("patient_phone", doc.tel)), ("Mobile", doc.dist("patient_mobile", doc.mob))]]
    for cells in rows:
        p.rect(x0, y, x1, y + rh, w=0.25)
        p.vline(xm, y, y + rh, w=0.25)
        ty = y + 1.6
        if cells[0][1] is None:
            # NHS number in ten digit boxes, or plain
            p.vline(x0 + 28, y, y + rh, w=0.2)
            if boxes:
                v = doc.NHS("boxes")
                parts = [(x0 + 1.5, "NHS number")]
                for i, ch in enumerate(doc.nhs):
                    bx = x0 + 30 + i * 5.5
                    p.rect(bx, y + 1, bx + 5, y + rh - 1, w=0.2)
                    parts.append((bx + 2.5, ch, {"align": "c"}))
            else:
                parts = [(x0 + 1.5, "NHS number"), (x0 + 30, doc.NHS())]
            parts += [(xm + 1.5, cells[1][0]), (xm + 30, cells[1][1])]
            p.row(ty, parts)
        else:
            p.vline(x0 + 28, y, y + rh, w=0.2)
            p.vline(xm + 28, y, y + rh, w=0.2)
            p.row(ty, [(x0 + 1.5, cells[0][0]), (x0 + 30, cells[0][1]),
                       (xm + 1.5, cells[1][0]), (xm + 30, cells[1][1])])
        y += rh
    y += 3
    y = section_bar(p, y, "Referral criteria (tick all that apply)")
    crit = {"Gastroenterology": ["Dysphagia", "Aged 55 and over with weight loss and upper abdominal pain",
                                 "Aged 55 and over with weight loss and reflux", "Upper abdominal mass",
                                 "Haematemesis"],
            "Dermatology": ["Suspicious pigmented lesion, weighted checklist score of 3 or more",
                            "Dermoscopy suggests melanoma", "Suspected squamous cell carcinoma",
                            "Non-healing lesion on the face"]}.get(
        c["spec"], ["Unexplained symptom lasting more than 3 weeks", "Abnormal imaging",
                    "Abnormal blood test", "Unexplained weight loss", "Clinical concern"])
    for i, cr in enumerate(crit):
        p.box(18, y + 0.6, tick=(i in (0, 2) or r.random() < 0.3))
        y = p.t(24, y, cr) + 0.8
    y += 2
    y = section_bar(p, y, "Clinical details")
    y = p.para(18, y, p.wmm - 36, c["hx"])
    y = p.para(18, y, p.wmm - 36, c["ex"])
    y = p.row(y + 1, [(18, "WHO performance status:"), (70, str(r.randint(0, 2)))])
    y = p.row(y, [(18, "Anticoagulants:"), (70, r.choice(["None", "Apixaban", "Warfarin"]))])
    y = p.row(y, [(18, "Patient informed of urgent referral:"), (95, "Yes")])
    y += 2
    y = section_bar(p, y, "Referrer")
    y = p.row(y, [(18, "GP name:"), (45, doc.gp), (110, "Practice code:"), (140, doc.dist("practice_code", doc.pcode))])
    y = p.row(y, [(18, "Practice:"), (45, doc.practice), (110, "Tel:"), (140, doc.ptel)])
    y = p.row(y, [(18, "Date of decision to refer:"), (70, doc.D(doc.date, "dmy/", "letter_date"))])
    p.sig = (120, y)
    p.footer([f"{doc.trust} - Cancer Services - form CS/2WW/{r.randint(1, 9)} v{r.randint(2, 9)}.{r.randint(0, 9)}",
              "Please ensure all sections are completed. Incomplete forms may be returned."], pt=7)
    doc.dist("hospital_phone", doc.ptel)


def L_dictated(doc, two_page=False):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    cen = doc.o.get("centred", r.random() < 0.5)
    if cen:
        p.crest(p.wmm / 2 - 5, 8, 10)
        y = practice_block(doc, p, p.wmm / 2, 20, align="c")
    else:
        y = practice_block(doc, p, p.wmm - 18, 12, align="r")
    doc.dist("practice_code", doc.pcode)
    y = max(y, 42) + 4
    rec = [c["clin"], f"Consultant, {c['spec']}", doc.hosp] + doc.haddr
    y1 = addr_lines(doc, p, 20, y, rec)
    yr = p.t(130, y, f"Our ref: {doc.gp.split()[-1][:2].upper()}/{r.choice(['jk', 'lm', 'sb'])}/{r.randint(100, 999)}")
    doc.dist("reference", norm(p.gt[-1]))
    yr = p.t(130, yr, f"Date: {doc.D(doc.date, r.choice(['d Month yyyy', 'dmy/', 'dth Month yyyy']), 'letter_date')}")
    y = max(y1, yr) + 6
    y = p.t(20, y, f"Dear {c['clin'].split()[0]} {c['clin'].split()[-1]},") + 2
    re_style = r.randint(0, 2)
    if re_style == 0:
        y = p.t(20, y, f"Re: {doc.name}   DOB: {doc.DOB()}   NHS No: {doc.NHS()}", bold=True)
        y = p.t(27, y, ", ".join(doc.addr), bold=True)
    elif re_style == 1:
        y = p.t(20, y, f"RE: {doc.first.upper()} {doc.sur.upper()} - {', '.join(doc.addr)}", bold=True)
        y = p.t(27, y, f"Date of Birth: {doc.DOB()}   NHS Number: {doc.NHS()}   Hosp No: {doc.dist('hospital_number', doc.hosp_no)}", bold=True)
    else:
        y = p.t(20, y, f"Re:  {doc.name}", bold=True)
        y = p.t(29, y, f"D.O.B. {doc.DOB()}", bold=True)
        y = p.t(29, y, f"NHS No. {doc.NHS()}", bold=True)
        y = p.t(29, y, ", ".join(doc.addr), bold=True)
    y += 3
    w = p.wmm - 40
    y = p.para(20, y, w, f"Thank you for seeing this {doc.age} year old {doc.vals['man']} with {c['reason'].lower()}.")
    y = p.para(20, y, w, c["hx"])
    if two_page:
        y = p.para(20, y, w, c["ex"])
        y = p.para(20, y, w, c["inv"])
        y = p.t(20, y, "Past medical history:", bold=True)
        for x in doc.pmh:
            y = p.t(25, y, "- " + x)
        p.footer([f"{doc.practice}, {', '.join(doc.paddr)} - Practice code {doc.pcode}", "Continued overleaf"], pt=7.5)
        p = doc.page(1)
        y = p.t(20, 15, f"{doc.name}  DOB {doc.DOB()}  - page 2", pt=doc.pt - 1)
        y += 4
        y = p.t(20, y, "Current medication:", bold=True)
        y = med_rows(doc, p, y, x=25)
        y = p.t(20, y + 1, f"Allergies: {doc.allergy}")
        y = p.para(20, y + 3, w, c["req"])
        y = p.para(20, y, w, "Please do not hesitate to contact me if you require any further information.")
    else:
        y = p.para(20, y, w, c["ex"] + " " + c["inv"])
        y = p.t(20, y, "Medication: " + "; ".join(m.split(" - ")[0] for m in doc.meds))
        y = p.t(20, y + 1, "Allergies: " + doc.allergy) + 2
        y = p.para(20, y, w, c["req"])
    y = sign_off(doc, p, 20, y + 3, doc.gp, "General Practitioner")
    td = doc.date - dt.timedelta(days=r.randint(1, 6))
    y = p.t(20, y + 3, f"Dictated {doc.D(td, 'dmy/', 'dictated_date')} - typed {fmt_date(doc.date, 'dmy/')}", pt=8)
    y = p.t(20, y, f"cc {doc.name}, {doc.addr[0]}", pt=8)
    if not two_page:
        p.footer([f"Partners: {doc.gp}, Dr K Lamb, Dr P Ferreira  |  Practice code {doc.pcode}"], pt=7)


def L_soap(doc):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    y = practice_block(doc, p, 15, 12, pt=doc.pt + 2, lines=[", ".join(doc.paddr), f"Tel {doc.ptel}"])
    p.hline(y + 1, 15, p.wmm - 15, w=0.5)
    y += 4
    y = p.t(15, y, "Consultation record / request for specialist opinion", pt=doc.pt + 1, bold=True) + 1
    y = p.row(y, [(15, "Patient:"), (38, f"{doc.first} {doc.sur.upper()}"), (105, "NHS Number:"), (135, doc.NHS())])
    y = p.row(y, [(15, "DOB:"), (38, doc.DOB()), (105, "Seen:"), (135, doc.D(doc.date, "dmy/", "consultation_date"))])
    y = p.row(y, [(15, "Clinician:"), (38, doc.gp), (105, "To:"), (135, c["spec"])]) + 3
    w = p.wmm - 45
    for lab, txt in [("S:", c["hx"]),
                     ("O:", c["ex"] + f" Temp {r.uniform(36.2, 37.6):.1f}C, RR {r.randint(12, 20)}."),
                     ("A:", c["reason"] + ". " + c["terse"]),
                     ("P:", c["req"] + " Safety-netting advice given. Review in " + str(r.randint(2, 6)) + " weeks.")]:
        p.t(15, y, lab, bold=True)
        y = p.para(27, y, w, txt) + 1
    y = p.t(15, y, "PMH: " + ", ".join(doc.pmh))
    y = p.t(15, y, "Meds: " + ", ".join(m.split(" - ")[0] for m in doc.meds))
    y = p.t(15, y, "Allergies: " + doc.allergy)
    p.sig = (130, y + 4)
    p.footer([f"Generated {fmt_date(doc.date, 'dmy/')} {r.randint(8, 18):02d}:{r.randint(0, 59):02d} - {doc.practice} - confidential patient information"], pt=7)


def emis_band(doc, p, y):
    p.fillrect(10, y - 1, p.wmm - 10, y + 12, (205, 220, 235))
    if doc.o.get("bandtone"):
        p.halftone(10, y - 1, p.wmm - 10, y + 12, lpi=doc.r.choice([100, 120]))
    y = p.row(y, [(13, f"{doc.sur.upper()}, {doc.first} ({doc.title})", {"bold": True}),
                  (85, f"Born {doc.DOB()} ({doc.age}y)"), (145, f"Gender {'Female' if doc.sex == 'F' else 'Male'}")])
    y = p.row(y, [(13, f"NHS No. {doc.NHS()}"), (85, f"Usual GP {doc.gp}"), (145, f"Tel {doc.dist('patient_phone', doc.tel)}")])
    return y + 3


def L_emis(doc, two_page=False):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    y = p.t(10, 6, "EMIS Web - Referral Letter", pt=7.5)
    y = emis_band(doc, p, 11)
    y = practice_block(doc, p, p.wmm - 15, y + 2, align="r", pt=11, small=8.5)
    y = addr_lines(doc, p, 15, y + 2, [c["clin"], c["svc"], doc.hosp] + doc.haddr[:2])
    y = p.t(15, y + 3, doc.D(doc.date, "d Month yyyy", "letter_date")) + 3
    y = p.t(15, y, "Dear Colleague,") + 1
    w = p.wmm - 30
    y = p.para(15, y, w, f"Re: {doc.name}, {', '.join(doc.addr)}", bold=True)
    y = p.para(15, y, w, f"I would be grateful if you would see this patient regarding {c['reason'].lower()}. {c['hx']}")
    y = p.para(15, y, w, c["ex"])
    y = p.para(15, y, w, c["req"])
    y = p.t(15, y, "Yours faithfully,") + 10
    p.sig = (15, y - 10)
    y = p.t(15, y, doc.gp, bold=True)
    if two_page:
        p.footer([f"Printed by {doc.gp} on {fmt_date(doc.date, 'dd-Mon-yyyy')} - Page 1 of 2"], pt=7.5)
        p = doc.page(1)
        y = p.t(10, 6, "EMIS Web - Referral Letter (attachment)", pt=7.5)
        y = emis_band(doc, p, 11)
    y = section_bar(p, y + 3, "Active Problems", x0=15)
    for pr in doc.pmh:
        d = rdate(r, doc.date.year - 15, doc.date.year - 1)
        y = p.row(y, [(18, doc.D(d, "dd-Mon-yyyy", "problem_date")), (48, pr)])
    y = section_bar(p, y + 2, "Current Medication", x0=15)
    y = p.row(y, [(18, "Last issued", {"bold": True}), (48, "Drug and dosage", {"bold": True})])
    y = med_rows(doc, p, y, x=18, dated=True)
    y = section_bar(p, y + 2, "Allergies", x0=15)
    y = p.t(18, y, doc.allergy)
    y = section_bar(p, y + 2, "Recent Values", x0=15)
    for lab, v in [("Blood pressure", doc.vals["bp"] + " mmHg"), ("BMI", str(doc.vals["bmi"])),
                   ("Haemoglobin", f"{doc.vals['hb']} g/L"), ("eGFR", f"{doc.vals['egfr']} mL/min")]:
        d = doc.date - dt.timedelta(days=r.randint(3, 200))
        y = p.row(y, [(18, doc.D(d, "dd-Mon-yyyy", "result_date")), (48, lab), (100, v)])
    pg = "Page 2 of 2" if two_page else "Page 1 of 1"
    p.footer([f"Printed by {doc.gp} on {fmt_date(doc.date, 'dd-Mon-yyyy')} - {pg}"], pt=7.5)


def L_systmone(doc, two_page=False):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    y = p.t(15, 10, doc.practice, pt=13, bold=True)
    y = p.t(15, y, ", ".join(doc.paddr) + f"  Tel: {doc.ptel}", pt=8.5)
    y = p.t(15, y + 3, "Referral for Specialist Assessment", pt=12, bold=True) + 2
    # boxed demographics table
    x0, x1 = 15, p.wmm - 15
    tab = [("Patient Name", f"{doc.title} {doc.first} {doc.sur}", "NHS Number", doc.NHS()),
           ("Date of Birth", doc.DOB(), "Sex", "Female" if doc.sex == "F" else "Male"),
           ("Address", ", ".join(doc.addr), "Home Tel", doc.dist("patient_phone", doc.tel)),
           ("Registered GP", doc.gp, "Practice Code", doc.dist("practice_code", doc.pcode))]
    for a, b, cc, d in tab:
        p.rect(x0, y, x1, y + 7, w=0.2)
        p.fillrect(x0 + 0.3, y + 0.3, x0 + 30, y + 6.7, (230, 230, 230))
        p.fillrect(x0 + 110.3, y + 0.3, x0 + 140, y + 6.7, (230, 230, 230))
        p.row(y + 1.5, [(x0 + 1.5, a, {"bold": True}), (x0 + 32, b), (x0 + 111.5, cc, {"bold": True}), (x0 + 142, d)], pt=9)
        y += 7
    y += 4
    y = p.row(y, [(15, "Referred to:", {"bold": True}), (45, f"{c['clin']}, {c['svc']}, {doc.hosp}")])
    y = p.row(y, [(15, "Urgency:", {"bold": True}), (45, r.choice(["Urgent", "Soon", "Routine"]))])
    y = p.row(y, [(15, "Date:", {"bold": True}), (45, doc.D(doc.date, "dmy/", "letter_date"))]) + 3
    w = p.wmm - 30
    y = p.t(15, y, "Reason for referral", bold=True)
    y = p.para(15, y, w, c["reason"] + ". " + c["hx"])
    y = p.para(15, y, w, c["ex"] + " " + c["inv"])
    y = p.para(15, y, w, c["req"])
    if two_page:
        p.footer([f"SystmOne - printed {fmt_date(doc.date, 'dmy/')} - page 1 of 2 - {doc.sur.upper()} {doc.NHS('plain')}"], pt=7)
        p = doc.page(1)
        y = p.row(12, [(15, f"{doc.first} {doc.sur.upper()}"), (90, f"DOB {doc.DOB()}"), (140, f"NHS {doc.NHS()}")], pt=8.5)
        y += 3
    y = p.t(15, y + 2, "Journal (last 6 months)", bold=True)
    y = p.row(y, [(15, "Date", {"bold": True}), (40, "Staff", {"bold": True}), (80, "Entry", {"bold": True})], pt=9)
    entries = ["Telephone consultation - symptoms discussed", "Bloods taken, results reviewed",
               "Medication review completed", "Seen in surgery - referral discussed",
               "Blood pressure recorded " + doc.vals["bp"], "Sick note issued 2 weeks"]
    for e in r.sample(entries, 4 if not two_page else 6):
        d = doc.date - dt.timedelta(days=r.randint(1, 180))
        y = p.row(y, [(15, doc.D(d, "dmy/", "journal_date")), (40, r.choice(GPS).replace("Dr ", "Dr. ")), (80, e)], pt=9)
    y = p.t(15, y + 2, "Medication", bold=True)
    y = med_rows(doc, p, y, pt=9)
    y = p.t(15, y + 1, "Allergies: " + doc.allergy, pt=9)
    p.sig = (120, y + 3)
    pg = "page 2 of 2" if two_page else "page 1 of 1"
    p.footer([f"SystmOne - printed {fmt_date(doc.date, 'dmy/')} - {pg} - {doc.sur.upper()} {doc.NHS('plain')}"], pt=7)


def L_vision(doc):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    pt = doc.pt
    y = p.t(12, 10, f"{doc.practice.upper()}          VISION CONSULTATION PRINT", pt=pt)
    y = p.t(12, y, "=" * 78, pt=pt)
    y = p.t(12, y, f"PATIENT : {doc.sur.upper()} {doc.first.upper()} {doc.title.upper()}", pt=pt)
    y = p.t(12, y, f"DOB     : {doc.DOB()}      NHS NO: {doc.NHS()}", pt=pt)
    y = p.t(12, y, f"ADDRESS : {', '.join(doc.addr).upper()}", pt=pt)
    y = p.t(12, y, f"TEL     : {doc.dist('patient_phone', doc.tel)}   REG GP: {doc.gp.upper()}", pt=pt)
    y = p.t(12, y, "-" * 78, pt=pt)
    y = p.t(12, y, f"REFERRAL TO : {c['clin'].upper()} - {c['spec'].upper()}", pt=pt)
    y = p.t(12, y, f"HOSPITAL    : {doc.hosp.upper()}", pt=pt)
    y = p.t(12, y, f"DATE        : {doc.D(doc.date, 'dmy/', 'letter_date')}", pt=pt)
    y = p.t(12, y, "-" * 78, pt=pt) + 2
    w = p.wmm - 26
    for lab, txt in [("HISTORY", c["hx"]), ("EXAMINATION", c["ex"]), ("RESULTS", c["inv"]), ("REQUEST", c["req"])]:
        y = p.t(12, y, lab + ":", pt=pt)
        y = p.para(16, y, w - 4, txt, pt=pt)
    y = p.t(12, y, "REPEAT MEDICATION:", pt=pt)
    for m in doc.meds:
        d = doc.date - dt.timedelta(days=r.randint(10, 400))
        y = p.t(16, y, f"{doc.D(d, 'dmy/', 'med_issue_date')}  {m.upper()}", pt=pt)
    y = p.t(12, y + 1, f"ALLERGIES: {doc.allergy.upper()}", pt=pt)
    y = p.t(12, y, "=" * 78, pt=pt)
    p.sig = (120, y + 2)
    p.footer([f"PRINTED {fmt_date(doc.date, 'dmy/')} USER {doc.gp.split()[-1].upper()}   PAGE 1"], pt=7.5, key=doc.fk, align="l")


def L_terse(doc):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    y = p.t(15, 12, f"{doc.practice} - {doc.paddr[1]} - {doc.ptel}", pt=8.5)
    p.hline(y + 0.5, 15, p.wmm - 15, w=0.3)
    y += 6
    y = p.t(15, y, f"{fmt_date(doc.date, 'dmy.yy')}", pt=doc.pt)
    doc.dist("letter_date", fmt_date(doc.date, "dmy.yy"))
    y += 3
    y = p.t(15, y, f"To: {c['spec']} - {doc.hosp}")
    y += 2
    y = p.t(15, y, "Dear Colleague,")
    y = p.t(15, y, f"Re: {doc.first[0]} {doc.sur}  {doc.DOB()}  NHS {doc.NHS()}", bold=True)
    y = p.t(15, y, f"{doc.addr[0]}, {doc.addr[2]}")
    y += 2
    n = doc.vals["n"]
    txt = [f"{n}/12 hx {c['reason'].lower()}. {c['terse']}.", c["ex"].split(".")[0] + ".",
           f"Meds: {', '.join(m.split(' ')[0] for m in doc.meds)}. {doc.allergy}.",
           "Pls see and advise. Thx."]
    for t in txt:
        y = p.para(15, y, p.wmm - 30, t, gap=0)
    y += 4
    p.sig = (15, y)
    y = p.t(15, y + 9, doc.gp.replace("Dr ", "Dr ")[:3] + " " + doc.gp.split()[-1])


def L_twopage(doc):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    p.crest(15, 10, 14)
    y = p.t(35, 10, doc.practice.upper(), pt=16, bold=True)
    y = p.t(35, y, "General Practitioners", pt=9)
    y = p.t(35, y, f"{doc.gp}  MB ChB MRCGP", pt=8)
    y = p.t(35, y, "Dr K Lamb  BM BS DRCOG   Dr P Ferreira  MBBS MRCGP", pt=8)
    yr = addr_lines(doc, p, p.wmm - 15, 10, [], pt=8)
    for ln in doc.paddr + [f"Telephone {doc.ptel}", f"Facsimile {doc.pfax}", f"Practice code {doc.pcode}"]:
        yr = p.t(p.wmm - 15, yr, ln, pt=8.5, align="r")
    doc.dist("practice_phone", doc.ptel)
    doc.dist("practice_fax", doc.pfax)
    doc.dist("practice_code", doc.pcode)
    p.hline(max(y, yr) + 2, 15, p.wmm - 15, w=0.6)
    y = max(y, yr) + 10
    y = p.t(20, y, "PRIVATE AND CONFIDENTIAL", bold=True) + 3
    y1 = addr_lines(doc, p, 20, y, [c["clin"], f"Consultant {c['spec']}", c["svc"], doc.hosp] + doc.haddr)
    y2 = p.t(125, y, f"Date: {doc.D(doc.date, 'dth Month yyyy', 'letter_date')}")
    y2 = p.t(125, y2, f"Our Ref: {doc.gp.split()[1][0]}{doc.gp.split()[-1][0]}/{r.randint(1000, 9999)}")
    y2 = p.t(125, y2, f"Your Ref: {r.choice(['', 'OPD/'])}{r.randint(10000, 99999)}")
    doc.dist("reference", p.gt[-1].split(": ")[1])
    y = max(y1, y2) + 10
    y = p.t(20, y, f"Dear {c['clin'].split()[0]} {c['clin'].split()[-1]}") + 3
    y = p.t(20, y, "Re:", bold=True)
    for k, v in [("Patient", f"{doc.title} {doc.first} {doc.sur.upper()}"), ("Date of Birth", doc.DOB()),
                 ("NHS Number", doc.NHS()), ("Hospital No", doc.dist("hospital_number", doc.hosp_no)),
                 ("Address", ", ".join(doc.addr)), ("Telephone", doc.dist("patient_phone", doc.tel))]:
        y = p.row(y, [(28, k + ":"), (62, v)])
    y += 3
    y = p.para(20, y, p.wmm - 40, f"Thank you for seeing this patient with {c['reason'].lower()}; my notes follow overleaf.")
    p.footer(["The practice is a fictional partnership used for test material only.", "continued..."], pt=7)
    p = doc.page(1)
    y = p.row(12, [(20, f"{doc.title} {doc.first} {doc.sur.upper()}"), (110, f"DOB {doc.DOB()}"),
                   (150, f"NHS {doc.NHS('plain') if doc.nhs_style != 'plain' else doc.NHS('space')}")], pt=8.5)
    p.hline(y + 0.5, 20, p.wmm - 20, w=0.3)
    y += 6
    w = p.wmm - 40
    y = cond_paras(doc, p, 20, y, w, labels=True)
    y = p.t(20, y, "Past history", bold=True)
    y = p.para(20, y, w, ", ".join(doc.pmh) + ".")
    y = p.t(20, y, "Medication", bold=True)
    y = med_rows(doc, p, y, x=24)
    y = p.t(20, y + 1, "Allergies: " + doc.allergy) + 2
    y = p.para(20, y, w, c["req"])
    y = sign_off(doc, p, 20, y + 2, doc.gp, doc.practice)
    p.footer(["Page 2 of 2"], pt=7.5)


def L_fax(doc):
    npg = len(doc.spec["pg"])
    r = doc.r
    c = doc.cond
    if npg == 2:
        p = doc.page(0)
        y = p.t(20, 18, "FACSIMILE TRANSMISSION", pt=20, bold=True) + 4
        for k, v in [("To:", f"{c['svc']} Booking Office"), ("Organisation:", doc.hosp),
                     ("Fax No:", doc.dist("fax_number", f"01632 960{r.randint(0, 999):03d}")),
                     ("From:", doc.gp), ("Practice:", doc.practice), ("Tel:", doc.ptel),
                     ("Date:", doc.D(doc.date, "dmy/", "letter_date")), ("Pages (incl. cover):", str(npg)),
                     ("Re:", f"{doc.first[0]}. {doc.sur.upper()} - urgent referral")]:
            y = p.row(y, [(20, k, {"bold": True}), (65, v)], pt=12) + 1.5
        y += 6
        p.rect(18, y, p.wmm - 18, y + 34, w=0.5)
        y = p.para(22, y + 3, p.wmm - 44, "CONFIDENTIALITY NOTICE: This facsimile contains confidential patient information intended only for the named recipient. If you have received it in error please telephone the sender immediately and destroy all copies. Do not copy or distribute.", pt=10)
        p = doc.page(1)
    else:
        p = doc.page(0)
    y = practice_block(doc, p, p.wmm / 2, 14, align="c", pt=13)
    y += 5
    y = p.t(20, y, f"URGENT REFERRAL - {c['svc']}", bold=True, pt=12) + 2
    y = p.row(y, [(20, "Patient:"), (50, doc.name)])
    y = p.row(y, [(20, "DOB:"), (50, doc.DOB())])
    y = p.row(y, [(20, "NHS No:"), (50, doc.NHS())])
    y = p.row(y, [(20, "Address:"), (50, ", ".join(doc.addr))])
    y = p.row(y, [(20, "Tel:"), (50, doc.dist("patient_phone", doc.tel))]) + 3
    w = p.wmm - 40
    y = p.para(20, y, w, c["hx"])
    y = p.para(20, y, w, c["ex"] + " " + c["inv"])
    y = p.para(20, y, w, c["req"])
    y = p.t(20, y, "Medication: " + "; ".join(m.split(" - ")[0] for m in doc.meds))
    y = sign_off(doc, p, 20, y + 3, doc.gp, "GP", sincerely="Many thanks")


def L_typewriter(doc):
    npg = len(doc.spec["pg"])
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    y = p.t(p.wmm / 2, 14, doc.practice.upper(), align="c", style="", key="times_b", pt=15, bold=True)
    y = p.t(p.wmm / 2, y, "  ".join(doc.paddr), align="c", style="", key="times", pt=9)
    y = p.t(p.wmm / 2, y, f"Telephone: {doc.ptel}", align="c", style="", key="times", pt=9)
    doc.dist("practice_phone", doc.ptel)
    y += 10
    y1 = addr_lines(doc, p, 25, y, [c["clin"], doc.hosp] + doc.haddr)
    y2 = p.t(130, y, doc.D(doc.date, "dth Month yyyy", "letter_date"))
    y = max(y1, y2) + 7
    y = p.t(25, y, f"Dear {c['clin'].split()[0]} {c['clin'].split()[-1]},") + 3
    y = p.t(25, y, f"Re: {doc.name}, {doc.addr[0]}, {doc.addr[1]}")
    y = p.t(25, y, f"    D.O.B. {doc.DOB()}    N.H.S. No. {doc.NHS()}") + 3
    w = p.wmm - 50
    y = p.para(25, y, w, f"I should be grateful if you would see this {doc.age} year old {doc.vals['man']} who has {c['reason'].lower()}.") + 1
    y = p.para(25, y, w, c["hx"]) + 1
    if npg == 2:
        y = p.para(25, y, w, c["ex"]) + 1
        p.t(p.wmm / 2, p.hmm - 20, "/cont...", align="c")
        p = doc.page(1)
        y = p.t(25, 18, f"- 2 -      {doc.name}   {doc.DOB()}") + 8
        y = p.para(25, y, w, c["inv"]) + 1
        y = p.t(25, y, "Past history: " + ", ".join(doc.pmh) + ".")
        y = p.t(25, y, "Current treatment: " + ", ".join(m.split(" - ")[0] for m in doc.meds) + ".") + 1
    else:
        y = p.para(25, y, w, c["ex"] + " " + c["inv"]) + 1
    y = p.para(25, y, w, c["req"]) + 3
    y = sign_off(doc, p, 25, y, doc.gp.upper(), "")
    y = p.t(25, y + 4, f"{''.join(w_[0] for w_ in doc.gp.split()[1:]).upper()}/{r.choice(['mb', 'jt', 'pw'])}")


def L_dotmatrix(doc):
    npg = len(doc.spec["pg"])
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    pt = doc.pt
    # continuous stationery sprocket holes (graphics)
    for pg_ in range(1):
        pass
    y = p.t(18, 12, f"{doc.practice.upper()}", pt=pt + 1)
    y = p.t(18, y, f"{' '.join(doc.paddr).upper()}  TEL {doc.ptel}", pt=pt)
    doc.dist("practice_phone", doc.ptel)
    y = p.t(18, y + 3, "REFERRAL LETTER                                  DATE: " + doc.D(doc.date, "DD-MON-YYYY", "letter_date"), pt=pt)
    y = p.t(18, y, "-" * 72, pt=pt)
    y = p.t(18, y, f"SURNAME: {doc.sur.upper():<20}FORENAME: {doc.first.upper()}", pt=pt)
    y = p.t(18, y, f"DOB: {doc.DOB():<24}NHS NO: {doc.NHS()}", pt=pt)
    y = p.t(18, y, f"ADDR: {', '.join(doc.addr).upper()}", pt=pt)
    y = p.t(18, y, f"HOSP NO: {doc.dist('hospital_number', doc.hosp_no):<20}TEL: {doc.dist('patient_phone', doc.tel)}", pt=pt)
    y = p.t(18, y, "-" * 72, pt=pt) + 2
    y = p.t(18, y, f"TO: {c['clin'].upper()}, {c['spec'].upper()}, {doc.hosp.upper()}", pt=pt) + 2
    w = p.wmm - 40
    y = p.para(18, y, w, c["hx"].upper(), pt=pt) + 1
    y = p.para(18, y, w, c["ex"].upper(), pt=pt) + 1
    if npg == 2:
        p.footer(["CONTINUED"], pt=pt, key=doc.fk)
        p = doc.page(1)
        y = p.t(18, 12, f"PAGE 2  {doc.sur.upper()} {doc.first.upper()}  DOB {doc.DOB()}", pt=pt)
        y = p.t(18, y, "-" * 72, pt=pt) + 2
        y = p.t(18, y, "CURRENT REPEATS:", pt=pt)
        for m in doc.meds:
            y = p.t(22, y, m.upper(), pt=pt)
        y = p.t(18, y + 1, "PROBLEMS: " + ", ".join(doc.pmh).upper(), pt=pt)
    y = p.para(18, y + 1, w, c["inv"].upper(), pt=pt) + 1
    y = p.para(18, y, w, c["req"].upper(), pt=pt)
    y = p.t(18, y + 3, "YOURS SINCERELY", pt=pt)
    p.sig = (18, y + 1)
    y = p.t(18, y + 12, doc.gp.upper(), pt=pt)


# ----------------------------------------------------------------------------- other document types
def L_clinic(doc):
    npg = len(doc.spec["pg"])
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    y = letterhead_band(doc, p) if doc.o.get("band") else None
    if y is None:
        p.logo(p.wmm - 42, 10, 10)
        y = p.t(15, 11, doc.trust, pt=11, bold=True)
        y = p.t(15, y, doc.hosp, pt=9) + 3
    y = p.t(15, y, f"Department of {c['spec']}", pt=9.5, bold=True)
    for ln in doc.haddr + [f"Secretary: {doc.htel}"]:
        y = p.t(15, y, ln, pt=8.5)
    doc.dist("secretary_phone", doc.htel)
    y += 4
    y1 = addr_lines(doc, p, 20, y, [doc.gp, doc.practice] + doc.paddr)
    y2 = p.t(125, y, f"Clinic date: {doc.D(doc.date - dt.timedelta(days=r.randint(3, 12)), 'dmy/', 'clinic_date')}")
    y2 = p.t(125, y2, f"Typed: {doc.D(doc.date, 'dmy/', 'letter_date')}")
    y2 = p.t(125, y2, f"Hosp No: {doc.dist('hospital_number', doc.hosp_no)}")
    y2 = p.t(125, y2, f"NHS No: {doc.NHS()}")
    y = max(y1, y2) + 6
    y = p.t(20, y, f"Dear {doc.gp.split()[0]} {doc.gp.split()[-1]}") + 2
    y = p.t(20, y, f"{doc.name}, DOB {doc.DOB()}", bold=True)
    y = p.t(20, y, ", ".join(doc.addr), bold=True) + 2
    y = p.t(20, y, "Diagnosis:", bold=True)
    y = p.t(25, y, "1. " + c["reason"])
    y = p.t(25, y, "2. " + doc.pmh[0]) + 1
    y = p.t(20, y, "Plan:", bold=True)
    plans = ["Routine bloods today", "Review in clinic in 6 weeks", "Letter copied to patient",
             "Imaging requested", "Discharge to GP if results normal"]
    for i, pl in enumerate(r.sample(plans, 3)):
        y = p.t(25, y, f"{i + 1}. {pl}")
    y += 2
    w = p.wmm - 40
    he = doc.vals["he"]
    y = p.para(20, y, w, f"I saw {doc.title} {doc.sur} in the {c['svc']} clinic today. " + c["hx"].replace("has had", "reports"))
    y = p.para(20, y, w, f"On examination: {c['ex']}")
    if npg == 2:
        p.footer([f"{doc.trust} - {doc.hosp}", "Page 1 of 2"], pt=7.5)
        p = doc.page(1)
        y = p.row(14, [(20, f"Re: {doc.name}"), (120, f"NHS No: {doc.NHS()}")], pt=9)
        y += 5
    y = p.para(20, y, w, f"Results: {c['inv']}")
    y = p.para(20, y, w, f"I have explained the findings and {he} is happy with the plan above. I will write again with the results.")
    y = sign_off(doc, p, 20, y + 2, c["clin"], f"Consultant, {c['spec']}")
    y = p.t(20, y + 4, f"cc: {doc.name}, {doc.addr[0]}, {doc.addr[1]}", pt=8.5)
    p.footer([f"{doc.trust} - {doc.hosp}" + (" - Page 2 of 2" if npg == 2 else ""),
              "This letter was dictated and electronically approved. Please quote the hospital number on all correspondence."], pt=7)


def L_discharge(doc):
    npg = len(doc.spec["pg"])
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    adm = doc.date - dt.timedelta(days=r.randint(2, 14))
    p.logo(p.wmm - 42, 8, 9)
    y = p.t(15, 9, doc.trust, pt=10, bold=True)
    y = p.t(15, y, "INPATIENT DISCHARGE SUMMARY", pt=14, bold=True) + 2
    tab = [("Patient", f"{doc.sur.upper()}, {doc.first}", "Hospital No", doc.dist("hospital_number", doc.hosp_no)),
           ("Date of birth", doc.DOB(), "NHS Number", doc.NHS()),
           ("Address", ", ".join(doc.addr[:2]), "Postcode", doc.addr[2]),
           ("Admitted", doc.D(adm, "dmy/", "admission_date"), "Discharged", doc.D(doc.date, "dmy/", "discharge_date")),
           ("Ward", r.choice(["Ward 7 (Surgical)", "Beech Ward", "AMU", "Ward 22"]), "Consultant", c["clin"]),
           ("GP", doc.gp, "Practice", doc.practice)]
    for a, b, cc, d in tab:
        p.rect(15, y, p.wmm - 15, y + 6.5, w=0.2)
        y = p.row(y + 1.3, [(17, a, {"bold": True}), (45, b), (110, cc, {"bold": True}), (138, d)], pt=9) + 0.5
        y = max(y, y)
        y += 0.4
    y += 3
    w = p.wmm - 34
    sections = [("Presenting complaint", c["reason"] + ". " + c["hx"]),
                ("Diagnosis", f"{c['reason']} - under investigation. Co-morbidities: {', '.join(doc.pmh)}."),
                ("Investigations", c["inv"] + f" Repeat CRP {doc.vals['crp']} mg/L on {fmt_date(doc.date, 'dmy/')}."),
                ("Clinical course", f"Admitted via the emergency department. Managed conservatively with analgesia and IV fluids. Reviewed by the {c['spec']} team, who recommended outpatient follow up. Mobilising independently at discharge.")]
    two_col = doc.o.get("twocol")
    for i, (hd, tx) in enumerate(sections):
        if npg >= 2 and i == 3:
            p.footer([f"Discharge summary - {doc.sur.upper()} {doc.NHS('plain')} - page 1 of {npg}"], pt=7)
            p = doc.page(1)
            y = p.row(12, [(15, f"{doc.sur.upper()}, {doc.first}"), (90, f"DOB {doc.DOB()}"), (140, f"NHS {doc.NHS()}")], pt=8.5) + 4
        y = section_bar(p, y, hd, pt=10)
        y = p.para(17, y, w, tx, pt=10)
    if two_col:
        # two side-by-side columns: left read completely, then right
        y = section_bar(p, y + 1, "Medication on discharge / Follow up", pt=10)
        yl = p.t(17, y, "Medication on discharge", bold=True, pt=9.5)
        for m in doc.meds:
            yl = p.para(17, yl, 82, m, pt=9.5, gap=0.3)
        yr = p.t(110, y, "Follow up arrangements", bold=True, pt=9.5)
        yr = p.para(110, yr, 82, f"Outpatient review in {c['svc']} clinic in 6 weeks. GP to check U&E in 1 week. District nurse not required.", pt=9.5)
        yr = p.para(110, yr, 82, "Information given to patient: verbal and written.", pt=9.5)
        p.vline(105, y, max(yl, yr), w=0.2)
        y = max(yl, yr) + 2
    else:
        y = section_bar(p, y + 1, "Medication on discharge", pt=10)
        y = p.row(y, [(17, "Drug", {"bold": True}), (75, "Dose / frequency", {"bold": True}), (150, "Status", {"bold": True})], pt=9.5)
        for m in doc.meds:
            dr, fr = m.split(" - ")
            y = p.row(y, [(17, dr), (75, fr), (150, r.choice(["Continued", "New", "Changed"]))], pt=9.5)
        y = section_bar(p, y + 1, "Follow up", pt=10)
        y = p.para(17, y, w, f"Outpatient review in {c['svc']} clinic in 6 weeks. GP to check U&E in 1 week.", pt=10)
    if npg == 3:
        p.footer([f"Discharge summary - {doc.sur.upper()} {doc.NHS('plain')} - page 2 of 3"], pt=7)
        p = doc.page(2)
        y = p.row(12, [(15, f"{doc.sur.upper()}, {doc.first}"), (140, f"NHS {doc.NHS()}")], pt=8.5) + 4
        y = section_bar(p, y, "Information for the GP", pt=10)
        for ln in ["Please review blood pressure and renal function in one week.",
                   "Please consider referral to community physiotherapy if mobility declines.",
                   f"Allergies confirmed at discharge: {doc.allergy}."]:
            y = p.para(17, y, w, ln, pt=10)
        y = section_bar(p, y + 2, "Discharging clinician", pt=10)
    y = p.row(y + 1, [(17, "Completed by:"), (50, f"Dr {r.choice(SURN)}, FY{r.randint(1, 2)}"), (110, "Bleep:"), (130, doc.dist("bleep", str(r.randint(1000, 4999))))], pt=9.5)
    y = p.row(y, [(17, "Date:"), (50, fmt_date(doc.date, "dmy/"))], pt=9.5)
    p.sig = (120, y + 1)
    p.footer([f"Discharge summary - {doc.sur.upper()} {doc.NHS('plain')} - page {npg} of {npg}"], pt=7)


LABS = [("Haemoglobin", "g/L", (115, 165)), ("White cell count", "x10^9/L", (4.0, 11.0)),
        ("Platelets", "x10^9/L", (150, 400)), ("Sodium", "mmol/L", (133, 146)),
        ("Potassium", "mmol/L", (3.5, 5.3)), ("Urea", "mmol/L", (2.5, 7.8)),
        ("Creatinine", "umol/L", (59, 104)), ("eGFR", "mL/min/1.73m2", (60, 120)),
        ("CRP", "mg/L", (0, 5)), ("ALT", "U/L", (0, 40)), ("Alkaline phosphatase", "U/L", (30, 130)),
        ("Bilirubin", "umol/L", (0, 21)), ("Albumin", "g/L", (35, 50)), ("TSH", "mU/L", (0.27, 4.2)),
        ("Free T4", "pmol/L", (12, 22)), ("HbA1c", "mmol/mol", (20, 41)), ("Ferritin", "ug/L", (30, 400)),
        ("Total cholesterol", "mmol/L", (0, 5.0))]


def L_lab(doc):
    npg = len(doc.spec["pg"])
    r = doc.r
    c = doc.cond
    tests = r.sample(LABS, 18 if npg == 2 else 12)
    per = [tests[:11], tests[11:]] if npg == 2 else [tests]
    for pi in range(npg):
        p = doc.page(pi)
        y = p.t(15, 10 if not doc.o.get("fax") else 12, f"{doc.hosp.upper()} - PATHOLOGY LABORATORY", pt=12, bold=True)
        y = p.t(15, y, f"Blood Sciences  Tel {doc.htel}  Results enquiries 01632 960{r.randint(0, 999):03d}", pt=8.5)
        doc.dist("lab_phone", doc.htel)
        p.hline(y + 0.5, 15, p.wmm - 15, w=0.4)
        y += 3
        lab_no = f"{doc.htown[0]}{doc.date.year % 100:02d}.{r.randint(100000, 999999)}"
        coll = doc.date - dt.timedelta(days=1)
        y1 = y
        for k, v in [("Patient", f"{doc.sur.upper()}, {doc.first.upper()}"), ("DOB", doc.DOB()),
                     ("NHS No", doc.NHS()), ("Hosp No", doc.dist("hospital_number", doc.hosp_no))]:
            y1 = p.row(y1, [(15, k + ":"), (38, v)], pt=9.5)
        y2 = y
        for k, v in [("Lab No", doc.dist("lab_number", lab_no)), ("Collected", doc.D(coll, "dd-Mon-yyyy", "collected_date") + f" {r.randint(7, 12):02d}:{r.randint(0, 59):02d}"),
                     ("Received", doc.D(doc.date, "dd-Mon-yyyy", "received_date") + f" {r.randint(12, 17):02d}:{r.randint(0, 59):02d}"),
                     ("Requested by", f"{doc.gp} ({doc.pcode})")]:
            y2 = p.row(y2, [(110, k + ":"), (138, v)], pt=9.5)
        y = max(y1, y2) + 3
        p.hline(y, 15, p.wmm - 15, w=0.3)
        y = p.row(y + 1.5, [(17, "Test", {"bold": True}), (80, "Result", {"bold": True}), (105, "Units", {"bold": True}),
                            (140, "Ref. range", {"bold": True}), (180, "Flag", {"bold": True})], pt=9.5)
        for name, unit, (lo, hi) in per[pi]:
            isf = isinstance(lo, float) or isinstance(hi, float)
            v = r.uniform(lo * 0.7, hi * 1.3) if hi > 0 else 0
            vs = f"{v:.1f}" if isf or hi < 20 else f"{int(round(v))}"
            flag = "H" if v > hi else ("L" if v < lo else "")
            rng = f"{lo} - {hi}" if lo > 0 else f"< {hi}"
            y = p.row(y + 0.6, [(17, name), (80, vs), (105, unit), (140, rng), (180, flag, {"bold": True})], pt=9.5)
        y += 4
        if pi == npg - 1:
            y = p.para(17, y, p.wmm - 34, f"Comment: Results reviewed by duty biochemist. {'Please repeat potassium - sample may be haemolysed.' if r.random() < 0.5 else 'No further action required.'}", pt=9.5)
            y = p.t(17, y + 2, f"Authorised by: {r.choice(['Dr', 'Mr', 'Ms'])} {r.choice(SURN)}  {fmt_date(doc.date, 'dd-Mon-yyyy')}", pt=9)
        p.footer([f"Lab No {lab_no} - Page {pi + 1} of {npg} - printed {fmt_date(doc.date + dt.timedelta(days=1), 'dmy/')}"], pt=7)


def L_appt(doc):
    p = doc.page(0)
    r = doc.r
    c = doc.cond
    y = letterhead_band(doc, p, tint=(205, 225, 245)) if doc.o.get("band") else None
    if y is None:
        p.logo(p.wmm - 42, 10, 10)
        y = p.t(15, 11, doc.trust, pt=11, bold=True)
        y = p.t(15, y, "Outpatient Appointments Centre", pt=9) + 3
    y1 = addr_lines(doc, p, 22, y + 8, [doc.name] + doc.addr)
    y2 = p.t(125, y, f"Hospital number: {doc.dist('hospital_number', doc.hosp_no)}", pt=9)
    y2 = p.t(125, y2, f"NHS number: {doc.NHS()}", pt=9)
    y2 = p.t(125, y2, f"Date of birth: {doc.DOB()}", pt=9)
    y2 = p.t(125, y2, f"Date of letter: {doc.D(doc.date, 'dmy/', 'letter_date')}", pt=9)
    y2 = p.t(125, y2, f"Bookings: {doc.dist('bookings_phone', doc.htel)}", pt=9)
    y = max(y1, y2) + 10
    y = p.t(20, y, f"Dear {doc.title} {doc.sur},") + 2
    ap = doc.date + dt.timedelta(days=r.randint(10, 40))
    y = p.para(20, y, p.wmm - 40, f"An appointment has been made for you to attend the {c['svc']} clinic. Please find the details below.") + 2
    p.rect(20, y, p.wmm - 20, y + 30, w=0.5)
    yy = y + 3
    for k, v in [("Date:", doc.D(ap, "dddd" if False else "d Month yyyy", "appointment_date")),
                 ("Time:", f"{r.randint(9, 15)}:{r.choice(['00', '15', '30', '45'])}"),
                 ("Clinic:", f"{c['svc']} ({c['clin']})"),
                 ("Location:", f"Outpatients {r.choice('ABCD')}, Level {r.randint(1, 3)}, {doc.hosp}")]:
        yy = p.row(yy, [(25, k, {"bold": True}), (55, v)], pt=11) + 1
    y += 36
    w = p.wmm - 40
    for tx in ["Please arrive 15 minutes before your appointment time and report to the reception desk.",
               "If you are unable to attend, please telephone the number above at least 48 hours in advance so that the appointment can be offered to another patient.",
               "Please bring a list of your current medicines. Parking is limited and charges apply.",
               "If you need an interpreter or have any access requirements please let us know."]:
        y = p.para(20, y, w, tx)
    y = p.t(20, y + 3, "Yours sincerely,")
    y = p.t(20, y + 6, "Appointments Team")
    p.footer([f"{doc.trust}, {', '.join(doc.haddr)}", "Text reminders are sent to the mobile number we hold for you."], pt=7)


def L_cont(doc):
    npg = len(doc.spec["pg"])
    r = doc.r
    c = doc.cond
    hand = doc.o.get("hand", "hand_dkg")
    doc.fonts_used.add(hand)
    entries = [f"Seen in clinic. {c['reason']}.", c["ex"], f"Plan: bloods, review {r.randint(2, 8)}/52.",
               "Pt understands and agrees.", f"BP {doc.vals['bp']} P {doc.vals['hr']} reg.",
               "D/W consultant - for imaging.", "Letter to GP dictated.", "Obs stable overnight.",
               "Reviewed on ward round, mobilising.", "Plan discharge tomorrow if bloods OK."]
    k = 0
    for pi in range(npg):
        p = doc.page(pi)
        p.logo(15, 10, 8)
        y = p.t(45, 10, doc.hosp, pt=10, bold=True)
        y = p.t(45, y, "CONTINUATION SHEET", pt=13, bold=True)
        # printed patient label (addressograph sticker)
        lx, ly = 118, 8
        p.rect(lx, ly, lx + 78, ly + 26, w=0.15, outline=(160, 160, 160))
        yy = p.t(lx + 2, ly + 1.5, f"{doc.sur.upper()}, {doc.first.upper()} {doc.title.upper()}", key="arial", pt=8.5, bold=True)
        yy = p.t(lx + 2, yy, f"DOB: {doc.DOB()}   {'F' if doc.sex == 'F' else 'M'}", key="arial", pt=8.5)
        yy = p.t(lx + 2, yy, f"NHS: {doc.NHS()}", key="arial", pt=8.5)
        yy = p.t(lx + 2, yy, f"Hosp: {doc.dist('hospital_number', doc.hosp_no)}", key="arial", pt=8.5)
        yy = p.t(lx + 2, yy, f"{doc.addr[0]}, {doc.addr[2]}", key="arial", pt=8.5)
        y = 40
        p.row(y, [(17, "Date / Time", {"bold": True}), (50, "Notes (sign and print name after each entry)", {"bold": True})], pt=8.5)
        y += 6
        p.vline(45, y, p.hmm - 22, w=0.2, fill=(120, 120, 120))
        ln = y
        while ln < p.hmm - 22:
            p.hline(ln, 15, p.wmm - 15, w=0.15, fill=(150, 170, 200))
            ln += 8.5
        # handwritten entries (not ground truth)
        yl = y + 1.2
        for e in range((5 if pi == 0 else 4)):
            d = doc.date + dt.timedelta(days=k)
            p.hand_lines.append((17, yl, f"{d.day}/{d.month}/{d.year % 100} {r.randint(8, 20)}:{r.choice(['00', '15', '30', '40'])}"))
            txt = entries[k % len(entries)]
            words = txt.split()
            line = ""
            for wd in words:
                if len(line) + len(wd) > 42:
                    p.hand_lines.append((48, yl, line))
                    yl += 8.5
                    line = wd
                else:
                    line = (line + " " + wd).strip()
            p.hand_lines.append((48, yl, line))
            yl += 8.5
            p.hand_lines.append((110, yl, f"{r.choice(['Dr', 'SN', 'FY1'])} {r.choice(SURN)}"))
            yl += 8.5 * 1
            k += 1
        p.footer([f"{doc.trust} - form WG/CS/{r.randint(1, 9):03d} rev {r.randint(1, 5)} - File in chronological order"], pt=7)


LAYOUTS = {
    "ers_export": L_ers, "tickbox_proforma": L_tickbox, "dictated_letter": L_dictated,
    "dictated_letter_2p": lambda d: L_dictated(d, True), "soap_note": L_soap,
    "emis_export": L_emis, "emis_export_2p": lambda d: L_emis(d, True),
    "systmone_export": L_systmone, "systmone_export_2p": lambda d: L_systmone(d, True),
    "vision_export": L_vision, "terse_note": L_terse, "two_page_header": L_twopage,
    "fax_referral": L_fax, "typewriter_letter": L_typewriter, "dotmatrix_letter": L_dotmatrix,
    "clinic_letter": L_clinic, "discharge_summary": L_discharge, "lab_report": L_lab,
    "appointment_letter": L_appt, "handwritten_continuation": L_cont,
}


# ----------------------------------------------------------------------------- degradations
LUM = np.array([0.299, 0.587, 0.114], np.float32)


def col(a, rgb):
    rgb = np.asarray(rgb, np.float32)
    return rgb if a.ndim == 3 else np.float32((rgb * LUM).sum())


def lowfreq(nr, h, w, cy, cx):
    s = nr.random((cy, cx)).astype(np.float32)
    im = Image.fromarray((s * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    return np.asarray(im, np.float32) / 255.0


def mult_patch(a, m, x, y, rgb):
    """multiply-blend mask m (h,w in 0..1) coloured rgb onto a at x,y (clipped)."""
    h, w = m.shape
    H, W = a.shape[:2]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    mm = m[y0 - y:y1 - y, x0 - x:x1 - x]
    c = col(a, rgb)
    if a.ndim == 3:
        a[y0:y1, x0:x1] *= 1 - mm[..., None] * (1 - c)
    else:
        a[y0:y1, x0:x1] *= 1 - mm * (1 - c)


def render_mask(text_lines, fkey, px, angle, border=False, pad=0.35):
    f = font(fkey, px)
    ws = [f.getlength(t) for t in text_lines]
    lh = int(px * 1.2)
    W = int(max(ws) + px * 2 * pad + 8)
    H = int(lh * len(text_lines) + px * 2 * pad + 8)
    m = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(m)
    for i, t in enumerate(text_lines):
        d.text((W / 2, px * pad + 4 + i * lh), t, font=f, fill=255, anchor="ma")
    if border:
        bw = max(2, px // 9)
        d.rectangle([2, 2, W - 3, H - 3], outline=255, width=bw)
        d.rectangle([2 + 2 * bw, 2 + 2 * bw, W - 3 - 2 * bw, H - 3 - 2 * bw], outline=255, width=max(1, bw // 2))
    m = m.rotate(angle, resample=Image.BICUBIC, expand=True)
    return np.asarray(m, np.float32) / 255.0


def stamp(a, p, nr, r, info):
    d = p.doc
    sd = d.date + dt.timedelta(days=r.randint(1, 12))
    kind = r.choice(["received", "received", "records", "scanned", "urgent", "actioned"])
    txt = {"received": ["RECEIVED", fmt_date(sd, "DD MON YYYY"), d.hosp.upper()[:26]],
           "records": ["MEDICAL RECORDS", fmt_date(sd, "DD MON YYYY")],
           "scanned": ["SCANNED", fmt_date(sd, "dmy/")],
           "urgent": ["URGENT"],
           "actioned": ["ACTIONED", f"BY: ____  {fmt_date(sd, 'dmy/yy')}"]}[kind]
    px = p.X(r.uniform(3.5, 5.5))
    m = render_mask(txt, r.choice(["arial_b", "courier_b", "times_b"]), px, r.uniform(-14, 14), border=True)
    tex = lowfreq(nr, m.shape[0], m.shape[1], 6, 8)
    m = m * np.clip(0.45 + 0.7 * tex, 0, 1) * r.uniform(0.65, 0.95)
    m *= (nr.random(m.shape, dtype=np.float32) > 0.08)
    rgb = r.choice([(0.85, 0.12, 0.15), (0.15, 0.25, 0.75), (0.45, 0.15, 0.6), (0.1, 0.1, 0.1)])
    bx = p.boxes[r.randrange(len(p.boxes))]
    x = int(bx[0] + r.uniform(0, max(1, bx[2] - bx[0])) - m.shape[1] / 2)
    y = int(bx[1] - m.shape[0] / 2 + r.uniform(-20, 20))
    x = min(max(x, 0), a.shape[1] - m.shape[1])
    mult_patch(a, m, x, y, rgb)
    info["overlays"].append({"kind": "stamp", "text": " ".join(txt)})
    d.dist("stamp_date", txt[1] if len(txt) > 1 and kind != "actioned" else fmt_date(sd, "dmy/"))


def annotate(a, p, nr, r, info, text=None, where=None, pxmm=None):
    text = text or r.choice(ANNOT)
    if text == "Seen":
        text = f"Seen {r.choice(['AB', 'JK', 'RT', 'MO'])} {r.randint(1, 28)}/{r.randint(1, 12)}"
    fk = r.choice(HANDS)
    p.doc.fonts_used.add(fk)
    px = p.X(pxmm or r.uniform(4.5, 7.5))
    m = render_mask([text], fk, px, r.uniform(-12, 12), pad=0.1)
    m = np.clip(m * 1.3, 0, 1) * r.uniform(0.75, 1.0)
    rgb = r.choice([(0.1, 0.2, 0.7), (0.1, 0.1, 0.15), (0.75, 0.1, 0.1), (0.2, 0.2, 0.55)])
    if where is None:
        bx = p.boxes[r.randrange(len(p.boxes))]
        x = int(bx[0] + r.uniform(-30, max(0, bx[2] - bx[0])))
        y = int(bx[1] - m.shape[0] * 0.5)
    else:
        x, y = where
    x = min(max(x, 0), a.shape[1] - m.shape[1] - 1)
    mult_patch(a, m, x, y, rgb)
    info["overlays"].append({"kind": "handwritten_annotation", "text": text})


def signature(a, p, nr, r, info):
    if not p.sig:
        return
    x0, y0 = p.X(p.sig[0]), p.X(p.sig[1])
    w, h = p.X(45), p.X(12)
    im = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(im)
    pts = []
    n = 60
    ph = r.uniform(0, 6)
    for i in range(n):
        t = i / (n - 1)
        pts.append((int(w * (0.05 + 0.85 * t + 0.04 * math.sin(ph + t * 25))),
                    int(h * (0.55 + 0.35 * math.sin(ph * 2 + t * r.uniform(14, 20)) * (1 - 0.5 * t)))))
    d.line(pts, fill=255, width=max(2, p.X(0.45)), joint="curve")
    d.line([(int(w * 0.1), int(h * 0.85)), (int(w * 0.7), int(h * 0.78))], fill=255, width=max(2, p.X(0.35)))
    m = np.asarray(im, np.float32) / 255
    mult_patch(a, m, x0, y0, r.choice([(0.1, 0.15, 0.6), (0.05, 0.05, 0.1)]))
    info["overlays"].append({"kind": "signature", "text": ""})


def highlighter(a, p, nr, r, info):
    i = r.randrange(len(p.boxes))
    bx = p.boxes[i]
    x0, y0, x1, y1 = bx[0] - 8, bx[1] - 4, min(bx[2] + 10, bx[0] + p.X(120)), bx[3] + 4
    h, w = y1 - y0, x1 - x0
    if h <= 0 or w <= 0:
        return
    m = np.full((h, w), r.uniform(0.55, 0.8), np.float32)
    m *= np.clip(0.8 + 0.3 * lowfreq(nr, h, w, 2, 10), 0, 1)
    mult_patch(a, m, x0, y0, r.choice([(1.0, 0.95, 0.25), (0.55, 1.0, 0.45), (1.0, 0.6, 0.85)]))
    info["overlays"].append({"kind": "highlighter", "text": "", "over": p.gt[i]})


def coffee(a, p, nr, r, strong):
    H, W = a.shape[:2]
    rad = p.X(r.uniform(18, 35))
    cx, cy = r.randint(rad, W - rad), r.randint(rad, H - rad)
    x0, y0 = cx - rad - 20, cy - rad - 20
    sz = 2 * rad + 40
    yy, xx = np.mgrid[0:sz, 0:sz].astype(np.float32)
    dx, dy = xx - (cx - x0), yy - (cy - y0)
    d = np.sqrt(dx * dx + dy * dy)
    ang = np.arctan2(dy, dx)
    rr = rad * (1 + 0.06 * np.sin(3 * ang + r.uniform(0, 6)) + 0.03 * np.sin(7 * ang))
    ring = np.exp(-((d - rr) / (rad * 0.035)) ** 2)
    fill = (d < rr).astype(np.float32) * 0.35
    m = (ring * 0.9 + fill) * (0.6 + 0.5 * lowfreq(nr, sz, sz, 5, 5))
    if r.random() < 0.5:  # partial ring (cup only touched partly)
        m *= (np.cos(ang - r.uniform(-3, 3)) > -0.3)
    m = np.clip(m, 0, 1) * (0.55 if strong else 0.3)
    mult_patch(a, m, x0, y0, (0.72, 0.52, 0.3))


def bleed(a, p, nr, r, strength):
    H, W = a.shape[:2]
    sc = 4
    im = Image.new("L", (W // sc, H // sc), 255)
    d = ImageDraw.Draw(im)
    f = font(r.choice(["arial", "times", "courier"]), max(6, p.X(3.6) // sc))
    y = p.X(r.uniform(20, 40)) // sc
    words = "the patient was seen in clinic today and reports improvement pain history examination plan review results normal follow".split()
    while y < H // sc - p.X(20) // sc:
        ln = " ".join(r.choice(words) for _ in range(r.randint(6, 13)))
        d.text((p.X(20) // sc, y), ln, font=f, fill=0)
        y += int(f.size * r.choice([1.4, 1.4, 2.5]))
    im = im.transpose(Image.FLIP_LEFT_RIGHT).filter(ImageFilter.GaussianBlur(0.8)).resize((W, H), Image.BILINEAR)
    b = 1 - np.asarray(im, np.float32) / 255
    if a.ndim == 3:
        a *= (1 - strength * b)[..., None]
    else:
        a *= 1 - strength * b


def photocopy(a, nr, r, gen, p, bg):
    H, W = a.shape[:2]
    # toner loss (low-frequency patches + speckle)
    fld = lowfreq(nr, H, W, 18, 13)
    thr = 1.0 - 0.12 * gen
    loss = np.clip((fld - thr) * 5, 0, 0.7)
    loss = loss + (nr.random((H, W), dtype=np.float32) < 0.03 * gen) * 0.5
    ink = np.clip(bg - a, 0, 1)
    keep = 1 - np.clip(loss, 0, 1)
    a = bg - ink * (keep if a.ndim == 2 else keep[..., None])
    # background greying + contrast (copies get darker, lose mid-tones)
    a = a * (1 - 0.035 * gen)
    a = np.clip((a - 0.06 * gen) / (1 - 0.06 * gen), 0, 1) if gen >= 2 else a
    bg = bg * (1 - 0.035 * gen)
    bg = np.clip((bg - 0.06 * gen) / (1 - 0.06 * gen), 0, 1) if gen >= 2 else bg
    # random black specks
    cs = max(2, p.X(0.5))
    sp = (lowfreq(nr, H, W, H // cs, W // cs) > 0.996 - 0.001 * gen).astype(np.float32)
    if a.ndim == 3:
        a *= (1 - 0.7 * sp)[..., None]
    else:
        a *= 1 - 0.7 * sp
    # drum streaks
    notes = []
    for _ in range(r.randint(1, 2 + gen)):
        x = r.randint(0, W - 10)
        w = r.randint(1, max(2, p.X(1.2)))
        if r.random() < 0.6:
            a[:, x:x + w] *= r.uniform(0.55, 0.85)
            notes.append("dark_streak")
        else:
            a[:, x:x + w * 4] = bg - np.clip(bg - a[:, x:x + w * 4], 0, 1) * 0.35
            notes.append("light_streak")
    # copier lid edge: black band on one side
    if gen >= 2 or r.random() < 0.4:
        side = r.choice(["l", "r", "t", "b"])
        bw = p.X(r.uniform(2, 7))
        jag = (lowfreq(nr, 1, W if side in "tb" else H, 1, 40)[0] * p.X(2)).astype(int)
        if side in "lr":
            for yy in range(0, H, 8):
                ww = bw + jag[yy]
                if side == "l":
                    a[yy:yy + 8, :ww] *= 0.15
                else:
                    a[yy:yy + 8, W - ww:] *= 0.15
        else:
            for xx in range(0, W, 8):
                ww = bw + jag[xx]
                if side == "t":
                    a[:ww, xx:xx + 8] *= 0.15
                else:
                    a[H - ww:, xx:xx + 8] *= 0.15
        notes.append("copier_edge_" + side)
    return a, notes


def staple_punch(a, p, r, which):
    H, W = a.shape[:2]
    im = Image.fromarray((np.clip(a, 0, 1) * 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    grey = a.ndim == 2
    if "staple" in which:
        cx, cy = p.X(r.uniform(7, 14)), p.X(r.uniform(7, 14))
        ang = math.radians(r.uniform(-55, -25))
        L = p.X(6)
        dx, dy = L * math.cos(ang), L * math.sin(ang)
        wdt = max(2, p.X(0.7))
        shade = 70 if grey else (80, 80, 85)
        d.line([(cx - dx, cy - dy), (cx + dx, cy + dy)], fill=shade, width=wdt)
        hl = 160 if grey else (170, 170, 175)
        d.line([(cx - dx, cy - dy - 1), (cx + dx, cy + dy - 1)], fill=hl, width=max(1, wdt // 3))
        for sgn in (-1, 1):
            hx, hy = cx + sgn * dx * 1.25, cy + sgn * dy * 1.25
            rr = max(2, p.X(0.35))
            d.ellipse([hx - rr, hy - rr, hx + rr, hy + rr], fill=(40 if grey else (40, 40, 40)))
    if "punch" in which:
        rr = p.X(3)
        x = p.X(r.uniform(9, 13))
        dark = r.random() < 0.6
        for yc in (H / 2 - p.X(40), H / 2 + p.X(40)):
            yc += p.X(r.uniform(-3, 3))
            fillc = (25 if dark else 250) if grey else ((25, 25, 25) if dark else (250, 250, 250))
            d.ellipse([x - rr, yc - rr, x + rr, yc + rr], fill=fillc,
                      outline=(90 if grey else (90, 90, 90)), width=max(1, p.X(0.3)))
    return np.asarray(im, np.float32) / 255


def shadows(a, p, r, kinds):
    H, W = a.shape[:2]
    xs = np.arange(W, dtype=np.float32)
    ys = np.arange(H, dtype=np.float32)
    prof_x = np.ones(W, np.float32)
    prof_y = np.ones(H, np.float32)
    if "edge_shadow" in kinds:
        side = r.choice(["l", "r", "t"])
        wd = p.X(r.uniform(5, 14))
        s = r.uniform(0.3, 0.6)
        if side == "l":
            prof_x *= 1 - s * np.exp(-xs / wd)
        elif side == "r":
            prof_x *= 1 - s * np.exp(-(W - 1 - xs) / wd)
        else:
            prof_y *= 1 - s * np.exp(-ys / wd)
    if "book_fold" in kinds:
        xc = r.choice([p.X(r.uniform(2, 10)), W - p.X(r.uniform(2, 10))])
        wd = p.X(r.uniform(6, 14))
        prof_x *= 1 - r.uniform(0.35, 0.6) * np.exp(-((xs - xc) / wd) ** 2)
    m = prof_y[:, None] * prof_x[None, :]
    if a.ndim == 3:
        a *= m[..., None]
    else:
        a *= m


def to_img(a):
    return Image.fromarray((np.clip(a, 0, 1) * 255 + 0.5).astype(np.uint8))


def from_img(im):
    return np.asarray(im, np.float32) / 255.0


PAPERS = {"white": (0.985, 0.985, 0.975), "cream": (0.98, 0.95, 0.84), "pink": (1.0, 0.87, 0.9),
          "blue": (0.84, 0.91, 1.0), "green": (0.87, 0.97, 0.86), "yellow": (1.0, 0.97, 0.72),
          "buff": (0.93, 0.86, 0.7)}


def process_page(p, fs, pi):
    """Degrade one rendered page as a scan; returns (PIL image, page info)."""
    diff, rot, size = fs["pg"][pi]
    o = fs.get("o", {})
    r = R("scan", fs["n"], pi)
    nr = NR("scan", fs["n"], pi)
    fmt = fs["fmt"]
    colour = fs.get("colour", fmt in ("jpeg_colour", "png_colour"))
    info = {"degradations": [], "overlays": []}
    deg = info["degradations"]
    deg += p.doc.page_notes.get(id(p), [])
    if p.style == "dot":
        deg.append("dot_matrix_print")
    if p.style == "type":
        deg.append("typewriter_print")
    if o.get("lowcontrast"):
        deg.append("low_contrast_grey_print")
    # --- handwriting for continuation sheets (drawn on paper before everything else)
    a = from_img(p.img if colour else p.img.convert("L"))
    if p.hand_lines:
        hk = o.get("hand", "hand_dkg")
        hpx = p.X(4.6)
        rgb = (0.1, 0.15, 0.55) if pi % 2 == 0 else (0.08, 0.08, 0.1)
        for (x, y, t) in p.hand_lines:
            m = render_mask([t], hk, hpx, r.uniform(-1.5, 1.5), pad=0.05)
            mult_patch(a, np.clip(m * 1.2, 0, 1), p.X(x), p.X(y) - hpx // 4, rgb)
            info["overlays"].append({"kind": "handwritten_entry", "text": t})
        deg.append("handwritten_entries")
    # --- choose physical degradations by difficulty
    pool = ["stamp", "annotation", "highlighter", "coffee", "bleed", "staple", "punch",
            "edge_shadow", "book_fold", "signature"]
    chosen = set(["signature"]) if p.sig else set()
    if diff == "clean":
        skew = r.uniform(-0.35, 0.35)
        noise, blur = 0.006, r.uniform(0.25, 0.5)
        gen = 0
        if r.random() < 0.3:
            chosen.add("staple")
    elif diff == "moderate":
        skew = r.choice([-1, 1]) * r.uniform(0.4, 2.0)
        noise, blur = r.uniform(0.012, 0.025), r.uniform(0.4, 0.9)
        gen = o.get("gen", r.choice([0, 0, 1]))
        chosen |= set(r.sample(pool[:-1], r.randint(2, 4)))
    else:
        skew = r.choice([-1, 1]) * r.uniform(1.2, 3.0)
        noise, blur = r.uniform(0.025, 0.045), r.uniform(0.7, 1.3)
        gen = o.get("gen", r.choice([2, 3])) if not o.get("fax") else 0
        chosen |= set(r.sample(pool[:-1], r.randint(3, 5))) | {"stamp"}
        if r.random() < 0.5:
            chosen.add("annotation")
    if o.get("skew") is not None:
        skew = o["skew"]
    paper = o.get("paper", "white")
    if paper == "white" and diff != "clean" and r.random() < 0.25:
        paper = r.choice(["cream", "buff"])
    # paper colour with slight unevenness
    pc = np.asarray(PAPERS[paper], np.float32)
    unev = 1 - 0.025 * lowfreq(nr, a.shape[0], a.shape[1], 4, 3)
    if a.ndim == 3:
        a *= pc[None, None, :] * unev[..., None]
    else:
        a *= np.float32((pc * LUM).sum()) * unev
    if paper != "white":
        deg.append(f"coloured_paper:{paper}")
    if o.get("fade") or (diff == "hard" and r.random() < 0.3 and not o.get("lowcontrast")):
        f_ = o.get("fade", r.uniform(0.45, 0.6))
        a = 1 - (1 - a) * f_
        deg.append("faded_print")
    if "bleed" in chosen:
        st = r.uniform(0.08, 0.14) if diff == "moderate" else r.uniform(0.15, 0.25)
        bleed(a, p, nr, r, st)
        deg.append("bleed_through")
    if gen:
        bgv = pc if a.ndim == 3 else np.float32((pc * LUM).sum())
        a, n_ = photocopy(a, nr, r, gen, p, bgv)
        deg.append(f"photocopy_generation:{gen}")
        deg.append("toner_loss")
        deg += n_
    if "coffee" in chosen:
        coffee(a, p, nr, r, diff == "hard")
        deg.append("coffee_stain")
    if "highlighter" in chosen:
        highlighter(a, p, nr, r, info)
        deg.append("highlighter")
    for t in p.ticks:
        m = render_mask(["\u2713" if False else "X"], r.choice(HANDS), p.X(t[2] * 1.6), r.uniform(-10, 10), pad=0.0)
        mult_patch(a, np.clip(m * 1.3, 0, 1), p.X(t[0]) - p.X(0.8), p.X(t[1]) - p.X(1.4), (0.1, 0.15, 0.55))
    if p.ticks:
        deg.append("hand_ticked_boxes")
    if "signature" in chosen:
        signature(a, p, nr, r, info)
    if "stamp" in chosen:
        for _ in range(1 if diff != "hard" else r.randint(1, 2)):
            stamp(a, p, nr, r, info)
        deg.append("rubber_stamp_over_text")
    if "annotation" in chosen:
        for _ in range(r.randint(1, 2)):
            annotate(a, p, nr, r, info)
        deg.append("handwritten_annotation_over_text")
    sp = [w for w in ("staple", "punch") if w in chosen]
    if sp:
        a = staple_punch(a, p, r, sp)
        deg += ["staple" if w == "staple" else "punch_holes" for w in sp]
    # --- scanning: skew
    im = to_img(a)
    bg = tuple(int(v * 255) for v in PAPERS[paper]) if colour else int(255 * float((np.asarray(PAPERS[paper]) * LUM).sum()))
    if abs(skew) > 0.01:
        im = im.rotate(-skew, resample=Image.BICUBIC, expand=False, fillcolor=bg)
    deg.append(f"skew_deg:{skew:+.2f}")
    # scanner optics
    if blur > 0.3:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    a = from_img(im)
    sh = [k for k in ("edge_shadow", "book_fold") if k in chosen]
    if sh:
        shadows(a, p, r, sh)
        deg += sh
    g = nr.normal(0, noise, a.shape[:2]).astype(np.float32)
    a = a + (g[..., None] if a.ndim == 3 else g)
    deg.append(f"sensor_noise:{noise:.3f}")
    xdpi = ydpi = p.dpi
    im = to_img(a)
    if o.get("fax"):
        # fax: 200x100 dpi, thresholded, banding, row dropouts
        W, H = im.size
        im = im.convert("L").resize((W, H // 2), Image.BOX)
        b = from_img(im)
        band = lowfreq(nr, H // 2, 1, 30, 1)[:, 0]
        thr = 0.55 + 0.12 * (band[:, None] - 0.5) + nr.normal(0, 0.06, b.shape).astype(np.float32)
        bw = (b > thr).astype(np.float32)
        for _ in range(r.randint(3, 9)):
            y0 = r.randint(0, H // 2 - 4)
            bw[y0:y0 + r.randint(1, 3)] = 1.0 if r.random() < 0.7 else 0.0
        im = to_img(bw)
        deg += ["fax_200x100", "fax_banding", "fax_row_dropouts", "fax_header_line"]
        if o.get("fax") == "stretch":
            im = im.resize((W, H), Image.NEAREST)
            deg.append("fax_rows_doubled_to_200x200")
        else:
            ydpi = 100
    # page rotation (stored rotated clockwise by rot)
    if rot:
        im = im.transpose({90: Image.ROTATE_270, 180: Image.ROTATE_180, 270: Image.ROTATE_90}[rot])
    # output encoding
    q = None
    if fmt == "tiff_g4":
        thr = {"clean": 150, "moderate": 140, "hard": r.choice([115, 170])}[diff]
        im = im.convert("L").point(lambda v: 255 if v > thr else 0).convert("1", dither=Image.Dither.NONE)
        deg.append(f"bilevel_threshold:{thr}")
    else:
        if fmt in ("jpeg_grey", "jpeg_colour", "pdf"):
            q = {"clean": r.randint(78, 85), "moderate": r.randint(55, 78), "hard": r.randint(40, 50)}[diff]
            if diff == "hard" or o.get("preblock"):
                bb = io.BytesIO()
                im.save(bb, "JPEG", quality=r.randint(12, 22))
                im = Image.open(io.BytesIO(bb.getvalue()))
                im.load()
                deg.append("jpeg_blocking_recompressed")
            deg.append(f"jpeg_quality:{q}")
    info.update(dict(im=im, q=q, dpi=(xdpi, ydpi), skew=round(skew, 2), rot=rot, diff=diff, size=size))
    return info


# ----------------------------------------------------------------------------- the set
# pg entries: (difficulty, rotation_clockwise_deg, paper_size)
A, L_ = "A4", "Letter"
c_, m_, h_ = "clean", "moderate", "hard"
SPECS = [
    dict(n=1, t="referral_letter", k="ers_export", fmt="pdf", dpi=300, colour=True, pg=[(c_, 0, A)], o=dict(font="arial", years=(2016, 2023))),
    dict(n=2, t="referral_letter", k="dictated_letter", fmt="jpeg_grey", dpi=300, pg=[(c_, 0, A)], o=dict(font="tnr", pt=11, dob="dmy/", nhs="space")),
    dict(n=3, t="referral_letter", k="tickbox_proforma", fmt="tiff_g4", dpi=300, pg=[(m_, 0, A)], o=dict(font="arial", pt=9.5, cond=0, nhsboxes=True, dob="dmy/")),
    dict(n=4, t="referral_letter", k="emis_export_2p", fmt="pdf", dpi=300, pg=[(m_, 0, A), (m_, 0, A)], o=dict(font="calibri", pt=10.5, dob="dd-Mon-yyyy", nhs="space", years=(2009, 2022), bandtone=True)),
    dict(n=5, t="referral_letter", k="systmone_export", fmt="png_grey", dpi=300, pg=[(c_, 0, A)], o=dict(font="verdana_cond", pt=9.5, dob="dmy/", nhs="space", years=(2008, 2022))),
    dict(n=6, t="referral_letter", k="soap_note", fmt="jpeg_colour", dpi=200, pg=[(m_, 0, A)], o=dict(font="helv", pt=10, paper="cream", dob="dd Mon yyyy", nhs="plain")),
    dict(n=7, t="referral_letter", k="vision_export", fmt="tiff_g4", dpi=200, pg=[(m_, 0, A)], o=dict(font="courier", pt=9.5, dob="dmy/", nhs="plain", years=(2001, 2014))),
    dict(n=8, t="referral_letter", k="terse_note", fmt="jpeg_grey", dpi=150, pg=[(h_, 0, A)], o=dict(font="arial", pt=10, dob="dmy.yy", nhs="space", gen=2)),
    dict(n=9, t="referral_letter", k="two_page_header", fmt="pdf", dpi=300, colour=True, pg=[(m_, 0, A), (m_, 0, L_)], o=dict(font="cambria", pt=11, dob="d Month yyyy", nhs="space")),
    dict(n=10, t="referral_letter", k="fax_referral", fmt="tiff_g4", dpi=200, pg=[(h_, 0, A), (h_, 0, A)], o=dict(font="arial", pt=11, fax="native", dob="dmy/", nhs="space")),
    dict(n=11, t="referral_letter", k="typewriter_letter", fmt="jpeg_grey", dpi=300, pg=[(m_, 0, A)], o=dict(font="typewriter", pt=11, style="type", ink=(35, 35, 35), dob="dmy.yy", nhs="space", years=(1997, 2002), paper="cream")),
    dict(n=12, t="referral_letter", k="dotmatrix_letter", fmt="png_grey", dpi=300, pg=[(h_, 0, A)], o=dict(font="dvmono_b", pt=10, style="dot", ink=(70, 70, 70), dob="DD-MON-YYYY", nhs="plain", years=(1997, 2004), paper="green")),
    dict(n=13, t="referral_letter", k="ers_export", fmt="tiff_g4", dpi=300, pg=[(c_, 90, A)], o=dict(font="arialn", pt=10.5, dob="dd-Mon-yyyy", nhs="space", years=(2016, 2023))),
    dict(n=14, t="referral_letter", k="dictated_letter_2p", fmt="pdf", dpi=400, pg=[(c_, 0, A), (m_, 0, A)], o=dict(font="palatino", pt=11, dob="dth Month yyyy", nhs="space")),
    dict(n=15, t="referral_letter", k="tickbox_proforma", fmt="jpeg_colour", dpi=300, pg=[(m_, 0, A)], o=dict(font="helv", pt=9.5, cond=2, paper="pink", dob="dmy/", nhs="space")),
    dict(n=16, t="referral_letter", k="emis_export", fmt="png_grey", dpi=300, pg=[(c_, 0, A)], o=dict(font="calibri", pt=10.5, dob="dd-Mon-yyyy", nhs="space", years=(2010, 2022))),
    dict(n=17, t="referral_letter", k="systmone_export_2p", fmt="pdf", dpi=200, pg=[(m_, 0, A), (m_, 90, A)], o=dict(font="verdana_cond", pt=9.5, dob="dmy/", nhs="space", years=(2008, 2022))),
    dict(n=18, t="referral_letter", k="soap_note", fmt="tiff_g4", dpi=300, pg=[(m_, 0, A)], o=dict(font="dejavu", pt=9.5, dob="dmy-", nhs="dash")),
    dict(n=19, t="referral_letter", k="vision_export", fmt="jpeg_grey", dpi=300, pg=[(m_, 0, L_)], o=dict(font="freemono", pt=10, dob="dmy/", nhs="plain", years=(2000, 2012), gen=1)),
    dict(n=20, t="referral_letter", k="two_page_header", fmt="tiff_g4", dpi=300, pg=[(m_, 0, A), (h_, 0, A)], o=dict(font="times", pt=11.5, dob="dmy/", nhs="space")),
    dict(n=21, t="referral_letter", k="terse_note", fmt="png_colour", dpi=300, pg=[(m_, 0, A)], o=dict(font="comic_like" if False else "calibri", pt=11, paper="yellow", dob="dmy/yy", nhs="plain")),
    dict(n=22, t="referral_letter", k="fax_referral", fmt="tiff_g4", dpi=200, pg=[(h_, 0, A)], o=dict(font="helv", pt=10.5, fax="stretch", dob="d Mon yyyy", nhs="space")),
    dict(n=23, t="referral_letter", k="dictated_letter", fmt="jpeg_colour", dpi=150, pg=[(h_, 0, A)], o=dict(font="libertine", pt=10.5, dob="d Month yyyy", nhs="space", ink=(95, 95, 95), lowcontrast=True, paper="blue")),
    dict(n=24, t="referral_letter", k="typewriter_letter", fmt="pdf", dpi=300, pg=[(m_, 0, A), (m_, 0, A)], o=dict(font="courierprime", pt=11.5, style="type", ink=(25, 25, 30), dob="dmy/", nhs="space", years=(1997, 2001), gen=1)),
    dict(n=25, t="referral_letter", k="dotmatrix_letter", fmt="tiff_g4", dpi=200, pg=[(m_, 0, A), (h_, 0, A)], o=dict(font="mono_b", pt=10, style="dot", ink=(45, 45, 45), dob="dmy/", nhs="plain", years=(1997, 2003))),
    dict(n=26, t="referral_letter", k="ers_export", fmt="jpeg_grey", dpi=200, pg=[(c_, 0, A)], o=dict(font="helv", pt=10, dob="dmy/", nhs="plain", years=(2015, 2023))),
    dict(n=27, t="referral_letter", k="tickbox_proforma", fmt="pdf", dpi=150, pg=[(h_, 0, L_)], o=dict(font="arial", pt=9.5, cond=5, dob="dmy/", nhs="space", nhsboxes=True, paper="buff")),
    dict(n=28, t="referral_letter", k="emis_export", fmt="jpeg_colour", dpi=300, pg=[(m_, 180, A)], o=dict(font="calibri", pt=10.5, dob="dd-Mon-yyyy", nhs="space", years=(2010, 2022), bandtone=True)),
    dict(n=29, t="referral_letter", k="two_page_header", fmt="pdf", dpi=300, colour=True, pg=[(m_, 0, L_), (c_, 0, A)], o=dict(font="calibri", pt=11, dob="dmy-", nhs="plain")),
    dict(n=30, t="referral_letter", k="dictated_letter", fmt="png_grey", dpi=300, pg=[(h_, 0, A)], o=dict(font="freeserif", pt=10, ink=(140, 140, 140), lowcontrast=True, dob="d Month yyyy", nhs="space")),
    dict(n=31, t="referral_letter", k="soap_note", fmt="pdf", dpi=300, pg=[(m_, 0, A)], o=dict(font="arialn", pt=10, dob="dmy/", nhs="space", gen=1)),
    dict(n=32, t="clinic_letter", k="clinic_letter", fmt="pdf", dpi=300, colour=True, pg=[(c_, 0, A), (c_, 0, A)], o=dict(font="arial", pt=10.5, band=True, dob="dmy/", nhs="space")),
    dict(n=33, t="clinic_letter", k="clinic_letter", fmt="jpeg_grey", dpi=300, pg=[(m_, 0, A)], o=dict(font="tnr", pt=11, dob="d Month yyyy", nhs="space")),
    dict(n=34, t="clinic_letter", k="clinic_letter", fmt="tiff_g4", dpi=400, pg=[(m_, 0, A)], o=dict(font="termes", pt=10.5, band=True, dob="dmy/", nhs="space", gen=1)),
    dict(n=35, t="discharge_summary", k="discharge_summary", fmt="pdf", dpi=300, colour=True, pg=[(c_, 0, A), (m_, 0, L_), (m_, 0, A)], o=dict(font="arial", pt=10, dob="dmy/", nhs="space")),
    dict(n=36, t="discharge_summary", k="discharge_summary", fmt="tiff_g4", dpi=300, pg=[(m_, 0, A), (m_, 0, A)], o=dict(font="dejavu", pt=9.5, twocol=True, dob="dmy/", nhs="space")),
    dict(n=37, t="discharge_summary", k="discharge_summary", fmt="pdf", dpi=200, pg=[(m_, 0, A), (h_, 0, A)], o=dict(font="helv", pt=10, dob="dd-Mon-yyyy", nhs="plain", gen=2)),
    dict(n=38, t="lab_result", k="lab_report", fmt="png_grey", dpi=300, pg=[(c_, 0, A)], o=dict(font="mono", pt=9.5, dob="dd-Mon-yyyy", nhs="plain")),
    dict(n=39, t="lab_result", k="lab_report", fmt="tiff_g4", dpi=200, pg=[(h_, 270, A)], o=dict(font="arial", pt=10, fax="native", dob="dmy/", nhs="space")),
    dict(n=40, t="lab_result", k="lab_report", fmt="pdf", dpi=300, colour=True, pg=[(m_, 0, A), (c_, 0, A)], o=dict(font="arialn", pt=10, dob="dmy/", nhs="space")),
    dict(n=41, t="appointment_letter", k="appointment_letter", fmt="jpeg_colour", dpi=300, pg=[(c_, 0, A)], o=dict(font="arial", pt=10.5, band=True, dob="d Month yyyy", nhs="space")),
    dict(n=42, t="appointment_letter", k="appointment_letter", fmt="png_grey", dpi=150, pg=[(m_, 0, A)], o=dict(font="calibri", pt=11, dob="dmy/", nhs="space", paper="pink")),
    dict(n=43, t="continuation_sheet", k="handwritten_continuation", fmt="jpeg_colour", dpi=300, pg=[(m_, 0, A)], o=dict(font="arial", pt=10, hand="hand_dkg", dob="dmy/", nhs="space", paper="blue")),
    dict(n=44, t="continuation_sheet", k="handwritten_continuation", fmt="tiff_g4", dpi=300, pg=[(c_, 0, A), (m_, 270, A)], o=dict(font="arial", pt=10, hand="hand_humor", dob="dmy/", nhs="space")),
    dict(n=45, t="continuation_sheet", k="handwritten_continuation", fmt="pdf", dpi=200, pg=[(h_, 0, A)], o=dict(font="arial", pt=10, hand="hand_comic", dob="dmy/", nhs="space", gen=2, paper="buff")),
]
EXT = {"tiff_g4": "tif", "jpeg_grey": "jpg", "jpeg_colour": "jpg", "png_grey": "png", "png_colour": "png", "pdf": "pdf"}


def save(fs, infos, path):
    fmt = fs["fmt"]
    ims = [i["im"] for i in infos]
    xd, yd = infos[0]["dpi"]
    if fmt == "tiff_g4":
        ims[0].save(path, "TIFF", compression="group4", dpi=(xd, yd), save_all=True, append_images=ims[1:])
    elif fmt in ("jpeg_grey", "jpeg_colour"):
        im = ims[0].convert("RGB" if fmt == "jpeg_colour" else "L")
        im.save(path, "JPEG", quality=infos[0]["q"], dpi=(xd, yd), optimize=False)
    elif fmt in ("png_grey", "png_colour"):
        im = ims[0].convert("RGB" if fmt == "png_colour" else "L")
        im.save(path, "PNG", dpi=(xd, yd), optimize=False, compress_level=6)
    elif fmt == "pdf":
        blobs = []
        for inf in infos:
            bb = io.BytesIO()
            im = inf["im"].convert("RGB" if fs.get("colour") else "L")
            im.save(bb, "JPEG", quality=inf["q"], dpi=inf["dpi"])
            blobs.append(bb.getvalue())
        with open(path, "wb") as f:
            f.write(img2pdf.convert(blobs, nodate=True, engine=img2pdf.Engine.internal))


def main():
    os.makedirs(OUT, exist_ok=True)
    used = set()
    manifest = []
    only = os.environ.get("ONLY")
    for fs in SPECS:
        if only and str(fs["n"]) not in only.split(","):
            continue
        doc = Doc(fs, used)
        LAYOUTS[fs["k"]](doc)
        assert len(doc.pages) == len(fs["pg"]), (fs["n"], len(doc.pages))
        name = f"doc{fs['n']:02d}"
        ext = EXT[fs["fmt"]]
        gt_pages = ["\n".join(p.gt) for p in doc.pages]
        gt = "\n\f\n".join(gt_pages) + "\n"
        for p in doc.pages:
            if p.maxy > p.hmm - 6:
                print(f"WARNING {name}: content to {p.maxy:.0f} mm on {p.size}", file=sys.stderr)
        if doc.nhs_print:
            assert doc.nhs_print in gt, (name, doc.nhs_print)
        if doc.dob_print:
            assert doc.dob_print in gt, (name, doc.dob_print)
        infos = [process_page(p, fs, i) for i, p in enumerate(doc.pages)]
        save(fs, infos, os.path.join(OUT, f"{name}.{ext}"))
        with open(os.path.join(OUT, f"{name}.gt.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write(gt)
        overlays = []
        for i, inf in enumerate(infos):
            for ov in inf["overlays"]:
                overlays.append(dict(page=i + 1, **ov))
        fonts = sorted({os.path.basename(FONTS[k]) for k in doc.fonts_used})
        dist = [d_ for d_ in doc.distractors if any(d_["value"] in pg for pg in gt_pages)]
        dist_stamped = [d_ for d_ in doc.distractors if d_ not in dist]
        manifest.append({
            "file": f"{name}.{ext}",
            "ground_truth": f"{name}.gt.txt",
            "document_type": fs["t"],
            "kind": fs["k"].replace("_2p", ""),
            "pages": len(doc.pages),
            "nhs_number": doc.nhs if doc.nhs_print else None,
            "date_of_birth": doc.dob.isoformat() if doc.dob_print else None,
            "nhs_as_printed": doc.nhs_print,
            "dob_as_printed": doc.dob_print,
            "patient_name": f"{doc.title} {doc.first} {doc.sur}",
            "degradations": [inf["degradations"] for inf in infos],
            "difficulty": [inf["diff"] for inf in infos],
            "rotation_clockwise_deg": [inf["rot"] for inf in infos],
            "skew_clockwise_deg": [inf["skew"] for inf in infos],
            "format": fs["fmt"],
            "colour": fs["fmt"] in ("jpeg_colour", "png_colour") or bool(fs.get("colour")),
            "dpi": infos[0]["dpi"][0],
            "page_dpi_xy": [list(inf["dpi"]) for inf in infos],
            "page_sizes": [inf["size"] for inf in infos],
            "jpeg_quality": [inf["q"] for inf in infos] if fs["fmt"] in ("jpeg_grey", "jpeg_colour", "pdf") else None,
            "fonts": fonts,
            "overlay_text_not_in_gt": [ov["text"] for ov in overlays if ov["text"]],
            "overlays": overlays,
            "distractors": dist,
            "distractors_in_overlays_only": dist_stamped,
            "letter_date": doc.date.isoformat(),
        })
        print(f"{name}.{ext}: {fs['t']} {fs['k']} pages={len(doc.pages)} {[i['diff'] for i in infos]}", flush=True)
    with open(os.path.join(OUT, "manifest.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for m in manifest:
            f.write(json.dumps(m, ensure_ascii=False, sort_keys=False) + "\n")
    write_readme(manifest)
    # SHA256SUMS over every file in the set except itself
    names = sorted(n for n in os.listdir(OUT) if n != "SHA256SUMS" and os.path.isfile(os.path.join(OUT, n)))
    with open(os.path.join(OUT, "SHA256SUMS"), "w", newline="\n") as f:
        for n in names:
            with open(os.path.join(OUT, n), "rb") as g:
                f.write(f"{hashlib.sha256(g.read()).hexdigest()}  {n}\n")


def counts(manifest):
    from collections import Counter
    c = {"document_type": Counter(m["document_type"] for m in manifest),
         "format": Counter(m["format"] for m in manifest),
         "difficulty_pages": Counter(d for m in manifest for d in m["difficulty"]),
         "kind": Counter(m["kind"] for m in manifest),
         "dpi_files": Counter(str(m["dpi"]) for m in manifest)}
    c["pages"] = sum(m["pages"] for m in manifest)
    c["files"] = len(manifest)
    c["rotated_pages"] = sum(1 for m in manifest for r in m["rotation_clockwise_deg"] if r)
    return c


def write_readme(manifest):
    c = counts(manifest)

    def tab(cn):
        return "\n".join(f"| {k} | {v} |" for k, v in sorted(cn.items()))
    txt = f"""# ocr6 - sealed OCR evaluation set: scanned legacy NHS paper documents

All content is fictional: NHS numbers are in the 999 test range with valid modulus-11 check
digits, postcodes start ZX, landlines are 01632 960xxx, mobiles 07700 900xxx, and all people,
practices, hospitals and trusts are invented.

{c['files']} files, {c['pages']} pages. Generated by `make_set.py` (this folder); rerun with
`/usr/bin/python3 make_set.py [OUTDIR]` - output is byte-identical (see `SHA256SUMS`;
check with `sha256sum -c SHA256SUMS`).

## Tool chain
Debian 12 packages: python3-pil (Pillow 9.4, libtiff G4, libjpeg), python3-numpy, img2pdf 0.4.4
(image-only PDFs, internal engine, JPEG pages embedded unchanged, `nodate`, no /ID), fonts-liberation, fonts-urw-base35,
fonts-crosextra-carlito/caladea, fonts-texgyre, fonts-linuxlibertine, fonts-freefont-ttf,
fonts-dejavu, fonts-courier-prime, fonts-gnutypewriter (typewriter), fonts-humor-sans,
fonts-dkg-handwriting, fonts-comic-neue, fonts-dancingscript (handwriting overlays).
No OCR engine was run on any of the output. Randomness is string-seeded only.

Pipeline per page: render the page at its scan dpi (PIL, BASIC layout) -> paper colour and
unevenness -> faded print / bleed-through from a mirrored reverse side -> photocopy generation
(toner loss, darkening, specks, drum streaks, copier-lid edge) -> coffee stain, highlighter, hand
ticks, signature, rubber stamps and handwritten annotations (multiply-blended over text) ->
staple / punch holes -> skew (bicubic) -> scanner blur, edge / book-fold shadow, sensor noise ->
fax path (200x100 dpi, noisy threshold, banding, row drop-outs; either kept at 200x100 dpi in the
TIFF or rows doubled to 200x200) -> page rotation -> encoding (G4 threshold, JPEG quality 40-85,
hard pages re-compressed from a q12-22 JPEG first for blocking). Dot-matrix print is made by
sampling glyphs on a 0.3 mm pin grid with one weak pin row; typewriter print jitters each
character's baseline and ink density; letterhead bands and logos are re-screened as halftone
dots (85-133 lpi) at the scan resolution, which produces moire.

## Ground truth conventions (`docNN.gt.txt`, UTF-8)
- Printed text only, in reading order, one printed line per text line, no blank lines; pages are
  separated by a line holding a single form feed (`\\f`). File ends with a newline.
- Runs of whitespace collapsed to one space; lines stripped.
- Table rows / items sharing one baseline (label + value, header bands, table cells) are one line,
  cells left to right joined by one space; empty cells are skipped. NHS numbers printed in ten
  digit boxes are therefore `9 9 9 1 2 3 4 5 6 7`.
- Blocks side by side (recipient address left, date/reference block right; the two columns of the
  discharge summary in doc36) are read as columns: the left block completely, then the right.
- Tick-box squares, logos (the NHS lozenge), crests, rules and table borders are not text.
- Overlay marks are NOT in the ground truth: rubber stamps, handwritten annotations, hand ticks,
  signatures, highlighter. Their text is listed in the manifest (`overlay_text_not_in_gt`, and
  with page and kind in `overlays`). The handwritten entries on the continuation sheets
  (docs 43-45) are handwriting, so they are also overlays, not ground truth; only the printed form
  (heading, patient label, column headings, footer) is ground truth there.
- The fax header line printed by the sending fax machine (docs 10, 22, 39) IS printed text and is
  the first line of each fax page.
- Rotated pages: the text is given in normal reading order. `rotation_clockwise_deg` is the
  rotation applied to the upright page to obtain the stored image (rotate the image
  counter-clockwise by that amount to read it). Small skew is in `skew_clockwise_deg`.

## Manifest (`manifest.jsonl`, one object per file)
`file`, `ground_truth`, `document_type`, `kind` (layout), `pages`, `nhs_number` (10 digits),
`date_of_birth` (YYYY-MM-DD), `nhs_as_printed` and `dob_as_printed` (the value exactly as it first
appears in the ground truth, label excluded), `patient_name`, `degradations` (list per page),
`difficulty` (per page: clean | moderate | hard), `rotation_clockwise_deg` (per page),
`skew_clockwise_deg` (per page), `format`, `colour`, `dpi` (horizontal dpi of the file),
`page_dpi_xy`, `page_sizes`, `jpeg_quality` (per page, JPEG and PDF only), `fonts` (font files
used, including overlay handwriting fonts), `overlay_text_not_in_gt` (strings),
`overlays` (page, kind, text), `distractors` (other numbers and dates printed in the ground truth:
hospital numbers, UBRN, phone/fax numbers, practice codes, lab numbers, letter/clinic/result
dates, the fax header), `distractors_in_overlays_only` (e.g. received-stamp dates),
`letter_date`.

Formats: `tiff_g4` (bilevel, CCITT G4, multi-page), `jpeg_grey`, `jpeg_colour`, `png_grey`,
`png_colour`, `pdf` (image-only, one JPEG per page, grey or colour; docs 9, 29 and 35 mix A4 and
US Letter pages).

## Counts
Document types (files):

| type | files |
|---|---|
{tab(c['document_type'])}

Formats (files):

| format | files |
|---|---|
{tab(c['format'])}

Difficulty (pages):

| difficulty | pages |
|---|---|
{tab(c['difficulty_pages'])}

Layouts (files):

| kind | files |
|---|---|
{tab(c['kind'])}

Scan dpi (files):

| dpi | files |
|---|---|
{tab(c['dpi_files'])}

Pages rotated by 90/180/270: {c['rotated_pages']}.
"""
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(txt)


if __name__ == "__main__":
    main()
