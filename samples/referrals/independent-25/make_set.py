#!/usr/bin/env python3
"""Generator for the sealed test set "letters25": 300 gastroenterology referral letters.

Python 3 standard library only.  Every random choice is drawn from a random.Random
seeded with a string, so reruns give byte-identical files.  Labels come from the rules
in referral-triage-spec.md (first matching rule decides urgency and pathway); every
scenario is also re-labelled under alternative readings of loose spec words and is
rejected if any reading changes the rule, urgency or pathway.

Run:  python3 make_set.py      (writes letters.jsonl, letters_meta.jsonl, README.md)
"""
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = 'letters25'
D = dt.date
TD = dt.timedelta


def rng_for(*parts):
    return random.Random(SET + '|' + '|'.join(str(p) for p in parts))


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ---------------------------------------------------------------------------
# Rule engine (generator side; validate_set.py has its own independent copy)
# ---------------------------------------------------------------------------

URG = {'U': 'urgent_suspected_cancer', 'R': 'urgent', 'O': 'routine', 'A': 'advice_and_guidance'}
RULES = {
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
SYMPTOM_FACTS = ['dysphagia', 'rectal_mass', 'anal_mass', 'abdominal_mass', 'upper_abdominal_pain',
                 'abdominal_pain', 'reflux', 'dyspepsia', 'weight_loss', 'jaundice', 'rectal_bleeding',
                 'cibh', 'bloody_diarrhoea', 'haematemesis', 'bloating', 'ascites', 'confusion']
READINGS = ['rb_loose_is_bd', 'bd_is_rb', 'reflux_is_dysp', 'upper_is_abdo', 'dysp_is_abdo',
            'a2_alt_parse', 'a1_strict', 'bloat_is_pain']


def latest(F, name):
    L = F['vals'].get(name) or []
    if not L:
        return None
    return max(L, key=lambda e: e['date'])['v']


def classify(F, rd=None):
    rd = rd or {}
    P = F['pos']
    age = F['age']
    male = F['sex'] == 'M'

    def has(f):
        return f in P
    hb, fe = latest(F, 'hb'), latest(F, 'ferritin')
    fit, cal, alt = latest(F, 'fit'), latest(F, 'calprotectin'), latest(F, 'alt')
    anaemia = hb is not None and hb < (130 if male else 120)
    irondef = fe is not None and fe < 30
    ida = anaemia and irondef
    loose_bleed = has('rectal_bleeding') and has('cibh') and P['cibh'].get('dir') == 'looser'
    bd = has('bloody_diarrhoea') or (rd.get('rb_loose_is_bd') and loose_bleed)
    rb = has('rectal_bleeding') or (rd.get('bd_is_rb') and bd)
    cibh = has('cibh') or (rd.get('bd_is_rb') and bd)
    upper = has('upper_abdominal_pain')
    dysp = has('dyspepsia') or (rd.get('reflux_is_dysp') and has('reflux'))
    abdo = has('abdominal_pain') or (rd.get('upper_is_abdo') and upper) or \
        (rd.get('dysp_is_abdo') and has('dyspepsia'))
    wl = has('weight_loss')
    ppi_days = F['ppi']['days'] if F.get('ppi') else None
    if has('dysphagia'):
        return 'U1'
    if has('rectal_mass') or has('anal_mass'):
        return 'U2'
    if fit is not None and fit >= 10:
        return 'U3'
    if ida:
        return 'U4'
    if age >= 55 and wl and (upper or has('reflux') or dysp):
        return 'U5'
    if has('abdominal_mass'):
        return 'U6'
    if age >= 40 and has('jaundice'):
        return 'U7'
    if fit is None and ((age >= 50 and rb) or (age >= 40 and wl and abdo) or (age >= 60 and cibh)):
        return 'U8'
    if bd or (cal is not None and cal >= 250):
        return 'R1'
    if (has('cirrhosis') and (has('ascites') or has('confusion'))) or (alt is not None and alt >= 300):
        return 'R2'
    if has('haematemesis'):
        return 'R3'
    if age >= 55 and dysp and ppi_days is not None and ppi_days >= 28:
        return 'O1'
    if cal is not None and 100 <= cal <= 249:
        return 'O2'
    if has('ibd_known') and P['ibd_known'].get('stable') and P['ibd_known'].get('question'):
        return 'O3'
    if has('coeliac_pos'):
        return 'O4'
    if (alt is not None and 40 <= alt <= 299) or has('fatty_liver'):
        return 'O5'
    a1_sym = abdo or has('bloating') or cibh
    a1_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and a1_sym and a1_test:
        other = [f for f in ('dysphagia', 'rectal_mass', 'anal_mass', 'abdominal_mass', 'weight_loss',
                             'upper_abdominal_pain', 'reflux', 'dyspepsia', 'jaundice', 'rectal_bleeding',
                             'bloody_diarrhoea', 'haematemesis', 'cirrhosis', 'ascites', 'confusion',
                             'ibd_known', 'coeliac_pos', 'fatty_liver') if has(f)]
        if anaemia or irondef or (cal is not None and cal >= 100) or (alt is not None and alt >= 40):
            other.append('value')
        if F.get('ppi'):
            other.append('ppi')
        if not (rd.get('a1_strict') and other):
            return 'A1'
    o6_sym = rb or cibh or abdo or (rd.get('bloat_is_pain') and has('bloating'))
    if o6_sym and fit is not None and fit < 10:
        return 'O6'
    if rd.get('a2_alt_parse'):
        if (age < 55 and dysp) or has('reflux'):
            return 'A2'
    elif age < 55 and (dysp or has('reflux')):
        return 'A2'
    symptoms = [f for f in SYMPTOM_FACTS if has(f)]
    if has('fh_crc') and not symptoms:
        return 'A3'
    return 'D'


def all_readings():
    out = []
    for mask in range(1 << len(READINGS)):
        out.append({r: bool(mask >> i & 1) for i, r in enumerate(READINGS)})
    return out


ALL_RD = all_readings()


def unambiguous(F):
    base = classify(F)
    for rd in ALL_RD:
        if classify(F, rd) != base:
            return False
    return True


# ---------------------------------------------------------------------------
# Scenario plan: (rule, variant, count, age range, needs, boundary line)
# ---------------------------------------------------------------------------

PLAN = [
    ('U1', 'plain', 6, (30, 92)), ('U1', 'denial_run', 3, (35, 90)), ('U1', 'recurred', 2, (40, 88)),
    ('U1', 'informant', 2, (55, 92)), ('U1', 'young', 1, (18, 35)),
    ('U2', 'rectal_mass', 5, (45, 90)), ('U2', 'anal_mass', 3, (30, 88)),
    ('U3', 'fit_high', 8, (40, 88)), ('U3', 'fit_line', 4, (35, 85)), ('U3', 'fit_repeat_up', 1, (45, 80)),
    ('U3', 'fit_young', 2, (24, 45)), ('U3', 'fit_qual', 1, (50, 80)),
    ('U4', 'ida_plain', 6, (18, 92)), ('U4', 'hb_line_m', 3, (30, 90)), ('U4', 'hb_line_f', 2, (20, 90)),
    ('U4', 'ferr_line', 3, (25, 90)), ('U4', 'hb_repeat_down', 2, (30, 90)),
    ('U5', 'age_line_dob', 3, (55, 55)), ('U5', 'plain', 7, (58, 92)),
    ('U6', 'plain', 5, (35, 92)), ('U6', 'sign_persist', 1, (45, 90)),
    ('U7', 'age_line_dob', 3, (40, 40)), ('U7', 'plain', 5, (45, 92)),
    ('U8', 'rb50_dob', 2, (50, 50)), ('U8', 'cibh60_dob', 2, (60, 60)), ('U8', 'wlpain40_dob', 2, (40, 40)),
    ('U8', 'fit_pending', 3, (52, 88)), ('U8', 'plain', 3, (50, 90)),
    ('R1', 'bloody_diarrhoea', 10, (18, 49)), ('R1', 'calpro_line', 4, (18, 58)),
    ('R1', 'calpro_high', 4, (18, 58)), ('R1', 'calpro_repeat_up', 1, (18, 58)),
    ('R1', 'known_ibd_flare', 1, (20, 49)),
    ('R2', 'alt_line', 3, (20, 75)), ('R2', 'alt_repeat_up', 1, (20, 75)), ('R2', 'alt_high', 3, (18, 80)),
    ('R2', 'cirr_ascites', 4, (40, 85)), ('R2', 'cirr_confusion', 3, (40, 85)),
    ('R3', 'plain', 11, (18, 90)),
    ('O1', 'age_line_dob', 3, (55, 55)), ('O1', 'ppi_line', 4, (56, 88)), ('O1', 'plain', 5, (56, 90)),
    ('O2', 'calpro_low_line', 3, (18, 58)), ('O2', 'calpro_high_line', 3, (18, 58)),
    ('O2', 'calpro_repeat_down', 1, (18, 58)), ('O2', 'plain', 7, (18, 58)),
    ('O4', 'plain', 12, (18, 70)),
    ('O5', 'alt_low_line', 4, (20, 80)), ('O5', 'alt_high_line', 3, (20, 80)), ('O5', 'alt_uln', 1, (25, 75)),
    ('O5', 'fatty', 6, (25, 80)), ('O5', 'alt_plain', 4, (25, 80)),
    ('O6', 'fit_line_low', 3, (50, 85)), ('O6', 'rb_old_fit_low', 5, (50, 88)),
    ('O6', 'cibh_old_fit_low', 5, (60, 90)), ('O6', 'pain_old', 4, (50, 85)), ('O6', 'young_rb', 4, (20, 49)),
    ('O6', 'fit_repeat_down', 1, (52, 80)),
    ('D', 'rb49_dob', 2, (49, 49)), ('D', 'cibh59_dob', 2, (59, 59)), ('D', 'wlpain39_dob', 1, (39, 39)),
    ('D', 'hb_line_no', 2, (25, 85)), ('D', 'ferr_line_no', 2, (25, 85)), ('D', 'ppi_short', 2, (56, 85)),
    ('D', 'young_pain_notest', 4, (19, 45)), ('D', 'irondef_no_anaemia', 3, (20, 80)),
    ('D', 'anaemia_no_irondef', 2, (30, 90)), ('D', 'wl_alone', 2, (45, 85)), ('D', 'nausea', 1, (22, 75)),
    ('D', 'coeliac_neg_bloating_old', 1, (52, 75)), ('D', 'young_rb_notest', 2, (19, 45)),
    ('D', 'cibh_young_notest', 1, (22, 55)),
    ('O3', 'plain', 12, (20, 80)), ('O3', 'calpro_ok_line', 2, (20, 70)),
    ('A1', 'age_line_dob', 3, (49, 49)), ('A1', 'calpro_line', 2, (18, 48)), ('A1', 'fit_line', 2, (18, 48)),
    ('A1', 'plain', 11, (18, 48)),
    ('A2', 'age_line_dob', 3, (54, 54)), ('A2', 'plain', 13, (18, 53)),
    ('A3', 'plain', 12, (25, 75)),
]

# variants that need an examination finding or laboratory values in the letter
NEEDS_EXAM = {('U2', v) for v in ('rectal_mass', 'anal_mass')} | {('U6', 'plain'), ('U6', 'sign_persist')}
NEEDS_VALUES = set()
for _r, _v, _n, _a in PLAN:
    if _r in ('U3', 'U4', 'O2', 'O4', 'O5', 'O6', 'A1') or _v.startswith(('calpro', 'alt', 'hb_', 'ferr',
                                                                          'irondef', 'anaemia', 'coeliac')):
        NEEDS_VALUES.add((_r, _v))
    if _r == 'U8' and _v == 'fit_pending':
        NEEDS_VALUES.add((_r, _v))
    if _r == 'R2' and _v.startswith('alt'):
        NEEDS_VALUES.add((_r, _v))
    if _r == 'O3' and _v == 'calpro_ok_line':
        NEEDS_VALUES.add((_r, _v))

LAYOUTS = [
    # name, eligible rules (None = all), age cap, cannot (exam/values), is GP-practice writer
    ('lgi_2ww_form', ['U2', 'U3', 'U4', 'U6', 'U8', 'O6', 'D', 'A1', 'O2', 'R1'], (18, 95), set(), True),
    ('ugi_2ww_form', ['U1', 'U5', 'R3', 'O1', 'A2', 'D', 'U4', 'U7'], (18, 95), set(), True),
    ('nhs111', ['U1', 'U7', 'U8', 'R1', 'R3', 'A2', 'D', 'U5', 'A3', 'O3'], (18, 95), {'exam', 'values'}, False),
    ('forces_mo', ['R1', 'O2', 'O4', 'A1', 'A2', 'O6', 'D', 'U1', 'R3', 'O5', 'A3', 'U3', 'U2', 'O3', 'U4'],
     (18, 57), set(), False),
    ('walkin_nurse', ['R1', 'R3', 'U8', 'O6', 'D', 'A2', 'U1', 'U7', 'U3', 'A1'], (18, 95), set(), False),
    ('ooh_soap', ['R1', 'R3', 'U7', 'U1', 'R2', 'U6', 'D', 'U8', 'A2', 'U2'], (18, 95), set(), False),
    ('pharmacist_review', ['O1', 'A2', 'U4', 'O3', 'O5', 'R2', 'D', 'U5', 'U1', 'O4', 'O2'], (18, 95), set(),
     False),
    ('endoscopy_preassess', ['U1', 'R3', 'U5', 'U3', 'U4', 'O1', 'A2', 'O2', 'D', 'R1', 'O6', 'U2'], (18, 95),
     set(), False),
    ('private_healthcheck', ['U3', 'U4', 'O5', 'O4', 'A3', 'D', 'R2', 'O2', 'U6', 'O6', 'A1'], (18, 95), set(),
     False),
    ('community_matron', ['U4', 'U5', 'U6', 'U7', 'R2', 'U8', 'D', 'O5', 'O1', 'O4', 'A1', 'A2', 'R1', 'U1'],
     (18, 95), set(), False),
    ('hospital_letter', None, (18, 95), set(), False),
    ('ers_template', None, (18, 95), set(), True),
    ('gp_system_paste', None, (18, 95), set(), True),
    ('gp_formal', None, (18, 95), set(), True),
    ('gp_terse', None, (18, 95), set(), True),
    ('gp_chatty', None, (18, 95), set(), True),
    ('gp_bullets', None, (18, 95), set(), True),
    ('gp_third_person', None, (18, 95), set(), True),
    ('gp_lowercase', None, (18, 95), set(), True),
    ('gp_abbrev', None, (18, 95), set(), True),
]
LAYOUT_NAMES = [x[0] for x in LAYOUTS]


def assign_slots():
    """Deterministically assign the 300 (rule, variant) slots to 20 layouts x 15."""
    rng = rng_for('assign')
    pool = []
    for rule, var, n, ages in PLAN:
        for i in range(n):
            pool.append((rule, var, i, ages))
    assert len(pool) == 300, len(pool)
    remaining = list(pool)
    out = []
    for name, elig, cap, cannot, _gp in LAYOUTS:
        picked = {}
        for k in range(15):
            best, best_score = None, None
            for slot in remaining:
                rule, var, i, ages = slot
                if elig is not None and rule not in elig:
                    continue
                lo, hi = max(ages[0], cap[0]), min(ages[1], cap[1])
                if lo > hi:
                    continue
                if 'exam' in cannot and (rule, var) in NEEDS_EXAM:
                    continue
                if 'values' in cannot and (rule, var) in NEEDS_VALUES:
                    continue
                if name == 'nhs111' and var in ('known_ibd_flare', 'calpro_ok_line') :
                    continue
                nrule = sum(1 for s in remaining if s[0] == rule)
                score = nrule / (1.0 + 3.0 * picked.get(rule, 0)) + rng.random() * 0.5
                if best_score is None or score > best_score:
                    best, best_score = slot, score
            assert best is not None, (name, k)
            remaining.remove(best)
            picked[best[0]] = picked.get(best[0], 0) + 1
            out.append((name, best))
    assert not remaining
    return out


# ---------------------------------------------------------------------------
# Scenario builders: facts and values only (text comes later)
# ---------------------------------------------------------------------------

def safe_replace_year(d, year):
    if d.month == 2 and d.day == 29:
        d = d - TD(1)
    return d.replace(year=year)


def set_age(F, rng, age, mode=None):
    """mode 'just': birthday 3..24 days before the letter; 'soon': birthday 3..24 days after."""
    L = F['letter_date']
    if mode == 'just':
        k = rng.randint(3, 24)
        b = L - TD(k)
        dob = safe_replace_year(b, b.year - age)
        F['date_floor'] = b            # no date in the letter may fall before this birthday
    elif mode == 'soon':
        k = rng.randint(3, 24)
        b = L + TD(k)
        dob = safe_replace_year(b, b.year - age - 1)
        F['date_ceiling'] = b - TD(1)  # no date may reach the birthday
    else:
        k = rng.randint(130, 330)
        b = L - TD(k)
        dob = safe_replace_year(b, b.year - age)
    assert age_on(dob, L) == age, (dob, L, age)
    F['dob'] = dob
    F['age'] = age
    if mode:
        F['age_mode'] = 'dob_only'


def default_details(name, rng):
    c = rng.choice
    r = rng.randint
    return {
        'dysphagia': lambda: {'weeks': r(3, 14), 'what': c(['solids', 'solids', 'solids, now soft food too'])},
        'rectal_mass': lambda: {'cm': r(4, 9), 'wall': c(['anterior', 'posterior', 'left lateral', 'right lateral'])},
        'anal_mass': lambda: {'cm': r(1, 3), 'clock': c([1, 3, 5, 7, 9, 11])},
        'abdominal_mass': lambda: {'site': c(['right iliac fossa', 'left iliac fossa', 'right flank', 'left flank']),
                                   'cm': r(4, 9)},
        'weight_loss': lambda: {'kg': r(4, 13), 'months': r(2, 6)},
        'jaundice': lambda: {'days': r(4, 20)},
        'rectal_bleeding': lambda: {'weeks': r(3, 20), 'type': c(['bright', 'dark_mixed', 'bright', 'on_paper'])},
        'cibh': lambda: {'weeks': r(6, 30), 'dir': c(['looser', 'constipated', 'alternating', 'looser'])},
        'bloody_diarrhoea': lambda: {'days': r(6, 21), 'per_day': r(4, 10)},
        'haematemesis': lambda: {'days_ago': r(1, 9), 'amount': c(['a cupful', 'a few mouthfuls', 'streaks'])},
        'dyspepsia': lambda: {'months': r(2, 14)},
        'reflux': lambda: {'months': r(2, 24)},
        'upper_abdominal_pain': lambda: {'weeks': r(4, 20)},
        'abdominal_pain': lambda: {'weeks': r(3, 26),
                                   'site': c(['lower', 'left iliac fossa', 'right iliac fossa', 'suprapubic'])},
        'bloating': lambda: {'months': r(2, 12)},
        'cirrhosis': lambda: {'cause': c(['alcohol-related', 'hepatitis C-related (treated, SVR)',
                                          'haemochromatosis-related', 'alcohol-related']), 'year': r(2012, 2022)},
        'ascites': lambda: {},
        'confusion': lambda: {},
        'ibd_known': lambda: {},
        'coeliac_pos': lambda: {},
        'fatty_liver': lambda: {'modality': c(['ultrasound', 'ultrasound', 'CT'])},
        'fh_crc': lambda: {'rel': c(['mother', 'father', 'brother', 'sister']), 'age_dx': r(44, 68)},
    }[name]()


def sym(F, rng, name, **kw):
    d = default_details(name, rng)
    d.update(kw)
    F['pos'][name] = d
    return d


def addval(F, name, v, days_before, **kw):
    e = {'v': v, 'days_before': days_before}
    e.update(kw)
    F['vals'].setdefault(name, []).append(e)
    return e


def normal_hb(F, rng):
    return rng.randint(136, 162) if F['sex'] == 'M' else rng.randint(124, 148)


def add_normal_bloods(F, rng, hb=True, ferr=True, alt=True, days=None):
    days = days if days is not None else rng.randint(5, 30)
    if hb and 'hb' not in F['vals']:
        addval(F, 'hb', normal_hb(F, rng), days)
    if ferr and 'ferritin' not in F['vals']:
        addval(F, 'ferritin', rng.randint(38, 240), days)
    if alt and 'alt' not in F['vals']:
        addval(F, 'alt', rng.randint(12, 34), days)


def fit_low(F, rng, days=None, v=None):
    days = days if days is not None else rng.randint(7, 40)
    if v is not None:
        return addval(F, 'fit', v, days)
    q = rng.choice(['<', '<', 'num', 'undetectable', 'negative', 'lt10', 'num'])
    if q == '<':
        return addval(F, 'fit', 0, days, qual='<', shown='4')
    if q == 'lt10':
        return addval(F, 'fit', 0, days, qual='<', shown='10')
    if q in ('undetectable', 'negative'):
        return addval(F, 'fit', 0, days, qual=q)
    return addval(F, 'fit', rng.randint(0, 7), days)


def build(rule, var, idx, ages, layout, cap):
    rng = rng_for('build', rule, var, idx, layout)
    for attempt in range(400):
        F = _build_once(rule, var, idx, ages, layout, cap, rng)
        if F is None:
            continue
        if classify(F) == rule and unambiguous(F) and dates_ok(F):
            F['attempts'] = attempt + 1
            return F
    raise RuntimeError('could not build %s %s %s' % (rule, var, layout))


def dates_ok(F):
    return True  # dates are checked after text dates are fixed (see fix_dates)


def _build_once(rule, var, idx, ages, layout, cap, rng):
    F = {'rule_target': rule, 'variant': var, 'layout': layout, 'pos': {}, 'vals': {}, 'ppi': None,
         'fit_pending': None, 'boundary': [], 'age_mode': None}
    L = D(2024, 1, 8) + TD(days=rng.randint(0, 530))
    while L.weekday() >= 5:
        L += TD(1)
    F['letter_date'] = L
    lo, hi = max(ages[0], cap[0]), min(ages[1], cap[1])
    age = rng.randint(lo, hi)
    sex = rng.choice('MF')
    F['sex'] = sex
    c, r, p = rng.choice, rng.randint, rng.random
    mode = None
    v = var

    def bnd(line, value, side):
        F['boundary'].append({'line': line, 'value': value, 'side': side})

    # ---------------- U1 dysphagia
    if rule == 'U1':
        d = sym(F, rng, 'dysphagia')
        d['device'] = {'plain': 'plain', 'denial_run': 'denial_end', 'recurred': 'recurred',
                       'informant': 'informant_confirmed', 'young': 'plain'}[v]
        if v == 'recurred':
            d['prev_year'] = L.year - r(4, 9)
        if p() < 0.35:
            sym(F, rng, 'reflux')
        if p() < 0.3 and age >= 40:
            sym(F, rng, 'weight_loss')
        if p() < 0.5:
            add_normal_bloods(F, rng, alt=p() < 0.5)
    # ---------------- U2 rectal / anal mass
    elif rule == 'U2':
        if v == 'rectal_mass':
            sym(F, rng, 'rectal_mass')
            if p() < 0.6:
                sym(F, rng, 'rectal_bleeding')
            if p() < 0.4:
                sym(F, rng, 'cibh', dir=c(['constipated', 'alternating']))
        else:
            sym(F, rng, 'anal_mass')
            if p() < 0.5:
                sym(F, rng, 'rectal_bleeding', type='on_paper')
        if p() < 0.4:
            add_normal_bloods(F, rng)
    # ---------------- U3 FIT >= 10
    elif rule == 'U3':
        if v == 'fit_high':
            addval(F, 'fit', c([r(15, 60), r(60, 400), r(10, 30) + 20]), r(5, 30))
        elif v == 'fit_line':
            fv = [10, 10, 11, 12][idx % 4]
            addval(F, 'fit', fv, r(5, 30))
            bnd('FIT >= 10', fv, 'at_or_above')
        elif v == 'fit_repeat_up':
            addval(F, 'fit', r(4, 8), r(70, 120))
            nv = r(11, 16)
            addval(F, 'fit', nv, r(5, 25))
            bnd('FIT >= 10 (repeat, newest decides)', nv, 'at_or_above')
        elif v == 'fit_young':
            addval(F, 'fit', r(20, 150), r(5, 30))
        elif v == 'fit_qual':
            addval(F, 'fit', 52, r(5, 30), qual='positive_at')
        s = c(['rb', 'cibh', 'pain', 'none', 'cibh', 'rb'])
        if s == 'rb':
            sym(F, rng, 'rectal_bleeding')
        elif s == 'cibh':
            sym(F, rng, 'cibh')
        elif s == 'pain':
            sym(F, rng, 'abdominal_pain')
        if p() < 0.5:
            add_normal_bloods(F, rng, alt=False)
    # ---------------- U4 IDA
    elif rule == 'U4':
        thr = 130 if sex == 'M' else 120
        if v == 'hb_line_m':
            F['sex'] = sex = 'M'
            hb = [129, 128, 129][idx % 3]
            addval(F, 'hb', hb, r(5, 25), unit=c(['g/L', 'g/dL']), force_unit=True)
            addval(F, 'ferritin', r(4, 18), r(5, 25))
            bnd('Hb < 130 g/L (man)', hb, 'below')
        elif v == 'hb_line_f':
            F['sex'] = sex = 'F'
            hb = [119, 118][idx % 2]
            addval(F, 'hb', hb, r(5, 25), unit=c(['g/L', 'g/dL']), force_unit=True)
            addval(F, 'ferritin', r(4, 18), r(5, 25))
            bnd('Hb < 120 g/L (woman)', hb, 'below')
        elif v == 'ferr_line':
            addval(F, 'hb', thr - r(12, 30), r(5, 25))
            fv = [29, 28, 29][idx % 3]
            addval(F, 'ferritin', fv, r(5, 25))
            bnd('ferritin < 30 ug/L', fv, 'below')
        elif v == 'hb_repeat_down':
            d1 = r(60, 120)
            addval(F, 'hb', thr + r(1, 6), d1, unit='g/L', force_unit=True)
            nv = thr - r(2, 8)
            d2 = r(5, 20)
            addval(F, 'hb', nv, d2, unit='g/L', force_unit=True)
            addval(F, 'ferritin', r(5, 20), d2)
            bnd('Hb line (repeat, newest decides)', nv, 'below')
        else:
            addval(F, 'hb', thr - r(15, 50), r(5, 25))
            addval(F, 'ferritin', r(3, 20), r(5, 25))
        if p() < 0.3:
            fit_low(F, rng)
        if p() < 0.4 and age < 60:
            sym(F, rng, 'cibh', dir=c(['constipated', 'alternating']))
    # ---------------- U5
    elif rule == 'U5':
        if v == 'age_line_dob':
            mode = 'just'
            bnd('age >= 55 (U5)', 55, 'at_or_above')
        sym(F, rng, 'weight_loss')
        s = c(['upper', 'reflux', 'dysp', 'upper'])
        sym(F, rng, {'upper': 'upper_abdominal_pain', 'reflux': 'reflux', 'dysp': 'dyspepsia'}[s])
        if p() < 0.5:
            add_normal_bloods(F, rng)
    # ---------------- U6
    elif rule == 'U6':
        d = sym(F, rng, 'abdominal_mass')
        d['device'] = 'sign_persist' if v == 'sign_persist' else 'plain'
        if p() < 0.5:
            add_normal_bloods(F, rng)
    # ---------------- U7 jaundice
    elif rule == 'U7':
        if v == 'age_line_dob':
            mode = 'just'
            bnd('age >= 40 (U7 jaundice)', 40, 'at_or_above')
        d = sym(F, rng, 'jaundice')
        d['device'] = c(['plain', 'informant_confirmed', 'plain'])
        if p() < 0.5:
            addval(F, 'alt', c([r(45, 250), r(20, 38), r(320, 600)]), r(1, 10))
    # ---------------- U8 no FIT
    elif rule == 'U8':
        if v == 'rb50_dob':
            mode = 'just'
            sym(F, rng, 'rectal_bleeding')
            bnd('age >= 50 with rectal bleeding (U8)', 50, 'at_or_above')
        elif v == 'cibh60_dob':
            mode = 'just'
            sym(F, rng, 'cibh')
            bnd('age >= 60 with change in bowel habit (U8)', 60, 'at_or_above')
        elif v == 'wlpain40_dob':
            mode = 'just'
            sym(F, rng, 'weight_loss')
            sym(F, rng, 'abdominal_pain')
            bnd('age >= 40 with weight loss and abdominal pain (U8)', 40, 'at_or_above')
        else:
            opts = ['rb']
            if age >= 60:
                opts += ['cibh', 'cibh']
            if age >= 50:
                opts += ['wlpain']
            s = c(opts)
            if s == 'rb':
                sym(F, rng, 'rectal_bleeding')
                if p() < 0.4:
                    sym(F, rng, 'cibh', dir=c(['constipated', 'alternating']))
            elif s == 'cibh':
                sym(F, rng, 'cibh')
            else:
                sym(F, rng, 'weight_loss')
                sym(F, rng, 'abdominal_pain')
            if v == 'fit_pending':
                F['fit_pending'] = {'days_before': r(2, 10)}
        if p() < 0.5:
            add_normal_bloods(F, rng)
    # ---------------- R1
    elif rule == 'R1':
        if v in ('bloody_diarrhoea', 'known_ibd_flare'):
            sym(F, rng, 'bloody_diarrhoea')
            if v == 'known_ibd_flare':
                F['pos']['ibd_known'] = {'type': c(['ulcerative colitis', "Crohn's colitis"]),
                                         'years': r(2, 12), 'stable': False, 'question': None,
                                         'drug': c(['mesalazine 2.4 g daily', 'azathioprine 100 mg daily'])}
            if p() < 0.4:
                sym(F, rng, 'abdominal_pain')
            if p() < 0.4:
                addval(F, 'calprotectin', c([r(300, 1800), r(120, 240)]), r(2, 8))
        else:
            if v == 'calpro_line':
                cv = [250, 252, 255, 260][idx % 4]
                addval(F, 'calprotectin', cv, r(4, 20))
                bnd('calprotectin >= 250', cv, 'at_or_above')
            elif v == 'calpro_high':
                addval(F, 'calprotectin', r(300, 1800), r(4, 20))
            else:
                addval(F, 'calprotectin', r(120, 200), r(60, 100))
                cv = r(265, 330)
                addval(F, 'calprotectin', cv, r(4, 20))
                bnd('calprotectin >= 250 (repeat, newest decides)', cv, 'at_or_above')
            sym(F, rng, 'cibh', dir='looser')
            if p() < 0.6:
                sym(F, rng, 'abdominal_pain')
            if p() < 0.3:
                fit_low(F, rng)
        if p() < 0.5:
            add_normal_bloods(F, rng)
    # ---------------- R2
    elif rule == 'R2':
        if v == 'alt_line':
            av = [300, 305, 310][idx % 3]
            addval(F, 'alt', av, r(2, 14))
            bnd('ALT >= 300', av, 'at_or_above')
        elif v == 'alt_repeat_up':
            addval(F, 'alt', r(180, 260), r(40, 80))
            av = r(301, 330)
            addval(F, 'alt', av, r(2, 14))
            bnd('ALT >= 300 (repeat, newest decides)', av, 'at_or_above')
        elif v == 'alt_high':
            addval(F, 'alt', r(350, 1400), r(1, 10))
        else:
            sym(F, rng, 'cirrhosis')
            sym(F, rng, 'ascites' if v == 'cirr_ascites' else 'confusion')
            if p() < 0.5:
                addval(F, 'alt', r(25, 90), r(2, 14))
        if p() < 0.5:
            addval(F, 'hb', normal_hb(F, rng), r(2, 14))
    # ---------------- R3
    elif rule == 'R3':
        sym(F, rng, 'haematemesis')
        if age < 55 and p() < 0.4:
            sym(F, rng, 'dyspepsia')
        if p() < 0.6:
            add_normal_bloods(F, rng, alt=p() < 0.5, days=r(0, 3))
    # ---------------- O1
    elif rule == 'O1':
        if v == 'age_line_dob':
            mode = 'just'
            bnd('age >= 55 (O1)', 55, 'at_or_above')
        sym(F, rng, 'dyspepsia')
        drug = c(['omeprazole 20 mg once daily', 'lansoprazole 30 mg once daily', 'omeprazole 40 mg daily',
                  'esomeprazole 20 mg daily', 'lansoprazole 15 mg daily'])
        if v == 'ppi_line':
            k = idx % 4
            if k == 0:
                F['ppi'] = {'days': 28, 'mode': 'days', 'drug': drug}
            elif k == 1:
                F['ppi'] = {'days': 28, 'mode': 'weeks', 'weeks': 4, 'drug': drug}
            elif k == 2:
                F['ppi'] = {'days': 35, 'mode': 'weeks', 'weeks': 5, 'drug': drug}
            else:
                F['ppi'] = {'days': 29, 'mode': 'start_date', 'drug': drug}
            bnd('PPI >= 4 weeks (treatment-resistant dyspepsia)', F['ppi']['days'], 'at_or_above')
        else:
            w = r(6, 26)
            F['ppi'] = {'days': w * 7, 'mode': 'weeks', 'weeks': w, 'drug': drug}
        if p() < 0.5:
            add_normal_bloods(F, rng)
    # ---------------- O2
    elif rule == 'O2':
        if v == 'calpro_low_line':
            cv = [100, 102, 105][idx % 3]
            bnd('calprotectin 100 to 249 (lower edge)', cv, 'at_or_above')
            addval(F, 'calprotectin', cv, r(4, 20))
        elif v == 'calpro_high_line':
            cv = [249, 245, 240][idx % 3]
            bnd('calprotectin 100 to 249 (upper edge, below 250)', cv, 'below')
            addval(F, 'calprotectin', cv, r(4, 20))
        elif v == 'calpro_repeat_down':
            addval(F, 'calprotectin', r(280, 340), r(60, 100))
            cv = r(150, 220)
            addval(F, 'calprotectin', cv, r(4, 20))
            bnd('calprotectin >= 250 (repeat, newest decides)', cv, 'below')
        else:
            addval(F, 'calprotectin', r(110, 235), r(4, 20))
        s = c(['cibh', 'pain', 'both', 'bloat'])
        if s in ('cibh', 'both'):
            sym(F, rng, 'cibh', dir=c(['looser', 'alternating', 'looser']))
        if s in ('pain', 'both'):
            sym(F, rng, 'abdominal_pain')
        if s == 'bloat':
            sym(F, rng, 'bloating')
            sym(F, rng, 'abdominal_pain')
        if p() < 0.4:
            fit_low(F, rng)
        if p() < 0.5:
            add_normal_bloods(F, rng)
    # ---------------- O3 known IBD stable with a question
    elif rule == 'O3':
        typ = c(['ulcerative colitis', "Crohn's disease", 'ulcerative colitis', "ileal Crohn's disease"])
        drugs = {'ulcerative colitis': ['mesalazine 2.4 g daily', 'mesalazine 1.2 g daily', 'azathioprine 125 mg daily'],
                 "Crohn's disease": ['azathioprine 100 mg daily', 'adalimumab 40 mg fortnightly',
                                     'methotrexate 15 mg weekly'],
                 "ileal Crohn's disease": ['azathioprine 150 mg daily', 'adalimumab 40 mg fortnightly']}
        F['pos']['ibd_known'] = {'type': typ, 'years': r(3, 20), 'stable': True,
                                 'drug': c(drugs[typ]), 'question': r(0, 7), 'remission_years': r(2, 8)}
        if v == 'calpro_ok_line':
            cv = [95, 99][idx % 2]
            addval(F, 'calprotectin', cv, r(5, 40))
            bnd('calprotectin < 100 (below O2)', cv, 'below')
        elif p() < 0.4:
            addval(F, 'calprotectin', r(10, 60), r(5, 60))
        if p() < 0.5:
            add_normal_bloods(F, rng)
    # ---------------- O4 coeliac serology
    elif rule == 'O4':
        ref = c([7, 10, 15, 4])
        F['pos']['coeliac_pos'] = {'ttg': c([r(20, 120), '>128', r(ref + 5, 60)]), 'ref': ref}
        s = c(['bloat', 'cibh', 'pain', 'tired', 'bloat'])
        if s == 'bloat':
            sym(F, rng, 'bloating')
        elif s == 'cibh' and age < 60:
            sym(F, rng, 'cibh', dir=c(['looser', 'alternating']))
        elif s == 'pain':
            sym(F, rng, 'abdominal_pain')
        addval(F, 'hb', normal_hb(F, rng), r(5, 30))
        addval(F, 'ferritin', c([r(8, 25), r(40, 120)]), r(5, 30))
        if p() < 0.3:
            fit_low(F, rng)
    # ---------------- O5 liver
    elif rule == 'O5':
        if v == 'alt_low_line':
            av = [40, 41, 42, 44][idx % 4]
            addval(F, 'alt', av, r(4, 30), ref=c(['0-40', '0-50', '<45', '10-50']))
            bnd('ALT 40 to 299 (lower edge)', av, 'at_or_above')
        elif v == 'alt_high_line':
            av = [299, 295, 290][idx % 3]
            addval(F, 'alt', av, r(4, 30))
            bnd('ALT < 300 (upper edge of O5)', av, 'below')
        elif v == 'alt_uln':
            addval(F, 'alt', 120, r(4, 30), qual='uln', shown_uln='3x ULN')
        elif v == 'fatty':
            sym(F, rng, 'fatty_liver')
            if p() < 0.5:
                addval(F, 'alt', c([r(15, 38), r(45, 110)]), r(4, 30))
        else:
            addval(F, 'alt', r(55, 240), r(4, 30))
            if p() < 0.4 and age >= 40:
                sym(F, rng, 'cirrhosis')
                F['pos']['cirrhosis']['ascites_resolved'] = True
        if p() < 0.5:
            addval(F, 'hb', normal_hb(F, rng), r(4, 30))
    # ---------------- O6 FIT < 10
    elif rule == 'O6':
        if v == 'fit_line_low':
            fv = [9, 9, 8][idx % 3]
            fit_low(F, rng, v=fv)
            bnd('FIT < 10', fv, 'below')
            s = c(['rb', 'cibh', 'pain'])
            if s == 'cibh' and age < 60:
                s = 'rb'
            sym(F, rng, {'rb': 'rectal_bleeding', 'cibh': 'cibh', 'pain': 'abdominal_pain'}[s])
        elif v == 'rb_old_fit_low':
            fit_low(F, rng)
            sym(F, rng, 'rectal_bleeding')
            if p() < 0.3:
                sym(F, rng, 'abdominal_pain')
        elif v == 'cibh_old_fit_low':
            fit_low(F, rng)
            sym(F, rng, 'cibh')
            if p() < 0.3:
                sym(F, rng, 'abdominal_pain')
        elif v == 'pain_old':
            fit_low(F, rng)
            sym(F, rng, 'abdominal_pain')
            if p() < 0.3:
                sym(F, rng, 'bloating')
        elif v == 'young_rb':
            fit_low(F, rng)
            sym(F, rng, 'rectal_bleeding')
        elif v == 'fit_repeat_down':
            addval(F, 'fit', r(11, 16), r(80, 120))
            fv = r(3, 7)
            addval(F, 'fit', fv, r(5, 20))
            bnd('FIT >= 10 (repeat, newest decides)', fv, 'below')
            sym(F, rng, c(['rectal_bleeding', 'abdominal_pain']))
        if p() < 0.5:
            add_normal_bloods(F, rng)
    # ---------------- D anything else
    elif rule == 'D':
        if v == 'rb49_dob':
            mode = 'soon'
            sym(F, rng, 'rectal_bleeding')
            bnd('age >= 50 with rectal bleeding (U8)', 49, 'below')
        elif v == 'cibh59_dob':
            mode = 'soon'
            sym(F, rng, 'cibh')
            bnd('age >= 60 with change in bowel habit (U8)', 59, 'below')
        elif v == 'wlpain39_dob':
            mode = 'soon'
            sym(F, rng, 'weight_loss')
            sym(F, rng, 'abdominal_pain')
            bnd('age >= 40 with weight loss and abdominal pain (U8)', 39, 'below')
        elif v == 'hb_line_no':
            if idx % 2 == 0:
                F['sex'] = sex = 'M'
                hv = 130
            else:
                F['sex'] = sex = 'F'
                hv = 120
            addval(F, 'hb', hv, r(5, 25), unit=c(['g/L', 'g/dL']), force_unit=True)
            addval(F, 'ferritin', r(5, 18), r(5, 25))
            bnd('Hb < 130 g/L man / < 120 g/L woman', hv, 'at_line_not_below')
        elif v == 'ferr_line_no':
            thr = 130 if sex == 'M' else 120
            addval(F, 'hb', thr - r(10, 22), r(5, 25))
            fv = [30, 31][idx % 2]
            addval(F, 'ferritin', fv, r(5, 25))
            bnd('ferritin < 30 ug/L', fv, 'at_or_above')
        elif v == 'ppi_short':
            sym(F, rng, 'dyspepsia')
            drug = c(['omeprazole 20 mg daily', 'lansoprazole 30 mg daily'])
            if idx % 2 == 0:
                F['ppi'] = {'days': 21, 'mode': 'weeks', 'weeks': 3, 'drug': drug}
            else:
                F['ppi'] = {'days': 26, 'mode': 'start_date', 'drug': drug}
            bnd('PPI >= 4 weeks (treatment-resistant dyspepsia)', F['ppi']['days'], 'below')
        elif v == 'young_pain_notest':
            s = c(['pain', 'bloat', 'cibh', 'pain_bloat'])
            if s in ('pain', 'pain_bloat'):
                sym(F, rng, 'abdominal_pain')
            if s in ('bloat', 'pain_bloat'):
                sym(F, rng, 'bloating')
            if s == 'cibh':
                sym(F, rng, 'cibh')
        elif v == 'irondef_no_anaemia':
            addval(F, 'hb', normal_hb(F, rng), r(5, 25))
            addval(F, 'ferritin', r(6, 22), r(5, 25))
        elif v == 'anaemia_no_irondef':
            thr = 130 if sex == 'M' else 120
            addval(F, 'hb', thr - r(12, 25), r(5, 25))
            addval(F, 'ferritin', r(90, 400), r(5, 25))
            F['extra_b12'] = r(70, 140)
        elif v == 'wl_alone':
            sym(F, rng, 'weight_loss')
            add_normal_bloods(F, rng)
        elif v == 'nausea':
            F['nausea'] = True
            add_normal_bloods(F, rng)
        elif v == 'coeliac_neg_bloating_old':
            sym(F, rng, 'bloating')
            F['ttg_negative'] = True
            add_normal_bloods(F, rng)
        elif v == 'young_rb_notest':
            sym(F, rng, 'rectal_bleeding')
        elif v == 'cibh_young_notest':
            sym(F, rng, 'cibh')
        if mode and p() < 0.4:
            add_normal_bloods(F, rng, days=r(1, 2))
    # ---------------- A1
    elif rule == 'A1':
        if v == 'age_line_dob':
            mode = 'soon'
            bnd('age < 50 (A1)', 49, 'below')
        s = c(['pain', 'bloat', 'cibh', 'pain_bloat', 'cibh_pain'])
        if 'pain' in s:
            sym(F, rng, 'abdominal_pain')
        if 'bloat' in s:
            sym(F, rng, 'bloating')
        if 'cibh' in s:
            sym(F, rng, 'cibh')
        if v == 'calpro_line':
            cv = [99, 95][idx % 2]
            addval(F, 'calprotectin', cv, r(4, 30))
            bnd('calprotectin < 100', cv, 'below')
        elif v == 'fit_line':
            fv = [9, 8][idx % 2]
            fit_low(F, rng, v=fv)
            bnd('FIT < 10', fv, 'below')
        else:
            t = c(['cal', 'fit', 'both'])
            if t in ('cal', 'both'):
                addval(F, 'calprotectin', r(10, 80), r(4, 30))
            if t in ('fit', 'both'):
                fit_low(F, rng)
        if mode and 'fit' not in F['vals'] and 'calprotectin' not in F['vals']:
            addval(F, 'calprotectin', r(10, 60), r(1, 2))
        if p() < 0.6:
            add_normal_bloods(F, rng, days=r(1, 2) if mode else None)
        if p() < 0.35:
            F['ttg_negative'] = True
    # ---------------- A2
    elif rule == 'A2':
        if v == 'age_line_dob':
            mode = 'soon'
            bnd('age < 55 (A2)', 54, 'below')
        s = c(['dysp', 'reflux', 'both'])
        if s in ('dysp', 'both'):
            sym(F, rng, 'dyspepsia')
        if s in ('reflux', 'both'):
            sym(F, rng, 'reflux')
        if p() < 0.5:
            w = r(2, 16)
            F['ppi'] = {'days': w * 7, 'mode': 'weeks', 'weeks': w,
                        'drug': c(['omeprazole 20 mg daily', 'lansoprazole 30 mg daily'])}
        if p() < 0.4:
            add_normal_bloods(F, rng, days=r(1, 2) if mode else None)
    # ---------------- A3
    elif rule == 'A3':
        sym(F, rng, 'fh_crc')
        if p() < 0.3:
            F['pos']['fh_crc']['second'] = c(['maternal uncle', 'paternal aunt', 'grandfather'])
    else:
        raise ValueError(rule)

    if layout == 'nhs111':
        F['vals'] = {}          # a telephone assessment has no results to quote
    if mode is not None:
        set_age(F, rng, F['boundary'][0]['value'] if F['boundary'] and F['boundary'][0]['line'].startswith('age')
                else age, mode)
    else:
        set_age(F, rng, age)
        F['age_mode'] = c(['stated', 'stated', 'stated_dob', 'stated_dob', 'dob_only', 'words'])
    # values: convert days_before -> dates
    for name, L_ in F['vals'].items():
        for e in L_:
            e['date'] = F['letter_date'] - TD(e['days_before'])
    if F['ppi'] and F['ppi']['mode'] == 'start_date':
        F['ppi']['start_date'] = F['letter_date'] - TD(F['ppi']['days'])
    if F['fit_pending']:
        F['fit_pending']['date'] = F['letter_date'] - TD(F['fit_pending']['days_before'])
    # age boundary letters: every dated item must sit on the same side of the birthday
    fl, ce = F.get('date_floor'), F.get('date_ceiling')
    for L_ in F['vals'].values():
        for e in L_:
            if fl and e['date'] < fl:
                return None
            if ce and e['date'] > ce:
                return None
    if F['ppi'] and F['ppi'].get('start_date') and fl and F['ppi']['start_date'] < fl:
        F['ppi']['start_date_before_birthday'] = True
    return F


# ---------------------------------------------------------------------------
# People, places, identifiers
# ---------------------------------------------------------------------------

FIRST_M = ['John', 'David', 'Peter', 'Michael', 'Stephen', 'Mohammed', 'Graham', 'Kevin', 'Anthony', 'Rajesh',
           'Gareth', 'Keith', 'Tomasz', 'Dennis', 'Colin', 'Ian', 'Marcus', 'Liam', 'Ryan', 'Callum', 'Derek',
           'Barry', 'Hamza', 'Owen', 'Nigel', 'Samuel', 'Oluwaseun', 'Frank', 'Alan', 'Jamie']
FIRST_F = ['Margaret', 'Susan', 'Joan', 'Patricia', 'Aisha', 'Claire', 'Helen', 'Sandra', 'Priya', 'Gemma',
           'Eileen', 'Joanne', 'Agnieszka', 'Doreen', 'Karen', 'Rachel', 'Fatima', 'Chloe', 'Lauren', 'Siobhan',
           'Brenda', 'Nicola', 'Amira', 'Shirley', 'Hannah', 'Olivia', 'Yvonne', 'Bernadette', 'Kirsty', 'Ngozi']
SURNAMES = ['Pemberton', 'Hughes', 'Okafor', 'Kowalski', 'Patel', 'Thompson', 'McAllister', 'Begum', 'Fletcher',
            'Doyle', 'Harrison', 'Nowak', 'Ahmed', 'Price', 'Gallagher', 'Whitfield', 'Singh', 'Roberts', 'Lloyd',
            'Chapman', 'Mensah', 'Barker', 'Hussain', 'Dawson', 'Evans', 'Kaur', 'Brennan', 'Ashworth', 'Nolan',
            'Sutcliffe', 'Osei', 'Fitzgerald', 'Marsh', 'Bailey', 'Khan', 'Holt', 'Rahman', 'Jenkins', 'Walsh',
            'Grant']
DOCS = ['Dr A. Okonkwo', 'Dr S. Bennett', 'Dr R. Malhotra', 'Dr H. Greaves', 'Dr L. Fairbairn', 'Dr T. Ngata',
        'Dr C. Ellwood', 'Dr P. Varma', 'Dr J. Kilbride', 'Dr M. Oduya', 'Dr E. Szabo', 'Dr K. Prentice',
        'Dr F. Qureshi', 'Dr G. Lindqvist', 'Dr N. Ashdown', 'Dr B. Carrick', 'Dr W. Tennant', 'Dr D. Arkwright']
CONSULTANTS = ['Dr Rahman', 'Dr Whitaker', 'Dr Chaudhry', 'Dr Lomax', 'Dr Ferreira', 'Dr McBride', 'Dr Iqbal',
               'Dr Stanton']
PRACTICES = [('Riverside Medical Centre', '14 Mill Lane, Bramford', 'BR4 7QT', 'B82034'),
             ('The Old Forge Surgery', 'Forge Street, Ashby Wold', 'AW2 3LN', 'C84112'),
             ('Parkview Health Centre', '2 Park Road, Eastfold', 'EF9 1RD', 'M85061'),
             ('Canal Side Practice', '88 Wharf Road, Kelbury', 'KB3 8HU', 'P81007'),
             ('Heathfield Group Practice', 'Heathfield Avenue, Norbridge', 'NB7 2PS', 'J82155'),
             ('St Luke\'s Surgery', '41 Church Walk, Dunmore', 'DN5 6AW', 'Y02718'),
             ('Moorland View Medical Practice', 'Moor Road, Hexley', 'HX1 4TT', 'B86019'),
             ('Queensway Family Practice', '301 Queensway, Marlow Vale', 'MV6 0QE', 'F81203')]
HOSP = 'County General Hospital'
RELS = ['daughter', 'son', 'wife', 'husband', 'partner']


def nhs_number(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(d[i] * (10 - i) for i in range(9))
        chk = 11 - s % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        n = ''.join(map(str, d + [chk]))
        return n[:3] + ' ' + n[3:6] + ' ' + n[6:]


MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
          'November', 'December']


def fdate(d, style):
    if style == 'slash':
        return d.strftime('%d/%m/%Y')
    if style == 'dot':
        return d.strftime('%d.%m.%Y')
    if style == 'short':
        return '%d %s %d' % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == 'long':
        suf = 'th' if 11 <= d.day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d.day % 10, 'th')
        return '%d%s %s %d' % (d.day, suf, MONTHS[d.month - 1], d.year)
    if style == 'plain':
        return '%d %s %d' % (d.day, MONTHS[d.month - 1], d.year)
    if style == 'dash':
        return '%02d-%s-%d' % (d.day, MONTHS[d.month - 1][:3], d.year)
    raise ValueError(style)


UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
         'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']


def num_words(n):
    if n < 20:
        return UNITS[n]
    t, u = divmod(n, 10)
    return TENS[t] + ('-' + UNITS[u] if u else '')


def make_ctx(F, rng):
    m = F['sex'] == 'M'
    first = rng.choice(FIRST_M if m else FIRST_F)
    sur = rng.choice(SURNAMES)
    if m:
        title = 'Mr'
    else:
        title = rng.choice(['Mrs', 'Ms', 'Miss', 'Mrs']) if F['age'] >= 25 else rng.choice(['Miss', 'Ms'])
    partner = rng.choice(['wife', 'partner']) if m else rng.choice(['husband', 'partner'])
    rel = rng.choice(['daughter', 'son', partner]) if F['age'] >= 50 else rng.choice([partner, 'mother', 'sister'])
    return {'He': 'He' if m else 'She', 'he': 'he' if m else 'she', 'His': 'His' if m else 'Her',
            'his': 'his' if m else 'her', 'him': 'him' if m else 'her', 'self': 'himself' if m else 'herself',
            'man': 'man' if m else 'woman', 'lady': 'gentleman' if m else 'lady', 'title': title,
            'first': first, 'sur': sur, 'partner': partner, 'rel': rel, 'sexword': 'Male' if m else 'Female',
            'sexletter': 'M' if m else 'F'}


