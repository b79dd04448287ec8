# content.R -- fictional people, places, numbers and clinical text. Everything is invented:
# NHS numbers in the 999 test range with valid modulus-11 check digits, ZX postcodes, 01632 960xxx phones.

pick <- function(x, n = 1) x[sample.int(length(x), n)]
MONTHS <- c("January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December")
MON3 <- substr(MONTHS, 1, 3)

nhs_number <- function() {
  repeat {
    d <- c(9L, 9L, 9L, sample(0:9, 7, TRUE))
    s <- sum(d[1:9] * (10:2)); chk <- 11 - s %% 11
    if (chk == 11) chk <- 0
    if (chk != 10) { d[10] <- chk; return(paste(d, collapse = "")) }
  }
}
nhs_valid <- function(n) { d <- as.integer(strsplit(n, "")[[1]]); c <- 11 - sum(d[1:9] * (10:2)) %% 11; if (c == 11) c <- 0; c != 10 && c == d[10] }
fmt_nhs <- function(n, style = "spaced") {
  a <- substr(n, 1, 3); b <- substr(n, 4, 6); c <- substr(n, 7, 10)
  switch(style, spaced = paste(a, b, c), plain = n, dashed = paste(a, b, c, sep = "-"), dotted = paste(a, b, c, sep = "."))
}
ymd <- function(d) c(as.integer(format(d, "%Y")), as.integer(format(d, "%m")), as.integer(format(d, "%d")))
ordinal <- function(n) paste0(n, if (n %% 100 %in% 11:13) "th" else c("th", "st", "nd", "rd", rep("th", 6))[n %% 10 + 1])
fmt_date <- function(d, style = "dmy_slash") {
  p <- ymd(d); y <- p[1]; m <- p[2]; dd <- p[3]
  switch(style,
    dmy_slash = sprintf("%02d/%02d/%04d", dd, m, y),
    dmy_slash_short = sprintf("%02d/%02d/%02d", dd, m, y %% 100),
    dmy_dot_short = sprintf("%02d.%02d.%02d", dd, m, y %% 100),
    dmy_dot = sprintf("%02d.%02d.%04d", dd, m, y),
    dmy_dash = sprintf("%02d-%02d-%04d", dd, m, y),
    long = sprintf("%d %s %d", dd, MONTHS[m], y),
    long_ord = sprintf("%s %s %d", ordinal(dd), MONTHS[m], y),
    mon = sprintf("%02d-%s-%04d", dd, MON3[m], y),
    mon_sp = sprintf("%d %s %d", dd, MON3[m], y),
    mon_up = sprintf("%02d-%s-%04d", dd, toupper(MON3[m]), y),
    mon_up_sp = sprintf("%02d %s %04d", dd, toupper(MON3[m]), y),
    iso = sprintf("%04d-%02d-%02d", y, m, dd),
    stop("date style"))
}
iso <- function(d) fmt_date(d, "iso")
rand_date <- function(from, to) as.Date(from) + sample.int(as.integer(as.Date(to) - as.Date(from)), 1)
age_at <- function(dob, at) { a <- ymd(at); b <- ymd(dob); a[1] - b[1] - ((a[2] < b[2]) || (a[2] == b[2] && a[3] < b[3])) }

FIRST_M <- c("David", "Peter", "John", "Michael", "Graham", "Stephen", "Rajesh", "Mohammed", "Tomasz", "Kwame", "Alan",
             "Brian", "Colin", "Derek", "Imran", "Gareth", "Neil", "Trevor", "Owen", "Declan", "Sanjay", "Keith", "Ewan", "Patrick")
FIRST_F <- c("Margaret", "Susan", "Patricia", "Joan", "Elaine", "Priya", "Fatima", "Agnieszka", "Grace", "Linda", "Helen",
             "Doreen", "Sheila", "Yvonne", "Aisha", "Bethan", "Catriona", "Maureen", "Jennifer", "Niamh", "Sunita", "Wendy", "Irene", "Olga")
SURN <- c("Ashworth", "Pemberton", "Okafor", "Kowalczyk", "Hargreaves", "Bhattacharya", "Fairclough", "Whitmore", "Nwosu",
          "Gallagher", "Thistlethwaite", "Ramsbottom", "Chaudhry", "Lindqvist", "Merriweather", "Haworth", "Duckworth",
          "Osei", "Trelawney", "MacAskill", "Pilkington", "Sutcliffe", "Abernethy", "Quayle", "Rowntree", "Entwistle",
          "Begum", "Hussain", "Vasquez", "Penhaligon", "Greenhalgh", "Oyelaran", "Stanforth", "Wickramasinghe", "Dunmore")
