#!/usr/bin/env python3
"""Independent re-check of letters26. Does NOT import make_set.py.

Re-derives each letter's rule from the facts in letters_meta.jsonl using its own reading of
/work/shared/clinical/referral-triage-spec.md, under several readings of loose words (all must
agree), checks that every evidence and distractor string is in the letter text, that values in the
evidence strings match the recorded facts, ages, NHS numbers, layouts and the mix the brief asks for.
"""
import collections
import datetime
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATH = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
TABLE = """U1 urgent_suspected_cancer upper_gi
U2 urgent_suspected_cancer lower_gi
U3 urgent_suspected_cancer lower_gi
U4 urgent_suspected_cancer lower_gi
U5 urgent_suspected_cancer upper_gi
U6 urgent_suspected_cancer lower_gi
U7 urgent_suspected_cancer hepatology
U8 urgent_suspected_cancer lower_gi
R1 urgent ibd
R2 urgent hepatology
R3 urgent upper_gi
O1 routine upper_gi
O2 routine ibd
O3 advice_and_guidance ibd
O4 routine general_gi
O5 routine hepatology
A1 advice_and_guidance general_gi
O6 routine general_gi
A2 advice_and_guidance upper_gi
A3 advice_and_guidance lower_gi
D routine general_gi"""
LABELS = {l.split()[0]: tuple(l.split()[1:]) for l in TABLE.splitlines()}
CURRENT_SYMPTOMS = {"dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdominal_pain",
                    "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "abdominal_pain",
                    "change_in_bowel_habit", "bloody_diarrhoea", "ascites", "confusion", "haematemesis", "bloating"}


def decide(f, reading):
    """f: dict of facts. reading: tuple of 5 booleans for loose words."""
    dys_pain, bd_bleed, reflux_dys, uap_dys, strict_a1 = reading
    s = set(f["symptoms"])
    if dys_pain and "dyspepsia" in s:
        s |= {"abdominal_pain", "upper_abdominal_pain"}
    if bd_bleed and "bloody_diarrhoea" in s:
        s |= {"rectal_bleeding", "change_in_bowel_habit"}
    if reflux_dys and "reflux" in s:
        s.add("dyspepsia")
    if uap_dys and "upper_abdominal_pain" in s:
        s.add("dyspepsia")
    age = f["age"]
    hb = f.get("hb")
    anaemic = hb is not None and hb < (130 if f["sex"] == "M" else 120)
    irondef = f.get("ferritin") is not None and f["ferritin"] < 30
    fit = f.get("fit")
    cal = f.get("calprotectin")
    alt = f.get("alt")
    pain = bool(s & {"abdominal_pain", "upper_abdominal_pain"})
    wl = "weight_loss" in s
    if "dysphagia" in s: return "U1"
    if s & {"rectal_mass", "anal_mass", "anal_ulceration"}: return "U2"
    if fit is not None and fit >= 10: return "U3"
    if anaemic and irondef: return "U4"
    if age >= 55 and wl and s & {"upper_abdominal_pain", "reflux", "dyspepsia"}: return "U5"
    if "abdominal_mass" in s: return "U6"
    if age >= 40 and "jaundice" in s: return "U7"
    if fit is None and ((age >= 50 and "rectal_bleeding" in s) or (age >= 40 and wl and pain)
                        or (age >= 60 and "change_in_bowel_habit" in s)): return "U8"
    if "bloody_diarrhoea" in s or (cal is not None and cal >= 250): return "R1"
    if ("known_cirrhosis" in s and s & {"ascites", "confusion"}) or (alt is not None and alt >= 300): return "R2"
    if "haematemesis" in s: return "R3"
    if age >= 55 and "dyspepsia" in s and (f.get("ppi_weeks") or 0) >= 4: return "O1"
    if cal is not None and 100 <= cal <= 249: return "O2"
    if "known_ibd_stable_question" in s: return "O3"
    if "positive_coeliac_serology" in s: return "O4"
    if (alt is not None and 40 <= alt <= 299) or "fatty_liver_imaging" in s: return "O5"
    a1_sym = pain or s & {"bloating", "change_in_bowel_habit"}
    a1_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and a1_sym and a1_test:
        others = (s - {"abdominal_pain", "upper_abdominal_pain", "bloating", "change_in_bowel_habit",
                       "family_history_crc"}) or anaemic or irondef or alt is not None
        if not (strict_a1 and others):
            return "A1"
    if (pain or s & {"rectal_bleeding", "change_in_bowel_habit"}) and fit is not None and fit < 10: return "O6"
    if age < 55 and s & {"dyspepsia", "reflux"}: return "A2"
    if "family_history_crc" in s and not (s & CURRENT_SYMPTOMS): return "A3"
    return "D"


