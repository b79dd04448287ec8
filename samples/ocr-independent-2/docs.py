"""Document layouts. Each layout(ctx, total) -> Doc; ctx holds patient/practice/etc. and a seed.
Layouts draw strings strictly in reading order (see layout.py for the ground-truth rules)."""
import random
from layout import Doc, MM, W, H, wrap, fit, norm
from reportlab.pdfbase.pdfmetrics import stringWidth
from content import fmt_nhs, fmt_date, pron, MEDS, PMH, ALLERGIES, LAB_BIO, LAB_HAEM, MONTHS


# ------------------------------------------------------------------ helpers
def nhs_str(ctx, lab=True):
    n = fmt_nhs(ctx["pat"]["nhs"], ctx["nhs_fmt"])
    return f"{ctx['nhs_lab']} {n}" if lab else n


def dob_str(ctx, lab=True):
    d = fmt_date(ctx["pat"]["dob"], ctx["dob_fmt"])
    return f"{ctx['dob_lab']} {d}" if lab else d


def pname(p, style=0):
    mid = f" {p['middle']}" if p["middle"] else ""
    if style == 0:
        return f"{p['title']} {p['first']}{mid} {p['sur'].upper()}"
    if style == 1:
        return f"{p['sur'].upper()}, {p['first']}{mid} ({p['title']})"
    if style == 2:
        return f"{p['title']} {p['first'][0]} {p['sur']}"
    return f"{p['first']} {p['sur']}"


def ldate(d, style="long"):
    return fmt_date(d, style)


def fax_header(ctx, extra=None):
    f = ctx.get("fax")

    def hdr(doc, pno):
        if f:
            tot = f"{doc.total:03d}" if doc.total else "001"
            y = H - 7 * MM
            doc.row(y, [(10 * MM, f"{fmt_date(ctx['day'], 'slash')} {f['time']}", "LibMono", "l"),
                        (62 * MM, f"FROM: {ctx['prac']['fax']} {ctx['prac']['name'].upper()[:26]}", "LibMono", "l"),
                        (W - 10 * MM, f"P.{pno:03d}/{tot}", "LibMono", "r")], size=7.5)
        if extra:
            extra(doc, pno)
    return hdr


def meds_list(rng, n=None):
    return rng.sample(MEDS, n or rng.randint(2, 6))


_SEXED = {"Hysterectomy": "F", "Benign prostatic hyperplasia": "M"}


def pmh_list(rng, n=None, sex=None):
    pool = [x for x in PMH if _SEXED.get(x, sex) == sex] if sex else PMH
    return rng.sample(pool, n or rng.randint(2, 5))


def std_doc(ctx, total, extra=None, **kw):
    kw.setdefault("size", ctx["size"])
    return Doc(ctx["fam"], header=fax_header(ctx, extra), total=total, seed=ctx["seed"] + 1, **kw)


def page_footer(fmt, size=8, align="c"):
    def foot(doc, pno, total):
        t = total or pno
        x = {"c": W / 2, "r": doc.R, "l": doc.L}[align]
        doc.put(x, 11 * MM, fmt.format(p=pno, t=t), "r", size, align)
    return foot


