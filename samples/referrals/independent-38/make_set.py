#!/usr/bin/env python3
"""make_set.py - generator of the sealed test set "letters38".

300 gastroenterology referral letters written against the labelling rules in
/work/shared/clinical/referral-triage-spec.md (first matching rule decides).
Python 3 standard library only.  Every random choice is drawn from a
random.Random seeded with sha256 of a string, so reruns are byte-identical.

Emphasis of this set: several problems in one letter and their order.

Outputs (next to this file): letters.jsonl, letters_meta.jsonl.
"""
import datetime
import hashlib
import json
import os
import random
import re
import sys

OUT = os.path.dirname(os.path.abspath(__file__))
SET = 'letters38'
N_LETTERS = 300


def rng_for(*parts):
    h = hashlib.sha256(('|'.join(str(p) for p in parts)).encode('utf-8')).hexdigest()
    return random.Random(int(h[:16], 16))


# ---------------------------------------------------------------- segments
# A letter is built as a list of segments (text, annotation).  Annotations:
#   None                              plain text without clinical content
#   {'type':'filler'}                 plain text that may receive a spelling slip
#   {'type':'fact', fact, value}      positive current fact (evidence)
#   {'type':'distractor', fact, kind} negated / family / resolved / hypothetical ...
#   {'type':'superseded', fact, value} an earlier result replaced by a later one
#   {'type':'context', kind}          headings, titles, requested priority, concerns

def t(s):
    return (s, None)


def fl(s):
    return (s, {'type': 'filler'})


def ev(fact, value, s):
    return (s, {'type': 'fact', 'fact': fact, 'value': value})


def ds(fact, kind, s):
    if isinstance(fact, str):
        fact = [fact]
    return (s, {'type': 'distractor', 'fact': list(fact), 'kind': kind})


def ss(fact, value, s):
    return (s, {'type': 'superseded', 'fact': fact, 'value': value})


def cx(kind, s):
    return (s, {'type': 'context', 'kind': kind})


def st(*segs, visit=None, lab=False, rows=None):
    """A statement (sentence / bullet) made of segments."""
    return {'segs': list(segs), 'visit': visit, 'lab': lab, 'rows': rows or []}


def seg_text(segs):
    return ''.join(s for s, _ in segs)


# ---------------------------------------------------------------- people
F_FIRST = ['Margaret', 'Susan', 'Patricia', 'Linda', 'Janet', 'Carol', 'Helen', 'Sarah', 'Emma', 'Rachel',
           'Joanne', 'Claire', 'Nicola', 'Gemma', 'Laura', 'Amy', 'Chloe', 'Sophie', 'Priya', 'Aisha',
           'Fatima', 'Nadia', 'Grace', 'Eileen', 'Doreen', 'Maureen', 'Brenda', 'Sandra', 'Tracey', 'Kerry',
           'Bethan', 'Siobhan', 'Ewa', 'Agnieszka', 'Olena', 'Hannah', 'Lucy', 'Megan', 'Jasmine', 'Zainab',
           'Rita', 'Irene', 'Pauline', 'Yvonne', 'Shona', 'Fiona', 'Ruth', 'Alison', 'Wendy', 'Kirsty']
M_FIRST = ['John', 'David', 'Michael', 'Peter', 'Robert', 'Paul', 'Stephen', 'Andrew', 'Mark', 'Gary',
           'Ian', 'Keith', 'Graham', 'Trevor', 'Colin', 'Brian', 'Alan', 'Derek', 'Kevin', 'Darren',
           'Lee', 'Craig', 'Jamie', 'Ryan', 'Liam', 'Callum', 'Tom', 'Ben', 'Mohammed', 'Imran',
           'Tariq', 'Rajesh', 'Sanjay', 'Tomasz', 'Piotr', 'Kwame', 'Femi', 'Owen', 'Rhys', 'Gareth',
           'Dennis', 'Raymond', 'Ernest', 'Frank', 'Harold', 'Stuart', 'Neil', 'Wayne', 'Dean', 'Connor']
SURN = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
        'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke',
        'Patel', 'Khan', 'Ahmed', 'Hussain', 'Begum', 'Singh', 'Kaur', 'Lewis', 'Harris', 'Martin',
        'Cooper', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson',
        'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter',
        'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khatun',
        'Nowak', 'Kowalski', 'Okafor', 'Mensah', 'Owusu', 'McDonald', 'Campbell', 'Stewart', 'Reid', 'Fraser',
        'Pugh', 'Hughes', 'Rees', 'Llewellyn', 'Doyle', 'Byrne', 'Quinn', 'Ward', 'Marsh', 'Holt']
DOC_FIRST = ['Anna', 'Ben', 'Catherine', 'Daniel', 'Eleanor', 'Farhan', 'Gwen', 'Hamish', 'Isla', 'Jonathan',
             'Kiran', 'Louise', 'Matthew', 'Naomi', 'Oliver', 'Preeti', 'Quentin', 'Rosalind', 'Samir', 'Tessa',
             'Umar', 'Victoria', 'William', 'Yasmin', 'Zoe', 'Alistair', 'Bronwen', 'Chidi', 'Deborah', 'Euan']
PRACTICES = [('Meadowbank Surgery', 'Meadowbank Road', 'Ashford'), ('The Old Mill Practice', 'Mill Lane', 'Kirkby'),
             ('Riverside Medical Centre', 'Quay Street', 'Barnford'), ('Hollybush Health Centre', 'Hollybush Way', 'Thornley'),
             ('Castle View Surgery', 'Castle Street', 'Aldbury'), ('Park Lane Medical Practice', 'Park Lane', 'Wexham'),
             ('St Aidan\'s Surgery', 'Church Walk', 'Elmstead'), ('Greenfields Family Practice', 'Greenfields Avenue', 'Hatherley'),
             ('Brookside Group Practice', 'Brook Street', 'Marston'), ('The Willows Medical Centre', 'Willow Close', 'Sandbury'),
             ('Harbour Surgery', 'Harbour Parade', 'Porthcove'), ('Station Road Surgery', 'Station Road', 'Lindfield'),
             ('Abbey Medical Group', 'Abbey Road', 'Newbridge'), ('Oakwood Health Centre', 'Oakwood Drive', 'Fenwick'),
             ('High Street Surgery', 'High Street', 'Crowhurst'), ('Valley Medical Practice', 'Valley Road', 'Glynmawr'),
             ('Northgate Medical Centre', 'Northgate', 'Caldwell'), ('Beacon Hill Surgery', 'Beacon Hill', 'Rowley'),
             ('Kingsway Practice', 'Kingsway', 'Aldermoor'), ('Moorside Surgery', 'Moor Lane', 'Heathcote'),
             ('Canal Side Medical Centre', 'Towpath Road', 'Lockington'), ('Elm Tree Surgery', 'Elm Grove', 'Stanwick'),
             ('Bridge Street Surgery', 'Bridge Street', 'Ferrybridge Green'), ('Market Square Practice', 'Market Square', 'Dunmore')]
HOSPITALS = ['Ashford General Hospital', 'Royal Barnford Infirmary', 'Newbridge District Hospital', 'Caldwell University Hospital',
             'St Hilda\'s Hospital', 'Marston Royal Hospital']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

NUMWORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
            'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']


def num_words(n):
    if n < 20:
        return NUMWORDS[n]
    tn, u = divmod(n, 10)
    return TENS[tn] + ('-' + NUMWORDS[u] if u else '')


def nhs_number(r):
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        if d[0] in (0, 9):
            continue
        s = sum(d[i] * (10 - i) for i in range(9))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = ''.join(map(str, d + [c]))
        return n[:3] + ' ' + n[3:6] + ' ' + n[6:]


def fmt_date(r, d, style=None):
    style = style if style is not None else r.randrange(6)
    if style == 0:
        return d.strftime('%d/%m/%Y')
    if style == 1:
        return d.strftime('%d.%m.%y')
    if style == 2:
        return '%d %s %d' % (d.day, MONTHS[d.month - 1], d.year)
    if style == 3:
        return '%02d-%s-%d' % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == 4:
        suf = 'th' if 11 <= d.day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d.day % 10, 'th')
        return '%d%s %s %d' % (d.day, suf, MONTHS[d.month - 1], d.year)
    return d.strftime('%d/%m/%y')


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ---------------------------------------------------------------- rules
URG = {'U1': 'urgent_suspected_cancer', 'U2': 'urgent_suspected_cancer', 'U3': 'urgent_suspected_cancer',
       'U4': 'urgent_suspected_cancer', 'U5': 'urgent_suspected_cancer', 'U6': 'urgent_suspected_cancer',
       'U7': 'urgent_suspected_cancer', 'U8': 'urgent_suspected_cancer', 'R1': 'urgent', 'R2': 'urgent',
       'R3': 'urgent', 'O1': 'routine', 'O2': 'routine', 'O3': 'advice_and_guidance', 'O4': 'routine',
       'O5': 'routine', 'A1': 'advice_and_guidance', 'O6': 'routine', 'A2': 'advice_and_guidance',
       'A3': 'advice_and_guidance', 'D': 'routine'}
PATH = {'U1': 'upper_gi', 'U2': 'lower_gi', 'U3': 'lower_gi', 'U4': 'lower_gi', 'U5': 'upper_gi', 'U6': 'lower_gi',
        'U7': 'hepatology', 'U8': 'lower_gi', 'R1': 'ibd', 'R2': 'hepatology', 'R3': 'upper_gi', 'O1': 'upper_gi',
        'O2': 'ibd', 'O3': 'ibd', 'O4': 'general_gi', 'O5': 'hepatology', 'A1': 'general_gi', 'O6': 'general_gi',
        'A2': 'upper_gi', 'A3': 'lower_gi', 'D': 'general_gi'}

GI_SYMPTOMS = ['dysphagia', 'rectal_mass', 'anal_mass', 'anal_ulceration', 'abdominal_mass', 'jaundice',
               'rectal_bleeding', 'bloody_diarrhoea', 'weight_loss', 'abdominal_pain', 'upper_abdominal_pain',
               'reflux', 'dyspepsia', 'change_in_bowel_habit', 'bloating', 'haematemesis', 'ascites', 'confusion',
               'nausea']


def num_value(v):
    """'<4' -> 3.999, 'negative'/'undetectable' -> 0, numbers unchanged."""
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    v = str(v).strip().lower()
    if v in ('negative', 'undetectable', 'not detected'):
        return 0.0
    if v.startswith('<'):
        return float(v[1:]) - 0.001
    if v.startswith('>'):
        return float(v[1:]) + 0.001
    return float(v)


def decide(F, age, sex, rd):
    """First matching rule of the spec, under one reading `rd` of its loose words."""
    g = lambda k: bool(F.get(k))
    hb = num_value(F.get('hb'))
    fer = num_value(F.get('ferritin'))
    fit = num_value(F.get('fit'))
    cal = num_value(F.get('calprotectin'))
    alt = num_value(F.get('alt'))
    anaemia = hb is not None and hb < (130 if sex == 'M' else 120)
    irondef = fer is not None and fer < 30
    ida = anaemia and irondef
    bd = g('bloody_diarrhoea')
    abd = g('abdominal_pain') or (rd['upper_as_abd'] and g('upper_abdominal_pain'))
    rb = g('rectal_bleeding') or (rd['bd_as_rb'] and bd)
    cibh = g('change_in_bowel_habit') or (rd['bd_as_rb'] and bd)
    wl = g('weight_loss')
    trd = g('treatment_resistant_dyspepsia') or (rd['reflux_as_dysp'] and g('reflux_after_ppi'))
    if g('dysphagia'):
        return 'U1'
    if g('rectal_mass') or g('anal_mass') or g('anal_ulceration'):
        return 'U2'
    if fit is not None and fit >= 10:
        return 'U3'
    if ida:
        return 'U4'
    if age >= 55 and wl and (g('upper_abdominal_pain') or g('reflux') or g('dyspepsia')):
        return 'U5'
    if g('abdominal_mass'):
        return 'U6'
    if age >= 40 and g('jaundice'):
        return 'U7'
    if fit is None and ((age >= 50 and rb) or (age >= 40 and wl and abd) or (age >= 60 and cibh)):
        return 'U8'
    if bd or (cal is not None and cal >= 250):
        return 'R1'
    if (g('known_cirrhosis') and (g('ascites') or g('confusion'))) or (alt is not None and alt >= 300):
        return 'R2'
    if g('haematemesis'):
        return 'R3'
    if age >= 55 and trd:
        return 'O1'
    if cal is not None and 100 <= cal < 250:
        return 'O2'
    if g('known_ibd') and g('ibd_stable') and g('ibd_management_question'):
        return 'O3'
    if g('coeliac_serology_positive'):
        return 'O4'
    if (alt is not None and 40 <= alt < 300) or g('fatty_liver_imaging'):
        return 'O5'
    if age < 50 and (abd or g('bloating') or cibh) and ((cal is not None and cal < 100) or (fit is not None and fit < 10)):
        other = [rb, wl, g('reflux'), g('dyspepsia'), g('upper_abdominal_pain'), anaemia, irondef, alt is not None,
                 g('jaundice'), bd, g('haematemesis'), g('known_cirrhosis'), g('known_ibd'), g('fatty_liver_imaging'),
                 g('coeliac_serology_positive'), g('treatment_resistant_dyspepsia'), g('reflux_after_ppi')]
        if not rd['a1_strict'] or not any(other):
            return 'A1'
    if (rb or cibh or abd) and fit is not None and fit < 10:
        return 'O6'
    if age < 55 and (g('dyspepsia') or g('reflux')):
        return 'A2'
    if g('family_history_crc'):
        sym = any(g(k) for k in GI_SYMPTOMS)
        if rd['a3_strict']:
            sym = sym or g('other_symptom') or anaemia or irondef or (alt is not None and alt >= 40) or g('known_ibd')
        if not sym:
            return 'A3'
    return 'D'


READINGS = []
for _a in (0, 1):
    for _b in (0, 1):
        for _c in (0, 1):
            for _d in (0, 1):
                for _e in (0, 1):
                    READINGS.append({'upper_as_abd': _a, 'bd_as_rb': _b, 'reflux_as_dysp': _c,
                                     'a1_strict': _d, 'a3_strict': _e})


def decide_all(F, age, sex):
    return sorted(set(decide(F, age, sex, rd) for rd in READINGS))


# ---------------------------------------------------------------- lab values
def hb_text(r, hb, reg):
    k = r.randrange(6)
    if k == 0:
        return 'Hb %d' % hb
    if k == 1:
        return 'Hb %d g/L' % hb
    if k == 2:
        return 'haemoglobin %.1f g/dL' % (hb / 10.0) if reg == 'prose' else 'Hb %.1f g/dL' % (hb / 10.0)
    if k == 3:
        return 'Hb %.1f' % (hb / 10.0)
    if k == 4:
        return 'haemoglobin %d g/L' % hb if reg == 'prose' else 'Hb %dg/L' % hb
    return 'Hb of %d g/L' % hb if reg == 'prose' else 'Hb %d' % hb


def fer_text(r, v, reg):
    return r.choice(['ferritin %d' % v, 'ferritin %d ug/L' % v, 'ferritin %d \u00b5g/L' % v,
                     'serum ferritin %d ug/L' % v if reg == 'prose' else 'ferr %d' % v, 'ferritin: %d' % v])


def fit_text(r, v):
    if v == 'negative':
        return r.choice(['FIT negative', 'FIT: negative'])
    if v == 'undetectable':
        return r.choice(['FIT undetectable', 'FIT - undetectable'])
    if isinstance(v, str) and v.startswith('<'):
        return r.choice(['FIT %s' % v, 'FIT: %s' % v, 'FIT %s ug/g' % v, 'qFIT %s ug Hb/g' % v])
    if v >= 10:
        return r.choice(['FIT %d' % v, 'FIT: %d' % v, 'FIT %d ug/g' % v, 'qFIT %d ug Hb/g' % v,
                         'qFIT positive at %d' % v, 'FIT result %d ug Hb/g faeces' % v])
    return r.choice(['FIT %d' % v, 'FIT: %d' % v, 'FIT %d ug/g' % v, 'qFIT %d ug Hb/g' % v])


def cal_text(r, v, reg):
    if isinstance(v, str):
        return r.choice(['calprotectin %s' % v, 'FCP %s ug/g' % v, 'faecal calprotectin %s \u00b5g/g' % v])
    return r.choice(['calprotectin %d' % v, 'FCP %d' % v, 'FCP %d ug/g' % v,
                     'faecal calprotectin %d \u00b5g/g' % v if reg == 'prose' else 'calpro %d' % v,
                     'calprotectin %d ug/g' % v])


