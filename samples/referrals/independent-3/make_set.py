#!/usr/bin/env python3
"""Build the sealed referral-letter test set 3 (letters.jsonl + letters_meta.jsonl).

Standard library only; seeded and deterministic (no dependence on PYTHONHASHSEED:
no set iteration feeds the output, and hashing uses a local function).

    python3 make_set.py            # writes letters.jsonl and letters_meta.jsonl here
"""
import json
import os
import random
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from engine import RULES, all_readings, derived  # noqa: E402
from scenarios import (BUILDERS, add_distractors, add_background, ibd_meds, set_dates)  # noqa: E402
from phrases import Ctx  # noqa: E402
from layouts import LAYOUTS  # noqa: E402

SEED = 31415926
PLAN = {  # letters per rule (360 in all: ~30/15/35/20 % by urgency)
    "U1": 16, "U2": 10, "U3": 18, "U4": 16, "U5": 12, "U6": 8, "U7": 10, "U8": 18,
    "R1": 22, "R2": 18, "R3": 14,
    "O1": 18, "O2": 18, "O4": 18, "O5": 24, "O6": 24, "D": 24,
    "O3": 18, "A1": 20, "A2": 20, "A3": 14,
}

# ----------------------------------------------------------- fictional people

FIRST_M = ["Alan", "Barry", "Colin", "Dev", "Emeka", "Frank", "Gareth", "Harun", "Ian", "Jamal", "Keith", "Liam",
           "Marek", "Neil", "Owen", "Pritam", "Rhys", "Stuart", "Tomasz", "Vikram", "Wayne", "Yusuf", "Callum", "Dominic",
           "Ewan", "Graham", "Hamza", "Joel", "Kieran", "Leon"]
FIRST_F = ["Aisha", "Brenda", "Carol", "Deborah", "Eilidh", "Fiona", "Gwen", "Hannah", "Irene", "Jasmine", "Kerry",
           "Lorna", "Maureen", "Nadia", "Olive", "Priya", "Rosa", "Sian", "Tracey", "Una", "Valerie", "Wendy", "Zara",
           "Agnieszka", "Bethan", "Chloe", "Dorothy", "Esme", "Farida", "Gillian"]
SURN = ["Abernethy", "Bancroft", "Chaudhry", "Dunmore", "Eccleston", "Fairweather", "Gillespie", "Hargreaves",
        "Iqbal", "Jarvis", "Kowalczyk", "Lindqvist", "McCandless", "Nwachukwu", "Ormerod", "Pemberton", "Quayle",
        "Rowntree", "Sutcliffe", "Thistlewood", "Underhill", "Varley", "Whitlock", "Yardley", "Ashworth", "Brannigan",
        "Cartwright", "Dobrowski", "Entwistle", "Fothergill", "Greaves", "Holroyd", "Illingworth", "Kaur", "Lockwood",
        "Mensah", "Nuttall", "Oyelaran", "Prendergast", "Radcliffe", "Stobart", "Tennant", "Urquhart", "Wainwright"]
STREETS = ["Mill Lane", "Church Road", "Beech Avenue", "Sycamore Close", "Station Road", "Victoria Terrace",
           "Orchard Way", "Highfield Drive", "Kingfisher Court", "Larch Grove", "Canal Street", "Westmoor Rise"]
TOWNS = ["Ashbury", "Brackenfold", "Castleford Vale", "Dunholme", "Elmsworth", "Farleigh", "Greystone", "Hollinbridge"]
PRACTICE_NAMES = ["Millbrook Surgery", "The Larches Medical Centre", "Riverside Health Centre", "Castlegate Medical Practice",
                  "Elm Tree Surgery", "Northfield Family Practice", "St Wilfrid's Surgery", "Heatherbank Medical Group",
                  "Abbey View Practice", "Kestrel House Surgery", "Greystone Health Partnership", "Weaver's Yard Surgery"]
HOSPITALS = ["Northgate General Hospital", "St Aldric's University Hospital", "Ashbury Royal Infirmary",
             "Brackenfold District General Hospital", "Hollinbridge University Hospital"]
CONS = ["Dr R. Okonjo", "Dr S. Lindgren", "Dr P. Varma", "Dr H. McAllister", "Dr E. Szabo", "Dr T. Achterberg",
        "Dr M. Fenwick", "Dr A. Raghunathan"]
GPS = ["Dr J. Whitcombe", "Dr K. Osei", "Dr L. Brierley", "Dr N. Chandrasekar", "Dr F. Doherty", "Dr M. Haldane",
       "Dr S. Ekwueme", "Dr C. Lowther", "Dr A. Pazdzior", "Dr R. Tunstall", "Dr G. Moffat", "Dr V. Ramsden"]
REGS = ["Dr T. Abiodun", "Dr E. Pryce", "Dr H. Qureshi", "Dr B. Marlow"]
NPS = ["Sue Grimshaw", "Karen Aldous", "Tom Ridley", "Jo Featherstone", "Amina Bello"]


