#!/usr/bin/env python3
"""Build a synthetic gastroenterology referral test set (referrals-2).

Standard library only, fully seeded.  Each letter is generated from a
structured set of clinical *facts*; the labels are derived from those facts by
an implementation of the rules in referral-triage-spec.md (first matching rule
wins), and the letter text is rendered from the same facts plus distractors
(negated, family, resolved-historical and hypothetical mentions of red flags)
that by the spec do not count as facts.

Usage:  python3 make_set.py [--n 340] [--seed 20261204] [--out letters.jsonl]
"""
import argparse
import collections
import datetime as dt
import json
import os
import random
import re

USC, URG, ROU, AG = 'urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance'
RULES = {
    'U1': (USC, 'upper_gi'), 'U2': (USC, 'lower_gi'), 'U3': (USC, 'lower_gi'),
    'U4': (USC, 'lower_gi'), 'U5': (USC, 'upper_gi'), 'U6': (USC, 'lower_gi'),
    'U7': (USC, 'hepatology'), 'U8': (USC, 'lower_gi'),
    'R1': (URG, 'ibd'), 'R2': (URG, 'hepatology'), 'R3': (URG, 'upper_gi'),
    'O1': (ROU, 'upper_gi'), 'O2': (ROU, 'ibd'), 'O3': (AG, 'ibd'),
    'O4': (ROU, 'general_gi'), 'O5': (ROU, 'hepatology'),
    'A1': (AG, 'general_gi'), 'O6': (ROU, 'general_gi'), 'A2': (AG, 'upper_gi'),
    'A3': (AG, 'lower_gi'), 'D': (ROU, 'general_gi'),
}
RULE_ORDER = list(RULES)

# Quotas per rule for the default 340 letters: ~30% USC, 15% urgent, 35% routine, 20% A&G.
QUOTA = {
    'U1': 16, 'U2': 10, 'U3': 20, 'U4': 18, 'U5': 10, 'U6': 7, 'U7': 8, 'U8': 14,
    'R1': 22, 'R2': 15, 'R3': 12,
    'O1': 15, 'O2': 15, 'O4': 14, 'O5': 20, 'O6': 26, 'D': 30,
    'O3': 16, 'A1': 24, 'A2': 18, 'A3': 10,
}

GI_SYMPTOMS = {'dysphagia', 'rectal_mass', 'anal_mass', 'anal_ulcer', 'weight_loss',
               'upper_abdo_pain', 'abdo_pain', 'reflux', 'dyspepsia', 'jaundice',
               'rectal_bleeding', 'cibh', 'bloody_diarrhoea', 'haematemesis', 'bloating',
               'ascites', 'confusion', 'abdominal_mass', 'nausea', 'constipation_longstanding',
               'fatigue', 'pruritus', 'diarrhoea'}


# ----------------------------------------------------------------------------
# Rule engine (independent implementation of the spec)
# ----------------------------------------------------------------------------

def fit_num(fit):
    if fit is None:
        return None
    if isinstance(fit, str):
        if fit.startswith('>'):
            return int(fit[1:])
        return 0            # '<4', 'undetectable', 'negative'
    return fit


def cal_num(c):
    if c is None:
        return None
    if isinstance(c, str):
        return int(c[1:]) if c.startswith('>') else 0
    return c


def facts_flags(f):
    S = f['sym']
    anaemia = f['hb'] is not None and f['hb'] < (130 if f['sex'] == 'M' else 120)
    irondef = f['ferritin'] is not None and f['ferritin'] < 30
    pain = bool(S & {'abdo_pain', 'upper_abdo_pain'})
    bleed = bool(S & {'rectal_bleeding', 'bloody_diarrhoea'})
    cibh = bool(S & {'cibh', 'bloody_diarrhoea', 'diarrhoea'})
    return anaemia, irondef, pain, bleed, cibh


def derive(f):
    S = f['sym']
    age = f['age']
    fit = fit_num(f['fit'])
    cal = cal_num(f['calpro'])
    alt = f['alt']
    anaemia, irondef, pain, bleed, cibh = facts_flags(f)
    if 'dysphagia' in S:
        return 'U1'
    if S & {'rectal_mass', 'anal_mass', 'anal_ulcer'}:
        return 'U2'
    if fit is not None and fit >= 10:
        return 'U3'
    if anaemia and irondef:
        return 'U4'
    if age >= 55 and 'weight_loss' in S and S & {'upper_abdo_pain', 'reflux', 'dyspepsia'}:
        return 'U5'
    if 'abdominal_mass' in S:
        return 'U6'
    if age >= 40 and 'jaundice' in S:
        return 'U7'
    if fit is None and ((age >= 50 and bleed) or (age >= 40 and 'weight_loss' in S and pain)
                        or (age >= 60 and cibh)):
        return 'U8'
    if 'bloody_diarrhoea' in S or (cal is not None and cal >= 250):
        return 'R1'
    if (f['cirrhosis'] and S & {'ascites', 'confusion'}) or (alt is not None and alt >= 300):
        return 'R2'
    if 'haematemesis' in S:
        return 'R3'
    if age >= 55 and 'dyspepsia' in S and (f['ppi_weeks'] or 0) >= 4:
        return 'O1'
    if cal is not None and 100 <= cal <= 249:
        return 'O2'
    if f['ibd'] and f['ibd_stable'] and f['ibd_question']:
        return 'O3'
    if f['ttg_pos']:
        return 'O4'
    if (alt is not None and 40 <= alt <= 299) or f['fatty_liver']:
        return 'O5'
    if a1_core(f) and not a1_other(f):
        return 'A1'
    if (bleed or cibh or pain) and fit is not None and fit < 10:
        return 'O6'
    if age < 55 and S & {'dyspepsia', 'reflux'}:
        return 'A2'
    if f['fhx_crc'] and not (S & GI_SYMPTOMS):
        return 'A3'
    return 'D'


def a1_core(f):
    S = f['sym']
    fit = fit_num(f['fit'])
    cal = cal_num(f['calpro'])
    _, _, pain, _, cibh = facts_flags(f)
    return (f['age'] < 50 and (pain or 'bloating' in S or cibh)
            and ((cal is not None and cal < 100) or (fit is not None and fit < 10)))


def a1_other(f):
    """Any other spec fact present (A1 requires 'no other fact above')."""
    S = f['sym']
    anaemia, irondef, _, bleed, _ = facts_flags(f)
    return bool(bleed or anaemia or irondef or f['ibd'] or f['cirrhosis']
                or S & {'weight_loss', 'dyspepsia', 'reflux', 'jaundice', 'haematemesis'})


def ambiguous(f, rule):
    """Combinations where a careful reader could reasonably disagree; rejected."""
    S = f['sym']
    fit = fit_num(f['fit'])
    if rule in ('O6', 'A2', 'A3', 'D') and a1_core(f) and a1_other(f):
        return True   # does "no other fact above" exclude it?  avoid.
    if 'upper_abdo_pain' in S and 'abdo_pain' not in S:
        # is epigastric pain "abdominal pain" for U8 / O6 / A1?  avoid deciding on it.
        if rule in ('U8', 'O6', 'A1'):
            return True
        if fit is None and 40 <= f['age'] < 55 and 'weight_loss' in S:
            return True
        if fit is not None and fit < 10 and rule in ('A2', 'D'):
            return True
    if 'bloody_diarrhoea' in S and rule == 'U8':
        return True   # does bloody diarrhoea count as rectal bleeding / CIBH?  avoid.
    if 'bloody_diarrhoea' in S and fit is None and f['age'] >= 50:
        return True
    if 'dyspepsia' in S and 'upper_abdo_pain' in S and rule in ('A2', 'D') and fit is not None:
        return True
    return False


# ----------------------------------------------------------------------------
# Synthetic identities
# ----------------------------------------------------------------------------
MALE = ['David', 'Peter', 'Graham', 'Mohammed', 'Tariq', 'Alan', 'Keith', 'Stephen', 'Gareth',
        'Liam', 'Connor', 'Rajesh', 'Tomasz', 'Ian', 'Malcolm', 'Derek', 'Owen', 'Callum',
        'Andrew', 'Rhys', 'Kwame', 'Yusuf', 'Barry', 'Colin', 'Nathan', 'Jack', 'Harry',
        'Dylan', 'Imran', 'Raymond', 'Trevor', 'Neil', 'Samuel', 'Kieran', 'Ahmed']
FEMALE = ['Margaret', 'Susan', 'Aisha', 'Priya', 'Joanne', 'Katie', 'Sian', 'Bethan', 'Eilidh',
          'Gillian', 'Patricia', 'Fatima', 'Agnieszka', 'Chloe', 'Rebecca', 'Hannah', 'Maureen',
          'Sandra', 'Nasreen', 'Olivia', 'Amelia', 'Doreen', 'Carol', 'Lorraine', 'Zara',
          'Funmi', 'Yvonne', 'Lucy', 'Megan', 'Shirley', 'Deborah', 'Niamh', 'Ruth', 'Grace']
SURN = ['Thornbury', 'Ashdown', 'Kettering', 'Pemberton', 'Okonkwo', 'Rahman', 'Kowalski',
        'MacLeod', 'Evans', 'Pritchard', 'Hussain', 'Whitlock', 'Brennan', 'Fairweather',
        'Oduya', 'Baines', 'Lindqvist', 'Chaudhry', 'Greaves', 'Marsh', 'Holloway', 'Nwosu',
        'Fenwick', 'Sutcliffe', 'Abernethy', 'Dhillon', 'Quigley', 'Rowntree', 'Sandhu',
        'Tolley', 'Varga', 'Winstanley', 'Yeoman', 'Ellery', 'Gilchrist', 'Hartigan',
        'Ingleby', 'Jarvis', 'Lomax', 'Mahmood', 'Novak', 'Penhaligon', 'Royle', 'Stainton',
        'Adebayo', 'Birtwistle', 'Cartwright', 'Duckworth', 'Esposito', 'Farrukh', 'Gorski', 'Haworth',
        'Iqbal', 'Jepson', 'Kaur', 'Lavelle', 'McCrory', 'Nicholls', 'Ogunleye', 'Pearce', 'Quinlan',
        'Ramsbottom', 'Shah', 'Trelawny', 'Underwood', 'Vickers', 'Wojcik', 'Yardley', 'Zielinski',
        'Bhatti', 'Cooke', 'Dunmore', 'Eccleston', 'Fitzgerald']
STREETS = ['Mill Lane', 'Church Road', 'Beech Grove', 'Station Street', 'Orchard Close',
           'Victoria Terrace', 'Kingsway', 'Larch Avenue', 'Foundry Row', 'Heather Drive',
           'Canal Side', 'Gorse Way', 'Albion Street', 'Parkfield Crescent', 'Sycamore Court']
TOWNS = [('Northfield', 'NF'), ('Easterby', 'EY'), ('Calderbridge', 'CB'), ('Wexcombe', 'WX'),
         ('Harrowgate Vale', 'HV'), ('Millbeck', 'MB'), ('Stanmoor', 'SM')]
PRACTICES = ['Riverside Medical Centre', 'The Beeches Surgery', 'Castle Street Health Centre',
             'Millbeck Family Practice', 'Oakwood Group Practice', 'Stanmoor Medical Group',
             'Canal Side Surgery', 'Wexcombe Health Partnership', 'St Brannock\'s Surgery',
             'Harrowgate Vale Medical Practice', 'Foundry Lane Surgery', 'Heatherview Practice']
GPS = ['Dr A. Patel', 'Dr H. Lloyd-Jones', 'Dr S. Okafor', 'Dr R. Macintyre', 'Dr K. Nowak',
       'Dr E. Fairclough', 'Dr J. Barraclough', 'Dr M. Siddiqui', 'Dr L. Henshaw', 'Dr P. Adeyemi',
       'Dr C. Wainwright', 'Dr F. Rahim', 'Dr T. Gallacher', 'Dr N. Ellison']
HOSPITALS = ['Northfield General Hospital', 'Calderbridge Royal Infirmary',
             'Easterby University Hospital', 'Wexcombe District Hospital']
CONSULTANTS = ['Dr R. Abbot', 'Dr G. Kinnear', 'Dr S. Varadarajan', 'Dr M. Ferreira',
               'Dr D. O\'Halloran', 'Dr J. Tennant']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']


def nhs_number(rng):
    while True:
        d = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return ''.join(map(str, d + [c]))


def nhs_fmt(n, rng):
    return rng.choice([f'{n[:3]} {n[3:6]} {n[6:]}', n, f'{n[:3]}-{n[3:6]}-{n[6:]}', f'{n[:3]} {n[3:6]} {n[6:]}'])


def date_fmt(d, rng, kind=None):
    kind = kind if kind is not None else rng.randrange(5)
    if kind == 0:
        return d.strftime('%d/%m/%Y')
    if kind == 1:
        return f'{d.day} {MONTHS[d.month - 1]} {d.year}'
    if kind == 2:
        return d.strftime('%d-%b-%Y')
    if kind == 3:
        return d.strftime('%d.%m.%Y')
    return f'{d.day} {MONTHS[d.month - 1][:3]} {d.year}'


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def postcode(rng, pre):
    return f'{pre}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice("ABDEFGHJLNPQRSTUWXY")}{rng.choice("ABDEFGHJLNPQRSTUWXY")}'


# ----------------------------------------------------------------------------
# Patient / fact construction
# ----------------------------------------------------------------------------

def new_case(rng, age_lo, age_hi, sex=None, boundary=False):
    sex = sex or rng.choice('MF')
    start = dt.date(2025, 1, 6)
    letter = start + dt.timedelta(days=rng.randrange(680))
    while letter.weekday() > 4:
        letter += dt.timedelta(days=1)
    age = rng.randint(age_lo, age_hi)
    if boundary:
        # birthday within a few weeks either side of the letter date -> age must be computed
        bday_offset = rng.choice([-1, 1]) * rng.randint(2, 25)
        anchor = letter + dt.timedelta(days=bday_offset)
        try:
            dob = anchor.replace(year=anchor.year - age)
        except ValueError:
            dob = anchor.replace(year=anchor.year - age, day=28)
        if age_at(dob, letter) != age:
            # birthday after letter date -> they are still age-1; shift a year
            dob = dob.replace(year=dob.year - (age - age_at(dob, letter)))
    else:
        dob = letter - dt.timedelta(days=int(age * 365.25) + rng.randrange(1, 360))
    age = age_at(dob, letter)
    town, pre = rng.choice(TOWNS)
    first = rng.choice(MALE if sex == 'M' else FEMALE)
    title = 'Mr' if sex == 'M' else rng.choice(['Mrs', 'Ms', 'Miss', 'Mrs', 'Ms'])
    f = dict(sex=sex, age=age, dob=dob, letter_date=letter, first=first, last=rng.choice(SURN),
             title=title, nhs=nhs_number(rng),
             address=f'{rng.randint(1, 140)} {rng.choice(STREETS)}, {town}, {postcode(rng, pre)}',
             town=town, pcpre=pre,
             practice=rng.choice(PRACTICES), practice_code=f'{rng.choice("BCFGJKLMNPY")}{rng.randint(10000, 99999)}',
             gp=rng.choice(GPS), hospital=rng.choice(HOSPITALS), consultant=rng.choice(CONSULTANTS),
             sym=set(), hb=None, hb_unit=rng.choice(['g/L', 'g/L', 'g/L', 'g/dL']), ferritin=None,
             mcv=None, fit=None, fit_pending=False, calpro=None, alt=None, bili=None, ttg=None,
             ttg_pos=False, fatty_liver=False, cirrhosis=None, ibd=None, ibd_stable=False,
             ibd_question=None, ppi_weeks=None, fhx_crc=None, dur=rng.choice(DURS),
             distractors=[], extra=[], exam=[], boundary=boundary, variant='', other_results=[],
             pmh_extra=[], meds_extra=[], imaging=None, wl_kg=rng.choice([3, 4, 5, 6, 7, 8, 10, 12]))
    return f