def alt_text(r, v):
    opts = ['ALT %d' % v, 'ALT %d U/L' % v, 'ALT %d iu/L' % v, 'ALT: %d' % v]
    if v % 40 == 0 and v >= 80:
        opts.append('ALT %dx ULN (%d)' % (v // 40, v))
    return r.choice(opts)


def ttg_text(r, v):
    if v == 'neg':
        return r.choice(['coeliac serology negative', 'tTG negative', 'tTG-IgA <1 U/mL (negative)',
                         'coeliac screen (tTG) negative'])
    return r.choice(['tTG %d U/mL (ref <7)' % v, 'tTG-IgA %d U/mL, raised' % v,
                     'coeliac serology positive (tTG %d U/mL)' % v, 'raised tTG at %d U/mL' % v])


LAB_NAMES = {'hb': 'Haemoglobin', 'ferritin': 'Ferritin', 'fit': 'FIT (ug Hb/g)', 'calprotectin': 'Faecal calprotectin',
             'alt': 'ALT', 'ttg': 'tTG-IgA', 'crp': 'CRP', 'mcv': 'MCV', 'plt': 'Platelets', 'bili': 'Bilirubin',
             'alp': 'ALP', 'egfr': 'eGFR', 'ggt': 'GGT', 'tsh': 'TSH', 'b12': 'B12', 'folate': 'Folate'}


def lab_row(r, test, v, sex, superseded=False, date=None):
    """A results-table row (one annotated segment)."""
    name = LAB_NAMES[test]
    if test == 'hb':
        ref, unit = ('130-170', 'g/L') if sex == 'M' else ('115-150', 'g/L')
        lo = 130 if sex == 'M' else 120
        val = '%d %s' % (v, unit)
        flag = 'L' if v < lo else ''
    elif test == 'ferritin':
        ref, val, flag = '30-300', '%d ug/L' % v, 'L' if v < 30 else ''
    elif test == 'fit':
        ref = '<10'
        val = str(v)
        flag = 'H' if not isinstance(v, str) and v >= 10 else ''
    elif test == 'calprotectin':
        ref, val = '<50', '%s ug/g' % v
        flag = 'H' if num_value(v) >= 50 else ''
    elif test == 'alt':
        ref, val, flag = '<40', '%d U/L' % v, 'H' if v >= 40 else ''
    elif test == 'ttg':
        ref = '<7'
        val = '<1 U/mL' if v == 'neg' else '%d U/mL' % v
        flag = '' if v == 'neg' else 'H'
    else:
        ref, val, flag = {'crp': ('<5', '%s mg/L' % v, ''), 'mcv': ('80-100', '%s fL' % v, 'L' if num_value(v) < 80 else ''),
                          'plt': ('150-400', '%s' % v, ''), 'bili': ('<21', '%s umol/L' % v, 'H' if num_value(v) > 21 else ''),
                          'alp': ('30-130', '%s U/L' % v, 'H' if num_value(v) > 130 else ''), 'egfr': ('>60', '%s' % v, ''),
                          'ggt': ('<50', '%s U/L' % v, 'H' if num_value(v) > 50 else ''), 'tsh': ('0.3-4.5', '%s' % v, ''),
                          'b12': ('>180', '%s' % v, ''), 'folate': ('>3', '%s' % v, '')}[test]
    k = r.randrange(3)
    if k == 0:
        line = '%-22s %-12s (%s) %s' % (name, val, ref, flag)
    elif k == 1:
        line = '%s | %s | ref %s | %s' % (name, val, ref, flag or '-')
    else:
        line = '%s  %s  [%s]%s' % (name, val, ref, ('  *' + flag) if flag else '')
    if date:
        line = date + '  ' + line
    line = line.rstrip()
    fact = lab_fact(test, v)
    if fact is None:
        return t(line)
    if superseded:
        return ss(fact[0], fact[1], line)
    if fact[0] == 'coeliac_serology_negative':
        return ds('coeliac_serology_positive', 'normal_value', line)
    return ev(fact[0], fact[1], line)


def lab_fact(test, v):
    if test in ('hb', 'ferritin', 'fit', 'calprotectin', 'alt'):
        return (test, v)
    if test == 'ttg':
        return ('coeliac_serology_negative', True) if v == 'neg' else ('coeliac_serology_positive', True)
    return None


def lab_seg(r, test, v, reg, superseded=False):
    if test == 'hb':
        s = hb_text(r, v, reg)
    elif test == 'ferritin':
        s = fer_text(r, v, reg)
    elif test == 'fit':
        s = fit_text(r, v)
    elif test == 'calprotectin':
        s = cal_text(r, v, reg)
    elif test == 'alt':
        s = alt_text(r, v)
    elif test == 'ttg':
        s = ttg_text(r, v)
    else:
        s = {'crp': 'CRP %s', 'mcv': 'MCV %s', 'plt': 'platelets %s', 'bili': 'bilirubin %s', 'alp': 'ALP %s',
             'egfr': 'eGFR %s', 'ggt': 'GGT %s', 'tsh': 'TSH %s', 'b12': 'B12 %s', 'folate': 'folate %s'}[test] % v
    fact = lab_fact(test, v)
    if fact is None:
        return t(s)
    if superseded:
        return ss(fact[0], fact[1], s)
    if fact[0] == 'coeliac_serology_negative':
        return ds('coeliac_serology_positive', 'normal_value', s)
    return ev(fact[0], fact[1], s)


def lab_stmt(G, labs, intro=None, visit=None, tail=None):
    """labs: list of (test, value) or (test, value, 'old').  Prose + table rows."""
    r = G.r
    segs = []
    stool = any(lb[0] in ('fit', 'calprotectin') for lb in labs)
    if intro is None and stool:
        intro = r.choice(['Results: ', 'Investigations: ', 'Tests so far: ']) if G.reg == 'prose' else r.choice(['Ix: ', 'Results: ', 'Tests - '])
    if intro is None:
        intro = r.choice(['Bloods: ', 'Recent bloods: ', 'Results: ', 'Blood tests show ', 'Investigations: ']) \
            if G.reg == 'prose' else r.choice(['Bloods: ', 'Ix: ', 'Bloods - ', 'Results: '])
    segs.append(t(intro))
    rows = []
    for i, lb in enumerate(labs):
        test, v = lb[0], lb[1]
        old = len(lb) > 2 and lb[2] == 'old'
        if i:
            segs.append(t(', '))
        segs.append(lab_seg(r, test, v, G.reg, superseded=old))
        rows.append(lab_row(r, test, v, G.pt['sex'], superseded=old))
    if tail:
        segs.extend(tail)
    segs.append(t('.'))
    return st(*segs, visit=visit, lab=True, rows=rows)


def with_filler_labs(r, labs, n=None):
    """Add neutral tests (no spec fact) to a lab list."""
    pool = [('crp', r.choice(['<1', '3', '4', '2'])), ('egfr', r.choice(['>90', '78', '64', '85'])),
            ('plt', str(r.randint(180, 380))), ('tsh', '%.1f' % (r.randint(8, 38) / 10.0))]
    r.shuffle(pool)
    n = r.randint(0, 2) if n is None else n
    out = list(labs)
    for x in pool[:n]:
        out.insert(r.randint(0, len(out)), x)
    return out


# ---------------------------------------------------------------- generator context
class G:
    def __init__(self, r, pt, reg, ld, third=False):
        self.r, self.pt, self.reg, self.ld = r, pt, reg, ld
        f = pt['sex'] == 'F'
        if third:
            self.p = {'S': 'The patient', 's': 'the patient', 'O': 'the patient', 'P': "the patient's",
                      'PC': "The patient's", 'self': 'themself'}
        else:
            self.p = {'S': 'She' if f else 'He', 's': 'she' if f else 'he', 'O': 'her' if f else 'him',
                      'P': 'her' if f else 'his', 'PC': 'Her' if f else 'His', 'self': 'herself' if f else 'himself'}
        self.partner = 'husband' if f else 'wife'
        if r.random() < 0.15:
            self.partner = 'partner'

    def weeks(self, lo=3, hi=16):
        n = self.r.randint(lo, hi)
        if self.reg == 'terse':
            return self.r.choice(['%d/52' % n, '%dw' % n, 'x%d/52' % n])
        return self.r.choice(['%d weeks' % n, 'the last %d weeks' % n, 'about %s weeks' % num_words(n)])

    def months(self, lo=2, hi=14):
        n = self.r.randint(lo, hi)
        if self.reg == 'terse':
            return self.r.choice(['%d/12' % n, '%dm' % n])
        return self.r.choice(['%d months' % n, '%s months' % num_words(n)])

    def prev_date(self, days_lo=14, days_hi=60):
        return self.ld - datetime.timedelta(days=self.r.randint(days_lo, days_hi))

    def d(self, dt):
        return fmt_date(self.r, dt, self.r.choice([0, 0, 2, 5]))


def prob(key, title, stmts, tag='extra', concern=None):
    return {'key': key, 'title': title, 'stmts': stmts, 'tag': tag, 'concern': concern}


# ---------------------------------------------------------------- problem builders
def R(G, prose, terse):
    return G.r.choice(prose if G.reg == 'prose' else terse)


def b_dysphagia(G, via_relative=False):
    p, r = G.p, G.r
    w = G.weeks(3, 12)
    if via_relative and G.reg == 'prose':
        s = [t('%s %s says %s has been "choking on %s dinner" lately; on direct questioning %s confirms ' % (
            p['PC'], G.partner, p['s'], p['P'], p['s'])),
            ev('dysphagia', True, r.choice(['dysphagia for solids', 'true dysphagia, with food sticking behind the sternum'])),
            t(' over %s.' % w)]
    else:
        s = [t(R(G, ['%s describes ' % p['S'], '%s has a %s history of ' % (p['S'], w), 'Main issue: ', '%s reports ' % p['S']],
                 ['c/o ', '', 'Hx: '])),
             ev('dysphagia', True, R(G, ['progressive dysphagia to solids', 'difficulty swallowing (dysphagia), meat and bread sticking',
                                          'dysphagia - food sticking at the lower end of the gullet', 'new dysphagia for solid food'],
                                     ['dysphagia to solids', 'dysphagia (solids>liquids)', 'dysphagia, food sticking'])),
             t(R(G, [' over %s.' % w, ', now present for %s.' % w, '.'], [' %s.' % w, ' %s' % w, '.']))]
    extra = R(G, ['%s is managing soft food and fluids.' % p['S'], '%s has started cutting food into small pieces.' % p['S'],
                  'Liquids go down normally.'], ['fluids ok.', 'managing soft diet.'])
    return prob('dysphagia', cx('title', r.choice(['Dysphagia', 'Difficulty swallowing', 'Swallowing difficulty'])),
                [st(*s), st(t(extra))], concern='oesophageal')


def b_rectal_mass(G, kind='rectal'):
    p, r = G.p, G.r
    if kind == 'rectal':
        pre = R(G, ['%s came about tenesmus and a feeling of incomplete emptying. ' % p['S'],
                    '%s asked me to check what %s thought were piles. ' % (p['S'], p['s'])],
                ['tenesmus. ', '?piles. '])
        s = st(t(pre), t(R(G, ['On PR examination I felt ', 'Digital rectal examination: ', 'PR today: '], ['PR: ', 'DRE: '])),
               ev('rectal_mass', True, R(G, ['a firm, irregular rectal mass at about 6 cm', 'a hard rectal mass on the posterior wall',
                                              'a craggy rectal mass just within reach'], ['hard rectal mass ~6cm', 'firm irregular rectal mass'])),
               t('.'))
        title = 'Rectal mass on PR'
    elif kind == 'anal_mass':
        s = st(t(R(G, ['%s noticed a lump at the back passage %s ago. On examination there is ' % (p['S'], G.weeks(3, 10)),
                       'Examination today shows '], ['O/E: ', 'exam: '])),
               ev('anal_mass', True, R(G, ['a hard 2 cm anal mass at the anal verge, not a thrombosed pile or skin tag',
                                            'a firm anal mass at 7 o\'clock that is not a haemorrhoid'],
                                       ['hard anal mass 2cm at verge (not pile)', 'firm anal mass, not haemorrhoid'])),
               t('.'))
        title = 'Anal lump'
    else:
        s = st(t(R(G, ['Examination shows ', 'On inspection there is ', 'I found '], ['O/E: ', 'exam: '])),
               ev('anal_ulceration', True, R(G, ['unexplained anal ulceration at 5 o\'clock, which does not look like a fissure and has not healed in %s' % G.weeks(6, 10),
                                                  'an unexplained anal ulcer, not typical of a fissure, present for %s' % G.weeks(6, 12)],
                                             ['unexplained anal ulceration, not fissure-like', 'non-healing anal ulcer - unexplained'])),
               t('.'))
        title = 'Anal ulceration'
    return prob(kind, cx('title', title), [s], concern='colorectal')


CIBH_P = ['a change in bowel habit', 'a definite change in bowel habit', 'a change in bowel habit towards looser stools',
          'a change in bowel habit, now constipated and straining', 'a change in bowel habit with looser, more frequent stools']
CIBH_T = ['CIBH (looser)', 'change in bowel habit', 'CIBH - loose 3-4x/day', 'CIBH ?constipation', 'CIBH']
ABD_P = ['lower abdominal pain', 'cramping lower abdominal pain', 'intermittent lower abdominal pain',
         'lower abdominal pain, worse before opening the bowels']
ABD_T = ['lower abdo pain', 'lower abdominal pain', 'crampy lower abdo pain', 'LIF/lower abdo pain']
RB_P = ['bright red rectal bleeding', 'rectal bleeding, fresh red blood on the paper', 'PR bleeding mixed in with the stool',
        'fresh rectal bleeding']
RB_T = ['PR bleeding', 'fresh PR bleed', 'rectal bleeding', 'PR blood mixed with stool']
BLO_P = ['bloating', 'abdominal bloating by the evening', 'troublesome bloating']
BLO_T = ['bloating', 'bloated ++', 'bloating pm']


def b_bowel(G, sx, fit=None, cal=None, fit_old=None, cal_old=None, fit_pending=False, ibs=False, extra_labs=None,
            fit_first=False):
    """Lower GI symptoms; fit/cal: current results (or None); *_old: superseded earlier results."""
    p, r = G.p, G.r
    stmts = []
    facts = {'cibh': ('change_in_bowel_habit', CIBH_P, CIBH_T), 'abd': ('abdominal_pain', ABD_P, ABD_T),
             'rb': ('rectal_bleeding', RB_P, RB_T), 'bloat': ('bloating', BLO_P, BLO_T)}
    sx = list(sx)
    r.shuffle(sx)
    segs = []
    if ibs:
        segs.append(t(R(G, ['%s has a long-standing diagnosis of IBS. Currently %s has ' % (p['S'], p['s']),
                            'Known IBS for years; at present %s describes ' % p['s']], ['known IBS. now ', 'IBS hx; currently '])))
    else:
        segs.append(t(R(G, ['%s describes ' % p['S'], '%s has had ' % p['S'], 'For %s %s has had ' % (G.weeks(4, 14), p['s']),
                            '%s reports ' % p['S']], ['c/o ', '', 'hx '])))
    for i, k in enumerate(sx):
        fact, po, to = facts[k]
        if i:
            segs.append(t(' and ' if i == len(sx) - 1 else ', '))
        segs.append(ev(fact, True, R(G, po, to)))
    end = R(G, ['.', ' for %s.' % G.weeks(4, 16), ', on and off for %s.' % G.months(2, 6)], ['.', ' %s.' % G.weeks(4, 16)])
    if segs[0][0].startswith('For '):
        end = '.'  # the duration is already in the opening words
    segs.append(t(end))
    stmts.append(st(*segs))
    if fit_pending:
        stmts.append(st(cx('fit_pending', R(G, ['A FIT kit has been given but the result is not back yet.',
                                                   'FIT requested; result awaited.', '%s declined a FIT test.' % p['S'],
                                                   'FIT not yet done.'], ['FIT awaited.', 'FIT kit sent, no result yet.',
                                                                           'FIT declined.']))))
    labs = []
    if fit_old is not None:
        d1 = G.d(G.prev_date(30, 70))
        stmts.append(st(cx('result_history', R(G, ['The first FIT on %s was ' % d1, 'An initial FIT (%s): ' % d1], ['1st FIT %s: ' % d1])),
                        lab_seg(r, 'fit', fit_old, G.reg, superseded=True),
                        t(R(G, ['; because symptoms persisted it was repeated and the latest result is ',
                                '. Repeated this month (latest, supersedes the first): '], ['; repeat (latest) '])),
                        lab_seg(r, 'fit', fit, G.reg), t('.'), lab=True,
                        rows=[lab_row(r, 'fit', fit_old, G.pt['sex'], superseded=True, date=d1 + ' (earlier)'),
                              lab_row(r, 'fit', fit, G.pt['sex'], date='latest')]))
    elif fit is not None:
        labs.append(('fit', fit))
    if cal_old is not None:
        d1 = G.d(G.prev_date(30, 80))
        stmts.append(st(cx('result_history', R(G, ['Calprotectin on %s was ' % d1, 'An earlier calprotectin (%s): ' % d1], ['FCP %s: ' % d1])),
                        lab_seg(r, 'calprotectin', cal_old, G.reg, superseded=True),
                        t(R(G, ['; repeated, and the most recent result is ', '. Repeat (current): '], ['; repeat (latest) '])),
                        lab_seg(r, 'calprotectin', cal, G.reg), t('.'), lab=True,
                        rows=[lab_row(r, 'calprotectin', cal_old, G.pt['sex'], superseded=True, date=d1 + ' (earlier)'),
                              lab_row(r, 'calprotectin', cal, G.pt['sex'], date='latest')]))
    elif cal is not None:
        labs.append(('calprotectin', cal))
    if extra_labs:
        labs.extend(extra_labs)
    if labs:
        stmts.append(lab_stmt(G, labs))
    if fit_first and len(stmts) > 1:
        stmts = stmts[1:] + stmts[:1]
    keys = set(sx)
    title = 'Change in bowel habit' if 'cibh' in keys else 'Rectal bleeding' if 'rb' in keys else \
        'Abdominal pain' if 'abd' in keys else 'Bloating'
    if ibs:
        title = r.choice(['IBS', 'Known IBS - ' + title.lower()])
    return prob('bowel', cx('title', title), stmts, concern='colorectal')


def b_weight_loss(G):
    p, r = G.p, G.r
    kg = r.randint(4, 12)
    w0 = r.randint(58, 96)
    s = st(t(R(G, ['%s has had ' % p['S'], '%s reports ' % p['S'], '%s has noticed ' % p['S']], ['', ''])),
           ev('weight_loss', True, R(G, ['unexplained weight loss of %d kg over %s (%d kg to %d kg)' % (kg, G.months(2, 6), w0, w0 - kg),
                                          'weight loss of %d kg without trying over %s' % (kg, G.months(2, 5)),
                                          'unintentional weight loss, %d kg since %s' % (kg, r.choice(MONTHS))],
                                      ['wt loss %dkg/%s unintentional' % (kg, G.months(2, 5)), 'unexplained wt loss %d kg' % kg,
                                       'wt down %d kg (not trying)' % kg])), t('.'))
    return prob('weight_loss', cx('title', r.choice(['Weight loss', 'Unexplained weight loss'])), [s], concern='cancer')


def b_upper(G, kinds, ppi_weeks=None, ppi_drug=None, wl=False, helped=False):
    """kinds subset of reflux / dyspepsia / upper_pain.  ppi_weeks: PPI duration so far (symptoms persisting)."""
    p, r = G.p, G.r
    parts = {'reflux': ('reflux', ['heartburn and acid reflux', 'acid reflux', 'reflux symptoms with heartburn after meals'],
                        ['reflux', 'heartburn/reflux', 'GORD sx']),
             'dyspepsia': ('dyspepsia', ['dyspepsia (indigestion)', 'indigestion', 'dyspepsia after meals'],
                           ['dyspepsia', 'indigestion', 'dyspeptic sx']),
             'upper_pain': ('upper_abdominal_pain', ['upper abdominal (epigastric) pain', 'epigastric pain'],
                            ['epigastric pain', 'upper abdo pain'])}
    ks = list(kinds)
    r.shuffle(ks)
    segs = [t(R(G, ['%s has ' % p['S'], '%s describes ' % p['S'], '%s has been troubled by ' % p['S']], ['c/o ', '', '']))]
    for i, k in enumerate(ks):
        fact, po, to = parts[k]
        if i:
            segs.append(t(' and ' if i == len(ks) - 1 else ', '))
        segs.append(ev(fact, True, R(G, po, to)))
    segs.append(t(R(G, [' for %s.' % G.months(2, 9), ' since %s.' % r.choice(MONTHS), '.'], [' %s.' % G.months(2, 9), '.'])))
    stmts = [st(*segs)]
    drug = ppi_drug or r.choice(['omeprazole 20 mg', 'lansoprazole 30 mg', 'omeprazole 40 mg', 'esomeprazole 20 mg'])
    if ppi_weeks is not None:
        if ppi_weeks >= 4 and 'dyspepsia' in kinds:
            stmts.append(st(t(R(G, ['Despite ', 'After '], ['despite ', 'after '])),
                            ev('treatment_resistant_dyspepsia', True,
                               R(G, ['%d weeks of %s daily the dyspepsia persists' % (ppi_weeks, drug),
                                     '%d weeks on %s, the indigestion has not settled' % (ppi_weeks, drug)],
                                 ['%d/52 %s - dyspepsia persists' % (ppi_weeks, drug.split()[0]),
                                  '%dw PPI (%s) ongoing dyspepsia' % (ppi_weeks, drug.split()[0])])), t('.')))
        elif ppi_weeks >= 4 and 'reflux' in kinds:
            stmts.append(st(ev('reflux_after_ppi', True, R(G, ['The reflux continues despite %d weeks of %s' % (ppi_weeks, drug)],
                                                             ['reflux ongoing after %d/52 PPI' % ppi_weeks])), t('.')))
        else:
            stmts.append(st(t(R(G, ['%s started %s %s ago, so it is early days.' % (p['S'], drug, {1: 'one week', 2: 'two weeks', 3: 'three weeks'}.get(ppi_weeks, 'a fortnight')),
                                    'A trial of %s began %d week%s ago.' % (drug, ppi_weeks, '' if ppi_weeks == 1 else 's')],
                                   ['PPI started %d/52 ago' % ppi_weeks]))))
    elif helped:
        stmts.append(st(t(R(G, ['Antacids give partial relief.', 'Gaviscon helps a little.'], ['gaviscon partial help.']))))
    title = 'Reflux' if 'reflux' in kinds else 'Dyspepsia' if 'dyspepsia' in kinds else 'Epigastric pain'
    if wl:
        title = title + ' and weight loss'
    return prob('upper', cx('title', title), stmts, concern='upper')


def b_anaemia(G, hb, fer, hb_old=None, context=None):
    p, r = G.p, G.r
    lo = 130 if G.pt['sex'] == 'M' else 120
    stmts = []
    ctx = context or R(G, ['%s has felt tired and short of breath on hills for %s, so I checked bloods.' % (p['S'], G.months(2, 6)),
                           'Routine bloods (annual review) were done.', '%s came in because of tiredness.' % p['S'],
                           'Bloods were taken at %s diabetes review.' % p['P']],
                       ['tired all the time -> bloods.', 'tired, SOBOE.', 'routine bloods.'])
    stmts.append(st(t(ctx)))
    if hb_old is not None:
        d1 = G.d(G.prev_date(40, 120))
        stmts.append(st(t(R(G, ['On %s the ' % d1, 'Previously (%s) ' % d1], ['%s: ' % d1])),
                        lab_seg(r, 'hb', hb_old, G.reg, superseded=True),
                        t(R(G, ['; the latest count this month is ', '. Repeat now: '], ['; now '])),
                        lab_seg(r, 'hb', hb, G.reg), t(R(G, [' with ', ', '], [', '])), lab_seg(r, 'ferritin', fer, G.reg),
                        t('.'), lab=True,
                        rows=[lab_row(r, 'hb', hb_old, G.pt['sex'], superseded=True, date=d1 + ' (earlier)'),
                              lab_row(r, 'hb', hb, G.pt['sex'], date='latest'), lab_row(r, 'ferritin', fer, G.pt['sex'], date='latest')]))
    else:
        labs = [('hb', hb), ('ferritin', fer)]
        if hb < lo:
            labs.append(('mcv', str(r.randint(68, 79)) if fer < 30 else str(r.randint(84, 99))))
        stmts.append(lab_stmt(G, with_filler_labs(r, labs)))
    if hb < lo and fer < 30:
        title = r.choice(['Iron deficiency anaemia', 'Anaemia', 'Low iron'])
        stmts.append(st(t(R(G, ['I have started ferrous fumarate.', 'Oral iron has been started.', 'Ferrous sulfate started.'],
                               ['FeSO4 started.', 'oral Fe started.']))))
    elif hb < lo:
        title = 'Anaemia'
        stmts.append(st(t(R(G, ['B12 and folate are normal.', 'Renal function is normal and B12/folate are fine.'],
                               ['B12/folate nl.']))))
    elif fer < 30:
        title = 'Low ferritin'
    else:
        title = 'Tiredness'
    return prob('anaemia', cx('title', title), stmts, concern='anaemia')


def b_abd_mass(G):
    p, r = G.p, G.r
    s = st(t(R(G, ['On examination ', 'Examining %s abdomen today I found ' % p['P'], 'Abdominal examination: '],
               ['O/E ', 'abdo: '])),
           ev('abdominal_mass', True, R(G, ['there is a firm, non-tender mass in the right iliac fossa',
                                             'a palpable mass in the left iliac fossa, about 5 cm, fixed',
                                             'a hard mass in the right lower quadrant', 'a firm central abdominal mass, not pulsatile'],
                                        ['RIF mass, firm, non-tender', 'palpable LIF mass ~5cm', 'firm mass R lower quadrant'])),
           t('.'))
    return prob('abd_mass', cx('title', r.choice(['Abdominal mass', 'Mass on examination'])), [s], concern='cancer')


def b_jaundice(G, bili=None, alt=None):
    p, r = G.p, G.r
    bili = bili or r.randint(45, 160)
    s1 = st(t(R(G, ['%s has become ' % p['S'], '%s %s noticed that %s was ' % (p['PC'], G.partner, p['s']), 'Presenting problem: '],
                ['', 'O/E '])),
            ev('jaundice', True, R(G, ['jaundiced over the last %s, without pain' % G.weeks(1, 3), 'painlessly jaundiced',
                                        'visibly jaundiced, with dark urine and pale stools'],
                                   ['jaundiced', 'painless jaundice', 'jaundice, dark urine'])), t('.'))
    labs = [('bili', str(bili)), ('alp', str(r.randint(180, 520)))]
    if alt is not None:
        labs.append(('alt', alt))
    return prob('jaundice', cx('title', r.choice(['Jaundice', 'Painless jaundice'])), [s1, lab_stmt(G, labs)], concern='liver')


def b_bloody_diarrhoea(G, cal=None, fit=None):
    p, r = G.p, G.r
    n = r.randint(5, 10)
    pre = R(G, ['%s has had ' % p['S'], 'For %s %s has had ' % (G.weeks(2, 6), p['s']), '%s reports ' % p['S']], ['', 'c/o '])
    mid = R(G, ['bloody diarrhoea, %d times a day' % n, 'diarrhoea with blood mixed through it, up to %d times daily' % n,
                'bloody diarrhoea with urgency'], ['bloody diarrhoea %dx/day' % n, 'bloody D %d/day' % n, 'BD + urgency'])
    end = R(G, [', including at night.', ' for %s.' % G.weeks(2, 6)], ['.', ' %s.' % G.weeks(2, 6)])
    if pre.startswith('For '):
        end = ', including at night.'
    s = st(t(pre), ev('bloody_diarrhoea', True, mid), t(end))
    stmts = [s]
    labs = []
    if cal is not None:
        labs.append(('calprotectin', cal))
    if fit is not None:
        labs.append(('fit', fit))
    labs.append(('crp', str(r.randint(12, 60))))
    stmts.append(lab_stmt(G, labs))
    stmts.append(st(t(R(G, ['Stool culture is negative.', 'Stool MC&S sent.', 'Stool culture negative, C. diff not detected.'],
                           ['stool MC&S neg.', 'stool cx sent.']))))
    return prob('bloody_diarrhoea', cx('title', r.choice(['Bloody diarrhoea', '?colitis'])), stmts, concern='ibd')


IBD_Q = ['whether azathioprine can now be stopped after four years in remission',
         'whether %s needs a surveillance colonoscopy and when', 'advice on bone protection given past steroid courses',
         'whether mesalazine should be continued during a planned pregnancy', 'which vaccines are safe on infliximab before travel',
         'whether the mesalazine dose can be reduced']


def b_ibd_known(G, stable=True, question=True, kind=None):
    p, r = G.p, G.r
    kind = kind or r.choice(['ulcerative colitis', 'Crohn\'s disease', 'UC', 'ileal Crohn\'s'])
    dx = r.randint(2006, 2021)
    s1 = st(t(R(G, ['%s has ' % p['S'], 'Background: '], ['', 'PMH: '])),
            ev('known_ibd', True, R(G, ['known %s (diagnosed %d)' % (kind, dx), 'established %s since %d' % (kind, dx)],
                                    ['known %s (dx %d)' % (kind, dx), '%s dx %d' % (kind, dx)])),
            t(', under your team until discharge to GP follow-up.' if G.reg == 'prose' else '.'))
    stmts = [s1]
    if stable:
        stmts.append(st(ev('ibd_stable', True, R(G, ['%s is currently stable and in remission, bowels 1-2 times a day with no blood' % p['S'],
                                                      'Disease has been stable, in clinical remission for over two years'],
                                                 ['stable/remission, BO 1-2/day no blood', 'in remission, stable'])), t('.')))
    if question:
        q = r.choice(IBD_Q)
        if '%s' in q:
            q = q % p['s']
        stmts.append(st(t(R(G, ['My question is ', 'I would value advice on ', 'The question is '], ['Q: ', 'query: '])),
                        ev('ibd_management_question', True, q), t('.')))
    return prob('ibd_known', cx('title', r.choice(['Known IBD', kind[0].upper() + kind[1:]])), stmts, concern='ibd')


def b_liver(G, alt=None, fatty=False, alt_old=None, reason=None):
    p, r = G.p, G.r
    stmts = []
    ctx = reason or R(G, ['LFTs were checked at %s annual review.' % p['P'], 'Bloods were done before starting a statin.',
                          'LFTs were checked because %s drinks around %d units a week.' % (p['s'], r.randint(14, 40)),
                          'LFTs were part of a health check.'],
                      ['LFTs at annual review.', 'pre-statin LFTs.', 'LFTs - EtOH %du/wk.' % r.randint(14, 40)])
    stmts.append(st(t(ctx)))
    if alt is not None:
        if alt_old is not None:
            d1 = G.d(G.prev_date(30, 90))
            stmts.append(st(t(R(G, ['On %s the ' % d1, 'First check (%s): ' % d1], ['%s ' % d1])),
                            lab_seg(r, 'alt', alt_old, G.reg, superseded=True),
                            t(R(G, ['; on repeat this month (the latest result) ', '. Repeat, most recent: '], ['; repeat (latest) '])),
                            lab_seg(r, 'alt', alt, G.reg), t('.'), lab=True,
                            rows=[lab_row(r, 'alt', alt_old, G.pt['sex'], superseded=True, date=d1 + ' (earlier)'),
                                  lab_row(r, 'alt', alt, G.pt['sex'], date='latest')]))
        else:
            stmts.append(lab_stmt(G, with_filler_labs(r, [('alt', alt), ('ggt', str(r.randint(30, 140))), ('bili', str(r.randint(5, 19)))], 1)))
    if fatty:
        stmts.append(st(t(R(G, ['A recent ultrasound showed ', 'An abdominal ultrasound reported '],
                            ['USS: ', 'US abdo: '])),
                        ev('fatty_liver_imaging', True, R(G, ['a fatty liver with no focal lesion', 'diffuse fatty infiltration of the liver (steatosis)'],
                                                          ['fatty liver, no focal lesion', 'hepatic steatosis'])), t('.')))
    title = r.choice(['Abnormal LFTs', 'Raised ALT', 'Deranged LFTs']) if alt is not None else 'Fatty liver'
    return prob('liver', cx('title', title), stmts, concern='liver')


def b_cirrhosis(G, ascites=True, confusion=False):
    p, r = G.p, G.r
    stmts = [st(ev('known_cirrhosis', True, R(G, ['%s has known alcohol-related cirrhosis' % p['S'], '%s has known cirrhosis (MASLD)' % p['S']],
                                              ['known cirrhosis (ArLD)', 'known cirrhosis'])),
                t(R(G, [', abstinent for a year.', ', last seen in liver clinic last year.'], ['.', ', abstinent.'])))]
    if ascites:
        stmts.append(st(t(R(G, ['Over %s %s abdomen has swollen and there is ' % (G.weeks(2, 4), p['P']), 'Now has '], ['now '])),
                        ev('ascites', True, R(G, ['shifting dullness consistent with new ascites', 'clinically obvious ascites'],
                                             ['new ascites', 'ascites ++'])), t('.')))
    if confusion:
        stmts.append(st(t(R(G, ['%s daughter reports, and I confirmed today, that %s is ' % (p['PC'], p['s'])], ['family report - '])),
                        ev('confusion', True, R(G, ['intermittently confused, with a flap', 'newly confused at times'], ['confused, flap +'])),
                        t('.')))
    return prob('cirrhosis', cx('title', 'Cirrhosis'), stmts, concern='liver')


def b_haematemesis(G):
    p, r = G.p, G.r
    when = r.choice(['last weekend', 'on Tuesday', 'twice last week', '%d days ago' % r.randint(3, 9)])
    s = st(t(R(G, ['%s ' % p['S'], 'Of note, %s ' % p['s']], [''])),
           ev('haematemesis', True, R(G, ['vomited fresh blood (haematemesis, about a tablespoon) %s' % when,
                                           'had a small haematemesis %s' % when, 'brought up streaks of fresh blood (haematemesis) %s' % when],
                                      ['haematemesis %s, small vol' % when, 'small haematemesis %s' % when])),
           t(R(G, ['; %s has been well since, pulse and blood pressure normal.' % p['s'], '. No melaena; observations normal today.'],
                 ['. obs stable.', '. no melaena, obs nl.'])))
    return prob('haematemesis', cx('title', 'Haematemesis'), [s], concern='upper')


def b_coeliac(G, ttg=None, sx=True):
    p, r = G.p, G.r
    ttg = ttg or r.randint(20, 128)
    stmts = []
    if sx:
        why = r.choice(['tiredness', 'mouth ulcers', 'family', 'low vitamin D'])
        intro = R(G, ['I checked coeliac serology because of ', 'Coeliac screen sent for '], ['coeliac screen for '])
        if why == 'family':
            stmts.append(st(cx('test_reason', intro + 'family history'), t(': '),
                            ds('family:coeliac', 'family_history', R(G, ['%s sister has coeliac disease' % p['P'], '%s mother has coeliac disease' % p['P']],
                                                                     ['sister coeliac'])), t('.')))
        else:
            stmts.append(st(cx('test_reason', intro + why), t('.')))
    stmts.append(st(t(R(G, ['Result: ', 'This has come back positive: ', 'Serology: '], ['', 'result '])),
                    ev('coeliac_serology_positive', True, ttg_text(r, ttg)), t('.'), lab=True,
                    rows=[lab_row(r, 'ttg', ttg, G.pt['sex'])]))
    stmts.append(st(t(R(G, ['%s is still eating gluten.' % p['S'], 'I have asked %s to keep eating gluten until seen.' % p['O']],
                           ['still on gluten.', 'advised continue gluten.']))))
    return prob('coeliac', cx('title', r.choice(['Positive coeliac serology', 'Raised tTG', '?Coeliac disease'])), stmts, concern='coeliac')


def b_fh_crc(G):
    p, r = G.p, G.r
    rel = r.choice(['father', 'mother', 'brother', 'sister'])
    age = r.randint(42, 68)
    s = st(t(R(G, ['%s is worried because ' % p['S'], 'The reason for this letter is family history: '], ['FH: '])),
           ev('family_history_crc', True, R(G, ['%s %s was diagnosed with bowel cancer aged %d' % (p['P'], rel, age),
                                                 '%s %s had colorectal cancer at %d' % (p['P'], rel, age)],
                                            ['%s - colorectal ca aged %d' % (rel, age), '%s bowel ca at %d' % (rel, age)])),
           t('.'))
    s2 = st(ds(['rectal_bleeding', 'change_in_bowel_habit', 'abdominal_pain', 'weight_loss'], 'negated',
               R(G, ['%s is entirely well, with no bowel symptoms at all - no bleeding, no change in bowel habit, no pain, no weight loss' % p['S'],
                     '%s has no symptoms: bowels regular, no rectal bleeding, no abdominal pain and weight steady' % p['S']],
                 ['asymptomatic - no PR bleed, no CIBH, no abdo pain, wt stable'])), t('.'))
    s3 = st(t(R(G, ['%s would like to know what screening %s should have.' % (p['S'], p['s']),
                    'Could you advise on surveillance?'], ['?screening advice.'])))
    return prob('fh_crc', cx('title', r.choice(['Family history of bowel cancer', 'FH colorectal cancer'])), [s, s2, s3], concern='colorectal')


GENERAL = {
    'htn': (['Hypertension review: blood pressure 136/82 on amlodipine, no change needed.'], ['HTN - BP 136/82 on amlodipine.'], False, 'Hypertension'),
    'dm': (['Type 2 diabetes, HbA1c 51 on metformin, eyes and feet up to date.'], ['T2DM HbA1c 51, metformin.'], False, 'Type 2 diabetes'),
    'thyroid': (['Hypothyroidism, TSH normal on levothyroxine 75 micrograms.'], ['hypothyroid - TSH nl on thyroxine.'], False, 'Hypothyroidism'),
    'knee': (['Osteoarthritis of both knees, managed with paracetamol and physiotherapy.'], ['OA knees, paracetamol.'], True, 'Knee osteoarthritis'),
    'mood': (['Low mood, improving on sertraline 50 mg.'], ['low mood - sertraline 50.'], True, 'Low mood'),
    'asthma': (['Asthma, well controlled on a brown inhaler.'], ['asthma, controlled.'], False, 'Asthma'),
    'sleep': (['Poor sleep since retiring; sleep hygiene discussed.'], ['insomnia.'], True, 'Insomnia'),
    'back': (['Mechanical low back pain after gardening, settling.'], ['mech LBP settling.'], True, 'Back ache'),
    'skin': (['Eczema on the hands, using emollients.'], ['hand eczema.'], True, 'Eczema'),
}


def b_general(G, kind):
    pr, te, symptomatic, title = GENERAL[kind]
    txt = G.r.choice(pr if G.reg == 'prose' else te)
    seg = ev('other_symptom', True, txt) if symptomatic else t(txt)
    return prob('gen_' + kind, t(title), [st(seg)], concern=None)


def b_nausea(G):
    p = G.p
    s = st(t(R(G, ['%s has ' % p['S'], 'There is '], [''])),
           ev('nausea', True, R(G, ['intermittent nausea in the mornings', 'nausea after fatty food'], ['nausea am', 'nausea'])),
           t(R(G, [', without vomiting.', '.'], ['.', ', no vomiting.'])))
    return prob('nausea', t('Nausea'), [s], concern=None)


def b_alp_only(G):
    r = G.r
    stmts = [st(t(R(G, ['LFTs were flagged as abnormal at a routine check: ', 'The lab flagged the liver tests: '], ['LFTs flagged: ']))),
             lab_stmt(G, [('alt', r.randint(14, 34)), ('alp', str(r.randint(150, 260))), ('ggt', str(r.randint(25, 48))),
                          ('bili', str(r.randint(6, 18)))], intro=''),
             st(ds('fatty_liver_imaging', 'normal_value', R(G, ['Liver ultrasound was normal', 'Ultrasound of the liver was unremarkable'],
                                                             ['USS liver normal'])), t('.'))]
    return prob('alp', t('Abnormal liver tests'), stmts, concern='liver')


def b_ibs_known(G):
    p = G.p
    s = st(t(R(G, ['%s has long-standing IBS, diagnosed in %d, which has been quiet for years; ' % (p['S'], G.r.randint(2005, 2018)),
                   'Old diagnosis of IBS (%d), settled for a long time; ' % G.r.randint(2005, 2018)],
               ['IBS (dx %d), quiet; ' % G.r.randint(2005, 2018)])),
           ds(['abdominal_pain', 'bloating', 'change_in_bowel_habit'], 'resolved',
              R(G, ['no current pain, bloating or change in bowel habit', 'there are no bowel symptoms at present'],
                ['currently no pain/bloating/CIBH'])), t('.'))
    return prob('ibs_quiet', t('IBS'), [s], concern=None)


def b_refuted_wl(G):
    p, r = G.p, G.r
    w = r.randint(55, 95)
    intro = R(G, ['%s %s is sure %s has lost weight, but ' % (p['PC'], r.choice(['daughter', 'son', G.partner]), p['s']),
                  'Reported weight loss by family: '], ['family report wt loss - '])
    body = R(G, ['%s weighs %d.%d kg today against %d.%d kg in %s, so there is no weight loss' % (p['s'], w, r.randint(0, 9), w, r.randint(0, 9), r.choice(MONTHS)),
                 'on our scales the weight is %d kg, unchanged from last year: no weight loss' % w],
             ['wt %dkg, same as last yr - no wt loss' % w])
    s = st(ds('weight_loss', 'refuted_report', intro + body), t('.'))
    return prob('refuted_wl', cx('title_concern', r.choice(['Reported weight loss', '?Weight loss'])), [s], concern='cancer')


# ---------------------------------------------------------------- distractors
NEGP = {
    'dysphagia': (['no dysphagia', 'no difficulty swallowing', 'swallowing normal', 'denies dysphagia'],
                  ['no dysphagia', 'dysphagia -', 'nil dysphagia'], 'Dysphagia'),
    'weight_loss': (['no weight loss', 'weight stable', 'no unintentional weight loss', 'weight steady'],
                    ['no wt loss', 'wt stable', 'wt loss -'], 'Weight loss'),
    'rectal_bleeding': (['no rectal bleeding', 'no PR bleeding', 'no blood in the stool'],
                        ['no PR bleed', 'PR bleeding -', 'nil PR blood'], 'Rectal bleeding'),
    'haematemesis': (['no haematemesis', 'no vomiting of blood'], ['no haematemesis', 'haematemesis -'], 'Haematemesis'),
    'jaundice': (['not jaundiced', 'no jaundice'], ['not jaundiced', 'jaundice -'], 'Jaundice'),
    'abdominal_mass': (['no abdominal mass', 'abdomen soft with no masses'], ['no abdo mass', 'abdo mass -'], 'Abdominal mass'),
    'rectal_mass': (['PR normal with no mass', 'no rectal mass on PR'], ['PR: no mass', 'PR mass -'], 'Rectal mass on PR'),
    'change_in_bowel_habit': (['no change in bowel habit', 'bowel habit unchanged'], ['no CIBH', 'CIBH -'], 'Change in bowel habit'),
    'abdominal_pain': (['no abdominal pain'], ['no abdo pain', 'abdo pain -'], 'Abdominal pain'),
    'reflux': (['no reflux or heartburn'], ['no reflux', 'reflux -'], 'Reflux / heartburn'),
    'dyspepsia': (['no indigestion'], ['no dyspepsia', 'dyspepsia -'], 'Dyspepsia'),
}
# facts that block a negation / resolved mention of a fact (contradiction)
IMPLIES = {'bloody_diarrhoea': ['rectal_bleeding', 'change_in_bowel_habit'],
           'upper_abdominal_pain': ['abdominal_pain'],
           'treatment_resistant_dyspepsia': ['dyspepsia'], 'reflux_after_ppi': ['reflux'],
           }


def positive_closure(pos):
    out = set(pos)
    for k in list(pos):
        out.update(IMPLIES.get(k, []))
    return out


def neg_seg(G, fact):
    pr, te, _ = NEGP[fact]
    return ds(fact, 'negated', R(G, pr, te))


def resolved_stmt(G, fact):
    p, r = G.p, G.r
    y = r.randint(2008, 2020)
    opts = {
        'rectal_bleeding': ['%s had rectal bleeding from haemorrhoids in %d, banded, none since' % (p['S'], y),
                            'PR bleeding %d (piles), resolved, nil since' % y],
        'haematemesis': ['%s had a Mallory-Weiss tear with haematemesis in %d after a vomiting bug, none since' % (p['S'], y),
                         'haematemesis %d (Mallory-Weiss), nil since' % y],
        'jaundice': ['%s was jaundiced with hepatitis A as a student, fully recovered' % p['S'], 'hep A w/ jaundice as student, resolved'],
        'dysphagia': ['%s had a single food bolus episode with dysphagia in %d; OGD then was normal and there has been no swallowing problem since' % (p['S'], y),
                      'food bolus %d, OGD nl, no dysphagia since' % y],
        'weight_loss': ['%s lost weight during chemotherapy in %d and has regained it all' % (p['S'], y), 'wt loss during chemo %d, regained' % y],
        'reflux': ['%s had reflux years ago which settled completely; off PPI since %d' % (p['S'], y), 'old reflux, resolved, off PPI since %d' % y],
        'anaemia': ['%s had iron deficiency anaemia in pregnancy in %d, corrected with iron' % (p['S'], y) if G.pt['sex'] == 'F' and G.pt['age'] < 60
                    else '%s had anaemia after a hip operation in %d, recovered' % (p['S'], y), 'anaemia %d, corrected' % y],
        'abdominal_pain': ['%s had appendicitis with abdominal pain in %d, appendix removed' % (p['S'], y), 'appendicectomy %d' % y],
    }
    po = opts[fact]
    txt = po[0] if G.reg == 'prose' else po[1]
    if fact == 'anaemia':
        return st(ds(['hb', 'anaemia'], 'resolved', txt), t('.'))
    return st(ds(fact, 'resolved', txt), t('.'))


def hypothetical_stmt(G, facts):
    p, r = G.p, G.r
    names = {'dysphagia': ['develops dysphagia', 'has any difficulty swallowing'], 'haematemesis': ['vomits blood'],
             'jaundice': ['becomes jaundiced'], 'weight_loss': ['starts to lose weight'],
             'rectal_bleeding': ['notices rectal bleeding', 'sees blood in the stool'],
             'abdominal_mass': ['feels a lump in the abdomen']}
    parts = [r.choice(names[f]) for f in facts]
    if len(parts) > 1:
        ph = ', '.join(parts[:-1]) + ' or ' + parts[-1]
    else:
        ph = parts[0]
    if G.reg == 'prose':
        k = r.randrange(3)
        if k == 0:
            return st(t('Safety-netted: %s knows to come back urgently if %s ' % (p['s'], p['s'])), ds(facts, 'hypothetical', ph), t('.'))
        if k == 1:
            return st(t('I have advised %s to return at once if %s ' % (p['O'], p['s'])), ds(facts, 'hypothetical', ph), t('.'))
        return st(t('We agreed that if %s ' % p['s']), ds(facts, 'hypothetical', ph), t(', %s will be seen the same day.' % p['s']))
    return st(t('SN: return if '), ds(facts, 'hypothetical', ph), t('.'))


FEARS = [('cancer', ['%s is frightened that this could be cancer', '%s is worried about bowel cancer', '%s asks whether this might be cancer'],
          ['worried re cancer', 'pt anxious ?ca']),
         ('coeliac_serology_positive', ['%s wonders whether %s could have coeliac disease', '%s asks if this might be coeliac disease'],
          ['?coeliac - pt query']),
         ('known_ibd', ['%s wonders whether this could be Crohn\'s', '%s has read about colitis and is worried %s has it'],
          ['pt worried ?IBD']),
         ('dysphagia', ['%s is worried that %s might start having trouble swallowing, as %s neighbour did'],
          ['fears swallowing problems (neighbour)'])]


def feared_stmt(G, which=None):
    p, r = G.p, G.r
    fe = which or r.choice(FEARS)
    fact, po, to = fe
    if G.reg == 'prose':
        txt = r.choice(po)
        n = txt.count('%s')
        txt = txt % tuple([p['S']] + [p['s'], p['P']][:n - 1]) if n else txt
    else:
        txt = r.choice(to)
    return st(ds(fact, 'feared', txt), t('.'))


FH_OTHER = [('family:oesophageal_cancer', ['%s father had oesophageal cancer in his seventies'], ['FH: father oesoph ca 70s']),
            ('family:coeliac', ['%s sister has coeliac disease'], ['FH: sister coeliac']),
            ('family:crohns', ['%s brother has Crohn\'s disease'], ['FH: brother Crohn\'s']),
            ('family:stomach_cancer', ['%s grandfather died of stomach cancer'], ['FH: grandfather gastric ca']),
            ('family:liver', ['%s mother had primary biliary cholangitis'], ['FH: mother PBC']),
            ('family:uc', ['%s cousin has ulcerative colitis'], ['FH: cousin UC'])]


def fh_other_stmt(G, item=None):
    p, r = G.p, G.r
    fact, po, to = item or r.choice(FH_OTHER)
    txt = (r.choice(po) % p['PC']) if G.reg == 'prose' else r.choice(to)
    return st(ds(fact, 'family_history', txt), t('.'))


def fh_crc_extra(G):
    """Family history of colorectal cancer mentioned in a symptomatic letter (a fact only used by A3)."""
    p, r = G.p, G.r
    rel = r.choice(['mother', 'father', 'uncle', 'brother', 'sister'])
    age = r.randint(48, 80)
    txt = R(G, ['%s %s had bowel cancer at %d' % (p['PC'], rel, age), 'Family history: %s %s had colorectal cancer aged %d' % (p['P'], rel, age)],
            ['FH: %s bowel ca at %d' % (rel, age)])
    return st(ev('family_history_crc', True, txt), t('.'))


REL_ILL = [('relative:partner_oesophageal', '%s %s, who came in with %s, has just started chemotherapy for oesophageal cancer, which has made them both anxious'),
           ('relative:partner_gallstones', '%s %s, who attended too, had gallstones removed last month and wondered if this was the same'),
           ('relative:sister_colitis', '%s sister, who came with %s, has ulcerative colitis and had a flare last month')]


def relative_stmt(G):
    p, r = G.p, G.r
    fact, tpl = r.choice(REL_ILL)
    if G.reg == 'prose':
        if fact.startswith('relative:partner'):
            args = [p['PC'], G.partner, p['O']][:tpl.count('%s')]
        else:
            args = [p['PC'], p['O']]
        txt = tpl % tuple(args)
    else:
        txt = {'relative:partner_oesophageal': '%s (present) having chemo for oesoph ca' % G.partner,
               'relative:partner_gallstones': '%s recently had gallstones out' % G.partner,
               'relative:sister_colitis': 'sister has UC'}[fact]
    return st(ds(fact, 'relative_illness', txt), t('.'))


# ---------------------------------------------------------------- scenarios per rule
def pick_age(r, lo, hi):
    lo, hi = max(lo, 18), min(hi, 95)
    # gentle skew toward the middle-older ages typical of a GI inbox
    a = r.randint(lo, hi)
    b = r.randint(lo, hi)
    return max(a, b) if r.random() < 0.4 else a


RULE_AGE = {'U1': (30, 92), 'U2': (35, 90), 'U3': (24, 90), 'U4': (18, 92), 'U5': (55, 92), 'U6': (40, 92), 'U7': (40, 92),
            'U8': (40, 92), 'R1': (18, 72), 'R2': (25, 82), 'R3': (18, 85), 'O1': (55, 90), 'O2': (18, 72), 'O3': (20, 78),
            'O4': (18, 74), 'O5': (20, 85), 'A1': (18, 49), 'O6': (50, 90), 'A2': (18, 54), 'A3': (25, 70), 'D': (18, 90)}


def scen(rule, G, variant):
    """Problems that decide `rule` (tag 'decider')."""
    r, age = G.r, G.pt['age']
    F = G.pt['sex'] == 'F'
    lo = 120 if F else 130
    out = []
    if rule == 'U1':
        out.append(b_dysphagia(G, via_relative=r.random() < 0.3))
    elif rule == 'U2':
        out.append(b_rectal_mass(G, r.choice(['rectal', 'rectal', 'anal_mass', 'anal_ulcer'])))
        if r.random() < 0.4:
            out.append(b_bowel(G, [r.choice(['cibh', 'rb'])], fit=r.choice(['<4', 4, 6, 'negative'])))
    elif rule == 'U3':
        sx = r.sample(['cibh', 'abd', 'rb', 'bloat'], r.choice([1, 1, 2]))
        fit = r.choice([12, 15, 18, 23, 31, 47, 52, 86, 120, 150, 240, 400])
        old = r.choice(['<4', 5, 7, None, None]) if variant == 'change' else None
        out.append(b_bowel(G, sx, fit=fit, fit_old=old, fit_first=r.random() < 0.3))
    elif rule == 'U4':
        hb = r.randint(82, lo - 4)
        fer = r.randint(3, 24)
        old = r.randint(lo + 5, lo + 25) if variant == 'change' else None
        out.append(b_anaemia(G, hb, fer, hb_old=old))
    elif rule == 'U5':
        kinds = r.sample(['reflux', 'dyspepsia', 'upper_pain'], r.choice([1, 2]))
        out.append(b_upper(G, kinds, ppi_weeks=r.choice([None, 6, 8]), wl=False))
        out.append(b_weight_loss(G))
    elif rule == 'U6':
        out.append(b_abd_mass(G))
        if r.random() < 0.5:
            out.append(b_bowel(G, [r.choice(['bloat', 'abd', 'cibh'])], fit=r.choice(['<4', 3, 5, 'undetectable'])))
    elif rule == 'U7':
        out.append(b_jaundice(G, alt=r.choice([None, r.randint(60, 250), r.randint(310, 700)])))
    elif rule == 'U8':
        v = variant or r.choice(['rb', 'wlabd', 'cibh'])
        if v == 'rb':
            out.append(b_bowel(G, ['rb'] + r.sample(['bloat', 'cibh', 'abd'], r.choice([0, 0, 1])), fit_pending=r.random() < 0.5))
        elif v == 'wlabd':
            out.append(b_bowel(G, ['abd'] + r.sample(['bloat', 'cibh'], r.choice([0, 1])), fit_pending=r.random() < 0.5))
            out.append(b_weight_loss(G))
        else:
            out.append(b_bowel(G, ['cibh'] + r.sample(['bloat', 'abd'], r.choice([0, 0, 1])), fit_pending=r.random() < 0.6))
    elif rule == 'R1':
        if variant == 'cal':
            cal = r.choice([280, 340, 420, 560, 800, 1200])
            old = r.choice([60, 140, 190]) if r.random() < 0.4 else None
            fit = r.choice(['<4', 3, 6]) if age >= 40 else None
            out.append(b_bowel(G, ['cibh'] + r.sample(['abd', 'bloat'], r.choice([0, 1])), fit=fit, cal=cal, cal_old=old))
        else:
            cal = r.choice([None, 450, 900, 1500])
            fit = r.choice(['<4', 4, 7]) if age >= 40 else None
            out.append(b_bloody_diarrhoea(G, cal=cal, fit=fit))
    elif rule == 'R2':
        if variant == 'cirr':
            asc = r.random() < 0.7
            out.append(b_cirrhosis(G, ascites=asc, confusion=(not asc) or r.random() < 0.2))
        else:
            alt = r.choice([312, 348, 412, 480, 560, 690, 920])
            old = r.choice([None, 95, 160, 240]) if variant == 'change' else None
            out.append(b_liver(G, alt=alt, alt_old=old, reason=R(G, ['%s has felt non-specifically unwell and I checked LFTs.' % G.p['S'],
                                                                          'LFTs were rechecked after starting atorvastatin.',
                                                                          'Bloods for fatigue.'],
                                                                     ['LFTs for malaise.', 'LFTs post statin.']) if r.random() < 0.7 else None))
    elif rule == 'R3':
        out.append(b_haematemesis(G))
    elif rule == 'O1':
        out.append(b_upper(G, ['dyspepsia'] + r.sample(['upper_pain', 'reflux'], r.choice([0, 1])), ppi_weeks=r.choice([6, 8, 8, 10, 12, 16])))
    elif rule == 'O2':
        cal = r.choice([110, 130, 150, 172, 190, 210, 236])
        old = r.choice([None, 60, 70]) if variant == 'change' else None
        fit = r.choice(['<4', 2, 5, None]) if age < 60 else r.choice(['<4', 2, 5])
        out.append(b_bowel(G, r.sample(['cibh', 'abd', 'bloat'], r.choice([1, 2])), fit=fit, cal=cal, cal_old=old))
    elif rule == 'O3':
        out.append(b_ibd_known(G, stable=True, question=True))
    elif rule == 'O4':
        out.append(b_coeliac(G, sx=r.random() < 0.6))
        if r.random() < 0.5:
            out.append(b_bowel(G, [r.choice(['bloat', 'cibh'])]))
    elif rule == 'O5':
        if variant == 'fatty':
            out.append(b_liver(G, alt=r.choice([None, None, 22, 31]), fatty=True))
        else:
            alt = r.choice([46, 58, 72, 88, 104, 120, 160, 185, 220, 264])
            old = r.choice([340, 380, 520]) if variant == 'change' else None
            out.append(b_liver(G, alt=alt, alt_old=old, fatty=r.random() < 0.3))
    elif rule == 'A1':
        sx = r.sample(['abd', 'bloat', 'cibh'], r.choice([1, 2, 2, 3]))
        if r.random() < 0.5:
            out.append(b_bowel(G, sx, fit=r.choice(['<4', 2, 4, 6, 'negative', '<10']), ibs=r.random() < 0.3))
        else:
            out.append(b_bowel(G, sx, cal=r.choice([18, 25, '<20', 42, 64, 80]), fit=r.choice([None, None, '<4']), ibs=r.random() < 0.3))
    elif rule == 'O6':
        base = ['rb', 'cibh', 'abd'] if age >= 50 else ['rb']
        sx = r.sample(base, r.choice([1, 2])) if age >= 50 else ['rb']
        if age >= 50 and r.random() < 0.3:
            sx.append('bloat')
        out.append(b_bowel(G, sx, fit=r.choice(['<4', 2, 3, 5, 7, 'negative', 'undetectable']),
                           cal=r.choice([None, None, 30, 55])))
    elif rule == 'A2':
        kinds = r.sample(['reflux', 'dyspepsia'], r.choice([1, 1, 2]))
        out.append(b_upper(G, kinds, ppi_weeks=r.choice([None, None, 2, 6, 8]), helped=r.random() < 0.3))
    elif rule == 'A3':
        out.append(b_fh_crc(G))
    elif rule == 'D':
        v = variant
        if v == 'iron_only':
            out.append(b_anaemia(G, r.randint(lo + 4, lo + 28), r.randint(8, 26)))
        elif v == 'anaemia_only':
            out.append(b_anaemia(G, r.randint(lo - 25, lo - 5), r.randint(60, 280)))
        elif v == 'dysp55':
            out.append(b_upper(G, r.sample(['reflux', 'dyspepsia'], r.choice([1, 2])), ppi_weeks=r.choice([None, 1, 2, 3])))
        elif v == 'cibh55':
            out.append(b_bowel(G, ['cibh'] + r.sample(['bloat'], r.choice([0, 1]))))
        elif v == 'rb_young':
            out.append(b_bowel(G, ['rb']))
        elif v == 'abd_young':
            out.append(b_bowel(G, r.sample(['abd', 'bloat', 'cibh'], r.choice([1, 2]))))
        elif v == 'alp':
            out.append(b_alp_only(G))
        else:
            out.append(b_nausea(G))
    for pb in out:
        pb['tag'] = 'decider'
    return out


D_VARIANTS = {'iron_only': (18, 90), 'anaemia_only': (18, 90), 'dysp55': (55, 90), 'cibh55': (50, 59), 'rb_young': (18, 49),
              'abd_young': (18, 49), 'alp': (25, 85), 'nausea': (18, 80)}
RULE_VARIANTS = {'U3': ['plain', 'change'], 'U4': ['plain', 'change'], 'U8': ['rb', 'wlabd', 'cibh'],
                 'R1': ['bd', 'bd', 'cal'], 'R2': ['cirr', 'alt', 'change'], 'O2': ['plain', 'change'],
                 'O5': ['alt', 'alt', 'fatty', 'change'], 'D': sorted(D_VARIANTS)}
VARIANT_AGE = {('U8', 'rb'): (50, 92), ('U8', 'wlabd'): (40, 90), ('U8', 'cibh'): (60, 92)}


def extras_pool(G, rule):
    """Additional, separate problems; the rule is re-checked after adding them."""
    r = G.r
    pool = [lambda: b_upper(G, [r.choice(['reflux', 'dyspepsia'])], ppi_weeks=r.choice([None, 2])),
            lambda: b_bowel(G, ['bloat']),
            lambda: b_ibs_known(G),
            lambda: b_general(G, r.choice(sorted(GENERAL))),
            lambda: b_general(G, r.choice(['htn', 'dm', 'thyroid', 'asthma'])),
            lambda: b_nausea(G),
            lambda: b_liver(G, alt=r.choice([48, 62, 75, 96, 130])),
            lambda: b_liver(G, fatty=True),
            lambda: b_anaemia(G, r.randint(132, 150), r.randint(45, 220), context=R(G, ['Routine bloods were checked.'], ['routine bloods.'])),
            lambda: b_refuted_wl(G),
            lambda: b_alp_only(G),
            lambda: b_coeliac(G, sx=False),
            lambda: b_bowel(G, [r.choice(['abd', 'cibh'])], fit=r.choice(['<4', 3])),
            lambda: b_ibd_known(G, stable=True, question=r.random() < 0.5),
            ]
    if rule[0] == 'U' or rule[0] == 'R' or rule == 'O6':
        pool.append(lambda: b_weight_loss(G))
    return pool


# ---------------------------------------------------------------- facts from segments
VALUE_FACTS = ('hb', 'ferritin', 'fit', 'calprotectin', 'alt')


def facts_from_segs(segs):
    """Current facts asserted by 'fact' segments; returns (facts, conflicts)."""
    F, bad = {}, []
    for s, a in segs:
        if not a or a.get('type') != 'fact':
            continue
        k, v = a['fact'], a['value']
        if k in F and F[k] != v:
            bad.append('%s: %r vs %r' % (k, F[k], v))
        F[k] = v
    return F, bad


def all_problem_segs(problems, extra_stmts=()):
    segs = []
    for pb in problems:
        for s in pb['stmts']:
            segs.extend(s['segs'])
    for s in extra_stmts:
        segs.extend(s['segs'])
    return segs


def distractor_conflicts(segs, F):
    pos = positive_closure([k for k, v in F.items() if v is True and k not in VALUE_FACTS])
    bad = []
    for s, a in segs:
        if a and a.get('type') == 'distractor':
            for f in a['fact']:
                if f in pos:
                    bad.append('%s (%s) contradicts a positive fact' % (f, a['kind']))
    return bad


PRIO_TEXT = {
    'urgent_suspected_cancer': ['2WW', 'Urgent suspected cancer (2WW) please', 'two-week wait', 'please see under the 2-week rule',
                                'fast track please', 'USC referral'],
    'urgent': ['Urgent please', 'urgent (not cancer pathway)', 'soon please - urgent', 'please expedite (urgent)', 'Urgent'],
    'routine': ['Routine', 'routine OPD', 'non-urgent', 'routine - at your convenience', 'Routine please'],
    'advice_and_guidance': ['Advice & Guidance only', 'A&G', 'advice only - no need to see', 'happy with written advice only',
                            'advice and guidance request'],
}
PRIO_WORDS = {'urgent_suspected_cancer': 'asks for the two-week-wait (suspected cancer) pathway', 'urgent': 'asks for an urgent appointment',
              'routine': 'asks for a routine appointment', 'advice_and_guidance': 'asks for advice only'}
URG_ORDER = ['advice_and_guidance', 'routine', 'urgent', 'urgent_suspected_cancer']

LAYOUTS = [
    # name, register, kind ('writer' or 'form'), age range
    ('formal_senior_partner_dear_colleague', 'prose', 'writer', (18, 95)),
    ('terse_locum_two_liner', 'terse', 'writer', (18, 95)),
    ('chatty_gp_registrar_while_here', 'prose', 'writer', (18, 95)),
    ('salaried_gp_problem_lists', 'prose', 'writer', (18, 95)),
    ('third_person_partner_the_patient', 'prose', 'writer', (18, 95)),
    ('lowercase_no_punctuation_gp', 'prose', 'writer', (18, 95)),
    ('abbreviation_heavy_gp', 'terse', 'writer', (18, 95)),
    ('nhs111_clinician_concerns_impression', 'prose', 'writer', (18, 95)),
    ('walk_in_centre_nurse_numbered_findings', 'prose', 'writer', (18, 95)),
    ('community_matron_two_visits', 'prose', 'writer', (66, 95)),
    ('practice_pharmacist_medication_review', 'prose', 'writer', (18, 95)),
    ('private_health_check_doctor', 'prose', 'writer', (30, 80)),
    ('armed_forces_medical_officer_soap', 'terse', 'writer', (18, 56)),
    ('gp_two_consultations_with_addendum', 'prose', 'writer', (18, 95)),
    ('gp_rereferral_upgrade_downgrade', 'prose', 'writer', (18, 95)),
    ('ers_structured_referral_template', 'terse', 'form', (18, 95)),
    ('lower_gi_2ww_proforma', 'terse', 'form', (18, 95)),
    ('upper_gi_2ww_proforma', 'terse', 'form', (18, 95)),
    ('endoscopy_preassessment_checklist', 'terse', 'form', (18, 95)),
    ('gp_system_export_results_table', 'terse', 'form', (18, 95)),
]
LAYOUT_INFO = {l[0]: l for l in LAYOUTS}

# which rules each layout may receive (forms and special writers are restricted)
LAYOUT_RULES = {
    'lower_gi_2ww_proforma': ['U2', 'U3', 'U4', 'U6', 'U8', 'O6', 'A1', 'O2', 'R1', 'D', 'U1'],
    'upper_gi_2ww_proforma': ['U1', 'U5', 'R3', 'O1', 'A2', 'D', 'U4'],
    'community_matron_two_visits': ['U1', 'U4', 'U5', 'U6', 'U7', 'U8', 'R2', 'R3', 'O1', 'O6', 'D', 'O5', 'U3'],
    'practice_pharmacist_medication_review': ['O1', 'A2', 'D', 'U4', 'O5', 'R2', 'O3', 'R3', 'U1', 'O4', 'U5'],
    'private_health_check_doctor': ['O5', 'U3', 'U4', 'O4', 'A3', 'D', 'O6', 'A1', 'U8', 'A2', 'U7'],
    'armed_forces_medical_officer_soap': ['R1', 'A1', 'A2', 'O4', 'O2', 'O5', 'U1', 'D', 'A3', 'R3', 'O3', 'U3', 'U4'],
}


def choose_priority(r, urgency, want_disagree):
    if want_disagree is None:
        return None
    i = URG_ORDER.index(urgency)
    if not want_disagree:
        return urgency
    over = URG_ORDER[i + 1:]
    under = URG_ORDER[:i]
    if over and (not under or r.random() < 0.55):
        # over-asking usually goes to the cancer pathway or "urgent"
        return r.choice(over[-2:]) if len(over) > 1 else over[0]
    return r.choice(under[-2:]) if len(under) > 1 else under[0]


def make_patient(r, idx, age, ld, dob_offset=None):
    sex = 'F' if r.random() < 0.53 else 'M'
    first = r.choice(F_FIRST if sex == 'F' else M_FIRST)
    last = r.choice(SURN)
    if sex == 'F':
        title = r.choice(['Mrs', 'Mrs', 'Ms', 'Miss']) if age >= 25 else r.choice(['Miss', 'Ms'])
    else:
        title = 'Mr'
    off = dob_offset if dob_offset is not None else r.randint(100, 300)
    base = ld.replace(year=ld.year - age)
    dob = base - datetime.timedelta(days=off)
    assert age_on(dob, ld) == age
    return {'sex': sex, 'first': first, 'last': last, 'title': title, 'age': age, 'dob': dob,
            'nhs': nhs_number(r), 'hosp': r.choice(['K', 'RX', 'H', 'M']) + str(r.randint(100000, 9999999)),
            'ubrn': '%04d %04d %04d' % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999)),
            'addr': '%d %s %s' % (r.randint(1, 199), r.choice(['Acacia', 'Beech', 'Cedar', 'Laburnum', 'Primrose', 'Sycamore', 'Rowan', 'Hawthorn']),
                                  r.choice(['Road', 'Avenue', 'Close', 'Crescent', 'Way', 'Gardens']))}


