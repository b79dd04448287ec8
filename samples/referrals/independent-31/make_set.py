#!/usr/bin/env python3
"""make_set.py - generator for the sealed test set "letters31".

300 synthetic gastroenterology referral letters, 20 layouts x 15 letters, labelled
by the rules of /work/shared/clinical/referral-triage-spec.md (first matching rule
decides urgency and pathway).  Python 3 standard library only.  Every random choice
comes from random.Random seeded with a string, so reruns give byte-identical files.

Writes (next to this file):
  letters.jsonl       the letters and their labels
  letters_meta.jsonl  per letter: the facts drawn, every evidence span for each
                      positive fact / value, every distractor span with its kind
The README.md and second_pass.tsv are written by hand / by write_readme().

How a letter is made
  1. a rule id is allocated to each of the 20 layouts (15 letters each);
  2. a scenario builder for that rule draws the patient and the facts (and, for
     the emphasis of this set, the patient's history, medicines, earlier
     results and other clinicians' documents) and a set of distractors;
  3. the layout renders the case.  Every fact-bearing phrase is wrapped in an
     invisible marker while rendering; the markers are stripped at the end and
     their character offsets are stored in the meta file;
  4. the label is computed from the drawn facts with the spec's rule table and
     checked against the rule the builder intended.
"""
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = "letters31/v3"
SET_ID = "L31"


def rng(*parts):
    return random.Random(SEED + "|" + "|".join(str(p) for p in parts))


# --------------------------------------------------------------------------
# markers: \x01 kind|fact \x02 visible text \x03
# kinds: p = positive fact/value evidence; pn = value evidence that is also a
# normal value (distractor); d|<kind> = distractor; n|<tag> = neutral mention
# --------------------------------------------------------------------------
SO, SM, SC = "\x01", "\x02", "\x03"


def P(fact, text):
    return SO + "p|" + fact + SM + text + SC


def PN(fact, text):
    return SO + "pn|" + fact + SM + text + SC


def X(kind, fact, text):
    return SO + "d|" + kind + "|" + fact + SM + text + SC


def N(tag, text):
    return SO + "n|" + tag + SM + text + SC


MARK_RE = re.compile(r"(\x01[^\x02]*\x02|\x03)")


def visible_map(s, fn):
    """apply fn to the visible text only (marker headers untouched)"""
    out = []
    for part in MARK_RE.split(s):
        if not part:
            continue
        if part.startswith(SO) or part == SC:
            out.append(part)
        else:
            out.append(fn(part))
    return "".join(out)


def outside_map(s, fn):
    """apply fn to visible text that is outside every marker"""
    out = []
    depth = 0
    for part in MARK_RE.split(s):
        if not part:
            continue
        if part.startswith(SO):
            depth += 1
            out.append(part)
        elif part == SC:
            depth -= 1
            out.append(part)
        else:
            out.append(fn(part) if depth == 0 else part)
    return "".join(out)


def extract(s):
    text = []
    spans = []
    cur = None
    pos = 0
    i = 0
    n = len(s)
    while i < n:
        ch = s[i]
        if ch == SO:
            j = s.index(SM, i)
            if cur is not None:
                raise ValueError("nested marker: " + s[max(0, i - 80):i + 80])
            cur = (s[i + 1:j], pos)
            i = j + 1
            continue
        if ch == SC:
            key, start = cur
            spans.append((key, start, pos))
            cur = None
            i += 1
            continue
        text.append(ch)
        pos += 1
        i += 1
    if cur is not None:
        raise ValueError("unclosed marker")
    return "".join(text), spans