def nhs_number(rng):
    while True:
        d = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        s = sum(v * (10 - i) for i, v in enumerate(d))
        chk = 11 - s % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        return "".join(str(v) for v in d + [chk])


def postcode(rng):
    L = "ABDEFGHJLNPRSTUWYZ"
    return f"{rng.choice(L)}{rng.choice(L)}{rng.randint(1, 29)} {rng.randint(1, 9)}{rng.choice(L)}{rng.choice(L)}"


def make_practices(rng):
    out = []
    for i, name in enumerate(PRACTICE_NAMES):
        partners = rng.sample(GPS, 4)
        out.append({"name": name, "code": f"{rng.choice('ABCDEFGHJKLMNPY')}{rng.randint(81000, 89999)}",
                    "addr": f"{rng.randint(1, 90)} {rng.choice(STREETS)}, {rng.choice(TOWNS)} {postcode(rng)}",
                    "tel": f"01632 960{rng.randint(100, 999)}", "fax": f"01632 960{rng.randint(100, 999)}",
                    "email": f"{name.lower().replace(' ', '').replace(chr(39), '')[:14]}@nhs.net",
                    "web": name.lower().replace(" ", "").replace("'", "")[:16], "partners": partners,
                    "manager": f"{rng.choice(FIRST_F)} {rng.choice(SURN)}", "gp": partners[0]})
    return out


def make_person(rng, c, practices):
    m = c["sex"] == "M"
    first = rng.choice(FIRST_M if m else FIRST_F)
    title = "Mr" if m else rng.choice(["Mrs", "Ms", "Miss", "Mrs"])
    pr = rng.choice(practices)
    nhs = nhs_number(rng)
    st = rng.choice([0, 0, 1, 2])
    nhs_fmt = {0: f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}", 1: nhs, 2: f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"}[st]
    ub = f"{rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d}"
    if ub.startswith("999"):
        ub = "0" + ub[1:]
    return {"first": first, "last": rng.choice(SURN), "title": title, "nhs": nhs, "nhs_fmt": nhs_fmt,
            "addr": f"{rng.randint(1, 140)} {rng.choice(STREETS)}, {rng.choice(TOWNS)} {postcode(rng)}",
            "practice": pr, "gp": rng.choice(pr["partners"]), "reg": rng.choice(REGS), "np": rng.choice(NPS),
            "cons": rng.choice(CONS), "hospital": rng.choice(HOSPITALS), "ubrn": ub,
            "datestyle": rng.choice([0, 1, 2, 3, 4, 5, 1, 0])}


# ----------------------------------------------------------- priority, layout

GP_PRIO = {
    "urgent_suspected_cancer": [("urgent_suspected_cancer", 50), ("urgent", 20), ("routine", 12), ("advice_and_guidance", 5), (None, 13)],
    "urgent": [("urgent_suspected_cancer", 25), ("urgent", 35), ("routine", 15), ("advice_and_guidance", 5), (None, 20)],
    "routine": [("urgent_suspected_cancer", 16), ("urgent", 20), ("routine", 38), ("advice_and_guidance", 8), (None, 18)],
    "advice_and_guidance": [("urgent_suspected_cancer", 6), ("urgent", 10), ("routine", 22), ("advice_and_guidance", 42), (None, 20)],
}


def wchoice(rng, pairs):
    tot = sum(w for _, w in pairs)
    r = rng.uniform(0, tot)
    acc = 0
    for v, w in pairs:
        acc += w
        if r <= acc:
            return v
    return pairs[-1][0]


LOWER = {"rectal_bleeding", "cibh", "abdo_pain", "rectal_mass", "anal_mass", "anal_ulcer", "abdo_mass", "bloating",
         "bloody_diarrhoea"}
UPPER = {"dysphagia", "upper_pain", "reflux", "dyspepsia", "haematemesis"}


def compatible(c):
    s = set(c["sym"])
    g = c["gp_priority"]
    anaemia, irondef, fit = derived(c)
    out = ["dear_doctor", "letterhead_heavy", "registrar_soap", "np_bullets", "terse_note", "emis_printout",
           "systmone_printout", "redflag_template"]
    if g is not None:
        out.append("chase_letter")
    if g is not None and g != "advice_and_guidance":
        out.append("ers_export")
    if g == "advice_and_guidance":
        out.append("advice_guidance")
    if g == "urgent_suspected_cancer":
        lower = bool(s & LOWER) or fit is not None or irondef or c["hx"].get("fh_crc") or c.get("polyps")
        upper = bool(s & UPPER) or ("jaundice" in s and c["age"] >= 40)
        if lower and not (s & (UPPER | {"jaundice", "ascites", "confusion"})):
            out.append("lgi_2ww_proforma")
        if upper and not (s & LOWER) and not (irondef and anaemia):
            out.append("ugi_2ww_proforma")
    return out


BASE_W = {"lgi_2ww_proforma": 4.0, "ugi_2ww_proforma": 9.0, "redflag_template": 1.3, "advice_guidance": 1.6,
          "chase_letter": 0.8, "terse_note": 0.9}


