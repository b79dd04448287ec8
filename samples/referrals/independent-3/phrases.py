"""Wording for set 3: how facts, negations, history and results are said.

Three registers: "prose" (dictated letters), "terse" (notes, bullets, forms) and
"clin" (clinical-system journal lines).  Every function takes the Ctx so that
pronouns, dates and the random stream stay with the letter.
"""
import datetime

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
        9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def fmt_date(d, style):
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == 2:
        return d.strftime("%d-%b-%Y")
    if style == 3:
        suf = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return f"{d.day}{suf} {MONTHS[d.month - 1]} {d.year}"
    if style == 4:
        return d.strftime("%d.%m.%y")
    return d.strftime("%d %b %Y")


class Ctx:
    def __init__(self, c, rng, person):
        self.c = c
        self.rng = rng
        self.p = person
        m = c["sex"] == "M"
        self.he = "he" if m else "she"
        self.He = self.he.capitalize()
        self.him = "him" if m else "her"
        self.his = "his" if m else "her"
        self.His = self.his.capitalize()
        self.man = "man" if m else "woman"
        self.shown = set()

    def ch(self, seq):
        return self.rng.choice(seq)

    def weeks(self, n, terse=False):
        if terse or self.rng.random() < 0.25:
            if n < 9:
                return f"{n}/52"
            return f"{max(2, round(n / 4.33))}/12"
        if n < 9:
            w = NUMW.get(n, str(n)) if self.rng.random() < 0.6 else str(n)
            return f"{w} week{'s' if n != 1 else ''}"
        mo = max(2, round(n / 4.33))
        if mo > 12:
            return self.ch(["over a year", f"{mo} months", "about 18 months"]) if mo < 20 else "a couple of years"
        w = NUMW.get(mo, str(mo)) if self.rng.random() < 0.6 else str(mo)
        return f"{w} months"

    def date(self, d=None, style=None):
        d = d or self.c["date"]
        if style is None:
            style = self.p["datestyle"]
        return fmt_date(d, style)

    def age_desc(self):
        a = self.c["age"]
        return self.ch([f"{a}-year-old {self.man}", f"{a} year old {self.man}", f"{a}-year-old"
                        f" {'gentleman' if self.c['sex'] == 'M' else 'lady'}"])

    def age_terse(self):
        a = self.c["age"]
        s = self.c["sex"]
        return self.ch([f"{a}{s}", f"{a} yo {'M' if s == 'M' else 'F'}", f"{a}y/o {'male' if s == 'M' else 'female'}",
                        f"{a}yo {self.man}"])


# ------------------------------------------------------------------ symptoms

