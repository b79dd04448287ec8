#!/usr/bin/python3
"""make_set.py - generator for the sealed OCR evaluation set "ocr13".

Fictional NHS paper documents, laid out with Qt 5 (PyQt5: QTextLayout, QPainter,
QPainterPath, QTransform), aged and "scanned" with numpy only, encoded with
Qt's image writers, libtiff's tiffcp (CCITT G3/G4, multi-page TIFF), QPdfWriter
and a small hand-written PDF writer.  All randomness is string-seeded; a rerun
gives byte-identical files.

Usage:  /usr/bin/python3 make_set.py [--out DIR]
Run with the Debian python3 (python3-pyqt5, python3-numpy); QT_QPA_PLATFORM is
forced to "offscreen".
"""
import os, sys, io, re, json, math, time, zlib, random, hashlib, shutil, tempfile, subprocess, datetime
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
os.environ['TZ'] = 'UTC'
if 'XDG_RUNTIME_DIR' not in os.environ:
    os.environ['XDG_RUNTIME_DIR'] = tempfile.mkdtemp(prefix='ocr13_xdg_')
time.tzset()
import numpy as np
from PyQt5.QtCore import Qt, QPointF, QRectF, QRect, QSizeF, QBuffer, QByteArray, QIODevice, QMarginsF
from PyQt5.QtGui import (QGuiApplication, QImage, QPainter, QFont, QFontMetricsF, QFontInfo, QTextLayout,
                         QTextOption, QColor, QPen, QBrush, QPainterPath, QTransform, QPolygonF,
                         QRadialGradient, QLinearGradient, QImageWriter, QImageReader, QPdfWriter, QPageSize)

APP = QGuiApplication(sys.argv[:1])
SET = 'ocr13'

# ----------------------------------------------------------------------------------------------
# deterministic, string-seeded randomness
# ----------------------------------------------------------------------------------------------
def seed_of(*parts):
    return int.from_bytes(hashlib.sha256(':'.join(str(p) for p in (SET,) + parts).encode()).digest()[:8], 'big')

def rng_py(*parts):
    return random.Random(seed_of(*parts))

def rng_np(*parts):
    return np.random.default_rng(seed_of(*parts))

# ----------------------------------------------------------------------------------------------
# fictional identifiers
# ----------------------------------------------------------------------------------------------
def nhs_check(d9):
    s = sum(int(c) * w for c, w in zip(d9, range(10, 1, -1)))
    c = 11 - s % 11
    if c == 11:
        c = 0
    return None if c == 10 else c

def nhs_valid(n):
    return len(n) == 10 and n.isdigit() and nhs_check(n[:9]) == int(n[9])

def make_nhs(r):
    while True:
        d9 = '999' + ''.join(str(r.randrange(10)) for _ in range(6))
        c = nhs_check(d9)
        if c is not None:
            return d9 + str(c)

def make_non_nhs10(r, prefix=''):
    """A 10-digit number that is NOT a valid NHS number (distractor)."""
    while True:
        s = prefix + ''.join(str(r.randrange(10)) for _ in range(10 - len(prefix)))
        if not nhs_valid(s):
            return s

def fmt_nhs(n, style):
    if style == 'spaced':
        return f'{n[:3]} {n[3:6]} {n[6:]}'
    if style == 'plain':
        return n
    if style == 'hyphen':
        return f'{n[:3]}-{n[3:6]}-{n[6:]}'
    if style == 'boxes':
        return ' '.join(n)
    raise ValueError(style)

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December']
DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

def ordinal(n):
    return str(n) + ('th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th'))

def fmt_date(d, style):
    m3 = MONTHS[d.month - 1][:3]
    return {
        'dmy/': f'{d.day:02d}/{d.month:02d}/{d.year}',
        'dmy/short': f'{d.day:02d}/{d.month:02d}/{d.year % 100:02d}',
        'dmy/nopad': f'{d.day}/{d.month}/{d.year % 100:02d}',
        'dmy.': f'{d.day:02d}.{d.month:02d}.{d.year % 100:02d}',
        'dmy.long': f'{d.day:02d}.{d.month:02d}.{d.year}',
        'd Month y': f'{d.day} {MONTHS[d.month - 1]} {d.year}',
        'dth Month y': f'{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}',
        'd-Mon-y': f'{d.day:02d}-{m3}-{d.year}',
        'd Mon y': f'{d.day:02d} {m3} {d.year}',
        'D MON Y': f'{d.day:02d} {m3.upper()} {d.year}',
        'DMONY': f'{d.day:02d}{m3.upper()}{d.year}',
        'iso': d.isoformat(),
        'day d Month y': f'{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}',
        'd-Mon-yy': f'{d.day:02d}-{m3}-{d.year % 100:02d}',
    }[style]

def rand_date(r, y0, y1):
    a = datetime.date(y0, 1, 1).toordinal()
    b = datetime.date(y1, 12, 31).toordinal()
    return datetime.date.fromordinal(r.randint(a, b))

def add_days(d, n):
    return d + datetime.timedelta(days=n)

def phone(r):
    return f'01632 960{r.randrange(1000):03d}'

def postcode(r):
    L = 'ABDEFGHJLNPQRSTUWXYZ'
    return f'ZX{r.randint(1, 19)} {r.randint(1, 9)}{r.choice(L)}{r.choice(L)}'

def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))

# ----------------------------------------------------------------------------------------------
# fictional people, places and clinical stories
# ----------------------------------------------------------------------------------------------
FIRST_M = ['John', 'David', 'Peter', 'Michael', 'Alan', 'Graham', 'Kevin', 'Rajesh', 'Tomasz', 'Stephen', 'Brian',
           'Colin', 'Derek', 'Imran', 'Neil', 'Trevor', 'Gareth', 'Oluwaseun', 'Dennis', 'Keith', 'Liam', 'Harold']
FIRST_F = ['Margaret', 'Susan', 'Patricia', 'Janet', 'Linda', 'Aisha', 'Helen', 'Deborah', 'Gillian', 'Karen',
           'Priya', 'Elaine', 'Beverley', 'Agnieszka', 'Doreen', 'Sandra', 'Fiona', 'Joan', 'Nkechi', 'Wendy', 'Sophie']
SURNAMES = ['Ashworth', 'Bramley', 'Calloway', 'Dunmore', 'Ellison', 'Fairbairn', 'Garside', 'Hollings', 'Iqbal',
            'Jessop', 'Kowalczyk', 'Lowther', 'Marsden', 'Nuttall', 'Okonkwo', 'Pemberton', 'Quigley', 'Rowntree',
            'Sutcliffe', 'Thackeray', 'Umerah', 'Varley', 'Whitworth', 'Yardley', 'Ackroyd', 'Birtwistle', 'Cheetham',
            'Denholm', 'Entwistle', 'Fothergill', 'Greenhalgh', 'Haworth', 'Illingworth', 'Kershaw', 'Lumb', 'Mistry',
            'Naylor', 'Ormerod', 'Pickles', 'Ramsbottom', 'Schofield', 'Tattersall', 'Wadsworth', 'Brearley', 'Cawthorne']
STREETS = ['Larch Close', 'Mill Lane', 'Station Road', 'Quarry Bank', 'Holly Grove', 'Ferncliffe Drive',
           'Chapel Street', 'Weavers Row', 'Orchard Way', 'Beck Side', 'Moorland View', 'Tanner Street',
           'Canal Walk', 'Rookery Lane', 'Heath Crescent', 'Sycamore Avenue', 'Foundry Court', 'Kiln Hill']
TOWNS = ['Zedbury', 'Harrowfield', 'Oxley Magna', 'Westcombe', 'Little Ambridge', 'Copperthwaite', 'Norbeck',
         'Saltmarsh', 'Kelby Bridge', 'Ashby Fold']
COUNTY = 'Zedshire'
PRACTICES = [('Riverside Medical Centre', '2 Wharf Street', 'Zedbury'),
             ('The Old Forge Surgery', 'Forge Lane', 'Oxley Magna'),
             ('Harrowfield Health Centre', 'Market Place', 'Harrowfield'),
             ('Beckside Family Practice', '17 Beck Side', 'Norbeck'),
             ('Westcombe Group Practice', 'Park Road', 'Westcombe'),
             ('Kelby Bridge Surgery', '1 Toll House Lane', 'Kelby Bridge'),
             ('Copperthwaite Medical Practice', 'The Green', 'Copperthwaite'),
             ('Saltmarsh & District Surgery', 'Sea View Road', 'Saltmarsh'),
             ('Ashby Fold Medical Group', '44 Mill Lane', 'Ashby Fold'),
             ('Moorside Surgery', 'Moorside Road', 'Zedbury')]
GP_NAMES = ['A. Okafor', 'R. Pennington', 'S. Chaudhry', 'H. MacLeod', 'J. Whitaker', 'M. Oyelaran', 'K. Brennan',
            'L. Thistlethwaite', 'P. Ramaswamy', 'E. Hargreaves', 'T. Nakamura', 'C. Doherty', 'F. Abernethy',
            'N. Oduya', 'G. Sowerby']
HOSPITALS = [('Zedbury General Hospital', 'Infirmary Road', 'Zedbury'),
             ("St Aldric's Hospital", 'Aldric Way', 'Harrowfield'),
             ('Westcombe Community Hospital', 'Hospital Lane', 'Westcombe')]
TRUSTS = ['Zedshire Hospitals NHS Foundation Trust', 'Zedshire Community Health NHS Trust',
          'North Zedshire Teaching Hospitals NHS Trust']
CONSULTANTS = ['Dr M. Fairclough', 'Mr D. Abiodun', 'Dr S. Lindqvist', 'Miss R. Castellano', 'Dr P. Venkatesh',
               'Mr J. Holroyd', 'Dr A. Szymanski', 'Dr C. Eze', 'Mrs L. Grimshaw', 'Dr K. Halloran']

SCENARIOS = [
    dict(sp='Cardiology', clinic='Rapid Access Chest Pain Clinic', sex=None, urg='Urgent',
         complaint='a two month history of central chest tightness on exertion',
         hist=['The tightness comes on after walking about 200 yards uphill and settles within five minutes of rest.',
               'There is no pain at rest and no syncope. He is an ex-smoker of 30 pack years.'],
         exam='BP 152/90, pulse 78 regular, heart sounds normal, chest clear, no ankle oedema',
         inv='ECG shows sinus rhythm with non-specific T wave flattening in V5-V6. Cholesterol 6.8 mmol/L.',
         req='I would be grateful if you could assess him for possible stable angina.',
         pmh=['Hypertension', 'Hypercholesterolaemia', 'Gout'],
         meds=['Amlodipine 5mg once daily', 'Atorvastatin 20mg at night', 'Aspirin 75mg once daily'],
         tests=[('Cholesterol', '6.8', 'mmol/L', '< 5.0', 'H'), ('HDL cholesterol', '0.9', 'mmol/L', '> 1.0', 'L'),
                ('Troponin T', '6', 'ng/L', '< 14', ''), ('Creatinine', '88', 'umol/L', '59 - 104', '')]),
    dict(sp='Gastroenterology', clinic='Lower GI Two Week Wait', sex=None, urg='2WW',
         complaint='iron deficiency anaemia and six kilograms of unintentional weight loss',
         hist=['Over the last three months there has been a change in bowel habit to looser stools.',
               'There is no rectal bleeding that the patient has noticed. FIT result 142 ug Hb/g.'],
         exam='abdomen soft, non-tender, no masses palpable, rectal examination normal',
         inv='Hb 98 g/L, MCV 71 fL, ferritin 8 ug/L. Coeliac serology negative.',
         req='Please see urgently under the suspected lower GI cancer pathway.',
         pmh=['Type 2 diabetes', 'Osteoarthritis of both knees'],
         meds=['Metformin 500mg twice daily', 'Ferrous fumarate 210mg twice daily', 'Paracetamol 1g four times daily when required'],
         tests=[('Haemoglobin', '98', 'g/L', '130 - 180', 'L'), ('MCV', '71', 'fL', '80 - 100', 'L'),
                ('Ferritin', '8', 'ug/L', '30 - 400', 'L'), ('Platelets', '412', '10*9/L', '150 - 400', 'H')]),
    dict(sp='Dermatology', clinic='Skin Cancer Two Week Wait', sex=None, urg='2WW',
         complaint='a changing pigmented lesion on the left calf',
         hist=['The lesion has been present for years but has enlarged and darkened over the last four months.',
               'It measures 8 mm with an irregular border and two colours on dermoscopy.'],
         exam='8 mm asymmetrical pigmented macule left posterior calf, no palpable nodes',
         inv='Photographs have been uploaded with this referral.',
         req='I would be grateful for your urgent assessment to exclude melanoma.',
         pmh=['Basal cell carcinoma excised 2016', 'Hypothyroidism'],
         meds=['Levothyroxine 75 micrograms once daily'],
         tests=[('TSH', '2.1', 'mU/L', '0.3 - 4.2', ''), ('Free T4', '15.3', 'pmol/L', '12 - 22', '')]),
    dict(sp='Orthopaedics', clinic='Knee Clinic', sex=None, urg='Routine',
         complaint='worsening right knee pain despite a full course of physiotherapy',
         hist=['Night pain now disturbs sleep most nights and walking is limited to about half a mile.',
               'X-ray shows marked medial joint space narrowing with osteophytes.'],
         exam='varus alignment, effusion, crepitus, range 5 to 95 degrees',
         inv='BMI 31. HbA1c 44 mmol/mol.',
         req='Please consider for total knee replacement.',
         pmh=['Osteoarthritis', 'Hypertension', 'Obesity'],
         meds=['Naproxen 500mg twice daily', 'Omeprazole 20mg once daily', 'Ramipril 5mg once daily'],
         tests=[('HbA1c', '44', 'mmol/mol', '20 - 41', 'H'), ('eGFR', '72', 'mL/min', '> 60', '')]),
    dict(sp='Respiratory', clinic='Respiratory Clinic', sex=None, urg='Routine',
         complaint='a persistent cough for ten weeks with breathlessness on exertion',
         hist=['The cough is productive of white sputum in the mornings. There has been no haemoptysis.',
               'Chest X-ray on 2 February was reported as showing hyperinflation only.'],
         exam='scattered wheeze bilaterally, oxygen saturation 94 percent on air',
         inv='Spirometry FEV1 1.62 L (58 percent predicted), FEV1/FVC 0.61.',
         req='Grateful for your opinion regarding probable COPD and further management.',
         pmh=['Asthma in childhood', 'Depression'],
         meds=['Salbutamol 100 micrograms two puffs when required', 'Sertraline 50mg once daily'],
         tests=[('Eosinophils', '0.45', '10*9/L', '0.0 - 0.4', 'H'), ('CRP', '6', 'mg/L', '< 5', 'H')]),
    dict(sp='Neurology', clinic='General Neurology Clinic', sex=None, urg='Soon',
         complaint='new headaches with visual aura starting at the age of fifty',
         hist=['The headaches occur two or three times a week and are preceded by zigzag lines.',
               'There is no weakness, numbness or speech disturbance. Fundoscopy was normal.'],
         exam='cranial nerves intact, no papilloedema, normal power and reflexes',
         inv='ESR 12 mm/hr. Blood pressure 128/80.',
         req='I would value your advice regarding investigation and treatment.',
         pmh=['Migraine without aura in her twenties', 'Irritable bowel syndrome'],
         meds=['Propranolol 40mg twice daily', 'Mebeverine 135mg three times daily'],
         tests=[('ESR', '12', 'mm/hr', '< 20', ''), ('Sodium', '139', 'mmol/L', '133 - 146', '')]),
    dict(sp='ENT', clinic='Otology Clinic', sex=None, urg='Routine',
         complaint='gradual loss of hearing in the left ear with constant tinnitus',
         hist=['Audiometry at the practice shows an asymmetrical sensorineural loss of 25 dB.',
               'There is no vertigo and no ear discharge.'],
         exam='tympanic membranes normal, Weber lateralises to the right',
         inv='Audiogram enclosed.',
         req='Please assess and consider MRI of the internal auditory meati.',
         pmh=['Hypertension', 'Type 2 diabetes'],
         meds=['Lisinopril 10mg once daily', 'Gliclazide 80mg twice daily'],
         tests=[('Glucose', '8.9', 'mmol/L', '3.5 - 7.8', 'H'), ('HbA1c', '61', 'mmol/mol', '20 - 41', 'H')]),
    dict(sp='Urology', clinic='Prostate Assessment Clinic', sex='M', urg='2WW',
         complaint='a raised PSA of 7.8 ng/mL with nocturia three times a night',
         hist=['A repeat PSA six weeks later was 8.1 ng/mL. There is no family history of prostate cancer.',
               'Urine dip was negative for blood and infection.'],
         exam='prostate moderately enlarged, smooth, no discrete nodule',
         inv='PSA 7.8 then 8.1 ng/mL. eGFR 68.',
         req='Please see under the suspected urological cancer pathway.',
         pmh=['Benign prostatic hyperplasia', 'Atrial fibrillation'],
         meds=['Tamsulosin 400 micrograms once daily', 'Apixaban 5mg twice daily', 'Bisoprolol 2.5mg once daily'],
         tests=[('PSA', '8.1', 'ng/mL', '< 4.5', 'H'), ('eGFR', '68', 'mL/min', '> 60', '')]),
    dict(sp='Endocrinology', clinic='Thyroid Clinic', sex='F', urg='Urgent',
         complaint='a 2 cm nodule in the right lobe of the thyroid',
         hist=['She noticed the lump herself six weeks ago. There is no dysphagia or change in voice.',
               'Ultrasound reported a solid hypoechoic nodule, U3.'],
         exam='firm 2 cm nodule right thyroid lobe, moves on swallowing, no lymphadenopathy',
         inv='TSH 1.4 mU/L.',
         req='I would be grateful for your assessment and fine needle aspiration.',
         pmh=['Anxiety', 'Cholecystectomy'],
         meds=['Citalopram 20mg once daily'],
         tests=[('TSH', '1.4', 'mU/L', '0.3 - 4.2', ''), ('Calcium', '2.41', 'mmol/L', '2.20 - 2.60', '')]),
    dict(sp='Rheumatology', clinic='Early Inflammatory Arthritis Clinic', sex=None, urg='Urgent',
         complaint='painful swelling of the small joints of both hands with morning stiffness',
         hist=['Morning stiffness lasts around two hours. Symptoms began eight weeks ago.',
               'There is no rash, no mouth ulcers and no change in bowel habit.'],
         exam='synovitis of MCP joints 2 and 3 bilaterally, positive squeeze test',
         inv='CRP 34 mg/L, rheumatoid factor positive, anti-CCP awaited.',
         req='Please see in the early arthritis clinic.',
         pmh=['Hypertension'],
         meds=['Ibuprofen 400mg three times daily', 'Indapamide 2.5mg once daily'],
         tests=[('CRP', '34', 'mg/L', '< 5', 'H'), ('Rheumatoid factor', '88', 'IU/mL', '< 14', 'H')]),
    dict(sp='Gynaecology', clinic='Postmenopausal Bleeding Clinic', sex='F', urg='2WW',
         complaint='an episode of postmenopausal bleeding',
         hist=['Her last menstrual period was eleven years ago. She is not on hormone replacement therapy.',
               'The bleeding lasted three days and has not recurred.'],
         exam='speculum examination normal, cervix healthy, uterus not enlarged',
         inv='Cervical screening up to date and normal.',
         req='Please see under the suspected gynaecological cancer pathway.',
         pmh=['Type 2 diabetes', 'Obesity'],
         meds=['Metformin 1g twice daily', 'Atorvastatin 40mg at night'],
         tests=[('Haemoglobin', '128', 'g/L', '115 - 165', ''), ('HbA1c', '53', 'mmol/mol', '20 - 41', 'H')]),
    dict(sp='Ophthalmology', clinic='Cataract Clinic', sex=None, urg='Routine',
         complaint='gradually worsening vision in both eyes, right worse than left',
         hist=['Glare from headlights makes night driving difficult.',
               'The optometrist reports bilateral nuclear sclerotic cataracts.'],
         exam='visual acuity right 6/24, left 6/12',
         inv='Optometry report enclosed.',
         req='Please assess for right cataract surgery.',
         pmh=['Glaucoma suspect', 'Hypertension'],
         meds=['Amlodipine 10mg once daily'],
         tests=[('Sodium', '141', 'mmol/L', '133 - 146', ''), ('Potassium', '4.3', 'mmol/L', '3.5 - 5.3', '')]),
    dict(sp='Diabetes', clinic='Diabetes Clinic', sex=None, urg='Soon',
         complaint='poorly controlled type 2 diabetes despite three oral agents',
         hist=['HbA1c has risen from 64 to 86 mmol/mol over the past year.',
               'There is background retinopathy and microalbuminuria.'],
         exam='BMI 34, foot pulses present, monofilament sensation reduced at two sites',
         inv='HbA1c 86 mmol/mol, ACR 6.2 mg/mmol.',
         req='Please advise regarding injectable therapy.',
         pmh=['Type 2 diabetes 2011', 'Hypertension', 'Fatty liver'],
         meds=['Metformin 1g twice daily', 'Gliclazide 160mg twice daily', 'Sitagliptin 100mg once daily'],
         tests=[('HbA1c', '86', 'mmol/mol', '20 - 41', 'H'), ('ALT', '58', 'U/L', '< 41', 'H'),
                ('Albumin/creatinine ratio', '6.2', 'mg/mmol', '< 3.0', 'H')]),
    dict(sp='Memory Assessment', clinic='Memory Clinic', sex=None, urg='Routine',
         complaint='progressive short-term memory loss over eighteen months',
         hist=['The family report repeated questions and missed appointments.',
               'MoCA score today was 21 out of 30. Dementia screening bloods are normal.'],
         exam='no focal neurological signs, mood appears normal',
         inv='B12, folate, thyroid function and calcium all normal.',
         req='Please assess in the memory clinic.',
         pmh=['Hypertension', 'Atrial fibrillation', 'Hearing loss'],
         meds=['Edoxaban 60mg once daily', 'Bisoprolol 5mg once daily', 'Perindopril 4mg once daily'],
         tests=[('Vitamin B12', '412', 'ng/L', '197 - 771', ''), ('Folate', '7.9', 'ug/L', '> 3.9', '')]),
    dict(sp='General Surgery', clinic='Hernia Clinic', sex='M', urg='Routine',
         complaint='a reducible right inguinal hernia causing discomfort at work',
         hist=['He is a delivery driver and lifting makes the swelling worse.',
               'There have been no episodes of obstruction.'],
         exam='reducible right inguinal hernia, cough impulse present',
         inv='None required.',
         req='I would be grateful if you could consider surgical repair.',
         pmh=['Asthma'],
         meds=['Beclometasone 100 micrograms two puffs twice daily', 'Salbutamol inhaler when required'],
         tests=[('Haemoglobin', '151', 'g/L', '130 - 180', '')]),
]

PMH_EXTRA = ['Appendicectomy 1978', 'Hysterectomy 2002', 'Depression', 'Hypothyroidism', 'Asthma', 'Gout',
             'Hiatus hernia', 'Carpal tunnel release 2015', 'Anxiety', 'Eczema']
ALLERGIES = ['Penicillin - rash', 'No known drug allergies', 'Codeine - vomiting', 'Trimethoprim - rash',
             'Elastoplast - skin reaction', 'No known drug allergies']
ANNOTATIONS = ['Seen - file', 'Triage: routine', 'Cons to review', '? 2WW', 'Booked', 'to Dr V',
               'Clinic 4B', 'Pls chase bloods', 'upgrade - urgent', 'Vetted', 'discuss at MDT', 'ok to book',
               'NB allergy', 'ring pt', 'file in notes']

# ----------------------------------------------------------------------------------------------
# page model and Qt drawing
# ----------------------------------------------------------------------------------------------
PAPER_SIZES = {'A4': (210.0, 297.0), 'Letter': (215.9, 279.4), 'A5': (148.0, 210.0), 'DL': (210.0, 99.0)}
PAPER_COLOURS = {'white': (253, 253, 250), 'cream': (250, 245, 228), 'yellow': (252, 246, 196),
                 'pink': (250, 226, 230), 'green': (226, 243, 224), 'blue': (224, 236, 250),
                 'buff': (240, 226, 196), 'grey': (236, 236, 232)}
INK = QColor(22, 22, 26)


def collapse(s):
    return re.sub(r'\s+', ' ', s.replace('\u2028', ' ')).strip()


