#!/usr/bin/env python3
"""Generator for the sealed gastroenterology referral test set "letters15".

Python 3 standard library only.  Every random choice is drawn from a
random.Random seeded by a sha256 of descriptive strings, so reruns give
byte-identical files.  Labels come from the rules in
/work/shared/clinical/referral-triage-spec.md (first matching rule wins).

Writes letters.jsonl and letters_meta.jsonl next to this file.
"""
import hashlib
import json
import os
import random
import datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
N_TOTAL = 300


def rng_for(*parts):
    h = hashlib.sha256(("letters15|" + "|".join(str(p) for p in parts)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


# ----------------------------------------------------------------------------
# facts and the spec's rules
# ----------------------------------------------------------------------------
BOOL_FACTS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss",
              "upper_pain", "lower_pain", "reflux", "dyspepsia", "abdominal_mass",
              "jaundice", "rectal_bleeding", "bloody_diarrhoea", "cirrhosis", "ascites",
              "confusion", "haematemesis", "ibd_stable", "ttg_raised", "fatty_liver",
              "bloating", "fh_crc"]


def blank_facts(sex, age):
    f = {k: False for k in BOOL_FACTS}
    f.update(sex=sex, age=age, hb=None, ferritin=None, fit=None, fit_status="none",
             calpro=None, alt=None, cibh=None, ppi_weeks=None, known_ibd=None,
             mgmt_question=None)
    return f


READING_KEYS = ["upper_is_abdo", "reflux_is_dysp", "rb_loose_is_bd", "bd_is_rb_cibh", "a1_strict"]


def decide(f, rd=None):
    rd = rd or {}
    age = f["age"]
    male = f["sex"] == "M"
    anaemia = f["hb"] is not None and f["hb"] < (130 if male else 120)
    irondef = f["ferritin"] is not None and f["ferritin"] < 30
    ida = anaemia and irondef
    fit = f["fit"]
    cal = f["calpro"]
    alt = f["alt"]
    bd = f["bloody_diarrhoea"] or (rd.get("rb_loose_is_bd") and f["rectal_bleeding"] and f["cibh"] == "loose")
    rb = f["rectal_bleeding"] or (rd.get("bd_is_rb_cibh") and f["bloody_diarrhoea"])
    cibh = f["cibh"] is not None or (rd.get("bd_is_rb_cibh") and f["bloody_diarrhoea"])
    pain = f["lower_pain"] or (rd.get("upper_is_abdo") and f["upper_pain"])
    dysp_o1 = f["dyspepsia"] or (rd.get("reflux_is_dysp") and f["reflux"])
    trd = dysp_o1 and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and f["weight_loss"] and (f["upper_pain"] or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and f["weight_loss"] and pain) or (age >= 60 and cibh)):
        return "U8"
    if bd or (cal is not None and cal >= 250):
        return "R1"
    if (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable"] and f["mgmt_question"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]:
        return "O5"
    a1_sym = pain or f["bloating"] or cibh
    a1_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    other = False
    if rd.get("a1_strict"):
        other = any([rb, f["weight_loss"], anaemia, irondef, f["jaundice"], f["dyspepsia"], f["reflux"],
                     f["upper_pain"], f["haematemesis"], f["cirrhosis"], bool(f["known_ibd"]),
                     f["bloody_diarrhoea"]])
    if age < 50 and a1_sym and a1_test and not other:
        return "A1"
    if (rb or cibh or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    symptoms = any([f[k] for k in ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss",
                                   "upper_pain", "lower_pain", "reflux", "dyspepsia", "abdominal_mass",
                                   "jaundice", "rectal_bleeding", "bloody_diarrhoea", "haematemesis",
                                   "bloating", "ascites", "confusion"]]) or f["cibh"] is not None
    if f["fh_crc"] and not symptoms:
        return "A3"
    return "D"


RULE_LABELS = {
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


def all_readings():
    out = []
    for i in range(2 ** len(READING_KEYS)):
        out.append({k: bool(i >> j & 1) for j, k in enumerate(READING_KEYS)})
    return out


def robust_rule(f):
    rules = {decide(f, rd) for rd in all_readings()}
    return rules.pop() if len(rules) == 1 else None


# ----------------------------------------------------------------------------
# value helpers
# ----------------------------------------------------------------------------
def anaemic_hb(sex, r):
    return r.randint(71, 116) if sex == "F" else r.randint(74, 126)


def normal_hb(sex, r):
    return r.randint(124, 152) if sex == "F" else r.randint(134, 166)


FIT_NEG = [("<4", 3), ("<10", 9), ("not detected", 0), ("negative", 0), ("undetectable", 0),
           ("2", 2), ("6", 6), ("7.8", 7.8), ("<4", 3), ("4.6", 4.6)]


def fit_pos(r):
    v = r.choice([11, 14, 18, 23, 31, 46, 58, 77, 112, 150, 198, 260, 400, r.randint(12, 380)])
    return v


def set_fit_neg(f, r):
    t, v = r.choice(FIT_NEG)
    f["fit"] = v
    f["fit_text"] = t
    f["fit_status"] = "result"


def set_fit_pos(f, r):
    v = fit_pos(r)
    f["fit"] = v
    f["fit_text"] = str(v)
    f["fit_status"] = "result"


# ----------------------------------------------------------------------------
# scenario builders: one per rule, with variants and lower-priority co-facts
# ----------------------------------------------------------------------------
def build(rule, r):
    sex = r.choice("FM")
    v = ""

    def F(lo, hi):
        return blank_facts(sex, r.randint(lo, hi))

    if rule == "U1":
        f = F(24, 93)
        f["dysphagia"] = True
        v = "dysphagia"
        if r.random() < .45:
            f["reflux"] = True; v += "+reflux"
        if r.random() < .35:
            f["weight_loss"] = True; v += "+wl"
        if r.random() < .15:
            f["haematemesis"] = True; v += "+haematemesis"
        if r.random() < .2:
            f["upper_pain"] = True
        if r.random() < .3:
            f["hb"] = normal_hb(sex, r)
        if r.random() < .15:
            f["ppi_weeks"] = r.choice([6, 8, 12]); f["dyspepsia"] = True
    elif rule == "U2":
        f = F(31, 91)
        v = r.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])
        f[v] = True
        if r.random() < .6:
            f["rectal_bleeding"] = True
        if r.random() < .35:
            set_fit_neg(f, r); v += "+FIT<10"
        if r.random() < .3:
            f["cibh"] = "constipation"
    elif rule == "U3":
        f = F(22, 89)
        set_fit_pos(f, r)
        v = r.choice(["rb", "cibh", "pain", "anaemia_nonIDA", "a1_type", "calpro_high"])
        if v == "rb":
            f["rectal_bleeding"] = True
        elif v == "cibh":
            f["cibh"] = r.choice(["loose", "constipation", "alternating"])
        elif v == "pain":
            f["lower_pain"] = True
        elif v == "anaemia_nonIDA":
            f["hb"] = anaemic_hb(sex, r); f["ferritin"] = r.randint(48, 240)
        elif v == "a1_type":
            f["age"] = r.randint(22, 48); f["bloating"] = True; f["lower_pain"] = True
            f["calpro"] = r.randint(20, 90)
        else:
            f["calpro"] = r.randint(300, 1400); f["cibh"] = "loose"
    elif rule == "U4":
        f = F(18, 90)
        f["hb"] = anaemic_hb(sex, r)
        f["ferritin"] = r.randint(3, 24)
        v = r.choice(["ida", "ida_fitneg", "ida_cibh", "ida_coeliac", "ida_dyspepsia"])
        if v == "ida_fitneg":
            set_fit_neg(f, r)
        elif v == "ida_cibh":
            f["cibh"] = r.choice(["loose", "constipation"])
        elif v == "ida_coeliac":
            f["ttg_raised"] = True; f["bloating"] = True
        elif v == "ida_dyspepsia":
            f["dyspepsia"] = True
            f["age"] = r.randint(18, 54)
    elif rule == "U5":
        f = F(55, 93)
        f["weight_loss"] = True
        opts = r.choice([["upper_pain"], ["reflux"], ["dyspepsia"], ["upper_pain", "dyspepsia"], ["reflux", "upper_pain"]])
        for o in opts:
            f[o] = True
        v = "wl+" + "+".join(opts)
        if r.random() < .4:
            f["ppi_weeks"] = r.choice([4, 6, 8, 10, 16])
            f["dyspepsia"] = True
    elif rule == "U6":
        f = F(25, 90)
        f["abdominal_mass"] = True
        v = "abdominal_mass"
        if r.random() < .5:
            f["lower_pain"] = True
        if r.random() < .3:
            set_fit_neg(f, r); v += "+FIT<10"
        if r.random() < .2:
            f["haematemesis"] = False
    elif rule == "U7":
        f = F(40, 93)
        f["jaundice"] = True
        v = "jaundice"
        x = r.random()
        if x < .25:
            f["alt"] = r.randint(330, 900); v += "+ALT>=300"
        elif x < .5:
            f["alt"] = r.randint(55, 260); v += "+ALT_mid"
        if r.random() < .2:
            f["fatty_liver"] = True
    elif rule == "U8":
        v = r.choice(["rb50", "wl_pain40", "cibh60"])
        if v == "rb50":
            f = F(50, 92); f["rectal_bleeding"] = True
        elif v == "wl_pain40":
            f = F(40, 90); f["weight_loss"] = True; f["lower_pain"] = True
        else:
            f = F(60, 93); f["cibh"] = r.choice(["loose", "constipation", "alternating"])
        f["fit_status"] = r.choice(["none", "awaited", "requested", "none"])
        if r.random() < .3 and v != "cibh60":
            f["cibh"] = "constipation"
        if r.random() < .25:
            f["hb"] = normal_hb(sex, r); f["ferritin"] = r.randint(40, 200)
    elif rule == "R1":
        v = r.choice(["bd", "bd", "calpro", "calpro", "known_ibd_flare"])
        if v == "bd":
            f = F(18, 49); f["bloody_diarrhoea"] = True
            if r.random() < .4:
                f["calpro"] = r.randint(280, 2200)
        elif v == "calpro":
            f = F(18, 79); f["calpro"] = r.randint(260, 1900); f["cibh"] = "loose"
            if r.random() < .5:
                f["lower_pain"] = True
            if f["age"] >= 50 or r.random() < .3:
                set_fit_neg(f, r)
        else:
            f = F(19, 48); f["known_ibd"] = r.choice(["UC", "Crohn's"]); f["bloody_diarrhoea"] = True
            if r.random() < .5:
                f["calpro"] = r.randint(400, 2500)
    elif rule == "R2":
        v = r.choice(["cirr_ascites", "cirr_confusion", "alt_high", "alt_high"])
        if v.startswith("cirr"):
            f = F(38, 82); f["cirrhosis"] = True
            f["ascites" if v == "cirr_ascites" else "confusion"] = True
            if r.random() < .4:
                f["alt"] = r.randint(22, 33)
        else:
            f = F(18, 75); f["alt"] = r.randint(310, 1500)
            if f["age"] < 40 and r.random() < .5:
                f["jaundice"] = True; v += "+jaundice<40"
    elif rule == "R3":
        f = F(18, 86)
        f["haematemesis"] = True
        v = "haematemesis"
        if r.random() < .5:
            f["dyspepsia"] = True
        if r.random() < .3:
            f["hb"] = normal_hb(sex, r)
    elif rule == "O1":
        f = F(55, 90)
        f["dyspepsia"] = True
        f["ppi_weeks"] = r.choice([4, 6, 8, 8, 12, 12, 16, 26])
        v = "trd"
        if r.random() < .35:
            f["upper_pain"] = False; f["reflux"] = False
        if r.random() < .3:
            f["hb"] = normal_hb(sex, r)
    elif rule == "O2":
        f = F(18, 80)
        f["calpro"] = r.randint(101, 248)
        f["cibh"] = r.choice(["loose", "loose", "alternating"])
        v = "calpro_mid"
        if r.random() < .4:
            f["lower_pain"] = True
        if f["age"] >= 40 or r.random() < .4:
            set_fit_neg(f, r)
    elif rule == "O3":
        f = F(18, 84)
        f["known_ibd"] = r.choice(["UC", "Crohn's", "UC", "Crohn's", "microscopic colitis"])
        if f["known_ibd"] == "microscopic colitis":
            f["known_ibd"] = "UC"
        f["ibd_stable"] = True
        f["mgmt_question"] = r.choice(["stop_aza", "pregnancy", "vaccines", "surveillance", "bone", "mesalazine_dose", "travel"])
        v = "known_ibd_question"
        if r.random() < .4:
            f["calpro"] = r.randint(15, 85)
    elif rule == "O4":
        f = F(18, 78)
        f["ttg_raised"] = True
        v = "coeliac"
        if r.random() < .5:
            f["bloating"] = True
        if r.random() < .4 and f["age"] < 60:
            f["cibh"] = "loose"
        if r.random() < .4:
            f["hb"] = normal_hb(sex, r); f["ferritin"] = r.randint(12, 25); v += "+irondef_no_anaemia"
    elif rule == "O5":
        f = F(18, 85)
        v = r.choice(["alt_mid", "fatty", "both"])
        if v in ("alt_mid", "both"):
            f["alt"] = r.randint(46, 290)
        if v in ("fatty", "both"):
            f["fatty_liver"] = True
            if v == "fatty":
                f["alt"] = r.choice([None, r.randint(14, 33)])
    elif rule == "A1":
        f = F(18, 49)
        syms = r.choice([["lower_pain"], ["bloating"], ["cibh"], ["lower_pain", "bloating"], ["bloating", "cibh"], ["lower_pain", "cibh"]])
        for s in syms:
            if s == "cibh":
                f["cibh"] = r.choice(["loose", "alternating", "constipation"])
            else:
                f[s] = True
        v = "+".join(syms)
        t = r.choice(["calpro", "fit", "both"])
        if t in ("calpro", "both"):
            f["calpro"] = r.choice([r.randint(10, 95), 49])
        if t in ("fit", "both"):
            set_fit_neg(f, r)
        if r.random() < .35:
            f["hb"] = normal_hb(sex, r); f["ferritin"] = r.randint(40, 180)
    elif rule == "O6":
        v = r.choice(["rb", "rb", "cibh", "pain", "wl_pain_fitneg", "rb_young"])
        if v == "rb_young":
            f = F(22, 49); f["rectal_bleeding"] = True
        else:
            f = F(50, 91)
            if v == "rb":
                f["rectal_bleeding"] = True
            elif v == "cibh":
                f["cibh"] = r.choice(["loose", "constipation", "alternating"])
            elif v == "pain":
                f["lower_pain"] = True
            else:
                f["weight_loss"] = True; f["lower_pain"] = True
        set_fit_neg(f, r)
        if r.random() < .3:
            f["hb"] = normal_hb(sex, r)
    elif rule == "A2":
        f = F(18, 54)
        v = r.choice(["dyspepsia", "reflux", "both", "dyspepsia_ppi_fail"])
        if v in ("dyspepsia", "both", "dyspepsia_ppi_fail"):
            f["dyspepsia"] = True
        if v in ("reflux", "both"):
            f["reflux"] = True
        if v == "dyspepsia_ppi_fail":
            f["ppi_weeks"] = r.choice([6, 8, 12])
    elif rule == "A3":
        f = F(25, 70)
        f["fh_crc"] = True
        v = "fh_asymptomatic"
        if r.random() < .4:
            f["hb"] = normal_hb(sex, r)
    else:  # D
        v = r.choice(["irondef_no_anaemia", "anaemia_b12", "dyspepsia55_noppi", "rb40s_nofit",
                      "cibh50s_nofit", "wl_only", "cirrhosis_compensated", "pain_young_notests"])
        if v == "irondef_no_anaemia":
            f = F(18, 85); f["hb"] = normal_hb(sex, r); f["ferritin"] = r.randint(5, 24)
        elif v == "anaemia_b12":
            f = F(30, 88); f["hb"] = anaemic_hb(sex, r); f["ferritin"] = r.randint(60, 320)
        elif v == "dyspepsia55_noppi":
            f = F(55, 88); f["dyspepsia"] = True
            if r.random() < .5:
                f["ppi_weeks"] = r.choice([1, 2])
        elif v == "rb40s_nofit":
            f = F(40, 49); f["rectal_bleeding"] = True
        elif v == "cibh50s_nofit":
            f = F(50, 59); f["cibh"] = r.choice(["loose", "constipation"])
        elif v == "wl_only":
            f = F(45, 88); f["weight_loss"] = True
        elif v == "cirrhosis_compensated":
            f = F(40, 80); f["cirrhosis"] = True; f["alt"] = r.randint(18, 33)
        else:
            f = F(18, 39); f["lower_pain"] = True
    f.setdefault("fit_text", None)
    if f["fit"] is not None and f["fit_text"] is None:
        f["fit_text"] = str(f["fit"])
    return f, v


