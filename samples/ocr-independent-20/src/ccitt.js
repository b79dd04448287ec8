'use strict';
// CCITT T.4 (1-D Modified Huffman) and T.6 (Group 4) encoder + decoder, bilevel rows as Uint8Array (1 = black).
const WT = '00110101 000111 0111 1000 1011 1100 1110 1111 10011 10100 00111 01000 001000 000011 110100 110101 101010 101011 0100111 0001100 0001000 0010111 0000011 0000100 0101000 0101011 0010011 0100100 0011000 00000010 00000011 00011010 00011011 00010010 00010011 00010100 00010101 00010110 00010111 00101000 00101001 00101010 00101011 00101100 00101101 00000100 00000101 00001010 00001011 01010010 01010011 01010100 01010101 00100100 00100101 01011000 01011001 01011010 01011011 01001010 01001011 00110010 00110011 00110100'.split(' ');
const WM = '11011 10010 010111 0110111 00110110 00110111 01100100 01100101 01101000 01100111 011001100 011001101 011010010 011010011 011010100 011010101 011010110 011010111 011011000 011011001 011011010 011011011 010011000 010011001 010011010 011000 010011011'.split(' ');
const BT = '0000110111 010 11 10 011 0011 0010 00011 000101 000100 0000100 0000101 0000111 00000100 00000111 000011000 0000010111 0000011000 0000001000 00001100111 00001101000 00001101100 00000110111 00000101000 00000010111 00000011000 000011001010 000011001011 000011001100 000011001101 000001101000 000001101001 000001101010 000001101011 000011010010 000011010011 000011010100 000011010101 000011010110 000011010111 000001101100 000001101101 000011011010 000011011011 000001010100 000001010101 000001010110 000001010111 000001100100 000001100101 000001010010 000001010011 000000100100 000000110111 000000111000 000000100111 000000101000 000001011000 000001011001 000000101011 000000101100 000001011010 000001100110 000001100111'.split(' ');
const BM = '0000001111 000011001000 000011001001 000001011011 000000110011 000000110100 000000110101 0000001101100 0000001101101 0000001001010 0000001001011 0000001001100 0000001001101 0000001110010 0000001110011 0000001110100 0000001110101 0000001110110 0000001110111 0000001010010 0000001010011 0000001010100 0000001010101 0000001011010 0000001011011 0000001100100 0000001100101'.split(' ');
const XM = '00000001000 00000001100 00000001101 000000010010 000000010011 000000010100 000000010101 000000010110 000000010111 000000011100 000000011101 000000011110 000000011111'.split(' ');
const MODES = { P: '0001', H: '001', V0: '1', VR1: '011', VR2: '000011', VR3: '0000011', VL1: '010', VL2: '000010', VL3: '0000010' };
const EOL = '000000000001';
function runTable(colour) { // run length -> code string for terminating and makeup
  const T = colour ? BT : WT, M = colour ? BM : WM; const m = new Map();
  T.forEach((c, i) => m.set(i, c)); M.forEach((c, i) => m.set(64 * (i + 1), c)); XM.forEach((c, i) => m.set(1792 + 64 * i, c)); return m;
}
const RT = [runTable(0), runTable(1)];
function checkPrefixFree() { // self-check of the code tables (catches typing errors)
  for (const col of [0, 1]) { const codes = [...RT[col].values(), EOL]; let kraft = 0;
    for (const a of codes) { kraft += Math.pow(2, -a.length); for (const b of codes) if (a !== b && b.startsWith(a)) throw new Error('not prefix-free ' + a + ' ' + b); }
    if (kraft > 1) throw new Error('kraft'); }
  const mc = Object.values(MODES); for (const a of mc) for (const b of mc) if (a !== b && b.startsWith(a)) throw new Error('modes');
  return true;
}
class BitWriter { constructor() { this.bytes = []; this.acc = 0; this.n = 0; }
  bits(str) { for (let i = 0; i < str.length; i++) { this.acc = (this.acc << 1) | (str.charCodeAt(i) - 48); if (++this.n === 8) { this.bytes.push(this.acc); this.acc = 0; this.n = 0; } } }
  align() { if (this.n) { this.acc <<= (8 - this.n); this.bytes.push(this.acc); this.acc = 0; this.n = 0; } }
  buf() { this.align(); return Buffer.from(this.bytes); } }
