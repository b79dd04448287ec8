"""Letter layouts for set 3 (each renderer: Ctx -> text)."""
import datetime
from engine import derived
from phrases import (sym_phrase, exam_sign, history_keys, exam_keys, neg_phrases, resolved_phrases,
                     hypo_phrases, fh_phrases, results_list, result_inline, results_inline, results_table,
                     extra_facts, neutral_phrases, request_sentence, question_for, dominant, prio_word,
                     PRIO_WORDS, fmt_date, social_history, bg_results, discussion, old_consults)


def art(n):
    return "an" if str(n).startswith("8") or n in (11, 18) else "a"


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def join_and(items):
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


OPEN_PROBLEM = {
    "Positive FIT": "a positive FIT result", "Iron deficiency": "iron deficiency on recent bloods",
    "Anaemia": "anaemia on recent bloods", "IBD query": "a question about {his} inflammatory bowel disease",
    "Positive coeliac serology": "positive coeliac serology", "Cirrhosis review": "known cirrhosis",
    "Abnormal LFTs": "abnormal liver tests", "Fatty liver": "a fatty liver on ultrasound", "Polyp surveillance": "a history of colonic polyps",
    "Family history of bowel cancer": "a family history of bowel cancer",
    "Rectal mass": "a rectal mass found on examination", "Anal lump": "a lump at the anus",
    "Anal ulcer": "an ulcer at the anal margin", "Abdominal mass": "an abdominal mass",
    "Gastroenterology referral": "a gastroenterology question",
}


def neutral_text(x, reg):
    out = []
    for n in neutral_phrases(x):
        if reg == "prose":
            out.append(x.ch({"tiredness": [f"{x.he} feels tired all the time", f"{x.he} has been more tired than usual"],
                             "breathlessness on exertion": [f"{x.he} is more breathless on exertion"],
                             "nausea": [f"{x.he} has felt nauseated", "there is some nausea"],
                             "itching": [f"{x.he} is itching"], "mouth ulcers": ["recurrent mouth ulcers"],
                             "perianal discomfort": [f"{x.he} has some perianal discomfort"],
                             "noticed lump": [f"{x.he} noticed a swelling in {x.his} side"]}.get(n, [n])))
        else:
            out.append({"tiredness": "TATT", "breathlessness on exertion": "SOBOE", "nausea": "nausea",
                        "itching": "pruritus", "mouth ulcers": "mouth ulcers", "perianal discomfort": "perianal discomfort",
                        "noticed lump": "noticed a lump"}.get(n, n))
    return out


def exam_lines(x, reg):
    c = x.c
    out = [exam_sign(x, k, reg) for k in exam_keys(c)]
    t = reg != "prose"
    if "ascites" in c["sym"]:
        out.append("shifting dullness" if t else "there is shifting dullness consistent with ascites")
    if "jaundice" in c["sym"] and not c["sym"]["jaundice"].get("mild"):
        out.append("sclerae icteric" if t else "the sclerae are clearly icteric")
    if "abdo_mass" in c["neg"]:
        out.append(x.ch(["abdo soft, no masses", "no palpable masses", "abdomen SNT, no masses"] if t else
                        ["the abdomen was soft with no masses", "there were no palpable abdominal masses"]))
    if not out:
        out.append(x.ch(["abdo SNT", "abdomen soft, non-tender", "abdo soft"] if t else
                        ["the abdomen was soft and non-tender", "abdominal examination was unremarkable",
                         "the abdomen was soft"]))
    return out


def items(x, reg):
    c = x.c
    hist = [sym_phrase(x, k, reg) for k in history_keys(c)]
    return {
        "hist": hist,
        "neutral": neutral_text(x, reg),
        "extra": extra_facts(x, reg),
        "neg": neg_phrases(x),
        "past": resolved_phrases(x),
        "hypo": hypo_phrases(x),
        "fh": fh_phrases(x, reg),
        "exam": exam_lines(x, reg),
        "res": results_inline(x, reg),
    }


def prose_body(x, it, greet_name):
    """Dictated-letter paragraphs."""
    ch = x.ch
    c = x.c
    paras = []
    if it["hist"]:
        first = it["hist"][0]
    else:
        first = OPEN_PROBLEM.get(dominant(x), "a gastroenterology question").format(his=x.his)
    opener = ch([f"Thank you for seeing this {x.age_desc()} who presents with {first}.",
                 f"I would be grateful for your opinion on {greet_name}, {art(c['age'])} {x.age_desc()} with {first}.",
                 f"{greet_name} is {art(c['age'])} {c['age']} year old {x.man} who has {first}.",
                 f"I saw this {x.age_desc()} in surgery with {first}."])
    s = [opener]
    for h in it["hist"][1:]:
        s.append(ch([f"{x.He} also reports {h}.", f"In addition there is {h}.", f"Alongside this, {h}."]))
    for n in it["neutral"]:
        s.append(cap(n) + ".")
    if it["neg"]:
        s.append(cap(ch(["On direct questioning: ", "Of note, ", "Importantly, ", ""]) + "; ".join(it["neg"]) + "."))
    paras.append(" ".join(s))
    s = []
    for e in it["extra"]:
        s.append(cap(e) + ".")
    if it["past"]:
        s.append(ch(["In the past: ", "Past history includes ", "Previously: "]) + "; ".join(it["past"]) + ".")
    if it["fh"]:
        s.append(ch(["Family history: ", "FH: ", ""]) + cap("; ".join(it["fh"])) + ".")
    if s:
        paras.append(" ".join(s))
    s = []
    if it["exam"]:
        s.append(ch(["On examination ", "On examination today ", "O/E "]) + "; ".join(it["exam"]) + ".")
    if it["res"]:
        s.append(ch(["Recent bloods: ", "Investigations: ", "Results so far: "]) + ", ".join(it["res"]) + ".")
    if s:
        paras.append(" ".join(s))
    tail = []
    if it["hypo"]:
        tail.append(cap(it["hypo"][0]) + ".")
    tail.append(request_sentence(x))
    paras.append(" ".join(tail))
    return paras