def sym_phrase(x, key, reg):
    d = x.c["sym"][key]
    ch = x.ch
    t = reg != "prose"
    if key == "dysphagia":
        site = ch(["behind the breastbone", "at the lower end of the sternum", "in the lower chest", "in the throat"])
        food = d["food"]
        if t:
            return ch([f"dysphagia to {food} x {x.weeks(d['weeks'], True)}",
                       f"c/o food sticking ({site}) {x.weeks(d['weeks'], True)}",
                       f"solid dysphagia, {'progressive, ' if d['progressive'] else ''}{x.weeks(d['weeks'], True)}",
                       f"difficulty swallowing {food} - {x.weeks(d['weeks'], True)}"])
        return ch([f"a {x.weeks(d['weeks'])} history of {food} sticking {site} when {x.he} eats",
                   f"{'progressive ' if d['progressive'] else ''}difficulty swallowing {food} over the last {x.weeks(d['weeks'])}",
                   f"dysphagia, mainly for {food}, which began about {x.weeks(d['weeks'])} ago",
                   f"a sensation of {food} catching {site}, present for {x.weeks(d['weeks'])}, so that {x.he} has to wash it down"])
    if key == "weight_loss":
        kg = d["kg"]
        kgs = f"{kg:g}"
        mo = d["months"]
        if t:
            return ch([f"wt loss {kgs}kg/{mo}/12", f"unintentional wt loss ~{kgs} kg over {mo}/12",
                       f"lost {kgs}kg in {mo} months (not dieting)", f"wt down {kgs} kg ({mo}/12), unexplained"])
        return ch([f"{kgs} kg of unintentional weight loss over {NUMW.get(mo, mo)} months",
                   f"weight loss of about {kgs} kg over {mo} months without trying",
                   f"an unexplained drop in weight of {kgs} kg in the last {NUMW.get(mo, mo)} months",
                   f"loose-fitting clothes and {kgs} kg of weight loss in {mo} months, not through dieting"])
    if key == "upper_pain":
        w = x.weeks(d["weeks"], t)
        if t:
            return ch([f"epigastric pain {w}", f"upper abdo pain x {w}", f"epigastric discomfort/pain {w}"])
        return ch([f"epigastric pain for {w}", f"a gnawing pain in the upper abdomen for {w}", f"upper abdominal pain over the last {w}"])
    if key == "abdo_pain":
        w = x.weeks(d["weeks"], t)
        site = d.get("site", "lower")
        nm = {"lower": ("lower abdo pain", "lower abdominal pain"), "RIF": ("RIF pain", "pain in the right iliac fossa"),
              "LIF": ("LIF pain", "left iliac fossa pain"), "generalised": ("generalised abdo pain", "generalised abdominal pain"),
              "crampy": ("crampy abdo pain", "crampy lower abdominal pain"),
              "colicky": ("colicky abdo pain", "colicky abdominal pain")}[site]
        if t:
            return ch([f"{nm[0]} {w}", f"c/o {nm[0]} x {w}", f"{nm[0]}, intermittent, {w}"])
        return ch([f"{nm[1]} on and off for {w}", f"{nm[1]}, coming and going over {w}", f"{w} of {nm[1]}"])
    if key == "reflux":
        w = x.weeks(d["weeks"], t)
        if t:
            return ch([f"reflux {w}", f"heartburn/reflux x {w}", f"GORD sx {w}"])
        return ch([f"heartburn and acid reflux for {w}", f"reflux symptoms, worse lying flat, for {w}", f"acid coming up into the throat with heartburn over {w}"])
    if key == "dyspepsia":
        w = x.weeks(d["weeks"], t)
        if t:
            return ch([f"dyspepsia {w}", f"indigestion x {w}", f"dyspeptic sx {w}"])
        return ch([f"indigestion for {w}", f"dyspepsia over the past {w}", f"troublesome dyspeptic symptoms for {w}"])
    if key == "rectal_bleeding":
        w = x.weeks(d["weeks"], t)
        if t:
            return ch([f"BRPR {w}", f"PR bleed x {w}", f"fresh PR bleeding {w}", f"rectal bleeding, bright red, {w}"])
        return ch([f"bright red blood on the paper and in the pan for {w}", f"rectal bleeding, fresh blood mixed with the stool, over {w}",
                   f"intermittent fresh rectal bleeding for {w}"])
    if key == "cibh":
        w = x.weeks(d["weeks"], t)
        k = d["kind"]
        if t:
            m = {"loose": ["CIBH - looser/more frequent", "CIBH to loose stools", "change in bowel habit (loose, 3-4x/day)"],
                 "constipation": ["CIBH - constipation", "CIBH → constipated", "change in bowel habit to constipation"],
                 "alternating": ["CIBH alt constipation/diarrhoea", "CIBH (alternating)", "change in bowel habit, alternating"]}[k]
            return f"{ch(m)} {w}"
        m = {"loose": [f"a change in bowel habit to looser, more frequent stools over {w}",
                       f"a change in {x.his} bowels over {w}, now loose and going three or four times a day"],
             "constipation": [f"a change in bowel habit towards constipation over {w}",
                              f"a change in bowel habit over {w}: previously regular, now constipated"],
             "alternating": [f"a change in bowel habit over {w}, alternating between constipation and loose stools",
                             f"{w} of altered bowel habit, swinging between loose and hard stools"]}[k]
        return ch(m)
    if key == "bloody_diarrhoea":
        n = d["n"]
        w = x.weeks(d["weeks"], t)
        if t:
            return ch([f"bloody diarrhoea {n}x/day {w}", f"diarrhoea + blood, {n}/day, {w}", f"BD with blood mixed in ({n}x/day) {w}"]).replace("BD with", "diarrhoea with")
        return ch([f"diarrhoea {NUMW.get(n, n)} times a day with blood mixed in, for {w}",
                   f"bloody diarrhoea with urgency, {n} times daily, over {w}"])
    if key == "haematemesis":
        n = d["n"]
        k = d["kind"]
        what = {"fresh": "fresh red blood", "coffee": "coffee-ground material", "streaks": "streaks of bright blood"}[k]
        if t:
            return ch([f"haematemesis x{n} ({what})", f"vomited {what} x{n} - haematemesis"])
        return ch([f"{'an episode' if n == 1 else NUMW[n] + ' episodes'} of haematemesis ({what}) in the last few days",
                   f"vomited {what} {'once' if n == 1 else NUMW[n] + ' times'} this week (haematemesis)"])
    if key == "bloating":
        w = x.weeks(d["weeks"], t)
        if t:
            return ch([f"bloating {w}", f"abdo bloating x {w}"])
        return ch([f"bloating, worse through the day, for {w}", f"abdominal bloating over {w}"])
    if key == "jaundice":
        w = x.weeks(d["weeks"], t)
        if d.get("mild"):
            return ch([f"mildly yellow eyes when unwell or fasting, noticed intermittently", f"intermittent slight jaundice when run down"]) if not t else "intermittent mild jaundice, esp. when fasting"
        if t:
            return ch([f"{'painless ' if d['painless'] else ''}jaundice {w}, dark urine", f"jaundiced x {w}{', painless' if d['painless'] else ''}"])
        return ch([f"{'painless ' if d['painless'] else ''}jaundice over {w}, with dark urine and pale stools",
                   f"yellowing of the skin and eyes over the last {w}{', without pain' if d['painless'] else ''}"])
    if key == "ascites":
        if t:
            return ch(["increasing abdo distension - ascites", "new ascites"])
        return ch(["increasing abdominal distension over the last couple of weeks, clinically ascites",
                   "a swollen abdomen which on examination is ascites"])
    if key == "confusion":
        if t:
            return ch(["new confusion/drowsiness (family report)", "confused ++ per wife" if x.c["sex"] == "M" else "confused ++ per daughter"])
        return ch([f"new confusion: the family say {x.he} has been muddled and sleepy for several days",
                   f"episodes of confusion over the last week"])
    if key in ("rectal_mass", "anal_mass", "anal_ulcer", "abdo_mass"):
        return exam_sign(x, key, reg)
    raise KeyError(key)


