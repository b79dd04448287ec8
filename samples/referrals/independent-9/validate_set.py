#!/usr/bin/env python3
"""Validator for letters9. Re-derives every label from letters_meta.jsonl with its own reading of
/work/shared/clinical/referral-triage-spec.md (written separately from make_set.classify), and checks
that each letter's text states the facts the label rests on.

usage: python3 validate_set.py [--determinism]
"""
import collections
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ERR = []


def err(i, msg):
    ERR.append(f"{i}: {msg}")


# ------------------------------------------------------------ spec, re-implemented
LABELS = {  # rule -> (urgency, pathway), typed in again from the spec table
    "U1": "urgent_suspected_cancer upper_gi", "U2": "urgent_suspected_cancer lower_gi",
    "U3": "urgent_suspected_cancer lower_gi", "U4": "urgent_suspected_cancer lower_gi",
    "U5": "urgent_suspected_cancer upper_gi", "U6": "urgent_suspected_cancer lower_gi",
    "U7": "urgent_suspected_cancer hepatology", "U8": "urgent_suspected_cancer lower_gi",
    "R1": "urgent ibd", "R2": "urgent hepatology", "R3": "urgent upper_gi",
    "O1": "routine upper_gi", "O2": "routine ibd", "O3": "advice_and_guidance ibd",
    "O4": "routine general_gi", "O5": "routine hepatology", "A1": "advice_and_guidance general_gi",
    "O6": "routine general_gi", "A2": "advice_and_guidance upper_gi", "A3": "advice_and_guidance lower_gi",
    "D": "routine general_gi",
}


def derive(x):
    """x: facts dict. Returns the first matching rule id."""
    age = x["age"]
    hb_limit = 120 if x["sex"] == "F" else 130
    is_anaemic = x["hb"] is not None and x["hb"] < hb_limit
    iron_def = x["ferritin"] is not None and x["ferritin"] < 30
    fit = x["fit"]
    have_fit = fit is not None
    fit_pos = have_fit and fit >= 10
    fit_neg = have_fit and fit < 10
    cal = x["calpro"] if x["calpro"] is not None else -1
    alt = x["alt"] if x["alt"] is not None else -1
    any_pain = x["abdo_pain"] or x["upper_abdo_pain"]
    blood_pr = x["rectal_bleeding"] or x["bloody_diarrhoea"]
    bowel_change = x["cibh"] or x["bloody_diarrhoea"]
    symptomatic = any(x[k] for k in (
        "dysphagia", "weight_loss", "abdo_pain", "upper_abdo_pain", "reflux", "dyspepsia", "jaundice",
        "rectal_bleeding", "cibh", "bloating", "bloody_diarrhoea", "haematemesis", "abdominal_mass",
        "rectal_mass", "anal_mass", "anal_ulcer", "ascites", "confusion"))
    blocking_for_a1 = (x["dysphagia"] or x["rectal_mass"] or x["anal_mass"] or x["anal_ulcer"] or fit_pos
                       or (is_anaemic and iron_def) or x["weight_loss"] or x["reflux"] or x["dyspepsia"]
                       or x["abdominal_mass"] or x["jaundice"] or blood_pr or cal >= 100 or x["cirrhosis"]
                       or x["ascites"] or x["confusion"] or alt >= 40 or x["haematemesis"]
                       or x["known_ibd"] is not None or bool(x["ttg_raised"]) or x["fatty_liver"])
    table = [
        ("U1", x["dysphagia"]),
        ("U2", x["rectal_mass"] or x["anal_mass"] or x["anal_ulcer"]),
        ("U3", fit_pos),
        ("U4", is_anaemic and iron_def),
        ("U5", age >= 55 and x["weight_loss"] and (x["upper_abdo_pain"] or x["reflux"] or x["dyspepsia"])),
        ("U6", x["abdominal_mass"]),
        ("U7", age >= 40 and x["jaundice"]),
        ("U8", not have_fit and ((age >= 50 and blood_pr) or (age >= 40 and x["weight_loss"] and any_pain)
                                 or (age >= 60 and bowel_change))),
        ("R1", x["bloody_diarrhoea"] or cal >= 250),
        ("R2", (x["cirrhosis"] and (x["ascites"] or x["confusion"])) or alt >= 300),
        ("R3", x["haematemesis"]),
        ("O1", age >= 55 and x["dyspepsia"] and (x["ppi_weeks"] or 0) >= 4),
        ("O2", 100 <= cal <= 249),
        ("O3", x["known_ibd"] is not None and x["ibd_stable_question"]),
        ("O4", bool(x["ttg_raised"])),
        ("O5", 40 <= alt <= 299 or x["fatty_liver"]),
        ("A1", age < 50 and (any_pain or x["bloating"] or x["cibh"]) and (0 <= cal < 100 or fit_neg)
         and not blocking_for_a1),
        ("O6", (blood_pr or x["cibh"] or any_pain) and fit_neg),
        ("A2", age < 55 and (x["dyspepsia"] or x["reflux"])),
        ("A3", x["fh_crc"] and not symptomatic),
    ]
    for rid, hit in table:
        if hit:
            return rid
    return "D"