STREETS <- c("Mill Lane", "Chapel Street", "Larkspur Close", "Beech Grove", "Station Road", "Kestrel Way", "Orchard Rise",
             "Tannery Row", "Hawthorn Avenue", "Quarry Bank", "Wharf Street", "Cobden Terrace", "Fennel Drive",
             "Ropewalk", "Heron Court", "Bramble Crescent", "Saltpan Lane", "Cinder Hill", "Weavers Walk", "Gorse Road")
TOWNS <- c("Ashby Wyvern", "Northgate", "Kestrel Bay", "Harrowden", "Lower Marsham", "Eastholme", "Brackenfield",
           "Saltmarsh", "Greyfriars", "Thornbury Vale")
LOCAL <- c("Upper Town", "Westfield", "Mossley Green", "Old Quay", "Hillcrest", "Fernside", "", "", "")
postcode <- function() paste0("ZX", sample(1:19, 1), " ", sample(1:9, 1), paste(pick(LETTERS[-c(3, 9, 11, 13, 15, 22)], 2), collapse = ""))
phone <- function() sprintf("01632 960%03d", sample(0:999, 1))
mobile <- function() sprintf("07700 900%03d", sample(0:999, 1))
hosp_number <- function(style = sample(1:4, 1)) switch(style,
  paste0("H", sprintf("%07d", sample.int(9999999, 1))),
  paste0("RX", sprintf("%06d", sample.int(999999, 1)), pick(LETTERS)),
  sprintf("%08d", sample.int(99999999, 1)),
  paste0("K", sprintf("%06d", sample.int(999999, 1))))
ubrn <- function() paste(sprintf("%04d", c(0, sample.int(9999, 2))), collapse = " ")
gmc <- function() sprintf("%07d", sample(2000000:7999999, 1))
practice_code <- function() sprintf("Z%05d", sample(10000:99999, 1))

make_patient <- function(letter_date) {
  sex <- sample(c("M", "F"), 1)
  first <- if (sex == "M") pick(FIRST_M) else pick(FIRST_F)
  title <- if (sex == "M") "Mr" else pick(c("Mrs", "Miss", "Ms", "Mrs"))
  dob <- rand_date("1926-01-01", as.character(as.Date(letter_date) - 365 * 19))
  list(sex = sex, first = first, middle = if (runif(1) < 0.4) pick(c(FIRST_M, FIRST_F)[if (sex == "M") 1:24 else 25:48]) else "",
       surname = pick(SURN), title = title, dob = dob, nhs = nhs_number(), hosp = hosp_number(),
       addr = c(paste(sample(1:148, 1), pick(STREETS)), pick(LOCAL), pick(TOWNS), postcode()),
       phone = phone(), mobile = mobile(), age = age_at(dob, letter_date),
       he = if (sex == "M") "he" else "she", He = if (sex == "M") "He" else "She",
       his = if (sex == "M") "his" else "her", him = if (sex == "M") "him" else "her",
       man = if (sex == "M") "man" else "woman", gender = if (sex == "M") "Male" else "Female")
}
pt_name <- function(p, style = "title") switch(style,
  title = paste(p$title, p$first, p$surname),
  upper = paste(p$title, p$first, toupper(p$surname)),
  sur_first = paste0(toupper(p$surname), ", ", p$first, if (nzchar(p$middle)) paste0(" ", p$middle) else ""),
  first = paste(p$first, p$surname),
  initial = paste(p$title, substr(p$first, 1, 1), p$surname))
addr_lines <- function(a) a[nzchar(a)]

PRACTICE_NAMES <- c("Hollybank Surgery", "Riverside Medical Centre", "The Old Forge Practice", "Marsham Road Health Centre",
                    "Kestrel Bay Family Practice", "Northgate Group Practice", "Brackenfield Surgery", "Tannery Lane Medical Practice",
                    "Greyfriars Health Centre", "Eastholme Medical Group", "Weavers Green Surgery", "Saltmarsh Village Practice")
GP_SUR <- c("Patel", "Anderton", "Mensah", "O'Rourke", "Clegg", "Iqbal", "Fenwick", "Srinivasan", "Lamb", "Heskey", "Adeyemi",
            "Burrows", "Castellano", "Drummond", "Eze", "Firth")
