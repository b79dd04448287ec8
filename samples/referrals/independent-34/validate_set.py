#!/usr/bin/env python3
"""Independent re-check of the letters34 set.  Does NOT import make_set.py.

It re-derives every label from the facts recorded in letters_meta.jsonl with its own
reading of /work/shared/clinical/referral-triage-spec.md, under each reasonable reading of
the spec's loose words (a letter whose label changes with the reading is an error), and
checks that the recorded evidence and distractor strings really are in the letter text,
that every mention of a clinical keyword in the text is accounted for, that ages follow
from DOB and letter date, and the set-level quotas of the brief.

Usage: python3 validate_set.py [--spec PATH]
Exit status 0 when every check passes.
"""
import collections
import datetime
import hashlib
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = "/work/shared/clinical/referral-triage-spec.md"
if "--spec" in sys.argv:
    SPEC = sys.argv[sys.argv.index("--spec") + 1]

errors = []
warnings = []


def err(lid, msg):
    errors.append("%s: %s" % (lid, msg))


# ---------------------------------------------------------------- the spec's tables
spec = open(SPEC, encoding="utf-8").read()
urgency_labels = re.findall(r"^\| `([a-z_]+)` \|", spec.split("`pathway` (exactly one)")[0].split("`urgency` (exactly one)")[1], re.M)
pathway_labels = re.findall(r"^\| `([a-z_]+)` \|", spec.split("`pathway` (exactly one)")[1].split("## Clinical facts")[0], re.M)
rule_rows = re.findall(r"^\| ([UROAD]\d?) \| (.+?) \| ([a-z_]+) \| ([a-z_]+) \|$", spec, re.M)
SPEC_RULES = [(rid, urg, pw) for rid, _, urg, pw in rule_rows]
SPEC_LABEL = {rid: (urg, pw) for rid, urg, pw in SPEC_RULES}
assert len(urgency_labels) == 4 and len(pathway_labels) == 5, (urgency_labels, pathway_labels)
assert [x[0] for x in SPEC_RULES] == ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2", "O3",
                                      "O4", "O5", "A1", "O6", "A2", "A3", "D"], [x[0] for x in SPEC_RULES]


# ---------------------------------------------------------------- label from facts
def g_per_l(v):
    """Hb in g/L: values in g/dL are multiplied by 10 (spec, facts table)."""
    u = v["unit"].lower().replace(" ", "")
    if u == "g/dl":
        return float(v["value"]) * 10.0
    if u == "g/l":
        return float(v["value"])
    raise ValueError("unknown Hb unit %r" % v["unit"])


def fit_value(v):
    if v.get("value") is None:
        q = v.get("qual", "")
        assert q in ("<4", "<10", "negative", "undetectable"), q
        return 0.0  # "< 4", "undetectable" and "negative" mean below 10
    return float(v["value"])