def third_person(ctx):
    c = dict(ctx)
    c.update({'He': 'The patient', 'he': 'the patient', 'His': "The patient's", 'his': "the patient's",
              'him': 'the patient'})
    return c


def fill(t, ctx, d=None):
    kw = dict(ctx)
    if d:
        kw.update(d)
    return t.format(**kw)


# ---------------------------------------------------------------------------
# Phrase banks.  Positive phrases (long / short), negations, other distractor kinds
# ---------------------------------------------------------------------------

def blood_desc(t):
    return {'bright': 'bright red blood on the paper and in the pan', 'dark_mixed': 'dark red blood mixed in with the stool',
            'on_paper': 'fresh blood on the toilet paper after opening {his} bowels'}[t]


def cibh_desc(d):
    return {'looser': 'looser, more frequent stools, three or four times a day',
            'constipated': 'constipation, now opening {his} bowels every three or four days where before it was daily',
            'alternating': 'alternating constipation and looser stools'}[d]


def pain_site(s):
    return {'lower': 'crampy lower abdominal pain', 'left iliac fossa': 'pain in the left iliac fossa',
            'right iliac fossa': 'right iliac fossa pain', 'suprapubic': 'cramping suprapubic pain'}[s]


POS_LONG = {
    'dysphagia': ['{He} has had difficulty swallowing {what} for about {weeks} weeks',
                  '{He} describes food sticking behind the lower breastbone when {he} swallows, worse with bread and meat, over the last {weeks} weeks',
                  'There is progressive dysphagia to {what}, now for {weeks} weeks',
                  'Over the past {weeks} weeks {he} has found that food sticks on swallowing and {he} has to wash it down with water',
                  '{He} reports new dysphagia ({what}) of {weeks} weeks\' duration'],
    'rectal_mass': ['On PR examination there is a firm, irregular mass on the {wall} wall of the rectum, about {cm} cm from the anal verge',
                    'DRE: hard, craggy mass at the tip of the examining finger on the {wall} wall',
                    'I could feel a rectal mass on digital examination ({wall} wall, roughly {cm} cm up)'],
    'anal_mass': ['There is a firm {cm} cm mass at the anal margin at {clock} o\'clock which does not look or feel like a haemorrhoid',
                  'Examination shows a hard, irregular anal mass of about {cm} cm at {clock} o\'clock'],
    'abdominal_mass': ['There is a firm, non-tender mass of about {cm} cm palpable in the {site}',
                       'Abdominal examination reveals a mass in the {site}, approximately {cm} cm across',
                       'I can feel a hard {cm} cm mass in the {site}'],
    'weight_loss': ['{He} has lost {kg} kg over the last {months} months without trying',
                    'There has been unintentional weight loss of {kg} kg in {months} months ({w1} kg down to {w2} kg)',
                    '{His} weight has fallen from {w1} kg to {w2} kg over {months} months and {he} is not dieting'],
    'jaundice': ['{He} is clinically jaundiced, with yellow sclerae and dark urine for {days} days',
                 'Painless jaundice for about {days} days - the sclerae are visibly yellow on examination today',
                 '{He} has become jaundiced over the last {days} days; skin and sclerae are yellow'],
    'rectal_bleeding': ['{He} has had {blood} for {weeks} weeks', 'For the last {weeks} weeks {he} has noticed {blood}',
                        'Rectal bleeding for {weeks} weeks: {blood}'],
    'cibh': ['{He} has had a change in bowel habit for {weeks} weeks, with {cdesc}',
             'There has been a change in bowel habit over {weeks} weeks: {cdesc}',
             'For {weeks} weeks {his} bowel habit has changed, with {cdesc}'],
    'bloody_diarrhoea': ['{He} has had bloody diarrhoea for {days} days, opening {his} bowels {per_day} times a day with blood mixed in',
                         '{per_day} episodes a day of loose stool mixed with blood and mucus over the last {days} days, with urgency',
                         'Bloody diarrhoea for {days} days, up to {per_day} times a day'],
    'haematemesis': ['{He} vomited {amount} of fresh red blood {days_ago} days ago',
                     '{He} had one episode of haematemesis {days_ago} days ago ({amount} of bright red blood) and has been stable since',
                     '{days_ago} days ago {he} brought up {amount} of fresh blood in {his} vomit'],
    'dyspepsia': ['{He} has had dyspepsia for {months} months', '{He} has had indigestion most days for {months} months',
                  '{He} complains of indigestion after meals for around {months} months'],
    'reflux': ['{He} has troublesome heartburn and acid reflux, mostly in the evenings, for {months} months',
               '{He} has had reflux symptoms for {months} months',
               'Acid reflux and heartburn for the last {months} months'],
    'upper_abdominal_pain': ['{He} has epigastric pain, worse after eating, for {weeks} weeks',
                             '{He} describes upper abdominal pain for {weeks} weeks',
                             'Upper abdominal (epigastric) pain for {weeks} weeks'],
    'abdominal_pain': ['{He} has had {sitepain} for {weeks} weeks', '{Sitepain}, on and off for {weeks} weeks',
                       '{He} reports {sitepain} over the last {weeks} weeks'],
    'bloating': ['{He} gets bloated most afternoons', 'Marked bloating for {months} months',
                 '{He} is troubled by abdominal bloating for {months} months'],
    'ascites': ['{He} now has ascites - the abdomen is distended with shifting dullness',
                'There is new ascites, with a tense distended abdomen and shifting dullness'],
    'confusion': ['Over the past week {he} has become increasingly confused, and today {he} is disorientated in time and place',
                  '{He} is newly confused - muddled and drowsy for three or four days'],
    'cirrhosis': ['{He} has known {cause} cirrhosis, diagnosed in {year}',
                  'Background of {cause} cirrhosis (diagnosed {year})'],
}

POS_SHORT = {
    'dysphagia': ['dysphagia to {what} x{weeks}/52', 'dysphagia {weeks} wks', 'food sticking on swallowing {weeks}/52'],
    'rectal_mass': ['PR: firm {wall} wall rectal mass', 'rectal mass on PR ({cm} cm)'],
    'anal_mass': ['anal mass {cm} cm at {clock} o\'clock', 'hard anal margin mass'],
    'abdominal_mass': ['palpable {site} mass ~{cm} cm', '{site} mass on exam'],
    'weight_loss': ['wt loss {kg} kg over {months}/12', 'unintentional weight loss {kg} kg', '{kg}kg weight loss, not trying'],
    'jaundice': ['jaundiced', 'painless jaundice {days}/7', 'yellow sclerae - jaundiced'],
    'rectal_bleeding': ['PR bleeding {weeks}/52', 'rectal bleeding x{weeks}/52', 'fresh PR bleed {weeks} wks'],
    'cibh': ['CIBH x{weeks}/52 ({cshort})', 'change in bowel habit {weeks} wks ({cshort})'],
    'bloody_diarrhoea': ['bloody diarrhoea {per_day}x/day for {days}/7', 'bloody diarrhoea {days} days'],
    'haematemesis': ['haematemesis x1 {days_ago}/7 ago', 'vomited fresh blood {days_ago} days ago'],
    'dyspepsia': ['dyspepsia {months}/12', 'indigestion {months} months'],
    'reflux': ['reflux {months}/12', 'heartburn/reflux'],
    'upper_abdominal_pain': ['epigastric pain {weeks}/52', 'upper abdo pain {weeks} wks'],
    'abdominal_pain': ['{siteshort} pain {weeks}/52', '{siteshort} abdo pain {weeks} wks'],
    'bloating': ['bloating', 'bloating {months}/12'],
    'ascites': ['new ascites', 'ascites (shifting dullness)'],
    'confusion': ['new confusion', 'confused ++'],
    'cirrhosis': ['known {cause} cirrhosis', '{cause} cirrhosis'],
}
SITE_SHORT = {'lower': 'lower', 'left iliac fossa': 'LIF', 'right iliac fossa': 'RIF', 'suprapubic': 'suprapubic'}
CIBH_SHORT = {'looser': 'looser', 'constipated': 'constipated', 'alternating': 'alternating'}

# clause used at the end of a denial run ("no X, no Y; she does however report ...")
POS_END = {
    'dysphagia': ['{he} does however describe food sticking on swallowing for {weeks} weeks',
                  'but {he} has had difficulty swallowing {what} for {weeks} weeks'],
    'rectal_bleeding': ['{he} does however report {blood}', 'but {he} has noticed {blood} for {weeks} weeks'],
    'cibh': ['but {his} bowel habit has changed over {weeks} weeks, with {cdesc}',
             '{he} does however have a change in bowel habit ({cshort}) for {weeks} weeks'],
    'weight_loss': ['but {he} has lost {kg} kg over {months} months without trying',
                    '{he} has however lost {kg} kg unintentionally'],
    'reflux': ['{he} does however have heartburn and reflux most days', 'but {he} has troublesome reflux'],
    'dyspepsia': ['but {he} does have indigestion most days', '{he} does however have ongoing indigestion'],
    'abdominal_pain': ['but {he} does have {sitepain}', '{he} does however report {sitepain}'],
    'upper_abdominal_pain': ['but {he} does have epigastric pain after meals'],
    'bloating': ['but {he} is very bloated most evenings'],
    'haematemesis': ['but {he} did vomit {amount} of fresh blood {days_ago} days ago'],
    'bloody_diarrhoea': ['but {he} has bloody diarrhoea, {per_day} times a day'],
    'jaundice': ['but {he} is visibly jaundiced today'],
}

NEG = {
    'dysphagia': ['no dysphagia', 'no difficulty swallowing', 'swallowing normal', 'denies dysphagia'],
    'weight_loss': ['no weight loss', 'weight stable', 'weight steady', 'no unintentional weight loss'],
    'rectal_bleeding': ['no rectal bleeding', 'no PR bleeding', 'no blood in the stool'],
    'cibh': ['no change in bowel habit', 'bowels unchanged', 'bowel habit normal'],
    'bloody_diarrhoea': ['no bloody diarrhoea'],
    'haematemesis': ['no haematemesis', 'no vomiting of blood'],
    'jaundice': ['not jaundiced', 'no jaundice'],
    'dyspepsia': ['no dyspepsia', 'no indigestion'],
    'reflux': ['no reflux', 'no heartburn or reflux'],
    'upper_abdominal_pain': ['no epigastric pain', 'no upper abdominal pain'],
    'abdominal_pain': ['no abdominal pain', 'denies abdominal pain'],
    'bloating': ['no bloating'],
    'abdominal_mass': ['no abdominal mass', 'abdomen soft with no masses', 'no palpable masses'],
    'rectal_mass': ['PR: no mass felt', 'no rectal mass on PR', 'DRE normal, no mass'],
    'anal_mass': ['no anal mass', 'anal margin normal, no mass'],
    'ascites': ['no ascites', 'no shifting dullness or ascites'],
    'confusion': ['no confusion', 'alert and orientated, not confused'],
    'fatty_liver': ['liver ultrasound normal, with no fatty change'],
    'fh_crc': ['no family history of bowel cancer', 'no FH of colorectal cancer'],
}
NEU_NEG = ['no vomiting', 'no night sweats', 'no fever', 'no chest pain', 'appetite normal', 'no nausea',
           'no urinary symptoms', 'no cough']

OTHER_DX = {
    ('dysphagia', 'resolved'): ['a single food bolus episode in {year}, with no swallowing problems since'],
    ('dysphagia', 'treated_cured'): ['a benign oesophageal stricture, dilated in {year}; {he} has swallowed normally ever since'],
    ('dysphagia', 'hypothetical'): ['If {he} develops any difficulty swallowing I would be grateful if you could see {him} sooner',
                                    'I have advised {him} to come back straight away if {he} has any difficulty swallowing'],
    ('dysphagia', 'family'): ['{His} mother had oesophageal cancer, which began with difficulty swallowing'],
    ('dysphagia', 'refuted_worry'): ['{He} was worried about a "lump in the throat", but there is no true difficulty swallowing and this sounds like globus'],
    ('rectal_bleeding', 'resolved'): ['rectal bleeding in {year}, none since',
                                      'a spell of bleeding from a fissure in {year}, which healed, with no bleeding since'],
    ('rectal_bleeding', 'treated_cured'): ['bleeding haemorrhoids, banded in {year}, with no bleeding since'],
    ('rectal_bleeding', 'hypothetical'): ['{He} knows to come back if {he} notices any rectal bleeding',
                                          'Advised to seek review if any rectal bleeding'],
    ('rectal_bleeding', 'other_person'): ['{His} {partner}, who came with {him}, has been having rectal bleeding and is being seen separately'],
    ('rectal_bleeding', 'refuted_worry'): ['{He} was alarmed by red stools after eating beetroot, but there has been no actual rectal bleeding'],
    ('cibh', 'resolved'): ['a spell of loose stools after antibiotics in {mon}, now back to {his} normal'],
    ('cibh', 'hypothetical'): ['to return if {his} bowel habit changes'],
    ('bloody_diarrhoea', 'resolved'): ['bloody diarrhoea with campylobacter in {year}, fully recovered'],
    ('bloody_diarrhoea', 'other_person'): ['{His} {rel2} had bloody diarrhoea with a stomach bug last month'],
    ('bloody_diarrhoea', 'hypothetical'): ['to call if {he} develops bloody diarrhoea'],
    ('haematemesis', 'resolved'): ['a Mallory-Weiss tear with haematemesis in {year}, none since'],
    ('haematemesis', 'hypothetical'): ['{He} knows to call 999 if {he} vomits blood'],
    ('haematemesis', 'family'): ['{His} brother had a bleeding ulcer and vomited blood'],
    ('jaundice', 'resolved'): ['hepatitis A with jaundice as a teenager, fully recovered'],
    ('jaundice', 'hypothetical'): ['advised to seek urgent review if {he} becomes jaundiced'],
    ('jaundice', 'family'): ['{His} father was jaundiced from gallstones in his sixties'],
    ('jaundice', 'refuted_worry'): ['{His} {rel} thought {he} looked yellow, but {he} is not jaundiced on examination in daylight and the bilirubin is normal'],
    ('weight_loss', 'resolved'): ['weight loss after a bereavement in {year}, since regained in full'],
    ('weight_loss', 'explained'): ['{He} has lost {kgx} kg deliberately with Slimming World and is pleased with it',
                                   '{His} weight is down {kgx} kg since starting semaglutide, which was the intention'],
    ('weight_loss', 'hypothetical'): ['I have asked {him} to let me know if {he} starts to lose weight'],
    ('weight_loss', 'refuted_worry'): ['{He} was convinced {he} had lost weight, but {his} weight today is exactly the same as at {his} review in {mon}'],
    ('weight_loss', 'other_person'): ['{His} {partner} has lost a great deal of weight on chemotherapy, which has been a worry for them both'],
    ('reflux', 'resolved'): ['reflux in {year} that settled and has not come back'],
    ('reflux', 'treated_cured'): ['reflux treated with a short course of omeprazole in {year}; now off it and symptom-free'],
    ('dyspepsia', 'treated_cured'): ['dyspepsia in {year} that settled completely after H. pylori eradication, with no indigestion since'],
    ('abdominal_mass', 'sign_gone'): ['On {d1} I thought I could feel a fullness in the {site2}; when I re-examined {him} on {d2}, after {his} bowels had opened, there was no mass'],
    ('abdominal_mass', 'refuted_worry'): ['{He} was worried {he} could feel a lump in {his} tummy, but on examination there is no abdominal mass - it was the edge of the rib cage'],
    ('rectal_mass', 'sign_gone'): ['On {d1} I wondered about a firm area on PR, but a repeat PR on {d2} was normal with no mass'],
    ('rectal_mass', 'refuted_worry'): ['{He} was concerned about a lump "down below", but on PR there is no rectal mass, only small external haemorrhoids'],
    ('cirrhosis', 'family'): ['{His} father died of alcohol-related cirrhosis'],
    ('ibd_known', 'family'): ['{His} sister has Crohn\'s disease', '{His} {famrel} has ulcerative colitis'],
    ('coeliac_pos', 'family'): ['{His} daughter has coeliac disease', '{His} brother has coeliac disease'],
    ('ascites', 'resolved'): ['ascites in {year} that resolved on spironolactone; no ascites now'],
}
# which distractor kinds are on offer for each fact (negated is always on offer)
DX_FACTS = ['dysphagia', 'weight_loss', 'rectal_bleeding', 'cibh', 'bloody_diarrhoea', 'haematemesis', 'jaundice',
            'dyspepsia', 'reflux', 'upper_abdominal_pain', 'abdominal_pain', 'bloating', 'abdominal_mass',
            'rectal_mass', 'anal_mass', 'ascites', 'confusion', 'cirrhosis', 'ibd_known', 'coeliac_pos',
            'fatty_liver', 'fh_crc']
EXAM_FACTS = {'abdominal_mass', 'rectal_mass', 'anal_mass', 'jaundice', 'ascites', 'confusion'}


def dx_kinds(fact):
    ks = ['negated'] if fact in NEG else []
    ks += [k for (f, k) in OTHER_DX if f == fact]
    return ks


QUESTIONS = [
    'can {he} stop {drug} now that {he} has been well for {remission_years} years?',
    'is it safe for {him} to have the shingles vaccine while on {drug}?',
    '{he} is planning a pregnancy - should {he} stay on {drug}?',
    'is {his} surveillance colonoscopy due? I cannot find a date in the notes.',
    '{he} is going travelling for six months - what should {he} do if {he} flares while abroad, and can we issue a longer supply of {drug}?',
    'could the dose of {drug} be reduced, as {he} is bothered by headaches?',
    'how often do {his} blood tests need monitoring on {drug}? The shared-care protocol we have is out of date.',
    'would you be happy for {him} to start a combined oral contraceptive alongside {drug}?',
]


def flip_pivotal(F, fact):
    """Would the label change if this fact were (wrongly) counted as present?"""
    if fact in F['pos']:
        return False
    G = dict(F)
    G['pos'] = dict(F['pos'])
    if fact == 'ibd_known':
        G['pos'][fact] = {'stable': True, 'question': 1}
    elif fact in ('ascites', 'confusion') and 'cirrhosis' not in F['pos']:
        return False
    elif fact == 'cibh':
        G['pos'][fact] = {'dir': 'constipated'}
    else:
        G['pos'][fact] = {}
    return RULES[classify(G)] != RULES[classify(F)]


def value_pivotal(F, name, newv):
    G = dict(F)
    G['vals'] = dict(F['vals'])
    G['vals'][name] = [{'v': newv, 'date': F['letter_date']}]
    return RULES[classify(G)] != RULES[classify(F)]


def choose_distractors(F, rng, n):
    P = F['pos']
    cands = []
    for f in DX_FACTS:
        if f in P:
            continue
        for k in dx_kinds(f):
            # clinical consistency with what is present
            if f == 'abdominal_pain' and k == 'negated' and ({'upper_abdominal_pain', 'dyspepsia'} & set(P)):
                continue
            if f in ('cibh', 'rectal_bleeding') and 'bloody_diarrhoea' in P:
                continue
            if f == 'bloody_diarrhoea' and ('rectal_bleeding' in P or 'cibh' in P) and k != 'resolved':
                continue
            if f == 'dyspepsia' and k == 'negated' and ({'reflux', 'upper_abdominal_pain'} & set(P)):
                continue
            if f in ('ascites', 'confusion') and 'cirrhosis' not in P:
                continue
            if f == 'ascites' and k == 'resolved' and P.get('cirrhosis', {}).get('ascites_resolved'):
                continue
            if f == 'fh_crc' and F['rule_target'] == 'A3':
                continue
            if f == 'rectal_mass' and 'anal_mass' in P:
                continue
            if f == 'anal_mass' and 'rectal_mass' not in P:
                continue   # one negated 'no mass on PR' is enough
            if f == 'weight_loss' and k == 'refuted_worry' and F['rule_target'] == 'A3':
                continue
            if f in ('dyspepsia', 'reflux') and k in ('treated_cured', 'resolved') and ({'dyspepsia', 'reflux'} & set(P)):
                continue
            if f == 'bloating' and 'abdominal_pain' not in P and F['rule_target'] in ('A1',):
                continue
            if f == 'jaundice' and k == 'refuted_worry' and 'alt' in F['vals'] and latest(F, 'alt') >= 40:
                pass
            if F['layout'] in ('community_matron', 'pharmacist_review', 'nhs111') and f in ('rectal_mass', 'anal_mass'):
                continue
            if F['layout'] == 'nhs111' and (f in EXAM_FACTS or k in ('sign_gone',)):
                continue
            if F['layout'] == 'gp_terse' and k not in ('negated', 'resolved', 'hypothetical'):
                continue
            piv = flip_pivotal(F, f)
            w = 3.0 if piv else 1.0
            if k != 'negated':
                w *= 0.6
            if k == 'refuted_worry':
                w *= 0.6
            cands.append((f, k, piv, w))
    chosen = []
    used = set()
    want_piv = rng.random() < 0.9
    n_story = 0
    for i in range(n):
        pool = [c for c in cands if c[0] not in used and (c[1] == 'negated' or n_story < 2)]
        if not pool:
            break
        if want_piv and i == 0:
            pp = [c for c in pool if c[2]]
            if pp:
                pool = pp
        tot = sum(c[3] for c in pool)
        x = rng.random() * tot
        for c in pool:
            x -= c[3]
            if x <= 0:
                break
        chosen.append({'fact': c[0], 'kind': c[1], 'pivotal': c[2]})
        used.add(c[0])
        if c[1] != 'negated':
            n_story += 1
    return chosen


# ---------------------------------------------------------------------------
# Document builder: text is a list of parts with roles, so every fact-bearing
# string is recorded with its exact position in the final letter
# ---------------------------------------------------------------------------

NP = {
    'dysphagia': ['difficulty swallowing {what} for {weeks} weeks', 'food sticking on swallowing for {weeks} weeks'],
    'rectal_bleeding': ['{blood} for {weeks} weeks', '{blood}'],
    'cibh': ['a change in bowel habit ({cshort}) for {weeks} weeks', 'a change in bowel habit, with {cdesc}'],
    'weight_loss': ['unintentional weight loss of {kg} kg over {months} months', 'weight loss of {kg} kg without trying'],
    'jaundice': ['painless jaundice, which I can confirm on examination', 'yellow sclerae - {he} is clearly jaundiced'],
    'bloody_diarrhoea': ['bloody diarrhoea {per_day} times a day for {days} days', 'diarrhoea mixed with blood for {days} days'],
    'haematemesis': ['vomited {amount} of fresh blood {days_ago} days ago', 'had a haematemesis {days_ago} days ago ({amount} of fresh blood)'],
    'dyspepsia': ['indigestion most days for {months} months', 'ongoing dyspepsia'],
    'reflux': ['troublesome reflux and heartburn', 'acid reflux most evenings'],
    'upper_abdominal_pain': ['epigastric pain after meals for {weeks} weeks', 'upper abdominal pain'],
    'abdominal_pain': ['{sitepain} for {weeks} weeks', '{sitepain}'],
    'bloating': ['marked bloating', 'bloating most evenings'],
}
NP_VERB = {'haematemesis': True}   # NP already starts with a verb ("vomited ...")
PC_NOUN = {'dysphagia': 'difficulty swallowing', 'rectal_bleeding': 'rectal bleeding', 'cibh': 'a change in bowel habit',
           'weight_loss': 'weight loss', 'jaundice': 'jaundice', 'bloody_diarrhoea': 'bloody diarrhoea',
           'haematemesis': 'haematemesis', 'dyspepsia': 'indigestion', 'reflux': 'reflux',
           'upper_abdominal_pain': 'epigastric pain', 'abdominal_pain': 'abdominal pain', 'bloating': 'bloating',
           'confusion': 'confusion', 'ascites': 'ascites', 'abdominal_mass': 'an abdominal mass',
           'rectal_mass': 'a rectal mass', 'anal_mass': 'an anal mass'}
