#!/usr/bin/env python3
"""validate_set.py - independent re-check of the letters38 test set.

Does NOT import make_set.py.  For every letter it rebuilds the clinical facts
from the evidence strings recorded in letters_meta.jsonl (and checks that each
string really is in the letter text), re-applies the rules of
/work/shared/clinical/referral-triage-spec.md (first match decides) under every
combination of readings of the spec's loose words, and checks that all readings
give the letter's rule, urgency and pathway.  It also checks the set's mix and
that every clinically loaded word in a letter sits inside a recorded evidence,
distractor, superseded-result or context string.

Exit status 0 when everything passes.
"""
import collections
import datetime
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SPEC = {  # rule: (urgency, pathway) - copied from the spec's rule table
    'U1': ('urgent_suspected_cancer', 'upper_gi'), 'U2': ('urgent_suspected_cancer', 'lower_gi'),
    'U3': ('urgent_suspected_cancer', 'lower_gi'), 'U4': ('urgent_suspected_cancer', 'lower_gi'),
    'U5': ('urgent_suspected_cancer', 'upper_gi'), 'U6': ('urgent_suspected_cancer', 'lower_gi'),
    'U7': ('urgent_suspected_cancer', 'hepatology'), 'U8': ('urgent_suspected_cancer', 'lower_gi'),
    'R1': ('urgent', 'ibd'), 'R2': ('urgent', 'hepatology'), 'R3': ('urgent', 'upper_gi'),
    'O1': ('routine', 'upper_gi'), 'O2': ('routine', 'ibd'), 'O3': ('advice_and_guidance', 'ibd'),
    'O4': ('routine', 'general_gi'), 'O5': ('routine', 'hepatology'), 'A1': ('advice_and_guidance', 'general_gi'),
    'O6': ('routine', 'general_gi'), 'A2': ('advice_and_guidance', 'upper_gi'), 'A3': ('advice_and_guidance', 'lower_gi'),
    'D': ('routine', 'general_gi'),
}
URGENCIES = ['urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance']
PATHWAYS = ['lower_gi', 'upper_gi', 'ibd', 'hepatology', 'general_gi']
VALUES = {'hb', 'ferritin', 'fit', 'calprotectin', 'alt'}
SYMPTOMS = {'dysphagia', 'rectal_mass', 'anal_mass', 'anal_ulceration', 'abdominal_mass', 'jaundice', 'rectal_bleeding',
            'bloody_diarrhoea', 'weight_loss', 'abdominal_pain', 'upper_abdominal_pain', 'reflux', 'dyspepsia',
            'change_in_bowel_habit', 'bloating', 'haematemesis', 'ascites', 'confusion', 'nausea'}
KNOWN_FACTS = SYMPTOMS | VALUES | {'treatment_resistant_dyspepsia', 'reflux_after_ppi', 'known_cirrhosis', 'known_ibd',
                                   'ibd_stable', 'ibd_management_question', 'coeliac_serology_positive',
                                   'fatty_liver_imaging', 'family_history_crc', 'other_symptom', 'age', 'sex', 'dob',
                                   'letter_date'}
WORDS = {w: i for i, w in enumerate(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
                                      'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen',
                                      'eighteen', 'nineteen'])}
TENS = {'twenty': 20, 'thirty': 30, 'forty': 40, 'fifty': 50, 'sixty': 60, 'seventy': 70, 'eighty': 80, 'ninety': 90}

# words that carry clinical weight: each occurrence must be inside a recorded string
KEYWORDS = re.compile(r'dysphag|swallow|\bmass|\blump|ulcerat|(?-i:\bFIT\b)|calprotectin|\bFCP\b|ferritin|\bHb\b|haemoglobin|'
                      r'\bALT\b|jaundic|ascites|cirrho|confus|haematemesis|bleed|\bblood in|\bbloody|weight|\bwt\b|reflux|'
                      r'heartburn|dyspep|indigestion|bowel habit|CIBH|diarrh|bloat|\bpain|coeliac|tTG|fatty liver|'
                      r'steatosis|crohn|colitis|(?-i:\bUC\b)|\bIBD\b|cancer|\bca\b|malignan|vomit\w* (of )?blood|vomited (fresh )?blood', re.I)


def numval(v):
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip().lower()
    if s in ('negative', 'undetectable', 'not detected'):
        return 0.0
    if s.startswith('<'):
        return float(s[1:]) - 1e-6
    if s.startswith('>'):
        return float(s[1:]) + 1e-6
    return float(s)


