#!/usr/bin/env python3
"""Generator for the sealed test set "letters10": 300 fictional GP gastroenterology
referral letters written the way clinicians actually write (long narrative, dictation,
other professional writers, shorthand, prose negation and time reasoning).

Ground truth: /work/shared/clinical/referral-triage-spec.md (rules U1-U8, R1-R3,
O1-O6, A1-A3, D; first matching rule decides urgency and pathway).

Python 3 standard library only. Every random choice comes from random.Random objects
seeded with strings, so rerunning gives byte-identical output files.

    python3 make_set.py            # writes letters.jsonl and letters_meta.jsonl

Everything is fictional: NHS numbers in the 999 test range with valid modulus-11 check
digits, invented names and practices, postcodes in the non-existent ZX area, telephone
numbers 01632 960xxx.
"""
import datetime as dt
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
N_LETTERS = 300
SET_SEED = "letters10"

# ----------------------------------------------------------------------------------
# Labelling rules (generator side).  validate_set.py re-implements these separately.
# ----------------------------------------------------------------------------------
URG = {
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"),
    "A1": ("advice_and_guidance", "general_gi"), "O6": ("routine", "general_gi"),
    "A2": ("advice_and_guidance", "upper_gi"), "A3": ("advice_and_guidance", "lower_gi"),
    "D": ("routine", "general_gi"),
}

SYMPTOM_FACTS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss",
                 "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
                 "rectal_bleeding", "abdominal_pain", "change_in_bowel_habit", "bloody_diarrhoea",
                 "ascites", "confusion", "haematemesis", "bloating"]
BOOL_FACTS = SYMPTOM_FACTS + ["known_cirrhosis", "ibd_stable_question", "coeliac_serology_positive",
                              "fatty_liver_imaging", "family_history_crc"]


def blank_facts():
    f = {k: False for k in BOOL_FACTS}
    f.update({"age": None, "sex": None, "hb": None, "ferritin": None, "fit": None,
              "calprotectin": None, "alt": None, "ppi_weeks": None, "known_ibd": None})
    return f


def fit_num(fit):
    if fit is None:
        return None
    return fit["value"] if fit.get("value") is not None else 0


DEFAULT_INTERP = dict(upper_is_abdo=True, dysp_is_abdo=False, bd_is_rb=False, bd_is_cibh=False,
                      a1_strict=True, a3_strict=True, trd_reflux=False, past_fit_counts=False)


