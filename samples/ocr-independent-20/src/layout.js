'use strict';
const fs = require('fs');
const path = require('path');
const opentype = require(path.join(__dirname, '..', 'node_modules', 'opentype.js'));
const { flattenCommands, rasterize, strokePolys, bezierPts, circlePts, orient, Canvas } = require('./raster');
const { Rng } = require('./prng');
const FONT_FILES = {
  tahoma: ['/usr/share/wine/fonts/tahoma.ttf', 'Wine Tahoma (fonts-wine)'],
  tahomab: ['/usr/share/wine/fonts/tahomabd.ttf', 'Wine Tahoma Bold (fonts-wine)'],
  timrom: ['/usr/share/fonts/truetype/povray/timrom.ttf', 'POV-Ray TimRom (fonts-povray)'],
  cyrvetic: ['/usr/share/fonts/truetype/povray/cyrvetic.ttf', 'POV-Ray Cyrvetic (fonts-povray)'],
  galatia: ['/usr/share/fonts/truetype/galatia/GalSILR.ttf', 'Galatia SIL (fonts-sil-galatia)'],
  galatiab: ['/usr/share/fonts/truetype/galatia/GalSILB.ttf', 'Galatia SIL Bold (fonts-sil-galatia)'],
  ocra: ['/usr/share/fonts/truetype/ocr-a/OCRA.ttf', 'OCR-A (fonts-ocr-a)'],
  nanumgothic: ['/usr/share/fonts/truetype/nanum/NanumGothic.ttf', 'Nanum Gothic (fonts-nanum)'],
  nanumgothicb: ['/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf', 'Nanum Gothic Bold (fonts-nanum)'],
  myeongjo: ['/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf', 'Nanum Myeongjo (fonts-nanum)'],
  myeongjob: ['/usr/share/fonts/truetype/nanum/NanumMyeongjoBold.ttf', 'Nanum Myeongjo Bold (fonts-nanum)'],
  barun: ['/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf', 'Nanum Barun Gothic (fonts-nanum)'],
  barunb: ['/usr/share/fonts/truetype/nanum/NanumBarunGothicBold.ttf', 'Nanum Barun Gothic Bold (fonts-nanum)'],
  coding: ['/usr/share/fonts/truetype/nanum/NanumGothicCoding.ttf', 'Nanum Gothic Coding (fonts-nanum)'],
  square: ['/usr/share/fonts/truetype/nanum/NanumSquareR.ttf', 'Nanum Square (fonts-nanum)'],
  squareb: ['/usr/share/fonts/truetype/nanum/NanumSquareB.ttf', 'Nanum Square Bold (fonts-nanum)'],
  neohel: ['/usr/share/fonts/opentype/neohellenic/GFSNeohellenic.otf', 'GFS Neohellenic (fonts-gfs-neohellenic)'],
  neohelb: ['/usr/share/fonts/opentype/neohellenic/GFSNeohellenicBold.otf', 'GFS Neohellenic Bold (fonts-gfs-neohellenic)'],
  asana: ['/usr/share/fonts/opentype/asana-math/Asana-Math.otf', 'Asana Math (fonts-oflb-asana-math)'],
  symbola: ['/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf', 'Symbola (fonts-symbola)'],
    damase: ['/usr/share/fonts/truetype/mph-2b-damase/damase.ttf', 'MPH 2B Damase (fonts-mph-2b-damase)'],
  scheh: ['/usr/share/fonts/truetype/scheherazade/Scheherazade-Regular.ttf', 'Scheherazade SIL Latin (fonts-sil-scheherazade)'],
  seto: ['/usr/share/fonts/truetype/seto/setofont.ttf', 'Seto font handwriting (fonts-seto)'],
  pilgi: ['/usr/share/fonts/truetype/unfonts-core/UnPilgi.ttf', 'Un Pilgi handwriting (fonts-unfonts-core)'],
  triod: ['/usr/share/fonts/truetype/triod-postnaja/TriodPostnaja.ttf', 'Triod Postnaja (fonts-triod-postnaja)'],
  batang: ['/usr/share/fonts/truetype/unfonts-core/UnBatang.ttf', 'Un Batang (fonts-unfonts-core)'],
  dotum: ['/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf', 'Un Dotum (fonts-unfonts-core)'],
  };