def words_to_int(s):
    s = s.lower().replace('-year-old', '').strip()
    parts = s.split('-')
    n = 0
    for p in parts:
        if p in TENS:
            n += TENS[p]
        elif p in WORDS:
            n += WORDS[p]
        else:
            return None
    return n


def first_rule(f, age, sex, upper_is_abdominal, bloody_diarrhoea_is_bleeding_and_cibh, reflux_counts_for_o1,
               a1_other_fact_strict, a3_no_symptom_strict):
    has = lambda k: f.get(k) is True
    hb, fer, fit, cal, alt = (numval(f.get(k)) for k in ('hb', 'ferritin', 'fit', 'calprotectin', 'alt'))
    anaemic = hb is not None and ((sex == 'M' and hb < 130) or (sex == 'F' and hb < 120))
    iron_def = fer is not None and fer < 30
    pain = has('abdominal_pain') or (upper_is_abdominal and has('upper_abdominal_pain'))
    bleed = has('rectal_bleeding') or (bloody_diarrhoea_is_bleeding_and_cibh and has('bloody_diarrhoea'))
    cibh = has('change_in_bowel_habit') or (bloody_diarrhoea_is_bleeding_and_cibh and has('bloody_diarrhoea'))
    resistant = has('treatment_resistant_dyspepsia') or (reflux_counts_for_o1 and has('reflux_after_ppi'))
    rules = [
        ('U1', has('dysphagia')),
        ('U2', has('rectal_mass') or has('anal_mass') or has('anal_ulceration')),
        ('U3', fit is not None and fit >= 10),
        ('U4', anaemic and iron_def),
        ('U5', age >= 55 and has('weight_loss') and (has('upper_abdominal_pain') or has('reflux') or has('dyspepsia'))),
        ('U6', has('abdominal_mass')),
        ('U7', age >= 40 and has('jaundice')),
        ('U8', fit is None and ((age >= 50 and bleed) or (age >= 40 and has('weight_loss') and pain) or (age >= 60 and cibh))),
        ('R1', has('bloody_diarrhoea') or (cal is not None and cal >= 250)),
        ('R2', (has('known_cirrhosis') and (has('ascites') or has('confusion'))) or (alt is not None and alt >= 300)),
        ('R3', has('haematemesis')),
        ('O1', age >= 55 and resistant),
        ('O2', cal is not None and 100 <= cal <= 249.999),
        ('O3', has('known_ibd') and has('ibd_stable') and has('ibd_management_question')),
        ('O4', has('coeliac_serology_positive')),
        ('O5', (alt is not None and 40 <= alt <= 299.999) or has('fatty_liver_imaging')),
    ]
    for rid, ok in rules:
        if ok:
            return rid
    a1 = age < 50 and (pain or has('bloating') or cibh) and ((cal is not None and cal < 100) or (fit is not None and fit < 10))
    if a1 and a1_other_fact_strict:
        # strict reading of "no other fact above": no other fact named in the rules above may be present at all
        others = bleed and not has('bloody_diarrhoea') or has('rectal_bleeding') or has('weight_loss') or has('reflux') or \
            has('dyspepsia') or has('upper_abdominal_pain') or anaemic or iron_def or alt is not None or has('jaundice') or \
            has('bloody_diarrhoea') or has('haematemesis') or has('known_cirrhosis') or has('known_ibd') or \
            has('fatty_liver_imaging') or has('coeliac_serology_positive') or has('treatment_resistant_dyspepsia') or \
            has('reflux_after_ppi')
        a1 = a1 and not others
    if a1:
        return 'A1'
    if (bleed or cibh or pain) and fit is not None and fit < 10:
        return 'O6'
    if age < 55 and (has('dyspepsia') or has('reflux')):
        return 'A2'
    if has('family_history_crc'):
        symptomatic = any(has(k) for k in SYMPTOMS)
        if a3_no_symptom_strict:
            symptomatic = symptomatic or has('other_symptom') or anaemic or iron_def or \
                (alt is not None and alt >= 40) or has('known_ibd')
        if not symptomatic:
            return 'A3'
    return 'D'