def exam_sign(x, key, reg):
    d = x.c["sym"][key]
    ch = x.ch
    t = reg != "prose"
    if key == "rectal_mass":
        if t:
            return ch([f"PR: hard irregular mass {d['wall']} wall ~{d['cm']}cm", f"PR - firm mass palpable {d['cm']} cm, {d['wall']}"])
        return f"on rectal examination there is a firm, irregular mass on the {d['wall']} wall about {d['cm']} cm from the anal verge"
    if key == "anal_mass":
        if t:
            return f"O/E firm anal mass ~{d['mm']}mm, not a pile/tag"
        return f"there is a hard lump at the anal margin, about {d['mm']} mm across, which does not look like a haemorrhoid or skin tag"
    if key == "anal_ulcer":
        if t:
            return f"unexplained anal ulcer {d['pos']} o'clock, indurated"
        return f"an indurated ulcer at the {d['pos']} o'clock position of the anal margin with no obvious cause; it does not look like a fissure"
    if key == "abdo_mass":
        if t:
            return ch([f"O/E mass {d['site']} ({d['size']})", f"palpable {d['size']} mass {d['site']}"])
        return f"a firm {d['size']} mass palpable in the {d['site']}"


EXAM_KEYS = ["rectal_mass", "anal_mass", "anal_ulcer", "abdo_mass"]


def history_keys(c):
    return [k for k in c["sym"] if k not in EXAM_KEYS]


def exam_keys(c):
    return [k for k in c["sym"] if k in EXAM_KEYS]


# ------------------------------------------------------------------ negations

NEG_NOUN = {
    "dysphagia": ["dysphagia", "swallowing difficulty", "dysphagia"],
    "weight_loss": ["weight loss", "wt loss"],
    "rectal_bleeding": ["rectal bleeding", "PR bleeding", "PR bleed"],
    "haematemesis": ["haematemesis"],
    "jaundice": ["jaundice"],
    "abdo_mass": ["abdominal mass", "palpable mass"],
    "cibh": ["change in bowel habit", "CIBH"],
    "melaena": ["melaena", "black stools"],
    "vomiting": ["vomiting"],
    "night_sweats": ["night sweats"],
    "anaemia": ["anaemia"],
}


def neg_single(x, k):
    ch = x.ch
    n = ch(NEG_NOUN[k])
    special = {
        "weight_loss": ["weight stable", "weight steady", "no weight loss", "wt stable"],
        "jaundice": ["not jaundiced", "anicteric"],
        "anaemia": ["not anaemic", "no anaemia"],
        "abdo_mass": ["no masses palpable", "abdomen soft, no masses"],
        "cibh": ["bowels unchanged", "no change in bowel habit"],
        "dysphagia": ["swallowing normal", "no dysphagia"],
    }
    forms = [f"denies {n}", f"no {n}", f"nil {n}", f"negative for {n}", f"{n} absent", f"Ø {n}", f"{n} -ve"]
    if k in special and x.rng.random() < 0.5:
        return ch(special[k])
    return ch(forms)


def neg_phrases(x):
    ks = [k for k in x.c["neg"] if k != "abdo_mass"]  # said in the examination
    if not ks:
        return []
    if len(ks) >= 3 and x.rng.random() < 0.45:
        nouns = [NEG_NOUN[k][0] for k in ks]
        lst = ", ".join(nouns[:-1]) + " or " + nouns[-1]
        return [x.ch([f"none of the following: {', '.join(nouns)}",
                      f"no {lst}",
                      f"red flags: nil ({' / '.join(nouns)} all denied)",
                      f"Ø {' / '.join(nouns)}"])]
    return [neg_single(x, k) for k in ks]


# ------------------------------------------------------------ resolved / past

def resolved_phrases(x):
    out = []
    y0 = x.c["date"].year
    for k in x.c["resolved"]:
        lo = max(y0 - 25, x.c["dob"].year + 12)
        y = x.rng.randint(min(lo, y0 - 2), y0 - 2)
        if k == "rectal_bleeding":
            out.append(x.ch([f"PR bleeding in {y}, scoped at the time (haemorrhoids only), nil since",
                             f"rectal bleeding {y} - banding for piles, resolved, none since",
                             f"one episode of rectal bleeding back in {y}, investigated and none since"]))
        elif k == "haematemesis":
            out.append(x.ch([f"haematemesis in {y} on NSAIDs (DU at OGD), no recurrence since",
                             f"admitted {y} with a small haematemesis, Mallory-Weiss tear, never recurred"]))
        elif k == "jaundice":
            out.append(x.ch([f"hepatitis A with jaundice as a teenager, fully recovered",
                             f"jaundice in {y} from gallstones, resolved after cholecystectomy"]))
        elif k == "dysphagia":
            out.append(x.ch([f"food bolus obstruction in {y} needing OGD; swallowing normal since",
                             f"dysphagia in {y} that settled after oesophageal dilatation; nil since"]))
        elif k == "ida":
            if x.c["sex"] == "F" and x.c["age"] < 60:
                out.append(f"iron deficiency anaemia in pregnancy ({y}), treated, Hb normal since")
            else:
                out.append(f"iron deficiency anaemia in {y} after an NSAID-related bleed, treated and resolved")
        elif k == "weight_loss":
            out.append(f"lost weight during a period of low mood in {y}; weight stable since")
        elif k == "anal_fissure":
            out.append(f"anal fissure {y}, healed with GTN ointment")
    return out


