#!/usr/bin/env python3
"""make_set.py -- builds OCR evaluation set 3 (sealed, independent).

Tool chain:  pycairo + Pango (PangoCairo via PyGObject) lay the documents out as
vector PDFs -> Ghostscript rasterises them -> numpy / scipy / scikit-image apply
scanner, fax and photocopier degradations -> tifffile+imagecodecs (LZW TIFF),
tiffcp (Group 4 TIFF), imagecodecs (PNG, JPEG) and cairo (PDF of page images)
write the files.  Every random choice comes from a seeded numpy Generator.

  python3 make_set.py build [--only doc07,doc12] [--out DIR]
  python3 make_set.py baseline          # run ONCE, after the set is fixed
"""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from datetime import date

import numpy as np
from scipy import ndimage as ndi
from skimage import transform as sktf
import tifffile
import imagecodecs

import gi
gi.require_version("Pango", "1.0")
gi.require_version("PangoCairo", "1.0")
from gi.repository import Pango, PangoCairo  # noqa: E402
import cairo  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 3_2025_0312
A4W, A4H = 595.276, 841.890
PEN = (0.10, 0.14, 0.42)          # blue-black ballpoint
STAMP_RED = (0.78, 0.12, 0.14)
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def rng_for(*keys):
    h = hashlib.sha256(("|".join(map(str, keys)) + "|" + str(SEED)).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], "little"))


def pick(r, seq):
    return seq[int(r.integers(len(seq)))]


# --------------------------------------------------------------------------
# identifiers
# --------------------------------------------------------------------------
def nhs_number(r):
    while True:
        d = [9, 9, 9] + [int(v) for v in r.integers(0, 10, 6)]
        s = sum(v * (10 - i) for i, v in enumerate(d))
        c = 11 - s % 11
        c = 0 if c == 11 else c
        if c == 10:
            continue
        return "".join(map(str, d + [c]))


def nhs_valid(n):
    if not (len(n) == 10 and n.isdigit()):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def fmt_nhs(n, style):
    return {"spaced": f"{n[:3]} {n[3:6]} {n[6:]}",
            "hyphen": f"{n[:3]}-{n[3:6]}-{n[6:]}",
            "plain": n}[style]


def ordinal(d):
    return f"{d}{'th' if 11 <= d % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def fmt_date(dt, style):
    d, m, y = dt.day, dt.month, dt.year
    mon = MONTHS[m - 1]
    return {"slash": f"{d:02d}/{m:02d}/{y}",
            "dots_short": f"{d}.{m}.{y % 100:02d}",
            "long": f"{d} {mon} {y}",
            "dmy_mon": f"{d:02d}-{mon[:3]}-{y}",
            "ordinal": f"{ordinal(d)} {mon} {y}",
            "dots": f"{d:02d}.{m:02d}.{y}",
            "mon_space": f"{d:02d} {mon[:3]} {y}",
            "dash": f"{d:02d}-{m:02d}-{y}",
            "slash_short": f"{d}/{m}/{y}"}[style]


FIRST_F = ["Margaret", "Aisha", "Gwen", "Eileen", "Priya", "Siobhan", "Hannah", "Mei",
           "Bethan", "Doreen", "Agnieszka", "Fatima", "Niamh", "Zara", "Joan", "Lorna",
           "Chloe", "Rukhsana", "Ivy", "Paulina", "Maureen", "Olwen", "Yasmin", "Brenda"]
FIRST_M = ["Peter", "Tomasz", "Rajesh", "Callum", "Derek", "Olumide", "Frank", "Graham",
           "Yusuf", "Kieran", "Terence", "Stuart", "Leonard", "Brian", "Imran", "Harold",
           "Samuel", "Dennis", "Owen", "Keith", "Malcolm", "Gareth", "Desmond", "Arjun"]
SURN = ["Ashworth", "Pennington", "Okafor", "Kowalczyk", "Llewellyn", "Bhattacharya",
        "Thistlewood", "McAllister", "Raman", "Fothergill", "Brennan", "Adeyemi",
        "Whitcombe", "Sutcliffe", "Cheung", "Haworth", "Pritchard", "Demir", "Entwistle",
        "Quigley", "Nowak", "Bramley", "Hussain", "Crabtree", "Gallagher", "Hebden",
        "Mistry", "Oakes", "Clegg", "Ridley", "Sandhu", "Tolley", "Varley", "Winstanley",
        "Yardley", "Kaur", "Lomax", "Marsden", "Ogunleye", "Pickering", "Dunmore", "Farrant"]
STREETS = ["Alder Grove", "Mill Lane", "Station Road", "Chapel Street", "Beech Avenue",
           "Kestrel Close", "Orchard Way", "Victoria Terrace", "Moor Road", "Church View",
           "Larkspur Drive", "Canal Side", "Weavers Row", "High Street", "Park Crescent"]
TOWNS = [("Eastbury", "EB"), ("Northwold", "NW"), ("Lowbridge", "LB"), ("Westerby", "WY"),
         ("Anytown", "AT")]
PRACTICES = [
    ("Millbrook Surgery", "14 Millbrook Road", "Eastbury", "EB2 4QT", "F81234"),
    ("Riverside Medical Practice", "Riverside House, 2 Quay Street", "Lowbridge", "LB1 9HX", "F83301"),
    ("Castle Street Health Centre", "51 Castle Street", "Northwold", "NW3 7DA", "F85577"),
    ("The Old Forge Surgery", "The Old Forge, Green Lane", "Westerby", "WY8 2PL", "F86012"),
    ("Hillcrest Family Practice", "Hillcrest Road", "Anytown", "AT4 1BB", "F82468"),
    ("Moorview Medical Centre", "220 Moor Road", "Eastbury", "EB7 3JN", "F84190"),
    ("Kingsway Group Practice", "Kingsway Health Centre, Kingsway", "Northwold", "NW1 5RR", "F87735"),
]
GPS = ["Dr Helen Marchbank", "Dr Tunde Bakare", "Dr Sarah Whitlow", "Dr Anil Desai",
       "Dr Fiona Carmody", "Dr James Kettering", "Dr Ruth Osei", "Dr Colin Barraclough",
       "Dr Meera Pillai", "Dr Owen Thwaites"]
HOSPITALS = [
    ("Eastbury General Hospital", "Eastbury and Northwold Hospitals NHS Foundation Trust",
     "Hospital Lane, Eastbury EB1 2AA"),
    ("Northwold Royal Infirmary", "Eastbury and Northwold Hospitals NHS Foundation Trust",
     "Infirmary Road, Northwold NW2 8GH"),
    ("Lowbridge District Hospital", "Lowbridge and Westerby NHS Trust",
     "Bridge Street, Lowbridge LB4 6TT"),
]
CONSULTANTS = ["Mr David Ferrier", "Dr Alison Kemp", "Miss Joanna Rees", "Dr Kwame Asante",
               "Mr Robert Illingworth", "Dr Nadia Haddad", "Prof Simon Latimer", "Dr Eleanor Voss"]


def make_patient(r, sex=None, child=False):
    sex = sex or pick(r, ["F", "M"])
    first = pick(r, FIRST_F if sex == "F" else FIRST_M)
    last = pick(r, SURN)
    y = int(r.integers(2008, 2016)) if child else int(r.integers(1934, 2004))
    dob = date(y, int(r.integers(1, 13)), int(r.integers(1, 29)))
    town, pc = pick(r, TOWNS)
    addr = [f"{int(r.integers(1, 140))} {pick(r, STREETS)}", town,
            f"{pc}{int(r.integers(1, 10))} {int(r.integers(1, 10))}{pick(r, 'ABDEFHJLNPQRSTUWXYZ')}{pick(r, 'ABDEFHJLNPQRSTUWXYZ')}"]
    age = 2025 - y - (1 if (dob.month, dob.day) > (3, 10) else 0)
    title = ("Mrs" if r.random() < 0.6 else "Ms") if sex == "F" else "Mr"
    if child:
        title = "Miss" if sex == "F" else "Master"
    return dict(sex=sex, first=first, last=last, dob=dob, addr=addr, age=age, title=title,
                nhs=nhs_number(r), phone=f"07700 900{int(r.integers(0, 1000)):03d}",
                hosp=f"{pick(r, 'KRMT')}{int(r.integers(100000, 999999))}",
                he="she" if sex == "F" else "he", his="her" if sex == "F" else "his",
                him="her" if sex == "F" else "him")