const FONTS = {};
function font(key) { if (!FONTS[key]) { const b = fs.readFileSync(FONT_FILES[key][0]); const f = opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)); FONTS[key] = { f, upm: f.unitsPerEm, glyphs: new Map(), kern: new Map(), key }; } return FONTS[key]; }
function glyphOf(F, ch) { let g = F.glyphs.get(ch); if (!g) { g = F.f.charToGlyph(ch); if (!g || g.index === 0) g = F.f.charToGlyph(ch === '£' ? 'L' : '?'); F.glyphs.set(ch, g); } return g; }
function kernOf(F, a, b) { const k = a.index + ':' + b.index; let v = F.kern.get(k); if (v === undefined) { try { v = F.f.getKerningValue(a, b) || 0; } catch (e) { v = 0; } F.kern.set(k, v); } return v; }
// positions of characters (pt offsets) for a string in style st
function layoutChars(str, st) { const F = font(st.f); const sc = st.s / F.upm; const out = []; let x = 0; let prev = null; const tr = st.track || 0;
  for (const ch of str) { const g = glyphOf(F, ch); if (prev && !st.mono) x += kernOf(F, prev, g) * sc; out.push({ ch, g, x }); x += (st.mono ? st.mono * st.s : g.advanceWidth * sc) + tr; prev = g; }
  return { chars: out, width: x - tr }; }
function textWidth(str, st) { return layoutChars(str, st).width; }
function wrap(str, width, st) { const words = str.split(/\s+/).filter(Boolean); const lines = []; let cur = '';
  for (const w of words) { const t = cur ? cur + ' ' + w : w; if (!cur || textWidth(t, st) <= width) cur = t; else { lines.push(cur); cur = w; } } if (cur) lines.push(cur); return lines; }
