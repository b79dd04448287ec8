-- ttf.lua: own TrueType parser (cmap, head, hhea, maxp, hmtx, loca, glyf incl. composites, kern)
local M = {}
local F = {}; F.__index = F
local unpack = string.unpack

function M.load(path)
  local fh = assert(io.open(path, "rb")); local d = fh:read("a"); fh:close()
  local self = setmetatable({ data = d, path = path, tables = {}, gcache = {}, cmapc = {} }, F)
  local numTables = unpack(">I2", d, 5)
  for i = 0, numTables - 1 do
    local tag, _, off, len = unpack(">c4I4I4I4", d, 13 + 16 * i)
    self.tables[tag] = { off = off, len = len }
  end
  for _, t in ipairs({ "cmap", "head", "hhea", "hmtx", "loca", "glyf", "maxp" }) do
    assert(self.tables[t], path .. ": missing table " .. t)
  end
  local h = self.tables.head.off
  self.unitsPerEm = unpack(">I2", d, h + 1 + 18)
  self.locFormat = unpack(">i2", d, h + 1 + 50)
  local hh = self.tables.hhea.off
  self.ascender, self.descender, self.lineGap = unpack(">i2i2i2", d, hh + 1 + 4)
  self.numHMetrics = unpack(">I2", d, hh + 1 + 34)
  self.numGlyphs = unpack(">I2", d, self.tables.maxp.off + 1 + 4)
  self:_cmap()
  self:_kern()
  return self
end

function F:_cmap()
  local d, base = self.data, self.tables.cmap.off
  local n = unpack(">I2", d, base + 1 + 2)
  local best, bestScore
  for i = 0, n - 1 do
    local pid, eid, off = unpack(">I2I2I4", d, base + 1 + 4 + 8 * i)
    local fmt = unpack(">I2", d, base + 1 + off)
    local score = 0
    if pid == 3 and eid == 10 and fmt == 12 then score = 5
    elseif pid == 0 and fmt == 12 then score = 4
    elseif pid == 3 and eid == 1 and fmt == 4 then score = 3
    elseif pid == 0 and fmt == 4 then score = 2
    elseif pid == 3 and eid == 0 and fmt == 4 then score = 1 end
    if score > 0 and (not bestScore or score > bestScore) then best, bestScore = base + off, score end
  end
  assert(best, self.path .. ": no usable cmap")
  local fmt = unpack(">I2", d, best + 1)
  self.cmapFmt, self.cmapOff = fmt, best
  self.symbolFont = (bestScore == 1)
end

function F:glyph_index(cp)
  local c = self.cmapc[cp]; if c then return c end
  local d, o = self.data, self.cmapOff
  local gid = 0
  if self.symbolFont and cp < 256 then cp = cp + 0xF000 end
  if self.cmapFmt == 4 then
    local segX2 = unpack(">I2", d, o + 1 + 6)
    local segs = segX2 // 2
    local ends = o + 14; local starts = ends + segX2 + 2
    local deltas = starts + segX2; local ranges = deltas + segX2
    for s = 0, segs - 1 do
      local e = unpack(">I2", d, ends + 1 + 2 * s)
      if cp <= e then
        local st = unpack(">I2", d, starts + 1 + 2 * s)
        if cp >= st then
          local delta = unpack(">i2", d, deltas + 1 + 2 * s)
          local ro = unpack(">I2", d, ranges + 1 + 2 * s)
          if ro == 0 then gid = (cp + delta) & 0xFFFF
          else
            local addr = ranges + 2 * s + ro + 2 * (cp - st)
            local g = unpack(">I2", d, addr + 1)
            if g ~= 0 then gid = (g + delta) & 0xFFFF end
          end
        end
        break
      end
    end
  else -- format 12
    local ng = unpack(">I4", d, o + 1 + 12)
    for g = 0, ng - 1 do
      local s, e, sg = unpack(">I4I4I4", d, o + 1 + 16 + 12 * g)
      if cp >= s and cp <= e then gid = sg + cp - s; break end
    end
  end
  self.cmapc[cp] = gid
  return gid
end

function F:_kern()
  self.kern = {}
  local t = self.tables.kern; if not t then return end
  local d, o = self.data, t.off
  local ver, n = unpack(">I2I2", d, o + 1)
  if ver ~= 0 then return end
  local p = o + 4
  for _ = 1, n do
    local _, len, cov = unpack(">I2I2I2", d, p + 1)
    local fmt = cov >> 8
    if fmt == 0 and (cov & 1) == 1 then
      local np = unpack(">I2", d, p + 1 + 6)
      for k = 0, np - 1 do
        local l, r, v = unpack(">I2I2i2", d, p + 1 + 14 + 6 * k)
        self.kern[(l << 16) | r] = v
      end
    end
    p = p + len
  end
end

function F:kerning(l, r) return self.kern[(l << 16) | r] or 0 end

function F:advance(gid)
  local d, o = self.data, self.tables.hmtx.off
  if gid >= self.numHMetrics then gid = self.numHMetrics - 1 end
  return (unpack(">I2", d, o + 1 + 4 * gid))
end

function F:_loca(gid)
  local d, o = self.data, self.tables.loca.off
  if self.locFormat == 0 then
    local a, b = unpack(">I2I2", d, o + 1 + 2 * gid); return a * 2, b * 2
  else
    local a, b = unpack(">I4I4", d, o + 1 + 4 * gid); return a, b
  end
end