def letter_date(r):
    d0 = datetime.date(2024, 1, 8)
    d = d0 + datetime.timedelta(days=r.randint(0, 680))
    if d.day > 28:
        d = d.replace(day=28)
    return d


def assemble(idx, rule, variant, layout):
    """Draw a letter scenario whose facts give `rule` under every reading of the spec."""
    lname, reg, lkind, (alo, ahi) = LAYOUT_INFO[layout]
    for attempt in range(400):
        r = rng_for(SET, idx, rule, variant, layout, attempt)
        lo, hi = RULE_AGE[rule]
        if (rule, variant) in VARIANT_AGE:
            lo, hi = VARIANT_AGE[(rule, variant)]
        if rule == 'D':
            lo, hi = D_VARIANTS[variant]
        lo, hi = max(lo, alo), min(hi, ahi)
        if lo > hi:
            raise SystemExit('no age for %s %s %s' % (rule, variant, layout))
        age = pick_age(r, lo, hi)
        ld = letter_date(r)
        pt = make_patient(r, idx, age, ld)
        g = G(r, pt, reg, ld, third=(layout == 'third_person_partner_the_patient'))
        deciders = scen(rule, g, variant)
        # extra, separate problems
        if layout == 'terse_locum_two_liner':
            n_extra = r.choice([0, 1, 1, 1, 2])
        else:
            n_extra = r.choice([0, 1, 1, 1, 2, 2, 2, 3])
        if len(deciders) >= 2:
            n_extra = max(0, n_extra - 1)
        pool = extras_pool(g, rule)
        extras, keys = [], set(p['key'] for p in deciders)
        tries = 0
        while len(extras) < n_extra and tries < 12:
            tries += 1
            pb = r.choice(pool)()
            if pb['key'] in keys:
                continue
            keys.add(pb['key'])
            extras.append(pb)
        problems = deciders + extras
        # distractor statements
        segs0 = all_problem_segs(problems)
        F0, _ = facts_from_segs(segs0)
        posc = positive_closure([k for k, v in F0.items() if v is True and k not in VALUE_FACTS])
        if 'reflux' in posc or 'dyspepsia' in posc:
            posc.update(['reflux', 'dyspepsia'])
        if 'anal_mass' in posc or 'anal_ulceration' in posc:
            posc.add('rectal_mass')
        negable = [k for k in sorted(NEGP) if k not in posc]
        r.shuffle(negable)
        negs = negable[:r.randint(2, 5)]
        dx = []
        free = [k for k in ['rectal_bleeding', 'haematemesis', 'jaundice', 'dysphagia', 'weight_loss', 'reflux', 'anaemia', 'abdominal_pain']
                if k not in posc and not (k == 'anaemia' and ('hb' in F0 or 'ferritin' in F0))]
        if free and r.random() < 0.45:
            dx.append(('hx', resolved_stmt(g, r.choice(free))))
        hyp = [k for k in ['dysphagia', 'haematemesis', 'jaundice', 'weight_loss', 'rectal_bleeding', 'abdominal_mass'] if k not in posc]
        if len(hyp) >= 2 and r.random() < 0.55:
            r.shuffle(hyp)
            dx.append(('safety', hypothetical_stmt(g, sorted(hyp[:r.randint(1, 3)]))))
        if r.random() < 0.35:
            fe = [f for f in FEARS if f[0] not in posc and not (f[0] == 'coeliac_serology_positive' and 'coeliac' in keys)
                  and not (f[0] == 'known_ibd' and 'known_ibd' in posc)]
            if fe:
                dx.append(('concern', feared_stmt(g, r.choice(fe))))
        if r.random() < 0.35:
            dx.append(('fh', fh_other_stmt(g)))
        symptomatic = any(F0.get(k) for k in GI_SYMPTOMS)
        if symptomatic and rule != 'A3' and r.random() < 0.22:
            dx.append(('fh', fh_crc_extra(g)))
        if r.random() < 0.2:
            dx.append(('concern', relative_stmt(g)))
        segs = all_problem_segs(problems, [d[1] for d in dx])
        F, bad = facts_from_segs(segs)
        bad += distractor_conflicts(segs, F)
        if 'ibd_known' in keys and any(F.get(k) for k in ['change_in_bowel_habit', 'rectal_bleeding', 'bloody_diarrhoea',
                                                           'abdominal_pain', 'bloating']):
            bad.append('stable IBD with bowel symptoms')
        if 'weight_loss' in F and 'refuted_wl' in keys:
            bad.append('weight loss both present and refuted')
        if bad:
            continue
        got = decide_all(F, age, pt['sex'])
        if got != [rule]:
            continue
        # negated red flags can be rendered anywhere; check they stay consistent
        return {'r': r, 'g': g, 'pt': pt, 'ld': ld, 'rule': rule, 'variant': variant, 'layout': layout,
                'problems': problems, 'negs': negs, 'dx': dx, 'facts': F, 'attempt': attempt}
    raise SystemExit('could not draw %s %s %s %s' % (idx, rule, variant, layout))