# ------------------------------------------------------------ helpers
NUMW = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENW = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def words_to_int(s):
    m = re.search(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(\w+))?", s)
    if m:
        return TENW[m.group(1)] + (NUMW.get(m.group(2), 0) if m.group(2) else 0)
    for w, v in sorted(NUMW.items(), key=lambda kv: -len(kv[0])):
        if re.search(r"\b" + w + r"\b", s):
            return v
    return None


def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n) or not n.startswith("999"):
        return False
    s = sum(int(d) * w for d, w in zip(n[:9], range(10, 1, -1)))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def in_text(s, text):
    return s.lower() in text.lower()


def first_number(s):
    m = re.search(r"[<>]?\s*\d+(?:\.\d+)?", s)
    return m.group(0).replace(" ", "") if m else None


def ev_value(evlist, text, name_hint):
    """check a result evidence line is in the text and return its numeric reading (first number after name)."""
    for s in evlist:
        if not in_text(s, text):
            return None, f"result line for {name_hint} not in text: {s!r}"
    s = evlist[-1]
    body = re.sub(r"^\|?\s*[A-Za-z][A-Za-z ()\-]*?[\s|:]+", "", s, count=1)
    cells = [c for c in re.split(r"\s{2,}", s.strip()) if c]     # trend row: name, 3 values, units
    if len(cells) == 5 and "Results (newest first)" in text:
        body = cells[1]
    elif len(cells) == 5 and "oldest -> newest" in text:
        body = cells[3]
    low = s.lower()
    if any(w in low for w in ("undetectable", "negative")):
        return 0.0, None
    n = first_number(body)
    if n is None:
        return None, f"no number in {s!r}"
    if n.startswith("<"):
        return float(n[1:]) - 0.5, None
    if n.startswith(">"):
        return float(n[1:]) + 0.5, None
    return float(n), None


def result_key(ev, prefixes):
    for k in ev:
        if k.startswith("res:") and any(k[4:].lower().startswith(p) for p in prefixes):
            return k
    return None