def meds_lines(x, style=0):
    out = []
    c = x.c
    meds = list(c.get("meds", []))
    if c.get("ppi"):
        p = c["ppi"]
        st = c["date"] - datetime.timedelta(weeks=p["weeks"])
        meds.append({"drug": p["drug"].capitalize(), "dose": p["dose"], "startdate": st})
    for m in meds:
        if "startdate" in m:
            sd = m["startdate"]
        else:
            sd = datetime.date(m["start"], 1 + (hash_s(m["drug"]) % 12), 1 + (hash_s(m["dose"]) % 27))
            if sd > c["date"]:
                sd = c["date"] - datetime.timedelta(days=60)
        if style == 0:
            out.append(f"  {m['drug']} {m['dose']}   (started {fmt_date(sd, 0)})")
        elif style == 1:
            out.append(f"{fmt_date(sd, 2)}  {m['drug']}  {m['dose']}  [Repeat]")
        else:
            out.append(f"- {m['drug']} {m['dose']}")
    return out


def hash_s(s):
    h = 0
    for ch in s:
        h = (h * 31 + ord(ch)) % 1000003
    return h


def pmh_lines(x, style=0):
    out_a, out_p = [], []
    for p in x.c["hx"]["pmh"]:
        line = f"{p['year']}  {p['name']}" if style == 0 else f"{p['name']} ({p['year']})"
        (out_a if p["active"] else out_p).append(line)
    # resolved red-flag episodes can sit in the past problem list as coded entries
    return out_a, out_p


def header_block(x, style=0):
    p = x.p
    c = x.c
    nhs = p["nhs_fmt"]
    if style == 0:
        return [f"Patient: {p['title']} {p['first']} {p['last']}", f"DOB: {x.date(c['dob'])}", f"NHS No: {nhs}",
                f"Address: {p['addr']}"]
    if style == 1:
        return [f"{p['last'].upper()}, {p['first']} ({p['title']})   DOB {x.date(c['dob'], 0)}   NHS {nhs}"]
    return [f"Name: {p['first']} {p['last']}    Sex: {'Male' if c['sex'] == 'M' else 'Female'}",
            f"Date of birth: {x.date(c['dob'])}    NHS number: {nhs}", f"{p['addr']}"]


def practice_block(x):
    pr = x.p["practice"]
    return [pr["name"], pr["addr"], f"Tel: {pr['tel']}   Practice code: {pr['code']}"]


# =============================================================== layouts

def r_dear_doctor(x):
    p, c = x.p, x.c
    it = items(x, "prose")
    lines = practice_block(x) + ["", x.date(), "", f"{p['cons']}", "Consultant Gastroenterologist", p["hospital"], ""]
    lines.append(f"Dear {p['cons'].split(' ')[0]} {p['cons'].split(' ')[-1]},")
    lines.append("")
    lines.append(f"Re: {p['title']} {p['first']} {p['last']}, DOB {x.date(c['dob'])}, NHS No {p['nhs_fmt']}")
    lines.append(f"    {p['addr']}")
    lines.append("")
    paras = prose_body(x, it, f"{p['title']} {p['last']}")
    if c.get("long"):
        paras.insert(-1, f"Social history: {social_history(x)}. " + discussion(x))
    for para in paras:
        lines.append(para)
        lines.append("")
    if c.get("long"):
        pa, pp = pmh_lines(x, 1)
        if pa or pp:
            lines.append("Past medical history:")
            lines += [f"- {v}" for v in pa + pp]
            lines.append("")
    meds = meds_lines(x, 2)
    if meds and (c.get("long") or x.rng.random() < 0.6):
        lines.append("Current medication:")
        lines += meds
        lines.append("")
    lines += [x.ch(["Yours sincerely,", "Kind regards,", "With best wishes,"]), "", p["gp"], x.ch(["General Practitioner", "GP Partner", "Salaried GP"])]
    return "\n".join(lines)


def r_letterhead_heavy(x):
    p, c = x.p, x.c
    pr = p["practice"]
    it = items(x, "prose")
    head = [pr["name"].upper(), x.ch(["Partners: ", "Doctors: "]) + ", ".join(pr["partners"]),
            x.ch(["Practice Manager: ", "Business Manager: "]) + pr["manager"],
            pr["addr"], f"Telephone {pr['tel']}   Fax {pr['fax']}", f"Email: {pr['email']}",
            f"www.{pr['web']}.nhs.uk", "Opening hours Mon-Fri 08:00-18:30, extended access Tue & Thu evenings",
            "A GP training practice. CQC rated Good.", "Please quote our reference on all correspondence",
            f"Our ref: {p['last'][:3].upper()}/{c['date'].strftime('%y%m%d')}/{pr['code'][-3:]}", "", "Page 1 of 2", ""]
    body = [x.date(), "", f"{p['hospital']} - Gastroenterology", "", "Dear Colleague,", "",
            f"Re: {p['first']} {p['last']}  ({'M' if c['sex'] == 'M' else 'F'})  DOB {x.date(c['dob'], 0)}  NHS {p['nhs_fmt']}", ""]
    paras = prose_body(x, it, f"{p['title']} {p['last']}")
    if c.get("long"):
        paras.insert(-1, discussion(x) + f" Social: {social_history(x)}.")
    body.append(paras[0])
    body.append("")
    rest = paras[1:]
    page2 = ["", "-" * 40, pr["name"].upper(), pr["addr"], f"Re: {p['first']} {p['last']}  NHS {p['nhs_fmt']}", "Page 2 of 2", ""]
    for para in rest:
        page2.append(para)
        page2.append("")
    page2 += ["Yours faithfully", "", p["gp"]]
    return "\n".join(head + body + page2)