make_practice <- function() {
  nm <- pick(PRACTICE_NAMES)
  gps <- paste0("Dr ", pick(LETTERS[1:20], 4), " ", pick(GP_SUR, 4))
  list(name = nm, addr = c(paste(sample(1:90, 1), pick(STREETS)), pick(TOWNS), postcode()), tel = phone(), fax = phone(),
       code = practice_code(), gps = gps, gp = gps[1], email = paste0(tolower(gsub("[^A-Za-z]", "", nm)), "@nhs.invalid"))
}
TRUSTS <- list(
  list(name = "Wyvern Valley Hospitals NHS Trust", hosp = "Wyvern Valley General Hospital"),
  list(name = "Northgate and Ashby NHS Foundation Trust", hosp = "Northgate Royal Infirmary"),
  list(name = "Kestrel Bay University Hospitals NHS Trust", hosp = "Kestrel Bay University Hospital"),
  list(name = "Greyfriars and District NHS Trust", hosp = "St Aldhelm's Hospital"),
  list(name = "Harrowden Community Health NHS Trust", hosp = "Harrowden Community Hospital"),
  list(name = "Eastholme Teaching Hospitals NHS Trust", hosp = "Eastholme General Hospital"))
CONS_SUR <- c("Whitcombe", "Obi", "Raghunathan", "Sterling", "Kaczmarek", "Moreland", "Achebe", "Hollis", "Venkatesh",
              "Carrick", "Dlamini", "Pryce")
make_trust <- function() {
  t <- pick(TRUSTS)[[1]]
  t$addr <- c(pick(c("Infirmary Road", "Hospital Lane", "Lister Way", "Nightingale Drive", "Westgate")), pick(TOWNS), postcode())
  t$tel <- phone(); t$fax <- phone()
  t
}