# --------------------------------------------------------------------------
# clinical content
# --------------------------------------------------------------------------
SPEC = {
 "lowergi": dict(
   dept="Colorectal Surgery", title="Lower Gastrointestinal",
   hx=["{Name} is a {age}-year-old who has noticed a change in bowel habit to looser, more frequent stools over the last eight weeks, with intermittent dark red blood mixed in with the stool.",
       "{He_} reports unintentional weight loss of about 4 kg since Christmas and some lower abdominal discomfort. There is no family history of bowel cancer.",
       "A FIT test returned a result of 86 ug Hb/g faeces. Full blood count shows a microcytic anaemia with haemoglobin 104 g/L."],
   exam="Abdomen soft, mild tenderness in the left iliac fossa, no palpable mass. PR examination: no mass felt, dark blood on glove.",
   ask="I would be grateful if you could see {him} urgently under the two week wait pathway for investigation, including colonoscopy.",
   ticks=["Age 40 and over with unexplained weight loss and abdominal pain",
          "Age 50 and over with unexplained rectal bleeding",
          "Age 60 and over with iron-deficiency anaemia or change in bowel habit",
          "FIT result of 10 ug Hb/g or more",
          "Rectal or abdominal mass",
          "Unexplained anal mass or anal ulceration"]),
 "breast": dict(
   dept="Breast Surgery", title="Breast",
   hx=["{Name} presented with a painless lump in the upper outer quadrant of the right breast which {he} first noticed three weeks ago.",
       "There is no nipple discharge or skin change. {He_} is not on HRT. {His_} mother had breast cancer at the age of 58."],
   exam="Firm, irregular 2 cm mass at 10 o'clock in the right breast, 4 cm from the nipple, not fixed to skin. No axillary lymphadenopathy.",
   ask="Please see urgently in the one-stop breast clinic.",
   ticks=["Age 30 and over with an unexplained breast lump with or without pain",
          "Age 50 and over with discharge, retraction or other changes of concern in one nipple only",
          "Skin changes suggestive of breast cancer",
          "Age 30 and over with an unexplained lump in the axilla"]),
 "skin": dict(
   dept="Dermatology", title="Skin",
   hx=["{Name} has a pigmented lesion on the left upper back that {his} partner says has grown and darkened over the last four months.",
       "It occasionally itches and bled once after catching on clothing. {He_} has a history of sunburn and used sunbeds in {his} twenties."],
   exam="8 x 6 mm irregular pigmented lesion with variegated brown-black colour and an irregular border. Weighted 7-point checklist score 5. Dermoscopy image attached.",
   ask="Please assess under the suspected skin cancer pathway.",
   ticks=["Suspicious pigmented skin lesion with a weighted 7-point checklist score of 3 or more",
          "Dermoscopy suggests melanoma",
          "Skin lesion raising suspicion of squamous cell carcinoma",
          "Suspected basal cell carcinoma where delay could have a significant impact"]),
 "gynae": dict(
   dept="Gynaecology", title="Gynaecology",
   hx=["{Name} reports two episodes of vaginal bleeding in the last month. {He_} went through the menopause at 51 and is not on HRT.",
       "There is no pelvic pain. Cervical screening has been up to date and normal."],
   exam="Abdomen soft and non-tender. Speculum examination: cervix appears healthy, small amount of old blood in the vault.",
   ask="I would be grateful for urgent assessment including transvaginal ultrasound.",
   ticks=["Post-menopausal bleeding (over 55 years)",
          "Unexplained vulval lump, ulceration or bleeding",
          "Appearance of the cervix consistent with cervical cancer",
          "Ultrasound findings suggestive of endometrial cancer"]),
 "cardio": dict(
   dept="Cardiology", title="Chest pain",
   hx=["{Name} describes central chest tightness on exertion, typically after walking uphill for about 200 yards, relieved by rest within five minutes.",
       "Symptoms began about six weeks ago. {He_} is an ex-smoker with treated hypertension and a total cholesterol of 6.8 mmol/L.",
       "A resting ECG shows sinus rhythm with no acute changes. Troponin was not checked as there has been no pain at rest."],
   exam="BP 148/88, pulse 76 regular, heart sounds normal, chest clear, no ankle oedema.",
   ask="I have started aspirin, atorvastatin and a GTN spray. I would be grateful if you could see {him} in the rapid access chest pain clinic.",
   ticks=[]),
 "resp": dict(
   dept="Respiratory Medicine", title="Chronic cough",
   hx=["{Name} has had a persistent dry cough for over four months which has not settled with a course of antibiotics or inhaled steroids.",
       "{He_} has noticed breathlessness on climbing stairs. A chest X-ray on 17 February was reported as showing mild bibasal reticular change."],
   exam="Fine inspiratory crackles at both bases. Oxygen saturation 95% on air. Mild finger clubbing.",
   ask="I would value your opinion regarding possible interstitial lung disease.",
   ticks=[]),
 "ortho": dict(
   dept="Trauma and Orthopaedics", title="Knee pain",
   hx=["{Name} has a three-year history of worsening right knee pain, now limiting {his} walking to about ten minutes and disturbing {his} sleep.",
       "{He_} has completed a course of physiotherapy, lost 6 kg in weight and uses regular paracetamol and topical NSAIDs without lasting benefit.",
       "X-ray shows marked medial joint space narrowing with osteophytes."],
   exam="Varus deformity, small effusion, crepitus, flexion limited to 100 degrees.",
   ask="{He_} would like to discuss surgical options, including knee replacement.",
   ticks=[]),
 "rheum": dict(
   dept="Rheumatology", title="Inflammatory arthritis",
   hx=["{Name} has a ten-week history of pain and swelling of the small joints of both hands with early morning stiffness lasting around two hours.",
       "CRP is 34 mg/L, ESR 41 mm/hr and rheumatoid factor is positive. Anti-CCP antibodies are pending."],
   exam="Synovitis of the 2nd and 3rd MCP joints bilaterally and the right wrist. Positive squeeze test.",
   ask="Please see in the early inflammatory arthritis clinic.",
   ticks=[]),
 "ent": dict(
   dept="ENT", title="Hearing loss",
   hx=["{Name} reports gradually reduced hearing in the left ear over a year with constant tinnitus on the same side.",
       "There is no vertigo, otalgia or discharge. Audiometry at the practice shows an asymmetrical sensorineural loss of 25 dB at 4 kHz."],
   exam="Both tympanic membranes intact and normal. Rinne positive bilaterally, Weber lateralises to the right.",
   ask="Please assess and consider an MRI of the internal auditory meatus.",
   ticks=[]),
 "neuro": dict(
   dept="Neurology", title="Headache",
   hx=["{Name} has had recurrent headaches for three months, mainly on waking, associated with nausea and occasional blurred vision.",
       "Simple analgesia helps only partly. There is no history of head injury."],
   exam="Neurological examination normal. Fundoscopy limited; optometrist reports possible blurring of the left optic disc margin.",
   ask="I would be grateful for your assessment and advice regarding imaging.",
   ticks=[]),
 "urology": dict(
   dept="Urology", title="Raised PSA",
   hx=["{Name} attended with nocturia three times a night and a poor stream. PSA has risen from 3.1 to 7.4 ng/mL over twelve months.",
       "Urine dipstick was negative and a repeat PSA after six weeks was 7.9 ng/mL."],
   exam="On DRE the prostate is moderately enlarged with a firm nodule on the left lobe.",
   ask="Please see urgently under the suspected urological cancer pathway.",
   ticks=["PSA above the age-specific reference range",
          "Prostate feels malignant on digital rectal examination",
          "Visible haematuria aged 45 and over"]),
 "physio": dict(
   dept="Physiotherapy", title="Low back pain",
   hx=["{Name} has had mechanical low back pain for eight weeks after lifting a wardrobe, with no red flag features.",
       "{He_} is keen to return to work as a delivery driver."],
   exam="Reduced lumbar flexion, no neurological deficit, straight leg raise 80 degrees bilaterally.",
   ask="Please arrange physiotherapy assessment and a graded exercise programme.",
   ticks=[]),
 "memory": dict(
   dept="Memory Assessment Service", title="Memory problems",
   hx=["{Name}'s daughter reports increasing forgetfulness over eighteen months, repeating questions and missing appointments.",
       "Blood tests including B12, folate, thyroid function and calcium are normal. 6-CIT score today was 14/28."],
   exam="Alert and cooperative, no focal neurology. Mood appears normal.",
   ask="Please assess for possible dementia.",
   ticks=[]),
}
MEDS = [("Amlodipine", "5 mg once daily"), ("Atorvastatin", "20 mg at night"),
        ("Metformin", "500 mg twice daily"), ("Ramipril", "2.5 mg once daily"),
        ("Omeprazole", "20 mg once daily"), ("Levothyroxine", "75 micrograms daily"),
        ("Sertraline", "50 mg once daily"), ("Paracetamol", "1 g four times daily"),
        ("Bisoprolol", "2.5 mg once daily"), ("Salbutamol inhaler", "2 puffs as required"),
        ("Apixaban", "5 mg twice daily"), ("Lansoprazole", "15 mg once daily"),
        ("Co-codamol 30/500", "2 tablets as required"), ("Folic acid", "5 mg once daily")]
PROBLEMS = ["Essential hypertension", "Type 2 diabetes mellitus", "Asthma", "Hypothyroidism",
            "Osteoarthritis of knee", "Depressive episode", "Gastro-oesophageal reflux",
            "Atrial fibrillation", "Hypercholesterolaemia", "Chronic kidney disease stage 3a",
            "Appendicectomy", "Fractured wrist"]
ALLERGIES = ["Penicillin - rash", "No known drug allergies", "Codeine - nausea",
             "Trimethoprim - rash", "Elastoplast - skin reaction"]


def fill(s, P):
    name = f"{P['title']} {P['last']}"
    return s.format(Name=name, age=P["age"], He_=P["he"].capitalize(), he=P["he"],
                    His_=P["his"].capitalize(), his=P["his"], him=P["him"])


# --------------------------------------------------------------------------
# layout (cairo + Pango), ground truth recorded line by line
# --------------------------------------------------------------------------
class Doc:
    def __init__(self, path, font, size, r, plan, margins=(60, 56)):
        self.surf = cairo.PDFSurface(path, A4W, A4H)
        self.ctx = cairo.Context(self.surf)
        self.font, self.size, self.r, self.plan = font, size, r, plan
        self.lm, self.rm = margins[0], A4W - margins[0]
        self.top, self.bottom = margins[1], A4H - 50
        self.y = self.top
        self.pages, self.boxes, self.keyboxes = [[]], [[]], [[]]
        self.keys = []          # strings whose boxes must stay legible (NHS, DOB)
        self.stamp_lines = []

    # ---- text ----
    def layout(self, s, font=None, size=None, bold=False, italic=False, width=None,
               align="left", justify=False, spacing=0.0):
        lay = PangoCairo.create_layout(self.ctx)
        PangoCairo.context_set_resolution(lay.get_context(), 72)
        lay.context_changed()
        desc = Pango.FontDescription.from_string(f"{font or self.font} {size or self.size}")
        if bold:
            desc.set_weight(Pango.Weight.BOLD)
        if italic:
            desc.set_style(Pango.Style.ITALIC)
        lay.set_font_description(desc)
        if width:
            lay.set_width(int(width * Pango.SCALE))
            lay.set_wrap(Pango.WrapMode.WORD)
        lay.set_alignment({"left": Pango.Alignment.LEFT, "center": Pango.Alignment.CENTER,
                           "right": Pango.Alignment.RIGHT}[align])
        if justify:
            lay.set_justify(True)
        if spacing:
            lay.set_spacing(int(spacing * Pango.SCALE))
        lay.set_text(s, -1)
        return lay

    def lines_of(self, lay, s, x, y):
        b = s.encode("utf-8")
        out = []
        it = lay.get_iter()
        while True:
            line = it.get_line_readonly()
            t = b[line.start_index:line.start_index + line.length].decode("utf-8").strip()
            _, logical = it.get_line_extents()
            box = (x + logical.x / Pango.SCALE, y + logical.y / Pango.SCALE,
                   logical.width / Pango.SCALE, logical.height / Pango.SCALE)
            out.append((t, box))
            if not it.next_line():
                break
        return out

    def txt(self, s, x=None, y=None, font=None, size=None, bold=False, italic=False,
            width=None, align="left", justify=False, gt=True, color=(0, 0, 0),
            advance=True, spacing=0.0, after=0.0):
        x = self.lm if x is None else x
        yy = self.y if y is None else y
        lay = self.layout(s, font, size, bold, italic, width, align, justify, spacing)
        self.ctx.set_source_rgb(*color)
        self.ctx.move_to(x, yy)
        PangoCairo.show_layout(self.ctx, lay)
        h = lay.get_size()[1] / Pango.SCALE
        w = lay.get_size()[0] / Pango.SCALE
        for t, box in self.lines_of(lay, s, x, yy):
            if not t:
                continue
            if gt:
                self.pages[-1].append(t)
            self.boxes[-1].append((t, box))
            if any(k in t for k in self.keys):
                self.keyboxes[-1].append(box)
        if advance and y is None:
            self.y += h + after
        return w, h

    def width_of(self, s, font=None, size=None, bold=False):
        lay = self.layout(s, font, size, bold)
        return lay.get_size()[0] / Pango.SCALE

    def para(self, s, x=None, width=None, after=6, **kw):
        x = self.lm if x is None else x
        width = width or (self.rm - x)
        return self.txt(s, x=x, width=width, after=after, **kw)

    def gap(self, h):
        self.y += h

    def rule(self, y=None, x0=None, x1=None, lw=0.8, gray=0.0):
        y = self.y if y is None else y
        c = self.ctx
        c.set_source_rgb(gray, gray, gray)
        c.set_line_width(lw)
        c.move_to(self.lm if x0 is None else x0, y)
        c.line_to(self.rm if x1 is None else x1, y)
        c.stroke()

    def rect(self, x, y, w, h, lw=0.7, fill=None, stroke=True):
        c = self.ctx
        c.rectangle(x, y, w, h)
        if fill is not None:
            c.set_source_rgb(*fill)
            c.fill_preserve() if stroke else c.fill()
        if stroke:
            c.set_source_rgb(0, 0, 0)
            c.set_line_width(lw)
            c.stroke()
        else:
            c.new_path()

    def table(self, x, colw, rows, size=None, font=None, header=True, grid=True,
              pad=3.0, bold_first_col=False, shade=None, after=8, rowh=None):
        size = size or self.size
        lh = self.layout("Hg", font, size).get_size()[1] / Pango.SCALE
        rh = rowh or (lh + 2 * pad)
        y = self.y
        for ri, row in enumerate(rows):
            if shade is not None and header and ri == 0:
                self.rect(x, y, sum(colw), rh, fill=shade, stroke=False)
            cx = x
            for ci, cell in enumerate(row):
                if cell:
                    bold = (header and ri == 0) or (bold_first_col and ci == 0)
                    w = self.width_of(cell, font, size, bold)
                    if w > colw[ci] - 2 * pad + 0.5:
                        raise ValueError(f"cell overflow: {cell!r} {w:.1f} > {colw[ci]}")
                    self.txt(cell, x=cx + pad, y=y + (rh - lh) / 2, font=font, size=size,
                             bold=bold, gt=False)
                cx += colw[ci]
            if grid:
                self.rect(x, y, sum(colw), rh, lw=0.6)
                cx = x
                for w in colw[:-1]:
                    cx += w
                    self.rule(y=y, x0=cx, x1=cx, lw=0.6)
                    self.ctx.move_to(cx, y)
                    self.ctx.line_to(cx, y + rh)
                    self.ctx.stroke()
            self.pages[-1].append(" ".join(c for c in row if c))
            y += rh
        self.y = y + after
        return rh

    def checkbox(self, x, y, s=9.0, checked=False, printed=False):
        self.rect(x, y, s, s, lw=0.7)
        if checked:
            if printed:
                c = self.ctx
                c.set_source_rgb(0, 0, 0)
                c.set_line_width(1.0)
                c.move_to(x + 1.5, y + 1.5); c.line_to(x + s - 1.5, y + s - 1.5)
                c.move_to(x + s - 1.5, y + 1.5); c.line_to(x + 1.5, y + s - 1.5)
                c.stroke()
            else:
                self.pen_tick(x + s * 0.1, y - s * 0.2, s * 1.2)

    # ---- pen marks (no text) ----
    def pen_curve(self, pts, lw=1.1, color=PEN, jitter=0.6):
        r = self.r
        pts = [(px + r.normal(0, jitter), py + r.normal(0, jitter)) for px, py in pts]
        c = self.ctx
        c.save()
        c.set_source_rgba(*color, 0.92)
        c.set_line_width(lw)
        c.set_line_cap(cairo.LINE_CAP_ROUND)
        c.set_line_join(cairo.LINE_JOIN_ROUND)
        c.move_to(*pts[0])
        for i in range(1, len(pts)):
            p0 = pts[i - 2] if i >= 2 else pts[i - 1]
            p1, p2 = pts[i - 1], pts[i]
            p3 = pts[i + 1] if i + 1 < len(pts) else pts[i]
            c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
            c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
            c.curve_to(*c1, *c2, *p2)
        c.stroke()
        c.restore()

    def pen_tick(self, x, y, s):
        self.pen_curve([(x, y + s * 0.55), (x + s * 0.3, y + s * 0.9), (x + s * 0.95, y)],
                       lw=1.3, jitter=0.3)

    def pen_circle(self, box):
        x, y, w, h = box
        cx, cy = x + w / 2, y + h / 2
        rx, ry = w / 2 + 6, h / 2 + 4
        a0 = self.r.uniform(0, 6.28)
        pts = [(cx + rx * np.cos(a0 + t) * (1 + 0.05 * np.sin(3 * t)),
                cy + ry * np.sin(a0 + t)) for t in np.linspace(0, 6.6, 18)]
        self.pen_curve(pts, lw=1.0, jitter=0.8)

    def pen_underline(self, box):
        x, y, w, h = box
        n = 8
        pts = [(x + w * i / (n - 1), y + h + 1.5 + self.r.normal(0, 0.7)) for i in range(n)]
        self.pen_curve(pts, lw=1.1, jitter=0.3)

    def pen_initials(self, x, y):
        r = self.r
        pts = [(x + i * 5 + r.normal(0, 1.5), y + (8 if i % 2 else 0) + r.normal(0, 2)) for i in range(9)]
        self.pen_curve(pts, lw=1.0, jitter=0.8)
        self.pen_curve([(x - 2, y + 12), (x + 48, y + 10)], lw=0.9)

    def pen_margin(self, box):
        x, y, w, h = box
        mx = max(18.0, x - 14)
        self.pen_curve([(mx, y - 4), (mx - 1, y + h / 2), (mx + 0.5, y + h + 14)], lw=1.4, jitter=0.5)

    def signature(self, x, y):
        r = self.r
        pts = []
        for i in range(14):
            pts.append((x + i * 7 + r.normal(0, 2), y + (0 if i % 2 else 14) + r.normal(0, 3)))
        self.pen_curve(pts, lw=1.1, jitter=1.0)

    # ---- page furniture ----
    def highlight(self, box, color=(1.0, 0.93, 0.15)):
        x, y, w, h = box
        c = self.ctx
        c.save()
        c.set_operator(cairo.OPERATOR_MULTIPLY)
        c.set_source_rgba(*color, 0.55)
        r = self.r
        c.move_to(x - 3, y + 1 + r.normal(0, 0.6))
        c.line_to(x + w + 4, y + r.normal(0, 0.6))
        c.line_to(x + w + 3, y + h + 1 + r.normal(0, 0.6))
        c.line_to(x - 2, y + h + 2 + r.normal(0, 0.6))
        c.close_path()
        c.fill()
        c.restore()

    def stamp(self, lines, color=STAMP_RED):
        r = self.r
        c = self.ctx
        sizes = [13.0] + [10.5] * (len(lines) - 1)
        lays = [self.layout(t, "Nimbus Sans", s, bold=True) for t, s in zip(lines, sizes)]
        ws = [l.get_size()[0] / Pango.SCALE for l in lays]
        hs = [l.get_size()[1] / Pango.SCALE for l in lays]
        W, H = max(ws) + 16, sum(hs) + 10
        ang = float(r.uniform(-9, 9))
        for _ in range(60):
            x = float(r.uniform(self.lm, A4W - W - 30))
            y = float(r.uniform(40, A4H - H - 40))
            bb = (x - 10, y - 10, W + 20, H + 20)
            if not any(_overlap(bb, k) for k in self.keyboxes[-1]):
                break
        c.save()
        c.translate(x + W / 2, y + H / 2)
        c.rotate(np.deg2rad(ang))
        c.translate(-W / 2, -H / 2)
        c.set_source_rgba(*color, 0.82)
        c.set_line_width(1.6)
        c.rectangle(0, 0, W, H)
        c.stroke()
        c.set_line_width(0.7)
        c.rectangle(2.5, 2.5, W - 5, H - 5)
        c.stroke()
        yy = 5
        for lay, w, h in zip(lays, ws, hs):
            c.move_to((W - w) / 2, yy)
            PangoCairo.update_layout(c, lay)
            PangoCairo.show_layout(c, lay)
            yy += h
        c.restore()
        self.pages[-1].extend(lines)
        return ang

    def decorate(self):
        """page-level marks chosen by the page plan (drawn on the paper before scanning)"""
        pi = len(self.pages) - 1
        plan = self.plan[pi] if pi < len(self.plan) else {}
        marks = plan.get("marks", [])
        r = self.r
        body = [b for b in self.boxes[-1] if len(b[0]) > 12 and b[1][2] > 60]
        for m in marks:
            if m == "highlighter" and body:
                # prefer a line that carries a key identifier or a clinical line
                cand = [b for b in body if any(k in b[0] for k in self.keys)] if r.random() < 0.5 else []
                t, box = pick(r, cand or body)
                col = pick(r, [(1.0, 0.93, 0.15), (0.55, 1.0, 0.45), (1.0, 0.55, 0.8)])
                self.highlight(box, col)
                if r.random() < 0.5:
                    t, box = pick(r, body)
                    self.highlight(box, col)
            elif m == "handwriting" and body:
                for kind in r.permutation(["tick", "circle", "underline", "initials", "margin"])[:int(r.integers(2, 4))]:
                    t, box = pick(r, body)
                    if kind == "tick":
                        self.pen_tick(min(box[0] + box[2] + 6, A4W - 30), box[1] - 2, 11)
                    elif kind == "circle":
                        short = (box[0], box[1], min(box[2], 90), box[3])
                        self.pen_circle(short)
                    elif kind == "underline":
                        self.pen_underline((box[0], box[1], min(box[2], 220), box[3]))
                    elif kind == "initials":
                        self.pen_initials(float(r.uniform(A4W - 170, A4W - 110)), float(r.uniform(60, 120)))
                    else:
                        self.pen_margin(box)
        if "stamp" in marks:
            self.stamp(plan.get("stamp_text", ["RECEIVED", "12 MAR 2025"]))
        if plan.get("fax_header"):
            hdr = plan["fax_header"]
            self.txt(hdr, x=24, y=12, font="Nimbus Mono PS", size=8.5, gt=False)
            self.pages[-1].insert(0, hdr)

    def newpage(self):
        self.decorate()
        self.ctx.show_page()
        self.pages.append([])
        self.boxes.append([])
        self.keyboxes.append([])
        self.y = self.top

    def finish(self):
        self.decorate()
        self.ctx.show_page()
        self.surf.finish()
        return ["\n".join(" ".join(ln.split()) for ln in p if ln.strip()) for p in self.pages]

    def need(self, h, cont=None):
        if self.y + h > self.bottom:
            self.newpage()
            if cont:
                cont(self)


