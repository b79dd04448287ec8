-- content.lua: fictional NHS people, places and clinical text (all invented)
local M = {}
M.first = {"Margaret","Arthur","Doreen","Kenneth","Patricia","Derek","Sylvia","Trevor","Maureen","Clifford","Janet","Leonard","Brenda","Gordon","Hilda","Norman","Irene","Stanley","Pauline","Raymond","Gwen","Dennis","Valerie","Harold","Shirley","Roy","Eileen","Colin","Joan","Malcolm","Aisha","Tomasz","Priya","Kwame","Siobhan","Declan","Yusuf","Mei","Bronwen","Rhys"}
M.last = {"Ashworth","Pemberton","Hargreaves","Thistlewood","Oddie","Crabtree","Greenhalgh","Entwistle","Sowerby","Kettlewell","Blenkinsop","Haworth","Ormerod","Pilling","Rushworth","Tattersall","Whiteley","Brierley","Fothergill","Ackroyd","Okonkwo","Kowalczyk","Raghunathan","Mensah","Flaherty","Quigley","Bakshi","Lindqvist","Penhaligon","Trevithick"}
M.streets = {"Mill Lane","Chapel Street","Moorside Road","Beck View","Heather Close","Albion Terrace","Quarry Bank","Station Approach","Weavers Row","Kiln Croft","Larch Grove","Tannery Walk","Brook Street","Ferncliffe Drive","Old Vicarage Court"}
M.towns = {"Ashbridge","Netherfold","Kelderby","Wrenthorpe Vale","Marston Heath","Cawley","Holmbury","Scarbeck","Oxcliffe","Brindlemoor"}
M.practices = {"Riverside Medical Practice","Moorside Surgery","The Old Forge Health Centre","Beckfield Group Practice","Albion Street Surgery","Kelderby Family Doctors","Heathview Medical Centre","Chapel Lane Surgery"}
M.hospitals = {"Ashbridge General Hospital","Netherfold Royal Infirmary","Kelderby District Hospital","Scarbeck Community Hospital"}
M.trusts = {"Ashbridge and Netherfold NHS Foundation Trust","Kelderby Hospitals NHS Trust","Scarbeck Valley NHS Trust"}
M.gps = {"Dr H. Ramsbottom","Dr A. Okafor","Dr S. Lindley","Dr P. Varma","Dr J. McAllister","Dr E. Thackeray","Dr R. Nwosu","Dr C. Brennan"}
M.consultants = {"Mr D. Fairclough","Dr L. Achterberg","Miss K. Oyelaran","Dr M. Castellanos","Mr T. Haldane","Dr F. Quinlivan","Prof G. Ellery"}
M.specialties = {"Cardiology","Orthopaedics","Breast Surgery","Colorectal Surgery","Neurology","Endocrinology","Diabetes","Dermatology","ENT","Rheumatology","Gastroenterology","Urology","Ophthalmology","Respiratory Medicine","General Surgery","Haematology"}
M.scen = {
 {sp="Cardiology", title="Exertional chest tightness", hx={"He describes a six week history of central chest tightness brought on by walking uphill and relieved by rest within a few minutes.","There is no pain at rest. He is an ex-smoker of twenty pack years and his father had a myocardial infarction aged 58.","ECG in surgery showed sinus rhythm with no acute changes."}, ex="BP 148/86, pulse 78 regular, heart sounds normal, chest clear.", ask="I would be grateful if you could assess him in the rapid access chest pain clinic."},
 {sp="Orthopaedics", title="Right knee pain", hx={"She has had increasing right knee pain over eighteen months, now limiting her walking to about two hundred yards.","Night pain disturbs her sleep. She has tried regular paracetamol, topical NSAIDs and a course of physiotherapy without lasting benefit.","X-ray reported moderate medial compartment narrowing with osteophytes."}, ex="Small effusion, crepitus, flexion limited to 100 degrees, stable ligaments.", ask="Please see with a view to considering joint replacement."},
 {sp="Breast Surgery", title="Breast lump - two week wait", hx={"She noticed a lump in the upper outer quadrant of the left breast two weeks ago.","There is no nipple discharge and no family history of breast cancer.","She is not taking HRT."}, ex="A 2 cm firm, mobile lump at 2 o'clock in the left breast. No axillary lymphadenopathy.", ask="Referred under the suspected cancer pathway for urgent assessment."},
 {sp="Colorectal Surgery", title="Change in bowel habit and rectal bleeding", hx={"He reports a three month change in bowel habit to looser stools with intermittent dark red blood mixed in.","He has lost about four kilograms in weight without trying.","FIT result was 86 micrograms per gram."}, ex="Abdomen soft and non-tender, no masses. PR examination unremarkable.", ask="Please see urgently under the lower GI suspected cancer pathway."},
 {sp="Neurology", title="Recurrent headaches", hx={"She has a four month history of headaches, worse in the mornings, with occasional nausea.","There are no visual symptoms and no focal weakness.","Headache diary shows analgesic use on most days of the week."}, ex="Fundi normal, cranial nerves intact, normal tone, power and reflexes.", ask="I would value your opinion regarding further investigation and management."},
 {sp="Endocrinology", title="Abnormal thyroid function", hx={"Routine bloods showed a suppressed TSH of less than 0.01 with a raised free T4 of 32.","She reports palpitations, heat intolerance and weight loss over two months.","There is a small diffuse goitre."}, ex="Fine tremor, pulse 104 regular, no eye signs.", ask="Please could you see her in the thyroid clinic. I have started propranolol 40 mg twice daily."},
 {sp="Dermatology", title="Changing pigmented lesion", hx={"He has noticed a mole on his back that has grown and darkened over the last three months.","It occasionally itches but has not bled.","He had significant sun exposure working outdoors."}, ex="An 8 mm asymmetrical lesion with irregular border and two colours on the left scapula.", ask="Referred under the skin cancer two week wait pathway."},
 {sp="ENT", title="Unilateral hearing loss", hx={"She reports gradual hearing loss in the left ear over a year with intermittent tinnitus.","There is no vertigo, discharge or pain.","Audiology screening in the practice suggested an asymmetry."}, ex="Otoscopy normal bilaterally. Weber lateralises to the right.", ask="Please assess and arrange MRI of the internal auditory meati if appropriate."},
 {sp="Rheumatology", title="Inflammatory joint pain", hx={"He has a two month history of painful swollen hands with early morning stiffness lasting two hours.","CRP 38, rheumatoid factor positive, anti-CCP awaited.","Ibuprofen gives partial relief."}, ex="Synovitis of the 2nd and 3rd MCP joints bilaterally.", ask="I would be grateful for early assessment in the early arthritis clinic."},
 {sp="Gastroenterology", title="Iron deficiency anaemia", hx={"Bloods show haemoglobin 94 g/L with ferritin 6.","She has no overt bleeding and her periods stopped ten years ago.","Coeliac serology was negative."}, ex="Pale, abdomen soft with no masses.", ask="Please consider upper and lower GI investigation."},
 {sp="Urology", title="Raised PSA", hx={"His PSA is 8.4, repeated at 8.9 six weeks later.","He has mild nocturia twice a night but no haematuria.","There is no family history of prostate cancer."}, ex="DRE: moderately enlarged, smooth, no discrete nodule.", ask="Please see under the urology two week wait pathway."},
 {sp="Ophthalmology", title="Deteriorating vision", hx={"He reports blurred vision in both eyes, worse in bright light and when driving at night.","Optometrist report enclosed confirms bilateral lens opacities.","Visual acuity right 6/18, left 6/12."}, ex="As per optometry report.", ask="Please consider for cataract surgery."},
 {sp="Respiratory Medicine", title="Persistent cough", hx={"She has had a cough for ten weeks with occasional white sputum and breathlessness on stairs.","She smoked ten a day for thirty years and stopped last year.","Chest X-ray reported hyperinflation only."}, ex="Scattered wheeze, oxygen saturation 94 percent on air.", ask="Please assess for COPD and arrange spirometry and CT if indicated."},
 {sp="Diabetes", title="Poorly controlled type 2 diabetes", hx={"HbA1c has risen from 64 to 88 mmol/mol over the last year despite metformin and gliclazide.","He has symptoms of thirst and nocturia.","Renal function eGFR 58."}, ex="BMI 34, feet: reduced monofilament sensation on the left.", ask="I would welcome advice regarding intensification of treatment."},
 {sp="Haematology", title="Raised platelet count", hx={"Incidental finding of platelets 612 on three occasions over four months.","No history of thrombosis or bleeding.","Ferritin and CRP normal."}, ex="No splenomegaly or lymphadenopathy.", ask="Please advise on further investigation."},
}
M.meds = {"Amlodipine 5 mg once daily","Atorvastatin 20 mg at night","Metformin 500 mg twice daily","Ramipril 2.5 mg once daily","Omeprazole 20 mg once daily","Levothyroxine 75 micrograms daily","Bisoprolol 2.5 mg once daily","Aspirin 75 mg once daily","Paracetamol 1 g four times daily when required","Salbutamol inhaler 2 puffs as required","Sertraline 50 mg once daily","Furosemide 40 mg in the morning","Apixaban 5 mg twice daily","Co-codamol 30/500 two tablets as required"}
M.pmh = {"Hypertension","Type 2 diabetes","Hypercholesterolaemia","Osteoarthritis","Asthma","Depression","Hypothyroidism","Gastro-oesophageal reflux","Atrial fibrillation","Previous appendicectomy","COPD","Chronic kidney disease stage 3"}
M.allergies = {"No known drug allergies","Penicillin - rash","NKDA","Codeine - vomiting","Sulfonamides"}
M.months = {"January","February","March","April","May","June","July","August","September","October","November","December"}
M.mon3 = {"Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"}

