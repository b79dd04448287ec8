"""Synthetic (fictional) UK NHS content for the ocr-2 evaluation set.

All people, practices, trusts, telephone numbers and NHS numbers are invented.
NHS numbers use the 999 test range with a valid modulus-11 check digit; phone
numbers use Ofcom drama ranges (01632 960xxx, 07700 900xxx, 0113/0117 496 0xxx).
"""
import datetime as dt

FIRST_M = ["James", "David", "Michael", "Peter", "Robert", "Mohammed", "Arjun", "Thomas", "Daniel",
           "Kwame", "Piotr", "Liam", "George", "Stephen", "Imran", "Gareth", "Connor", "Raj", "Brian",
           "Anthony", "Samuel", "Tariq", "Callum", "Derek", "Owen"]
FIRST_F = ["Margaret", "Susan", "Sarah", "Emma", "Fatima", "Priya", "Helen", "Joanne", "Aisha",
           "Claire", "Agnieszka", "Siobhan", "Patricia", "Gillian", "Nkechi", "Rebecca", "Hannah",
           "Amina", "Carol", "Deborah", "Lucy", "Shabana", "Megan", "Eileen", "Zoe"]
SURNAMES = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
            "Roberts", "Johnson", "Walker", "Wright", "Robinson", "Thompson", "Hughes", "Edwards",
            "Green", "Hall", "Wood", "Harris", "Lewis", "Clarke", "Patel", "Khan", "Ahmed", "Singh",
            "Begum", "Okafor", "Adeyemi", "Nowak", "Kowalski", "O'Brien", "McDonald", "Campbell",
            "Murphy", "Kaur", "Chen", "Nguyen", "Rahman", "Hussain", "Fletcher", "Pritchard",
            "Armstrong", "Bennett", "Doyle", "Gallagher", "Whitworth", "Sutcliffe", "Ashworth"]
STREETS = ["Church Lane", "Station Road", "Victoria Street", "Mill Lane", "Park Avenue", "Queens Road",
           "Meadow Close", "Orchard Way", "High Street", "Kingsway", "Chapel Street", "Elm Grove",
           "Windsor Road", "Beech Drive", "Springfield Road", "Greenacre Crescent", "Hollins Lane",
           "Albert Terrace", "Moorside Road", "Cedar Court"]
TOWNS = [("Leeds", "LS", "0113 496 0"), ("Bristol", "BS", "0117 496 0"), ("Ashbury", "AB", "01632 960"),
         ("Norwich", "NR", "01632 960"), ("Preston", "PR", "01632 960"), ("Sheffield", "S", "0114 496 0"),
         ("Derby", "DE", "01632 960"), ("Swindon", "SN", "01632 960"), ("Stockport", "SK", "0161 496 0"),
         ("Ipswich", "IP", "01632 960"), ("Lincoln", "LN", "01632 960"), ("Reading", "RG", "0118 496 0")]
PC_LET = "ABDEFGHJLNPQRSTUWXYZ"

PRACTICES = ["Highfield Surgery", "The Meadows Medical Practice", "Riverside Health Centre",
             "Oakwood Family Practice", "St Mary's Surgery", "Castle Street Medical Centre",
             "Parkview Group Practice", "Brookside Surgery", "Moorland Medical Group",
             "Westgate Health Centre", "Elmtree Surgery", "Northgate Medical Practice"]
GP_NAMES = ["Sarah Whitfield", "Ahmed Raza", "Helen O'Connor", "Richard Pearce", "Anita Sharma",
            "Mark Ellison", "Fiona Grant", "Oluwaseun Bello", "Katherine Moss", "Simon Hargreaves",
            "Nadia Iqbal", "Jonathan Reeve", "Ruth Kingsley", "Vikram Desai", "Eleanor Marsh"]
TRUSTS = [("Northshire Hospitals NHS Foundation Trust", "Northshire General Hospital"),
          ("Westmoor University Hospitals NHS Trust", "Westmoor Royal Infirmary"),
          ("Eastbrook and District NHS Trust", "Eastbrook District Hospital"),
          ("Kingsfield Teaching Hospitals NHS Foundation Trust", "Kingsfield University Hospital"),
          ("Severnvale Healthcare NHS Trust", "Severnvale General Hospital")]