def r_soap(x):
    p, c = x.p, x.c
    it = items(x, "terse")
    ch = x.ch
    lines = [f"{p['practice']['name']} - consultation record", f"Date: {x.date()}   Clinician: {p['reg']} (GP registrar ST3)",
             f"Supervisor: {p['gp']}", f"Patient: {p['first']} {p['last']}, {'M' if c['sex'] == 'M' else 'F'}, DOB {x.date(c['dob'], 0)}, NHS {p['nhs_fmt']}", ""]
    s = []
    s.append(f"{x.age_terse()}. " + ("; ".join(it["hist"]) if it["hist"] else OPEN_PROBLEM.get(dominant(x), dominant(x).lower()).format(his=x.his)))
    if it["neutral"]:
        s.append(", ".join(it["neutral"]))
    if it["neg"]:
        s.append("; ".join(it["neg"]))
    for e in it["extra"]:
        s.append(e)
    if it["past"]:
        s.append("PMH: " + "; ".join(it["past"]))
    if it["fh"]:
        s.append("; ".join(it["fh"]))
    lines.append("S: " + ". ".join(cap(v) for v in s) + ".")
    o = [f"obs: HR {x.rng.randint(62, 96)}, BP {x.rng.randint(112, 158)}/{x.rng.randint(66, 92)}, T 36.{x.rng.randint(4, 9)}"]
    o += it["exam"]
    if it["res"]:
        o.append("bloods: " + ", ".join(it["res"]))
    lines.append("O: " + "; ".join(o) + ".")
    a = ch(["?", "query ", "impression: ", ""]) + dominant(x).lower()
    lines.append("A: " + a + ch(["", " - needs specialist opinion", " - discussed with supervisor"]))
    plan = []
    pw = prio_word(x)
    if pw:
        plan.append(ch([f"refer gastro ({pw})", f"gastro referral - {pw}", f"{pw} referral to gastroenterology"]))
    else:
        plan.append(ch(["refer gastroenterology", "gastro referral done"]))
    if it["hypo"]:
        plan.append(it["hypo"][0])
    lines.append("P: " + "; ".join(plan) + ".")
    return "\n".join(lines)


def r_np_bullets(x):
    p, c = x.p, x.c
    it = items(x, "terse")
    ch = x.ch
    lines = [f"Referral - {p['np']}, {ch(['ANP', 'Advanced Nurse Practitioner', 'Nurse Practitioner'])}, {p['practice']['name']}",
             f"{x.date()}", f"Pt: {p['first']} {p['last']} | DOB {x.date(c['dob'], 0)} | NHS {p['nhs_fmt']}", ""]
    b = ch(["•", "-", "*"])
    lines.append(f"{b} {x.age_terse()}")
    for h in it["hist"]:
        lines.append(f"{b} {h}")
    for n in it["neutral"]:
        lines.append(f"{b} {n}")
    for e in it["extra"]:
        lines.append(f"{b} {e}")
    for n in it["neg"]:
        lines.append(f"{b} {n}")
    for e in it["exam"]:
        lines.append(f"{b} O/E {e}")
    if it["res"]:
        lines.append(f"{b} Bloods: " + ", ".join(it["res"]))
    if it["past"]:
        lines.append(f"{b} PMH: " + "; ".join(it["past"]))
    for f in it["fh"]:
        lines.append(f"{b} {f}")
    if it["hypo"]:
        lines.append(f"{b} {it['hypo'][0]}")
    pw = prio_word(x)
    lines.append(f"{b} Plan: refer gastro" + (f" - {pw}" if pw else ""))
    lines.append("")
    lines.append(ch(["Thanks", "Many thanks", "Thank you"]) + f", {p['np']}")
    return "\n".join(lines)


def r_terse(x):
    p, c = x.p, x.c
    it = items(x, "terse")
    ch = x.ch
    bits = it["hist"] + it["exam"] if exam_keys(c) else list(it["hist"])
    bits += it["extra"] + it["neutral"]
    if it["res"]:
        bits.append(", ".join(it["res"]))
    if not bits:
        bits.append(dominant(x).lower())
    if it["neg"] and x.rng.random() < 0.6:
        bits.append(it["neg"][0])
    if it["fh"] and x.rng.random() < 0.5:
        bits.append(it["fh"][0])
    fh_crc = c["hx"].get("fh_crc")
    if fh_crc and not any("bowel" in f or "colo" in f or "rectal" in f or "colon" in f for f in bits):
        bits += it["fh"]
    pw = prio_word(x)
    req = ch([f"Pls see {pw}.", f"{pw} pls.", f"Refer {pw}."]) if pw else ch(["Pls see.", "Please see, thanks.", "Thanks."])
    line1 = f"{ch(['Gastro referral', 'GI referral', 'To: Gastroenterology', 'Re:'])} {p['first']} {p['last']}, DOB {x.date(c['dob'], 0)}, NHS {p['nhs_fmt']} - {x.date(style=0)}"
    line2 = f"{x.age_terse()}: " + "; ".join(bits) + ". " + req + f" {p['gp'].split(' ')[0]} {p['gp'].split(' ')[-1]}"
    return line1 + "\n" + line2