HX_ORDER = ['dysphagia', 'haematemesis', 'bloody_diarrhoea', 'rectal_bleeding', 'cibh', 'weight_loss',
            'upper_abdominal_pain', 'abdominal_pain', 'dyspepsia', 'reflux', 'bloating', 'jaundice', 'confusion']
FORM_LABEL = {'dysphagia': 'Dysphagia', 'weight_loss': 'Unexplained weight loss', 'rectal_bleeding': 'Rectal bleeding',
              'cibh': 'Change in bowel habit', 'bloody_diarrhoea': 'Bloody diarrhoea', 'haematemesis': 'Haematemesis',
              'jaundice': 'Jaundice', 'dyspepsia': 'Dyspepsia', 'reflux': 'Reflux', 'upper_abdominal_pain': 'Upper abdominal pain',
              'abdominal_pain': 'Abdominal pain', 'bloating': 'Bloating', 'abdominal_mass': 'Abdominal mass',
              'rectal_mass': 'Rectal mass', 'anal_mass': 'Anal mass', 'ascites': 'Ascites', 'confusion': 'Confusion'}


class Doc:
    def __init__(self, transform=None):
        self.parts = []
        self.transform = transform

    def add(self, role, text, **info):
        if text == '':
            return
        self.parts.append([role, text, info])

    def b(self, text):
        self.add('b', text)

    def unit(self, unit):
        for p in unit:
            self.parts.append([p[0], p[1], dict(p[2])])

    def render(self, noise_rng=None):
        out = []
        pos = 0
        spans = []
        noisy = set()
        if noise_rng is not None:
            idx = [i for i, p in enumerate(self.parts) if p[0] == 'b' and re.search(r'[A-Za-z]{6,}', p[1])]
            if idx:
                noisy = set(noise_rng.sample(idx, min(len(idx), noise_rng.randint(1, 3))))
        for i, (role, text, info) in enumerate(self.parts):
            t = self.transform(text, role) if self.transform else text
            if i in noisy:
                t = add_noise(t, noise_rng)
            if role != 'b':
                spans.append({'role': role, 'text': t, 'start': pos, 'end': pos + len(t), 'info': info})
            out.append(t)
            pos += len(t)
        return ''.join(out), spans, bool(noisy)


def add_noise(t, rng):
    words = [m for m in re.finditer(r'[A-Za-z]{6,}', t)]
    if not words:
        return t
    m = rng.choice(words)
    w = m.group(0)
    k = rng.choice(['l1', 'rnm', 'swap', 'space', 'O0', 'drop'])
    if k == 'l1' and 'l' in w:
        i = w.index('l')
        w2 = w[:i] + '1' + w[i + 1:]
    elif k == 'rnm' and 'm' in w:
        i = w.index('m')
        w2 = w[:i] + 'rn' + w[i + 1:]
    elif k == 'O0' and 'o' in w:
        i = w.index('o')
        w2 = w[:i] + '0' + w[i + 1:]
    elif k == 'space':
        i = len(w) // 2
        w2 = w[:i] + ' ' + w[i:]
    elif k == 'drop':
        i = 1 + rng.randrange(len(w) - 2)
        w2 = w[:i] + w[i + 1:]
    else:
        i = 1 + rng.randrange(len(w) - 3)
        w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    return t[:m.start()] + w2 + t[m.end():]


def P_(role, text, **info):
    return [role, text, info]


def cap1(s):
    return s[:1].upper() + s[1:] if s else s


def low1(s):
    if s[:2].isupper() or s[:3] in ('PR ', 'PR:', 'DRE', 'CIB', 'FIT', 'ALT'):
        return s
    return s[:1].lower() + s[1:] if s else s


class Content:
    """Clinical content of one letter, as clause-level parts with roles."""

    def __init__(self, F, ctx, rng, layout, n_dx):
        self.F, self.ctx, self.rng, self.layout = F, ctx, rng, layout
        self.P = F['pos']
        self.devices = []
        self.dx = choose_distractors(F, rng, n_dx)
        L = F['letter_date']
        fl, ce = F.get('date_floor'), F.get('date_ceiling')
        # visit dates: visit2 is the latest consultation, visit1 some weeks earlier
        v2 = L - TD(rng.randint(0, 6))
        v1 = v2 - TD(rng.randint(14, 35))
        if fl and v1 < fl:
            v1 = None
        if fl and v2 < fl:
            v2 = L
        self.v1, self.v2 = v1, v2
        self.dstyle = rng.choice(['slash', 'slash', 'short', 'long', 'plain', 'dot'])
        # details for templates
        self.det = {}
        for f, d in self.P.items():
            dd = dict(d)
            if f == 'rectal_bleeding':
                dd['blood'] = fill(blood_desc(d['type']), ctx)
            if f == 'cibh':
                dd['cdesc'] = fill(cibh_desc(d['dir']), ctx)
                dd['cshort'] = CIBH_SHORT[d['dir']]
            if f == 'abdominal_pain':
                dd['sitepain'] = pain_site(d['site'])
                dd['Sitepain'] = cap1(pain_site(d['site']))
                dd['siteshort'] = SITE_SHORT[d['site']]
            if f == 'weight_loss':
                w1 = rng.randint(58, 96) if F['sex'] == 'M' else rng.randint(50, 84)
                dd['w1'], dd['w2'] = w1, w1 - d['kg']
                dd['mon'] = MONTHS[(L.month - 1 - d['months']) % 12]
            if f == 'dysphagia' and 'prev_year' not in dd:
                dd['prev_year'] = L.year - rng.randint(4, 9)
            self.det[f] = dd
        # devices for positives
        hx = [f for f in HX_ORDER if f in self.P]
        if layout == 'nhs111':
            pass
        self.pos_device = {}
        for f in hx:
            dv = self.P[f].get('device', 'plain')
            if dv == 'plain':
                opts = ['plain', 'plain', 'plain']
                if f in ('rectal_bleeding', 'weight_loss'):
                    opts.append('worry_confirmed')
                if f in ('rectal_bleeding', 'reflux', 'dyspepsia', 'cibh'):
                    opts.append('recurred')
                if f in ('jaundice', 'weight_loss', 'confusion'):
                    opts.append('informant_confirmed')
                if layout == 'nhs111':
                    opts = [o for o in opts if o in ('plain', 'recurred')]
                dv = rng.choice(opts)
            if layout == 'nhs111' and dv in ('informant_confirmed', 'worry_confirmed'):
                dv = 'plain'
            self.pos_device[f] = dv
        # one positive history fact may close a denial run
        neg_hx = [d for d in self.dx if d['kind'] == 'negated' and d['fact'] not in EXAM_FACTS
                  and d['fact'] not in ('fatty_liver', 'fh_crc')]
        cands = [f for f in hx if f in NP and self.pos_device[f] in ('plain', 'denial_end')]
        self.denial_end = None
        forced = [f for f in hx if self.pos_device[f] == 'denial_end']
        if forced:
            self.denial_end = forced[0]
        elif cands and neg_hx and rng.random() < 0.45:
            self.denial_end = rng.choice(cands)
        if self.denial_end:
            self.pos_device[self.denial_end] = 'denial_end'
        self.family_join = None
        fam = [d for d in self.dx if d['kind'] == 'family']
        if fam and hx and rng.random() < 0.6:
            f = rng.choice([x for x in hx if x in NP and x != self.denial_end] or [None])
            if f:
                self.family_join = (fam[0], f)
                self.pos_device[f] = 'relative_same_sentence'

    # ---- helpers
    def fd(self, d, style=None):
        return fdate(d, style or self.dstyle)

    def c(self, f, t, extra=None):
        d = dict(self.det.get(f, {}))
        if extra:
            d.update(extra)
        return fill(t, self.ctx, d)

    def pos_sentence(self, f, reg='long'):
        """A full sentence (without final stop) asserting positive fact f, honouring its device."""
        rng = self.rng
        dv = self.pos_device.get(f, 'plain')
        if dv == 'worry_confirmed' and reg == 'long':
            if f == 'rectal_bleeding':
                t = '{He} put it down to piles, but {he} has had {blood} on most days for {weeks} weeks'
            else:
                t = '{He} had not noticed any weight loss {self}, but on our scales {he} is {kg} kg lighter than in {mon} and is not trying to lose weight'
            self.devices.append(('worry_confirmed', f))
            return self.c(f, t)
        if dv == 'recurred' and reg == 'long':
            t = {'rectal_bleeding': '{He} had some rectal bleeding years ago which settled; it has come back over the last {weeks} weeks, with {blood}',
                 'reflux': '{He} had reflux some years ago which settled with lifestyle changes; over the last {months} months it has come back',
                 'dyspepsia': '{His} indigestion settled for a few years but has returned over the last {months} months',
                 'cibh': '{He} had a similar spell of bowel upset years ago that settled, but for the last {weeks} weeks there has again been a change in bowel habit, with {cdesc}',
                 'dysphagia': '{He} had dysphagia in {prev_year} from a peptic stricture, which was dilated with good effect; over the last {weeks} weeks the same difficulty swallowing has come back'}[f]
            self.devices.append(('recurred', f))
            return self.c(f, t)
        if dv == 'informant_confirmed' and reg == 'long':
            t = {'jaundice': '{His} {rel} noticed {his} eyes were yellow about {days} days ago, and I can confirm {he} is jaundiced today',
                 'weight_loss': '{His} {rel} is worried {he} has lost weight, and {he} has: {w1} kg in {mon}, {w2} kg today, without trying',
                 'confusion': '{His} {rel} reports that {he} has been muddled for several days, and on assessment today {he} is confused',
                 'dysphagia': '{His} {rel} tells me {he} has been struggling to swallow for {weeks} weeks; when I asked {him} directly {he} confirmed that solid food sticks halfway down'}[f]
            self.devices.append(('informant_confirmed', f))
            return self.c(f, t)
        bank = POS_LONG if reg == 'long' else POS_SHORT
        return self.c(f, rng.choice(bank[f]))

    def np(self, f):
        if f == 'jaundice' and self.layout == 'nhs111':
            return self.c(f, 'yellow eyes and skin for {days} days')
        return self.c(f, self.rng.choice(NP[f]))

    def neg(self, f):
        return self.c(f, self.rng.choice(NEG[f])) if f in NEG else None

    def other_dx_text(self, d):
        L = self.F['letter_date']
        extra = {'year': L.year - self.rng.randint(3, 12), 'mon': MONTHS[(L.month - 3) % 12],
                 'kgx': self.rng.randint(5, 14), 'famrel': self.rng.choice(['brother', 'cousin', 'mother', 'uncle']),
                 'rel2': self.rng.choice(['son', 'daughter', 'grandson'] if self.F['age'] >= 60 else
                                         ['son', 'daughter', 'brother'] if self.F['age'] >= 40 else
                                         ['brother', 'sister', 'flatmate']),
                 'site2': self.rng.choice(['left iliac fossa', 'right iliac fossa']),
                 'd1': self.fd(self.v1 or self.v2 - TD(14)), 'd2': self.fd(self.v2)}
        return fill(self.rng.choice(OTHER_DX[(d['fact'], d['kind'])]), self.ctx, extra)

    def dx_part(self, d, text):
        return P_('dx', text, fact=d['fact'], kind=d['kind'], pivotal=d['pivotal'])

    def ev(self, f, text, **kw):
        info = {'fact': f}
        info.update(kw)
        return P_('ev', text, **info)

    # ---- history
    def hx_units(self, reg='long'):
        """List of units (lists of parts) for the history."""
        rng = self.rng
        units = []
        hx = [f for f in HX_ORDER if f in self.P]
        for f in hx:
            dv = self.pos_device[f]
            if dv in ('denial_end', 'relative_same_sentence'):
                continue
            if f in ('jaundice', 'confusion') and dv == 'plain':
                if self.layout != 'nhs111':
                    continue   # said in the examination
                t = {'jaundice': '{He} says {his} eyes and skin have gone yellow over {days} days, with dark urine',
                     'confusion': '{His} {rel} says {he} has been confused and muddled for several days'}[f]
                units.append([self.ev(f, self.c(f, t), device='plain'), P_('b', '.')])
                continue
            units.append([self.ev(f, self.pos_sentence(f, reg), device=dv), P_('b', '.')])
        # relative + patient in one sentence
        if self.family_join:
            d, f = self.family_join
            u = [self.dx_part(d, self.other_dx_text(d)), P_('b', ', and '),
                 self.ev(f, self.c(f, '{he} {self} now has ') + self.np(f), device='relative_same_sentence'),
                 P_('b', '.')]
            self.devices.append(('relative_same_sentence', f))
            units.insert(rng.randint(0, len(units)), u)
        # denial run (negated history distractors + neutral negatives), possibly ending with a positive
        negs = [d for d in self.dx if d['kind'] == 'negated' and d['fact'] not in EXAM_FACTS
                and d['fact'] not in ('fatty_liver', 'fh_crc')]
        if negs or self.denial_end:
            pool = [t for t in NEU_NEG if not (t == 'no vomiting' and 'haematemesis' in self.P)
                    and not (t == 'no nausea' and self.F.get('nausea'))]
            items = [('dx', d) for d in negs] + [('neu', t) for t in rng.sample(pool, rng.randint(1, 2))]
            rng.shuffle(items)
            u = []
            for i, (k, x) in enumerate(items):
                if i:
                    u.append(P_('b', ', '))
                if k == 'dx':
                    t = self.neg(x['fact'])
                    u.append(self.dx_part(x, cap1(t) if i == 0 else t))
                else:
                    u.append(P_('neu', cap1(x) if i == 0 else x))
            if self.denial_end:
                f = self.denial_end
                t = rng.choice(['{he} does however report ', 'but {he} has ', '{he} does, however, have '])
                clause = self.c(f, t) + self.np(f)
                if NP_VERB.get(f):
                    clause = self.c(f, rng.choice(['but {he} ', '{he} did, however, '])) + self.np(f)
                u += [P_('b', '; '), self.ev(f, clause, device='denial_end')]
                self.devices.append(('denial_end', f))
            u.append(P_('b', '.'))
            units.append(u)
        # other non-exam distractors that belong in the history
        for d in self.dx:
            if d['kind'] in ('resolved', 'treated_cured', 'explained', 'other_person', 'refuted_worry') and \
                    d['fact'] not in ('abdominal_mass', 'rectal_mass') and not (d['kind'] == 'refuted_worry' and d['fact'] == 'jaundice'):
                t = self.other_dx_text(d)
                if d['kind'] in ('resolved', 'treated_cured'):
                    t = rng.choice(['There is a history of ', 'Of note, ', 'In the past: ']) + t
                    if t.startswith('Of note, ') or t.startswith('In the past: '):
                        pass
                units.append([self.dx_part(d, cap1(t)), P_('b', '.')])
        return units

    def exam_units(self):
        rng = self.rng
        units = []
        for f in ('abdominal_mass', 'rectal_mass', 'anal_mass', 'jaundice', 'ascites', 'confusion'):
            if f in self.P and self.pos_device.get(f) not in ('denial_end', 'relative_same_sentence'):
                if f in ('jaundice', 'confusion') and self.layout == 'nhs111':
                    continue
                if f == 'abdominal_mass' and self.P[f].get('device') == 'sign_persist':
                    d1 = self.fd(self.v1 or self.v2 - TD(14))
                    t = self.c(f, 'When I first saw {him} on {d1} I wondered about a mass in the {site}; on re-examination on {d2} the mass is still clearly palpable, about {cm} cm',
                               {'d1': d1, 'd2': self.fd(self.v2)})
                    self.devices.append(('sign_persist', f))
                    units.append([self.ev(f, t, device='sign_persist'), P_('b', '.')])
                    continue
                if f in ('jaundice', 'confusion') and self.pos_device.get(f) != 'plain':
                    continue   # already said in the history
                units.append([self.ev(f, self.c(f, rng.choice(POS_LONG[f]))), P_('b', '.')])
        for d in self.dx:
            if d['fact'] in EXAM_FACTS and d['kind'] == 'negated':
                units.append([self.dx_part(d, cap1(self.neg(d['fact']))), P_('b', '.')])
            if d['kind'] in ('sign_gone',) or (d['kind'] == 'refuted_worry' and d['fact'] in ('abdominal_mass', 'rectal_mass', 'jaundice')):
                units.append([self.dx_part(d, self.other_dx_text(d)), P_('b', '.')])
        soft_ok = 'ascites' not in self.P and not any(d['fact'] == 'abdominal_mass' and d['kind'] == 'negated'
                                                      for d in self.dx)
        neu = rng.sample(['BP %d/%d, pulse %d regular' % (rng.randint(112, 158), rng.randint(68, 92), rng.randint(58, 96)),
                          'Chest clear', 'Abdomen soft' if soft_ok else 'Heart sounds normal', 'BMI %d' % rng.randint(21, 36), 'Heart sounds normal',
                          'Temperature %.1f' % (36.2 + rng.randint(0, 8) / 10)], rng.randint(1, 3))
        neu = sorted(set(neu), key=neu.index)
        for t in neu:
            units.append([P_('neu', t), P_('b', '.')])
        return units

    # ---- values
    def value_parts(self, name, style='inline'):
        """List of parts for every value of this test, oldest first."""
        F, rng = self.F, self.rng
        out = []
        es = sorted(F['vals'].get(name, []), key=lambda e: e['date'])
        for i, e in enumerate(es):
            txt, meta = render_value(name, e, F, rng, with_date=(len(es) > 1) or rng.random() < 0.25,
                                     dfmt=self.dstyle, repeat_word=(i > 0), label_pref=getattr(self, 'fit_label', None))
            out.append(P_('val', txt, name=name, idx=F['vals'][name].index(e), **meta))
        return out

    def results_inline(self):
        """One or two sentences with all values."""
        rng = self.rng
        names = [n for n in ('hb', 'ferritin', 'fit', 'calprotectin', 'alt') if n in self.F['vals']]
        parts = []
        for n in names:
            vp = self.value_parts(n)
            for j, p in enumerate(vp):
                if parts:
                    parts.append(P_('b', ', ' if j == 0 else '; '))
                parts.append(p)
        extra = self.extra_results()
        for t, role, info in extra:
            if parts:
                parts.append(P_('b', ', '))
            parts.append(P_(role, t, **info))
        return parts

    def extra_results(self):
        F, rng = self.F, self.rng
        out = []
        if F.get('ttg_negative'):
            out.append((rng.choice(['tTG negative', 'coeliac serology negative', 'tTG IgA <1 U/mL (negative)']),
                        'dx', {'fact': 'coeliac_pos', 'kind': 'normal_value',
                               'pivotal': flip_pivotal(F, 'coeliac_pos')}))
        if 'coeliac_pos' in self.P:
            d = self.P['coeliac_pos']
            t = rng.choice(['tTG IgA {ttg} U/mL (ref <{ref}) - raised', 'coeliac serology positive (tTG {ttg}, ref <{ref})',
                            'anti-tTG raised at {ttg} U/mL (normal <{ref})'])
            out.append((t.format(**d), 'ev', {'fact': 'coeliac_pos'}))
        if F.get('extra_b12'):
            out.append(('B12 %d ng/L (low)' % F['extra_b12'], 'neu', {}))
        if rng.random() < 0.4:
            out.append((rng.choice(['CRP %d' % rng.randint(1, 9), 'eGFR >90', 'TSH normal', 'U&E normal',
                                    'CRP <5', 'HbA1c %d' % rng.randint(36, 47)]), 'neu', {}))
        return out

    def fit_pending_part(self):
        fp = self.F.get('fit_pending')
        if not fp:
            return None
        t = self.rng.choice(['FIT kit sent on {d}, result awaited', 'FIT requested but not yet returned',
                             'I have asked {him} to return a FIT sample; no result yet',
                             'FIT issued {d} - not back at the time of writing'])
        return self.ev('fit_pending', fill(t, self.ctx, {'d': self.fd(fp['date'])}))

    def ppi_part(self, reg='long'):
        pp = self.F.get('ppi')
        if not pp:
            return None
        rng = self.rng
        drug = pp['drug']
        persisting = self.F['rule_target'] in ('O1', 'D')
        if pp['mode'] == 'weeks':
            wk = pp['weeks']
            wtxt = rng.choice([str(wk), num_words(wk)]) + ' weeks'
            if persisting:
                t = rng.choice(['The indigestion persists despite {drug} for {w}',
                                '{He} has taken {drug} for {w} with no improvement in the indigestion',
                                'Still symptomatic after {w} of {drug}'])
            else:
                t = rng.choice(['{He} has been on {drug} for {w} with partial relief', 'Taking {drug} for {w}'])
            return self.ev('ppi', fill(t, self.ctx, {'drug': drug, 'w': wtxt}), mode='weeks', weeks=wk)
        if pp['mode'] == 'days':
            t = rng.choice(['{He} has now taken {drug} for 28 days and the indigestion is no better',
                            'Dyspepsia persisting after a 28-day course of {drug}'])
            return self.ev('ppi', fill(t, self.ctx, {'drug': drug}), mode='days', days=28)
        sd = self.fd(pp['start_date'])
        t = rng.choice(['{He} started {drug} on {sd} and still has indigestion most days',
                        '{drug} since {sd}; the indigestion is unchanged'])
        return self.ev('ppi', cap1(fill(t, self.ctx, {'drug': drug, 'sd': sd})), mode='start_date',
                       start_date=pp['start_date'].isoformat())

    # ---- background
    def pmh_items(self):
        rng = self.rng
        if self.F['age'] < 45:
            items = rng.sample(['asthma', 'migraine', 'anxiety', 'eczema', 'depression', 'polycystic ovaries'
                                if self.F['sex'] == 'F' else 'previous fractured wrist', 'hay fever'], rng.randint(0, 2))
            return [P_('neu', cap1(x) if i == 0 else x) for i, x in enumerate(items)]
        items = rng.sample(['hypertension', 'type 2 diabetes', 'asthma', 'osteoarthritis of both knees', 'hypothyroidism',
                            'depression', 'gout', 'atrial fibrillation', 'COPD', 'previous hysterectomy' if self.F['sex'] == 'F'
                            else 'BPH', 'migraine', 'hypercholesterolaemia'], rng.randint(0, 3))
        return [P_('neu', cap1(x) if i == 0 else x) for i, x in enumerate(items)]

    def med_items(self):
        rng = self.rng
        if self.F['age'] < 45:
            return rng.sample(['salbutamol inhaler PRN', 'sertraline 50 mg OD', 'cetirizine 10 mg OD',
                               'combined oral contraceptive' if self.F['sex'] == 'F' else 'propranolol 10 mg PRN',
                               'emollients'], rng.randint(0, 2))
        meds = rng.sample(['amlodipine 5 mg OD', 'ramipril 2.5 mg OD', 'atorvastatin 20 mg ON', 'metformin 500 mg BD',
                           'levothyroxine 75 mcg OD', 'sertraline 50 mg OD', 'salbutamol inhaler PRN',
                           'paracetamol PRN', 'bisoprolol 2.5 mg OD', 'cetirizine 10 mg OD'], rng.randint(0, 3))
        return meds

    def conditions_parts(self):
        """Positive background conditions: cirrhosis, known IBD, FH of CRC, fatty liver."""
        rng = self.rng
        units = []
        P = self.P
        if 'cirrhosis' in P:
            d = P['cirrhosis']
            units.append([self.ev('cirrhosis', self.c('cirrhosis', rng.choice(POS_LONG['cirrhosis']))), P_('b', '.')])
            if d.get('ascites_resolved'):
                t = fill('{He} had ascites in {y}, which resolved on spironolactone, and there has been no ascites since',
                         self.ctx, {'y': self.F['letter_date'].year - rng.randint(1, 4)})
                units.append([P_('dx', t, fact='ascites', kind='resolved', pivotal=True), P_('b', '.')])
                self.devices.append(('resolved_pivotal', 'ascites'))
        if 'ibd_known' in P:
            d = P['ibd_known']
            u = [self.ev('ibd_known', self.c('ibd_known', '{He} has {type}, diagnosed {years} years ago, on {drug}', d))]
            if d.get('stable'):
                u += [P_('b', '. '), self.ev('ibd_stable', self.c('ibd_known', rng.choice(
                    ['{He} has been in remission for {remission_years} years', 'It has been quiet for {remission_years} years',
                     '{He} is currently well, with no flare for {remission_years} years']), d))]
                u += [P_('b', ', '), P_('dx', rng.choice(['bowels formed once or twice a day with no blood',
                                                            'no blood or urgency', 'stools formed, no blood']),
                                        fact='bloody_diarrhoea', kind='negated', pivotal=True)]
            u.append(P_('b', '.'))
            units.append(u)
            if d.get('stable') and d.get('question') is not None:
                q = fill(QUESTIONS[d['question']], self.ctx, {'drug': d['drug'].split(' ')[0],
                                                             'remission_years': d['remission_years']})
                units.append([P_('b', rng.choice(['My question: ', 'The question is: ', 'Query: '])),
                              self.ev('ibd_question', cap1(q))])
        if 'fh_crc' in P and not [f for f in SYMPTOM_FACTS if f in P]:
            units.append([self.ev('asymptomatic', fill(rng.choice(['{He} is entirely well, with no bowel or abdominal symptoms of any kind',
                                                                  '{He} has no symptoms at all and is asking about screening',
                                                                  '{He} is asymptomatic']), self.ctx)), P_('b', '.')])
        if 'fatty_liver' in P:
            d = P['fatty_liver']
            dt_ = self.fd(self.F['letter_date'] - TD(rng.randint(10, 60)))
            t = {'ultrasound': rng.choice(['Ultrasound of the liver on {d} shows a diffusely bright liver in keeping with fatty liver',
                                           'USS abdomen ({d}): fatty liver, otherwise normal']),
                 'CT': 'CT abdomen ({d}) incidentally reported hepatic steatosis (fatty liver)'}[d['modality']]
            units.append([self.ev('fatty_liver', fill(t, self.ctx, {'d': dt_})), P_('b', '.')])
        return units

    def fh_parts(self):
        rng = self.rng
        u = []
        if 'fh_crc' in self.P:
            d = self.P['fh_crc']
            t = rng.choice(['{His} {rel_} was diagnosed with bowel cancer at {age_dx}',
                            '{His} {rel_} had colorectal cancer at the age of {age_dx}'])
            t = fill(t, self.ctx, {'rel_': d['rel'], 'age_dx': d['age_dx']})
            if d.get('second'):
                t += fill(' and {his} {s} also had bowel cancer', self.ctx, {'s': d['second']})
            u.append(self.ev('fh_crc', t))
        for d in self.dx:
            if d['kind'] == 'family' and (not self.family_join or self.family_join[0] is not d):
                if u:
                    u.append(P_('b', '; '))
                u.append(self.dx_part(d, self.other_dx_text(d) if not u else low1(self.other_dx_text(d))))
            if d['fact'] == 'fh_crc' and d['kind'] == 'negated':
                if u:
                    u.append(P_('b', '; '))
                u.append(self.dx_part(d, self.neg('fh_crc') if u else cap1(self.neg('fh_crc'))))
        return u

    def plan_units(self):
        rng = self.rng
        units = []
        fp = self.fit_pending_part()
        if fp:
            units.append([fp, P_('b', '.')])
        for d in self.dx:
            if d['kind'] == 'hypothetical':
                units.append([self.dx_part(d, cap1(self.other_dx_text(d))), P_('b', '.')])
        return units


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------

