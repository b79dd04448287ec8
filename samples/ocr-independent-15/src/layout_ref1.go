package main

import (
	"fmt"
	"strings"
)

// e-RS referral letter export.
func layERS(d *Doc) {
	r := d.R
	fs := sansSets[[]int{0, 1, 2}[d.Variant%3]]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 9.5, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	gp := pr.GPs[0]
	ubrn := UBRN(r)
	d.Dis("ubrn", ubrn)
	printed := d.Letter.AddDays(r.IntR(0, 3))
	y := 46.0
	// grey header band
	p.FillRect(c.ML-6, y-16, c.TW+12, 30, RGB{0.82, 0.82, 0.82})
	p.Line(c.ML, y+4, c.Head, "NHS e-Referral Service")
	p.LineR(c.MR, y+4, c.Bold, "Referral Letter")
	y += 40
	// two-column grid of referral details as a ruled table
	rows := [][2]string{
		{"UBRN", ubrn},
		{"Priority", pick2(r, "Urgent", "Routine")},
		{"Specialty", d.Kind2()},
		{"Service", d.Pat2Service()},
		{"Referral Date", d.Letter.Fmt(pick2(r, "dd-Mon-yyyy", "dd/mm/yyyy"))},
	}
	d.Dis("referral_date", rows[4][1])
	nhsL := "NHS Number"
	nhs := d.NHSStr(pick2(r, "spaced", "plain"), nhsL)
	dobL := "Date of Birth"
	dob := d.DOBStr(pick2(r, "dd-Mon-yyyy", "d Mon yyyy"), dobL)
	prow := [][2]string{
		{"Patient Name", strings.ToUpper(pt.Last) + ", " + pt.First + " (" + pt.Title + ")"},
		{nhsL, nhs},
		{dobL, dob},
		{"Gender", pt.SexWord()},
		{"Address", pt.Addr.OneLine()},
		{"Telephone", pt.Phone},
	}
	d.Dis("patient_phone", pt.Phone)
	lw := 110.0
	table := func(title string, rs [][2]string) {
		p.Line(c.ML, y, c.Bold, title)
		y += 6
		for _, rw := range rs {
			p.HRule(c.ML, c.MR, y, 0.5)
			y += c.Lead
			p.Row(y-4, Piece{c.ML + 4, c.Bold, rw[0], false}, Piece{c.ML + lw, c.Body, rw[1], false})
		}
		p.HRule(c.ML, c.MR, y+2, 0.5)
		p.VRule(c.ML, y-float64(len(rs))*c.Lead, y+2, 0.5)
		p.VRule(c.ML+lw-6, y-float64(len(rs))*c.Lead, y+2, 0.5)
		p.VRule(c.MR, y-float64(len(rs))*c.Lead, y+2, 0.5)
		y += c.Lead * 1.5
	}
	table("Referral Details", rows)
	table("Patient Details", prow)
	table("Referrer Details", [][2]string{{"Referring Clinician", DrFull(gp)}, {"Organisation", pr.Name + " (" + pr.Code + ")"}, {"Telephone", pr.Tel}})
	d.Dis("practice_code", pr.Code)
	d.Dis("practice_phone", pr.Tel)
	cl := NewClinical(r, pt, d.Age())
	y = c.Section(p, y, "Reason for Referral", cl.Reason+". "+cl.Ask)
	y = c.Section(p, y, "History of Presenting Complaint", cl.History)
	if d.Pages != nil && len(d.Sizes) > 1 {
		c.Footer(p, fmt.Sprintf("Printed from NHS e-Referral Service on %s by %s    Page 1 of 2", printed.Fmt("dd-Mon-yyyy"), DrFull(gp)))
		p = d.NewPage(d.Size(1))
		y = 60
		p.Line(c.ML, y, c.Small, fmt.Sprintf("UBRN %s   %s   NHS No %s", ubrn, pt.EMIS(), nhs))
		y += c.Lead * 2
		y = c.Section(p, y, "Examination", cl.Exam)
		y = c.Section(p, y, "Investigations", cl.Invest)
		p.Line(c.ML, y, c.Bold, "Current Medication")
		y += c.Lead
		y = c.Bullets(p, y, cl.Meds)
		y += c.Lead * 0.5
		p.Line(c.ML, y, c.Bold, "Past Medical History")
		y += c.Lead
		y = c.Bullets(p, y, cl.PMH)
		y += c.Lead * 0.5
		y = c.Section(p, y, "Allergies", cl.Allergy)
		c.Footer(p, fmt.Sprintf("Printed from NHS e-Referral Service on %s by %s    Page 2 of 2", printed.Fmt("dd-Mon-yyyy"), DrFull(gp)))
	} else {
		y = c.Section(p, y, "Examination and Investigations", cl.Exam+" "+cl.Invest)
		p.Line(c.ML, y, c.Bold, "Medication")
		y += c.Lead
		y = c.Bullets(p, y, cl.Meds)
		y += c.Lead * 0.5
		y = c.Section(p, y, "Allergies", cl.Allergy)
		c.Footer(p, fmt.Sprintf("Printed from NHS e-Referral Service on %s    Page 1 of 1", printed.Fmt("dd-Mon-yyyy")))
	}
	d.Dis("printed_date", printed.Fmt("dd-Mon-yyyy"))
	c.ReceivedStamp(d.Pages[0], c.MR-90, 150+r.R(0, 40))
	if r.Chance(0.6) {
		c.Annotate(d.Pages[0], c.ML+200, 128)
	}
}