# --------------------------------------------------------------------------
# small utilities
# --------------------------------------------------------------------------
ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n):
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t] + ("-" + ONES[o] if o else "")


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def ordinal(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return str(n) + suf


def fd(d, style):
    if style == "dmy":
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if style == "dmy2":
        return "%02d.%02d.%02d" % (d.day, d.month, d.year % 100)
    if style == "dmys":
        return "%d/%d/%02d" % (d.day, d.month, d.year % 100)
    if style == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "ord":
        return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    if style == "mon":
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "my":
        return "%s %d" % (MONTHS[d.month - 1], d.year)
    if style == "my_short":
        return "%02d/%d" % (d.month, d.year)
    raise ValueError(style)


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def nhs_number(r):
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(d[i] * (10 - i) for i in range(9))
        ch = 11 - (s % 11)
        if ch == 11:
            ch = 0
        if ch == 10:
            continue
        num = "".join(str(x) for x in d + [ch])
        return num


def fmt_nhs(num, r):
    st = r.choice(["sp", "sp", "plain", "dash"])
    if st == "sp":
        return num[:3] + " " + num[3:6] + " " + num[6:]
    if st == "dash":
        return num[:3] + "-" + num[3:6] + "-" + num[6:]
    return num


FIRST_F = ["Joan", "Margaret", "Susan", "Patricia", "Linda", "Karen", "Sarah", "Emma", "Claire",
           "Rachel", "Helen", "Julie", "Amanda", "Nicola", "Lisa", "Jennifer", "Gillian", "Pauline",
           "Brenda", "Irene", "Sheila", "Maureen", "Doreen", "Aisha", "Fatima", "Priya", "Sunita",
           "Grace", "Chloe", "Sophie", "Hannah", "Jessica", "Amy", "Laura", "Kelly", "Zoe", "Megan",
           "Olivia", "Bethan", "Siobhan", "Agnieszka", "Ewa", "Precious", "Chiamaka", "Mei", "Yasmin",
           "Nadia", "Ruth", "Eileen", "Valerie", "Hazel", "Beverley", "Dawn", "Tracey", "Leanne",
           "Kirsty", "Gemma", "Natalie", "Shabana", "Rukhsana", "Elsie", "Winifred", "Moira", "Fiona"]
FIRST_M = ["John", "David", "Michael", "Peter", "Robert", "Paul", "Stephen", "Andrew", "Mark",
           "Richard", "Ian", "Graham", "Keith", "Brian", "Derek", "Kenneth", "Raymond", "Gary",
           "Darren", "Lee", "Craig", "Wayne", "Jason", "Daniel", "James", "Thomas", "Matthew", "Ryan",
           "Liam", "Connor", "Jack", "Callum", "Mohammed", "Imran", "Tariq", "Rajesh", "Sanjay",
           "Arjun", "Kwame", "Tunde", "Emeka", "Piotr", "Tomasz", "Wei", "Hamza", "Bilal", "Declan",
           "Owen", "Rhys", "Gareth", "Alan", "Colin", "Trevor", "Malcolm", "Neil", "Barry", "Terry",
           "Dennis", "Harold", "Stanley", "Euan", "Fraser", "Aled", "Joseph"]
SURNAMES = ["Patterson", "Hughes", "Whitfield", "Okonkwo", "Begum", "Kowalski", "Thornton",
            "Ramsbottom", "Ahmed", "Nwosu", "Gallagher", "McBride", "Featherstone", "Singh",
            "Chaudhry", "Pemberton", "Lloyd", "Evans", "Davies", "Ashworth", "Brennan", "Cartwright",
            "Doherty", "Ellison", "Fairclough", "Greenwood", "Hargreaves", "Iqbal", "Jennings",
            "Kaur", "Lambert", "Mahmood", "Nowak", "O'Sullivan", "Parkinson", "Quinn", "Rahman",
            "Sutcliffe", "Tennant", "Usher", "Varga", "Wainwright", "Yusuf", "Atkinson", "Bowker",
            "Crossley", "Dunmore", "Entwistle", "Frobisher", "Gough", "Holroyd", "Ingham",
            "Jagger", "Kitching", "Lomax", "Marsden", "Nuttall", "Oldroyd", "Pickles", "Rowbotham",
            "Shackleton", "Tattersall", "Uttley", "Walsh", "Mensah", "Adeyemi", "Li", "Chen",
            "Petrov", "Novak", "Fernandes", "Costa", "Murphy", "Byrne", "MacLeod", "Fraser"]
PRACTICES = ["Riverside Medical Practice", "The Grange Surgery", "Hillview Health Centre",
             "Castlegate Medical Group", "Park Lane Surgery", "Brookfield Family Practice",
             "St Mark's Medical Centre", "Millbrook Surgery", "Oakwood Health Centre",
             "Station Road Surgery", "Northfield Medical Practice", "The Old School Surgery",
             "Harbour View Practice", "Meadowside Medical Centre", "Canal Street Surgery",
             "Westgate Health Centre", "Beech House Surgery", "Ashfield Medical Practice",
             "Kingsway Surgery", "Elm Tree Medical Centre", "Three Bridges Practice",
             "Marketplace Surgery", "Low Moor Health Centre", "Cross Keys Medical Practice"]
TOWNS = ["Kettleby", "Marston", "Hollinwood", "Abbotsford", "Castleton", "Eastbridge",
         "Redbrook", "Thornbury", "Langley Green", "Whitmoor", "Sandholme", "Brackley Vale"]
STREETS = ["Church Lane", "Victoria Road", "Mill Street", "Station Road", "The Crescent",
           "Albert Terrace", "Queen Street", "Hawthorn Avenue", "Bridge End", "Moor Lane",
           "Chapel Walk", "Oak Drive", "Westfield Road", "Springfield Close", "King's Parade"]
HOSPITALS = ["Northgate General Hospital", "St Aldric's Hospital", "Royal Wexley Infirmary",
             "Marston University Hospital", "Eastbridge District General Hospital"]
CONSULTANTS = ["Dr A. Okafor", "Dr H. Lindqvist", "Dr P. Menon", "Dr R. Castell",
               "Professor J. Whitcombe", "Dr S. Farooq", "Dr E. Marchetti", "Dr K. Boateng"]


def postcode(r):
    L = "ABDEFGHJLNPQRSTUWXYZ"
    return "%s%s%d %d%s%s" % (r.choice("BDHKLMNSWY"), r.choice("ACEHLNRT"), r.randint(1, 19),
                              r.randint(1, 9), r.choice(L), r.choice(L))


def phone(r):
    return "0%d%d%d%d %d%d%d%d%d%d" % tuple(r.randint(1, 9) for _ in range(10))


def person(r, sex=None):
    if sex is None:
        sex = r.choice("FM")
    first = r.choice(FIRST_F if sex == "F" else FIRST_M)
    return first, r.choice(SURNAMES), sex


def doctor(r, title="Dr"):
    f, s, _ = person(r)
    return "%s %s %s" % (title, f, s)


def initials_doctor(r):
    f, s, _ = person(r)
    return "Dr %s. %s" % (f[0], s)


# --------------------------------------------------------------------------
# Piece: one clinical statement in several registers
# --------------------------------------------------------------------------
class Piece:
    def __init__(self, fact, kind, prose, note=None, abbr=None, short=None, tag=None):
        self.fact = fact
        self.kind = kind
        self.v = {"prose": list(prose), "note": list(note or []), "abbr": list(abbr or []),
                  "short": list(short or [])}
        self.tag = tag

    def get(self, reg, r):
        order = {"prose": ["prose", "note"], "note": ["note", "prose"],
                 "abbr": ["abbr", "note", "prose"], "short": ["short", "note", "prose"]}[reg]
        for k in order:
            if self.v[k]:
                return r.choice(self.v[k])
        raise KeyError(reg)


def cap(s):
    """capitalise first visible character"""
    out = []
    done = False
    for part in MARK_RE.split(s):
        if not part:
            continue
        if done or part.startswith(SO) or part == SC:
            out.append(part)
            continue
        m = re.search(r"[A-Za-z]", part)
        if m:
            i = m.start()
            part = part[:i] + part[i].upper() + part[i + 1:]
            done = True
        out.append(part)
    return "".join(out)


def strip_end(s):
    """strip a trailing full stop, also when it sits just inside a closing marker"""
    s = s.rstrip(" ")
    if s.endswith(SC):
        head = s[:-1].rstrip(" ")
        while head.endswith(".") and not head.endswith(".."):
            head = head[:-1]
        return head + SC
    return s.rstrip(". ")


# --------------------------------------------------------------------------
# the case: patient, facts, pieces
# --------------------------------------------------------------------------
BOOL_FACTS = ["dysphagia", "rectal_mass", "anal_mass", "abdominal_mass", "jaundice",
              "haematemesis", "rectal_bleeding", "bloody_diarrhoea", "cibh", "abdominal_pain",
              "upper_abdominal_pain", "bloating", "dyspepsia", "reflux", "weight_loss",
              "known_ibd", "ibd_stable", "ibd_question", "known_cirrhosis", "ascites",
              "confusion", "fatty_liver_imaging", "ttg", "fh_crc"]
VALUE_TESTS = ["hb", "ferritin", "fit", "calprotectin", "alt"]
GI_SYMPTOMS = ["dysphagia", "rectal_bleeding", "bloody_diarrhoea", "cibh", "abdominal_pain",
               "upper_abdominal_pain", "bloating", "dyspepsia", "reflux", "weight_loss",
               "haematemesis", "jaundice", "confusion"]

LETTER_START = dt.date(2024, 1, 8)
LETTER_SPAN_DAYS = 640


class Case:
    def __init__(self, idx, rule, layout, r):
        self.idx = idx
        self.id = "%s-%04d" % (SET_ID, idx)
        self.rule = rule
        self.layout = layout
        self.r = r
        self.f = {k: False for k in BOOL_FACTS}
        self.f["ppi_start"] = None
        self.f["ppi_days"] = None
        self.results = []
        self.meds = []
        self.pc = []        # presenting complaint pieces (mostly positive)
        self.exam = []      # examination pieces
        self.hist = []      # background history pieces
        self.past = []      # resolved past episodes (distractors)
        self.neg = []       # negated red flags (distractors)
        self.fh = []        # family history
        self.hypo = []      # hypotheticals / safety netting
        self.docs = []      # quoted documents from other clinicians
        self.nongi = []     # non-GI problems
        self.other = []     # other distractors (explained weight loss, relatives, refuted reports)
        self.question = []  # request / question pieces
        self.history_tags = []
        self.near = []
        self.nongi_symptoms = []
        self.req_level = None
        self.req_phrase = None
        self.third_person = layout == "third_person_the_patient_partner"
        self.scenario = None
        self.notes = []

    # ---------------- demographics
    def set_demo(self, sex, age, near_bday=None):
        r = self.r
        self.sex = sex
        self.age = age
        self.ld = LETTER_START + dt.timedelta(days=r.randint(0, LETTER_SPAN_DAYS))
        while self.ld.weekday() >= 5:
            self.ld += dt.timedelta(days=1)
        if near_bday == "just":      # birthday 0-9 days before the letter
            b = self.ld - dt.timedelta(days=r.randint(0, 9))
            y = b.year - age
        elif near_bday == "soon":    # next birthday 1-9 days after the letter
            b = self.ld + dt.timedelta(days=r.randint(1, 9))
            y = b.year - age - 1
        else:
            b = self.ld - dt.timedelta(days=r.randint(20, 340))
            y = b.year - age
        m, d = b.month, b.day
        if m == 2 and d == 29:
            d = 28
        self.dob = dt.date(y, m, d)
        assert age_on(self.dob, self.ld) == age, (self.dob, self.ld, age)
        self.near_bday = near_bday
        self.first, self.surname, _ = person(r, sex)
        if sex == "F":
            if age < 25:
                self.title = r.choice(["Miss", "Ms", "Miss"])
            else:
                self.title = r.choice(["Mrs", "Mrs", "Ms", "Miss"] if age < 70 else ["Mrs", "Mrs", "Miss", "Ms"])
        else:
            self.title = "Mr"
        self.nhs = nhs_number(r)
        self.hosp_no = r.choice(["RX", "K", "H", "M", "NG"]) + str(r.randint(100000, 9999999))
        self.address = "%d %s, %s, %s" % (r.randint(1, 180), r.choice(STREETS), r.choice(TOWNS), postcode(r))
        if self.third_person:
            self.He, self.he = "The patient", "the patient"
        else:
            self.He, self.he = ("She", "she") if sex == "F" else ("He", "he")
        self.His, self.his = ("Her", "her") if sex == "F" else ("His", "his")
        self.him = "her" if sex == "F" else "him"
        self.himself = "herself" if sex == "F" else "himself"
        self.man = "woman" if sex == "F" else "man"
        self.gent = "lady" if sex == "F" else "gentleman"
        self.spouse = r.choice(["husband", "partner"]) if sex == "F" else r.choice(["wife", "partner"])

    def ago(self, days):
        return self.ld - dt.timedelta(days=days)

    def dur(self, lo_w, hi_w):
        w = self.r.randint(lo_w, hi_w)
        if w == 1:
            return (self.r.choice(["a week", "one week"]), "1/52", 1)
        if w <= 8:
            return (self.r.choice([words(w) + " weeks", "%d weeks" % w]), "%d/52" % w, w)
        mo = max(2, int(round(w / 4.345)))
        return (self.r.choice([words(mo) + " months", "%d months" % mo, "about %d months" % mo]),
                "%d/12" % mo, w)

    # ---------------- results
    def add_result(self, test, value, qual="=", days=None, newest=True, extra=None):
        if days is None:
            days = self.r.randint(2, 25)
        res = {"test": test, "value": value, "qual": qual, "date": self.ago(days), "newest": newest}
        if extra:
            res.update(extra)
        if test == "ttg" and res.get("positive") and newest:
            self.f["ttg"] = True
        self.results.append(res)
        return res

    def newest(self, test):
        rs = [x for x in self.results if x["test"] == test]
        if not rs:
            return None
        rs.sort(key=lambda x: x["date"])
        return rs[-1]

    # ---------------- medicines
    def med(self, name, dose, start=None, ind=None, link=None, stopped=None):
        self.meds.append({"name": name, "dose": dose, "start": start, "ind": ind, "link": link,
                          "stopped": stopped})

    def add(self, section, piece):
        getattr(self, section).append(piece)
        return piece

    def fact(self, k, v=True):
        self.f[k] = v


# --------------------------------------------------------------------------
# phrase library: positive facts
# --------------------------------------------------------------------------
def pc_dysphagia(c, dur=None):
    r = c.r
    He, he, his = c.He, c.he, c.his
    dp, dn, _ = dur or c.dur(3, 16)
    foods = r.choice(["bread", "meat", "rice", "dry food", "toast", "chicken"])
    prose = [
        "%s describes %s, which has been going on for %s." % (He, P("dysphagia", "food sticking behind the breastbone when %s swallows" % he), dp),
        "%s has had %s for %s; %s is the worst." % (He, P("dysphagia", "progressive difficulty swallowing solids"), dp, foods),
        "Over the last %s %s has noticed %s." % (dp, he, P("dysphagia", "that %s sticks on the way down and has to be washed through with water" % foods)),
        "The main problem is %s for %s, to solids rather than liquids." % (P("dysphagia", "dysphagia"), dp),
    ]
    note = ["%s %s" % (P("dysphagia", "dysphagia to solids"), dn),
            "%s, %s" % (P("dysphagia", "food sticking on swallowing"), dn),
            "%s for %s" % (P("dysphagia", "difficulty swallowing"), dp)]
    abbr = ["%s %s" % (P("dysphagia", "dysphagia ++"), dn), "%s %s" % (P("dysphagia", "solid dysphagia"), dn)]
    short = [P("dysphagia", "dysphagia"), P("dysphagia", "difficulty swallowing")]
    c.fact("dysphagia")
    return Piece("dysphagia", "pos", prose, note, abbr, short)


def pc_rectal_bleeding(c, dur=None, recent=True):
    r = c.r
    He, he, his = c.He, c.he, c.his
    dp, dn, _ = dur or c.dur(3, 20)
    last = r.choice(["the last episode was two days ago", "most recently this week", "still happening every few days",
                     "ongoing, most days"])
    prose = [
        "%s has had %s for %s, %s." % (He, P("rectal_bleeding", "bright red blood on the paper and in the pan"), dp, last),
        "%s reports %s over %s; %s." % (He, P("rectal_bleeding", "intermittent rectal bleeding"), dp, last),
        "For %s %s has noticed %s, %s." % (dp, he, P("rectal_bleeding", "blood mixed in with the stool"), last),
    ]
    note = ["%s %s, %s" % (P("rectal_bleeding", "rectal bleeding"), dn, r.choice(["ongoing", "last episode this week"])),
            "%s x %s, ongoing" % (P("rectal_bleeding", "fresh blood PR"), dn)]
    abbr = ["%s %s ongoing" % (P("rectal_bleeding", "PR bleed"), dn), "%s %s" % (P("rectal_bleeding", "PR bleeding"), dn)]
    short = [P("rectal_bleeding", "rectal bleeding"), P("rectal_bleeding", "PR bleeding")]
    c.fact("rectal_bleeding")
    return Piece("rectal_bleeding", "pos", prose, note, abbr, short)


def pc_bloody_diarrhoea(c, dur=None):
    r = c.r
    He, he = c.He, c.he
    dp, dn, _ = dur or c.dur(2, 6)
    n = r.randint(5, 10)
    prose = [
        "%s has had %s for %s, %d times a day including at night." % (He, P("bloody_diarrhoea", "bloody diarrhoea"), dp, n),
        "Over %s %s has developed %s." % (dp, he, P("bloody_diarrhoea", "diarrhoea with blood mixed in, up to %d times a day" % n)),
        "%s is opening %s bowels %d times a day with %s for %s." % (He, c.his, n, P("bloody_diarrhoea", "loose stools containing blood"), dp),
    ]
    note = ["%s %dx/day, %s" % (P("bloody_diarrhoea", "bloody diarrhoea"), n, dn),
            "%s %d/day for %s" % (P("bloody_diarrhoea", "diarrhoea with blood"), n, dp)]
    abbr = ["%s %dx/d %s" % (P("bloody_diarrhoea", "bloody diarrhoea"), n, dn)]
    short = [P("bloody_diarrhoea", "bloody diarrhoea")]
    c.fact("bloody_diarrhoea")
    return Piece("bloody_diarrhoea", "pos", prose, note, abbr, short)


def pc_cibh(c, dur=None, loose=None):
    r = c.r
    He, he, his = c.He, c.he, c.his
    dp, dn, _ = dur or c.dur(6, 26)
    if loose is None:
        loose = r.random() < 0.7
    if loose:
        prose = [
            "%s has had %s for %s." % (He, P("cibh", "a change in bowel habit to looser, more frequent stools"), dp),
            "%s bowels have changed over %s: %s." % (his.capitalize(), dp, P("cibh", "now looser and going three or four times a day, a clear change from %s normal" % his)),
            "%s reports %s, which is new for %s." % (He, P("cibh", "a persistent change in bowel habit towards loose stools over %s" % dp), c.him),
        ]
        note = ["%s, %s" % (P("cibh", "change in bowel habit to loose"), dn),
                "%s %s" % (P("cibh", "change in bowel habit (looser, 3-4x/day)"), dn)]
        abbr = ["%s %s" % (P("cibh", "CIBH -> loose"), dn)]
    else:
        prose = [
            "%s has had %s for %s." % (He, P("cibh", "a change in bowel habit towards constipation"), dp),
            "Over %s %s bowels have changed: %s." % (dp, his, P("cibh", "%s now goes every three or four days, having always been regular" % he)),
        ]
        note = ["%s, %s" % (P("cibh", "change in bowel habit to constipation"), dn)]
        abbr = ["%s %s" % (P("cibh", "CIBH -> constipated"), dn)]
    short = [P("cibh", "change in bowel habit"), P("cibh", "CIBH")]
    c.fact("cibh")
    return Piece("cibh", "pos", prose, note, abbr, short)


def pc_abdo_pain(c, where=None, dur=None):
    """lower / general abdominal pain (not upper)"""
    r = c.r
    He, he, his = c.He, c.he, c.his
    dp, dn, _ = dur or c.dur(4, 20)
    where = where or r.choice(["lower", "left iliac fossa", "central cramping", "right iliac fossa", "suprapubic"])
    txt = {"lower": "lower abdominal pain", "left iliac fossa": "left iliac fossa pain",
           "central cramping": "crampy central abdominal pain", "right iliac fossa": "right iliac fossa pain",
           "suprapubic": "suprapubic abdominal pain"}[where]
    prose = [
        "%s has %s, on and off for %s." % (He, P("abdominal_pain", txt), dp),
        "%s describes %s for %s." % (He, P("abdominal_pain", txt + ", coming and going"), dp),
    ]
    note = ["%s %s" % (P("abdominal_pain", txt), dn)]
    abbr = ["%s %s" % (P("abdominal_pain", {"lower": "lower abdo pain", "left iliac fossa": "LIF pain",
                                              "central cramping": "central abdo pain", "right iliac fossa": "RIF pain",
                                              "suprapubic": "suprapubic abdo pain"}[where]), dn)]
    short = [P("abdominal_pain", txt)]
    c.fact("abdominal_pain")
    return Piece("abdominal_pain", "pos", prose, note, abbr, short)


def pc_upper_pain(c, dur=None):
    r = c.r
    He, he = c.He, c.he
    dp, dn, _ = dur or c.dur(4, 20)
    prose = [
        "%s has %s for %s." % (He, P("upper_abdominal_pain", "epigastric pain, gnawing, worse after food"), dp),
        "%s describes %s over %s." % (He, P("upper_abdominal_pain", "a constant ache in the upper abdomen"), dp),
    ]
    note = ["%s %s" % (P("upper_abdominal_pain", "epigastric pain"), dn),
            "%s %s" % (P("upper_abdominal_pain", "upper abdominal pain"), dn)]
    abbr = ["%s %s" % (P("upper_abdominal_pain", "epigastric pain"), dn)]
    short = [P("upper_abdominal_pain", "upper abdominal pain"), P("upper_abdominal_pain", "epigastric pain")]
    c.fact("upper_abdominal_pain")
    c.fact("abdominal_pain")
    return Piece("upper_abdominal_pain", "pos", prose, note, abbr, short)


def pc_bloating(c, dur=None):
    r = c.r
    He = c.He
    dp, dn, _ = dur or c.dur(6, 30)
    prose = ["%s complains of %s." % (He, P("bloating", "bloating that builds through the day")),
             "%s is troubled by %s for %s." % (He, P("bloating", "abdominal bloating"), dp),
             "There is %s, worse in the evenings." % P("bloating", "marked bloating")]
    note = [P("bloating", "bloating") + " " + dn, P("bloating", "abdominal bloating")]
    abbr = [P("bloating", "bloating ++")]
    c.fact("bloating")
    return Piece("bloating", "pos", prose, note, abbr, [P("bloating", "bloating")])


def pc_dyspepsia(c, dur=None, returned=False):
    r = c.r
    He, he, his = c.He, c.he, c.his
    dp, dn, _ = dur or c.dur(6, 30)
    if returned:
        prose = ["%s %s came back about %s ago after settling for a while." % (his.capitalize(), P("dyspepsia", "indigestion"), dp),
                 "%s has %s again; it returned %s ago." % (He, P("dyspepsia", "dyspepsia"), dp)]
    else:
        prose = ["%s has had %s for %s." % (He, P("dyspepsia", "indigestion after meals"), dp),
                 "%s complains of %s over %s." % (He, P("dyspepsia", "dyspepsia"), dp),
                 "%s describes %s for %s." % (He, P("dyspepsia", "burning indigestion, mostly after larger meals"), dp)]
    note = ["%s %s" % (P("dyspepsia", "dyspepsia"), dn), "%s %s" % (P("dyspepsia", "indigestion"), dn)]
    abbr = ["%s %s" % (P("dyspepsia", "dyspepsia"), dn)]
    c.fact("dyspepsia")
    return Piece("dyspepsia", "pos", prose, note, abbr, [P("dyspepsia", "dyspepsia"), P("dyspepsia", "indigestion")])


def pc_reflux(c, dur=None):
    r = c.r
    He, he = c.He, c.he
    dp, dn, _ = dur or c.dur(6, 40)
    prose = ["%s has %s for %s, worse lying flat." % (He, P("reflux", "heartburn and acid reflux"), dp),
             "%s describes %s over %s." % (He, P("reflux", "reflux with a sour taste in the mouth"), dp),
             "%s is troubled by %s." % (He, P("reflux", "heartburn most evenings"))]
    note = ["%s %s" % (P("reflux", "reflux"), dn), "%s %s" % (P("reflux", "heartburn"), dn)]
    abbr = ["%s %s" % (P("reflux", "reflux sx"), dn), "%s %s" % (P("reflux", "GORD sx"), dn)]
    c.fact("reflux")
    return Piece("reflux", "pos", prose, note, abbr, [P("reflux", "reflux"), P("reflux", "heartburn")])


def pc_weight_loss(c, dur=None):
    r = c.r
    He, he, his = c.He, c.he, c.his
    dp, dn, w = dur or c.dur(8, 26)
    kg = r.randint(5, 12)
    base = r.randint(58, 95)
    prose = [
        "%s has %s over %s." % (He, P("weight_loss", "lost %d kg without trying" % kg), dp),
        "%s." % P("weight_loss", "%s weight has fallen from %d kg to %d kg over %s, unintentional weight loss that neither of us can explain" % (his.capitalize(), base, base - kg, dp)),
        "There has been %s over %s." % (P("weight_loss", "unexplained weight loss of about %d kg" % kg), dp),
    ]
    note = ["%s over %s" % (P("weight_loss", "unintentional weight loss %d kg" % kg), dn),
            "%s (%d kg, %s)" % (P("weight_loss", "unexplained weight loss"), kg, dn)]
    abbr = ["%s %dkg/%s" % (P("weight_loss", "unintentional wt loss"), kg, dn)]
    short = [P("weight_loss", "weight loss"), P("weight_loss", "unexplained weight loss")]
    c.fact("weight_loss")
    return Piece("weight_loss", "pos", prose, note, abbr, short)


def pc_haematemesis(c):
    r = c.r
    He, he = c.He, c.he
    n = r.choice(["twice", "three times", "on three occasions", "twice in the last four days"])
    last = r.choice(["most recently yesterday", "the last time two days ago", "most recently this morning"])
    prose = ["%s has %s, %s." % (He, P("haematemesis", "vomited fresh blood " + n), last),
             "%s reports %s, %s." % (He, P("haematemesis", "haematemesis %s" % n), last),
             "%s has been %s this week, %s." % (He, P("haematemesis", "vomiting blood-streaked fluid"), last)]
    note = ["%s %s, %s" % (P("haematemesis", "haematemesis"), n, last)]
    abbr = ["%s x2-3 this wk" % P("haematemesis", "haematemesis")]
    c.fact("haematemesis")
    return Piece("haematemesis", "pos", prose, note, abbr, [P("haematemesis", "haematemesis")])


def pc_jaundice(c, confirmed_by=None):
    r = c.r
    He, he, his = c.He, c.he, c.his
    dp, dn, _ = c.dur(1, 4)
    if confirmed_by:
        prose = ["%s %s noticed %s; I agree, %s." % (His_(c), confirmed_by, P("jaundice", "%s eyes looking yellow about %s ago" % (his, dp)), P("jaundice", "%s is clinically jaundiced with yellow sclerae" % he))]
    else:
        prose = ["%s has been %s for %s, with dark urine and pale stools." % (He, P("jaundice", "visibly jaundiced"), dp),
                 "%s presented with %s over %s; it is painless." % (He, P("jaundice", "painless jaundice"), dp),
                 "%s has %s and itching that started %s ago." % (He, P("jaundice", "yellow skin and eyes"), dp)]
    note = ["%s %s, painless" % (P("jaundice", "jaundice"), dn), "%s %s" % (P("jaundice", "jaundiced"), dn)]
    abbr = ["%s %s" % (P("jaundice", "jaundiced"), dn)]
    c.fact("jaundice")
    return Piece("jaundice", "pos", prose, note, abbr, [P("jaundice", "jaundice")])


def His_(c):
    return c.His if not c.third_person else "The patient's"


def ex_rectal_mass(c):
    r = c.r
    cm = r.randint(4, 8)
    prose = ["On rectal examination there is %s." % P("rectal_mass", "a firm, irregular mass at about %d cm" % cm),
             "PR: %s." % P("rectal_mass", "hard craggy rectal mass palpable at the fingertip")]
    note = ["PR: %s" % P("rectal_mass", "firm irregular rectal mass ~%dcm" % cm)]
    abbr = ["PR: %s" % P("rectal_mass", "craggy mass ~%dcm" % cm)]
    c.fact("rectal_mass")
    return Piece("rectal_mass", "pos", prose, note, abbr, [P("rectal_mass", "rectal mass")])


def ex_anal_mass(c):
    prose = ["On examination there is %s." % P("anal_mass", "a firm, irregular mass at the anal margin, about 2 cm"),
             "Examination shows %s." % P("anal_mass", "a hard anal mass at 5 o'clock")]
    note = ["O/E %s" % P("anal_mass", "firm irregular anal mass ~2cm")]
    c.fact("anal_mass")
    return Piece("anal_mass", "pos", prose, note, None, [P("anal_mass", "anal mass")])


def ex_abdo_mass(c):
    r = c.r
    where = r.choice(["right iliac fossa", "left iliac fossa", "suprapubic region", "right flank"])
    cm = r.randint(4, 9)
    prose = ["On examination there is %s." % P("abdominal_mass", "a firm mass in the %s, about %d cm" % (where, cm)),
             "I can feel %s." % P("abdominal_mass", "a hard, fixed mass in the %s" % where)]
    note = ["O/E %s" % P("abdominal_mass", "palpable %s mass ~%dcm" % (where, cm))]
    abbr = ["O/E %s" % P("abdominal_mass", "%s mass" % {"right iliac fossa": "RIF", "left iliac fossa": "LIF"}.get(where, where))]
    c.fact("abdominal_mass")
    return Piece("abdominal_mass", "pos", prose, note, abbr, [P("abdominal_mass", "abdominal mass")])


def ex_ascites(c):
    prose = ["%s abdomen is distended with %s." % (His_(c), P("ascites", "shifting dullness, in keeping with ascites")),
             "There is %s today." % P("ascites", "clinically obvious ascites"),
             "An ultrasound last week confirmed %s and %s abdomen is tense today." % (P("ascites", "moderate ascites"), c.his)]
    note = [P("ascites", "ascites ++, shifting dullness"), P("ascites", "moderate ascites on exam")]
    c.fact("ascites")
    return Piece("ascites", "pos", prose, note, None, [P("ascites", "ascites")])


def ex_normal_abdo(c):
    r = c.r
    prose = ["%s abdomen is soft and %s." % (His_(c), X("negated", "abdominal_mass", "there are no masses")),
             "Abdominal examination: soft, non-tender, %s." % X("negated", "abdominal_mass", "no masses")]
    note = ["abdo soft, %s" % X("negated", "abdominal_mass", "no masses"),
            "abdomen SNT, %s" % X("negated", "abdominal_mass", "no palpable mass")]
    abbr = ["abdo SNT, %s" % X("negated", "abdominal_mass", "no mass")]
    return Piece("abdominal_mass", "neg", prose, note, abbr, [X("negated", "abdominal_mass", "no abdominal mass")])


def ex_normal_pr(c, haem=False):
    extra = ""
    if haem:
        extra = "; " + N("exam_haemorrhoids", "small internal haemorrhoids on proctoscopy, not bleeding today")
    prose = ["Rectal examination was normal, %s%s." % (X("negated", "rectal_mass", "with no masses felt"), extra),
             "PR: %s%s." % (X("negated", "rectal_mass", "no mass, soft brown stool"), extra)]
    note = ["PR: %s%s" % (X("negated", "rectal_mass", "no masses"), extra)]
    abbr = ["PR: %s%s" % (X("negated", "rectal_mass", "NAD, no mass"), extra)]
    return Piece("rectal_mass", "neg", prose, note, abbr, [X("negated", "rectal_mass", "no rectal mass")])


def pc_confusion(c):
    r = c.r
    who = c.spouse
    prose = ["%s %s tells me %s has been %s; when I saw %s %s." % (His_(c), who, c.he, P("confusion", "increasingly muddled and sleepy over the past week"), c.him, P("confusion", "%s was disorientated to time and had a flap" % c.he)),
             "%s has developed %s over the last few days." % (c.He, P("confusion", "new confusion and day-time drowsiness"))]
    note = [P("confusion", "new confusion, drowsy, asterixis present")]
    c.fact("confusion")
    return Piece("confusion", "pos", prose, note, None, [P("confusion", "confusion")])


# --------------------------------------------------------------------------
# negations (distractors)
# --------------------------------------------------------------------------
NEG = {
    "dysphagia": (["{He} has no difficulty swallowing.", "There is no dysphagia.", "{He} denies any swallowing problems."],
                  ["no dysphagia", "swallowing normal"], ["nil dysphagia", "no dysph"], ["no dysphagia", "swallowing fine"]),
    "weight_loss": (["{His} weight is stable.", "There has been no weight loss.", "{He} has not lost any weight."],
                    ["weight stable", "no weight loss"], ["wt stable", "no wt loss"], ["weight stable", "no weight loss"]),
    "rectal_bleeding": (["{He} has not seen any blood in the stool.", "There is no rectal bleeding."],
                        ["no rectal bleeding", "no PR bleeding"], ["no PR bleed", "nil PR bld"], ["no rectal bleeding", "no PR bleeding"]),
    "haematemesis": (["{He} has not vomited blood.", "There is no haematemesis."],
                     ["no haematemesis"], ["no haematemesis"], ["no haematemesis"]),
    "jaundice": (["{He} is not jaundiced.", "There is no jaundice."], ["not jaundiced", "no jaundice"],
                 ["not jaundiced"], ["no jaundice"]),
    "cibh": (["{His} bowel habit is unchanged.", "There has been no change in bowel habit."],
             ["bowel habit unchanged", "no change in bowel habit"], ["no CIBH", "BH unchanged"], ["no change in bowel habit"]),
    "abdominal_pain": (["{He} has no abdominal pain.", "There is no abdominal pain."],
                       ["no abdominal pain"], ["no abdo pain"], ["no abdominal pain"]),
    "dyspepsia": (["{He} has no indigestion.", "There is no dyspepsia."], ["no dyspepsia", "no indigestion"],
                  ["no dyspepsia"], ["no indigestion"]),
    "reflux": (["{He} has no heartburn or reflux."], ["no reflux"], ["no reflux sx"], ["no reflux"]),
    "bloating": (["There is no bloating."], ["no bloating"], ["no bloating"], ["no bloating"]),
    "melaena": (["There has been no melaena.", "{His} stools have not been black."], ["no melaena"], ["no melaena"],
                ["no melaena"]),
    "vomiting": (["{He} is not vomiting.", "There has been no vomiting."], ["no vomiting"], ["no vomiting"], ["no vomiting"]),
    "ascites": (["There is no ascites.", "There is no shifting dullness."], ["no ascites"], ["no ascites"], ["no ascites"]),
    "confusion": (["{He} is not confused.", "There has been no confusion."], ["no confusion"], ["no confusion"], ["no confusion"]),
    "bloody_diarrhoea": (["There is no diarrhoea and no blood in the stool."], ["no diarrhoea"], ["no diarrhoea"], ["no diarrhoea"]),
    "abdominal_mass": (["There are no abdominal masses."], ["no abdominal mass"], ["no abdo mass"], ["no abdominal mass"]),
}


def neg_piece(c, fact):
    prose, note, abbr, short = NEG[fact]
    f = lambda s: cap(s.replace("{He}", c.He).replace("{His}", His_(c)).replace("{he}", c.he))
    return Piece(fact, "neg", [X("negated", fact, f(s)) for s in prose],
                 [X("negated", fact, s) for s in note], [X("negated", fact, s) for s in abbr],
                 [X("negated", fact, s) for s in short])


def add_negs(c, facts, k=None):
    """add negations for facts that are false in this case"""
    r = c.r
    cand = []
    for fct in facts:
        if fct in c.f and c.f[fct]:
            continue
        if fct == "abdominal_pain" and (c.f["abdominal_pain"] or c.f["upper_abdominal_pain"]):
            continue
        if fct == "bloody_diarrhoea" and (c.f["cibh"] or c.f["bloody_diarrhoea"]):
            continue
        if fct == "rectal_bleeding" and c.f["bloody_diarrhoea"]:
            continue
        if fct == "abdominal_mass" and c.f["abdominal_mass"]:
            continue
        if fct in [p.fact for p in c.neg] or fct in cand:
            continue
        cand.append(fct)
    if k is not None and len(cand) > k:
        cand = r.sample(cand, k)
    for fct in cand:
        c.neg.append(neg_piece(c, fct))


# --------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------
def hb_anaemic(c, v):
    return v < (130 if c.sex == "M" else 120)


def is_normal(c, res):
    t, v = res["test"], res["value"]
    if t == "hb":
        return not hb_anaemic(c, v)
    if t == "ferritin":
        return v >= 30
    if t == "alt":
        return v < 40
    return False


def fit_text(res, r, style):
    v, q = res["value"], res["qual"]
    if q == "negative":
        return r.choice(["FIT negative", "FIT: negative"])
    if q == "undetectable":
        return r.choice(["FIT undetectable", "FIT: undetectable"])
    if q == "<":
        return r.choice(["FIT <%d" % v, "FIT: <%d" % v, "qFIT <%d ug Hb/g" % v])
    if style == "abbr":
        return r.choice(["FIT %d" % v, "qFIT %d" % v])
    if v >= 10:
        return r.choice(["FIT %d ug/g" % v, "qFIT positive at %d" % v, "FIT %d ug Hb/g" % v, "FIT %d" % v,
                         "qFIT %d ug Hb/g faeces" % v])
    return r.choice(["FIT %d" % v, "FIT %d ug Hb/g" % v, "qFIT %d ug/g" % v])


def res_core(c, res, style):
    """the visible text of one result, without date"""
    r = c.r
    t, v = res["test"], res["value"]
    if t == "hb":
        if style == "abbr":
            return r.choice(["Hb %d" % v, "Hb %.1fg/dL" % (v / 10.0)])
        return r.choice(["Hb %d g/L" % v, "haemoglobin %d g/L" % v, "Hb %.1f g/dL" % (v / 10.0),
                         "haemoglobin %.1f g/dL" % (v / 10.0), "Hb %d" % v])
    if t == "ferritin":
        if style == "abbr":
            return r.choice(["ferritin %d" % v, "ferr %d" % v])
        return r.choice(["ferritin %d ug/L" % v, "ferritin %d" % v, "ferritin %d \u00b5g/L" % v, "ferritin %d ng/mL" % v])
    if t == "fit":
        return fit_text(res, r, style)
    if t == "calprotectin":
        if style == "abbr":
            return "FCP %d" % v
        return r.choice(["faecal calprotectin %d ug/g" % v, "calprotectin %d" % v, "FCP %d" % v,
                         "FCP %d ug/g" % v, "faecal calprotectin %d" % v])
    if t == "alt":
        if style == "abbr":
            return "ALT %d" % v
        opts = ["ALT %d U/L" % v, "ALT %d" % v, "ALT %d IU/L" % v]
        if 80 <= v <= 400 and v % 40 == 0:
            opts.append("ALT %dx ULN (%d)" % (v // 40, v))
        elif 80 <= v <= 400:
            opts.append("ALT %.1fx ULN (%d)" % (v / 40.0, v))
        return r.choice(opts)
    if t == "ttg":
        if res.get("positive"):
            return r.choice(["tTG IgA %d U/mL (ref <7)" % v, "coeliac serology positive, tTG %d U/mL (normal <7)" % v,
                             "anti-tTG IgA raised at %d U/mL (<7)" % v])
        return r.choice(["coeliac serology negative (tTG <1 U/mL)", "tTG IgA negative"])
    if t == "other":
        return res["text"]
    raise ValueError(t)


def mark_res(c, res, text):
    t = res["test"]
    if t == "other":
        return N("other_result", text)
    if t == "ttg":
        if not res["newest"]:
            return X("superseded_value", "ttg", text)
        return P("ttg", text) if res.get("positive") else X("normal_value", "ttg", text)
    if not res["newest"]:
        return X("superseded_value", t, text)
    if is_normal(c, res):
        return PN(t, text)
    return P(t, text)


def res_inline(c, res, style="inline", date=None):
    r = c.r
    core = res_core(c, res, style)
    if date is None:
        date = (not res["newest"]) or r.random() < 0.35
    if date:
        st = r.choice(["dmy", "dmys", "long", "my", "dmy2"])
        ds = fd(res["date"], st)
        if st == "my":
            core = r.choice(["%s (%s)" % (core, ds), "%s in %s" % (core, ds)])
        else:
            core = r.choice(["%s (%s)" % (core, ds), "%s on %s" % (core, ds), "%s in %s" % (core, fd(res["date"], "my"))])
    return mark_res(c, res, core)


REF = {"hb": ("Haemoglobin", "g/L"), "ferritin": ("Ferritin", "ug/L"), "fit": ("FIT", "ug Hb/g"),
       "calprotectin": ("Faecal calprotectin", "ug/g"), "alt": ("ALT", "U/L"), "ttg": ("tTG IgA", "U/mL")}


def res_row(c, res, show_date=True):
    r = c.r
    if res["test"] == "other":
        return N("other_result", res["row"])
    t, v = res["test"], res["value"]
    name, unit = REF[t]
    flag = ""
    if t == "hb":
        rr = "130-170" if c.sex == "M" else "120-150"
        val = "%d" % v
        flag = "L" if hb_anaemic(c, v) else ""
    elif t == "ferritin":
        rr, val = "30-400", "%d" % v
        flag = "L" if v < 30 else ""
    elif t == "fit":
        rr = "<10"
        if res["qual"] == "=":
            val = "%d" % v
        elif res["qual"] == "<":
            val = "<%d" % v
        else:
            val = res["qual"]
        flag = "H" if (res["qual"] == "=" and v >= 10) else ""
    elif t == "calprotectin":
        rr, val = "<50", "%d" % v
        flag = "H" if v >= 50 else ""
    elif t == "alt":
        rr, val = "<40", "%d" % v
        flag = "H" if v >= 40 else ""
    elif t == "ttg":
        rr = "<7"
        val = "%d" % v if res.get("positive") else "<1"
        flag = "H" if res.get("positive") else ""
    ds = fd(res["date"], "dmy") if show_date else ""
    row = "%-22s %-7s %-8s (%s) %-2s %s" % (name, val, unit, rr, flag, ds)
    return mark_res(c, res, row.rstrip())


def other_results(c, k):
    r = c.r
    pool = [("CRP", "CRP %d" % r.randint(1, 9), "mg/L", "<10"),
            ("eGFR", "eGFR %d" % r.randint(62, 90), "mL/min", ">60"),
            ("Bilirubin", "bilirubin %d" % r.randint(5, 18), "umol/L", "<21"),
            ("Platelets", "platelets %d" % r.randint(160, 390), "x10^9/L", "150-400"),
            ("TSH", "TSH %.1f" % (r.randint(8, 38) / 10.0), "mU/L", "0.3-4.2"),
            ("Albumin", "albumin %d" % r.randint(36, 46), "g/L", "35-50"),
            ("B12", "B12 %d" % r.randint(250, 600), "ng/L", "180-900")]
    out = []
    for name, txt, unit, rr in r.sample(pool, k):
        val = txt.split()[-1]
        row = "%-22s %-7s %-8s (%s)" % (name, val, unit, rr)
        out.append({"test": "other", "text": txt, "row": row, "newest": True, "date": None})
    return out


# --------------------------------------------------------------------------
# medicines
# --------------------------------------------------------------------------
def med_line(c, m, style="list"):
    r = c.r
    parts = [m["name"] + " " + m["dose"]]
    if m.get("start"):
        ds = fd(m["start"], r.choice(["dmy", "long", "dmys"]))
        parts.append(r.choice(["(started %s)" % ds, "- since %s" % ds, "[issued from %s]" % ds]))
    if m.get("ind") and style != "abbr":
        parts.append("for " + m["ind"])
    if m.get("stopped"):
        parts.append("- stopped %s" % m["stopped"])
    txt = " ".join(parts)
    if m.get("link") == "ppi_trial":
        return P("ppi_trial", txt)
    return N("med", txt)


def med_list(c, style="list", bullet="- "):
    return [bullet + med_line(c, m, style) for m in c.meds]


PPI_DRUGS = [("Omeprazole", "20 mg once daily"), ("Lansoprazole", "30 mg once daily"),
             ("Omeprazole", "40 mg once daily"), ("Esomeprazole", "20 mg daily"), ("Pantoprazole", "40 mg daily")]


def ppi_trial(c, days):
    """dyspepsia persisting on a PPI started `days` ago; creates med + piece"""
    r = c.r
    name, dose = r.choice(PPI_DRUGS)
    start = c.ago(days)
    c.f["ppi_start"] = start.isoformat()
    c.f["ppi_days"] = days
    c.med(name, dose, start=start, link="ppi_trial")
    wk = days // 7
    if days % 7 == 0:
        wtxt = r.choice(["%d weeks" % wk, words(wk) + " weeks"])
    else:
        wtxt = "%d weeks" % wk if days % 7 <= 3 else "nearly %d weeks" % (wk + 1)
    ds = fd(start, r.choice(["dmy", "long", "dmys", "ord"]))
    nm = name.lower()
    prose = ["This is despite %s." % P("ppi_trial", "%s %s since %s (%s now)" % (nm, dose, ds, wtxt)),
             "It has not settled on %s." % P("ppi_trial", "%s %s, started on %s, so %s of treatment" % (nm, dose, ds, wtxt)),
             "%s is still getting it despite %s." % (c.He, P("ppi_trial", "%s %s since %s, i.e. for %s" % (nm, dose, ds, wtxt)))]
    note = ["despite %s" % P("ppi_trial", "%s %s since %s (%s)" % (nm, dose, ds, wtxt))]
    abbr = ["despite %s" % P("ppi_trial", "PPI (%s) since %s = %s" % (nm, ds, wtxt))]
    return Piece("ppi_trial", "pos", prose, note, abbr, note)


# --------------------------------------------------------------------------
# background history (the emphasis of this set)
# --------------------------------------------------------------------------
def yr(c, lo, hi):
    return c.ld.year - c.r.randint(lo, hi)


def hist_item(c, tag):
    """returns list of (section, Piece); may set facts and add medicines"""
    r = c.r
    He, he, his = c.He, c.he, c.his
    out = []
    if tag == "prev_colonoscopy":
        d = c.ago(r.randint(400, 2500))
        res = r.choice(["normal to the caecum", "mild diverticulosis only, otherwise normal", "normal, good views",
                        "one 4 mm hyperplastic polyp removed, nothing else"])
        t = N("hist_prev_colonoscopy", "Colonoscopy %s: %s" % (fd(d, r.choice(["dmy", "my", "long"])), res))
        out.append(("hist", Piece(None, "hist", [t + "."], [t], [t], [t], tag)))
    elif tag == "prev_ogd":
        d = c.ago(r.randint(400, 2500))
        res = r.choice(["mild antral gastritis, CLO test negative", "normal", "small hiatus hernia only",
                        "grade A oesophagitis, otherwise normal"])
        t = N("hist_prev_ogd", "OGD %s: %s" % (fd(d, r.choice(["dmy", "my", "long"])), res))
        out.append(("hist", Piece(None, "hist", [t + "."], [t], [t], [t], tag)))
    elif tag == "barretts":
        d = c.ago(r.randint(200, 900))
        t = N("hist_barretts", "Barrett's oesophagus (C%dM%d), on surveillance; last OGD %s showed no dysplasia"
              % (r.randint(0, 3), r.randint(2, 5), fd(d, r.choice(["dmy", "my"]))))
        out.append(("hist", Piece(None, "hist", [t + "."], [t], [t], [t], tag)))
        if not any(m.get("link") == "ppi_trial" for m in c.meds) and not c.f["dyspepsia"]:
            c.med(*r.choice(PPI_DRUGS[:2]), ind="Barrett's oesophagus")
    elif tag == "polyps":
        y = yr(c, 2, 5)
        t = N("hist_polyps", "%s tubular adenomas removed at colonoscopy in %d; surveillance colonoscopy %s"
              % (r.choice(["Two", "Three", "Two small"]), y, r.choice(["due this year", "was due last year", "planned"])))
        out.append(("hist", Piece(None, "hist", [t + "."], [t], [t], [t], tag)))
    elif tag == "prev_crc":
        y = yr(c, 5, 9)
        op, site = r.choice([("Right hemicolectomy", "caecal"), ("Right hemicolectomy", "ascending colon"),
                             ("Anterior resection", "rectosigmoid"), ("Sigmoid colectomy", "sigmoid"), ("Left hemicolectomy", "descending colon")])
        t = N("hist_prev_crc", "%s in %d for a T2N0 %s cancer; discharged from colorectal follow-up in %d" % (op, y, site, y + 5))
        out.append(("hist", Piece(None, "hist", [t + "."], [t], [t], [t], tag)))
    elif tag == "coeliac_known":
        y = yr(c, 4, 15)
        t = N("hist_coeliac", "coeliac disease diagnosed on duodenal biopsy in %d, strict gluten-free diet" % y)
        d = c.ago(r.randint(200, 500))
        t2 = X("normal_value", "ttg", "tTG normal in %s" % fd(d, "my"))
        s = "%s; %s" % (t, t2)
        out.append(("hist", Piece(None, "hist", [cap(s) + "."], [s], [s], [s], tag)))
    elif tag == "diverticular":
        y = yr(c, 2, 8)
        t = N("hist_diverticular", "Diverticular disease on CT in %d" % y)
        t2 = X("resolved_past", "abdominal_pain", "one admission with diverticulitis that year, none since")
        s = "%s; %s" % (t, t2)
        out.append(("hist", Piece(None, "hist", [s + "."], [s], [s], [s], tag)))
    elif tag == "haemorrhoids":
        y = yr(c, 2, 7)
        t = N("hist_haemorrhoids", "Grade II haemorrhoids banded in %d" % y)
        if not c.f["rectal_bleeding"] and not c.f["bloody_diarrhoea"]:
            t = t + "; " + X("resolved_past", "rectal_bleeding", "the bleeding stopped after banding and there has been none since")
        out.append(("hist", Piece(None, "hist", [t + "."], [t], [t], [t], tag)))
    elif tag == "cholecystectomy":
        y = yr(c, 3, 20)
        t = N("hist_cholecystectomy", "laparoscopic cholecystectomy %d" % y)
        out.append(("hist", Piece(None, "hist", [cap(t) + "."], [t], [t], [t], tag)))
    elif tag == "hpylori_treated":
        y = yr(c, 2, 8)
        t = N("hist_hpylori", "H. pylori positive in %d, eradicated (stool antigen negative afterwards)" % y)
        out.append(("hist", Piece(None, "hist", [t + "."], [t], [t], [t], tag)))
    elif tag == "prev_ida_resolved":
        y = yr(c, 5, 12)
        t = X("resolved_past", "hb", "anaemia after the birth of %s second child in %d, corrected with iron at the time" % (c.his, y))
        out.append(("past", Piece("hb", "past", [cap(t) + "."], [t], [t], [t], tag)))
    elif tag == "ibd_stable_bg":
        y = yr(c, 5, 20)
        kind = r.choice(["ulcerative colitis", "Crohn's disease"])
        drug = ("Mesalazine", "2.4 g daily") if kind == "ulcerative colitis" else ("Azathioprine", "100 mg daily")
        t = "%s, %s" % (P("known_ibd", "%s since %d" % (kind, y)), P("ibd_stable", "in remission for several years on %s" % drug[0].lower()))
        c.med(drug[0], drug[1], ind=None)
        c.fact("known_ibd")
        c.fact("ibd_stable")
        out.append(("hist", Piece("known_ibd", "hist", [cap(t) + "."], [t], [t], [t], tag)))
    elif tag == "cirrhosis_comp_bg":
        y = yr(c, 2, 8)
        t = "%s, compensated, %s" % (P("known_cirrhosis", "alcohol-related cirrhosis diagnosed in %d" % y),
                                     X("negated", "ascites", "no ascites or encephalopathy to date"))
        c.med("Carvedilol", "6.25 mg twice daily", ind=None)
        c.fact("known_cirrhosis")
        out.append(("hist", Piece("known_cirrhosis", "hist", [cap(t) + "."], [t], [t], [t], tag)))
    elif tag == "fatty_liver_bg":
        d = c.ago(r.randint(40, 330))
        t = P("fatty_liver_imaging", "fatty liver on ultrasound %s" % fd(d, r.choice(["dmy", "my", "long"])))
        c.fact("fatty_liver_imaging")
        out.append(("hist", Piece("fatty_liver_imaging", "hist", [cap(t) + "."], [t], [t], [t], tag)))
    elif tag == "rereferral_discharged":
        d = c.ago(r.randint(300, 1100))
        cons = r.choice(CONSULTANTS)
        summ = r.choice(["IBS-type symptoms, bloods normal, reassured", "functional dyspepsia, advice given",
                         "symptoms settled by the time of the appointment", "normal investigations, no follow-up needed"])
        t = X("history_document", "clinic_letter", "Seen in the gastroenterology clinic by %s on %s (\"%s; discharged with advice\")" % (cons, fd(d, "dmy"), summ))
        out.append(("docs", Piece(None, "doc", [t + "."], [t], [t], [t], tag)))
    elif tag == "prev_egd_barrett_none":
        pass
    else:
        raise ValueError(tag)
    c.history_tags.append(tag)
    return out


def add_history(c, tags, k=1):
    r = c.r
    tags = [t for t in tags if t not in c.history_tags]
    if not tags:
        return
    for tag in r.sample(tags, min(k, len(tags))):
        for sec, pc in hist_item(c, tag):
            getattr(c, sec).append(pc)


# --------------------------------------------------------------------------
# non-GI problems, family history, resolved past, hypotheticals, others
# --------------------------------------------------------------------------
NONGI = {
    "knee": ("knee osteoarthritis", [("Naproxen", "500 mg twice daily"), ("Co-codamol", "30/500 two tablets qds prn")], "knee pain"),
    "diabetes": ("type 2 diabetes", [("Metformin", "500 mg twice daily"), ("Gliclazide", "80 mg daily")], None),
    "mood": ("low mood", [("Sertraline", "50 mg daily")], "low mood"),
    "htn": ("hypertension", [("Amlodipine", "5 mg daily"), ("Ramipril", "5 mg daily")], None),
    "af": ("atrial fibrillation", [("Apixaban", "5 mg twice daily"), ("Bisoprolol", "2.5 mg daily")], None),
    "ihd": ("ischaemic heart disease (stent 2019)", [("Aspirin", "75 mg daily"), ("Clopidogrel", "75 mg daily"), ("Atorvastatin", "80 mg nocte")], None),
    "copd": ("COPD", [("Trimbow", "2 puffs twice daily")], "breathlessness on exertion"),
    "thyroid": ("hypothyroidism", [("Levothyroxine", "100 micrograms daily")], None),
    "gout": ("gout", [("Allopurinol", "300 mg daily")], None),
    "asthma": ("asthma", [("Salbutamol", "inhaler prn"), ("Clenil", "100 mcg two puffs bd")], None),
    "ra": ("rheumatoid arthritis", [("Methotrexate", "15 mg once weekly"), ("Folic acid", "5 mg weekly")], "joint stiffness"),
    "back": ("chronic low back pain", [("Ibuprofen", "400 mg tds prn")], "back pain"),
    "ckd": ("CKD stage 3a", [], None),
    "psoriasis": ("psoriasis", [("Dovobet gel", "daily")], None),
    "dvt": ("DVT last year", [("Rivaroxaban", "20 mg daily")], None),
    "t1dm": ("type 1 diabetes", [("Insulin glargine", "22 units at night"), ("Insulin aspart", "with meals")], None),
}
NONGI_MIN_AGE = {"knee": 45, "diabetes": 35, "htn": 35, "af": 55, "ihd": 50, "copd": 45, "gout": 35, "ckd": 55,
                 "ra": 30, "dvt": 30, "back": 25}


def add_nongi(c, keys):
    r = c.r
    keys = [k for k in keys if c.age >= NONGI_MIN_AGE.get(k, 18)] or ["asthma" if c.age < 35 else "htn"]
    have = [p.tag for p in c.nongi]
    for key in keys:
        if key in have or (key == "diabetes" and "t1dm" in have) or (key == "t1dm" and "diabetes" in have):
            continue
        have.append(key)
        name, meds, symptom = NONGI[key]
        Hs = c.His if not c.third_person else "The patient's"
        if key == "knee":
            prose = r.choice(["%s right knee osteoarthritis is still troublesome and %s is on the list for an orthopaedic opinion" % (Hs, c.he),
                              "We also discussed %s knee, which is no better despite physiotherapy" % c.his])
            note = r.choice(["right knee OA, awaiting orthopaedics", "knee osteoarthritis (painful, on naproxen)"])
        elif key == "diabetes":
            a1c = r.randint(48, 68)
            prose = r.choice(["%s type 2 diabetes review was done at the same visit: HbA1c %d mmol/mol" % (Hs, a1c),
                              "%s diabetes is reasonably controlled (HbA1c %d)" % (Hs, a1c)])
            note = "type 2 diabetes, HbA1c %d" % a1c
        elif key == "mood":
            phq = r.randint(8, 16)
            prose = r.choice(["%s mood has been low since a bereavement last year and %s started sertraline, PHQ-9 %d" % (Hs, c.he, phq),
                              "We also talked about %s low mood; PHQ-9 today was %d" % (c.his, phq)])
            note = "low mood, on sertraline, PHQ-9 %d" % phq
        else:
            prose = cap(name)
            note = name
        c.nongi.append(Piece(None, "nongi", [N("nongi_" + key, cap(prose)) + "."], [N("nongi_" + key, note)],
                             [N("nongi_" + key, note)], [N("nongi_" + key, note)], key))
        if symptom:
            c.nongi_symptoms.append(symptom)
        for m in meds[: r.randint(1, len(meds))] if meds else []:
            if m[0] not in [x["name"] for x in c.meds]:
                c.med(m[0], m[1])


FH_OPTS = {
    "fh_crc": ["{rel} had bowel cancer {when}", "{rel} died of bowel cancer {when}",
               "there is a family history of bowel cancer ({rel}, {when})"],
    "fh_gastric": ["{rel} had stomach cancer {when}", "{rel} had oesophageal cancer {when}"],
    "fh_ibd": ["{rel} has Crohn's disease", "{rel} has ulcerative colitis"],
    "fh_coeliac": ["{rel} has coeliac disease"],
    "fh_liver": ["{rel} died of liver cirrhosis {when}"],
}


def relative(c, allow_sibling=True):
    """a blood relative with a plausible age at diagnosis, given the patient's age"""
    r = c.r
    opts = [("father", "his", "parent"), ("mother", "her", "parent"), ("maternal grandfather", "his", "grand"),
            ("paternal grandmother", "her", "grand"), ("paternal aunt", "her", "aunt"), ("maternal uncle", "his", "aunt")]
    if allow_sibling and c.age >= 40:
        opts += [("older brother", "his", "sib"), ("sister", "her", "sib")]
    relname, pos, kind = r.choice(opts)
    if kind == "parent":
        lo, hi = 40, min(88, c.age + 40)
    elif kind == "grand":
        lo, hi = 55, 88
    elif kind == "aunt":
        lo, hi = 40, min(85, c.age + 45)
    else:
        lo, hi = max(35, c.age - 8), c.age + 3
    a = r.randint(lo, max(lo, hi))
    if r.random() < 0.5:
        when = "aged %d" % a
    else:
        when = "in %s %s" % (pos, {2: "twenties", 3: "thirties", 4: "forties", 5: "fifties", 6: "sixties", 7: "seventies", 8: "eighties"}[a // 10])
    return relname, when


def fh_piece(c, kind):
    r = c.r
    relname, when = relative(c)
    owner = "the patient's" if c.third_person else c.his
    rel = owner + " " + relname
    tmpl = r.choice(FH_OPTS[kind])
    txt = tmpl.format(rel=rel, when=when)
    t = X("family_history", kind, txt)
    return Piece(kind, "fh", [cap(t) + "."], [t], [t], [t])


def fh_crc_positive(c):
    """A3: a family history of colorectal cancer (positive fact), ages plausible for the patient"""
    r = c.r
    par = r.choice(["mother", "father"])
    pa = r.randint(44, min(70, c.age + 35))
    opts = [
        "%s %s was diagnosed with bowel cancer at %d and %s %s uncle at %d" % (c.his, par, pa, c.his, "maternal" if par == "mother" else "paternal", r.randint(45, 62)),
        "%s %s and %s %s aunt both had colorectal cancer, aged %d and %d" % (c.his, par, c.his, "maternal" if par == "mother" else "paternal", pa, r.randint(50, 66)),
        "two first-degree relatives with bowel cancer: %s %s (aged %d) and %s %s (aged %d)" % (
            c.his, par, pa, c.his, "mother" if par == "father" else "father", r.randint(50, 75)),
    ]
    if c.age >= 38:
        opts.append("%s brother was diagnosed with bowel cancer aged %d last year" % (c.his, max(35, c.age + r.randint(-6, 4))))
        opts.append("%s sister had colon cancer at %d and %s %s at %d" % (c.his, max(35, c.age + r.randint(-6, 3)), c.his, par, pa))
    if c.age < 50:
        opts.append("%s %s has Lynch syndrome and was diagnosed with bowel cancer at %d" % (c.his, par, pa))
    txt = r.choice(opts)
    t = P("fh_crc", txt)
    c.fact("fh_crc")
    return Piece("fh_crc", "fh", [cap(t) + "."], [t], [t], [t])


PAST_OPTS = {
    "rectal_bleeding": ["an anal fissure with some rectal bleeding in {y}, which healed with GTN ointment; none since",
                        "a single episode of rectal bleeding in {y} put down to piles; it has not recurred"],
    "haematemesis": ["one episode of haematemesis after a night of heavy drinking in {y}; normal OGD at the time and none since"],
    "dysphagia": ["dysphagia in {y} due to oesophagitis, which resolved completely on a PPI; no swallowing problems since"],
    "jaundice": ["jaundice as a teenager with glandular fever, fully resolved"],
    "weight_loss": ["weight loss during chemotherapy in {y}, long since regained"],
    "cibh": ["a spell of loose stools after a course of antibiotics in {y}, which settled within a fortnight"],
}


def past_piece(c, fact):
    r = c.r
    txt = r.choice(PAST_OPTS[fact]).format(y=yr(c, 3, 12))
    t = X("resolved_past", fact, txt)
    return Piece(fact, "past", [cap(t) + "."], [t], [t], [t])


HYPO = {
    "dysphagia": "if {he} develops any difficulty swallowing",
    "haematemesis": "if {he} vomits blood or passes black stools",
    "rectal_bleeding": "if {he} notices any rectal bleeding",
    "weight_loss": "if {he} starts to lose weight",
    "jaundice": "if {he} becomes jaundiced",
    "bloody_diarrhoea": "if {he} has bloody diarrhoea",
}


def hypo_piece(c, facts):
    r = c.r
    cl = " or ".join(HYPO[f].format(he=c.he).replace("if ", "", 1) if i else HYPO[f].format(he=c.he) for i, f in enumerate(facts))
    if any(f in ("haematemesis", "bloody_diarrhoea") for f in facts):
        tail = r.choice([", %s knows to contact us the same day" % c.he, ", I have asked %s to ring 111 or attend A&E" % c.him])
    else:
        tail = r.choice([", %s knows to contact us the same day" % c.he, ", %s will come straight back" % c.he,
                         ", I have asked %s to book in again" % c.him])
    t = X("hypothetical", ",".join(facts), cl + tail)
    return Piece(",".join(facts), "hypo", [cap(t) + "."], [t], [t], [t])


def explained_wl_piece(c):
    r = c.r
    kg = r.randint(6, 25)
    opts = ["%s has lost %d kg since January on a Slimming World plan, on purpose, and is delighted" % (c.he, kg),
            "%s weight is down %d kg since %s sleeve gastrectomy in %d, exactly as planned by the bariatric team" % (c.his, kg + 15, c.his, yr(c, 1, 2)),
            "%s has deliberately lost %d kg with a diet and gym programme over the past year" % (c.he, kg)]
    t = X("explained_weight_loss", "weight_loss", r.choice(opts))
    return Piece("weight_loss", "other", [cap(t) + "."], [t], [t], [t])


def refuted_wl_piece(c):
    r = c.r
    w = r.randint(55, 92)
    who = r.choice(["daughter", "son", c.spouse])
    t = X("reported_refuted", "weight_loss", "%s %s thinks %s has lost weight, but %s weight today is %d kg, the same as at %s review in %s"
          % (c.his, who, c.he, c.his, w, c.his, fd(c.ago(r.randint(90, 300)), "my")))
    return Piece("weight_loss", "other", [cap(t) + "."], [t], [t], [t])


def relative_piece(c):
    r = c.r
    opts = [("%s %s, whom I also look after, has recently been diagnosed with bowel cancer, which is part of why %s is anxious" % (c.his, c.spouse, c.he), "relative_not_patient", "fh_crc"),
            ("%s attended with %s %s, who has ulcerative colitis and wondered if this was the same" % (c.He, c.his, c.spouse), "relative_not_patient", "known_ibd"),
            ("%s daughter, who was with %s, has coeliac disease herself" % (c.his, c.him), "relative_not_patient", "ttg")]
    txt, kind, fact = r.choice(opts)
    t = X(kind, fact, txt)
    return Piece(fact, "other", [cap(t) + "."], [t], [t], [t])


# --------------------------------------------------------------------------
# scenario builders, one family per rule
# --------------------------------------------------------------------------
def demo(c, lo, hi, sex=None, age=None, near_bday=None):
    a_lo, a_hi = max(lo, c.arange[0]), min(hi, c.arange[1])
    if age is None:
        assert a_lo <= a_hi, (c.id, lo, hi, c.arange)
        age = c.r.randint(a_lo, a_hi)
    c.set_demo(sex or c.r.choice("FM"), age, near_bday)


def q(c, text):
    c.question.append(Piece(None, "question", [N("question", text)], [N("question", text)], [N("question", text)]))


def pending_fit(c):
    r = c.r
    opts = ["FIT kit given today, result awaited", "FIT requested but not yet returned",
            "%s declined a FIT test" % c.he, "FIT not done yet"]
    t = X("pending_result", "fit", r.choice(opts))
    c.add("other", Piece("fit", "other", [cap(t) + "."], [t], [t], [t]))


BANDS = {"hb_F": [120], "hb_M": [130], "ferritin": [30], "alt": [40, 300], "calprotectin": [100, 250]}


def band(vals, v):
    return sum(1 for b in vals if v >= b)


def add_old_same_side(c, p=0.2):
    """an older result of a test already in the letter, on the same side of every line the spec draws
    (own random stream, so adding it leaves the rest of the letter unchanged)"""
    r = rng("older-value", c.id)
    if r.random() >= p:
        return
    tests = [t for t in ("hb", "ferritin", "alt", "calprotectin") if c.newest(t) is not None
             and not any(x["test"] == t and not x["newest"] for x in c.results)]
    if not tests:
        return
    t = r.choice(tests)
    new = c.newest(t)
    key = "hb_" + c.sex if t == "hb" else t
    lines = BANDS[key]
    want = band(lines, new["value"])
    for _ in range(40):
        if t == "hb":
            v = new["value"] + r.randint(-14, 14)
        elif t == "ferritin":
            v = max(3, new["value"] + r.randint(-40, 40))
        elif t == "alt":
            v = max(8, new["value"] + r.randint(-60, 60))
        else:
            v = max(5, new["value"] + r.randint(-80, 80))
        if v != new["value"] and band(lines, v) == want and all(abs(v - b) >= 3 for b in lines):
            c.add_result(t, v, days=(c.ld - new["date"]).days + r.randint(200, 700), newest=False)
            c.notes.append("older %s on the same side of the spec's lines as the newest" % t)
            return


def extras(c, negs=(), kneg=(2, 4), hist=(), phist=0.5, khist=(1, 2), fh=(), pfh=0.3, past=(), ppast=0.25,
           hypo=(), phypo=0.3, nongi=True, pnongi=0.55, other=(), pother=0.25, oth_res=(0, 2)):
    r = c.r
    add_old_same_side(c)
    if other and r.random() < pother:
        kind = r.choice(list(other))
        if kind == "explained_wl" and not c.f["weight_loss"]:
            c.add("other", explained_wl_piece(c))
            negs = [x for x in negs if x != "weight_loss"]
        elif kind == "refuted_wl" and not c.f["weight_loss"]:
            c.add("other", refuted_wl_piece(c))
            negs = [x for x in negs if x != "weight_loss"]
        elif kind == "relative":
            c.add("other", relative_piece(c))
    if hist and r.random() < phist:
        add_history(c, list(hist), r.randint(*khist))
    if negs:
        add_negs(c, list(negs), r.randint(*kneg))
    if fh and r.random() < pfh:
        c.add("fh", fh_piece(c, r.choice(list(fh))))
    if past and r.random() < ppast:
        f = r.choice(list(past))
        if not c.f.get(f):
            c.add("past", past_piece(c, f))
    if hypo and r.random() < phypo:
        hs = [h for h in hypo if not c.f.get(h)]
        if hs:
            c.add("hypo", hypo_piece(c, r.sample(hs, min(len(hs), r.randint(1, 2)))))
    if nongi and r.random() < pnongi:
        keys = sorted(NONGI)
        if isinstance(nongi, (list, tuple)):
            keys = list(nongi)
        keys = [k for k in keys if c.age >= NONGI_MIN_AGE.get(k, 18)]
        if keys:
            add_nongi(c, r.sample(keys, min(len(keys), r.randint(1, 2))))
    k = r.randint(*oth_res)
    if k:
        c.results.extend(other_results(c, k))


UPPER_HIST = ["barretts", "prev_ogd", "hpylori_treated", "cholecystectomy", "prev_colonoscopy", "diverticular", "polyps"]
LOWER_HIST = ["prev_colonoscopy", "polyps", "diverticular", "haemorrhoids", "cholecystectomy", "prev_ogd", "rereferral_discharged"]
ANY_HIST = sorted(set(UPPER_HIST + LOWER_HIST + ["coeliac_known", "prev_crc"]))
FACT_HIST_HIGH = ["fatty_liver_bg", "cirrhosis_comp_bg", "ibd_stable_bg"]
UPPER_NEGS = ["weight_loss", "haematemesis", "melaena", "vomiting", "jaundice", "dysphagia"]
LOWER_NEGS = ["rectal_bleeding", "weight_loss", "cibh", "abdominal_pain", "melaena"]


def hb_normal_value(c):
    return c.r.randint(131, 158) if c.sex == "M" else c.r.randint(121, 148)


def add_normal_bloods(c, p=0.6, ferritin=True):
    r = c.r
    if r.random() < p:
        d = r.randint(3, 30)
        c.add_result("hb", hb_normal_value(c), days=d)
        if ferritin and r.random() < 0.6:
            c.add_result("ferritin", r.randint(40, 260), days=d)


# ---- U1 dysphagia
def U1_older(c):
    demo(c, 55, 92)
    c.add("pc", pc_dysphagia(c))
    if c.r.random() < 0.4:
        c.add("pc", pc_weight_loss(c))
    if c.r.random() < 0.35:
        c.add("pc", pc_reflux(c))
    add_normal_bloods(c)
    extras(c, negs=UPPER_NEGS, hist=UPPER_HIST + ["fatty_liver_bg", "ibd_stable_bg"], phist=0.75,
           fh=["fh_gastric", "fh_crc"], hypo=["haematemesis"], past=[], other=["relative"])
    q(c, c.r.choice(["I would be grateful for an OGD.", "Please could %s have a gastroscopy." % c.he,
                     "Straight-to-test OGD would seem appropriate."]))


def U1_young(c):
    demo(c, 18, 45)
    c.add("pc", pc_dysphagia(c))
    if c.r.random() < 0.5:
        add_nongi(c, ["asthma"])
    add_normal_bloods(c, 0.4)
    extras(c, negs=UPPER_NEGS, hist=["prev_ogd", "coeliac_known", "rereferral_discharged"], phist=0.5,
           fh=["fh_ibd", "fh_gastric"], past=[], hypo=["haematemesis"], nongi=["mood", "asthma", "back"])
    q(c, c.r.choice(["I know %s is young but I would value an OGD." % c.he, "Please see and consider OGD."]))


def U1_ida(c):
    demo(c, 50, 88)
    c.add("pc", pc_dysphagia(c))
    d = c.r.randint(3, 20)
    c.add_result("hb", c.r.randint(84, 112), days=d)
    c.add_result("ferritin", c.r.randint(3, 18), days=d)
    extras(c, negs=UPPER_NEGS + ["rectal_bleeding"], hist=UPPER_HIST + ["ibd_stable_bg", "cirrhosis_comp_bg"], phist=0.7,
           fh=["fh_crc", "fh_gastric"], hypo=["haematemesis"], other=["refuted_wl"])
    c.notes.append("two findings: dysphagia (U1) and IDA (U4)")
    q(c, "I would be grateful for an OGD; %s may also need a colonoscopy for the anaemia." % c.he)


def U1_barretts(c):
    demo(c, 55, 85)
    for sec, pc in hist_item(c, "barretts"):
        getattr(c, sec).append(pc)
    c.add("pc", pc_dysphagia(c))
    extras(c, negs=UPPER_NEGS, hist=["cholecystectomy", "prev_colonoscopy", "fatty_liver_bg"], phist=0.5,
           hypo=["haematemesis"], other=["explained_wl"], pother=0.3)
    q(c, "%s next surveillance OGD is not due until next year; I would be grateful if %s could be seen before then." % (c.His if not c.third_person else "The patient's", c.he))


def U1_carer(c):
    demo(c, 75, 95)
    r = c.r
    who = r.choice(["carers", "daughter", "son"])
    t = "%s %s %s that %s has been coughing at meals; when I asked %s directly %s told me %s" % (
        c.His if not c.third_person else "The patient's", who, "report" if who == "carers" else "reports", c.he, c.him, c.he,
        P("dysphagia", "bread and meat stick halfway down and %s has to bring them back up" % c.he))
    c.fact("dysphagia")
    c.add("pc", Piece("dysphagia", "pos", [t + "."], [t], [t], [P("dysphagia", "dysphagia")]))
    extras(c, negs=UPPER_NEGS, hist=["prev_ogd", "diverticular", "prev_colonoscopy", "cholecystectomy"], phist=0.7,
           hypo=["haematemesis"], nongi=["af", "ckd", "htn", "copd", "thyroid"], pnongi=0.9)
    q(c, "%s is frail but would want investigation." % c.He)


# ---- U2 rectal / anal mass
def U2_rectal(c):
    demo(c, 50, 90)
    r = c.r
    if r.random() < 0.6:
        c.add("pc", pc_rectal_bleeding(c))
    else:
        c.add("pc", pc_cibh(c))
    c.add("exam", ex_rectal_mass(c))
    c.add("exam", ex_normal_abdo(c))
    if r.random() < 0.35:
        c.add_result("fit", r.choice([3, 4, 6]))
        c.notes.append("two findings: rectal mass (U2) with a low FIT")
    extras(c, negs=LOWER_NEGS + ["jaundice"], hist=LOWER_HIST, phist=0.7, fh=["fh_crc"], hypo=["weight_loss"])
    q(c, "I would be grateful for your assessment.")


def U2_anal(c):
    demo(c, 40, 85)
    r = c.r
    t = "%s noticed %s about %s ago" % (c.He, P("anal_mass", "a hard lump at the back passage"), r.choice(["six weeks", "two months", "a month"]))
    c.fact("anal_mass")
    c.add("pc", Piece("anal_mass", "pos", [t + "."], [t], [t]))
    c.add("exam", ex_anal_mass(c))
    extras(c, negs=LOWER_NEGS, hist=["haemorrhoids", "prev_colonoscopy", "rereferral_discharged"], phist=0.6,
           hypo=["rectal_bleeding"])
    q(c, "I would be grateful if you could see %s." % c.him)


# ---- U3 FIT >= 10
def U3_generic(c, lo=50, hi=88, sym=None, fitv=None, repeat=False, extra=None):
    r = c.r
    demo(c, lo, hi)
    sym = sym or r.choice(["cibh", "rb", "pain", "cibh+pain"])
    if "cibh" in sym:
        c.add("pc", pc_cibh(c))
    if sym == "rb":
        c.add("pc", pc_rectal_bleeding(c))
    if "pain" in sym:
        c.add("pc", pc_abdo_pain(c))
    if repeat:
        c.add_result("fit", 4, qual="<", days=r.randint(330, 500), newest=False)
    v = fitv if fitv is not None else r.choice([12, 18, 23, 35, 52, 86, 150, 240, 400])
    c.add_result("fit", v, days=r.randint(3, 20))
    add_normal_bloods(c, 0.5)
    if extra == "alt":
        c.add_result("alt", r.randint(55, 160), days=r.randint(3, 20))
        c.notes.append("two findings: FIT (U3) and raised ALT (O5)")
    elif extra == "fatty":
        for sec, pc in hist_item(c, "fatty_liver_bg"):
            getattr(c, sec).append(pc)
    extras(c, negs=LOWER_NEGS + ["jaundice"], hist=LOWER_HIST + ["prev_crc", "ibd_stable_bg"], phist=0.6,
           fh=["fh_crc", "fh_gastric"], hypo=["weight_loss", "rectal_bleeding"], past=["rectal_bleeding"], other=["explained_wl", "relative"])
    q(c, r.choice(["I would be grateful for colonoscopy.", "Please arrange straight-to-test investigation.",
                   "Please see in the colorectal clinic."]))


def U3_cibh(c):
    U3_generic(c, sym="cibh")


def U3_rb(c):
    U3_generic(c, 40, 85, sym="rb")


def U3_polyps(c):
    for_tag = "polyps"
    U3_generic(c, 55, 85, sym="pain")
    if for_tag not in c.history_tags:
        for sec, pc in hist_item(c, for_tag):
            getattr(c, sec).append(pc)


def U3_repeat(c):
    U3_generic(c, 50, 85, repeat=True)
    c.notes.append("FIT repeated: older <4, newest positive")


def U3_near(c):
    U3_generic(c, 45, 85, fitv=c.r.choice([10, 10, 11]))
    c.near.append("FIT at the threshold (>= 10)")


def U3_alt(c):
    U3_generic(c, 45, 80, extra=c.r.choice(["alt", "fatty"]))


def U3_young(c):
    U3_generic(c, 30, 49, sym=c.r.choice(["rb", "cibh+pain"]), fitv=c.r.choice([45, 60, 120, 300]))


# ---- U4 IDA
def U4_generic(c, lo, hi, sex=None, hb=None, fer=None, gdl=None, repeat=False, oral_iron=False, anticoag=False):
    r = c.r
    demo(c, lo, hi, sex=sex)
    if hb is None:
        hb = r.randint(82, 113) if c.sex == "F" else r.randint(88, 124)
    if fer is None:
        fer = r.randint(3, 22)
    d = r.randint(3, 25)
    if repeat:
        c.add_result("hb", hb_normal_value(c) + 5, days=r.randint(300, 700), newest=False)
    c.add_result("hb", hb, days=d)
    c.add_result("ferritin", fer, days=d)
    if oral_iron:
        c.med("Ferrous fumarate", "210 mg twice daily", start=c.ago(r.randint(5, 18)))
    if anticoag:
        add_nongi(c, [r.choice(["af", "ihd", "dvt"])])
    sym = r.random()
    if sym < 0.35:
        t = N("nongi_symptom", "%s feels tired and a bit breathless on hills" % c.he)
        t2 = N("nongi_symptom", "tired, breathless on hills")
        c.nongi.append(Piece(None, "nongi", [cap(t) + "."], [t2], [t2]))
        c.nongi_symptoms.append("tiredness")
    extras(c, negs=LOWER_NEGS + ["dysphagia", "dyspepsia", "melaena"], kneg=(3, 5),
           hist=LOWER_HIST + UPPER_HIST + ["coeliac_known", "ibd_stable_bg", "fatty_liver_bg"], phist=0.65,
           fh=["fh_crc", "fh_coeliac"], hypo=["rectal_bleeding", "weight_loss"], other=["explained_wl", "refuted_wl"])
    q(c, r.choice(["Please could %s be investigated for iron deficiency anaemia." % c.he,
                   "I would be grateful for OGD and colonoscopy.", "Please see for investigation of %s anaemia." % c.his]))


def U4_woman(c):
    U4_generic(c, 55, 90, sex="F")


def U4_man(c):
    U4_generic(c, 40, 90, sex="M", anticoag=c.r.random() < 0.6)


def U4_young(c):
    U4_generic(c, 18, 45, sex="F")


def U4_near(c):
    r = c.r
    sex = r.choice("FM")
    hb = 119 if sex == "F" else 129
    U4_generic(c, 30, 85, sex=sex, hb=hb, fer=r.choice([29, 28, 24]))
    c.near.append("Hb one below the sex threshold, ferritin just under 30")


def U4_repeat(c):
    U4_generic(c, 40, 85, repeat=True)
    c.notes.append("Hb repeated: older normal, newest low")


def U4_iron(c):
    U4_generic(c, 50, 85, oral_iron=True)


# ---- U5 >=55 weight loss + upper symptoms
def U5_generic(c, age=None, near_bday=None, kind=None):
    r = c.r
    if age is not None:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, 58, 88)
    kind = kind or r.choice(["upper", "dyspepsia", "reflux"])
    if kind == "upper":
        c.add("pc", pc_upper_pain(c))
    elif kind == "dyspepsia":
        c.add("pc", pc_dyspepsia(c))
    else:
        c.add("pc", pc_reflux(c))
    c.add("pc", pc_weight_loss(c))
    add_normal_bloods(c, 0.6)
    extras(c, negs=["dysphagia", "haematemesis", "melaena", "jaundice", "vomiting", "rectal_bleeding"], kneg=(2, 4),
           hist=UPPER_HIST + ["fatty_liver_bg", "cirrhosis_comp_bg"], phist=0.7, fh=["fh_gastric", "fh_crc"],
           hypo=["dysphagia", "haematemesis"])
    q(c, r.choice(["I would be grateful for a gastroscopy.", "I would be grateful for an OGD."]))


def U5_std(c):
    U5_generic(c)


def U5_near(c):
    U5_generic(c, age=55, near_bday="just")
    c.near.append("age exactly 55 (birthday days before the letter)")


def U5_ppi(c):
    r = c.r
    demo(c, 60, 85)
    c.add("pc", pc_dyspepsia(c))
    c.add("pc", ppi_trial(c, r.randint(42, 120)))
    c.add("pc", pc_weight_loss(c))
    add_normal_bloods(c, 0.5)
    extras(c, negs=["dysphagia", "haematemesis", "melaena", "vomiting"], hist=UPPER_HIST, phist=0.6,
           hypo=["dysphagia"], fh=["fh_gastric"])
    c.notes.append("two findings: U5 and treatment-resistant dyspepsia (O1)")
    q(c, "I would be grateful for an OGD.")


# ---- U6 abdominal mass
def U6_generic(c, lo=50, hi=90, nurse=False):
    r = c.r
    demo(c, lo, hi)
    if nurse:
        t = "%s noticed a swelling while dressing %s leg ulcer; when I examined %s %s" % (
            r.choice(["Our practice nurse", "The district nurse"]), c.his, c.him, P("abdominal_mass", "there is a firm, non-tender mass in the right iliac fossa"))
        c.fact("abdominal_mass")
        c.add("exam", Piece("abdominal_mass", "pos", [cap(t) + "."], [t], [t]))
    else:
        c.add("exam", ex_abdo_mass(c))
    if r.random() < 0.5:
        c.add("pc", pc_abdo_pain(c, where=r.choice(["lower", "right iliac fossa", "central cramping"])))
        if c.age >= 40:
            c.add("other", Piece(None, "other", [X("negated", "weight_loss", "%s weight is stable" % c.his.capitalize()) + "."],
                                 [X("negated", "weight_loss", "weight stable")]))
    add_normal_bloods(c, 0.5)
    extras(c, negs=["rectal_bleeding", "cibh", "jaundice", "melaena", "dysphagia"], hist=LOWER_HIST + ["fatty_liver_bg"], phist=0.6,
           fh=["fh_crc"], hypo=["rectal_bleeding"])
    q(c, "I would be grateful for imaging and review.")


def U6_gp(c):
    U6_generic(c)


def U6_nurse(c):
    U6_generic(c, 60, 90, nurse=True)


def U6_young(c):
    U6_generic(c, 30, 49)


# ---- U7 jaundice >= 40
def U7_generic(c, age=None, near_bday=None, lo=50, hi=90, fatty=False, family=False):
    r = c.r
    if age is not None:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, lo, hi)
    c.add("pc", pc_jaundice(c, confirmed_by=(r.choice([c.spouse, "daughter"]) if family else None)))
    if fatty:
        for sec, pc in hist_item(c, "fatty_liver_bg"):
            getattr(c, sec).append(pc)
        c.add_result("alt", r.randint(90, 240), days=r.randint(2, 10))
    else:
        if r.random() < 0.6:
            c.add_result("alt", r.randint(45, 180), days=r.randint(2, 10))
    c.results.append({"test": "other", "text": "bilirubin %d umol/L" % r.randint(60, 240),
                      "row": "%-22s %-7s %-8s (%s)" % ("Bilirubin", str(r.randint(60, 240)), "umol/L", "<21"),
                      "newest": True, "date": None})
    extras(c, negs=["abdominal_pain", "weight_loss", "confusion", "ascites", "rectal_bleeding", "dyspepsia"], kneg=(2, 4),
           hist=["cholecystectomy", "prev_ogd", "prev_colonoscopy", "diverticular"], phist=0.5, fh=["fh_liver", "fh_crc"])
    q(c, "I have requested an ultrasound and would be grateful for your review.")


def U7_std(c):
    U7_generic(c)


def U7_near(c):
    U7_generic(c, age=40, near_bday="just")
    c.near.append("age exactly 40 with jaundice")


def U7_fatty(c):
    U7_generic(c, lo=45, hi=80, fatty=True)
    c.notes.append("two findings: jaundice (U7) and fatty liver / ALT (O5)")


def U7_family(c):
    U7_generic(c, lo=60, hi=92, family=True)


# ---- U8 clinical concern without FIT
def U8_rb(c, age=None, near_bday=None):
    r = c.r
    if age:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, 52, 88)
    c.add("pc", pc_rectal_bleeding(c))
    if r.random() < 0.6:
        pending_fit(c)
    if r.random() < 0.5:
        c.add("exam", ex_normal_pr(c, haem=r.random() < 0.5))
    add_normal_bloods(c, 0.5)
    extras(c, negs=["weight_loss", "cibh", "abdominal_pain", "melaena", "jaundice"], hist=LOWER_HIST + ["fatty_liver_bg"],
           phist=0.7, fh=["fh_crc"], hypo=["weight_loss"], other=["explained_wl"], pother=0.2)
    q(c, r.choice(["Could you please see %s?" % c.him, "I would be grateful for a colonoscopy.", "Please see in clinic."]))


def U8_rb_near(c):
    U8_rb(c, age=50, near_bday="just")
    c.near.append("age exactly 50 with rectal bleeding, no FIT")


def U8_wl(c, age=None, near_bday=None):
    r = c.r
    if age:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, 41, 80)
    c.add("pc", pc_abdo_pain(c, where=r.choice(["lower", "left iliac fossa", "suprapubic", "central cramping"])))
    c.add("pc", pc_weight_loss(c))
    if r.random() < 0.6:
        pending_fit(c)
    add_normal_bloods(c, 0.6)
    negs = ["rectal_bleeding", "melaena", "jaundice", "dysphagia", "dyspepsia", "reflux"]
    extras(c, negs=negs, kneg=(2, 4), hist=LOWER_HIST + ["fatty_liver_bg"], phist=0.6, fh=["fh_crc"], hypo=["rectal_bleeding"])
    q(c, "I would be grateful for your assessment.")


def U8_wl_near(c):
    U8_wl(c, age=40, near_bday="just")
    c.near.append("age exactly 40 with weight loss and abdominal pain, no FIT")


def U8_cibh(c, age=None, near_bday=None):
    r = c.r
    if age:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, 61, 90)
    c.add("pc", pc_cibh(c))
    if r.random() < 0.7:
        pending_fit(c)
    add_normal_bloods(c, 0.6)
    extras(c, negs=["rectal_bleeding", "weight_loss", "abdominal_pain", "melaena"], hist=LOWER_HIST + ["fatty_liver_bg", "cirrhosis_comp_bg"],
           phist=0.7, fh=["fh_crc"], hypo=["rectal_bleeding", "weight_loss"], other=["explained_wl", "refuted_wl"])
    q(c, r.choice(["I would be grateful for investigation.", "Please could %s be investigated." % c.he]))