def pick_layout(rng, c, counts):
    comp = compatible(c)
    pairs = [(l, BASE_W.get(l, 1.0) / (1 + counts.get(l, 0)) ** 1.5) for l in comp]
    return wchoice(rng, pairs)


# ------------------------------------------------------------------ OCR noise

SUBS = [("l", "1"), ("I", "l"), ("O", "0"), ("rn", "m"), ("m", "rn"), ("cl", "d"), ("e", "c"), ("i", "l"), ("o", "0"),
        ("h", "b"), ("t", "f")]


def ocr_noise(rng, text):
    lines = text.split("\n")
    out = []
    for ln in lines:
        words = ln.split(" ")
        nw = []
        for w in words:
            if len(w) >= 4 and w.isalpha() and rng.random() < 0.07:
                cands = [(a, b) for a, b in SUBS if a in w]
                if cands:
                    a, b = rng.choice(cands)
                    i = w.find(a)
                    w = w[:i] + b + w[i + len(a):]
            if len(w) >= 7 and w.isalpha() and rng.random() < 0.03:
                k = rng.randint(2, len(w) - 3)
                w = w[:k] + rng.choice([" ", "- ", " "]) + w[k:]
            nw.append(w)
        ln = " ".join(nw)
        if len(ln) > 50 and rng.random() < 0.12:
            k = ln.find(" ", rng.randint(20, len(ln) - 10))
            if k > 0 and ln[k + 1:k + 2].isalpha() and not ln[k - 1:k].isdigit():
                ln = ln[:k] + "\n" + ln[k + 1:]
        out.append(ln)
    if len(out) > 8 and rng.random() < 0.6:
        k = rng.randint(len(out) // 2, len(out) - 2)
        out.insert(k, out[0])
        out.insert(k, "")
    txt = "\n".join(out)
    if rng.random() < 0.3:
        txt = txt.replace("\n\n", "\n", rng.randint(1, 3))
    return txt


# ---------------------------------------------------------------- assembly

def build_case(rng, rule):
    for attempt in range(400):
        c = BUILDERS[rule](rng)
        c["long"] = rng.random() < 0.22
        set_dates(rng, c)
        ibd = c["hx"].get("ibd")
        if ibd and ibd["since"] < c["dob"].year + 8:   # no diagnosis before about age 8
            ibd["since"] = min(c["dob"].year + 8 + ibd["since"] % 3, c["date"].year - 1)
        add_distractors(rng, c)
        add_background(rng, c, c["date"].year)
        ibd_meds(rng, c, c["date"].year)
        if all_readings(c) == {rule}:
            return c
    raise RuntimeError(f"could not build a clean case for {rule}")


def render(rng, c, layout, person):
    x = Ctx(c, rng, person)
    text = LAYOUTS[layout](x)
    need = {k for k in ("hb", "ferritin", "fit", "calpro", "alt", "ttg") if k in c["res"]}
    missing = need - x.shown
    if missing:
        raise AssertionError(f"{layout}: results not shown {sorted(missing)}")
    return text


def jsonable(c):
    out = {}
    for k, v in c.items():
        if hasattr(v, "isoformat"):
            out[k] = v.isoformat()
        else:
            out[k] = v
    return out


def main():
    rng = random.Random(SEED)
    practices = make_practices(rng)
    rules = []
    for r, n in PLAN.items():
        rules += [r] * n
    rng.shuffle(rules)
    counts = {}
    letters, metas = [], []
    for i, rule in enumerate(rules, 1):
        rng = random.Random(f"letters-3/{SEED}/{i}")   # own stream per letter (str seeds are hash-seed independent)
        c = build_case(rng, rule)
        urg = RULES[rule][0]
        c["gp_priority"] = wchoice(rng, GP_PRIO[urg])
        sk = set(c["sym"])
        if sk & UPPER and not sk & LOWER and c["gp_priority"] != "urgent_suspected_cancer" and rng.random() < 0.2:
            c["gp_priority"] = "urgent_suspected_cancer"   # GPs often use the 2WW form for dyspepsia
        layout = pick_layout(rng, c, counts)
        counts[layout] = counts.get(layout, 0) + 1
        person = make_person(rng, c, practices)
        text = render(rng, c, layout, person)
        ocr = rng.random() < 0.13
        if ocr:
            text = ocr_noise(rng, text)
        nwords = len(text.split())
        lid = f"r3-{i:04d}"
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": RULES[rule][1], "rule": rule,
                        "style": layout, "gp_priority": c["gp_priority"], "age": c["age"], "ocr": ocr})
        meta = {"id": lid, "rule": rule, "words": nwords, "sex": c["sex"], "person": {k: person[k] for k in ("first", "last", "nhs", "ubrn")},
                "practice": person["practice"]["name"], "facts": jsonable(c)}
        metas.append(meta)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as f:
        for L in letters:
            f.write(json.dumps(L, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as f:
        for m in metas:
            f.write(json.dumps(m, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(letters)} letters")
    print("layouts:", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