const norm = (s) => s.replace(/\s+/g, ' ').trim();
const PAGE_SIZES = { A4: [595.28, 841.89], Letter: [612, 792], A5: [419.53, 595.28], DL: [595.28, 280.63] };
class Page {
  constructor(size = 'A4', opts = {}) { this.size = size; [this.W, this.H] = PAGE_SIZES[size]; this.ops = []; this.gt = []; this.overlays = []; this.fonts = new Set(); this.paper = opts.paper || [1, 1, 1]; }
  _use(st) { this.fonts.add(st.f); }
  text(x, y, str, st, o = {}) { this._use(st); const w = textWidth(str, st); let xx = x; if (o.align === 'right') xx = x - w; else if (o.align === 'center') xx = x - w / 2;
    this.ops.push({ t: 'text', x: xx, y, str, st }); if (o.gt !== false && norm(str)) this.gt.push(norm(str)); return w; }
  row(y, pieces) { // several pieces on one baseline -> one GT line (left to right)
    const placed = pieces.filter(p => p && p.str).map(p => { const w = textWidth(p.str, p.st); const x = p.align === 'right' ? p.x - w : p.align === 'center' ? p.x - w / 2 : p.x; return { x, str: p.str, st: p.st }; });
    for (const p of placed) { this._use(p.st); this.ops.push({ t: 'text', x: p.x, y, str: p.str, st: p.st }); }
    const line = norm(placed.slice().sort((a, b) => a.x - b.x).map(p => p.str).join(' ')); if (line) this.gt.push(line); }
  para(x, y, width, str, st, lead, o = {}) { const lines = wrap(str, width, st); for (const l of lines) { this.text(x, y, l, st, o); y += lead; } return y; }
  line(x1, y1, x2, y2, w = 0.6, c = [0, 0, 0]) { this.ops.push({ t: 'pline', pts: [x1, y1, x2, y2], w, c }); }
  rect(x, y, w, h, o = {}) { if (o.fill) this.ops.push({ t: 'poly', pts: [x, y, x + w, y, x + w, y + h, x, y + h], c: o.fill }); if (o.stroke !== false) this.ops.push({ t: 'pline', pts: [x, y, x + w, y, x + w, y + h, x, y + h], w: o.lw || 0.6, c: o.stroke || [0, 0, 0], closed: true }); }
  checkbox(x, y, size, ticked, o = {}) { this.rect(x, y - size, size, size, { lw: 0.6 }); if (ticked) { if (o.printed) { this.ops.push({ t: 'pline', pts: [x + 1.5, y - size + 1.5, x + size - 1.5, y - 1.5], w: 0.9, c: [0, 0, 0] }); this.ops.push({ t: 'pline', pts: [x + size - 1.5, y - size + 1.5, x + 1.5, y - 1.5], w: 0.9, c: [0, 0, 0] }); } else this.ops.push({ t: 'tick', x, y, size, c: o.c || [0.1, 0.15, 0.5] }); } }
  logo(x, y, size, kind, c, o = {}) { this.ops.push({ t: 'logo', x, y, size, kind, c, halftone: !!o.halftone }); }
  nhsLogo(x, y, h, c = [0, 0.37, 0.72], o = {}) { this.ops.push({ t: 'nhslogo', x, y, h, c, halftone: !!o.halftone }); }
  highlight(x, y, w, h, c = [1, 0.95, 0.2]) { this.ops.push({ t: 'hl', x, y, w, h, c }); this.overlays.push({ type: 'highlighter', text: null }); }
  stamp(x, y, lines, o = {}) { this.ops.push({ t: 'stamp', x, y, lines, c: o.c || [0.75, 0.1, 0.12], rot: o.rot || 0, size: o.size || 9, box: o.box !== false, f: o.f || 'squareb' }); this.fonts.add(o.f || 'squareb'); this.overlays.push({ type: 'stamp', text: lines.join(' | ') }); }
  hand(x, y, str, o = {}) { const st = { f: o.f || 'seto', s: o.size || 13, c: o.c || [0.1, 0.15, 0.55], fx: 'hand', rot: o.rot || 0 }; this._use(st); this.ops.push({ t: 'text', x, y, str, st }); this.overlays.push({ type: 'handwritten_annotation', text: str }); }
  handLine(x, y, str, o = {}) { // handwritten text that IS the document (continuation sheets): in GT
    const st = { f: o.f || 'seto', s: o.size || 13, c: o.c || [0.08, 0.1, 0.35], fx: 'hand', rot: 0 }; this._use(st); this.ops.push({ t: 'text', x, y, str, st }); if (norm(str)) this.gt.push(norm(str)); }
  signature(x, y, w, o = {}) { this.ops.push({ t: 'sig', x, y, w, c: o.c || [0.05, 0.1, 0.45] }); this.overlays.push({ type: 'signature', text: null }); }
  bleed(lines, st) { for (let i = 0; i < lines.length; i++) this.ops.unshift({ t: 'text', x: 60, y: 110 + i * st.s * 1.45, str: lines[i], st, mirror: true }); }
  gtLine(s) { if (norm(s)) this.gt.push(norm(s)); }
}
// ---------------- renderer ----------------
const maskCache = new Map();
function rasterLocal(polys) { let mx = 1e9, my = 1e9; for (const p of polys) for (let i = 0; i < p.length; i += 2) { if (p[i] < mx) mx = p[i]; if (p[i + 1] < my) my = p[i + 1]; }
  if (mx === 1e9) return null; const ox = Math.floor(mx) - 1, oy = Math.floor(my) - 1; const tp = polys.map(p => { const q = p.slice(); for (let i = 0; i < q.length; i += 2) { q[i] -= ox; q[i + 1] -= oy; } return q; });
  const m = rasterize(tp, 1e7, 1e7); if (m) { m.x0 += ox; m.y0 += oy; } return m; }