class Page:
    """One sheet of paper, drawn at `dpi`, with its ground-truth lines in reading order."""

    def __init__(self, ctx, size='A4', dpi=300, paper='white', landscape=False):
        self.ctx = ctx
        self.size = size
        w, h = PAPER_SIZES[size] if isinstance(size, str) else size
        if landscape:
            w, h = h, w
        self.w_mm, self.h_mm, self.dpi = w, h, dpi
        self.W = int(round(w / 25.4 * dpi))
        self.H = int(round(h / 25.4 * dpi))
        self.paper_name = paper
        self.paper = PAPER_COLOURS[paper]
        self.img = QImage(self.W, self.H, QImage.Format_RGB32)
        self.img.fill(QColor(*self.paper))
        self.p = QPainter(self.img)
        self._hints(self.p)
        self.gt = []            # ground truth lines
        self.boxes = []         # (text, QRectF px) per ground-truth line
        self.overlays = []      # dicts: kind, text
        self.degr = []          # degradation tags
        self.fonts = set()
        self.ink = INK
        self.mode = None        # None | 'typewriter'
        self.handwriting_not_in_gt = []

    @staticmethod
    def _hints(p):
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        p.setRenderHint(QPainter.SmoothPixmapTransform, True)

    def mm(self, v):
        return v * self.dpi / 25.4

    def to_mm(self, px):
        return px * 25.4 / self.dpi

    def font(self, fam, pt, bold=False, italic=False, weight=None, spacing=None, stretch=None, record=True):
        f = QFont(fam)
        f.setPixelSize(max(5, int(round(pt * self.dpi / 72.0))))
        if bold:
            f.setBold(True)
        if weight is not None:
            f.setWeight(weight)
        if italic:
            f.setItalic(True)
        if spacing is not None:
            f.setLetterSpacing(QFont.PercentageSpacing, spacing)
        if stretch is not None:
            f.setStretch(stretch)
        f.setKerning(True)
        f.setHintingPreference(QFont.PreferNoHinting)
        if record:
            self.fonts.add(fam)
        return f

    def add_gt(self, text, rect=None):
        t = collapse(text)
        if t:
            self.gt.append(t)
            self.boxes.append((t, rect))

    # -- text primitives ----------------------------------------------------------------------
    def layout(self, text, font, width_mm=None, align='left'):
        lay = QTextLayout(text, font, self.img)
        al = {'left': Qt.AlignLeft, 'right': Qt.AlignRight, 'center': Qt.AlignHCenter,
              'justify': Qt.AlignJustify}[align]
        opt = QTextOption(al)
        opt.setWrapMode(QTextOption.WordWrap if width_mm else QTextOption.NoWrap)
        lay.setTextOption(opt)
        lay.setCacheEnabled(True)
        fm = QFontMetricsF(font, self.img)
        lay.beginLayout()
        lines = []
        y = 0.0
        while True:
            ln = lay.createLine()
            if not ln.isValid():
                break
            ln.setLineWidth(self.mm(width_mm) if width_mm else 1e7)
            ln.setPosition(QPointF(0, y))
            y += fm.lineSpacing()
            lines.append(ln)
        lay.endLayout()
        return lay, lines, fm

    def draw_line(self, ln, text, x_px, top_px, color=None, mode=None, record=True, prefix=''):
        """Draw one QTextLine with its top at top_px. Returns the ground-truth rect."""
        color = color or self.ink
        mode = mode or self.mode
        s = text[ln.textStart():ln.textStart() + ln.textLength()]
        if mode == 'typewriter':
            self._typewriter_line(ln, s, x_px, top_px, color)
        else:
            self.p.setPen(QPen(color))
            ln.draw(self.p, QPointF(x_px, top_px - ln.y()))
        rect = QRectF(x_px + ln.x(), top_px, max(1.0, ln.naturalTextWidth()), ln.height())
        if record:
            self.add_gt(prefix + s, rect)
        return rect

    def _typewriter_line(self, ln, s, x_px, top_px, color):
        r = self.ctx.r_tw
        font = self._tw_font
        base = top_px + ln.ascent()
        start = ln.textStart()
        line_dy = r.uniform(-0.6, 0.6) * self.dpi / 300
        for i, ch in enumerate(s):
            if ch == ' ':
                continue
            x, _ = ln.cursorToX(start + i)
            dx = r.gauss(0, 0.35) * self.dpi / 300
            dy = r.gauss(0, 0.45) * self.dpi / 300 + line_dy
            k = r.uniform(0.62, 1.0) if ch not in 'eoa' else r.uniform(0.58, 0.95)
            c = QColor(color)
            c.setAlpha(int(255 * k))
            self.p.setPen(QPen(c))
            self.p.setFont(font)
            self.p.drawText(QPointF(x_px + x + dx, base + dy), ch)
            if r.random() < 0.05:   # double strike / ribbon smudge
                c.setAlpha(int(70 * k))
                self.p.setPen(QPen(c))
                self.p.drawText(QPointF(x_px + x + dx + 0.8, base + dy + 0.5), ch)

    def text(self, x, y, s, font, color=None, align='left', record=True, mode=None):
        """Single unwrapped line, y = top (mm). align left: x is left edge; right: x is right edge; center."""
        if mode == 'typewriter' or (mode is None and self.mode == 'typewriter'):
            self._tw_font = font
        lay, lines, fm = self.layout(s, font)
        ln = lines[0]
        w = ln.naturalTextWidth()
        xp = self.mm(x)
        if align == 'right':
            xp -= w
        elif align == 'center':
            xp -= w / 2
        rect = self.draw_line(ln, s, xp, self.mm(y), color, mode, record)
        return y + self.to_mm(fm.lineSpacing()), rect

    def text_width(self, s, font):
        return self.to_mm(QFontMetricsF(font, self.img).horizontalAdvance(s))

    def line_h(self, font):
        return self.to_mm(QFontMetricsF(font, self.img).lineSpacing())

    def para(self, x, y, w, s, font, color=None, align='left', leading=1.0, record=True, mode=None, prefix=''):
        if mode == 'typewriter' or (mode is None and self.mode == 'typewriter'):
            self._tw_font = font
        lay, lines, fm = self.layout(s, font, w, align)
        lh = fm.lineSpacing() * leading
        yp = self.mm(y)
        for i, ln in enumerate(lines):
            self.draw_line(ln, s, self.mm(x), yp, color, mode, record, prefix if i == 0 else '')
            yp += lh
        return self.to_mm(yp)

    def row(self, y, items, color=None, record=True):
        """items: (x_mm, text, font, align). One visual line -> one ground-truth line (left to right)."""
        asc = max(QFontMetricsF(f, self.img).ascent() for _, t, f, _ in items)
        lh = max(QFontMetricsF(f, self.img).lineSpacing() for _, t, f, _ in items)
        parts = []
        for x, t, f, al in items:
            if not t:
                continue
            fm = QFontMetricsF(f, self.img)
            top = self.to_mm(self.mm(y) + asc - fm.ascent())
            _, rect = self.text(x, top, t, f, color, al, record=False)
            parts.append((rect.left(), t, rect))
        parts.sort(key=lambda p: p[0])
        if record and parts:
            r0 = parts[0][2]
            for p in parts[1:]:
                r0 = r0.united(p[2])
            self.add_gt(' '.join(p[1] for p in parts), r0)
        return y + self.to_mm(lh)

    # -- graphics -------------------------------------------------------------------------------
    def hline(self, x0, x1, y, width=0.25, color=None):
        self.p.setPen(QPen(color or self.ink, self.mm(width)))
        self.p.drawLine(QPointF(self.mm(x0), self.mm(y)), QPointF(self.mm(x1), self.mm(y)))

    def vline(self, x, y0, y1, width=0.25, color=None):
        self.p.setPen(QPen(color or self.ink, self.mm(width)))
        self.p.drawLine(QPointF(self.mm(x), self.mm(y0)), QPointF(self.mm(x), self.mm(y1)))

    def rect(self, x, y, w, h, width=0.25, color=None, fill=None, radius=0):
        self.p.setPen(QPen(color or self.ink, self.mm(width)) if width else Qt.NoPen)
        self.p.setBrush(QBrush(fill) if fill is not None else Qt.NoBrush)
        r = QRectF(self.mm(x), self.mm(y), self.mm(w), self.mm(h))
        if radius:
            self.p.drawRoundedRect(r, self.mm(radius), self.mm(radius))
        else:
            self.p.drawRect(r)
        self.p.setBrush(Qt.NoBrush)

    def tickbox(self, x, y, size=3.2, width=0.25):
        self.rect(x, y, size, size, width)

    def nhs_logo(self, x, y, h=9.0, color=QColor(0, 94, 184)):
        """NHS-style lozenge (a logo: not text, not in the ground truth)."""
        w = h * 2.45
        self.rect(x, y, w, h, 0, fill=color)
        f = self.font('Arimo', h * 2.05, bold=True, italic=True, record=False)
        f.setLetterSpacing(QFont.PercentageSpacing, 92)
        self.p.setPen(QPen(QColor(255, 255, 255)))
        self.p.setFont(f)
        self.p.drawText(QRectF(self.mm(x), self.mm(y - h * 0.06), self.mm(w), self.mm(h)), Qt.AlignCenter, 'NHS')

    def emblem(self, x, y, size, color, kind=0):
        """Abstract practice / trust emblem (graphics only)."""
        p = self.p
        cx, cy, r = self.mm(x + size / 2), self.mm(y + size / 2), self.mm(size / 2)
        p.setPen(Qt.NoPen)
        if kind == 0:      # tree of circles
            light = QColor(color).lighter(160)
            for i, (dx, dy, rr) in enumerate([(0, -0.35, 0.42), (-0.33, -0.05, 0.33), (0.33, -0.05, 0.33), (0, 0.12, 0.3)]):
                p.setBrush(QBrush(light if i % 2 else color))
                p.drawEllipse(QPointF(cx + dx * r, cy + dy * r), rr * r, rr * r)
            p.setBrush(QBrush(color.darker(140)))
            p.drawRect(QRectF(cx - 0.07 * r, cy + 0.2 * r, 0.14 * r, 0.8 * r))
        elif kind == 1:    # waves in a ring
            p.setPen(QPen(color, r * 0.12))
            p.drawEllipse(QPointF(cx, cy), r * 0.9, r * 0.9)
            for k in range(3):
                path = QPainterPath()
                yy = cy - 0.3 * r + k * 0.3 * r
                path.moveTo(cx - 0.7 * r, yy)
                path.cubicTo(cx - 0.3 * r, yy - 0.25 * r, cx + 0.1 * r, yy + 0.25 * r, cx + 0.7 * r, yy)
                p.setPen(QPen(color.lighter(100 + 40 * k), r * 0.1))
                p.drawPath(path)
        else:              # shield with cross
            path = QPainterPath()
            path.moveTo(cx - 0.8 * r, cy - 0.9 * r)
            path.lineTo(cx + 0.8 * r, cy - 0.9 * r)
            path.lineTo(cx + 0.8 * r, cy + 0.1 * r)
            path.quadTo(cx + 0.7 * r, cy + 0.8 * r, cx, cy + r)
            path.quadTo(cx - 0.7 * r, cy + 0.8 * r, cx - 0.8 * r, cy + 0.1 * r)
            path.closeSubpath()
            p.setBrush(QBrush(color))
            p.drawPath(path)
            p.setBrush(QBrush(QColor(255, 255, 255)))
            p.drawRect(QRectF(cx - 0.12 * r, cy - 0.7 * r, 0.24 * r, 1.3 * r))
            p.drawRect(QRectF(cx - 0.55 * r, cy - 0.35 * r, 1.1 * r, 0.24 * r))
        p.setBrush(Qt.NoBrush)

    # -- table ----------------------------------------------------------------------------------
    def table(self, x, y, colw, rows, font, hfont=None, header=False, grid='grid', pad=1.2, color=None,
              shade=None, min_h=None, aligns=None, record=True, rule_w=0.2):
        """Single-line cells; each row is one ground-truth line (non-empty cells joined by a space)."""
        xs = [x]
        for w in colw:
            xs.append(xs[-1] + w)
        yy = y
        for ri, row in enumerate(rows):
            f = hfont if (header and ri == 0 and hfont) else font
            h = max(self.line_h(f) + 2 * pad * 0.6, min_h or 0)
            if shade is not None and header and ri == 0:
                self.rect(x, yy, xs[-1] - x, h, 0, fill=shade)
            parts = []
            for ci, cell in enumerate(row):
                if not cell:
                    continue
                wmax = colw[ci] - 2 * pad
                tw = self.text_width(cell, f)
                if tw > wmax + 0.01:
                    raise ValueError(f'cell overflow {cell!r} {tw:.1f}>{wmax:.1f}')
                al = (aligns[ci] if aligns else 'left')
                cx = xs[ci] + pad if al == 'left' else xs[ci + 1] - pad
                top = yy + (h - self.line_h(f)) / 2
                _, rect = self.text(cx, top, cell, f, color, al, record=False)
                parts.append(cell)
                rr = rect
            if record and parts:
                self.add_gt(' '.join(parts), QRectF(self.mm(x), self.mm(yy), self.mm(xs[-1] - x), self.mm(h)))
            if grid in ('grid', 'h', 'box'):
                if grid != 'box' or ri == 0:
                    self.hline(x, xs[-1], yy, rule_w, color)
            if grid == 'grid':
                for xv in xs:
                    self.vline(xv, yy, yy + h, rule_w, color)
            yy += h
        if grid in ('grid', 'h', 'box'):
            self.hline(x, xs[-1], yy, rule_w, color)
        if grid == 'box':
            self.vline(xs[0], y, yy, rule_w, color)
            self.vline(xs[-1], y, yy, rule_w, color)
        return yy

    def finish_painter(self):
        if self.p is not None and self.p.isActive():
            self.p.end()
        self.p = None

    def reopen(self):
        self.p = QPainter(self.img)
        self._hints(self.p)

# ----------------------------------------------------------------------------------------------
# QImage <-> numpy
# ----------------------------------------------------------------------------------------------
def q2rgb(img):
    img = img.convertToFormat(QImage.Format_RGB888)
    w, h, bpl = img.width(), img.height(), img.bytesPerLine()
    ptr = img.constBits()
    ptr.setsize(h * bpl)
    return np.frombuffer(ptr, np.uint8).reshape(h, bpl)[:, :w * 3].reshape(h, w, 3).astype(np.float32)

def q2alpha(img):
    img = img.convertToFormat(QImage.Format_ARGB32)
    w, h, bpl = img.width(), img.height(), img.bytesPerLine()
    ptr = img.constBits()
    ptr.setsize(h * bpl)
    return np.frombuffer(ptr, np.uint8).reshape(h, bpl // 4, 4)[:, :w, 3].astype(np.float32) / 255.0

def u8(a):
    return np.ascontiguousarray(np.clip(np.rint(a), 0, 255).astype(np.uint8))

def rgb2q(a):
    a = u8(a)
    h, w = a.shape[:2]
    buf = a.tobytes()
    return QImage(buf, w, h, 3 * w, QImage.Format_RGB888).copy()

def gray2q(a):
    a = u8(a)
    h, w = a.shape
    buf = a.tobytes()
    return QImage(buf, w, h, w, QImage.Format_Grayscale8).copy()

def lum(a):
    return a[..., 0] * 0.299 + a[..., 1] * 0.587 + a[..., 2] * 0.114

def gblur(a, s):
    """Separable Gaussian blur (numpy only)."""
    if s < 0.2:
        return a
    r = max(1, int(math.ceil(2.5 * s)))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / s) ** 2).astype(np.float32)
    k /= k.sum()
    for axis in (0, 1):
        pad = [(0, 0)] * a.ndim
        pad[axis] = (r, r)
        p = np.pad(a, pad, mode='edge')
        n = a.shape[axis]
        out = np.zeros_like(a)
        for i, kv in enumerate(k):
            sl = [slice(None)] * a.ndim
            sl[axis] = slice(i, i + n)
            out += kv * p[tuple(sl)]
        a = out
    return a

def upsample(small, H, W):
    gh, gw = small.shape
    ys = np.linspace(0, gh - 1, H, dtype=np.float32)
    xs = np.linspace(0, gw - 1, W, dtype=np.float32)
    y0 = np.floor(ys).astype(np.int32)
    y1 = np.minimum(y0 + 1, gh - 1)
    fy = (ys - y0)[:, None]
    t = small[y0] * (1 - fy) + small[y1] * fy
    x0 = np.floor(xs).astype(np.int32)
    x1 = np.minimum(x0 + 1, gw - 1)
    fx = (xs - x0)[None, :]
    return (t[:, x0] * (1 - fx) + t[:, x1] * fx).astype(np.float32)

def lowfreq(rng, H, W, cells=8, smooth=1.0):
    """Smooth random field in [0,1] (bilinear upsampling of a blurred coarse grid)."""
    gh = max(2, int(cells * H / max(H, W)) + 2)
    gw = max(2, int(cells * W / max(H, W)) + 2)
    s = rng.random((gh, gw)).astype(np.float32)
    if smooth:
        s = gblur(s, smooth)
    s = (s - s.min()) / max(1e-6, s.max() - s.min())
    return upsample(s, H, W)

def disc(n, radius):
    c = (n - 1) / 2.0
    yy, xx = np.mgrid[0:n, 0:n]
    d = np.sqrt((yy - c) ** 2 + (xx - c) ** 2)
    return np.clip(radius + 0.5 - d, 0, 1).astype(np.float32)


class Layer:
    """Temporarily redirect a Page's drawing to a transparent layer image."""

    def __init__(self, page):
        self.page = page

    def __enter__(self):
        pg = self.page
        self.saved = (pg.img, pg.p)
        pg.img = QImage(pg.W, pg.H, QImage.Format_ARGB32_Premultiplied)
        pg.img.fill(Qt.transparent)
        pg.p = QPainter(pg.img)
        Page._hints(pg.p)
        return self

    def __exit__(self, *exc):
        pg = self.page
        pg.p.end()
        self.img = pg.img
        pg.img, pg.p = self.saved
        return False


def composite(page, alpha, color, mode='over'):
    """Composite a coverage map (HxW in 0..1) of one ink colour onto the page (numpy)."""
    page.finish_painter()
    a = q2rgb(page.img)
    col = np.array(color, np.float32)[None, None, :]
    al = alpha[..., None]
    if mode == 'multiply':
        a = a * (1 - al * (1 - col / 255.0))
    else:
        a = a * (1 - al) + col * al
    page.img = rgb2q(a).convertToFormat(QImage.Format_RGB32)
    page.reopen()


def dotify(cov, pitch, rng, fade=0.0):
    """Re-draw a text coverage map as 9-pin dot-matrix dots (numpy)."""
    H, W = cov.shape
    p = int(pitch)
    gh, gw = H // p, W // p
    c = cov[:gh * p, :gw * p].reshape(gh, p, gw, p).max(axis=(1, 3))
    on = (c > 0.45).astype(np.float32)
    inten = on * (0.72 + 0.28 * rng.random(on.shape).astype(np.float32))
    if fade:
        band = lowfreq(rng, gh, gw, cells=6)
        inten *= (1 - fade * band)
    ker = disc(p + 2, (p + 1) * 0.5)
    out = np.zeros((gh * p + 2, gw * p + 2), np.float32)
    for dy in range(p + 2):
        for dx in range(p + 2):
            kv = ker[dy, dx]
            if kv > 0:
                sl = out[dy:dy + gh * p:p, dx:dx + gw * p:p]
                np.maximum(sl, inten * kv, out=sl)
    res = np.zeros((H, W), np.float32)
    hh, ww = min(H, gh * p + 2), min(W, gw * p + 2)
    res[:hh, :ww] = out[:hh, :ww]
    return res


def halftone_rgb(arr, paper, dpi, lpi, rng):
    """Offset-litho style CMYK halftone of an RGB float image (0..255) printed on `paper`."""
    H, W = arr.shape[:2]
    pap = np.array(paper, np.float32)[None, None, :]
    ink = np.clip(1 - arr / np.maximum(pap, 1), 0, 1)
    k = ink.min(axis=2)
    cmy = ink - k[..., None]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    f = lpi / dpi * 2 * math.pi
    out_ink = np.zeros_like(arr)
    inks = [(cmy[..., 0], 15, (0, 160, 230)), (cmy[..., 1], 75, (230, 0, 140)),
            (cmy[..., 2], 0, (255, 235, 0)), (k, 45, (30, 30, 30))]
    res = np.broadcast_to(pap, arr.shape).copy()
    for cov, ang, col in inks:
        t = math.radians(ang + rng.uniform(-1, 1))
        u = xx * math.cos(t) + yy * math.sin(t)
        v = -xx * math.sin(t) + yy * math.cos(t)
        screen = (np.cos(f * u) + np.cos(f * v)) * 0.25 + 0.5
        on = np.clip((cov - screen) * 8 + 0.5, 0, 1)
        on[cov < 0.03] = 0
        on[cov > 0.97] = 1
        c = np.array(col, np.float32)[None, None, :]
        res = res * (1 - on[..., None] * (1 - c / 255.0))
    return res


# ----------------------------------------------------------------------------------------------
# marks made on the paper after printing (overlays: never in the ground truth)
# ----------------------------------------------------------------------------------------------
HAND_FONTS = ['Rufscript', 'Steve', 'Delphine', 'Purisa', 'Because We Learn', 'Because We Build']
PEN_COLOURS = [QColor(20, 40, 140), QColor(25, 25, 30), QColor(30, 60, 170), QColor(150, 20, 25),
               QColor(60, 60, 70)]


def hand_path(page, text, fam, pt, r, slant=0.0):
    f = page.font(fam, pt, record=False)
    fm = QFontMetricsF(f, page.img)
    path = QPainterPath()
    x = 0.0
    size = f.pixelSize()
    for ch in text:
        if ch != ' ':
            g = QPainterPath()
            g.addText(QPointF(0, 0), f, ch)
            t = QTransform()
            t.translate(x, r.gauss(0, 0.05 * size))
            t.rotate(r.gauss(0, 3.0))
            t.shear(slant, 0)
            t.scale(1 + r.gauss(0, 0.05), 1 + r.gauss(0, 0.06))
            path.addPath(t.map(g))
        x += fm.horizontalAdvance(ch) * r.uniform(0.93, 1.1)
    return path, x


def hand(page, x, y, text, r, fam=None, pt=None, color=None, angle=None, kind='annotation', record=True):
    fam = fam or r.choice(HAND_FONTS)
    pt = pt or r.uniform(13, 19)
    color = color or r.choice(PEN_COLOURS)
    angle = r.uniform(-6, 6) if angle is None else angle
    path, w = hand_path(page, text, fam, pt, r, slant=r.uniform(-0.15, 0.05))
    t = QTransform()
    t.translate(page.mm(x), page.mm(y))
    t.rotate(angle)
    path = t.map(path)
    page.p.setPen(QPen(color, page.mm(0.12)))
    page.p.setBrush(QBrush(color))
    page.p.drawPath(path)
    page.p.setBrush(Qt.NoBrush)
    if record:
        page.overlays.append({'kind': kind, 'text': text, 'font': fam})
    return page.to_mm(w)


