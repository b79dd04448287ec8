#!/usr/bin/env python3
"""validate_set.py - independent re-check of letters29 (does not import make_set.py).

Re-derives every label from the meta facts with its own reading of the spec, under every reading of the
spec's loose words, checks that every evidence / distractor string is really in the letter, and checks the
mix the brief asks for.  Usage: python3 validate_set.py [set_dir] [--rerun]
  --rerun also runs make_set.py into a temporary folder (as a subprocess) and compares the bytes.
"""
import datetime
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile

URG = {'urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance'}
PATH = {'lower_gi', 'upper_gi', 'ibd', 'hepatology', 'general_gi'}
# rule id -> (urgency, pathway), typed again from the spec table
SPEC = dict(U1='urgent_suspected_cancer upper_gi', U2='urgent_suspected_cancer lower_gi',
            U3='urgent_suspected_cancer lower_gi', U4='urgent_suspected_cancer lower_gi',
            U5='urgent_suspected_cancer upper_gi', U6='urgent_suspected_cancer lower_gi',
            U7='urgent_suspected_cancer hepatology', U8='urgent_suspected_cancer lower_gi',
            R1='urgent ibd', R2='urgent hepatology', R3='urgent upper_gi', O1='routine upper_gi',
            O2='routine ibd', O3='advice_and_guidance ibd', O4='routine general_gi', O5='routine hepatology',
            A1='advice_and_guidance general_gi', O6='routine general_gi', A2='advice_and_guidance upper_gi',
            A3='advice_and_guidance lower_gi', D='routine general_gi')
SPEC = {k: tuple(v.split()) for k, v in SPEC.items()}


def label(f, sym, r):
    """r = (epigastric pain is abdominal pain, epigastric pain is dyspepsia, dyspepsia is abdominal pain,
            bloody diarrhoea is rectal bleeding + CIBH, PR bleed with loose CIBH is bloody diarrhoea, A1 strict)"""
    epi_abd, epi_dys, dys_abd, bd_rb, rbl_bd, strict = r
    age, val = f['age'], f['values']
    S = set(sym)
    pain = 'abdo_pain' in S or (epi_abd and 'upper_abdo_pain' in S) or (dys_abd and 'dyspepsia' in S)
    dys = 'dyspepsia' in S or (epi_dys and 'upper_abdo_pain' in S)
    rb = 'rectal_bleeding' in S or (bd_rb and 'bloody_diarrhoea' in S)
    ch = 'cibh' in S or (bd_rb and 'bloody_diarrhoea' in S)
    bd = 'bloody_diarrhoea' in S or (rbl_bd and 'rectal_bleeding' in S and 'cibh' in S and f.get('cibh_type') == 'loose')
    g = lambda k: val.get(k)
    limit = 130 if f['sex'] == 'M' else 120
    ida = g('hb') is not None and g('hb') < limit and g('ferritin') is not None and g('ferritin') < 30
    fit = g('fit')
    cal = g('calpro')
    alt = g('alt')
    conds = [
        ('U1', 'dysphagia' in S),
        ('U2', bool(S & {'rectal_mass', 'anal_mass', 'anal_ulcer'})),
        ('U3', fit is not None and fit >= 10),
        ('U4', ida),
        ('U5', age >= 55 and 'weight_loss' in S and ('upper_abdo_pain' in S or 'reflux' in S or dys)),
        ('U6', 'abdominal_mass' in S),
        ('U7', age >= 40 and 'jaundice' in S),
        ('U8', fit is None and ((age >= 50 and rb) or (age >= 40 and 'weight_loss' in S and pain) or (age >= 60 and ch))),
        ('R1', bd or (cal is not None and cal >= 250)),
        ('R2', (f['known_cirrhosis'] and bool(S & {'ascites', 'confusion'})) or (alt is not None and alt >= 300)),
        ('R3', 'haematemesis' in S),
        ('O1', age >= 55 and dys and (f.get('ppi_weeks') or 0) >= 4),
        ('O2', cal is not None and 100 <= cal < 250),
        ('O3', bool(f.get('known_ibd')) and bool(f.get('ibd_stable')) and f.get('ibd_management_question')),
        ('O4', bool(f.get('ttg_raised'))),
        ('O5', (alt is not None and 40 <= alt < 300) or bool(f.get('fatty_liver_on_imaging'))),
    ]
    for rid, ok in conds:
        if ok:
            return rid
    # A1
    if age < 50 and (pain or 'bloating' in S or ch) and ((cal is not None and cal < 100) or (fit is not None and fit < 10)):
        others = (S - {'abdo_pain', 'bloating', 'cibh'}) or (g('hb') is not None and g('hb') < limit) or \
            (g('ferritin') is not None and g('ferritin') < 30) or f['known_cirrhosis'] or f.get('known_ibd') or \
            f.get('ttg_raised') or f.get('fatty_liver_on_imaging') or (alt is not None and alt >= 40) or \
            (cal is not None and cal >= 100) or dys or rb
        if not (strict and others):
            return 'A1'
    if (rb or ch or pain) and fit is not None and fit < 10:
        return 'O6'
    if age < 55 and (dys or 'reflux' in S):
        return 'A2'
    if f.get('family_history_crc') and not S:
        return 'A3'
    return 'D'