CONSULTANTS = ["Priya Nair", "James Carter", "Alison Fairbrother", "Matthew Osei", "Catherine Lyle",
               "Hamid Farouk", "Gemma Pollard", "Andrew McKenzie", "Lakshmi Rao", "Stuart Blackwood"]

MEDS = ["Amlodipine 5mg tablets, one daily", "Atorvastatin 20mg tablets, one at night",
        "Metformin 500mg tablets, two twice daily", "Ramipril 2.5mg capsules, one daily",
        "Levothyroxine 75 micrograms tablets, one daily", "Omeprazole 20mg capsules, one daily",
        "Salbutamol 100micrograms/dose inhaler, two puffs when required",
        "Sertraline 50mg tablets, one daily", "Co-codamol 30mg/500mg tablets, two up to four times daily",
        "Bisoprolol 2.5mg tablets, one daily", "Apixaban 5mg tablets, one twice daily",
        "Lansoprazole 15mg capsules, one daily", "Naproxen 500mg tablets, one twice daily with food",
        "Amitriptyline 10mg tablets, one at night", "Clenil Modulite 100micrograms inhaler, two puffs twice daily",
        "Furosemide 40mg tablets, one each morning", "Gliclazide 80mg tablets, one twice daily",
        "Adcal-D3 chewable tablets, one twice daily", "Tamsulosin 400micrograms capsules, one daily",
        "Mirtazapine 15mg tablets, one at night", "Paracetamol 500mg tablets, two four times daily"]
PMH = ["Hypertension", "Type 2 diabetes mellitus", "Asthma", "Osteoarthritis of both knees",
       "Hypothyroidism", "Depression", "Atrial fibrillation", "COPD", "Appendicectomy",
       "Hysterectomy", "Hypercholesterolaemia", "Gastro-oesophageal reflux disease", "Gout",
       "Chronic kidney disease stage 3a", "Migraine", "Anxiety", "Obesity", "Cholecystectomy",
       "Transient ischaemic attack", "Benign prostatic hyperplasia"]
ALLERGIES = ["No known drug allergies", "Penicillin - rash", "Codeine - vomiting", "NKDA",
             "Trimethoprim - urticaria", "Latex", "Ibuprofen - wheeze", "No known allergies"]

