#!/usr/bin/env python3
"""Independent re-check of set letters36. Does NOT import make_set.py.

Re-derives every label from the facts recorded in letters_meta.jsonl using its own
implementation of the spec's rules, checks the evidence is really in each letter, checks
that alternative readings of loose spec words do not change any label, and checks the mix.
Usage: python3 validate_set.py [--rerun]   (--rerun also regenerates into a temp dir
and compares bytes, running make_set.py as a separate process).
"""
import json, os, sys, hashlib, datetime, collections, re, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
LABEL = {
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"),
    "A3": ("advice_and_guidance", "lower_gi"), "D": ("routine", "general_gi"),
}
SYMPTOMS = {"dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "jaundice", "weight_loss",
            "upper_abdominal_pain", "abdominal_pain", "reflux", "dyspepsia", "rectal_bleeding", "cibh",
            "bloody_diarrhoea", "cirrhosis_ascites", "cirrhosis_confusion", "haematemesis", "bloating"}
KNOWN = SYMPTOMS | {"ibd_stable_question", "coeliac_pos", "fatty_liver", "fh_crc", "asymptomatic"}


def decide(m, reading=None):
    """Return the first matching rule id. reading: dict of alternative interpretations."""
    reading = reading or {}
    F = set(f["fact"] for f in m["facts"])
    V = {}
    for v in m["values"]:
        V.setdefault(v["name"], v["value"])
    age, sex = m["age"], m["sex"]
    if reading.get("bd_is_rb_and_cibh") and "bloody_diarrhoea" in F:
        F |= {"rectal_bleeding", "cibh"}
    if reading.get("rb_plus_cibh_is_bd") and {"rectal_bleeding", "cibh"} <= F:
        F |= {"bloody_diarrhoea"}
    if reading.get("upper_pain_is_abdo_pain") and "upper_abdominal_pain" in F:
        F |= {"abdominal_pain"}
    if reading.get("dyspepsia_is_upper_pain") and "dyspepsia" in F:
        F |= {"upper_abdominal_pain", "abdominal_pain"}
    hb, fe = V.get("hb"), V.get("ferritin")
    anaemia = hb is not None and hb < (130 if sex == "M" else 120)
    irondef = fe is not None and fe < 30
    ida = anaemia and irondef
    fit, cal, alt = V.get("fit"), V.get("calprotectin"), V.get("alt")
    ppi = m.get("ppi_weeks") or 0
    trd = "dyspepsia" in F and ppi >= 4
    if reading.get("reflux_counts_as_dyspepsia") and "reflux" in F and ppi >= 4:
        trd = True
    abdo = "abdominal_pain" in F
    if "dysphagia" in F:
        return "U1"
    if F & {"rectal_mass", "anal_mass", "anal_ulcer"}:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and "weight_loss" in F and F & {"upper_abdominal_pain", "reflux", "dyspepsia"}:
        return "U5"
    if "abdominal_mass" in F:
        return "U6"
    if age >= 40 and "jaundice" in F:
        return "U7"
    if fit is None and ((age >= 50 and "rectal_bleeding" in F) or (age >= 40 and "weight_loss" in F and abdo)
                        or (age >= 60 and "cibh" in F)):
        return "U8"
    if "bloody_diarrhoea" in F or (cal is not None and cal >= 250):
        return "R1"
    if F & {"cirrhosis_ascites", "cirrhosis_confusion"} or (alt is not None and alt >= 300):
        return "R2"
    if "haematemesis" in F:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if "ibd_stable_question" in F:
        return "O3"
    if "coeliac_pos" in F:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or "fatty_liver" in F:
        return "O5"
    a1_sym = F & {"abdominal_pain", "bloating", "cibh"}
    a1_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and a1_sym and a1_test:
        if reading.get("a1_strict"):
            # strict reading: no other spec fact of any kind in the letter
            other = (F - {"abdominal_pain", "bloating", "cibh"}) or irondef or anaemia
            if not other:
                return "A1"
        else:
            return "A1"  # lax reading: no earlier rule matched (we are here)
    if F & {"rectal_bleeding", "cibh", "abdominal_pain"} and fit is not None and fit < 10:
        return "O6"
    if age < 55 and F & {"dyspepsia", "reflux"}:
        return "A2"
    if "fh_crc" in F and not (F & SYMPTOMS):
        return "A3"
    return "D"