def r_advice(x):
    p, c = x.p, x.c
    it = items(x, "prose")
    ch = x.ch
    q = question_for(x)
    lines = [ch(["Advice & Guidance request - Gastroenterology", "e-RS ADVICE AND GUIDANCE", "A&G: Gastroenterology"]),
             f"From: {p['gp']}, {p['practice']['name']} ({p['practice']['code']})", f"Date: {x.date()}",
             f"Patient: {p['first']} {p['last']}   DOB: {x.date(c['dob'], 0)}   NHS: {p['nhs_fmt']}", "",
             "Question:", q, "", "Background:"]
    paras = prose_body(x, it, f"{p['title']} {p['last']}")
    # the request sentence sits at the end of the last paragraph; for A&G keep it
    lines += paras
    lines += ["", "Many thanks for your advice,", p["gp"]]
    return "\n".join(lines)


def r_chase(x):
    p, c = x.p, x.c
    it = items(x, "prose")
    ch = x.ch
    first_date = c["date"] - datetime.timedelta(days=x.rng.randint(21, 120))
    g = c["gp_priority"]
    pw = {"urgent_suspected_cancer": "as a 2WW referral", "urgent": "as urgent", "routine": "routinely",
          "advice_and_guidance": "for advice"}[g]
    lines = practice_block(x) + ["", x.date(), "", ch(["Gastroenterology Appointments", "Referral Management Centre",
                                                        f"{p['cons']}, Gastroenterology"]), p["hospital"], "",
                                 ch(["Dear Colleague,", "Dear Sir/Madam,", "To the appointments team,"]), "",
                                 f"Re: {p['title']} {p['first']} {p['last']}  DOB {x.date(c['dob'], 0)}  NHS {p['nhs_fmt']}  UBRN {p['ubrn']}", ""]
    lines.append(ch([f"I referred {x.him} on {x.date(first_date)} {pw} and {x.he} has not yet received an appointment.",
                     f"I am writing to chase the referral I made on {x.date(first_date)} ({pw.replace('as ', '')}); {x.he} has heard nothing.",
                     f"Further to my referral of {x.date(first_date)}, {x.he} is still waiting to hear from you."]))
    lines.append("")
    now = []
    if it["hist"]:
        now.append(ch(["Current symptoms: ", "To summarise where things stand now: ", "At review today: "]) + "; ".join(it["hist"]) + ".")
    else:
        now.append(ch(["The reason for referral was ", "To recap, the problem is "]) +
                   OPEN_PROBLEM.get(dominant(x), "a gastroenterology question").format(his=x.his) + ".")
    if "dysphagia" in c["sym"] and x.rng.random() < 0.6:
        now.append(f"At the time of the original referral there was no dysphagia, but this has now developed.")
    for n in it["neutral"] + it["extra"]:
        now.append(cap(n) + ".")
    if it["neg"]:
        now.append("; ".join(cap(n) for n in it["neg"]) + ".")
    if it["exam"]:
        now.append("Examination: " + "; ".join(it["exam"]) + ".")
    if it["res"]:
        now.append("Latest results: " + ", ".join(it["res"]) + ".")
    if it["past"]:
        now.append("Past history: " + "; ".join(it["past"]) + ".")
    if it["fh"]:
        now.append(cap("; ".join(it["fh"])) + ".")
    lines.append(" ".join(now))
    lines.append("")
    lines.append(ch(["I would be grateful if you could let me know when this will be booked.",
                     "Please could you check the referral has been received and let us know the expected wait.",
                     f"{x.He} is anxious about the delay; I'd be grateful for an update."]))
    if it["hypo"]:
        lines.append(cap(it["hypo"][0]) + ".")
    lines += ["", "Yours sincerely,", p["gp"]]
    return "\n".join(lines)


def r_ers(x):
    p, c = x.p, x.c
    it = items(x, "terse")
    ch = x.ch
    g = c["gp_priority"]
    pri = {"urgent_suspected_cancer": ch(["2 Week Wait", "Urgent Suspected Cancer (2WW)", "TWO_WEEK_WAIT"]),
           "urgent": ch(["Urgent", "URGENT"]), "routine": ch(["Routine", "ROUTINE"]),
           "advice_and_guidance": "Routine (Advice and Guidance converted)"}[g]
    sk = set(c["sym"])
    if sk & {"dysphagia", "reflux", "dyspepsia", "upper_pain", "haematemesis"}:
        area = ["Gastroenterology - Upper GI", "Upper GI Endoscopy (straight to test)"]
    elif sk & {"jaundice", "ascites", "confusion"} or c["hx"].get("cirrhosis") or "alt" in c["res"] and c["res"]["alt"] >= 40 or c["hx"].get("fatty_liver"):
        area = ["Hepatology", "Liver Clinic"]
    elif c["hx"].get("ibd") or sk & {"bloody_diarrhoea"}:
        area = ["Gastroenterology - IBD"]
    elif sk & {"rectal_bleeding", "cibh", "rectal_mass", "anal_mass", "anal_ulcer", "abdo_mass"} or "fit" in c["res"]:
        area = ["Gastroenterology - Lower GI", "Colorectal Surgery"]
    else:
        area = []
    svc = ch(area + ["Gastroenterology - General"])
    lines = ["NHS e-Referral Service - Referral Letter", f"UBRN: {p['ubrn']}", f"Priority: {pri}",
             f"Specialty: Gastroenterology   Service: {svc} - {p['hospital']}",
             f"Referrer: {p['gp']}   Organisation: {p['practice']['name']} ({p['practice']['code']})",
             f"Date of referral: {x.date(style=0)}", "",
             "PATIENT DETAILS"] + header_block(x, 2) + ["", "CLINICAL DETAILS",
                                                          "Presenting complaint:"]
    if it["hist"]:
        lines.append("  " + "; ".join(cap(h) for h in it["hist"]))
    else:
        lines.append("  " + dominant(x))
    hx = it["neutral"] + it["extra"] + it["neg"]
    if hx:
        lines.append("History:")
        lines.append("  " + ". ".join(cap(h) for h in hx) + ".")
    lines.append("Examination:")
    lines.append("  " + ("; ".join(it["exam"]) if it["exam"] else "not examined"))
    lines.append("Investigations:")
    lines.append("  " + (", ".join(it["res"]) if it["res"] else "none yet"))
    pa, pp = pmh_lines(x, 1)
    lines.append("Past medical history:")
    lines.append("  " + ("; ".join(pa + pp + it["past"]) if (pa or pp or it["past"]) else "nil significant"))
    lines.append("Medication:")
    meds = meds_lines(x, 2)
    lines += ["  " + m.lstrip("- ") for m in meds] if meds else ["  nil regular"]
    lines.append("Allergies: " + ch(["NKDA", "Penicillin (rash)", "No known drug allergies"]))
    if c.get("long") or x.rng.random() < 0.4:
        lines.append("Social history: " + social_history(x))
    if it["fh"]:
        lines.append("Family history: " + "; ".join(f.replace("FH: ", "") for f in it["fh"]))
    lines.append("Reason for referral / question for the specialist:")
    if g == "advice_and_guidance":
        lines.append("  " + question_for(x))
    else:
        lines.append("  " + request_sentence(x))
    if it["hypo"]:
        lines.append("Safety-netting: " + it["hypo"][0])
    return "\n".join(lines)