def label_of(F, reading):
    """First matching rule, written from the spec's rules table.  `reading` switches the
    interpretation of the loose words; the letter must get the same rule under all."""
    choose = (lambda seq: seq[0]) if reading["take_earliest_value"] else (lambda seq: seq[-1])
    age = F["age"]
    male = F["sex"] == "M"
    hb = g_per_l(choose(F["hb"])) if F["hb"] else None
    ferritin = float(choose(F["ferritin"])["value"]) if F["ferritin"] else None
    fit = fit_value(choose(F["fit"])) if F["fit"] else None
    calpro = float(choose(F["calprotectin"])["value"]) if F["calprotectin"] else None
    alt = float(choose(F["alt"])["value"]) if F["alt"] else None
    anaemic = hb is not None and (hb < 130 if male else hb < 120)
    iron_def = ferritin is not None and ferritin < 30
    bd = F["bloody_diarrhoea"]
    bleeding = F["rectal_bleeding"] or (reading["bloody_diarrhoea_counts_as_bleeding_and_cibh"] and bd)
    bowel_change = F["cibh"] or (reading["bloody_diarrhoea_counts_as_bleeding_and_cibh"] and bd)
    dyspepsia = F["dyspepsia"] or (reading["epigastric_pain_counts_as_dyspepsia"] and F["upper_abdominal_pain"])
    upper_pain = F["upper_abdominal_pain"] or (reading["dyspepsia_counts_as_abdominal_pain"] and F["dyspepsia"])
    abdo_pain = F["abdominal_pain"] or upper_pain or (reading["bloating_counts_as_abdominal_pain"] and F["bloating"])
    wl = F["weight_loss"]
    tests = []
    tests.append(("U1", F["dysphagia"]))
    tests.append(("U2", F["rectal_mass"] or F["anal_mass"] or F["anal_ulceration"]))
    tests.append(("U3", fit is not None and fit >= 10))
    tests.append(("U4", anaemic and iron_def))
    tests.append(("U5", age >= 55 and wl and (upper_pain or F["reflux"] or dyspepsia)))
    tests.append(("U6", F["abdominal_mass"]))
    tests.append(("U7", age >= 40 and F["jaundice"]))
    tests.append(("U8", fit is None and ((age >= 50 and bleeding) or (age >= 40 and wl and abdo_pain) or (age >= 60 and bowel_change))))
    tests.append(("R1", bd or (calpro is not None and calpro >= 250)))
    tests.append(("R2", (F["known_cirrhosis"] and (F["ascites"] or F["confusion"])) or (alt is not None and alt >= 300)))
    tests.append(("R3", F["haematemesis"]))
    resistant = (dyspepsia or (reading["reflux_counts_as_dyspepsia"] and F["reflux"])) and F["ppi_weeks"] is not None and F["ppi_weeks"] >= 4
    tests.append(("O1", age >= 55 and resistant))
    tests.append(("O2", calpro is not None and 100 <= calpro <= 249))
    tests.append(("O3", bool(F["known_ibd"]) and F["ibd_stable"] and F["management_question"]))
    tests.append(("O4", bool(F["ttg_raised"])))
    tests.append(("O5", (alt is not None and 40 <= alt <= 299) or bool(F["fatty_liver_imaging"])))
    low_test = (calpro is not None and calpro < 100) or (fit is not None and fit < 10)
    a1 = age < 50 and (abdo_pain or F["bloating"] or bowel_change) and low_test
    if a1 and reading["a1_other_fact_means_any_listed_fact"]:
        other = (F["dysphagia"] or F["rectal_mass"] or F["anal_mass"] or F["anal_ulceration"] or anaemic or iron_def or wl
                 or F["upper_abdominal_pain"] or F["reflux"] or F["dyspepsia"] or F["abdominal_mass"] or F["jaundice"]
                 or bleeding or bd or F["haematemesis"] or F["known_cirrhosis"] or F["ascites"] or F["confusion"]
                 or bool(F["known_ibd"]) or bool(F["ttg_raised"]) or bool(F["fatty_liver_imaging"]) or alt is not None
                 or (calpro is not None and calpro >= 100))
        a1 = not other
    tests.append(("A1", a1))
    tests.append(("O6", (bleeding or bowel_change or abdo_pain) and fit is not None and fit < 10))
    tests.append(("A2", age < 55 and (dyspepsia or F["reflux"])))
    symptoms = any(F[k] for k in ("dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdominal_pain",
                                  "abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "cibh",
                                  "bloody_diarrhoea", "haematemesis", "bloating", "ascites", "confusion"))
    if reading["a3_symptoms_include_non_gi"]:
        symptoms = symptoms or bool(F["other_symptoms"])
    tests.append(("A3", F["fh_crc"] and not symptoms))
    for rid, hit in tests:
        if hit:
            return rid
    return "D"


READINGS = ["bloody_diarrhoea_counts_as_bleeding_and_cibh", "a1_other_fact_means_any_listed_fact",
            "epigastric_pain_counts_as_dyspepsia", "dyspepsia_counts_as_abdominal_pain", "reflux_counts_as_dyspepsia",
            "bloating_counts_as_abdominal_pain", "take_earliest_value", "a3_symptoms_include_non_gi"]