# ---------------------------------------------------------------- hypotheticals

def hypo_phrases(x):
    ks = x.c["hypo"]
    if not ks:
        return []
    he, him = x.he, x.him
    item = {
        "dysphagia": ["difficulty swallowing", "any dysphagia", "food sticking"],
        "weight_loss": ["weight loss", "unintentional weight loss"],
        "rectal_bleeding": ["rectal bleeding", "any PR bleeding", "blood in the stool"],
        "haematemesis": ["vomiting blood", "haematemesis"],
        "jaundice": ["yellowing of the eyes or skin", "jaundice"],
        "melaena": ["black tarry stools", "melaena"],
        "vomiting": ["persistent vomiting"],
        "mass": ["a lump in the tummy", "any new lump"],
    }
    names = [x.ch(item[k]) for k in ks]
    lst = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return [x.ch([f"I have safety-netted {him} to return if {he} develops {lst}",
                  f"advised to seek urgent review if {lst}",
                  f"if {he} develops {lst} I would re-refer on the suspected cancer pathway",
                  f"safety net: {lst} - to contact us same day",
                  f"should {he} develop {lst}, {he} knows to come straight back"])]


# ----------------------------------------------------------- family history

CA_NAME = {"crc": ["bowel cancer", "bowel ca", "colon cancer", "rectal cancer", "colorectal cancer"],
           "oesophageal": ["oesophageal cancer", "cancer of the gullet"],
           "gastric": ["stomach cancer", "gastric ca"], "pancreatic": ["pancreatic cancer"],
           "crohns": ["Crohn's disease"], "coeliac": ["coeliac disease"], "uc": ["ulcerative colitis"]}


def fh_phrases(x, reg="prose"):
    out = []
    for f in x.c["hx"]["fh"]:
        ca = x.ch(CA_NAME[f["ca"]])
        age = f.get("age")
        if reg == "prose":
            out.append(x.ch([f"{x.his} {f['rel']} had {ca}" + (f" at {age}" if age else ""),
                             f"{x.his} {f['rel']} was diagnosed with {ca}" + (f" aged {age}" if age else "")]))
        else:
            out.append(x.ch([f"{f['rel']} - {ca}" + (f" ({age})" if age else ""),
                             f"FH: {f['rel']} {ca}" + (f" at {age}" if age else "")]))
    return out


# ----------------------------------------------------------------- results

def hb_ref(x):
    if x.c["sex"] == "M":
        return x.ch(["130-180", "130-170", "135-175"])
    return x.ch(["120-150", "115-165", "120-160"])


def fmt_fit(f, style):
    raw = f["raw"]
    if isinstance(raw, str):
        return raw
    return str(raw)


def results_list(x, only_key=False):
    """Structured results: list of (key, name, value, unit, ref, flag)."""
    r = x.c["res"]
    out = []
    gl = r.get("hb_unit", "g/L") == "g/L"
    if "hb" in r:
        hb = r["hb"]
        ref = hb_ref(x)
        lo = int(ref.split("-")[0])
        if gl:
            out.append(("hb", "Haemoglobin", str(hb), "g/L", ref, "L" if hb < lo else ""))
        else:
            ref = "-".join(f"{int(v) / 10:.1f}" for v in ref.split("-"))
            out.append(("hb", "Haemoglobin", f"{hb / 10:.1f}", "g/dL", ref, "L" if hb < lo else ""))
    if "mcv" in r:
        out.append(("mcv", "MCV", str(r["mcv"]), "fL", "80-100", "L" if r["mcv"] < 80 else ("H" if r["mcv"] > 100 else "")))
    if "plt" in r:
        out.append(("plt", "Platelets", str(r["plt"]), "x10^9/L", "150-400", "L" if r["plt"] < 150 else ""))
    if "ferritin" in r:
        out.append(("ferritin", "Ferritin", str(r["ferritin"]), x.ch(["ug/L", "µg/L", "ng/mL"]), x.ch(["30-400", "15-300", "30-300"]),
                    "L" if r["ferritin"] < 30 else ""))
    if "bili" in r:
        out.append(("bili", "Bilirubin", str(r["bili"]), "umol/L", "0-21", "H" if r["bili"] > 21 else ""))
    if "alt" in r:
        out.append(("alt", "ALT", str(r["alt"]), "U/L", x.ch(["0-40", "<40", "5-40"]), "H" if r["alt"] >= 40 else ""))
    if "alp" in r:
        out.append(("alp", "ALP", str(r["alp"]), "U/L", "30-130", "H" if r["alp"] > 130 else ""))
    if "albumin" in r:
        out.append(("albumin", "Albumin", str(r["albumin"]), "g/L", "35-50", "L" if r["albumin"] < 35 else ""))
    if "crp" in r:
        out.append(("crp", "CRP", str(r["crp"]), "mg/L", "<5", "H" if r["crp"] >= 5 else ""))
    if "ttg" in r:
        t = r["ttg"]
        out.append(("ttg", "tTG IgA", str(t["v"]), "U/mL", "<7", "POS" if t["pos"] else "neg"))
    if "calpro" in r:
        v = r.get("calpro_raw") or str(r["calpro"])
        out.append(("calpro", "Faecal calprotectin", v, "ug/g", "<50", "H" if r["calpro"] >= 50 else ""))
    if "fit" in r:
        f = r["fit"]
        out.append(("fit", x.ch(["FIT", "qFIT", "FIT (faecal immunochemical test)"]), fmt_fit(f, 0), "ug Hb/g", "<10",
                    "POS" if f["eff"] >= 10 else ""))
    return out


