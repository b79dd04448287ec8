#!/usr/bin/env python3
"""make_set.py - generator for the sealed test set "letters29".

300 gastroenterology referral letters labelled by /work/shared/clinical/referral-triage-spec.md.
Python 3 standard library only; every random choice is seeded from strings, so reruns are
byte-identical.  Usage:  python3 make_set.py [output_dir]
"""
import datetime
import hashlib
import json
import os
import random
import re
import sys

SETNAME = 'letters29'


def R(*parts):
    h = hashlib.sha256(('%s|' % SETNAME + '|'.join(str(p) for p in parts)).encode()).hexdigest()
    return random.Random(int(h[:16], 16))


# --------------------------------------------------------------------------------------------
# Rule engine (the generator's own copy; validate_set.py has an independent one)
# --------------------------------------------------------------------------------------------
RULE_LABEL = {
    'U1': ('urgent_suspected_cancer', 'upper_gi'), 'U2': ('urgent_suspected_cancer', 'lower_gi'),
    'U3': ('urgent_suspected_cancer', 'lower_gi'), 'U4': ('urgent_suspected_cancer', 'lower_gi'),
    'U5': ('urgent_suspected_cancer', 'upper_gi'), 'U6': ('urgent_suspected_cancer', 'lower_gi'),
    'U7': ('urgent_suspected_cancer', 'hepatology'), 'U8': ('urgent_suspected_cancer', 'lower_gi'),
    'R1': ('urgent', 'ibd'), 'R2': ('urgent', 'hepatology'), 'R3': ('urgent', 'upper_gi'),
    'O1': ('routine', 'upper_gi'), 'O2': ('routine', 'ibd'), 'O3': ('advice_and_guidance', 'ibd'),
    'O4': ('routine', 'general_gi'), 'O5': ('routine', 'hepatology'),
    'A1': ('advice_and_guidance', 'general_gi'), 'O6': ('routine', 'general_gi'),
    'A2': ('advice_and_guidance', 'upper_gi'), 'A3': ('advice_and_guidance', 'lower_gi'),
    'D': ('routine', 'general_gi'),
}
SYMPTOMS = ['dysphagia', 'rectal_mass', 'anal_mass', 'anal_ulcer', 'abdominal_mass', 'weight_loss',
            'upper_abdo_pain', 'abdo_pain', 'reflux', 'dyspepsia', 'jaundice', 'rectal_bleeding', 'cibh',
            'bloody_diarrhoea', 'haematemesis', 'ascites', 'confusion', 'bloating']
READING_KEYS = ['upper_is_abdo', 'upper_is_dysp', 'dysp_is_pain', 'bd_is_rb', 'rb_loose_is_bd', 'a1_strict']


def all_readings():
    out = []
    for n in range(2 ** len(READING_KEYS)):
        out.append({k: bool(n >> i & 1) for i, k in enumerate(READING_KEYS)})
    return out


READINGS = all_readings()


def classify(f, rd):
    s = set(f['sym'])
    v = f['vals']
    age = f['age']
    has = s.__contains__
    abdo_pain = has('abdo_pain') or (rd['upper_is_abdo'] and has('upper_abdo_pain')) or \
        (rd['dysp_is_pain'] and has('dyspepsia'))
    dysp = has('dyspepsia') or (rd['upper_is_dysp'] and has('upper_abdo_pain'))
    rb = has('rectal_bleeding') or (rd['bd_is_rb'] and has('bloody_diarrhoea'))
    cibh = has('cibh') or (rd['bd_is_rb'] and has('bloody_diarrhoea'))
    bd = has('bloody_diarrhoea') or (rd['rb_loose_is_bd'] and has('rectal_bleeding') and
                                      has('cibh') and f.get('cibh_type') == 'loose')
    hb, fer, fit, cal, alt = v.get('hb'), v.get('ferritin'), v.get('fit'), v.get('calpro'), v.get('alt')
    anaemia = hb is not None and hb < (130 if f['sex'] == 'M' else 120)
    irondef = fer is not None and fer < 30
    ttg = bool(f.get('ttg_raised'))
    fatty = bool(f.get('fatty_liver_imaging'))
    cirr = bool(f.get('cirrhosis'))
    ibd = f.get('ibd') is not None
    ppi = f.get('ppi_weeks')
    trd = dysp and ppi is not None and ppi >= 4
    if has('dysphagia'):
        return 'U1'
    if has('rectal_mass') or has('anal_mass') or has('anal_ulcer'):
        return 'U2'
    if fit is not None and fit >= 10:
        return 'U3'
    if anaemia and irondef:
        return 'U4'
    if age >= 55 and has('weight_loss') and (has('upper_abdo_pain') or has('reflux') or dysp):
        return 'U5'
    if has('abdominal_mass'):
        return 'U6'
    if age >= 40 and has('jaundice'):
        return 'U7'
    if fit is None and ((age >= 50 and rb) or (age >= 40 and has('weight_loss') and abdo_pain) or
                        (age >= 60 and cibh)):
        return 'U8'
    if bd or (cal is not None and cal >= 250):
        return 'R1'
    if (cirr and (has('ascites') or has('confusion'))) or (alt is not None and alt >= 300):
        return 'R2'
    if has('haematemesis'):
        return 'R3'
    if age >= 55 and trd:
        return 'O1'
    if cal is not None and 100 <= cal <= 249:
        return 'O2'
    if ibd and f.get('ibd_stable') and f.get('mgmt_q'):
        return 'O3'
    if ttg:
        return 'O4'
    if (alt is not None and 40 <= alt <= 299) or fatty:
        return 'O5'
    a1_sym = abdo_pain or has('bloating') or cibh
    a1_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and a1_sym and a1_test:
        other = any(has(k) for k in ['dysphagia', 'rectal_mass', 'anal_mass', 'anal_ulcer', 'abdominal_mass',
                                     'weight_loss', 'upper_abdo_pain', 'reflux', 'dyspepsia', 'jaundice',
                                     'bloody_diarrhoea', 'haematemesis', 'ascites', 'confusion']) \
            or rb or dysp or anaemia or irondef or cirr or ibd or ttg or fatty \
            or (alt is not None and alt >= 40) or (cal is not None and cal >= 100)
        if not (rd['a1_strict'] and other):
            return 'A1'
    if (rb or cibh or abdo_pain) and fit is not None and fit < 10:
        return 'O6'
    if age < 55 and (dysp or has('reflux')):
        return 'A2'
    if f.get('fh_crc') and not s:
        return 'A3'
    return 'D'


def classify_all(f):
    """Set of rules over all readings and over both values of any unreadable answer."""
    variants = [f]
    for u in f.get('unreadable', []):
        nv = []
        for g in variants:
            for val in (True, False):
                h = dict(g)
                h['sym'] = set(g['sym'])
                if val:
                    h['sym'].add(u)
                else:
                    h['sym'].discard(u)
                nv.append(h)
        variants = nv
    return {classify(g, rd) for g in variants for rd in READINGS}


# --------------------------------------------------------------------------------------------
# Identity and dates
# --------------------------------------------------------------------------------------------
M_FIRST = ['James', 'David', 'Peter', 'Michael', 'Robert', 'Mohammed', 'Tariq', 'Gareth', 'Stephen', 'Paul',
           'Andrew', 'Kevin', 'Rajesh', 'Tomasz', 'Callum', 'Liam', 'Ian', 'Graham', 'Derek', 'Colin', 'Sanjay',
           'Emeka', 'Owen', 'Neil', 'Keith', 'Bernard', 'Dylan', 'Imran', 'Hamish', 'Ryan']
F_FIRST = ['Margaret', 'Susan', 'Aisha', 'Priya', 'Helen', 'Joanne', 'Claire', 'Fatima', 'Sarah', 'Linda',
           'Patricia', 'Agnieszka', 'Chloe', 'Emma', 'Grace', 'Jean', 'Doreen', 'Nicola', 'Rachel', 'Bethan',
           'Shabana', 'Yvonne', 'Amy', 'Kerry', 'Olivia', 'Maureen', 'Ngozi', 'Siobhan', 'Hannah', 'Irene']
SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
            'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Khan', 'Clarke',
            'Lewis', 'Harris', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Hughes',
            'Moore', 'Kowalski', 'Okafor', 'Begum', 'Murphy', 'Campbell', 'Stewart', 'MacLeod', 'Price', 'Ahmed',
            'Chowdhury', 'Nowak', 'Fletcher', 'Pearson', 'Lloyd', 'Baxter', 'Doyle', 'Singh', 'Rees', 'Barker']
DOCTORS = ['Dr A Mensah', 'Dr R Bhatt', 'Dr C Ellison', 'Dr H Quigley', 'Dr S Varma', 'Dr J Pryce',
           'Dr L Oduya', 'Dr M Fairweather', 'Dr K Tan', 'Dr F Lindqvist', 'Dr E Brennan', 'Dr P Ashworth',
           'Dr N Iqbal', 'Dr T Greaves', 'Dr D Kaur', 'Dr G Whitlock', 'Dr W Osei', 'Dr B Hargreaves']
PRACTICES = [('Millbrook Medical Centre', 'B81011', '14 Station Road, Millbrook'),
             ('The Old Forge Surgery', 'C82044', 'Forge Lane, Ashby Parva'),
             ('Riverside Health Practice', 'Y02733', 'Unit 3, Quayside, Northport'),
             ('Castle View Group Practice', 'M85017', '2 Castle Street, Kingsholme'),
             ('Hollins Park Surgery', 'P87620', '88 Hollins Road, Eastfield'),
             ('St Anne\'s Family Practice', 'L84009', 'St Anne\'s Walk, Westbury'),
             ('Greenhill Health Centre', 'J81052', 'Greenhill Avenue, Lower Tadcombe'),
             ('Abbey Mead Surgery', 'K83610', '1 Abbey Mead, Market Harcourt')]
HOSPITAL = 'Riverside University Hospitals NHS Trust'
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
          'November', 'December']
UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
         'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']


def words(n):
    if n < 20:
        return UNITS[n]
    t, u = divmod(n, 10)
    return TENS[t] + ('-' + UNITS[u] if u else '')


