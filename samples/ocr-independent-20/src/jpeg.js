'use strict';
// Baseline JPEG encoder: float DCT, libjpeg-style quality scaling, per-image optimal Huffman tables
// (JPEG Annex K.2 code-length procedure), JFIF APP0 with density, greyscale / YCbCr 4:4:4 / 4:2:0.
const LUM_Q = [16,11,10,16,24,40,51,61,12,12,14,19,26,58,60,55,14,13,16,24,40,57,69,56,14,17,22,29,51,87,80,62,18,22,37,56,68,109,103,77,24,35,55,64,81,104,113,92,49,64,78,87,103,121,120,101,72,92,95,98,112,100,103,99];
const CHR_Q = [17,18,24,47,99,99,99,99,18,21,26,66,99,99,99,99,24,26,56,99,99,99,99,99,47,66,99,99,99,99,99,99].concat(new Array(32).fill(99));
const ZZ = (() => { // zigzag: ZZ[k] = natural index of k-th coefficient
  const z = []; for (let s = 0; s < 15; s++) { const cells = []; for (let y = 0; y < 8; y++) { const x = s - y; if (x >= 0 && x < 8) cells.push(y * 8 + x); } if (s % 2 === 0) cells.reverse(); // even diagonals go up-right
    // s even: start at bottom-left (y=s) going to top-right; natural order above is increasing y -> reverse
    z.push(...cells); } return z; })();
function scaleQ(tbl, q) { const s = q < 50 ? 5000 / q : 200 - 2 * q; return tbl.map(t => Math.min(255, Math.max(1, Math.floor((t * s + 50) / 100)))); }
const COS = (() => { const c = new Float64Array(64); for (let x = 0; x < 8; x++) for (let u = 0; u < 8; u++) c[x * 8 + u] = Math.cos((2 * x + 1) * u * Math.PI / 16) * (u === 0 ? Math.SQRT1_2 : 1) / 2; return c; })();
function fdctQuant(blk, q, out, off) { // blk Float64Array(64) level-shifted, out Int16Array
  const tmp = new Float64Array(64);
  for (let y = 0; y < 8; y++) for (let u = 0; u < 8; u++) { let s = 0; for (let x = 0; x < 8; x++) s += blk[y * 8 + x] * COS[x * 8 + u]; tmp[y * 8 + u] = s; }
  for (let u = 0; u < 8; u++) for (let v = 0; v < 8; v++) { let s = 0; for (let y = 0; y < 8; y++) s += tmp[y * 8 + u] * COS[y * 8 + v]; const k = v * 8 + u; out[off + k] = Math.round(s / q[k]); }
}
function catOf(v) { v = v < 0 ? -v : v; let n = 0; while (v) { n++; v >>= 1; } return n; }
function buildTable(freqIn) {
  const freq = new Float64Array(257); for (let i = 0; i < 256; i++) freq[i] = freqIn[i]; freq[256] = 1;
  const codesize = new Int32Array(257), others = new Int32Array(257).fill(-1);
  for (;;) {
    let c1 = -1, v = 1e300; for (let i = 0; i <= 256; i++) if (freq[i] && freq[i] <= v) { v = freq[i]; c1 = i; }
    let c2 = -1; v = 1e300; for (let i = 0; i <= 256; i++) if (freq[i] && freq[i] <= v && i !== c1) { v = freq[i]; c2 = i; }
    if (c2 < 0) break;
    freq[c1] += freq[c2]; freq[c2] = 0;
    codesize[c1]++; while (others[c1] >= 0) { c1 = others[c1]; codesize[c1]++; }
    others[c1] = c2;
    codesize[c2]++; while (others[c2] >= 0) { c2 = others[c2]; codesize[c2]++; }
  }
  const bits = new Int32Array(33); for (let i = 0; i <= 256; i++) if (codesize[i]) bits[codesize[i]]++;
  for (let i = 32; i > 16; i--) while (bits[i] > 0) { let j = i - 2; while (bits[j] === 0) j--; bits[i] -= 2; bits[i - 1]++; bits[j + 1] += 2; bits[j]--; }
  let i = 16; while (bits[i] === 0) i--; bits[i]--;
  const vals = []; for (let l = 1; l <= 32; l++) for (let s = 0; s < 256; s++) if (codesize[s] === l) vals.push(s);
  const BITS = Array.from(bits.slice(1, 17));
  // canonical codes
  const code = new Int32Array(256), size = new Int32Array(256); let c = 0, k = 0;
  for (let l = 1; l <= 16; l++) { for (let n = 0; n < BITS[l - 1]; n++) { code[vals[k]] = c; size[vals[k]] = l; c++; k++; } c <<= 1; }
  return { BITS, vals, code, size };
}
class BitW { constructor() { this.buf = []; this.acc = 0; this.n = 0; }
  put(code, len) { for (let i = len - 1; i >= 0; i--) { this.acc = (this.acc << 1) | ((code >> i) & 1); this.n++; if (this.n === 8) { this.buf.push(this.acc); if (this.acc === 0xFF) this.buf.push(0); this.acc = 0; this.n = 0; } } }
  flush() { while (this.n) this.put(1, 1); return Buffer.from(this.buf); } }