DURS = ['3 weeks', '6 weeks', '2 months', '3 months', '4 months', '6 months', '8 weeks',
        'about 10 weeks', '5 months', 'several months', '5 weeks']


def set_normal_fbc(f, rng):
    f['hb'] = rng.randint(132, 158) if f['sex'] == 'M' else rng.randint(122, 148)
    f['ferritin'] = rng.choice([None, rng.randint(45, 260)])


def low_fit(rng):
    return rng.choice(['<4', '<4', 'undetectable', 'negative', 2, 4, 5, 6, 7, 8, 9, '<4'])


# Scenario builders: each returns a fact dict intended to fall to a given rule.

def sc_U1(rng):
    v = rng.choice(['plain', 'plain', 'reflux', 'weightloss', 'young', 'intermittent', 'oldhx'])
    lo, hi = (22, 39) if v == 'young' else (42, 89)
    f = new_case(rng, lo, hi)
    f['sym'] |= {'dysphagia'}
    if v == 'reflux':
        f['sym'] |= {'reflux'}
        f['ppi_weeks'] = rng.choice([None, 8, 12])
    if v == 'weightloss':
        f['sym'] |= {'weight_loss'}
    if v == 'intermittent':
        f['extra'].append('The swallowing difficulty is intermittent and {he} wonders if it is anxiety-related.')
    if v == 'young':
        f['extra'].append('{He} has a background of asthma and eczema; ?eosinophilic oesophagitis.')
    if rng.random() < 0.4:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


def sc_U2(rng):
    v = rng.choice(['rectal_mass', 'rectal_mass', 'anal_mass', 'anal_ulcer', 'rectal_mass_lowfit'])
    f = new_case(rng, 38, 88)
    f['sym'] |= {v.replace('_lowfit', '')}
    if v == 'rectal_mass_lowfit':
        f['fit'] = low_fit(rng)
        f['extra'].append('I note the FIT was negative but I am concerned about the examination finding.')
    if rng.random() < 0.5:
        f['sym'] |= {rng.choice(['rectal_bleeding', 'cibh'])}
    f['variant'] = v
    return f


def sc_U3(rng):
    v = rng.choice(['cibh', 'pain', 'bleed', 'asymp', 'young', 'boundary10'])
    lo, hi = (25, 49) if v == 'young' else (40, 86)
    f = new_case(rng, lo, hi)
    f['fit'] = 10 if v == 'boundary10' else rng.choice([11, 14, 18, 26, 45, 67, 142, 233, 380, '>400'])
    f['sym'] |= {'cibh': {'cibh'}, 'pain': {'abdo_pain'}, 'bleed': {'rectal_bleeding'},
                 'asymp': {'fatigue'}, 'young': {rng.choice(['cibh', 'abdo_pain', 'bloating'])},
                 'boundary10': {'cibh'}}[v]
    if rng.random() < 0.5:
        set_normal_fbc(f, rng)
    if v == 'young' and rng.random() < 0.5:
        f['calpro'] = rng.choice([22, 38, 45, 61])
    f['variant'] = v
    return f


def sc_U4(rng):
    v = rng.choice(['typical', 'typical', 'gdl', 'borderline_m', 'young_f', 'coeliac', 'asymp'])
    sex = 'M' if v == 'borderline_m' else ('F' if v == 'young_f' else None)
    lo, hi = (19, 44) if v == 'young_f' else (30, 88)
    f = new_case(rng, lo, hi, sex=sex)
    if v == 'borderline_m':
        f['hb'] = rng.choice([125, 127, 128, 129])
        f['ferritin'] = rng.choice([18, 22, 25, 29])
    else:
        f['hb'] = rng.randint(78, 126) if f['sex'] == 'M' else rng.randint(72, 117)
        f['ferritin'] = rng.choice([3, 5, 6, 8, 9, 11, 14, 17, 21])
    if v == 'gdl':
        f['hb_unit'] = 'g/dL'
    f['mcv'] = rng.randint(68, 79)
    if v == 'young_f':
        f['extra'].append('Periods are regular and not especially heavy.' if rng.random() < 0.5 else
                          '{He} reports moderately heavy periods.')
    if v == 'coeliac':
        f['ttg'] = rng.choice([45, 88, 128, '>128'])
        f['ttg_pos'] = True
    if v in ('typical', 'gdl', 'borderline_m'):
        f['sym'] |= set(rng.sample(['fatigue', 'cibh', 'abdo_pain'], rng.randint(0, 1)))
        if f['age'] >= 60 and 'cibh' in f['sym']:
            f['sym'].discard('cibh')
    if v == 'asymp' or not f['sym']:
        f['sym'] |= {'fatigue'}
    f['variant'] = v
    return f


def sc_U5(rng):
    v = rng.choice(['epigastric', 'reflux', 'dyspepsia', 'boundary55'])
    f = new_case(rng, 55, 55, boundary=True) if v == 'boundary55' else new_case(rng, 56, 90)
    f['sym'] |= {'weight_loss', {'epigastric': 'upper_abdo_pain', 'reflux': 'reflux',
                                 'dyspepsia': 'dyspepsia', 'boundary55': 'dyspepsia'}[v]}
    if 'dyspepsia' in f['sym'] or 'reflux' in f['sym']:
        f['ppi_weeks'] = rng.choice([None, 2, 6, 12])
    if rng.random() < 0.5:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


def sc_U6(rng):
    v = rng.choice(['rif', 'luq', 'lowfit', 'epigastric'])
    f = new_case(rng, 35, 88)
    f['sym'] |= {'abdominal_mass'}
    f['mass_site'] = {'rif': 'right iliac fossa', 'luq': 'left upper quadrant', 'lowfit': 'left iliac fossa',
                      'epigastric': 'epigastrium'}[v]
    if v == 'lowfit':
        f['fit'] = low_fit(rng)
    if rng.random() < 0.5:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


def sc_U7(rng):
    v = rng.choice(['painless', 'painless', 'boundary40', 'highalt'])
    f = new_case(rng, 40, 40, boundary=True) if v == 'boundary40' else new_case(rng, 44, 90)
    f['sym'] |= {'jaundice'}
    f['bili'] = rng.randint(45, 260)
    f['alt'] = rng.choice([None, 58, 96, 140, 210]) if v != 'highalt' else rng.choice([340, 480, 612])
    if rng.random() < 0.4:
        f['sym'] |= {'pruritus'}
    f['variant'] = v
    return f


def sc_U8(rng):
    v = rng.choice(['bleed50', 'bleed50', 'wl_pain', 'cibh60', 'bleed_boundary50', 'cibh_boundary60', 'fit_awaited'])
    if v == 'bleed_boundary50':
        f = new_case(rng, 50, 50, boundary=True)
    elif v == 'cibh_boundary60':
        f = new_case(rng, 60, 60, boundary=True)
    elif v == 'wl_pain':
        f = new_case(rng, 40, 75)
    elif v == 'cibh60':
        f = new_case(rng, 61, 89)
    else:
        f = new_case(rng, 51, 88)
    if v in ('bleed50', 'bleed_boundary50', 'fit_awaited'):
        f['sym'] |= {'rectal_bleeding'}
    if v == 'wl_pain':
        f['sym'] |= {'weight_loss', 'abdo_pain'}
    if v in ('cibh60', 'cibh_boundary60'):
        f['sym'] |= {'cibh'}
    if v == 'fit_awaited' or rng.random() < 0.15:
        f['fit_pending'] = True
    if rng.random() < 0.4:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


def sc_R1(rng):
    v = rng.choice(['bloody', 'bloody', 'calpro', 'calpro', 'calpro_boundary', 'known_uc_flare', 'calpro_older_lowfit'])
    if v == 'calpro_older_lowfit':
        f = new_case(rng, 52, 78)
    else:
        f = new_case(rng, 17, 48)
    if v in ('bloody', 'known_uc_flare'):
        f['sym'] |= {'bloody_diarrhoea'}
        if rng.random() < 0.5:
            f['calpro'] = rng.choice([None, 410, 890, '>1800'])
    else:
        f['sym'] |= {rng.choice(['diarrhoea', 'cibh'])}
        if rng.random() < 0.5:
            f['sym'] |= {'abdo_pain'}
        f['calpro'] = 250 if v == 'calpro_boundary' else rng.choice([286, 340, 512, 760, 1120, '>1800'])
    if v == 'calpro_older_lowfit':
        f['fit'] = low_fit(rng)
    if v == 'known_uc_flare':
        f['ibd'] = rng.choice(['ulcerative colitis', 'UC', "Crohn's colitis"])
        f['ibd_stable'] = False
    if rng.random() < 0.4:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


def sc_R2(rng):
    v = rng.choice(['ascites', 'confusion', 'alt', 'alt', 'alt_boundary', 'young_jaundice_alt'])
    if v == 'young_jaundice_alt':
        f = new_case(rng, 19, 38)
    else:
        f = new_case(rng, 28, 82)
    if v in ('ascites', 'confusion'):
        f['cirrhosis'] = rng.choice(['alcohol-related cirrhosis', 'NASH cirrhosis', 'cirrhosis secondary to hepatitis C (treated)'])
        f['sym'] |= {v}
        f['alt'] = rng.choice([None, 32, 48, 65])
    else:
        f['alt'] = 300 if v == 'alt_boundary' else rng.choice([318, 412, 560, 845, 1240, 2100])
        f['sym'] |= {rng.choice(['fatigue', 'nausea', 'fatigue'])}
        if v == 'young_jaundice_alt':
            f['sym'] |= {'jaundice'}
            f['bili'] = rng.randint(40, 140)
    f['variant'] = v
    return f


def sc_R3(rng):
    v = rng.choice(['nsaid', 'alcohol', 'plain', 'anaemic_normal_ferritin'])
    f = new_case(rng, 20, 85)
    f['sym'] |= {'haematemesis'}
    if v == 'nsaid':
        f['meds_extra'].append('Naproxen 500mg BD (stopped)')
        f['extra'].append('{He} had been taking naproxen for back pain, now stopped.')
    if v == 'alcohol':
        f['extra'].append('{He} drinks around {units} units of alcohol a week.')
    if v == 'anaemic_normal_ferritin':
        f['hb'] = rng.randint(110, 124) if f['sex'] == 'M' else rng.randint(100, 116)
        f['ferritin'] = rng.randint(60, 240)
    elif rng.random() < 0.5:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


def sc_O1(rng):
    v = rng.choice(['dyspepsia', 'dyspepsia', 'boundary55', 'with_reflux'])
    f = new_case(rng, 55, 55, boundary=True) if v == 'boundary55' else new_case(rng, 56, 88)
    f['sym'] |= {'dyspepsia'}
    if v == 'with_reflux':
        f['sym'] |= {'reflux'}
    f['ppi_weeks'] = rng.choice([4, 6, 8, 12, 16, 26])
    if rng.random() < 0.6:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


def sc_O2(rng):
    v = rng.choice(['mid', 'mid', 'b100', 'b249', 'older_lowfit'])
    f = new_case(rng, 52, 79) if v == 'older_lowfit' else new_case(rng, 18, 58)
    f['calpro'] = {'b100': 100, 'b249': 249}.get(v) or rng.choice([112, 138, 165, 190, 214, 236])
    f['sym'] |= {rng.choice(['diarrhoea', 'cibh', 'abdo_pain'])}
    if v == 'older_lowfit' or (f['age'] >= 60):
        f['fit'] = low_fit(rng)
    if rng.random() < 0.5:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


IBD_QUESTIONS = [
    'Would you advise on whether azathioprine needs to be stopped before {his} planned pregnancy? (she is trying to conceive)',
    'Could you advise whether {he} is due a surveillance colonoscopy - I cannot find a date in the records.',
    'Is it reasonable to reduce the mesalazine dose now that {he} has been in remission for three years?',
    'Can {he} safely have the live yellow fever vaccine while on azathioprine? {He} is travelling in the spring.',
    'Please advise on monitoring bloods for azathioprine - how often should we be checking FBC and LFTs now?',
    'Should {his} vitamin D and bone density be checked given the previous courses of steroids?',
    'Is there any reason {he} cannot switch to a generic mesalazine preparation?',
    '{He} would like to know whether {his} children need screening given {his} diagnosis.',
]


def sc_O3(rng):
    f = new_case(rng, 19, 78)
    f['ibd'] = rng.choice(['ulcerative colitis', "Crohn's disease", 'UC', "ileal Crohn's", 'proctitis (UC)'])
    f['ibd_stable'] = True
    q = rng.choice(IBD_QUESTIONS)
    if 'pregnancy' in q:
        f = new_case(rng, 22, 40, sex='F') | {k: f[k] for k in ('ibd', 'ibd_stable')}
    f['ibd_question'] = q
    f['ibd_year'] = rng.randint(max(2004, f['dob'].year + 14), max(2005, f['letter_date'].year - 2))
    if rng.random() < 0.5:
        f['calpro'] = rng.choice([18, 35, 42, 64, 80])
    if rng.random() < 0.5:
        set_normal_fbc(f, rng)
    f['variant'] = 'stable_question'
    return f


