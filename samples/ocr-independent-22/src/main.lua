-- main.lua: generate docs [from..to] (step) of set ocr22; usage: lua5.4 main.lua OUTDIR FIRST LAST STEP
package.path = arg[0]:match("(.*/)") .. "?.lua;" .. package.path
local U = require("util"); local T = require("ttf"); local R = require("raster")
local L = require("layout"); local Dc = require("docs"); local F = require("formats"); local C = require("content")
local floor, min, max, sin, cos = math.floor, math.min, math.max, math.sin, math.cos
local OUT, FIRST, LAST, STEP = arg[1], tonumber(arg[2] or 1), tonumber(arg[3] or 46), tonumber(arg[4] or 1)

local FONTFILES = {
  aerial = "/usr/share/fonts/truetype/arkpandora/Aerial.ttf", aerialb = "/usr/share/fonts/truetype/arkpandora/AerialBd.ttf",
  tymes = "/usr/share/fonts/truetype/arkpandora/Tymes.ttf", tymesb = "/usr/share/fonts/truetype/arkpandora/TymesBd.ttf",
  veranda = "/usr/share/fonts/truetype/arkpandora/Veranda.ttf", verandab = "/usr/share/fonts/truetype/arkpandora/VerandaBd.ttf",
  mono = "/usr/share/fonts/truetype/arkpandora/AerialMono.ttf", monob = "/usr/share/fonts/truetype/arkpandora/AerialMonoBd.ttf",
  klaudia = "/usr/share/fonts/truetype/klaudia-berenika/Klaudia.ttf", klaudiab = "/usr/share/fonts/truetype/klaudia-berenika/Klaudia-Bold.ttf",
  cupola = "/usr/share/fonts/truetype/fonts-georgewilliams/Cupola.ttf",
  okolaks = "/usr/share/fonts/truetype/okolaks/okolaksRegular.ttf", okolaksb = "/usr/share/fonts/truetype/okolaks/okolaksBold.ttf",
  karmilla = "/usr/share/fonts/truetype/karmilla/Karmilla-Regular.ttf", karmillab = "/usr/share/fonts/truetype/karmilla/Karmilla-Bold.ttf",
  uniku = "/usr/share/fonts/truetype/unikurdweb/Unikuweb.ttf",
  dot = "/usr/share/fonts/truetype/dotgothic16/DotGothic16-Regular.ttf",
  hand = "/usr/share/fonts/truetype/leckerli-one/LeckerliOne-Regular.ttf", hand2 = "/usr/share/fonts/truetype/dustin/It_wasn_t_me.ttf",
}
local FONTNAMES = { aerial = "Aerial (arkpandora)", aerialb = "Aerial Bold", tymes = "Tymes (arkpandora)", tymesb = "Tymes Bold", veranda = "Veranda (arkpandora)", verandab = "Veranda Bold",
  mono = "Aerial Mono", monob = "Aerial Mono Bold", klaudia = "Klaudia", klaudiab = "Klaudia Bold", cupola = "Cupola", okolaks = "Okolaks", okolaksb = "Okolaks Bold",
  karmilla = "Karmilla", karmillab = "Karmilla Bold", uniku = "Unikurd Web", dot = "DotGothic16", hand = "Leckerli One", hand2 = "It wasn't me (dustin)" }
for k, p in pairs(FONTFILES) do local f = T.load(p); f.id = k; L.FONTS[k] = f end

---------------------------------------------------------------- plan (46 files)
local FACES = { { "aerial", "aerialb" }, { "tymes", "tymesb" }, { "veranda", "verandab" }, { "klaudia", "klaudiab" }, { "cupola", "cupola" },
  { "okolaks", "okolaksb" }, { "karmilla", "karmillab" }, { "uniku", "uniku" }, { "mono", "monob" }, { "dot", "dot" } }
local RKINDS = { "ers_export", "tickbox_proforma", "dictated_letter", "soap_note", "emis_export", "systmone_export", "vision_export",
  "terse_note", "two_page_letter", "demographics_box", "compliments_slip", "typewriter_letter", "dotmatrix_letter", "dictated_letter", "ers_export", "demographics_box" }