def U8_cibh_near(c):
    U8_cibh(c, age=60, near_bday="just")
    c.near.append("age exactly 60 with change in bowel habit, no FIT")


def U8_prevcrc(c):
    r = c.r
    demo(c, 60, 85)
    for sec, pc in hist_item(c, "prev_crc"):
        getattr(c, sec).append(pc)
    c.add("pc", pc_rectal_bleeding(c))
    pending_fit(c)
    extras(c, negs=["weight_loss", "abdominal_pain", "melaena"], hist=["cholecystectomy", "prev_ogd"], phist=0.4, fh=["fh_crc"])
    q(c, "Please could %s be seen in the colorectal clinic." % c.he)


# ---- R1 bloody diarrhoea / calprotectin >= 250
IBD_FLARE_MEDS = {"ulcerative colitis": [("Mesalazine", "2.4 g once daily"), ("Prednisolone", "40 mg daily, reducing")],
                  "Crohn's disease": [("Azathioprine", "2 mg/kg daily"), ("Budesonide", "9 mg daily")]}


def known_ibd_piece(c, kind, stable=False, since=None):
    r = c.r
    y = since or yr(c, 3, 18)
    txt = r.choice(["known %s since %d" % (kind, y), "%s diagnosed in %d" % (kind, y),
                    "%s (diagnosed %d, under your team until %d)" % (kind, y, y + r.randint(1, 3))])
    c.fact("known_ibd")
    return P("known_ibd", txt)