function M.nhs(r)
  while true do
    local d = { 9, 9, 9 }
    for i = 4, 9 do d[i] = r:int(0, 9) end
    local s = 0
    for i = 1, 9 do s = s + d[i] * (11 - i) end
    local c = 11 - (s % 11)
    if c == 11 then c = 0 end
    if c ~= 10 then d[10] = c; return table.concat(d) end
  end
end
function M.valid_nhs(n)
  if not n:match("^%d%d%d%d%d%d%d%d%d%d$") then return false end
  local s = 0
  for i = 1, 9 do s = s + tonumber(n:sub(i, i)) * (11 - i) end
  local c = 11 - (s % 11); if c == 11 then c = 0 end
  return c ~= 10 and c == tonumber(n:sub(10, 10))
end

function M.date(r, y0, y1)
  local y = r:int(y0, y1); local m = r:int(1, 12); local d = r:int(1, 28)
  return { y = y, m = m, d = d }
end
function M.iso(dt) return string.format("%04d-%02d-%02d", dt.y, dt.m, dt.d) end
function M.fmt_date(dt, style)
  local y2 = string.format("%02d", dt.y % 100)
  if style == 1 then return string.format("%02d/%02d/%04d", dt.d, dt.m, dt.y)
  elseif style == 2 then return string.format("%d %s %d", dt.d, M.months[dt.m], dt.y)
  elseif style == 3 then return string.format("%02d.%02d.%s", dt.d, dt.m, y2)
  elseif style == 4 then return string.format("%02d-%s-%04d", dt.d, M.mon3[dt.m], dt.y)
  elseif style == 5 then return string.format("%d/%d/%04d", dt.d, dt.m, dt.y)
  elseif style == 6 then return string.format("%02d %s %04d", dt.d, M.mon3[dt.m], dt.y)
  else return string.format("%04d-%02d-%02d", dt.y, dt.m, dt.d) end
