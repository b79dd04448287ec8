#!/usr/bin/env python3
"""Independent re-check of the letters25 test set.

Does NOT import make_set.py.  It re-derives every label from the facts recorded in
letters_meta.jsonl, re-reading numbers from the value strings and ages from the date of
birth and letter date, applies its own copy of the spec rules, and checks that
- every recorded string sits at its recorded place in the letter text;
- every red-flag keyword in a letter lies inside a recorded evidence, distractor,
  neutral or request string (nothing fact-like is hidden in boilerplate);
- every recorded evidence / distractor string is about the fact it is filed under;
- no alternative reading of a loose spec word would change rule, urgency or pathway;
- the set-level mix the brief asks for holds;
- re-running the generator gives byte-identical files.
Exit status 0 when everything passes.

Run:  python3 validate_set.py
"""
import collections
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
URGENCY = ['urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance']
PATHWAY = ['lower_gi', 'upper_gi', 'ibd', 'hepatology', 'general_gi']
LABEL = {
    'U1': ('urgent_suspected_cancer', 'upper_gi'), 'U2': ('urgent_suspected_cancer', 'lower_gi'),
    'U3': ('urgent_suspected_cancer', 'lower_gi'), 'U4': ('urgent_suspected_cancer', 'lower_gi'),
    'U5': ('urgent_suspected_cancer', 'upper_gi'), 'U6': ('urgent_suspected_cancer', 'lower_gi'),
    'U7': ('urgent_suspected_cancer', 'hepatology'), 'U8': ('urgent_suspected_cancer', 'lower_gi'),
    'R1': ('urgent', 'ibd'), 'R2': ('urgent', 'hepatology'), 'R3': ('urgent', 'upper_gi'),
    'O1': ('routine', 'upper_gi'), 'O2': ('routine', 'ibd'), 'O3': ('advice_and_guidance', 'ibd'),
    'O4': ('routine', 'general_gi'), 'O5': ('routine', 'hepatology'), 'A1': ('advice_and_guidance', 'general_gi'),
    'O6': ('routine', 'general_gi'), 'A2': ('advice_and_guidance', 'upper_gi'),
    'A3': ('advice_and_guidance', 'lower_gi'), 'D': ('routine', 'general_gi'),
}
NON_GP = {'nhs111', 'walkin_nurse', 'ooh_soap', 'community_matron', 'pharmacist_review', 'endoscopy_preassess',
          'private_healthcheck', 'forces_mo', 'hospital_letter'}
ORDINARY_GP = {'gp_formal', 'gp_terse', 'gp_chatty', 'gp_bullets', 'gp_third_person', 'gp_lowercase', 'gp_abbrev'}
SYMPTOMS = {'dysphagia', 'rectal_mass', 'anal_mass', 'abdominal_mass', 'upper_abdominal_pain', 'abdominal_pain',
            'reflux', 'dyspepsia', 'weight_loss', 'jaundice', 'rectal_bleeding', 'cibh', 'bloody_diarrhoea',
            'haematemesis', 'bloating', 'ascites', 'confusion'}

errors = []


def err(lid, msg):
    errors.append('%s: %s' % (lid, msg))


def iso(s):
    y, m, d = s.split('-')
    return dt.date(int(y), int(m), int(d))


def years_between(dob, day):
    n = day.year - dob.year
    if (day.month, day.day) < (dob.month, dob.day):
        n -= 1
    return n


# ---------------------------------------------------------------------------
# Re-reading values
# ---------------------------------------------------------------------------

def number_of(name, v):
    """Numeric value in spec units from the recorded value string, unit and qualifier."""
    q, vt, unit = v.get('qual'), v['value_text'], v.get('unit') or ''
    if name == 'fit':
        if q in ('undetectable', 'negative'):
            return ('below10', None)
        if q == '<':
            lim = float(vt)
            if lim > 10:
                raise ValueError('FIT <%s does not say which side of 10' % vt)
            return ('below10', None)
        return ('num', float(vt))
    x = float(vt)
    if name == 'hb' and (unit == 'g/dL' or (unit == '' and '.' in vt)):
        x = round(x * 10)
    return ('num', x)


