-- formats.lua: own PNG, TIFF (none/PackBits/LZW/Deflate/G3/G4), JPEG baseline, PDF writers + readers/checks
local U = require("util")
local D = require("deflate")
local C = require("ccitt")
local M = {}
local floor, min, max = math.floor, math.min, math.max

---------------------------------------------------------------- PNG
local function chunk(t, body) return string.pack(">I4", #body) .. t .. body .. string.pack(">I4", U.crc32(t .. body)) end

-- img: {w,h,ch (1 grey,3 rgb), [1..ch] arrays}; opts: palette (bool), interlace (bool), dpi
local ADAM = { {0,0,8,8}, {4,0,8,8}, {0,4,4,8}, {2,0,4,4}, {0,2,2,4}, {1,0,2,2}, {0,1,1,2} }

local function palettize(img)
  -- 5-bit-per-channel histogram, keep 256 most frequent, map bins to nearest
  local W, H = img.w, img.h
  local R, G, B = img[1], img[2], img[3]
  local hist = {}
  local n = W * H
  local bin = {}
  for i = 1, n do
    local k = ((R[i] >> 3) << 10) | ((G[i] >> 3) << 5) | (B[i] >> 3)
    bin[i] = k
    hist[k] = (hist[k] or 0) + 1
  end
  local keys = {}
  for k in pairs(hist) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) if hist[a] ~= hist[b] then return hist[a] > hist[b] end return a < b end)
  local pal = {}
  for i = 1, min(256, #keys) do pal[i] = keys[i] end
  local map = {}
  local function rgb(k) return ((k >> 10) & 31) * 8 + 4, ((k >> 5) & 31) * 8 + 4, (k & 31) * 8 + 4 end
  for _, k in ipairs(keys) do
    local r, g, b = rgb(k)
    local best, bd = 0, 1e9
    for i, pk in ipairs(pal) do
      local pr, pg, pb = rgb(pk)
      local d = (r - pr) ^ 2 + (g - pg) ^ 2 + (b - pb) ^ 2
      if d < bd then bd, best = d, i - 1 end
    end
    map[k] = best
  end
  local idx = {}
  for i = 1, n do idx[i] = map[bin[i]] end
  local plte = {}
  for _, pk in ipairs(pal) do local r, g, b = rgb(pk); plte[#plte + 1] = string.char(r, g, b) end
  return idx, table.concat(plte)
end

local function filter_rows(src, W, H, bpp, getpix)
  -- produce byte array: per row filter byte (Sub for first row / Up otherwise)
  local out, o = {}, 0
  local prev
  for y = 0, H - 1 do
    local row = {}
    for x = 0, W * bpp - 1 do row[x + 1] = getpix(x, y) end
    o = o + 1
    if y == 0 or not prev then
      out[o] = 1
      for x = 1, W * bpp do local l = (x > bpp) and row[x - bpp] or 0; o = o + 1; out[o] = (row[x] - l) & 255 end
    else
      out[o] = 2
      for x = 1, W * bpp do o = o + 1; out[o] = (row[x] - prev[x]) & 255 end
    end
    prev = row
  end
  return out
end

function M.png(img, opts)
  local W, H = img.w, img.h
  local ctype, bpp, planes, plte
  if opts.palette then
    local idx; idx, plte = palettize(img); ctype = 3; bpp = 1; planes = { idx }
  elseif img.ch == 1 then ctype = 0; bpp = 1; planes = { img[1] }
  else ctype = 2; bpp = 3; planes = { img[1], img[2], img[3] } end
  local raw
  local function px(plW, ox, oy, dx, dy)
    return function(x, y)
      local px_ = x // bpp; local c = x % bpp
      local sx, sy = ox + px_ * dx, oy + y * dy
      return planes[c + 1][sy * W + sx + 1]
    end
  end
  if opts.interlace then
    local parts = {}
    for _, a in ipairs(ADAM) do
      local ox, oy, dx, dy = a[1], a[2], a[3], a[4]
      local pw = (W - ox + dx - 1) // dx; local ph = (H - oy + dy - 1) // dy
      if pw > 0 and ph > 0 then
        local f = filter_rows(nil, pw, ph, bpp, px(pw, ox, oy, dx, dy))
        parts[#parts + 1] = U.bytes_to_string(f)
      end
    end
    raw = table.concat(parts)
  else
    raw = U.bytes_to_string(filter_rows(nil, W, H, bpp, px(W, 0, 0, 1, 1)))
  end
  local ppm = floor(opts.dpi / 0.0254 + 0.5)
  local z = D.zlib(raw)
  local s = "\137PNG\r\n\26\n" .. chunk("IHDR", string.pack(">I4I4BBBBB", W, H, 8, ctype, 0, 0, opts.interlace and 1 or 0))
  if plte then s = s .. chunk("PLTE", plte) end
  s = s .. chunk("pHYs", string.pack(">I4I4B", ppm, ppm, 1))
  for i = 1, #z, 65536 do s = s .. chunk("IDAT", z:sub(i, i + 65535)) end
  return s .. chunk("IEND", "")
end

local function paeth(a, b, c)
  local p = a + b - c
  local pa, pb, pc = math.abs(p - a), math.abs(p - b), math.abs(p - c)
  if pa <= pb and pa <= pc then return a elseif pb <= pc then return b end
  return c
end

-- own PNG reader: returns {w,h,ctype,planes...} (palette indices expanded to RGB)
function M.read_png(s)
  assert(s:sub(1, 8) == "\137PNG\r\n\26\n", "png sig")
  local p = 9
  local W, H, depth, ctype, inter
  local idat, plte = {}, nil
  local dpi
  while p <= #s do
    local len, t = string.unpack(">I4c4", s, p)
    local body = s:sub(p + 8, p + 7 + len)
    local crc = string.unpack(">I4", s, p + 8 + len)
    assert(crc == U.crc32(t .. body), "png crc " .. t)
    if t == "IHDR" then W, H, depth, ctype, _, _, inter = string.unpack(">I4I4BBBBB", body)
    elseif t == "PLTE" then plte = body
    elseif t == "pHYs" then local x = string.unpack(">I4", body); dpi = x * 0.0254
    elseif t == "IDAT" then idat[#idat + 1] = body
    elseif t == "IEND" then break end
    p = p + 12 + len
  end
  assert(depth == 8, "depth")
  local _, data = D.unzlib(table.concat(idat))
  local bpp = (ctype == 2) and 3 or 1
  local out = {}
  local pos = 1
  local function unfilter(pw, ph, ox, oy, dx, dy)
    local prev = {}
    for i = 1, pw * bpp do prev[i] = 0 end
    for y = 0, ph - 1 do
      local ft = data[pos]; pos = pos + 1
      local row = {}
      for i = 1, pw * bpp do
        local x = data[pos]; pos = pos + 1
        local a = (i > bpp) and row[i - bpp] or 0
        local b = prev[i]; local c = (i > bpp) and prev[i - bpp] or 0
        if ft == 1 then x = x + a elseif ft == 2 then x = x + b elseif ft == 3 then x = x + ((a + b) >> 1)
        elseif ft == 4 then x = x + paeth(a, b, c) elseif ft ~= 0 then error("png filter") end
        row[i] = x & 255
      end
      for xx = 0, pw - 1 do
        local di = ((oy + y * dy) * W + ox + xx * dx) * bpp
        for c = 1, bpp do out[di + c] = row[xx * bpp + c] end
      end
      prev = row
    end
  end
  if inter == 1 then
    for _, a in ipairs(ADAM) do
      local pw = (W - a[1] + a[3] - 1) // a[3]; local ph = (H - a[2] + a[4] - 1) // a[4]
      if pw > 0 and ph > 0 then unfilter(pw, ph, a[1], a[2], a[3], a[4]) end
    end
  else unfilter(W, H, 0, 0, 1, 1) end
  return { w = W, h = H, ctype = ctype, data = out, bpp = bpp, plte = plte, dpi = dpi, interlace = inter }
end

---------------------------------------------------------------- TIFF codecs
function M.packbits(b, i0, i1)
  local out, o = {}, 0
  local i = i0
  while i <= i1 do
    local j = i
    while j < i1 and b[j + 1] == b[i] and j - i < 127 do j = j + 1 end
    if j > i then
      o = o + 1; out[o] = 257 - (j - i + 1); o = o + 1; out[o] = b[i]; i = j + 1
    else
      local k = i
      while k < i1 and k - i < 127 and not (b[k + 1] == b[k] and k + 2 <= i1 and b[k + 2] == b[k]) do k = k + 1 end
      o = o + 1; out[o] = k - i
      for q = i, k do o = o + 1; out[o] = b[q] end
      i = k + 1
    end
  end
  return U.bytes_to_string(out)
end
function M.unpackbits(s, n)
  local out, o, p = {}, 0, 1
  while o < n do
    local c = s:byte(p); p = p + 1
    if c < 128 then for k = 0, c do o = o + 1; out[o] = s:byte(p + k) end; p = p + c + 1
    elseif c > 128 then local v = s:byte(p); p = p + 1; for _ = 1, 257 - c do o = o + 1; out[o] = v end end
  end
  return out
end

function M.lzw(b, i0, i1)
  local w = U.msb_writer()
  local dict = {}
  local width, nextc = 9, 258
  w:put(256, 9)
  local ent = b[i0]
  for i = i0 + 1, i1 do
    local c = b[i]
    local key = (ent << 8) | c
    local f = dict[key]
    if f then ent = f
    else
      w:put(ent, width)
      dict[key] = nextc; nextc = nextc + 1
      ent = c
      if nextc == 4094 then w:put(256, width); dict = {}; nextc = 258; width = 9
      elseif nextc > (1 << width) - 1 then width = width + 1 end
    end
  end
  w:put(ent, width)
  nextc = nextc + 1
  if nextc == 4094 then w:put(256, width); width = 9 elseif nextc > (1 << width) - 1 then width = width + 1 end
  w:put(257, width)
  return w:finish()
end
function M.unlzw(s)
  local out, o = {}, 0
  local p, nbits = 0, #s * 8
  local width = 9
  local tab = {}
  local nextc = 258
  local prev
  local function get()
    local v = 0
    for _ = 1, width do
      local b = (p < nbits) and ((s:byte((p >> 3) + 1) >> (7 - (p & 7))) & 1) or 0
      v = (v << 1) | b; p = p + 1
    end
    return v
  end
  local function str(c) if c < 256 then return { c } end return tab[c] end
  while true do
    local c = get()
    if c == 257 then break end
    if c == 256 then tab = {}; nextc = 258; width = 9; prev = nil
    else
      local cur
      if prev == nil then cur = str(c)
      else
        local ps = str(prev)
        if c < nextc then cur = str(c) else cur = { table.unpack(ps) }; cur[#cur + 1] = ps[1] end
        local ne = { table.unpack(ps) }; ne[#ne + 1] = cur[1]
        tab[nextc] = ne; nextc = nextc + 1
        if nextc >= (1 << width) - 1 and width < 12 then width = width + 1 end
      end
      for k = 1, #cur do o = o + 1; out[o] = cur[k] end
      prev = c
    end
    if p > nbits then error("lzw: overrun") end
  end
  return out
end

---------------------------------------------------------------- TIFF writer
-- pages: list of {w,h,kind='bilevel'|'grey'|'rgb', data=flat bytes (bilevel: 0/1 black=1; grey: 0..255; rgb interleaved),
--   comp=1|3|4|5|8|32773, xdpi, ydpi, rps}
function M.tiff(pages, bo)
  local e = bo == "MM" and ">" or "<"
  local parts, off = { bo == "MM" and "MM\0\42" or "II\42\0", "" }, 8
  local ifdoff_pos = nil
  local layouts = {}
  for pi, pg in ipairs(pages) do
    local strips = {}
    local W, H = pg.w, pg.h
    local rps = pg.rps or 64
    local spp = pg.kind == "rgb" and 3 or 1
    for r0 = 0, H - 1, rps do
      local nr = min(rps, H - r0)
      local sdata
      if pg.kind == "bilevel" then
        if pg.comp == 4 then sdata = C.encode_g4(pg.data, W, r0, nr)
        elseif pg.comp == 3 then sdata = C.encode_g3(pg.data, W, r0, nr)
        else
          -- pack bits, WhiteIsZero: 1 = black
          local bytes, o = {}, 0
          local rb = (W + 7) // 8
          for y = r0, r0 + nr - 1 do
            for bx = 0, rb - 1 do
              local v = 0
              for k = 0, 7 do local x = bx * 8 + k; v = (v << 1) | ((x < W) and pg.data[y * W + x + 1] or 0) end
              o = o + 1; bytes[o] = v
            end
          end
          sdata = (pg.comp == 32773) and M.packbits(bytes, 1, o) or U.bytes_to_string(bytes)
        end
      else
        local i0, i1 = r0 * W * spp + 1, (r0 + nr) * W * spp
        if pg.comp == 1 then sdata = U.bytes_to_string(pg.data, i0, i1)
        elseif pg.comp == 32773 then
          local rb = W * spp; local ps = {}
          for y = 0, nr - 1 do ps[#ps + 1] = M.packbits(pg.data, i0 + y * rb, i0 + (y + 1) * rb - 1) end
          sdata = table.concat(ps)
        elseif pg.comp == 5 then sdata = M.lzw(pg.data, i0, i1)
        elseif pg.comp == 8 then sdata = D.zlib(table.move(pg.data, i0, i1, 1, {}))
        else error("comp") end
      end
      strips[#strips + 1] = sdata
    end
    local offs, cnts = {}, {}
    for _, s in ipairs(strips) do
      if #s % 2 == 1 then s = s .. "\0" end
      parts[#parts + 1] = s; offs[#offs + 1] = off; cnts[#cnts + 1] = #s; off = off + #s
    end
    layouts[pi] = { offs = offs, cnts = cnts, cntsreal = nil }
    for k, s in ipairs(strips) do cnts[k] = #s end
  end
  -- IFDs
  for pi, pg in ipairs(pages) do
    local L = layouts[pi]
    local spp = pg.kind == "rgb" and 3 or 1
    local tags = {}
    local function tag(id, typ, vals) tags[#tags + 1] = { id, typ, vals } end
    tag(254, 4, { (#pages > 1) and 2 or 0 })
    tag(256, 4, { pg.w }); tag(257, 4, { pg.h })
    tag(258, 3, pg.kind == "bilevel" and { 1 } or (spp == 3 and { 8, 8, 8 } or { 8 }))
    tag(259, 3, { pg.comp })
    tag(262, 3, { pg.kind == "bilevel" and 0 or (spp == 3 and 2 or 1) })
    tag(273, 4, L.offs)
    tag(277, 3, { spp })
    tag(278, 4, { pg.rps or 64 })
    tag(279, 4, L.cnts)
    tag(282, 5, { pg.xdpi, 1 }); tag(283, 5, { pg.ydpi, 1 })
    if pg.comp == 3 then tag(292, 4, { 0 }) end
    if pg.comp == 4 then tag(293, 4, { 0 }) end
    tag(296, 3, { 2 })
    if #pages > 1 then tag(297, 3, { pi - 1, #pages }) end
    local n = #tags
    local ifdsize = 2 + 12 * n + 4
    local extra_off = off + ifdsize
    local extras = {}
    local ent = {}
    for _, t in ipairs(tags) do
      local id, typ, vals = t[1], t[2], t[3]
      local sz = (typ == 3) and 2 or ((typ == 5) and 8 or 4)
      local count = (typ == 5) and (#vals // 2) or #vals
      local fmt = (typ == 3) and "I2" or "I4"
      local blob = {}
      for _, v in ipairs(vals) do blob[#blob + 1] = string.pack(e .. fmt, v) end
      blob = table.concat(blob)
      local field
      if #blob <= 4 then field = blob .. string.rep("\0", 4 - #blob)
      else
        field = string.pack(e .. "I4", extra_off); extras[#extras + 1] = blob; extra_off = extra_off + #blob
        if #blob % 2 == 1 then extras[#extras + 1] = "\0"; extra_off = extra_off + 1 end
      end
      ent[#ent + 1] = string.pack(e .. "I2I2I4", id, typ, count) .. field
    end
    local nextifd = (pi < #pages) and extra_off or 0
    if pi == 1 then parts[2] = nil end
    local ifd = string.pack(e .. "I2", n) .. table.concat(ent) .. string.pack(e .. "I4", nextifd) .. table.concat(extras)
    if pi == 1 then layouts.first = off end
    parts[#parts + 1] = ifd
    off = off + #ifd
  end
  parts[1] = parts[1] .. string.pack(e .. "I4", layouts.first)
  local out = {}
  for i = 1, #parts do if parts[i] then out[#out + 1] = parts[i] end end
  return table.concat(out)
end

-- own TIFF reader: returns list of pages {w,h,comp,kind,data,xdpi,ydpi}
function M.read_tiff(s)
  local bo = s:sub(1, 2)
  local e = (bo == "MM") and ">" or "<"
  assert(bo == "II" or bo == "MM", "tiff bo")
  assert(string.unpack(e .. "I2", s, 3) == 42, "tiff magic")
  local off = string.unpack(e .. "I4", s, 5)
  local pages = {}
  local seen = {}
  while off ~= 0 do
    assert(not seen[off], "ifd loop"); seen[off] = true
    local n = string.unpack(e .. "I2", s, off + 1)
    local tg = {}
    for i = 0, n - 1 do
      local p = off + 1 + 2 + 12 * i
      local id, typ, count = string.unpack(e .. "I2I2I4", s, p)
      local sz = (typ == 3) and 2 or ((typ == 5) and 8 or 4)
      local vp = p + 8
      if sz * count > 4 then vp = string.unpack(e .. "I4", s, p + 8) + 1 end
      local vals = {}
      if typ == 5 then for k = 0, count - 1 do local a, b = string.unpack(e .. "I4I4", s, vp + 8 * k); vals[#vals + 1] = a / b end
      else for k = 0, count - 1 do vals[#vals + 1] = string.unpack(e .. ((typ == 3) and "I2" or "I4"), s, vp + sz * k) end end
      tg[id] = vals
    end
    local W, H = tg[256][1], tg[257][1]
    local comp = tg[259][1]; local photo = tg[262][1]
    local spp = tg[277] and tg[277][1] or 1
    local bps = tg[258][1]
    local rps = tg[278] and tg[278][1] or H
    local data, o = {}, 0
    for k, so in ipairs(tg[273]) do
      local sd = s:sub(so + 1, so + tg[279][k])
      local r0 = (k - 1) * rps; local nr = min(rps, H - r0)
      local dec
      if bps == 1 then
        if comp == 4 then dec = C.decode_g4(sd, W, nr)
        elseif comp == 3 then dec = C.decode_g3(sd, W, nr)
        else
          local rb = (W + 7) // 8
          local bytes = (comp == 32773) and M.unpackbits(sd, rb * nr) or U.string_to_bytes(sd)
          dec = {}
          for y = 0, nr - 1 do for x = 0, W - 1 do dec[y * W + x + 1] = (bytes[y * rb + (x >> 3) + 1] >> (7 - (x & 7))) & 1 end end
        end
      else
        local need = W * nr * spp
        if comp == 1 then dec = U.string_to_bytes(sd)
        elseif comp == 32773 then dec = M.unpackbits(sd, need)
        elseif comp == 5 then dec = M.unlzw(sd)
        elseif comp == 8 then local _, b = D.unzlib(sd); dec = b
        else error("tiff comp " .. comp) end
        assert(#dec >= need, "short strip")
      end
      local cnt = W * nr * ((bps == 1) and 1 or spp)
      for i = 1, cnt do o = o + 1; data[o] = dec[i] end
    end
    pages[#pages + 1] = { w = W, h = H, comp = comp, photo = photo, spp = spp, bps = bps, data = data,
      xdpi = tg[282] and tg[282][1], ydpi = tg[283] and tg[283][1] }
    off = string.unpack(e .. "I4", s, off + 1 + 2 + 12 * n)
  end
  return pages
end

---------------------------------------------------------------- JPEG baseline encoder
local ZZ = {0,1,8,16,9,2,3,10,17,24,32,25,18,11,4,5,12,19,26,33,40,48,41,34,27,20,13,6,7,14,21,28,35,42,49,56,57,50,43,36,29,22,15,23,30,37,44,51,58,59,52,45,38,31,39,46,53,60,61,54,47,55,62,63}
local QL = {16,11,10,16,24,40,51,61,12,12,14,19,26,58,60,55,14,13,16,24,40,57,69,56,14,17,22,29,51,87,80,62,18,22,37,56,68,109,103,77,24,35,55,64,81,104,113,92,49,64,78,87,103,121,120,101,72,92,95,98,112,100,103,99}
local QC = {17,18,24,47,99,99,99,99,18,21,26,66,99,99,99,99,24,26,56,99,99,99,99,99,47,66,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99}
local AAN = { 1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.541196100, 0.275899379 }

local function qtable(base, quality)
  local sc = (quality < 50) and floor(5000 / quality) or (200 - quality * 2)
  local q = {}
  for i = 1, 64 do local v = floor((base[i] * sc + 50) / 100); q[i] = min(255, max(1, v)) end
  return q
end

local function fdct(b) -- b[1..64] natural order, level shifted; in place AAN
  for r = 0, 56, 8 do
    local d0, d1, d2, d3, d4, d5, d6, d7 = b[r+1], b[r+2], b[r+3], b[r+4], b[r+5], b[r+6], b[r+7], b[r+8]
    local t0, t7, t1, t6, t2, t5, t3, t4 = d0 + d7, d0 - d7, d1 + d6, d1 - d6, d2 + d5, d2 - d5, d3 + d4, d3 - d4
    local t10, t13, t11, t12 = t0 + t3, t0 - t3, t1 + t2, t1 - t2
    b[r+1] = t10 + t11; b[r+5] = t10 - t11
    local z1 = (t12 + t13) * 0.707106781
    b[r+3] = t13 + z1; b[r+7] = t13 - z1
    t10 = t4 + t5; t11 = t5 + t6; t12 = t6 + t7
    local z5 = (t10 - t12) * 0.382683433
    local z2 = 0.541196100 * t10 + z5
    local z4 = 1.306562965 * t12 + z5
    local z3 = t11 * 0.707106781
    local z11, z13 = t7 + z3, t7 - z3
    b[r+6] = z13 + z2; b[r+4] = z13 - z2; b[r+2] = z11 + z4; b[r+8] = z11 - z4
  end
  for c = 1, 8 do
    local d0, d1, d2, d3, d4, d5, d6, d7 = b[c], b[c+8], b[c+16], b[c+24], b[c+32], b[c+40], b[c+48], b[c+56]
    local t0, t7, t1, t6, t2, t5, t3, t4 = d0 + d7, d0 - d7, d1 + d6, d1 - d6, d2 + d5, d2 - d5, d3 + d4, d3 - d4
    local t10, t13, t11, t12 = t0 + t3, t0 - t3, t1 + t2, t1 - t2
    b[c] = t10 + t11; b[c+32] = t10 - t11
    local z1 = (t12 + t13) * 0.707106781
    b[c+16] = t13 + z1; b[c+48] = t13 - z1
    t10 = t4 + t5; t11 = t5 + t6; t12 = t6 + t7
    local z5 = (t10 - t12) * 0.382683433
    local z2 = 0.541196100 * t10 + z5
    local z4 = 1.306562965 * t12 + z5
    local z3 = t11 * 0.707106781
    local z11, z13 = t7 + z3, t7 - z3
    b[c+40] = z13 + z2; b[c+24] = z13 - z2; b[c+8] = z11 + z4; b[c+56] = z11 - z4
  end
end

local function huff_spec(freq) -- freq[0..255]; returns bits[1..16], vals, code table
  local f = {}
  for i = 0, 255 do f[i] = freq[i] or 0 end
  f[256] = 1
  local lens = D._huff_lengths(f, 257, 16)
  -- make dummy 256 the last code of the longest length
  local maxl = 0
  for i = 0, 256 do if lens[i] > maxl then maxl = lens[i] end end
  if lens[256] ~= maxl then
    for i = 255, 0, -1 do if lens[i] == maxl then lens[i], lens[256] = lens[256], maxl; break end end
  end
  local syms = {}
  for i = 0, 255 do if lens[i] > 0 then syms[#syms + 1] = i end end
  table.sort(syms, function(a, b) if lens[a] ~= lens[b] then return lens[a] < lens[b] end return a < b end)
  local bits = {}
  for l = 1, 16 do bits[l] = 0 end
  for _, s in ipairs(syms) do bits[lens[s]] = bits[lens[s]] + 1 end
  local code, k = 0, 1
  local codes, clen = {}, {}
  for l = 1, 16 do
    for _ = 1, bits[l] do local s = syms[k]; codes[s] = code; clen[s] = l; code = code + 1; k = k + 1 end
    code = code << 1
  end
  return bits, syms, codes, clen
end

local function jpeg_writer()
  local w = { parts = {}, buf = {}, acc = 0, n = 0 }
  function w:put(code, len)
    self.acc = (self.acc << len) | (code & ((1 << len) - 1)); self.n = self.n + len
    while self.n >= 8 do
      self.n = self.n - 8
      local b = (self.acc >> self.n) & 255
      local buf = self.buf
      buf[#buf + 1] = b
      if b == 255 then buf[#buf + 1] = 0 end
      if #buf > 4000 then self.parts[#self.parts + 1] = string.char(table.unpack(buf)); self.buf = {} end
    end
    self.acc = self.acc & ((1 << self.n) - 1)
  end
  function w:finish()
    if self.n > 0 then self:put((1 << (8 - self.n)) - 1, 8 - self.n) end
    self.parts[#self.parts + 1] = string.char(table.unpack(self.buf))
    return table.concat(self.parts)
  end
  return w
end

local function bitsize(v) if v < 0 then v = -v end local n = 0; while v > 0 do n = n + 1; v = v >> 1 end return n end

-- img: {w,h,ch,[1..ch]} ; opts: quality, dpi (x), ydpi, subsample (bool)
function M.jpeg(img, opts)
  local W, H = img.w, img.h
  local q = opts.quality
  local ncomp = img.ch
  local planes, pw, ph = {}, {}, {}
  local hs = (ncomp == 3 and opts.subsample) and 2 or 1
  if ncomp == 1 then planes[1] = img[1]; pw[1], ph[1] = W, H
  else
    local R, G, B = img[1], img[2], img[3]
    local Y, Cb, Cr = {}, {}, {}
    for i = 1, W * H do
      local r, g, b = R[i], G[i], B[i]
      Y[i] = 0.299 * r + 0.587 * g + 0.114 * b
      Cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
      Cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128
    end
    planes[1] = Y; pw[1], ph[1] = W, H
    if hs == 2 then
      local cw, chh = (W + 1) // 2, (H + 1) // 2
      for ci, P in ipairs({ Cb, Cr }) do
        local S = {}
        for y = 0, chh - 1 do
          local y0, y1 = 2 * y, min(H - 1, 2 * y + 1)
          for x = 0, cw - 1 do
            local x0, x1 = 2 * x, min(W - 1, 2 * x + 1)
            S[y * cw + x + 1] = (P[y0 * W + x0 + 1] + P[y0 * W + x1 + 1] + P[y1 * W + x0 + 1] + P[y1 * W + x1 + 1]) / 4
          end
        end
        planes[ci + 1] = S; pw[ci + 1], ph[ci + 1] = cw, chh
      end
    else
      planes[2] = Cb; planes[3] = Cr; pw[2], ph[2], pw[3], ph[3] = W, H, W, H
    end
  end
  local qt = { qtable(QL, q), qtable(QC, q) }
  local div = {}
  for t = 1, 2 do
    div[t] = {}
    for u = 0, 7 do for v = 0, 7 do div[t][u * 8 + v + 1] = qt[t][u * 8 + v + 1] * AAN[u + 1] * AAN[v + 1] * 8 end end
  end
  -- MCU geometry
  local mcuw, mcuh = 8 * hs, 8 * hs
  local mx, my = (W + mcuw - 1) // mcuw, (H + mcuh - 1) // mcuh
  -- pass 1: symbols
  local syms = {} -- flat: comp, sym, extrabits, extralen
  local ns = 0
  local dcf, acf = { {}, {} }, { {}, {} }
  local pred = { 0, 0, 0 }
  local blk = {}
  local function block(c, P, PW, PH, bx, by)
    local t = (c == 1) and 1 or 2
    local mn, mx_ = 1e9, -1e9
    for y = 0, 7 do
      local sy = by + y; if sy >= PH then sy = PH - 1 end
      local row = sy * PW + 1
      for x = 0, 7 do
        local sx = bx + x; if sx >= PW then sx = PW - 1 end
        local v = P[row + sx] - 128
        blk[y * 8 + x + 1] = v
        if v < mn then mn = v end; if v > mx_ then mx_ = v end
      end
    end
    local dv = div[t]
    local coef = {}
    if mx_ - mn <= 2 then
      local s = 0; for i = 1, 64 do s = s + blk[i] end
      coef[1] = floor(s * 8 / 64 * 8 / dv[1] + 0.5) -- DC of uniform block: 64*mean/(q*8) ... scaled
      coef[1] = floor((s) / dv[1] + 0.5)
      for i = 2, 64 do coef[i] = 0 end
    else
      fdct(blk)
      for i = 1, 64 do local v = blk[i] / dv[i]; coef[i] = (v >= 0) and floor(v + 0.5) or -floor(-v + 0.5) end
    end
    local dc = coef[1]
    local diff = dc - pred[c]; pred[c] = dc
    local sz = bitsize(diff)
    ns = ns + 1; syms[ns] = c * 1024 + sz; local df = dcf[t]; df[sz] = (df[sz] or 0) + 1
    if sz > 0 then ns = ns + 1; syms[ns] = (diff < 0) and (diff + (1 << sz) - 1) or diff end
    local run = 0
    local af = acf[t]
    for k = 2, 64 do
      local v = coef[ZZ[k] + 1]
      if v == 0 then run = run + 1
      else
        while run > 15 do ns = ns + 1; syms[ns] = c * 1024 + 512 + 0xF0; af[0xF0] = (af[0xF0] or 0) + 1; run = run - 16 end
        local s2 = bitsize(v)
        local sym = (run << 4) | s2
        ns = ns + 1; syms[ns] = c * 1024 + 512 + sym; af[sym] = (af[sym] or 0) + 1
        ns = ns + 1; syms[ns] = (v < 0) and (v + (1 << s2) - 1) or v
        run = 0
      end
    end
    if run > 0 then ns = ns + 1; syms[ns] = c * 1024 + 512; af[0] = (af[0] or 0) + 1 end
  end
  for j = 0, my - 1 do
    for i = 0, mx - 1 do
      for yy = 0, hs - 1 do for xx = 0, hs - 1 do block(1, planes[1], pw[1], ph[1], i * mcuw + xx * 8, j * mcuh + yy * 8) end end
      if ncomp == 3 then
        block(2, planes[2], pw[2], ph[2], i * 8, j * 8)
        block(3, planes[3], pw[3], ph[3], i * 8, j * 8)
      end
    end
  end
  -- tables
  local hdr = {}
  local function marker(m, body) hdr[#hdr + 1] = string.pack(">BBI2", 0xFF, m, #body + 2) .. body end
  hdr[1] = "\255\216"
  marker(0xE0, "JFIF\0\1\1\1" .. string.pack(">I2I2BB", opts.dpi, opts.ydpi or opts.dpi, 0, 0))
  local nt = (ncomp == 3) and 2 or 1
  for t = 1, nt do
    local b = { string.char(t - 1) }
    for k = 1, 64 do b[#b + 1] = string.char(qt[t][ZZ[k] + 1]) end
    marker(0xDB, table.concat(b))
  end
  local sof = string.pack(">BI2I2B", 8, H, W, ncomp)
  for c = 1, ncomp do sof = sof .. string.char(c, (c == 1) and (hs * 16 + hs) or 0x11, (c == 1) and 0 or 1) end
  marker(0xC0, sof)
  local codes = {}
  for t = 1, nt do
    for cls = 0, 1 do
      local bits, vals, cc, cl = huff_spec(cls == 0 and dcf[t] or acf[t])
      local body = string.char(cls * 16 + t - 1)
      for l = 1, 16 do body = body .. string.char(bits[l]) end
      for _, v in ipairs(vals) do body = body .. string.char(v) end
      marker(0xC4, body)
      codes[t * 2 + cls] = { cc, cl }
    end
  end
  local sos = string.char(ncomp)
  for c = 1, ncomp do sos = sos .. string.char(c, (c == 1) and 0 or 0x11) end
  marker(0xDA, sos .. "\0\63\0")
  -- pass 2: entropy data
  local w = jpeg_writer()
  local i = 1
  while i <= ns do
    local s = syms[i]; i = i + 1
    local c = s // 1024; local rest = s % 1024
    local t = (c == 1) and 1 or 2
    if rest < 512 then
      local tb = codes[t * 2]; w:put(tb[1][rest], tb[2][rest])
      if rest > 0 then w:put(syms[i], rest); i = i + 1 end
    else
      local sym = rest - 512
      local tb = codes[t * 2 + 1]; w:put(tb[1][sym], tb[2][sym])
      local sz = sym & 15
      if sz > 0 then w:put(syms[i], sz); i = i + 1 end
    end
  end
  return table.concat(hdr) .. w:finish() .. "\255\217"
end

-- own baseline JPEG decoder (for checking): returns {w,h,ncomp, Y plane (grey or luma)}
function M.read_jpeg(s)
  assert(s:sub(1, 2) == "\255\216", "soi")
  local p = 3
  local qts, huf, comps = {}, {}, {}
  local W, H, dpi
  local scanstart, sc
  while true do
    local m = s:byte(p + 1); local len = string.unpack(">I2", s, p + 2)
    local body = s:sub(p + 4, p + 1 + len)
    if m == 0xE0 then dpi = string.unpack(">I2", body, 9)
    elseif m == 0xDB then local id = body:byte(1); local t = {}; for k = 1, 64 do t[ZZ[k] + 1] = body:byte(1 + k) end; qts[id] = t
    elseif m == 0xC0 then
      H, W = string.unpack(">I2I2", body, 2)
      local n = body:byte(6)
      for c = 1, n do local id, hv, tq = body:byte(7 + 3 * (c - 1), 9 + 3 * (c - 1)); comps[c] = { id = id, h = hv >> 4, v = hv & 15, tq = tq } end
    elseif m == 0xC4 then
      local q = 1
      while q <= #body do
        local tc = body:byte(q); local cnt = {}; local tot = 0
        for l = 1, 16 do cnt[l] = body:byte(q + l); tot = tot + cnt[l] end
        local look = {}
        local code, k = 0, q + 17
        for l = 1, 16 do for _ = 1, cnt[l] do look[(l << 16) | code] = body:byte(k); k = k + 1; code = code + 1 end; code = code << 1 end
        huf[tc] = look; q = q + 17 + tot
      end
    elseif m == 0xDA then
      local n = body:byte(1)
      for c = 1, n do local _, t = body:byte(2 + 2 * (c - 1), 3 + 2 * (c - 1)); comps[c].td = t >> 4; comps[c].ta = t & 15 end
      scanstart = p + 2 + len; break
    elseif m == 0xD9 then error("jpeg: no scan") end
    p = p + 2 + len
  end
  -- unstuff
  local e = s:find("\255\217", scanstart, true) or (#s + 1)
  local data = s:sub(scanstart, e - 1):gsub("\255\0", "\255")
  local bp, nb = 0, #data * 8
  local function bit() local b = (bp < nb) and ((data:byte((bp >> 3) + 1) >> (7 - (bp & 7))) & 1) or 1; bp = bp + 1; return b end
  local function recv(n) local v = 0; for _ = 1, n do v = (v << 1) | bit() end; return v end
  local function ext(v, n) if n == 0 then return 0 end if v < (1 << (n - 1)) then return v - (1 << n) + 1 end return v end
  local function dec(tab) local code, l = 0, 0; repeat code = (code << 1) | bit(); l = l + 1; local v = tab[(l << 16) | code]; if v then return v end until l > 16; error("jpeg: bad huffman code") end
  local hmax = comps[1].h
  local mx, my = (W + 8 * hmax - 1) // (8 * hmax), (H + 8 * hmax - 1) // (8 * hmax)
  local Y = {}
  local pred = {}
  for c = 1, #comps do pred[c] = 0 end
  local cos_t = {}
  for x = 0, 7 do for u = 0, 7 do cos_t[x * 8 + u] = math.cos((2 * x + 1) * u * math.pi / 16) * ((u == 0) and math.sqrt(0.5) or 1) end end
  local function idct_store(coef, bx, by)
    local tmp = {}
    for y = 0, 7 do for u = 0, 7 do local sum = 0; for v = 0, 7 do sum = sum + cos_t[y * 8 + v] * coef[v * 8 + u + 1] end; tmp[y * 8 + u] = sum end end
    for y = 0, 7 do for x = 0, 7 do
      local sum = 0; for u = 0, 7 do sum = sum + cos_t[x * 8 + u] * tmp[y * 8 + u] end
      local X, Yy = bx + x, by + y
      if X < W and Yy < H then Y[Yy * W + X + 1] = min(255, max(0, floor(sum / 4 + 128.5))) end
    end end
  end
  for j = 0, my - 1 do for i = 0, mx - 1 do
    for c, cp in ipairs(comps) do
      for yy = 0, cp.v - 1 do for xx = 0, cp.h - 1 do
        local coef = {}
        for k = 1, 64 do coef[k] = 0 end
        local t = dec(huf[cp.td]); local diff = ext(recv(t), t)
        pred[c] = pred[c] + diff
        local qt = qts[cp.tq]
        coef[1] = pred[c] * qt[1]
        local k = 2
        while k <= 64 do
          local rs = dec(huf[16 + cp.ta]); local r, sz = rs >> 4, rs & 15
          if sz == 0 then if r == 15 then k = k + 16 else break end
          else k = k + r; local z = ZZ[k] + 1; coef[z] = ext(recv(sz), sz) * qt[z]; k = k + 1 end
        end
        if c == 1 then idct_store(coef, i * 8 * hmax + xx * 8, j * 8 * hmax + yy * 8) end
      end end
    end
  end end
  return { w = W, h = H, ncomp = #comps, Y = Y, dpi = dpi, sub = hmax }
end

---------------------------------------------------------------- PDF
-- pages: list of {wpt, hpt, rotate, img = {w,h,filter='DCTDecode'|'CCITTFaxDecode'|'FlateDecode', cs='DeviceGray'|'DeviceRGB', bpc, data}}
function M.pdf(pages)
  local objs = {}
  local function add(s) objs[#objs + 1] = s; return #objs end
  add(""); add("") -- 1 catalog, 2 pages (filled below)
  local kids = {}
  for _, pg in ipairs(pages) do
    local im = pg.img
    local dict = string.format("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent %d /Filter /%s",
      im.w, im.h, im.cs, im.bpc, im.filter)
    if im.filter == "CCITTFaxDecode" then dict = dict .. string.format(" /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 false >>", im.w, im.h) end
    dict = dict .. string.format(" /Length %d >>", #im.data)
    local imid = add(dict .. "\nstream\n" .. im.data .. "\nendstream")
    local content = string.format("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pg.wpt, pg.hpt)
    local cid = add(string.format("<< /Length %d >>\nstream\n%s\nendstream", #content, content))
    local rot = (pg.rotate and pg.rotate ~= 0) and string.format(" /Rotate %d", pg.rotate) or ""
    local pid = add(string.format("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f]%s /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>",
      pg.wpt, pg.hpt, rot, imid, cid))
    kids[#kids + 1] = pid .. " 0 R"
  end
  objs[1] = "<< /Type /Catalog /Pages 2 0 R >>"
  objs[2] = string.format("<< /Type /Pages /Kids [%s] /Count %d >>", table.concat(kids, " "), #pages)
  local out = { "%PDF-1.4\n%\226\227\207\211\n" }
  local off = #out[1]
  local offs = {}
  for i, o in ipairs(objs) do
    local s = string.format("%d 0 obj\n%s\nendobj\n", i, o)
    offs[i] = off; out[#out + 1] = s; off = off + #s
  end
  local xref = { string.format("xref\n0 %d\n0000000000 65535 f \n", #objs + 1) }
  for i = 1, #objs do xref[#xref + 1] = string.format("%010d 00000 n \n", offs[i]) end
  out[#out + 1] = table.concat(xref)
  out[#out + 1] = string.format("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", #objs + 1, off)
  return table.concat(out)
end

-- own PDF check: parse xref via startxref, walk page tree, ensure image-only pages
function M.check_pdf(s)
  local sx = tonumber(s:match("startxref%s+(%d+)%s+%%%%EOF%s*$"))
  assert(sx, "startxref")
  assert(s:sub(sx + 1, sx + 4) == "xref", "xref keyword")
  local first, cnt = s:match("^xref%s+(%d+)%s+(%d+)", sx + 1)
  local p = s:find("\n", s:find("\n", sx + 1) + 1) + 1
  local offs = {}
  for i = 0, tonumber(cnt) - 1 do
    local line = s:sub(p + 20 * i, p + 20 * i + 19)
    local o, g, f = line:match("^(%d%d%d%d%d%d%d%d%d%d) (%d%d%d%d%d) ([nf])")
    assert(o, "xref entry " .. i)
    if f == "n" then offs[i] = tonumber(o) end
  end
  local function obj(n)
    local o = offs[n]; assert(o, "obj " .. n)
    local hdr = s:match("^(%d+) 0 obj", o + 1); assert(tonumber(hdr) == n, "obj header " .. n)
    local body_start = o + #(hdr .. " 0 obj\n") + 1
    local e = s:find("endobj", body_start, true)
    return s:sub(body_start, e - 1)
  end
  local trailer = s:match("trailer%s*(<<.->>)", sx + 1)
  local root = tonumber(trailer:match("/Root (%d+) 0 R"))
  local cat = obj(root)
  local pagesn = tonumber(cat:match("/Pages (%d+) 0 R"))
  local pages = obj(pagesn)
  local kids = {}
  for k in pages:match("/Kids %[(.-)%]"):gmatch("(%d+) 0 R") do kids[#kids + 1] = tonumber(k) end
  assert(tonumber(pages:match("/Count (%d+)")) == #kids, "count")
  local info = {}
  for _, k in ipairs(kids) do
    local pg = obj(k)
    assert(pg:match("/Type /Page"), "page type")
    assert(not pg:find("/Font"), "font resource present")
    local cn = tonumber(pg:match("/Contents (%d+) 0 R"))
    local cs = obj(cn)
    local content = cs:match("stream\n(.-)\nendstream")
    assert(content:match("^q [%d%.]+ 0 0 [%d%.]+ 0 0 cm /Im0 Do Q$"), "content not image-only: " .. content)
    assert(not content:find("BT"), "text operator")
    local imn = tonumber(pg:match("/Im0 (%d+) 0 R"))
    local im = obj(imn)
    local len = tonumber(im:match("/Length (%d+)"))
    local filt = im:match("/Filter /(%a+)")
    local data = im:match(">>%s*\nstream\n()")
    info[#info + 1] = { rotate = tonumber(pg:match("/Rotate (%d+)")) or 0, filter = filt, len = len,
      w = tonumber(im:match("/Width (%d+)")), h = tonumber(im:match("/Height (%d+)")),
      mediabox = pg:match("/MediaBox %[(.-)%]"), data = im:sub(data, data + len - 1) }
  end
  return info
end

D._huff_lengths = D._huff_lengths
return M
