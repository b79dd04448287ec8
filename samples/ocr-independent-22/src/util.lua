-- util.lua: PRNG, hashes, checksums, byte helpers (Lua 5.4 standard library only)
local M = {}

function M.hash(s)             -- FNV-1a 64-bit
  local h = 0xcbf29ce484222325
  for i = 1, #s do h = (h ~ s:byte(i)) * 0x100000001b3 end
  return h
end

local R = {}; R.__index = R
function M.rng(seedstr) return setmetatable({ s = M.hash(seedstr) }, R) end
function R:next()               -- splitmix64
  self.s = self.s + 0x9E3779B97F4A7C15
  local z = self.s
  z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
  z = (z ~ (z >> 27)) * 0x94D049BB133111EB
  return z ~ (z >> 31)
end
function R:float() return (self:next() >> 11) * (1.0 / 9007199254740992.0) end
function R:uniform(a, b) return a + (b - a) * self:float() end
function R:int(a, b) return a + ((self:next() >> 1) % (b - a + 1)) end
function R:pick(t) return t[self:int(1, #t)] end
function R:chance(p) return self:float() < p end
function R:gauss()
  local u = self:float(); if u < 1e-12 then u = 1e-12 end
  return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * self:float())
end
function R:shuffle(t) for i = #t, 2, -1 do local j = self:int(1, i); t[i], t[j] = t[j], t[i] end return t end

-- CRC-32 (IEEE, reflected)
local crct = {}
for n = 0, 255 do
  local c = n
  for _ = 1, 8 do if c & 1 == 1 then c = 0xEDB88320 ~ (c >> 1) else c = c >> 1 end end
  crct[n] = c
end
function M.crc32(s, crc)
  local c = (crc or 0) ~ 0xFFFFFFFF
  local byte = string.byte
  local n = #s
  local i = 1
  while i <= n do
    local j = math.min(n, i + 3999)
    local t = { byte(s, i, j) }
    for k = 1, #t do c = crct[(c ~ t[k]) & 0xFF] ~ (c >> 8) end
    i = j + 1
  end
  return c ~ 0xFFFFFFFF
end
function M.adler32(s)
  local a, b = 1, 0
  local byte = string.byte
  local n = #s
  local i = 1
  while i <= n do
    local j = math.min(n, i + 3999)
    local t = { byte(s, i, j) }
    for k = 1, #t do a = a + t[k]; b = b + a end
    a = a % 65521; b = b % 65521
    i = j + 1
  end
  return (b << 16) | a
end

-- int array (1-based, values 0..255) -> string
function M.bytes_to_string(arr, i0, i1)
  i0 = i0 or 1; i1 = i1 or #arr
  local parts, char, unpack = {}, string.char, table.unpack
  local i = i0
  while i <= i1 do
    local j = math.min(i1, i + 3999)
    parts[#parts + 1] = char(unpack(arr, i, j))
    i = j + 1
  end
  return table.concat(parts)
end
function M.string_to_bytes(s)
  local t, byte, n = {}, string.byte, #s
  local i = 1
  while i <= n do
    local j = math.min(n, i + 3999)
    local c = { byte(s, i, j) }
    table.move(c, 1, #c, i, t)
    i = j + 1
  end
  return t
end

-- MSB-first bit writer (CCITT, LZW, JPEG)
function M.msb_writer()
  local w = { out = {}, acc = 0, n = 0, bytes = {} }
  function w:put(code, len)
    self.acc = (self.acc << len) | (code & ((1 << len) - 1))
    self.n = self.n + len
    local b = self.bytes
    while self.n >= 8 do
      self.n = self.n - 8
      b[#b + 1] = (self.acc >> self.n) & 0xFF
      if #b >= 4000 then self.out[#self.out + 1] = string.char(table.unpack(b)); self.bytes = {}; b = self.bytes end
    end
    self.acc = self.acc & ((1 << self.n) - 1)
  end
  function w:align() if self.n > 0 then self:put(0, 8 - self.n) end end
  function w:finish()
    self:align()
    if #self.bytes > 0 then self.out[#self.out + 1] = string.char(table.unpack(self.bytes)) end
    self.bytes = {}
    return table.concat(self.out)
  end
  return w
end

function M.json(v)
  local t = type(v)
  if t == "nil" then return "null"
  elseif t == "boolean" then return v and "true" or "false"
  elseif t == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%d", v) end
    return string.format("%.4g", v)
  elseif t == "string" then
    return '"' .. v:gsub('[%c"\\]', function(c)
      local m = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\t'] = '\\t', ['\f'] = '\\f', ['\r'] = '\\r' }
      return m[c] or string.format("\\u%04x", c:byte())
    end) .. '"'
  elseif t == "table" then
    if v.__order then
      local p = {}
      for _, k in ipairs(v.__order) do if v[k] ~= nil or v.__keepnull then p[#p + 1] = M.json(k) .. ": " .. M.json(v[k]) end end
      return "{" .. table.concat(p, ", ") .. "}"
    end
    if #v > 0 or next(v) == nil then
      local p = {}
      for i = 1, #v do p[i] = M.json(v[i]) end
      return "[" .. table.concat(p, ", ") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    local p = {}
    for _, k in ipairs(keys) do p[#p + 1] = M.json(k) .. ": " .. M.json(v[k]) end
    return "{" .. table.concat(p, ", ") .. "}"
  end
  error("json: " .. t)
end

return M
