-- layout.lua: page description in mm/pt; own line breaking from advance widths + kerning; ground truth in reading order
local L = {}
local PG = {}; PG.__index = PG
L.FONTS = {}
function L.page(wmm, hmm) return setmetatable({ w = wmm, h = hmm, ops = {}, gt = {}, overlay = {} }, PG) end
function L.width(fk, str, pt) local f = L.FONTS[fk]; local w = f:layout(str); return w / f.unitsPerEm * pt * 0.3528 end
function PG:text(x, y, s, fk, pt, o)
  o = o or {}
  if o.align == "right" then x = x - L.width(fk, s, pt) elseif o.align == "center" then x = x - L.width(fk, s, pt) / 2 end
  self.ops[#self.ops + 1] = { t = "text", x = x, y = y, s = s, f = fk, pt = pt, o = o }
  if o.overlay then self.overlay[#self.overlay + 1] = s elseif not o.nogt then self.gt[#self.gt + 1] = s end
  return x + L.width(fk, s, pt)
end
function PG:row(y, cells, xs, fk, pt, o)
  local keep = {}
  for i, c in ipairs(cells) do
    if c ~= "" then self.ops[#self.ops + 1] = { t = "text", x = xs[i], y = y, s = c, f = (o and o.fonts and o.fonts[i]) or fk, pt = pt, o = o or {} }; keep[#keep + 1] = c end
  end
  self.gt[#self.gt + 1] = table.concat(keep, " ")
end
function PG:wrap(s, fk, pt, width)
  local lines, cur = {}, ""
  for word in s:gmatch("%S+") do
    local t = (cur == "") and word or (cur .. " " .. word)
    if L.width(fk, t, pt) > width and cur ~= "" then lines[#lines + 1] = cur; cur = word else cur = t end
  end
  if cur ~= "" then lines[#lines + 1] = cur end
  return lines
end
function PG:para(x, y, width, s, fk, pt, lead, o)
  lead = lead or pt * 0.3528 * 1.35
  for _, ln in ipairs(self:wrap(s, fk, pt, width)) do self:text(x, y, ln, fk, pt, o); y = y + lead end
  return y
end
function PG:rule(x0, y0, x1, y1, w, col) self.ops[#self.ops + 1] = { t = "rule", x0 = x0, y0 = y0, x1 = x1, y1 = y1, w = w or 0.3, col = col } end
function PG:box(x0, y0, x1, y1, w, col)
  self:rule(x0, y0, x1, y0, w, col); self:rule(x0, y1, x1, y1, w, col); self:rule(x0, y0, x0, y1, w, col); self:rule(x1, y0, x1, y1, w, col)
end
function PG:fillbox(x0, y0, x1, y1, col) self.ops[#self.ops + 1] = { t = "fill", x0 = x0, y0 = y0, x1 = x1, y1 = y1, col = col } end
function PG:tick(x, y, checked) self:box(x, y - 3, x + 3, y, 0.25); if checked then self.ops[#self.ops + 1] = { t = "tickmark", x = x, y = y } end end
function PG:logo(x, y, size, halftone, col) self.ops[#self.ops + 1] = { t = "logo", x = x, y = y, s = size, ht = halftone, col = col } end
function PG:op(o) self.ops[#self.ops + 1] = o end
return L