def sc_O4(rng):
    v = rng.choice(['bloating', 'diarrhoea', 'irondef_no_anaemia', 'screen_fhx', 'bloating_lowfit'])
    f = new_case(rng, 18, 70)
    f['ttg'] = rng.choice([18, 24, 45, 76, 128, '>128', '>200'])
    f['ttg_pos'] = True
    if v == 'bloating':
        f['sym'] |= {'bloating'}
    if v == 'diarrhoea':
        f['sym'] |= {'diarrhoea'}
    if v == 'irondef_no_anaemia':
        f['hb'] = rng.randint(134, 150) if f['sex'] == 'M' else rng.randint(121, 138)
        f['ferritin'] = rng.choice([9, 14, 19, 26])
        f['sym'] |= {'fatigue'}
    if v == 'screen_fhx':
        f['extra'].append('Tested because {his} sister has coeliac disease.')
        f['sym'] |= {'fatigue'}
    if v == 'bloating_lowfit':
        f = f if f['age'] < 60 else new_case(rng, 18, 55) | {'ttg': f['ttg'], 'ttg_pos': True}
        f['sym'] |= {'bloating', 'abdo_pain'}
        f['fit'] = low_fit(rng)
    f['variant'] = v
    return f


def sc_O5(rng):
    v = rng.choice(['alt', 'alt', 'fatty', 'fatty_alt', 'b40', 'b299', 'compensated_cirrhosis'])
    f = new_case(rng, 24, 80)
    if v in ('alt', 'fatty_alt'):
        f['alt'] = rng.choice([46, 58, 72, 88, 104, 133, 156, 190, 245])
    if v == 'b40':
        f['alt'] = 40
    if v == 'b299':
        f['alt'] = 299
    if v in ('fatty', 'fatty_alt'):
        f['fatty_liver'] = True
        f['imaging'] = rng.choice(['USS abdomen: diffusely echogenic (fatty) liver, no focal lesion, gallbladder normal',
                                   'Ultrasound: hepatic steatosis. Spleen normal size.',
                                   'US liver: appearances consistent with fatty infiltration'])
        if v == 'fatty':
            f['alt'] = rng.choice([None, 22, 31, 36])
    if v == 'compensated_cirrhosis':
        f['cirrhosis'] = rng.choice(['alcohol-related cirrhosis (abstinent 4 years)', 'NASH cirrhosis'])
        f['alt'] = rng.choice([52, 61, 77])
        f['extra'].append('No ascites on examination and no confusion; {he} is well in {himself}.')
    if rng.random() < 0.5:
        f['sym'] |= {'fatigue'}
    f['variant'] = v
    return f


def sc_A1(rng):
    v = rng.choice(['ibs_calpro', 'ibs_fit', 'ibs_both', 'boundary49', 'bloating_fit', 'fhx_ibs'])
    f = new_case(rng, 49, 49, boundary=True) if v == 'boundary49' else new_case(rng, 17, 47)
    f['sym'] |= set(rng.sample(['abdo_pain', 'bloating', 'cibh'], rng.randint(1, 3)))
    if v == 'bloating_fit':
        f['sym'] = {'bloating'}
    if v in ('ibs_calpro', 'ibs_both', 'boundary49'):
        f['calpro'] = rng.choice(['<20', 12, 24, 38, 51, 67, 88, 99])
    if v in ('ibs_fit', 'ibs_both', 'bloating_fit', 'fhx_ibs') or f['calpro'] is None:
        f['fit'] = low_fit(rng)
    if v == 'fhx_ibs':
        f['fhx_crc'] = rng.choice(FHX_CRC)
        f['fhx_distractor'] = True
    if rng.random() < 0.6:
        set_normal_fbc(f, rng)
        if f['ferritin'] is None:
            f['ferritin'] = rng.randint(40, 180)
    f['ttg_neg'] = rng.random() < 0.5
    f['variant'] = v
    return f


def sc_O6(rng):
    v = rng.choice(['bleed50', 'bleed50', 'cibh50', 'pain55', 'young_bleed', 'wl_pain_lowfit', 'cibh65'])
    if v == 'young_bleed':
        f = new_case(rng, 18, 48)
        f['sym'] |= {'rectal_bleeding'}
    elif v == 'bleed50':
        f = new_case(rng, 50, 85)
        f['sym'] |= {'rectal_bleeding'}
    elif v == 'cibh50':
        f = new_case(rng, 50, 59)
        f['sym'] |= {'cibh'}
    elif v == 'cibh65':
        f = new_case(rng, 61, 84)
        f['sym'] |= {'cibh'}
    elif v == 'pain55':
        f = new_case(rng, 50, 80)
        f['sym'] |= {'abdo_pain'}
    else:
        f = new_case(rng, 50, 80)
        f['sym'] |= {'weight_loss', 'abdo_pain'}
    f['fit'] = low_fit(rng)
    if rng.random() < 0.6:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


def sc_A2(rng):
    v = rng.choice(['reflux', 'dyspepsia', 'boundary54', 'young_2ww', 'epigastric_dyspepsia'])
    f = new_case(rng, 54, 54, boundary=True) if v == 'boundary54' else new_case(rng, 18, 53)
    if v == 'reflux':
        f['sym'] |= {'reflux'}
    elif v == 'epigastric_dyspepsia':
        f['sym'] |= {'dyspepsia', 'upper_abdo_pain'}
    else:
        f['sym'] |= {rng.choice(['dyspepsia', 'reflux'])}
    f['ppi_weeks'] = rng.choice([None, 4, 8, 12, 26])
    if rng.random() < 0.4:
        f['hp'] = rng.choice(['negative', 'positive - eradicated, repeat breath test negative'])
    if rng.random() < 0.5:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


FHX_CRC = ['mother had bowel cancer at 62', 'father diagnosed with colorectal cancer aged 48',
           'two first-degree relatives with bowel cancer (father 58, brother 51)',
           'sister had colon cancer aged 45', 'mother and maternal aunt both had bowel cancer in their 60s']


def sc_A3(rng):
    f = new_case(rng, 28, 62)
    f['fhx_crc'] = rng.choice(FHX_CRC)
    f['variant'] = 'fhx_asymptomatic'
    if rng.random() < 0.5:
        set_normal_fbc(f, rng)
    return f


def sc_D(rng):
    v = rng.choice(['dyspepsia55_noppi', 'dyspepsia55_shortppi', 'anaemia_normal_ferritin',
                    'irondef_no_anaemia', 'cibh45_notests', 'bleed45_nofit', 'gilbert',
                    'nausea', 'constipation', 'pain58_lowcalpro', 'bloating52', 'ttg_negative_diarrhoea',
                    'wl_explained'])
    if v.startswith('dyspepsia55'):
        f = new_case(rng, 55, 84)
        f['sym'] |= {'dyspepsia'}
        f['ppi_weeks'] = None if v.endswith('noppi') else rng.choice([1, 2, 3])
    elif v == 'anaemia_normal_ferritin':
        f = new_case(rng, 35, 85)
        f['hb'] = rng.randint(104, 127) if f['sex'] == 'M' else rng.randint(98, 118)
        f['ferritin'] = rng.randint(45, 420)
        f['mcv'] = rng.randint(84, 104)
        f['sym'] |= {'fatigue'}
    elif v == 'irondef_no_anaemia':
        f = new_case(rng, 25, 75)
        f['hb'] = rng.randint(131, 150) if f['sex'] == 'M' else rng.randint(120, 134)
        f['ferritin'] = rng.choice([8, 11, 16, 22, 27])
        f['sym'] |= {'fatigue'}
    elif v == 'cibh45_notests':
        f = new_case(rng, 30, 58)
        f['sym'] |= {'cibh'}
        if f['age'] >= 50:
            f['sym'] = {'cibh'}
    elif v == 'bleed45_nofit':
        f = new_case(rng, 20, 49)
        f['sym'] |= {'rectal_bleeding'}
        f['fit_pending'] = rng.random() < 0.4
    elif v == 'gilbert':
        f = new_case(rng, 18, 36)
        f['sym'] |= {'jaundice'}
        f['bili'] = rng.randint(28, 52)
        f['alt'] = rng.choice([14, 19, 23, 30])
        f['extra'].append('The yellowing seems to come on when {he} is unwell or has skipped meals.')
    elif v == 'nausea':
        f = new_case(rng, 18, 80)
        f['sym'] |= {'nausea'}
    elif v == 'constipation':
        f = new_case(rng, 20, 85)
        f['sym'] |= {'constipation_longstanding'}
    elif v == 'pain58_lowcalpro':
        f = new_case(rng, 50, 75)
        f['sym'] |= {'abdo_pain'}
        f['calpro'] = rng.choice([15, 28, 44, 70])
    elif v == 'bloating52':
        f = new_case(rng, 50, 70)
        f['sym'] |= {'bloating'}
    elif v == 'ttg_negative_diarrhoea':
        f = new_case(rng, 18, 58)
        f['sym'] |= {'diarrhoea'}
        f['ttg'] = rng.choice(['<0.5', 1.2, 2])
        f['ttg_neg'] = True
    else:
        f = new_case(rng, 30, 80)
        f['sym'] |= {'nausea'}
        f['wl_explained'] = True
    if f['hb'] is None and rng.random() < 0.4:
        set_normal_fbc(f, rng)
    f['variant'] = v
    return f


SCENARIOS = {k: globals()['sc_' + k] for k in RULES}


# ----------------------------------------------------------------------------
# Phrase banks
# ----------------------------------------------------------------------------

def pron(f):
    m = f['sex'] == 'M'
    return {'he': 'he' if m else 'she', 'He': 'He' if m else 'She', 'his': 'his' if m else 'her',
            'His': 'His' if m else 'Her', 'him': 'him' if m else 'her', 'himself': 'himself' if m else 'herself',
            'man': 'man' if m else 'woman', 'gentleman': 'gentleman' if m else 'lady'}


def fill(s, f, rng=None):
    p = pron(f)
    p['units'] = str(f.get('units', 30))
    p['d'] = f['dur']
    p['kg'] = str(f['wl_kg'])
    p['site'] = f.get('mass_site', 'right iliac fossa')
    return s.format(**p)


FORMAL = {
    'dysphagia': ['a {d} history of food sticking behind the lower sternum when swallowing solids',
                  'progressive difficulty swallowing, initially bread and meat and now softer foods, over {d}',
                  'dysphagia to solids for {d}; {he} localises the hold-up to the upper chest',
                  'food sticking on swallowing for {d}, having to wash it down with water'],
    'rectal_mass': ['a firm irregular mass palpable on rectal examination at the fingertip',
                    'a hard mass on the anterior rectal wall on digital rectal examination'],
    'anal_mass': ['a firm lump at the anal margin present for {d}, which does not look like a pile or skin tag',
                  'a hard, fixed anal mass'],
    'anal_ulcer': ['a non-healing ulcer at the anal margin that does not look like a typical fissure, present for {d} despite topical treatment',
                   'an indurated ulcer at the anal verge with no obvious cause'],
    'weight_loss': ['unintentional weight loss of {kg} kg over {d}', 'about {kg} kg of weight loss without trying',
                    'weight loss of {kg} kg which {he} cannot explain'],
    'upper_abdo_pain': ['epigastric pain, worse after meals', 'upper abdominal pain going through to the back',
                        'gnawing epigastric discomfort'],
    'abdo_pain': ['intermittent cramping lower abdominal pain', 'left iliac fossa pain on and off',
                  'colicky central abdominal pain', 'lower abdominal pain relieved by opening {his} bowels'],
    'reflux': ['heartburn and acid reflux', 'reflux with acid brash, worse lying flat', 'troublesome heartburn'],
    'dyspepsia': ['dyspepsia', 'indigestion and early fullness after meals', 'ongoing indigestion'],
    'jaundice': ['painless jaundice noticed by {his} family, with dark urine and pale stools',
                 'yellowing of the skin and eyes', 'visible jaundice with yellow sclerae'],
    'rectal_bleeding': ['bright red rectal bleeding mixed in with the stool', 'fresh blood on the paper and in the pan',
                        'rectal bleeding on several occasions'],
    'cibh': ['a change in bowel habit to looser, more frequent stools', 'a change in bowel habit, now alternating between constipation and loose stool',
             'a persistent change in bowel habit towards looser motions'],
    'diarrhoea': ['loose stools 3-5 times a day', 'diarrhoea with urgency, no blood', 'watery stools several times a day without blood'],
    'bloody_diarrhoea': ['diarrhoea up to {n} times a day with blood mixed in', 'bloody diarrhoea with urgency, {n} times daily including at night',
                         'loose stool with blood and mucus {n} times a day'],
    'haematemesis': ['two episodes of haematemesis (fresh red blood) {when}', 'a small amount of fresh blood in {his} vomit {when}',
                     'an episode of haematemesis {when}'],
    'bloating': ['abdominal bloating', 'bloating and distension, worse as the day goes on', 'troublesome bloating'],
    'ascites': ['increasing abdominal distension, which on examination is ascites', 'new ascites (shifting dullness on examination)'],
    'confusion': ['episodes of confusion - {his} partner says {he} is muddled and sleepy during the day',
                  'new intermittent confusion'],
    'abdominal_mass': ['a palpable mass in the {site}', 'a firm, non-tender mass in the {site}'],
    'nausea': ['intermittent nausea', 'nausea most mornings without vomiting blood'],
    'constipation_longstanding': ['long-standing constipation going back many years, with no recent change in pattern'],
    'fatigue': ['tiredness', 'fatigue'],
    'pruritus': ['generalised itching'],
}
ABBR = {
    'dysphagia': ['dysphagia', 'food sticking', 'dysph solids'],
    'rectal_mass': ['PR: hard mass', 'rectal mass on PR'],
    'anal_mass': ['anal mass', 'firm anal lump'],
    'anal_ulcer': ['anal ulcer not healing', 'unexplained anal ulceration'],
    'weight_loss': ['wt loss {kg}kg', 'unintentional wt loss ~{kg}kg', 'WL {kg}kg'],
    'upper_abdo_pain': ['epigastric pain', 'epigastric pain'],
    'abdo_pain': ['abdo pain', 'lower abdo pain', 'LIF pain'],
    'reflux': ['reflux', 'heartburn', 'GORD sx'],
    'dyspepsia': ['dyspepsia', 'indigestion'],
    'jaundice': ['jaundiced', 'painless jaundice'],
    'rectal_bleeding': ['PR bleed', 'BRPR', 'PR bleeding'],
    'cibh': ['CIBH', 'CIBH - looser', 'change in bowel habit'],
    'diarrhoea': ['diarrhoea', 'loose stools'],
    'bloody_diarrhoea': ['bloody diarrhoea {n}x/day', 'diarrhoea + blood'],
    'haematemesis': ['haematemesis', 'vomited fresh blood'],
    'bloating': ['bloating', 'bloated'],
    'ascites': ['ascites', 'tense ascites'],
    'confusion': ['confused', 'intermittent confusion'],
    'abdominal_mass': ['abdo mass', 'mass {site}'],
    'nausea': ['nausea'],
    'constipation_longstanding': ['chronic constipation (lifelong)'],
    'fatigue': ['TATT', 'tired'],
    'pruritus': ['itch'],
}
SYM_ORDER = ['dysphagia', 'haematemesis', 'jaundice', 'rectal_bleeding', 'bloody_diarrhoea', 'cibh', 'diarrhoea',
             'abdo_pain', 'upper_abdo_pain', 'dyspepsia', 'reflux', 'bloating', 'weight_loss', 'nausea',
             'constipation_longstanding', 'ascites', 'confusion', 'fatigue', 'pruritus']