def labels_all_readings(F):
    out = collections.Counter()
    for bits in itertools.product((False, True), repeat=len(READINGS)):
        out[label_of(F, dict(zip(READINGS, bits)))] += 1
    return out


# ---------------------------------------------------------------- text checks
KEY = re.compile(r"dysphag|swallow|\bstick|\bstuck\b|\bmass(es)?\b|\blump|ulcer|(?-i:\bq?FIT\b)|weight|\bwt\b|\bkg\b|dyspeps|"
                 r"indigestion|reflux|heartburn|epigastr|jaundic|yellow|icter|bleed|\bblood\b|\bbld\b|haematemesis|vomit|"
                 r"calprotectin|\bFCP\b|\bALT\b|ferritin|\bHb\b|haemoglobin|anaemi|\bIDA\b|tTG|coeliac|cirrho|ascites|confus|"
                 r"muddl|\bIBD\b|crohn|colitis|\bUC\b|fatty|steatosis|NAFLD|bowel|diarrh|\bloose|constipat|bloat|\bpain|"
                 r"cancer|malignan|tumour|\bPPI\b|\bCIBH\b|\bPR\b|rectal|\banal\b|oesophag|\bliver\b|hepat|bilirubin|faec|stool",
                 re.I)
NEG_CUE = re.compile(r"\bno\b|\bnot\b|n't\b|\b(hasnt|couldnt|isnt|didnt)\b|\bnil\b|denie|\bnone\b|-ve|unchanged|stable|normal|\bNAD\b|absent|\u2717|\bN\b|\(N\)|"
                     r"N\u0336O\u0336|Y\u0336E\u0336S\u0336|\bsteady\b|\bwhite\b|unremarkable|orientated|asymptomatic|no symptoms|: 0\b|0%|\s-$|\bSNT\b|couldn't|"
                     r"\bNO\b", re.I)
