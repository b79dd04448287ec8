#!/usr/bin/env python3
"""Independent re-check of letters18. Does NOT import make_set.py.

- reads the label lists and the rule table (rule -> urgency, pathway) from the spec itself;
- re-derives each letter's rule from the meta facts/values with its own implementation of
  the spec rules, under every reading of the loose words and every age the text allows;
- checks every evidence and distractor string is verbatim in the letter text, that values in
  the evidence strings match the meta values, NHS numbers (modulus 11), ages, sexes;
- checks the mix (counts, styles, priority disagreement, noise);
- re-runs the generator twice in a scratch folder (different PYTHONHASHSEED) and compares bytes.
Exit status 0 only when every check passes.
"""
import datetime
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = "/work/shared/clinical/referral-triage-spec.md"
problems = []


def bad(msg):
    problems.append(msg)


# ---- spec tables -------------------------------------------------------------
spec = open(SPEC, encoding="utf-8").read()
rule_table = {}
for m in re.finditer(r"^\| (U\d|R\d|O\d|A\d|D) \| (.+?) \| `?(\w+)`? \| `?(\w+)`? \|$", spec, re.M):
    rule_table[m.group(1)] = (m.group(3), m.group(4))
urg_labels = re.findall(r"^\| `(\w+)` \| [a-z]", spec.split("`pathway` (exactly one)")[0], re.M)
path_labels = re.findall(r"^\| `(\w+)` \| ", spec.split("`pathway` (exactly one)")[1].split("## Clinical facts")[0], re.M)
if len(rule_table) != 21:
    bad("spec rule table parsed %d rules" % len(rule_table))
RULE_ORDER = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3",
              "O1", "O2", "O3", "O4", "O5", "A1", "O6", "A2", "A3", "D"]

SYMPTOM_KEYS = ["dysphagia", "rectal_mass", "anal_mass", "abdominal_mass", "jaundice", "weight_loss",
                "upper_abdominal_pain", "lower_abdominal_pain", "dyspepsia", "reflux", "rectal_bleeding",
                "change_in_bowel_habit", "bloating", "bloody_diarrhoea", "haematemesis", "ascites", "confusion"]


def derive(F, V, age, reading):
    """Own implementation of the spec. reading: dict of alternative interpretations."""
    F = dict(F)
    for k in reading.get("soft", ()):
        F[k] = True
    woman = F["sex"] == "F"
    hb = V["hb_g_per_l"]
    fer = V["ferritin_ug_per_l"]
    anaemic = hb is not None and ((woman and hb < 120) or (not woman and hb < 130))
    low_fer = fer is not None and fer < 30
    has_fit = V["fit_text"] is not None
    if has_fit:
        t = V["fit_text"].strip().lower()
        if t in ("<4", "< 4", "undetectable", "negative"):
            fit_num = 0.0
        else:
            fit_num = float(t)
            if V["fit_value"] != fit_num:
                bad("fit_text/fit_value mismatch")
    cal = V["calprotectin_ug_per_g"]
    alt = V["alt_u_per_l"]
    ttg_raised = V["ttg"] is not None and V["ttg"] > V["ttg_upper_limit"]
    bleeding = F["rectal_bleeding"] or (reading["bd_rb"] and F["bloody_diarrhoea"])
    habit = F["change_in_bowel_habit"] or (reading["bd_cibh"] and F["bloody_diarrhoea"])
    pain = F["lower_abdominal_pain"] or (reading["upper_pain"] and F["upper_abdominal_pain"]) or \
        (reading["bloat_pain"] and F["bloating"])
    dyspep = F["dyspepsia"] or (reading["upper_dysp"] and F["upper_abdominal_pain"])
    resistant = (F["dyspepsia"] or (reading["reflux_dysp"] and F["reflux"])) and \
        V["ppi_weeks"] is not None and V["ppi_weeks"] >= 4
    checks = {
        "U1": lambda: F["dysphagia"],
        "U2": lambda: F["rectal_mass"] or F["anal_mass"],
        "U3": lambda: has_fit and fit_num >= 10,
        "U4": lambda: anaemic and low_fer,
        "U5": lambda: age >= 55 and F["weight_loss"] and (F["upper_abdominal_pain"] or F["reflux"] or dyspep),
        "U6": lambda: F["abdominal_mass"],
        "U7": lambda: age >= 40 and F["jaundice"],
        "U8": lambda: (not has_fit) and ((age >= 50 and bleeding) or (age >= 40 and F["weight_loss"] and pain)
                                         or (age >= 60 and habit)),
        "R1": lambda: F["bloody_diarrhoea"] or (cal is not None and cal >= 250),
        "R2": lambda: (F["known_cirrhosis"] and (F["ascites"] or F["confusion"])) or (alt is not None and alt >= 300),
        "R3": lambda: F["haematemesis"],
        "O1": lambda: age >= 55 and resistant,
        "O2": lambda: cal is not None and 100 <= cal <= 249,
        "O3": lambda: F["known_ibd"] and F["ibd_stable"] and F["management_question"],
        "O4": lambda: ttg_raised,
        "O5": lambda: (alt is not None and 40 <= alt <= 299) or F["fatty_liver_imaging"],
        "A1": lambda: age < 50 and (pain or F["bloating"] or habit) and
        ((cal is not None and cal < 100) or (has_fit and fit_num < 10)) and
        not (reading["a1_strict"] and any_other()),
        "O6": lambda: (bleeding or habit or pain) and has_fit and fit_num < 10,
        "A2": lambda: age < 55 and (dyspep or F["reflux"]),
        "A3": lambda: F["family_history_crc"] and not any(F[k] for k in SYMPTOM_KEYS),
        "D": lambda: True,
    }

    def any_other():
        return (F["dysphagia"] or F["rectal_mass"] or F["anal_mass"] or F["abdominal_mass"] or F["jaundice"]
                or F["weight_loss"] or dyspep or F["reflux"] or F["upper_abdominal_pain"] or bleeding
                or F["bloody_diarrhoea"] or F["haematemesis"] or F["known_cirrhosis"] or F["known_ibd"]
                or anaemic or low_fer or ttg_raised or F["fatty_liver_imaging"] or V["ppi_weeks"] is not None
                or (alt is not None and alt >= 40) or F["family_history_crc"])

    for rid in RULE_ORDER:
        if checks[rid]():
            return rid