func (d *Doc) Kind2() string {
	return d.spec().Name
}

func (d *Doc) spec() Specialty {
	return specialties[int(d.Pat.NHS[5]-'0')%len(specialties)]
}

func (d *Doc) Pat2Service() string {
	return d.spec().Clinic + " - " + sites[int(d.Pat.NHS[6]-'0')%len(sites)]
}

// Suspected-cancer (2WW) tick-box proforma.
func layTick2WW(d *Doc) {
	r := d.R
	fs := sansSets[[]int{3, 4, 7}[d.Variant%3]]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 9, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	gp := pr.GPs[1]
	y := 44.0
	p.Logo("lozenge", c.MR-64, y-16, 26, RGB{0, 0.37, 0.72}, false)
	site := r.Pick([]string{"LOWER GASTROINTESTINAL", "UPPER GASTROINTESTINAL", "SKIN", "UROLOGICAL", "HEAD AND NECK"})
	p.Line(c.ML, y, c.Head, "SUSPECTED CANCER REFERRAL")
	y += c.Head.Size * 1.3
	p.Line(c.ML, y, c.Bold, site+" - TWO WEEK WAIT")
	y += c.Lead
	p.Line(c.ML, y, c.Small, "Please send within 24 hours of the decision to refer. Incomplete forms may be returned.")
	y += c.Lead * 1.6
	// boxed patient details: label cell + value cell, two pairs per row
	nhs := d.NHSStr(r.Pick([]string{"spaced", "plain"}), "NHS Number")
	dob := d.DOBStr(r.Pick([]string{"dd/mm/yyyy", "dd/mm/yy", "dd.mm.yyyy"}), "Date of Birth")
	half := c.TW / 2
	lw := 76.0
	cells := [][4]string{
		{"Surname", pt.SurnameUp(), "Forename", pt.First},
		{"Date of Birth", dob, "NHS Number", nhs},
		{"Hospital No", pt.Hosp, "Gender", pt.SexWord()},
		{"Address", pt.Addr.Lines[0], "Postcode", pt.Addr.Postcode},
		{"Tel (home)", pt.Phone, "Tel (mobile)", pt.Mobile},
	}
	d.Dis("hospital_number", pt.Hosp)
	d.Dis("patient_phone", pt.Phone)
	d.Dis("patient_mobile", pt.Mobile)
	rh := 17.0
	top := y
	for _, cl := range cells {
		p.FillRect(c.ML, y, lw, rh, RGB{0.88, 0.88, 0.88})
		p.FillRect(c.ML+half, y, lw, rh, RGB{0.88, 0.88, 0.88})
		p.Row(y+12, Piece{c.ML + 3, c.Bold, cl[0], false}, Piece{c.ML + lw + 4, c.Body, cl[1], false},
			Piece{c.ML + half + 3, c.Bold, cl[2], false}, Piece{c.ML + half + lw + 4, c.Body, cl[3], false})
		y += rh
	}
	for i := 0; i <= len(cells); i++ {
		p.HRule(c.ML, c.MR, top+float64(i)*rh, 0.6)
	}
	for _, x := range []float64{c.ML, c.ML + lw, c.ML + half, c.ML + half + lw, c.MR} {
		p.VRule(x, top, y, 0.6)
	}
	y += c.Lead * 1.5
	p.Line(c.ML, y, c.Bold, "Referral criteria (please tick all that apply)")
	y += c.Lead * 1.3
	crit := []string{
		"Aged 40 and over with unexplained weight loss and abdominal pain",
		"Aged 50 and over with unexplained rectal bleeding",
		"Aged 60 and over with iron-deficiency anaemia or change in bowel habit",
		"Positive faecal immunochemical test (FIT) result",
		"Rectal or abdominal mass",
		"Unexplained anal mass or anal ulceration",
	}
	if site == "SKIN" {
		crit = []string{"Suspected malignant melanoma (7-point checklist score 3 or more)", "Suspected squamous cell carcinoma", "Pigmented lesion with dermoscopy suggesting melanoma", "Non-healing lesion present for more than 8 weeks"}
	}
	for i, t := range crit {
		mark := 0
		if i == 1 || i == 3 || (i == 0 && r.Chance(0.5)) {
			mark = []int{1, 2}[r.Intn(2)]
		}
		p.TickBox(c.ML, y-9, 10, mark)
		p.Line(c.ML+18, y, c.Body, t)
		y += c.Lead * 1.25
	}
	y += c.Lead * 0.5
	p.Text(c.ML, y, c.Bold, "Performance status (WHO)")
	for i := 0; i <= 4; i++ {
		x := c.ML + 150 + float64(i)*40
		p.TickBox(x, y-9, 10, map[bool]int{true: 1, false: 0}[i == 1])
		p.Text(x+14, y, c.Body, itoa(i))
	}
	p.GTLine("Performance status (WHO) 0 1 2 3 4")
	y += c.Lead * 1.6
	cl := NewClinical(r, pt, d.Age())
	y = c.Section(p, y, "Clinical details / history", cl.HistSents[0]+" "+cl.HistSents[1])
	p.Box(c.ML-4, y-c.Lead*4.2, c.TW+8, c.Lead*4.3, 0.5, Black)
	y += c.Lead
	y = c.Section(p, y, "Relevant investigations", cl.Invest)
	p.Row(y, Piece{c.ML, c.Bold, "Referring GP:", false}, Piece{c.ML + 80, c.Body, DrFull(gp), false},
		Piece{c.ML + half, c.Bold, "Practice code:", false}, Piece{c.ML + half + 80, c.Body, pr.Code, false})
	d.Dis("practice_code", pr.Code)
	y += c.Lead
	p.Row(y, Piece{c.ML, c.Bold, "Date of decision to refer:", false}, Piece{c.ML + 130, c.Body, d.Letter.Fmt("dd/mm/yyyy"), false})
	d.Dis("decision_to_refer_date", d.Letter.Fmt("dd/mm/yyyy"))
	y += c.Lead
	formDate := fmt.Sprintf("%02d/%d", 1+r.Intn(12), d.Letter.Y-1-r.Intn(3))
	c.Footer(p, fmt.Sprintf("%s suspected cancer referral form v4.2 (%s)   Page 1 of %d", site, formDate, len(d.Sizes)))
	if len(d.Sizes) > 1 {
		p = d.NewPage(d.Size(1))
		y = 60
		p.Line(c.ML, y, c.Small, "Patient: "+pt.Plain()+"   NHS Number: "+nhs)
		y += c.Lead * 2
		y = c.Section(p, y, "Medication", strings.Join(cl.Meds, "; "))
		y = c.Section(p, y, "Past medical history", strings.Join(cl.PMH, "; "))
		y = c.Section(p, y, "Allergies", cl.Allergy)
		p.Line(c.ML, y, c.Bold, "Patient informed of possible cancer diagnosis and availability over the next 2 weeks")
		y += c.Lead * 1.3
		p.TickBox(c.ML, y-9, 10, 1)
		p.TickBox(c.ML+70, y-9, 10, 0)
		p.Row(y, Piece{c.ML + 18, c.Body, "Yes", false}, Piece{c.ML + 88, c.Body, "No", false})
		y += c.Lead * 2
		p.Line(c.ML, y, c.Body, "Interpreter required: No    Transport required: No")
		c.Footer(p, fmt.Sprintf("%s suspected cancer referral form v4.2 (%s)   Page 2 of 2", site, formDate))
	}
	d.Dis("form_version_date", formDate)
	if r.Chance(0.7) {
		c.ReceivedStamp(d.Pages[0], c.MR-80, 70)
	}
	d.Pages[0].Highlight(c.ML-2, top+rh-1, c.TW*0.5, rh+1, RGB{1, 0.93, 0.25})
}