EXAM_SYMS = ['rectal_mass', 'anal_mass', 'anal_ulcer', 'abdominal_mass']


def sym_phrase(key, f, rng, abbr=False):
    s = rng.choice((ABBR if abbr else FORMAL)[key])
    s = s.replace('{n}', str(f.setdefault('bd_n', rng.choice([5, 6, 8, 10]))))
    s = s.replace('{when}', f.setdefault('haem_when', rng.choice(['two days ago', 'at the weekend', 'last week', 'on Tuesday'])))
    return fill(s, f)


def history_syms(f):
    return [k for k in SYM_ORDER if k in f['sym']]


def exam_syms(f):
    return [k for k in EXAM_SYMS if k in f['sym']]


def join_or(items):
    items = list(items)
    if len(items) <= 1:
        return ''.join(items)
    return ', '.join(items[:-1]) + ' or ' + items[-1]


def join_and(items):
    items = list(items)
    if not items:
        return ''
    if len(items) == 1:
        return items[0]
    return ', '.join(items[:-1]) + ' and ' + items[-1]


# ----------------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------------

def fmt_hb(f, rng, style='inline'):
    if f['hb_unit'] == 'g/dL':
        v = f'{f["hb"] / 10:.1f}'
        return v, 'g/dL', ('13.0-17.0' if f['sex'] == 'M' else '11.5-15.5')
    return str(f['hb']), 'g/L', ('130-170' if f['sex'] == 'M' else '115-155')


def results(f, rng):
    """List of (short, long, value, unit, ref)."""
    r = []
    if f['hb'] is not None:
        v, u, ref = fmt_hb(f, rng)
        r.append(('Hb', 'Haemoglobin', v, u, ref))
    if f['mcv'] is not None:
        r.append(('MCV', 'MCV', str(f['mcv']), 'fL', '80-100'))
    if f['ferritin'] is not None:
        r.append(('ferritin', 'Serum ferritin', str(f['ferritin']), 'ug/L', f.setdefault('ferr_ref', rng.choice(['15-300', '30-400', '13-150', '20-300']))))
    if f['fit'] is not None:
        fv = f['fit']
        val = {'<4': '<4', 'undetectable': 'Undetectable', 'negative': 'Negative'}.get(fv, str(fv)) if isinstance(fv, str) else str(fv)
        r.append((f.setdefault('fit_name', rng.choice(['FIT', 'qFIT', 'FIT'])), 'Faecal immunochemical test (FIT)', val, 'ug Hb/g', '<10'))
    if f['calpro'] is not None:
        r.append(('calprotectin', 'Faecal calprotectin', str(f['calpro']), 'ug/g', '<50'))
    if f['alt'] is not None:
        r.append(('ALT', 'ALT', str(f['alt']), 'U/L', f.setdefault('alt_ref', rng.choice(['<40', '10-40', '0-35', '<41']))))
    if f['bili'] is not None:
        r.append(('bili', 'Bilirubin', str(f['bili']), 'umol/L', '<21'))
    if f['ttg'] is not None:
        r.append(('tTG', 'Tissue transglutaminase IgA', str(f['ttg']), 'U/mL', '<7'))
    for x in f['other_results']:
        r.append(x)
    return r


def filler_results(f, rng):
    pool = [('CRP', 'C-reactive protein', str(rng.randint(1, 8)), 'mg/L', '<5'),
            ('eGFR', 'eGFR', '>90' if f['age'] < 60 else str(rng.randint(55, 89)), 'mL/min/1.73m2', '>60'),
            ('TSH', 'TSH', f'{rng.uniform(0.8, 3.5):.2f}', 'mU/L', '0.3-4.2'),
            ('Plt', 'Platelets', str(rng.randint(170, 390)), 'x10^9/L', '150-400'),
            ('Na', 'Sodium', str(rng.randint(136, 143)), 'mmol/L', '133-146'),
            ('HbA1c', 'HbA1c', str(rng.randint(34, 46)), 'mmol/mol', '<42')]
    if f['alt'] is None and not f['cirrhosis']:
        pool.append(('ALT', 'ALT', str(rng.randint(12, 34)), 'U/L', '<40'))
    return rng.sample(pool, rng.randint(1, 3))


def inline_result(item, f, rng, abbr=False):
    short, long_, val, unit, ref = item
    if short == 'Hb':
        if abbr:
            return f'Hb {val}'
        return rng.choice([f'Hb {val} {unit}', f'haemoglobin {val} {unit}', f'Hb {val}'])
    if short in ('FIT', 'qFIT'):
        if val in ('Undetectable', 'Negative'):
            return rng.choice([f'{short} {val.lower()}', f'{short}: {val.lower()}'])
        if abbr:
            return f'{short} {val}'
        return rng.choice([f'{short} {val} ug/g', f'{short} {val} ug Hb/g', f'{short} {val}', f'{short} = {val} ug Hb/g faeces'])
    if short == 'calprotectin':
        return rng.choice([f'calprotectin {val}', f'faecal calprotectin {val} ug/g', f'FCP {val}']) if not abbr else f'calpro {val}'
    if short == 'ferritin':
        return rng.choice([f'ferritin {val} ug/L', f'ferritin {val}', f'ferritin {val} µg/L']) if not abbr else f'ferr {val}'
    if short == 'ALT':
        return rng.choice([f'ALT {val} U/L', f'ALT {val}', f'ALT {val} IU/L'])
    if short == 'bili':
        return rng.choice([f'bilirubin {val} umol/L', f'bili {val}'])
    if short == 'tTG':
        return rng.choice([f'tTG {val} U/mL (ref <7)', f'coeliac serology positive, tTG IgA {val}', f'anti-tTG {val}']) if f['ttg_pos'] \
            else rng.choice([f'coeliac screen negative (tTG {val})', f'tTG {val} - negative'])
    return f'{short} {val} {unit}'.strip()


# ----------------------------------------------------------------------------
# Distractors: negated / family / historical / hypothetical mentions
# ----------------------------------------------------------------------------

def absent(f, key):
    S = f['sym']
    anaemia, irondef, _, bleed, cibh = facts_flags(f)
    return {
        'weight_loss': 'weight_loss' not in S,
        'dysphagia': 'dysphagia' not in S,
        'rectal_bleeding': not bleed,
        'jaundice': 'jaundice' not in S,
        'haematemesis': 'haematemesis' not in S,
        'abdominal_mass': 'abdominal_mass' not in S,
        'rectal_mass': not (S & {'rectal_mass', 'anal_mass', 'anal_ulcer'}),
        'cibh': not cibh and 'diarrhoea' not in S and 'constipation_longstanding' not in S,
        'ida': not (anaemia and irondef),
        'anaemia': not anaemia,
        'vomiting': 'haematemesis' not in S,
        'fhx': f['fhx_crc'] is None,
        'reflux': not (S & {'reflux', 'dyspepsia'}),
    }[key]


NEG = {
    'weight_loss': ['no weight loss', 'weight stable', 'denies weight loss', 'no wt loss'],
    'dysphagia': ['no dysphagia', 'denies any difficulty swallowing', 'swallowing normal'],
    'rectal_bleeding': ['no PR bleeding', 'no rectal bleeding', 'no blood in the stool', 'no BRPR'],
    'jaundice': ['not jaundiced', 'no jaundice'],
    'haematemesis': ['no haematemesis or melaena', 'no haematemesis'],
    'abdominal_mass': ['no palpable abdominal mass', 'abdomen soft, no masses'],
    'rectal_mass': ['PR examination normal, no masses felt', 'PR - no mass'],
    'cibh': ['bowel habit unchanged', 'no change in bowel habit', 'no CIBH'],
    'vomiting': ['no vomiting'],
}
HIST = {
    'ida': ['Iron deficiency anaemia in {y1}, treated with oral iron and resolved; blood counts normal since.',
            'IDA {y1}, resolved after iron, nothing since.'],
    'rectal_bleeding': ['Rectal bleeding in {y1} due to haemorrhoids, banded, no bleeding since.',
                        'PR bleed {y1} (haemorrhoids) - settled, none since.'],
    'dysphagia': ['Had a benign oesophageal stricture dilated in {y1} for dysphagia; no swallowing problems since.',
                  'Dysphagia {y1} - OGD showed candida, treated, resolved.'],
    'jaundice': ['Jaundice in {y1} from gallstones, cholecystectomy, no recurrence.'],
    'haematemesis': ['Haematemesis in {y1} from a Mallory-Weiss tear, nothing since.'],
    'weight_loss': ['Lost weight in {y1} during a period of depression; weight has been stable for years.'],
}
HYPO = {
    'dysphagia': 'dysphagia', 'jaundice': 'jaundice', 'rectal_bleeding': 'any rectal bleeding',
    'weight_loss': 'weight loss', 'haematemesis': 'vomiting blood', 'vomiting': 'persistent vomiting',
}
FHX_OTHER = ['Father had oesophageal cancer in his 70s.', 'Sister has Crohn\'s disease.',
             'Brother has coeliac disease.', 'Mother had stomach cancer aged 80.',
             'Grandfather had "bowel problems" - details unknown.', 'Father had pancreatic cancer aged 77.']


def add_distractors(f, rng, rule):
    """Append distractor sentences; never changes derived rule (checked by caller)."""
    out = []
    y = f['letter_date'].year
    explained = f.get('wl_explained') or ('weight_loss' not in f['sym'] and rng.random() < 0.06)
    # negation bundle
    keys = [k for k in ['weight_loss', 'dysphagia', 'rectal_bleeding', 'jaundice', 'haematemesis', 'cibh', 'vomiting']
            if absent(f, k) and not (explained and k == 'weight_loss')]
    if keys and rng.random() < 0.75:
        ks = rng.sample(keys, min(len(keys), rng.randint(1, 3)))
        out.append(('neg', join_and([rng.choice(NEG[k]) for k in ks])))
    # history
    hk = [k for k in HIST if absent(f, k) and not (explained and k == 'weight_loss')]
    if hk and rng.random() < 0.4:
        k = rng.choice(hk)
        out.append(('hist', rng.choice(HIST[k]).format(y1=rng.randint(y - 15, y - 3))))
    # family
    r = rng.random()
    if r < 0.15 and f['fhx_crc'] is None and (f['sym'] & GI_SYMPTOMS or f['hb'] is not None and rule != 'D'):
        fam = rng.choice(FHX_CRC)
        f['fhx_crc'] = fam
        f['fhx_distractor'] = True
    elif r < 0.35:
        out.append(('fam', rng.choice(FHX_OTHER)))
    # hypothetical / safety-netting
    hy = [k for k in HYPO if absent(f, k)]
    if hy and rng.random() < 0.45:
        ks = rng.sample(hy, min(len(hy), rng.randint(1, 3)))
        tpl = rng.choice(['I have advised {him} to come back urgently if {he} develops {X}.',
                          'Safety-netted: to return if {X}.',
                          'If {he} develops {X} I will re-refer on the 2WW pathway.',
                          'Should {he} develop {X}, I would be grateful for a re-review.',
                          'Aware to seek help urgently if {X}.'])
        out.append(('hypo', fill(tpl.replace('{X}', join_or([HYPO[k] for k in ks])), f)))
    # explained weight loss
    if explained:
        out.append(('explained', fill('{He} has lost about 5 kg intentionally with a slimming group and is pleased with this.', f)))
    if f['fit'] is None and f['fit_pending']:
        out.append(('pending', rng.choice(['FIT kit given, result awaited.', 'FIT requested - not yet returned.',
                                           'qFIT sent today, will forward when back.'])))
    f['distractors'] = out


# ----------------------------------------------------------------------------
# GP priority
# ----------------------------------------------------------------------------
PRIO_TXT = {
    USC: ['2WW', 'Two Week Wait', 'Urgent Suspected Cancer', 'USC', '2 week wait', 'Urgent - suspected cancer'],
    URG: ['Urgent', 'URGENT', 'Urgent'],
    ROU: ['Routine', 'ROUTINE', 'Routine'],
    AG: ['Advice & Guidance', 'Advice and Guidance', 'A&G'],
}


def choose_gp_priority(f, rng, urgency, layout):
    if layout in ('lgi_proforma', 'ugi_proforma'):
        return USC
    if layout == 'ag_request':
        return AG
    r = rng.random()
    if layout != 'ers_export' and r < 0.15:
        return None
    if r < 0.62:
        same = urgency
        if urgency == AG and layout == 'ers_export':
            return rng.choice([ROU, ROU, URG])
        return same
    # disagreement: realistic over/under calls
    options = {
        USC: [ROU, ROU, URG, URG],
        URG: [ROU, USC, ROU],
        ROU: [URG, URG, USC, USC, AG],
        AG: [ROU, ROU, URG, USC],
    }[urgency]
    p = rng.choice(options)
    if layout == 'ers_export' and p == AG:
        p = ROU
    return p


def prio_text(p, rng):
    return rng.choice(PRIO_TXT[p]) if p else None


def request_sentence(f, rng, rule):
    p = f['gp_priority']
    main = {
        'U1': 'an OGD', 'U5': 'an OGD', 'R3': 'an OGD', 'O1': 'an OGD', 'A2': 'your advice or an OGD',
        'U7': 'assessment of the jaundice', 'R2': 'review in the liver clinic', 'O5': 'review of the abnormal liver tests',
        'R1': 'assessment for possible inflammatory bowel disease', 'O2': 'assessment of the raised calprotectin',
        'O3': 'your advice', 'O4': 'assessment and a duodenal biopsy', 'A3': 'advice about screening colonoscopy',
    }.get(rule, rng.choice(['investigation', 'a colonoscopy', 'your opinion', 'assessment']))
    if rule == 'D':
        if f['sym'] & {'dyspepsia', 'reflux', 'nausea'}:
            main = rng.choice(['an OGD', 'your opinion'])
        elif f['sym'] & {'jaundice'} or f['alt'] is not None:
            main = rng.choice(['your opinion', 'assessment'])
    if f.get('hp') and rule == 'A2':
        main = 'your advice or an OGD'
    if p == USC:
        return rng.choice([f'I would be grateful for urgent investigation under the suspected cancer pathway.',
                           'Please see under the 2WW pathway.', f'I have referred {pron(f)["him"]} as a two week wait.'])
    if p == URG:
        return rng.choice([f'I would be grateful if you could see {pron(f)["him"]} urgently for {main}.',
                           'Urgent review please.', f'Please could {pron(f)["he"]} be seen soon for {main}.'])
    if p == ROU:
        return rng.choice([f'I would be grateful for a routine appointment for {main}.',
                           f'Routine referral please for {main}.', f'Many thanks for arranging {main} - routine.'])
    if p == AG:
        return rng.choice(['I would welcome your advice on further management.',
                           'Advice only please - I am happy to manage in primary care.',
                           'Could you advise whether any further investigation is needed?'])
    return rng.choice([f'I would be grateful for {main}.', 'Many thanks for your help.', f'Please could you arrange {main}.'])


