'use strict';
// Own anti-aliased scanline rasteriser (non-zero winding, S sub-scanlines, exact horizontal span coverage),
// path flattening, strokes as unions of capsules, RGB float canvas with multiply-blend ink.
const SUB = 5;
function flattenCommands(cmds, tf) { // opentype-style commands -> array of closed polygons [x,y,...]; tf(x,y)->[x,y]
  const polys = []; let cur = null; let cx = 0, cy = 0, sx = 0, sy = 0;
  const T = tf || ((x, y) => [x, y]);
  const push = (x, y) => { const p = T(x, y); cur.push(p[0], p[1]); };
  for (const c of cmds) {
    if (c.type === 'M') { if (cur && cur.length >= 6) polys.push(cur); cur = []; push(c.x, c.y); cx = sx = c.x; cy = sy = c.y; }
    else if (c.type === 'L') { push(c.x, c.y); cx = c.x; cy = c.y; }
    else if (c.type === 'Q') { const d = Math.hypot(c.x - cx, c.y - cy) + Math.hypot(c.x1 - cx, c.y1 - cy); const n = Math.max(2, Math.min(24, Math.ceil(Math.sqrt(d * 2)))) ;
      for (let i = 1; i <= n; i++) { const t = i / n, u = 1 - t; push(u * u * cx + 2 * u * t * c.x1 + t * t * c.x, u * u * cy + 2 * u * t * c.y1 + t * t * c.y); } cx = c.x; cy = c.y; }
    else if (c.type === 'C') { const d = Math.hypot(c.x1 - cx, c.y1 - cy) + Math.hypot(c.x2 - c.x1, c.y2 - c.y1) + Math.hypot(c.x - c.x2, c.y - c.y2); const n = Math.max(2, Math.min(32, Math.ceil(Math.sqrt(d * 2))));
      for (let i = 1; i <= n; i++) { const t = i / n, u = 1 - t; push(u * u * u * cx + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x, u * u * u * cy + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y); } cx = c.x; cy = c.y; }
    else if (c.type === 'Z') { if (cur && cur.length >= 6) polys.push(cur); cur = null; cx = sx; cy = sy; }
  }
  if (cur && cur.length >= 6) polys.push(cur);
  return polys;
}
// rasterise polygons to coverage mask {x0,y0,w,h,cov}
function rasterize(polys, clipW, clipH) {
  let minx = 1e9, miny = 1e9, maxx = -1e9, maxy = -1e9;
  for (const p of polys) for (let i = 0; i < p.length; i += 2) { if (p[i] < minx) minx = p[i]; if (p[i] > maxx) maxx = p[i]; if (p[i + 1] < miny) miny = p[i + 1]; if (p[i + 1] > maxy) maxy = p[i + 1]; }
  if (!(maxx > minx) || !(maxy > miny)) return null;
  const x0 = Math.max(0, Math.floor(minx)), y0 = Math.max(0, Math.floor(miny));
  const x1 = Math.min(clipW, Math.ceil(maxx) + 1), y1 = Math.min(clipH, Math.ceil(maxy) + 1);
  if (x1 <= x0 || y1 <= y0) return null;
  const w = x1 - x0, h = y1 - y0; const cov = new Float32Array(w * h);
  // edges
  const E = []; for (const p of polys) { const n = p.length / 2; for (let i = 0; i < n; i++) { const j = (i + 1) % n; const ax = p[2 * i], ay = p[2 * i + 1], bx = p[2 * j], by = p[2 * j + 1]; if (ay === by) continue;
    if (ay < by) E.push(ay, by, ax, (bx - ax) / (by - ay), 1); else E.push(by, ay, bx, (ax - bx) / (ay - by), -1); } }
  const ne = E.length / 5; const order = []; for (let i = 0; i < ne; i++) order.push(i); order.sort((a, b) => E[5 * a] - E[5 * b]);
  const xs = new Float64Array(ne), ds = new Int8Array(ne); const wgt = 1 / SUB; let start = 0; const active = [];
  for (let yy = y0; yy < y1; yy++) {
    const row = (yy - y0) * w;
    for (let s = 0; s < SUB; s++) { const sy = yy + (s + 0.5) / SUB;
      while (start < ne && E[5 * order[start]] <= sy) active.push(order[start++]);
      let m = 0; for (let k = active.length - 1; k >= 0; k--) { const e = active[k]; if (E[5 * e + 1] <= sy) { active.splice(k, 1); continue; } if (E[5 * e] > sy) continue; xs[m] = E[5 * e + 2] + (sy - E[5 * e]) * E[5 * e + 3]; ds[m] = E[5 * e + 4]; m++; }
      if (m < 2) continue;
      // insertion sort by x
      for (let i = 1; i < m; i++) { const xv = xs[i], dv = ds[i]; let j = i - 1; while (j >= 0 && xs[j] > xv) { xs[j + 1] = xs[j]; ds[j + 1] = ds[j]; j--; } xs[j + 1] = xv; ds[j + 1] = dv; }
      let wind = 0, sx = 0;
      for (let i = 0; i < m; i++) { const before = wind; wind += ds[i]; if (before === 0 && wind !== 0) sx = xs[i]; else if (before !== 0 && wind === 0) {
        let xa = sx - x0, xb = xs[i] - x0; if (xa < 0) xa = 0; if (xb > w) xb = w; if (xb <= xa) continue;
        const ia = Math.floor(xa), ib = Math.floor(xb);
        if (ia === ib) cov[row + ia] += (xb - xa) * wgt; else { cov[row + ia] += (ia + 1 - xa) * wgt; for (let q = ia + 1; q < ib; q++) cov[row + q] += wgt; if (ib < w) cov[row + ib] += (xb - ib) * wgt; } } }
    }
  }
  for (let i = 0; i < cov.length; i++) if (cov[i] > 1) cov[i] = 1;
  return { x0, y0, w, h, cov };
}
function capsule(ax, ay, bx, by, r, out) { // closed polygon, consistent orientation
  let dx = bx - ax, dy = by - ay; const L = Math.hypot(dx, dy); if (L < 1e-6) { dx = 1; dy = 0; } else { dx /= L; dy /= L; }
  const nx = -dy, ny = dx; const p = []; const N = Math.max(4, Math.min(16, Math.ceil(r * 2)));
  p.push(ax + nx * r, ay + ny * r, bx + nx * r, by + ny * r);
  for (let i = 1; i < N; i++) { const t = Math.PI * i / N; const c = Math.cos(t), s = Math.sin(t); p.push(bx + (nx * c + dx * s) * r, by + (ny * c + dy * s) * r); }
  p.push(bx - nx * r, by - ny * r, ax - nx * r, ay - ny * r);
  for (let i = 1; i < N; i++) { const t = Math.PI * i / N; const c = Math.cos(t), s = Math.sin(t); p.push(ax + (-nx * c - dx * s) * r, ay + (-ny * c - dy * s) * r); }
  // ensure positive signed area
  let a = 0; for (let i = 0, n = p.length / 2; i < n; i++) { const j = (i + 1) % n; a += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1]; }
  if (a < 0) { const q = []; for (let i = p.length / 2 - 1; i >= 0; i--) q.push(p[2 * i], p[2 * i + 1]); out.push(q); } else out.push(p);
}
function strokePolys(pts, width, closed) { const out = []; const r = width / 2; const n = pts.length / 2;
  for (let i = 0; i < n - 1 + (closed ? 1 : 0); i++) { const j = (i + 1) % n; capsule(pts[2 * i], pts[2 * i + 1], pts[2 * j], pts[2 * j + 1], r, out); }
  return out; }