AGE_LIMITS = (18, 95)
_W = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_T = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def NUMWORDS(n):
    if n < 20:
        return _W[n]
    return _T[n // 10] + ("" if n % 10 == 0 else "-" + _W[n % 10])


def nhs_valid(n):
    d = [int(x) for x in n]
    s = sum(d[i] * (10 - i) for i in range(9))
    chk = 11 - s % 11
    chk = 0 if chk == 11 else chk
    return chk != 10 and chk == d[9]


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = [json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8")]
    if len(letters) != 300:
        err("set", "expected 300 letters, found %d" % len(letters))
    if [l["id"] for l in letters] != [m["id"] for m in metas]:
        err("set", "letters and meta ids differ")
    ids = [l["id"] for l in letters]
    if len(set(ids)) != len(ids) or ids != ["L34-%04d" % i for i in range(1, len(ids) + 1)]:
        err("set", "ids not unique / not sequential")
    stats = collections.Counter()
    per = {k: collections.Counter() for k in ("urgency", "pathway", "rule", "style")}
    disagree = {"over": 0, "under": 0}
    order = {"advice_and_guidance": 0, "routine": 1, "urgent": 2, "urgent_suspected_cancer": 3}
    uncertainty_letters = 0
    slips = 0
    styles_kind = {}
    for L, M in zip(letters, metas):
        lid = L["id"]
        text = L["text"]
        need = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
        if list(L.keys()) != need:
            err(lid, "letter keys %s" % list(L.keys()))
        if L["urgency"] not in urgency_labels or L["pathway"] not in pathway_labels:
            err(lid, "label not spelled as in spec")
        if SPEC_LABEL.get(L["rule"]) != (L["urgency"], L["pathway"]):
            err(lid, "rule %s does not give %s/%s in the spec table" % (L["rule"], L["urgency"], L["pathway"]))
        F = M["facts"]
        # --- age from DOB against the letter date (and every other date written in the letter)
        dob = datetime.date.fromisoformat(F["dob"])
        ages = set()
        for k, v in F["other_dates"].items():
            dd = datetime.date.fromisoformat(v)
            ages.add(dd.year - dob.year - ((dd.month, dd.day) < (dob.month, dob.day)))
        if ages != {L["age"]} or F["age"] != L["age"]:
            err(lid, "age %s does not follow from DOB %s and dates %s" % (L["age"], F["dob"], ages))
        if not AGE_LIMITS[0] <= L["age"] <= AGE_LIMITS[1]:
            err(lid, "age out of range")
        low = text.lower()
        age_written = False
        if F["age_mode"] == "num":
            age_written = bool(re.search(r"(?<!\d)%d(?!\d)" % L["age"], text))
            if not age_written:
                err(lid, "numeric age not in text")
        elif F["age_mode"] == "words":
            age_written = NUMWORDS(L["age"]) in low
            if not age_written:
                err(lid, "age in words not in text")
        if F["dob_text"].lower() not in low and not age_written:
            err(lid, "neither DOB nor age written")
        if F["age_mode"] == "dob" and F["dob_text"].lower() not in low:
            err(lid, "DOB-only letter without its DOB")
        if F["letter_date_text"].lower() not in low:
            err(lid, "letter date text missing")
        # --- NHS numbers in the text are valid
        for mm in re.finditer(r"NHS(?: No| number| No \(client-provided\))?:? ?(\d{3})[ -]?(\d{3})[ -]?(\d{4})\b", text, re.I):
            n = "".join(mm.groups())
            if not nhs_valid(n):
                err(lid, "NHS number %s fails modulus 11" % n)
            stats["nhs_checked"] += 1
        # --- the label follows from the facts under every reading
        got = labels_all_readings(F)
        if set(got) != {L["rule"]}:
            err(lid, "rule %s but facts give %s" % (L["rule"], dict(got)))
        if M["rule"] != L["rule"] or M["urgency"] != L["urgency"] or M["pathway"] != L["pathway"] or M["style"] != L["style"]:
            err(lid, "meta and letter disagree on labels/style")
        # --- evidence strings sit in the text, at their offsets
        spans = []
        for fact, evs in M["evidence"].items():
            for e in evs:
                if text[e["offset"]:e["offset"] + len(e["text"])] != e["text"]:
                    err(lid, "evidence for %s not at its offset: %r" % (fact, e["text"][:50]))
                spans.append((e["offset"], e["offset"] + len(e["text"])))
                if re.match(r"\s*(no|denies|nil)\b", e["text"], re.I):
                    err(lid, "evidence for %s reads as a negation: %r" % (fact, e["text"][:60]))
        for dx in M["distractors"]:
            if text[dx["offset"]:dx["offset"] + len(dx["text"])] != dx["text"]:
                err(lid, "distractor not at its offset: %r" % dx["text"][:50])
            spans.append((dx["offset"], dx["offset"] + len(dx["text"])))
            if dx["kind"] in ("negated", "form_answer_no", "unticked", "score_zero", "percentage_zero") and dx["fact"] and not dx["fact"].startswith("criterion"):
                if not NEG_CUE.search(dx["text"]) and dx["kind"] != "unticked":
                    err(lid, "negated distractor without a negation cue: %r" % dx["text"][:70])
            for fct in (dx["fact"] or "").split(","):
                if fct in F and isinstance(F[fct], bool) and F[fct] and dx["kind"] not in ("context",):
                    err(lid, "distractor about %s, but %s is present: %r" % (fct, fct, dx["text"][:60]))
        for grp in ("requests", "background", "context", "form_labels"):
            for x in M[grp]:
                if text[x["offset"]:x["offset"] + len(x["text"])] != x["text"]:
                    err(lid, "%s string not at its offset" % grp)
                spans.append((x["offset"], x["offset"] + len(x["text"])))
        # every present fact has evidence; no evidence for absent facts
        bool_facts = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdominal_pain", "abdominal_pain",
                      "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "cibh", "bloody_diarrhoea", "haematemesis",
                      "bloating", "ascites", "confusion", "known_cirrhosis", "ibd_stable", "management_question", "fh_crc"]
        for k in bool_facts:
            if F[k] and not M["evidence"].get(k):
                err(lid, "fact %s present but no evidence string" % k)
            if not F[k] and M["evidence"].get(k):
                err(lid, "evidence for %s but fact not drawn" % k)
        if F["known_ibd"] and not M["evidence"].get("known_ibd"):
            err(lid, "known IBD without evidence")
        if F["ppi_weeks"] is not None and not M["evidence"].get("ppi_weeks"):
            err(lid, "PPI duration without evidence")
        for k in ("hb", "ferritin", "fit", "calprotectin", "alt"):
            if F[k]:
                evs = M["evidence"].get(k, [])
                if not evs:
                    err(lid, "value %s drawn but not written" % k)
                for v in F[k]:
                    sv = v.get("qual") if (k == "fit" and v.get("value") is None) else ("%g" % v["value"])
                    if not any(sv.lower() in e["text"].lower() for e in evs):
                        if not (k == "alt" and "ULN (%s)" % sv in " ".join(e["text"] for e in evs)):
                            err(lid, "value %s=%s not found in its evidence %r" % (k, sv, [e["text"] for e in evs]))
                if k == "hb":
                    for v in F[k]:
                        if v["unit"] == "g/dL" and not any("g/dL" in e["text"] or "g/dl" in e["text"] for e in evs):
                            err(lid, "Hb in g/dL without the unit in the text")
            elif M["evidence"].get(k):
                err(lid, "evidence for %s but no value drawn" % k)
        if F["ttg_raised"] and not M["evidence"].get("ttg_raised"):
            err(lid, "tTG raised without evidence")
        if F["fatty_liver_imaging"] and not M["evidence"].get("fatty_liver_imaging"):
            err(lid, "fatty liver without evidence")
        # --- every clinical keyword in the text is inside a recorded string
        spans.sort()
        for mm in KEY.finditer(text):
            a, b = mm.start(), mm.end()
            if not any(s0 <= a and b <= s1 for s0, s1 in spans):
                err(lid, "unaccounted clinical word %r at %d: %r" % (mm.group(0), a, text[max(0, a - 40):b + 40]))
        # --- requested priority
        gp = M["gp_priority_normalised"]
        if (gp is None) != (L["gp_priority"] is None):
            err(lid, "gp_priority null-ness differs from meta")
        if gp is not None:
            if not M["requests"]:
                err(lid, "requested priority not written in the text")
            if any(x["requested"] != gp for x in M["requests"]):
                err(lid, "request strings disagree with recorded priority")
            if gp != L["urgency"]:
                disagree["over" if order[gp] > order[L["urgency"]] else "under"] += 1
        elif M["requests"]:
            err(lid, "request written but gp_priority null")
        # --- uncertainty emphasis
        unc = {"question", "differential", "hypothetical", "safety_net", "plan_pending", "ruled_out", "query_answered", "worry",
               "internet", "prior_impression_disagreed", "relative_report_refuted", "relative_report_confirmed", "tentative_confirmed",
               "course_recurred", "past_resolved", "intentional", "not_tested", "free_text_answer"}
        kinds = {e["kind"] for evs in M["evidence"].values() for e in evs} | {d["kind"] for d in M["distractors"]}
        if kinds & unc:
            uncertainty_letters += 1
        stats["distractors"] += len(M["distractors"])
        if any(d["kind"] in ("negated", "form_answer_no", "unticked") for d in M["distractors"]):
            stats["letters_with_negation"] += 1
        if any(d["kind"] == "family" for d in M["distractors"]) or F["fh_crc"]:
            stats["letters_with_family_history"] += 1
        if any(d["kind"] == "past_resolved" for d in M["distractors"]):
            stats["letters_with_past_resolved"] += 1
        if any(d["kind"] in ("hypothetical", "safety_net") for d in M["distractors"]):
            stats["letters_with_hypothetical_or_safety_net"] += 1
        if any(d["kind"] in ("question", "differential") for d in M["distractors"]):
            stats["letters_with_question_or_differential"] += 1
        if any(d["kind"] == "plan_pending" for d in M["distractors"]):
            stats["letters_with_plan_or_pending_test"] += 1
        if any(d["kind"] in ("worry", "internet", "prior_impression_disagreed", "relative_report_refuted") for d in M["distractors"]):
            stats["letters_with_worry_internet_or_refuted_report"] += 1
        if kinds & {"tentative_confirmed", "relative_report_confirmed"}:
            stats["letters_with_tentative_but_present_sign"] += 1
        # --- spelling slips only outside fact-bearing text
        for sl in M.get("spelling_slips", []):
            slips += 1
            hit = [m_.start() for m_ in re.finditer(re.escape(sl["slipped"]), text)]
            if not hit:
                err(lid, "recorded slip not in text")
            for h in hit:
                for s0, s1 in [(e["offset"], e["offset"] + len(e["text"])) for evs in M["evidence"].values() for e in evs] + \
                              [(d["offset"], d["offset"] + len(d["text"])) for d in M["distractors"]]:
                    if s0 <= h < s1:
                        err(lid, "spelling slip inside a fact-bearing string")
        styles_kind[L["style"]] = M["layout_kind"]
        for k in per:
            per[k][L[k]] += 1
    # ---------------------------------------------------------------- set-level quotas
    for u in urgency_labels:
        if per["urgency"][u] < 25:
            err("set", "only %d letters for urgency %s" % (per["urgency"][u], u))
    for p in pathway_labels:
        if per["pathway"][p] == 0:
            err("set", "pathway %s absent" % p)
    if len(per["style"]) != 20 or set(per["style"].values()) != {15}:
        err("set", "layouts are not 20 x 15: %s" % dict(per["style"]))
    n_ind = sum(1 for s, k in styles_kind.items() if k == "individual")
    if n_ind < 12:
        err("set", "only %d individual-writer layouts" % n_ind)
    if uncertainty_letters < 150:
        err("set", "only %d letters carry uncertain/not-present statements" % uncertainty_letters)
    ndis = disagree["over"] + disagree["under"]
    if not 120 <= ndis <= 180 or disagree["over"] == 0 or disagree["under"] == 0:
        err("set", "requested priority disagrees in %d letters (%s)" % (ndis, disagree))
    ages = [l["age"] for l in letters]
    # README hash
    readme = os.path.join(HERE, "README.md")
    h = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    if os.path.exists(readme):
        if h not in open(readme, encoding="utf-8").read():
            err("set", "README does not carry the sha256 of letters.jsonl (%s)" % h)
    else:
        warnings.append("README.md not written yet")
    # second pass
    sp = os.path.join(HERE, "second_pass.tsv")
    if os.path.exists(sp):
        rows = [r_.rstrip("\n").split("\t") for r_ in open(sp, encoding="utf-8")][1:]
        rows = [r_ for r_ in rows if r_ and r_[0].startswith("L34-")]
        if len(rows) != 50:
            err("set", "second_pass.tsv has %d rows, expected 50" % len(rows))
    else:
        warnings.append("second_pass.tsv not written yet")
    # ---------------------------------------------------------------- report
    print("letters: %d   sha256(letters.jsonl): %s" % (len(letters), h))
    for k in ("urgency", "pathway", "rule", "style"):
        print("\n%s:" % k)
        for lab, n in sorted(per[k].items(), key=lambda x: (-x[1], x[0])):
            print("  %-36s %3d" % (lab, n))
    print("\nages: min %d, max %d" % (min(ages), max(ages)))
    print("individual-writer layouts: %d, forms/templates: %d" % (n_ind, 20 - n_ind))
    print("letters with statements not asserted as present now (uncertainty emphasis): %d" % uncertainty_letters)
    print("requested priority disagrees with the rules: %d (over-asking %d, under-asking %d)" % (ndis, disagree["over"], disagree["under"]))
    print("letters with spelling slips: %d" % slips)
    for k, v in sorted(stats.items()):
        print("%s: %d" % (k, v))
    for w in warnings:
        print("WARNING:", w)
    if errors:
        print("\nFAILED: %d problems" % len(errors))
        for e in errors[:80]:
            print("  " + e)
        sys.exit(1)
    print("\nVALIDATION PASSED: every label re-derived from the meta facts under %d readings of the spec; all checks passed." % (2 ** len(READINGS)))


if __name__ == "__main__":
    main()
