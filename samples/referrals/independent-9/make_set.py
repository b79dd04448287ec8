#!/usr/bin/env python3
"""Generator for sealed test set letters9 (GP gastroenterology referral letters).

Deterministic: every random draw comes from random.Random seeded with a string.
Writes letters.jsonl and letters_meta.jsonl next to this file.
Labels come from classify() below, an implementation of
/work/shared/clinical/referral-triage-spec.md (first matching rule decides).
"""
import datetime as dt
import json
import os
import random

SEED = "letters9/sealed/2024-gastro"
HERE = os.path.dirname(os.path.abspath(__file__))

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

PLAN = {"U1": 12, "U2": 10, "U3": 14, "U4": 13, "U5": 12, "U6": 9, "U7": 10, "U8": 20,
        "R1": 16, "R2": 12, "R3": 12,
        "O1": 14, "O2": 14, "O4": 14, "O5": 18, "O6": 20, "D": 20,
        "O3": 12, "A1": 18, "A2": 18, "A3": 12}

SYMPTOMS = ["dysphagia", "weight_loss", "abdo_pain", "upper_abdo_pain", "reflux", "dyspepsia",
            "jaundice", "rectal_bleeding", "cibh", "bloating", "bloody_diarrhoea", "haematemesis",
            "abdominal_mass", "rectal_mass", "anal_mass", "anal_ulcer", "ascites", "confusion"]


def blank_facts():
    return {"sex": None, "age": None, "dysphagia": False, "rectal_mass": False, "anal_mass": False,
            "anal_ulcer": False, "fit": None, "fit_status": None, "hb": None, "ferritin": None,
            "weight_loss": False, "abdo_pain": False, "upper_abdo_pain": False, "reflux": False,
            "dyspepsia": False, "ppi_weeks": None, "abdominal_mass": False, "jaundice": False,
            "rectal_bleeding": False, "cibh": False, "bloating": False, "bloody_diarrhoea": False,
            "calpro": None, "cirrhosis": False, "ascites": False, "confusion": False, "alt": None,
            "haematemesis": False, "known_ibd": None, "ibd_stable_question": False,
            "ttg_raised": None, "ttg": None, "fatty_liver": False, "fh_crc": False}


def anaemic(f):
    if f["hb"] is None:
        return False
    return f["hb"] < (130 if f["sex"] == "M" else 120)


def ida(f):
    return anaemic(f) and f["ferritin"] is not None and f["ferritin"] < 30


def other_fact_above_a1(f):
    """Facts named by rules U1..O5 other than age and A1's own symptoms."""
    return any([f["dysphagia"], f["rectal_mass"], f["anal_mass"], f["anal_ulcer"],
                f["fit"] is not None and f["fit"] >= 10, ida(f), f["weight_loss"], f["reflux"],
                f["dyspepsia"], f["abdominal_mass"], f["jaundice"], f["rectal_bleeding"],
                f["bloody_diarrhoea"], f["calpro"] is not None and f["calpro"] >= 100,
                f["cirrhosis"], f["ascites"], f["confusion"], f["alt"] is not None and f["alt"] >= 40,
                f["haematemesis"], f["known_ibd"] is not None, bool(f["ttg_raised"]), f["fatty_liver"]])