// Musculoskeletal / physiotherapy tick-box referral form.
func layTickMSK(d *Doc) {
	r := d.R
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, sansSets[8], 9.5, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	y := 50.0
	p.Line(c.ML, y, c.Head, "Musculoskeletal Triage Service - Referral Form")
	y += c.Lead * 1.8
	nhs := d.NHSStr("plain", "NHS No")
	dob := d.DOBStr("dd.mm.yy", "D.O.B.")
	// left column: patient; right column: referrer
	yl, yr := y, y
	p.Line(c.ML, yl, c.Bold, "PATIENT")
	yl += c.Lead
	for _, l := range []string{"Name: " + pt.Full(), "D.O.B. " + dob, "NHS No " + nhs, "Hosp No " + pt.Hosp, "Tel: " + pt.Mobile} {
		p.Line(c.ML, yl, c.Body, l)
		yl += c.Lead
	}
	d.Dis("hospital_number", pt.Hosp)
	d.Dis("patient_mobile", pt.Mobile)
	xr := c.ML + c.TW/2 + 10
	p.Line(xr, yr, c.Bold, "REFERRER")
	yr += c.Lead
	for _, l := range []string{Dr(pr.GPs[2]), pr.Name, pr.Addr.Lines[0], pr.Addr.Postcode, "Tel: " + pr.Tel} {
		p.Line(xr, yr, c.Body, l)
		yr += c.Lead
	}
	d.Dis("practice_phone", pr.Tel)
	y = yl + c.Lead
	p.HRule(c.ML, c.MR, y-8, 0.8)
	y += 6
	areas := []string{"Neck", "Shoulder", "Elbow", "Wrist/Hand", "Lumbar spine", "Hip", "Knee", "Ankle/Foot"}
	p.Line(c.ML, y, c.Bold, "Body area")
	y += c.Lead * 1.2
	chosen := r.Intn(len(areas))
	for i, a := range areas {
		col := i % 4
		x := c.ML + float64(col)*c.TW/4
		p.TickBox(x, y-9, 10, map[bool]int{true: 1}[i == chosen])
		p.Text(x+15, y, c.Body, a)
		if col == 3 {
			p.GTLine(strings.Join(areas[i-3:i+1], " "))
			y += c.Lead * 1.3
		}
	}
	y += c.Lead * 0.6
	p.Line(c.ML, y, c.Bold, "Red flags (tick if present)")
	y += c.Lead * 1.2
	for _, f := range []string{"Saddle anaesthesia / bladder or bowel dysfunction", "History of cancer", "Unexplained weight loss", "Fever or systemically unwell", "Trauma"} {
		p.TickBox(c.ML, y-9, 10, 0)
		p.Line(c.ML+16, y, c.Body, f)
		y += c.Lead * 1.2
	}
	y += c.Lead * 0.6
	y = c.Section(p, y, "Presenting complaint", fmt.Sprintf("%d year old with %s pain for %s. Worse with activity and at night. Has tried analgesia and home exercises with limited benefit.", d.Age(), strings.ToLower(areas[chosen]), r.Pick(durations)))
	p.Row(y, Piece{c.ML, c.Bold, "Date:", false}, Piece{c.ML + 40, c.Body, d.Letter.Fmt("dd.mm.yy"), false})
	d.Dis("letter_date", d.Letter.Fmt("dd.mm.yy"))
	c.Footer(p, "MSK Triage Service, "+pr.Addr.Lines[1]+"  Form MSK/01 rev 2   Fax referrals to 01632 960"+fmt.Sprintf("%03d", r.Intn(1000)))
	d.Pages[0].Scribble("circle", c.ML-4, yl-c.Lead*4.2, 140, 18, RGB{0.1, 0.1, 0.5})
	c.Annotate(p, c.ML+c.TW*0.55, y-c.Lead*3)
}