def latest_value(meta, name):
    vs = meta['values'].get(name) or []
    if not vs:
        return None
    vs = sorted(vs, key=lambda v: v['date'])
    if len(vs) > 1 and vs[-1]['date'] == vs[-2]['date']:
        raise ValueError('two %s results on the same date' % name)
    kind, x = number_of(name, vs[-1])
    if kind == 'below10':
        return -1.0      # any number below 10 behaves the same for every rule
    return x


# ---------------------------------------------------------------------------
# The rules, written out again from the spec
# ---------------------------------------------------------------------------

def derive(meta, reading=None):
    rd = reading or {}
    facts = set(meta['facts'])
    det = {f: (meta['facts'][f].get('details') or {}) for f in facts}
    age = years_between(iso(meta['dob']), iso(meta['letter_date']))
    man = meta['sex'] == 'M'
    hb = latest_value(meta, 'hb')
    ferritin = latest_value(meta, 'ferritin')
    fit = latest_value(meta, 'fit')
    calpro = latest_value(meta, 'calprotectin')
    alt = latest_value(meta, 'alt')
    anaemia = hb is not None and (hb < 130 if man else hb < 120)
    iron_def = ferritin is not None and ferritin < 30
    ida = anaemia and iron_def
    fit_reported = fit is not None

    bloody_d = 'bloody_diarrhoea' in facts
    if rd.get('bleeding_with_loose_stool_is_bloody_diarrhoea') and 'rectal_bleeding' in facts and \
            'cibh' in facts and det['cibh'].get('dir') == 'looser':
        bloody_d = True
    rect_bleed = 'rectal_bleeding' in facts or (rd.get('bloody_diarrhoea_counts_as_bleeding_and_cibh') and bloody_d)
    cibh = 'cibh' in facts or (rd.get('bloody_diarrhoea_counts_as_bleeding_and_cibh') and bloody_d)
    dyspepsia = 'dyspepsia' in facts or (rd.get('reflux_counts_as_dyspepsia') and 'reflux' in facts)
    abdo_pain = 'abdominal_pain' in facts
    if rd.get('upper_pain_counts_as_abdominal_pain') and 'upper_abdominal_pain' in facts:
        abdo_pain = True
    if rd.get('dyspepsia_counts_as_abdominal_pain') and 'dyspepsia' in facts:
        abdo_pain = True
    wl = 'weight_loss' in facts

    ppi_days = None
    if meta.get('ppi'):
        p = meta['ppi']
        if p.get('start_date'):
            ppi_days = (iso(meta['letter_date']) - iso(p['start_date'])).days
        elif p.get('mode') == 'weeks':
            ppi_days = 7 * p['weeks']
        else:
            ppi_days = p['days']
    resistant = dyspepsia and ppi_days is not None and ppi_days >= 28

    if 'dysphagia' in facts:
        return 'U1'
    if 'rectal_mass' in facts or 'anal_mass' in facts:
        return 'U2'
    if fit_reported and fit >= 10:
        return 'U3'
    if ida:
        return 'U4'
    if age >= 55 and wl and ('upper_abdominal_pain' in facts or 'reflux' in facts or dyspepsia):
        return 'U5'
    if 'abdominal_mass' in facts:
        return 'U6'
    if age >= 40 and 'jaundice' in facts:
        return 'U7'
    if not fit_reported and ((age >= 50 and rect_bleed) or (age >= 40 and wl and abdo_pain) or
                             (age >= 60 and cibh)):
        return 'U8'
    if bloody_d or (calpro is not None and calpro >= 250):
        return 'R1'
    if ('cirrhosis' in facts and ('ascites' in facts or 'confusion' in facts)) or (alt is not None and alt >= 300):
        return 'R2'
    if 'haematemesis' in facts:
        return 'R3'
    if age >= 55 and resistant:
        return 'O1'
    if calpro is not None and 100 <= calpro <= 249:
        return 'O2'
    if {'ibd_known', 'ibd_stable', 'ibd_question'} <= facts:
        return 'O3'
    if 'coeliac_pos' in facts:
        return 'O4'
    if (alt is not None and 40 <= alt <= 299) or 'fatty_liver' in facts:
        return 'O5'
    if age < 50 and (abdo_pain or 'bloating' in facts or cibh) and \
            ((calpro is not None and calpro < 100) or (fit_reported and fit < 10)):
        others = facts - {'abdominal_pain', 'bloating', 'cibh', 'fh_crc', 'asymptomatic'}
        value_facts = anaemia or iron_def or (calpro is not None and calpro >= 100) or (alt is not None and alt >= 40) \
            or meta.get('ppi') is not None
        if not rd.get('strict_no_other_fact') or not (others or value_facts):
            return 'A1'
    lower_sym = rect_bleed or cibh or abdo_pain or (rd.get('bloating_counts_as_pain') and 'bloating' in facts)
    if lower_sym and fit_reported and fit < 10:
        return 'O6'
    if rd.get('a2_reads_reflux_at_any_age'):
        if (age < 55 and dyspepsia) or 'reflux' in facts:
            return 'A2'
    elif age < 55 and (dyspepsia or 'reflux' in facts):
        return 'A2'
    if 'fh_crc' in facts and not (facts & SYMPTOMS):
        return 'A3'
    return 'D'


