'use strict';
// Decode every TIFF and PNG with our own readers, structurally check JPEGs, parse PDFs via xref; check GT/manifest.
const fs = require('fs'); const path = require('path'); const zlib = require('zlib');
const { readTIFF } = require('./tiff'); const { checkPDF } = require('./pdf'); const { crc32, encodePNG } = require('./png'); const { validNhs } = require('./content');
const DIR = path.join(__dirname, '..'); const preview = process.argv[2];
function readPNG(buf) { if (buf.slice(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('png sig'); let o = 8; let ihdr, plte, idat = [], phys = null;
  while (o < buf.length) { const len = buf.readUInt32BE(o), type = buf.toString('latin1', o + 4, o + 8); const data = buf.subarray(o + 8, o + 8 + len); if (crc32(buf, o + 4, o + 8 + len) !== buf.readUInt32BE(o + 8 + len)) throw new Error('crc ' + type);
    if (type === 'IHDR') ihdr = { w: data.readUInt32BE(0), h: data.readUInt32BE(4), bd: data[8], ct: data[9] }; else if (type === 'PLTE') plte = data; else if (type === 'IDAT') idat.push(data); else if (type === 'pHYs') phys = data.readUInt32BE(0) * 0.0254; o += 12 + len; if (type === 'IEND') break; }
  const raw = zlib.inflateSync(Buffer.concat(idat)); const bpp = { 0: 1, 2: 3, 3: 1 }[ihdr.ct]; const st = ihdr.w * bpp; const out = new Uint8Array(st * ihdr.h);
  for (let y = 0; y < ihdr.h; y++) { const ft = raw[y * (st + 1)]; for (let x = 0; x < st; x++) { const v = raw[y * (st + 1) + 1 + x]; const a = x >= bpp ? out[y * st + x - bpp] : 0, b = y ? out[(y - 1) * st + x] : 0, c = x >= bpp && y ? out[(y - 1) * st + x - bpp] : 0; let p;
    if (ft === 0) p = 0; else if (ft === 1) p = a; else if (ft === 2) p = b; else if (ft === 3) p = (a + b) >> 1; else if (ft === 4) { const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c); p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; } else throw new Error('filter'); out[y * st + x] = (v + p) & 255; } }
  if (ihdr.ct === 3) for (let i = 0; i < out.length; i++) if (out[i] * 3 >= plte.length) throw new Error('palette index');
  return { ...ihdr, dpi: phys, data: out, plte }; }
function checkJPEG(buf) { if (buf[0] !== 0xFF || buf[1] !== 0xD8) throw new Error('soi'); let o = 2; const seen = []; let dens = null;
  while (o < buf.length) { if (buf[o] !== 0xFF) throw new Error('marker expected at ' + o); const m = buf[o + 1]; if (m === 0xD9) { seen.push('EOI'); break; } const len = buf.readUInt16BE(o + 2); seen.push(m.toString(16));
    if (m === 0xE0) dens = [buf[o + 11], buf.readUInt16BE(o + 12), buf.readUInt16BE(o + 14)];
    if (m === 0xDA) { o += 2 + len; while (o < buf.length - 1 && !(buf[o] === 0xFF && buf[o + 1] !== 0 && !(buf[o + 1] >= 0xD0 && buf[o + 1] <= 0xD7))) o++; continue; } o += 2 + len; }
  if (seen[seen.length - 1] !== 'EOI' || !seen.includes('c0') || !seen.includes('c4')) throw new Error('jpeg structure ' + seen); return { density: dens, segments: seen.join(',') }; }
const man = fs.readFileSync(path.join(DIR, 'manifest.jsonl'), 'utf8').trim().split('\n').map(JSON.parse); let ok = 0; const errs = [];
for (const m of man) { try { const buf = fs.readFileSync(path.join(DIR, m.file)); let pages, info = '';
    if (m.file.endsWith('.tif')) { const t = readTIFF(buf); pages = t.pages.length; info = t.pages.map(p => `${p.w}x${p.h}@${p.xdpi}x${p.ydpi} c${p.comp}`).join(' ');
      if (preview) t.pages.forEach((p, i) => { const g = new Uint8Array(p.w * p.h * p.spp); for (let k = 0; k < g.length; k++) g[k] = p.bps === 1 ? (p.data[k] ? 0 : 255) : p.data[k]; fs.writeFileSync(path.join(preview, `${m.file}.p${i + 1}.png`), encodePNG({ w: p.w, h: p.h, channels: p.spp, data: g }, { filter: 'none' })); }); }
    else if (m.file.endsWith('.png')) { const p = readPNG(buf); pages = 1; info = `${p.w}x${p.h} ct${p.ct} ${Math.round(p.dpi)}dpi`; }
    else if (m.file.endsWith('.jpg')) { const j = checkJPEG(buf); pages = 1; info = 'density ' + j.density; }
    else { const r = checkPDF(buf); pages = r.pages; info = r.info.map(i => `${i.filter} ${i.mediaBox.slice(2).join('x')}${i.rotate ? ' /Rotate ' + i.rotate : ''}`).join('; '); }
    if (pages !== m.pages) throw new Error(`pages ${pages} != manifest ${m.pages}`);
    const gt = fs.readFileSync(path.join(DIR, m.ground_truth), 'utf8'); const gp = gt.split('\n\f\n'); if (gp.length !== m.pages) throw new Error('gt pages ' + gp.length);
    if (m.nhs_number && !validNhs(m.nhs_number)) throw new Error('bad nhs'); if (!gt.includes(m.nhs_as_printed) || !gt.includes(m.dob_as_printed)) throw new Error('id not in gt');
    for (const k of ['file', 'ground_truth', 'document_type', 'kind', 'pages', 'nhs_number', 'date_of_birth', 'nhs_as_printed', 'dob_as_printed', 'degradations', 'difficulty', 'rotation_clockwise_deg', 'format', 'dpi', 'fonts', 'overlay_text_not_in_gt', 'distractors']) if (!(k in m)) throw new Error('manifest missing ' + k);
    ok++; console.log(`OK ${m.file} ${pages}p ${info}`); } catch (e) { errs.push(`${m.file}: ${e.message}`); console.log(`FAIL ${m.file}: ${e.message}`); } }
console.log(`${ok} passed, ${errs.length} failed`); process.exit(errs.length ? 1 : 0);