def plan_order(L):
    """Order the problems and choose where the deciding problem sits."""
    r = L['r']
    probs = L['problems']
    dec = [p for p in probs if p['tag'] == 'decider']
    ext = [p for p in probs if p['tag'] != 'decider']
    r.shuffle(ext)
    for p in probs:
        p['tail'] = None
    if not ext:
        L['order'] = dec if r.random() < 0.5 else list(reversed(dec))
        L['decider_position'] = 'only' if len(dec) == 1 else 'split'
        if len(dec) == 2 and r.random() < 0.35 and L['layout'] not in ('terse_locum_two_liner',):
            dec[-1]['tail'] = r.choice(['ps', 'also', 'while_here'])
            L['decider_position'] = 'split_with_tail'
        return
    pos = r.choice(['first', 'middle', 'middle', 'last', 'tail', 'tail', 'first', 'last'])
    if L['layout'] == 'terse_locum_two_liner' and pos == 'tail':
        pos = 'last'
    if pos == 'middle' and len(ext) < 2 and len(dec) < 2:
        pos = r.choice(['first', 'last', 'tail']) if L['layout'] != 'terse_locum_two_liner' else 'last'
    if pos == 'first':
        order = dec + ext
    elif pos == 'middle' and len(ext) >= 2:
        k = r.randint(1, len(ext) - 1)
        order = ext[:k] + dec + ext[k:]
    elif pos == 'middle':
        order = dec[:1] + ext + dec[1:]
        pos = 'split'
    else:
        order = ext + dec
    if pos == 'tail':
        has_lab = any(s['lab'] for s in dec[-1]['stmts'])
        kinds = ['ps', 'also', 'while_here'] + (['addendum', 'addendum'] if has_lab else [])
        dec[-1]['tail'] = r.choice(kinds)
    L['order'] = order
    L['decider_position'] = pos