-- format cycle: fmt, dpi, colour
local FMTS = {
  { "tif_g4", 300 }, { "jpg_grey", 300 }, { "pdf_dct", 300, true }, { "png_grey", 200 }, { "tif_lzw", 200 }, { "jpg_colour", 200, true },
  { "tif_g3_fax", 200 }, { "pdf_ccitt", 300 }, { "png_rgb", 150, true }, { "tif_deflate", 300 }, { "jpg_grey", 150 }, { "pdf_flate", 200 },
  { "tif_packbits", 150 }, { "png_palette", 200, true }, { "tif_g4", 200 }, { "jpg_colour", 300, true }, { "png_grey_interlaced", 150 },
  { "tif_none", 150 }, { "pdf_mixed", 200, true }, { "tif_g4", 300 }, { "png_rgb_interlaced", 150, true }, { "jpg_grey", 300 }, { "pdf_dct", 200 },
}
local function plan(i)
  local r = U.rng("ocr22:plan:" .. i)
  local spec = { n = i }
  if i <= 31 then spec.dtype = "referral_letter"; spec.kind = RKINDS[(i - 1) % #RKINDS + 1]
  elseif i <= 35 then spec.dtype = "clinic_letter"; spec.kind = r:pick({ "dictated_letter", "demographics_box" })
  elseif i <= 38 then spec.dtype = "discharge_summary"; spec.kind = "discharge_summary"
  elseif i <= 41 then spec.dtype = "lab_result"; spec.kind = "lab_report"
  elseif i <= 44 then spec.dtype = "appointment_letter"; spec.kind = "appointment_letter"
  else spec.dtype = "continuation_sheet"; spec.kind = "handwritten_continuation" end
  local f = FMTS[(i * 7) % #FMTS + 1]
  spec.fmt, spec.dpi, spec.colourfmt = f[1], f[2], f[3]
  if spec.kind == "compliments_slip" then spec.fmt, spec.dpi, spec.colourfmt = "pdf_mixed", 300, true end
  if spec.kind == "two_page_letter" and spec.fmt:match("^jpg") or (spec.kind == "two_page_letter" and spec.fmt:match("^png")) then spec.fmt = "tif_g4" end
  local face = FACES[(i * 3) % 8 + 1]
  if spec.kind == "typewriter_letter" then face = { "mono", "monob" }; spec.tw = true end
  if spec.kind == "dotmatrix_letter" then face = (i % 2 == 0) and { "dot", "dot" } or { "mono", "monob" }; spec.dots = (face[1] == "mono") end
  if i == 20 or i == 33 then face = { "cupola", "cupola" }; spec.thin = true end
  spec.font, spec.fontb = face[1], face[2]
  spec.pt = (face[1] == "cupola") and 10 or r:pick({ 10, 10.5, 11 })
  spec.colour = spec.colourfmt and { 0, 94, 184 } or nil
  spec.halftone = (i % 5 == 2)
  spec.hand = (i % 2 == 0) and "hand" or "hand"
  spec.ink = { 20, 40, 140 }
  spec.maxpages = (i % 3 == 0) and 2 or 1
  if spec.dtype == "discharge_summary" or spec.kind == "two_page_letter" then spec.maxpages = 2 end
  if i == 12 then spec.maxpages = 3 end
  if i == 19 or i == 24 then spec.size = "Letter" end
  return spec
end

---------------------------------------------------------------- rendering
local function mm(v, dpi) return v * dpi / 25.4 end
local PAPERS = { { 255, 255, 255 }, { 250, 247, 236 }, { 252, 236, 240 }, { 236, 246, 236 }, { 255, 252, 220 }, { 232, 240, 250 } }

local function render(pg, spec, dpi, colour, r, pgmeta)
  local Wpx, Hpx = floor(mm(pg.w, dpi) + 0.5), floor(mm(pg.h, dpi) + 0.5)
  local paper = PAPERS[1]
  if pgmeta.paper then paper = pgmeta.paper end
  local cv = R.canvas(Wpx, Hpx, colour and 3 or 1, colour and paper or R.lum(paper))
  local k = dpi / 25.4
  local ink = pgmeta.inkgrey or 18
  for _, o in ipairs(pg.ops) do
    if o.t == "text" then
      local f = L.FONTS[o.f]
      local col = o.o.col or (ink < 40 and ink or ink)
      if spec.colour and o.f:match("b$") and colour and pgmeta.colourhead and o.pt >= 12 then col = spec.colour end
      R.draw_text(cv, f, o.s, o.x * k, o.y * k, o.pt * dpi / 72, { col = col, rng = r, hand = o.o.hand, tw = spec.tw,
        style = spec.dots and "dots" or nil, alpha = o.o.alpha })
    elseif o.t == "rule" then
      local w = max(1, o.w * k)
      if o.y0 == o.y1 then R.fill_rect(cv, o.x0 * k, o.y0 * k - w / 2, o.x1 * k, o.y0 * k + w / 2, o.col or ink)
      else R.fill_rect(cv, o.x0 * k - w / 2, o.y0 * k, o.x0 * k + w / 2, o.y1 * k, o.col or ink) end
    elseif o.t == "fill" then R.fill_rect(cv, o.x0 * k, o.y0 * k, o.x1 * k, o.y1 * k, o.col, 1, "mul")
    elseif o.t == "tickmark" then
      R.draw_polys(cv, R.stroke({ o.x * k + 0.5 * k, o.y * k - 1.5 * k, o.x * k + 1.3 * k, o.y * k - 0.3 * k, o.x * k + 3.6 * k, o.y * k - 4.2 * k }, 0.45 * k), ink)
    elseif o.t == "logo" then
      local x0, y0, s = o.x * k, o.y * k, o.s * k
      local col = o.col or 60
      R.fill_rect(cv, x0, y0, x0 + s * 1.6, y0 + s * 0.75, col)
      R.draw_text(cv, L.FONTS.aerialb, "NHS", x0 + s * 0.12, y0 + s * 0.62, s * 0.62, { col = 255 })
      if spec.halftone then
        -- own halftone screen (45 degrees) over the logo area -> moire after resampling
        local per = max(3, dpi / 60)
        for c = 1, cv.ch do
          local P = cv[c]
          local pv = colour and paper[c] or R.lum(paper)
          for y = floor(y0), min(cv.h - 1, floor(y0 + s * 0.75)) do
            for x = floor(x0), min(cv.w - 1, floor(x0 + s * 1.6)) do
              local i = y * cv.w + x + 1
              local u, v = (x + y) * 0.7071 / per * 6.2832, (x - y) * 0.7071 / per * 6.2832
              local t = 127 + 110 * cos(u) * cos(v)
              P[i] = (P[i] < t) and floor(P[i] * 0.6) or pv
            end
          end
        end
      end
    elseif o.t == "sig" then
      local pts = {}
      local x, y = o.x * k, o.y * k
      local px, py = x, y
      pts[1], pts[2] = x, y
      for s = 1, 5 do
        local nx, ny = px + r:uniform(4, 9) * k, y + r:uniform(-3, 3) * k
        R.bezier(pts, px, py, px + r:uniform(-2, 4) * k, py - r:uniform(2, 7) * k, nx - r:uniform(-2, 4) * k, ny + r:uniform(2, 7) * k, nx, ny, 10)
        px, py = nx, ny
      end
      R.draw_polys(cv, R.stroke(pts, max(1.2, 0.35 * k)), pgmeta.pen or { 25, 35, 120 })
    end
  end
  return cv, k
end

---------------------------------------------------------------- overlays and degradations
local function overlays(cv, pg, k, r, dpi, meta, diff, colour)
  local W, H = cv.w, cv.h
  local ov = meta.overlay
  if meta.stamp then
    local txt = r:pick({ "RECEIVED", "SCANNED", "RECEIVED", "TRIAGED" })
    local dt = C.fmt_date(C.date(r, 2010, 2023), r:pick({ 1, 6 }))
    local x, y = r:uniform(0.45, 0.7) * W, r:uniform(0.12, 0.45) * H
    local ang = r:uniform(-0.25, 0.25)
    local col = r:pick({ { 200, 30, 40 }, { 40, 60, 170 }, { 120, 30, 140 } })
    local a = r:uniform(0.55, 0.85)
    local sz = 5.5 * k
    local w1 = R.draw_text_rot(cv, L.FONTS.aerialb, txt, x, y, sz, ang, col, a, "mul")
    R.draw_text_rot(cv, L.FONTS.aerialb, dt, x - sin(ang) * sz * 1.3, y + cos(ang) * sz * 1.3, sz * 0.9, ang, col, a, "mul")
    -- stamp border (rotated rectangle stroke)
    local bw, bh = w1 + 6 * k, sz * 3.2
    local cx, cy = x - 3 * k, y - sz * 1.2
    local function rp(dx, dy) return cx + dx * cos(ang) - dy * sin(ang), cy + dx * sin(ang) + dy * cos(ang) end
    local p = {}
    for _, q in ipairs({ { 0, 0 }, { bw, 0 }, { bw, bh }, { 0, bh } }) do local a1, b1 = rp(q[1], q[2]); p[#p + 1] = a1; p[#p + 1] = b1 end
    R.draw_polys(cv, R.stroke(p, 0.5 * k, true), col, a, "mul")
    ov[#ov + 1] = "stamp: " .. txt .. " " .. dt
    meta.distractors[#meta.distractors + 1] = dt
  end
  if meta.annot then
    local t = r:pick({ "Seen - please book urgent OPA", "?2WW - triage", "Book 6/52", "Discussed with cons", "chase bloods", "Not known to service", "Pls scan to notes" })
    local x, y = r:uniform(0.35, 0.6) * W, r:uniform(0.5, 0.85) * H
    R.draw_text(cv, L.FONTS.hand, t, x, y, 5 * k, { col = meta.pen or { 25, 35, 120 }, hand = true, rng = r, alpha = 0.9 })
    ov[#ov + 1] = "handwritten: " .. t
  end
  if meta.highlight then
    local y = r:uniform(0.3, 0.6) * H
    local x0 = 20 * k
    R.fill_rect(cv, x0, y - 3.5 * k, x0 + r:uniform(50, 120) * k, y + 1 * k, { 255, 240, 60 }, 0.75, "mul")
    ov[#ov + 1] = "highlighter"
  end
  if meta.coffee then
    local cx, cy, rad = r:uniform(0.2, 0.8) * W, r:uniform(0.2, 0.8) * H, r:uniform(14, 24) * k
    local col = { 150, 100, 50 }
    R.draw_polys(cv, { R.circle(cx, cy, rad, 90, 1), R.circle(cx, cy, rad - 1.2 * k, 90, -1) }, col, 0.45, "mul")
    R.draw_polys(cv, { R.circle(cx + 2 * k, cy + 1 * k, rad - 1.5 * k, 90, 1) }, col, 0.12, "mul")
    meta.deg[#meta.deg + 1] = "coffee_stain"
  end
  if meta.bleed then
    -- mirrored faint text from the reverse side
    local f = L.FONTS[meta.font]
    for line = 1, 30 do
      local y = (30 + line * 8) * k
      local s = C.scen[(line % #C.scen) + 1].hx[1]:sub(1, 70)
      local x = W - 20 * k
      local sc = 10 * dpi / 72 / f.unitsPerEm
      for _, cp in utf8.codes(s) do
        local g = f:glyph_index(cp)
        local adv = f:advance(g) * sc
        x = x - adv
        if cp ~= 32 then
          local bm = R.glyph_bitmap(f, g, 10 * dpi / 72, nil, 0)
          if bm then
            local mb = { x0 = -bm.x0 - bm.w + 1, y0 = bm.y0, w = bm.w, h = bm.h, cov = {} }
            for yy = 0, bm.h - 1 do for xx = 0, bm.w - 1 do mb.cov[yy * bm.w + (bm.w - 1 - xx) + 1] = bm.cov[yy * bm.w + xx + 1] end end
            R.composite(cv, mb, floor(x + adv), floor(y), 60, 0.13, "mul")
          end
        end
      end
    end
    meta.deg[#meta.deg + 1] = "bleed_through"
  end
end

local function rotate_small(cv, ang, bg)
  local W, H = cv.w, cv.h
  local ca, sa = cos(ang), sin(ang)
  local cx, cy = W / 2, H / 2
  for c = 1, cv.ch do
    local P = cv[c]
    local Q = {}
    local b = (type(bg) == "table") and bg[c] or bg
    for y = 0, H - 1 do
      local dy = y - cy
      local sx0 = cx + (0 - cx) * ca + dy * sa
      local sy0 = cy - (0 - cx) * sa + dy * ca
      local row = y * W
      local sx, sy = sx0, sy0
      for x = 0, W - 1 do
        local ix, iy = floor(sx), floor(sy)
        local v
        if ix >= 0 and iy >= 0 and ix < W - 1 and iy < H - 1 then
          local fx, fy = sx - ix, sy - iy
          local i = iy * W + ix + 1
          local a, bb = P[i], P[i + 1]
          local c2, d = P[i + W], P[i + W + 1]
          local top = a + (bb - a) * fx
          v = floor(top + ((c2 + (d - c2) * fx) - top) * fy + 0.5)
        else v = b end
        Q[row + x + 1] = v
        sx = sx + ca; sy = sy - sa
      end
    end
    cv[c] = Q
  end
end

local function rotate90s(cv, deg)
  if deg == 0 then return end
  local W, H = cv.w, cv.h
  for c = 1, cv.ch do
    local P, Q = cv[c], {}
    if deg == 180 then local n = W * H; for i = 1, n do Q[i] = P[n - i + 1] end
    elseif deg == 90 then -- clockwise: new W=H, new H=W; new(x',y') = old(x=y', y=H-1-x')
      for y = 0, W - 1 do for x = 0, H - 1 do Q[y * H + x + 1] = P[(H - 1 - x) * W + y + 1] end end
    else
      for y = 0, W - 1 do for x = 0, H - 1 do Q[y * H + x + 1] = P[x * W + (W - 1 - y) + 1] end end
    end
    cv[c] = Q
  end
  if deg ~= 180 then cv.w, cv.h = H, W end
end

local function finish_pass(cv, r, meta, diff)
  local W, H = cv.w, cv.h
  -- tone LUT: low contrast (pencil grey), photocopy darkening
  local lut = {}
  local lo, hi, gamma = 0, 255, 1
  if meta.lowcontrast then lo = 95; meta.deg[#meta.deg + 1] = "low_contrast_grey_print" end
  if meta.photocopy then gamma = 1.5; hi = 235; meta.deg[#meta.deg + 1] = "photocopy_darkening" end
  for v = 0, 255 do lut[v] = floor(lo + (hi - lo) * ((v / 255) ^ gamma) + 0.5) end
  local amp = (diff == "clean") and 2 or ((diff == "moderate") and 7 or 14)
  local noise = {}
  for i = 0, 8191 do noise[i] = floor(r:gauss() * amp + 0.5) end
  local gx = r:uniform(-0.06, 0.06); local gy = r:uniform(-0.06, 0.06)
  if diff == "clean" then gx, gy = 0, 0 end
  local shadow = meta.edgeshadow and floor(W * 0.03) or 0
  local fold = meta.bookfold and floor(W * r:uniform(0.45, 0.55)) or nil
  local streaks = {}
  if meta.streaks then for _ = 1, r:int(2, 5) do streaks[r:int(0, W - 1)] = r:int(40, 110) end end
  local colmul = {}
  for x = 0, W - 1 do
    local m = 1 + gx * (x / W - 0.5)
    if x < shadow then m = m * (0.55 + 0.45 * x / shadow) end
    if fold then local dx = math.abs(x - fold) / (W * 0.05); if dx < 1 then m = m * (0.6 + 0.4 * dx * dx) end end
    colmul[x] = m
  end
  local seed = r:int(0, 8191)
  local toner = meta.tonerloss
  for c = 1, cv.ch do
    local P = cv[c]
    local ni = seed + c * 977
    for y = 0, H - 1 do
      local rm = 1 + gy * (y / H - 0.5)
      local row = y * W + 1
      ni = (ni + 1237 * y) & 8191
      for x = 0, W - 1 do
        local i = row + x
        local v = lut[P[i]] * rm * colmul[x]
        ni = (ni + 1) & 8191
        v = v + noise[ni]
        local s = streaks[x]; if s then v = v - s * 0.4 end
        if v < 0 then v = 0 elseif v > 255 then v = 255 end
        P[i] = floor(v)
      end
    end
  end
  if meta.streaks then meta.deg[#meta.deg + 1] = "copier_streaks" end
  if meta.edgeshadow then meta.deg[#meta.deg + 1] = "edge_shadow" end
  if fold then meta.deg[#meta.deg + 1] = "book_fold_shadow" end
  if toner then
    -- toner dropout: random white blotches
    for _ = 1, floor(W * H / 6000) do
      local x, y = r:int(0, W - 1), r:int(0, H - 1)
      local rad = r:int(1, 3)
      for yy = max(0, y - rad), min(H - 1, y + rad) do for xx = max(0, x - rad), min(W - 1, x + rad) do
        for c = 1, cv.ch do local i = yy * W + xx + 1; cv[c][i] = floor(cv[c][i] + (235 - cv[c][i]) * 0.7) end end end
    end
    meta.deg[#meta.deg + 1] = "toner_loss"
  end
  if meta.holes then
    for _, yy in ipairs({ 0.3, 0.7 }) do
      R.draw_polys(cv, { R.circle(W * 0.04, H * yy, W * 0.012, 40, 1) }, 35, 1)
    end
    meta.deg[#meta.deg + 1] = "punch_holes"
  end
  if meta.staple then
    local x, y = W * 0.05, H * 0.03
    R.draw_polys(cv, R.stroke({ x, y, x + W * 0.03, y + W * 0.012 }, max(2, W / 600)), 70, 1)
    meta.deg[#meta.deg + 1] = "staple"
  end
end

local function blur(cv)
  local W, H = cv.w, cv.h
  for c = 1, cv.ch do
    local P = cv[c]
    local Q = {}
    for y = 0, H - 1 do
      local row = y * W + 1
      Q[row] = P[row]; Q[row + W - 1] = P[row + W - 1]
      for x = 1, W - 2 do local i = row + x; Q[i] = (P[i - 1] + 2 * P[i] + P[i + 1]) >> 2 end
    end
    for i = 1, W do P[i] = Q[i]; P[(H - 1) * W + i] = Q[(H - 1) * W + i] end
    for i = W + 1, (H - 1) * W do P[i] = (Q[i - W] + 2 * Q[i] + Q[i + W]) >> 2 end
  end
end

local function tobits(cv, thr)
  local P = cv[1]
  if cv.ch == 3 then local G = cv[2]; local B = cv[3]; local Y = {}; for i = 1, cv.w * cv.h do Y[i] = (P[i] * 77 + G[i] * 150 + B[i] * 29) >> 8 end; P = Y end
  local b = {}
  for i = 1, cv.w * cv.h do b[i] = (P[i] < thr) and 1 or 0 end
  return b
end

local function fax(cv, r, meta)
  -- 200x100 dpi: average row pairs, threshold, banding dropouts
  local W, H = cv.w, cv.h
  local P = cv[1]
  local H2 = H // 2
  local bits = {}
  local bands = {}
  for _ = 1, r:int(3, 7) do local y0 = r:int(0, H2 - 1); for y = y0, min(H2 - 1, y0 + r:int(1, 4)) do bands[y] = r:chance(0.5) and 1 or 2 end end
  for y = 0, H2 - 1 do
    local b = bands[y]
    for x = 0, W - 1 do
      local v = (P[2 * y * W + x + 1] + P[(2 * y + 1) * W + x + 1]) >> 1
      local bit = (v < 150) and 1 or 0
      if b == 1 and (x % 7 < 3) then bit = 0 elseif b == 2 and (x + y) % 11 == 0 then bit = 1 end
      bits[y * W + x + 1] = bit
    end
  end
  meta.deg[#meta.deg + 1] = "fax_200x100_banding"
  return bits, W, H2
end

---------------------------------------------------------------- per-document
local man_out = io.open(OUT .. "/manifest.part." .. FIRST, "w")
for n = FIRST, LAST, STEP do
  local t0 = os.clock()
  local spec = plan(n)
  local r = U.rng("ocr22:doc:" .. n)
  local d
  if spec.dtype == "continuation_sheet" then spec.font, spec.fontb = "aerial", "aerialb"; d = Dc.continuation(spec, r) else d = Dc.build(spec, r) end
  local npages = #d.pages
  local name = string.format("doc%02d", n)
  local fonts_used = {}
  local fu = {}
  for _, pg in ipairs(d.pages) do for _, o in ipairs(pg.ops) do if o.t == "text" and not fu[o.f] then fu[o.f] = true; fonts_used[#fonts_used + 1] = FONTNAMES[o.f] end end end
  local pmeta = {}
  local outpages = {}
  local fmt = spec.fmt
  for pi, pg in ipairs(d.pages) do
    local pr = U.rng("ocr22:doc:" .. n .. ":page:" .. pi)
    -- difficulty: ~20% clean, ~20% hard
    local h = (n * 7 + pi * 3) % 10
    local diff = (h < 2) and "clean" or ((h >= 8) and "hard" or "moderate")
    if fmt == "tif_g3_fax" then diff = (diff == "clean") and "moderate" or diff end
    local meta = { deg = {}, overlay = {}, distractors = d.distractors, font = spec.font, pen = pr:pick({ { 25, 35, 120 }, { 20, 20, 20 } }) }
    local colour = spec.colourfmt and true or false
    if fmt == "pdf_mixed" and pi == 2 then colour = false end
    meta.paper = PAPERS[1]
    if colour and pr:chance(0.6) then meta.paper = PAPERS[pr:int(2, #PAPERS)]; meta.deg[#meta.deg + 1] = "coloured_paper" end
    meta.colourhead = true
    if spec.thin or (diff == "hard" and pr:chance(0.4)) then meta.lowcontrast = true end
    if diff ~= "clean" then
      meta.stamp = pr:chance(0.55); meta.annot = pr:chance(0.45); meta.highlight = pr:chance(0.3); meta.coffee = pr:chance(0.2)
      meta.holes = pr:chance(0.25); meta.staple = pr:chance(0.2); meta.edgeshadow = pr:chance(0.3)
    end
    if diff == "hard" then
      meta.photocopy = pr:chance(0.6); meta.tonerloss = pr:chance(0.6); meta.streaks = pr:chance(0.5); meta.bleed = pr:chance(0.5)
      meta.bookfold = pr:chance(0.3); meta.stamp = true
    end
    local dpi = spec.dpi
    if pg.w < 150 and pg.h < 220 and dpi == 300 then dpi = 400 end -- small slips/A5 at 400 dpi
    local cv, k = render(pg, spec, dpi, colour, pr, meta)
    overlays(cv, pg, k, pr, dpi, meta, diff, colour)
    local ang = 0
    if diff == "clean" then ang = pr:uniform(-0.4, 0.4) elseif diff == "moderate" then ang = pr:uniform(-1.5, 1.5) else ang = pr:uniform(-3, 3) end
    ang = floor(ang * 100 + 0.5) / 100
    if math.abs(ang) >= 0.05 then rotate_small(cv, ang * math.pi / 180, (pr:chance(0.5) and diff ~= "clean") and 60 or (colour and meta.paper or R.lum(meta.paper))) ; meta.deg[#meta.deg + 1] = string.format("skew_%.2fdeg", ang) end
    finish_pass(cv, pr, meta, diff)
    if diff == "hard" and pr:chance(0.6) then blur(cv); meta.deg[#meta.deg + 1] = "blur" end
    local rot = 0
    if (n % 9 == 4 and pi == 1) or (n == 17 and pi == 1) then rot = ({ 90, 180, 270 })[(n % 3) + 1] end
    if n == 27 and pi == 1 then rot = 180 end
    rotate90s(cv, rot)
    pmeta[pi] = { diff = diff, deg = meta.deg, rot = rot, dpi = dpi, overlay = meta.overlay, wmm = pg.w, hmm = pg.h, cv = cv, colour = colour }
    for _, o in ipairs(meta.overlay) do d.overlay[#d.overlay + 1] = o end
  end
  -- encode
  local ext, data
  local checks = {}
  local fmtname
  if fmt:match("^tif") then
    ext = "tif"
    local tp = {}
    for pi, pm in ipairs(pmeta) do
      local cv = pm.cv
      local pgt = { w = cv.w, h = cv.h, xdpi = pm.dpi, ydpi = pm.dpi, rps = (n % 2 == 0) and 64 or 128 }
      if fmt == "tif_g4" then pgt.kind = "bilevel"; pgt.comp = 4; pgt.data = tobits(cv, 150); pm.deg[#pm.deg + 1] = "bilevel_threshold"
      elseif fmt == "tif_g3_fax" then
        pgt.kind = "bilevel"; pgt.comp = 3; pgt.data, pgt.w, pgt.h = fax(cv, U.rng(name .. pi), { deg = pm.deg }); pgt.xdpi, pgt.ydpi = 200, 100
      else
        pgt.kind = "grey"; if cv.ch == 3 then pgt.data = tobits(cv, 256) end
        local P = cv[1]; pgt.data = P
        pgt.comp = ({ tif_lzw = 5, tif_deflate = 8, tif_packbits = 32773, tif_none = 1 })[fmt]
      end
      tp[pi] = pgt
    end
    data = F.tiff(tp, (n % 2 == 0) and "MM" or "II")
    local back = F.read_tiff(data)
    assert(#back == #tp, "tiff page count")
    for pi, bp in ipairs(back) do
      local src = tp[pi].data
      for i = 1, #src do if bp.data[i] ~= src[i] then error(name .. ": tiff roundtrip mismatch page " .. pi) end end
    end
    checks[#checks + 1] = "own TIFF reader decoded all " .. #back .. " page(s) pixel-exact"
    fmtname = ({ tif_g4 = "TIFF G4 (CCITT T.6) bilevel", tif_g3_fax = "TIFF G3 1-D (fax 200x100 dpi)", tif_lzw = "TIFF LZW greyscale", tif_deflate = "TIFF Deflate greyscale", tif_packbits = "TIFF PackBits greyscale", tif_none = "TIFF uncompressed greyscale" })[fmt]
    fmtname = fmtname .. ((n % 2 == 0) and ", big-endian" or ", little-endian") .. ((#tp > 1) and ", multi-page" or "")
  elseif fmt:match("^jpg") then
    ext = "jpg"
    local pm = pmeta[1]; local cv = pm.cv
    local q = 40 + (n * 13) % 46
    if pm.diff == "clean" then q = max(q, 75) end
    local img = { w = cv.w, h = cv.h, ch = cv.ch, cv[1], cv[2], cv[3] }
    data = F.jpeg(img, { quality = q, dpi = pm.dpi, subsample = (n % 2 == 1) })
    assert(data:sub(-2) == "\255\217")
    checks[#checks + 1] = "JPEG markers parsed"
    fmtname = string.format("JPEG baseline %s q%d%s", (cv.ch == 3) and "colour" or "greyscale", q, (cv.ch == 3 and n % 2 == 1) and " 4:2:0" or "")
    if q < 60 then pm.deg[#pm.deg + 1] = "jpeg_blocking" end
  elseif fmt:match("^png") then
    ext = "png"
    local pm = pmeta[1]; local cv = pm.cv
    local img = { w = cv.w, h = cv.h, ch = cv.ch, cv[1], cv[2], cv[3] }
    local pal = fmt == "png_palette"; local inter = fmt:match("interlaced") ~= nil
    data = F.png(img, { dpi = pm.dpi, palette = pal, interlace = inter })
    local back = F.read_png(data)
    assert(back.w == cv.w and back.h == cv.h)
    if not pal then for i = 1, cv.w * cv.h * back.bpp do local c = (i - 1) % back.bpp + 1; if back.data[i] ~= img[c][(i - 1) // back.bpp + 1] then error(name .. " png mismatch") end end end
    checks[#checks + 1] = "own PNG reader (CRC, inflate, unfilter" .. (inter and ", Adam7" or "") .. ") decoded " .. (pal and "palette image" or "pixel-exact")
    fmtname = "PNG " .. (pal and "palette" or ((cv.ch == 3) and "RGB" or "greyscale")) .. (inter and " Adam7-interlaced" or "")
  else
    ext = "pdf"
    local pp = {}
    for pi, pm in ipairs(pmeta) do
      local cv = pm.cv
      local wpt, hpt = cv.w * 72 / pm.dpi, cv.h * 72 / pm.dpi
      local im
      local kind = fmt
      if fmt == "pdf_mixed" then kind = (pi == 1) and "pdf_dct" or "pdf_ccitt" end
      if kind == "pdf_dct" then
        im = { w = cv.w, h = cv.h, filter = "DCTDecode", cs = (cv.ch == 3) and "DeviceRGB" or "DeviceGray", bpc = 8,
          data = F.jpeg({ w = cv.w, h = cv.h, ch = cv.ch, cv[1], cv[2], cv[3] }, { quality = 55 + (n * 5 + pi) % 30, dpi = pm.dpi, subsample = true }) }
      elseif kind == "pdf_ccitt" then
        im = { w = cv.w, h = cv.h, filter = "CCITTFaxDecode", cs = "DeviceGray", bpc = 1, data = C and require("ccitt").encode_g4(tobits(cv, 150), cv.w, 0, cv.h) }
        pm.deg[#pm.deg + 1] = "bilevel_threshold"
      else
        local P = cv[1]
        if cv.ch == 3 then P = tobits(cv, 256) end
        im = { w = cv.w, h = cv.h, filter = "FlateDecode", cs = "DeviceGray", bpc = 8, data = require("deflate").zlib(P) }
      end
      local rotate = 0
      if n == 13 and pi == 1 then rotate = 90 end
      pp[pi] = { wpt = wpt, hpt = hpt, img = im, rotate = rotate }
      pm.pdf_rotate = rotate
      pm.pdf_filter = im.filter
    end
    -- letter-size page for some PDFs (image placed on Letter media)
    data = F.pdf(pp)
    local info = F.check_pdf(data)
    assert(#info == #pp, "pdf page count")
    for pi, inf in ipairs(info) do
      if inf.filter == "FlateDecode" then local s = require("deflate").unzlib(inf.data); assert(#s == inf.w * inf.h) end
      if inf.filter == "CCITTFaxDecode" then require("ccitt").decode_g4(inf.data, inf.w, inf.h) end
    end
    checks[#checks + 1] = "own PDF parser: xref walked, " .. #info .. " page(s), image-only, no fonts/text operators"
    fmtname = "PDF image-only (" .. (fmt == "pdf_mixed" and "DCTDecode + CCITTFaxDecode, mixed page sizes" or (fmt == "pdf_dct" and "DCTDecode" or (fmt == "pdf_ccitt" and "CCITTFaxDecode G4" or "FlateDecode greyscale"))) .. ")"
  end
  local fname = name .. "." .. ext
  local fh = io.open(OUT .. "/" .. fname, "wb"); fh:write(data); fh:close()
  -- ground truth
  local gtp = {}
  for pi, pg in ipairs(d.pages) do
    local lines = {}
    for _, ln in ipairs(pg.gt) do
      ln = ln:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
      if ln ~= "" then lines[#lines + 1] = ln end
    end
    gtp[pi] = table.concat(lines, "\n")
  end
  local gh = io.open(OUT .. "/" .. name .. ".gt.txt", "wb"); gh:write(table.concat(gtp, "\n\f\n") .. "\n"); gh:close()
  local p = d.patient
  local diffs, degs, rots, dpis, sizes = {}, {}, {}, {}, {}
  for pi, pm in ipairs(pmeta) do
    diffs[pi] = pm.diff; degs[pi] = pm.deg; rots[pi] = pm.rot; dpis[pi] = pm.dpi
    local sname = "A4"
    for k2, s in pairs(Dc.SIZES) do if math.abs(s[1] - pm.wmm) < 0.5 and math.abs(s[2] - pm.hmm) < 0.5 then sname = k2 end end
    sizes[pi] = sname
  end
  if fmt == "tif_g3_fax" then for pi = 1, #dpis do dpis[pi] = "200x100" end end
  local ov = {}
  for _, o in ipairs(d.overlay) do ov[#ov + 1] = o end
  local rec = { __order = { "file", "ground_truth", "document_type", "kind", "pages", "nhs_number", "date_of_birth", "nhs_as_printed", "dob_as_printed",
    "degradations", "difficulty", "rotation_clockwise_deg", "format", "dpi", "page_sizes", "fonts", "overlay_text_not_in_gt", "distractors", "pdf_page_rotate", "checks" },
    file = fname, ground_truth = name .. ".gt.txt", document_type = spec.dtype, kind = d.kind, pages = #pmeta,
    nhs_number = p.nhs, date_of_birth = C.iso(p.dob), nhs_as_printed = d.nhs_as_printed, dob_as_printed = d.dob_as_printed,
    degradations = degs, difficulty = diffs, rotation_clockwise_deg = rots, format = fmtname, dpi = dpis, page_sizes = sizes,
    fonts = fonts_used, overlay_text_not_in_gt = ov, distractors = d.distractors, checks = checks }
  if ext == "pdf" then local pr_ = {}; for pi, pm in ipairs(pmeta) do pr_[pi] = pm.pdf_rotate or 0 end; rec.pdf_page_rotate = pr_ end
  man_out:write(U.json(rec), "\n"); man_out:flush()
  io.stderr:write(string.format("%s %s %d page(s) %.1fs\n", fname, fmt, #pmeta, os.clock() - t0))
  pmeta = nil; collectgarbage()
end
man_out:close()