def domains(f):
    d = set()
    if f["rectal_bleeding"] or f["cibh"] or f["lower_pain"] or f["fit"] is not None or f["fit_status"] != "none" \
            or f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"] or f["abdominal_mass"] or f["fh_crc"] \
            or (f["hb"] is not None and f["ferritin"] is not None and f["ferritin"] < 30):
        d.add("lower")
    if f["dysphagia"] or f["dyspepsia"] or f["reflux"] or f["upper_pain"] or f["haematemesis"]:
        d.add("upper")
    if f["jaundice"] or f["alt"] is not None or f["fatty_liver"] or f["cirrhosis"]:
        d.add("liver")
    if f["known_ibd"] or f["calpro"] is not None or f["bloody_diarrhoea"]:
        d.add("ibd")
    if not d:
        d.add("general")
    return d


# ----------------------------------------------------------------------------
# people, places, dates, numbers
# ----------------------------------------------------------------------------
F_NAMES = ["Margaret", "Susan", "Aisha", "Joanne", "Priya", "Eileen", "Katarzyna", "Fiona", "Gemma", "Olufunmi",
           "Hannah", "Doreen", "Siobhan", "Rachel", "Bethan", "Nasreen", "Patricia", "Chloe", "Wendy", "Agnieszka",
           "Lorraine", "Mei", "Yvonne", "Shirley", "Amira", "Jasmine", "Kathleen", "Sandra", "Tracey", "Ewa"]
M_NAMES = ["David", "Mohammed", "Graham", "Peter", "Tomasz", "Kwame", "Ian", "Rajesh", "Stuart", "Gareth",
           "Derek", "Liam", "Callum", "Trevor", "Imran", "Keith", "Arthur", "Jamal", "Neil", "Andrzej",
           "Colin", "Barry", "Hamza", "Wei", "Dennis", "Owen", "Mark", "Roy", "Samuel", "Ravi"]
SURNAMES = ["Thompson", "Okafor", "Hughes", "Begum", "Kowalski", "Wright", "Patel", "McAllister", "Evans", "Nowak",
            "Robinson", "Ahmed", "Fletcher", "O'Neill", "Jenkins", "Chowdhury", "Whitaker", "Davies", "Khan",
            "Morrison", "Price", "Lewandowska", "Barker", "Singh", "Clarke", "Mensah", "Holt", "Rahman", "Sutton",
            "Gallagher", "Pearson", "Iqbal", "Doyle", "Marsh", "Ellis", "Chen", "Harding", "Lloyd", "Booth", "Reid"]
PRACTICES = [("Riverside Medical Centre", "M85012", "14 Mill Lane, Kidderton, KD4 2RS"),
             ("The Beeches Surgery", "C82044", "The Beeches, Station Road, Ashworth, AW1 3BB"),
             ("Castlegate Health Centre", "J81033", "2 Castlegate, Fordham, FH7 9QT"),
             ("Northfield Family Practice", "P84021", "Northfield Road, Halebury, HB3 6NN"),
             ("Harbour View Surgery", "L83107", "1 Quay Street, Portmoor, PM2 1HV"),
             ("Oakwood Primary Care", "B86055", "Oakwood Avenue, Lenthorpe, LT9 4OP"),
             ("St Anne's Group Practice", "F84090", "St Anne's Walk, Crossby, CR5 8SA"),
             ("Meadowbank Surgery", "K81071", "Meadowbank Close, Wellfield, WF2 7MB"),
             ("Parkside Medical Practice", "E85118", "33 Park Parade, Dunmere, DN6 2PP"),
             ("Valley Road Surgery", "N82066", "Valley Road, Thornbury Heath, TH1 5VR")]
GP_NAMES = ["Dr Helen Marsh", "Dr Anil Kapoor", "Dr Sarah O'Connell", "Dr James Whitfield", "Dr Ngozi Eze",
            "Dr Rhys Morgan", "Dr Laura Bennett", "Dr Faisal Hussain", "Dr Claire Donnelly", "Dr Tom Lister",
            "Dr Emma Sykes", "Dr Vikram Rao"]