# ---------------------------------------------------------------- rendering helpers
PMH_ITEMS = ['hypertension', 'type 2 diabetes', 'asthma', 'hypothyroidism', 'osteoarthritis', 'depression', 'COPD',
             'atrial fibrillation', 'gout', 'migraine', 'hypercholesterolaemia', 'previous cholecystectomy', 'eczema']
MED_ITEMS = ['amlodipine 5 mg od', 'atorvastatin 20 mg on', 'metformin 500 mg bd', 'levothyroxine 75 mcg od', 'ramipril 5 mg od',
             'sertraline 50 mg od', 'salbutamol inhaler prn', 'bisoprolol 2.5 mg od', 'allopurinol 100 mg od',
             'paracetamol 1 g prn', 'cetirizine 10 mg od', 'vitamin D 800 units od']


def stmt_segs(stmts, table=False, visit=None):
    out = []
    for s in stmts:
        if table and s['lab']:
            continue
        if visit is not None and (s['visit'] or 2) != visit:
            continue
        if out:
            out.append(t(' '))
        out.extend(s['segs'])
        if not re.search(r'[.!?;:]\s*$', seg_text(s['segs'])):
            out.append(t('.'))
    return out


def lab_rows(L):
    rows = []
    for pb in L['order']:
        for s in pb['stmts']:
            if s['lab']:
                rows.extend(s['rows'])
    return rows