def scribble(page, x, y, w, r, color=None, kind='signature'):
    color = color or r.choice(PEN_COLOURS[:3])
    path = QPainterPath()
    h = page.mm(r.uniform(5, 9))
    x0, y0 = page.mm(x), page.mm(y)
    path.moveTo(x0, y0)
    n = r.randint(5, 9)
    step = page.mm(w) / n
    cx, cy = x0, y0
    for i in range(n):
        nx = cx + step * r.uniform(0.7, 1.3)
        ny = y0 + r.uniform(-0.5, 0.5) * h
        path.cubicTo(cx + step * r.uniform(-0.3, 0.9), cy - h * r.uniform(0.2, 1.0),
                     nx - step * r.uniform(-0.4, 0.9), ny + h * r.uniform(0.1, 0.9), nx, ny)
        cx, cy = nx, ny
    path.moveTo(x0 - step * 0.2, y0 + h * 0.25)
    path.cubicTo(x0 + step, y0 + h * 0.5, cx - step, cy + h * 0.1, cx + step * 0.4, cy - h * 0.2)
    page.p.setPen(QPen(color, page.mm(r.uniform(0.3, 0.5)), Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    page.p.drawPath(path)
    page.overlays.append({'kind': kind, 'text': ''})


def tick(page, x, y, r, color=None, cross=False):
    color = color or r.choice(PEN_COLOURS[:3])
    p = page.p
    p.setPen(QPen(color, page.mm(r.uniform(0.35, 0.55)), Qt.SolidLine, Qt.RoundCap))
    jit = lambda: page.mm(r.gauss(0, 0.25))
    if cross:
        p.drawLine(QPointF(page.mm(x) + jit(), page.mm(y) + jit()), QPointF(page.mm(x + 3.4) + jit(), page.mm(y + 3.4) + jit()))
        p.drawLine(QPointF(page.mm(x + 3.4) + jit(), page.mm(y) + jit()), QPointF(page.mm(x) + jit(), page.mm(y + 3.4) + jit()))
    else:
        path = QPainterPath()
        path.moveTo(page.mm(x - 0.2), page.mm(y + 1.8))
        path.quadTo(page.mm(x + 0.9), page.mm(y + 2.6), page.mm(x + 1.3), page.mm(y + 3.6))
        path.quadTo(page.mm(x + 2.5), page.mm(y + 0.5), page.mm(x + 4.4), page.mm(y - 1.2))
        p.drawPath(path)
    page.overlays.append({'kind': 'tick', 'text': ''})


def stamp(page, cx, cy, lines, color, r, angle=None, shape='rect', scale=1.0):
    """Rubber stamp drawn on a layer, inked unevenly (numpy), multiplied onto the page."""
    angle = r.uniform(-12, 12) if angle is None else angle
    with Layer(page) as L:
        p = page.p
        fonts = [page.font('Arimo' if i else 'Cousine', (12 if i == 0 else 9.5) * scale, bold=True, record=False)
                 for i in range(len(lines))]
        widths = [QFontMetricsF(f, page.img).horizontalAdvance(t) for f, t in zip(fonts, lines)]
        hs = [QFontMetricsF(f, page.img).lineSpacing() for f in fonts]
        bw = max(widths) + page.mm(6 * scale)
        bh = sum(hs) + page.mm(4 * scale)
        p.translate(page.mm(cx), page.mm(cy))
        p.rotate(angle)
        col = QColor(0, 0, 0)
        p.setPen(QPen(col, page.mm(0.7 * scale)))
        if shape == 'oval':
            bw *= 1.25
            bh *= 1.35
            p.drawEllipse(QRectF(-bw / 2, -bh / 2, bw, bh))
        else:
            p.drawRoundedRect(QRectF(-bw / 2, -bh / 2, bw, bh), page.mm(1.5), page.mm(1.5))
            p.setPen(QPen(col, page.mm(0.3 * scale)))
            d = page.mm(1.0 * scale)
            p.drawRoundedRect(QRectF(-bw / 2 + d, -bh / 2 + d, bw - 2 * d, bh - 2 * d), page.mm(1), page.mm(1))
        yy = -sum(hs) / 2
        for f, t, w, h in zip(fonts, lines, widths, hs):
            p.setFont(f)
            p.setPen(QPen(col))
            p.drawText(QPointF(-w / 2, yy + QFontMetricsF(f, page.img).ascent()), t)
            yy += h
    a = q2alpha(L.img)
    rng = rng_np(page.ctx.id, 'stamp', len(page.overlays))
    H, W = a.shape
    blot = lowfreq(rng, H, W, cells=max(6, int(W / page.mm(12))), smooth=0.8)
    grain = rng.random((H, W)).astype(np.float32)
    ink = np.clip(1.15 - 0.9 * blot + 0.25 * (grain - 0.5), 0.15, 1.0)
    a = a * ink * r.uniform(0.75, 0.95)
    composite(page, a, (color.red(), color.green(), color.blue()), 'multiply')
    page.overlays.append({'kind': 'stamp', 'text': ' '.join(lines)})


def highlighter(page, rect, r, color=None):
    color = color or r.choice([QColor(255, 238, 40), QColor(150, 255, 120), QColor(255, 160, 220), QColor(120, 220, 255)])
    p = page.p
    p.save()
    p.setCompositionMode(QPainter.CompositionMode_Multiply)
    p.setPen(Qt.NoPen)
    c = QColor(color)
    c.setAlpha(int(r.uniform(170, 230)))
    p.setBrush(QBrush(c))
    path = QPainterPath()
    x0, x1 = rect.left() - page.mm(r.uniform(0.5, 2)), rect.right() + page.mm(r.uniform(-3, 2))
    y0, y1 = rect.top() + rect.height() * 0.05, rect.bottom() - rect.height() * 0.05
    sl = page.mm(r.uniform(-0.8, 0.8))
    path.moveTo(x0, y0)
    path.lineTo(x1, y0 + sl)
    path.quadTo(x1 + page.mm(1), (y0 + y1) / 2 + sl, x1, y1 + sl)
    path.lineTo(x0, y1)
    path.quadTo(x0 - page.mm(1), (y0 + y1) / 2, x0, y0)
    p.drawPath(path)
    p.restore()


def coffee(page, cx, cy, rad, r, strength=1.0):
    """Coffee ring: irregular path, radial gradient, multiply composition."""
    p = page.p
    p.save()
    p.setCompositionMode(QPainter.CompositionMode_Multiply)
    R = page.mm(rad)
    path = QPainterPath()
    ph = [r.uniform(0, 6.28) for _ in range(4)]
    amp = [r.uniform(0.01, 0.05) for _ in range(4)]
    pts = []
    for i in range(73):
        t = i / 72 * 2 * math.pi
        rr = R * (1 + sum(a * math.sin((k + 2) * t + ph[k]) for k, a in enumerate(amp)))
        pts.append(QPointF(page.mm(cx) + rr * math.cos(t), page.mm(cy) + rr * math.sin(t) * 0.93))
    path.addPolygon(QPolygonF(pts))
    path.closeSubpath()
    g = QRadialGradient(QPointF(page.mm(cx), page.mm(cy)), R * 1.06)
    a = strength
    g.setColorAt(0.0, QColor(214, 178, 130, int(60 * a)))
    g.setColorAt(0.75, QColor(205, 165, 112, int(80 * a)))
    g.setColorAt(0.93, QColor(160, 105, 55, int(190 * a)))
    g.setColorAt(1.0, QColor(190, 140, 90, int(40 * a)))
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(g))
    p.drawPath(path)
    # a drip / partial second ring
    if r.random() < 0.6:
        p.setBrush(Qt.NoBrush)
        p.setPen(QPen(QColor(150, 100, 50, int(120 * a)), page.mm(0.8)))
        start = r.randint(0, 360)
        p.drawArc(QRectF(page.mm(cx + rad * 0.3) - R, page.mm(cy + rad * 0.2) - R, 2 * R, 2 * R), start * 16, r.randint(60, 160) * 16)
    p.restore()


def bleed_through(page, r, strength):
    """Reverse-side text, mirrored, blurred and multiplied through the sheet."""
    back = QImage(page.W, page.H, QImage.Format_RGB32)
    back.fill(QColor(255, 255, 255))
    bp = QPainter(back)
    Page._hints(bp)
    f = page.font(r.choice(['Tinos', 'Arimo', 'Charis SIL']), r.choice([10, 11, 12]), record=False)
    bp.setFont(f)
    bp.setPen(QPen(QColor(0, 0, 0)))
    fm = QFontMetricsF(f, page.img)
    words = ('the patient was reviewed in clinic today and reports that symptoms have improved since the last '
             'appointment with no new concerns raised plan to continue current medication and review in three '
             'months time blood tests to be repeated prior to the next visit').split()
    y = page.mm(r.uniform(25, 45))
    while y < page.H - page.mm(30):
        n = r.randint(8, 13)
        s = ' '.join(r.choice(words) for _ in range(n))
        if r.random() < 0.15:
            y += fm.lineSpacing()
        bp.drawText(QPointF(page.mm(22), y), s.capitalize())
        y += fm.lineSpacing() * 1.15
    bp.end()
    back = back.mirrored(True, False)
    small = back.scaled(max(1, page.W // 3), max(1, page.H // 3), Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
    back = small.scaled(page.W, page.H, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
    p = page.p
    p.save()
    p.setCompositionMode(QPainter.CompositionMode_Multiply)
    p.setOpacity(strength)
    p.drawImage(0, 0, back)
    p.restore()


def punch_holes(page, r, dark=False):
    p = page.p
    p.save()
    col = QColor(40, 40, 40) if dark else QColor(246, 246, 244)
    rad = page.mm(3.0)
    x = page.mm(r.uniform(10, 12.5))
    for cy in (page.h_mm / 2 - 40, page.h_mm / 2 + 40):
        c = QPointF(x, page.mm(cy + r.uniform(-1, 1)))
        p.setPen(QPen(QColor(120, 120, 120), page.mm(0.25)))
        p.setBrush(QBrush(col))
        p.drawEllipse(c, rad, rad)
    p.restore()


def staple(page, r):
    p = page.p
    p.save()
    x, y = page.mm(r.uniform(6, 14)), page.mm(r.uniform(6, 12))
    p.translate(x, y)
    p.rotate(r.uniform(-50, -25))
    L = page.mm(12)
    p.setPen(QPen(QColor(90, 90, 95), page.mm(0.9), Qt.SolidLine, Qt.RoundCap))
    p.drawLine(QPointF(0, 0), QPointF(L, 0))
    p.setPen(QPen(QColor(200, 200, 205), page.mm(0.25)))
    p.drawLine(QPointF(page.mm(0.5), -page.mm(0.15)), QPointF(L - page.mm(0.5), -page.mm(0.15)))
    p.setPen(QPen(QColor(150, 150, 150, 120), page.mm(0.6)))
    p.drawLine(QPointF(page.mm(0.3), page.mm(0.8)), QPointF(L, page.mm(0.8)))
    # second set of holes from an earlier staple
    p.setPen(QPen(QColor(60, 60, 60), page.mm(0.3)))
    for dx in (page.mm(1.5), L + page.mm(1.5)):
        p.drawPoint(QPointF(dx, page.mm(3)))
    p.restore()


def fold_crease(page, y_mm, r):
    p = page.p
    p.save()
    p.setCompositionMode(QPainter.CompositionMode_Multiply)
    y = page.mm(y_mm)
    g = QLinearGradient(QPointF(0, y - page.mm(1.5)), QPointF(0, y + page.mm(1.5)))
    g.setColorAt(0, QColor(255, 255, 255, 0))
    g.setColorAt(0.45, QColor(200, 200, 200, 120))
    g.setColorAt(0.5, QColor(150, 150, 150, 160))
    g.setColorAt(0.55, QColor(235, 235, 235, 100))
    g.setColorAt(1, QColor(255, 255, 255, 0))
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(g))
    sl = page.mm(r.uniform(-1.5, 1.5))
    p.drawPolygon(QPolygonF([QPointF(0, y - page.mm(1.5)), QPointF(page.W, y - page.mm(1.5) + sl),
                             QPointF(page.W, y + page.mm(1.5) + sl), QPointF(0, y + page.mm(1.5))]))
    p.restore()


def halftone_band(page, y0, y1, draw, lpi=110):
    """Draw a letterhead band at twice the resolution, halftone it like offset print, scale it down."""
    sub = Page(page.ctx, size=(page.w_mm, y1 - y0), dpi=page.dpi * 2, paper=page.paper_name)
    sub.gt = page.gt
    sub.fonts = page.fonts
    draw(sub)
    sub.finish_painter()
    arr = q2rgb(sub.img)
    ht = halftone_rgb(arr, page.paper, sub.dpi, lpi, rng_py(page.ctx.id, 'halftone'))
    q = rgb2q(ht).scaled(page.W, int(round(page.mm(y1 - y0))), Qt.IgnoreAspectRatio, Qt.FastTransformation)
    page.p.drawImage(QPointF(0, page.mm(y0)), q)
    for t, rc in sub.boxes:
        page.boxes.append((t, QRectF(rc.x() / 2, rc.y() / 2 + page.mm(y0), rc.width() / 2, rc.height() / 2)))
    page.degr.append('halftone_letterhead_moire')

# ----------------------------------------------------------------------------------------------
# the paper's life and the scanner (numpy + QTransform)
# ----------------------------------------------------------------------------------------------
def photocopy(g, rng, k, tag_list):
    """One photocopier generation on a grey image (0..255). k ~ 0.5 (light) .. 1.5 (bad)."""
    H, W = g.shape
    g = gblur(g, 0.6 + 0.3 * k)
    # high-contrast copier curve with darker background
    lo, hi = 0.10 + 0.05 * k, 0.90 - 0.02 * k
    x = np.clip((g / 255.0 - lo) / (hi - lo), 0, 1)
    g = 255 * x ** (1.0 + 0.25 * k)
    bg = lowfreq(rng, H, W, cells=5)
    g = g * (1 - (0.04 + 0.05 * k) * bg)
    # toner loss: blotches where dark strokes fade
    blot = lowfreq(rng, H, W, cells=int(14 + 10 * k), smooth=0.7)
    loss = np.clip((blot - (0.78 - 0.12 * k)) * 4, 0, 1) * (0.45 + 0.2 * k)
    g = g + (255 - g) * loss
    # streaks along the paper path
    for _ in range(int(1 + 2 * k)):
        x0 = int(rng.integers(0, W - 12))
        w = int(rng.integers(2, 9))
        prof = 0.75 + 0.25 * lowfreq(rng, H, 1, cells=10)[:, 0]
        if rng.random() < 0.6:
            g[:, x0:x0 + w] *= (1 - (0.25 + 0.15 * k) * prof)[:, None]
        else:
            g[:, x0:x0 + w] += (255 - g[:, x0:x0 + w]) * (0.6 * prof)[:, None]
    # toner specks
    n = int(W * H * 2e-5 * k)
    ys = rng.integers(0, H - 3, n)
    xs = rng.integers(0, W - 3, n)
    for dy in range(2):
        for dx in range(2):
            g[ys + dy, xs + dx] *= 0.25
    return np.clip(g, 0, 255)


def apply_paper_life(page, pl, r):
    """Marks on the physical sheet before scanning. pl = dict of requested marks."""
    H_mm = page.h_mm
    boxes = [b for b in page.boxes if b[1] is not None]
    if pl.get('bleed'):
        bleed_through(page, r, pl['bleed'])
        page.degr.append('bleed_through')
    if pl.get('folds'):
        for yf in (page.h_mm / 3, 2 * page.h_mm / 3)[:pl['folds']]:
            fold_crease(page, yf + r.uniform(-4, 4), r)
        page.degr.append('fold_creases')
    for rad, strength in pl.get('coffee', []):
        if boxes and r.random() < 0.7:
            t, rc = r.choice(boxes)
            cx, cy = page.to_mm(rc.center().x()) + r.uniform(-20, 20), page.to_mm(rc.center().y())
        else:
            cx, cy = r.uniform(30, page.w_mm - 30), r.uniform(40, H_mm - 40)
        coffee(page, cx, cy, rad, r, strength)
        page.degr.append('coffee_stain')
    for n in range(pl.get('highlight', 0)):
        cands = [b for b in boxes if len(b[0]) > 8]
        pick = [b for b in cands if page.ctx.nhs_printed and page.ctx.nhs_printed in b[0]] if n == 0 else []
        t, rc = (pick or cands)[0] if pick else r.choice(cands)
        highlighter(page, rc, r)
        page.overlays.append({'kind': 'highlighter', 'text': ''})
        page.degr.append('highlighter')
    for spec in pl.get('stamps', []):
        lines, colour = spec[0], spec[1]
        shape = spec[2] if len(spec) > 2 else 'rect'
        if len(spec) > 3 and spec[3] is not None:
            cx, cy = spec[3]
        elif boxes:
            t, rc = r.choice(boxes[:max(3, len(boxes) // 2)] if r.random() < 0.6 else boxes)
            cx = min(max(page.to_mm(rc.center().x()) + r.uniform(-10, 25), 40), page.w_mm - 40)
            cy = min(max(page.to_mm(rc.center().y()), 25), H_mm - 25)
        else:
            cx, cy = page.w_mm * 0.6, 40
        stamp(page, cx, cy, lines, colour, r, shape=shape)
        page.degr.append('rubber_stamp')
    for text in pl.get('annots', []):
        if boxes:
            t, rc = r.choice(boxes)
            x = min(page.to_mm(rc.left()) + r.uniform(-5, 60), page.w_mm - 45)
            y = page.to_mm(rc.bottom()) + r.uniform(-3, 1)
        else:
            x, y = r.uniform(20, 120), r.uniform(30, H_mm - 30)
        hand(page, x, y, text, r)
        page.degr.append('handwritten_annotation')
    if pl.get('circle') and boxes:
        t, rc = r.choice([b for b in boxes if len(b[0]) > 5] or boxes)
        page.p.setPen(QPen(r.choice(PEN_COLOURS), page.mm(0.45)))
        page.p.drawEllipse(rc.adjusted(-page.mm(3), -page.mm(2), page.mm(3), page.mm(2)))
        page.overlays.append({'kind': 'pen_circle', 'text': ''})
        page.degr.append('pen_circle')
    if pl.get('punch'):
        punch_holes(page, r, dark=pl.get('punch') == 'dark')
        page.degr.append('punch_holes')
    if pl.get('staple'):
        staple(page, r)
        page.degr.append('staple')


def geometric(arr, prof, bed):
    """Place the sheet on the scanner bed: skew, shift, slight perspective (QTransform.quadToQuad)."""
    H, W = arr.shape[:2]
    q = rgb2q(arr) if arr.ndim == 3 else gray2q(arr)
    out = QImage(W, H, QImage.Format_RGB32)
    out.fill(QColor(bed, bed, bed))
    p = QPainter(out)
    Page._hints(p)
    src = QPolygonF([QPointF(0, 0), QPointF(W, 0), QPointF(W, H), QPointF(0, H)])
    dx, dy = prof.get('shift', (0, 0))
    T = QTransform()
    T.translate(W / 2 + dx, H / 2 + dy)
    T.rotate(prof.get('skew', 0.0))
    T.translate(-W / 2, -H / 2)
    dst = T.map(src)
    pj = prof.get('persp')
    if pj:
        r = rng_py('persp', prof.get('pseed', ''), W, H)
        pts = [dst.at(i) for i in range(4)]
        pts = [QPointF(pt.x() + r.uniform(-1, 1) * pj * W, pt.y() + r.uniform(-1, 1) * pj * H) for pt in pts]
        dst = QPolygonF(pts)
    Tq = QTransform()
    ok = QTransform.quadToQuad(src, dst, Tq)
    assert ok
    p.setTransform(Tq)
    p.drawImage(0, 0, q)
    p.end()
    prof['_T'] = Tq
    a = q2rgb(out)
    return a if arr.ndim == 3 else a[..., 0].copy()


def scanner(page, prof, out_mode, rng):
    """Scan a page: returns (array, kind 'rgb'|'gray'|'bw', (xdpi, ydpi))."""
    page.finish_painter()
    tags = page.degr
    a = q2rgb(page.img)
    H, W = a.shape[:2]
    colour = out_mode == 'rgb'
    copies = prof.get('copies', 0)
    if copies or not colour:
        g = lum(a)
        for i in range(copies):
            g = photocopy(g, rng, prof.get('copy_k', 1.0), tags)
        if copies:
            tags.append(f'photocopy_generations_{copies}')
        if colour:
            tint = np.array(prof.get('copy_tint', (1.0, 0.99, 0.97)), np.float32)
            a = g[..., None] * tint[None, None, :]
        else:
            a = g
    if prof.get('washout'):
        c, bgl = prof['washout']
        a = bgl - (bgl - a) * c
        tags.append('low_contrast_scan')
    bed = prof.get('bed', 248)
    a = geometric(a, prof, bed)
    if getattr(page, 'post_rows', None):
        a = draw_post_rows(a, page)
    if abs(prof.get('skew', 0)) >= 0.05:
        tags.append('skew')
    if prof.get('persp'):
        tags.append('perspective')
    H, W = a.shape[:2]
    shade = np.ones((H, W), np.float32)
    if prof.get('light'):
        shade *= 1 - prof['light'] * lowfreq(rng, H, W, cells=4)
        tags.append('uneven_lighting')
    for edge, depth, width_mm in prof.get('edges', []):
        w = width_mm * page.dpi / 25.4
        if edge in ('left', 'right'):
            d = np.arange(W, dtype=np.float32) if edge == 'left' else np.arange(W - 1, -1, -1, dtype=np.float32)
            shade *= (1 - depth * np.exp(-d / w))[None, :]
        else:
            d = np.arange(H, dtype=np.float32) if edge == 'top' else np.arange(H - 1, -1, -1, dtype=np.float32)
            shade *= (1 - depth * np.exp(-d / w))[:, None]
        tags.append('edge_shadow')
    bf = prof.get('bookfold')
    if bf:
        side, depth = bf
        w = 14 * page.dpi / 25.4
        d = np.arange(W, dtype=np.float32) if side == 'left' else np.arange(W - 1, -1, -1, dtype=np.float32)
        wob = 1 + 0.15 * (lowfreq(rng, H, 1, cells=6)[:, 0] - 0.5)
        prof_x = np.exp(-d[None, :] / (w * wob[:, None]))
        shade *= 1 - depth * prof_x
        blurred = gblur(a, 2.2 * page.dpi / 300)
        m = np.exp(-d[None, :] / (w * 1.6))
        m = m[..., None] if a.ndim == 3 else m
        a = a * (1 - m) + blurred * m
        tags.append('book_fold_shadow')
    a = a * (shade[..., None] if a.ndim == 3 else shade)
    a = gblur(a, prof.get('blur', 0.6) * page.dpi / 300)
    if prof.get('noise'):
        n = rng.standard_normal(a.shape, dtype=np.float32) * prof['noise']
        a = a + n
    xdpi = ydpi = page.dpi
    if out_mode.startswith('fax'):
        return fax_line(page, a, prof, out_mode, rng)
    if out_mode in ('bw',):
        thr = prof.get('thr', 160)
        bw = a < thr
        sp = prof.get('speckle', 0)
        if sp:
            n = int(sp * W * H)
            bw[rng.integers(0, H, n), rng.integers(0, W, n)] = True
            bw[rng.integers(0, H, n // 2), rng.integers(0, W, n // 2)] = False
            tags.append('speckle_noise')
        a = np.where(bw, 0, 255).astype(np.float32)
        kind = 'bw'
    else:
        kind = 'rgb' if colour else 'gray'
    if prof.get('noise', 0) >= 4:
        tags.append('sensor_noise')
    if prof.get('blur', 0) >= 1.1:
        tags.append('blur')
    rot = prof.get('rot', 0)
    if rot:
        a = np.rot90(a, k=-(rot // 90)).copy()
        tags.append(f'rotated_{rot}')
    return a, kind, (xdpi, ydpi)


def fax_line(page, a, prof, out_mode, rng):
    """Fax transmission: 204 dpi across, 196 (fine) or 98 (normal) lines/inch, bilevel, banding."""
    tags = page.degr
    H, W = a.shape
    fine = out_mode == 'fax-fine'
    ypl = 196 if fine else 98
    q = gray2q(a)
    nw = int(round(W * 204 / page.dpi))
    nh = int(round(H * ypl / page.dpi))
    q = q.scaled(nw, nh, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
    g = q2rgb(q)[..., 0]
    canvas = np.full((nh, 1728), 255, np.float32)
    off = max(0, (1728 - nw) // 2)
    canvas[:, off:off + min(nw, 1728)] = g[:, :min(nw, 1728)]
    bw = canvas < prof.get('thr', 150)
    # banding: dropped lines, smeared lines, thin noise lines
    for _ in range(prof.get('bands', 3)):
        y = int(rng.integers(30, nh - 30))
        k = int(rng.integers(1, 4 if fine else 3))
        mode = rng.random()
        if mode < 0.4:
            bw[y:y + k] = False
        elif mode < 0.8:
            bw[y:y + k * 3] = bw[y - 1][None, :]
        else:
            x0 = int(rng.integers(0, 1200))
            bw[y, x0:x0 + int(rng.integers(100, 520))] = True
    if prof.get('vstreak'):
        x = int(rng.integers(300, 1500))
        bw[:, x] |= rng.random(nh) < 0.85
    n = int(1728 * nh * prof.get('speckle', 3e-5))
    bw[rng.integers(0, nh, n), rng.integers(0, 1728, n)] = True
    tags.append('fax_banding')
    tags.append('fax_204x196' if fine else 'fax_204x98')
    if out_mode == 'fax-stretch':
        bw = np.repeat(bw, 2, axis=0)
        ypl = 196
        tags.append('fax_normal_resolution_stretched_to_fine')
    out = np.where(bw, 0, 255).astype(np.float32)
    return out, 'bw', (204, ypl)

# ----------------------------------------------------------------------------------------------
# encoders: Qt image writers, libtiff tiffcp, QPdfWriter and a minimal own PDF writer
# ----------------------------------------------------------------------------------------------
def to_qimage(arr, kind, dpi):
    if kind == 'rgb':
        q = rgb2q(arr)
    elif kind == 'gray':
        q = gray2q(arr)
    else:
        q = gray2q(arr).convertToFormat(QImage.Format_Mono, Qt.MonoOnly | Qt.ThresholdDither)
    q.setDotsPerMeterX(int(round(dpi[0] / 0.0254)))
    q.setDotsPerMeterY(int(round(dpi[1] / 0.0254)))
    return q


def qwrite(path, q, fmt, quality=-1, compression=None, progressive=False, optimized=False):
    w = QImageWriter(path, fmt.encode())
    if quality >= 0:
        w.setQuality(quality)
    if compression is not None:
        w.setCompression(compression)
    if progressive:
        w.setProgressiveScanWrite(True)
    if optimized:
        w.setOptimizedWrite(True)
    if not w.write(q):
        raise RuntimeError(f'{path}: {w.errorString()}')


def jpeg_bytes(q, quality, progressive=False):
    ba = QByteArray()
    buf = QBuffer(ba)
    buf.open(QIODevice.WriteOnly)
    w = QImageWriter(buf, b'jpeg')
    w.setQuality(quality)
    if progressive:
        w.setProgressiveScanWrite(True)
    if not w.write(q):
        raise RuntimeError(w.errorString())
    buf.close()
    return bytes(ba)


def tiffcp(inputs, out, comp):
    cmd = ['tiffcp'] + (['-c', comp] if comp else []) + inputs + [out]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def write_pdf_own(path, pages, info_date):
    """pages: dicts jpeg, wpx, hpx, gray, wpt, hpt. Image-only PDF, one full-page DCT image per page."""
    objs = {}
    n_pages = len(pages)
    page_ids = []
    nxt = 4
    for pgd in pages:
        pid, cid, iid = nxt, nxt + 1, nxt + 2
        nxt += 3
        page_ids.append(pid)
        cont = f'q\n{pgd["wpt"]:.2f} 0 0 {pgd["hpt"]:.2f} 0 0 cm\n/Im0 Do\nQ\n'.encode()
        objs[pid] = (f'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pgd["wpt"]:.2f} {pgd["hpt"]:.2f}] '
                     f'/Resources << /XObject << /Im0 {iid} 0 R >> >> /Contents {cid} 0 R >>').encode()
        objs[cid] = b'<< /Length %d >>\nstream\n' % len(cont) + cont + b'\nendstream'
        cs = '/DeviceGray' if pgd['gray'] else '/DeviceRGB'
        objs[iid] = (f'<< /Type /XObject /Subtype /Image /Width {pgd["wpx"]} /Height {pgd["hpx"]} '
                     f'/ColorSpace {cs} /BitsPerComponent 8 /Filter /DCTDecode /Length {len(pgd["jpeg"])} >>\nstream\n'
                     ).encode() + pgd['jpeg'] + b'\nendstream'
    objs[1] = b'<< /Type /Catalog /Pages 2 0 R >>'
    objs[2] = ('<< /Type /Pages /Kids [' + ' '.join(f'{i} 0 R' for i in page_ids) + f'] /Count {n_pages} >>').encode()
    objs[3] = f'<< /Producer (ocr13 scan station) /CreationDate (D:{info_date}) >>'.encode()
    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offs = {}
    for i in sorted(objs):
        offs[i] = len(out)
        out += b'%d 0 obj\n' % i + objs[i] + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for i in sorted(objs):
        out += b'%010d 00000 n \n' % offs[i]
    out += b'trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    with open(path, 'wb') as fh:
        fh.write(out)


def write_pdf_qt(path, pages, dpi, fixed_date):
    """pages: (QImage, w_mm, h_mm). QPdfWriter; the creation date Qt writes is replaced (same length)."""
    w = QPdfWriter(path)
    w.setCreator('ocr13 scan station')
    w.setResolution(dpi)
    p = None
    for i, (q, wmm, hmm) in enumerate(pages):
        w.setPageSize(QPageSize(QSizeF(wmm, hmm), QPageSize.Millimeter, '', QPageSize.ExactMatch))
        w.setPageMargins(QMarginsF(0, 0, 0, 0))
        if i == 0:
            p = QPainter(w)
        else:
            w.newPage()
        p.drawImage(QRect(0, 0, w.width(), w.height()), q)
    p.end()
    d = open(path, 'rb').read()
    d, n = re.subn(rb'/CreationDate \(D:\d{14}Z\)', b'/CreationDate (D:' + fixed_date.encode() + b'Z)', d)
    assert n == 1, 'QPdfWriter date not found'
    old = b'/ProcSet [/PDF /Text /ImageB /ImageC]'
    d = d.replace(old, b'/ProcSet [/PDF /ImageB /ImageC]' + b' ' * 6)
    d = re.sub(rb'/Font <<\s*>>', lambda m: b' ' * len(m.group(0)), d)   # empty font dictionaries
    with open(path, 'wb') as fh:
        fh.write(d)


def pdf_check(path):
    """Image-only check: no fonts, no text operators in any (decompressed) content stream."""
    d = open(path, 'rb').read()
    res = {'pages': len(re.findall(rb'/Type\s*/Page\b(?!s)', d)),
           'images': len(re.findall(rb'/Subtype\s*/Image', d)),
           'fonts': len(re.findall(rb'/Font\b', d)), 'text_ops': 0, 'media_boxes': []}
    for m in re.finditer(rb'/MediaBox\s*\[([^\]]*)\]', d):
        res['media_boxes'].append([round(float(v), 1) for v in m.group(1).split()])
    for m in re.finditer(rb'<<((?:(?!>>\s*stream).)*?)>>\s*stream\r?\n', d, re.S):
        hdr = m.group(1)
        if b'/Image' in hdr:
            continue
        ln = re.search(rb'/Length (\d+)(?: 0 R)?', hdr)
        start = m.end()
        end = d.find(b'endstream', start)
        data = d[start:end]
        if b'/FlateDecode' in hdr:
            data = zlib.decompressobj().decompress(data)
        if re.search(rb'(^|\s)(BT|Tj|TJ|Tf)(\s|$)', data):
            res['text_ops'] += 1
    res['image_only'] = res['fonts'] == 0 and res['text_ops'] == 0 and res['images'] >= res['pages'] > 0
    return res


# ----------------------------------------------------------------------------------------------
# document context and flowing layout
# ----------------------------------------------------------------------------------------------
class Ctx:
    def __init__(self, cfg):
        self.cfg = cfg
        self.n = cfg['n']
        self.id = f'doc{self.n:02d}'
        self.r = rng_py(self.id, 'content')
        self.r_tw = rng_py(self.id, 'typewriter')
        self.r_ov = rng_py(self.id, 'overlay')
        self.dpi = 200 if cfg['fmt'].startswith('fax') else cfg['dpi']
        self.pages = []
        self.mode = cfg.get('mode')
        self.nhs_printed = None
        self.dob_printed = None
        self.distractors = []
        self.extra_overlays = []
        r = self.r
        scn = SCENARIOS[cfg.get('scn', (self.n * 7 + 2) % len(SCENARIOS))]
        self.scn = scn
        sex = scn['sex'] or r.choice('MF')
        first = r.choice(FIRST_M if sex == 'M' else FIRST_F)
        era = cfg.get('era', (2016, 2024))
        self.date = rand_date(r, era[0], era[1])
        if self.date.weekday() >= 5:
            self.date = add_days(self.date, 7 - self.date.weekday())
        dob = cfg.get('dob') or rand_date(r, 1931, min(1988, self.date.year - 19))
        title = 'Mr' if sex == 'M' else r.choice(['Mrs', 'Ms', 'Miss', 'Mrs'])
        self.pt = dict(sex=sex, first=first, last=r.choice(SURNAMES), title=title, dob=dob,
                       street=f'{r.randint(1, 140)} {r.choice(STREETS)}', town=r.choice(TOWNS), pc=postcode(r),
                       phone=phone(r), nhs=make_nhs(r), hosp=f'{r.choice(["ZG", "SA", "K", "RZ"])}{r.randint(100000, 9999999)}',
                       age=age_on(dob, self.date))
        pr = PRACTICES[(self.n * 3) % len(PRACTICES)]
        self.pr = dict(name=pr[0], addr=pr[1], town=pr[2], pc=postcode(r), tel=phone(r), fax=phone(r),
                       code=f'Z{r.randint(81000, 89999)}', gp=r.choice(GP_NAMES), email=None)
        self.pr['email'] = re.sub(r'[^a-z]', '', pr[0].lower())[:14] + '@zx.nhs.invalid'
        h = HOSPITALS[self.n % len(HOSPITALS)]
        self.hosp = dict(name=h[0], addr=h[1], town=h[2], pc=postcode(r), tel=phone(r), trust=TRUSTS[self.n % 3],
                         cons=r.choice(CONSULTANTS))
        self.he = 'he' if sex == 'M' else 'she'
        self.his = 'his' if sex == 'M' else 'her'
        self.him = 'him' if sex == 'M' else 'her'
        self.man = 'man' if sex == 'M' else 'woman'

    def opt(self, k, default=None):
        return self.cfg.get('opts', {}).get(k, default)

    def new_page(self, size='A4', paper=None, landscape=False):
        pg = Page(self, size, self.dpi, paper or self.cfg.get('paper', 'white'), landscape)
        pg.mode = self.mode
        if self.cfg.get('ink'):
            pg.ink = QColor(*self.cfg['ink'])
        self.pages.append(pg)
        return pg

    def NHS(self, style=None):
        s = fmt_nhs(self.pt['nhs'], style or self.cfg.get('nhs_style', 'spaced'))
        if self.nhs_printed is None:
            self.nhs_printed = s
        return s

    def DOB(self, style=None):
        s = fmt_date(self.pt['dob'], style or self.cfg.get('dob_style', 'dmy/'))
        if self.dob_printed is None:
            self.dob_printed = s
        return s

    def D(self, text, typ, in_gt=True):
        if not any(d['text'] == text and d['type'] == typ for d in self.distractors):
            self.distractors.append({'text': text, 'type': typ, 'in_gt': in_gt})
        return text

    def name(self, style='full'):
        p = self.pt
        return {'full': f'{p["title"]} {p["first"]} {p["last"]}',
                'FULL': f'{p["title"]} {p["first"]} {p["last"].upper()}',
                'last,first': f'{p["last"].upper()}, {p["first"]} ({p["title"]})',
                'LAST first': f'{p["last"].upper()} {p["first"]}',
                'short': f'{p["title"]} {p["last"]}'}[style]

    def addr_lines(self):
        p = self.pt
        return [p['street'], p['town'], COUNTY, p['pc']]

    def addr_one(self):
        p = self.pt
        return f'{p["street"]}, {p["town"]}, {p["pc"]}'

    def dt(self, d, style):
        return fmt_date(d, style)


class Flow:
    def __init__(self, ctx, size='A4', paper=None, margins=(22, 18, 20, 22), header=None, first=None):
        self.ctx, self.size, self.paper = ctx, size, paper
        self.l, self.t, self.rm, self.b = margins
        self.header = header
        self.pages = []
        self.new_page()
        if first is not None:
            self.y = first

    def new_page(self):
        size = self.size[min(len(self.pages), len(self.size) - 1)] if isinstance(self.size, list) else self.size
        pg = self.ctx.new_page(size, self.paper)
        self.pages.append(pg)
        self.pg = pg
        self.y = self.t
        if self.header and len(self.pages) > 1:
            self.y = self.header(pg, len(self.pages))

    @property
    def w(self):
        return self.pg.w_mm - self.l - self.rm

    @property
    def bottom(self):
        return self.pg.h_mm - self.b

    def break_to(self, target):
        """Start a new page here if the flow has fewer than `target` pages so far."""
        if len(self.pages) < target and self.y > self.t + 20:
            self.new_page()

    def ensure(self, mm):
        if self.y + mm > self.bottom:
            self.new_page()

    def space(self, mm):
        self.y += mm

    def para(self, s, font, align='left', leading=1.0, after=2.0, x=None, w=None, color=None, mode=None,
             label=None, label_font=None, label_w=0.0, keep=0):
        x = self.l if x is None else x
        w = (self.w - (x - self.l)) if w is None else w
        xt, wt = x + label_w, w - label_w
        pg = self.pg
        lay, lines, fm = pg.layout(s, font, wt, align)
        lh = pg.to_mm(fm.lineSpacing() * leading)
        if keep:
            self.ensure(lh * min(keep, len(lines)))
        for i, ln in enumerate(lines):
            if self.y + lh > self.bottom:
                self.new_page()
            pg = self.pg
            if mode == 'typewriter' or (mode is None and pg.mode == 'typewriter'):
                pg._tw_font = font
            pre = ''
            if i == 0 and label:
                lf = label_font or font
                top = self.y + pg.to_mm(fm.ascent() - QFontMetricsF(lf, pg.img).ascent())
                if pg.mode == 'typewriter':
                    pg._tw_font = lf
                pg.text(x, top, label, lf, color, record=False)
                if pg.mode == 'typewriter':
                    pg._tw_font = font
                pre = label + ' '
            pg.draw_line(ln, s, pg.mm(xt), pg.mm(self.y), color, mode, True, prefix=pre)
            self.y += lh
        self.y += after

    def heading(self, s, font, shade=None, rule=False, after=1.5, color=None, pad=1.0, x=None, keep=14):
        self.ensure(keep)
        pg = self.pg
        x = self.l if x is None else x
        h = pg.line_h(font)
        if shade is not None:
            pg.rect(x, self.y, self.w - (x - self.l), h + 2 * pad, 0, fill=shade)
            self.y += pad
        pg.text(x + (1.5 if shade is not None else 0), self.y, s, font, color)
        self.y += h + (pad if shade is not None else 0)
        if rule:
            pg.hline(x, self.l + self.w, self.y + 0.3, 0.3)
            self.y += 0.8
        self.y += after

    def table(self, colw, rows, font, hfont=None, header=False, x=None, **kw):
        x = self.l if x is None else x
        for i, row in enumerate(rows):
            f = hfont if (header and i == 0 and hfont) else font
            h = self.pg.line_h(f) + 2 * kw.get('pad', 1.2) * 0.6
            h = max(h, kw.get('min_h') or 0)
            if self.y + h > self.bottom:
                self.new_page()
            self.y = self.pg.table(x, self.y, colw, [row], f, hfont=hfont, header=(header and i == 0), **kw)
        return self.y

    def finish(self, footer=None):
        n = len(self.pages)
        if footer:
            for i, pg in enumerate(self.pages):
                footer(pg, i + 1, n)
        return self.pages

# ----------------------------------------------------------------------------------------------
# shared letter pieces
# ----------------------------------------------------------------------------------------------
BLUE = QColor(0, 84, 164)
GREY_SHADE = QColor(222, 222, 222)


def join_list(items):
    items = list(items)
    return items[0] if len(items) == 1 else ', '.join(items[:-1]) + ' and ' + items[-1]


def dear(name):
    parts = name.split()
    return f'Dear {parts[0]} {parts[-1]},'


def practice_head(pg, ctx, style, fam, y=14, color=None, emb=0, L=22):
    pr = ctx.pr
    R = pg.w_mm - 20
    col = color or QColor(20, 70, 120)
    big = pg.font(fam, 16, bold=True)
    sm = pg.font(fam, 8.5)
    addr = f'{pr["addr"]}, {pr["town"]}, {COUNTY} {pr["pc"]}'
    tel = f'Tel: {ctx.D(pr["tel"], "phone")}   Fax: {ctx.D(pr["fax"], "fax")}'
    if style == 'center':
        pg.emblem(pg.w_mm / 2 - 6, y, 12, col, emb)
        y += 14
        y, _ = pg.text(pg.w_mm / 2, y, pr['name'], big, col, 'center')
        y, _ = pg.text(pg.w_mm / 2, y, addr, sm, None, 'center')
        y, _ = pg.text(pg.w_mm / 2, y, tel, sm, None, 'center')
        pg.hline(L, R, y + 1.5, 0.4, col)
        return y + 6
    if style == 'left':
        pg.emblem(L, y, 16, col, emb)
        x = L + 20
        yy, _ = pg.text(x, y, pr['name'], big, col)
        yy, _ = pg.text(x, yy, addr, sm)
        yy, _ = pg.text(x, yy, tel, sm)
        return max(yy, y + 16) + 6
    # 'right': logo left, practice block right-aligned
    pg.nhs_logo(L, y, 8)
    yy, _ = pg.text(R, y, pr['name'], big, col, 'right')
    for line in [pr['addr'], pr['town'], f'{COUNTY} {pr["pc"]}', tel]:
        yy, _ = pg.text(R, yy, line, sm, None, 'right')
    return yy + 6


def trust_head(pg, ctx, fam, y=12, dept=None, L=22):
    """Hospital letterhead: department left, NHS lozenge + trust name right (two columns)."""
    h = ctx.hosp
    R = pg.w_mm - 18
    pg.nhs_logo(R - 24, y, 9.8)
    f = pg.font(fam, 9)
    fb = pg.font(fam, 10.5, bold=True)
    yl = y
    yl, _ = pg.text(L, yl, dept or f'Department of {ctx.scn["sp"]}', fb)
    for line in [h['name'], h['addr'], f'{h["town"]} {h["pc"]}', f'Tel: {ctx.D(h["tel"], "phone")}']:
        yl, _ = pg.text(L, yl, line, f)
    yr = y + 12
    parts = h['trust'].split(' NHS ')
    yr, _ = pg.text(R, yr, parts[0], pg.font(fam, 10, bold=True), BLUE, 'right')
    yr, _ = pg.text(R, yr, 'NHS ' + parts[1], pg.font(fam, 10), BLUE, 'right')
    return max(yl, yr) + 5


def block(pg, x, y, lines, font, align='left', color=None):
    for ln in lines:
        y, _ = pg.text(x, y, ln, font, color, align)
    return y


def recipient(ctx):
    h = ctx.hosp
    return [h['cons'], f'Consultant, {ctx.scn["sp"]}', h['name'], h['addr'], h['town'], h['pc']]


def gp_recipient(ctx):
    pr = ctx.pr
    return [f'Dr {pr["gp"]}', pr['name'], pr['addr'], pr['town'], pr['pc']]


def referral_paras(ctx, long=False, opener=None):
    s, r = ctx.scn, ctx.r
    age, man = ctx.pt['age'], ctx.man
    op = opener if opener is not None else r.randrange(3)
    first = [f'Thank you for seeing this {age} year old {man} who presents with {s["complaint"]}.',
             f'I would be grateful if you could see this {age} year old {man} with {s["complaint"]}.',
             f'Many thanks for seeing {ctx.name("short")}, a {age} year old {man} with {s["complaint"]}.'][op]
    paras = [first, ' '.join(s['hist']), f'On examination: {s["exam"]}.', s['inv'], s['req']]
    if long:
        paras.insert(3, f'{ctx.his.capitalize()} past medical history includes {join_list(s["pmh"]).lower()}. '
                        f'{ctx.he.capitalize()} currently takes {join_list(m.split()[0].lower() for m in s["meds"])}.')
        paras.append(f'I have explained the reason for referral and {ctx.he} is happy to attend at short notice. '
                     f'{ctx.his.capitalize()} daytime telephone number is {ctx.D(ctx.pt["phone"], "phone")}.')
    paras.append(r.choice(['Many thanks for your help.', f'Thank you for your help with {ctx.his} care.',
                           'With kind regards.']))
    return paras


def signoff(fl, ctx, font, fontb, signer, role, extra=(), close='Yours sincerely,'):
    fl.ensure(32)
    fl.para(close, font, after=1)
    scribble(fl.pg, fl.l + 2, fl.y + 6, 34, ctx.r_ov)
    fl.y += 13
    fl.para(signer, fontb, after=0)
    for e in [role] + list(extra):
        if e:
            fl.para(e, font, after=0)
    fl.y += 2


def small_footer(pg, text, fam, pt=7.5, y=None, align='center', L=20):
    f = pg.font(fam, pt)
    y = pg.h_mm - 17 if y is None else y
    return pg.para(L, y, pg.w_mm - 2 * L, text, f, align=align)


def page_x_of_y(fam, pt=8, prefix='Page', y_from_bottom=10, align='right'):
    def foot(pg, i, n):
        f = pg.font(fam, pt)
        if align == 'right':
            pg.text(pg.w_mm - 20, pg.h_mm - y_from_bottom, f'{prefix} {i} of {n}', f, align='right')
        else:
            pg.text(pg.w_mm / 2, pg.h_mm - y_from_bottom, f'{prefix} {i} of {n}', f, align='center')
    return foot


def re_lines(ctx, style, fb, f):
    """Return list of (text, font) lines for the 'Re:' block."""
    p = ctx.pt
    if style == 'row':
        return [(f'Re: {ctx.name("FULL")}   DOB: {ctx.DOB()}   NHS No: {ctx.NHS()}', fb),
                (ctx.addr_one(), f)]
    if style == 'stack':
        return [(f'Re: {ctx.name("full")}', fb), (f'Date of Birth: {ctx.DOB()}', fb),
                (f'NHS Number: {ctx.NHS()}', fb), (ctx.addr_one(), f)]
    if style == 'stack2':
        return [(f'RE: {ctx.name("FULL")} - D.O.B. {ctx.DOB()}', fb), (f'NHS No. {ctx.NHS()}', fb),
                (ctx.addr_one(), fb)]
    raise ValueError(style)

# ----------------------------------------------------------------------------------------------
# layouts: GP referral letters
# ----------------------------------------------------------------------------------------------
def L_ers(ctx):
    """NHS e-Referral Service export (tables of patient and referral details)."""
    fam = ctx.opt('font', 'Arimo')
    size = ctx.opt('size', 'A4')
    v = ctx.opt('v', 0)
    long = ctx.opt('long', False)
    r = ctx.r
    fl = Flow(ctx, size=size, margins=(18, 16, 18, 24))
    pg = fl.pg
    f = pg.font(fam, 9.5)
    fb = pg.font(fam, 9.5, bold=True)
    fs = pg.font(fam, 7.5)
    pg.nhs_logo(pg.w_mm - 18 - 24.5, 12, 10)
    y, _ = pg.text(18, 12, 'NHS e-Referral Service', pg.font(fam, 15, bold=True))
    y, _ = pg.text(18, y, ['Referral Letter', 'Clinical Referral Information', 'Referral Request Summary'][v], pg.font(fam, 11))
    t = f'{r.randint(8, 17):02d}:{r.randint(0, 59):02d}'
    printed = ctx.D(f'{ctx.dt(add_days(ctx.date, r.randint(1, 6)), "dmy/")} {t}', 'print_timestamp')
    y, _ = pg.text(18, y + 1, f'Printed {printed} by ZGH Referral Management Centre', fs)
    fl.y = y + 4
    ubrn = f'{r.randint(0, 9999):04d} {r.randint(0, 9999):04d} {r.randint(0, 9999):04d}'
    ctx.D(ubrn, 'ubrn')
    W = fl.w
    fl.heading('Patient Details', fb, shade=GREY_SHADE)
    nstyle = ['spaced', 'plain', 'spaced'][v]
    dstyle = ['d-Mon-y', 'd Month y', 'dmy/'][v]
    rows = [('Name', ctx.name('FULL')), ('NHS Number', ctx.NHS(nstyle)), ('Date of Birth', ctx.DOB(dstyle)),
            ('Gender', 'Male' if ctx.pt['sex'] == 'M' else 'Female'), ('Address', ctx.addr_one()),
            ('Telephone', ctx.D(ctx.pt['phone'], 'phone'))]
    fl.table([46, W - 46], rows, f, grid='grid')
    fl.y += 4
    fl.heading('Referral Details', fb, shade=GREY_SHADE)
    rd = add_days(ctx.date, -r.randint(0, 3))
    rows = [('UBRN', ubrn), ('Priority', ctx.scn['urg'] if ctx.scn['urg'] != '2WW' else 'Two Week Wait'),
            ('Specialty', ctx.scn['sp']), ('Clinic Type', ctx.scn['clinic']),
            ('Service', f'{ctx.scn["sp"]} - {ctx.hosp["name"]}'), ('Referring Clinician', f'Dr {ctx.pr["gp"]}'),
            ('Referring Organisation', f'{ctx.pr["name"]} ({ctx.D(ctx.pr["code"], "practice_code")})'),
            ('Date Referral Created', ctx.D(ctx.dt(rd, dstyle), 'referral_date'))]
    fl.table([46, W - 46], rows, f, grid='grid')
    fl.y += 4
    fl.heading('Clinical Information', fb, shade=GREY_SHADE)
    for ptext in referral_paras(ctx, long=long):
        fl.para(ptext, f, after=2.2, leading=1.1)
    if long:
        fl.y += 2
        fl.heading('Past Medical History', fb, rule=True)
        for i, pm in enumerate(ctx.scn['pmh'] + r.sample(PMH_EXTRA, 2)):
            fl.para(pm, f, after=0.6)
        fl.y += 2
        fl.heading('Current Medication', fb, rule=True)
        fl.table([90, 40, W - 130], [('Medication', 'Issued', 'Type')] +
                 [(m, ctx.D(ctx.dt(add_days(ctx.date, -r.randint(5, 60)), dstyle), 'issue_date'), 'Repeat')
                  for m in ctx.scn['meds']], f, hfont=fb, header=True, grid='h')
        fl.y += 3
        fl.heading('Allergies', fb, rule=True)
        fl.para(r.choice(ALLERGIES), f)
    fl.finish(lambda pg, i, n: pg.row(pg.h_mm - 12, [(18, f'UBRN: {ubrn}', fs, 'left'),
                                                     (pg.w_mm - 18, f'Page {i} of {n}', fs, 'right')]))


def L_proforma(ctx):
    """Tick-box referral proforma: 2WW suspected cancer, or MSK triage."""
    fam = ctx.opt('font', 'Cantarell')
    v = ctx.opt('v', 0)
    r = ctx.r
    fl = Flow(ctx, margins=(15, 14, 15, 20))
    pg = fl.pg
    f = pg.font(fam, 9)
    fb = pg.font(fam, 9, bold=True)
    fs = pg.font(fam, 7.5)
    W = fl.w
    title = ['SUSPECTED LOWER GI CANCER REFERRAL', 'MUSCULOSKELETAL SERVICES REFERRAL FORM'][v]
    pg.rect(15, 14, W, 11, 0, fill=QColor(30, 30, 30) if v == 0 else QColor(0, 94, 70))
    pg.text(15 + W / 2, 16.2, title, pg.font(fam, 13, bold=True), QColor(255, 255, 255), 'center')
    fl.y = 27
    sub = ['Two week wait - send via e-RS within 24 hours of the decision to refer. Incomplete forms will be returned.',
           'For adults with MSK conditions. Please complete all sections and attach relevant imaging reports.'][v]
    fl.para(sub, pg.font(fam, 8, italic=True), after=3)
    fl.heading('1. Patient details', fb, after=1)
    p = ctx.pt
    if ctx.opt('boxes'):
        ctx.NHS('boxes')
    rows = [('Surname', p['last'].upper(), 'Forename(s)', p['first']),
            ('Date of birth', ctx.DOB(), 'Gender', 'Male' if p['sex'] == 'M' else 'Female'),
            ('Address', p['street'], 'Town', p['town']),
            ('Postcode', p['pc'], 'Telephone', ctx.D(p['phone'], 'phone'))]
    if not ctx.opt('boxes'):
        rows.insert(1, ('NHS number', ctx.NHS(), 'Hospital number', ''))
    cw = [30, W / 2 - 30, 32, W / 2 - 32]
    fl.table(cw, rows, f, grid='grid', pad=1.5)
    if ctx.opt('boxes'):
        # NHS number written in ten boxes, one digit per box
        y = fl.y + 2
        fl.pg.text(15, y + 1, 'NHS number', fb, record=False)
        x0 = 45
        for i, dch in enumerate(ctx.pt['nhs']):
            fl.pg.rect(x0 + i * 6.5, y, 6.5, 7, 0.3)
            fl.pg.text(x0 + i * 6.5 + 3.25, y + 1.2, dch, pg.font(fam, 11), align='center', record=False)
        fl.pg.add_gt('NHS number ' + ' '.join(ctx.pt['nhs']), QRectF(fl.pg.mm(15), fl.pg.mm(y), fl.pg.mm(120), fl.pg.mm(7)))
        fl.y = y + 10
    fl.y += 3
    if v == 0:
        fl.heading('2. Referral criteria (tick all that apply)', fb, after=1)
        crit = ['Aged 40 and over with unexplained weight loss and abdominal pain',
                'Aged 50 and over with unexplained rectal bleeding',
                'Aged 60 and over with iron-deficiency anaemia or change in bowel habit',
                'Positive faecal immunochemical test (FIT 10 ug Hb/g or more)',
                'Rectal or abdominal mass', 'Other - please give details below']
        ticked = {2, 3}
    else:
        fl.heading('2. Referral to (tick one)', fb, after=1)
        crit = ['MSK physiotherapy', 'Orthopaedic surgical opinion', 'Rheumatology', 'Pain management service',
                'Podiatric surgery']
        ticked = {1}
    for i, c in enumerate(crit):
        fl.pg.tickbox(20, fl.y + 0.4)
        if i in ticked:
            tick(fl.pg, 20.2, fl.y + 0.2, ctx.r_ov, cross=(v == 1))
        fl.para(c, f, x=27, after=1.2)
    fl.y += 2
    fl.heading('3. Clinical details and relevant history', fb, after=1)
    y0 = fl.y
    for ptext in referral_paras(ctx)[1:-1]:
        fl.para(ptext, f, x=18, w=W - 6, after=1.5)
    fl.pg.rect(15, y0 - 1.5, W, fl.y - y0 + 2, 0.25)
    fl.y += 3
    fl.heading('4. Referrer', fb, after=1)
    fl.y = fl.pg.row(fl.y, [(15, f'GP: Dr {ctx.pr["gp"]}', f, 'left'),
                           (95, f'Practice code: {ctx.D(ctx.pr["code"], "practice_code")}', f, 'left'),
                           (150, f'Date: {ctx.D(ctx.dt(ctx.date, "dmy/"), "letter_date")}', f, 'left')]) + 1
    fl.y = fl.pg.row(fl.y, [(15, f'{ctx.pr["name"]}', f, 'left'),
                           (95, f'Tel: {ctx.D(ctx.pr["tel"], "phone")}', f, 'left')]) + 2
    fl.pg.text(15, fl.y, 'Signature:', f)
    scribble(fl.pg, 35, fl.y + 3, 30, ctx.r_ov)
    fl.y += 10
    if v == 0:
        fl.new_page()
        fl.heading('5. Investigations (results within last 3 months)', fb, after=1)
        rows = [('Test', 'Result', 'Reference range', 'Date')]
        for t in ctx.scn['tests'] + [('FIT', '142', '< 10 ug Hb/g', '')]:
            rows.append((t[0], f'{t[1]} {t[2]}' if t[0] != 'FIT' else '142 ug Hb/g', t[3] if t[0] != 'FIT' else '< 10',
                         ctx.D(ctx.dt(add_days(ctx.date, -r.randint(3, 40)), 'dmy/'), 'result_date')))
        fl.table([55, 45, 45, W - 145], rows, f, hfont=fb, header=True, grid='grid', shade=GREY_SHADE)
        fl.y += 4
        fl.heading('6. Patient information', fb, after=1)
        for q in ['Patient informed this is a suspected cancer referral', 'Patient given 2WW information leaflet',
                  'Patient available in the next 14 days', 'Interpreter required']:
            y = fl.y
            fl.y = fl.pg.row(y, [(18, q, f, 'left'), (140, 'Yes', f, 'left'), (160, 'No', f, 'left')])
            fl.pg.tickbox(150, y + 0.3)
            fl.pg.tickbox(170, y + 0.3)
            tick(fl.pg, 150.2 if 'Interpreter' not in q else 170.2, y + 0.1, ctx.r_ov)
            fl.y += 2
        fl.y += 2
        fl.pg.row(fl.y, [(18, 'WHO performance status', f, 'left')] +
                  [(100 + i * 12, str(i), f, 'left') for i in range(5)])
        fl.pg.p.setPen(QPen(PEN_COLOURS[0], fl.pg.mm(0.4)))
        fl.pg.p.drawEllipse(QPointF(fl.pg.mm(101.2 + 12), fl.pg.mm(fl.y + 1.8)), fl.pg.mm(3), fl.pg.mm(2.8))
        ctx.extra_overlays.append('pen circle around WHO status 1')
        fl.y += 10
        fl.heading('7. Safety netting', fb, after=1)
        fl.para('The practice will follow up this referral if the patient has not been contacted within 14 days. '
                'Please send the outcome to the referring practice and copy to the patient.', f)
    fl.finish(lambda pg, i, n: (small_footer(pg, f'Zedshire Cancer Alliance - version 4.{v + 2} - {["Lower GI", "MSK"][v]} - page {i} of {n}', fam, 7, y=pg.h_mm - 12)))


def L_dictated(ctx):
    """Dictated GP letter; options: head style, thin serif, justified, halftone letterhead, two pages."""
    fam = ctx.opt('font', 'Tinos')
    hfam = ctx.opt('hfont', fam)
    pt = ctx.opt('pt', 11)
    r = ctx.r
    long = ctx.opt('long', False)
    head = ctx.opt('head', 'center')

    def run_head(pg, i):
        f = pg.font(fam, 8.5, italic=True)
        pg.text(22, 14, f'{ctx.name("full")} - NHS No {ctx.NHS()} - continued', f)
        return 24
    fl = Flow(ctx, margins=(22, 18, 20, 26), header=run_head if long else None)
    pg = fl.pg
    if ctx.opt('halftone'):
        def draw(sub):
            practice_head(sub, ctx, head, hfam, y=8, color=QColor(30, 90, 150), emb=ctx.opt('emb', 1))
            sub.rect(0, 0, sub.w_mm, 5, 0, fill=QColor(120, 170, 210))
        halftone_band(pg, 0, 44, draw, lpi=ctx.opt('lpi', 120))
        y = 46
    else:
        y = practice_head(pg, ctx, head, hfam, emb=ctx.opt('emb', 0))
    f = pg.font(fam, pt, weight=ctx.opt('weight'))
    fb = pg.font(fam, pt, bold=True)
    ya = block(pg, 22, y + 4, recipient(ctx), f)
    ours = f'Our ref: {ctx.pr["gp"].replace(". ", "")[:2].upper()}/{ctx.pt["last"][:2].upper()}{r.randint(100, 999)}'
    ctx.D(ours.split(': ')[1], 'reference')
    date_s = ctx.D(ctx.dt(ctx.date, ctx.opt('date_style', 'd Month y')), 'letter_date')
    yb = block(pg, 130, y + 4, [ours, f'Date: {date_s}' if r.random() < 0.5 else date_s], f)
    fl.y = max(ya, yb) + 7
    fl.para(dear(ctx.hosp['cons']), f, after=3)
    for t, fnt in re_lines(ctx, ctx.opt('re', 'stack'), fb, f):
        fl.para(t, fnt, after=0.3)
    fl.y += 3
    align = 'justify' if ctx.opt('justify') else 'left'
    for ptext in referral_paras(ctx, long=long):
        fl.para(ptext, f, align=align, leading=ctx.opt('leading', 1.08), after=3)
    if long:
        fl.break_to(2)
        fl.heading('Current medication', fb, after=1)
        for m in ctx.scn['meds']:
            fl.para(m, f, x=28, after=0.5)
        fl.y += 2
        fl.para(f'Allergies: {r.choice(ALLERGIES)}', f)
    signoff(fl, ctx, f, fb, f'Dr {ctx.pr["gp"]}', 'General Practitioner',
            [f'GMC {ctx.D(str(r.randint(3000000, 7999999)), "gmc_number")}'] if r.random() < 0.5 else [])
    typed = ctx.D(ctx.dt(add_days(ctx.date, 1), 'dmy/'), 'typed_date')
    fl.para(f'Dictated {ctx.dt(ctx.date, "dmy/")}, typed {typed} - not checked by the author', pg.font(fam, 8, italic=True), after=0)
    fl.para('cc: Patient', pg.font(fam, 8), after=0)
    foot = ctx.opt('footer', f'{ctx.pr["name"]} is part of the Zedbury Primary Care Network. '
                             f'This letter contains confidential information intended only for the addressee.')

    def footer(pg, i, n):
        small_footer(pg, foot, fam, ctx.opt('foot_pt', 7.5), y=pg.h_mm - 18)
        if n > 1:
            pg.text(pg.w_mm / 2, pg.h_mm - 10, f'Page {i} of {n}', pg.font(fam, 8), align='center')
    fl.finish(footer)


def L_soap(ctx):
    """GP consultation note in SOAP format used as the referral."""
    fam = ctx.opt('font', 'Cousine')
    pt = ctx.opt('pt', 10)
    r = ctx.r
    fl = Flow(ctx, margins=(20, 16, 18, 22))
    pg = fl.pg
    f = pg.font(fam, pt)
    fb = pg.font(fam, pt, bold=True)
    W = fl.w
    y, _ = pg.text(20, 16, 'GP Consultation Note - Referral Copy', pg.font(fam, 13, bold=True))
    y, _ = pg.text(20, y, f'{ctx.pr["name"]} ({ctx.D(ctx.pr["code"], "practice_code")})', f)
    pg.hline(20, 20 + W, y + 1.5, 0.5)
    fl.y = y + 4
    fl.y = pg.row(fl.y, [(20, f'Patient: {ctx.name("last,first")}', fb, 'left'),
                         (125, f'DOB: {ctx.DOB()}', fb, 'left')]) + 0.5
    fl.y = pg.row(fl.y, [(20, f'NHS: {ctx.NHS()}', fb, 'left'),
                         (125, f'Tel: {ctx.D(ctx.pt["phone"], "phone")}', f, 'left')]) + 0.5
    fl.para(f'Address: {ctx.addr_one()}', f, after=1)
    t = f'{r.randint(8, 17):02d}:{r.choice(["00", "10", "20", "30", "40", "50"])}'
    cdate = ctx.D(ctx.dt(ctx.date, 'dmy/'), 'consultation_date')
    fl.para(f'Consultation: {cdate} {t}  Dr {ctx.pr["gp"]}  (Surgery)', f, after=1)
    pg.hline(20, 20 + W, fl.y + 0.5, 0.25)
    fl.y += 4
    s = ctx.scn
    secs = [('S:', f'{s["complaint"].capitalize()}. ' + ' '.join(s['hist'])),
            ('O:', f'{s["exam"].capitalize()}. {s["inv"]}'),
            ('A:', f'{s["sp"]} referral indicated - {s["complaint"]}.'),
            ('P:', f'{s["req"]} Referred {s["urg"].lower() if s["urg"] != "2WW" else "under 2WW"} to {s["clinic"]}. '
                   f'Safety-netting advice given. Review after clinic.')]
    for lab, txt in secs:
        fl.para(txt, f, label=lab, label_font=fb, label_w=12, after=2.5)
    fl.y += 2
    fl.para('Medication:', fb, after=0.5)
    for m in s['meds']:
        fl.para(f'- {m}', f, x=26, after=0.3)
    fl.y += 2
    fl.para(f'Allergies: {r.choice(ALLERGIES)}', f, after=3)
    fl.para(f'Entered by Dr {ctx.pr["gp"]} on {cdate} {t}. Printed copy for referral.', pg.font(fam, 8), after=0)
    fl.finish()


def L_emis(ctx):
    """EMIS Web style referral print: patient banner, grey section bars, problem/medication tables."""
    fam = ctx.opt('font', 'Arimo')
    r = ctx.r
    long = ctx.opt('long', False)
    fl = Flow(ctx, margins=(16, 14, 16, 20))
    pg = fl.pg
    f = pg.font(fam, 9)
    fb = pg.font(fam, 9, bold=True)
    fs = pg.font(fam, 7.5)
    W = fl.w
    printed = ctx.D(f'{ctx.dt(ctx.date, "d-Mon-y")} {r.randint(8, 18):02d}:{r.randint(0, 59):02d}', 'print_timestamp')
    pg.row(10, [(16, 'EMIS Web', fs, 'left'), (60, 'Referral Letter', fs, 'left'),
                (16 + W, f'Printed {printed} by Dr {ctx.pr["gp"]}', fs, 'right')])
    y, _ = pg.text(16, 16, ctx.name('FULL'), pg.font(fam, 15, bold=True))
    pg.rect(16, y + 1, W, 16, 0, fill=QColor(232, 238, 244))
    age = ctx.pt['age']
    y2 = pg.row(y + 2.5, [(19, f'Born {ctx.DOB("d-Mon-y")} ({age}y)', f, 'left'),
                          (85, f'Gender {"Male" if ctx.pt["sex"] == "M" else "Female"}', f, 'left'),
                          (125, f'NHS Number {ctx.NHS()}', fb, 'left')])
    y2 = pg.row(y2 + 0.5, [(19, ctx.addr_one(), f, 'left'),
                           (125, f'Home {ctx.D(ctx.pt["phone"], "phone")}', f, 'left')])
    pg.row(y2 + 0.5, [(19, f'Usual GP Dr {ctx.pr["gp"]}', f, 'left'),
                      (125, f'Hosp no {ctx.D(ctx.pt["hosp"], "hospital_number")}', f, 'left')])
    fl.y = y + 21
    bar = QColor(200, 206, 214)
    fl.heading(f'Referral to {ctx.scn["sp"]} - {ctx.scn["clinic"]}', fb, shade=bar)
    fl.para(f'To: {ctx.hosp["cons"]}, {ctx.hosp["name"]}', f, after=1)
    fl.para(f'Urgency: {ctx.scn["urg"]}    Referral date: {ctx.D(ctx.dt(ctx.date, "d-Mon-y"), "referral_date")}', f, after=2)
    for ptext in referral_paras(ctx, long=False, opener=1):
        fl.para(ptext, f, after=1.8)
    fl.y += 1.5
    fl.heading('Problems', fb, shade=bar)
    rows = [('Date', 'Problem', 'Status')]
    for pm in ctx.scn['pmh'] + ([r.choice(PMH_EXTRA)] if long else []):
        rows.append((ctx.D(ctx.dt(rand_date(r, 1995, ctx.date.year - 1), 'd-Mon-y'), 'problem_date'), pm, 'Active'))
    fl.table([30, 110, W - 140], rows, f, hfont=fb, header=True, grid='h')
    fl.y += 3
    fl.heading('Medication', fb, shade=bar)
    rows = [('Drug and dosage', 'Last issued', 'Type')]
    for m in ctx.scn['meds']:
        rows.append((m, ctx.D(ctx.dt(add_days(ctx.date, -r.randint(3, 50)), 'd-Mon-y'), 'issue_date'), 'Repeat'))
    fl.table([112, 30, W - 142], rows, f, hfont=fb, header=True, grid='h')
    fl.y += 3
    fl.heading('Allergies', fb, shade=bar)
    fl.para(r.choice(ALLERGIES), f)
    if long:
        fl.y += 2
        fl.break_to(2)
        fl.heading('Values', fb, shade=bar)
        rows = [('Date', 'Value', 'Result')]
        d = ctx.date
        vals = [('Blood pressure', f'{r.randint(128, 162)}/{r.randint(76, 96)} mmHg'), ('Weight', f'{r.randint(58, 104)} kg'),
                ('Body mass index', f'{r.randint(21, 35)}.{r.randint(0, 9)} kg/m2'),
                ('Smoking status', r.choice(['Ex-smoker', 'Never smoked', 'Current smoker'])),
                ('Alcohol intake', f'{r.randint(0, 24)} units/week')] + [(t[0], f'{t[1]} {t[2]}') for t in ctx.scn['tests']]
        for name, val in vals:
            rows.append((ctx.D(ctx.dt(add_days(d, -r.randint(2, 90)), 'd-Mon-y'), 'result_date'), name, val))
        fl.table([30, 70, W - 100], rows, f, hfont=fb, header=True, grid='h')
        fl.y += 3
        fl.heading('Recent consultations', fb, shade=bar)
        for k in range(3):
            dd = add_days(ctx.date, -r.randint(20, 300))
            fl.para(f'{ctx.dt(dd, "d-Mon-y")} - Dr {r.choice(GP_NAMES)}', fb, after=0.5)
            fl.para(r.choice(['Medication review. Bloods requested.', 'Telephone consultation. Symptoms ongoing. '
                              'Advised to book a face to face appointment.', 'Annual review completed. No changes.',
                              'Seen with family member. History as before.']), f, after=2)
    fl.y += 2
    fl.para(f'Dr {ctx.pr["gp"]}, {ctx.pr["name"]}, {ctx.pr["addr"]}, {ctx.pr["town"]} {ctx.pr["pc"]}', fs, after=0)
    fl.finish(lambda pg, i, n: pg.row(pg.h_mm - 11, [(16, f'{ctx.name("FULL")}  NHS {ctx.NHS()}', fs, 'left'),
                                                     (pg.w_mm - 16, f'Page {i} of {n}', fs, 'right')]))


def L_systmone(ctx):
    """SystmOne style print: bordered demographics table and dated journal entries."""
    fam = ctx.opt('font', 'Cantarell')
    r = ctx.r
    long = ctx.opt('long', False)
    fl = Flow(ctx, size=ctx.opt('size', 'A4'), margins=(18, 16, 18, 22))
    pg = fl.pg
    f = pg.font(fam, 9.5)
    fb = pg.font(fam, 9.5, bold=True)
    fs = pg.font(fam, 7.5)
    W = fl.w
    y, _ = pg.text(18, 16, 'Referral Letter', pg.font(fam, 16, bold=True))
    y, _ = pg.text(18, y, f'{ctx.pr["name"]}, {ctx.pr["addr"]}, {ctx.pr["town"]} {ctx.pr["pc"]}', f)
    y, _ = pg.text(18, y, f'Tel {ctx.D(ctx.pr["tel"], "phone")}  Email {ctx.pr["email"]}', f)
    fl.y = y + 4
    rows = [('Name', ctx.name('full'), 'Date of birth', ctx.DOB('d Mon y')),
            ('NHS number', ctx.NHS(), 'Gender', 'Male' if ctx.pt['sex'] == 'M' else 'Female'),
            ('Address', ctx.pt['street'], 'Home telephone', ctx.D(ctx.pt['phone'], 'phone')),
            ('', f'{ctx.pt["town"]} {ctx.pt["pc"]}', 'Registered GP', f'Dr {ctx.pr["gp"]}')]
    fl.table([28, W / 2 - 28, 34, W / 2 - 34], rows, f, grid='grid', pad=1.6)
    fl.y += 5
    fl.para(f'To: {ctx.hosp["cons"]}, {ctx.scn["sp"]}, {ctx.hosp["name"]}', fb, after=1)
    fl.para(f'Priority: {ctx.scn["urg"]}', f, after=4)
    fl.heading('Reason for referral', fb, rule=True)
    for ptext in referral_paras(ctx, long=long, opener=0)[:3]:
        fl.para(ptext, f, after=2)
    if long:
        fl.break_to(2)
    fl.heading('Journal entries', fb, rule=True)
    entries = [(ctx.date, f'History: {ctx.scn["hist"][0]}', f'Examination: {ctx.scn["exam"]}.',
                f'Plan: {ctx.scn["req"]}')]
    for k in range(3 if long else 1):
        d = add_days(ctx.date, -r.randint(14, 200) * (k + 1))
        entries.append((d, r.choice(['Telephone call: symptoms discussed, bloods arranged.',
                                     'Medication review: no changes. BP checked.',
                                     'Letter received from pharmacy regarding supply.']),
                        f'Results: {ctx.scn["inv"]}', ''))
    for d, *lines in entries:
        stamp_t = ctx.D(f'{ctx.dt(d, "d Mon y")} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}', 'journal_date')
        fl.para(f'{stamp_t} - Dr {ctx.pr["gp"]} ({ctx.pr["name"]})', fb, after=0.6, keep=3)
        for ln in lines:
            if ln:
                fl.para(ln, f, x=24, after=0.6)
        fl.y += 2
    fl.heading('Medication', fb, rule=True)
    rows = [('Drug', 'Dose', 'Last issue')]
    for m in ctx.scn['meds']:
        parts = m.split(' ', 2)
        rows.append((' '.join(parts[:2]), parts[2] if len(parts) > 2 else '', ctx.D(ctx.dt(add_days(ctx.date, -r.randint(4, 40)), 'd Mon y'), 'issue_date')))
    fl.table([60, 75, W - 135], rows, f, hfont=fb, header=True, grid='grid')
    fl.y += 3
    fl.para(f'Allergies and sensitivities: {r.choice(ALLERGIES)}', f)
    fl.finish(lambda pg, i, n: pg.text(pg.w_mm / 2, pg.h_mm - 12,
                                       f'Produced by SystmOne for {ctx.pr["name"]} - Page {i} of {n}', fs, align='center'))


def L_vision(ctx):
    """Vision (INPS) style monospaced referral print with fixed columns."""
    fam = ctx.opt('font', 'Noto Mono')
    r = ctx.r
    long = ctx.opt('long', False)
    fl = Flow(ctx, margins=(20, 16, 16, 22))
    pg = fl.pg
    pt = ctx.opt('pt', 9.5)
    f = pg.font(fam, pt)
    fb = pg.font(fam, pt, bold=True)
    cw = pg.text_width('M', f)

    def cols(y, items, font=f):
        return pg_row(fl, y, [(20 + c * cw, t, font, 'left') for c, t in items])

    def pg_row(fl, y, items):
        return fl.pg.row(y, items)
    y, _ = pg.text(20, 16, 'VISION REFERRAL REPORT', pg.font(fam, 12, bold=True))
    y, _ = pg.text(20, y, f'{ctx.pr["name"].upper()}  ({ctx.D(ctx.pr["code"], "practice_code")})', f)
    pg.hline(20, pg.w_mm - 16, y + 1, 0.6)
    pg.hline(20, pg.w_mm - 16, y + 2, 0.3)
    y += 4
    p = ctx.pt
    y = cols(y, [(0, 'Surname  :'), (11, p['last'].upper()), (36, 'Forenames:'), (47, p['first'].upper())])
    y = cols(y, [(0, 'D.O.B.   :'), (11, ctx.DOB()), (36, 'Sex      :'), (47, p['sex'])])
    y = cols(y, [(0, 'NHS No.  :'), (11, ctx.NHS()), (36, 'Reg. GP  :'), (47, ctx.pr['gp'].upper())])
    y = cols(y, [(0, 'Address  :'), (11, p['street'].upper())])
    y = cols(y, [(11, f'{p["town"].upper()}  {p["pc"]}')])
    y = cols(y, [(0, 'Tel      :'), (11, ctx.D(p['phone'], 'phone')), (36, 'Ref date :'), (47, ctx.D(ctx.dt(ctx.date, 'dmy/'), 'referral_date'))])
    pg.hline(20, pg.w_mm - 16, y + 1, 0.3)
    fl.y = y + 4
    fl.para(f'REFERRAL TO: {ctx.hosp["cons"].upper()}, {ctx.scn["sp"].upper()}', fb, after=0.5)
    fl.para(f'{ctx.hosp["name"].upper()}, {ctx.hosp["town"].upper()}', f, after=3)
    for ptext in referral_paras(ctx, long=long):
        fl.para(ptext, f, after=2)
    fl.y += 1
    fl.para('ACTIVE PROBLEMS', fb, after=0.5)
    for pm in ctx.scn['pmh']:
        fl.para(f'{ctx.D(ctx.dt(rand_date(r, 1998, ctx.date.year - 1), "dmy/"), "problem_date")}  {pm}', f, x=24, after=0.3)
    fl.y += 2
    fl.para('REPEAT MEDICATION', fb, after=0.5)
    for m in ctx.scn['meds']:
        fl.para(m.upper(), f, x=24, after=0.3)
    if long:
        fl.y += 2
        fl.break_to(2)
        fl.para('RECENT TEST RESULTS', fb, after=0.5)
        for t in ctx.scn['tests']:
            fl.para(f'{t[0]:<26}{t[1]:>7} {t[2]:<9} ({t[3]}) {t[4]}', f, x=24, after=0.3)
        fl.y += 2
        fl.para('SOCIAL', fb, after=0.5)
        fl.para(r.choice(['Lives with wife. Independent with all activities of daily living. Drives.',
                          'Lives alone in a bungalow. Daughter visits daily. Uses a walking stick.',
                          'Lives with partner and two children. Works as a teaching assistant.']), f, x=24)
    fl.y += 3
    fl.para(f'SIGNED ............................  DR {ctx.pr["gp"].upper()}', f, after=0)
    scribble(fl.pg, 42, fl.y - 3, 30, ctx.r_ov)
    fl.finish(lambda pg, i, n: pg.text(pg.w_mm - 16, pg.h_mm - 12, f'Page {i}/{n}', pg.font(fam, 8), align='right'))


def L_terse(ctx):
    """Short note on practice notepaper (A5), terse abbreviations."""
    fam = ctx.opt('font', 'Hack')
    r = ctx.r
    size = ctx.opt('size', 'A5')
    pg = ctx.new_page(size)
    f = pg.font(fam, 10)
    fb = pg.font(fam, 10, bold=True)
    W = pg.w_mm - 30
    y, _ = pg.text(15, 12, ctx.pr['name'], pg.font('Tinos', 13, bold=True), QColor(90, 30, 30))
    y, _ = pg.text(15, y, f'Tel {ctx.D(ctx.pr["tel"], "phone")}', pg.font('Tinos', 8))
    pg.hline(15, 15 + W, y + 1, 0.4, QColor(90, 30, 30))
    y += 5
    y = pg.para(15, y, W, f'To: {ctx.scn["clinic"]}, {ctx.hosp["name"]}', f)
    y = pg.para(15, y, W, f'Date: {ctx.D(ctx.dt(ctx.date, ctx.opt("date_style", "dmy/nopad")), "letter_date")}', f) + 2
    y = pg.para(15, y, W, f'Re: {ctx.name("LAST first")}', fb)
    y = pg.para(15, y, W, f'DOB {ctx.DOB()}  NHS {ctx.NHS()}', fb) + 3
    s = ctx.scn
    sx = 'M' if ctx.pt['sex'] == 'M' else 'F'
    lines = [f'Pls see {ctx.pt["age"]}{sx} - {s["complaint"]}.', s['hist'][0],
             f'O/E {s["exam"]}.', s['inv'], f'? {s["sp"]} opinion. {s["urg"]}.', 'Thanks']
    for ln in lines:
        y = pg.para(15, y, W, ln, f) + 1.5
    y += 4
    scribble(pg, 17, y + 4, 28, ctx.r_ov)
    y = pg.para(15, y + 9, W, f'Dr {ctx.pr["gp"]}', f)


def L_twopage(ctx):
    """Two-page letter whose first page is mostly letterhead and addresses."""
    fam = ctx.opt('font', 'Charis SIL')
    r = ctx.r
    fl = Flow(ctx, margins=(24, 20, 22, 26))
    pg = fl.pg
    f = pg.font(fam, 10.5)
    fb = pg.font(fam, 10.5, bold=True)
    fs = pg.font(fam, 8)
    y = practice_head(pg, ctx, ctx.opt('head', 'right'), fam)
    # partners list down the left, addresses on the right: two columns
    yl = y + 4
    yl, _ = pg.text(24, yl, 'Partners', pg.font(fam, 8, bold=True))
    for gp in r.sample(GP_NAMES, 5):
        yl, _ = pg.text(24, yl, f'Dr {gp}', fs)
    yl, _ = pg.text(24, yl + 2, 'Practice Manager', pg.font(fam, 8, bold=True))
    yl, _ = pg.text(24, yl, f'Mrs {r.choice(FIRST_F)[0]}. {r.choice(SURNAMES)}', fs)
    yr = block(pg, 75, y + 4, ['PRIVATE AND CONFIDENTIAL'] + recipient(ctx), f)
    yr = block(pg, 75, yr + 8, [f'Your ref: {ctx.D(ctx.pt["hosp"], "hospital_number")}',
                                f'Our ref: {ctx.D(str(r.randint(10000, 99999)), "reference")}',
                                f'Date: {ctx.D(ctx.dt(ctx.date, "d Month y"), "letter_date")}'], f)
    nhs_on_p1 = ctx.opt('p1_nhs', True)
    if nhs_on_p1:
        yr = block(pg, 75, yr + 8, [f'Patient: {ctx.name("full")}', f'NHS Number: {ctx.NHS()}',
                                    f'Date of birth: {ctx.DOB()}'], fb)
    fl.y = max(yl, yr) + 10
    fl.para(dear(ctx.hosp['cons']), f, after=3)
    paras = referral_paras(ctx, long=True)
    fl.para(paras[0], f, after=2)
    small_footer(pg, f'{ctx.pr["name"]}, {ctx.pr["addr"]}, {ctx.pr["town"]} {ctx.pr["pc"]}. '
                     f'Registered with the Care Quality Commission. Practice code {ctx.D(ctx.pr["code"], "practice_code")}.',
                 fam, 7.5, y=pg.h_mm - 22)
    fl.new_page()
    pg2 = fl.pg
    y, _ = pg2.text(24, 18, f'{ctx.name("full")}', fb)
    if nhs_on_p1:
        y, _ = pg2.text(24, y, f'NHS No {ctx.NHS()}', f)
    else:
        y, _ = pg2.text(24, y, f'Re: DOB {ctx.DOB()}, NHS Number {ctx.NHS()}', fb)
        y, _ = pg2.text(24, y, ctx.addr_one(), f)
    fl.y = y + 6
    for ptext in paras[1:]:
        fl.para(ptext, f, after=3, leading=1.1)
    signoff(fl, ctx, f, fb, f'Dr {ctx.pr["gp"]}', 'GP Partner')
    fl.finish(page_x_of_y(fam, 8))


def L_demog(ctx):
    """First page with a demographics box (Label: value pairs) beside the address."""
    fam = ctx.opt('font', 'Gentium')
    v = ctx.opt('v', 0)
    r = ctx.r
    fl = Flow(ctx, margins=(22, 18, 20, 24))
    pg = fl.pg
    f = pg.font(fam, 10.5)
    fb = pg.font(fam, 10.5, bold=True)
    fsm = pg.font(ctx.opt('bfont', fam), 9)
    fsb = pg.font(ctx.opt('bfont', fam), 9, bold=True)
    y = practice_head(pg, ctx, ctx.opt('head', 'left'), fam, emb=2)
    p = ctx.pt
    if v in (0, 1):
        ya = block(pg, 22, y + 6, recipient(ctx), f)
        # box to the right: rows "Label: value"
        bx, bw = 112, pg.w_mm - 20 - 112
        if v == 0:
            labels = [('Patient', ctx.name('full')), ('NHS No', ctx.NHS()), ('DOB', ctx.DOB()),
                      ('Hosp No', ctx.D(p['hosp'], 'hospital_number')), ('Tel', ctx.D(p['phone'], 'phone')),
                      ('Address', p['street']), ('', f'{p["town"]} {p["pc"]}')]
        else:
            labels = [('Name:', ctx.name('LAST first')), ('Date of Birth:', ctx.DOB()), ('NHS Number:', ctx.NHS()),
                      ('Home Tel:', ctx.D(p['phone'], 'phone')), ('Usual GP:', f'Dr {ctx.pr["gp"]}'),
                      ('Referral date:', ctx.D(ctx.dt(ctx.date, 'dmy/'), 'referral_date'))]
        yb = y + 6
        pg.text(bx + 2, yb + 1, 'PATIENT DETAILS', fsb)
        yy = yb + 1 + pg.line_h(fsb) + 0.5
        lw = 19 if v == 0 else 25
        for lab, val in labels:
            items = [(bx + 2, lab, fsb, 'left'), (bx + 2 + lw, val, fsm, 'left')] if lab else [(bx + 2 + lw, val, fsm, 'left')]
            yy = pg.row(yy, items) + 0.4
        pg.rect(bx, yb, bw, yy - yb + 1.5, 0.35)
        fl.y = max(ya, yy) + 8
        fl.para(f'Date: {ctx.D(ctx.dt(ctx.date, "d Month y"), "letter_date")}', f, after=4)
    else:
        # full-width box with two columns of Label: value pairs (left column read first, then right)
        ya = block(pg, 22, y + 4, recipient(ctx), f)
        fl.y = ya + 5
        bx, bw = 22, pg.w_mm - 42
        yb = fl.y
        left = [('Surname:', p['last'].upper()), ('Forename:', p['first']), ('Title:', p['title']),
                ('DOB:', ctx.DOB()), ('Sex:', p['sex'])]
        right = [('NHS No:', ctx.NHS()), ('Hosp No:', ctx.D(p['hosp'], 'hospital_number')),
                 ('Address:', p['street']), ('', f'{p["town"]} {p["pc"]}'), ('Phone:', ctx.D(p['phone'], 'phone'))]
        for col, (x0, items) in enumerate([(bx + 3, left), (bx + bw / 2 + 3, right)]):
            yy = yb + 2
            for lab, val in items:
                its = [(x0, lab, fsb, 'left'), (x0 + 21, val, fsm, 'left')] if lab else [(x0 + 21, val, fsm, 'left')]
                yy = pg.row(yy, its) + 0.6
        pg.rect(bx, yb, bw, yy - yb + 1.5, 0.35)
        pg.vline(bx + bw / 2, yb, yy + 1.5, 0.2)
        fl.y = yy + 7
        fl.para(ctx.D(ctx.dt(ctx.date, 'dth Month y'), 'letter_date'), f, after=4)
    fl.para(dear(ctx.hosp['cons']), f, after=3)
    for ptext in referral_paras(ctx):
        fl.para(ptext, f, after=2.6, align='justify' if v == 1 else 'left')
    signoff(fl, ctx, f, fb, f'Dr {ctx.pr["gp"]}', ctx.pr['name'], close=r.choice(['Yours sincerely,', 'Kind regards,']))
    fl.finish()


def barcode(pg, x, y, w, h, r):
    xx = x
    while xx < x + w:
        bw = r.choice([0.25, 0.25, 0.5, 0.75])
        if r.random() < 0.55:
            pg.rect(xx, y, bw, h, 0, fill=QColor(20, 20, 20))
        xx += bw


def patient_label(pg, ctx, x, y, fam='Noto Sans Mono', pt=8.5, w=66, nhs_style=None, dob_style=None):
    """A printed adhesive patient label (printed text: in the ground truth)."""
    p = ctx.pt
    f = pg.font(fam, pt)
    fb = pg.font(fam, pt, bold=True)
    lines = [(f'{p["last"].upper()}, {p["first"]} ({p["title"]})', fb),
             (f'DOB: {ctx.DOB(dob_style)}   Sex: {p["sex"]}', f),
             (f'NHS No: {ctx.NHS(nhs_style)}', fb),
             (f'Hosp No: {ctx.D(p["hosp"], "hospital_number")}', f),
             (f'{p["street"]}, {p["pc"]}', f)]
    h = sum(pg.line_h(ff) for _, ff in lines) + 10
    pg.rect(x, y, w, h, 0.15, color=QColor(160, 160, 160), fill=QColor(255, 255, 255), radius=2)
    yy = y + 1.5
    for t, ff in lines:
        yy, _ = pg.text(x + 2.5, yy, t, ff)
    barcode(pg, x + 3, yy + 1, w - 20, 6, ctx.r)
    return y + h


def L_slip(ctx):
    """Compliments slip (DL) with a printed patient label, then the letter on A4 (mixed page sizes)."""
    fam = ctx.opt('font', 'Cantarell')
    pg = ctx.new_page('DL', paper='cream')
    col = QColor(120, 40, 90)
    pg.emblem(14, 9, 15, col, 0)
    y, _ = pg.text(33, 9, ctx.pr['name'], pg.font(fam, 14, bold=True), col)
    y, _ = pg.text(33, y, f'{ctx.pr["addr"]}, {ctx.pr["town"]}, {ctx.pr["pc"]}', pg.font(fam, 8))
    y, _ = pg.text(33, y, f'Telephone {ctx.D(ctx.pr["tel"], "phone")}', pg.font(fam, 8))
    y, _ = pg.text(14, 35, 'With Compliments', pg.font('Junicode Two Beta', 24, italic=True), col)
    y, _ = pg.text(14, y + 2, f'From: Dr {ctx.pr["gp"]}', pg.font(fam, 9))
    patient_label(pg, ctx, 128, 38, w=68)
    hand(pg, 16, 78, 'Please see enclosed referral', ctx.r_ov, fam='Rufscript', pt=15, angle=-2)
    hand(pg, 24, 88, 'many thanks', ctx.r_ov, fam='Rufscript', pt=15, angle=-3)
    L_dictated(ctx)


def L_typewriter(ctx):
    """Typed letter from the paper era: printed letterhead, typewriter body with uneven strikes."""
    fam = ctx.opt('font', 'Tlwg Typewriter')
    r = ctx.r
    fl = Flow(ctx, margins=(25, 20, 22, 24), paper=ctx.cfg.get('paper'))
    pg = fl.pg
    pg.mode = None
    hf = 'Old Standard TT'
    y, _ = pg.text(pg.w_mm / 2, 14, ctx.pr['name'].upper(), pg.font(hf, 15, bold=True), align='center')
    y, _ = pg.text(pg.w_mm / 2, y, f'{ctx.pr["addr"]}, {ctx.pr["town"]}, {COUNTY}', pg.font(hf, 9.5), align='center')
    y, _ = pg.text(pg.w_mm / 2, y, f'Telephone: {ctx.D(ctx.pr["tel"], "phone")}', pg.font(hf, 9.5), align='center')
    pg.hline(25, pg.w_mm - 22, y + 1, 0.3)
    pg.hline(25, pg.w_mm - 22, y + 1.8, 0.8)
    for p_ in fl.pages:
        p_.mode = 'typewriter'
    ctx.mode = 'typewriter'
    f = pg.font(fam, ctx.opt('pt', 11.5), bold=ctx.opt('bold', False))
    fu = pg.font(fam, ctx.opt('pt', 11.5), bold=ctx.opt('bold', False))
    fu.setUnderline(True)
    ref = ctx.D(f'{ctx.pr["gp"].replace(". ", "")[:2].upper()}/{r.choice("abcdefgh")}{r.choice("jklmnp")}', 'reference')
    y = pg.row(y + 8, [(25, f'Our Ref: {ref}', f, 'left'),
                       (pg.w_mm - 22, ctx.D(ctx.dt(ctx.date, 'dth Month y'), 'letter_date'), f, 'right')])
    y = block(pg, 25, y + 6, recipient(ctx), f)
    fl.y = y + 8
    fl.para(dear(ctx.hosp['cons']), f, after=4)
    fl.para(f'Re: {ctx.name("full")}, D.O.B. {ctx.DOB()}', fu, after=0)
    fl.para(f'NHS No. {ctx.NHS()}', fu, after=0)
    fl.para(ctx.addr_one(), f, after=5)
    for ptext in referral_paras(ctx):
        fl.para(ptext, f, after=4.5, leading=1.05)
    signoff(fl, ctx, f, f, f'Dr. {ctx.pr["gp"]}', None, close='Yours sincerely,')
    fl.finish()


def L_dotmatrix(ctx, lab=False):
    """Continuous green-bar stationery with sprocket holes, printed by a 9-pin dot-matrix printer."""
    fam = ctx.opt('font', 'Noto Sans Mono')
    r = ctx.r
    pg = ctx.new_page((241.3, 279.4), paper='white')
    # pre-printed stationery: green bars, sprocket holes, perforations
    y = 0.0
    while y < pg.h_mm:
        pg.rect(14, y, pg.w_mm - 28, 12.7, 0, fill=QColor(214, 236, 214))
        y += 25.4
    for side in (6.35, pg.w_mm - 6.35):
        yy = 6.35
        while yy < pg.h_mm:
            pg.p.setPen(QPen(QColor(150, 150, 150), pg.mm(0.2)))
            pg.p.setBrush(QBrush(QColor(60, 60, 60)))
            pg.p.drawEllipse(QPointF(pg.mm(side), pg.mm(yy)), pg.mm(2), pg.mm(2))
            yy += 12.7
        pg.p.setBrush(Qt.NoBrush)
    for xv in (12.7, pg.w_mm - 12.7):
        pg.p.setPen(QPen(QColor(170, 170, 170), pg.mm(0.25), Qt.DashLine))
        pg.p.drawLine(QPointF(pg.mm(xv), 0), QPointF(pg.mm(xv), pg.H))
    pg.degr.append('continuous_stationery')
    with Layer(pg) as L:
        f = pg.font(fam, 10.5, bold=True)
        x0 = 22
        W = pg.w_mm - 44
        y = 16
        p = ctx.pt
        if not lab:
            y, _ = pg.text(x0, y, f'{ctx.pr["name"].upper()}  -  GP REFERRAL', f)
            y, _ = pg.text(x0, y, f'{ctx.pr["addr"].upper()}, {ctx.pr["town"].upper()}  TEL {ctx.D(ctx.pr["tel"], "phone")}', f)
            y += 5
            y, _ = pg.text(x0, y, f'DATE: {ctx.D(ctx.dt(ctx.date, "dmy."), "letter_date")}', f)
            y = block(pg, x0, y + 4, [l.upper() for l in recipient(ctx)[:3]], f)
            y += 5
            y, _ = pg.text(x0, y, f'PATIENT : {p["last"].upper()}, {p["first"].upper()}  ({p["sex"]})', f)
            y, _ = pg.text(x0, y, f'D.O.B.  : {ctx.DOB()}     NHS NO: {ctx.NHS()}', f)
            y, _ = pg.text(x0, y, f'ADDRESS : {p["street"].upper()}, {p["town"].upper()} {p["pc"]}', f)
            y += 5
            y, _ = pg.text(x0, y, dear(ctx.hosp['cons']).upper(), f)
            y += 3
            for ptext in referral_paras(ctx):
                y = pg.para(x0, y, W, ptext.upper(), f) + 3
            y += 3
            y, _ = pg.text(x0, y, 'YOURS SINCERELY', f)
            y += 12
            y, _ = pg.text(x0, y, f'DR {ctx.pr["gp"].upper()}', f)
        else:
            y, _ = pg.text(x0, y, 'ZEDBURY HEALTH AUTHORITY - PATHOLOGY LABORATORY', f)
            y, _ = pg.text(x0, y, f'{ctx.hosp["name"].upper()}  TEL {ctx.D(ctx.hosp["tel"], "phone")}', f)
            y += 5
            labno = ctx.D(make_non_nhs10(r), 'lab_number')
            y, _ = pg.text(x0, y, f'PATIENT: {p["last"].upper()} {p["first"].upper()}', f)
            y, _ = pg.text(x0, y, f'DOB: {ctx.DOB()}  SEX: {p["sex"]}  NHS: {ctx.NHS()}', f)
            y, _ = pg.text(x0, y, f'LAB NO: {labno}  WARD/GP: {ctx.pr["name"].upper()[:24]}', f)
            coll = ctx.D(ctx.dt(ctx.date, 'dmy/short'), 'collected_date')
            y, _ = pg.text(x0, y, f'COLLECTED: {coll}  RECEIVED: {ctx.D(ctx.dt(add_days(ctx.date, 1), "dmy/short"), "received_date")}', f)
            y += 6
            y, _ = pg.text(x0, y, 'TEST                  RESULT   UNITS      RANGE', f)
            y += 1
            for t in ctx.scn['tests'] + [('Sodium', '138', 'mmol/L', '133 - 146', ''), ('Potassium', '4.6', 'mmol/L', '3.5 - 5.3', ''),
                                         ('Urea', '6.1', 'mmol/L', '2.5 - 7.8', '')]:
                y, _ = pg.text(x0, y, f'{t[0].upper()[:21]:<22}{t[1]:>6} {t[4] or " "}  {t[2]:<10} {t[3]}', f)
            y += 6
            y = pg.para(x0, y, W, 'COMMENT: RESULTS CHECKED AND TELEPHONED TO SURGERY. PLEASE REPEAT IN 4 WEEKS.', f) + 4
            y, _ = pg.text(x0, y, f'AUTHORISED: {ctx.hosp["cons"].upper()}', f)
    cov = q2alpha(L.img)
    dots = dotify(cov, max(2, int(round(pg.dpi / 72))), rng_np(ctx.id, 'dots'), fade=ctx.opt('fade', 0.35))
    composite(pg, dots, (45, 45, 58), 'over')
    pg.degr.append('dot_matrix_print')


def fax_header(pg, ctx, i, n, when, number, name):
    """The sending machine's header line: added to the transmitted image (unskewed, drawn after the
    sheet has been placed on the scanner), first line of the page in reading order."""
    xs = [(8, f'{when}', 'left'), (58, f'FROM: {number}', 'left'), (110, name.upper()[:22], 'left'),
          (pg.w_mm - 8, f'P.{i:03d}/{n:03d}', 'right')]
    pg.post_rows = [(2.5, 'Noto Mono', 8.5, xs)]
    pg.fonts.add('Noto Mono')
    pg.gt.insert(0, collapse(' '.join(t for x, t, al in xs)))
    pg.boxes.insert(0, (pg.gt[0], None))
    ctx.D(when, 'fax_timestamp')
    pg.degr.append('fax_header_line')


def draw_post_rows(a, page):
    """Draw machine-added text rows (fax header) onto the scanned grey array."""
    q = gray2q(a).convertToFormat(QImage.Format_RGB32)
    p = QPainter(q)
    Page._hints(p)
    for top, fam, pt, items in page.post_rows:
        f = QFont(fam)
        f.setPixelSize(int(round(pt * page.dpi / 72.0)))
        f.setBold(True)
        fm = QFontMetricsF(f, q)
        p.fillRect(QRectF(0, 0, q.width(), page.mm(top) + fm.height() + page.mm(1)), QColor(255, 255, 255))
        p.setFont(f)
        p.setPen(QPen(QColor(0, 0, 0)))
        for x, t, al in items:
            xp = page.mm(x) - (fm.horizontalAdvance(t) if al == 'right' else 0)
            p.drawText(QPointF(xp, page.mm(top) + fm.ascent()), t)
    p.end()
    return q2rgb(q)[..., 0].copy()


def L_fax(ctx):
    """Faxed referral: v0 cover sheet + letter, v1 letter only, v2 one-page urgent fax form."""
    fam = ctx.opt('font', 'Arimo')
    v = ctx.opt('v', 0)
    r = ctx.r
    when = f'{ctx.dt(ctx.date, "dmy/")} {r.randint(8, 18):02d}:{r.randint(0, 59):02d}'
    if v == 0:
        pg = ctx.new_page()
        f = pg.font(fam, 11)
        fb = pg.font(fam, 11, bold=True)
        y, _ = pg.text(22, 16, 'FAX', pg.font(fam, 44, bold=True))
        y, _ = pg.text(22, y, 'FACSIMILE TRANSMISSION COVER SHEET', pg.font(fam, 12, bold=True))
        y += 6
        rows = [('To:', f'{ctx.scn["sp"]} Secretaries, {ctx.hosp["name"]}'),
                ('Fax:', ctx.D(phone(r), 'fax')), ('From:', f'Dr {ctx.pr["gp"]}, {ctx.pr["name"]}'),
                ('Fax:', ctx.D(ctx.pr['fax'], 'fax')), ('Tel:', ctx.D(ctx.pr['tel'], 'phone')),
                ('Date:', ctx.D(ctx.dt(ctx.date, 'd Month y'), 'letter_date')), ('Pages:', '2 (including this cover sheet)'),
                ('Re:', f'URGENT REFERRAL - {ctx.scn["clinic"]}')]
        y = pg.table(22, y, [30, 136], rows, f, grid='h', pad=2.2)
        y += 8
        y = pg.para(22, y, 166, 'Message:', fb) + 1
        y = pg.para(22, y, 166, f'Please find attached an urgent referral. Kindly confirm receipt by telephone and '
                                f'book the patient directly. Thank you.', f) + 30
        y = pg.para(22, y, 166, 'CONFIDENTIALITY NOTICE: This facsimile contains confidential patient information '
                                'intended only for the named recipient. If you have received it in error please notify '
                                f'the sender on {ctx.pr["tel"]} and destroy all copies. Do not copy or distribute.',
                    pg.font(fam, 8))
        ctx.cfg.setdefault('opts', {}).update({'head': 'left', 'pt': 10.5})
        L_dictated(ctx)
    elif v == 1:
        ctx.cfg.setdefault('opts', {}).update({'head': 'center', 'pt': 10.5, 're': 'row', 'emb': 2})
        L_dictated(ctx)
    else:
        pg = ctx.new_page()
        f = pg.font(fam, 10)
        fb = pg.font(fam, 10, bold=True)
        W = 170
        pg.rect(20, 12, W, 12, 0.8)
        pg.text(105, 14.5, 'URGENT FAX REFERRAL - SUSPECTED CANCER', pg.font(fam, 14, bold=True), align='center')
        y = 30
        y, _ = pg.text(20, y, f'Fax to: {ctx.D(phone(r), "fax")} (Cancer Bookings Office)   Tel: {ctx.D(phone(r), "phone")}', fb)
        y += 3
        p = ctx.pt
        rows = [('Surname', p['last'].upper(), 'Forename', p['first']), ('NHS No', ctx.NHS(), 'DOB', ctx.DOB()),
                ('Address', p['street'], 'Postcode', p['pc']), ('Tel', ctx.D(p['phone'], 'phone'), 'Sex', p['sex']),
                ('GP', f'Dr {ctx.pr["gp"]}', 'Practice', ctx.D(ctx.pr['code'], 'practice_code'))]
        y = pg.table(20, y, [28, 57, 28, 57], rows, f, grid='grid', pad=2)
        y += 5
        y, _ = pg.text(20, y, f'Tumour site: {ctx.scn["sp"]}', fb)
        y += 2
        for ptext in referral_paras(ctx)[:-1]:
            y = pg.para(20, y, W, ptext, f) + 2.5
        y += 3
        y = pg.row(y, [(20, f'Signed: Dr {ctx.pr["gp"]}', f, 'left'), (120, f'Date: {ctx.D(ctx.dt(ctx.date, "dmy/"), "letter_date")}', f, 'left')])
        scribble(pg, 75, y - 2, 30, ctx.r_ov)
    n = len(ctx.pages)
    for i, pg in enumerate(ctx.pages):
        fax_header(pg, ctx, i + 1, n, when, ctx.pr['fax'], ctx.pr['name'])


def L_band(ctx):
    """Letter with the patient identifiers in a dark header band (reversed-out text)."""
    fam = ctx.opt('font', 'Fira Code')
    bfam = ctx.opt('bfont', 'Tinos')
    r = ctx.r
    fl = Flow(ctx, margins=(20, 18, 20, 24))
    pg = fl.pg
    y = practice_head(pg, ctx, 'center', bfam, y=10, color=ctx.opt('col', QColor(0, 90, 90)))
    bandc = ctx.opt('band', QColor(35, 35, 45))
    f = pg.font(bfam, 10.5)
    fb = pg.font(bfam, 10.5, bold=True)
    fbw = pg.font(fam, 9, bold=True)
    pg.rect(0, y, pg.w_mm, 14, 0, fill=bandc)
    white = QColor(255, 255, 255)
    y2 = pg.row(y + 1.5, [(20, f'PATIENT: {ctx.name("LAST first")}', fbw, 'left'),
                          (120, f'NHS No: {ctx.NHS()}', fbw, 'left')], color=white)
    pg.row(y2 + 0.5, [(20, f'DOB: {ctx.DOB()}', fbw, 'left'), (72, f'Hosp No: {ctx.D(ctx.pt["hosp"], "hospital_number")}', fbw, 'left'),
                      (120, f'Tel: {ctx.D(ctx.pt["phone"], "phone")}', fbw, 'left')], color=white)
    fl.y = y + 20
    ya = block(pg, 20, fl.y, recipient(ctx), f)
    yb = block(pg, 190, fl.y, [ctx.D(ctx.dt(ctx.date, 'd Month y'), 'letter_date')], f, align='right')
    fl.y = max(ya, yb) + 6
    fl.para(dear(ctx.hosp['cons']), f, after=3)
    for ptext in referral_paras(ctx, long=ctx.opt('long', False)):
        fl.para(ptext, f, after=2.6, leading=1.05)
    signoff(fl, ctx, f, fb, f'Dr {ctx.pr["gp"]}', 'General Practitioner')
    fl.finish(lambda pg, i, n: small_footer(pg, f'Registered practice {ctx.pr["code"]} - {ctx.pr["email"]}', bfam, 7))


def L_form(ctx):
    """Hospital outpatient referral form with identifiers in table cells."""
    fam = ctx.opt('font', 'Arimo')
    r = ctx.r
    fl = Flow(ctx, margins=(16, 14, 16, 20))
    pg = fl.pg
    f = pg.font(fam, 9.5)
    fb = pg.font(fam, 9.5, bold=True)
    W = fl.w
    pg.nhs_logo(pg.w_mm - 16 - 22, 12, 9)
    y, _ = pg.text(16, 12, ctx.hosp['trust'], pg.font(fam, 10, bold=True), BLUE)
    y, _ = pg.text(16, y, 'OUTPATIENT REFERRAL FORM', pg.font(fam, 15, bold=True))
    fl.y = y + 5
    p = ctx.pt
    rows = [('Patient surname', p['last'].upper(), 'First name', p['first']),
            ('D.O.B.', ctx.DOB(), 'NHS No.', ctx.NHS()),
            ('Address', p['street'], 'Town', p['town']),
            ('Postcode', p['pc'], 'Telephone', ctx.D(p['phone'], 'phone')),
            ('Specialty', ctx.scn['sp'], 'Priority', ctx.scn['urg']),
            ('Consultant', ctx.hosp['cons'], 'Date', ctx.D(ctx.dt(ctx.date, 'dmy/'), 'letter_date'))]
    fl.table([32, W / 2 - 32, 28, W / 2 - 28], rows, f, grid='grid', pad=1.8)
    fl.y += 5
    fl.heading('Reason for referral', fb, shade=GREY_SHADE)
    for ptext in referral_paras(ctx, long=True)[:-1]:
        fl.para(ptext, f, after=2)
    fl.y += 2
    fl.heading('Medication and allergies', fb, shade=GREY_SHADE)
    fl.table([W * 0.6, W * 0.4], [(m, 'Repeat') for m in ctx.scn['meds']] + [(f'Allergies: {r.choice(ALLERGIES)}', '')], f, grid='h')
    fl.y += 4
    fl.heading('Referrer', fb, shade=GREY_SHADE)
    fl.table([32, W / 2 - 32, 28, W / 2 - 28],
             [('GP', f'Dr {ctx.pr["gp"]}', 'Practice', ctx.D(ctx.pr['code'], 'practice_code')),
              ('Tel', ctx.D(ctx.pr['tel'], 'phone'), 'Fax', ctx.D(ctx.pr['fax'], 'fax'))], f, grid='grid', pad=1.8)
    fl.finish(lambda pg, i, n: small_footer(pg, f'Form OP-REF/7  Return to: Central Booking Service, {ctx.hosp["name"]}', fam, 7))

# ----------------------------------------------------------------------------------------------
# layouts: other hospital documents
# ----------------------------------------------------------------------------------------------
def clinic_paras(ctx):
    s, r = ctx.scn, ctx.r
    return [f'I reviewed {ctx.name("short")} in the {s["clinic"]} today following your referral with {s["complaint"]}.',
            f'{s["hist"][0]} {s["hist"][1]}',
            f'On examination today: {s["exam"]}. {s["inv"]}',
            r.choice([f'I have explained the findings and the plan to {ctx.him}, and {ctx.he} is happy with this approach.',
                      f'We discussed the options in detail and {ctx.he} would like to proceed as outlined below.',
                      f'{ctx.he.capitalize()} has been given written information and a direct line number for the department.'])]


def L_clinic(ctx):
    fam = ctx.opt('font', 'Arimo')
    r = ctx.r
    long = ctx.opt('long', False)

    def run_head(pg, i):
        pg.text(22, 14, f'{ctx.name("full")}  DOB {ctx.DOB()}  Hosp No {ctx.pt["hosp"]}', pg.font(fam, 8.5))
        return 24
    fl = Flow(ctx, margins=(22, 18, 20, 24), header=run_head)
    pg = fl.pg
    f = pg.font(fam, ctx.opt('pt', 10.5))
    fb = pg.font(fam, ctx.opt('pt', 10.5), bold=True)
    if ctx.opt('halftone'):
        halftone_band(pg, 0, 44, lambda sub: trust_head(sub, ctx, ctx.opt('hfont', fam)), lpi=ctx.opt('lpi', 133))
        y = 44
    else:
        y = trust_head(pg, ctx, ctx.opt('hfont', fam))
    clinic_d = ctx.D(ctx.dt(ctx.date, 'dmy/'), 'clinic_date')
    typed = ctx.D(ctx.dt(add_days(ctx.date, r.randint(2, 9)), 'dmy/'), 'typed_date')
    ya = block(pg, 22, y + 3, gp_recipient(ctx), f)
    yb = block(pg, 120, y + 3, [f'Clinic date: {clinic_d}', f'Typed: {typed}',
                                f'Hospital No: {ctx.D(ctx.pt["hosp"], "hospital_number")}',
                                f'NHS No: {ctx.NHS()}', f'Consultant: {ctx.hosp["cons"]}'], pg.font(fam, 9))
    fl.y = max(ya, yb) + 7
    fl.para(f'Dear Dr {ctx.pr["gp"].split()[-1]},', f, after=3)
    fl.para(f'Re: {ctx.name("full")}, DOB {ctx.DOB()}', fb, after=0.3)
    fl.para(ctx.addr_one(), f, after=3)
    fl.para('Diagnosis:', fb, after=0.5)
    dx = [f'{ctx.scn["complaint"].capitalize()}'] + ctx.scn['pmh'][:1]
    for i, d in enumerate(dx):
        fl.para(f'{i + 1}. {d}', f, x=28, after=0.3)
    fl.y += 2
    fl.para('Plan:', fb, after=0.5)
    plan = [f'{ctx.scn["sp"]} investigations requested today', 'Patient information leaflet given',
            f'Follow-up in {r.choice(["6 weeks", "3 months", "4 months"])} with results']
    for i, d in enumerate(plan):
        fl.para(f'{i + 1}. {d}', f, x=28, after=0.3)
    fl.y += 3
    for ptext in clinic_paras(ctx):
        fl.para(ptext, f, after=2.6)
    if long:
        fl.break_to(2)
        fl.para('Results reviewed in clinic:', fb, after=0.5)
        fl.table([60, 40, 40, 26], [('Test', 'Result', 'Range', 'Flag')] +
                 [(t[0], f'{t[1]} {t[2]}', t[3], t[4]) for t in ctx.scn['tests']], f, hfont=fb, header=True, grid='h', x=28)
        fl.y += 3
        for ptext in [f'Current medication: {join_list(m.split(" ")[0] for m in ctx.scn["meds"])}.',
                      'Please could you continue the current medication in the meantime and check renal function '
                      'and electrolytes in four weeks. I will write again once the investigations are available.',
                      f'If there are any concerns before the next appointment {ctx.he} can contact the specialist nurses '
                      f'on {ctx.D(phone(r), "phone")}.']:
            fl.para(ptext, f, after=2.6)
    signoff(fl, ctx, f, fb, ctx.hosp['cons'], f'Consultant, {ctx.scn["sp"]}', close='Yours sincerely,')
    fl.para(f'cc: {ctx.name("full")}, {ctx.addr_one()}', pg.font(fam, 8.5), after=0)
    fl.finish(lambda pg, i, n: small_footer(pg, f'{ctx.hosp["trust"]} - Page {i} of {n}', fam, 7.5, y=pg.h_mm - 13))


def L_discharge(ctx):
    fam = ctx.opt('font', 'Cantarell')
    r = ctx.r
    pages = ctx.opt('pages', 2)
    fl = Flow(ctx, margins=(16, 14, 16, 20),
              header=lambda pg, i: pg.row(12, [(16, 'DISCHARGE SUMMARY (continued)', pg.font(fam, 9, bold=True), 'left'),
                                               (pg.w_mm - 16, f'NHS {ctx.NHS()}', pg.font(fam, 9), 'right')]) + 4)
    pg = fl.pg
    f = pg.font(fam, 9.5)
    fb = pg.font(fam, 9.5, bold=True)
    W = fl.w
    y = trust_head(pg, ctx, fam, y=10, L=16)
    pg.rect(16, y, W, 9, 0, fill=QColor(0, 70, 140))
    pg.text(16 + W / 2, y + 1.3, 'INPATIENT DISCHARGE SUMMARY', pg.font(fam, 13, bold=True), QColor(255, 255, 255), 'center')
    fl.y = y + 12
    p = ctx.pt
    adm = ctx.date
    dis = add_days(adm, r.randint(2, 12))
    rows = [('Name', ctx.name('full'), 'NHS No', ctx.NHS()),
            ('Date of birth', ctx.DOB(), 'Hospital No', ctx.D(p['hosp'], 'hospital_number')),
            ('Address', p['street'], 'Postcode', p['pc']),
            ('GP', f'Dr {ctx.pr["gp"]}', 'Practice', ctx.pr['name']),
            ('Admitted', ctx.D(ctx.dt(adm, 'dmy/'), 'admission_date'), 'Discharged', ctx.D(ctx.dt(dis, 'dmy/'), 'discharge_date')),
            ('Ward', r.choice(['Ward 7 (Acute Medicine)', 'Beech Ward', 'Ward 22 Surgery', 'Holly Ward']), 'Consultant', ctx.hosp['cons'])]
    fl.table([33, W / 2 - 33, 29, W / 2 - 29], rows, f, grid='grid', pad=1.6)
    fl.y += 4
    s = ctx.scn
    sections = [('Presenting complaint', [f'Admitted via the emergency department with {s["complaint"]}.']),
                ('Diagnosis', [f'Primary: {s["sp"]} - {s["complaint"]}', f'Comorbidities: {join_list(s["pmh"])}']),
                ('Clinical summary', [' '.join(s['hist']), f'On admission {s["exam"]}. {s["inv"]}',
                                      f'{ctx.he.capitalize()} was managed on the ward and improved steadily. '
                                      'Observations were stable for 48 hours before discharge and mobility was '
                                      'assessed by physiotherapy.'])]
    if pages >= 3:
        sections.append(('Investigations', ['Chest X-ray: no acute changes. ECG: sinus rhythm.',
                                            'Bloods on discharge are shown in the table below.']))
    for head, paras in sections:
        fl.heading(head, fb, rule=True, after=1)
        for t in paras:
            fl.para(t, f, after=1.8)
        fl.y += 1
    if pages >= 3:
        fl.table([60, 40, 45, 20], [('Test', 'Result', 'Range', 'Flag')] +
                 [(t[0], f'{t[1]} {t[2]}', t[3], t[4]) for t in s['tests']], f, hfont=fb, header=True, grid='grid')
        fl.y += 3
    fl.break_to(2)
    fl.heading('Medications on discharge', fb, rule=True, after=1)
    rows = [('Drug', 'Dose', 'Route', 'Frequency', 'Status')]
    for m in s['meds']:
        parts = m.split(' ')
        rows.append((parts[0], parts[1] if len(parts) > 1 else '', 'Oral', ' '.join(parts[2:])[:26] or 'as directed',
                     r.choice(['Continued', 'Continued', 'New', 'Dose changed'])))
    fl.table([42, 28, 18, W - 42 - 28 - 18 - 30, 30], rows, f, hfont=fb, header=True, grid='grid')
    fl.y += 3
    fl.heading('Allergies', fb, rule=True, after=1)
    fl.para(r.choice(ALLERGIES), f)
    fl.heading('Follow-up arrangements', fb, rule=True, after=1)
    fu = ctx.D(ctx.dt(add_days(dis, r.randint(20, 60)), 'd Month y'), 'follow_up_date')
    fl.para(f'Outpatient review in the {s["clinic"]} on {fu}. Community nursing not required.', f)
    fl.heading('Actions for GP', fb, rule=True, after=1)
    for a in ['Please repeat renal function and full blood count in two weeks.',
              'Please review blood pressure and adjust treatment if required.',
              'Please continue to monitor symptoms and re-refer if worse.'][:2 if pages < 3 else 3]:
        fl.para(f'- {a}', f, x=20, after=0.8)
    fl.y += 3
    if pages >= 3:
        fl.heading('Information given to patient', fb, rule=True, after=1)
        for t in ['Diagnosis and treatment explained to the patient and family.', 'Written discharge advice given.',
                  f'Patient advised to contact the ward on {ctx.D(phone(r), "phone")} with any concerns.',
                  'Fit note issued for two weeks.']:
            fl.para(t, f, after=0.8)
        fl.new_page()
        fl.heading('Nursing discharge checklist', fb, rule=True, after=1)
        for t in ['Cannula removed', 'Medicines reconciled by pharmacy', 'Transport arranged', 'Own medicines returned',
                  'Next of kin informed']:
            fl.pg.tickbox(20, fl.y + 0.3)
            tick(fl.pg, 20.2, fl.y + 0.1, ctx.r_ov)
            fl.para(t, f, x=27, after=1.5)
    doc = f'Dr {r.choice(FIRST_F + FIRST_M)[0]}. {r.choice(SURNAMES)}'
    fl.para(f'Completed by: {doc} (FY2) for {ctx.hosp["cons"]}   Bleep {ctx.D(str(r.randint(1000, 4999)), "bleep")}', f, after=0.5)
    fl.para(f'Date completed: {ctx.D(ctx.dt(dis, "dmy/"), "discharge_date")}', f)
    fl.finish(lambda pg, i, n: pg.text(pg.w_mm / 2, pg.h_mm - 11, f'Page {i} of {n}', pg.font(fam, 8), align='center'))


def L_lab(ctx):
    v = ctx.opt('v', 0)
    if v == 1:
        return L_dotmatrix(ctx, lab=True)
    fam = ctx.opt('font', 'Hack')
    r = ctx.r
    pg = ctx.new_page()
    f = pg.font(fam, 9)
    fb = pg.font(fam, 9, bold=True)
    red = QColor(200, 20, 20) if v == 2 else None
    y, _ = pg.text(18, 12, ctx.hosp['name'].upper(), pg.font('Arimo', 13, bold=True), BLUE if v == 2 else None)
    y, _ = pg.text(18, y, 'Department of Clinical Biochemistry and Haematology', pg.font('Arimo', 10))
    y, _ = pg.text(18, y, f'Laboratory enquiries: {ctx.D(phone(r), "phone")}', pg.font('Arimo', 8.5))
    pg.nhs_logo(pg.w_mm - 18 - 22, 12, 9)
    pg.hline(18, pg.w_mm - 18, y + 1.5, 0.5)
    y += 4
    p = ctx.pt
    labno = ctx.D(make_non_nhs10(r, prefix='24'), 'lab_number')
    coll = add_days(ctx.date, -1)
    left = [('Patient', f'{p["last"].upper()}, {p["first"]}'), ('DOB', ctx.DOB('d-Mon-y')), ('Sex', p['sex']),
            ('NHS No', ctx.NHS()), ('Hosp No', ctx.D(p['hosp'], 'hospital_number'))]
    right = [('Requested by', f'Dr {ctx.pr["gp"]}'), ('Location', ctx.pr['name'][:24]), ('Lab No', labno),
             ('Collected', ctx.D(f'{ctx.dt(coll, "d-Mon-y")} 09:{r.randint(10, 59)}', 'collected_date')),
             ('Reported', ctx.D(f'{ctx.dt(ctx.date, "d-Mon-y")} 14:{r.randint(10, 59)}', 'reported_date'))]
    yy = y
    for lab, val in left:
        yy = pg.row(yy, [(18, lab, fb, 'left'), (42, val, f, 'left')])
    yr = y
    for lab, val in right:
        yr = pg.row(yr, [(108, lab, fb, 'left'), (136, val, f, 'left')])
    y = max(yy, yr) + 4
    pg.hline(18, pg.w_mm - 18, y - 1.5, 0.25)
    cd = ''
    for w_ in ctx.scn['complaint'].split():
        if len(cd) + len(w_) + 1 > 44:
            break
        cd = (cd + ' ' + w_).strip()
    y, _ = pg.text(18, y, f'Specimen: Blood (serum and EDTA)   Clinical details: {cd}', f)
    y += 3
    rows = [('Test', 'Result', 'Flag', 'Units', 'Reference range')]
    tests = ctx.scn['tests'] + [('Sodium', '138', 'mmol/L', '133 - 146', ''), ('Potassium', '4.6', 'mmol/L', '3.5 - 5.3', ''),
                                ('Urea', '6.1', 'mmol/L', '2.5 - 7.8', ''), ('Creatinine', '91', 'umol/L', '59 - 104', ''),
                                ('eGFR', '71', 'mL/min/1.73m2', '> 60', ''), ('ALT', '23', 'U/L', '< 41', ''),
                                ('Albumin', '41', 'g/L', '35 - 50', ''), ('White cell count', '7.2', '10*9/L', '4.0 - 11.0', '')]
    seen = set()
    tests = [t for t in tests if not (t[0] in seen or seen.add(t[0]))]
    y = pg.table(18, y, [58, 24, 14, 36, 42], rows, fb, grid='h', aligns=['left', 'right', 'left', 'left', 'left'])
    for t in tests:
        col = red if (t[4] and red) else None
        y = pg.table(18, y, [58, 24, 14, 36, 42], [(t[0], t[1], t[4], t[2], t[3])], fb if t[4] else f, grid='none',
                     color=col, aligns=['left', 'right', 'left', 'left', 'left'], pad=0.8)
    pg.hline(18, pg.w_mm - 18, y + 1, 0.25)
    y += 4
    y = pg.para(18, y, pg.w_mm - 36, 'Comment: Results outside the reference range are flagged H (high) or L (low). '
                                     'Please interpret in the light of the clinical picture.', f) + 3
    y, _ = pg.text(18, y, f'Authorised by: {ctx.hosp["cons"]}, Consultant Chemical Pathologist', f)
    y, _ = pg.text(18, y, f'Report printed {ctx.D(ctx.dt(add_days(ctx.date, 1), "d-Mon-y"), "print_timestamp")} - Final report', pg.font(fam, 7.5))


def L_appt(ctx):
    fam = ctx.opt('font', 'Tinos')
    r = ctx.r
    pg = ctx.new_page()
    f = pg.font(fam, 11)
    fb = pg.font(fam, 11, bold=True)
    y = trust_head(pg, ctx, ctx.opt('hfont', 'Arimo'), dept='Outpatient Appointments Centre')
    p = ctx.pt
    ya = block(pg, 22, y + 6, [ctx.name('full'), p['street'], p['town'], COUNTY, p['pc']], f)
    yb = block(pg, 120, y + 6, [f'Hospital No: {ctx.D(p["hosp"], "hospital_number")}', f'NHS No: {ctx.NHS()}',
                                f'Date of birth: {ctx.DOB()}',
                                f'Letter date: {ctx.D(ctx.dt(ctx.date, "d Month y"), "letter_date")}'], pg.font(fam, 10))
    y = max(ya, yb) + 8
    y = pg.para(22, y, 168, f'Dear {ctx.name("short")},', f) + 3
    y = pg.para(22, y, 168, f'An appointment has been made for you to attend the {ctx.scn["clinic"]}. Your appointment details are:', f) + 3
    appt = add_days(ctx.date, r.randint(14, 60))
    if appt.weekday() >= 5:
        appt = add_days(appt, 2)
    tm = f'{r.randint(9, 15)}:{r.choice(["00", "15", "30", "45"])}'
    rows = [('Clinic:', ctx.scn['clinic']), ('With:', ctx.hosp['cons']),
            ('Date:', ctx.D(ctx.dt(appt, 'day d Month y'), 'appointment_date')), ('Time:', ctx.D(tm, 'appointment_time')),
            ('Where:', f'Outpatients {r.choice("ABCD")}, {ctx.hosp["name"]}')]
    pg.rect(22, y - 1, 168, len(rows) * pg.line_h(fb) + 6, 0.6)
    y = pg.table(25, y + 1.5, [26, 136], rows, fb, grid='none', pad=0.6) + 6
    paras = ['Please arrive 15 minutes before your appointment time and bring a list of your current medicines.',
             f'If you are unable to attend, or no longer need this appointment, please telephone '
             f'{ctx.D(phone(r), "phone")} as soon as possible so that it can be offered to another patient.',
             'Car parking is limited; please allow extra time. Parking charges apply on the main site.',
             'If you need an interpreter or help with access please let us know before your visit.']
    for t in paras:
        y = pg.para(22, y, 168, t, f) + 2.5
    y = pg.para(22, y + 3, 168, 'Yours sincerely,', f) + 8
    y = pg.para(22, y, 168, 'Outpatient Appointments Centre', f)
    small_footer(pg, f'{ctx.hosp["trust"]}. Please bring this letter with you.', fam, 8, y=pg.h_mm - 16)
    if ctx.opt('slip'):
        pg2 = ctx.new_page('A5')
        f2 = pg2.font(fam, 10)
        fb2 = pg2.font(fam, 10, bold=True)
        y, _ = pg2.text(14, 14, 'APPOINTMENT CONFIRMATION SLIP', pg2.font('Arimo', 12, bold=True))
        y = pg2.para(14, y + 2, 120, 'Please complete and return this slip in the envelope provided.', f2) + 3
        rows = [('Name:', ctx.name('full')), ('Hospital No:', p['hosp']), ('NHS No:', ctx.NHS()),
                ('Appointment:', f'{ctx.dt(appt, "dmy/")} at {tm}')]
        y = pg2.table(14, y, [30, 90], rows, f2, grid='h', pad=1.8) + 5
        first_box = y
        for opt_ in ['I will attend this appointment', 'I cannot attend - please offer a new date',
                     'I no longer need this appointment']:
            pg2.tickbox(16, y + 0.5)
            y = pg2.para(23, y, 105, opt_, f2) + 2
        tick(pg2, 16.2, first_box + 0.3, ctx.r_ov)
        y += 4
        y, _ = pg2.text(14, y, 'Signed: ..............................  Date: ................', f2)
        scribble(pg2, 30, y - 3, 28, ctx.r_ov)


def L_contsheet(ctx):
    """Pre-printed continuation sheet with a printed patient label; entries hand-written or typed."""
    fam = ctx.opt('font', 'Arimo')
    r = ctx.r
    typed = ctx.opt('typed', False)
    npages = ctx.opt('pages', 1)
    notes = [
        ['Ward round - ' + ctx.hosp['cons'], 'Pt comfortable, slept well', 'Obs stable, apyrexial',
         'Plan: cont. current Rx', 'bloods in am', 'for OT assessment'],
        ['Seen by physio', 'mobilising with frame', 'needs 1 assist stairs', 'review tomorrow'],
        ['Night - c/o pain 6/10', 'PRN analgesia given', 'settled by 0300'],
        ['Dietitian review', 'intake poor', 'start supplements bd', 'weigh twice weekly'],
        ['Discussed with family', 'aware of plan', 'happy for d/c Friday'],
    ]
    typed_notes = [
        'Ward round with consultant. Patient comfortable and observations stable. Continue current treatment.',
        'Physiotherapy review: mobilising with a frame, needs assistance of one on stairs. Review tomorrow.',
        'Evening review: pain controlled with regular paracetamol. Tolerating diet and fluids.',
        'Discharge planning meeting held with family. Package of care to restart on discharge.',
    ]
    for k in range(npages):
        pg = ctx.new_page()
        f = pg.font(fam, 9)
        fb = pg.font(fam, 9, bold=True)
        y, _ = pg.text(18, 12, ctx.hosp['trust'], pg.font(fam, 9, bold=True), BLUE)
        y, _ = pg.text(18, y + 1, 'CONTINUATION SHEET', pg.font(fam, 16, bold=True))
        y, _ = pg.text(18, y, 'Clinical notes - all entries must be dated, timed and signed', pg.font(fam, 8.5, italic=True))
        ly = patient_label(pg, ctx, 124, 10, w=70, dob_style=ctx.cfg.get('dob_style'))
        y = max(y, ly) + 4
        top = y
        pg.rect(18, top, pg.w_mm - 36, 7, 0.3, fill=GREY_SHADE)
        pg.row(top + 1.2, [(20, 'Date / Time', fb, 'left'), (50, 'Clinical notes', fb, 'left'), (160, 'Signature', fb, 'left')])
        yl = top + 7
        line_gap = 8.0
        rows = []
        while yl + line_gap < pg.h_mm - 22:
            pg.hline(18, pg.w_mm - 18, yl + line_gap, 0.15, QColor(120, 150, 190))
            rows.append(yl)
            yl += line_gap
        pg.vline(48, top, yl, 0.3)
        pg.vline(158, top, yl, 0.3)
        pg.rect(18, top, pg.w_mm - 36, yl - top, 0.3)
        d = add_days(ctx.date, k * 2)
        ri = 0
        for e in range(5):
            if ri >= len(rows) - 1:
                break
            dd = add_days(d, e // 2)
            ds = f'{dd.day}/{dd.month}/{dd.year % 100}'
            t = f'{r.randint(7, 22):02d}:{r.choice(["05", "15", "30", "40", "50"])}'
            if typed:
                pg.mode = 'typewriter'
                tf = pg.font('GNUTypewriter', 10)
                pg._tw_font = tf
                # date cell and first line of the note share one visual line: one ground-truth line
                pg.text(20, rows[ri] + 2.2, ds, tf, record=False)
                yy = rows[ri] + 2.2
                yy = pg.para(50, yy, 106, typed_notes[(e + k) % len(typed_notes)], tf,
                             leading=line_gap / pg.line_h(tf), prefix=ds + ' ')
                used = int(round((yy - rows[ri] - 2.2) / line_gap))
                hand(pg, 160, rows[ri] + 6, r.choice(['AB', 'JK', 'mp', 'RS']), ctx.r_ov, kind='initials', pt=14)
                ri += max(1, used) + 1
                pg.mode = None
            else:
                entry = notes[(e + k) % len(notes)]
                fam_h = ctx.opt('hand', 'Steve')
                hand(pg, 20, rows[ri] + 6.2, ds, ctx.r_ov, fam=fam_h, pt=13, angle=r.uniform(-1.5, 1.5), kind='handwritten_entry')
                hand(pg, 21, rows[ri] + line_gap + 6.2, t, ctx.r_ov, fam=fam_h, pt=13, angle=0, kind='handwritten_entry')
                for j, ln in enumerate(entry):
                    if ri + j >= len(rows):
                        break
                    hand(pg, 51 + r.uniform(0, 2), rows[ri + j] + 6.3, ln, ctx.r_ov, fam=fam_h, pt=r.uniform(13, 15),
                         angle=r.uniform(-1.2, 1.2), kind='handwritten_entry')
                scribble(pg, 160, rows[ri] + 4, 22, ctx.r_ov)
                ri += len(entry) + 1
        pg.mode = None
        pg.text(18, pg.h_mm - 14, f'Form ZHT/CN/04 (rev. 2019)   Sheet {k + 1}', pg.font(fam, 7))

LAYOUTS = {'ers': L_ers, 'proforma': L_proforma, 'dictated': L_dictated, 'soap': L_soap, 'emis': L_emis,
           'systmone': L_systmone, 'vision': L_vision, 'terse': L_terse, 'twopage': L_twopage, 'demog': L_demog,
           'slip': L_slip, 'typewriter': L_typewriter, 'dotmatrix': L_dotmatrix, 'fax': L_fax, 'band': L_band,
           'form': L_form, 'clinic': L_clinic, 'discharge': L_discharge, 'lab': L_lab, 'appt': L_appt,
           'contsheet': L_contsheet}

RED, STAMP_BLUE, PURPLE, GREEN = QColor(200, 35, 45), QColor(40, 60, 175), QColor(115, 45, 150), QColor(30, 115, 60)

# ----------------------------------------------------------------------------------------------
# the set: one entry per file
# ----------------------------------------------------------------------------------------------
R_ = 'referral_letter'
DOCS = [
    dict(n=1, type=R_, kind='ers_export', L='ers', fmt='jpeg-gray', q=72, dpi=300, diff='M', opts=dict(v=0)),
    dict(n=2, type=R_, kind='dictated_letter_two_page', L='dictated', fmt='tiff-g4', dpi=300, diff='CM',
         opts=dict(long=True, head='center', font='Tinos'), dob_style='dmy/'),
    dict(n=3, type=R_, kind='tickbox_proforma_2ww', L='proforma', scn=1, fmt='pdf', q=68, dpi=300, diff='MM', opts=dict(v=0),
         dob_style='dmy/', pmode=['gray', 'gray']),
    dict(n=4, type=R_, kind='soap_note', L='soap', fmt='png-gray', dpi=300, diff='C', opts=dict(font='Cousine'),
         dob_style='dmy.'),
    dict(n=5, type=R_, kind='gp_system_export_emis', L='emis', fmt='tiff-lzw-gray', dpi=300, diff='MH',
         opts=dict(long=True), hard={1: ['copy2', 'coffee_big']}),
    dict(n=6, type=R_, kind='gp_system_export_systmone', L='systmone', fmt='jpeg-rgb', q=80, dpi=200, diff='M',
         paper='green'),
    dict(n=7, type=R_, kind='gp_system_export_vision', L='vision', fmt='tiff-g4', dpi=200, diff='H',
         hard={0: ['copy3', 'darklid']}, dob_style='dmy/short', nhs_style='plain', thr=150),
    dict(n=8, type=R_, kind='terse_note_a5', L='terse', fmt='png-rgb', dpi=150, diff='M', paper='yellow',
         opts=dict(size='A5'), dob_style='dmy/nopad', nhs_style='plain', force={0: ['annot', 'annot']}),
    dict(n=9, type=R_, kind='two_page_letter_header_first', L='twopage', fmt='pdfqt', dpi=300, diff='CM',
         opts=dict(font='Charis SIL', head='right'), dob_style='d Month y'),
    dict(n=10, type=R_, kind='demographics_box_beside_address', L='demog', fmt='jpeg-rgb', q=60, dpi=300, diff='M',
         opts=dict(v=0, font='Gentium'), persp=0.004),
    dict(n=11, type=R_, kind='compliments_slip_with_letter', L='slip', fmt='pdf', q=74, dpi=300, diff='MM',
         opts=dict(font='Old Standard TT', hfont='Cantarell', head='left', re='row', pt=10.5), pmode=['rgb', 'gray'],
         tags=['thin_serif_font']),
    dict(n=12, type=R_, kind='typewritten_letter', L='typewriter', fmt='tiff-g4', dpi=300, diff='H', era=(1986, 1994),
         paper='cream', mode='typewriter', opts=dict(font='Tlwg Typewriter', bold=True), dob_style='dmy.long',
         hard={0: ['copy2', 'annots']}, thr=160, tags=['typewriter_font']),
    dict(n=13, type=R_, kind='dot_matrix_printout', L='dotmatrix', fmt='jpeg-gray', q=50, dpi=200, diff='H',
         era=(1992, 1999), opts=dict(fade=0.5), dob_style='dmy/short', nhs_style='plain',
         hard={0: ['washout', 'bookfold']}),
    dict(n=14, type=R_, kind='fax_cover_and_letter', L='fax', fmt='fax-g3-fine', dpi=200, diff='MH', era=(2003, 2012),
         opts=dict(v=0, font='Arimo'), dob_style='dmy/', hard={1: ['annots', 'stamp_over']}),
    dict(n=15, type=R_, kind='identifier_header_band', L='band', fmt='png-gray', dpi=400, diff='C',
         opts=dict(font='Fira Code', bfont='Tinos'), dob_style='d Mon y'),
    dict(n=16, type=R_, kind='outpatient_referral_form_table', L='form', fmt='jpeg-gray', q=85, dpi=300, diff='M',
         rot={0: 90}, dob_style='dmy/'),
    dict(n=17, type=R_, kind='ers_export_letter_size', L='ers', fmt='pdf', q=70, dpi=300, diff='M',
         opts=dict(v=1, size='Letter', font='Cantarell'), pmode=['gray']),
    dict(n=18, type=R_, kind='dictated_letter_halftone_letterhead', L='dictated', fmt='tiff-lzw-rgb', dpi=300, diff='M',
         opts=dict(font='Old Standard TT', hfont='Cantarell', halftone=True, justify=True, head='center', re='stack2',
                   emb=1), dob_style='dmy.', force={0: ['coffee']}, tags=['thin_serif_font']),
    dict(n=19, type=R_, kind='gp_system_export_emis', L='emis', fmt='tiff-g4', dpi=300, diff='MM',
         opts=dict(long=True, font='Cantarell')),
    dict(n=20, type=R_, kind='gp_system_export_systmone_mixed_sizes', L='systmone', fmt='pdfqt', dpi=200, diff='MH',
         opts=dict(long=True, size=['A4', 'Letter'], font='Arimo'), hard={1: ['bleed_heavy', 'washout']}),
    dict(n=21, type=R_, kind='faxed_letter_normal_resolution', L='fax', fmt='fax-g3-normal', dpi=200, diff='H',
         era=(2001, 2010), opts=dict(v=1, font='Tinos'), dob_style='d Month y', hard={0: ['annots']}),
    dict(n=22, type=R_, kind='demographics_box_beside_address', L='demog', fmt='tiff-g4', dpi=300, diff='M',
         rot={0: 180}, opts=dict(v=1, font='STIXGeneral', bfont='Cousine', head='right'), dob_style='d-Mon-y',
         nhs_style='plain'),
    dict(n=23, type=R_, kind='soap_note', L='soap', fmt='jpeg-gray', q=40, dpi=150, diff='H',
         opts=dict(font='mononoki', pt=9.5), dob_style='dmy/short', nhs_style='plain', hard={0: ['copy2', 'stamp_over']},
         ink=(105, 105, 110), tags=['pencil_grey_print']),
    dict(n=24, type=R_, kind='two_page_letter_header_first', L='twopage', fmt='tiff-g4', dpi=300, diff='CM',
         opts=dict(font='Junicode Two Beta', head='center', p1_nhs=False), dob_style='dmy/'),
    dict(n=25, type=R_, kind='tickbox_proforma_msk', L='proforma', scn=3, fmt='jpeg-rgb', q=75, dpi=300, diff='M', paper='pink',
         opts=dict(v=1, boxes=True, font='Cantarell'), dob_style='dmy/'),
    dict(n=26, type=R_, kind='terse_note', L='terse', fmt='jpeg-gray', q=55, dpi=200, diff='M',
         opts=dict(size='A4', font='Tlwg Mono', date_style='dmy.'), dob_style='d-Mon-yy', nhs_style='hyphen',
         force={0: ['annot', 'annot', 'circle']}, persp=0.005),
    dict(n=27, type=R_, kind='dictated_letter_two_page', L='dictated', fmt='pdf', q=64, dpi=300, diff='MC',
         opts=dict(long=True, justify=True, font='Charis SIL', head='left', re='row', emb=2), dob_style='dmy/',
         pmode=['gray', 'gray'], force={0: ['bleed']}),
    dict(n=28, type=R_, kind='demographics_box_two_columns', L='demog', fmt='png-gray', dpi=300, diff='C',
         opts=dict(v=2, font='Arimo', bfont='Noto Sans Mono', head='center'), dob_style='dmy/'),
    dict(n=29, type=R_, kind='gp_system_export_vision', L='vision', fmt='tiff-none-gray', dpi=200, diff='MM',
         opts=dict(long=True, font='mononoki', pt=9), dob_style='dmy/', force={0: ['bookfold'], 1: ['bookfold_r']}),
    dict(n=30, type=R_, kind='identifier_header_band', L='band', fmt='jpeg-rgb', q=65, dpi=300, diff='M', rot={0: 270},
         opts=dict(font='Hack', bfont='Gentium', band=QColor(0, 95, 100), col=QColor(0, 95, 100)),
         dob_style='dth Month y', force={0: ['highlight']}),
    dict(n=31, type=R_, kind='fax_form_normal_resolution_stretched', L='fax', scn=7, fmt='fax-g4-stretch', dpi=200, diff='H',
         era=(2004, 2013), opts=dict(v=2, font='Arimo'), dob_style='dmy/', nhs_style='plain', hard={0: ['copy1']}),
    dict(n=32, type=R_, kind='ers_export_two_page', L='ers', fmt='tiff-g4', dpi=400, diff='CM', opts=dict(v=2, long=True)),
    # --- other document types ---
    dict(n=33, type='clinic_letter', kind='clinic_letter', L='clinic', fmt='jpeg-gray', q=80, dpi=300, diff='C'),
    dict(n=34, type='clinic_letter', kind='clinic_letter_two_page', L='clinic', fmt='pdf', q=70, dpi=300, diff='MM',
         rot={1: 180}, opts=dict(long=True, font='Tinos', hfont='Arimo'), pmode=['rgb', 'rgb']),
    dict(n=35, type='clinic_letter', kind='clinic_letter_two_page', L='clinic', fmt='tiff-g4', dpi=300, diff='MH',
         opts=dict(long=True, font='Cantarell'), hard={1: ['copy2', 'darklid']}),
    dict(n=36, type='clinic_letter', kind='clinic_letter', L='clinic', fmt='png-rgb', dpi=200, diff='M',
         opts=dict(font='STIXGeneral', hfont='Arimo', pt=10, halftone=True), force={0: ['stamp', 'annot']},
         tags=['thin_serif_font']),
    dict(n=37, type='discharge_summary', kind='discharge_summary_three_page', L='discharge', fmt='pdfqt', dpi=300,
         diff='MMH', opts=dict(pages=3), hard={2: ['copy2', 'coffee_big']}),
    dict(n=38, type='discharge_summary', kind='discharge_summary', L='discharge', fmt='tiff-lzw-gray', dpi=300,
         diff='CM', opts=dict(pages=2, font='Arimo')),
    dict(n=39, type='discharge_summary', kind='discharge_summary', L='discharge', fmt='pdf', q=58, dpi=200, diff='MM',
         opts=dict(pages=2, font='Noto Sans Mono'), pmode=['gray', 'gray']),
    dict(n=40, type='lab_result', kind='lab_report', L='lab', fmt='png-gray', dpi=300, diff='C', opts=dict(v=0)),
    dict(n=41, type='lab_result', kind='lab_report_dot_matrix', L='lab', fmt='tiff-g4', dpi=200, diff='H', era=(1994, 1999),
         opts=dict(v=1, fade=0.45), dob_style='dmy/short', nhs_style='plain', hard={0: ['copy2']}, thr=125),
    dict(n=42, type='lab_result', kind='lab_report_colour', L='lab', fmt='jpeg-rgb', q=70, dpi=300, diff='M',
         opts=dict(v=2, font='Fira Code'), persp=0.004),
    dict(n=43, type='appointment_letter', kind='appointment_letter_with_a5_slip', L='appt', fmt='pdf', q=76, dpi=300,
         diff='CM', opts=dict(slip=True), pmode=['rgb', 'gray']),
    dict(n=44, type='appointment_letter', kind='appointment_letter', L='appt', fmt='jpeg-gray', q=50, dpi=150, diff='M',
         opts=dict(font='Gentium', hfont='Cantarell'), dob_style='d Month y', paper='buff', ink=(118, 118, 122),
         tags=['pencil_grey_print']),
    dict(n=45, type='continuation_sheet', kind='continuation_sheet_handwritten', L='contsheet', fmt='png-gray', dpi=300,
         diff='M', opts=dict(hand='Steve'), dob_style='dmy/'),
    dict(n=46, type='continuation_sheet', kind='continuation_sheet_handwritten', L='contsheet', fmt='tiff-g4', dpi=300,
         diff='MH', opts=dict(hand='Rufscript', pages=2), dob_style='dmy/', hard={1: ['copy2', 'coffee_big']}),
    dict(n=47, type='continuation_sheet', kind='continuation_sheet_typed', L='contsheet', fmt='jpeg-gray', q=78, dpi=300,
         diff='C', opts=dict(typed=True), dob_style='d-Mon-y'),
]

FORMAT_NAME = {'jpeg-gray': 'jpeg-gray', 'jpeg-rgb': 'jpeg-rgb', 'png-gray': 'png-gray', 'png-rgb': 'png-rgb',
               'tiff-g4': 'tiff-g4', 'tiff-lzw-gray': 'tiff-lzw', 'tiff-lzw-rgb': 'tiff-lzw', 'tiff-none-gray': 'tiff-uncompressed',
               'fax-g3-fine': 'tiff-g3', 'fax-g3-normal': 'tiff-g3', 'fax-g4-stretch': 'tiff-g4', 'pdf': 'pdf-image-only',
               'pdfqt': 'pdf-image-only'}
EXT = {'jpeg-gray': 'jpg', 'jpeg-rgb': 'jpg', 'png-gray': 'png', 'png-rgb': 'png', 'tiff-g4': 'tif', 'tiff-lzw-gray': 'tif',
       'tiff-lzw-rgb': 'tif', 'tiff-none-gray': 'tif', 'fax-g3-fine': 'tif', 'fax-g3-normal': 'tif',
       'fax-g4-stretch': 'tif', 'pdf': 'pdf', 'pdfqt': 'pdf'}


def out_mode_for(cfg, i):
    fmt = cfg['fmt']
    if fmt.startswith('fax-g3-fine'):
        return 'fax-fine'
    if fmt.startswith('fax-g3-normal'):
        return 'fax-normal'
    if fmt.startswith('fax-g4-stretch'):
        return 'fax-stretch'
    if fmt == 'tiff-g4':
        return 'bw'
    if fmt in ('pdf', 'pdfqt'):
        pm = cfg.get('pmode', ['rgb'])
        return pm[min(i, len(pm) - 1)]
    return 'rgb' if fmt.endswith('rgb') else 'gray'


def stamp_spec(ctx, rr, big=False):
    d = add_days(ctx.date, rr.randint(2, 12))
    if d.weekday() >= 5:
        d = add_days(d, 2)
    ds = fmt_date(d, rr.choice(['D MON Y', 'DMONY', 'dmy/']))
    ctx.D(ds, 'received_stamp_date', in_gt=False)
    k = rr.randrange(5)
    if k == 0:
        return (['RECEIVED', ds], RED, 'rect')
    if k == 1:
        return ([ctx.hosp['name'].upper()[:26], 'RECEIVED', ds], STAMP_BLUE, 'oval')
    if k == 2:
        return (['REFERRAL MANAGEMENT CENTRE', f'RECEIVED {ds}'], PURPLE, 'rect')
    if k == 3:
        return (['SCANNED', ds], GREEN, 'rect')
    return (['URGENT'] if big else ['ENTERED ON SYSTEM', ds], RED, 'rect')


def page_plan(ctx, i, diff):
    """Choose the physical marks (pl) and scan settings (prof) for page i."""
    cfg = ctx.cfg
    rr = rng_py(ctx.id, 'plan', i)
    sg = rr.choice([-1, 1])
    pl, prof = {}, {'pseed': f'{ctx.id}:{i}'}
    if diff == 'clean':
        prof.update(skew=rr.uniform(-0.3, 0.3), blur=rr.uniform(0.45, 0.6), noise=rr.uniform(1.0, 2.0), light=0.02, bed=250)
        todo = ['punch'] if rr.random() < 0.3 else []
    elif diff == 'moderate':
        prof.update(skew=sg * rr.uniform(0.5, 2.2), blur=rr.uniform(0.6, 0.95), noise=rr.uniform(2.0, 4.0),
                    light=rr.uniform(0.03, 0.08), bed=rr.choice([250, 240, 225]))
        todo = rr.sample(['stamp', 'annot', 'highlight', 'staple', 'punch', 'fold', 'coffee', 'edge', 'circle', 'bleed',
                          'copy1'], rr.randint(2, 3))
    else:
        prof.update(skew=sg * rr.uniform(1.5, 3.0), blur=rr.uniform(1.0, 1.5), noise=rr.uniform(4.5, 8.0),
                    light=rr.uniform(0.08, 0.16), bed=rr.choice([235, 240]))
        heavy = cfg.get('hard', {}).get(i) or rr.sample(['copy2', 'coffee_big', 'stamp_over', 'annots', 'washout',
                                                         'darklid', 'bleed_heavy', 'bookfold'], 2)
        todo = list(heavy) + rr.sample(['stamp', 'annot', 'staple', 'punch', 'fold', 'edge'], 1)
    todo += cfg.get('force', {}).get(i, [])
    for o in todo:
        if o == 'stamp':
            pl.setdefault('stamps', []).append(stamp_spec(ctx, rr))
        elif o == 'stamp_over':
            pl.setdefault('stamps', []).append(stamp_spec(ctx, rr, big=True))
        elif o == 'annot':
            pl.setdefault('annots', []).append(rr.choice(ANNOTATIONS))
        elif o == 'annots':
            pl.setdefault('annots', []).extend(rr.sample(ANNOTATIONS, 3))
        elif o == 'highlight':
            pl['highlight'] = pl.get('highlight', 0) + 1
        elif o == 'staple':
            pl['staple'] = True
        elif o == 'punch':
            pl['punch'] = 'dark' if prof.get('copies') else True
        elif o == 'fold':
            pl['folds'] = 2
        elif o == 'coffee':
            pl.setdefault('coffee', []).append((rr.uniform(16, 26), rr.uniform(0.5, 0.8)))
        elif o == 'coffee_big':
            pl.setdefault('coffee', []).extend([(rr.uniform(30, 42), rr.uniform(1.1, 1.4)), (rr.uniform(14, 20), 0.9)])
        elif o == 'edge':
            prof.setdefault('edges', []).append((rr.choice(['left', 'top', 'right', 'bottom']), rr.uniform(0.25, 0.45), rr.uniform(2, 5)))
        elif o == 'circle':
            pl['circle'] = True
        elif o == 'bleed':
            pl['bleed'] = rr.uniform(0.10, 0.18)
        elif o == 'bleed_heavy':
            pl['bleed'] = rr.uniform(0.35, 0.45)
        elif o == 'copy1':
            prof.update(copies=1, copy_k=rr.uniform(0.5, 0.8))
        elif o == 'copy2':
            prof.update(copies=2, copy_k=rr.uniform(1.0, 1.25))
        elif o == 'copy3':
            prof.update(copies=3, copy_k=rr.uniform(1.0, 1.2))
        elif o == 'washout':
            prof['washout'] = (rr.uniform(0.4, 0.5), rr.uniform(228, 240))
        elif o == 'darklid':
            prof['bed'] = rr.choice([35, 55])
            prof['shift'] = (ctx.dpi * rr.uniform(0.08, 0.2) * rr.choice([-1, 1]), ctx.dpi * rr.uniform(0.05, 0.15))
            prof.setdefault('edges', []).append(('left', 0.5, 6))
        elif o == 'bookfold':
            prof['bookfold'] = ('left', rr.uniform(0.5, 0.62))
        elif o == 'bookfold_r':
            prof['bookfold'] = ('right', rr.uniform(0.45, 0.55))
        else:
            raise ValueError(o)
    if cfg.get('persp'):
        prof['persp'] = cfg['persp']
    if cfg.get('thr'):
        prof['thr'] = cfg['thr']
    elif diff == 'hard':
        prof['thr'] = rr.choice([135, 175])
    if cfg['fmt'] == 'tiff-g4' or cfg['fmt'].startswith('fax'):
        prof['speckle'] = {'clean': 0, 'moderate': 2e-5, 'hard': 8e-5}[diff]
        if cfg['fmt'].startswith('fax'):
            prof['bands'] = {'clean': 1, 'moderate': 3, 'hard': 6}[diff]
            prof['vstreak'] = diff == 'hard'
    prof['rot'] = cfg.get('rot', {}).get(i, 0)
    return pl, prof


DIFF = {'C': 'clean', 'M': 'moderate', 'H': 'hard'}


def build_doc(cfg, outdir, tmp):
    ctx = Ctx(cfg)
    LAYOUTS[cfg['L']](ctx)
    pages = ctx.pages
    fmt = cfg['fmt']
    scans = []
    recs = []
    for i, pg in enumerate(pages):
        diff = DIFF[cfg['diff'][min(i, len(cfg['diff']) - 1)]]
        pl, prof = page_plan(ctx, i, diff)
        apply_paper_life(pg, pl, rng_py(ctx.id, 'life', i))
        if pg.paper_name not in ('white',):
            pg.degr.insert(0, f'coloured_paper_{pg.paper_name}')
        for t in cfg.get('tags', []):
            pg.degr.append(t)
        arr, kind, dpi = scanner(pg, prof, out_mode_for(cfg, i), rng_np(ctx.id, 'scan', i))
        scans.append((arr, kind, dpi))
        recs.append(dict(diff=diff, prof=prof, pl=pl))
    # every ground-truth line must stay inside the scanned frame
    for i, pg in enumerate(pages):
        T = recs[i]['prof']['_T']
        for t, rc in pg.boxes:
            if rc is None:
                continue
            for pt in (rc.topLeft(), rc.topRight(), rc.bottomLeft(), rc.bottomRight()):
                q_ = T.map(pt)
                assert -1 <= q_.x() <= pg.W + 1 and -1 <= q_.y() <= pg.H + 1, (ctx.id, i, t, q_.x(), q_.y())
        recs[i]['prof'].pop('_T')
    base = os.path.join(outdir, ctx.id)
    ext = EXT[fmt]
    path = f'{base}.{ext}'
    qual = []
    if fmt in ('png-gray', 'png-rgb', 'jpeg-gray', 'jpeg-rgb'):
        assert len(scans) == 1, ctx.id
        arr, kind, dpi = scans[0]
        q = to_qimage(arr, kind, dpi)
        if ext == 'png':
            qwrite(path, q, 'png')
        else:
            qwrite(path, q, 'jpeg', quality=cfg['q'], progressive=cfg['n'] % 3 == 0)
            qual = [cfg['q']]
            pages[0].degr.append(f'jpeg_q{cfg["q"]}')
    elif fmt.startswith('tiff-') or fmt.startswith('fax-'):
        parts = []
        for i, (arr, kind, dpi) in enumerate(scans):
            q = to_qimage(arr, kind, dpi)
            pth = os.path.join(tmp, f'{ctx.id}_{i}.tif')
            comp = 1 if 'lzw' in fmt else 0
            qwrite(pth, q, 'tiff', compression=comp)
            parts.append(pth)
        comp = {'tiff-g4': 'g4', 'fax-g4-stretch': 'g4', 'fax-g3-fine': 'g3:2d', 'fax-g3-normal': 'g3:1d',
                'tiff-lzw-gray': 'lzw', 'tiff-lzw-rgb': 'lzw', 'tiff-none-gray': 'none'}[fmt]
        tiffcp(parts, path, comp)
    elif fmt == 'pdf':
        pp = []
        for i, (arr, kind, dpi) in enumerate(scans):
            qi = max(30, min(92, cfg['q'] + {'clean': 8, 'moderate': 0, 'hard': -14}[recs[i]['diff']]))
            q = to_qimage(arr, kind, dpi)
            jb = jpeg_bytes(q, qi)
            qual.append(qi)
            pages[i].degr.append(f'jpeg_q{qi}')
            wmm, hmm = pages[i].w_mm, pages[i].h_mm
            if recs[i]['prof']['rot'] in (90, 270):
                wmm, hmm = hmm, wmm
            pp.append(dict(jpeg=jb, wpx=q.width(), hpx=q.height(), gray=(kind != 'rgb'),
                           wpt=wmm / 25.4 * 72, hpt=hmm / 25.4 * 72))
        write_pdf_own(path, pp, ctx.date.strftime('%Y%m%d') + '101500Z')
    elif fmt == 'pdfqt':
        pp = []
        for i, (arr, kind, dpi) in enumerate(scans):
            q = to_qimage(arr, kind, dpi)
            wmm, hmm = pages[i].w_mm, pages[i].h_mm
            if recs[i]['prof']['rot'] in (90, 270):
                wmm, hmm = hmm, wmm
            pp.append((q, wmm, hmm))
            pages[i].degr.append('jpeg_qt_pdf_default')
        write_pdf_qt(path, pp, ctx.dpi, ctx.date.strftime('%Y%m%d') + '093000')
    else:
        raise ValueError(fmt)
    if fmt.startswith('pdf'):
        chk = pdf_check(path)
        assert chk['image_only'] and chk['pages'] == len(pages), (path, chk)
    else:
        readback_check(path, scans)
    # ground truth
    gt_text = '\n\f\n'.join('\n'.join(pg.gt) for pg in pages) + '\n'
    with open(f'{base}.gt.txt', 'w', encoding='utf-8', newline='\n') as fh:
        fh.write(gt_text)
    overlays = []
    for i, pg in enumerate(pages):
        for o in pg.overlays:
            overlays.append(dict(page=i + 1, **o))
    ov_text = [o['text'] for o in overlays if o['text']]
    fonts = sorted(set().union(*[pg.fonts for pg in pages]))
    hand_fonts = sorted({o['font'] for o in overlays if o.get('font')})

    def dedup(seq):
        out = []
        for s in seq:
            if s not in out:
                out.append(s)
        return out
    man = {
        'file': os.path.basename(path), 'ground_truth': f'{ctx.id}.gt.txt', 'document_type': cfg['type'],
        'kind': cfg['kind'], 'pages': len(pages),
        'nhs_number': ctx.pt['nhs'] if ctx.nhs_printed else None,
        'date_of_birth': ctx.pt['dob'].isoformat() if ctx.dob_printed else None,
        'nhs_as_printed': ctx.nhs_printed, 'dob_as_printed': ctx.dob_printed,
        'degradations': [dedup(pg.degr) for pg in pages],
        'difficulty': [r_['diff'] for r_ in recs],
        'rotation_clockwise_deg': [r_['prof']['rot'] for r_ in recs],
        'format': FORMAT_NAME[fmt], 'dpi': scans[0][2][0],
        'fonts': fonts,
        'overlay_text_not_in_gt': ov_text,
        'distractors': ctx.distractors,
        'page_dpi': [list(s[2]) for s in scans],
        'page_sizes': [pg.size if isinstance(pg.size, str) else f'{pg.w_mm:g}x{pg.h_mm:g}mm' for pg in pages],
        'page_pixels': [[int(s[0].shape[1]), int(s[0].shape[0])] for s in scans],
        'colour_mode': [s[1] for s in scans],
        'skew_deg_clockwise': [round(r_['prof'].get('skew', 0.0), 2) for r_ in recs],
        'jpeg_quality': qual or None,
        'overlays': overlays,
        'overlay_fonts': hand_fonts,
        'handwritten_text_not_in_gt': [o['text'] for o in overlays if o['kind'] == 'handwritten_entry'],
        'patient_name': ctx.name('full'),
        'specialty': ctx.scn['sp'],
        'letter_date': ctx.date.isoformat(),
        'extra_marks': ctx.extra_overlays,
    }
    if fmt == 'fax-g3-normal':
        man['format_detail'] = 'CCITT G3 1-D, 204x98 dpi (standard fax resolution, pixels not square)'
    elif fmt == 'fax-g3-fine':
        man['format_detail'] = 'CCITT G3 2-D, 204x196 dpi (fine fax resolution)'
    elif fmt == 'fax-g4-stretch':
        man['format_detail'] = 'CCITT G4, 204x196 dpi; received at 98 lines/inch and stretched by line doubling'
    elif fmt == 'pdfqt':
        man['format_detail'] = 'PDF written by QPdfWriter (pages JPEG-encoded by Qt), image only'
    elif fmt == 'pdf':
        man['format_detail'] = 'PDF (own writer), one DCT (JPEG) image per page, image only'
    else:
        man['format_detail'] = {'tiff-g4': 'CCITT G4 bilevel TIFF', 'tiff-lzw-gray': 'TIFF LZW 8-bit grey',
                                'tiff-lzw-rgb': 'TIFF LZW RGB', 'tiff-none-gray': 'TIFF uncompressed 8-bit grey',
                                'png-gray': 'PNG 8-bit grey', 'png-rgb': 'PNG RGB', 'jpeg-gray': 'JPEG grey',
                                'jpeg-rgb': 'JPEG colour (YCbCr 4:2:0)'}[fmt]
    for pg in pages:
        pg.img = None
    return man


def readback_check(path, scans):
    """Decode the written file with Qt and compare with what was encoded (exact for lossless formats)."""
    rd = QImageReader(path)
    n = rd.imageCount() if path.endswith('.tif') else 1
    assert n == len(scans), (path, n, len(scans))
    for i, (arr, kind, dpi) in enumerate(scans):
        rd = QImageReader(path)
        if i:
            assert rd.jumpToImage(i)
        img = rd.read()
        assert not img.isNull(), (path, i, rd.errorString())
        assert (img.width(), img.height()) == (arr.shape[1], arr.shape[0]), (path, i)
        if path.endswith(('.png', '.tif')):
            got = q2rgb(img)
            if kind == 'bw':
                assert np.array_equal(got[..., 0] < 128, arr < 128), (path, i, 'bilevel mismatch')
            elif kind == 'gray':
                assert np.array_equal(got[..., 0].astype(np.uint8), u8(arr)), (path, i, 'grey mismatch')
            else:
                assert np.array_equal(got.astype(np.uint8), u8(arr)), (path, i, 'rgb mismatch')


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def write_readme(outdir, mans, elapsed):
    from collections import Counter
    pages = sum(m['pages'] for m in mans)
    by_type = Counter(m['document_type'] for m in mans)
    by_fmt = Counter(m['format'] for m in mans)
    by_fmt_pages = Counter()
    for m in mans:
        by_fmt_pages[m['format']] += m['pages']
    diff = Counter(d for m in mans for d in m['difficulty'])
    dpis = Counter(m['dpi'] for m in mans)
    rots = Counter(r for m in mans for r in m['rotation_clockwise_deg'])
    kinds = Counter(m['kind'] for m in mans if m['document_type'] == 'referral_letter')
    fonts = Counter(f for m in mans for f in m['fonts'])
    tags = Counter(t.split(':')[0] for m in mans for pg in m['degradations'] for t in pg
                   if not t.startswith('jpeg_q'))

    def table(counter, head):
        rows = [f'| {head} | count |', '| --- | --- |']
        rows += [f'| {k} | {v} |' for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))]
        return '\n'.join(rows)
    txt = f"""# ocr13 - sealed OCR evaluation set: scanned NHS paper documents (fictional)

{len(mans)} files, {pages} pages. Everything is fictional: NHS numbers are in the 999 test range with valid
modulus-11 check digits, postcodes are ZX..., telephone numbers are 01632 960xxx, people, practices and
hospitals are invented. Generated by `make_set.py` (run: `/usr/bin/python3 make_set.py [--out DIR]`);
`SHA256SUMS` lists every file. No OCR engine was run on any output.

## Tool chain
* Layout and drawing: Qt 5 through PyQt5 (Debian python3-pyqt5, QT_QPA_PLATFORM=offscreen). Paragraphs and
  cells are laid out with QTextLayout and the ground-truth lines are read back from the QTextLine ranges of the
  layout that was drawn; QPainter on QImage draws text, rules, boxes, tick boxes, logos (QPainterPath), rubber
  stamps, handwriting (glyph outlines of packaged handwriting fonts turned into jittered QPainterPaths) and
  signatures (random cubic QPainterPaths). Skew, small perspective and placement on the scanner bed use
  QTransform (QTransform.quadToQuad). Coffee stains (QRadialGradient), highlighter and bleed-through
  (mirrored, blurred reverse side) use QPainter composition mode Multiply.
* Paper life and scanner: numpy only (photocopy generations with toner loss, darkening and streaks;
  lighting, edge and book-fold shadows, optical blur, sensor noise, thresholding, fax banding, dot-matrix
  dot rendering, rubber-stamp ink texture, offset-litho CMYK halftone letterheads drawn at twice the
  resolution and reduced with Qt's fast (nearest) transformation, which gives moire); QImage.scaled
  (smooth) for fax resampling.
* Encoding: QImageWriter (PNG; JPEG with set quality, some progressive; TIFF LZW or uncompressed from
  qt5-image-formats-plugins); libtiff `tiffcp` (libtiff-tools) for CCITT G4 and G3 (1-D and 2-D) bilevel
  TIFF and for joining multi-page TIFF; QPdfWriter (creation date replaced by a fixed one of the same length,
  the obsolete "/Text" ProcSet entry blanked) and a small own PDF writer (one DCT image per page).
  Every PDF is checked: no font resources, no text operators in any content stream, one image per page.
* Fonts (Debian packages): Arimo, Tinos, Cousine (fonts-croscore), Gentium (fonts-sil-gentium), Charis SIL,
  Junicode, Old Standard TT, STIX, Fira Code, Hack, mononoki, Cantarell, Noto Mono / Noto Sans Mono,
  Tlwg Typewriter / Tlwg Mono (fonts-tlwg-*-ttf), GNUTypewriter (fonts-gnutypewriter). Handwriting overlays:
  Rufscript (fonts-rufscript), Steve and Delphine (fonts-sjfonts), Because We Learn / Build (fonts-bwht),
  Purisa (fonts-tlwg-purisa-ttf).
* Not used: PIL/Pillow, ImageMagick, GraphicsMagick, LibreOffice, browsers/HTML, cairo/Pango/rsvg, groff,
  netpbm, Ghostscript, mutool, pdftoppm, pdfium, TeX, libvips, fontTools, OpenCV, scikit-image, pygame,
  matplotlib, SciPy, any OCR engine.
* Randomness: every random choice comes from random.Random / numpy Generator seeded with SHA-256 of a string
  ("ocr13:docNN:purpose:page"). Reruns give byte-identical files (checked by generating twice and comparing
  SHA-256 of every file).

## Ground truth conventions (`docNN.gt.txt`, UTF-8)
* Printed text only, in reading order, one printed line per text line; pages separated by a line holding a
  single form feed (\\f). Runs of whitespace are collapsed to one space; lines are stripped; blank lines are
  not written.
* Table rows: one line, non-empty cells joined by one space, left to right. A row of separately placed items on
  one visual line (e.g. "Patient: ... DOB: ...", the fax header line, label + value pairs) is one line, left to
  right. Digits printed one per box (the NHS number boxes in doc25) are table cells: "9 9 9 ...".
* Side-by-side columns (address block beside a reference/date block, a demographics box beside the address,
  trust department beside trust name, a box holding two columns of "Label: value" pairs, lab report
  header columns): the left column is read completely, then the right.
* Not text: tick-box squares, rules, logos (including the "NHS" lozenge), barcodes, emblems, punched holes,
  sprocket holes. Overlay marks are NOT in the ground truth and are listed in the manifest
  (`overlay_text_not_in_gt`, `overlays`): rubber stamps, handwritten annotations, ticks and crosses,
  signatures, pen circles, highlighter, and the hand-written entries of the continuation sheets
  (`handwritten_text_not_in_gt`). Reverse-side bleed-through is not text of the page.
* Printed by a machine and therefore in the ground truth: fax header lines (first line of each faxed page),
  typewritten and dot-matrix text, white-on-dark header bands, printed patient labels (on the compliments
  slip and the continuation sheets), footers in 7-8 pt.
* Rotated pages: the text is in normal reading order; `rotation_clockwise_deg` says by how much the page
  image is turned clockwise from upright (turn it that much anticlockwise to read it). `skew_deg_clockwise`
  gives the small skew applied on the scanner bed (before the 90/180/270 turn).

## Manifest (`manifest.jsonl`, one JSON object per file)
`file`, `ground_truth`, `document_type`, `kind`, `pages`, `nhs_number` (10 digits or null), `date_of_birth`
(YYYY-MM-DD or null), `nhs_as_printed`, `dob_as_printed` (the first printed form), `degradations` (list per
page), `difficulty` (per page: clean | moderate | hard), `rotation_clockwise_deg` (per page), `format`, `dpi`
(horizontal dpi of the file; fax files are 204 across, see `page_dpi` for [x, y]), `fonts` (printed text),
`overlay_text_not_in_gt`, `distractors` (other numbers and dates: type, text, and whether the text is in the
ground truth - received-stamp dates are not). Extra fields: `page_dpi`, `page_sizes`, `page_pixels`,
`colour_mode`, `skew_deg_clockwise`, `jpeg_quality`, `overlays`, `overlay_fonts`, `handwritten_text_not_in_gt`,
`format_detail`, `patient_name`, `specialty`, `letter_date`, `extra_marks`.

## Counts
{table(by_type, 'document_type')}

{table(by_fmt, 'format (files)')}

{table(by_fmt_pages, 'format (pages)')}

{table(diff, 'difficulty (pages)')}

{table(dpis, 'dpi (files)')}

{table(rots, 'rotation_clockwise_deg (pages)')}

{table(kinds, 'referral letter kind')}

{table(fonts, 'font (files)')}

{table(tags, 'degradation tag (pages)')}

Generation takes about two to three minutes on the 2-core build machine.
"""
    with open(os.path.join(outdir, 'README.md'), 'w', encoding='utf-8') as fh:
        fh.write(txt)


def main():
    args = sys.argv[1:]
    outdir = os.path.dirname(os.path.abspath(__file__))
    if '--out' in args:
        outdir = os.path.abspath(args[args.index('--out') + 1])
    only = None
    if '--only' in args:
        only = {int(x) for x in args[args.index('--only') + 1].split(',')}
    os.makedirs(outdir, exist_ok=True)
    for fam in ['Arimo', 'Tinos', 'Cousine', 'Gentium', 'Charis SIL', 'Junicode Two Beta', 'Old Standard TT',
                'STIXGeneral', 'Fira Code', 'Hack', 'mononoki', 'Cantarell', 'Noto Mono', 'Noto Sans Mono',
                'Tlwg Typewriter', 'Tlwg Mono', 'GNUTypewriter'] + HAND_FONTS:
        fi = QFontInfo(QFont(fam))
        if fi.family() != fam:
            sys.exit(f'font missing: {fam} (got {fi.family()})')
    t0 = time.time()
    tmp = tempfile.mkdtemp(prefix='ocr13_')
    mans = []
    try:
        for cfg in DOCS:
            if only and cfg['n'] not in only:
                continue
            t1 = time.time()
            cfg = json.loads(json.dumps(cfg, default=lambda o: o.name() if isinstance(o, QColor) else str(o)))
            cfg = restore_colours(cfg)
            man = build_doc(cfg, outdir, tmp)
            mans.append(man)
            if man['pages'] != len(cfg['diff']):
                print(f'WARNING {man["file"]}: {man["pages"]} pages, plan {len(cfg["diff"])}', flush=True)
            print(f'{man["file"]:10s} {man["pages"]}p {man["format"]:18s} {",".join(d[0] for d in man["difficulty"])} '
                  f'{time.time() - t1:5.1f}s', flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.time() - t0
    validate(outdir, mans)
    if only:
        return
    with open(os.path.join(outdir, 'manifest.jsonl'), 'w', encoding='utf-8') as fh:
        for m in mans:
            fh.write(json.dumps(m, ensure_ascii=False, sort_keys=False) + '\n')
    write_readme(outdir, mans, elapsed)
    files = sorted(f for f in os.listdir(outdir) if re.match(r'doc\d\d\.', f)) + ['manifest.jsonl', 'README.md']
    here = os.path.abspath(__file__)
    with open(os.path.join(outdir, 'SHA256SUMS'), 'w') as fh:
        for f in files:
            fh.write(f'{sha256(os.path.join(outdir, f))}  {f}\n')
        if os.path.dirname(here) == outdir:
            fh.write(f'{sha256(here)}  make_set.py\n')
    print(f'done: {len(mans)} files, {sum(m["pages"] for m in mans)} pages, {elapsed:.0f}s')


def validate(outdir, mans):
    """Consistency checks on ground truth and manifest (no OCR involved)."""
    for m in mans:
        gt = open(os.path.join(outdir, m['ground_truth']), encoding='utf-8').read()
        assert gt.endswith('\n') and gt.count('\n\f\n') == m['pages'] - 1, m['file']
        for ln in gt.split('\n')[:-1]:
            assert ln == '\f' or (ln and ln == collapse(ln)), (m['file'], ln)
        for k in ('degradations', 'difficulty', 'rotation_clockwise_deg', 'page_dpi'):
            assert len(m[k]) == m['pages'], (m['file'], k)
        if m['document_type'] == 'referral_letter':
            assert m['nhs_number'] and m['date_of_birth'], m['file']
        if m['nhs_number']:
            assert nhs_valid(m['nhs_number']) and m['nhs_number'].startswith('999'), m['file']
            assert re.sub(r'\D', '', m['nhs_as_printed']) == m['nhs_number'], m['file']
            assert m['nhs_as_printed'] in gt, (m['file'], 'nhs not in gt')
        if m['date_of_birth']:
            assert m['dob_as_printed'] in gt, (m['file'], 'dob not in gt')
        for ph in re.findall(r'\b0\d{4} \d{6}\b', gt):
            assert ph.startswith('01632 960'), (m['file'], ph)
        for pc in re.findall(r'\b[A-Z]{1,2}\d{1,2} \d[A-Z]{2}\b', gt):
            assert pc.startswith('ZX'), (m['file'], pc)
        flat = collapse(gt.replace('\f', ' '))
        for d in m['distractors']:
            if d['in_gt']:
                assert d['text'] in flat, (m['file'], d)


def restore_colours(cfg):
    for k in ('band', 'col'):
        v = cfg.get('opts', {}).get(k)
        if isinstance(v, str):
            cfg['opts'][k] = QColor(v)
    for k in ('hard', 'force', 'rot'):
        if k in cfg:
            cfg[k] = {int(a): b for a, b in cfg[k].items()}
    return cfg


if __name__ == '__main__':
    main()