def result_inline(x, item, reg):
    key, name, val, unit, ref, flag = item
    ch = x.ch
    x.shown.add(key)
    if key == "hb":
        if unit == "g/dL":
            return ch([f"Hb {val} g/dL", f"haemoglobin {val} g/dL", f"Hb {val}g/dL"])
        return ch([f"Hb {val}", f"Hb {val} g/L", f"haemoglobin {val} g/L", f"Hb {val}g/l"])
    if key == "mcv":
        return ch([f"MCV {val}", f"MCV {val} fL"])
    if key == "ferritin":
        return ch([f"ferritin {val}", f"ferritin {val} {unit}", f"Ferritin {val}"])
    if key == "bili":
        return ch([f"bilirubin {val}", f"bili {val} umol/L"])
    if key == "alt":
        return ch([f"ALT {val}", f"ALT {val} U/L", f"ALT {val} (ref {ref})"])
    if key == "alp":
        return ch([f"ALP {val}", f"alk phos {val}"])
    if key == "albumin":
        return f"albumin {val}"
    if key == "plt":
        return ch([f"platelets {val}", f"plt {val}"])
    if key == "crp":
        return ch([f"CRP {val}", f"CRP {val} mg/L"])
    if key == "ttg":
        if flag == "POS":
            return ch([f"tTG {val} U/mL (ref <7) - positive", f"coeliac serology positive (TTG IgA {val})",
                       f"TTG raised at {val} U/mL"])
        return ch([f"TTG {val} (negative)", f"coeliac serology negative", f"tTG negative ({val} U/mL)"])
    if key == "calpro":
        return ch([f"faecal calprotectin {val} ug/g", f"calprotectin {val}", f"FCP {val}", f"calpro {val} ug/g"])
    if key == "fit":
        raw = x.c["res"]["fit"]["raw"]
        if raw == "undetectable":
            return ch(["FIT undetectable", "qFIT: undetectable"])
        if raw == "negative":
            return ch(["FIT negative", "FIT came back negative"])
        if raw == "<4":
            return ch(["FIT <4", "qFIT <4 ug Hb/g", "FIT < 4 ug/g"])
        return ch([f"FIT {val}", f"qFIT {val} ug Hb/g", f"FIT {val} ug Hb/g faeces", f"FIT result {val}"])
    return f"{name} {val}"


KEY_RESULTS = {"hb", "ferritin", "fit", "calpro", "alt", "ttg", "bili"}


def results_inline(x, reg, keep_all=True):
    items = results_list(x)
    if not keep_all:
        items = [i for i in items if i[0] in KEY_RESULTS]
    return [result_inline(x, i, reg) for i in items]


def results_table(x, style=0):
    items = results_list(x)
    rd = x.c["date"] - datetime.timedelta(days=x.rng.randint(3, 40))
    lines = []
    for key, name, val, unit, ref, flag in items:
        x.shown.add(key)
        if style == 0:
            lines.append(f"  {name:<24}{val:>8} {unit:<9} ({ref}) {flag}".rstrip())
        elif style == 1:
            lines.append(f"{x.date(rd, 0)}  {name}: {val} {unit} [{ref}]{' ' + flag if flag else ''}")
        else:
            lines.append(f"| {name} | {val} | {unit} | {ref} | {flag} |")
    if style == 2 and lines:
        lines = ["| Test | Result | Units | Range | Flag |", "|---|---|---|---|---|"] + lines
    return lines, rd


# ------------------------------------------------------------ other history

def ibd_phrase(x, reg):
    ibd = x.c["hx"].get("ibd")
    if not ibd:
        return None
    t = ibd["type"]
    tn = {"UC": x.ch(["ulcerative colitis", "UC", "left-sided UC", "pan-UC"]), "Crohn's": x.ch(["Crohn's disease", "ileal Crohn's", "Crohn's"])}[t]
    if ibd["stable"]:
        if reg == "prose":
            return x.ch([f"{x.he} has {tn}, diagnosed in {ibd['since']}, and has been in remission for a long time with no current symptoms",
                         f"known {tn} since {ibd['since']}, stable and well-controlled, bowels normal"])
        return x.ch([f"known {tn} ({ibd['since']}) - stable, in remission", f"{tn} dx {ibd['since']}, quiescent"])
    if reg == "prose":
        return f"{x.he} has known {tn} (diagnosed {ibd['since']}) and this looks like a flare"
    return f"known {tn} ({ibd['since']}) - ?flare"


def cirr_phrase(x, reg):
    cr = x.c["hx"].get("cirrhosis")
    if not cr:
        return None
    if reg == "prose":
        return x.ch([f"{x.he} has known {cr['cause']} cirrhosis, diagnosed in {cr['since']}",
                     f"background of {cr['cause']} cirrhosis (since {cr['since']})"])
    return x.ch([f"known cirrhosis ({cr['cause']}, {cr['since']})", f"{cr['cause']} cirrhosis dx {cr['since']}"])


