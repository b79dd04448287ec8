#!/usr/bin/python3
"""make_set.py -- generator for sealed OCR evaluation set 4.

Fictional NHS paper documents (referral letters and other types) rendered as
page images, degraded as a hospital records team's scans would be, and written
as TIFF (CCITT G4 / LZW grey), PNG, JPEG and image-only PDF, each with exact
ground-truth text (docNN.gt.txt) and a manifest line (manifest.jsonl).

Everything is invented. Deterministic: every random choice comes from
random.Random / numpy generators seeded from fixed strings.

Run:  /usr/bin/python3 make_set.py      (Debian: python3-pil python3-numpy python3-img2pdf)
"""
import os, io, json, math, random, hashlib, datetime as dt
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import img2pdf

OUT = os.path.dirname(os.path.abspath(__file__))
SEED = "ocr4-sealed-set"

# ----------------------------------------------------------------------------------------------
# fonts
F = {
    'serif': '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
    'serif_b': '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf',
    'serif2': '/usr/share/fonts/opentype/urw-base35/C059-Roman.otf',
    'serif2_b': '/usr/share/fonts/opentype/urw-base35/C059-Bold.otf',
    'serif3': '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
    'serif3_b': '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
    'sans': '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    'sans_b': '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    'sans2': '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    'sans2_b': '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    'sans3': '/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf',
    'sans3_b': '/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf',
    'cond': '/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf',
    'cond_b': '/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf',
    'cond2': '/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf',
    'cond2_b': '/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf',
    'mono': '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
    'mono_b': '/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf',
    'mono2': '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
    'mono2_b': '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf',
    'type': '/usr/share/fonts/truetype/freefont/FreeMono.ttf',          # thin typewriter
    'type_b': '/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf',
    'thin': '/usr/share/fonts/truetype/dejavu/DejaVuSans-ExtraLight.ttf',
    'thin_b': '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    'hand': '/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf',
    'hand2': '/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf',
    'script': '/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf',
    'gothic': '/usr/share/fonts/opentype/urw-base35/URWGothic-Book.otf',
    'gothic_b': '/usr/share/fonts/opentype/urw-base35/URWGothic-Demi.otf',
}
_fcache = {}


def font(key, px):
    k = (key, px)
    if k not in _fcache:
        _fcache[k] = ImageFont.truetype(F[key], px)
    return _fcache[k]


def srng(*parts):
    return random.Random("|".join([SEED] + [str(p) for p in parts]))


def nrng(*parts):
    h = hashlib.sha256("|".join([SEED] + [str(p) for p in parts]).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], 'big'))


# ----------------------------------------------------------------------------------------------
# identifiers
def nhs_number(r):
    while True:
        d = [9, 9, 9] + [r.randint(0, 9) for _ in range(6)]
        s = sum(v * (10 - i) for i, v in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, d + [c]))


def nhs_valid(n):
    d = [int(c) for c in n]
    s = sum(v * (10 - i) for i, v in enumerate(d[:9]))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def fmt_nhs(n, style):
    if style == 'space':
        return f"{n[:3]} {n[3:6]} {n[6:]}"
    if style == 'hyphen':
        return f"{n[:3]}-{n[3:6]}-{n[6:]}"
    return n


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def ordinal(d):
    return str(d) + ("th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))


def fmt_date(d, style):
    y2 = f"{d.year % 100:02d}"
    m3 = MONTHS[d.month - 1][:3]
    return {
        'dmy': f"{d.day:02d}/{d.month:02d}/{d.year}",
        'dmy_nz': f"{d.day}/{d.month}/{d.year}",
        'dmy2': f"{d.day:02d}/{d.month:02d}/{y2}",
        'dmy2_nz': f"{d.day}/{d.month}/{y2}",
        'dot2': f"{d.day}.{d.month}.{y2}",
        'dot': f"{d.day:02d}.{d.month:02d}.{d.year}",
        'dash': f"{d.day:02d}-{d.month:02d}-{d.year}",
        'long': f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        'ord': f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}",
        'dmon': f"{d.day:02d}-{m3}-{d.year}",
        'DMON': f"{d.day:02d}-{m3.upper()}-{d.year}",
        'dmon_sp': f"{d.day:02d} {m3} {d.year}",
        'dmon_sp_nz': f"{d.day} {m3} {d.year}",
        'dmon2': f"{d.day}-{m3}-{y2}",
        'DMONSP': f"{d.day:02d} {m3.upper()} {d.year}",
    }[style]


def rdate(r, y0, y1):
    a = dt.date(y0, 1, 1).toordinal()
    b = dt.date(y1, 12, 28).toordinal()
    return dt.date.fromordinal(r.randint(a, b))


def phone_land(r):
    return f"01632 960{r.randint(0, 999):03d}"


def phone_mob(r):
    return f"07700 900{r.randint(0, 999):03d}"


# ----------------------------------------------------------------------------------------------
# invented people / places
FIRST_F = ["Margaret", "Eileen", "Sophie", "Ayesha", "Rosalind", "Bethany", "Joan", "Harriet", "Priya",
           "Deborah", "Niamh", "Carol", "Yvonne", "Leanne", "Olwen", "Tamsin", "Gwen", "Marta", "Hazel", "Imogen"]
FIRST_M = ["Derek", "Graham", "Rashid", "Colin", "Tobias", "Alan", "Kieran", "Bernard", "Stuart", "Malcolm",
           "Oluwaseun", "Trevor", "Declan", "Wilfred", "Hamish", "Nigel", "Ravi", "Owen", "Barry", "Callum"]
SURN = ["Thornbury", "Ashworth", "Penhallow", "Kettleby", "Marchbank", "Oyelaran", "Fairweather", "Gudgeon",
        "Pilkington-Rowe", "Haverstock", "Llewellyn", "McAvoy", "Brindley", "Quenby", "Sutcliffe", "Dunmore",
        "Varley", "Okafor", "Whitlock", "Ramsbottom", "Castellan", "Yardley", "Fenwick", "Hollis", "Tremayne",
        "Abernethy", "Kowalczyk", "Nettleship", "Bhattacharya", "O'Rourke", "Stanbridge", "Wolstenholme"]
STREETS = ["Willowbank Road", "Cinder Lane", "Harefield Close", "Marlow Terrace", "Quarry Hill", "Tennyson Avenue",
           "Foxglove Way", "Ashdown Crescent", "Brookside Mews", "Station Parade", "Kestrel Drive", "Abbey Walk",
           "Lantern Row", "Pennyroyal Gardens", "Chapel Fold", "Furnace Street", "Ridgeway View", "Otterburn Court"]
TOWNS = ["Eastmere", "Holbrook Vale", "Castlebridge", "Wendleford", "Ashcombe St Mary", "Northby", "Pellingham",
         "Rooksley", "Fernhurst Magna", "Tollbury"]
PRACTICES = ["Larkspur Medical Centre", "Ferncombe Surgery", "The Old Mill Practice", "Tollbury Health Centre",
             "Rooksley Green Surgery", "Abbeyfields Family Practice", "Northby Group Practice",
             "Quayside Medical Partnership", "Pellingham Road Surgery", "Heronsgate Medical Group"]
GPS = ["Dr Helen Marchetti", "Dr Kwame Asante-Rowe", "Dr Priya Venkataraman", "Dr Thomas Eldridge",
       "Dr Siobhan Carraway", "Dr Imran Qureshi-Bell", "Dr Fiona Lindqvist", "Dr Gareth Pym",
       "Dr Anita Ferreby", "Dr Jonah Strickland", "Dr Ewa Malinowska", "Dr Robert Tiplady"]
TRUSTS = [("Eastmere General Hospital", "Eastmere and District Hospitals NHS Trust"),
          ("Holbrook Vale University Hospital", "Holbrook Vale University Hospitals NHS Foundation Trust"),
          ("St Aldric's Hospital", "Wendleford and Tollbury NHS Foundation Trust"),
          ("Castlebridge Royal Infirmary", "Castlebridge Teaching Hospitals NHS Trust")]
CONSULTANTS = ["Mr Julian Ferreira-Lyle", "Dr Nadia Okonjo", "Miss Catriona Beale", "Dr Laurence Whitfield",
               "Professor Amara Sethi", "Mr Desmond Halloran", "Dr Ingrid Solberg", "Dr Samuel Achterberg",
               "Mr Vikram Raghunathan", "Dr Philippa Greaves"]
PC_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(r):
    return f"ZX{r.randint(1, 19)} {r.randint(1, 9)}{r.choice(PC_LETTERS)}{r.choice(PC_LETTERS)}"


def address(r):
    return [f"{r.randint(1, 148)} {r.choice(STREETS)}", r.choice(TOWNS), postcode(r)]


# clinical scenarios ------------------------------------------------------------------------------
SCEN = [
    dict(spec="Colorectal Surgery", svc="Lower GI 2WW Clinic", tww="Suspected lower gastrointestinal cancer",
         sex=None, age=(52, 84), title="Change in bowel habit and iron deficiency anaemia",
         hx=["{Title} {sur} reports a {dur} history of looser, more frequent stools with intermittent dark red blood mixed in.",
             "{Pro} has lost around {kg} kg in weight without trying and feels more tired than usual.",
             "Bloods last week showed Hb {hb} g/L (previously 131), MCV 74 fL and ferritin 9 ug/L.",
             "FIT result was {fit} ug Hb/g faeces, above the 10 ug threshold."],
         exam="Abdomen soft, non-tender; no palpable mass. PR: no mass felt, dark blood on glove.",
         ask="I would be grateful if you could see {obj} urgently under the two week wait pathway.",
         pmh=["Hypertension", "Osteoarthritis of both knees", "Cholecystectomy 2009"],
         meds=["Amlodipine 5 mg once daily", "Paracetamol 1 g up to four times daily", "Ferrous fumarate 210 mg twice daily"]),
    dict(spec="Cardiology", svc="Rapid Access Chest Pain Clinic", tww=None, sex=None, age=(45, 79),
         title="Exertional chest tightness",
         hx=["{Title} {sur} describes central chest tightness on walking uphill, settling within {mins} minutes of rest.",
             "There is no pain at rest. {Pro} is an ex-smoker of {py} pack years.",
             "ECG in surgery showed sinus rhythm at {hr} bpm with no acute changes.",
             "Total cholesterol {chol} mmol/L, HbA1c {a1c} mmol/mol."],
         exam="BP {bp} mmHg, HS I+II+0, chest clear, no peripheral oedema.",
         ask="Please could {pro} be assessed in your rapid access clinic.",
         pmh=["Type 2 diabetes", "Hypercholesterolaemia", "GORD"],
         meds=["Metformin 500 mg twice daily", "Atorvastatin 20 mg at night", "Omeprazole 20 mg once daily",
               "GTN spray 400 micrograms as required"]),
    dict(spec="Dermatology", svc="Skin Cancer 2WW Clinic", tww="Suspected skin cancer", sex=None, age=(30, 88),
         title="Changing pigmented lesion left calf",
         hx=["{Title} {sur} noticed a mole on the back of {pos} left calf has grown and darkened over {dur}.",
             "It now measures about {mm} mm with an irregular border and two colours.",
             "There is no family history of melanoma. {Pro} had frequent sunburn as a child."],
         exam="7-point checklist score {cl}. Irregular pigment network on dermatoscopy.",
         ask="I would be grateful for your urgent assessment.",
         pmh=["Asthma", "Eczema"], meds=["Salbutamol 100 micrograms inhaler as required",
                                        "Clenil 100 micrograms two puffs twice daily"]),
    dict(spec="Trauma and Orthopaedics", svc="Knee Clinic", tww=None, sex=None, age=(50, 86),
         title="Right knee osteoarthritis",
         hx=["{Title} {sur} has had worsening right knee pain for {dur}, now limiting {pos} walking to {yds} yards.",
             "{Pro} has completed a course of physiotherapy and uses a stick outdoors.",
             "X-ray on {xr} showed marked medial joint space narrowing with osteophytes.",
             "Oxford Knee Score today {oks}/48."],
         exam="Varus deformity, fixed flexion 10 degrees, crepitus, no effusion.",
         ask="{Pro} would like to discuss surgical options. Thank you for seeing {obj}.",
         pmh=["Obesity (BMI {bmi})", "Hypothyroidism"], meds=["Levothyroxine 75 micrograms once daily",
                                                              "Naproxen 250 mg twice daily", "Lansoprazole 15 mg once daily"]),
    dict(spec="Respiratory Medicine", svc="Lung Cancer 2WW Clinic", tww="Suspected lung cancer", sex=None,
         age=(55, 85), title="Persistent cough and haemoptysis",
         hx=["{Title} {sur} has had a cough for {dur} with two episodes of blood-streaked sputum this month.",
             "{Pro} is a current smoker of 20 a day ({py} pack years).",
             "Chest X-ray on {xr} reported a 2.4 cm right upper lobe opacity.",
             "CRP {crp} mg/L, platelets {plt} x10^9/L."],
         exam="Sats 95% on air, finger clubbing, reduced air entry right apex.",
         ask="Please see urgently under the suspected cancer pathway.",
         pmh=["COPD", "Depression"], meds=["Trelegy Ellipta one inhalation daily", "Sertraline 50 mg once daily"]),
    dict(spec="Urology", svc="Prostate 2WW Clinic", tww="Suspected urological cancer", sex="M", age=(55, 80),
         title="Raised PSA", hx=["{Title} {sur} had a PSA of {psa} ug/L on {xr}, repeated at {psa2} ug/L.",
                                "{Pro} has mild nocturia twice a night but no haematuria.",
                                "DRE: moderately enlarged, firm, possibly nodular right lobe."],
         exam="Abdomen unremarkable. Urine dip negative.",
         ask="I would be grateful for your assessment and consideration of MRI.",
         pmh=["Gout", "Atrial fibrillation"], meds=["Apixaban 5 mg twice daily", "Allopurinol 100 mg once daily",
                                                    "Bisoprolol 2.5 mg once daily"]),
    dict(spec="Breast Surgery", svc="Breast 2WW Clinic", tww="Suspected breast cancer", sex="F", age=(32, 78),
         title="Left breast lump", hx=["{Title} {sur} found a lump in {pos} left breast {dur} ago.",
                                      "It is painless and has not changed with {pos} cycle.",
                                      "No nipple discharge. Her maternal aunt had breast cancer aged 58."],
         exam="2 cm hard, irregular mass at 2 o'clock left breast, no axillary nodes.",
         ask="Please could she be seen in the one-stop breast clinic.",
         pmh=["Migraine"], meds=["Sumatriptan 50 mg as required", "Microgynon 30 one daily"]),
    dict(spec="ENT", svc="Otology Clinic", tww=None, sex=None, age=(25, 75),
         title="Unilateral hearing loss and tinnitus",
         hx=["{Title} {sur} has noticed gradually reduced hearing in the left ear over {dur} with constant tinnitus.",
             "No vertigo, discharge or otalgia.", "Audiology on {xr} showed a 25 dB asymmetric sensorineural loss."],
         exam="Otoscopy normal both sides. Rinne positive bilaterally, Weber lateralises right.",
         ask="I would be grateful if you could consider an MRI of the internal auditory meatus.",
         pmh=["Hay fever"], meds=["Cetirizine 10 mg once daily"]),
    dict(spec="Neurology", svc="General Neurology Clinic", tww=None, sex=None, age=(22, 65),
         title="New daily persistent headache",
         hx=["{Title} {sur} has had daily headaches for {dur}, worse on waking and on bending forward.",
             "{Pro} has tried regular paracetamol and ibuprofen with little benefit.",
             "Optician review on {xr} reported normal discs."],
         exam="Neurological examination normal. BP {bp} mmHg.",
         ask="I would value your opinion on further investigation.",
         pmh=["Anxiety"], meds=["Propranolol 40 mg twice daily", "Amitriptyline 10 mg at night"]),
    dict(spec="Rheumatology", svc="Early Inflammatory Arthritis Clinic", tww=None, sex=None, age=(28, 70),
         title="Suspected inflammatory arthritis",
         hx=["{Title} {sur} reports painful, swollen hands with early morning stiffness lasting {mins} minutes.",
             "Symptoms began {dur} ago. CRP {crp} mg/L, ESR 48 mm/hr, rheumatoid factor positive, anti-CCP {ccp} U/mL."],
         exam="Synovitis of MCP joints 2 and 3 both hands. Positive squeeze test.",
         ask="Thank you for seeing {obj} in the early arthritis clinic.",
         pmh=["Psoriasis"], meds=["Naproxen 500 mg twice daily", "Omeprazole 20 mg once daily"]),
    dict(spec="Gynaecology", svc="Gynaecology 2WW Clinic", tww="Suspected gynaecological cancer", sex="F",
         age=(55, 82), title="Postmenopausal bleeding",
         hx=["{Title} {sur} had three episodes of vaginal bleeding over {dur}, {yrs} years after her menopause.",
             "She is not on HRT. BMI {bmi}.", "No weight loss or abdominal pain."],
         exam="Speculum: cervix appears normal, small amount of old blood in the vault.",
         ask="Please arrange urgent assessment and transvaginal ultrasound.",
         pmh=["Type 2 diabetes", "Hypertension"], meds=["Metformin 1 g twice daily", "Ramipril 5 mg once daily"]),
    dict(spec="Endocrinology", svc="Thyroid Clinic", tww=None, sex=None, age=(25, 70), title="Thyroid nodule",
         hx=["{Title} {sur} has a painless swelling in the right side of {pos} neck noticed {dur} ago.",
             "TSH {tsh} mU/L, free T4 14.2 pmol/L.", "Ultrasound on {xr} showed a 19 mm solid nodule, U3."],
         exam="Smooth 2 cm nodule right thyroid lobe, moves with swallowing, no lymphadenopathy.",
         ask="I would be grateful for your advice and consideration of FNA.",
         pmh=["Iron deficiency"], meds=["Ferrous sulphate 200 mg once daily"]),
    dict(spec="Paediatric ENT", svc="Paediatric ENT Clinic", tww=None, sex=None, age=(7, 15),
         title="Recurrent tonsillitis", hx=["{First} has had {n} episodes of tonsillitis in the last year, each treated with antibiotics.",
                                           "{Pos} school attendance has suffered, with {days} days missed this term.",
                                           "{Pro} snores but there are no witnessed apnoeas."],
         exam="Grade 3 tonsils, no exudate today, cervical nodes small.",
         ask="Mum would like to discuss tonsillectomy. Thank you for seeing {obj}.",
         pmh=["Nil significant"], meds=["Nil regular"]),
    dict(spec="Diabetes and Endocrinology", svc="Diabetes Clinic", tww=None, sex=None, age=(35, 75),
         title="Poorly controlled type 2 diabetes",
         hx=["{Title} {sur} has had rising HbA1c despite maximal oral therapy: {a1c} mmol/mol on {xr}.",
             "{Pro} reports thirst and nocturia and has lost {kg} kg.", "eGFR 64 mL/min/1.73m2, urine ACR 4.1 mg/mmol."],
         exam="BMI {bmi}. Feet: reduced monofilament sensation bilaterally.",
         ask="I would be grateful for your advice regarding injectable therapy.",
         pmh=["Type 2 diabetes", "Fatty liver"], meds=["Metformin 1 g twice daily", "Gliclazide 80 mg twice daily",
                                                       "Dapagliflozin 10 mg once daily"]),
]


