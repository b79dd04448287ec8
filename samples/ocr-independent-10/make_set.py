#!/usr/bin/env python3
"""make_set.py -- builds the sealed OCR evaluation set "ocr10".

Fictional scanned NHS paper documents.  Tool chain (nothing else is used):
  * Python 3 standard library (content, LaTeX source, ground truth, manifest,
    raw-byte raster helpers, multi-page TIFF assembly, PDF writer)
  * TeX Live (latex, in DVI mode) with Latin Modern, TeX Gyre, URW (psnfss) fonts
  * dvipng  (DVI -> PNG at the scan resolution)
  * libvips command line tool `vips` (all image processing and encoding)

Randomness: random.Random seeded with strings only.  Re-running gives
byte-identical outputs; see SHA256SUMS (`python3 make_set.py --check`).
"""
import hashlib
import json
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import zlib
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ.get('OCR10_WORK', '/tmp/ocr10_work')
SEED = 'ocr10-sealed-2024'
ENV = dict(os.environ, SOURCE_DATE_EPOCH='946684800', FORCE_SOURCE_DATE='1',
           VIPS_WARNING='0', LC_ALL='C')


def R(*parts):
    """A string-seeded random generator."""
    return random.Random('|'.join([SEED] + [str(p) for p in parts]))


# ---------------------------------------------------------------------------
# Fictional people, places and numbers
# ---------------------------------------------------------------------------
MALE = ['Arthur', 'Brian', 'Colin', 'Derek', 'Edward', 'Frank', 'Gordon', 'Harold',
        'Ian', 'James', 'Keith', 'Leonard', 'Malcolm', 'Neil', 'Owen', 'Peter',
        'Raymond', 'Stanley', 'Trevor', 'Vernon', 'Walter', 'Aled', 'Bilal', 'Connor',
        'Dominic', 'Elliot', 'Femi', 'Gareth', 'Hamish', 'Imran', 'Jonah', 'Kieran',
        'Lewis', 'Marek', 'Nathan', 'Oliver', 'Rhys', 'Samir', 'Tomasz', 'Wilfred']
FEMALE = ['Agnes', 'Beryl', 'Carol', 'Doreen', 'Edith', 'Freda', 'Gillian', 'Hilda',
          'Irene', 'Joan', 'Kathleen', 'Linda', 'Margaret', 'Nora', 'Olive', 'Pauline',
          'Rita', 'Sheila', 'Teresa', 'Valerie', 'Wendy', 'Aisha', 'Bethan', 'Chloe',
          'Deborah', 'Elin', 'Fatima', 'Grace', 'Hannah', 'Ifeoma', 'Jasmine', 'Kerry',
          'Leanne', 'Maryam', 'Niamh', 'Orla', 'Priya', 'Rosalind', 'Sinead', 'Zofia']
SURNAMES = ['Ashworth', 'Blackwood', 'Cartwright', 'Dunmore', 'Ellery', 'Fairbairn',
            'Gorringe', 'Hartigan', 'Inchbald', 'Jessop', 'Kettleby', 'Lambourne',
            'Merriman', 'Nettleship', 'Oakridge', 'Pennington', 'Quarrie', 'Rowntree',
            'Scattergood', 'Thistlewood', 'Underhill', 'Vassall', 'Wetherall', 'Yardley',
            'Abernethy', 'Brocklehurst', 'Colquhoun', 'Dewhirst', 'Eckersley', 'Fothergill',
            'Greenhalgh', 'Hepplewhite', 'Illingworth', 'Jowett', 'Kinnear', 'Liversidge',
            'Mottram', 'Nuttall', 'Ogunleye', 'Pickersgill', 'Ramsbottom', 'Sowerby',
            'Tattersall', 'Uttley', 'Villiers', 'Whitworth', 'Adeyemi', 'Bhattacharya',
            'Chaudhry', 'Dobrowolski', 'Evans-Pugh', "O'Halloran", 'Mac Aodha', 'Nakamura']
STREETS = ['Larkspur Road', 'Quarry Bank', 'Weavers Row', 'Chapel Fold', 'Millstone Lane',
           'Beacon View', 'Orchard Close', 'Tanners Walk', 'Coldharbour Lane', 'Fieldfare Way',
           'Brindle Street', 'Copperbeech Drive', 'Ferrymans Court', 'Hollybush Avenue',
           'Nightingale Crescent', 'Pennine Terrace', 'Rookery Gardens', 'Saddlers Yard',
           'Threadneedle Mews', 'Wharfside', 'Glebe Cottages', 'Kestrel Rise', 'Pitt Street',
           'Bracken Hill', 'Sandpiper Road', 'Long Acre', 'Cobblers Lane', 'Station Approach']
TOWNS = [('Northfield', 'Westshire'), ('Ashby Vale', 'Westshire'), ('Kingsmere', 'Westshire'),
         ('Eastbrook', 'Fenland'), ('Hollin Green', 'Fenland'), ('Marston Reach', 'Wealdshire'),
         ('Little Barrow', 'Wealdshire'), ('Caverley', 'Westshire'), ('Dunholm', 'Fenland'),
         ('Stourmouth', 'Wealdshire')]
PRACTICES = ['Brookside Medical Centre', 'The Willows Surgery', 'Kingsmere Health Centre',
             'Riverside Family Practice', 'Ashby Vale Group Practice', 'Old Mill Surgery',
             'Fenland Road Medical Practice', 'Marston Reach Health Centre',
             'St Bride\'s Surgery', 'Castle Hill Medical Group', 'The Green Practice',
             'Quayside Medical Centre']
HOSPITALS = [('Northfield General Hospital', 'Northfield and Kingsmere Hospitals NHS Trust'),
             ('Kingsmere Royal Infirmary', 'Northfield and Kingsmere Hospitals NHS Trust'),
             ('St Aldhelm\'s Hospital', 'Wealdshire Healthcare NHS Foundation Trust'),
             ('Eastbrook Community Hospital', 'Fenland Acute Hospitals NHS Trust'),
             ('Caverley District Hospital', 'Westshire University Hospitals NHS Foundation Trust')]
GP_NAMES = ['Dr A. Okafor', 'Dr R. Whitcombe', 'Dr S. Lindqvist', 'Dr H. Mistry',
            'Dr J. Pemberton', 'Dr C. Ferreira', 'Dr M. Haddad', 'Dr E. Cardew',
            'Dr T. Ravensworth', 'Dr L. Achebe', 'Dr P. Sandford', 'Dr K. Nakashima',
            'Dr F. Gallacher', 'Dr B. Osei', 'Dr D. Villanueva', 'Dr N. Harcourt']
CONSULTANTS = ['Mr G. Farrow', 'Dr V. Chandrasekar', 'Miss E. Trelawney', 'Dr O. Abiodun',
               'Mr D. Kowalczyk', 'Dr I. Macready', 'Prof W. Hargreaves', 'Dr Y. Benhamou',
               'Mrs A. Lockwood', 'Dr Z. Rahman']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']
POST_LET = 'ABDEFGHJLNPQRSTUWXYZ'


