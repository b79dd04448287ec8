#!/usr/bin/env python3
"""Build the independent gastroenterology referral test set.

Written by an independent helper who read only the labelling specification
(shared/clinical/referral-triage-spec.md). Standard library only; deterministic
(fixed seed). Run from anywhere:

    python3 make_set.py

Each letter starts as a *scenario*: the clinical facts asserted about the
patient now (chosen first), plus distractors that must not count (negations,
family history, resolved episodes, hypotheticals). The label is derived from
those facts by `spec_label`, this helper's own encoding of the spec's ordered
rules; every scenario also carries the rule its author intended, and the build
stops if the two disagree. The facts are then written out in one of twelve
layouts.
"""
import datetime as dt
import json
import os
import random
import re
from collections import Counter, defaultdict

SEED = 7340221
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Spec encoding
# ---------------------------------------------------------------------------

RULES = {
    'U1': ('urgent_suspected_cancer', 'upper_gi'),
    'U2': ('urgent_suspected_cancer', 'lower_gi'),
    'U3': ('urgent_suspected_cancer', 'lower_gi'),
    'U4': ('urgent_suspected_cancer', 'lower_gi'),
    'U5': ('urgent_suspected_cancer', 'upper_gi'),
    'U6': ('urgent_suspected_cancer', 'lower_gi'),
    'U7': ('urgent_suspected_cancer', 'hepatology'),
    'U8': ('urgent_suspected_cancer', 'lower_gi'),
    'R1': ('urgent', 'ibd'),
    'R2': ('urgent', 'hepatology'),
    'R3': ('urgent', 'upper_gi'),
    'O1': ('routine', 'upper_gi'),
    'O2': ('routine', 'ibd'),
    'O3': ('advice_and_guidance', 'ibd'),
    'O4': ('routine', 'general_gi'),
    'O5': ('routine', 'hepatology'),
    'A1': ('advice_and_guidance', 'general_gi'),
    'O6': ('routine', 'general_gi'),
    'A2': ('advice_and_guidance', 'upper_gi'),
    'A3': ('advice_and_guidance', 'lower_gi'),
    'D': ('routine', 'general_gi'),
}

UPPER_PAIN = {'epigastric', 'RUQ', 'upper', 'LUQ'}


class Ambiguous(Exception):
    """A fact combination whose label depends on a reading the spec leaves open."""


def spec_label(f):
    """Return the deciding rule id for a scenario's asserted facts."""
    s = f['sym']
    age = f['age']
    male = f['sex'] == 'M'
    hb, fer = f['hb'], f['ferritin']
    anaemia = hb is not None and hb < (130 if male else 120)
    irondef = fer is not None and fer < 30
    ida = anaemia and irondef
    fit = f['fit']                      # None = no FIT result in the letter
    calp, alt = f['calpro'], f['alt']
    pain = 'abdo_pain' in s
    upper = pain and s['abdo_pain'] in UPPER_PAIN
    wl = 'weight_loss' in s
    bd = 'bloody_diarrhoea' in s
    rb = 'rectal_bleeding' in s
    cibh = 'cibh' in s
    dysp = 'dyspepsia' in s
    refl = 'reflux' in s
    ttg = f['ttg'] is not None and f['ttg'][1]
    cirr = f['cirrhosis'] is not None
    ibd = f['ibd'] is not None

    if 'dysphagia' in s:
        return 'U1'
    if 'rectal_mass' in s or 'anal_mass' in s or 'anal_ulcer' in s:
        return 'U2'
    if fit is not None and fit >= 10:
        return 'U3'
    if ida:
        return 'U4'
    if age >= 55 and wl and (upper or refl or dysp):
        return 'U5'
    if 'abdominal_mass' in s:
        return 'U6'
    if age >= 40 and 'jaundice' in s:
        return 'U7'
    # Readings the spec does not settle: keep such letters out of the set.
    if bd and fit is None and age >= 50:
        raise Ambiguous('bloody diarrhoea as rectal bleeding / CIBH for U8')
    if wl and (dysp or refl) and not pain and fit is None and 40 <= age < 55:
        raise Ambiguous('dyspepsia as abdominal pain for U8')
    if fit is None and ((age >= 50 and rb) or (age >= 40 and wl and pain) or (age >= 60 and cibh)):
        return 'U8'
    if ('ascites' in s or 'confusion' in s) and not cirr:
        raise Ambiguous('ascites/confusion without known cirrhosis')
    if bd or (calp is not None and calp >= 250):
        return 'R1'
    if (cirr and ('ascites' in s or 'confusion' in s)) or (alt is not None and alt >= 300):
        return 'R2'
    if 'haematemesis' in s:
        return 'R3'
    if age >= 55 and dysp and (f['ppi_weeks'] or 0) >= 4:
        return 'O1'
    if calp is not None and 100 <= calp <= 249:
        return 'O2'
    if ibd and f['ibd'].get('stable') and f['ibd'].get('question'):
        return 'O3'
    if ttg:
        return 'O4'
    if (alt is not None and 40 <= alt <= 299) or f['fatty_liver']:
        return 'O5'
    a1_sym = pain or 'bloating' in s or cibh
    a1_test = (calp is not None and calp < 100) or (fit is not None and fit < 10)
    other_above = any(k in s for k in ('dysphagia', 'rectal_mass', 'anal_mass', 'anal_ulcer',
                                       'abdominal_mass', 'jaundice', 'rectal_bleeding',
                                       'weight_loss', 'dyspepsia', 'reflux', 'haematemesis',
                                       'bloody_diarrhoea', 'ascites', 'confusion')) \
        or cirr or ibd or ttg or f['fatty_liver'] or ida \
        or (alt is not None and alt >= 40) or (calp is not None and calp >= 100)
    if age < 50 and a1_sym and a1_test and not other_above and (anaemia or irondef):
        raise Ambiguous('anaemia or iron deficiency alone as "other fact" for A1')
    if age < 50 and a1_sym and a1_test and not other_above:
        return 'A1'
    if (rb or cibh or pain) and fit is not None and fit < 10:
        return 'O6'
    if age < 55 and (dysp or refl):
        return 'A2'
    if f['fh_crc'] and s and not (set(s) - {'fatigue', 'itch'}):
        raise Ambiguous('family history with only non-GI symptoms')
    if f['fh_crc'] and not s:
        if anaemia or irondef:
            raise Ambiguous('asymptomatic but abnormal bloods with family history')
        return 'A3'
    return 'D'


# ---------------------------------------------------------------------------
# Identifiers, names, dates
# ---------------------------------------------------------------------------

def nhs_number(r):
    while True:
        d = [9, 9, 9] + [r.randint(0, 9) for _ in range(6)]
        total = sum(d[i] * (10 - i) for i in range(9))
        chk = 11 - total % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        d.append(chk)
        s = ''.join(map(str, d))
        return s


def fmt_nhs(s, r):
    return r.choice([f'{s[:3]} {s[3:6]} {s[6:]}', s, f'{s[:3]}-{s[3:6]}-{s[6:]}'])


MALE = ['Alan', 'Barry', 'Callum', 'Derek', 'Eamon', 'Farid', 'Gareth', 'Hamish', 'Idris', 'Jerome',
        'Kieran', 'Leonard', 'Malcolm', 'Nasir', 'Oswald', 'Percy', 'Rhodri', 'Stanley', 'Tobias',
        'Vikram', 'Wilfred', 'Yusuf', 'Clive', 'Dominic', 'Graham', 'Howard', 'Ivor', 'Lewis', 'Neville',
        'Roland', 'Sebastian', 'Terence', 'Desmond', 'Ashok', 'Bartholomew', 'Cedric', 'Ellis', 'Fergus']
FEMALE = ['Agnes', 'Bronwen', 'Cerys', 'Delphine', 'Edith', 'Fenella', 'Gwendolyn', 'Harriet', 'Imelda',
          'Jocasta', 'Kirsty', 'Lorna', 'Maud', 'Nerys', 'Olwen', 'Priya', 'Rosalind', 'Sunita', 'Tamsin',
          'Una', 'Verity', 'Winifred', 'Yvette', 'Zara', 'Beverley', 'Carys', 'Dilys', 'Esme', 'Freya',
          'Greta', 'Hilary', 'Isla', 'Joan', 'Lavinia', 'Marjorie', 'Noreen', 'Ottilie', 'Pauline']
SURNAMES = ['Abernethy', 'Blackwood', 'Carrow', 'Dunmore', 'Ellery', 'Fairbairn', 'Gorringe', 'Haddow',
            'Inchbald', 'Jessop', 'Kettleby', 'Lanyon', 'Mothersole', 'Nettleship', 'Ormerod', 'Pennycook',
            'Quarrie', 'Rowntree', 'Scattergood', 'Tregarthen', 'Uttley', 'Venables', 'Whitlock', 'Yardley',
            'Ackroyd', 'Bellingham', 'Cruickshank', 'Dimmock', 'Entwistle', 'Fothergill', 'Gilchrist',
            'Hebblethwaite', 'Ibbotson', 'Kilbride', 'Loxley', 'Mackinder', 'Nuttall', 'Oakenfold',
            'Penhaligon', 'Rudd', 'Sowerby', 'Threlfall', 'Varga', 'Wardle', 'Okonjo', 'Chaudry',
            'Mistry', 'Adeyemi', 'Kowalczyk', 'Nakamura', 'Farrokh', 'Santangelo', 'Lindqvist', 'Oduya']
STREETS = ['Tanners Row', 'Gorse Hill Road', 'Wyvern Close', 'Millrace Lane', 'Cobbler Street',
           'Harebell Way', 'Old Tollgate', 'Kestrel Drive', 'Beacon View', 'Sallow Crescent',
           'Nutwood Avenue', 'Quarry Bank', 'Dovecote Mews', 'Linnet Walk', 'Brackenfield Road']
TOWNS = [('Kettlebridge', 'QX4'), ('Ashcombe Vale', 'QX7'), ('Marlow Fen', 'QZ2'), ('Thrushby', 'QZ9'),
         ('Upper Hensley', 'XQ3'), ('Corrington', 'XQ8'), ('Wennick', 'ZV1'), ('Holmsford', 'ZV5')]
PRACTICES = [('Tanners Row Surgery', 'Q99041'), ('Gorse Hill Medical Practice', 'Q99117'),
             ('The Wyvern Health Centre', 'Q99203'), ('Millrace Family Practice', 'Q99288'),
             ('Beacon View Surgery', 'Q99312'), ('Holmsford Medical Group', 'Q99405'),
             ('Kestrel Drive Practice', 'Q99476'), ('Corrington Road Surgery', 'Q99530'),
             ('Upper Hensley Health Centre', 'Q99617'), ('Linnet Walk Medical Centre', 'Q99702')]
GPS = ['Dr H Pemberton', 'Dr A Okafor-Reid', 'Dr S Galbraith', 'Dr M Iqbal', 'Dr R Thistlewood',
       'Dr C Marchetti', 'Dr J Ashdown', 'Dr P Venkataraman', 'Dr L Fairweather', 'Dr E Brannigan',
       'Dr K Lusk', 'Dr T Oyelaran']
REGISTRARS = ['Dr B Hollis (GPST3)', 'Dr N Achebe (GP registrar)', 'Dr F Sutcliffe (ST2)',
              'Dr Y Rahman (GPST2)']
NPS = ['Jo Whitcombe ANP', 'Sam Dearlove, Advanced Nurse Practitioner', 'Rae Kinsella (ANP)',
       'Morag Findlay, Nurse Practitioner', 'Tess Uwadiae ACP']
CONSULTANTS = ['Dr Carrick', 'Dr Mensah', 'Dr Haverford', 'Dr Szabo', 'Professor Lindgren',
               'Dr Bhattacharya', 'Dr Quennell', 'Dr Moorcroft']
HOSPITAL = ['Kettlebridge General Hospital', 'Ashcombe Vale Infirmary', 'Thrushby Royal Hospital',
            'Marlow Fen District Hospital']


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:          # 29 Feb
        return d.replace(year=d.year + years, day=28)


def age_on(dob, when):
    a = when.year - dob.year
    if (when.month, when.day) < (dob.month, dob.day):
        a -= 1
    return a


def fmt_date(d, r, style=None):
    style = style if style is not None else r.randint(0, 5)
    months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    full = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
            'October', 'November', 'December']
    if style == 0:
        return d.strftime('%d/%m/%Y')
    if style == 1:
        return d.strftime('%d.%m.%y')
    if style == 2:
        return f'{d.day:02d}-{months[d.month - 1]}-{d.year}'
    if style == 3:
        return f'{d.day} {full[d.month - 1]} {d.year}'
    if style == 4:
        n = d.day
        suf = 'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')
        return f'{n}{suf} {full[d.month - 1]} {d.year}'
    return f'{d.day} {months[d.month - 1]} {d.year}'


# ---------------------------------------------------------------------------
# Scenarios (facts chosen first)
# ---------------------------------------------------------------------------

def F(r, age, sex=None, **kw):
    f = dict(age=age, sex=sex or r.choice('MF'), sym={}, ppi_weeks=None, cirrhosis=None, ibd=None,
             fatty_liver=False, fh_crc=None, hb=None, ferritin=None, fit=None, fit_disp=None,
             fit_status=None, calpro=None, alt=None, ttg=None, wl_intentional=False, bday=None,
             bili=None, note=None, imaging=None)
    for k, v in kw.items():
        f[k] = v
    return f


def pick(r, *opts):
    return r.choice(opts)


def setfit(f, r, v, disp=None):
    """Set a reported FIT; v numeric. Low values may be written as '<4' etc."""
    f['fit'] = v
    f['fit_status'] = 'result'
    if disp is None and v < 4:
        disp = r.choice(['lt4', 'negative', 'undetectable', 'num'])
    f['fit_disp'] = disp or 'num'
    if v == 0 and f['fit_disp'] == 'num':
        f['fit_disp'] = 'lt4'


def nofit(f, r):
    f['fit'] = None
    f['fit_status'] = r.choice(['awaited', 'not_done', 'silent', 'silent', 'kit_given'])


def ida(f, r, hb=None, fer=None):
    male = f['sex'] == 'M'
    f['hb'] = hb if hb is not None else (r.randint(82, 124) if male else r.randint(78, 114))
    f['ferritin'] = fer if fer is not None else r.randint(3, 22)


def pain_loc(r, upper=None):
    if upper is True:
        return r.choice(['epigastric', 'RUQ', 'upper', 'epigastric'])
    if upper is False:
        return r.choice(['LIF', 'RIF', 'lower', 'central', 'generalised', 'LIF'])
    return r.choice(['epigastric', 'LIF', 'RIF', 'lower', 'central', 'generalised', 'upper'])


def dur(r):
    return r.choice(['3/52', '4/52', '6/52', '8/52', '2/12', '3/12', '4/12', '6/12'])


def S_U1(r, i):
    v = i % 8
    f = F(r, r.randint(48, 88))
    f['sym']['dysphagia'] = True
    if v == 1:
        f['sym']['weight_loss'] = r.randint(3, 12)
    if v == 2:
        f['age'] = r.randint(24, 38)
    if v == 3:
        f['sym']['cibh'] = 'loose'
        setfit(f, r, r.choice([64, 140, 320]))
    if v == 4:
        ida(f, r)
    if v == 5:
        f['sym']['reflux'] = True
        f['ppi_weeks'] = r.choice([6, 8, 12])
    if v == 6:
        f['sym']['haematemesis'] = True
    if v == 7:
        f['age'] = r.randint(40, 54)
        f['sym']['dyspepsia'] = True
    return f


def S_U2(r, i):
    v = i % 5
    f = F(r, r.randint(45, 86))
    kind = ['rectal_mass', 'anal_mass', 'anal_ulcer', 'rectal_mass', 'anal_ulcer'][v]
    f['sym'][kind] = True
    if kind == 'rectal_mass' and r.random() < 0.6:
        f['sym']['rectal_bleeding'] = True
    if i in (3, 7):
        setfit(f, r, r.randint(0, 6))          # low FIT does not override a mass
    elif r.random() < 0.5:
        nofit(f, r)
    if v == 4:
        f['age'] = r.randint(33, 48)
    return f


def S_U3(r, i):
    vals = [10, 10, 10, 14, 22, 37, 58, 96, 150, 212, 400, 600, 45, 18, 75, 130, 260]
    f = F(r, r.randint(41, 84))
    v = vals[i % len(vals)]
    setfit(f, r, v)
    f['fit_disp'] = 'gt400' if v >= 400 else 'num'
    f['sym'][r.choice(['cibh', 'rectal_bleeding', 'abdo_pain', 'cibh'])] = 'x'
    if 'cibh' in f['sym']:
        f['sym']['cibh'] = r.choice(['loose', 'constipation', 'alternating'])
    if 'abdo_pain' in f['sym']:
        f['sym']['abdo_pain'] = pain_loc(r, False)
    if 'rectal_bleeding' in f['sym']:
        f['sym']['rectal_bleeding'] = True
    if i % 6 == 2:
        f['age'] = r.randint(29, 39)
    if i % 8 == 5:
        f['calpro'] = r.choice([340, 520, 880])
        f['sym']['cibh'] = 'loose'
    if i == 9:
        f['age'] = r.randint(25, 40)
        f['sym'] = {'bloody_diarrhoea': True}
        f['calpro'] = 1100
    if i == 11:
        f['hb'] = 126 if f['sex'] == 'F' else 141
        f['ferritin'] = 18             # iron deficient but not anaemic
    return f


