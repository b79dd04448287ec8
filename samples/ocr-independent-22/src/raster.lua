-- raster.lua: own anti-aliased scanline rasteriser (non-zero winding, sub-scanlines with exact
-- horizontal coverage), canvases as flat Lua arrays, compositing, strokes, glyph cache.
local U = require("util")
local M = {}
local floor, ceil, min, max, sqrt, sin, cos = math.floor, math.ceil, math.min, math.max, math.sqrt, math.sin, math.cos

-- polys: list of flat closed polylines {x1,y1,x2,y2,...} in pixel coords (y down)
function M.fill(polys, S)
  S = S or 4
  local ya, yb, xa, dxdy, dir = {}, {}, {}, {}, {}
  local ne = 0
  local minx, miny, maxx, maxy = 1e18, 1e18, -1e18, -1e18
  for _, p in ipairs(polys) do
    local n = #p // 2
    for i = 1, n do
      local x1, y1 = p[2 * i - 1], p[2 * i]
      local j = (i % n) + 1
      local x2, y2 = p[2 * j - 1], p[2 * j]
      if x1 < minx then minx = x1 end; if x1 > maxx then maxx = x1 end
      if y1 < miny then miny = y1 end; if y1 > maxy then maxy = y1 end
      if y1 ~= y2 then
        ne = ne + 1
        if y1 < y2 then ya[ne], yb[ne], xa[ne], dir[ne] = y1, y2, x1, 1
        else ya[ne], yb[ne], xa[ne], dir[ne] = y2, y1, x2, -1 end
        dxdy[ne] = (x2 - x1) / (y2 - y1)
      end
    end
  end
  if ne == 0 then return nil end
  local x0, y0 = floor(minx), floor(miny)
  local w, h = floor(maxx) - x0 + 2, floor(maxy) - y0 + 2
  local cov = {}
  local acc = {}
  local xs, ds = {}, {}
  local inv = 255 / S
  for row = 0, h - 1 do
    for k = 0, w do acc[k] = 0 end
    local rowtop = y0 + row
    -- candidate edges for this row
    local cand, nc = {}, 0
    for e = 1, ne do if ya[e] < rowtop + 1 and yb[e] > rowtop then nc = nc + 1; cand[nc] = e end end
    if nc > 0 then
      for s = 0, S - 1 do
        local sy = rowtop + (s + 0.5) / S
        local n = 0
        for ci = 1, nc do
          local e = cand[ci]
          if sy >= ya[e] and sy < yb[e] then
            local x = xa[e] + (sy - ya[e]) * dxdy[e] - x0
            local d = dir[e]
            n = n + 1
            local k = n
            while k > 1 and xs[k - 1] > x do xs[k] = xs[k - 1]; ds[k] = ds[k - 1]; k = k - 1 end
            xs[k] = x; ds[k] = d
          end
        end
        local wind, start = 0, 0
        for k = 1, n do
          local pw = wind
          wind = wind + ds[k]
          if pw == 0 and wind ~= 0 then start = xs[k]
          elseif pw ~= 0 and wind == 0 then
            local a, b = start, xs[k]
            if b > a then
              local ia, ib = floor(a), floor(b)
              if ia == ib then acc[ia] = acc[ia] + (b - a)
              else
                acc[ia] = acc[ia] + (ia + 1 - a)
                for q = ia + 1, ib - 1 do acc[q] = acc[q] + 1 end
                acc[ib] = acc[ib] + (b - ib)
              end
            end
          end
        end
      end
    end
    local base = row * w
    for k = 0, w - 1 do
      local v = floor(acc[k] * inv + 0.5)
      if v > 255 then v = 255 end
      cov[base + k + 1] = v
    end
  end
  return { x0 = x0, y0 = y0, w = w, h = h, cov = cov }
end

---------------------------------------------------------------- canvas
function M.canvas(w, h, ch, paper)
  local cv = { w = w, h = h, ch = ch }
  for c = 1, ch do
    local a = {}
    local v = (ch == 1) and paper or paper[c]
    for i = 1, w * h do a[i] = v end
    cv[c] = a
  end
  return cv
end

local function lum(col) if type(col) == "number" then return col end return floor(0.299 * col[1] + 0.587 * col[2] + 0.114 * col[3] + 0.5) end
M.lum = lum