def nhs_number(r):
    """999-range NHS number with a valid modulus-11 check digit."""
    while True:
        body = [9, 9, 9] + [r.randrange(10) for _ in range(6)]
        s = sum(d * w for d, w in zip(body, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return ''.join(map(str, body + [c]))


def nhs_valid(n):
    if not re.fullmatch(r'\d{10}', n):
        return False
    s = sum(int(d) * w for d, w in zip(n[:9], range(10, 1, -1)))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def fmt_nhs(n, style):
    if style == 'spaced':
        return '%s %s %s' % (n[:3], n[3:6], n[6:])
    if style == 'dashed':
        return '%s-%s-%s' % (n[:3], n[3:6], n[6:])
    return n


def ordinal(d):
    if 11 <= d <= 13:
        return '%dth' % d
    return '%d%s' % (d, {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th'))


def fmt_date(d, style):
    m = MONTHS[d.month - 1]
    return {
        'dmy': '%02d/%02d/%04d' % (d.day, d.month, d.year),
        'dmy2': '%02d/%02d/%02d' % (d.day, d.month, d.year % 100),
        'dot2': '%02d.%02d.%02d' % (d.day, d.month, d.year % 100),
        'dot4': '%02d.%02d.%04d' % (d.day, d.month, d.year),
        'long': '%d %s %d' % (d.day, m, d.year),
        'ordlong': '%s %s %d' % (ordinal(d.day), m, d.year),
        'mon': '%02d %s %d' % (d.day, m[:3], d.year),
        'mondash': '%02d-%s-%d' % (d.day, m[:3], d.year),
        'MONDASH': '%02d-%s-%d' % (d.day, m[:3].upper(), d.year),
        'iso': d.isoformat(),
        'dash': '%02d-%02d-%04d' % (d.day, d.month, d.year),
    }[style]


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def rand_date(r, y0, y1):
    start = date(y0, 1, 1)
    return start + timedelta(days=r.randrange((date(y1, 12, 31) - start).days))


def postcode(r):
    return 'ZX%d %d%s%s' % (r.randint(1, 29), r.randint(1, 9), r.choice(POST_LET), r.choice(POST_LET))


def phone(r):
    return '01632 960%03d' % r.randrange(1000)


class Patient:
    def __init__(self, key, year_range=(1924, 2008)):
        r = R('patient', key)
        self.sex = r.choice('MF')
        self.first = r.choice(MALE if self.sex == 'M' else FEMALE)
        self.middle = r.choice([x for x in (MALE if self.sex == 'M' else FEMALE) if x != self.first]) if r.random() < 0.4 else ''
        self.last = r.choice(SURNAMES)
        self.title = 'Mr' if self.sex == 'M' else r.choice(['Mrs', 'Miss', 'Ms', 'Mrs'])
        self.dob = rand_date(r, *year_range)
        self.nhs = nhs_number(r)
        town, county = r.choice(TOWNS)
        self.addr = ['%d %s' % (r.randint(1, 148), r.choice(STREETS)), town, county]
        if r.random() < 0.3:
            self.addr.insert(1, r.choice(['Flat %d' % r.randint(1, 20), 'Lower Fold', 'Upper Marsh',
                                          'Greywell', 'Thornby']))
        self.pc = postcode(r)
        self.tel = phone(r)
        self.hosp = r.choice(['K%06d' % r.randrange(10 ** 6), 'N%07d' % r.randrange(10 ** 7),
                              '%08d' % r.randrange(10 ** 8), 'RX%d %06d' % (r.randint(1, 9), r.randrange(10 ** 6))])
        self.gp_key = r.randrange(1000)

    @property
    def name(self):
        return '%s %s' % (self.first, self.last)

    @property
    def fullname(self):
        return ' '.join(x for x in [self.title, self.first, self.middle, self.last] if x)

    def he(self):
        return 'he' if self.sex == 'M' else 'she'

    def his(self):
        return 'his' if self.sex == 'M' else 'her'

    def him(self):
        return 'him' if self.sex == 'M' else 'her'

    def mw(self):
        return 'man' if self.sex == 'M' else 'woman'


# ---------------------------------------------------------------------------
# Clinical content (fictional, generic)
# ---------------------------------------------------------------------------
SCEN = [
    dict(dept='Trauma and Orthopaedics', short='Orthopaedics', reason='Right knee pain, probable osteoarthritis',
         hist=['{He} describes a {n} month history of worsening right knee pain, worse on stairs and after walking more than half a mile.',
               'There is morning stiffness lasting about twenty minutes and the knee gives way occasionally.',
               'Paracetamol and topical ibuprofen have helped only a little and {he} has completed a course of physiotherapy.',
               'Sleep is now disturbed most nights and {he} has stopped going to the allotment.'],
         exam='Small effusion, crepitus, fixed flexion 5 degrees, flexion to 100 degrees, ligaments stable.',
         inv='X-ray right knee: marked medial joint space narrowing with osteophytes.',
         ask='I would be grateful if you could assess {him} with a view to joint replacement.',
         pmh=['Hypertension', 'Type 2 diabetes (diet controlled)', 'Cholecystectomy 2004'],
         meds=['Amlodipine 5mg once daily', 'Paracetamol 1g four times daily', 'Ibuprofen 5% gel topically']),
    dict(dept='Cardiology', short='Cardiology', reason='Exertional chest tightness',
         hist=['{He} reports central chest tightness on walking uphill for the last {n} weeks, relieved by rest within five minutes.',
               'No pain at rest, no syncope, mild breathlessness on exertion.',
               'Father had a myocardial infarction aged 58. Ex-smoker of 20 pack years.',
               'ECG in surgery shows sinus rhythm 72 with no acute changes.'],
         exam='BP 148/88, HR 72 regular, heart sounds normal, chest clear, no oedema.',
         inv='Total cholesterol 6.4 mmol/L, HbA1c 41 mmol/mol, eGFR 78.',
         ask='I have started aspirin and a GTN spray. Please see {him} in the rapid access chest pain clinic.',
         pmh=['Hypercholesterolaemia', 'Gout'],
         meds=['Aspirin 75mg once daily', 'GTN spray 400 micrograms as required', 'Allopurinol 100mg once daily']),
    dict(dept='Colorectal Surgery', short='Lower GI', reason='Change in bowel habit and iron deficiency anaemia',
         hist=['{He} has had looser stools, up to four times a day, for the past {n} weeks with intermittent dark red blood.',
               'Weight has fallen by about 4 kg without trying.',
               'No family history of bowel cancer. FIT result 148 micrograms Hb/g faeces.'],
         exam='Abdomen soft, non-tender, no masses. PR: no palpable mass, dark blood on glove.',
         inv='Hb 98 g/L, MCV 74 fL, ferritin 9 micrograms/L, CRP 12.',
         ask='I am referring {him} under the suspected cancer pathway.',
         pmh=['Osteoarthritis', 'Depression'],
         meds=['Sertraline 50mg once daily', 'Ferrous fumarate 210mg twice daily']),
    dict(dept='Breast Surgery', short='Breast', reason='Left breast lump',
         hist=['{He} noticed a lump in the upper outer quadrant of the left breast {n} weeks ago.',
               'It is not painful and has not changed with the menstrual cycle.',
               'No nipple discharge. Maternal aunt had breast cancer in her sixties.'],
         exam='2 cm firm, mobile lump left upper outer quadrant. No axillary lymphadenopathy.',
         inv='None arranged in primary care.',
         ask='Please see urgently in the breast clinic.',
         pmh=['Asthma', 'Migraine'],
         meds=['Salbutamol inhaler 100 micrograms as required', 'Beclometasone 200 micrograms twice daily']),
    dict(dept='ENT', short='ENT', reason='Unilateral hearing loss and tinnitus',
         hist=['{He} has noticed reduced hearing in the left ear over {n} months with constant high-pitched tinnitus.',
               'No vertigo, otalgia or discharge. Works in a noisy factory and uses ear defenders.',
               'Wax was removed by microsuction in March without improvement.'],
         exam='Ear canals and drums normal. Rinne positive both sides, Weber lateralises to the right.',
         inv='Audiogram in community: left sensorineural loss 35 dB.',
         ask='I would be grateful for your assessment and consideration of an MRI scan.',
         pmh=['Hypothyroidism'],
         meds=['Levothyroxine 100 micrograms once daily']),
    dict(dept='Ophthalmology', short='Eye Clinic', reason='Bilateral cataracts affecting driving',
         hist=['{He} reports gradually blurred vision over {n} months, with glare from oncoming headlights at night.',
               'The optometrist found bilateral lens opacities. Visual acuity right 6/18, left 6/12.',
               '{He} is keen to have surgery so that {he} can keep driving.'],
         exam='Lens opacities both eyes on ophthalmoscopy, red reflex reduced.',
         inv='Optometry report enclosed.',
         ask='Please assess for cataract surgery.',
         pmh=['Glaucoma suspect', 'Hypertension'],
         meds=['Ramipril 5mg once daily', 'Latanoprost eye drops at night']),
    dict(dept='Gastroenterology', short='Gastro', reason='Persistent dyspepsia and weight loss',
         hist=['{He} has had upper abdominal discomfort after meals for {n} months despite omeprazole.',
               'Early satiety and weight loss of 3 kg. No dysphagia or vomiting.',
               'Helicobacter stool antigen negative.'],
         exam='Mild epigastric tenderness, no masses, no lymphadenopathy.',
         inv='Hb 131 g/L, LFTs normal, amylase normal.',
         ask='I would appreciate an urgent gastroscopy.',
         pmh=['GORD', 'Anxiety'],
         meds=['Omeprazole 20mg twice daily', 'Propranolol 10mg as required']),
    dict(dept='Urology', short='Urology', reason='Visible haematuria',
         hist=['{He} had two episodes of painless visible haematuria {n} weeks ago.',
               'No dysuria or loin pain. Smoker, 15 cigarettes a day.',
               'Urine culture negative.'],
         exam='Abdomen soft, no masses, prostate smooth and moderately enlarged.',
         inv='eGFR 71, PSA 2.1 micrograms/L.',
         ask='Please see under the two week wait haematuria pathway.',
         pmh=['COPD', 'Benign prostatic hyperplasia'],
         meds=['Tamsulosin 400 micrograms once daily', 'Tiotropium inhaler once daily']),
    dict(dept='Neurology', short='Neurology', reason='New onset headaches',
         hist=['{He} has a {n} week history of headaches, worse in the mornings and on coughing.',
               'No visual disturbance or weakness. Simple analgesia gives partial relief.',
               'No previous history of migraine.'],
         exam='Fundi difficult to see. Cranial nerves intact, limbs normal, gait normal.',
         inv='ESR 14, CRP under 5.',
         ask='I would be grateful if you could see {him} soon and consider imaging.',
         pmh=['Irritable bowel syndrome'],
         meds=['Mebeverine 135mg three times daily']),
    dict(dept='Dermatology', short='Dermatology', reason='Changing pigmented lesion on back',
         hist=['{His} partner noticed a mole on {his} upper back that has grown and darkened over {n} months.',
               'It occasionally itches and bled once after rubbing on clothing.',
               'Fair skin, several holidays abroad with sunburn as a child.'],
         exam='9 mm irregular pigmented lesion with variable colour and asymmetry, left scapular region.',
         inv='Dermoscopy image attached to the electronic referral.',
         ask='Please see under the suspected skin cancer pathway.',
         pmh=['Eczema'],
         meds=['Emollients as required']),
    dict(dept='Diabetes and Endocrinology', short='Endocrine', reason='Thyroid nodule',
         hist=['{He} noticed a swelling in the front of the neck {n} weeks ago.',
               'No compressive symptoms, voice unchanged. No previous neck irradiation.',
               'Feels generally well.'],
         exam='1.5 cm smooth nodule right lobe of thyroid, moves on swallowing, no lymphadenopathy.',
         inv='TSH 1.9 mU/L, free T4 14 pmol/L.',
         ask='Please arrange ultrasound and review in the thyroid clinic.',
         pmh=['Polycystic ovary syndrome'],
         meds=['Metformin 500mg twice daily']),
    dict(dept='Respiratory Medicine', short='Respiratory', reason='Persistent cough and haemoptysis',
         hist=['{He} has had a cough for {n} weeks with occasional streaks of blood in the sputum.',
               'Lifelong smoker. Night sweats for two weeks.',
               'Two courses of antibiotics have not helped.'],
         exam='Reduced air entry right base. Finger clubbing present.',
         inv='Chest X-ray: right hilar prominence.',
         ask='Please see urgently under the lung cancer pathway.',
         pmh=['COPD', 'Peripheral vascular disease'],
         meds=['Fostair 100/6 two puffs twice daily', 'Clopidogrel 75mg once daily']),
    dict(dept='Rheumatology', short='Rheumatology', reason='Inflammatory polyarthritis',
         hist=['{He} has had painful swollen hands and wrists for {n} weeks with morning stiffness over an hour.',
               'Naproxen helps partially.',
               'Mother had rheumatoid arthritis.'],
         exam='Synovitis of both wrists and several MCP joints. Squeeze test positive.',
         inv='CRP 34, rheumatoid factor positive, anti-CCP awaited.',
         ask='I would be grateful for early assessment in the inflammatory arthritis clinic.',
         pmh=['Hypertension'],
         meds=['Naproxen 500mg twice daily', 'Lansoprazole 15mg once daily', 'Bendroflumethiazide 2.5mg once daily']),
    dict(dept='Gynaecology', short='Gynaecology', reason='Postmenopausal bleeding',
         hist=['{He} has had two episodes of vaginal bleeding {n} weeks ago, eight years after the menopause.',
               'Not on HRT. No weight loss.',
               'Cervical screening up to date and normal.'],
         exam='Abdomen soft. Speculum: cervix normal, no active bleeding.',
         inv='Hb 128 g/L.',
         ask='Please see under the suspected gynaecological cancer pathway.',
         pmh=['Hypertension', 'Osteopenia'],
         meds=['Losartan 50mg once daily', 'Adcal-D3 one tablet twice daily']),
]
FEMALE_ONLY = {'Breast Surgery', 'Gynaecology'}


def scen_for(key, pat):
    r = R('scen', key)
    choices = [s for s in SCEN if pat.sex == 'F' or s['dept'] not in FEMALE_ONLY]
    s = dict(r.choice(choices))
    n = r.choice([2, 3, 4, 6, 8, 9, 12, 18])
    sub = dict(He=pat.he().capitalize(), he=pat.he(), His=pat.his().capitalize(), his=pat.his(),
               him=pat.him(), n=n)
    for k in ('hist', 'pmh', 'meds'):
        s[k] = [x.format(**sub) for x in s[k]]
    for k in ('exam', 'inv', 'ask', 'reason'):
        s[k] = s[k].format(**sub)
    return s


# ---------------------------------------------------------------------------
# Layout elements -> LaTeX + ground truth
# ---------------------------------------------------------------------------
# Every printed line is a \hbox (never broken by TeX); paragraphs are wrapped
# here in Python, so the ground truth line breaks are exactly the printed ones.
# Any "Overfull" box in the log makes the document re-wrap / shrink and retry.
CW = {'lmr': .47, 'qtm': .45, 'ptm': .45, 'qpl': .47, 'qbk': .52, 'qcs': .52, 'pnc': .52,
      'lmss': .49, 'qhv': .52, 'phv': .52, 'qag': .54, 'lmtt': .525, 'lmvtt': .5, 'qcr': .6,
      'pcr': .6, 'qzc': .42, 'pzc': .44, 'lmssq': .47}
FONT_NAMES = {'lmr': 'Latin Modern Roman', 'lmss': 'Latin Modern Sans', 'lmssq': 'Latin Modern Sans Quotation',
              'lmtt': 'Latin Modern Mono (typewriter)', 'lmvtt': 'Latin Modern Mono Proportional',
              'qtm': 'TeX Gyre Termes', 'qhv': 'TeX Gyre Heros', 'qcr': 'TeX Gyre Cursor',
              'qbk': 'TeX Gyre Bonum', 'qpl': 'TeX Gyre Pagella', 'qcs': 'TeX Gyre Schola',
              'qag': 'TeX Gyre Adventor', 'qzc': 'TeX Gyre Chorus (script)', 'pcr': 'URW Nimbus Mono (Courier)',
              'ptm': 'URW Nimbus Roman (Times)', 'phv': 'URW Nimbus Sans (Helvetica)',
              'pnc': 'URW Century Schoolbook', 'pzc': 'URW Chancery'}

TEX_ESC = {'\\': r'\textbackslash{}', '&': r'\&', '%': r'\%', '$': r'\$', '#': r'\#', '_': r'\_',
           '{': r'\{', '}': r'\}', '~': r'\textasciitilde{}', '^': r'\textasciicircum{}',
           "'": r'\textquotesingle{}', '"': r'\textquotedbl{}', '-': '-{}', '<': r'\textless{}',
           '>': r'\textgreater{}', '\u00b0': r'\textdegree{}', '\u00a3': r'\pounds{}',
           '|': r'\textbar{}', '`': r'\textasciigrave{}'}


def esc(s):
    out = []
    for k, c in enumerate(s):
        if c == ' ' and k > 0 and s[k - 1] == ' ':
            out.append('\\ ')      # keep runs of spaces visible (GT collapses them)
        else:
            out.append(TEX_ESC.get(c, c))
    return ''.join(out)


def plain(s):
    return re.sub(r'\s+', ' ', s.replace('**', '')).strip()


# element constructors ------------------------------------------------------
def L(x, al='l', sz=None, ff=None, b=False, i=False, col=None, hl=None, caps=False):
    return dict(t='line', x=x, al=al, sz=sz, ff=ff, b=b, i=i, col=col, hl=hl, caps=caps)


def SP(*parts, sz=None, ff=None, b=False):
    return dict(t='spread', parts=list(parts), sz=sz, ff=ff, b=b)


def P(x, sz=None, ff=None, b=False, i=False, indent=0, hl_line=None, al='l'):
    return dict(t='para', x=x, sz=sz, ff=ff, b=b, i=i, indent=indent, hl_line=hl_line, al=al)


def VS(mm):
    return dict(t='vs', mm=mm)


def VF():
    return dict(t='vfill')


def RULE(pt=0.4, w=1.0, col=None):
    return dict(t='rule', pt=pt, w=w, col=col)


def COLS(*cols, gap=4):
    return dict(t='cols', cols=list(cols), gap=gap)


def TBL(rows, spec, sz=None, ff=None, lines='none', shade_first=False, bold_first=False,
        bold_col0=False, stretch=1.15, sep=4, al='l'):
    return dict(t='table', rows=rows, spec=spec, sz=sz, ff=ff, lines=lines, shade_first=shade_first,
                bold_first=bold_first, bold_col0=bold_col0, stretch=stretch, sep=sep, al=al)


def BOX(els, style='fbox', pad=2.5, w=1.0, bg=None, rule=0.5):
    return dict(t='box', els=els, style=style, pad=pad, w=w, bg=bg, rule=rule)


def CHK(items, sz=None, ff=None):
    return dict(t='checks', items=items, sz=sz, ff=ff)


def LOGO(kind, h=12, al='l'):
    return dict(t='logo', kind=kind, h=h, al=al)


def ANC(name):
    return dict(t='anchor', name=name)


def SIG(name='sig', mm=14):
    return dict(t='sig', name=name, mm=mm)


PT_PER_MM = 72.27 / 25.4


class Ctx:
    def __init__(self, ff='lmr', sz=10.0, lead=1.22, wrap=0.97, jitter=None, key='x'):
        self.ff, self.sz, self.lead, self.wrap, self.jitter = ff, sz, lead, wrap, jitter
        self.scale = 1.0
        self.rng = R('jitter', key)
        self.non_gt = []     # text printed but not ground truth (logos)
        self.used = set()


def wrap_text(text, width_pt, sz, ff, ctx, indent_pt=0):
    cpl = max(10, int((width_pt - indent_pt) / (sz * ctx.scale * CW.get(ff, .5)) * ctx.wrap))
    words = text.split()
    lines, cur = [], ''
    for w in words:
        if cur and len(plain(cur + ' ' + w)) > cpl:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + ' ' + w) if cur else w
    if cur:
        lines.append(cur)
    return lines


def tex_text(x, ctx, b=False, ff=None):
    """Text with **bold** toggles; jitter modes simulate typewriter / handwriting."""
    out = []
    eff = ff or ctx.ff
    jit = ctx.jitter if (ctx.jitter == 'typewriter' and eff in ('pcr', 'qcr', 'lmtt')) or \
        (ctx.jitter == 'script' and eff in ('qzc', 'pzc')) else None
    for k, seg in enumerate(x.split('**')):
        if not seg:
            continue
        if jit == 'typewriter':
            parts = []
            for c in seg:
                if c == ' ':
                    parts.append(' ')
                    continue
                g = ctx.rng.choice([0.0, 0.0, 0.05, 0.1, 0.18, 0.28])
                dy = ctx.rng.choice([0, 0, 0, 0.25, -0.25, 0.45])
                parts.append(r'\raisebox{%.2fpt}{\textcolor[gray]{%.2f}{%s}}' % (dy, g, esc(c)))
            t = ''.join(parts)
        elif jit == 'script':
            parts = []
            for wd in seg.split(' '):
                if not wd:
                    continue
                dy = ctx.rng.uniform(-0.9, 0.9)
                parts.append(r'\raisebox{%.2fpt}{%s}' % (dy, esc(wd)))
            t = (r'\hskip 0.3em plus 0.1em ').join(parts)
        else:
            t = esc(seg)
        if k % 2 == 1 or b:
            t = r'{\bfseries ' + t + '}'
        out.append(t)
    return ''.join(out)


def font_cmd(sz, ff, ctx, b=False, i=False):
    sz = (sz or ctx.sz) * ctx.scale
    ff = ff or ctx.ff
    ctx.used.add(ff)
    s = r'\fontfamily{%s}\fontsize{%.2f}{%.2f}\selectfont' % ('lmss' if ff == 'lmssq' else ff, sz, sz * ctx.lead)
    if ff == 'lmssq':
        s = r'\fontfamily{lmssq}\fontsize{%.2f}{%.2f}\selectfont' % (sz, sz * ctx.lead)
    if b:
        s += r'\bfseries'
    if i:
        s += r'\itshape'
    return s + r'\ST'


def render(el, W, ctx):
    """Return (tex, gt_lines) for one element at width W (pt)."""
    t = el['t']
    if t == 'line':
        body = tex_text(el['x'], ctx, el['b'], el['ff'])
        if el['caps']:
            body = r'\MakeUppercase{' + body + '}'
        if el['hl']:
            body = r'{\fboxsep=0.6pt\colorbox{%s}{%s}}' % (el['hl'], body)
        if el['col']:
            body = r'\textcolor{%s}{%s}' % (el['col'], body)
        fc = font_cmd(el['sz'], el['ff'], ctx, False, el['i'])
        if el['al'] == 'c':
            body = r'\hfil ' + body + r'\hfil'
        elif el['al'] == 'r':
            body = r'\hfil ' + body
        else:
            body = body + r'\hfil'
        g = plain(el['x'])
        if el['caps']:
            g = g.upper()
        return r'\hbox to\hsize{%s %s}' % (fc, body) + '\n', [g] if g else []
    if t == 'spread':
        fc = font_cmd(el['sz'], el['ff'], ctx, el['b'])
        body = r'\hfil '.join(tex_text(p, ctx, False, el['ff']) for p in el['parts'])
        g = plain(' '.join(el['parts']))
        return r'\hbox to\hsize{%s %s}' % (fc, body) + '\n', [g] if g else []
    if t == 'para':
        sz = el['sz'] or ctx.sz
        ff = el['ff'] or ctx.ff
        ind = el['indent'] * PT_PER_MM
        lines = wrap_text(el['x'], W, sz, ff, ctx, ind)
        tex, gt = '', []
        hl_idx, hl_col = el['hl_line'] or ((), None)
        for k, ln in enumerate(lines):
            sub = L(ln, al=el['al'], sz=sz, ff=ff, b=el['b'], i=el['i'], hl=hl_col if k in hl_idx else None)
            a, b = render(sub, W - ind, ctx)
            if ind:
                a = r'\hbox to\hsize{\hskip %.2fpt\vbox{\hsize=%.2fpt %s}\hfil}' % (ind, W - ind, a) + '\n'
            tex += a
            gt += b
        return tex, gt
    if t == 'vs':
        return r'\vskip %.2fmm' % el['mm'] + '\n', []
    if t == 'vfill':
        return r'\vfill' + '\n', []
    if t == 'rule':
        c = r'\color{%s}' % el['col'] if el['col'] else ''
        return r'\hbox to\hsize{%s\vrule height %.2fpt depth 0pt width %.2fpt\hfil}' % (c, el['pt'], W * el['w']) + '\n', []
    if t == 'anchor':
        return r'\hbox to\hsize{\Anc{%s}\hfil}' % el['name'] + '\n', []
    if t == 'sig':
        return (r'\hbox to\hsize{\vrule height 0pt depth 0pt width 0pt\Anc{%s}\hfil}' % el['name'] + '\n'
                + r'\vskip %.2fmm' % el['mm'] + '\n'), []
    if t == 'cols':
        n = len(el['cols'])
        gap = el['gap'] * PT_PER_MM
        tex = r'\hbox to\hsize{'
        gt = []
        for k, (frac, els) in enumerate(el['cols']):
            w = W * frac - (gap if k < n - 1 else 0) * (1 if n > 1 else 0)
            inner, g = render_list(els, w, ctx)
            tex += r'\vtop{\hsize=%.2fpt \SETSP %s}' % (w, inner)
            if k < n - 1:
                tex += r'\hfil '
            gt += g
        tex += r'\hfil}' + '\n'
        return tex, gt
    if t == 'table':
        sz = el['sz'] or ctx.sz
        ff = el['ff'] or ctx.ff
        spec = el['spec']
        ncol = len(re.sub(r'[^lcrX]', '', spec))
        if el['lines'] == 'grid':
            spec = '|' + '|'.join(spec) + '|'
        elif el['lines'] == 'box':
            spec = '|' + spec + '|'
        rows_tex, gt = [], []
        for ri, row in enumerate(el['rows']):
            cells = []
            for ci in range(ncol):
                c = row[ci] if ci < len(row) else ''
                b = (el['bold_first'] and ri == 0) or (el['bold_col0'] and ci == 0)
                cells.append(r'\mbox{%s}' % tex_text(c, ctx, b) if c else '')
            pre = r'\rowcolor{tblshade}' if (el['shade_first'] and ri == 0) else ''
            rows_tex.append(pre + ' & '.join(cells) + r' \\')
            g = plain(' '.join(c for c in row if plain(c)))
            if g:
                gt.append(g)
        hl = r'\hline' if el['lines'] in ('grid', 'box', 'hrules') else ''
        if el['lines'] == 'grid' or el['lines'] == 'hrules':
            body = hl + '\n' + ('\n' + hl + '\n').join(rows_tex) + '\n' + hl
        else:
            body = hl + '\n' + '\n'.join(rows_tex) + '\n' + hl
        fc = font_cmd(sz, ff, ctx)
        env = 'tabularx}{\\hsize' if 'X' in spec else 'tabular'
        envn = 'tabularx' if 'X' in spec else 'tabular'
        alg = {'l': r'%s\hfil', 'c': r'\hfil %s\hfil', 'r': r'\hfil %s'}[el['al']]
        inner = (r'{%s\renewcommand{\arraystretch}{%.2f}\setlength{\tabcolsep}{%.2fpt}'
                 r'\begin{%s}{%s}%s\end{%s}}' % (fc, el['stretch'], el['sep'], env, spec, body, envn))
        return r'\hbox to\hsize{' + alg % inner + '}\n', gt
    if t == 'box':
        pad = el['pad'] * PT_PER_MM
        w = W * el['w'] - 2 * pad - 2 * el['rule'] - (4 if el['style'] in ('shadow', 'double') else 0)
        inner, gt = render_list(el['els'], w, ctx)
        mp = r'\vbox{\hsize=%.2fpt \SETSP %s}' % (w, inner)
        st = el['style']
        if st == 'fbox':
            b = r'{\fboxsep=%.2fpt\fboxrule=%.2fpt\fbox{%s}}' % (pad, el['rule'], mp)
        elif st == 'double':
            b = r'{\fboxsep=%.2fpt\fboxrule=%.2fpt\doublebox{%s}}' % (pad, el['rule'], mp)
        elif st == 'shadow':
            b = r'{\fboxsep=%.2fpt\fboxrule=%.2fpt\shadowbox{%s}}' % (pad, el['rule'], mp)
        elif st == 'band':
            b = r'{\fboxsep=%.2fpt\colorbox{%s}{%s}}' % (pad, el['bg'] or 'bandgrey', mp)
        else:  # framed band
            b = r'{\fboxsep=%.2fpt\fboxrule=%.2fpt\fcolorbox{black}{%s}{%s}}' % (pad, el['rule'], el['bg'] or 'bandgrey', mp)
        return r'\hbox to\hsize{' + b + r'\hfil}' + '\n', gt
    if t == 'checks':
        fc = font_cmd(el['sz'], el['ff'], ctx)
        parts = [r'\CB{%d}\,%s' % (m, tex_text(lbl, ctx)) for lbl, m in el['items']]
        g = plain(' '.join(lbl for lbl, m in el['items']))
        return r'\hbox to\hsize{%s %s\hfil}' % (fc, r'\quad '.join(parts)) + '\n', [g]
    if t == 'logo':
        tex = logo_tex(el['kind'], el['h'], ctx)
        alg = {'l': r'%s\hfil', 'c': r'\hfil %s\hfil', 'r': r'\hfil %s'}[el['al']]
        return r'\hbox to\hsize{' + alg % tex + '}\n', []
    raise ValueError(t)


def render_list(els, W, ctx):
    tex, gt = '', []
    for e in els:
        a, b = render(e, W, ctx)
        tex += a
        gt += b
    return tex, gt


def logo_tex(kind, h, ctx):
    hm = '%.2fmm' % h
    if kind == 'lozenge':
        ctx.non_gt.append('NHS')
        return (r'{\fontfamily{qhv}\fontsize{%.1f}{%.1f}\selectfont\bfseries\itshape\fboxsep=1.2pt'
                r'\colorbox{nhsblue}{\textcolor{white}{\,NHS\,}}}' % (h * 1.9, h * 2.0))
    if kind == 'bars':
        return (r'\textcolor{nhsblue}{\rule{%.2fmm}{%s}}\kern1mm\textcolor{nhsaqua}{\rule{%.2fmm}{%.2fmm}}'
                r'\kern1mm\textcolor{nhsgreen}{\rule{%.2fmm}{%.2fmm}}' % (h / 4, hm, h / 4, h * .75, h / 4, h * .5))
    if kind == 'crest':
        return (r'{\fboxsep=1.2mm\fboxrule=0.8pt\fcolorbox{darkred}{crestgold}{\fboxsep=0.8mm'
                r'\fcolorbox{darkred}{white}{\textcolor{darkred}{\rule{%.2fmm}{%.2fmm}}\kern0.6mm'
                r'\textcolor{nhsblue}{\rule{%.2fmm}{%.2fmm}}}}}' % (h * .25, h * .55, h * .25, h * .55))
    if kind == 'tree':
        return (r'\raisebox{0pt}{\textcolor{treegreen}{\rule{%.2fmm}{%.2fmm}}}\kern-%.2fmm'
                r'\raisebox{%.2fmm}{\textcolor{treegreen}{\rule{%.2fmm}{%.2fmm}}}\kern-%.2fmm'
                r'\textcolor{brown}{\rule{%.2fmm}{%.2fmm}}\kern%.2fmm'
                % (h * .9, h * .35, h * .75, h * .35, h * .6, h * .45, h * .4, h * .12, h * .4, h * .4))
    if kind == 'greyblock':
        return (r'\textcolor[gray]{0.55}{\rule{%.2fmm}{%s}}\kern-%.2fmm\textcolor[gray]{0.85}{\rule{%.2fmm}{%.2fmm}}'
                r'\kern0.8mm\textcolor[gray]{0.35}{\rule{%.2fmm}{%.2fmm}}' % (h * 1.4, hm, h * .9, h * .6, h * .6, h * .4, h * .8))
    raise ValueError(kind)


PREAMBLE = r'''\documentclass{article}
\usepackage[T1]{fontenc}\usepackage{textcomp}\usepackage{lmodern}
\usepackage[dvips]{xcolor}\usepackage{colortbl}\usepackage{tabularx}\usepackage{pifont}\usepackage{fancybox}
\hoffset=-1in \voffset=-1in \oddsidemargin=%(ml).2fmm \evensidemargin=%(ml).2fmm \topmargin=%(mt).2fmm
\headheight=0pt \headsep=0pt \footskip=0pt \textheight=420mm \textwidth=%(tw).2fmm
\pdfpageheight=420mm \pdfpagewidth=300mm
\pagestyle{empty}\setlength{\parindent}{0pt}\setlength{\parskip}{0pt}
\definecolor{nhsblue}{RGB}{0,94,184}\definecolor{nhsaqua}{RGB}{0,169,206}\definecolor{nhsgreen}{RGB}{0,150,57}
\definecolor{darkred}{RGB}{140,20,30}\definecolor{crestgold}{RGB}{230,190,80}\definecolor{treegreen}{RGB}{40,120,60}
\definecolor{brown}{RGB}{110,70,30}\definecolor{bandgrey}{gray}{0.86}\definecolor{tblshade}{gray}{0.82}
\definecolor{bandblue}{RGB}{205,222,240}\definecolor{hlyellow}{RGB}{250,245,90}\definecolor{hlpink}{RGB}{250,150,200}
\definecolor{hlgreen}{RGB}{150,240,120}\definecolor{ruleblue}{RGB}{150,180,220}\definecolor{hlorange}{RGB}{255,190,90}\definecolor{inkblue}{RGB}{20,35,120}
\newwrite\posf \immediate\openout\posf=\jobname.pos
\newcommand\Anc[1]{\pdfsavepos\write\posf{#1 \the\pdflastxpos\space\the\pdflastypos\space\thepage}}
\def\ST{\vrule height.74\baselineskip depth.26\baselineskip width0pt\relax}
\def\SETSP{\baselineskip=0pt\lineskip=0pt\lineskiplimit=0pt\parskip=0pt\parindent=0pt\relax}
\newcommand\CB[1]{{\fboxsep=0pt\fboxrule=0.5pt\fbox{\makebox[0.85em]{\rule{0pt}{0.85em}\ifcase#1\or\ding{51}\or\ding{55}\fi}}}}
\tolerance=9999 \hbadness=10000 \vbadness=10000 \hfuzz=0.5pt \vfuzz=0.5pt
\begin{document}
'''
PAGE_MM = {'A4': (210.0, 297.0), 'Letter': (215.9, 279.4)}


# ---------------------------------------------------------------------------
# Document model
# ---------------------------------------------------------------------------
class Doc:
    def __init__(self, num, dtype, kind, pat=None, era=(2005, 2022), ff='lmr', sz=10.0):
        self.num, self.dtype, self.kind, self.pat = num, dtype, kind, pat
        self.id = 'doc%02d' % num
        self.r = R('doc', num)
        self.era = era
        self.ff, self.sz = ff, sz
        self.lead = 1.22
        self.jitter = None
        self.pencil = None          # grey level of the whole print (low contrast)
        self.margins = (22, 20, 16, 14)   # left, right, top, bottom (mm)
        self.pages = []             # list of dict(els=[...], size='A4')
        self.nhs_printed = []       # (page, label, value)
        self.dob_printed = []
        self.distractors = []       # dict(label=, value=, page=)
        self.overlays = {}          # page index -> list of overlay specs
        self.fonts = set([ff])
        self.notes = []
        self.letter_date = rand_date(self.r, *era)
        if pat is not None and pat.dob >= self.letter_date - timedelta(days=365 * 17):
            pat.dob = rand_date(self.r, 1928, max(1930, self.letter_date.year - 18))
        self.gp = GP_NAMES[(pat.gp_key if pat else self.r.randrange(99)) % len(GP_NAMES)]
        self.practice = PRACTICES[(pat.gp_key if pat else self.r.randrange(99)) % len(PRACTICES)]
        self.hospital, self.trust = self.r.choice(HOSPITALS)
        self.consultant = self.r.choice(CONSULTANTS)
        self.script_body = False

    # printed identifiers ----------------------------------------------------
    def nhs(self, style=None, label=None, page=None):
        style = style or self.r.choice(['spaced', 'spaced', 'plain', 'dashed'])
        v = fmt_nhs(self.pat.nhs, style)
        self.nhs_printed.append(dict(page=page if page is not None else len(self.pages) + 1, label=label, value=v))
        return v

    def dob(self, style=None, label=None, page=None):
        style = style or self.r.choice(['dmy', 'long', 'dot2', 'mon', 'mondash', 'ordlong', 'dmy2'])
        v = fmt_date(self.pat.dob, style)
        self.dob_printed.append(dict(page=page if page is not None else len(self.pages) + 1, label=label, value=v))
        return v

    def dis(self, label, value, page=None):
        self.distractors.append(dict(page=page if page is not None else len(self.pages) + 1, label=label, value=value))
        return value

    def date(self, d=None, style=None, label='letter date'):
        d = d or self.letter_date
        style = style or self.r.choice(['long', 'dmy', 'ordlong', 'mon', 'long'])
        return self.dis(label, fmt_date(d, style))

    def tel(self, label='telephone'):
        return self.dis(label, phone(self.r))

    def add_page(self, els, size='A4'):
        self.pages.append(dict(els=els, size=size))

    def use(self, ff):
        self.fonts.add(ff)
        return ff


# ---------------------------------------------------------------------------
# TeX compilation with automatic re-wrap
# ---------------------------------------------------------------------------
def run(cmd, cwd=None, ok=(0,)):
    cmd = [str(x) for x in cmd]
    p = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in ok:
        raise RuntimeError('%s failed (%d): %s %s' % (cmd[:3], p.returncode, p.stdout[-2000:], p.stderr[-2000:]))
    return p


def compile_doc(doc, wd):
    """Typeset doc; returns (dvi path, page GT lists, anchors, text width mm)."""
    os.makedirs(wd, exist_ok=True)
    ml, mr, mt, mb = doc.margins
    tw = min(PAGE_MM[p['size']][0] for p in doc.pages) - ml - mr
    ctx = Ctx(doc.ff, doc.sz, doc.lead, 0.97, doc.jitter, doc.id)
    for attempt in range(12):
        ctx.rng = R('jitter', doc.id)
        ctx.non_gt = []
        ctx.used = set()
        src = PREAMBLE % dict(ml=ml, mt=mt, tw=tw)
        gts = []
        for p in doc.pages:
            ph = PAGE_MM[p['size']][1] - mt - mb
            inner, gt = render_list(p['els'], tw * PT_PER_MM, ctx)
            col = r'\color[gray]{%.2f}' % doc.pencil if doc.pencil else ''
            src += r'\vbox to %.2fmm{\hsize=%.2fmm \SETSP %s%s}' % (ph, tw, col, inner) + '\n\\newpage\n'
            gts.append(gt)
        src += r'\end{document}' + '\n'
        with open(os.path.join(wd, 'd.tex'), 'w') as f:
            f.write(src)
        for ext in ('log', 'dvi', 'pos'):
            if os.path.exists(os.path.join(wd, 'd.' + ext)):
                os.remove(os.path.join(wd, 'd.' + ext))
        run(['latex', '-interaction=nonstopmode', '-halt-on-error', 'd.tex'], cwd=wd)
        log = open(os.path.join(wd, 'd.log'), encoding='latin-1').read()
        m = re.search(r'Output written on d\.dvi \((\d+) page', log)
        npages = int(m.group(1)) if m else 0
        hb = 'Overfull \\hbox' in log
        vb = 'Overfull \\vbox' in log or npages != len(doc.pages)
        if not hb and not vb:
            break
        if hb:
            ctx.wrap *= 0.95
            if attempt >= 3:
                ctx.scale *= 0.97
        if vb:
            ctx.scale *= 0.95
    else:
        raise RuntimeError('%s: could not fit (see %s)' % (doc.id, wd))
    anchors = {}
    if os.path.exists(os.path.join(wd, 'd.pos')):
        for ln in open(os.path.join(wd, 'd.pos')):
            name, x, y, pg = ln.split()
            # x from left edge, y from the top edge, in mm
            anchors.setdefault(int(pg), {})[name] = (int(x) / 65536 / PT_PER_MM, 420 - int(y) / 65536 / PT_PER_MM)
    doc.non_gt_text = sorted(set(ctx.non_gt))
    doc.fonts_used = sorted(ctx.used)
    doc.fit = dict(wrap=round(ctx.wrap, 4), scale=round(ctx.scale, 4), attempts=attempt + 1)
    return os.path.join(wd, 'd.dvi'), gts, anchors


def dvipng_page(dvi, page_no, size, dpi, out):
    w, h = PAGE_MM[size]
    run(['dvipng', '-q', '-D', str(dpi), '-T', '%.2fmm,%.2fmm' % (w, h), '-O', '1in,1in', '-bg', 'White',
         '-pp', str(page_no), '-o', out, dvi])


# ---------------------------------------------------------------------------
# Shared blocks
# ---------------------------------------------------------------------------
NHS_LABELS = ['NHS No:', 'NHS Number:', 'NHS Number', 'NHS no.', 'NHS:', 'NHS No.', 'NHS Number -']
DOB_LABELS = ['DOB:', 'DOB', 'Date of Birth:', 'D.O.B.', 'D.O.B:', 'Born:', 'DoB:', 'Date of birth']


def pick(d, xs):
    return d.r.choice(xs)


def practice_addr(d):
    r = R('practice', d.practice)
    town, county = r.choice(TOWNS)
    return ['%d %s' % (r.randint(1, 90), r.choice(STREETS)), town, county, postcode(r)]


def hospital_addr(d):
    r = R('hosp', d.hospital)
    town, county = r.choice(TOWNS)
    return [r.choice(['Infirmary Road', 'Hospital Lane', 'Beacon Road', 'Aldhelm Way', 'Clifton Drive']), town, postcode(r)]


def practice_head(d, style=None, page=None):
    style = style or pick(d, ['right', 'center', 'logo_left', 'band'])
    a = practice_addr(d)
    tel = d.tel('practice telephone')
    fax = d.dis('practice fax', phone(d.r))
    code = d.dis('practice code', 'Y0%04d' % d.r.randrange(10000))
    if style == 'right':
        return [L(d.practice, al='r', sz=d.sz * 1.5, b=True), L(a[0], al='r'), L('%s, %s' % (a[1], a[2]), al='r'), L(a[3], al='r'),
                L('Tel: %s' % tel, al='r'), L('Fax: %s' % fax, al='r'), VS(4)]
    if style == 'center':
        return [L(d.practice.upper(), al='c', sz=d.sz * 1.45, b=True), L(', '.join(a), al='c', sz=d.sz * .9),
                L('Telephone %s    Facsimile %s    Practice code %s' % (tel, fax, code), al='c', sz=d.sz * .85),
                RULE(0.8), VS(5)]
    if style == 'logo_left':
        return [COLS((0.22, [LOGO(pick(d, ['bars', 'tree', 'lozenge']), 13)]),
                     (0.78, [L(d.practice, al='r', sz=d.sz * 1.4, b=True), L(', '.join(a[:3]), al='r', sz=d.sz * .9),
                             L(a[3], al='r', sz=d.sz * .9), L('Tel %s / Fax %s' % (tel, fax), al='r', sz=d.sz * .9)])),
                VS(6)]
    # band
    return [BOX([L(d.practice, al='l', sz=d.sz * 1.4, b=True, col='white'),
                 L('%s, %s, %s %s' % tuple(a), sz=d.sz * .9, col='white'),
                 L('Tel: %s   Fax: %s' % (tel, fax), sz=d.sz * .9, col='white')], style='band', bg='nhsblue', pad=2.5),
            VS(6)]


def trust_head(d, style=None):
    style = style or pick(d, ['lozenge_right', 'crest_center', 'plain_right'])
    a = hospital_addr(d)
    tel = d.tel('hospital switchboard')
    if style == 'lozenge_right':
        return [LOGO('lozenge', 7, 'r'), L(d.trust, al='r', sz=d.sz * 1.15, b=True),
                L(d.hospital, al='r'), L(', '.join(a), al='r', sz=d.sz * .9), L('Switchboard: %s' % tel, al='r', sz=d.sz * .9), VS(5)]
    if style == 'crest_center':
        return [LOGO('crest', 9, 'c'), VS(1), L(d.trust.upper(), al='c', sz=d.sz * 1.2, b=True),
                L('%s, %s' % (d.hospital, ', '.join(a)), al='c', sz=d.sz * .85),
                L('Telephone: %s' % tel, al='c', sz=d.sz * .85), RULE(0.5), VS(4)]
    return [L(d.hospital, al='r', sz=d.sz * 1.5, b=True), L(d.trust, al='r', i=True), L(', '.join(a), al='r', sz=d.sz * .9),
            L('Tel %s' % tel, al='r', sz=d.sz * .9), VS(5)]


def recipient(d, dept=None):
    dept = dept or 'Department of %s' % d.scen['dept']
    a = hospital_addr(d)
    who = pick(d, [d.consultant, 'The Consultant', 'Dear Colleague', d.consultant])
    if who == 'Dear Colleague':
        who = 'Consultant %s' % d.scen['short']
    return [L(who), L(dept), L(d.hospital)] + [L(x) for x in a]


def patient_block(d):
    p = d.pat
    return [L(p.fullname), ] + [L(x) for x in p.addr] + [L(p.pc)]


def re_line(d, style=None):
    p = d.pat
    style = style or pick(d, ['inline', 'lines', 'lines_bold', 'caps_inline'])
    nl, dl = pick(d, NHS_LABELS), pick(d, DOB_LABELS)
    if style == 'inline':
        return [L('**Re: %s %s, %s %s, %s %s**' % (p.title, p.name, dl, d.dob(label=dl), nl, d.nhs(label=nl))),
                L('%s' % ', '.join(p.addr + [p.pc]))]
    if style == 'caps_inline':
        return [L('**RE: %s %s %s**' % (p.first.upper(), p.last.upper(), '- %s %s' % (dl.upper(), d.dob(label=dl)))),
                L('**%s %s**' % (nl.upper(), d.nhs(label=nl)))]
    if style == 'lines_bold':
        return [L('**Re: %s**' % p.fullname), L('**%s %s**' % (dl, d.dob(label=dl))), L('**%s %s**' % (nl, d.nhs(label=nl))),
                L(', '.join(p.addr + [p.pc]))]
    return [L('Re: %s' % p.fullname), L('%s %s' % (dl, d.dob(label=dl))), L('%s %s' % (nl, d.nhs(label=nl))),
            L('%s %s' % (pick(d, ['Hospital No:', 'Hosp No.', 'Unit No:', 'MRN:']), d.dis('hospital number', p.hosp)))]


def body_paras(d, n=None, extra=True):
    s = d.scen
    p = d.pat
    age = age_on(p.dob, d.letter_date)
    paras = ['Thank you for seeing this %d year old %s with %s.' % (age, p.mw(), s['reason'].lower()) + ' ' + s['hist'][0]]
    paras.append(' '.join(s['hist'][1:]))
    paras.append('On examination: ' + s['exam'] + ' ' + s['inv'])
    paras.append(s['ask'])
    if extra:
        low = lambda x: x if x.split()[0].isupper() else x[0].lower() + x[1:]
        paras.append('%s past history includes %s. Current medication: %s.' % (
            p.his().capitalize(), ', '.join(low(x) for x in s['pmh']), '; '.join(s['meds'])))
        paras.append('%s is aware of the referral and is happy to be contacted on %s. Many thanks for your help.' % (
            p.he().capitalize(), d.dis('patient telephone', p.tel)))
    if n:
        paras = paras[:n]
    out = []
    for k, x in enumerate(paras):
        out += [P(x), VS(2.2)]
    return out


def signoff(d, name=None, role='General Practitioner', extra=None):
    name = name or d.gp
    els = [VS(2), L(pick(d, ['Yours sincerely', 'Yours sincerely,', 'Kind regards', 'Yours faithfully'])), SIG('sig', 13), L(name), L(role)]
    if d.r.random() < 0.4:
        els.append(L('GMC %s' % d.dis('GMC number', '%07d' % d.r.randrange(10 ** 7)), sz=d.sz * .85))
    if extra:
        els += extra
    return els


def footer(d, text_lines, sz=None):
    return [VF()] + [L(t, al='c', sz=sz or max(6.5, d.sz * .72)) for t in text_lines]


def meds_table(d, lines='hrules', ff=None):
    rows = [['Drug', 'Dose / directions', 'Last issued']]
    for m in d.scen['meds']:
        parts = m.split(' ', 2)
        rows.append([parts[0], ' '.join(parts[1:]), fmt_date(d.letter_date - timedelta(days=d.r.randint(3, 60)), 'mon')])
    return TBL(rows, 'lll', lines=lines, bold_first=True, ff=ff)


# ---------------------------------------------------------------------------
# Referral letter layouts
# ---------------------------------------------------------------------------
def k_ers(d):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['qhv', 'lmss', 'phv'])), 9.0
    ubrn = d.dis('UBRN', '%04d %04d %04d' % (d.r.randrange(10 ** 4), d.r.randrange(10 ** 4), d.r.randrange(10 ** 4)))
    created = d.date(style='mondash', label='referral created')
    appt = d.dis('appointment date', fmt_date(d.letter_date + timedelta(days=d.r.randint(10, 60)), 'mondash'))
    nl = pick(d, ['NHS Number', 'NHS Number:', 'NHS No'])
    dl = pick(d, ['Date of Birth', 'Date of Birth:', 'DOB'])
    printed = d.dis('printed date', fmt_date(d.letter_date + timedelta(days=d.r.randint(0, 3)), 'mondash') + ' %02d:%02d' % (d.r.randint(8, 17), d.r.randrange(60)))
    pages_total = 2 if d.r.random() < 0.6 else 1
    head = [SP('**NHS e-Referral Service**', 'Referral Letter', sz=12), RULE(1.0),
            SP('UBRN: %s' % ubrn, 'Referral created: %s' % created), VS(3),
            BOX([L('**Patient Details**')], style='band', bg='bandgrey', pad=1.2), VS(1),
            TBL([['Name', '%s, %s (%s)' % (p.last.upper(), p.first, p.title), nl, d.nhs(pick(d, ['spaced', 'plain']), nl)],
                 [dl, d.dob(pick(d, ['dmy', 'mondash', 'mon']), dl), 'Gender', 'Male' if p.sex == 'M' else 'Female'],
                 ['Address', p.addr[0], 'Telephone', d.dis('patient telephone', p.tel)],
                 ['', ', '.join(p.addr[1:]), 'Postcode', p.pc]], 'llll', lines='grid', bold_col0=True), VS(3),
            BOX([L('**Referrer Details**')], style='band', bg='bandgrey', pad=1.2), VS(1),
            TBL([['Referring clinician', d.gp], ['Organisation', '%s (%s)' % (d.practice, d.dis('practice code', 'Y0%04d' % d.r.randrange(10 ** 4)))],
                 ['Contact number', d.tel('practice telephone')]], 'll', lines='none', bold_col0=True), VS(3),
            BOX([L('**Service Details**')], style='band', bg='bandgrey', pad=1.2), VS(1),
            TBL([['Service', '%s - %s' % (d.scen['short'], d.hospital)], ['Priority', pick(d, ['Routine', 'Urgent', 'Routine'])],
                 ['Appointment', appt]], 'll', lines='none', bold_col0=True), VS(3),
            BOX([L('**Clinical Information**')], style='band', bg='bandgrey', pad=1.2), VS(2),
            L('Dear Colleague,'), VS(1.5)]
    paras = body_paras(d)
    foot = lambda k: footer(d, ['Printed from NHS e-RS on %s    Page %d of %d' % (printed, k, pages_total),
                                'This document contains patient identifiable information. Handle in accordance with NHS guidance.'])
    if pages_total == 1:
        d.add_page(head + paras[:6] + [L('Yours sincerely'), VS(2), L(d.gp)] + foot(1))
    else:
        d.add_page(head + paras[:4] + foot(1))
        d.add_page([SP('NHS e-Referral Service', 'UBRN: %s' % ubrn, sz=8), SP('%s, %s' % (p.last.upper(), p.first), '%s %s' % (nl, d.nhs(pick(d, ['spaced', 'plain']), nl, 2)), sz=8), RULE(.5), VS(4)]
                   + paras[4:] + [L('Yours sincerely'), SIG('sig', 12), L(d.gp), VS(5),
                                  BOX([L('**Current Medication**')], style='band', bg='bandgrey', pad=1.2), VS(1), meds_table(d),
                                  VS(3), L('**Allergies:** %s' % pick(d, ['No known drug allergies', 'Penicillin - rash', 'Codeine - vomiting']))]
                   + foot(2))


def k_tickbox(d):
    p = d.pat
    r = R('tickscen', d.num)
    cancer = [x for x in SCEN if x['dept'] in ('Colorectal Surgery', 'Urology', 'Dermatology', 'Respiratory Medicine', 'Gastroenterology')
              or (p.sex == 'F' and x['dept'] in ('Breast Surgery', 'Gynaecology'))]
    d.scen = dict(r.choice(cancer))
    sub = dict(He=p.he().capitalize(), he=p.he(), His=p.his().capitalize(), his=p.his(), him=p.him(), n=r.choice([3, 4, 6, 8]))
    for k in ('hist', 'pmh', 'meds'):
        d.scen[k] = [x.format(**sub) for x in d.scen[k]]
    for k in ('exam', 'inv', 'ask', 'reason'):
        d.scen[k] = d.scen[k].format(**sub)
    d.ff, d.sz = d.use(pick(d, ['qhv', 'qag', 'lmss'])), 9.0
    site = {'Colorectal Surgery': 'LOWER GASTROINTESTINAL', 'Breast Surgery': 'BREAST', 'Urology': 'UROLOGICAL',
            'Dermatology': 'SKIN', 'Respiratory Medicine': 'LUNG', 'Gynaecology': 'GYNAECOLOGICAL',
            'Gastroenterology': 'UPPER GASTROINTESTINAL'}.get(d.scen['dept'], 'GENERAL')
    crit = {'LOWER GASTROINTESTINAL': ['Rectal bleeding with change in bowel habit', 'Iron deficiency anaemia', 'Positive FIT test', 'Abdominal mass', 'Unexplained weight loss'],
            'BREAST': ['Discrete lump aged 30 or over', 'Unilateral nipple changes', 'Axillary lump', 'Skin changes'],
            'UROLOGICAL': ['Visible haematuria aged 45 or over', 'Raised PSA', 'Testicular mass', 'Non-visible haematuria'],
            'SKIN': ['Suspected melanoma', 'Suspected SCC', 'Weighted checklist score 3 or more'],
            'LUNG': ['Chest X-ray suggestive of cancer', 'Unexplained haemoptysis aged 40 or over', 'Persistent symptoms'],
            'GYNAECOLOGICAL': ['Postmenopausal bleeding', 'Ascites or pelvic mass', 'Raised CA125'],
            'UPPER GASTROINTESTINAL': ['Dysphagia', 'Weight loss with dyspepsia aged 55 or over', 'Upper abdominal mass'],
            'GENERAL': ['Unexplained weight loss', 'Non-specific symptoms', 'Abnormal imaging']}[site]
    nl, dl = pick(d, ['NHS Number', 'NHS No']), pick(d, ['Date of Birth', 'DOB'])
    items = [(c, 1 if k in (0, 2) else 0) for k, c in enumerate(crit)]
    date_ref = d.date(style='dmy', label='date of referral')
    pg1 = [L(d.trust, al='c', sz=10, b=True), L('SUSPECTED CANCER REFERRAL - %s' % site, al='c', sz=12.5, b=True),
           L('Please send within 24 hours to the 2WW office. Fax: %s' % d.dis('2WW fax', phone(d.r)), al='c', sz=8.5), VS(3),
           TBL([['Surname', p.last.upper(), 'Forename(s)', ('%s %s' % (p.first, p.middle)).strip()],
                [dl, d.dob('dmy', dl), nl, d.nhs(pick(d, ['spaced', 'plain']), nl)],
                ['Gender', 'M' if p.sex == 'M' else 'F', 'Hospital No', d.dis('hospital number', p.hosp)],
                ['Address', p.addr[0], 'Postcode', p.pc],
                ['', ', '.join(p.addr[1:]), 'Telephone', d.dis('patient telephone', p.tel)],
                ['GP', d.gp, 'Practice', d.practice]], 'llll', lines='grid', bold_col0=True, stretch=1.35), VS(4),
           L('**REFERRAL CRITERIA** (please tick all that apply)')]
    for k in range(0, len(items), 2):
        pg1.append(CHK(items[k:k + 2]))
        pg1.append(VS(1))
    pg1 += [VS(2), L('**Clinical details / examination findings**'),
            BOX([P(' '.join(d.scen['hist'][:2])), P('O/E: ' + d.scen['exam'])], style='fbox', pad=2), VS(3),
            CHK([('Patient informed of possible cancer diagnosis', 1)]), VS(1),
            CHK([('Patient available in the next 14 days', 1), ('Interpreter needed', 0)]), VS(1),
            L('**WHO performance status**'), CHK([('0', 0), ('1', 1), ('2', 0), ('3', 0), ('4', 0)]), VS(4),
            SP('Referring GP: %s' % d.gp, 'Date: %s' % date_ref), SIG('sig', 10),
            L('Signature'), ] + footer(d, ['Version %d.%d  %s 2WW proforma  Page 1 of 2' % (d.r.randint(2, 9), d.r.randint(0, 9), site.title())], sz=7)
    d.add_page(pg1)
    d.add_page([SP('%s %s' % (p.first, p.last.upper()), '%s: %s' % (nl, d.nhs(pick(d, ['spaced', 'plain']), nl, 2)), sz=8.5), RULE(.5), VS(4),
                L('**Past medical history**')] + [L(x) for x in d.scen['pmh']] + [VS(3), L('**Current medication**')] + [L(x) for x in d.scen['meds']]
               + [VS(3), L('**Recent investigations**'), P(d.scen['inv']), VS(3), L('**Anticoagulants**'), CHK([('Warfarin', 0), ('DOAC', 0), ('None', 1)]),
                  VS(3), L('**Additional information**'), P(d.scen['ask'])]
               + footer(d, ['Version %d.%d  %s 2WW proforma  Page 2 of 2' % (d.r.randint(2, 9), d.r.randint(0, 9), site.title())], sz=7))


def k_dictated(d, two_page=None):
    p = d.pat
    d.ff = d.use(pick(d, ['lmr', 'qtm', 'qpl', 'qbk', 'qcs', 'pnc']))
    d.sz = pick(d, [10, 10.5, 11])
    head = practice_head(d)
    ours = d.dis('our reference', '%s/%s' % (''.join(w[0] for w in d.gp.split()[1:]).upper(), ''.join(c for c in p.hosp if c.isdigit())[-5:]))
    top = head + [COLS((0.62, recipient(d)), (0.38, [L('Our ref: %s' % ours, al='r'), L(d.date(), al='r')])), VS(6),
                  L(pick(d, ['Dear %s,' % d.consultant.split()[0] + ' ' + d.consultant.split()[-1], 'Dear Colleague,', 'Dear Doctor,'])), VS(2)]
    top += re_line(d) + [VS(3)]
    paras = body_paras(d)
    typist = d.dis('date typed', fmt_date(d.letter_date + timedelta(days=1), 'dmy'))
    tail = signoff(d, extra=[VS(3), L('Dictated by %s, typed %s' % (d.gp, typist), sz=d.sz * .8, i=True), L('cc: Patient', sz=d.sz * .8)])
    if two_page is None:
        two_page = d.r.random() < 0.4
    if two_page:
        d.add_page(top + paras[:6] + footer(d, ['/continued'], sz=d.sz * .8))
        d.add_page([SP('%s %s' % (p.first, p.last), '%s %s' % ('NHS No', d.nhs(label='NHS No', page=2)), 'Page 2', sz=d.sz * .8), RULE(.4), VS(5)]
                   + paras[6:] + tail)
    else:
        d.add_page(top + paras + tail + footer(d, ['Senior Partner %s    Partners: %s, %s' % (d.gp, GP_NAMES[(d.num + 3) % 16], GP_NAMES[(d.num + 7) % 16])], sz=7))


def k_soap(d):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['qhv', 'lmss', 'qtm', 'lmr'])), 9.5
    s = d.scen
    nl, dl = pick(d, NHS_LABELS), pick(d, DOB_LABELS)
    when = d.date(style='dmy', label='consultation date') + ' %02d:%02d' % (d.r.randint(8, 18), d.r.randrange(60))
    els = practice_head(d, pick(d, ['center', 'right'])) + [
        L('**CONSULTATION SUMMARY FOR REFERRAL**', sz=11), VS(2),
        TBL([['Patient:', p.fullname], [dl, d.dob(label=dl)], [nl, d.nhs(label=nl)], ['Address:', ', '.join(p.addr + [p.pc])],
             ['Seen by:', '%s on %s' % (d.gp, when)]], 'll', lines='none', bold_col0=True), VS(3), RULE(.4), VS(3)]
    lab = lambda x: L('**%s**' % x)
    els += [lab('S:'), P(' '.join(s['hist']), indent=6), VS(2), lab('O:'), P(s['exam'], indent=6), P(s['inv'], indent=6), VS(2),
            lab('A:'), P(s['reason'], indent=6), VS(2), lab('P:'), P('Refer to %s. %s' % (s['dept'], s['ask']), indent=6),
            P('Safety-netting advice given. Review in surgery if worse.', indent=6), VS(4),
            L('**Medication**')] + [L(m) for m in s['meds']] + [VS(2), L('**Problems**')] + [L(m) for m in s['pmh']]
    els += signoff(d) + footer(d, ['Consultation record printed %s' % fmt_date(d.letter_date, 'dmy')], sz=7)
    d.add_page(els)