HB_REF = {'M': ['130-180', '135-175', '130-170'], 'F': ['115-165', '120-150', '115-160']}
FERR_REF = ['15-300', '30-400', '13-150', '20-300']
ALT_REF = ['0-40', '0-50', '10-50', '<45']


def hb_unit(e, rng):
    if e.get('force_unit'):
        return e['unit']
    return rng.choice(['g/L', 'g/L', 'g/L', '', 'g/dL', 'g/dL', 'g/dL-bare'])


def render_value(name, e, F, rng, with_date=False, dfmt='slash', repeat_word=False, label_pref=None):
    v = e['v']
    meta = {'unit': '', 'qual': None, 'date': e['date'].isoformat()}
    if name == 'hb':
        lab = rng.choice(['Hb', 'Haemoglobin', 'haemoglobin', 'Hb', 'Hb'])
        u = hb_unit(e, rng)
        e['unit_used'] = u
        if u == 'g/dL':
            vt = '%.1f' % (v / 10.0)
            txt = '%s %s g/dL' % (lab, vt)
        elif u == 'g/dL-bare':
            vt = '%.1f' % (v / 10.0)
            txt = '%s %s' % (lab, vt)
            u = ''
        elif u == 'g/L':
            vt = str(v)
            txt = '%s %s g/L' % (lab, vt)
        else:
            vt = str(v)
            txt = '%s %s' % (lab, vt)
        meta['unit'] = u
    elif name == 'ferritin':
        lab = rng.choice(['ferritin', 'Ferritin', 'ferritin', 'ferr'])
        u = rng.choice(['ug/L', 'µg/L', 'ng/mL', '', ''])
        vt = str(v)
        txt = '%s %s%s' % (lab, vt, ' ' + u if u else '')
        meta['unit'] = u
    elif name == 'fit':
        lab = label_pref or rng.choice(['FIT', 'qFIT', 'FIT', 'FIT'])
        q = e.get('qual')
        if q == '<':
            vt = e['shown']
            txt = rng.choice(['%s <%s', '%s: <%s', '%s result <%s']) % (lab, vt)
            meta['qual'] = '<'
        elif q in ('undetectable', 'negative'):
            vt = q
            txt = '%s %s' % (lab, q)
            meta['qual'] = q
        elif q == 'positive_at':
            vt = str(v)
            txt = 'qFIT positive at %s' % vt
            meta['qual'] = 'positive_at'
        else:
            vt = str(v)
            u = rng.choice(['', '', 'ug Hb/g', 'µg/g', 'ug/g', 'µg Hb/g faeces'])
            txt = '%s %s%s' % (lab, vt, ' ' + u if u else '')
            meta['unit'] = u
    elif name == 'calprotectin':
        lab = rng.choice(['calprotectin', 'faecal calprotectin', 'FCP', 'calprotectin'])
        u = rng.choice(['ug/g', 'µg/g', '', 'ug/g'])
        vt = str(v)
        txt = '%s %s%s' % (lab, vt, ' ' + u if u else '')
        meta['unit'] = u
    elif name == 'alt':
        if e.get('qual') == 'uln':
            vt = str(v)
            txt = 'ALT %s (%s)' % (e['shown_uln'], vt)
            meta['qual'] = 'uln'
        else:
            lab = rng.choice(['ALT', 'ALT', 'alanine transaminase (ALT)'])
            u = rng.choice(['U/L', 'IU/L', '', 'U/L'])
            vt = str(v)
            txt = '%s %s%s' % (lab, vt, ' ' + u if u else '')
            if e.get('ref'):
                txt += ' (ref %s)' % e['ref']
            meta['unit'] = u
    else:
        raise ValueError(name)
    if repeat_word:
        txt = 'repeat ' + txt
    if with_date:
        txt = txt + ' (%s)' % fdate(e['date'], dfmt)
    meta['value_text'] = vt
    return txt, meta


def in_ref(val, ref):
    if ref.startswith('<'):
        return 'H' if val >= float(ref[1:]) else ''
    lo, hi = ref.split('-')
    if val < float(lo):
        return 'L'
    if val > float(hi):
        return 'H'
    return ''


def value_row(name, e, F, rng, dfmt, widths=(28, 9, 10, 12), fixed=None):
    """One results-table row: test, result, units, reference range, flag, date.
    `fixed` keeps the first row's units and range for repeat rows of the same test."""
    v = e['v']
    meta = {'unit': '', 'qual': None, 'date': e['date'].isoformat()}
    if name == 'hb':
        u = e['unit'] if e.get('force_unit') else rng.choice(['g/L', 'g/L', 'g/dL'])
        ref = rng.choice(HB_REF[F['sex']])
        if u == 'g/dL':
            vt = '%.1f' % (v / 10.0)
            lo, hi = ref.split('-')
            ref_s = '%.1f-%.1f' % (int(lo) / 10.0, int(hi) / 10.0)
            flag = in_ref(v / 10.0, ref_s)
        else:
            vt, ref_s = str(v), ref
            flag = in_ref(v, ref)
        test = rng.choice(['Haemoglobin', 'Hb'])
    elif name == 'ferritin':
        u = rng.choice(['ug/L', 'µg/L', 'ng/mL'])
        ref_s = rng.choice(FERR_REF)
        vt = str(v)
        flag = in_ref(v, ref_s)
        test = rng.choice(['Ferritin', 'Serum ferritin'])
    elif name == 'fit':
        u = 'ug Hb/g'
        ref_s = '<10'
        q = e.get('qual')
        if q == '<':
            vt = '<' + e['shown']
            meta['qual'] = '<'
            vt_meta = e['shown']
            flag = ''
        elif q in ('undetectable', 'negative'):
            vt = q
            vt_meta = q
            meta['qual'] = q
            flag = ''
        else:
            vt = str(v)
            vt_meta = vt
            flag = 'H' if v >= 10 else ''
        test = rng.choice(['FIT (faecal Hb)', 'qFIT', 'Faecal immunochemical test'])
    elif name == 'calprotectin':
        u = 'ug/g'
        ref_s = rng.choice(['<50', '0-50'])
        vt = str(v)
        flag = in_ref(v, ref_s)
        test = rng.choice(['Faecal calprotectin', 'Calprotectin'])
    elif name == 'alt':
        u = rng.choice(['U/L', 'IU/L'])
        ref_s = e.get('ref') or rng.choice(ALT_REF)
        vt = str(v)
        flag = in_ref(v, ref_s)
        test = rng.choice(['ALT', 'Alanine transaminase'])
    if fixed is not None:
        if name in fixed and name in ('ferritin', 'calprotectin', 'alt', 'fit'):
            u, ref_s, test = fixed[name]
            flag = '' if name == 'fit' and flag == '' else flag
            if name != 'fit':
                flag = in_ref(v, ref_s)
        elif name in fixed and name == 'hb' and fixed[name][0] == u:
            u, ref_s, test = fixed[name]
            flag = in_ref(v / 10.0 if u == 'g/dL' else v, ref_s)
        else:
            fixed.setdefault(name, (u, ref_s, test))
    meta['unit'] = u
    meta['value_text'] = vt_meta if name == 'fit' else vt
    w = widths
    row = '%s%s%s%s%s%s' % (test.ljust(w[0]), vt.ljust(w[1]), u.ljust(w[2]), ref_s.ljust(w[3]),
                            (flag or ' ').ljust(6), fdate(e['date'], dfmt))
    return row, meta


def results_table(C, doc, names=None, indent='', header=True):
    F, rng = C.F, C.rng
    names = names or [n for n in ('hb', 'ferritin', 'fit', 'calprotectin', 'alt') if n in F['vals']]
    if not names:
        return False
    if header:
        doc.b(indent + 'Test'.ljust(28) + 'Result'.ljust(9) + 'Units'.ljust(10) + 'Ref range'.ljust(12) +
              'Flag'.ljust(6) + 'Date\n')
    fixed = {}
    for n in names:
        es = sorted(F['vals'][n], key=lambda e: e['date'])
        if rng.random() < 0.3:
            es = es[::-1]   # some systems list newest first
        for e in es:
            row, meta = value_row(n, e, F, rng, 'slash', fixed=fixed)
            doc.b(indent)
            doc.add('val', row, name=n, idx=F['vals'][n].index(e), **meta)
            doc.b('\n')
    for t, role, info in C.extra_results():
        doc.b(indent)
        doc.add(role, t, **info)
        doc.b('\n')
    return True


# ---------------------------------------------------------------------------
# Requested priority
# ---------------------------------------------------------------------------

REQ_TEXT = {
    'urgent_suspected_cancer': ['I would be grateful if you could see {him} under the two-week-wait pathway',
                                'Please see under the suspected cancer (2WW) pathway',
                                'I am referring {him} as urgent suspected cancer',
                                'I would like {him} seen on the fast-track (2WW) pathway'],
    'urgent': ['I would be grateful for an urgent appointment, though I do not think this needs the 2WW pathway',
               'Please could {he} be seen urgently', 'I have marked this referral as urgent',
               'An urgent (non-2WW) appointment would be appreciated'],
    'routine': ['A routine appointment would be fine', 'Please see routinely',
                'I would be grateful for a routine outpatient review', 'No great rush - routine please'],
    'advice_and_guidance': ['I would welcome your advice; I do not think {he} needs to be seen',
                            'This is an advice and guidance request rather than a referral',
                            'I am happy to manage this in primary care with your advice',
                            'Advice only, please'],
}
REQ_FIELD = {'urgent_suspected_cancer': ['2WW', 'Urgent suspected cancer', 'USC (2WW)', 'Two week wait'],
             'urgent': ['Urgent', 'URGENT'], 'routine': ['Routine', 'ROUTINE'],
             'advice_and_guidance': ['Advice & Guidance', 'A&G only']}
REQ_OWN = {'urgent_suspected_cancer': 'suspected cancer / two-week wait', 'urgent': 'urgent (not cancer pathway)',
           'routine': 'routine', 'advice_and_guidance': 'advice only, no appointment'}
FORMS = ('lgi_2ww_form', 'ugi_2ww_form')


def choose_request(F, rng, layout):
    lab = RULES[F['rule_target']][0]
    if layout in FORMS:
        return 'urgent_suspected_cancer'
    x = rng.random()
    if x < 0.08:
        return None
    if x < 0.08 + 0.48:
        w = {'urgent_suspected_cancer': [('urgent', 5), ('routine', 4), ('advice_and_guidance', 1)],
             'urgent': [('urgent_suspected_cancer', 6), ('routine', 4)],
             'routine': [('urgent_suspected_cancer', 4), ('urgent', 4), ('advice_and_guidance', 2)],
             'advice_and_guidance': [('routine', 6), ('urgent', 3), ('urgent_suspected_cancer', 1)]}[lab]
        tot = sum(k for _, k in w)
        y = rng.random() * tot
        for u, k in w:
            y -= k
            if y <= 0:
                return u
        return w[-1][0]
    return lab


def req_part(C, req, field=False):
    if req is None:
        return None
    if field:
        return P_('req', C.rng.choice(REQ_FIELD[req]), requested=req)
    return P_('req', fill(C.rng.choice(REQ_TEXT[req]), C.ctx), requested=req)


# ---------------------------------------------------------------------------
# Layout helpers
# ---------------------------------------------------------------------------

def show_dob(F):
    return F['age_mode'] in ('stated_dob', 'dob_only', 'words')


def show_age(F):
    return F['age_mode'] in ('stated', 'stated_dob', 'words')


def age_part(C, style='hyphen'):
    F = C.F
    if not show_age(F):
        return None
    a = F['age']
    if F['age_mode'] == 'words' and style == 'hyphen':
        t = num_words(a) + '-year-old'
    else:
        t = {'hyphen': '%d-year-old' % a, 'yo': '%dyo' % a, 'yrs': '%d yrs' % a, 'bare': str(a),
             'years': '%d years' % a, 'aged': 'aged %d' % a}[style]
    return P_('age', t, age=a)


def dob_part(C, fmt='slash'):
    if not show_dob(C.F):
        return None
    return P_('dob', fdate(C.F['dob'], fmt), dob=C.F['dob'].isoformat())


def date_part(C, fmt=None):
    return P_('date', fdate(C.F['letter_date'], fmt or C.dstyle), which='letter',
              date=C.F['letter_date'].isoformat())


def add_p(doc, p):
    if p is not None:
        doc.parts.append([p[0], p[1], dict(p[2])])


def emit_units(doc, units, sep=' ', bullet=None):
    for i, u in enumerate(units):
        if bullet is not None:
            doc.b(bullet)
        elif i:
            doc.b(sep)
        doc.unit(u)
        if bullet is not None:
            doc.b('\n')


def strip_stop(u):
    return [p for p in u if not (p[0] == 'b' and p[1] == '.')]


def name_parts(doc, C, order='title_first'):
    ctx = C.ctx
    if order == 'surname_caps':
        doc.b(ctx['sur'].upper() + ', ' + ctx['first'] + ' (')
        doc.add('sex', ctx['title'])
        doc.b(')')
    else:
        doc.add('sex', ctx['title'])
        doc.b(' %s %s' % (ctx['first'], ctx['sur']))


def pc_part(C):
    rng = C.rng
    prim = None
    for f in HX_ORDER + ['abdominal_mass', 'rectal_mass', 'anal_mass', 'ascites']:
        if f in C.P:
            prim = f
            break
    if prim and C.pos_device.get(prim, 'plain') == 'plain' and rng.random() < 0.8:
        return C.ev(prim, PC_NOUN[prim], device='pc')
    r = C.F['rule_target']
    if r == 'A3':
        return C.ev('fh_crc', rng.choice(['a family history of bowel cancer', 'a strong family history of colorectal cancer']))
    if r == 'O3' or 'ibd_known' in C.P:
        return C.ev('ibd_known', 'known ' + C.P['ibd_known']['type'])
    if 'cirrhosis' in C.P:
        return C.ev('cirrhosis', 'known cirrhosis')
    if C.F['vals'] or 'coeliac_pos' in C.P:
        return P_('neu', rng.choice(['abnormal blood results', 'an abnormal test result', 'some abnormal results']))
    if C.F.get('nausea'):
        return P_('neu', 'persistent nausea')
    return P_('neu', rng.choice(['some gut symptoms', 'GI symptoms', 'a few concerns about {his} bowels']).format(**C.ctx))


def practice(C):
    return PRACTICES[C.rng.randrange(len(PRACTICES))]


def nausea_unit(C):
    if C.F.get('nausea'):
        return [P_('neu', fill(C.rng.choice(['{He} has had persistent nausea for {n} months, without vomiting',
                                             'Nausea most mornings for {n} months; {he} has not actually vomited']),
                               C.ctx, {'n': C.rng.randint(3, 9)})), P_('b', '.')]
    return None


def all_hx(C, reg='long'):
    units = C.hx_units(reg)
    nu = nausea_unit(C)
    if nu:
        units.insert(0, nu)
    pp = C.ppi_part()
    if pp is not None:
        units.append([pp, P_('b', '.')])
    if not [u for u in units if any(p[0] == 'ev' for p in u)] and 'fh_crc' not in C.P:
        units.insert(0, [P_('neu', fill(C.rng.choice(['{He} feels generally well in {self}',
                                                        'Mainly tired; no other complaints',
                                                        '{He} has no new complaints']), C.ctx)), P_('b', '.')])
    return units


def bg_units(C):
    units = C.conditions_parts()
    pm = C.pmh_items()
    if pm:
        u = [P_('b', 'Past history: ')]
        for i, p in enumerate(pm):
            if i:
                u.append(P_('b', ', '))
            u.append(p)
        u.append(P_('b', '.'))
        units.append(u)
    meds = C.med_items()
    if meds:
        units.append([P_('b', 'Medication: '), P_('neu', ', '.join(meds)), P_('b', '.')])
    fh = C.fh_parts()
    if fh:
        units.append([P_('b', 'Family history: ')] + fh + [P_('b', '.')])
    return units


def results_sentence(C, lead=None):
    parts = C.results_inline()
    if not parts:
        return None
    rng = C.rng
    lead = lead or rng.choice(['Bloods: ', 'Recent results: ', 'Investigations: ', 'Blood tests show ',
                               'Results so far: '])
    return [P_('b', lead)] + parts + [P_('b', '.')]


def mixed_list(C, facts, style):
    """'Red flags' style list: each fact answered present/absent in mixed styles.
    Returns a list of units (one per row)."""
    rng = C.rng
    units = []
    for f in facts:
        if f == 'abdominal_pain' and f not in C.P and ({'dyspepsia', 'upper_abdominal_pain'} & set(C.P)):
            continue
        if f in ('rectal_bleeding', 'cibh') and 'bloody_diarrhoea' in C.P:
            continue
        lab = FORM_LABEL[f]
        present = f in C.P and f not in ('jaundice',) or (f == 'jaundice' and f in C.P)
        if present:
            ans = rng.choice(['yes', 'Y', 'present', '+', 'yes - ']) 
            det = ''
            if f in NP and rng.random() < 0.7:
                det = C.np(f)
            if ans.endswith('- '):
                txt = '%s: %s%s' % (lab, ans, det or 'see above')
            else:
                txt = '%s: %s%s' % (lab, ans, (' (%s)' % det) if det else '')
            units.append([C.ev(f, txt, device='mixed_list')])
        else:
            d = next((x for x in C.dx if x['fact'] == f), None)
            ans = rng.choice(['no', 'N', 'absent', '-', 'nil', 'denies'])
            txt = '%s: %s' % (lab, ans)
            info = {'fact': f, 'kind': 'negated', 'pivotal': flip_pivotal(C.F, f), 'in_list': True}
            units.append([P_('dx', txt, **info)])
            if d is not None:
                d['used_in_list'] = True
    return units


# ---------------------------------------------------------------------------
# The 20 layouts
# ---------------------------------------------------------------------------

def sign_off(doc, C, who, role, closing=None):
    doc.b('\n\n%s\n\n%s\n%s' % (closing or C.rng.choice(['Yours sincerely,', 'Kind regards,', 'Many thanks,',
                                                          'With best wishes,']), who, role))


def addendum_split(C):
    """Sometimes a decisive result is given only in a P.S. after the signature."""
    if C.F['vals'] and C.rng.random() < 0.3:
        C.addendum = True
        C.devices.append(('addendum', 'values'))
        return True
    C.addendum = False
    return False