def classify(f):
    a = f["age"]
    fit = f["fit"]
    pain = f["abdo_pain"] or f["upper_abdo_pain"]
    rb = f["rectal_bleeding"] or f["bloody_diarrhoea"]
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida(f):
        return "U4"
    if a >= 55 and f["weight_loss"] and (f["upper_abdo_pain"] or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if a >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((a >= 50 and rb) or (a >= 40 and f["weight_loss"] and pain)
                        or (a >= 60 and (f["cibh"] or f["bloody_diarrhoea"]))):
        return "U8"
    if f["bloody_diarrhoea"] or (f["calpro"] is not None and f["calpro"] >= 250):
        return "R1"
    if (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (f["alt"] is not None and f["alt"] >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if a >= 55 and f["dyspepsia"] and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4:
        return "O1"
    if f["calpro"] is not None and 100 <= f["calpro"] <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable_question"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (f["alt"] is not None and 40 <= f["alt"] <= 299) or f["fatty_liver"]:
        return "O5"
    if a < 50 and (pain or f["bloating"] or f["cibh"]) and \
            ((f["calpro"] is not None and f["calpro"] < 100) or (fit is not None and fit < 10)) \
            and not other_fact_above_a1(f):
        return "A1"
    if (rb or f["cibh"] or pain) and fit is not None and fit < 10:
        return "O6"
    if a < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    if f["fh_crc"] and not any(f[s] for s in SYMPTOMS):
        return "A3"
    return "D"


# ---------------------------------------------------------------- fact drawing

def age_in(r, lo, hi, boundary=None):
    if boundary is not None and r.random() < 0.3:
        return boundary
    return r.randint(lo, hi)


def draw_facts(rule, r):
    f = blank_facts()
    f["sex"] = r.choice("MF")
    v = None
    if rule == "U1":
        f["age"] = age_in(r, 14, 90)
        f["dysphagia"] = True
        if r.random() < 0.4: f["reflux"] = True
        if r.random() < 0.3: f["weight_loss"] = True
        if r.random() < 0.3: f["fit"] = r.choice([2, 3, 6])
    elif rule == "U2":
        f["age"] = age_in(r, 28, 90)
        v = r.choice(["rectal_mass", "anal_mass", "anal_ulcer"])
        f[v] = True
        if r.random() < 0.6: f["rectal_bleeding"] = True
    elif rule == "U3":
        f["age"] = age_in(r, 24, 90)
        f["fit"] = r.choice([10, 11, 14, 18, 27, 45, 88, 150, 240, 401, 620])
        for s in r.sample(["cibh", "rectal_bleeding", "abdo_pain", "bloating"], r.randint(1, 2)):
            f[s] = True
        if r.random() < 0.3:
            f["hb"] = r.choice([134, 141, 128 if f["sex"] == "F" else 145]); f["ferritin"] = r.choice([45, 88, 19])
    elif rule == "U4":
        f["age"] = age_in(r, 17, 90)
        thr = 130 if f["sex"] == "M" else 120
        f["hb"] = r.choice([thr - 1, thr - 5, thr - 12, thr - 25, thr - 38])
        f["ferritin"] = r.choice([4, 6, 8, 12, 15, 22, 29])
        if r.random() < 0.3: f["ttg_raised"] = True; f["ttg"] = r.choice([56, 128, 200])
        if r.random() < 0.3 and f["age"] < 60: f["bloating"] = True
        if r.random() < 0.3: f["fit"] = r.choice([2, 4, 7])
    elif rule == "U5":
        f["age"] = age_in(r, 55, 90, 55)
        f["weight_loss"] = True
        for s in r.sample(["upper_abdo_pain", "reflux", "dyspepsia"], r.randint(1, 2)):
            f[s] = True
        if f["dyspepsia"] and r.random() < 0.5: f["ppi_weeks"] = r.choice([4, 6, 8, 12])
        if r.random() < 0.3: f["fit"] = r.choice([3, 5, 8])
    elif rule == "U6":
        f["age"] = age_in(r, 30, 90)
        f["abdominal_mass"] = True
        if r.random() < 0.4: f["abdo_pain"] = True
        if r.random() < 0.3: f["fit"] = r.choice([3, 6])
    elif rule == "U7":
        f["age"] = age_in(r, 40, 90, 40)
        f["jaundice"] = True
        if r.random() < 0.4: f["weight_loss"] = True
        if r.random() < 0.5: f["alt"] = r.choice([65, 110, 180, 420])
    elif rule == "U8":
        v = r.choice(["rb50", "wlpain40", "cibh60"])
        if v == "rb50":
            f["age"] = age_in(r, 50, 88, 50); f["rectal_bleeding"] = True
        elif v == "wlpain40":
            f["age"] = age_in(r, 40, 54, 40); f["weight_loss"] = True; f["abdo_pain"] = True
        else:
            f["age"] = age_in(r, 60, 90, 60); f["cibh"] = True
        if r.random() < 0.3: f["bloating"] = True
        f["fit_status"] = r.choice([None, "awaited", "declined", "not_done", "kit_sent"])
    elif rule == "R1":
        v = r.choice(["bd", "bd", "calpro", "uc_flare"])
        if v == "bd":
            f["age"] = age_in(r, 15, 49); f["bloody_diarrhoea"] = True
        elif v == "uc_flare":
            f["age"] = age_in(r, 18, 49); f["bloody_diarrhoea"] = True; f["known_ibd"] = r.choice(["UC", "Crohn's"])
        else:
            f["age"] = age_in(r, 16, 75); f["calpro"] = r.choice([250, 310, 560, 980, 1200, 1800])
            f["cibh"] = True
            if f["age"] >= 60 or r.random() < 0.3: f["fit"] = r.choice([3, 6, 9])
            if r.random() < 0.4: f["abdo_pain"] = True
    elif rule == "R2":
        v = r.choice(["cirr_ascites", "cirr_conf", "alt"])
        f["age"] = age_in(r, 22, 85)
        if v == "alt":
            f["alt"] = r.choice([300, 412, 650, 1140, 2300])
            if f["age"] < 40 and r.random() < 0.5: f["jaundice"] = True
        else:
            f["cirrhosis"] = True
            f["ascites" if v == "cirr_ascites" else "confusion"] = True
            f["alt"] = r.choice([None, 28, 35, 52])
    elif rule == "R3":
        f["age"] = age_in(r, 18, 85)
        f["haematemesis"] = True
        if r.random() < 0.4 and f["age"] < 55: f["dyspepsia"] = True
    elif rule == "O1":
        f["age"] = age_in(r, 55, 88, 55)
        f["dyspepsia"] = True
        f["ppi_weeks"] = r.choice([4, 6, 8, 12, 26])
        if r.random() < 0.3: f["upper_abdo_pain"] = True
    elif rule == "O2":
        f["age"] = age_in(r, 16, 75)
        f["calpro"] = r.choice([100, 120, 156, 180, 210, 249])
        for s in r.sample(["cibh", "abdo_pain", "bloating"], r.randint(1, 2)):
            f[s] = True
        if f["age"] >= 60 or r.random() < 0.3: f["fit"] = r.choice([2, 4, 7])
    elif rule == "O3":
        f["age"] = age_in(r, 19, 80)
        f["known_ibd"] = r.choice(["UC", "Crohn's", "UC", "microscopic colitis" if False else "Crohn's"])
        f["ibd_stable_question"] = True
        if r.random() < 0.3: f["calpro"] = r.choice([35, 48, 60])
    elif rule == "O4":
        f["age"] = age_in(r, 14, 70)
        f["ttg_raised"] = True; f["ttg"] = r.choice([12, 24, 56, 98, 128, 200])
        for s in r.sample(["bloating", "cibh", "abdo_pain"], r.randint(1, 2)):
            f[s] = True
        if f["age"] >= 60 or r.random() < 0.3: f["fit"] = r.choice([2, 5])
        if r.random() < 0.5:  # iron deficient but not anaemic
            f["ferritin"] = r.choice([9, 14, 21]); f["hb"] = (133 if f["sex"] == "M" else 122) + r.randint(0, 12)
    elif rule == "O5":
        f["age"] = age_in(r, 25, 80)
        v = r.choice(["alt", "alt", "fatty", "both"])
        if v in ("alt", "both"): f["alt"] = r.choice([40, 46, 63, 88, 126, 210, 299])
        if v in ("fatty", "both"): f["fatty_liver"] = True
        if r.random() < 0.2: f["cirrhosis"] = True
    elif rule == "A1":
        f["age"] = age_in(r, 16, 49, 49)
        for s in r.sample(["abdo_pain", "bloating", "cibh"], r.randint(1, 3)):
            f[s] = True
        if r.random() < 0.5: f["calpro"] = r.choice([12, 25, 40, 62, 99])
        else: f["fit"] = r.choice([0, 2, 4, 6, 9])
        if r.random() < 0.25: f["fh_crc"] = True
    elif rule == "O6":
        v = r.choice(["old", "old", "rb_young"])
        if v == "old":
            f["age"] = age_in(r, 50, 88, 50)
            for s in r.sample(["rectal_bleeding", "cibh", "abdo_pain"], r.randint(1, 2)):
                f[s] = True
        else:
            f["age"] = age_in(r, 20, 49); f["rectal_bleeding"] = True
        f["fit"] = r.choice([0, 2, 3, 5, 8, 9])
    elif rule == "A2":
        f["age"] = age_in(r, 18, 54, 54)
        for s in r.sample(["dyspepsia", "reflux"], r.randint(1, 2)):
            f[s] = True
        if f["dyspepsia"] and r.random() < 0.4: f["ppi_weeks"] = r.choice([4, 8])
    elif rule == "A3":
        f["age"] = age_in(r, 25, 70)
        f["fh_crc"] = True
    elif rule == "D":
        v = r.choice(["rb_young_nofit", "cibh_5059", "iron_def_no_anaemia", "anaemia_normal_ferritin",
                      "dysp_short_ppi", "jaundice_young", "cirrhosis_stable", "fh_with_bloating",
                      "f_hb_boundary", "bloating_older_nofit"])
        if v == "rb_young_nofit":
            f["age"] = age_in(r, 20, 49, 49); f["rectal_bleeding"] = True
        elif v == "cibh_5059":
            f["age"] = age_in(r, 45, 59, 59); f["cibh"] = True
        elif v == "iron_def_no_anaemia":
            f["age"] = age_in(r, 20, 80); f["ferritin"] = r.choice([7, 11, 18, 26])
            f["hb"] = (130 if f["sex"] == "M" else 120) + r.randint(0, 14)
        elif v == "anaemia_normal_ferritin":
            f["age"] = age_in(r, 30, 85); f["hb"] = r.choice([95, 104, 112]); f["ferritin"] = r.choice([30, 85, 240])
        elif v == "dysp_short_ppi":
            f["age"] = age_in(r, 55, 85, 55); f["dyspepsia"] = True; f["ppi_weeks"] = r.choice([None, 1, 2, 3])
        elif v == "jaundice_young":
            f["age"] = age_in(r, 18, 39, 39); f["jaundice"] = True
        elif v == "cirrhosis_stable":
            f["age"] = age_in(r, 40, 80); f["cirrhosis"] = True; f["alt"] = r.choice([22, 31, 38])
        elif v == "fh_with_bloating":
            f["age"] = age_in(r, 50, 70); f["fh_crc"] = True; f["bloating"] = True
        elif v == "f_hb_boundary":
            f["sex"] = "F"; f["age"] = age_in(r, 30, 80); f["hb"] = r.choice([120, 122, 125]); f["ferritin"] = r.choice([9, 14, 20])
        else:
            f["age"] = age_in(r, 50, 75); f["bloating"] = True
    # distractor family history in symptomatic letters
    if rule not in ("A3", "D") and not f["fh_crc"] and r.random() < 0.2:
        f["fh_crc"] = True
    f["_variant"] = v
    return f


# ---------------------------------------------------------------- names etc.
FIRST_F = ["Aoife", "Bethan", "Carys", "Delyth", "Elspeth", "Fenella", "Gwenllian", "Hollie", "Imogen",
           "Jacinta", "Kerys", "Lowri", "Morwenna", "Nerys", "Oonagh", "Philippa", "Rhiannon", "Seren",
           "Tamsin", "Ursula", "Verity", "Winifred", "Yasmin", "Zofia", "Agnieszka", "Blessing", "Chioma",
           "Dilys", "Eira", "Farah", "Ginny", "Hafsa", "Ines", "Jocasta", "Kalinda", "Linnea", "Marisol"]
FIRST_M = ["Alun", "Barnaby", "Cadoc", "Dafydd", "Emrys", "Fergal", "Gethin", "Huw", "Idris", "Jago",
           "Kester", "Lorcan", "Madoc", "Niall", "Oisin", "Peregrine", "Rhodri", "Sion", "Tobias", "Ulric",
           "Vaughan", "Wystan", "Yusuf", "Zbigniew", "Anwar", "Bartosz", "Chidi", "Desmond", "Eamon",
           "Florin", "Gareth", "Hamish", "Ivor", "Jolyon", "Kwame", "Lemuel", "Mostyn"]
SURN = ["Abernethy", "Blakemore", "Cadwallader", "Dunkerley", "Eckersley", "Fairclough", "Gillingwater",
        "Hesketh", "Illingworth", "Jessop", "Kettlewell", "Lumb", "Marwood", "Nuttall", "Ormerod",
        "Pilkington", "Quarmby", "Rawcliffe", "Sowerbutts", "Tattersall", "Uttley", "Vose", "Whitworth",
        "Yeadon", "Zelinski", "Okonkwo-Hart", "Penhaligon", "Trevithick", "Quiller", "Ashdown-Reeve",
        "Brindle", "Catterall", "Dewhirst", "Entwistle", "Fazakerley", "Grimshaw", "Holroyd"]
PRACTICES = [("Marlbrook Valley Surgery", "Y90113"), ("The Quayside Medical Practice", "Y90227"),
             ("Hollin Lane Health Centre", "Y90341"), ("Saltings Family Practice", "Y90455"),
             ("Cinderford Mill Surgery", "Y90569"), ("Pennant Row Medical Group", "Y90673"),
             ("Brackenfold Surgery", "Y90787"), ("Larkhill Green Practice", "Y90891"),
             ("Tollgate House Surgery", "Y90905"), ("Ferncombe Medical Centre", "Y91019")]
STREETS = ["Wharf Lane", "Cobble Rise", "Heron Close", "Mill Race", "Tanners Row", "Orchard Drift",
           "Kiln Court", "Sexton Way", "Lantern Walk", "Fuller Street"]
TOWNS = ["Ashbury Vale", "Kettleby", "Norbridge", "Sallowfield", "Westerholm", "Penvarrow"]
GPS = ["Dr A Fenwick", "Dr R Olawale", "Dr S Haldane", "Dr P Kaur-Bell", "Dr M Tregothnan", "Dr J Ibbotson",
       "Dr L Moorcroft", "Dr K Adeyemi", "Dr T Varga", "Dr E Ruddock", "Dr H Penrose (locum)"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t] + ("" if o == 0 else "-" + ONES[o])


def nhs_number(r):
    while True:
        d = [9, 9, 9] + [r.randint(0, 9) for _ in range(6)]
        s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        s = "".join(map(str, d + [c]))
        return r.choice([s, f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}-{s[3:6]}-{s[6:]}"]), s


def fmt_date(d, r, short_ok=True):
    opts = [d.strftime("%d/%m/%Y"), f"{d.day} {MONTHS[d.month-1][:3]} {d.year}",
            f"{d.day} {MONTHS[d.month-1]} {d.year}", d.strftime("%d.%m.%Y"),
            f"{d.day}{'th' if 11 <= d.day <= 13 else {1:'st',2:'nd',3:'rd'}.get(d.day % 10, 'th')} {MONTHS[d.month-1]} {d.year}"]
    if short_ok:
        opts.append(f"{d.day}.{d.month}.{d.strftime('%y')}")
    return r.choice(opts)


def dob_for(age, letter, r, boundary):
    """a date of birth giving exactly `age` completed years at `letter`."""
    if boundary:
        # birthday within a few days either side of the letter date
        if r.random() < 0.5:
            bday = letter - dt.timedelta(days=r.randint(0, 6))  # just had birthday
        else:
            bday = letter + dt.timedelta(days=r.randint(1, 8))  # birthday coming up
            return dt.date(bday.year - age - 1, bday.month, min(bday.day, 28))
        return dt.date(bday.year - age, bday.month, min(bday.day, 28))
    y = letter.year - age
    d = dt.date(y, r.randint(1, 12), r.randint(1, 28))
    if (letter.month, letter.day) < (d.month, d.day):
        d = dt.date(y - 1, d.month, d.day)
    return d


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ---------------------------------------------------------------- phrase banks
# {p} he/she  {P} He/She  {o} him/her  {s} his/her  {S} His/Her  {n} a small number
POS = {
    "dysphagia": [
        "c/o dysphagia to solids x{m}/12, progressive",
        "{P} describes food sticking behind the breastbone when {p} swallows, worse over the last {n} weeks",
        "\"the food just sticks halfway down\" - now cutting meat very small and washing it down",
        "Dysphagia ++ (solids > liquids) for about {n}/52",
        "difficulty swallowing for {n}/52, has had to regurgitate bread twice",
        "intermittent sticking of food in the gullet, now most meals",
        "says tablets and toast \"won't go down\" - swallowing difficulty since {mon}",
    ],
    "weight_loss": [
        "wt loss approx {kg} kg over {m}/12, not trying",
        "unintentional weight loss - {kg}kg since {mon} (weighed today)",
        "{P} has lost about {st} stone without trying, clothes hanging off {o}",
        "unable to weigh (telephone consult) but {p} says {s} trousers are much looser and family have commented {p} has lost weight",
        "\"I've gone down two dress sizes and I'm not dieting\"",
        "weight down from {w1} kg to {w2} kg, unexplained",
        "Wt loss ++, unexplained",
    ],
    "upper_abdo_pain": [
        "epigastric pain, gnawing, x{n}/52",
        "upper abdominal pain radiating through to the back",
        "c/o pain in the upper tummy after meals (\"just under the ribs in the middle\")",
        "RUQ/epigastric discomfort on and off for {m} months",
    ],
    "abdo_pain": [
        "lower abdominal pain, crampy, on and off x{m}/12",
        "generalised abdo pain ++",
        "c/o tummy ache, mainly LIF, comes and goes",
        "colicky central abdominal pain for {n} weeks",
        "\"a dragging ache low down on the left\"",
    ],
    "reflux": [
        "heartburn and acid reflux most nights",
        "GORD symptoms - acid brash, burning retrosternally",
        "reflux ++, worse lying flat",
        "\"burning coming up into my throat\" after food",
    ],
    "dyspepsia": [
        "dyspepsia - indigestion after most meals",
        "ongoing indigestion / fullness after eating",
        "c/o dyspeptic symptoms x{m}/12",
        "epigastric fullness and belching (dyspepsia)",
    ],
    "jaundice": [
        "noted to be jaundiced - yellow sclerae, painless",
        "painless jaundice, {s} partner noticed {s} eyes were yellow",
        "O/E clinically jaundiced; itching, dark urine and pale stools",
        "yellow discolouration of skin and eyes for {n} days",
    ],
    "rectal_bleeding": [
        "PR bleeding - bright red, on the paper and in the pan, x{n}/52",
        "BRPR on and off for {m} months",
        "rectal bleeding, darker blood mixed with stool",
        "\"blood when I wipe and sometimes in the toilet\"",
        "c/o fresh blood PR",
    ],
    "cibh": [
        "CIBH - looser and more frequent stools (3-4x/day) for {m} months",
        "change in bowel habit to looser stool x{n}/52",
        "bowels have changed - alternating constipation and diarrhoea since {mon}",
        "\"my bowels just aren't right, going much more often and it's loose\"",
        "persistent change in bowel habit towards constipation, {m}/12",
    ],
    "bloating": [
        "bloating ++, worse through the day",
        "abdominal bloating and distension after meals",
        "\"I look six months pregnant by teatime\" - bloating",
        "c/o bloating and wind",
    ],
    "bloody_diarrhoea": [
        "bloody diarrhoea {k}x/day for {n} weeks, urgency, woken at night",
        "loose stools with blood mixed in, {k}-{k2} times a day",
        "diarrhoea with blood and mucus x{n}/52",
        "\"it's like red water\" - bloody loose motions most days",
    ],
    "haematemesis": [
        "haematemesis x2 yesterday (small volume, fresh red blood), now haemodynamically stable, no melaena",
        "vomited fresh blood after a bout of retching {n} days ago, obs normal today",
        "\"bright red blood in the sick\" on {n} occasions this week",
    ],
    "abdominal_mass": [
        "O/E: firm, non-tender mass palpable in the RIF",
        "on examination there is a mass in the left upper quadrant approx 6cm",
        "O/E abdo - ?mass epigastrium, hard, craggy",
        "palpable abdominal mass R side",
    ],
    "rectal_mass": [
        "PR: hard irregular mass at fingertip, anterior wall",
        "DRE - rectal mass felt approx 5cm from anal verge",
        "O/E PR: palpable rectal mass",
    ],
    "anal_mass": [
        "O/E: firm mass at the anal margin, not a pile",
        "PR exam - anal mass at 3 o'clock",
    ],
    "anal_ulcer": [
        "unexplained anal ulceration on inspection, not a typical fissure, present {n} weeks",
        "non-healing ulcer at the anal margin, no obvious cause",
    ],
    "ascites": [
        "now has tense ascites (shifting dullness), increased abdominal girth",
        "new ascites on examination",
        "abdomen distended with fluid - ascites",
    ],
    "confusion": [
        "family report new confusion and drowsiness, ?encephalopathy",
        "intermittently confused over the last week, flap present",
    ],
    "cirrhosis": [
        "known alcohol-related cirrhosis",
        "known cirrhosis (MASLD) under annual surveillance",
        "liver cirrhosis diagnosed {y} (hep C, treated)",
    ],
    "fatty_liver": [
        "USS abdomen: diffusely echobright liver consistent with fatty infiltration",
        "ultrasound showed hepatic steatosis (fatty liver)",
        "US: fatty liver, no focal lesion",
    ],
    "fh_crc": [
        "FH: mother - bowel cancer aged {fa}",
        "Father had colorectal cancer at {fa}",
        "FH Ca colon (brother, age {fa})",
        "family history of bowel cancer - {s} sister was diagnosed at {fa}",
        "FH: maternal aunt and grandfather both had bowel ca",
    ],
}

NEG = {
    "dysphagia": ["no dysphagia", "swallowing fine", "denies difficulty swallowing", "dysphagia -"],
    "weight_loss": ["no weight loss", "weight stable", "wt loss -", "denies losing weight"],
    "rectal_bleeding": ["no PR bleeding", "no blood in stool", "BRPR -", "denies rectal bleeding"],
    "haematemesis": ["no haematemesis", "no vomiting blood", "haematemesis x"],
    "jaundice": ["not jaundiced", "no jaundice"],
    "melaena": ["no melaena", "no black stools", "melaena -"],
    "abdominal_mass": ["abdo SNT, no masses", "no palpable mass", "abdomen soft, non-tender, NAD"],
}

SEVERE_NEG_LISTS = ["Red flags: nil", "Red flags - none of: dysphagia / wt loss / GI bleeding / anaemia",
                    "No red flags", "Red flags asked about and denied"]

MGMT_Q = ["Is it reasonable to reduce {s} mesalazine now {p} has been in remission for 3 years?",
          "{P} and {s} partner are planning a pregnancy - can {p} stay on azathioprine? Currently well, no symptoms.",
          "Would you advise shingles vaccination while on vedolizumab? Stable, no flare for 2 years.",
          "Please advise on frequency of surveillance colonoscopy - stable, asymptomatic.",
          "Should {s} azathioprine bloods monitoring be reduced to 3-monthly? Well and in remission.",
          "Query whether {p} can stop {s} budesonide taper early - currently in remission, bowels normal."]


def pron(sex):
    if sex == "F":
        return {"p": "she", "P": "She", "o": "her", "s": "her", "S": "Her"}
    return {"p": "he", "P": "He", "o": "him", "s": "his", "S": "His"}


def fill(t, pr, r):
    d = dict(pr)
    d.update(m=r.randint(2, 8), n=r.randint(3, 12), kg=r.choice([4, 5, 6, 7, 8, 10, 12]),
             st=r.choice(["1", "1.5", "2"]), w1=r.randint(68, 95), mon=r.choice(MONTHS[:9]),
             k=r.randint(5, 9), y=r.randint(2012, 2021), fa=r.choice([48, 52, 63, 71, 78]))
    d["w2"] = d["w1"] - r.randint(5, 11)
    d["k2"] = d["k"] + 3
    return t.format(**d)


# ---------------------------------------------------------------- results
def hb_str(f, r, inline=True):
    hb = f["hb"]
    gdl = r.random() < 0.4
    if gdl:
        val = f"{hb/10:.1f}"
        forms = [f"Hb {val}", f"haemoglobin {val} g/dL", f"Hb {val} g/dl"]
    else:
        val = str(hb)
        forms = [f"Hb {val}", f"Hb {val} g/L", f"Hb {val} g/l", f"haemoglobin {val}"]
    s = r.choice(forms)
    lab_low = 130 if f["sex"] == "M" else 115
    if hb < lab_low and r.random() < 0.6:
        s += r.choice([" (L)", " L", "*"])
    return s, ("g/dL" if gdl else "g/L"), val


def results_for(f, r):
    """list of (name, value_str, unit, flag) current results; only facts we drew plus fillers."""
    res = []
    if f["hb"] is not None:
        gdl = r.random() < 0.35
        low = 130 if f["sex"] == "M" else 115
        res.append(("Hb", f"{f['hb']/10:.1f}" if gdl else str(f["hb"]), "g/dL" if gdl else "g/L",
                    "L" if f["hb"] < low else ""))
    if f["ferritin"] is not None:
        res.append((r.choice(["Ferritin", "ferr", "Ferritin"]), str(f["ferritin"]),
                    r.choice(["ug/L", "ng/mL", "ug/L"]), "L" if f["ferritin"] < 15 else ""))
    if f["fit"] is not None:
        v = f["fit"]
        if v == 0:
            vs = r.choice(["<4", "undetectable", "negative", "0"])
        elif v < 4:
            vs = r.choice(["<4", str(v)])
        elif v > 400:
            vs = ">400"
        else:
            vs = str(v)
        res.append((r.choice(["FIT", "qFIT", "FIT (faecal Hb)"]), vs, "ug Hb/g", "H" if v >= 10 else ""))
    if f["calpro"] is not None:
        res.append((r.choice(["Faecal calprotectin", "Calprotectin", "FCP", "calpro"]), str(f["calpro"]), "ug/g",
                    "H" if f["calpro"] >= 50 else ""))
    if f["alt"] is not None:
        res.append(("ALT", str(f["alt"]), r.choice(["U/L", "IU/L"]), "H" if f["alt"] > 40 else ""))
    if f["ttg"] is not None:
        res.append((r.choice(["tTG IgA", "TTG", "Anti-tTG"]), ">128" if f["ttg"] > 128 else str(f["ttg"]),
                    "U/mL (ref <7)", "H"))
    elif f["ttg_raised"] is False:
        res.append(("tTG IgA", r.choice(["<0.5", "1.2", "0.8"]), "U/mL (ref <7)", ""))
    # fillers (never decide anything)
    fill_pool = [("CRP", str(r.choice([2, 4, 7, 12])), "mg/L", ""), ("eGFR", ">90", "mL/min", ""),
                 ("Na", str(r.randint(136, 143)), "mmol/L", ""), ("Plt", str(r.randint(180, 390)), "x10^9/L", ""),
                 ("Bili", str(r.randint(5, 18)) if not f["jaundice"] else str(r.choice([45, 78, 112, 160])), "umol/L",
                  "" if not f["jaundice"] else "H"),
                 ("ALP", str(r.randint(60, 120)), "U/L", "")]
    if f["alt"] is None and r.random() < 0.5 and not f["cirrhosis"]:
        fill_pool.append(("ALT", str(r.randint(12, 34)), "U/L", ""))
    for x in r.sample(fill_pool, r.randint(1, 3)):
        if x[0] == "ALT":
            f["alt"] = int(x[1])  # a normal ALT is now a stated fact
        res.append(x)
    return res


def inline_result(name, val, unit, flag, r):
    forms = [f"{name} {val}", f"{name} {val} {unit}", f"{name}: {val}"]
    if name.startswith(("FIT", "qFIT")):
        forms += [f"{name}: {val} (ref <10)", f"{name} {val} ug/g"]
    if name == "ALT" and val.isdigit() and int(val) >= 100:
        forms.append(f"ALT {val} ({int(val)//40}x ULN)")
    s = r.choice(forms)
    if flag and r.random() < 0.5:
        s += f" ({flag})" if r.random() < 0.5 else "*"
    return s


# ---------------------------------------------------------------- context
A, B = "\x01", "\x02"   # evidence markers (protected from typo/OCR damage, stripped at the end)


class Ctx:
    pass


def mk(c, key, s):
    c.evidence.setdefault(key, []).append(s)
    return A + s + B


def ppi_phrase(w, r):
    drug = r.choice(["omeprazole 20mg od", "lansoprazole 30mg", "omeprazole 40mg", "esomeprazole 20 mg OD"])
    if w is None:
        return None
    if w >= 4:
        ws = r.choice([f"{w}/52", f"{w} weeks"] + (["2 months"] if w == 8 else []) + (["6 months"] if w == 26 else []) +
                      (["3 months"] if w == 12 else []))
        return r.choice([f"symptoms persist despite {drug} for {ws}",
                         f"no better after {ws} of {drug} (compliant)",
                         f"still dyspeptic after {ws} PPI ({drug})"])
    ws = r.choice([f"{w}/52", f"{w} week" + ("s" if w > 1 else "")])
    return r.choice([f"started {drug} {ws} ago - too early to say if helping",
                     f"on {drug} for only {ws} so far"])


PRIO_TEXT = {
    "urgent_suspected_cancer": ["Priority: 2WW", "Urgent suspected cancer referral please", "Please see under 2WW",
                                "USC / 2WW", "I would be grateful for a 2 week wait appointment"],
    "urgent": ["Priority: Urgent", "Urgent please", "Please see soon - urgent", "URGENT (not 2WW)"],
    "routine": ["Priority: Routine", "Routine referral", "routine OPD please", "Please see routinely"],
    "advice_and_guidance": ["A&G request", "Advice & Guidance only please - happy to manage in primary care",
                            "Request: advice only, no appointment needed", "Seeking A&G via e-RS"],
    "none": [""],
}


def priority_text(p, r):
    return r.choice(PRIO_TEXT[p])


def build_ctx(i, rule, f, r):
    c = Ctx()
    c.id = f"L9-{i:04d}"
    c.rule = rule
    c.f = f
    c.evidence = {}
    c.pr = pron(f["sex"])
    c.first = r.choice(FIRST_F if f["sex"] == "F" else FIRST_M)
    c.sur = r.choice(SURN)
    c.title = r.choice(["Mrs", "Ms", "Miss"]) if f["sex"] == "F" else "Mr"
    c.practice, c.code = r.choice(PRACTICES)
    c.gp = r.choice(GPS)
    c.addr = f"{r.randint(1, 140)} {r.choice(STREETS)}, {r.choice(TOWNS)}"
    c.letter_date = dt.date(2023, 1, 1) + dt.timedelta(days=r.randint(0, 900))
    boundary = r.random() < 0.25
    dob = dob_for(f["age"], c.letter_date, r, boundary)
    if age_at(dob, c.letter_date) != f["age"]:
        dob = dob_for(f["age"], c.letter_date, r, False)
    assert age_at(dob, c.letter_date) == f["age"]
    c.dob = dob
    c.nhs_disp, c.nhs = nhs_number(r)
    c.date_str = fmt_date(c.letter_date, r, short_ok=False)
    c.dob_str = fmt_date(dob, r, short_ok=f["age"] >= 25)
    c.man = ("lady" if r.random() < 0.5 else "woman") if f["sex"] == "F" else ("gentleman" if r.random() < 0.5 else "man")
    if f["age"] < 18:
        c.man = "girl" if f["sex"] == "F" else "boy"
    c.age_form = r.choice(["num", "num", "words", "dob", "dob", "decade", "both"])
    a = f["age"]
    if c.age_form in ("num", "both"):
        c.age_phrase = r.choice([f"{a} y/o", f"{a}yo", f"{a} year old", f"{a}-year-old", f"aged {a}", f"{a} yrs"])
    elif c.age_form == "words":
        c.age_phrase = r.choice([f"aged {words(a)}", f"{words(a)}-year-old", f"{words(a)} year old"])
    elif c.age_form == "decade":
        c.age_phrase = f"in {c.pr['s']} {a // 10 * 10}s" if a >= 20 else f"in {c.pr['s']} teens"
    else:
        c.age_phrase = ""
    c.show_dob = c.age_form in ("dob", "decade", "both") or r.random() < 0.3
    if c.show_dob and c.age_form == "num":
        c.age_form = "both"
    # positives
    pos = []
    order = ["dysphagia", "haematemesis", "bloody_diarrhoea", "rectal_bleeding", "cibh", "upper_abdo_pain",
             "abdo_pain", "reflux", "dyspepsia", "bloating", "weight_loss", "jaundice", "ascites", "confusion"]
    r.shuffle(order)
    for k in order:
        if f[k]:
            if k == "abdo_pain" and f["upper_abdo_pain"]:
                continue
            pos.append(mk(c, k, fill(r.choice(POS[k]), c.pr, r)))
    c.pos = pos
    c.exam = []
    for k in ["abdominal_mass", "rectal_mass", "anal_mass", "anal_ulcer"]:
        if f[k]:
            c.exam.append(mk(c, k, fill(r.choice(POS[k]), c.pr, r)))
    if not c.exam:
        c.exam.append(r.choice(["O/E abdo SNT, no masses", "abdomen soft, non-tender, no masses palpable",
                                "I have not examined (telephone consultation)", "O/E NAD", "declined PR; abdo soft, no mass",
                                "PR not done. Abdo: soft, mild LIF tenderness, no mass"]))
    c.ppi = None
    if f["dyspepsia"] and f["ppi_weeks"] is not None:
        c.ppi = mk(c, "ppi_weeks", ppi_phrase(f["ppi_weeks"], r))
    elif f["dyspepsia"] and r.random() < 0.5:
        c.ppi = r.choice(["has not tried a PPI yet", "no PPI trial so far", "uses Gaviscon PRN only"])
    c.ibd = None
    if f["known_ibd"]:
        q = r.choice(MGMT_Q)
        med = [m for m in ["mesalazine", "azathioprine", "vedolizumab", "budesonide"] if m in q]
        med = {"mesalazine": "mesalazine 2.4g od", "azathioprine": "azathioprine 100mg", "vedolizumab": "vedolizumab (hospital)",
               "budesonide": "budesonide taper"}[med[0]] if med else r.choice(["mesalazine 2.4g od", "infliximab"])
        if not f["ibd_stable_question"]:
            med = r.choice(["mesalazine 2.4g od", "azathioprine 100mg", "no maintenance treatment"])
        c.ibd = mk(c, "known_ibd", f"Known {f['known_ibd']} (dx {r.randint(2008, 2021)}), on {med}")
        if f["ibd_stable_question"]:
            c.ibd += ". " + mk(c, "ibd_stable_question", fill(q, c.pr, r))
        else:
            c.ibd += ". " + r.choice(["Now flaring:", "Current flare -", "Relapse over the last fortnight:"])
    c.cirr = mk(c, "cirrhosis", fill(r.choice(POS["cirrhosis"]), c.pr, r)) if f["cirrhosis"] else None
    c.fatty = mk(c, "fatty_liver", r.choice(POS["fatty_liver"])) if f["fatty_liver"] else None
    c.fh = mk(c, "fh_crc", fill(r.choice(POS["fh_crc"]), c.pr, r)) if f["fh_crc"] else \
        r.choice(["FH: nil relevant", "FH - father MI at 60", "No FH of GI malignancy", "FH: mum had breast ca",
                  "FH: nil of note", "FH: father - stomach ulcer, mother - pancreatic cancer at 81"])
    # fit status text for letters without a FIT value
    c.fitnote = None
    if f["fit"] is None and f["fit_status"]:
        c.fitnote = {"awaited": "FIT sent {d} - result awaited", "declined": "{P} declined a FIT kit",
                     "not_done": "FIT not done", "kit_sent": "FIT kit given today, will forward result"}[f["fit_status"]]
        c.fitnote = mk(c, "fit_status", fill(c.fitnote.replace("{d}", fmt_date(c.letter_date - dt.timedelta(days=5), r)), c.pr, r))
    # results
    c.results = results_for(f, r)
    # negations (only for facts that are false)
    negs = []
    for k in ["dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "jaundice", "melaena"]:
        if k == "melaena" or not f.get(k) and not (k == "rectal_bleeding" and f["bloody_diarrhoea"]):
            if r.random() < 0.45:
                negs.append(r.choice(NEG[k]))
    if not any(f[s] for s in ["dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "bloody_diarrhoea",
                              "jaundice"]) and r.random() < 0.3:
        negs.append(r.choice(SEVERE_NEG_LISTS))
    c.negs = negs
    # distractors
    d = []
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        d.append(r.choice(["PR bleeding in {y} - haemorrhoids on flexi sig, none since",
                           "h/o rectal bleeding 2016 (fissure), resolved"]))
    if not f["jaundice"]:
        d.append("jaundice in {y} with glandular fever, fully resolved")
    if not f["dysphagia"] and not f["haematemesis"]:
        d.append(r.choice(["Safety-netted: to seek urgent help if {p} develops difficulty swallowing, vomits blood or has black stools",
                           "I have explained that if {p} ever had trouble swallowing {p} should come straight back"]))
    if not f["weight_loss"]:
        d.append(r.choice(["{P} has lost {kg} kg on Mounjaro (tirzepatide) since {mon}, which is intended",
                           "weight down a stone with Slimming World - intentional and pleased with it",
                           "lost weight deliberately on a low-carb diet this year"]))
        d.append("if {p} loses weight I would appreciate a review sooner")
    if any(f[s] for s in SYMPTOMS):
        d.append(r.choice(["{S} husband (also our patient) has trouble swallowing and is being referred separately",
                           "{S} son has coeliac disease - {p} wonders if it runs in families",
                           "{S} wife was recently diagnosed with bowel cancer, which has understandably worried {o}",
                           "{P} also asked about {s} 7 year old's tummy aches - advised a separate appointment"]))
    if not f["dysphagia"] and not f["reflux"] and not f["dyspepsia"]:
        d.append("had indigestion in {y} that settled after H. pylori eradication")
    r.shuffle(d)
    c.distract = [fill(x, c.pr, r) for x in d[:r.randint(0, 3)]]
    # PMH / DH / SH
    pmh = r.sample(["T2DM", "HTN", "OA knees", "Asthma", "Depression", "Hypothyroidism", "AF", "Gout", "COPD",
                    "Migraine", "Hypercholesterolaemia", "Cholecystectomy 2014"], r.randint(1, 3))
    if f["known_ibd"]:
        pmh.insert(0, f["known_ibd"])
    c.pmh = pmh
    dh = r.sample(["Amlodipine 5mg od", "Metformin 500mg bd", "Sertraline 50mg od", "Levothyroxine 75mcg",
                   "Atorvastatin 20mg on", "Salbutamol inh PRN", "Ramipril 5mg", "Apixaban 5mg bd", "Co-codamol 30/500 PRN"],
                  r.randint(1, 3))
    c.dh = dh
    c.sh = r.choice(["Ex-smoker, ~10 u/wk alcohol", "Non-smoker, drinks socially", "Smoker 15/day, alcohol 30u/wk",
                     "Lives with partner, works as a bus driver", "Retired teacher, lives alone, independent",
                     "Drinks 40+ units/week (AUDIT-C 10)", "Never smoked, TT"])
    c.allergy = r.choice(["NKDA", "Allergies: penicillin (rash)", "NKDA", "Allergy: codeine - vomiting"])
    # priority
    lab_urg = URG[rule][0]
    opts = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
    x = r.random()
    if x < 0.45:
        c.gp_priority = lab_urg
    elif x < 0.55:
        c.gp_priority = "none"
    else:
        c.gp_priority = r.choice([o for o in opts if o != lab_urg])
    c.prio = priority_text(c.gp_priority, r)
    # ICE / differentials / NICE
    c.ice = (r.choice(["{P} thinks it is probably IBS", "{P} wonders if it is something {p} is eating",
                       "{P} has read about coeliac disease online", "no particular ideas"]),
             r.choice(["worried about cancer - a friend died of bowel ca last year", "concerned it is something serious",
                       "not especially worried", "anxious, wants reassurance"]),
             r.choice(["would like a camera test", "wants reassurance", "hoping for a diagnosis",
                       "would prefer advice rather than a hospital visit"]))
    c.ice = tuple(fill(x, c.pr, r) for x in c.ice)
    if f["dysphagia"] or f["reflux"] or f["dyspepsia"] or f["upper_abdo_pain"] or f["haematemesis"]:
        pool = ["?PUD ?gastritis", "r/o malignancy", "?oesophagitis", "?stricture ?web", "?H. pylori"]
    elif f["jaundice"] or f["alt"] and f["alt"] >= 40 or f["fatty_liver"] or f["cirrhosis"]:
        pool = ["?NAFLD vs ALD", "?gallstones", "?hepatitis", "?cause"]
    elif f["known_ibd"]:
        pool = ["IBD management query", "stable IBD"] if f["ibd_stable_question"] else ["?flare", "IBD relapse"]
    elif any(f[s] for s in SYMPTOMS) or f["ttg_raised"] or f["hb"] is not None:
        pool = ["?IBS ?IBD", "query coeliac", "r/o malignancy", "?diverticular disease", "?haemorrhoids", "?functional"]
    else:
        pool = ["screening query", "?cause"]
    c.ddx = r.choice(pool)
    c.nice = None
    if r.random() < 0.25:
        if lab_urg == "urgent_suspected_cancer":
            c.nice = "I believe {p} meets the NICE NG12 criteria for a suspected cancer referral"
        elif f["fit"] is not None and f["fit"] < 10:
            c.nice = "{P} does not meet NICE NG12 / DG56 criteria as the FIT is below 10, but I would value your opinion"
        else:
            c.nice = "I do not think {p} meets the NICE suspected cancer criteria"
        c.nice = fill(c.nice, c.pr, r)
    return c


# ---------------------------------------------------------------- rendering helpers
def cap(s):
    if not s:
        return s
    if s[0] == A:
        return A + s[1:2].upper() + s[2:]
    if s[0] == '"':
        return s
    return s[0].upper() + s[1:]


def name_of(c, r):
    return r.choice([f"{c.title} {c.first} {c.sur}", f"{c.first} {c.sur}", f"{c.sur.upper()}, {c.first}",
                     f"{c.title} {c.sur}"])


def dob_s(c):
    return mk(c, "dob", c.dob_str)


def date_s(c):
    return mk(c, "letter_date", c.date_str)


def age_s(c):
    return mk(c, "age", c.age_phrase) if c.age_phrase else ""


def subject(c, r):
    a = age_s(c)
    if not a:
        return r.choice([f"this {c.man}", f"this pleasant {c.man}", f"{c.title} {c.sur}"])
    if c.age_form == "decade":
        return f"this {c.man} {a}"
    if a.startswith(A + "aged"):
        return f"this {c.man} {a}"
    return r.choice([f"this {a} {c.man}", f"a {a} {c.man}"]) if "y/o" in a or "year" in a or "yo" in a or "yrs" in a else f"this {c.man}, {a},"


def clinical_bits(c):
    """the current-problem statements, evidence-marked, in a fixed relative order."""
    bits = []
    if c.ibd:
        bits.append(c.ibd)
    if c.cirr:
        bits.append(c.cirr)
    bits += c.pos
    if c.ppi:
        bits.append(c.ppi)
    if c.fatty:
        bits.append(c.fatty)
    if c.fitnote:
        bits.append(c.fitnote)
    return bits


def asymptomatic_line(c, r):
    f = c.f
    if not any(f[s] for s in SYMPTOMS) and not f["known_ibd"]:
        if "asymptomatic" in c.evidence:
            return A + c.evidence["asymptomatic"][0] + B
        return mk(c, "asymptomatic", r.choice(["{P} is entirely asymptomatic - bowels regular, no bleeding, no pain",
                                               "No GI symptoms at all", "{P} is well in {o}self with no symptoms"]).format(**c.pr))
    return None


def res_item(c, res, r):
    name, val, unit, flag = res
    return mk(c, "res:" + name, inline_result(name, val, unit, flag, r))


def res_inline(c, r, lead=None):
    if not c.results:
        return ""
    items = [res_item(c, x, r) for x in c.results]
    lead = lead or r.choice(["Bloods: ", "Results: ", "Recent ix: ", "Ix - ", "Investigations: "])
    return lead + r.choice([", ", "; ", ". "]).join(items)


def res_pipe(c, r):
    lines = ["| Test | Result | Units | Flag |", "|---|---|---|---|"]
    for n, v, u, fl in c.results:
        lines.append(mk(c, "res:" + n, f"| {n} | {v} | {u} | {fl} |"))
    return "\n".join(lines)


def res_ascii(c, r):
    w = 24
    bar = "+" + "-" * w + "+" + "-" * 12 + "+" + "-" * 16 + "+"
    lines = [bar, f"|{'Investigation':<{w}}|{'Value':<12}|{'Units':<16}|", bar]
    for n, v, u, fl in c.results:
        vv = v + (" " + fl if fl else "")
        lines.append(mk(c, "res:" + n, f"|{n:<{w}}|{vv:<12}|{u:<16}|"))
    lines.append(bar)
    return "\n".join(lines)


def res_cols(c, r):
    lines = [f"{'TEST':<22}{'RESULT':<10}{'UNITS':<16}FLAG"]
    for n, v, u, fl in c.results:
        lines.append(mk(c, "res:" + n, f"{n:<22}{v:<10}{u:<16}{fl}".rstrip()))
    return "\n".join(lines)


def res_flat(c, r):
    lines = []
    for n, v, u, fl in c.results:
        lines.append(mk(c, "res:" + n, f"{n}\n{v} {u}" + (f" {fl}" if fl else "")))
    return "\n".join(lines)


def older_value(n, v, f, r, k):
    if not v.replace(".", "").isdigit():
        return "-"
    x = float(v)
    if n == "Hb":
        gdl = "." in v
        hb = int(round(x * 10)) if gdl else int(x)
        thr = 130 if f["sex"] == "M" else 120
        if hb < thr:
            o = hb + r.choice([6, 12, 20, 28]) * k
        else:
            o = max(thr + 1, hb + r.choice([-3, 2, 5]))
        return f"{o/10:.1f}" if gdl else str(o)
    if n == "ALT":
        lo, hi = (0, 39) if x < 40 else ((40, 299) if x < 300 else (300, 5000))
        o = int(min(hi, max(lo, x + r.choice([-12, -5, 4, 9]))))
        return str(o)
    if n.lower().startswith("ferr"):
        lo, hi = (1, 29) if x < 30 else (30, 900)
        return str(int(min(hi, max(lo, x + r.choice([-3, 4, 8])))))
    return "-"


def res_trend(c, r):
    """trend table: latest column is the current value; older columns use other dates."""
    d0 = c.letter_date - dt.timedelta(days=r.randint(2, 20))
    d1 = d0 - dt.timedelta(days=r.randint(80, 120))
    d2 = d1 - dt.timedelta(days=r.randint(200, 400))
    dates = [d2, d1, d0]
    newest_first = r.random() < 0.5
    ds = [x.strftime("%d/%m/%y") for x in dates]
    if newest_first:
        ds = ds[::-1]
    head = f"{'':<18}" + "".join(f"{x:<11}" for x in ds) + "units"
    lines = [("Results (newest first)" if newest_first else "Results trend (oldest -> newest)"), head]
    for n, v, u, fl in c.results:
        o2, o1 = older_value(n, v, c.f, r, 2), older_value(n, v, c.f, r, 1)
        vals = [o2, o1, v + ("*" if fl else "")]
        if newest_first:
            vals = vals[::-1]
        lines.append(mk(c, "res:" + n, f"{n:<18}" + "".join(f"{x:<11}" for x in vals) + u))
    return "\n".join(lines)


def hdr_lines(c, r, labels=("Patient", "DOB", "NHS No", "Address")):
    L = [f"{labels[0]}: {name_of(c, r)}"]
    if c.show_dob:
        L.append(f"{labels[1]}: {dob_s(c)}")
    L.append(f"{labels[2]}: {c.nhs_disp}")
    if r.random() < 0.6:
        L.append(f"{labels[3]}: {c.addr}")
    return L


def neg_text(c, r):
    if not c.negs:
        return ""
    style = r.randrange(4)
    if style == 0:
        return cap(", ".join(c.negs)) + "."
    if style == 1:
        return "Red flags: " + "; ".join(c.negs)
    if style == 2:
        return "Specifically " + " and ".join(c.negs) + "."
    return "\n".join("- " + x for x in c.negs)


def prio_line(c):
    return c.prio


def join_prose(parts, r):
    out = []
    for p in parts:
        if not p:
            continue
        p = cap(p)
        if not p.rstrip(B).endswith((".", ":", "?", "!", "-")):
            p += "."
        out.append(p)
    return " ".join(out)


# ---------------------------------------------------------------- layouts
def L_ers(c, r):
    L = ["NHS e-Referral Service - Referral Letter", f"Service: {r.choice(['Gastroenterology', 'GI Medicine', 'Gastro - RAS'])}",
         f"Referrer: {c.gp}, {c.practice} ({c.code})", f"Date of referral: {date_s(c)}"]
    L += hdr_lines(c, r)
    L.append(f"Priority requested: {c.prio or 'not stated'}")
    L.append("")
    L.append("Reason for referral:")
    L.append(join_prose([f"{subject(c, r)} - {c.ddx}"] + clinical_bits(c) + [asymptomatic_line(c, r)], r))
    L.append("")
    L.append("Examination: " + "; ".join(c.exam))
    L.append("Investigations: " + (res_inline(c, r, lead=" ") or "none"))
    L.append("Red flag screen: " + (", ".join(c.negs) if c.negs else "see above"))
    L.append("PMH: " + ", ".join(c.pmh))
    L.append("Medication: " + ", ".join(c.dh) + f". {c.allergy}")
    L.append(c.fh)
    if c.distract:
        L.append("Other: " + join_prose(c.distract, r))
    if c.nice:
        L.append(c.nice + ".")
    return "\n".join(L)


def L_dear(c, r):
    L = [c.practice, c.addr.split(",")[1].strip(), "", date_s(c), "",
         r.choice(["Dear Doctor,", "Dear Colleague,", "Dear Gastroenterologist,", "Dear Dr Okafor,"]), ""]
    ref = f"Re: {name_of(c, r)}" + (f", DOB {dob_s(c)}" if c.show_dob else "") + f", NHS {c.nhs_disp}"
    L.insert(5, ref)
    lead = "who presents with the following:" if (c.pos or c.ibd or c.cirr or c.fatty) else "whom I examined today."
    body = [f"Thank you for seeing {subject(c, r)} {lead}"]
    L.append(join_prose(body + clinical_bits(c) + [asymptomatic_line(c, r)], r))
    L.append("")
    L.append(join_prose(["On examination " + "; ".join(c.exam)] + [neg_text(c, r).replace("\n", " ")], r))
    ri = res_inline(c, r)
    if ri:
        L.append(ri)
    L.append(join_prose(c.distract + [c.fh], r))
    L.append(f"PMH: {', '.join(c.pmh)}. DH: {', '.join(c.dh)}. {c.allergy}. SH: {c.sh}.")
    if c.nice:
        L.append(c.nice + ".")
    L.append(join_prose([c.prio, "Many thanks for your help"], r))
    L += ["", "Yours sincerely,", "", c.gp, c.practice]
    return "\n".join(L)


def L_terse(c, r):
    bits = clinical_bits(c) + c.exam[:1 if c.f["abdominal_mass"] or c.f["rectal_mass"] or c.f["anal_mass"] or c.f["anal_ulcer"] else 0]
    a = age_s(c)
    who = f"{c.first[0]}.{c.sur} " + (a + " " if a else "") + ("F" if c.f["sex"] == "F" else "M")
    if c.show_dob:
        who += f" (DOB {dob_s(c)})"
    t = f"{who}. " + ". ".join(b.rstrip(".") if not b.endswith(B) else b for b in bits) + (". " + res_inline(c, r, lead="") if c.results else "") + "."
    asym = asymptomatic_line(c, r)
    if asym:
        t += " " + asym + "."
    if asym or c.f["fh_crc"]:
        t += " " + c.fh + "."
    if c.negs:
        t += " " + "; ".join(c.negs) + "."
    t += f" {c.prio}" if c.prio else ""
    t += f"\n{c.gp.split('(')[0].strip()} {c.code} {date_s(c)} NHS {c.nhs_disp}"
    return t


def gp_entries(c, r):
    """dated consultation entries: an old settled problem plus the current one (on/just before letter date)."""
    old = c.letter_date - dt.timedelta(days=r.randint(400, 2500))
    mid = c.letter_date - dt.timedelta(days=r.randint(20, 90))
    cur = c.letter_date - dt.timedelta(days=r.randint(0, 6))
    fmt = lambda d: d.strftime(r.choice(["%d-%b-%Y", "%d/%m/%Y", "%Y-%m-%d"]))
    E = []
    f = c.f
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        E.append((old, f"{fmt(old)}  {c.gp.split('(')[0].strip()}  Surgery consultation\n  [X] Rectal bleeding - resolved. Small piles on PR. Anusol. Settled by review."))
    elif not f["dyspepsia"] and not f["reflux"] and not f["dysphagia"]:
        E.append((old, f"{fmt(old)}  Telephone encounter\n  [D] Dyspepsia. H pylori stool Ag positive, eradication given. Symptoms resolved at 6/52 review."))
    else:
        E.append((old, f"{fmt(old)}  Surgery consultation\n  [D] Low back pain. Mechanical. Advice + analgesia."))
    E.append((mid, f"{fmt(mid)}  Practice nurse\n  Annual review: BP 132/80. {c.sh}."))
    cur_txt = f"{fmt(cur)}  {c.gp.split('(')[0].strip()}  Face to face\n  History: " + join_prose(clinical_bits(c) + [asymptomatic_line(c, r)], r)
    cur_txt += "\n  Examination: " + "; ".join(c.exam)
    if c.negs:
        cur_txt += "\n  " + "; ".join(c.negs)
    if c.results:
        cur_txt += "\n  " + res_inline(c, r, lead="Results: ")
    cur_txt += f"\n  Plan: refer gastro ({c.ddx}). {c.prio}"
    E.append((cur, cur_txt))
    return E


def problem_titles(c, r):
    f = c.f
    act = []
    m = {"dyspepsia": "[D] Dyspepsia", "reflux": "[D] Gastro-oesophageal reflux (XE0r1)", "cibh": "[D] Change in bowel habit",
         "rectal_bleeding": "[D] Rectal bleeding", "dysphagia": "[D] Dysphagia (SNOMED 40739000)",
         "jaundice": "[D] Jaundice", "abdo_pain": "[D] Abdominal pain", "upper_abdo_pain": "[D] Epigastric pain",
         "weight_loss": "[D] Abnormal weight loss", "bloating": "[D] Abdominal bloating", "haematemesis": "[D] Haematemesis",
         "bloody_diarrhoea": "[D] Bloody diarrhoea"}
    for k, v in m.items():
        if f[k]:
            act.append(v)
    if f["known_ibd"]:
        act.append("Ulcerative colitis (X30Cv)" if f["known_ibd"] == "UC" else "Crohn's disease (J40..)")
    if f["cirrhosis"]:
        act.append("Cirrhosis of liver")
    act += [x for x in c.pmh if x not in act and x != f["known_ibd"]][:2]
    past = []
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        past.append("[X] Rectal bleeding - resolved (2019)")
    if not f["jaundice"]:
        past.append("Infectious mononucleosis with jaundice (2004) - resolved")
    if not f["dyspepsia"] and not f["reflux"]:
        past.append("[X] Dyspepsia - H. pylori eradicated, resolved")
    minor = r.sample(["Haemorrhoids", "Acne", "Plantar fasciitis", "Viral URTI", "Ingrown toenail"], 2)
    return act, past, minor


def L_record(c, r):
    L = [f"{c.practice} - clinical record extract", f"Printed: {date_s(c)}",
         f"{name_of(c, r)}  " + (f"DOB {dob_s(c)}  " if c.show_dob else "") + f"NHS {c.nhs_disp}  {'F' if c.f['sex']=='F' else 'M'}"]
    if c.age_phrase:
        L.append(f"Age: {age_s(c)}")
    act, past, minor = problem_titles(c, r)
    L += ["", "Active problems"] + ["  " + x for x in act] + ["Past problems"] + ["  " + x for x in past] + \
         ["Minor problems"] + ["  " + x for x in minor]
    L += ["", "Current medication"] + ["  " + x for x in c.dh] + [f"  {c.allergy}", "", "Consultations"]
    E = gp_entries(c, r)
    if r.random() < 0.5:
        E = E[::-1]
    L += [e[1] for e in E]
    L += ["", c.fh]
    if c.distract:
        L.append("Notes: " + join_prose(c.distract, r))
    return "\n".join(L)


def L_problemlist(c, r):
    act, past, minor = problem_titles(c, r)
    L = [f"REFERRAL - {c.practice.upper()} ({c.code})", f"Date: {date_s(c)}"] + hdr_lines(c, r, ("Name", "D.O.B.", "NHS number", "Addr"))
    L += ["", "ACTIVE PROBLEMS:"] + [f" * {x}" for x in act] + ["PAST PROBLEMS:"] + [f" * {x}" for x in past]
    L += ["MINOR PROBLEMS: " + ", ".join(minor), ""]
    L.append("Current consultation: " + join_prose([f"Seen today, {subject(c, r)}"] + clinical_bits(c) + [asymptomatic_line(c, r)] + c.exam, r))
    if c.results:
        L += ["", res_cols(c, r)]
    L += ["", neg_text(c, r), c.fh, "", (c.prio or "")]
    return "\n".join(x for x in L if x is not None)


def L_pipe(c, r):
    L = [f"**{c.practice}** | {c.code}", f"Date: {date_s(c)}", "", "| Field | Detail |", "|---|---|",
         f"| Patient | {name_of(c, r)} |"]
    if c.show_dob:
        L.append(f"| DOB | {dob_s(c)} |")
    if c.age_phrase:
        L.append(f"| Age | {age_s(c)} |")
    L += [f"| NHS | {c.nhs_disp} |", f"| Requested priority | {c.prio or '-'} |", ""]
    L.append("History: " + join_prose(clinical_bits(c) + [asymptomatic_line(c, r)], r))
    L.append("O/E: " + "; ".join(c.exam))
    if c.results:
        L += ["", res_pipe(c, r)]
    L += ["", neg_text(c, r), f"PMH: {', '.join(c.pmh)} | DH: {', '.join(c.dh)} | {c.allergy}", c.fh]
    if c.distract:
        L.append(join_prose(c.distract, r))
    L.append(c.gp)
    return "\n".join(L)


def L_ascii(c, r):
    bar = "=" * 60
    L = [bar, f" GASTROENTEROLOGY REFERRAL        {c.practice}", bar]
    L += [" " + x for x in hdr_lines(c, r)]
    L.append(f" Letter date: {date_s(c)}")
    L.append(bar)
    L.append("PRESENTING COMPLAINT")
    L.append(join_prose([f"{subject(c, r)}"] + clinical_bits(c) + [asymptomatic_line(c, r)], r))
    L.append("EXAMINATION\n" + "\n".join(c.exam))
    if c.results:
        L += ["RESULTS", res_ascii(c, r)]
    L += [neg_text(c, r), "PMH " + " / ".join(c.pmh), "DH " + " / ".join(c.dh), c.fh]
    if c.nice:
        L.append(c.nice)
    L += [bar, f"Requested: {c.prio or 'n/s'}", f"Signed {c.gp}"]
    return "\n".join(L)


def L_twocol(c, r):
    # label column and value column flattened into one stream
    pairs = [("Patient name", name_of(c, r))]
    if c.show_dob:
        pairs.append(("Date of birth", dob_s(c)))
    if c.age_phrase:
        pairs.append(("Age", age_s(c)))
    pairs += [("NHS number", c.nhs_disp), ("Referral date", date_s(c)), ("Referring GP", f"{c.gp} {c.code}"),
              ("Urgency", c.prio or "Not specified"),
              ("Clinical details", join_prose(clinical_bits(c) + [asymptomatic_line(c, r)], r)),
              ("Examination", "; ".join(c.exam))]
    if c.negs:
        pairs.append(("Red flags", ", ".join(c.negs)))
    pairs += [("Past history", ", ".join(c.pmh)), ("Drugs", ", ".join(c.dh)), ("Family history", c.fh)]
    L = []
    for k, v in pairs:
        L += [k, v]
    if c.results:
        L += ["Test results", res_flat(c, r)]
    if c.distract:
        L += ["Additional information", join_prose(c.distract, r)]
    return "\n".join(L)


def L_trend(c, r):
    L = [f"{c.practice}   Tel 01632 960{r.randint(100, 999)}", f"{date_s(c)}", ""]
    L += hdr_lines(c, r)
    L += ["", f"Dear Gastro team,", join_prose([f"I would be grateful for your opinion on {subject(c, r)}"] +
                                               clinical_bits(c) + [asymptomatic_line(c, r)] + c.exam, r)]
    if c.results:
        L += ["", res_trend(c, r)]
    L += ["", neg_text(c, r), c.fh, join_prose(c.distract, r), c.prio, "", c.gp]
    return "\n".join(x for x in L if x is not None)


def L_private(c, r):
    L = [r.choice(["Harbourside Private Clinic", "The Elmwood Independent Hospital", "Castlegate Private GP Ltd"]),
         date_s(c), "", f"Dear {c.gp.split('(')[0].strip()},", "",
         f"Re: {name_of(c, r)}" + (f" (DOB {dob_s(c)})" if c.show_dob else "") + f"  NHS {c.nhs_disp}", "",
         f"I saw your patient, {subject(c, r)}, in my private clinic today. " +
         join_prose(clinical_bits(c) + [asymptomatic_line(c, r)] + c.exam, r)]
    if c.results:
        L.append(res_inline(c, r, lead="Tests arranged here: "))
    L.append(neg_text(c, r))
    L.append(c.fh)
    L.append(join_prose(["As the patient does not wish to self-fund further investigation, I would be grateful if you could refer on via the NHS",
                         (c.prio + " suggested") if c.prio else ""], r))
    L += ["", "Yours sincerely", "Mr D Castellane FRCS, Consultant (private practice)",
          f"[Forwarded by {c.practice} {c.code} for onward referral]"]
    return "\n".join(L)


def L_cdc(c, r):
    L = ["COMMUNITY DIAGNOSTIC CENTRE - RESULT LETTER", f"Report date: {date_s(c)}"] + hdr_lines(c, r)
    L += [f"Referred by: {c.gp}, {c.practice}", "", "Clinical information supplied: " +
          join_prose([subject(c, r)] + clinical_bits(c) + [asymptomatic_line(c, r)], r)]
    if c.results:
        L += ["", "Results:", res_cols(c, r)]
    L += ["", "Comment: these results have been returned to the registered GP. Please consider onward referral to gastroenterology as appropriate.",
          "Exam (per GP): " + "; ".join(c.exam), neg_text(c, r), c.fh,
          f"GP covering note: {c.prio or 'please triage'}"]
    return "\n".join(L)


def L_dietitian(c, r):
    L = ["Community Nutrition & Dietetics - clinic note", f"Seen: {date_s(c)}", f"Client: {name_of(c, r)}" +
         (f"  DOB: {dob_s(c)}" if c.show_dob else "") + f"  NHS: {c.nhs_disp}", ""]
    L.append(join_prose([f"Reviewed {subject(c, r)} for dietary advice"] + clinical_bits(c) + [asymptomatic_line(c, r)], r))
    L.append("Low FODMAP discussed. Food diary reviewed.")
    if c.results:
        L.append(res_inline(c, r, lead="Recent bloods on ICE: "))
    L.append(neg_text(c, r))
    L.append(f"To GP ({c.gp}, {c.practice}): exam per GP record - " + "; ".join(c.exam) + ". " + c.fh + ".")
    L.append(join_prose(["GP has added: please process as gastro referral", c.prio], r))
    L.append("K. Whitlow, Specialist Dietitian")
    return "\n".join(L)


def L_nurse(c, r):
    L = [f"{c.practice} - Practice nurse chronic disease review", f"Date {date_s(c)}", f"Pt: {name_of(c, r)}" +
         (f"  DOB {dob_s(c)}" if c.show_dob else "") + f"  NHS {c.nhs_disp}", "",
         f"{', '.join(c.pmh)} review. BP 138/84, BMI {r.randint(22, 36)}, HbA1c {r.randint(42, 66)}.",
         join_prose([f"During the review {subject(c, r)} mentioned:"] + clinical_bits(c) + [asymptomatic_line(c, r)], r)]
    if c.results:
        L.append(res_inline(c, r))
    L.append(neg_text(c, r))
    L.append("Discussed with duty GP who examined: " + "; ".join(c.exam))
    L.append(c.fh)
    L.append(join_prose(c.distract + [c.prio or "Referral sent"], r))
    L.append("RGN J. Polglase / countersigned " + c.gp)
    return "\n".join(L)


def L_111(c, r):
    L = ["NHS 111 - Post Event Message", f"Call date: {date_s(c)}", f"Patient: {name_of(c, r)}" +
         (f" | DOB: {dob_s(c)}" if c.show_dob else "") + f" | NHS No: {c.nhs_disp}",
         f"Registered GP: {c.practice} ({c.code})", "Disposition: Contact own GP within 3 days", "",
         "Call summary: " + join_prose([f"Caller is {subject(c, r)}"] + clinical_bits(c) + [asymptomatic_line(c, r)], r)]
    if c.negs:
        L.append("Pathways questions: " + ", ".join(c.negs))
    L += ["", f"--- GP addendum ({c.gp}) ---", "Seen following 111 contact. O/E " + "; ".join(c.exam)]
    if c.results:
        L.append(res_inline(c, r))
    L.append(c.fh)
    L.append(join_prose(c.distract + [c.prio], r))
    return "\n".join(L)


def L_midwife(c, r):
    gest = r.randint(10, 30)
    L = ["Community Midwifery Team - note to GP", f"{date_s(c)}", f"{name_of(c, r)}  " +
         (f"DOB {dob_s(c)}  " if c.show_dob else "") + f"NHS {c.nhs_disp}", f"G2P1, {gest}+{r.randint(0, 6)} weeks", "",
         join_prose([f"Saw {subject(c, r)} at booking/antenatal check"] + clinical_bits(c) + [asymptomatic_line(c, r)], r)]
    if c.results:
        L.append(res_inline(c, r, lead="Antenatal bloods: "))
    L += [neg_text(c, r), "Obs normal, fetal heart heard.", "",
          f"GP comment ({c.gp}): examined - " + "; ".join(c.exam) + ". " + c.fh + ". " + (c.prio or "")]
    return "\n".join(L)


def L_school(c, r):
    L = ["School Nursing Service - referral to GP", f"Date: {date_s(c)}", f"Pupil: {c.first} {c.sur}, Year {c.f['age'] - 5}",
         (f"DOB: {dob_s(c)}" if c.show_dob else "") , f"NHS: {c.nhs_disp}", "",
         join_prose([f"{c.first} is {subject(c, r)} who came to the drop-in"] + clinical_bits(c) + [asymptomatic_line(c, r)], r),
         "Mum aware and has been phoned."]
    L.append(neg_text(c, r))
    L += ["", f"GP ({c.gp}, {c.practice}) addendum: seen with mum. " + "; ".join(c.exam) + "."]
    if c.results:
        L.append(res_inline(c, r))
    L.append(c.fh)
    L.append(c.prio)
    return "\n".join(x for x in L if x)


def L_prison(c, r):
    L = [f"HMP {r.choice(['Ashgrove', 'Kestrel Moor', 'Blackwater'])} Healthcare", "Referral to Gastroenterology",
         f"Date: {date_s(c)}", f"Prisoner: {c.sur.upper()} {c.first}  Prison no. A{r.randint(1000, 9999)}{r.choice('BCDK')}",
         (f"DOB: {dob_s(c)}" if c.show_dob else "DOB: see record"), f"NHS: {c.nhs_disp}",
         "Escort required for appointments. Please send appointment to healthcare, not to the patient.", "",
         join_prose([f"Seen on the wing, {subject(c, r)}"] + clinical_bits(c) + [asymptomatic_line(c, r)] + c.exam, r)]
    if c.results:
        L.append(res_inline(c, r))
    L += [neg_text(c, r), c.fh, f"DH: {', '.join(c.dh)}", c.prio, f"{c.gp}, prison GP"]
    return "\n".join(x for x in L if x)


def L_translated(c, r):
    L = ["[Translated from Polish by practice interpreter service]", f"Date of letter {date_s(c)}",
         f"Patient {name_of(c, r)}" + (f", born {dob_s(c)}" if c.show_dob else "") + f", NHS {c.nhs_disp}", "",
         "Dear honoured doctor,",
         join_prose([f"I am writing about {subject(c, r)} who is coming to me with complaints:"] + clinical_bits(c) +
                    [asymptomatic_line(c, r)], r),
         "In the examination I find: " + "; ".join(c.exam) + "."]
    if c.results:
        L.append(res_inline(c, r, lead="The analyses show: "))
    if c.negs:
        L.append("The patient is negating: " + ", ".join(c.negs) + ".")
    L += [c.fh + ".", join_prose(c.distract, r), f"I ask kindly for consultation. {c.prio}", "With respect,", c.gp]
    return "\n".join(x for x in L if x)


def L_soap(c, r):
    L = [f"{c.code} {c.practice}", f"{date_s(c)}  {name_of(c, r)}" + (f"  {dob_s(c)}" if c.show_dob else "") + f"  {c.nhs_disp}",
         "S: " + join_prose([subject(c, r)] + clinical_bits(c) + [asymptomatic_line(c, r)], r) + " " + neg_text(c, r).replace("\n", " "),
         "O: " + "; ".join(c.exam) + (". " + res_inline(c, r, lead="") if c.results else ""),
         f"A: {c.ddx}", f"P: refer gastro. {c.prio}", c.fh, f"PMH {', '.join(c.pmh)}; DH {', '.join(c.dh)}"]
    return "\n".join(L)


def L_ice(c, r):
    L = [f"Referral from {c.practice} ({c.code})", f"Letter date: {date_s(c)}"] + hdr_lines(c, r) + ["",
         "History: " + join_prose([subject(c, r)] + clinical_bits(c) + [asymptomatic_line(c, r)], r),
         "Examination: " + "; ".join(c.exam)]
    if c.results:
        L.append(res_inline(c, r))
    L += [neg_text(c, r), "", f"Ideas: {c.ice[0]}", f"Concerns: {c.ice[1]}", f"Expectations: {c.ice[2]}", "",
          f"Differential: {c.ddx}", c.fh]
    if c.nice:
        L.append(c.nice + ".")
    L += [c.prio, c.gp]
    return "\n".join(x for x in L if x is not None)


def L_bullets(c, r):
    L = [f"{name_of(c, r)} - " + (f"DOB {dob_s(c)} - " if c.show_dob else "") + f"NHS {c.nhs_disp}", f"{date_s(c)}", ""]
    if c.age_phrase:
        L.append(f"- {age_s(c)}")
    L += ["- " + cap(x) for x in clinical_bits(c)]
    asy = asymptomatic_line(c, r)
    if asy:
        L.append("- " + asy)
    L += ["- " + x for x in c.exam]
    if c.results:
        L += ["- " + res_item(c, x, r) for x in c.results]
    L += ["- " + x for x in c.negs]
    L += ["- " + c.fh] + ["- " + x for x in c.distract]
    L += ["", c.prio, c.gp + ", " + c.practice]
    return "\n".join(L)


def L_runon(c, r):
    parts = [f"hi, referring {name_of(c, r)}" + (f" dob {dob_s(c)}" if c.show_dob else "") + f" nhs {c.nhs_disp}",
             f"{subject(c, r)}"] + clinical_bits(c) + [asymptomatic_line(c, r) or ""] + c.exam
    t = ", ".join(p for p in parts if p)
    if c.results:
        t += ", " + res_inline(c, r, lead="bloods ")
    if c.negs:
        t += ", " + ", ".join(c.negs)
    t += ", " + c.fh + (", " + ", ".join(c.distract) if c.distract else "") + f", {c.ice[1]}, {c.prio or 'thanks'}"
    t += f"\nsent from {c.practice} {date_s(c)}"
    return t


def L_locum(c, r):
    L = [f"Locum GP referral - {c.practice}", f"{name_of(c, r)}; NHS {c.nhs_disp}" + (f"; DOB {dob_s(c)}" if c.show_dob else ""), "",
         "I am a locum and will not be here for follow-up, so have tried to include everything.",
         join_prose([f"Saw {subject(c, r)} today"] + clinical_bits(c) + [asymptomatic_line(c, r)], r),
         "Exam: " + "; ".join(c.exam)]
    if c.results:
        L += ["Results from the record:", res_pipe(c, r) if r.random() < 0.5 else res_cols(c, r)]
    L += [neg_text(c, r), c.fh, join_prose(c.distract, r), f"ICE: {c.ice[0]}; {c.ice[1]}; {c.ice[2]}."]
    if c.nice:
        L.append(c.nice + ".")
    L += [c.prio, "", c.gp, f"Dictated {date_s(c)}, not checked"]
    return "\n".join(x for x in L if x is not None)


def L_datebottom(c, r):
    # DOB in header, age never stated as a number; the letter date is only at the bottom
    L = [f"{name_of(c, r)}", (f"D.O.B {dob_s(c)}" if c.show_dob else ""), f"NHS no. {c.nhs_disp}", "",
         r.choice(["Dear Sir/Madam", "Dear colleague"]),
         join_prose([f"Please would you see {subject(c, r)}"] + clinical_bits(c) + [asymptomatic_line(c, r)] + c.exam, r)]
    if c.results:
        L += ["", res_cols(c, r), ""]
    L += [neg_text(c, r), c.fh, join_prose(c.distract, r), c.prio, "", c.gp, c.practice, f"Dictated: {date_s(c)}"]
    return "\n".join(x for x in L if x)


def L_ocr(c, r):
    t = L_dear(c, r) if r.random() < 0.5 else L_ascii(c, r)
    return "[SCANNED DOCUMENT - OCR TEXT]\n" + t


LAYOUTS = {"ers_template": L_ers, "dear_doctor": L_dear, "terse_note": L_terse, "gp_record_paste": L_record,
           "problem_list_summary": L_problemlist, "pipe_table": L_pipe, "ascii_box": L_ascii,
           "two_column_flat": L_twocol, "results_trend": L_trend, "private_provider": L_private,
           "cdc_result": L_cdc, "dietitian_note": L_dietitian, "practice_nurse_review": L_nurse,
           "nhs111_summary": L_111, "midwife_note": L_midwife, "school_nurse": L_school, "prison_healthcare": L_prison,
           "translated_letter": L_translated, "soap_note": L_soap, "ice_letter": L_ice, "bullet_list": L_bullets,
           "run_on_email": L_runon, "locum_handover": L_locum, "date_at_bottom": L_datebottom, "ocr_scanned": L_ocr}


def eligible_styles(f):
    out = []
    for s in LAYOUTS:
        if s == "school_nurse" and not (13 <= f["age"] <= 17):
            continue
        if s == "midwife_note" and not (f["sex"] == "F" and 18 <= f["age"] <= 42):
            continue
        if s == "prison_healthcare" and not (18 <= f["age"] <= 75):
            continue
        if f["age"] < 18 and s in ("prison_healthcare", "private_provider", "practice_nurse_review"):
            continue
        out.append(s)
    if 13 <= f["age"] <= 17:
        out += ["school_nurse"] * 4
    return out


# ---------------------------------------------------------------- damage
import re

SLIPS = {"received": "recieved", "separate": "seperate", "definitely": "definately", "appreciate": "appriciate",
         "referral": "referal", "occasionally": "occasionaly", "diarrhoea": "diarrhea", "grateful": "greatful",
         "examination": "examinaton", "thank": "thnak", "patient": "pateint", "history": "histroy",
         "symptoms": "symtoms", "review": "reveiw", "would": "woudl", "appointment": "appointmnet"}


def _ocr_word(w, r):
    ops = []
    if "m" in w: ops.append(lambda s: s.replace("m", "rn", 1))
    if "rn" in w: ops.append(lambda s: s.replace("rn", "m", 1))
    if "l" in w: ops.append(lambda s: s.replace("l", "1", 1))
    if "i" in w: ops.append(lambda s: s.replace("i", "l", 1))
    if "O" in w: ops.append(lambda s: s.replace("O", "0", 1))
    if "o" in w and r.random() < 0.3: ops.append(lambda s: s.replace("o", "0", 1))
    if len(w) >= 8: ops.append(lambda s: s[:len(s)//2] + "-\n" + s[len(s)//2:])
    return r.choice(ops)(w) if ops else w


def damage(text, r, mode):
    parts = re.split("(\x01.*?\x02)", text, flags=re.S)
    out = []
    for p in parts:
        if p.startswith(A):
            out.append(p)
            continue
        if mode == "ocr":
            p = re.sub(r"\b[A-Za-z]{4,}\b", lambda m: _ocr_word(m.group(0), r) if r.random() < 0.09 else m.group(0), p)
        elif mode == "slips":
            def sl(m):
                w = m.group(0)
                lw = w.lower()
                if lw in SLIPS and r.random() < 0.5:
                    return SLIPS[lw] if w.islower() else SLIPS[lw].capitalize()
                if len(w) > 6 and r.random() < 0.025:
                    k = r.randint(1, len(w) - 3)
                    return w[:k] + w[k+1] + w[k] + w[k+2:]
                return w
            p = re.sub(r"\b[A-Za-z]{4,}\b", sl, p)
            if r.random() < 0.15:
                p = p.replace(" i ", " I ").replace("Red flags", "red flags")
        out.append(p)
    return "".join(out)


def strip_marks(t):
    return t.replace(A, "").replace(B, "")


# ---------------------------------------------------------------- main
def make_one(i, rule):
    r = random.Random(f"{SEED}:letter:{i}")
    for attempt in range(200):
        f = draw_facts(rule, r)
        if classify(f) != rule:
            continue
        c = build_ctx(i, rule, f, r)
        if classify(f) != rule:   # a filler result may have added a fact
            continue
        break
    else:
        raise RuntimeError(f"cannot draw {rule} for {i}")
    style = r.choice(eligible_styles(f))
    raw = LAYOUTS[style](c, r)
    for p in (".", "?", "!"):
        raw = raw.replace(p + B + ".", p + B)
    mode = "ocr" if style == "ocr_scanned" else ("slips" if r.random() < 0.35 else "none")
    raw = damage(raw, r, mode)
    raw = re.sub(r"\n{3,}", "\n\n", raw).strip() + "\n"
    text = strip_marks(raw)
    urg, path = URG[rule]
    letter = {"id": c.id, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": style,
              "gp_priority": c.gp_priority, "age": f["age"]}
    facts = {k: v for k, v in f.items() if not k.startswith("_")}
    meta = {"id": c.id, "rule": rule, "variant": f["_variant"], "facts": facts, "anaemia": anaemic(f), "ida": ida(f),
            "dob": c.dob.isoformat(), "letter_date": c.letter_date.isoformat(), "dob_text": c.dob_str if c.show_dob else None,
            "letter_date_text": c.date_str, "age_form": c.age_form, "age_text": c.age_phrase or None,
            "nhs_number": c.nhs, "evidence": c.evidence, "negations": c.negs, "distractors": c.distract,
            "damage": mode, "style": style, "gp_priority": c.gp_priority, "gp_priority_text": c.prio}
    return letter, meta


def main():
    plan = [k for k, n in PLAN.items() for _ in range(n)]
    random.Random(f"{SEED}:plan").shuffle(plan)
    assert len(plan) == 300
    L, M = [], []
    for i, rule in enumerate(plan, 1):
        a, b = make_one(i, rule)
        L.append(a)
        M.append(b)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for x in L:
            fh.write(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for x in M:
            fh.write(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(L)} letters")


if __name__ == "__main__":
    main()