def k_emis(d):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['qhv', 'lmss', 'phv'])), 8.8
    s = d.scen
    age = age_on(p.dob, d.letter_date)
    printed = d.dis('printed date', fmt_date(d.letter_date, 'MONDASH') + ' %02d:%02d' % (d.r.randint(8, 18), d.r.randrange(60)))
    npages = 2 if d.r.random() < 0.5 else 1
    banner = BOX([SP('**%s %s %s**' % (p.title, p.first, p.last.upper()), 'Born %s (%dy)' % (d.dob('MONDASH', 'Born'), age),
                     'Gender %s' % ('Male' if p.sex == 'M' else 'Female'), 'NHS No. %s' % d.nhs('spaced', 'NHS No.'), sz=9),
                  SP('Usual GP: %s' % d.gp, 'Address: %s, %s %s' % (p.addr[0], p.addr[-1], p.pc), sz=8.5)], style='band', bg='bandblue', pad=1.5)
    els = [SP('**%s**' % d.practice, 'Referral Letter', sz=10), SP(', '.join(practice_addr(d)), 'Tel %s' % d.tel('practice telephone'), sz=8), VS(2), banner, VS(4),
           COLS((0.6, recipient(d)), (0.4, [L('Date: %s' % fmt_date(d.letter_date, 'MONDASH'), al='r')])), VS(5),
           L('Dear %s' % d.consultant), VS(2), L('**Re: %s**' % s['reason']), VS(2)]
    els += body_paras(d, n=4)
    els += [L('Yours sincerely'), SIG('sig', 10), L(d.gp)]
    sec = lambda x: [VS(3), L('**%s**' % x, sz=9.5), RULE(.4), VS(1)]
    probs = [[fmt_date(d.letter_date - timedelta(days=d.r.randint(200, 6000)), 'MONDASH'), x] for x in s['pmh']]
    extra = sec('Active Problems') + [TBL([['Date', 'Problem']] + probs, 'll', bold_first=True)]
    extra += sec('Current Medication') + [meds_table(d, lines='none')]
    extra += sec('Allergies') + [L(pick(d, ['No known allergies', 'Penicillins - hives', 'Latex - contact dermatitis']))]
    foot = lambda k: footer(d, ['Printed by %s on %s    Page %d of %d' % (d.gp, printed, k, npages), 'CONFIDENTIAL - contains personal data'], sz=7)
    if npages == 1:
        d.add_page(els + extra + foot(1))
    else:
        d.add_page(els + foot(1))
        d.add_page([SP('%s %s' % (p.first, p.last.upper()), 'NHS No. %s' % d.nhs('spaced', 'NHS No.', 2), 'DOB %s' % d.dob('MONDASH', 'DOB', 2), sz=8), RULE(.4)]
                   + extra + sec('Recent Results') + [TBL([['Date', 'Test', 'Result'],
                                                           [fmt_date(d.letter_date - timedelta(days=12), 'MONDASH'), 'Haemoglobin', '%d g/L' % d.r.randint(95, 150)],
                                                           [fmt_date(d.letter_date - timedelta(days=12), 'MONDASH'), 'eGFR', '%d' % d.r.randint(45, 90)],
                                                           [fmt_date(d.letter_date - timedelta(days=40), 'MONDASH'), 'HbA1c', '%d mmol/mol' % d.r.randint(35, 60)]],
                                                          'lll', bold_first=True)] + foot(2))


