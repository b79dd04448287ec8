#!/usr/bin/env python3
"""Independent re-check of the letters19 set.

Does NOT import make_set.py. Re-derives every label from the facts and values recorded in
letters_meta.jsonl using its own implementation of the rules in
/work/shared/clinical/referral-triage-spec.md, and checks that:
  * the label is the same under alternative readings of the loose spec words
    (bloody diarrhoea as rectal bleeding / change in bowel habit, dyspepsia or epigastric pain
    as abdominal pain, epigastric pain as dyspepsia, reflux as dyspepsia, A1 "no other fact
    above" read strictly or loosely) and with every soft distractor counted (intentional weight
    loss, superseded historic lab values);
  * every evidence string and distractor string is verbatim in the letter text, value numbers
    are inside their evidence, the age follows from DOB and letter date (and is stable for
    +-75 days), the title agrees with the recorded sex, NHS numbers pass the modulus-11 check;
  * no red-flag word is left in the text outside the recorded evidence and distractor strings;
  * the mix requirements of the brief hold; a rerun of the generator gives identical bytes.
Exit status 0 when every check passes.
"""
import collections
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
TABLE = {  # rule -> (urgency, pathway), typed again from the spec
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"), "A3": ("advice_and_guidance", "lower_gi"),
    "D": ("routine", "general_gi")}
ORDER = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2", "O3", "O4", "O5", "A1",
         "O6", "A2", "A3", "D"]