def make_patient(r, scen, letter_date):
    sex = scen['sex'] or r.choice("MF")
    first = r.choice(FIRST_M if sex == "M" else FIRST_F)
    sur = r.choice(SURN)
    age = r.randint(*scen['age'])
    dob = letter_date - dt.timedelta(days=int(age * 365.25) + r.randint(10, 340))
    if age < 16:
        title = "Master" if sex == "M" else "Miss"
    else:
        title = "Mr" if sex == "M" else r.choice(["Mrs", "Ms", "Miss"])
    pro = dict(pro="he" if sex == "M" else "she", pos="his" if sex == "M" else "her",
               obj="him" if sex == "M" else "her")
    p = dict(sex=sex, first=first, sur=sur, title=title, dob=dob, age=(letter_date - dob).days // 365,
             nhs=nhs_number(r), addr=address(r), tel=phone_land(r), mob=phone_mob(r),
             hosp=f"{r.choice(['K', 'EGH', 'R', 'HV'])}{r.randint(100000, 9999999)}", **pro)
    return p


def fill(s, r, p, letter_date):
    xr = fmt_date(letter_date - dt.timedelta(days=r.randint(8, 60)), r.choice(['dmy', 'long', 'dmon_sp_nz']))
    v = dict(Title=p['title'], sur=p['sur'], First=p['first'], pro=p['pro'], Pro=p['pro'].capitalize(),
             pos=p['pos'], Pos=p['pos'].capitalize(), obj=p['obj'],
             dur=r.choice(["three month", "six week", "four month", "two month", "five week"]) if '{dur} history' in s
             else r.choice(["three months", "six weeks", "four months", "eight weeks", "about a year"]),
             kg=r.randint(3, 9), hb=r.randint(86, 109), fit=r.randint(45, 380), mins=r.randint(5, 45),
             py=r.randint(15, 45), hr=r.randint(58, 96), chol=f"{r.uniform(4.8, 7.9):.1f}", a1c=r.randint(48, 97),
             bp=f"{r.randint(118, 168)}/{r.randint(68, 98)}", mm=r.randint(6, 14), cl=r.randint(3, 6),
             yds=r.choice([50, 100, 200]), xr=xr, oks=r.randint(9, 22), bmi=f"{r.uniform(26, 41):.1f}",
             crp=r.randint(12, 86), plt=r.randint(390, 520), psa=f"{r.uniform(5.1, 14.9):.1f}",
             psa2=f"{r.uniform(5.1, 16.9):.1f}", ccp=r.randint(40, 340), yrs=r.randint(3, 18),
             tsh=f"{r.uniform(0.6, 3.9):.2f}", n=r.randint(6, 9), days=r.randint(8, 19))
    return s.format(**v)


# ----------------------------------------------------------------------------------------------
# layout engine
MM = 1 / 25.4


class Page:
    def __init__(self, dpi):
        self.dpi = dpi
        self.W = int(round(210 * MM * dpi))
        self.H = int(round(297 * MM * dpi))
        self.img = Image.new('L', (self.W, self.H), 255)
        self.d = ImageDraw.Draw(self.img)
        self.lines = []        # (text, bbox, tag)

    def px(self, mm):
        return int(round(mm * MM * self.dpi))


class Doc:
    def __init__(self, dpi, r, body='serif', bold=None, pt=11, margins=(22, 18, 20, 24), ink=0):
        self.dpi, self.r = dpi, r
        self.body, self.bold = body, bold or (body + '_b' if body + '_b' in F else body)
        self.pt, self.ink = pt, ink
        self.ml, self.mt, self.mr, self.mb = margins
        self.pages = []
        self.cont_header = None          # fn(doc) drawing continuation header
        self.footer = None               # fn(i, n) -> list of strings
        self.footer_font = (body, 8)
        self.jitter = 0                  # handwriting jitter in px
        self.new_page()

    @property
    def p(self):
        return self.pages[-1]

    def px(self, mm):
        return int(round(mm * MM * self.dpi))

    def fpx(self, pt):
        return max(6, int(round(pt * self.dpi / 72)))

    def new_page(self):
        self.pages.append(Page(self.dpi))
        self.y = self.px(self.mt)
        if self.cont_header and len(self.pages) > 1:
            self.cont_header(self)

    def page_break(self):
        self.new_page()

    def ensure(self, h):
        if self.y + h > self.p.H - self.px(self.mb):
            self.new_page()

    def space(self, mm):
        self.y += self.px(mm)

    def _draw_word(self, x, y, w, f, ink):
        if self.jitter:
            dy = self.r.randint(-self.jitter, self.jitter)
            self.p.d.text((x, y + dy), w, font=f, fill=ink)
        else:
            self.p.d.text((x, y), w, font=f, fill=ink)

    def line(self, segs, pt=None, x_mm=None, align='left', gap=1.28, tag=None, ink=None, record=True, width_mm=None):
        """segs: str or list of (text, fontkey). One physical line."""
        pt = pt or self.pt
        ink = self.ink if ink is None else ink
        if isinstance(segs, str):
            segs = [(segs, self.body)]
        # Humor Sans has capital-only glyphs: print (and record) such text in capitals
        segs = [(t.upper() if k == 'hand' else t, k) for t, k in segs]
        fs = [(t, font(k, self.fpx(pt))) for t, k in segs]
        h = int(self.fpx(pt) * gap)
        self.ensure(h)
        tw = sum(f.getlength(t) for t, f in fs)
        x0 = self.px(self.ml if x_mm is None else x_mm)
        if align == 'right':
            x0 = self.p.W - self.px(self.mr) - tw
        elif align == 'center':
            left = self.px(self.ml)
            x0 = left + (self.p.W - left - self.px(self.mr) - tw) / 2
        x = x0
        for t, f in fs:
            if self.jitter:
                for i, w in enumerate(t.split(' ')):
                    if i:
                        x += f.getlength(' ') + self.r.randint(-1, 2)
                    self._draw_word(x, self.y, w, f, ink)
                    x += f.getlength(w)
            else:
                self.p.d.text((x, self.y), t, font=f, fill=ink)
                x += f.getlength(t)
        text = "".join(t for t, _ in segs)
        if record and text.strip():
            self.p.lines.append((text, (int(x0), self.y, int(x), self.y + self.fpx(pt)), tag))
        self.y += h
        return text

    def para(self, text, pt=None, fk=None, width_mm=None, x_mm=None, gap=1.28, tag=None, after=2.5, ink=None):
        pt = pt or self.pt
        fk = fk or self.body
        f = font(fk, self.fpx(pt))
        x_mm = self.ml if x_mm is None else x_mm
        maxw = self.px(width_mm) if width_mm else self.p.W - self.px(x_mm) - self.px(self.mr)
        words, cur = text.split(), ""
        for w in words:
            t = (cur + " " + w).strip()
            if f.getlength(t) > maxw and cur:
                self.line([(cur, fk)], pt=pt, x_mm=x_mm, gap=gap, tag=tag, ink=ink)
                cur = w
            else:
                cur = t
        if cur:
            self.line([(cur, fk)], pt=pt, x_mm=x_mm, gap=gap, tag=tag, ink=ink)
        self.space(after)

    def rule(self, th=0.3, x0=None, x1=None, ink=None, after=2):
        ink = self.ink if ink is None else ink
        a = self.px(self.ml if x0 is None else x0)
        b = self.p.W - self.px(self.mr) if x1 is None else self.px(x1)
        self.p.d.rectangle([a, self.y, b, self.y + max(1, self.px(th))], fill=ink)
        self.y += self.px(th) + self.px(after)

    def table(self, rows, cols_mm, pt=None, ruled=True, head=False, pad_mm=1.2, x_mm=None, fk=None, fkb=None,
              tags=None, boldcol0=False, after=3):
        pt = pt or self.pt
        fk, fkb = fk or self.body, fkb or self.bold
        fpx = self.fpx(pt)
        rh = int(fpx * 1.25) + 2 * self.px(pad_mm)
        x0 = self.px(self.ml if x_mm is None else x_mm)
        xs = [x0]
        for c in cols_mm:
            xs.append(xs[-1] + self.px(c))
        lw = max(1, self.px(0.25))
        for ri, row in enumerate(rows):
            self.ensure(rh)
            y = self.y
            if ruled:
                self.p.d.rectangle([xs[0], y, xs[-1], y + lw], fill=self.ink)
            parts = []
            for ci, cell in enumerate(row):
                k = fkb if (head and ri == 0) or (boldcol0 and ci == 0) else fk
                f = font(k, fpx)
                t = str(cell)
                avail = xs[ci + 1] - xs[ci] - 2 * self.px(pad_mm)
                if f.getlength(t) > avail:
                    raise ValueError(f"cell too wide: {t!r}")
                self.p.d.text((xs[ci] + self.px(pad_mm), y + self.px(pad_mm)), t, font=f, fill=self.ink)
                if t.strip():
                    parts.append(t)
            if ruled:
                for xx in xs:
                    self.p.d.rectangle([xx, y, xx + lw, y + rh], fill=self.ink)
            tag = tags[ri] if tags else None
            self.p.lines.append((" ".join(parts), (xs[0], y, xs[-1], y + rh), tag))
            self.y += rh
        if ruled:
            self.p.d.rectangle([xs[0], self.y, xs[-1], self.y + lw], fill=self.ink)
        self.space(after)

    def ticks(self, items, pt=None, cols=1, col_mm=85):
        """items: (label, checked). Box graphic is not text; GT holds labels only."""
        pt = pt or self.pt
        fpx = self.fpx(pt)
        b = int(fpx * 0.8)
        lw = max(1, self.px(0.25))
        for i in range(0, len(items), cols):
            row = items[i:i + cols]
            h = int(fpx * 1.45)
            self.ensure(h)
            texts = []
            for j, (lab, chk) in enumerate(row):
                x = self.px(self.ml + j * col_mm)
                yb = self.y + int(fpx * 0.12)
                self.p.d.rectangle([x, yb, x + b, yb + b], outline=self.ink, width=lw)
                if chk:
                    self.p.d.line([x + 2, yb + 2, x + b - 2, yb + b - 2], fill=self.ink, width=max(2, lw * 2))
                    self.p.d.line([x + b - 2, yb + 2, x + 2, yb + b - 2], fill=self.ink, width=max(2, lw * 2))
                self.p.d.text((x + int(b * 1.6), self.y), lab, font=font(self.body, fpx), fill=self.ink)
                texts.append(lab)
            self.p.lines.append((" ".join(texts), (self.px(self.ml), self.y, self.p.W, self.y + fpx), None))
            self.y += h

    def finish(self):
        n = len(self.pages)
        if self.footer:
            for i, pg in enumerate(self.pages):
                lines = self.footer(i + 1, n)
                k, pt = self.footer_font
                f = font(k, self.fpx(pt))
                y = pg.H - self.px(self.mb) + self.px(6)
                for t in lines:
                    w = f.getlength(t)
                    x = (pg.W - w) / 2
                    pg.d.text((x, y), t, font=f, fill=self.ink)
                    pg.lines.append((t, (int(x), y, int(x + w), y + self.fpx(pt)), 'footer'))
                    y += int(self.fpx(pt) * 1.3)
        return self.pages


