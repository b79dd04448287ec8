'use strict';
const zlib = require('zlib');
const CRC_TABLE = (() => { const t = new Uint32Array(256); for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = (c & 1) ? (0xEDB88320 ^ (c >>> 1)) : (c >>> 1); t[n] = c >>> 0; } return t; })();
function crc32(buf, start = 0, end = buf.length) { let c = 0xFFFFFFFF; for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xFF] ^ (c >>> 8); return (c ^ 0xFFFFFFFF) >>> 0; }
function chunk(type, data) {
  const b = Buffer.alloc(12 + data.length);
  b.writeUInt32BE(data.length, 0); b.write(type, 4, 'latin1'); Buffer.from(data).copy(b, 8);
  b.writeUInt32BE(crc32(b, 4, 8 + data.length), 8 + data.length);
  return b;
}
// img: {w,h,channels:1|3, data:Uint8Array}, opts: {dpi, palette:bool}
function encodePNG(img, opts = {}) {
  const { w, h } = img; let colorType, bpp, rows, plte = null;
  if (opts.palette) {
    const q = quantize(img); colorType = 3; bpp = 1; rows = q.indices; plte = q.palette;
  } else { colorType = img.channels === 1 ? 0 : 2; bpp = img.channels; rows = img.data; }
  const stride = w * bpp; const raw = Buffer.alloc((stride + 1) * h);
  const filt = opts.filter || 'paeth-up';
  for (let y = 0; y < h; y++) {
    const o = y * (stride + 1), s = y * stride;
    // filter choice: 0 None for palette, 2 Up / 4 Paeth alternated for others (deterministic)
    let ft = colorType === 3 ? 0 : (filt === 'none' ? 0 : (y % 2 ? 2 : 4));
    if (y === 0 && ft === 2) ft = 1;
    raw[o] = ft;
    for (let x = 0; x < stride; x++) {
      const v = rows[s + x]; const a = x >= bpp ? rows[s + x - bpp] : 0; const b = y > 0 ? rows[s - stride + x] : 0; const c = (x >= bpp && y > 0) ? rows[s - stride + x - bpp] : 0;
      let p;
      if (ft === 0) p = v; else if (ft === 1) p = v - a; else if (ft === 2) p = v - b; else if (ft === 3) p = v - ((a + b) >> 1);
      else { const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c); p = v - ((pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)); }
      raw[o + 1 + x] = p & 255;
    }
  }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = colorType; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const parts = [Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr)];
  if (opts.dpi) { const p = Buffer.alloc(9); const ppm = Math.round(opts.dpi / 0.0254); const ppmy = Math.round((opts.dpiY || opts.dpi) / 0.0254); p.writeUInt32BE(ppm, 0); p.writeUInt32BE(ppmy, 4); p[8] = 1; parts.push(chunk('pHYs', p)); }
  if (plte) parts.push(chunk('PLTE', plte));
  parts.push(chunk('IDAT', zlib.deflateSync(raw, { level: 9 })));
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
// Palette quantisation: top-256 colours of a 5-bit/channel histogram, nearest-colour LUT.
function quantize(img) {
  const { w, h, channels, data } = img; const n = w * h; const hist = new Uint32Array(32768);
  const key = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    let r, g, b; if (channels === 1) r = g = b = data[i]; else { r = data[3 * i]; g = data[3 * i + 1]; b = data[3 * i + 2]; }
    const k = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3); key[i] = k; hist[k]++;
  }
  const used = []; for (let k = 0; k < 32768; k++) if (hist[k]) used.push(k);
  used.sort((a, b) => hist[b] - hist[a] || a - b);
  const pal = used.slice(0, 256); const P = pal.length;
  const pr = new Float64Array(P), pg = new Float64Array(P), pb = new Float64Array(P);
  for (let j = 0; j < P; j++) { pr[j] = ((pal[j] >> 10) & 31) * 8 + 4; pg[j] = ((pal[j] >> 5) & 31) * 8 + 4; pb[j] = (pal[j] & 31) * 8 + 4; }
  const lut = new Uint8Array(32768);
  for (const k of used) {
    const r = ((k >> 10) & 31) * 8 + 4, g = ((k >> 5) & 31) * 8 + 4, b = (k & 31) * 8 + 4; let best = 0, bd = 1e18;
    for (let j = 0; j < P; j++) { const d = (r - pr[j]) ** 2 + (g - pg[j]) ** 2 + (b - pb[j]) ** 2; if (d < bd) { bd = d; best = j; } }
    lut[k] = best;
  }
  const indices = new Uint8Array(n); for (let i = 0; i < n; i++) indices[i] = lut[key[i]];
  const palette = Buffer.alloc(P * 3); for (let j = 0; j < P; j++) { palette[3 * j] = pr[j]; palette[3 * j + 1] = pg[j]; palette[3 * j + 2] = pb[j]; }
  return { indices, palette };
}
module.exports = { encodePNG, crc32 };