PATIENT_SYMPTOMS = ["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux", "dyspepsia", "jaundice",
                    "rectal_bleeding", "abdominal_pain", "cibh", "bloody_diarrhoea", "confusion", "haematemesis",
                    "bloating", "fatigue", "rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "ascites"]


def value(raw, unit=None):
    t = str(raw).strip().lower()
    if t in ("negative", "undetectable", "neg"):
        return -1.0                      # below any threshold used here
    m = re.match(r"^([<>])\s*([\d.]+)$", t)
    if m:
        x = float(m.group(2))
        return x - 1e-6 if m.group(1) == "<" else x + 1e-6
    x = float(re.search(r"\d+(?:\.\d+)?", t).group())
    if unit and unit.lower() == "g/dl":
        x *= 10
    return x


class P:
    """A patient as the spec sees it."""

    def __init__(self, m, soft=False):
        self.age, self.sex = m["age"], m["sex"]
        self.s = {k: v for k, v in m["facts"].items() if v is True}
        v = m["values"]
        self.hb = value(v["hb"]["raw"], v["hb"]["unit"]) if "hb" in v else None
        self.fer = value(v["ferritin"]["raw"]) if "ferritin" in v else None
        self.fit = value(v["fit"]["raw"]) if "fit" in v else None
        self.cal = value(v["calpro"]["raw"]) if "calpro" in v else None
        self.alt = value(v["alt"]["raw"]) if "alt" in v else None
        self.ppi = m["facts"].get("ppi_weeks")
        if soft:
            for d in m["distractors"]:
                if d["kind"] == "explained" and d["fact"] == "weight_loss":
                    self.s["weight_loss"] = True
                if d["kind"] == "historic_value":
                    mm = re.search(r"(Hb|ferritin|ALT|calprotectin)\D*?(\d+)", d["text"])
                    name, x = mm.group(1), float(mm.group(2))
                    if name == "Hb":
                        self.hb = x if self.hb is None else min(self.hb, x)
                    elif name == "ferritin":
                        self.fer = x if self.fer is None else min(self.fer, x)
                    elif name == "ALT":
                        self.alt = x if self.alt is None else max(self.alt, x)
                    else:
                        self.cal = x if self.cal is None else max(self.cal, x)

    def has(self, k):
        return self.s.get(k, False)


def decide(p, strict_a1=True, bd_rb=False, dys_pain=False, epi_dys=False, reflux_dys=False):
    s = dict(p.s)
    if bd_rb and s.get("bloody_diarrhoea"):
        s["rectal_bleeding"] = s["cibh"] = True
    if dys_pain and (s.get("dyspepsia") or s.get("upper_abdominal_pain")):
        s["abdominal_pain"] = True
    if epi_dys and s.get("upper_abdominal_pain"):
        s["dyspepsia"] = True
    if reflux_dys and s.get("reflux"):
        s["dyspepsia"] = True
    h = lambda k: s.get(k, False)
    anaemic = p.hb is not None and p.hb < (130 if p.sex == "M" else 120)
    lowfer = p.fer is not None and p.fer < 30
    fit_hi = p.fit is not None and p.fit >= 10
    fit_lo = p.fit is not None and p.fit < 10
    checks = collections.OrderedDict()
    checks["U1"] = h("dysphagia")
    checks["U2"] = h("rectal_mass") or h("anal_mass") or h("anal_ulcer")
    checks["U3"] = fit_hi
    checks["U4"] = anaemic and lowfer
    checks["U5"] = p.age >= 55 and h("weight_loss") and (h("upper_abdominal_pain") or h("reflux") or h("dyspepsia"))
    checks["U6"] = h("abdominal_mass")
    checks["U7"] = p.age >= 40 and h("jaundice")
    checks["U8"] = p.fit is None and ((p.age >= 50 and h("rectal_bleeding")) or
                                      (p.age >= 40 and h("weight_loss") and h("abdominal_pain")) or
                                      (p.age >= 60 and h("cibh")))
    checks["R1"] = h("bloody_diarrhoea") or (p.cal is not None and p.cal >= 250)
    checks["R2"] = (h("cirrhosis") and (h("ascites") or h("confusion"))) or (p.alt is not None and p.alt >= 300)
    checks["R3"] = h("haematemesis")
    checks["O1"] = p.age >= 55 and h("dyspepsia") and (p.ppi or 0) >= 4
    checks["O2"] = p.cal is not None and 100 <= p.cal <= 249.5
    checks["O3"] = h("ibd_known") and h("ibd_stable_question")
    checks["O4"] = h("coeliac_pos")
    checks["O5"] = (p.alt is not None and 40 <= p.alt <= 299.5) or h("fatty_liver")
    other = (any(h(k) for k in ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss",
                                "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
                                "rectal_bleeding", "bloody_diarrhoea", "cirrhosis", "ascites", "confusion",
                                "haematemesis", "ibd_known", "coeliac_pos", "fatty_liver"])
             or anaemic or lowfer or fit_hi or (p.alt is not None and p.alt >= 40) or (p.cal is not None and p.cal >= 100))
    checks["A1"] = p.age < 50 and (h("abdominal_pain") or h("bloating") or h("cibh")) and \
        ((p.cal is not None and p.cal < 100) or fit_lo) and not (strict_a1 and other)
    checks["O6"] = (h("rectal_bleeding") or h("cibh") or h("abdominal_pain")) and fit_lo
    checks["A2"] = p.age < 55 and (h("dyspepsia") or h("reflux"))
    checks["A3"] = h("fh_crc") and not any(h(k) for k in PATIENT_SYMPTOMS)
    checks["D"] = True
    for r in ORDER:
        if checks[r]:
            return r


def all_readings(m):
    out = set()
    for soft in (False, True):
        p = P(m, soft)
        for bits in range(32):
            out.add(decide(p, bool(bits & 1), bool(bits & 2), bool(bits & 4), bool(bits & 8), bool(bits & 16)))
    return out


def nhs_ok(n):
    d = [int(x) for x in n.replace(" ", "")]
    c = 11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def age_at(dob, when):
    return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