def joinlist(segs, last=' and '):
    out = []
    for i, s in enumerate(segs):
        if i:
            out.append(t(last if i == len(segs) - 1 else ', '))
        out.append(s)
    return out


def neg_segs(L):
    return [neg_seg(L['g'], f) for f in L['negs']]


def dx_lines(L, slots=None):
    return [d[1]['segs'] for d in L['dx'] if slots is None or d[0] in slots]


def age_segs(L, mode=None):
    """Age as written in the body (or nothing for dob_only letters)."""
    pt, r = L['pt'], L['r']
    mode = mode or L['age_mode']
    if mode == 'num':
        return [ev('age', pt['age'], r.choice(['%d-year-old' % pt['age'], '%d year old' % pt['age']]))]
    if mode == 'words':
        return [ev('age', pt['age'], '%s-year-old' % num_words(pt['age']))]
    if mode == 'terse':
        return [ev('age', pt['age'], r.choice(['%dyo' % pt['age'], '%d y/o' % pt['age'], '%dy' % pt['age']]))]
    return []


def dob_seg(L, label=None):
    pt, r = L['pt'], L['r']
    d = pt['dob']
    s = r.choice([d.strftime('%d/%m/%Y'), '%d %s %d' % (d.day, MONTHS[d.month - 1], d.year), d.strftime('%d.%m.%Y'),
                  '%02d-%s-%d' % (d.day, MONTHS[d.month - 1][:3], d.year)])
    label = label if label is not None else r.choice(['DOB: ', 'D.O.B. ', 'Date of birth: ', 'DOB '])
    return ev('dob', d.isoformat(), label + s)


def date_seg(L, label=''):
    return ev('letter_date', L['ld'].isoformat(), label + fmt_date(L['r'], L['ld'], L['r'].choice([0, 2, 4, 5])))


def sex_seg(L):
    return ev('sex', L['pt']['sex'], L['pt']['title'])


def name_segs(L, order='normal'):
    pt = L['pt']
    if order == 'surname':
        return [t(pt['last'].upper() + ', ' + pt['first'] + ' ('), sex_seg(L), t(')')]
    return [sex_seg(L), t(' %s %s' % (pt['first'], pt['last']))]


def writer(L, role='GP'):
    r = L['r']
    return 'Dr %s %s' % (r.choice(DOC_FIRST), r.choice(SURN))


def practice(L):
    r = L['r']
    name, street, town = r.choice(PRACTICES)
    code = '%s%05d' % (r.choice('ABCDEFGHJKLMNPY'), r.randint(10000, 99999))
    return name, street, town, code


def prio_seg(L, wrap=None):
    c = L['prio']
    if c is None:
        return None
    txt = L['r'].choice(PRIO_TEXT[c])
    L['prio_text'] = txt
    return cx('gp_priority', wrap % txt if wrap else txt)


def subject_segs(L):
    """The writer's stated reason for referral: sometimes the minor problem, sometimes a serious-sounding title."""
    r = L['r']
    mode = L['subject_mode']
    if mode == 'concern':
        return [cx('title_concern', r.choice(['?bowel cancer', '?upper GI cancer', 'Query malignancy', '?sinister cause',
                                               'Worried re cancer', '?liver cancer']))]
    if mode == 'minor':
        ext = [p for p in L['order'] if p['tag'] != 'decider']
        return [ext[0]['title']]
    if mode == 'all':
        out = []
        for i, p in enumerate([p for p in L['order'] if not p['tail']][:3]):
            if i:
                out.append(t(' / '))
            out.append(p['title'])
        return out or [L['order'][0]['title']]
    if mode == 'generic':
        return [t(r.choice(['Gastroenterology referral', 'Referral', 'GI opinion please', 'New referral']))]
    return [[p for p in L['order'] if p['tag'] == 'decider'][0]['title']]


TAIL_INTRO = {'ps': ['P.S. ', 'PS - ', 'P.S. Forgot to add: '],
              'addendum': ['Addendum (results back today): ', 'ADDENDUM - results received since dictation: ', 'Addendum: '],
              'also': ['Also: ', 'Also - ', 'One more thing: '],
              'while_here': ['While %(s)s was here %(s)s also mentioned something else. ', 'While %(s)s was in, %(s)s also raised another issue. ']}


def tail_intro(L, kind):
    txt = L['r'].choice(TAIL_INTRO[kind])
    if '%(' in txt:
        txt = txt % {'s': L['g'].p['s']}
    return t(txt)


def body_problems(L):
    return [p for p in L['order'] if not p['tail']]


def tails(L, kinds):
    return [p for p in L['order'] if p['tail'] in kinds]


def paragraphs(L, table=False, connectors=True):
    """Prose paragraph per (non-tail) problem."""
    r = L['r']
    out = []
    probs = body_problems(L)
    cons = ['', 'Secondly: ', 'Separately: ', 'In addition: ', 'Another issue: ', 'Also of note: ']
    for i, pb in enumerate(probs):
        segs = stmt_segs(pb['stmts'], table)
        if not segs:
            segs = [t('Results are in the table below.')]
        if connectors and i and r.random() < 0.6:
            c = r.choice(cons[1:])
            segs = [t(c)] + lowerfirst(segs)
        out.append(segs)
    return out


def lowerfirst(segs):
    if not segs:
        return segs
    s, a = segs[0]
    if len(s) > 1 and s[0].isupper() and s[1].islower() and not s.startswith('Dr '):
        s = s[0].lower() + s[1:]
    return [(s, a)] + segs[1:]


def slip_word(r, s):
    words = [w for w in re.findall(r'[A-Za-z]{6,}', s)]
    if not words:
        return s
    w = r.choice(words)
    i = r.randint(1, len(w) - 3)
    k = r.randrange(3)
    if k == 0:
        nw = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    elif k == 1:
        nw = w[:i] + w[i + 1:]
    else:
        nw = w[:i] + w[i] + w[i:]
    return s.replace(w, nw, 1)


def closing(L, who=None):
    r = L['r']
    return [fl(r.choice(['Many thanks for your help with this patient.', 'Thank you for seeing this patient.',
                         'I would be grateful for your opinion and management.', 'Many thanks in advance.',
                         'Thank you for your assistance in this matter.']))]


def safety_lines(L):
    return dx_lines(L, ['safety'])


def other_dx(L):
    return dx_lines(L, ['hx', 'concern', 'fh'])


def results_table(L, title='Results'):
    rows = lab_rows(L)
    if not rows:
        return []
    lines = [[t(title + ':')]]
    for rw in rows:
        lines.append([rw])
    return lines


def footer(L, n=1):
    r = L['r']
    return [[t(r.choice(['Page %d of %d', '-- page %d/%d --', 'Page %d of %d  |  CONFIDENTIAL']) % (i + 1, n))] for i in range(1)]


def cc_line(L):
    r = L['r']
    return [t('cc: ' + ', '.join(r.sample(['Patient', 'GP records', 'Practice nurse', 'Community matron', 'Dr ' + r.choice(SURN),
                                            'Care coordinator', 'Pharmacy team'], r.randint(1, 3))))]


def request_line(L, kind):
    """The writer's request, with the requested priority embedded."""
    r = L['r']
    ps = prio_seg(L)
    G_ = L['g']
    if kind == 'prose':
        base = r.choice(['I would be grateful if you could see %s' % G_.p['O'], 'Please could you assess %s' % G_.p['O'],
                         'I would value your opinion', 'Could %s be seen in clinic' % G_.p['s'],
                         'I would appreciate your advice on further management'])
        if ps is None:
            return [fl(base + '.')]
        return [fl(base), t(' - '), ps, t('.')]
    if ps is None:
        return [t(r.choice(['Pls see.', 'Opinion pls.', 'Please assess.']))]
    return [t(r.choice(['Pls see - ', 'Req: ', 'Opinion pls: '])), ps, t('.')]


# ---------------------------------------------------------------- layouts
def L_formal(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    doc = writer(L)
    lines = [[t(name)], [t('%s, %s' % (street, town))], [t('Practice code %s   Tel 01%d %06d' % (code, r.randint(200, 999), r.randint(0, 999999)))], [],
             [date_seg(L)], [], [t('Dr %s, Consultant Gastroenterologist' % r.choice(SURN))], [t(r.choice(HOSPITALS))], [],
             [t('Dear Colleague,' if r.random() < 0.6 else 'Dear Dr %s,' % r.choice(SURN))], [],
             [t('Re: ')] + name_segs(L) + [t(', '), dob_seg(L), t(', NHS number %s' % pt['nhs'])],
             [t('Reason for referral: ')] + subject_segs(L), []]
    intro = [fl(r.choice(['Thank you for seeing this ', 'I should be grateful if you would see this ', 'I would be grateful for your assessment of this '])), ]
    intro += age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''), t(r.choice(['lady', 'woman']) if pt['sex'] == 'F' else r.choice(['gentleman', 'man'])),
                            t(r.choice([', whom I saw in surgery this week.', ' regarding the matters below.', '.']))]
    lines += [intro, []]
    for pa in paragraphs(L):
        lines += [pa, []]
    od = other_dx(L)
    ns = neg_segs(L)
    if ns:
        lines += [[t('On direct questioning there is ')] + joinlist(ns) + [t('.')], []]
    for d in od:
        lines += [d]
    if od:
        lines.append([])
    for d in safety_lines(L):
        lines += [d, []]
    for p in tails(L, ['also', 'while_here']):
        lines += [[tail_intro(L, p['tail'])] + stmt_segs(p['stmts']), []]
    lines += [request_line(L, 'prose'), [], closing(L), [], [t('Yours sincerely,')], [], [t(doc)], [t(name)]]
    for p in tails(L, ['ps', 'addendum']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    return lines


def L_terse(L):
    r, g, pt = L['r'], L['g'], L['pt']
    lines = [[t('To: Gastro  From: %s (locum)  ' % writer(L)), date_seg(L)],
             [t('Pt: ')] + name_segs(L) + [t(' '), dob_seg(L, 'DOB '), t(' NHS %s' % pt['nhs'])]]
    body = []
    for i, pb in enumerate(body_problems(L)):
        if i:
            body.append(t(' '))
        body += stmt_segs(pb['stmts'])
    ag = age_segs(L, 'terse') if L['age_mode'] != 'dob_only' else []
    lines.append(ag + ([t(' ')] if ag else []) + body)
    ns = neg_segs(L)
    if ns:
        lines.append(joinlist(ns[:3], ', ') + [t('.')])
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines.append([t('also ')] + stmt_segs(p['stmts']))
    lines.append(request_line(L, 'terse') + [t(' Thx')])
    return lines


def L_chatty(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    lines = [[t('%s  |  %s  |  %s' % (name, town, code))], [date_seg(L, 'Dictated: '), t('   Typed: %s' % fmt_date(r, L['ld'] + datetime.timedelta(days=r.randint(1, 4)), 0))], [],
             [t('Dear Gastro team,')], [],
             [fl(r.choice(['I hope you don\'t mind me referring ', 'I saw ', 'Thanks for taking a look at '])),
              t('this '), ] + age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''), t('patient, '), ] + name_segs(L) +
             [t(' ('), dob_seg(L), t('), '), t(r.choice(['who came in with a list of things today.', 'who is a lovely person and rarely troubles us.',
                                                          'whom I know quite well.']))], []]
    for pa in paragraphs(L):
        lines += [pa, []]
    ns = neg_segs(L)
    if ns:
        lines += [[t(r.choice(['I did ask about the usual worrying things: ', 'For what it\'s worth, ', 'Reassuringly, ']))] + joinlist(ns) + [t('.')], []]
    for d in other_dx(L):
        lines += [d]
    for p in tails(L, ['also', 'while_here']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    lines += [[]]
    for d in safety_lines(L):
        lines += [d]
    lines += [[fl(r.choice(['Honestly I am not sure what to make of it all, so ', 'I have run out of ideas, so ', 'Anyway, ']))] + request_line(L, 'prose'),
              [], [fl('Best wishes,')], [t(writer(L) + ' (GP registrar, supervised by Dr %s)' % r.choice(SURN))]]
    for p in tails(L, ['ps', 'addendum']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    return lines


def L_problem_lists(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    fmt = r.choice(['Problem %d: ', 'Issue %d - ', '%d) ', 'Problem %d - '])
    lines = [[t(name + ', ' + town)], [date_seg(L, 'Date: ')], [],
             [t('Patient: ')] + name_segs(L) + [t('  '), dob_seg(L), t('  NHS No: %s' % pt['nhs'])],
             [t('Hospital no: %s' % pt['hosp'])], [], [t('Dear Doctor,')], [],
             [t('I am referring this ')] + age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''),
                                                          t('patient with the following problems:')], []]
    for i, pb in enumerate(body_problems(L)):
        lines.append([t(fmt % (i + 1)), pb['title']])
        lines.append(stmt_segs(pb['stmts']))
        lines.append([])
    also = tails(L, ['also', 'while_here', 'ps', 'addendum'])
    for p in also:
        lines += [[t('Also: '), p['title']], stmt_segs(p['stmts']), []]
    ns = neg_segs(L)
    if ns:
        lines += [[t('Red flags: ')] + joinlist(ns, ', ') + [t('.')], []]
    for d in dx_lines(L):
        lines += [d]
    lines += [[], [t('PMH: ' + ', '.join(r.sample(PMH_ITEMS, 2)))], [t('Medication: ' + ', '.join(r.sample(MED_ITEMS, 3)))], [],
              request_line(L, 'prose'), [], [fl('Kind regards,')], [t(writer(L) + ', Salaried GP')]]
    return lines


def L_third(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    lines = [[t(name)], [t(street + ', ' + town)], [], [date_seg(L)], [],
             [t('Dear Consultant,')], [],
             [t('Re: ')] + name_segs(L, 'surname') + [t('  '), dob_seg(L), t('  NHS %s' % pt['nhs'])], [],
             [t('I write regarding the above-named patient, a ')] + (age_segs(L) if L['age_mode'] in ('num', 'words') else [t('')]) +
             [t(' ' if L['age_mode'] in ('num', 'words') else ''), t('registered patient of this practice for many years. The patient attended on %s.' % fmt_date(r, L['ld'] - datetime.timedelta(days=r.randint(1, 6)), 0))], []]
    for pa in paragraphs(L):
        lines += [pa, []]
    ns = neg_segs(L)
    if ns:
        lines += [[t('The patient reports ')] + joinlist(ns) + [t('.')], []]
    for d in dx_lines(L):
        lines += [d]
    for p in tails(L, ['also', 'while_here']):
        lines += [[], [t('Additionally, ')] + lowerfirst(stmt_segs(p['stmts']))]
    lines += [[], [t('In view of the above, ')] + lowerfirst(request_line(L, 'prose')), [], [fl('Yours faithfully,')], [],
              [t(writer(L) + ', Partner')]]
    for p in tails(L, ['ps', 'addendum']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    return lines


def L_lower(L):
    # written as an ordinary letter; lower case and punctuation are stripped in transform_lower()
    r, g, pt = L['r'], L['g'], L['pt']
    lines = [[t('gastro referral '), date_seg(L)], [t('re ')] + name_segs(L) + [t(' '), dob_seg(L, 'dob '), t(' nhs %s' % pt['nhs'])], [],
             [t('hi ')] + ([t('this ')] + age_segs(L) + [t(' ')] if L['age_mode'] in ('num', 'words') else [t('this ')]) +
             [t('lady ' if pt['sex'] == 'F' else 'chap '), t('came in today ')]]
    for pb in body_problems(L):
        lines.append(stmt_segs(pb['stmts']))
    ns = neg_segs(L)
    if ns:
        lines.append([t('no other red flags ')] + joinlist(ns, ' ') )
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines.append([t('oh and ')] + stmt_segs(p['stmts']))
    lines.append(request_line(L, 'prose') + [t(' thanks ' + writer(L))])
    return lines


def L_abbrev(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    lines = [[t('%s (%s)  ' % (name, code)), date_seg(L)], [t('Re: ')] + name_segs(L) + [t(' '), dob_seg(L), t(' NHS %s  Hosp %s' % (pt['nhs'], pt['hosp']))], []]
    ag = age_segs(L, 'terse') if L['age_mode'] != 'dob_only' else []
    lines.append([t('PC: ')] + ag + ([t(' ')] if ag else []) + [t(r.choice(['F', 'female']) if pt['sex'] == 'F' else r.choice(['M', 'male'])), t(' - multiple issues')])
    for i, pb in enumerate(body_problems(L)):
        lines.append([t('%d. ' % (i + 1)), pb['title'], t(': ')] + stmt_segs(pb['stmts']))
    ns = neg_segs(L)
    if ns:
        lines.append([t('RF: ')] + joinlist(ns, ', ', ) + [t('.')])
    for d in dx_lines(L):
        lines.append([t('NB ')] + d)
    lines += [[t('PMH: ' + ', '.join(x.replace('type 2 diabetes', 'T2DM').replace('hypertension', 'HTN') for x in r.sample(PMH_ITEMS, 2)))],
              [t('DH: ' + ', '.join(r.sample(MED_ITEMS, 2)))], [t('SH: ' + r.choice(['ex-smoker, EtOH 6u/wk', 'NS, EtOH nil', 'smoker 10/d, EtOH 12u/wk']))]]
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines.append([t('ADD: ')] + stmt_segs(p['stmts']))
    lines += [request_line(L, 'terse'), [t(writer(L) + ' GP')]]
    return lines


def L_111(L):
    r, g, pt = L['r'], L['g'], L['pt']
    lines = [[t('NHS 111 - Clinical Assessment Service: clinician summary for specialist team')], [date_seg(L, 'Call date: '), t('  Case ref %d' % r.randint(10 ** 7, 10 ** 8))],
             [t('Patient: ')] + name_segs(L) + [t('  '), dob_seg(L), t('  NHS No %s' % pt['nhs'])],
             [t('Registered GP: %s' % practice(L)[0])], [],
             [t('Caller: ' + r.choice(['patient', 'patient\'s %s' % g.partner, 'patient\'s daughter (patient present and consenting)']))], [],
             [t('Concerns:')]]
    bp = body_problems(L)
    for pb in bp:
        lines.append([t('- ')] + stmt_segs(pb['stmts']))
    lines += [[], [t('Red flags screened (telephone): ')] + (joinlist(neg_segs(L), ', ') if L['negs'] else [t('see above')])]
    for d in dx_lines(L, ['hx', 'fh', 'concern']):
        lines.append(d)
    lines += [[], [t('Impression: '), t(r.choice(['not an emergency; needs specialist review.', 'no ED attendance needed; for gastro triage.',
                                                      'stable, suitable for referral.']))]]
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines += [[t('Further information given at end of call: ')] + stmt_segs(p['stmts'])]
    lines += [[t('Disposition: ')] + request_line(L, 'prose')]
    for d in safety_lines(L):
        lines.append([t('Worsening care advice: ')] + d)
    lines += [[], [t('Clinician: %s, NHS 111 clinical advisor (paramedic)' % writer(L)[3:])]]
    return lines


def L_walkin(L):
    r, g, pt = L['r'], L['g'], L['pt']
    lines = [[t('%s Walk-in Centre - nurse practitioner letter' % r.choice(['Riverside', 'Town Centre', 'Northgate', 'Station']))],
             [date_seg(L, 'Seen: ')], [t('Name: ')] + name_segs(L), [dob_seg(L)], [t('NHS: %s   GP: %s' % (pt['nhs'], practice(L)[0]))], [],
             [t('To the gastroenterology team (copy to GP),')], [],
             [t('I saw this ')] + age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''), t('patient in the walk-in centre today. My findings:')]]
    n = 1
    for pb in body_problems(L):
        for s in pb['stmts']:
            lines.append([t('%d. ' % n)] + s['segs'])
            n += 1
    for ns in neg_segs(L):
        lines.append([t('%d. ' % n), ns])
        n += 1
    for d in dx_lines(L):
        lines.append([t('%d. ' % n)] + d)
        n += 1
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines.append([t('%d. Just before leaving: ' % n)] + lowerfirst(stmt_segs(p['stmts'])))
        n += 1
    lines += [[], request_line(L, 'prose'), [t('Obs today: HR %d, BP %d/%d, temp %.1f.' % (r.randint(64, 96), r.randint(110, 150), r.randint(68, 92), r.randint(363, 374) / 10.0))],
              [], [t('%s, Nurse Practitioner (RGN, NMP)' % writer(L)[3:])]]
    return lines


def L_matron(L):
    r, g, pt = L['r'], L['g'], L['pt']
    d2 = L['ld']
    d1 = d2 - datetime.timedelta(days=r.randint(14, 35))
    lines = [[t('Community Matron - Integrated Neighbourhood Team')], [date_seg(L, 'Letter date: ')],
             [t('Re: ')] + name_segs(L) + [t(', '), dob_seg(L), t(', NHS %s, lives %s' % (pt['nhs'], r.choice(['alone with carers twice daily', 'with %s' % g.partner, 'in sheltered housing'])))], [],
             [t('Dear Gastroenterology team,')], [],
             [t('I visit this ')] + age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''), t('patient at home for long-term conditions. I am writing with the GP\'s agreement after two visits.')], []]
    probs = body_problems(L)
    v1 = [p for p in probs if p['tag'] != 'decider'] or probs[:1]
    v2 = [p for p in probs if p not in v1]
    lines.append([t('Visit 1 (%s):' % fmt_date(r, d1, 0))])
    for pb in v1:
        lines.append([t('- ')] + stmt_segs(pb['stmts']))
    if L['negs'][:2]:
        lines.append([t('- ')] + joinlist(neg_segs(L)[:2]) + [t(' at that visit.')])
    lines += [[], [t('Visit 2 (%s, latest):' % fmt_date(r, d2, 0))]]
    if not v2:
        lines.append([t('- No change to the above.')])
    for pb in v2:
        lines.append([t('- At this visit: ')] + lowerfirst(stmt_segs(pb['stmts'])))
    if L['negs'][2:]:
        lines.append([t('- ')] + joinlist(neg_segs(L)[2:]) + [t('.')])
    for d in dx_lines(L):
        lines.append([t('- ')] + d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    lines += [[], request_line(L, 'prose'), [], [fl('With thanks,')], [t('%s, Community Matron' % writer(L)[3:])], cc_line(L)]
    return lines


def L_pharmacist(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    lines = [[t('%s - Clinical Pharmacist Structured Medication Review' % name)], [date_seg(L, 'Review date: ')],
             [t('Patient: ')] + name_segs(L) + [t('  '), dob_seg(L), t('  NHS %s' % pt['nhs'])], [],
             [t('Current medicines: ' + ', '.join(r.sample(MED_ITEMS, 4)))], [],
             [t('Dear gastroenterology colleagues, during a structured medication review of this ')] + age_segs(L) +
             [t(' ' if L['age_mode'] in ('num', 'words') else ''), t('patient the following came up. The GP (%s) has reviewed this letter and agrees to it being sent.' % writer(L))], []]
    for i, pb in enumerate(body_problems(L)):
        lines += [[t('Medication issue %d - ' % (i + 1)), pb['title']], stmt_segs(pb['stmts']), []]
    ns = neg_segs(L)
    if ns:
        lines += [[t('Screening questions: ')] + joinlist(ns, '; ') + [t('.')]]
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    lines += [[], [t('Action requested: ')] + request_line(L, 'prose'), [], [t('%s, Practice Clinical Pharmacist (IP)' % writer(L)[3:])]]
    return lines


def L_private(L):
    r, g, pt = L['r'], L['g'], L['pt']
    lines = [[t('%s Health Screening Ltd - Executive Health Assessment' % r.choice(['Lambeth Wellness', 'Harley Lane', 'Apex Corporate', 'Thamesview']))],
             [date_seg(L, 'Report date: ')], [t('Client: ')] + name_segs(L) + [t('  '), dob_seg(L)], [t('NHS number (client supplied): %s' % pt['nhs'])], [],
             [t('Dear NHS Gastroenterology Department (via the client\'s GP),')], [],
             [t('This ')] + age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''), t('client attended for a self-funded health assessment. Summary of findings relevant to you:')], []]
    for i, pb in enumerate(body_problems(L)):
        lines += [[t('Finding %d: ' % (i + 1)), pb['title']], stmt_segs(pb['stmts'], table=True), []]
    lines += results_table(L, 'Laboratory results (reference ranges in brackets)')
    ns = neg_segs(L)
    if ns:
        lines += [[], [t('Questionnaire: ')] + joinlist(ns, '; ')]
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    lines += [[], request_line(L, 'prose'), [], [t('%s, Screening Physician' % writer(L))]]
    return lines