READINGS = ['bleeding_with_loose_stool_is_bloody_diarrhoea', 'bloody_diarrhoea_counts_as_bleeding_and_cibh',
            'reflux_counts_as_dyspepsia', 'upper_pain_counts_as_abdominal_pain', 'dyspepsia_counts_as_abdominal_pain',
            'a2_reads_reflux_at_any_age', 'strict_no_other_fact', 'bloating_counts_as_pain']


def ambiguous(meta):
    base = derive(meta)
    for mask in range(1, 1 << len(READINGS)):
        rd = {r: bool(mask >> i & 1) for i, r in enumerate(READINGS)}
        alt = derive(meta, rd)
        if alt != base:
            return '%s under %s' % (alt, [r for r in READINGS if rd[r]])
    return None


# ---------------------------------------------------------------------------
# Lexical checks on the recorded strings
# ---------------------------------------------------------------------------

CUE = {
    'dysphagia': r'swallow|dysphag', 'rectal_mass': r'mass', 'anal_mass': r'mass', 'abdominal_mass': r'mass',
    'weight_loss': r'weight|\bwt\b|kg|lighter', 'jaundice': r'jaundic|yellow|icter',
    'rectal_bleeding': r'blood|bleed', 'cibh': r'bowel|cibh|stool|constipat', 'bloody_diarrhoea': r'blood',
    'haematemesis': r'haematemesis|blood', 'dyspepsia': r'dyspeps|indigestion', 'reflux': r'reflux|heartburn',
    'upper_abdominal_pain': r'epigastr|upper abdo', 'abdominal_pain': r'pain', 'bloating': r'bloat',
    'ascites': r'ascites', 'confusion': r'confus|muddled|disorientat', 'cirrhosis': r'cirrho',
    'ibd_known': r'colitis|crohn', 'ibd_stable': r'remission|quiet|well|flare',
    'ibd_question': r'\?|\b(can|should|is|how|would|could|what)\b', 'coeliac_pos': r'ttg|coeliac',
    'fatty_liver': r'fatty|steatosis', 'fh_crc': r'bowel cancer|colorectal cancer', 'asymptomatic': r'symptom|well',
    'anaemia': r'\bhb\b|haemoglobin', 'iron_deficiency': r'ferr', 'hb': r'\bhb\b|haemoglobin|repeat',
    'ferritin': r'ferr|repeat', 'fit': r'fit|faecal', 'calprotectin': r'calpro|fcp|repeat',
    'alt': r'\balt\b|alanine|repeat',
}
KIND_CUE = {
    'negated': r"\bno\b|\bnot\b|denies|normal|unchanged|stable|steady|\bnil\b|absent|\bn\b|\u2717|\(no\)|(^|\s)-$|"
               r"y\u0336|noticed",
    'resolved': r'since|resolved|settled|recovered|healed|regained|back to',
    'treated_cured': r'since|symptom-free|eradicat|banded|dilated',
    'hypothetical': r'\bif\b|to return|to call|advised|knows to|let me know|seek',
    'family': r'mother|father|brother|sister|\bson\b|daughter|uncle|aunt|grand|cousin',
    'other_person': r'husband|wife|partner|\bson\b|daughter|brother|sister|flatmate|grandson',
    'refuted_worry': r'worried|concerned|thought|alarmed|convinced',
    'sign_gone': r'repeat|re-?examined',
    'explained': r'deliberately|intention|slimming|semaglutide',
    'normal_value': r'\d|negative',
    'superseded_value': r'\d',
    'unticked': r'\.\.\.$',
}