def r_emis(x):
    p, c = x.p, x.c
    it = items(x, "clin")
    ch = x.ch
    pr = p["practice"]
    lines = [f"EMIS Web   {pr['name']}   Printed: {x.date(style=0)} {x.rng.randint(8, 17):02d}:{x.rng.randint(0, 59):02d}",
             "REFERRAL - GASTROENTEROLOGY", "",
             "Patient Details",
             f"  Name: {p['last'].upper()}, {p['first']} ({p['title']})",
             f"  DOB: {x.date(c['dob'], 2)}   Sex: {'Male' if c['sex'] == 'M' else 'Female'}   NHS Number: {p['nhs_fmt']}",
             f"  Usual GP: {p['gp']}", ""]
    pa, pp = pmh_lines(x, 0)
    # coded past problems may include the resolved red-flag episodes
    lines.append("Problems")
    lines.append("  Active:")
    for a in pa or ["(none recorded)"]:
        lines.append("    " + a)
    if c["hx"].get("ibd"):
        lines.append(f"    {c['hx']['ibd']['since']}  {'Ulcerative colitis' if c['hx']['ibd']['type'] == 'UC' else 'Crohn disease'}")
    if c["hx"].get("cirrhosis"):
        lines.append(f"    {c['hx']['cirrhosis']['since']}  Cirrhosis of liver")
    lines.append("  Past:")
    for a in pp:
        lines.append("    " + a + x.ch(["", " (resolved)"]))
    for a in it["past"]:
        lines.append("    " + cap(a))
    if not pp and not it["past"]:
        lines.append("    (none)")
    lines.append("")
    lines.append("Medication (acute and repeat)")
    meds = meds_lines(x, 1)
    lines += ["  " + m for m in meds] if meds else ["  No current medication"]
    lines.append("")
    lines.append("Allergies: " + ch(["No known allergies", "Codeine - vomiting", "NKDA"]))
    if it["fh"]:
        lines.append("Family History: " + "; ".join(f.replace("FH: ", "") for f in it["fh"]))
    lines.append("")
    if c.get("long") or x.rng.random() < 0.3:
        lines.append("Social: " + social_history(x))
    if c["res"] or c.get("long"):
        tab, rd = results_table(x, 0)
        if c.get("long"):
            tab += [f"  {n:<24}{v:>8} {u:<9} ({rg})" for n, v, u, rg in bg_results(x)]
        lines.append(f"Recent Test Results ({x.date(rd, 0)})")
        lines += tab
        lines.append("")
    lines.append(f"Consultation {x.date(style=0)}  {p['gp']}")
    h = list(it["hist"]) + it["neutral"]
    if not h:
        h = [dominant(x).lower()]
    lines.append("  History: " + "; ".join(h) + ".")
    if it["neg"]:
        lines.append("  " + "; ".join(cap(n) for n in it["neg"]) + ".")
    if it["extra"]:
        lines.append("  Comment: " + ". ".join(cap(e) for e in it["extra"]) + ".")
    lines.append("  Examination: " + ("; ".join(it["exam"]) if it["exam"] else "not done") + ".")
    if it["hypo"]:
        lines.append("  Safety netting: " + it["hypo"][0] + ".")
    pw = prio_word(x)
    lines.append("  Plan: " + (f"Referral to gastroenterology ({pw})" if pw else "Referral to gastroenterology") + ".")
    if c.get("long"):
        lines.append("")
        for d, t in old_consults(x, x.rng.randint(5, 11)):
            lines.append(f"Consultation {x.date(d, 0)}  {x.ch(p['practice']['partners'])}")
            lines.append("  " + t)
    return "\n".join(lines)


