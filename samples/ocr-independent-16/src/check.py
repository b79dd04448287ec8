#!/usr/bin/env python3
"""ocr16 checks - Python standard library only (no imaging libraries).
Decodes every TIFF (own LZW / PackBits / CCITT G3 1-D, 2-D and G4 decoders), every PNG (zlib + own unfilter)
and the CCITT/Flate images inside every PDF, and compares CRC-32 of the decoded samples with checks/pixel_hashes.tsv
written by the generator. Parses every PDF through its own xref, counts pages, and proves there is no text layer.
Checks JPEG marker structure, the manifest fields, NHS modulus 11, and that the GT has one block per page."""
import sys, os, re, json, zlib, struct

SET = sys.argv[1] if len(sys.argv) > 1 else '.'
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'codec.c')
fail = []
def bad(msg):
    fail.append(msg); print('FAIL', msg)

# ---------------- CCITT tables (parsed from the generator source, then validated) ----------------
src = open(SRC).read()
def table(name):
    m = re.search(r'static const char \*%s\[\d+\]=\{(.*?)\};' % name, src, re.S)
    return re.findall(r'"([01]+)"', m.group(1))
WT, WM, BT, BM, XM = (table(n) for n in ('WT', 'WM', 'BT', 'BM', 'XM'))
assert len(WT) == 64 and len(BT) == 64 and len(WM) == 27 and len(BM) == 27 and len(XM) == 13
def mkcodes(T, M):
    d = {}
    for i, c in enumerate(T): d[c] = i
    for i, c in enumerate(M): d[c] = 64 * (i + 1)
    for i, c in enumerate(XM): d[c] = 1792 + 64 * i
    return d
WHITE, BLACK = mkcodes(WT, WM), mkcodes(BT, BM)
for nm, d in (('white', WHITE), ('black', BLACK)):
    codes = list(d) + ['000000000001']
    assert len(set(codes)) == len(codes), nm + ' duplicate code'
    for a in codes:
        for b in codes:
            if a != b and b.startswith(a): raise SystemExit('CCITT %s table not prefix-free: %s %s' % (nm, a, b))
    k = sum(2.0 ** -len(c) for c in codes)
    print('CCITT %s table: %d codes, prefix-free, Kraft sum %.6f' % (nm, len(codes), k))
    if k > 1.0: raise SystemExit('Kraft > 1')
MODES = {'0001': 'P', '001': 'H', '1': 0, '011': 1, '000011': 2, '0000011': 3, '010': -1, '000010': -2, '0000010': -3}

class BitReader:
    def __init__(self, data):
        self.bits = bin(int.from_bytes(b'\x01' + data, 'big'))[3:]  # MSB-first bit string
        self.pos = 0
    def read_code(self, table, maxlen=13):
        b = self.bits; p = self.pos
        for L in range(1, maxlen + 1):
            c = b[p:p + L]
            if c in table:
                self.pos = p + L; return table[c]
        raise ValueError('bad code at bit %d: %s' % (p, b[p:p + 14]))
    def run(self, black):
        t = BLACK if black else WHITE; total = 0
        while True:
            v = self.read_code(t)
            total += v
            if v < 64: return total
    def skip_eol(self):
        b = self.bits
        # optional fill zeros then 000000000001
        j = b.find('1', self.pos)
        if j - self.pos < 11: raise ValueError('EOL expected at %d' % self.pos)
        self.pos = j + 1

def runs_to_row(changes, W):
    out = bytearray(); col = 0; x = 0
    for c in changes + [W]:
        c = min(c, W)
        out += (b'\x01' if col else b'\x00') * (c - x); x = c; col ^= 1
    return bytes(out[:W])
def row_changes(row_changes_list):
    return row_changes_list

def dec_1d(br, W):
    x = 0; col = 0; ch = []
    while x < W:
        r = br.run(col); x += r
        if x > W: raise ValueError('run overflow')
        ch.append(x); col ^= 1
    # ch holds positions where colour changes (last == W)
    return [c for c in ch if c < W]