function putRun(bw, colour, run) {
  const t = RT[colour];
  while (run >= 2560) { bw.bits(t.get(2560)); run -= 2560; }
  if (run >= 64) { const m = Math.floor(run / 64) * 64; bw.bits(t.get(m)); run -= m; }
  bw.bits(t.get(run));
}
// first position p >= start with line[p] != colour (or w)
function findDiff(line, start, w, colour) { let p = start; while (p < w && line[p] === colour) p++; return p; }
function refB1(ref, a0, w, colour) { // first changing element > a0 whose colour is !colour
  let p = a0 < 0 ? 0 : a0 + 1;
  while (p < w) { const prev = p === 0 ? 0 : ref[p - 1]; if (ref[p] !== colour && prev === colour) return p; p++; }
  return w;
}
function encodeRowsG4(rows, w, bw) { // rows: array of Uint8Array(w)
  let ref = new Uint8Array(w);
  for (const line of rows) {
    let a0 = -1, colour = 0;
    while (a0 < w) {
      const a1 = findDiff(line, a0 < 0 ? 0 : a0 + 1 - (a0 < 0 ? 0 : 0), w, colour) ;
      const b1 = refB1(ref, a0, w, colour); const b2 = b1 < w ? findDiff(ref, b1, w, ref[b1]) : w;
      if (b2 < a1) { bw.bits(MODES.P); a0 = b2; continue; }
      const d = a1 - b1;
      if (d >= -3 && d <= 3) { bw.bits(d === 0 ? MODES.V0 : d > 0 ? MODES['VR' + d] : MODES['VL' + (-d)]); a0 = a1; colour ^= 1; continue; }
      const a2 = a1 < w ? findDiff(line, a1, w, line[a1]) : w;
      bw.bits(MODES.H); putRun(bw, colour, a1 - (a0 < 0 ? 0 : a0)); putRun(bw, colour ^ 1, a2 - a1); a0 = a2;
    }
    ref = line;
  }
}
function encodeG4(rows, w) { const bw = new BitWriter(); encodeRowsG4(rows, w, bw); bw.bits(EOL); bw.bits(EOL); return bw.buf(); }
function encodeG3(rows, w) { // T.4 1-D MH, EOL before each row, RTC at end
  const bw = new BitWriter();
  for (const line of rows) { bw.bits(EOL); let p = 0, colour = 0; while (p < w) { const q = findDiff(line, p, w, colour); putRun(bw, colour, q - p); p = q; colour ^= 1; } if (p === 0) putRun(bw, 0, 0); }
  for (let i = 0; i < 6; i++) bw.bits(EOL);
  return bw.buf();
}
// ---------------- decoder ----------------
class BitReader { constructor(buf) { this.buf = buf; this.pos = 0; this.n = buf.length * 8; }
  bit() { if (this.pos >= this.n) throw new Error('ccitt: out of data'); const b = (this.buf[this.pos >> 3] >> (7 - (this.pos & 7))) & 1; this.pos++; return b; }
  peek(str) { for (let i = 0; i < str.length; i++) { const p = this.pos + i; if (p >= this.n) return false; if (((this.buf[p >> 3] >> (7 - (p & 7))) & 1) !== str.charCodeAt(i) - 48) return false; } return true; } }
const DEC = [new Map(), new Map()]; for (const c of [0, 1]) for (const [run, code] of RT[c]) DEC[c].set(code, run);
const DMODE = new Map(Object.entries(MODES).map(([k, v]) => [v, k]));
function readCode(br, map, maxLen) { let s = ''; for (let i = 0; i < maxLen; i++) { s += br.bit(); const v = map.get(s); if (v !== undefined) return v; } throw new Error('ccitt: bad code ' + s + ' at bit ' + br.pos); }
function readRun(br, colour) { let total = 0; for (;;) { const r = readCode(br, DEC[colour], 13); total += r; if (r < 64) return total; } }
function decodeG4(buf, w, h) {
  const br = new BitReader(buf); const rows = []; let ref = new Uint8Array(w);
  for (let y = 0; y < h; y++) {
    const line = new Uint8Array(w); let a0 = -1, colour = 0;
    while (a0 < w) {
      const mode = readCode(br, DMODE, 7);
      const b1 = refB1(ref, a0, w, colour); const b2 = b1 < w ? findDiff(ref, b1, w, ref[b1]) : w;
      if (mode === 'P') { line.fill(colour, a0 < 0 ? 0 : a0, b2); a0 = b2; }
      else if (mode === 'H') { const s = a0 < 0 ? 0 : a0; const r1 = readRun(br, colour), r2 = readRun(br, colour ^ 1); line.fill(colour, s, s + r1); line.fill(colour ^ 1, s + r1, s + r1 + r2); a0 = s + r1 + r2; if (a0 > w) throw new Error('g4 overrun'); }
      else { const d = mode === 'V0' ? 0 : (mode[1] === 'R' ? 1 : -1) * +mode[2]; const a1 = b1 + d; if (a1 < 0 || a1 > w) throw new Error('g4 bad vertical'); line.fill(colour, a0 < 0 ? 0 : a0, a1); a0 = a1; colour ^= 1; }
    }
    rows.push(line); ref = line;
  }
  if (!br.peek(EOL + EOL)) throw new Error('g4: missing EOFB');
  return rows;
}
function decodeG3(buf, w, h) {
  const br = new BitReader(buf); const rows = [];
  for (let y = 0; y < h; y++) {
    if (!br.peek(EOL)) throw new Error('g3: missing EOL at row ' + y); br.pos += 12;
    const line = new Uint8Array(w); let p = 0, colour = 0;
    while (p < w) { const r = readRun(br, colour); line.fill(colour, p, p + r); p += r; colour ^= 1; }
    if (p !== w) throw new Error('g3: row length ' + p); rows.push(line);
  }
  for (let i = 0; i < 6; i++) { if (!br.peek(EOL)) throw new Error('g3: missing RTC'); br.pos += 12; }
  return rows;
}
module.exports = { encodeG4, encodeG3, decodeG4, decodeG3, checkPrefixFree };