-- composite coverage bitmap at integer offset; mode "over" or "mul"
function M.composite(cv, bm, ox, oy, col, alpha, mode)
  if not bm then return end
  alpha = alpha or 1
  local W, H = cv.w, cv.h
  local bw = bm.w
  local cov = bm.cov
  local X0, Y0 = ox + bm.x0, oy + bm.y0
  local ca = {}
  if cv.ch == 1 then ca[1] = lum(col) else
    if type(col) == "number" then ca = { col, col, col } else ca = col end
  end
  local ys, ye = max(0, Y0), min(H - 1, Y0 + bm.h - 1)
  local xs, xe = max(0, X0), min(W - 1, X0 + bw - 1)
  if xs > xe then return end
  local k = alpha / 255
  for c = 1, cv.ch do
    local P = cv[c]; local cc = ca[c]
    local f = cc / 255
    for y = ys, ye do
      local brow = (y - Y0) * bw - X0 + 1
      local crow = y * W + 1
      for x = xs, xe do
        local cvv = cov[brow + x]
        if cvv > 0 then
          local a = cvv * k
          local i = crow + x
          local p = P[i]
          if mode == "mul" then P[i] = floor(p * (1 - a + a * f) + 0.5)
          else P[i] = floor(p + (cc - p) * a + 0.5) end
        end
      end
    end
  end
end

function M.fill_rect(cv, x0, y0, x1, y1, col, alpha, mode)
  x0, y0, x1, y1 = floor(x0 + 0.5), floor(y0 + 0.5), floor(x1 + 0.5) - 1, floor(y1 + 0.5) - 1
  if x1 < x0 then x1 = x0 end
  if y1 < y0 then y1 = y0 end
  x0, y0, x1, y1 = max(0, x0), max(0, y0), min(cv.w - 1, x1), min(cv.h - 1, y1)
  alpha = alpha or 1
  local ca = (cv.ch == 1) and { lum(col) } or (type(col) == "number" and { col, col, col } or col)
  for c = 1, cv.ch do
    local P, cc = cv[c], ca[c]
    local f = cc / 255
    for y = y0, y1 do
      local r = y * cv.w + 1
      for x = x0, x1 do
        local i = r + x
        if mode == "mul" then P[i] = floor(P[i] * (1 - alpha + alpha * f) + 0.5)
        else P[i] = floor(P[i] + (cc - P[i]) * alpha + 0.5) end
      end
    end
  end
end