# ----------------------------------------------------------------------------
# Background: PMH and medication
# ----------------------------------------------------------------------------
PMH_POOL = [('Essential hypertension', 'active'), ('Type 2 diabetes mellitus', 'active'), ('Asthma', 'active'),
            ('Osteoarthritis of knee', 'active'), ('Hypothyroidism', 'active'), ('Gout', 'past'),
            ('Appendicectomy', 'past'), ('Depression', 'past'), ('Fractured left wrist', 'past'),
            ('Cholecystectomy', 'past'), ('Tonsillectomy', 'past'), ('Hypercholesterolaemia', 'active'),
            ('Migraine', 'past'), ('Atrial fibrillation', 'active'), ('Carpal tunnel release', 'past'),
            ('Lower back pain', 'past'), ('H. pylori - eradicated', 'past'), ('Haemorrhoids - banded', 'past'),
            ('Anxiety', 'past'), ('Shingles', 'past'), ('COPD', 'active'), ('Benign prostatic hyperplasia', 'active'),
            ('Hysterectomy', 'past'), ('Gestational diabetes', 'past'), ('Plantar fasciitis', 'past'),
            ('Cellulitis left leg', 'past'), ('Pneumonia', 'past'), ('Right inguinal hernia repair', 'past')]
MEDS_POOL = ['Amlodipine 5mg tablets, one daily', 'Ramipril 5mg capsules, one daily', 'Atorvastatin 20mg tablets, one at night',
             'Metformin 500mg tablets, one twice daily', 'Levothyroxine 75 micrograms, one daily',
             'Salbutamol 100mcg inhaler, 2 puffs PRN', 'Sertraline 50mg tablets, one daily', 'Paracetamol 500mg, 2 QDS PRN',
             'Apixaban 5mg tablets, one twice daily', 'Bisoprolol 2.5mg tablets, one daily', 'Allopurinol 100mg, one daily',
             'Adcal-D3 chewable, one twice daily', 'Alendronic acid 70mg, once weekly', 'Tamsulosin 400mcg MR, one daily',
             'Fostair 100/6 inhaler, 2 puffs BD', 'Cetirizine 10mg, one daily PRN', 'Mirtazapine 15mg, one at night',
             'Gliclazide 80mg, one daily', 'Indapamide 2.5mg, one daily', 'Simvastatin 40mg, one at night']


def background(f, rng, n_lo=1, n_hi=5):
    if '_pmh' not in f:
        older = {'Essential hypertension', 'Type 2 diabetes mellitus', 'Osteoarthritis of knee', 'Atrial fibrillation',
                 'COPD', 'Benign prostatic hyperplasia', 'Hypercholesterolaemia', 'Hysterectomy', 'Gout'}
        pm = [x for x in PMH_POOL if not (f['sex'] == 'M' and x[0] in ('Hysterectomy', 'Gestational diabetes'))
              and not (f['sex'] == 'F' and x[0] == 'Benign prostatic hyperplasia')
              and not (x[0] in older and f['age'] < 45)]
        chosen = rng.sample(pm, min(len(pm), rng.randint(n_lo, n_hi)))
        y = f['letter_date'].year
        pmh = []
        for n, s in chosen:
            lo = f['dob'].year + (35 if n in older else 6)
            lo = max(lo, y - 40)
            pmh.append((rng.randint(min(lo, y - 1), y - 1), n, s))
        if f['ibd']:
            pmh.append((f.get('ibd_year', rng.randint(2005, y - 2)), f['ibd'].capitalize() if f['ibd'][0].islower() else f['ibd'], 'active'))
        if f['cirrhosis']:
            pmh.append((rng.randint(y - 8, y - 1), f['cirrhosis'][0].upper() + f['cirrhosis'][1:], 'active'))
        if f['sex'] == 'F' and f['age'] < 40:
            pmh = [p for p in pmh if p[1] not in ('Hysterectomy',)]
        f['_pmh'] = sorted(pmh)
        young_ok = ['Salbutamol', 'Sertraline', 'Paracetamol', 'Cetirizine', 'Mirtazapine', 'Fostair', 'Levothyroxine']
        pool = [m for m in MEDS_POOL if not (f['sex'] == 'F' and m.startswith('Tamsulosin'))
                and (f['age'] >= 50 or any(m.startswith(y0) for y0 in young_ok))]
        meds = rng.sample(pool, min(len(pool), rng.randint(0, 6 if f['age'] >= 50 else 2)))
        if f['ibd']:
            q = f['ibd_question'] or ''
            if 'azathioprine' in q:
                meds.append('Azathioprine 100mg once daily')
            elif 'mesalazine' in q:
                meds.append(rng.choice(['Mesalazine 2.4g once daily', 'Octasa 800mg MR, two three times daily']))
            else:
                meds.append(rng.choice(['Mesalazine 2.4g once daily', 'Azathioprine 100mg once daily', 'Octasa 800mg MR, two three times daily']))
        S = f['sym']
        if S & {'dyspepsia', 'reflux'}:
            pw = f['ppi_weeks']
            if pw:
                ppi = rng.choice(['Lansoprazole 30mg', 'Omeprazole 20mg', 'Omeprazole 40mg'])
                when = f['letter_date'] - dt.timedelta(weeks=pw)
                meds.append(f'{ppi} capsules, one daily (started {when.strftime("%b %Y")})')
        elif rng.random() < 0.15 and not f['ibd']:
            meds.append('Omeprazole 20mg, one daily (gastroprotection)')
        meds += f['meds_extra']
        f['_meds'] = meds
    return f['_pmh'], f['_meds']


def ppi_sentence(f, rng):
    S = f['sym']
    if not S & {'dyspepsia', 'reflux'}:
        return None
    pw = f['ppi_weeks']
    if pw is None:
        return rng.choice(['{He} has not yet tried any acid suppression.', 'No PPI trial yet.', 'Not on a PPI.'])
    if pw < 4:
        return rng.choice([f'Started omeprazole {pw} week{"s" if pw > 1 else ""} ago, too early to judge.',
                           f'Lansoprazole started {pw} week{"s" if pw > 1 else ""} ago.'])
    return rng.choice([f'Symptoms persist despite {pw} weeks of full-dose PPI.',
                       f'No better after {pw} weeks of lansoprazole 30mg daily.',
                       f'Ongoing symptoms despite omeprazole 20mg BD for {pw} weeks, taken correctly.'])


def ibd_sentences(f, rng):
    if not f['ibd']:
        return []
    if f['ibd_stable']:
        return [fill(f'{{He}} has {f["ibd"]} diagnosed in {f.get("ibd_year", 2012)}, currently in remission - '
                     + rng.choice(['1-2 formed stools a day, no blood.', 'well, bowels normal, no blood.',
                                   'no flares for over two years.']), f),
                fill(f['ibd_question'], f)]
    return [fill(f'{{He}} has known {f["ibd"]} and is now flaring.', f)]


def liver_sentences(f, rng):
    out = []
    if f['cirrhosis']:
        out.append(fill(f'{{He}} has known {f["cirrhosis"]}.', f))
    if f['imaging']:
        out.append(f['imaging'].rstrip('.') + '.')
    return out


def exam_sentence(f, rng, abbr=False):
    parts = []
    for k in exam_syms(f):
        parts.append(sym_phrase(k, f, rng, abbr))
    if 'jaundice' in f['sym'] and not abbr:
        parts.append('clinically jaundiced')
    return parts


# ----------------------------------------------------------------------------
# Shared narrative
# ----------------------------------------------------------------------------

def age_desc(f, rng):
    return rng.choice([f'{f["age"]}-year-old {pron(f)["man"]}', f'{f["age"]} year old {pron(f)["gentleman"]}',
                       f'{f["age"]}-year-old {pron(f)["man"]}'])


def hpi_paragraph(f, rng):
    hs = history_syms(f)
    sent = []
    if hs:
        main = hs[:3]
        rest = hs[3:]
        phrases = [sym_phrase(k, f, rng) for k in main]
        body = join_and(phrases)
        tail = '.'
        if rng.random() < 0.3 and f['dur'] not in body and 'haematemesis' not in main:
            tail = f' over {f["dur"]}.'
        sent.append(fill(rng.choice(['{He} presents with ', '{He} describes ', '{He} has had ', '{He} reports ']), f)
                    + body + tail)
        for k in rest:
            sent.append(fill('{He} also has ', f) + sym_phrase(k, f, rng) + '.')
    elif exam_syms(f):
        sent.append(fill(rng.choice(['{He} noticed a lump {himself} and came to see me.',
                                     'The finding was made when {he} attended for a medication review.',
                                     '{He} feels generally well.']), f))
    elif f['ibd'] or f['cirrhosis'] or f['fhx_crc']:
        pass
    else:
        sent.append(fill(rng.choice(['{He} is asymptomatic and was found to have abnormal blood tests.',
                                     'This was picked up on routine bloods; {he} feels well.',
                                     '{He} has no GI symptoms of note.']), f))
    return sent


def core_sentences(f, rng):
    """Ordered clinical content for prose layouts (excluding results)."""
    s = []
    if f['fhx_crc'] and not f.get('fhx_distractor'):
        s.append(fill(rng.choice(['{He} is asymptomatic but is worried because {fh}.',
                                  '{He} has no bowel symptoms at all. Family history: {fh2}.',
                                  'Family history: {fh}. {He} is entirely well with normal bowel habit.']).replace('{fh}', f['fhx_crc']).replace('{fh2}', f['fhx_crc']), f)
                 .replace('her mother', 'her mother').replace('his mother', 'his mother'))
    s += ibd_sentences(f, rng)
    s += liver_sentences(f, rng)
    s += hpi_paragraph(f, rng) if (history_syms(f) or not (f['ibd'] or f['cirrhosis'] or f['fhx_crc'])) else []
    p = ppi_sentence(f, rng)
    if p:
        s.append(fill(p, f))
    s += [fill(x, f) for x in f['extra']]
    ex = exam_sentence(f, rng)
    if ex:
        s.append('On examination there is ' + join_and(ex) + '.' if not ex[0].startswith('clinically') else 'On examination ' + join_and(ex) + '.')
    if f.get('fhx_distractor'):
        s.append(fill(rng.choice(['Of note, {fh}.', 'Family history: {fh}.']).replace('{fh}', f['fhx_crc']), f))
    if f.get('hp'):
        s.append(f'H. pylori {f["hp"]}.')
    return s


def distractor_sentences(f):
    out = []
    for kind, txt in f['distractors']:
        t = txt[0].upper() + txt[1:]
        if not t.endswith('.') and not t.endswith('?'):
            t += '.'
        out.append(t)
    return out


def results_inline_text(f, rng, abbr=False):
    items = results(f, rng)
    if not items:
        return None
    parts = [inline_result(i, f, rng, abbr) for i in items]
    if f['fit'] is None and not abbr and rng.random() < 0.3 and not f['fit_pending']:
        pass
    return parts


def dob_str(f, rng):
    return date_fmt(f['dob'], rng, f.setdefault('_dobk', rng.choice([0, 0, 1, 2, 3])))


def name_str(f, style=0):
    if style == 0:
        return f'{f["title"]} {f["first"]} {f["last"]}'
    if style == 1:
        return f'{f["last"].upper()}, {f["first"]} ({f["title"]})'
    return f'{f["first"]} {f["last"].upper()}'


# ----------------------------------------------------------------------------
# Layouts
# ----------------------------------------------------------------------------

def L_ers_export(f, rng, rule):
    ubrn = ' '.join(str(rng.randint(1000, 9999)) for _ in range(3))
    guess = {'lower_gi': 'Gastroenterology - Colorectal', 'upper_gi': 'Gastroenterology - Upper GI',
             'hepatology': 'Gastroenterology - Hepatology', 'ibd': 'Gastroenterology - IBD',
             'general_gi': 'Gastroenterology - General'}[RULES[rule][1]]
    clinic = guess if rng.random() < 0.5 else rng.choice(['Gastroenterology - Colorectal', 'Gastroenterology - Upper GI', 'Gastroenterology - General',
                                                          'Gastroenterology - General', 'Not Otherwise Specified'])
    pmh, meds = background(f, rng)
    L = ['NHS e-Referral Service', 'Referral Letter / Clinical Information', '-' * 46,
         f'UBRN:                 {ubrn}',
         f'Referral date:        {date_fmt(f["letter_date"], rng, 0)}',
         f'Priority:             {prio_text(f["gp_priority"], rng)}',
         f'Specialty:            Gastroenterology',
         f'Clinic type:          {clinic}',
         f'Service:              {f["hospital"]} - {clinic.split(" - ")[-1]} Gastro', '',
         'PATIENT', f'Name:                 {name_str(f, 1)}',
         f'NHS number:           {nhs_fmt(f["nhs"], rng)}',
         f'Date of birth:        {dob_str(f, rng)}' + (f'  (Age {f["age"]})' if rng.random() < 0.5 else ''),
         f'Gender:               {"Male" if f["sex"] == "M" else "Female"}',
         f'Address:              {f["address"]}', '',
         'REFERRER', f'Referring clinician:  {f["gp"]}', f'Organisation:         {f["practice"]} ({f["practice_code"]})', '',
         'REASON FOR REFERRAL']
    hs = history_syms(f) + exam_syms(f)
    summ = join_and([sym_phrase(k, f, rng, abbr=True) for k in hs[:2]]) if hs else (
        'stable IBD - advice' if f['ibd'] and f['ibd_stable'] else 'abnormal results' if results(f, rng) else 'family history of bowel cancer')
    L.append(summ[0].upper() + summ[1:])
    L += ['', 'CLINICAL DETAILS']
    body = core_sentences(f, rng) + distractor_sentences(f)
    L.append(' '.join(body))
    res = results_inline_text(f, rng)
    if res:
        L += ['', 'INVESTIGATIONS', '; '.join(res) + f' ({date_fmt(f["letter_date"] - dt.timedelta(days=rng.randint(3, 30)), rng, 0)})']
    L += ['', 'PAST MEDICAL HISTORY'] + [f'{y} {n}' for y, n, s in pmh]
    L += ['', 'CURRENT MEDICATION'] + (meds or ['None recorded'])
    L += ['', 'ALLERGIES', rng.choice(['No known drug allergies', 'Penicillin - rash', 'NKDA']), '',
          'Additional requirements: ' + rng.choice(['None', 'None', 'Interpreter required (Polish)', 'Wheelchair user', 'None']),
          '', request_sentence(f, rng, rule)]
    return '\n'.join(L)


