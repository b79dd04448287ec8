"""Labelling engine for set 3: a direct reading of the spec's Rules table.

Works on the structured facts of a case (see make_set.py).  Only facts asserted
about the patient now are stored in `sym`, `res` and `hx`; negated, family,
resolved and hypothetical mentions live elsewhere and are ignored here.

classify(case, interp) applies the first matching rule.  `interp` switches a few
readings a careful human labeller might take either way; make_set.py keeps only
cases whose rule is the same under every reading (so every stored label follows
from the spec without a judgement call).
"""
import itertools

RULES = {
    "U1": ("urgent_suspected_cancer", "upper_gi"),
    "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"),
    "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"),
    "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"),
    "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"),
    "R2": ("urgent", "hepatology"),
    "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"),
    "O2": ("routine", "ibd"),
    "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"),
    "O5": ("routine", "hepatology"),
    "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"),
    "A2": ("advice_and_guidance", "upper_gi"),
    "A3": ("advice_and_guidance", "lower_gi"),
    "D": ("routine", "general_gi"),
}
RULE_ORDER = list(RULES)
URGENCIES = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAYS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]

# symptom / sign keys that count as patient facts when present in case["sym"]
FACT_SYMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "abdo_mass",
             "jaundice", "weight_loss", "upper_pain", "abdo_pain", "reflux",
             "dyspepsia", "rectal_bleeding", "cibh", "bloody_diarrhoea",
             "haematemesis", "bloating", "ascites", "confusion"]

# interpretation switches
INTERP_KEYS = ["upper_is_abdo", "bd_is_rb_cibh", "a1_strict", "reflux_is_dyspepsia",
               "dyspepsia_is_abdo", "a3_gi_only"]


def derived(c):
    s = c["sym"]
    r = c["res"]
    hb = r.get("hb")
    fer = r.get("ferritin")
    anaemia = hb is not None and hb < (130 if c["sex"] == "M" else 120)
    irondef = fer is not None and fer < 30
    fit = r.get("fit")
    fit_eff = None if fit is None else fit["eff"]
    return anaemia, irondef, fit_eff


def classify(c, interp=None):
    it = dict.fromkeys(INTERP_KEYS, False)
    if interp:
        it.update(interp)
    s = set(c["sym"])
    r = c["res"]
    hx = c["hx"]
    age = c["age"]
    anaemia, irondef, fit = derived(c)
    calp = r.get("calpro")
    alt = r.get("alt")
    ttg_pos = bool(r.get("ttg") and r["ttg"]["pos"])
    ppi_weeks = (c.get("ppi") or {}).get("weeks", 0) if c.get("ppi") else 0

    rb = "rectal_bleeding" in s
    cibh = "cibh" in s
    if it["bd_is_rb_cibh"] and "bloody_diarrhoea" in s:
        rb = cibh = True
    pain = "abdo_pain" in s
    if it["upper_is_abdo"] and "upper_pain" in s:
        pain = True
    if it["dyspepsia_is_abdo"] and "dyspepsia" in s:
        pain = True
    dysp = "dyspepsia" in s
    dysp_o1 = dysp or (it["reflux_is_dyspepsia"] and "reflux" in s)
    wl = "weight_loss" in s

    if "dysphagia" in s:
        return "U1"
    if s & {"rectal_mass", "anal_mass", "anal_ulcer"}:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and wl and (s & {"upper_pain", "reflux", "dyspepsia"}):
        return "U5"
    if "abdo_mass" in s:
        return "U6"
    if age >= 40 and "jaundice" in s:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and wl and pain) or (age >= 60 and cibh)):
        return "U8"
    if "bloody_diarrhoea" in s or (calp is not None and calp >= 250):
        return "R1"
    if (hx.get("cirrhosis") and s & {"ascites", "confusion"}) or (alt is not None and alt >= 300):
        return "R2"
    if "haematemesis" in s:
        return "R3"
    if age >= 55 and dysp_o1 and ppi_weeks >= 4:
        return "O1"
    if calp is not None and 100 <= calp <= 249:
        return "O2"
    ibd = hx.get("ibd")
    if ibd and ibd.get("stable") and ibd.get("question"):
        return "O3"
    if ttg_pos:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or hx.get("fatty_liver"):
        return "O5"
    a1_sym = pain or "bloating" in s or cibh
    a1_test = (calp is not None and calp < 100) or (fit is not None and fit < 10)
    if age < 50 and a1_sym and a1_test:
        ok = True
        if it["a1_strict"]:
            other = s - {"abdo_pain", "bloating", "cibh"}
            if it["upper_is_abdo"]:
                other.discard("upper_pain")
            if it["dyspepsia_is_abdo"]:
                other.discard("dyspepsia")
            if (other or anaemia or irondef or hx.get("ibd") or hx.get("cirrhosis")
                    or ttg_pos or hx.get("fatty_liver")
                    or (alt is not None and alt >= 40)
                    or (calp is not None and calp >= 100)):
                ok = False
        if ok:
            return "A1"
    if (rb or cibh or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (dysp or "reflux" in s):
        return "A2"
    # "no symptoms": strictly none at all, or (other reading) no GI symptoms, so that
    # tiredness etc. would not stop A3; cases where the two differ are not used.
    if hx.get("fh_crc") and not s and (it["a3_gi_only"] or not c.get("neutral")):
        return "A3"
    return "D"


def all_readings(c):
    out = set()
    for bits in itertools.product([False, True], repeat=len(INTERP_KEYS)):
        out.add(classify(c, dict(zip(INTERP_KEYS, bits))))
    return out