# Each scenario: specialty, service, title, sex restriction, history, exam, investigations,
# question, referral criteria (for tick-box proformas).
SCENARIOS = [
    dict(spec="Gastroenterology", service="Lower GI Two Week Wait Clinic", title="Change in bowel habit and weight loss",
         sex=None, urgent="Urgent - suspected cancer",
         hx=["{He} reports a change in bowel habit over the past {n} weeks, with looser stools and increased frequency.",
             "{He} has noticed intermittent dark red blood mixed with the stool and has lost about {kg} kg in weight.",
             "There is no family history of colorectal cancer and {he} has never had a colonoscopy."],
         exam=["Abdomen soft with mild left iliac fossa tenderness. No palpable mass. PR examination normal."],
         ix=["FIT {fit} ug Hb/g faeces", "Hb {hb} g/L (low)", "Ferritin {fer} ug/L", "CRP {crp} mg/L"],
         ask="I would be grateful for your assessment and consideration of colonoscopy.",
         criteria=["Aged 40 and over with unexplained weight loss and abdominal pain",
                   "Aged 50 and over with unexplained rectal bleeding",
                   "Aged 60 and over with iron-deficiency anaemia or change in bowel habit",
                   "Positive FIT result (10 ug Hb/g or more)",
                   "Rectal or abdominal mass"]),
    dict(spec="Cardiology", service="Rapid Access Chest Pain Clinic", title="Exertional chest pain",
         sex=None, urgent="Urgent",
         hx=["{He} describes central chest tightness brought on by walking uphill, easing with rest within five minutes.",
             "Symptoms started about {n} weeks ago. {He} is an ex-smoker with a {py} pack year history.",
             "There is no pain at rest and no syncope."],
         exam=["BP {bp}, pulse {hr} regular. Heart sounds normal, chest clear, no ankle oedema."],
         ix=["ECG: sinus rhythm, no acute ST changes", "Total cholesterol {chol} mmol/L", "HbA1c {a1c} mmol/mol"],
         ask="Please could you assess for stable angina and arrange further investigation as appropriate.",
         criteria=["Typical anginal chest pain", "Atypical chest pain", "Abnormal resting ECG",
                   "Known ischaemic heart disease", "Diabetes or other major risk factor"]),
    dict(spec="Dermatology", service="Skin Cancer Two Week Wait Clinic", title="Changing pigmented lesion",
         sex=None, urgent="Urgent - suspected cancer",
         hx=["{He} has a pigmented lesion on the {site} which {his} partner noticed had grown over the last {n} months.",
             "It occasionally itches but has not bled. There is a history of sunburn in childhood."],
         exam=["{mm} mm irregular lesion with variable pigmentation and an asymmetrical border.",
               "Weighted 7-point checklist score {score}."],
         ix=["Dermoscopy images attached via e-RS"],
         ask="I am concerned about the possibility of melanoma and would be grateful if you could see {him} urgently.",
         criteria=["Suspected melanoma (7-point checklist score 3 or more)", "Suspected squamous cell carcinoma",
                   "Pigmented lesion with change in size, shape or colour", "Dermoscopy suggestive of melanoma",
                   "Lesion on face or other high-risk site"]),
    dict(spec="Trauma and Orthopaedics", service="Knee Clinic", title="Right knee osteoarthritis",
         sex=None, urgent="Routine",
         hx=["{He} has had worsening right knee pain for over {n} months, now limiting {his} walking to about 200 yards.",
             "{He} has completed a course of physiotherapy and uses regular analgesia with limited benefit.",
             "Sleep is disturbed by pain most nights."],
         exam=["Varus deformity, crepitus and a small effusion. Range of movement 5 to 100 degrees."],
         ix=["X-ray: severe medial compartment narrowing with osteophytes", "BMI {bmi}"],
         ask="{He} would like to discuss surgical options including knee replacement.",
         criteria=["Symptoms for more than 3 months", "Failed conservative management", "Night pain",
                   "Radiological evidence of osteoarthritis", "Patient wishes to consider surgery"]),
    dict(spec="ENT", service="Head and Neck Clinic", title="Persistent hoarseness",
         sex=None, urgent="Urgent - suspected cancer",
         hx=["{He} has had a hoarse voice for {n} weeks that has not improved after a course of antibiotics.",
             "{He} smokes 15 cigarettes a day and drinks around 30 units of alcohol per week.",
             "There is no dysphagia or stridor."],
         exam=["No cervical lymphadenopathy. Oral cavity and oropharynx appear normal."],
         ix=["Chest X-ray: no focal abnormality"],
         ask="Please could you arrange laryngoscopy.",
         criteria=["Persistent unexplained hoarseness (aged 45 and over)", "Unexplained neck lump",
                   "Unexplained ulceration of the oral cavity lasting more than 3 weeks",
                   "Persistent unilateral throat pain", "Dysphagia"]),
    dict(spec="Urology", service="Urology Two Week Wait Clinic", title="Raised PSA",
         sex="M", urgent="Urgent - suspected cancer",
         hx=["He presented with nocturia three times a night and a poor urinary stream for {n} months.",
             "A repeat PSA has risen from {psa0} to {psa} ng/mL over six months. There is no haematuria."],
         exam=["DRE: moderately enlarged prostate, firm with a possible nodule on the left lobe."],
         ix=["PSA {psa} ng/mL", "eGFR {egfr} mL/min/1.73m2", "Urine dip negative"],
         ask="I would be grateful for your assessment regarding possible prostate cancer.",
         criteria=["PSA above age-specific reference range", "Prostate feels malignant on DRE",
                   "Visible haematuria (aged 45 and over)", "Non-visible haematuria (aged 60 and over)",
                   "Recurrent UTI with haematuria"]),
    dict(spec="Gynaecology", service="Gynaecology Rapid Access Clinic", title="Postmenopausal bleeding",
         sex="F", urgent="Urgent - suspected cancer",
         hx=["She reports two episodes of vaginal bleeding over the past {n} weeks. Her last period was {lmp} years ago.",
             "She is not on hormone replacement therapy. Cervical screening is up to date and was normal."],
         exam=["Abdomen soft, non-tender. Speculum examination: cervix looks healthy, no active bleeding."],
         ix=["Pelvic ultrasound requested", "Hb {hb} g/L"],
         ask="Please could you see her in the rapid access clinic for further assessment.",
         criteria=["Postmenopausal bleeding (aged 55 and over)", "Unexplained vulval lump or ulceration",
                   "Ascites and/or pelvic or abdominal mass", "Raised CA125 (35 IU/mL or greater)",
                   "Abnormal cervical appearance"]),
    dict(spec="Respiratory Medicine", service="General Respiratory Clinic", title="Chronic cough",
         sex=None, urgent="Routine",
         hx=["{He} has had a persistent dry cough for {n} months, worse at night, with no haemoptysis.",
             "Trials of a steroid inhaler and a proton pump inhibitor have not helped.",
             "{He} works as a {job} and has never smoked."],
         exam=["Chest clear on auscultation. SpO2 {spo2}% on air. No clubbing."],
         ix=["Chest X-ray: normal", "Spirometry: FEV1/FVC 0.74, FEV1 {fev1}% predicted", "FeNO 18 ppb"],
         ask="I would value your opinion on further investigation.",
         criteria=["Cough for more than 8 weeks", "Normal chest X-ray", "Failed treatment trial",
                   "Abnormal spirometry", "Occupational exposure"]),
    dict(spec="Rheumatology", service="Early Inflammatory Arthritis Clinic", title="Suspected inflammatory arthritis",
         sex=None, urgent="Urgent",
         hx=["{He} has had pain and swelling of the small joints of both hands for {n} weeks, with early morning stiffness lasting over an hour.",
             "Symptoms have partially responded to naproxen."],
         exam=["Synovitis of the 2nd and 3rd MCP joints bilaterally and the right wrist. Positive MCP squeeze test."],
         ix=["CRP {crp} mg/L", "ESR {esr} mm/hr", "Rheumatoid factor positive", "Anti-CCP awaited"],
         ask="Please could you see {him} in the early arthritis clinic.",
         criteria=["Synovitis of more than one joint", "Symptoms less than 12 weeks",
                   "Positive MCP or MTP squeeze test", "Raised inflammatory markers", "Positive RF or anti-CCP"]),
    dict(spec="Neurology", service="General Neurology Clinic", title="Tremor",
         sex=None, urgent="Routine",
         hx=["{He} has developed a tremor of the right hand over the past {n} months, present at rest and improving with movement.",
             "{His} family have noticed {he} has become slower and {his} handwriting has become smaller."],
         exam=["Rest tremor of right hand with mild cogwheel rigidity. Reduced arm swing on the right."],
         ix=["TFTs normal", "B12 and folate normal"],
         ask="I wonder whether this could be early Parkinson's disease and would be grateful for your opinion.",
         criteria=["Suspected Parkinson's disease", "Tremor not controlled", "Cognitive impairment",
                   "Falls", "Medication review requested"]),
    dict(spec="Endocrinology", service="Thyroid Clinic", title="Thyroid nodule",
         sex=None, urgent="Routine",
         hx=["{He} noticed a painless lump in the front of {his} neck {n} weeks ago. There is no voice change or dysphagia.",
             "There is no history of neck irradiation."],
         exam=["Smooth 2 cm nodule in the right lobe of the thyroid moving with swallowing. No lymphadenopathy."],
         ix=["TSH {tsh} mU/L", "Free T4 {ft4} pmol/L", "Ultrasound neck requested"],
         ask="Please could you assess and consider fine needle aspiration.",
         criteria=["Thyroid nodule", "Abnormal thyroid function", "Goitre with compressive symptoms",
                   "Family history of thyroid cancer", "Rapid growth"]),
    dict(spec="Breast Surgery", service="Breast Two Week Wait Clinic", title="Breast lump",
         sex="F", urgent="Urgent - suspected cancer",
         hx=["She found a lump in her left breast {n} weeks ago which has not changed through her cycle.",
             "There is no nipple discharge. Her mother had breast cancer in her sixties."],
         exam=["Firm, irregular 2 cm mass in the upper outer quadrant of the left breast. No axillary lymphadenopathy."],
         ix=["No investigations performed in primary care"],
         ask="I would be grateful if you could see her urgently in the breast clinic.",
         criteria=["Unexplained breast lump (aged 30 and over)", "Unilateral nipple changes (aged 50 and over)",
                   "Skin changes suggestive of breast cancer", "Unexplained axillary lump", "Nipple discharge"]),
]