READINGS = ["bd_is_rb_and_cibh", "rb_plus_cibh_is_bd", "upper_pain_is_abdo_pain", "dyspepsia_is_upper_pain",
            "reflux_counts_as_dyspepsia", "a1_strict"]

NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def age_words(n):
    if n < 20:
        return NUMW[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("" if u == 0 else "-" + NUMW[u])


def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def num_in(ev):
    x = re.findall(r"\d+(?:\.\d+)?", ev)
    return [float(a) for a in x]


def main():
    errs, warns = [], []
    L = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    M = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    if len(L) != 300:
        errs.append("expected 300 letters, got %d" % len(L))
    keys = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
    disagree = stress_n = noise_n = 0
    for i, l in enumerate(L, 1):
        lid = l["id"]
        if list(l.keys()) != keys:
            errs.append("%s keys %s" % (lid, list(l.keys())))
        if lid != "L36-%04d" % i:
            errs.append("%s out of sequence" % lid)
        m = M.get(lid)
        if m is None:
            errs.append("%s no meta" % lid)
            continue
        t = l["text"]
        if l["urgency"] not in URG or l["pathway"] not in PATHS:
            errs.append("%s bad label spelling" % lid)
        if not 18 <= l["age"] <= 95 or l["age"] != m["age"]:
            errs.append("%s age %s" % (lid, l["age"]))
        # age from DOB against letter date
        dob = datetime.date.fromisoformat(m["dob"])
        ld = datetime.date.fromisoformat(m["letter_date"])
        a = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if a != m["age"]:
            errs.append("%s DOB/date give age %d not %d" % (lid, a, m["age"]))
        if m["age_mode"] in ("num", "aged") and not re.search(r"(?<!\d)%d(?!\d)" % m["age"], t):
            errs.append("%s age number not in text" % lid)
        if m["age_mode"] == "words" and age_words(m["age"]) not in t.lower():
            errs.append("%s age words not in text" % lid)
        if m["age_mode"] == "dob":
            dobs = [dob.strftime("%d/%m/%Y"), "%d %s %d" % (dob.day, dob.strftime("%b"), dob.year)]
            if not any(d in t for d in dobs):
                errs.append("%s DOB not in text" % lid)
        if not nhs_ok(m["nhs_number"]) or m["nhs_number"] not in t.replace(" ", ""):
            errs.append("%s NHS number invalid or absent" % lid)
        # sex must be visible in the text
        sexw = {"M": [r"\bMr\b", r"\bhe\b", r"\bhis\b", r"\bhim\b", r"\bgentleman\b", r"\bMale\b", r"Sex: M\b", r"\(M\)", r", M\b"],
                "F": [r"\bMrs\b", r"\bMs\b", r"\bMiss\b", r"\bshe\b", r"\bher\b", r"\bFemale\b", r"Sex: F\b", r"\(F\)", r", F\b"]}
        if not any(re.search(p, t, re.I) for p in sexw[m["sex"]]) or any(re.search(p, t) for p in sexw["F" if m["sex"] == "M" else "M"][:1]):
            errs.append("%s sex not clear from text" % lid)
        # facts and evidence
        for f in m["facts"]:
            if f["fact"] not in KNOWN:
                errs.append("%s unknown fact %s" % (lid, f["fact"]))
            if not f["evidence"]:
                errs.append("%s fact %s without evidence" % (lid, f["fact"]))
            for e in f["evidence"]:
                if e not in t:
                    errs.append("%s evidence missing: %r" % (lid, e))
        names = collections.Counter(v["name"] for v in m["values"])
        if any(n > 1 for n in names.values()):
            errs.append("%s two current values for one test" % lid)
        for v in m["values"]:
            for e in v["evidence"]:
                if e not in t:
                    errs.append("%s value evidence missing: %r" % (lid, e))
            # re-derive the number from the written evidence
            ev = v["evidence"][0]
            nums = num_in(ev)
            if v["name"] == "hb":
                want = v["value"] / 10.0 if v["unit"] == "g/dL" else v["value"]
                if not any(abs(x - want) < 1e-6 for x in nums):
                    errs.append("%s Hb evidence %r does not give %s" % (lid, ev, v["value"]))
            elif v["name"] in ("ferritin", "calprotectin"):
                if v["name"] == "calprotectin" and "<" in ev:
                    if not (nums and max(nums) <= 100 and v["value"] < 100):
                        errs.append("%s calprotectin '<' evidence %r" % (lid, ev))
                elif v["value"] not in nums:
                    errs.append("%s %s evidence %r lacks %s" % (lid, v["name"], ev, v["value"]))
            elif v["name"] == "fit":
                low = re.search(r"negative|undetectable|<\s*(4|10)", ev, re.I)
                if low:
                    if v["value"] >= 10:
                        errs.append("%s FIT words say <10 but value %s" % (lid, v["value"]))
                elif v["value"] not in nums:
                    errs.append("%s FIT evidence %r lacks %s" % (lid, ev, v["value"]))
            elif v["name"] == "alt":
                if v["value"] not in nums:
                    errs.append("%s ALT evidence %r lacks %s" % (lid, ev, v["value"]))
        for d in m["distractors"]:
            if not d["evidence"]:
                errs.append("%s distractor %s without evidence" % (lid, d["key"]))
            for e in d["evidence"]:
                if e not in t:
                    errs.append("%s distractor evidence missing: %r" % (lid, e))
        # label
        rule = decide(m)
        if rule != l["rule"] or rule != m["rule"]:
            errs.append("%s rule %s but meta facts give %s" % (lid, l["rule"], rule))
        if LABEL[rule] != (l["urgency"], l["pathway"]):
            errs.append("%s labels %s/%s but rule %s gives %s" % (lid, l["urgency"], l["pathway"], rule, LABEL[rule]))
        for rd in READINGS:
            alt = decide(m, {rd: True})
            if LABEL[alt] != LABEL[rule]:
                errs.append("%s reading %s changes label %s -> %s" % (lid, rd, rule, alt))
        # U8 needs no FIT mention at all (an old FIT is still a FIT result in the letter)
        if rule == "U8" and re.search(r"\bq?FIT\b[^\n]{0,25}\d|FIT (negative|undetectable)", t):
            errs.append("%s U8 letter mentions a FIT result" % lid)
        gl = m["gp_priority_level"]
        if gl is not None and gl != l["urgency"]:
            disagree += 1
        if (gl is None) != (l["gp_priority"] is None):
            errs.append("%s gp_priority null mismatch" % lid)
        if m["stress"]:
            stress_n += 1
        if m["noise"]:
            noise_n += 1
    if len(set(t["text"] for t in L)) != len(L):
        errs.append("duplicate letter texts")
    cu = collections.Counter(l["urgency"] for l in L)
    cp = collections.Counter(l["pathway"] for l in L)
    cs = collections.Counter(l["style"] for l in L)
    cr = collections.Counter(l["rule"] for l in L)
    for u in URG:
        if cu[u] < 25:
            errs.append("urgency %s only %d" % (u, cu[u]))
    for p in PATHS:
        if cp[p] == 0:
            errs.append("pathway %s absent" % p)
    if len(cs) != 20 or any(v != 15 for v in cs.values()):
        errs.append("styles not 20 x 15: %s" % cs)
    if not 0.40 <= disagree / len(L) <= 0.60:
        errs.append("priority disagreement %d/%d outside 40-60%%" % (disagree, len(L)))
    if stress_n < 150:
        errs.append("only %d letters with stress wording" % stress_n)
    if not 0.06 <= noise_n / len(L) <= 0.14:
        warns.append("noise letters %d" % noise_n)
    readme = os.path.join(HERE, "README.md")
    h = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    if os.path.exists(readme) and h not in open(readme, encoding="utf-8").read():
        errs.append("README does not carry sha256 %s" % h)
    if "--rerun" in sys.argv:
        with tempfile.TemporaryDirectory() as td:
            subprocess.run([sys.executable, os.path.join(HERE, "make_set.py"), td], check=True, capture_output=True)
            for fn in ("letters.jsonl", "letters_meta.jsonl"):
                a = open(os.path.join(HERE, fn), "rb").read()
                b = open(os.path.join(td, fn), "rb").read()
                if a != b:
                    errs.append("rerun differs: %s" % fn)
    print("letters: %d  sha256: %s" % (len(L), h))
    print("urgency:", dict(sorted(cu.items())))
    print("pathway:", dict(sorted(cp.items())))
    print("rule:", dict(sorted(cr.items())))
    print("style:", dict(sorted(cs.items())))
    print("priority disagreements: %d  stress letters: %d  noise letters: %d" % (disagree, stress_n, noise_n))
    for w in warns:
        print("WARN", w)
    for e in errs:
        print("ERROR", e)
    print("RESULT: %s (%d errors)" % ("PASS" if not errs else "FAIL", len(errs)))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