-- returns list of contours; each contour = list of {x, y, on}
function F:outline(gid, depth)
  local c = self.gcache[gid]; if c then return c end
  depth = depth or 0
  local d = self.data
  local a, b = self:_loca(gid)
  local contours = {}
  if b > a then
    local p = self.tables.glyf.off + a + 1
    local nc = unpack(">i2", d, p)
    if nc >= 0 then
      local ends = {}
      for i = 1, nc do ends[i] = unpack(">I2", d, p + 10 + 2 * (i - 1)) end
      local np = nc > 0 and ends[nc] + 1 or 0
      local q = p + 10 + 2 * nc
      local il = unpack(">I2", d, q); q = q + 2 + il
      local flags = {}
      local i = 1
      while i <= np do
        local f = d:byte(q); q = q + 1
        flags[i] = f; i = i + 1
        if f & 8 ~= 0 then
          local r = d:byte(q); q = q + 1
          for _ = 1, r do flags[i] = f; i = i + 1 end
        end
      end
      local xs, ys = {}, {}
      local v = 0
      for k = 1, np do
        local f = flags[k]
        if f & 2 ~= 0 then local dx = d:byte(q); q = q + 1; if f & 16 ~= 0 then v = v + dx else v = v - dx end
        elseif f & 16 == 0 then v = v + unpack(">i2", d, q); q = q + 2 end
        xs[k] = v
      end
      v = 0
      for k = 1, np do
        local f = flags[k]
        if f & 4 ~= 0 then local dy = d:byte(q); q = q + 1; if f & 32 ~= 0 then v = v + dy else v = v - dy end
        elseif f & 32 == 0 then v = v + unpack(">i2", d, q); q = q + 2 end
        ys[k] = v
      end
      local s = 1
      for ci = 1, nc do
        local cont = {}
        for k = s, ends[ci] + 1 do cont[#cont + 1] = { xs[k], ys[k], flags[k] & 1 == 1 } end
        s = ends[ci] + 2
        if #cont > 0 then contours[#contours + 1] = cont end
      end
    else -- composite
      local q = p + 10
      while depth < 8 do
        local fl, cg = unpack(">I2I2", d, q); q = q + 4
        local dx, dy
        if fl & 1 ~= 0 then dx, dy = unpack(">i2i2", d, q); q = q + 4
        else dx, dy = unpack(">i1i1", d, q); q = q + 2 end
        local m00, m01, m10, m11 = 1, 0, 0, 1
        if fl & 8 ~= 0 then m00 = unpack(">i2", d, q) / 16384; m11 = m00; q = q + 2
        elseif fl & 0x40 ~= 0 then m00, m11 = unpack(">i2i2", d, q); m00 = m00 / 16384; m11 = m11 / 16384; q = q + 4
        elseif fl & 0x80 ~= 0 then
          m00, m01, m10, m11 = unpack(">i2i2i2i2", d, q)
          m00, m01, m10, m11 = m00 / 16384, m01 / 16384, m10 / 16384, m11 / 16384; q = q + 8
        end
        if fl & 2 == 0 then dx, dy = 0, 0 end -- point matching not supported: place at origin
        local sub = self:outline(cg, depth + 1)
        for _, cont in ipairs(sub) do
          local nc2 = {}
          for k, pt in ipairs(cont) do
            nc2[k] = { pt[1] * m00 + pt[2] * m10 + dx, pt[1] * m01 + pt[2] * m11 + dy, pt[3] }
          end
          contours[#contours + 1] = nc2
        end
        if fl & 0x20 == 0 then break end
      end
    end
  end
  self.gcache[gid] = contours
  return contours
end

-- flatten contours to closed polylines in font units: list of {x1,y1,x2,y2,...}
function F:polylines(gid, steps)
  steps = steps or 4
  local out = {}
  for _, cont in ipairs(self:outline(gid)) do
    local n = #cont
    local startIdx
    for k = 1, n do if cont[k][3] then startIdx = k; break end end
    local seq = {}
    if startIdx then
      for k = 0, n - 1 do seq[#seq + 1] = cont[(startIdx - 1 + k) % n + 1] end
    else
      local a, b = cont[n], cont[1]
      seq[1] = { (a[1] + b[1]) / 2, (a[2] + b[2]) / 2, true }
      for k = 1, n do seq[#seq + 1] = cont[k] end
    end
    local m = #seq
    seq[m + 1] = seq[1]
    local pts = { seq[1][1], seq[1][2] }
    local cx, cy = seq[1][1], seq[1][2]
    local i = 2
    while i <= m + 1 do
      local p = seq[i]
      if p[3] then
        pts[#pts + 1] = p[1]; pts[#pts + 1] = p[2]; cx, cy = p[1], p[2]; i = i + 1
      else
        local q = seq[i + 1]
        local ex, ey, adv
        if q[3] then ex, ey, adv = q[1], q[2], 2 else ex, ey, adv = (p[1] + q[1]) / 2, (p[2] + q[2]) / 2, 1 end
        for s = 1, steps do
          local t = s / steps; local u = 1 - t
          pts[#pts + 1] = u * u * cx + 2 * u * t * p[1] + t * t * ex
          pts[#pts + 1] = u * u * cy + 2 * u * t * p[2] + t * t * ey
        end
        cx, cy = ex, ey
        i = i + adv
      end
    end
    out[#out + 1] = pts
  end
  return out
end

-- measure string width in font units (advances + kerning); returns width, glyph ids
function F:layout(str)
  local gids, xs = {}, {}
  local x, prev = 0, nil
  for _, cp in utf8.codes(str) do
    local g = self:glyph_index(cp)
    if prev then x = x + self:kerning(prev, g) end
    gids[#gids + 1] = g; xs[#xs + 1] = x
    x = x + self:advance(g)
    prev = g
  end
  return x, gids, xs
end

return M