def R1_new_bloody(c):
    r = c.r
    demo(c, 18, 45)
    c.add("pc", pc_bloody_diarrhoea(c))
    if r.random() < 0.5:
        c.add("pc", pc_abdo_pain(c, where="central cramping"))
    if r.random() < 0.5:
        c.add_result("calprotectin", r.randint(300, 1800), days=r.randint(2, 10))
    c.add_result("hb", hb_normal_value(c), days=r.randint(2, 10))
    extras(c, negs=["weight_loss", "jaundice", "vomiting"], hist=["rereferral_discharged", "prev_colonoscopy", "cholecystectomy"], phist=0.4,
           fh=["fh_ibd", "fh_crc"], hypo=[], nongi=["asthma", "mood", "back"], pnongi=0.3)
    q(c, "Stool cultures are negative. I would be grateful if %s could be seen in the IBD clinic." % c.he)


def R1_known_uc(c):
    r = c.r
    demo(c, 18, 49)
    t = "%s %s" % (known_ibd_piece(c, "ulcerative colitis"), N("ibd_hist", "on mesalazine"))
    c.add("hist", Piece("known_ibd", "hist", [cap(t) + "."], [t], [t], [t], "ibd_flare"))
    c.history_tags.append("ibd_known_flare")
    c.med("Mesalazine", "2.4 g once daily")
    c.add("pc", pc_bloody_diarrhoea(c))
    if r.random() < 0.6:
        c.med("Prednisolone", "40 mg daily", start=c.ago(r.randint(3, 10)))
    if r.random() < 0.5:
        c.add_result("calprotectin", r.randint(400, 2400), days=r.randint(2, 8))
    extras(c, negs=["weight_loss", "vomiting"], kneg=(1, 2), fh=["fh_ibd"], nongi=["asthma", "thyroid", "mood"], pnongi=0.3)
    q(c, "This is a flare despite mesalazine; please could %s be seen." % c.he)


def R1_crohns(c, fcp=None, repeat=False, lo=18, hi=59):
    r = c.r
    demo(c, lo, hi)
    if r.random() < 0.6:
        t = "%s, %s" % (known_ibd_piece(c, "Crohn's disease"), N("ibd_hist", "terminal ileal, on azathioprine"))
        c.add("hist", Piece("known_ibd", "hist", [cap(t) + "."], [t], [t], [t], "ibd_flare"))
        c.history_tags.append("ibd_known_flare")
        c.med("Azathioprine", "%d mg daily" % r.choice([100, 125, 150]))
    c.add("pc", pc_cibh(c, loose=True, dur=c.dur(3, 8)))
    c.add("pc", pc_abdo_pain(c, where=r.choice(["right iliac fossa", "central cramping"])))
    if repeat:
        c.add_result("calprotectin", r.randint(120, 200), days=r.randint(60, 120), newest=False)
    c.add_result("calprotectin", fcp if fcp is not None else r.randint(280, 1500), days=r.randint(2, 12))
    c.add_result("hb", hb_normal_value(c), days=r.randint(2, 12))
    negs = ["rectal_bleeding", "weight_loss", "vomiting", "jaundice"]
    extras(c, negs=negs, kneg=(2, 3), fh=["fh_ibd", "fh_crc"], hist=["cholecystectomy", "prev_ogd"], phist=0.3,
           nongi=["asthma", "mood", "back", "psoriasis"], pnongi=0.35)
    q(c, r.choice(["I would be grateful for an IBD clinic appointment.", "Please see in the IBD clinic."]))


def R1_crohns_std(c):
    R1_crohns(c)


def R1_near(c):
    R1_crohns(c, fcp=250, hi=55)
    c.near.append("calprotectin exactly 250")


def R1_repeat(c):
    R1_crohns(c, repeat=True, hi=55)
    c.notes.append("calprotectin repeated: older 100-249, newest >= 250")


def R1_older_fit(c):
    r = c.r
    demo(c, 60, 80)
    c.add("pc", pc_cibh(c, loose=True, dur=c.dur(4, 10)))
    d = r.randint(3, 14)
    c.add_result("fit", r.choice([3, 4, 6, 8]), days=d)
    c.add_result("calprotectin", r.randint(300, 900), days=d)
    c.add_result("hb", hb_normal_value(c), days=d)
    extras(c, negs=["rectal_bleeding", "weight_loss", "abdominal_pain", "melaena"], kneg=(2, 3),
           hist=LOWER_HIST + ["fatty_liver_bg"], phist=0.6, fh=["fh_crc"], hypo=["rectal_bleeding"], nongi=True)
    q(c, "Both tests were sent together; I would value your opinion, as I wonder about microscopic colitis or IBD.")


# ---- R2 cirrhosis with ascites/confusion, or ALT >= 300
def cirrhosis_piece(c, kind=None):
    r = c.r
    kind = kind or r.choice(["alcohol-related cirrhosis", "cirrhosis secondary to NAFLD", "hepatitis C cirrhosis (treated, SVR)"])
    y = yr(c, 1, 7)
    t = P("known_cirrhosis", "%s, diagnosed %d" % (kind, y))
    c.fact("known_cirrhosis")
    return Piece("known_cirrhosis", "hist", [cap(t) + "."], [t], [t], [t], "cirrhosis_known")


def R2_ascites(c, nafld=False):
    r = c.r
    demo(c, 40, 80)
    c.add("hist", cirrhosis_piece(c, "cirrhosis secondary to NAFLD" if nafld else None))
    c.history_tags.append("cirrhosis_known")
    if nafld:
        for sec, pc in hist_item(c, "fatty_liver_bg"):
            getattr(c, sec).append(pc)
    c.add("exam", ex_ascites(c))
    c.med("Spironolactone", "%d mg daily" % r.choice([100, 200]), start=c.ago(r.randint(10, 40)), ind="ascites")
    if r.random() < 0.5:
        c.med("Furosemide", "40 mg daily", start=c.ago(r.randint(5, 20)))
    if r.random() < 0.6:
        c.add_result("alt", r.randint(20, 36), days=r.randint(2, 10))
    extras(c, negs=["jaundice", "confusion", "haematemesis", "melaena"], kneg=(2, 4), fh=[], hist=["cholecystectomy", "prev_ogd"],
           phist=0.4, nongi=["diabetes", "htn", "mood"], pnongi=0.5, hypo=["haematemesis"])
    q(c, "I would be grateful for a hepatology review.")


def R2_ascites_std(c):
    R2_ascites(c)


def R2_nafld(c):
    R2_ascites(c, nafld=True)
    c.notes.append("two findings: known cirrhosis with ascites (R2) and fatty liver on imaging (O5)")


def R2_confusion(c):
    r = c.r
    demo(c, 45, 80)
    c.add("hist", cirrhosis_piece(c))
    c.history_tags.append("cirrhosis_known")
    c.add("pc", pc_confusion(c))
    c.med("Lactulose", "15 mL twice daily", start=c.ago(r.randint(2, 6)))
    extras(c, negs=["jaundice", "haematemesis", "melaena", "ascites"], kneg=(2, 3), nongi=["diabetes", "htn"], pnongi=0.4)
    q(c, "I have started lactulose and would be grateful for your review.")


def R2_alt(c, v=None, repeat=False):
    r = c.r
    demo(c, 20, 62)
    if repeat:
        c.add_result("alt", r.randint(120, 220), days=r.randint(40, 90), newest=False)
    c.add_result("alt", v if v is not None else r.randint(320, 1400), days=r.randint(1, 6))
    t = "%s has felt %s" % (c.He, N("nongi_symptom", "tired and achy for a fortnight"))
    t2 = N("nongi_symptom", "tired and achy for a fortnight")
    c.nongi.append(Piece(None, "nongi", [t + "."], [t2], [t2]))
    c.nongi_symptoms.append("tiredness")
    c.results.append({"test": "other", "text": "bilirubin %d" % r.randint(8, 19),
                      "row": "%-22s %-7s %-8s (%s)" % ("Bilirubin", str(r.randint(8, 19)), "umol/L", "<21"), "newest": True, "date": None})
    extras(c, negs=["jaundice", "abdominal_pain", "confusion"], kneg=(2, 3), hist=["cholecystectomy", "prev_ogd"], phist=0.3,
           nongi=["asthma", "mood", "htn"], pnongi=0.3, fh=["fh_liver"])
    q(c, "Hepatitis screen sent. I would be grateful for your opinion.")


def R2_alt_std(c):
    R2_alt(c)


def R2_alt_near(c):
    R2_alt(c, v=300)
    c.near.append("ALT exactly 300")


def R2_alt_repeat(c):
    R2_alt(c, repeat=True)
    c.notes.append("ALT repeated: older 120-220, newest >= 300")


# ---- R3 haematemesis
def ae_summary(c, hb):
    r = c.r
    d = c.ago(getattr(c, "ed_days", 2))
    txt = "ED attendance %s: \"%s, obs stable, %s, Glasgow-Blatchford score %d; discharged with GP to refer for OGD\"" % (
        fd(d, "dmy"), "small-volume haematemesis" , "Hb %d" % hb, r.randint(0, 1))
    return txt


def R3_generic(c, lo, hi, cause="nsaid", trd=False):
    r = c.r
    demo(c, lo, hi)
    c.add("pc", pc_haematemesis(c))
    hb = hb_normal_value(c)
    ed_days = r.randint(1, 4)
    c.add_result("hb", hb, days=ed_days)
    c.ed_days = ed_days
    if cause == "nsaid":
        add_nongi(c, [r.choice(["knee", "back", "ra"])])
        if not any(m["name"] in ("Naproxen", "Ibuprofen") for m in c.meds):
            c.med("Naproxen", "500 mg twice daily", start=c.ago(r.randint(30, 200)))
    elif cause == "anticoag":
        add_nongi(c, [r.choice(["af", "ihd", "dvt"])])
    elif cause == "alcohol":
        t = N("social", "%s drinks about %d units a week and the episodes followed retching after heavy nights" % (c.he, r.randint(30, 60)))
        c.nongi.append(Piece(None, "nongi", [cap(t) + "."], [t], [t]))
    if trd:
        c.add("pc", pc_dyspepsia(c))
        c.add("pc", ppi_trial(c, r.randint(35, 100)))
        c.notes.append("two findings: haematemesis (R3) and treatment-resistant dyspepsia (O1)")
    if r.random() < 0.5:
        t = P("haematemesis", ae_summary(c, hb))
        c.docs.append(Piece(None, "doc", [t + "."], [t], [t], [t], "ae_summary"))
        c.history_tags.append("ae_summary")
    negs = ["dysphagia", "weight_loss", "melaena", "jaundice"]
    extras(c, negs=negs, kneg=(2, 4), hist=UPPER_HIST + ["fatty_liver_bg"], phist=0.5, fh=["fh_gastric"], hypo=["dysphagia"],
           nongi=False)
    q(c, r.choice(["I would be grateful for an OGD.", "Please could %s have a gastroscopy." % c.he]))


def R3_nsaid(c):
    R3_generic(c, 30, 80, "nsaid")


def R3_alcohol(c):
    R3_generic(c, 20, 54, "alcohol")


def R3_anticoag(c):
    R3_generic(c, 55, 85, "anticoag")


def R3_trd(c):
    R3_generic(c, 56, 82, c.r.choice(["nsaid", "anticoag"]), trd=True)


# ---- O1 >= 55 and treatment-resistant dyspepsia
def O1_generic(c, days=None, age=None, near_bday=None, lo=56, hi=85, fatty=False, nsaid=False):
    r = c.r
    if age:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, lo, hi)
    c.add("pc", pc_dyspepsia(c, dur=c.dur(10, 40)))
    c.add("pc", ppi_trial(c, days if days is not None else r.randint(42, 140)))
    if nsaid:
        add_nongi(c, ["knee"])
    if fatty:
        for sec, pc in hist_item(c, "fatty_liver_bg"):
            getattr(c, sec).append(pc)
        c.notes.append("two findings: TRD (O1) and fatty liver (O5)")
    t = X("normal_value", "h_pylori", r.choice(["H. pylori stool antigen negative", "H. pylori breath test negative"]))
    c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    add_normal_bloods(c, 0.7)
    extras(c, negs=["dysphagia", "weight_loss", "haematemesis", "melaena", "vomiting"], kneg=(3, 5),
           hist=["hpylori_treated", "prev_ogd", "cholecystectomy", "prev_colonoscopy", "diverticular", "polyps"], phist=0.65,
           fh=["fh_gastric", "fh_crc"], hypo=["dysphagia", "weight_loss", "haematemesis"], phypo=0.4, other=["explained_wl", "refuted_wl"])
    q(c, r.choice(["Would you consider an OGD?", "I would be grateful for your advice and a gastroscopy.",
                   "Please see in clinic."]))


def O1_std(c):
    O1_generic(c)


def O1_near4w(c):
    O1_generic(c, days=28)
    c.near.append("PPI exactly four weeks (28 days)")


def O1_near55(c):
    O1_generic(c, age=55, near_bday="just", days=c.r.randint(42, 90))
    c.near.append("age exactly 55 with treatment-resistant dyspepsia")


def O1_fatty(c):
    O1_generic(c, lo=56, hi=80, fatty=True)


def O1_nsaid(c):
    O1_generic(c, lo=60, hi=85, nsaid=True)


# ---- O2 calprotectin 100-249
def O2_generic(c, fcp=None, lo=20, hi=59, known=False, repeat=False, fit=False):
    r = c.r
    demo(c, lo, hi)
    if known:
        kind = r.choice(["ulcerative colitis", "Crohn's disease"])
        t = "%s; %s" % (known_ibd_piece(c, kind), N("ibd_hist", "has been well on %s until recently" % ("mesalazine" if kind.startswith("ul") else "azathioprine")))
        c.add("hist", Piece("known_ibd", "hist", [cap(t) + "."], [t], [t], [t], "ibd_known_symptomatic"))
        c.history_tags.append("ibd_known_symptomatic")
        c.med(*(("Mesalazine", "2.4 g daily") if kind.startswith("ul") else ("Azathioprine", "125 mg daily")))
    c.add("pc", pc_cibh(c, loose=True))
    if r.random() < 0.5:
        c.add("pc", pc_abdo_pain(c))
    if repeat:
        c.add_result("calprotectin", r.randint(300, 700), days=r.randint(60, 150), newest=False)
        c.notes.append("calprotectin repeated: older >= 250, newest 100-249")
    c.add_result("calprotectin", fcp if fcp is not None else r.randint(110, 240), days=r.randint(3, 20))
    if fit:
        c.add_result("fit", 4, qual="<", days=r.randint(3, 20))
    c.add_result("hb", hb_normal_value(c), days=r.randint(3, 20))
    extras(c, negs=["rectal_bleeding", "weight_loss", "melaena"], kneg=(2, 3),
           hist=(["cholecystectomy", "prev_ogd"] if known else ["rereferral_discharged", "cholecystectomy", "prev_colonoscopy", "fatty_liver_bg"]),
           phist=0.5, fh=["fh_ibd", "fh_crc"], hypo=["rectal_bleeding", "bloody_diarrhoea"] if c.age < 50 else ["rectal_bleeding"],
           other=["relative"], pother=0.15, nongi=["asthma", "mood", "back", "htn", "thyroid"], pnongi=0.4)
    q(c, r.choice(["Please see in the IBD clinic.", "I would be grateful for your opinion.", "Could %s be seen in clinic?" % c.he]))


def O2_new(c):
    O2_generic(c)


def O2_known(c):
    O2_generic(c, known=True)


def O2_near(c):
    O2_generic(c, fcp=c.r.choice([100, 249]))
    c.near.append("calprotectin at the edge of 100-249")


def O2_repeat(c):
    O2_generic(c, lo=25, hi=55, repeat=True)


def O2_older(c):
    O2_generic(c, lo=60, hi=80, fit=True)


# ---- O3 known IBD, stable, with a management question
O3_QUESTIONS = [
    ("ulcerative colitis", "Mesalazine", "2.4 g once daily", "could you advise whether {he} can now reduce the mesalazine to 1.2 g daily"),
    ("ulcerative colitis", "Mesalazine", "2 g once daily", "{He} is planning a pregnancy next year; should {he} carry on with mesalazine"),
    ("ulcerative colitis", "Mesalazine", "2.4 g once daily", "is {he} due a surveillance colonoscopy, given that {his} last one was in {y} and {he} has had colitis for over ten years"),
    ("Crohn's disease", "Azathioprine", "125 mg daily", "{He} would like to stop azathioprine after six years in remission; is that reasonable"),
    ("Crohn's disease", "Azathioprine", "100 mg daily", "is it safe for {him} to have the shingles vaccine while on azathioprine"),
    ("Crohn's disease", "Methotrexate", "15 mg once weekly", "how often should {his} methotrexate monitoring bloods be done now that {he} is stable"),
    ("ulcerative colitis", "Mesalazine", "1.6 g twice daily", "does {he} need bone protection after the steroid courses {he} had in the past"),
    ("Crohn's disease", "Infliximab", "5 mg/kg eight-weekly (hospital)", "{He} is travelling abroad; which travel vaccines are safe with infliximab"),
    ("ulcerative colitis", "Mesalazine", "2.4 g daily", "{He} is moving abroad for work; how should {his} mesalazine be monitored there"),
]


def O3_generic(c, lo=18, hi=85):
    r = c.r
    demo(c, lo, hi)
    qs = [x for x in O3_QUESTIONS if not ("pregnancy" in x[3] and (c.sex == "M" or c.age > 42))]
    kind, drug, dose, qtxt = r.choice(qs)
    y0 = yr(c, 8, 25)
    t1 = known_ibd_piece(c, kind, since=y0)
    stab = r.choice(["in remission for the last %d years" % r.randint(3, 8), "stable, with formed stools once or twice a day",
                     "well controlled, no flares since %d" % yr(c, 3, 6)])
    t2 = P("ibd_stable", stab)
    c.fact("ibd_stable")
    c.add("hist", Piece("known_ibd", "hist", ["%s has %s and is %s." % (c.He, t1, t2)], ["%s, %s" % (t1, t2)], ["%s, %s" % (t1, t2)], ["%s, %s" % (t1, t2)], "ibd_stable"))
    c.history_tags.append("ibd_stable")
    c.med(drug, dose)
    if drug == "Methotrexate":
        c.med("Folic acid", "5 mg once weekly")
    qq = qtxt.format(he=c.he, He=c.He, his=c.his, him=c.him, y=yr(c, 4, 6))
    t = P("ibd_question", cap(qq) + "?")
    c.fact("ibd_question")
    c.question.append(Piece("ibd_question", "question", [t], [t], [t]))
    if r.random() < 0.5:
        c.add_result("calprotectin", r.randint(15, 80), days=r.randint(10, 60))
    if r.random() < 0.4:
        t = X("resolved_past", "bloody_diarrhoea", "last flare in %d with bloody diarrhoea, settled on steroids" % yr(c, 3, 7))
        c.past.append(Piece("bloody_diarrhoea", "past", [cap(t) + "."], [t], [t], [t]))
    add_normal_bloods(c, 0.4)
    extras(c, negs=["rectal_bleeding", "cibh", "abdominal_pain", "weight_loss"], kneg=(1, 3), hist=["prev_colonoscopy", "cholecystectomy"],
           phist=0.3, fh=["fh_crc", "fh_ibd"], pfh=0.25, nongi=["knee", "diabetes", "mood", "htn", "asthma", "thyroid"], pnongi=0.5)


def O3_std(c):
    O3_generic(c)


# ---- O4 positive coeliac serology
def O4_generic(c, lo=18, hi=59, sym="bloat", fhc=False, irondef=False, fit=False):
    r = c.r
    demo(c, lo, hi)
    if sym in ("bloat", "bloat+loose"):
        c.add("pc", pc_bloating(c))
    if sym == "bloat+loose":
        c.add("pc", pc_cibh(c, loose=True))
    if sym == "screen":
        add_nongi(c, [r.choice(["thyroid", "t1dm"])])
        t = N("screen_reason", "coeliac serology was checked as part of %s annual %s review" % (c.his, "thyroid" if "thyroid" in [p.tag for p in c.nongi] else "diabetes"))
        c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    c.add_result("ttg", r.randint(18, 128), days=r.randint(3, 21), extra={"positive": True})
    if irondef:
        d = r.randint(3, 21)
        c.add_result("hb", hb_normal_value(c), days=d)
        c.add_result("ferritin", r.randint(9, 24), days=d)
        c.notes.append("iron deficiency without anaemia (not IDA)")
    else:
        add_normal_bloods(c, 0.6)
    if fit:
        c.add_result("fit", 4, qual="<", days=r.randint(3, 21))
    if fhc:
        c.add("fh", fh_piece(c, "fh_coeliac"))
    extras(c, negs=["weight_loss", "rectal_bleeding", "dysphagia", "abdominal_pain"], kneg=(1, 3), hist=["prev_ogd", "cholecystectomy", "rereferral_discharged"],
           phist=0.4, fh=["fh_crc", "fh_ibd"], pfh=0.2, nongi=["asthma", "mood", "thyroid", "psoriasis"], pnongi=0.4, other=["relative"], pother=0.1)
    q(c, r.choice(["Please could %s be seen for a duodenal biopsy; %s is still eating gluten." % (c.he, c.he),
                   "I have asked %s to keep eating gluten until seen." % c.him]))


def O4_sym(c):
    O4_generic(c, sym=c.r.choice(["bloat", "bloat+loose"]))


def O4_screen(c):
    O4_generic(c, sym="screen", hi=60)


def O4_fh(c):
    O4_generic(c, hi=55, sym="bloat", fhc=True)


def O4_iron(c):
    O4_generic(c, lo=20, hi=55, sym="bloat", irondef=True)


def O4_older(c):
    O4_generic(c, lo=60, hi=75, sym="bloat+loose", fit=True)


# ---- O5 ALT 40-299 or fatty liver on imaging
def O5_generic(c, lo=30, hi=75, alt=None, fatty=False, repeat=False, mtx=False):
    r = c.r
    demo(c, lo, hi)
    d = r.randint(3, 25)
    if repeat:
        c.add_result("alt", r.randint(310, 420), days=r.randint(100, 160), newest=False)
        c.notes.append("ALT repeated: older >= 300, newest 40-299")
    if alt is not None:
        c.add_result("alt", alt, days=d)
    if fatty:
        dd = c.ago(r.randint(15, 120))
        t = "%s %s" % (r.choice(["An ultrasound on %s showed" % fd(dd, "dmy"), "Abdominal ultrasound (%s):" % fd(dd, "long")]),
                       P("fatty_liver_imaging", r.choice(["a diffusely fatty liver", "hepatic steatosis, otherwise normal", "fatty infiltration of the liver"])))
        c.fact("fatty_liver_imaging")
        c.add("exam", Piece("fatty_liver_imaging", "pos", [t + "."], [t], [t]))
        if alt is None and r.random() < 0.6:
            c.add_result("alt", r.randint(18, 36), days=d)
    if mtx:
        add_nongi(c, ["ra"])
    u = r.randint(0, 14)
    t = N("social", r.choice(["BMI %d, %s" % (r.randint(27, 38), "does not drink" if u == 0 else "drinks %d units a week" % u),
                              "alcohol %s, BMI %d" % ("nil" if u == 0 else "%d units/week" % u, r.randint(27, 38))]))
    c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    extras(c, negs=["jaundice", "abdominal_pain", "weight_loss"], kneg=(1, 3), hist=["cholecystectomy", "prev_ogd", "prev_colonoscopy", "rereferral_discharged"],
           phist=0.5, fh=["fh_liver", "fh_crc"], pfh=0.25, nongi=["diabetes", "htn", "gout", "thyroid", "knee"], pnongi=0.6,
           other=["explained_wl"], pother=0.3)
    q(c, r.choice(["I would be grateful for your advice on further assessment of %s liver." % c.his,
                   "Please see in the liver clinic.", "A liver screen is otherwise negative; please see."]))


def O5_alt(c):
    O5_generic(c, alt=c.r.randint(45, 260))


def O5_fatty(c):
    O5_generic(c, fatty=True)


def O5_near40(c):
    O5_generic(c, lo=30, hi=70, alt=40)
    c.near.append("ALT exactly 40")


def O5_near299(c):
    O5_generic(c, lo=30, hi=65, alt=299)
    c.near.append("ALT exactly 299")


def O5_repeat(c):
    O5_generic(c, lo=30, hi=65, alt=c.r.randint(120, 190), repeat=True)


def O5_mtx(c):
    O5_generic(c, lo=40, hi=75, alt=c.r.randint(60, 140), mtx=True)


