#!/usr/bin/env python3
"""Merge per-file metadata into manifest.jsonl, run structural checks with the standard library only
(no imaging), write README.md counts and SHA256SUMS."""
import json, sys, os, re, glob, struct, zlib, hashlib, collections

out, build = sys.argv[1], sys.argv[2]
metas = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(build, '*.meta.json')))]
problems = []

def nhs_ok(n):
    if not re.fullmatch(r'999\d{7}', n): return False
    s = sum(int(n[i]) * (10 - i) for i in range(9)); c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])

for m in metas:
    f = os.path.join(out, m['file']); data = open(f, 'rb').read()
    gt = open(os.path.join(out, m['ground_truth']), encoding='utf-8').read()
    pages = gt.split('\n\f\n')
    if len(pages) != m['pages']: problems.append(f"{m['file']}: gt pages {len(pages)} != {m['pages']}")
    if any(re.search(r'  |\t', l) for l in gt.splitlines()): problems.append(f"{m['file']}: uncollapsed spaces in GT")
    if m['document_type'] == 'referral_letter' and (not m['nhs_number'] or not m['date_of_birth']): problems.append(f"{m['file']}: referral without NHS/DOB")
    if m['nhs_number'] and not nhs_ok(m['nhs_number']): problems.append(f"{m['file']}: NHS number fails modulus 11")
    if m['nhs_as_printed']:
        digits = re.sub(r'\D', '', m['nhs_as_printed'])
        if digits != m['nhs_number']: problems.append(f"{m['file']}: nhs_as_printed mismatch")
        if not any(m['nhs_as_printed'] in p for p in pages): problems.append(f"{m['file']}: nhs_as_printed not found verbatim in GT")
    if m['dob_as_printed'] and m['dob_as_printed'] not in gt: problems.append(f"{m['file']}: dob_as_printed not in GT")
    for pc in re.findall(r'\b([A-Z]{1,2}\d{1,2}) \d[A-Z]{2}\b', gt):
        if not pc.startswith('ZX'): problems.append(f"{m['file']}: non-ZX postcode {pc}")
    for ph in re.findall(r'\b0\d{3,4} ?\d{6}\b', gt):
        if not ph.startswith('01632 960'): problems.append(f"{m['file']}: phone outside 01632 960xxx: {ph}")
    # container checks with the standard library
    ext = m['file'].rsplit('.', 1)[1]
    if ext == 'png':
        assert data[:8] == b'\x89PNG\r\n\x1a\n'; p = 8; idat = b''; seen = []
        while p < len(data):
            ln, = struct.unpack('>I', data[p:p+4]); t = data[p+4:p+8]; body = data[p+8:p+8+ln]; crc, = struct.unpack('>I', data[p+8+ln:p+12+ln])
            if zlib.crc32(t + body) != crc: problems.append(f"{m['file']}: CRC mismatch in {t}")
            seen.append(t.decode()); idat += body if t == b'IDAT' else b''; p += 12 + ln
        zlib.decompress(idat)
        if 'pHYs' not in seen or seen[-1] != 'IEND': problems.append(f"{m['file']}: PNG chunks {seen}")
    elif ext == 'jpg':
        if data[:2] != b'\xff\xd8' or data[-2:] != b'\xff\xd9' or data[6:11] != b'JFIF\x00': problems.append(f"{m['file']}: JPEG markers")
        units, xd, yd = struct.unpack('>BHH', data[13:18])
        if units != 1 or xd != m['dpi'][0][0]: problems.append(f"{m['file']}: JFIF density {xd} != {m['dpi'][0][0]}")
    elif ext == 'tif':
        bo = '<' if data[:2] == b'II' else '>'; assert data[:2] in (b'II', b'MM') and struct.unpack(bo + 'H', data[2:4])[0] == 42
        off, = struct.unpack(bo + 'I', data[4:8]); n = 0
        while off: n += 1; cnt, = struct.unpack(bo + 'H', data[off:off+2]); off, = struct.unpack(bo + 'I', data[off+2+12*cnt:off+6+12*cnt])
        if n != m['pages']: problems.append(f"{m['file']}: IFD chain {n} != {m['pages']}")
    elif ext == 'pdf':
        sx = int(re.search(rb'startxref\s+(\d+)\s+%%EOF\s*$', data).group(1))
        if data[sx:sx+4] != b'xref': problems.append(f"{m['file']}: startxref")
        cnt = int(re.search(rb'/Type /Pages /Kids \[[^\]]*\] /Count (\d+)', data).group(1))
        if cnt != m['pages']: problems.append(f"{m['file']}: PDF /Count {cnt}")
        nostream = re.sub(rb'stream\r?\n.*?endstream', b'', data, flags=re.S)
        if re.search(rb'/Font|BT\s|/Annot', nostream): problems.append(f"{m['file']}: text objects in PDF")

with open(os.path.join(out, 'manifest.jsonl'), 'w', encoding='utf-8') as fh:
    for m in metas: fh.write(json.dumps(m, ensure_ascii=False, sort_keys=False) + '\n')

by_type = collections.Counter(m['document_type'] for m in metas)
by_fmt = collections.Counter(('/'.join(m['format'].split('/')[:3]) if m['format'].startswith('jpeg') else '/'.join(m['format'].split('/')[:2])) for m in metas)
by_diff = collections.Counter(d for m in metas for d in m['difficulty'])
dpis = collections.Counter(f"{d[0]}x{d[1]}" for m in metas for d in m['dpi'])
rots = collections.Counter(r for m in metas for r in m['rotation_clockwise_deg'])
fonts = sorted({f for m in metas for f in m['fonts']})
npages = sum(m['pages'] for m in metas)
def table(c): return '\n'.join(f'| {k} | {v} |' for k, v in sorted(c.items()))
counts = f"""Files: {len(metas)}; pages: {npages}.

| document_type | files |
|---|---|
{table(by_type)}

| format (container/encoding) | files |
|---|---|
{table(by_fmt)}

| difficulty | pages |
|---|---|
{table(by_diff)}

| dpi (x by y) | pages |
|---|---|
{table(dpis)}

| rotation_clockwise_deg (as displayed) | pages |
|---|---|
{table(rots)}

Fonts drawn: {', '.join(fonts)}.
"""
checks = open(os.path.join(build, 'ccitt_check.txt')).read().strip()
verify = open(os.path.join(build, 'verify.txt')).read().strip()
tmpl = open(os.path.join(os.path.dirname(__file__), 'README.template.md'), encoding='utf-8').read()
readme = tmpl.replace('@@COUNTS@@', counts).replace('@@CCITT@@', checks).replace('@@VERIFY@@', verify).replace('@@PROBLEMS@@', '\n'.join(problems) or 'none')
open(os.path.join(out, 'README.md'), 'w', encoding='utf-8').write(readme)
if problems:
    print('\n'.join(problems)); sys.exit(1)
# SHA256SUMS over everything in the set except itself
files = []
for root, dirs, fs in os.walk(out):
    dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
    for f in sorted(fs):
        rel = os.path.relpath(os.path.join(root, f), out)
        if rel != 'SHA256SUMS' and not f.startswith('.'): files.append(rel)
with open(os.path.join(out, 'SHA256SUMS'), 'w') as fh:
    for rel in sorted(files): fh.write(hashlib.sha256(open(os.path.join(out, rel), 'rb').read()).hexdigest() + '  ' + rel + '\n')
print(counts)
