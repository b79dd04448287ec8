-- ccitt.lua: own CCITT Group 3 1-D (MH with EOLs) and Group 4 (T.6) encoder + decoder
local U = require("util")
local M = {}
-- {code, nbits}: termination 0..63, makeup 1..40 (64*k)
local WT = {{0x35,8},{0x7,6},{0x7,4},{0x8,4},{0xb,4},{0xc,4},{0xe,4},{0xf,4},{0x13,5},{0x14,5},{0x7,5},{0x8,5},{0x8,6},{0x3,6},{0x34,6},{0x35,6},{0x2a,6},{0x2b,6},{0x27,7},{0xc,7},{0x8,7},{0x17,7},{0x3,7},{0x4,7},{0x28,7},{0x2b,7},{0x13,7},{0x24,7},{0x18,7},{0x2,8},{0x3,8},{0x1a,8},{0x1b,8},{0x12,8},{0x13,8},{0x14,8},{0x15,8},{0x16,8},{0x17,8},{0x28,8},{0x29,8},{0x2a,8},{0x2b,8},{0x2c,8},{0x2d,8},{0x4,8},{0x5,8},{0xa,8},{0xb,8},{0x52,8},{0x53,8},{0x54,8},{0x55,8},{0x24,8},{0x25,8},{0x58,8},{0x59,8},{0x5a,8},{0x5b,8},{0x4a,8},{0x4b,8},{0x32,8},{0x33,8},{0x34,8}}
local WM = {{0x1b,5},{0x12,5},{0x17,6},{0x37,7},{0x36,8},{0x37,8},{0x64,8},{0x65,8},{0x68,8},{0x67,8},{0xcc,9},{0xcd,9},{0xd2,9},{0xd3,9},{0xd4,9},{0xd5,9},{0xd6,9},{0xd7,9},{0xd8,9},{0xd9,9},{0xda,9},{0xdb,9},{0x98,9},{0x99,9},{0x9a,9},{0x18,6},{0x9b,9},{0x8,11},{0xc,11},{0xd,11},{0x12,12},{0x13,12},{0x14,12},{0x15,12},{0x16,12},{0x17,12},{0x1c,12},{0x1d,12},{0x1e,12},{0x1f,12}}
local BT = {{0x37,10},{0x2,3},{0x3,2},{0x2,2},{0x3,3},{0x3,4},{0x2,4},{0x3,5},{0x5,6},{0x4,6},{0x4,7},{0x5,7},{0x7,7},{0x4,8},{0x7,8},{0x18,9},{0x17,10},{0x18,10},{0x8,10},{0x67,11},{0x68,11},{0x6c,11},{0x37,11},{0x28,11},{0x17,11},{0x18,11},{0xca,12},{0xcb,12},{0xcc,12},{0xcd,12},{0x68,12},{0x69,12},{0x6a,12},{0x6b,12},{0xd2,12},{0xd3,12},{0xd4,12},{0xd5,12},{0xd6,12},{0xd7,12},{0x6c,12},{0x6d,12},{0xda,12},{0xdb,12},{0x54,12},{0x55,12},{0x56,12},{0x57,12},{0x64,12},{0x65,12},{0x52,12},{0x53,12},{0x24,12},{0x37,12},{0x38,12},{0x27,12},{0x28,12},{0x58,12},{0x59,12},{0x2b,12},{0x2c,12},{0x5a,12},{0x66,12},{0x67,12}}
local BM = {{0xf,10},{0xc8,12},{0xc9,12},{0x5b,12},{0x33,12},{0x34,12},{0x35,12},{0x6c,13},{0x6d,13},{0x4a,13},{0x4b,13},{0x4c,13},{0x4d,13},{0x72,13},{0x73,13},{0x74,13},{0x75,13},{0x76,13},{0x77,13},{0x52,13},{0x53,13},{0x54,13},{0x55,13},{0x5a,13},{0x5b,13},{0x64,13},{0x65,13},{0x8,11},{0xc,11},{0xd,11},{0x12,12},{0x13,12},{0x14,12},{0x15,12},{0x16,12},{0x17,12},{0x1c,12},{0x1d,12},{0x1e,12},{0x1f,12}}
local VCODE = { [-3] = {0x2,7}, [-2] = {0x2,6}, [-1] = {0x2,3}, [0] = {0x1,1}, [1] = {0x3,3}, [2] = {0x3,6}, [3] = {0x3,7} }

local function putrun(w, run, black)
  local T, Mk = black and BT or WT, black and BM or WM
  while run >= 2560 + 64 do w:put(Mk[40][1], Mk[40][2]); run = run - 2560 end
  if run > 63 then local m = run >> 6; w:put(Mk[m][1], Mk[m][2]); run = run & 63 end
  w:put(T[run + 1][1], T[run + 1][2])
end

-- bits: flat array 0/1 (1 = black), W x rows starting at row r0 (0-based), count nr
local function changes(bits, W, row)
  local c, n = {}, 0
  local base = row * W
  local prev = 0
  for x = 0, W - 1 do
    local v = bits[base + x + 1]
    if v ~= prev then n = n + 1; c[n] = x; prev = v end
  end
  c[n + 1] = W; c[n + 2] = W; c[n + 3] = W
  return c
end