def r_systmone(x):
    p, c = x.p, x.c
    it = items(x, "clin")
    ch = x.ch
    pr = p["practice"]
    lines = ["SystmOne - Referral Summary", f"{pr['name']}  (ODS {pr['code']})", "=" * 48,
             f"{p['first']} {p['last'].upper()}   NHS no. {p['nhs_fmt']}   D.O.B. {x.date(c['dob'], 0)}   Gender: {'Male' if c['sex'] == 'M' else 'Female'}",
             "=" * 48, "", "Reason for referral"]
    pw = prio_word(x)
    reason = dominant(x)
    lines.append(f"  {reason}" + (f" - priority {pw}" if pw else ""))
    lines.append("")
    lines.append("Journal (most recent first)")
    lines.append(f"{x.date(style=5)}  {pr['name']} ({p['gp']})")
    h = it["hist"] + it["neutral"]
    if h:
        lines.append("  History: " + ". ".join(cap(v) for v in h) + ".")
    if it["neg"]:
        rf = ", ".join(it["neg"])
        lines.append("  " + (cap(rf) if rf.lower().startswith("red flags") else "Red flags: " + rf) + ".")
    for e in it["extra"]:
        lines.append("  " + cap(e) + ".")
    lines.append("  Examination findings: " + "; ".join(it["exam"]) + "." if it["exam"] else "  Examination findings: -")
    if c["res"] or c.get("long"):
        tab, rd = results_table(x, 1)
        if c.get("long"):
            tab += [f"{x.date(rd, 0)}  {n}: {v} {u} [{rg}]" for n, v, u, rg in bg_results(x)]
        lines.append("  Blood test results:")
        lines += ["    " + t for t in tab]
    if it["hypo"]:
        lines.append("  Plan: " + it["hypo"][0] + ".")
    if c.get("long"):
        for d, t in old_consults(x, x.rng.randint(5, 11)):
            lines.append(f"{x.date(d, 5)}  {pr['name']} ({x.ch(pr['partners'])})")
            lines.append("  " + t)
    lines.append("")
    pa, pp = pmh_lines(x, 1)
    if c["hx"].get("ibd"):
        pa.append(f"{'Ulcerative colitis' if c['hx']['ibd']['type'] == 'UC' else 'Crohns disease'} ({c['hx']['ibd']['since']})")
    if c["hx"].get("cirrhosis"):
        pa.append(f"Cirrhosis of liver ({c['hx']['cirrhosis']['since']})")
    lines.append("Coded problems - major active: " + ("; ".join(pa) if pa else "none"))
    lines.append("Coded problems - past: " + ("; ".join(pp + [cap(v) for v in it["past"]]) if (pp or it["past"]) else "none"))
    if it["fh"]:
        lines.append("Family history: " + "; ".join(f.replace("FH: ", "") for f in it["fh"]))
    meds = meds_lines(x, 0)
    lines.append("Repeat templates:")
    lines += meds if meds else ["  none"]
    return "\n".join(lines)


# ----------------------------------------------------------- tick-box forms

def tick_marks(x):
    return x.ch([("[X]", "[ ]"), ("[x]", "[ ]"), ("[✓]", "[  ]")])


def facts(x):
    c = x.c
    s = c["sym"]
    anaemia, irondef, fit = derived(c)
    return s, anaemia, irondef, fit


def fit_field(x):
    c = x.c
    if "fit" in c["res"]:
        x.shown.add("fit")
        f = c["res"]["fit"]
        return f"{f['raw']} ug Hb/g" if not isinstance(f["raw"], str) or f["raw"][0] in "<>" else str(f["raw"])
    fs = c.get("fit_status")
    return {"awaited": "awaited (kit given)", "declined": "declined", "not_returned": "not returned",
            "lost": "no result (sample lost)", None: "not done"}[fs] if fs or x.rng.random() < 0.5 else "____"


def r_lgi_form(x):
    p, c = x.p, x.c
    s, anaemia, irondef, fit = facts(x)
    on, off = tick_marks(x)
    it = items(x, "terse")
    ch = x.ch
    age = c["age"]
    rows = [
        ("Aged 40 and over with unexplained weight loss AND abdominal pain", age >= 40 and "weight_loss" in s and "abdo_pain" in s),
        ("Aged 50 and over with unexplained rectal bleeding", age >= 50 and "rectal_bleeding" in s),
        ("Aged 60 and over with change in bowel habit", age >= 60 and "cibh" in s),
        ("FIT result 10 ug Hb/g or above", fit is not None and fit >= 10),
        ("Rectal mass on examination", "rectal_mass" in s),
        ("Abdominal mass", "abdo_mass" in s),
        ("Unexplained anal mass or anal ulceration", bool(set(s) & {"anal_mass", "anal_ulcer"})),
        ("Iron deficiency anaemia (any age)", anaemia and irondef),
    ]
    any_t = any(v for _, v in rows)
    rows.append(("Other - clinical concern, please give details below", not any_t))
    lines = [ch(["SUSPECTED LOWER GI CANCER REFERRAL FORM", "LOWER GI - URGENT SUSPECTED CANCER (2WW) PROFORMA",
                 "Colorectal 2 Week Wait Referral"]),
             f"{p['hospital']} - Colorectal Cancer Pathway   (send via e-RS within 24 h)", "",
             f"Patient: {p['first']} {p['last']}   DOB: {x.date(c['dob'], 0)}   Sex: {c['sex']}   NHS No: {p['nhs_fmt']}",
             f"Address: {p['addr']}", f"Referring GP: {p['gp']}   Practice: {p['practice']['name']} ({p['practice']['code']})",
             f"Date of decision to refer: {x.date(style=0)}", "",
             ch(["REFERRAL CRITERIA (NICE NG12) - tick all that apply", "Criteria - please tick ALL that apply:"])]
    for label, v in rows:
        lines.append(f"{on if v else off} {label}")
    lines.append("")
    lines.append(f"FIT result: {fit_field(x)}")
    r = c["res"]
    hb = r.get("hb")
    if hb is not None:
        x.shown.add("hb")
        hbs = f"{hb / 10:.1f} g/dL" if r.get("hb_unit") == "g/dL" else f"{hb} g/L"
    else:
        hbs = "____"
    fer = r.get("ferritin")
    if fer is not None:
        x.shown.add("ferritin")
    lines.append(f"Hb: {hbs}   Ferritin: {fer if fer is not None else '____'}   MCV: {r.get('mcv', '____')}   eGFR: {x.rng.choice(['>90', '78', '64', '>60', '55'])}")
    others = [result_inline(x, i, "terse") for i in results_list(x) if i[0] not in ("hb", "ferritin", "mcv", "fit")]
    if others:
        lines.append("Other results: " + ", ".join(others))
    lines.append("")
    lines.append("Clinical details (history, examination, relevant PMH):")
    free = []
    free.append(x.age_terse())
    free += it["hist"] + it["neutral"] + it["extra"]
    if exam_keys(c):
        free += it["exam"]
    free += it["neg"]
    if it["past"]:
        free.append("PMH " + "; ".join(it["past"]))
    free += it["fh"]
    lines.append("  " + "; ".join(free) + ".")
    if it["hypo"]:
        lines.append("  " + cap(it["hypo"][0]) + ".")
    lines.append("")
    ps = x.rng.choice([0, 0, 1, 1, 2])
    lines.append("WHO performance status:  " + "  ".join(f"({i})" if i == ps else str(i) for i in range(5)))
    anticoag = any(m["drug"] in ("Apixaban",) for m in c.get("meds", []))
    yn = yes_no_style(x)
    lines.append("Anticoagulant / antiplatelet:  " + yn(anticoag))
    lines.append("Diabetic:  " + yn(any(pp["name"].startswith("Type 2") for pp in c["hx"]["pmh"])))
    lines.append("Patient informed this is a suspected cancer referral and available in next 2 weeks:  " + yn(True))
    lines.append("Interpreter required:  " + yn(False))
    return "\n".join(lines)


