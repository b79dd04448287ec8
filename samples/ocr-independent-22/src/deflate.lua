-- deflate.lua: own DEFLATE (RFC 1951) encoder + inflater, zlib wrapper (RFC 1950)
local U = require("util")
local M = {}

local LBASE = {3,4,5,6,7,8,9,10,11,13,15,17,19,23,27,31,35,43,51,59,67,83,99,115,131,163,195,227,258}
local LEXT  = {0,0,0,0,0,0,0,0,1,1,1,1,2,2,2,2,3,3,3,3,4,4,4,4,5,5,5,5,0}
local DBASE = {1,2,3,4,5,7,9,13,17,25,33,49,65,97,129,193,257,385,513,769,1025,1537,2049,3073,4097,6145,8193,12289,16385,24577}
local DEXT  = {0,0,0,0,1,1,2,2,3,3,4,4,5,5,6,6,7,7,8,8,9,9,10,10,11,11,12,12,13,13}
local CLORDER = {16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1,15}

-- length -> symbol index (0-based into tables), distance -> code
local LEN2CODE, DIST2CODE = {}, {}
for c = 1, 29 do
  local hi = (c < 29) and (LBASE[c] + (1 << LEXT[c]) - 1) or 258
  if c == 28 then hi = 257 end
  for l = LBASE[c], hi do LEN2CODE[l] = c - 1 end
end
LEN2CODE[258] = 28
for c = 1, 30 do
  for d = DBASE[c], DBASE[c] + (1 << DEXT[c]) - 1 do DIST2CODE[d] = c - 1 end
end