def lay_gp_formal(doc, C, req):
    rng, ctx = C.rng, C.ctx
    name, addr, pc, code = practice(C)
    doc.b('%s\n%s, %s\nTel: 01632 %06d   Practice code: %s\n\n' % (name, addr, pc, rng.randint(100000, 999999), code))
    cons = rng.choice(CONSULTANTS)
    doc.b('%s\nConsultant Gastroenterologist\n%s\n\nDate: ' % (cons, HOSP))
    add_p(doc, date_part(C))
    doc.b('\n\nDear %s,\n\nRe: ' % cons)
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('   DOB: ')
        add_p(doc, dob_part(C))
    doc.b('   NHS No: %s\n' % nhs_number(rng))
    if rng.random() < 0.6:
        doc.b('e-RS UBRN: %04d %04d %04d\n' % (rng.randint(0, 9999), rng.randint(0, 9999), rng.randint(0, 9999)))
    doc.b('\n')
    ap = age_part(C)
    doc.b(rng.choice(['Thank you for your help with this ', 'I would value your opinion on this ',
                      'I am writing about this ']))
    if ap:
        add_p(doc, ap)
        doc.b(' ')
    doc.b(ctx['lady'] + ', who came to see me with ')
    add_p(doc, pc_part(C))
    doc.b('.\n\n')
    emit_units(doc, all_hx(C))
    doc.b('\n\n')
    bg = bg_units(C)
    if bg:
        emit_units(doc, bg)
        doc.b('\n\n')
    doc.b(rng.choice(['On examination: ', 'When I examined {him}: '.format(**ctx)]))
    emit_units(doc, C.exam_units())
    ps = addendum_split(C)
    rs = results_sentence(C) if not ps else None
    if rs:
        doc.b('\n\n')
        doc.unit(rs)
    doc.b('\n\n')
    pl = C.plan_units()
    if pl:
        emit_units(doc, pl)
        doc.b(' ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('.')
    doc.b(' Please do not hesitate to contact me if I can help further.')
    sign_off(doc, C, rng.choice(DOCS), 'GP Partner')
    doc.b('\n\ncc: Patient; practice file')
    if ps:
        doc.b('\n\nP.S. ' + rng.choice(['The blood results came back after I dictated this letter: ',
                                         'Results received since dictation: ']))
        doc.unit(C.results_inline())
        doc.b('.')


def lay_gp_terse(doc, C, req):
    rng, ctx = C.rng, C.ctx
    name, addr, pc, code = practice(C)
    doc.b('%s (%s)   ' % (name, code))
    add_p(doc, date_part(C, 'slash'))
    doc.b('\nRe ')
    name_parts(doc, C)
    ap = age_part(C, 'bare')
    if ap:
        doc.b(', ')
        add_p(doc, ap)
        doc.b(ctx['sexletter'])
    if show_dob(C.F):
        doc.b(', DOB ')
        add_p(doc, dob_part(C))
    doc.b(', NHS %s\n\n' % nhs_number(rng))
    # positives short
    hx = [f for f in HX_ORDER if f in C.P]
    bits = []
    nu = nausea_unit(C)
    if nu:
        bits.append(strip_stop(nu))
    for f in hx:
        if C.pos_device[f] == 'denial_end':
            continue
        if C.pos_device[f] == 'relative_same_sentence':
            C.pos_device[f] = 'plain'
        bits.append([C.ev(f, C.pos_sentence(f, 'short') if C.pos_device[f] == 'plain' else C.pos_sentence(f, 'long'),
                          device=C.pos_device[f])])
    C.family_join = None
    for f in ('abdominal_mass', 'rectal_mass', 'anal_mass', 'ascites', 'confusion'):
        if f in C.P:
            bits.append([C.ev(f, C.c(f, rng.choice(POS_SHORT[f])))])
    for u in C.conditions_parts():
        bits.append(strip_stop(u))
    pp = C.ppi_part()
    if pp:
        bits.append([pp])
    negs = [d for d in C.dx if d['kind'] == 'negated']
    if negs or C.denial_end:
        u = []
        for i, d in enumerate(negs):
            if i:
                u.append(P_('b', ', '))
            t = C.neg(d['fact'])
            u.append(C.dx_part(d, cap1(t) if i == 0 else t))
        if C.denial_end:
            f = C.denial_end
            if u:
                u.append(P_('b', '; '))
                u.append(C.ev(f, 'but ' + C.c(f, rng.choice(POS_SHORT[f])), device='denial_end'))
                C.devices.append(('denial_end', f))
            else:
                u.append(C.ev(f, cap1(C.c(f, rng.choice(POS_SHORT[f])))))
        bits.append(u)
    for d in C.dx:
        if d['kind'] not in ('negated', 'family'):
            bits.append([C.dx_part(d, cap1(C.other_dx_text(d)))])
    fh = C.fh_parts()
    if fh:
        bits.append([P_('b', 'FH: ')] + fh)
    rs = C.results_inline()
    if rs:
        bits.append(rs)
    fp = C.fit_pending_part()
    if fp:
        bits.append([fp])
    for b in bits:
        if b and b[0][0] != 'b':
            b = [[b[0][0], cap1(b[0][1]), b[0][2]]] + b[1:]
        doc.unit(b)
        doc.b('. ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('. ')
    doc.b(rng.choice(['Thanks', 'Many thanks', 'Thank you']) + '\n' + rng.choice(DOCS))


def lay_gp_chatty(doc, C, req):
    rng, ctx = C.rng, C.ctx
    name, addr, pc, code = practice(C)
    doc.b('%s, %s\n' % (name, addr))
    add_p(doc, date_part(C, 'plain'))
    doc.b('\n\nDear ' + rng.choice(['Colleague', 'Gastro team', rng.choice(CONSULTANTS)]) + ',\n\nRe: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b(' (DOB ')
        add_p(doc, dob_part(C))
        doc.b(')')
    doc.b('\n\n' + rng.choice(["I'd be really grateful if you could cast an eye over ",
                               "I wonder if you'd be kind enough to see ", "I'm hoping you can help me with "]))
    doc.b(ctx['first'] + ', ')
    ap = age_part(C)
    if ap:
        doc.b('a lovely ')
        add_p(doc, ap)
        doc.b(' %s, ' % ctx['lady'])
    doc.b(rng.choice(['who popped in last week with ', 'who came in with {his} {rel} about '.format(**ctx),
                      'who has been bothered by ']))
    add_p(doc, pc_part(C))
    doc.b('. ' + rng.choice(["To be honest I wasn't sure at first what to make of it. ",
                             'We had a good long chat. ', "{He}'s not one to bother us. ".format(**ctx)]) + '\n\n')
    hx = all_hx(C)
    fill_words = ['As it turns out, ', 'I did ask specifically, and ', 'For what it\'s worth, ', '', '', '']
    for i, u in enumerate(hx):
        if i:
            doc.b(' ')
        w = rng.choice(fill_words)
        if w and u[0][0] in ('ev', 'neu') and u[0][1][:1].isupper() and not u[0][1].startswith(('PR', 'DRE', 'CIBH', 'I ')):
            doc.b(w)
            u = [[u[0][0], low1(u[0][1]), u[0][2]]] + u[1:]
        doc.unit(u)
    doc.b('\n\n')
    bg = bg_units(C)
    if bg:
        emit_units(doc, bg)
        doc.b('\n\n')
    doc.b('I had a feel of {his} tummy and so on: '.format(**ctx))
    emit_units(doc, C.exam_units())
    ps = addendum_split(C)
    if not ps:
        rs = results_sentence(C, rng.choice(["I've done some bloods: ", 'The tests so far: ']))
        if rs:
            doc.b('\n\n')
            doc.unit(rs)
    doc.b('\n\n')
    pl = C.plan_units()
    if pl:
        emit_units(doc, pl)
        doc.b(' ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('. ')
    doc.b(rng.choice(["Do give me a ring if you'd like to chat it through.", 'Thanks ever so much.',
                      "I'd value your thoughts."]))
    doc.b('\n\nBest wishes,\n\n%s\n' % rng.choice(DOCS))
    if ps:
        doc.b('\nP.S. ' + rng.choice(["Sorry - the bloods have just come back and they change things a bit: ",
                                       "Just as I was about to send this, the results landed: "]))
        doc.unit(C.results_inline())
        doc.b('.')


def lay_gp_bullets(doc, C, req):
    rng, ctx = C.rng, C.ctx
    bul = rng.choice(['• ', '- ', '* '])
    name, addr, pc, code = practice(C)
    doc.b('%s | %s | %s\nDate: ' % (name, pc, code))
    add_p(doc, date_part(C))
    doc.b('\n\nDear Gastroenterology team,\n\nRe: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b(', DOB ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'aged')
    if ap:
        doc.b(', ')
        add_p(doc, ap)
    doc.b(', NHS %s\n\nReason for referral: ' % nhs_number(rng))
    add_p(doc, pc_part(C))
    doc.b('\n\nHistory:\n')
    emit_units(doc, [strip_stop(u) for u in all_hx(C)], bullet=bul)
    bg = bg_units(C)
    if bg:
        doc.b('\nBackground:\n')
        emit_units(doc, [strip_stop(u) for u in bg], bullet=bul)
    doc.b('\nExamination:\n')
    emit_units(doc, [strip_stop(u) for u in C.exam_units()], bullet=bul)
    rs = C.results_inline()
    if rs:
        doc.b('\nInvestigations:\n')
        parts = [p for p in rs if p[0] != 'b']
        for p in parts:
            doc.b(bul)
            add_p(doc, p)
            doc.b('\n')
    pl = C.plan_units()
    doc.b('\nPlan / request:\n')
    emit_units(doc, [strip_stop(u) for u in pl], bullet=bul)
    rp = req_part(C, req)
    if rp:
        doc.b(bul)
        add_p(doc, rp)
        doc.b('\n')
    doc.b(bul + 'Patient aware of referral\n\nKind regards\n%s' % rng.choice(DOCS))


def lay_gp_third_person(doc, C, req):
    rng, ctx = C.rng, C.ctx
    name, addr, pc, code = practice(C)
    doc.b('%s\n%s %s\n\n' % (name, addr, pc))
    add_p(doc, date_part(C))
    doc.b('\n\nDear Doctor,\n\nPatient: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('  Date of birth: ')
        add_p(doc, dob_part(C))
    doc.b('  NHS number: %s\n\n' % nhs_number(rng))
    colleague = rng.choice(DOCS)
    ap = age_part(C)
    if ap:
        doc.b('The patient is a ')
        add_p(doc, ap)
        doc.b(' %s who was seen by my colleague %s with ' % (ctx['sexword'].lower() if False else
                                                             ('man' if C.F['sex'] == 'M' else 'woman'), colleague))
    else:
        doc.b('The patient was seen by my colleague %s with ' % colleague)
    add_p(doc, pc_part(C))
    doc.b('. I have reviewed the notes and spoken to the patient by telephone.\n\n')
    emit_units(doc, all_hx(C))
    doc.b('\n\n')
    bg = bg_units(C)
    if bg:
        emit_units(doc, bg)
        doc.b('\n\n')
    doc.b('Examination findings recorded by %s: ' % colleague)
    emit_units(doc, C.exam_units())
    rs = results_sentence(C, 'The patient\'s results: ')
    if rs:
        doc.b('\n\n')
        doc.unit(rs)
    doc.b('\n\n')
    pl = C.plan_units()
    if pl:
        emit_units(doc, pl)
        doc.b(' ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('.')
    doc.b(' The patient is aware of this referral.\n\nYours faithfully,\n\n%s\nfor %s' % (rng.choice(DOCS), name))


def tf_lower(t, role):
    t = t.lower()
    t = re.sub(r'(?<!\d)\.|\.(?!\d)', '', t)
    t = re.sub(r'[,;:()!?"]', '', t)
    t = t.replace("'", '')
    return t


def lay_gp_lowercase(doc, C, req):
    rng, ctx = C.rng, C.ctx
    doc.transform = tf_lower
    doc.b('dear ' + rng.choice(CONSULTANTS) + '\n')
    doc.b('re ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b(' dob ')
        add_p(doc, dob_part(C))
    doc.b(' nhs %s  ' % nhs_number(rng))
    add_p(doc, date_part(C, 'slash'))
    doc.b('\n\nthanks for seeing this ')
    ap = age_part(C, 'yo')
    if ap:
        add_p(doc, ap)
        doc.b(' ')
    doc.b(ctx['man'] + ' with ')
    add_p(doc, pc_part(C))
    doc.b('\n')
    for u in all_hx(C):
        doc.unit(u)
        doc.b(rng.choice([' ', ' ', '\n']))
    for u in bg_units(C):
        doc.unit(u)
        doc.b(' ')
    doc.b('\noe ')
    emit_units(doc, C.exam_units())
    rs = results_sentence(C, 'bloods ')
    if rs:
        doc.b('\n')
        doc.unit(rs)
    pl = C.plan_units()
    if pl:
        doc.b('\n')
        emit_units(doc, pl)
    rp = req_part(C, req)
    if rp:
        doc.b('\n')
        add_p(doc, rp)
    doc.b('\nthanks\n' + rng.choice(DOCS))


ABBR = [(r'\bchange in bowel habit\b', 'CIBH'), (r'\brectal bleeding\b', 'PR bleeding'), (r'\bweight loss\b', 'wt loss'),
        (r'\babdominal\b', 'abdo'), (r'\bexamination\b', 'exam'), (r'\bhistory\b', 'hx'), (r'\bpatient\b', 'pt'),
        (r'\bleft iliac fossa\b', 'LIF'), (r'\bright iliac fossa\b', 'RIF'), (r'(\d+) weeks\b', r'\1/52'),
        (r'(\d+) days\b', r'\1/7'), (r'(\d+) months\b', r'\1/12'), (r'\bwith\b', 'w/'), (r'\band\b', '&'),
        (r'\bdiagnosed\b', 'dx'), (r'\bfamily history\b', 'FHx'), (r'\bhaemoglobin\b', 'Hb'),
        (r'\bapproximately\b', '~'), (r'\bbecause\b', 'as'), (r'\bsymptoms\b', 'sx'), (r'\bappointment\b', 'appt'),
        (r'\bthree or four\b', '3-4'), (r'\btreatment\b', 'rx'), (r'\bprevious\b', 'prev')]


def tf_abbrev(t, role):
    for a, b in ABBR:
        t = re.sub(a, b, t)
    return t


def lay_gp_abbrev(doc, C, req):
    rng, ctx = C.rng, C.ctx
    doc.transform = tf_abbrev
    name, addr, pc, code = practice(C)
    doc.b('%s  %s\n' % (name, code))
    add_p(doc, date_part(C, 'slash'))
    doc.b('\nDear Dr,\nRe: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b(' DOB ')
        add_p(doc, dob_part(C))
    doc.b(' NHS %s\n\n' % nhs_number(rng))
    ap = age_part(C, 'yo')
    doc.b('Pt ')
    if ap:
        add_p(doc, ap)
        doc.b(' ')
    doc.b(ctx['sexletter'] + ' c/o ')
    add_p(doc, pc_part(C))
    doc.b('.\nHPC: ')
    hx = C.hx_units('short')
    nu = nausea_unit(C)
    if nu:
        hx.insert(0, nu)
    pp = C.ppi_part()
    if pp:
        hx.append([pp, P_('b', '.')])
    emit_units(doc, hx)
    pm = C.pmh_items()
    doc.b('\nPMHx: ')
    if pm:
        for i, p in enumerate(pm):
            if i:
                doc.b(', ')
            add_p(doc, p)
    else:
        doc.b('nil significant')
    cond = C.conditions_parts()
    if cond:
        doc.b('. ')
        emit_units(doc, cond)
    meds = C.med_items()
    doc.b('\nDHx: ' + (', '.join(meds) if meds else 'nil regular') + '. NKDA.')
    fh = C.fh_parts()
    if fh:
        doc.b('\nFHx: ')
        doc.unit(fh)
    doc.b('\nO/E: ')
    emit_units(doc, C.exam_units())
    rs = C.results_inline()
    if rs:
        doc.b('\nIx: ')
        doc.unit(rs)
    doc.b('\nPlan: ')
    pl = C.plan_units()
    emit_units(doc, pl)
    rp = req_part(C, req)
    if rp:
        doc.b(' ')
        add_p(doc, rp)
        doc.b('.')
    doc.b(' Pt aware.\nThx\n' + rng.choice(DOCS))


def lay_ers_template(doc, C, req):
    rng, ctx = C.rng, C.ctx
    name, addr, pc, code = practice(C)
    doc.b('NHS e-Referral Service - Referral Letter\nUBRN: %04d %04d %04d\nService: Gastroenterology - %s\n'
          % (rng.randint(0, 9999), rng.randint(0, 9999), rng.randint(0, 9999), HOSP))
    doc.b('Priority requested: ')
    rp = req_part(C, req, field=True)
    if rp:
        add_p(doc, rp)
    else:
        doc.b('(not stated)')
    doc.b('\nReferral date: ')
    add_p(doc, date_part(C, 'slash'))
    doc.b('\nReferrer: %s, %s (%s)\n\nPatient: ' % (rng.choice(DOCS), name, code))
    name_parts(doc, C, 'surname_caps')
    if show_dob(C.F):
        doc.b('   DOB: ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'years')
    if ap:
        doc.b('   Age: ')
        add_p(doc, ap)
    doc.b('   NHS: %s\n\n' % nhs_number(rng))
    doc.b('Presenting complaint: ')
    add_p(doc, pc_part(C))
    doc.b('\n\nHPC:\n')
    emit_units(doc, all_hx(C))
    cond = C.conditions_parts()
    pm = C.pmh_items()
    doc.b('\n\nPMH: ')
    if pm or cond:
        for i, p in enumerate(pm):
            if i:
                doc.b(', ')
            add_p(doc, p)
        if cond:
            if pm:
                doc.b('. ')
            emit_units(doc, cond)
    else:
        doc.b('nil of note')
    meds = C.med_items()
    doc.b('\nDH: ' + (', '.join(meds) if meds else 'none') + '\nAllergies: NKDA\n')
    fh = C.fh_parts()
    doc.b('FH: ')
    if fh:
        doc.unit(fh)
    else:
        doc.b('nil relevant')
    doc.b('\nSH: ' + rng.choice(['Lives with family. Non-smoker.', 'Lives alone, independent. Ex-smoker.',
                                 'Works full time. Alcohol within guidelines.']) + '\n\nO/E: ')
    emit_units(doc, C.exam_units())
    doc.b('\n\nInvestigations: ')
    rs = C.results_inline()
    if rs:
        doc.unit(rs)
    else:
        doc.b('none yet')
    # red flags screened: a list under its own heading
    used = {d['fact'] for d in C.dx if d['kind'] == 'negated'}
    rf = [f for f in ['dysphagia', 'weight_loss', 'rectal_bleeding', 'haematemesis', 'cibh', 'abdominal_mass']
          if f not in used and (f not in C.P or rng.random() < 0.5)]
    rng.shuffle(rf)
    rf = rf[:rng.randint(2, 4)]
    if rf:
        doc.b('\n\nRed flags screened: ')
        for i, u in enumerate(mixed_list(C, rf, None)):
            if i:
                doc.b('; ')
            doc.unit(u)
    doc.b('\n\nWhat I have done: ' + rng.choice(['examined and bloods as above', 'discussed with patient, bloods',
                                                  'history and examination']))
    pl = C.plan_units()
    if pl:
        doc.b('. ')
        emit_units(doc, pl)
    doc.b('\nWhat I would like: ' + rng.choice(['your assessment', 'specialist opinion and investigation as you see fit',
                                                 'review and advice']))
    doc.b('\n\n-- End of referral letter --')


def lay_gp_system_paste(doc, C, req):
    rng, ctx = C.rng, C.ctx
    name, addr, pc, code = practice(C)
    doc.b('REFERRAL - generated from clinical system (%s)\nPrinted: ' % rng.choice(['EMIS Web', 'SystmOne']))
    add_p(doc, date_part(C, 'dash'))
    doc.b('\n' + '-' * 60 + '\nPatient: ')
    name_parts(doc, C, 'surname_caps')
    if show_dob(C.F):
        doc.b('   DOB: ')
        add_p(doc, dob_part(C, 'dash'))
    ap = age_part(C, 'yrs')
    if ap:
        doc.b('   (')
        add_p(doc, ap)
        doc.b(')')
    doc.b('\nNHS number: %s   Usual GP: %s   %s (%s)\n' % (nhs_number(rng), rng.choice(DOCS), name, code))
    doc.b('-' * 60 + '\n\nCONSULTATIONS\n')
    hx = all_hx(C)
    ex = C.exam_units()
    if C.v1:
        k = max(1, len(hx) // 2)
        doc.b('%s  Face to face  %s\nHistory: ' % (fdate(C.v1, 'dash'), rng.choice(DOCS)))
        emit_units(doc, hx[:k])
        doc.b('\nPlan: bloods, review with results.\n\n%s  %s  %s\nHistory: ' % (
            fdate(C.v2, 'dash'), rng.choice(['Telephone', 'Face to face']), rng.choice(DOCS)))
        emit_units(doc, hx[k:] or [[P_('b', 'Reviewed with results.')]])
    else:
        doc.b('%s  Face to face  %s\nHistory: ' % (fdate(C.v2, 'dash'), rng.choice(DOCS)))
        emit_units(doc, hx)
    doc.b('\nExamination: ')
    emit_units(doc, ex)
    pl = C.plan_units()
    if pl:
        doc.b('\nPlan: ')
        emit_units(doc, pl)
    doc.b('\n\nPROBLEMS\nActive: ')
    cond = C.conditions_parts()
    if cond:
        emit_units(doc, cond)
    else:
        doc.b('none recorded')
    pm = C.pmh_items()
    doc.b('\nPast: ')
    if pm:
        for i, p in enumerate(pm):
            if i:
                doc.b('; ')
            add_p(doc, p)
    else:
        doc.b('none')
    fh = C.fh_parts()
    if fh:
        doc.b('\nFamily history: ')
        doc.unit(fh)
    meds = C.med_items()
    doc.b('\n\nMEDICATION (repeat)\n' + ('\n'.join(meds) if meds else 'No current repeat medication') + '\n')
    if C.F['vals'] or C.F.get('ttg_negative') or 'coeliac_pos' in C.P:
        doc.b('\nRESULTS\n')
        results_table(C, doc)
    doc.b('\nReferral priority: ')
    rp = req_part(C, req, field=True)
    if rp:
        add_p(doc, rp)
    else:
        doc.b('not set')
    doc.b('\n\nPage 1 of 1   Confidential - %s' % name)


FORM_ANS_POS = ['Y', 'Yes', 'YES', '\u2713', 'Yes / N\u0336o\u0336', '(Yes) / No', '+', 'present']
FORM_ANS_NEG = ['N', 'No', 'NO', '\u2717', 'Y\u0336e\u0336s\u0336 / No', 'Yes / (No)', '-', 'absent',
                "not that {he}'s noticed", '']


def form_rows(doc, C, facts, width=40):
    rng, ctx = C.rng, C.ctx
    pos_styles = rng.sample(FORM_ANS_POS, 3)
    neg_styles = rng.sample(FORM_ANS_NEG, 4)
    for f in facts:
        if f == 'abdominal_pain' and f not in C.P and ({'dyspepsia', 'upper_abdominal_pain'} & set(C.P)):
            continue
        lab = FORM_LABEL[f]
        dots = ' ' + '.' * max(3, width - len(lab)) + ' '
        if f in ('rectal_bleeding', 'cibh') and 'bloody_diarrhoea' in C.P:
            a = rng.choice(pos_styles)
            doc.add('ev', lab + dots + a + ' - ' + rng.choice(['bloody diarrhoea, see below',
                                                              'blood mixed with diarrhoea (see notes)']),
                    fact='bloody_diarrhoea', device='form_answer')
            C.devices.append(('form_answer', 'bloody_diarrhoea'))
            doc.b('\n')
            continue
        if f in C.P:
            a = rng.choice(pos_styles)
            extra = ''
            if rng.random() < 0.6 and f in NP:
                extra = ' - ' + C.np(f)
            if f == 'rectal_bleeding' and rng.random() < 0.3:
                a, extra = 'occasionally', ' (most recently last week)'
            doc.add('ev', lab + dots + a + extra, fact=f, device='form_answer')
            C.devices.append(('form_answer', f))
        else:
            d = next((x for x in C.dx if x['fact'] == f and x['kind'] != 'negated'), None)
            a = fill(rng.choice(neg_styles), ctx)
            kind = 'unticked' if a == '' else 'negated'
            if f == 'rectal_bleeding' and rng.random() < 0.25:
                a, kind = 'only once, last year (none since)', 'resolved'
            doc.add('dx', (lab + dots + a).rstrip(), fact=f, kind=kind, pivotal=flip_pivotal(C.F, f),
                    form=True)
        doc.b('\n')


def form_header(doc, C, title):
    rng = C.rng
    name, addr, pc, code = practice(C)
    doc.add('req', title, requested='urgent_suspected_cancer')
    doc.b('\nTo: %s - Gastroenterology / Colorectal booking office\n' % HOSP)
    doc.b('Date of referral: ')
    add_p(doc, date_part(C, 'slash'))
    doc.b('\n\nPATIENT DETAILS\nName: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('\nDate of birth: ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'bare')
    if ap:
        doc.b('\nAge: ')
        add_p(doc, ap)
    doc.b('\nSex: %s\nNHS number: %s\nHospital no: %s%06d\n' % (C.ctx['sexword'], nhs_number(rng),
                                                                 rng.choice(['K', 'H', 'RX']), rng.randint(0, 999999)))
    doc.b('Referring GP: %s, %s (%s)\n' % (rng.choice(DOCS), name, code))


def form_free_text(doc, C):
    rng = C.rng
    doc.b('\nADDITIONAL CLINICAL INFORMATION\n')
    hx = [u for u in all_hx(C)]
    # keep the free text to non-negated content, the boxes carry the negatives
    emit_units(doc, hx)
    bg = C.conditions_parts()
    if bg:
        doc.b(' ')
        emit_units(doc, bg)
    fh = C.fh_parts()
    if fh:
        doc.b(' FH: ')
        doc.unit(fh)
        doc.b('.')
    doc.b('\nExamination: ')
    emit_units(doc, C.exam_units())
    pl = C.plan_units()
    if pl:
        doc.b('\n')
        emit_units(doc, pl)


def ida_row(doc, C):
    rng = C.rng
    doc.add('neu', 'Iron deficiency anaemia (Hb / ferritin)')
    doc.b(' ' + '.' * 4 + ' ')
    names = [n for n in ('hb', 'ferritin') if n in C.F['vals']]
    if names:
        first = True
        for n in names:
            for p in C.value_parts(n):
                if not first:
                    doc.b(', ')
                add_p(doc, p)
                first = False
    else:
        doc.add('neu', rng.choice(['not checked', 'bloods pending', 'FBC not done yet']))
    doc.b('\n')


def lay_lgi_form(doc, C, req):
    rng = C.rng
    C.form = True
    form_header(doc, C, 'SUSPECTED LOWER GI CANCER REFERRAL (Urgent Suspected Cancer / 2WW)')
    facts = ['rectal_bleeding', 'cibh', 'weight_loss', 'abdominal_pain', 'abdominal_mass', 'rectal_mass', 'anal_mass']
    C.dx = [d for d in C.dx if d['fact'] not in facts]
    doc.b('\nCLINICAL FEATURES (please answer every row)\n')
    form_rows(doc, C, facts)
    ida_row(doc, C)
    doc.add('neu', 'FIT result (ug Hb/g)')
    doc.b(' ' + '.' * 20 + ' ')
    if 'fit' in C.F['vals']:
        for i, p in enumerate(C.value_parts('fit')):
            if i:
                doc.b('; ')
            add_p(doc, p)
    elif C.F.get('fit_pending'):
        add_p(doc, C.fit_pending_part())
        C.F = dict(C.F)
        C.F['fit_pending'] = None
    else:
        doc.add('neu', rng.choice(['not done', 'N/A', 'not available']))
    doc.b('\n')
    for n in ('calprotectin', 'alt'):
        if n in C.F['vals']:
            doc.add('neu', {'calprotectin': 'Faecal calprotectin', 'alt': 'LFTs'}[n])
            doc.b(': ')
            for i, p in enumerate(C.value_parts(n)):
                if i:
                    doc.b('; ')
                add_p(doc, p)
            doc.b('\n')
    for t, role, info in C.extra_results():
        doc.add(role, t, **info)
        doc.b('\n')
    C.F = dict(C.F)
    C.F['vals'] = {}
    C.F['ttg_negative'] = False
    form_free_text(doc, C)
    doc.b('\n\nWHO performance status: %d\nPatient informed this is a 2WW referral: Yes\n'
          'Patient available in the next 14 days: Yes\n' % rng.randint(0, 2))


def lay_ugi_form(doc, C, req):
    rng = C.rng
    C.form = True
    form_header(doc, C, 'UPPER GI - SUSPECTED CANCER REFERRAL FORM (2WW)')
    facts = ['dysphagia', 'haematemesis', 'weight_loss', 'upper_abdominal_pain', 'reflux', 'dyspepsia', 'jaundice']
    C.dx = [d for d in C.dx if d['fact'] not in facts]
    doc.b('\nREFERRAL CRITERIA\n')
    form_rows(doc, C, facts, 36)
    doc.b('Nausea / vomiting ' + '.' * 22 + ' ')
    doc.add('neu', 'Y' if C.F.get('nausea') else rng.choice(['N', 'No']))
    doc.b('\n')
    doc.add('neu', 'Weeks on PPI (if dyspepsia)')
    doc.b(' ' + '.' * 12 + ' ')
    pp = C.ppi_part()
    if pp:
        add_p(doc, pp)
        C.F = dict(C.F)
        C.F['ppi'] = None
    else:
        doc.add('neu', rng.choice(['n/a', '-', 'not on PPI']))
    doc.b('\n')
    ida_row(doc, C)
    for n in ('fit', 'calprotectin', 'alt'):
        if n in C.F['vals']:
            doc.add('neu', {'fit': 'FIT', 'calprotectin': 'Calprotectin', 'alt': 'LFTs'}[n])
            doc.b(': ')
            for i, p in enumerate(C.value_parts(n)):
                if i:
                    doc.b('; ')
                add_p(doc, p)
            doc.b('\n')
    C.F = dict(C.F)
    C.F['vals'] = {}
    form_free_text(doc, C)
    doc.b('\n\nAnticoagulants: %s   Performance status: %d\nPatient understands this is a 2WW referral: Y\n'
          % (rng.choice(['none', 'apixaban', 'none', 'clopidogrel']), rng.randint(0, 2)))


def lay_ooh_soap(doc, C, req):
    rng, ctx = C.rng, C.ctx
    svc = rng.choice(['Vale Urgent Care (GP Out of Hours)', 'County OOH Primary Care Service', 'Medicall OOH'])
    doc.b('%s\nOut-of-hours consultation record - copy to Gastroenterology and registered GP\nDate: ' % svc)
    add_p(doc, date_part(C))
    doc.b('  %02d:%02d   Seen at: %s\nPatient: ' % (rng.choice([18, 19, 20, 21, 22, 7, 8]), rng.randint(0, 59),
                                                     rng.choice(['treatment centre', 'home visit', 'base'])))
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('  DOB ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'yrs')
    if ap:
        doc.b('  ')
        add_p(doc, ap)
    doc.b('  NHS %s\n\nS: ' % nhs_number(rng))
    emit_units(doc, all_hx(C))
    bg = bg_units(C)
    if bg:
        doc.b(' ')
        emit_units(doc, bg)
    doc.b('\nO: ')
    emit_units(doc, C.exam_units())
    rs = C.results_inline()
    if rs:
        doc.b(' Results on record: ')
        doc.unit(rs)
        doc.b('.')
    doc.b('\nA: Impression - ' + rng.choice(['needs specialist gastroenterology review',
                                             'not acutely unwell enough for admission tonight; needs onward referral',
                                             'stable, safe for discharge home with referral']) + '.')
    doc.b('\nP: ')
    pl = C.plan_units()
    if pl:
        emit_units(doc, pl)
        doc.b(' ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('. ')
    doc.b('Worsening advice given. Registered GP informed.\n\n%s, OOH GP' % rng.choice(DOCS))


Q111 = {'haematemesis': 'Have you vomited any blood?', 'dysphagia': 'Any difficulty swallowing food or drink?',
        'jaundice': 'Has anyone said your skin or eyes look yellow?', 'weight_loss': 'Have you lost weight without trying?',
        'rectal_bleeding': 'Any bleeding from the back passage?', 'bloody_diarrhoea': 'Is there blood in the diarrhoea?',
        'cibh': 'Have your bowel habits changed recently?', 'abdominal_pain': 'Do you have any tummy pain?',
        'reflux': 'Any heartburn or acid coming up?', 'dyspepsia': 'Any indigestion?'}


def lay_nhs111(doc, C, req):
    rng, ctx = C.rng, C.ctx
    doc.b('NHS 111 - Integrated Urgent Care / Clinical Assessment Service\nCall summary and onward referral\n'
          'Call date: ')
    add_p(doc, date_part(C, 'slash'))
    caller = rng.choice(['patient', 'patient', '%s (%s)' % ('relative', ctx['rel'])])
    doc.b('  Time: %02d:%02d   Caller: %s\n' % (rng.randint(0, 23), rng.randint(0, 59), caller))
    doc.b('Patient: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('   DOB: ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'years')
    if ap:
        doc.b('   Age: ')
        add_p(doc, ap)
    doc.b('   Sex: %s\nRegistered practice: %s\n\n' % (ctx['sexword'], practice(C)[0]))
    doc.b('Pathways questions (health advisor):\n')
    qs = [f for f in Q111 if f in C.P or rng.random() < 0.35]
    used = {d['fact'] for d in C.dx if d['kind'] == 'negated'}
    qs = [f for f in qs if not (f in used and f not in C.P)][:6]
    if 'bloody_diarrhoea' in C.P:
        qs = [f for f in qs if f not in ('rectal_bleeding', 'cibh')]
    for f in qs:
        q = Q111[f]
        if f in C.P:
            a = rng.choice(['Yes', 'yes', 'Yes - ' + C.np(f) if f in NP else 'Yes'])
            if f == 'rectal_bleeding' and rng.random() < 0.4:
                a = 'occasionally'
            doc.b('  ')
            doc.add('ev', '"%s" - %s' % (q, a), fact=f, device='form_answer')
            C.devices.append(('form_answer', f))
        else:
            a = fill(rng.choice(['No', 'no', "not that {he}'s noticed", 'No.', 'denies']), ctx)
            doc.b('  ')
            doc.add('dx', '"%s" - %s' % (q, a), fact=f, kind='negated', pivotal=flip_pivotal(C.F, f), form=True)
        doc.b('\n')
    doc.b('\nClinician notes (%s, clinical advisor): ' % rng.choice(['RN', 'paramedic', 'GP']))
    hx = all_hx(C)
    emit_units(doc, hx)
    cond = C.conditions_parts()
    if cond:
        doc.b(' ')
        emit_units(doc, cond)
    fh = C.fh_parts()
    if fh:
        doc.b(' FH: ')
        doc.unit(fh)
        doc.b('.')
    pl = C.plan_units()
    if pl:
        doc.b(' ')
        emit_units(doc, pl)
    doc.b('\nNo examination possible (telephone assessment).\n\nDisposition: ' + rng.choice(
        ['speak to own GP practice within 12 hours - overridden', 'refer to specialist service - see notes',
         'routine GP follow-up plus onward referral']) + '\n')
    rp = req_part(C, req)
    if rp:
        doc.b('Clinician request: ')
        add_p(doc, rp)
        doc.b('.\n')
    doc.b('Care advice given; call back if worse. Record sent to registered GP.')


def lay_walkin_nurse(doc, C, req):
    rng, ctx = C.rng, C.ctx
    town = rng.choice(['Bramford', 'Kelbury', 'Eastfold', 'Norbridge'])
    doc.b('%s Urgent Treatment Centre (walk-in)\nNurse Practitioner assessment - letter to Gastroenterology\nDate: '
          % town)
    add_p(doc, date_part(C))
    doc.b('\nPatient: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('   DOB ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'years')
    if ap:
        doc.b('   Age ')
        add_p(doc, ap)
    doc.b('   NHS %s\nGP: %s\n\nPresenting complaint: ' % (nhs_number(rng), practice(C)[0]))
    add_p(doc, pc_part(C))
    doc.b('\n\nHistory: ')
    emit_units(doc, all_hx(C))
    bg = bg_units(C)
    if bg:
        doc.b('\n')
        emit_units(doc, bg)
    doc.b('\n\nObservations: NEWS2 %d (RR 16, SpO2 %d%%, HR %d, BP %d/%d, Temp %.1f)\nExamination: ' % (
        rng.randint(0, 1), rng.randint(95, 99), rng.randint(62, 98), rng.randint(110, 150), rng.randint(65, 90),
        36.3 + rng.randint(0, 6) / 10))
    emit_units(doc, C.exam_units())
    rs = C.results_inline()
    if rs:
        doc.b('\nResults available to me: ')
        doc.unit(rs)
        doc.b('.')
    doc.b('\n\nSafety netting: ')
    pl = C.plan_units()
    if pl:
        emit_units(doc, pl)
        doc.b(' ')
    doc.b('Written advice leaflet given.\nPlan: ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('. ')
    doc.b('Copy to GP.\n\n%s%s, %s' % (rng.choice(['Sister ', 'Charge Nurse ', '']),
                                        rng.choice(['J. Whitlock', 'R. Adeyemi', 'S. Moran', 'K. Lund']),
                                        rng.choice(['ANP', 'Nurse Practitioner', 'ENP'])))


def lay_community(doc, C, req):
    rng, ctx = C.rng, C.ctx
    a = C.F['age']
    if a <= 19:
        team, role = 'Sixth Form College - School Nursing Service', 'School Nurse'
        intro = '{first} came to see me at the college drop-in clinic.'
    elif a < 45 and C.F['sex'] == 'F' and rng.random() < 0.7:
        team, role = 'Health Visiting Team, 0-19 Service', 'Health Visitor'
        intro = 'I am the health visitor for {first}\'s baby; {first} raised the following at the new-birth / 6-8 week contact.'
    elif a < 60:
        team, role = 'Integrated Neighbourhood Team', 'Care Co-ordinator (RGN)'
        intro = 'I am {first}\'s care co-ordinator and visit at home.'
    else:
        team, role = 'Community Nursing Service', 'Community Matron'
        intro = '{first} is on my caseload and I visit at home.'
    doc.b('%s\nHome visit notes for the attention of Gastroenterology\nDate: ' % team)
    add_p(doc, date_part(C))
    doc.b('\nPatient: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('  DOB: ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'aged')
    if ap:
        doc.b('  (')
        add_p(doc, ap)
        doc.b(')')
    doc.b('  NHS: %s\nGP: %s\n\n' % (nhs_number(rng), practice(C)[0]))
    doc.b(fill(intro, ctx) + '\n\n')
    hx = all_hx(C)
    ex = C.exam_units()
    bg = bg_units(C)
    items = hx + bg + ex
    if C.v1 and rng.random() < 0.6 and len(items) > 2:
        k = max(1, len(hx) // 2)
        doc.b('Visit 1 (%s):\n' % fdate(C.v1, 'slash'))
        for i, u in enumerate(hx[:k]):
            doc.b('%d. ' % (i + 1))
            doc.unit(u)
            doc.b('\n')
        doc.b('\nVisit 2 (%s):\n' % fdate(C.v2, 'slash'))
        rest = hx[k:] + bg + ex
    else:
        doc.b('Findings:\n')
        rest = items
    for i, u in enumerate(rest):
        doc.b('%d. ' % (i + 1))
        doc.unit(u)
        doc.b('\n')
    rs = results_sentence(C, 'Bloods (taken at home): ')
    if rs:
        doc.unit(rs)
        doc.b('\n')
    pl = C.plan_units()
    doc.b('\nConcerns / plan: ')
    if pl:
        emit_units(doc, pl)
        doc.b(' ')
    doc.b('Discussed with GP, who is aware of this letter. ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('.')
    doc.b('\n\n%s, %s' % (rng.choice(['A. Pryce', 'M. Delaney', 'T. Okoro', 'L. Hartley']), role))


def lay_pharmacist(doc, C, req):
    rng, ctx = C.rng, C.ctx
    name, addr, pc, code = practice(C)
    doc.b('%s - Structured Medication Review\nClinical Pharmacist (Independent Prescriber): %s\nDate of review: '
          % (name, rng.choice(['P. Shah', 'E. Connolly', 'O. Adebayo', 'H. Lee'])))
    add_p(doc, date_part(C))
    doc.b('\nPatient: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('  DOB ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'aged')
    if ap:
        doc.b('  ')
        add_p(doc, ap)
    doc.b('  NHS %s\n\nMedicines reviewed: ' % nhs_number(rng))
    meds = C.med_items()
    extra = []
    if C.F.get('ppi'):
        extra.append(C.F['ppi']['drug'])
    if 'ibd_known' in C.P:
        extra.append(C.P['ibd_known']['drug'])
    if 'hb' in C.F['vals'] and 'ferritin' in C.F['vals'] and latest(C.F, 'ferritin') < 30:
        extra.append('ferrous fumarate 210 mg BD (started by GP)')
    doc.add('neu', ', '.join(extra + meds) if (extra + meds) else 'no regular medicines')
    doc.b('\n\nIssues identified during the review:\n')
    units = all_hx(C) + C.conditions_parts()
    for i, u in enumerate(units):
        doc.b('%d. ' % (i + 1))
        doc.unit(u)
        doc.b('\n')
    fh = C.fh_parts()
    if fh:
        doc.b('Family history noted: ')
        doc.unit(fh)
        doc.b('.\n')
    rs = results_sentence(C, 'Monitoring bloods: ')
    if rs:
        doc.unit(rs)
        doc.b('\n')
    ex = [u for u in C.exam_units() if u[0][0] != 'neu']
    if ex:
        doc.b('Findings recorded by the GP: ')
        emit_units(doc, ex)
        doc.b('\n')
    pl = C.plan_units()
    if pl:
        emit_units(doc, pl)
        doc.b('\n')
    doc.b('\nDiscussed with %s (GP), who agrees with this referral. ' % rng.choice(DOCS))
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('.')
    doc.b('\n\nPharmacist review - not a prescription.')


def lay_endoscopy(doc, C, req):
    rng, ctx = C.rng, C.ctx
    proc = rng.choice(['OGD', 'colonoscopy', 'flexible sigmoidoscopy', 'OGD and colonoscopy'])
    doc.b('%s - Endoscopy Unit\nNurse-led pre-assessment: letter to consultant\nTo: %s, Consultant Gastroenterologist\n'
          'Date: ' % (HOSP, rng.choice(CONSULTANTS)))
    add_p(doc, date_part(C))
    doc.b('\nPatient: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('  DOB ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'aged')
    if ap:
        doc.b('  ')
        add_p(doc, ap)
    doc.b('  Hosp no %s%06d\nBooked for: %s (direct-access list)\n\n' % (rng.choice(['K', 'RX']), rng.randint(0, 999999), proc))
    doc.b('PRE-ASSESSMENT CHECKLIST\nAnticoagulant / antiplatelet: %s\nDiabetes: %s\nAllergies: %s\nSymptom review:\n'
          % (rng.choice(['N', 'none', 'aspirin 75 mg']), rng.choice(['N', 'no', 'Y - diet controlled']), 'NKDA'))
    facts = [f for f in ['dysphagia', 'weight_loss', 'rectal_bleeding', 'haematemesis', 'cibh', 'abdominal_pain']
             if f in C.P or not any(d['fact'] == f and d['kind'] == 'negated' for d in C.dx)]
    for u in mixed_list(C, facts[:5], None):
        doc.b('  ')
        doc.unit(u)
        doc.b('\n')
    doc.b('\nNurse notes: ')
    emit_units(doc, all_hx(C))
    cond = C.conditions_parts()
    if cond:
        doc.b(' ')
        emit_units(doc, cond)
    fh = C.fh_parts()
    if fh:
        doc.b(' FH: ')
        doc.unit(fh)
        doc.b('.')
    ex = C.exam_units()
    doc.b('\nObservations / examination: ')
    emit_units(doc, ex)
    rs = results_sentence(C, 'Pre-procedure bloods: ')
    if rs:
        doc.b('\n')
        doc.unit(rs)
    pl = C.plan_units()
    if pl:
        doc.b('\n')
        emit_units(doc, pl)
    doc.b('\n\nI would be grateful if you could review whether the booking and priority are still appropriate. ')
    rp = req_part(C, req)
    if rp:
        doc.b('GP\'s covering note: ')
        add_p(doc, rp)
        doc.b('.')
    doc.b('\n\n%s, Endoscopy Pre-assessment Nurse' % rng.choice(['C. Fenwick', 'D. Ortiz', 'G. Mahmood']))


def lay_private(doc, C, req):
    rng, ctx = C.rng, C.ctx
    co = rng.choice(['Meridian Health Screening Ltd', 'Apex Executive Health', 'WellCheck Clinics'])
    doc.b('%s - Health Assessment Report\nExamining doctor: %s MRCGP\nDate of assessment: ' % (co, rng.choice(DOCS)))
    add_p(doc, date_part(C))
    doc.b('\nClient: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('   DOB: ')
        add_p(doc, dob_part(C))
    ap = age_part(C, 'years')
    if ap:
        doc.b('   Age: ')
        add_p(doc, ap)
    doc.b('\nNHS GP: %s\n\nDear NHS Gastroenterology colleague,\n\n' % practice(C)[0])
    doc.b('%s attended for a %s health assessment. Findings relevant to you:\n\n' % (
        ctx['first'], rng.choice(['corporate', 'self-funded', 'annual'])))
    units = all_hx(C) + C.conditions_parts()
    for i, u in enumerate(units):
        doc.b('%d. ' % (i + 1))
        doc.unit(u)
        doc.b('\n')
    fh = C.fh_parts()
    if fh:
        doc.b('Family history: ')
        doc.unit(fh)
        doc.b('.\n')
    doc.b('\nExamination: ')
    emit_units(doc, C.exam_units())
    if C.F['vals'] or C.F.get('ttg_negative') or 'coeliac_pos' in C.P:
        doc.b('\n\nLABORATORY RESULTS\n')
        results_table(C, doc)
    pl = C.plan_units()
    if pl:
        doc.b('\n')
        emit_units(doc, pl)
    doc.b('\n\nRecommendation: ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('. ')
    doc.b('A copy of this report has been sent to the client and their NHS GP.\n\nThis report is confidential.')


def lay_forces(doc, C, req):
    rng, ctx = C.rng, C.ctx
    unit_ = rng.choice(['Catterick Garrison', 'RAF Brize Norton', 'HMNB Portsmouth', 'Tidworth Camp', 'Colchester Garrison'])
    rank, svc = rng.choice([('Cpl', 'soldier'), ('LCpl', 'soldier'), ('Sgt', 'soldier'), ('Pte', 'soldier'),
                            ('SAC', 'member of the RAF'), ('AB', 'Royal Navy rating'), ('Capt', 'Army officer'),
                            ('WO2', 'soldier'), ('Flt Lt', 'RAF officer')])
    doc.b('Defence Primary Healthcare\n%s Medical Centre\nDate: ' % unit_)
    add_p(doc, date_part(C))
    doc.b('\n\nDear Consultant Gastroenterologist,\n\nRe: %s ' % rank)
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('   DOB ')
        add_p(doc, dob_part(C))
    doc.b('   Service no %d   NHS %s\n\n' % (rng.randint(25000000, 30999999), nhs_number(rng)))
    doc.b('I would be grateful if you could see this ')
    ap = age_part(C)
    if ap:
        add_p(doc, ap)
        doc.b(' ')
    doc.b('serving %s, who presented to the medical centre with ' % svc)
    add_p(doc, pc_part(C))
    doc.b('.\n\n')
    emit_units(doc, all_hx(C))
    bg = bg_units(C)
    if bg:
        doc.b('\n\n')
        emit_units(doc, bg)
    doc.b('\n\nOn examination: ')
    emit_units(doc, C.exam_units())
    rs = results_sentence(C)
    if rs:
        doc.b('\n\n')
        doc.unit(rs)
    pl = C.plan_units()
    doc.b('\n\n')
    if pl:
        emit_units(doc, pl)
        doc.b(' ')
    doc.b('%s is currently %s. ' % (ctx['He'], rng.choice(['fit for UK duties only (MLD)', 'fully deployable (MFD)',
                                                          'on temporary restricted duties'])))
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('. ')
    doc.b('An early appointment would help with deployment planning.\n\nYours sincerely,\n\n%s\nSenior Medical Officer'
          % rng.choice(DOCS))


def lay_hospital(doc, C, req):
    rng, ctx = C.rng, C.ctx
    spec = rng.choice(['Gynaecology', 'Orthopaedics', 'Care of the Elderly', 'Emergency Medicine', 'Rheumatology',
                       'Acute Medicine', 'Haematology'])
    other = rng.choice(['St Aldhelm\'s Hospital', 'Northgate General', 'Royal Wexcombe Infirmary'])
    foot = '\n--- %s, %s - Page %%d of 2 ---\n' % (other, spec)
    doc.b('%s\nDepartment of %s\n\nTo: Gastroenterology, %s\nDate: ' % (other, spec, HOSP))
    add_p(doc, date_part(C))
    doc.b('\nRe: ')
    name_parts(doc, C)
    if show_dob(C.F):
        doc.b('  DOB ')
        add_p(doc, dob_part(C))
    doc.b('  NHS %s  Hosp no %s%07d\n\nDear colleague,\n\n' % (nhs_number(rng), rng.choice(['W', 'N']), rng.randint(0, 9999999)))
    doc.b('I saw this ')
    ap = age_part(C)
    if ap:
        add_p(doc, ap)
        doc.b(' ')
    doc.b('%s in the %s %s for an unrelated problem, and came across ' % (
        'man' if C.F['sex'] == 'M' else 'woman', spec.lower(), rng.choice(['clinic', 'department', 'ward'])))
    add_p(doc, pc_part(C))
    doc.b(', which I think needs your input.\n\nHistory: ')
    emit_units(doc, all_hx(C))
    doc.b(foot % 1)
    bg = bg_units(C)
    if bg:
        doc.b('\n')
        emit_units(doc, bg)
    doc.b('\n\nExamination: ')
    emit_units(doc, C.exam_units())
    ps = addendum_split(C)
    doc.b('\n\nWhat I have done: ')
    rs = results_sentence(C, 'bloods - ') if not ps else None
    if rs:
        doc.unit(rs)
    else:
        doc.b('bloods sent.')
    pl = C.plan_units()
    if pl:
        doc.b(' ')
        emit_units(doc, pl)
    doc.b('\nConcerns: ' + rng.choice(['I am not a gastroenterologist, so please regrade as you see fit.',
                                       'Mainly that this is followed up properly.', 'See above.']))
    doc.b('\nWhat I would like: ')
    rp = req_part(C, req)
    if rp:
        add_p(doc, rp)
        doc.b('.')
    else:
        doc.b('your opinion.')
    doc.b('\n\nYours sincerely,\n\n%s\nConsultant, %s\ncc: GP' % (rng.choice(DOCS), spec))
    if ps:
        doc.b('\n\nAddendum: ' + rng.choice(['results have come back since this letter was dictated - ',
                                             'bloods now back: ']))
        doc.unit(C.results_inline())
        doc.b('.')
    doc.b(foot % 2)


LAYOUT_FN = {'gp_formal': lay_gp_formal, 'gp_terse': lay_gp_terse, 'gp_chatty': lay_gp_chatty,
             'gp_bullets': lay_gp_bullets, 'gp_third_person': lay_gp_third_person, 'gp_lowercase': lay_gp_lowercase,
             'gp_abbrev': lay_gp_abbrev, 'ers_template': lay_ers_template, 'gp_system_paste': lay_gp_system_paste,
             'lgi_2ww_form': lay_lgi_form, 'ugi_2ww_form': lay_ugi_form, 'ooh_soap': lay_ooh_soap,
             'nhs111': lay_nhs111, 'walkin_nurse': lay_walkin_nurse, 'community_matron': lay_community,
             'pharmacist_review': lay_pharmacist, 'endoscopy_preassess': lay_endoscopy,
             'private_healthcheck': lay_private, 'forces_mo': lay_forces, 'hospital_letter': lay_hospital}


# ---------------------------------------------------------------------------
# Checks shared by the generator (the validator has its own copies)
# ---------------------------------------------------------------------------

KEYWORDS_CI = [r'dysphag', r'swallow', r'\bmass', r'\blump', r'haematemesis', r'\bblood(?!s\b| tests?\b)', r'bleed', r'jaundic',
               r'icter', r'yellow', r'weight', r'\bwt\b', r'reflux', r'heartburn', r'dyspeps', r'indigestion',
               r'epigastr', r'\bpain', r'bloat', r'bowel habit', r'\bCIBH', r'diarrh', r'constipat', r'\bqfit\b',
               r'calprotectin', r'\bFCP\b', r'haemoglobin', r'ferritin', r'\btTG', r'coeliac', r'fatty',
               r'steatosis', r'NAFLD', r'cirrho', r'ascites', r'confus', r'muddled', r'Crohn', r'colitis', r'\bIBD\b',
               r'cancer', r'tumour', r'carcinoma', r'\bPPI', r'prazole', r'stricture', r'haemorrhoid', r'\bpiles',
               r'\bstool', r'faecal', r'anaemi', r'\biron\b']
KEYWORDS_CS = [r'\bFIT\b', r'\bALT\b', r'\bHb\b']
MONTH_RE = r'(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*'
DATE_RES = [(re.compile(r'\b(\d{2})[/.](\d{2})[/.](\d{4})\b'), 'num'),
            (re.compile(r'\b(\d{2})-' + MONTH_RE + r'-(\d{4})\b', re.I), 'mon'),
            (re.compile(r'\b(\d{1,2})(?:st|nd|rd|th)? ' + MONTH_RE + r' (\d{4})\b', re.I), 'mon')]


def find_dates(text):
    out = []
    for rx, kind in DATE_RES:
        for m in rx.finditer(text):
            if kind == 'num':
                d = D(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            else:
                mi = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].index(
                    m.group(2).lower()[:3]) + 1
                d = D(int(m.group(3)), mi, int(m.group(1)))
            out.append((m.start(), m.end(), d))
    return out


def uncovered_keywords(text, spans):
    covered = [(s['start'], s['end']) for s in spans]
    bad = []
    pats = [(re.compile(p, re.I), p) for p in KEYWORDS_CI] + [(re.compile(p), p) for p in KEYWORDS_CS]
    for rx, p in pats:
        for m in rx.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in covered):
                bad.append((p, text[max(0, m.start() - 30):m.end() + 30]))
    return bad


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------

def make_letter(lid, n, lay, slot, cap, noisy_letter):
    rule, var, idx, ages = slot
    F = build(rule, var, idx, ages, lay, cap)
    for attempt in range(60):
        rng = rng_for('text', lid, attempt)
        ctx = make_ctx(F, rng)
        if lay == 'gp_third_person':
            ctx = third_person(ctx)
        n_dx = rng.randint(1, 2) if lay == 'gp_terse' else rng.randint(2, 5)
        Fc = json.loads(json.dumps(F, default=str))   # untouched copy for the meta
        C = Content(F, ctx, rng, lay, n_dx)
        if lay == 'gp_lowercase':
            C.fit_label = 'qFIT'
        req = choose_request(F, rng, lay)
        doc = Doc()
        LAYOUT_FN[lay](doc, C, req)
        text, spans, noisy = doc.render(rng_for('noise', lid, attempt) if noisy_letter else None)
        problems = check_letter(F, text, spans)
        if not problems:
            return F, C, text, spans, noisy, req, attempt
    raise RuntimeError('%s %s %s %s: %s' % (lid, lay, rule, var, problems))


def check_letter(F, text, spans):
    probs = []
    evf = {}
    for s in spans:
        if s['role'] == 'ev':
            evf.setdefault(s['info']['fact'], []).append(s)
    for f in F['pos']:
        if f not in evf:
            probs.append('no evidence for ' + f)
    if 'ibd_known' in F['pos'] and F['pos']['ibd_known'].get('stable'):
        for f in ('ibd_stable', 'ibd_question'):
            if f not in evf:
                probs.append('no evidence for ' + f)
    if F.get('ppi') and 'ppi' not in evf:
        probs.append('no ppi evidence')
    if F.get('fit_pending') and 'fit_pending' not in evf:
        probs.append('no fit pending evidence')
    for name, es in F['vals'].items():
        for i in range(len(es)):
            k = [s for s in spans if s['role'] == 'val' and s['info']['name'] == name and s['info']['idx'] == i]
            if len(k) != 1:
                probs.append('value %s[%d] rendered %d times' % (name, i, len(k)))
    if not [s for s in spans if s['role'] == 'date']:
        probs.append('no letter date')
    if show_dob(F) and not [s for s in spans if s['role'] == 'dob']:
        probs.append('no dob')
    if F['age_mode'] == 'dob_only' and [s for s in spans if s['role'] == 'age']:
        probs.append('age stated in dob_only letter')
    if show_age(F) and not [s for s in spans if s['role'] == 'age']:
        if not show_dob(F):
            probs.append('no age at all')
    if not [s for s in spans if s['role'] == 'sex']:
        probs.append('no sex evidence')
    bad = uncovered_keywords(text, spans)
    if bad:
        probs.append('uncovered keywords: %r' % bad[:3])
    # every full date in the letter (other than the DOB) gives the same age as the letter date
    dob_spans = [(s['start'], s['end']) for s in spans if s['role'] == 'dob']
    for a, b, d in find_dates(text):
        if any(x <= a and b <= y for x, y in dob_spans):
            continue
        if age_on(F['dob'], d) != F['age']:
            probs.append('date %s gives a different age' % d)
    return probs


def requested_of(spans):
    r = [s['info']['requested'] for s in spans if s['role'] == 'req']
    return r[0] if r else None


def assertion_turning(devices, spans):
    """Does this letter turn on how a finding is asserted?"""
    tricky_pos = {'denial_end', 'recurred', 'worry_confirmed', 'informant_confirmed', 'relative_same_sentence',
                  'sign_persist', 'mixed_list', 'form_answer'}
    for s in spans:
        i = s['info']
        if s['role'] == 'ev' and i.get('device') in tricky_pos:
            return True
        if s['role'] == 'dx' and i.get('pivotal') and (i.get('kind') != 'negated' or i.get('in_list') or i.get('form')):
            return True
    return False


def meta_for(lid, F, C, text, spans, noisy, req, lay):
    m = {'id': lid, 'rule': F['rule_target'], 'variant': F['variant'], 'style': lay, 'sex': F['sex'],
         'age': F['age'], 'age_mode': F['age_mode'], 'dob': F['dob'].isoformat(),
         'letter_date': F['letter_date'].isoformat(), 'facts': {}, 'values': {}, 'ppi': None,
         'fit_pending': None, 'distractors': [], 'neutral': [], 'request': None, 'age_evidence': [],
         'sex_evidence': [], 'boundary': F['boundary'], 'noise': noisy}
    for s in spans:
        i = s['info']
        loc = {'text': s['text'], 'start': s['start'], 'end': s['end']}
        if s['role'] == 'ev':
            f = i['fact']
            if f == 'ppi':
                if m['ppi'] is None:
                    pp = F['ppi']
                    m['ppi'] = {'drug': pp['drug'], 'mode': i.get('mode'), 'weeks': i.get('weeks'),
                                'days': i.get('days'), 'start_date': i.get('start_date'), 'persisting': True,
                                'evidence': []}
                m['ppi']['evidence'].append(loc)
                continue
            if f == 'fit_pending':
                m['fit_pending'] = {'evidence': [loc]}
                continue
            e = m['facts'].setdefault(f, {'details': None, 'evidence': []})
            det = F['pos'].get(f)
            if det is not None:
                e['details'] = {k: v for k, v in det.items() if isinstance(v, (int, str, bool, type(None)))}
            loc['device'] = i.get('device', 'plain')
            e['evidence'].append(loc)
        elif s['role'] == 'val':
            name = i['name']
            m['values'].setdefault(name, []).append(dict(loc, date=i['date'], value_text=i['value_text'],
                                                         unit=i['unit'], qual=i['qual']))
        elif s['role'] == 'dx':
            m['distractors'].append(dict(loc, fact=i['fact'], kind=i['kind'], pivotal=bool(i.get('pivotal'))))
        elif s['role'] == 'neu':
            m['neutral'].append(loc)
        elif s['role'] == 'req':
            m['request'] = dict(loc, requested=i['requested'])
        elif s['role'] in ('age', 'dob', 'date'):
            m['age_evidence'].append(dict(loc, kind=s['role']))
        elif s['role'] == 'sex':
            m['sex_evidence'].append(loc)
    # normal or superseded values as distractors of the derived facts
    for name, es in m['values'].items():
        es.sort(key=lambda e: e['date'])
    if 'ibd_known' in F['pos']:
        m['facts']['ibd_known']['details'] = {'type': F['pos']['ibd_known']['type'],
                                              'stable': bool(F['pos']['ibd_known'].get('stable'))}
    if 'coeliac_pos' in F['pos']:
        m['facts']['coeliac_pos']['details'] = {'ttg': str(F['pos']['coeliac_pos']['ttg']),
                                                'ref': F['pos']['coeliac_pos']['ref']}
    for name, es in F['vals'].items():
        if len(es) > 1:
            old = sorted(es, key=lambda e: e['date'])[:-1]
            for e in old:
                sp = [x for x in m['values'][name] if x['date'] == e['date'].isoformat()][0]
                m['distractors'].append({'fact': name, 'kind': 'superseded_value', 'pivotal': True,
                                         'text': sp['text'], 'start': sp['start'], 'end': sp['end']})
    hb, fe = latest(F, 'hb'), latest(F, 'ferritin')
    if hb is not None and hb >= (130 if F['sex'] == 'M' else 120):
        sp = [x for x in m['values']['hb']][-1]
        m['distractors'].append({'fact': 'anaemia', 'kind': 'normal_value',
                                 'pivotal': value_pivotal(F, 'hb', 90), 'text': sp['text'], 'start': sp['start'],
                                 'end': sp['end']})
    if fe is not None and fe >= 30:
        sp = [x for x in m['values']['ferritin']][-1]
        m['distractors'].append({'fact': 'iron_deficiency', 'kind': 'normal_value',
                                 'pivotal': value_pivotal(F, 'ferritin', 10), 'text': sp['text'],
                                 'start': sp['start'], 'end': sp['end']})
    m['devices'] = sorted(set('%s:%s' % d for d in C.devices))
    m['assertion_turning'] = assertion_turning(C.devices, spans)
    rule = classify(F)
    m['labels'] = {'urgency': RULES[rule][0], 'pathway': RULES[rule][1], 'rule': rule}
    m['gp_priority_requested'] = req
    return m


def generate(outdir=HERE):
    slots = assign_slots()
    cap = {x[0]: x[2] for x in LAYOUTS}
    order = list(range(300))
    rng_for('order').shuffle(order)
    noise_ids = set(rng_for('noise-pick').sample(range(300), 30))
    letters, metas = [], []
    for n, k in enumerate(order):
        lay, slot = slots[k]
        lid = 'L25-%04d' % (n + 1)
        F, C, text, spans, noisy, req, attempt = make_letter(lid, n, lay, slot, cap[lay], n in noise_ids)
        rule = classify(F)
        assert rule == slot[0]
        urg, path = RULES[rule]
        letters.append({'id': lid, 'text': text, 'urgency': urg, 'pathway': path, 'rule': rule, 'style': lay,
                        'gp_priority': REQ_OWN[req] if req else None, 'age': F['age']})
        metas.append(meta_for(lid, F, C, text, spans, noisy, req, lay))
    with open(os.path.join(outdir, 'letters.jsonl'), 'w', encoding='utf-8') as fh:
        for L in letters:
            fh.write(json.dumps(L, ensure_ascii=False) + '\n')
    with open(os.path.join(outdir, 'letters_meta.jsonl'), 'w', encoding='utf-8') as fh:
        for M in metas:
            fh.write(json.dumps(M, ensure_ascii=False, sort_keys=True) + '\n')
    write_readme(letters, metas, outdir)
    return letters, metas


LAYOUT_DESC = {
    'gp_formal': ('GP practice', 'formal "Dear Dr" letter: long practice header, UBRN, cc list; results sometimes only in a P.S. after the signature'),
    'gp_terse': ('GP practice', 'two-to-four line request with short forms ("PR bleeding 6/52")'),
    'gp_chatty': ('GP practice', 'chatty first-name letter with asides; results sometimes in a P.S.'),
    'gp_bullets': ('GP practice', 'bullet points under History / Background / Examination / Investigations / Plan'),
    'gp_third_person': ('GP practice', 'partner writing about "the patient" seen by a colleague'),
    'gp_lowercase': ('GP practice', 'everything in lower case without punctuation (decimals kept)'),
    'gp_abbrev': ('GP practice', 'heavy abbreviations: Pt, c/o, HPC, PMHx, O/E, Ix, /52, w/, &, CIBH, wt loss'),
    'ers_template': ('GP practice', 'e-RS structured template: headings with answers on the same line, "Red flags screened:" list in mixed answer styles'),
    'gp_system_paste': ('GP practice', 'pasted from EMIS/SystmOne: two consultations weeks apart, problem list, repeat meds, results table with ranges and flags'),
    'lgi_2ww_form': ('GP practice', 'lower-GI suspected-cancer form: criteria rows answered Y/N, ticks, crosses, struck or circled Yes/No, +/-, blanks, free text'),
    'ugi_2ww_form': ('GP practice', 'upper-GI suspected-cancer form with its own criteria rows and a weeks-on-PPI row'),
    'ooh_soap': ('not GP practice', 'GP out-of-hours service record in S/O/A/P'),
    'nhs111': ('not GP practice', 'NHS 111 clinical assessment: Pathways questions with quoted answers, telephone only (no examination, no results)'),
    'walkin_nurse': ('not GP practice', 'urgent treatment centre / walk-in nurse practitioner letter with NEWS2 observations and safety netting'),
    'community_matron': ('not GP practice', 'community matron / care co-ordinator / health visitor / college nurse home-visit notes, numbered findings, often two visits'),
    'pharmacist_review': ('not GP practice', 'practice pharmacist structured medication review, numbered issues'),
    'endoscopy_preassess': ('not GP practice', 'endoscopy unit pre-assessment nurse to consultant: checklist answered in mixed styles plus notes'),
    'private_healthcheck': ('not GP practice', 'private health-check doctor report with laboratory table'),
    'forces_mo': ('not GP practice', 'Defence Primary Healthcare medical officer (ages capped at 57)'),
    'hospital_letter': ('not GP practice', 'hospital-to-hospital letter from another specialty: Impression / Concerns / What I have done / What I would like, repeated page footers, addenda'),
}


def table(rows, header):
    out = ['| ' + ' | '.join(header) + ' |', '|' + '---|' * len(header)]
    for r in rows:
        out.append('| ' + ' | '.join(str(x) for x in r) + ' |')
    return '\n'.join(out)


def write_readme(letters, metas, outdir):
    from collections import Counter
    sha = hashlib.sha256(open(os.path.join(outdir, 'letters.jsonl'), 'rb').read()).hexdigest()
    urg = Counter(L['urgency'] for L in letters)
    path = Counter(L['pathway'] for L in letters)
    rules = Counter(L['rule'] for L in letters)
    order = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'R1', 'R2', 'R3', 'O1', 'O2', 'O3', 'O4', 'O5', 'A1',
             'O6', 'A2', 'A3', 'D']
    U = ['urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance']
    by_style = {}
    for L, M in zip(letters, metas):
        d = by_style.setdefault(L['style'], Counter())
        d[L['urgency']] += 1
        req = M['gp_priority_requested']
        d['req_none' if req is None else ('req_agree' if req == L['urgency'] else 'req_disagree')] += 1
        d['boundary'] += bool(M['boundary'])
        d['turning'] += bool(M['assertion_turning'])
    lines = Counter()
    for M in metas:
        for b in M['boundary']:
            lines[re.sub(r' \(.*\)$', '', b['line']) + ' [' + b['side'] + ']'] += 1
    kinds = Counter(d['kind'] for M in metas for d in M['distractors'])
    piv = Counter(d['kind'] for M in metas for d in M['distractors'] if d['pivotal'])
    devs = Counter(x.split(':')[0] for M in metas for x in M['devices'])
    over = under = agree = none = 0
    for L, M in zip(letters, metas):
        r = M['gp_priority_requested']
        if r is None:
            none += 1
        elif U.index(r) < U.index(L['urgency']):
            over += 1
        elif U.index(r) > U.index(L['urgency']):
            under += 1
        else:
            agree += 1
    ages = [L['age'] for L in letters]
    bands = Counter('%d-%d' % (a // 10 * 10, a // 10 * 10 + 9) for a in ages)
    sp = os.path.join(outdir, 'second_pass.tsv')
    sp_txt = 'second_pass.tsv is not present in this folder.'
    if os.path.exists(sp):
        rows = [r.split('\t') for r in open(sp, encoding='utf-8').read().rstrip('\n').split('\n')[1:]]
        dis = [r[0] for r in rows if r[8] != 'yes']
        fixes = [r[0] for r in rows if r[10]]
        sp_txt = ('%d letters drawn with random.Random("letters25|second-pass") were re-read blind (text only) and '
                  'labelled by hand from the spec. Label disagreements: %d%s. Defects found in the reading (none '
                  'changed a label) and the letters whose text changed because of the fixes, all re-read after the '
                  'fix: %s. Details and fixes are in the note column.'
                  % (len(rows), len(dis), (' (' + ', '.join(dis) + ')') if dis else '', ', '.join(fixes) or 'none'))
    n_turn = sum(1 for M in metas if M['assertion_turning'])
    n_bnd = sum(1 for M in metas if M['boundary'])
    gp_ord = sum(1 for L in letters if L['style'] in ('gp_formal', 'gp_terse', 'gp_chatty', 'gp_bullets',
                                                        'gp_third_person', 'gp_lowercase', 'gp_abbrev'))
    txt = []
    A = txt.append
    A('# letters25: a sealed test set of 300 gastroenterology referral letters\n')
    A('Written from `/work/shared/clinical/referral-triage-spec.md` (the labelling rules), the brief '
      '`/work/briefs/letters25.md` and general knowledge of UK referral writing only. The triage system, its '
      'code, training data and other test sets were not looked at.\n')
    A('sha256(letters.jsonl) = `%s`\n' % sha)
    A('## Files\n')
    A('- `letters.jsonl` - 300 lines: `id, text, urgency, pathway, rule, style, gp_priority, age`. `gp_priority` is '
      'what the writer asked for, in my words, or null when the letter asks for nothing.')
    A('- `letters_meta.jsonl` - per id: sex, age, date of birth, letter date, age mode; every positive fact with '
      'each evidence string and its character offsets and the device used to assert it; every value with the '
      'string, value text, unit, qualifier and date; PPI course; pending FIT; every distractor with its fact, '
      'kind (negated, resolved, treated_cured, hypothetical, family, other_person, refuted_worry, sign_gone, '
      'explained, unticked, normal_value, superseded_value) and whether counting it would change the label; '
      'neutral strings; the request; the boundary line(s) the letter sits next to; whether light noise was added.')
    A('- `make_set.py` - the generator (standard library only). `python3 make_set.py [outdir]`.')
    A('- `validate_set.py` - independent re-check, does not import the generator: re-derives every label from '
      'the meta facts with its own copy of the rules, re-reads numbers and ages from the recorded strings, checks '
      'every string sits at its offsets, that every red-flag keyword in a letter lies inside a recorded string, '
      'that every evidence/distractor string carries a cue word for its fact and kind, that all dates in an '
      'age-sensitive letter give the same age, NHS number check digits, the set mix, and that a re-run of the '
      'generator is byte-identical. `python3 validate_set.py` exits 0 on PASS.')
    A('- `second_pass.tsv` - blind re-reading of 50 letters (see below).\n')
    A('## How it was made\n')
    A('1. A plan fixes how many letters each spec rule decides (close to the spec\'s 30/15/35/20 class mix) and, '
      'within each rule, scenario variants, including the variants that sit next to a line the spec draws.')
    A('2. For each slot the generator draws clinical facts (sex, age, date of birth, letter date, symptoms, signs, '
      'values with dates, PPI course, known conditions). The spec rules (first match wins) give the label; the '
      'scenario is kept only if it lands on the planned rule **and** eight alternative readings of loose spec '
      'words (all 256 combinations) give the same rule, urgency and pathway: bloody diarrhoea counted as rectal '
      'bleeding and change in bowel habit; rectal bleeding with looser stools counted as bloody diarrhoea; reflux '
      'counted as dyspepsia; upper abdominal pain counted as abdominal pain; dyspepsia counted as abdominal pain; '
      'A2 read as "(age < 55 and dyspepsia) or reflux"; A1\'s "no other fact above" read strictly (any other fact, '
      'including anaemia or iron deficiency alone, blocks A1); bloating counted as abdominal pain for O6.')
    A('3. Distractors are chosen per letter, favouring ones that would change the label if wrongly counted. '
      'Positive facts are asserted through devices: plain statements, the last item of a run of denials, a '
      'relative\'s illness and the patient\'s symptom in one sentence, a symptom the patient dismissed but the '
      'writer found, an informant\'s report confirmed by the writer, an old episode that has come back, a sign '
      'still present at a second visit, list and form answers.')
    A('4. Each of 20 layouts writes the letter as a sequence of role-tagged segments, so every fact-bearing string '
      'is recorded with its exact offsets. A letter is rejected and rewritten if any positive fact or value is '
      'missing, a red-flag keyword falls outside a recorded string, or any full date in it would give a different '
      'age from the letter date.')
    A('5. Light noise (letter swaps, l/1, O/0, rn/m, dropped or split letters) is added to 30 letters, only in '
      'boilerplate segments that carry no fact.\n')
    A('Every random choice comes from `random.Random(\"letters25|...\")` seeded with strings; nothing iterates over '
      'a set, so reruns are byte-identical (checked by the validator).\n')
    A('## Conventions used for the labels\n')
    A('- Age is the age on the letter date (date of birth against the letter date). In letters next to an age '
      'line the age is given only as a date of birth, the birthday is 3-24 days from the letter date, and every '
      'other full date in the letter falls on the same side of the birthday.')
    A('- When a test is repeated, the newest result decides (the older one is recorded as a superseded_value '
      'distractor). Repeats that straddle a line: FIT (both directions), Hb, calprotectin (both directions), ALT.')
    A('- Hb in g/dL is multiplied by 10; a unitless decimal Hb ("Hb 9.8") is read as g/dL; ferritin in ng/mL is '
      'the same number as ug/L. FIT "<4", "<10", "undetectable", "negative" are below 10; "qFIT positive at 52" '
      'is 52. "ALT 3x ULN (120)" is read from the number given.')
    A('- Laboratory flags and reference ranges are the lab\'s own and are sometimes at odds with the spec (a woman\'s '
      'Hb 118 with range 115-165 and no flag is still anaemic; ferritin 28 with range 15-300 is still iron '
      'deficient; ALT 44 with range 0-50 is still >= 40). The spec decides.')
    A('- Treatment-resistant dyspepsia needs a stated PPI duration (weeks, days or a start date against the letter '
      'date); 28 days counts, 26 days and 3 weeks do not.')
    A('- Left out because the spec\'s wording leaves the side unclear: "about a month" of PPI, "FIT positive" '
      'without a number, ages in words such as "mid-fifties", unlocated abdominal pain next to weight loss at '
      'ages 40-54, upper abdominal pain or dyspepsia where counting it as abdominal pain would matter, reflux or '
      'dyspepsia at 55+ that falls through to A2/D, jaundice under 40 without another rule (pathway table vs rule '
      'D), cirrhosis without ascites or confusion and without another rule, rectal bleeding with looser stools '
      'where bloody diarrhoea would change the label, a FIT result older than the letter\'s episode.')
    A('- The writer\'s requested priority never decides the label. Suspected-cancer forms always request 2WW.\n')
    A('## Counts\n')
    A('Ordinary GP letters (7 GP-practice free-text layouts): %d; the other %d letters are in 13 layouts, 9 of '
      'which are written outside general practice (135 letters).\n' % (gp_ord, 300 - gp_ord))
    A(table([(u, urg[u]) for u in U], ['urgency', 'letters']) + '\n')
    A(table([(p, path[p]) for p in ['lower_gi', 'upper_gi', 'ibd', 'hepatology', 'general_gi']],
            ['pathway', 'letters']) + '\n')
    A(table([(r, RULES[r][0], RULES[r][1], rules[r]) for r in order], ['rule', 'urgency', 'pathway', 'letters']) + '\n')
    A('### Layouts (15 letters each)\n')
    rows = []
    for name in LAYOUT_NAMES:
        d = by_style[name]
        rows.append((name, LAYOUT_DESC[name][0], LAYOUT_DESC[name][1], d['urgent_suspected_cancer'], d['urgent'],
                     d['routine'], d['advice_and_guidance'], d['req_disagree'], d['boundary'], d['turning']))
    A(table(rows, ['style', 'writer', 'layout', 'USC', 'urgent', 'routine', 'A&G', 'request disagrees',
                   'near a line', 'turns on assertion']) + '\n')
    A('### Near a line the spec draws: %d letters\n' % n_bnd)
    A(table(sorted(lines.items()), ['line [side]', 'letters']) + '\n')
    A('### How findings are asserted\n')
    A('%d letters turn on how a finding is asserted (a positive asserted through one of the devices above, or a '
      'distractor that would change urgency or pathway if it were counted and is not a plain "no X" in running '
      'prose; the generator count - validate_set.py prints its own independent recount). Device counts (letters using each): %s.\n' % (n_turn, ', '.join('%s %d' % kv for kv in sorted(devs.items()))))
    A(table([(k, kinds[k], piv[k]) for k in sorted(kinds)], ['distractor kind', 'strings', 'of which would change the label']) + '\n')
    A('### Requested priority\n')
    A('Writer asks for more than the rules give: %d; less: %d; the same: %d; nothing stated: %d. Disagreement: '
      '%d of 300.\n' % (over, under, agree, none, over + under))
    A('### Ages\n')
    A('Range %d-%d. ' % (min(ages), max(ages)) + ', '.join('%s: %d' % kv for kv in sorted(bands.items())) + '.\n')
    A('## Second pass\n')
    A(sp_txt + '\n')
    A('## Known limits\n')
    A('- The text is assembled from phrase banks, so wording repeats across letters more than real mail would; '
      'each layout varies order, headings, answer styles and scenario, but a model could learn phrase-level '
      'regularities of this set.')
    A('- Some scenarios are clinically thin or unusual by design (a 2WW form sent for iron deficiency without '
      'anaemia, a health visitor writing directly to gastroenterology) to exercise over-asking and unusual writers.')
    A('- Distractor and device choices are recorded in the meta, so analyses per device or per distractor kind are '
      'possible, but the set is small for fine-grained figures (15 letters per layout).')
    open(os.path.join(outdir, 'README.md'), 'w', encoding='utf-8').write('\n'.join(txt))


if __name__ == '__main__':
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    letters, metas = generate(out)
    print('wrote %d letters to %s' % (len(letters), out))