// Classic dictated GP letter.
func layDictated(d *Doc) {
	r := d.R
	var fs FontSet
	switch d.Variant % 4 {
	case 0:
		fs = serifSets[0]
	case 1:
		fs = sansSets[4]
	case 2:
		fs = serifSets[1]
	default:
		fs = sansSets[5]
	}
	p := d.NewPage(d.Size(0))
	size := 10.5
	if fs.Reg == "PTSerifCaption" {
		size = 9.5
	}
	c := NewCtx(d, fs, size, p.W)
	if d.Variant%4 == 2 {
		// thin serif: thin strokes via coverage gamma
		for _, s := range []*Style{c.Body, c.Small} {
			s.Gamma = 1.9
		}
	}
	pt := d.Pat
	pr := NewPractice(r)
	gp := pr.GPs[0]
	y := c.PracticeHead(p, pr, d.Variant%3, 50)
	// recipient left, date right on the first line of the address
	cons := NewPerson(r, "")
	sp := d.spec()
	rec := []string{DrFull(cons), "Consultant, " + sp.Name, sites[r.Intn(len(sites))], NewAddress(r).Lines[0]}
	ldate := d.Letter.Fmt(r.Pick([]string{"d Month yyyy", "dth Month yyyy", "dd/mm/yyyy"}))
	d.Dis("letter_date", ldate)
	y = c.Block(p, c.ML, y, c.Body, rec, c.Lead)
	p.LineR(c.MR, y, c.Body, ldate)
	y += c.Lead * 2
	if r.Chance(0.5) {
		ref := fmt.Sprintf("Our ref: %s/%s", strings.ToUpper(gp.First[:1]+gp.Last[:1]), strings.ToLower(string(rune('a'+r.Intn(26)))+string(rune('a'+r.Intn(26)))))
		p.Line(c.ML, y-c.Lead, c.Small, ref)
		y += c.Lead * 0.5
	}
	p.Line(c.ML, y, c.Body, "Dear "+Dr(cons)+",")
	y += c.Lead * 1.5
	y = c.ReBlock(p, y, d.Variant%3)
	cl := NewClinical(r, pt, d.Age())
	intro := fmt.Sprintf("Thank you for seeing this %d year old %s whom I saw in surgery on %s with %s.", d.Age(), pt.ManWoman(), d.Letter.AddDays(-r.IntR(2, 9)).Fmt("d Month"+" yyyy"), strings.ToLower(cl.Reason))
	d.Dis("consultation_date", d.Letter.AddDays(-1).Fmt("d Month yyyy"))
	y = p.Para(c.ML, y, c.TW, c.Body, intro, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.History, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Exam+" "+cl.Invest, c.Lead) + c.Lead*0.5
	if len(d.Sizes) > 1 {
		c.Footer(p, "continued overleaf")
		p = d.NewPage(d.Size(1))
		y = 70
		p.Line(c.ML, y, c.Small, fmt.Sprintf("%s  %s  page 2", pt.Plain(), d.NHSPrinted))
		y += c.Lead * 2
		p.Line(c.ML, y, c.Bold, "Current medication:")
		y += c.Lead
		y = c.Bullets(p, y, cl.Meds) + c.Lead*0.5
		p.Line(c.ML, y, c.Bold, "Past history:")
		y += c.Lead
		y = c.Bullets(p, y, cl.PMH) + c.Lead*0.5
	} else {
		y = p.Para(c.ML, y, c.TW, c.Body, "Current medication: "+strings.Join(cl.Meds, ", ")+". "+cl.Allergy+".", c.Lead) + c.Lead*0.5
	}
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Ask, c.Lead) + c.Lead
	y = c.Sign(p, y, gp, "General Practitioner")
	dict := fmt.Sprintf("Dictated %s, typed %s", d.Letter.AddDays(-1).Fmt("dd/mm/yy"), d.Letter.Fmt("dd/mm/yy"))
	p.Line(c.ML, y+c.Lead, c.Small, pick2(r, "Dictated but not checked", dict))
	d.Dis("dictation_date", d.Letter.AddDays(-1).Fmt("dd/mm/yy"))
	c.ReceivedStamp(d.Pages[0], c.MR-100, 210+r.R(0, 60))
	if r.Chance(0.5) {
		c.Annotate(d.Pages[0], c.ML+c.TW*0.45, 120)
	}
}