// img {w,h,channels,data}, opts {quality, subsample:'420'|'444', dpi}
function encodeJPEG(img, opts) {
  const { w, h } = img; const q = opts.quality; const grey = img.channels === 1; const sub = !grey && opts.subsample === '420';
  const qL = scaleQ(LUM_Q, q), qC = scaleQ(CHR_Q, q);
  // colour planes
  const planes = [];
  if (grey) planes.push({ data: img.data, pw: w, ph: h, hs: 1, vs: 1, q: qL, t: 0 });
  else {
    const n = w * h, Y = new Float32Array(n), Cb = new Float32Array(n), Cr = new Float32Array(n);
    for (let i = 0; i < n; i++) { const r = img.data[3 * i], g = img.data[3 * i + 1], b = img.data[3 * i + 2];
      Y[i] = 0.299 * r + 0.587 * g + 0.114 * b; Cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128; Cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128; }
    if (sub) { const cw = (w + 1) >> 1, ch = (h + 1) >> 1; const sb = new Float32Array(cw * ch), sr = new Float32Array(cw * ch);
      for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) { let a = 0, c = 0, m = 0; for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) { const xx = Math.min(w - 1, 2 * x + dx), yy = Math.min(h - 1, 2 * y + dy); a += Cb[yy * w + xx]; c += Cr[yy * w + xx]; m++; } sb[y * cw + x] = a / m; sr[y * cw + x] = c / m; }
      planes.push({ data: Y, pw: w, ph: h, hs: 2, vs: 2, q: qL, t: 0 }, { data: sb, pw: cw, ph: ch, hs: 1, vs: 1, q: qC, t: 1 }, { data: sr, pw: cw, ph: ch, hs: 1, vs: 1, q: qC, t: 1 });
    } else planes.push({ data: Y, pw: w, ph: h, hs: 1, vs: 1, q: qL, t: 0 }, { data: Cb, pw: w, ph: h, hs: 1, vs: 1, q: qC, t: 1 }, { data: Cr, pw: w, ph: h, hs: 1, vs: 1, q: qC, t: 1 });
  }
  const hmax = sub ? 2 : 1; const mcuW = 8 * hmax, mcuH = 8 * hmax;
  const mx = Math.ceil(w / mcuW), my = Math.ceil(h / mcuH);
  // block sequence in scan order
  const seq = []; // [planeIndex, bx, by]
  if (planes.length === 1) { for (let by = 0; by < Math.ceil(h / 8); by++) for (let bx = 0; bx < Math.ceil(w / 8); bx++) seq.push(0, bx, by); }
  else for (let j = 0; j < my; j++) for (let i = 0; i < mx; i++) planes.forEach((p, pi) => { for (let v = 0; v < p.vs; v++) for (let u = 0; u < p.hs; u++) seq.push(pi, i * p.hs + u, j * p.vs + v); });
  const nb = seq.length / 3; const coef = new Int16Array(nb * 64); const blk = new Float64Array(64);
  for (let b = 0; b < nb; b++) { const p = planes[seq[3 * b]], bx = seq[3 * b + 1], by = seq[3 * b + 2];
    for (let y = 0; y < 8; y++) { const yy = Math.min(p.ph - 1, by * 8 + y); for (let x = 0; x < 8; x++) { const xx = Math.min(p.pw - 1, bx * 8 + x); blk[y * 8 + x] = p.data[yy * p.pw + xx] - 128; } }
    fdctQuant(blk, p.q, coef, b * 64); }
  // statistics
  const ntab = grey ? 1 : 2; const fdc = [new Float64Array(256), new Float64Array(256)], fac = [new Float64Array(256), new Float64Array(256)];
  const walk = (emitDC, emitAC) => { const pred = new Int32Array(planes.length);
    for (let b = 0; b < nb; b++) { const pi = seq[3 * b]; const t = planes[pi].t; const o = b * 64;
      const d = coef[o] - pred[pi]; pred[pi] = coef[o]; emitDC(t, d);
      let run = 0; for (let k = 1; k < 64; k++) { const v = coef[o + ZZ[k]]; if (v === 0) { run++; continue; } while (run > 15) { emitAC(t, 0xF0, 0, 0); run -= 16; } emitAC(t, (run << 4) | catOf(v), v, catOf(v)); run = 0; }
      if (run > 0) emitAC(t, 0, 0, 0); } };
  walk((t, d) => { fdc[t][catOf(d)]++; }, (t, s) => { fac[t][s]++; });
  const tDC = [], tAC = []; for (let t = 0; t < ntab; t++) { tDC.push(buildTable(fdc[t])); tAC.push(buildTable(fac[t])); }
  const bw = new BitW(); const putVal = (v, s) => { if (s) bw.put(v >= 0 ? v : v + (1 << s) - 1, s); };
  walk((t, d) => { const s = catOf(d); bw.put(tDC[t].code[s], tDC[t].size[s]); putVal(d, s); }, (t, sym, v, s) => { bw.put(tAC[t].code[sym], tAC[t].size[sym]); putVal(v, s); });
  const scan = bw.flush();
  const seg = (m, body) => { const b = Buffer.alloc(4 + body.length); b[0] = 0xFF; b[1] = m; b.writeUInt16BE(body.length + 2, 2); Buffer.from(body).copy(b, 4); return b; };
  const out = [Buffer.from([0xFF, 0xD8])];
  const dpi = opts.dpi || 300, dpiY = opts.dpiY || dpi;
  out.push(seg(0xE0, [0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 1, dpi >> 8, dpi & 255, dpiY >> 8, dpiY & 255, 0, 0]));
  const dqt = [0, ...ZZ.map(k => qL[k])]; if (!grey) dqt.push(1, ...ZZ.map(k => qC[k])); out.push(seg(0xDB, dqt));
  const sof = [8, h >> 8, h & 255, w >> 8, w & 255, planes.length]; planes.forEach((p, i) => sof.push(i + 1, (p.hs << 4) | p.vs, p.t)); out.push(seg(0xC0, sof));
  const dht = []; for (let t = 0; t < ntab; t++) { dht.push(0x00 | t, ...tDC[t].BITS, ...tDC[t].vals); dht.push(0x10 | t, ...tAC[t].BITS, ...tAC[t].vals); } out.push(seg(0xC4, dht));
  const sos = [planes.length]; planes.forEach((p, i) => sos.push(i + 1, (p.t << 4) | p.t)); sos.push(0, 63, 0); out.push(seg(0xDA, sos));
  out.push(scan, Buffer.from([0xFF, 0xD9]));
  return Buffer.concat(out);
}
module.exports = { encodeJPEG, ZZ };