# ---- A1 age < 50, IBS-type symptoms with a normal test and nothing else
def A1_generic(c, age=None, near_bday=None, fcp=None, fit=None, rereferral=False):
    r = c.r
    if age:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, 18, 48)
    syms = r.choice([["pain", "bloat"], ["pain", "cibh"], ["bloat", "cibh"], ["pain", "bloat", "cibh"], ["cibh"], ["pain"]])
    if "pain" in syms:
        c.add("pc", pc_abdo_pain(c, where=r.choice(["lower", "central cramping", "left iliac fossa"])))
    if "bloat" in syms:
        c.add("pc", pc_bloating(c))
    if "cibh" in syms:
        c.add("pc", pc_cibh(c))
    d = r.randint(3, 30)
    if fit is not None:
        if fit == "<4":
            c.add_result("fit", 4, qual="<", days=d)
        elif fit in ("negative", "undetectable"):
            c.add_result("fit", 0, qual=fit, days=d)
        else:
            c.add_result("fit", fit, days=d)
    if fcp is not None:
        c.add_result("calprotectin", fcp, days=d)
    if r.random() < 0.5:
        c.add_result("hb", hb_normal_value(c), days=d)
    if rereferral:
        for sec, pc in hist_item(c, "rereferral_discharged"):
            getattr(c, sec).append(pc)
    extras(c, negs=["rectal_bleeding", "weight_loss", "melaena", "dysphagia", "vomiting"], kneg=(2, 4),
           hist=["prev_colonoscopy", "cholecystectomy", "haemorrhoids"], phist=0.35, fh=["fh_crc", "fh_ibd"], pfh=0.3,
           past=["cibh"] if "cibh" not in syms else [], ppast=0.2, hypo=["rectal_bleeding", "weight_loss"], phypo=0.35,
           nongi=["mood", "asthma", "back", "thyroid"], pnongi=0.45, other=["refuted_wl"], pother=0.15)
    q(c, r.choice(["I would be grateful for your advice on management.", "Could %s be seen in clinic please?" % c.he,
                   "Is there anything further you would suggest?"]))


def A1_fcp(c):
    A1_generic(c, fcp=c.r.randint(10, 85))


def A1_fit(c):
    A1_generic(c, fit=c.r.choice(["<4", "negative", 2, 6, "undetectable"]))


def A1_near49(c):
    A1_generic(c, age=49, near_bday="soon", fcp=c.r.randint(15, 60))
    c.near.append("age 49 (50th birthday days after the letter)")


def A1_near_fcp(c):
    A1_generic(c, fcp=99)
    c.near.append("calprotectin 99, just under 100")


def A1_near_fit(c):
    A1_generic(c, fit=9)
    c.near.append("FIT 9, just under 10")


def A1_rereferral(c):
    A1_generic(c, fcp=c.r.randint(15, 70), rereferral=True)


# ---- O6 symptoms with FIT < 10
def O6_generic(c, lo=50, hi=85, sym="rb", fit=None, age=None, near_bday=None, hist=None):
    r = c.r
    if age:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, lo, hi)
    if sym == "rb":
        c.add("pc", pc_rectal_bleeding(c))
        c.add("exam", ex_normal_pr(c, haem=r.random() < 0.6))
    elif sym == "cibh":
        c.add("pc", pc_cibh(c))
    elif sym == "pain":
        c.add("pc", pc_abdo_pain(c))
    if hist:
        for sec, pc in hist_item(c, hist):
            getattr(c, sec).append(pc)
    d = r.randint(3, 25)
    if fit is None:
        fit = r.choice(["<4", "negative", 3, 5, 7, "undetectable", "<10"])
    if fit == "<4":
        c.add_result("fit", 4, qual="<", days=d)
    elif fit == "<10":
        c.add_result("fit", 10, qual="<", days=d)
    elif fit in ("negative", "undetectable"):
        c.add_result("fit", 0, qual=fit, days=d)
    else:
        c.add_result("fit", fit, days=d)
    add_normal_bloods(c, 0.6)
    extras(c, negs=["weight_loss", "melaena", "dysphagia", "jaundice"] + (["rectal_bleeding"] if sym != "rb" else []), kneg=(2, 4),
           hist=["prev_colonoscopy", "cholecystectomy", "diverticular", "polyps", "prev_ogd", "rereferral_discharged"], phist=0.55,
           fh=["fh_crc", "fh_gastric"], pfh=0.3, hypo=["weight_loss", "rectal_bleeding"] if sym != "rb" else ["weight_loss"],
           nongi=True, pnongi=0.5, other=["explained_wl", "refuted_wl"], pother=0.2)
    q(c, r.choice(["Please see in clinic.", "I would be grateful for your opinion.", "Could you advise whether a colonoscopy is needed?"]))


def O6_rb(c):
    O6_generic(c, sym="rb")


def O6_cibh(c):
    O6_generic(c, lo=60, hi=88, sym="cibh")


def O6_pain(c):
    O6_generic(c, lo=50, hi=80, sym="pain")


def O6_young_rb(c):
    O6_generic(c, lo=20, hi=48, sym="rb")


def O6_near_fit(c):
    O6_generic(c, sym=c.r.choice(["rb", "cibh"]), lo=60, hi=80, fit=9)
    c.near.append("FIT 9, just under 10")


def O6_near50(c):
    O6_generic(c, sym="pain", age=50, near_bday="just", fit="<4")
    c.near.append("age exactly 50 with abdominal pain and FIT < 10 (A1 needs < 50)")


def O6_hist(c):
    O6_generic(c, lo=55, hi=85, sym="rb", hist=c.r.choice(["polyps", "diverticular"]))


# ---- A2 age < 55 with dyspepsia or reflux
def A2_generic(c, lo=20, hi=54, age=None, near_bday=None, kind=None, returned=False, hp=False, barretts=False):
    r = c.r
    if age:
        demo(c, age, age, age=age, near_bday=near_bday)
    else:
        demo(c, lo, hi)
    kind = kind or r.choice(["reflux", "dyspepsia"])
    if kind == "reflux":
        c.add("pc", pc_reflux(c))
    else:
        c.add("pc", pc_dyspepsia(c, returned=returned))
    if returned:
        name, dose = r.choice(PPI_DRUGS)
        c.med(name, dose, start=c.ago(r.randint(200, 400)), stopped=fd(c.ago(r.randint(40, 90)), "my"))
    elif hp:
        for sec, pc in hist_item(c, "hpylori_treated"):
            getattr(c, sec).append(pc)
        c.add("pc", ppi_trial(c, r.randint(42, 120)))
    elif barretts:
        for sec, pc in hist_item(c, "barretts"):
            getattr(c, sec).append(pc)
    elif r.random() < 0.5:
        c.med(*r.choice(PPI_DRUGS), start=c.ago(r.randint(20, 300)))
    t = N("social", r.choice(["BMI %d; drinks %d units a week" % (r.randint(24, 36), r.randint(4, 30)),
                              "smokes %d a day, works night shifts" % r.randint(5, 20), "lots of coffee and late meals"]))
    c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    add_normal_bloods(c, 0.5)
    extras(c, negs=["dysphagia", "weight_loss", "haematemesis", "melaena", "vomiting"], kneg=(2, 4),
           hist=["prev_ogd", "cholecystectomy"], phist=0.3, fh=["fh_gastric", "fh_crc"], pfh=0.3, hypo=["dysphagia", "weight_loss", "haematemesis"],
           phypo=0.45, nongi=["mood", "asthma", "back", "htn"], pnongi=0.4, other=["refuted_wl", "explained_wl"], pother=0.2)
    q(c, r.choice(["Would you recommend a gastroscopy?", "Please could you advise on further management.",
                   "Please see in clinic; %s is keen on a camera test." % c.he]))


def A2_reflux(c):
    A2_generic(c, kind="reflux")


def A2_returned(c):
    A2_generic(c, lo=25, hi=54, kind="dyspepsia", returned=True)


def A2_near(c):
    A2_generic(c, age=54, near_bday="soon")
    c.near.append("age 54 (55th birthday days after the letter)")


def A2_hp(c):
    A2_generic(c, lo=30, hi=54, kind="dyspepsia", hp=True)
    c.notes.append("dyspepsia persisting on a PPI but age < 55, so O1 does not apply")


def A2_barretts(c):
    A2_generic(c, lo=40, hi=54, kind="reflux", barretts=True)


# ---- A3 family history of colorectal cancer, no symptoms
def A3_generic(c):
    r = c.r
    demo(c, 25, 70)
    c.add("fh", fh_crc_positive(c))
    t = N("asymptomatic", r.choice(["%s has no bowel symptoms at all" % c.he, "%s is completely well in %s" % (c.he, c.himself),
                                    "%s has no symptoms" % c.he]))
    c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    if r.random() < 0.35:
        c.add_result("fit", 4, qual="<", days=r.randint(20, 60))
        c.notes.append("screening FIT below 10 in an asymptomatic patient")
    if r.random() < 0.4:
        c.add_result("hb", hb_normal_value(c), days=r.randint(5, 40))
    extras(c, negs=["rectal_bleeding", "cibh", "weight_loss", "abdominal_pain"], kneg=(2, 4), hist=["prev_colonoscopy", "cholecystectomy"],
           phist=0.35, nongi=["htn", "thyroid", "diabetes", "gout", "psoriasis"], pnongi=0.4)
    q(c, r.choice(["Does %s need colonoscopic screening, and from what age?" % c.he, "I would be grateful for your advice on surveillance.",
                   "Please could you advise whether %s should be referred for genetic testing or colonoscopy." % c.he]))


# ---- D anything else
def D_dyspepsia55(c, ppi_days=None):
    r = c.r
    demo(c, 55 if ppi_days is None else 56, 85 if ppi_days is None else 80)
    c.add("pc", pc_dyspepsia(c))
    if ppi_days:
        c.add("pc", ppi_trial(c, ppi_days))
    else:
        t = N("otc", "%s has been taking Gaviscon from the chemist and has not yet tried a PPI" % c.he)
        c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    add_normal_bloods(c, 0.6)
    extras(c, negs=["dysphagia", "weight_loss", "haematemesis", "melaena", "vomiting"], kneg=(3, 5),
           hist=["prev_ogd", "cholecystectomy", "prev_colonoscopy", "diverticular"], phist=0.6, fh=["fh_gastric"], pfh=0.3,
           hypo=["dysphagia", "weight_loss"], phypo=0.4, nongi=True, pnongi=0.5)
    q(c, r.choice(["Would you see %s for an OGD?" % c.him, "Please see in clinic."]))


def D_dyspepsia(c):
    D_dyspepsia55(c)


def D_dyspepsia_diet(c):
    r = c.r
    demo(c, 55, 80)
    c.add("pc", pc_dyspepsia(c))
    c.add("other", explained_wl_piece(c))
    t = N("otc", "%s has been using Gaviscon and has not tried a PPI yet" % c.he)
    c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    c.notes.append("weight lost on purpose with dyspepsia at >= 55: not U5 (spec counts only unexplained weight loss)")
    add_normal_bloods(c, 0.6)
    extras(c, negs=["dysphagia", "haematemesis", "melaena", "vomiting"], kneg=(2, 4), hist=["prev_ogd", "cholecystectomy", "hpylori_treated"],
           phist=0.6, fh=["fh_gastric"], pfh=0.3, hypo=["dysphagia"], phypo=0.4, nongi=True, pnongi=0.5)
    q(c, r.choice(["Would you see %s for an OGD?" % c.him, "I would be grateful for your advice."]))


def D_iron_corrected(c):
    r = c.r
    demo(c, 40, 80)
    old_d = r.randint(200, 330)
    c.add_result("hb", (r.randint(95, 110) if c.sex == "F" else r.randint(100, 120)), days=old_d, newest=False)
    c.add_result("ferritin", r.randint(5, 14), days=old_d, newest=False)
    d = r.randint(3, 20)
    c.add_result("hb", hb_normal_value(c), days=d)
    c.add_result("ferritin", r.randint(45, 120), days=d)
    c.med("Ferrous sulfate", "200 mg daily", start=c.ago(old_d - 7), stopped=fd(c.ago(r.randint(40, 90)), "my"))
    c.notes.append("older IDA values superseded by normal newest values after a course of iron (newest decides)")
    c.history_tags.append("prev_ida_resolved")
    extras(c, negs=["rectal_bleeding", "cibh", "weight_loss", "dyspepsia", "melaena", "abdominal_pain"], kneg=(3, 5),
           hist=["prev_colonoscopy", "cholecystectomy", "prev_ogd"], phist=0.5, fh=["fh_gastric", "fh_coeliac"], pfh=0.2, nongi=True, pnongi=0.5)
    q(c, "The blood count has recovered on iron; does %s still need any investigation?" % c.he)


def D_ppi3w(c):
    D_dyspepsia55(c, ppi_days=c.r.choice([21, 24, 25]))
    c.near.append("PPI for under four weeks at age >= 55")


def D_asymp(c, tag, lo, hi, qtext):
    r = c.r
    demo(c, lo, hi)
    for sec, pc in hist_item(c, tag):
        getattr(c, sec).append(pc)
    t = N("asymptomatic", r.choice(["%s is currently well" % c.he, "%s has no new symptoms" % c.he]))
    c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    add_normal_bloods(c, 0.5)
    extras(c, negs=["dysphagia", "weight_loss", "rectal_bleeding", "cibh", "reflux"], kneg=(2, 4), hist=["cholecystectomy", "prev_ogd"], phist=0.4,
           fh=["fh_gastric", "fh_ibd"], pfh=0.2, nongi=True, pnongi=0.5)
    q(c, qtext)


def D_barretts(c):
    D_asymp(c, "barretts", 55, 80, "Could you confirm when %s next surveillance OGD is due?" % "the")


def D_polyps(c):
    D_asymp(c, "polyps", 55, 80, "I notice %s surveillance colonoscopy seems overdue; could it be arranged?" % "the")


def D_prevcrc(c):
    D_asymp(c, "prev_crc", 60, 82, "Does %s need any further surveillance?" % "this patient")


def D_near_age(c, which):
    r = c.r
    if which == "rb49":
        demo(c, 49, 49, age=49, near_bday="soon")
        c.add("pc", pc_rectal_bleeding(c))
        pending_fit(c)
        c.near.append("age 49 with rectal bleeding and no FIT (U8 needs >= 50)")
        negs = ["weight_loss", "cibh", "abdominal_pain", "melaena"]
    elif which == "cibh59":
        demo(c, 59, 59, age=59, near_bday="soon")
        c.add("pc", pc_cibh(c))
        pending_fit(c)
        c.near.append("age 59 with change in bowel habit and no FIT (U8 needs >= 60)")
        negs = ["weight_loss", "rectal_bleeding", "abdominal_pain", "melaena"]
    else:
        demo(c, 39, 39, age=39, near_bday="soon")
        c.add("pc", pc_abdo_pain(c, where=r.choice(["lower", "left iliac fossa", "central cramping"])))
        c.add("pc", pc_weight_loss(c))
        pending_fit(c)
        c.near.append("age 39 with weight loss and abdominal pain, no FIT (U8 needs >= 40)")
        negs = ["rectal_bleeding", "cibh", "dyspepsia", "reflux", "melaena"]
    add_normal_bloods(c, 0.6)
    extras(c, negs=negs, kneg=(2, 3), hist=["prev_colonoscopy", "cholecystectomy", "rereferral_discharged"], phist=0.4,
           fh=["fh_gastric", "fh_ibd"], pfh=0.2, nongi=True, pnongi=0.4)
    q(c, r.choice(["I would be grateful if you could see %s." % c.him, "Please see."]))


def D_rb49(c):
    D_near_age(c, "rb49")


def D_cibh59(c):
    D_near_age(c, "cibh59")


def D_wl39(c):
    D_near_age(c, "wl39")


def D_alt39(c):
    r = c.r
    demo(c, 30, 70)
    c.add_result("alt", 39, days=r.randint(3, 20))
    t = N("social", "BMI %d, alcohol %d units/week" % (r.randint(26, 34), r.randint(2, 14)))
    c.other.append(Piece(None, "other", [cap(t) + "."], [t], [t]))
    c.near.append("ALT 39, just under 40")
    extras(c, negs=["jaundice", "abdominal_pain", "weight_loss"], kneg=(1, 3), fh=["fh_liver"], pfh=0.5, nongi=["diabetes", "htn", "gout"], pnongi=0.7)
    q(c, "%s is worried about %s liver after reading about fatty liver; I would be grateful for your advice." % (c.He, c.his))


def D_hb_edge(c):
    r = c.r
    demo(c, 25, 75)
    d = r.randint(3, 20)
    c.add_result("hb", 120 if c.sex == "F" else 130, days=d)
    c.add_result("ferritin", r.randint(8, 20), days=d)
    t = N("nongi_symptom", "%s has felt tired for a few months" % c.he)
    t2 = N("nongi_symptom", "tiredness for a few months")
    c.nongi.append(Piece(None, "nongi", [cap(t) + "."], [t2], [t2]))
    c.nongi_symptoms.append("tiredness")
    c.near.append("Hb exactly at the sex threshold (not anaemic) with low ferritin")
    extras(c, negs=["rectal_bleeding", "cibh", "weight_loss", "dyspepsia", "melaena"], kneg=(3, 4), hist=["prev_colonoscopy", "cholecystectomy", "prev_ogd"],
           phist=0.4, fh=["fh_gastric", "fh_coeliac"], pfh=0.3, nongi=True, pnongi=0.3)
    q(c, "I have started oral iron; does %s need investigating for the low ferritin?" % c.he)


def D_fer30(c):
    r = c.r
    demo(c, 40, 80)
    d = r.randint(3, 20)
    c.add_result("hb", r.randint(100, 115) if c.sex == "F" else r.randint(105, 124), days=d)
    c.add_result("ferritin", 30, days=d)
    c.results.append({"test": "other", "text": "MCV %d" % r.randint(99, 108), "row": "%-22s %-7s %-8s (%s)" % ("MCV", str(r.randint(99, 108)), "fL", "80-100"), "newest": True, "date": None})
    c.near.append("anaemia with ferritin exactly 30 (not iron deficient)")
    extras(c, negs=["rectal_bleeding", "cibh", "weight_loss", "dyspepsia", "melaena"], kneg=(3, 4), hist=["prev_colonoscopy", "cholecystectomy", "diverticular"],
           phist=0.5, fh=["fh_gastric"], pfh=0.2, nongi=True, pnongi=0.6)
    q(c, "B12 and folate are awaited. I would be grateful for your thoughts on the anaemia.")


def D_jaundice_young(c):
    r = c.r
    demo(c, 18, 39)
    c.add("pc", pc_jaundice(c))
    c.add_result("alt", r.randint(15, 32), days=r.randint(2, 8))
    c.results.append({"test": "other", "text": "bilirubin %d (unconjugated)" % r.randint(34, 60),
                      "row": "%-22s %-7s %-8s (%s)" % ("Bilirubin", str(r.randint(34, 60)), "umol/L", "<21"), "newest": True, "date": None})
    extras(c, negs=["abdominal_pain", "weight_loss", "confusion"], kneg=(1, 3), fh=["fh_liver"], pfh=0.3, nongi=["asthma", "mood"], pnongi=0.3)
    q(c, "I suspect Gilbert's but would value your opinion.")


def D_cirrhosis_q(c):
    r = c.r
    demo(c, 45, 78)
    c.add("hist", cirrhosis_piece(c))
    c.history_tags.append("cirrhosis_known")
    c.add_result("alt", r.randint(18, 36), days=r.randint(5, 30))
    c.med("Carvedilol", "6.25 mg twice daily")
    extras(c, negs=["ascites", "confusion", "jaundice", "haematemesis"], kneg=(2, 4), hist=["prev_ogd", "cholecystectomy"], phist=0.4,
           nongi=["diabetes", "htn"], pnongi=0.5)
    q(c, "%s has moved to us from another area; could you take over %s six-monthly HCC surveillance?" % (c.He, c.his))


def D_coeliac_q(c):
    r = c.r
    demo(c, 25, 70)
    for sec, pc in hist_item(c, "coeliac_known"):
        getattr(c, sec).append(pc)
    extras(c, negs=["weight_loss", "cibh", "abdominal_pain", "rectal_bleeding"], kneg=(2, 3), nongi=["thyroid", "asthma", "htn"], pnongi=0.5)
    q(c, r.choice(["Does %s need a DEXA scan and is %s due any follow-up?" % (c.he, c.he), "Should %s have the pneumococcal vaccine?" % c.he]))


def D_bariatric(c):
    r = c.r
    demo(c, 30, 60)
    kg = r.randint(28, 45)
    t = X("explained_weight_loss", "weight_loss", "%s has lost %d kg since %s gastric bypass in %d, as planned" % (c.he, kg, c.his, yr(c, 1, 2)))
    c.other.append(Piece("weight_loss", "other", [cap(t) + "."], [t], [t]))
    c.history_tags.append("bariatric_surgery")
    extras(c, negs=["dysphagia", "rectal_bleeding", "abdominal_pain", "vomiting"], kneg=(2, 3), nongi=["diabetes", "htn", "mood"], pnongi=0.6)
    q(c, "The bariatric service has discharged %s; which vitamin and mineral monitoring should we continue?" % c.him)


def D_fcp99(c):
    r = c.r
    demo(c, 50, 59)
    c.add("pc", pc_bloating(c))
    c.add_result("calprotectin", 99, days=r.randint(3, 20))
    c.near.append("calprotectin 99 at age >= 50 with bloating only")
    extras(c, negs=["rectal_bleeding", "cibh", "weight_loss", "abdominal_pain"], kneg=(2, 4), hist=["prev_colonoscopy", "cholecystectomy"], phist=0.4,
           fh=["fh_ibd"], pfh=0.2, nongi=True, pnongi=0.5)
    q(c, "Please could you advise.")


def D_bloat_fit(c):
    r = c.r
    demo(c, 50, 75)
    c.add("pc", pc_bloating(c))
    c.add_result("fit", 4, qual="<", days=r.randint(3, 20))
    add_normal_bloods(c, 0.6)
    extras(c, negs=["rectal_bleeding", "cibh", "weight_loss", "abdominal_pain"], kneg=(2, 4), hist=["prev_colonoscopy", "cholecystectomy", "diverticular"],
           phist=0.5, fh=["fh_ibd", "fh_gastric"], pfh=0.2, nongi=True, pnongi=0.5)
    q(c, "I would be grateful for your advice.")


SUBS = {
    # rule: [(name, lo, hi, near, fn)]
    "U1": [("older", 55, 92, False, U1_older), ("young", 18, 45, False, U1_young), ("with_ida", 50, 88, False, U1_ida),
           ("barretts", 55, 85, False, U1_barretts), ("carer_reported", 75, 95, False, U1_carer)],
    "U2": [("rectal_mass", 50, 90, False, U2_rectal), ("anal_mass", 40, 85, False, U2_anal)],
    "U3": [("cibh", 50, 88, False, U3_cibh), ("rb", 40, 85, False, U3_rb), ("polyps", 55, 85, False, U3_polyps),
           ("repeat", 50, 85, False, U3_repeat), ("with_alt", 45, 80, False, U3_alt), ("young", 30, 49, False, U3_young),
           ("near_fit10", 45, 85, True, U3_near)],
    "U4": [("woman", 55, 90, False, U4_woman), ("man", 40, 90, False, U4_man), ("young_woman", 18, 45, False, U4_young),
           ("repeat", 40, 85, False, U4_repeat), ("oral_iron", 50, 85, False, U4_iron), ("near_values", 30, 85, True, U4_near)],
    "U5": [("std", 58, 88, False, U5_std), ("on_ppi", 60, 85, False, U5_ppi), ("near_55", 55, 55, True, U5_near)],
    "U6": [("gp", 50, 90, False, U6_gp), ("nurse", 60, 90, False, U6_nurse), ("young", 30, 49, False, U6_young)],
    "U7": [("std", 50, 90, False, U7_std), ("fatty", 45, 80, False, U7_fatty), ("family", 60, 92, False, U7_family),
           ("near_40", 40, 40, True, U7_near)],
    "U8": [("rb", 52, 88, False, U8_rb), ("wl_pain", 41, 80, False, U8_wl), ("cibh", 61, 90, False, U8_cibh),
           ("prev_crc", 60, 85, False, U8_prevcrc), ("near_rb50", 50, 50, True, U8_rb_near), ("near_wl40", 40, 40, True, U8_wl_near),
           ("near_cibh60", 60, 60, True, U8_cibh_near)],
    "R1": [("new_bloody", 18, 45, False, R1_new_bloody), ("known_uc", 18, 49, False, R1_known_uc), ("crohns", 18, 59, False, R1_crohns_std),
           ("older_with_fit", 60, 80, False, R1_older_fit), ("repeat", 18, 55, False, R1_repeat), ("near_250", 18, 55, True, R1_near)],
    "R2": [("ascites", 40, 80, False, R2_ascites_std), ("nafld_ascites", 40, 80, False, R2_nafld), ("confusion", 45, 80, False, R2_confusion),
           ("alt", 20, 62, False, R2_alt_std), ("alt_repeat", 20, 62, False, R2_alt_repeat), ("near_alt300", 20, 62, True, R2_alt_near)],
    "R3": [("nsaid", 30, 80, False, R3_nsaid), ("alcohol", 20, 54, False, R3_alcohol), ("anticoag", 55, 85, False, R3_anticoag),
           ("with_trd", 56, 82, False, R3_trd)],
    "O1": [("std", 56, 85, False, O1_std), ("fatty", 56, 80, False, O1_fatty), ("nsaid", 60, 85, False, O1_nsaid),
           ("near_4w", 56, 85, True, O1_near4w), ("near_55", 55, 55, True, O1_near55)],
    "O2": [("new", 20, 59, False, O2_new), ("known_ibd", 20, 59, False, O2_known), ("repeat", 25, 55, False, O2_repeat),
           ("older_fit", 60, 80, False, O2_older), ("near", 20, 59, True, O2_near)],
    "O3": [("std", 18, 85, False, O3_std)],
    "O4": [("symptoms", 18, 59, False, O4_sym), ("screen", 18, 60, False, O4_screen), ("fh_coeliac", 18, 55, False, O4_fh),
           ("iron_def", 20, 55, False, O4_iron), ("older", 60, 75, False, O4_older)],
    "O5": [("alt", 30, 75, False, O5_alt), ("fatty", 30, 75, False, O5_fatty), ("repeat", 30, 65, False, O5_repeat),
           ("methotrexate", 40, 75, False, O5_mtx), ("near_40", 30, 70, True, O5_near40), ("near_299", 30, 65, True, O5_near299)],
    "A1": [("fcp", 18, 48, False, A1_fcp), ("fit", 18, 48, False, A1_fit), ("rereferral", 18, 48, False, A1_rereferral),
           ("near_49", 49, 49, True, A1_near49), ("near_fcp99", 18, 48, True, A1_near_fcp), ("near_fit9", 18, 48, True, A1_near_fit)],
    "O6": [("rb", 50, 85, False, O6_rb), ("cibh", 60, 88, False, O6_cibh), ("pain", 50, 80, False, O6_pain),
           ("young_rb", 20, 48, False, O6_young_rb), ("hist", 55, 85, False, O6_hist), ("near_fit9", 60, 80, True, O6_near_fit),
           ("near_50", 50, 50, True, O6_near50)],
    "A2": [("reflux", 20, 54, False, A2_reflux), ("returned", 25, 54, False, A2_returned), ("h_pylori", 30, 54, False, A2_hp),
           ("barretts", 40, 54, False, A2_barretts), ("near_54", 54, 54, True, A2_near)],
    "A3": [("std", 25, 70, False, A3_generic)],
    "D": [("dyspepsia55", 55, 85, False, D_dyspepsia), ("dyspepsia55_diet", 55, 80, False, D_dyspepsia_diet),
          ("iron_corrected", 40, 80, False, D_iron_corrected), ("barretts", 55, 80, False, D_barretts), ("polyps", 55, 80, False, D_polyps),
          ("prev_crc", 60, 82, False, D_prevcrc), ("jaundice_young", 18, 39, False, D_jaundice_young), ("cirrhosis_q", 45, 78, False, D_cirrhosis_q),
          ("coeliac_q", 25, 70, False, D_coeliac_q), ("bariatric", 30, 60, False, D_bariatric), ("bloat_fit", 50, 75, False, D_bloat_fit),
          ("near_ppi3w", 56, 80, True, D_ppi3w), ("near_rb49", 49, 49, True, D_rb49), ("near_cibh59", 59, 59, True, D_cibh59),
          ("near_wl39", 39, 39, True, D_wl39), ("near_alt39", 30, 70, True, D_alt39), ("near_hb", 25, 75, True, D_hb_edge),
          ("near_fer30", 40, 80, True, D_fer30), ("near_fcp99", 50, 59, True, D_fcp99)],
}


# --------------------------------------------------------------------------
# the spec's rule table (generator side; validate_set.py has its own copy)
# --------------------------------------------------------------------------
URG = {"U": "urgent_suspected_cancer", "R": "urgent", "O": "routine", "A": "advice_and_guidance", "D": "routine"}
RULES = {
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"), "A3": ("advice_and_guidance", "lower_gi"),
    "D": ("routine", "general_gi"),
}


def fit_below10(res):
    if res["qual"] in ("negative", "undetectable"):
        return True
    if res["qual"] == "<":
        return res["value"] <= 10
    return res["value"] < 10


def case_values(c):
    v = {}
    for t in VALUE_TESTS:
        x = c.newest(t)
        v[t] = x
    tt = c.newest("ttg")
    return v, (tt is not None and bool(tt.get("positive")))