KEYWORDS_CI = [r'dysphag', r'swallow', r'\bmass', r'\blump', r'haematemesis', r'\bblood(?!s\b| tests?\b)', r'bleed',
               r'jaundic', r'icter', r'yellow', r'weight', r'\bwt\b', r'reflux', r'heartburn', r'dyspeps',
               r'indigestion', r'epigastr', r'\bpain', r'bloat', r'bowel habit', r'\bcibh', r'diarrh', r'constipat',
               r'\bqfit\b', r'calprotectin', r'\bfcp\b', r'haemoglobin', r'ferritin', r'\bttg', r'coeliac', r'fatty',
               r'steatosis', r'nafld', r'cirrho', r'ascites', r'confus', r'muddled', r'crohn', r'colitis', r'\bibd\b',
               r'cancer', r'tumour', r'carcinoma', r'\bppi', r'prazole', r'stricture', r'haemorrhoid', r'\bpiles',
               r'\bstool', r'faecal', r'anaemi', r'\biron\b', r'vomit(ed|ing)? (up )?blood', r'melaena']
KEYWORDS_CS = [r'\bFIT\b', r'\bALT\b', r'\bHb\b']

MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
DATE_PATTERNS = [
    re.compile(r'\b(?P<d>\d{2})[/.](?P<m>\d{2})[/.](?P<y>\d{4})\b'),
    re.compile(r'\b(?P<d>\d{2})-(?P<mon>[A-Za-z]{3})-(?P<y>\d{4})\b'),
    re.compile(r'\b(?P<d>\d{1,2})(?:st|nd|rd|th)? (?P<mon>[A-Za-z]{3})[a-z]* (?P<y>\d{4})\b'),
]


def dates_in(text):
    for rx in DATE_PATTERNS:
        for m in rx.finditer(text):
            g = m.groupdict()
            if g.get('mon'):
                if g['mon'].lower() not in MONTHS:
                    continue
                mo = MONTHS.index(g['mon'].lower()) + 1
            else:
                mo = int(g['m'])
            yield m.start(), m.end(), dt.date(int(g['y']), mo, int(g['d']))