# ------------------------------------------------------------------ e-RS export
def L_ers(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, tx, day = ctx["pat"], ctx["prac"], ctx["sc"], ctx["txt"], ctx["day"]
    ubrn = f"{rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d}"
    printed = f"{fmt_date(day, 'abbr')} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"

    def foot(doc, pno, t):
        doc.row(10 * MM, [(doc.L, f"Printed: {printed}", "r", "l"), (doc.R, f"Page {pno} of {t or pno}", "r", "r")], size=7.5)

    def hdr_extra(doc, pno):
        if pno > 1:
            doc.row(doc.top + 2, [(doc.L, f"UBRN: {ubrn}", "b", "l"), (doc.R, f"{pname(p, 1)} {nhs_str(ctx)}", "r", "r")], size=8)
            doc.hline(doc.top - 3)
            doc.gap(8)
    d = std_doc(ctx, total, extra=hdr_extra, footer=foot, top=20)
    bar_h = 9 * MM
    d.c.setFillColorRGB(0.0, 0.3, 0.6)
    d.c.rect(d.L, d.y - bar_h, d.R - d.L, bar_h, stroke=0, fill=1)
    d.row(d.y - bar_h + 2.6 * MM, [(d.L + 3 * MM, "NHS e-Referral Service", "b", "l"), (d.R - 3 * MM, "Referral Letter", "b", "r")],
          size=12, color=(1, 1, 1))
    d.gap(bar_h + 5)
    d.rowflow([(d.L, f"UBRN: {ubrn}", "b", "l"), (d.L + 70 * MM, f"Priority: {sc['urgent'] if rng.random() < 0.7 else 'Routine'}", "r", "l")])
    d.gap(6)
    for title, pairs in [
        ("Patient Details", [("NHS Number", fmt_nhs(p["nhs"], ctx["nhs_fmt"])), ("Patient Name", pname(p, 1)),
                             ("Date of Birth", dob_str(ctx, False)), ("Gender", "Male" if p["sex"] == "M" else "Female"),
                             ("Address", ", ".join(p["addr"])), ("Home Telephone", p["tel"]), ("Mobile", p["mob"])]),
        ("Referral Details", [("Specialty", sc["spec"]), ("Service", sc["service"]),
                              ("Clinic Type", sc["title"] if rng.random() < 0.5 else "Not otherwise specified"),
                              ("Referring Clinician", f"Dr {pr['gp']}"), ("Referring Organisation", f"{pr['name']} ({pr['ods']})"),
                              ("Referral Created", fmt_date(day, "abbr")), ("Appointment Status", rng.choice(["Booked", "Awaiting Booking", "Deferred to Provider"]))])]:
        d.text(title, style="b", size=ctx["size"] + 1.5)
        d.hline(d.y + 2, w=1.2)
        d.gap(4)
        d.kv_table(d.L, 52 * MM, d.R - d.L - 52 * MM, pairs)
        d.gap(10)
    d.new_page()
    d.text("Referral Letter", style="b", size=ctx["size"] + 1.5)
    d.hline(d.y + 2, w=1.2)
    d.gap(4)
    d.para("Dear Colleague,")
    d.para(f"Re: {pname(p, 0)} {dob_str(ctx)}", style="b")
    d.para(f"Thank you for seeing this {p['age']} year old {pron(p['sex'])['man']} with {sc['title'].lower()}. " + " ".join(tx["hx"]))
    d.para("On examination: " + " ".join(tx["exam"]))
    d.text("Investigations:", style="b")
    for i in tx["ix"]:
        d.text(f"- {i}", x=d.L + 4 * MM)
    d.gap(5)
    d.para(tx["ask"])
    d.text("Past Medical History", style="b")
    for i in pmh_list(rng, sex=p['sex']):
        d.text(i, x=d.L + 4 * MM)
    d.gap(5)
    d.text("Current Medication", style="b")
    for i in meds_list(rng):
        d.text(i, x=d.L + 4 * MM)
    d.gap(5)
    d.hanging("Allergies:", rng.choice(ALLERGIES), indent=25 * MM)
    d.gap(8)
    d.text(f"Dr {pr['gp']}")
    d.text(f"{pr['name']}, {', '.join(pr['addr'])}")
    return d


# ------------------------------------------------------------------ tick-box proforma
def L_proforma(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, tx, day, tr = ctx["pat"], ctx["prac"], ctx["sc"], ctx["txt"], ctx["day"], ctx["trust"]
    two_ww = "cancer" in sc["urgent"]
    d = std_doc(ctx, total, footer=page_footer(f"{tr['trust']} - {sc['spec']} referral form v{rng.randint(2, 9)}.{rng.randint(0, 9)} - page {{p}} of {{t}}", 7), top=16)
    d.logo(d.R - 20 * MM, d.y - 13 * MM, 12 * MM, kind=1)
    d.text(tr["trust"], style="b", size=9)
    d.gap(6)
    d.text("SUSPECTED CANCER REFERRAL" if two_ww else "REFERRAL PROFORMA", style="b", size=15)
    d.text(f"{sc['spec']} - {'Two Week Wait' if two_ww else sc['service']}", style="b", size=11)
    d.gap(3)
    d.text(f"Please email to the referral hub or fax to {tr['tel']}", style="i", size=8.5)
    d.gap(6)
    # patient grid: label/value pairs sharing a baseline -> one GT line per row
    top = d.y
    x2 = d.L + (d.R - d.L) / 2 + 2 * MM
    rows = [[("Surname:", p["sur"].upper()), ("Forename(s):", f"{p['first']} {p['middle']}".strip())],
            [(ctx["dob_lab"], dob_str(ctx, False)), ("Gender:", "M" if p["sex"] == "M" else "F")],
            [(ctx["nhs_lab"], fmt_nhs(p["nhs"], ctx["nhs_fmt"])), ("Hospital No:", "")],
            [("Address:", p["addr"][0]), ("Tel:", p["tel"])],
            [("", ", ".join(p["addr"][1:])), ("Mobile:", p["mob"])]]
    d.text("PATIENT DETAILS", style="b", size=9.5)
    rh = ctx["size"] * 1.9
    offs = [d.lab_w([r[j][0] for r in rows]) for j in range(2)]
    for r in rows:
        cells = []
        for (k, v), x, o in zip(r, (d.L + 2 * MM, x2), offs):
            cells += [(x, k, "b", "l"), (x + o, v, "r", "l")]
        d.rowflow(cells, lead=rh)
    d.box(d.L, d.y + 2, d.R - d.L, top - d.y - 2)
    d.c.line(x2 - 2 * MM, d.y + 2, x2 - 2 * MM, top - ctx["size"] * 1.3 - 2)
    d.gap(8)
    d.text("REFERRAL CRITERIA (please tick all that apply)", style="b", size=9.5)
    d.gap(2)
    n_t = rng.randint(1, 3)
    ticked = set(rng.sample(range(len(sc["criteria"])), n_t))
    mark = rng.choice(["x", "tick"])
    for i, c in enumerate(sc["criteria"]):
        base = d.y - ctx["size"]
        d.checkbox(d.L + 2 * MM, base, ctx["size"], mark if i in ticked else None)
        d.text(c, x=d.L + 9 * MM, lead=ctx["size"] * 1.7)
    d.gap(6)
    qs = ["Has the patient been informed of the reason for referral?", "Is the patient available within the next 14 days?",
          "Does the patient need an interpreter?", "Is the patient on anticoagulants?"]
    for q in qs[: rng.randint(2, 4)]:
        ans = rng.random() < 0.7 if "interpreter" not in q else rng.random() < 0.15
        base = d.y - ctx["size"]
        xs = d.R - 34 * MM
        d.checkbox(xs + 8 * MM, base, ctx["size"], mark if ans else None)
        d.checkbox(xs + 26 * MM, base, ctx["size"], None if ans else mark)
        d.rowflow([(d.L, q, "r", "l"), (xs, "Yes", "r", "l"), (xs + 18 * MM, "No", "r", "l")], lead=ctx["size"] * 1.8)
    d.gap(4)
    if two_ww:
        base = d.y - ctx["size"]
        cells = [(d.L, "WHO performance status:", "b", "l")]
        ps = rng.randint(0, 2)
        for k in range(5):
            x = d.L + d.lab_w(["WHO performance status:"]) + 4 * MM + k * 14 * MM
            cells.append((x, str(k), "r", "l"))
            d.checkbox(x + 4 * MM, base, ctx["size"], mark if k == ps else None)
        d.rowflow(cells, lead=ctx["size"] * 1.9)
        d.gap(4)
    d.text("CLINICAL DETAILS / HISTORY", style="b", size=9.5)
    top = d.y
    d.gap(3)
    d.para(" ".join(tx["hx"]) + " " + " ".join(tx["exam"]), x=d.L + 2 * MM, width=d.R - d.L - 4 * MM)
    d.box(d.L, d.y + 2, d.R - d.L, top - d.y - 2)
    d.gap(6)
    if rng.random() < 0.6 or d.y < 90 * MM:
        d.new_page()
    d.text("RELEVANT INVESTIGATIONS", style="b", size=9.5)
    tw = d.R - d.L
    d.table(d.L, [35 * MM, tw - 35 * MM], [["Date", "Result"]] + [[fmt_date(day, "slash"), i] for i in tx["ix"]])
    d.gap(8)
    d.text("CURRENT MEDICATION", style="b", size=9.5)
    for m in meds_list(rng):
        d.text(m, x=d.L + 2 * MM)
    d.gap(4)
    d.hanging("Allergies:", rng.choice(ALLERGIES), indent=22 * MM)
    d.gap(8)
    d.text("REFERRER DETAILS", style="b", size=9.5)
    o1, o2 = d.lab_w(["Telephone:", "Practice:", "GP name:"]), d.lab_w(["Practice code:"])
    d.rowflow([(d.L, "GP name:", "b", "l"), (d.L + o1, f"Dr {pr['gp']}", "r", "l"),
               (d.L + 100 * MM, "Practice code:", "b", "l"), (d.L + 100 * MM + o2, pr["ods"], "r", "l")], lead=ctx["size"] * 1.8)
    d.rowflow([(d.L, "Practice:", "b", "l"), (d.L + o1, pr["name"], "r", "l")], lead=ctx["size"] * 1.8)
    d.rowflow([(d.L, "Telephone:", "b", "l"), (d.L + o1, pr["tel"], "r", "l"),
               (d.L + 100 * MM, "Date:", "b", "l"), (d.L + 100 * MM + o2, fmt_date(day, "slash"), "r", "l")], lead=ctx["size"] * 1.8)
    base = d.y - ctx["size"]
    d.text("Signature:", style="b", lead=ctx["size"] * 3)
    d.signature(d.L + o1, base - 2, w=35 * MM, h=8 * MM)
    return d


# ------------------------------------------------------------------ dictated "Dear Dr" letter
def L_dear_dr(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, tx, day, tr = ctx["pat"], ctx["prac"], ctx["sc"], ctx["txt"], ctx["day"], ctx["trust"]
    pn = pron(p["sex"])
    foot = page_footer("Page {p} of {t}", 8, "r") if rng.random() < 0.6 else None

    def hdr_extra(doc, pno):
        if pno > 1:
            doc.text(f"Re: {pname(p, 2)} {dob_str(ctx)} - continued", style="i", size=8.5)
            doc.gap(8)
    d = std_doc(ctx, total, extra=hdr_extra, footer=foot, left=rng.choice([20, 25, 28]), right=20)
    d.text(pr["name"], align="r", style="b", size=ctx["size"] + 3)
    for a in pr["addr"]:
        d.text(a, align="r")
    d.text(f"Tel: {pr['tel']}", align="r")
    if rng.random() < 0.5:
        d.text(f"Fax: {pr['fax']}", align="r")
    d.text(pr["email"], align="r")
    d.gap(14)
    d.text(ldate(day, rng.choice(["long", "slash"])))
    d.gap(10)
    cons = tr["cons"]
    title = rng.choice(["Dr", "Mr", "Dr"]) if sc["spec"] not in ("Trauma and Orthopaedics", "Breast Surgery", "Urology", "ENT") else "Mr"
    cons_sur = cons.split()[-1]
    for a in [f"{title} {cons}", f"Consultant, {sc['spec']}", tr["hosp"]] + tr["addr"]:
        d.text(a)
    d.gap(12)
    d.text(f"Dear {title} {cons_sur}," if rng.random() < 0.7 else "Dear Colleague,")
    d.gap(4)
    v = rng.randint(0, 2)
    if v == 0:
        d.text(f"Re: {pname(p, 0)} {dob_str(ctx)}", style="b")
        d.text(f"{nhs_str(ctx)}", style="b")
        d.text(", ".join(p["addr"]), style="b")
    elif v == 1:
        d.text(f"RE: {pname(p, 0)}", style="b")
        d.text(dob_str(ctx), style="b")
        d.text(nhs_str(ctx), style="b")
    else:
        d.text(f"Re: {pname(p, 3)}, {', '.join(p['addr'])}", style="b")
        d.text(f"{dob_str(ctx)} {nhs_str(ctx)}", style="b")
    d.gap(6)
    d.para(f"Thank you for seeing this pleasant {p['age']} year old {pn['gent']} whom I saw in surgery today regarding {sc['title'].lower()}.")
    d.para(" ".join(tx["hx"]))
    d.para("On examination today: " + " ".join(tx["exam"]))
    d.para("Recent results: " + "; ".join(tx["ix"]) + ".")
    d.para(f"{pn['His']} past medical history includes {', '.join(x.lower() if x[1].islower() else x for x in pmh_list(rng, sex=p['sex']))}.")
    d.para(f"{pn['He']} currently takes {'; '.join(m.split(',')[0] for m in meds_list(rng))}. {rng.choice(ALLERGIES)}.")
    d.para(tx["ask"] + " " + rng.choice(["Many thanks for your help.", "Thank you for your help with this patient.",
                                         f"{pn['He']} is happy to be contacted on {p['mob']}.", ""]))
    d.gap(4)
    d.text(rng.choice(["Yours sincerely,", "Yours sincerely", "Kind regards,"]))
    base = d.y
    d.gap(15 * MM)
    d.signature(d.L, base - 13 * MM)
    d.text(f"Dr {pr['gp']}")
    d.text(rng.choice(["GP Partner", "General Practitioner", "Salaried GP", "GP Registrar"]))
    if rng.random() < 0.4:
        d.gap(6)
        d.text("Dictated but not signed to avoid delay", style="i", size=8.5)
    if rng.random() < 0.5:
        d.text(f"cc: {pname(p, 2)} (patient)", size=8.5)
    return d


# ------------------------------------------------------------------ SOAP consultation note
def L_soap(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, tx, day = ctx["pat"], ctx["prac"], ctx["sc"], ctx["txt"], ctx["day"]
    d = std_doc(ctx, total, footer=page_footer(f"{pr['name']} - Consultation record - Page {{p}}", 7.5))
    d.text("CONSULTATION RECORD", style="b", size=ctx["size"] + 3)
    d.text(f"{pr['name']}, {', '.join(pr['addr'])}", size=ctx["size"] - 1)
    d.gap(4)
    d.hline(d.y + 2, w=1.5)
    d.gap(4)
    top = d.y
    d.rowflow([(d.L + 2 * MM, f"Patient: {pname(p, 1)}", "b", "l"), (d.L + 110 * MM, dob_str(ctx), "r", "l")])
    d.rowflow([(d.L + 2 * MM, nhs_str(ctx), "r", "l"), (d.L + 110 * MM, f"Age: {p['age']} years", "r", "l")])
    d.rowflow([(d.L + 2 * MM, f"Address: {', '.join(p['addr'])}", "r", "l")])
    d.box(d.L, d.y + 2, d.R - d.L, top - d.y)
    d.gap(8)
    hh, mm = rng.randint(8, 17), rng.choice([0, 10, 20, 30, 40, 50])
    d.text(f"{fmt_date(day, 'abbr_sp')} {hh:02d}:{mm:02d} - Dr {pr['gp']} - {rng.choice(['Face to face', 'Telephone', 'Surgery consultation'])}", style="b")
    d.hline(d.y + 3, w=0.5)
    d.gap(4)
    ind = 12 * MM
    d.hanging("S:", " ".join(tx["hx"]), indent=ind)
    d.gap(4)
    obs = f"BP {rng.randint(118, 165)}/{rng.randint(68, 96)}, HR {rng.randint(58, 98)} reg, SpO2 {rng.randint(95, 99)}% RA, Temp {rng.uniform(36.2, 37.4):.1f}\u00b0C."
    d.hanging("O:", obs + " " + " ".join(tx["exam"]), indent=ind)
    d.gap(4)
    d.hanging("A:", f"{sc['title']}. " + rng.choice(["Needs specialist assessment.", "Red flag features present.", "Not settling with primary care management."]), indent=ind)
    d.gap(4)
    plan = [f"Refer {sc['spec']} ({sc['urgent'].lower()}) via e-RS.", "Bloods today: " + ", ".join(rng.sample(["FBC", "U&E", "LFT", "CRP", "TFT", "HbA1c", "ferritin", "lipids"], 4)) + ".",
            "Safety-netting advice given; patient to return if worse.", rng.choice(["Review in 4 weeks.", "Review with results.", "Patient agrees with plan."])]
    d.hanging("P:", " ".join(plan), indent=ind)
    d.gap(10)
    d.text("Investigations on record:", style="b")
    for i in tx["ix"]:
        d.text(f"{fmt_date(day, 'slash')} {i}", x=d.L + 4 * MM)
    d.gap(6)
    d.text("Repeat medication:", style="b")
    for m in meds_list(rng):
        d.text(m, x=d.L + 4 * MM)
    return d


# ------------------------------------------------------------------ GP system export with tables
def L_gp_export(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, tx, day = ctx["pat"], ctx["prac"], ctx["sc"], ctx["txt"], ctx["day"]
    sysname = rng.choice(["Patient Summary", "Referral Summary Report", "Clinical Summary for Referral"])
    printed = f"{fmt_date(day, 'slash')} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"

    def foot(doc, pno, t):
        doc.row(10 * MM, [(doc.L, f"{pname(p, 1)} {nhs_str(ctx)}", "r", "l"), (doc.R, f"Page {pno} of {t or pno}", "r", "r")], size=7.5)
    d = std_doc(ctx, total, footer=foot, left=16, right=14, size=ctx["size"] - 0.5)
    d.rowflow([(d.L, sysname, "b", "l"), (d.R, f"Printed {printed}", "r", "r")], size=ctx["size"] + 2)
    d.text(f"{pr['name']} ({pr['ods']}) {', '.join(pr['addr'])}", size=ctx["size"] - 1.5)
    d.hline(d.y + 2, w=1.2)
    d.gap(6)
    # two-column demographics
    d.begin_cols()
    xL, xR = d.L, d.L + (d.R - d.L) * 0.55
    kvs = [("Name", pname(p, 1)), (ctx["dob_lab"].rstrip(":"), dob_str(ctx, False)),
           ("Sex", "Male" if p["sex"] == "M" else "Female"), (ctx["nhs_lab"].rstrip(":"), fmt_nhs(p["nhs"], ctx["nhs_fmt"])),
           ("Address", p["addr"][0])] + [("", a) for a in p["addr"][1:]]
    o = d.lab_w([k for k, _ in kvs])
    for k, v in kvs:
        d.rowflow([(xL, k, "b", "l"), (xL + o, v, "r", "l")])
    d.next_col()
    kvs = [("Usual GP", f"Dr {pr['gp']}"), ("Registered", fmt_date(p["dob"].replace(day=min(p["dob"].day, 28), year=max(p['dob'].year + 18, day.year - rng.randint(2, 30))), "slash")),
           ("Home tel", p["tel"]), ("Mobile", p["mob"]), ("Preferred", rng.choice(["English", "Urdu", "Polish", "Bengali", "English"]))]
    o = d.lab_w([k for k, _ in kvs])
    for k, v in kvs:
        d.rowflow([(xR, k, "b", "l"), (xR + o, v, "r", "l")])
    d.end_cols()
    d.gap(8)
    tw = d.R - d.L

    def section(t):
        d.need(40)
        d.c.setFillGray(0.2)
        d.c.rect(d.L, d.y - ctx["size"] * 1.6, tw, ctx["size"] * 1.6, stroke=0, fill=1)
        d.c.setFillGray(0)
        d.put(d.L + 3, d.y - ctx["size"] * 1.15, t, "b", ctx["size"], "l", color=(1, 1, 1))
        d.gap(ctx["size"] * 1.6 + 2)
    section("Referral Reason")
    d.para(f"{sc['title']}. " + " ".join(tx["hx"]) + " " + tx["ask"])
    section("Active Problems")
    rows = [["Date", "Problem", "Details"]]
    for i, pm in enumerate(pmh_list(rng, rng.randint(3, 6), sex=p['sex'])):
        rows.append([fmt_date(day.replace(year=day.year - rng.randint(1, 25)), "abbr"), pm, rng.choice(["", "Review annually", "Under GP care", "Diagnosed in secondary care", "Stable"])])
    rows.insert(1, [fmt_date(day, "abbr"), sc["title"], "New"])
    d.table(d.L, [28 * MM, 70 * MM, tw - 98 * MM], rows)
    d.gap(8)
    section("Current Repeat Medication")
    rows = [["Drug", "Dosage", "Qty", "Last issued"]]
    for m in meds_list(rng, rng.randint(3, 7)):
        drug, dose = m.split(", ", 1)
        rows.append([drug, dose, str(rng.choice([28, 56, 84, 1])), fmt_date(day.replace(day=1), "slash")])
    d.table(d.L, [62 * MM, tw - 62 * MM - 42 * MM, 14 * MM, 28 * MM], rows, size=ctx["size"] - 1)
    d.gap(8)
    section("Allergies and Sensitivities")
    d.text(rng.choice(ALLERGIES))
    d.gap(6)
    section("Recent Test Results")
    rows = [["Date", "Test", "Value", "Range"]]
    for name, unit, lo, hi, step, dp in rng.sample(LAB_BIO, rng.randint(4, 8)):
        val = rng.uniform(lo * 0.8, hi * 1.3) if hi > lo else rng.uniform(1, 10)
        rows.append([fmt_date(day, "slash"), name, f"{val:.{dp}f} {unit}", f"{lo:g} - {hi:g}"])
    d.table(d.L, [26 * MM, 60 * MM, 45 * MM, tw - 131 * MM], rows, size=ctx["size"] - 1)
    d.gap(8)
    section("Recent Consultations")
    for k in range(rng.randint(2, 4)):
        dd = day.replace(day=max(1, day.day - 7 * k)) if k else day
        d.text(f"{fmt_date(dd, 'abbr')} Dr {rng.choice(pr['gps'])}", style="b")
        d.para(rng.choice([" ".join(tx["exam"]), " ".join(tx["hx"][:1]), "Medication review. No changes.",
                           "Telephone consultation. Results discussed with patient.", "Blood pressure check. Advised to continue current treatment."]))
    return d


# ------------------------------------------------------------------ terse note
def L_terse(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, day = ctx["pat"], ctx["prac"], ctx["sc"], ctx["day"]
    d = std_doc(ctx, total, top=22, size=ctx["size"] + 1)
    v = rng.randint(0, 2)
    if v == 0:
        d.text("With Compliments", style="i", size=20, align="c")
        d.gap(4)
        d.text(pr["name"], style="b", align="c")
        d.text(f"{', '.join(pr['addr'])} Tel {pr['tel']}", align="c", size=ctx["size"] - 1)
        d.gap(4)
        d.hline(d.y + 2)
        d.gap(14)
    else:
        d.text(f"{pr['name']} - Tel {pr['tel']}", style="b")
        d.gap(16)
    sx = "M" if p["sex"] == "M" else "F"
    d.text(f"To: {sc['spec']} {rng.choice(['OPD', 'Outpatients', 'Consultant on call', 'Secretaries'])}, {ctx['trust']['hosp']}")
    d.text(f"Date: {fmt_date(day, 'slash2')}")
    d.gap(10)
    d.text(f"Re: {p['first'][0]} {p['sur'].upper()} {nhs_str(ctx, rng.random() < 0.5)} {dob_str(ctx)}", style="b")
    d.gap(8)
    lines = {
        0: [f"Pls see {p['age']}{sx} - {sc['title'].lower()}.", f"{rng.randint(2, 6)}/12 hx. " + rng.choice(["Not settling.", "Getting worse.", "Pt anxious."]),
            rng.choice(["Bloods attached.", "Results on ICE.", "No bloods yet."]), "Thx"],
        1: [f"{p['age']} yo {sx}. ?{sc['title'].lower()}", rng.choice(["Seen x3 in last month.", "Failed primary care Rx.", "Red flags +ve."]),
            f"Please assess - {sc['urgent'].lower()}.", "Many thanks"],
        2: [f"Dear colleague, grateful if you would see this {p['age']}{sx} with {sc['title'].lower()}.",
            rng.choice(["PMH HTN, T2DM.", "PMH nil of note.", "PMH asthma."]), rng.choice(["Meds: see attached.", "On ramipril + metformin.", "No regular meds."]), "Thanks"],
    }[rng.randint(0, 2)]
    for ln in lines:
        d.para(ln, lead=ctx["size"] * 1.7, after=0)
    d.gap(6)
    base = d.y
    d.gap(12 * MM)
    d.signature(d.L, base - 11 * MM, w=30 * MM, h=9 * MM)
    d.text(f"Dr {pr['gp'].split()[0][0]} {pr['gp'].split()[-1]}")
    return d


# ------------------------------------------------------------------ big letterhead referral
def L_letterhead(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, tx, day, tr = ctx["pat"], ctx["prac"], ctx["sc"], ctx["txt"], ctx["day"], ctx["trust"]
    pn = pron(p["sex"])

    def hdr_extra(doc, pno):
        if pno > 1:
            doc.row(doc.top, [(doc.L, f"{pname(p, 2)}", "b", "l"), (doc.L + 60 * MM, nhs_str(ctx), "r", "l"), (doc.R, f"Page {pno}", "r", "r")], size=8.5)
            doc.hline(doc.top - 4)
            doc.gap(12)
    d = std_doc(ctx, total, extra=hdr_extra, top=14, left=18)
    col = rng.choice([(0.0, 0.37, 0.72), (0.1, 0.45, 0.3), (0.45, 0.1, 0.35)])
    d.logo(d.L, d.y - 22 * MM, 20 * MM, kind=rng.randint(0, 2), color=col)
    d.gap(3 * MM)
    hs = rng.choice([22, 24, 26])
    while stringWidth(pr["name"].upper(), d.fam["b"], hs) > d.R - d.L - 30 * MM:
        hs -= 1
    d.text(pr["name"].upper(), x=d.L + 28 * MM, style="b", size=hs, color=col)
    d.text(rng.choice(["Caring for our community", "Partners in your health", "A training practice", "Working with the local Primary Care Network"]),
           x=d.L + 28 * MM, style="i", size=10)
    d.gap(4 * MM)
    d.text(f"{', '.join(pr['addr'])}", align="c", size=9)
    d.text(f"Tel: {pr['tel']} Fax: {pr['fax']} Email: {pr['email']}", align="c", size=9)
    d.gap(2)
    d.hline(d.y, w=2.0, gray=0.3)
    d.gap(10)
    # sidebar (left column) then body (right column)
    d.begin_cols()
    sx = d.L
    d.text("Partners", x=sx, style="b", size=8)
    for g in pr["gps"][:4]:
        for part in [f"Dr {g}", rng.choice(["MBChB MRCGP", "MBBS DRCOG", "BM MRCGP", "MBChB DFSRH"])]:
            d.text(part, x=sx, size=7.5, lead=9.5)
        d.gap(4)
    d.text("Salaried GP", x=sx, style="b", size=8)
    d.text(f"Dr {pr['gps'][4]}", x=sx, size=7.5)
    d.gap(4)
    d.text("Practice Manager", x=sx, style="b", size=8)
    d.text(pr["manager"], x=sx, size=7.5)
    d.gap(4)
    d.text(f"ODS code {pr['ods']}", x=sx, size=7.5)
    d.next_col()
    bx = d.L + 46 * MM
    bw = d.R - bx
    d.text(ldate(day, "long"), x=bx)
    d.gap(8)
    for a in [f"Dr {tr['cons']}", sc["service"], tr["hosp"]] + tr["addr"]:
        d.text(a, x=bx)
    d.gap(10)
    d.text(f"Dear Dr {tr['cons'].split()[-1]},", x=bx)
    d.gap(4)
    d.text(f"Re: {pname(p, 0)}", x=bx, style="b")
    d.text(dob_str(ctx), x=bx, style="b")
    d.text(nhs_str(ctx), x=bx, style="b")
    d.gap(6)
    body = [f"I would be grateful if you could see this {p['age']} year old {pn['man']} regarding {sc['title'].lower()}.",
            " ".join(tx["hx"]), "Examination: " + " ".join(tx["exam"]), "Investigations: " + "; ".join(tx["ix"]) + ".",
            f"Past history: {', '.join(pmh_list(rng, sex=p['sex']))}.", "Medication: " + "; ".join(m.split(',')[0] for m in meds_list(rng)) + ".",
            tx["ask"]]
    fnt = d.fam["r"]
    lead = ctx["size"] * 1.32
    rest = []
    for bi, par in enumerate(body):
        if rest:
            rest.append(par)
            continue
        lines = wrap(par, fnt, ctx["size"], bw)
        for li, ln in enumerate(lines):
            if d.y - lead < d.bottom + 10:
                rest.append(" ".join(lines[li:]))
                break
            d.text(ln, x=bx)
        if not rest:
            d.gap(ctx["size"] * 0.6)
    d.end_cols()
    if not rest and d.y < d.bottom + 60:
        rest = []
    d.new_page()
    for par in rest:
        d.para(par)
    d.gap(4)
    d.text("Yours sincerely")
    base = d.y
    d.gap(15 * MM)
    d.signature(d.L, base - 13 * MM)
    d.text(f"Dr {pr['gp']}")
    d.text("GP Partner")
    return d


# ------------------------------------------------------------------ hospital clinic letter
def trust_head(d, ctx, rng, dept):
    tr = ctx["trust"]
    d.logo(d.R - 16 * MM, d.y - 14 * MM, 14 * MM, kind=rng.randint(0, 2))
    d.text(tr["trust"], style="b", size=11, x=d.R - 20 * MM, align="r")
    d.text(tr["hosp"], x=d.R - 20 * MM, align="r", size=9)
    d.text(dept, x=d.R - 20 * MM, align="r", size=9)
    d.text(", ".join(tr["addr"]), x=d.R - 20 * MM, align="r", size=9)
    d.text(f"Tel: {tr['tel']}", x=d.R - 20 * MM, align="r", size=9)
    d.gap(10)


def L_clinic(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, tx, day, tr = ctx["pat"], ctx["prac"], ctx["sc"], ctx["txt"], ctx["day"], ctx["trust"]
    pn = pron(p["sex"])
    d = std_doc(ctx, total, footer=page_footer("Page {p} of {t}", 8, "c"))
    trust_head(d, ctx, rng, f"Department of {sc['spec']}")
    d.begin_cols()
    top = d.y
    bx = d.L + 2 * MM
    lines = [pname(p, 0), dob_str(ctx), nhs_str(ctx) if ctx["has_nhs"] else None, f"Hospital No: {p['hosp']}"] + p["addr"]
    for ln in [l for l in lines if l]:
        d.text(ln, x=bx, size=ctx["size"] - 0.5)
    d.box(d.L, d.y + 2, 78 * MM, top - d.y + 2)
    d.next_col()
    cx = d.L + 100 * MM
    cd = day.replace(day=max(1, day.day - rng.randint(1, 9)))
    o = d.lab_w(["Clinic date:", "Consultant:"], size=ctx["size"] - 0.5)
    for k, v in [("Clinic date:", fmt_date(cd, "slash")), ("Dictated:", fmt_date(cd, "slash")), ("Typed:", fmt_date(day, "slash")),
                 ("Consultant:", f"Dr {tr['cons']}"), ("Our ref:", f"{tr['cons'].split()[0][0]}{tr['cons'].split()[-1][0]}/{rng.choice('abcdefghjk')}{rng.choice('abcdefghjk')}")]:
        d.rowflow([(cx, k, "b", "l"), (cx + o, v, "r", "l")], size=ctx["size"] - 0.5)
    d.end_cols()
    d.gap(10)
    for a in [f"Dr {pr['gp']}", pr["name"]] + pr["addr"]:
        d.text(a)
    d.gap(10)
    d.text(f"Dear Dr {pr['gp'].split()[-1]},")
    d.gap(4)
    d.text("Diagnosis:", style="b")
    d.text(f"1. {sc['title']}", x=d.L + 4 * MM)
    for i, x in enumerate(pmh_list(rng, 2, sex=p['sex'])):
        d.text(f"{i + 2}. {x}", x=d.L + 4 * MM)
    d.gap(4)
    d.text("Plan:", style="b")
    for i, x in enumerate(rng.sample(["Blood tests today", "CT scan to be arranged", "Review in clinic in 3 months", "Start new medication as below",
                                      "Discharge to GP care", "Refer to specialist nurse", "MRI to be requested"], 3)):
        d.text(f"{i + 1}. {x}", x=d.L + 4 * MM)
    d.gap(6)
    d.para(f"I saw {pname(p, 2)} in clinic today, who was referred with {sc['title'].lower()}. " + " ".join(tx["hx"]))
    d.para("On examination " + " ".join(tx["exam"]).lower())
    d.para(rng.choice([f"I have explained the findings to {pn['him']} and {pn['he']} is happy with the plan.",
                       f"We discussed the options at length and {pn['he']} would like to proceed.",
                       "I will write again once the results are available."]))
    d.gap(4)
    d.text("Yours sincerely,")
    base = d.y
    d.gap(14 * MM)
    d.signature(d.L, base - 12 * MM)
    d.text(f"Dr {tr['cons']}", style="b")
    d.text(f"Consultant, {sc['spec']}")
    d.gap(6)
    d.text(f"cc: {pname(p, 2)}, {', '.join(p['addr'])}", size=8.5)
    return d


# ------------------------------------------------------------------ discharge summary
def L_discharge(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, sc, tx, day, tr = ctx["pat"], ctx["prac"], ctx["sc"], ctx["txt"], ctx["day"], ctx["trust"]
    d = std_doc(ctx, total, footer=page_footer(f"{tr['hosp']} - Discharge Summary - {pname(p, 2)} - Page {{p}} of {{t}}", 7.5))
    trust_head(d, ctx, rng, "Inpatient Services")
    d.text("DISCHARGE SUMMARY", style="b", size=16)
    d.gap(4)
    adm = day.replace(day=max(1, day.day - rng.randint(2, 9)))
    tw = d.R - d.L
    pairs = [("Patient", pname(p, 1)), ("Date of birth", dob_str(ctx, False))]
    if ctx["has_nhs"]:
        pairs.append(("NHS number", fmt_nhs(p["nhs"], ctx["nhs_fmt"])))
    pairs += [("Hospital number", p["hosp"]), ("Admitted", fmt_date(adm, "abbr")), ("Discharged", fmt_date(day, "abbr")),
              ("Ward", rng.choice(["Ward 12", "Elm Ward", "AMU", "Ward 7B", "Surgical Assessment Unit"])),
              ("Consultant", f"Dr {tr['cons']}"), ("GP", f"Dr {pr['gp']}, {pr['name']}")]
    d.kv_table(d.L, 45 * MM, tw - 45 * MM, pairs, size=ctx["size"] - 0.5)
    d.gap(10)
    diag = rng.choice(["Community acquired pneumonia", "Acute exacerbation of COPD", "Lower urinary tract infection with delirium",
                       "Non-ST elevation myocardial infarction", "Cellulitis of left leg", "Acute kidney injury stage 2", "Upper GI bleed"])
    d.text("Primary diagnosis", style="b")
    d.text(diag, x=d.L + 4 * MM)
    d.gap(4)
    d.text("Comorbidities", style="b")
    for x in pmh_list(rng, sex=p['sex']):
        d.text(x, x=d.L + 4 * MM)
    d.gap(4)
    d.text("Clinical summary", style="b")
    d.para(f"{pname(p, 2)} was admitted via the emergency department with {diag.lower()}. "
           + rng.choice(["Treated with intravenous antibiotics and fluids with good response.", "Managed with oxygen, nebulisers and oral steroids.",
                         "Underwent endoscopy which showed a duodenal ulcer, treated endoscopically.", "Started on dual antiplatelet therapy and reviewed by cardiology."])
           + " " + rng.choice(["Inflammatory markers improved.", "Mobilising independently at discharge.", "Reviewed by physiotherapy and occupational therapy."]))
    if rng.random() < 0.7:
        d.new_page()
    d.text("Medications on discharge", style="b")
    rows = [["Medication", "Dose", "Route", "Frequency", "Status"]]
    for m in meds_list(rng, rng.randint(4, 8)):
        drug = m.split(",")[0]
        rows.append([drug, rng.choice(["1 tablet", "2 tablets", "1 capsule", "2 puffs", "5 mL"]), rng.choice(["Oral", "Oral", "Inhaled"]),
                     rng.choice(["Once daily", "Twice daily", "At night", "Four times daily"]), rng.choice(["Continued", "Continued", "New", "Dose changed"])])
    d.table(d.L, [64 * MM, 26 * MM, 18 * MM, 30 * MM, tw - 138 * MM], rows, size=ctx["size"] - 1)
    d.gap(8)
    d.text("Allergies", style="b")
    d.text(rng.choice(ALLERGIES), x=d.L + 4 * MM)
    d.gap(4)
    d.text("Actions for GP", style="b")
    for i, x in enumerate(rng.sample(["Please repeat U&E in one week.", "Please review blood pressure in two weeks.", "Please continue antibiotics to complete 7 days.",
                                      "Please arrange chest X-ray in 6 weeks.", "Please titrate bisoprolol as tolerated."], 2)):
        d.text(f"{i + 1}. {x}", x=d.L + 4 * MM)
    d.gap(4)
    d.text("Follow up", style="b")
    d.para(rng.choice(["Outpatient clinic in 6 weeks.", "No hospital follow up required.", "Specialist nurse will telephone within 2 weeks."]), x=d.L + 4 * MM)
    d.gap(4)
    d.rowflow([(d.L, "Completed by:", "b", "l"), (d.L + d.lab_w(["Completed by:"]), f"Dr {rng.choice(['A', 'B', 'C', 'K', 'N'])} {rng.choice(['Hussain', 'Lee', 'Morgan', 'Okoro', 'Price'])} (FY2)", "r", "l"),
               (d.L + 110 * MM, "Bleep:", "b", "l"), (d.L + 110 * MM + d.lab_w(["Bleep:"]), str(rng.randint(1000, 4999)), "r", "l")])
    return d


# ------------------------------------------------------------------ lab results sheet
def L_results(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, pr, day, tr = ctx["pat"], ctx["prac"], ctx["day"], ctx["trust"]
    d = std_doc(ctx, total, footer=page_footer("End of report", 8, "c"), left=16, right=16)
    d.rowflow([(d.L, "PATHOLOGY REPORT", "b", "l"), (d.R, tr["hosp"], "b", "r")], size=13)
    d.text(f"Blood Sciences Laboratory, {tr['trust']}", size=8.5)
    d.text(f"Enquiries: {tr['tel']}", size=8.5)
    d.gap(4)
    top = d.y
    d.gap(3)
    x2 = d.L + (d.R - d.L) / 2
    s = ctx["size"] - 0.5
    rows = [[("Name:", pname(p, 1)), ("Requested by:", f"Dr {pr['gp']}")],
            [("DOB:" if ctx["dob_lab"] == "DOB:" else ctx["dob_lab"], dob_str(ctx, False)), ("Location:", pr["name"])],
            [(ctx["nhs_lab"], fmt_nhs(p["nhs"], ctx["nhs_fmt"])) if ctx["has_nhs"] else ("Sex:", p["sex"]), ("Lab No:", f"{rng.choice('BCH')}{rng.randint(10, 26)},{rng.randint(1000000, 9999999)}")],
            [("Hosp No:", p["hosp"]), ("Collected:", f"{fmt_date(day, 'slash')} {rng.randint(8, 12):02d}:{rng.randint(0, 59):02d}")],
            [("Specimen:", rng.choice(["Serum", "Whole blood", "Clotted blood"])), ("Reported:", f"{fmt_date(day, 'slash')} {rng.randint(13, 18):02d}:{rng.randint(0, 59):02d}")]]
    offs = [d.lab_w([r[j][0] for r in rows], size=s) for j in range(2)]
    for r in rows:
        cells = []
        for (k, v), x, o in zip(r, (d.L + 2 * MM, x2), offs):
            cells += [(x, k, "b", "l"), (x + o, fit(v, d.fam["r"], s, x2 - x - o - 3 * MM if x < x2 else d.R - x - o), "r", "l")]
        d.rowflow(cells, size=s)
    d.box(d.L, d.y, d.R - d.L, top - d.y)
    d.gap(10)
    tw = d.R - d.L
    panels = [("CLINICAL BIOCHEMISTRY", rng.sample(LAB_BIO, rng.randint(6, 10))), ("HAEMATOLOGY", rng.sample(LAB_HAEM, rng.randint(4, 6)))]
    rng.shuffle(panels)
    for title, tests in panels:
        d.text(title, style="b", size=ctx["size"] + 1)
        rows = [["Test", "Result", "Units", "Reference range", "Flag"]]
        for name, unit, lo, hi, step, dp in tests:
            r = rng.random()
            val = rng.uniform(lo, hi) if r < 0.7 else (rng.uniform(hi, hi * 1.5 + 1) if r < 0.85 else rng.uniform(lo * 0.6, lo))
            flag = "H" if val > hi else ("L" if val < lo else "")
            rows.append([name, f"{val:.{dp}f}", unit, f"{lo:g} - {hi:g}", flag])
        d.table(d.L, [62 * MM, 24 * MM, 34 * MM, 34 * MM, tw - 154 * MM], rows, size=ctx["size"] - 0.5, grid=False, shade=True)
        d.hline(d.y, w=0.5)
        d.gap(10)
    d.text("Comment:", style="b")
    d.para(rng.choice(["Sample slightly haemolysed; potassium may be falsely elevated.", "Results telephoned to surgery.",
                       "Please note change of reference range for eGFR from 1 April.", "Suggest repeat in 3 months."]))
    d.rowflow([(d.L, "Authorised by:", "b", "l"), (d.L + d.lab_w(["Authorised by:"]), f"{rng.choice(['Dr', 'Mr', 'Ms'])} {rng.choice(['R Patel', 'S Hughes', 'L Chen', 'T Morgan'])}, {rng.choice(['Clinical Scientist', 'Consultant Chemical Pathologist', 'Biomedical Scientist'])}", "r", "l")])
    return d


# ------------------------------------------------------------------ appointment letter
def L_appointment(ctx, total=None):
    rng = random.Random(ctx["seed"])
    p, sc, day, tr = ctx["pat"], ctx["sc"], ctx["day"], ctx["trust"]
    d = std_doc(ctx, total, footer=page_footer(f"Outpatient Booking Centre - {tr['tel']}", 8, "c"))
    trust_head(d, ctx, rng, "Outpatient Booking Centre")
    d.text("Private and Confidential", style="b", size=9)
    d.text(pname(p, 2))
    for a in p["addr"]:
        d.text(a)
    d.gap(10)
    d.text(f"Date: {fmt_date(day, 'long')}")
    d.text(f"Hospital Number: {p['hosp']}")
    if ctx["has_nhs"]:
        d.text(nhs_str(ctx))
    if ctx["has_dob"]:
        d.text(dob_str(ctx))
    d.gap(10)
    d.text(f"Dear {p['title']} {p['sur']},")
    d.gap(4)
    d.para(f"We are pleased to confirm your appointment with the {sc['spec']} team. Your appointment details are:")
    ad = day.replace(day=min(28, day.day + rng.randint(1, 12)))
    top = d.y
    d.gap(4)
    hh = rng.randint(8, 16)
    for k, v in [("Date:", fmt_date(ad, "long")), ("Time:", f"{hh}:{rng.choice(['00', '15', '30', '45'])} {'am' if hh < 12 else 'pm'}" if hh < 13 else f"{hh - 12}:{rng.choice(['00', '15', '30', '45'])} pm"),
                 ("Clinic:", sc["service"]), ("With:", f"Dr {tr['cons']} or a member of the team"),
                 ("Location:", f"{rng.choice(['Outpatients Department B', 'Clinic 4, Level 2', 'Blue Zone Outpatients'])}, {tr['hosp']}")]:
        d.rowflow([(d.L + 4 * MM, k, "b", "l"), (d.L + 4 * MM + d.lab_w(["Location:", "Clinic:"]), v, "r", "l")], lead=ctx["size"] * 1.6)
    d.box(d.L, d.y, d.R - d.L, top - d.y)
    d.gap(10)
    for s in ["Please arrive 15 minutes before your appointment time and report to the reception desk.",
              "Please bring a list of your current medicines and this letter with you.",
              f"If you are unable to attend, please telephone {tr['tel']} as soon as possible so that we can offer your appointment to another patient.",
              rng.choice(["Car parking is limited; please allow extra time.", "If you need an interpreter, please let us know.",
                          "You may be in the department for up to two hours."])]:
        d.para(s)
    d.gap(4)
    d.text("Yours sincerely,")
    d.gap(10)
    d.text("Outpatient Booking Team")
    d.text(tr["trust"])
    return d


LAYOUTS = dict(ers=L_ers, proforma=L_proforma, dear_dr=L_dear_dr, soap=L_soap, gp_export=L_gp_export, terse=L_terse,
               letterhead_referral=L_letterhead, clinic=L_clinic, discharge=L_discharge, results=L_results, appointment=L_appointment)