# ---------------------------------------------------------------- clinical material
SPECS <- list(
  list(spec = "Cardiology", clinic = "General Cardiology Clinic",
       reason = "exertional chest tightness", hist = c(
         "{He} describes a three month history of central chest tightness on walking uphill, relieved by rest within five minutes.",
         "There is no pain at rest. {He} has become breathless climbing one flight of stairs and has noticed ankle swelling in the evenings."),
       exam = "BP 158/94, pulse 88 regular, heart sounds normal, mild pitting oedema to the ankles.",
       inv = "ECG shows sinus rhythm with T wave flattening in V4-V6. Cholesterol 6.8 mmol/L, HbA1c 44 mmol/mol, eGFR 71.",
       ask = "I would be grateful for your assessment and consideration of further investigation for possible angina."),
  list(spec = "Gastroenterology", clinic = "Lower GI Clinic",
       reason = "change in bowel habit and iron deficiency", hist = c(
         "{He} reports a change in bowel habit to looser stools for the past eight weeks with occasional dark red blood mixed in.",
         "{He} has lost about 5 kg in weight unintentionally and feels more tired than usual."),
       exam = "Abdomen soft, mildly tender in the left iliac fossa, no masses. PR examination normal.",
       inv = "Hb 104 g/L (previously 131), ferritin 9 ug/L, MCV 76. FIT 182 ug Hb/g.",
       ask = "Please see urgently under the suspected lower GI cancer pathway."),
  list(spec = "Dermatology", clinic = "Skin Lesion Clinic",
       reason = "changing pigmented lesion", hist = c(
         "{He} has noticed a mole on the left upper back that has enlarged and become irregular over four months.",
         "It occasionally itches and bled once after catching on clothing."),
       exam = "9 mm asymmetrical pigmented lesion with irregular border and two shades of brown. No palpable nodes.",
       inv = "Dermoscopy photographs attached to the electronic record.",
       ask = "I would be grateful if you could assess this lesion under the two week wait pathway."),
  list(spec = "Orthopaedics", clinic = "Hip and Knee Clinic",
       reason = "progressive right knee pain", hist = c(
         "{He} has had worsening right knee pain for two years, now limiting walking to about 200 yards.",
         "Sleep is disturbed most nights despite regular analgesia and a course of physiotherapy."),
       exam = "Varus deformity, crepitus, fixed flexion of 10 degrees, range 10-95 degrees.",
       inv = "X-ray shows loss of medial joint space with osteophytes (Kellgren-Lawrence grade 4).",
       ask = "Please consider for total knee replacement."),
  list(spec = "ENT", clinic = "ENT Outpatients",
       reason = "unilateral hearing loss and tinnitus", hist = c(
         "{He} has noticed gradual hearing loss in the left ear over six months with constant high pitched tinnitus.",
         "There is no vertigo, discharge or otalgia."),
       exam = "Otoscopy normal both sides. Rinne positive bilaterally, Weber lateralises to the right.",
       inv = "Audiogram at the practice shows a 30 dB asymmetry at 4 kHz.",
       ask = "I would be grateful for your opinion and consideration of an MRI of the internal auditory meati."),
  list(spec = "Urology", clinic = "Urology Clinic",
       reason = "raised PSA", hist = c(
         "{He} presented with nocturia three times a night and a poor stream.",
         "There is no haematuria, bone pain or weight loss."),
       exam = "DRE: moderately enlarged, smooth prostate, no discrete nodule.",
       inv = "PSA 7.9 ug/L (repeat 8.4 ug/L), creatinine 92 umol/L, urine dipstick negative.",
       ask = "Please see under the suspected urological cancer pathway."),
  list(spec = "Respiratory Medicine", clinic = "Chest Clinic",
       reason = "persistent cough", hist = c(
         "{He} has had a dry cough for ten weeks which has not settled with a course of doxycycline.",
         "{He} is an ex-smoker of 35 pack years and has noticed increased breathlessness."),
       exam = "Sats 94% on air, RR 18, scattered wheeze, no clubbing.",
       inv = "Chest X-ray reported as right hilar fullness; spirometry FEV1/FVC 0.64.",
       ask = "I would be grateful if you could see {him} urgently."),
  list(spec = "Rheumatology", clinic = "Early Arthritis Clinic",
       reason = "inflammatory joint pain", hist = c(
         "{He} has a six week history of painful swollen hands with morning stiffness lasting two hours.",
         "{His} mother had rheumatoid arthritis."),
       exam = "Synovitis of the 2nd and 3rd MCP joints bilaterally and the right wrist.",
       inv = "CRP 38 mg/L, ESR 52 mm/hr, rheumatoid factor positive, anti-CCP awaited.",
       ask = "Please see in the early arthritis clinic."),
  list(spec = "Neurology", clinic = "General Neurology Clinic",
       reason = "episodes of transient numbness", hist = c(
         "{He} describes three episodes over a month of tingling spreading up the left arm lasting around twenty minutes.",
         "There was no weakness, speech disturbance or loss of consciousness."),
       exam = "Neurological examination today is normal. BP 136/82.",
       inv = "Bloods including glucose, B12 and thyroid function are normal.",
       ask = "I would value your opinion regarding the cause of these episodes."),
  list(spec = "Gynaecology", clinic = "Gynaecology Outpatients",
       reason = "postmenopausal bleeding", hist = c(
         "{He} has had two episodes of vaginal bleeding, eight years after {his} last period.",
         "{He} is not taking hormone replacement therapy."),
       exam = "Abdomen soft and non-tender. Speculum: cervix appears healthy.",
       inv = "Transvaginal ultrasound requested; cervical screening up to date.",
       ask = "Please see under the two week wait pathway."),
  list(spec = "Diabetes and Endocrinology", clinic = "Diabetes Clinic",
       reason = "poorly controlled type 2 diabetes", hist = c(
         "Despite metformin and gliclazide at maximum tolerated doses {his} glycaemic control remains poor.",
         "{He} has recurrent thrush and has lost some weight."),
       exam = "BMI 33.4, BP 142/86, foot pulses present, monofilament sensation reduced on the left.",
       inv = "HbA1c 91 mmol/mol (previously 78), eGFR 58, urine ACR 6.2.",
       ask = "I would be grateful for advice regarding intensification of treatment."),
  list(spec = "Ophthalmology", clinic = "Eye Clinic",
       reason = "gradual visual deterioration", hist = c(
         "{He} reports glare when driving at night and difficulty reading small print over the last year.",
         "The optometrist reports bilateral cataracts, worse on the right."),
       exam = "Visual acuity R 6/24, L 6/12 with glasses.",
       inv = "Optometrist report enclosed.",
       ask = "Please consider for right cataract surgery."))
PMH <- c("Hypertension (2009)", "Type 2 diabetes (2012)", "Osteoarthritis of knees", "Asthma", "Hypothyroidism",
         "Atrial fibrillation (2016)", "COPD", "Depression", "Previous cholecystectomy (2004)", "Gout", "Hypercholesterolaemia",
         "TIA (2015)", "Chronic kidney disease stage 3a", "Appendicectomy (1978)", "GORD", "Benign prostatic hyperplasia")