function shift(m, dx, dy) { return m ? { x0: m.x0 + dx, y0: m.y0 + dy, w: m.w, h: m.h, cov: m.cov } : null; }
function mirrorMask(m, W) { if (!m) return null; const cov = new Float32Array(m.cov.length); for (let y = 0; y < m.h; y++) for (let x = 0; x < m.w; x++) cov[y * m.w + x] = m.cov[y * m.w + m.w - 1 - x]; return { x0: W - (m.x0 + m.w), y0: m.y0, w: m.w, h: m.h, cov }; }
function dotify(m, pitch) { // dot-matrix: sample coverage on a grid, stamp round dots
  if (!m) return null; const r = pitch * 0.62; const pad = Math.ceil(r) + 1; const w = m.w + 2 * pad, h = m.h + 2 * pad; const cov = new Float32Array(w * h);
  for (let gy = pitch / 2; gy < m.h; gy += pitch) for (let gx = pitch / 2; gx < m.w; gx += pitch) { const v = m.cov[Math.floor(gy) * m.w + Math.floor(gx)]; if (v < 0.45) continue;
    const cx = gx + pad, cy = gy + pad; for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) { if (x < 0 || y < 0 || x >= w || y >= h) continue; const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy); const a = Math.max(0, Math.min(1, r - d + 0.5)); const i = y * w + x; cov[i] = Math.max(cov[i], a); } }
  return { x0: m.x0 - pad, y0: m.y0 - pad, w, h, cov }; }
function glyphMask(F, g, sizePx, px, py, fx, extraKey) { const ix = Math.floor(px), iy = Math.floor(py); const fxq = Math.round((px - ix) * 4) / 4, fyq = Math.round((py - iy) * 4) / 4;
  const key = F.key + '|' + g.index + '|' + sizePx.toFixed(2) + '|' + fxq + '|' + fyq + '|' + (extraKey || '');
  let m = maskCache.get(key);
  if (m === undefined) { const polys = flattenCommands(g.getPath(fxq, fyq, sizePx).commands); m = rasterLocal(polys); if (fx === 'dot' && m) m = dotify(m, Math.max(1.7, sizePx / 11)); if (maskCache.size > 20000) maskCache.clear(); maskCache.set(key, m); }
  return shift(m, ix, iy); }