def S_U4(r, i):
    v = i % 9
    f = F(r, r.randint(35, 85))
    if v == 0:
        f['sex'] = 'M'
        ida(f, r, hb=129, fer=r.randint(6, 25))
    elif v == 1:
        f['sex'] = 'F'
        ida(f, r, hb=119, fer=r.randint(5, 20))
        f['hb_unit'] = 'gdL'
    elif v == 2:
        ida(f, r, fer=29)
    elif v == 3:
        f['sex'] = 'F'
        f['age'] = r.randint(22, 34)
        ida(f, r)
    elif v == 4:
        ida(f, r)
        f['ttg'] = (r.choice([45, 88, 128]), True)
    elif v == 5:
        ida(f, r)
        setfit(f, r, r.randint(0, 8))        # FIT low but IDA still decides
    elif v == 6:
        ida(f, r)
        f['calpro'] = r.choice([310, 640])
        f['sym']['cibh'] = 'loose'
        f['age'] = r.randint(30, 58)
    elif v == 7:
        f['sex'] = 'M'
        ida(f, r)
        f['sym']['fatigue'] = True
    else:
        ida(f, r)
        f['sym']['dyspepsia'] = True
        f['age'] = r.randint(36, 52)
    if r.random() < 0.4 and v not in (5,):
        nofit(f, r)
    return f


def S_U5(r, i):
    v = i % 6
    f = F(r, r.randint(56, 87))
    f['sym']['weight_loss'] = r.randint(3, 14)
    trig = ['dyspepsia', 'reflux', 'abdo_pain', 'dyspepsia', 'abdo_pain', 'reflux'][v]
    f['sym'][trig] = pain_loc(r, True) if trig == 'abdo_pain' else True
    if trig == 'dyspepsia' and r.random() < 0.5:
        f['ppi_weeks'] = r.choice([2, 6, 8])
    if i in (0, 4, 8):
        f['age'] = 55
        f['bday'] = 'on'
    if i == 5:
        f['sym']['haematemesis'] = True
    if trig == 'abdo_pain' and r.random() < 0.5:
        setfit(f, r, r.randint(0, 7))
    return f


def S_U6(r, i):
    f = F(r, r.randint(42, 86))
    f['sym']['abdominal_mass'] = r.choice(['RIF', 'LIF', 'epigastrium', 'left upper quadrant',
                                           'right flank', 'umbilical region'])
    if i % 3 == 0:
        f['sym']['abdo_pain'] = pain_loc(r)
    if i == 4:
        f['age'] = r.randint(28, 38)
    if i in (2, 6):
        setfit(f, r, r.randint(0, 8))
    return f


def S_U7(r, i):
    f = F(r, r.randint(42, 88))
    f['sym']['jaundice'] = True
    f['bili'] = r.randint(48, 260)
    if i in (0, 5):
        f['age'] = 40
        f['bday'] = r.choice(['on', None])
    if i in (1, 6):
        f['alt'] = r.choice([420, 760, 1150])
    if i == 2:
        f['cirrhosis'] = 'alcohol'
        f['sym']['ascites'] = True
        f['age'] = r.randint(44, 66)
    if i in (3, 8):
        f['sym']['weight_loss'] = r.randint(4, 9)
        f['age'] = r.randint(42, 54)
        f['sym']['itch'] = True
    if i == 9:
        f['alt'] = r.randint(60, 180)
    return f


def S_U8(r, i):
    v = i % 3
    if v == 0:        # rectal bleeding, age >= 50
        f = F(r, r.randint(51, 85))
        f['sym']['rectal_bleeding'] = True
        if i in (0, 3):
            f['age'] = 50
            f['bday'] = r.choice(['on', None])
    elif v == 1:      # weight loss and abdominal pain, age >= 40
        f = F(r, r.randint(41, 75))
        f['sym']['weight_loss'] = r.randint(3, 10)
        f['sym']['abdo_pain'] = pain_loc(r, False)
        if i == 1:
            f['age'] = 40
            f['bday'] = 'on'
        if i == 4:
            f['age'] = r.randint(44, 53)
            f['sym']['abdo_pain'] = 'epigastric'   # under 55: U5 not met, U8 is
    else:             # change in bowel habit, age >= 60
        f = F(r, r.randint(61, 88))
        f['sym']['cibh'] = r.choice(['loose', 'constipation', 'alternating'])
        if i in (2, 5):
            f['age'] = 60
            f['bday'] = 'on'
        if i == 8:
            f['ttg'] = (r.choice([36, 72]), True)
            f['sym']['cibh'] = 'loose'
        if i == 11:
            f['calpro'] = 170
            f['sym']['cibh'] = 'loose'
    nofit(f, r)
    if i in (6, 7):
        f['fit_status'] = 'awaited'
    return f


def S_R1(r, i):
    v = i % 4
    if v in (0, 1):
        f = F(r, r.randint(17, 47))
        f['sym']['bloody_diarrhoea'] = r.randint(4, 12)
        if r.random() < 0.5:
            f['calpro'] = r.choice([380, 900, 1500, 2400, 180, 60])
        if r.random() < 0.3:
            nofit(f, r)
    elif v == 2:
        f = F(r, r.randint(18, 58))
        f['sym']['cibh'] = 'loose'
        f['calpro'] = [250, 250, 262, 410, 730][i % 5]
        if f['age'] >= 50:
            setfit(f, r, r.randint(0, 7))
        if r.random() < 0.4:
            f['sym']['abdo_pain'] = pain_loc(r, False)
        if f['age'] < 50 and r.random() < 0.5:
            setfit(f, r, r.randint(0, 9))
    else:
        f = F(r, r.randint(22, 70))
        typ = r.choice(['UC', 'Crohn'])
        f['ibd'] = dict(type=typ, year=r.randint(min(2021, max(2008, 2024 - f['age'] + 15)), 2021), stable=False, question=None)
        f['sym']['cibh'] = 'loose'
        f['calpro'] = r.choice([520, 860, 1800])
        if f['age'] >= 60:
            setfit(f, r, r.randint(0, 6))
    return f


