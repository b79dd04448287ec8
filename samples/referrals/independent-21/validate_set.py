#!/usr/bin/env python3
"""Independent re-check of letters21 (does NOT import make_set.py).

For every letter: re-derives urgency/pathway/rule from the meta facts with its own
implementation of the spec's first-match rules, under the plain reading and under a
second, stricter/looser reading of the spec's loose words (the two must agree); checks
every evidence and distractor string is really in the text; checks age/DOB, sex title,
that no fact-bearing keyword in the text sits outside a recorded evidence/distractor/
priority span; and prints the mix. Exit status 0 only when everything passes.
Usage: python3 validate_set.py [--rerun]   (--rerun regenerates in a temp dir and compares bytes)
"""
import json, os, re, sys, datetime, collections, hashlib, subprocess, tempfile, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
URG = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATH = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
OUT = {"U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
       "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
       "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
       "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
       "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
       "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
       "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
       "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"),
       "A3": ("advice_and_guidance", "lower_gi"), "D": ("routine", "general_gi")}


def classify(f, strict=False):
    g = lambda k: f.get(k)
    age = f["age"]
    fit = g("fit")
    fit_ge10 = bool(fit and fit["ge10"])
    fit_lt10 = bool(fit and not fit["ge10"])
    anaemia = g("hb") is not None and g("hb") < (130 if f["sex"] == "M" else 120)
    irondef = g("ferritin") is not None and g("ferritin") < 30
    ida = anaemia and irondef
    dys = g("dyspepsia")
    ppi = dys["ppi_weeks"] if isinstance(dys, dict) else 0
    trd = bool(dys) and ppi >= 4
    wl = bool(g("weight_loss"))
    upper = bool(g("upper_abdo_pain"))
    pain_any = bool(g("abdo_pain")) or (strict and upper)
    bleed = bool(g("rectal_bleeding")) or (strict and bool(g("bloody_diarrhoea")))
    cibh = bool(g("cibh")) or (strict and bool(g("bloody_diarrhoea")))
    reflux_or_dys = bool(g("reflux")) or bool(dys)
    cal = g("calprotectin")
    alt = g("alt")
    # strict reading: heartburn/epigastric symptoms also count as 'abdominal pain', etc.
    if g("dysphagia"):
        return "U1"
    if g("rectal_mass") or g("anal_ulcer"):
        return "U2"
    if fit_ge10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (upper or reflux_or_dys or (strict and pain_any)):
        return "U5"
    if g("abdo_mass"):
        return "U6"
    if age >= 40 and g("jaundice"):
        return "U7"
    if fit is None and ((age >= 50 and bleed) or (age >= 40 and wl and (pain_any or upper)) or (age >= 60 and cibh)):
        return "U8"
    if g("bloody_diarrhoea") or (cal is not None and cal >= 250):
        return "R1"
    if (g("cirrhosis") and (g("ascites") or g("confusion"))) or (alt is not None and alt >= 300):
        return "R2"
    if g("haematemesis"):
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if g("ibd_stable_question"):
        return "O3"
    if g("ttg_raised"):
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or g("fatty_liver"):
        return "O5"
    sym_a1 = pain_any or bool(g("bloating")) or cibh
    neg_test = (cal is not None and cal < 100) or fit_lt10
    # 'no other fact above': plain reading = no earlier-rule fact; strict reading = no other clinical fact at all
    other = any(g(k) for k in ("rectal_bleeding", "weight_loss", "dyspepsia", "reflux", "upper_abdo_pain", "jaundice",
                               "cirrhosis", "haematemesis", "ttg_raised", "fatty_liver", "ibd_stable_question"))
    if strict:
        other = other or irondef or anaemia or bool(g("other")) or bool(g("fh_crc"))
    if age < 50 and sym_a1 and neg_test and not other:
        return "A1"
    if (bleed or cibh or pain_any) and fit_lt10:
        return "O6"
    if age < 55 and reflux_or_dys:
        return "A2"
    symptomatic = any(g(k) for k in ("rectal_bleeding", "cibh", "abdo_pain", "bloating", "weight_loss", "dyspepsia",
                                     "reflux", "upper_abdo_pain", "other"))
    if g("fh_crc") and not symptomatic:
        return "A3"
    return "D"