def strike(w):
    return "".join(ch + "\u0336" for ch in w)


def yes_no_style(x):
    st = x.ch(["strike", "circle", "delete", "caps"])

    def f(v):
        if st == "strike":
            return "Yes / " + strike("No") if v else strike("Yes") + " / No"
        if st == "circle":
            return "(Yes) / No" if v else "Yes / (No)"
        if st == "caps":
            return "YES / no" if v else "yes / NO"
        return "Yes" if v else "No"
    f.style = st
    return f


def r_ugi_form(x):
    p, c = x.p, x.c
    s, anaemia, irondef, fit = facts(x)
    it = items(x, "terse")
    ch = x.ch
    age = c["age"]
    ppi = c.get("ppi")
    trd = age >= 55 and "dyspepsia" in s and ppi and ppi["weeks"] >= 4
    rows = [
        ("Dysphagia (any age)", "dysphagia" in s),
        ("Aged 55+ with weight loss AND upper abdominal pain, reflux or dyspepsia",
         age >= 55 and "weight_loss" in s and bool(set(s) & {"upper_pain", "reflux", "dyspepsia"})),
        ("Upper abdominal mass consistent with stomach cancer", False),
        ("Aged 40+ with jaundice", age >= 40 and "jaundice" in s),
        ("Aged 55+ with treatment-resistant dyspepsia (non-urgent direct access OGD)", bool(trd)),
    ]
    any_t = any(v for _, v in rows)
    rows.append(("Other - clinician concern (details in Section D)", not any_t))
    yn = yes_no_style(x)
    lines = [ch(["UPPER GI SUSPECTED CANCER REFERRAL", "Upper GI / HPB - Urgent Suspected Cancer Referral Form",
                 "OESOPHAGO-GASTRIC 2WW REFERRAL"]), f"{p['hospital']}  |  Upper GI Cancer Team", ""]
    lines += [f"Name: {p['first']} {p['last']}", f"D.O.B.: {x.date(c['dob'], 0)}  Gender: {'M' if c['sex'] == 'M' else 'F'}",
              f"NHS Number: {p['nhs_fmt']}", f"GP: {p['gp']}, {p['practice']['name']}", f"Date: {x.date()}", ""]
    lines.append("SECTION A - referral criteria (tick all that apply)")
    for label, v in rows:
        lines.append(("☑ " if v else "☐ ") + label)
    lines.append("")
    note = {"strike": "(strike out as appropriate)", "circle": "(circle)", "delete": "(delete as appropriate)", "caps": "(indicate)"}[yn.style]
    lines.append(f"SECTION B - symptoms {note}")
    wl = s.get("weight_loss")
    rowsb = [("Dysphagia", "dysphagia" in s), ("Weight loss", bool(wl)), ("Haematemesis", "haematemesis" in s),
             ("Upper abdominal / epigastric pain", "upper_pain" in s), ("Reflux / heartburn", "reflux" in s),
             ("Dyspepsia / indigestion", "dyspepsia" in s), ("Melaena", False), ("Persistent vomiting", False),
             ("Jaundice", "jaundice" in s)]
    for label, v in rowsb:
        extra = ""
        if label == "Weight loss" and wl:
            extra = f"   amount: {wl['kg']:g} kg over {wl['months']} months"
        lines.append(f"  {label:<34} {yn(v)}{extra}")
    lines.append("")
    lines.append("SECTION C - medication and tests")
    if ppi:
        lines.append(f"  Acid suppression tried: {yn(True)}   Drug/dose/duration: {ppi['drug']} {ppi['dose']}, {x.weeks(ppi['weeks'], True)}")
    else:
        lines.append(f"  Acid suppression tried: {yn(False)}")
    if c.get("hpylori"):
        lines.append(f"  H. pylori: {c['hpylori']}")
    res = [result_inline(x, i, "terse") for i in results_list(x)]
    lines.append("  Bloods: " + (", ".join(res) if res else "not yet available"))
    lines.append(f"  NSAIDs / anticoagulants: {yn(bool(c.get('nsaid')) or any(m['drug'] == 'Apixaban' for m in c.get('meds', [])))}")
    lines.append("")
    lines.append("SECTION D - clinical summary")
    free = [x.age_terse()] + it["hist"] + it["neutral"]
    free += [e for e in it["extra"] if not (ppi and ppi["drug"] in e) and not (c.get("hpylori") and "pylori" in e)]
    if exam_keys(c) or "ascites" in s:
        free += it["exam"]
    free += it["neg"]
    if it["past"]:
        free.append("PMH " + "; ".join(it["past"]))
    free += it["fh"]
    lines.append("  " + "; ".join(free) + ".")
    if it["hypo"]:
        lines.append("  " + cap(it["hypo"][0]) + ".")
    lines.append("")
    lines.append(f"Patient aware of urgent suspected cancer referral: {yn(True)}")
    lines.append(f"Fit for endoscopy: {yn(True)}")
    return "\n".join(lines)