TICK = [('[X]', '[ ]'), ('☑', '☐'), ('✓', ' '), ('Y', 'N'), ('[x]', '[ ]')]


def tick_line(label, val, style, width=52):
    on, off = style
    if style == ('Y', 'N'):
        return f'{label:<{width}} Y / N : {"Y" if val else "N"}'
    if style == ('[X]', '[ ]') or style == ('[x]', '[ ]'):
        return f'{label:<{width}} {on if val else off} Yes  {off if val else on} No'
    if style == ('✓', ' '):
        return f'{label:<{width}} {"✓" if val else ""}'
    return f'{on if val else off} {label}'


def L_lgi_proforma(f, rng, rule):
    st = rng.choice(TICK)
    anaemia, irondef, pain, bleed, cibh = facts_flags(f)
    fit = fit_num(f['fit'])
    S = f['sym']
    L = [f'{f["hospital"].upper()}', 'SUSPECTED LOWER GI CANCER REFERRAL FORM (Urgent Suspected Cancer / 2WW)',
         'Send via e-RS within 24 hours. Incomplete forms will be returned.', '',
         f'Patient name: {name_str(f, 2)}     Title: {f["title"]}',
         f'DOB: {dob_str(f, rng)}     NHS No: {nhs_fmt(f["nhs"], rng)}     Sex: {f["sex"]}',
         f'Address: {f["address"]}', f'Referring GP: {f["gp"]}, {f["practice"]} (Practice code {f["practice_code"]})',
         f'Date of decision to refer: {date_fmt(f["letter_date"], rng, 0)}', '',
         tick_line('Patient informed of suspected cancer referral', True, st),
         tick_line('Patient available for the next 14 days', rng.random() < 0.9, st), '',
         'FIT RESULT (required for all referrals except rectal/anal mass)']
    if f['fit'] is not None:
        r = [x for x in results(f, rng) if x[0] in ('FIT', 'qFIT')][0]
        L.append(f'  FIT value: {r[2]} ug Hb/g    Date: {date_fmt(f["letter_date"] - dt.timedelta(days=rng.randint(5, 40)), rng, 0)}')
    elif f['fit_pending']:
        L.append('  FIT value: awaited (kit returned to lab)')
    else:
        L.append('  FIT value: ' + rng.choice(['not done', 'not done - clinical concern', '______', 'N/A']))
    L += ['', 'CRITERIA (tick all that apply)']
    crit = [('FIT >= 10 ug Hb/g', fit is not None and fit >= 10),
            ('Rectal or anal mass / unexplained anal ulceration', bool(S & {'rectal_mass', 'anal_mass', 'anal_ulcer'})),
            ('Abdominal mass', 'abdominal_mass' in S),
            ('Iron deficiency anaemia', anaemia and irondef),
            ('Age >= 50 with unexplained rectal bleeding', f['age'] >= 50 and bleed),
            ('Age >= 40 with unexplained weight loss and abdominal pain', f['age'] >= 40 and 'weight_loss' in S and pain),
            ('Age >= 60 with change in bowel habit', f['age'] >= 60 and cibh)]
    for lab, val in crit:
        L.append(tick_line(lab, val, st))
    other = not any(v for _, v in crit)
    L.append(tick_line('Other - clinical concern (specify below)', other, st))
    L += ['', 'BLOODS (within last 3 months):']
    res = {x[0]: x for x in results(f, rng)}
    hb = res.get('Hb')
    L.append(f'  Hb: {hb[2] + " " + hb[3] if hb else "____"}   MCV: {res["MCV"][2] if "MCV" in res else "____"}   '
             f'Ferritin: {res["ferritin"][2] + " ug/L" if "ferritin" in res else "____"}')
    for k in ('calprotectin', 'ALT', 'tTG', 'bili'):
        if k in res:
            L.append(f'  {res[k][1]}: {res[k][2]} {res[k][3]}')
    L.append(f'  WHO performance status: {rng.choice(["0", "0", "1", "2"])}')
    L.append(tick_line('Anticoagulant / antiplatelet', rng.random() < 0.25, st))
    L += ['', 'CLINICAL DETAILS / REASON FOR CONCERN:']
    body = core_sentences(f, rng) + distractor_sentences(f)
    L.append(' '.join(body))
    L += ['', f'Signed: {f["gp"]}     GMC: {rng.randint(3000000, 7999999)}']
    return '\n'.join(L)


def L_ugi_proforma(f, rng, rule):
    S = f['sym']
    anaemia, irondef, pain, bleed, cibh = facts_flags(f)
    yn = rng.choice(['YN', 'circle', 'box'])

    def q(lab, val):
        if yn == 'YN':
            return f'{lab} ..... {"YES" if val else "NO"}'
        if yn == 'circle':
            return f'{lab:<58} {"(Y)" if val else " Y "} / {" N " if val else "(N)"}'
        return f'{"[X]" if val else "[ ]"} {lab}'
    L = ['URGENT SUSPECTED CANCER - UPPER GI (OESOPHAGEAL / GASTRIC)', f'{f["hospital"]} Upper GI Straight-to-Test Service', '=' * 60,
         f'Surname: {f["last"].upper()}   Forename: {f["first"]}   Title: {f["title"]}',
         f'D.O.B.: {dob_str(f, rng)}   Age: {f["age"] if rng.random() < 0.6 else ""}   NHS: {nhs_fmt(f["nhs"], rng)}',
         f'GP: {f["gp"]}   Practice: {f["practice"]} [{f["practice_code"]}]', f'Date: {date_fmt(f["letter_date"], rng)}', '',
         'Referral criteria (NICE NG12):',
         q('Dysphagia', 'dysphagia' in S),
         q('Aged 55+ with weight loss AND upper abdo pain / reflux / dyspepsia', f['age'] >= 55 and 'weight_loss' in S and bool(S & {'upper_abdo_pain', 'reflux', 'dyspepsia'})),
         q('Upper abdominal mass', 'abdominal_mass' in S and f.get('mass_site') in ('epigastrium', 'left upper quadrant')),
         q('Other (please give details)', not ('dysphagia' in S or (f['age'] >= 55 and 'weight_loss' in S))), '',
         'Symptoms checklist:']
    for lab, key in [('Weight loss', 'weight_loss'), ('Reflux / heartburn', 'reflux'), ('Dyspepsia', 'dyspepsia'),
                     ('Haematemesis', 'haematemesis'), ('Epigastric pain', 'upper_abdo_pain')]:
        L.append(q('  ' + lab, key in S))
    pw = f['ppi_weeks']
    if S & {'dyspepsia', 'reflux'}:
        L.append(f'PPI trial: {"none" if pw is None else str(pw) + " weeks"}')
    res = results_inline_text(f, rng)
    L += ['', 'Recent bloods: ' + (', '.join(res) if res else 'see attached')]
    L += ['', 'Further information:']
    L.append(' '.join(core_sentences(f, rng) + distractor_sentences(f)))
    L += ['', 'Patient aware of urgent referral: Yes', f'Referrer signature: {f["gp"]}']
    return '\n'.join(L)


def letterhead(f, rng, big=False):
    town = f['town']
    L = [f['practice'].upper() if big else f['practice'],
         f'{rng.randint(1, 80)} {rng.choice(STREETS)}, {town}, {postcode(rng, f["pcpre"])}',
         f'Tel: 01{rng.randint(100, 999)} {rng.randint(100000, 999999)}' + (f'   Fax: 01{rng.randint(100, 999)} {rng.randint(100000, 999999)}' if rng.random() < 0.5 else '')]
    if big:
        docs = rng.sample([g for g in GPS if g != f['gp']], 5)
        partners = [f['gp']] + docs[:3]
        rng.shuffle(partners)
        L += [f'Email: {f["practice"].split()[0].lower()}.practice@nhs.net   Website: www.{f["practice"].split()[0].lower()}surgery.nhs.uk',
              'Partners: ' + ', '.join(partners), 'Salaried GPs: ' + ', '.join(docs[3:]),
              f'Practice Manager: {rng.choice(FEMALE)} {rng.choice(SURN)}',
              f'Practice code: {f["practice_code"]}   CQC registered', '']
    return L


def recipient(f, rng):
    return [f'{f["consultant"]}', 'Consultant Gastroenterologist', 'Department of Gastroenterology', f['hospital'],
            f'{f["town"]} {postcode(rng, f["pcpre"])}']


def re_line(f, rng):
    return [f'Re: {name_str(f, rng.choice([0, 2]))}   DOB: {dob_str(f, rng)}   NHS No: {nhs_fmt(f["nhs"], rng)}',
            f'    {f["address"]}']


def L_dictated_letter(f, rng, rule):
    L = letterhead(f, rng) + [''] + [date_fmt(f['letter_date'], rng, 1), ''] + recipient(f, rng) + ['']
    L.append(rng.choice([f'Dear {f["consultant"]},', 'Dear Colleague,', 'Dear Doctor,', 'Dear Gastroenterology team,']))
    L.append('')
    L += re_line(f, rng)
    p = prio_text(f['gp_priority'], rng)
    if p:
        L.append(f'    Priority: {p}' if rng.random() < 0.5 else f'    {p.upper()} REFERRAL')
    L.append('')
    opener = rng.choice([f'Thank you for seeing this {age_desc(f, rng)}',
                         f'I would be grateful if you could see this {age_desc(f, rng)}',
                         f'Many thanks for seeing {f["first"]}, a {age_desc(f, rng)}'])
    core = core_sentences(f, rng)
    L.append(opener + '. ' + ' '.join(core[:2]))
    if core[2:]:
        L += ['', ' '.join(core[2:])]
    d = distractor_sentences(f)
    res = results_inline_text(f, rng)
    para = []
    if res:
        para.append(rng.choice(['Recent bloods show ', 'Investigations: ', 'Results so far: ']) + ', '.join(res) + '.')
    para += d
    if para:
        L += ['', ' '.join(para)]
    pmh, meds = background(f, rng, 0, 3)
    if pmh and rng.random() < 0.6:
        L += ['', fill('{His} past history includes ', f) + join_and([n.lower() if n[1].islower() else n for _, n, _ in pmh]) + '.']
    if meds and rng.random() < 0.5:
        L += ['', 'Current medication: ' + '; '.join(m.split(',')[0] for m in meds) + '.']
    L += ['', request_sentence(f, rng, rule), '', 'Yours sincerely,', '', '', f['gp'], 'General Practitioner']
    if rng.random() < 0.5:
        L.append(rng.choice(['Dictated but not signed', 'Dictated but not checked to avoid delay', 'Typed: ' + rng.choice(['jb', 'KL', 'sm'])]))
    return '\n'.join(L)


def L_soap_note(f, rng, rule):
    reg = rng.choice(['Dr B. Achebe (GP Registrar ST3)', 'Dr L. Mendes (GPST2)', 'Dr O. Price (GP Registrar)'])
    L = [f'Referral note - {f["practice"]}', f'Author: {reg}; supervisor {f["gp"]}', f'Date: {date_fmt(f["letter_date"], rng)}',
         f'Patient: {name_str(f)}, {f["age"]}{f["sex"]}, DOB {dob_str(f, rng)}, NHS {nhs_fmt(f["nhs"], rng)}', '']
    hs = history_syms(f)
    S_txt = []
    if f['fhx_crc'] and not f.get('fhx_distractor'):
        S_txt.append(f'Asymptomatic. FHx: {f["fhx_crc"]}. Bowels normal.')
    S_txt += ibd_sentences(f, rng) + [x for x in liver_sentences(f, rng) if not x.startswith(('US', 'Ultra'))]
    if hs:
        S_txt.append(fill('c/o ', f) + ', '.join(sym_phrase(k, f, rng) for k in hs) + ('.' if 'haematemesis' in hs else f' ({f["dur"]}).'))
    p = ppi_sentence(f, rng)
    if p:
        S_txt.append(fill(p, f))
    S_txt += [fill(x, f) for x in f['extra']]
    S_txt += [d for d in distractor_sentences(f)]
    if f.get('fhx_distractor'):
        S_txt.append(f'FHx: {f["fhx_crc"]}.')
    if f.get('hp'):
        S_txt.append(f'H. pylori {f["hp"]}.')
    L.append('S: ' + ' '.join(S_txt))
    ex = exam_sentence(f, rng, abbr=False)
    O = [f'Obs: HR {rng.randint(62, 96)}, BP {rng.randint(112, 158)}/{rng.randint(64, 92)}, T {rng.choice(["36.6", "36.9", "37.1"])}']
    O.append('Abdo: ' + (join_and(ex) if ex else rng.choice(['soft, non-tender', 'SNT', 'mild tenderness, soft'])))
    if f['imaging']:
        O.append(f['imaging'])
    res = results_inline_text(f, rng)
    if res:
        O.append('Bloods/tests: ' + ', '.join(res))
    L.append('O: ' + '. '.join(O) + '.')
    A = rng.choice(['?', 'Impression: ', 'Ddx: '])
    guess = {'U1': 'oesophageal pathology', 'U2': 'anorectal malignancy', 'U3': 'colorectal pathology', 'U4': 'occult GI blood loss',
             'U5': 'upper GI malignancy', 'U6': 'intra-abdominal mass', 'U7': 'obstructive jaundice', 'U8': 'colorectal cancer',
             'R1': 'IBD', 'R2': 'decompensated liver disease' if f['cirrhosis'] else 'acute hepatitis', 'R3': 'upper GI bleed - peptic ulcer',
             'O1': 'refractory dyspepsia', 'O2': 'IBD vs IBS', 'O3': 'stable IBD', 'O4': 'coeliac disease', 'O5': 'NAFLD',
             'A1': 'IBS', 'O6': 'haemorrhoids / benign', 'A2': 'GORD / functional dyspepsia', 'A3': 'FHx CRC - screening', 'D': 'unclear'}[rule]
    L.append('A: ' + A + guess)
    L.append('P: Refer gastro' + (f' ({prio_text(f["gp_priority"], rng)})' if f['gp_priority'] else '') + '. ' + request_sentence(f, rng, rule))
    return '\n'.join(L)