def derive_rule(f, interp=None, past_fit=None):
    it = dict(DEFAULT_INTERP)
    if interp:
        it.update(interp)
    age = f["age"]
    male = f["sex"] == "M"
    anaemia = f["hb"] is not None and f["hb"] < (130 if male else 120)
    irondef = f["ferritin"] is not None and f["ferritin"] < 30
    fit = fit_num(f["fit"])
    if fit is None and it["past_fit_counts"] and past_fit is not None:
        fit = past_fit
    cal, alt = f["calprotectin"], f["alt"]
    abdo = f["abdominal_pain"] or (it["upper_is_abdo"] and f["upper_abdominal_pain"]) or \
        (it["dysp_is_abdo"] and f["dyspepsia"])
    rb = f["rectal_bleeding"] or (it["bd_is_rb"] and f["bloody_diarrhoea"])
    cibh = f["change_in_bowel_habit"] or (it["bd_is_cibh"] and f["bloody_diarrhoea"])
    ppi4 = f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4
    trd = ppi4 and (f["dyspepsia"] or (it["trd_reflux"] and f["reflux"]))
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulceration"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and (f["upper_abdominal_pain"] or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and f["weight_loss"] and abdo) or
                        (age >= 60 and cibh)):
        return "U8"
    if f["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (f["known_cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable_question"]:
        return "O3"
    if f["coeliac_serology_positive"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver_imaging"]:
        return "O5"
    a1_sym = abdo or f["bloating"] or cibh
    a1_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and a1_sym and a1_test:
        others = [k for k in SYMPTOM_FACTS if f[k] and k not in
                  ("abdominal_pain", "bloating", "change_in_bowel_habit")]
        if f["upper_abdominal_pain"] and it["upper_is_abdo"]:
            others = [k for k in others if k != "upper_abdominal_pain"]
        others += [k for k in ("known_cirrhosis", "coeliac_serology_positive", "fatty_liver_imaging")
                   if f[k]]
        if f["known_ibd"]:
            others.append("known_ibd")
        if anaemia or irondef:
            others.append("blood_result")
        if alt is not None and alt >= 40:
            others.append("alt")
        if f["ppi_weeks"] is not None:
            others.append("ppi")
        if f["family_history_crc"]:
            others.append("fh")
        if not it["a1_strict"] or not others:
            return "A1"
    if (rb or cibh or abdo) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    if f["family_history_crc"]:
        sym = any(f[k] for k in SYMPTOM_FACTS)
        if it["a3_strict"]:
            sym = sym or anaemia or irondef or (alt is not None and alt >= 40) or \
                (cal is not None and cal >= 100) or f["coeliac_serology_positive"] or \
                f["fatty_liver_imaging"] or bool(f["known_ibd"]) or f["known_cirrhosis"]
        if not sym:
            return "A3"
    return "D"


INTERP_VARIANTS = [
    {}, {"upper_is_abdo": False}, {"dysp_is_abdo": True}, {"bd_is_rb": True}, {"bd_is_cibh": True},
    {"bd_is_rb": True, "bd_is_cibh": True}, {"a1_strict": False}, {"a3_strict": False},
    {"trd_reflux": True}, {"past_fit_counts": True},
]


def robust_rule(f, past_fit=None):
    """Rule under the default reading, or None when another careful reading differs."""
    base = derive_rule(f, None, past_fit)
    for v in INTERP_VARIANTS:
        if derive_rule(f, v, past_fit) != base:
            return None
    return base


# ----------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------
def R(*parts):
    return random.Random("|".join([SET_SEED] + [str(p) for p in parts]))


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]
ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fmt_date(d, style):
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "dot":
        return d.strftime("%d.%m.%Y")
    if style == "dot2":
        return d.strftime("%d.%m.") + "%02d" % (d.year % 100)
    if style == "slash2":
        return d.strftime("%d/%m/") + "%02d" % (d.year % 100)
    if style == "ordinal":
        return "%s %d%s %s %d" % (WEEKDAYS[d.weekday()], d.day, ORD.get(d.day, "th"),
                                  MONTHS[d.month - 1], d.year)
    if style == "dash":
        return "%02d-%s-%d" % (d.day, MON3[d.month - 1], d.year)
    if style == "short":
        return "%d %s %d" % (d.day, MON3[d.month - 1], d.year)
    raise ValueError(style)


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n, hyphen=True):
    if n < 20:
        return ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + (("-" if hyphen else " ") + ONES[o] if o else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return ONES[h] + " hundred" + (" and " + words(r, hyphen) if r else "")
    th, r = divmod(n, 1000)
    if r == 0:
        return words(th, hyphen) + " thousand"
    return words(th, hyphen) + " thousand" + (" and " if r < 100 else " ") + words(r, hyphen)


def dec_words(x):
    s = "%.1f" % x
    a, b = s.split(".")
    return words(int(a)) + " point " + ONES[int(b)]


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def wc(text):
    return len(re.findall(r"\S+", text))


# ----------------------------------------------------------------------------------
# Segments and span mark-up
#   [[fact§text]]  evidence for a positive fact ("§" part optional -> default fact)
#   ⟨...⟩          inside evidence: the value text a reader parses
#   <<type§facts§text>>  other registered span (negation, distractor, normal, ...)
# ----------------------------------------------------------------------------------
MARK = re.compile(r"\[\[(?:(\w+)§)?(.*?)\]\]|<<(\w+)§([\w,]*)§(.*?)>>", re.S)


class Seg:
    def __init__(self, text, kind="fact", spans=None, decisive=False, tags=()):
        self.text = text
        self.kind = kind
        self.spans = spans or []
        self.decisive = decisive
        self.tags = set(tags)


def mk(template, V, kind="fact", fact=None, extra=None, decisive=False, tags=()):
    """Fill {vars} from V, then parse marks into a Seg."""
    def sub(m):
        k = m.group(1)
        if k not in V:
            raise KeyError("template var %s in %r" % (k, template))
        return str(V[k])
    text = re.sub(r"\{(\w+)\}", sub, template)
    text = re.sub(r"  +", " ", text)
    text = re.sub(r" +([.,;])", r"\1", text).replace(", .", ".").replace(",.", ".")
    text = text.strip()
    spans = []
    out = []
    pos = 0
    for m in MARK.finditer(text):
        out.append(text[pos:m.start()])
        if m.group(2) is not None:
            f = m.group(1) or fact
            inner = m.group(2)
            vt = None
            vm = re.search(r"⟨(.*?)⟩", inner)
            if vm:
                vt = vm.group(1)
                inner = inner.replace("⟨", "").replace("⟩", "")
            sp = {"type": "evidence", "fact": f, "text": inner}
            if vt is not None:
                sp["value_text"] = vt
            if extra and f in extra:
                sp.update(extra[f])
            spans.append(sp)
            out.append(inner)
        else:
            typ, facts, inner = m.group(3), m.group(4), m.group(5)
            vt = None
            vm = re.search(r"⟨(.*?)⟩", inner)
            if vm:
                vt = vm.group(1)
                inner = inner.replace("⟨", "").replace("⟩", "")
            sp = {"type": typ, "facts": [x for x in facts.split(",") if x], "text": inner}
            if vt is not None:
                sp["value_text"] = vt
            spans.append(sp)
            out.append(inner)
        pos = m.end()
    out.append(text[pos:])
    return Seg("".join(out), kind, spans, decisive, tags)


def plain(text, kind="filler"):
    return Seg(text, kind)


# ----------------------------------------------------------------------------------
# Identities (all invented)
# ----------------------------------------------------------------------------------
MALE_FIRST = ["Alan", "Barry", "Callum", "Dennis", "Eamon", "Felix", "Gordon", "Harvey", "Imran",
              "Jonah", "Keith", "Leon", "Malcolm", "Nigel", "Owen", "Percy", "Rajesh", "Stuart",
              "Terence", "Vernon", "Wilf", "Yusuf", "Zachary", "Ashok", "Brendan", "Clive", "Declan",
              "Elliot", "Gareth", "Hamish", "Ivor", "Kieran", "Lionel", "Marek", "Neville", "Oskar",
              "Piotr", "Rory", "Samir", "Trevor", "Warren", "Cyril", "Desmond", "Ewan", "Fergus"]
FEMALE_FIRST = ["Ada", "Brenda", "Carys", "Delia", "Eileen", "Fiona", "Gwen", "Hazel", "Ingrid",
                "Janet", "Kirsty", "Lorna", "Maureen", "Nadia", "Olwen", "Priya", "Rhona", "Sheila",
                "Tamsin", "Una", "Valerie", "Wendy", "Yvonne", "Zainab", "Agnieszka", "Beverley",
                "Cheryl", "Dorothy", "Elspeth", "Freya", "Gillian", "Hilary", "Isla", "Jocelyn",
                "Leanne", "Mairead", "Noreen", "Pauline", "Rosalind", "Shona", "Thelma", "Vivienne",
                "Winifred", "Aisha", "Bernadette"]
NEUTRAL_FIRST = ["Alex", "Sam", "Jordan", "Robin", "Morgan", "Jamie", "Charlie", "Frankie", "Kit",
                 "Riley", "Sandy", "Leslie"]
SURNAMES = ["Abernethy", "Bramhall", "Crossley", "Dunmore", "Eastwood", "Fairbairn", "Garside",
            "Hollins", "Ingleby", "Jephcott", "Kettering", "Lowther", "Marchbank", "Nettleship",
            "Ormerod", "Pendlebury", "Quarmby", "Ravenscroft", "Sowerby", "Thwaite", "Underhill",
            "Varley", "Wadsworth", "Yardley", "Ashworth", "Birtwistle", "Cawthorne", "Dobbie",
            "Entwistle", "Fothergill", "Greenhalgh", "Haworth", "Illingworth", "Kershaw", "Lockwood",
            "Mellor", "Nuttall", "Oldroyd", "Pickles", "Rushworth", "Shackleton", "Tattersall",
            "Uttley", "Whitworth", "Ackroyd", "Brocklehurst", "Chadwick", "Dewhirst", "Eckersley",
            "Fielden", "Gaskell", "Heap", "Jowett", "Kenyon", "Lumb", "Mossop", "Ogden", "Pilling",
            "Ramsden", "Sutcliffe", "Tordoff", "Wrigley", "Okonkwo", "Bhattacharya", "Nowak",
            "Kowalczyk", "Hussain", "Mensah", "Papadopoulos", "Fernandes", "McAllister", "Quigley"]
PLACE_A = ["Larkfield", "Brambleworth", "Oakhurst", "Millbrook", "Kestrel Way", "Fernleigh", "Ashgrove",
           "Thornbury Vale", "Wrenfold", "Copperbeech", "Hollowmead", "Stonecross", "Marlpit",
           "Heronsgate", "Quarry Lane", "Elmstead", "Foxhollow", "Windrush", "Tanners Row", "Saltmarsh"]
PLACE_B = ["Surgery", "Medical Practice", "Health Centre", "Medical Centre", "Family Practice",
           "Group Practice"]
TOWNS = ["Easterby", "Holmford", "Cranleigh Moor", "Westerdale", "Brackenfield", "Otterburn Vale",
         "Kingsmere", "Lindhurst", "Aldwick Bridge", "Hadley Fold"]
STREETS = ["Station Road", "Church Lane", "Victoria Street", "Mill Lane", "The Crescent", "Park View",
           "Orchard Close", "Chapel Street", "Meadow Way", "Beck Side", "Moor Road", "Prospect Terrace"]
HOSPITALS = ["Easterby General Hospital", "Holmford Royal Infirmary", "Westerdale District Hospital",
             "Kingsmere University Hospital", "Lindhurst Community Hospital"]
CONSULTANTS = ["Dr A. Okafor", "Dr H. Lindqvist", "Dr P. Raghavan", "Dr M. Cairncross", "Dr S. Adeyemi",
               "Dr J. Whitlock", "Dr R. Fenwick", "Dr C. Dalgleish", "Dr T. Ferreira", "Dr E. Mbeki-Hart"]
GP_NAMES = ["Dr Helen Marsh", "Dr Rupert Ainsley", "Dr Kavita Desai", "Dr Tom Brennan", "Dr Sarah Quayle",
            "Dr Ifeoma Nwosu", "Dr Gavin Lister", "Dr Rachel Holt", "Dr Omar Saleh", "Dr Fiona Cargill",
            "Dr Martin Pryce", "Dr Lucy Venn", "Dr Andrew Gilchrist", "Dr Nia Pritchard", "Dr Joseph Tan"]
OTHER_WRITERS = {
    "anp": ["Karen Hebblethwaite, Advanced Nurse Practitioner", "Dawn Ellery, Advanced Nurse Practitioner",
            "Marcus Oyelaran, Advanced Nurse Practitioner (Independent Prescriber)"],
    "physician_associate": ["Chloe Baptiste, Physician Associate", "Daniel Ferris, Physician Associate",
                            "Amara Eze, Physician Associate"],
    "pharmacist": ["Rebecca Lowe, Clinical Pharmacist (IP)", "Hassan Qureshi, Practice Pharmacist",
                   "Joanne Pickering, Senior Clinical Pharmacist"],
    "community_matron": ["Sister Paula Grant, Community Matron", "Bernice Okoro, Community Matron",
                         "Linda Shaw, Community Matron (Frailty Team)"],
    "registrar": ["Dr Ben Ashcroft, GP Registrar (ST2)", "Dr Laila Rahman, GP Specialty Trainee (ST3)",
                  "Dr Ciaran Doyle, GP Registrar (ST3)"],
}


def nhs_number(rng):
    while True:
        d = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        d.append(c)
        t = "".join(map(str, d))
        return t


def fmt_nhs(t, style):
    if style == 0:
        return "%s %s %s" % (t[:3], t[3:6], t[6:])
    if style == 1:
        return t
    return "%s-%s-%s" % (t[:3], t[3:6], t[6:])


def postcode(rng):
    return "ZX%d %d%s%s" % (rng.randint(1, 29), rng.randint(1, 9), rng.choice("ABDEFGHJLNPQRSTUWXY"),
                            rng.choice("ABDEFGHJLNPQRSTUWXY"))


def phone(rng):
    return "01632 960%03d" % rng.randint(0, 999)


# ----------------------------------------------------------------------------------
# Filler: clinically irrelevant context.  These pools must never contain wording that a
# reader could take for a clinical fact of the spec (the validator scans for it).
# ----------------------------------------------------------------------------------
PMH = [
    ("type 2 diabetes", "T2DM", ["metformin 500 mg twice daily", "gliclazide 80 mg daily"]),
    ("hypertension", "HTN", ["amlodipine 5 mg daily", "ramipril 5 mg daily"]),
    ("hypothyroidism", "hypothyroid", ["levothyroxine 100 micrograms daily"]),
    ("COPD", "COPD", ["Trimbow inhaler two puffs twice daily", "salbutamol inhaler as required"]),
    ("asthma", "asthma", ["Clenil 100 two puffs twice daily", "salbutamol as required"]),
    ("osteoarthritis of both knees", "OA knees", ["paracetamol 1 g four times daily when needed"]),
    ("atrial fibrillation", "AF", ["apixaban 5 mg twice daily", "bisoprolol 2.5 mg daily"]),
    ("depression", "depression", ["sertraline 100 mg daily"]),
    ("gout", "gout", ["allopurinol 200 mg daily"]),
    ("glaucoma", "glaucoma", ["latanoprost eye drops at night"]),
    ("psoriasis", "psoriasis", ["emollients and a steroid scalp application"]),
    ("migraine", "migraine", ["sumatriptan 50 mg as required"]),
    ("osteoporosis", "osteoporosis", ["alendronic acid 70 mg weekly", "Adcal-D3 twice daily"]),
    ("raised cholesterol", "hyperlipidaemia", ["atorvastatin 20 mg at night"]),
    ("chronic kidney disease stage 3a", "CKD 3a", []),
    ("a previous TIA", "TIA", ["clopidogrel 75 mg daily"]),
    ("polymyalgia rheumatica", "PMR", ["prednisolone 5 mg daily"]),
    ("anxiety", "anxiety", ["propranolol 10 mg as required"]),
    ("epilepsy", "epilepsy", ["lamotrigine 100 mg twice daily"]),
    ("Parkinson's disease", "Parkinson's", ["co-careldopa 25/100 three times daily"]),
    ("heart failure with reduced ejection fraction", "HFrEF",
     ["bisoprolol 5 mg daily", "sacubitril/valsartan 49/51 mg twice daily"]),
    ("rheumatoid arthritis", "RA", ["methotrexate 15 mg weekly", "folic acid 5 mg weekly"]),
    ("hay fever", "hay fever", ["cetirizine 10 mg daily"]),
    ("carpal tunnel syndrome", "carpal tunnel", []),
    ("eczema", "eczema", ["Epimax cream"]),
    ("sleep apnoea (uses CPAP at night)", "OSA on CPAP", []),
    ("macular degeneration", "AMD", []),
    ("benign essential tremor", "essential tremor", ["propranolol 40 mg twice daily"]),
]
PMH_MALE = [("benign prostatic hyperplasia", "BPH", ["tamsulosin 400 micrograms daily"])]
PMH_FEMALE = [("an underactive bladder", "overactive bladder", ["mirabegron 50 mg daily"]),
              ("menopausal symptoms", "menopause", ["HRT patches twice weekly"])]

JOBS = ["bus driver", "primary school teacher", "joiner", "care assistant", "accountant", "postman",
        "hairdresser", "warehouse supervisor", "civil servant", "taxi driver", "nurse", "electrician",
        "librarian", "farmer", "shop manager", "plasterer", "dental receptionist", "chef",
        "lorry driver", "social worker"]
RELS_M = ["wife", "partner", "husband"]
RELS_F = ["husband", "partner", "wife"]
LANGS = ["Polish", "Urdu", "Punjabi", "Portuguese", "Arabic", "Romanian", "Tigrinya", "Cantonese"]

SOCIAL = [  # (text, exclusive group, min age, max age)
    ("{He} lives with {his} {partner} in {town}.", "living", 18, 99),
    ("{He} has lived alone since {his} {partner} died two years ago.", "living", 55, 99),
    ("{He} is a retired {job} and keeps busy with the allotment.", "work", 62, 99),
    ("{He} works full time as {ajob} and is keen to avoid too much time off.", "work", 18, 66),
    ("{He} has never smoked.", "smoke", 18, 99),
    ("{He} smokes about {cigs} cigarettes a day and has been offered support to stop.", "smoke", 18, 99),
    ("{He} gave up smoking in {quit_year}.", "smoke", 40, 99),
    ("{He} drinks around {units} units of alcohol a week, mostly at weekends.", "alcohol", 18, 99),
    ("{He} drinks very little alcohol.", "alcohol", 18, 99),
    ("{He} is the main carer for {his} {partner}, who has dementia and needs a lot of supervision.", "living", 60, 99),
    ("Carers visit three times a day to help with washing and dressing.", "care", 70, 99),
    ("{He} lives in a second-floor flat without a lift, which makes getting out difficult.", "housing", 18, 99),
    ("The housing association is trying to move {him} to a ground-floor property because of damp in the bedroom.", "housing", 18, 99),
    ("{He} has a dog and walks most days.", "pet", 18, 99),
    ("{He} volunteers at the local food bank two mornings a week.", "hobby", 18, 99),
    ("{His} first language is {lang} and {he} would benefit from an interpreter for appointments.", "lang", 18, 99),
    ("{He} does not drive and relies on {his} {child} for lifts to appointments.", "work", 45, 99),
    ("{He} looks after {his} grandchildren after school three days a week.", "hobby2", 52, 80),
    ("{He} has recently moved to the area from {oldtown} to be nearer family.", "move", 18, 99),
    ("{He} was made redundant earlier this year and money is tight at the moment.", "work", 25, 64),
    ("{He} sings in a community choir and plays bowls in the summer.", "hobby", 30, 99),
    ("{He} lives with {his} {child}, who works nights, so mornings are better for phone calls.", "living", 60, 99),
    ("{His} {partner} has had a stroke and {he} now does most of the household tasks.", "living", 50, 99),
    ("{He} has a social worker because of ongoing housing difficulties.", "housing", 18, 99),
    ("There is a key safe at the property and {his} {child} holds lasting power of attorney.", "care", 70, 99),
    ("{He} uses a wheeled walker indoors and a mobility scooter outside.", "mobility", 68, 99),
    ("{He} is a keen cyclist and goes on club rides at weekends.", "hobby2", 18, 70),
    ("{He} is studying part time for a degree with the Open University.", "study", 18, 70),
    ("{He} lives with two friends in a shared house and works shifts in a call centre.", "living", 18, 35),
    ("{He} is a full-time student at the local college.", "work", 18, 24),
    ("{He} lives with {his} parents while saving for a deposit.", "living", 18, 34),
    ("{He} lives with {his} {partner} and their two young children.", "living", 24, 45),
]
PREV = [  # (text, min age)
    ("{He} is on the waiting list for a right hip replacement.", 55),
    ("{He} was seen by dermatology last year for a lesion on {his} back, which was benign.", 18),
    ("{He} had cataract surgery in {year}.", 62),
    ("{He} is under the respiratory team for {his} chest and is due a review in the spring.", 50),
    ("{He} was referred to ENT in {year} for hearing loss and now has hearing aids.", 55),
    ("{He} had a carpal tunnel release in {year}.", 40),
    ("{He} attended the falls clinic in {year} after two trips at home.", 68),
    ("{He} saw the cardiology team in {year} with palpitations; an echocardiogram was normal.", 25),
    ("{He} had a knee arthroscopy in {year} after a sports injury.", 25),
    ("{He} was referred to the memory clinic last year and no dementia was found.", 62),
    ("{He} has been seen by urology for kidney stones in the past.", 30),
    ("{He} is awaiting an MRI of the lumbar spine through the musculoskeletal service.", 25),
    ("The orthopaedic team saw {him} in {year} with a frozen shoulder, which has improved with physiotherapy.", 40),
    ("{He} saw the ENT team last year about recurrent tonsillitis.", 18),
    ("{He} was seen in the fracture clinic last year after a wrist injury.", 18),
]
APOLOGY = [
    "I must apologise for the delay in sending this referral; our letters were held up during a change of clinical system.",
    "Apologies that this letter follows some weeks after I first saw {him} – {he} was away visiting family and could not attend for review until now.",
    "I am sorry this referral is later than intended; we were short of clinicians over the holiday period.",
    "Apologies if you have already received an earlier version of this letter, which went to the wrong department.",
    "Please excuse the length of this letter – there is quite a lot of background that I think is helpful.",
    "I am sorry for the delay; the first referral was rejected by the booking system because of a missing field.",
]
ADMIN = [
    "{He} is happy to be contacted on {his} mobile, {mobile}.",
    "{He} has asked for appointments after 10 am if possible because of {his} caring commitments.",
    "{He} is hard of hearing; please telephone {his} {child} to arrange appointments.",
    "I enclose {his} most recent test results and medication list for your information.",
    "{He} has a learning disability and would benefit from a longer appointment with {his} carer present.",
    "{He} would prefer a morning appointment as {he} finds afternoons tiring.",
    "Hospital transport will be needed as {he} cannot manage the bus.",
    "{He} is due to go abroad for three weeks next month, but is happy to change the dates if needed.",
    "Please send any correspondence to {his} home address rather than by text message.",
    "{He} has consented to this referral and to the sharing of {his} records with your team.",
]
ICE = [
    "{He} is understandably anxious and would like to know what is going on.",
    "{His} main concern is how this will affect {his} day-to-day life.",
    "{He} has read a great deal online and is quite worried.",
    "{He} understands why I am referring {him} and is keen to be investigated.",
    "{He} would rather avoid a camera test if possible, but accepts that it may be needed.",
    "{He} is not especially worried {himself}, but {his} family pushed {him} to come in.",
    "{He} wanted to wait until after a family wedding, but I have encouraged {him} not to delay.",
]
CLOSING = [
    "Many thanks for seeing {him}.",
    "Thank you for your help with {his} care.",
    "Please do not hesitate to contact me if you need any further information.",
    "I would be grateful for your opinion and management.",
    "Thank you very much for your help.",
]
EXAM_FILLER = [
    "{He} looked well and was comfortable at rest.",
    "BP {bp}, pulse {pulse} and regular, temperature normal.",
    "Heart sounds normal and chest clear.",
    "Observations were within normal limits.",
    "{He} was alert and chatty throughout the consultation.",
    "There was no peripheral oedema.",
]


PMH_OLDER = {"type 2 diabetes", "hypertension", "COPD", "osteoarthritis of both knees", "atrial fibrillation", "gout",
             "glaucoma", "osteoporosis", "raised cholesterol", "chronic kidney disease stage 3a", "a previous TIA",
             "polymyalgia rheumatica", "Parkinson's disease", "heart failure with reduced ejection fraction",
             "macular degeneration", "benign essential tremor", "benign prostatic hyperplasia", "an underactive bladder",
             "menopausal symptoms", "sleep apnoea (uses CPAP at night)", "rheumatoid arthritis", "carpal tunnel syndrome"}
PMH_VERY_OLD = {"polymyalgia rheumatica", "Parkinson's disease", "heart failure with reduced ejection fraction",
                "macular degeneration", "glaucoma", "chronic kidney disease stage 3a", "osteoporosis"}


PMH_NARR = {
    "type 2 diabetes": ["{His} diabetes has been reasonably controlled, and {his} last HbA1c was 58.",
                        "{He} attends the diabetes nurse twice a year and {his} feet were checked last month."],
    "hypertension": ["{His} BP has been well controlled on home readings.",
                     "We increased {his} amlodipine last year after some high home readings."],
    "hypothyroidism": ["{His} thyroid function has been stable on the same dose for several years."],
    "COPD": ["{He} had two exacerbations of {his} COPD last winter, both managed at home with steroids and antibiotics.",
             "{He} completed pulmonary rehabilitation in {year} and found it helpful."],
    "asthma": ["{His} asthma is generally well controlled and {he} rarely needs {his} reliever inhaler."],
    "osteoarthritis of both knees": ["{His} knees limit {his} walking to about half a mile on a good day."],
    "atrial fibrillation": ["{His} AF is rate-controlled and {he} has been anticoagulated since {year}."],
    "depression": ["{His} mood has been much more settled over the past year with talking therapy and sertraline."],
    "gout": ["{He} has had no flares of gout since starting allopurinol."],
    "glaucoma": ["{He} is under the eye clinic for {his} glaucoma and is seen every six months."],
    "psoriasis": ["{His} psoriasis is mainly on the elbows and scalp and is manageable with topical treatment."],
    "migraine": ["{His} migraines have become less frequent in recent years."],
    "osteoporosis": ["{His} osteoporosis was found after a wrist fracture in {year}."],
    "raised cholesterol": ["{He} started a statin after a cardiovascular risk assessment in {year}."],
    "chronic kidney disease stage 3a": ["{His} kidney function has been stable on annual monitoring."],
    "a previous TIA": ["{He} made a full recovery from the TIA and has had no further episodes."],
    "polymyalgia rheumatica": ["{He} is slowly tapering {his} prednisolone under the rheumatology team."],
    "anxiety": ["{His} anxiety is worse in crowded places and {he} prefers quieter appointment times."],
    "epilepsy": ["{He} has been seizure-free for several years."],
    "Parkinson's disease": ["{His} Parkinson's disease is followed up by the movement disorders nurse."],
    "heart failure with reduced ejection fraction": ["{He} is under the heart failure nurses and has been stable for a year."],
    "rheumatoid arthritis": ["{His} rheumatoid arthritis is well controlled and monitored by the rheumatology team."],
    "hay fever": ["{His} hay fever is troublesome every June."],
    "carpal tunnel syndrome": ["{His} hand symptoms improved after splinting."],
    "eczema": ["{His} eczema flares in the winter but is otherwise mild."],
    "sleep apnoea (uses CPAP at night)": ["{He} sleeps much better since starting CPAP."],
    "macular degeneration": ["{His} eyesight is poor because of macular degeneration, so large-print letters are helpful."],
    "benign essential tremor": ["{His} tremor makes writing difficult but {he} manages day to day."],
    "benign prostatic hyperplasia": ["{His} urinary symptoms have improved on tamsulosin."],
    "an underactive bladder": ["{His} bladder symptoms are better since starting mirabegron."],
    "menopausal symptoms": ["{His} menopausal symptoms are much improved on HRT."],
}
MISC = [  # (text, min age, max age)
    ("{He} had {his} flu and COVID vaccinations in the autumn.", 18, 99),
    ("{He} was bereaved last year and has found the months since then difficult.", 30, 99),
    ("{He} attends all {his} long-term condition reviews and is generally well engaged with the practice.", 18, 99),
    ("{He} has been under considerable stress at work this year.", 20, 60),
    ("{He} is a keen gardener and spends most afternoons outside when the weather allows.", 30, 99),
    ("{He} uses the NHS app and prefers to receive letters electronically.", 18, 80),
    ("{He} missed an appointment last month because of a transport problem, which has since been sorted out.", 18, 99),
    ("{He} has recently become a grandparent for the first time.", 50, 75),
    ("{He} has a holiday booked in the spring but says {he} will cancel it if needed.", 18, 99),
    ("{His} {child} has recently moved back home after university.", 45, 99),
    ("{He} was recently assessed for a new mobility scooter.", 68, 99),
    ("{He} reads a great deal and does the crossword every day.", 18, 99),
    ("{He} had some difficulty getting through to the practice by phone, which partly explains the delay in following this up.", 18, 99),
    ("{He} is training for a charity walk later in the year.", 18, 70),
    ("{He} recently started a new job and is still in {his} probation period.", 18, 60),
    ("{He} has a son with autism and {his} caring role makes appointments hard to plan.", 25, 60),
]


def pmh_items(rng, sex, n, age=60):
    pool = PMH + (PMH_MALE if sex == "M" else PMH_FEMALE)
    if age < 45:
        pool = [p for p in pool if p[0] not in PMH_OLDER]
    elif age < 60:
        pool = [p for p in pool if p[0] not in PMH_VERY_OLD]
    if sex == "F" and age < 45:
        pool = [p for p in pool if p[0] != "menopausal symptoms"]
    items = rng.sample(pool, min(n, len(pool)))
    seen = set()
    out = []
    for cond, short, meds in items:
        ms = []
        for m in meds:
            k = m.split()[0]
            if k not in seen:
                seen.add(k)
                ms.append(m)
        out.append((cond, short, ms))
    return out


# ----------------------------------------------------------------------------------
# Fact phrase library.  Each template marks its evidence with [[...]] (fact = default).
# Registers: prose (sentences), short (clinical shorthand fragments), quote (patient's
# own words, where the style wants them).  Dictation uses prose with spoken numbers.
# ----------------------------------------------------------------------------------
SYM_T = {
    "dysphagia": {
        "prose": ["{Fordur} {he} has had [[difficulty swallowing]] solid food, which {he} feels lodging behind the breastbone.",
                  "{He} describes [[food sticking in {his} gullet]], mainly bread and meat, {fordur}.",
                  "The main problem is [[dysphagia]] to solids {fordur}; {he} now cuts {his} food into small pieces.",
                  "{He} tells me that [[food sticks on the way down]] and {he} has to drink water to wash it through.",
                  "{He} has noticed [[progressive difficulty swallowing]] {fordur}, first with meat and now with softer food.",
                  "{He} reports [[trouble swallowing]] tablets and solid food {fordur}."],
        "short": ["c/o [[dysphagia]] to solids {durs}", "[[food sticking]] retrosternally {durs}",
                  "[[dysphagia]] – solids > liquids, {durs}", "[[difficulty swallowing]] {durs}"],
        "quote": ["\"[[The food sticks halfway down]] and I have to bring it back up,\" {he} told me.",
                  "\"[[I can't swallow]] bread any more,\" {he} says; this has been going on {fordur}."],
    },
    "weight_loss": {
        "prose": ["{He} has [[lost about {kg} kg]] {fordur} without trying.",
                  "There has been [[unintentional weight loss of {kg} kg]] {fordur}.",
                  "{He} has [[lost nearly a stone]] {fordur} without dieting.",
                  "{His} [[weight has dropped from {w1} kg to {w2} kg]] {fordur}, which {he} cannot explain.",
                  "{He} has noticed [[unexplained weight loss]] of about {kg} kg {fordur}."],
        "short": ["[[↓wt {kg}kg]] {durs}, not trying", "[[↓wt {kg}kg]] {durs}, unintentional",
                  "[[wt loss {kg}kg]] {durs} (unintentional)", "[[unintentional wt loss]] ~{kg}kg {durs}"],
        "quote": ["\"[[I've lost nearly a stone and I'm not even trying]],\" {he} says.",
                  "\"My trousers are falling down – [[I've lost weight without trying]],\" {he} told me."],
    },
    "upper_abdominal_pain": {
        "prose": ["{He} has had [[epigastric pain]] {fordur}, worse after meals.",
                  "{He} complains of [[upper abdominal pain]] {fordur}.",
                  "{He} describes [[a gnawing pain in the upper abdomen]] {fordur}."],
        "short": ["[[epigastric pain]] {durs}", "[[upper abdo pain]] {durs}"],
        "quote": ["\"It burns under my ribs,\" {he} says, describing [[upper abdominal pain]] {fordur}."],
    },
    "reflux": {
        "prose": ["{He} has troublesome [[heartburn]] most evenings.",
                  "{He} has had [[acid reflux]] {fordur}, particularly when lying flat.",
                  "{He} has had [[reflux symptoms]] {fordur}."],
        "short": ["[[reflux]] {durs}", "[[heartburn]] ++ {durs}"],
        "quote": ["\"[[The heartburn is terrible at night]],\" {he} says."],
    },
    "dyspepsia": {
        "prose": ["{He} has had [[indigestion]] {fordur}.",
                  "{He} describes [[dyspepsia]] after most meals {fordur}.",
                  "{His} main complaint is [[persistent indigestion]] {fordur}.",
                  "{He} had [[indigestion in {month_past} which settled on antacids but came back a few weeks ago]] and is troublesome again."],
        "short": ["[[dyspepsia]] {durs}", "[[indigestion]] {durs}"],
        "quote": ["\"[[It's like constant indigestion]],\" {he} says; this has been going on {fordur}."],
    },
    "jaundice": {
        "prose": ["{His} {partner} has noticed that [[{he} is jaundiced]] over the last week or so.",
                  "{He} has become [[visibly jaundiced]] over the past {jdur}.",
                  "{He} noticed that [[the whites of {his} eyes had turned yellow]] about {jdur} ago.",
                  "{He} tells me [[{his} skin has gone yellow]] and {his} urine has been dark for {jdur}."],
        "short": ["[[jaundiced]] {jdur}", "[[painless jaundice]] x{jdur}"],
        "quote": ["\"[[My eyes have gone yellow]],\" {he} told me; {his} {partner} noticed it first about {jdur} ago."],
        "exam": ["On examination {he} was [[clinically jaundiced]].", "{He} was [[obviously jaundiced]] when I saw {him}."],
        "exam_short": ["[[jaundiced]]", "[[icteric sclerae]]"],
    },
    "rectal_bleeding": {
        "prose": ["{He} has noticed [[bright red blood mixed in with {his} stools]] {fordur}.",
                  "{He} reports [[rectal bleeding]] on most days {fordur}.",
                  "{He} has had [[blood on the toilet paper]] and in the pan {fordur}.",
                  "{He} tells me about [[bleeding from the back passage]] {fordur}.",
                  "{He} had [[rectal bleeding in {month_past} which settled for a few weeks but has come back over the last fortnight]]."],
        "short": ["[[PR bleeding]] {durs}", "[[PR bleed]] – dark red, mixed with stool, {durs}", "[[rectal bleeding]] {durs}"],
        "quote": ["\"[[There's blood in the pan]] most mornings,\" {he} says; this has been happening {fordur}."],
    },
    "abdominal_pain": {
        "prose": ["{He} has had [[lower abdominal pain]] {fordur}.",
                  "{He} describes [[crampy abdominal pain]] {fordur}, worse after eating.",
                  "{He} has [[pain in the left iliac fossa]] {fordur}.",
                  "{He} complains of [[intermittent tummy pain]] {fordur}.",
                  "{He} had [[abdominal pain in {month_past} which eased for a while but came back last month]] and is present most days now."],
        "short": ["[[abdo pain]] {durs}", "[[LIF pain]] {durs}", "[[lower abdo pain]] {durs}"],
        "quote": ["\"[[My tummy aches]] most days,\" {he} says; this has been going on {fordur}."],
    },
    "change_in_bowel_habit": {
        "prose": ["{He} has had [[a change in bowel habit towards looser stools]] {fordur}.",
                  "{His} [[bowels have become looser and more frequent]] {fordur}.",
                  "{He} reports [[diarrhoea]] three or four times a day {fordur}.",
                  "{He} has been [[constipated]] {fordur}, which is new for {him}.",
                  "{He} describes [[alternating constipation and diarrhoea]] {fordur}.",
                  "{He} had [[loose stools in {month_past} which settled briefly but came back last month]] and are still loose now."],
        "short": ["[[CIBH]] {durs} – looser", "[[Δ bowel habit]] {durs}", "[[loose stools]] {durs}"],
        "quote": ["\"[[I've got diarrhoea]] four or five times a day,\" {he} says; this has been going on {fordur}."],
    },
    "bloody_diarrhoea": {
        "prose": ["{He} has had [[bloody diarrhoea]] up to {nx} times a day {fordur_short}.",
                  "{He} describes [[diarrhoea with blood mixed in]], {nx} or more times a day, {fordur_short}."],
        "short": ["[[bloody diarrhoea]] {nx}x/day {durs_short}"],
        "quote": ["\"[[It's diarrhoea with blood in it]], {nx} or more times a day,\" {he} says; this started {fordur_short_ago}."],
    },
    "haematemesis": {
        "prose": ["{He} has [[vomited blood]] twice in the last week, a small amount each time after retching.",
                  "{He} reports [[haematemesis]] on two occasions last week, small in volume.",
                  "{He} [[brought up some blood when vomiting]] last weekend and again on Tuesday."],
        "short": ["[[haematemesis]] x2 last week, small vol", "[[vomited blood]] x2 this week"],
        "quote": ["\"[[I brought up blood]] twice after being sick,\" {he} says."],
    },
    "bloating": {
        "prose": ["{He} gets [[bloating]] most evenings.", "{He} has felt [[bloated]] after meals {fordur}.",
                  "{He} describes [[abdominal bloating]] {fordur}."],
        "short": ["[[bloating]] ++ {durs}"],
        "quote": ["\"By teatime [[I'm so bloated]] I have to undo my belt,\" {he} says."],
    },
    "confusion": {
        "prose": ["{His} {partner} reports that [[{he} has been increasingly confused]] over the last week.",
                  "[[{He} has had episodes of confusion]] recently, forgetting conversations and muddling the days."],
        "short": ["[[new confusion]] per {partner}"],
    },
    "ascites": {
        "prose": ["{His} abdomen has swollen up over the past fortnight and on examination [[{he} has ascites]].",
                  "On examination [[there is obvious ascites with shifting dullness]]."],
        "short": ["[[ascites +, shifting dullness]]"],
    },
    "rectal_mass": {
        "prose": ["On rectal examination there was [[a firm, irregular mass in the rectum]] at about {cm} cm.",
                  "Digital rectal examination revealed [[a hard rectal mass]] on the {side} wall.",
                  "PR examination: [[an irregular mass palpable in the rectum]] at the fingertip."],
        "short": ["PR: [[hard irregular rectal mass]] ~{cm}cm", "PR – [[rectal mass]] {side} wall"],
    },
    "anal_mass": {
        "prose": ["Examination showed [[a hard mass at the anal margin]].",
                  "On inspection there is [[an irregular anal mass]] at {clock} o'clock."],
        "short": ["[[anal mass]] at {clock} o'clock, firm, irregular"],
    },
    "anal_ulceration": {
        "prose": ["On examination there is [[an indurated anal ulcer with no obvious cause]], which has not healed over {wks} weeks.",
                  "I found [[unexplained anal ulceration]] at {clock} o'clock; it does not look like a simple fissure."],
        "short": ["[[anal ulcer, no obvious cause]], non-healing x{wks}/52"],
    },
    "abdominal_mass": {
        "prose": ["I could feel [[a mass in the {fossa}]].",
                  "On examination I felt [[a firm, non-tender mass in the {fossa}]], which I have not felt before.",
                  "There is [[a palpable mass in the {fossa}]] about {cm} cm across."],
        "short": ["O/E [[mass {fossa_s}]] ~{cm}cm, firm", "[[palpable abdominal mass]] {fossa_s}"],
    },
}
EXAM_FACTS = {"rectal_mass", "anal_mass", "anal_ulceration", "abdominal_mass", "ascites"}

FORDUR = ["for three months", "over the last two months", "for about six weeks", "for the past four months",
          "for several weeks", "over the past eight weeks", "for a couple of months", "for around ten weeks",
          "for 8/52", "for two months", "for a fortnight", "for the last five months"]
FORDUR_C = ["Over the last two months", "For the past three months", "For about six weeks",
            "Over the past eight weeks", "For a couple of months", "For the last four months"]
DURS = ["x3/12", "x2/12", "x6/52", "x8/52", "x4/12", "x10/52", "x2/52", "x5/12"]
FOSSA = [("left iliac fossa", "LIF"), ("right iliac fossa", "RIF"), ("LIF", "LIF"), ("RIF", "RIF"),
         ("right side of the abdomen", "R flank"), ("central abdomen", "central")]
PPI_DRUGS = ["lansoprazole 30 mg daily", "omeprazole 20 mg daily", "omeprazole 40 mg daily",
             "esomeprazole 20 mg daily", "pantoprazole 40 mg daily"]
FH_RELS = [("father", "father"), ("mother", "mother"), ("brother", "brother"), ("sister", "sister"),
           ("father", "dad")]


class Letter:
    def __init__(self, lid, rule, f, style, rng):
        self.id = lid
        self.rule = rule
        self.f = f
        self.style = style
        self.rng = rng
        self.sex = f["sex"]
        male = self.sex == "M"
        self.P = dict(he="he" if male else "she", He="He" if male else "She", him="him" if male else "her",
                      his="his" if male else "her", His="His" if male else "Her",
                      himself="himself" if male else "herself", man="man" if male else "woman",
                      gent="gentleman" if male else "lady", hers="his" if male else "hers")

    def v(self, **extra):
        r = self.rng
        V = dict(self.P)
        V.update(self.base)
        kg = r.choice([4, 5, 6, 7, 8, 9, 10, 12])
        w1 = r.randint(62, 98)
        fossa = r.choice(FOSSA)
        V.update(fordur=r.choice(FORDUR), Fordur=r.choice(FORDUR_C), durs=r.choice(DURS), kg=kg,
                 w1=w1, w2=w1 - kg, cm=r.choice([4, 5, 6, 7, 8]), side=r.choice(["left", "right", "anterior", "posterior"]),
                 clock=r.choice([3, 5, 6, 7, 9, 11]), fossa=fossa[0], fossa_s=fossa[1],
                 jdur=r.choice(["a week", "ten days", "two weeks", "a fortnight", "three weeks"]),
                 month_past=MONTHS[(self.letter_date.month - r.choice([3, 4, 5]) - 1) % 12],
                 nx=r.choice([5, 6, 8, 10]), fordur_short=r.choice(["for ten days", "for the past two weeks", "for three weeks", "since last week"]),
                 fordur_short_ago=r.choice(["ten days ago", "two weeks ago", "three weeks ago"]),
                 durs_short=r.choice(["x10/7", "x2/52", "x3/52"]), wks=r.choice([4, 6, 8]),
                 year=r.randint(2008, 2022))
        if getattr(self, "neutral_dur", False):
            V.update(fordur="", Fordur="", durs="")
        if self.style in ("dictation_sr", "dictation_runon"):
            V["kg"] = words(kg)
            V["w1"] = words(w1)
            V["w2"] = words(w1 - kg)
            V["cm"] = words(V["cm"])
            V["durs"] = V["fordur"]
            V["fordur"] = V["fordur"].replace("8/52", "eight weeks")
        V.update(extra)
        return V


def render_symptom(C, fact, reg):
    T = SYM_T[fact]
    opts = T.get(reg) or T["prose"]
    if reg == "dict":
        opts = T["prose"]
    V = C.v()
    if fact == "dyspepsia" and C.f["ppi_weeks"] is not None:
        opts = [o for o in opts if "came back" not in o]
        if C.f["ppi_weeks"] >= 4 and not getattr(C, "neutral_dur", False):
            V.update(fordur=C.rng.choice(["for several months", "for some months", "for most of this year"]),
                     durs=C.rng.choice(["x6/12", "several months"]))
    tpl = C.rng.choice(opts)
    if reg == "dict":
        tpl = tpl.replace("{durs}", "{fordur}")
    return mk(tpl, V, fact=fact)


def render_exam(C, fact, reg):
    T = SYM_T[fact]
    if fact == "jaundice":
        opts = T["exam_short"] if reg == "short" else T["exam"]
    else:
        opts = T["short"] if reg == "short" else T["prose"]
    return mk(C.rng.choice(opts), C.v(), fact=fact)


# ----- numbers for results -----
def num(C, n, reg):
    return words(n) if reg == "dict" else str(n)


def render_hb(C, reg, trend=False):
    r, v = C.rng, C.f["hb"]
    if trend:
        old = C.extra["hb_old"]
        when = r.choice(["since %s" % C.extra["hb_old_when"], "since last year"])
        if reg == "dict":
            t = "{His} [[hb§haemoglobin has fallen from %s to ⟨%s⟩ now]]" % (words(old), words(v))
        else:
            t = r.choice(["{His} [[hb§Hb has fallen from %d to ⟨%d⟩]] %s" % (old, v, when),
                          "[[hb§haemoglobin was %d in %s but is now ⟨%d⟩ g/L]]" % (old, C.extra["hb_old_when"], v)])
        s = mk(t, C.v(), fact="hb")
        s.spans.append({"type": "past_value", "facts": ["hb"], "text": words(old) if reg == "dict" else str(old)})
        return s
    if reg == "dict":
        t = r.choice(["[[hb§haemoglobin of ⟨%s⟩]]" % words(v),
                      "[[hb§haemoglobin ⟨%s grams per decilitre⟩]]" % dec_words(v / 10.0)])
    else:
        forms = ["[[hb§Hb ⟨%d⟩ g/L]]" % v, "[[hb§Hb ⟨%d⟩]]" % v, "[[hb§haemoglobin ⟨%d⟩ g/L]]" % v,
                 "[[hb§haemoglobin ⟨%.1f g/dL⟩]]" % (v / 10.0), "[[hb§Hb ⟨%.1f g/dl⟩]]" % (v / 10.0)]
        t = r.choice(forms)
    return mk(t, C.v(), fact="hb")


def render_ferritin(C, reg, trend=False):
    r, v = C.rng, C.f["ferritin"]
    if trend:
        old = C.extra["ferr_old"]
        if reg == "dict":
            t = "[[ferritin§ferritin was %s in %d but is now ⟨%s⟩ on iron]]" % (words(old), C.extra["ferr_old_year"], words(v))
        else:
            t = "[[ferritin§ferritin was %d in %d but is now ⟨%d⟩ on iron]]" % (old, C.extra["ferr_old_year"], v)
        s = mk(t, C.v(), fact="ferritin")
        s.spans.append({"type": "past_value", "facts": ["ferritin"], "text": words(old) if reg == "dict" else str(old)})
        return s
    if reg == "dict":
        t = "[[ferritin§ferritin of ⟨%s⟩]]" % words(v)
    else:
        t = r.choice(["[[ferritin§ferritin ⟨%d⟩]]" % v, "[[ferritin§ferritin ⟨%d⟩ ug/L]]" % v,
                      "[[ferritin§ferritin ⟨%d⟩ micrograms/L]]" % v])
    return mk(t, C.v(), fact="ferritin")


def fit_value_text(C, reg):
    fit = C.f["fit"]
    if fit.get("value") is not None:
        return words(fit["value"]) if reg == "dict" else str(fit["value"])
    b = fit["below"]
    if reg == "dict" and b == "<4":
        return "less than four"
    return b


def render_fit(C, reg):
    r = C.rng
    vt = fit_value_text(C, reg)
    when = C.extra["fit_when_text"]
    numeric = C.f["fit"].get("value") is not None
    if reg == "dict":
        t = r.choice(["[[fit§FIT of ⟨%s⟩]] %s" % (vt, when), "[[fit§faecal immunochemical test result ⟨%s⟩]] %s" % (vt, when)])
    elif reg == "short":
        t = r.choice(["[[fit§FIT ⟨%s⟩]] (%s)" % (vt, C.extra["fit_date_text"]),
                      "[[fit§qFIT ⟨%s⟩]] %s" % (vt, C.extra["fit_date_text"])])
    else:
        if numeric:
            forms = ["[[fit§FIT ⟨%s⟩ ug Hb/g]] %s" % (vt, when), "[[fit§qFIT ⟨%s⟩]] %s" % (vt, when),
                     "[[fit§FIT result ⟨%s⟩ ug Hb/g faeces]] %s" % (vt, when),
                     "[[fit§faecal immunochemical test (FIT) ⟨%s⟩]] %s" % (vt, when)]
        else:
            forms = ["[[fit§FIT ⟨%s⟩]] %s" % (vt, when), "[[fit§FIT was ⟨%s⟩]] %s" % (vt, when),
                     "[[fit§faecal immunochemical test (FIT) ⟨%s⟩]] %s" % (vt, when)]
        t = r.choice(forms)
    return mk(t, C.v(), fact="fit")


def render_trend(C, fact, name, reg):
    """A value that changed over time; the current value is the one after 'to'/'now'."""
    v = C.f[fact]
    old, when = C.extra["trend_" + fact]
    w = (lambda n: words(n)) if reg == "dict" else str
    verb = "risen" if v > old else "fallen"
    t = C.rng.choice(["[[%s§%s has %s from %s in %s to ⟨%s⟩]]" % (fact, name, verb, w(old), when, w(v)),
                      "[[%s§%s was %s in %s but is now ⟨%s⟩]]" % (fact, name, w(old), when, w(v))])
    s = mk(t, C.v(), fact=fact)
    s.spans.append({"type": "past_value", "facts": [fact], "text": w(old)})
    return s


def render_cal(C, reg):
    v = C.f["calprotectin"]
    if C.extra.get("trend_calprotectin"):
        return render_trend(C, "calprotectin", "faecal calprotectin", reg)
    if reg == "dict":
        t = "[[calprotectin§faecal calprotectin of ⟨%s⟩]]" % words(v)
    else:
        t = C.rng.choice(["[[calprotectin§faecal calprotectin ⟨%d⟩ ug/g]]" % v, "[[calprotectin§calprotectin ⟨%d⟩]]" % v,
                          "[[calprotectin§FCP (faecal calprotectin) ⟨%d⟩]]" % v])
    return mk(t, C.v(), fact="calprotectin")


def render_alt(C, reg):
    v = C.f["alt"]
    if C.extra.get("trend_alt"):
        return render_trend(C, "alt", "ALT", reg)
    if reg == "short" and v >= 40:
        return mk("[[alt§↑ALT ⟨%d⟩]]" % v, C.v(), fact="alt")
    if reg == "dict":
        t = "[[alt§ALT of ⟨%s⟩]]" % words(v)
    else:
        t = C.rng.choice(["[[alt§ALT ⟨%d⟩]]" % v, "[[alt§ALT ⟨%d⟩ U/L]]" % v, "[[alt§alanine transaminase ⟨%d⟩ U/L]]" % v])
    return mk(t, C.v(), fact="alt")


def render_ppi(C, reg):
    """PPI course for dyspepsia.  Written as a start month against the letter date, or a
    duration; the sentence always says the dyspepsia persists despite it (or that it is new)."""
    e = C.extra
    drug = e["ppi_drug"]
    if e["ppi_form"] == "since_month":
        core = "%s since %s %s" % (drug, e["ppi_qual"], MONTHS[e["ppi_start"].month - 1])
    elif e["ppi_form"] == "weeks":
        n = e["ppi_n"]
        core = "%s for %s weeks" % (drug, words(n) if reg == "dict" else n)
    elif e["ppi_form"] == "slash52":
        core = "%s x%d/52" % (drug, e["ppi_n"])
    elif e["ppi_form"] == "months":
        core = "%s for the last %s months" % (drug, words(e["ppi_n"]))
    elif e["ppi_form"] == "days_ago":
        core = "started %s %s days ago" % (drug, words(e["ppi_n"]) if reg != "short" else e["ppi_n"])
    elif e["ppi_form"] == "last_week":
        core = "%s started last week" % drug
    else:
        raise ValueError(e["ppi_form"])
    long = C.f["ppi_weeks"] >= 4
    if reg == "short":
        t = ("[[ppi§%s]], no better" % core) if long else ("[[ppi§%s]] – too early to judge" % core)
    elif long:
        t = C.rng.choice(["The indigestion has persisted despite [[ppi§%s]]." % core,
                          "{He} has been taking [[ppi§%s]] and the indigestion is no better." % core,
                          "Despite [[ppi§%s]] the dyspeptic symptoms continue." % core])
        # the word "indigestion"/"dyspeptic" here restates the positive fact: evidence too
        t = t.replace("the indigestion", "[[dyspepsia§the indigestion]]").replace(
            "The indigestion", "[[dyspepsia§The indigestion]]").replace("the dyspeptic symptoms", "[[dyspepsia§the dyspeptic symptoms]]")
    else:
        if e["ppi_form"] == "days_ago":
            t = "{He} [[ppi§%s]], so it is too early to judge the response." % core
        else:
            t = "[[ppi§%s]], so it is too early to judge the response." % cap(core)
    s = mk(t, C.v(), fact="ppi")
    for sp in s.spans:
        if sp["fact"] == "ppi":
            sp["ppi_weeks"] = C.f["ppi_weeks"]
    return s


def render_cirrhosis(C, reg):
    r = C.rng
    cause = r.choice(["alcohol-related", "hepatitis C-related", "alcohol-related"])
    if reg == "short":
        t = "PMHx: [[known_cirrhosis§%s cirrhosis]] dx {year}" % cause
    else:
        t = r.choice(["{He} has [[known_cirrhosis§known %s cirrhosis]], diagnosed in {year}." % cause,
                      "{He} is known to have [[known_cirrhosis§%s cirrhosis]] and is under your liver nurses for surveillance." % cause])
    return mk(t, C.v(), fact="known_cirrhosis")


IBD_DRUGS = {"UC": ["mesalazine 2.4 g daily", "Octasa 800 mg three times daily", "mesalazine 3 g daily"],
             "Crohn's": ["azathioprine 100 mg daily", "adalimumab injections every two weeks", "vedolizumab infusions"]}
IBD_NAMES = {"UC": ["ulcerative colitis", "left-sided ulcerative colitis", "UC"],
             "Crohn's": ["Crohn's disease", "ileal Crohn's disease", "Crohn's"]}


def render_ibd_background(C, reg, stable):
    r = C.rng
    kind = C.f["known_ibd"]
    name = r.choice(IBD_NAMES[kind])
    drug = C.extra.setdefault("ibd_drug", r.choice(IBD_DRUGS[kind]))
    if stable:
        word = r.choice(["in remission", "stable", "well controlled", "in clinical remission"])
        if reg == "short":
            t = "[[known_ibd§%s dx {year}, on %s, <<stable§§%s>>]]" % (name, drug, word)
        else:
            t = r.choice(["{He} has [[known_ibd§%s, diagnosed in {year}, and has been <<stable§§%s>> on %s for several years]]." % (name, word, drug),
                          "[[known_ibd§{His} %s has been <<stable§§%s>> on %s since {year}]]." % (name, word, drug)])
        # stability wording is evidence for the "stable" part of O3
        t = t.replace("<<stable§§%s>>" % word, word)
        s = mk(t, C.v(), fact="known_ibd")
        s.spans.append({"type": "evidence", "fact": "ibd_stable_question", "role": "stable", "text": word})
        return s
    if reg == "short":
        t = "PMHx: [[known_ibd§%s]] (on %s)" % (name, drug)
    else:
        t = r.choice(["{He} has [[known_ibd§known %s]] and takes %s." % (name, drug),
                      "{He} has [[known_ibd§%s, diagnosed in {year}, treated with %s]]." % (name, drug)])
        t = t.replace("and takes %s." % drug, "and takes [[known_ibd§%s]]." % drug)
    return mk(t, C.v(), fact="known_ibd")


IBD_QUESTIONS = [
    "Could you advise whether it would be reasonable to reduce {his} {drug} dose?",
    "Could you advise when {his} next surveillance colonoscopy is due?",
    "{He} is travelling to {country} in the summer and asks which vaccines are safe on {drug} – could you advise?",
    "Could you advise whether {he} can stop {drug} after several years of remission?",
    "{He} has asked whether {he} still needs three-monthly blood monitoring – could you advise on the frequency?",
    "I would welcome your advice on whether {he} can have the shingles vaccine while on {drug}.",
]
IBD_QUESTIONS_F = ["{He} is hoping to start a family next year and asks whether {he} should continue {drug} – could you advise?"]


def render_ibd_question(C, reg):
    pool = IBD_QUESTIONS + (IBD_QUESTIONS_F if C.sex == "F" and C.f["age"] < 45 else [])
    q = C.rng.choice(pool)
    q = q.replace("{drug}", C.extra["ibd_drug"].split(" ")[0] if C.extra["ibd_drug"].split(" ")[0] != "Octasa" else "Octasa")
    return mk("[[ibd_stable_question§%s]]" % q, C.v(country=C.rng.choice(["Kenya", "Peru", "Thailand", "India", "Ghana"])),
              fact="ibd_stable_question", extra={"ibd_stable_question": {"role": "question"}})


def render_coeliac(C, reg):
    r = C.rng
    ttg = C.extra["ttg"]
    if reg == "dict":
        t = "[[coeliac_serology_positive§positive coeliac serology with a tTG of %s]]" % words(ttg)
    elif reg == "short":
        t = r.choice(["[[coeliac_serology_positive§tTG %d (raised, ref <7)]]" % ttg, "[[coeliac_serology_positive§tTG +ve (%d)]]" % ttg])
    else:
        t = r.choice(["[[coeliac_serology_positive§positive coeliac serology (tTG %d U/mL, reference <7)]]" % ttg,
                      "[[coeliac_serology_positive§a raised tTG of %d U/mL]]" % ttg,
                      "[[coeliac_serology_positive§strongly positive coeliac antibodies (tTG)]]"])
    return mk(t, C.v(), fact="coeliac_serology_positive")


def render_fatty(C, reg):
    r = C.rng
    if reg == "short":
        t = r.choice(["[[fatty_liver_imaging§USS: fatty liver]]", "[[fatty_liver_imaging§USS abdo – hepatic steatosis]]"])
    else:
        t = r.choice(["[[fatty_liver_imaging§an ultrasound in %s showing a fatty liver]]" % C.extra["recent_month"],
                      "[[fatty_liver_imaging§ultrasound evidence of hepatic steatosis]]",
                      "[[fatty_liver_imaging§a CT (done for suspected kidney stones) showing a fatty liver]]"])
    return mk(t, C.v(), fact="fatty_liver_imaging")


def render_fh(C, reg):
    r = C.rng
    rel, rel_s = r.choice(FH_RELS)
    fha = r.choice([48, 52, 56, 61, 64, 67, 70])
    if reg == "short":
        t = "[[family_history_crc§FHx: %s colorectal ca aged %d]]" % (rel_s, fha)
    else:
        t = r.choice(["[[family_history_crc§{His} %s was diagnosed with bowel cancer at the age of %d]]." % (rel, fha),
                      "There is a [[family_history_crc§family history of bowel cancer: {his} %s was diagnosed at %d]]." % (rel, fha)])
    return mk(t, C.v(), fact="family_history_crc")


# ----------------------------------------------------------------------------------
# Negations, distractors, normal results
# ----------------------------------------------------------------------------------
NEG_WORDS = {
    "dysphagia": ["dysphagia", "difficulty swallowing"],
    "weight_loss": ["weight loss"],
    "haematemesis": ["haematemesis", "vomiting of blood"],
    "rectal_bleeding": ["rectal bleeding", "PR bleeding"],
    "change_in_bowel_habit": ["change in bowel habit", "diarrhoea"],
    "abdominal_pain": ["abdominal pain"],
    "reflux": ["heartburn", "reflux"],
    "dyspepsia": ["indigestion"],
    "jaundice": ["jaundice"],
    "bloating": ["bloating"],
    "upper_abdominal_pain": ["epigastric pain"],
}
NEG_EXTRA = ["odynophagia", "melaena", "vomiting", "night sweats", "fevers"]


def olist(items, conj="or"):
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " " + conj + " " + items[-1]


# a true fact makes these neighbouring facts unsafe to deny (epigastric pain is abdominal pain, etc.)
OVERLAP = {"upper_abdominal_pain": ["abdominal_pain", "dyspepsia"], "abdominal_pain": ["upper_abdominal_pain"],
           "dyspepsia": ["upper_abdominal_pain"], "bloody_diarrhoea": ["rectal_bleeding", "change_in_bowel_habit"],
           "rectal_bleeding": ["bloody_diarrhoea"], "change_in_bowel_habit": ["bloody_diarrhoea"]}


def unsafe_to_deny(f):
    out = set(k for k in BOOL_FACTS if f[k])
    for k in list(out):
        out.update(OVERLAP.get(k, []))
    return out


def neg_candidates(C, pool=None):
    bad = unsafe_to_deny(C.f)
    pool = pool or list(NEG_WORDS)
    return [k for k in dict.fromkeys(pool) if k not in bad]


def render_negation(C, facts, reg, form=None):
    r = C.rng
    items = [r.choice(NEG_WORDS[k]) for k in facts]
    if r.random() < 0.5:
        ext = [x for x in NEG_EXTRA if not (x == "vomiting" and "vomiting of blood" in items)]
        items.append(r.choice(ext))
    r.shuffle(items)
    fl = ",".join(facts)
    if reg == "short":
        t = "<<negation§%s§nil %s>>" % (fl, "/".join(items))
        return mk(t, C.v(), kind="neg")
    forms = ["{He} reports no %s." % olist(items), "{He} denies %s." % olist(items, "and"),
             "{He} has had no %s." % olist(items), "No %s." % olist(items),
             "{He} has never had any %s." % olist(items)]
    if form is not None:
        s = forms[form]
    else:
        s = r.choice(forms)
    # the negation span covers the whole sentence without its full stop
    s = "<<negation§%s§%s>>." % (fl, s[:-1])
    return mk(s, C.v(), kind="neg")


QUOTE_NEG = {
    "dysphagia": "\"I've never had any trouble swallowing,\" {he} says.",
    "weight_loss": "\"I haven't lost any weight – if anything I've put it on,\" {he} says.",
    "rectal_bleeding": "\"There's never been any blood, doctor,\" {he} says.",
    "reflux": "\"No heartburn or anything like that,\" {he} says.",
}


def render_quote_neg(C, fact):
    t = QUOTE_NEG[fact]
    inner = t[:t.rindex(",\"")]
    t = "<<negation§%s§%s>>%s" % (fact, inner + ",\"", t[len(inner) + 2:])
    return mk(t, C.v(), kind="neg")


def weight_negation(C, reg):
    if reg == "short":
        return mk("<<negation§weight_loss§wt stable>>", C.v(), kind="neg")
    t = C.rng.choice(["<<negation§weight_loss§{His} weight is stable>>.", "<<negation§weight_loss§{He} has not lost any weight>>.",
                      "<<negation§weight_loss§There has been no weight loss>>."])
    return mk(t, C.v(), kind="neg")


INTENT_WL = [
    "{He} has lost {kg} kg deliberately with Slimming World since the new year and is pleased with this.",
    "{He} started semaglutide (Wegovy) through the weight management service in {mon} and has lost {kg} kg, as intended.",
    "{He} has been buying tirzepatide from an online pharmacy and has lost {kg} kg, which was the aim.",
    "{He} has been dieting for a holiday and has lost about {kg} kg on purpose.",
]
FAMILY_D = [
    ("{His} {frel} had stomach cancer in {hisher} seventies.", [], "{frel} stomach ca"),
    ("{His} {frel} died of oesophageal cancer some years ago.", [], "{frel} oesophageal ca"),
    ("{His} {frel} has Crohn's disease.", ["known_ibd"], "{frel} Crohn's"),
    ("{His} {frel} was recently diagnosed with coeliac disease.", ["coeliac_serology_positive"], "{frel} coeliac"),
    ("{His} {partner} has had heartburn for years and takes Gaviscon.", ["reflux"], None),
    ("{His} {frel} had breast cancer in {hisher} fifties.", [], "{frel} breast ca"),
    ("{His} {partner} had a bout of diarrhoea last month after a holiday, which settled.", ["change_in_bowel_habit"], None),
]
PAST_D = [
    ("{He} had some rectal bleeding in {pyear}, put down to haemorrhoids, with none since.", ["rectal_bleeding"]),
    ("{He} was jaundiced in {pyear} with glandular fever, which resolved completely.", ["jaundice"]),
    ("{He} had an episode of diarrhoea after a holiday in {pyear} which settled within a week.", ["change_in_bowel_habit"]),
    ("A gastroscopy in {pyear} for indigestion was normal and the symptoms resolved.", ["dyspepsia"]),
    ("{He} had a duodenal ulcer in {pyear}, treated, with no symptoms since.", ["dyspepsia", "upper_abdominal_pain"]),
    ("{He} had an anal fissure in {pyear} that healed with GTN ointment.", ["anal_ulceration"]),
    ("{He} no longer gets heartburn since stopping ibuprofen in {pyear}.", ["reflux"]),
]
PAST_D_F = [("{He} had heartburn during {his} pregnancies but it settled afterwards.", ["reflux"])]
HYPO_ITEMS = {
    "dysphagia": "difficulty swallowing", "haematemesis": "vomiting of blood", "jaundice": "yellowing of the skin or eyes",
    "rectal_bleeding": "rectal bleeding", "weight_loss": "weight loss", "melaena": "black stools",
}
OTHER_TESTS = [
    "Faecal elastase was {fe} ug/g (normal).", "H. pylori stool antigen was negative.", "Stool culture was negative.",
    "H. pylori stool antigen negative.", "Faecal elastase normal at {fe} ug/g.",
]
OTHER_TESTS_SHORT = ["faecal elastase {fe} (nl)", "H. pylori stool Ag neg", "stool MC&S neg"]
FRELS = [("father", "his"), ("mother", "her"), ("brother", "his"), ("sister", "her"), ("uncle", "his"),
         ("aunt", "her"), ("cousin", "their")]


def render_distractor(C, kind, reg):
    """Returns a Seg or None."""
    r, f = C.rng, C.f
    if kind == "intent_wl":
        if f["weight_loss"]:
            return None
        t = r.choice(INTENT_WL)
        return mk("<<intentional§weight_loss§%s>>" % t, C.v(mon=MONTHS[(C.letter_date.month - 5) % 12]), kind="dist")
    if kind == "family":
        opts = [(t, fs, st) for t, fs, st in FAMILY_D if not any(f.get(x) for x in fs) and (st or reg != "short")]
        t, fs, st = r.choice(opts)
        if reg == "short":
            t = st
        frel, hh = r.choice(FRELS)
        return mk("<<family§%s§%s>>" % (",".join(fs), t), C.v(frel=frel, hisher=hh), kind="dist")
    if kind == "past":
        pool = PAST_D + (PAST_D_F if C.sex == "F" else [])
        bad = unsafe_to_deny(f)
        opts = [(t, fs) for t, fs in pool if not any(x in bad for x in fs)]
        if not opts:
            return None
        t, fs = r.choice(opts)
        return mk("<<past§%s§%s>>" % (",".join(fs), t), C.v(pyear=r.randint(2009, 2021)), kind="dist")
    if kind == "hypo":
        bad = unsafe_to_deny(f)
        keys = [k for k in HYPO_ITEMS if k == "melaena" or k not in bad]
        keys = r.sample(keys, min(len(keys), r.choice([2, 3])))
        items = [HYPO_ITEMS[k] for k in keys]
        fl = ",".join(k for k in keys if k != "melaena")
        if reg == "short":
            t = "<<hypothetical§%s§safety-netted re %s>>" % (fl, "/".join(items))
        else:
            t = r.choice(["I have advised {him} to seek help urgently if {he} develops %s." % olist(items),
                          "Should {he} notice %s, {he} knows to contact us the same day." % olist(items),
                          "We have discussed what to do in the meantime if {he} develops %s." % olist(items)])
            t = "<<hypothetical§%s§%s>>." % (fl, t[:-1])
        return mk(t, C.v(), kind="dist")
    if kind == "other_test":
        if reg == "short":
            t = r.choice(OTHER_TESTS_SHORT)
        else:
            t = r.choice(OTHER_TESTS)
        return mk("<<other_test§§%s>>" % t, C.v(fe=r.choice([310, 385, 420, 460, 512])), kind="dist")
    if kind == "past_fit":
        pf = C.extra["past_fit"]
        if reg == "short":
            t = "<<past_fit§fit§prev FIT ⟨%s⟩ (%s)>>" % (pf["text"], pf["date_text"])
        else:
            t = r.choice(["<<past_fit§fit§A FIT in %s was ⟨%s⟩%s>>." % (pf["date_text"], pf["text"], pf["tail"]),
                          "<<past_fit§fit§{His} previous FIT, back in %s, was ⟨%s⟩%s>>." % (pf["date_text"], pf["text"], pf["tail"])])
        s = mk(t, C.v(), kind="dist")
        for sp in s.spans:
            sp["past_value"] = pf["value"]
            sp["date_text"] = pf["date_text"]
        return s
    if kind == "fit_absent":
        if f["fit"] is not None:
            return None
        if reg == "short":
            t = r.choice(["<<fit_absent§fit§FIT not yet done>>", "<<fit_absent§fit§FIT requested – awaited>>"])
        else:
            t = r.choice(["<<fit_absent§fit§{He} has not yet had a FIT>>.",
                          "<<fit_absent§fit§A FIT has been requested but the result is not back yet>>; I have not delayed the referral for it.",
                          "<<fit_absent§fit§{He} was given a FIT kit today, so there is no result yet>>."])
        return mk(t, C.v(), kind="dist")
    raise ValueError(kind)


def render_normals(C, reg):
    """Normal results that do not conflict with the facts."""
    r, f = C.rng, C.f
    out = []
    male = C.sex == "M"
    if f["hb"] is None and f["ferritin"] is None and r.random() < 0.6:
        out.append(("<<normal§fbc_normal§FBC normal>>", "<<normal§fbc_normal§FBC nl>>"))
    if f["alt"] is None and not f["jaundice"] and not f["known_cirrhosis"] and r.random() < 0.5:
        out.append(("<<normal§lft_normal§LFTs normal>>", "<<normal§lft_normal§LFTs nl>>"))
    if not f["coeliac_serology_positive"] and r.random() < 0.35:
        out.append(("<<normal§coeliac_negative§coeliac serology negative>>", "<<normal§coeliac_negative§coeliac screen neg>>"))
    if r.random() < 0.5:
        out.append(("U&Es and TFTs normal", "U&E/TFT nl"))
    if r.random() < 0.35:
        crp = r.choice([2, 3, 4, 5, 7])
        out.append(("CRP %d" % crp, "CRP %d" % crp))
    r.shuffle(out)
    return [x[1] if reg == "short" else x[0] for x in out]


# ----------------------------------------------------------------------------------
# Segment utilities
# ----------------------------------------------------------------------------------
def join_segs(parts, sep=" ", prefix="", suffix="", kind="fact"):
    """parts: Seg or str.  Returns one Seg carrying all spans."""
    texts, spans, dec = [], [], False
    for p in parts:
        if isinstance(p, Seg):
            texts.append(p.text)
            spans.extend(p.spans)
            dec = dec or p.decisive
        else:
            texts.append(p)
    return Seg(prefix + sep.join(texts) + suffix, kind, spans, dec)


def lower_first(seg):
    """Lower-case the first letter (used when a sentence is embedded after a lead-in),
    keeping span texts that start at the same place in step.  Acronyms, names and
    quotations are left alone."""
    t = seg.text
    if not t or not t[0].isupper():
        return seg
    first = t.split(" ", 1)[0]
    if first in ("I", "I've", "I'm") or (len(first) > 1 and first[1].isupper()) or \
            first.startswith(("H.", "Hb", "Crohn", "Octasa", "Mr", "Mrs", "Ms", "Miss", "Dr", "Slimming", "Wegovy")) or \
            first in NAMEWORDS:
        return seg
    nt = t[0].lower() + t[1:]
    spans = []
    for sp in seg.spans:
        sp = dict(sp)
        if t.startswith(sp["text"]):
            sp["text"] = sp["text"][0].lower() + sp["text"][1:]
            if sp.get("value_text") and t.startswith(sp["value_text"]):
                sp["value_text"] = sp["value_text"][0].lower() + sp["value_text"][1:]
        spans.append(sp)
    return Seg(nt, seg.kind, spans, seg.decisive, seg.tags)


NAMEWORDS = set(MALE_FIRST + FEMALE_FIRST + NEUTRAL_FIRST + SURNAMES)


def strip_stop(seg):
    if seg.text.endswith("."):
        return Seg(seg.text[:-1], seg.kind, seg.spans, seg.decisive, seg.tags)
    return seg


def filler(C, pool, n=1, kind="filler", **extra):
    out = []
    picks = C.rng.sample(pool, min(n, len(pool)))
    for t in picks:
        out.append(mk(t, C.v(**extra), kind=kind))
    return out


# ----------------------------------------------------------------------------------
# Damage: OCR artefacts, spelling slips, speech-recognition homophones.  Applied only to
# filler segments (no registered span), so deciding evidence is never touched.
# ----------------------------------------------------------------------------------
MISSPELL = {"appointment": "appointmnet", "received": "recieved", "separate": "seperate", "definitely": "definately",
            "necessary": "neccessary", "until": "untill", "beginning": "begining", "accommodation": "accomodation",
            "grateful": "greatful", "recently": "recenty", "because": "becuase", "which": "whcih",
            "their": "thier", "tomorrow": "tommorow", "occasionally": "occasionaly", "referral": "referal",
            "physiotherapy": "physiotheraphy", "allotment": "alottment", "grandchildren": "grandchilren",
            "transport": "trasnport", "walks": "wlaks", "consultation": "consulation", "medication": "medicaton"}
HOMOPHONES = {"there": "their", "their": "there", "here": "hear", "whether": "weather", "to the": "too the",
              "would": "wood", "know": "no", "week": "weak", "for": "four", "right": "write", "some": "sum"}


def ocr_damage(text, r):
    out = []
    for w in re.split(r"(\s+)", text):
        if w.strip() and r.random() < 0.12 and len(w) > 2:
            ops = []
            if "l" in w:
                ops.append(lambda s: s.replace("l", "1", 1))
            if "rn" in w:
                ops.append(lambda s: s.replace("rn", "m", 1))
            if "m" in w:
                ops.append(lambda s: s.replace("m", "rn", 1))
            if "O" in w:
                ops.append(lambda s: s.replace("O", "0", 1))
            if "o" in w:
                ops.append(lambda s: s.replace("o", "0", 1))
            if "I" in w:
                ops.append(lambda s: s.replace("I", "l", 1))
            if len(w) > 6:
                k = r.randint(3, len(w) - 3)
                ops.append(lambda s, k=k: s[:k] + r.choice(["- ", " "]) + s[k:])
            if "e" in w:
                ops.append(lambda s: s.replace("e", "c", 1))
            if ops:
                w = r.choice(ops)(w)
        out.append(w)
    return "".join(out)


def spelling_damage(text, r):
    keys = [k for k in MISSPELL if re.search(r"\b%s\b" % k, text)]
    if keys:
        k = r.choice(keys)
        return re.sub(r"\b%s\b" % k, MISSPELL[k], text, count=1)
    ws = [m for m in re.finditer(r"\b[a-z]{6,}\b", text)]
    if ws:
        m = r.choice(ws)
        w = m.group(0)
        i = r.randint(1, len(w) - 3)
        w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        return text[:m.start()] + w2 + text[m.end():]
    return text


def homophone_damage(text, r):
    keys = [k for k in HOMOPHONES if re.search(r"\b%s\b" % k, text)]
    if keys:
        k = r.choice(keys)
        return re.sub(r"\b%s\b" % k, HOMOPHONES[k], text, count=1)
    return text


# ----------------------------------------------------------------------------------
# Content: every fact rendered once, grouped by where a clinician would write it
# ----------------------------------------------------------------------------------
HPC_ORDER = ["dysphagia", "reflux", "dyspepsia", "upper_abdominal_pain", "haematemesis", "abdominal_pain",
             "change_in_bowel_habit", "bloody_diarrhoea", "rectal_bleeding", "bloating", "weight_loss",
             "jaundice", "confusion", "ascites"]


def build_content(C, reg, quote=False):
    f, r = C.f, C.rng
    K = dict(hpc=[], exam=[], ix=[], bg=[], neg=[], dist_hx=[], dist_soc=[], safety=[], question=[], fh=[],
             ix_extra=[], exam_neg=[])
    sreg = reg
    order = [k for k in HPC_ORDER if f[k]]
    if r.random() < 0.4:
        r.shuffle(order)
    for k in order:
        if k in ("ascites",) and r.random() < 0.6:
            s = render_exam(C, k, reg if reg != "dict" else "prose")
            s.decisive = k in C.decisive
            K["exam"].append(s)
            continue
        if k == "jaundice" and r.random() < 0.35:
            s = render_exam(C, k, reg if reg != "dict" else "prose")
            s.decisive = True
            K["exam"].append(s)
            continue
        rg = sreg
        if quote and r.random() < 0.6 and "quote" in SYM_T[k]:
            rg = "quote"
        s = render_symptom(C, k, rg)
        s.decisive = k in C.decisive
        K["hpc"].append(s)
        if k == "dyspepsia" and f["ppi_weeks"] is not None:
            p = render_ppi(C, reg)
            p.decisive = "ppi" in C.decisive
            K["hpc"].append(p)
    if f["reflux"] and not f["dyspepsia"] and f["ppi_weeks"] is not None:
        raise ValueError("ppi without dyspepsia")
    for k in ["rectal_mass", "anal_mass", "anal_ulceration", "abdominal_mass"]:
        if f[k]:
            s = render_exam(C, k, reg if reg != "dict" else "prose")
            s.decisive = k in C.decisive
            K["exam"].append(s)
    # normal examination findings (negations, only for facts that are false)
    exn = []
    if not f["abdominal_mass"] and not f["ascites"] and r.random() < 0.7:
        exn.append(mk(r.choice(["<<negation§abdominal_mass§Abdomen soft with no masses>>.",
                                "<<negation§abdominal_mass§Abdomen soft, no masses felt>>.",
                                "<<negation§abdominal_mass§No abdominal masses>>."]) if reg != "short" else
                      "<<negation§abdominal_mass§abdo soft, no masses>>", C.v(), kind="neg"))
    if not (f["rectal_mass"] or f["anal_mass"] or f["anal_ulceration"]) and r.random() < 0.45 and \
            (f["rectal_bleeding"] or f["change_in_bowel_habit"] or r.random() < 0.3):
        exn.append(mk(r.choice(["<<negation§rectal_mass,anal_mass§Rectal examination showed no masses>>.",
                                "<<negation§rectal_mass,anal_mass§PR: no masses palpable>>."]) if reg != "short" else
                      "<<negation§rectal_mass,anal_mass§PR no masses>>", C.v(), kind="neg"))
    if not f["jaundice"] and r.random() < 0.4:
        exn.append(mk("<<negation§jaundice§Not jaundiced>>." if reg != "short" else "<<negation§jaundice§not jaundiced>>",
                      C.v(), kind="neg"))
    K["exam_neg"] = exn
    # background facts
    if f["known_cirrhosis"]:
        s = render_cirrhosis(C, reg)
        s.decisive = "known_cirrhosis" in C.decisive
        K["bg"].append(s)
    if f["known_ibd"]:
        s = render_ibd_background(C, reg, f["ibd_stable_question"])
        s.decisive = "known_ibd" in C.decisive
        K["bg"].append(s)
        if f["ibd_stable_question"]:
            q = render_ibd_question(C, reg)
            q.decisive = True
            K["question"].append(q)
    if f["family_history_crc"]:
        s = render_fh(C, reg)
        s.decisive = "family_history_crc" in C.decisive
        K["fh"].append(s)
    # results (fragments without a full stop)
    ixr = reg
    items = []
    if f["hb"] is not None:
        s = render_hb(C, ixr, trend=C.extra.get("hb_trend", False))
        s.decisive = "hb" in C.decisive
        items.append(s)
    if f["ferritin"] is not None:
        s = render_ferritin(C, ixr, trend=C.extra.get("ferr_trend", False))
        s.decisive = "ferritin" in C.decisive
        items.append(s)
    if f["alt"] is not None:
        s = render_alt(C, ixr)
        s.decisive = "alt" in C.decisive
        items.append(s)
    if f["calprotectin"] is not None:
        s = render_cal(C, ixr)
        s.decisive = "calprotectin" in C.decisive
        items.append(s)
    if f["fit"] is not None:
        s = render_fit(C, ixr)
        s.decisive = "fit" in C.decisive
        items.append(s)
    if f["coeliac_serology_positive"]:
        s = render_coeliac(C, ixr)
        s.decisive = True
        items.append(s)
    if f["fatty_liver_imaging"]:
        s = render_fatty(C, ixr)
        s.decisive = "fatty_liver_imaging" in C.decisive
        items.append(s)
    for t in render_normals(C, reg):
        items.append(mk(t, C.v(), kind="normal"))
    K["ix"] = items
    # negations of relevant false facts
    pool = neg_candidates(C, C.extra.get("neg_pool"))
    if pool:
        n = min(len(pool), r.choice([2, 3, 3, 4]))
        chosen = r.sample(pool, n)
        if "weight_loss" in chosen and r.random() < 0.5:
            chosen.remove("weight_loss")
            K["neg"].append(weight_negation(C, reg))
        if chosen:
            if quote and r.random() < 0.7:
                qn = [k for k in chosen if k in QUOTE_NEG]
                if qn:
                    K["neg"].append(render_quote_neg(C, qn[0]))
                    chosen.remove(qn[0])
            if chosen:
                K["neg"].append(render_negation(C, chosen, reg))
    # distractors
    for kind in C.dist_plan:
        s = render_distractor(C, kind, reg)
        if s is None:
            continue
        if kind in ("other_test", "past_fit"):
            K["ix_extra"].append(s)
        elif kind == "fit_absent":
            K["ix_extra"].append(s)
        elif kind == "hypo":
            K["safety"].append(s)
        elif kind == "family":
            K["fh"].append(s)
        elif kind == "intent_wl":
            K["dist_soc"].append(s)
        else:
            K["dist_hx"].append(s)
    return K


def ix_sentence(C, items, reg, lead=None):
    """Join result fragments into one sentence."""
    if not items:
        return None
    r = C.rng
    if reg == "short":
        return join_segs(items, "; ", prefix=(lead if lead is not None else "Ix: "))
    if lead is None:
        lead = r.choice(["Recent tests show ", "{His} recent results: ", "Investigations so far: ",
                         "Results this month: ", "Results: "])
        lead = lead.replace("{His}", C.P["His"])
    if len(items) == 1:
        return join_segs(items, "", prefix=lead, suffix=".")
    body = join_segs(items[:-1], ", ")
    return join_segs([body, items[-1]], " and ", prefix=lead, suffix=".")


def priority_seg(C, reg):
    p = C.gp_priority
    if p is None:
        return None
    r = C.rng
    P = {
        "urgent_suspected_cancer": (["I would be grateful if {he} could be seen under the suspected cancer (two-week wait) pathway.",
                                     "Priority: 2WW.", "Please see under the urgent suspected cancer pathway.",
                                     "I have marked this as a two week wait referral."],
                                    ["Priority: 2WW", "2WW please", "Urgent suspected cancer referral"]),
        "urgent": (["I would appreciate an urgent appointment, though I do not think this needs the cancer pathway.",
                    "Priority: urgent.", "Could {he} be seen soon, please? I have marked this urgent.",
                    "I would be grateful if {he} could be seen urgently."],
                   ["Priority: urgent", "urgent please", "urgent (not 2WW)"]),
        "routine": (["I would be grateful for a routine appointment.", "Priority: routine.",
                     "There is no particular urgency and a routine appointment would be fine.",
                     "I have sent this as a routine referral."],
                    ["Priority: routine", "routine please", "routine OPA"]),
        "advice_and_guidance": (["I would be grateful for your advice; I am happy to continue managing {him} in primary care if appropriate.",
                                 "This is an advice and guidance request rather than a request for an appointment.",
                                 "Advice only please – I am not sure {he} needs to be seen."],
                                ["A&G request", "advice only please", "Advice & Guidance"]),
    }[p]
    t = r.choice(P[1] if reg == "short" else P[0])
    return mk("<<priority§§%s>>" % t, C.v(), kind="priority")


SUMMARY_IMP = {
    "U1": ("<<summary§dysphagia§dysphagia>> – needs OGD", "dysphagia"),
    "U4": ("<<summary§anaemia,iron_deficiency§IDA>>", None),
    "U7": ("<<summary§jaundice§jaundice>> ?cause", None),
    "O4": ("<<summary§coeliac_serology_positive§?coeliac disease>>", None),
    "A1": ("?IBS", None), "A2": ("?functional upper GI symptoms", None),
    "O3": ("stable <<summary§known_ibd§IBD>>, management question", None),
}


def impression(C):
    r = C.rng
    if C.rule in SUMMARY_IMP and r.random() < 0.8:
        return mk(SUMMARY_IMP[C.rule][0], C.v(), kind="summary")
    path = URG[C.rule][1]
    t = {"lower_gi": ["?colorectal pathology", "needs lower GI investigation"],
         "upper_gi": ["?upper GI pathology", "needs OGD"],
         "hepatology": ["?liver disease", "needs hepatology review"],
         "ibd": ["?inflammatory cause", "needs IBD review"],
         "general_gi": ["?IBS", "?functional", "needs gastro review"]}[path]
    if path == "ibd":
        return mk(r.choice(["?inflammatory cause", "<<summary§inflammatory§?IBD>>"]) if (C.f["calprotectin"] or 0) >= 100 or C.f["bloody_diarrhoea"] or C.f["known_ibd"] else "?inflammatory cause", C.v(), kind="summary")
    return mk(r.choice(t), C.v(), kind="summary")


# ----------------------------------------------------------------------------------
# Headers, openings, sign-offs
# ----------------------------------------------------------------------------------
def header_seg(C, kind):
    r, b = C.rng, C.base
    dob_t = "<<dob§§%s>>" % fmt_date(C.dob, C.dob_fmt)
    ld_t = "<<letter_date§§%s>>" % fmt_date(C.letter_date, C.date_fmt)
    nm = C.full_name
    age_h = ""
    if C.age_form == "header_age":
        age_h = r.choice([" (<<age§§⟨%d⟩ yrs>>)", " (<<age§§⟨%d⟩>>)", ", <<age§§Age: ⟨%d⟩>>"]) % C.f["age"]
    nhs = fmt_nhs(C.nhs, r.randrange(3))
    if kind == "letterhead":
        t = "%s\n%s, %s, %s\nTel: %s   Practice code: %s\n\n%s\n\n%s\nConsultant Gastroenterologist\n%s\n\nRe: %s\nDOB: %s%s   NHS No: %s\n%s" % (
            b["practice"], b["paddr"], b["ptown"], b["ppc"], b["pphone"], b["pcode"], ld_t, b["cons"], b["hosp"],
            nm, dob_t, age_h, nhs, b["addr"])
    elif kind == "compact":
        t = "%s | %s | Tel %s\nDate: %s\n\nPatient: %s | DOB: %s%s | NHS: %s\nAddress: %s\nTo: Gastroenterology, %s" % (
            b["practice"], b["ptown"], b["pphone"], ld_t, nm, dob_t, age_h, nhs, b["addr"], b["hosp"])
    elif kind == "email":
        t = "From: %s <%s>\nTo: Gastroenterology Advice Inbox, %s\nDate: %s\nSubject: %s – %s, DOB %s%s, NHS %s" % (
            C.writer_name, b["email"], b["hosp"], ld_t, r.choice(["advice request", "referral", "query"]), nm, dob_t, age_h, nhs)
    elif kind == "ooh":
        t = "%s Integrated Urgent Care – Out of Hours Service\nClinical base: %s Primary Care Centre\nDate of letter: %s\n\nPatient: %s\nDOB: %s%s    NHS number: %s\nRegistered GP practice: %s\n\nTo: The Gastroenterology Team, %s" % (
            b["ptown"], b["ptown"], ld_t, nm, dob_t, age_h, nhs, b["practice"], b["hosp"])
    elif kind == "dictation":
        t = "%s\n%s, %s %s\n\nOur ref: %s/%s\nDate: %s\n\n%s, Gastroenterology, %s\n\nRE: %s   DOB %s%s   NHS %s\n%s" % (
            b["practice"], b["paddr"], b["ptown"], b["ppc"], b["gp_init"], b["sec_init"], ld_t, b["cons"], b["hosp"],
            nm.upper() if r.random() < 0.5 else nm, dob_t, age_h, nhs, b["addr"])
    else:
        raise ValueError(kind)
    return mk(t, C.v(), kind="header")


def a_an(n):
    return "an" if n in (8, 11, 18) or 80 <= n <= 89 else "a"


def age_ref(C, reg, form=None):
    """Reference to the patient carrying the age (and sex) in the style of the age form."""
    form = form or C.age_form
    a = C.f["age"]
    title = C.base["title"]
    sname = C.base["surname"]
    refname = ("%s %s" % (title, sname)) if title else ("%s %s" % (C.base["first"], sname))
    if form == "yo":
        if reg == "dict":
            return "this <<age§§⟨%s⟩ year old>> %s" % (words(a), C.P["gent"])
        return C.rng.choice(["this <<age§§⟨%d⟩-year-old>> %s" % (a, C.P["gent"]),
                             "this <<age§§⟨%d⟩ year old>> %s" % (a, C.P["man"]),
                             "%s, %s <<age§§⟨%d⟩-year-old>> %s," % (refname, a_an(a), a, C.P["man"])])
    if form == "MF":
        return C.rng.choice(["<<age§§⟨%d⟩%s>>" % (a, C.sex), "<<age§§%s ⟨%d⟩>>" % (C.sex, a)])
    if form == "paren":
        return "%s (<<age§§⟨%d⟩>>)" % (refname, a)
    if form == "aged":
        if reg == "dict":
            return "%s, <<age§§aged ⟨%s⟩>>," % (refname, words(a))
        return "%s, <<age§§aged ⟨%d⟩>>," % (refname, a)
    return refname


def signoff(C, role=None):
    r = C.rng
    w = C.writer_name
    lines = [r.choice(["Yours sincerely,", "Kind regards,", "Yours faithfully,", "With best wishes,"]), "", w]
    if role:
        lines.append(role)
    lines.append(getattr(C, "sign_org", None) or C.base["practice"])
    return "\n".join(lines)


def pmh_para(C, reg, n):
    items = pmh_items(C.rng, C.sex, n, C.f["age"])
    meds = [m for it in items for m in it[2]]
    if reg == "short":
        t = "PMHx: " + ", ".join(it[1] for it in items)
        d = "DH: " + ("; ".join(meds) if meds else "nil regular") + "\nNKDA"
        return [plain(t), plain(d)]
    conds = [it[0] for it in items]
    s1 = C.rng.choice(["{He} also has %s.", "{His} past history includes %s.", "Other problems include %s."]) % olist(conds, "and")
    out = [mk(s1, C.v(), kind="filler")]
    if meds:
        s2 = C.rng.choice(["{His} regular medication is %s.", "{He} takes %s.", "Current medication: %s."]) % olist(meds, "and")
        out.append(mk(s2, C.v(), kind="filler"))
    narr = [c for c in conds if c in PMH_NARR]
    C.rng.shuffle(narr)
    for c in narr[:getattr(C, "fill_narr", 0)]:
        out.append(mk(C.rng.choice(PMH_NARR[c]), C.v(), kind="filler"))
    return out


def social(C, n):
    a = C.f["age"]
    pool = [s for s in SOCIAL if s[2] <= a <= s[3]]
    if getattr(C, "housebound", False):
        pool = [s for s in pool if not any(b in s[0] for b in HOUSEBOUND_BAN)]
    C.rng.shuffle(pool)
    used = C.__dict__.setdefault("soc_groups", set())
    out = []
    for t, g, lo, hi in pool:
        if len(out) >= n:
            break
        if g in used:
            continue
        used.add(g)
        out.append(mk(t, C.v(), kind="filler"))
    k = getattr(C, "fill_misc", 0)
    if k:
        used_m = C.__dict__.setdefault("misc_used", set())
        mp = [t for t, lo, hi in MISC if lo <= a <= hi and t not in used_m and
              not (getattr(C, "housebound", False) and any(b in t for b in ("holiday", "charity walk", "new job", "gardener")))]
        for t in C.rng.sample(mp, min(k, len(mp))):
            used_m.add(t)
            out.append(mk(t, C.v(), kind="filler"))
        C.fill_misc = 0
    return out


HOUSEBOUND_BAN = ("cyclist", "allotment", "choir", "food bank", "walks most days", "works full time", "student",
                  "redundant", "grandchildren after school", "lifts to appointments", "shared house", "young children",
                  "Open University", "call centre")
ADMIN_OLD = ("hard of hearing", "caring commitments", "Hospital transport")


def admin(C, n):
    pool = [t for t in ADMIN if not (C.f["age"] < 60 and any(b in t for b in ADMIN_OLD))]
    if getattr(C, "housebound", False):
        pool = [t for t in pool if "abroad" not in t]
    return filler(C, pool, n)


def prev_refs(C, n):
    a = C.f["age"]
    pool = [t for t, lo in PREV if lo <= a]
    used = C.__dict__.setdefault("prev_used", set())
    pool = [t for t in pool if t not in used]
    picks = C.rng.sample(pool, min(n, len(pool)))
    used.update(picks)
    return [mk(t, C.v(), kind="filler") for t in picks]


# ----------------------------------------------------------------------------------
# Style building blocks
# ----------------------------------------------------------------------------------
def P_(*segs):
    out = []
    for s in segs:
        if s is None:
            continue
        if isinstance(s, list):
            out.extend(x for x in s if x is not None)
        else:
            out.append(s)
    return out


def combine_neg_pos(C, neg, pos):
    """'She has not lost weight; however, she has ...' / 'He denies X, but ...'"""
    if pos.text.startswith("\"") or neg.text.startswith("\"") or not neg.text.endswith("."):
        return None
    lp = lower_first(pos)
    if lp.text == pos.text and pos.text[:1].isupper():
        return None
    j = C.rng.choice(["; however, ", ", but ", ". However, "])
    if j == ". However, ":
        return join_segs([neg, pos], " ", prefix="")
    n2 = strip_stop(neg)
    return join_segs([n2, lp], j)


def hpc_block(C, K, with_neg=True, opening=None):
    r = C.rng
    hpc = list(K["hpc"])
    negs = list(K["neg"]) if with_neg else []
    out = []
    if opening is not None:
        out.append(opening)
    cand = [i for i, s in enumerate(hpc) if not any(sp.get("fact") == "ppi" for sp in s.spans)]
    if negs and cand and r.random() < 0.35:
        # negation then positive in one sentence (scope must stop at the conjunction); order kept
        i = r.choice(cand)
        cm = combine_neg_pos(C, negs[0], hpc[i])
        if cm is not None:
            negs.pop(0)
            hpc[i] = cm
    out.extend(hpc)
    out.extend(negs)
    out.extend(K["dist_hx"])
    return out


def exam_block(C, K, reg, lead=True):
    r = C.rng
    segs = []
    ef = filler(C, EXAM_FILLER, r.choice([1, 2]), bp="%d/%d" % (r.randint(118, 156), r.randint(68, 92)), pulse=r.randint(62, 94))
    if not K["exam"] and not K["exam_neg"]:
        if r.random() < 0.5:
            return []
    segs.extend(ef)
    segs.extend(K["exam"])
    segs.extend(K["exam_neg"])
    if lead and segs:
        segs[0] = join_segs([lower_first(segs[0])], "", prefix=r.choice(["On examination, ", "When I examined {him}, ".replace("{him}", C.P["him"]), "Examination: "]))
    return segs


def ix_block(C, K, reg):
    s = ix_sentence(C, K["ix"], reg)
    return P_(s, K["ix_extra"])


def plan_block(C, K, reg, ice=True):
    r = C.rng
    out = list(K["question"])
    if not K["question"] and r.random() < 0.5 and C.gp_priority != "advice_and_guidance":
        out.append(plain(r.choice(["I would be grateful for your assessment and further investigation as you see fit.",
                                   "I would value your opinion on the next steps.",
                                   "I would be grateful if you could see {him} and arrange whatever tests you feel are appropriate."]).replace("{him}", C.P["him"])))
    if (C.rule == "A1" or (C.rule == "D" and C.extra.get("dsub") in ("young_pain", "cibh_50s"))) and r.random() < 0.6:
        out.append(plain(r.choice(["My working diagnosis is ?IBS, but I would value your view.",
                                   "Working diagnosis: ?IBS.", "I wonder about IBS (?IBS) but would appreciate your opinion."])))
    out.append(priority_seg(C, reg))
    out.extend(K["safety"])
    if ice and r.random() < 0.6:
        out.extend(filler(C, ICE, 1))
    return P_(out)


def take_decisive(C, K, prefer=("hpc", "exam", "ix", "bg", "question")):
    """Remove and return (where, seg) for one deciding seg."""
    r = C.rng
    cands = []
    for where in prefer:
        for i, s in enumerate(K[where]):
            if s.decisive:
                cands.append((where, i))
    if not cands:
        return None, None
    where, i = r.choice(cands)
    return where, K[where].pop(i)


def late_sentence(C, where, seg, mode):
    """Wrap a deciding seg for a late position (P.S. / second problem / end of exam)."""
    r = C.rng
    him, he, He = C.P["him"], C.P["he"], C.P["He"]
    if where == "ix":
        if mode == "ps":
            lead = r.choice(["P.S. A result has come back since I wrote this: ", "P.S. I have just seen the latest result: "])
        elif mode == "second":
            lead = r.choice(["While I have you, I should mention a result: ", "Separately, the practice also checked "])
        else:
            lead = r.choice(["Investigations: ", "Among the results: "])
        return join_segs([seg], "", prefix=lead, suffix=".")
    if seg.text.startswith("\""):
        pre = {"ps": "P.S. One more thing {he} told me: ", "second": "While I have you, there is a second problem. ",
               "late": "On direct questioning at the end of the consultation: "}[mode]
        return join_segs([seg], "", prefix=pre.replace("{he}", he))
    if mode == "ps":
        pre = r.choice(["P.S. I forgot to mention that ", "P.S. I meant to say that ", "P.S. Importantly, "])
        if where == "exam":
            pre = r.choice(["P.S. I re-examined %s before %s left: " % (him, he), "P.S. On examination, "])
    elif mode == "second":
        pre = r.choice(["While I have you, ", "There is also a second issue: ", "Separately, and perhaps more importantly, "])
    else:
        pre = r.choice(["On direct questioning at the end of the consultation, ", "Only at the end of the appointment did it emerge that ",
                        "Almost as an afterthought, "]) if where != "exam" else r.choice(["At the end of the consultation I examined %s: " % him,
                                                                                        "Examining %s again before %s left: " % (him, he)])
    if where == "exam":
        for lead in ("On examination, ", "On examination "):
            if seg.text.startswith(lead):
                seg = Seg(seg.text[len(lead):], seg.kind, seg.spans, seg.decisive, seg.tags)
                break
    return join_segs([lower_first(seg)], "", prefix=pre)


# ----------------------------------------------------------------------------------
# Styles.  Each returns a list of blocks: a Seg / list of Segs is a paragraph; a str is a
# literal block; ("lines", [...]) joins with new lines.
# ----------------------------------------------------------------------------------
def salutation(C):
    cons = C.base["cons"]
    short = "Dr " + cons.split()[-1]
    return C.rng.choice(["Dear %s," % short, "Dear Colleague,", "Dear %s," % short, "Dear Gastroenterology Team,"])


def opening_seg(C, reg, lead=None):
    r = C.rng
    ar = age_ref(C, reg)
    wd = r.choice(["this week", "on %s" % WEEKDAYS[r.randrange(5)], "in surgery today", "recently"])
    t = lead or r.choice(["Thank you for seeing %s, whom I saw %s." % (ar, wd),
                          "I would be grateful if you could see %s, who came to see me %s." % (ar, wd),
                          "I am writing about %s, whom I reviewed %s." % (ar, wd),
                          "Please could you see %s." % ar])
    t = t.replace(",,", ",").replace(", whom", ", whom").replace(",.", ".")
    return mk(t, C.v(), kind="opening")


def style_narrative(C, reg, fill, mode=None, top=None, role=None, opening=None, exam_mode=True):
    r = C.rng
    K = build_content(C, reg, quote=(C.style == "patient_voice"))
    late = []
    if mode in ("ps", "second", "late"):
        nmove = 1 if mode == "ps" else r.choice([1, 2])
        for _ in range(nmove):
            where, seg = take_decisive(C, K)
            if seg is not None:
                late.append(late_sentence(C, where, seg, mode))
    blocks = [header_seg(C, C.header_kind), salutation(C)]
    if top:
        blocks.append(top)
    op = opening_seg(C, reg) if opening is None else (None if opening is False else opening)
    blocks.append(hpc_block(C, K, opening=op))
    soc_n, pmh_n, prev_n, adm_n = fill
    blocks.append(P_(pmh_para(C, reg, pmh_n), K["bg"], prev_refs(C, prev_n)))
    blocks.append(P_(social(C, soc_n), K["dist_soc"], K["fh"]))
    ex = exam_block(C, K, reg)
    ixb = ix_block(C, K, reg)
    if mode == "late":
        blocks.append(P_(late))
        late = []
    if ex:
        blocks.append(ex)
    if ixb:
        blocks.append(ixb)
    if mode == "second" and late:
        blocks.append(P_(late))
        late = []
    blocks.append(P_(plan_block(C, K, reg), admin(C, adm_n)))
    blocks.append(P_(filler(C, CLOSING, 1)))
    blocks.append(signoff(C, role))
    if mode == "ps" and late:
        blocks.append(P_(late))
    return blocks


SOCIAL_SHORT = ["lives alone", "lives with {partner}", "ex-smoker", "never smoked", "ETOH ~{units}u/wk", "retired {job}",
                "works as {job}", "carers TDS", "independent with ADLs", "drives", "uses walker", "main carer for {partner}"]
ED_REASONS = ["a fall at home", "a chest infection", "palpitations", "a urine infection", "a dizzy spell",
              "a cut to the hand that needed glue", "a sprained ankle", "an allergic rash"]
REREF_TOPS = [
    "You kindly saw {him} in {year} for a colonoscopy that removed two small polyps, after which {he} was discharged with no further surveillance.",
    "You may remember {him} from {year}, when {he} was referred with gallstones and went on to have a cholecystectomy.",
    "Your team saw {him} in {year} about an incidental small liver cyst on a scan, which you kindly reassured us about.",
]


def style_apology(C, fill):
    top = P_(filler(C, APOLOGY, 2))
    return style_narrative(C, "prose", fill, top=top)


def style_anp(C, fill):
    r = C.rng
    ar = age_ref(C, "prose")
    op = mk("I am one of the Advanced Nurse Practitioners at %s, and I saw %s in my same-day clinic on %s." % (
        C.base["practice"], ar, WEEKDAYS[r.randrange(5)]), C.v(), kind="opening")
    top = None
    blocks = style_narrative(C, "prose", fill, opening=op, role=None)
    blocks.insert(-1, P_(plain("I discussed %s with %s, the duty GP, who agreed with this referral." % (C.P["him"], C.base["gp"]))))
    return blocks


def style_pa(C, fill):
    r = C.rng
    ar = age_ref(C, "prose")
    op = mk("I am a Physician Associate at %s, working under the supervision of %s. I reviewed %s on %s." % (
        C.base["practice"], C.base["gp"], ar, WEEKDAYS[r.randrange(5)]), C.v(), kind="opening")
    blocks = style_narrative(C, "prose", fill, opening=op)
    blocks.insert(-1, P_(plain("%s has reviewed this letter and is happy for it to be sent." % C.base["gp"])))
    return blocks


def style_pharmacist(C, fill):
    r = C.rng
    ar = age_ref(C, "prose")
    op = mk("I am the clinical pharmacist at %s. I carried out a structured medication review with %s on %s, and %s asked me to write to you about what came up." % (
        C.base["practice"], ar, WEEKDAYS[r.randrange(5)], C.base["gp"]), C.v(), kind="opening")
    meds = pmh_items(r, C.sex, 3, C.f["age"])
    mtxt = []
    for cond, _, ms in meds:
        if ms:
            mtxt.append(mk("For %s {he} takes %s, and we checked that {he} is taking it as intended." % (cond, olist(ms, "and")), C.v(), kind="filler"))
        else:
            mtxt.append(mk("{He} also has %s, which needs no regular medication." % cond, C.v(), kind="filler"))
    mtxt.append(mk(r.choice(["{He} uses a weekly dosette box filled by the community pharmacy.",
                             "{He} manages {his} own medicines and has a good understanding of them.",
                             "We stopped an old prescription for naproxen that {he} no longer uses."]), C.v(), kind="filler"))
    return _pharm_blocks(C, fill, op, mtxt)


def _pharm_blocks(C, fill, op, top):
    K = build_content(C, "prose")
    blocks = [header_seg(C, C.header_kind), salutation(C), P_(op, top)]
    lead = ("During the review %s mentioned several symptoms." % C.P["he"]) if K["hpc"] else \
        "The review included routine blood tests, and %s asked me to pass on the results below." % C.base["gp"]
    blocks.append(hpc_block(C, K, opening=plain(lead)))
    blocks.append(P_(K["bg"], prev_refs(C, fill[2]), social(C, fill[0]), K["dist_soc"], K["fh"]))
    ex = exam_block(C, K, "prose", lead=False)
    if ex:
        blocks.append(P_(join_segs([lower_first(ex[0])], "", prefix="%s examined %s the same day: " % (C.base["gp"], C.P["him"])), ex[1:]))
    blocks.append(ix_block(C, K, "prose"))
    blocks.append(P_(plan_block(C, K, "prose"), admin(C, fill[3])))
    blocks.append(signoff(C, None))
    return blocks


def style_ooh(C, fill):
    r = C.rng
    ar = age_ref(C, "prose")
    day = r.choice(["Saturday evening", "Sunday morning", "Friday night", "a bank holiday Monday"])
    op = mk("I saw %s at the out-of-hours centre on %s. This is not an emergency referral: %s was well enough to go home and did not need admission." % (
        ar, day, C.P["he"]), C.v(), kind="opening")
    C.header_kind = "ooh"
    C.sign_org = "%s Out of Hours Service" % C.base["ptown"]
    blocks = style_narrative(C, "prose", fill, opening=op)
    blocks.insert(-1, P_(plain("I have asked %s to book a follow-up with %s own practice, and a copy of this letter goes to %s." % (
        C.P["him"], C.P["his"], C.base["practice"]))))
    return blocks


def style_matron(C, fill):
    r = C.rng
    ar = age_ref(C, "prose")
    C.housebound = True
    why = "who is housebound" if C.f["age"] >= 65 else r.choice(["who has been largely housebound since a spinal cord injury",
                                                                  "who is housebound with severe ME/CFS",
                                                                  "who is housebound because of severe agoraphobia"])
    op = mk("I am the community matron for %s, %s, and I visited %s at home on %s." % (ar, why, C.P["him"], WEEKDAYS[r.randrange(5)]), C.v(), kind="opening")
    top = [mk(r.choice(["Carers visit four times a day and {his} {child} calls in every evening.",
                        "{He} lives alone with a package of care and a pendant alarm.",
                        "{He} has not left the house since a hospital admission with pneumonia in the winter."] if C.f["age"] >= 65 else
                       ["{He} has a personal assistant who visits every weekday.", "{His} {partner} is {his} main carer."]), C.v(), kind="filler"),
           mk(r.choice(["The district nurses also visit twice a week for leg ulcer dressings.",
                        "The district nurses visit weekly for a catheter review.",
                        "Occupational therapy has recently fitted rails and a raised toilet seat."]), C.v(), kind="filler")]
    if "ulcer" in top[1].text:
        if C.f["anal_ulceration"]:
            top[1] = plain("The district nurses visit weekly for a catheter review.")
        else:
            top[1] = mk("<<other_site§§The district nurses also visit twice a week for leg ulcer dressings>>.", C.v(), kind="dist")
    C.__dict__.setdefault("soc_groups", set()).add("living")
    blocks = style_narrative(C, "prose", fill, opening=op, top=None)
    blocks.insert(3, P_(top))
    return blocks


def style_rereferral(C, fill):
    r = C.rng
    ar = age_ref(C, "prose")
    top = [mk(r.choice(REREF_TOPS), C.v(year=r.randint(2015, 2022)), kind="filler"),
           plain(r.choice(["I am writing again because of a new problem.", "I am re-referring %s now with something different." % C.P["him"]]))]
    op = mk("I am writing about %s." % ar, C.v(), kind="opening")
    return style_narrative(C, "prose", fill, top=P_([op] + top), opening=False)


def style_patient_voice(C, fill):
    return style_narrative(C, "prose", fill)


def style_carer(C, fill):
    r = C.rng
    K = build_content(C, "prose")
    inf = r.choice(["{His} {child}", "{His} {partner}", "{His} main carer"])
    inf_t = mk(inf, C.v(), kind="filler").text
    hp = []
    for i, s in enumerate(K["hpc"]):
        if r.random() < 0.65:
            if s.text.startswith("\""):
                hp.append(join_segs([s], "", prefix="%s adds: " % inf_t))
            else:
                lead = r.choice(["%s tells me that " % inf_t, "According to %s, " % inf_t.lower(), "%s has noticed that " % inf_t])
                hp.append(join_segs([lower_first(s)], "", prefix=lead))
        else:
            hp.append(s)
    K["hpc"] = hp
    ar = age_ref(C, "prose")
    who = inf_t.lower()
    op = mk(("I saw %s this week with %s, who gave most of the history." % (ar, who)) if K["hpc"] else
            ("I saw %s this week; %s came too." % (ar, who)), C.v(), kind="opening")
    blocks = [header_seg(C, C.header_kind), salutation(C), hpc_block(C, K, opening=op)]
    blocks.append(P_(pmh_para(C, "prose", fill[1]), K["bg"], prev_refs(C, fill[2])))
    blocks.append(P_(social(C, fill[0]), K["dist_soc"], K["fh"]))
    ex = exam_block(C, K, "prose")
    if ex:
        blocks.append(ex)
    blocks.append(ix_block(C, K, "prose"))
    blocks.append(P_(plan_block(C, K, "prose"), admin(C, fill[3])))
    blocks.append(signoff(C))
    return blocks


def style_timeline(C, fill):
    r = C.rng
    C.neutral_dur = True
    K = build_content(C, "prose")
    C.neutral_dur = False
    ld = C.letter_date
    months = [MONTHS[(ld.month - k - 1) % 12] for k in (5, 4, 3, 2, 1)]
    hp = []
    for i, s in enumerate(K["hpc"]):
        m = months[min(i, 4)]
        if s.text.startswith("\"") or not s.text[:1].isupper() or \
                re.search(r"came back|come back|last week|vomit|haematemesis|prazole|despite", s.text):
            hp.append(s)
        else:
            hp.append(join_segs([lower_first(s)], "", prefix=r.choice(["Since %s, ", "Since early %s, ", "Since %s, "]) % m))
    K["hpc"] = hp
    ar = age_ref(C, "prose")
    op = mk("I am referring %s, and it may help to set out how things have developed over the last few months." % ar, C.v(), kind="opening")
    blocks = [header_seg(C, C.header_kind), salutation(C), hpc_block(C, K, opening=op)]
    blocks.append(P_(pmh_para(C, "prose", fill[1]), K["bg"], prev_refs(C, fill[2])))
    blocks.append(P_(social(C, fill[0]), K["dist_soc"], K["fh"]))
    ex = exam_block(C, K, "prose")
    if ex:
        blocks.append(ex)
    ixs = ix_sentence(C, K["ix"], "prose", lead="Most recently, the bloods and tests show ")
    blocks.append(P_(ixs, K["ix_extra"]))
    blocks.append(P_(plan_block(C, K, "prose"), admin(C, fill[3])))
    blocks.append(signoff(C))
    return blocks


def style_post_ae(C, fill):
    r = C.rng
    K = build_content(C, "prose")
    ar = age_ref(C, "prose")
    ed = C.letter_date - dt.timedelta(days=r.randint(7, 28))
    op = mk("%s attended the Emergency Department at %s on %s after %s." % (cap(ar) if not ar.startswith("this") else "This " + ar[5:], C.base["hosp"],
                                                                         fmt_date(ed, "long"), r.choice(ED_REASONS)), C.v(), kind="opening")
    ed2 = plain(r.choice(["The discharge summary says %s was observed for a few hours and sent home without needing treatment." % C.P["he"],
                          "According to the ED summary %s was assessed, reassured and discharged the same evening." % C.P["he"],
                          "%s was discharged from the department the same day with no follow-up arranged." % C.P["He"]]))
    K["ix"] = [s for s in K["ix"] if "coeliac" not in s.text or s.kind != "normal"]
    ixs = ix_sentence(C, K["ix"], "prose", lead=r.choice(["Bloods taken in the department showed ", "The ED blood tests showed "]))
    blocks = [header_seg(C, C.header_kind), salutation(C), P_(op, ed2, ixs)]
    blocks.append(hpc_block(C, K, opening=plain(r.choice(["I saw %s at the surgery afterwards to follow this up." % C.P["him"],
                                                          "When I reviewed %s at the practice this week, %s was well." % (C.P["him"], C.P["he"])]))))
    if K["ix_extra"]:
        blocks.append(P_(K["ix_extra"]))
    blocks.append(P_(pmh_para(C, "prose", fill[1]), K["bg"], social(C, fill[0]), K["dist_soc"], K["fh"]))
    ex = exam_block(C, K, "prose")
    if ex:
        blocks.append(ex)
    blocks.append(P_(plan_block(C, K, "prose"), admin(C, fill[3])))
    blocks.append(signoff(C))
    return blocks


def style_colleague(C, fill):
    """Written on behalf of an absent colleague, partly quoting the colleague's shorthand notes."""
    r = C.rng
    notes = r.random() < 0.6
    K = build_content(C, "short" if notes else "prose")
    ar = age_ref(C, "prose")
    col = C.base["gp2"]
    op = mk("I am writing on behalf of my colleague %s, who saw %s and is now on annual leave. I have put this together from the consultation notes and %s results." % (
        col, ar, C.P["his"]), C.v(), kind="opening")
    blocks = [header_seg(C, C.header_kind), salutation(C)]
    if notes:
        blocks.append(P_(op))
        lines = [plain("%s's notes read:" % col)]
        if K["hpc"]:
            lines.append(join_segs(K["hpc"], "; ", prefix="c/o "))
        lines.extend(K["neg"])
        lines.extend(K["dist_hx"])
        ex = K["exam"] + K["exam_neg"]
        if ex:
            lines.append(join_segs(ex, ", ", prefix="O/E: "))
        ixs = ix_sentence(C, K["ix"], "short")
        if ixs:
            lines.append(ixs)
        lines.extend(K["ix_extra"])
        lines.append(join_segs([impression(C)], "", prefix="Imp: "))
        blocks.append(("lines", lines))
        blocks.append(P_(pmh_para(C, "prose", fill[1]), K["bg"], prev_refs(C, fill[2])))
        blocks.append(P_(social(C, fill[0]), K["dist_soc"], K["fh"]))
    else:
        blocks.append(hpc_block(C, K, opening=op))
        blocks.append(P_(pmh_para(C, "prose", fill[1]), K["bg"], prev_refs(C, fill[2])))
        blocks.append(P_(social(C, fill[0]), K["dist_soc"], K["fh"]))
        ex = exam_block(C, K, "prose", lead=False)
        if ex:
            blocks.append(P_(join_segs([lower_first(ex[0])], "", prefix="%s documented the examination: " % col), ex[1:]))
        blocks.append(ix_block(C, K, "prose"))
    blocks.append(P_(plan_block(C, K, "prose"), admin(C, fill[3])))
    blocks.append(signoff(C))
    return blocks


def style_locum(C, fill):
    """A locum's brief note, half in shorthand."""
    r = C.rng
    K = build_content(C, "short")
    ar = age_ref(C, "short")
    lines = [mk(r.choice(["Seen today: %s." % ar, "%s, seen today as an extra." % ar]), C.v(), kind="opening")]
    if K["hpc"]:
        lines.append(join_segs(K["hpc"], "; ", prefix=r.choice(["c/o ", "Hx: ", ""])))
    lines.extend(K["neg"][:1])
    lines.extend(K["dist_hx"][:1])
    ex = K["exam"] + K["exam_neg"][:1]
    if ex:
        lines.append(join_segs(ex, ", ", prefix="O/E: "))
    ixs = ix_sentence(C, K["ix"], "short")
    if ixs:
        lines.append(ixs)
    lines.extend(K["ix_extra"])
    lines.extend(K["bg"])
    lines.extend(K["fh"][:1])
    lines.append(join_segs([impression(C)], "", prefix="Imp: "))
    plan = P_(K["question"], priority_seg(C, "short"), K["safety"][:1])
    lines.append(join_segs(plan, "; ", prefix="Plan: ") if plan else plain("Plan: please see and advise"))
    return [header_seg(C, "compact"), "Dear Colleague,", ("lines", lines), "Thanks,\n%s (locum GP)" % C.writer_name]


def style_email(C, fill):
    r = C.rng
    K = build_content(C, "prose")
    ar = age_ref(C, "prose")
    op = mk(r.choice(["Could I ask your advice about %s?" % ar, "I'd value your thoughts on %s." % ar,
                      "I'm writing about %s." % ar]), C.v(), kind="opening")
    blocks = [header_seg(C, "email"), "Hi team,", hpc_block(C, K, opening=op)]
    blocks.append(P_(K["bg"], pmh_para(C, "prose", max(1, fill[1] - 1)), K["fh"], social(C, 1), K["dist_soc"]))
    ex = exam_block(C, K, "prose")
    if ex:
        blocks.append(ex)
    blocks.append(ix_block(C, K, "prose"))
    blocks.append(P_(plan_block(C, K, "prose", ice=False)))
    blocks.append("Thanks,\n%s\n%s" % (C.writer_name, C.base["practice"]))
    return blocks


def short_lines(C, K, fill):
    """Shorthand body lines (shared by shorthand and SOAP styles)."""
    r = C.rng
    pool = [x for x in SOCIAL_SHORT if not (C.f["age"] < 62 and x.startswith("retired")) and
            not (C.f["age"] < 65 and x in ("carers TDS", "uses walker")) and not (C.f["age"] > 66 and x.startswith("works"))]
    picks = r.sample(pool, fill[0])
    if "lives alone" in picks and any("{partner}" in x for x in picks):
        picks = [x for x in picks if "{partner}" not in x]
    soc = "SHx: " + ", ".join(mk(x, C.v(), kind="filler").text for x in picks)
    return soc


def style_shorthand(C, fill):
    r = C.rng
    K = build_content(C, "short")
    ar = age_ref(C, "short", form="MF" if C.age_form not in ("dob_only", "header_age") else C.age_form)
    head = mk(ar, C.v(), kind="opening")
    hpc = K["hpc"]
    line1 = join_segs([head, join_segs(hpc, "; ")], r.choice([" – c/o ", ": "]) if C.age_form != "MF" else r.choice([" – c/o ", ": ", " "])) if hpc else head
    lines = [line1]
    lines.extend(K["neg"])
    lines.extend(K["dist_hx"])
    lines.extend(pmh_para(C, "short", fill[1]))
    if K["bg"]:
        lines.append(join_segs(K["bg"], "; "))
    lines.append(plain(short_lines(C, K, fill)))
    lines.extend(K["dist_soc"])
    if K["fh"]:
        lines.append(join_segs(K["fh"], "; ", prefix="" if K["fh"][0].text.startswith("FHx") else "FHx: "))
    ex = K["exam"] + K["exam_neg"]
    if ex:
        lines.append(join_segs(ex, ", ", prefix="O/E: "))
    ixs = ix_sentence(C, K["ix"], "short")
    if ixs:
        lines.append(ixs)
    lines.extend(K["ix_extra"])
    lines.append(join_segs([impression(C)], "", prefix="Imp: "))
    plan = P_(K["question"], priority_seg(C, "short"), K["safety"])
    lines.append(join_segs(plan, "; ", prefix="Plan: ") if plan else plain("Plan: please see"))
    return [header_seg(C, "compact"), ("lines", lines), C.writer_name]


def style_soap(C, fill):
    r = C.rng
    K = build_content(C, "short")
    ar = age_ref(C, "short", form="MF" if C.age_form not in ("dob_only", "header_age") else C.age_form)
    S = join_segs([mk(ar, C.v(), kind="opening")] + K["hpc"], "; ", prefix="S: ")
    lines = [S] + K["neg"] + K["dist_hx"] + pmh_para(C, "short", fill[1])
    if K["bg"]:
        lines.append(join_segs(K["bg"], "; "))
    lines.append(plain(short_lines(C, K, fill)))
    lines.extend(K["dist_soc"])
    if K["fh"]:
        lines.append(join_segs(K["fh"], "; ", prefix="" if K["fh"][0].text.startswith("FHx") else "FHx: "))
    o = K["exam"] + K["exam_neg"]
    lines.append(join_segs(o, ", ", prefix="O: ") if o else plain("O: obs stable"))
    ixs = ix_sentence(C, K["ix"], "short", lead="   Ix: ")
    if ixs:
        lines.append(ixs)
    lines.extend(K["ix_extra"])
    lines.append(join_segs([impression(C)], "", prefix="A: "))
    plan = P_(K["question"], priority_seg(C, "short"), K["safety"])
    lines.append(join_segs(plan, "; ", prefix="P: ") if plan else plain("P: refer"))
    return [header_seg(C, "compact"), "Referral – consultation note (SOAP) attached as letter", ("lines", lines), C.writer_name]


def style_registrar(C, fill):
    r = C.rng
    K = build_content(C, "prose")
    ar = age_ref(C, "prose")
    L = []
    L.append(mk("I saw %s in my clinic and have set out the history using my trainer's template." % ar, C.v(), kind="opening"))
    blocks = [header_seg(C, C.header_kind), salutation(C), P_(L)]
    blocks.append(("lines", [plain("History:")]))
    blocks.append(hpc_block(C, K))
    blocks.append(("lines", [plain("Ideas, concerns and expectations:")] + filler(C, ICE, 1)))
    blocks.append(("lines", [plain("Past medical history and drug history:")]))
    blocks.append(P_(pmh_para(C, "prose", fill[1]), K["bg"], plain("Allergies: NKDA.")))
    blocks.append(("lines", [plain("Social history:")]))
    blocks.append(P_(social(C, fill[0]), K["dist_soc"]))
    if K["fh"]:
        blocks.append(("lines", [plain("FH:")] + K["fh"]))
    ex = exam_block(C, K, "prose", lead=False)
    if ex:
        blocks.append(("lines", [plain("Examination:")]))
        blocks.append(ex)
    ixb = ix_block(C, K, "prose")
    if ixb:
        blocks.append(("lines", [plain("Investigations:")]))
        blocks.append(ixb)
    blocks.append(("lines", [join_segs([impression(C)], "", prefix="Impression: ")]))
    blocks.append(("lines", [plain("Plan:")]))
    K["question"] = K["question"]
    blocks.append(P_(plan_block(C, K, "prose", ice=False), admin(C, fill[3])))
    blocks.append(P_(plain("I discussed %s with my trainer, %s, who agrees with this referral." % (C.P["him"], C.base["gp"]))))
    blocks.append(signoff(C, None))
    return blocks


def style_dictation(C, fill, runon=False):
    K = build_content(C, "dict")
    r = C.rng
    ar = age_ref(C, "dict")
    op = mk(r.choice(["Thank you for seeing %s whom I saw in surgery this week." % ar,
                      "I would be grateful if you could see %s." % ar]), C.v(), kind="opening")
    blocks = [header_seg(C, "dictation"), salutation(C), hpc_block(C, K, opening=op)]
    blocks.append(P_(pmh_para(C, "prose", fill[1]), K["bg"], prev_refs(C, fill[2])))
    blocks.append(P_(social(C, fill[0]), K["dist_soc"], K["fh"]))
    ex = exam_block(C, K, "dict")
    if ex:
        blocks.append(ex)
    blocks.append(P_(ix_sentence(C, K["ix"], "dict", lead=r.choice(["Blood tests show ", "Recent results show "])), K["ix_extra"]))
    blocks.append(P_(plan_block(C, K, "prose"), admin(C, fill[3]), filler(C, CLOSING, 1)))
    if runon:
        # merge the middle paragraphs into one long run-on block
        mid = []
        for b in blocks[2:]:
            mid.extend(b if isinstance(b, list) else [b])
        blocks = blocks[:2] + [mid]
    blocks.append(signoff(C))
    blocks.append(r.choice(["Dictated but not read", "Dictated but not read – sent unsigned to avoid delay",
                            "Dictated by %s, typed by %s. Not checked by the author." % (C.writer_name, C.base["sec"])]))
    return blocks


STYLES = {
    "narrative_classic": lambda C, fl: style_narrative(C, "prose", fl),
    "narrative_ps": lambda C, fl: style_narrative(C, "prose", fl, mode="ps"),
    "narrative_exam_late": lambda C, fl: style_narrative(C, "prose", fl, mode="late"),
    "narrative_second_problem": lambda C, fl: style_narrative(C, "prose", fl, mode="second"),
    "apology_delay": style_apology,
    "dictation_sr": lambda C, fl: style_dictation(C, fl),
    "dictation_runon": lambda C, fl: style_dictation(C, fl, runon=True),
    "anp": style_anp,
    "physician_associate": style_pa,
    "pharmacist": style_pharmacist,
    "ooh_gp": style_ooh,
    "registrar_template": style_registrar,
    "community_matron": style_matron,
    "locum_brief": style_locum,
    "post_ae": style_post_ae,
    "shorthand_notes": style_shorthand,
    "soap_notes": style_soap,
    "patient_voice": style_patient_voice,
    "carer_informant": style_carer,
    "timeline": style_timeline,
    "rereferral": style_rereferral,
    "email_advice": style_email,
    "colleague_handover": style_colleague,
}
SHORT_STYLES = {"locum_brief", "shorthand_notes", "soap_notes", "email_advice"}


# ----------------------------------------------------------------------------------
# Scenario drawing: clinical facts for an intended rule.  The draw is kept only if the
# generator's rule function gives that rule under every careful reading (robust_rule).
# ----------------------------------------------------------------------------------
RULE_COUNTS = [("U1", 12), ("U2", 10), ("U3", 12), ("U4", 12), ("U5", 11), ("U6", 10), ("U7", 11), ("U8", 12),
               ("R1", 16), ("R2", 15), ("R3", 14),
               ("O1", 17), ("O2", 17), ("O4", 17), ("O5", 18), ("O6", 18), ("D", 18),
               ("O3", 15), ("A1", 15), ("A2", 15), ("A3", 15)]
# forced boundary variants: (rule, variant) applied to the first letters of that rule
BOUNDARY = {
    "U5": ["age55_just", "age55_just"], "A2": ["age54_soon", "age54_soon"], "U7": ["age40_just"],
    "U8": ["rb50_just", "cibh60_just"] + ["rb", "wl", "cibh"] * 4,
    "D": ["jaundice39_soon", "rb49_soon", "cibh59_soon", "dysp_noppi", "dysp_shortppi", "cibh_50s", "young_pain",
          "young_rb", "anaemia_only", "irondef_only", "wl_only", "reflux_old", "young_pain", "dysp_shortppi",
          "anaemia_only", "irondef_only", "dysp_noppi", "anaemia_only"],
    "A1": ["age49_soon"], "O6": ["age50_just"], "O1": ["age55_just"], "U4": ["hb_boundary_m", "hb_boundary_f"],
}
D_SUBS = ["dysp_noppi", "dysp_shortppi", "cibh_50s", "young_pain", "young_rb", "anaemia_only", "irondef_only",
          "wl_only", "reflux_old", "jaundice_young", "young_pain", "dysp_shortppi", "cibh_50s", "anaemia_only",
          "irondef_only", "young_rb", "dysp_noppi", "reflux_old"]


def set_ppi(f, ex, r, ld, long, reg_dict=False):
    ex["ppi_drug"] = r.choice(PPI_DRUGS)
    if long:
        form = r.choice(["since_month", "since_month", "weeks", "slash52", "months"])
        if form == "since_month":
            for k in (2, 3, 4, 5):
                k2 = k + r.choice([0, 0, 1])
                y, m = ld.year, ld.month - k2
                while m <= 0:
                    m += 12
                    y -= 1
                qual = r.choice(["early", "mid", "late"]) if k2 > 2 else r.choice(["early", "mid"])
                day = {"early": 5, "mid": 15, "late": 25}[qual]
                start = dt.date(y, m, day)
                w = (ld - start).days / 7.0
                if w >= 6:
                    break
            ex.update(ppi_form="since_month", ppi_qual=qual, ppi_start=start)
            f["ppi_weeks"] = round(w, 1)
        elif form == "weeks":
            n = r.choice([6, 8, 10, 12, 16])
            ex.update(ppi_form="weeks", ppi_n=n)
            f["ppi_weeks"] = n
        elif form == "slash52":
            n = r.choice([6, 8, 10, 12])
            ex.update(ppi_form="slash52", ppi_n=n)
            f["ppi_weeks"] = n
        else:
            n = r.choice([2, 3, 4, 6])
            ex.update(ppi_form="months", ppi_n=n)
            f["ppi_weeks"] = round(n * 4.35, 1)
    else:
        form = r.choice(["days_ago", "days_ago", "last_week"])
        if form == "days_ago":
            n = r.choice([5, 7, 9, 10, 12])
            ex.update(ppi_form="days_ago", ppi_n=n)
            f["ppi_weeks"] = round(n / 7.0, 1)
        else:
            ex.update(ppi_form="last_week")
            f["ppi_weeks"] = 1.0


def draw_facts(rule, variant, r, ld):
    f = blank_facts()
    ex = {"variant": variant}
    f["sex"] = r.choice("MF")
    dec = []
    age_rng = (25, 85)
    near = None  # "just" (birthday in the last fortnight) / "soon" (birthday in the next fortnight)
    plan_fit_absent = 0.1
    def sym(*ks):
        for k in ks:
            f[k] = True
    if rule == "U1":
        age_rng = (35, 88)
        sym("dysphagia")
        if r.random() < 0.35: sym("reflux")
        if r.random() < 0.35: sym("weight_loss")
        if r.random() < 0.08: sym("haematemesis")
        dec = ["dysphagia"]
    elif rule == "U2":
        age_rng = (40, 86)
        k = r.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulceration"])
        sym(k)
        if r.random() < 0.5: sym("rectal_bleeding")
        if r.random() < 0.3: sym("change_in_bowel_habit")
        dec = [k]
    elif rule == "U3":
        age_rng = (35, 86)
        f["fit"] = {"value": r.choice([10, 12, 18, 25, 33, 45, 62, 86, 120, 150, 240, 400])}
        k = r.choice(["rectal_bleeding", "change_in_bowel_habit", "abdominal_pain", None])
        if k: sym(k)
        if r.random() < 0.35: f["hb"] = r.randint(131, 152) if f["sex"] == "M" else r.randint(121, 145)
        if r.random() < 0.3: ex["past_fit"] = {"value": 0, "text": r.choice(["<4", "negative"]), "tail": " as part of bowel screening"}
        dec = ["fit"]
    elif rule == "U4":
        age_rng = (20, 88)
        male = f["sex"] == "M"
        if variant == "hb_boundary_m":
            f["sex"] = "M"; male = True
            f["hb"] = r.choice([126, 128, 129])
        elif variant == "hb_boundary_f":
            f["sex"] = "F"; male = False
            f["hb"] = r.choice([116, 118, 119])
        else:
            f["hb"] = r.randint(82, 127) if male else r.randint(76, 117)
        f["ferritin"] = r.choice([3, 5, 6, 8, 9, 11, 12, 14, 17, 21, 26, 29])
        if r.random() < 0.45 and not variant:
            ex["hb_trend"] = True
            ex["hb_old"] = f["hb"] + r.randint(18, 35)
            ex["hb_old_when"] = r.choice([MONTHS[(ld.month - 4) % 12], MONTHS[(ld.month - 5) % 12], str(ld.year - 1)])
        if r.random() < 0.25: f["fit"] = {"below": r.choice(["<4", "undetectable", "negative"])}
        if r.random() < 0.2: sym("change_in_bowel_habit")
        plan_fit_absent = 0.2
        dec = ["hb", "ferritin"]
    elif rule == "U5":
        age_rng = (55, 86)
        sym("weight_loss")
        ks = r.sample(["upper_abdominal_pain", "reflux", "dyspepsia"], r.choice([1, 1, 2]))
        sym(*ks)
        if f["dyspepsia"] and r.random() < 0.4:
            set_ppi(f, ex, r, ld, True)
        dec = ["weight_loss"] + ks
        if variant == "age55_just":
            age_rng = (55, 55); near = "just"
    elif rule == "U6":
        age_rng = (45, 86)
        sym("abdominal_mass")
        if r.random() < 0.4: sym("abdominal_pain")
        if r.random() < 0.3: sym("bloating")
        dec = ["abdominal_mass"]
    elif rule == "U7":
        age_rng = (40, 88)
        sym("jaundice")
        if r.random() < 0.5: f["alt"] = r.choice([64, 88, 140, 212, 280, 356, 520])
        if r.random() < 0.3: sym("weight_loss")
        dec = ["jaundice"]
        if variant == "age40_just":
            age_rng = (40, 40); near = "just"
    elif rule == "U8":
        sub = {"rb50_just": "rb", "cibh60_just": "cibh"}.get(variant) or variant or r.choice(["rb", "wl", "cibh"])
        if sub == "rb":
            age_rng = (50, 86); sym("rectal_bleeding"); dec = ["rectal_bleeding"]
            if r.random() < 0.3: sym("change_in_bowel_habit")
        elif sub == "wl":
            age_rng = (40, 86); sym("weight_loss", "abdominal_pain"); dec = ["weight_loss", "abdominal_pain"]
        else:
            age_rng = (60, 88); sym("change_in_bowel_habit"); dec = ["change_in_bowel_habit"]
        if r.random() < 0.2: sym("bloating")
        if r.random() < 0.15: sym("family_history_crc")
        plan_fit_absent = 0.45
        if variant == "rb50_just":
            age_rng = (50, 50); near = "just"
        if variant == "cibh60_just":
            age_rng = (60, 60); near = "just"
    elif rule == "R1":
        if r.random() < 0.5:
            age_rng = (18, 49); sym("bloody_diarrhoea"); dec = ["bloody_diarrhoea"]
            if r.random() < 0.4: sym("abdominal_pain")
            if r.random() < 0.4: f["calprotectin"] = r.choice([320, 480, 650, 900, 1200, 1800])
        else:
            age_rng = (18, 58); f["calprotectin"] = r.choice([250, 260, 310, 420, 580, 760, 1100, 1500])
            dec = ["calprotectin"]
            if r.random() < 0.35:
                ex["trend_calprotectin"] = (r.choice([40, 65, 90, 140]), r.choice([MONTHS[(ld.month - 3) % 12], MONTHS[(ld.month - 4) % 12], "the autumn of %d" % (ld.year - 1)]))
            sym(r.choice(["change_in_bowel_habit", "abdominal_pain"]))
        if r.random() < 0.3:
            f["known_ibd"] = r.choice(["UC", "Crohn's"])
    elif rule == "R2":
        sub = r.choice(["ascites", "confusion", "alt"])
        if sub in ("ascites", "confusion"):
            age_rng = (38, 78); sym("known_cirrhosis", sub); dec = ["known_cirrhosis", sub]
            ex["neg_pool"] = ["jaundice", "haematemesis", "weight_loss"]
        else:
            age_rng = (22, 75); f["alt"] = r.choice([300, 340, 412, 560, 780, 1040, 1460]); dec = ["alt"]
            if r.random() < 0.4:
                ex["trend_alt"] = (r.choice([45, 62, 88]), r.choice([MONTHS[(ld.month - 3) % 12], MONTHS[(ld.month - 5) % 12], "last year"]))
            ex["neg_pool"] = ["jaundice", "abdominal_pain", "weight_loss"]
    elif rule == "R3":
        age_rng = (20, 82)
        sym("haematemesis")
        if r.random() < 0.6: f["hb"] = r.randint(132, 156) if f["sex"] == "M" else r.randint(122, 148)
        if r.random() < 0.3: sym(r.choice(["reflux", "dyspepsia"]))
        dec = ["haematemesis"]
    elif rule == "O1":
        age_rng = (55, 84)
        sym("dyspepsia")
        set_ppi(f, ex, r, ld, True)
        if r.random() < 0.3: sym("reflux")
        ex["neg_pool"] = ["weight_loss", "dysphagia", "haematemesis"]
        dec = ["dyspepsia", "ppi"]
        if variant == "age55_just":
            age_rng = (55, 55); near = "just"
    elif rule == "O2":
        age_rng = (18, 72)
        f["calprotectin"] = r.choice([100, 110, 126, 140, 155, 180, 196, 220, 238, 249])
        if r.random() < 0.25:
            ex["trend_calprotectin"] = (r.choice([320, 450, 610]), r.choice(["%d, during a flare of symptoms" % (ld.year - 1), "2023"]))
        ks = [k for k in ("change_in_bowel_habit", "abdominal_pain", "bloating") if r.random() < 0.55] or ["change_in_bowel_habit"]
        sym(*ks)
        if r.random() < 0.4: f["fit"] = {"below": "<4"} if r.random() < 0.5 else {"value": r.choice([3, 5, 7, 9])}
        dec = ["calprotectin"]
    elif rule == "O3":
        age_rng = (20, 72)
        f["known_ibd"] = r.choice(["UC", "Crohn's"])
        f["ibd_stable_question"] = True
        if r.random() < 0.4: f["calprotectin"] = r.choice([18, 25, 34, 45, 60, 72])
        ex["neg_pool"] = ["rectal_bleeding", "change_in_bowel_habit", "abdominal_pain", "weight_loss"]
        dec = ["known_ibd", "ibd_stable_question"]
    elif rule == "O4":
        age_rng = (18, 68)
        f["coeliac_serology_positive"] = True
        ex["ttg"] = r.choice([18, 34, 56, 88, 120, 128])
        ks = [k for k in ("bloating", "change_in_bowel_habit", "abdominal_pain") if r.random() < 0.45]
        sym(*ks)
        if r.random() < 0.2:
            f["ferritin"] = r.choice([9, 14, 22])
            f["hb"] = r.randint(131, 150) if f["sex"] == "M" else r.randint(121, 140)
        dec = ["coeliac_serology_positive"]
    elif rule == "O5":
        age_rng = (25, 76)
        a = r.random()
        if a < 0.4:
            f["alt"] = r.choice([40, 46, 58, 72, 95, 130, 188, 240, 299])
            dec = ["alt"]
            if r.random() < 0.5:
                ex["trend_alt"] = (r.choice([28, 35, 520, 640]), r.choice([MONTHS[(ld.month - 4) % 12], "last year", str(ld.year - 2)]))
        elif a < 0.7:
            f["fatty_liver_imaging"] = True
            dec = ["fatty_liver_imaging"]
        else:
            f["alt"] = r.choice([52, 67, 84, 110])
            f["fatty_liver_imaging"] = True
            dec = ["alt", "fatty_liver_imaging"]
        ex["neg_pool"] = ["jaundice", "abdominal_pain", "weight_loss"]
    elif rule == "A1":
        age_rng = (18, 49)
        ks = [k for k in ("abdominal_pain", "bloating", "change_in_bowel_habit") if r.random() < 0.55] or ["bloating"]
        sym(*ks)
        t = r.random()
        if t < 0.45:
            f["calprotectin"] = r.choice([12, 20, 31, 44, 58, 76, 90, 99])
            dec = ks + ["calprotectin"]
        elif t < 0.8:
            f["fit"] = r.choice([{"below": "<4"}, {"below": "undetectable"}, {"below": "negative"}, {"value": 6}, {"value": 9}])
            dec = ks + ["fit"]
        else:
            f["calprotectin"] = r.choice([22, 38, 65])
            f["fit"] = {"below": "<4"}
            dec = ks + ["calprotectin", "fit"]
        ex["neg_pool"] = ["rectal_bleeding", "weight_loss", "dysphagia", "reflux"]
        if variant == "age49_soon":
            age_rng = (49, 49); near = "soon"
    elif rule == "O6":
        age_rng = (50, 84)
        ks = [k for k in ("rectal_bleeding", "change_in_bowel_habit", "abdominal_pain") if r.random() < 0.5] or ["rectal_bleeding"]
        sym(*ks)
        if "abdominal_pain" in ks and r.random() < 0.25: sym("weight_loss")
        f["fit"] = r.choice([{"below": "<4"}, {"below": "undetectable"}, {"below": "negative"}, {"value": 4},
                             {"value": 6}, {"value": 8}, {"value": 9}])
        if r.random() < 0.35:
            ex["past_fit"] = {"value": r.choice([14, 22, 38, 55]), "tail": ", and colonoscopy at the time showed only diverticular disease"}
            ex["past_fit"]["text"] = str(ex["past_fit"]["value"])
        dec = ks + ["fit"]
        if variant == "age50_just":
            age_rng = (50, 50); near = "just"
    elif rule == "A2":
        age_rng = (18, 54)
        ks = r.choice([["dyspepsia"], ["reflux"], ["dyspepsia", "reflux"]])
        sym(*ks)
        if f["dyspepsia"] and r.random() < 0.4:
            set_ppi(f, ex, r, ld, r.random() < 0.6)
        ex["neg_pool"] = ["weight_loss", "dysphagia", "haematemesis"]
        dec = ks
        if variant == "age54_soon":
            age_rng = (54, 54); near = "soon"
    elif rule == "A3":
        age_rng = (25, 60)
        sym("family_history_crc")
        ex["neg_pool"] = ["rectal_bleeding", "change_in_bowel_habit", "weight_loss", "abdominal_pain"]
        dec = ["family_history_crc"]
    elif rule == "D":
        sub = {"jaundice39_soon": "jaundice_young", "rb49_soon": "young_rb", "cibh59_soon": "cibh_50s"}.get(variant) or variant
        sub = sub or r.choice(D_SUBS)
        ex["dsub"] = sub
        if sub == "dysp_noppi":
            age_rng = (55, 82); sym("dyspepsia"); dec = ["dyspepsia"]
            ex["neg_pool"] = ["weight_loss", "dysphagia", "haematemesis"]
        elif sub == "dysp_shortppi":
            age_rng = (55, 82); sym("dyspepsia"); set_ppi(f, ex, r, ld, False); dec = ["dyspepsia", "ppi"]
            ex["neg_pool"] = ["weight_loss", "dysphagia", "haematemesis"]
        elif sub == "cibh_50s":
            age_rng = (50, 59); sym("change_in_bowel_habit"); dec = ["change_in_bowel_habit"]
            if r.random() < 0.4: f["calprotectin"] = r.choice([24, 40, 62, 85])
            ex["neg_pool"] = ["rectal_bleeding", "weight_loss", "abdominal_pain"]
        elif sub == "young_pain":
            age_rng = (18, 49); ks = r.choice([["abdominal_pain"], ["bloating"], ["abdominal_pain", "bloating"]]); sym(*ks); dec = ks
            ex["neg_pool"] = ["rectal_bleeding", "weight_loss", "change_in_bowel_habit"]
        elif sub == "young_rb":
            age_rng = (20, 49); sym("rectal_bleeding"); dec = ["rectal_bleeding"]
            ex["neg_pool"] = ["weight_loss", "change_in_bowel_habit", "abdominal_pain"]
        elif sub == "anaemia_only":
            age_rng = (30, 85)
            f["hb"] = r.randint(98, 127) if f["sex"] == "M" else r.randint(95, 117)
            f["ferritin"] = r.choice([34, 45, 78, 120, 210, 340])
            if r.random() < 0.6:
                ex["ferr_trend"] = True
                ex["ferr_old"] = r.choice([8, 12, 16])
                ex["ferr_old_year"] = r.choice([2021, 2022, 2023])
            dec = ["hb", "ferritin"]
            ex["neg_pool"] = ["rectal_bleeding", "weight_loss", "change_in_bowel_habit", "dysphagia"]
        elif sub == "irondef_only":
            age_rng = (25, 80)
            if f["sex"] == "M":
                f["hb"] = r.choice([130, 131, 134, 141])
            else:
                f["hb"] = r.choice([120, 121, 124, 133])
            f["ferritin"] = r.choice([7, 11, 15, 19, 24])
            dec = ["hb", "ferritin"]
            ex["neg_pool"] = ["rectal_bleeding", "weight_loss", "change_in_bowel_habit", "abdominal_pain"]
        elif sub == "wl_only":
            age_rng = (40, 75); sym("weight_loss"); dec = ["weight_loss"]
            ex["neg_pool"] = ["abdominal_pain", "dysphagia", "rectal_bleeding", "change_in_bowel_habit", "dyspepsia", "reflux"]
        elif sub == "reflux_old":
            age_rng = (55, 84); sym("reflux"); dec = ["reflux"]
            ex["neg_pool"] = ["weight_loss", "dysphagia", "haematemesis"]
        elif sub == "jaundice_young":
            age_rng = (19, 39); sym("jaundice"); dec = ["jaundice"]
            ex["neg_pool"] = ["abdominal_pain", "weight_loss"]
        if variant == "jaundice39_soon":
            age_rng = (39, 39); near = "soon"
        if variant == "rb49_soon":
            age_rng = (49, 49); near = "soon"
        if variant == "cibh59_soon":
            age_rng = (59, 59); near = "soon"
    f["age"] = r.randint(*age_rng)
    # co-facts that never change the label (checked by robust_rule below)
    if rule not in ("A1", "A3", "O3", "D") and r.random() < 0.12 and not f["family_history_crc"]:
        f["family_history_crc"] = True
    if rule in ("U1", "U2", "U3", "U6", "U7", "R3") and r.random() < 0.2:
        k = r.choice(["bloating", "reflux", "abdominal_pain"])
        f[k] = True
    ex["near"] = near
    ex["plan_fit_absent"] = plan_fit_absent
    return f, ex, dec


# ----------------------------------------------------------------------------------
# Assembly
# ----------------------------------------------------------------------------------
RISKY = re.compile(r"icter|yellow|\bmass|ulcer|blood|bleed|jaund|weight|\bwt\b|FIT\b|\bUC\b|IBD|PPI|ALT\b|\bHb\b|\bPR\b|LIF|RIF|"
                   r"cramp|bloat|colic|tTG|EMA\b|GORD|fatty|confus|ascit|stool|lump|swallow|vomit|reflux|diarrh|constip|"
                   r"anaemi|ferritin|coeliac|crohn|colitis|cirrho|steato|NAFLD|FCP|dyspep|epigast|heartburn|cancer|\bca\b", re.I)


def damage_seg(C, s):
    if s.kind != "filler" or s.spans:
        return s
    t0 = s.text
    t = damage_text(C, t0)
    if len(RISKY.findall(t)) != len(RISKY.findall(t0)):
        t = t0  # damage must never create (or destroy) a clinical keyword
    return Seg(t, s.kind, s.spans, s.decisive, s.tags)


def damage_text(C, t):
    if C.ocr:
        t = ocr_damage(t, C.drng)
    if C.spell and C.spell_done < 2 and C.drng.random() < 0.3:
        t = spelling_damage(t, C.drng)
        C.spell_done += 1
    if C.style.startswith("dictation") and C.drng.random() < 0.35:
        t = homophone_damage(t, C.drng)
        if C.drng.random() < 0.3:
            t = t.replace(", ", " comma ", 1)
    return t


def unstop_spans(seg):
    out = []
    for sp in seg.spans:
        sp = dict(sp)
        if seg.text.endswith(sp["text"]) and sp["text"].endswith("."):
            sp["text"] = sp["text"][:-1]
        out.append(sp)
    return out


def render_para(C, segs):
    """Returns (text, segs as finally written)."""
    segs = [damage_seg(C, s) for s in segs]
    if not C.style.startswith("dictation") or len(segs) < 2:
        return " ".join(s.text for s in segs), segs
    r = C.drng
    runon = C.style == "dictation_runon"
    out = [segs[0]]
    for s in segs[1:]:
        prev = out[-1]
        p_full = 0.55 if runon else 0.3
        if prev.text.endswith(".") and r.random() < p_full:
            out[-1] = Seg(prev.text[:-1] + " full stop", prev.kind, unstop_spans(prev), prev.decisive, prev.tags)
            s = lower_first(s)
        elif runon and prev.kind == "filler" and s.kind == "filler" and prev.text.endswith(".") and r.random() < 0.5:
            out[-1] = Seg(prev.text[:-1] + " and", prev.kind, unstop_spans(prev), prev.decisive, prev.tags)
            s = lower_first(s)
        out.append(s)
    t = " ".join(s.text for s in out)
    if not runon and r.random() < 0.15:
        t += " new paragraph"
    return t, out


def assemble(C, blocks):
    texts, segs = [], []
    for b in blocks:
        if b is None:
            continue
        if isinstance(b, str):
            texts.append(b)
        elif isinstance(b, Seg):
            t, ss = render_para(C, [b])
            segs.extend(ss)
            texts.append(t)
        elif isinstance(b, tuple) and b[0] == "lines":
            items = [x if isinstance(x, Seg) else plain(x) for x in b[1] if x is not None]
            items = [damage_seg(C, x) for x in items]
            segs.extend(items)
            texts.append("\n".join(x.text for x in items))
        elif isinstance(b, list):
            b = [x for x in b if x is not None]
            if not b:
                continue
            t, ss = render_para(C, b)
            segs.extend(ss)
            texts.append(t)
        else:
            raise TypeError(type(b))
    text = "\n\n".join(t for t in texts if t.strip())
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = text.replace(",,", ",").replace(",.", ".")
    return text, segs


# ----------------------------------------------------------------------------------
# Planning and main
# ----------------------------------------------------------------------------------
def letter_date_for(r):
    d = dt.date(2025, 1, 6) + dt.timedelta(days=r.randrange(0, 326))
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def dob_for(age, ld, near, r):
    while True:
        if near == "just":
            b = ld - dt.timedelta(days=r.randint(1, 14))
            y = b.year - age
        elif near == "soon":
            b = ld + dt.timedelta(days=r.randint(1, 14))
            y = b.year - age - 1
        else:
            b = ld - dt.timedelta(days=r.randint(15, 350))
            y = b.year - age
        if (b.month, b.day) == (2, 29):
            continue
        dob = dt.date(y, b.month, b.day)
        assert age_at(dob, ld) == age, (age, ld, dob, near)
        return dob


def identity(C, r):
    male = C.sex == "M"
    pron_only = r.random() < 0.12 and C.age_form != "MF" and C.style not in SHORT_STYLES
    if pron_only:
        title = None
        first = r.choice(NEUTRAL_FIRST)
    else:
        title = "Mr" if male else r.choice(["Mrs", "Mrs", "Ms", "Miss"])
        first = r.choice(MALE_FIRST if male else FEMALE_FIRST)
    sur = r.choice(SURNAMES)
    pa, pb = r.choice(PLACE_A), r.choice(PLACE_B)
    ptown = r.choice(TOWNS)
    gp = r.choice(GP_NAMES)
    gp2 = r.choice([g for g in GP_NAMES if g != gp])
    b = dict(title=title, first=first, surname=sur,
             partner=r.choice(RELS_M if male else RELS_F), child=r.choice(["son", "daughter"]),
             town=r.choice(TOWNS), oldtown=r.choice(TOWNS), job=None, cigs=r.choice([5, 10, 15, 20]),
             quit_year=r.randint(1990, 2020), units=r.choice([4, 6, 10, 14, 20]), lang=r.choice(LANGS),
             mobile=phone(r), practice="%s %s" % (pa, pb), paddr="%d %s" % (r.randint(1, 120), r.choice(STREETS)),
             ptown=ptown, ppc=postcode(r), pphone=phone(r), pcode="Z%05d" % r.randint(10000, 99999),
             cons=r.choice(CONSULTANTS), hosp=r.choice(HOSPITALS),
             addr="%d %s, %s, %s" % (r.randint(1, 200), r.choice(STREETS), r.choice(TOWNS), postcode(r)),
             gp=gp, gp2=gp2, email="%s.%s@nhs.example" % (pa.lower().replace(" ", ""), "practice"),
             gp_init="".join(w[0] for w in gp.split()[1:]), sec_init=r.choice(["jb", "kt", "mw", "sl"]),
             sec=r.choice(["J. Barker", "K. Tait", "M. Wood", "S. Lamb"]))
    b["job"] = r.choice(JOBS)
    b["ajob"] = ("an " if b["job"][0] in "aeiou" else "a ") + b["job"]
    C.base = b
    C.nhs = nhs_number(r)
    C.full_name = ("%s %s %s" % (title, first, sur)) if title else ("%s %s" % (first, sur))
    C.pronoun_only = pron_only
    role_map = {"anp": "anp", "physician_associate": "physician_associate", "pharmacist": "pharmacist",
                "community_matron": "community_matron", "registrar_template": "registrar"}
    if C.style in role_map:
        C.writer_name = r.choice(OTHER_WRITERS[role_map[C.style]])
    elif C.style == "locum_brief":
        C.writer_name = r.choice(["Dr P. Okonjo", "Dr L. Haverford", "Dr G. Sinclair"])
    elif C.style == "ooh_gp":
        C.writer_name = r.choice(["Dr Imogen Tate, OOH GP", "Dr Kwame Asante, Out-of-Hours GP", "Dr Ruth Penhaligon, sessional GP (OOH)"])
    else:
        C.writer_name = gp


def plan_letters():
    rules = []
    for rule, n in RULE_COUNTS:
        bvars = BOUNDARY.get(rule, [])
        for k in range(n):
            rules.append((rule, bvars[k] if k < len(bvars) else None))
    assert len(rules) == N_LETTERS
    rp = R("order")
    rp.shuffle(rules)
    styles = sorted(STYLES)
    sl = (styles * (N_LETTERS // len(styles) + 1))[:N_LETTERS]
    R("styles").shuffle(sl)
    # make sure a few shorthand letters carry weight loss and a raised ALT (so that "↓wt" and
    # "↑ALT" occur): swap styles with shorthand letters that have neither.  Facts do not depend on
    # the style, so they can be drawn here exactly as make_letter will draw them.
    pre = [predraw(i, rules[i][0], rules[i][1]) for i in range(N_LETTERS)]
    short = ("shorthand_notes", "soap_notes", "locum_brief")
    partners = [i for i in range(N_LETTERS - 1, -1, -1) if sl[i] in short and not pre[i]["weight_loss"] and (pre[i]["alt"] or 0) < 40]
    for key in ("weight_loss", "alt"):
        want = [i for i in range(N_LETTERS) if sl[i] not in short and
                (pre[i]["weight_loss"] if key == "weight_loss" else (pre[i]["alt"] or 0) >= 40)][:3]
        for i in want:
            j = partners.pop(0)
            sl[i], sl[j] = sl[j], sl[i]
    return [(i, rules[i][0], rules[i][1], sl[i]) for i in range(N_LETTERS)]


def predraw(i, rule, variant):
    rf = R("facts", "L10-%04d" % (i + 1))
    ld = letter_date_for(rf)
    for _ in range(500):
        f, ex, dec = draw_facts(rule, variant, rf, ld)
        pf = ex.get("past_fit")
        if robust_rule(f, pf["value"] if pf else None) == rule:
            return f
    raise RuntimeError("predraw")


def gp_priority_for(rule, r):
    urg = URG[rule][0]
    x = r.random()
    if x < 0.15:
        return None
    if x < 0.57:
        return urg
    others = [u for u in ("urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance") if u != urg]
    return r.choice(others)


def make_letter(i, rule, variant, style):
    lid = "L10-%04d" % (i + 1)
    rf = R("facts", lid)
    ld = letter_date_for(rf)
    for tries in range(500):
        f, ex, dec = draw_facts(rule, variant, rf, ld)
        pf = ex.get("past_fit")
        pfv = pf["value"] if pf else None
        if robust_rule(f, pfv) == rule:
            break
    else:
        raise RuntimeError("could not draw %s %s" % (lid, rule))
    # optional past screening FIT in letters where it cannot matter
    if not pf and f["fit"] is None and rf.random() < 0.1 and robust_rule(f, 0) == rule:
        ex["past_fit"] = {"value": 0, "text": rf.choice(["<4", "negative"]), "tail": " through the bowel screening programme"}
        pf = ex["past_fit"]
    if pf and "screening" in pf["tail"] and f["age"] < 54:
        pf["tail"] = rf.choice([" when it was checked by a previous GP", " when it was done at a previous practice"])
    if pf:
        months_back = rf.randint(18, 40)
        y, m = ld.year, ld.month - months_back
        while m <= 0:
            m += 12
            y -= 1
        pf["date"] = "%04d-%02d" % (y, m)
        pf["date_text"] = rf.choice(["%s %d" % (MONTHS[m - 1], y), "%d" % y])
    if f["fit"] is not None:
        fd = ld - dt.timedelta(days=rf.randint(6, 35))
        ex["fit_date"] = fd
        ex["fit_date_text"] = fmt_date(fd, "slash")
        ex["fit_when_text"] = rf.choice(["on %s" % fmt_date(fd, "long"), "(%s)" % fmt_date(fd, "slash"),
                                         "this month" if fd.month == ld.month else "last month", "last week" if (ld - fd).days <= 10 else "recently"])
    ex["recent_month"] = MONTHS[(ld.month - 2) % 12]
    near = ex["near"]
    if near is None and rf.random() < 0.22:
        near = rf.choice(["just", "soon"])
    age = f["age"]
    dob = dob_for(age, ld, near, rf)
    # age form
    short = style in SHORT_STYLES and style != "email_advice"
    if ex["near"]:
        age_form = "dob_only"
    elif short:
        age_form = rf.choice(["MF", "MF", "MF", "dob_only", "header_age"])
    else:
        age_form = rf.choice(["yo", "yo", "yo", "paren", "paren", "aged", "aged", "dob_only", "dob_only", "header_age"])
    gpp = gp_priority_for(rule, rf)
    # distractor plan
    plan = []
    if rf.random() < 0.35: plan.append("family")
    if rf.random() < 0.35: plan.append("past")
    if not f["weight_loss"] and rf.random() < 0.15: plan.append("intent_wl")
    if rf.random() < 0.45: plan.append("hypo")
    if rf.random() < 0.3: plan.append("other_test")
    if pf: plan.append("past_fit")
    if f["fit"] is None and rf.random() < ex["plan_fit_absent"]: plan.append("fit_absent")
    ocr = rf.random() < 0.10
    spell = rf.random() < 0.2
    ri = R("identity", lid)
    lo, hi = (110, 330) if style in SHORT_STYLES else (320, 700)
    if style in SHORT_STYLES:
        target = rf.randint(120, 260) if style == "email_advice" else rf.randint(110, 220)
    else:
        target = rf.choice([rf.randint(330, 450), rf.randint(400, 560), rf.randint(480, 680)])
    best = None
    for attempt in range(40):
        rr = R("render", lid, attempt)
        C = Letter(lid, rule, f, style, rr)
        C.letter_date, C.dob, C.age_form, C.gp_priority = ld, dob, age_form, gpp
        C.decisive = set(dec)
        C.dist_plan = list(plan)
        C.extra = dict(ex)
        C.ocr, C.spell, C.spell_done = ocr, spell, 0
        C.drng = R("damage", lid, attempt)
        C.dob_fmt = rr.choice(["slash", "slash", "long", "dot", "short", "dash", "slash2"])
        C.date_fmt = rr.choice(["slash", "long", "long", "dot", "ordinal", "dash", "dot2"])
        C.header_kind = rr.choice(["letterhead", "letterhead", "compact"])
        identity(C, R("identity", lid))
        C.base.update(dict())
        if style in SHORT_STYLES:
            x = max(0, (target - 130) / 14.0) * (1 + ((attempt % 5) - 2) * 0.2)
            fill = (min(6, 2 + int(x * 0.4)), min(4, 2 + int(x * 0.3)), int(x * 0.15), int(x * 0.15))
            C.fill_narr, C.fill_misc = (int(x * 0.2), 0) if style == "email_advice" else (0, 0)
        else:
            x = max(0, (target - 310) / 15.0) * (1 + ((attempt % 7) - 3) * 0.12) + (attempt // 7) * 3
            fill = (2 + int(x * 0.28), min(5, 2 + int(x * 0.12)), 1 + int(x * 0.12), 1 + int(x * 0.1))
            C.fill_narr = int(x * 0.22)
            C.fill_misc = int(x * 0.16)
        blocks = STYLES[style](C, fill)
        text, segs = assemble(C, blocks)
        n = wc(text)
        cand = (abs(n - target) + (0 if lo <= n <= hi else 1000), attempt, C, text, segs)
        if best is None or cand[0] < best[0]:
            best = cand
        if best[0] <= 25 and lo <= wc(best[3]) <= hi:
            break
    _, attempt, C, text, segs = best
    return finish(C, text, segs, ex, dec, pf)


def finish(C, text, segs, ex, dec, pf):
    f = C.f
    spans = [sp for s in segs for sp in s.spans]
    for sp in spans:
        if sp["text"] not in text:
            raise RuntimeError("%s: span lost: %r" % (C.id, sp["text"]))
    ev = [sp for sp in spans if sp["type"] == "evidence"]
    other = [sp for sp in spans if sp["type"] != "evidence"]
    facts = dict(f)
    facts_out = {k: v for k, v in facts.items()}
    urg, path = URG[C.rule]
    male = C.sex == "M"
    derived = {
        "anaemia": f["hb"] is not None and f["hb"] < (130 if male else 120),
        "iron_deficiency": f["ferritin"] is not None and f["ferritin"] < 30,
        "treatment_resistant_dyspepsia": bool(f["dyspepsia"] and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4),
    }
    markers = []
    if C.base["title"]:
        markers.append(C.base["title"])
    markers.append(C.P["he"])
    if C.age_form == "MF":
        markers.append(C.sex)
    ppi = None
    if f["ppi_weeks"] is not None:
        ppi = {"weeks": f["ppi_weeks"], "form": ex["ppi_form"], "drug": ex["ppi_drug"]}
        if ex["ppi_form"] == "since_month":
            ppi["start"] = ex["ppi_start"].isoformat()
    meta = {
        "id": C.id, "rule": C.rule, "urgency": urg, "pathway": path, "style": C.style,
        "variant": ex.get("variant"), "d_subtype": ex.get("dsub"),
        "facts": facts_out, "derived": derived, "decisive_facts": sorted(set(dec)),
        "sex": C.sex, "sex_markers": markers, "title": C.base["title"], "pronoun_only": C.pronoun_only,
        "dob": C.dob.isoformat(), "dob_text": fmt_date(C.dob, C.dob_fmt),
        "letter_date": C.letter_date.isoformat(), "letter_date_text": fmt_date(C.letter_date, C.date_fmt),
        "age_form": C.age_form, "birthday_near": ex["near"] or (
            "just" if 0 < (C.letter_date - C.dob.replace(year=C.letter_date.year)).days <= 14 else
            ("soon" if 0 < (C.dob.replace(year=C.letter_date.year) - C.letter_date).days <= 14 else None)),
        "evidence": ev,
        "negations": [sp for sp in other if sp["type"] == "negation"],
        "distractors": [sp for sp in other if sp["type"] in ("family", "past", "intentional", "hypothetical", "other_test",
                                                               "past_fit", "fit_absent", "past_value", "other_site")],
        "normals": [sp for sp in other if sp["type"] == "normal"],
        "summaries": [sp for sp in other if sp["type"] == "summary"],
        "age_spans": [sp for sp in other if sp["type"] == "age"],
        "gp_priority": C.gp_priority,
        "gp_priority_text": ([sp["text"] for sp in other if sp["type"] == "priority"] or [None])[0],
        "past_fit": pf, "ppi": ppi,
        "fit_date": ex["fit_date"].isoformat() if ex.get("fit_date") else None,
        "ocr_damage": C.ocr, "spelling_slips": C.spell, "word_count": wc(text),
        "writer": C.writer_name,
    }
    letter = {"id": C.id, "text": text, "urgency": urg, "pathway": path, "rule": C.rule, "style": C.style,
              "gp_priority": C.gp_priority, "age": f["age"]}
    return letter, meta


def main():
    letters, metas = [], []
    for i, rule, variant, style in plan_letters():
        L, M = make_letter(i, rule, variant, style)
        letters.append(L)
        metas.append(M)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for L in letters:
            fh.write(json.dumps(L, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for M in metas:
            fh.write(json.dumps(M, ensure_ascii=False, sort_keys=False, default=str) + "\n")
    print("wrote %d letters" % len(letters))


if __name__ == "__main__":
    main()