SITES = ["upper back", "left shoulder", "right calf", "left forearm", "chest wall", "right thigh"]
JOBS = ["teacher", "bus driver", "nurse", "warehouse operative", "accountant", "farmer", "hairdresser"]

LAB_BIO = [("Sodium", "mmol/L", 135, 145, 1, 0), ("Potassium", "mmol/L", 3.5, 5.3, 0.1, 1),
           ("Urea", "mmol/L", 2.5, 7.8, 0.1, 1), ("Creatinine", "\u00b5mol/L", 59, 104, 1, 0),
           ("eGFR", "mL/min/1.73m2", 90, 120, 1, 0), ("Bilirubin", "\u00b5mol/L", 0, 21, 1, 0),
           ("ALT", "U/L", 0, 40, 1, 0), ("Alkaline phosphatase", "U/L", 30, 130, 1, 0),
           ("Albumin", "g/L", 35, 50, 1, 0), ("CRP", "mg/L", 0, 5, 1, 0),
           ("TSH", "mU/L", 0.27, 4.2, 0.01, 2), ("Free T4", "pmol/L", 12, 22, 0.1, 1),
           ("HbA1c", "mmol/mol", 20, 41, 1, 0), ("Total cholesterol", "mmol/L", 0, 5, 0.1, 1),
           ("Calcium (adjusted)", "mmol/L", 2.2, 2.6, 0.01, 2), ("Ferritin", "\u00b5g/L", 30, 400, 1, 0)]