def main():
    errors, warns = [], []
    letters = [json.loads(l) for l in open(os.path.join(HERE, 'letters.jsonl'), encoding='utf-8')]
    metas = {m['id']: m for m in (json.loads(l) for l in open(os.path.join(HERE, 'letters_meta.jsonl'), encoding='utf-8'))}
    if len(letters) != 300:
        errors.append('expected 300 letters, got %d' % len(letters))
    ids = [x['id'] for x in letters]
    if ids != ['L38-%04d' % i for i in range(1, len(letters) + 1)]:
        errors.append('ids are not L38-0001.. in order')
    need = ['id', 'text', 'urgency', 'pathway', 'rule', 'style', 'gp_priority', 'age']
    stats = collections.defaultdict(collections.Counter)
    readings = list(itertools.product([False, True], repeat=5))
    uncovered_total = 0
    flips = collections.Counter()
    for x in letters:
        lid = x['id']
        if list(x.keys()) != need:
            errors.append('%s: keys %s' % (lid, list(x.keys())))
        m = metas.get(lid)
        if m is None:
            errors.append('%s: no meta' % lid)
            continue
        text = x['text']
        if x['urgency'] not in URGENCIES or x['pathway'] not in PATHWAYS or x['rule'] not in SPEC:
            errors.append('%s: bad label' % lid)
            continue
        if SPEC[x['rule']] != (x['urgency'], x['pathway']):
            errors.append('%s: rule %s does not give %s/%s' % (lid, x['rule'], x['urgency'], x['pathway']))
        # -- every recorded string is in the text
        spans = []
        for group in ('evidence', 'distractors', 'superseded', 'context'):
            for e in m[group]:
                s = e['text']
                if not s or s not in text:
                    errors.append('%s: %s string not in text: %r' % (lid, group, s))
                    continue
                i = text.find(s)
                while i >= 0:
                    spans.append((i, i + len(s)))
                    i = text.find(s, i + 1)
        # -- facts from the evidence only
        f = {}
        for e in m['evidence']:
            k, v = e['fact'], e['value']
            if k not in KNOWN_FACTS:
                errors.append('%s: unknown fact %s' % (lid, k))
            if k in f and f[k] != v:
                errors.append('%s: %s has two current values %r / %r' % (lid, k, f[k], v))
            f[k] = v
        for e in m['superseded']:
            if e['fact'] not in f:
                errors.append('%s: superseded %s without a current value' % (lid, e['fact']))
        # -- age and sex from the letter
        ages = set()
        if 'age' in f:
            ev_age = [e for e in m['evidence'] if e['fact'] == 'age']
            for e in ev_age:
                digits = re.findall(r'\d+', e['text'])
                n = int(digits[0]) if digits else words_to_int(e['text'])
                if n != e['value']:
                    errors.append('%s: age string %r does not say %s' % (lid, e['text'], e['value']))
                ages.add(n)
        if 'dob' in f and 'letter_date' in f:
            dob = datetime.date.fromisoformat(f['dob'])
            ld = datetime.date.fromisoformat(f['letter_date'])
            ages.add(ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day)))
            for e in m['evidence']:
                if e['fact'] == 'dob':
                    y = str(dob.year)
                    if y not in e['text']:
                        errors.append('%s: DOB string %r lacks year %s' % (lid, e['text'], y))
        if len(ages) != 1:
            errors.append('%s: age not determined uniquely from the letter: %s' % (lid, sorted(ages)))
            continue
        age = ages.pop()
        if age != x['age'] or not 18 <= age <= 95:
            errors.append('%s: age %s vs letter field %s' % (lid, age, x['age']))
        sexes = set()
        for e in m['evidence']:
            if e['fact'] == 'sex':
                w = e['text'].strip().lower()
                sx = 'F' if w in ('mrs', 'ms', 'miss', 'female', 'f') else 'M' if w in ('mr', 'male', 'm') else None
                if sx != e['value']:
                    errors.append('%s: sex string %r' % (lid, e['text']))
                sexes.add(sx)
        if len(sexes) != 1:
            errors.append('%s: sex not determined: %s' % (lid, sexes))
            continue
        sex = sexes.pop()
        # -- the rules, under every reading of the loose words
        got = set(first_rule(f, age, sex, *rd) for rd in readings)
        if len(got) != 1:
            errors.append('%s: label depends on the reading of the spec: %s' % (lid, sorted(got)))
        elif got != {x['rule']}:
            errors.append('%s: rules give %s, letter says %s' % (lid, got.pop(), x['rule']))
        # -- informative: would a misread distractor change the label?
        for d in m['distractors']:
            if d['kind'] in ('negated', 'form_no', 'unticked_box', 'hypothetical', 'resolved', 'feared', 'refuted_report'):
                g = dict(f)
                for k in d['facts']:
                    if k in SYMPTOMS:
                        g[k] = True
                if g != f and first_rule(g, age, sex, False, False, False, True, True) != x['rule']:
                    flips[d['kind']] += 1
        # -- coverage of clinically loaded words
        for mo in KEYWORDS.finditer(text):
            a, b = mo.start(), mo.end()
            if not any(s <= a and b <= e for s, e in spans):
                uncovered_total += 1
                ctx = text[max(0, a - 40):b + 40].replace('\n', ' | ')
                errors.append('%s: unrecorded clinical word %r in ...%s...' % (lid, mo.group(0), ctx))
        # -- NHS numbers valid (modulus 11)
        for nn in re.findall(r'NHS[^\d\n]{0,30}(\d{3} \d{3} \d{4})', text, re.I):
            d = [int(c) for c in nn.replace(' ', '')]
            c = 11 - sum(d[i] * (10 - i) for i in range(9)) % 11
            c = 0 if c == 11 else c
            if c == 10 or c != d[9]:
                errors.append('%s: invalid NHS number %s' % (lid, nn))
        # -- consistency of meta with the letter line
        for k in ('rule', 'urgency', 'pathway', 'style', 'age'):
            if m.get(k) != x[k]:
                errors.append('%s: meta %s differs' % (lid, k))
        stats['urgency'][x['urgency']] += 1
        stats['pathway'][x['pathway']] += 1
        stats['rule'][x['rule']] += 1
        stats['style'][x['style']] += 1
        stats['multi'][m['n_problems'] >= 2] += 1
        stats['prio'][m['priority_relation']] += 1
        stats['position'][m['decider_position']] += 1
        stats['style_kind'][(x['style'], m['style_kind'])] += 1
        # requested priority recorded consistently
        if (x['gp_priority'] is None) != (m['gp_priority_category'] is None):
            errors.append('%s: gp_priority vs meta' % lid)
        if m['gp_priority_category'] is not None:
            rel = 'agree' if m['gp_priority_category'] == x['urgency'] else \
                'over' if URGENCIES.index(m['gp_priority_category']) < URGENCIES.index(x['urgency']) else 'under'
            if rel != m['priority_relation']:
                errors.append('%s: priority relation %s vs %s' % (lid, rel, m['priority_relation']))
            if m['gp_priority_text'] not in text:
                errors.append('%s: requested priority text missing' % lid)
    # -- the mix
    for u in URGENCIES:
        if stats['urgency'][u] < 25:
            errors.append('urgency %s has only %d letters' % (u, stats['urgency'][u]))
    for p in PATHWAYS:
        if stats['pathway'][p] == 0:
            errors.append('pathway %s absent' % p)
    if len(stats['style']) != 20 or set(stats['style'].values()) != {15}:
        errors.append('styles are not 20 x 15: %s' % dict(stats['style']))
    writers = set(s for (s, k) in stats['style_kind'] if k == 'writer')
    if len(writers) < 12:
        errors.append('only %d individual-writer styles' % len(writers))
    if stats['multi'][True] < 150:
        errors.append('only %d letters with two or more problems' % stats['multi'][True])
    dis = stats['prio']['over'] + stats['prio']['under']
    if not 0.4 * len(letters) <= dis <= 0.6 * len(letters):
        errors.append('requested priority disagrees in %d letters (want about half)' % dis)
    low = stats['urgency']['routine'] + stats['urgency']['advice_and_guidance']
    if not 0.45 * len(letters) <= low <= 0.62 * len(letters):
        errors.append('low-risk letters: %d (want about half)' % low)
    print('letters: %d' % len(letters))
    for k in ('urgency', 'pathway', 'rule', 'style', 'prio', 'position', 'multi'):
        print('%s: %s' % (k, json.dumps(dict(sorted(stats[k].items(), key=lambda kv: str(kv[0]))), ensure_ascii=False)))
    print('requested priority disagrees with the rules in %d letters (over %d, under %d)' % (dis, stats['prio']['over'], stats['prio']['under']))
    print('readings of the spec checked per letter: %d' % len(readings))
    print('distractors that would change the label if misread as present (informative): %s' % dict(flips))
    if errors:
        print('FAIL: %d problems' % len(errors))
        for e in errors[:200]:
            print('  ' + e)
        return 1
    print('PASS: all %d letters re-derive their labels from the recorded facts under every reading' % len(letters))
    return 0


if __name__ == '__main__':
    sys.exit(main())