def L_np_bullets(f, rng, rule):
    b = rng.choice(['•', '-', '*', '>'])
    L = [f'{f["practice"]} - Advanced Nurse Practitioner referral', f'{rng.choice(["ANP", "NP"])} {rng.choice(FEMALE)} {rng.choice(SURN)}  |  {date_fmt(f["letter_date"], rng, 0)}',
         '', f'{b} Patient: {name_str(f)} ({f["sex"]}), D.O.B. {dob_str(f, rng)}, NHS No. {nhs_fmt(f["nhs"], rng)}']
    if f['gp_priority']:
        L.append(f'{b} Requested priority: {prio_text(f["gp_priority"], rng)}')
    for s in core_sentences(f, rng):
        L.append(f'{b} {s}')
    for s in distractor_sentences(f):
        L.append(f'{b} {s}')
    res = results_inline_text(f, rng)
    if res:
        L.append(f'{b} Bloods: ' + ', '.join(res))
    pmh, meds = background(f, rng, 0, 3)
    if pmh:
        L.append(f'{b} PMH: ' + ', '.join(n for _, n, _ in pmh))
    if meds:
        L.append(f'{b} Meds: ' + ', '.join(m.split(',')[0] for m in meds))
    L.append(f'{b} Plan: ' + request_sentence(f, rng, rule))
    L.append(f'{b} Discussed with {f["gp"]} (duty doctor)' if rng.random() < 0.6 else f'{b} Pt aware of referral')
    return '\n'.join(L)


def problem_entries(f, rng):
    """Current symptoms as dated coded problems."""
    codes = {'dysphagia': 'Dysphagia', 'rectal_bleeding': 'Rectal bleeding', 'cibh': 'Change in bowel habit',
             'weight_loss': 'Abnormal weight loss', 'abdo_pain': 'Abdominal pain', 'upper_abdo_pain': 'Epigastric pain',
             'dyspepsia': 'Dyspepsia', 'reflux': 'Gastro-oesophageal reflux disease', 'jaundice': 'Jaundice',
             'haematemesis': 'Haematemesis', 'bloody_diarrhoea': 'Bloody diarrhoea', 'diarrhoea': 'Diarrhoea',
             'bloating': 'Abdominal bloating', 'abdominal_mass': 'Abdominal mass', 'rectal_mass': 'Rectal mass',
             'anal_mass': 'Anal mass', 'anal_ulcer': 'Anal ulcer', 'ascites': 'Ascites', 'confusion': 'Confusion',
             'nausea': 'Nausea', 'fatigue': 'Tiredness symptom', 'constipation_longstanding': 'Chronic constipation',
             'pruritus': 'Pruritus'}
    out = []
    for k in history_syms(f) + exam_syms(f):
        d = f['letter_date'] - dt.timedelta(days=rng.randint(0, 50))
        out.append((d, codes[k]))
    anaemia, irondef, *_ = facts_flags(f)
    if anaemia and irondef:
        out.append((f['letter_date'] - dt.timedelta(days=rng.randint(2, 20)), 'Iron deficiency anaemia'))
    if f['ttg_pos']:
        out.append((f['letter_date'] - dt.timedelta(days=rng.randint(2, 20)), 'Coeliac antibody positive'))
    if f['fatty_liver']:
        out.append((f['letter_date'] - dt.timedelta(days=rng.randint(2, 60)), 'Fatty liver'))
    if f['fhx_crc']:
        out.append((f['letter_date'] - dt.timedelta(days=rng.randint(0, 10)), 'Family history of malignant neoplasm of colon'))
    return out


def L_emis_export(f, rng, rule):
    pmh, meds = background(f, rng, 4, 9)
    dk = 2
    L = [f'{f["practice"]}  ({f["practice_code"]})', 'REFERRAL LETTER - generated from clinical system', f'Printed: {date_fmt(f["letter_date"], rng, dk)} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}',
         '', f'Patient: {name_str(f, 1)}   DOB: {date_fmt(f["dob"], rng, dk)}' + (f' ({f["age"]}y)' if rng.random() < 0.6 else '') +
         f'   Sex: {"Male" if f["sex"] == "M" else "Female"}', f'NHS Number: {nhs_fmt(f["nhs"], rng)}   Usual GP: {f["gp"]}', f'Address: {f["address"]}',
         '', f'To: Gastroenterology, {f["hospital"]}']
    if f['gp_priority']:
        L.append(f'Referral priority: {prio_text(f["gp_priority"], rng)}')
    L += ['', '== PROBLEMS ==', 'Active']
    for d, n in problem_entries(f, rng):
        L.append(f'  {date_fmt(d, rng, dk)}  {n}')
    for y, n, s in pmh:
        if s == 'active':
            L.append(f'  {y}          {n}')
    L.append('Past / inactive')
    for y, n, s in pmh:
        if s == 'past':
            L.append(f'  {y}          {n}')
    for kind, txt in f['distractors']:
        if kind == 'hist':
            m = re.search(r'(19|20)\d\d', txt)
            L.append(f'  {m.group(0) if m else ""}          {txt}')
    L += ['', f'== CONSULTATION {date_fmt(f["letter_date"], rng, dk)}  {f["gp"]} ==']
    core = core_sentences(f, rng)
    L.append('History: ' + ' '.join(core))
    neg = [t for k, t in f['distractors'] if k in ('neg', 'fam', 'hypo', 'explained', 'pending')]
    if neg:
        L.append('Comment: ' + ' '.join(x[0].upper() + x[1:] + ('' if x.endswith('.') else '.') for x in neg))
    L.append('Plan: ' + request_sentence(f, rng, rule))
    L += ['', '== REPEAT MEDICATION ==']
    for m in meds:
        L.append(f'  {m}    last issued {date_fmt(f["letter_date"] - dt.timedelta(days=rng.randint(3, 50)), rng, dk)}')
    if not meds:
        L.append('  (none)')
    res = results(f, rng) + filler_results(f, rng)
    L += ['', '== RECENT TEST RESULTS ==', f'{"Test":<32}{"Result":>10}  {"Units":<14}{"Range":<12}Date']
    for short, long_, val, unit, ref in res:
        L.append(f'{long_:<32}{val:>10}  {unit:<14}{ref:<12}{date_fmt(f["letter_date"] - dt.timedelta(days=rng.randint(3, 40)), rng, dk)}')
    L += ['', '== ALLERGIES ==', rng.choice(['No known drug allergy', 'Penicillin - urticaria', 'Codeine - nausea'])]
    return '\n'.join(L)


def L_systmone_journal(f, rng, rule):
    pmh, meds = background(f, rng, 2, 6)
    L = ['SystmOne - Referral Summary', f'{name_str(f, 2)}  ({f["title"]})', f'D.O.B. {date_fmt(f["dob"], rng, 4)}  NHS {nhs_fmt(f["nhs"], rng)}',
         f'Registered: {f["practice"]}', f'Referral to: {f["hospital"]} Gastroenterology' + (f'  [{prio_text(f["gp_priority"], rng)}]' if f['gp_priority'] else ''), '',
         'Journal (most recent first)', '']
    d0 = f['letter_date']
    t = f'{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}'
    L.append(f'{date_fmt(d0, rng, 4)} {t}  {f["gp"]} (GP Partner)')
    core = core_sentences(f, rng)
    for s in core:
        L.append(f'    {s}')
    for s in distractor_sentences(f):
        L.append(f'    {s}')
    L.append(f'    Referral to gastroenterology. {request_sentence(f, rng, rule)}')
    res = results(f, rng)
    if res:
        d1 = d0 - dt.timedelta(days=rng.randint(4, 21))
        L += ['', f'{date_fmt(d1, rng, 4)} {rng.randint(8, 11):02d}:{rng.randint(0, 59):02d}  Pathology results (electronic)']
        for short, long_, val, unit, ref in res:
            L.append(f'    {long_}: {val} {unit}  [{ref}]')
    d2 = d0 - dt.timedelta(days=rng.randint(22, 60))
    L += ['', f'{date_fmt(d2, rng, 4)} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}  {rng.choice(GPS)} (GP)',
          '    ' + rng.choice(['Medication review. BP checked.', 'Telephone consultation. Bloods requested.',
                               'Seen with symptoms as above, bloods arranged, review with results.',
                               'Annual review - chronic disease clinic.'])]
    L += ['', 'Repeat templates:'] + [f'    {m}' for m in meds] + ['', 'Problems:'] + [f'    {y} {n} ({s})' for y, n, s in pmh]
    return '\n'.join(L)


def terse_frag(f, rng):
    parts = []
    if f['fhx_crc'] and not f.get('fhx_distractor'):
        parts.append(f'FHx: {f["fhx_crc"]}, asymptomatic')
    if f['ibd']:
        if f['ibd_stable']:
            parts.append(f'known {f["ibd"]}, stable. Q: ' + fill(f['ibd_question'], f).rstrip('.?') + '?')
        else:
            parts.append(f'known {f["ibd"]} flaring')
    if f['cirrhosis']:
        parts.append(f'known {f["cirrhosis"]}')
    for k in history_syms(f) + exam_syms(f):
        parts.append(sym_phrase(k, f, rng, abbr=True))
    pw = f['ppi_weeks']
    if f['sym'] & {'dyspepsia', 'reflux'}:
        parts.append('no PPI yet' if pw is None else f'PPI {pw}/52' if pw >= 4 else f'PPI started {pw}/52 ago')
    if f['imaging']:
        parts.append('USS fatty liver')
    return parts


def L_terse_note(f, rng, rule):
    sx = f'{f["age"]}{f["sex"]}' if rng.random() < 0.5 else f'{f["age"]}yo {"M" if f["sex"] == "M" else "F"}'
    parts = terse_frag(f, rng)
    res = results_inline_text(f, rng, abbr=True) or []
    neg = [t for k, t in f['distractors'] if k == 'neg']
    pend = [t for k, t in f['distractors'] if k == 'pending']
    fam = [t for k, t in f['distractors'] if k == 'hist']
    line2 = f'{sx} ' + ', '.join(parts + res + neg + pend) + '.'
    if f.get('fhx_distractor'):
        line2 += f' FHx {f["fhx_crc"]}.'
    if fam and rng.random() < 0.5:
        line2 += ' ' + fam[0]
    p = prio_text(f['gp_priority'], rng)
    line2 += ' ' + (f'{p} pls.' if p else 'Pls see.') + f' {f["gp"].replace("Dr ", "Dr ")}'
    line1 = f'Re {name_str(f)} DOB {dob_str(f, rng)} NHS {nhs_fmt(f["nhs"], rng)} - {f["practice"]}'
    if rng.random() < 0.5:
        line1 = date_fmt(f['letter_date'], rng, 3) + '  ' + line1
    return line1 + '\n' + line2


def L_letterhead_continuation(f, rng, rule):
    L = letterhead(f, rng, big=True)
    L += [f'Our ref: {f["last"][:3].upper()}/{rng.randint(1000, 9999)}   Your ref:', '', date_fmt(f['letter_date'], rng, 1), '']
    L += ['PRIVATE AND CONFIDENTIAL', 'FAO: ' + f['consultant'], 'Consultant Gastroenterologist', f['hospital']]
    L += [f'Outpatient Appointments Centre', f'{rng.randint(1, 30)} Infirmary Road', f'{f["town"]}', postcode(rng, f['pcpre']), '']
    L += ['Dear ' + f['consultant'].split()[0] + ' ' + f['consultant'].split()[-1] + ',', '']
    L += re_line(f, rng) + ['']
    core = core_sentences(f, rng)
    L.append(f'I would be grateful for your opinion on this {age_desc(f, rng)}.')
    L += ['', '', f'{f["practice"]} is a training practice. Calls may be recorded.', 'Page 1 of 2', '\f',
          f'{name_str(f)} - cont.' if rng.random() < 0.5 else f'cont.  Re: {f["first"]} {f["last"]}  NHS {nhs_fmt(f["nhs"], rng)}', 'Page 2 of 2', '']
    L.append(' '.join(core))
    d = distractor_sentences(f)
    res = results_inline_text(f, rng)
    para = ([('Bloods: ' + ', '.join(res) + '.')] if res else []) + d
    if para:
        L += ['', ' '.join(para)]
    p = prio_text(f['gp_priority'], rng)
    L += ['', (f'Priority requested: {p}. ' if p else '') + request_sentence(f, rng, rule), '', 'With kind regards', '', f['gp'], f['practice']]
    return '\n'.join(L)


def L_handwritten_transcript(f, rng, rule):
    parts = terse_frag(f, rng)
    res = results_inline_text(f, rng, abbr=True) or []
    neg = [t for k, t in f['distractors'] if k in ('neg', 'pending', 'hypo')]
    hist = [t for k, t in f['distractors'] if k in ('hist', 'fam', 'explained')]
    if f.get('fhx_distractor'):
        hist.append('fhx ' + f['fhx_crc'])
    words = [f'{f["age"]}{f["sex"].lower()}' if rng.random() < 0.5 else f'pt {f["age"]}yo {"male" if f["sex"] == "M" else "female"}']
    durw = [] if ('haematemesis' in f['sym'] or not history_syms(f)) else ['for ' + f['dur']]
    words += parts + durw + res + neg + hist + [fill(x, f) for x in f['extra']]
    txt = ' '.join(words)
    if f.get('hp'):
        txt += f' hp {f["hp"]}'
    txt = re.sub(r'(?<!\d)\.|\.(?!\d)|[,;:()]', ' ', txt)
    txt = re.sub(r'\s+', ' ', txt).lower()
    p = prio_text(f['gp_priority'], rng)
    txt += (f' {p.lower()} pls' if p else ' pls see') + ' thanks'
    # wrap into short handwritten-ish lines
    words = txt.split(' ')
    lines, cur = [], ''
    for w in words:
        if len(cur) + len(w) > rng.randint(28, 44):
            lines.append(cur.strip())
            cur = ''
        cur += w + ' '
    lines.append(cur.strip())
    hdr = ['[Scanned handwritten referral - transcribed]', f'{f["practice"]}',
           f'name {f["first"]} {f["last"]}  dob {dob_str(f, rng)}  nhs {nhs_fmt(f["nhs"], rng)}',
           f'date {date_fmt(f["letter_date"], rng, 3)}', '']
    return '\n'.join(hdr + lines + ['', f'{f["gp"].replace("Dr ", "dr ").lower()} [signature]'])


def L_results_table_only(f, rng, rule):
    res = results(f, rng) + filler_results(f, rng)
    rng.shuffle(res)
    hs = history_syms(f) + exam_syms(f)
    L = [f'From: {f["gp"]}, {f["practice"]} ({f["practice_code"]})', f'To: Gastroenterology Booking, {f["hospital"]}',
         f'Date: {date_fmt(f["letter_date"], rng, 0)}',
         f'Patient: {name_str(f)}   DOB {dob_str(f, rng)}   NHS {nhs_fmt(f["nhs"], rng)}', '']
    if f['gp_priority']:
        L.append(f'Priority: {prio_text(f["gp_priority"], rng)}')
    intro = rng.choice(['Please see results below in this', 'Results attached for this', 'Referral - see bloods below -'])
    what = join_and([sym_phrase(k, f, rng) for k in hs[:2]]) if hs else 'no symptoms'
    extra = []
    if f['ibd']:
        extra += ibd_sentences(f, rng)
    if f['cirrhosis']:
        extra.append(fill(f'{{He}} has known {f["cirrhosis"]}.', f))
    if f['fhx_crc'] and not f.get('fhx_distractor'):
        extra.append(f'FHx: {f["fhx_crc"]}.')
    if f['imaging']:
        extra.append(f['imaging'] + '.')
    p = ppi_sentence(f, rng)
    if p:
        extra.append(fill(p, f))
    extra += [fill(x, f) for x in f['extra']]
    L.append(f'{intro} {age_desc(f, rng)} with {what}. ' + ' '.join(extra + distractor_sentences(f)))
    for k in hs[2:]:
        L.append(fill('Also: ', f) + sym_phrase(k, f, rng) + '.')
    L += ['', f'{"Investigation":<34}{"Value":>9}  {"Units":<10} {"Ref range":<10}', '-' * 68]
    for short, long_, val, unit, ref in res:
        flag = ''
        L.append(f'{long_:<34}{val:>9}  {unit:<10} {ref:<10}')
    L += ['', request_sentence(f, rng, rule), f['gp']]
    return '\n'.join(L)