KEYWORDS = [r"dysphag", r"swallow", r"bleed", r"blood", r"\bmass", r"ulcer", r"\bq?FIT\b", r"faecal immuno", r"\bHb\b",
            r"haemoglobin", r"ferritin", r"weight", r"\bwt\b", r"jaundic", r"yellow", r"calprotectin", r"\bFCP\b", r"\bALT\b",
            r"ascites", r"confus", r"cirrho", r"haematemesis", r"vomit", r"dyspep", r"indigestion", r"reflux",
            r"heartburn", r"tTG", r"coeliac", r"fatty", r"bloat", r"\bpain", r"bowel", r"stool", r"diarrh",
            r"cancer", r"crohn", r"colitis", r"\bUC\b", r"nausea", r"hiccup", r"\bPR\b", r"anal\b", r"rectal", r"CIBH"]


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"))]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl")))}
    errs = []
    E = lambda lid, msg: errs.append(f"{lid}: {msg}")
    assert len(letters) == 300, len(letters)
    ids = [x["id"] for x in letters]
    if ids != [f"L21-{i:04d}" for i in range(1, 301)]:
        errs.append("ids not L21-0001..L21-0300 in order")
    c_u, c_p, c_r, c_s = (collections.Counter() for _ in range(4))
    disagree = nulls = 0
    kinds = collections.Counter()
    for x in letters:
        lid, t = x["id"], x["text"]
        m = metas.get(lid)
        if m is None:
            E(lid, "no meta"); continue
        if set(x) != {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}:
            E(lid, f"keys {sorted(x)}")
        if x["urgency"] not in URG or x["pathway"] not in PATH:
            E(lid, "bad label spelling")
        f = m["facts"]
        if not 18 <= x["age"] <= 95 or f["age"] != x["age"]:
            E(lid, "age out of range or mismatch")
        # age evidence
        if f["age_evidence"] not in t:
            E(lid, "age evidence missing")
        ld = datetime.date.fromisoformat(f["letter_date"])
        if ld.strftime("%d/%m/%Y") not in t:
            E(lid, "letter date not in text")
        if f["age_form"] == "dob":
            dob = datetime.date.fromisoformat(f["dob"])
            a = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
            if a != f["age"] or dob.strftime("%d/%m/%Y") not in t:
                E(lid, "DOB does not give age")
        else:
            if str(f["age"]) not in f["age_evidence"]:
                E(lid, "age string lacks age")
        title = re.search(r"\b(Mr|Mrs|Ms|Miss)\b", t)
        if not title or (title.group(1) == "Mr") != (f["sex"] == "M"):
            E(lid, "sex title missing/inconsistent")
        # evidence strings
        spans = []
        def cover(s):
            if s not in t:
                E(lid, f"string not in text: {s!r}")
            for mm in re.finditer(re.escape(s), t):
                spans.append((mm.start(), mm.end()))
        pos_facts = set()
        for p in m["positives"]:
            if not p["evidence"]:
                E(lid, f"no evidence for {p['fact']}")
            for s in p["evidence"]:
                cover(s)
            if not p.get("timepoint"):
                pos_facts.add(p["fact"])
        for d in m["distractors"]:
            cover(d["text"])
            kinds[d["kind"]] += 1
            if d["fact"] in pos_facts:
                E(lid, f"distractor contradicts positive fact {d['fact']}")
        if m["priority_text"]:
            cover(m["priority_text"])
        cover(f["age_evidence"])
        # repeated values must sit in the same band as the current value
        for p in m["positives"]:
            if p.get("timepoint"):
                cur = f[p["fact"]]
                v = p["value"]
                bands = {"alt": [40, 300], "calprotectin": [100, 250], "hb": [130 if f["sex"] == "M" else 120]}[p["fact"]]
                if [cur >= b for b in bands] != [v >= b for b in bands]:
                    E(lid, "repeated value crosses a threshold")
        # keyword coverage: every fact-bearing word must lie inside a recorded span
        for kw in KEYWORDS:
            for mm in re.finditer(kw, t, flags=re.I if kw not in (r"\bHb\b", r"\bALT\b", r"\bUC\b", r"\bPR\b", r"tTG") else 0):
                if not any(a <= mm.start() and mm.end() <= b for a, b in spans):
                    E(lid, f"uncovered keyword {mm.group(0)!r} at {t[max(0, mm.start()-30):mm.end()+30]!r}")
        # labels
        r1, r2 = classify(f), classify(f, strict=True)
        if r1 != r2:
            E(lid, f"label depends on reading: {r1} vs {r2}")
        if r1 != x["rule"] or OUT[r1] != (x["urgency"], x["pathway"]) or m["rule"] != x["rule"]:
            E(lid, f"label mismatch: validator {r1} {OUT[r1]} vs letter {x['rule']} {x['urgency']} {x['pathway']}")
        req = m["requested_urgency"]
        if req is None:
            nulls += 1
            if x["gp_priority"] is not None:
                E(lid, "gp_priority should be null")
        elif req != x["urgency"]:
            disagree += 1
        c_u[x["urgency"]] += 1; c_p[x["pathway"]] += 1; c_r[x["rule"]] += 1; c_s[x["style"]] += 1
    # mix
    if set(c_u) != URG or min(c_u.values()) < 25:
        errs.append(f"urgency mix {dict(c_u)}")
    if set(c_p) != PATH:
        errs.append(f"pathway mix {dict(c_p)}")
    if len(c_s) < 30:
        errs.append(f"only {len(c_s)} styles")
    if not 120 <= disagree <= 180:
        errs.append(f"priority disagreement {disagree}")
    noisy = sum(1 for m in metas.values() if m["noise"])
    sha = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    print("urgency:", dict(sorted(c_u.items())))
    print("pathway:", dict(sorted(c_p.items())))
    print("rule:", dict(sorted(c_r.items())))
    print("style (%d):" % len(c_s), dict(sorted(c_s.items())))
    print(f"gp priority disagrees with rules: {disagree}/300; no priority stated: {nulls}; light noise: {noisy}")
    print("distractor kinds:", dict(kinds))
    print("ages:", min(x["age"] for x in letters), "-", max(x["age"] for x in letters))
    print("sha256 letters.jsonl:", sha)
    if "--rerun" in sys.argv:
        tmp = tempfile.mkdtemp()
        shutil.copy(os.path.join(HERE, "make_set.py"), tmp)
        subprocess.run([sys.executable, os.path.join(tmp, "make_set.py")], check=True)
        for fn in ("letters.jsonl", "letters_meta.jsonl"):
            if open(os.path.join(tmp, fn), "rb").read() != open(os.path.join(HERE, fn), "rb").read():
                errs.append(f"rerun differs: {fn}")
        shutil.rmtree(tmp)
        print("rerun: byte-identical" if not any("rerun" in e for e in errs) else "rerun: DIFFERS")
    if errs:
        print(f"FAIL: {len(errs)} problems")
        for e in errs[:60]:
            print("  ", e)
        sys.exit(1)
    print("PASS: all 300 labels re-derived from meta facts; evidence, distractors, ages and keyword coverage OK")


if __name__ == "__main__":
    main()