def _overlap(a, b):
    return not (a[0] + a[2] < b[0] or b[0] + b[2] < a[0] or a[1] + a[3] < b[1] or b[1] + b[3] < a[1])


# --------------------------------------------------------------------------
# document builders
# --------------------------------------------------------------------------
def pname(P, style="title"):
    if style == "title":
        return f"{P['title']} {P['first']} {P['last']}"
    if style == "caps":
        return f"{P['last'].upper()}, {P['first']} ({P['title']})"
    return f"{P['first']} {P['last']}"


def ident(ctx):
    """printed identifiers for this document"""
    return ctx["nhs_label"] + " " + ctx["nhs_txt"], ctx["dob_label"] + " " + ctx["dob_txt"]


def practice_block(d, pr, x, align="left", size=9.5, width=200, name_size=12):
    d.txt(pr["name"], x=x, width=width, align=align, size=name_size, bold=True)
    for ln in [pr["addr"], f"{pr['town']} {pr['pc']}", f"Tel: {pr['tel']}", f"Fax: {pr['fax']}"]:
        d.txt(ln, x=x, width=width, align=align, size=size)


def letter_close(d, C, P, sig=True):
    d.gap(4)
    d.txt(pick(d.r, ["Yours sincerely,", "Yours sincerely", "Kind regards,", "With best wishes,"]))
    y = d.y
    d.gap(30)
    if sig:
        d.signature(d.lm + 5, y + 6)
    d.txt(C["gp"], bold=True)
    d.txt("General Practitioner")
    d.txt(C["practice"]["name"])


def b_dictated(d, C, P, S):
    r, pr = d.r, C["practice"]
    practice_block(d, pr, x=d.rm - 230, align="right", width=230)
    d.gap(10)
    d.txt(C["letter_date"], x=d.rm - 230, width=230, align="right")
    d.y = d.top + 70
    d.txt(pick(r, CONSULTANTS))
    d.txt(f"Consultant, {S['dept']}")
    h = C["hospital"]
    d.txt(h[0])
    for part in h[2].split(", "):
        d.txt(part)
    d.gap(14)
    d.txt(pick(r, ["Dear Colleague,", "Dear Dr Kemp,", "Dear Sir or Madam,", "Dear Mr Ferrier,"]), after=6)
    nl, dl = ident(C)
    re_style = int(r.integers(3))
    if re_style == 0:
        d.txt(f"Re: {pname(P)}, {dl}, {nl}", bold=True)
    elif re_style == 1:
        d.txt(f"Re: {pname(P)}", bold=True)
        d.txt(f"{dl}    {nl}", bold=True)
    else:
        d.txt(f"RE: {P['first'].upper()} {P['last'].upper()}   {dl}", bold=True)
        d.txt(nl, bold=True)
    d.txt(", ".join(P["addr"]), after=8)
    d.para(f"Thank you for seeing this {P['age']}-year-old {'lady' if P['sex'] == 'F' else 'man'} regarding {S['title'].lower()}. " + fill(S["hx"][0], P), justify=C["justify"])
    if len(S["hx"]) > 1:
        d.para(" ".join(fill(s, P) for s in S["hx"][1:]), justify=C["justify"])

    def cont(dd):
        dd.txt(f"Page 2 - {pname(P, 'plain')} - {dl}", size=9, italic=True, after=10)
    d.need(40, cont)
    d.para("On examination: " + fill(S["exam"], P), justify=C["justify"])
    d.need(60, cont)
    meds = [pick(r, MEDS) for _ in range(3)]
    d.para(f"{P['his'].capitalize()} current medication includes {meds[0][0].lower()} {meds[0][1]}, "
           f"{meds[1][0].lower()} {meds[1][1]} and {meds[2][0].lower()} {meds[2][1]}. "
           f"Allergies: {pick(r, ALLERGIES).lower()}.", justify=C["justify"])
    if C.get("force_p2") and len(d.pages) == 1:
        d.gap(400)
    d.need(60, cont)
    d.para(fill(S["ask"], P) + " Please do not hesitate to contact me if you require any further information.", justify=C["justify"])
    d.need(110, cont)
    letter_close(d, C, P)
    if r.random() < 0.5:
        d.gap(6)
        d.txt(pick(r, ["Dictated but not read", "cc: Patient", "Enc: recent blood results"]), size=9, italic=True)