def ppi_phrase(x, reg):
    p = x.c.get("ppi")
    if not p:
        return None
    w = p["weeks"]
    dur = x.weeks(w, reg != "prose")
    persist = [k for k in ("dyspepsia", "reflux", "upper_pain") if k in x.c["sym"]]
    if reg == "prose":
        if persist:
            return x.ch([f"{x.he} has taken {p['drug']} {p['dose']} for {dur} without improvement",
                         f"symptoms have persisted despite {dur} of {p['drug']} {p['dose']}"])
        return f"{x.he} takes {p['drug']} {p['dose']} (for {dur})"
    if persist:
        return x.ch([f"no better on {p['drug']} {p['dose']} x {dur}", f"failed {dur} {p['drug'].capitalize()} {p['dose']}",
                     f"PPI ({p['drug']}) {dur} - no response"])
    return f"on {p['drug']} {p['dose']} ({dur})"


def hp_phrase(x):
    h = x.c.get("hpylori")
    if not h:
        return None
    return x.ch([f"H. pylori {h}", f"H pylori stool Ag {h}", f"HP {h}"])


def intentional_wl(x):
    return x.ch([f"{x.he} has deliberately lost 7 kg with Slimming World this year",
                 f"intentional weight loss of about 6 kg through diet and exercise (pleased with this)",
                 f"has been dieting and lost weight on purpose since the new year"])


def extra_facts(x, reg):
    """Statements for hx items and special scenario details (all must appear)."""
    c = x.c
    out = []
    for f in (ibd_phrase(x, reg), cirr_phrase(x, reg), ppi_phrase(x, reg), hp_phrase(x)):
        if f:
            out.append(f)
    if c["hx"].get("fatty_liver"):
        out.append(c["hx"]["fatty_liver"])
    ibd = c["hx"].get("ibd")
    if ibd and ibd.get("question"):
        out.append(x.ch([f"question: {ibd['question']}", f"query for you: {ibd['question']}",
                         f"I would value your view on {ibd['question']}"]))
    if c.get("bmi"):
        out.append(f"BMI {c['bmi']}")
    if c.get("question") in ("screening", "colonoscopy", "genetics"):
        out.append(x.ch([f"{x.he} is entirely well with no bowel symptoms", "asymptomatic - no GI symptoms at all",
                         f"{x.he} has no symptoms and is asking about screening because of the family history"]))
    if c.get("polyps"):
        out.append(x.ch([f"{x.he} had two small adenomas removed at colonoscopy in {c['polyps']} and wonders whether {x.he} is due a repeat",
                         f"previous colonic polyps ({c['polyps']}), asymptomatic, ?due surveillance"]))
    if c.get("cirr_request"):
        out.append(x.ch(["no ascites, no confusion, feels well; requesting routine surveillance / 6-monthly USS review",
                         "well, abstinent, no decompensation - please review for ongoing surveillance"]))
    if c.get("nsaid"):
        out.append(x.ch(["has been taking ibuprofen for back pain", "on naproxen from the pain clinic", "OTC NSAIDs recently"]))
    if c.get("dvar") == "gilbert":
        out.append(x.ch(["?Gilbert's", "query Gilbert's syndrome"]))
    if c.get("fit_status"):
        fs = c["fit_status"]
        out.append({"awaited": x.ch(["FIT kit given, result awaited", "FIT requested - not back yet"]),
                    "declined": x.ch([f"{x.he} declined FIT", "FIT declined by patient"]),
                    "not_returned": x.ch(["FIT kit not returned", "FIT not returned despite reminder"]),
                    "lost": x.ch(["FIT sample lost in transit, no result", "FIT sample rejected by lab (unlabelled) - no result"])}[fs])
    if c["wl_intentional"]:
        out.append(intentional_wl(x))
    return out


def neutral_phrases(x):
    return list(x.c["neutral"])


# ----------------------------------------------------------- priority / asks

PRIO_WORDS = {
    "urgent_suspected_cancer": ["2WW", "2 week wait", "urgent suspected cancer", "USC / 2WW", "fast track (2WW)"],
    "urgent": ["urgent", "URGENT", "soon / urgent", "urgent (not 2WW)"],
    "routine": ["routine", "ROUTINE", "routine (non-urgent)"],
    "advice_and_guidance": ["advice and guidance", "A&G", "advice only"],
}


def prio_word(x):
    g = x.c["gp_priority"]
    return x.ch(PRIO_WORDS[g]) if g else None


def request_sentence(x, reg="prose"):
    g = x.c["gp_priority"]
    ch = x.ch
    if g is None:
        return ch([f"I would be grateful if you could see {x.him}.", f"Thank you for your help with {x.his} care.",
                   f"Please could you assess {x.him} in clinic.", "Many thanks for seeing this patient."])
    if g == "urgent_suspected_cancer":
        return ch([f"I would be grateful if you could see {x.him} under the 2-week-wait pathway.",
                   f"I am referring {x.him} as an urgent suspected cancer referral.",
                   "Please see on the 2WW pathway.", f"I'd appreciate a fast-track (2WW) appointment for {x.him}."])
    if g == "urgent":
        return ch([f"I would be grateful if you could see {x.him} urgently.", "Urgent referral please.",
                   f"Please could {x.he} be seen soon - I have marked this urgent.", "I would appreciate an urgent appointment."])
    if g == "routine":
        return ch([f"I would be grateful for a routine appointment.", "Routine referral please.",
                   f"Please see {x.him} routinely in your clinic.", "Non-urgent - routine clinic is fine."])
    return ch([f"I would value your advice on how best to manage this.", "Advice only please - I don't think this needs a clinic appointment.",
               "I'd be grateful for your advice rather than an appointment."])