def nhs_ok(n):
    d = [int(c) for c in n]
    s = sum(d[i] * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def spans_of(meta):
    out = []
    for f, e in meta['facts'].items():
        for x in e['evidence']:
            out.append(('ev', f, x))
    for name, vs in meta['values'].items():
        for x in vs:
            out.append(('val', name, x))
    for x in meta['distractors']:
        out.append(('dx', x['fact'], x))
    for x in meta['neutral']:
        out.append(('neu', None, x))
    for x in meta['age_evidence'] + meta['sex_evidence']:
        out.append(('id', None, x))
    if meta.get('ppi'):
        for x in meta['ppi']['evidence']:
            out.append(('ppi', None, x))
    if meta.get('fit_pending'):
        for x in meta['fit_pending']['evidence']:
            out.append(('fitp', None, x))
    if meta.get('request'):
        out.append(('req', None, meta['request']))
    return out


def check_letter(L, M):
    lid = L['id']
    text = L['text']
    for k in ('id', 'text', 'urgency', 'pathway', 'rule', 'style', 'gp_priority', 'age'):
        if k not in L:
            err(lid, 'missing field ' + k)
    if L['urgency'] not in URGENCY or L['pathway'] not in PATHWAY:
        err(lid, 'label spelled wrongly')
    spans = spans_of(M)
    for role, f, x in spans:
        if text[x['start']:x['end']] != x['text']:
            err(lid, 'string not at its recorded place: %r' % x['text'][:40])
    # facts are about what they say they are
    for role, f, x in spans:
        t = x['text'].lower()
        if role == 'ev' and f in CUE and not re.search(CUE[f], t):
            err(lid, 'evidence for %s has no cue word: %r' % (f, x['text'][:60]))
        if role == 'dx':
            fact_cue = CUE.get(f)
            if fact_cue and x.get('kind') not in ('unticked',) and not re.search(fact_cue, t):
                err(lid, 'distractor for %s has no cue word: %r' % (f, x['text'][:60]))
            kc = KIND_CUE.get(x['kind'])
            if kc and not re.search(kc, t.strip()):
                err(lid, 'distractor kind %s not visible in %r' % (x['kind'], x['text'][:60]))
        if role == 'val':
            if x['qual'] not in ('undetectable', 'negative') and x['value_text'] not in x['text']:
                err(lid, 'value %s not in %r' % (x['value_text'], x['text']))
    # positives and distractors never share a fact's text span
    ev_ranges = [(x['start'], x['end'], f) for r, f, x in spans if r == 'ev']
    for r, f, x in spans:
        if r == 'dx':
            for a, b, g in ev_ranges:
                if g == f and a < x['end'] and x['start'] < b:
                    err(lid, 'distractor overlaps evidence of the same fact %s' % f)
    # keywords outside every recorded string
    covered = [(x['start'], x['end']) for r, f, x in spans]
    pats = [re.compile(p, re.I) for p in KEYWORDS_CI] + [re.compile(p) for p in KEYWORDS_CS]
    for rx in pats:
        for m in rx.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in covered):
                err(lid, 'keyword %r outside recorded strings: %r' % (m.group(0), text[max(0, m.start() - 25):m.end() + 25]))
    # age from the letter
    dob, ld = iso(M['dob']), iso(M['letter_date'])
    age = years_between(dob, ld)
    if age != L['age'] or age != M['age']:
        err(lid, 'age %d does not match %s / %s' % (age, L['age'], M['age']))
    if not 18 <= age <= 95:
        err(lid, 'age out of range')
    kinds = collections.Counter(x['kind'] for x in M['age_evidence'])
    if not kinds['date']:
        err(lid, 'no letter date')
    if M['age_mode'] == 'dob_only' and kinds['age']:
        err(lid, 'age stated in a date-of-birth-only letter')
    if not kinds['age'] and not kinds['dob']:
        err(lid, 'no age and no date of birth')
    for x in M['age_evidence']:
        if x['kind'] == 'age':
            nums = re.findall(r'\d+', x['text'])
            if nums and int(nums[0]) != age:
                err(lid, 'stated age %s != %d' % (nums[0], age))
        if x['kind'] in ('dob', 'date'):
            ds = list(dates_in(x['text']))
            want = dob if x['kind'] == 'dob' else ld
            if len(ds) != 1 or ds[0][2] != want:
                err(lid, '%s string %r does not give %s' % (x['kind'], x['text'], want))
    dob_ranges = [(x['start'], x['end']) for x in M['age_evidence'] if x['kind'] == 'dob']
    for a, b, d in dates_in(text):
        if any(p <= a and b <= q for p, q in dob_ranges):
            continue
        if years_between(dob, d) != age:
            err(lid, 'date %s in the letter would give another age' % d)
    # sex
    titles = [x['text'].strip().lower().rstrip('.') for x in M['sex_evidence']]
    want = {'M': {'mr'}, 'F': {'mrs', 'ms', 'miss'}}[M['sex']]
    if not titles or any(t not in want for t in titles):
        err(lid, 'sex evidence %r does not match %s' % (titles, M['sex']))
    # NHS numbers
    for n in re.findall(r'\b(\d{3}) (\d{3}) (\d{4})\b', text):
        if not nhs_ok(''.join(n)):
            err(lid, 'invalid NHS number %s' % ' '.join(n))
    # the label
    try:
        rule = derive(M)
    except ValueError as e:
        err(lid, str(e))
        return None
    if rule != L['rule'] or LABEL[rule] != (L['urgency'], L['pathway']):
        err(lid, 'label mismatch: spec gives %s %s, letter says %s %s %s' % (rule, LABEL[rule], L['rule'],
                                                                            L['urgency'], L['pathway']))
    if M['labels']['rule'] != rule:
        err(lid, 'meta label mismatch')
    amb = ambiguous(M)
    if amb:
        err(lid, 'label depends on a reading of the spec: ' + amb)
    if M['style'] != L['style'] or M['rule'] != L['rule']:
        err(lid, 'meta / letter mismatch')
    return rule


