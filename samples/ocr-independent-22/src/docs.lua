-- docs.lua: document builders (fictional NHS paperwork); each returns pages + facts for the manifest
local L = require("layout")
local C = require("content")
local M = {}
local SIZES = { A4 = { 210, 297 }, Letter = { 215.9, 279.4 }, A5 = { 148, 210 }, DL = { 210, 99 } }
M.SIZES = SIZES

local function idlines(r, p, style, d)
  -- returns list of printed strings for NHS/DOB in a chosen layout, records as-printed
  local ns = r:int(1, 3); local ds = r:int(1, 7)
  local nhs = C.fmt_nhs(p.nhs, ns); local dob = C.fmt_date(p.dob, ds)
  local nl = r:pick({ "NHS No:", "NHS Number", "NHS No.", "NHS number:", "NHS" })
  local dl = r:pick({ "DOB", "Date of Birth:", "D.O.B.", "DoB:", "Born" })
  d.nhs_as_printed = nhs; d.dob_as_printed = dob
  return nl, nhs, dl, dob
end

local function letterhead(pg, r, d, org, sub, fk, fb, colour)
  local W = pg.w
  local lx = r:chance(0.5) and 15 or (W - 45)
  pg:logo(lx, 12, 24, d.halftone, colour)
  local tx = (lx < 50) and 45 or 15
  pg:text(tx, 20, org, fb, 14)
  pg:text(tx, 26, sub, fk, 9)
  pg:text(tx, 31, "Tel " .. d.tel .. "   Fax " .. d.fax, fk, 8)
  pg:rule(15, 35, W - 15, 35, 0.5, colour)
  return 42
end

local function address(pg, x, y, p, fk, pt)
  local lead = pt * 0.3528 * 1.3
  pg:text(x, y, string.format("%s %s %s", p.title, p.first, p.last), fk, pt); y = y + lead
  for _, a in ipairs(p.addr) do pg:text(x, y, a, fk, pt); y = y + lead end
  return y
end