MEDS <- list(c("Ramipril", "5mg", "once daily"), c("Atorvastatin", "20mg", "at night"), c("Metformin", "500mg", "twice daily"),
             c("Amlodipine", "10mg", "once daily"), c("Omeprazole", "20mg", "once daily"), c("Levothyroxine", "75 micrograms", "once daily"),
             c("Salbutamol inhaler", "100 micrograms", "2 puffs when required"), c("Apixaban", "5mg", "twice daily"),
             c("Sertraline", "50mg", "once daily"), c("Co-codamol", "30/500", "2 tablets four times daily"),
             c("Bisoprolol", "2.5mg", "once daily"), c("Furosemide", "40mg", "each morning"), c("Gliclazide", "80mg", "twice daily"),
             c("Lansoprazole", "30mg", "once daily"), c("Tamsulosin", "400 micrograms", "once daily"), c("Allopurinol", "100mg", "once daily"),
             c("Paracetamol", "1g", "four times daily"), c("Beclometasone inhaler", "200 micrograms", "2 puffs twice daily"))
ALLERGY <- c("No known drug allergies", "Penicillin - rash", "Codeine - vomiting", "Trimethoprim - rash", "NKDA",
             "Elastoplast", "Ibuprofen - bronchospasm")
SOCIAL <- c("Lives with {his} partner, independent with all activities of daily living.",
            "Lives alone in a bungalow, carers once a day.", "Retired bus driver, non-smoker, drinks 6 units a week.",
            "Ex-smoker (stopped 2008), drinks occasionally.", "Works as a teacher, smokes 10 cigarettes a day.",
            "Lives with daughter. Uses a stick outdoors.")
fill <- function(s, p) {
  for (k in c("He", "His", "he", "his", "him")) s <- gsub(paste0("\\{", k, "\\}"), p[[k]] %||% p[[tolower(k)]], s)
  s
}
`%||%` <- function(a, b) if (is.null(a)) b else a
make_case <- function(p) {
  ok <- vapply(SPECS, function(s) !(s$spec == "Gynaecology" && p$sex == "M") && !(s$spec == "Urology" && p$sex == "F"), TRUE)
  sp <- pick(SPECS[ok])[[1]]
  p$His <- if (p$sex == "M") "His" else "Her"
  list(spec = sp$spec, clinic = sp$clinic, reason = sp$reason, hist = vapply(sp$hist, fill, "", p = p, USE.NAMES = FALSE),
       exam = fill(sp$exam, p), inv = fill(sp$inv, p), ask = fill(sp$ask, p),
       pmh = pick(if (p$sex == "F") setdiff(PMH, "Benign prostatic hyperplasia") else PMH, sample(2:5, 1)),
       meds = MEDS[sample.int(length(MEDS), sample(3:6, 1))], allergy = pick(ALLERGY), social = fill(pick(SOCIAL), p))
}
med_str <- function(m) paste(m[1], m[2], m[3])

# Lab panels: name, units, low, high, decimals
LAB <- list(
  list("Haemoglobin", "g/L", 130, 170, 0), list("White cell count", "x10^9/L", 4.0, 11.0, 1), list("Platelets", "x10^9/L", 150, 400, 0),
  list("MCV", "fL", 80, 100, 0), list("Neutrophils", "x10^9/L", 2.0, 7.5, 1), list("Sodium", "mmol/L", 133, 146, 0),
  list("Potassium", "mmol/L", 3.5, 5.3, 1), list("Urea", "mmol/L", 2.5, 7.8, 1), list("Creatinine", "umol/L", 59, 104, 0),
  list("eGFR", "mL/min/1.73m2", 90, 120, 0), list("CRP", "mg/L", 0, 5, 0), list("ALT", "U/L", 0, 41, 0),
  list("Alkaline phosphatase", "U/L", 30, 130, 0), list("Bilirubin", "umol/L", 0, 21, 0), list("Albumin", "g/L", 35, 50, 0),
  list("TSH", "mU/L", 0.27, 4.2, 2), list("Free T4", "pmol/L", 12, 22, 1), list("HbA1c", "mmol/mol", 20, 41, 0),
  list("Ferritin", "ug/L", 30, 400, 0), list("Cholesterol", "mmol/L", 0, 5.0, 1), list("Vitamin B12", "ng/L", 197, 771, 0))
lab_value <- function(t) {
  lo <- t[[3]]; hi <- t[[4]]; span <- hi - lo
  v <- if (runif(1) < 0.3) (if (runif(1) < 0.5) lo - runif(1, 0.05, 0.3) * span else hi + runif(1, 0.05, 0.6) * span) else runif(1, lo, hi)
  if (v < 0) v <- lo + runif(1) * span
  flag <- if (v < lo) "L" else if (v > hi) "H" else ""
  list(val = formatC(v, format = "f", digits = t[[5]]), flag = flag,
       range = paste0(formatC(lo, format = "f", digits = t[[5]]), " - ", formatC(hi, format = "f", digits = t[[5]])))
}