LAB_HAEM = [("Haemoglobin", "g/L", 115, 165, 1, 0), ("White cell count", "x10^9/L", 4.0, 11.0, 0.1, 1),
            ("Platelets", "x10^9/L", 150, 400, 1, 0), ("MCV", "fL", 80, 100, 1, 0),
            ("Neutrophils", "x10^9/L", 2.0, 7.5, 0.1, 1), ("Lymphocytes", "x10^9/L", 1.0, 4.0, 0.1, 1)]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def nhs_number(rng):
    while True:
        d = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - (s % 11)
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, d + [c]))


def nhs_valid(n):
    if len(n) != 10 or not n.isdigit():
        return False
    s = sum(int(x) * (10 - i) for i, x in enumerate(n[:9]))
    c = 11 - (s % 11)
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def fmt_nhs(n, style):
    if style == "spaced":
        return f"{n[:3]} {n[3:6]} {n[6:]}"
    if style == "dashed":
        return f"{n[:3]}-{n[3:6]}-{n[6:]}"
    return n


def fmt_date(d, style):
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "dots2":
        return f"{d.day}.{d.month}.{d.year % 100:02d}"
    if style == "dots4":
        return d.strftime("%d.%m.%Y")
    if style == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "abbr":
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"
    if style == "abbr_sp":
        return f"{d.day:02d} {MONTHS[d.month - 1][:3]} {d.year}"
    if style == "slash2":
        return f"{d.day}/{d.month}/{d.year % 100:02d}"
    raise ValueError(style)


def age_on(dob, day):
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def pron(sex):
    if sex == "M":
        return dict(He="He", he="he", His="His", his="his", him="him", man="man", gent="gentleman")
    return dict(He="She", he="she", His="Her", his="her", him="her", man="woman", gent="lady")