def k_systmone(d):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['qag', 'lmss', 'qhv'])), 9.0
    s = d.scen
    nl = pick(d, ['NHS Number', 'NHS No'])
    els = [SP('**%s**' % d.practice, 'Tel: %s' % d.tel('practice telephone')), L(', '.join(practice_addr(d)), sz=8), RULE(.6), VS(3),
           L('**Referral Letter**', sz=12), VS(2),
           TBL([['Name', p.fullname, 'Date of Birth', d.dob(pick(d, ['mon', 'dmy']), 'Date of Birth')],
                [nl, d.nhs(pick(d, ['spaced', 'plain']), nl), 'Gender', 'Male' if p.sex == 'M' else 'Female'],
                ['Home address', '%s, %s' % (p.addr[0], p.pc), 'Home phone', d.dis('patient telephone', p.tel)]], 'llll', lines='box',
               bold_col0=True, shade_first=False), VS(4)]
    els += [L('To: %s, %s, %s' % (d.consultant, d.scen['dept'], d.hospital)), VS(3), L('Dear Colleague'), VS(2)]
    els += body_paras(d, n=4) + [L('Yours faithfully'), SIG('sig', 10), L(d.gp), VS(4), L('**Journal extract**'), RULE(.3)]
    for k in range(2):
        dt = d.letter_date - timedelta(days=d.r.randint(1, 40) + 40 * k)
        els += [L('**%s %02d:%02d** %s (General Practitioner) at %s' % (fmt_date(dt, 'mon'), d.r.randint(8, 18), d.r.randrange(60), d.gp, d.practice), sz=8.5),
                P('History: ' + s['hist'][k % len(s['hist'])], sz=8.5, indent=4)]
    els += footer(d, ['Produced by SystmOne clinical system    %s    Page 1 of 1' % fmt_date(d.letter_date, 'mon')], sz=7)
    d.add_page(els)


def k_vision(d):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['lmtt', 'pcr', 'lmvtt'])), 9.0
    s = d.scen
    reg = d.dis('practice registration number', '%d' % d.r.randint(1000, 99999))
    els = [L('**%s**' % d.practice.upper()), L(', '.join(practice_addr(d))), L('Tel %s' % d.tel('practice telephone')), VS(2), RULE(.5), VS(2),
           L('Patient : %s, %s %s' % (p.last.upper(), p.title, p.first)),
           L('D.O.B.  : %s    Sex : %s    Reg No : %s' % (d.dob('dmy', 'D.O.B.'), p.sex, reg)),
           L('NHS No. : %s' % d.nhs(pick(d, ['plain', 'spaced']), 'NHS No.')),
           L('Address : %s' % ', '.join(p.addr + [p.pc])), VS(2), RULE(.5), VS(3),
           L('Date    : %s' % d.date(style='dmy')), L('To      : %s, %s' % (d.consultant, d.hospital)), VS(3),
           L('REFERRAL LETTER - %s' % s['dept'].upper()), VS(2)]
    els += body_paras(d, n=4)
    els += [L('Medical history summary:')] + [L('  %s' % x) for x in s['pmh']] + [VS(2), L('Repeat medication:')] + [L('  %s' % x) for x in s['meds']]
    els += signoff(d) + footer(d, ['Vision - %s - letter template REF01' % d.practice], sz=7)
    d.add_page(els)


def k_terse(d):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['qhv', 'lmtt', 'qcr', 'lmss'])), pick(d, [10, 11])
    s = d.scen
    age = age_on(p.dob, d.letter_date)
    nl, dl = pick(d, ['NHS', 'NHS No', 'NHS no.']), pick(d, ['DOB', 'D.O.B.', 'DoB'])
    els = [L('**%s**' % d.practice), L('Tel %s' % d.tel('practice telephone'), sz=d.sz * .8), VS(6),
           L('To: %s clinic, %s' % (s['short'], d.hospital)), L('From: %s' % d.gp), L('Date: %s' % d.date(style=pick(d, ['dmy', 'dmy2', 'dot2']))), VS(4),
           L('Re: %s %s   %s %s   %s %s' % (p.first, p.last.upper(), dl, d.dob(pick(d, ['dot2', 'dmy2', 'dmy']), dl), nl, d.nhs(pick(d, ['plain', 'spaced']), nl))), VS(4),
           L('%d%s. %s.' % (age, p.sex, s['reason'])), L(s['hist'][0][:90].rsplit(' ', 1)[0] + '...' if len(s['hist'][0]) > 90 else s['hist'][0]),
           L('O/E %s' % (s['exam'].split('.')[0] + '.')), L('Pls see. Thanks.'), VS(8), L(d.gp.split()[-1])]
    d.add_page(els)


def k_twopage(d):
    p = d.pat
    d.ff = d.use(pick(d, ['qtm', 'lmr', 'qpl', 'qcs']))
    d.sz = 10.5
    a = practice_addr(d)
    logo = pick(d, ['lozenge', 'crest', 'bars'])
    els = [COLS((0.3, [LOGO(logo, 14)]), (0.7, [L(d.practice, al='r', sz=16, b=True), L('General Medical Practice', al='r', i=True)])), VS(3),
           COLS((0.5, [L('%s, %s' % (a[0], a[1]), sz=9), L('%s %s' % (a[2], a[3]), sz=9)]),
                (0.5, [L('Reception: %s' % d.tel('practice telephone'), al='r', sz=9), L('Prescriptions: %s' % d.tel('prescription line'), al='r', sz=9),
                       L('Fax: %s' % d.dis('practice fax', phone(d.r)), al='r', sz=9)])), RULE(1), VS(2),
           L('Partners: %s, %s, %s, %s' % tuple(GP_NAMES[(d.num + k * 5) % 16] for k in range(4)), al='c', sz=8), VS(8),
           COLS((0.55, [L('PRIVATE AND CONFIDENTIAL', b=True)] + recipient(d)),
                (0.45, [L('Our Ref: %s' % d.dis('our reference', '%s/%d' % (p.last[:3].upper(), d.r.randint(100, 9999))), al='r'),
                        L('Your Ref:', al='r'), L('Date: %s' % d.date(style='long'), al='r')])), VS(10)]
    dl, nl = pick(d, DOB_LABELS), pick(d, NHS_LABELS)
    els += [L('Patient: **%s**' % p.fullname), L('Address: %s' % ', '.join(p.addr)), L('Postcode: %s' % p.pc),
            L('%s %s' % (dl, d.dob(label=dl))), L('%s %s' % (nl, d.nhs(label=nl))), L('Telephone: %s' % d.dis('patient telephone', p.tel)), VS(10),
            L('Dear %s,' % d.consultant), VS(3), L('**%s**' % d.scen['reason'])]
    els += footer(d, ['Continued overleaf'], sz=8)
    d.add_page(els)
    els2 = [SP('%s %s' % (p.first, p.last), '%s %s' % (dl, d.dob(label=dl, page=2)), 'Page 2 of 2', sz=8.5), RULE(.4), VS(6)]
    els2 += body_paras(d) + signoff(d) + footer(d, ['%s is a training practice. Registered in %s.' % (d.practice, a[2])], sz=7)
    d.add_page(els2)


def demo_box(d, style, page=1):
    p = d.pat
    nl, dl = pick(d, ['NHS No:', 'NHS Number:', 'NHS No.']), pick(d, ['DOB:', 'Date of Birth:', 'D.O.B.:'])
    if style == 'two_pairs':
        rows = [['Surname:', p.last.upper(), 'Forename:', p.first],
                [dl, d.dob(label=dl, page=page), 'Sex:', p.sex],
                [nl, d.nhs(label=nl, page=page), 'Hosp No:', d.dis('hospital number', p.hosp, page)],
                ['Tel:', d.dis('patient telephone', p.tel, page), 'GP:', d.gp]]
        spec = 'llll'
    else:
        rows = [['Name:', p.fullname], [dl, d.dob(label=dl, page=page)], [nl, d.nhs(label=nl, page=page)],
                ['Hospital No:', d.dis('hospital number', p.hosp, page)], ['Tel:', d.dis('patient telephone', p.tel, page)], ['GP:', d.gp]]
        spec = 'll'
    return BOX([TBL(rows, spec, bold_col0=True, sz=d.sz * .92, sep=3)], style=pick(d, ['fbox', 'double', 'shadow', 'frameband']), pad=1.6, bg='bandgrey')


def k_demobox(d):
    p = d.pat
    d.ff = d.use(pick(d, ['qhv', 'lmr', 'qtm', 'qag']))
    d.sz = 9.5
    style = pick(d, ['two_pairs', 'pairs', 'pairs'])
    els = practice_head(d, pick(d, ['right', 'logo_left', 'center']))
    frac = 0.4 if style == 'pairs' else 0.36
    els += [COLS((frac, recipient(d)), (1 - frac, [demo_box(d, style)])), VS(6),
            SP('Date: %s' % d.date(), 'Ref: %s' % d.dis('our reference', 'REF%05d' % d.r.randrange(10 ** 5))), VS(4),
            L('Dear %s,' % d.consultant), VS(2), L('**Re: %s**' % d.scen['reason']), VS(2)]
    els += body_paras(d) + signoff(d)
    d.add_page(els)
    d.notes.append('demographics box (%s) beside the address block: left column read first, then the box; box rows read left to right' % style)


def k_typewriter(d):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['pcr', 'qcr'])), 11
    d.jitter = 'typewriter'
    d.lead = 1.3
    a = practice_addr(d)
    head_ff = d.use(pick(d, ['qpl', 'lmr', 'qbk']))
    els = [L(d.practice.upper(), al='c', sz=14, ff=head_ff), L(', '.join(a), al='c', sz=9, ff=head_ff),
           L('Telephone %s' % d.tel('practice telephone'), al='c', sz=9, ff=head_ff), RULE(.4), VS(8),
           L(d.date(style=pick(d, ['long', 'ordlong', 'dot4'])), al='r'), VS(3)] + recipient(d) + [VS(6)]
    dl, nl = pick(d, ['D.O.B.', 'D.O.B:', 'Date of birth']), pick(d, ['NHS No.', 'NHS No:', 'N.H.S. No.'])
    els += [L('Dear %s,' % d.consultant.split()[0] + ' ' + d.consultant.split()[-1]), VS(3),
            L('Re: %s %s, %s' % (p.title, p.name, p.addr[0])), L('    %s %s   %s %s' % (dl, d.dob(pick(d, ['dot2', 'dmy2', 'dot4']), dl), nl, d.nhs(pick(d, ['spaced', 'plain']), nl))), VS(4)]
    els += body_paras(d, n=4) + [L('Yours sincerely,'), SIG('sig', 15), L(d.gp)]
    d.add_page(els)
    d.notes.append('typewriter: per-character baseline and darkness jitter')


def k_dotmatrix(d):
    p = d.pat
    d.ff, d.sz = d.use('lmtt'), 10
    d.lead = 1.25
    els = [L('%s' % d.practice.upper()), L('%s' % ', '.join(practice_addr(d)).upper()), L('TEL %s' % d.tel('practice telephone')), VS(4),
           L('REFERRAL LETTER                          PRINTED %s' % d.date(style='dmy2', label='printed date')), VS(2), RULE(.5), VS(2),
           L('PATIENT  : %s %s' % (p.last.upper(), p.first.upper())),
           L('DOB      : %s' % d.dob('dmy2', 'DOB')), L('NHS NO   : %s' % d.nhs('plain', 'NHS NO')),
           L('HOSP NO  : %s' % d.dis('hospital number', p.hosp)), L('ADDRESS  : %s' % ', '.join(p.addr + [p.pc]).upper()), VS(2), RULE(.5), VS(4),
           L('TO %s, %s' % (d.consultant.upper(), d.hospital.upper())), VS(3)]
    els += body_paras(d, n=4) + [L('YOURS SINCERELY'), SIG('sig', 12), L(d.gp.upper())]
    d.add_page(els)
    d.notes.append('dot-matrix print simulated by masking the strokes with a dot grid')


def k_fax(d):
    p = d.pat
    d.ff = d.use(pick(d, ['qtm', 'lmr', 'qhv']))
    d.sz = 10
    d.margins = (20, 18, 9, 12)
    when = d.dis('fax header date', fmt_date(d.letter_date, pick(d, ['dmy', 'dmy2'])) + ' %02d:%02d' % (d.r.randint(8, 18), d.r.randrange(60)))
    frm = d.dis('fax header number', phone(d.r))
    npages = 2 if d.r.random() < 0.6 else 1
    fh = lambda k: [SP('%s' % when, 'FROM: %s' % frm, d.practice.upper()[:22], 'P.%03d/%03d' % (k, npages), sz=7.5, ff=d.use('lmtt')), VS(5)]
    els = fh(1) + [L('FAX', sz=20, b=True), VS(2),
                   TBL([['To:', '%s, %s' % (d.scen['short'], d.hospital), 'Fax:', d.dis('recipient fax', phone(d.r))],
                        ['From:', d.gp, 'Tel:', d.tel('practice telephone')],
                        ['Date:', d.date(style='dmy'), 'Pages:', '%d (including this one)' % npages]], 'llll', lines='grid', stretch=1.4, bold_col0=True), VS(6)]
    els += [L('**URGENT REFERRAL**')] + re_line(d) + [VS(3)]
    paras = body_paras(d)
    if npages == 2:
        d.add_page(els + paras[:4] + footer(d, ['This fax is confidential and intended only for the named recipient.'], sz=7.5))
        d.add_page(fh(2) + paras[4:] + signoff(d))
    else:
        d.add_page(els + paras[:6] + signoff(d)[:3])
    d.notes.append('fax: machine header line on every page is printed text and is in the ground truth')


def k_compliments(d):
    p = d.pat
    d.ff = d.use(pick(d, ['qpl', 'qtm']))
    d.sz = 10
    a = practice_addr(d)
    script = d.use('qzc')
    slip = [L(d.practice, al='c', sz=15, b=True), L(', '.join(a), al='c', sz=9), L('Tel %s' % d.tel('practice telephone'), al='c', sz=9), VS(8),
            L('With Compliments', al='c', sz=26, ff=script), VS(8), RULE(.4)]
    d.add_page(slip + [VF()])
    els = practice_head(d, 'right') + [L(d.date(), al='r'), VS(3)] + recipient(d) + [VS(5), L('Dear Colleague,'), VS(2)] + re_line(d) + [VS(3)]
    els += body_paras(d, n=5) + signoff(d)
    d.add_page(els)
    d.notes.append('page 1 is a compliments slip (top third of the sheet printed, rest blank)')


# ---------------------------------------------------------------------------
# Other document types
# ---------------------------------------------------------------------------
def k_clinic(d, variant=None):
    p = d.pat
    s = d.scen
    d.ff = d.use(pick(d, ['qtm', 'lmr', 'qhv', 'qpl', 'qcs']))
    d.sz = 10
    variant = variant or pick(d, ['standard', 'demobox', 'twopage'])
    clinic_date = d.letter_date - timedelta(days=d.r.randint(3, 20))
    dl, nl = pick(d, DOB_LABELS), pick(d, NHS_LABELS)
    head = trust_head(d)
    gp_addr = [L(d.gp), L(d.practice)] + [L(x) for x in practice_addr(d)]
    meta = [L('Clinic date: %s' % d.dis('clinic date', fmt_date(clinic_date, 'dmy')), al='r'),
            L('Typed: %s' % d.date(style='dmy', label='date typed'), al='r'),
            L('Ref: %s/%s' % (d.consultant.split()[-1][:3].upper(), d.dis('clinic code', '%s%d' % (s['short'][:3].upper(), d.r.randint(10, 99)))), al='r')]
    if variant == 'demobox':
        top = head + [COLS((0.45, gp_addr), (0.55, [demo_box(d, 'pairs')])), VS(3)] + [SP(*[m['x'] for m in meta], sz=8.5)]
    else:
        top = head + [COLS((0.6, gp_addr), (0.4, meta)), VS(5),
                      L('Dear %s,' % d.gp), VS(2), L('**%s %s**   %s %s   %s %s' % (p.first, p.last.upper(), dl, d.dob(label=dl), nl, d.nhs(label=nl))),
                      L(', '.join(p.addr + [p.pc]))]
    diag = [VS(3), L('**Diagnosis:**'), L('1. %s' % s['reason']), L('2. %s' % s['pmh'][0]), VS(2), L('**Plan:**'),
            L('1. %s' % pick(d, ['Imaging requested', 'Listed for procedure', 'Bloods today', 'Physiotherapy referral'])),
            L('2. Review in %d weeks' % d.r.choice([6, 8, 12, 16])), VS(3)]
    body = [P('I reviewed %s in the %s clinic today. %s' % (p.first, s['short'], s['hist'][0])), VS(2),
            P('On examination: %s %s' % (s['exam'], s['inv'])), VS(2),
            P('We discussed the options in detail and %s is keen to proceed with the plan above. I have given %s written information and will see %s again with the results.' % (p.he(), p.him(), p.him())), VS(2)]
    sign = [L('Yours sincerely,'), SIG('sig', 12), L(d.consultant), L('Consultant, %s' % s['dept']), VS(3),
            L('cc: %s %s, %s' % (p.title, p.name, ', '.join(p.addr[:2])), sz=8.5)]
    foot = footer(d, ['%s    Chair: %s    Chief Executive: %s' % (d.trust, CONSULTANTS[(d.num + 2) % 10][4:], CONSULTANTS[(d.num + 5) % 10][4:])], sz=7)
    if variant == 'twopage':
        d.add_page(top + diag + body[:2] + [L('/cont', al='r')] + foot)
        d.add_page([SP('%s %s' % (p.first, p.last.upper()), '%s %s' % (nl, d.nhs(label=nl, page=2)), 'page 2', sz=8.5), RULE(.4), VS(4)] + body[2:] + sign)
    else:
        if variant == 'demobox':
            top += [VS(4), L('Dear %s,' % d.gp)]
        d.add_page(top + diag + body + sign + foot)


