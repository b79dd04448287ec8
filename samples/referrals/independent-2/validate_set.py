#!/usr/bin/env python3
"""Structural checks on letters.jsonl (standard library only)."""
import json, re, sys, os
HERE = os.path.dirname(os.path.abspath(__file__))
RULES = {'U1': ('urgent_suspected_cancer', 'upper_gi'), 'U2': ('urgent_suspected_cancer', 'lower_gi'),
         'U3': ('urgent_suspected_cancer', 'lower_gi'), 'U4': ('urgent_suspected_cancer', 'lower_gi'),
         'U5': ('urgent_suspected_cancer', 'upper_gi'), 'U6': ('urgent_suspected_cancer', 'lower_gi'),
         'U7': ('urgent_suspected_cancer', 'hepatology'), 'U8': ('urgent_suspected_cancer', 'lower_gi'),
         'R1': ('urgent', 'ibd'), 'R2': ('urgent', 'hepatology'), 'R3': ('urgent', 'upper_gi'),
         'O1': ('routine', 'upper_gi'), 'O2': ('routine', 'ibd'), 'O3': ('advice_and_guidance', 'ibd'),
         'O4': ('routine', 'general_gi'), 'O5': ('routine', 'hepatology'), 'A1': ('advice_and_guidance', 'general_gi'),
         'O6': ('routine', 'general_gi'), 'A2': ('advice_and_guidance', 'upper_gi'),
         'A3': ('advice_and_guidance', 'lower_gi'), 'D': ('routine', 'general_gi')}
KEYS = {'id', 'text', 'urgency', 'pathway', 'rule', 'style', 'gp_priority', 'age', 'ocr'}
URG = {'urgent_suspected_cancer', 'urgent', 'routine', 'advice_and_guidance'}


def nhs_ok(n):
    d = [int(c) for c in n]
    c = 11 - sum(x * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


errs = 0
ids = set()
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'letters.jsonl')
for ln, line in enumerate(open(path, encoding='utf-8'), 1):
    r = json.loads(line)
    bad = []
    if set(r) != KEYS: bad.append(f'keys {sorted(r)}')
    if r['id'] in ids: bad.append('dup id')
    ids.add(r['id'])
    if RULES.get(r['rule']) != (r['urgency'], r['pathway']): bad.append('labels != rule')
    if r['gp_priority'] is not None and r['gp_priority'] not in URG: bad.append('gp_priority')
    if not isinstance(r['age'], int) or not 16 <= r['age'] <= 100: bad.append('age')
    if not r['ocr']:
        nums = re.findall(r'999[ -]?\d{3}[ -]?\d{4}', r['text'])
        if not nums: bad.append('no NHS number')
        for n in nums:
            if not nhs_ok(re.sub(r'\D', '', n)): bad.append(f'bad NHS {n}')
    if bad:
        errs += 1
        print(r['id'], bad)
print(f'{len(ids)} letters, {errs} with problems')
sys.exit(1 if errs else 0)