def pivotal(M, fact):
    """Would counting this distractor as present change urgency or pathway?"""
    G = json.loads(json.dumps(M))
    if fact in ('hb', 'ferritin', 'fit', 'calprotectin', 'alt'):
        vs = sorted(G['values'][fact], key=lambda v: v['date'])
        if len(vs) < 2:
            return False
        G['values'][fact] = vs[:-1]          # read the older value as if it were current
    elif fact == 'anaemia':
        G['values']['hb'] = [{'date': M['letter_date'], 'value_text': '90', 'unit': 'g/L', 'qual': None}]
    elif fact == 'iron_deficiency':
        G['values']['ferritin'] = [{'date': M['letter_date'], 'value_text': '10', 'unit': '', 'qual': None}]
    elif fact == 'ibd_known':
        for f in ('ibd_known', 'ibd_stable', 'ibd_question'):
            G['facts'][f] = {'details': {}, 'evidence': []}
    else:
        if fact in G['facts']:
            return False
        G['facts'][fact] = {'details': {'dir': 'constipated'}, 'evidence': []}
    return LABEL[derive(G)] != LABEL[derive(M)]


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, 'letters.jsonl'), encoding='utf-8')]
    metas = [json.loads(l) for l in open(os.path.join(HERE, 'letters_meta.jsonl'), encoding='utf-8')]
    mi = {m['id']: m for m in metas}
    if len(letters) != 300:
        errors.append('expected 300 letters, found %d' % len(letters))
    if len({L['id'] for L in letters}) != len(letters):
        errors.append('duplicate ids')
    rules = collections.Counter()
    urg = collections.Counter()
    path = collections.Counter()
    styles = collections.Counter()
    boundary = 0
    turning = 0
    over = under = agree = none = 0
    noisy = 0
    for L in letters:
        M = mi.get(L['id'])
        if M is None:
            err(L['id'], 'no meta')
            continue
        r = check_letter(L, M)
        rules[L['rule']] += 1
        urg[L['urgency']] += 1
        path[L['pathway']] += 1
        styles[L['style']] += 1
        noisy += bool(M.get('noise'))
        # near a line the spec draws
        if M['boundary']:
            boundary += 1
            for b in M['boundary']:
                if b['line'].startswith('age'):
                    if years_between(iso(M['dob']), iso(M['letter_date'])) != b['value'] or M['age_mode'] != 'dob_only':
                        err(L['id'], 'age boundary not as recorded')
        # turns on how a finding is asserted (independent recount)
        tricky = {'denial_end', 'recurred', 'worry_confirmed', 'informant_confirmed', 'relative_same_sentence',
                  'sign_persist', 'mixed_list', 'form_answer'}
        t = any(x.get('device') in tricky for e in M['facts'].values() for x in e['evidence'])
        for d in M['distractors']:
            piv = pivotal(M, d['fact'])
            if d['kind'] != 'negated' and piv:
                t = True
            if d['kind'] == 'negated' and piv and re.search(r':|\.\.\.|"', d['text']):
                t = True     # a pivotal 'no' inside a list or form
        turning += t
        # requested vs given priority
        req = M.get('gp_priority_requested')
        if req is None:
            none += 1
            if L['gp_priority'] is not None:
                err(L['id'], 'gp_priority given but nothing requested')
        else:
            a, b = URGENCY.index(req), URGENCY.index(L['urgency'])
            if a < b:
                over += 1
            elif a > b:
                under += 1
            else:
                agree += 1
    print('letters: %d' % len(letters))
    print('urgency: %s' % dict(sorted(urg.items())))
    print('pathway: %s' % dict(sorted(path.items())))
    print('rule: %s' % dict(sorted(rules.items(), key=lambda kv: (kv[0][0], kv[0]))))
    print('style: %s' % dict(sorted(styles.items())))
    print('near a line (boundary letters): %d' % boundary)
    print('turn on how a finding is asserted: %d' % turning)
    print('requested priority: over-asks %d, under-asks %d, agrees %d, none stated %d' % (over, under, agree, none))
    print('letters with light noise: %d' % noisy)
    # set-level requirements
    for u in URGENCY:
        if urg[u] < 25:
            errors.append('fewer than 25 letters for %s' % u)
    for p in PATHWAY:
        if not path[p]:
            errors.append('pathway %s missing' % p)
    if len(styles) != 20 or any(v != 15 for v in styles.values()):
        errors.append('styles are not 20 x 15')
    if len(set(styles) & NON_GP) < 8:
        errors.append('fewer than 8 non-GP layouts')
    og = sum(styles[s] for s in ORDINARY_GP)
    if not 85 <= og <= 115:
        errors.append('ordinary GP letters %d not about a third' % og)
    if boundary < 60:
        errors.append('only %d boundary letters' % boundary)
    if turning < 100:
        errors.append('only %d letters turn on assertion' % turning)
    dis = over + under
    if not (0.4 <= dis / 300.0 <= 0.6) or not over or not under:
        errors.append('requested priority disagrees in %d letters' % dis)
    if not 20 <= noisy <= 40:
        errors.append('noise in %d letters' % noisy)
    # determinism: run the generator into a scratch folder and compare bytes
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, 'make_set.py'), tmp], check=True,
                       stdout=subprocess.DEVNULL)
        for fn in ('letters.jsonl', 'letters_meta.jsonl'):
            a = open(os.path.join(HERE, fn), 'rb').read()
            b = open(os.path.join(tmp, fn), 'rb').read()
            if a != b:
                errors.append('%s differs on re-run' % fn)
    sha = hashlib.sha256(open(os.path.join(HERE, 'letters.jsonl'), 'rb').read()).hexdigest()
    print('sha256(letters.jsonl) = %s' % sha)
    if errors:
        print('\nFAIL: %d problem(s)' % len(errors))
        for e in errors[:200]:
            print('  ' + e)
        return 1
    print('\nPASS: every label re-derived from the recorded facts; all checks hold')
    return 0


if __name__ == '__main__':
    sys.exit(main())