end
function M.fmt_nhs(n, style)
  if style == 1 then return n:sub(1, 3) .. " " .. n:sub(4, 6) .. " " .. n:sub(7, 10)
  elseif style == 2 then return n
  else return n:sub(1, 3) .. "-" .. n:sub(4, 6) .. "-" .. n:sub(7, 10) end
end
function M.phone(r) return string.format("01632 960%03d", r:int(0, 999)) end
function M.postcode(r) return string.format("ZX%d %d%s%s", r:int(1, 99), r:int(1, 9), string.char(64 + r:int(1, 26)), string.char(64 + r:int(1, 26))) end

function M.patient(r)
  local sex = r:chance(0.5) and "F" or "M"
  local p = { first = r:pick(M.first), last = r:pick(M.last), sex = sex }
  p.title = (sex == "F") and r:pick({ "Mrs", "Miss", "Ms" }) or "Mr"
  p.nhs = M.nhs(r)
  p.dob = M.date(r, 1928, 1992)
  p.addr = { string.format("%d %s", r:int(1, 140), r:pick(M.streets)), r:pick(M.towns), M.postcode(r) }
  p.hosp = string.format("%s%06d", r:pick({ "K", "RX", "A", "N" }), r:int(100000, 999999))
  p.phone = M.phone(r)
  return p
end
return M