# ------------------------------------------------------------ main checks
def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    assert len(letters) == 300, len(letters)
    ids = [x["id"] for x in letters]
    if ids != [f"L9-{i:04d}" for i in range(1, 301)]:
        err("set", "ids not L9-0001..L9-0300 in order")
    keys = {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}
    order = {"advice_and_guidance": 0, "routine": 1, "urgent": 2, "urgent_suspected_cancer": 3}
    up = down = 0
    for x in letters:
        i = x["id"]
        if set(x) != keys:
            err(i, f"keys {sorted(x)}")
        m = metas[i]
        f = m["facts"]
        t = x["text"]
        # labels
        rid = derive(f)
        if rid != x["rule"]:
            err(i, f"rule {x['rule']} but facts give {rid}")
        u, p = LABELS[rid].split()
        if (x["urgency"], x["pathway"]) != (u, p):
            err(i, f"labels {x['urgency']}/{x['pathway']} vs {u}/{p}")
        # age
        dob = dt.date.fromisoformat(m["dob"]); ld = dt.date.fromisoformat(m["letter_date"])
        age = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if not (age == x["age"] == f["age"]):
            err(i, f"age {x['age']} / facts {f['age']} / from dates {age}")
        if not in_text(m["letter_date_text"], t):
            err(i, "letter date not in text")
        if m["dob_text"] and not in_text(m["dob_text"], t):
            err(i, "DOB not in text")
        af, at = m["age_form"], m["age_text"]
        if af in ("dob", "decade") and not m["dob_text"]:
            err(i, "age needs DOB but no DOB in text")
        if at:
            if not in_text(at, t):
                err(i, f"age text {at!r} not in text")
            if af in ("num", "both"):
                if int(re.search(r"\d+", at).group(0)) != age:
                    err(i, f"age text {at!r} != {age}")
            elif af == "words":
                if words_to_int(at) != age:
                    err(i, f"age words {at!r} != {age}")
            elif af == "decade":
                mm = re.search(r"(\d+)s", at)
                if mm and not (int(mm.group(1)) <= age < int(mm.group(1)) + 10):
                    err(i, f"decade {at!r} vs {age}")
        elif af != "dob":
            err(i, "no age text for a non-DOB form")
        # NHS number
        if not nhs_ok(m["nhs_number"]):
            err(i, "NHS number invalid")
        if m["nhs_number"] not in re.sub(r"[ -]", "", t):
            err(i, "NHS number not in text")
        # every true clinical fact is evidenced in the text
        ev = m["evidence"]
        for k in ("dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss", "reflux", "dyspepsia",
                  "abdominal_mass", "jaundice", "rectal_bleeding", "cibh", "bloating", "bloody_diarrhoea", "cirrhosis",
                  "ascites", "confusion", "haematemesis", "fatty_liver", "fh_crc"):
            if f[k]:
                if k not in ev or not all(in_text(s, t) for s in ev[k]):
                    err(i, f"fact {k} not evidenced")
        if f["abdo_pain"] and not f["upper_abdo_pain"] and not ("abdo_pain" in ev and all(in_text(s, t) for s in ev["abdo_pain"])):
            err(i, "abdo pain not evidenced")
        if f["upper_abdo_pain"] and not ("upper_abdo_pain" in ev and all(in_text(s, t) for s in ev["upper_abdo_pain"])):
            err(i, "upper abdo pain not evidenced")
        if f["known_ibd"] and not ("known_ibd" in ev and in_text(ev["known_ibd"][0], t)):
            err(i, "known IBD not evidenced")
        if f["ibd_stable_question"] and not ("ibd_stable_question" in ev and in_text(ev["ibd_stable_question"][0], t)):
            err(i, "IBD question not evidenced")
        if f["ppi_weeks"] is not None and f["dyspepsia"]:
            if "ppi_weeks" not in ev or not in_text(ev["ppi_weeks"][0], t):
                err(i, "PPI duration not evidenced")
            else:
                s = ev["ppi_weeks"][0]
                n = int(re.search(r"(\d+)(?:/52| week| months)", s).group(1))
                wk = n * 4 if "month" in s else n
                if (wk >= 4) != (f["ppi_weeks"] >= 4):
                    err(i, f"PPI text {s!r} vs {f['ppi_weeks']} weeks")
        # numeric facts: read them back from the text's result lines
        checks = [("hb", ("hb",)), ("ferritin", ("ferr",)), ("fit", ("fit", "qfit")), ("calpro", ("faecal calp", "calp", "fcp")),
                  ("alt", ("alt",)), ("ttg", ("ttg", "anti-ttg"))]
        for fk, pre in checks:
            val = f[fk]
            key = result_key(ev, pre)
            if val is None:
                if key:
                    err(i, f"{fk} result in text but fact is None")
                continue
            if not key:
                err(i, f"{fk}={val} has no result line")
                continue
            got, e = ev_value(ev[key], t, fk)
            if e:
                err(i, e)
                continue
            if fk == "hb":
                got = got * 10 if got < 25 else got   # g/dL -> g/L
                if abs(got - val) > 0.01:
                    err(i, f"Hb text {got} vs {val}")
            elif fk == "fit":
                if (got >= 10) != (val >= 10):
                    err(i, f"FIT text {got} vs {val}")
            elif fk == "ttg":
                if got < 7:
                    err(i, "tTG not raised in text")
            else:
                if val <= 400 and abs(got - val) > 0.01 or val > 400 and got <= 400:
                    err(i, f"{fk} text {got} vs {val}")
        # no FIT value may appear in a letter whose facts have none (U8 depends on it)
        if f["fit"] is None and re.search(r"\b(q?FIT)\b[^\n]{0,25}?\b\d", t) and "FIT sent" not in t:
            err(i, "a FIT-like number appears in text although FIT is None")
        # A3 needs the 'no symptoms' statement
        if rid == "A3" and not re.search(r"asymptomatic|no symptoms|no GI symptoms", t, re.I):
            err(i, "A3 without an explicit no-symptoms statement")
        # negations must not deny a true fact
        for s in m["negations"]:
            s2 = s.lower()
            for k, words_ in (("dysphagia", ("dysphagia", "swallow")), ("weight_loss", ("weight", "wt loss")),
                              ("rectal_bleeding", ("pr bleed", "brpr", "rectal bleeding", "blood in stool")),
                              ("haematemesis", ("haematemesis", "vomiting blood")), ("jaundice", ("jaundice",))):
                if f[k] and any(w in s2 for w in words_):
                    err(i, f"negation {s!r} contradicts {k}")
        # gp priority
        gp = x["gp_priority"]
        if gp not in list(order) + ["none"]:
            err(i, f"gp_priority {gp}")
        elif gp != "none":
            if order[gp] > order[x["urgency"]]:
                up += 1
            elif order[gp] < order[x["urgency"]]:
                down += 1
    # set-level
    cu = collections.Counter(x["urgency"] for x in letters)
    cp = collections.Counter(x["pathway"] for x in letters)
    cr = collections.Counter(x["rule"] for x in letters)
    cs = collections.Counter(x["style"] for x in letters)
    for rid in LABELS:
        if cr[rid] < 6:
            err("set", f"rule {rid} has {cr[rid]} letters")
    if len(cs) < 20:
        err("set", f"only {len(cs)} styles")
    if up < 30 or down < 30:
        err("set", f"GP priority disagreement too rare: up {up} down {down}")
    print("urgency", dict(cu))
    print("pathway", dict(cp))
    print("rule", dict(sorted(cr.items())))
    print("style", dict(sorted(cs.items())))
    print(f"gp asks higher than label: {up}; lower: {down}; same: {sum(1 for x in letters if x['gp_priority']==x['urgency'])}; "
          f"not stated: {sum(1 for x in letters if x['gp_priority']=='none')}")
    if "--determinism" in sys.argv:
        d = tempfile.mkdtemp()
        shutil.copy(os.path.join(HERE, "make_set.py"), d)
        subprocess.run([sys.executable, os.path.join(d, "make_set.py")], check=True, capture_output=True)
        for fn in ("letters.jsonl", "letters_meta.jsonl"):
            if open(os.path.join(d, fn), "rb").read() != open(os.path.join(HERE, fn), "rb").read():
                err("set", f"{fn} not byte-identical on rerun")
        shutil.rmtree(d)
        print("determinism: checked")
    if ERR:
        print(f"{len(ERR)} problems")
        for e in ERR[:80]:
            print("  ", e)
        sys.exit(1)
    print("OK: all 300 letters pass")


if __name__ == "__main__":
    main()