RED = [r"dysphag", r"swallow", r"jaundic", r"haematemesis", r"vomit", r"\bmass\b", r"bleed", r"blood in",
       r"weight", r"\bwt\b", r"ascites", r"confus", r"cirrho", r"calpro", r"\bFIT\b", r"ferritin", r"\bHb\b",
       r"haemoglobin", r"\bALT\b", r"dyspeps", r"indigestion", r"reflux", r"heartburn", r"bloat",
       r"bowel habit", r"CIBH", r"diarrh", r"ulcerat", r"coeliac", r"tTG", r"fatty", r"steatosis", r"crohn",
       r"colitis", r"abdo\w* pain", r"epigastr", r"bowel ca", r"colorectal"]


def main():
    errors, warns = [], []
    E = lambda *a: errors.append(" ".join(str(x) for x in a))
    rows = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    if len(rows) != 300:
        E("expected 300 letters, got", len(rows))
    ids = [r["id"] for r in rows]
    if ids != ["L19-%04d" % i for i in range(1, 301)]:
        E("ids not L19-0001..L19-0300 in order")
    disagree = 0
    with_gp = 0
    for r in rows:
        m = metas.get(r["id"])
        if m is None:
            E(r["id"], "no meta")
            continue
        if set(r) != {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}:
            E(r["id"], "fields", sorted(r))
        if r["urgency"] not in URG or r["pathway"] not in PATHS:
            E(r["id"], "label spelling", r["urgency"], r["pathway"])
        if TABLE.get(r["rule"]) != (r["urgency"], r["pathway"]):
            E(r["id"], "rule/label mismatch", r["rule"], r["urgency"], r["pathway"])
        if not (18 <= r["age"] <= 95) or r["age"] != m["age"]:
            E(r["id"], "age", r["age"])
        got = decide(P(m))
        if got != r["rule"]:
            E(r["id"], "re-derived rule", got, "!= recorded", r["rule"])
        rs = all_readings(m)
        if rs != {r["rule"]}:
            E(r["id"], "label depends on reading:", sorted(rs))
        text = r["text"]
        # evidence
        for k, evs in m["evidence"].items():
            if not evs:
                E(r["id"], "empty evidence for", k)
            for e in evs:
                if e not in text:
                    E(r["id"], "evidence not in text:", k, e)
        for k in m["facts"]:
            if k in ("ttg",):
                continue
            if k not in m["evidence"]:
                E(r["id"], "fact without evidence", k)
        for k, v in m["values"].items():
            if not v["evidence"]:
                E(r["id"], "value without evidence", k)
            for e in v["evidence"]:
                if e not in text:
                    E(r["id"], "value evidence not in text", k, e)
                if v["raw"] not in e:
                    E(r["id"], "raw value not inside evidence", k, v["raw"], e)
        for d in m["distractors"]:
            if d["text"] not in text:
                E(r["id"], "distractor not in text", d)
        # age / dob / letter date
        dob = datetime.date.fromisoformat(m["dob"])
        ld = datetime.date.fromisoformat(m["letter_date"])
        if age_at(dob, ld) != m["age"]:
            E(r["id"], "age does not follow from DOB and letter date")
        if any(age_at(dob, ld + datetime.timedelta(days=k)) != m["age"] for k in range(-75, 76)):
            E(r["id"], "age not stable around letter date")
        if m["age_form"] == "dob":
            if "dob" not in m["evidence"] or "letter_date" not in m["evidence"]:
                E(r["id"], "age from DOB but DOB/letter date not shown")
        else:
            a = m["evidence"].get("age", [])
            if not a:
                E(r["id"], "no age evidence")
        sx = " ".join(m["evidence"].get("sex", []))
        if m["sex"] == "M" and not re.search(r"\bMr\b", sx) or m["sex"] == "F" and not re.search(r"\b(Mrs|Ms|Miss)\b", sx):
            if not (m["sex"] == "F" and re.search(r"\b(she|her)\b", text, re.I) or m["sex"] == "M" and re.search(r"\b(he|his|him)\b", text, re.I)):
                E(r["id"], "sex evidence", sx)
        if m["sex"] == "M" and re.search(r"\b(She|Her)\b", text) or m["sex"] == "F" and re.search(r"\b(He|His)\b", text):
            # allow relatives ("His son" is written with the patient's pronoun only)
            E(r["id"], "pronoun disagrees with sex")
        for n in re.findall(r"\b\d{3} \d{3} \d{4}\b", text):
            if not nhs_ok(n):
                E(r["id"], "bad NHS number", n)
        # no red-flag words outside recorded strings
        rest = text
        spans = sorted({e for evs in m["evidence"].values() for e in evs} |
                       {e for v in m["values"].values() for e in v["evidence"]} |
                       {d["text"] for d in m["distractors"]}, key=len, reverse=True)
        for sp in spans:
            rest = rest.replace(sp, " ")
        for pat in RED:
            mm = re.search(pat, rest, re.I)
            if mm:
                ctx = rest[max(0, mm.start() - 40):mm.end() + 40].replace("\n", " ")
                warns.append("%s unrecorded red-flag word /%s/: ...%s..." % (r["id"], pat, ctx))
        # requested priority
        lv = {"USC": "urgent_suspected_cancer", "URG": "urgent", "ROU": "routine", "AG": "advice_and_guidance"}
        if m["gp_priority_levels"]:
            with_gp += 1
            if any(lv[x] != r["urgency"] for x in m["gp_priority_levels"]):
                disagree += 1
        if (r["gp_priority"] is None) != (not m["gp_priority_levels"]):
            E(r["id"], "gp_priority and meta disagree")
    # mix
    uc = collections.Counter(r["urgency"] for r in rows)
    pc = collections.Counter(r["pathway"] for r in rows)
    sc = collections.Counter(r["style"] for r in rows)
    rc = collections.Counter(r["rule"] for r in rows)
    for u in URG:
        if uc[u] < 25:
            E("fewer than 25 letters for", u)
    for p_ in PATHS:
        if pc[p_] == 0:
            E("pathway missing", p_)
    if len(sc) < 30:
        E("fewer than 30 styles", len(sc))
    gp_share = sum(v for k, v in sc.items() if k.startswith("gp_")) / len(rows)
    if not 0.28 <= gp_share <= 0.4:
        E("ordinary GP share", gp_share)
    if not 0.4 <= disagree / len(rows) <= 0.6:
        E("requested priority disagrees in", disagree, "letters")
    noisy = sum(1 for m in metas.values() if m["light_noise"])
    if not 20 <= noisy <= 40:
        E("light noise in", noisy, "letters")
    # determinism
    h = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    with tempfile.TemporaryDirectory() as td:
        env = dict(os.environ, LETTERS19_OUT=td, PYTHONHASHSEED="12345")
        subprocess.run([sys.executable, os.path.join(HERE, "make_set.py")], env=env, check=True, capture_output=True)
        for fn in ("letters.jsonl", "letters_meta.jsonl"):
            if open(os.path.join(td, fn), "rb").read() != open(os.path.join(HERE, fn), "rb").read():
                E("rerun of generator differs for", fn)
    print("letters:", len(rows), " sha256(letters.jsonl):", h)
    print("urgency:", dict(sorted(uc.items())))
    print("pathway:", dict(sorted(pc.items())))
    print("rule:", {k: rc[k] for k in ORDER if rc[k]})
    print("styles (%d):" % len(sc), dict(sorted(sc.items())))
    print("requested priority present in %d letters; disagrees with label in %d/300 (%.0f%%)" % (with_gp, disagree, 100 * disagree / 300))
    print("letters with light noise:", noisy)
    print("warnings (unrecorded red-flag words):", len(warns))
    for w in warns:
        print("  W", w)
    print("errors:", len(errors))
    for e in errors:
        print("  E", e)
    print("RESULT:", "PASS" if not errors else "FAIL")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