def b_ers(d, C, P, S):
    r, pr = d.r, C["practice"]
    d.txt("NHS e-Referral Service", size=9, gt=True)
    d.txt(f"Printed: {C['letter_date_num']} 09:{int(r.integers(10, 59))}", x=d.rm - 160, y=d.top, width=160, align="right", size=9)
    d.gap(4)
    d.rule()
    d.gap(6)
    d.txt("Referral Letter", size=15, bold=True, after=2)
    d.txt(f"UBRN: 0000 {int(r.integers(1000, 9999))} {int(r.integers(1000, 9999))}", size=10, after=8)
    d.txt("Patient Details", size=11, bold=True, after=3)
    rows = [["Name", pname(P, "caps")],
            [C["nhs_label"].rstrip(":").rstrip("."), C["nhs_txt"]],
            [C["dob_label"].rstrip(":"), C["dob_txt"]],
            ["Gender", "Female" if P["sex"] == "F" else "Male"],
            ["Address", ", ".join(P["addr"])],
            ["Telephone", P["phone"]]]
    d.table(d.lm, [130, d.rm - d.lm - 130], rows, header=False, bold_first_col=True, size=9.5)
    d.txt("Referral Details", size=11, bold=True, after=3)
    rows = [["Specialty", S["dept"]], ["Clinic Type", S["title"]],
            ["Priority", pick(r, ["Routine", "Urgent", "2 Week Wait"])],
            ["Referring Clinician", C["gp"]],
            ["Referring Organisation", f"{pr['name']} ({pr['code']})"],
            ["Date Referral Sent", C["letter_date_num"]]]
    d.table(d.lm, [130, d.rm - d.lm - 130], rows, header=False, bold_first_col=True, size=9.5)
    d.txt("Clinical Information", size=11, bold=True, after=3)
    d.para(" ".join(fill(s, P) for s in S["hx"]))
    d.para("Examination: " + fill(S["exam"], P))
    d.para(fill(S["ask"], P))
    if C["pages"] > 1:
        d.txt("Page 1 of 2", x=d.lm, y=A4H - 40, width=d.rm - d.lm, align="center", size=8.5)
        d.newpage()
        d.txt(f"UBRN continued - {pname(P, 'plain')} - {C['nhs_label']} {C['nhs_txt']}", size=9, after=10)
        d.txt("Current Medication", size=11, bold=True, after=3)
        rows = [["Medication", "Dosage", "Last Issued"]] + \
               [[m, dose, fmt_date(date(2025, int(r.integers(1, 3)), int(r.integers(1, 28))), "slash")]
                for m, dose in [MEDS[int(i)] for i in r.choice(len(MEDS), 4, replace=False)]]
        d.table(d.lm, [170, 170, d.rm - d.lm - 340], rows, size=9.5, shade=(0.85, 0.85, 0.85))
        d.txt("Allergies", size=11, bold=True, after=3)
        d.txt(pick(r, ALLERGIES), after=8)
        d.txt("Past Medical History", size=11, bold=True, after=3)
        for p in r.choice(PROBLEMS, 3, replace=False):
            d.txt(f"- {p}")
        d.gap(10)
        d.txt("Page 2 of 2", x=d.lm, y=A4H - 40, width=d.rm - d.lm, align="center", size=8.5)
    else:
        d.txt("Page 1 of 1", x=d.lm, y=A4H - 40, width=d.rm - d.lm, align="center", size=8.5)