def L_forces(L):
    r, g, pt = L['r'], L['g'], L['pt']
    lines = [[t('DEFENCE PRIMARY HEALTHCARE - %s Medical Centre' % r.choice(['Catterick', 'Tidworth', 'Brize', 'Colchester', 'Lossiemouth']))],
             [date_seg(L, 'Date: ')], [t('Service person: ')] + name_segs(L) + [t('  Service No %s%d  ' % (r.choice(['W', '']), r.randint(24000000, 30000000))), dob_seg(L)],
             [t('NHS: %s   Unit: %s' % (pt['nhs'], r.choice(['1 RIFLES', '3 Regt RLC', 'RAF Regt', 'HMS Ocean det.'])))], [],
             [t('S: ')] + age_segs(L, 'terse') + ([t(' ')] if L['age_mode'] != 'dob_only' else [])]
    for pb in body_problems(L):
        lines.append([t('   ')] + stmt_segs(pb['stmts'], table=True))
    for d in dx_lines(L, ['hx', 'fh', 'concern']):
        lines.append([t('   ')] + d)
    ns = neg_segs(L)
    lines.append([t('O: obs nl. ')] + (joinlist(ns, ', ') + [t('.')] if ns else []))
    for rw in lab_rows(L):
        lines.append([t('   '), rw])
    lines.append([t('A: ' + r.choice(['for specialist opinion', 'issues as listed', 'see S']))])
    lines.append([t('P: ')] + request_line(L, 'terse') + [t(' Downgraded from field duties pending review.' if r.random() < 0.3 else '')])
    for d in safety_lines(L):
        lines.append([t('   ')] + d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines.append([t('Addl: ')] + stmt_segs(p['stmts']))
    lines.append([t('%s, RAMC, Regimental Medical Officer' % writer(L))])
    return lines


def L_twovisit(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    d2 = L['ld'] - datetime.timedelta(days=r.randint(0, 2))
    d1 = d2 - datetime.timedelta(days=r.randint(14, 42))
    lines = [[t(name)], [date_seg(L, 'Date of letter: ')], [t('Re: ')] + name_segs(L) + [t('  '), dob_seg(L), t('  NHS No %s' % pt['nhs'])], [],
             [t('Dear Colleague,')], [], [t('I have seen this ')] + age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''), t('patient twice and summarise both consultations; the second is the most recent.')], []]
    probs = body_problems(L)
    first = [p for p in probs if p['tag'] != 'decider']
    if not first or r.random() < 0.3:
        first = probs[:1]
    second = [p for p in probs if p not in first]
    lines.append([t('First consultation, %s:' % fmt_date(r, d1, 0))])
    for pb in first:
        lines.append(stmt_segs(pb['stmts']))
    ns = neg_segs(L)
    if ns:
        lines.append([t('At that point ')] + joinlist(ns[:2]) + [t('.')])
    lines += [[], [t('Second consultation, %s (latest):' % fmt_date(r, d2, 0))]]
    if second:
        for pb in second:
            lines.append([t(r.choice(['Since then, ', 'New today: ', 'This time ']))] + lowerfirst(stmt_segs(pb['stmts'])))
    else:
        lines.append([t('Things are unchanged from the first consultation.')])
    if ns[2:]:
        lines.append([t('Today ')] + joinlist(ns[2:]) + [t('.')])
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here']):
        lines += [[tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    lines += [[], request_line(L, 'prose'), [], [fl('Yours sincerely,')], [t(writer(L))]]
    for p in tails(L, ['ps', 'addendum']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    return lines


def L_reref(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    prev = L['ld'] - datetime.timedelta(days=r.randint(20, 400))
    kind = L['reref_kind']
    lines = [[t(name + ', ' + town)], [date_seg(L, 'Date: ')], [t('Re: ')] + name_segs(L) + [t('  '), dob_seg(L), t('  NHS %s  Hosp no %s' % (pt['nhs'], pt['hosp']))],
             [t('e-RS UBRN: %s' % pt['ubrn'])], [], [t('Dear Colleague,')], []]
    if kind == 'rereferral':
        lines.append([t(r.choice(['You kindly saw this ', 'Your team saw this ']))] + age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''),
                      t('patient in %s %d and discharged %s back to us. I am writing again because things have changed (or not settled). The current position in full:' % (MONTHS[prev.month - 1], prev.year, g.p['O']))])
    elif kind == 'upgrade':
        lines.append([t('I referred this ')] + age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''),
                      t('patient on %s and %s is still waiting. I would like to change the priority of that referral. The full current facts are:' % (fmt_date(r, prev, 0), g.p['s']))])
    else:
        lines.append([t('Further to my referral of %s, I am writing with updated information and to revise the priority. Current facts in full for this ' % fmt_date(r, prev, 0))] +
                     age_segs(L) + [t(' ' if L['age_mode'] in ('num', 'words') else ''), t('patient:')])
    lines.append([])
    for pa in paragraphs(L):
        lines += [pa, []]
    ns = neg_segs(L)
    if ns:
        lines += [[t('Today ')] + joinlist(ns) + [t('.')], []]
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here']):
        lines += [[tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    ps = prio_seg(L)
    if ps is not None:
        lines += [[], [t('Requested priority now: '), ps, t('.')]]
    else:
        lines += [[], [fl('I leave the priority to your judgement.')]]
    lines += [[], [fl('Yours sincerely,')], [t(writer(L))]]
    for p in tails(L, ['ps', 'addendum']):
        lines += [[], [tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    return lines


def L_ers(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    lines = [[t('e-Referral Service - Referral Letter (Gastroenterology)')], [t('UBRN: %s    ' % pt['ubrn']), date_seg(L, 'Referral date: ')],
             [t('Patient name: ')] + name_segs(L, 'surname'), [dob_seg(L, 'Date of birth: ')],
             [t('Sex: '), ev('sex', pt['sex'], 'Female' if pt['sex'] == 'F' else 'Male')],
             [t('NHS number: %s' % pt['nhs'])], [t('Referrer: %s, %s (%s)' % (writer(L), name, code))]]
    ps = prio_seg(L)
    lines.append([t('Priority: '), ps] if ps else [t('Priority: (not selected)')])
    lines += [[], [t('Presenting complaint: ')] + subject_segs(L)]
    hpc = []
    for pb in body_problems(L):
        if hpc:
            hpc.append(t(' '))
        hpc += stmt_segs(pb['stmts'])
    ag = age_segs(L, 'terse') if L['age_mode'] != 'dob_only' else []
    lines.append([t('HPC: ')] + ag + ([t('. ')] if ag else []) + hpc)
    ns = neg_segs(L)
    lines.append([t('Red flags screened: ')] + (joinlist(ns, ', ') if ns else [t('n/a')]))
    hx = dx_lines(L, ['hx', 'fh'])
    lines.append([t('Hx: ')] + (sum([d + [t(' ')] for d in hx], []) if hx else [t('see PMH')]))
    lines.append([t('PMH: ' + ', '.join(r.sample(PMH_ITEMS, 2)))])
    lines.append([t('Concerns: ')] + (sum([d for d in dx_lines(L, ['concern'])], []) or [t('none recorded')]))
    lines.append([t('What I have done: ' + r.choice(['bloods, examination', 'examined, bloods sent', 'history and bloods']))])
    lines.append([t('What I would like: ' + r.choice(['specialist opinion', 'investigation as you see fit', 'advice on next steps']))])
    sn = safety_lines(L)
    lines.append([t('Safety netting: ')] + (sn[0] if sn else [t('standard advice given')]))
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines += [[t('Additional information: ')] + stmt_segs(p['stmts'])]
    return lines


def form_ans(L, state, style):
    r = L['r']
    if style == 'yn':
        return {'yes': 'Y', 'no': 'N'}[state]
    if style == 'yesno':
        return {'yes': r.choice(['YES / ~~NO~~', '(Yes) / No']), 'no': r.choice(['~~YES~~ / NO', 'Yes / (No)'])}[state]
    if style == 'tick':
        return {'yes': '\u2713', 'no': '\u2717'}[state]
    if style == 'box':
        return {'yes': '[x]', 'no': '[ ]'}[state]
    if style == 'pm':
        return {'yes': '+', 'no': '-'}[state]
    if style == 'pa':
        return {'yes': 'present', 'no': 'absent'}[state]
    return {'yes': r.choice(['yes', 'yes - see notes', 'yes, ongoing']), 'no': r.choice(['no', 'not that she\'s noticed' if L['pt']['sex'] == 'F' else 'not that he\'s noticed', 'denies', 'never'])}[state]


def form_row(L, label, fact, style, width=34):
    F = L['facts']
    state = 'yes' if F.get(fact) is True else 'no'
    ans = form_ans(L, state, style)
    txt = ('%s' % label).ljust(width, '.' if style in ('yn', 'pm') else ' ') + ' ' + ans
    if state == 'yes':
        return [ev(fact, True, txt)]
    return [ds(fact, 'unticked_box' if style in ('box', 'tick') else 'form_no', txt)]


def L_lower2ww(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    style = r.choice(['yn', 'yesno', 'tick', 'box', 'pm', 'pa', 'free'])
    F = L['facts']
    lines = [[cx('form_header', 'SUSPECTED LOWER GI CANCER REFERRAL FORM (NG12 / FIT)')], [t('Practice: %s (%s)   ' % (name, code)), date_seg(L, 'Date: ')],
             [t('Patient: ')] + name_segs(L) + [t('   '), dob_seg(L)], [t('NHS No: %s   Hospital No: %s' % (pt['nhs'], pt['hosp']))],
             [t('Sex: '), ev('sex', pt['sex'], 'F' if pt['sex'] == 'F' else 'M')], []]
    ps = prio_seg(L)
    lines.append([t('Referral type requested: '), ps] if ps else [t('Referral type requested: ______')])
    lines += [[], [t('Section A - criteria (answer every row):')]]
    rows = [('Rectal bleeding', 'rectal_bleeding'), ('Change in bowel habit', 'change_in_bowel_habit'),
            ('Abdominal pain', 'abdominal_pain'), ('Unexplained weight loss', 'weight_loss'), ('Abdominal mass', 'abdominal_mass'),
            ('Rectal mass', 'rectal_mass'), ('Anal mass', 'anal_mass'), ('Unexplained anal ulceration', 'anal_ulceration')]
    r.shuffle(rows)
    for lab, fact in rows:
        if fact == 'abdominal_pain' and F.get('upper_abdominal_pain') and not F.get('abdominal_pain'):
            lines.append([t('Abdominal pain'.ljust(34) + ' '), ev('upper_abdominal_pain', True, 'upper/epigastric only')])
            continue
        lines.append(form_row(L, lab, fact, style))
    fit = F.get('fit')
    if fit is not None:
        lines.append([ev('fit', fit, 'FIT result (ug Hb/g): %s' % fit)])
    else:
        lines.append([cx('fit_pending', 'FIT result (ug Hb/g): ' + r.choice(['not done', 'awaited', 'kit given, not returned', '(blank)']))])
    if 'hb' in F:
        lines.append([ev('hb', F['hb'], 'Hb: %d g/L' % F['hb']), t('  /  '),
                      ev('ferritin', F['ferritin'], 'ferritin: %s' % F['ferritin']) if 'ferritin' in F else cx('form_field', 'ferritin: not checked')])
    else:
        lines.append([cx('form_field', 'Hb / ferritin: not checked')])
    lines += [[], [t('Section B - clinical details (free text):')]]
    ag = age_segs(L, 'terse') if L['age_mode'] != 'dob_only' else []
    body = ag + ([t('. ')] if ag else [])
    for pb in body_problems(L):
        body += stmt_segs(pb['stmts'], table=True) + [t(' ')]
    lines.append(body)
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines += [[tail_intro(L, p['tail'])] + stmt_segs(p['stmts'], table=True)]
    tb = results_table(L, 'Results')
    if tb:
        lines += [[]] + tb
    lines += [[cx('form_field', 'Section C - patient informed of possible cancer referral and available next 14 days: Y')], [t('Referrer: %s' % writer(L))]]
    return lines


def L_upper2ww(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    style = r.choice(['yn', 'yesno', 'tick', 'box', 'pm', 'pa', 'free'])
    F = L['facts']
    lines = [[cx('form_header', 'UPPER GI / OGD DIRECT ACCESS & SUSPECTED CANCER FORM')], [date_seg(L, 'Date of referral: ')],
             [t('Name: ')] + name_segs(L, 'surname') + [t('  '), dob_seg(L, 'DOB: ')], [t('NHS: %s   Practice: %s' % (pt['nhs'], name))], []]
    ps = prio_seg(L)
    lines.append([t('GP requested priority: '), ps] if ps else [t('GP requested priority: (blank)')])
    lines += [[], [t('Symptoms (tick / answer each):')]]
    rows = [('Dysphagia', 'dysphagia'), ('Unexplained weight loss', 'weight_loss'), ('Upper abdominal pain', 'upper_abdominal_pain'),
            ('Reflux', 'reflux'), ('Dyspepsia', 'dyspepsia'), ('Haematemesis', 'haematemesis'),
            ('Dyspepsia despite >= 4 weeks PPI', 'treatment_resistant_dyspepsia')]
    for lab, fact in rows:
        lines.append(form_row(L, lab, fact, style))
    if 'hb' in F:
        lines.append([ev('hb', F['hb'], 'Latest Hb: %d g/L' % F['hb'])] +
                     ([t('   '), ev('ferritin', F['ferritin'], 'ferritin %s' % F['ferritin'])] if 'ferritin' in F else []))
    lines += [[], [t('Clinical summary:')]]
    ag = age_segs(L, 'terse') if L['age_mode'] != 'dob_only' else []
    body = ag + ([t('. ')] if ag else [])
    for pb in body_problems(L):
        body += stmt_segs(pb['stmts'], table=True) + [t(' ')]
    lines.append(body)
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines += [[tail_intro(L, p['tail'])] + stmt_segs(p['stmts'], table=True)]
    tb = results_table(L, 'Results')
    if tb:
        lines += [[]] + tb
    lines += [[t('Anticoagulants: %s   Diabetic: %s' % (r.choice(['none', 'apixaban', 'none']), r.choice(['no', 'yes - tablets'])))],
              [t('Signed: %s' % writer(L))]]
    return lines


def L_preassess(L):
    r, g, pt = L['r'], L['g'], L['pt']
    style = r.choice(['pa', 'pm', 'yn', 'free'])
    F = L['facts']
    proc = r.choice(['OGD', 'colonoscopy', 'flexible sigmoidoscopy'])
    lines = [[t('ENDOSCOPY UNIT - PRE-ASSESSMENT RECORD (for review by triaging gastroenterologist)')],
             [date_seg(L, 'Pre-assessment date: ')], [t('Patient: ')] + name_segs(L) + [t('  '), dob_seg(L), t('  NHS %s  MRN %s' % (pt['nhs'], pt['hosp']))],
             [t('Booked procedure: %s (originally requested by GP)' % proc)], []]
    ag = age_segs(L, 'terse') if L['age_mode'] != 'dob_only' else []
    lines.append([t('Nurse notes: ')] + ag + ([t('. ')] if ag else []) + [t('At pre-assessment the patient described the following, which I am flagging for re-triage:')])
    for pb in body_problems(L):
        lines.append([t('  * ')] + stmt_segs(pb['stmts']))
    lines += [[], [t('Symptom checklist:')]]
    rows = [('Dysphagia', 'dysphagia'), ('Weight loss', 'weight_loss'), ('Rectal bleeding', 'rectal_bleeding'),
            ('Haematemesis', 'haematemesis'), ('Jaundice', 'jaundice'), ('Change in bowel habit', 'change_in_bowel_habit')]
    r.shuffle(rows)
    for lab, fact in rows[:r.randint(3, 6)]:
        if fact == 'rectal_bleeding' and F.get('bloody_diarrhoea'):
            continue
        if fact == 'change_in_bowel_habit' and F.get('bloody_diarrhoea'):
            continue
        lines.append([t('  ')] + form_row(L, lab, fact, style, 26))
    for d in dx_lines(L):
        lines.append([t('  ')] + d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines += [[tail_intro(L, p['tail'])] + stmt_segs(p['stmts'])]
    lines += [[t('Consent, anticoagulation and bowel prep discussed.')], [t('GP request on the original referral: ')] + ([prio_seg(L)] if L['prio'] else [t('not stated')]),
              [t('%s, Endoscopy Pre-assessment Nurse' % writer(L)[3:])]]
    return lines


def L_export(L):
    r, g, pt = L['r'], L['g'], L['pt']
    name, street, town, code = practice(L)
    lines = [[t('*** Referral generated from clinical system - %s ***' % r.choice(['EMIS Web', 'SystmOne', 'Vision']))],
             [t('%s, %s, %s   ODS: %s' % (name, street, town, code))], [date_seg(L, 'Printed: ')],
             [t('Patient: ')] + name_segs(L, 'surname') + [t('   '), dob_seg(L, 'DOB: ')],
             [t('NHS Number: %s   Gender: ' % pt['nhs']), ev('sex', pt['sex'], 'Female' if pt['sex'] == 'F' else 'Male')], []]
    ps = prio_seg(L)
    lines.append([t('Referral priority: '), ps] if ps else [t('Referral priority: ')])
    lines += [[], [t('Referral text:')]]
    for pb in body_problems(L):
        lines.append(stmt_segs(pb['stmts'], table=True) or [t('(see results)')])
    ns = neg_segs(L)
    if ns:
        lines.append(joinlist(ns, ', ') + [t('.')])
    for d in dx_lines(L):
        lines.append(d)
    for p in tails(L, ['also', 'while_here', 'ps', 'addendum']):
        lines.append([tail_intro(L, p['tail'])] + stmt_segs(p['stmts'], table=True))
    lines += [[], [t('Problems (active): ' + '; '.join(r.sample(PMH_ITEMS, 3)))],
              [t('Repeat medication: ' + '; '.join(r.sample(MED_ITEMS, 3)))], []]
    lines += results_table(L, 'Investigation results (most recent last)')
    lines += [[], [t('Consultation author: %s' % writer(L))], [t('--- End of referral --- page 1 of 1 ---')]]
    return lines


LAYOUT_FUNCS = {
    'formal_senior_partner_dear_colleague': L_formal, 'terse_locum_two_liner': L_terse, 'chatty_gp_registrar_while_here': L_chatty,
    'salaried_gp_problem_lists': L_problem_lists, 'third_person_partner_the_patient': L_third, 'lowercase_no_punctuation_gp': L_lower,
    'abbreviation_heavy_gp': L_abbrev, 'nhs111_clinician_concerns_impression': L_111, 'walk_in_centre_nurse_numbered_findings': L_walkin,
    'community_matron_two_visits': L_matron, 'practice_pharmacist_medication_review': L_pharmacist,
    'private_health_check_doctor': L_private, 'armed_forces_medical_officer_soap': L_forces,
    'gp_two_consultations_with_addendum': L_twovisit, 'gp_rereferral_upgrade_downgrade': L_reref,
    'ers_structured_referral_template': L_ers, 'lower_gi_2ww_proforma': L_lower2ww, 'upper_gi_2ww_proforma': L_upper2ww,
    'endoscopy_preassessment_checklist': L_preassess, 'gp_system_export_results_table': L_export,
}


# ---------------------------------------------------------------- plan and main
RULE_COUNTS = {'U1': 14, 'U2': 8, 'U3': 18, 'U4': 16, 'U5': 10, 'U6': 6, 'U7': 8, 'U8': 10,
               'R1': 20, 'R2': 13, 'R3': 12,
               'O1': 13, 'O2': 14, 'O4': 13, 'O5': 20, 'O6': 22, 'D': 23,
               'O3': 14, 'A1': 20, 'A2': 18, 'A3': 8}
assert sum(RULE_COUNTS.values()) == N_LETTERS


def token_age(rule, variant):
    lo, hi = RULE_AGE[rule]
    if (rule, variant) in VARIANT_AGE:
        lo, hi = VARIANT_AGE[(rule, variant)]
    if rule == 'D':
        lo, hi = D_VARIANTS[variant]
    return lo, hi


def compatible(tok, layout):
    rule, variant = tok
    allowed = LAYOUT_RULES.get(layout)
    if allowed is not None and rule not in allowed:
        return False
    lo, hi = token_age(rule, variant)
    alo, ahi = LAYOUT_INFO[layout][3]
    return max(lo, alo) + 3 <= min(hi, ahi) or (max(lo, alo) <= min(hi, ahi) and rule != 'O1')


def make_plan():
    r = rng_for(SET, 'plan')
    tokens = []
    for rule in sorted(RULE_COUNTS):
        vs = RULE_VARIANTS.get(rule, ['plain'])
        for i in range(RULE_COUNTS[rule]):
            tokens.append((rule, vs[i % len(vs)]))
    r.shuffle(tokens)
    assign = {}
    order = sorted(LAYOUT_RULES, key=lambda l: len(LAYOUT_RULES[l]))
    order += [l[0] for l in LAYOUTS if l[0] not in LAYOUT_RULES]
    for layout in order:
        got = []
        for k in range(15):
            cands = [i for i, tok in enumerate(tokens) if compatible(tok, layout)]
            if not cands:
                raise SystemExit('plan failed for ' + layout)
            used = {}
            for tok in got:
                used[tok[0]] = used.get(tok[0], 0) + 1
            best = min(used.get(tokens[i][0], 0) for i in cands)
            cands = [i for i in cands if used.get(tokens[i][0], 0) == best]
            i = r.choice(cands)
            got.append(tokens.pop(i))
        assign[layout] = got
    assert not tokens
    plan = []
    for l in LAYOUTS:
        for tok in assign[l[0]]:
            plan.append((l[0], tok[0], tok[1]))
    r.shuffle(plan)
    return plan


KEYWORD_RE = re.compile(r'dysphag|swallow|mass|lump|ulcer|\bFIT\b|calpro|FCP|ferritin|\bHb\b|haemoglobin|\bALT\b|jaundic|'
                        r'ascites|cirrho|confus|haematemesis|bleed|blood|weight|wt|reflux|heartburn|dyspep|indigestion|'
                        r'bowel|CIBH|diarrh|bloat|pain|coeliac|tTG|fatty|steatosis|Crohn|colitis|\bUC\b|IBD|cancer|\bca\b|'
                        r'tumour|malignan|family|FH', re.I)


def tx_lower(s):
    s = s.lower()
    s = re.sub(r'(?<!\d)\.|\.(?!\d)', '', s)
    s = re.sub(r'[,;:!?()"\'\u2019]', '', s)
    s = re.sub(r' {2,}', ' ', s)
    return s


def render(L):
    lines = LAYOUT_FUNCS[L['layout']](L)
    segs_all = []
    out_lines = []
    for ln in lines:
        segs = []
        for s in ln:
            if s is None:
                continue
            txt, a = s
            if L['layout'] == 'lowercase_no_punctuation_gp':
                txt = tx_lower(txt)
            segs.append((txt, a))
        if LAYOUT_INFO[L['layout']][1] == 'prose' and L['layout'] != 'lowercase_no_punctuation_gp':
            # a sentence that starts a line starts with a capital letter
            for j, (txt, a) in enumerate(segs):
                m = re.search(r'[A-Za-z]', txt)
                if m:
                    before = ''.join(x for x, _ in segs[:j]) + txt[:m.start()]
                    if txt[m.start()].islower() and re.fullmatch(r'[\s\-*\u2022]*(\d+\.\s*)?', before) \
                            and not txt[m.start():].startswith('e-'):
                        segs[j] = (txt[:m.start()] + txt[m.start()].upper() + txt[m.start() + 1:], a)
                    break
        out_lines.append(segs)
    # spelling slips, only inside filler (fact-free) segments
    if L['slip']:
        cands = [(i, j) for i, ln in enumerate(out_lines) for j, (s, a) in enumerate(ln)
                 if a and a.get('type') == 'filler' and re.search(r'[A-Za-z]{6,}', s)]
        if not cands:
            # fall back to plain fact-free text (no annotation, no digits, no keyword of the spec)
            cands = [(i, j) for i, ln in enumerate(out_lines) for j, (s, a) in enumerate(ln)
                     if a is None and len(s) > 25 and not re.search(r'\d', s) and not KEYWORD_RE.search(s)
                     and re.search(r'[a-z]{6,}', s)]
        if cands:
            i, j = L['r'].choice(cands)
            s, a = out_lines[i][j]
            ns = slip_word(L['r'], s)
            out_lines[i][j] = (ns, a)
            L['slips'].append({'was': s, 'now': ns})
    text_lines = []
    for ln in out_lines:
        text_lines.append(''.join(s for s, _ in ln).rstrip())
        segs_all.extend(ln)
    text = '\n'.join(text_lines).strip('\n')
    text = re.sub(r'\n{3,}', '\n\n', text)
    return text, segs_all


def build_meta(L, text, segs):
    ev_list, sup, dis, ctx = [], [], [], []
    for s, a in segs:
        if not a or a.get('type') == 'filler':
            continue
        if a['type'] == 'fact':
            ev_list.append({'fact': a['fact'], 'value': a['value'], 'text': s})
        elif a['type'] == 'superseded':
            sup.append({'fact': a['fact'], 'value': a['value'], 'text': s, 'kind': 'superseded_result'})
        elif a['type'] == 'distractor':
            dis.append({'facts': a['fact'], 'kind': a['kind'], 'text': s})
        elif a['type'] == 'context':
            ctx.append({'kind': a['kind'], 'text': s})
    F, bad = facts_from_segs(segs)
    assert not bad, bad
    pt = L['pt']
    sex, age = pt['sex'], pt['age']
    # normal values are distractors too (they exclude anaemia / iron deficiency / raised ALT ...)
    lo = 130 if sex == 'M' else 120
    for e in ev_list:
        f, v = e['fact'], num_value(e['value']) if e['fact'] in VALUE_FACTS else None
        if f == 'hb' and v >= lo:
            dis.append({'facts': ['anaemia'], 'kind': 'normal_value', 'text': e['text']})
        if f == 'ferritin' and v >= 30:
            dis.append({'facts': ['iron_deficiency'], 'kind': 'normal_value', 'text': e['text']})
        if f == 'fit' and v < 10:
            dis.append({'facts': ['fit_positive'], 'kind': 'normal_value', 'text': e['text']})
        if f == 'calprotectin' and v < 100:
            dis.append({'facts': ['calprotectin_raised'], 'kind': 'normal_value', 'text': e['text']})
        if f == 'alt' and v < 40:
            dis.append({'facts': ['alt_raised'], 'kind': 'normal_value', 'text': e['text']})
    problems = []
    for i, p in enumerate(L['order']):
        problems.append({'key': p['key'], 'title': p['title'][0], 'role': p['tag'], 'order': i + 1, 'tail': p['tail']})
    facts = {k: v for k, v in sorted(F.items()) if k not in ('age', 'sex', 'dob', 'letter_date')}
    return {
        'id': L['id'], 'rule': L['rule'], 'urgency': URG[L['rule']], 'pathway': PATH[L['rule']], 'style': L['layout'],
        'style_kind': LAYOUT_INFO[L['layout']][2], 'age': age, 'sex': sex, 'dob': pt['dob'].isoformat(),
        'letter_date': L['ld'].isoformat(), 'age_mode': L['age_mode'], 'facts': facts,
        'evidence': ev_list, 'superseded': sup, 'distractors': dis, 'context': ctx,
        'problems': problems, 'n_problems': len(problems), 'multi_problem': len(problems) >= 2,
        'decider_position': L['decider_position'], 'stated_reason_mode': L['subject_mode'],
        'gp_priority_category': L['prio'], 'gp_priority_text': ([c['text'] for c in ctx if c['kind'] == 'gp_priority'] or [None])[0],
        'priority_relation': L['prio_rel'], 'two_consultations': L['layout'] in ('community_matron_two_visits', 'gp_two_consultations_with_addendum'),
        'has_superseded_result': bool(sup), 'rereferral_kind': L.get('reref_kind'), 'variant': L['variant'],
        'spelling_slips': L['slips'], 'draw_attempt': L['attempt'],
    }


def main():
    plan = make_plan()
    rp = rng_for(SET, 'priority-flags')
    flags = [True] * 150 + [False] * 126 + [None] * 24
    rp.shuffle(flags)
    slip_ids = set(rng_for(SET, 'slips').sample(range(N_LETTERS), 30))
    letters, metas = [], []
    for n, (layout, rule, variant) in enumerate(plan):
        lid = 'L38-%04d' % (n + 1)
        L = assemble(lid, rule, variant, layout)
        r = L['r']
        L['id'] = lid
        L['slip'] = n in slip_ids
        L['slips'] = []
        reg = LAYOUT_INFO[layout][1]
        L['age_mode'] = r.choice(['num', 'num', 'num', 'dob_only', 'dob_only', 'words'] if reg == 'prose' else ['num', 'num', 'dob_only'])
        if L['age_mode'] == 'num' and reg == 'terse':
            L['age_mode'] = 'terse'
        urgency = URG[rule]
        L['prio'] = choose_priority(r, urgency, flags[n])
        if L['prio'] is None:
            L['prio_rel'] = 'none'
        elif L['prio'] == urgency:
            L['prio_rel'] = 'agree'
        else:
            L['prio_rel'] = 'over' if URG_ORDER.index(L['prio']) > URG_ORDER.index(urgency) else 'under'
        if layout == 'gp_rereferral_upgrade_downgrade':
            L['reref_kind'] = {'over': 'upgrade', 'under': 'downgrade'}.get(L['prio_rel'], r.choice(['rereferral', 'rereferral', 'upgrade', 'downgrade']))
            if L['prio'] is None:
                L['reref_kind'] = 'rereferral'
        plan_order(L)
        has_ext = any(p['tag'] != 'decider' for p in L['order'])
        modes = ['decider', 'decider', 'all', 'generic']
        if has_ext:
            modes += ['minor', 'minor', 'minor']
        if urgency in ('routine', 'advice_and_guidance'):
            modes += ['concern', 'concern']
        L['subject_mode'] = r.choice(modes)
        text, segs = render(L)
        meta = build_meta(L, text, segs)
        # the rendered letter must carry exactly the facts the scenario was drawn with
        assert decide_all(meta['facts'], meta['age'], meta['sex']) == [rule], (lid, meta['facts'])
        for e in meta['evidence'] + meta['distractors'] + meta['superseded'] + meta['context']:
            assert e['text'] in text, (lid, e)
        letters.append({'id': lid, 'text': text, 'urgency': URG[rule], 'pathway': PATH[rule], 'rule': rule, 'style': layout,
                        'gp_priority': PRIO_WORDS[L['prio']] if L['prio'] else None, 'age': L['pt']['age']})
        metas.append(meta)
    with open(os.path.join(OUT, 'letters.jsonl'), 'w', encoding='utf-8') as f:
        for x in letters:
            f.write(json.dumps(x, ensure_ascii=False) + '\n')
    with open(os.path.join(OUT, 'letters_meta.jsonl'), 'w', encoding='utf-8') as f:
        for x in metas:
            f.write(json.dumps(x, ensure_ascii=False, sort_keys=True) + '\n')
    print('wrote %d letters' % len(letters))


if __name__ == '__main__':
    main()