// SOAP-format GP referral note.
func laySOAP(d *Doc) {
	r := d.R
	fs := sansSets[[]int{6, 1}[d.Variant%2]]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 9.5, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	y := c.PracticeHead(p, pr, 2, 48)
	p.Line(c.ML, y, c.Head, "GP Referral - Consultation Summary (SOAP)")
	y += c.Lead * 1.8
	nhs := d.NHSStr("spaced", "NHS No.")
	dob := d.DOBStr(r.Pick([]string{"dd/mm/yyyy", "d Mon yyyy"}), "DOB")
	p.Row(y, Piece{c.ML, c.Body, pt.Full(), false}, Piece{c.ML + c.TW*0.45, c.Body, "DOB " + dob, false}, Piece{c.ML + c.TW*0.7, c.Body, "NHS No. " + nhs, false})
	y += c.Lead
	seen := d.Letter.AddDays(-r.IntR(0, 3))
	p.Row(y, Piece{c.ML, c.Body, "Seen: " + seen.Fmt("dd/mm/yyyy") + " by " + Dr(pr.GPs[0]), false})
	d.Dis("consultation_date", seen.Fmt("dd/mm/yyyy"))
	y += c.Lead * 1.6
	cl := NewClinical(r, pt, d.Age())
	lab := c.Bold.With(func(s *Style) { s.Size += 2 })
	for _, sec := range [][2]string{{"S", cl.History}, {"O", cl.Exam + " " + cl.Invest}, {"A", strings.Join(cl.Sp.Diag[:2], " / ") + "?"}, {"P", cl.Ask + " Safety-netted; to return if worse."}} {
		p.Text(c.ML, y, lab, sec[0]+":")
		lines := c.Body.Wrap(sec[1], c.TW-28)
		for i, l := range lines {
			if i == 0 {
				p.GTLine(sec[0] + ": " + l)
				p.Text(c.ML+28, y, c.Body, l)
			} else {
				p.Line(c.ML+28, y, c.Body, l)
			}
			y += c.Lead
		}
		y += c.Lead * 0.6
	}
	p.Line(c.ML, y, c.Bold, "Medication")
	y += c.Lead
	y = c.Bullets(p, y, cl.Meds) + c.Lead*0.5
	p.Line(c.ML, y, c.Body, "Allergies: "+cl.Allergy)
	y += c.Lead * 2
	y = c.Sign(p, y, pr.GPs[0], "")
	c.Footer(p, "Confidential - contains patient identifiable information. "+pr.Name+" "+pr.Code)
	d.Dis("practice_code", pr.Code)
	if r.Chance(0.6) {
		c.ReceivedStamp(p, c.MR-90, 95)
	}
	p.Highlight(c.ML-2, 48+80-10, c.TW*0.6, 13, RGB{0.55, 1, 0.45})
}