-- LSB-first bit writer
local function lsb_writer()
  local w = { out = {}, buf = {}, acc = 0, n = 0 }
  function w:put(v, len)
    self.acc = self.acc | ((v & ((1 << len) - 1)) << self.n)
    self.n = self.n + len
    if self.n >= 32 then
      local b = self.buf
      local a = self.acc
      b[#b+1] = a & 255; b[#b+1] = (a >> 8) & 255; b[#b+1] = (a >> 16) & 255; b[#b+1] = (a >> 24) & 255
      self.acc = a >> 32; self.n = self.n - 32
      if #b >= 4000 then self.out[#self.out+1] = string.char(table.unpack(b)); self.buf = {} end
    end
  end
  function w:align()
    while self.n > 0 do
      local b = self.buf; b[#b+1] = self.acc & 255; self.acc = self.acc >> 8; self.n = math.max(0, self.n - 8)
    end
    self.acc = 0; self.n = 0
  end
  function w:bytes(s) self:align(); self.out[#self.out+1] = string.char(table.unpack(self.buf)); self.buf = {}; self.out[#self.out+1] = s end
  function w:finish()
    self:align()
    if #self.buf > 0 then self.out[#self.out+1] = string.char(table.unpack(self.buf)) end
    return table.concat(self.out)
  end
  return w
end

local function rev(code, len)
  local r = 0
  for _ = 1, len do r = (r << 1) | (code & 1); code = code >> 1 end
  return r
end

-- Huffman code lengths, length-limited by frequency scaling; freq indexed 0..n-1
local function huff_lengths(freq, n, limit)
  local f = {}
  for i = 0, n - 1 do f[i] = freq[i] or 0 end
  while true do
    local lens = {}
    for i = 0, n - 1 do lens[i] = 0 end
    local leaves = {}
    for i = 0, n - 1 do if f[i] > 0 then leaves[#leaves+1] = i end end
    if #leaves == 0 then return lens end
    if #leaves == 1 then lens[leaves[1]] = 1; return lens end
    table.sort(leaves, function(a, b) if f[a] ~= f[b] then return f[a] < f[b] end return a < b end)
    -- two-queue Huffman
    local w, parent = {}, {}
    local q1, q1h = {}, 1
    for i, s in ipairs(leaves) do q1[i] = i; w[i] = f[s] end
    local q2, q2h = {}, 1
    local nn = #leaves
    local function pop()
      local a = q1[q1h]; local b = q2[q2h]
      if a and (not b or w[a] <= w[b]) then q1h = q1h + 1; return a end
      q2h = q2h + 1; return b
    end
    for _ = 1, #leaves - 1 do
      local a = pop(); local b = pop()
      nn = nn + 1; w[nn] = w[a] + w[b]; parent[a] = nn; parent[b] = nn
      q2[#q2+1] = nn
    end
    local depth = {}; depth[nn] = 0
    local maxd = 0
    for k = nn - 1, 1, -1 do depth[k] = depth[parent[k]] + 1 end
    for i, s in ipairs(leaves) do lens[s] = depth[i]; if depth[i] > maxd then maxd = depth[i] end end
    if maxd <= limit then return lens end
    for i = 0, n - 1 do if f[i] > 0 then f[i] = math.max(1, f[i] >> 1) end end
  end
end

-- canonical codes (reversed for LSB writer)
local function canon(lens, n)
  local blc, maxl = {}, 0
  for i = 0, 15 do blc[i] = 0 end
  for i = 0, n - 1 do local l = lens[i] or 0; if l > 0 then blc[l] = blc[l] + 1; if l > maxl then maxl = l end end end
  local nextc, code = {}, 0
  blc[0] = 0
  for b = 1, 15 do code = (code + blc[b - 1]) << 1; nextc[b] = code end
  local codes = {}
  for i = 0, n - 1 do
    local l = lens[i] or 0
    if l > 0 then codes[i] = rev(nextc[l], l); nextc[l] = nextc[l] + 1 end
  end
  return codes
end

local FIXL, FIXD = {}, {}
for i = 0, 143 do FIXL[i] = 8 end
for i = 144, 255 do FIXL[i] = 9 end
for i = 256, 279 do FIXL[i] = 7 end
for i = 280, 287 do FIXL[i] = 8 end
for i = 0, 29 do FIXD[i] = 5 end
local FIXLC, FIXDC = canon(FIXL, 288), canon(FIXD, 30)

-- LZ77: returns token arrays
local function lz77(b, n, maxchain)
  local tsym, tlx, tds, tdx, tpos = {}, {}, {}, {}, {}
  local nt = 0
  local head, prev = {}, {}
  local i = 1
  while i <= n do
    local bestlen, bestdist = 0, 0
    if i + 2 <= n then
      local key = (b[i] << 16) | (b[i+1] << 8) | b[i+2]
      local cand = head[key]
      prev[i & 32767] = cand
      head[key] = i
      local chain = maxchain
      local maxl = n - i + 1; if maxl > 258 then maxl = 258 end
      while cand and i - cand < 32768 and chain > 0 do
        if b[cand + bestlen] == b[i + bestlen] then
          local l = 3
          while l < maxl and b[cand + l] == b[i + l] do l = l + 1 end
          if l > bestlen then bestlen = l; bestdist = i - cand; if l >= maxl then break end end
        end
        cand = prev[cand & 32767]; chain = chain - 1
      end
    end
    nt = nt + 1
    tpos[nt] = i
    if bestlen >= 3 then
      local lc = LEN2CODE[bestlen]
      tsym[nt] = 257 + lc; tlx[nt] = bestlen - LBASE[lc + 1]
      local dc = DIST2CODE[bestdist]
      tds[nt] = dc; tdx[nt] = bestdist - DBASE[dc + 1]
      if bestlen < 24 then
        for j = i + 1, math.min(i + bestlen - 1, n - 2) do
          local key = (b[j] << 16) | (b[j+1] << 8) | b[j+2]
          prev[j & 32767] = head[key]; head[key] = j
        end
      end
      i = i + bestlen
    else
      tsym[nt] = b[i]
      i = i + 1
    end
  end
  return tsym, tlx, tds, tdx, tpos, nt
end

local function write_tokens(w, t1, t2, tsym, tlx, tds, tdx, lc, ll, dc, dl)
  for k = t1, t2 do
    local s = tsym[k]
    w:put(lc[s], ll[s])
    if s > 256 then
      local li = s - 256
      if LEXT[li] > 0 then w:put(tlx[k], LEXT[li]) end
      local d = tds[k]
      w:put(dc[d], dl[d])
      if DEXT[d + 1] > 0 then w:put(tdx[k], DEXT[d + 1]) end
    end
  end
  w:put(lc[256], ll[256])
end

function M.deflate(data, opts)
  opts = opts or {}
  local b = type(data) == "string" and U.string_to_bytes(data) or data
  local n = #b
  local w = lsb_writer()
  local tsym, tlx, tds, tdx, tpos, nt = lz77(b, n, opts.chain or 12)
  local BLK = 60000
  local t1 = 1
  if nt == 0 then w:put(1, 1); w:put(1, 2); w:put(FIXLC[256], 7); return w:finish() end
  while t1 <= nt do
    local t2 = math.min(nt, t1 + BLK - 1)
    local last = (t2 == nt) and 1 or 0
    local p1 = tpos[t1]; local p2 = (t2 < nt) and (tpos[t2 + 1] - 1) or n
    local lf, df = {}, {}
    for i = 0, 285 do lf[i] = 0 end
    for i = 0, 29 do df[i] = 0 end
    local extra = 0
    for k = t1, t2 do
      local s = tsym[k]; lf[s] = lf[s] + 1
      if s > 256 then local d = tds[k]; df[d] = df[d] + 1; extra = extra + LEXT[s - 256] + DEXT[d + 1] end
    end
    lf[256] = 1
    local ll = huff_lengths(lf, 286, 15)
    local dl = huff_lengths(df, 30, 15)
    local anyd = false
    for i = 0, 29 do if dl[i] > 0 then anyd = true end end
    if not anyd then dl[0] = 1 end
    local hlit = 286; while hlit > 257 and ll[hlit - 1] == 0 do hlit = hlit - 1 end
    local hdist = 30; while hdist > 1 and dl[hdist - 1] == 0 do hdist = hdist - 1 end
    -- code-length sequence with RLE
    local seq = {}
    for i = 0, hlit - 1 do seq[#seq+1] = ll[i] end
    for i = 0, hdist - 1 do seq[#seq+1] = dl[i] end
    local cls, clx = {}, {}
    local i = 1
    while i <= #seq do
      local v = seq[i]; local r = 1
      while i + r <= #seq and seq[i + r] == v do r = r + 1 end
      if v == 0 and r >= 3 then
        local take = math.min(r, 138)
        if take >= 11 then cls[#cls+1] = 18; clx[#cls] = take - 11 else cls[#cls+1] = 17; clx[#cls] = take - 3 end
        i = i + take
      elseif v ~= 0 and r >= 4 then
        cls[#cls+1] = v; i = i + 1
        local take = math.min(r - 1, 6)
        cls[#cls+1] = 16; clx[#cls] = take - 3; i = i + take
      else
        cls[#cls+1] = v; i = i + 1
      end
    end
    local cf = {}
    for k = 0, 18 do cf[k] = 0 end
    for _, s in ipairs(cls) do cf[s] = cf[s] + 1 end
    local cl = huff_lengths(cf, 19, 7)
    local hclen = 19; while hclen > 4 and cl[CLORDER[hclen]] == 0 do hclen = hclen - 1 end
    -- costs
    local dyn = 17 + 3 * hclen
    for _, s in ipairs(cls) do dyn = dyn + cl[s] + (s == 16 and 2 or s == 17 and 3 or s == 18 and 7 or 0) end
    local fix = 3
    for s = 0, 285 do dyn = dyn + lf[s] * ll[s]; fix = fix + lf[s] * FIXL[s] end
    for d = 0, 29 do dyn = dyn + df[d] * dl[d]; fix = fix + df[d] * 5 end
    dyn = dyn + extra; fix = fix + extra
    local stored = (p2 - p1 + 1) * 8 + 40 * (1 + (p2 - p1) // 65535)
    if stored < dyn and stored < fix then
      local p = p1
      while p <= p2 do
        local q = math.min(p2, p + 65534)
        local fin = (q == p2 and last == 1) and 1 or 0
        w:put(fin, 1); w:put(0, 2); w:align()
        local len = q - p + 1
        w:put(len, 16); w:put(len ~ 0xFFFF, 16)
        w:bytes(U.bytes_to_string(b, p, q))
        p = q + 1
      end
    elseif fix <= dyn then
      w:put(last, 1); w:put(1, 2)
      write_tokens(w, t1, t2, tsym, tlx, tds, tdx, FIXLC, FIXL, FIXDC, FIXD)
    else
      w:put(last, 1); w:put(2, 2)
      w:put(hlit - 257, 5); w:put(hdist - 1, 5); w:put(hclen - 4, 4)
      for k = 1, hclen do w:put(cl[CLORDER[k]], 3) end
      local cc = canon(cl, 19)
      for k, s in ipairs(cls) do
        w:put(cc[s], cl[s])
        if s == 16 then w:put(clx[k], 2) elseif s == 17 then w:put(clx[k], 3) elseif s == 18 then w:put(clx[k], 7) end
      end
      write_tokens(w, t1, t2, tsym, tlx, tds, tdx, canon(ll, 286), ll, canon(dl, 30), dl)
    end
    t1 = t2 + 1
  end
  return w:finish()
end

function M.zlib(data, opts)
  local s = type(data) == "string" and data or U.bytes_to_string(data)
  local body = M.deflate(data, opts)
  return "\x78\x01" .. body .. string.pack(">I4", U.adler32(s))
end

---------------------------------------------------------------- inflater
local function build_dec(lens, n)
  local maxl = 0
  for i = 0, n - 1 do if (lens[i] or 0) > maxl then maxl = lens[i] end end
  if maxl == 0 then return { bits = 1, t = {} } end
  local codes = canon(lens, n)
  local t = {}
  for s = 0, n - 1 do
    local l = lens[s] or 0
    if l > 0 then
      local r = codes[s]
      for k = r, (1 << maxl) - 1, (1 << l) do t[k] = (s << 4) | l end
    end
  end
  return { bits = maxl, t = t }
end

function M.inflate(s, pos)
  local byte = string.byte
  local p = pos or 1
  local n = #s
  local acc, nb = 0, 0
  local out, no = {}, 0
  local function need(k)
    while nb < k do
      local c = byte(s, p) or 0
      p = p + 1
      acc = acc | (c << nb); nb = nb + 8
    end
  end
  local function get(k)
    need(k); local v = acc & ((1 << k) - 1); acc = acc >> k; nb = nb - k; return v
  end
  local function dec(d)
    need(d.bits)
    local e = d.t[acc & ((1 << d.bits) - 1)]
    if not e then error("inflate: bad code") end
    local l = e & 15
    acc = acc >> l; nb = nb - l
    return e >> 4
  end
  local fl = build_dec(FIXL, 288); local fd = build_dec(FIXD, 30)
  repeat
    local final = get(1); local typ = get(2)
    if typ == 0 then
      acc = acc >> (nb % 8); nb = nb - (nb % 8)
      local len = get(16); local nlen = get(16)
      if len ~ 0xFFFF ~= nlen then error("inflate: stored len") end
      -- drain bit buffer bytes first
      for _ = 1, len do
        if nb >= 8 then no = no + 1; out[no] = acc & 255; acc = acc >> 8; nb = nb - 8
        else no = no + 1; out[no] = byte(s, p); p = p + 1 end
      end
    elseif typ == 1 or typ == 2 then
      local ld, dd = fl, fd
      if typ == 2 then
        local hlit = get(5) + 257; local hdist = get(5) + 1; local hclen = get(4) + 4
        local cl = {}
        for k = 0, 18 do cl[k] = 0 end
        for k = 1, hclen do cl[CLORDER[k]] = get(3) end
        local cd = build_dec(cl, 19)
        local lens = {}
        local k = 0
        while k < hlit + hdist do
          local sym = dec(cd)
          if sym < 16 then lens[k] = sym; k = k + 1
          elseif sym == 16 then local r = 3 + get(2); local v = lens[k - 1]; for _ = 1, r do lens[k] = v; k = k + 1 end
          elseif sym == 17 then local r = 3 + get(3); for _ = 1, r do lens[k] = 0; k = k + 1 end
          else local r = 11 + get(7); for _ = 1, r do lens[k] = 0; k = k + 1 end end
        end
        local l1, l2 = {}, {}
        for j = 0, hlit - 1 do l1[j] = lens[j] end
        for j = 0, hdist - 1 do l2[j] = lens[hlit + j] end
        ld = build_dec(l1, hlit); dd = build_dec(l2, hdist)
      end
      while true do
        local sym = dec(ld)
        if sym < 256 then no = no + 1; out[no] = sym
        elseif sym == 256 then break
        else
          local li = sym - 256
          local len = LBASE[li] + get(LEXT[li])
          local dsym = dec(dd)
          local dist = DBASE[dsym + 1] + get(DEXT[dsym + 1])
          if dist > no then error("inflate: distance too far") end
          local from = no - dist
          for j = 1, len do out[no + j] = out[from + j] end
          no = no + len
        end
      end
    else
      error("inflate: bad block type")
    end
  until final == 1
  -- return unused whole bytes
  p = p - (nb // 8)
  return out, p
end

function M.unzlib(s)
  local cmf, flg = s:byte(1, 2)
  if (cmf * 256 + flg) % 31 ~= 0 or (cmf & 15) ~= 8 then error("zlib: bad header") end
  local out, p = M.inflate(s, 3)
  local str = U.bytes_to_string(out)
  local ad = string.unpack(">I4", s, p)
  if ad ~= U.adler32(str) then error("zlib: adler mismatch") end
  return str, out
end

M._huff_lengths = huff_lengths
return M