def dec_2d(br, W, ref):
    # ref: list of changing positions of reference line (colour alternates starting from white->black)
    refc = ref + [W, W]
    cur = []; a0 = -1; col = 0
    def b1b2():
        # b1: first changing element on ref > a0 with colour opposite to col; changes at even index turn black
        for i, c in enumerate(refc):
            if c > a0 or (a0 < 0 and c >= 0):
                if c <= a0 and not (a0 < 0): continue
                if (i % 2 == 0) == (col == 0):  # even index = change to black
                    return c, refc[i + 1] if i + 1 < len(refc) else W
        return W, W
    while a0 < W:
        b1, b2 = b1b2()
        m = br.read_code(MODES, 7)
        if m == 'P':
            a0 = b2
        elif m == 'H':
            r1 = br.run(col); r2 = br.run(1 - col)
            a1 = (a0 if a0 > 0 else 0) + r1; a2 = a1 + r2
            cur.append(a1); cur.append(a2); a0 = a2
        else:
            a1 = b1 + m
            cur.append(a1); a0 = a1; col ^= 1
    return [c for c in cur if c < W]

def ccitt_decode(data, W, H, mode, K=2):
    br = BitReader(data); ref = []; rows = []
    for y in range(H):
        if mode == 0:
            br.skip_eol(); ch = dec_1d(br, W)
        elif mode == 1:
            br.skip_eol(); tag = br.bits[br.pos]; br.pos += 1
            ch = dec_1d(br, W) if tag == '1' else dec_2d(br, W, ref)
        else:
            ch = dec_2d(br, W, ref)
        # normalise (dedupe equal positions)
        norm = []
        for c in ch:
            if norm and norm[-1] == c: norm.pop()
            else: norm.append(c)
        rows.append(runs_to_row(norm, W)); ref = norm
    if mode == 2:
        rest = br.bits[br.pos:br.pos + 24]
        if rest != '000000000001000000000001': raise ValueError('EOFB missing')
    return b''.join(rows)

def lzw_decode(data):
    br = bin(int.from_bytes(b'\x01' + data, 'big'))[3:]
    pos = 0; out = bytearray(); width = 9
    table = [bytes([i]) for i in range(256)] + [b'', b'']; old = None
    while True:
        code = int(br[pos:pos + width], 2); pos += width
        if code == 257: break
        if code == 256:
            table = table[:258]; width = 9; old = None; continue
        if old is None:
            out += table[code]; old = code; continue
        if code < len(table):
            s = table[code]; table.append(table[old] + s[:1])
        else:
            s = table[old] + table[old][:1]; table.append(s)
        out += s; old = code
        if len(table) + 1 >= (1 << width) and width < 12: width += 1
    return bytes(out)

def packbits_decode(data):
    out = bytearray(); i = 0; n = len(data)
    while i < n:
        c = data[i]; i += 1
        if c < 128: out += data[i:i + c + 1]; i += c + 1
        elif c > 128: out += bytes([data[i]]) * (257 - c); i += 1
    return bytes(out)

def unpack_bits(raw, W, H, white_is_zero):
    rb = (W + 7) // 8; out = bytearray()
    tbl = {}
    for y in range(H):
        row = raw[y * rb:(y + 1) * rb]
        bits = bin(int.from_bytes(b'\x01' + row, 'big'))[3:3 + W]
        if white_is_zero: out += bits.encode().translate(bytes.maketrans(b'01', b'\x00\x01'))
        else: out += bits.encode().translate(bytes.maketrans(b'01', b'\x01\x00'))
    return bytes(out)

def undo_predictor(raw, W, H, spp):
    out = bytearray(raw); rb = W * spp
    for y in range(H):
        o = y * rb
        for i in range(o + spp, o + rb): out[i] = (out[i] + out[i - spp]) & 255
    return bytes(out)

hashes = {}
for line in open(os.path.join(SET, 'checks', 'pixel_hashes.tsv')):
    f, p, h, w, hh, bits = line.split('\t')
    hashes[(f, int(p))] = (int(h, 16), int(w), int(hh), int(bits))
def cmp_hash(f, p, data, W, H):
    exp = hashes.get((f, p))
    if exp is None: bad('%s p%d: no recorded hash' % (f, p)); return
    if (W, H) != exp[1:3]: bad('%s p%d: size %dx%d != %dx%d' % (f, p, W, H, exp[1], exp[2])); return
    if zlib.crc32(data) != exp[0]: bad('%s p%d: decoded pixels differ from generator raster' % (f, p))