def S_R2(r, i):
    v = i % 3
    if v == 0:
        f = F(r, r.randint(38, 72))
        f['cirrhosis'] = r.choice(['alcohol', 'MASLD', 'hepatitis C'])
        f['sym']['ascites'] = True
    elif v == 1:
        f = F(r, r.randint(38, 76))
        f['cirrhosis'] = r.choice(['alcohol', 'MASLD'])
        f['sym']['confusion'] = True
        if r.random() < 0.4:
            f['sym']['ascites'] = True
    else:
        f = F(r, r.randint(19, 70))
        f['alt'] = [300, 300, 340, 512, 880, 1460][(i // 3) % 6]
        f['sym'][r.choice(['nausea', 'fatigue'])] = True
    return f


def S_R3(r, i):
    f = F(r, r.randint(19, 84))
    f['sym']['haematemesis'] = True
    if i % 4 == 1:
        f['sym']['dyspepsia'] = True
        f['age'] = r.randint(56, 80)
    if i % 4 == 2:
        f['sym']['abdo_pain'] = 'epigastric'
    if i == 3:
        f['age'] = r.randint(19, 26)
    if i == 7:
        f['sym']['reflux'] = True
        f['age'] = r.randint(30, 52)
    return f


def S_O1(r, i):
    f = F(r, r.randint(56, 86))
    f['sym']['dyspepsia'] = True
    f['ppi_weeks'] = [4, 4, 4, 6, 8, 12, 16, 26][i % 8]
    if i in (0, 5, 10):
        f['age'] = 55
        f['bday'] = r.choice(['on', 'on', None])
    if i % 5 == 2:
        f['sym']['abdo_pain'] = 'epigastric'
    if i in (3, 12):
        f['wl_intentional'] = True
    if i % 4 == 3:
        f['sym']['nausea'] = True
    return f


def S_O2(r, i):
    vals = [100, 100, 249, 249, 112, 135, 160, 188, 204, 230, 147, 121, 176, 219, 240]
    f = F(r, r.randint(19, 58))
    f['calpro'] = vals[i % len(vals)]
    f['sym'][r.choice(['cibh', 'abdo_pain', 'bloating'])] = True
    if 'cibh' in f['sym']:
        f['sym']['cibh'] = r.choice(['loose', 'alternating'])
    if 'abdo_pain' in f['sym']:
        f['sym']['abdo_pain'] = pain_loc(r, False)
    if i % 5 == 3:
        f['age'] = r.randint(61, 79)
        f['sym']['cibh'] = 'loose'
        setfit(f, r, r.randint(0, 9))
    elif f['age'] >= 40 and r.random() < 0.5:
        setfit(f, r, r.randint(0, 9))
    return f


IBD_QUESTIONS = [
    ('UC', 'whether {he} can reduce {his} mesalazine now that {he} has been in remission for several years'),
    ('UC', 'how often {he} needs surveillance colonoscopy, as {he} is not sure when the next one is due'),
    ('Crohn', 'whether azathioprine is safe to continue as {he} is planning a pregnancy'),
    ('Crohn', 'what blood monitoring is needed on azathioprine and how often, as we have taken over prescribing'),
    ('UC', 'whether {he} can have the shingles vaccine (Shingrix) while on azathioprine'),
    ('Crohn', 'whether {his} vitamin B12 injections need to continue after {his} ileal resection'),
    ('UC', 'whether the mesalazine could be switched to a once-daily preparation to help adherence'),
    ('Crohn', 'whether {he} can stop the methotrexate before a planned trip abroad and restart after'),
    ('UC', 'whether {he} needs bone protection, as {he} has had several courses of prednisolone in the past'),
    ('Crohn', 'whether {his} adalimumab needs to be stopped before an elective knee replacement'),
]


def S_O3(r, i):
    f = F(r, r.randint(22, 74))
    typ, q = IBD_QUESTIONS[i % len(IBD_QUESTIONS)]
    if 'pregnancy' in q:
        f['sex'] = 'F'
        f['age'] = r.randint(24, 38)
    f['ibd'] = dict(type=typ, year=r.randint(min(2020, max(2004, 2024 - f['age'] + 15)), 2020), stable=True, question=q)
    if r.random() < 0.5:
        f['calpro'] = r.randint(15, 85)
    return f


def S_O4(r, i):
    f = F(r, r.randint(18, 70))
    f['ttg'] = (r.choice([14, 22, 38, 64, 96, 128, 200]), True)
    f['sym'][r.choice(['bloating', 'cibh', 'fatigue', 'abdo_pain'])] = True
    if 'cibh' in f['sym']:
        f['sym']['cibh'] = 'loose'
        if f['age'] >= 60:
            setfit(f, r, r.randint(0, 7))
    if 'abdo_pain' in f['sym']:
        f['sym']['abdo_pain'] = pain_loc(r, False)
    if i == 1:
        f['age'] = r.randint(24, 36)
        f['sym'] = {'bloating': True}
        setfit(f, r, r.randint(0, 5))           # would be A1 if tTG were normal
    if i == 2:
        f['age'] = r.randint(52, 58)
        f['sym'] = {'cibh': 'loose'}
        setfit(f, r, r.randint(0, 6))           # would be O6 if tTG were normal
    if i in (3, 8):
        # anaemic but iron replete, or iron deficient but not anaemic: not IDA
        if f['sex'] == 'F':
            f['hb'], f['ferritin'] = (112, 46) if i == 3 else (124, 9)
        else:
            f['hb'], f['ferritin'] = (121, 58) if i == 3 else (133, 11)
    return f


def S_O5(r, i):
    v = i % 6
    f = F(r, r.randint(28, 74))
    if v in (0, 1, 2):
        f['alt'] = [40, 299, 40, 299, 68, 112, 156, 88, 203][i % 9]
    elif v == 3:
        f['fatty_liver'] = True
        f['alt'] = r.randint(18, 36)
    elif v == 4:
        f['fatty_liver'] = True
        f['alt'] = r.randint(52, 140)
    else:
        f['age'] = r.randint(24, 39)
        f['sym']['jaundice'] = True
        f['bili'] = r.randint(40, 90)
        f['alt'] = r.randint(90, 240)
    if r.random() < 0.3 and 'jaundice' not in f['sym']:
        f['sym']['fatigue'] = True
    if i == 7:
        f['cirrhosis'] = 'MASLD'            # compensated: R2 not met
        f['alt'] = 74
    return f


def S_O6(r, i):
    v = i % 6
    if v in (0, 1, 2):
        f = F(r, r.randint(51, 84))
        k = ['abdo_pain', 'cibh', 'rectal_bleeding'][v]
        f['sym'][k] = pain_loc(r) if k == 'abdo_pain' else (r.choice(['loose', 'constipation', 'alternating']) if k == 'cibh' else True)
        if i in (0, 1):
            f['age'] = 50
            f['bday'] = r.choice(['on', None])
        if f['sym'].get('abdo_pain') in UPPER_PAIN and f['age'] < 55 and r.random() < 0.5:
            f['sym']['abdo_pain'] = 'LIF'
    elif v == 3:
        f = F(r, r.randint(22, 49))
        f['sym']['rectal_bleeding'] = True
        if r.random() < 0.5:
            f['sym']['cibh'] = 'loose'
    elif v == 4:
        f = F(r, r.randint(41, 49))
        f['sym']['weight_loss'] = r.randint(3, 7)
        f['sym']['abdo_pain'] = pain_loc(r, False)
    else:
        f = F(r, r.randint(60, 86))
        f['sym']['cibh'] = r.choice(['loose', 'constipation', 'alternating'])
        if r.random() < 0.4:
            f['sym']['bloating'] = True
    low = r.choice([0, 0, 2, 3, 5, 6, 8, 9])
    if i in (2, 9):
        low = 9
    setfit(f, r, low)
    return f


def S_A1(r, i):
    f = F(r, r.randint(18, 48))
    k = ['abdo_pain', 'bloating', 'cibh', 'abdo_pain', 'cibh'][i % 5]
    f['sym'][k] = pain_loc(r, False) if k == 'abdo_pain' else (r.choice(['loose', 'constipation', 'alternating']) if k == 'cibh' else True)
    if r.random() < 0.4:
        f['sym']['bloating'] = True
    t = i % 4
    if t in (0, 1):
        f['calpro'] = r.choice([18, 24, 35, 42, 56, 70, 99])
    if t in (2, 1):
        setfit(f, r, r.choice([0, 0, 2, 4, 6, 9]))
    if t == 3:
        f['calpro'] = r.choice([20, 99])
    if i in (0, 5, 10):
        f['age'] = 49
        f['bday'] = r.choice(['eve', None])
    if i % 6 == 4:
        f['ttg'] = (r.choice([0.5, 1, 2]), False)
    return f


def S_A2(r, i):
    f = F(r, r.randint(19, 53))
    f['sym'][r.choice(['dyspepsia', 'reflux', 'dyspepsia'])] = True
    if i in (0, 4, 8):
        f['age'] = 54
        f['bday'] = 'eve'
    if i % 4 == 1:
        f['ppi_weeks'] = r.choice([4, 8, 12])
        f['sym']['dyspepsia'] = True
        f['age'] = r.randint(45, 54)
    if i % 5 == 3:
        f['sym']['nausea'] = True
    if i == 6:
        f['wl_intentional'] = True
    return f


FH_CRC = [
    'mother had bowel cancer diagnosed at 52',
    'father was diagnosed with colon cancer aged 48',
    'two first-degree relatives (mother and brother) with colorectal cancer',
    'brother had rectal cancer at 44',
    'sister diagnosed with colorectal cancer at 50',
    'father and paternal uncle both had bowel cancer, father at 58',
]


def S_A3(r, i):
    f = F(r, r.randint(26, 62))
    f['fh_crc'] = FH_CRC[i % len(FH_CRC)]
    return f


def S_D(r, i):
    v = i % 19
    f = F(r, r.randint(25, 45))
    s = f['sym']
    if v == 0:
        f['age'] = r.randint(22, 46)
        s['rectal_bleeding'] = True
        nofit(f, r)
    elif v == 1:
        f['age'] = 49
        f['bday'] = 'eve'
        s['rectal_bleeding'] = True
        nofit(f, r)
    elif v == 2:
        f['age'] = 59
        f['bday'] = r.choice(['eve', None])
        s['cibh'] = r.choice(['loose', 'constipation'])
        nofit(f, r)
    elif v == 3:
        f['age'] = 39
        f['bday'] = r.choice(['eve', None])
        s['weight_loss'] = r.randint(3, 8)
        s['abdo_pain'] = pain_loc(r, False)
        nofit(f, r)
    elif v == 4:
        f['age'] = r.randint(56, 80)
        s['dyspepsia'] = True
        f['ppi_weeks'] = r.choice([2, 3, 3])
    elif v == 5:
        f['age'] = r.choice([55, r.randint(58, 79)])
        if f['age'] == 55:
            f['bday'] = 'on'
        s['reflux'] = True
    elif v == 6:
        f['sex'] = 'M'
        f['age'] = r.randint(40, 75)
        f['hb'], f['ferritin'] = 130, r.randint(8, 24)
        s['fatigue'] = True
    elif v == 7:
        f['sex'] = 'F'
        f['age'] = r.randint(40, 75)
        f['hb'], f['ferritin'] = [(120, 12), (125, 9)][(i // 19) % 2]
        s['fatigue'] = True
    elif v == 8:
        f['age'] = r.randint(45, 78)
        f['cirrhosis'] = r.choice(['alcohol', 'MASLD', 'hepatitis C'])
        f['alt'] = r.randint(14, 38)
    elif v == 9:
        f['age'] = r.randint(24, 38)
        s['jaundice'] = True
        f['bili'] = r.randint(36, 60)
        f['alt'] = r.randint(12, 30)
    elif v == 10:
        f['age'] = r.randint(41, 49)
        s['abdo_pain'] = pain_loc(r)
    elif v == 11:
        f['age'] = r.randint(50, 58)
        s['cibh'] = 'loose'
        f['calpro'] = r.choice([38, 45, 72, 99])
    elif v == 12:
        f['age'] = r.randint(20, 45)
        s[r.choice(['bloating', 'cibh'])] = True
        if 'cibh' in s:
            s['cibh'] = 'constipation'
    elif v == 13:
        f['age'] = r.randint(30, 70)
        s['nausea'] = True
        f['alt'] = 39
    elif v == 14:
        f['age'] = r.randint(22, 38)
        s['weight_loss'] = r.randint(4, 9)
    elif v == 15:
        f['age'] = r.randint(58, 78)
        s['dyspepsia'] = True
        f['ppi_weeks'] = 2
        f['wl_intentional'] = True
    elif v == 16:
        f['age'] = r.randint(40, 49)
        s['cibh'] = 'loose'
        s['rectal_bleeding'] = True
        f['calpro'] = r.randint(20, 80)
    elif v == 17:
        f['sex'] = 'M'
        f['age'] = r.randint(30, 70)
        f['hb'], f['ferritin'] = [(118, 44), (126, 30)][(i // 19) % 2]
        s['fatigue'] = True
    else:
        f['age'] = r.randint(19, 35)
        s['nausea'] = True
        s['weight_loss'] = r.randint(2, 5)
    return f


PLAN = [  # (rule, count, builder)
    ('U1', 15, S_U1), ('U2', 10, S_U2), ('U3', 17, S_U3), ('U4', 17, S_U4), ('U5', 11, S_U5),
    ('U6', 8, S_U6), ('U7', 10, S_U7), ('U8', 16, S_U8),
    ('R1', 22, S_R1), ('R2', 16, S_R2), ('R3', 14, S_R3),
    ('O1', 15, S_O1), ('O2', 15, S_O2), ('O4', 13, S_O4), ('O5', 17, S_O5), ('O6', 24, S_O6),
    ('D', 38, S_D),
    ('O3', 16, S_O3), ('A1', 20, S_A1), ('A2', 19, S_A2), ('A3', 15, S_A3),
]

# ---------------------------------------------------------------------------
# Phrase banks
# ---------------------------------------------------------------------------

WORD_DUR = {'3/52': 'three weeks', '4/52': 'four weeks', '6/52': 'six weeks', '8/52': 'eight weeks',
            '2/12': 'two months', '3/12': 'three months', '4/12': 'four months', '6/12': 'six months'}

def adj(d):
    """'three weeks' -> 'three-week'"""
    n, unit = d.split()
    return f'{n}-{unit.rstrip("s")}'


PAIN_F = {'epigastric': 'epigastric pain', 'RUQ': 'right upper quadrant pain', 'upper': 'upper abdominal pain',
          'LUQ': 'left upper quadrant pain', 'LIF': 'left iliac fossa pain', 'RIF': 'right iliac fossa pain',
          'lower': 'lower abdominal pain', 'central': 'central abdominal pain',
          'generalised': 'generalised abdominal pain'}
PAIN_A = {'epigastric': 'epigastric pain', 'RUQ': 'RUQ pain', 'upper': 'upper abdo pain', 'LUQ': 'LUQ pain',
          'LIF': 'LIF pain', 'RIF': 'RIF pain', 'lower': 'lower abdo pain', 'central': 'central abdo pain',
          'generalised': 'generalised abdo pain'}

TENDER = {'epigastric': 'epigastrium', 'RUQ': 'right upper quadrant', 'upper': 'upper abdomen',
          'LUQ': 'left upper quadrant', 'LIF': 'left iliac fossa', 'RIF': 'right iliac fossa',
          'lower': 'lower abdomen', 'central': 'periumbilical area', 'generalised': 'lower abdomen'}

PMH_NOISE = [('Hypertension', 'HTN', [('Amlodipine', '5mg od'), ('Ramipril', '5mg od')]),
             ('Type 2 diabetes', 'T2DM', [('Metformin', '500mg bd'), ('Gliclazide', '40mg od')]),
             ('Asthma', 'Asthma', [('Salbutamol inhaler', '2 puffs prn'), ('Clenil 100', '2 puffs bd')]),
             ('Osteoarthritis of knees', 'OA knees', [('Paracetamol', '1g qds prn')]),
             ('Hypothyroidism', 'Hypothyroid', [('Levothyroxine', '75 micrograms od')]),
             ('Depression', 'Depression', [('Sertraline', '50mg od')]),
             ('Atrial fibrillation', 'AF', [('Bisoprolol', '2.5mg od')]),
             ('Hypercholesterolaemia', 'High chol', [('Atorvastatin', '20mg on')]),
             ('Gout', 'Gout', [('Allopurinol', '100mg od')]),
             ('Benign prostatic hyperplasia', 'BPH', [('Tamsulosin', '400 micrograms od')]),
             ('Glaucoma', 'Glaucoma', [('Latanoprost eye drops', '1 drop on')]),
             ('Migraine', 'Migraine', [('Sumatriptan', '50mg prn')]),
             ('Psoriasis', 'Psoriasis', [('Dovobet gel', 'od')]),
             ('Osteoporosis', 'OP', [('Alendronic acid', '70mg weekly'), ('Adcal-D3', '1 bd')]),
             ('Chronic kidney disease stage 3a', 'CKD 3a', []),
             ('Appendicectomy (1989)', 'Appendicectomy 1989', []),
             ('Carpal tunnel release (2015)', 'CTR 2015', []),
             ('Anxiety', 'Anxiety', [('Propranolol', '10mg prn')]),
             ('Sciatica', 'Sciatica', [('Amitriptyline', '10mg on')]),
             ('Hiatus hernia', 'Hiatus hernia', []),
             ]
MALE_ONLY_PMH = {'Benign prostatic hyperplasia'}
FH_OTHER = ['father had a heart attack at 64', 'mother has type 2 diabetes',
            'father died of lung cancer (smoker)', 'mother had breast cancer in her 70s',
            'brother has Crohn\'s disease', 'no relevant family history', 'sister has coeliac disease',
            'father had prostate cancer, treated']
SMOKE = ['never smoked', 'ex-smoker (quit 2010)', 'smokes 10/day', 'non-smoker', 'ex-smoker, 20 pack years',
         'vapes']
ALCOHOL = ['drinks about 6 units a week', 'teetotal', 'around 14 units/week', 'occasional alcohol',
           'drinks 20-25 units a week']
JOBS = ['retired teacher', 'works as a bus driver', 'office manager', 'retired engineer', 'carer',
        'self-employed plumber', 'student', 'nurse', 'retired farmer', 'shop assistant', 'accountant',
        'warehouse operative', 'hairdresser', 'unemployed']


class Patient:
    def __init__(self, f, r, letter_date):
        self.f = f
        self.sex = f['sex']
        self.first = r.choice(MALE if self.sex == 'M' else FEMALE)
        self.surname = r.choice(SURNAMES)
        if self.sex == 'M':
            self.title = 'Mr'
        else:
            self.title = r.choice(['Mrs', 'Ms', 'Miss', 'Mrs']) if f['age'] >= 25 else r.choice(['Miss', 'Ms'])
        self.he = 'he' if self.sex == 'M' else 'she'
        self.He = self.he.capitalize()
        self.his = 'his' if self.sex == 'M' else 'her'
        self.His = self.his.capitalize()
        self.him = 'him' if self.sex == 'M' else 'her'
        self.man = 'man' if self.sex == 'M' else 'woman'
        self.gender = 'Male' if self.sex == 'M' else 'Female'
        self.nhs = nhs_number(r)
        self.letter_date = letter_date
        age = f['age']
        if f['bday'] == 'on':
            self.dob = add_years(letter_date, -age)
        elif f['bday'] == 'eve':
            self.dob = add_years(letter_date + dt.timedelta(days=1), -(age + 1))
        else:
            # a birthday strictly between 3 days after and 3 days before the anniversary
            last_bday = add_years(letter_date, -age)
            off = r.randint(3, 360)
            self.dob = last_bday - dt.timedelta(days=off)
            if age_on(self.dob, letter_date) != age:
                self.dob = last_bday
        if self.dob.month == 2 and self.dob.day == 29:
            self.dob = self.dob.replace(day=28)
            if age_on(self.dob, letter_date) != age:
                self.dob = self.dob.replace(month=3, day=1)
        assert age_on(self.dob, letter_date) == age, (self.dob, letter_date, age)
        town, pc = r.choice(TOWNS)
        self.address = f'{r.randint(1, 140)} {r.choice(STREETS)}, {town}, {pc} {r.randint(1, 9)}{r.choice("ABDEFGHJLNPQRSTUWXYZ")}{r.choice("ABDEFGHJLNPQRSTUWXYZ")}'
        self.practice, self.ods = r.choice(PRACTICES)
        self.gp = r.choice(GPS)
        self.consultant = r.choice(CONSULTANTS)
        self.hospital = r.choice(HOSPITAL)
        self.phone = f'07700 900{r.randint(10000, 99999) % 1000:03d}'   # Ofcom drama range
        pmh = [p for p in PMH_NOISE if not (self.sex == 'F' and p[0] in MALE_ONLY_PMH)]
        n = r.choice([0, 1, 1, 2, 2, 3])
        if age < 35:
            n = min(n, 1)
        self.pmh = r.sample(pmh, n)
        self.smoke = r.choice(SMOKE)
        self.alcohol = r.choice(ALCOHOL)
        if f['cirrhosis'] == 'alcohol':
            self.alcohol = r.choice(['previously 80+ units/week, abstinent for 6 months',
                                     'still drinking around 40 units a week', 'reports cutting down to 20 units/week'])
        self.job = r.choice([j for j in JOBS if j != 'student'] if age >= 25 else JOBS) if age >= 19 else 'student'
        if age < 60 and self.job.startswith('retired'):
            self.job = r.choice(['works in IT', 'teacher', 'delivery driver', 'receptionist'])


def fmt_hb(f, mode, r):
    hb = f['hb']
    gdl = f.get('hb_unit') == 'gdL' or (f.get('hb_unit') is None and mode.get('hb_gdl'))
    male = f['sex'] == 'M'
    low, high = (130, 180) if male else r.choice([(115, 165), (120, 150), (118, 148)])
    if gdl:
        val = f'{hb / 10:.1f}'
        unit = 'g/dL'
        ref = f'{low / 10:.1f}-{high / 10:.1f}'
    else:
        val, unit, ref = str(hb), 'g/L', f'{low}-{high}'
    flag = 'L' if hb < low else ('H' if hb > high else '')
    return val, unit, ref, flag


def build_results(f, r, p):
    """List of (name_full, name_abbr, value, unit, ref, flag). Facts plus normal noise."""
    res = []
    mode = {'hb_gdl': r.random() < 0.25}
    male = f['sex'] == 'M'
    if f['hb'] is None and r.random() < 0.55 and f['sym'].keys() - {'nausea'}:
        f['hb'] = r.randint(134, 162) if male else r.randint(123, 148)
        if f['ferritin'] is None and r.random() < 0.5:
            f['ferritin'] = r.randint(40, 240)
    if f['hb'] is not None:
        v, u, ref, fl = fmt_hb(f, mode, r)
        res.append(('Haemoglobin', 'Hb', v, u, ref, fl))
        mcv = r.randint(64, 79) if (f['ferritin'] is not None and f['ferritin'] < 30) else r.randint(82, 97)
        if r.random() < 0.6:
            res.append(('MCV', 'MCV', str(mcv), 'fL', '80-100', 'L' if mcv < 80 else ''))
        if r.random() < 0.4:
            plt = r.randint(160, 420)
            res.append(('Platelets', 'Plt', str(plt), 'x10^9/L', '150-400', 'H' if plt > 400 else ''))
    if f['ferritin'] is not None:
        lo = r.choice([15, 30, 13, 20])
        res.append(('Ferritin', 'Ferritin', str(f['ferritin']), r.choice(['ug/L', 'µg/L', 'ng/mL', 'ug/L']),
                    f'{lo}-{r.choice([150, 300, 400])}', 'L' if f['ferritin'] < lo else ''))
    if f['fit'] is not None:
        d = f['fit_disp']
        if d == 'lt4':
            v = '<4'
        elif d == 'negative':
            v = 'negative'
        elif d == 'undetectable':
            v = 'undetectable'
        elif d == 'gt400':
            v = '>400'
        else:
            v = str(f['fit'])
        res.append(('Faecal immunochemical test (FIT)', r.choice(['FIT', 'qFIT', 'FIT']), v,
                    '' if v in ('negative', 'undetectable') else r.choice(['ug Hb/g', 'µg/g', 'ug/g', '']),
                    '<10', ''))
    if f['calpro'] is not None:
        res.append(('Faecal calprotectin', r.choice(['calpro', 'FCP', 'Calprotectin', 'f-calprotectin']),
                    str(f['calpro']), r.choice(['ug/g', 'µg/g', 'ug/g', '']), '<50',
                    'H' if f['calpro'] >= 50 else ''))
    if f['alt'] is None and r.random() < 0.45:
        f['alt'] = r.randint(11, 36)
    if f['alt'] is not None:
        res.append(('ALT', 'ALT', str(f['alt']), 'U/L', '0-40' if r.random() < 0.5 else '<41',
                    'H' if f['alt'] > 40 else ''))
    if f['bili'] is not None:
        res.append(('Bilirubin', 'Bili', str(f['bili']), 'umol/L', '0-21', 'H' if f['bili'] > 21 else ''))
    elif f['alt'] is not None and r.random() < 0.5:
        b = r.randint(4, 17)
        res.append(('Bilirubin', 'Bili', str(b), 'umol/L', '0-21', ''))
    if f['alt'] is not None and r.random() < 0.4:
        alp = r.randint(60, 125) if f['bili'] is None else r.randint(180, 620)
        res.append(('ALP', 'ALP', str(alp), 'U/L', '30-130', 'H' if alp > 130 else ''))
    if f['ttg'] is not None:
        val, pos = f['ttg']
        vs = ('>128' if val >= 128 else str(val)) if pos else ('<1' if val < 1 else str(val))
        res.append(('tTG IgA', 'tTG', vs, 'U/mL', '<7', 'H' if pos else ''))
    if r.random() < 0.5:
        crp = r.choice([2, 3, '<5', 4, 6, 11, 18]) if not ('bloody_diarrhoea' in f['sym'] or (f['calpro'] or 0) >= 250) else r.choice([24, 38, 56])
        res.append(('CRP', 'CRP', str(crp), 'mg/L', '<5', 'H' if str(crp).isdigit() and int(crp) >= 5 else ''))
    if r.random() < 0.35:
        eg = r.choice(['>90', '78', '64', '>60', '55'])
        res.append(('eGFR', 'eGFR', eg, 'mL/min/1.73m2', '>60', 'L' if eg == '55' else ''))
    if r.random() < 0.2:
        res.append(('TSH', 'TSH', f'{r.uniform(0.6, 3.8):.2f}', 'mU/L', '0.3-4.2', ''))
    if f['cirrhosis'] and r.random() < 0.7:
        alb = r.randint(24, 33) if ('ascites' in f['sym']) else r.randint(35, 44)
        res.append(('Albumin', 'Alb', str(alb), 'g/L', '35-50', 'L' if alb < 35 else ''))
    r.shuffle(res)
    # keep Hb near the top, the way lab printouts group FBC
    res.sort(key=lambda x: 0 if x[1] in ('Hb', 'MCV', 'Plt') else (1 if x[1] == 'Ferritin' else 2))
    return res


def res_inline(res, r, sep=', '):
    out = []
    for full, ab, v, u, ref, fl in res:
        name = ab if r.random() < 0.75 else full
        s = f'{name} {v}' if r.random() < 0.5 or not u else f'{name} {v} {u}'
        if fl and r.random() < 0.3:
            s += ' ↑' if fl == 'H' else ' ↓'
        out.append(s)
    return sep.join(out)


def res_lines(res, r, colon=True):
    out = []
    for full, ab, v, u, ref, fl in res:
        name = full if r.random() < 0.5 else ab
        s = f'{name}{":" if colon else ""} {v}{(" " + u) if u else ""}'
        if ref and r.random() < 0.7:
            s += f' ({ref})'
        if fl:
            s += f' {fl}'
        out.append(s)
    return out


def res_table(res, r, date=None):
    w = max(len(x[0]) for x in res) + 2
    lines = [f'{"Test":<{w}}{"Result":>10}  {"Units":<14}{"Range":<12}Flag']
    for full, ab, v, u, ref, fl in res:
        lines.append(f'{full:<{w}}{v:>10}  {u:<14}{ref:<12}{fl}')
    return lines


class Clin:
    """The clinical content of one letter, rendered in several registers."""

    NEGATABLE = ['weight_loss', 'dysphagia', 'rectal_bleeding', 'melaena', 'vomiting', 'haematemesis',
                 'jaundice', 'abdo_pain', 'cibh', 'night_sweats', 'abdominal_mass']

    def __init__(self, f, r, p):
        self.f, self.r, self.p = f, r, p
        s = f['sym']
        present = set(s)
        blocked = set(present)
        if 'bloody_diarrhoea' in present:
            blocked |= {'rectal_bleeding', 'cibh'}
        if 'haematemesis' in present or 'nausea' in present:
            blocked |= {'vomiting'}
        if present & {'dyspepsia', 'reflux'}:
            blocked |= {'abdo_pain'}
        if 'ascites' in present:
            blocked |= {'abdominal_mass'}
        if f['wl_intentional']:
            blocked |= {'weight_loss'}
        cands = [k for k in self.NEGATABLE if k not in blocked]
        r.shuffle(cands)
        n = r.choice([0, 2, 3, 3, 4, 5])
        self.neg = cands[:n]
        # distractors: resolved episodes, hypotheticals, family history
        self.distr = []
        pool = []
        for k in ('rectal_bleeding', 'dysphagia', 'jaundice', 'haematemesis', 'weight_loss'):
            if k not in blocked:
                pool.append(('resolved', k))
                pool.append(('hypo', k))
        r.shuffle(pool)
        m = r.choice([0, 1, 1, 2, 2, 3])
        used = set()
        for kind, k in pool:
            if len(self.distr) >= m:
                break
            if k in used:
                continue
            used.add(k)
            self.distr.append((kind, k))
        # family history: the A3 cases carry it as a fact; others may mention CRC in a relative
        if f['fh_crc']:
            self.fh = f['fh_crc']
        elif r.random() < 0.18 and (present - {'fatigue', 'itch'}):
            # a relative's bowel cancer only where there are GI symptoms, so that
            # "no symptoms" in A3 never turns on whether tiredness is a symptom
            f['fh_crc'] = r.choice(FH_CRC)
            self.fh = f['fh_crc']
        else:
            self.fh = r.choice(FH_OTHER)
        self.results = build_results(f, r, p)
        self.dur = {k: dur(r) for k in s}
        self.yr = {k: r.randint(2009, 2021) for k in ('rectal_bleeding', 'dysphagia', 'jaundice', 'haematemesis', 'weight_loss')}
        self.meds = [m for _, _, ms in p.pmh for m in ms]
        if f['ppi_weeks']:
            self.meds.append((r.choice(['Omeprazole', 'Lansoprazole', 'Esomeprazole']),
                              r.choice(['20mg od', '30mg od', '40mg od', '20mg bd'])))
        if f['ibd']:
            self.ibd_meds = {'UC': [('Mesalazine (Octasa)', '2.4g od'), ('Azathioprine', '100mg od')],
                             'Crohn': [('Azathioprine', '125mg od'), ('Adalimumab', '40mg every 2 weeks'),
                                       ('Methotrexate', '15mg weekly (Fridays)'), ('Hydroxocobalamin', '1mg every 3 months')]}[f['ibd']['type']]
            q = f['ibd']['question'] or ''
            chosen = [self.ibd_meds[0]]
            for mname, dose in self.ibd_meds[1:]:
                if mname.split()[0].lower() in q.lower():
                    chosen.append((mname, dose))
            self.meds = chosen + self.meds
        if f['cirrhosis']:
            self.meds += [('Propranolol', '40mg bd')] if r.random() < 0.5 else []
            if 'ascites' in s:
                self.meds.append(('Spironolactone', '100mg od'))
        if f['hb'] is not None and f['ferritin'] is not None and f['ferritin'] < 30 and r.random() < 0.5:
            self.meds.append(('Ferrous fumarate', '210mg bd (started recently)'))
        r.shuffle(self.meds)

    # ---- symptoms -------------------------------------------------------
    def sym_formal(self, k):
        f, r, p = self.f, self.r, self.p
        v = f['sym'][k]
        d = WORD_DUR[self.dur[k]]
        if k == 'dysphagia':
            return r.choice([f'a {adj(d)} history of progressive difficulty swallowing solids, with food sticking behind the breastbone',
                             f'dysphagia, first to bread and meat and more recently to softer food, over the last {d}',
                             f'a sensation of food lodging in the lower chest when {p.he} swallows, present for {d}'])
        if k == 'rectal_mass':
            return None
        if k == 'anal_mass':
            return None
        if k == 'anal_ulcer':
            return r.choice([f'a sore area at the anus that has failed to heal over {d}',
                             f'a painful anal ulcer of {d} duration'])
        if k == 'abdominal_mass':
            return None
        if k == 'jaundice':
            return r.choice([f'jaundice, first noticed by {p.his} family {d} ago, with dark urine and pale stools',
                             f'painless jaundice over the last {d}',
                             f'yellowing of the skin and eyes for {d}, without abdominal pain'])
        if k == 'rectal_bleeding':
            return r.choice([f'bright red rectal bleeding for {d}, mixed in with the stool',
                             f'intermittent bleeding per rectum over the last {d}',
                             f'fresh blood on passing stool, on and off for {d}'])
        if k == 'cibh':
            if v == 'constipation':
                return f'a change in bowel habit towards constipation over the past {d}, which is new for {p.him}'
            if v == 'alternating':
                return f'a {adj(d)} change in bowel habit, alternating between constipation and loose stools'
            return r.choice([f'a change in bowel habit over {d}, with looser stools three or four times a day',
                             f'persistent loose stools, a clear change from {p.his} normal habit, for {d}'])
        if k == 'abdo_pain':
            return f'{PAIN_F[v]} for the past {d}'
        if k == 'bloating':
            return r.choice([f'troublesome abdominal bloating, worse as the day goes on, for {d}',
                             f'bloating and distension that {p.he} finds very uncomfortable'])
        if k == 'weight_loss':
            return r.choice([f'unintentional weight loss of about {v} kg over {d}',
                             f'loss of around {v} kg in weight over {d} without trying',
                             f'weight loss of {v} kg over {d} which {p.he} cannot explain'])
        if k == 'dyspepsia':
            base = r.choice(['dyspepsia', 'indigestion after meals', 'upper abdominal discomfort and indigestion' if f['age'] >= 55 or 'weight_loss' not in f['sym'] else 'indigestion'])
            return base + f' for {d}' + self.ppi_formal()
        if k == 'reflux':
            return r.choice(['heartburn and acid reflux', 'reflux symptoms with retrosternal burning']) + f' for {d}' + (self.ppi_formal() if 'dyspepsia' not in f['sym'] else '')
        if k == 'haematemesis':
            return r.choice(['two small episodes of vomiting fresh red blood earlier this week; {he} was haemodynamically stable when seen'.format(he=p.he),
                             'haematemesis (a cupful of fresh blood on one occasion, streaks on another) over the last few days; observations were normal',
                             'an episode of vomiting blood three days ago, with normal pulse and blood pressure when I saw ' + p.him])
        if k == 'bloody_diarrhoea':
            return r.choice([f'bloody diarrhoea, up to {v} times a day with urgency, for {d}',
                             f'diarrhoea with blood and mucus {v} times daily for {d}'])
        if k == 'ascites':
            return f'increasing abdominal swelling over {d}'
        if k == 'confusion':
            return r.choice([f'new confusion, reported by {p.his} partner, with day-night reversal over the last week or so',
                             'episodes of confusion and drowsiness over the past ten days'])
        if k == 'nausea':
            return f'nausea for {d}'
        if k == 'fatigue':
            return r.choice(['tiredness', f'fatigue over {d}', 'feeling tired all the time'])
        if k == 'itch':
            return 'generalised itching'
        raise KeyError(k)

    def ppi_formal(self):
        w = self.f['ppi_weeks']
        if not w:
            return ''
        drug = next((m for m, _ in self.meds if m in ('Omeprazole', 'Lansoprazole', 'Esomeprazole')), 'omeprazole')
        if w >= 4:
            return self.r.choice([f', persisting despite {w} weeks of {drug.lower()}',
                                  f', which has not settled after {w} weeks on a PPI ({drug.lower()})'])
        return f'; {drug.lower()} was started {w} weeks ago and has not helped yet'

    def ppi_abbr(self):
        w = self.f['ppi_weeks']
        if not w:
            return ''
        if w >= 4:
            drug = next((m for m, _ in self.meds if m in ('Omeprazole', 'Lansoprazole', 'Esomeprazole')), 'omeprazole').lower()
            return self.r.choice([f' despite {w}/52 PPI', f', no better after PPI x {w}/52', f' - failed {w}/52 {drug}'])
        return self.r.choice([f', PPI started {w}/52 ago', f' (on omeprazole {w}/52 so far)'])

    def sym_abbr(self, k):
        f, r, p = self.f, self.r, self.p
        v = f['sym'][k]
        d = self.dur[k]
        if k == 'dysphagia':
            return r.choice([f'dysphagia to solids {d}', f'food sticking retrosternally x {d}', f'c/o difficulty swallowing {d}, progressive'])
        if k in ('rectal_mass', 'anal_mass', 'abdominal_mass'):
            return None
        if k == 'anal_ulcer':
            return r.choice([f'non-healing anal ulcer {d}', f'anal ulcer, not healing after {d}'])
        if k == 'jaundice':
            return r.choice([f'painless jaundice {d}', f'jaundiced {d}, dark urine/pale stools', f'yellow sclerae noticed {d} ago'])
        if k == 'rectal_bleeding':
            return r.choice([f'BRPR {d}', f'PR bleed on/off {d}', f'fresh blood PR mixed w stool {d}', f'rectal bleeding {d}'])
        if k == 'cibh':
            return {'loose': r.choice([f'CIBH - looser, 3-4x/day, {d}', f'CIBH to loose stools {d}', f'loose stools, new, {d}']),
                    'constipation': r.choice([f'CIBH -> constipation {d}', f'new constipation {d}']),
                    'alternating': f'CIBH, alternating loose/constipated {d}'}.get(v, f'CIBH {d}')
        if k == 'abdo_pain':
            return f'{PAIN_A[v]} {d}'
        if k == 'bloating':
            return r.choice(['bloating ++', f'bloating {d}', 'bloated, worse pm'])
        if k == 'weight_loss':
            return r.choice([f'wt loss {v}kg/{d} (not trying)', f'↓wt {v}kg in {d}, unintentional', f'unintentional wt loss {v}kg over {d}'])
        if k == 'dyspepsia':
            return r.choice(['dyspepsia', 'indigestion', 'dyspeptic sx']) + f' {d}' + self.ppi_abbr()
        if k == 'reflux':
            return r.choice(['reflux', 'heartburn', 'GORD sx']) + f' {d}' + (self.ppi_abbr() if 'dyspepsia' not in f['sym'] else '')
        if k == 'haematemesis':
            return r.choice(['haematemesis x2 this wk, obs stable', 'vomited fresh blood x1 3/7 ago, HR/BP normal', 'haematemesis - small vol, haemodynamically stable'])
        if k == 'bloody_diarrhoea':
            return r.choice([f'bloody diarrhoea {v}x/day {d}', f'diarrhoea with blood + mucus {v}x/d, {d}'])
        if k == 'ascites':
            return r.choice(['abdo girth ↑', f'abdo swelling {d}'])
        if k == 'confusion':
            return r.choice(['new confusion ?HE', 'confused/drowsy per wife, 10/7'])
        if k == 'nausea':
            return f'nausea {d}'
        if k == 'fatigue':
            return 'TATT'
        if k == 'itch':
            return 'itch'
        raise KeyError(k)

    def hist_keys(self):
        order = ['dysphagia', 'haematemesis', 'jaundice', 'bloody_diarrhoea', 'rectal_bleeding', 'cibh',
                 'abdo_pain', 'dyspepsia', 'reflux', 'bloating', 'weight_loss', 'anal_ulcer', 'ascites',
                 'confusion', 'nausea', 'itch', 'fatigue']
        return [k for k in order if k in self.f['sym']]

    def hpc_sentences(self, start=0):
        """Formal sentences for present symptoms (from the start-th onwards)."""
        p, r = self.p, self.r
        keys = self.hist_keys()[start:]
        out = []
        openers = [f'{p.He} reports {{}}.', f'{p.He} describes {{}}.', f'{p.He} has noticed {{}}.',
                   f'In addition {p.he} mentions {{}}.', f'There is also {{}}.', f'{p.He} also complains of {{}}.']
        used = set()
        for i, k in enumerate(keys):
            ph = self.sym_formal(k)
            if ph is None:
                continue
            pool = openers[:3] if (i == 0 and start == 0) else openers[1:]
            pool = [o for o in pool if o not in used] or openers[3:]
            o = r.choice(pool)
            used.add(o)
            out.append(o.format(ph))
        if self.f['wl_intentional']:
            out.append(r.choice([f'{p.He} has lost some weight recently, but this has been deliberate: {p.he} has been following a diet since the new year.',
                                 f'{p.His} weight is down 5 kg, which {p.he} has been working on intentionally with a slimming group.']))
        return out

    def hpc_abbr(self):
        keys = self.hist_keys()
        items = [self.sym_abbr(k) for k in keys]
        items = [x for x in items if x]
        if self.f['wl_intentional']:
            items.append(self.r.choice(['wt ↓ 5kg - intentional (diet)', 'lost wt deliberately (slimming world)']))
        return items

    # ---- known conditions ------------------------------------------------
    def background_formal(self):
        f, p, r = self.f, self.p, self.r
        out = []
        if f['cirrhosis']:
            aet = {'alcohol': 'alcohol-related liver disease', 'MASLD': 'MASLD', 'hepatitis C': 'hepatitis C, treated with SVR'}[f['cirrhosis']]
            out.append(r.choice([f'{p.He} has known cirrhosis secondary to {aet}.', f'{p.He} is known to have cirrhosis ({aet}).']))
        if f['ibd']:
            typ = 'ulcerative colitis' if f['ibd']['type'] == 'UC' else "Crohn's disease"
            if f['ibd']['stable']:
                out.append(r.choice([f'{p.He} has {typ}, diagnosed in {f["ibd"]["year"]}, which has been quiet for some years; {p.he} currently opens {p.his} bowels once or twice a day with no blood.',
                                     f'{p.He} is known to have {typ} (diagnosed {f["ibd"]["year"]}) and is well and in remission at present.']))
            else:
                out.append(f'{p.He} is known to have {typ} (diagnosed {f["ibd"]["year"]}) and appears to be flaring.')
        return out

    def background_abbr(self):
        f = self.f
        out = []
        if f['cirrhosis']:
            out.append(f'known cirrhosis ({ {"alcohol": "ArLD", "MASLD": "MASLD", "hepatitis C": "HCV, treated"}[f["cirrhosis"]] })')
        if f['ibd']:
            typ = 'UC' if f['ibd']['type'] == 'UC' else "Crohn's"
            if f['ibd']['stable']:
                out.append(self.r.choice([f'{typ} dx {f["ibd"]["year"]}, in remission, stable', f'known {typ} ({f["ibd"]["year"]}) - well, no flares, BO 1-2x/d formed']))
            else:
                out.append(f'known {typ} ({f["ibd"]["year"]}) - ?flare')
        return out

    def question(self):
        f, p = self.f, self.p
        if f['ibd'] and f['ibd']['question']:
            return f['ibd']['question'].format(he=p.he, his=p.his, him=p.him)
        return None

    # ---- examination --------------------------------------------------------
    def exam_formal(self):
        f, p, r = self.f, self.p, self.r
        s = f['sym']
        bits = []
        if 'jaundice' in s:
            bits.append(r.choice(['the sclerae are clearly icteric', f'{p.he} is visibly jaundiced']))
        if 'confusion' in s:
            bits.append(r.choice(['there is a liver flap', f'{p.he} was slow to answer and disorientated to date']))
        if 'abdominal_mass' in s:
            bits.append(f'there is a firm, irregular mass in the {self.mass_loc(True)}')
        elif 'ascites' in s:
            bits.append('the abdomen is distended with shifting dullness, in keeping with ascites')
        elif 'abdo_pain' in s:
            bits.append(r.choice([f'the abdomen is soft with mild tenderness in the {TENDER[s["abdo_pain"]]}, and I could feel no mass',
                                  'the abdomen is soft and I could not feel any masses']))
        elif r.random() < 0.6:
            bits.append(r.choice(['the abdomen is soft and non-tender with no masses', 'abdominal examination is unremarkable']))
        if 'rectal_mass' in s:
            bits.append(f'on rectal examination there is a hard, irregular mass about {r.randint(4, 9)} cm from the anal verge')
        elif 'anal_mass' in s:
            bits.append(f'there is a firm, fixed lump at the anal margin at {r.choice([3, 5, 7, 9, 11])} o\'clock')
        elif 'anal_ulcer' in s:
            bits.append(r.choice(['there is a 1.5 cm ulcer at the anal verge with rolled edges; I can find no obvious cause for it',
                                  'there is an anal ulcer which remains unexplained: no history of trauma, no features of Crohn\'s and an STI screen was negative']))
        elif ('rectal_bleeding' in s or 'cibh' in s) and r.random() < 0.6:
            bits.append(r.choice(['rectal examination was normal, with no palpable mass', 'PR examination revealed small non-bleeding haemorrhoids only']))
        if not bits:
            return ''
        t = '; '.join(bits)
        return r.choice(['On examination ', 'When I examined ' + p.him + ', ']) + t + '.'

    def exam_abbr(self):
        f, r = self.f, self.r
        s = f['sym']
        bits = []
        if 'jaundice' in s:
            bits.append('jaundiced')
        if 'confusion' in s:
            bits.append('flap +ve')
        if 'abdominal_mass' in s:
            bits.append(f'mass {self.mass_loc(False)}, firm, non-tender')
        elif 'ascites' in s:
            bits.append('distended, shifting dullness ++')
        elif 'abdo_pain' in s:
            bits.append(r.choice(['abdo soft, mild tender, no masses', 'abdo SNT, no masses']))
        elif r.random() < 0.6:
            bits.append(r.choice(['abdo SNT', 'abdo soft, NT, no masses', 'abdo NAD']))
        if 'rectal_mass' in s:
            bits.append(f'PR: hard irregular mass ~{r.randint(4, 9)}cm')
        elif 'anal_mass' in s:
            bits.append(f'firm anal mass at {r.choice([3, 5, 7, 9, 11])} o\'clock')
        elif 'anal_ulcer' in s:
            bits.append('anal ulcer, ?cause - no trauma/Crohn\'s hx, STI screen neg')
        elif ('rectal_bleeding' in s or 'cibh' in s) and r.random() < 0.6:
            bits.append(r.choice(['PR NAD', 'PR: no mass, small piles', 'PR - no masses felt']))
        return ', '.join(bits)

    def mass_loc(self, formal):
        loc = self.f['sym']['abdominal_mass']
        if formal:
            return {'RIF': 'right iliac fossa', 'LIF': 'left iliac fossa'}.get(loc, loc)
        return {'left upper quadrant': 'LUQ', 'epigastrium': 'epigastrium', 'right flank': 'R flank',
                'umbilical region': 'periumbilical'}.get(loc, loc)

    # ---- negations -------------------------------------------------------
    NEG_F = {'weight_loss': 'weight loss', 'dysphagia': 'dysphagia', 'rectal_bleeding': 'rectal bleeding',
             'melaena': 'melaena', 'vomiting': 'vomiting', 'haematemesis': 'haematemesis',
             'jaundice': 'jaundice', 'abdo_pain': 'abdominal pain', 'cibh': 'change in bowel habit',
             'night_sweats': 'night sweats', 'abdominal_mass': 'palpable abdominal mass'}
    NEG_A = {'weight_loss': 'wt loss', 'dysphagia': 'dysphagia', 'rectal_bleeding': 'PR bleeding',
             'melaena': 'melaena', 'vomiting': 'vomiting', 'haematemesis': 'haematemesis',
             'jaundice': 'jaundice', 'abdo_pain': 'abdo pain', 'cibh': 'CIBH',
             'night_sweats': 'night sweats', 'abdominal_mass': 'abdo mass'}

    def neg_formal(self):
        if not self.neg:
            return ''
        r, p = self.r, self.p
        words = [self.NEG_F[k] for k in self.neg]
        if len(words) == 1:
            if self.neg[0] == 'weight_loss' and r.random() < 0.5:
                return f'{p.His} weight has been stable.'
            return r.choice([f'There has been no {words[0]}.', f'{p.He} denies any {words[0]}.'])
        lst = ', '.join(words[:-1]) + ' or ' + words[-1]
        return r.choice([f'{p.He} has had no {lst}.', f'{p.He} denies {lst}.',
                         f'Importantly there is no {lst}.', f'There is no history of {lst}.'])

    def neg_abbr(self):
        if not self.neg:
            return ''
        r = self.r
        words = [self.NEG_A[k] for k in self.neg]
        if len(words) == 1:
            return r.choice([f'no {words[0]}', f'denies {words[0]}', f'nil {words[0]}'])
        style = r.randint(0, 4)
        if style == 0:
            return 'No ' + ' / '.join(words)
        if style == 1:
            return 'denies ' + ', '.join(words)
        if style == 2:
            return 'No: ' + '; '.join(words)
        if style == 3:
            return '. '.join(f'Nil {w}' for w in words)
        return 'no ' + ', '.join(words[:-1]) + ' or ' + words[-1]

    # ---- distractors -----------------------------------------------------
    def distr_formal(self):
        p, r = self.p, self.r
        out = []
        for kind, k in self.distr:
            y = self.yr[k]
            if kind == 'resolved':
                out.append({
                    'rectal_bleeding': f'{p.He} had some rectal bleeding in {y}; a flexible sigmoidoscopy at the time showed only haemorrhoids and there has been no bleeding since.',
                    'dysphagia': f'{p.He} had a spell of dysphagia in {y}, investigated with a normal OGD, which settled completely and has not recurred.',
                    'jaundice': f'{p.He} was jaundiced in {y} with gallstones and had a cholecystectomy; {p.his} liver tests have been normal since.',
                    'haematemesis': f'{p.He} vomited blood once in {y} after a bout of retching (a Mallory-Weiss tear) and has had nothing similar since.',
                    'weight_loss': f'{p.He} lost weight in {y} around a bereavement but regained it and {p.his} weight has been steady since.',
                }[k])
            else:
                out.append({
                    'rectal_bleeding': f'I have asked {p.him} to let me know straight away if {p.he} notices any rectal bleeding.',
                    'dysphagia': f'If {p.he} develops any difficulty swallowing I have asked {p.him} to come back so that I can re-refer.',
                    'jaundice': f'{p.He} knows to seek help if {p.he} notices any yellowing of the skin or eyes.',
                    'haematemesis': f'{p.He} has been told to attend A&E if {p.he} vomits blood.',
                    'weight_loss': f'I have safety-netted {p.him} about weight loss.',
                }[k])
        return out

    def distr_abbr(self):
        r = self.r
        out = []
        for kind, k in self.distr:
            y = self.yr[k]
            if kind == 'resolved':
                out.append({
                    'rectal_bleeding': r.choice([f'PR bleed {y} - flexi: piles, nil since', f'rectal bleeding {y}, scoped, nothing since']),
                    'dysphagia': f'dysphagia {y} - OGD normal, resolved',
                    'jaundice': f'jaundice {y} (gallstones) -> lap chole, LFTs nl since',
                    'haematemesis': f'haematemesis {y} ?MW tear, none since',
                    'weight_loss': f'wt loss {y} (bereavement), regained',
                }[k])
            else:
                out.append({
                    'rectal_bleeding': 'advised re-present if any PR bleeding',
                    'dysphagia': 'if dysphagia develops pls re-refer',
                    'jaundice': 'SN re jaundice',
                    'haematemesis': 'to attend ED if haematemesis',
                    'weight_loss': 'safety-netted re wt loss',
                }[k])
        return out

    # ---- misc ------------------------------------------------------------
    def fit_note(self, formal=True):
        st = self.f['fit_status']
        p, r = self.p, self.r
        if self.f['fit'] is not None or st in (None, 'silent'):
            return ''
        if st == 'awaited':
            return r.choice([f'A FIT kit has been sent and the result is awaited.', 'FIT requested - result awaited.' if not formal else 'I have requested a FIT; the result is not back yet.'])
        if st == 'kit_given':
            return r.choice([f'{p.He} has been given a FIT kit but has not returned it yet.', 'FIT kit given, not yet returned.'])
        if st == 'not_done':
            return r.choice(['FIT not done.', f'{p.He} declined a FIT.', 'No FIT available.'])
        return ''

    def fh_line(self, formal=True):
        fh = self.fh
        if fh.startswith('no relevant'):
            return 'No relevant family history.' if formal else 'FH: nil relevant'
        if formal:
            return f'Family history: {self.p.his} {fh}.' if not fh.startswith('two') else f'Family history: {fh}.'
        return 'FH: ' + fh.replace('diagnosed with ', 'dx ').replace('colorectal cancer', 'CRC').replace('bowel cancer', 'bowel ca')

    def pmh_list(self, formal=True):
        items = [a if formal else b for a, b, _ in self.p.pmh]
        if self.f['cirrhosis']:
            items.insert(0, 'Cirrhosis (' + self.f['cirrhosis'] + ')')
        if self.f['ibd']:
            items.insert(0, ('Ulcerative colitis' if self.f['ibd']['type'] == 'UC' else "Crohn's disease") + f' ({self.f["ibd"]["year"]})')
        return items

    def med_list(self):
        return [f'{m} {d}' for m, d in self.meds]

    def imaging(self):
        f = self.f
        if f['fatty_liver']:
            return self.r.choice(['USS abdomen: diffusely echogenic liver consistent with fatty infiltration; no focal lesion.',
                                  'Ultrasound: hepatic steatosis, spleen normal size, no biliary dilatation.',
                                  'USS: fatty liver. GB normal.'])
        if 'jaundice' in f['sym'] and f['age'] >= 40 and self.r.random() < 0.5:
            return self.r.choice(['USS abdomen: dilated CBD (11 mm) and intrahepatic ducts; pancreas poorly seen.',
                                  'Ultrasound requested, not yet done.'])
        return ''


# ---------------------------------------------------------------------------
# Priority wording
# ---------------------------------------------------------------------------

def choose_gp_priority(r, urgency, style):
    order = ['advice_and_guidance', 'routine', 'urgent', 'urgent_suspected_cancer']
    x = r.random()
    if style in ('ers_export', 'tickbox_proforma'):
        none_p = 0.0
    elif style == 'ag_request':
        return 'advice_and_guidance' if r.random() < 0.85 else r.choice(['routine', 'urgent'])
    else:
        none_p = 0.22
    if x < none_p:
        return None
    if x < none_p + (1 - none_p) * 0.55:
        return urgency
    others = [o for o in order if o != urgency]
    # disagreements skew towards neighbouring priorities
    i = order.index(urgency)
    weights = [3 if abs(order.index(o) - i) == 1 else 1 for o in others]
    return r.choices(others, weights=weights)[0]


PRI_TEXT = {
    'urgent_suspected_cancer': ['Urgent Suspected Cancer', '2WW', 'Two Week Wait', 'USC (2WW)', 'suspected cancer pathway'],
    'urgent': ['Urgent', 'URGENT', 'urgent', 'Soon - urgent'],
    'routine': ['Routine', 'ROUTINE', 'routine', 'Non-urgent'],
    'advice_and_guidance': ['Advice and Guidance', 'A&G', 'Advice only', 'Advice & Guidance'],
}


def ask_formal(r, pri, p):
    if pri == 'urgent_suspected_cancer':
        return r.choice([f'I would be grateful if you could see {p.him} under the suspected cancer (two week wait) pathway.',
                         f'I have referred {p.him} on the 2WW pathway and would appreciate your assessment.',
                         f'Please could {p.he} be seen urgently on the suspected cancer pathway.'])
    if pri == 'urgent':
        return r.choice([f'I would be grateful if {p.he} could be seen urgently.',
                         f'I would appreciate an urgent appointment for {p.him}.',
                         'I would be grateful for an urgent opinion.'])
    if pri == 'routine':
        return r.choice([f'I would be grateful if you could see {p.him} routinely.',
                         'A routine appointment would be appreciated.',
                         f'I do not think this is urgent but would value your routine assessment.'])
    if pri == 'advice_and_guidance':
        return r.choice(['I would value your advice on further management; I am not sure an appointment is needed.',
                         'Advice and guidance would be helpful in the first instance.',
                         f'Could you advise whether {p.he} needs to be seen, or whether we can manage this in primary care?'])
    return r.choice([f'I would be grateful for your opinion and further management.',
                     f'Many thanks for seeing {p.him}.', 'I would value your assessment.'])


def ask_abbr(r, pri):
    if pri == 'urgent_suspected_cancer':
        return r.choice(['Pls see 2ww.', '2WW pls.', 'Refer USC.', 'Pls see under 2ww pathway.'])
    if pri == 'urgent':
        return r.choice(['Urgent pls.', 'Pls see urgently.', 'Urgent OPA pls.'])
    if pri == 'routine':
        return r.choice(['Routine OPA pls.', 'Routine referral.', 'Pls see routinely.'])
    if pri == 'advice_and_guidance':
        return r.choice(['A&G pls.', 'Advice pls.', 'A&G - ?needs seeing.'])
    return r.choice(['Pls assess.', 'Thanks.', 'Pls see.'])


def impression(f, rule, r):
    s = f['sym']
    if rule == 'R2':
        return 'decompensated cirrhosis' if f['cirrhosis'] else r.choice(['markedly raised ALT ?cause', '?acute hepatitis'])
    if rule == 'A2':
        return 'dyspepsia ?H. pylori' if 'dyspepsia' in s else 'GORD'
    if rule == 'D':
        if f['cirrhosis']:
            return 'known cirrhosis - ?hospital follow-up'
        if 'jaundice' in s:
            return '?Gilbert\'s'
        if 'rectal_bleeding' in s:
            return '?haemorrhoids'
        if f['hb'] is not None and f['ferritin'] is not None and 'fatigue' in s:
            return 'abnormal FBC / iron studies ?significance'
        if 'dyspepsia' in s or 'reflux' in s:
            return 'dyspepsia/reflux'
        return r.choice(IMPRESSION['D'])
    if rule == 'O5' and f['fatty_liver']:
        return r.choice(['?NAFLD', 'fatty liver on USS'])
    if rule == 'O5':
        return r.choice(['abnormal LFTs ?cause', 'raised ALT'])
    if rule == 'U4' and 'dysphagia' in s:
        return '?oesophageal malignancy'
    return r.choice(IMPRESSION[rule])


IMPRESSION = {
    'U1': ['?oesophageal malignancy', '?stricture ?Ca oesophagus'], 'U2': ['?rectal Ca', '?anorectal malignancy'],
    'U3': ['?colorectal Ca', 'FIT positive'], 'U4': ['IDA ?cause', '?GI blood loss'],
    'U5': ['?upper GI malignancy', '?gastric Ca'], 'U6': ['?abdominal malignancy', 'abdominal mass ?cause'],
    'U7': ['?obstructive jaundice', '?pancreatic / biliary cause'], 'U8': ['?colorectal Ca', '?bowel cancer'],
    'R1': ['?IBD', '?colitis'], 'R2': ['decompensated liver disease?', 'markedly raised ALT ?cause'],
    'R3': ['?peptic ulcer', 'haematemesis ?cause'], 'O1': ['refractory dyspepsia', 'persistent dyspepsia'],
    'O2': ['?IBD vs IBS', 'raised calprotectin'], 'O3': ['IBD - management query'],
    'O4': ['?coeliac disease', 'positive coeliac serology'], 'O5': ['abnormal LFTs ?NAFLD', '?MASLD'],
    'O6': ['?IBS ?diverticular disease', 'low FIT, persisting symptoms'], 'A1': ['?IBS', '?functional bowel'],
    'A2': ['dyspepsia ?H. pylori', 'GORD'], 'A3': ['FH of bowel cancer - ?screening'],
    'D': ['?cause', 'for assessment', '?functional'],
}


# ---------------------------------------------------------------------------
# Layouts
# ---------------------------------------------------------------------------

def age_text(p, r, mode):
    a = p.f['age']
    if mode == 'dob':
        return None
    return r.choice([f'{a}yo', f'aged {a}', f'{a} year old', f'{a} y/o', f'{a}-year-old'])


def age_noun(p, r):
    a = p.f['age']
    return r.choice([f'{a}yo {p.man}', f'{a} year old {p.man}', f'{a}-year-old {p.man}', f'{p.man} aged {a}',
                     f'{a} y/o {p.man}'])


def pt_header_lines(p, r, mode, dfmt):
    name = r.choice([f'{p.title} {p.first} {p.surname}', f'{p.surname.upper()}, {p.first} ({p.title})',
                     f'{p.first} {p.surname.upper()}'])
    dob = fmt_date(p.dob, r, dfmt)
    lines = [f'Patient: {name}', f'DOB: {dob}' + (f' ({p.f["age"]}y)' if mode == 'both' else ''),
             f'NHS No: {fmt_nhs(p.nhs, r)}']
    return lines, name, dob


def L_ers(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    dfmt = 2
    ubrn = ' '.join(f'{r.randint(0, 9999):04d}' for _ in range(3))
    pri_field = {'urgent_suspected_cancer': 'Urgent Suspected Cancer', 'urgent': 'Urgent', 'routine': 'Routine',
                 'advice_and_guidance': 'Routine'}[pri]
    lines = [r.choice(['NHS e-Referral Service', 'e-RS REFERRAL - CLINICAL INFORMATION', 'NHS e-RS Referral Request']),
             '-' * 44,
             f'UBRN: {ubrn}',
             f'Priority: {pri_field}']
    if pri == 'advice_and_guidance':
        lines.append('Request Type: Advice and Guidance')
    lines += [f'Specialty: Gastroenterology',
              f'Clinic Type: {r.choice(["Colorectal", "Upper GI", "Hepatology", "Inflammatory Bowel Disease", "Not Otherwise Specified", "Gastroenterology - General"])}',
              f'Referral Date: {fmt_date(p.letter_date, r, dfmt)}', '',
              'PATIENT', f'  Name: {p.surname.upper()}, {p.first} ({p.title})',
              f'  Date of Birth: {fmt_date(p.dob, r, dfmt)}', f'  Gender: {p.gender}',
              f'  NHS Number: {fmt_nhs(p.nhs, r)}', f'  Address: {p.address}', '',
              'REFERRER', f'  Clinician: {p.gp}', f'  Organisation: {p.practice} ({p.ods})', '']
    a = f['age']
    lines.append('Reason for Referral:')
    first = r.choice([f'{a}-year-old {p.man}', f'{a}yo {p.sex}', f'{p.title} {p.surname}, {a},']) if ctx['age_mode'] != 'dob' else r.choice([f'This {p.man}', 'Patient'])
    keys = c.hist_keys()
    hp = c.hpc_sentences(start=1)
    reason = f'{first} referred with ' + (c.sym_formal(keys[0]) if keys else 'the findings below') + '.'
    if not keys:
        if f['ibd'] and f['ibd']['question']:
            reason = f'{first} with known IBD - advice requested.'
        elif f['fh_crc'] and not f['sym']:
            reason = f'{first}, asymptomatic, with a family history of colorectal cancer.'
        else:
            reason = f'{first} referred with abnormal results (see below).'
    lines.append('  ' + reason)
    lines.append('')
    lines.append('History of Presenting Complaint:')
    body = c.background_formal() + hp + ([c.neg_formal()] if c.neg else []) + c.distr_formal()
    q = c.question()
    if q:
        body.append(f'The question is {q}.')
    if f['fh_crc'] and not f['sym']:
        body.append(f'{p.He} is entirely asymptomatic.')
    body.append(c.fit_note())
    for b in body:
        if b:
            lines.append('  ' + b)
    ex = c.exam_formal()
    if ex:
        lines += ['', 'Examination:', '  ' + ex]
    if c.results:
        lines += ['', 'Investigations:'] + ['  ' + x for x in res_lines(c.results, r)]
    im = c.imaging()
    if im:
        lines.append('  ' + im)
    lines += ['', 'Past Medical History:'] + (['  ' + x for x in c.pmh_list()] or ['  Nil significant'])
    lines += ['', 'Current Medication:'] + (['  ' + x for x in c.med_list()] or ['  None'])
    lines += ['', 'Allergies: ' + r.choice(['NKDA', 'Penicillin (rash)', 'No known drug allergies', 'Codeine - vomiting'])]
    lines += ['', c.fh_line()]
    lines += ['', 'Referrer comments: ' + ask_formal(r, pri, p)]
    return '\n'.join(lines)


TICK_ROWS = [('dysphagia', 'Dysphagia'), ('rectal_bleeding', 'Rectal bleeding'), ('cibh', 'Change in bowel habit'),
             ('weight_loss', 'Unexplained weight loss'), ('abdominal_mass', 'Abdominal mass'),
             ('rectal_mass', 'Rectal or anal mass'), ('anal_ulcer', 'Unexplained anal ulceration'),
             ('ida', 'Iron deficiency anaemia'), ('jaundice', 'Jaundice'), ('haematemesis', 'Haematemesis'),
             ('bloody_diarrhoea', 'Bloody diarrhoea'), ('dyspepsia', 'Dyspepsia / reflux'),
             ('abdo_pain', 'Abdominal pain'), ('fh', 'Family history of bowel cancer')]


def tick(r, yes, style):
    if style == 0:
        return '[X] Yes  [ ] No' if yes else '[ ] Yes  [X] No'
    if style == 1:
        return '☒ Yes  ☐ No' if yes else '☐ Yes  ☒ No'
    if style == 2:
        return 'Y / N: ' + ('Y' if yes else 'N')
    return 'YES' if yes else 'no'


def L_tickbox(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    s = f['sym']
    ts = r.randint(0, 3)
    hb_fer = f['hb'] is not None and f['ferritin'] is not None
    male = f['sex'] == 'M'
    ida = hb_fer and f['hb'] < (130 if male else 120) and f['ferritin'] < 30
    title = r.choice(['GASTROENTEROLOGY REFERRAL PROFORMA', 'LOWER / UPPER GI REFERRAL FORM (please complete all boxes)',
                      'Suspected GI Cancer and General Gastro Referral - Proforma v3'])
    lines = [title, '=' * len(title)]
    hl, name, dob = pt_header_lines(p, r, ctx['age_mode'], 0)
    lines += hl
    if ctx['age_mode'] != 'dob':
        lines.append(f'Age: {f["age"]}')
    lines += [f'Sex: {p.sex}', f'Practice: {p.practice} [{p.ods}]   Referring GP: {p.gp}',
              f'Date of referral: {fmt_date(p.letter_date, r, 0)}', '',
              'RED FLAG CHECKLIST (tick one box per line)']
    rows = TICK_ROWS[:]
    w = max(len(x[1]) for x in rows) + 4
    for key, label in rows:
        if key == 'ida':
            yes = ida
        elif key == 'dyspepsia':
            yes = 'dyspepsia' in s or 'reflux' in s
        elif key == 'rectal_mass':
            yes = 'rectal_mass' in s or 'anal_mass' in s
        elif key == 'fh':
            yes = bool(f['fh_crc'])
        else:
            yes = key in s
        lines.append(f'{label:<{w}}{tick(r, yes, ts)}')
    lines.append('')
    fit_line = 'FIT result (ug Hb/g): '
    fitres = [x for x in c.results if x[1] in ('FIT', 'qFIT')]
    if fitres:
        fit_line += fitres[0][2]
    else:
        fit_line += {'awaited': 'awaited', 'kit_given': 'kit given - not returned', 'not_done': 'not done'}.get(f['fit_status'], '______')
    lines.append(fit_line)
    others = [x for x in c.results if x[1] not in ('FIT', 'qFIT')]
    if others:
        lines.append('Recent bloods: ' + res_inline(others, r))
    else:
        lines.append('Recent bloods: ________')
    if f['ppi_weeks']:
        lines.append(f'PPI trial: {f["ppi_weeks"]} weeks' + (' - symptoms persist' if f['ppi_weeks'] >= 4 else ' so far'))
    lines.append('')
    lines.append('Additional clinical information:')
    items = c.background_abbr() + c.hpc_abbr()
    ex = c.exam_abbr()
    if ex:
        items.append('O/E ' + ex)
    if c.neg and r.random() < 0.5:
        items.append(c.neg_abbr())
    items += c.distr_abbr()
    q = c.question()
    if q:
        items.append('Q: ' + q)
    if f['fh_crc'] and not s:
        items.append('asymptomatic - ' + c.fh_line(False))
    im = c.imaging()
    if im:
        items.append(im)
    lines.append('  ' + '. '.join(x[0].upper() + x[1:] for x in items if x) + '.')
    lines.append('')
    lines.append('PMH: ' + (', '.join(c.pmh_list(False)) or 'nil'))
    lines.append('Meds: ' + ('; '.join(c.med_list()) or 'nil'))
    lines.append('')
    opts = [('urgent_suspected_cancer', 'USC/2WW'), ('urgent', 'Urgent'), ('routine', 'Routine'), ('advice_and_guidance', 'A&G')]
    if ts in (0, 1):
        on, off = ('[X]', '[ ]') if ts == 0 else ('☒', '☐')
        lines.append('Priority requested:  ' + '  '.join(f'{on if k == pri else off} {t}' for k, t in opts))
    else:
        lines.append('Priority requested: ' + dict(opts)[pri])
    lines.append(f'Signed: {p.gp}')
    return '\n'.join(lines)


def L_dictated(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    lines = [p.practice, f'{p.address.split(",")[1].strip()} | Tel 01632 960{r.randint(100000, 999999) % 1000:03d}', '',
             fmt_date(p.letter_date, r, r.choice([3, 4])), '',
             f'{p.consultant}', 'Consultant Gastroenterologist', p.hospital, '',
             f'Dear {p.consultant},', '']
    re_line = f'Re: {p.title} {p.first} {p.surname}, DOB {fmt_date(p.dob, r, 0)}, NHS No {fmt_nhs(p.nhs, r)}'
    lines += [re_line, f'    {p.address}', '']
    a = f['age']
    if ctx['age_mode'] == 'dob':
        desc = r.choice([f'this {p.man}', f'{p.title} {p.surname}'])
    else:
        desc = r.choice([f'this {a}-year-old {p.man}', f'{p.title} {p.surname}, aged {a},', f'this pleasant {a} year old {p.man}'])
    hp = c.hpc_sentences()
    open_ = r.choice([f'Thank you for seeing {desc} whom I saw in surgery {r.choice(["this week", "on Monday", "recently", "yesterday"])}.',
                      f'Thank you very much for seeing {desc} who came to see me {r.choice(["last week", "today", "this morning"])}.',
                      f'I would be grateful if you could see {desc}.'])
    para1 = [open_] + c.background_formal() + hp
    if f['fh_crc'] and not f['sym']:
        para1.append(f'{p.He} came to see me because {p.his} {f["fh_crc"]} and {p.he} is worried about {p.his} own risk. {p.He} has no bowel symptoms at all.' if not f['fh_crc'].startswith('two') else f'{p.He} came to discuss {p.his} family history: {f["fh_crc"]}. {p.He} has no symptoms whatsoever.')
    q = c.question()
    if q:
        para1.append(f'{p.He} has asked me {q}, and I would be grateful for your advice on this.')
    lines.append(' '.join(x for x in para1 if x))
    lines.append('')
    para2 = []
    if c.neg:
        para2.append(c.neg_formal())
    para2 += c.distr_formal()
    ex = c.exam_formal()
    if ex:
        para2.append(ex)
    if para2:
        lines.append(' '.join(para2))
        lines.append('')
    if c.results:
        lines.append(r.choice(['Recent blood tests showed ', 'Investigations so far: ', 'Her results are as follows: ' if p.sex == 'F' else 'His results are as follows: ']) + res_inline(c.results, r) + '.')
    im = c.imaging()
    fn = c.fit_note()
    tail = ' '.join(x for x in (im, fn) if x)
    if tail:
        lines.append(tail)
    if c.results or tail:
        lines.append('')
    pmh = c.pmh_list()
    if pmh:
        lines.append(f'{p.His} past history includes ' + ', '.join(pmh[:-1]) + (' and ' if len(pmh) > 1 else '') + pmh[-1] + '.')
    meds = c.med_list()
    lines.append(f'{p.His} current medication is ' + ', '.join(meds) + '.' if meds else f'{p.He} takes no regular medication.')
    lines.append(f'Socially: {p.job}; {p.smoke}; {p.alcohol}. ' + c.fh_line())
    lines.append('')
    lines.append(ask_formal(r, pri, p) + (' ' + r.choice(['Many thanks.', 'Thank you for your help.', 'Please do not hesitate to contact me if you need anything further.'])))
    lines += ['', 'Yours sincerely,', '', '', p.gp, f'General Practitioner, {p.practice}']
    if r.random() < 0.4:
        lines.append('Dictated but not checked')
    return '\n'.join(lines)


def L_soap(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    clin = r.choice(REGISTRARS + [p.gp])
    variant = r.randint(0, 1)
    hl = [f'{p.practice} - consultation record', f'{p.title} {p.first} {p.surname} | DOB {fmt_date(p.dob, r, 0)} | NHS {fmt_nhs(p.nhs, r)}',
          f'Seen: {fmt_date(p.letter_date, r, 0)} by {clin}', '']
    age = age_text(p, r, ctx['age_mode'])
    hx = c.background_abbr() + c.hpc_abbr()
    subj = ', '.join(([f'{age} {p.sex}'] if age else []) + (hx or ['attends for review']))
    if f['fh_crc'] and not f['sym']:
        subj = (f'{age} {p.sex}, ' if age else '') + 'attends re family hx - ' + c.fh_line(False)[4:] + '. No GI sx at all'
    q = c.question()
    if q:
        subj += '. Asks ' + q
    extra = []
    if c.neg:
        extra.append(c.neg_abbr())
    extra += c.distr_abbr()
    fn = c.fit_note(False)
    if fn:
        extra.append(fn.rstrip('.'))
    ex = c.exam_abbr()
    obs = f'BP {r.randint(112, 158)}/{r.randint(64, 92)}, HR {r.randint(58, 96)}' + (f', BMI {r.randint(21, 36)}' if r.random() < 0.5 else '')
    imp = impression(f, ctx['rule'], r)
    plan = ['Refer gastro. ' + ask_abbr(r, pri)]
    if r.random() < 0.5:
        plan.append(r.choice(['Bloods today.', 'SN given.', 'Review 2/52.', 'Pt aware of referral.']))
    res = c.results
    if variant == 0:
        lines = hl + [f'S: {subj}.'] + ([f'   {"; ".join(extra)}.'] if extra else []) + \
                [f'   PMH: {", ".join(c.pmh_list(False)) or "nil"}. DH: {"; ".join(c.med_list()) or "nil"}. {c.fh_line(False)}.'] + \
                [f'O: {obs}. {ex}'.rstrip() + ('.' if ex else '')]
        if res:
            lines.append('   Ix: ' + res_inline(res, r))
        im = c.imaging()
        if im:
            lines.append('   ' + im)
        lines += [f'A: {imp}', 'P: ' + ' '.join(plan)]
    else:
        lines = hl + ['Hx: ' + subj + '.'] + ([' ' + '. '.join(extra) + '.'] if extra else []) + \
                [f'PMH: {", ".join(c.pmh_list(False)) or "nil"}', f'DH: {"; ".join(c.med_list()) or "nil"}', c.fh_line(False),
                 f'SH: {p.smoke}, {p.alcohol}', f'O/E: {obs}' + (f'; {ex}' if ex else '')]
        if res:
            lines.append('Results: ' + res_inline(res, r, sep='; '))
        im = c.imaging()
        if im:
            lines.append(im)
        lines += [f'Imp: {imp}', 'Plan: ' + ' '.join(plan)]
    return '\n'.join(lines)


def L_np(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    b = r.choice(['•', '-', '*', '·'])
    np_ = r.choice(NPS)
    lines = [f'Referral to Gastroenterology - from {np_}', f'{p.practice} ({p.ods})', f'Date: {fmt_date(p.letter_date, r, 0)}', '',
             f'Name: {p.first} {p.surname}', f'DOB: {fmt_date(p.dob, r, r.choice([0, 1]))}', f'NHS number: {fmt_nhs(p.nhs, r)}', '']
    lines.append('Summary:')
    if ctx['age_mode'] != 'dob':
        lines.append(f'{b} {age_noun(p, r)}')
    for x in c.background_abbr():
        lines.append(f'{b} {x}')
    for x in c.hpc_abbr():
        lines.append(f'{b} {x}')
    if f['fh_crc'] and not f['sym']:
        lines.append(f'{b} no GI symptoms - here because of FH')
        lines.append(f'{b} {c.fh_line(False)}')
    ex = c.exam_abbr()
    if ex:
        lines.append(f'{b} O/E: {ex}')
    if c.neg:
        lines.append(f'{b} {c.neg_abbr()}')
    for x in c.distr_abbr():
        lines.append(f'{b} {x}')
    fn = c.fit_note(False)
    if fn:
        lines.append(f'{b} {fn}')
    if c.results:
        lines.append('')
        lines.append('Bloods / tests:')
        for x in res_lines(c.results, r):
            lines.append(f'{b} {x}')
    im = c.imaging()
    if im:
        lines.append(f'{b} {im}')
    lines.append('')
    lines.append('Background:')
    for x in c.pmh_list(False) or ['nil of note']:
        lines.append(f'{b} {x}')
    lines.append(f'{b} meds: ' + (', '.join(c.med_list()) or 'none'))
    if not (f['fh_crc'] and not f['sym']):
        lines.append(f'{b} {c.fh_line(False)}')
    lines.append('')
    q = c.question()
    if q:
        lines.append(f'Question: {q}?')
    if pri:
        lines.append(f'Requested: {r.choice(PRI_TEXT[pri])}')
    else:
        lines.append('Discussed with GP, please see.')
    lines.append(f'{np_}')
    return '\n'.join(lines)


def L_system(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    sysname = r.choice(['EMIS', 'SystmOne'])
    ld = p.letter_date
    lines = []
    if sysname == 'EMIS':
        lines += [f'EMIS Web  -  Patient Summary for Referral          Printed {fmt_date(ld, r, 2)} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}',
                  f'{p.title.upper()} {p.first} {p.surname.upper()}   DOB {fmt_date(p.dob, r, 2)}' + (f' ({f["age"]}y)' if ctx['age_mode'] == 'both' else '') + f'   {p.gender}   NHS {fmt_nhs(p.nhs, r)}',
                  f'Usual GP: {p.gp}    Organisation: {p.practice} ({p.ods})', '']
    else:
        lines += [f'SystmOne | {p.practice} | Referral extract', f'Patient: {p.surname.upper()} {p.first} | {p.gender} | D.O.B. {fmt_date(p.dob, r, 0)} | NHS {fmt_nhs(p.nhs, r)}',
                  f'Date of extract: {fmt_date(ld, r, 0)}', '']
    lines.append('PROBLEMS')
    act = c.pmh_list(False)
    if f['ibd']:
        lines.append(f'  Active   {f["ibd"]["year"]}   {act[0]}')
        act = act[1:]
    if f['cirrhosis']:
        lines.append(f'  Active   {r.randint(2012, 2022)}   Cirrhosis of liver')
        act = [a for a in act if not a.startswith('Cirrhosis')]
    for a in act:
        m = re.search(r'(\d{4})', a)
        if m:
            nm = re.sub(r' *\(?\d{4}\)?', '', a)
            lines.append(f'  Past     {m.group(1)}   {nm}')
        else:
            lines.append(f'  Active   {r.randint(1998, 2022)}   {a}')
    for kind, k in c.distr:
        if kind == 'resolved':
            lines.append(f'  Past     {c.yr[k]}   ' + {'rectal_bleeding': 'Rectal bleeding - flexi sig: haemorrhoids', 'dysphagia': 'Dysphagia - OGD normal',
                                                     'jaundice': 'Jaundice - gallstones, cholecystectomy', 'haematemesis': 'Haematemesis (Mallory-Weiss tear)',
                                                     'weight_loss': 'Weight loss (bereavement) - resolved'}[k])
    if not act and not f['ibd'] and not f['cirrhosis'] and not any(kd == 'resolved' for kd, _ in c.distr):
        lines.append('  No active problems recorded')
    lines.append('')
    lines.append('MEDICATION (repeat)')
    for m in c.med_list() or ['None recorded']:
        lines.append(f'  {m}')
    lines.append('')
    lines.append('CONSULTATIONS')
    ld_s = fmt_date(ld, r, 2 if sysname == 'EMIS' else 0)
    # an earlier entry that is already known at the time (blood test request)
    earlier = ld - dt.timedelta(days=r.randint(9, 30))
    clin = p.gp
    if c.results and r.random() < 0.7:
        lines.append(f'  {fmt_date(earlier, r, 2 if sysname == "EMIS" else 0)}  {clin}  (Telephone)')
        lines.append('    History: ' + r.choice(['bowel/abdo symptoms discussed, bloods and stool tests requested', 'pt rang re symptoms - bloods booked', 'f/u call, tests organised']) if f['sym'] else '    History: bloods requested')
        lines.append('')
    lines.append(f'  {ld_s}  {clin}  (Surgery consultation)')
    hist = c.background_abbr() + c.hpc_abbr()
    if f['fh_crc'] and not f['sym']:
        hist.append('asymptomatic, worried re ' + c.fh_line(False)[4:])
    if hist:
        lines.append('    History: ' + '. '.join(hist) + '.')
    else:
        lines.append('    History: ' + ('attends for review, see examination' if c.exam_abbr() else 'results discussed'))
    if c.neg:
        lines.append('    ' + c.neg_abbr().capitalize() + '.')
    for kind, k in c.distr:
        if kind == 'hypo':
            lines.append('    ' + {'rectal_bleeding': 'Advised to re-present if any PR bleeding.', 'dysphagia': 'If dysphagia develops to re-attend.',
                                   'jaundice': 'Safety-netted re jaundice.', 'haematemesis': 'To attend ED if haematemesis.',
                                   'weight_loss': 'Safety-netted re weight loss.'}[k])
    ex = c.exam_abbr()
    if ex:
        lines.append('    Examination: ' + ex)
    fn = c.fit_note(False)
    if fn:
        lines.append('    Comment: ' + fn)
    q = c.question()
    if q:
        lines.append('    Comment: pt asks ' + q)
    lines.append('    Family history: ' + c.fh_line(False)[4:])
    lines.append('    Plan: ' + r.choice(['Referral to gastroenterology', 'Refer gastro']) + (f' - {r.choice(PRI_TEXT[pri])}' if pri else ''))
    lines.append('')
    if c.results:
        lines.append('TEST RESULTS' + f' (reported {fmt_date(ld - dt.timedelta(days=r.randint(1, 8)), r, 2 if sysname == "EMIS" else 0)})')
        lines += ['  ' + x for x in res_table(c.results, r)]
    im = c.imaging()
    if im:
        lines.append('')
        lines.append('  ' + im)
    return '\n'.join(lines)


def L_terse(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    a = f['age']
    head = r.choice([f'{a}yo {p.sex}', f'{a} {p.sex}', f'{a}{p.sex.lower()}', f'{a}y/o {"man" if p.sex == "M" else "lady"}'])
    items = c.background_abbr() + c.hpc_abbr()
    ex = c.exam_abbr()
    if ex and not ex.startswith('abdo'):
        items.append('O/E ' + ex)
    elif ex and ('mass' in ex or 'jaundiced' in ex or 'flap' in ex or 'shifting' in ex):
        items.append('O/E ' + ex)
    if f['fh_crc'] and not f['sym']:
        items.append('no sx, ' + c.fh_line(False)[4:])
    res = [x for x in c.results if x[1] in ('Hb', 'Ferritin', 'FIT', 'qFIT', 'calpro', 'FCP', 'Calprotectin', 'f-calprotectin', 'ALT', 'tTG', 'Bili')]
    if res:
        items.append(res_inline(res, r))
    im = c.imaging()
    if im:
        items.append(im.split(';')[0].split(', spleen')[0].rstrip('.'))
    fn = c.fit_note(False)
    if fn and r.random() < 0.6:
        items.append(fn.rstrip('.'))
    if c.neg and r.random() < 0.6:
        items.append(c.neg_abbr())
    if c.distr and r.random() < 0.6:
        items.append(c.distr_abbr()[0])
    q = c.question()
    l1 = head + ', ' + ', '.join(items[:3]) + '.'
    l2 = ('. '.join(items[3:]) + '.') if items[3:] else ''
    l3 = ('Q: ' + q + '?') if q else ''
    imp = impression(f, ctx['rule'], r) if r.random() < 0.5 else ''
    l4 = ' '.join(x for x in [imp + '.' if imp else '', ask_abbr(r, pri)] if x)
    out = [x for x in (l1, l2, l3, l4) if x]
    sig = r.choice(['', f'- {p.gp.split()[-1]}', f'{p.gp}, {p.practice}'])
    if r.random() < 0.5:
        out.insert(0, f'Re {p.first} {p.surname}, NHS {fmt_nhs(p.nhs, r)}, {fmt_date(p.letter_date, r, 0)}')
    if sig:
        out.append(sig)
    return '\n'.join(out)


def L_deardoc(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    lines = [r.choice(['Dear Doctor,', 'Dear Doctor', 'Dear Colleague,', 'Dear Dr,']), '']
    lines.insert(0, '')
    lines.insert(0, f'{p.practice}, {p.ods}    Date: {fmt_date(p.letter_date, r, r.choice([0, 3, 5]))}')
    re_ = f'RE: {p.first} {p.surname}  D.O.B. {fmt_date(p.dob, r, r.choice([0, 1]))}  NHS {fmt_nhs(p.nhs, r)}'
    lines += [re_, '']
    age = age_text(p, r, ctx['age_mode'])
    who = f'this {age} {p.man}' if age and not age.startswith('aged') else (f'this {p.man} ({age})' if age else f'this {p.man}')
    s = [r.choice([f'I would be grateful if you could see {who}.', f'Please could you see {who}.', f'I am writing to refer {who}.'])]
    s += c.background_formal()
    s += c.hpc_sentences()
    if f['fh_crc'] and not f['sym']:
        s.append(f'{p.He} has no gastrointestinal symptoms but is concerned because {p.his} {f["fh_crc"]}.' if not f['fh_crc'].startswith('two') else f'{p.He} has no symptoms but has a family history: {f["fh_crc"]}.')
    q = c.question()
    if q:
        s.append(f'{p.He} would like to know {q}.')
    lines.append(' '.join(s))
    lines.append('')
    s2 = []
    if c.neg:
        s2.append(c.neg_formal())
    s2 += c.distr_formal()
    ex = c.exam_formal()
    if ex:
        s2.append(ex)
    if s2:
        lines.append(' '.join(s2))
        lines.append('')
    if c.results:
        lines.append('Results: ' + res_inline(c.results, r) + '.')
    im = c.imaging()
    fn = c.fit_note()
    if im or fn:
        lines.append(' '.join(x for x in (im, fn) if x))
    if c.results or im or fn:
        lines.append('')
    pm = c.pmh_list()
    if pm:
        lines.append('PMH: ' + ', '.join(pm))
    md = c.med_list()
    lines.append('Medication: ' + (', '.join(md) if md else 'nil'))
    if not (f['fh_crc'] and not f['sym']) and r.random() < 0.6:
        lines.append(c.fh_line())
    lines.append('')
    lines.append(ask_formal(r, pri, p))
    lines += ['', r.choice(['Yours faithfully,', 'Yours sincerely,', 'Kind regards,', 'Many thanks,']), p.gp]
    return '\n'.join(lines)


def L_continuation(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    page = r.choice([2, 2, 3])
    lines = [f'{p.surname.upper()}, {p.first}   NHS {fmt_nhs(p.nhs, r)}   DOB {fmt_date(p.dob, r, 0)}        Page {page} of {page + r.choice([0, 1])}',
             f'Referral letter dated {fmt_date(p.letter_date, r, 0)} (continued)', '']
    # long problem list
    extra_pmh = ['Hypertension', 'Hypercholesterolaemia', 'Osteoarthritis', 'Cataract (R) 2019', 'Lumbar spondylosis',
                 'Vitamin D deficiency', 'Rotator cuff tear (L) 2017', 'Tinnitus', 'Benign essential tremor',
                 'Varicose veins', 'Seborrhoeic keratosis', 'Plantar fasciitis', 'Insomnia', 'Eczema', 'Obesity (BMI 32)',
                 'Restless legs', 'Hearing loss - aids', 'Dupuytren\'s contracture', 'Rosacea', 'Pre-diabetes (HbA1c 44)']
    extra_meds = [('Co-codamol', '30/500 2 qds prn'), ('Colecalciferol', '800 units od'), ('Atorvastatin', '40mg on'),
                  ('Losartan', '50mg od'), ('Doxazosin', '4mg od'), ('Mirtazapine', '15mg on'), ('Hydroxyzine', '25mg on prn'),
                  ('Emollient cream', 'apply bd'), ('Propranolol', '10mg bd'), ('Ropinirole', '250 micrograms on'),
                  ('Indapamide', '2.5mg od'), ('Timolol eye drops', 'bd'), ('Folic acid', '5mg od'), ('Senna', '7.5mg on prn'),
                  ('Metoclopramide', '10mg tds prn')]
    if 'cibh' in f['sym'] or 'bloody_diarrhoea' in f['sym'] or f['ibd']:
        extra_meds = [m for m in extra_meds if m[0] not in ('Senna', 'Metoclopramide')]
    if 'nausea' not in f['sym']:
        extra_meds = [m for m in extra_meds if m[0] != 'Metoclopramide']
    pm = c.pmh_list(False) + r.sample(extra_pmh, r.randint(6, 11))
    lines.append('Problem list:')
    for x in pm:
        lines.append(f'  {x}')
    for kind, k in c.distr:
        if kind == 'resolved':
            lines.append(f'  [past] {c.distr_abbr()[c.distr.index((kind, k))]}')
    lines.append('')
    lines.append('Medication:')
    meds = c.med_list() + [f'{m} {d}' for m, d in r.sample(extra_meds, r.randint(6, 10))]
    seen = set()
    for m in meds:
        nm = m.split()[0]
        if nm in seen:
            continue
        seen.add(nm)
        lines.append(f'  {m}')
    lines.append('')
    lines.append('Allergies: ' + r.choice(['NKDA', 'Penicillin', 'Trimethoprim (rash)', 'Latex']))
    lines.append('')
    lines.append(r.choice(['Reason for referral / history (continued):', 'History continued:', 'Presenting problem:']))
    an = age_noun(p, r)
    intro = (an[0].upper() + an[1:] + '. ') if ctx['age_mode'] != 'dob' else ''
    body = c.background_formal() + c.hpc_sentences()
    if f['fh_crc'] and not f['sym']:
        body.append(f'No GI symptoms. Referred because {p.his} {f["fh_crc"]}.' if not f['fh_crc'].startswith('two') else f'No GI symptoms. Family history: {f["fh_crc"]}.')
    q = c.question()
    if q:
        body.append(f'Query: {q}.')
    if c.neg:
        body.append(c.neg_formal())
    body += [d for (kind, k), d in zip(c.distr, c.distr_formal()) if kind == 'hypo']
    ex = c.exam_formal()
    if ex:
        body.append(ex)
    fn = c.fit_note()
    if fn:
        body.append(fn)
    lines.append(intro + ' '.join(body))
    lines.append('')
    if c.results:
        lines.append('Recent results:')
        lines += ['  ' + x for x in res_lines(c.results, r)]
        if r.random() < 0.6:
            lines.append(f'  HbA1c {r.randint(36, 52)} mmol/mol; Na {r.randint(135, 144)}, K {r.uniform(3.6, 5.0):.1f}, Cr {r.randint(58, 110)}')
    im = c.imaging()
    if im:
        lines.append('  ' + im)
    lines.append('')
    lines.append(c.fh_line())
    lines.append(f'Social: {p.job}; {p.smoke}; {p.alcohol}.')
    lines.append('')
    lines.append(ask_formal(r, pri, p))
    lines.append(f'{p.gp}, {p.practice}')
    return '\n'.join(lines)


def L_handwritten(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    lines = [r.choice(['[Typed from handwritten referral]', '[transcribed from handwritten note - original in scanned docs]',
                       '<< handwritten note, typed by admin >>']),
             f'{fmt_date(p.letter_date, r, 1)}']
    lines.append(f'Re: {p.first} {p.surname}  NHS {fmt_nhs(p.nhs, r)}  DoB {fmt_date(p.dob, r, 1)}')
    age = f['age'] if ctx['age_mode'] != 'dob' else None
    sx = '♂' if p.sex == 'M' else '♀'
    hdr = (f'{age}yo {sx}' if age else f'{sx}') + ' '
    items = c.background_abbr() + [x.replace('weight', 'wt').replace(' with ', ' c ') for x in c.hpc_abbr()]
    if f['fh_crc'] and not f['sym']:
        items.append('Ø GI sx, ' + c.fh_line(False))
    lines.append('Hx: ' + hdr + ('c/o ' if f['sym'] else '') + '. '.join(items))
    if c.neg:
        ng = c.neg_abbr()
        lines.append(ng.replace('No ', 'Ø ', 1) if ng.startswith('No ') else ng)
    for x in c.distr_abbr():
        lines.append(x)
    q = c.question()
    if q:
        lines.append('Q - ' + q + '?')
    ex = c.exam_abbr()
    if ex:
        lines.append('O/E ' + ex)
    if c.results:
        lines.append('Ix: ' + res_inline(c.results, r, sep=' / '))
    im = c.imaging()
    if im:
        lines.append(im)
    fn = c.fit_note(False)
    if fn:
        lines.append(fn)
    pm = c.pmh_list(False)
    if pm:
        lines.append('PMH ' + ', '.join(pm))
    md = c.med_list()
    lines.append('DH ' + (', '.join(md) if md else 'nil'))
    if r.random() < 0.5:
        lines.append(c.fh_line(False))
    lines.append('Imp: ' + impression(f, ctx['rule'], r))
    lines.append(ask_abbr(r, pri) + '  ' + p.gp.replace('Dr ', 'Dr. '))
    return '\n'.join(lines)


def L_ag(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    lines = ['e-RS ADVICE AND GUIDANCE REQUEST', f'Service: Gastroenterology Advice ({p.hospital})',
             f'Requested by: {p.gp}, {p.practice} ({p.ods})', f'Date sent: {fmt_date(p.letter_date, r, 2)}', '',
             f'Patient: {p.title} {p.first} {p.surname}', f'DOB: {fmt_date(p.dob, r, 2)}   NHS: {fmt_nhs(p.nhs, r)}', '']
    q = c.question()
    intro = age_noun(p, r) if ctx['age_mode'] != 'dob' else f'{p.title} {p.surname}'
    intro = intro[0].upper() + intro[1:]
    if q:
        qtext = f'Could you advise {q}?'
    elif f['fh_crc'] and not f['sym']:
        qtext = 'Does this patient need colonoscopic surveillance, and if so from what age?'
    else:
        qtext = r.choice(['What further investigation would you suggest, and does this need a clinic appointment?',
                          'Is there anything more I should do in primary care, or should this be converted to a referral?',
                          'Advice on next steps please.'])
    lines += ['Question for the specialist:', '  ' + qtext, '']
    lines.append('Clinical summary:')
    s = [intro + '.'] + c.background_formal() + c.hpc_sentences()
    if f['fh_crc'] and not f['sym']:
        s.append(f'Asymptomatic. {c.fh_line()}')
    if c.neg:
        s.append(c.neg_formal())
    s += c.distr_formal()
    ex = c.exam_formal()
    if ex:
        s.append(ex)
    fn = c.fit_note()
    if fn:
        s.append(fn)
    lines.append('  ' + ' '.join(s))
    if c.results:
        lines += ['', 'Results attached:'] + ['  ' + x for x in res_lines(c.results, r)]
    im = c.imaging()
    if im:
        lines.append('  ' + im)
    lines += ['', 'PMH: ' + (', '.join(c.pmh_list()) or 'nil'), 'Meds: ' + (', '.join(c.med_list()) or 'nil')]
    if pri == 'advice_and_guidance':
        lines.append('')
        lines.append(r.choice(['Happy to manage in primary care with your advice.', 'Advice only at this stage please.', '']))
    else:
        lines.append('')
        lines.append(f'If you feel {p.he} needs to be seen, please convert to {"an urgent" if pri == "urgent" else "a " + PRI_TEXT[pri][0].lower()} referral.')
    return '\n'.join(l for l in lines).rstrip()


def L_template(f, r, p, c, ctx):
    pri = ctx['gp_priority']
    H = r.choice([lambda t: t.upper(), lambda t: t + ':', lambda t: f'== {t} =='])
    lines = [f'{p.practice}', f'Gastroenterology referral  |  {fmt_date(p.letter_date, r, 5)}', '',
             f'Patient name: {p.title} {p.first} {p.surname}', f'Date of birth: {fmt_date(p.dob, r, 5)}' + (f'   Age: {f["age"]}' if ctx['age_mode'] != 'dob' else ''),
             f'NHS number: {fmt_nhs(p.nhs, r)}', f'Address: {p.address}', f'Tel: {p.phone}', '']
    if pri:
        lines.append(f'Urgency: {r.choice(PRI_TEXT[pri])}')
        lines.append('')
    lines.append(H('Reason for referral'))
    imp = impression(f, ctx['rule'], r)
    lines.append(imp[0].upper() + imp[1:])
    lines.append('')
    lines.append(H('History'))
    s = c.background_formal() + c.hpc_sentences()
    if f['fh_crc'] and not f['sym']:
        s.append(f'{p.He} is asymptomatic and requests advice about bowel screening.')
    q = c.question()
    if q:
        s.append(f'Specific question: {q}.')
    if c.neg:
        s.append(c.neg_formal())
    s += c.distr_formal()
    fn = c.fit_note()
    if fn:
        s.append(fn)
    lines.append(' '.join(s) if s else 'See below.')
    lines.append('')
    ex = c.exam_formal()
    lines.append(H('Examination'))
    lines.append(ex or 'Not examined (telephone consultation).')
    lines.append('')
    lines.append(H('Investigations'))
    if c.results:
        lines += res_lines(c.results, r)
    im = c.imaging()
    if im:
        lines.append(im)
    if not c.results and not im:
        lines.append('None available.')
    lines.append('')
    lines.append(H('Past medical history'))
    lines += c.pmh_list() or ['None']
    lines.append('')
    lines.append(H('Medication'))
    lines += c.med_list() or ['None']
    lines.append('')
    lines.append(H('Allergies'))
    lines.append(r.choice(['No known drug allergies', 'Penicillin', 'NKDA']))
    lines.append('')
    lines.append(H('Social history'))
    lines.append(f'{p.job[0].upper() + p.job[1:]}. {p.smoke[0].upper() + p.smoke[1:]}. Alcohol: {p.alcohol}.')
    lines.append('')
    lines.append(H('Family history'))
    lines.append(c.fh_line().replace('Family history: ', ''))
    lines.append('')
    lines.append(f'Referring clinician: {p.gp}')
    return '\n'.join(lines)


LAYOUTS = [
    ('ers_export', L_ers), ('tickbox_proforma', L_tickbox), ('dictated_letter', L_dictated),
    ('soap_note', L_soap), ('np_bullets', L_np), ('system_export', L_system), ('terse_note', L_terse),
    ('dear_doctor', L_deardoc), ('continuation_page', L_continuation), ('handwritten_typed', L_handwritten),
    ('ag_request', L_ag), ('gp_template', L_template),
]
LAYOUT_DESC = {
    'ers_export': 'NHS e-Referral Service export: UBRN, priority, specialty and clinic-type fields, headed sections',
    'tickbox_proforma': 'tick-box proforma: one Yes/No line per red flag ([X]/[ ], ☒/☐, "Y / N: N" or YES/no), FIT line, free text',
    'dictated_letter': 'long dictated letter to a named consultant, "Thank you for seeing...", prose paragraphs',
    'soap_note': 'GP / registrar consultation note: S/O/A/P or Hx, O/E, Imp, Plan',
    'np_bullets': 'nurse-practitioner bullet list (•, -, *, ·) with summary, tests and background',
    'system_export': 'EMIS- or SystmOne-like export: coded problem list, repeat meds, dated consultations, results table with units, ranges and flags',
    'terse_note': 'two to five line request ("63yo M, BRPR 3/12 ... Pls see 2ww.")',
    'dear_doctor': '"Dear Doctor" / "Dear Colleague" letter, shorter free text',
    'continuation_page': 'page 2/3 continuation: long problem and medication lists with the relevant facts buried below them',
    'handwritten_typed': 'handwritten note typed up by admin: heavy abbreviation, ♂/♀, Ø for none',
    'ag_request': 'e-RS Advice and Guidance request: question for the specialist, clinical summary, results',
    'gp_template': 'GP-system referral template with headed sections (Reason, History, Examination, Investigations, PMH, Meds, Allergies, SH, FH)',
}

# ---------------------------------------------------------------------------
# Noise: spelling slips and OCR damage
# ---------------------------------------------------------------------------

SLIPS = [('diarrhoea', 'diarrohea'), ('haemoglobin', 'heamoglobin'), ('Haemoglobin', 'Heamoglobin'),
         ('abdominal', 'abdominla'), ('appreciated', 'appriciated'), ('grateful', 'greatful'),
         ('constipation', 'constipaton'), ('dysphagia', 'dysphagai'), ('weight', 'wieght'),
         ('history', 'histroy'), ('examination', 'examinaton'), ('haemorrhoids', 'haemorrhiods'),
         ('referral', 'referal'), ('recently', 'recenty'), ('persisting', 'persistng'),
         ('bloating', 'bloatting'), ('unintentional', 'unintentinal'), ('colonoscopy', 'colonscopy'),
         ('jaundice', 'jaundace'), ('calprotectin', 'calprotecin'), ('medication', 'medicaton'),
         ('ulcerative', 'ulcertive'), ('sincerely', 'sincerly'), ('tenderness', 'tendernes')]

PROTECT = {'no', 'not', 'nil', 'denies', 'none', 'never', 'without', 'if', 'n', 'y', 'yes', 'ø'}


def add_slips(text, r, n):
    cands = [(a, b) for a, b in SLIPS if a in text]
    r.shuffle(cands)
    for a, b in cands[:n]:
        idx = [m.start() for m in re.finditer(re.escape(a), text)]
        i = r.choice(idx)
        text = text[:i] + b + text[i + len(a):]
    return text


def ocr_damage(text, r):
    def mangle(word):
        if any(ch.isdigit() for ch in word) or word.lower().strip('.,;:()') in PROTECT or len(word) < 4:
            return word
        x = r.random()
        if x < 0.3 and 'rn' in word:
            return word.replace('rn', 'm', 1)
        if x < 0.3 and 'm' in word:
            return word.replace('m', 'rn', 1)
        if x < 0.55 and 'l' in word:
            i = word.index('l')
            return word[:i] + '1' + word[i + 1:]
        if x < 0.7 and 'O' in word:
            return word.replace('O', '0', 1)
        if x < 0.8 and 'i' in word:
            i = word.index('i')
            return word[:i] + 'l' + word[i + 1:]
        if x < 0.92 and len(word) > 7:
            k = r.randint(3, len(word) - 3)
            return word[:k] + ' ' + word[k:]
        return word.replace('e', 'c', 1) if 'e' in word else word
    out_lines = []
    for line in text.split('\n'):
        words = line.split(' ')
        words = [mangle(w) if r.random() < 0.09 else w for w in words]
        out_lines.append(' '.join(words))
    return '\n'.join(out_lines)


# ---------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------

def build():
    r = random.Random(SEED)
    scenarios = []
    for rule, n, fn in PLAN:
        made = 0
        tries = 0
        i = 0
        while made < n:
            tries += 1
            assert tries < n * 50, rule
            sr = random.Random(r.random())
            f = fn(sr, i)
            i += 1
            try:
                got = spec_label(f)
            except Ambiguous:
                continue
            if got != rule:
                raise SystemExit(f'scenario for {rule} (variant {i - 1}) labels as {got}: {f}')
            f['_rule'] = rule
            f['_seed'] = sr.random()
            scenarios.append(f)
            made += 1
    # layouts: cycle through the layouts within each urgency label
    by_urg = defaultdict(list)
    for f in scenarios:
        by_urg[RULES[f['_rule']][0]].append(f)
    li = 0
    assigned = []
    for urg in ['urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance']:
        group = by_urg[urg]
        r.shuffle(group)
        for f in group:
            f['_style'] = LAYOUTS[li % len(LAYOUTS)][0]
            li += 1
            assigned.append(f)
    letters = []
    layout_fn = dict(LAYOUTS)
    for f in assigned:
        lr = random.Random(f['_seed'])
        style = f['_style']
        urg = RULES[f['_rule']][0]
        letter_date = dt.date(2023, 1, 1) + dt.timedelta(days=lr.randint(0, 1060))
        p = Patient(f, lr, letter_date)
        c = Clin(f, lr, p)
        # the facts may have gained normal-range noise results and a relative's history;
        # re-derive the label from the final facts
        rule = spec_label(f)
        assert rule == f['_rule'], (rule, f['_rule'], f)
        age_mode = 'age'
        if style != 'terse_note':
            age_mode = lr.choice(['age', 'age', 'dob', 'both'])
            if f['bday'] and lr.random() < 0.6:
                age_mode = 'dob'
        gp_pri = choose_gp_priority(lr, urg, style)
        ctx = dict(gp_priority=gp_pri, age_mode=age_mode, rule=rule)
        text = layout_fn[style](f, lr, p, c, ctx)
        text = re.sub(r'\n{3,}', '\n\n', text).strip() + '\n'
        text = text.replace('..', '.').replace(' .', '.')
        letters.append(dict(f=f, text=text, rule=rule, style=style, gp_priority=gp_pri, lr=lr, p=p))
    # spelling slips and OCR damage
    r2 = random.Random(SEED + 1)
    idx = list(range(len(letters)))
    r2.shuffle(idx)
    ocr_set = set(idx[:22])
    slip_set = set(idx[22:22 + 60])
    for j, L in enumerate(letters):
        L['ocr'] = False
        L['slips'] = False
        if j in slip_set:
            before = L['text']
            L['text'] = add_slips(L['text'], r2, r2.randint(1, 3))
            L['slips'] = L['text'] != before
        if j in ocr_set and L['style'] not in ('system_export',):
            L['text'] = ocr_damage(L['text'], r2)
            L['ocr'] = True
    # ids in random order so that id says nothing about the label
    r3 = random.Random(SEED + 2)
    r3.shuffle(letters)
    for n, L in enumerate(letters, 1):
        L['id'] = f'ind-{n:04d}'
    # split once, stratified by (layout, urgency)
    cells = defaultdict(list)
    for L in letters:
        cells[(L['style'], RULES[L['rule']][0])].append(L)
    # within a cell the halves differ by at most one letter; each letter goes to the
    # half holding fewer letters of its deciding rule (ties broken at random)
    per_rule = Counter()
    keys = sorted(cells)
    r3.shuffle(keys)
    for key in keys:
        group = sorted(cells[key], key=lambda x: (x['rule'], x['id']))
        cap = (len(group) + 1) // 2
        in_cell = Counter()
        for L in group:
            d, sd = per_rule[(L['rule'], 'dev')], per_rule[(L['rule'], 'sealed')]
            pick = 'dev' if d < sd else 'sealed' if sd < d else r3.choice(['dev', 'sealed'])
            if in_cell[pick] >= cap:
                pick = 'sealed' if pick == 'dev' else 'dev'
            L['split'] = pick
            in_cell[pick] += 1
            per_rule[(L['rule'], pick)] += 1
    return letters


def record(L):
    urg, path = RULES[L['rule']]
    return {'id': L['id'], 'text': L['text'], 'urgency': urg, 'pathway': path, 'rule': L['rule'],
            'style': L['style'], 'gp_priority': L['gp_priority'], 'age': L['f']['age'], 'ocr': L['ocr']}


def table(rows, header):
    out = ['| ' + ' | '.join(header) + ' |', '|' + '|'.join(' --- ' for _ in header) + '|']
    for row in rows:
        out.append('| ' + ' | '.join(str(x) for x in row) + ' |')
    return '\n'.join(out)


def write_readme(letters, path):
    urgs = ['urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance']
    paths = ['lower_gi', 'upper_gi', 'ibd', 'hepatology', 'general_gi']
    recs = [record(L) | {'split': L['split']} for L in letters]
    by_style = defaultdict(Counter)
    for x in recs:
        by_style[x['style']][x['urgency']] += 1
        by_style[x['style']][x['split']] += 1
    style_rows = []
    for s, _ in LAYOUTS:
        c = by_style[s]
        style_rows.append([f'`{s}`', LAYOUT_DESC[s]] + [c[u] for u in urgs] + [sum(c[u] for u in urgs), c['dev'], c['sealed']])
    lab = Counter((x['urgency'], x['pathway']) for x in recs)
    lab_rows = [[u] + [lab[(u, pth)] for pth in paths] + [sum(lab[(u, pth)] for pth in paths)] for u in urgs]
    lab_rows.append(['**total**'] + [sum(lab[(u, pth)] for u in urgs) for pth in paths] + [len(recs)])
    rules = Counter((x['rule'], x['split']) for x in recs)
    rule_rows = [[r_, RULES[r_][0], RULES[r_][1], rules[(r_, 'dev')], rules[(r_, 'sealed')]] for r_ in RULES]
    split = Counter((x['split'], x['urgency']) for x in recs)
    split_rows = [[sp] + [split[(sp, u)] for u in urgs] + [sum(split[(sp, u)] for u in urgs)] for sp in ('dev', 'sealed')]
    gp = Counter()
    for x in recs:
        if x['gp_priority'] is None:
            gp['not stated'] += 1
        elif x['gp_priority'] == x['urgency']:
            gp['agrees with label'] += 1
        elif urgs.index(x['gp_priority']) < urgs.index(x['urgency']):
            gp['GP asked higher than label'] += 1
        else:
            gp['GP asked lower than label'] += 1
    n_ocr = sum(x['ocr'] for x in recs)
    text = README_TEMPLATE.format(
        n=len(recs), n_dev=sum(1 for x in recs if x['split'] == 'dev'),
        n_sealed=sum(1 for x in recs if x['split'] == 'sealed'),
        style_table=table(style_rows, ['style', 'layout'] + urgs + ['total', 'dev', 'sealed']),
        label_table=table(lab_rows, ['urgency \\ pathway'] + paths + ['total']),
        rule_table=table(rule_rows, ['rule', 'urgency', 'pathway', 'dev', 'sealed']),
        split_table=table(split_rows, ['split'] + urgs + ['total']),
        gp_table=table([[k, v] for k, v in sorted(gp.items())], ['GP requested priority', 'letters']),
        n_ocr=n_ocr, n_slips=sum(1 for L in letters if L['slips']), seed=SEED)
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write(text)


README_TEMPLATE = """# Independent gastroenterology referral test set

{n} synthetic GP referral letters to gastroenterology, each labelled with an
`urgency` and a `pathway` by applying the labelling specification
(`shared/clinical/referral-triage-spec.md`) by hand-written rules.

**`sealed.jsonl` must never be used for training, tuning, prompt or threshold
selection, or model choice.** Use `dev.jsonl` for development; open the sealed
half only to report a final score, and report it once per model.

## Who made it and how

The set was written by an independent helper session that read only the
labelling specification. It did not open the project's code, its existing
samples, its models, its benchmarks or its history, so it knows nothing of the
triage system it will be used to judge. Every letter, layout and phrase was
written for this set; all patients, clinicians, practices, addresses and
identifiers are invented. NHS numbers are in the 999 000 0000 - 999 999 9999
test range with a valid modulus-11 check digit; practice codes (Q99xxx) and
postcodes (QX/QZ/XQ/ZV areas) are made up; telephone numbers use the Ofcom
drama range.

`make_set.py` (Python 3, standard library only, fixed seed {seed}) rebuilds
`dev.jsonl`, `sealed.jsonl` and this README byte-for-byte:

    python3 make_set.py

1. **Scenario first.** Each letter starts as a scenario: the facts asserted
   about the patient now (age, sex, symptoms, examination findings, known
   conditions, results such as Hb, ferritin, FIT, calprotectin, ALT, tTG,
   PPI duration), chosen per target rule, including the boundary cases listed
   below. Distractors that must not count are added on top: negated findings
   (single, carried through lists, "No: a; b; c", tick-box No), resolved
   episodes with a year, hypotheticals / safety-netting, family history, and
   normal-range noise results.
2. **Label from the facts.** `spec_label()` is this helper's own encoding of the
   spec's ordered rules (U1-U8, R1-R3, O1-O6, A1-A3, D); the first rule that
   matches gives both labels and is stored in `rule`. Each scenario also
   carries the rule its author intended; the build stops if they differ.
   Scenarios whose label would depend on an unsettled reading of the spec are
   rejected and redrawn (see "Readings" below).
3. **Render.** The facts are written out in one of twelve layouts (below) with
   varied UK GP phrasing, abbreviations, units and date formats. {n_slips} letters
   carry one to three spelling slips and {n_ocr} carry simulated OCR damage
   (`ocr: true`: l/1, O/0, rn/m, broken words; digits and negation words are
   never damaged, so every value is still legible).
4. **Check by eye.** 40 letters drawn at random were read as plain text and
   their labels confirmed against the spec; see `labelling-check.md`.

## Fields

`id`, `text` (whole letter with real newlines), `urgency`, `pathway`, `rule`
(deciding rule id), `style` (layout), `gp_priority` (what the GP asked for,
mapped onto the urgency label names, or null when not stated; for e-RS
exports it is the e-RS priority field or the Advice and Guidance request type),
`age` (years, from the stated age or the date of birth against the letter
date), `ocr`.

## Layouts

{style_table}

## Labels

{label_table}

### Deciding rule per half

{rule_table}

## Split

Split once, stratified by (layout, urgency): within each cell the two halves
differ by at most one letter, so each half holds every layout with every
urgency label; inside that constraint each letter goes to the half holding
fewer letters of its deciding rule, which balances the rules too.

{split_table}

## GP priority against the label

The GP's requested priority never decides the label; many letters disagree
with it on purpose.

{gp_table}

## Boundary cases included

- Age: exactly 55 on the letter date (U5, O1; 55 with reflux only and no PPI
  failure falls to D), 54 on the day before the 55th birthday (A2), exactly 50
  (U8 rectal bleeding, O6), 49 on the eve of the 50th birthday (D rectal
  bleeding without FIT, A1), exactly 60 (U8 change in bowel habit) and 59 (D),
  exactly 40 (U7 jaundice, U8 weight loss with pain), 39 (D), jaundice under 40
  (O5 with raised ALT, D with normal ALT). Many of these give only a date of
  birth and a letter date.
- Anaemia by sex: man Hb 129 with low ferritin (U4), man Hb 130 / 131 with low
  ferritin (not anaemic: D), woman Hb 119 written in g/dL (U4), woman Hb 120 /
  125 with low ferritin (D). Laboratory reference ranges printed beside the
  values differ from the spec's cut-offs on purpose (e.g. women 115-165).
- Ferritin 29 (iron deficient) and 30 (not).
- FIT exactly 10 (U3), FIT 9 (O6 / A1), FIT "<4", "negative", "undetectable",
  ">400"; FIT awaited / kit not returned / declined / not done count as no FIT
  result (U8).
- Calprotectin 250 (R1), 249 and 100 (O2), 99 (A1 / D).
- ALT 300 (R2), 299 and 40 (O5), 39 (D).
- PPI exactly 4 weeks (O1), 2-3 weeks (D at 55+).
- Rule order: dysphagia with positive FIT or IDA (U1), masses with FIT <4 (U2),
  IDA with FIT <4, raised tTG or calprotectin >= 250 (U4), haematemesis with
  weight loss and reflux at 55+ (U5), jaundice with ALT > 300 (U7), raised
  tTG with diarrhoea at 60+ and no FIT (U8), compensated cirrhosis with raised
  ALT (O5), raised tTG with bloating and FIT <4 under 50 (O4, not A1).
- "No other fact above" in A1: under-50s with rectal bleeding or weight loss
  and a FIT below 10 go to O6; with calprotectin only (no FIT) and rectal
  bleeding they fall to D.
- Deliberate (explained) weight loss does not count (O1, D).

## Readings of the spec used here

- "Abdominal pain" includes upper abdominal / epigastric / RUQ pain; dyspepsia,
  indigestion and reflux are not counted as abdominal pain.
- A1's "no other fact above" means no clinical fact named in any rule above A1
  (dysphagia, masses, anal ulceration, FIT >= 10, IDA, weight loss, dyspepsia,
  reflux, jaundice, rectal bleeding, bloody diarrhoea, calprotectin >= 100,
  cirrhosis, ALT >= 40, haematemesis, known IBD, raised tTG, fatty liver).
- A3's "no symptoms" means no gastrointestinal or constitutional symptom at all.
- A known cirrhosis with neither ascites nor confusion and a normal ALT does
  not match R2 or O5 and falls to D (routine, general_gi).
- Combinations whose label would turn on an unsettled reading were kept out of
  the set: bloody diarrhoea at 50+ with no FIT (does it count as rectal
  bleeding / change in bowel habit for U8?), weight loss with dyspepsia but no
  pain at 40-54 with no FIT (is dyspepsia abdominal pain for U8?), anaemia or
  iron deficiency on its own as the "other fact" that blocks A1, ascites or
  confusion without known cirrhosis, a family history of colorectal cancer
  whose only other complaint is tiredness or itch (is that "no symptoms" for
  A3?).
"""


def main():
    letters = build()
    for name in ('dev', 'sealed'):
        with open(os.path.join(HERE, f'{name}.jsonl'), 'w', encoding='utf-8') as fh:
            for L in sorted((L for L in letters if L['split'] == name), key=lambda x: x['id']):
                fh.write(json.dumps(record(L), ensure_ascii=False) + '\n')
    write_readme(letters, os.path.join(HERE, 'README.md'))
    print(f'{len(letters)} letters:', Counter(L['split'] for L in letters))


if __name__ == '__main__':
    main()