def L_ag_request(f, rng, rule):
    L = ['e-RS ADVICE AND GUIDANCE REQUEST', f'Service: Gastroenterology Advice & Guidance - {f["hospital"]}',
         f'Requested by: {f["gp"]}, {f["practice"]} ({f["practice_code"]})', f'Date sent: {date_fmt(f["letter_date"], rng, 2)}', '',
         f'Patient: {name_str(f, 1)}', f'NHS No: {nhs_fmt(f["nhs"], rng)}    DOB: {dob_str(f, rng)}    Sex: {f["sex"]}', '']
    q = None
    if f['ibd'] and f['ibd_stable']:
        q = fill(f['ibd_question'], f)
    else:
        q = rng.choice(['Is referral needed, or can this be managed in primary care?',
                        'What further tests would you suggest before referral?',
                        'Do you need to see this patient?', 'Please advise on next steps.'])
    L += ['QUESTION FOR THE SPECIALIST:', q, '', 'CLINICAL BACKGROUND:']
    core = [s for s in core_sentences(f, rng) if s != q]
    L.append(' '.join(core + distractor_sentences(f)))
    res = results(f, rng)
    if res:
        L += ['', 'RELEVANT RESULTS:'] + [f'  {r[1]}: {r[2]} {r[3]} (ref {r[4]})' for r in res]
    pmh, meds = background(f, rng, 0, 3)
    if meds:
        L += ['', 'MEDICATION: ' + '; '.join(m.split(',')[0] for m in meds)]
    L += ['', 'Patient aware of A&G request: ' + rng.choice(['Yes', 'Yes', 'Yes - happy to wait for advice'])]
    return '\n'.join(L)


def L_redflag_grid(f, rng, rule):
    S = f['sym']
    anaemia, irondef, pain, bleed, cibh = facts_flags(f)
    yes, no = rng.choice([('✓', '✗'), ('YES', 'no'), ('Y', 'N'), ('X', ' ')])
    pmh, meds = background(f, rng, 1, 4)
    w = 34
    L = [f'{f["practice"]} | GASTROENTEROLOGY REFERRAL FORM (v3.2)', '+' + '-' * 70 + '+',
         f'| Patient: {name_str(f):<30} Sex: {"M" if f["sex"] == "M" else "F"}   Age: {f["age"]:<16}|',
         f'| DOB: {dob_str(f, rng):<20} NHS: {nhs_fmt(f["nhs"], rng):<32}|',
         f'| Referrer: {f["gp"]:<22} Date: {date_fmt(f["letter_date"], rng, 0):<26}|',
         f'| Urgency requested: {(prio_text(f["gp_priority"], rng) or "not stated"):<50}|', '+' + '-' * 70 + '+',
         '| RED FLAG SYMPTOMS (present now)' + ' ' * 38 + '|']
    flags = [('Dysphagia', 'dysphagia' in S), ('Unexplained weight loss', 'weight_loss' in S),
             ('Rectal bleeding', bleed), ('Change in bowel habit', cibh),
             ('Jaundice', 'jaundice' in S), ('Haematemesis / melaena', 'haematemesis' in S),
             ('Abdominal / rectal mass', bool(S & {'abdominal_mass', 'rectal_mass', 'anal_mass'})),
             ('Iron deficiency anaemia', anaemia and irondef)]
    for lab, val in flags:
        L.append(f'|   {lab:<{w}} {yes if val else no:<4}' + ' ' * (70 - w - 8) + '|')
    L.append('+' + '-' * 70 + '+')
    L.append('| HISTORY')
    for s_ in core_sentences(f, rng) + distractor_sentences(f):
        L.append('|   ' + s_)
    res = results(f, rng)
    L.append('| INVESTIGATIONS (tick if done / result)')
    done = {r[0] for r in res}
    for lab, key in [('FBC', 'Hb'), ('Ferritin', 'ferritin'), ('FIT', 'FIT'), ('Faecal calprotectin', 'calprotectin'),
                     ('LFTs / ALT', 'ALT'), ('Coeliac serology', 'tTG')]:
        r = [x for x in res if x[0] == key or (key == 'FIT' and x[0] in ('FIT', 'qFIT'))]
        if r:
            L.append(f'|   [{yes}] {lab}: {r[0][2]} {r[0][3]}')
        else:
            L.append(f'|   [ ] {lab}: not done')
    if f['imaging']:
        L.append(f'|   [{yes}] Imaging: {f["imaging"]}')
    L.append('| MEDICATION: ' + ('; '.join(m.split(',')[0] for m in meds) if meds else 'nil'))
    L.append('| PMH: ' + ', '.join(f'{n} ({y})' for y, n, _ in pmh))
    L += ['+' + '-' * 70 + '+', '| Reason / question: ' + request_sentence(f, rng, rule), '+' + '-' * 70 + '+']
    return '\n'.join(L)


LAYOUTS = {
    'ers_export': L_ers_export, 'lgi_proforma': L_lgi_proforma, 'ugi_proforma': L_ugi_proforma,
    'dictated_letter': L_dictated_letter, 'soap_note': L_soap_note, 'np_bullets': L_np_bullets,
    'emis_export': L_emis_export, 'systmone_journal': L_systmone_journal, 'terse_note': L_terse_note,
    'letterhead_continuation': L_letterhead_continuation, 'handwritten_transcript': L_handwritten_transcript,
    'results_table_only': L_results_table_only, 'ag_request': L_ag_request, 'redflag_grid': L_redflag_grid,
}

LOWER_GI_LIKE = {'U2', 'U3', 'U4', 'U6', 'U8', 'O6', 'A1', 'A3', 'R1', 'D'}
UPPER_GI_LIKE = {'U1', 'U5', 'O1', 'A2', 'D', 'R3'}


def pick_layout(f, rng, rule):
    w = {'ers_export': 14, 'dictated_letter': 14, 'soap_note': 8, 'np_bullets': 7, 'emis_export': 10,
         'systmone_journal': 7, 'terse_note': 8, 'letterhead_continuation': 7, 'handwritten_transcript': 6,
         'results_table_only': 0, 'ag_request': 0, 'lgi_proforma': 0, 'ugi_proforma': 0, 'redflag_grid': 8}
    upperish = bool(f['sym'] & {'dysphagia', 'dyspepsia', 'reflux', 'upper_abdo_pain'})
    lowerish = bool(f['sym'] & {'rectal_bleeding', 'cibh', 'abdo_pain', 'weight_loss', 'abdominal_mass',
                                'rectal_mass', 'anal_mass', 'anal_ulcer', 'bloody_diarrhoea', 'diarrhoea'}) or rule == 'U4'
    if rule in LOWER_GI_LIKE and lowerish and not upperish:
        w['lgi_proforma'] = 20 if rule.startswith('U') else 7
    if rule in UPPER_GI_LIKE and upperish:
        w['ugi_proforma'] = 40 if rule.startswith('U') else 8
    if results(f, random.Random(0)):
        w['results_table_only'] = 9
    w['ag_request'] = {'O3': 20, 'A1': 8, 'A2': 8, 'A3': 8, 'O5': 5, 'O4': 4, 'D': 5, 'O6': 3, 'U4': 2, 'O2': 3}.get(rule, 0)
    names = list(w)
    return rng.choices(names, weights=[w[n] for n in names])[0]


# ----------------------------------------------------------------------------
# OCR noise
# ----------------------------------------------------------------------------

def ocr_noise(text, rng, rate):
    out = []
    changed = 0
    for tok in re.split(r'(\s+)', text):
        if not tok or tok.isspace() or rng.random() > rate:
            out.append(tok)
            continue
        t = tok
        r = rng.random()
        if re.fullmatch(r'[0-9.]+', t) and ('0' in t or '1' in t):
            t = t.replace('0', 'O', 1) if '0' in t and rng.random() < 0.6 else t.replace('1', 'l', 1)
        elif 'rn' in t and r < 0.5:
            t = t.replace('rn', 'm', 1)
        elif 'm' in t and r < 0.25:
            t = t.replace('m', 'rn', 1)
        elif 'l' in t and r < 0.5 and t.isalpha():
            i = t.index('l')
            t = t[:i] + rng.choice(['1', 'I']) + t[i + 1:]
        elif len(t) >= 7 and t.isalpha() and r < 0.8:
            i = rng.randint(2, len(t) - 3)
            t = t[:i] + rng.choice([' ', '- ', ' ']) + t[i:]
        elif 'O' in t and t.isupper():
            t = t.replace('O', '0', 1)
        elif 'e' in t and len(t) > 3:
            t = t.replace('e', 'c', 1)
        if t != tok:
            changed += 1
        out.append(t)
    return ''.join(out), changed > 0


# ----------------------------------------------------------------------------
# Spelling slips
# ----------------------------------------------------------------------------
SLIPS = [('diarrhoea', 'diarrhea'), ('haemorrhoids', 'hemorrhoids'), ('abdominal', 'abdomnial'), ('recieve', 'recieve'),
         ('bleeding', 'bleeeding'), ('grateful', 'greatful'), ('ferritin', 'ferritn'), ('colonoscopy', 'colonscopy'),
         ('appointment', 'appointmnet'), ('indigestion', 'indigestoin'), ('swallowing', 'swalowing'),
         ('separate', 'seperate'), ('unintentional', 'unintentinal'), ('occasions', 'occassions'),
         ('weight', 'wieght'), ('oesophageal', 'oesophagael')]


def add_slips(text, rng):
    for a, b in rng.sample(SLIPS, 3):
        if a in text and rng.random() < 0.6:
            text = text.replace(a, b, 1)
    return text


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------

def build(n, seed):
    rng = random.Random(seed)
    total_q = sum(QUOTA.values())
    quotas = {k: max(1, round(v * n / total_q)) for k, v in QUOTA.items()}
    plan = [r for r, c in quotas.items() for _ in range(c)]
    rng.shuffle(plan)
    # discover each scenario's variants (separate rng) and cycle through them so every
    # variant (boundary ages, tricky negatives...) is represented
    probe = random.Random(seed + 1)
    variants = {r: sorted({SCENARIOS[r](probe)['variant'] for _ in range(400)}) for r in RULES}
    for r in variants:
        probe.shuffle(variants[r])
    used = collections.Counter()
    rows = []
    rejects = collections.Counter()
    for i, rule in enumerate(plan, 1):
        target = variants[rule][used[rule] % len(variants[rule])]
        used[rule] += 1
        for attempt in range(2000):
            f = SCENARIOS[rule](rng)
            if f['variant'] != target:
                continue
            got = derive(f)
            if got != rule or ambiguous(f, rule):
                rejects[(rule, f['variant'], 'pre')] += 1
                continue
            add_distractors(f, rng, rule)
            if derive(f) != rule or ambiguous(f, rule):
                rejects[(rule, f['variant'], 'distractor')] += 1
                continue
            if (f['ppi_weeks'] or 0) >= 4 and f['sym'] & {'dyspepsia', 'reflux'}:
                f['dur'] = rng.choice([f'{f["ppi_weeks"] // 4 + rng.randint(2, 6)} months', '14 months',
                                       '12 months', 'several months'])
            break
        else:
            raise SystemExit(f'could not build a letter for {rule}/{target}: {rejects}')
        layout = pick_layout(f, rng, rule)
        urg, path = RULES[rule]
        f['gp_priority'] = choose_gp_priority(f, rng, urg, layout)
        text = LAYOUTS[layout](f, rng, rule)
        if rng.random() < 0.25:
            text = add_slips(text, rng)
        ocr = False
        scanned = layout in ('letterhead_continuation', 'handwritten_transcript') or rng.random() < 0.12
        if scanned and rng.random() < 0.75:
            text, ocr = ocr_noise(text, rng, rng.choice([0.02, 0.04, 0.06]))
        age_in_text = True
        rows.append({'id': f'r2-{i:04d}', 'text': text, 'urgency': urg, 'pathway': path, 'rule': rule,
                     'style': layout, 'gp_priority': f['gp_priority'], 'age': f['age'] if age_in_text else None,
                     'ocr': ocr, '_variant': f['variant'], '_sex': f['sex'],
                     '_dkinds': sorted({k for k, _ in f['distractors']} | ({'fam_crc'} if f.get('fhx_distractor') else set())),
                     '_facts': {k: (sorted(f[k]) if isinstance(f[k], set) else f[k]) for k in
                                ('sym', 'hb', 'hb_unit', 'ferritin', 'fit', 'calpro', 'alt', 'ttg', 'ppi_weeks',
                                 'fhx_crc', 'ibd', 'cirrhosis', 'fatty_liver')}})
    return rows, rejects


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=340)
    ap.add_argument('--seed', type=int, default=20261204)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'letters.jsonl'))
    ap.add_argument('--meta', action='store_true', help='also write letters_meta.jsonl with scenario variants')
    a = ap.parse_args()
    rows, rejects = build(a.n, a.seed)
    with open(a.out, 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps({k: v for k, v in r.items() if not k.startswith('_')}, ensure_ascii=False) + '\n')
    if a.meta:
        with open(os.path.splitext(a.out)[0] + '_meta.jsonl', 'w', encoding='utf-8') as fh:
            for r in rows:
                fh.write(json.dumps({'id': r['id'], 'rule': r['rule'], 'variant': r['_variant'], 'sex': r['_sex'],
                                     'distractors': r['_dkinds'],
                                     'facts': r['_facts']}, default=str) + '\n')
    c = collections.Counter
    print('letters:', len(rows))
    for key in ('urgency', 'pathway', 'rule', 'style', 'gp_priority', 'ocr'):
        print(key, dict(sorted(c(str(r[key]) for r in rows).items())))
    print('gp priority disagrees with label:', sum(1 for r in rows if r['gp_priority'] and r['gp_priority'] != r['urgency']))


if __name__ == '__main__':
    main()