def decide(c):
    f = c.f
    v, ttg = case_values(c)
    age, sex = c.age, c.sex
    hb = v["hb"]["value"] if v["hb"] else None
    fer = v["ferritin"]["value"] if v["ferritin"] else None
    fit = v["fit"]
    fcp = v["calprotectin"]["value"] if v["calprotectin"] else None
    alt = v["alt"]["value"] if v["alt"] else None
    anaemia = hb is not None and hb < (130 if sex == "M" else 120)
    irondef = fer is not None and fer < 30
    pain = f["abdominal_pain"] or f["upper_abdominal_pain"]
    upper = f["upper_abdominal_pain"] or f["reflux"] or f["dyspepsia"]
    fit_hi = fit is not None and not fit_below10(fit)
    fit_lo = fit is not None and fit_below10(fit)
    trd = f["dyspepsia"] and f["ppi_days"] is not None and f["ppi_days"] >= 28
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"]:
        return "U2"
    if fit_hi:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and upper:
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and f["rectal_bleeding"]) or (age >= 40 and f["weight_loss"] and pain) or (age >= 60 and f["cibh"])):
        return "U8"
    if f["bloody_diarrhoea"] or (fcp is not None and fcp >= 250):
        return "R1"
    if (f["known_cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if fcp is not None and 100 <= fcp <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable"] and f["ibd_question"]:
        return "O3"
    if ttg:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver_imaging"]:
        return "O5"
    other = (f["dysphagia"] or f["rectal_mass"] or f["anal_mass"] or f["abdominal_mass"] or f["jaundice"] or f["haematemesis"]
             or f["rectal_bleeding"] or f["bloody_diarrhoea"] or f["weight_loss"] or f["dyspepsia"] or f["reflux"]
             or f["upper_abdominal_pain"] or f["known_ibd"] or f["known_cirrhosis"] or f["ascites"] or f["confusion"]
             or f["fatty_liver_imaging"] or ttg or anaemia or irondef or alt is not None or fit_hi or (fcp is not None and fcp >= 100))
    if age < 50 and (pain or f["bloating"] or f["cibh"]) and ((fcp is not None and fcp < 100) or fit_lo) and not other:
        return "A1"
    if (f["rectal_bleeding"] or f["cibh"] or pain) and fit_lo:
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    if f["fh_crc"] and not any(f[k] for k in GI_SYMPTOMS) and not c.nongi_symptoms:
        return "A3"
    return "D"


# --------------------------------------------------------------------------
# layout helpers
# --------------------------------------------------------------------------
LEVEL_NAMES = {"usc": "urgent suspected cancer (2WW)", "urgent": "urgent", "routine": "routine", "advice": "advice and guidance only"}
LEVEL_OF_URG = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine", "advice_and_guidance": "advice"}
LEVEL_RANK = {"advice": 0, "routine": 1, "urgent": 2, "usc": 3}
REQ_PHRASES = {
    "usc": ["I would be grateful if %(he)s could be seen under the two-week wait.", "Please see as a 2WW referral.",
            "I am referring %(him)s on the urgent suspected cancer pathway.", "2WW please."],
    "urgent": ["I would be grateful if %(he)s could be seen urgently.", "Urgent please (not 2WW).",
               "I would appreciate an urgent appointment.", "Please could this be expedited."],
    "routine": ["A routine appointment would be fine.", "Routine please.", "There is no great rush; routine is fine.",
                "Please see routinely."],
    "advice": ["I do not think %(he)s needs to be seen; advice would be enough.", "Advice and Guidance only please.",
               "Advice only, no appointment needed unless you feel otherwise."],
}
REQ_FIELD = {"usc": ["2WW", "Urgent suspected cancer", "2 week wait"], "urgent": ["Urgent", "URGENT"],
             "routine": ["Routine", "ROUTINE"], "advice": ["Advice & Guidance", "A&G (advice only)"]}


def req_sentence(c):
    if c.req_level is None:
        return ""
    t = c.r.choice(REQ_PHRASES[c.req_level]) % {"he": c.he, "him": c.him}
    c.req_phrase = t
    return N("request", t)


def req_field(c):
    if c.req_level is None:
        return N("request", "not stated")
    t = c.r.choice(REQ_FIELD[c.req_level])
    c.req_phrase = t
    return N("request", t)


def hd(text):
    return N("heading", text)


def age_ev(c, style=None):
    r = c.r
    style = style or r.choice(["num", "num", "words", "num"])
    if style == "num":
        return P("age", "%d-year-old" % c.age)
    if style == "words":
        return P("age", "%s-year-old" % words(c.age))
    if style == "aged":
        return P("age", "aged %d" % c.age)
    if style == "bare":
        return P("age", "%d" % c.age)
    if style == "yo":
        return P("age", "%dyo" % c.age)
    if style == "years":
        return P("age", "%d years" % c.age)
    raise ValueError(style)


def sex_ev(c, style="noun"):
    if style == "noun":
        return P("sex", c.man)
    if style == "letter":
        return P("sex", c.sex)
    if style == "word":
        return P("sex", "female" if c.sex == "F" else "male")
    if style == "gent":
        return P("sex", c.gent)
    raise ValueError(style)


def dob_ev(c, fmt=None):
    fmt = fmt or c.r.choice(["dmy", "dmy", "long", "mon"])
    return P("dob", fd(c.dob, fmt))


def ld_ev(c, fmt=None):
    fmt = fmt or c.r.choice(["dmy", "long", "ord", "dmy2", "mon"])
    return P("letter_date", fd(c.ld, fmt))


def name_ev(c, upper=None):
    r = c.r
    if upper is None:
        upper = r.random() < 0.5
    sn = c.surname.upper() if upper else c.surname
    return "%s %s %s" % (P("sex", c.title), c.first, sn)


def other_dates(c):
    """extra header dates (dictated/typed) only when the age is not near a birthday"""
    r = c.r
    if c.near_bday:
        return []
    out = []
    if r.random() < 0.5:
        out.append("Dictated: %s" % fd(c.ago(r.randint(1, 4)), "dmy"))
    if r.random() < 0.4:
        out.append("Typed: %s" % fd(c.ago(r.randint(0, 1)), "dmy"))
    return out


def practice_header(c, lines=None):
    r = c.r
    c.practice = r.choice(PRACTICES)
    town = r.choice(TOWNS)
    code = r.choice("ABCDEFGHJKLMNPY") + "%05d" % r.randint(10000, 99999)
    c.practice_code = code
    L = [c.practice, "%d %s, %s %s" % (r.randint(1, 90), r.choice(STREETS), town, postcode(r))]
    if r.random() < 0.8:
        L.append("Tel: %s   Fax: %s" % (phone(r), phone(r)) if r.random() < 0.4 else "Tel: %s" % phone(r))
    if r.random() < 0.6:
        L.append("Practice code: %s" % code)
    if r.random() < 0.3:
        L.append("Email: %s.%s@nhs.net" % (c.practice.lower().replace(" ", "").replace("'", "")[:14], code.lower()))
    return L


def gp_name(c):
    if not hasattr(c, "_gp"):
        c._gp = doctor(c.r)
    return c._gp


def recipient(c):
    r = c.r
    cons = r.choice(CONSULTANTS)
    c.hospital = r.choice(HOSPITALS)
    c.consultant = cons
    return [r.choice(["%s, Consultant Gastroenterologist" % cons, "The Gastroenterology Team", "Gastroenterology Department",
                      "Dr %s / Gastroenterology on-call team" % cons.split()[-1]]), c.hospital]


def pj(c, pieces, reg="prose", sep=" "):
    return sep.join(p.get(reg, c.r) for p in pieces)


def results_inline(c, style="inline", intro=None):
    r = c.r
    new = [x for x in c.results if x["newest"]]
    old = [x for x in c.results if not x["newest"]]
    if not new and not old:
        return ""
    items = []
    for x in new:
        if x["test"] == "other":
            items.append(N("other_result", x["text"]))
        else:
            items.append(res_inline(c, x, style))
    s = ""
    if items:
        if all(x["test"] == "other" for x in new):
            intro = intro or r.choice(["Routine bloods: %s.", "Other bloods were unremarkable (%s).", "Bloods: %s."])
        intro = intro or r.choice(["Recent results: %s.", "Bloods and stool tests show %s.", "Investigations so far: %s.",
                                   "Results this month: %s."])
        s = intro % ", ".join(items)
    if old:
        olds = ", ".join(res_inline(c, x, style, date=True) for x in old)
        s += " " + r.choice(["For comparison, the earlier result was %s.", "(Previously %s.)", "An older result for comparison: %s."]) % olds
    return s.strip()


def results_table(c, title=True):
    r = c.r
    rows = []
    if title:
        rows.append("%-22s %-7s %-8s %s %s %s" % ("Test", "Result", "Units", "(Range)", "Flag", "Date"))
    for x in sorted(c.results, key=lambda z: (z["test"] == "other", z["test"], z["date"] or c.ld)):
        rows.append(res_row(c, x))
    return rows


def meds_block(c, bullet="- "):
    if not c.meds:
        return ["Nil regular"]
    return med_list(c, bullet=bullet)


def hist_prose(c):
    r = c.r
    items = c.hist + c.docs
    if not items:
        return ""
    if len(items) == 1:
        return items[0].get("prose", r)
    intro = r.choice(["Relevant background: ", "In terms of background, ", "Of note, "])
    return intro + "; ".join(strip_end(p.get("note", r)) for p in items) + "."


def all_negs(c, reg="prose"):
    return pj(c, c.neg, reg)


def short_neg_list(c):
    return ", ".join(p.get("short", c.r) for p in c.neg)


# --------------------------------------------------------------------------
# form rows
# --------------------------------------------------------------------------
TICK, CROSS = "\u2713", "\u2717"
STRIKE = "\u0336"


def strike(s):
    return "".join(ch + STRIKE for ch in s)


def answer(style, yes, r, he="she"):
    if style == "yn":
        return "Y" if yes else "N"
    if style == "circ":
        return "(Yes) / No" if yes else "Yes / (No)"
    if style == "strike":
        return ("Yes / " + strike("No")) if yes else (strike("Yes") + " / No")
    if style == "box":
        return "[x] Yes  [ ] No" if yes else "[ ] Yes  [x] No"
    if style == "tick":
        return TICK if yes else CROSS
    if style == "pm":
        return "+" if yes else "-"
    if style == "pa":
        return "present" if yes else "absent"
    if style == "free":
        if yes:
            return r.choice(["yes, most days", "yes - ongoing", "yes, for a couple of months now"])
        return r.choice(["not that %s's noticed" % he, "no", "denies", "none"])
    raise ValueError(style)


def form_row(c, label, fact, yes, style, sep=": ", set_fact=None):
    a = answer(style, yes, c.r, c.he if not c.third_person else "she")
    txt = "%s%s%s" % (label, sep, a)
    if yes:
        if set_fact:
            c.fact(set_fact)
        return P(set_fact or fact, txt)
    kind = "unticked_box" if style in ("box", "tick") else "form_no"
    return X(kind, fact, txt)


def ida_now(c):
    hb, fer = c.newest("hb"), c.newest("ferritin")
    if hb is None or fer is None:
        return None
    return hb_anaemic(c, hb["value"]) and fer["value"] < 30


def ida_row(c, label, style):
    v = ida_now(c)
    if v is None:
        return N("form_ida", "%s: not known" % label)
    a = answer(style, v, c.r)
    txt = "%s: %s" % (label, a)
    return P("ida", txt) if v else X("unticked_box" if style in ("box", "tick") else "form_no", "ida", txt)


def legend(style):
    if style == "tick":
        return "(%s = yes, %s = no)" % (TICK, CROSS)
    if style == "pm":
        return "(+ present, - absent)"
    if style == "strike":
        return "(delete as appropriate)"
    if style == "circ":
        return "(circle)"
    if style == "box":
        return "(tick all that apply)"
    return ""


# --------------------------------------------------------------------------
# the 20 layouts
# --------------------------------------------------------------------------
def L_formal(c):
    r = c.r
    L = practice_header(c) + [""] + recipient(c) + [""]
    L.append("Date: " + ld_ev(c))
    L += other_dates(c)
    L += ["", "Dear %s," % r.choice(["Dr %s" % c.consultant.split()[-1], "Colleague", "Doctor"]), ""]
    L.append("Re: %s, DOB %s, NHS No %s" % (name_ev(c), dob_ev(c), fmt_nhs(c.nhs, r)))
    L.append(c.address)
    L.append("")
    open_ = r.choice(["Thank you for seeing this %s %s, whom I saw today." % (age_ev(c), sex_ev(c)),
                      "I would be grateful for your opinion on this %s %s." % (age_ev(c), sex_ev(c)),
                      "I would value your advice on this %s %s." % (age_ev(c), sex_ev(c))])
    L.append(open_ + " " + lead(c))
    if c.hist or c.docs:
        L += ["", hist_prose(c)]
    rest = [pj(c, c.past), pj(c, c.other), all_negs(c), pj(c, c.fh)]
    rest = " ".join(x for x in rest if x)
    if rest:
        L += ["", rest]
    ex = pj(c, c.exam)
    resu = results_inline(c)
    if ex or resu:
        L += ["", " ".join(x for x in [ex, resu] if x)]
    if c.nongi:
        L += ["", "Other matters: " + pj(c, c.nongi)]
    L += ["", "Current medication:"] + meds_block(c)
    L += ["", " ".join(x for x in [pj(c, c.question), req_sentence(c), pj(c, c.hypo)] if x)]
    L += ["", "Yours sincerely,", "", gp_name(c), r.choice(["GP Partner", "General Practitioner", "Senior Partner"])]
    if r.random() < 0.5:
        L.append("cc: %s" % r.choice(["Patient", "Patient; practice file", "Dr %s (Consultant Cardiologist)" % r.choice(SURNAMES)]))
    return "\n".join(L)


def L_terse(c):
    r = c.r
    L = [ld_ev(c, r.choice(["dmy", "dmys", "dmy2"]))]
    L.append("Re %s %s DOB %s" % (P("sex", c.title), c.surname, dob_ev(c, "dmy")))
    bits = ["%s%s" % (age_ev(c, "bare"), sex_ev(c, "letter"))]
    bits += [strip_end(p.get("note", r)) for p in c.pc + c.exam] if (c.pc or c.exam) else [lead(c, "note")]
    if c.hist or c.docs:
        bits += [strip_end(p.get("note", r)) for p in (c.hist + c.docs)]
    res = [res_inline(c, x, "abbr") if x["test"] != "other" else N("other_result", x["text"]) for x in c.results if x["newest"] or True]
    if res:
        bits.append(", ".join(res))
    bits += [strip_end(p.get("note", r)) for p in c.other + c.past + c.fh]
    if c.neg:
        bits.append(", ".join(p.get("short", r) for p in c.neg))
    for m in c.meds:
        if m.get("link") == "ppi_trial" or r.random() < 0.4:
            bits.append("on " + med_line(c, m, "abbr"))
    bits += [strip_end(p.get("note", r)) for p in c.nongi]
    body = ". ".join(b for b in bits if b) + "."
    L.append(body)
    tail = " ".join(x for x in [pj(c, c.question, "note"), req_sentence(c), pj(c, c.hypo, "note")] if x)
    if tail:
        L.append(tail)
    L.append(r.choice(["Thanks", "Many thanks", "Ta"]) + ", " + initials_doctor(r) + r.choice([" (locum)", " locum GP", ""]))
    return "\n".join(L)


JOBS = ["retired teacher", "bus driver", "care worker", "retired miner", "nurse", "shop manager", "farmer",
        "accountant", "student", "hairdresser", "postman", "builder", "cleaner", "chef", "retired engineer"]


def L_chatty(c):
    r = c.r
    cons_first = r.choice(["Sarah", "Tom", "Priya", "James", "Ade", "Helen"])
    L = practice_header(c)[:2] + [ld_ev(c, r.choice(["long", "ord"])), ""]
    L.append("Dear %s," % cons_first)
    L.append("")
    L.append("Re: %s (DOB %s, NHS %s)" % (name_ev(c, False), dob_ev(c), fmt_nhs(c.nhs, r)))
    L.append("")
    if c.age >= 66:
        job = "retired " + r.choice(["teacher", "publican", "nurse", "joiner", "miner", "engineer", "shopkeeper"])
    elif c.age < 23:
        job = r.choice(["student", "apprentice electrician", "barista", "student nurse"])
    else:
        job = r.choice([j for j in JOBS if not j.startswith("retired") and j != "student"])
    L.append("I wonder if you'd mind seeing %s, a lovely %s %s (%s) whom I've known for years. %s" % (
        c.first, age_ev(c), sex_ev(c), N("social", job), lead(c)))
    if c.hist or c.docs:
        hp = hist_prose(c)
        L += ["", ("As you may remember: " + hp) if r.random() < 0.3 else hp]
    L += ["", " ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c), pj(c, c.fh)] if x)]
    ex = pj(c, c.exam)
    L += ["", " ".join(x for x in [("When I examined %s: " % c.him + ex) if ex else "", results_inline(c)] if x)]
    if c.nongi:
        L += ["", "While %s was in we also sorted out a few other things. " % c.he + pj(c, c.nongi)]
    L += ["", "%s's on: %s." % (c.He if not c.third_person else "The patient", "; ".join(med_line(c, m) for m in c.meds) if c.meds else N("med", "nothing regular"))]
    L += ["", " ".join(x for x in [pj(c, c.question), req_sentence(c), pj(c, c.hypo)] if x) + " " + r.choice(["Thanks so much.", "Thanks ever so much for your help.", "Many thanks, as always."])]
    L += ["", "Best wishes,", "", gp_name(c).replace("Dr ", ""), r.choice(["(GP)", "GP Partner", "Salaried GP"])]
    return "\n".join(L)


def L_third(c):
    r = c.r
    L = practice_header(c) + [""] + recipient(c) + ["", "Date: " + ld_ev(c)]
    L += other_dates(c)
    L += ["", "Patient: %s   DOB: %s   NHS: %s" % (name_ev(c, True), dob_ev(c), fmt_nhs(c.nhs, r)), ""]
    L.append("Dear Colleague,")
    L.append("")
    L.append("The patient is a %s %s. %s" % (age_ev(c), sex_ev(c), lead(c)))
    if c.hist or c.docs:
        L += ["", "The patient's history includes the following. " + " ".join(p.get("prose", r) for p in c.hist + c.docs)]
    L += ["", " ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c), pj(c, c.fh)] if x)]
    ex = pj(c, c.exam)
    L += ["", " ".join(x for x in ["On examination of the patient: " + ex if ex else "", results_inline(c)] if x)]
    if c.nongi:
        L += ["", pj(c, c.nongi)]
    L += ["", "The patient's medication:"] + meds_block(c, "  ")
    L += ["", " ".join(x for x in [pj(c, c.question), req_sentence(c), pj(c, c.hypo)] if x)]
    L += ["", "Yours faithfully,", gp_name(c), "on behalf of the partners"]
    return "\n".join(L)


def lower_nopunct(t):
    t = t.lower()
    out = []
    n = len(t)
    for i, ch in enumerate(t):
        if ch in ".,;:()!?\"'":
            prev = t[i - 1] if i > 0 else ""
            nxt = t[i + 1] if i + 1 < n else ""
            if ch in ".," and prev.isdigit() and nxt.isdigit():
                out.append(ch)
            continue
        out.append(ch)
    return re.sub(r"[ ]{2,}", " ", "".join(out))


def L_lower(c):
    r = c.r
    L = ["%s" % ld_ev(c, "dmy"), "", "re %s dob %s nhs %s" % (name_ev(c, False), dob_ev(c, "dmy"), c.nhs), ""]
    L.append("dear %s" % r.choice(["colleague", "dr %s" % r.choice(CONSULTANTS).split()[-1].lower(), "gastro team"]))
    L.append("thanks for seeing this %s %s %s" % (age_ev(c), sex_ev(c), lead(c)))
    if c.hist or c.docs:
        L.append(hist_prose(c))
    L.append(" ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c), pj(c, c.fh), pj(c, c.exam), results_inline(c)] if x))
    if c.nongi:
        L.append(pj(c, c.nongi))
    if c.meds:
        L.append("meds " + ", ".join(med_line(c, m) for m in c.meds))
    L.append(" ".join(x for x in [pj(c, c.question), req_sentence(c), pj(c, c.hypo)] if x))
    L.append("thanks " + gp_name(c).lower())
    s = "\n".join(L)
    return visible_map(s, lower_nopunct)


def L_abbr(c):
    r = c.r
    L = practice_header(c)[:1] + ["Date: " + ld_ev(c, "dmys"), ""]
    L.append("Re: %s  DOB %s  NHS %s" % (name_ev(c, True), dob_ev(c, "dmy"), fmt_nhs(c.nhs, r)))
    L.append("")
    L.append("%s%s. %s" % (age_ev(c, "bare"), sex_ev(c, "letter"), "; ".join(strip_end(p.get("abbr", r)) for p in c.pc) if c.pc else lead(c, "note")))
    if c.hist or c.docs or c.past:
        L.append("PMHx: " + "; ".join(strip_end(p.get("abbr", r)) for p in c.hist + c.docs + c.past))
    if c.nongi:
        L.append("Also: " + "; ".join(strip_end(p.get("abbr", r)) for p in c.nongi))
    if c.meds:
        L.append("DHx: " + ", ".join(med_line(c, m, "abbr") for m in c.meds))
    if c.fh:
        L.append(hd("FHx:") + " " + "; ".join(strip_end(p.get("abbr", r)) for p in c.fh))
    if c.other:
        L.append("; ".join(strip_end(p.get("abbr", r)) for p in c.other))
    if c.neg:
        L.append("RF: " + ", ".join(p.get("abbr", r) for p in c.neg))
    ex = "; ".join(strip_end(p.get("abbr", r)) for p in c.exam)
    if ex:
        L.append("O/E: " + ex)
    res = [res_inline(c, x, "abbr") if x["test"] != "other" else N("other_result", x["text"]) for x in c.results]
    if res:
        L.append("Ix: " + ", ".join(res))
    L.append("Plan: " + " ".join(x for x in [pj(c, c.question, "note"), req_sentence(c)] if x))
    if c.hypo:
        L.append("SN: " + pj(c, c.hypo, "abbr"))
    L.append(initials_doctor(r))
    return "\n".join(L)


def L_problem_lists(c):
    r = c.r
    c.practice_name_pl = r.choice(PRACTICES)
    L = ["%s - REFERRAL LETTER (generated from clinical system)" % c.practice_name_pl, "Printed: " + ld_ev(c, "dmy"), ""]
    L.append("Patient: %s" % name_ev(c, True))
    L.append("Date of birth: %s   NHS number: %s   Gender: %s" % (dob_ev(c, "dmy"), fmt_nhs(c.nhs, r), sex_ev(c, "word")))
    L.append("Usual GP: %s" % gp_name(c))
    L.append("")
    L.append("ACTIVE PROBLEMS")
    act = [p for p in c.hist if p.fact] + c.nongi
    for p in act:
        L.append("  " + strip_end(p.get("note", r)))
    if not act:
        L.append("  none recorded")
    L.append("SIGNIFICANT PAST")
    pst = [p for p in c.hist if not p.fact] + c.past + c.docs
    for p in pst:
        L.append("  " + strip_end(p.get("note", r)))
    if not pst:
        L.append("  none recorded")
    L.append("")
    L.append("REPEAT MEDICATION")
    L += meds_block(c, "  ")
    if c.results:
        L += ["", "RECENT RESULTS"] + ["  " + x for x in results_table(c)]
    foot = "--- %s | %s %s | NHS %s | Page %%d of 2 ---" % (c.practice_name_pl, c.first, c.surname.upper(), fmt_nhs(c.nhs, r))
    L += ["", foot % 1, ""]
    L += ["CONSULTATION %s  %s" % (fd(c.ago(r.randint(0, 3)) if not c.near_bday else c.ld, "dmy"), gp_name(c))]
    hx = [strip_end(p.get("note", r)) for p in c.pc]
    L.append("History: " + ("; ".join(hx) if hx else lead(c, "note")) + ".")
    extra = [strip_end(p.get("note", r)) for p in c.other + c.fh]
    if extra:
        L.append("  " + "; ".join(extra))
    if c.neg:
        L.append("  " + ", ".join(p.get("short", r) for p in c.neg))
    if c.exam:
        L.append("Examination: " + "; ".join(strip_end(p.get("note", r)) for p in c.exam))
    L.append("")
    L.append("Findings / issues:")
    items = [strip_end(p.get("note", r)) for p in c.question]
    for i, it in enumerate(items, 1):
        L.append("%d. %s" % (i, it))
    rs = req_sentence(c)
    if rs:
        L.append("%d. %s" % (len(items) + 1, rs))
    if c.hypo:
        L.append("Safety netting: " + pj(c, c.hypo, "note"))
    L += ["", "Signed electronically: %s (Salaried GP)" % gp_name(c), "", foot % 2]
    return "\n".join(L)


IMPRESSIONS = {
    "upper": ["needs upper GI assessment", "?upper GI pathology"],
    "lower": ["needs lower GI assessment", "?colorectal pathology"],
    "liver": ["abnormal liver picture", "liver problem to assess"],
    "ibd": ["?inflammatory bowel problem", "IBD question"],
    "func": ["probably functional, to confirm", "likely benign but would value opinion"],
    "general": ["for specialist opinion", "unclear, would value advice"],
}


def rule_family(c):
    return {"U1": "upper", "U5": "upper", "R3": "upper", "O1": "upper", "A2": "upper", "U2": "lower", "U3": "lower",
            "U4": "lower", "U6": "lower", "U8": "lower", "A3": "lower", "O6": "lower", "U7": "liver", "R2": "liver",
            "O5": "liver", "R1": "ibd", "O2": "ibd", "O3": "ibd", "A1": "func"}.get(c.rule, "general")


def reason_text(c):
    fam = rule_family(c)
    h = c.his
    if c.rule == "O3":
        return "I am writing with a management question about %s inflammatory bowel disease." % h
    if c.rule == "A3":
        return "I am writing about %s family history." % h
    if c.rule == "O4":
        return "I am writing about %s coeliac blood test." % h
    if c.rule == "U6":
        return "I am writing about what I found when I examined %s." % c.him
    if fam == "liver":
        return "I am writing about %s liver." % h
    if c.rule == "U4" or (c.rule == "D" and c.newest("hb") is not None):
        return "I am writing about %s blood results." % h
    return "I am writing for advice about %s follow-up." % h


def lead(c, reg="prose"):
    if c.pc:
        return pj(c, c.pc, reg, " " if reg == "prose" else "; ")
    t = reason_text(c)
    if reg != "prose":
        t = reason_note(c)
    return N("reason", t)


def reason_note(c):
    fam = rule_family(c)
    if c.rule == "O3":
        return "management question re inflammatory bowel disease"
    if c.rule == "A3":
        return "family history, no symptoms"
    if c.rule == "O4":
        return "coeliac blood test result"
    if c.rule == "U6":
        return "finding on examination"
    if fam == "liver":
        return "liver"
    if c.rule == "U4" or (c.rule == "D" and c.newest("hb") is not None):
        return "blood results"
    return "follow-up advice"


def impression(c):
    r = c.r
    return N("impression", r.choice(IMPRESSIONS[rule_family(c)]))


def L_soap(c):
    r = c.r
    sup = doctor(r)
    L = practice_header(c)[:2] + ["", "Date: " + ld_ev(c)] + other_dates(c) + [""]
    L.append("RE: %s, %s, DOB %s, NHS %s" % (name_ev(c), age_ev(c, "years"), dob_ev(c), fmt_nhs(c.nhs, r)))
    L.append("")
    L.append("Dear %s," % r.choice(["Gastroenterology team", "Colleague"]))
    L.append("I saw this %s today (my supervisor %s has reviewed this letter)." % (sex_ev(c), sup))
    L.append("")
    s = ([p.get("note", r) for p in c.pc] or [lead(c, "note")]) + [p.get("note", r) for p in c.other + c.past]
    if c.neg:
        s.append(", ".join(p.get("short", r) for p in c.neg))
    s += [p.get("note", r) for p in c.fh + c.hist + c.docs]
    L.append("S: " + "; ".join(strip_end(x) for x in s if x))
    o = [strip_end(p.get("note", r)) for p in c.exam]
    res = [res_inline(c, x, "inline") if x["test"] != "other" else N("other_result", x["text"]) for x in c.results]
    L.append("O: " + "; ".join(o + res) if (o or res) else "O: " + N("exam_general", "obs normal, looks well"))
    L.append("A: " + impression(c))
    p = [strip_end(x.get("note", r)) for x in c.question]
    rs = req_sentence(c)
    L.append("P: " + "; ".join(p + ([rs] if rs else [])) + (("; " + pj(c, c.hypo, "note")) if c.hypo else ""))
    if c.nongi:
        L.append("Also discussed: " + "; ".join(strip_end(x.get("note", r)) for x in c.nongi))
    L += ["", "Medication:"] + meds_block(c)
    L += ["", "Kind regards,", doctor(r) + ", GP Registrar (ST3)"]
    return "\n".join(L)


def L_headings(c):
    r = c.r
    L = practice_header(c) + ["", "Date: " + ld_ev(c)] + other_dates(c) + [""]
    L.append("Patient: %s | DOB %s | NHS %s | Hosp no %s" % (name_ev(c), dob_ev(c), fmt_nhs(c.nhs, r), c.hosp_no))
    L.append("")
    first = c.pc[0].get("short", r) if c.pc else lead(c, "note")
    L.append("Presenting complaint: %s, %s %s" % (first, age_ev(c), sex_ev(c)))
    if c.pc:
        L.append("HPC: " + pj(c, c.pc))
    if c.other:
        L.append(pj(c, c.other))
    if c.hist or c.docs or c.past:
        L.append("Hx: " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs + c.past))
    if c.neg:
        L.append("Red flags screened: " + ", ".join(p.get("short", r) for p in c.neg))
    if c.fh:
        L.append(hd("FH:") + " " + "; ".join(strip_end(p.get("note", r)) for p in c.fh))
    if c.exam:
        L.append("Examination: " + "; ".join(strip_end(p.get("note", r)) for p in c.exam))
    if c.results:
        L.append("Results: " + ", ".join(res_inline(c, x) if x["test"] != "other" else N("other_result", x["text"]) for x in c.results))
    if c.nongi:
        L.append("Other problems: " + "; ".join(strip_end(p.get("note", r)) for p in c.nongi))
    L.append("Medication: " + ("; ".join(med_line(c, m) for m in c.meds) if c.meds else "none"))
    L.append("Impression: " + impression(c))
    L.append("Concerns: " + r.choice(["%s is anxious about cancer" % c.he, "none specific", "wants reassurance"]).replace("cancer", "it being serious"))
    L.append("What I have done: " + r.choice(["bloods as above", "examined, bloods", "reviewed records"]))
    L.append("What I would like: " + " ".join(x for x in [pj(c, c.question, "note"), req_sentence(c)] if x))
    if c.hypo:
        L.append("Safety netting: " + pj(c, c.hypo, "note"))
    L += ["", gp_name(c)]
    return "\n".join(L)


def followup_doc(c):
    r = c.r
    if c.docs:
        return None
    d = c.ago(r.randint(120, 900))
    cons = r.choice(CONSULTANTS)
    if c.rule == "O3":
        s = "last reviewed in the IBD clinic by %s on %s and discharged to GP care with open access" % (cons, fd(d, "dmy"))
    elif c.rule in ("R2", "D") and c.f["known_cirrhosis"]:
        s = "seen in the liver clinic by %s on %s; the plan was six-monthly review" % (cons, fd(d, "dmy"))
    else:
        s = r.choice(["seen in your clinic by %s on %s and discharged with advice" % (cons, fd(d, "dmy")),
                      "reviewed by %s on %s; the clinic letter said to re-refer if anything changed" % (cons, fd(d, "dmy"))])
    c.history_tags.append("following_clinic_letter")
    return X("history_document", "clinic_letter", s)


def L_followup(c):
    r = c.r
    L = practice_header(c) + [""] + recipient(c) + ["", ld_ev(c, r.choice(["long", "dmy"]))] + other_dates(c)
    L += ["", "Dear %s," % r.choice(["Dr %s" % c.consultant.split()[-1], "Colleague"]), ""]
    L.append("Re: %s  DOB %s  NHS %s  Hosp no %s" % (name_ev(c), dob_ev(c), fmt_nhs(c.nhs, r), c.hosp_no))
    L.append("")
    fu = followup_doc(c)
    if fu:
        L.append("%s, now a %s %s, was %s. I would be grateful for your help again." % (c.first, age_ev(c), sex_ev(c), fu))
    else:
        L.append("Further to my earlier letter of %s, I am writing again about this %s %s." % (fd(c.ago(r.randint(40, 200)), "long"), age_ev(c), sex_ev(c)))
        c.history_tags.append("following_earlier_letter")
        L.append(hist_prose(c))
    if fu and (c.hist or c.docs):
        L.append(hist_prose(c))
    L.append("")
    L.append(lead(c))
    L.append(" ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c), pj(c, c.fh), pj(c, c.exam), results_inline(c)] if x))
    if c.nongi:
        L += ["", pj(c, c.nongi)]
    L += ["", "Medication:"] + meds_block(c)
    L += ["", " ".join(x for x in [pj(c, c.question), req_sentence(c), pj(c, c.hypo)] if x)]
    L += ["", "With best wishes,", gp_name(c)]
    return "\n".join(L)


def L_two_visits(c):
    r = c.r
    d1 = c.ago(r.randint(18, 35))
    L = practice_header(c)[:2] + ["", "Date: " + ld_ev(c), ""]
    L.append("Re: %s, DOB %s, NHS %s" % (name_ev(c), dob_ev(c), fmt_nhs(c.nhs, r)))
    L.append("")
    L.append("Dear %s," % r.choice(["Colleague", "Gastroenterology"]))
    L.append("")
    pcs = list(c.pc)
    k = max(1, len(pcs) // 2 + (len(pcs) % 2)) if pcs else 0
    v1, v2 = pcs[:k], pcs[k:]
    if c.near_bday:
        # a birthday falls between the two visits: give the age at the letter date only
        L.append("I first saw this %s on %s. %s" % (sex_ev(c), fd(d1, "long"), pj(c, v1) if v1 else N("visit1", "The consultation was mainly about %s other problems." % c.his)))
    else:
        L.append("I first saw this %s %s on %s. %s" % (age_ev(c), sex_ev(c), fd(d1, "long"), pj(c, v1) if v1 else N("visit1", "The consultation was mainly about %s other problems." % c.his)))
    if c.hist or c.docs:
        L.append(hist_prose(c))
    # keep addendum candidates: one newest decisive result moves to the P.S.
    new = [x for x in c.results if x["newest"] and x["test"] in ("fit", "calprotectin", "ferritin", "alt", "ttg")]
    ps = r.choice(new) if (new and r.random() < 0.7) else None
    gap = (c.ld - d1).days
    later = "I reviewed %s on %s, %s later%s%s." % (c.him, fd(c.ld, "long"), r.choice(["%d days" % gap, "about %d weeks" % round(gap / 7.0)]),
                                                    (", when %s was %s" % (c.he, age_ev(c, "aged"))) if c.near_bday else "",
                                                    ", and the symptoms were still there" if v1 else "")
    sign = r.choice(["At the first visit %s looked pale and had a temperature of 37.8; at review %s colour was better and the temperature was normal." % (c.he, c.his),
                     "%s ankles were swollen at the first visit; the swelling had gone at review." % (c.His if not c.third_person else "The patient's"),
                     "There was a blotchy rash on %s forearms at the first visit, which had cleared by the review." % c.his,
                     "%s blood pressure was 164/96 at the first visit and 136/84 at review." % (c.His if not c.third_person else "The patient's")])
    L += ["", " ".join(x for x in [later, pj(c, v2), N("sign_change", sign)] if x)]
    body_res = [x for x in c.results if x is not ps]
    saved = c.results
    c.results = body_res
    L.append(" ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c), pj(c, c.fh), pj(c, c.exam), results_inline(c)] if x))
    c.results = saved
    if c.nongi:
        L += ["", pj(c, c.nongi)]
    if c.meds:
        L += ["", "Medication: " + "; ".join(med_line(c, m) for m in c.meds) + "."]
    L += ["", " ".join(x for x in [pj(c, c.question), req_sentence(c), pj(c, c.hypo)] if x)]
    L += ["", "Yours sincerely,", gp_name(c)]
    if ps is not None:
        L += ["", r.choice(["P.S. ", "Addendum (%s): " % fd(c.ld, "dmy"), "PS - "]) + r.choice(["the result came back after I dictated this: %s.", "%s has just come back.", "result now available: %s."]) % res_inline(c, ps)]
        c.notes.append("decisive result in the P.S./addendum")
    return "\n".join(L)


def L_nhs111(c):
    r = c.r
    caller = r.choice(["patient", "patient", c.spouse, "daughter", "son"])
    L = ["NHS 111 - CLINICAL ASSESSMENT SERVICE", "Clinical summary (copied to gastroenterology at the request of the registered GP)", ""]
    L.append("Call date: %s   Time: %02d:%02d" % (ld_ev(c, "dmy"), r.randint(17, 23), r.randint(0, 59)))
    L.append("Caller: %s" % caller)
    L.append("Patient: %s   DOB: %s   NHS: %s" % (name_ev(c, True), dob_ev(c), fmt_nhs(c.nhs, r)))
    L.append("Registered GP: %s, %s" % (gp_name(c), r.choice(PRACTICES)))
    L.append("")
    who = "The patient" if caller == "patient" else "The caller (%s)" % caller
    L.append("Reason for call: %s" % (c.pc[0].get("short", r) if c.pc else lead(c, "note")))
    L.append("")
    L.append("Clinical assessment: %s %s %s. %s" % (
        age_ev(c), sex_ev(c, "word"), "- history from %s" % ("patient" if caller == "patient" else caller + ", confirmed with the patient on the phone"),
        pj(c, c.pc)))
    if c.hist or c.docs:
        L.append("Record viewed (SCR): " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs))
    if c.results:
        L.append("Results on record: " + ", ".join(res_inline(c, x, date=True) if x["test"] != "other" else N("other_result", x["text"]) for x in c.results))
    extra = " ".join(x for x in [pj(c, c.other), pj(c, c.past), pj(c, c.fh)] if x)
    if extra:
        L.append(extra)
    if c.neg:
        L.append("Pathways questions: " + ", ".join(p.get("short", r) for p in c.neg))
    if c.exam:
        L.append("Seen face to face at the out-of-hours base: " + "; ".join(strip_end(p.get("note", r)) for p in c.exam))
    if c.nongi:
        L.append("Other: " + "; ".join(strip_end(p.get("note", r)) for p in c.nongi))
    if c.meds:
        L.append("Medication (SCR): " + ", ".join(med_line(c, m) for m in c.meds))
    L.append("")
    L.append("Disposition: %s" % r.choice(["speak to own GP within 24 hours; referral request passed on", "routine GP follow-up; copy to specialist team"]))
    L.append("Clinician's request: " + " ".join(x for x in [pj(c, c.question, "note"), req_sentence(c)] if x))
    L.append("Worsening advice: " + (pj(c, c.hypo, "note") if c.hypo else "call back if worse"))
    L.append("")
    L.append("Clinician: %s, %s" % (doctor(r, r.choice(["", ""])).strip(), r.choice(["Clinical Advisor (RN)", "Paramedic Clinical Advisor", "NHS 111 Clinician"])))
    return "\n".join(L)


def L_matron(c):
    r = c.r
    L = ["%s Community Services - Community Matron / Care Coordination" % r.choice(TOWNS), "Case management review", ""]
    L.append("Date of visit: %s" % ld_ev(c, "dmy"))
    L.append("Client: %s   DOB: %s   NHS: %s" % (name_ev(c), dob_ev(c), fmt_nhs(c.nhs, r)))
    L.append("GP: %s" % gp_name(c))
    L.append("")
    L.append("To the gastroenterology team,")
    L.append("")
    L.append("I am the community matron for this %s %s, who is housebound and lives %s. %s" % (
        age_ev(c), sex_ev(c), N("social", r.choice(["alone with carers twice daily", "with %s %s" % (c.his, c.spouse), "with %s daughter" % c.his])),
        "I visited today after %s raised concerns. %s" % (N("social", r.choice(["the carers", "the family", "the district nurses"])), lead(c))))
    if c.hist or c.docs:
        L.append("")
        L.append("Background from the GP record: " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs) + ".")
    if c.nongi:
        L.append("Long-term conditions: " + "; ".join(strip_end(p.get("note", r)) for p in c.nongi) + ".")
    L.append("")
    L.append(" ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c), pj(c, c.fh)] if x))
    if c.exam:
        L.append("On my assessment: " + pj(c, c.exam))
    if c.results:
        L.append("Bloods taken by the practice nurse: " + ", ".join(res_inline(c, x, date=True) if x["test"] != "other" else N("other_result", x["text"]) for x in c.results) + ".")
    L += ["", "Medication (blister pack):"] + meds_block(c)
    L += ["", "I have discussed this with %s, who asked me to write. %s %s" % (gp_name(c), pj(c, c.question), req_sentence(c))]
    if c.hypo:
        L.append(pj(c, c.hypo))
    L += ["", "%s" % doctor(r).replace("Dr ", ""), "Community Matron / Care Coordinator"]
    return "\n".join(L)


def L_pharmacist(c):
    r = c.r
    L = ["%s - Structured Medication Review" % r.choice(PRACTICES), "Practice Clinical Pharmacist", ""]
    L.append("Date: %s" % ld_ev(c, "dmy"))
    L.append("Patient: %s   DOB %s   NHS %s   Age: %s" % (name_ev(c), dob_ev(c), fmt_nhs(c.nhs, r), age_ev(c, "bare")))
    L.append("")
    if len(c.meds) < 2:
        if c.age >= 50:
            pool = [("Atorvastatin", "20 mg at night"), ("Amlodipine", "5 mg daily"), ("Levothyroxine", "50 micrograms daily"),
                    ("Vitamin D", "800 units daily"), ("Tamsulosin", "400 micrograms daily") if c.sex == "M" else ("HRT patch", "50 micrograms twice weekly")]
        else:
            pool = [("Cetirizine", "10 mg daily"), ("Vitamin D", "800 units daily"), ("Propranolol", "10 mg prn for anxiety"),
                    ("Microgynon 30", "one daily") if c.sex == "F" else ("Mometasone nasal spray", "daily")]
        have = [m["name"] for m in c.meds]
        for nm, ds in r.sample([p for p in pool if p[0] not in have], 2):
            c.med(nm, ds, start=c.ago(r.randint(200, 2000)))
    L.append("Medicines reviewed (start dates from the repeat template):")
    if c.meds:
        for m in c.meds:
            L.append("  * " + med_line(c, m))
    else:
        L.append("  * none")
    L.append("")
    L.append("Discussion with the %s:" % ("patient" if r.random() < 0.7 else "patient and %s %s" % (c.his, c.spouse)))
    if c.pc:
        L.append(pj(c, c.pc))
    else:
        L.append("Reason for review: " + lead(c, "note") + ".")
    L.append(" ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c), pj(c, c.fh)] if x))
    if c.hist or c.docs:
        L.append("Relevant history: " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs) + ".")
    if c.exam:
        L.append("GP examination (same day): " + "; ".join(strip_end(p.get("note", r)) for p in c.exam) + ".")
    if c.results:
        L.append("Monitoring bloods: " + ", ".join(res_inline(c, x, date=True) if x["test"] != "other" else N("other_result", x["text"]) for x in c.results) + ".")
    if c.nongi:
        L.append("Other conditions reviewed: " + "; ".join(strip_end(p.get("note", r)) for p in c.nongi) + ".")
    L.append("")
    L.append("Clinical issues identified and discussed with %s (GP):" % gp_name(c))
    items = [strip_end(p.get("note", r)) for p in c.question]
    for i, it in enumerate(items, 1):
        L.append("  %d. %s" % (i, it))
    rs = req_sentence(c)
    if rs:
        L.append("  %d. %s" % (len(items) + 1, rs))
    if c.hypo:
        L.append("Advice given: " + pj(c, c.hypo, "note"))
    L += ["", "%s, Clinical Pharmacist (IP)" % doctor(r).replace("Dr ", "")]
    return "\n".join(L)


def L_private(c):
    r = c.r
    clinic = r.choice(["Wellness Health Screening Ltd", "Premier Health Assessments", "CityCare Private Clinic", "Lifecheck Medical"])
    L = [clinic, "Comprehensive Health Assessment - Doctor's Report", ""]
    L.append("Client: %s    Date of birth: %s    Sex: %s" % (name_ev(c, True), dob_ev(c), sex_ev(c, "word")))
    L.append("NHS number (client supplied): %s" % fmt_nhs(c.nhs, r))
    L.append("Assessment date: %s" % ld_ev(c, "long"))
    L.append("")
    L.append("History: %s %s" % (lead(c), pj(c, c.other)))
    if c.hist or c.docs or c.past:
        L.append("Past history: " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs + c.past) + ".")
    if c.fh:
        L.append(hd("Family history:") + " " + "; ".join(strip_end(p.get("note", r)) for p in c.fh) + ".")
    if c.neg:
        L.append("Screening questions: " + ", ".join(p.get("short", r) for p in c.neg) + ".")
    if c.exam:
        L.append("Examination: " + "; ".join(strip_end(p.get("note", r)) for p in c.exam) + ".")
    if c.nongi:
        L.append("Other: " + "; ".join(strip_end(p.get("note", r)) for p in c.nongi) + ".")
    if c.meds:
        L.append("Medication: " + ", ".join(med_line(c, m) for m in c.meds) + ".")
    if c.results:
        L += ["", "Laboratory results:"] + ["  " + x for x in results_table(c)]
    L += ["", "Summary and recommendations:"]
    L.append("1. " + " ".join(x for x in [pj(c, c.question, "note"), req_sentence(c)] if x))
    if c.hypo:
        L.append("2. " + pj(c, c.hypo, "note"))
    L.append("A copy of this report has been sent to the client's NHS GP and to the gastroenterology department.")
    L += ["", "%s MRCP, Medical Director" % doctor(r)]
    return "\n".join(L)


def L_armed(c):
    r = c.r
    unit = r.choice(["Catterick Garrison", "RAF Marham", "HMS Nelson", "Tidworth", "RAF Brize Norton", "Colchester Garrison"])
    if c.age < 26:
        rank = r.choice(["Pte", "LCpl", "SAC", "AB", "Gnr"])
    elif c.age < 36:
        rank = r.choice(["Cpl", "Sgt", "LCpl", "Capt", "Flt Lt", "LS"])
    else:
        rank = r.choice(["WO2", "WO1", "CPO", "Maj", "Sqn Ldr", "Lt Col", "FS", "CSgt"])
    L = ["Defence Primary Healthcare", "%s Medical Centre" % unit, "", "MEDICAL IN CONFIDENCE", ""]
    L.append("Date: %s" % ld_ev(c, "dmy"))
    L.append("Service number: %d   Rank: %s" % (r.randint(25000000, 30999999), rank))
    L.append("Name: %s   DOB: %s   NHS: %s" % (name_ev(c, True), dob_ev(c), fmt_nhs(c.nhs, r)))
    L.append("")
    L.append("Referral summary to: Gastroenterology, %s" % r.choice(HOSPITALS))
    L.append("")
    L.append("1. History. %s %s. %s" % (("This %s serving %s" % (age_ev(c), sex_ev(c, "word"))), N("social", r.choice(["(infantry)", "(logistics)", "(aircraft technician)", "(chef)", "(medic)", "(signals)", "(REME)"])), lead(c)))
    rest = " ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c), pj(c, c.fh)] if x)
    if rest:
        L.append("2. Further history. " + rest)
    if c.hist or c.docs:
        L.append("3. Past medical history. " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs) + ".")
    if c.exam:
        L.append("4. Examination. " + pj(c, c.exam))
    if c.results:
        L.append("5. Investigations. " + ", ".join(res_inline(c, x, date=True) if x["test"] != "other" else N("other_result", x["text"]) for x in c.results) + ".")
    if c.nongi:
        L.append("6. Other. " + pj(c, c.nongi))
    if c.meds:
        L.append("7. Medication. " + ", ".join(med_line(c, m) for m in c.meds) + ".")
    L.append("8. Occupational. %s" % N("occupational", r.choice(["Currently medically deployable; temporary downgrade pending your opinion.",
                                                                 "Medically downgraded (MND) pending investigation; due to deploy in %d months." % r.randint(2, 8)])))
    L.append("9. Request. " + " ".join(x for x in [pj(c, c.question), req_sentence(c), pj(c, c.hypo)] if x))
    L += ["", "%s (Dr) %s" % (r.choice(["Maj", "Capt", "Surg Lt Cdr", "Sqn Ldr"]), doctor(r).replace("Dr ", "")), "Medical Officer"]
    return "\n".join(L)


def L_ers(c):
    r = c.r
    ubrn = "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999))
    L = ["NHS e-Referral Service - Referral Letter", "UBRN: %s" % ubrn, ""]
    L.append("Referral date: %s" % ld_ev(c, "dmy"))
    ct = {"upper": "Upper GI", "lower": r.choice(["Lower GI", "Colorectal"]), "liver": "Hepatology", "ibd": "IBD",
          "func": "General Gastroenterology", "general": "General Gastroenterology"}[rule_family(c)]
    if r.random() < 0.15:
        ct = "General Gastroenterology"
    L.append("Specialty: Gastroenterology   Clinic type: %s" % hd(ct))
    L.append("Priority: %s" % req_field(c))
    L.append("")
    L.append("Patient: %s   Sex: %s   DOB: %s   NHS No: %s" % (name_ev(c, True), sex_ev(c, "word"), dob_ev(c, "dmy"), fmt_nhs(c.nhs, r)))
    L.append("Address: %s" % c.address)
    L.append("Referrer: %s, %s (%s)" % (gp_name(c), r.choice(PRACTICES), r.choice("ABCDEFGHJKLMNPY") + "%05d" % r.randint(10000, 99999)))
    L.append("")
    L.append("Reason for referral: %s" % (pj(c, c.question, "note")))
    L.append("History of presenting complaint: %s" % lead(c, "note"))
    extra = " ".join(x for x in [pj(c, c.other), pj(c, c.past), all_negs(c)] if x)
    if extra:
        L.append("Additional history: " + extra)
    L.append("Past medical history: " + ("; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs + c.nongi) or "nil of note"))
    L.append("Medication:")
    L += meds_block(c, "  ")
    L.append("Allergies: %s" % r.choice(["NKDA", "Penicillin (rash)", "None known"]))
    L.append("Examination: " + ("; ".join(strip_end(p.get("note", r)) for p in c.exam) or "not examined (remote consultation)"))
    if c.results:
        L.append("Investigations:")
        L += ["  " + x for x in results_table(c)]
    L.append(hd("Family history:") + " " + ("; ".join(strip_end(p.get("note", r)) for p in c.fh) or "none relevant"))
    if c.hypo:
        L.append("Safety netting: " + pj(c, c.hypo, "note"))
    L.append("")
    L.append("-- End of referral letter -- Page 1 of 1 -- %s --" % fmt_nhs(c.nhs, r))
    return "\n".join(L)


def L_lower2ww(c):
    r = c.r
    style = r.choice(["yn", "circ", "strike", "box", "tick", "pm"])
    L = [hd("SUSPECTED LOWER GI CANCER - URGENT REFERRAL (NICE NG12)"), "Please email to the 2WW booking office within 24 hours", ""]
    L.append("Date of referral: %s" % ld_ev(c, "dmy"))
    L.append("Patient: %s   DOB: %s   Age: %s   Sex: %s" % (name_ev(c, True), dob_ev(c, "dmy"), age_ev(c, "bare"), sex_ev(c, "letter")))
    L.append("NHS number: %s   Hospital number: %s" % (fmt_nhs(c.nhs, r), c.hosp_no))
    L.append("Referring GP: %s   Practice: %s" % (gp_name(c), r.choice(PRACTICES)))
    L.append("Priority requested: %s" % req_field(c))
    L.append("")
    L.append("Referral criteria " + legend(style))
    f = c.f
    L.append(form_row(c, "Rectal bleeding", "rectal_bleeding", f["rectal_bleeding"] or f["bloody_diarrhoea"], style,
                      set_fact="rectal_bleeding" if (f["rectal_bleeding"] or f["bloody_diarrhoea"]) else None))
    L.append(form_row(c, "Change in bowel habit", "cibh", f["cibh"] or f["bloody_diarrhoea"], style,
                      set_fact="cibh" if (f["cibh"] or f["bloody_diarrhoea"]) else None))
    L.append(form_row(c, "Unexplained weight loss", "weight_loss", f["weight_loss"], style))
    L.append(form_row(c, "Abdominal pain", "abdominal_pain", f["abdominal_pain"] or f["upper_abdominal_pain"], style))
    L.append(form_row(c, "Abdominal mass", "abdominal_mass", f["abdominal_mass"], style))
    rm = f["rectal_mass"] or f["anal_mass"]
    L.append(form_row(c, "Rectal or anal mass", "rectal_mass" if not f["anal_mass"] else "anal_mass", rm, style))
    L.append(ida_row(c, "Iron deficiency anaemia", style))
    fit = c.newest("fit")
    if fit:
        L.append(hd("FIT result:") + " " + res_inline(c, fit, date=True))
    else:
        L.append(X("pending_result", "fit", "FIT result: " + r.choice(["not done", "awaited", "kit given, not returned"])))
    hb, fer = c.newest("hb"), c.newest("ferritin")
    L.append("%s %s   %s %s" % (hd("Hb:"), res_inline(c, hb, date=False) if hb else "not done", hd("Ferritin:"), res_inline(c, fer, date=False) if fer else "not done"))
    old = [x for x in c.results if not x["newest"]]
    if old:
        L.append("Previous results: " + ", ".join(res_inline(c, x, date=True) for x in old))
    oth = [x for x in c.results if x["test"] not in ("fit", "hb", "ferritin") and x["newest"]]
    if oth:
        L.append("Other results: " + ", ".join(res_inline(c, x) if x["test"] != "other" else N("other_result", x["text"]) for x in oth))
    L.append("WHO performance status: %d" % (r.randint(0, 1) if c.age < 75 else r.randint(1, 2)))
    L.append("")
    L.append("Additional clinical information:")
    body = [p.get("prose", r) for p in c.pc + c.exam + c.other + c.past + c.fh + c.neg]
    L.append(" ".join(body))
    if c.hist or c.docs:
        L.append("Relevant history: " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs) + ".")
    if c.nongi:
        L.append("Comorbidities: " + "; ".join(strip_end(p.get("note", r)) for p in c.nongi) + ".")
    L.append("Anticoagulants / medication: " + ("; ".join(med_line(c, m) for m in c.meds) if c.meds else "none"))
    L.append("Question: " + pj(c, c.question, "note"))
    if c.hypo:
        L.append("Safety netting: " + pj(c, c.hypo, "note"))
    L.append("Patient informed of the urgent referral and available in the next 14 days: %s" % r.choice(["Yes", "Y"]))
    return "\n".join(L)


def L_upper2ww(c):
    r = c.r
    style = r.choice(["yn", "circ", "strike", "box", "tick", "pa"])
    L = [hd("UPPER GI - SUSPECTED CANCER REFERRAL FORM"), "Straight-to-test OGD pathway", ""]
    L.append("Date: %s" % ld_ev(c, "dmy"))
    L.append("Name: %s   DOB: %s   Sex: %s" % (name_ev(c, True), dob_ev(c), sex_ev(c, "word")))
    if r.random() < 0.6:
        L.append("Age at referral: %s" % age_ev(c, "bare"))
    L.append("NHS number: %s" % fmt_nhs(c.nhs, r))
    L.append("GP: %s" % gp_name(c))
    L.append("Urgency requested: %s" % req_field(c))
    L.append("")
    L.append("Criteria " + legend(style))
    f = c.f
    L.append(form_row(c, "Dysphagia", "dysphagia", f["dysphagia"], style))
    L.append(form_row(c, "Unexplained weight loss", "weight_loss", f["weight_loss"], style))
    L.append(form_row(c, "Upper abdominal pain", "upper_abdominal_pain", f["upper_abdominal_pain"], style))
    L.append(form_row(c, "Reflux", "reflux", f["reflux"], style))
    L.append(form_row(c, "Dyspepsia", "dyspepsia", f["dyspepsia"], style))
    trd = f["dyspepsia"] and f["ppi_days"] is not None and f["ppi_days"] >= 28
    if trd:
        L.append(P("ppi_trial", "Dyspepsia despite PPI for 4 weeks or more: %s (PPI started %s)" % (answer(style, True, r), fd(dt.date.fromisoformat(f["ppi_start"]), "dmy"))))
    else:
        extra = ""
        if f["ppi_days"] is not None:
            extra = " (PPI only since %s)" % fd(dt.date.fromisoformat(f["ppi_start"]), "dmy")
            L.append(P("ppi_trial", "Dyspepsia despite PPI for 4 weeks or more: %s%s" % (answer(style, False, r), extra)))
        else:
            L.append(X("unticked_box" if style in ("box", "tick") else "form_no", "ppi_trial", "Dyspepsia despite PPI for 4 weeks or more: %s" % answer(style, False, r)))
    L.append(form_row(c, "Haematemesis", "haematemesis", f["haematemesis"], style))
    L.append(form_row(c, "Upper abdominal mass", "abdominal_mass", f["abdominal_mass"], style))
    L.append(form_row(c, "Jaundice", "jaundice", f["jaundice"], style))
    L.append(ida_row(c, "Iron deficiency anaemia", style))
    L.append("")
    if c.results:
        L.append("Recent bloods: " + ", ".join(res_inline(c, x, date=True) if x["test"] != "other" else N("other_result", x["text"]) for x in c.results))
    L.append("")
    L.append("Clinical details: " + " ".join(p.get("prose", r) for p in c.pc + c.exam + c.other + c.past + c.fh + c.neg))
    if c.hist or c.docs:
        L.append("Previous OGD / relevant history: " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs) + ".")
    if c.nongi:
        L.append("Comorbidities: " + "; ".join(strip_end(p.get("note", r)) for p in c.nongi) + ".")
    L.append(hd("Medication (incl. anticoagulants / PPI / NSAIDs):") + " " + ("; ".join(med_line(c, m) for m in c.meds) if c.meds else "none"))
    L.append("Additional comments: " + pj(c, c.question, "note"))
    if c.hypo:
        L.append("Safety netting: " + pj(c, c.hypo, "note"))
    return "\n".join(L)


CHECK_WRITERS = ["Walk-in Centre", "Endoscopy Unit pre-assessment", "Practice Nurse", "Health Visitor", "College Health Nurse"]


def L_checklist(c):
    r = c.r
    writers = [w for w in CHECK_WRITERS if not ((w in ("Health Visitor", "College Health Nurse")) and c.age > 42)]
    if c.sex == "M":
        writers = [w for w in writers if w != "Health Visitor"]
    if c.age > 23:
        writers = [w for w in writers if w != "College Health Nurse"]
    if "College Health Nurse" in writers and r.random() < 0.7:
        w = "College Health Nurse"
    elif "Health Visitor" in writers and r.random() < 0.7:
        w = "Health Visitor"
    else:
        w = r.choice(writers)
    c.writer_role = w
    title = {"Walk-in Centre": "WALK-IN CENTRE - NURSE TRIAGE SYMPTOM CHECKLIST",
             "Endoscopy Unit pre-assessment": "ENDOSCOPY PRE-ASSESSMENT - NEW SYMPTOM CHECKLIST (for the referring team)",
             "Practice Nurse": "PRACTICE NURSE GI SYMPTOM QUESTIONNAIRE (reviewed by GP)",
             "Health Visitor": "HEALTH VISITOR CONTACT - PARENT HEALTH CONCERN",
             "College Health Nurse": "COLLEGE HEALTH SERVICE - NURSE ASSESSMENT"}[w]
    L = [title, ""]
    L.append("Date: %s" % ld_ev(c, "dmy"))
    L.append("Name: %s   DOB: %s   NHS: %s" % (name_ev(c), dob_ev(c), fmt_nhs(c.nhs, r)))
    if r.random() < 0.5:
        L.append("Age: %s   Sex: %s" % (age_ev(c, "bare"), sex_ev(c, "letter")))
    if w == "Endoscopy Unit pre-assessment":
        L.append("Booked procedure: %s" % N("booking", r.choice(["surveillance colonoscopy", "surveillance OGD", "colonoscopy (routine)"])))
    if w == "Health Visitor":
        L.append("Contact: %s" % N("social", "new birth visit follow-up (baby %d weeks)" % r.randint(6, 20)))
    L.append("")
    mixed = r.random() < 0.5
    base = r.choice(["yn", "pa", "pm", "tick", "box"])
    L.append("Symptoms " + (legend(base) if not mixed else ""))
    f = c.f
    rows = [("Difficulty swallowing", "dysphagia", f["dysphagia"]),
            ("Unexplained weight loss", "weight_loss", f["weight_loss"]),
            ("Blood from the back passage", "rectal_bleeding", f["rectal_bleeding"] or f["bloody_diarrhoea"]),
            ("Change in bowel habit", "cibh", f["cibh"] or f["bloody_diarrhoea"]),
            ("Abdominal pain", "abdominal_pain", f["abdominal_pain"] or f["upper_abdominal_pain"]),
            ("Bloating", "bloating", f["bloating"]),
            ("Indigestion", "dyspepsia", f["dyspepsia"]),
            ("Heartburn / reflux", "reflux", f["reflux"]),
            ("Vomiting blood", "haematemesis", f["haematemesis"]),
            ("Yellow skin or eyes", "jaundice", f["jaundice"])]
    for label, fact, yes in rows:
        st = base if not mixed else r.choice(["yn", "pa", "pm", "free", "free"])
        if st == "tick" and mixed:
            st = "yn"
        setf = fact if yes and not f.get(fact) else None
        L.append("  " + form_row(c, label, fact, yes, st, set_fact=setf))
    if f["weight_loss"] is False and not any(p.fact == "weight_loss" for p in c.other):
        L.append("  " + N("score", "MUST score: 0"))
    L.append("")
    notes = " ".join(p.get("prose", r) for p in c.pc + c.other + c.past + c.fh)
    if not c.pc:
        notes = (lead(c) + " " + notes).strip()
    L.append("Nurse's notes: " + notes)
    if c.exam:
        L.append("Examined by %s: " % r.choice(["the duty GP", "the GP"]) + " ".join(p.get("prose", r) for p in c.exam))
    if c.hist or c.docs:
        L.append("History from the record: " + "; ".join(strip_end(p.get("note", r)) for p in c.hist + c.docs) + ".")
    if c.results:
        L.append("Results on record: " + ", ".join(res_inline(c, x, date=True) if x["test"] != "other" else N("other_result", x["text"]) for x in c.results))
    if c.nongi:
        L.append("Other: " + "; ".join(strip_end(p.get("note", r)) for p in c.nongi))
    L.append("Medicines: " + ("; ".join(med_line(c, m) for m in c.meds) if c.meds else "none"))
    L.append("Action: " + " ".join(x for x in [pj(c, c.question, "note"), req_sentence(c)] if x))
    if c.hypo:
        L.append("Advice given: " + pj(c, c.hypo, "note"))
    L += ["", "%s, %s" % (doctor(r).replace("Dr ", ""), {"Walk-in Centre": "Nurse Practitioner", "Endoscopy Unit pre-assessment": "Endoscopy Pre-assessment Nurse",
                                                          "Practice Nurse": "Practice Nurse", "Health Visitor": "Health Visitor", "College Health Nurse": "College Nurse"}[w])]
    return "\n".join(L)


LAYOUTS = [
    # name, kind, function, allowed rules (None = any), age range
    ("formal_partner_dear_colleague", "writer", L_formal, None, (18, 95)),
    ("terse_locum_two_liners", "writer", L_terse, None, (18, 95)),
    ("chatty_gp_narrative", "writer", L_chatty, None, (18, 95)),
    ("third_person_the_patient_partner", "writer", L_third, None, (18, 95)),
    ("lowercase_no_punctuation_gp", "writer", L_lower, None, (18, 95)),
    ("abbreviation_heavy_gp", "writer", L_abbr, None, (18, 95)),
    ("salaried_gp_problem_lists", "writer", L_problem_lists, None, (18, 95)),
    ("soap_gp_registrar", "writer", L_soap, None, (18, 95)),
    ("headings_hpc_impression_gp", "writer", L_headings, None, (18, 95)),
    ("follow_up_and_rereferral_gp", "writer", L_followup, None, (18, 95)),
    ("two_visits_with_addendum_gp", "writer", L_two_visits, None, (18, 95)),
    ("nhs111_clinical_advisor", "writer", L_nhs111, ["U1", "U6", "U7", "U8", "R1", "R2", "R3", "A2", "O6", "D"], (18, 95)),
    ("community_matron_care_coordinator", "writer", L_matron, ["U1", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O5", "O6", "D"], (68, 95)),
    ("practice_pharmacist_med_review", "writer", L_pharmacist, ["U4", "U5", "O1", "A2", "R3", "O3", "O5", "D", "U1", "O6"], (25, 92)),
    ("private_health_check_doctor", "writer", L_private, ["U3", "U4", "O4", "O5", "A3", "D", "O2", "A1", "O6"], (30, 75)),
    ("armed_forces_medical_officer", "writer", L_armed, ["U1", "U3", "U4", "R1", "R3", "O2", "O3", "O4", "O5", "A1", "O6", "A2", "A3", "D", "U7", "R2"], (18, 58)),
    ("ers_structured_template", "form", L_ers, None, (18, 95)),
    ("lower_gi_2ww_form", "form", L_lower2ww, ["U2", "U3", "U4", "U6", "U8", "O6", "A1", "A3", "R1", "O2", "D"], (18, 95)),
    ("upper_gi_2ww_form", "form", L_upper2ww, ["U1", "U5", "R3", "O1", "A2", "D", "U4"], (18, 95)),
    ("nurse_symptom_checklist", "form", L_checklist, None, (18, 95)),
]


# --------------------------------------------------------------------------
# allocation, noise, assembly
# --------------------------------------------------------------------------
RULE_COUNTS = {"U1": 15, "U2": 6, "U3": 18, "U4": 16, "U5": 9, "U6": 6, "U7": 7, "U8": 13,
               "R1": 20, "R2": 14, "R3": 11,
               "O1": 12, "O2": 14, "O4": 12, "O5": 20, "O6": 22, "D": 25,
               "O3": 18, "A1": 18, "A2": 14, "A3": 10}
NEAR_TARGET = {"U3": 5, "U4": 5, "U5": 2, "U7": 2, "U8": 7, "R1": 3, "R2": 3, "O1": 4, "O2": 4, "O5": 6,
               "A1": 8, "O6": 6, "A2": 3, "D": 14}
PER_LAYOUT = 15
# history that counts for this set's emphasis ("patients who already have something")
HISTORY_KINDS = {"prev_colonoscopy", "prev_ogd", "barretts", "polyps", "prev_crc", "coeliac_known", "diverticular",
                 "haemorrhoids", "rereferral_discharged", "ibd_stable_bg", "cirrhosis_comp_bg", "fatty_liver_bg",
                 "ibd_known_flare", "ibd_stable", "ibd_known_symptomatic", "cirrhosis_known", "following_clinic_letter",
                 "following_earlier_letter", "ae_summary", "hpylori_treated", "bariatric_surgery", "prev_ida_resolved"}


def sub_fits(sub, arange):
    return sub[1] <= arange[1] and sub[2] >= arange[0]


def allocate():
    r = rng("alloc")
    remaining = dict(RULE_COUNTS)
    assign = {L[0]: [] for L in LAYOUTS}
    order = sorted(LAYOUTS, key=lambda L: (L[3] is None, len(L[3]) if L[3] else 99, L[0]))
    for rnd in range(PER_LAYOUT):
        for name, kind, fn, allowed, arange in order:
            got = assign[name]
            for cap_ in (2, 3, 4, 15):
                cands = [k for k in sorted(remaining) if remaining[k] > 0 and (not allowed or k in allowed)
                         and got.count(k) < cap_ and any(sub_fits(s_, arange) for s_ in SUBS[k])]
                if cands:
                    break
            if not cands:
                raise RuntimeError("allocation failed for " + name)
            pick = wchoice(r, [(k, remaining[k]) for k in cands])
            remaining[pick] -= 1
            got.append(pick)
    assert not any(remaining.values()), remaining
    slots = []
    for name, kind, fn, allowed, arange in LAYOUTS:
        for rule in assign[name]:
            slots.append((name, rule))
    r2 = rng("order")
    r2.shuffle(slots)
    # near-line flags per rule
    r3 = rng("near")
    near = [False] * len(slots)
    for rule in sorted(NEAR_TARGET):
        idx = [i for i, s in enumerate(slots) if s[1] == rule]
        ok = []
        for i in idx:
            lay = [L for L in LAYOUTS if L[0] == slots[i][0]][0]
            if any(s[3] and sub_fits(s, lay[4]) for s in SUBS[rule]):
                ok.append(i)
        for i in r3.sample(ok, min(NEAR_TARGET[rule], len(ok))):
            near[i] = True
    return slots, near


SUB_USE = {}


def choose_sub(c, near):
    """least-used scenario of the rule first (ties broken by the letter's rng), so scenarios rotate"""
    subs = SUBS[c.rule]
    ok = [s for s in subs if sub_fits(s, c.arange) and s[3] == near]
    if not ok:
        ok = [s for s in subs if sub_fits(s, c.arange) and not s[3]]
    lo = min(SUB_USE.get((c.rule, s[0]), 0) for s in ok)
    ok = [s for s in ok if SUB_USE.get((c.rule, s[0]), 0) == lo]
    s = c.r.choice(ok)
    SUB_USE[(c.rule, s[0])] = lo + 1
    c.scenario = s[0]
    return s


DISAGREE_WEIGHTS = {
    "usc": [("urgent", 2), ("routine", 2), ("advice", 0)],
    "urgent": [("usc", 2), ("routine", 2), ("advice", 1)],
    "routine": [("usc", 2), ("urgent", 2), ("advice", 1)],
    "advice": [("routine", 3), ("urgent", 1), ("usc", 1)],
}


def wchoice(r, pairs):
    tot = sum(w for _, w in pairs)
    x = r.random() * tot
    for k, w in pairs:
        if x < w:
            return k
        x -= w
    return pairs[-1][0]


SLIPS = [("grateful", "greatful"), ("appointment", "appointmnet"), ("sincerely", "sincerly"), ("colleague", "collegue"),
         ("Colleague", "Collegue"), ("regards", "regrads"), ("wonder", "wonderr"), ("Thank you", "Thankyou"),
         ("thank you", "thankyou"), ("would be", "woudl be"), ("because", "becuase"), ("writing", "writting"),
         ("medication", "medciation"), ("appreciate", "apreciate"), ("convenience", "convenince"), ("discussed", "dicussed"),
         ("Dear", "Dera"), ("please", "plese"), ("seeing", "seing"), ("Medication", "Medicaton"), ("wishes", "wishs"),
         ("which", "whcih"), ("about", "abotu"), ("today", "toady"), ("with", "wiht"), ("Signed", "Singed"), ("Date", "Dtae"),
         ("the", "teh"), ("Patient", "Patinet"), ("Yours", "Yuors"), ("Kind", "Kidn")]


def add_slips(c, s):
    r = c.r
    done = []
    cands = SLIPS[:]
    r.shuffle(cands)
    want = r.randint(1, 2)
    for a, b in cands:
        if len(done) >= want:
            break
        found = [False]

        def fn(part, a=a, b=b):
            if not found[0] and re.search(r"\b" + re.escape(a) + r"\b", part):
                found[0] = True
                return re.sub(r"\b" + re.escape(a) + r"\b", b, part, count=1)
            return part
        s2 = outside_map(s, fn)
        if found[0]:
            s = s2
            done.append([a, b])
    return s, done


def render_case(idx, layout, rule, near, req_mode):
    lay = [L for L in LAYOUTS if L[0] == layout][0]
    r = rng("letter", idx, layout, rule)
    c = Case(idx, rule, layout, r)
    c.arange = lay[4]
    sub = choose_sub(c, near)
    sub[4](c)
    c.req_mode = req_mode
    return c, lay


def build_letter(idx, layout, rule, near, req_plan, slip):
    c, lay = render_case(idx, layout, rule, near, req_plan)
    # requested priority: decided against the intended rule's urgency
    urg, path = RULES[rule]
    lab_level = LEVEL_OF_URG[urg]
    rq = rng("request", idx)
    if layout in ("lower_gi_2ww_form", "upper_gi_2ww_form"):
        c.req_level = "usc"
    elif req_plan == "none" and layout != "ers_structured_template":
        c.req_level = None
    elif req_plan == "disagree":
        c.req_level = wchoice(rq, DISAGREE_WEIGHTS[lab_level])
    else:
        c.req_level = lab_level
    marked = lay[2](c)
    marked = re.sub(r"[ \t]+\n", "\n", marked)
    marked = re.sub(r"\n{3,}", "\n\n", marked)
    slips = []
    if slip and layout != "lowercase_no_punctuation_gp":
        marked, slips = add_slips(c, marked)
    text, spans = extract(marked)
    got = decide(c)
    if got != rule:
        raise AssertionError("%s: intended %s, got %s (scenario %s)" % (c.id, rule, got, c.scenario))
    return c, text, spans, slips


def span_records(text, spans):
    ev, dis, neu = [], [], []
    for key, a, b in spans:
        parts = key.split("|")
        s = text[a:b]
        if parts[0] == "p":
            ev.append({"fact": parts[1], "text": s, "start": a, "end": b})
        elif parts[0] == "pn":
            ev.append({"fact": parts[1], "text": s, "start": a, "end": b})
            dis.append({"kind": "normal_value", "fact": parts[1], "text": s, "start": a, "end": b})
        elif parts[0] == "d":
            dis.append({"kind": parts[1], "fact": parts[2], "text": s, "start": a, "end": b})
        else:
            neu.append({"tag": parts[1], "text": s, "start": a, "end": b})
    return ev, dis, neu


def check_case(c, text, ev):
    """generator-side self-checks: every true fact has evidence, every fact with evidence is true"""
    facts_with_ev = {e["fact"] for e in ev}
    if "upper_abdominal_pain" in facts_with_ev:
        facts_with_ev.add("abdominal_pain")
    for k in BOOL_FACTS:
        if c.f[k] and k not in facts_with_ev:
            raise AssertionError("%s: fact %s true but no evidence" % (c.id, k))
        if (not c.f[k]) and k in facts_with_ev:
            raise AssertionError("%s: evidence for %s but fact false" % (c.id, k))
    for t in VALUE_TESTS + ["ttg"]:
        x = c.newest(t)
        if x is None:
            continue
        if t == "ttg" and not x.get("positive"):
            continue
        if t not in facts_with_ev:
            raise AssertionError("%s: newest %s has no evidence" % (c.id, t))
    if c.f["ppi_days"] is not None and "ppi_trial" not in facts_with_ev:
        raise AssertionError("%s: ppi trial without evidence" % c.id)
    if "\x01" in text or "\x02" in text or "\x03" in text:
        raise AssertionError("marker left in text")


def result_meta(c, x):
    if x["test"] == "other":
        return {"test": "other", "text": x["text"]}
    d = {"test": x["test"], "value": x["value"], "qual": x["qual"], "date": x["date"].isoformat() if x["date"] else None,
         "newest": x["newest"]}
    if x["test"] == "ttg":
        d["positive"] = bool(x.get("positive"))
    if x["test"] == "other":
        d["text"] = x["text"]
    return d


def main():
    slots, near = allocate()
    rq = rng("request-plan")
    n = len(slots)
    plans = []
    for i in range(n):
        x = rq.random()
        plans.append("none" if x < 0.11 else ("disagree" if x < 0.11 + 0.50 else "agree"))
    rs = rng("slips")
    slip_idx = set(rs.sample(range(n), 36))
    letters, metas = [], []
    for i, (layout, rule) in enumerate(slots):
        idx = i + 1
        c, text, spans, slips = build_letter(idx, layout, rule, near[i], plans[i], i in slip_idx)
        ev, dis, neu = span_records(text, spans)
        check_case(c, text, ev)
        urg, path = RULES[rule]
        gp = LEVEL_NAMES[c.req_level] if c.req_level else None
        letters.append({"id": c.id, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": layout,
                        "gp_priority": gp, "age": c.age})
        lab_level = LEVEL_OF_URG[urg]
        if c.req_level is None:
            agree = None
        else:
            agree = c.req_level == lab_level
        facts = {k: c.f[k] for k in BOOL_FACTS}
        facts["ppi_start"] = c.f["ppi_start"]
        facts["ppi_days"] = c.f["ppi_days"]
        meds = [{"name": m["name"], "dose": m["dose"], "start": m["start"].isoformat() if m["start"] else None,
                 "indication": m["ind"], "stopped": m["stopped"], "linked_fact": m["link"]} for m in c.meds]
        metas.append({
            "id": c.id, "style": layout, "scenario": rule + ":" + c.scenario,
            "sex": c.sex, "age": c.age, "dob": c.dob.isoformat(), "letter_date": c.ld.isoformat(),
            "near_birthday": c.near_bday,
            "facts": facts,
            "results": [result_meta(c, x) for x in c.results],
            "medicines": meds,
            "non_gi_symptoms": c.nongi_symptoms,
            "history_tags": c.history_tags,
            "has_history": bool(set(c.history_tags) & HISTORY_KINDS),
            "near_line": c.near,
            "notes": c.notes,
            "gp_priority_level": c.req_level, "gp_priority_text": c.req_phrase,
            "gp_agrees_with_label": agree,
            "gp_direction": (None if agree is None or agree else ("over" if LEVEL_RANK[c.req_level] > LEVEL_RANK[lab_level] else "under")),
            "rule": rule, "urgency": urg, "pathway": path,
            "evidence": ev, "distractors": dis, "neutral": neu,
            "spelling_slips": slips,
        })
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for L in letters:
            fh.write(json.dumps(L, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    write_readme(letters, metas)
    print("wrote %d letters" % len(letters))


LAYOUT_NOTES = {
    "formal_partner_dear_colleague": "formal GP partner, 'Dear Dr ...' letter with practice header, several dates, medication list, cc line",
    "terse_locum_two_liners": "locum GP, two to four lines, abbreviations, no header",
    "chatty_gp_narrative": "chatty first-name-terms GP who knows the family, occupation and social detail",
    "third_person_the_patient_partner": "partner who writes about 'the patient' in the third person",
    "lowercase_no_punctuation_gp": "GP who types everything in lower case without punctuation (decimal points kept)",
    "abbreviation_heavy_gp": "GP who writes in abbreviations: 62M, CIBH, PMHx, DHx, FHx, O/E, Ix, Plan, SN",
    "salaried_gp_problem_lists": "letter pasted from the GP system: active / past problem lists, repeat medication, results table, numbered issues",
    "soap_gp_registrar": "GP registrar (ST3) letter in S/O/A/P form, supervisor named",
    "headings_hpc_impression_gp": "GP using headings with answers on the same line: Presenting complaint, HPC, Hx, Red flags screened, Impression, Concerns, What I have done, What I would like, Safety netting",
    "follow_up_and_rereferral_gp": "GP re-referring after a clinic discharge or following an earlier letter; quotes the hospital letter",
    "two_visits_with_addendum_gp": "GP describing two consultations weeks apart, often with a P.S. / addendum carrying a late result",
    "nhs111_clinical_advisor": "NHS 111 clinical summary (caller may be a relative; history confirmed with the patient), SCR record view, disposition",
    "community_matron_care_coordinator": "community matron / care coordinator writing about a housebound older patient, carers' and family reports, blister-pack medication",
    "practice_pharmacist_med_review": "practice clinical pharmacist's structured medication review: medicines with start dates, issues discussed with the GP",
    "private_health_check_doctor": "private health-assessment doctor's report with a reference-range results table and numbered recommendations",
    "armed_forces_medical_officer": "Defence Primary Healthcare medical officer: service number, rank, numbered paragraphs, occupational status",
    "ers_structured_template": "NHS e-RS referral template: UBRN, priority field, headed fields, results table",
    "lower_gi_2ww_form": "suspected lower GI cancer form: criteria rows answered Y/N, circled, struck through, ticked/crossed, +/-; FIT/Hb/ferritin fields",
    "upper_gi_2ww_form": "suspected upper GI cancer form: criteria rows (dysphagia, weight loss, dyspepsia despite PPI >= 4 weeks ...) answered in several ways",
    "nurse_symptom_checklist": "symptom checklist filled by a walk-in-centre nurse, endoscopy pre-assessment nurse, practice nurse or health visitor: Y/N, present/absent, +/-, ticks, free-text answers",
}


def write_readme(letters, metas):
    import collections
    sha = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    urg = collections.Counter(L["urgency"] for L in letters)
    path = collections.Counter(L["pathway"] for L in letters)
    rules = collections.Counter(L["rule"] for L in letters)
    styles = collections.Counter(L["style"] for L in letters)
    req = collections.Counter("no request" if m["gp_agrees_with_label"] is None else ("agrees" if m["gp_agrees_with_label"] else "asks " + m["gp_direction"]) for m in metas)
    near = sum(1 for m in metas if m["near_line"])
    hist = sum(1 for m in metas if m["has_history"])
    slips = sum(1 for m in metas if m["spelling_slips"])
    dk = collections.Counter(d["kind"] for m in metas for d in m["distractors"])
    ages = [L["age"] for L in letters]
    order = [k for k in RULES]
    out = []
    w = out.append
    w("# letters31: a sealed test set of 300 gastroenterology referral letters")
    w("")
    w("Emphasis: patients with a history and several things going on (known IBD, cirrhosis or fatty liver, Barrett's,")
    w("polyps, previous cancer, coeliac disease, diverticular disease, haemorrhoids, earlier endoscopy, re-referrals,")
    w("letters that follow a clinic letter), with medicines named as medicines, explained and unexplained weight loss,")
    w("results repeated over time, and findings quoted from other clinicians' documents.")
    w("")
    w("Labels follow `/work/shared/clinical/referral-triage-spec.md` only: the first matching rule decides urgency and")
    w("pathway. Nothing else was read (no system code, no other set).")
    w("")
    w("## Files")
    w("")
    w("| file | what |")
    w("| --- | --- |")
    w("| `letters.jsonl` | 300 letters: id, text, urgency, pathway, rule, style, gp_priority, age |")
    w("| `letters_meta.jsonl` | per id: scenario, sex, age, dob, letter date, every fact drawn, every result (with date, newest flag), medicines with start dates, non-GI symptoms, history tags, near-line notes, requested priority and whether it agrees, and the character offsets of every evidence span (positive facts and values), every distractor span with its kind, and neutral spans (headings, medicines, requests) |")
    w("| `make_set.py` | the generator (standard library, deterministic: all randomness from `random.Random(<string>)`) |")
    w("| `validate_set.py` | independent re-check; does not import the generator |")
    w("| `second_pass.tsv` | blind hand re-labelling of 50 random letters, disagreements and fixes |")
    w("")
    w("sha256(letters.jsonl) = `%s`" % sha)
    w("")
    w("Rebuild and check: `python3 make_set.py && python3 validate_set.py` (a rerun gives byte-identical files).")
    w("")
    w("## How it was made")
    w("")
    w("1. Rule ids were allocated to the 20 layouts (15 letters each) in proportion to the spec's suggested class mix")
    w("   (about 30/15/35/20 %), honouring each layout's plausible case mix (e.g. the upper GI form only gets upper GI")
    w("   questions, the community matron only patients aged 68+, the armed-forces MO only patients aged 18-58).")
    w("2. For each letter a scenario builder for its rule drew the patient (sex, age, date of birth against a letter date),")
    w("   the deciding facts, secondary findings that match a *later* rule (two findings in one letter, the rule order")
    w("   decides), background history, medicines (PPIs with start dates, oral iron, anticoagulants, antiplatelets,")
    w("   NSAIDs, mesalazine, azathioprine, methotrexate, steroids, diuretics for ascites, lactulose), non-GI problems,")
    w("   older results superseded by newer ones, other clinicians' documents, and distractors.")
    w("   Scenarios rotate within a rule so every variant is used.")
    w("3. The layout rendered the case. Every fact-bearing phrase was wrapped in an invisible marker while rendering;")
    w("   markers were stripped at the end and their offsets stored in the meta file.")
    w("4. The generator recomputed the rule from the drawn facts and stopped on any mismatch; it also checked that every")
    w("   true fact has evidence in the text and no false fact has any.")
    w("")
    w("Conventions taken from the spec's wording (applied exactly):")
    w("")
    w("- a fact counts only when asserted about the patient now; negated, family, resolved-past (years ago, 'none since'),")
    w("  hypothetical, unticked/answered-no and pending ('FIT awaited') mentions do not count;")
    w("- the newest result of a test decides (older values are kept in the text as superseded values);")
    w("- anaemia < 130 g/L (men) / < 120 g/L (women), g/dL x 10; iron deficiency ferritin < 30; FIT '<4', 'negative',")
    w("  'undetectable' are below 10; treatment-resistant dyspepsia = dyspepsia persisting after >= 28 days of a PPI;")
    w("- only unexplained weight loss counts; deliberate weight loss (slimming club, diet, bariatric surgery) is written")
    w("  as explained and recorded as a distractor;")
    w("- age from the stated age or from date of birth against the letter date; when a birthday falls within days of")
    w("  the letter the header carries only the letter date.")
    w("")
    w("Scenarios avoided because two readings of the spec would give different labels (checked by the validator, which")
    w("recomputes every label under %d combinations of these readings):" % (2 ** 9 - 1))
    w("")
    w("- bloody diarrhoea as 'rectal bleeding' / 'change in bowel habit' for U8: bloody-diarrhoea letters are all under 50;")
    w("- dyspepsia as 'abdominal pain' (U8, A1, O6) and upper abdominal pain as 'dyspepsia' (O1, A2): no FIT or")
    w("  calprotectin in dyspepsia letters under 55, no weight loss with dyspepsia at 40-54 without FIT, no epigastric pain")
    w("  in A1 letters, U8 weight-loss letters over 55 have lower/central pain and no upper symptoms;")
    w("- A1's 'no other fact above': A1 letters carry nothing but the A1 symptoms, the low test and non-facts")
    w("  (no ALT at all, no rectal bleeding, no upper symptoms, no known IBD/cirrhosis/fatty liver/coeliac);")
    w("- reflux as 'dyspepsia' for O1: O1 letters all have dyspepsia; reflux letters aged 55+ carry no PPI failure;")
    w("- stale results (newest older than 6 months): deciding values are recent;")
    w("- A3's 'no symptoms': A3 letters have no symptoms of any kind; no family history of bowel cancer in D letters;")
    w("- a PPI on the medicine list that the writer does not link to the dyspepsia: checked as its own reading;")
    w("- explanations of any fact other than weight loss are not written (e.g. IDA is never 'explained' by periods,")
    w("  rectal bleeding is never 'explained away'); anal ulceration, 'positive' FIT without a number, ALT as")
    w("  'x ULN' without the number, old-FIT-positive-new-FIT-negative and ascites 'controlled on diuretics' are not used.")
    w("")
    w("## Counts")
    w("")
    w("| urgency | n |")
    w("| --- | --- |")
    for k in ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]:
        w("| %s | %d |" % (k, urg[k]))
    w("")
    w("| pathway | n |")
    w("| --- | --- |")
    for k in ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]:
        w("| %s | %d |" % (k, path[k]))
    w("")
    w("| rule | urgency / pathway | n |")
    w("| --- | --- | --- |")
    for k in order:
        w("| %s | %s / %s | %d |" % (k, RULES[k][0], RULES[k][1], rules[k]))
    w("")
    w("## Layouts (15 letters each)")
    w("")
    w("| style | kind | description | n |")
    w("| --- | --- | --- | --- |")
    for name, kind, fn, allowed, arange in LAYOUTS:
        w("| %s | %s | %s | %d |" % (name, "individual writer" if kind == "writer" else "form / template", LAYOUT_NOTES[name], styles[name]))
    w("")
    w("## Other properties")
    w("")
    w("- ages %d-%d; %d letters sit on a line the spec draws (age 39/40, 49/50, 54/55, 59/60; Hb at the sex threshold;"
      % (min(ages), max(ages), near))
    w("  ferritin 29/30; FIT 9/10; calprotectin 99/100, 249/250; ALT 39/40, 299/300; PPI 3 vs 4 weeks);")
    w("- %d letters are about patients who already have something (history tags in the meta file);" % hist)
    w("- requested priority: %s;" % ", ".join("%s %d" % (k, v) for k, v in sorted(req.items())))
    w("- spelling slips in %d letters, only in words that carry no fact;" % slips)
    w("- distractor kinds: %s." % ", ".join("%s %d" % (k, v) for k, v in sorted(dk.items())))
    w("")
    sp = os.path.join(HERE, "second_pass.tsv")
    if os.path.exists(sp):
        rows = [l.rstrip("\n").split("\t") for l in open(sp, encoding="utf-8")][1:]
        dis = [r_ for r_ in rows if len(r_) > 8 and r_[8].strip().lower() not in ("", "agree")]
        dfx = [r_ for r_ in rows if len(r_) > 10 and r_[10].strip()]
        w("## Second pass")
        w("")
        w("50 letters chosen with `random.Random('letters31/second-pass').sample(ids, 50)` were printed as text only (no")
        w("labels, no meta) and labelled by hand from the spec; the hand labels were then compared with the set.")
        w("Label disagreements: %d of %d (urgency, pathway and rule all agree for every letter)." % (len(dis), len(rows)))
        w("The first reading also found %d text defects that do not touch a fact (a repeated negation, two diabetes" % len(dfx))
        w("types in one patient, a doubled opener, blank paragraphs, age-inappropriate filler medicines, grammar); each was")
        w("fixed in the generator, the set was rebuilt, and every one of the 50 letters whose text changed was re-read")
        w("(two had become different scenarios and were labelled again). `second_pass.tsv` lists hand label, set label,")
        w("the hand reasoning, and the defect and fix where there was one.")
        w("")
    w("## Validator result")
    w("")
    w("`python3 validate_set.py` ends with `OK: all checks passed` (structure, span offsets, keyword coverage, facts vs")
    w("evidence, dates and ages, labels under every reading, mix, NHS number check digits, sha256).")
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