def question_for(x):
    """An advice-and-guidance style question suiting the case's main problem."""
    c = x.c
    s = c["sym"]
    he, him, his = x.he, x.him, x.his
    if c["hx"].get("ibd") and c["hx"]["ibd"].get("question"):
        return f"I would be grateful for your advice on {c['hx']['ibd']['question']}."
    if c.get("question") == "screening":
        return f"Would you be happy for {him} to wait for the national bowel screening programme, or does {he} need earlier surveillance?"
    if c.get("question") == "colonoscopy":
        return f"Would you be happy for me to refer {him} for a screening colonoscopy, and at what age should this start?"
    if c.get("question") == "genetics":
        return f"Does {he} need referral to clinical genetics, or is a colonoscopy at some point sufficient?"
    if "dysphagia" in s:
        return f"Would you be happy for me to double the PPI and review in four weeks before considering an OGD?"
    if "jaundice" in s:
        return f"Would you be happy for me to repeat the LFTs and arrange an ultrasound before referring?"
    if "hb" in c["res"] and "ferritin" in c["res"] and c["res"]["ferritin"] < 30:
        return f"Would you be happy for me to start oral iron and recheck in a month, or does {he} need scoping?"
    if "haematemesis" in s:
        return f"Would you be happy for me to manage this with a PPI and stop the NSAID, or should {he} have an OGD?"
    if c["res"].get("ttg") and c["res"]["ttg"]["pos"]:
        return f"Would you be happy for me to start a gluten-free diet, or does {he} need a duodenal biopsy first?"
    if c["hx"].get("cirrhosis"):
        return f"Is there anything you would advise changing in primary care while {he} waits?"
    if "alt" in c["res"] and c["res"]["alt"] >= 40 or c["hx"].get("fatty_liver"):
        return f"Would you be happy for me to manage this with lifestyle advice and repeat LFTs in 3 months?"
    if "calpro" in c["res"] and c["res"]["calpro"] >= 100:
        return f"Would you be happy for me to repeat the calprotectin in six weeks rather than refer now?"
    if set(s) & {"dyspepsia", "reflux", "upper_pain"}:
        return x.ch([f"Would you be happy for me to continue the PPI and treat as functional dyspepsia?",
                     f"Would you be happy for me to try a H2 blocker, or does {he} need an OGD?"])
    if set(s) & {"cibh", "abdo_pain", "bloating", "rectal_bleeding"}:
        return x.ch([f"Would you be happy for me to manage this as IBS with antispasmodics and a low-FODMAP diet?",
                     f"Would you be happy for me to treat this in primary care and re-refer if things change?",
                     f"Is there anything further you would suggest before I consider a referral?"])
    return "Is there anything further you would suggest, or would you like to see " + him + "?"


def dominant(x):
    """A short name for the main problem (for subject lines)."""
    s = x.c["sym"]
    c = x.c
    order = [("dysphagia", "Dysphagia"), ("rectal_mass", "Rectal mass"), ("anal_mass", "Anal lump"),
             ("anal_ulcer", "Anal ulcer"), ("haematemesis", "Haematemesis"), ("jaundice", "Jaundice"),
             ("bloody_diarrhoea", "Bloody diarrhoea"), ("abdo_mass", "Abdominal mass"),
             ("ascites", "Decompensated liver disease"), ("confusion", "Cirrhosis - confusion"),
             ("weight_loss", "Weight loss"), ("rectal_bleeding", "Rectal bleeding"), ("cibh", "Change in bowel habit"),
             ("dyspepsia", "Dyspepsia"), ("reflux", "Reflux"), ("upper_pain", "Epigastric pain"),
             ("abdo_pain", "Abdominal pain"), ("bloating", "Bloating")]
    for k, n in order:
        if k in s:
            return n
    r = c["res"]
    if "fit" in r and r["fit"]["eff"] >= 10:
        return "Positive FIT"
    from engine import derived
    anaemia, irondef, _ = derived(c)
    if irondef:
        return "Iron deficiency"
    if anaemia:
        return "Anaemia"
    if c["hx"].get("ibd"):
        return "IBD query"
    if r.get("ttg"):
        return "Positive coeliac serology"
    if c["hx"].get("cirrhosis"):
        return "Cirrhosis review"
    if "alt" in r and r["alt"] >= 40:
        return "Abnormal LFTs"
    if c["hx"].get("fatty_liver"):
        return "Fatty liver"
    if c.get("polyps"):
        return "Polyp surveillance"
    if c["hx"].get("fh_crc"):
        return "Family history of bowel cancer"
    return "Gastroenterology referral"


# --------------------------------------------------- neutral padding content