local function body_text(sc, p, r)
  local t = {}
  local pr = (p.sex == "F") and "She" or "He"
  for _, h in ipairs(sc.hx) do t[#t + 1] = h:gsub("^He ", pr .. " "):gsub("^She ", pr .. " ") end
  return t
end

-- generic referral / letter builder with many layout switches
function M.build(spec, r)
  local p = C.patient(r)
  local d = { patient = p, distractors = {}, overlay = {}, fonts = {} }
  local sc = r:pick(C.scen)
  d.tel = C.phone(r); d.fax = C.phone(r)
  local ldate = C.date(r, 2009, 2023)
  local lds = C.fmt_date(ldate, r:pick({ 1, 2, 4, 6 }))
  local fk, fb = spec.font, spec.fontb
  local pt = spec.pt or 10.5
  local kind = spec.kind
  local size = SIZES[spec.size or "A4"]
  local pages = {}
  local function newpage(sz) local s = SIZES[sz or spec.size or "A4"]; local pg = L.page(s[1], s[2]); pages[#pages + 1] = pg; return pg end
  local pg = newpage()
  local W = pg.w
  local practice = r:pick(C.practices)
  local gp = r:pick(C.gps)
  local hospital = r:pick(C.hospitals)
  local cons = r:pick(C.consultants)
  local ubrn = string.format("%04d %04d %04d", r:int(0, 9999), r:int(0, 9999), r:int(0, 9999))
  local ods = string.format("Z%05d", r:int(10000, 99999))
  local lead = pt * 0.3528 * 1.4
  local nl, nhs, dl, dob = idlines(r, p, nil, d)
  local y
  local dist = d.distractors
  local function dd(s) dist[#dist + 1] = s end
  dd(lds); dd(d.tel); dd(p.hosp)
  local x0 = 20
  local tw = W - 40
  local dtype = spec.dtype
  if kind == "compliments_slip" then
    -- page 1: DL slip
    local s = SIZES.DL
    pg.w, pg.h = s[1], s[2]
    pg:logo(12, 8, 18, d.halftone, spec.colour)
    pg:text(36, 15, practice, fb, 13)
    pg:text(36, 21, "With Compliments", fk, 11)
    pg:text(12, 38, "Re: " .. p.title .. " " .. p.first .. " " .. p.last .. "  " .. dl .. " " .. dob, fk, 10)
    pg:text(12, 45, nl .. " " .. nhs, fk, 10)
    pg:text(12, 54, "Referral letter and recent blood results enclosed.", fk, 10)
    pg:text(12, 61, "Please contact the surgery on " .. d.tel .. " with any queries.", fk, 10)
    pg:text(12, 90, practice .. ", " .. C.towns[1] .. " " .. C.postcode(r), fk, 7)
    d.overlay[#d.overlay + 1] = "signature"
    pg:op({ t = "sig", x = 120, y = 75 })
    pg = newpage("A4"); W = pg.w
  end
  -- header
  if kind == "emis_export" or kind == "systmone_export" or kind == "vision_export" or kind == "ers_export" then
    local sys = ({ emis_export = "EMIS Web", systmone_export = "SystmOne", vision_export = "Vision", ers_export = "NHS e-Referral Service" })[kind]
    pg:fillbox(15, 10, W - 15, 20, spec.colour and { 225, 232, 245 } or 225)
    pg:text(18, 17, sys .. " - " .. ((kind == "ers_export") and "Referral Letter" or "Referral Summary"), fb, 11)
    pg:text(W - 18, 17, "Printed " .. lds, fk, 8, { align = "right" })
    y = 28
    if kind == "ers_export" then
      pg:text(18, y, "UBRN: " .. ubrn, fb, 10); dd(ubrn); y = y + lead
      pg:text(18, y, "Service: " .. sc.sp .. " - " .. hospital, fk, 10); y = y + lead
      pg:text(18, y, "Priority: " .. r:pick({ "Routine", "Urgent", "2 Week Wait" }), fk, 10); y = y + lead + 2
    end
    -- demographic table
    pg:box(15, y - 5, W - 15, y + 3 * lead + 1, 0.3)
    pg:row(y, { "Patient:", p.last:upper() .. ", " .. p.first .. " (" .. p.title .. ")", nl, nhs }, { 18, 45, 120, 145 }, fk, pt, { fonts = { fb, fk, fb, fk } }); y = y + lead
    pg:row(y, { dl, dob, "Sex:", (p.sex == "F") and "Female" or "Male" }, { 18, 45, 120, 145 }, fk, pt, { fonts = { fb, fk, fb, fk } }); y = y + lead
    pg:row(y, { "Address:", p.addr[1] .. ", " .. p.addr[2] .. ", " .. p.addr[3] }, { 18, 45 }, fk, pt, { fonts = { fb, fk } }); y = y + lead + 6
    pg:text(18, y, "Registered GP: " .. gp .. ", " .. practice .. " (" .. ods .. ")", fk, pt); dd(ods); y = y + lead
    pg:text(18, y, "Hospital No: " .. p.hosp .. "   Tel: " .. p.phone, fk, pt); dd(p.phone); y = y + lead + 4
  elseif kind == "tickbox_proforma" then
    y = letterhead(pg, r, d, hospital, sc.sp .. " Referral Proforma", fk, fb, spec.colour)
    pg:text(W / 2, y, "GP REFERRAL FORM - " .. sc.sp:upper(), fb, 12, { align = "center" }); y = y + 9
    local rows = { { "Surname", p.last }, { "Forename", p.first }, { nl, nhs }, { dl, dob }, { "Hospital No", p.hosp }, { "Telephone", p.phone } }
    dd(p.phone)
    for _, rw in ipairs(rows) do
      pg:box(20, y - 5, 70, y + 2, 0.3); pg:box(70, y - 5, W - 20, y + 2, 0.3)
      pg:row(y, rw, { 22, 72 }, fk, pt); y = y + 7
    end
    y = y + 4
    pg:text(20, y, "Urgency:", fb, pt)
    local urg = r:int(1, 3)
    local xs = 45
    for i, u in ipairs({ "Routine", "Urgent", "Suspected cancer" }) do pg:tick(xs, y, i == urg); xs = pg:text(xs + 5, y, u, fk, pt) + 6 end
    pg.gt[#pg.gt] = nil; pg.gt[#pg.gt] = nil; pg.gt[#pg.gt] = nil; pg.gt[#pg.gt] = nil
    pg.gt[#pg.gt + 1] = "Urgency: Routine Urgent Suspected cancer"
    y = y + 9
    pg:text(20, y, "Reason for referral: " .. sc.title, fb, pt); y = y + lead
  else
    -- letter styles
    if kind ~= "terse_note" and kind ~= "typewriter_letter" then
      y = letterhead(pg, r, d, (dtype == "referral_letter") and practice or hospital,
        (dtype == "referral_letter") and (C.towns[r:int(1, #C.towns)] .. " " .. C.postcode(r)) or r:pick(C.trusts), fk, fb, spec.colour)
    else
      pg:text(W - 20, 20, practice, fb, pt, { align = "right" })
      pg:text(W - 20, 20 + lead, r:pick(C.towns) .. " " .. C.postcode(r), fk, pt, { align = "right" })
      pg:text(W - 20, 20 + 2 * lead, "Tel: " .. d.tel, fk, pt, { align = "right" })
      y = 20 + 4 * lead
    end
    if kind == "demographics_box" then
      -- two columns: address left, demographics box right (left read fully, then right)
      local ya = address(pg, 20, y + 6, p, fk, pt)
      local bx = W / 2 + 8
      pg:box(bx - 3, y, W - 17, y + 8 * lead, 0.3)
      local yy = y + 6
      for _, rw in ipairs({ { "Name:", p.first .. " " .. p.last }, { nl, nhs }, { dl, dob }, { "Hosp No:", p.hosp }, { "Clinic:", sc.sp }, { "Date:", lds }, { "Tel:", p.phone } }) do
        pg:row(yy, rw, { bx, bx + 24 }, fk, pt - 1, { fonts = { fb, fk } }); yy = yy + lead
      end
      dd(p.phone)
      y = math.max(ya, yy) + 6
    else
      pg:text(20, y, lds, fk, pt); y = y + 2 * lead
      if kind ~= "terse_note" then
        pg:text(20, y, ((dtype == "referral_letter") and cons or gp), fk, pt); y = y + lead
        pg:text(20, y, (dtype == "referral_letter") and (sc.sp .. " Department") or practice, fk, pt); y = y + lead
        pg:text(20, y, (dtype == "referral_letter") and hospital or r:pick(C.towns), fk, pt); y = y + 2 * lead
      end
      if kind == "two_page_letter" then
        -- first page mostly header/address
        y = address(pg, 20, y + 10, p, fk, pt) + 20
        pg:text(20, y, "Our ref: " .. ods .. "/" .. r:int(100, 999) .. "   Your ref: " .. p.hosp, fk, pt); dd(ods); y = y + lead
        pg:text(20, y, nl .. " " .. nhs .. "    " .. dl .. " " .. dob, fb, pt); y = y + lead
        pg:text(20, 285, "continued overleaf", fk, 8)
        pg = newpage(); y = 25
        pg:text(20, y, p.first .. " " .. p.last .. " - page 2", fk, 8); y = y + 2 * lead
      else
        local style = r:int(1, 4)
        if style == 1 then
          pg:text(20, y, "Re: " .. p.title .. " " .. p.first .. " " .. p.last .. ", " .. dl .. " " .. dob, fb, pt); y = y + lead
          pg:text(20, y, nl .. " " .. nhs .. "   Hosp No " .. p.hosp, fb, pt); y = y + lead
          pg:text(20, y, p.addr[1] .. ", " .. p.addr[2] .. ", " .. p.addr[3], fk, pt); y = y + 2 * lead
        elseif style == 2 then
          pg:fillbox(18, y - 5, W - 18, y + 2 * lead - 2, spec.colour and { 235, 240, 228 } or 232)
          pg:row(y, { p.last:upper() .. " " .. p.first, dl .. " " .. dob, nl .. " " .. nhs }, { 20, 85, 135 }, fb, pt - 1); y = y + lead
          pg:row(y, { p.addr[1] .. ", " .. p.addr[2], p.addr[3] }, { 20, 135 }, fk, pt - 1); y = y + 2 * lead
        elseif style == 3 then
          pg:text(20, y, "Dear " .. ((dtype == "referral_letter") and cons or gp) .. ",", fk, pt); y = y + 2 * lead
          pg:text(20, y, "RE: " .. p.first:upper() .. " " .. p.last:upper(), fb, pt); y = y + lead
          pg:text(20, y, dl .. ": " .. dob .. "  " .. nl .. ": " .. nhs, fb, pt); y = y + 2 * lead
        else
          pg:row(y, { "Patient", p.title .. " " .. p.first .. " " .. p.last }, { 20, 55 }, fk, pt, { fonts = { fb, fk } }); y = y + lead
          pg:row(y, { dl, dob }, { 20, 55 }, fk, pt, { fonts = { fb, fk } }); y = y + lead
          pg:row(y, { nl, nhs }, { 20, 55 }, fk, pt, { fonts = { fb, fk } }); y = y + lead
          pg:row(y, { "Address", p.addr[1] .. ", " .. p.addr[2] .. " " .. p.addr[3] }, { 20, 55 }, fk, pt, { fonts = { fb, fk } }); y = y + 2 * lead
        end
      end
    end
  end
  -- body by document type
  local pr = (p.sex == "F") and "her" or "him"
  local function P(s) y = pg:para(20, y, tw, s, fk, pt, lead) + lead * 0.5; if y > pg.h - 40 and #pages < (spec.maxpages or 2) then pg = newpage(); y = 25 end end
  if dtype == "referral_letter" then
    if kind == "soap_note" then
      P("S: " .. table.concat(body_text(sc, p, r), " "))
      P("O: " .. sc.ex)
      P("A: " .. sc.title .. ".")
      P("P: " .. sc.ask)
    elseif kind == "terse_note" then
      P("Dear Dr, pls see " .. p.first .. " " .. p.last .. ", " .. dob .. ", NHS " .. nhs .. ". " .. sc.title .. ". " .. sc.hx[1])
      P("Thanks. Tel " .. p.phone)
      dd(p.phone)
    else
      if kind ~= "ers_export" and kind ~= "tickbox_proforma" then P("Dear " .. cons .. ",") end
      P("Thank you for seeing this " .. math.max(18, ldate.y - p.dob.y) .. " year old " .. ((p.sex == "F") and "woman" or "man") .. " regarding " .. sc.title:lower() .. ".")
      for _, h in ipairs(body_text(sc, p, r)) do P(h) end
      P("On examination: " .. sc.ex)
      if kind ~= "terse_note" then
        pg:text(20, y, "Past medical history:", fb, pt); y = y + lead
        for k = 1, r:int(2, 3) do pg:text(25, y, "- " .. C.pmh[r:int(1, #C.pmh)], fk, pt); y = y + lead end
        pg:text(20, y, "Current medication:", fb, pt); y = y + lead
        for k = 1, r:int(2, 4) do pg:text(25, y, C.meds[r:int(1, #C.meds)], fk, pt); y = y + lead end
        pg:text(20, y, "Allergies: " .. r:pick(C.allergies), fk, pt); y = y + lead * 1.5
      end
      P(sc.ask)
    end
  elseif dtype == "clinic_letter" then
    P("Diagnosis: " .. sc.title)
    P("I reviewed " .. pr .. " in the " .. sc.sp .. " clinic today. " .. sc.hx[1])
    P(sc.hx[2] or "")
    P("Plan: we will arrange further investigations and review in clinic in " .. r:int(6, 16) .. " weeks. Hospital number " .. p.hosp .. " should be quoted on all correspondence.")
  elseif dtype == "discharge_summary" then
    local adm = C.date(r, ldate.y - 1, ldate.y)
    dd(C.fmt_date(adm, 1))
    pg:row(y, { "Admitted:", C.fmt_date(adm, 1), "Discharged:", lds }, { 20, 45, 100, 130 }, fk, pt); y = y + lead
    pg:row(y, { "Ward:", r:pick({ "Ward 7", "AMU", "Ward 22 (Surgery)", "CCU" }), "Consultant:", cons }, { 20, 45, 100, 130 }, fk, pt); y = y + 2 * lead
    P("Presenting complaint: " .. sc.title .. ". " .. sc.hx[1])
    P("Investigations: " .. (sc.hx[3] or "Routine bloods unremarkable."))
    pg:text(20, y, "Medication on discharge:", fb, pt); y = y + lead
    for k = 1, 3 do pg:text(25, y, C.meds[r:int(1, #C.meds)], fk, pt); y = y + lead end
    y = y + 2
    P("Follow up: GP to review in two weeks. " .. sc.sp .. " outpatient appointment to be sent.")
  elseif dtype == "lab_result" then
    pg:text(20, y, "Specimen: Blood   Lab No: " .. string.format("L%08d", r:int(0, 99999999)), fk, pt); y = y + lead
    pg:text(20, y, "Collected: " .. lds .. " 09:" .. string.format("%02d", r:int(0, 59)), fk, pt); y = y + 2 * lead
    pg:row(y, { "Test", "Result", "Units", "Range" }, { 20, 80, 115, 150 }, fb, pt); y = y + 2
    pg:rule(20, y, W - 20, y, 0.3); y = y + lead
    local tests = { { "Haemoglobin", "g/L", "120-160" }, { "WBC", "x10^9/L", "4.0-11.0" }, { "Platelets", "x10^9/L", "150-400" }, { "Sodium", "mmol/L", "133-146" }, { "Potassium", "mmol/L", "3.5-5.3" }, { "Creatinine", "umol/L", "59-104" }, { "eGFR", "mL/min", ">90" }, { "CRP", "mg/L", "<5" }, { "TSH", "mU/L", "0.27-4.2" }, { "HbA1c", "mmol/mol", "20-41" } }
    for _, t in ipairs(tests) do
      local v = string.format("%.1f", r:uniform(1, 150))
      pg:row(y, { t[1], v, t[2], t[3] }, { 20, 80, 115, 150 }, fk, pt); y = y + lead
    end
    y = y + lead
    P("Comment: results reviewed by duty biochemist. Please repeat in " .. r:int(2, 8) .. " weeks if clinically indicated.")
  elseif dtype == "appointment_letter" then
    local ad = C.date(r, ldate.y, ldate.y + 1)
    local adate = C.fmt_date(ad, 2)
    dd(adate)
    P("Dear " .. p.title .. " " .. p.last .. ",")
    P("An appointment has been made for you to attend the " .. sc.sp .. " clinic as detailed below.")
    pg:row(y, { "Date:", adate }, { 30, 60 }, fk, pt, { fonts = { fb, fb } }); y = y + lead
    pg:row(y, { "Time:", string.format("%02d:%02d", r:int(8, 16), r:pick({ 0, 15, 30, 45 })) }, { 30, 60 }, fk, pt, { fonts = { fb, fb } }); y = y + lead
    pg:row(y, { "Clinic:", cons .. ", Outpatients " .. string.char(64 + r:int(1, 6)) }, { 30, 60 }, fk, pt, { fonts = { fb, fk } }); y = y + 2 * lead
    P("If you are unable to attend please telephone " .. d.tel .. " at least 48 hours beforehand. Please bring a list of your current medicines.")
  elseif dtype == "continuation_sheet" then
    -- handled separately
  end
  -- sign off
  if dtype ~= "lab_result" and kind ~= "terse_note" then
    P(r:pick({ "Yours sincerely,", "Kind regards,", "Yours faithfully," }))
    pg:op({ t = "sig", x = 22, y = y + 4 }); d.overlay[#d.overlay + 1] = "signature"
    y = y + 12
    pg:text(20, y, (dtype == "referral_letter") and gp or cons, fb, pt); y = y + lead
    pg:text(20, y, (dtype == "referral_letter") and ("General Practitioner, GMC " .. r:int(2000000, 7999999)) or ("Consultant, " .. sc.sp), fk, pt - 1); y = y + lead
    if dtype ~= "referral_letter" then pg:text(20, y, "cc: " .. gp .. ", " .. practice, fk, pt - 1); y = y + lead end
  end
  -- footers (small 8pt)
  for i, q in ipairs(pages) do
    if q.h > 150 then
      q:text(20, q.h - 10, ((dtype == "referral_letter") and practice or r:pick(C.trusts)) .. " - " .. ods .. " - Page " .. i .. " of " .. #pages, fk, 7)
    end
  end
  d.pages = pages
  d.kind = kind
  return d
end

function M.continuation(spec, r)
  local p = C.patient(r)
  local d = { patient = p, distractors = {}, overlay = {}, kind = "handwritten_continuation" }
  local nl, nhs, dl, dob = idlines(r, p, nil, d)
  local pg = L.page(210, 297)
  pg:text(20, 18, "CONTINUATION SHEET", spec.fontb, 13)
  pg:text(190, 18, r:pick(C.hospitals), spec.font, 8, { align = "right" })
  pg:box(120, 24, 192, 48, 0.3)
  pg:text(123, 30, "Name: " .. p.first .. " " .. p.last, spec.font, 9)
  pg:text(123, 36, nl .. " " .. nhs, spec.font, 9)
  pg:text(123, 42, dl .. " " .. dob, spec.font, 9)
  pg:text(123, 47, "Hosp No: " .. p.hosp, spec.font, 8)
  d.distractors = { p.hosp }
  local y = 60
  for k = 0, 30 do pg:rule(15, 56 + k * 8.5, 195, 56 + k * 8.5, 0.15, { 150, 180, 220 }) end
  local sc = r:pick(C.scen)
  local ent = { C.fmt_date(C.date(r, 2010, 2022), 5) .. " Seen in clinic.", sc.title .. ".", sc.hx[1], sc.ex, "Plan: " .. sc.ask, "Review " .. r:int(2, 12) .. " weeks." }
  for _, e in ipairs(ent) do
    for _, ln in ipairs(pg:wrap(e, spec.hand, 13, 165)) do
      pg:text(22, y + 1.5, ln, spec.hand, 13, { hand = true, col = spec.ink }); y = y + 8.5
    end
  end
  pg:text(20, 290, "Form CS/1 rev 3", spec.font, 7)
  d.pages = { pg }
  return d
end
return M