CONSULTANTS = ["Dr P. Hallam", "Dr R. Venkatesh", "Dr A. Sinclair", "Dr M. Obi", "Dr K. Fraser", "Dr L. Moreau"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MON3 = [m[:3] for m in MONTHS]

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    if isinstance(n, float) and n != int(n):
        i, d = str(n).split(".")
        return words(int(i)) + " point " + " ".join(ONES[int(c)] for c in d)
    n = int(n)
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    rest = n % 1000
    return words(n // 1000) + " thousand" + ("" if rest == 0 else (" and " if rest < 100 else " ") + words(rest))


def nhs_number(r):
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        digits = "".join(map(str, d + [c]))
        return digits[:3] + " " + digits[3:6] + " " + digits[6:]


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


DATE_FMTS = ["dmy_slash", "d_mon_y", "d_month_y", "dmy_dot", "iso", "dmy_dash_mon"]


def fmt_date(d, style):
    if style == "dmy_slash":
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if style == "d_mon_y":
        return "%d %s %04d" % (d.day, MON3[d.month - 1], d.year)
    if style == "d_month_y":
        return "%d %s %04d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "dmy_dot":
        return "%02d.%02d.%04d" % (d.day, d.month, d.year)
    if style == "iso":
        return "%04d-%02d-%02d" % (d.year, d.month, d.day)
    return "%02d-%s-%04d" % (d.day, MON3[d.month - 1], d.year)


# ----------------------------------------------------------------------------
# the letter context: every fact-bearing string is registered as evidence
# ----------------------------------------------------------------------------
class Ctx:
    def __init__(self, lid, f, variant, style, prio_cat, r):
        self.id = lid
        self.f = f
        self.variant = variant
        self.style = style
        self.r = r
        self.prio_cat = prio_cat
        self.ev = {}
        self.dis = []
        self.noise = []
        self.noisy = False
        sex = f["sex"]
        self.male = sex == "M"
        self.first = r.choice(M_NAMES if self.male else F_NAMES)
        self.sur = r.choice(SURNAMES)
        self.title = "Mr" if self.male else r.choice(["Mrs", "Ms", "Miss", "Mrs"])
        self.he, self.his, self.him = ("he", "his", "him") if self.male else ("she", "her", "her")
        self.He, self.His = self.he.capitalize(), self.his.capitalize()
        self.man = "gentleman" if self.male else "lady"
        self.practice, self.pcode, self.paddr = r.choice(PRACTICES)
        self.gp = r.choice(GP_NAMES)
        self.cons = r.choice(CONSULTANTS)
        self.nhs = nhs_number(r)
        base = dt.date(2024, 1, 8)
        self.ldate = base + dt.timedelta(days=r.randint(0, 690))
        if self.ldate.weekday() >= 5:
            self.ldate += dt.timedelta(days=7 - self.ldate.weekday())
        age = f["age"]
        while True:
            dob = dt.date(self.ldate.year - age - 1, 1, 1) + dt.timedelta(days=r.randint(0, 729))
            if age_on(dob, self.ldate) == age:
                break
        self.dob = dob
        self.dfmt = r.choice(DATE_FMTS)
        self.sections = {}

    # registration -------------------------------------------------------
    def say(self, facts, text):
        text = text.rstrip()
        if isinstance(facts, str):
            facts = [facts]
        for k in facts:
            self.ev.setdefault(k, [])
            if text not in self.ev[k]:
                self.ev[k].append(text)
        return text

    def dist(self, kind, fact, text):
        text = text.rstrip()
        self.dis.append({"kind": kind, "fact": fact, "text": text})
        return text

    def fill(self, text):
        """boilerplate that carries no fact: may receive noise"""
        if not self.noisy or len(text) < 12:
            return text
        r = rng_for(self.id, "noise", text)
        if r.random() < .2:
            return text
        ws = text.split(" ")
        cand = [i for i, w in enumerate(ws) if len(w) >= 5 and w.isalpha()]
        if not cand:
            return text
        i = r.choice(cand)
        w = ws[i]
        op = r.choice(["swap", "drop", "ocr", "double", "ocr"])
        if op == "swap":
            j = r.randint(1, len(w) - 3)
            nw = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif op == "drop":
            j = r.randint(1, len(w) - 2)
            nw = w[:j] + w[j + 1:]
        elif op == "double":
            j = r.randint(1, len(w) - 2)
            nw = w[:j] + w[j] + w[j:]
        else:
            nw = w.replace("m", "rn", 1) if "m" in w else (w.replace("l", "1", 1) if "l" in w else
                                                        (w.replace("o", "0", 1) if "o" in w else w[:2] + " " + w[2:]))
        if nw == w:
            return text
        ws[i] = nw
        out = " ".join(ws)
        self.noise.append({"original": text, "noisy": out})
        return out

    def d(self, date):
        return fmt_date(date, self.dfmt)

    def ago(self, days):
        return self.ldate - dt.timedelta(days=days)

    # identity -----------------------------------------------------------
    def name(self):
        return "%s %s %s" % (self.title, self.first, self.sur)

    def sex_word(self):
        return "Male" if self.male else "Female"

    def banner(self, kind=None):
        r = self.r
        kind = kind or r.choice(["line", "block", "caps"])
        dob = self.say("age_dob", "DOB: " + self.d(self.dob)) if kind != "caps" else \
            self.say("age_dob", "D.O.B. " + self.d(self.dob))
        sx = self.say("sex", "Sex: " + self.sex_word()) if kind != "caps" else self.say("sex", "SEX " + self.sex_word().upper())
        if kind == "line":
            return "Patient: %s   %s   %s   NHS No: %s" % (self.name(), dob, sx, self.nhs)
        if kind == "caps":
            return "PATIENT: %s, %s   %s   %s   NHS NO %s" % (self.sur.upper(), self.first.upper(), dob, sx, self.nhs)
        return "Name: %s\n%s\n%s\nNHS Number: %s\nAddress: %d %s" % (
            self.name(), dob, sx, self.nhs, r.randint(2, 140),
            r.choice(["Elm Grove", "Church Street", "Hollins Way", "Bridge Road", "Laburnum Court", "Kings Drive"]))

    def letter_date_line(self, prefix="Date: "):
        return self.say("letter_date", prefix + self.d(self.ldate))

    def age_phrase(self, mode=None):
        """an age statement in running text (registered as age evidence)"""
        a = self.f["age"]
        mode = mode or self.r.choice(["yo", "year_old", "aged", "words", "yrs", "dob_only"])
        if mode == "yo":
            return self.say(["age", "sex"], "%d yo %s" % (a, "M" if self.male else "F"))
        if mode == "year_old":
            return self.say(["age", "sex"], "%d-year-old %s" % (a, self.man))
        if mode == "aged":
            return self.say("age", "%s, aged %d," % (self.name(), a))
        if mode == "words":
            return self.say(["age", "sex"], "%s-year-old %s" % (words(a), self.man))
        if mode == "yrs":
            return self.say("age", "%s (%dy)" % (self.name(), a))
        return self.name()  # age only through DOB + letter date


# ----------------------------------------------------------------------------
# clinical phrases
# ----------------------------------------------------------------------------
def duration(r):
    return r.choice(["for the past 6/52", "for about three months", "since Christmas", "over the last eight weeks",
                     "for 4 months, worsening", "since the summer", "for the last 10/52", "ongoing since January",
                     "for roughly two months", "for 5-6 weeks now", "for around 12 weeks", "since early spring"])


def stones(kg):
    lb = round(kg * 2.20462)
    return "%dst %dlb" % (lb // 14, lb % 14)


def symptom_sentences(c):
    f, r = c.f, c.r
    he, He, his, His = c.he, c.He, c.his, c.His
    out = []
    if f["dysphagia"]:
        s = r.choice([
            "progressive dysphagia to solids %s" % duration(r),
            "difficulty swallowing (dysphagia) %s - food sticks behind the lower sternum" % duration(r),
            "\"the bread gets stuck halfway down\" - true dysphagia, %s" % r.choice(["worsening", "ongoing", "now daily"]),
            "dysphagia: initially only with meat but now with bread and rice as well",
            "new dysphagia %s, %s is now cutting food very small" % (duration(r), he)])
        out.append(c.say("dysphagia", s))
    if f["reflux"]:
        out.append(c.say("reflux", r.choice(["troublesome reflux %s" % duration(r), "acid reflux and heartburn most nights",
                                             "reflux symptoms, worse lying flat", "ongoing reflux with an acid taste"])))
    if f["dyspepsia"]:
        dur = duration(r) if not f["ppi_weeks"] else r.choice(["for over a year", "for about six months", "since last winter"])
        s = r.choice(["dyspepsia %s" % dur, "persistent dyspepsia (indigestion)",
                      "dyspepsia - burning discomfort after meals", "\"indigestion all the time\" - dyspepsia %s" % dur])
        out.append(c.say("dyspepsia", s))
        if f["ppi_weeks"] is not None:
            w = f["ppi_weeks"]
            drug = r.choice(["omeprazole 20 mg od", "lansoprazole 30mg once daily", "omeprazole 40mg", "esomeprazole 20 mg"])
            if w >= 4:
                wtxt = r.choice(["%d weeks" % w, "%s weeks" % words(w)] + (["%d months" % (w // 4)] if w % 4 == 0 and w >= 8 else []))
                s = r.choice(["symptoms persist despite %s of %s" % (wtxt, drug),
                              "no better after %s of %s, taken regularly" % (wtxt, drug),
                              "dyspepsia ongoing after a full %s trial of %s" % (wtxt, drug)])
            else:
                s = r.choice(["started %s %s ago" % (drug, "a week" if w == 1 else "two weeks"),
                              "has only been on %s for %s so far" % (drug, "one week" if w == 1 else "2 weeks")])
            out.append(c.say("ppi_weeks", s))
    elif f["ppi_weeks"] is not None:
        pass
    if f["upper_pain"]:
        out.append(c.say("upper_pain", r.choice(["epigastric pain %s" % duration(r), "upper abdominal pain, gnawing, worse after food",
                                                 "pain in the upper abdomen (epigastrium) radiating to the back",
                                                 "intermittent epigastric pain"])))
    if f["weight_loss"]:
        kg = r.choice([4, 5, 6, 7, 8, 9, 10, 12])
        start = r.choice([62, 70, 78, 85, 92, 101])
        s = r.choice([
            "unintentional weight loss of %d kg since %s" % (kg, MONTHS[(c.ldate.month - 4) % 12]),
            "weight down from %s to %s over about four months without trying" % (stones(start), stones(start - kg)),
            "has lost around %d%% of %s body weight, not dieting" % (max(5, round(100 * kg / start)), his),
            "\"my clothes are hanging off me\" - documented unexplained weight loss of %s kilograms" % words(kg),
            "BMI has fallen from %.1f to %.1f this year; %s is not trying to lose weight" % (
                start / 3.0, (start - kg) / 3.0, he),
            "weight %d kg today, %d kg in %s - unexplained loss" % (start - kg, start, MONTHS[(c.ldate.month - 6) % 12])])
        out.append(c.say("weight_loss", s))
    if f["lower_pain"]:
        out.append(c.say("lower_pain", r.choice(["left iliac fossa pain %s" % duration(r), "crampy lower abdominal pain",
                                                 "colicky right iliac fossa pain", "lower abdominal pain %s" % duration(r),
                                                 "intermittent LIF pain, worse before opening bowels"])))
    if f["cibh"]:
        t = f["cibh"]
        if t == "loose":
            s = r.choice(["change in bowel habit to looser stools, 3-4 times a day %s" % duration(r),
                          "CIBH - loose and more frequent since %s" % MONTHS[(c.ldate.month - 4) % 12],
                          "a change in bowel habit: now loose, urgent stools several times daily"])
        elif t == "constipation":
            s = r.choice(["change in bowel habit towards constipation %s" % duration(r),
                          "CIBH - now constipated, bowels open every 3-4 days where previously daily",
                          "a persistent change in bowel habit, harder stools and straining"])
        else:
            s = r.choice(["change in bowel habit, alternating between constipation and looser stool",
                          "CIBH (alternating) %s" % duration(r)])
        out.append(c.say("cibh", s))
    if f["rectal_bleeding"]:
        s = r.choice(["rectal bleeding %s, bright red, on the paper and in the pan" % duration(r),
                      "PR bleeding - dark red blood mixed in with the stool",
                      "fresh rectal bleeding on most days since %s" % MONTHS[(c.ldate.month - 3) % 12],
                      "intermittent PR bleed, ongoing", "\"blood every time I go\" - rectal bleeding, %s" % duration(r)])
        out.append(c.say("rectal_bleeding", s))
    if f["bloody_diarrhoea"]:
        n = r.choice([5, 6, 8, 10])
        s = r.choice(["bloody diarrhoea, %d-%d times a day, for the past %s" % (n, n + 2, r.choice(["10 days", "3 weeks", "fortnight"])),
                      "diarrhoea mixed with blood, up to %s times a day including at night" % words(n),
                      "bloody diarrhoea (%d/day) with urgency" % n])
        out.append(c.say("bloody_diarrhoea", s))
    if f["bloating"]:
        out.append(c.say("bloating", r.choice(["bloating", "abdominal bloating, worse by the evening",
                                               "\"I look six months pregnant by teatime\" - bloating"])))
    if f["haematemesis"]:
        s = r.choice(["haematemesis - has vomited fresh blood on three occasions this week, the last this morning",
                      "ongoing small-volume haematemesis (streaks of bright red blood in vomit) most mornings for 10 days",
                      "vomiting blood: two episodes in the past four days, most recent yesterday evening; observations stable today"])
        out.append(c.say("haematemesis", s))
    if f["jaundice"]:
        s = r.choice(["%s %s has noticed %s looks yellow; on examination %s is clearly jaundiced" % (
            his, "wife" if c.male else "husband", he, he),
                      "painless jaundice, noticed by %s daughter a week ago and deepening" % his,
                      "jaundice with dark urine and pale stools, no pain", "visibly jaundiced today, with itch"])
        out.append(c.say("jaundice", s))
    if f["confusion"]:
        out.append(c.say("confusion", r.choice(["new confusion over the past week - family say %s is muddled and sleepy in the day" % he,
                                                "increasing confusion, with asterixis present"])))
    return out


def exam_sentences(c):
    f, r = c.f, c.r
    out = []
    if f["rectal_mass"]:
        out.append(c.say("rectal_mass", r.choice(["PR: firm irregular rectal mass at about 6 cm on the anterior wall",
                                                  "DRE: hard mass palpable in the rectum, fingertip reach",
                                                  "rectal examination reveals a rectal mass, posteriorly"])))
    if f["anal_mass"]:
        out.append(c.say("anal_mass", r.choice(["a firm 2 cm anal mass at the verge", "hard anal mass on the left side of the anal margin"])))
    if f["anal_ulcer"]:
        out.append(c.say("anal_ulcer", r.choice(["unexplained anal ulceration - a non-healing ulcer at the anal margin, not a fissure",
                                                 "an indurated anal ulcer with no obvious cause (unexplained anal ulceration)"])))
    if f["abdominal_mass"]:
        out.append(c.say("abdominal_mass", r.choice(["a firm abdominal mass palpable in the right iliac fossa, about 5 cm",
                                                     "abdominal mass in the left iliac fossa, non-tender, irregular",
                                                     "palpable abdominal mass, central-right, which I have not felt before"])))
    if f["ascites"]:
        out.append(c.say("ascites", r.choice(["new ascites with shifting dullness", "abdomen distended with clinical ascites (confirmed on bedside scan)"])))
    if f["jaundice"] and r.random() < .5:
        out.append(c.say("jaundice", "sclerae icteric"))
    return out


def distractor_sentences(c):
    """negated / family / resolved / hypothetical / explained / uncertain mentions; never change the label"""
    f, r = c.f, c.r
    he, his = c.he, c.his
    pool = []
    if not f["weight_loss"]:
        pool += [("negated", "weight_loss", r.choice(["no weight loss", "weight stable", "denies any weight loss",
                                                      "weight steady at %d kg" % r.randint(58, 96)])),
                 ("explained", "weight_loss", "has lost %d kg deliberately through Slimming World, which %s is pleased about" % (r.randint(4, 9), he))]
    if not f["dysphagia"]:
        pool += [("negated", "dysphagia", r.choice(["no dysphagia", "denies dysphagia", "swallowing normal"])),
                 ("hypothetical", "dysphagia", "advised to return if %s develops any difficulty swallowing" % he),
                 ("resolved", "dysphagia", "had dysphagia in 2019 from a food bolus, fully resolved after OGD and none since")]
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        pool += [("negated", "rectal_bleeding", r.choice(["no PR bleeding", "no rectal bleeding", "denies blood in the stool",
                                                          "no blood that %s has noticed" % he])),
                 ("resolved", "rectal_bleeding", r.choice(["rectal bleeding in 2015 (haemorrhoids, banded), none since",
                                                           "two episodes of PR bleeding last year, none since"]))]
    if not f["jaundice"]:
        pool += [("negated", "jaundice", "not jaundiced"),
                 ("hypothetical", "jaundice", "safety-netted to seek help urgently if %s becomes yellow" % he)]
    if not f["haematemesis"]:
        pool += [("negated", "haematemesis", r.choice(["no haematemesis or melaena", "no haematemesis"])),
                 ("resolved", "haematemesis", r.choice(["one haematemesis in 2018 (Mallory-Weiss tear after vomiting), nil since",
                                                    "vomited blood once after a night out in %d, never again" % r.randint(2005, 2020)]))]
    if not f["abdominal_mass"]:
        pool += [("negated", "abdominal_mass", r.choice(["no abdominal mass", "abdomen soft, no masses palpable"]))]
    if not (f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]):
        pool += [("negated", "rectal_mass", "PR: no masses felt")]
    if f["cibh"] is None and not f["bloody_diarrhoea"]:
        pool += [("negated", "cibh", r.choice(["bowels unchanged", "no change in bowel habit"]))]
    if not f["dyspepsia"] and not f["reflux"]:
        pool += [("negated", "dyspepsia", "no reflux or indigestion")]
    rel, rp = r.choice([("father", "his"), ("mother", "her"), ("uncle", "his")])
    pool += [("family_history", "other_cancer", r.choice(["%s had oesophageal cancer in %s seventies" % (rel, rp),
                                                          "%s died of stomach cancer aged %d" % (rel, r.randint(66, 84)),
                                                          "FH: %s - pancreatic cancer" % rel])),
             ("family_history", "ibd", r.choice(["%s brother has Crohn's disease" % his, "%s mother has ulcerative colitis" % his,
                                                 "FHx UC (cousin)"])),
             ("family_history", "coeliac", r.choice(["sister has coeliac disease", "%s son was diagnosed with coeliac disease last year" % his])),
             ("family_history", "liver", r.choice(["%s father had liver cirrhosis (alcohol)" % his, "brother had hepatitis B"]))]
    if not f["fh_crc"]:
        pass
    return pool


def uncertain_pool(c):
    """uncertain mentions; only kept when the label is the same whether or not they count"""
    f, r = c.f, c.r
    out = []
    if not f["rectal_bleeding"]:
        out.append(("uncertain", "rectal_bleeding", "? blood on the tissue once - she is unable to say" if not c.male else "? blood on the tissue once - he is unable to say"))
    if not f["weight_loss"]:
        out.append(("uncertain", "weight_loss", "possibly a little weight loss, not measured"))
    if not f["abdominal_mass"]:
        out.append(("uncertain", "abdominal_mass", "I wonder whether there is some fullness in the RIF but cannot be sure"))
    out.append(("uncertain", None, r.choice(["cannot rule out an underlying malignancy", "to exclude anything sinister",
                                             "I would be grateful if you could exclude colorectal pathology",
                                             "I wonder whether this is IBS"])))
    return out


def flip_invariant(f, fact):
    if fact is None:
        return True
    g = dict(f)
    if fact == "cibh":
        g["cibh"] = "constipation"
    else:
        g[fact] = True
    return robust_rule(g) == robust_rule(f)


# ----------------------------------------------------------------------------
# results
# ----------------------------------------------------------------------------
def hb_parts(c, val=None):
    v = c.f["hb"] if val is None else val
    if c.hb_unit == "g/dL":
        return "%.1f" % (v / 10.0), "g/dL", ("12.0 - 15.0" if not c.male else "13.0 - 17.0")
    return "%d" % v, "g/L", ("120 - 150" if not c.male else "130 - 170")


def hb_flag(c, v):
    return "L" if v < (130 if c.male else 120) else ""


def calpro_txt(f):
    return "<50" if f["calpro"] == 49 else str(f["calpro"])


def result_line(c, key, mode):
    """render one result; returns text (registered) or None"""
    f, r = c.f, c.r
    if key == "hb":
        v, u, ref = hb_parts(c)
        if mode == "lab":
            return c.say("hb", "%-28s %6s %-5s [%s] %s" % ("Haemoglobin estimation", v, u, ref, hb_flag(c, f["hb"]))).rstrip()
        if mode == "pipe":
            return c.say("hb", "| Haemoglobin | %s | %s | %s | %s |" % (v, u, ref, hb_flag(c, f["hb"]) or " "))
        if mode == "tab":
            return c.say("hb", "Hb\t%s %s" % (v, u))
        if mode == "words":
            return c.say("hb", "haemoglobin %s %s" % (words(f["hb"] / 10.0) if u == "g/dL" else words(f["hb"]),
                                                       "grams per decilitre" if u == "g/dL" else "grams per litre"))
        if mode == "trend" and c.hb_old is not None:
            ov = hb_parts(c, c.hb_old)[0]
            word = "down" if c.hb_old > f["hb"] else "up"
            t = c.say("hb", "Hb %s from %s to %s %s" % (word, ov, v, u))
            c.dist("old_value", "hb", t)
            return t
        return c.say("hb", r.choice(["Hb %s %s" % (v, u), "haemoglobin %s %s" % (v, u), "Hb %s" % v if u == "g/L" else "Hb %s g/dL" % v]))
    if key == "ferritin":
        v = f["ferritin"]
        if mode == "lab":
            return c.say("ferritin", ("%-28s %6d %-5s [30 - 400] %s" % ("Serum ferritin", v, "ug/L", "L" if v < 30 else "")).rstrip())
        if mode == "pipe":
            return c.say("ferritin", "| Ferritin | %d | ug/L | 30-400 | %s |" % (v, "L" if v < 30 else " "))
        if mode == "tab":
            return c.say("ferritin", "Ferritin\t%d ug/L" % v)
        if mode == "words":
            return c.say("ferritin", "ferritin %s micrograms per litre" % words(v))
        return c.say("ferritin", r.choice(["ferritin %d ug/L" % v, "ferritin %d" % v, "Ferritin %d ug/L" % v]))
    if key == "fit":
        if f["fit"] is None:
            st = f["fit_status"]
            if st == "awaited":
                return c.say("fit_status", r.choice(["FIT requested - awaited", "FIT kit given, not yet returned"]))
            if st == "requested":
                return c.say("fit_status", r.choice(["FIT requested today", "FIT sent off, result awaited"]))
            return None
        t = f["fit_text"]
        if mode == "words" and t not in ("<4", "<10"):
            if t in ("not detected", "negative", "undetectable"):
                return c.say("fit", "FIT %s" % t)
            return c.say("fit", "FIT %s" % words(float(t) if "." in t else int(t)))
        if mode == "lab":
            return c.say("fit", "%-28s %6s ug Hb/g [<10]" % ("FIT (faecal haemoglobin)", t))
        if mode == "pipe":
            return c.say("fit", "| FIT | %s | ug Hb/g faeces | <10 | |" % t)
        if mode == "tab":
            return c.say("fit", "FIT result\t%s" % t)
        if t in ("not detected", "negative", "undetectable"):
            return c.say("fit", r.choice(["FIT %s" % t, "qFIT: %s" % t]))
        if t.startswith("<"):
            return c.say("fit", r.choice(["FIT %s" % t, "FIT %s ug Hb/g" % t, "qFIT %s ug Hb/g faeces" % t]))
        if f["fit"] >= 10:
            return c.say("fit", r.choice(["FIT %s" % t, "qFIT %s ug Hb/g" % t, "FIT positive (%s)" % t, "FIT %s ug Hb/g faeces" % t]))
        return c.say("fit", r.choice(["FIT %s ug Hb/g" % t, "qFIT %s" % t]))
    if key == "calpro":
        t = calpro_txt(f)
        if mode == "lab":
            return c.say("calpro", "%-28s %6s ug/g" % ("Faecal calprotectin", t))
        if mode == "pipe":
            return c.say("calpro", "| Calprotectin | %s | ug/g | <50 | |" % t)
        if mode == "tab":
            return c.say("calpro", "Calprotectin\t%s ug/g" % t)
        if mode == "words" and not t.startswith("<"):
            return c.say("calpro", "calprotectin %s" % words(f["calpro"]))
        if mode == "trend" and c.cal_old is not None:
            tt = c.say("calpro", "calprotectin %d last year, now %s" % (c.cal_old, t))
            c.dist("old_value", "calpro", tt)
            return tt
        return c.say("calpro", r.choice(["faecal calprotectin %s ug/g" % t, "FCP %s" % t, "calprotectin %s" % t]))
    if key == "alt":
        v = f["alt"]
        if mode == "lab":
            return c.say("alt", ("%-28s %6d U/L   [0 - 35] %s" % ("ALT", v, "H" if v > 35 else "")).rstrip())
        if mode == "pipe":
            return c.say("alt", "| ALT | %d | U/L | 0-35 | %s |" % (v, "H" if v > 35 else " "))
        if mode == "tab":
            return c.say("alt", "ALT\t%d U/L" % v)
        if mode == "words":
            return c.say("alt", "ALT %s" % words(v))
        if mode == "trend" and c.alt_old is not None:
            tt = c.say("alt", "ALT %d in %s, %d now" % (c.alt_old, MONTHS[(c.ldate.month - 5) % 12], v))
            c.dist("old_value", "alt", tt)
            return tt
        return c.say("alt", r.choice(["ALT %d U/L" % v, "ALT %d" % v, "alanine transaminase %d U/L" % v]))
    if key == "ttg":
        v = c.ttg_val
        if mode in ("lab", "pipe", "tab"):
            return c.say("ttg_raised", "tTG IgA %s U/mL (ref <7) - raised" % v)
        return c.say("ttg_raised", r.choice(["coeliac serology positive: tTG IgA %s U/mL (ref <7)" % v,
                                             "raised tTG (%s, normal <7)" % v, "anti-tTG %s - positive" % v]))
    if key == "usS":
        return c.say("fatty_liver", r.choice(["USS abdomen: diffusely bright liver consistent with fatty liver",
                                              "ultrasound shows fatty liver (hepatic steatosis), no focal lesion",
                                              "USS: fatty infiltration of the liver"]))
    return None


def extra_normals(c):
    """normal-value distractors: (text, fact) pairs"""
    f, r = c.f, c.r
    out = []
    if not f["ttg_raised"]:
        out.append(("coeliac serology negative (tTG <1)", "ttg_raised"))
    if f["alt"] is None and not f["jaundice"] and not f["fatty_liver"] and not f["cirrhosis"]:
        out.append(("LFTs normal", "alt"))
    if not f["fatty_liver"] and r.random() < .4:
        out.append(("USS abdomen normal - no fatty change, normal liver echotexture", "fatty_liver"))
    out.append(("CRP %d" % r.randint(1, 7), "crp"))
    return out


# ----------------------------------------------------------------------------
# shared pieces for layouts
# ----------------------------------------------------------------------------
PRIO_TEXT = {
    "usc": ["Priority: 2WW", "Urgent suspected cancer (2WW) referral", "Please see under the two week wait pathway",
            "Referral type: Urgent Suspected Cancer"],
    "urgent": ["Priority: Urgent", "Urgent please (not suspected cancer)", "I would be grateful for an urgent appointment",
               "Referral priority: URGENT"],
    "routine": ["Priority: Routine", "A routine appointment would be fine", "Routine referral please",
                "Referral priority: ROUTINE"],
    "ag": ["Advice and guidance only - no appointment needed unless you disagree",
           "I would value your advice rather than an appointment", "Request type: Advice & Guidance",
           "Advice only please"],
}
GP_PRIORITY_WORDS = {"usc": "2WW / urgent suspected cancer", "urgent": "urgent (non-cancer)", "routine": "routine",
                     "ag": "advice and guidance only", None: None}


def prio(c):
    if c.prio_cat is None:
        return ""
    return c.r.choice(PRIO_TEXT[c.prio_cat])


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def joinl(items):
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def hx_extras(c):
    f, r = c.f, c.r
    out = []
    if f["cirrhosis"]:
        out.append(c.say("cirrhosis", r.choice(["known alcohol-related cirrhosis (diagnosed %d)" % r.randint(2015, 2022),
                                                "known cirrhosis secondary to MASLD, under your hepatology team",
                                                "known cirrhosis (hepatitis C, treated %d)" % r.randint(2012, 2020)])))
        if not f["ascites"] and not f["confusion"]:
            out.append(c.dist("negated", "ascites", "no ascites, no confusion, compensated"))
    if f["known_ibd"]:
        dx = "ulcerative colitis" if f["known_ibd"] == "UC" else "Crohn's disease"
        yr = r.randint(2008, 2021)
        out.append(c.say("known_ibd", r.choice(["known %s since %d" % (dx, yr), "background of %s (diagnosed %d)" % (dx, yr),
                                                "known %s, last seen in your clinic %d" % (f["known_ibd"], min(yr + 3, 2023))])))
        if f["ibd_stable"]:
            out.append(c.say("ibd_stable", r.choice(["currently stable, in remission on %s" % c.ibd_drug,
                                                     "stable - no flare for over two years on %s" % c.ibd_drug,
                                                     "in clinical remission and well on %s, bowels formed once a day" % c.ibd_drug])))
        if f["mgmt_question"]:
            q = {"stop_aza": "could we consider stopping azathioprine after five years of remission?",
                 "pregnancy": "planning a pregnancy - is it safe to continue the current IBD treatment?",
                 "vaccines": "which vaccinations are safe on %s?" % c.ibd_drug,
                 "surveillance": "is a surveillance colonoscopy due, and when?",
                 "bone": "does %s need a DEXA scan or bone protection after several steroid courses?" % c.he,
                 "mesalazine_dose": ("can the mesalazine dose be reduced now that %s is well?" % c.he) if "mesalazine" in c.ibd_drug
                 else "how long should %s stay on %s?" % (c.he, c.ibd_drug),
                 "travel": "travelling to Kenya soon - any advice on yellow fever vaccination on %s?" % c.ibd_drug}[f["mgmt_question"]]
            out.append(c.say("mgmt_question", "Question: " + q))
        if not f["ibd_stable"]:
            out.append(c.say("known_ibd", "now flaring despite %s" % c.ibd_drug))
    if f["fh_crc"]:
        out.append(c.say("fh_crc", r.choice(["%s mother was diagnosed with colorectal cancer aged %d" % (c.his, r.randint(44, 58)),
                                             "family history: two first-degree relatives (father and brother) with bowel cancer",
                                             "%s sister had bowel cancer at %d" % (c.his, r.randint(39, 49))])))
    return out


def asymptomatic_line(c):
    return c.say("asymptomatic", c.r.choice(["%s is completely asymptomatic - bowels regular, no bleeding, weight stable" % c.He,
                                             "asymptomatic from a GI point of view",
                                             "no GI symptoms at all; %s is asking about screening" % c.he]))


def results_lines(c, mode):
    out = []
    for k in c.res_keys:
        m = mode
        if m == "mixed":
            m = c.r.choice(["inline", "inline", "trend"])
        t = result_line(c, k, m)
        if t:
            out.append(t)
    return out


def distractor_texts(c):
    return [d["text"] for d in c.dsel]


def para_history(c, opener=None, with_sym=True):
    opener = opener or c.r.choice(["%s reports" % c.He, "%s describes" % c.He, "%s presents with" % c.He,
                                   "%s has had" % c.He, "History:"])
    sym = c.sym if with_sym else []
    parts = []
    if sym:
        parts.append("%s %s." % (opener, joinl(sym)))
    ex = c.hxx
    if ex:
        parts.append((cap("; ".join(ex)) + ".").replace("?.", "?"))
    dd = distractor_texts(c)
    if dd:
        parts.append(cap("; ".join(dd)) + ".")
    return " ".join(parts)


def exam_text(c):
    if not c.exam:
        return c.fill(c.r.choice(["Abdomen soft and non-tender.", "Examination unremarkable.", "Obs normal, abdomen benign."]))
    return cap("; ".join(c.exam)) + "."


def signoff(c, who=None):
    who = who or c.gp
    return c.fill(c.r.choice(["Yours sincerely", "Kind regards", "With thanks and best wishes", "Many thanks"])) + "\n\n" + who + "\n" + c.practice


def practice_head(c):
    return "%s\n%s\nPractice code: %s\nTel: 01%03d %06d" % (c.practice, c.fill(c.paddr), c.pcode,
                                                          c.r.randint(100, 999), c.r.randint(100000, 999999))


def prio_line(c):
    p = prio(c)
    return (p + ("" if p.endswith(".") else ".")) if p else ""


# ----------------------------------------------------------------------------
# layouts (style name -> function)
# ----------------------------------------------------------------------------
def L_plain_dear_doctor(c):
    r = c.r
    res = results_lines(c, "mixed")
    t = [practice_head(c), "", c.letter_date_line(), "", "Dear " + r.choice(["Doctor", "Colleague", c.cons]), "",
         "Re: " + c.banner("line"), "",
         c.fill("Thank you for seeing this ") + c.age_phrase(r.choice(["year_old", "words", "year_old"])) +
         c.fill(" who I saw in surgery this week."), "", para_history(c), "",
         "On examination: " + exam_text(c), ""]
    if res:
        t += ["Recent results: " + "; ".join(res) + ".", ""]
    t += [c.fill("Past history includes hypertension and osteoarthritis of the knees." if c.f["age"] >= 50 else
          "Otherwise no significant past medical history; non-smoker.") + " " + prio_line(c), "",
          c.fill("I would be grateful for your assessment and further management."), "", signoff(c)]
    return "\n".join(t)


def L_plain_ers_template(c):
    r = c.r
    res = results_lines(c, "inline")
    t = ["e-Referral Service - Referral Letter", "Service: Gastroenterology", c.letter_date_line("Date of referral: "),
         "Referring clinician: %s, %s (%s)" % (c.gp, c.practice, c.pcode), "", c.banner("block"), "",
         "Reason for referral:", c.age_phrase("year_old") + " - " + (joinl(c.sym) or "see below"), "",
         "History of presenting complaint:", para_history(c), "", "Examination:", exam_text(c), "",
         "Investigations:", ("\n".join("- " + x for x in res) if res else c.fill("None yet")), "",
         "Current medication:", "\n".join(c.meds) or "Nil", "", "Priority requested:", prio(c) or "not stated", "",
         signoff(c)]
    return "\n".join(t)


def L_plain_short_letter(c):
    r = c.r
    res = results_lines(c, "inline")
    body = "I saw this %s today. %s" % (c.age_phrase(r.choice(["year_old", "words"])), para_history(c))
    if c.exam:
        body += " Examination: " + exam_text(c)
    if res:
        body += " Bloods/tests: " + ", ".join(res) + "."
    return "\n".join([c.letter_date_line(), "", "Dear Gastroenterology team,", "", "Re: %s, %s, NHS %s" % (
        c.name(), c.say("age_dob", "DOB " + c.d(c.dob)), c.nhs), "", body, "", prio_line(c) + " " + c.fill("Thank you for your help."), "", signoff(c)])


def L_plain_structured_sbar(c):
    res = results_lines(c, "inline")
    return "\n".join([practice_head(c), c.letter_date_line(), "", c.banner("line"), "",
                      "SITUATION: " + c.age_phrase("year_old") + " referred to gastroenterology.",
                      "BACKGROUND: " + (cap("; ".join(c.hxx)) + "." if c.hxx else c.fill("Nil significant; non-smoker.")),
                      "ASSESSMENT: " + (cap(joinl(c.sym)) + ". " if c.sym else "") +
                      (cap("; ".join(distractor_texts(c))) + ". " if c.dsel else "") + exam_text(c) +
                      (" Results: " + "; ".join(res) + "." if res else "") +
                      "",
                      "RECOMMENDATION: " + c.fill("please assess and investigate as you see fit. ") + prio_line(c), "",
                      signoff(c)])


def tick(mark, on):
    return {"x": ("[X]", "[ ]"), "u": ("\u2612", "\u2610"), "yn": ("Yes", "No "), "star": ("(*)", "( )")}[mark][0 if on else 1]


def ng12_lower(c):
    f = c.f
    ida = f["hb"] is not None and f["ferritin"] is not None and f["hb"] < (130 if c.male else 120) and f["ferritin"] < 30
    a = f["age"]
    return [
        ("Aged 40 and over with unexplained weight loss and abdominal pain", a >= 40 and f["weight_loss"] and f["lower_pain"], ["weight_loss", "lower_pain"]),
        ("Aged 50 and over with unexplained rectal bleeding", a >= 50 and f["rectal_bleeding"], ["rectal_bleeding"]),
        ("Aged 60 and over with iron-deficiency anaemia or change in bowel habit", a >= 60 and (ida or bool(f["cibh"])), ["cibh"] if f["cibh"] else ["hb", "ferritin"]),
        ("FIT result at or above 10 micrograms Hb/g faeces", f["fit"] is not None and f["fit"] >= 10, ["fit"]),
        ("Rectal or abdominal mass", f["rectal_mass"] or f["abdominal_mass"], ["rectal_mass" if f["rectal_mass"] else "abdominal_mass"]),
        ("Unexplained anal mass or anal ulceration", f["anal_mass"] or f["anal_ulcer"], ["anal_mass" if f["anal_mass"] else "anal_ulcer"]),
        ("Under 50 with rectal bleeding AND abdominal pain / change in bowel habit / weight loss / IDA",
         a < 50 and f["rectal_bleeding"] and (f["lower_pain"] or bool(f["cibh"]) or f["weight_loss"] or ida), ["rectal_bleeding"]),
    ]


def ng12_upper(c):
    f = c.f
    a = f["age"]
    return [
        ("Dysphagia (any age)", f["dysphagia"], ["dysphagia"]),
        ("Aged 55 and over with weight loss AND upper abdominal pain, reflux or dyspepsia",
         a >= 55 and f["weight_loss"] and (f["upper_pain"] or f["reflux"] or f["dyspepsia"]), ["weight_loss"]),
        ("Haematemesis (consider same-day assessment)", f["haematemesis"], ["haematemesis"]),
        ("Aged 55 and over with treatment-resistant dyspepsia (non-urgent OGD)",
         a >= 55 and f["dyspepsia"] and (f["ppi_weeks"] or 0) >= 4, ["dyspepsia"]),
        ("Upper abdominal mass consistent with stomach cancer", False, ["abdominal_mass"]),
    ]


def criteria_block(c, crit, mark):
    out = []
    for text, on, facts in crit:
        line = "%s %s" % (tick(mark, on), text)
        if on:
            c.say(facts, line)
        else:
            c.dist("unticked_box", ",".join(facts), line)
        out.append(line)
    return out


def L_ng12_lower_form(c):
    r = c.r
    mark = r.choice(["x", "u", "star"])
    res = results_lines(c, r.choice(["inline", "lab"]))
    fitl = result_line(c, "fit", "inline") if "fit" not in c.res_keys else None
    t = ["SUSPECTED LOWER GASTROINTESTINAL CANCER REFERRAL", "NICE NG12 - Urgent Suspected Cancer (2 week wait)", "",
         c.banner("block"), c.letter_date_line("Date of decision to refer: "), "Referrer: %s  Practice: %s (%s)" % (c.gp, c.practice, c.pcode), "",
         "REFERRAL CRITERIA (tick all that apply):"] + criteria_block(c, ng12_lower(c), mark) + [
        "", "FIT result (required unless rectal/anal mass or anal ulceration):",
        fitl or (result_line(c, "fit", "inline") if c.f["fit"] is None and c.f["fit_status"] != "none" else "") or
        ("see results below" if c.f["fit"] is not None else c.say("fit_status", "not done")),
        "", "Clinical details:", para_history(c), exam_text(c), "", "Blood results (last 3 months):"] + (res or ["FBC pending"]) + [
        "", "WHO performance status: %d" % r.choice([0, 0, 1, 1, 2]), c.fill("Patient informed this is a suspected cancer referral: Yes"),
        c.fill("Patient available in the next 14 days: Yes"), "", "GP comment: " + (prio(c) or "-")]
    return "\n".join(t)


def L_ng12_upper_form(c):
    r = c.r
    mark = r.choice(["x", "u", "yn"])
    res = results_lines(c, "inline")
    t = ["Upper GI Urgent Suspected Cancer Referral Form (NG12)", c.letter_date_line("Referral date: "),
         c.banner("line"), "GP: %s, %s" % (c.gp, c.practice), "", "Section 1 - criteria met:"] + \
        criteria_block(c, ng12_upper(c), mark) + [
        "", "Section 2 - symptoms / history:", para_history(c), "", "Section 3 - examination:", exam_text(c), "",
        "Section 4 - bloods:", ("; ".join(res) if res else c.fill("FBC requested")), "",
        "Anticoagulants: %s" % r.choice(["No", "Apixaban 5mg bd", "No"]), "Additional comments: " + (prio(c) or "none")]
    return "\n".join(t)


def symptom_checklist(c):
    f = c.f
    return [("Rectal bleeding", f["rectal_bleeding"], "rectal_bleeding"),
            ("Change in bowel habit", bool(f["cibh"]), "cibh"),
            ("Unexplained weight loss", f["weight_loss"], "weight_loss"),
            ("Lower abdominal pain", f["lower_pain"], "lower_pain"),
            ("Abdominal mass", f["abdominal_mass"], "abdominal_mass"),
            ("Dysphagia", f["dysphagia"], "dysphagia"),
            ("Dyspepsia", f["dyspepsia"], "dyspepsia"),
            ("Jaundice", f["jaundice"], "jaundice")]


def L_straight_to_test(c):
    r = c.r
    mark = r.choice(["x", "u"])
    lines = []
    for lab, on, fk in symptom_checklist(c):
        s = "%s %s" % (tick(mark, on), lab)
        if on:
            c.say(fk, s)
        else:
            c.dist("unticked_box", fk, s)
        lines.append(s)
    res = results_lines(c, "tab")
    t = ["STRAIGHT TO TEST - LOWER GI (colonoscopy / CT colonography)", c.letter_date_line(), c.banner("caps"), "",
         "Symptoms (tick those present; blank = not present):"] + lines + [
        "", "Details:", para_history(c), exam_text(c), "", "Results:"] + (res or ["none"]) + [
        "", "eGFR\t>%d" % r.choice([60, 90]), "Able to tolerate bowel preparation\tYes", "Anticoagulant\tNone",
        "WHO PS\t%d" % r.choice([0, 1]), "", "Requested priority\t" + (prio(c) or "-"), "Referrer\t" + c.gp]
    return "\n".join(t)


def L_lft_pathway(c):
    f, r = c.f, c.r
    yn = lambda b: "Yes" if b else "No"
    lines = ["ABNORMAL LIVER BLOOD TEST PATHWAY - REFERRAL FORM", c.letter_date_line(), c.banner("block"), "",
             "1. ALT (U/L):", "   " + (result_line(c, "alt", "inline") if f["alt"] is not None else c.fill("not measured")),
             "2. Bilirubin (umol/L):", "   " + ("%d [0-21] H" % r.randint(60, 240) if f["jaundice"] else "%d [0-21]" % r.randint(5, 17)),
             "3. Ultrasound liver:", "   " + (result_line(c, "usS", "inline") if f["fatty_liver"] else c.fill("not yet done")),
             "4. Alcohol (units/week): %d" % r.choice([0, 4, 10, 18, 30, 60]),
             "5. Known cirrhosis?   " + (c.say("cirrhosis", "Yes - known cirrhosis") if f["cirrhosis"] else "No"),
             "6. Ascites?   " + (c.say("ascites", "Yes - ascites") if f["ascites"] else "No"),
             "7. Confusion / encephalopathy?   " + (c.say("confusion", "Yes - new confusion") if f["confusion"] else "No"),
             "8. Clinically jaundiced?   " + (c.say("jaundice", "Yes - clinically jaundiced") if f["jaundice"] else "No"),
             "", "Clinical summary:", para_history(c), exam_text(c)]
    others = [x for x in c.res_keys if x not in ("alt", "usS")]
    if others:
        lines += ["Other results: " + "; ".join(result_line(c, k, "inline") or "" for k in others)]
    lines += ["", "Urgency requested: " + (prio(c) or "not specified"), "Referrer: " + c.gp + ", " + c.practice]
    return "\n".join(lines)


def L_ibd_flare_form(c):
    f, r = c.f, c.r
    dx = {"UC": "Ulcerative colitis", "Crohn's": "Crohn's disease", None: "Not yet diagnosed"}[f["known_ibd"]]
    stools = "%d per day" % (r.randint(5, 9) if f["bloody_diarrhoea"] else (r.randint(3, 5) if f["cibh"] == "loose" else 1))
    blood = c.say("bloody_diarrhoea", "Yes - blood mixed with diarrhoea") if f["bloody_diarrhoea"] else "No"
    if not f["bloody_diarrhoea"]:
        c.dist("negated", "bloody_diarrhoea", "Blood in stool: No")
    lines = ["IBD FLARE - ADVICE AND GUIDANCE PROFORMA", c.letter_date_line(), c.banner("line"), "",
             "Diagnosis: " + (c.say("known_ibd", dx) if f["known_ibd"] else dx),
             "Current IBD medication: " + (c.ibd_drug if f["known_ibd"] else "none"),
             "Stool frequency: " + stools, "Blood in stool: " + blood,
             "Nocturnal symptoms: " + ("Yes" if f["bloody_diarrhoea"] else "No"),
             "Faecal calprotectin: " + (result_line(c, "calpro", r.choice(["inline", "trend"])) if f["calpro"] is not None else "not done"),
             "CRP: %d" % (r.randint(20, 80) if f["bloody_diarrhoea"] else r.randint(1, 6)), "",
             "Clinical summary / question for IBD team:", para_history(c)]
    others = [x for x in c.res_keys if x != "calpro"]
    if others:
        lines += ["Other results: " + "; ".join(result_line(c, k, "inline") or "" for k in others)]
    lines += ["", "Response requested: " + (prio(c) or "-"), "Completed by: " + c.gp]
    return "\n".join(lines)


def L_dyspepsia_hp_form(c):
    f, r = c.f, c.r
    yn = lambda b: "Y" if b else "N"
    alarm = [("Dysphagia", "dysphagia"), ("Unintentional weight loss", "weight_loss"), ("Haematemesis", "haematemesis"),
             ("Upper abdominal mass", "abdominal_mass")]
    al = []
    for lab, k in alarm:
        s = "  %s: %s" % (lab, yn(f[k]))
        if f[k]:
            c.say(k, s)
        else:
            c.dist("negated", k, s)
        al.append(s)
    ppi = "not tried"
    if f["ppi_weeks"]:
        ppi = [x for x in c.sym if "omeprazole" in x or "prazole" in x]
        ppi = ppi[0] if ppi else "see history"
    lines = ["DYSPEPSIA AND H. PYLORI PATHWAY - REFERRAL", c.letter_date_line(), c.banner("block"), "",
             "Presenting symptoms:", "  " + (joinl(c.sym) or "-"),
             "PPI trial (drug / dose / duration):", "  " + ppi,
             "H. pylori stool antigen: %s" % r.choice(["negative", "negative", "positive - eradicated, repeat test negative"]),
             "Alarm features:"] + al + ["", "Other history:", para_history(c, with_sym=False) or "nil else"]
    if c.res_keys:
        lines += ["Bloods: " + "; ".join(result_line(c, k, "inline") or "" for k in c.res_keys)]
    lines += ["", "Outcome requested: " + (prio(c) or "-"), c.gp]
    return "\n".join(lines)


def L_form_pipe_table(c):
    r = c.r
    rows = [("Patient", c.name()), ("DOB", c.say("age_dob", c.d(c.dob))), ("Sex", c.say("sex", c.sex_word())),
            ("NHS No", c.nhs), ("Referral date", c.say("letter_date", c.d(c.ldate))), ("Specialty", "Gastroenterology"),
            ("Priority", prio(c) or "")]
    w = 18
    sep = "+" + "-" * (w + 2) + "+" + "-" * 62 + "+"
    t = [sep]
    for a, b in rows:
        t.append("| %-*s | %-60s |" % (w, a, b))
        t.append(sep)
    t += ["", "Clinical information", sep]
    hist = para_history(c)
    chunk = [hist[i:i + 60] for i in range(0, len(hist), 60)] if False else [hist]
    t.append("| %-*s | %s |" % (w, "History", hist))
    t.append(sep)
    t.append("| %-*s | %s |" % (w, "Examination", exam_text(c)))
    t.append(sep)
    if c.res_keys:
        t += ["", "| Test | Result | Units | Range | Flag |", "+------+--------+-------+-------+------+"]
        t += [x for x in (result_line(c, k, "pipe") for k in c.res_keys) if x]
    t += ["", "Referrer: " + c.gp]
    return "\n".join(t)


def L_form_tab_cells(c):
    r = c.r
    lines = ["Referral Form Export", "Patient Name\t" + c.name(), "Date of Birth\t" + c.say("age_dob", c.d(c.dob)),
             "Gender\t" + c.say("sex", c.sex_word()), "NHS Number\t" + c.nhs, "Date\t" + c.say("letter_date", c.d(c.ldate)),
             "Referring GP\t" + c.gp, "Urgency\t" + (prio(c) or ""), "Presenting complaint\t" + (joinl(c.sym) or "see history"),
             "History\t" + para_history(c), "Examination\t" + exam_text(c)]
    lines += [x for x in (result_line(c, k, "tab") for k in c.res_keys) if x]
    lines += ["Allergies\tNKDA", "Interpreter required\tNo"]
    return "\n".join(lines)


def L_form_answer_below(c):
    r = c.r
    q = ["Q1. Patient details", c.banner("block"), "", "Q2. Date of referral", "", c.letter_date_line(""), "",
         "Q3. What is the main problem?", "", "", "    " + (joinl(c.sym) or "please see Q5"), "",
         "Q4. Relevant examination findings", "", exam_text(c), "",
         "Q5. Further history", "", "", para_history(c), "", "Q6. Investigations to date", "", ""]
    q += ["    " + x for x in results_lines(c, "inline")] or ["    none"]
    q += ["", "Q7. Priority requested by referrer", "", "", "    " + (prio(c) or "(left blank)"), "", "Completed by " + c.gp]
    return "\n".join(q)


SNOMEDISH = {"dysphagia": "Dysphagia (XE0r5)", "rectal_bleeding": "Rectal haemorrhage (J68z2)", "cibh": "Change in bowel habit (19C..)",
             "weight_loss": "Abnormal weight loss (R1830)", "dyspepsia": "Dyspepsia (J16y4)", "reflux": "Gastro-oesophageal reflux (J101.)",
             "lower_pain": "Lower abdominal pain (R0903)", "upper_pain": "Epigastric pain (R0901)", "bloating": "Bloating (R0706)",
             "haematemesis": "Haematemesis (J680.)", "jaundice": "Jaundice (R024.)", "bloody_diarrhoea": "Bloody diarrhoea (19F2.)"}


def first_problem(c):
    for k in ["dysphagia", "haematemesis", "jaundice", "bloody_diarrhoea", "rectal_bleeding", "weight_loss", "cibh", "dyspepsia",
              "reflux", "upper_pain", "lower_pain", "bloating"]:
        if c.f[k]:
            return SNOMEDISH[k]
    if c.f["known_ibd"]:
        return "Inflammatory bowel disease - review (J4...)"
    if c.f["fh_crc"]:
        return "Family history of colorectal cancer (12C8.)"
    return "Abnormal blood test (R14..)"


def L_emis_extract(c):
    r = c.r
    d0 = c.ago(r.randint(0, 3))
    res = results_lines(c, "lab")
    t = ["Consultation extract - EMIS Web", c.banner("line"), c.letter_date_line("Printed: "), "",
         "%s %02d:%02d  Surgery Consultation  %s" % (fmt_date(d0, "d_mon_y"), r.randint(8, 17), r.randint(0, 59), c.gp),
         "Problem: " + first_problem(c), "History: " + para_history(c, "Pt reports"), "Examination: " + exam_text(c),
         "Comment: " + c.fill("for referral to gastroenterology, discussed with patient") + ". " + prio_line(c),
         "Referral to gastroenterologist (8H4K.)", ""]
    if res:
        t += ["Test results (%s):" % fmt_date(c.ago(r.randint(3, 20)), "d_mon_y")] + res
    t += ["", "Medication (repeat):"] + ["  " + m for m in c.meds]
    return "\n".join(t)


def L_systmone_extract(c):
    r = c.r
    res = results_lines(c, "lab")
    t = ["SystmOne - Journal extract for %s" % c.name(), "%s  %s  NHS %s" % (c.say("age_dob", "DOB " + c.d(c.dob)), c.say("sex", c.sex_word()), c.nhs),
         c.letter_date_line("Extract date "), "",
         "%s  %s (GP Partner)" % (fmt_date(c.ago(r.randint(0, 5)), "dmy_slash"), c.gp), "  " + first_problem(c),
         "  " + para_history(c, "c/o"), "  O/E: " + exam_text(c)]
    if res:
        t += ["  Results:"] + ["    " + x for x in res]
    t += ["  Plan: " + c.fill("refer gastro") + ". " + prio_line(c), "", c.fill("Extract ends")]
    return "\n".join(t)


def L_vision_multi(c):
    r = c.r
    old = c.ago(r.randint(200, 420))
    rs = c.dist("resolved", "old_problem", r.choice([
        "Diarrhoea (gastroenteritis after holiday) - settled after 5 days, no further episodes",
        "Epigastric discomfort on naproxen - naproxen stopped, symptoms resolved completely" if not (c.f["upper_pain"] or c.f["dyspepsia"]) else "Tennis elbow - resolved",
        "Dysphagia (food bolus, steak) - OGD normal, fully resolved, none since" if not c.f["dysphagia"] else "Cough - resolved",
        "PR bleeding - small haemorrhoids seen on proctoscopy; bleeding settled, none since" if not (c.f["rectal_bleeding"] or c.f["bloody_diarrhoea"]) else "Low back pain - resolved"]))
    res = results_lines(c, "mixed")
    t = ["Vision consultation history (most recent last)", c.banner("caps"), c.letter_date_line("Letter date: "), "",
         "%s  Dr %s" % (fmt_date(old, "dmy_slash"), r.choice(["Patel", "Lowe", "Ward"])), "  " + rs, "",
         "%s  %s" % (fmt_date(c.ago(r.randint(25, 60)), "dmy_slash"), c.gp), "  New problem: " + first_problem(c),
         "  " + para_history(c, "Reports")]
    t += ["", "%s  %s" % (fmt_date(c.ago(r.randint(0, 6)), "dmy_slash"), c.gp), "  Results reviewed: " + ("; ".join(res) if res else "none"),
          "  O/E " + exam_text(c), "  Plan: refer to gastroenterology. " + prio_line(c)]
    return "\n".join(t)


def L_results_table_flags(c):
    r = c.r
    res = results_lines(c, "lab")
    extra = ["%-28s %6d x10^9/L [150 - 400]" % ("Platelet count", r.randint(180, 390)),
             "%-28s %6d fL [80 - 100]" % ("MCV", r.randint(70, 79) if (c.f["ferritin"] or 99) < 30 else r.randint(84, 97))]
    t = [c.practice, c.letter_date_line(), "", "Dear Dr %s" % c.cons.split()[-1], "", "Re " + c.banner("line"), "",
         "I would be grateful if you could see this %s. %s %s" % (c.age_phrase("year_old"), para_history(c), exam_text(c)), "",
         prio_line(c), "", "Results (%s):" % fmt_date(c.ago(r.randint(2, 14)), "dmy_slash"),
         "%-28s %6s %-5s %s" % ("Test", "Value", "Units", "Ref range / flag")] + res + extra + ["", signoff(c)]
    return "\n".join(t)


def L_results_old_new(c):
    r = c.r
    f = c.f
    d1, d2 = c.ago(r.randint(300, 500)), c.ago(r.randint(3, 20))
    rows = ["%-14s %-12s %-12s %s" % ("Test", fmt_date(d1, "dmy_slash"), fmt_date(d2, "dmy_slash"), "Units")]
    for k in c.res_keys:
        if k == "hb":
            old = c.hb_old if c.hb_old is not None else normal_hb(f["sex"], r)
            ov, u, _ = hb_parts(c, old)
            nv = hb_parts(c)[0]
            row = c.say("hb", "%-14s %-12s %-12s %s" % ("Haemoglobin", ov, nv, u))
            if hb_flag(c, old) != hb_flag(c, f["hb"]):
                c.dist("old_value", "hb", row)
            rows.append(row)
        elif k == "ferritin":
            old = r.randint(40, 160) if f["ferritin"] < 30 else r.randint(4, 20)
            row = c.say("ferritin", "%-14s %-12s %-12s %s" % ("Ferritin", old, f["ferritin"], "ug/L"))
            if (old < 30) != (f["ferritin"] < 30):
                c.dist("old_value", "ferritin", row)
            rows.append(row)
        elif k == "alt":
            old = c.alt_old if c.alt_old is not None else r.randint(15, 30)
            row = c.say("alt", "%-14s %-12s %-12s %s" % ("ALT", old, f["alt"], "U/L"))
            c.dist("old_value", "alt", row)
            rows.append(row)
        elif k == "calpro":
            old = c.cal_old if c.cal_old is not None else "-"
            row = c.say("calpro", "%-14s %-12s %-12s %s" % ("Calprotectin", old, calpro_txt(f), "ug/g"))
            if c.cal_old is not None:
                c.dist("old_value", "calpro", row)
            rows.append(row)
        else:
            x = result_line(c, k, "inline")
            if x:
                rows.append(x + "   (" + fmt_date(d2, "dmy_slash") + ")")
    t = [practice_head(c), "", c.letter_date_line(), "", "Re: %s   NHS %s" % (c.name(), c.nhs), "",
         "Dear colleague,", "", "This %s: %s" % (c.age_phrase("year_old"), para_history(c, "has")), exam_text(c), "",
         "Previous and current results side by side (most recent on the right):"] + rows + ["", prio_line(c), "", signoff(c)]
    return "\n".join(t)


def L_nhs111_ooh(c):
    r = c.r
    res = results_lines(c, "inline")
    t = ["NHS 111 / Out of Hours - Post Event Message", "Case ref: OOH-%06d" % r.randint(100000, 999999),
         c.letter_date_line("Date of contact: "), c.banner("line"), "Registered GP practice: %s" % c.practice, "",
         "Reason for contact: " + (c.sym[0] if c.sym else "advice"),
         "Clinical assessment (remote, %s): %s" % (r.choice(["telephone", "video"]), para_history(c, "Caller reports")),
         "Examination: " + (exam_text(c) if c.exam else "not examined (telephone)"),
         ("Results seen on record: " + "; ".join(res)) if res else "",
         "Outcome: " + c.fill("no emergency features; advised to contact own GP for referral to gastroenterology."),
         "", "---- forwarded by %s, %s ----" % (c.gp, c.practice),
         c.fill("I have reviewed this and am referring as below. ") + prio_line(c)]
    return "\n".join(x for x in t if x is not None)


def L_ae_discharge(c):
    r = c.r
    res = results_lines(c, r.choice(["inline", "lab"]))
    t = ["EMERGENCY DEPARTMENT DISCHARGE SUMMARY", "%s University Hospital" % r.choice(["Kidderton", "Fordham", "Portmoor"]),
         c.banner("block"), "Attended: %s   Discharged: same day" % fmt_date(c.ago(r.randint(2, 10)), "dmy_slash"), "",
         "Presenting complaint: " + (c.sym[0] if c.sym else "abdominal symptoms"),
         "History: " + para_history(c, "Patient reports"), "Examination: " + exam_text(c)]
    if res:
        t += ["Investigations:"] + ["  " + x for x in res]
    t += ["Diagnosis: " + c.fill("no acute surgical cause identified"),
          "Actions for GP: " + c.fill("please refer to gastroenterology as an outpatient") + ".",
          "ED clinician: Dr %s (ST4)" % r.choice(["Amos", "Fenwick", "Ojo"]), "",
          "----", c.letter_date_line("GP covering note, "), "Forwarded by " + c.gp + ". " + (prio(c) or c.fill("Please see as appropriate."))]
    return "\n".join(t)


def L_utc_walkin(c):
    r = c.r
    res = results_lines(c, "inline")
    t = ["%s Urgent Treatment Centre - clinical note" % r.choice(["Westgate", "Millbrook"]), c.letter_date_line("Seen: "),
         "Pt: %s, %s, %s" % (c.name(), c.say("age_dob", "DOB " + c.d(c.dob)), c.say("sex", c.sex_word())),
         "Seen by: %s, Emergency Nurse Practitioner" % r.choice(["K. Dawson", "A. Mirza"]), "",
         "PC: " + (c.sym[0] if c.sym else "query GI problem"), "HPC: " + para_history(c, "Pt states"), "O/E: " + exam_text(c),
         ("Ix: " + "; ".join(res)) if res else "Ix: none at UTC", "Plan: " + c.fill("letter to GP to arrange gastroenterology referral"),
         "", "GP addendum (%s): agree, referring. %s" % (c.gp, prio(c) or "")]
    return "\n".join(t)


def L_pharmacist(c):
    r = c.r
    res = results_lines(c, "inline")
    t = [practice_head(c), c.letter_date_line(), "", "Dear Gastroenterology team,", "", "Re: " + c.banner("line"), "",
         "I am the practice clinical pharmacist. I reviewed this %s in a medication review clinic." % c.age_phrase("year_old"),
         para_history(c), "Current medicines: " + ", ".join(c.meds) + ".",
         ("Results on record: " + "; ".join(res) + ".") if res else "",
         "Examination by Dr %s today: %s" % (c.gp.split()[-1], exam_text(c)),
         c.fill("This has been discussed with the duty GP, who agrees with referral.") + " " + prio_line(c), "",
         c.fill("Kind regards"), "", "%s, Clinical Pharmacist (independent prescriber), %s" % (r.choice(["Aoife Byrne", "Sunil Mehta"]), c.practice)]
    return "\n".join(t)


def L_anp(c):
    r = c.r
    res = results_lines(c, "mixed")
    t = [c.practice, c.letter_date_line(), "", c.banner("line"), "", "Dear Doctor,", "",
         "I saw %s in my advanced nurse practitioner clinic." % c.age_phrase(r.choice(["aged", "yrs"])), para_history(c),
         "On examination " + exam_text(c), ("Bloods: " + "; ".join(res) + ".") if res else "", prio_line(c),
         c.fill("Thank you for seeing this patient."), "", "%s, Advanced Nurse Practitioner" % r.choice(["Jo Hartley", "Marcus Flynn"]),
         "(on behalf of %s)" % c.gp]
    return "\n".join(x for x in t if x is not None)


def L_registrar(c):
    r = c.r
    res = results_lines(c, "inline")
    t = [c.practice, c.letter_date_line(), "", "Dear Dr %s," % c.cons.split()[-1], "", "RE: " + c.banner("line"), "",
         "Thank you for seeing %s, a %s." % (c.name(), c.age_phrase("year_old")), para_history(c), exam_text(c),
         ("Investigations so far: " + ", ".join(res) + ".") if res else "",
         c.fill("I have discussed this case with my supervisor, who has reviewed the patient with me and agrees with the plan.") + " " + prio_line(c),
         "", c.fill("Yours sincerely"), "", "Dr %s, GP Specialty Registrar (ST2)" % r.choice(["Beth Okoro", "Luke Harman"]),
         "Supervising GP: " + c.gp]
    return "\n".join(t)


def L_locum_terse(c):
    r = c.r
    res = results_lines(c, "inline")
    core = "; ".join(c.sym + c.exam + c.hxx + res) or asymptomatic_line(c)
    if c.f["fh_crc"] and c.sym and "fh_crc" not in c.ev:
        pass
    line1 = "%s. %s. %s" % (c.age_phrase(r.choice(["yo", "yrs"])), core, "; ".join(distractor_texts(c)))
    return "\n".join([c.letter_date_line(""), line1.strip().rstrip(";") + ". " + (prio(c) or "Pls see."), "Dr %s (locum)" % r.choice(["R. Abiola", "C. Finch"])])


def L_interpreter(c):
    r = c.r
    lang = r.choice(["Polish", "Bengali", "Urdu", "Romanian", "Somali", "Tigrinya"])
    res = results_lines(c, "inline")
    t = [practice_head(c), c.letter_date_line(), "", c.banner("block"), "", "Dear Colleague,", "",
         "%s was seen with a professional %s interpreter (telephone, LanguageLine) as %s speaks very little English. "
         "Please book an interpreter for any appointment." % (c.age_phrase(r.choice(["aged", "yrs"])), lang, c.he),
         "Through the interpreter: " + para_history(c), "Examination: " + exam_text(c),
         ("Results: " + "; ".join(res) + ".") if res else "", prio_line(c), "", signoff(c)]
    return "\n".join(t)


def L_carer_history(c):
    r = c.r
    who = r.choice(["dementia", "learning disability"])
    carer = r.choice(["daughter", "son", "support worker", "care home senior carer"])
    res = results_lines(c, "inline")
    t = [c.practice, c.letter_date_line(), "", "Re: " + c.banner("line"), "", "Dear Doctor,", "",
         "%s has %s and is not able to give a reliable history; the history below is from %s %s, who knows %s well." % (
             c.age_phrase(r.choice(["aged", "yrs"])), "moderate Alzheimer's dementia" if who == "dementia" else "a moderate learning disability",
             c.his, carer, c.him),
         "According to the %s: %s" % (carer, para_history(c, "%s has had" % c.he)), "When I examined %s: %s" % (c.him, exam_text(c)),
         ("Bloods: " + "; ".join(res) + ".") if res else "",
         c.fill("Reasonable adjustments: please send appointment letters to the %s, longer appointment, quiet waiting area." % carer),
         prio_line(c), "", signoff(c)]
    return "\n".join(t)


def L_timeline(c):
    r = c.r
    m = c.ldate.month
    res = results_lines(c, "inline")
    t = [c.practice, c.letter_date_line(), "", c.banner("line"), "", "Dear Gastroenterologist,", "",
         "Timeline for this %s:" % c.age_phrase("year_old"),
         "%s: %s" % (MONTHS[(m - 7) % 12], c.fill("seen with a chest infection, treated with doxycycline")),
         "%s: %s" % (MONTHS[(m - 4) % 12], (c.sym[0] if c.sym else "well") + (" - first mentioned" if c.sym else "")),
         "%s: %s" % (MONTHS[(m - 2) % 12], ("; ".join(res) if res else "bloods taken")),
         "now: " + para_history(c, "ongoing:") + " " + exam_text(c), "", prio_line(c), "", signoff(c)]
    return "\n".join(t)


def L_dictated_words(c):
    r = c.r
    res = [result_line(c, k, "words") for k in c.res_keys]
    res = [x for x in res if x]
    t = ["Dictated but not read. Typed by %s." % r.choice(["JB", "medical secretary", "SK"]), c.letter_date_line("Date typed "), "",
         "Dear Doctor %s," % c.cons.split()[-1], "", "Re " + c.name() + ", NHS number " + c.nhs, "",
         "Thank you for seeing this %s comma who came to see me today full stop" % c.age_phrase("words"),
         para_history(c, "%s tells me of" % c.He), "On examination " + exam_text(c),
         ("Recent bloods showed " + joinl(res) + ".") if res else "", prio_line(c),
         c.fill("Many thanks for your help with this gentle patient.") if True else "", "", c.gp]
    return "\n".join(t)


PROBLEMS = [("Hypertension", 2011), ("Type 2 diabetes", 2016), ("Osteoarthritis left knee", 2018), ("Asthma", 1998),
            ("Depression", 2014), ("Hypothyroidism", 2009), ("Gout", 2020), ("Atrial fibrillation", 2021),
            ("CKD stage 3a", 2022), ("Hypercholesterolaemia", 2015)]
PAST = [("Appendicectomy", 1987), ("Fractured wrist", 2006), ("Cholecystectomy", 2012), ("Pneumonia", 2019),
        ("Cellulitis right leg", 2021), ("Carpal tunnel release", 2010)]


def L_long_problem_list(c):
    r = c.r
    act = r.sample(PROBLEMS, r.randint(4, 7))
    past = r.sample(PAST, r.randint(2, 4))
    res = results_lines(c, "lab")
    t = ["%s   %s" % (c.practice, c.pcode), c.banner("caps"), c.letter_date_line(), "", "ACTIVE PROBLEMS"] + \
        ["  %d  %s" % (y, p) for p, y in sorted(act, key=lambda x: x[1])] + ["", "PAST PROBLEMS"] + \
        ["  %d  %s" % (y, p) for p, y in sorted(past, key=lambda x: x[1])] + ["", "REPEAT MEDICATION"] + \
        ["  " + m for m in c.meds] + [c.fill("  Paracetamol 500mg tablets, two four times a day when required"),
                                       c.fill("  Atorvastatin 20mg tablets, one at night"), "", "ALLERGIES: Penicillin (rash)", ""]
    if res:
        t += ["RECENT RESULTS"] + res + [""]
    t += ["Dear Doctor,", "", c.fill("Thank you for seeing this patient, whose background is summarised above."),
          "%s is now %s. %s %s" % (c.He, c.age_phrase("yo") if r.random() < .5 else "well known to us", para_history(c), exam_text(c)),
          prio_line(c), "", signoff(c)]
    return "\n".join(t)


def L_rereferral_known(c):
    r = c.r
    res = results_lines(c, "mixed")
    f = c.f
    if f["known_ibd"]:
        known = "known to your department (%s team)" % ("IBD")
    else:
        prev = r.choice(["with IBS-type symptoms in 2021 and discharged", "for a normal colonoscopy in 2019",
                         "in 2022 with reflux, OGD showed mild oesophagitis only"])
        known = "previously seen in your clinic " + prev
    t = [c.practice, c.letter_date_line(), "", "Re: " + c.banner("line"), "", "Dear %s," % c.cons, "",
         "RE-REFERRAL. This %s is %s." % (c.age_phrase("year_old"), known), para_history(c), exam_text(c),
         ("Latest results: " + "; ".join(res) + ".") if res else "", prio_line(c), "", signoff(c)]
    return "\n".join(t)


def L_ag_request(c):
    r = c.r
    res = results_lines(c, "inline")
    t = ["Advice & Guidance request via e-RS", "To: Gastroenterology A&G", c.letter_date_line("Sent: "), c.banner("line"), "",
         "Question: " + c.fill("what would you suggest as next steps for this patient?"), "",
         "Background: %s. %s %s" % (c.age_phrase(r.choice(["yo", "year_old"])), para_history(c), exam_text(c)),
         ("Results: " + "; ".join(res)) if res else "", "", prio(c) or "", "", "From: " + c.gp]
    return "\n".join(t)


def L_pasted_clinic_letter(c):
    r = c.r
    res = results_lines(c, "inline")
    yr = r.randint(2019, 2023)
    oldbody = r.choice(["I reviewed this patient with mild IBS-type symptoms. Bloods and coeliac serology were normal. I have discharged to GP care.",
                        "OGD performed: mild gastritis, CLO negative. No further follow-up planned.",
                        "Colonoscopy to caecum: two small polyps removed (tubular adenomas, low grade). No further surveillance required."])
    t = [c.practice, c.letter_date_line(), "", "Dear Dr %s," % c.cons.split()[-1], "", "Re " + c.banner("line"), "",
         "I would be grateful for your opinion on this %s. %s %s" % (c.age_phrase("year_old"), para_history(c), exam_text(c)),
         ("Results: " + "; ".join(res) + ".") if res else "", prio_line(c), "", signoff(c), "",
         "------ previous clinic letter pasted below for information ------",
         "Gastroenterology Outpatients, %s (%d)" % (c.cons, yr), c.fill(oldbody),
         "Diagnosis: " + r.choice(["IBS", "gastritis", "adenomas, cleared"]), "------ end of pasted letter ------"]
    c.dist("resolved", "old_clinic_letter", oldbody)
    return "\n".join(t)


def L_pasted_path_report(c):
    r = c.r
    f = c.f
    res = results_lines(c, "lab")
    t = [c.practice, c.letter_date_line(), "", "Re: " + c.banner("line"), "", "Dear Colleague,", "",
         "%s - %s %s" % (c.age_phrase(r.choice(["aged", "yrs"])), para_history(c), exam_text(c)), prio_line(c),
         c.fill("The laboratory report is copied below."), "", signoff(c), "",
         "=== PATHOLOGY REPORT (copied from ICE) ===", "Specimen: blood / faeces   Received %s" % fmt_date(c.ago(r.randint(3, 12)), "iso"),
         "%-28s %6s %-5s %s" % ("Test", "Result", "Units", "Ref")] + (res or ["(no results)"]) + [
        c.fill("Comment: results telephoned to practice where outside reference range."), "=== END OF REPORT ==="]
    return "\n".join(t)


def L_reason_last_para(c):
    r = c.r
    res = results_lines(c, "inline")
    t = [c.practice, c.letter_date_line(), "", "Dear Doctor,", "", "Re: " + c.banner("line"), "",
         c.fill("I have known this patient for many years. %s lives with %s and works part time as a %s. %s is generally fit, walks the dog daily and is a non-smoker." % (
             c.He, r.choice(["a partner", "family", "a lodger"]), r.choice(["bus driver", "school cook", "bookkeeper", "cleaner", "church warden"]), c.He)),
         c.fill("Past history is of hypertension, well controlled on amlodipine, and a right knee replacement some years ago. Allergies: none known."
               if c.f["age"] >= 55 else "Past history is of childhood asthma only. Allergies: none known."),
         cap("; ".join(distractor_texts(c))) + ("." if c.dsel else ""), ("Blood tests: " + "; ".join(res) + ".") if res else "",
         "", "The reason for my letter is that this %s now has %s. %s %s" % (
             c.age_phrase("year_old"), joinl(c.sym) or "a question for you", cap("; ".join(c.hxx)) + "." if c.hxx else "", exam_text(c)),
         prio_line(c), "", signoff(c)]
    return "\n".join(t)


def L_multipage_banner(c):
    r = c.r
    res = results_lines(c, "lab")
    head = "%s | %s | NHS %s" % (c.practice, c.name(), c.nhs)
    p1 = [head, "Page 1 of 2", "", practice_head(c), c.letter_date_line(), "", c.banner("block"), "", "Dear Dr %s," % c.cons.split()[-1], "",
          "Thank you for seeing this %s." % c.age_phrase("year_old"), para_history(c), "", c.fill("Continued...")]
    p2 = ["", "\f" + head, "Page 2 of 2", "", "Examination: " + exam_text(c), ""] + (["Results:"] + res if res else []) + [
        "", "Medication: " + ", ".join(c.meds), "", prio_line(c), "", signoff(c), "", c.fill(c.paddr)]
    return "\n".join(p1 + p2)


def L_proforma_all_answered(c):
    f, r = c.f, c.r
    qs = [("Rectal bleeding?", "rectal_bleeding"), ("Change in bowel habit?", "cibh"), ("Unintentional weight loss?", "weight_loss"),
          ("Difficulty swallowing?", "dysphagia"), ("Vomiting blood?", "haematemesis"), ("Jaundice?", "jaundice"),
          ("Abdominal mass on examination?", "abdominal_mass"), ("Bloating?", "bloating"), ("Reflux / heartburn?", "reflux"),
          ("Dyspepsia?", "dyspepsia")]
    lines = ["GASTROENTEROLOGY REFERRAL PROFORMA - please answer every question", c.banner("block"), c.letter_date_line(), ""]
    for q, k in qs:
        on = bool(f[k])
        s = "%-34s %s" % (q, "YES" if on else "NO")
        if on:
            c.say(k, s)
        else:
            c.dist("negated", k, s)
        lines.append(s)
    lines += ["", "Details of positive answers:", para_history(c), "Examination: " + exam_text(c)]
    res = results_lines(c, "tab")
    if res:
        lines += ["Results:"] + res
    lines += ["", "Priority: " + (prio(c) or "(not completed)"), "Signed: " + c.gp]
    return "\n".join(lines)


def L_patient_words(c):
    r = c.r
    res = results_lines(c, "inline")
    quote = r.choice(["\"I just don't feel right in myself, doctor\"", "\"something's not right down below\"",
                      "\"I'm worried it's the same as my dad\"", "\"I've had enough of it, I want it sorted\""])
    t = [c.practice, c.letter_date_line(), "", "Re: " + c.banner("line"), "", "Dear Doctor,", "",
         "This %s came in saying %s." % (c.age_phrase("year_old"), quote), para_history(c), exam_text(c),
         ("Tests: " + "; ".join(res) + ".") if res else "", prio_line(c), "", signoff(c)]
    return "\n".join(t)


def L_email_style(c):
    r = c.r
    res = results_lines(c, "inline")
    t = ["From: %s <%s.%s@nhs.net>" % (c.gp, c.gp.split()[1].lower(), c.gp.split()[-1].lower().replace("'", "")),
         "To: gastro.referrals@nhs.net", "Subject: referral - %s, NHS %s" % (c.name(), c.nhs), c.letter_date_line("Sent: "), "",
         "Hi team,", "", "Could you see %s %s? %s %s" % (c.age_phrase(r.choice(["aged", "yrs"])), c.fill("please"), para_history(c), exam_text(c)),
         ("FYI " + "; ".join(res)) if res else "", prio(c), "", c.fill("Thanks, best wishes"), c.gp.split()[1]]
    return "\n".join(t)


LAYOUTS = {
    "plain_dear_doctor": L_plain_dear_doctor, "plain_ers_template": L_plain_ers_template,
    "plain_short_letter": L_plain_short_letter, "plain_structured_sbar": L_plain_structured_sbar,
    "ng12_lower_2ww_form": L_ng12_lower_form, "ng12_upper_2ww_form": L_ng12_upper_form,
    "straight_to_test_form": L_straight_to_test, "lft_pathway_form": L_lft_pathway, "ibd_flare_ag_form": L_ibd_flare_form,
    "dyspepsia_hpylori_form": L_dyspepsia_hp_form, "form_pipe_table": L_form_pipe_table, "form_tab_cells": L_form_tab_cells,
    "form_answer_below": L_form_answer_below, "emis_extract": L_emis_extract, "systmone_extract": L_systmone_extract,
    "vision_multi_consult": L_vision_multi, "results_table_flags": L_results_table_flags, "results_old_new": L_results_old_new,
    "nhs111_ooh_forwarded": L_nhs111_ooh, "ae_discharge_forwarded": L_ae_discharge, "utc_walkin_note": L_utc_walkin,
    "practice_pharmacist": L_pharmacist, "anp_letter": L_anp, "registrar_supervised": L_registrar, "locum_terse": L_locum_terse,
    "interpreter_present": L_interpreter, "carer_history": L_carer_history, "dated_timeline": L_timeline,
    "dictated_numbers_in_words": L_dictated_words, "long_problem_med_list": L_long_problem_list,
    "rereferral_known_patient": L_rereferral_known, "advice_guidance_request": L_ag_request,
    "pasted_previous_clinic_letter": L_pasted_clinic_letter, "pasted_pathology_report": L_pasted_path_report,
    "reason_in_last_paragraph": L_reason_last_para, "multipage_banner_repeated": L_multipage_banner,
    "proforma_all_answered": L_proforma_all_answered, "patient_own_words": L_patient_words, "email_style": L_email_style,
}
PLAIN = ["plain_dear_doctor", "plain_ers_template", "plain_short_letter", "plain_structured_sbar"]
CONSTRAINED = [  # style, quota, domain test, allowed gp priorities
    ("ng12_lower_2ww_form", 12, lambda f, d: "lower" in d, ["usc"]),
    ("ng12_upper_2ww_form", 8, lambda f, d: "upper" in d and not f["abdominal_mass"], ["usc"]),
    ("straight_to_test_form", 6, lambda f, d: "lower" in d, ["usc"]),
    ("lft_pathway_form", 7, lambda f, d: "liver" in d, ["usc", "urgent", "routine"]),
    ("ibd_flare_ag_form", 6, lambda f, d: "ibd" in d, ["urgent", "ag"]),
    ("dyspepsia_hpylori_form", 6, lambda f, d: "upper" in d and not f["abdominal_mass"], ["urgent", "routine", "ag"]),
]
ALLOWED_PRIO = {s: a for s, _, _, a in CONSTRAINED}
ALLOWED_PRIO["advice_guidance_request"] = ["ag"]
RULE_COUNTS = {"U1": 15, "U2": 8, "U3": 18, "U4": 14, "U5": 10, "U6": 6, "U7": 7, "U8": 12,
               "R1": 20, "R2": 13, "R3": 12,
               "O1": 14, "O2": 14, "O4": 14, "O5": 18, "O6": 22, "D": 23,
               "O3": 16, "A1": 18, "A2": 16, "A3": 10}
URG_CAT = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine", "advice_and_guidance": "ag"}
CAT_RANK = {"ag": 0, "routine": 1, "urgent": 2, "usc": 3}
IBD_DRUGS = {"UC": ["mesalazine 2.4 g daily", "azathioprine 100mg daily", "mesalazine 4.8g daily"],
             "Crohn's": ["azathioprine 125mg daily", "infliximab (IV, 8-weekly)", "adalimumab 40mg fortnightly"]}
BASE_MEDS = ["Amlodipine 5mg od", "Ramipril 5mg od", "Metformin 500mg bd", "Levothyroxine 75 micrograms od",
             "Sertraline 50mg od", "Salbutamol inhaler prn", "Simvastatin 40mg on", "Bisoprolol 2.5mg od", "Vitamin D 800 units od"]


YOUNG_MEDS = ["Salbutamol inhaler prn", "Sertraline 50mg od", "Microgynon 30 (COC)" , "Cetirizine 10mg od",
              "Beclometasone inhaler 100mcg bd", "Propranolol 10mg prn", "Fluoxetine 20mg od"]


def make_facts(i, rule):
    for k in range(200):
        r = rng_for(i, "facts", rule, k)
        f, v = build(rule, r)
        if robust_rule(f) == rule:
            return f, v, k
    raise RuntimeError("cannot build %s" % rule)


def prepare(c):
    f, r = c.f, c.r
    c.hb_unit = r.choice(["g/L", "g/L", "g/dL"])
    c.ibd_drug = r.choice(IBD_DRUGS[f["known_ibd"]]) if f["known_ibd"] else None
    c.hb_old = c.alt_old = c.cal_old = None
    if f["hb"] is not None and r.random() < .35:
        anaemic = f["hb"] < (130 if c.male else 120)
        c.hb_old = normal_hb(f["sex"], r) if anaemic else anaemic_hb(f["sex"], r)
    if f["alt"] is not None and r.random() < .35:
        c.alt_old = r.randint(45, 120) if f["alt"] >= 300 else r.randint(350, 900)
        if f["alt"] < 300 and robust_rule(dict(f, alt=c.alt_old)) == robust_rule(f):
            pass
    if f["calpro"] is not None and r.random() < .35:
        c.cal_old = r.randint(30, 80) if f["calpro"] >= 100 else r.randint(400, 1200)
    c.ttg_val = r.choice(["%d" % r.randint(24, 120), ">128"])
    c.sym = symptom_sentences(c)
    c.exam = exam_sentences(c)
    c.hxx = hx_extras(c)
    if not c.sym and f["fh_crc"] and not f["known_ibd"]:
        c.hxx.append(asymptomatic_line(c))
    if f["fh_crc"] and c.sym:
        c.dist("family_history", "fh_crc", c.ev["fh_crc"][0])
    # distractors
    pool = distractor_sentences(c)
    r.shuffle(pool)
    n = r.choice([0, 1, 1, 2, 2, 3, 3, 4])
    c.dsel = []
    used = set()
    for kind, fact, text in pool:
        if len(c.dsel) >= n:
            break
        if fact in used:
            continue
        used.add(fact)
        c.dsel.append({"kind": kind, "fact": fact, "text": text})
    if r.random() < .3 and c.sym:
        for kind, fact, text in uncertain_pool(c):
            if flip_invariant(f, fact) and r.random() < .5:
                c.dsel.append({"kind": kind, "fact": fact, "text": text})
                break
    for text, fact in extra_normals(c):
        if r.random() < .3:
            c.dsel.append({"kind": "normal_value", "fact": fact, "text": text})
    for d in c.dsel:
        c.dis.append(dict(d))
    keys = []
    if f["hb"] is not None:
        keys.append("hb")
    if f["ferritin"] is not None:
        keys.append("ferritin")
    if f["fit"] is not None or f["fit_status"] in ("awaited", "requested"):
        keys.append("fit")
    if f["calpro"] is not None:
        keys.append("calpro")
    if f["alt"] is not None:
        keys.append("alt")
    if f["ttg_raised"]:
        keys.append("ttg")
    if f["fatty_liver"]:
        keys.append("usS")
    c.res_keys = keys
    meds = r.sample(BASE_MEDS if f["age"] >= 45 else YOUNG_MEDS, r.randint(1, 4 if f["age"] >= 45 else 2))
    if c.ibd_drug:
        meds.insert(0, cap(c.ibd_drug))
    if f["ppi_weeks"]:
        meds.append("Omeprazole 20mg od (PPI)")
    c.meds = meds


def assign(items):
    """styles and requested priorities for all 300 letters (deterministic)"""
    n = len(items)
    style = [None] * n
    order = list(range(n))
    rng_for("style-order").shuffle(order)
    for s, q, test, _ in CONSTRAINED:
        cand = [i for i in order if style[i] is None and test(items[i]["f"], domains(items[i]["f"]))]
        rng_for("cand", s).shuffle(cand)
        for i in cand[:q]:
            style[i] = s
    free_styles = [s for s in LAYOUTS if s not in ALLOWED_PRIO or s == "advice_guidance_request"]
    plain_n = 25
    quota = []
    for s in free_styles:
        quota += [s] * (plain_n if s in PLAIN else 5)
    rest = [i for i in order if style[i] is None]
    extra = [s for s in free_styles if s not in PLAIN]
    k = 0
    while len(quota) < len(rest):
        quota.append(extra[k % len(extra)])
        k += 1
    rng_for("quota").shuffle(quota)
    for i, s in zip(rest, quota):
        style[i] = s
    # priorities
    prio = [None] * n
    lab = [URG_CAT[RULE_LABELS[it["rule"]][0]] for it in items]
    forced_dis = 0
    free = []
    for i in range(n):
        allowed = ALLOWED_PRIO.get(style[i])
        if allowed and len(allowed) == 1:
            prio[i] = allowed[0]
            forced_dis += prio[i] != lab[i]
        else:
            free.append(i)
    rng_for("prio-order").shuffle(free)
    want_dis = 150 - forced_dis
    n_null = 30
    for j, i in enumerate(free):
        r = rng_for("prio", i)
        allowed = ALLOWED_PRIO.get(style[i]) or ["usc", "urgent", "routine", "ag"]
        if j < want_dis:
            opts = [p for p in allowed if p != lab[i]]
            # prefer plausible neighbours, both directions
            opts.sort(key=lambda p: abs(CAT_RANK[p] - CAT_RANK[lab[i]]) + r.random() * 1.6)
            prio[i] = opts[0]
        elif j < want_dis + n_null and style[i] not in ALLOWED_PRIO:
            prio[i] = None
        else:
            prio[i] = lab[i] if lab[i] in allowed else r.choice(allowed)
    return style, prio


PROBLEMS_FOUND = []


def locate(text, low, e):
    """the exact-cased copy of e in text (layouts may capitalise a sentence start)"""
    if e in text:
        return e
    j = low.find(e.lower())
    return text[j:j + len(e)] if j >= 0 else e


def main():
    rules = []
    for rule, n in RULE_COUNTS.items():
        rules += [rule] * n
    assert len(rules) == N_TOTAL
    rng_for("rule-order").shuffle(rules)
    items = []
    for i, rule in enumerate(rules):
        f, v, tries = make_facts(i, rule)
        r = rng_for(i, "cofacts")
        if rule not in ("A3", "O3") and r.random() < .1:
            g = dict(f, fh_crc=True)
            if robust_rule(g) == rule:
                f = g
        items.append({"rule": rule, "f": f, "variant": v})
    styles, prios = assign(items)
    noisy = set(rng_for("noise-pick").sample(range(N_TOTAL), 40))
    letters, metas = [], []
    for i, it in enumerate(items):
        lid = "L15-%04d" % (i + 1)
        f = it["f"]
        c = Ctx(lid, f, it["variant"], styles[i], prios[i], rng_for(lid, "render"))
        c.noisy = i in noisy
        prepare(c)
        text = LAYOUTS[styles[i]](c)
        text = "\n".join(line.rstrip() for line in text.split("\n"))
        while "\n\n\n\n" in text:
            text = text.replace("\n\n\n\n", "\n\n\n")
        rule = robust_rule(f)
        assert rule == it["rule"], (lid, rule, it["rule"])
        urg, path = RULE_LABELS[rule]
        low = text.lower()
        for k in c.ev:
            c.ev[k] = [locate(text, low, e) for e in c.ev[k]]
        for d in c.dis:
            d["text"] = locate(text, low, d["text"])
        for k, lst in c.ev.items():
            for e in lst:
                if e not in text:
                    PROBLEMS_FOUND.append((lid, styles[i], "ev", k, e))
        for d in c.dis:
            if d["text"] not in text:
                PROBLEMS_FOUND.append((lid, styles[i], "dis", d["kind"], d["text"]))
        lab = URG_CAT[urg]
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": styles[i],
                        "gp_priority": GP_PRIORITY_WORDS[prios[i]], "age": f["age"]})
        fm = dict(f)
        metas.append({"id": lid, "rule": rule, "variant": it["variant"], "facts": fm,
                      "derived": {"hb_unit_shown": c.hb_unit, "ttg_value_shown": c.ttg_val if f["ttg_raised"] else None,
                                  "calpro_text": calpro_txt(f) if f["calpro"] is not None else None},
                      "dob": c.dob.isoformat(), "letter_date": c.ldate.isoformat(), "date_format": c.dfmt,
                      "nhs_number": c.nhs, "evidence": c.ev, "distractors": c.dis,
                      "gp_priority_category": prios[i],
                      "gp_priority_vs_label": None if prios[i] is None else (
                          "agrees" if prios[i] == lab else ("over" if CAT_RANK[prios[i]] > CAT_RANK[lab] else "under")),
                      "noise": c.noise, "plain": styles[i] in PLAIN})
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for L in letters:
            fh.write(json.dumps(L, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False, sort_keys=True) + "\n")
    print("wrote %d letters" % len(letters))
    for p in PROBLEMS_FOUND:
        print("PROBLEM", p)
    if PROBLEMS_FOUND:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