def k_discharge(d, npages=None):
    p = d.pat
    s = d.scen
    d.ff, d.sz = d.use(pick(d, ['qhv', 'lmss', 'qag', 'lmr'])), 9.2
    adm = d.letter_date - timedelta(days=d.r.randint(3, 14))
    dis = d.letter_date
    dl, nl = pick(d, ['Date of Birth', 'DOB']), pick(d, ['NHS Number', 'NHS No'])
    ward = pick(d, ['Ward 7 (Acute Medicine)', 'Beech Ward', 'Ward 22 Surgical', 'Larch Ward', 'Ward 4B'])
    hdr = [SP('**%s**' % d.trust, 'DISCHARGE SUMMARY', sz=10.5), RULE(1), VS(2),
           TBL([['Patient', p.fullname, dl, d.dob(pick(d, ['dmy', 'mon']), dl)],
                [nl, d.nhs(pick(d, ['spaced', 'plain']), nl), 'Hospital No', d.dis('hospital number', p.hosp)],
                ['Address', '%s, %s' % (p.addr[0], p.pc), 'GP', '%s, %s' % (d.gp, d.practice)],
                ['Admitted', d.dis('admission date', fmt_date(adm, 'dmy')), 'Discharged', d.dis('discharge date', fmt_date(dis, 'dmy'))],
                ['Ward', ward, 'Consultant', d.consultant]], 'llll', lines='grid', bold_col0=True, stretch=1.3), VS(4)]
    sec = lambda x: [VS(2), BOX([L('**%s**' % x)], style='band', bg='bandgrey', pad=1), VS(1)]
    body = sec('Presenting complaint') + [P(s['hist'][0]), P(s['hist'][1] if len(s['hist']) > 1 else '')]
    body += sec('Diagnosis') + [L('Primary: %s' % s['reason']), L('Secondary: %s' % ', '.join(s['pmh']))]
    body += sec('Investigations') + [P(s['inv']), P('Observations stable throughout admission. Temperature 37.2\u00b0C on discharge.')]
    body += sec('Treatment and progress') + [P('Managed by the %s team. %s made a steady recovery and was mobilising independently with physiotherapy input before discharge.' % (s['dept'], p.first)), P(s['ask'].replace('Please', 'We will').replace('please', 'we will'))]
    meds = [['Medicine', 'Dose', 'Frequency', 'Status']] + [[m.split(' ')[0], ' '.join(m.split(' ')[1:2]), ' '.join(m.split(' ')[2:]) or 'as directed', pick(d, ['Continued', 'New', 'Dose changed'])] for m in s['meds']]
    medsec = sec('Medication on discharge') + [TBL(meds, 'llll', lines='hrules', bold_first=True, sz=8.8)]
    fu = sec('Follow up') + [P('Outpatient review in %d weeks in the %s clinic. GP to check renal function and blood pressure in one week.' % (d.r.choice([4, 6, 8]), s['short'])),
                              L('Information given to patient: Yes'), VS(3), SP('Completed by: %s (FY2)' % pick(d, ['Dr H. Quayle', 'Dr S. Iyer', 'Dr T. Brannigan']), 'Bleep %d' % d.r.randint(1000, 9999)), SIG('sig', 10)]
    npages = npages or pick(d, [2, 3])
    foot = lambda k: footer(d, ['%s  |  Discharge summary  |  Page %d of %d' % (d.hospital, k, npages)], sz=7)
    mini = lambda k: [SP('%s %s' % (p.first, p.last.upper()), '%s %s' % (nl, d.nhs(pick(d, ['spaced', 'plain']), nl, k)), sz=8), RULE(.5), VS(3)]
    if npages == 2:
        d.add_page(hdr + body + foot(1))
        d.add_page(mini(2) + medsec + fu + foot(2))
    else:
        d.add_page(hdr + body[:len(body) // 2] + foot(1))
        d.add_page(mini(2) + body[len(body) // 2:] + foot(2))
        d.add_page(mini(3) + medsec + fu + foot(3))


def k_lab(d, variant=None):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['lmtt', 'qhv', 'lmss', 'pcr'])), 9
    variant = variant or pick(d, ['biochem', 'haem', 'micro'])
    coll = d.letter_date - timedelta(days=d.r.randint(1, 3))
    spec = d.dis('specimen number', '%s%07d' % (pick(d, ['B', 'H', 'M']), d.r.randrange(10 ** 7)))
    dl, nl = pick(d, ['DOB', 'D.O.B.', 'Date of birth']), pick(d, ['NHS No', 'NHS Number', 'NHS'])
    dept = {'biochem': 'CLINICAL BIOCHEMISTRY', 'haem': 'HAEMATOLOGY', 'micro': 'MICROBIOLOGY'}[variant]
    els = [SP('**%s**' % d.hospital.upper(), 'PATHOLOGY REPORT', sz=10), L('Department of %s' % dept.title(), sz=9),
           L('Enquiries: %s' % d.tel('laboratory telephone'), sz=8.5), RULE(.8), VS(2),
           TBL([['Surname', p.last.upper(), 'Specimen No', spec],
                ['Forename', p.first.upper(), 'Collected', d.dis('collected', fmt_date(coll, 'dmy') + ' %02d:%02d' % (d.r.randint(7, 12), d.r.randrange(60)))],
                [dl, d.dob(pick(d, ['dmy', 'dmy2', 'mondash']), dl), 'Received', d.dis('received', fmt_date(coll, 'dmy') + ' %02d:%02d' % (d.r.randint(12, 16), d.r.randrange(60)))],
                [nl, d.nhs(pick(d, ['plain', 'spaced']), nl), 'Reported', d.date(style='dmy', label='reported')],
                ['Hosp No', d.dis('hospital number', p.hosp), 'Requested by', d.gp],
                ['Sex', p.sex, 'Location', d.practice]], 'llll', lines='box', bold_col0=True, sep=5), VS(4)]
    rr = d.r
    if variant == 'biochem':
        rows = [['Test', 'Result', 'Units', 'Reference range', ''],
                ['Sodium', '%d' % rr.randint(132, 146), 'mmol/L', '133 - 146', ''],
                ['Potassium', '%.1f' % rr.uniform(3.3, 5.6), 'mmol/L', '3.5 - 5.3', ''],
                ['Urea', '%.1f' % rr.uniform(2.5, 11), 'mmol/L', '2.5 - 7.8', 'H' if rr.random() < .3 else ''],
                ['Creatinine', '%d' % rr.randint(55, 160), 'umol/L', '59 - 104', ''],
                ['eGFR', '%d' % rr.randint(35, 90), 'mL/min/1.73m2', '> 90', 'L'],
                ['Bilirubin', '%d' % rr.randint(3, 25), 'umol/L', '0 - 21', ''],
                ['ALT', '%d' % rr.randint(8, 80), 'U/L', '0 - 41', ''],
                ['Alk Phos', '%d' % rr.randint(40, 180), 'U/L', '30 - 130', ''],
                ['Albumin', '%d' % rr.randint(30, 48), 'g/L', '35 - 50', ''],
                ['CRP', '%d' % rr.randint(1, 90), 'mg/L', '0 - 5', 'H'],
                ['HbA1c', '%d' % rr.randint(36, 80), 'mmol/mol', '20 - 41', 'H']]
        comment = 'Please note new reference ranges for liver function tests from 1st April.'
    elif variant == 'haem':
        rows = [['Test', 'Result', 'Units', 'Reference range', ''],
                ['Haemoglobin', '%d' % rr.randint(85, 160), 'g/L', '130 - 180', ''],
                ['White cell count', '%.1f' % rr.uniform(3, 14), 'x10^9/L', '4.0 - 11.0', ''],
                ['Platelets', '%d' % rr.randint(120, 450), 'x10^9/L', '150 - 400', ''],
                ['MCV', '%d' % rr.randint(70, 104), 'fL', '80 - 100', ''],
                ['Neutrophils', '%.1f' % rr.uniform(1.5, 9), 'x10^9/L', '2.0 - 7.5', ''],
                ['Lymphocytes', '%.1f' % rr.uniform(0.8, 4), 'x10^9/L', '1.5 - 4.0', ''],
                ['ESR', '%d' % rr.randint(2, 60), 'mm/hr', '1 - 20', 'H'],
                ['Ferritin', '%d' % rr.randint(5, 300), 'ug/L', '30 - 400', ''],
                ['INR', '%.1f' % rr.uniform(0.9, 3.2), '', '0.8 - 1.2', '']]
        comment = 'Film: normochromic normocytic red cells. No blasts seen.'
    else:
        rows = [['Specimen', 'Mid-stream urine', '', '', ''], ['Microscopy', 'WBC > 100 /uL', '', '', ''],
                ['', 'RBC 10 - 100 /uL', '', '', ''], ['Culture', 'Escherichia coli > 10^5 cfu/mL', '', '', ''],
                ['Sensitivities', 'Nitrofurantoin S', 'Trimethoprim R', 'Cefalexin S', ''],
                ['', 'Amoxicillin R', 'Gentamicin S', '', '']]
        comment = 'Suggest nitrofurantoin if clinically indicated. Discuss with duty microbiologist if unwell.'
    els += [TBL(rows, 'lllll', lines='hrules', bold_first=True, sz=9, sep=6), VS(5), L('**Comment:**'), P(comment), VS(6),
            L('Authorised by: %s, Consultant %s' % (pick(d, ['Dr R. Ellingham', 'Dr M. Oduya', 'Dr J. Sherwin']), 'Chemical Pathologist' if variant == 'biochem' else ('Haematologist' if variant == 'haem' else 'Microbiologist')))]
    els += footer(d, ['Laboratory accredited to ISO 15189    Report printed %s    END OF REPORT' % fmt_date(d.letter_date, 'dmy')], sz=7)
    d.add_page(els)


def k_appointment(d, with_nhs=True):
    p = d.pat
    d.ff, d.sz = d.use(pick(d, ['qhv', 'qtm', 'lmss', 'qcs'])), 10.5
    appt = d.letter_date + timedelta(days=d.r.randint(14, 60))
    right = [L('Date: %s' % d.date(style='dmy'), al='r'), L('Hospital No: %s' % d.dis('hospital number', p.hosp), al='r')]
    if with_nhs:
        right += [L('NHS No: %s' % d.nhs(pick(d, ['spaced', 'plain']), 'NHS No:'), al='r'), L('DOB: %s' % d.dob('dmy', 'DOB:'), al='r')]
    els = trust_head(d) + [COLS((0.6, patient_block(d)), (0.4, right)), VS(8),
                           L('Dear %s %s,' % (p.title, p.last)), VS(3), L('**OUTPATIENT APPOINTMENT**', sz=12), VS(3),
                           P('An appointment has been made for you to attend the %s clinic as detailed below.' % d.scen['short']), VS(3),
                           BOX([TBL([['Date:', d.dis('appointment date', fmt_date(appt, pick(d, ['long', 'ordlong'])))],
                                     ['Time:', d.dis('appointment time', '%d.%02d %s' % (d.r.randint(9, 11), d.r.choice([0, 15, 30, 45]), 'am'))],
                                     ['Clinic:', '%s (%s)' % (d.scen['short'], d.consultant)],
                                     ['Location:', '%s, Outpatients %s' % (d.hospital, pick(d, ['Zone B', 'Level 2', 'Suite 4']))]], 'll', bold_col0=True, sz=11)],
                               style='fbox', pad=3, w=0.9), VS(4),
                           P('Please bring this letter and a list of your current medicines. If you are unable to attend, please telephone the appointments office on %s as soon as possible so that we can offer your appointment to another patient.' % d.tel('appointments telephone')), VS(2),
                           P('Please note that patients who do not attend may be discharged back to their GP.'), VS(4),
                           L('Yours sincerely,'), VS(8), L('Outpatient Booking Team')]
    els += footer(d, ['Car parking is limited. Please allow extra time.    Ref %s' % d.dis('booking reference', 'OPA%06d' % d.r.randrange(10 ** 6))], sz=8)
    d.add_page(els)
    if not with_nhs:
        d.notes.append('no NHS number printed on this appointment letter')


def k_continuation(d):
    p = d.pat
    d.ff, d.sz = d.use('qhv'), 9
    d.script_body = True
    d.jitter = 'script'
    script = d.use(pick(d, ['qzc', 'pzc']))
    d.lead = 1.25
    start = d.letter_date - timedelta(days=d.r.randint(0, 5))
    dl, nl = pick(d, ['DOB:', 'D.O.B.']), pick(d, ['NHS No:', 'NHS:'])
    label = BOX([L('**%s, %s**' % (p.last.upper(), p.first), sz=9), L('%s %s   %s' % (dl, d.dob('dmy', dl), p.sex), sz=9),
                 L('%s %s' % (nl, d.nhs('spaced', nl)), sz=9), L('Hosp: %s' % d.dis('hospital number', p.hosp), sz=9),
                 L(p.addr[0], sz=8)], style='fbox', pad=1.5, w=0.42, rule=0.3)
    head = [COLS((0.55, [L('**%s**' % d.trust, sz=9), L('**CONTINUATION SHEET**', sz=14), L('Clinical notes - %s' % d.scen['dept'], sz=9)]),
                 (0.45, [label])), VS(3), RULE(.6)]
    entries = []
    s = d.scen
    sents = [
        '%s %s WR %s' % (fmt_date(start, 'dmy2'), '%02d:%02d' % (d.r.randint(8, 11), d.r.randrange(60)), d.consultant.split()[-1]),
        'Pt seen, comfortable overnight. ' + s['reason'] + '.',
        s['exam'],
        'Plan: ' + s['inv'].split(':')[0] + ' review, continue current Rx, obs 4 hourly.',
        '%s %s Nursing' % (fmt_date(start + timedelta(days=1), 'dmy2'), '%02d:%02d' % (d.r.randint(13, 22), d.r.randrange(60))),
        'Pt mobilising to bathroom with frame. Eating and drinking well. Pain controlled with paracetamol.',
        '%s  FY1' % fmt_date(start + timedelta(days=1), 'dmy2'),
        'Bloods reviewed. ' + s['hist'][-1],
        'Discussed with reg, happy for discharge planning.',
        '%s %s Physio' % (fmt_date(start + timedelta(days=2), 'dmy2'), '%02d:%02d' % (d.r.randint(9, 12), d.r.randrange(60))),
        'Stairs assessed, safe with one rail. Home exercise sheet given.',
        '%s  Reg' % fmt_date(start + timedelta(days=2), 'dmy2'),
        'Well. For discharge today with OPD follow up. TTO done, GP letter to follow.',
    ]
    cur_line = []
    ctxw = 0
    for k, x in enumerate(sents):
        entries.append(P(x, ff=script, sz=13))
        entries.append(RULE(.25, col='ruleblue'))
    d.add_page(head + [VS(2)] + entries + [VF(), L('Sign and print name, date and time every entry', al='c', sz=7)])
    d.notes.append('handwriting-style (script font) entries are part of this document and ARE in the ground truth')


# ---------------------------------------------------------------------------
# The set: 46 files
# ---------------------------------------------------------------------------
KINDS = {
    'ers_export': (k_ers, (2016, 2023)), 'tickbox_proforma_2ww': (k_tickbox, (2008, 2022)),
    'dictated_letter': (k_dictated, (1996, 2021)), 'soap_note': (k_soap, (2004, 2022)),
    'emis_export': (k_emis, (2011, 2023)), 'systmone_export': (k_systmone, (2008, 2023)),
    'vision_export': (k_vision, (2002, 2018)), 'terse_note': (k_terse, (1995, 2022)),
    'two_page_header_letter': (k_twopage, (1998, 2022)), 'demographics_box_letter': (k_demobox, (2004, 2022)),
    'typewritten_letter': (k_typewriter, (1986, 1996)), 'dot_matrix_letter': (k_dotmatrix, (1988, 1998)),
    'fax_referral': (k_fax, (1997, 2011)), 'compliments_slip_and_letter': (k_compliments, (2000, 2020)),
    'clinic_letter': (k_clinic, (1998, 2023)), 'discharge_summary': (k_discharge, (2003, 2023)),
    'lab_report': (k_lab, (2000, 2023)), 'appointment_letter': (k_appointment, (1995, 2023)),
    'handwritten_continuation_sheet': (k_continuation, (1990, 2015)),
}
PLAN = [  # (document_type, kind, kwargs)
    ('referral_letter', 'ers_export', {}), ('referral_letter', 'dictated_letter', {'two_page': True}),
    ('referral_letter', 'tickbox_proforma_2ww', {}), ('clinic_letter', 'clinic_letter', {'variant': 'standard'}),
    ('referral_letter', 'emis_export', {}), ('referral_letter', 'typewritten_letter', {}),
    ('referral_letter', 'demographics_box_letter', {}), ('lab_result', 'lab_report', {'variant': 'biochem'}),
    ('referral_letter', 'fax_referral', {}), ('referral_letter', 'soap_note', {}),
    ('referral_letter', 'systmone_export', {}), ('continuation_sheet', 'handwritten_continuation_sheet', {}),
    ('referral_letter', 'two_page_header_letter', {}), ('referral_letter', 'terse_note', {}),
    ('discharge_summary', 'discharge_summary', {'npages': 3}), ('referral_letter', 'vision_export', {}),
    ('referral_letter', 'dictated_letter', {'two_page': False}), ('appointment_letter', 'appointment_letter', {'with_nhs': True}),
    ('referral_letter', 'dot_matrix_letter', {}), ('referral_letter', 'compliments_slip_and_letter', {}),
    ('referral_letter', 'ers_export', {}), ('clinic_letter', 'clinic_letter', {'variant': 'demobox'}),
    ('referral_letter', 'tickbox_proforma_2ww', {}), ('referral_letter', 'demographics_box_letter', {}),
    ('lab_result', 'lab_report', {'variant': 'haem'}), ('referral_letter', 'emis_export', {}),
    ('referral_letter', 'two_page_header_letter', {}), ('referral_letter', 'fax_referral', {}),
    ('continuation_sheet', 'handwritten_continuation_sheet', {}), ('referral_letter', 'dictated_letter', {}),
    ('discharge_summary', 'discharge_summary', {'npages': 2}), ('referral_letter', 'typewritten_letter', {}),
    ('referral_letter', 'systmone_export', {}), ('clinic_letter', 'clinic_letter', {'variant': 'twopage'}),
    ('referral_letter', 'soap_note', {}), ('referral_letter', 'vision_export', {}),
    ('appointment_letter', 'appointment_letter', {'with_nhs': False}), ('referral_letter', 'terse_note', {}),
    ('referral_letter', 'demographics_box_letter', {}), ('lab_result', 'lab_report', {'variant': 'micro'}),
    ('referral_letter', 'ers_export', {}), ('referral_letter', 'dictated_letter', {}),
    ('continuation_sheet', 'handwritten_continuation_sheet', {}), ('discharge_summary', 'discharge_summary', {'npages': 2}),
    ('referral_letter', 'two_page_header_letter', {}), ('clinic_letter', 'clinic_letter', {'variant': 'standard'}),
]


def build_docs():
    docs = []
    for k, (dtype, kind, kw) in enumerate(PLAN):
        num = k + 1
        fn, era = KINDS[kind]
        pat = Patient('p%02d' % num)
        d = Doc(num, dtype, kind, pat, era=era)
        d.scen = scen_for(num, pat)
        fn(d, **kw)
        if 'variant' in kw:
            d.kind = '%s_%s' % (kind, {'demobox': 'demographics_box', 'twopage': 'two_page'}.get(kw['variant'], kw['variant']))
        if kw.get('with_nhs') is False:
            d.kind = kind + '_no_nhs_number'
        docs.append(d)
    return docs


# ---------------------------------------------------------------------------
# libvips command-line helpers (every image operation goes through `vips`)
# ---------------------------------------------------------------------------
def iseed(*parts):
    return int(hashlib.sha256('|'.join([SEED] + [str(p) for p in parts]).encode()).hexdigest()[:7], 16)


BOOL_OPTS = {'--uchar', '--fill', '--strip', '--optimize-coding', '--blend'}


class V:
    """Tiny wrapper: each call runs one `vips` operation into a new temp .v file."""

    def __init__(self, wd):
        self.wd = wd
        self.n = 0
        os.makedirs(wd, exist_ok=True)

    def t(self, ext='v'):
        self.n += 1
        return os.path.join(self.wd, 'i%04d.%s' % (self.n, ext))

    def __call__(self, op, *args, out_pos=None, ext='v'):
        """out is inserted where the '@' placeholder is."""
        out = self.t(ext)
        pos, opts = [], []
        a = [out if x == '@' else str(x) for x in args]
        i = 0
        while i < len(a):
            x = a[i]
            if x.startswith('--') and len(x) > 2 and x[2].isalpha():
                opts.append(x)
                if x not in BOOL_OPTS:
                    opts.append(a[i + 1])
                    i += 1
            else:
                pos.append(x)
            i += 1
        # options first, then '--' so that negative numbers stay positional
        run(['vips', op] + opts + ['--'] + pos)
        return out

    def q(self, op, *args):
        return run(['vips', op] + [str(x) for x in args]).stdout.decode().strip()

    def size(self, im):
        w = int(run(['vipsheader', '-f', 'width', im]).stdout)
        h = int(run(['vipsheader', '-f', 'height', im]).stdout)
        return w, h

    def bands(self, im):
        return int(run(['vipsheader', '-f', 'bands', im]).stdout)

    # common operations
    def lin(self, im, a, b, uchar=True):
        a = ' '.join('%.6f' % x for x in (a if isinstance(a, (list, tuple)) else [a]))
        b = ' '.join('%.6f' % x for x in (b if isinstance(b, (list, tuple)) else [b]))
        return self('linear', im, '@', a, b, *(['--uchar'] if uchar else []))

    def mul(self, a, b):
        return self('multiply', a, b, '@')

    def add(self, a, b):
        return self('add', a, b, '@')

    def u8(self, im):
        return self('cast', im, '@', 'uchar')

    def flt(self, im):
        return self('cast', im, '@', 'float')

    def blur(self, im, s):
        return self('gaussblur', im, '@', '%.3f' % s, '--precision', 'float') if s > 0.05 else im

    def noise(self, w, h, sigma, seed, mean=0.0):
        return self('gaussnoise', '@', w, h, '--sigma', '%.3f' % sigma, '--mean', '%.3f' % mean, '--seed', seed)

    def perlin(self, w, h, cell, seed):
        return self('perlin', '@', w, h, '--cell-size', int(cell), '--seed', seed)

    def grey(self, im):
        if self.bands(im) == 1:
            return im
        return self('colourspace', im, '@', 'b-w')

    def rgb(self, im):
        if self.bands(im) == 3:
            return im
        # tag as sRGB: a 3-band "b-w" image would make vips treat band 3 as alpha
        return self('copy', self('bandjoin', '%s %s %s' % (im, im, im), '@'), '@', '--interpretation', 'srgb')

    def resize_to(self, im, w, h, kernel='linear'):
        w0, h0 = self.size(im)
        out = self('resize', im, '@', '%.8f' % (w / w0), '--vscale', '%.8f' % (h / h0), '--kernel', kernel)
        w1, h1 = self.size(out)
        if (w1, h1) != (w, h):
            out = self('embed', out, '@', 0, 0, w, h, '--extend', 'copy')
        return out

    def raw_float(self, values, w, h, bands=1):
        path = self.t('raw')
        with open(path, 'wb') as f:
            f.write(struct.pack('<%df' % len(values), *values))
        return self('rawload', path, '@', w, h, bands, '--format', 'float')

    def raw_u8(self, data, w, h, bands=1):
        path = self.t('raw')
        with open(path, 'wb') as f:
            f.write(bytes(data))
        return self('rawload', path, '@', w, h, bands)

    def profile_rows(self, vals, w):
        """multiplicative field that only depends on y (vals: one float per row)."""
        col = self.raw_float(vals, 1, len(vals))
        return self('embed', col, '@', 0, 0, w, len(vals), '--extend', 'copy')

    def profile_cols(self, vals, h):
        row = self.raw_float(vals, len(vals), 1)
        return self('embed', row, '@', 0, 0, len(vals), h, '--extend', 'copy')

    def clean(self, im):
        """Drop all metadata (e.g. the PNG palette depth that dvipng leaves) by a raw round trip."""
        w, h = self.size(im)
        nb = self.bands(im)
        im = self.u8(im)
        raw = self.t('raw')
        run(['vips', 'rawsave', im, raw])
        out = self('rawload', raw, '@', w, h, nb)
        return self('copy', out, '@', '--interpretation', 'b-w' if nb == 1 else 'srgb')

    def mean_u8(self, im):
        """Exact mean of a 1-band uchar image from its integer histogram (thread-order independent)."""
        hist = self('hist_find', self.u8(im), '@')
        raw = self.t('raw')
        run(['vips', 'rawsave', hist, raw])
        counts = struct.unpack('<256I', open(raw, 'rb').read())
        return sum(i * c for i, c in enumerate(counts)) / float(sum(counts))

    def apply_ink(self, page, mask, x, y, colour, opacity=1.0):
        """Multiply-blend an ink mask (uchar, 255 = full ink) onto page at (x, y)."""
        pw, ph = self.size(page)
        mw, mh = self.size(mask)
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(pw, x + mw), min(ph, y + mh)
        if x1 <= x0 or y1 <= y0:
            return page
        m = self('extract_area', mask, '@', x0 - x, y0 - y, x1 - x0, y1 - y0)
        region = self('extract_area', page, '@', x0, y0, x1 - x0, y1 - y0)
        nb = self.bands(page)
        cols = list(colour) if nb == 3 else [0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]]
        fac = self.lin(m, [-(1 - c) * opacity / 255.0 for c in cols], [1.0] * len(cols), uchar=False)
        if nb == 1:
            fac = self('extract_band', fac, '@', 0)
        reg2 = self.u8(self.mul(region, fac))
        return self('insert', page, reg2, '@', x0, y0)


# ---------------------------------------------------------------------------
# Pure-Python raster helpers on raw grey bytes (pen strokes, stains, profiles)
# ---------------------------------------------------------------------------
def draw_polylines(lines, w, h, thick):
    """Anti-aliased thick polylines -> bytearray mask (255 = ink)."""
    buf = bytearray(w * h)
    hw = thick / 2.0
    for pts in lines:
        for (x0, y0, t0), (x1, y1, t1) in zip(pts, pts[1:]):
            ww = hw * (0.6 + 0.4 * (t0 + t1) / 2)
            bx0, bx1 = int(max(0, min(x0, x1) - ww - 2)), int(min(w - 1, max(x0, x1) + ww + 2))
            by0, by1 = int(max(0, min(y0, y1) - ww - 2)), int(min(h - 1, max(y0, y1) + ww + 2))
            dx, dy = x1 - x0, y1 - y0
            ll = dx * dx + dy * dy or 1e-9
            for y in range(by0, by1 + 1):
                row = y * w
                for x in range(bx0, bx1 + 1):
                    t = ((x - x0) * dx + (y - y0) * dy) / ll
                    t = 0.0 if t < 0 else (1.0 if t > 1 else t)
                    px, py = x0 + t * dx - x, y0 + t * dy - y
                    dist = math.sqrt(px * px + py * py)
                    a = ww + 0.5 - dist
                    if a > 0:
                        v = int(255 * min(1.0, a))
                        if v > buf[row + x]:
                            buf[row + x] = v
    return buf


def signature_lines(r, w, h):
    """A fictional scribbled signature as polylines (x, y, pressure)."""
    pts = []
    n = r.randint(4, 7)
    x = w * 0.05
    base = h * 0.6
    for k in range(n):
        amp = h * r.uniform(0.15, 0.42)
        loops = r.randint(1, 3)
        width = w * 0.85 / n
        for i in range(40):
            t = i / 39.0
            ang = 2 * math.pi * loops * t
            px = x + t * width + math.cos(ang) * width * 0.18
            py = base - math.sin(ang) * amp * (0.5 + 0.5 * math.sin(math.pi * t)) + r.uniform(-0.6, 0.6)
            pts.append((px, py, 0.6 + 0.4 * math.sin(math.pi * t)))
        x += width
    lines = [pts]
    if r.random() < 0.7:
        y0 = base + h * 0.22
        fl = [(w * 0.08 + i * w * 0.85 / 20, y0 + math.sin(i / 3.0) * h * 0.04, 0.8) for i in range(21)]
        lines.append(fl)
    return lines


def pen_mark_lines(r, kind, w, h):
    if kind == 'ring':
        cx, cy, rx, ry = w / 2, h / 2, w * 0.45, h * 0.4
        a0 = r.uniform(0, 6.28)
        pts = [(cx + rx * (1 + 0.04 * math.sin(5 * i / 10.0)) * math.cos(a0 + i * 0.1), cy + ry * math.sin(a0 + i * 0.1), 1.0)
               for i in range(int(6.28 / 0.1) + 6)]
        return [pts]
    if kind == 'underline':
        return [[(w * 0.02 + i * w * 0.96 / 30, h * 0.5 + math.sin(i * 0.7) * h * 0.12 + r.uniform(-0.5, 0.5), 1.0) for i in range(31)]]
    if kind == 'tick':
        return [[(w * 0.1, h * 0.55, .8), (w * 0.35, h * 0.9, 1), (w * 0.9, h * 0.1, .7)]]
    # arrow
    return [[(w * 0.05, h * 0.5, .8), (w * 0.95, h * 0.5, 1)], [(w * 0.8, h * 0.25, 1), (w * 0.95, h * 0.5, 1), (w * 0.8, h * 0.75, 1)]]


def stain_mask(r, size):
    """Coffee-cup ring (dark rim, faint fill) at low resolution."""
    n = size
    buf = bytearray(n * n)
    c = n / 2.0
    R0 = n * 0.42
    harm = [(k, r.uniform(0.01, 0.05), r.uniform(0, 6.28)) for k in (2, 3, 5, 7)]
    gap0 = r.uniform(0, 6.28)
    gap = r.uniform(0.0, 1.2)
    for y in range(n):
        for x in range(n):
            dx, dy = x - c, y - c
            rr = math.sqrt(dx * dx + dy * dy)
            th = math.atan2(dy, dx)
            Rt = R0 * (1 + sum(a * math.sin(k * th + p) for k, a, p in harm))
            d = (rr - Rt) / (n * 0.012)
            rim = math.exp(-d * d) * (0.35 if ((th - gap0) % 6.283) < gap else 1.0)
            fill = 0.22 * (1 - (rr / Rt) ** 4) if rr < Rt else 0.0
            v = min(1.0, rim * 0.85 + fill)
            buf[y * n + x] = int(255 * v)
    return buf


# ---------------------------------------------------------------------------
# Overlay artwork (stamps, handwritten annotations) typeset with TeX
# ---------------------------------------------------------------------------
def overlay_tex(items):
    src = PREAMBLE % dict(ml=10, mt=10, tw=190)
    for it in items:
        if it['kind'] == 'rubber_stamp':
            lines = r'\\ '.join(esc(x) for x in it['lines'])
            fs = it.get('fs', 13)
            inner = (r'{\fontfamily{%s}\fontsize{%.1f}{%.1f}\selectfont\bfseries\fboxrule=%.1fpt\fboxsep=3pt\fbox{\fboxrule=0.7pt\fbox{'
                     r'\begin{tabular}{@{\,}c@{\,}}%s\end{tabular}}}}' % (it.get('ff', 'qhv'), fs, fs * 1.15, it.get('rule', 1.6), lines))
        else:
            ctx = Ctx('qzc', it.get('fs', 16), 1.2, 1.0, 'script', it['seed'])
            body = r'\\ '.join(tex_text(x, ctx, False, it.get('ff', 'qzc')) for x in it['lines'])
            inner = (r'{\fontfamily{%s}\fontsize{%.1f}{%.1f}\selectfont\begin{tabular}{@{}l@{}}%s\end{tabular}}'
                     % (it.get('ff', 'qzc'), it.get('fs', 16), it.get('fs', 16) * 1.2, body))
        src += r'\hbox{%s}' % inner + '\n\\newpage\n'
    return src + r'\end{document}' + '\n'


# ---------------------------------------------------------------------------
# Scanner / paper-life simulation for one page
# ---------------------------------------------------------------------------
INKS = {'red': (0.80, 0.12, 0.14), 'purple': (0.45, 0.22, 0.62), 'blue': (0.16, 0.26, 0.72),
        'black': (0.13, 0.13, 0.15), 'green': (0.12, 0.45, 0.22), 'biro': (0.10, 0.18, 0.55),
        'pencil': (0.45, 0.45, 0.47), 'redpen': (0.72, 0.10, 0.10)}
PAPER = {'white': (1, 1, 1), 'cream': (0.98, 0.95, 0.85), 'yellow': (1.0, 0.96, 0.68), 'pink': (1.0, 0.86, 0.9),
         'green': (0.86, 0.97, 0.84), 'blue': (0.84, 0.91, 1.0), 'buff': (0.95, 0.87, 0.70), 'grey_recycled': (0.9, 0.89, 0.86)}


def halftone(v, im, y0, y1, period, angle):
    w, h = v.size(im)
    y1 = min(h, y1)
    band = v('extract_area', im, '@', 0, y0, w, y1 - y0)
    xy = v.flt(v('xyz', '@', w, y1 - y0))
    k = 2 * math.pi / period
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    mat = os.path.join(v.wd, 'rot%d.mat' % v.n)
    with open(mat, 'w') as f:
        f.write('2 2\n%.6f %.6f\n%.6f %.6f\n' % (k * ca, k * sa, -k * sa, k * ca))
    uv = v('recomb', xy, '@', mat)
    c = v('math', uv, '@', 'cos')
    s = v.mul(v('extract_band', c, '@', 0), v('extract_band', c, '@', 1))
    screen = v.lin(s, 126.0, 127.5, uchar=False)
    ht = v('relational', band, screen, '@', 'more')
    return v('insert', im, ht, '@', 0, y0)


def dot_matrix(v, im, dpi):
    """Mask the glyph strokes with a grid of round pin dots (about 0.34 mm pitch)."""
    g = v.grey(im)
    ink = v.lin(g, -1, 255)
    w, h = v.size(g)
    pitch = max(3, int(round(dpi * 0.34 / 25.4)))
    xy = v('xyz', '@', w, h)
    m = v('remainder_const', xy, '@', '%d %d' % (pitch, pitch))
    m = v.lin(m, 1, -(pitch - 1) / 2.0, uchar=False)
    m2 = v.mul(m, m)
    mat = os.path.join(v.wd, 'sum%d.mat' % v.n)
    with open(mat, 'w') as f:
        f.write('2 1\n1 1\n')
    d2 = v('recomb', m2, '@', mat)
    dots = v('relational_const', d2, '@', 'less', '%.3f' % ((pitch * 0.47) ** 2))
    ink2 = v('boolean', ink, dots, '@', 'and')
    ink2 = v.blur(ink2, dpi / 300.0 * 0.45)
    return v.lin(ink2, -1.3, 255)


def geometry_field(v, W, H, g, r):
    """Destination->source displacement (skew, keystone, curl, offsets) sampled
    on a coarse grid in Python, upscaled by vips; returns a 2-band float index image."""
    s = 8
    gw, gh = W // s + 2, H // s + 2
    th = math.radians(g.get('skew', 0.0))
    ct, st = math.cos(th), math.sin(th)
    cx, cy = W / 2.0, H / 2.0
    kx = g.get('keystone', 0.0)
    ky = g.get('keystone_y', 0.0)
    curl = g.get('curl')  # (side, depth_px, amount)
    ox, oy = g.get('offset', (0, 0))
    vals = []
    for j in range(gh):
        y = j * s
        for i in range(gw):
            x = i * s
            # inverse rotation about the centre (skew is clockwise-positive)
            dx, dy = x - cx - ox, y - cy - oy
            sx = cx + ct * dx + st * dy
            sy = cy - st * dx + ct * dy
            # keystone: horizontal scale varies with y, vertical with x
            sx = cx + (sx - cx) * (1 + kx * (sy / H - 0.5))
            sy = cy + (sy - cy) * (1 + ky * (sx / W - 0.5))
            if curl:
                side, D, amt = curl
                dist = {'left': x, 'right': W - x, 'top': y, 'bottom': H - y}[side]
                u = max(0.0, 1 - dist / D)
                u2 = u * u
                if side in ('left', 'right'):
                    sgn = 1 if side == 'left' else -1
                    sx += sgn * amt * u2 * D * 0.35
                    sy += (sy - cy) * 0.05 * amt * u2 + amt * u2 * D * 0.08
                else:
                    sgn = 1 if side == 'top' else -1
                    sy += sgn * amt * u2 * D * 0.35
                    sx += (sx - cx) * 0.05 * amt * u2
            vals += [sx - x, sy - y]
    f = v.raw_float(vals, gw, gh, 2)
    f = v('resize', f, '@', str(s), '--kernel', 'linear')
    f = v('extract_area', f, '@', 0, 0, W, H)
    xy = v.flt(v('xyz', '@', W, H))
    return v.add(xy, f)


def page_pipeline(v, src_png, plan, doc, page_anchor, ov_pngs, reverse_png):
    """Run the whole simulated life of one page. Returns final image path and dpi (x, y)."""
    r = R('raster', doc.id, plan['page'])
    E = plan['effects']
    dpi = plan['render_dpi']
    im = v('copy', src_png, '@')
    if v.bands(im) == 4:
        im = v('flatten', im, '@', '--background', '255 255 255')
    im = v.rgb(im)
    W, H = v.size(im)
    mm = dpi / 25.4
    # --- ink / print effects -------------------------------------------------
    if 'halftone_moire_letterhead' in E:
        im = halftone(v, im, 0, int(H * 0.24), period=dpi / 150.0 * 1.06, angle=45 - 7 * r.random())
    if 'dot_matrix' in E:
        im = v.rgb(dot_matrix(v, im, dpi))
        rows = []
        ph = r.uniform(0, 6.28)
        for y in range(H):
            rows.append(1.0 - 0.3 * max(0.0, math.sin(y / (mm * 9.0) + ph)) - (0.25 if (y // int(mm * 4.23)) % 11 == 3 else 0))
        ink = v.lin(im, -1, 255, uchar=False)
        ink = v.mul(ink, v.profile_rows(rows, W))
        im = v.lin(ink, -1, 255)
    if 'typewriter' in E:
        ink = v.lin(im, -1, 255, uchar=False)
        pn = v.lin(v.perlin(W, H, max(8, int(mm * 3)), iseed(doc.id, plan['page'], 'tw')), 0.25, 0.85, uchar=False)
        im = v.lin(v.mul(ink, pn), -1, 255)
        im = v('rank', im, '@', 3, 3, 2)
    if 'ink_spread' in E:
        if dpi >= 280:
            im = v('rank', im, '@', 3, 3, 1)
            im = v.blur(im, 0.45 * dpi / 300)
        else:
            im = v.lin(v.blur(im, 0.7), 1.2, -45)
    if 'thin_strokes' in E:
        # erode the dark strokes by about 0.1 mm (only where that is less than a stroke width)
        if dpi >= 280:
            im = v('rank', im, '@', 3, 3, 6)
        else:
            im = v.lin(im, 0.8, 255 * 0.2)
    for e in E:
        if e.startswith('ink_fading'):
            f = plan['params']['fade']
            im = v.lin(im, f, 255 * (1 - f))
    # --- overlays (on the paper, before it is copied or scanned) --------------
    for ov, png in zip(plan['overlays'], ov_pngs):
        mask = ov_mask(v, ov, png, r, dpi)
        mw, mh = v.size(mask)
        if ov['kind'] == 'signature' and page_anchor.get('sig'):
            xmm, ymm = page_anchor['sig']
            x, y = int(xmm * mm + r.uniform(-2, 8) * mm), int(ymm * mm - 0.25 * mh + r.uniform(0, 2) * mm)
        else:
            fx, fy = ov['pos']
            x, y = int(fx * (W - mw)), int(fy * (H - mh))
        im = v.apply_ink(im, mask, x, y, INKS[ov['ink']], ov.get('opacity', 0.9))
    # --- paper ---------------------------------------------------------------
    paper = plan['params'].get('paper', 'white')
    if paper != 'white':
        im = v.lin(im, list(PAPER[paper]), [0, 0, 0])
    if 'bleed_through' in E or 'show_through' in E:
        s = plan['params']['bleed']
        rev = v.rgb(v('copy', reverse_png, '@'))
        rev = v('flip', rev, '@', 'horizontal')
        rev = v.resize_to(rev, W, H)
        rev = v.blur(v.grey(rev), (1.6 if 'bleed_through' in E else 2.4) * dpi / 300)
        fac = v.lin(rev, s / 255.0, 1 - s, uchar=False)
        im = v.u8(v.mul(im, fac))
    if 'coffee_stain' in E:
        n = 110
        sm = v.raw_u8(stain_mask(r, n), n, n)
        size = int(r.uniform(55, 85) * mm)
        sm = v.resize_to(sm, size, size)
        sm = v('rotate', sm, '@', r.uniform(0, 360), '--background', '0')
        pw, ph = v.size(sm)
        x, y = int(r.uniform(0.05, 0.75) * W), int(r.uniform(0.15, 0.7) * H)
        im = v.apply_ink(im, sm, x - pw // 4, y - ph // 4, (0.62, 0.42, 0.2), 0.55)
    if 'paper_texture' in E or 'paper_grain' in E:
        g = plan['params'].get('grain', 3.0)
        nz = v.noise(W, H, g, iseed(doc.id, plan['page'], 'grain'))
        bl = v.lin(v.perlin(W, H, max(16, int(mm * 6)), iseed(doc.id, plan['page'], 'blotch')), g * 1.6, 0, uchar=False)
        fld = v.lin(v.add(nz, bl), 1 / 255.0, 1.0, uchar=False)
        im = v.u8(v.mul(im, fld))
    if 'fold_crease' in E:
        rows = [1.0] * H
        for k in range(plan['params'].get('folds', 1)):
            y0 = H * (k + 1) / (plan['params'].get('folds', 1) + 1) + r.uniform(-0.03, 0.03) * H
            wdt = r.uniform(0.25, 0.6) * mm
            sh = r.uniform(0.5, 2.5) * mm
            for y in range(max(0, int(y0 - 12 * mm)), min(H, int(y0 + 12 * mm))):
                d = (y - y0) / wdt
                rows[y] *= 1 - 0.32 * math.exp(-d * d) - 0.05 * math.exp(-((y - y0 - sh) / (3 * mm)) ** 2) + 0.03 * math.exp(-((y - y0 + sh) / (2 * mm)) ** 2)
        cf = v.profile_rows(rows, W)
        # crease is broken up by grain
        im = v.u8(v.mul(im, cf))
    lid = plan['params'].get('lid', 250)
    if 'punch_holes' in E:
        im = v('copy', im, '@')
        for yy in (H / 2 - 40 * mm, H / 2 + 40 * mm):
            cxp, cyp = int(12 * mm), int(yy + r.uniform(-2, 2) * mm)
            run(['vips', 'draw_circle', '--fill', '--', im, ' '.join([str(max(0, lid - 60))] * 3), cxp, cyp, int(3.3 * mm)])
            run(['vips', 'draw_circle', '--fill', '--', im, ' '.join([str(lid)] * 3), cxp, cyp, int(2.9 * mm)])
    if 'staple' in E:
        im = v('copy', im, '@')
        x0, y0 = int(r.uniform(6, 14) * mm), int(r.uniform(6, 14) * mm)
        L = int(12 * mm)
        ang = math.radians(r.uniform(-55, -35))
        for t in range(-int(0.5 * mm), int(0.5 * mm) + 1):
            col = 90 if abs(t) < 0.3 * mm else 150
            ox, oy = -math.sin(ang) * t, math.cos(ang) * t
            run(['vips', 'draw_line', '--', im, '%d %d %d' % (col, col, col + 5), int(x0 + ox), int(y0 + oy),
                 int(x0 + ox + L * math.cos(ang + 1.5708)), int(y0 + oy + L * math.sin(ang + 1.5708 + 0.0))])
    # --- photocopying ----------------------------------------------------------
    for gen in range(plan['params'].get('copies', 0)):
        im = v.rgb(v.grey(im))
        lo, hi = r.uniform(30, 60), r.uniform(215, 245)
        im = v.lin(im, 255 / (hi - lo), -lo * 255 / (hi - lo))
        drop = v.perlin(W, H, max(32, int(mm * 18)), iseed(doc.id, plan['page'], 'toner', gen))
        dropf = v.lin(drop, 0.25, 0.93, uchar=False)
        ink = v.lin(im, -1, 255, uchar=False)
        im = v.lin(v.mul(ink, dropf), -1, 255)
        sp = v.noise(W, H, 1.0, iseed(doc.id, plan['page'], 'speck', gen))
        specks = v('relational_const', sp, '@', 'more', '%.2f' % r.uniform(3.6, 4.0))
        specks = v('rank', specks, '@', 3, 3, 8)
        im = v('boolean', im, v.rgb(v.lin(specks, -1, 255)), '@', 'and')
        cols = [1.0] * W
        for k in range(r.randint(0, 2) if gen else r.randint(1, 2)):
            xs = r.uniform(0.05, 0.95) * W
            wdt = r.uniform(0.3, 1.5) * mm
            amt = r.uniform(0.1, 0.35)
            for x in range(max(0, int(xs - 4 * wdt)), min(W, int(xs + 4 * wdt))):
                cols[x] *= 1 - amt * math.exp(-((x - xs) / wdt) ** 2)
        im = v.u8(v.mul(im, v.profile_cols(cols, H)))
        im = v.blur(im, 0.5 * dpi / 300)
    if plan['mode'] in ('grey', 'bilevel', 'fax'):
        im = v.grey(im)
    nb = v.bands(im)
    # --- geometry on the scanner bed -------------------------------------------
    geo = plan['geometry']
    idx = geometry_field(v, W, H, geo, r)
    ones = v.lin(v('black', '@', W, H), 0, 255)
    pmask = v('mapim', ones, '@', idx, '--interpolate', 'bilinear', '--background', '0')
    im = v('mapim', im, '@', idx, '--interpolate', 'bilinear')
    lidim = v.lin(v('black', '@', W, H, '--bands', nb), 0, lid)
    # outside the sheet the scanner lid shows (explicit blend; mapim's own background is not used)
    im = v('ifthenelse', pmask, im, lidim, '@', '--blend')
    es = plan['params'].get('edge_shadow', 0.1)
    sh = v.blur(pmask, (4.0 if es > 0.2 else 1.5) * mm)
    shf = v.lin(sh, es / 255.0, 1 - es, uchar=False)
    im = v.u8(v.mul(im, shf))
    if geo.get('curl'):
        side, D, amt = geo['curl']
        n = W if side in ('left', 'right') else H
        prof = []
        for i in range(n):
            dist = {'left': i, 'right': n - 1 - i, 'top': i, 'bottom': n - 1 - i}[side]
            u = max(0.0, 1 - dist / D)
            prof.append(1 - 0.62 * u ** 2.2)
        f = v.profile_cols(prof, H) if side in ('left', 'right') else v.profile_rows(prof, W)
        blurred = v.blur(im, 1.6 * dpi / 300)
        um = v.lin(f, -1, 1, uchar=False)
        im = v.u8(v.add(v.mul(im, v.lin(um, -1, 1, uchar=False)), v.mul(blurred, um)))
        im = v.u8(v.mul(im, f))
    # --- scanner optics ---------------------------------------------------------
    lt = plan['params'].get('lighting', 0.03)
    if lt > 0:
        sw, sh2 = W // 32 + 2, H // 32 + 2
        a, b = r.uniform(-1, 1), r.uniform(-1, 1)
        cx, cy = r.uniform(0.2, 0.8), r.uniform(0.2, 0.8)
        vals = []
        for j in range(sh2):
            for i in range(sw):
                x, y = i / sw, j / sh2
                vals.append(1 - lt * (0.55 * ((x - cx) ** 2 + (y - cy) ** 2) * 2.2 + 0.45 * (0.5 + 0.5 * (a * (x - .5) + b * (y - .5)))))
        fld = v.resize_to(v.raw_float(vals, sw, sh2), W, H)
        im = v.u8(v.mul(im, fld))
    if 'scanner_streaks' in E:
        cols = [0.0] * W
        for k in range(r.randint(2, 5)):
            xs = int(r.uniform(0.02, 0.98) * W)
            val = r.choice([-1, 1]) * r.uniform(25, 70)
            for x in range(xs, min(W, xs + r.randint(1, 3))):
                cols[x] = val
        im = v.u8(v.add(im, v.profile_cols(cols, H)))
    im = v.blur(im, plan['params'].get('blur', 0.55) * dpi / 300)
    ns = plan['params'].get('noise', 2.0)
    if ns > 0:
        im = v.u8(v.add(im, v.noise(W, H, ns, iseed(doc.id, plan['page'], 'sensor'))))
    # --- resolution / mode --------------------------------------------------------
    tdpi = plan['dpi']
    dpi_xy = (tdpi, tdpi)
    if plan['mode'] == 'fax':
        # threshold at transmit resolution, then 200x100 dpi fax rows
        im = v.u8(v.add(im, v.noise(W, H, 9, iseed(doc.id, plan['page'], 'faxn'))))
        im = v('relational_const', im, '@', 'more', 165)
        im = v('resize', im, '@', '1', '--vscale', '0.5', '--kernel', 'nearest')
        fw, fh = v.size(im)
        rows = [0.0] * fh
        for k in range(r.randint(2, 6)):
            y = r.randrange(fh)
            for yy in range(y, min(fh, y + r.randint(1, 3))):
                rows[yy] = 255.0 if k % 3 else -255.0
        im = v.u8(v.add(im, v.profile_rows(rows, fw)))
        dpi_xy = (200, 100)
        if plan.get('fax_printout'):
            # printed by the receiving machine and rescanned at plan['dpi2']
            d2 = plan['dpi2']
            im = v.lin(im, 0.86, 14)
            im = v('resize', im, '@', '%.6f' % (d2 / 200.0), '--vscale', '%.6f' % (d2 / 100.0), '--kernel', 'nearest')
            im = v.blur(im, 0.7 * d2 / 300)
            fw, fh = v.size(im)
            im = v.u8(v.add(im, v.noise(fw, fh, 3, iseed(doc.id, plan['page'], 'fax2'))))
            dpi_xy = (d2, d2)
    elif tdpi != dpi:
        ker = 'linear' if 'halftone_moire_letterhead' in E else 'lanczos3'
        im = v('resize', im, '@', '%.6f' % (tdpi / dpi), '--kernel', ker)
    if plan['mode'] == 'bilevel':
        avg = v.mean_u8(im)
        im = v('relational_const', im, '@', 'more', '%.1f' % (avg * plan['params'].get('thresh', 0.62)))
    # --- JPEG generations before the final save --------------------------------------
    for q in plan['params'].get('jpeg_generations', []):
        j = v.t('jpg')
        run(['vips', 'jpegsave', im, j, '--Q', str(q), '--strip'])
        im = v('copy', j, '@')
    rot = plan['rotation']
    if rot:
        im = v('rot', im, '@', 'd%d' % rot)
        if rot in (90, 270):
            dpi_xy = (dpi_xy[1], dpi_xy[0])
    return im, dpi_xy


def ov_mask(v, ov, png, r, dpi):
    if png is None:   # python-drawn strokes
        w, h = int(ov['w_mm'] * dpi / 25.4), int(ov['h_mm'] * dpi / 25.4)
        lr = R('strokes', ov['seed'])
        lines = signature_lines(lr, w, h) if ov['kind'] == 'signature' else pen_mark_lines(lr, ov['mark'], w, h)
        m = v.raw_u8(draw_polylines(lines, w, h, max(2.0, 0.45 * dpi / 25.4 * ov.get('pen', 1.0))), w, h)
    else:
        m = v.lin(v.grey(v('copy', png, '@')), -1, 255)
    if ov['kind'] == 'rubber_stamp':
        w, h = v.size(m)
        pn = v.perlin(w, h, max(4, int(dpi / 25.4 * 1.5)), iseed(ov['seed'], 'ink'))
        fac = v.lin(pn, 0.7, 0.75, uchar=False)
        m = v.u8(v.mul(m, fac))
    ang = ov.get('angle', 0.0)
    if abs(ang) > 0.05:
        m = v('rotate', m, '@', '%.3f' % ang, '--background', '0', '--interpolate', 'bilinear')
    return m


# ---------------------------------------------------------------------------
# Scan plan: formats, difficulty, degradations, overlays (all seeded)
# ---------------------------------------------------------------------------
TYPEWRITER_DOCS, DOTMATRIX_DOCS = {6, 32}, {19}
FAX_G4_DOCS, FAX_PRINTOUT_DOCS = {9}, {28}
PENCIL_DOCS, THIN_DOCS = {14: 0.52, 36: 0.47}, {24, 46}
COLOURED = {11: 'yellow', 20: 'pink', 33: 'green', 37: 'blue', 43: 'buff', 2: 'cream'}
BLANK_TRAILING = {12: 'blank', 31: 'near_blank', 42: 'blank', 3: 'blank_showthrough'}
LETTER_PAGES = {15: [3], 34: [2], 41: [1, 2]}
ROTATIONS = {(8, 1): 90, (25, 1): 180, (40, 1): 270, (44, 2): 90, (30, 2): 180}
FORMAT_OVERRIDE = {9: 'tiff', 28: 'pdf', 15: 'pdf', 34: 'pdf', 41: 'pdf'}
HALFTONE_PAGES = {(13, 1), (27, 1), (45, 1), (18, 1), (22, 1)}
STAMPS = [['RECEIVED', '{d}', 'MEDICAL RECORDS'], ['RECEIVED', '{d}'], ['URGENT'], ['SCANNED', '{d}'],
          ['TRIAGED', '{d}', 'ROUTINE'], ['COPY'], ['2WW OFFICE', 'RECEIVED {d}'], ['CENTRAL BOOKING', '{d}'],
          ['FILED'], ['RECEIVED', '{d}', 'ORTHOPAEDIC DEPT'], ['ENTERED ON SYSTEM', '{d}']]
NOTES = [['Routine 6/52'], ['Seen - urgent please'], ['?2WW'], ['Book MRI first'], ['Triaged: soon', 'JK'],
         ['Pt phoned 12/3'], ['To Dr K for review'], ['Upgrade to urgent'], ['filed'], ['Clinic 4A'],
         ['Not known at', 'this address?'], ['cc GP'], ['Bloods done'], ['Discussed with', 'consultant'],
         ['for MDT'], ['OK to list'], ['scan requested']]


def walk(els):
    for e in els:
        yield e
        if e['t'] == 'cols':
            for _, sub in e['cols']:
                yield from walk(sub)
        elif e['t'] == 'box':
            yield from walk(e['els'])


def add_trailing(d):
    kind = BLANK_TRAILING.get(d.num)
    if not kind:
        return
    if kind == 'near_blank':
        d.add_page([VF(), L('This page is intentionally left blank', al='c', sz=8), VF()])
    else:
        d.add_page([VF()])
    d.pages[-1]['blank'] = kind


def assign_formats(docs):
    single_cycle = ['jpeg', 'png', 'tiff', 'jpeg', 'pdf', 'png', 'jpeg', 'tiff', 'png', 'jpeg']
    multi_cycle = ['tiff', 'pdf', 'pdf', 'tiff']
    si = mi = 0
    for d in docs:
        if d.num in FORMAT_OVERRIDE:
            d.format = FORMAT_OVERRIDE[d.num]
        elif len(d.pages) > 1:
            d.format = multi_cycle[mi % len(multi_cycle)]
            mi += 1
        else:
            d.format = single_cycle[si % len(single_cycle)]
            si += 1


def assign_difficulty(docs):
    pages = [(d, k) for d in docs for k in range(len(d.pages))]
    n = len(pages)
    n_hard, n_clean = round(0.2 * n), round(0.2 * n)
    diff = {}
    for d, k in pages:
        key = (d.num, k + 1)
        if d.num in FAX_G4_DOCS | FAX_PRINTOUT_DOCS | DOTMATRIX_DOCS or d.num in PENCIL_DOCS:
            diff[key] = 'hard' if (d.num + k) % 2 == 0 else 'moderate'
        elif key in ROTATIONS:
            diff[key] = 'moderate'
    rest = [(d.num, k + 1) for d, k in pages if (d.num, k + 1) not in diff]
    r = R('difficulty')
    r.shuffle(rest)
    have_hard = sum(1 for v in diff.values() if v == 'hard')
    for key in rest:
        if have_hard < n_hard:
            diff[key] = 'hard'
            have_hard += 1
        elif sum(1 for v in diff.values() if v == 'clean') < n_clean:
            diff[key] = 'clean'
        else:
            diff[key] = 'moderate'
    return diff


def stamp_date(d, r):
    return fmt_date(d.letter_date + timedelta(days=r.randint(1, 9)), 'mon').upper()


def plan_page(d, k, difficulty):
    """k is 1-based."""
    r = R('plan', d.num, k)
    page = d.pages[k - 1]
    blank = page.get('blank')
    E, P_ = [], {}
    # ---------------- resolution / encoding ----------------
    fmt = d.format
    if difficulty == 'clean':
        dpi = r.choice([300, 300, 300, 300, 400, 200])
    elif difficulty == 'moderate':
        dpi = r.choice([300, 300, 300, 300, 300, 300, 300, 200, 400])
    else:
        dpi = r.choice([150, 150, 200, 300, 300, 300])
    if fmt == 'tiff':
        enc = r.choice(['g4', 'g4', 'lzw', 'jpeg']) if k > 1 or d.num % 3 else 'g4'
    elif fmt == 'png':
        enc = r.choice(['png_grey', 'png_colour', 'png_1bit'])
    else:
        enc = r.choice(['jpeg_grey', 'jpeg_grey', 'jpeg_colour'])
    mode = {'g4': 'bilevel', 'lzw': 'grey', 'jpeg': r.choice(['grey', 'colour']), 'png_grey': 'grey', 'png_colour': 'colour',
            'png_1bit': 'bilevel', 'jpeg_grey': 'grey', 'jpeg_colour': 'colour'}[enc]
    if mode == 'bilevel' and dpi < 200:
        dpi = 200
    q = {'clean': r.randint(75, 85), 'moderate': r.randint(55, 78), 'hard': r.randint(40, 55)}[difficulty]
    render_dpi = dpi
    plan = dict(page=k, difficulty=difficulty, dpi=dpi, mode=mode, enc=enc, q=q, overlays=[], effects=E, params=P_,
                rotation=ROTATIONS.get((d.num, k), 0), size=page['size'])
    # ---------------- scanner geometry ----------------
    geo = {}
    mx = {'clean': 0.4, 'moderate': 2.0, 'hard': 3.0}[difficulty]
    geo['skew'] = round(r.uniform(-mx, mx), 2)
    if difficulty != 'clean' and r.random() < 0.3:
        geo['offset'] = (r.uniform(-3, 3) * dpi / 25.4, r.uniform(-4, 4) * dpi / 25.4)
    P_['lid'] = r.choice([252, 252, 240, 200, 60]) if difficulty != 'clean' else 252
    P_['blur'] = {'clean': 0.45, 'moderate': 0.6, 'hard': 0.85}[difficulty] * r.uniform(0.85, 1.2)
    P_['noise'] = {'clean': 1.5, 'moderate': 3.0, 'hard': 5.0}[difficulty] * r.uniform(0.8, 1.2)
    P_['lighting'] = {'clean': 0.02, 'moderate': 0.07, 'hard': 0.14}[difficulty] * r.uniform(0.7, 1.3)
    P_['grain'] = {'clean': 1.5, 'moderate': 3.0, 'hard': 5.0}[difficulty]
    E.append('paper_texture')
    E.append('skew:%+.2fdeg' % geo['skew'])
    if P_['lighting'] > 0.05:
        E.append('uneven_lighting')
    # ---------------- content-level (document) features ----------------
    if d.num in TYPEWRITER_DOCS:
        E.append('typewriter')
    if d.num in DOTMATRIX_DOCS:
        E.append('dot_matrix')
    if d.num in PENCIL_DOCS:
        E.append('low_contrast_pencil_grey')
    if d.num in THIN_DOCS:
        E.append('thin_strokes')
    if d.num in COLOURED:
        P_['paper'] = COLOURED[d.num]
        E.append('coloured_paper:%s' % COLOURED[d.num])
    if (d.num, k) in HALFTONE_PAGES:
        E.append('halftone_moire_letterhead')
        render_dpi = int(dpi * 1.5)
    if d.num in FAX_G4_DOCS | FAX_PRINTOUT_DOCS:
        plan['mode'] = 'fax'
        render_dpi = 200
        plan['dpi'] = 200
        E.append('fax')
        if d.num in FAX_PRINTOUT_DOCS:
            plan['fax_printout'] = True
            plan['dpi2'] = r.choice([300, 200])
            plan['enc'] = 'jpeg_grey'
        else:
            plan['enc'] = 'g4'
        geo['skew'] = round(r.uniform(-1.2, 1.2), 2)
        E[1] = 'skew:%+.2fdeg' % geo['skew']
    plan['render_dpi'] = render_dpi
    if plan['rotation']:
        E.append('rotated:%d' % plan['rotation'])
    # ---------------- random page-life effects ----------------
    has_sig = any(e['t'] == 'sig' for e in walk(page['els']))
    mod_pool = [('rubber_stamp', 3), ('handwritten_annotation', 3), ('fold_crease', 2), ('show_through', 2),
                ('highlighter', 2), ('punch_holes', 1.2), ('staple', 1.2), ('edge_shadow', 1.5), ('photocopy_generation', 1.2),
                ('scanner_streaks', 1), ('ink_fading', 1), ('jpeg_recompression', 1), ('keystone', 0.7), ('pen_mark', 1)]
    hard_pool = [('bleed_through', 2), ('photocopy_generation', 2), ('coffee_stain', 1.6), ('ink_fading', 1.4),
                 ('handwritten_annotation', 2), ('page_curl_binding', 1.3), ('keystone', 0.9), ('jpeg_recompression', 1.5),
                 ('scanner_streaks', 1), ('rubber_stamp', 1.5), ('ink_spread', 1), ('fold_crease', 1), ('staple', 0.6),
                 ('edge_shadow', 1.0)]
    picks = []
    if difficulty != 'clean':
        pool = list(mod_pool if difficulty == 'moderate' else hard_pool)
        n = r.choice([2, 3, 3]) if difficulty == 'moderate' else r.choice([3, 4, 4, 5])
        if blank:
            n = 1
        for _ in range(n):
            tot = sum(w for _, w in pool)
            x = r.uniform(0, tot)
            for j, (name, w) in enumerate(pool):
                x -= w
                if x <= 0:
                    picks.append(name)
                    pool.pop(j)
                    break
    if blank == 'blank_showthrough':
        picks = ['bleed_through', 'punch_holes']
    plan['picks'] = picks
    apply_picks(d, k, plan, picks, geo, r)
    if has_sig and not blank:
        plan['overlays'].append(dict(kind='signature', ink=r.choice(['biro', 'black', 'blue']), w_mm=r.uniform(35, 55),
                                     h_mm=r.uniform(11, 16), seed='%s-%d-sig' % (d.id, k), angle=r.uniform(-4, 4),
                                     pen=r.uniform(0.7, 1.1), opacity=0.92))
        E.append('signature')
    if blank:
        E.append('blank_page' if blank != 'near_blank' else 'near_blank_page')
    plan['geometry'] = geo
    return plan


def apply_picks(d, k, plan, picks, geo, r):
    E, P_ = plan['effects'], plan['params']
    dpi = plan['dpi']
    hard = plan['difficulty'] == 'hard'
    page = d.pages[k - 1]
    for p in picks:
        if p == 'rubber_stamp':
            lines = [x.format(d=stamp_date(d, r)) for x in r.choice(STAMPS)]
            over = hard or r.random() < 0.4
            plan['overlays'].append(dict(kind='rubber_stamp', lines=lines, ink=r.choice(['red', 'purple', 'blue', 'black', 'red']),
                                         angle=r.uniform(-18, 18), fs=r.choice([11, 12, 14, 16]), seed='%s-%d-st%d' % (d.id, k, len(plan['overlays'])),
                                         pos=(r.uniform(0.3, 0.95), r.uniform(0.25, 0.75) if over else r.uniform(0.0, 0.2)),
                                         ff=r.choice(['qhv', 'qag', 'lmss']), opacity=r.uniform(0.7, 0.95)))
            E.append('rubber_stamp' + ('_over_text' if over else ''))
        elif p == 'handwritten_annotation':
            over = hard or r.random() < 0.5
            plan['overlays'].append(dict(kind='handwritten_annotation', lines=r.choice(NOTES), ink=r.choice(['biro', 'black', 'redpen', 'green', 'pencil']),
                                         angle=r.uniform(-12, 8), fs=r.choice([15, 17, 20, 23]), seed='%s-%d-an%d' % (d.id, k, len(plan['overlays'])),
                                         pos=(r.uniform(0.05, 0.9), r.uniform(0.15, 0.8) if over else r.choice([r.uniform(0, 0.08), r.uniform(0.9, 1.0)])),
                                         ff=r.choice(['qzc', 'pzc']), opacity=0.95))
            E.append('handwritten_annotation' + ('_over_text' if over else ''))
        elif p == 'pen_mark':
            mark = r.choice(['ring', 'underline', 'tick', 'arrow'])
            plan['overlays'].append(dict(kind='pen_mark', mark=mark, ink=r.choice(['biro', 'redpen', 'black']), w_mm=r.uniform(25, 60),
                                         h_mm=r.uniform(8, 18), seed='%s-%d-pm' % (d.id, k), angle=r.uniform(-6, 6),
                                         pos=(r.uniform(0.05, 0.8), r.uniform(0.15, 0.6)), opacity=0.9))
            E.append('pen_mark:%s' % mark)
        elif p == 'highlighter':
            cands = [e for e in walk(page['els']) if e['t'] in ('line', 'para') and len(plain(e.get('x', ''))) >= 10]
            if cands:
                e = r.choice(cands)
                colour = r.choice(['hlyellow', 'hlyellow', 'hlpink', 'hlgreen', 'hlorange'])
                if e['t'] == 'line':
                    e['hl'] = colour
                else:
                    e['hl_line'] = ((0,), colour)
                plan.setdefault('highlighted', []).append(plain(e['x'])[:60])
                E.append('highlighter')
        elif p == 'fold_crease':
            P_['folds'] = r.choice([1, 2, 2])
            E.append('fold_crease:%d' % P_['folds'])
        elif p in ('show_through', 'bleed_through'):
            P_['bleed'] = r.uniform(0.08, 0.16) if p == 'show_through' else r.uniform(0.22, 0.38)
            E.append(p)
        elif p == 'punch_holes':
            E.append('punch_holes')
            P_['lid'] = r.choice([40, 60, 90, 230])
        elif p == 'staple':
            E.append('staple')
        elif p == 'edge_shadow':
            P_['edge_shadow'] = r.uniform(0.3, 0.55)
            P_['lid'] = r.choice([40, 70, 120])
            geo['offset'] = (r.uniform(4, 9) * dpi / 25.4 * r.choice([-1, 1]), r.uniform(-5, 5) * dpi / 25.4)
            E.append('edge_shadow')
        elif p == 'photocopy_generation':
            P_['copies'] = 1 if not hard else r.choice([2, 3])
            if plan['mode'] in ('fax', 'bilevel') or dpi < 200:
                P_['copies'] = min(P_['copies'], 2)
            E.append('photocopy_generation:%d' % P_['copies'])
            geo['skew'] = round(max(-3.0, min(3.0, geo['skew'] + r.uniform(-0.6, 0.6))), 2)
            E[1] = 'skew:%+.2fdeg' % geo['skew']
        elif p == 'scanner_streaks':
            E.append('scanner_streaks')
        elif p == 'ink_fading':
            P_['fade'] = r.uniform(0.55, 0.7) if not hard else r.uniform(0.35, 0.5)
            E.append('ink_fading')
        elif p == 'ink_spread':
            E.append('ink_spread')
        elif p == 'jpeg_recompression':
            P_['jpeg_generations'] = [r.randint(30, 45)] if hard else [r.randint(45, 65)]
            if hard and r.random() < 0.5:
                P_['jpeg_generations'].append(r.randint(35, 50))
            E.append('jpeg_recompression:Q' + '/Q'.join(map(str, P_['jpeg_generations'])))
        elif p == 'keystone':
            geo['keystone'] = r.choice([-1, 1]) * r.uniform(0.012, 0.03)
            geo['keystone_y'] = r.choice([-1, 1]) * r.uniform(0.0, 0.012)
            E.append('keystone')
        elif p == 'coffee_stain':
            E.append('coffee_stain')
        elif p == 'page_curl_binding':
            side = r.choice(['left', 'left', 'top', 'right'])
            geo['curl'] = (side, r.uniform(18, 32) * dpi / 25.4, r.uniform(0.5, 1.0))
            E.append('page_curl_binding:%s' % side)
            E.append('book_fold_shadow')
    if plan['mode'] == 'bilevel':
        P_['thresh'] = 0.6 if not hard else r.uniform(0.5, 0.7)


def tame(plans):
    """Keep hard pages hard but still legible for a person: no deep fading under
    repeated photocopying / fax thresholding."""
    for pl in plans.values():
        P_ = pl['params']
        if 'fade' in P_ and (P_.get('copies', 0) >= 2 or pl['mode'] in ('fax', 'bilevel') or pl['dpi'] <= 150
                             or 'low_contrast_pencil_grey' in pl['effects']):
            P_['fade'] = max(P_['fade'], 0.62)
        if 'fade' in P_ and 'thin_strokes' in pl['effects']:
            P_['fade'] = max(P_['fade'], 0.72)
        if 'bleed' in P_ and ('fade' in P_ or 'low_contrast_pencil_grey' in pl['effects'] or 'thin_strokes' in pl['effects']):
            P_['bleed'] = min(P_['bleed'], 0.2)


def ensure_coverage(docs, plans):
    """Guarantee that every brief item occurs a few times across the set."""
    need = {'page_curl_binding': 3, 'keystone': 3, 'coffee_stain': 3, 'bleed_through': 4, 'show_through': 3,
            'photocopy_generation': 6, 'staple': 4, 'punch_holes': 4, 'edge_shadow': 4, 'highlighter': 5,
            'rubber_stamp': 10, 'handwritten_annotation': 8, 'scanner_streaks': 4, 'jpeg_recompression': 4,
            'fold_crease': 6, 'ink_fading': 4, 'ink_spread': 2, 'pen_mark': 2}
    r = R('coverage')
    for name, n in sorted(need.items()):
        have = [key for key, pl in plans.items() if name in pl['picks']]
        cands = [key for key, pl in sorted(plans.items()) if name not in pl['picks'] and pl['difficulty'] != 'clean'
                 and not docs[key[0] - 1].pages[key[1] - 1].get('blank')]
        if name in ('page_curl_binding', 'coffee_stain', 'bleed_through', 'ink_spread'):
            cands = [c for c in cands if plans[c]['difficulty'] == 'hard'] or cands
        r.shuffle(cands)
        while len(have) < n and cands:
            key = cands.pop()
            d = docs[key[0] - 1]
            pl = plans[key]
            pl['picks'].append(name)
            apply_picks(d, key[1], pl, [name], pl['geometry'], R('cov', name, key))
            have.append(key)


# ---------------------------------------------------------------------------
# Containers: multi-page TIFF (merging vips single-page TIFFs) and image-only PDF
# ---------------------------------------------------------------------------
TIFF_TYPE_SIZE = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}


def read_tiff_ifd(data):
    assert data[:4] == b'II*\x00', 'expect little-endian classic TIFF'
    off = struct.unpack_from('<I', data, 4)[0]
    n = struct.unpack_from('<H', data, off)[0]
    entries = {}
    for i in range(n):
        tag, typ, cnt, val = struct.unpack_from('<HHI4s', data, off + 2 + 12 * i)
        size = TIFF_TYPE_SIZE[typ] * cnt
        raw = val[:size] if size <= 4 else data[struct.unpack('<I', val)[0]:struct.unpack('<I', val)[0] + size]
        entries[tag] = (typ, cnt, raw)
    return entries


def merge_tiffs(paths, out):
    """Concatenate single-page TIFFs into one multi-page TIFF (page sizes and
    compressions may differ per page)."""
    buf = bytearray(b'II*\x00\x00\x00\x00\x00')
    prev_next_ptr = 4
    n = len(paths)
    for pi, p in enumerate(paths):
        data = open(p, 'rb').read()
        ent = read_tiff_ifd(data)
        if 273 not in ent:
            raise RuntimeError('no strips in %s' % p)

        def vals(tag):
            typ, cnt, raw = ent[tag]
            fmt = '<%d%s' % (cnt, 'H' if typ == 3 else 'I')
            return list(struct.unpack(fmt, raw))
        offs, cnts = vals(273), vals(279)
        new_offs = []
        for o, c in zip(offs, cnts):
            if len(buf) % 2:
                buf.append(0)
            new_offs.append(len(buf))
            buf += data[o:o + c]
        ent[273] = (4, len(new_offs), struct.pack('<%dI' % len(new_offs), *new_offs))
        ent[254] = (4, 1, struct.pack('<I', 2 if n > 1 else 0))
        ent[297] = (3, 2, struct.pack('<HH', pi, n))
        ent.pop(305, None)
        ent.pop(306, None)
        # out-of-line values
        ool = {}
        for tag in sorted(ent):
            typ, cnt, raw = ent[tag]
            if len(raw) > 4:
                if len(buf) % 2:
                    buf.append(0)
                ool[tag] = len(buf)
                buf += raw
        if len(buf) % 2:
            buf.append(0)
        ifd_off = len(buf)
        struct.pack_into('<I', buf, prev_next_ptr, ifd_off)
        tags = sorted(ent)
        buf += struct.pack('<H', len(tags))
        for tag in tags:
            typ, cnt, raw = ent[tag]
            if len(raw) > 4:
                buf += struct.pack('<HHII', tag, typ, cnt, ool[tag])
            else:
                buf += struct.pack('<HHI', tag, typ, cnt) + raw.ljust(4, b'\x00')
        prev_next_ptr = len(buf)
        buf += b'\x00\x00\x00\x00'
    with open(out, 'wb') as f:
        f.write(bytes(buf))


def jpeg_info(path):
    d = open(path, 'rb').read()
    i = 2
    while i < len(d):
        if d[i] != 0xFF:
            i += 1
            continue
        m = d[i + 1]
        if m in (0xC0, 0xC1, 0xC2):
            h, w, nc = struct.unpack('>HHB', d[i + 5:i + 10])
            return w, h, nc
        if m == 0xD8 or 0xD0 <= m <= 0xD7:
            i += 2
            continue
        i += 2 + struct.unpack('>H', d[i + 2:i + 4])[0]
    raise RuntimeError('bad jpeg')


def write_pdf(pages, out):
    """pages: list of (jpeg path, dpi_x, dpi_y). Image-only PDF, no dates."""
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)
    cat = add(None)
    pages_id = add(None)
    kids = []
    for jp, dx, dy in pages:
        w, h, nc = jpeg_info(jp)
        data = open(jp, 'rb').read()
        cs = '/DeviceGray' if nc == 1 else '/DeviceRGB'
        img = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 '
                  b'/Filter /DCTDecode /Length %d >>\nstream\n' % (w, h, cs.encode(), len(data)) + data + b'\nendstream')
        pw, ph = w * 72.0 / dx, h * 72.0 / dy
        content = b'q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q' % (pw, ph)
        cid = add(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
        kids.append(add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject << /Im0 %d 0 R >> >> '
                        b'/Contents %d 0 R >>' % (pages_id, pw, ph, img, cid)))
    objs[cat - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % pages_id
    objs[pages_id - 1] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (b' '.join(b'%d 0 R' % k for k in kids), len(kids))
    out_b = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out_b))
        out_b += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
    xref = len(out_b)
    out_b += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for o in offs:
        out_b += b'%010d 00000 n \n' % o
    out_b += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, cat, xref)
    with open(out, 'wb') as f:
        f.write(bytes(out_b))