def check_tiff(path, fname):
    d = open(path, 'rb').read()
    bo = {b'II': '<', b'MM': '>'}[d[:2]]
    assert struct.unpack(bo + 'H', d[2:4])[0] == 42
    off = struct.unpack(bo + 'I', d[4:8])[0]; page = 0; info = []
    sizes = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8}
    while off:
        page += 1
        n = struct.unpack(bo + 'H', d[off:off + 2])[0]; tags = {}
        for i in range(n):
            e = off + 2 + 12 * i
            tag, typ, cnt = struct.unpack(bo + 'HHI', d[e:e + 8])
            sz = sizes[typ] * cnt
            vo = e + 8 if sz <= 4 else struct.unpack(bo + 'I', d[e + 8:e + 12])[0]
            if typ == 3: vals = list(struct.unpack(bo + 'H' * cnt, d[vo:vo + 2 * cnt]))
            elif typ == 4: vals = list(struct.unpack(bo + 'I' * cnt, d[vo:vo + 4 * cnt]))
            elif typ == 5: vals = list(struct.unpack(bo + 'II', d[vo:vo + 8]))
            else: vals = d[vo:vo + cnt]
            tags[tag] = vals
        prev = None
        order = [struct.unpack(bo + 'H', d[off + 2 + 12 * i:off + 4 + 12 * i])[0] for i in range(n)]
        if order != sorted(order): bad(fname + ' tags not sorted')
        W, H = tags[256][0], tags[257][0]; comp = tags[259][0]; photo = tags[262][0]; spp = tags.get(277, [1])[0]
        bps = tags[258][0]; rps = tags.get(278, [H])[0]; offs = tags[273]; cnts = tags[279]; pred = tags.get(317, [1])[0]
        xr = tags[282]; yr = tags[283]
        out = bytearray()
        for s, (so, sc) in enumerate(zip(offs, cnts)):
            rows = min(rps, H - s * rps); data = d[so:so + sc]
            if comp in (3, 4):
                mode = 2 if comp == 4 else (1 if tags.get(292, [0])[0] & 1 else 0)
                out += ccitt_decode(data, W, rows, mode)
                continue
            raw = lzw_decode(data) if comp == 5 else packbits_decode(data) if comp == 32773 else data
            if bps == 1:
                rb = (W + 7) // 8
                if len(raw) != rb * rows: bad('%s p%d strip %d: %d bytes, expected %d' % (fname, page, s, len(raw), rb * rows))
                out += unpack_bits(raw, W, rows, photo == 0)
            else:
                if len(raw) != W * spp * rows: bad('%s p%d strip %d: %d bytes, expected %d' % (fname, page, s, len(raw), W * spp * rows))
                if pred == 2: raw = undo_predictor(raw, W, rows, spp)
                out += raw
        cmp_hash(fname, page, bytes(out), W, H)
        info.append('%dx%d c%d %s/%s dpi' % (W, H, comp, xr[0], yr[0]))
        off = struct.unpack(bo + 'I', d[off + 2 + 12 * n:off + 6 + 12 * n])[0]
    return page, info