def nhs_ok(n):
    d = [int(c) for c in n]
    c = 11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def nums(s):
    return [float(x) for x in re.findall(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)", s)]


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    errs = []
    E = errs.append
    cnt = collections.defaultdict(collections.Counter)
    boundary = assertion = long_ = disagree = prio_null = 0
    for i, x in enumerate(letters, 1):
        lid = x["id"]
        if lid != "L26-%04d" % i: E(f"{lid}: bad id order")
        m = metas.get(lid)
        if m is None: E(f"{lid}: no meta"); continue
        if set(x) != {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}: E(f"{lid}: keys {sorted(x)}")
        if x["urgency"] not in URG or x["pathway"] not in PATH: E(f"{lid}: label spelling")
        if LABELS.get(x["rule"]) != (x["urgency"], x["pathway"]): E(f"{lid}: rule/labels mismatch")
        f = m["facts"]
        got = {decide(f, rd) for rd in itertools.product([False, True], repeat=5)}
        if got != {x["rule"]}: E(f"{lid}: recomputed {got} vs {x['rule']}")
        # age
        dob = datetime.date.fromisoformat(m["dob"]); ld = datetime.date.fromisoformat(m["letter_date"])
        age = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if age != x["age"] or age != f["age"]: E(f"{lid}: age {age} vs {x['age']}")
        if not 18 <= age <= 95: E(f"{lid}: age out of range")
        # birthday not between the earliest dated entry and the letter date (60 days)
        age60 = (ld - datetime.timedelta(days=60))
        a60 = age60.year - dob.year - ((age60.month, age60.day) < (dob.month, dob.day))
        if a60 != age: E(f"{lid}: birthday within 60 days before letter")
        text = x["text"]
        low = x["style"] == "gp_lowercase"
        for ev in m["evidence"]:
            if ev["text"] not in text: E(f"{lid}: evidence missing: {ev['text'][:60]}")
        for d in m["distractors"]:
            if d["text"] not in text: E(f"{lid}: distractor missing: {d['text'][:60]}")
        evf = collections.defaultdict(list)
        for ev in m["evidence"]:
            evf[ev["fact"]].append(ev["text"])
        for s_ in f["symptoms"]:
            if not evf.get(s_): E(f"{lid}: no evidence for {s_}")
        if m["age_stated"] and not evf.get("age"): E(f"{lid}: age stated but no evidence")
        if not m["age_stated"] and not evf.get("dob"): E(f"{lid}: no DOB evidence")
        # values in evidence
        for k in ("hb", "ferritin", "calprotectin", "alt"):
            if k in f:
                if not evf.get(k): E(f"{lid}: no evidence for {k}"); continue
                want = f[k] / 10 if (k == "hb" and f.get("hb_unit") == "g/dL") else f[k]
                if not any(want in nums(t) for t in evf[k]): E(f"{lid}: value {k}={f[k]} not in evidence {evf[k]}")
        if "hb_prev" in f:
            a = f["hb"] < (130 if f["sex"] == "M" else 120); b = f["hb_prev"] < (130 if f["sex"] == "M" else 120)
            if a != b: E(f"{lid}: repeated Hb crosses the line")
            if not evf.get("hb_prev"): E(f"{lid}: hb_prev without evidence")
        if "fit" in f:
            t = " ".join(evf.get("fit", []))
            if not t: E(f"{lid}: FIT without evidence")
            below = bool(re.search(r"<\s*(4|10)|negative|undetectable", t, re.I))
            ns = [n for n in nums(t.replace("<4", "").replace("<10", ""))]
            if f["fit"] >= 10:
                if below or f["fit"] not in ns: E(f"{lid}: FIT evidence {t!r} vs {f['fit']}")
            else:
                if not (below or any(n < 10 for n in ns)): E(f"{lid}: FIT low evidence {t!r}")
        if f.get("fit_pending") and "fit" in f: E(f"{lid}: FIT both pending and reported")
        if "ppi_weeks" in f and "dyspepsia" in f["symptoms"]:
            if not any(re.search(r"\b%d weeks" % f["ppi_weeks"], t) for t in evf["dyspepsia"]): E(f"{lid}: PPI weeks evidence")
        # NHS numbers
        for n in re.findall(r"\b(\d{3} \d{3} \d{4})\b", text):
            if not nhs_ok(n.replace(" ", "")): E(f"{lid}: bad NHS number {n}")
        # priority
        if x["gp_priority"] is not None:
            if (x["gp_priority"].lower() if low else x["gp_priority"]) not in text:
                if not (low and re.sub(r"[.,;:()']", "", x["gp_priority"].lower()) in text): E(f"{lid}: gp priority text missing")
            if m["gp_priority_disagrees"] != (m["gp_priority_level"] != x["urgency"]): E(f"{lid}: disagree flag")
            disagree += m["gp_priority_disagrees"]
        else:
            prio_null += 1
        # distractor turns: recompute independently
        turns = False
        for d in m["distractors"]:
            if d["kind"] == "pending": continue
            g = dict(f); g["symptoms"] = list(f["symptoms"])
            fact = d["fact"]
            if fact == "ida":
                g["hb"] = 80; g["ferritin"] = 5
            elif fact in CURRENT_SYMPTOMS or fact in ("known_ibd_stable_question", "positive_coeliac_serology", "family_history_crc"):
                g["symptoms"] = g["symptoms"] + [fact]
            else:
                continue
            if decide(g, (False,) * 4 + (True,)) != x["rule"]:
                turns = True
        assertion += turns
        boundary += bool(m.get("boundary"))
        long_ += bool(m.get("long_record"))
        for k in ("urgency", "pathway", "rule", "style"):
            cnt[k][x[k]] += 1
    n = len(letters)
    if n != 300: E(f"count {n}")
    for u in URG:
        if cnt["urgency"][u] < 25: E(f"urgency {u} only {cnt['urgency'][u]}")
    for p in PATH:
        if cnt["pathway"][p] == 0: E(f"pathway {p} absent")
    if len(cnt["style"]) != 20 or set(cnt["style"].values()) != {15}: E(f"styles {cnt['style']}")
    if boundary < 60: E(f"boundary letters {boundary} < 60")
    if assertion < 60: E(f"assertion-turning letters {assertion} < 60")
    if long_ < 100: E(f"long-record letters {long_} < 100")
    if not 0.4 <= disagree / n <= 0.6: E(f"priority disagreement {disagree}/{n}")
    for k in ("urgency", "pathway", "rule", "style"):
        print(k, dict(sorted(cnt[k].items())))
    print(f"boundary={boundary} assertion_turning={assertion} long_record={long_} priority_disagrees={disagree} priority_null={prio_null}")
    if errs:
        print(f"FAIL: {len(errs)} problems")
        for e in errs[:60]:
            print("  ", e)
        return 1
    print(f"PASS: {n} letters, all labels re-derived from meta facts under every reading")
    return 0


if __name__ == "__main__":
    sys.exit(main())