def gt_text(pages):
    return "\n\f\n".join("\n".join(t for t, _, _ in pg.lines) for pg in pages) + "\n"


# graphic helpers -------------------------------------------------------------------------------
def nhs_lozenge(doc, x_mm, y_px, h_mm=11, align='right'):
    """NHS-style logo: filled box with white italic bold letters; the letters are text (in GT)."""
    pg = doc.p
    h = doc.px(h_mm)
    f = font('sans_b', int(h * 0.95))
    w = int(f.getlength("NHS") + h * 0.5)
    x = pg.W - doc.px(doc.mr) - w if align == 'right' else doc.px(x_mm)
    pg.d.rectangle([x, y_px, x + w, y_px + h], fill=70)
    # slanted effect: draw text on temp and shear
    tmp = Image.new('L', (w, h), 0)
    ImageDraw.Draw(tmp).text((h * 0.3, -h * 0.05), "NHS", font=f, fill=255)
    tmp = tmp.transform(tmp.size, Image.AFFINE, (1, 0.2, -h * 0.12, 0, 1, 0), resample=Image.BILINEAR)
    pg.img.paste(255, (x, y_px), tmp)
    pg.lines.append(("NHS", (x, y_px, x + w, y_px + h), 'logo'))
    return x, w


def crest(doc, x, y, s):
    """decorative invented emblem (no text)"""
    d = doc.p.d
    d.ellipse([x, y, x + s, y + s], outline=40, width=max(2, s // 18))
    d.polygon([(x + s * .5, y + s * .12), (x + s * .85, y + s * .75), (x + s * .15, y + s * .75)], fill=110)
    d.ellipse([x + s * .38, y + s * .42, x + s * .62, y + s * .66], fill=255)
    for k in range(5):
        d.line([x + s * .2 + k * s * .15, y + s * .82, x + s * .27 + k * s * .15, y + s * .92], fill=40,
               width=max(2, s // 25))


# ----------------------------------------------------------------------------------------------
# document composers
class Ctx:
    pass


def context(n, spec):
    r = srng("doc", n)
    c = Ctx()
    c.r = r
    c.n = n
    c.spec = spec
    c.scen = SCEN[spec.get('scen', r.randrange(len(SCEN)))]
    c.date = rdate(r, 2023, 2025)
    c.p = make_patient(r, c.scen, c.date)
    c.practice = r.choice(PRACTICES)
    c.paddr = address(r)
    c.ptel, c.pfax = phone_land(r), phone_land(r)
    c.pcode = f"Z{r.randint(10000, 99999)}"
    c.gp = r.choice(GPS)
    c.hosp, c.trust = r.choice(TRUSTS)
    c.haddr = address(r)
    c.cons = r.choice(CONSULTANTS)
    c.ubrn = f"{r.randint(0, 9999):04d} {r.randint(0, 9999):04d} {r.randint(0, 9999):04d}"
    c.hx = [fill(s, r, c.p, c.date) for s in c.scen['hx']]
    c.exam = fill(c.scen['exam'], r, c.p, c.date)
    c.ask = fill(c.scen['ask'], r, c.p, c.date)
    c.pmh = [fill(s, r, c.p, c.date) for s in c.scen['pmh']]
    c.meds = list(c.scen['meds'])
    # identifiers as printed
    c.nhs_style = spec.get('nhs_style', r.choice(['space', 'hyphen', 'plain']))
    c.dob_style = spec.get('dob_style', r.choice(['dmy', 'dot2', 'long', 'dmon', 'dmy2', 'ord', 'DMON', 'dmon_sp']))
    c.no_nhs = spec.get('no_nhs', False)
    c.no_dob = spec.get('no_dob', False)
    c.nhs_s = fmt_nhs(c.p['nhs'], c.nhs_style)
    c.dob_s = fmt_date(c.p['dob'], c.dob_style)
    return c


def name_full(c, upper_sur=False):
    p = c.p
    return f"{p['title']} {p['first']} {p['sur'].upper() if upper_sur else p['sur']}"


def practice_header(d, c, style='center', big=15):
    d.line([(c.practice, d.bold)], pt=big, align=style, gap=1.3)
    d.line(", ".join(c.paddr), pt=9.5, align=style)
    d.line(f"Tel: {c.ptel}   Fax: {c.pfax}", pt=9.5, align=style)
    d.line(f"Practice code: {c.pcode}", pt=9, align=style)


def recipient(d, c, dept=None):
    d.line(c.cons)
    d.line(dept or f"Department of {c.scen['spec']}")
    d.line(c.hosp)
    for a in c.haddr[1:]:
        d.line(a)


def id_line_parts(c, nhs_label="NHS No:", dob_label="DOB:"):
    parts = []
    if not c.no_dob:
        parts.append(f"{dob_label} {c.dob_s}")
    if not c.no_nhs:
        parts.append(f"{nhs_label} {c.nhs_s}")
    return parts


def signoff(d, c, sincerely="Yours sincerely", role="GP Partner"):
    d.space(2)
    d.line(sincerely)
    d.space(12)
    d.line([(c.gp, d.bold)])
    d.line(f"{role}, {c.practice}")


# -- referral kinds ---------------------------------------------------------------------------------
def k_dictated_letter(d, c):
    r = c.r
    practice_header(d, c)
    d.rule(0.4, after=5)
    d.line(fmt_date(c.date, r.choice(['long', 'dmy', 'ord'])), align='right')
    d.space(3)
    recipient(d, c)
    d.space(5)
    d.line(f"Dear {c.cons.split()[0]} {c.cons.split()[-1]},")
    d.space(2)
    d.line([("Re: ", d.bold), (name_full(c, True), d.bold)])
    d.line("   ".join(id_line_parts(c, nhs_label=r.choice(["NHS No:", "NHS Number:"]),
                                    dob_label=r.choice(["DOB", "D.O.B.", "Date of Birth:"]))), tag='ids')
    d.line(", ".join(c.p['addr']))
    d.line(f"Tel: {c.p['tel']}   Mobile: {c.p['mob']}")
    d.space(3)
    d.para(f"Thank you for seeing this {c.p['age']} year old {'man' if c.p['sex'] == 'M' else 'woman'} "
           f"with {c.scen['title'].lower()}. " + " ".join(c.hx[:2]))
    d.para(" ".join(c.hx[2:]) + " On examination: " + c.exam, tag='dx')
    d.line([("Past medical history", d.bold)])
    for m in c.pmh:
        d.line("- " + m, x_mm=d.ml + 4)
    d.space(2)
    d.line([("Current medication", d.bold)])
    for m in c.meds:
        d.line("- " + m, x_mm=d.ml + 4)
    d.space(2)
    if c.spec.get('long'):
        d.para("Social history: lives with " + r.choice(["wife", "husband", "partner", "daughter"]) +
               ", independent with personal care, drives. Alcohol " + str(r.randint(2, 18)) +
               " units per week. Allergies: " + r.choice(["penicillin (rash)", "no known drug allergies",
                                                            "codeine (vomiting)"]) + ".")
        d.para("I have explained the reason for referral and that the hospital will contact "
               f"{c.p['obj']} directly. {c.p['Pro'] if 'Pro' in c.p else c.p['pro'].capitalize()} is happy to be "
               f"contacted on the mobile number above. Please do not hesitate to contact me on {c.ptel} "
               "if you need any further information.")
        d.page_break()
    d.para(c.ask)
    signoff(d, c)
    d.space(4)
    d.line(f"Dictated {fmt_date(c.date - dt.timedelta(days=1), 'dmy')}  Typed {fmt_date(c.date, 'dmy')}  "
           f"Ref: {c.gp.split()[1][0]}{c.gp.split()[-1][0]}/{r.choice('abcdefg')}{r.choice('klmnp')}", pt=8.5)
    d.line(f"cc: {name_full(c)} (patient)", pt=8.5)
    d.footer = (lambda i, n: [f"Page {i} of {n}"]) if len(d.pages) > 1 or c.spec.get('long') else None


def k_ers_print(d, c):
    r = c.r
    prio = "2 Week Wait" if c.scen['tww'] else r.choice(["Routine", "Urgent"])
    d.line([("NHS e-Referral Service", d.bold)], pt=13)
    d.line([("Referral Letter / Clinical Information", d.bold)], pt=11)
    d.rule(0.5, after=3)
    dl = c.spec.get('date_style', 'dmon')
    d.table([["UBRN", c.ubrn], ["Priority", prio], ["Specialty", c.scen['spec']],
             ["Service", f"{c.scen['svc']} - {c.hosp}"],
             ["Date referral created", fmt_date(c.date - dt.timedelta(days=2), dl)],
             ["Referring organisation", f"{c.practice} ({c.pcode})"], ["Referring clinician", c.gp]],
            [48, 118], pt=c.spec.get('tpt', 9.5), boldcol0=True)
    d.line([("Patient Details", d.bold)], pt=11)
    rows = [["Name", f"{c.p['sur'].upper()}, {c.p['first']} ({c.p['title']})"]]
    tags = [None]
    if not c.no_nhs:
        rows.append(["NHS Number", c.nhs_s]); tags.append('nhs')
    if not c.no_dob:
        rows.append(["Date of Birth", c.dob_s]); tags.append('dob')
    rows += [["Gender", "Male" if c.p['sex'] == 'M' else "Female"], ["Address", ", ".join(c.p['addr'])],
             ["Home telephone", c.p['tel']], ["Mobile", c.p['mob']], ["Hospital number", c.p['hosp']]]
    tags += [None] * 5
    d.table(rows, [48, 118], pt=c.spec.get('tpt', 9.5), boldcol0=True, tags=tags)
    d.line([("Reason for referral", d.bold)], pt=11)
    d.para(c.scen['title'] + ". " + " ".join(c.hx), pt=c.spec.get('tpt', 9.5) + 0.5)
    d.line([("Examination", d.bold)], pt=11)
    d.para(c.exam, pt=c.spec.get('tpt', 9.5) + 0.5)
    if c.spec.get('long'):
        d.line([("Medication", d.bold)], pt=11)
        d.table([["Drug", "Issue type"]] + [[m, r.choice(["Repeat", "Acute"])] for m in c.meds], [120, 46],
                pt=9.5, head=True)
        d.line([("Allergies", d.bold)], pt=11)
        d.para(r.choice(["No known drug allergies", "Penicillin - anaphylaxis", "Trimethoprim - rash"]))
        d.page_break()
        d.line([("Problems", d.bold)], pt=11)
        d.table([["Date", "Problem"]] + [[fmt_date(rdate(r, 1998, 2022), dl), m] for m in c.pmh], [40, 126],
                pt=9.5, head=True)
    d.para(c.ask, pt=10)
    d.line(f"Referrer contact: {c.ptel}   Fax: {c.pfax}", pt=9.5)
    stamp = fmt_date(c.date, dl) + f" {r.randint(8, 17):02d}:{r.randint(0, 59):02d}"
    d.footer = lambda i, n: [f"Printed {stamp} by {r.choice(['booking.clerk3', 'rtt.admin', 'triage.user'])} "
                             f"- Page {i} of {n}"]


def k_tww_proforma(d, c):
    r = c.r
    crit = {
        "Suspected lower gastrointestinal cancer": [
            ("Age 40+ with unexplained weight loss and abdominal pain", False),
            ("Age 50+ with unexplained rectal bleeding", True),
            ("Age 60+ with iron deficiency anaemia", True), ("Change in bowel habit", True),
            ("FIT result 10 ug Hb/g or above", True), ("Rectal or abdominal mass", False)],
        "Suspected lung cancer": [("Chest X-ray suggestive of lung cancer", True), ("Age 40+ with unexplained haemoptysis", True),
                                  ("Persistent cough", True), ("Finger clubbing", True), ("Supraclavicular lymphadenopathy", False)],
        "Suspected skin cancer": [("Suspected malignant melanoma (7-point checklist 3+)", True),
                                  ("Suspected squamous cell carcinoma", False), ("Dermoscopy suggests melanoma", True)],
        "Suspected breast cancer": [("Age 30+ with unexplained breast lump", True), ("Age 50+ with nipple changes", False),
                                    ("Skin changes suggestive of breast cancer", False)],
        "Suspected urological cancer": [("Raised age-specific PSA", True), ("Prostate feels malignant on DRE", True),
                                        ("Visible haematuria age 45+", False)],
        "Suspected gynaecological cancer": [("Post-menopausal bleeding (over 55)", True),
                                            ("Ascites or pelvic mass", False), ("Vulval lump or ulceration", False)],
    }[c.scen['tww']]
    d.line([(c.trust, d.bold)], pt=10, align='right')
    d.line([(f"{c.scen['tww']} Referral", d.bold)], pt=14, gap=1.2)
    d.line([("URGENT - TWO WEEK WAIT (2WW) PROFORMA", d.bold)], pt=11)
    d.line(f"Email to the 2WW booking office or fax to {phone_land(r)} within 24 hours", pt=9)
    d.space(2)
    rows = [["Patient name", f"{c.p['first']} {c.p['sur']}", "Title", c.p['title']]]
    tags = [None]
    r2 = ["NHS number", "" if c.no_nhs else c.nhs_s, "Date of birth", "" if c.no_dob else c.dob_s]
    rows.append(r2); tags.append('ids')
    rows += [["Address", ", ".join(c.p['addr'][:2]), "Postcode", c.p['addr'][2]],
             ["Telephone", c.p['tel'], "Mobile", c.p['mob']],
             ["Interpreter", r.choice(["No", "Yes - Polish", "No"]), "Hospital no.", c.p['hosp']]]
    tags += [None] * 3
    d.table(rows, [30, 58, 30, 48], pt=9.5, boldcol0=False, tags=tags)
    d.line([("Referral criteria (tick all that apply)", d.bold)], pt=10.5)
    d.ticks(crit, pt=9.5)
    d.space(2)
    d.line([("WHO performance status", d.bold)], pt=10.5)
    ps = r.randint(0, 2)
    d.ticks([(f"{i}", i == ps) for i in range(5)], pt=9.5, cols=5, col_mm=18)
    d.space(2)
    d.line([("Clinical details / relevant history", d.bold)], pt=10.5)
    d.para(" ".join(c.hx) + " " + c.exam, pt=9.5, tag='dx')
    d.line([("Anticoagulants: ", d.bold), ("Yes" if any('Apixaban' in m for m in c.meds) else "No", d.body)], pt=9.5)
    d.line([("Patient informed of possible cancer diagnosis: ", d.bold), ("Yes", d.body)], pt=9.5)
    d.line([("Patient available in the next 14 days: ", d.bold), ("Yes", d.body)], pt=9.5)
    d.space(2)
    d.table([["Referring GP", c.gp, "Practice", c.practice],
             ["Date of decision to refer", fmt_date(c.date, 'dmy'), "Practice tel", c.ptel]],
            [40, 50, 24, 52], pt=9)
    d.footer = lambda i, n: [f"2WW proforma v{r.randint(3, 9)}.{r.randint(0, 9)} - review date "
                             f"{fmt_date(rdate(r, 2025, 2026), 'dmon_sp')}"]


def k_soap_note(d, c):
    r = c.r
    d.line([(f"{c.practice} - Consultation Record", d.bold)], pt=12)
    d.line(f"{c.paddr[0]}, {c.paddr[1]}  Tel {c.ptel}", pt=9)
    d.rule(0.3, after=3)
    pl = [f"Patient: {c.p['sur'].upper()}, {c.p['first']}"]
    if c.no_dob:
        pl.append(f"Age: {c.p['age']}y")
    else:
        pl.append(f"D.O.B. {c.dob_s}")
    d.line("   ".join(pl), tag='ids')
    if not c.no_nhs:
        d.line(f"NHS no. {c.nhs_s}    Hosp ref {c.p['hosp']}", tag='nhs')
    d.line(f"Seen: {fmt_date(c.date, 'dmy')} {r.randint(8, 17):02d}:{r.choice(['00', '10', '20', '30', '40', '50'])}"
           f"   Clinician: {c.gp}   Type: {r.choice(['Face to face', 'Telephone', 'Face to face'])}")
    d.rule(0.3, after=3)
    for lab, txt in [("S:", " ".join(c.hx[:2])), ("O:", c.exam), ("A:", c.scen['title'] + ". " + " ".join(c.hx[2:])),
                     ("P:", f"Refer {c.scen['spec']} ({c.scen['svc']}). {c.ask} Safety-netted; review in "
                            f"{r.randint(2, 6)} weeks or sooner if worse.")]:
        y0 = d.y
        d.line([(lab, d.bold)], record=False)
        d.y = y0
        # label and first line share the baseline: record label + text as one GT stream
        f = font(d.body, d.fpx(d.pt))
        maxw = d.p.W - d.px(d.ml + 10) - d.px(d.mr)
        words, cur, first = txt.split(), "", True
        out = []
        for w in words:
            t = (cur + " " + w).strip()
            if f.getlength(t) > maxw and cur:
                out.append(cur); cur = w
            else:
                cur = t
        out.append(cur)
        for i, l in enumerate(out):
            text = d.line(l, x_mm=d.ml + 10, record=False)
            d.p.lines.append(((lab + " " + l) if i == 0 else l, (d.px(d.ml), d.y - d.fpx(d.pt), d.p.W, d.y),
                              'dx' if lab == 'A:' else None))
        d.space(2.5)
    d.line([("Medication", d.bold)])
    for m in c.meds:
        d.line(m, x_mm=d.ml + 4)
    d.space(3)
    d.line(f"Referral sent via e-RS. UBRN {c.ubrn}", pt=9.5)
    d.line(f"Entered by {c.gp} on {fmt_date(c.date, 'dmon_sp')}", pt=9.5)


def k_gp_system_printout(d, c):
    r = c.r
    sysname = r.choice(["MediPrime Clinical v7.4", "CareLedger GP 12.1", "PrimaryView 5"])
    d.line([(f"{sysname} - Patient Summary / Referral Print", d.bold)], pt=10)
    d.line(f"Printed: {fmt_date(c.date, 'DMON')} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}  "
           f"Workstation: GP{r.randint(1, 40):02d}  User: {c.gp.split()[-1].upper()[:6]}{r.randint(1, 9)}", pt=8.5)
    d.rule(0.3, after=2)
    nl = "NHS Number" if r.random() < 0.5 else "NHS No."
    rows = [["Surname", c.p['sur'].upper(), "Forename", c.p['first']]]
    tags = [None]
    rows.append(["DOB", "" if c.no_dob else c.dob_s, nl, "" if c.no_nhs else c.nhs_s]); tags.append('ids')
    rows += [["Sex", c.p['sex'], "Usual GP", c.gp.replace("Dr ", "")],
             ["Address", c.p['addr'][0], "Postcode", c.p['addr'][2]],
             ["Town", c.p['addr'][1], "Tel", c.p['tel']],
             ["Reg. date", fmt_date(rdate(r, 1995, 2020), 'dmy'), "Mobile", c.p['mob']]]
    tags += [None] * 4
    d.table(rows, [26, 56, 30, 54], pt=9, boldcol0=False, tags=tags)
    d.line([("ACTIVE PROBLEMS", d.bold)], pt=9.5)
    d.table([["Date", "Problem", "Status"]] + [[fmt_date(rdate(r, 1998, 2023), 'dmy'), m, r.choice(["Active", "Significant"])]
                                              for m in c.pmh] + [[fmt_date(c.date, 'dmy'), c.scen['title'], "Active"]],
            [28, 108, 30], pt=9, head=True)
    d.line([("REPEAT MEDICATION", d.bold)], pt=9.5)
    d.table([["Drug / dose", "Last issued", "Qty"]] + [[m, fmt_date(c.date - dt.timedelta(days=r.randint(3, 50)), 'dmy'),
                                                       str(r.choice([28, 56, 84, 1]))] for m in c.meds],
            [108, 34, 24], pt=9, head=True)
    d.line([("RECENT RESULTS", d.bold)], pt=9.5)
    res = [("Haemoglobin", str(r.randint(95, 150)), "g/L"), ("Sodium", str(r.randint(132, 144)), "mmol/L"),
           ("Potassium", f"{r.uniform(3.6, 5.2):.1f}", "mmol/L"), ("eGFR", str(r.randint(48, 90)), "mL/min/1.73m2"),
           ("CRP", str(r.randint(1, 60)), "mg/L")]
    d.table([["Date", "Test", "Value", "Units"]] + [[fmt_date(c.date - dt.timedelta(days=r.randint(5, 30)), 'dmy'),
                                                     a, b, u] for a, b, u in res], [28, 58, 30, 50], pt=9, head=True)
    if c.spec.get('long'):
        d.page_break()
    d.line([("REFERRAL LETTER", d.bold)], pt=10)
    d.line(f"To: {c.cons}, {c.scen['svc']}, {c.hosp}", pt=9.5)
    d.space(2)
    d.para("Dear Colleague, " + " ".join(c.hx), pt=9.5)
    d.para("O/E: " + c.exam, pt=9.5)
    d.para(c.ask, pt=9.5)
    d.line(f"{c.gp}, {c.practice} ({c.pcode})", pt=9.5)
    d.line(f"Tel {c.ptel}  Fax {c.pfax}", pt=9.5)
    d.footer = lambda i, n: [f"CONFIDENTIAL - {c.p['sur'].upper()} {c.p['first'][0]} - Page {i}/{n}"]
    d.footer_font = (d.body, 8)


def k_short_typed_note(d, c):
    r = c.r
    d.space(6)
    d.line(f"FROM: {c.gp}, {c.practice}")
    d.line(f"TO:   {c.scen['svc']}, {c.hosp}")
    d.line(f"DATE: {fmt_date(c.date, 'dot')}")
    d.space(4)
    bits = [f"RE: {c.p['title'].upper()} {c.p['first'].upper()} {c.p['sur'].upper()}"]
    if not c.no_dob:
        bits.append(f"{c.spec.get('dob_label', 'DoB')} {c.dob_s}")
    d.line("  ".join(bits), tag='ids')
    if c.no_nhs:
        d.line("NHS no: awaiting registration - temp resident", tag='ids')
    else:
        d.line(f"{c.spec.get('nhs_label', 'NHS')} {c.nhs_s}", tag='nhs')
    d.line(", ".join(c.p['addr']) + f"  Tel {c.p['mob']}")
    d.space(4)
    d.para(f"Please see this {c.p['age']}yo with {c.scen['title'].lower()}. " + c.hx[0] + " " + c.hx[-1])
    d.para(c.ask)
    d.space(3)
    d.line("Thanks")
    d.space(3)
    d.line(c.gp)


def k_ids_on_page2(d, c):
    r = c.r
    practice_header(d, c, style='left', big=14)
    d.rule(0.4, after=5)
    d.line(fmt_date(c.date, 'long'), align='right')
    d.space(2)
    recipient(d, c)
    d.space(5)
    d.line("Dear Colleague,")
    d.space(2)
    who = "this gentleman" if c.p['sex'] == 'M' else "this lady"
    d.para(f"I would be grateful if you could see {who}, whose details are given at the end of this letter, "
           f"regarding {c.scen['title'].lower()}.")
    for h in c.hx:
        d.para(h.replace(f"{c.p['title']} {c.p['sur']}", c.p['pro'].capitalize()))
    d.para("On examination today: " + c.exam)
    d.para("Past history: " + "; ".join(c.pmh) + ". Current medication: " + "; ".join(c.meds) + ".")
    d.line("Continued overleaf", align='right', pt=9)
    d.page_break()
    d.line(f"Page 2 - letter dated {fmt_date(c.date, 'dmy')}", pt=9)
    d.space(4)
    d.para(c.ask + f" Please contact the surgery on {c.ptel} if you need anything further.")
    signoff(d, c, sincerely="With kind regards", role="General Practitioner")
    d.space(8)
    d.line([("PATIENT DETAILS", d.bold)])
    d.rule(0.3, after=2)
    d.line(f"Name: {name_full(c)}")
    if not c.no_dob:
        d.line(f"{c.spec.get('dob_label', 'Date of birth:')} {c.dob_s}", tag='dob')
    if not c.no_nhs:
        d.line(f"{c.spec.get('nhs_label', 'NHS number:')} {c.nhs_s}", tag='nhs')
    d.line("Address: " + ", ".join(c.p['addr']))
    d.line(f"Telephone: {c.p['tel']}   Mobile: {c.p['mob']}")
    d.line(f"Preferred language: English   Transport: {r.choice(['Own', 'Requires hospital transport'])}")


def k_fax_cover_letter(d, c):
    r = c.r
    total = 3 if c.spec.get('long') else 2
    faxhdr = f"{fmt_date(c.date, 'dmy2')} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}  FROM: {c.pfax}  {c.practice[:22].upper()}"

    def hdr(doc):
        doc.line(f"{faxhdr}  P.{len(doc.pages):03d}/{total:03d}", pt=8, x_mm=10, gap=1.6)
    d.y = d.px(6)
    hdr(d)
    d.cont_header = lambda doc: (setattr(doc, 'y', doc.px(6)), hdr(doc), setattr(doc, 'y', doc.px(22)))
    d.space(10)
    d.line([("FAX", d.bold)], pt=40, gap=1.2)
    d.line([("Facsimile transmission", d.body)], pt=12)
    d.rule(0.6, after=4)
    d.table([["To:", f"{c.scen['svc']} booking office"], ["Organisation:", c.hosp],
             ["Fax:", phone_land(r)], ["From:", c.gp], ["Practice:", c.practice], ["Tel:", c.ptel],
             ["Date:", fmt_date(c.date, 'dmy')], ["Pages (incl. cover):", str(total)],
             ["Re:", "URGENT REFERRAL" if c.scen['tww'] else "Referral"]], [45, 110], pt=11, ruled=False, boldcol0=True)
    d.space(4)
    d.line("Message:", pt=11)
    d.para(f"Please find attached referral for {c.p['title']} {c.p['sur']}. Kindly confirm receipt by telephone.",
           pt=11)
    d.space(30)
    d.rule(0.3)
    d.para("CONFIDENTIALITY NOTICE: This fax contains confidential patient information intended only for the "
           "named recipient. If you have received it in error please telephone the sender immediately on "
           f"{c.ptel} and destroy all copies.", pt=8.5)
    d.page_break()
    practice_header(d, c, big=13)
    d.rule(0.3, after=4)
    d.line(fmt_date(c.date, 'long'), align='right')
    recipient(d, c)
    d.space(4)
    d.line("Dear Colleague,")
    d.space(2)
    d.line([("Re: " + name_full(c, True), d.bold)])
    d.line("  ".join(id_line_parts(c, "NHS No.", "DOB")), tag='ids')
    d.line(", ".join(c.p['addr']))
    d.space(2)
    for h in c.hx:
        d.para(h)
    d.para("Examination: " + c.exam)
    if c.spec.get('long'):
        d.para("Past medical history: " + "; ".join(c.pmh) + ".")
        d.line([("Medication", d.bold)])
        for m in c.meds:
            d.line("- " + m, x_mm=d.ml + 4)
        d.page_break()
        d.space(3)
        d.para("Allergies: " + r.choice(["none known", "penicillin", "latex"]) + ". "
               f"{c.p['pro'].capitalize()} is aware of the referral and the need to attend promptly.")
    d.para(c.ask)
    signoff(d, c)


def k_handwritten_note(d, c):
    r = c.r
    # printed letterhead then handwritten body
    body = d.body
    d.body = 'sans'
    d.line([(c.practice, 'sans_b')], pt=13)
    d.line(f"{', '.join(c.paddr)}   Tel {c.ptel}", pt=9)
    d.rule(0.4, after=6)
    d.body = body
    d.jitter = max(1, d.px(0.35))
    d.line(fmt_date(c.date, 'dmy2_nz'), align='right', pt=d.pt)
    d.line(f"Dear {c.scen['spec']} team,")
    d.space(2)
    d.line(f"Re {c.p['first']} {c.p['sur']}")
    if not c.no_dob:
        d.line(f"{c.spec.get('dob_label', 'DOB')} {c.dob_s}", tag='dob')
    if not c.no_nhs:
        d.line(f"{c.spec.get('nhs_label', 'NHS no')} {c.nhs_s}", tag='nhs')
    d.line(c.p['addr'][0] + ", " + c.p['addr'][1])
    d.space(2)
    d.para(f"Please see - {c.scen['title'].lower()}. " + c.hx[0] + " " + c.hx[-1], width_mm=160)
    d.para(c.ask, width_mm=160)
    d.line("Many thanks")
    d.space(3)
    d.line(c.gp.replace("Dr ", "Dr. "))
    d.jitter = 0


def k_logo_letterhead(d, c):
    r = c.r
    # big letterhead block: emblem + NHS lozenge + trust name, shaded band
    top = d.px(12)
    band_h = d.px(42)
    d.p.d.rectangle([0, top, d.p.W, top + band_h], fill=228)
    crest(d, d.px(d.ml), top + d.px(5), d.px(32))
    d.y = top + d.px(6)
    nhs_lozenge(d, None, d.y, h_mm=12)
    d.y = top + d.px(8)
    x = d.ml + 38
    svc = r.choice(["Community Musculoskeletal Service", "Community Respiratory Team", "Integrated Diabetes Service"])
    tpt = 14
    while font(d.bold, d.fpx(tpt)).getlength(c.trust) > d.p.W - d.px(x) - d.px(d.mr) - d.px(34):
        tpt -= 0.5
    d.line([(c.trust, d.bold)], pt=tpt, x_mm=x, gap=1.25)
    d.line([(svc, d.body)], pt=12, x_mm=x)
    d.line(f"{c.hosp}, {c.haddr[0]}", pt=9, x_mm=x)
    d.line(f"{c.haddr[1]} {c.haddr[2]}   Switchboard {phone_land(r)}", pt=9, x_mm=x)
    d.y = top + band_h + d.px(8)
    d.line(f"Our ref: {c.p['hosp']}/{r.randint(10, 99)}", pt=10)
    d.line(f"Date: {fmt_date(c.date, 'dmon_sp_nz')}", pt=10)
    d.space(4)
    d.line(f"{c.cons}, {c.scen['spec']}")
    d.line(c.hosp)
    d.space(5)
    d.line("Dear Colleague,")
    d.space(2)
    d.line([(f"Onward referral: {name_full(c)}", d.bold)])
    rows = []
    tags = []
    if not c.no_dob:
        rows.append([c.spec.get('dob_label', "Date of birth"), c.dob_s]); tags.append('dob')
    if not c.no_nhs:
        rows.append([c.spec.get('nhs_label', "NHS number"), c.nhs_s]); tags.append('nhs')
    rows += [["Address", ", ".join(c.p['addr'])], ["Contact", c.p['mob']]]
    tags += [None, None]
    d.table(rows, [40, 126], pt=10, tags=tags)
    d.para(f"This {'gentleman' if c.p['sex'] == 'M' else 'lady'} was assessed in our service on "
           f"{fmt_date(c.date - dt.timedelta(days=r.randint(5, 20)), 'long')}. " + " ".join(c.hx), tag='dx')
    d.para("Assessment: " + c.exam)
    d.para(c.ask + " We have informed the GP, " + c.gp + ", " + c.practice + ".")
    d.space(2)
    d.line("Yours faithfully")
    d.space(10)
    d.line([(r.choice(["Anna Grieve", "Marcus Ellery", "Joanne Featherstone"]), d.bold)])
    d.line(r.choice(["Advanced Practice Physiotherapist", "Clinical Nurse Specialist", "Extended Scope Practitioner"]))
    d.footer = lambda i, n: [f"Chair: {r.choice(['Ruth Abingdon', 'Colin Marr'])}   Chief Executive: "
                             f"{r.choice(['Dr Ola Benedikt', 'Sarah Kincaid'])}", "Caring with compassion, every day"]


# -- other document types -----------------------------------------------------------------------
def hospital_header(d, c, dept):
    y0 = d.y
    nhs_lozenge(d, None, y0, h_mm=10)
    d.line([(c.trust, d.bold)], pt=12)
    d.line(f"{c.hosp}", pt=10)
    d.line(f"{c.haddr[0]}, {c.haddr[1]} {c.haddr[2]}", pt=9)
    d.line(f"{dept}   Tel: {phone_land(c.r)}", pt=9)
    d.rule(0.4, after=4)


def k_clinic_letter(d, c):
    r = c.r
    hospital_header(d, c, f"Department of {c.scen['spec']}")
    clinic = c.date - dt.timedelta(days=r.randint(3, 14))
    d.table([["Clinic date:", fmt_date(clinic, 'dmy'), "Hospital No:", c.p['hosp']],
             ["Dictated:", fmt_date(clinic, 'dmy'), "Typed:", fmt_date(c.date, 'dmy')]],
            [30, 50, 30, 56], pt=9.5, ruled=False)
    d.line(c.gp)
    d.line(c.practice)
    for a in c.paddr:
        d.line(a)
    d.space(4)
    d.line(f"Dear {c.gp.split()[0]} {c.gp.split()[-1]},")
    d.space(2)
    d.line([("Re: " + name_full(c), d.bold)])
    d.line("   ".join(id_line_parts(c, r.choice(["NHS No:", "NHS Number"]), r.choice(["DOB:", "Born"]))), tag='ids')
    d.line(", ".join(c.p['addr']))
    d.space(2)
    d.line([("Diagnosis:", d.bold)])
    d.line("1. " + c.scen['title'], x_mm=d.ml + 4, tag='dx')
    d.line("2. " + c.pmh[0], x_mm=d.ml + 4)
    d.line([("Plan:", d.bold)])
    plan = [f"{r.choice(['CT', 'MRI', 'Ultrasound'])} scan requested", "Bloods today: FBC, U&E, LFT",
            f"Review in clinic in {r.randint(4, 12)} weeks"]
    for i, pl in enumerate(plan):
        d.line(f"{i + 1}. {pl}", x_mm=d.ml + 4)
    d.space(2)
    d.para(f"I saw {c.p['title']} {c.p['sur']} in clinic today, thank you for your referral. " + " ".join(c.hx[:2]))
    d.para(" ".join(c.hx[2:]) + " On examination: " + c.exam)
    if c.spec.get('long'):
        d.para("We discussed the likely diagnosis and the investigations above, including the small risks of "
               "each, and " + c.p['pro'] + " was happy to proceed. I have given written information and our "
               f"specialist nurse's direct line, {phone_land(r)}.")
        d.para("Please could you continue current medication for now: " + "; ".join(c.meds) + ".")
        d.page_break()
    d.para("I will write again once results are available.")
    d.line("Yours sincerely")
    d.space(10)
    d.line([(c.cons, d.bold)])
    d.line(f"Consultant, {c.scen['spec']}")
    d.space(2)
    d.line(f"cc: {name_full(c)}, {', '.join(c.p['addr'])}", pt=9)
    d.footer = lambda i, n: [f"{c.trust} - Page {i} of {n}"]


def k_discharge_summary(d, c):
    r = c.r
    adm = c.date - dt.timedelta(days=r.randint(3, 12))
    hospital_header(d, c, "Inpatient Discharge Summary")
    d.line([("DISCHARGE SUMMARY", d.bold)], pt=13, align='center')
    d.space(2)
    rows = [["Patient", name_full(c, True), "Hospital no.", c.p['hosp']]]
    tags = [None]
    rows.append(["NHS no.", "" if c.no_nhs else c.nhs_s, "D.O.B.", "" if c.no_dob else c.dob_s]); tags.append('ids')
    rows += [["Ward", r.choice(["Larch Ward", "Ward 7B", "Kingfisher Unit", "AMU"]),
              "Consultant", c.cons.split()[0] + " " + c.cons.split()[-1]],
             ["Admitted", fmt_date(adm, 'dmy'), "Discharged", fmt_date(c.date, 'dmy')],
             ["GP", c.gp, "Practice", c.practice[:24]]]
    tags += [None] * 3
    d.table(rows, [24, 62, 28, 52], pt=9.5, tags=tags)
    d.line([("Primary diagnosis", d.bold)])
    d.para(c.scen['title'] + r.choice([" - under investigation", " - for outpatient follow-up", ""]), tag='dx')
    d.line([("Co-morbidities", d.bold)])
    d.para("; ".join(c.pmh))
    d.line([("Presenting complaint and hospital course", d.bold)])
    for h in c.hx:
        d.para(h)
    d.para(f"Observations stable throughout. Reviewed by the {c.scen['spec']} team on "
           f"{fmt_date(adm + dt.timedelta(days=1), 'dmon_sp')} who advised outpatient follow-up.")
    d.page_break()
    d.line([("Medication on discharge", d.bold)])
    d.table([["Medicine", "Dose / frequency", "Status"]] +
            [[m.split(' ', 1)[0], m.split(' ', 1)[1], r.choice(["Continued", "Continued", "New", "Changed"])]
             for m in c.meds], [40, 90, 36], pt=9.5, head=True)
    d.line([("Allergies", d.bold)])
    d.para(r.choice(["No known drug allergies", "Penicillin (rash)", "Morphine (hallucinations)"]))
    d.line([("Actions for GP", d.bold)])
    d.para(f"Please check U&E in {r.randint(1, 2)} weeks. " + c.ask.replace("I would be grateful if you could",
                                                                           "We have asked the team to"))
    d.line([("Follow-up", d.bold)])
    d.para(f"{c.scen['svc']} in {r.randint(2, 8)} weeks; appointment will be posted.")
    d.line(f"Completed by: Dr {r.choice(['L. Hargreaves', 'S. Mbeki-Owen', 'T. Nakamura'])} (FY2), bleep "
           f"{r.randint(1000, 4999)}   Date: {fmt_date(c.date, 'dmy')}")
    d.footer = lambda i, n: [f"{c.p['sur'].upper()}, {c.p['first']}   {c.p['hosp']}   Page {i} of {n}"]


def k_lab_result(d, c):
    r = c.r
    dept = r.choice(["Clinical Biochemistry", "Haematology", "Blood Sciences"])
    d.line([(f"{c.hosp} - Pathology", d.bold)], pt=12)
    d.line(f"{dept} Laboratory   Enquiries {phone_land(r)}", pt=9.5)
    d.rule(0.4, after=3)
    coll = c.date - dt.timedelta(days=r.randint(0, 2))
    lab = f"{coll.year % 100:02d}{r.choice('BHC')}{r.randint(100000, 999999)}"
    rows = [["Patient:", f"{c.p['sur'].upper()}, {c.p['first']}", "Sex:", c.p['sex']]]
    tags = [None]
    rows.append([c.spec.get('dob_label', "DOB:"), "" if c.no_dob else c.dob_s, c.spec.get('nhs_label', "NHS:"),
                 "" if c.no_nhs else c.nhs_s]); tags.append('ids')
    rows += [["Hosp No:", c.p['hosp'], "Lab No:", lab],
             ["Location:", c.practice[:26], "Requested by:", c.gp.replace("Dr ", "Dr ")[:22]],
             ["Collected:", fmt_date(coll, 'dmy') + f" {r.randint(8, 12):02d}:{r.randint(0, 59):02d}",
              "Received:", fmt_date(coll, 'dmy') + f" {r.randint(13, 18):02d}:{r.randint(0, 59):02d}"]]
    tags += [None] * 3
    d.table(rows, [26, 58, 30, 52], pt=9.5, ruled=c.spec.get('ruled', False), tags=tags)
    d.line(f"Specimen: {r.choice(['Serum', 'Whole blood EDTA', 'Serum / Plasma'])}   "
           f"Clinical details: {c.scen['title'].lower()}", pt=9.5)
    d.space(3)
    tests = [("Haemoglobin", f"{r.randint(88, 120)}", "g/L", "130-180", "L"),
             ("White cell count", f"{r.uniform(4, 11):.1f}", "x10^9/L", "4.0-11.0", ""),
             ("Platelets", f"{r.randint(150, 480)}", "x10^9/L", "150-400", ""),
             ("MCV", f"{r.randint(70, 86)}", "fL", "80-100", ""),
             ("Ferritin", f"{r.randint(5, 30)}", "ug/L", "15-300", ""),
             ("Sodium", f"{r.randint(132, 145)}", "mmol/L", "133-146", ""),
             ("Potassium", f"{r.uniform(3.3, 5.6):.1f}", "mmol/L", "3.5-5.3", ""),
             ("Creatinine", f"{r.randint(58, 140)}", "umol/L", "59-104", ""),
             ("eGFR", f"{r.randint(40, 90)}", "mL/min/1.73m2", ">90", ""),
             ("CRP", f"{r.randint(1, 90)}", "mg/L", "<5", ""),
             ("ALT", f"{r.randint(10, 80)}", "U/L", "<41", ""), ("TSH", f"{r.uniform(0.4, 6.0):.2f}", "mU/L", "0.27-4.20", "")]
    out = []
    for name, v, u, rng_, fl in tests:
        try:
            lo, hi = rng_.split('-')
            fv = float(v)
            fl = "H" if fv > float(hi) else ("L" if fv < float(lo) else "")
        except ValueError:
            fl = ""
        out.append([name, v, fl, u, rng_])
    d.table([["Test", "Result", "Flag", "Units", "Reference range"]] + out, [52, 24, 14, 38, 38], pt=9.5,
            head=True, ruled=True)
    d.line([("Comment:", d.bold)], pt=9.5)
    d.para(r.choice(["Microcytic indices. Suggest iron studies if not already done.",
                     "Results telephoned to surgery. Repeat in 2 weeks suggested.",
                     "Mild renal impairment, interpret eGFR with caution."]), pt=9.5)
    d.line(f"Authorised by: {r.choice(['B. Cartwright', 'N. Delacroix', 'P. Ahmed'])} (Biomedical Scientist) "
           f"{fmt_date(c.date, 'dmy')} {r.randint(9, 20):02d}:{r.randint(0, 59):02d}", pt=9)
    d.footer = lambda i, n: [f"Report printed {fmt_date(c.date, 'DMONSP')} - FINAL REPORT - page {i} of {n}"]


def k_appointment_letter(d, c):
    r = c.r
    hospital_header(d, c, "Outpatient Appointments Centre")
    d.line(f"Date: {fmt_date(c.date, 'long')}", align='right')
    d.line(f"Hospital number: {c.p['hosp']}", align='right')
    if not c.no_nhs:
        d.line(f"{c.spec.get('nhs_label', 'NHS number:')} {c.nhs_s}", align='right', tag='nhs')
    if not c.no_dob:
        d.line(f"{c.spec.get('dob_label', 'Date of birth:')} {c.dob_s}", align='right', tag='dob')
    d.space(4)
    d.line("PRIVATE AND CONFIDENTIAL", pt=9)
    d.line(name_full(c))
    for a in c.p['addr']:
        d.line(a)
    d.space(6)
    d.line(f"Dear {c.p['title']} {c.p['sur']},")
    d.space(2)
    appt = c.date + dt.timedelta(days=r.randint(10, 40))
    d.para(f"An appointment has been made for you to see {c.cons} in the {c.scen['svc']}.")
    d.table([["Date", fmt_date(appt, 'ord')], ["Time", f"{r.randint(8, 16):02d}:{r.choice(['00', '15', '30', '45'])}"],
             ["Clinic", c.scen['svc']], ["Location", f"Outpatients {r.choice('ABCD')}, {c.hosp}"],
             ["Clinic code", f"{c.scen['spec'][:3].upper()}{r.randint(10, 99)}"]], [40, 126], pt=10.5, boldcol0=True,
            tags=[None, None, None, None, None], ruled=True)
    d.para("Please arrive 15 minutes before your appointment time and bring a list of your current medicines. "
           "If you need to change or cancel this appointment please call us on "
           f"{phone_land(r)} (Monday to Friday, 8am to 6pm) or text {phone_mob(r)}.")
    d.para("You can reach the hospital by bus routes 14 and 27. Parking is limited. If you need an interpreter "
           "or hospital transport please let us know at least 3 working days before your appointment.")
    d.line("Yours sincerely")
    d.space(6)
    d.line("Outpatient Appointments Team")
    d.footer = lambda i, n: [f"Letter ref OPA/{r.randint(10000, 99999)}  Printed {fmt_date(c.date, 'dmy')}"]


KINDS = {k[2:]: v for k, v in globals().items() if k.startswith('k_')}
DTYPE_OF = {'clinic_letter': 'clinic_letter', 'discharge_summary': 'discharge_summary', 'lab_result': 'lab_result',
            'appointment_letter': 'appointment_letter'}


# ----------------------------------------------------------------------------------------------
# degradations (all on 8-bit greyscale page images)
def A(img):
    return np.asarray(img, dtype=np.float32)


def I(a):
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), 'L')


def smooth_noise(g, shape, scale, amp=1.0):
    h, w = shape
    sh, sw = max(2, h // scale), max(2, w // scale)
    small = g.random((sh, sw)).astype(np.float32)
    return A(I(small * 255).resize((w, h), Image.BICUBIC)) / 255 * amp


def d_dot_matrix(img, pg, g, r):
    a = A(img)
    ink = np.clip((255 - a) / 255, 0, 1) > 0.35
    pitch = pg.dpi / 85.0
    yy, xx = np.mgrid[0:a.shape[0], 0:a.shape[1]]
    fy = (yy % pitch) - pitch / 2
    fx = (xx % pitch) - pitch / 2
    dots = (fx * fx + fy * fy) <= (pitch * 0.46) ** 2
    m = (ink & dots).astype(np.float32)
    m = A(I(m * 255).filter(ImageFilter.GaussianBlur(pitch * 0.18))) / 255
    wear = 0.55 + 0.25 * smooth_noise(g, a.shape, 180)      # ribbon wear
    return I(255 - 255 * np.clip(m * wear * 1.5, 0, 0.72))


def d_low_contrast(img, pg, g, r):
    a = A(img)
    return I(238 - (255 - a) * (0.42 + 0.06 * r.random()) * 238 / 255)


def d_highlighter(img, pg, g, r):
    cands = [b for t, b, tag in pg.lines if tag in ('nhs', 'ids', 'dob')] or \
            [b for t, b, tag in pg.lines if tag == 'dx'] or [b for t, b, tag in pg.lines[len(pg.lines) // 3:]]
    if not cands:
        return img, None
    x0, y0, x1, y1 = cands[0]
    h = y1 - y0
    a = A(img)
    band = np.zeros(a.shape, np.float32)
    slope = r.uniform(-0.004, 0.004)
    xs = np.arange(max(0, x0 - h // 2), min(a.shape[1], x1 + h))
    for x in xs:
        yc = int((y0 + y1) / 2 + (x - x0) * slope)
        t = max(0, yc - int(h * 0.62))
        band[t:yc + int(h * 0.62), x] = 1
    band = A(I(band * 255).filter(ImageFilter.GaussianBlur(max(1, h * 0.08)))) / 255
    streak = 0.85 + 0.15 * smooth_noise(g, a.shape, 12)
    a = a * (1 - band * 0.24 * streak)
    return I(a), None


def stamp_layer(pg, r, text_lines, box_mm=(64, 30)):
    w, h = pg.px(box_mm[0]), pg.px(box_mm[1])
    lay = Image.new('L', (w, h), 0)
    d = ImageDraw.Draw(lay)
    lw = max(2, pg.px(0.7))
    d.rounded_rectangle([lw, lw, w - lw, h - lw], radius=pg.px(3), outline=255, width=lw)
    d.rounded_rectangle([3 * lw, 3 * lw, w - 3 * lw, h - 3 * lw], radius=pg.px(2), outline=255, width=max(1, lw // 2))
    big = font('sans_b', int(h * 0.34))
    small = font('sans_b', int(h * 0.17))
    t0 = text_lines[0]
    d.text(((w - big.getlength(t0)) / 2, h * 0.12), t0, font=big, fill=255)
    y = h * 0.52
    for t in text_lines[1:]:
        d.text(((w - small.getlength(t)) / 2, y), t, font=small, fill=255)
        y += h * 0.2
    return lay


def d_received_stamp(img, pg, g, r, date):
    txt = ["RECEIVED", fmt_date(date, 'DMONSP'), r.choice(["MEDICAL RECORDS", "REFERRAL MANAGEMENT", "OUTPATIENTS"])]
    lay = stamp_layer(pg, r, txt)
    lay = lay.rotate(r.uniform(-14, 14), expand=True, resample=Image.BICUBIC)
    la = A(lay) / 255
    la = la * (smooth_noise(g, la.shape, 6) > 0.22) * (0.75 + 0.25 * smooth_noise(g, la.shape, 3))
    a = A(img)
    body = [b for t, b, tag in pg.lines if tag != 'footer']
    b = body[min(len(body) - 1, int(len(body) * r.uniform(0.2, 0.45)))]
    cy = b[1]
    cx = int(pg.W * r.uniform(0.45, 0.62))
    y0, x0 = max(0, cy - la.shape[0] // 2), max(0, cx - la.shape[1] // 2)
    y1, x1 = min(a.shape[0], y0 + la.shape[0]), min(a.shape[1], x0 + la.shape[1])
    a[y0:y1, x0:x1] *= 1 - 0.55 * la[:y1 - y0, :x1 - x0]
    return I(a), " ".join(txt)


PENCIL = ["? 2WW - booked", "seen - pls triage", "urgent, discuss at MDT", "chased by phone",
          "pt aware", "book next clinic", "scan first?", "OK to list"]


def d_pencil(img, pg, g, r, date):
    note = r.choice(PENCIL) + " " + fmt_date(date + dt.timedelta(days=r.randint(1, 6)), 'dmy2_nz')
    f = font(r.choice(['script', 'hand']), pg.px(4.6))
    w = int(f.getlength(note)) + 20
    lay = Image.new('L', (w, pg.px(8)), 0)
    ImageDraw.Draw(lay).text((10, 2), note, font=f, fill=255)
    lay = lay.rotate(r.uniform(-7, 7), expand=True, resample=Image.BICUBIC)
    la = A(lay) / 255 * (g.random((lay.size[1], lay.size[0])) > 0.3)
    a = A(img)
    body = [b for t, b, tag in pg.lines if tag != 'footer']
    b = body[min(len(body) - 1, int(len(body) * r.uniform(0.05, 0.3)))]
    x0 = int(pg.W - pg.px(12) - la.shape[1])
    y0 = max(0, b[1] - la.shape[0] // 3)
    y1, x1 = min(a.shape[0], y0 + la.shape[0]), min(a.shape[1], x0 + la.shape[1])
    a[y0:y1, x0:x1] *= 1 - 0.42 * la[:y1 - y0, :x1 - x0]
    # pencil underline under an identifier / diagnosis line
    tgt = [bb for t, bb, tag in pg.lines if tag in ('ids', 'nhs', 'dx')]
    if tgt:
        bx0, by0, bx1, by1 = tgt[0]
        im = I(a)
        dd = ImageDraw.Draw(im)
        pts = [(x, by1 + pg.px(0.8) + 2 * math.sin(x / 23.0)) for x in range(bx0, min(bx1, pg.W - 5), 6)]
        dd.line(pts, fill=150, width=max(1, pg.px(0.25)))
        a = A(im)
    return I(a), note


def back_page(dpi, key):
    r = srng("back", key)
    d = Doc(dpi, r, body=r.choice(['sans', 'serif', 'sans2']), pt=11)
    d.line([("Information for patients", d.bold)], pt=16)
    d.space(3)
    txt = ("Your appointment is important to us. If you cannot attend please let us know as soon as possible so "
           "that it can be offered to another patient. Missed appointments cost the health service money and time. "
           "Please bring your glasses, hearing aids and a list of your medicines. You may be examined by a student "
           "under supervision; you can decline without affecting your care. Car parking charges apply on all hospital "
           "sites. Concessions are available for frequent visitors. ")
    for _ in range(7):
        d.para(txt, after=4)
    return d.finish()[0].img


def d_bleed(img, pg, g, r, key):
    back = back_page(pg.dpi, key).transpose(Image.FLIP_LEFT_RIGHT).filter(ImageFilter.GaussianBlur(pg.dpi / 150))
    s = r.uniform(0.09, 0.15)
    a = A(img) - s * (255 - A(back))
    return I(a)


def d_toner(img, pg, g, r):
    a = A(img)
    H, W = a.shape
    for _ in range(r.randint(2, 4)):
        x = r.randint(int(W * 0.08), int(W * 0.92))
        w = r.randint(1, max(2, pg.px(0.9)))
        dark = r.uniform(0.25, 0.65)
        prof = np.clip(smooth_noise(g, (H, 1), 90)[:, 0] * 1.6 - 0.3, 0, 1) if r.random() < 0.6 else np.ones(H)
        a[:, x:x + w] *= (1 - dark * prof)[:, None]
        # faint halo
        a[:, max(0, x - w):x] *= (1 - 0.3 * dark * prof)[:, None]
    # random toner dust along one streak region
    n = int(H * W * 2e-5)
    ys, xs = g.integers(0, H, n), g.integers(0, W, n)
    a[ys, xs] *= 0.35
    return I(a)


def d_punch(img, pg, g, r):
    im = img.copy()
    d = ImageDraw.Draw(im)
    rad = pg.px(3)
    cx = pg.px(r.uniform(10, 12.5))
    for dy in (-40, 40):
        cy = pg.H // 2 + pg.px(dy) + r.randint(-3, 3)
        off = pg.px(0.7)
        d.ellipse([cx - rad + off, cy - rad + off, cx + rad + off, cy + rad + off], fill=150)
        d.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], fill=r.randint(25, 60))
    mask = Image.new('L', img.size, 0)
    md = ImageDraw.Draw(mask)
    for dy in (-40, 40):
        cy = pg.H // 2 + pg.px(dy)
        md.ellipse([cx - rad * 1.6, cy - rad * 1.6, cx + rad * 1.6, cy + rad * 1.6], fill=255)
    blurred = im.filter(ImageFilter.GaussianBlur(max(1, pg.px(0.2))))
    return Image.composite(blurred, img, mask.filter(ImageFilter.GaussianBlur(3)))


def d_staple_fold(img, pg, g, r):
    a = A(img)
    H, W = a.shape
    s = pg.px(r.uniform(15, 18))
    yy, xx = np.mgrid[0:s + pg.px(3), 0:s + pg.px(3)]
    sub = a[:yy.shape[0], :xx.shape[1]]
    t = xx + yy
    flap = (t >= s) & (xx < s) & (yy < s) & (t <= 2 * s)
    sub[flap] = 236 + 6 * (t[flap] - s) / s           # back of the folded flap
    sub[t < s] = 60                                    # uncovered scanner lid
    edge = (np.abs(t - s) <= max(1, pg.px(0.25)))
    sub[edge] = 90
    # shadow cast by flap outer edges
    sh = ((xx >= s) & (xx < s + pg.px(1.5)) & (yy < s)) | ((yy >= s) & (yy < s + pg.px(1.5)) & (xx < s))
    sub[sh] *= 0.82
    im = I(a)
    d = ImageDraw.Draw(im)
    # staple holes / bent staple remains
    sx, sy = int(s * 1.25), int(s * 0.55)
    L = pg.px(5)
    d.line([sx, sy, sx + L * 0.7, sy + L * 0.7], fill=45, width=max(2, pg.px(0.5)))
    d.ellipse([sx - 3, sy - 3, sx + 3, sy + 3], fill=30)
    return im


def d_curvature(img, pg, g, r):
    a = A(img)
    H, W = a.shape
    amp = pg.px(r.uniform(2.5, 4.5))
    x = np.arange(W) / W
    side = r.choice(['left', 'right'])
    t = np.clip((x - 0.6) / 0.4, 0, 1) if side == 'right' else np.clip((0.4 - x) / 0.4, 0, 1)
    off = amp * t ** 2 + pg.px(1.0) * np.sin(np.pi * x)
    ys = np.arange(H)[:, None] - off[None, :]
    y0 = np.clip(np.floor(ys).astype(int), 0, H - 1)
    y1 = np.clip(y0 + 1, 0, H - 1)
    fr = ys - np.floor(ys)
    cols = np.arange(W)[None, :]
    out = a[y0, cols] * (1 - fr) + a[y1, cols] * fr
    out[ys < 0] = 255
    out *= (1 - 0.28 * t ** 2)[None, :]
    return I(out), side


def d_skew(img, deg):
    return img.rotate(deg, resample=Image.BICUBIC, fillcolor=252)


def persp_coeffs(src, dst):
    """coefficients mapping dst (output) points -> src (input) points for PIL PERSPECTIVE"""
    M, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        M.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); B.append(u)
        M.append([0, 0, 0, x, y, 1, -v * x, -v * y]); B.append(v)
    return np.linalg.solve(np.array(M, float), np.array(B, float)).tolist()


def d_phone(img, pg, g, r):
    W, H = img.size
    CW, CH = int(W * 1.08), int(H * 1.06)
    j = lambda s: r.uniform(-s, s)
    mx, my = (CW - W) / 2, (CH - H) / 2
    dst = [(mx + j(W * .025), my + j(H * .02)), (mx + W + j(W * .025), my + j(H * .02)),
           (mx + W + j(W * .025), my + H + j(H * .02)), (mx + j(W * .025), my + H + j(H * .02))]
    src = [(0, 0), (W, 0), (W, H), (0, H)]
    co = persp_coeffs(src, dst)
    paper = I(A(img) * 0.94)
    warped = paper.transform((CW, CH), Image.PERSPECTIVE, co, resample=Image.BICUBIC, fillcolor=0)
    mask = Image.new('L', (W, H), 255).transform((CW, CH), Image.PERSPECTIVE, co, resample=Image.BILINEAR, fillcolor=0)
    desk = I(55 + 35 * smooth_noise(g, (CH, CW), 40) + 8 * smooth_noise(g, (CH, CW), 4))
    im = Image.composite(warped, desk, mask)
    a = A(im)
    yy, xx = np.mgrid[0:CH, 0:CW].astype(np.float32)
    ang = r.uniform(0, 2 * np.pi)
    grad = ((xx / CW - .5) * np.cos(ang) + (yy / CH - .5) * np.sin(ang))
    rad = ((xx / CW - .5) ** 2 + (yy / CH - .5) ** 2)
    field = 1 - 0.32 * (grad + .5) - 0.35 * rad
    # soft shadow of the phone / hand
    sh = Image.new('L', (CW, CH), 0)
    ex, ey = r.uniform(0.1, 0.9) * CW, r.choice([-0.15, 1.15]) * CH
    ImageDraw.Draw(sh).ellipse([ex - CW * .45, ey - CH * .3, ex + CW * .45, ey + CH * .3], fill=255)
    sh = A(sh.filter(ImageFilter.GaussianBlur(CW / 12))) / 255
    a = a * field * (1 - 0.25 * sh)
    a += g.normal(0, 3.0, a.shape)
    return I(a).filter(ImageFilter.GaussianBlur(0.7))


def d_uneven(img, pg, g, r):
    a = A(img)
    H, W = a.shape
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    side = r.choice(['left', 'right', 'top', 'bottom'])
    t = {'left': 1 - xx / W, 'right': xx / W, 'top': 1 - yy / H, 'bottom': yy / H}[side]
    field = 1 - 0.38 * t ** 1.6 - 0.1 * ((xx / W - .5) ** 2 + (yy / H - .5) ** 2) * 4
    return I(a * field * (0.96 + 0.04 * smooth_noise(g, a.shape, 200))), side


def d_speckle(img, pg, g, r):
    a = A(img)
    H, W = a.shape
    n = int(H * W * r.uniform(1.5e-4, 4e-4))
    ys, xs = g.integers(0, H - 3, n), g.integers(0, W - 3, n)
    sz = g.integers(1, 3, n)
    for y, x, s in zip(ys, xs, sz):
        a[y:y + s, x:x + s] = g.integers(0, 90)
    # white drop-outs inside ink
    m = g.random(a.shape) < 0.03
    a[m & (a < 128)] = 255
    return I(a)


def fax_sim(img, ydpi, g, dpi=200):
    W, H = img.size
    fw, fh = int(W * 204 / dpi), int(H * ydpi / dpi)
    small = img.resize((fw, fh), Image.BOX)
    a = A(small)
    a = np.where(a < 150, 0, 255).astype(np.float32)
    # occasional dropped / noisy scan lines
    for y in g.integers(0, fh, 6):
        a[y, :] = np.where(g.random(fw) < 0.02, 0, a[y, :]) if g.random() < 0.5 else 255
    bi = I(a).convert('1', dither=Image.NONE)
    return bi.resize((W, H), Image.NEAREST)


def jpeg_block(img, q):
    b = io.BytesIO()
    img.save(b, 'JPEG', quality=q)
    b.seek(0)
    return Image.open(b).convert('L')


def to_bilevel(img, thr=150):
    return img.point(lambda v: 255 if v >= thr else 0).convert('1', dither=Image.NONE)


# ----------------------------------------------------------------------------------------------
# the plan: one row per file
def P(dtype, kind, fmt, dpi, body, pt, deg, scen, **kw):
    return dict(dtype=dtype, kind=kind, fmt=fmt, dpi=dpi, body=body, pt=pt, deg=deg, scen=scen, **kw)


R = 'referral_letter'
PLAN = [
    P(R, 'dictated_letter', 'pdf_jpg', 300, 'serif', 11, ['skew:1.2', 'bleed_through', 'received_stamp'], 0,
      q=72, long=True, nhs_style='space', dob_style='dmy'),
    P(R, 'ers_print', 'g4', 300, 'sans', 10, ['toner_streaks', 'speckle', 'skew:-0.6'], 4, nhs_style='plain',
      dob_style='dmon'),
    P(R, 'tww_proforma', 'g4fax196', 200, 'sans', 10, ['fax_204x196', 'speckle', 'skew:0.9'], 2, nhs_style='space',
      dob_style='dmy'),
    P(R, 'soap_note', 'png', 200, 'sans2', 10, ['highlighter', 'pencil_annotation'], 8, no_dob=True,
      nhs_style='hyphen'),
    P(R, 'gp_system_printout', 'pdf_g4', 300, 'mono', 9, ['punch_holes', 'toner_streaks'], 13, long=True,
      nhs_style='space', dob_style='DMON'),
    P(R, 'short_typed_note', 'jpg', 200, 'type', 12, ['phone_photo', 'perspective', 'uneven_illumination'], 3,
      q=62, nhs_style='plain', dob_style='dot2', dob_label='D.O.B.', nhs_label='NHS no.'),
    P(R, 'ids_on_page2', 'lzw', 200, 'serif2', 11, ['bleed_through', 'staple_fold', 'skew:0.5'], 11,
      nhs_style='hyphen', dob_style='long', dob_label='Born:', nhs_label='NHS No.:'),
    P(R, 'fax_cover_letter', 'g4fax98', 200, 'sans', 10.5, ['fax_204x98', 'speckle'], 5, nhs_style='space',
      dob_style='dmy2'),
    P(R, 'handwritten_note', 'jpg', 200, 'hand', 13, ['handwriting_font', 'uneven_illumination', 'curvature'], 9,
      q=75, nhs_style='space', dob_style='dmy_nz', dob_label='DOB', nhs_label='NHS no'),
    P(R, 'logo_letterhead', 'pdf_jpg', 250, 'sans3', 10.5, ['received_stamp', 'highlighter'], 3, q=80,
      nhs_style='space', dob_style='dmon_sp'),
    P(R, 'dictated_letter', 'g4', 400, 'serif2', 11, ['punch_holes', 'speckle', 'skew:-1.5'], 1, long=True,
      nhs_style='plain', dob_style='ord'),
    P(R, 'ers_print', 'png', 150, 'thin', 10, ['thin_font', 'low_contrast'], 7, tpt=10, nhs_style='space',
      dob_style='dmon'),
    P(R, 'tww_proforma', 'pdf_jpg', 300, 'cond', 10, ['highlighter', 'pencil_annotation', 'jpeg_blocking'], 10,
      q=55, nhs_style='hyphen', dob_style='dot2'),
    P(R, 'soap_note', 'lzw', 300, 'mono', 10, ['dot_matrix_print', 'low_contrast'], 1, nhs_style='plain',
      dob_style='dmy2'),
    P(R, 'gp_system_printout', 'jpg', 200, 'cond2', 9, ['skew:1.8', 'jpeg_blocking', 'bleed_through'], 0, q=55,
      nhs_style='hyphen', dob_style='dmy'),
    P(R, 'short_typed_note', 'g4', 200, 'type', 12, ['staple_fold', 'speckle', 'thin_font'], 12,
      nhs_style='space', dob_style='dmy2', dob_label='DOB', nhs_label='NHS No'),
    P(R, 'ids_on_page2', 'pdf_g4', 300, 'sans', 10.5, ['toner_streaks', 'punch_holes'], 6, nhs_style='plain',
      dob_style='dmon2', dob_label='DOB:', nhs_label='NHS Number:'),
    P(R, 'fax_cover_letter', 'g4fax196', 200, 'serif', 11, ['fax_204x196', 'toner_streaks'], 4,
      nhs_style='hyphen', dob_style='long'),
    P(R, 'handwritten_note', 'png', 200, 'hand2', 13, ['handwriting_font', 'bleed_through', 'skew:-1.0'], 11,
      nhs_style='plain', dob_style='dot2', dob_label='d.o.b.', nhs_label='NHS:'),
    P(R, 'logo_letterhead', 'lzw', 300, 'serif3', 10, ['staple_fold', 'received_stamp'], 9, nhs_style='space',
      dob_style='dmy', dob_label='D.O.B.', nhs_label='NHS No.'),
    P(R, 'dictated_letter', 'jpg', 300, 'serif', 11, ['phone_photo', 'perspective', 'uneven_illumination',
                                                      'curvature'], 9, q=80, nhs_style='hyphen',
      dob_style='dmon_sp'),
    P(R, 'ers_print', 'pdf_g4', 300, 'sans2', 9.5, ['speckle', 'skew:0.4'], 6, long=True, tpt=9.5,
      nhs_style='space', dob_style='dmy', date_style='dmy'),
    P(R, 'tww_proforma', 'png', 250, 'sans', 10, ['punch_holes', 'pencil_annotation', 'skew:-0.8'], 5,
      nhs_style='plain', dob_style='DMON'),
    P(R, 'soap_note', 'g4', 300, 'thin', 10, ['thin_font', 'speckle'], 2, nhs_style='space', dob_style='ord'),
    P(R, 'gp_system_printout', 'lzw', 200, 'mono2', 9, ['dot_matrix_print', 'punch_holes'], 10, long=True,
      nhs_style='plain', dob_style='dmy'),
    P(R, 'short_typed_note', 'pdf_png', 200, 'mono', 11, ['received_stamp', 'skew:2.0'], 8, no_nhs=True,
      dob_style='dmy', dob_label='DOB:'),
    P(R, 'dictated_letter', 'png', 300, 'sans', 10.5, ['highlighter', 'toner_streaks'], 13, nhs_style='space',
      dob_style='dot'),
    P(R, 'fax_cover_letter', 'pdf_g4', 200, 'cond', 11, ['fax_204x98', 'speckle'], 0, long=True,
      nhs_style='plain', dob_style='dmy2_nz'),
    P(R, 'ers_print', 'jpg', 300, 'sans3', 10, ['phone_photo', 'perspective', 'uneven_illumination',
                                                'jpeg_blocking'], 2, q=50, tpt=10, nhs_style='hyphen',
      dob_style='long'),
    P(R, 'gp_system_printout', 'pdf_jpg', 250, 'cond', 9, ['bleed_through', 'curvature', 'skew:-1.3'], 7, q=70,
      long=True, nhs_style='space', dob_style='dmon'),
    P('clinic_letter', 'clinic_letter', 'pdf_jpg', 300, 'serif', 11, ['punch_holes', 'pencil_annotation'], 9,
      q=78, long=True, nhs_style='space', dob_style='dmy'),
    P('clinic_letter', 'clinic_letter', 'g4', 300, 'sans', 10.5, ['toner_streaks', 'skew:1.1'], 3,
      nhs_style='plain', dob_style='dmon'),
    P('clinic_letter', 'clinic_letter', 'png', 200, 'serif3', 10.5, ['uneven_illumination', 'highlighter'], 11,
      nhs_style='hyphen', dob_style='long'),
    P('discharge_summary', 'discharge_summary', 'pdf_g4', 300, 'sans2', 10, ['staple_fold', 'speckle'], 1,
      nhs_style='space', dob_style='dmy'),
    P('discharge_summary', 'discharge_summary', 'lzw', 250, 'cond', 10, ['bleed_through', 'low_contrast',
                                                                         'skew:-0.7'], 4,
      nhs_style='plain', dob_style='dmy2'),
    P('lab_result', 'lab_result_table', 'g4fax196', 200, 'mono', 9.5, ['fax_204x196', 'speckle'], 0,
      nhs_style='plain', dob_style='dmy', ruled=True),
    P('lab_result', 'lab_result_table', 'jpg', 300, 'sans', 10, ['phone_photo', 'perspective',
                                                                 'uneven_illumination'], 13, q=70,
      nhs_style='space', dob_style='DMON', dob_label='D.O.B.', nhs_label='NHS No:'),
    P('lab_result', 'lab_result_table', 'png', 300, 'mono2', 9.5, ['dot_matrix_print', 'received_stamp'], 5,
      nhs_style='hyphen', dob_style='dmon2', dob_label='Born:', nhs_label='NHS no:'),
    P('appointment_letter', 'appointment_letter', 'jpg', 200, 'sans', 10.5, ['skew:0.3', 'highlighter'], 8,
      q=85, no_dob=True, nhs_style='space'),
    P('appointment_letter', 'appointment_letter', 'pdf_g4', 300, 'serif', 11, ['punch_holes', 'staple_fold'], 6,
      nhs_style='hyphen', dob_style='dmy', nhs_label='NHS No.', dob_label='DOB'),
]
KIND_FN = {'lab_result_table': 'lab_result'}


def build(n, spec):
    c = context(n, spec)
    r = c.r
    d = Doc(spec['dpi'], srng("layout", n), body=spec['body'], pt=spec['pt'])
    KINDS[KIND_FN.get(spec['kind'], spec['kind'])](d, c)
    pages = d.finish()
    g = nrng("deg", n)
    rd = srng("deg", n)
    overlay = []
    out = []
    degs = spec['deg']
    detail = []
    for i, pg in enumerate(pages):
        im = pg.img
        first = i == 0
        if 'dot_matrix_print' in degs:
            im = d_dot_matrix(im, pg, g, rd)
        if 'low_contrast' in degs:
            im = d_low_contrast(im, pg, g, rd)
        if 'highlighter' in degs and any(tag in ('nhs', 'ids', 'dob', 'dx') for _, _, tag in pg.lines):
            im, _ = d_highlighter(im, pg, g, rd)
        if 'received_stamp' in degs and first:
            im, t = d_received_stamp(im, pg, g, rd, c.date + dt.timedelta(days=rd.randint(1, 5)))
            overlay.append(t)
        if 'pencil_annotation' in degs and first:
            im, t = d_pencil(im, pg, g, rd, c.date)
            overlay.append(t)
        if 'bleed_through' in degs:
            im = d_bleed(im, pg, g, rd, f"{n}-{i}")
        if 'toner_streaks' in degs:
            im = d_toner(im, pg, nrng("toner", n), rd)       # same streak positions on every page
        if 'punch_holes' in degs:
            im = d_punch(im, pg, g, rd)
        if 'staple_fold' in degs and first:
            im = d_staple_fold(im, pg, g, rd)
        if 'curvature' in degs:
            im, side = d_curvature(im, pg, g, rd)
        for dg in degs:
            if dg.startswith('skew:'):
                im = d_skew(im, float(dg[5:]) * (1 if i % 2 == 0 else -0.6))
        if 'phone_photo' in degs:
            im = d_phone(im, pg, g, rd)
        elif 'uneven_illumination' in degs:
            im, side = d_uneven(im, pg, g, rd)
        if 'speckle' in degs:
            im = d_speckle(im, pg, g, rd)
        if 'jpeg_blocking' in degs:
            im = jpeg_block(im, rd.randint(12, 22))
        out.append(im)
    return c, pages, out, overlay


def fix_pdf_id(path):
    """img2pdf/pikepdf write a random trailer /ID; replace it (same length) by a content hash."""
    import re
    b = open(path, 'rb').read()
    pat = re.compile(rb'/ID \[<([0-9a-f]{32})><([0-9a-f]{32})>\]')
    zero = pat.sub(b'/ID [<' + b'0' * 32 + b'><' + b'0' * 32 + b'>]', b)
    h = hashlib.md5(zero).hexdigest().encode()
    out = pat.sub(b'/ID [<' + h + b'><' + h + b'>]', b)
    assert len(out) == len(b)
    open(path, 'wb').write(out)


def tiff_rewrite(path, comp):
    """re-write through libtiff's tiffcp so that no uninitialised padding bytes remain (reproducible bytes)"""
    import subprocess
    tmp = path + '.tmp'
    os.replace(path, tmp)
    subprocess.run(['tiffcp', '-c', comp, tmp, path], check=True)
    os.remove(tmp)


def encode(path_noext, spec, imgs, n):
    path = _encode(path_noext, spec, imgs, n)
    if path.endswith('.pdf'):
        fix_pdf_id(path)
    elif path.endswith('.tif'):
        tiff_rewrite(path, 'lzw' if spec['fmt'] == 'lzw' else 'g4')
    return path


def _encode(path_noext, spec, imgs, n):
    fmt, dpi = spec['fmt'], spec['dpi']
    g = nrng("enc", n)
    if fmt in ('g4', 'g4fax196', 'g4fax98', 'pdf_g4'):
        if 'fax_204x196' in spec['deg']:
            bis = [fax_sim(im, 196, g, dpi) for im in imgs]
        elif 'fax_204x98' in spec['deg']:
            bis = [fax_sim(im, 98, g, dpi) for im in imgs]
        else:
            thr = 175 if any(x in spec['deg'] for x in ('thin_font', 'low_contrast')) else 150
            bis = [to_bilevel(im, thr) for im in imgs]
        if fmt == 'pdf_g4':
            bufs = []
            for b in bis:
                bb = io.BytesIO()
                b.save(bb, 'TIFF', compression='group4', dpi=(dpi, dpi))
                bufs.append(bb.getvalue())
            path = path_noext + '.pdf'
            with open(path, 'wb') as f:
                f.write(img2pdf.convert(bufs, nodate=True))
            return path
        path = path_noext + '.tif'
        bis[0].save(path, compression='group4', dpi=(dpi, dpi), save_all=True, append_images=bis[1:])
        return path
    if fmt == 'lzw':
        path = path_noext + '.tif'
        imgs[0].save(path, compression='tiff_lzw', dpi=(dpi, dpi), save_all=True, append_images=imgs[1:])
        return path
    if fmt == 'png':
        assert len(imgs) == 1
        path = path_noext + '.png'
        imgs[0].save(path, optimize=True, dpi=(dpi, dpi))
        return path
    if fmt == 'jpg':
        assert len(imgs) == 1
        path = path_noext + '.jpg'
        imgs[0].save(path, 'JPEG', quality=spec['q'], dpi=(dpi, dpi))
        return path
    if fmt in ('pdf_jpg', 'pdf_png'):
        bufs = []
        for im in imgs:
            bb = io.BytesIO()
            if fmt == 'pdf_jpg':
                im.save(bb, 'JPEG', quality=spec['q'], dpi=(dpi, dpi))
            else:
                im.save(bb, 'PNG', optimize=True, dpi=(dpi, dpi))
            bufs.append(bb.getvalue())
        path = path_noext + '.pdf'
        with open(path, 'wb') as f:
            f.write(img2pdf.convert(bufs, nodate=True))
        return path
    raise ValueError(fmt)


FMT_DESC = {'g4': 'TIFF bilevel CCITT Group 4', 'g4fax196': 'TIFF bilevel CCITT G4, via fax 204x196 then resampled',
            'g4fax98': 'TIFF bilevel CCITT G4, via fax 204x98 then resampled', 'lzw': 'TIFF greyscale LZW',
            'png': 'PNG greyscale', 'jpg': 'JPEG greyscale', 'pdf_jpg': 'PDF, image-only, JPEG greyscale pages',
            'pdf_g4': 'PDF, image-only, CCITT G4 bilevel pages', 'pdf_png': 'PDF, image-only, Flate greyscale pages'}


def main():
    man = []
    for idx, spec in enumerate(PLAN):
        n = idx + 1
        c, pages, imgs, overlay = build(n, spec)
        base = os.path.join(OUT, f"doc{n:02d}")
        path = encode(base, spec, imgs, n)
        gt = gt_text(pages)
        with open(base + '.gt.txt', 'w', encoding='utf-8') as f:
            f.write(gt)
        nhs = None if c.no_nhs else c.p['nhs']
        dob = None if c.no_dob else c.p['dob'].isoformat()
        if nhs:
            assert nhs_valid(nhs) and nhs.startswith('999')
            assert c.nhs_s in gt, (n, c.nhs_s)
        if dob:
            assert c.dob_s in gt or c.dob_s.upper() in gt, (n, c.dob_s)
        if spec['kind'] == 'ids_on_page2':
            p1 = gt.split('\f')[0]
            assert c.nhs_s not in p1 and c.dob_s not in p1
        degs = [x.replace('skew:', 'skew_') + ('deg' if x.startswith('skew:') else '') for x in spec['deg']]
        if spec['fmt'] in ('jpg', 'pdf_jpg'):
            degs.append(f"jpeg_q{spec['q']}")
        man.append(dict(file=os.path.basename(path), document_type=spec['dtype'], kind=spec['kind'],
                        pages=len(pages), nhs_number=nhs, date_of_birth=dob,
                        nhs_as_printed=None if c.no_nhs else c.nhs_s,
                        dob_as_printed=None if c.no_dob else (c.dob_s.upper() if spec['body'] == 'hand' else c.dob_s), degradations=degs,
                        format=FMT_DESC[spec['fmt']], dpi=spec['dpi'],
                        fonts=sorted({os.path.basename(F[spec['body']]),
                                      os.path.basename(F[spec['body'] + '_b' if spec['body'] + '_b' in F else spec['body']])}),
                        overlay_text_not_in_gt=overlay or None))
        print(n, path, len(pages), os.path.getsize(path))
    with open(os.path.join(OUT, 'manifest.jsonl'), 'w') as f:
        for m in man:
            f.write(json.dumps(m) + "\n")
    write_readme(man)
    files = sorted([m['file'] for m in man] + [m['file'].rsplit('.', 1)[0] + '.gt.txt' for m in man] +
                   ['manifest.jsonl', 'make_set.py', 'README.md'])
    with open(os.path.join(OUT, 'SHA256SUMS'), 'w') as f:
        for fn in files:
            f.write(hashlib.sha256(open(os.path.join(OUT, fn), 'rb').read()).hexdigest() + "  " + fn + "\n")


README_HEAD = r'''# OCR evaluation set 4 - scanned NHS paper documents (sealed)

40 files / 55 pages of fictional NHS paper documents (30 referral letters in ten layouts, plus clinic letters,
discharge summaries, lab results and appointment letters) rendered as a hospital records team would scan them,
each with exact ground truth. Everything (people, addresses, practices, trusts, numbers) is invented:
NHS numbers are in the 999 test range with valid modulus-11 check digits, postcodes use the non-existent
"ZX" area, phone numbers are from the Ofcom drama ranges 01632 960xxx and 07700 900xxx.
No OCR was run on the set to tune it; the only check made was that every file opens with the expected page count.

## Files

- `docNN.<ext>` - the scan (`.tif`, `.png`, `.jpg`, `.pdf`).
- `docNN.gt.txt` - UTF-8 ground truth: the printed text in reading order, one printed line per text line
  (wrapping as rendered). Pages are separated by a line holding a single form feed (`\f`).
  Conventions: table rows are one line, cells joined by a single space, read row by row, left to right;
  tick-box graphics are not text (only their labels are in the GT); the text in the drawn "NHS" logo box is
  included as `NHS`; page headers/footers (fax header lines, "Page 1 of 2", print stamps) are included.
  Overlay marks added as degradations - the RECEIVED rubber stamp and pencil notes - are NOT in the GT; their
  text is listed in the manifest field `overlay_text_not_in_gt`. Text in the Humor Sans handwriting font is
  recorded in capitals because that font has capital glyphs only.
- `manifest.jsonl` - one JSON object per file: `file`, `document_type` (referral_letter | clinic_letter |
  discharge_summary | lab_result | appointment_letter), `kind` (layout), `pages`, `nhs_number` (10 digits or null),
  `date_of_birth` (YYYY-MM-DD or null), `nhs_as_printed`, `dob_as_printed` (exact strings as on the page, primary
  occurrence), `degradations`, plus `format`, `dpi`, `fonts`, `overlay_text_not_in_gt`.
- `make_set.py` - the deterministic generator (all randomness from string-seeded `random.Random` and numpy
  generators seeded with SHA-256 of a string). Re-running it rewrites the whole set identically on the same
  package versions.
- `SHA256SUMS` - checksums of every file above (`sha256sum -c SHA256SUMS`).

## Tool chain

Debian 12 packages only: python3 3.11, python3-pil 9.4.0 (rendering, TIFF G4/LZW, PNG, JPEG via libtiff/libjpeg),
python3-numpy 1.24.2 (degradations), python3-img2pdf 0.4.4 (image-only PDFs: JPEG pages embedded as DCT,
bilevel pages as CCITT G4, PNG pages as Flate), ghostscript 10.0.0 (only to check PDF page counts),
fonts-liberation, fonts-dejavu, fonts-freefont-ttf, fonts-urw-base35, fonts-comic-neue, fonts-humor-sans.

Fonts used: Liberation Serif/Sans/Sans Narrow/Mono, DejaVu Serif/Sans/Sans Condensed/Sans Mono/Sans ExtraLight,
URW C059 and Nimbus Sans, FreeMono (thin typewriter), Humor Sans and Comic Neue (handwriting style),
URW Z003 (pencil notes). Body sizes 9-13 pt (handwriting 13 pt), headings up to 16 pt, fax cover 40 pt.

## Layouts (kind)

Referral letters: `dictated_letter` (practice letterhead, recipient block, Re: line, lists),
`ers_print` (e-Referral Service print, ruled label/value tables, UBRN), `tww_proforma` (two-week-wait form with
tick boxes, ruled patient table, WHO status), `soap_note` (S/O/A/P consultation record), `gp_system_printout`
(GP system summary with ruled demographics/problems/medication/results tables, then the referral text),
`short_typed_note` (typewriter memo), `ids_on_page2` (2-page letter whose patient identifiers appear only in a
details block on page 2), `fax_cover_letter` (fax cover sheet + letter, fax header line on every page),
`handwritten_note` (printed letterhead, handwriting-font body with per-word baseline jitter),
`logo_letterhead` (large shaded letterhead band with emblem and NHS logo box, identifiers in a ruled table).
Others: `clinic_letter`, `discharge_summary` (2 pages, tables), `lab_result_table` (ruled results table with
flags and reference ranges), `appointment_letter` (identifiers right-aligned, appointment table).

Distractors on the pages: letter, clinic, dictation, typing, collection, received, print and review dates;
hospital numbers, lab numbers, practice codes, UBRNs (12 digits in 4-4-4), bleep numbers, lab values,
01632 960xxx / 07700 900xxx phone and fax numbers, the stamp and pencil dates.

## Degradations (names used in the manifest)

- `toner_streaks` - vertical photocopier streaks (1-4, partly fading) plus toner dust; same positions on every page.
- `punch_holes` - two filing-punch hole shadows in the left margin, 80 mm apart.
- `staple_fold` - top-left corner folded over at a staple: dark uncovered triangle, flap, fold line, staple mark.
- `pencil_annotation` - light, broken pencil note (Z003 / Humor Sans) near or over text, pencil underline.
- `received_stamp` - rotated, patchy "RECEIVED <date> <department>" rubber stamp over text.
- `highlighter` - translucent marker band over an identifier / diagnosis line.
- `uneven_illumination` - lighting gradient and vignette (page photographed or scanned with lid open).
- `phone_photo` + `perspective` - page photographed on a desk: perspective warp, desk border, shadow, sensor noise, blur.
- `curvature` - page curl near one edge (row displacement growing toward the edge) with edge shading.
- `skew_Xdeg` - rotation by X degrees (even pages X, odd pages -0.6X); all within 2 degrees.
- `bleed_through` - mirrored, blurred text of a reverse-side leaflet at 9-15 % strength.
- `dot_matrix_print` - text re-drawn as a grid of dots with ribbon wear (low contrast).
- `low_contrast` - ink compressed to 40-50 % contrast on grey paper.
- `thin_font` - DejaVu Sans ExtraLight or FreeMono thin strokes.
- `speckle` - random black specks and white drop-outs in the ink.
- `jpeg_blocking` - an earlier heavy JPEG pass (q 12-22) before the final save; `jpeg_qNN` gives the final quality.
- `fax_204x196` / `fax_204x98` - page sampled to the fax grid (204x196 or 204x98 dpi), thresholded, scan-line
  drop-outs, then resampled (nearest) back to 200 dpi square pixels and stored as CCITT G4.
- `handwriting_font` - body in a handwriting-style font.
'''


def write_readme(man):
    from collections import Counter
    L = [README_HEAD.rstrip(), "", "## Counts", ""]
    L.append(f"Files: {len(man)}; pages: {sum(m['pages'] for m in man)}; "
             f"multi-page files: {sum(m['pages'] > 1 for m in man)}.")
    L.append("")
    L.append("| document_type | files | pages |")
    L.append("| --- | --- | --- |")
    for k, v in sorted(Counter(m['document_type'] for m in man).items()):
        L.append(f"| {k} | {v} | {sum(m['pages'] for m in man if m['document_type'] == k)} |")
    L += ["", "| kind | files | document_type |", "| --- | --- | --- |"]
    for k, v in sorted(Counter(m['kind'] for m in man).items()):
        L.append(f"| {k} | {v} | {next(m['document_type'] for m in man if m['kind'] == k)} |")
    L += ["", "| container / encoding | files |", "| --- | --- |"]
    for k, v in sorted(Counter(m['format'] for m in man).items()):
        L.append(f"| {k} | {v} |")
    L += ["", f"NHS number null: {', '.join(m['file'] for m in man if m['nhs_number'] is None)}; "
              f"date of birth null: {', '.join(m['file'] for m in man if m['date_of_birth'] is None)}.", "",
          "## Per file", "",
          "| file | type | kind | pages | dpi | encoding | NHS as printed | DOB as printed | degradations | fonts |",
          "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for m in man:
        L.append(f"| {m['file']} | {m['document_type']} | {m['kind']} | {m['pages']} | {m['dpi']} | {m['format']} | "
                 f"{m['nhs_as_printed'] or '(none)'} | {m['dob_as_printed'] or '(none)'} | "
                 f"{', '.join(m['degradations'])} | {', '.join(m['fonts'])} |")
    L += ["", "Overlay marks (not part of the ground truth):", ""]
    for m in man:
        if m['overlay_text_not_in_gt']:
            L.append(f"- {m['file']}: " + " / ".join(m['overlay_text_not_in_gt']))
    with open(os.path.join(OUT, 'README.md'), 'w') as f:
        f.write("\n".join(L) + "\n")


if __name__ == '__main__':
    main()