def all_readings(soft):
    names = ["bd_rb", "bd_cibh", "upper_pain", "upper_dysp", "reflux_dysp", "bloat_pain", "a1_strict"]
    for bits in itertools.product([False, True], repeat=len(names)):
        base = dict(zip(names, bits))
        for n in range(len(soft) + 1):
            for sub in itertools.combinations(soft, n):
                yield dict(base, soft=sub)


def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def numbers_in(s):
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", s)]


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    if len(letters) != 300:
        bad("expected 300 letters, got %d" % len(letters))
    ids = [L["id"] for L in letters]
    if ids != ["L18-%04d" % i for i in range(1, len(letters) + 1)]:
        bad("ids not L18-0001..")
    texts = Counter(L["text"] for L in letters)
    if max(texts.values()) > 1:
        bad("duplicate texts")
    n_disagree = n_null = n_over = n_under = 0
    rank = {"advice_and_guidance": 0, "routine": 1, "urgent": 2, "urgent_suspected_cancer": 3}
    for L in letters:
        i = L["id"]
        M = metas.get(i)
        if M is None:
            bad("%s: no meta" % i)
            continue
        keys = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
        if list(L.keys()) != keys:
            bad("%s: keys %s" % (i, list(L.keys())))
        if L["urgency"] not in urg_labels or L["pathway"] not in path_labels:
            bad("%s: label spelling" % i)
        if rule_table.get(L["rule"]) != (L["urgency"], L["pathway"]):
            bad("%s: rule %s does not give %s/%s in the spec" % (i, L["rule"], L["urgency"], L["pathway"]))
        F, V = M["facts"], M["values"]
        if not (18 <= L["age"] <= 95) or L["age"] != F["age"]:
            bad("%s: age" % i)
        # ages allowed by the text
        if M["age_mode"] == "dob":
            dob = datetime.date.fromisoformat(M["dob"])
            ds = [M["letter_date"]] + list(M["other_dates"].values())
            ages = sorted({(lambda d: d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day)))(datetime.date.fromisoformat(x)) for x in ds})
            if F["age"] not in ages:
                bad("%s: dob/letter date do not give age" % i)
        elif M["age_mode"] == "decade":
            d0 = F["age"] // 10 * 10
            ages = list(range(max(18, d0), min(95, d0 + 9) + 1))
            if not re.search(r"in (his|her) (teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", L["text"]):
                bad("%s: decade phrase missing" % i)
        else:
            ages = [F["age"]]
            if not re.search(r"(?<![\d/.])%d(?![\d/]|\.\d)" % F["age"], L["text"]):
                bad("%s: stated age not in text" % i)
        if sorted(ages) != sorted(M["ages_consistent_with_text"]):
            bad("%s: ages consistent with text differ" % i)
        soft = sorted({d["soft_reading_fact"] for d in M["distractors"] if d.get("soft")})
        got = set()
        for rd in all_readings(soft):
            for a in ages:
                got.add(derive(F, V, a, rd))
        if got != {L["rule"]}:
            bad("%s: derived %s, labelled %s" % (i, sorted(got), L["rule"]))
        # evidence
        ev = M["evidence"]
        for k, val in F.items():
            if k in ("sex", "age", "ibd_stable") or not val:
                continue
            if not ev.get(k):
                bad("%s: fact %s has no evidence" % (i, k))
        vmap = {"value_hb": "hb_g_per_l", "value_ferritin": "ferritin_ug_per_l", "value_calprotectin": "calprotectin_ug_per_g",
                "value_alt": "alt_u_per_l", "value_ttg": "ttg", "value_fit": "fit_text"}
        for ek, vk in vmap.items():
            if (V[vk] is not None) != bool(ev.get(ek)):
                bad("%s: value %s evidence mismatch" % (i, vk))
            for s in ev.get(ek, []):
                if vk == "fit_text":
                    if V["fit_value"] is not None and V["fit_value"] not in numbers_in(s):
                        bad("%s: FIT value not in %r" % (i, s))
                    if V["fit_value"] is None and not re.search(r"<\s?4|undetect|neg|-ve", s, re.I):
                        bad("%s: low FIT wording %r" % (i, s))
                else:
                    x = V[vk]
                    nums = numbers_in(s)
                    if x not in nums and not (vk == "hb_g_per_l" and round(x / 10.0, 1) in nums):
                        bad("%s: %s=%s not in %r" % (i, vk, x, s))
        for k, ss in ev.items():
            for s in ss:
                if s not in L["text"]:
                    bad("%s: evidence %r not in text" % (i, s))
        for d in M["distractors"]:
            if not d.get("kind") or d["text"] not in L["text"]:
                bad("%s: distractor %r" % (i, d))
        # identifiers and sex
        digits = [re.sub(r"[ -]", "", x) for x in re.findall(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b", L["text"])]
        if M["nhs_number"] not in digits or not nhs_ok(M["nhs_number"]):
            bad("%s: NHS number" % i)
        if F["sex"] == "F" and not re.search(r"\b(Mrs|Ms|Miss|she|her|woman)\b", L["text"]):
            bad("%s: sex not stated" % i)
        if F["sex"] == "M" and not re.search(r"\b(Mr|he|his|man)\b", L["text"]):
            bad("%s: sex not stated" % i)
        lvl = M["gp_priority_level"]
        if (lvl is None) != (L["gp_priority"] is None):
            bad("%s: gp_priority/level mismatch" % i)
        if lvl is None:
            n_null += 1
        elif lvl != L["urgency"]:
            n_disagree += 1
            if rank[lvl] > rank[L["urgency"]]:
                n_over += 1
            else:
                n_under += 1
    cu = Counter(L["urgency"] for L in letters)
    cp = Counter(L["pathway"] for L in letters)
    cs = Counter(L["style"] for L in letters)
    for u in urg_labels:
        if cu[u] < 25:
            bad("urgency %s has %d letters" % (u, cu[u]))
    for p in path_labels:
        if cp[p] == 0:
            bad("pathway %s absent" % p)
    if len(cs) < 30:
        bad("only %d styles" % len(cs))
    ordinary = sum(n for s, n in cs.items() if s.startswith("gp_") and s != "gp_system_paste_tables")
    noise = sum(1 for m in metas.values() if m["noise"])
    frac = n_disagree / float(len(letters))
    if not (0.4 <= frac <= 0.6) or n_over == 0 or n_under == 0:
        bad("priority disagreement %.2f (over %d, under %d)" % (frac, n_over, n_under))
    print("urgency:", dict(sorted(cu.items())))
    print("pathway:", dict(sorted(cp.items())))
    print("rule:", dict(sorted(Counter(L["rule"] for L in letters).items())))
    print("styles: %d distinct; ordinary GP letters %d" % (len(cs), ordinary))
    print("gp priority: disagree %d (over-asking %d, under-asking %d), agree %d, not stated %d" %
          (n_disagree, n_over, n_under, len(letters) - n_disagree - n_null, n_null))
    print("letters with light noise: %d" % noise)
    # determinism
    if "--no-rerun" not in sys.argv:
        digests = []
        for seed in ("0", "12345"):
            with tempfile.TemporaryDirectory() as td:
                env = dict(os.environ, PYTHONHASHSEED=seed)
                subprocess.run([sys.executable, os.path.join(HERE, "make_set.py"), td], check=True, env=env,
                               stdout=subprocess.DEVNULL)
                digests.append(tuple(hashlib.sha256(open(os.path.join(td, f), "rb").read()).hexdigest()
                                     for f in ("letters.jsonl", "letters_meta.jsonl")))
        here = tuple(hashlib.sha256(open(os.path.join(HERE, f), "rb").read()).hexdigest()
                     for f in ("letters.jsonl", "letters_meta.jsonl"))
        if not (digests[0] == digests[1] == here):
            bad("generator reruns are not byte-identical to the files")
        else:
            print("reruns byte-identical: yes")
    print("sha256 letters.jsonl:", hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest())
    if problems:
        print("FAIL: %d problems" % len(problems))
        for p in problems[:60]:
            print("  -", p)
        sys.exit(1)
    print("PASS: all %d letters re-derived and checked" % len(letters))


if __name__ == "__main__":
    main()