function render(page, dpi, seed, opts = {}) {
  const k = dpi / 72; const Wpx = Math.round(page.W * k), Hpx = Math.round(page.H * k);
  const cv = new Canvas(Wpx, Hpx, page.paper); const rng = new Rng(seed + ':render');
  for (const op of page.ops) {
    if (op.t === 'text') {
      const st = op.st; const F = font(st.f); const sizePx = st.s * k; const { chars } = layoutChars(op.str, st);
      const lineInk = st.fx === 'dot' ? rng.range(0.55, 1) : 1; let drift = 0;
      for (const c of chars) { if (c.ch === ' ') continue; let px = (op.x + c.x) * k, py = op.y * k; let alpha = st.alpha || 1; let m;
        if (st.fx === 'typewriter') { px += rng.gauss() * 0.12 * k; py += rng.gauss() * 0.28 * k; alpha *= rng.range(0.62, 1); }
        if (st.fx === 'dot') alpha *= lineInk * rng.range(0.85, 1);
        if (st.fx === 'hand') { drift += rng.gauss() * 0.12; const th0 = (st.rot || 0) * Math.PI / 180; const th = th0 + rng.gauss() * 0.04; const scl = 1 + rng.gauss() * 0.05; const sh = 0.12 + rng.gauss() * 0.05;
          const rx = op.x * k, ry = op.y * k; const dx = px - rx + rng.gauss() * 0.25 * k, dy = (drift + rng.gauss() * 0.3) * k;
          const bx = rx + dx * Math.cos(th0) - dy * Math.sin(th0), by = ry + dx * Math.sin(th0) + dy * Math.cos(th0); const ct = Math.cos(th), s = Math.sin(th);
          const polys = flattenCommands(c.g.getPath(0, 0, sizePx * scl).commands, (x, y) => [bx + (x - sh * y) * ct - y * s, by + (x - sh * y) * s + y * ct]);
          m = rasterize(polys, Wpx, Hpx); alpha *= rng.range(0.8, 1); }
        else m = glyphMask(F, c.g, sizePx, px, py, st.fx, st.fx === 'dot' ? 'dot' : '');
        if (op.mirror) m = mirrorMask(m, Wpx);
        cv.blit(m, st.c || [0, 0, 0], alpha);
        if (st.bold) cv.blit(shift(m, Math.max(1, Math.round(0.35 * k)), 0), st.c || [0, 0, 0], alpha); }
    } else if (op.t === 'pline') { cv.stroke(op.pts.map(v => v * k), Math.max(0.8, op.w * k), op.c, 1, !!op.closed); }
    else if (op.t === 'poly') { cv.fill([orient(op.pts.map(v => v * k))], op.c, 1); }
    else if (op.t === 'tick') { const s = op.size * k, x = op.x * k, y = op.y * k; const pts = bezierPts([x + 0.15 * s, y - 0.5 * s], [x + 0.3 * s, y - 0.3 * s], [x + 0.35 * s, y - 0.1 * s], [x + 0.42 * s, y - 0.05 * s], 6).concat(bezierPts([x + 0.42 * s, y - 0.05 * s], [x + 0.6 * s, y - 0.6 * s], [x + 0.8 * s, y - 1.0 * s], [x + 1.15 * s, y - 1.35 * s], 8)); cv.stroke(pts, 1.3 * k, op.c, 0.9); }
    else if (op.t === 'hl') { cv.fill([orient([op.x * k, op.y * k, (op.x + op.w) * k, (op.y + 0.6) * k, (op.x + op.w) * k, (op.y + op.h) * k, op.x * k, (op.y + op.h + 0.8) * k])], op.c, 0.55); }
    else if (op.t === 'sig') { const x = op.x * k, y = op.y * k, w = op.w * k; let pts = []; let cx = x, cy = y; const n = rng.int(4, 7);
      for (let i = 0; i < n; i++) { const nx = x + w * (i + 1) / n, ny = y + rng.range(-0.15, 0.1) * w / 3; pts = pts.concat(bezierPts([cx, cy], [cx + rng.range(-0.2, 0.4) * w / n, cy - rng.range(0.2, 0.9) * w / 4], [nx - rng.range(0.1, 0.5) * w / n, ny + rng.range(0.1, 0.6) * w / 5], [nx, ny], 14)); cx = nx; cy = ny; }
      cv.stroke(pts, 1.1 * k, op.c, 0.9); cv.stroke(bezierPts([x - 0.05 * w, y + 0.08 * w / 3], [x + 0.3 * w, y + 0.12 * w / 3], [x + 0.7 * w, y + 0.02 * w / 3], [x + 1.05 * w, y + 0.06 * w / 3], 16), 0.9 * k, op.c, 0.8); }
    else if (op.t === 'stamp') drawStamp(cv, op, k, rng);
    else if (op.t === 'logo' || op.t === 'nhslogo') drawLogo(cv, op, k, rng);
  }
  return cv;
}
function drawStamp(cv, op, k, rng) { // rotated rubber stamp with broken ink
  const F = font(op.f); const lines = op.lines; const sz = op.size; const lead = sz * 1.35; const widths = lines.map(l => textWidth(l, { f: op.f, s: sz }));
  const bw = Math.max(...widths) + sz * 1.6, bh = lines.length * lead + sz * 0.9; const th = op.rot * Math.PI / 180; const ct = Math.cos(th), s = Math.sin(th);
  const cx = op.x * k, cy = op.y * k; const T = (x, y) => [cx + (x * ct - y * s) * k, cy + (x * s + y * ct) * k];
  const polys = [];
  if (op.box) { const b = [[0, 0], [bw, 0], [bw, bh], [0, bh]].map(([x, y]) => T(x, y)).flat(); strokePolys(b, 1.6 * k, true).forEach(p => polys.push(p)); }
  lines.forEach((l, i) => { const { chars } = layoutChars(l, { f: op.f, s: sz }); const x0 = (bw - widths[i]) / 2; const y0 = sz * 0.45 + (i + 1) * lead - sz * 0.3;
    for (const c of chars) if (c.ch !== ' ') flattenCommands(c.g.getPath(0, 0, sz).commands, (x, y) => T(x0 + c.x + x, y0 + y)).forEach(p => polys.push(p)); });
  const m = rasterize(polys, cv.w, cv.h); const ph = rng.range(0, 100);
  cv.blit(m, op.c, 0.85, (x, y) => { const n = Math.sin(x * 0.31 + ph) * Math.sin(y * 0.27 - ph) + Math.sin(x * 0.071 + y * 0.053 + ph); return n > -0.6 ? 1 : 0.25; });
}
function halftoneMod(k, angleDeg, lpi) { const period = 72 * k / lpi * (72 / 72); const a = angleDeg * Math.PI / 180, ca = Math.cos(a), sa = Math.sin(a); return (x, y, tone) => { const u = (x * ca + y * sa) * 2 * Math.PI / period, v = (-x * sa + y * ca) * 2 * Math.PI / period; const t = 0.5 + 0.25 * (Math.cos(u) + Math.cos(v)); return tone > t ? 1 : 0; }; }
function drawLogo(cv, op, k, rng) {
  const polysFill = []; const x = op.x * k, y = op.y * k;
  if (op.t === 'nhslogo') { // rectangle with letters cut out (drawn as lozenge box + white letters)
    const h = op.h * k, w = h * 2.45; const sl = h * 0.12; polysFill.push(orient([x + sl, y, x + w, y, x + w - sl, y + h, x, y + h]));
    const m = rasterize(polysFill, cv.w, cv.h); const tone = 0.95; const ht = op.halftone ? halftoneMod(k, 45, 85) : null;
    cv.blit(m, op.c, 1, ht ? (xx, yy) => ht(xx, yy, tone) : null);
    // letters in paper colour: "lighten" by drawing with mask inverse -> approximate with white via separate canvas op
    const F = font('neohelb'); const sizePx = h * 0.95; let px = x + h * 0.28; const str = 'NHS'; const letterPolys = [];
    for (const ch of str) { const g = glyphOf(F, ch); flattenCommands(g.getPath(px, y + h * 0.86, sizePx).commands, (a, b) => [a - (b - y - h) * 0.18, b]).forEach(p => letterPolys.push(p)); px += g.advanceWidth * sizePx / F.upm * 0.98; }
    cv.lighten(rasterize(letterPolys, cv.w, cv.h), 1);
    return; }
  const s = op.size * k; const ht = op.halftone ? halftoneMod(k, rng.pick([15, 45, 75]), rng.pick([65, 85, 100])) : null;
  if (op.kind === 'shield') { const pts = [x, y, x + s, y, x + s, y + s * 0.55].concat(bezierPts([x + s, y + s * 0.55], [x + s, y + s * 0.85], [x + s * 0.6, y + s], [x + s / 2, y + s * 1.1], 8), bezierPts([x + s / 2, y + s * 1.1], [x + s * 0.4, y + s], [x, y + s * 0.85], [x, y + s * 0.55], 8)); polysFill.push(orient(pts)); }
  else if (op.kind === 'circle') { polysFill.push(orient(circlePts(x + s / 2, y + s / 2, s / 2, s / 2, 48))); }
  else if (op.kind === 'leaf') { polysFill.push(orient(bezierPts([x, y + s], [x, y + s * 0.2], [x + s * 0.6, y], [x + s, y], 16).concat(bezierPts([x + s, y], [x + s, y + s * 0.6], [x + s * 0.5, y + s], [x, y + s], 16)))); }
  else { polysFill.push(orient([x + s / 2, y, x + s, y + s / 2, x + s / 2, y + s, x, y + s / 2])); }
  const m = rasterize(polysFill, cv.w, cv.h); if (!m) return;
  // radial tone gradient inside logo for halftone effect
  const tone0 = 0.35, tone1 = 0.95; const cx = x + s / 2, cy = y + s / 2;
  cv.blit(m, op.c, 1, (xx, yy) => { const t = tone0 + (tone1 - tone0) * Math.min(1, Math.hypot(xx - cx, yy - cy) / (s * 0.7)); return ht ? ht(xx, yy, t) : t; });
  const inner = []; strokePolys(circlePts(cx, cy, s * 0.28, s * 0.28, 32), Math.max(1, s * 0.06), true).forEach(p => inner.push(p));
  cv.lighten(rasterize(inner, cv.w, cv.h), 0.9);
}
module.exports = { Page, render, font, textWidth, wrap, layoutChars, FONT_FILES, PAGE_SIZES, norm };