RF_ROWS = [
    ("Dysphagia", lambda s, a, i, c: "dysphagia" in s),
    ("Unexplained weight loss", lambda s, a, i, c: "weight_loss" in s),
    ("Rectal bleeding", lambda s, a, i, c: "rectal_bleeding" in s),
    ("Change in bowel habit", lambda s, a, i, c: "cibh" in s),
    ("Bloody diarrhoea", lambda s, a, i, c: "bloody_diarrhoea" in s),
    ("Iron deficiency anaemia", lambda s, a, i, c: a and i),
    ("Abdominal / rectal / anal mass", lambda s, a, i, c: bool(set(s) & {"abdo_mass", "rectal_mass", "anal_mass"})),
    ("Anal ulceration", lambda s, a, i, c: "anal_ulcer" in s),
    ("Jaundice", lambda s, a, i, c: "jaundice" in s),
    ("Haematemesis", lambda s, a, i, c: "haematemesis" in s),
    ("Family history of GI cancer", lambda s, a, i, c: any(f["ca"] in ("crc", "oesophageal", "gastric", "pancreatic") for f in c["hx"]["fh"])),
]


def r_redflag_template(x):
    p, c = x.p, x.c
    s, anaemia, irondef, fit = facts(x)
    it = items(x, "terse")
    ch = x.ch
    g = c["gp_priority"]
    pr = p["practice"]
    lines = [f"{pr['name'].upper()} - GASTROENTEROLOGY REFERRAL TEMPLATE (v{x.rng.choice(['2.1', '3.0', '3.2', '4'])})",
             f"Patient: {p['title']} {p['first']} {p['last']}   DOB {x.date(c['dob'], 0)}   NHS {p['nhs_fmt']}",
             f"Referring clinician: {p['gp']}     Date: {x.date(style=0)}", ""]
    opts = [("Routine", "routine"), ("Urgent", "urgent"), ("USC/2WW", "urgent_suspected_cancer"), ("Advice only", "advice_and_guidance")]
    mk = ch([("[X]", "[ ]"), ("(x)", "( )")])
    lines.append("Priority requested: " + "  ".join(f"{mk[0] if v == g else mk[1]} {n}" for n, v in opts))
    lines.append("")
    cols = ch([("Y", "N"), ("Yes", "No")])
    lines.append(f"  {'RED FLAG CHECKLIST (answer every line)':<44}{cols[0]:<5}{cols[1]}")
    for label, fn in RF_ROWS:
        v = fn(s, anaemia, irondef, c)
        if v:
            cell = "X"
        elif x.rng.random() < 0.08 and label not in ("Family history of GI cancer",):
            cell = ""
        else:
            cell = f"{'':<5}X"
        lines.append(f"  {label:<44}{cell}".rstrip())
    lines.append("")
    lines.append("Presenting problem:")
    pres = it["hist"] + it["neutral"] + it["extra"]
    if not pres:
        pres = [dominant(x).lower()]
    lines.append("  " + "; ".join(pres) + ".")
    if exam_keys(c) or x.rng.random() < 0.5:
        lines.append("Examination: " + "; ".join(it["exam"]) + ".")
    if it["neg"]:
        lines.append("Other: " + "; ".join(it["neg"]) + ".")
    lines.append("Relevant results:")
    res = [result_inline(x, i, "terse") for i in results_list(x)]
    lines.append("  " + (", ".join(res) if res else "none"))
    if "fit" not in c["res"]:
        fs = c.get("fit_status")
        lines.append("  FIT: " + {"awaited": "requested, awaited", "declined": "declined", "not_returned": "kit not returned",
                                   "lost": "sample lost, no result", None: "not done"}[fs])
    meds = meds_lines(x, 2)
    if meds:
        lines.append("Medications: " + "; ".join(m.lstrip("- ") for m in meds))
    if it["past"]:
        lines.append("Past GI history: " + "; ".join(it["past"]))
    if it["fh"]:
        lines.append("Family history details: " + "; ".join(f.replace("FH: ", "") for f in it["fh"]))
    if g == "advice_and_guidance":
        lines.append("Question for specialist: " + question_for(x))
    if it["hypo"]:
        lines.append("Safety-netting: " + it["hypo"][0])
    return "\n".join(lines)


LAYOUTS = {
    "dear_doctor": r_dear_doctor,
    "letterhead_heavy": r_letterhead_heavy,
    "registrar_soap": r_soap,
    "np_bullets": r_np_bullets,
    "terse_note": r_terse,
    "advice_guidance": r_advice,
    "chase_letter": r_chase,
    "ers_export": r_ers,
    "emis_printout": r_emis,
    "systmone_printout": r_systmone,
    "lgi_2ww_proforma": r_lgi_form,
    "ugi_2ww_proforma": r_ugi_form,
    "redflag_template": r_redflag_template,
}