function M.encode_g4(bits, W, r0, nr)
  local w = U.msb_writer()
  local R = { W, W, W }
  for row = r0, r0 + nr - 1 do
    local C = changes(bits, W, row)
    local a0, col = -1, 0
    local ci, ri = 1, 1
    while a0 < W do
      while C[ci] <= a0 do ci = ci + 1 end
      local a1 = C[ci]
      while R[ri] <= a0 do ri = ri + 1 end
      local k = ri
      if ((k % 2 == 1) and 0 or 1) == col then k = k + 1 end -- odd index = black change; need opposite of col
      local b1 = R[k]; local b2 = R[k + 1] or W
      if b2 < a1 then
        w:put(0x1, 4); a0 = b2
      elseif a1 - b1 >= -3 and a1 - b1 <= 3 then
        local v = VCODE[a1 - b1]; w:put(v[1], v[2]); a0 = a1; col = 1 - col
      else
        local a2 = C[ci + 1]
        w:put(0x1, 3)
        putrun(w, a1 - (a0 < 0 and 0 or a0), col == 1)
        putrun(w, a2 - a1, col == 0)
        a0 = a2
      end
    end
    R = C
  end
  w:put(1, 12); w:put(1, 12)
  return w:finish()
end

function M.encode_g3(bits, W, r0, nr)
  local w = U.msb_writer()
  for row = r0, r0 + nr - 1 do
    w:put(1, 12) -- EOL
    local C = changes(bits, W, row)
    local pos, col, k = 0, 0, 1
    while pos < W do
      local nxt = C[k]; k = k + 1
      putrun(w, nxt - pos, col == 1)
      pos = nxt; col = 1 - col
    end
  end
  return w:finish()
end

---------------------------------------------------------------- decoder
local function mkdec(T, Mk)
  local d = {}
  for i, e in ipairs(T) do d[(e[2] << 16) | e[1]] = i - 1 end
  for i, e in ipairs(Mk) do d[(e[2] << 16) | e[1]] = i * 64 end
  return d
end
local WD, BD = mkdec(WT, WM), mkdec(BT, BM)

local function reader(s)
  local r = { s = s, p = 0, n = #s * 8 }
  function r:bit()
    local p = self.p
    if p >= self.n then error("ccitt: out of data") end
    self.p = p + 1
    return (self.s:byte((p >> 3) + 1) >> (7 - (p & 7))) & 1
  end
  function r:peek(k)
    local v = 0
    for i = 0, k - 1 do
      local p = self.p + i
      local b = (p < self.n) and ((self.s:byte((p >> 3) + 1) >> (7 - (p & 7))) & 1) or 0
      v = (v << 1) | b
    end
    return v
  end
  return r
end

local function readrun(r, black)
  local D = black and BD or WD
  local total = 0
  while true do
    local code, len, val = 0, 0, nil
    repeat
      code = (code << 1) | r:bit(); len = len + 1
      val = D[(len << 16) | code]
    until val or len > 13
    if not val then error("ccitt: bad run code") end
    total = total + val
    if val < 64 then return total end
  end
end

local function fill_row(out, W, row, C)
  local base = row * W
  local col, x = 0, 0
  local k = 1
  while x < W do
    local nxt = C[k] or W; if nxt > W then nxt = W end
    for i = x, nxt - 1 do out[base + i + 1] = col end
    x = nxt; col = 1 - col; k = k + 1
  end
end

function M.decode_g4(s, W, H)
  local r = reader(s)
  local out = {}
  local R = { W, W, W }
  for row = 0, H - 1 do
    local C, n = {}, 0
    local a0, col, ri = -1, 0, 1
    while a0 < W do
      while R[ri] <= a0 do ri = ri + 1 end
      local k = ri
      if ((k % 2 == 1) and 0 or 1) == col then k = k + 1 end
      local b1 = R[k] or W; local b2 = R[k + 1] or W
      if r:bit() == 1 then -- V0
        n = n + 1; C[n] = b1; a0 = b1; col = 1 - col
      elseif r:bit() == 1 then
        local d = (r:bit() == 1) and 1 or -1 -- 011 VR1, 010 VL1
        local a1 = b1 + d; n = n + 1; C[n] = a1; a0 = a1; col = 1 - col
      elseif r:bit() == 1 then -- 001 horizontal
        local r1 = readrun(r, col == 1); local r2 = readrun(r, col == 0)
        local a1 = (a0 < 0 and 0 or a0) + r1; local a2 = a1 + r2
        n = n + 1; C[n] = a1; n = n + 1; C[n] = a2; a0 = a2
      elseif r:bit() == 1 then -- 0001 pass
        a0 = b2
      else
        local b5 = r:bit()
        if b5 == 1 then local d = (r:bit() == 1) and 2 or -2; local a1 = b1 + d; n = n + 1; C[n] = a1; a0 = a1; col = 1 - col
        else
          local b6 = r:bit()
          if b6 == 1 then local d = (r:bit() == 1) and 3 or -3; local a1 = b1 + d; n = n + 1; C[n] = a1; a0 = a1; col = 1 - col
          else error("ccitt: bad mode at row " .. row) end
        end
      end
    end
    -- strip changes >= W
    while n > 0 and C[n] >= W do C[n] = nil; n = n - 1 end
    fill_row(out, W, row, C)
    C[n + 1] = W; C[n + 2] = W; C[n + 3] = W
    R = C
  end
  if r:peek(24) ~= 0x001001 then error("ccitt: missing EOFB") end
  return out
end

function M.decode_g3(s, W, H)
  local r = reader(s)
  local out = {}
  for row = 0, H - 1 do
    if r:peek(12) ~= 1 then error("g3: missing EOL at row " .. row) end
    r.p = r.p + 12
    local C, n, pos, col = {}, 0, 0, 0
    while pos < W do
      pos = pos + readrun(r, col == 1)
      n = n + 1; C[n] = pos; col = 1 - col
    end
    if pos ~= W then error("g3: row overflow") end
    fill_row(out, W, row, C)
  end
  return out
end

return M