def all_labels(f):
    base = f['symptoms']
    unk = f.get('unreadable_answers', [])
    res = set()
    for combo in itertools.product([False, True], repeat=len(unk)):
        sym = set(base)
        for u, on in zip(unk, combo):
            (sym.add if on else sym.discard)(u)
        for r in itertools.product([False, True], repeat=6):
            res.add(label(f, sym, r))
    return res


def nhs_ok(n):
    d = [int(c) for c in n]
    c = 11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    d = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    errs, warns = [], []
    recs = [json.loads(l) for l in open(os.path.join(d, 'letters.jsonl'), encoding='utf-8')]
    metas = {m['id']: m for m in (json.loads(l) for l in open(os.path.join(d, 'letters_meta.jsonl'), encoding='utf-8'))}
    E = errs.append
    if len(recs) != 300:
        E('expected 300 letters, got %d' % len(recs))
    ids = [r['id'] for r in recs]
    if ids != ['L29-%04d' % i for i in range(1, 301)]:
        E('ids not L29-0001..L29-0300 in order')
    keys = {'id', 'text', 'urgency', 'pathway', 'rule', 'style', 'gp_priority', 'age'}
    for r in recs:
        i = r['id']
        if set(r) != keys:
            E('%s: fields %s' % (i, sorted(r)))
        m = metas.get(i)
        if m is None:
            E('%s: no meta' % i)
            continue
        if r['urgency'] not in URG or r['pathway'] not in PATH:
            E('%s: bad label spelling' % i)
        if SPEC[r['rule']] != (r['urgency'], r['pathway']):
            E('%s: rule %s does not give %s/%s' % (i, r['rule'], r['urgency'], r['pathway']))
        f = m['facts']
        labs = all_labels(f)
        if labs != {r['rule']}:
            E('%s: facts give %s under the readings, letter says %s' % (i, sorted(labs), r['rule']))
        # age from DOB and letter date
        dob = datetime.date.fromisoformat(f['dob'])
        ld = datetime.date.fromisoformat(f['letter_date'])
        a = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if a != f['age'] or a != r['age'] or not 18 <= a <= 95:
            E('%s: age mismatch %s %s %s' % (i, a, f['age'], r['age']))
        text = r['text']
        # evidence and distractors present in the text
        for e in m['evidence'] + m['distractors'] + m['unreadable']:
            if not e['text'] or e['text'] not in text:
                E('%s: evidence/distractor not in text: %r' % (i, e['text'][:60]))
            norm = lambda x: re.sub(r'[^a-z0-9<>/ ]', '', x.lower().replace('.', ' '))
            if not m['scanned_ocr'] and norm(e['text']).split() != norm(e['clean']).split() and not m['spelling_slips']:
                E('%s: typed letter evidence differs from clean' % i)
            if not m['scanned_ocr'] and e.get('garbles'):
                E('%s: typed letter has garbled fact text' % i)
        ev_facts = {e['fact'] for e in m['evidence']}
        need = set(f['symptoms']) | set(f['values'])
        for flag, name in [('ttg_raised', 'ttg_raised'), ('fatty_liver_on_imaging', 'fatty_liver_imaging'),
                           ('known_cirrhosis', 'cirrhosis'), ('family_history_crc', 'fh_crc'),
                           ('ibd_management_question', 'mgmt_q')]:
            if f.get(flag):
                need.add(name)
        if f.get('known_ibd'):
            need.add('ibd')
        if f.get('ibd_stable'):
            need.add('ibd_stable')
        miss = need - ev_facts
        if miss:
            E('%s: no evidence for %s' % (i, sorted(miss)))
        if not (ev_facts & {'age'}) and not ({'dob', 'letter_date'} <= ev_facts):
            E('%s: age not determinable from evidence' % i)
        if 'sex' not in ev_facts:
            E('%s: sex not in evidence' % i)
        # the DOB and letter date strings really give the age
        # values appear in their clean evidence
        for e in m['evidence']:
            k = e['fact']
            if k in ('hb', 'ferritin', 'calpro', 'alt', 'fit') and 'value' in e:
                v = f['values'][k]
                c = e['clean']
                cands = {str(v), str(int(v)) if float(v).is_integer() else str(v)}
                if k == 'hb':
                    cands.add('%.1f' % (v / 10.0))
                if k == 'fit':
                    cands.add(str(f.get('fit_display')))
                if not any(re.search(r'(?<![0-9.])%s(?![0-9])' % re.escape(x), c) for x in cands):
                    E('%s: value %s=%s not in clean evidence %r' % (i, k, v, c))
                if k == 'hb' and f.get('hb_unit_written') == 'g/dL' and 'g/d' not in c.lower() and 'haemoglobin' not in c.lower() and '.' not in c:
                    warns.append('%s: g/dL Hb without unit' % i)
            if m['near_line'] and e.get('garbles'):
                for g in e['garbles']:
                    if re.search(r'[0-9]', g['from']):
                        E('%s: a number was garbled in a near-line letter' % i)
            for g in e.get('garbles', []):
                if g['op'] in ('1->l', '0->O') and e['fact'] in ('age', 'dob', 'letter_date'):
                    E('%s: garbled age/date' % i)
        for n in re.findall(r'NHS[^0-9\n]{0,10}((?:\d{3} \d{3} \d{4})|\d{10})', text):
            n2 = n.replace(' ', '')
            if not nhs_ok(n2):
                E('%s: NHS number %s fails modulus 11' % (i, n))
        if f['sex'] == 'M' and f['values'].get('hb') is not None and False:
            pass
    # mix
    cnt = lambda key: {k: sum(1 for r in recs if r[key] == k) for k in sorted({r[key] for r in recs})}
    u, p, st = cnt('urgency'), cnt('pathway'), cnt('style')
    for lab in URG:
        if u.get(lab, 0) < 25:
            E('urgency %s has %d letters (<25)' % (lab, u.get(lab, 0)))
    for lab in PATH:
        if not p.get(lab):
            E('pathway %s absent' % lab)
    if len(st) != 20 or set(st.values()) != {15}:
        E('styles: %s' % st)
    scanned_styles = {m['style'] for m in metas.values() if m['scanned_ocr']}
    for s in scanned_styles:
        if not all(m['scanned_ocr'] for m in metas.values() if m['style'] == s) or 'scanned' not in s:
            E('scanned style %s mixed or not named' % s)
    n_ocr = sum(m['scanned_ocr'] for m in metas.values())
    n_known = sum(1 for m in metas.values() if m['emphasis'])
    n_near = sum(1 for m in metas.values() if m['near_line'])
    n_dis = sum(1 for m in metas.values() if m['gp_priority_disagrees'])
    n_forms = len({m['style'] for m in metas.values() if m['form_or_structured']})
    n_garb = sum(1 for m in metas.values() if m['garbled_facts'])
    if len(scanned_styles) < 8:
        E('only %d scanned layouts' % len(scanned_styles))
    if n_ocr < 120:
        E('only %d OCR letters' % n_ocr)
    if n_known < 100:
        E('only %d known/multi letters' % n_known)
    if n_near < 60:
        E('only %d near-line letters' % n_near)
    if not 120 <= n_dis <= 180:
        E('%d letters with disagreeing priority (want about half)' % n_dis)
    for r in recs:
        m = metas[r['id']]
        lvl = {'two-week-wait / suspected cancer': 'usc', 'urgent': 'urgent', 'routine': 'routine',
               'advice only, no appointment': 'advice', None: None}[r['gp_priority']]
        if lvl != m['gp_priority_level']:
            E('%s: gp_priority text and level differ' % r['id'])
    sha = hashlib.sha256(open(os.path.join(d, 'letters.jsonl'), 'rb').read()).hexdigest()
    rd = open(os.path.join(d, 'README.md'), encoding='utf-8').read()
    if sha not in rd:
        E('README does not carry sha256 %s' % sha)
    if '--rerun' in sys.argv:
        with tempfile.TemporaryDirectory() as t:
            subprocess.run([sys.executable, os.path.join(d, 'make_set.py'), t], check=True, capture_output=True)
            for fn in ['letters.jsonl', 'letters_meta.jsonl', 'README.md']:
                if open(os.path.join(t, fn), 'rb').read() != open(os.path.join(d, fn), 'rb').read():
                    E('rerun of make_set.py differs in %s' % fn)
    print('letters: %d  sha256: %s' % (len(recs), sha))
    print('urgency:', u)
    print('pathway:', p)
    print('rule:', cnt('rule'))
    print('styles: %d layouts, %d scanned, %d form/structured layouts' % (len(st), len(scanned_styles), n_forms))
    print('OCR letters %d (with garbled fact text %d); known/question/multi/copied %d; near-line %d; priority disagrees %d'
          % (n_ocr, n_garb, n_known, n_near, n_dis))
    for w in warns[:10]:
        print('warning:', w)
    if errs:
        print('FAIL: %d problems' % len(errs))
        for e in errs[:200]:
            print('  ', e)
        sys.exit(1)
    print('PASS: all %d labels re-derived under 64 readings; all evidence and distractor strings found' % len(recs))


if __name__ == '__main__':
    main()
