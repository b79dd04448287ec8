'use strict';
const zlib = require('zlib');
const { encodeG4, encodeG3, decodeG4, decodeG3 } = require('./ccitt');
// ---- PackBits ----
function packBits(src) { const out = []; let i = 0; const n = src.length;
  while (i < n) { let j = i; while (j + 1 < n && src[j + 1] === src[i] && j - i < 127) j++;
    if (j > i) { out.push((257 - (j - i + 1)) & 255, src[i]); i = j + 1; continue; }
    let k = i; while (k < n && k - i < 128 && !(k + 2 < n && src[k] === src[k + 1] && src[k] === src[k + 2])) k++;
    if (k === i) k = i + 1; out.push(k - i - 1); for (let m = i; m < k; m++) out.push(src[m]); i = k; }
  return Buffer.from(out); }
function unpackBits(src, expect) { const out = Buffer.alloc(expect); let i = 0, o = 0;
  while (o < expect) { if (i >= src.length) throw new Error('packbits short'); const c = src[i++]; if (c < 128) { for (let k = 0; k <= c; k++) out[o++] = src[i++]; } else if (c > 128) { const v = src[i++]; for (let k = 0; k < 257 - c; k++) out[o++] = v; } }
  return out; }
// ---- TIFF LZW (MSB-first codes, Clear=256, EOI=257, early change) ----
function lzwEncode(src) {
  const out = []; let acc = 0, nacc = 0; let width = 9;
  const put = (code) => { acc = (acc * (1 << width)) + code; nacc += width; while (nacc >= 8) { nacc -= 8; out.push(Math.floor(acc / (1 << nacc)) & 255); acc = acc % (1 << nacc); } };
  let dict = new Map(); let next = 258; put(256);
  if (src.length === 0) { put(257); if (nacc) out.push((acc << (8 - nacc)) & 255); return Buffer.from(out); }
  let w = src[0];
  for (let i = 1; i < src.length; i++) { const c = src[i]; const key = w * 256 + c; const hit = dict.get(key);
    if (hit !== undefined) { w = hit; continue; }
    put(w); dict.set(key, next++);
    if (next === 512) width = 10; else if (next === 1024) width = 11; else if (next === 2048) width = 12;
    if (next >= 4094) { put(256); dict = new Map(); next = 258; width = 9; }
    w = c; }
  put(w); next++; if (next === 512) width = 10; else if (next === 1024) width = 11; else if (next === 2048) width = 12;
  put(257); if (nacc) out.push((acc << (8 - nacc)) & 255);
  return Buffer.from(out); }
function lzwDecode(src, expect) {
  const out = Buffer.alloc(expect); let o = 0; let pos = 0; const nbits = src.length * 8; let width = 9;
  const get = () => { if (pos + width > nbits) return 257; let v = 0; for (let i = 0; i < width; i++) { v = (v << 1) | ((src[(pos + i) >> 3] >> (7 - ((pos + i) & 7))) & 1); } pos += width; return v; };
  let tab = []; let next = 258; let old = null;
  const reset = () => { tab = []; for (let i = 0; i < 256; i++) tab.push([i]); tab.push(null, null); next = 258; width = 9; };
  reset();
  const write = (s) => { for (const b of s) { if (o < expect) out[o++] = b; } };
  for (;;) { const code = get(); if (code === 257) break;
    if (code === 256) { reset(); const c = get(); if (c === 257) break; write(tab[c]); old = c; continue; }
    let s; if (code < next && tab[code]) { s = tab[code]; tab[next++] = tab[old].concat([s[0]]); } else if (code === next) { s = tab[old].concat([tab[old][0]]); tab[next++] = s; } else throw new Error('lzw bad code ' + code);
    write(s); old = code;
    if (next === 511) width = 10; else if (next === 1023) width = 11; else if (next === 2047) width = 12; }
  if (o !== expect) throw new Error('lzw short ' + o + '/' + expect); return out; }