# ---------------------------------------------------------------------------
# One document end to end
# ---------------------------------------------------------------------------
def encode_page(v, im, plan, dpi_xy, base):
    """Save one page; returns (path, encoding description)."""
    xr, yr = dpi_xy[0] / 25.4, dpi_xy[1] / 25.4
    im = v.clean(im)
    im = v('copy', im, '@', '--xres', '%.6f' % xr, '--yres', '%.6f' % yr)
    enc = plan['enc']
    if plan['mode'] == 'colour' and v.bands(im) == 1:
        im = v.rgb(im)
    if plan['mode'] in ('grey', 'bilevel', 'fax') and v.bands(im) == 3:
        im = v.grey(im)
    if enc == 'g4':
        out = base + '.tif'
        run(['vips', 'tiffsave', im, out, '--compression', 'ccittfax4', '--bitdepth', '1', '--resunit', 'inch', '--strip',
             '--xres', '%.6f' % xr, '--yres', '%.6f' % yr])
        return out, 'TIFF CCITT G4, 1-bit'
    if enc == 'lzw':
        out = base + '.tif'
        run(['vips', 'tiffsave', im, out, '--compression', 'lzw', '--predictor', 'horizontal', '--resunit', 'inch', '--strip',
             '--xres', '%.6f' % xr, '--yres', '%.6f' % yr])
        return out, 'TIFF LZW, 8-bit %s' % ('grey' if v.bands(im) == 1 else 'RGB')
    if enc == 'jpeg':
        out = base + '.tif'
        run(['vips', 'tiffsave', im, out, '--compression', 'jpeg', '--Q', str(plan['q']), '--resunit', 'inch', '--strip',
             '--xres', '%.6f' % xr, '--yres', '%.6f' % yr])
        return out, 'TIFF JPEG Q%d, %s' % (plan['q'], 'grey' if v.bands(im) == 1 else 'RGB')
    if enc.startswith('png'):
        out = base + '.png'
        args = ['--compression', '9', '--strip']
        if enc == 'png_1bit':
            args += ['--bitdepth', '1']
        run(['vips', 'pngsave', im, out] + args)
        return out, 'PNG %s' % {'png_1bit': '1-bit', 'png_grey': '8-bit grey', 'png_colour': '8-bit RGB'}[enc]
    out = base + '.jpg'
    run(['vips', 'jpegsave', im, out, '--Q', str(plan['q']), '--strip', '--optimize-coding'])
    return out, 'JPEG Q%d %s' % (plan['q'], 'grey' if v.bands(im) == 1 else 'RGB')