def check_png(path, fname):
    d = open(path, 'rb').read()
    assert d[:8] == b'\x89PNG\r\n\x1a\n'
    p = 8; idat = b''; ihdr = None; phys = None
    while p < len(d):
        n = struct.unpack('>I', d[p:p + 4])[0]; t = d[p + 4:p + 8]; body = d[p + 8:p + 8 + n]
        crc = struct.unpack('>I', d[p + 8 + n:p + 12 + n])[0]
        if zlib.crc32(t + body) != crc: bad(fname + ' CRC error in ' + t.decode())
        if t == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
        if t == b'pHYs': phys = struct.unpack('>IIB', body)
        if t == b'IDAT': idat += body
        p += 12 + n
        if t == b'IEND': break
    W, H, bd, ct = ihdr[:4]
    if not phys or phys[2] != 1: bad(fname + ' missing pHYs')
    raw = zlib.decompress(idat); bpp = 3 if ct == 2 else 1
    rb = (W + 7) // 8 if bd == 1 else W * bpp
    assert len(raw) == (rb + 1) * H, 'IDAT size'
    prev = bytearray(rb); out = bytearray()
    for y in range(H):
        f = raw[y * (rb + 1)]; cur = bytearray(raw[y * (rb + 1) + 1:(y + 1) * (rb + 1)])
        if f == 1:
            for i in range(bpp, rb): cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif f == 2:
            cur = bytearray((a + b) & 255 for a, b in zip(cur, prev))
        elif f == 3:
            for i in range(rb): cur[i] = (cur[i] + (((cur[i - bpp] if i >= bpp else 0) + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(rb):
                a = cur[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
                pp = a + b - c; pa = abs(pp - a); pb = abs(pp - b); pc = abs(pp - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif f != 0: raise ValueError('filter')
        out += cur; prev = cur
    data = unpack_bits(bytes(out), W, H, False) if bd == 1 else bytes(out)
    cmp_hash(fname, 1, data, W, H)
    return 1, ['%dx%d bd%d ct%d %.0f dpi' % (W, H, bd, ct, phys[0] * 0.0254)]

def check_jpeg_bytes(d, fname):
    if d[:2] != b'\xff\xd8' or d[-2:] != b'\xff\xd9': bad(fname + ' JPEG SOI/EOI'); return None
    p = 2; sof = None; jfif = None
    while p < len(d):
        if d[p] != 0xFF: bad(fname + ' marker sync'); return None
        m = d[p + 1]; L = struct.unpack('>H', d[p + 2:p + 4])[0]
        if m == 0xE0 and d[p + 4:p + 9] == b'JFIF\x00': jfif = struct.unpack('>BHH', d[p + 11:p + 16])
        if m in (0xC0, 0xC1, 0xC2): sof = (m, struct.unpack('>BHHB', d[p + 4:p + 10]))
        if m == 0xDA: break
        p += 2 + L
    return sof, jfif

def pdf_obj(d, off):
    m = re.match(rb'(\d+) 0 obj\s*', d[off:off + 30])
    if not m: raise ValueError('no object at %d' % off)
    return int(m.group(1)), off + m.end()

def check_pdf(path, fname):
    d = open(path, 'rb').read()
    sx = int(re.search(rb'startxref\s+(\d+)\s+%%EOF\s*$', d).group(1))
    assert d[sx:sx + 4] == b'xref'
    hdr = re.match(rb'xref\s+0 (\d+)\s+', d[sx:]); n = int(hdr.group(1)); p = sx + hdr.end()
    offs = {}
    for i in range(n):
        ent = d[p + 20 * i:p + 20 * i + 20]
        o, g, t = int(ent[:10]), int(ent[11:16]), ent[17:18]
        if t == b'n': offs[i] = o
    objs = {}
    for num, o in offs.items():
        k, start = pdf_obj(d, o)
        if k != num: bad('%s xref entry %d points at object %d' % (fname, num, k))
        end = d.index(b'endobj', start); objs[num] = d[start:end]
    if re.search(rb'/Font|/ToUnicode|/Type\s*/Annot', d): bad(fname + ' has fonts/annotations')
    pages = [k for k, v in objs.items() if re.match(rb'<<\s*/Type /Page\b(?!s)', v)]
    cnt = int(re.search(rb'/Type /Pages /Count (\d+)', b''.join(objs.values())).group(1))
    if cnt != len(pages): bad('%s /Count %d but %d page objects' % (fname, cnt, len(pages)))
    info = []
    for pi, k in enumerate(sorted(pages)):
        v = objs[k]
        cref = int(re.search(rb'/Contents (\d+) 0 R', v).group(1)); cs = objs[cref]
        stream = cs[cs.index(b'stream\n') + 7:cs.rindex(b'endstream')]
        ops = re.findall(rb'[A-Za-z\'"]+', re.sub(rb'/[A-Za-z0-9]+', b'', stream))
        if set(ops) - {b'q', b'Q', b'cm', b'Do'}: bad('%s content has operators %s' % (fname, set(ops)))
        iref = int(re.search(rb'/XObject << /Im\d+ (\d+) 0 R', v).group(1)); im = objs[iref]
        dic = im[:im.index(b'stream\n')]; L = int(re.search(rb'/Length (\d+)', dic).group(1))
        data = im[im.index(b'stream\n') + 7:][:L]
        W = int(re.search(rb'/Width (\d+)', dic).group(1)); H = int(re.search(rb'/Height (\d+)', dic).group(1))
        rot = re.search(rb'/Rotate (\d+)', v); mb = re.search(rb'/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]', v)
        if b'/DCTDecode' in dic:
            r = check_jpeg_bytes(data, fname)
            if r and r[0] and (r[0][1][2], r[0][1][1]) != (W, H): bad(fname + ' jpeg size mismatch')
            kind = 'DCT'
        elif b'/CCITTFaxDecode' in dic:
            cmp_hash(fname, pi + 1, ccitt_decode(data, W, H, 2), W, H); kind = 'CCITT-G4'
        else:
            raw = zlib.decompress(data); cmp_hash(fname, pi + 1, raw, W, H); kind = 'Flate'
        info.append('%s %dx%d media %sx%s%s' % (kind, W, H, mb.group(1).decode(), mb.group(2).decode(), ' /Rotate ' + rot.group(1).decode() if rot else ''))
    return len(pages), info

def nhs_ok(n):
    if not re.fullmatch(r'999\d{7}', n): return False
    s = sum(int(n[i]) * (10 - i) for i in range(9)); c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])

man = [json.loads(l) for l in open(os.path.join(SET, 'manifest.jsonl'))]
need = ['file', 'ground_truth', 'document_type', 'kind', 'pages', 'nhs_number', 'date_of_birth', 'nhs_as_printed', 'dob_as_printed',
        'degradations', 'difficulty', 'rotation_clockwise_deg', 'format', 'dpi', 'fonts', 'overlay_text_not_in_gt', 'distractors']
total_pages = 0
for e in man:
    f = e['file']; path = os.path.join(SET, f)
    for k in need:
        if k not in e: bad('%s: manifest lacks %s' % (f, k))
    if e['document_type'] not in ('referral_letter', 'clinic_letter', 'discharge_summary', 'lab_result', 'appointment_letter', 'continuation_sheet'): bad(f + ' type')
    if e['nhs_number'] is not None and not nhs_ok(e['nhs_number']): bad(f + ' NHS number check digit')
    if e['date_of_birth'] is not None and not re.fullmatch(r'\d{4}-\d\d-\d\d', e['date_of_birth']): bad(f + ' dob format')
    for k in ('degradations', 'difficulty', 'rotation_clockwise_deg', 'dpi'):
        if len(e[k]) != e['pages']: bad('%s: %s has %d entries for %d pages' % (f, k, len(e[k]), e['pages']))
    gt = open(os.path.join(SET, e['ground_truth']), encoding='utf-8').read()
    if gt.split('\n').count('\f') + 1 != e['pages']: bad(f + ' GT page count')
    if '  ' in gt or any(l != l.strip() for l in gt.split('\n') if l != '\f'): bad(f + ' GT spacing')
    flat = gt.replace('\n', ' ')
    if e['nhs_as_printed'] not in flat: bad(f + ' nhs_as_printed not in GT: ' + e['nhs_as_printed'])
    if e['dob_as_printed'] not in flat: bad(f + ' dob_as_printed not in GT: ' + e['dob_as_printed'])
    if e['document_type'] == 'referral_letter':
        digits = re.sub(r'\D', '', e['nhs_as_printed'])
        if e['nhs_number'] not in digits: bad(f + ' printed NHS digits')
    try:
        if f.endswith('.tif'): n, info = check_tiff(path, f)
        elif f.endswith('.png'): n, info = check_png(path, f)
        elif f.endswith('.pdf'): n, info = check_pdf(path, f)
        else:
            r = check_jpeg_bytes(open(path, 'rb').read(), f); n = 1
            info = ['SOF%d %dx%d comps %d, JFIF density unit %d %dx%d' % (r[0][0] - 0xC0, r[0][1][2], r[0][1][1], r[0][1][3], *r[1])]
            if r[1][1] != e['dpi'][0]: bad(f + ' JFIF density != dpi')
    except Exception as ex:
        bad('%s: decode error %r' % (f, ex)); continue
    if n != e['pages']: bad('%s: file has %d pages, manifest %d' % (f, n, e['pages']))
    total_pages += n
    print('ok  %-10s %d page(s): %s' % (f, n, '; '.join(info)))
print('%d files, %d pages, %d failures' % (len(man), total_pages, len(fail)))
sys.exit(1 if fail else 0)
