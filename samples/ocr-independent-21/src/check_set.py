#!/usr/bin/env python3
"""Manifest / ground-truth consistency checks for the ocr21 set (Python standard library only)."""
import collections, datetime, hashlib, json, os, re, sys

d = sys.argv[1] if len(sys.argv) > 1 else '.'
TYPES = {'referral_letter', 'clinic_letter', 'discharge_summary', 'lab_result', 'appointment_letter', 'continuation_sheet'}
REQ = ['file', 'ground_truth', 'document_type', 'kind', 'pages', 'nhs_number', 'date_of_birth', 'nhs_as_printed',
       'dob_as_printed', 'degradations', 'difficulty', 'rotation_clockwise_deg', 'format', 'dpi', 'fonts',
       'overlay_text_not_in_gt', 'distractors']
errors, warnings = [], []


def nhs_ok(n):
    if not re.fullmatch(r'\d{10}', n or ''):
        return False
    s = sum(int(c) * (10 - i) for i, c in enumerate(n[:9]))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


man = [json.loads(l) for l in open(os.path.join(d, 'manifest.jsonl'), encoding='utf-8')]
by = collections.defaultdict(collections.Counter)
for m in man:
    f = m.get('file', '?')
    for k in REQ:
        if k not in m:
            errors.append(f'{f}: missing key {k}')
    if not os.path.exists(os.path.join(d, f)):
        errors.append(f'{f}: file missing')
    if m['document_type'] not in TYPES:
        errors.append(f'{f}: bad document_type')
    n = m['pages']
    for k in ['degradations', 'difficulty', 'rotation_clockwise_deg', 'dpi']:
        if len(m[k]) != n:
            errors.append(f'{f}: {k} has {len(m[k])} entries for {n} pages')
    if m['nhs_number'] is not None and (not nhs_ok(m['nhs_number']) or not m['nhs_number'].startswith('999')):
        errors.append(f'{f}: invalid NHS number {m["nhs_number"]}')
    if m['date_of_birth'] is not None:
        datetime.date.fromisoformat(m['date_of_birth'])
    if m['document_type'] == 'referral_letter' and (m['nhs_number'] is None or m['date_of_birth'] is None):
        errors.append(f'{f}: referral without NHS number / DOB')
    gt = open(os.path.join(d, m['ground_truth']), encoding='utf-8').read()
    pages = gt.rstrip('\n').split('\n\f\n')
    if len(pages) != n:
        errors.append(f'{f}: ground truth has {len(pages)} pages, manifest {n}')
    lines = [l for p in pages for l in p.split('\n')]
    if any(l != l.strip() or '  ' in l or l == '' for l in lines):
        errors.append(f'{f}: ground truth has empty lines or uncollapsed spaces')
    flat = ' '.join(lines)
    if m['nhs_number'] and m['nhs_as_printed']:
        if m['nhs_as_printed'] not in flat:
            errors.append(f'{f}: nhs_as_printed not found in GT: {m["nhs_as_printed"]}')
        if re.sub(r'\D', '', m['nhs_as_printed'])[-10:] != m['nhs_number']:
            errors.append(f'{f}: nhs_as_printed digits differ from nhs_number')
    if m['date_of_birth'] and m['dob_as_printed'] not in flat:
        errors.append(f'{f}: dob_as_printed not found in GT: {m["dob_as_printed"]}')
    for occ in m.get('nhs_printed_occurrences', []) + m.get('dob_printed_occurrences', []):
        if occ not in flat:
            errors.append(f'{f}: printed occurrence not in GT: {occ}')
    for ph in re.findall(r'\b0\d{4} ?\d{6}\b', flat):
        if not re.fullmatch(r'01632 ?960\d{3}', ph):
            errors.append(f'{f}: non-fictional phone number {ph}')
    for pc in re.findall(r'\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b', flat):
        if not pc.startswith('ZX'):
            errors.append(f'{f}: non-ZX postcode {pc}')
    for nn in re.findall(r'(?<![\d ])(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d])', flat):
        digits = re.sub(r'\D', '', nn)
        if digits.startswith('999') and digits != m['nhs_number']:
            errors.append(f'{f}: another 999 number in GT {nn}')
    for ov in m['overlay_text_not_in_gt']:
        if not ov.startswith('[') and ov in flat:
            warnings.append(f'{f}: overlay text also printed: {ov}')
    by['document_type'][m['document_type']] += 1
    by['format'][m['format']] += 1
    for e in m.get('page_encoding', []):
        by['page_encoding'][e] += 1
    for x in m['difficulty']:
        by['difficulty'][x] += 1
    for x in m['dpi']:
        by['dpi']['x'.join(map(str, x))] += 1
    for x in m.get('page_size', []):
        by['page_size'][x] += 1
    for x in m['rotation_clockwise_deg']:
        by['rotation'][x] += 1
    for fo in m['fonts']:
        by['fonts'][fo['family']] += 1
    for fo in m.get('overlay_fonts', []):
        by['overlay_fonts'][fo] += 1

sums = os.path.join(d, 'SHA256SUMS')
if os.path.exists(sums):
    bad = 0
    for l in open(sums):
        h, name = l.split(None, 1)
        name = name.strip().lstrip('*')
        if hashlib.sha256(open(os.path.join(d, name), 'rb').read()).hexdigest() != h:
            bad += 1
            errors.append(f'SHA256 mismatch {name}')
    print(f'SHA256SUMS: {sum(1 for _ in open(sums))} entries, {bad} mismatches')

print(f'files: {len(man)}, pages: {sum(m["pages"] for m in man)}')
for k, c in by.items():
    print(f'{k}: ' + ', '.join(f'{a}={b}' for a, b in sorted(c.items(), key=lambda t: str(t[0]))))
for w in warnings:
    print('WARN', w)
for e in errors:
    print('ERROR', e)
print(f'{len(man) - len({e.split(":")[0] for e in errors})} passed, {len({e.split(":")[0] for e in errors})} failed')
sys.exit(1 if errors else 0)