def process_doc(args):
    d, plans, outdir, rev_doc = args
    wd = os.path.join(WORK, d.id)
    if os.path.exists(wd):
        shutil.rmtree(wd)
    os.makedirs(wd)
    dvi, gts, anchors = compile_doc(d, os.path.join(wd, 'tex'))
    # overlay artwork
    ov_items = []
    for k in range(1, len(d.pages) + 1):
        for ov in plans[(d.num, k)]['overlays']:
            if ov['kind'] in ('rubber_stamp', 'handwritten_annotation'):
                ov_items.append((k, ov))
    ovdvi = None
    if ov_items:
        od = os.path.join(wd, 'ov')
        os.makedirs(od)
        with open(os.path.join(od, 'o.tex'), 'w') as f:
            f.write(overlay_tex([ov for _, ov in ov_items]))
        run(['latex', '-interaction=nonstopmode', '-halt-on-error', 'o.tex'], cwd=od)
        ovdvi = os.path.join(od, 'o.dvi')
    page_files, rows = [], []
    for k in range(1, len(d.pages) + 1):
        plan = plans[(d.num, k)]
        v = V(os.path.join(wd, 'p%d' % k))
        src = os.path.join(v.wd, 'src.png')
        dvipng_page(dvi, k, plan['size'], plan['render_dpi'], src)
        # the reverse side (for show-/bleed-through) is another page of the set
        rev = None
        if 'bleed_through' in plan['effects'] or 'show_through' in plan['effects']:
            rev = os.path.join(v.wd, 'rev.png')
            rk = k - 1 if k > 1 else min(len(d.pages), 2)
            if rk == k or d.pages[rk - 1].get('blank'):
                rk = 1
            if rk == k:
                # single sheet: the reverse side carries another document's print
                rdvi, _, _ = compile_doc(rev_doc, os.path.join(wd, 'rev'))
                dvipng_page(rdvi, 1, rev_doc.pages[0]['size'], plan['render_dpi'], rev)
            else:
                dvipng_page(dvi, rk, plan['size'], plan['render_dpi'], rev)
        ov_pngs = []
        for ov in plan['overlays']:
            if ov['kind'] in ('rubber_stamp', 'handwritten_annotation'):
                idx = [o for _, o in ov_items].index(ov) + 1
                op = os.path.join(v.wd, 'ov%d.png' % idx)
                run(['dvipng', '-q', '-D', str(plan['render_dpi']), '-T', 'tight', '-bg', 'White', '-pp', str(idx), '-o', op, ovdvi])
                ov_pngs.append(op)
            else:
                ov_pngs.append(None)
        im, dpi_xy = page_pipeline(v, src, plan, d, anchors.get(k, {}), ov_pngs, rev)
        path, encdesc = encode_page(v, im, plan, dpi_xy, os.path.join(wd, 'page%02d' % k))
        if d.format == 'pdf' and not path.endswith('.jpg'):
            raise RuntimeError('pdf pages must be jpeg')
        w, h = v.size(path)
        page_files.append((path, dpi_xy))
        rows.append(dict(encdesc=encdesc, dpi_xy=list(dpi_xy), px=[w, h]))
        # free the page's intermediates
        shutil.rmtree(v.wd)
    ext = {'tiff': 'tif', 'pdf': 'pdf', 'jpeg': 'jpg', 'png': 'png'}[d.format]
    final = os.path.join(outdir, '%s.%s' % (d.id, ext))
    if d.format == 'tiff':
        merge_tiffs([p for p, _ in page_files], final)
    elif d.format == 'pdf':
        write_pdf([(p, dx, dy) for p, (dx, dy) in page_files], final)
    else:
        assert len(page_files) == 1
        shutil.copyfile(page_files[0][0], final)
    with open(os.path.join(outdir, '%s.gt.txt' % d.id), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n\f\n'.join('\n'.join(g) for g in gts) + '\n')
    shutil.rmtree(wd)
    return d.id, rows, gts, d.non_gt_text, d.fit, d.fonts_used


# ---------------------------------------------------------------------------
# Whole set
# ---------------------------------------------------------------------------
def prepare():
    docs = build_docs()
    for d in docs:
        add_trailing(d)
        for pg in LETTER_PAGES.get(d.num, []):
            d.pages[pg - 1]['size'] = 'Letter'
        if d.num in PENCIL_DOCS:
            d.pencil = PENCIL_DOCS[d.num]
    assign_formats(docs)
    diff = assign_difficulty(docs)
    plans = {}
    for d in docs:
        for k in range(1, len(d.pages) + 1):
            plans[(d.num, k)] = plan_page(d, k, diff[(d.num, k)])
    ensure_coverage(docs, plans)
    tame(plans)
    return docs, plans


def overlay_manifest(d, plans, non_gt):
    out = []
    for k in range(1, len(d.pages) + 1):
        pl = plans[(d.num, k)]
        for ov in pl['overlays']:
            if ov['kind'] in ('rubber_stamp', 'handwritten_annotation'):
                out.append(dict(page=k, kind=ov['kind'], text=' / '.join(ov['lines']), ink=ov['ink']))
            elif ov['kind'] == 'signature':
                out.append(dict(page=k, kind='signature', text=None, ink=ov['ink']))
            else:
                out.append(dict(page=k, kind='pen_mark', text=None, mark=ov['mark'], ink=ov['ink']))
        for h in pl.get('highlighted', []):
            out.append(dict(page=k, kind='highlighter', text=None, over_printed_text=h))
    for t in non_gt:
        pages = sorted(set(k for k in range(1, len(d.pages) + 1)
                           if any(e['t'] == 'logo' and e['kind'] == 'lozenge' for e in walk(d.pages[k - 1]['els']))))
        out.append(dict(page=pages[0] if pages else 1, kind='logo_text', text=t))
    return out


def manifest_row(d, plans, res):
    _, rows, gts, non_gt, fit, fonts_used = res
    ext = {'tiff': 'tif', 'pdf': 'pdf', 'jpeg': 'jpg', 'png': 'png'}[d.format]
    n = len(d.pages)
    pl = [plans[(d.num, k)] for k in range(1, n + 1)]
    nhs = d.nhs_printed[0]['value'] if d.nhs_printed else None
    dob = d.dob_printed[0]['value'] if d.dob_printed else None
    # sanity: every printed identifier is in that page's ground truth
    for occ in d.nhs_printed + d.dob_printed:
        assert occ['value'] in '\n'.join(gts[occ['page'] - 1]), (d.id, occ)
    assert all(re.sub(r'\D', '', o['value']) == d.pat.nhs for o in d.nhs_printed)
    if d.nhs_printed:
        assert nhs_valid(d.pat.nhs) and d.pat.nhs.startswith('999')
    fonts = sorted(set(FONT_NAMES[f] for f in fonts_used))
    return dict(
        file='%s.%s' % (d.id, ext), ground_truth='%s.gt.txt' % d.id, document_type=d.dtype, kind=d.kind, pages=n,
        nhs_number=d.pat.nhs if d.nhs_printed else None,
        date_of_birth=d.pat.dob.isoformat() if d.dob_printed else None,
        nhs_as_printed=nhs, dob_as_printed=dob,
        nhs_label_as_printed=d.nhs_printed[0]['label'] if d.nhs_printed else None,
        dob_label_as_printed=d.dob_printed[0]['label'] if d.dob_printed else None,
        nhs_occurrences=d.nhs_printed, dob_occurrences=d.dob_printed,
        degradations=[p['effects'] for p in pl], difficulty=[p['difficulty'] for p in pl],
        rotation_clockwise_deg=[p['rotation'] for p in pl], format=d.format,
        page_encoding=[r_['encdesc'] for r_ in rows],
        dpi=[r_['dpi_xy'][0] if r_['dpi_xy'][0] == r_['dpi_xy'][1] else r_['dpi_xy'] for r_ in rows],
        dpi_xy=[r_['dpi_xy'] for r_ in rows], pixel_size=[r_['px'] for r_ in rows],
        paper_size=[p['size'] for p in d.pages],
        fonts=fonts, overlay_text_not_in_gt=overlay_manifest(d, plans, non_gt), distractors=d.distractors,
        blank_pages=[k + 1 for k, p in enumerate(d.pages) if p.get('blank')],
        patient_name=d.pat.fullname, letter_date=d.letter_date.isoformat(), notes=d.notes,
        latex_fit=fit)


def write_readme(outdir, rows):
    from collections import Counter
    n_pages = sum(r_['pages'] for r_ in rows)
    c_type = Counter(r_['document_type'] for r_ in rows)
    c_fmt = Counter(r_['format'] for r_ in rows)
    c_diff = Counter(x for r_ in rows for x in r_['difficulty'])
    c_enc = Counter(x.split(',')[0].split(' Q')[0] for r_ in rows for x in r_['page_encoding'])
    c_dpi = Counter(str(x) for r_ in rows for x in r_['dpi'])
    c_rot = Counter(x for r_ in rows for x in r_['rotation_clockwise_deg'])
    c_eff = Counter(e.split(':')[0] for r_ in rows for pg in r_['degradations'] for e in pg)
    t = lambda c: '\n'.join('| %s | %d |' % (k, v) for k, v in sorted(c.items(), key=lambda kv: str(kv[0])))
    txt = '''# ocr10 - sealed OCR evaluation set: scanned NHS paper documents (fictional)

%(nf)d files, %(np)d pages.  Every person, number, address and organisation is fictional:
NHS numbers are in the 999 test range with valid modulus-11 check digits, postcodes use the
non-existent ZX area, telephone numbers are Ofcom drama numbers 01632 960xxx.

## Tool chain (only these)
* Python 3 standard library: document content, LaTeX source, ground truth, manifest, seeded
  randomness, pure-Python raster work on raw grey bytes (signature scribbles, pen marks, coffee
  ring masks, crease/streak/lighting/geometry fields), the multi-page TIFF assembler and the PDF writer.
* TeX Live `latex` (DVI mode) with Latin Modern, TeX Gyre (Termes, Heros, Cursor, Bonum, Pagella,
  Schola, Adventor, Chorus) and URW/psnfss fonts (Nimbus Mono/Courier, Times, Helvetica, Century
  Schoolbook, Chancery); packages tabularx, colortbl, xcolor, fancybox, pifont.
* `dvipng` rasterises each DVI page at the page's scan (or working) resolution.
* libvips `vips` command line: affine/mapim geometry, rotate/rot, gaussblur, rank, linear, multiply,
  gaussnoise/perlin, recomb, relational, boolean, insert/extract_area/embed, resize, colourspace;
  encoders jpegsave, pngsave, tiffsave (ccittfax4 / lzw / jpeg).
* No PIL/Pillow, ImageMagick, GraphicsMagick, LibreOffice, browsers, cairo/Pango, groff, netpbm,
  Ghostscript, mutool, poppler or pdfium.  img2pdf was not used (it needs Pillow); PDFs are written by
  `write_pdf()` in make_set.py (JPEG pages embedded with DCTDecode).  No OCR engine was run.

Rebuild: `python3 make_set.py` (writes here).  Determinism check: `python3 make_set.py --check`
rebuilds into a temporary folder and compares every file against `SHA256SUMS`.

## Files
* `docNN.<ext>` - the scan (`.tif` multi-page TIFF, `.pdf` image-only PDF, `.jpg`, `.png`).
* `docNN.gt.txt` - UTF-8 ground truth.
* `manifest.jsonl` - one JSON object per file.
* `make_set.py`, `SHA256SUMS`, this README.

## Ground-truth conventions
* Printed text in reading order, one printed line per text line; pages separated by a line holding
  a single form feed (the file is the pages joined with "\\n\\f\\n", plus a final "\\n").  A blank page is
  an empty page between two form-feed lines.
* Table rows: one line, non-empty cells joined by one space, left to right.  This includes the
  "Label: value" demographics boxes (each box row is one line; where a box holds two label/value
  pairs per row, the row reads left pair then right pair).
* Independent side-by-side blocks (letterhead logo beside the address, recipient address beside the
  date/reference block, address beside the demographics box): the left block is read completely,
  then the right block.  A single line with parts pushed apart (e.g. "Date ...      Ref ...") is one line.
* Runs of spaces collapsed to one; no leading/trailing spaces.
* Not text: tick-box graphics (the tick/cross glyphs), logos (the "NHS" inside the blue logo
  lozenge is listed in the manifest as `logo_text`), rules and boxes.
* Overlay marks are NOT in the ground truth: rubber stamps, handwritten annotations, signatures,
  pen marks, highlighter (the highlighted printed text itself IS in the ground truth).  Their text is
  listed in `overlay_text_not_in_gt`.
* Printed text that is part of the document IS ground truth even when it looks unusual: the fax
  machine header line at the top of fax pages, "This page is intentionally left blank", and the
  script-font entries of the handwriting-style continuation sheets (kind
  `handwritten_continuation_sheet`; see `notes`).
* Rotated pages: the text is given in normal reading order; `rotation_clockwise_deg` says how the
  page image is rotated (90 = content turned 90 degrees clockwise; rotate 90 degrees anticlockwise to read).
* Apostrophes are printed as straight quotes ('); the degree sign is U+00B0; the pound sign U+00A3.

## Manifest fields
`file`, `ground_truth`, `document_type`, `kind` (layout), `pages`, `nhs_number` (10 digits, or null
when none is printed), `date_of_birth` (YYYY-MM-DD, or null when not printed), `nhs_as_printed`,
`dob_as_printed` (first printed occurrence, value only), `nhs_label_as_printed`, `dob_label_as_printed`,
`nhs_occurrences`/`dob_occurrences` (every printed occurrence: page, label, value),
`degradations` (list per page), `difficulty` (per page: clean | moderate | hard),
`rotation_clockwise_deg` (per page), `format` (tiff | pdf | jpeg | png), `page_encoding` (per page),
`dpi` (per page; a [x, y] pair for 200x100 dpi fax pages), `dpi_xy`, `pixel_size`, `paper_size`,
`fonts`, `overlay_text_not_in_gt`, `distractors` (other printed numbers and dates: hospital numbers,
UBRNs, phone/fax numbers, letter and clinic dates, practice codes, GMC numbers, specimen numbers ...),
`blank_pages`, `patient_name`, `letter_date`, `notes`, `latex_fit`.

## Counts
### Document types
| type | files |
|---|---|
%(ctype)s

### File formats
| format | files |
|---|---|
%(cfmt)s

### Page encodings
| encoding | pages |
|---|---|
%(cenc)s

### Page difficulty
| difficulty | pages |
|---|---|
%(cdiff)s

### Page resolution (dpi)
| dpi | pages |
|---|---|
%(cdpi)s

### Page rotation (clockwise degrees)
| rotation | pages |
|---|---|
%(crot)s

### Degradations (pages carrying each)
| degradation | pages |
|---|---|
%(ceff)s
''' % dict(nf=len(rows), np=n_pages, ctype=t(c_type), cfmt=t(c_fmt), cenc=t(c_enc), cdiff=t(c_diff), cdpi=t(c_dpi),
           crot=t(c_rot), ceff=t(c_eff))
    with open(os.path.join(outdir, 'README.md'), 'w') as f:
        f.write(txt)


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for b in iter(lambda: f.read(1 << 20), b''):
            h.update(b)
    return h.hexdigest()


def build(outdir, only=None, jobs=2):
    os.makedirs(outdir, exist_ok=True)
    os.makedirs(WORK, exist_ok=True)
    docs, plans = prepare()
    revs = {d.num: docs[(i + 17) % len(docs)] for i, d in enumerate(docs)}
    if only:
        docs = [d for d in docs if d.num in only]
    tasks = [(d, {key: pl for key, pl in plans.items() if key[0] == d.num}, outdir, revs[d.num]) for d in docs]
    if jobs > 1:
        import multiprocessing
        with multiprocessing.get_context('fork').Pool(jobs) as pool:
            results = pool.map(process_doc, tasks, chunksize=1)
    else:
        results = [process_doc(t) for t in tasks]
    rows = [manifest_row(d, plans, res) for d, res in zip(docs, results)]
    if only:
        return rows
    with open(os.path.join(outdir, 'manifest.jsonl'), 'w', encoding='utf-8', newline='\n') as f:
        for r_ in rows:
            f.write(json.dumps(r_, ensure_ascii=False, sort_keys=False) + '\n')
    write_readme(outdir, rows)
    names = sorted(os.listdir(outdir))
    if outdir == HERE:
        with open(os.path.join(outdir, 'SHA256SUMS'), 'w') as f:
            for nme in names:
                if nme in ('SHA256SUMS',) or nme.startswith('.') or os.path.isdir(os.path.join(outdir, nme)):
                    continue
                f.write('%s  %s\n' % (sha256(os.path.join(outdir, nme)), nme))
    return rows


def check():
    tmp = os.path.join(WORK + '_check_out')
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    build(tmp)
    bad, n = [], 0
    for ln in open(os.path.join(HERE, 'SHA256SUMS')):
        h, nme = ln.strip().split('  ', 1)
        if nme == 'make_set.py':
            ok = sha256(os.path.join(HERE, nme)) == h
        else:
            p = os.path.join(tmp, nme)
            ok = os.path.exists(p) and sha256(p) == h
        n += 1
        if not ok:
            bad.append(nme)
    extra = sorted(set(os.listdir(tmp)) - set(ln.split('  ', 1)[1].strip() for ln in open(os.path.join(HERE, 'SHA256SUMS'))))
    print('determinism check: %d files compared, %d differ%s%s' % (n, len(bad), (': ' + ', '.join(bad)) if bad else '',
                                                                  ('; unexpected: ' + ', '.join(extra)) if extra else ''))
    if not bad and not extra:
        shutil.rmtree(tmp)
    return not bad and not extra


if __name__ == '__main__':
    if '--check' in sys.argv:
        sys.exit(0 if check() else 1)
    only = None
    if '--only' in sys.argv:
        only = set(int(x) for x in sys.argv[sys.argv.index('--only') + 1].split(','))
        out = sys.argv[sys.argv.index('--out') + 1] if '--out' in sys.argv else os.path.join(WORK, 'preview')
        rows = build(out, only=only, jobs=2)
        for r_ in rows:
            print(json.dumps(r_)[:3000])
    else:
        build(HERE)