def b_2ww(d, C, P, S):
    r, pr = d.r, C["practice"]
    d.rect(d.lm, d.y, d.rm - d.lm, 46, fill=(0.8, 0.8, 0.8), lw=1.0)
    d.txt("URGENT SUSPECTED CANCER REFERRAL", x=d.lm, y=d.y + 6, width=d.rm - d.lm, align="center", size=14, bold=True)
    d.txt(f"{S['title']} - Two Week Wait Referral Form", x=d.lm, y=d.y + 26, width=d.rm - d.lm, align="center", size=11)
    d.gap(56)
    d.txt(f"Send to: {C['hospital'][0]} Cancer Referral Office    Date of referral: {C['letter_date_num']}", size=9.5, after=8)
    d.txt("PATIENT DETAILS", size=10.5, bold=True, after=3)
    w = d.rm - d.lm
    rows = [["Surname", "Forename", C["nhs_label"].rstrip(":").rstrip("."), C["dob_label"].rstrip(":")],
            [P["last"], P["first"], C["nhs_txt"], C["dob_txt"]]]
    d.table(d.lm, [w * 0.24, w * 0.22, w * 0.27, w - w * 0.73], rows, size=9.5, shade=(0.9, 0.9, 0.9))
    rows = [["Address", ", ".join(P["addr"])], ["Telephone", P["phone"]],
            ["Interpreter required", "No"]]
    d.table(d.lm, [110, w - 110], rows, header=False, bold_first_col=True, size=9.5)
    d.txt("REFERRAL CRITERIA (tick all that apply)", size=10.5, bold=True, after=4)
    ticks = S["ticks"]
    ticked = set(int(i) for i in r.choice(len(ticks), max(1, len(ticks) // 3), replace=False))
    printed = r.random() < 0.5
    for i, t in enumerate(ticks):
        y0 = d.y
        d.checkbox(d.lm + 2, y0 + 2, checked=i in ticked, printed=printed)
        d.txt(t, x=d.lm + 18, width=w - 20, size=9.5, after=3)
    d.gap(6)
    d.txt("ADDITIONAL CLINICAL INFORMATION", size=10.5, bold=True, after=3)
    d.para(" ".join(fill(s, P) for s in S["hx"]), size=9.5)
    d.para("Examination: " + fill(S["exam"], P), size=9.5)
    if C["pages"] > 1:
        d.txt("Continued overleaf", size=9, italic=True)
        d.newpage()
        d.txt(f"2WW {S['title']} referral (continued)   Patient: {pname(P, 'plain')}   {C['nhs_label']} {C['nhs_txt']}", size=9, after=10)
        d.txt("MEDICATION AND ALLERGIES", size=10.5, bold=True, after=3)
        rows = [["Drug", "Dose"]] + [list(MEDS[int(i)]) for i in r.choice(len(MEDS), 4, replace=False)]
        d.table(d.lm, [200, 200], rows, size=9.5, shade=(0.9, 0.9, 0.9))
        d.txt("Allergies: " + pick(r, ALLERGIES), size=9.5, after=8)
        d.txt("PERFORMANCE STATUS (WHO)", size=10.5, bold=True, after=3)
        for i, t in enumerate(["0 - Fully active", "1 - Restricted in strenuous activity",
                               "2 - Ambulatory, capable of self-care", "3 - Limited self-care"]):
            d.checkbox(d.lm + 2, d.y + 2, checked=(i == 1), printed=printed)
            d.txt(t, x=d.lm + 18, size=9.5, after=3)
        d.gap(8)
    d.gap(4)
    d.txt("REFERRER", size=10.5, bold=True, after=3)
    rows = [["GP name", C["gp"]], ["Practice", f"{pr['name']}, {pr['town']}"], ["Address", f"{pr['addr']}, {pr['pc']}"],
            ["Practice code", pr["code"]], ["Telephone", pr["tel"]],
            ["Patient informed this is an urgent cancer referral", "Yes"]]
    d.table(d.lm, [250, w - 250], rows, header=False, bold_first_col=False, size=9.5)


def b_soap(d, C, P, S):
    r, pr = d.r, C["practice"]
    d.txt(f"{pr['name']} - Consultation Record / Referral", size=12, bold=True, after=2)
    d.rule()
    d.gap(4)
    nl, dl = ident(C)
    d.txt(f"Patient: {pname(P, 'plain')}   {dl}   {nl}", size=10)
    d.txt(f"Address: {', '.join(P['addr'])}", size=10, after=6)
    d.txt(f"Consultation {C['letter_date_num']} {int(r.integers(8, 17))}:{int(r.integers(10, 59))} with {C['gp']} (Face to face)", size=10, after=8)
    fw = 26
    for lab, s in [("S:", " ".join(fill(x, P) for x in S["hx"][:2])),
                   ("O:", fill(S["exam"], P)),
                   ("A:", S["title"] + (" - suspected cancer" if S["ticks"] else " - for specialist opinion")),
                   ("P:", f"Refer {S['dept']}. " + fill(S["ask"], P) + " Safety-netting advice given.")]:
        y0 = d.y
        d.txt(lab, x=d.lm, y=y0, bold=True, gt=False)
        d.pages[-1].append(lab)
        d.para(s, x=d.lm + fw, after=6)
    d.gap(6)
    d.txt("Referral request", size=11, bold=True, after=3)
    rows = [["To", f"{S['dept']}, {C['hospital'][0]}"], ["Urgency", pick(r, ["Urgent", "Routine", "Soon"])],
            ["Referrer", f"{C['gp']} ({pr['code']})"]]
    d.table(d.lm, [90, d.rm - d.lm - 90], rows, header=False, bold_first_col=True, size=9.5)
    d.txt("Medication (repeat)", size=11, bold=True, after=3)
    for m, dose in [MEDS[int(i)] for i in r.choice(len(MEDS), 3, replace=False)]:
        d.txt(f"{m} {dose}", size=10)
    d.gap(4)
    d.txt("Allergies: " + pick(r, ALLERGIES), size=10)


def b_printout(d, C, P, S):
    r, pr = d.r, C["practice"]
    w = d.rm - d.lm
    d.rect(d.lm, d.y, w, 22, fill=(0.25, 0.25, 0.25), stroke=False)
    d.txt("PracticeView Clinical System - Referral Summary", x=d.lm + 6, y=d.y + 4, size=11, bold=True, color=(1, 1, 1))
    d.gap(28)
    d.txt(f"{pr['name']} ({pr['code']})    Printed {C['letter_date_num']} by {C['gp']}", size=9, after=8)
    rows = [["Patient name", C["nhs_label"].rstrip(":").rstrip("."), C["dob_label"].rstrip(":"), "Sex"],
            [pname(P, "plain"), C["nhs_txt"], C["dob_txt"], P["sex"]]]
    d.table(d.lm, [w * 0.34, w * 0.25, w * 0.25, w - w * 0.84], rows, size=9.5, shade=(0.85, 0.85, 0.85))
    d.txt(f"Address: {', '.join(P['addr'])}    Tel: {P['phone']}", size=9.5, after=8)
    d.txt("Reason for referral", size=11, bold=True, after=3)
    d.para(f"Referral to {S['dept']}: {S['title']}. " + " ".join(fill(s, P) for s in S["hx"]), size=9.5)
    d.para(fill(S["ask"], P), size=9.5)
    d.txt("Active problems", size=11, bold=True, after=3)
    rows = [["Date", "Problem", "Status"]] + [
        [fmt_date(date(int(r.integers(1998, 2024)), int(r.integers(1, 13)), int(r.integers(1, 28))), "slash"), p, pick(r, ["Active", "Active", "Past"])]
        for p in r.choice(PROBLEMS, 4, replace=False)]
    d.table(d.lm, [80, 260, w - 340], rows, size=9, shade=(0.9, 0.9, 0.9))
    d.txt("Repeat medication", size=11, bold=True, after=3)
    rows = [["Drug", "Dose", "Issued"]] + [
        [m, dose, fmt_date(date(2025, int(r.integers(1, 3)), int(r.integers(1, 28))), "slash")]
        for m, dose in [MEDS[int(i)] for i in r.choice(len(MEDS), 4, replace=False)]]
    d.table(d.lm, [170, 200, w - 370], rows, size=9, shade=(0.9, 0.9, 0.9))
    if C["pages"] > 1:
        d.txt("Page 1 of 2", x=d.lm, y=A4H - 40, width=w, align="right", size=8)
        d.newpage()
        d.rect(d.lm, d.y, w, 22, fill=(0.25, 0.25, 0.25), stroke=False)
        d.txt(f"Referral Summary (cont.) - {pname(P, 'plain')} - {C['nhs_txt']}", x=d.lm + 6, y=d.y + 4, size=11, bold=True, color=(1, 1, 1))
        d.gap(32)
    d.txt("Recent results", size=11, bold=True, after=3)
    rows = [["Date", "Test", "Result", "Range"],
            [C["letter_date_num"], "Haemoglobin", f"{int(r.integers(98, 150))} g/L", "115 - 165"],
            [C["letter_date_num"], "eGFR", f"{int(r.integers(45, 90))} mL/min", "> 60"],
            [C["letter_date_num"], "HbA1c", f"{int(r.integers(38, 70))} mmol/mol", "20 - 41"],
            [C["letter_date_num"], "CRP", f"{int(r.integers(1, 40))} mg/L", "< 5"]]
    d.table(d.lm, [90, 160, 120, w - 370], rows, size=9, shade=(0.9, 0.9, 0.9))
    d.txt("Allergies: " + pick(r, ALLERGIES), size=9.5, after=4)
    d.txt(f"Blood pressure: {int(r.integers(118, 160))}/{int(r.integers(70, 95))} mmHg   BMI: {r.uniform(21, 34):.1f}", size=9.5, after=4)
    if C["pages"] > 1:
        d.txt("Page 2 of 2", x=d.lm, y=A4H - 40, width=w, align="right", size=8)


def b_short(d, C, P, S):
    r, pr = d.r, C["practice"]
    font = C["font"]
    d.txt(f"{pr['name']}, {pr['addr']}, {pr['town']} {pr['pc']}", size=9, font=font)
    d.txt(f"Tel {pr['tel']}", size=9, font=font, after=14)
    d.txt(f"To: {S['dept']}, {C['hospital'][0]}", font=font)
    d.txt(f"Date: {C['letter_date_num']}", font=font, after=12)
    nl, dl = ident(C)
    d.txt(f"Pt: {pname(P, 'plain')}   {dl}", font=font, bold=True)
    d.txt(nl, font=font, bold=True, after=10)
    d.para(f"Please see this patient re {S['title'].lower()}. " + fill(S["hx"][0], P), font=font)
    d.para(fill(S["ask"], P) + " Many thanks.", font=font)
    d.gap(20)
    d.signature(d.lm, d.y)
    d.gap(24)
    d.txt(C["gp"], font=font)


def letterhead(d, C, big=True):
    pr = C["practice"]
    c = d.ctx
    # simple logo: a circle with a cross
    c.set_source_rgb(0.2, 0.2, 0.2)
    c.arc(d.lm + 28, d.top + 30, 26, 0, 6.283)
    c.fill()
    c.set_source_rgb(1, 1, 1)
    c.rectangle(d.lm + 22, d.top + 12, 12, 36)
    c.rectangle(d.lm + 10, d.top + 24, 36, 12)
    c.fill()
    d.txt(pr["name"], x=d.lm + 70, y=d.top, size=22 if big else 16, bold=True, font="C059", gt=True)
    d.txt(f"{pr['addr']}, {pr['town']} {pr['pc']}", x=d.lm + 70, y=d.top + 32, size=10)
    d.txt(f"Telephone {pr['tel']}    Fax {pr['fax']}    Practice code {pr['code']}", x=d.lm + 70, y=d.top + 46, size=9)
    d.y = d.top + 66
    d.rule(lw=2.0)
    d.gap(6)
    if big:
        gps = C["partners"]
        d.txt("Partners: " + ", ".join(gps), size=8.5, width=d.rm - d.lm, after=4)
        d.txt("Practice Manager: Mrs Janet Holroyd    Nurse Practitioner: Ms Kerry Alleyne", size=8.5, after=6)


def b_letterhead_p2(d, C, P, S):
    r = d.r
    letterhead(d, C, big=True)
    d.gap(40)
    d.txt("PRIVATE AND CONFIDENTIAL", bold=True, size=11, after=10)
    d.txt(f"{S['dept']} Department")
    h = C["hospital"]
    d.txt(h[0])
    for part in h[2].split(", "):
        d.txt(part)
    d.gap(20)
    d.txt(C["letter_date"], after=20)
    d.txt(f"Our ref: {C['gp'].split()[-1][:3].upper()}/{int(r.integers(1000, 9999))}", size=10)
    d.txt("Referral letter enclosed (1 page)", size=10)
    d.txt("Please quote the NHS number in all correspondence", size=10, italic=True)
    # footer
    d.txt("This practice is part of Eastbury Central Primary Care Network. Registered as a partnership.",
          x=d.lm, y=A4H - 60, width=d.rm - d.lm, align="center", size=8)
    d.newpage()
    nl, dl = ident(C)
    d.txt(pick(r, ["Dear Colleague,", "Dear Doctor,", "Dear Consultant,"]), after=8)
    d.txt(f"Re: {pname(P)}", bold=True)
    d.txt(dl, bold=True)
    d.txt(nl, bold=True)
    d.txt(", ".join(P["addr"]), after=10)
    d.para(fill(S["hx"][0], P), justify=C["justify"])
    d.para(" ".join(fill(s, P) for s in S["hx"][1:]) or fill(S["exam"], P), justify=C["justify"])
    d.para("Examination: " + fill(S["exam"], P), justify=C["justify"])
    d.para(fill(S["ask"], P), justify=C["justify"])
    rows = [["Current medication", "Dose"]] + [list(MEDS[int(i)]) for i in r.choice(len(MEDS), 3, replace=False)]
    d.table(d.lm, [200, 200], rows, size=10, grid=False)
    letter_close(d, C, P)


def b_faxcover(d, C, P, S):
    r, pr = d.r, C["practice"]
    d.txt("FAX", size=40, bold=True, font="Nimbus Sans", after=6)
    d.txt(pr["name"], size=14, bold=True)
    d.txt(f"{pr['addr']}, {pr['town']} {pr['pc']}", size=10, after=16)
    w = d.rm - d.lm
    rows = [["To:", f"{S['dept']} Referrals, {C['hospital'][0]}"],
            ["Fax number:", f"01632 960{int(r.integers(100, 999))}"],
            ["From:", C["gp"]], ["Date:", C["letter_date_num"]],
            ["Pages (including cover):", str(C["pages"])],
            ["Subject:", f"Referral - {pname(P, 'plain')}"]]
    d.table(d.lm, [150, w - 150], rows, header=False, grid=False, size=11, rowh=22)
    d.gap(20)
    d.rect(d.lm, d.y, w, 110, lw=1.0)
    d.y += 8
    d.para("CONFIDENTIALITY NOTICE: This fax contains confidential patient information intended only for the named recipient. "
           "If you have received it in error please telephone the sender immediately and destroy all pages. "
           "Do not copy or disclose the contents.", x=d.lm + 8, width=w - 16, size=10)
    d.newpage()
    nl, dl = ident(C)
    d.txt(C["letter_date"], x=d.rm - 200, width=200, align="right", after=12)
    d.txt("Dear Colleague,", after=8)
    d.txt(f"Re: {pname(P)}", bold=True)
    d.txt(f"{dl}   {nl}", bold=True)
    d.txt(", ".join(P["addr"]), after=10)
    for s in S["hx"]:
        d.para(fill(s, P))
    d.para("Examination: " + fill(S["exam"], P))
    d.para(fill(S["ask"], P))
    letter_close(d, C, P)


def hospital_header(d, C, dept):
    h = C["hospital"]
    d.y = d.top
    d.txt(h[1], x=d.lm, width=d.rm - d.lm, align="right", size=12, bold=True, font="Arimo")
    d.txt(h[0], x=d.lm, width=d.rm - d.lm, align="right", size=10)
    d.txt(h[2], x=d.lm, width=d.rm - d.lm, align="right", size=9)
    d.txt(f"{dept}    Tel: 01632 960{int(d.r.integers(100, 999))}", x=d.lm, width=d.rm - d.lm, align="right", size=9, after=8)
    d.rule(lw=1.2)
    d.gap(8)


def b_clinic(d, C, P, S):
    r = d.r
    hospital_header(d, C, S["dept"])
    cons = pick(r, CONSULTANTS)
    d.txt(f"Consultant: {cons}", size=10)
    d.txt(f"Clinic date: {C['clinic_date']}    Typed: {C['letter_date_num']}", size=10, after=10)
    d.txt(C["gp"])
    pr = C["practice"]
    d.txt(pr["name"])
    d.txt(pr["addr"])
    d.txt(f"{pr['town']} {pr['pc']}", after=12)
    d.txt(f"Dear {C['gp'].split()[0]} {C['gp'].split()[-1]},", after=8)
    nl, dl = ident(C)
    d.txt(f"{pname(P)}   {dl}", bold=True)
    d.txt(f"{nl}   Hospital No: {P['hosp']}", bold=True)
    d.txt(", ".join(P["addr"]), after=8)
    d.txt("Diagnosis:", bold=True)
    d.txt(f"1. {S['title']}", x=d.lm + 14)
    d.txt(f"2. {pick(r, PROBLEMS)}", x=d.lm + 14, after=6)
    d.txt("Plan:", bold=True)
    for i, p in enumerate(["Blood tests today", pick(r, ["CT scan requested", "MRI requested", "Ultrasound requested"]),
                           "Review in clinic in 6 weeks with results"]):
        d.txt(f"{i + 1}. {p}", x=d.lm + 14)
    d.gap(8)
    d.para(f"I saw {P['title']} {P['last']} in the {S['dept'].lower()} clinic today. " + fill(S["hx"][0], P), justify=C["justify"])
    d.need(80, lambda dd: dd.txt(f"{pname(P, 'plain')}  {dl}  page 2", size=9, after=10))
    d.para("On examination: " + fill(S["exam"], P), justify=C["justify"])
    if C.get("force_p2") and len(d.pages) == 1:
        d.gap(400)
    d.need(80, lambda dd: dd.txt(f"{pname(P, 'plain')}  {dl}  page 2", size=9, after=10))
    d.para(f"I have explained the plan to {P['him']} and {P['he']} is happy to proceed. I will write again once the results are available.", justify=C["justify"])
    d.gap(6)
    d.txt("Yours sincerely,")
    y = d.y
    d.gap(30)
    d.signature(d.lm + 5, y + 6)
    d.txt(cons, bold=True)
    d.txt(f"Consultant, {S['dept']}")
    d.txt(f"cc: {pname(P)}", size=9)


def b_discharge(d, C, P, S):
    r = d.r
    hospital_header(d, C, "Discharge Summary")
    w = d.rm - d.lm
    d.txt("INPATIENT DISCHARGE SUMMARY", size=14, bold=True, after=6)
    rows = [["Patient", pname(P, "plain")], [C["nhs_label"].rstrip(":").rstrip("."), C["nhs_txt"]],
            [C["dob_label"].rstrip(":"), C["dob_txt"]], ["Hospital number", P["hosp"]],
            ["GP", f"{C['gp']}, {C['practice']['name']}"]]
    d.table(d.lm, [130, w - 130], rows, header=False, bold_first_col=True, size=9.5)
    adm = date(2025, 2, int(r.integers(10, 20)))
    dis = date(2025, 2, adm.day + int(r.integers(2, 8)))
    rows = [["Admitted", "Discharged", "Ward", "Consultant"],
            [fmt_date(adm, "slash"), fmt_date(dis, "slash"), pick(r, ["Ward 12", "Elm Ward", "AMU", "Ward 7B"]), pick(r, CONSULTANTS)]]
    d.table(d.lm, [w * 0.2, w * 0.2, w * 0.2, w * 0.4], rows, size=9.5, shade=(0.88, 0.88, 0.88))
    diag = pick(r, ["Community acquired pneumonia", "Acute kidney injury", "Cellulitis of left leg",
                    "Exacerbation of COPD", "Fast atrial fibrillation", "Urinary tract infection with delirium"])
    d.txt("Primary diagnosis", size=11, bold=True, after=2)
    d.txt(diag, after=6)
    d.txt("Secondary diagnoses", size=11, bold=True, after=2)
    for p in r.choice(PROBLEMS, 2, replace=False):
        d.txt(p)
    d.gap(6)
    d.txt("Clinical summary", size=11, bold=True, after=2)
    d.para(f"{P['title']} {P['last']} was admitted via the emergency department with a three-day history of fever, "
           f"increasing breathlessness and reduced oral intake. Initial observations showed a temperature of 38.4 C, "
           f"heart rate 108 and oxygen saturation of 91% on air. {P['he'].capitalize()} was treated with intravenous antibiotics "
           f"and fluids and improved steadily. Inflammatory markers fell from a CRP of 186 to 22 mg/L.")
    d.para(f"{P['he'].capitalize()} was reviewed by the physiotherapy team and was mobilising independently before discharge.")
    if C["pages"] > 1:
        d.newpage()
        d.txt(f"Discharge summary - {pname(P, 'plain')} - {C['nhs_label']} {C['nhs_txt']} - page 2", size=9, after=10)
    d.txt("Medication on discharge", size=11, bold=True, after=3)
    rows = [["Medicine", "Dose and frequency", "Status"]] + [
        [m, dose, pick(r, ["Continued", "New", "Changed"])] for m, dose in [MEDS[int(i)] for i in r.choice(len(MEDS), 5, replace=False)]]
    d.table(d.lm, [160, 200, w - 360], rows, size=9.5, shade=(0.88, 0.88, 0.88))
    d.txt("Actions for GP", size=11, bold=True, after=2)
    for a in ["Please repeat U&E and FBC in one week.", "Please review blood pressure medication in four weeks.",
              "Chest X-ray in six weeks to confirm resolution."]:
        d.txt("- " + a)
    d.gap(6)
    if C["pages"] > 2:
        d.newpage()
        d.txt(f"Discharge summary - {pname(P, 'plain')} - page 3", size=9, after=10)
    d.txt("Follow up", size=11, bold=True, after=2)
    d.para(f"Respiratory clinic in eight weeks. {P['he'].capitalize()} has been given written information about {P['his']} condition and advised to seek help if symptoms return.")
    d.txt("Information given to patient: Yes    Copy to patient: Yes", size=10, after=8)
    d.txt(f"Completed by: Dr {pick(r, ['Laura Benn', 'Ade Okoro', 'Tom Riley', 'Sana Mir'])}, FY2    Bleep 4{int(r.integers(100, 999))}", size=10)
    d.txt(f"Date: {fmt_date(dis, 'slash')}", size=10)


def b_lab(d, C, P, S):
    r = d.r
    h = C["hospital"]
    w = d.rm - d.lm
    d.txt(f"{h[0]} - Department of Pathology", size=12, bold=True, font="Arimo")
    d.txt("Blood Sciences (Clinical Biochemistry and Haematology)", size=9.5, after=4)
    d.rule()
    d.gap(6)
    col = [
        [f"Patient: {P['last'].upper()}, {P['first']}", f"Hospital No: {P['hosp']}"],
        [f"{C['dob_label']} {C['dob_txt']}" if C["dob_txt"] else "", (f"{C['nhs_label']} {C['nhs_txt']}" if C["nhs_txt"] else f"Sex: {P['sex']}")],
        [f"Requested by: {C['gp']}", f"Location: {C['practice']['name']}"],
        [f"Collected: {C['letter_date_num']} 08:{int(r.integers(10, 59))}", f"Lab No: {int(r.integers(10, 99))}B{int(r.integers(100000, 999999))}"],
    ]
    d.table(d.lm, [w / 2, w / 2], col, header=False, grid=False, size=9.5, pad=1.5, after=10)
    d.rule(lw=0.5)
    d.gap(6)
    panels = [
        ("FULL BLOOD COUNT", [("Haemoglobin", f"{int(r.integers(95, 160))}", "g/L", "115 - 165"),
                              ("White cell count", f"{r.uniform(3.5, 13):.1f}", "x10^9/L", "4.0 - 11.0"),
                              ("Platelets", f"{int(r.integers(140, 420))}", "x10^9/L", "150 - 400"),
                              ("MCV", f"{int(r.integers(72, 99))}", "fL", "80 - 100"),
                              ("Neutrophils", f"{r.uniform(1.5, 9):.1f}", "x10^9/L", "2.0 - 7.5")]),
        ("UREA AND ELECTROLYTES", [("Sodium", f"{int(r.integers(131, 145))}", "mmol/L", "133 - 146"),
                                   ("Potassium", f"{r.uniform(3.4, 5.6):.1f}", "mmol/L", "3.5 - 5.3"),
                                   ("Urea", f"{r.uniform(2.5, 11):.1f}", "mmol/L", "2.5 - 7.8"),
                                   ("Creatinine", f"{int(r.integers(55, 160))}", "umol/L", "45 - 110"),
                                   ("eGFR", f"{int(r.integers(35, 90))}", "mL/min/1.73m2", "> 60")]),
        ("LIVER FUNCTION TESTS", [("Bilirubin", f"{int(r.integers(4, 30))}", "umol/L", "0 - 21"),
                                  ("ALT", f"{int(r.integers(10, 90))}", "U/L", "0 - 40"),
                                  ("Alkaline phosphatase", f"{int(r.integers(40, 180))}", "U/L", "30 - 130"),
                                  ("Albumin", f"{int(r.integers(30, 48))}", "g/L", "35 - 50")]),
        ("OTHER", [("HbA1c", f"{int(r.integers(35, 80))}", "mmol/mol", "20 - 41"),
                   ("TSH", f"{r.uniform(0.3, 6):.2f}", "mU/L", "0.27 - 4.20"),
                   ("Ferritin", f"{int(r.integers(8, 300))}", "ug/L", "15 - 300"),
                   ("CRP", f"{int(r.integers(1, 60))}", "mg/L", "0 - 5")]),
    ]

    def flag(v, rng):
        try:
            x = float(v)
        except ValueError:
            return ""
        rng = rng.replace(">", "").replace("<", "").strip()
        parts = [float(p) for p in rng.split(" - ")] if " - " in rng else [float(rng), 1e9]
        return "H" if x > parts[1] else ("L" if x < parts[0] else "")

    for pi, (title, tests) in enumerate(panels):
        if C["pages"] > 1 and pi == 2:
            d.txt("Continued on next page", size=9, italic=True)
            d.newpage()
            d.txt(f"{P['last'].upper()}, {P['first']}   {C['nhs_label']} {C['nhs_txt']}   page 2", size=9, after=10)
        d.txt(title, size=10.5, bold=True, after=3)
        rows = [["Test", "Result", "Units", "Reference range", "Flag"]] + [
            [t, v, u, rg, flag(v, rg)] for t, v, u, rg in tests]
        d.table(d.lm, [150, 70, 100, 110, w - 430], rows, size=9.5, grid=False, pad=2, after=10)
    d.txt("Comment: Results reviewed by duty biochemist. Please interpret in the clinical context.", size=9, italic=True, after=4)
    d.txt(f"Authorised: {C['letter_date_num']} 15:{int(r.integers(10, 59))}   Report status: FINAL", size=9)


def b_appt(d, C, P, S):
    r = d.r
    hospital_header(d, C, "Outpatient Appointments")
    d.txt(pname(P))
    for a in P["addr"]:
        d.txt(a)
    d.gap(14)
    d.txt(f"Date: {C['letter_date']}", after=4)
    if C["nhs_txt"] or C["dob_txt"]:
        parts = []
        if C["nhs_txt"]:
            parts.append(f"{C['nhs_label']} {C['nhs_txt']}")
        if C["dob_txt"]:
            parts.append(f"{C['dob_label']} {C['dob_txt']}")
        d.txt("    ".join(parts), size=10)
    d.txt(f"Hospital number: {P['hosp']}", size=10, after=12)
    d.txt(f"Dear {P['title']} {P['last']},", after=8)
    d.txt("Your outpatient appointment", size=13, bold=True, after=6)
    appt = date(2025, int(r.integers(4, 7)), int(r.integers(1, 29)))
    rows = [["Clinic", f"{S['dept']} - {pick(r, CONSULTANTS)}"],
            ["Date", fmt_date(appt, "long")],
            ["Time", f"{int(r.integers(9, 16))}:{pick(r, ['00', '15', '30', '45'])}"],
            ["Location", f"Outpatients {pick(r, ['A', 'B', 'C'])}, {C['hospital'][0]}"]]
    d.table(d.lm, [100, d.rm - d.lm - 100], rows, header=False, bold_first_col=True, size=11, rowh=20)
    d.para("Please arrive ten minutes before your appointment time and report to the reception desk. "
           "Bring a list of your current medicines and this letter with you.")
    d.para("If you are unable to attend, please telephone the booking office on 01632 960318 as soon as possible "
           "so that we can offer your appointment to another patient.")
    d.para("Parking is limited; please allow extra time. Free Wi-Fi is available in the main outpatient area.")
    d.gap(6)
    d.txt("Yours sincerely,", after=20)
    d.txt("Outpatient Booking Team")


BUILDERS = dict(dictated=b_dictated, ers_export=b_ers, proforma_2ww=b_2ww, soap_note=b_soap,
                gp_printout=b_printout, short_note=b_short, letterhead_body_p2=b_letterhead_p2,
                fax_cover_referral=b_faxcover, clinic_letter=b_clinic, discharge_summary=b_discharge,
                lab_report=b_lab, appointment=b_appt)

# --------------------------------------------------------------------------
# the set: 40 documents
# (doc_type, kind, specialty, format, dpi, pages, capture, colour, extra)
# capture: scan | fax | fax_dither | photocopy ; extra holds per-doc switches
# --------------------------------------------------------------------------
SPECS = [
    ("referral_letter", "ers_export", "cardio", "pdf", 300, 2, "scan", False, {}),
    ("referral_letter", "ers_export", "resp", "tiff-g4", 300, 1, "scan", False, {}),
    ("referral_letter", "ers_export", "rheum", "tiff-lzw", 200, 2, "scan", False, {}),
    ("referral_letter", "proforma_2ww", "lowergi", "tiff-g4", 204, 1, "fax", False, {}),
    ("referral_letter", "proforma_2ww", "breast", "jpeg", 300, 1, "scan", True, {"q": 72}),
    ("referral_letter", "proforma_2ww", "skin", "pdf", 200, 2, "scan", True, {}),
    ("referral_letter", "proforma_2ww", "gynae", "png", 300, 1, "photocopy", False, {}),
    ("referral_letter", "dictated", "ortho", "tiff-g4", 400, 1, "scan", False, {}),
    ("referral_letter", "dictated", "ent", "jpeg", 200, 1, "scan", False, {"q": 55}),
    ("referral_letter", "dictated", "neuro", "tiff-lzw", 150, 2, "scan", False, {"force_p2": True}),
    ("referral_letter", "dictated", "memory", "png", 240, 1, "scan", False, {}),
    ("referral_letter", "dictated", "urology", "pdf", 300, 1, "photocopy", False, {}),
    ("referral_letter", "soap_note", "physio", "png", 200, 1, "scan", False, {}),
    ("referral_letter", "soap_note", "lowergi", "tiff-g4", 204, 1, "fax_dither", False, {}),
    ("referral_letter", "soap_note", "cardio", "jpeg", 240, 1, "scan", True, {"q": 80}),
    ("referral_letter", "gp_printout", "urology", "tiff-g4", 300, 2, "scan", False, {}),
    ("referral_letter", "gp_printout", "resp", "pdf", 150, 1, "scan", False, {}),
    ("referral_letter", "gp_printout", "rheum", "png", 300, 1, "scan", False, {}),
    ("referral_letter", "gp_printout", "memory", "tiff-lzw", 200, 1, "photocopy", False, {}),
    ("referral_letter", "short_note", "physio", "jpeg", 150, 1, "scan", False, {"q": 62, "font": "Cousine"}),
    ("referral_letter", "short_note", "ent", "tiff-g4", 200, 1, "scan", False, {"font": "Nimbus Mono PS"}),
    ("referral_letter", "short_note", "ortho", "png", 204, 1, "fax", False, {"font": "Noto Sans"}),
    ("referral_letter", "letterhead_body_p2", "neuro", "pdf", 300, 2, "scan", False, {}),
    ("referral_letter", "letterhead_body_p2", "breast", "tiff-g4", 300, 2, "scan", False, {}),
    ("referral_letter", "letterhead_body_p2", "skin", "tiff-lzw", 200, 2, "scan", False, {}),
    ("referral_letter", "fax_cover_referral", "gynae", "tiff-g4", 204, 2, "fax", False, {}),
    ("referral_letter", "fax_cover_referral", "urology", "pdf", 204, 2, "fax_dither", False, {}),
    ("clinic_letter", "clinic_letter", "rheum", "jpeg", 300, 1, "scan", True, {"q": 85}),
    ("clinic_letter", "clinic_letter", "cardio", "tiff-lzw", 200, 2, "scan", False, {"force_p2": True}),
    ("clinic_letter", "clinic_letter", "ent", "pdf", 240, 1, "scan", False, {}),
    ("clinic_letter", "clinic_letter", "ortho", "png", 150, 1, "scan", True, {}),
    ("discharge_summary", "discharge_summary", "resp", "pdf", 200, 2, "scan", False, {}),
    ("discharge_summary", "discharge_summary", "cardio", "tiff-g4", 300, 3, "scan", False, {}),
    ("discharge_summary", "discharge_summary", "memory", "tiff-lzw", 150, 2, "photocopy", False, {}),
    ("lab_result", "lab_report", "rheum", "png", 300, 1, "scan", False, {}),
    ("lab_result", "lab_report", "lowergi", "tiff-g4", 240, 1, "fax", False, {"no_nhs": True}),
    ("lab_result", "lab_report", "resp", "pdf", 300, 2, "scan", False, {}),
    ("appointment_letter", "appointment", "ent", "jpeg", 200, 1, "scan", False, {"q": 68}),
    ("appointment_letter", "appointment", "neuro", "tiff-g4", 300, 1, "scan", False, {}),
    ("appointment_letter", "appointment", "physio", "jpeg", 300, 1, "scan", False, {"q": 50, "no_nhs": True, "no_dob": True}),
]

NHS_LABELS = ["NHS No:", "NHS Number:", "NHS no.", "NHS No.", "NHS Number", "NHS number:", "NHS No"]
DOB_LABELS = ["DOB", "D.O.B.:", "Date of birth", "Born:", "DOB:", "Date of Birth:", "d.o.b.", "DoB:"]
DOB_STYLES = ["slash", "dots_short", "long", "dmy_mon", "ordinal", "dots", "mon_space", "dash", "slash_short"]

RASTER_POOL = ["blur", "noise", "speckle", "low_contrast", "uneven_light", "binding_shadow",
               "punch_holes", "crease", "photocopy_2nd_gen", "jpeg_blocking", "bleed_through"]
MARK_POOL = ["stamp", "handwriting", "highlighter"]
STAMPS = [["RECEIVED", "12 MAR 2025"], ["RECEIVED", "14 MAR 2025", "OUTPATIENT BOOKING"],
          ["SCANNED", "13 MAR 2025"], ["RECEIVED", "11 MAR 2025", "REFERRAL MANAGEMENT CENTRE"],
          ["URGENT"], ["ACTIONED", "17 MAR 2025"]]


def plan_set():
    """decide, per page, the marks drawn on paper and the raster degradations"""
    r = rng_for("plan")
    pages = [(i, p) for i, s in enumerate(SPECS) for p in range(s[5])]
    n = len(pages)
    order = r.permutation(n)
    clean = set(int(k) for k in order[: round(n * 0.25)])
    rot = [int(k) for k in order[round(n * 0.25): round(n * 0.25) + 4]]
    rotk = dict(zip(rot, [1, 3, 2, 2]))          # 90, 270, 180, 180 degrees (counter-clockwise)
    plans = [[None] * s[5] for s in SPECS]
    seen = set()
    for k, (i, p) in enumerate(pages):
        cap = SPECS[i][6]
        pl = {"marks": [], "raster": [], "skew": 0.0, "rot90": 0}
        if k in clean:
            pl["skew"] = float(r.uniform(-0.4, 0.4))
            pl["raster"] = ["near_clean"]
        else:
            pl["skew"] = float(r.choice([-1, 1]) * r.uniform(0.3, 2.0))
            for _ in range(50):
                nr = int(r.integers(2, 5))
                ras = sorted(str(x) for x in r.choice(RASTER_POOL, nr, replace=False))
                if cap == "photocopy":
                    ras = sorted(set(ras) | {"photocopy_2nd_gen"})
                marks = sorted(str(x) for x in r.choice(MARK_POOL, int(r.integers(0, 3)), replace=False))
                key = (tuple(ras), tuple(marks))
                if key not in seen:
                    seen.add(key)
                    break
            pl["raster"], pl["marks"] = ras, marks
            if k in rotk:
                pl["rot90"] = rotk[k]
        if "stamp" in pl["marks"]:
            pl["stamp_text"] = STAMPS[int(r.integers(len(STAMPS)))]
        plans[i][p] = pl
    return plans


def doc_context(i, spec, plans):
    dtype, kind, spec_key, fmt, dpi, npages, cap, colour, extra = spec
    r = rng_for("doc", i)
    P = make_patient(r, sex={"gynae": "F", "breast": "F", "urology": "M"}.get(spec_key))
    pr_t = PRACTICES[int(r.integers(len(PRACTICES)))]
    pr = dict(name=pr_t[0], addr=pr_t[1], town=pr_t[2], pc=pr_t[3], code=pr_t[4],
              tel=f"01632 960{int(r.integers(100, 999))}", fax=f"01632 960{int(r.integers(100, 999))}")
    gp = pick(r, GPS)
    ld = date(2025, 3, int(r.integers(3, 12)))
    C = dict(practice=pr, gp=gp, hospital=pick(r, HOSPITALS), pages=npages,
             letter_date=fmt_date(ld, pick(r, ["long", "ordinal", "long"])),
             letter_date_num=fmt_date(ld, "slash"),
             clinic_date=fmt_date(date(2025, 3, max(1, ld.day - 2)), "long"),
             justify=bool(r.random() < 0.4), font=extra.get("font"),
             force_p2=extra.get("force_p2", False),
             partners=list(r.choice(GPS, 5, replace=False)))
    nst = pick(r, ["spaced", "spaced", "hyphen", "plain"])
    C["nhs_label"] = pick(r, NHS_LABELS)
    C["nhs_txt"] = None if extra.get("no_nhs") else fmt_nhs(P["nhs"], nst)
    C["dob_label"] = pick(r, DOB_LABELS)
    C["dob_txt"] = None if extra.get("no_dob") else fmt_date(P["dob"], pick(r, DOB_STYLES))
    fonts = ["Carlito", "Caladea", "Arimo", "Tinos", "Nimbus Sans", "Nimbus Roman", "Noto Sans",
             "Noto Serif", "C059", "P052", "URW Bookman"]
    font = extra.get("font") or pick(r, fonts)
    size = float(pick(r, [9.5, 10, 10.5, 11, 11, 12])) if kind != "lab_report" else 10.0
    if font == "URW Bookman":
        size = min(size, 10.5)
    C["font_used"], C["size_used"] = font, size
    fax = cap in ("fax", "fax_dither")
    if fax:
        tm = f"{int(r.integers(9, 17)):02d}:{int(r.integers(0, 60)):02d}"
        for p, pl in enumerate(plans[i]):
            pl["fax_header"] = (f"{C['letter_date_num']} {tm}  FROM: {pr['fax']}  {pr['name'].upper()}"
                                f"  P.{p + 1:03d}/{npages:03d}")
    return P, pr, C, font, size, r


def build_pdf(i, spec, plans, path):
    dtype, kind, spec_key, fmt, dpi, npages, cap, colour, extra = spec
    P, pr, C, font, size, r = doc_context(i, spec, plans)
    S = SPEC[spec_key]
    d = Doc(path, font, size, r, plans[i])
    d.keys = [k for k in (C["nhs_txt"], C["dob_txt"]) if k]
    BUILDERS[kind](d, C, P, S)
    gts = d.finish()
    if len(gts) != npages:
        raise RuntimeError(f"doc {i} ({kind}) made {len(gts)} pages, spec says {npages}")
    return P, C, gts


# --------------------------------------------------------------------------
# raster stage
# --------------------------------------------------------------------------
def read_pnm(path):
    with open(path, "rb") as f:
        data = f.read()
    toks, pos = [], 0
    while len(toks) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            while data[pos:pos + 1] not in (b"\n", b""):
                pos += 1
            continue
        st = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        toks.append(data[st:pos])
    pos += 1
    w, h = int(toks[1]), int(toks[2])
    ch = 3 if toks[0] == b"P6" else 1
    return np.frombuffer(data, np.uint8, w * h * ch, pos).reshape(h, w, ch) if ch == 3 else \
        np.frombuffer(data, np.uint8, w * h, pos).reshape(h, w)


def gs_render(pdf, dx, dy, outdir):
    os.makedirs(outdir, exist_ok=True)
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=ppmraw",
                    f"-r{dx}x{dy}", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4",
                    "-dNumRenderingThreads=1", f"-sOutputFile={outdir}/p%03d.ppm", pdf], check=True)
    files = sorted(f for f in os.listdir(outdir) if f.endswith(".ppm"))
    return [read_pnm(os.path.join(outdir, f)).astype(np.float32) / 255.0 for f in files]


def to_gray(img):
    return img if img.ndim == 2 else (img @ np.array([0.299, 0.587, 0.114], np.float32))


def _f(field, img):
    return field[..., None] if img.ndim == 3 else field


def smooth_field(r, shape, cells=(4, 6)):
    g = r.normal(0, 1, cells).astype(np.float32)
    z = ndi.zoom(g, (shape[0] / cells[0], shape[1] / cells[1]), order=3, mode="nearest")
    z = z[:shape[0], :shape[1]]
    if z.shape != tuple(shape[:2]):
        z = np.pad(z, ((0, shape[0] - z.shape[0]), (0, shape[1] - z.shape[1])), mode="edge")
    return z


def degrade_page(img, pl, dpi, r, bleed_src, cap, log):
    s = dpi[0] / 300.0
    H, W = img.shape[:2]
    ras = pl["raster"]
    if "near_clean" in ras:
        img = ndi.gaussian_filter(img, (0.35 * s, 0.35 * s, 0)[:img.ndim])
        log.append("near_clean")
    if "bleed_through" in ras and bleed_src is not None:
        m = to_gray(bleed_src)[:, ::-1]
        m = ndi.gaussian_filter(m, 2.0 * s)[:H, :W]
        a = float(r.uniform(0.12, 0.28))
        img = img * _f(1 - a * (1 - m), img)
        log.append(f"bleed_through(a={a:.2f})")
    if "crease" in ras:
        horiz = r.random() < 0.6
        pos = float(r.uniform(0.3, 0.7))
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        tilt = float(r.uniform(-0.03, 0.03))
        dist = (yy - pos * H - tilt * xx) if horiz else (xx - pos * W - tilt * yy)
        line = np.exp(-(dist / (1.2 * s + 0.8)) ** 2) * float(r.uniform(0.2, 0.45))
        side = 1 - 0.05 * (dist > 0) * np.exp(-np.abs(dist) / (60 * s))
        img = img * _f((1 - line) * side, img)
        log.append("crease(" + ("horizontal" if horiz else "vertical") + ")")
    if "punch_holes" in ras:
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        cx = 12 / 25.4 * dpi[0]
        rad = 3.0 / 25.4 * dpi[0]
        field = np.ones((H, W), np.float32)
        for off in (-40, 40):
            cy = H / 2 + off / 25.4 * dpi[1]
            dd = np.sqrt((xx - cx) ** 2 + ((yy - cy) * dpi[0] / dpi[1]) ** 2)
            hole = np.clip((rad - dd) / (1.0 * s + 0.5), 0, 1)
            field = field * (1 - 0.85 * hole)
        img = img * _f(field, img)
        log.append("punch_holes")
    if "photocopy_2nd_gen" in ras:
        for gen in range(2):
            g = ndi.gaussian_filter(img, (0.7 * s, 0.7 * s, 0)[:img.ndim])
            g = 1 / (1 + np.exp(-9 * (g - 0.55)))
            g = (g - g.min()) / max(1e-6, g.max() - g.min())
            sc = float(r.uniform(0.985, 0.997))
            g = sktf.rescale(g, sc, order=1, channel_axis=2 if g.ndim == 3 else None, preserve_range=True)
            pad = np.ones_like(img)
            oy, ox = int(r.integers(0, 8 * s + 1)), int(r.integers(0, 8 * s + 1))
            hh, ww = min(H - oy, g.shape[0]), min(W - ox, g.shape[1])
            pad[oy:oy + hh, ox:ox + ww] = g[:hh, :ww]
            img = pad
            nspk = int(H * W * 2e-5)
            ys, xs = r.integers(0, H, nspk), r.integers(0, W, nspk)
            sp = np.zeros((H, W), np.float32)
            sp[ys, xs] = 1
            sp = ndi.grey_dilation(sp, size=(2, 2)) if s > 0.8 else sp
            img = img * _f(1 - 0.8 * sp, img)
            edge = np.ones((H, W), np.float32)
            e = int(r.integers(4, 14) * s)
            edge[:, :e] = 0.35
            img = img * _f(edge, img)
        log.append("photocopy_2nd_gen")
    if "uneven_light" in ras:
        f = smooth_field(r, (H, W))
        f = 1 - 0.22 * (f - f.min()) / max(1e-6, f.max() - f.min())
        img = img * _f(f, img)
        log.append("uneven_light")
    if "binding_shadow" in ras:
        left = r.random() < 0.6
        x = np.arange(W, dtype=np.float32)
        d = x if left else (W - 1 - x)
        wid = float(r.uniform(10, 22)) / 25.4 * dpi[0]
        sh = 1 - 0.75 * np.exp(-d / (wid / 3))
        img = img * _f(np.broadcast_to(sh[None, :], (H, W)), img)
        log.append("binding_shadow(" + ("left" if left else "right") + ")")
    if "low_contrast" in ras:
        lo, hi = float(r.uniform(0.28, 0.42)), float(r.uniform(0.82, 0.92))
        img = lo + (hi - lo) * img
        log.append(f"low_contrast({lo:.2f}-{hi:.2f})")
    if "blur" in ras:
        sg = float(r.uniform(0.8, 1.6)) * s
        img = ndi.gaussian_filter(img, (sg, sg, 0)[:img.ndim])
        log.append(f"blur(sigma={sg:.2f}px)")
    if abs(pl["skew"]) > 1e-3:
        img = sktf.rotate(img, pl["skew"], order=1, mode="constant", cval=1.0, preserve_range=True)
        log.append(f"skew({pl['skew']:+.2f}deg)")
    if "noise" in ras:
        sg = float(r.uniform(0.03, 0.08))
        img = img + _f(r.normal(0, sg, img.shape[:2]).astype(np.float32), img)
        log.append(f"noise(sigma={sg:.2f})")
    if "speckle" in ras:
        n = int(H * W * float(r.uniform(4e-5, 1.5e-4)))
        sp = np.zeros((H, W), np.float32)
        sp[r.integers(0, H, n), r.integers(0, W, n)] = 1
        sp = ndi.grey_dilation(sp, size=(max(1, int(2 * s)), max(1, int(2 * s))))
        wt = np.zeros((H, W), np.float32)
        wt[r.integers(0, H, n // 2), r.integers(0, W, n // 2)] = 1
        img = img * _f(1 - 0.9 * sp, img) + _f(wt, img) * 0.6
        log.append("speckle")
    if "near_clean" in ras:
        img = img + _f(r.normal(0, 0.012, img.shape[:2]).astype(np.float32), img)
    img = np.clip(img, 0, 1)
    if "jpeg_blocking" in ras:
        q = int(r.integers(8, 20))
        u8 = (img * 255 + 0.5).astype(np.uint8)
        img = imagecodecs.jpeg8_decode(imagecodecs.jpeg8_encode(u8, level=q)).astype(np.float32) / 255
        log.append(f"jpeg_blocking(q={q})")
    if pl["rot90"]:
        img = np.rot90(img, pl["rot90"]).copy()
        log.append({1: "rotated_90ccw", 2: "rotated_180", 3: "rotated_90cw"}[pl["rot90"]])
    return img


def binarize(img, r, cap, log):
    g = to_gray(img)
    if cap == "fax_dither":
        bayer = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32)
        t = (bayer + 0.5) / 16
        H, W = g.shape
        tt = np.tile(t, (H // 4 + 1, W // 4 + 1))[:H, :W]
        # fax "halftone" mode: mid-greys dithered, solid ink stays solid
        gg = np.clip((g - 0.25) / 0.6, 0, 1)
        log.append("fax_dither(bayer4)")
        return gg < tt
    # scanner-style global threshold relative to the paper level
    paper = float(np.percentile(g[::4, ::4], 90))
    return g < 0.7 * paper


# --------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------
def png_bytes(arr, dpi):
    data = imagecodecs.png_encode(arr, level=9)
    if dpi is None:
        return data
    ppm = [int(round(v / 0.0254)) for v in dpi]
    body = struct.pack(">IIB", ppm[0], ppm[1], 1)
    chunk = struct.pack(">I", 9) + b"pHYs" + body + struct.pack(">I", zlib.crc32(b"pHYs" + body) & 0xFFFFFFFF)
    i = data.index(b"IHDR") + 4 + 13 + 4
    return data[:i] + chunk + data[i:]


def jpeg_bytes(arr, q, dpi):
    data = bytearray(imagecodecs.jpeg8_encode(arr, level=q, optimize=True))
    if dpi and data[6:11] == b"JFIF\x00":
        data[13] = 1
        data[14:16] = struct.pack(">H", dpi[0])
        data[16:18] = struct.pack(">H", dpi[1])
    return bytes(data)


def u8(img):
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)


def write_g4(bilevels, dpi, path, tmp, single_strip=False):
    parts = []
    for k, b in enumerate(bilevels):
        p = os.path.join(tmp, f"bl{k}.tif")
        tifffile.imwrite(p, b, photometric="miniswhite", resolution=(dpi[0], dpi[1]),
                         resolutionunit="INCH", compression=None, metadata=None)
        parts.append(p)
    cmd = ["tiffcp", "-c", "g4"] + (["-r", "100000"] if single_strip else []) + parts + [path]
    subprocess.run(cmd, check=True)


def g4_strip(bilevel, dpi, tmp):
    p = os.path.join(tmp, "strip.tif")
    write_g4([bilevel], dpi, p, tmp, single_strip=True)
    with tifffile.TiffFile(p) as tf:
        pg = tf.pages[0]
        assert len(pg.dataoffsets) == 1
        with open(p, "rb") as f:
            f.seek(pg.dataoffsets[0])
            return f.read(pg.databytecounts[0])


def write_pdf(pages, dpi, path, tmp, q):
    """pages: list of (kind, array) with kind 'jpeg' | 'g4'"""
    surf = None
    for kind, arr in pages:
        H, W = arr.shape[:2]
        pw, ph = W * 72.0 / dpi[0], H * 72.0 / dpi[1]
        if surf is None:
            surf = cairo.PDFSurface(path, pw, ph)
            # fixed metadata so that the bytes are reproducible
            surf.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2025-03-12T09:00:00Z")
            surf.set_metadata(cairo.PDFMetadata.CREATOR, "ocr-3 make_set.py")
            ctx = cairo.Context(surf)
        else:
            surf.set_size(pw, ph)
        if kind == "g4":
            g = np.where(arr, 0, 255).astype(np.uint32)
        else:
            g = arr.astype(np.uint32)
        if g.ndim == 2:
            px = (0xFF000000 | (g << 16) | (g << 8) | g).astype(np.uint32)
        else:
            px = (0xFF000000 | (g[..., 0] << 16) | (g[..., 1] << 8) | g[..., 2]).astype(np.uint32)
        px = np.ascontiguousarray(px)
        img = cairo.ImageSurface.create_for_data(memoryview(px), cairo.FORMAT_RGB24, W, H, W * 4)
        if kind == "jpeg":
            img.set_mime_data(cairo.MIME_TYPE_JPEG, jpeg_bytes(arr, q, dpi))
        else:
            img.set_mime_data(cairo.MIME_TYPE_CCITT_FAX, g4_strip(arr, dpi, tmp))
            img.set_mime_data(cairo.MIME_TYPE_CCITT_FAX_PARAMS,
                              f"Columns={W} Rows={H} K=-1".encode())
        ctx.save()
        ctx.scale(72.0 / dpi[0], 72.0 / dpi[1])
        ctx.set_source_surface(img, 0, 0)
        ctx.paint()
        ctx.restore()
        ctx.show_page()
    surf.finish()


# --------------------------------------------------------------------------
def build(out, only=None):
    plans = plan_set()
    order = rng_for("names").permutation(len(SPECS))
    names = {int(i): f"doc{k + 1:02d}" for k, i in enumerate(order)}
    tmp = tempfile.mkdtemp(prefix="ocr3-")
    manifest = []
    os.makedirs(out, exist_ok=True)
    clean_cache = {}
    try:
        for i in sorted(range(len(SPECS)), key=lambda j: names[j]):
            name = names[i]
            if only and name not in only:
                continue
            spec = SPECS[i]
            dtype, kind, spec_key, fmt, dpi0, npages, cap, colour, extra = spec
            pdf = os.path.join(tmp, f"{name}.layout.pdf")
            P, C, gts = build_pdf(i, spec, plans, pdf)
            fax = cap in ("fax", "fax_dither")
            dpi = (204, 98) if fax else (dpi0, dpi0)
            clean = gs_render(pdf, dpi[0], dpi[1], os.path.join(tmp, name))
            r = rng_for("raster", i)
            out_pages, page_logs = [], []
            for p, img in enumerate(clean):
                pl = plans[i][p]
                log = [f"marks:{m}" for m in pl["marks"]]
                if "bleed_through" in pl["raster"]:
                    src_i = (i + 7) % len(SPECS)
                    key = (src_i, dpi)
                    if key not in clean_cache:
                        bp = os.path.join(tmp, f"bleed{src_i}.pdf")
                        build_pdf(src_i, SPECS[src_i], plan_set(), bp)
                        clean_cache[key] = gs_render(bp, dpi[0], dpi[1], os.path.join(tmp, f"bleed{src_i}"))[0]
                    bsrc = clean_cache[key]
                    if bsrc.ndim != img.ndim:
                        bsrc = to_gray(bsrc) if img.ndim == 2 else np.repeat(bsrc[..., None], 3, 2)
                else:
                    bsrc = None
                if not colour:
                    img = to_gray(img)
                    if bsrc is not None and bsrc.ndim == 3:
                        bsrc = to_gray(bsrc)
                img = degrade_page(img, pl, dpi, r, bsrc, cap, log)
                if fax:
                    log.append("fax_204x98")
                bilevel_out = fmt == "tiff-g4" or fax
                if bilevel_out:
                    b = binarize(img, r, cap, log)
                    if fax:
                        b = np.repeat(b, 2, axis=0)
                        log.append("stretched_to_204x196")
                    else:
                        log.append("bilevel")
                    out_pages.append(b)
                else:
                    out_pages.append(u8(img))
                page_logs.append(log)
            odpi = (204, 196) if fax else dpi
            ext = {"tiff-g4": "tif", "tiff-lzw": "tif", "png": "png", "jpeg": "jpg", "pdf": "pdf"}[fmt]
            fname = f"{name}.{ext}"
            fpath = os.path.join(out, fname)
            q = extra.get("q", 70 if fmt == "pdf" else None)
            if fmt == "tiff-g4":
                write_g4(out_pages, odpi, fpath, tmp)
            elif fmt == "tiff-lzw":
                with tifffile.TiffWriter(fpath) as tw:
                    for pg in out_pages:
                        tw.write(pg, photometric="minisblack", compression="lzw", predictor=True,
                                 resolution=odpi, resolutionunit="INCH", metadata=None)
            elif fmt == "png":
                arr = np.where(out_pages[0], 0, 255).astype(np.uint8) if out_pages[0].dtype == bool else out_pages[0]
                with open(fpath, "wb") as f:
                    f.write(png_bytes(arr, odpi))
            elif fmt == "jpeg":
                with open(fpath, "wb") as f:
                    f.write(jpeg_bytes(out_pages[0], q, odpi))
            elif fmt == "pdf":
                q = extra.get("q", [60, 70, 78][i % 3])
                write_pdf([("g4" if pg.dtype == bool else "jpeg", pg) for pg in out_pages], odpi, fpath, tmp, q)
            with open(os.path.join(out, f"{name}.gt.txt"), "w", encoding="utf-8") as f:
                f.write("\f".join(gts) + "\n")
            fmt_label = {"tiff-g4": "tiff-g4 (bilevel, CCITT Group 4" + (", multi-page)" if npages > 1 else ")"),
                         "tiff-lzw": "tiff-lzw (8-bit grey, LZW" + (", multi-page)" if npages > 1 else ")"),
                         "png": "png", "jpeg": "jpeg", "pdf": "pdf (page images)"}[fmt]
            inner = None
            if fmt == "pdf":
                inner = "CCITT G4 bilevel" if fax else f"JPEG q{q}"
            if fmt == "jpeg":
                inner = f"quality {q}"
            if fmt == "png":
                inner = "bilevel 8-bit" if fax else ("RGB" if colour else "8-bit grey")
            flat = []
            for lg in page_logs:
                for x in lg:
                    base = x.split("(")[0]
                    if base not in flat:
                        flat.append(base)
            manifest.append(dict(
                file=fname, pages=npages, kind=kind, document_type=dtype,
                nhs_number=None if C["nhs_txt"] is None else P["nhs"],
                date_of_birth=None if C["dob_txt"] is None else P["dob"].isoformat(),
                format=fmt, dpi=odpi[0], dpi_xy=list(odpi),
                degradations=flat, page_degradations=page_logs,
                capture=cap, colour=colour, encoding=inner,
                nhs_as_printed=None if C["nhs_txt"] is None else f"{C['nhs_label']} {C['nhs_txt']}",
                dob_as_printed=None if C["dob_txt"] is None else f"{C['dob_label']} {C['dob_txt']}",
                font=f"{C['font_used']} {C['size_used']}pt", specialty=SPEC[spec_key]["dept"],
                gt=f"{name}.gt.txt"))
            for x in (C["nhs_txt"],):
                assert x is None or nhs_valid(P["nhs"])
            print(f"{fname}: {dtype}/{kind} {fmt} {odpi} pages={npages} {os.path.getsize(fpath) // 1024} KiB", flush=True)
            shutil.rmtree(os.path.join(tmp, name), ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not only:
        with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1, ensure_ascii=False)
            f.write("\n")


def baseline(out):
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    bdir = os.path.join(out, "cli-baseline")
    os.makedirs(bdir, exist_ok=True)
    ver = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    with open(os.path.join(bdir, "TESSERACT_VERSION.txt"), "w") as f:
        f.write((ver.stdout + ver.stderr).strip() + "\n")
        f.write("command: tesseract FILE stdout  (PDF: pdftoppm -r 300 -gray, then tesseract PAGE stdout, joined with \\f)\n")
    for m in manifest:
        fp = os.path.join(out, m["file"])
        stem = os.path.splitext(m["file"])[0]
        if m["format"] == "pdf":
            tmp = tempfile.mkdtemp(prefix="ocr3b-")
            subprocess.run(["pdftoppm", "-r", "300", "-gray", fp, os.path.join(tmp, "pg")], check=True)
            texts = []
            for pg in sorted(os.listdir(tmp)):
                res = subprocess.run(["tesseract", os.path.join(tmp, pg), "stdout"], capture_output=True, text=True)
                texts.append(res.stdout)
            shutil.rmtree(tmp)
            text = "\f".join(texts)
        else:
            res = subprocess.run(["tesseract", fp, "stdout"], capture_output=True, text=True)
            text = res.stdout
        with open(os.path.join(bdir, stem + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"baseline {m['file']}: {len(text)} chars", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    cmd = args[0] if args else "build"
    out = HERE
    if "--out" in args:
        out = args[args.index("--out") + 1]
    only = None
    if "--only" in args:
        only = set(args[args.index("--only") + 1].split(","))
    if cmd == "build":
        build(out, only)
    elif cmd == "layout":            # quick check: lay out every document, no raster stage
        plans = plan_set()
        tmpd = tempfile.mkdtemp(prefix="ocr3l-")
        for i, sp in enumerate(SPECS):
            build_pdf(i, sp, plans, os.path.join(tmpd, f"{i}.pdf"))
        print("layout ok", tmpd)
    elif cmd == "baseline":
        baseline(out)
    else:
        sys.exit(__doc__)