def nhs_number(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return ''.join(map(str, d)) + str(c)


def fmt_nhs(n):
    return '%s %s %s' % (n[:3], n[3:6], n[6:])


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def make_dates(rng, age, near_birthday=False):
    start = datetime.date(2024, 1, 8)
    letter = start + datetime.timedelta(days=rng.randint(0, 540))
    off = rng.randint(2, 20) if near_birthday else rng.randint(25, 340)
    b = letter - datetime.timedelta(days=off)
    day = min(b.day, 28) if b.month == 2 else b.day
    dob = datetime.date(b.year - age, b.month, day)
    assert age_on(dob, letter) == age, (dob, letter, age)
    return letter, dob


def d_uk(d, style=0):
    if style == 0:
        return d.strftime('%d/%m/%Y')
    if style == 1:
        return '%d %s %d' % (d.day, MONTHS[d.month - 1], d.year)
    if style == 2:
        return d.strftime('%d.%m.%y')
    return '%d %s %d' % (d.day, MONTHS[d.month - 1][:3], d.year)


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------
LAYOUT_RULES = {
    'ers_template_typed': 'U3 U4 U8 U7 R1 R2 O2 O3 O4 O5 O6 D A1 A2 A3',
    'lowergi_2ww_form_fax_scanned': 'U2 U3 U3 U4 U6 U8 U8 R1 O6 O6 A1 A1 D A3 U4',
    'uppergi_2ww_form_photocopy_scanned': 'U1 U1 U1 U5 U5 U5 R3 R3 O1 O1 A2 A2 D U4 U7',
    'soap_template_typed': 'U1 U5 U8 U3 R1 R3 O1 O2 O4 O5 O6 A1 A2 D A3',
    'gp_system_paste_typed': 'U4 U4 U3 U7 R2 R2 R1 O2 O3 O4 O5 O5 O6 D A1',
    'clinic_letter_copy_scanned': 'O3 O3 R1 R1 R2 R2 O5 O2 O4 D D U8 U1 U3 O6',
    'endoscopy_preassessment_twocol_scanned': 'U1 U1 U3 U4 R3 R3 D D O6 O1 A2 O5 R2 U7 O2',
    'gastro_proforma_twocol_scanned': 'U2 U3 U4 U6 U7 R1 R2 O2 O3 O4 O5 A1 A3 O6 D',
    'private_healthcheck_report_scanned': 'U4 U3 O5 O5 O4 A3 D O6 A1 R2 U7 O2 A2 O1 D',
    'redflag_headings_template_typed': 'U1 U5 U8 U2 U6 R1 R3 O1 O6 A1 A2 D O3 O5 U3',
    'gp_formal_letter_typed': 'U1 U4 U5 U7 R1 R3 O1 O3 O4 O5 O6 A1 A2 D A3',
    'gp_terse_typed': 'U3 U1 U8 R1 O2 O3 O5 O6 A1 A2 D U4 R3 O4 A3',
    'gp_lowercase_nopunct_typed': 'U3 U2 U8 R1 R3 O2 O3 O5 O6 A1 A2 D U6 O1 D',
    'gp_abbreviations_typed': 'U3 U4 U5 U8 R1 R2 O2 O3 O5 O6 A1 D U1 O4 A2',
    'gp_partner_third_person_typed': 'U1 U3 U6 R1 R3 O1 O3 O5 O6 A1 D A3 U2 O2 O4',
    'nhs111_summary_fax_scanned': 'R3 R3 U1 U7 R1 R1 U8 O6 A2 D U6 A1 R2 O5 U2',
    'walkin_nurse_fax_scanned': 'R1 R3 U2 U3 O6 A1 A2 D U5 O2 O5 O3 U4 D R1',
    'community_matron_photocopy_scanned': 'R2 R2 U7 U4 U5 U1 O5 D O6 O1 D O3 R3 U8 U6',
    'practice_pharmacist_review_typed': 'O3 O3 O3 R2 O5 O4 O1 A2 A2 U4 R1 O2 D O6 U3',
    'forces_medical_officer_scanned': 'U1 U3 U2 R1 R1 O2 O3 O4 A1 A1 A2 A3 O6 D U4',
}
LAYOUTS = list(LAYOUT_RULES)
SCANNED = [l for l in LAYOUTS if l.endswith('_scanned')]
FORMS = ['ers_template_typed', 'lowergi_2ww_form_fax_scanned', 'uppergi_2ww_form_photocopy_scanned',
         'soap_template_typed', 'gp_system_paste_typed', 'clinic_letter_copy_scanned',
         'endoscopy_preassessment_twocol_scanned', 'gastro_proforma_twocol_scanned',
         'private_healthcheck_report_scanned', 'redflag_headings_template_typed']
AGE_RANGE = {'forces_medical_officer_scanned': (18, 55), 'private_healthcheck_report_scanned': (30, 78),
             'community_matron_photocopy_scanned': (62, 95), 'walkin_nurse_fax_scanned': (18, 80)}
KNOWN_LAYOUT_P = {'clinic_letter_copy_scanned': 1.0, 'practice_pharmacist_review_typed': 0.9,
                  'community_matron_photocopy_scanned': 0.6, 'endoscopy_preassessment_twocol_scanned': 0.6,
                  'gp_system_paste_typed': 0.5}


def dur(rng, abbr=False):
    if abbr:
        return rng.choice(['3/52', '6/52', '2/12', '4/12', '8/52', '10/7', '3/12'])
    return rng.choice(['3 weeks', '6 weeks', 'two months', 'about four months', 'since the new year', '10 days',
                       '8 weeks', 'a couple of months', 'five weeks'])


class Sc(dict):
    pass


def base(rule, rng, lo, hi):
    sc = Sc(rule=rule, sym=set(), vals={}, dist=[], near=None, known=[], unreadable=[], emph=set(),
            cibh_type=None, ppi_weeks=None, ibd=None, ibd_stable=False, mgmt_q=None, cirrhosis=False,
            ttg_raised=False, ttg=None, fatty_liver_imaging=False, fh_crc=False, extras=[], hb_unit='gL',
            fit_disp=None, near_birthday=False, old=[], superseded=None, ibd_drug=None)
    sc['sex'] = rng.choice('MF')
    sc['age'] = rng.randint(lo, hi)
    return sc


def clamp_age(sc, lo, hi, rng):
    if not (lo <= sc['age'] <= hi):
        sc['age'] = rng.randint(lo, hi)


def fit_low(sc, rng, near=False):
    if near:
        sc['vals']['fit'] = 9
        sc['fit_disp'] = '9'
        return
    c = rng.choice(['<4', 'n', 'neg', 'undet', '<10', 'n'])
    if c == '<4':
        sc['vals']['fit'], sc['fit_disp'] = 3.9, '<4'
    elif c == 'neg':
        sc['vals']['fit'], sc['fit_disp'] = 0, 'negative'
    elif c == 'undet':
        sc['vals']['fit'], sc['fit_disp'] = 0, 'undetectable'
    elif c == '<10':
        sc['vals']['fit'], sc['fit_disp'] = 9.9, '<10'
    else:
        n = rng.randint(0, 7)
        sc['vals']['fit'], sc['fit_disp'] = n, str(n)


def set_fit(sc, n):
    sc['vals']['fit'] = n
    sc['fit_disp'] = str(n)


IBD_Q = ['can {he} now stop {drug}?', 'is it safe for {him} to have the shingles vaccine while on {drug}?',
         'should {he} continue {drug} while trying for a baby?',
         'how often does {his} {drug} blood monitoring need doing now that {he} is stable?',
         'does {he} need a DEXA scan after the steroid courses {he} had in the past?',
         'is {he} due surveillance colonoscopy and, if so, when?',
         'can the {drug} dose be reduced now?']
IBD_DRUGS = {'UC': ['mesalazine 2.4 g daily', 'mesalazine (Octasa) 1.6 g bd', 'azathioprine 100 mg'],
             'Crohn\'s': ['azathioprine 125 mg daily', 'mercaptopurine 50 mg', 'adalimumab (fortnightly)']}


def ibd_q(sc, rng):
    qs = IBD_Q if 'mesalazine' not in sc['ibd_drug'] else [q for q in IBD_Q if 'vaccine' not in q and 'monitoring' not in q]
    return rng.choice(qs)


def add_known(sc, key, rng, **kw):
    sc['known'].append(dict(key=key, yr=kw.get('yr', rng.randint(2008, 2022)), **{k: v for k, v in kw.items()
                                                                                   if k != 'yr'}))
    sc['emph'].add('known_patient')


def make_ibd(sc, rng, stable=True):
    t = rng.choice(['UC', 'Crohn\'s'])
    sc['ibd'] = t
    sc['ibd_drug'] = rng.choice(IBD_DRUGS[t])
    sc['ibd_stable'] = stable
    add_known(sc, 'ibd', rng)


def build(rule, layout, idx):
    lo, hi = AGE_RANGE.get(layout, (18, 95))
    for attempt in range(400):
        rng = R('scenario', layout, idx, attempt)
        sc = build_once(rule, layout, idx, rng, lo, hi)
        if sc is None:
            continue
        if not (lo <= sc['age'] <= hi and 18 <= sc['age'] <= 95):
            continue
        add_distractors(sc, rng, layout)
        res = classify_all(sc)
        if res == {rule}:
            sc['attempt'] = attempt
            return sc
    raise RuntimeError('cannot build %s %s %s' % (rule, layout, idx))


def known_p(layout):
    return KNOWN_LAYOUT_P.get(layout, 0.3)


def build_once(rule, layout, idx, rng, lo, hi):
    sc = base(rule, rng, lo, hi)
    kp = known_p(layout)
    near = rng.random() < 0.3
    v = sc['vals']
    if rule == 'U1':
        sc['sym'].add('dysphagia')
        clamp_age(sc, 25, 92, rng)
        if rng.random() < 0.35:
            sc['sym'].add('reflux')
        if rng.random() < 0.3:
            sc['sym'].add('weight_loss')
        if rng.random() < kp:
            add_known(sc, rng.choice(['barretts', 'prev_normal_ogd', 'barretts']), rng)
    elif rule == 'U2':
        sc['sym'].add(rng.choice(['rectal_mass', 'rectal_mass', 'anal_mass', 'anal_ulcer']))
        clamp_age(sc, 30, 90, rng)
        if rng.random() < 0.6:
            sc['sym'].add('rectal_bleeding')
        if rng.random() < 0.35:
            fit_low(sc, rng)
            sc['near'] = 'FIT below 10 but a rectal/anal finding (U2 precedes FIT rules)'
        if rng.random() < kp:
            add_known(sc, rng.choice(['polyps', 'prev_normal_colonoscopy']), rng)
    elif rule == 'U3':
        clamp_age(sc, 22, 90, rng)
        if near:
            set_fit(sc, rng.choice([10, 10, 11, 12]))
            sc['near'] = 'FIT at/just above 10'
        else:
            set_fit(sc, rng.choice([14, 23, 38, 52, 86, 150, 212, 400]))
        for k in rng.sample(['cibh', 'abdo_pain', 'rectal_bleeding', 'bloating'], rng.randint(1, 2)):
            sc['sym'].add(k)
        sc['cibh_type'] = rng.choice(['loose', 'constipation', 'alternating'])
        if 'rectal_bleeding' in sc['sym']:
            sc['cibh_type'] = 'constipation'
        if rng.random() < kp:
            add_known(sc, rng.choice(['polyps', 'prev_normal_colonoscopy', 'past_crc', 'ibs']), rng)
    elif rule == 'U4':
        clamp_age(sc, 18, 90, rng)
        thr = 130 if sc['sex'] == 'M' else 120
        if near:
            c = rng.choice(['hb', 'fer', 'dl'])
            if c == 'hb':
                v['hb'] = thr - 1
                v['ferritin'] = rng.randint(4, 20)
                sc['near'] = 'Hb one below the sex threshold'
            elif c == 'fer':
                v['hb'] = thr - rng.randint(8, 25)
                v['ferritin'] = 29
                sc['near'] = 'ferritin 29 (just under 30)'
            else:
                v['hb'] = thr - 1
                sc['hb_unit'] = 'dL'
                v['ferritin'] = rng.randint(5, 18)
                sc['near'] = 'Hb in g/dL one decilitre-step below threshold'
        else:
            v['hb'] = rng.randint(70, thr - 10)
            v['ferritin'] = rng.randint(3, 24)
            sc['hb_unit'] = rng.choice(['gL', 'gL', 'dL'])
        if rng.random() < 0.3:
            sc['extras'].append('fatigue')
        if rng.random() < kp:
            add_known(sc, rng.choice(['coeliac', 'prev_normal_ogd', 'prev_normal_colonoscopy']), rng)
    elif rule == 'U5':
        lo5 = max(55, lo)
        if near:
            sc['age'] = 55
            sc['near_birthday'] = rng.random() < 0.5
            sc['near'] = 'age exactly 55'
        else:
            clamp_age(sc, lo5, 90, rng)
        sc['sym'].add('weight_loss')
        sc['sym'].add(rng.choice(['upper_abdo_pain', 'reflux', 'dyspepsia']))
    elif rule == 'U6':
        clamp_age(sc, 25, 92, rng)
        sc['sym'].add('abdominal_mass')
        if rng.random() < 0.4:
            fit_low(sc, rng)
            sc['near'] = 'FIT below 10 with an abdominal mass'
    elif rule == 'U7':
        if near:
            sc['age'] = 40
            sc['near_birthday'] = rng.random() < 0.5
            sc['near'] = 'age exactly 40 with jaundice'
        else:
            clamp_age(sc, 41, 92, rng)
        sc['sym'].add('jaundice')
        if rng.random() < 0.5:
            v['alt'] = rng.choice([62, 140, 210, 350, 480])
        if rng.random() < kp:
            add_known(sc, rng.choice(['nafld_known', 'gallstones']), rng)
    elif rule == 'U8':
        var = rng.choice(['rb', 'wlp', 'cibh'])
        if var == 'rb':
            sc['sym'].add('rectal_bleeding')
            if near:
                sc['age'] = 50
                sc['near_birthday'] = rng.random() < 0.5
                sc['near'] = 'age exactly 50 with rectal bleeding, no FIT'
            else:
                clamp_age(sc, 51, 92, rng)
        elif var == 'wlp':
            sc['sym'].update(['weight_loss', 'abdo_pain'])
            if near:
                sc['age'] = 40
                sc['near_birthday'] = rng.random() < 0.5
                sc['near'] = 'age exactly 40 with weight loss and abdominal pain, no FIT'
            else:
                clamp_age(sc, 41, 54, rng)
        else:
            sc['sym'].add('cibh')
            sc['cibh_type'] = rng.choice(['loose', 'constipation', 'alternating'])
            if near:
                sc['age'] = 60
                sc['near_birthday'] = rng.random() < 0.5
                sc['near'] = 'age exactly 60 with change in bowel habit, no FIT'
            else:
                clamp_age(sc, 61, 92, rng)
        if rng.random() < max(kp, 0.4):
            add_known(sc, rng.choice(['polyps', 'prev_normal_colonoscopy', 'past_crc']), rng)
    elif rule == 'R1':
        if rng.random() < 0.5:
            sc['sym'].add('bloody_diarrhoea')
            if sc['age'] >= 50:
                fit_low(sc, rng)
        else:
            clamp_age(sc, 18, 59, rng)
            if near:
                v['calpro'] = rng.choice([250, 252, 260])
                sc['near'] = 'calprotectin at/just above 250'
            else:
                v['calpro'] = rng.choice([310, 480, 640, 900, 1250, 1800])
            sc['sym'].add(rng.choice(['cibh', 'abdo_pain']))
            sc['cibh_type'] = 'loose'
        if rng.random() < max(kp, 0.45):
            make_ibd(sc, rng, stable=False)
    elif rule == 'R2':
        if rng.random() < 0.5:
            sc['cirrhosis'] = True
            add_known(sc, 'cirrhosis', rng, cause=rng.choice(['alcohol-related', 'NAFLD', 'hepatitis C']))
            sc['sym'].add(rng.choice(['ascites', 'confusion', 'ascites']))
            clamp_age(sc, 38, 85, rng)
            if rng.random() < 0.5:
                v['alt'] = rng.choice([34, 48, 66, 90])
        else:
            if near:
                v['alt'] = rng.choice([300, 300, 305, 310])
                sc['near'] = 'ALT at/just above 300'
            else:
                v['alt'] = rng.choice([340, 420, 512, 780, 1100])
            if rng.random() < 0.4:
                make_ibd(sc, rng, stable=True)
                sc['ibd_drug'] = rng.choice(['azathioprine 125 mg daily', 'mercaptopurine 75 mg daily'])
                sc['mgmt_q'] = 'should the {drug} be stopped?'
                sc['emph'].add('question_letter')
    elif rule == 'R3':
        sc['sym'].add('haematemesis')
        clamp_age(sc, 18, 85, rng)
        if rng.random() < 0.4 and sc['age'] < 55:
            sc['sym'].add('dyspepsia')
        if rng.random() < kp:
            add_known(sc, rng.choice(['prev_normal_ogd', 'barretts']), rng)
    elif rule == 'O1':
        if near:
            if rng.random() < 0.5:
                sc['age'] = 55
                sc['near_birthday'] = rng.random() < 0.5
                sc['ppi_weeks'] = rng.choice([6, 8, 12])
                sc['near'] = 'age exactly 55, PPI >= 4 weeks'
            else:
                clamp_age(sc, max(56, lo), 88, rng)
                sc['ppi_weeks'] = 4
                sc['near'] = 'PPI exactly 4 weeks'
        else:
            clamp_age(sc, max(56, lo), 88, rng)
            sc['ppi_weeks'] = rng.choice([6, 8, 10, 12, 16])
        sc['sym'].add('dyspepsia')
        if rng.random() < kp:
            add_known(sc, rng.choice(['prev_normal_ogd', 'hpylori_treated']), rng)
    elif rule == 'O2':
        if near:
            v['calpro'] = rng.choice([100, 102, 245, 249])
            sc['near'] = 'calprotectin at an O2 edge (100 or 249)'
        else:
            v['calpro'] = rng.choice([120, 138, 164, 188, 210, 232])
        if rng.random() < max(kp, 0.35):
            make_ibd(sc, rng, stable=True)
            if rng.random() < 0.6:
                sc['mgmt_q'] = ibd_q(sc, rng)
                sc['emph'].add('question_letter')
        else:
            sc['sym'].add(rng.choice(['cibh', 'abdo_pain', 'bloating']))
            sc['cibh_type'] = 'loose'
            if sc['age'] >= 60 and 'cibh' in sc['sym']:
                fit_low(sc, rng)
    elif rule == 'O3':
        clamp_age(sc, 18, 82, rng)
        make_ibd(sc, rng, stable=True)
        sc['mgmt_q'] = ibd_q(sc, rng)
        sc['emph'].add('question_letter')
        if near:
            v['calpro'] = rng.choice([95, 98, 99])
            sc['near'] = 'calprotectin just under 100'
        elif rng.random() < 0.4:
            v['calpro'] = rng.choice([18, 32, 45, 60])
    elif rule == 'O4':
        sc['ttg_raised'] = True
        sc['ttg'] = rng.choice([14, 23, 48, 96, '>128'])
        clamp_age(sc, 18, 75, rng)
        if rng.random() < 0.4:
            add_known(sc, 'coeliac', rng)
            sc['emph'].add('known_patient')
        else:
            sc['sym'].add(rng.choice(['bloating', 'cibh']))
            sc['cibh_type'] = 'loose'
            if sc['age'] >= 60:
                fit_low(sc, rng)
    elif rule == 'O5':
        c = rng.random()
        if near:
            v['alt'] = rng.choice([40, 41, 295, 299])
            sc['near'] = 'ALT at an O5 edge (40 or 299)'
        elif c < 0.6:
            v['alt'] = rng.choice([48, 56, 72, 96, 124, 188, 240])
        else:
            sc['fatty_liver_imaging'] = True
            if rng.random() < 0.5:
                v['alt'] = rng.choice([22, 31, 35])
        if rng.random() < kp:
            if rng.random() < 0.5 and 'alt' in v:
                sc['cirrhosis'] = True
                add_known(sc, 'cirrhosis', rng, cause=rng.choice(['alcohol-related', 'NAFLD']))
            else:
                add_known(sc, 'nafld_known', rng)
    elif rule == 'A1':
        hi1 = min(hi, 49)
        clamp_age(sc, 18, hi1, rng)
        sc['sym'].add(rng.choice(['abdo_pain', 'bloating', 'cibh']))
        if rng.random() < 0.4:
            sc['sym'].add(rng.choice(['abdo_pain', 'bloating', 'cibh']))
        sc['cibh_type'] = rng.choice(['loose', 'alternating', 'constipation'])
        if near:
            c = rng.choice(['age', 'cal', 'fit'])
            if c == 'age':
                sc['age'] = 49
                sc['near_birthday'] = rng.random() < 0.5
                sc['near'] = 'age 49 (A1 needs under 50)'
                fit_low(sc, rng)
            elif c == 'cal':
                v['calpro'] = rng.choice([96, 99])
                sc['near'] = 'calprotectin just under 100'
            else:
                fit_low(sc, rng, near=True)
                sc['near'] = 'FIT 9 (just under 10)'
        else:
            if rng.random() < 0.5:
                v['calpro'] = rng.choice([12, 24, 38, 55, 70, 82])
            else:
                fit_low(sc, rng)
    elif rule == 'O6':
        var = rng.choice(['old', 'old', 'young_rb'])
        if var == 'old':
            sc['sym'].update(rng.sample(['rectal_bleeding', 'cibh', 'abdo_pain'], rng.randint(1, 2)))
            sc['cibh_type'] = 'constipation' if 'rectal_bleeding' in sc['sym'] else rng.choice(['loose', 'alternating'])
            if near:
                c = rng.choice(['fit9', 'age50', 'age60'])
                if c == 'fit9':
                    clamp_age(sc, 50, 88, rng)
                    fit_low(sc, rng, near=True)
                    sc['near'] = 'FIT 9 (just under 10)'
                elif c == 'age50':
                    sc['age'] = 50
                    sc['near_birthday'] = rng.random() < 0.5
                    sc['sym'].add('cibh')
                    fit_low(sc, rng)
                    sc['near'] = 'age exactly 50 (A1 needs under 50)'
                else:
                    sc['age'] = 60
                    sc['sym'].add('cibh')
                    sc['sym'].discard('rectal_bleeding')
                    sc['cibh_type'] = rng.choice(['loose', 'alternating'])
                    fit_low(sc, rng)
                    sc['near'] = 'age 60 with CIBH but FIT reported below 10'
            else:
                clamp_age(sc, 50, 90, rng)
                fit_low(sc, rng)
        else:
            clamp_age(sc, 18, 49, rng)
            sc['sym'].add('rectal_bleeding')
            fit_low(sc, rng)
        if rng.random() < kp:
            add_known(sc, rng.choice(['polyps', 'prev_normal_colonoscopy', 'past_crc', 'haemorrhoids']), rng)
    elif rule == 'A2':
        hi2 = min(hi, 54)
        clamp_age(sc, 18, hi2, rng)
        sc['sym'].add(rng.choice(['dyspepsia', 'reflux', 'reflux']))
        if near:
            if rng.random() < 0.5:
                sc['age'] = 54
                sc['near'] = 'age 54 (A2 needs under 55)'
            else:
                sc['sym'].add('dyspepsia')
                sc['ppi_weeks'] = rng.choice([4, 8])
                sc['near'] = 'treatment-resistant dyspepsia but under 55'
        elif 'dyspepsia' in sc['sym'] and rng.random() < 0.5:
            sc['ppi_weeks'] = rng.choice([2, 6, 8])
        if rng.random() < kp * 0.6:
            add_known(sc, rng.choice(['prev_normal_ogd', 'hpylori_treated']), rng)
    elif rule == 'A3':
        clamp_age(sc, 25, 75, rng)
        sc['fh_crc'] = True
        sc['fh'] = rng.choice([('father', rng.randint(42, 68)), ('mother', rng.randint(45, 70)),
                               ('brother', rng.randint(38, 55)), ('sister', rng.randint(40, 58)),
                               ('father and paternal uncle', None)])
    elif rule == 'D':
        var = rng.choice(['rb49', 'cibh59', 'wlp39', 'ppi3', 'iron_no_anaemia', 'alt39', 'barretts', 'polyps',
                          'coeliac_ok', 'gilbert', 'nausea', 'anaemia_no_id', 'diarrhoea_55'])
        sc['dvar'] = var
        if var == 'rb49':
            sc['age'] = 49
            sc['near_birthday'] = rng.random() < 0.5
            sc['sym'].add('rectal_bleeding')
            sc['near'] = 'age 49 with rectal bleeding, no FIT (U8 needs 50)'
        elif var == 'cibh59':
            sc['age'] = 59
            sc['near_birthday'] = rng.random() < 0.5
            sc['sym'].add('cibh')
            sc['cibh_type'] = rng.choice(['loose', 'constipation'])
            sc['near'] = 'age 59 with CIBH, no FIT (U8 needs 60)'
        elif var == 'wlp39':
            sc['age'] = 39
            sc['near_birthday'] = rng.random() < 0.5
            sc['sym'].update(['weight_loss', 'abdo_pain'])
            sc['near'] = 'age 39 with weight loss and pain, no FIT (U8 needs 40)'
        elif var == 'ppi3':
            clamp_age(sc, 56, 85, rng)
            sc['sym'].add('dyspepsia')
            sc['ppi_weeks'] = rng.choice([2, 3])
            sc['near'] = 'PPI under 4 weeks at 55+'
        elif var == 'iron_no_anaemia':
            v['hb'] = 130 if sc['sex'] == 'M' else 120
            v['ferritin'] = rng.randint(6, 20)
            sc['near'] = 'Hb exactly at the threshold (not anaemic) with low ferritin'
            sc['extras'].append('fatigue')
        elif var == 'alt39':
            v['alt'] = rng.choice([38, 39])
            sc['near'] = 'ALT just under 40'
            sc['extras'].append('ggt')
        elif var == 'barretts':
            clamp_age(sc, 45, 85, rng)
            add_known(sc, 'barretts', rng)
            sc['question'] = 'surveillance'
            sc['emph'].add('question_letter')
        elif var == 'polyps':
            clamp_age(sc, 50, 85, rng)
            add_known(sc, 'polyps', rng)
            sc['question'] = 'polyp_surveillance'
            sc['emph'].add('question_letter')
        elif var == 'coeliac_ok':
            clamp_age(sc, 20, 75, rng)
            add_known(sc, 'coeliac', rng)
            sc['ttg'] = rng.choice(['<1', '2', '3'])
            sc['question'] = 'coeliac_followup'
            sc['emph'].add('question_letter')
        elif var == 'gilbert':
            sc['age'] = rng.choice([39, 36, 33])
            sc['sym'].add('jaundice')
            sc['near'] = 'jaundice under 40' if sc['age'] == 39 else None
            v['alt'] = rng.choice([18, 24, 30])
        elif var == 'nausea':
            sc['extras'].append('nausea')
        elif var == 'anaemia_no_id':
            v['hb'] = (124 if sc['sex'] == 'M' else 112)
            v['ferritin'] = rng.choice([30, 31, 64])
            sc['near'] = 'ferritin at 30 (not iron deficient)' if v['ferritin'] < 35 else None
            sc['extras'].append('fatigue')
        elif var == 'diarrhoea_55':
            sc['age'] = rng.randint(50, 59)
            sc['sym'].add('cibh')
            sc['cibh_type'] = 'loose'
            v['calpro'] = rng.choice([42, 60, 85])
            sc['near'] = 'age 50-59, calprotectin under 100 but no FIT (A1 needs under 50)'
    # random multi-problem context
    if rng.random() < 0.25:
        sc['extras'].append(rng.choice(['diabetes', 'hypertension', 'knee', 'mood', 'asthma', 'bp_meds']))
        sc['emph'].add('multi_problem')
    if sc['sex'] == 'M' and sc.get('fh') is None:
        pass
    return sc


# --------------------------------------------------------------------------------------------
# Distractors
# --------------------------------------------------------------------------------------------
def add_distractors(sc, rng, layout):
    n = rng.choice([1, 2, 2, 3, 3, 4])
    s = sc['sym']
    cands = []
    for fct in ['dysphagia', 'weight_loss', 'rectal_bleeding', 'haematemesis', 'jaundice', 'abdominal_mass',
                'rectal_mass', 'cibh', 'ascites', 'abdo_pain']:
        if fct in s:
            continue
        if fct == 'ascites' and not sc['cirrhosis']:
            continue
        if fct == 'rectal_mass' and ('anal_mass' in s or 'anal_ulcer' in s):
            continue
        if fct in ('abdo_pain',) and (s & {'upper_abdo_pain', 'dyspepsia', 'reflux'}):
            continue
        if fct in ('cibh', 'rectal_bleeding') and 'bloody_diarrhoea' in s:
            continue
        cands.append(('negated', fct))
    if s:
        cands.append(('family_history', 'fh_crc'))
        cands.append(('other_person', 'relative_symptom'))
    cands.append(('family_history', 'other_cancer'))
    for fct in ['rectal_bleeding', 'haematemesis', 'dysphagia', 'jaundice']:
        if fct not in s and not (fct == 'rectal_bleeding' and 'bloody_diarrhoea' in s):
            cands.append(('resolved_past', fct))
    for fct in ['dysphagia', 'rectal_bleeding', 'weight_loss', 'jaundice']:
        if fct not in s:
            cands.append(('hypothetical', fct))
    if 'weight_loss' not in s:
        cands.append(('reported_refuted', 'weight_loss'))
    if sc['rule'] != 'A1':
        for k in ['hb', 'ferritin', 'alt']:
            if k not in sc['vals']:
                cands.append(('normal_value', k))
        if 'hb' not in sc['vals'] and sc['rule'] not in ('U4',) and rng.random() < 0.25:
            cands.append(('superseded_value', 'hb'))
    rng.shuffle(cands)
    used = set()
    for kind, fct in cands:
        if len(sc['dist']) >= n:
            break
        if fct in used:
            continue
        trial = json.loads(json.dumps({'v': sc['vals']}))['v']
        if kind == 'normal_value':
            if fct == 'hb':
                trial['hb'] = rng.randint(136, 158) if sc['sex'] == 'M' else rng.randint(124, 146)
            elif fct == 'ferritin':
                trial['ferritin'] = rng.choice([45, 62, 88, 140, 210])
            elif fct == 'alt':
                trial['alt'] = rng.choice([14, 19, 23, 27, 33])
        if kind == 'superseded_value':
            old = rng.randint(92, 112) if sc['sex'] == 'M' else rng.randint(88, 108)
            trial['hb'] = rng.randint(134, 150) if sc['sex'] == 'M' else rng.randint(124, 140)
        t2 = dict(sc)
        t2['vals'] = trial
        if classify_all(t2) != {sc['rule']}:
            continue
        sc['vals'] = trial
        d = {'kind': kind, 'fact': fct}
        if kind == 'superseded_value':
            d['old'] = old
            sc['superseded'] = old
        if kind in ('normal_value',):
            d['value'] = trial[fct]
        sc['dist'].append(d)
        used.add(fct)
    # old dated results for copied clinic letters
    if layout == 'clinic_letter_copy_scanned' or ('known_patient' in sc['emph'] and rng.random() < 0.35):
        sc['emph'].add('copied_or_old_findings')
        ks = [k['key'] for k in sc['known']]
        olds = []
        if 'ibd' in ks:
            olds.append(('calpro_at_diagnosis', None))
        if 'cirrhosis' in ks or 'nafld_known' in ks:
            olds.append(('old_us', None))
        if 'polyps' in ks or 'past_crc' in ks or 'prev_normal_colonoscopy' in ks:
            olds.append(('old_colonoscopy', None))
        if 'barretts' in ks or 'prev_normal_ogd' in ks or 'hpylori_treated' in ks:
            olds.append(('old_ogd', None))
        if 'coeliac' in ks:
            olds.append(('old_ttg', None))
        if not olds:
            olds.append(('old_clinic_ibs', None))
        for o, _ in olds[:2]:
            sc['old'].append(o)
            sc['dist'].append({'kind': 'old_result', 'fact': o})


# --------------------------------------------------------------------------------------------
# Wording: every fact and distractor becomes an "item" (a clause) that a layout places
# --------------------------------------------------------------------------------------------
def pron(sc, third=False):
    if third:
        return dict(he='the patient', He='The patient', his="the patient's", His="The patient's",
                    him='the patient', she='the patient', her="the patient's")
    if sc['sex'] == 'M':
        return dict(he='he', He='He', his='his', His='His', him='him')
    return dict(he='she', He='She', his='her', His='Her', him='her')


def F(t, P, **kw):
    d = dict(P)
    d.update(kw)
    return t.format(**d)


def pick(rng, bank, reg):
    opts = bank.get(reg) or bank['prose']
    return rng.choice(opts)


POS = {
    'dysphagia': {'prose': ['difficulty swallowing solid food for {dur}', 'progressive dysphagia to solids over {dur}',
                            'a sensation of food sticking behind the breastbone when {he} swallows, for {dur}',
                            'new dysphagia over {dur} - meat and bread stick on the way down'],
                  'abbr': ['dysphagia to solids {dura}', 'dysphagia (solids > fluids) x {dura}'],
                  'lay': ['food getting stuck when {he} swallows, going on {dur}',
                          'trouble swallowing - food sticks in {his} chest - for {dur}']},
    'rectal_mass': {'prose': ['a firm irregular mass on rectal examination, about 6 cm from the anal verge',
                              'a palpable rectal mass on PR examination'],
                    'abbr': ['PR: hard rectal mass ~6cm', 'PR - craggy rectal mass'],
                    'lay': ['a hard lump felt inside the back passage on examination (rectal mass)']},
    'anal_mass': {'prose': ['a firm mass at the anal margin on examination, not a haemorrhoid',
                            'an anal mass (hard, fixed) on inspection'],
                  'abbr': ['firm anal mass at 3 o\'clock'], 'lay': ['a hard lump at the anus which is an anal mass, not a pile']},
    'anal_ulcer': {'prose': ['an unexplained ulcer at the anal margin, not typical of a fissure'],
                   'abbr': ['unexplained anal ulceration'],
                   'lay': ['a sore (ulcer) at the anus that has no obvious cause and is not a fissure']},
    'abdominal_mass': {'prose': ['a palpable mass in the right iliac fossa', 'a firm mass in the left side of the abdomen',
                                 'a palpable abdominal mass, about 5 cm, in the epigastrium'],
                       'abbr': ['abdo mass RIF', 'palpable mass L abdo'],
                       'lay': ['a lump in the right side of the tummy which I can feel on examination (abdominal mass)']},
    'weight_loss': {'prose': ['unintentional weight loss of {kg} kg over {dur}', 'weight loss of {kg} kg without trying',
                              'unexplained weight loss ({kg} kg since {mon})'],
                    'abbr': ['unintentional wt loss {kg}kg', 'wt loss {kg}kg/{dura} (not trying)'],
                    'lay': ['weight loss of {kg} kg without trying - clothes are loose']},
    'upper_abdo_pain': {'prose': ['epigastric pain', 'upper abdominal pain', 'pain in the upper abdomen'],
                        'abbr': ['epigastric pain'], 'lay': ['pain in the upper tummy (epigastric)']},
    'abdo_pain': {'prose': ['lower abdominal pain', 'crampy abdominal pain', 'left-sided lower abdominal pain',
                            'intermittent abdominal pain'],
                  'abbr': ['abdo pain', 'LIF pain', 'lower abdo pain'], 'lay': ['tummy pain, low down']},
    'reflux': {'prose': ['heartburn and acid reflux', 'reflux symptoms, mainly heartburn'],
               'abbr': ['GORD sx', 'reflux/heartburn'], 'lay': ['heartburn and acid coming up']},
    'dyspepsia': {'prose': ['dyspepsia', 'indigestion'], 'abbr': ['dyspepsia'], 'lay': ['indigestion']},
    'jaundice': {'prose': ['jaundice, with yellow sclerae on examination', 'painless jaundice'],
                 'abbr': ['jaundiced', 'jaundice (yellow sclerae)'],
                 'lay': ['yellow skin and eyes - clearly jaundiced when I saw {him}']},
    'rectal_bleeding': {'prose': ['rectal bleeding', 'bright red rectal bleeding', 'fresh blood from the back passage'],
                        'abbr': ['PR bleeding', 'PR bleed'], 'lay': ['blood from the back passage on the paper and in the pan']},
    'cibh': {'prose': ['a change in bowel habit {ct} for {dur}'], 'abbr': ['CIBH ({cta}) {dura}'],
             'lay': ['a change in {his} bowels {ct} over {dur}']},
    'bloody_diarrhoea': {'prose': ['bloody diarrhoea up to {n} times a day for {dur}', 'diarrhoea with blood mixed in, {n} times a day'],
                         'abbr': ['bloody diarrhoea {n}x/day'], 'lay': ['diarrhoea with blood in it, {n} times a day']},
    'haematemesis': {'prose': ['an episode of haematemesis {when}', 'a small vomit of fresh blood {when}'],
                     'abbr': ['haematemesis x1 {when}'], 'lay': ['bringing up some fresh blood when vomiting {when}']},
    'ascites': {'prose': ['new ascites, with a distended abdomen and shifting dullness'], 'abbr': ['new ascites'],
                'lay': ['swollen tummy with fluid (ascites), which is new']},
    'confusion': {'prose': ['new confusion over the last few days'], 'abbr': ['new confusion'],
                  'lay': ['new confusion - muddled this week']},
    'bloating': {'prose': ['bloating', 'abdominal bloating after meals'], 'abbr': ['bloating'], 'lay': ['bloating']},
}
CT = {'loose': ('to looser, more frequent stools', 'loose'), 'constipation': ('towards constipation', 'constipated'),
      'alternating': ('alternating between loose and hard', 'alternating')}
NEG = {
    'dysphagia': ['no dysphagia', 'no difficulty swallowing', 'swallowing is normal'],
    'weight_loss': ['no weight loss', 'weight stable', 'denies weight loss'],
    'rectal_bleeding': ['no rectal bleeding', 'no PR bleeding', 'no blood in the stool'],
    'haematemesis': ['no haematemesis or melaena', 'no vomiting of blood'],
    'jaundice': ['no jaundice', 'not jaundiced'],
    'abdominal_mass': ['abdomen soft with no masses', 'no palpable abdominal mass'],
    'rectal_mass': ['PR examination normal, no masses', 'no rectal mass on PR'],
    'cibh': ['no change in bowel habit', 'bowels unchanged'],
    'ascites': ['no ascites'],
    'abdo_pain': ['no abdominal pain'],
}
RESOLVED = {
    'rectal_bleeding': ['rectal bleeding in {y1} from a fissure, which healed; none since',
                        'a bout of PR bleeding in {y1} (haemorrhoids, banded), none since'],
    'haematemesis': ['a Mallory-Weiss tear with haematemesis in {y1}, none since',
                     'haematemesis from a duodenal ulcer in {y1}, healed on repeat OGD, none since'],
    'dysphagia': ['a food bolus obstruction in {y1} with a normal OGD afterwards; no swallowing problems since',
                  'difficulty swallowing in {y1} during a bout of oral thrush, which settled; swallowing normal since'],
    'jaundice': ['hepatitis A with jaundice as a student, fully recovered',
                 'jaundice in {y1} from a gallstone in the bile duct, cleared at ERCP, none since'],
}
HYPO = {
    'dysphagia': ['if {he} develops any difficulty swallowing {he} will come straight back',
                  'advised to return should swallowing become difficult'],
    'rectal_bleeding': ['advised to return if {he} notices any rectal bleeding'],
    'weight_loss': ['told to re-present if {he} starts losing weight'],
    'jaundice': ['should {he} become jaundiced I have asked {him} to seek same-day review'],
}
RELS = ['father', 'mother', 'brother', 'sister', 'uncle', 'aunt']


def item(fact, role, kind, section, text, **kw):
    d = dict(fact=fact, role=role, kind=kind, section=section, text=text)
    d.update(kw)
    return d


def val_text(sc, key, rng, reg):
    v = sc['vals'][key]
    if key == 'hb':
        if sc['hb_unit'] == 'dL':
            x = '%.1f' % (v / 10.0)
            return rng.choice(['Hb %s g/dL' % x, 'haemoglobin %s g/dl' % x, 'Hb %s g/dL' % x])
        return rng.choice(['Hb %d g/L' % v, 'Hb %d' % v, 'haemoglobin %d g/L' % v])
    if key == 'ferritin':
        return rng.choice(['ferritin %d ug/L' % v, 'ferritin %d' % v, 'ferritin %d microgram/L' % v])
    if key == 'fit':
        dsp = sc['fit_disp']
        if v >= 10:
            return rng.choice(['FIT %s ug/g' % dsp, 'qFIT positive at %s' % dsp, 'FIT %s ug Hb/g' % dsp,
                               'FIT: %s' % dsp, 'FIT %s' % dsp])
        if dsp in ('negative', 'undetectable'):
            return rng.choice(['FIT %s' % dsp, 'FIT came back %s' % dsp])
        if dsp.startswith('<'):
            return rng.choice(['FIT %s' % dsp, 'FIT: %s' % dsp, 'qFIT %s ug/g' % dsp])
        return rng.choice(['FIT %s ug/g' % dsp, 'FIT %s' % dsp, 'FIT of %s' % dsp])
    if key == 'calpro':
        return rng.choice(['faecal calprotectin %d ug/g' % v, 'FCP %d' % v, 'calprotectin %d' % v,
                           'faecal calprotectin %d' % v])
    if key == 'alt':
        if 110 <= v <= 130 and rng.random() < 0.6:
            return 'ALT 3x ULN (%d)' % v
        return rng.choice(['ALT %d U/L' % v, 'ALT %d' % v, 'ALT %d iu/L' % v])
    raise KeyError(key)


def plan_items(sc, reg, rng, P):
    its = []
    s = sc['sym']
    yr = sc['letter'].year
    P = dict(P)
    P['dur'] = dur(rng)
    P['dura'] = dur(rng, True) if reg == 'abbr' else P['dur']
    for k in SYMPTOMS:
        if k not in s:
            continue
        t = pick(rng, POS[k], reg)
        kw = dict(dur=dur(rng), dura=dur(rng, reg == 'abbr'), kg=rng.choice([4, 5, 6, 7, 8, 10, 12]),
                  mon=rng.choice(MONTHS), n=rng.choice([4, 6, 8, 10]),
                  when=rng.choice(['last week', 'three days ago', 'on Sunday', 'four days ago']))
        if k == 'cibh':
            kw['ct'], kw['cta'] = CT[sc['cibh_type'] or 'loose']
        txt = F(t, P, **kw)
        if k == 'dyspepsia' and sc['ppi_weeks']:
            w = sc['ppi_weeks']
            drug = rng.choice(['omeprazole 20 mg', 'lansoprazole 30 mg', 'omeprazole 40 mg'])
            if w >= 4:
                txt = rng.choice(['%s persisting despite %d weeks of %s daily' % (txt, w, drug),
                                  '%s which has continued after %d weeks on %s' % (txt, w, drug)])
                if reg == 'abbr':
                    txt = '%s despite PPI (%s) x %d/52' % (txt.split(' ')[0], drug.split()[0], w)
            else:
                txt = rng.choice(['%s; started %s %d weeks ago with no change so far' % (txt, drug, w),
                                  '%s, only %d weeks into a trial of %s' % (txt, w, drug)])
        sect = 'exam' if k in ('rectal_mass', 'anal_mass', 'anal_ulcer', 'abdominal_mass', 'ascites') else 'complaint'
        its.append(item(k, 'pos', 'symptom', sect, txt, ppi_weeks=sc['ppi_weeks'] if k == 'dyspepsia' else None))
    v = sc['vals']
    for key in ['hb', 'ferritin', 'fit', 'calpro', 'alt']:
        if key not in v:
            continue
        isd = [d for d in sc['dist'] if d['fact'] == key and d['kind'] == 'normal_value']
        txt = val_text(sc, key, rng, reg)
        if key == 'hb' and sc['superseded']:
            txt = rng.choice(['repeat Hb %d g/L after a course of iron' % v['hb'],
                              'Hb now %d g/L after iron' % v['hb']])
        role = 'value'
        its.append(item(key, role, 'normal_value' if isd else 'value', 'ix', txt, value=v[key],
                        protect=bool(sc['near'])))
    if sc['ttg_raised']:
        t = sc['ttg']
        txt = rng.choice(['tTG IgA %s U/mL (ref <7)' % t, 'coeliac serology positive - tTG %s (normal <10)' % t,
                          'raised tTG at %s U/mL' % t])
        its.append(item('ttg_raised', 'pos', 'value', 'ix', txt, value=t))
    elif sc['ttg'] is not None:
        its.append(item('ttg_normal', 'value', 'normal_value', 'ix', 'tTG %s U/mL (ref <7)' % sc['ttg'], value=sc['ttg']))
    if sc['fatty_liver_imaging']:
        dd = sc['letter'] - datetime.timedelta(days=rng.randint(10, 60))
        txt = rng.choice(['an ultrasound on %s showing a fatty liver' % d_uk(dd),
                          'US abdomen %s: diffuse hepatic steatosis (fatty liver)' % d_uk(dd, 3)])
        its.append(item('fatty_liver_imaging', 'pos', 'imaging', 'ix', txt))
    # known conditions
    for kn in sc['known']:
        k, y = kn['key'], min(kn['yr'], yr - 1)
        if k == 'ibd':
            txt = rng.choice(['known %s (diagnosed %d), on %s' % ('ulcerative colitis' if sc['ibd'] == 'UC' else
                                                                 "Crohn's disease", y, sc['ibd_drug']),
                              '%s since %d, maintained on %s' % (sc['ibd'], y, sc['ibd_drug'])])
            its.append(item('ibd', 'pos', 'known_condition', 'bg', txt))
            if sc['ibd_stable']:
                t2 = rng.choice(['in clinical remission for the last %d years' % rng.randint(2, 6),
                                 'well, with no flare since %d; bowels formed once or twice a day' % (yr - rng.randint(2, 5)),
                                 'stable and in remission'])
                its.append(item('ibd_stable', 'pos', 'known_condition', 'bg', t2))
            else:
                its.append(item('ibd_flare', 'context', 'context', 'bg',
                                rng.choice(['this looks like a flare', 'previously well controlled until now'])))
        elif k == 'cirrhosis':
            its.append(item('cirrhosis', 'pos', 'known_condition', 'bg',
                            rng.choice(['known %s cirrhosis' % kn['cause'], 'known cirrhosis (%s), under the liver clinic' % kn['cause']])))
        else:
            txt = {'barretts': "Barrett's oesophagus on surveillance (last OGD %d, no dysplasia)" % y,
                   'prev_normal_ogd': 'a normal OGD in %d' % y,
                   'prev_normal_colonoscopy': 'a normal colonoscopy in %d' % y,
                   'polyps': 'adenomatous polyps removed at colonoscopy in %d' % y,
                   'past_crc': 'a sigmoid cancer resected in %d, now on follow-up' % y,
                   'coeliac': 'known coeliac disease (diagnosed %d), on a gluten-free diet' % y,
                   'nafld_known': 'known NAFLD',
                   'gallstones': 'gallstones on ultrasound in %d, never had surgery' % y,
                   'hpylori_treated': 'H. pylori eradicated in %d' % y,
                   'ibs': 'IBS diagnosed in %d' % y,
                   'haemorrhoids': 'haemorrhoids banded in %d' % y}[k]
            its.append(item(k, 'context', 'known_context', 'bg', txt))
    if sc['mgmt_q']:
        q = F(sc['mgmt_q'], P, drug=sc['ibd_drug'].split(' (')[0].split(' 1')[0].split(' 2')[0].split(' 5')[0].split(' 7')[0])
        its.append(item('mgmt_q', 'pos', 'question', 'question', q))
    if sc.get('question'):
        q = {'surveillance': 'is {he} due another surveillance OGD, and at what interval?',
             'polyp_surveillance': 'does {he} still need surveillance colonoscopy under the current guidelines?',
             'coeliac_followup': 'does {he} need any further follow-up or a repeat biopsy now that {his} serology is normal?'}[sc['question']]
        its.append(item('question', 'context', 'question', 'question', F(q, P)))
    if sc['fh_crc']:
        rel, a = sc['fh']
        txt = '%s %s was diagnosed with bowel cancer%s' % (P['his'], rel, ' at %d' % a if a else '') \
            if rel != 'father and paternal uncle' else '%s father and paternal uncle both had colorectal cancer' % P['his']
        if rel == 'father and paternal uncle':
            txt = '%s father and paternal uncle both had colorectal cancer' % P['his']
        its.append(item('fh_crc', 'pos', 'family_history_positive', 'fh', txt))
    for e in sc['extras']:
        txt = {'fatigue': 'tiredness', 'ggt': 'GGT mildly raised', 'nausea': 'intermittent nausea for some months',
               'diabetes': 'type 2 diabetes, HbA1c 58 last month', 'hypertension': 'hypertension, BP 148/88 today',
               'knee': 'left knee osteoarthritis, referred to MSK separately',
               'mood': 'low mood, started sertraline 50 mg', 'asthma': 'asthma, reviewed today',
               'bp_meds': 'amlodipine increased to 10 mg'}[e]
        its.append(item('extra_' + e, 'context', 'context', 'ix' if e == 'ggt' else ('extra' if e not in ('fatigue', 'nausea') else 'complaint'), txt))
    if not any(i['section'] in ('complaint', 'exam') for i in its) and not sc['fh_crc'] and not sc['known'] and not sc.get('question'):
        its.append(item('reason', 'context', 'context', 'complaint',
                        rng.choice(['abnormal blood results found on routine testing', 'some results I would like your opinion on',
                                    'results from a routine check-up'])))
    # distractors
    for d in sc['dist']:
        k, f = d['kind'], d['fact']
        kw = dict(y1=yr - rng.randint(3, 12), rel=rng.choice(RELS), a=rng.randint(55, 80))
        if k == 'negated':
            txt = rng.choice(NEG[f])
            sect = 'neg'
        elif k == 'family_history' and f == 'fh_crc':
            txt = F('{his} %s had bowel cancer at %d' % (kw['rel'], kw['a']), P).capitalize()
            txt = txt[0] + txt[1:]
            sect = 'fam'
        elif k == 'family_history':
            txt = rng.choice(['%s %s had stomach cancer' % (P['his'], kw['rel']), '%s %s has Crohn\'s disease' % (P['his'], kw['rel']),
                              '%s %s died of oesophageal cancer' % (P['his'], kw['rel']), '%s %s has coeliac disease' % (P['his'], kw['rel'])])
            sect = 'fam'
        elif k == 'other_person':
            who = rng.choice(['husband', 'wife', 'daughter', 'mother', 'son'])
            txt = rng.choice(['%s %s has been having rectal bleeding and is being investigated' % (P['his'], who),
                              '%s %s was recently diagnosed with bowel cancer, which is partly why %s came in' % (P['his'], who, P['he']),
                              '%s %s has had difficulty swallowing and is awaiting an OGD' % (P['his'], who)])
            sect = 'fam'
        elif k == 'resolved_past':
            txt = F(rng.choice(RESOLVED[f]), P, **kw)
            sect = 'past'
        elif k == 'hypothetical':
            txt = F(rng.choice(HYPO[f]), P)
            sect = 'hypo'
        elif k == 'reported_refuted':
            w = rng.randint(58, 96)
            who = rng.choice(['wife', 'husband', 'daughter', 'partner', 'son'])
            txt = '%s %s thinks %s has lost weight, but %s weight today is %d kg, the same as in %s' % (
                P['his'], who, P['he'], P['his'], w, rng.choice(MONTHS))
            sect = 'refuted'
        elif k == 'normal_value':
            continue  # rendered with the values above
        elif k == 'superseded_value':
            txt = 'Hb was %d g/L in %s (iron deficient at the time, cause found and treated)' % (d['old'], MONTHS[(sc['letter'].month - 4) % 12])
            sect = 'ix'
        elif k == 'old_result':
            y = yr - rng.randint(2, 7)
            dd = datetime.date(y, rng.randint(1, 12), rng.randint(1, 28))
            kyr = {x['key']: min(x['yr'], yr - 1) for x in sc['known']}
            ks = set(kyr)
            if f in ('old_colonoscopy', 'old_ogd', 'old_ttg', 'calpro_at_diagnosis'):
                src = {'old_colonoscopy': ['polyps', 'past_crc', 'prev_normal_colonoscopy'], 'old_ogd': ['barretts', 'prev_normal_ogd', 'hpylori_treated'],
                       'old_ttg': ['coeliac'], 'calpro_at_diagnosis': ['ibd']}[f]
                key = [x for x in src if x in ks][0]
                dd = datetime.date(kyr[key], rng.randint(1, 12), rng.randint(1, 28))
            else:
                key = None
            ocol = {'polyps': 'two 5 mm tubular adenomas removed', 'past_crc': 'sigmoid tumour, biopsies adenocarcinoma (pre-surgery)',
                    'prev_normal_colonoscopy': 'normal to caecum'}
            oogd = {'barretts': 'Barrett\'s segment C2M4, no dysplasia', 'prev_normal_ogd': 'normal', 'hpylori_treated': 'mild gastritis, CLO positive'}
            txt = {'calpro_at_diagnosis': 'calprotectin %d at diagnosis (%s)' % (rng.choice([640, 820, 1150]), d_uk(dd)),
                   'old_us': 'ultrasound %s: %s' % (d_uk(dd), rng.choice(['coarse echotexture, no focal lesion', 'fatty liver, no focal lesion'])),
                   'old_colonoscopy': 'colonoscopy %s: %s' % (d_uk(dd), ocol.get(key, '')),
                   'old_ogd': 'OGD %s: %s' % (d_uk(dd), oogd.get(key, '')),
                   'old_ttg': 'tTG >128 at diagnosis (%s), duodenal biopsies Marsh 3b' % d_uk(dd),
                   'old_clinic_ibs': 'seen in GI clinic %s: IBS-type symptoms, discharged' % d_uk(dd)}[f]
            sect = 'old'
        else:
            raise ValueError(k)
        its.append(item(f, 'dist', k, sect, txt))
    return its


# --------------------------------------------------------------------------------------------
# Markers, OCR damage
# --------------------------------------------------------------------------------------------
def is_mark(ch):
    return 0xE000 <= ord(ch) < 0xF000


def vlen(s):
    return sum(1 for ch in s if not is_mark(ch))


def vljust(s, w):
    return s + ' ' * max(0, w - vlen(s))


def split_vis(w, k):
    """split w after k visible characters"""
    n = 0
    for i, ch in enumerate(w):
        if not is_mark(ch):
            if n == k:
                return w[:i], w[i:]
            n += 1
    return w, ''


def strip_marks(s):
    return ''.join(ch for ch in s if not is_mark(ch))


def wrap(text, width, rng, hyph=0.0):
    out = []
    for para in text.split('\n'):
        if vlen(para) <= width:
            out.append(para)
            continue
        ws = para.split(' ')
        cur = ''
        for w in ws:
            cand = w if cur == '' else cur + ' ' + w
            if vlen(cand) <= width:
                cur = cand
                continue
            plain = strip_marks(w)
            room = width - vlen(cur) - 2
            if hyph and rng.random() < hyph and len(plain) >= 7 and plain.isalpha() and room >= 3:
                k = min(room, len(plain) - 3)
                if k >= 3:
                    a, b = split_vis(w, k)
                    out.append((cur + ' ' if cur else '') + a + '-')
                    cur = b
                    continue
            if cur:
                out.append(cur)
            cur = w
        out.append(cur)
    return '\n'.join(out)


SUBS = [('i', 'l'), ('m', 'rn'), ('rn', 'm'), ('d', 'cl'), ('h', 'li'), ('l', '1'), ('o', '0'), ('I', 'l'),
        ('e', 'c'), ('cl', 'd'), ('li', 'h')]


def garble_word(w, rng):
    opts = []
    for a, b in SUBS:
        start = 0
        while True:
            j = w.find(a, start)
            if j < 0:
                break
            opts.append((j, a, b))
            start = j + 1
    if not opts:
        return w, None
    j, a, b = rng.choice(opts)
    return w[:j] + b + w[j + len(a):], '%s->%s' % (a, b)


ANSWER_WORDS = {'Yes', 'No', 'YES', 'NO', 'Y', 'N', 'present', 'absent', 'PRESENT', 'ABSENT', 'yes', 'no'}


def garble_fact(text, protect, rng):
    toks = text.split(' ')
    cand = []
    for i, t in enumerate(toks):
        core = t.strip('.,;:()')
        if core in ANSWER_WORDS:
            continue
        if core.isalpha() and len(core) >= 2 and not any(is_mark(c) for c in t):
            cand.append((i, 'word'))
        elif re.fullmatch(r'[0-9.]+', core) and not protect and ('1' in core or '0' in core):
            cand.append((i, 'num'))
    if not cand:
        return text, []
    ops = []
    for i, kind in rng.sample(cand, min(len(cand), rng.choice([1, 1, 2]))):
        t = toks[i]
        if kind == 'num':
            if '1' in t and (rng.random() < 0.6 or '0' not in t):
                j = t.index('1')
                nt = t[:j] + 'l' + t[j + 1:]
                op = '1->l'
            else:
                j = t.index('0')
                nt = t[:j] + 'O' + t[j + 1:]
                op = '0->O'
        else:
            if len(t) >= 8 and rng.random() < 0.25:
                k = rng.randint(3, len(t) - 4)
                nt, op = t[:k] + ' ' + t[k:], 'broken word'
            else:
                nt, op = garble_word(t, rng)
                if op is None:
                    continue
        ops.append({'from': t, 'to': nt, 'op': op})
        toks[i] = nt
    return ' '.join(toks), ops


def ocr_pass(text, prof, rng, pageinfo):
    """damage outside fact spans, wrap, page furniture"""
    if prof.get('wrap'):
        text = wrap(text, prof['wrap'], rng, prof.get('hyph', 0))
    lines = text.split('\n')
    open_spans = set()
    new = []
    for ln in lines:
        toks = ln.split(' ')
        out = []
        for t in toks:
            inside = bool(open_spans)
            for ch in t:
                o = ord(ch)
                if 0xE000 <= o < 0xE800:
                    open_spans.add(o - 0xE000)
                    inside = True
                elif 0xE800 <= o < 0xF000:
                    open_spans.discard(o - 0xE800)
                    inside = True
            if not inside and t and rng.random() < prof.get('word_p', 0):
                if len(t) >= 8 and rng.random() < 0.3:
                    k = rng.randint(3, len(t) - 3)
                    t = t[:k] + ' ' + t[k:]
                else:
                    t = garble_word(t, rng)[0]
            out.append(t)
        j = 1
        while j < len(out):
            a, b = out[j - 1], out[j]
            if a and b and not open_spans and not any(is_mark(c) for c in a + b) and a.isalpha() and b.isalpha() \
                    and rng.random() < prof.get('join_p', 0):
                out[j - 1:j + 1] = [a + b]
            j += 1
        ln = ' '.join(out)
        r = rng.random()
        if r < prof.get('stray', 0):
            m = rng.choice(prof.get('marks', ['|']))
            ln = (m + ' ' + ln) if rng.random() < 0.5 else (ln + ' ' + m)
        new.append(ln)
    lines = new
    # page furniture
    res = []
    per = prof.get('page', 0)
    npages = max(1, (len(lines) + per - 1) // per) if per else 1
    page = 1
    if prof.get('top'):
        res.extend(prof['top'](page, npages, pageinfo, rng))
    for i, ln in enumerate(lines):
        if per and i and i % per == 0:
            if prof.get('bottom'):
                res.extend(prof['bottom'](page, npages, pageinfo, rng))
            page += 1
            if prof.get('top'):
                res.extend(prof['top'](page, npages, pageinfo, rng))
        res.append(ln)
    if prof.get('bottom'):
        res.extend(prof['bottom'](page, npages, pageinfo, rng))
    return '\n'.join(res)


def fax_top(p, n, info, rng):
    return ['%s  FROM: %s  TO: GASTRO BOOKING  P.%03d/%03d' % (info['faxtime'], info['faxno'], p, n)]


def fax_bottom(p, n, info, rng):
    return ['', 'Lower GI suspected cancer referral form (v4.2)   page %d of %d' % (p, n)]


def photocopy_top(p, n, info, rng):
    return [rng.choice(['. ,', '', '~  .']), 'UPPER GI SUSPECTED CANCER REFERRAL   |  %s' % info['trust']] if p > 1 else \
        [rng.choice(['. ,', '~', '']), 'UPPER GI SUSPECTED CANCER REFERRAL   |  %s' % info['trust']]


def photocopy_bottom(p, n, info, rng):
    return ['Pg %d' % p, rng.choice(['', '. ', '|'])]


def hosp_top(p, n, info, rng):
    return ['%s' % info['trust'], 'Department of Gastroenterology  Tel 01632 960 411'] if p == 1 else \
        ['Patient: %s   Hosp No: %s   (continued)' % (info['name'], info['hosp'])]


def hosp_bottom(p, n, info, rng):
    return ['', 'CONFIDENTIAL - Page %d of %d - printed %s' % (p, n, info['printed'])]


def endo_top(p, n, info, rng):
    return ['ENDOSCOPY UNIT - PRE-ASSESSMENT RECORD        Sheet %d' % p]


def endo_bottom(p, n, info, rng):
    return ['Form END-PA/07 rev 3           ' + rng.choice(['|', '.', '']), '']


def pro_top(p, n, info, rng):
    return ['%s  GASTROENTEROLOGY REFERRAL PROFORMA  (%d/%d)' % (info['trust'], p, n)]


def pro_bottom(p, n, info, rng):
    return ['Incomplete forms will be returned.      %d' % p]


def priv_top(p, n, info, rng):
    return ['VITALIS PRIVATE HEALTH ASSESSMENT  -  Confidential medical report', '']


def priv_bottom(p, n, info, rng):
    return ['', 'Vitalis Health Ltd, 40 Wharf Street  Reg. 0881245   Page %d of %d' % (p, n)]


def n111_top(p, n, info, rng):
    return ['%s FAX FROM NHS111 CAS   PAGE %d' % (info['faxtime'], p), '|']


def n111_bottom(p, n, info, rng):
    return ['| NHS 111 Clinical Assessment Service - this record was sent automatically', '']


def wic_top(p, n, info, rng):
    return ['%s  WALK IN CENTRE  %s  p%d' % (info['faxtime'], info['faxno'], p)]


def wic_bottom(p, n, info, rng):
    return [rng.choice(['~ ~', '. ,', '||'])]


def matron_top(p, n, info, rng):
    return ['Community Nursing Service - Long Term Conditions Team'] if p == 1 else ['- %d -' % p]


def matron_bottom(p, n, info, rng):
    return [rng.choice(['', ', .']), 'Northport Community Health Services   page %d' % p]


def mil_top(p, n, info, rng):
    return ['OFFICIAL SENSITIVE - MEDICAL', '']


def mil_bottom(p, n, info, rng):
    return ['', 'OFFICIAL SENSITIVE - MEDICAL   Page %d of %d' % (p, n)]


PROFILES = {
    'lowergi_2ww_form_fax_scanned': dict(wrap=None, fact_p=0.45, word_p=0.05, join_p=0.02, page=30, stray=0.06,
                                         marks=['|', '. ,', '~'], top=fax_top, bottom=fax_bottom,
                                         tick=['[X]', 'IX]', '[x]', '[X]'], empty=['[ ]', '[]', '[ ]']),
    'uppergi_2ww_form_photocopy_scanned': dict(wrap=None, fact_p=0.45, word_p=0.05, join_p=0.02, page=26, stray=0.1,
                                               marks=['. ,', '~', '\'', '|'], top=photocopy_top, bottom=photocopy_bottom,
                                               tick=['V', 'v/', 'V'], empty=['O', 'O', '0']),
    'clinic_letter_copy_scanned': dict(wrap=74, hyph=0.35, fact_p=0.4, word_p=0.04, join_p=0.015, page=34, stray=0.03,
                                       marks=['|', '.'], top=hosp_top, bottom=hosp_bottom),
    'endoscopy_preassessment_twocol_scanned': dict(wrap=None, fact_p=0.4, word_p=0.05, join_p=0.02, page=30, stray=0.05,
                                                   marks=['|', ';'], top=endo_top, bottom=endo_bottom,
                                                   tick=['El', 'M', 'El'], empty=['D', '', 'D']),
    'gastro_proforma_twocol_scanned': dict(wrap=None, fact_p=0.4, word_p=0.04, join_p=0.02, page=32, stray=0.05,
                                           marks=['|', '. ,'], top=pro_top, bottom=pro_bottom,
                                           tick=['[*]', '[*]', '[x]'], empty=['[ ]', '[]']),
    'private_healthcheck_report_scanned': dict(wrap=70, hyph=0.3, fact_p=0.4, word_p=0.04, join_p=0.02, page=30,
                                               stray=0.04, marks=['.', '|'], top=priv_top, bottom=priv_bottom),
    'nhs111_summary_fax_scanned': dict(wrap=64, hyph=0.2, fact_p=0.45, word_p=0.05, join_p=0.02, page=26, stray=0.12,
                                       marks=['|', '|', '. ,'], top=n111_top, bottom=n111_bottom),
    'walkin_nurse_fax_scanned': dict(wrap=58, hyph=0.45, fact_p=0.5, word_p=0.07, join_p=0.04, page=24, stray=0.1,
                                     marks=['~', '. ,', '`'], top=wic_top, bottom=wic_bottom),
    'community_matron_photocopy_scanned': dict(wrap=66, hyph=0.4, fact_p=0.45, word_p=0.05, join_p=0.03, page=22,
                                               stray=0.08, marks=['. ,', '~', '|'], top=matron_top, bottom=matron_bottom),
    'forces_medical_officer_scanned': dict(wrap=72, hyph=0.3, fact_p=0.4, word_p=0.04, join_p=0.02, page=28, stray=0.05,
                                           marks=['|', '.'], top=mil_top, bottom=mil_bottom),
}
PROTECT_FACTS = {'age', 'dob', 'letter_date', 'sex'}


# --------------------------------------------------------------------------------------------
# Letter builder
# --------------------------------------------------------------------------------------------
PRIORITY_WORDS = {'usc': 'two-week-wait / suspected cancer', 'urgent': 'urgent', 'routine': 'routine',
                  'advice': 'advice only, no appointment'}
URG_LEVEL = {'urgent_suspected_cancer': 'usc', 'urgent': 'urgent', 'routine': 'routine',
             'advice_and_guidance': 'advice'}
PRIORITY_TEXT = {
    'usc': {'prose': ['I would be grateful if you could see {him} under the two-week-wait pathway.',
                      'I am referring {him} as urgent suspected cancer.',
                      'Please see within two weeks on the suspected cancer pathway.'],
            'abbr': ['2WW pls.', 'Refer USC/2WW.'], 'lay': ['Please could {he} go on the fast-track cancer pathway.']},
    'urgent': {'prose': ['I would be grateful for an urgent appointment.', 'Urgent please.',
                         'Could {he} be seen urgently, within the next few weeks?'],
               'abbr': ['Urgent OPA pls.'], 'lay': ['Please could {he} be seen urgently.']},
    'routine': {'prose': ['A routine appointment would be appreciated.', 'Routine referral.',
                          'Please see routinely in clinic.'],
                'abbr': ['Routine OPA pls.'], 'lay': ['A routine appointment would be fine.']},
    'advice': {'prose': ['I would value your advice; I do not think {he} needs to be seen.',
                         'Advice and guidance only, please.',
                         'Could you advise by letter rather than an appointment?'],
               'abbr': ['A&G only pls - no OPA needed.'], 'lay': ['Advice only please, no appointment needed.']},
}


def choose_priority(sc, layout, rng):
    true = URG_LEVEL[RULE_LABEL[sc['rule']][0]]
    if layout in ('lowergi_2ww_form_fax_scanned', 'uppergi_2ww_form_photocopy_scanned'):
        return 'usc'
    r = rng.random()
    if r < 0.08:
        return None
    if r < 0.58:
        others = [x for x in ['usc', 'urgent', 'routine', 'advice'] if x != true]
        return rng.choice(others)
    return true


class LB:
    def __init__(self, sc, layout, lid, rng, third=False, reg='prose'):
        self.sc, self.layout, self.lid, self.rng = sc, layout, lid, rng
        self.prof = PROFILES.get(layout)
        self.ms = []
        self.P = pron(sc, third)
        self.reg = reg
        self.items = plan_items(sc, reg, R('items', lid), self.P)
        self.extra_dist = []

    def mk(self, it, text=None):
        t = it['text'] if text is None else text
        clean = t
        garbles = []
        if self.prof and it['role'] in ('pos', 'value', 'dist') and self.rng.random() < self.prof['fact_p']:
            protect = bool(it.get('protect')) or it['fact'] in PROTECT_FACTS or bool(self.sc['near'])
            t, garbles = garble_fact(t, protect, self.rng)
        i = len(self.ms)
        m = dict(it)
        m.update(clean=clean, garbles=garbles)
        self.ms.append(m)
        it['used'] = True
        return chr(0xE000 + i) + t + chr(0xE800 + i)

    def new(self, fact, role, kind, text, section='form'):
        it = item(fact, role, kind, section, text)
        self.items.append(it)
        return it

    def take(self, *sections):
        return [it for it in self.items if it['section'] in sections and not it.get('used')]

    def find(self, fact, role=None):
        for it in self.items:
            if it['fact'] == fact and not it.get('used') and (role is None or it['role'] == role):
                return it
        return None

    def unused(self):
        return [it for it in self.items if not it.get('used')]


def cap(s):
    for i, ch in enumerate(s):
        if not is_mark(ch):
            return s[:i] + ch.upper() + s[i + 1:]
    return s


def join_list(xs, conj='and'):
    if not xs:
        return ''
    if len(xs) == 1:
        return xs[0]
    return ', '.join(xs[:-1]) + ' ' + conj + ' ' + xs[-1]


# --------------------------------------------------------------------------------------------
# Shared pieces of letters
# --------------------------------------------------------------------------------------------
def ident(lb):
    sc, rng = lb.sc, lb.rng
    r2 = R('ident', lb.lid)
    first = r2.choice(M_FIRST if sc['sex'] == 'M' else F_FIRST)
    sur = r2.choice(SURNAMES)
    title = 'Mr' if sc['sex'] == 'M' else r2.choice(['Mrs', 'Ms', 'Miss', 'Mrs'])
    pr = PRACTICES[r2.randrange(len(PRACTICES))]
    return dict(first=first, sur=sur, title=title, nhs=nhs_number(r2), practice=pr,
                doc=r2.choice(DOCTORS), hosp='RX%07d' % r2.randint(0, 9999999),
                ubrn='%04d %04d %04d' % (r2.randint(0, 9999), r2.randint(0, 9999), r2.randint(0, 9999)),
                street='%d %s' % (r2.randint(1, 140), r2.choice(['Mill Lane', 'Hawthorn Close', 'Victoria Road',
                                                                  'Church Street', 'Brook Avenue', 'Meadow Way'])))


def ev_sex(lb, text):
    return lb.mk(item('sex', 'pos', 'demographic', 'hdr', text))


def ev_dob(lb, style=0):
    return lb.mk(item('dob', 'pos', 'demographic', 'hdr', d_uk(lb.sc['dob'], style)))


def ev_date(lb, style=0):
    return lb.mk(item('letter_date', 'pos', 'demographic', 'hdr', d_uk(lb.sc['letter'], style)))


def ev_age(lb, mode='num'):
    a = lb.sc['age']
    man = 'man' if lb.sc['sex'] == 'M' else 'woman'
    if mode == 'num':
        t = '%d' % a
    elif mode == 'y':
        t = '%dy' % a
    elif mode == 'yo':
        t = '%d-year-old %s' % (a, man)
    elif mode == 'words':
        t = '%s-year-old %s' % (words(a), man)
    else:
        t = '%d years' % a
    return lb.mk(item('age', 'pos', 'demographic', 'hdr', t))


def priority_text(lb):
    lvl = lb.sc['gp_level']
    if lvl is None:
        return ''
    return F(pick(lb.rng, PRIORITY_TEXT[lvl], 'abbr' if lb.reg == 'abbr' else ('lay' if lb.reg == 'lay' else 'prose')), lb.P)


ORDER_STD = ['complaint', 'exam', 'neg', 'ix', 'bg', 'old', 'fam', 'past', 'refuted', 'hypo', 'fh', 'question', 'extra']
ORDER_KNOWN = ['bg', 'old', 'complaint', 'exam', 'ix', 'neg', 'fam', 'past', 'refuted', 'hypo', 'fh', 'question', 'extra']


def para_for(lb, sect, its, intro=True):
    P, rng = lb.P, lb.rng
    xs = [lb.mk(it) for it in its]
    if not xs:
        return None
    ab = lb.reg == 'abbr'
    if sect == 'complaint':
        pre = rng.choice(['{He} presents with ', '{He} has ', '{He} came in with ', '{He} reports ', '{He} describes ', '{He} complains of '])
        if ab:
            pre = rng.choice(['c/o ', 'Presents: ', 'Hx: '])
        if all(it['fact'] == 'reason' for it in its):
            pre = 'Reason for referral: '
        return cap(F(pre, P) + join_list(xs)) + '.'
    if sect == 'exam':
        pre = 'O/E: ' if ab else rng.choice(['On examination there is ', 'Examination today showed ', 'I found '])
        return cap(pre + join_list(xs)) + '.'
    if sect == 'neg':
        pre = rng.choice(['', 'Of note, ', 'Importantly, ', 'Red flags otherwise: ']) if not ab else rng.choice(['', 'Nil else: '])
        return cap(pre + join_list(xs)) + '.'
    if sect == 'ix':
        pre = rng.choice(['Bloods: ', 'Results: ', 'Recent tests: ', 'Investigations so far: '])
        if ab:
            pre = rng.choice(['Ix: ', 'Bloods: '])
        return pre + '; '.join(xs) + '.'
    if sect == 'bg':
        pre = rng.choice(['Background: ', 'Relevant history: ', 'Past history: ', 'PMH: '])
        if ab:
            pre = 'PMH: '
        return cap(F(pre, P) + '; '.join(xs)) + '.'
    if sect == 'old':
        pre = rng.choice(['Previous results from your letters: ', 'Earlier findings: ', 'From the hospital record: '])
        return pre + '; '.join(xs) + '.'
    if sect == 'past':
        pre = rng.choice(['Previously ', 'Previously: ', 'In the past {he} had ', 'Resolved problems: '])
        return cap(F(pre, P) + '; '.join(xs)) + '.'
    if sect == 'question':
        pre = rng.choice(['My question is: ', 'Could you advise: ', 'The question I have is: ', 'Q: '])
        return pre + ' '.join(cap(x) for x in xs)
    if sect == 'extra':
        pre = rng.choice(['Also today: ', 'Other problems: ', 'Separately, we discussed '])
        return pre + '; '.join(xs) + '.'
    if sect == 'fh':
        return cap(xs[0]) + '. ' + F(rng.choice(['{He} has no bowel symptoms at all', '{He} is completely well with no symptoms',
                                                 '{He} is asymptomatic', 'No GI symptoms whatsoever']), P) + '.'
    return ' '.join(cap(x) + '.' for x in xs)


def prose_body(lb, order=None):
    if order is None:
        order = ORDER_KNOWN if 'known_patient' in lb.sc['emph'] else ORDER_STD
    paras = []
    for sect in order:
        p = para_for(lb, sect, lb.take(sect))
        if p:
            paras.append(p)
    return paras


def lowercase_nopunct(text):
    text = text.lower()
    text = re.sub(r'\.(?![0-9])|(?<![0-9])\.', '', text)
    text = re.sub(r"[,;:()!?'\"]", '', text)
    return text


RELATED = {'abdo_pain': {'upper_abdo_pain', 'dyspepsia', 'reflux'}, 'rectal_bleeding': {'bloody_diarrhoea'},
           'cibh': {'bloody_diarrhoea'}, 'dyspepsia': {'upper_abdo_pain', 'reflux'},
           'reflux': {'dyspepsia', 'upper_abdo_pain'}, 'upper_abdo_pain': {'dyspepsia', 'reflux', 'abdo_pain'},
           'rectal_mass': {'anal_mass', 'anal_ulcer'}, 'anal_mass': {'rectal_mass', 'anal_ulcer'}}


def form_answer(lb, fact, label, yes, no, blank, allow_unknown=None):
    """returns (marked row text). yes/no/blank are callables giving answer strings"""
    sc = lb.sc
    it = lb.find(fact, 'pos')
    if it:
        return lb.mk(it, label + yes())
    if RELATED.get(fact, set()) & sc['sym']:
        return label + blank()
    if allow_unknown and lb.rng.random() < 0.25:
        sc['unreadable'].append(fact)
        if classify_all(sc) == {sc['rule']}:
            return lb.mk(item(fact, 'unreadable', 'unreadable_answer', 'form', ''), label + allow_unknown())
        sc['unreadable'].pop()
    neg = None
    for x in lb.items:
        if x['fact'] == fact and x['kind'] == 'negated' and not x.get('used'):
            neg = x
            break
    if neg is None:
        if lb.rng.random() < 0.2:
            neg = lb.new(fact, 'dist', 'unticked_box', '')
            return lb.mk(neg, label + blank())
        neg = lb.new(fact, 'dist', 'form_answer_no', '')
    return lb.mk(neg, label + no())


def T(lb):
    return lb.rng.choice(lb.prof['tick'])


def E(lb):
    return lb.rng.choice(lb.prof['empty'])


# --------------------------------------------------------------------------------------------
# The 20 layouts
# --------------------------------------------------------------------------------------------
def L_ers(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    pr = {'usc': '2 Week Wait', 'urgent': 'Urgent', 'routine': 'Routine', 'advice': 'Advice & Guidance', None: 'Not specified'}
    out = ['NHS e-Referral Service - Referral Letter', 'UBRN: %s' % idn['ubrn'],
           'Referral created: %s   Referrer: %s, %s (%s)' % (ev_date(lb, 0), idn['doc'], idn['practice'][0], idn['practice'][1]),
           'Specialty: Gastroenterology   Clinic type: %s' % rng.choice(['General Gastroenterology', 'Not otherwise specified', 'Hepatology', 'Lower GI']),
           'Priority: %s' % pr[sc['gp_level']], '',
           'PATIENT DETAILS',
           'Name: %s %s   Sex: %s' % (idn['first'], idn['sur'].upper(), ev_sex(lb, 'Male' if sc['sex'] == 'M' else 'Female')),
           'Date of birth: %s   NHS number: %s' % (ev_dob(lb, 0), fmt_nhs(idn['nhs'])),
           'Address: %s, %s' % (idn['street'], idn['practice'][2].split(', ')[-1]), '']
    heads = [('REASON FOR REFERRAL', ['complaint', 'fh']), ('EXAMINATION', ['exam']),
             ('RELEVANT RESULTS', ['ix', 'old']), ('PAST MEDICAL HISTORY', ['bg', 'past', 'extra']),
             ('FAMILY / SOCIAL HISTORY', ['fam', 'refuted']), ('RED FLAGS', ['neg']),
             ('QUESTION FOR THE SPECIALIST', ['question']), ('SAFETY NETTING', ['hypo'])]
    for h, sects in heads:
        ps = [para_for(lb, s, lb.take(s)) for s in sects]
        ps = [p for p in ps if p]
        if ps:
            out.append(h + ':')
            out.extend(ps)
            out.append('')
        elif rng.random() < 0.5:
            out.append(h + ': ' + rng.choice(['none', 'nil relevant', 'n/a', '-']))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('Attachments: %s' % rng.choice(['none', 'blood results (1)', 'GP summary']))
    return '\n'.join(out)


def lgi_rows():
    return [('rectal_bleeding', 'Rectal bleeding'), ('cibh', 'Change in bowel habit'),
            ('weight_loss', 'Unexplained weight loss'), ('abdo_pain', 'Abdominal pain'),
            ('abdominal_mass', 'Abdominal mass'), ('rectal_mass', 'Rectal mass'), ('anal_mass', 'Anal mass'),
            ('anal_ulcer', 'Unexplained anal ulceration')]


def L_lgi(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['SUSPECTED LOWER GASTROINTESTINAL CANCER REFERRAL (2WW)',
           'Please fax to 01632 960 500 within 24 hours of decision to refer', '',
           'Date of decision to refer: %s' % ev_date(lb, 0),
           'Patient name: %s %s %s   NHS No: %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], fmt_nhs(idn['nhs'])),
           'DOB: %s   Age: %s' % (ev_dob(lb, 0), ev_age(lb, 'num') if rng.random() < 0.6 else '____'),
           'Referring GP: %s  Practice code: %s' % (idn['doc'], idn['practice'][1]), '',
           'SECTION 1  CRITERIA (tick all that apply)          YES   NO']
    for fact, lab in lgi_rows():
        y = lambda: ' ' * max(2, 44 - len(lab)) + '%s   %s' % (T(lb), E(lb))
        n = lambda: ' ' * max(2, 44 - len(lab)) + '%s   %s' % (E(lb), T(lb))
        b = lambda: ' ' * max(2, 44 - len(lab)) + '%s   %s' % (E(lb), E(lb))
        out.append(form_answer(lb, fact, lab, y, n, b))
    out.append('')
    out.append('SECTION 2  RESULTS')
    fit = lb.find('fit')
    out.append('FIT (ug Hb/g faeces): ' + (lb.mk(fit) if fit else rng.choice(['not done', '', 'n/a'])))
    for k in ['hb', 'ferritin', 'calpro', 'alt']:
        it = lb.find(k)
        if it:
            out.append('  ' + lb.mk(it))
    out.append('')
    out.append('SECTION 3  CLINICAL DETAILS')
    body = prose_body(lb)
    out.append(wrap('\n'.join(body), 70, rng))
    out.append('')
    out.append('Patient informed this is a suspected cancer referral: %s Yes  %s No' % (T(lb), E(lb)))
    out.append('Available in next 14 days: %s' % rng.choice(['Y', 'Yes', 'yes - not Tuesdays']))
    return '\n'.join(out)


def L_ugi(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    def yn(a):
        return (lambda: ' ' * 3 + rng.choice(['(YES) / NO', '(YES)/ NO', '( YES ) / NO'])) if a == 'y' else \
            (lambda: ' ' * 3 + rng.choice(['YES / (NO)', 'YES /(NO)', 'YES / ( NO )', 'YES / (N0)'])) if a == 'n' else \
            (lambda: ' ' * 3 + 'YES / NO')
    out = ['Referral for suspected UPPER GI cancer - urgent (2 week) pathway',
           'Circle YES or NO for each. Tick the boxes that apply.', '',
           'Patient: %s %s %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur']),
           'D.O.B. %s     NHS no. %s     Hosp no. %s' % (ev_dob(lb, 2), fmt_nhs(idn['nhs']), idn['hosp']),
           'Date: %s       GP: %s, %s' % (ev_date(lb, 2), idn['doc'], idn['practice'][0]), '']
    a55 = 'y' if sc['age'] >= 55 else 'n'
    out.append(lb.mk(item('age', 'pos', 'demographic', 'hdr', ''), 'Aged 55 or over ..............' + yn(a55)()) +
               '   (age %s)' % ev_age(lb, 'num'))
    for fact, lab in [('dysphagia', 'Dysphagia ....................'), ('weight_loss', 'Weight loss ..................'),
                      ('upper_abdo_pain', 'Upper abdominal pain .........'), ('reflux', 'Reflux .......................'),
                      ('dyspepsia', 'Dyspepsia ....................'), ('haematemesis', 'Haematemesis .................'),
                      ('abdominal_mass', 'Upper abdominal mass .........')]:
        out.append(form_answer(lb, fact, lab, yn('y'), yn('n'), yn('b')))
    out.append(form_answer(lb, 'jaundice', 'Jaundice .....................', yn('y'), yn('n'), yn('b')))
    out.append('')
    out.append('Bloods (attach): ' + '  '.join(lb.mk(it) for it in lb.take('ix')) if lb.take('ix') else 'Bloods (attach): see ICE')
    out.append('')
    out.append('Clinical information:')
    out.append(wrap('\n'.join(prose_body(lb)), 68, rng))
    out.append('')
    out.append('Signed: %s       Bleep/Tel: 01632 9604%02d' % (idn['doc'], rng.randint(0, 99)))
    return '\n'.join(out)


def L_soap(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['Consultation %s - %s (%s)' % (ev_date(lb, 3), idn['doc'], idn['practice'][0]),
           '%s %s %s, %s, NHS %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], ev_age(lb, 'y'), idn['nhs']), '']
    S = [lb.mk(it) for it in lb.take('complaint', 'refuted', 'fam', 'past', 'fh', 'question')]
    O = [lb.mk(it) for it in lb.take('exam', 'neg', 'ix', 'old')]
    bg = [lb.mk(it) for it in lb.take('bg', 'extra')]
    out.append('S: ' + ('; '.join(S) if S else 'review') + '.')
    if bg:
        out.append('   Hx: ' + '; '.join(bg) + '.')
    out.append('O: ' + ('; '.join(O) if O else 'obs stable') + '.')
    out.append('A: ' + rng.choice(['needs GI opinion', 'refer', 'for specialist input', '?cause']) + '.')
    hy = [lb.mk(it) for it in lb.take('hypo')]
    plan = [priority_text(lb) or 'Referral to gastroenterology.']
    if hy:
        plan.append('Safety netting: ' + '; '.join(hy) + '.')
    out.append('P: ' + ' '.join(plan))
    out.append('')
    out.append('Referral generated from the above consultation. %s' % rng.choice(['', 'Bloods attached.', 'Patient aware.']))
    return '\n'.join(out)


def L_paste(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['%s   %s   Tel 01632 9%05d' % (idn['practice'][0], idn['practice'][2], rng.randint(0, 99999)),
           'Printed: %s   User: %s' % (ev_date(lb, 0), idn['doc'].replace('Dr ', '').replace(' ', '').upper()),
           '', 'PATIENT: %s, %s (%s)   DOB: %s   NHS: %s' % (idn['sur'].upper(), idn['first'],
                                                              ev_sex(lb, 'M' if sc['sex'] == 'M' else 'F'), ev_dob(lb, 0), fmt_nhs(idn['nhs'])),
           '', 'ACTIVE PROBLEMS']
    for it in lb.take('bg'):
        out.append('  %s  %s' % (str(sc['letter'].year - rng.randint(1, 9)), lb.mk(it)))
    for it in lb.take('extra'):
        out.append('  %s  %s' % (str(sc['letter'].year - rng.randint(0, 6)), lb.mk(it)))
    out.append('  ' + rng.choice(['Hypercholesterolaemia', 'Osteoarthritis', 'Migraine', 'Hypothyroidism']))
    past = lb.take('past', 'old')
    out.append('PAST PROBLEMS')
    for it in past:
        out.append('  ' + lb.mk(it))
    if not past:
        out.append('  Appendicectomy 1988')
    out.append('')
    out.append('REPEAT MEDICATION')
    meds = rng.sample(['Atorvastatin 20mg tablets, 1 at night', 'Ramipril 5mg capsules, 1 daily', 'Levothyroxine 75mcg, 1 daily',
                       'Omeprazole 20mg gastro-resistant capsules, 1 daily', 'Metformin 500mg tablets, 1 bd',
                       'Sertraline 50mg, 1 daily', 'Co-codamol 8/500, 2 qds prn'], 3)
    out.extend('  ' + m for m in meds)
    out.append('')
    out.append('RESULTS')
    out.append('  Test            Value      Range       Flag')
    for it in lb.take('ix'):
        if it.get('value') is not None and it['fact'] in ('hb', 'ferritin', 'alt', 'calpro', 'fit'):
            k = it['fact']
            v = it['value']
            nm = {'hb': 'Haemoglobin', 'ferritin': 'Ferritin', 'alt': 'ALT', 'calpro': 'Calprotectin', 'fit': 'FIT'}[k]
            un = {'hb': 'g/L', 'ferritin': 'ug/L', 'alt': 'U/L', 'calpro': 'ug/g', 'fit': 'ug/g'}[k]
            rg = {'hb': '130-170' if sc['sex'] == 'M' else '120-150', 'ferritin': '30-400', 'alt': '0-40',
                  'calpro': '0-50', 'fit': '<10'}[k]
            lo_, hi_ = (130, 170) if (k == 'hb' and sc['sex'] == 'M') else (120, 150) if k == 'hb' else \
                (30, 400) if k == 'ferritin' else (0, 40) if k == 'alt' else (0, 50) if k == 'calpro' else (0, 9.99)
            shown = sc['fit_disp'] if k == 'fit' else str(v)
            flag = 'L' if isinstance(v, (int, float)) and v < lo_ else ('H' if isinstance(v, (int, float)) and v > hi_ else '')
            if k == 'hb' and sc['hb_unit'] == 'dL':
                shown, un, rg = '%.1f' % (v / 10.0), 'g/dL', '13.0-17.0' if sc['sex'] == 'M' else '12.0-15.0'
            row = '  %-15s %-10s %-11s %s' % (nm, shown + ' ' + un, rg, flag)
            out.append(lb.mk(it, row.rstrip()))
        else:
            out.append('  ' + lb.mk(it))
    out.append('')
    out.append('CONSULTATION NOTE / REFERRAL')
    body = prose_body(lb)
    out.extend(body)
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('%s' % idn['doc'])
    return '\n'.join(out)


def L_clinic(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    cons = rng.choice(['Dr R Okonjo, Consultant Gastroenterologist', 'Dr F Maitland, Consultant Hepatologist',
                       'Mr D Ferreira, Consultant Colorectal Surgeon', 'Dr E Whitcombe, IBD Nurse Consultant'])
    y_old = sc['letter'].year - rng.randint(1, 4)
    od = datetime.date(y_old, rng.randint(1, 12), rng.randint(1, 28))
    out = ['CLINIC LETTER (copy attached to referral by GP)', 'Clinic date: %s   Typed: %s' % (d_uk(od), d_uk(od + datetime.timedelta(days=6))),
           'Re: %s %s %s   Hosp No %s   NHS %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], idn['hosp'], fmt_nhs(idn['nhs'])),
           'DOB %s' % ev_dob(lb, 0), '', 'Dear %s,' % idn['doc'], '']
    bg = [lb.mk(it) for it in lb.take('bg')]
    out.append('Diagnoses: ' + ('; '.join(bg) if bg else rng.choice(['IBS-type symptoms', 'functional dyspepsia'])))
    old = [lb.mk(it) for it in lb.take('old')]
    if old:
        out.append('Investigations: ' + '; '.join(old))
    out.append(rng.choice(['I reviewed this patient in clinic today. They are doing well and I have not arranged further follow-up.',
                           'Plan: continue current treatment; we will see again in 12 months or sooner if needed.',
                           'I have discharged back to your care with advice to re-refer if there are new symptoms.']))
    out.append('Yours sincerely,  %s' % cons)
    out.append('')
    out.append('=' * 30)
    out.append('GP REFERRAL NOTE dated %s (%s, %s)' % (ev_date(lb, 1), idn['doc'], idn['practice'][0]))
    out.append('This %s is known to you (clinic letter above). New issue:' % ev_age(lb, rng.choice(['yo', 'words'])))
    out.extend(prose_body(lb))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    return '\n'.join(out)


def twocol(left, right, wl, gap=4):
    n = max(len(left), len(right))
    left = left + [''] * (n - len(left))
    right = right + [''] * (n - len(right))
    return '\n'.join((vljust(a, wl) + ' ' * gap + b).rstrip() for a, b in zip(left, right))


def col_wrap(s, w, rng):
    return wrap(s, w, rng).split('\n')


def L_endo(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    Y = lambda: ' ' + rng.choice(['Y', 'Yes', '7es', 'Y.', 'yes'])
    N = lambda: ' ' + rng.choice(['N', 'No', 'N0', 'no', 'N'])
    B = lambda: ' '
    U = lambda: ' ' + rng.choice(['?', '?', '(illegible)'])
    proc = rng.choice(['OGD', 'Colonoscopy', 'OGD + colonoscopy', 'Flexible sigmoidoscopy'])
    left = ['PATIENT', 'Name: %s %s %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur']),
            'DOB: %s' % ev_dob(lb, 0), 'Pre-assessment date: %s' % ev_date(lb, 0),
            'Procedure booked: %s' % proc, '', 'SYMPTOM CHECK (write Y / N)']
    for fact, lab in [('dysphagia', 'Difficulty swallowing?'), ('weight_loss', 'Weight loss without trying?'),
                      ('haematemesis', 'Vomiting blood?'), ('rectal_bleeding', 'Bleeding from back passage?'),
                      ('jaundice', 'Yellow skin / eyes?'), ('abdo_pain', 'Tummy pain?')]:
        row = form_answer(lb, fact, lab, Y, N, B, allow_unknown=U)
        left.extend(col_wrap(row, 34, rng))
    right = ['OBSERVATIONS', 'BP %d/%d  HR %d  SpO2 %d%%' % (rng.randint(110, 150), rng.randint(65, 90), rng.randint(58, 96), rng.randint(95, 99)),
             'Weight %d kg  Height %d cm' % (rng.randint(52, 104), rng.randint(152, 188)), '', 'BLOODS']
    for it in lb.take('ix'):
        right.extend(col_wrap(lb.mk(it), 34, rng))
    right += ['', 'ANTICOAGULANTS: %s' % rng.choice(['none', 'apixaban - plan per protocol', 'aspirin 75']),
              'ALLERGIES: %s' % rng.choice(['NKDA', 'penicillin', 'none known']), 'SEDATION: %s' % rng.choice(['yes', 'throat spray only', 'no'])]
    out = [twocol(left, right, 36), '', 'NURSE COMMENTS / REASON FOR CONTACTING GI TEAM:']
    body = prose_body(lb)
    out.append(wrap('\n'.join(body), 74, rng))
    pt = priority_text(lb)
    out.append(wrap('Request: ' + (pt or 'please review and advise whether the booked procedure is still appropriate.'), 74, rng))
    out.append('Pre-assessment nurse: %s  %s' % (rng.choice(['S Marsh RN', 'K Adeyemi RN', 'L Byrne RN', 'J Patel RN']), rng.choice(['', 'bleep 4412'])))
    return '\n'.join(out)


def L_pro(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    pres = lambda: ' ' + rng.choice(['present', 'PRESENT', '+', '[*] present'])
    absn = lambda: ' ' + rng.choice(['absent', 'ABSENT', '-', 'absent'])
    blank = lambda: ' '
    left = ['1. PATIENT', 'Name: %s %s %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur']),
            'DOB: %s (%s)' % (ev_dob(lb, 0), ev_age(lb, 'y')), 'NHS: %s' % fmt_nhs(idn['nhs']), '',
            '2. SYMPTOMS  (present / absent)']
    rows = [('dysphagia', 'Dysphagia'), ('rectal_bleeding', 'Rectal bleeding'), ('bloody_diarrhoea', 'Bloody diarrhoea'),
            ('cibh', 'Change in bowel habit'), ('weight_loss', 'Weight loss (unexplained)'), ('abdo_pain', 'Abdominal pain'),
            ('jaundice', 'Jaundice'), ('abdominal_mass', 'Abdominal mass')]
    for fact, lab in rows:
        row = form_answer(lb, fact, lab + ':', pres, absn, blank)
        left.extend(col_wrap(row, 36, rng))
    right = ['3. INVESTIGATIONS (date / result)', 'Date of letter: %s' % ev_date(lb, 0)]
    for it in lb.take('ix'):
        right.extend(col_wrap(lb.mk(it), 34, rng))
    right += ['', '4. KNOWN GI DIAGNOSES']
    for it in lb.take('bg'):
        right.extend(col_wrap(lb.mk(it), 34, rng))
    if right[-1] == '4. KNOWN GI DIAGNOSES':
        right.append('none')
    pr = {'usc': 'USC', 'urgent': 'URGENT', 'routine': 'ROUTINE', 'advice': 'A&G', None: ''}
    opts = ['USC', 'URGENT', 'ROUTINE', 'A&G']
    right += ['', '5. PRIORITY REQUESTED', '  '.join(('%s %s' % (T(lb) if o == pr[sc['gp_level']] else E(lb), o)) for o in opts)]
    out = [twocol(left, right, 38), '', '6. CLINICAL SUMMARY (free text)']
    out.append(wrap('\n'.join(prose_body(lb)), 76, rng))
    out.append('Referrer: %s   %s   Code %s' % (idn['doc'], idn['practice'][0], idn['practice'][1]))
    return '\n'.join(out)


def L_priv(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['Client: %s %s %s   Date of birth: %s   Client ref: VH-%06d' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'],
                                                                         ev_dob(lb, 1), rng.randint(0, 999999)),
           'Assessment date: %s   Package: %s' % (ev_date(lb, 1), rng.choice(['Platinum', 'Executive Plus', 'Essential 50+'])),
           'Registered GP: %s, %s' % (idn['doc'], idn['practice'][0]), '', 'LABORATORY RESULTS',
           'Test              Result        Reference      Flag']
    for it in lb.take('ix'):
        if it.get('value') is not None and it['fact'] in ('hb', 'ferritin', 'alt', 'calpro', 'fit'):
            k, v = it['fact'], it['value']
            nm = {'hb': 'Haemoglobin', 'ferritin': 'Ferritin', 'alt': 'ALT', 'calpro': 'Calprotectin', 'fit': 'FIT (qFIT)'}[k]
            shown = sc['fit_disp'] if k == 'fit' else ('%.1f g/dL' % (v / 10.0) if (k == 'hb' and sc['hb_unit'] == 'dL') else
                                                     '%s %s' % (v, {'hb': 'g/L', 'ferritin': 'ug/L', 'alt': 'U/L', 'calpro': 'ug/g'}[k]))
            rg = {'hb': '130 - 170' if sc['sex'] == 'M' else '120 - 150', 'ferritin': '30 - 300', 'alt': '< 40', 'calpro': '< 50', 'fit': '< 10'}[k]
            out.append(lb.mk(it, '%-17s %-13s %-14s %s' % (nm, shown, rg, rng.choice(['*', '', '!']) if rng.random() < 0.5 else '')))
        else:
            out.append(lb.mk(it))
    out.append('Cholesterol       %.1f mmol/L    < 5.0' % (rng.randint(38, 68) / 10.0))
    out.append('HbA1c             %d mmol/mol   < 42' % rng.randint(31, 47))
    out.append('')
    out.append('PHYSICIAN SUMMARY')
    out.append('This %s attended for a private health assessment.' % ev_age(lb, rng.choice(['yo', 'words'])))
    out.append(' '.join(prose_body(lb)))
    pt = priority_text(lb)
    out.append('Recommendation: referral to an NHS gastroenterologist. ' + (pt if pt else ''))
    out.append('Dr %s, Health Screening Physician' % rng.choice(['Y Novak', 'C Sterling', 'A Raman']))
    out.append('cc: %s (registered GP); client' % idn['doc'])
    return '\n'.join(out)


def L_redflag(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['%s  |  %s  |  Tel 01632 9%05d' % (idn['practice'][0], idn['practice'][2], rng.randint(0, 99999)),
           'Date: %s' % ev_date(lb, 1),
           'Patient: %s %s %s, DOB %s, NHS %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], ev_dob(lb, 0), fmt_nhs(idn['nhs'])),
           '']
    hdrs = [('Presenting complaint: ', ['complaint']), ('Examination: ', ['exam']), ('Red flags screened: ', ['neg']),
            ('What I have done: ', ['ix']), ('Relevant history: ', ['bg', 'old', 'past', 'extra']),
            ('Family history: ', ['fam', 'fh']), ('Concerns: ', ['refuted']), ('Safety netting: ', ['hypo']),
            ('What I would like: ', ['question'])]
    for h, sects in hdrs:
        its = []
        for s in sects:
            its += lb.take(s)
        if not its:
            if rng.random() < 0.4:
                out.append(h + rng.choice(['nil', 'none', 'n/a']))
            continue
        if h.startswith('Red flags') and rng.random() < 0.6:
            out.append(h.strip())
            out.extend('- ' + lb.mk(it) for it in its)
        elif h.startswith('What I have done') and rng.random() < 0.5:
            out.append(h.strip())
            out.extend('%d. %s' % (i + 1, lb.mk(it)) for i, it in enumerate(its))
        else:
            out.append(h + '; '.join(lb.mk(it) for it in its))
    pt = priority_text(lb)
    out.append('Priority requested: ' + (pt if pt else 'at your discretion'))
    out.append('')
    out.append(idn['doc'] + ', GP')
    return '\n'.join(out)


def gp_header(lb, idn, age_mode=None):
    sc, rng = lb.sc, lb.rng
    out = [idn['practice'][0], idn['practice'][2], 'Practice code %s' % idn['practice'][1], '', ev_date(lb, rng.choice([0, 1, 3])), '',
           'Dear %s,' % rng.choice(['Colleague', 'Doctor', 'Gastroenterology team', 'Dr Okonjo']), '']
    re_ = 'Re: %s %s %s, DOB %s, NHS No %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], ev_dob(lb, 0), fmt_nhs(idn['nhs']))
    out.append(re_)
    out.append('')
    return out


def L_formal(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = gp_header(lb, idn)
    out.append('Thank you for seeing this %s, whom I saw in surgery.' % ev_age(lb, rng.choice(['yo', 'words', 'yo'])))
    out.extend(prose_body(lb))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('')
    out.append(rng.choice(['Yours sincerely,', 'With kind regards,', 'Yours faithfully,']))
    out.append(idn['doc'])
    out.append(idn['practice'][0])
    if rng.random() < 0.4:
        out.append('cc: patient; %s' % rng.choice(['practice notes', 'Dr Okonjo', 'community nursing team']))
    return '\n'.join(out)


def L_terse(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    xs = []
    for sect in ['complaint', 'exam', 'ix', 'bg', 'old', 'neg', 'fam', 'past', 'refuted', 'fh', 'question', 'hypo', 'extra']:
        for it in lb.take(sect):
            xs.append(lb.mk(it))
    pt = priority_text(lb)
    lines = ['%s  %s %s %s  DOB %s  NHS %s' % (ev_date(lb, 0), ev_sex(lb, idn['title']), idn['first'][0], idn['sur'], ev_dob(lb, 0), idn['nhs']),
             '%s: %s.' % (ev_age(lb, 'y'), '. '.join(cap(x) for x in xs)), (pt + ' ' if pt else '') + 'Thanks, ' + idn['doc'].split()[-1]]
    return '\n'.join(lines)


def L_lower(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['%s' % idn['practice'][0], ev_date(lb, 0), '',
           'dear gi team', '', 're %s %s %s dob %s nhs %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], ev_dob(lb, 0), idn['nhs']), '']
    body = prose_body(lb)
    out.append('i saw this %s today ' % ev_age(lb, rng.choice(['yo', 'words'])) + ' '.join(body))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('thanks ' + idn['doc'])
    return lowercase_nopunct('\n'.join(out))


def L_abbr(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['%s (%s)' % (idn['practice'][0], idn['practice'][1]), 'Date: %s' % ev_date(lb, 2), '',
           'Re: %s %s %s  DOB %s  NHS %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], ev_dob(lb, 2), fmt_nhs(idn['nhs'])), '',
           'Dear Dr,', '', '%s %s' % (ev_age(lb, 'y'), 'M' if sc['sex'] == 'M' else 'F')]
    for sect in ['complaint', 'exam', 'ix', 'neg', 'bg', 'old', 'past', 'fam', 'refuted', 'fh', 'question', 'hypo', 'extra']:
        its = lb.take(sect)
        if not its:
            continue
        pre = {'complaint': 'HPC', 'exam': 'O/E', 'ix': 'Ix', 'neg': 'Neg', 'bg': 'PMH', 'old': 'Prev', 'past': 'Past',
               'fam': 'FH', 'refuted': 'SH', 'fh': 'FH', 'question': 'Q', 'hypo': 'SN', 'extra': 'Other'}[sect]
        if rng.random() < 0.5:
            out.append('%s:' % pre)
            out.extend('  - ' + lb.mk(it) for it in its)
        else:
            out.append('%s: %s' % (pre, '; '.join(lb.mk(it) for it in its)))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('Thx, ' + idn['doc'])
    return '\n'.join(out)


def L_third(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = gp_header(lb, idn)
    c = rng.randrange(3)
    if c == 0:
        out.append('I am writing on behalf of my partner, who saw the patient last week, and I saw the patient again myself today.')
    elif c == 1:
        out.append('The patient is a %s who came to see me this week.' % ev_age(lb, 'yo'))
    else:
        out.append('I would be grateful if you would see the patient, a lovely %s, who has been coming to see us on and off.' % ev_age(lb, 'words'))
    if not any(m['fact'] == 'age' for m in lb.ms):
        out.append('The patient is %s old.' % ev_age(lb, 'years'))
    body = prose_body(lb)
    out.extend(body)
    out.append(rng.choice(['The patient is keen to get this sorted and is worried.', 'The patient is relaxed about things but I thought it worth asking.',
                           'As ever, the patient was a pleasure to see.']))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('')
    out.append('Best wishes,')
    out.append(idn['doc'])
    return '\n'.join(out)


def L_111(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    caller = rng.choice(['patient', 'patient\'s %s' % rng.choice(['wife', 'husband', 'daughter', 'son'])])
    out = ['NHS 111 CLINICAL ASSESSMENT SERVICE - ENCOUNTER REPORT', 'Case ref: 111-%08d   Call date: %s' % (rng.randint(0, 99999999), ev_date(lb, 0)),
           'Patient: %s %s %s   DOB: %s   NHS: %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'].upper(), ev_dob(lb, 0), idn['nhs']),
           'Registered GP: %s' % idn['practice'][0], 'Caller: %s' % caller, '',
           'PATHWAYS DISPOSITION: %s' % rng.choice(['Speak to GP practice within 24 hours', 'Contact own GP within 3 days', 'Clinician call back']),
           '', 'CLINICIAN NOTES:']
    body = prose_body(lb)
    out.append(' '.join(body))
    out.append('')
    pt = priority_text(lb)
    out.append('OUTCOME: Copy sent to GP and to gastroenterology for information. ' + (pt or ''))
    out.append('Clinician: %s, Clinical Advisor (%s)' % (rng.choice(['A Hussain', 'R Doyle', 'M Kaczmarek']), rng.choice(['RN', 'paramedic', 'ANP'])))
    return '\n'.join(out)


def L_wic(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['Northport Walk-in Centre, Harbour Road', 'Date seen: %s' % ev_date(lb, 1), '',
           'To: Gastroenterology / cc GP (%s)' % idn['practice'][0], '',
           'Patient %s %s %s   DOB %s   NHS %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], ev_dob(lb, 0), idn['nhs']), '',
           'Dear colleague,', '',
           'I saw this %s at the walk-in centre today.' % ev_age(lb, rng.choice(['yo', 'words']))]
    out.extend(prose_body(lb))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('They have been advised to contact their own GP to follow this up as well.')
    out.append('%s, Emergency Nurse Practitioner' % rng.choice(['Kath Lowry', 'Daniel Osei', 'Meera Shah']))
    return '\n'.join(out)


def L_matron(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['Date: %s' % ev_date(lb, 1), 'Re: %s %s %s (%s), DOB %s, NHS %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'],
                                                                              ev_age(lb, 'y'), ev_dob(lb, 0), fmt_nhs(idn['nhs'])),
           '%s' % idn['street'], '', 'Dear Doctor,', '',
           'I am %s community matron and visit %s at home for %s.' % (P['his'], P['him'], rng.choice(['COPD', 'heart failure', 'frailty and falls', 'diabetes and leg ulcers'])) +
           ' I have discussed this with %s, %s GP, who asked me to write directly.' % (idn['doc'], P['his'])]
    first = [p for p in [para_for(lb, 'bg', lb.take('bg')), para_for(lb, 'complaint', lb.take('complaint'))] if p]
    body = prose_body(lb)
    if first:
        out.append('At my visit %s weeks ago: ' % rng.choice(['two', 'three', 'four']) + ' '.join(first))
        out.append('At my visit this week ' + rng.choice(['this is ongoing and unchanged.', 'things are no better.',
                                                         'the problem is still there.']) + (' ' + ' '.join(body) if body else ''))
    else:
        out.append('At my visit this week: ' + ' '.join(body))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('Yours sincerely,')
    out.append('%s, Community Matron' % rng.choice(['Bernadette Kaye', 'Sue Ellery', 'Tom Riordan']))
    return '\n'.join(out)


def L_pharm(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    out = ['%s - Clinical Pharmacist Structured Medication Review' % idn['practice'][0], 'Date of review: %s' % ev_date(lb, 0),
           'Patient: %s %s %s   DOB %s   NHS %s' % (ev_sex(lb, idn['title']), idn['first'], idn['sur'], ev_dob(lb, 0), fmt_nhs(idn['nhs'])), '',
           'Current medicines reviewed:']
    meds = ['Folic acid 5mg weekly', 'Calcichew D3 Forte, 1 bd', 'Paracetamol 1g qds prn', 'Amlodipine 5mg od',
            'Lansoprazole 15mg od', 'Propranolol 40mg bd', 'Spironolactone 100mg od', 'Loperamide 2mg prn']
    for m in rng.sample(meds, 3):
        out.append('  - ' + m)
    bg = lb.take('bg')
    for it in bg:
        out.append('  - ' + lb.mk(it))
    out.append('')
    out.append('Dear Gastroenterology team,')
    out.append('I am the practice pharmacist and carried out this %s\'s medication review (discussed with %s).' % (
        ev_age(lb, rng.choice(['yo', 'words'])), idn['doc']))
    out.extend(prose_body(lb))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('Kind regards,')
    out.append('%s, Clinical Pharmacist (IP)' % rng.choice(['Nadia Farouk', 'Gwen Pryor', 'Ollie Chen']))
    return '\n'.join(out)


def L_mil(lb):
    sc, rng, P = lb.sc, lb.rng, lb.P
    idn = ident(lb)
    rank = rng.choice(['Cpl', 'LCpl', 'Sgt', 'Pte', 'Flt Lt', 'SAC', 'Capt', 'WO2'])
    out = ['Defence Primary Healthcare - %s Medical Centre' % rng.choice(['Catterick', 'Brize Norton', 'Tidworth', 'Lossiemouth']),
           'Date: %s' % ev_date(lb, 1), '',
           'Patient: %s %s %s (%s %s)  Service No: %s%06d' % (rank, idn['first'], idn['sur'], ev_sex(lb, 'male' if sc['sex'] == 'M' else 'female'),
                                                           ev_age(lb, 'y'), rng.choice(['', '30', '25']), rng.randint(0, 999999)),
           'DOB: %s   NHS: %s' % (ev_dob(lb, 0), fmt_nhs(idn['nhs'])),
           'Medical employment standard: %s' % rng.choice(['MFD', 'MLD', 'MND (temporary)']), '', 'Dear Colleague,', '']
    out.extend(prose_body(lb))
    out.append(rng.choice(['Operational deployment is due in the next few months; an early opinion would help with grading.',
                           'The patient is currently on light duties.', 'No occupational restrictions at present.']))
    pt = priority_text(lb)
    if pt:
        out.append(pt)
    out.append('Yours sincerely,')
    out.append('%s, Civilian Medical Practitioner / SMO' % rng.choice(['Maj K Boyd', 'Dr P Alder', 'Sqn Ldr H Ndlovu']))
    return '\n'.join(out)


RENDER = {'ers_template_typed': (L_ers, 'prose', False), 'lowergi_2ww_form_fax_scanned': (L_lgi, 'prose', False),
          'uppergi_2ww_form_photocopy_scanned': (L_ugi, 'prose', False), 'soap_template_typed': (L_soap, 'abbr', False),
          'gp_system_paste_typed': (L_paste, 'prose', False), 'clinic_letter_copy_scanned': (L_clinic, 'prose', False),
          'endoscopy_preassessment_twocol_scanned': (L_endo, 'lay', False),
          'gastro_proforma_twocol_scanned': (L_pro, 'prose', False),
          'private_healthcheck_report_scanned': (L_priv, 'prose', False),
          'redflag_headings_template_typed': (L_redflag, 'prose', False), 'gp_formal_letter_typed': (L_formal, 'prose', False),
          'gp_terse_typed': (L_terse, 'abbr', False), 'gp_lowercase_nopunct_typed': (L_lower, 'prose', False),
          'gp_abbreviations_typed': (L_abbr, 'abbr', False), 'gp_partner_third_person_typed': (L_third, 'prose', True),
          'nhs111_summary_fax_scanned': (L_111, 'lay', False), 'walkin_nurse_fax_scanned': (L_wic, 'lay', False),
          'community_matron_photocopy_scanned': (L_matron, 'lay', False),
          'practice_pharmacist_review_typed': (L_pharm, 'prose', False),
          'forces_medical_officer_scanned': (L_mil, 'prose', False)}


SLIPS = [('grateful', 'greatful'), ('appreciated', 'apreciated'), ('referral', 'referal'), ('seeing', 'seing'),
         ('sincerely', 'sincerly'), ('regards', 'regrads'), ('appointment', 'appointmnet'), ('Thank', 'Thnak'),
         ('discussed', 'dicussed'), ('surgery', 'sugery'), ('writing', 'writting'), ('advice', 'advise')]


def spelling_noise(text, rng):
    """slips only in words outside every fact span"""
    out, open_spans, changed = [], set(), []
    for tok in re.split(r'( |\n)', text):
        inside = bool(open_spans)
        for ch in tok:
            o = ord(ch)
            if 0xE000 <= o < 0xE800:
                open_spans.add(o)
                inside = True
            elif 0xE800 <= o < 0xF000:
                open_spans.discard(o - 0x800)
                inside = True
        if not inside:
            for a, b in SLIPS:
                if a in tok and rng.random() < 0.7 and len(changed) < 2:
                    tok = tok.replace(a, b, 1)
                    changed.append(b)
                    break
        out.append(tok)
    return ''.join(out), changed


def extract(text):
    out, starts, ends = [], {}, {}
    n = 0
    for ch in text:
        o = ord(ch)
        if 0xE000 <= o < 0xE800:
            starts[o - 0xE000] = n
        elif 0xE800 <= o < 0xF000:
            ends[o - 0xE800] = n
        else:
            out.append(ch)
            n += 1
    return ''.join(out), starts, ends


def make_letter(n, layout, rule, k):
    lid = 'L29-%04d' % n
    sc = build(rule, layout, k)
    rng = R('dates', layout, k)
    sc['letter'], sc['dob'] = make_dates(rng, sc['age'], sc['near_birthday'])
    sc['gp_level'] = choose_priority(sc, layout, R('prio', layout, k))
    fn, reg, third = RENDER[layout]
    lb = LB(sc, layout, lid, R('render', layout, k), third, reg)
    text = fn(lb)
    left = [it for it in lb.unused() if it['role'] in ('pos', 'value', 'dist')]
    assert not left, (lid, layout, rule, left)
    slips = []
    prof = PROFILES.get(layout)
    idn = ident(lb)
    if prof:
        info = dict(faxtime='%s %02d:%02d' % (d_uk(sc['letter'], 2), R('fax', lid).randint(8, 18), R('fax2', lid).randint(0, 59)),
                    faxno='01632 9%05d' % R('faxno', lid).randint(0, 99999), trust=HOSPITAL,
                    name='%s %s' % (idn['first'], idn['sur']), hosp=idn['hosp'],
                    printed=d_uk(sc['letter'] + datetime.timedelta(days=1)))
        text = ocr_pass(text, prof, R('ocr', layout, k), info)
    elif R('slip', layout, k).random() < 0.13:
        text, slips = spelling_noise(text, R('slip2', layout, k))
    plain, starts, ends = extract(text)
    assert classify_all(sc) == {rule}, (lid, classify_all(sc))
    ev, di, ctx, unr = [], [], [], []
    for i, m in enumerate(lb.ms):
        span = plain[starts[i]:ends[i]]
        rec = dict(fact=m['fact'], text=span, clean=m['clean'])
        if m['garbles']:
            rec['garbles'] = m['garbles']
        if m.get('value') is not None:
            rec['value'] = m['value']
        if m['role'] in ('pos', 'value'):
            rec['role'] = 'positive' if m['role'] == 'pos' else ('normal_value' if m['kind'] == 'normal_value' else 'value')
            ev.append(rec)
            if m['kind'] == 'normal_value':
                di.append(dict(rec, kind='normal_value'))
        elif m['role'] == 'dist':
            rec['kind'] = m['kind']
            di.append(rec)
        elif m['role'] == 'unreadable':
            unr.append(rec)
        else:
            ctx.append(rec)
    urg, pw = RULE_LABEL[rule]
    facts = dict(age=sc['age'], sex=sc['sex'], letter_date=sc['letter'].isoformat(), dob=sc['dob'].isoformat(),
                 symptoms=sorted(sc['sym']), cibh_type=sc['cibh_type'] if 'cibh' in sc['sym'] else None,
                 values=sc['vals'], fit_display=sc['fit_disp'], hb_unit_written=('g/dL' if sc['hb_unit'] == 'dL' else 'g/L') if 'hb' in sc['vals'] else None,
                 ppi_weeks=sc['ppi_weeks'], known_ibd=sc['ibd'], ibd_stable=sc['ibd_stable'] if sc['ibd'] else None,
                 ibd_management_question=bool(sc['mgmt_q']), known_cirrhosis=sc['cirrhosis'], ttg_raised=sc['ttg_raised'],
                 fatty_liver_on_imaging=sc['fatty_liver_imaging'], family_history_crc=sc['fh_crc'],
                 known_context=[x['key'] for x in sc['known']], unreadable_answers=list(sc['unreadable']))
    garbled = [dict(fact=e['fact'], ops=e['garbles']) for e in ev + di if e.get('garbles')]
    meta = dict(id=lid, style=layout, rule=rule, urgency=urg, pathway=pw, scanned_ocr=bool(prof),
                form_or_structured=layout in FORMS, near_line=sc['near'], emphasis=sorted(sc['emph']),
                gp_priority_level=sc['gp_level'], gp_priority_disagrees=(sc['gp_level'] is not None and sc['gp_level'] != URG_LEVEL[urg]),
                facts=facts, evidence=ev, distractors=di, context=ctx, unreadable=unr, garbled_facts=garbled,
                spelling_slips=slips, build_attempt=sc['attempt'])
    rec = dict(id=lid, text=plain, urgency=urg, pathway=pw, rule=rule, style=layout,
               gp_priority=PRIORITY_WORDS[sc['gp_level']] if sc['gp_level'] else None, age=sc['age'])
    return rec, meta


def main(outdir):
    jobs = []
    for layout in LAYOUTS:
        for k, rule in enumerate(LAYOUT_RULES[layout].split()):
            jobs.append((layout, rule, k))
    R('order').shuffle(jobs)
    recs, metas = [], []
    for n, (layout, rule, k) in enumerate(jobs, 1):
        rec, meta = make_letter(n, layout, rule, k)
        recs.append(rec)
        metas.append(meta)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, 'letters.jsonl'), 'w', encoding='utf-8', newline='\n') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    with open(os.path.join(outdir, 'letters_meta.jsonl'), 'w', encoding='utf-8', newline='\n') as f:
        for m in metas:
            f.write(json.dumps(m, ensure_ascii=False) + '\n')
    sha = hashlib.sha256(open(os.path.join(outdir, 'letters.jsonl'), 'rb').read()).hexdigest()
    write_readme(outdir, recs, metas, sha)
    return sha


def counter(xs):
    d = {}
    for x in xs:
        d[x] = d.get(x, 0) + 1
    return d


def table(d, order=None):
    keys = order or sorted(d)
    return '\n'.join('| %s | %d |' % (k, d.get(k, 0)) for k in keys)


def write_readme(outdir, recs, metas, sha):
    urg = counter(r['urgency'] for r in recs)
    pw = counter(r['pathway'] for r in recs)
    rl = counter(r['rule'] for r in recs)
    st = counter(r['style'] for r in recs)
    ocr = sum(m['scanned_ocr'] for m in metas)
    known = sum(1 for m in metas if m['emphasis'])
    near = sum(1 for m in metas if m['near_line'])
    dis = sum(1 for m in metas if m['gp_priority_disagrees'])
    nul = sum(1 for m in metas if m['gp_priority_level'] is None)
    rule_order = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'R1', 'R2', 'R3', 'O1', 'O2', 'O3', 'O4', 'O5', 'A1', 'O6', 'A2', 'A3', 'D']
    lay_rows = '\n'.join('| %s | %s | %s | %d |' % (l, 'form/structured' if l in FORMS else 'free text',
                                                    'scanned (OCR)' if l in SCANNED else 'typed', st[l]) for l in LAYOUTS)
    txt = README_TMPL.format(sha=sha, urg=table(urg, ['urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance']),
                             pw=table(pw, ['lower_gi', 'upper_gi', 'ibd', 'hepatology', 'general_gi']),
                             rl=table(rl, rule_order), lay=lay_rows, ocr=ocr, known=known, near=near, dis=dis, nul=nul)
    with open(os.path.join(outdir, 'README.md'), 'w', encoding='utf-8', newline='\n') as f:
        f.write(txt)


README_TMPL = '''# letters29 - sealed test set of 300 gastroenterology referral letters

sha256 of `letters.jsonl`: `{sha}`

Written from three sources only: `/work/shared/clinical/referral-triage-spec.md` (the labelling rules; the
first matching rule decides urgency and pathway), the brief `letters29.md`, and general knowledge of UK
general practice and NHS referral writing. Nothing else (no system code, training data or other sets) was
read. Python 3 standard library only; every random choice is seeded from strings (sha256 of
`letters29|...`), so `python3 make_set.py [outdir]` reproduces every file byte for byte.

## Files
- `letters.jsonl` - 300 letters: id, text, urgency, pathway, rule, style, gp_priority (the writer's request in
  plain words, or null), age.
- `letters_meta.jsonl` - per id: the facts drawn (age, sex, letter date, DOB, symptoms, values, known
  conditions...), every evidence string for each positive fact and value (`text` = exactly as it stands in the
  letter, `clean` = before OCR damage, `garbles` = what the OCR rendering changed), every distractor with its
  kind (negated, family_history, other_person, resolved_past, hypothetical, reported_refuted, normal_value,
  superseded_value, old_result, form_answer_no, unticked_box), partly-read handwritten answers
  (`unreadable`), near-line note, emphasis tags, requested priority and whether it disagrees with the label.
- `make_set.py` - the generator. `validate_set.py` - an independent re-check (its own rule engine, does not
  import the generator). `second_pass.tsv` - blind hand re-labelling of 50 random letters.

## How it was made
1. Each of the 20 layouts was given a hand-chosen list of 15 target rules, so that the whole set sits near
   the spec's natural mix (about 30% urgent_suspected_cancer, 15% urgent, 35% routine, 20% advice).
2. For each slot a scenario (facts + distractors) was drawn for the target rule, with near-line variants
   (ages 39/40, 49/50, 54/55, 59/60; FIT 9/10; Hb one below the sex threshold, Hb exactly at it; ferritin
   29/30; calprotectin 99/100, 249/250; ALT 39/40, 299/300; PPI 3 vs 4 weeks) and known-patient contexts.
3. Every scenario is re-labelled under 64 readings of the spec's loose words (does epigastric pain count as
   "abdominal pain" for U8/A1/O6? is it "dyspepsia" for A2? does dyspepsia count as abdominal pain? does
   bloody diarrhoea count as rectal bleeding / change in bowel habit? do rectal bleeding with loose stools make
   "bloody diarrhoea"? is A1's "no other fact above" strict or just "no rule above matched"?) and over both
   values of any partly-read handwritten answer. A scenario is kept only if every reading gives the same rule;
   otherwise it is redrawn. So no label depends on how a loose word is read.
4. The letter is rendered by its layout; every fact-bearing phrase is wrapped in invisible markers so that its
   exact final text (after OCR damage, line wrapping, hyphenation and page furniture) is recorded as evidence.
5. Scanned layouts then pass through an OCR rendering: fact phrases get at most one or two single character
   confusions (l/1, O/0, rn/m, cl/d, li/h, i/l, e/c) or a broken word, numbers only as 1->l or 0->O and
   never in a letter whose label sits near a line, never in ages or dates; the rest of the text gets the same
   confusions plus joined and broken words; lines are wrapped at the page width with hyphenation; fax banners,
   page headers/footers and stray marks (". ," "|" "~") land between lines; tick boxes come back as each
   layout's engine returns them.
6. Old findings (copied clinic letters, dated old scopes and results) are written dated and in the past; the
   label uses only what the letter asserts about the patient now (an old value that would matter is always
   accompanied by the current state).

## Counts
Urgency:

| urgency | n |
| --- | --- |
{urg}

Pathway:

| pathway | n |
| --- | --- |
{pw}

Rule:

| rule | n |
| --- | --- |
{rl}

Layouts (style), 15 letters each:

| style | kind | paper | n |
| --- | --- | --- | --- |
{lay}

- OCR (scanned) letters: {ocr}
- known-patient / question / multi-problem / copied-clinic-letter letters: {known}
- letters near a line the spec draws: {near}
- requested priority disagrees with the label: {dis} (no priority stated: {nul})

## Scanned layouts and their damage
- lowergi_2ww_form_fax_scanned: faxed 2WW proforma, fax banner on every page, ticks as [X]/IX]/[x], empty [ ]/[].
- uppergi_2ww_form_photocopy_scanned: photocopied form, circled answers "(YES) / NO", "YES / (N0)"; ticks V, v/; empty O.
- clinic_letter_copy_scanned: printed hospital clinic letter with the GP's new note below; trust header and
  "CONFIDENTIAL - Page x of y" footers mid-text; hyphenation.
- endoscopy_preassessment_twocol_scanned: two-column nurse form read across both columns; handwritten Y/N answers
  partly read ("7es", "N0", "?"); a "?" never decides a label.
- gastro_proforma_twocol_scanned: two-column trust proforma, present/absent and +/- answers, [*] ticks.
- private_healthcheck_report_scanned: report with a results table (reference ranges, flags), letterhead/footer.
- nhs111_summary_fax_scanned, walkin_nurse_fax_scanned: faxed free text, banners, "|" margins, heavy wrapping.
- community_matron_photocopy_scanned: photocopied letter describing two visits, page numbers mid-text.
- forces_medical_officer_scanned: scanned letter with repeated OFFICIAL SENSITIVE header/footer.

## Second pass
50 letters drawn at random (seeded) were re-read blind from the text alone and labelled by hand; see
`second_pass.tsv` for each label, any disagreement and the fix. The sample is
`sorted(random.Random('letters29-second-pass').sample(range(300), 50))` (0-based line numbers). Result: 50 of 50
hand labels agreed with the set (rule, urgency and pathway). Six letters showed wording faults (a filler
"reason" line read as "He complains of results...", GGT placed among symptoms, a missing colon); the generator
was fixed, the set regenerated, and the changed sample letters re-read: labels unchanged.
'''


if __name__ == '__main__':
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    print(main(out))