def make_patient(rng, sex=None, min_age=28, max_age=88, day=None):
    sex = sex or rng.choice("MF")
    first = rng.choice(FIRST_M if sex == "M" else FIRST_F)
    middle = rng.choice(FIRST_M if sex == "M" else FIRST_F) if rng.random() < 0.4 else ""
    sur = rng.choice(SURNAMES)
    age = rng.randint(min_age, max_age)
    dob = day - dt.timedelta(days=int(age * 365.25) + rng.randint(0, 360))
    town, area, tel = rng.choice(TOWNS)
    pc = f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice(PC_LET)}{rng.choice(PC_LET)}"
    title = "Mr" if sex == "M" else rng.choice(["Mrs", "Ms", "Miss", "Mrs"])
    addr = [f"{rng.randint(1, 180)} {rng.choice(STREETS)}", town, pc]
    if rng.random() < 0.3:
        addr.insert(1, rng.choice(["Hollybank", "Westfield", "Broadoak", "Fairview", "Lowmoor"]))
    return dict(sex=sex, first=first, middle=middle, sur=sur, title=title, dob=dob, age=age_on(dob, day),
                nhs=nhs_number(rng), addr=addr, town=town, pc=pc,
                tel=f"{tel}{rng.randint(100, 999)}" if tel.startswith("01632") else f"{tel}{rng.randint(0, 999):03d}",
                mob=f"07700 900{rng.randint(0, 999):03d}",
                hosp=f"{rng.choice(['RX', 'K', 'W', 'NG', 'E'])}{rng.randint(100000, 9999999)}")


def make_practice(rng):
    name = rng.choice(PRACTICES)
    town, area, tel = rng.choice(TOWNS)
    pc = f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice(PC_LET)}{rng.choice(PC_LET)}"
    gps = rng.sample(GP_NAMES, 5)
    slug = name.lower().replace("'", "").replace("the ", "").replace(" ", "")[:18]
    return dict(name=name, addr=[f"{rng.randint(1, 90)} {rng.choice(STREETS)}", town, pc], town=town, pc=pc,
                tel=f"{tel}{rng.randint(100, 999)}" if tel.startswith("01632") else f"{tel}{rng.randint(0, 999):03d}",
                fax=f"01632 960{rng.randint(100, 999)}", email=f"{slug}@nhs.net",
                ods=f"{rng.choice('BCDFJKLMNPY')}{rng.randint(81000, 88999)}", gps=gps, gp=gps[0],
                manager=f"{rng.choice(['Mrs', 'Ms', 'Mr'])} {rng.choice(FIRST_F)[0]} {rng.choice(SURNAMES)}")


def make_trust(rng):
    t, h = rng.choice(TRUSTS)
    town, area, tel = rng.choice(TOWNS)
    pc = f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice(PC_LET)}{rng.choice(PC_LET)}"
    return dict(trust=t, hosp=h, addr=[rng.choice(["Infirmary Road", "Hospital Lane", "Royal Parade", "Ashgrove Road"]), town, pc],
                tel=f"{tel}{rng.randint(100, 999)}" if tel.startswith("01632") else f"{tel}{rng.randint(0, 999):03d}",
                cons=rng.choice(CONSULTANTS))


def scenario_text(rng, sc, p):
    v = dict(n=rng.randint(3, 16), kg=rng.randint(3, 9), fit=rng.randint(25, 400), hb=rng.randint(88, 112),
             fer=rng.randint(4, 14), crp=rng.randint(6, 60), py=rng.randint(10, 40),
             bp=f"{rng.randint(128, 168)}/{rng.randint(72, 98)}", hr=rng.randint(58, 96),
             chol=f"{rng.uniform(4.2, 7.5):.1f}", a1c=rng.randint(36, 62), site=rng.choice(SITES),
             mm=rng.randint(6, 14), score=rng.randint(3, 6), bmi=f"{rng.uniform(24, 38):.1f}",
             psa0=f"{rng.uniform(3.5, 6.0):.1f}", psa=f"{rng.uniform(6.5, 14.0):.1f}", egfr=rng.randint(55, 89),
             lmp=rng.randint(3, 15), spo2=rng.randint(95, 99), fev1=rng.randint(82, 104), job=rng.choice(JOBS),
             esr=rng.randint(25, 70), tsh=f"{rng.uniform(0.6, 3.5):.2f}", ft4=f"{rng.uniform(12.5, 19.0):.1f}")
    v.update(p)
    f = lambda s: s.format(**v)
    return dict(hx=[f(s) for s in sc["hx"]], exam=[f(s) for s in sc["exam"]], ix=[f(s) for s in sc["ix"]],
                ask=f(sc["ask"]))