def social_history(x):
    c = x.c
    ch = x.ch
    job = ch(["retired teacher", "works as a bus driver", "retired from the steelworks", "office manager",
              "works nights in a warehouse", "care assistant", "self-employed joiner", "retired nurse",
              "student", "works in IT from home", "farmer", "shop assistant"])
    if c["age"] < 23:
        job = ch(["student", "apprentice electrician", "works in a cafe"])
    smoke = ch(["never smoked", "ex-smoker (stopped 2009)", "smokes 10 a day", "non-smoker", "vapes, ex-smoker"])
    alc = ch(["drinks about 6 units a week", "teetotal", "alcohol 14 units/week", "occasional alcohol",
              "drinks 20-25 units a week"])
    home = ch([f"lives with {x.his} {'wife' if c['sex'] == 'M' else 'husband'}", "lives alone, independent",
               "lives with family", "lives with partner and two children"])
    if c["age"] >= 68 and not job.startswith("retired"):
        job = {"works as a bus driver": "retired bus driver", "office manager": "retired office manager",
               "works nights in a warehouse": "retired warehouse worker", "care assistant": "retired care assistant",
               "self-employed joiner": "retired joiner", "student": "retired", "works in IT from home": "retired IT consultant",
               "farmer": "retired farmer", "shop assistant": "retired shop assistant"}.get(job, "retired")
    return f"{job}; {smoke}; {alc}; {home}"


def bg_results(x):
    """Neutral results (not used by any rule) for printouts."""
    r = x.rng
    out = [("Sodium", str(r.randint(135, 144)), "mmol/L", "133-146"), ("Potassium", f"{r.randint(37, 51) / 10:.1f}", "mmol/L", "3.5-5.3"),
           ("Creatinine", str(r.randint(58, 110)), "umol/L", "59-104"), ("eGFR", r.choice([">90", "84", "71", "63", ">60"]), "mL/min", ">60")]
    if r.random() < 0.5:
        out.append(("TSH", f"{r.randint(6, 38) / 10:.1f}", "mU/L", "0.3-4.2"))
    if r.random() < 0.4:
        out.append(("HbA1c", str(r.randint(34, 58)), "mmol/mol", "<42"))
    if r.random() < 0.3:
        out.append(("Vitamin B12", str(r.randint(230, 640)), "ng/L", "187-883"))
    return out


def discussion(x):
    c = x.c
    ch = x.ch
    he, his, him = x.he, x.his, x.him
    s = [ch([f"I have talked through the possible causes with {him} and {he} understands why I am asking for your opinion.",
             f"{x.He} is understandably worried and I have explained what the next steps are likely to involve.",
             f"We discussed the options at some length today; {he} would prefer to be seen in clinic before any tests."]),
         ch([f"{x.He} is otherwise independent and manages {his} own medication.",
             f"{his.capitalize()} main concern is being able to keep working.",
             f"{x.He} has a holiday booked in a few weeks but would cancel it if needed."]),
         ch(["I have not made any changes to the medication for now.",
             "I have given written information and the practice number.",
             f"I have checked that {he} is happy for you to contact {him} by mobile."])]
    if x.rng.random() < 0.6:
        s.append(ch([f"{x.He} has asked whether a telephone appointment would be possible as transport is difficult; {he} does not drive and relies on a neighbour for lifts to the hospital.",
                     f"For completeness, {his} blood pressure and weight were recorded today and are in the attached summary; {his} other long-term conditions are stable and reviewed annually by our nurse team.",
                     f"{x.He} would like a copy of any clinic letter sent to {him} directly, and {his} preferred contact is by text message to the number on record."]))
    return " ".join(s)


def old_consults(x, n):
    """Neutral earlier journal entries (padding that names no rule fact)."""
    r = x.rng
    pool = [
        "BP review. BP {bp}. Continue current treatment. Recheck 6 months.",
        "Medication review: all repeats reviewed, no changes. Flu vaccine given.",
        "Cough and coryza for 5 days, chest clear, sats 98%. Viral URTI - self-care advice.",
        "Annual asthma review: well controlled, inhaler technique checked.",
        "Knee pain after gardening. O/E effusion small, full ROM. Paracetamol, physio self-referral.",
        "Fit note issued for 2 weeks (back pain). Advised to keep active.",
        "Telephone consultation: results explained, all within normal limits apart from those discussed.",
        "Diabetes review: HbA1c discussed, feet checked - pulses present, sensation intact.",
        "Insect bite left forearm, mild local reaction. Antihistamine.",
        "Mood review: coping better, continue sertraline, review in 3 months.",
        "Travel vaccinations discussed, hep A and typhoid given.",
        "Ear wax both ears, advised olive oil drops.",
        "Sore throat 3 days, FeverPAIN 1, no antibiotics, safety-netted re: worsening.",
        "Rash on shins, looks like eczema. Emollients and moderate steroid cream for 2 weeks.",
        "Chronic disease review: weight and BP recorded, smoking status updated, QRISK discussed.",
        "Shoulder pain, reduced abduction, likely rotator cuff tendinopathy. Physio referral.",
        "Seen with partner re: sleep. Sleep hygiene advice given, review if no better.",
        "Repeat prescription query - dose clarified with pharmacy.",
    ]
    items = r.sample(pool, n)
    out = []
    d = x.c["date"]
    for i, t in enumerate(items):
        d = d - datetime.timedelta(days=r.randint(25, 200))
        out.append((d, t.format(bp=f"{r.randint(118, 152)}/{r.randint(70, 92)}")))
    return out