// ---- writer ----
// page: {w,h,kind:'bilevel'|'grey'|'rgb', data (Uint8Array; bilevel: 1=black per pixel), compression, rowsPerStrip, xdpi, ydpi}
function packRowsBilevel(data, w, y0, y1) { const bpr = (w + 7) >> 3; const b = Buffer.alloc(bpr * (y1 - y0));
  for (let y = y0; y < y1; y++) for (let x = 0; x < w; x++) if (data[y * w + x]) b[(y - y0) * bpr + (x >> 3)] |= 0x80 >> (x & 7); return b; }
const COMP = { none: 1, g3: 3, g4: 4, lzw: 5, packbits: 32773, deflate: 8 };
function writeTIFF(pages, { littleEndian = true } = {}) {
  const chunks = []; let off = 8;
  const hdr = Buffer.alloc(8); if (littleEndian) { hdr.write('II', 0, 'latin1'); hdr.writeUInt16LE(42, 2); } else { hdr.write('MM', 0, 'latin1'); hdr.writeUInt16BE(42, 2); }
  chunks.push(hdr);
  const u16 = (v) => { const b = Buffer.alloc(2); littleEndian ? b.writeUInt16LE(v) : b.writeUInt16BE(v); return b; };
  const u32 = (v) => { const b = Buffer.alloc(4); littleEndian ? b.writeUInt32LE(v) : b.writeUInt32BE(v); return b; };
  const add = (buf) => { const at = off; chunks.push(buf); off += buf.length; if (off & 1) { chunks.push(Buffer.alloc(1)); off++; } return at; };
  let prevNextPtr = 4; const patches = [];
  pages.forEach((pg, pi) => {
    const { w, h, kind } = pg; const spp = kind === 'rgb' ? 3 : 1; const bps = kind === 'bilevel' ? 1 : 8;
    const rps = Math.min(h, pg.rowsPerStrip || 64); const offsets = [], counts = [];
    for (let y0 = 0; y0 < h; y0 += rps) { const y1 = Math.min(h, y0 + rps); let raw, enc;
      if (kind === 'bilevel' && (pg.compression === 'g4' || pg.compression === 'g3')) { const rows = []; for (let y = y0; y < y1; y++) rows.push(pg.data.subarray(y * w, (y + 1) * w)); enc = pg.compression === 'g4' ? encodeG4(rows, w) : encodeG3(rows, w); }
      else { raw = kind === 'bilevel' ? packRowsBilevel(pg.data, w, y0, y1) : Buffer.from(pg.data.buffer, pg.data.byteOffset + y0 * w * spp, (y1 - y0) * w * spp);
        enc = pg.compression === 'packbits' ? packRowsSeparately(raw, kind === 'bilevel' ? (w + 7) >> 3 : w * spp) : pg.compression === 'lzw' ? lzwEncode(raw) : pg.compression === 'deflate' ? zlib.deflateSync(raw, { level: 9 }) : raw; }
      offsets.push(add(enc)); counts.push(enc.length); }
    const tags = []; // [tag, type, count, valueBuffer]
    const T = (tag, type, vals) => { const b = Buffer.concat(vals.map(v => type === 3 ? u16(v) : type === 4 ? u32(v) : Buffer.concat([u32(v[0]), u32(v[1])]))); tags.push([tag, type, vals.length, b]); };
    T(254, 4, [pages.length > 1 ? 2 : 0]); T(256, 4, [w]); T(257, 4, [h]); T(258, 3, new Array(spp).fill(bps)); T(259, 3, [COMP[pg.compression]]);
    T(262, 3, [kind === 'bilevel' ? 0 : kind === 'grey' ? 1 : 2]); if (kind === 'bilevel') T(266, 3, [1]);
    T(273, 4, offsets); T(277, 3, [spp]); T(278, 4, [rps]); T(279, 4, counts);
    T(282, 5, [[Math.round(pg.xdpi * 100), 100]]); T(283, 5, [[Math.round((pg.ydpi || pg.xdpi) * 100), 100]]); T(284, 3, [1]);
    if (pg.compression === 'g3') T(292, 4, [0]); if (pg.compression === 'g4') T(293, 4, [0]);
    T(296, 3, [2]); if (pages.length > 1) T(297, 3, [pi, pages.length]);
    // out-of-line values
    const ool = tags.map(t => t[3].length > 4 ? add(t[3]) : null);
    const ifd = Buffer.concat([u16(tags.length), ...tags.map((t, i) => { const v = t[3].length > 4 ? u32(ool[i]) : Buffer.concat([t[3], Buffer.alloc(4 - t[3].length)]); return Buffer.concat([u16(t[0]), u16(t[1]), u32(t[2]), v]); }), u32(0)]);
    const at = add(ifd); patches.push([prevNextPtr, at]); prevNextPtr = at + 2 + tags.length * 12;
  });
  const out = Buffer.concat(chunks);
  for (const [p, v] of patches) littleEndian ? out.writeUInt32LE(v, p) : out.writeUInt32BE(v, p);
  return out;
}
function packRowsSeparately(raw, bpr) { const parts = []; for (let o = 0; o < raw.length; o += bpr) parts.push(packBits(raw.subarray(o, o + bpr))); return Buffer.concat(parts); }
// ---- reader (verification) ----
function readTIFF(buf) {
  const le = buf.toString('latin1', 0, 2) === 'II'; if (!le && buf.toString('latin1', 0, 2) !== 'MM') throw new Error('not tiff');
  const r16 = (o) => le ? buf.readUInt16LE(o) : buf.readUInt16BE(o), r32 = (o) => le ? buf.readUInt32LE(o) : buf.readUInt32BE(o);
  if (r16(2) !== 42) throw new Error('bad magic');
  const pages = []; let ifd = r32(4); const seen = new Set();
  while (ifd) { if (seen.has(ifd) || ifd >= buf.length) throw new Error('bad ifd chain'); seen.add(ifd);
    const n = r16(ifd); const tags = {};
    for (let i = 0; i < n; i++) { const e = ifd + 2 + 12 * i; const tag = r16(e), type = r16(e + 2), cnt = r32(e + 4); const size = { 3: 2, 4: 4, 5: 8 }[type] * cnt; const vo = size > 4 ? r32(e + 8) : e + 8; const vals = [];
      for (let k = 0; k < cnt; k++) vals.push(type === 3 ? r16(vo + 2 * k) : type === 4 ? r32(vo + 4 * k) : r32(vo + 8 * k) / r32(vo + 8 * k + 4)); tags[tag] = vals; }
    const w = tags[256][0], h = tags[257][0], comp = tags[259][0], spp = tags[277] ? tags[277][0] : 1, bps = tags[258][0], rps = tags[278] ? tags[278][0] : h;
    const data = new Uint8Array(w * h * spp); const offs = tags[273], cnts = tags[279];
    offs.forEach((so, si) => { const y0 = si * rps, y1 = Math.min(h, y0 + rps); const enc = buf.subarray(so, so + cnts[si]); if (so + cnts[si] > buf.length) throw new Error('strip beyond eof');
      if (comp === 3 || comp === 4) { const rows = comp === 4 ? decodeG4(enc, w, y1 - y0) : decodeG3(enc, w, y1 - y0); rows.forEach((row, k) => data.set(row, (y0 + k) * w)); return; }
      const bpr = bps === 1 ? (w + 7) >> 3 : w * spp; const expect = bpr * (y1 - y0);
      const raw = comp === 1 ? enc : comp === 32773 ? unpackBits(enc, expect) : comp === 5 ? lzwDecode(enc, expect) : comp === 8 ? zlib.inflateSync(enc) : null;
      if (!raw || raw.length < expect) throw new Error('strip decode failed comp ' + comp);
      if (bps === 1) { for (let y = y0; y < y1; y++) for (let x = 0; x < w; x++) data[y * w + x] = (raw[(y - y0) * bpr + (x >> 3)] >> (7 - (x & 7))) & 1; }
      else data.set(raw.subarray(0, expect), y0 * w * spp); });
    pages.push({ w, h, spp, bps, comp, photometric: tags[262][0], xdpi: tags[282][0], ydpi: tags[283][0], data });
    ifd = r32(ifd + 2 + 12 * n); }
  return { littleEndian: le, pages };
}
module.exports = { writeTIFF, readTIFF, lzwEncode, lzwDecode, packBits, unpackBits };