---------------------------------------------------------------- path helpers (pixel units)
local function orient(p, want)
  local a = 0
  local n = #p // 2
  for i = 1, n do
    local j = i % n + 1
    a = a + p[2 * i - 1] * p[2 * j] - p[2 * j - 1] * p[2 * i]
  end
  if (a > 0) ~= (want > 0) then
    local q = {}
    for i = n, 1, -1 do q[#q + 1] = p[2 * i - 1]; q[#q + 1] = p[2 * i] end
    return q
  end
  return p
end
M.orient = orient

function M.circle(cx, cy, r, n, wantdir)
  n = n or max(12, floor(r * 1.2))
  if n > 240 then n = 240 end
  local p = {}
  for i = 0, n - 1 do local t = 2 * math.pi * i / n; p[#p + 1] = cx + r * cos(t); p[#p + 1] = cy + r * sin(t) end
  return orient(p, wantdir or 1)
end

function M.seg_poly(x1, y1, x2, y2, w)
  local dx, dy = x2 - x1, y2 - y1
  local L = sqrt(dx * dx + dy * dy); if L < 1e-9 then L = 1e-9 end
  local nx, ny = -dy / L * w / 2, dx / L * w / 2
  return orient({ x1 + nx, y1 + ny, x2 + nx, y2 + ny, x2 - nx, y2 - ny, x1 - nx, y1 - ny }, 1)
end

-- stroke a polyline {x1,y1,...} with width w (array of widths optional) -> list of polys
function M.stroke(pts, w, closed, widths)
  local polys = {}
  local n = #pts // 2
  local last = closed and n or n - 1
  for i = 1, last do
    local j = i % n + 1
    local wi = widths and widths[i] or w
    polys[#polys + 1] = M.seg_poly(pts[2 * i - 1], pts[2 * i], pts[2 * j - 1], pts[2 * j], wi)
    if wi > 1.6 then polys[#polys + 1] = M.circle(pts[2 * j - 1], pts[2 * j], wi / 2, 10) end
  end
  return polys
end

function M.bezier(pts, x0, y0, x1, y1, x2, y2, x3, y3, n)
  n = n or 12
  for i = 1, n do
    local t = i / n; local u = 1 - t
    pts[#pts + 1] = u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3
    pts[#pts + 1] = u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3
  end
  return pts
end

function M.draw_polys(cv, polys, col, alpha, mode)
  local bm = M.fill(polys, 4)
  M.composite(cv, bm, 0, 0, col, alpha, mode)
end

---------------------------------------------------------------- glyphs
local cache, cache_n = {}, 0
function M.cache_size() return cache_n end

-- variant: 0 plain; >0 handwriting variants (slant/scale/rotation jitter); style.dots for dot-matrix
function M.glyph_bitmap(font, gid, size_px, style, variant)
  local key = font.id .. ":" .. gid .. ":" .. string.format("%.2f", size_px) .. ":" .. (style or "") .. ":" .. (variant or 0)
  local bm = cache[key]
  if bm ~= nil then return bm end
  local s = size_px / font.unitsPerEm
  local m00, m01, m10, m11 = s, 0, 0, -s
  if variant and variant > 0 then
    local r = U.rng(key)
    local sl = r:uniform(-0.12, 0.18)
    local sc = r:uniform(0.92, 1.08)
    local rot = r:uniform(-0.06, 0.06)
    local c, sn = cos(rot), sin(rot)
    -- x' = sc*(x + sl*y) rotated; y up in font units
    m00, m01 = sc * s * c, -sc * s * sn
    m10, m11 = sc * s * (sl * c + sn), -sc * s * (-sl * sn + c)
    -- note: m10 multiplies font y into x; m11 font y into y (down)
  end
  local polys = {}
  local steps = size_px > 40 and 6 or (size_px > 16 and 4 or 3)
  for _, pl in ipairs(font:polylines(gid, steps)) do
    local q = {}
    for i = 1, #pl, 2 do
      local fx, fy = pl[i], pl[i + 1]
      q[#q + 1] = fx * m00 + fy * m10
      q[#q + 1] = fx * m01 + fy * m11
    end
    polys[#polys + 1] = q
  end
  bm = (#polys > 0) and M.fill(polys, 4) or false
  if bm and style == "dots" then
    -- dot-matrix: sample glyph on a coarse grid and stamp dots
    local g = max(2, size_px / 8)
    local r = g * 0.62
    local dp = {}
    local gy = bm.y0 + g / 2
    while gy < bm.y0 + bm.h do
      local gx = bm.x0 + g / 2
      while gx < bm.x0 + bm.w do
        local ix, iy = floor(gx - bm.x0), floor(gy - bm.y0)
        if bm.cov[iy * bm.w + ix + 1] > 90 then dp[#dp + 1] = M.circle(gx, gy, r, 8) end
        gx = gx + g
      end
      gy = gy + g
    end
    bm = (#dp > 0) and M.fill(dp, 3) or false
  end
  cache[key] = bm
  cache_n = cache_n + 1
  return bm
end

-- draw a string; x, y baseline in px. opts: col, alpha, style ('dots'), hand (bool), tw (typewriter jitter), rng
function M.draw_text(cv, font, str, x, y, size_px, opts)
  opts = opts or {}
  local col = opts.col or 0
  local alpha = opts.alpha or 1
  local r = opts.rng
  local scale = size_px / font.unitsPerEm
  local prev
  local pen = x
  local i = 0
  for _, cp in utf8.codes(str) do
    i = i + 1
    local g = font:glyph_index(cp)
    if prev then pen = pen + font:kerning(prev, g) * scale end
    if cp ~= 32 then
      local variant = 0
      local dx, dy, a = 0, 0, alpha
      if opts.hand and r then
        variant = r:int(1, 4); dy = r:uniform(-0.06, 0.06) * size_px; a = alpha * r:uniform(0.75, 1.0)
      elseif opts.tw and r then
        dx = r:uniform(-0.04, 0.04) * size_px; dy = r:uniform(-0.05, 0.05) * size_px
        a = alpha * (r:chance(0.08) and r:uniform(0.35, 0.6) or r:uniform(0.75, 1.0))
      end
      local bm = M.glyph_bitmap(font, g, size_px, opts.style, variant)
      if bm then M.composite(cv, bm, floor(pen + dx + 0.5), floor(y + dy + 0.5), col, a, opts.mode) end
    end
    pen = pen + font:advance(g) * scale + (opts.spacing or 0)
    if opts.hand and r then pen = pen + r:uniform(-0.03, 0.05) * size_px end
    prev = g
  end
  return pen
end

-- rotated text (stamps): angle radians, rotate about (x,y) baseline start
function M.draw_text_rot(cv, font, str, x, y, size_px, ang, col, alpha, mode)
  local s = size_px / font.unitsPerEm
  local c, sn = cos(ang), sin(ang)
  local polys = {}
  local w, gids, xs = font:layout(str)
  for k, g in ipairs(gids) do
    for _, pl in ipairs(font:polylines(g, 4)) do
      local q = {}
      for i = 1, #pl, 2 do
        local lx, ly = (pl[i] + xs[k]) * s, -pl[i + 1] * s
        q[#q + 1] = x + lx * c - ly * sn
        q[#q + 1] = y + lx * sn + ly * c
      end
      polys[#polys + 1] = q
    end
  end
  if #polys > 0 then M.composite(cv, M.fill(polys, 4), 0, 0, col, alpha, mode) end
  return w * s
end

return M