function bezierPts(p0, p1, p2, p3, n) { const o = []; for (let i = 0; i <= n; i++) { const t = i / n, u = 1 - t; o.push(u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0], u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1]); } return o; }
function circlePts(cx, cy, rx, ry, n, rot = 0) { const o = []; for (let i = 0; i < n; i++) { const t = 2 * Math.PI * i / n; const x = rx * Math.cos(t), y = ry * Math.sin(t); o.push(cx + x * Math.cos(rot) - y * Math.sin(rot), cy + x * Math.sin(rot) + y * Math.cos(rot)); } return o; }
function orient(p) { let a = 0; for (let i = 0, n = p.length / 2; i < n; i++) { const j = (i + 1) % n; a += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1]; } if (a >= 0) return p; const q = []; for (let i = p.length / 2 - 1; i >= 0; i--) q.push(p[2 * i], p[2 * i + 1]); return q; }
class Canvas {
  constructor(w, h, paper) { this.w = w; this.h = h; this.paper = paper; const n = w * h; this.r = new Float32Array(n).fill(paper[0]); this.g = new Float32Array(n).fill(paper[1]); this.b = new Float32Array(n).fill(paper[2]); }
  // multiply-blend ink of colour c (0..1 rgb) with coverage mask * alpha; optional per-pixel modulation fn(x,y)->[0,1]
  blit(m, c, alpha = 1, mod = null) { if (!m) return; const { x0, y0, w, h, cov } = m; const W = this.w;
    const kr = 1 - c[0], kg = 1 - c[1], kb = 1 - c[2];
    for (let y = 0; y < h; y++) { const yy = y0 + y; if (yy < 0 || yy >= this.h) continue; for (let x = 0; x < w; x++) { let a = cov[y * w + x]; if (a <= 0) continue; const xx = x0 + x; if (xx < 0 || xx >= W) continue;
      a *= alpha; if (mod) a *= mod(xx, yy); if (a > 1) a = 1; const i = yy * W + xx; this.r[i] *= 1 - a * kr; this.g[i] *= 1 - a * kg; this.b[i] *= 1 - a * kb; } } }
  lighten(m, alpha = 1, mod = null) { if (!m) return; const { x0, y0, w, h, cov } = m; const p = this.paper;
    for (let y = 0; y < h; y++) { const yy = y0 + y; if (yy < 0 || yy >= this.h) continue; for (let x = 0; x < w; x++) { let a = cov[y * w + x]; if (a <= 0) continue; const xx = x0 + x; if (xx < 0 || xx >= this.w) continue; a *= alpha; if (mod) a *= mod(xx, yy); const i = yy * this.w + xx; this.r[i] += (p[0] - this.r[i]) * a; this.g[i] += (p[1] - this.g[i]) * a; this.b[i] += (p[2] - this.b[i]) * a; } } }
  fill(polys, c, alpha = 1, mod = null) { this.blit(rasterize(polys, this.w, this.h), c, alpha, mod); }
  stroke(pts, width, c, alpha = 1, closed = false, mod = null) { this.fill(strokePolys(pts, width, closed), c, alpha, mod); }
}
module.exports = { flattenCommands, rasterize, strokePolys, capsule, bezierPts, circlePts, orient, Canvas };
