package main

import (
	"fmt"
	"strings"
)

// EMIS Web style referral export with ruled tables.
func layEMIS(d *Doc) {
	r := d.R
	fs := sansSets[[]int{0, 2}[d.Variant%2]]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 8.8, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	printed := d.Letter
	y := 40.0
	p.Row(y, Piece{c.ML, c.Small, "EMIS Web", false}, Piece{c.MR, c.Small, "Printed: " + printed.Fmt("dd-Mon-yyyy") + " 10:4" + itoa(r.Intn(10)), true})
	d.Dis("printed_date", printed.Fmt("dd-Mon-yyyy"))
	y += 8
	p.HRule(c.ML, c.MR, y, 0.5)
	y += 26
	p.Line(c.ML, y, c.Head.With(func(s *Style) { s.Size += 3 }), "Referral Letter")
	y += 22
	p.Line(c.ML, y, c.Body, pr.Name+", "+pr.Addr.OneLine()+"  Tel: "+pr.Tel)
	d.Dis("practice_phone", pr.Tel)
	y += c.Lead * 1.6
	nhs := d.NHSStr("spaced", "NHS Number")
	dob := d.DOBStr("dd-Mon-yyyy", "Date of Birth")
	half := c.TW / 2
	rows := [][4]string{
		{"Name", pt.EMIS(), "NHS Number", nhs},
		{"Date of Birth", fmt.Sprintf("%s (%dy)", dob, d.Age()), "Gender", pt.SexWord()},
		{"Address", pt.Addr.Lines[0] + ", " + pt.Addr.Postcode, "Usual GP", Dr(pr.GPs[1])},
		{"Home Tel", pt.Phone, "Hospital No", pt.Hosp},
	}
	d.Dis("patient_phone", pt.Phone)
	d.Dis("hospital_number", pt.Hosp)
	rh := 15.0
	top := y - 11
	for _, rw := range rows {
		p.Row(y, Piece{c.ML + 3, c.Bold, rw[0], false}, Piece{c.ML + 72, c.Body, rw[1], false}, Piece{c.ML + half + 3, c.Bold, rw[2], false}, Piece{c.ML + half + 70, c.Body, rw[3], false})
		y += rh
	}
	for i := 0; i <= len(rows); i++ {
		p.HRule(c.ML, c.MR, top+float64(i)*rh, 0.4)
	}
	p.VRule(c.ML, top, top+float64(len(rows))*rh, 0.4)
	p.VRule(c.ML+half, top, top+float64(len(rows))*rh, 0.4)
	p.VRule(c.MR, top, top+float64(len(rows))*rh, 0.4)
	y += c.Lead
	cl := NewClinical(r, pt, d.Age())
	sect := func(t string) {
		p.FillRect(c.ML, y-10, c.TW, 14, RGB{0.85, 0.89, 0.95})
		p.Line(c.ML+3, y, c.Bold, t)
		y += c.Lead * 1.3
	}
	sect("Reason for referral")
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Reason+". "+cl.History, c.Lead) + c.Lead*0.5
	sect("Active Problems")
	for _, pm := range cl.PMH {
		dt := RandDate(r, 1995, d.Letter.Y-1)
		s := dt.Fmt("dd-Mon-yyyy")
		d.Dis("problem_date", s)
		p.Row(y, Piece{c.ML + 3, c.Body, s, false}, Piece{c.ML + 80, c.Body, pm, false})
		y += c.Lead
	}
	y += c.Lead * 0.5
	sect("Medication")
	p.Row(y, Piece{c.ML + 3, c.Bold, "Drug", false}, Piece{c.ML + 250, c.Bold, "Last Issued", false}, Piece{c.ML + 330, c.Bold, "Qty", false})
	y += c.Lead
	for _, m := range cl.Meds {
		iss := d.Letter.AddDays(-r.IntR(5, 60)).Fmt("dd-Mon-yyyy")
		p.Row(y, Piece{c.ML + 3, c.Body, m, false}, Piece{c.ML + 250, c.Body, iss, false}, Piece{c.ML + 330, c.Body, itoa(28 * r.IntR(1, 2)), false})
		y += c.Lead
	}
	y += c.Lead * 0.5
	if len(d.Sizes) > 1 {
		c.Footer(p, fmt.Sprintf("%s   %s   Page 1 of 2", pt.EMIS(), nhs))
		p = d.NewPage(d.Size(1))
		y = 60
	}
	sect("Allergies")
	p.Line(c.ML+3, y, c.Body, cl.Allergy)
	y += c.Lead * 1.5
	sect("Recent Consultation")
	seen := d.Letter.AddDays(-r.IntR(1, 6))
	p.Line(c.ML+3, y, c.Bold, seen.Fmt("dd-Mon-yyyy")+"  Surgery consultation  "+Dr(pr.GPs[0]))
	d.Dis("consultation_date", seen.Fmt("dd-Mon-yyyy"))
	y += c.Lead
	y = p.Para(c.ML+3, y, c.TW-6, c.Body, "Examination: "+cl.Exam, c.Lead)
	y = p.Para(c.ML+3, y, c.TW-6, c.Body, "Results: "+cl.Invest, c.Lead)
	y = p.Para(c.ML+3, y, c.TW-6, c.Body, "Plan: "+cl.Ask, c.Lead) + c.Lead
	y = c.Sign(p, y, pr.GPs[0], "GMC "+GMC(r))
	for _, dd := range d.Distr {
		_ = dd
	}
	d.Dis("gmc_number", strings.TrimPrefix(p.GT[len(p.GT)-1], "GMC "))
	c.Footer(p, fmt.Sprintf("%s   %s   Page %d of %d", pt.EMIS(), nhs, len(d.Pages), len(d.Sizes)))
	c.ReceivedStamp(d.Pages[0], c.MR-100, 100)
}

// SystmOne style export.
func laySystmOne(d *Doc) {
	r := d.R
	fs := sansSets[[]int{1, 6}[d.Variant%2]]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 9.2, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	y := 42.0
	band := RGB{0.18, 0.3, 0.5}
	p.FillRect(0, y-14, p.W, 36, band)
	w := c.Bold.With(func(s *Style) { s.Color = White; s.Knockout = true })
	nhs := d.NHSStr("spaced", "NHS")
	dob := d.DOBStr("dd Mon yyyy", "DOB")
	p.Row(y, Piece{c.ML, w, pt.Title + " " + pt.First + " " + pt.SurnameUp(), false}, Piece{c.ML + c.TW*0.5, w, "DOB: " + dob + " (" + itoa(d.Age()) + " yrs)", false})
	y += 14
	p.Row(y, Piece{c.ML, w, "NHS: " + nhs, false}, Piece{c.ML + c.TW*0.5, w, "Gender: " + pt.SexWord(), false})
	y += 32
	p.Line(c.ML, y, c.Body, "Address: "+pt.Addr.OneLine())
	y += c.Lead
	p.Line(c.ML, y, c.Body, "Tel: "+pt.Phone+"   Mobile: "+pt.Mobile)
	d.Dis("patient_phone", pt.Phone)
	d.Dis("patient_mobile", pt.Mobile)
	y += c.Lead * 2
	p.Line(c.ML, y, c.Head, "Referral Letter")
	y += c.Lead * 1.8
	cons := NewPerson(r, "")
	p.Line(c.ML, y, c.Body, "To: "+DrFull(cons)+", "+d.spec().Clinic)
	y += c.Lead
	p.Line(c.ML, y, c.Body, "From: "+DrFull(pr.GPs[0])+", "+pr.Name+" ("+pr.Code+")")
	d.Dis("practice_code", pr.Code)
	y += c.Lead
	p.Line(c.ML, y, c.Body, "Date: "+d.Letter.Fmt("dd Mon yyyy"))
	d.Dis("letter_date", d.Letter.Fmt("dd Mon yyyy"))
	y += c.Lead * 1.8
	cl := NewClinical(r, pt, d.Age())
	p.Line(c.ML, y, c.Body, "Dear Colleague,")
	y += c.Lead * 1.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.History, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Exam+" "+cl.Invest, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Ask, c.Lead) + c.Lead
	p.Line(c.ML, y, c.Bold, "Repeat Templates")
	y += c.Lead
	for _, m := range cl.Meds {
		iss := d.Letter.AddDays(-r.IntR(3, 50))
		p.Row(y, Piece{c.ML + 6, c.Body, m, false}, Piece{c.MR, c.Body, "Issued " + iss.Fmt("dd Mon yyyy"), true})
		d.Dis("issue_date", iss.Fmt("dd Mon yyyy"))
		y += c.Lead
	}
	y += c.Lead
	y = c.Sign(p, y, pr.GPs[0], "")
	c.Footer(p, fmt.Sprintf("Generated by SystmOne on %s at 1%d:%02d. Page 1 of 1", d.Letter.Fmt("dd Mon yyyy"), r.Intn(8), r.Intn(60)))
	if r.Chance(0.7) {
		c.Annotate(p, c.ML+c.TW*0.5, 150)
	}
}

// INPS Vision style plain export.
func layVision(d *Doc) {
	r := d.R
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, FontSet{"PTMono", "PTMono", "PTMono"}, 9, p.W)
	c.Bold = S("JetBrainsMono-Bold", 9)
	pt := d.Pat
	pr := NewPractice(r)
	y := 48.0
	p.Row(y, Piece{c.ML, c.Bold, "VISION", false}, Piece{c.MR, c.Body, pr.Name, true})
	y += c.Lead
	p.HRule(c.ML, c.MR, y-4, 0.5)
	y += c.Lead
	nhs := d.NHSStr("plain", "NHS No:")
	dob := d.DOBStr("dd.mm.yy", "Born:")
	p.Line(c.ML, y, c.Body, fmt.Sprintf("Patient: %s, %s  Born: %s  NHS No: %s", pt.SurnameUp(), pt.First, dob, nhs))
	y += c.Lead
	reg := RandDate(r, 1990, d.Letter.Y-1)
	p.Line(c.ML, y, c.Body, fmt.Sprintf("Reg: %s  Usual GP: %s  Ref: %s", reg.Fmt("dd.mm.yy"), Dr(pr.GPs[2]), pt.Hosp))
	d.Dis("registration_date", reg.Fmt("dd.mm.yy"))
	d.Dis("hospital_number", pt.Hosp)
	y += c.Lead
	p.Line(c.ML, y, c.Body, "Address: "+pt.Addr.OneLine())
	y += c.Lead * 2
	cl := NewClinical(r, pt, d.Age())
	p.Line(c.ML, y, c.Bold, "REFERRAL: "+strings.ToUpper(d.spec().Name))
	y += c.Lead * 1.5
	for _, s := range cl.HistSents {
		y = p.Para(c.ML, y, c.TW, c.Body, s, c.Lead)
	}
	y += c.Lead * 0.5
	y = p.Para(c.ML, y, c.TW, c.Body, "O/E: "+cl.Exam, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, "Ix: "+cl.Invest, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Ask, c.Lead) + c.Lead
	p.Line(c.ML, y, c.Bold, "THERAPY (REPEAT)")
	y += c.Lead
	for _, m := range cl.Meds {
		p.Line(c.ML+8, y, c.Body, strings.ToUpper(m))
		y += c.Lead
	}
	y += c.Lead
	p.Line(c.ML, y, c.Body, DrFull(pr.GPs[0])+"  "+d.Letter.Fmt("dd.mm.yy"))
	d.Dis("letter_date", d.Letter.Fmt("dd.mm.yy"))
	p.Signature(c.ML+230, y, 80, RGB{0.05, 0.05, 0.1}, DrFull(pr.GPs[0]))
	c.Footer(p, "Page 1")
	c.ReceivedStamp(p, c.MR-110, 180)
}

// Terse note with a printed patient label.
func layTerse(d *Doc) {
	r := d.R
	fs := sansSets[[]int{5, 3}[d.Variant%2]]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 10.5, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	y := 56.0
	p.Line(c.ML, y, c.Bold, pr.Name)
	y += c.Lead
	p.Line(c.ML, y, c.Body, "Tel "+pr.Tel)
	d.Dis("practice_phone", pr.Tel)
	y += c.Lead * 2.5
	// addressograph label (printed sticker), dot matrix
	lx, ly := c.ML, y
	dm := S(r.Pick([]string{"PTMono", "AnonymousPro"}), 9.5).With(func(s *Style) { s.Mode = ModeDotMatrix; s.Color = RGB{0.02, 0.02, 0.05} })
	p.FillRect(lx-6, ly-14, 220, 66, RGB{0.97, 0.97, 0.95})
	p.Box(lx-6, ly-14, 220, 66, 0.3, RGB{0.7, 0.7, 0.7})
	nhs := d.NHSStr(pick2(r, "plain", "spaced"), "")
	dob := d.DOBStr(pick2(r, "dd/mm/yyyy", "DD-MON-YYYY"), "")
	for _, l := range []string{strings.ToUpper(pt.Last) + " " + strings.ToUpper(pt.First), "DOB " + dob + "  " + pt.SexWord()[:1], "NHS " + nhs, pt.Hosp} {
		p.Line(lx, ly, dm, l)
		ly += 12.5
	}
	d.Dis("hospital_number", pt.Hosp)
	y = ly + c.Lead*2
	p.LineR(c.MR, y, c.Body, d.Letter.Fmt("dd/mm/yy"))
	d.Dis("letter_date", d.Letter.Fmt("dd/mm/yy"))
	y += c.Lead * 2
	cl := NewClinical(r, pt, d.Age())
	notes := []string{
		fmt.Sprintf("Dear Colleague, pls see %d%s, %s. %s Thx.", d.Age(), pt.Sex, strings.ToLower(cl.Reason), strings.Split(cl.Invest, ".")[0]+"."),
		fmt.Sprintf("Pt %d yo %s. ?%s. Meds: %s. Many thanks.", d.Age(), pt.ManWoman(), cl.Sp.Diag[0], strings.Split(cl.Meds[0], " ")[0]),
	}
	y = p.Para(c.ML, y, c.TW, c.Body, notes[d.Variant%2], c.Lead*1.2) + c.Lead*2
	p.Line(c.ML, y, c.Body, Dr(pr.GPs[0]))
	p.Signature(c.ML, y-16, 70, RGB{0.05, 0.05, 0.4}, Dr(pr.GPs[0]))
	c.ReceivedStamp(p, c.MR-120, y+80)
	c.Annotate(p, c.ML+40, y+150)
}

// Two-page letter whose first page is mostly header and address.
func layTwoPageHeader(d *Doc) {
	r := d.R
	fs := []FontSet{sansSets[7], serifSets[0], sansSets[2]}[d.Variant%3]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 10.5, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	gp := pr.GPs[0]
	y := c.PracticeHead(p, pr, (d.Variant+1)%3, 60)
	y += 30
	p.Line(c.ML, y, c.Bold, "PRIVATE AND CONFIDENTIAL")
	y += c.Lead * 2
	cons := NewPerson(r, "")
	sp := d.spec()
	h := NewHospital(r)
	y = c.Block(p, c.ML, y, c.Body, append([]string{DrFull(cons), "Consultant " + sp.Name, h.Site}, h.Addr.All()...), c.Lead*1.1)
	y += c.Lead * 2
	ld := d.Letter.Fmt("d Month yyyy")
	p.Line(c.ML, y, c.Body, "Date: "+ld)
	d.Dis("letter_date", ld)
	y += c.Lead
	p.Line(c.ML, y, c.Body, "Our ref: "+strings.ToUpper(gp.Last[:3])+"/"+pt.Hosp)
	d.Dis("hospital_number", pt.Hosp)
	y += c.Lead * 3
	y = c.ReBlock(p, y, 2)
	c.Footer(p, pr.Name+" is part of the Zedbury North Primary Care Network. Partners: "+Dr(pr.GPs[0])+", "+Dr(pr.GPs[1])+", "+Dr(pr.GPs[2]))
	p = d.NewPage(d.Size(1))
	y = 64
	p.Line(c.ML, y, c.Small, fmt.Sprintf("Re: %s  DOB %s  - page 2", pt.Plain(), d.DOBPrinted))
	y += c.Lead * 2
	p.Line(c.ML, y, c.Body, "Dear "+Dr(cons)+",")
	y += c.Lead * 1.5
	cl := NewClinical(r, pt, d.Age())
	y = p.Para(c.ML, y, c.TW, c.Body, fmt.Sprintf("I would be grateful if you would see this %d year old %s regarding %s.", d.Age(), pt.ManWoman(), strings.ToLower(cl.Reason)), c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.History, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Exam, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Invest, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, "Medication: "+strings.Join(cl.Meds, ", ")+".", c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Ask, c.Lead) + c.Lead
	c.Sign(p, y, gp, "")
	c.ReceivedStamp(d.Pages[0], c.MR-110, 330)
}

// Demographics box beside the address (two columns of Label: value pairs).
func layDemoBox(d *Doc) {
	r := d.R
	fs := []FontSet{sansSets[0], sansSets[8], sansSets[4]}[d.Variant%3]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 9.5, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	y := c.PracticeHead(p, pr, d.Variant%2, 52)
	y += 10
	// left: recipient address; right: boxed demographics (two columns)
	h := NewHospital(r)
	addr := append([]string{"The Referrals Manager", d.spec().Clinic, h.Site}, h.Addr.All()...)
	yl := c.Block(p, c.ML, y, c.Body, addr, c.Lead)
	bx := c.ML + c.TW*0.42
	bw := c.MR - bx
	small := c.Body.With(func(s *Style) { s.Size = 8.5 })
	sb := c.Bold.With(func(s *Style) { s.Size = 8.5 })
	nhs := d.NHSStr([]string{"spaced", "plain", "dashed"}[d.Variant%3], "NHS No:")
	dob := d.DOBStr([]string{"dd/mm/yyyy", "d Mon yyyy", "dd.mm.yyyy"}[d.Variant%3], "DOB:")
	left := [][2]string{{"Surname:", pt.SurnameUp()}, {"Forename:", pt.First}, {"DOB:", dob}, {"Sex:", pt.SexWord()}}
	right := [][2]string{{"NHS No:", nhs}, {"Hosp No:", pt.Hosp}, {"Tel:", pt.Phone}, {"Lang:", r.Pick([]string{"English", "Polish", "Urdu", "Welsh"})}}
	d.Dis("hospital_number", pt.Hosp)
	d.Dis("patient_phone", pt.Phone)
	by := y - 12
	p.Box(bx, by, bw, 16+float64(len(left))*13+8, 0.8, Black)
	p.Line(bx+6, y, sb, "PATIENT DETAILS")
	yy := y + 16
	colw := bw / 2
	lwid := func(kvs [][2]string) float64 {
		m := 0.0
		for _, kv := range kvs {
			if w := sb.Width(kv[0]); w > m {
				m = w
			}
		}
		return m + 5
	}
	lw1, lw2 := lwid(left), lwid(right)
	for _, kv := range left {
		p.Row(yy, Piece{bx + 6, sb, kv[0], false}, Piece{bx + 6 + lw1, small, kv[1], false})
		yy += 13
	}
	yy = y + 16
	for _, kv := range right {
		p.Row(yy, Piece{bx + colw + 4, sb, kv[0], false}, Piece{bx + colw + 4 + lw2, small, kv[1], false})
		yy += 13
	}
	y = yl + c.Lead*2
	ld := d.Letter.Fmt("d Month yyyy")
	p.LineR(c.MR, y, c.Body, ld)
	d.Dis("letter_date", ld)
	y += c.Lead * 2
	p.Line(c.ML, y, c.Body, "Dear Colleague,")
	y += c.Lead * 1.5
	cl := NewClinical(r, pt, d.Age())
	p.Line(c.ML, y, c.Bold, "Re: "+cl.Reason)
	y += c.Lead * 1.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.History, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Exam+" "+cl.Invest, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, "Past history: "+strings.Join(cl.PMH, ", ")+". Allergies: "+cl.Allergy+".", c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Ask, c.Lead) + c.Lead
	y = c.Sign(p, y, pr.GPs[1], "")
	c.Footer(p, "Please quote the patient's NHS number on all correspondence.")
	if d.Variant%2 == 0 {
		c.ReceivedStamp(p, bx+bw/2, by+90)
	}
}

// Compliments slip (DL) followed by an A4 referral letter.
func layCompliments(d *Doc) {
	r := d.R
	pr := NewPractice(r)
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, sansSets[3], 9, p.W)
	c.ML, c.MR = 36, p.W-36
	p.Logo(pr.LogoKey, c.ML, 24, 40, RGB{0.6, 0.15, 0.2}, true)
	y := 40.0
	p.LineR(c.MR, y, c.Head, pr.Name)
	y += 14
	p.LineR(c.MR, y, c.Body, pr.Addr.OneLine())
	y += 12
	p.LineR(c.MR, y, c.Body, "Tel "+pr.Tel+"  Fax "+pr.Fax)
	d.Dis("practice_phone", pr.Tel)
	d.Dis("practice_fax", pr.Fax)
	y += 50
	p.Line(c.ML, y, S("PTSerif-Italic", 22), "With Compliments")
	p.Annot(c.ML+190, y+10, "DancingScript", 17, RGB{0.1, 0.15, 0.55}, -3, "Referral enclosed - please see. Thanks")
	p.Annot(c.ML+220, y+40, "DancingScript", 15, RGB{0.1, 0.15, 0.55}, -2, Dr(pr.GPs[0]))
	p.HRule(c.ML, c.MR, p.H-40, 0.6)
	p.LineC(p.W/2, p.H-26, c.Small, "Registered with the Care Quality Commission. Practice code "+pr.Code)
	d.Dis("practice_code", pr.Code)
	// page 2: referral letter
	p = d.NewPage(d.Size(1))
	c = NewCtx(d, serifSets[0], 10.5, p.W)
	pt := d.Pat
	y = c.PracticeHead(p, pr, 1, 56)
	p.Line(c.ML, y, c.Body, d.Letter.Fmt("dth Month yyyy"))
	d.Dis("letter_date", d.Letter.Fmt("dth Month yyyy"))
	y += c.Lead * 2
	p.Line(c.ML, y, c.Body, "Dear Colleague,")
	y += c.Lead * 1.5
	y = c.ReBlock(p, y, 0)
	cl := NewClinical(r, pt, d.Age())
	y = p.Para(c.ML, y, c.TW, c.Body, cl.History, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Exam+" "+cl.Invest, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Ask, c.Lead) + c.Lead
	c.Sign(p, y, pr.GPs[0], "")
	c.ReceivedStamp(p, c.MR-100, 300)
}

// Typewritten referral (legacy).
func layTypewriter(d *Doc) {
	r := d.R
	p := d.NewPage(d.Size(0))
	tw := S(r.Pick([]string{"AnonymousPro", "PTMono"}), 10.5).With(func(s *Style) { s.Mode = ModeTypewriter; s.Jitter = 1; s.Color = RGB{0.1, 0.1, 0.12} })
	c := NewCtx(d, FontSet{tw.Font.Key, tw.Font.Key, tw.Font.Key}, 10.5, p.W)
	c.Body, c.Bold, c.Small, c.Head = tw, tw.With(func(s *Style) { s.Bold = 0.25 }), tw, tw
	c.Lead = 15.5
	pt := d.Pat
	pr := NewPractice(r)
	y := 60.0
	for _, l := range append([]string{strings.ToUpper(pr.Name)}, pr.Addr.All()...) {
		p.LineR(c.MR, y, c.Body, l)
		y += c.Lead
	}
	p.LineR(c.MR, y, c.Body, "Tel. "+pr.Tel)
	d.Dis("practice_phone", pr.Tel)
	y += c.Lead * 2
	p.Line(c.ML, y, c.Body, "Ref: "+strings.ToUpper(pr.GPs[0].First[:1]+pr.GPs[0].Last[:1])+"/"+strings.ToLower(pr.GPs[1].First[:1]+pr.GPs[1].Last[:1]))
	ld := d.Letter.Fmt("dth Month yyyy")
	p.LineR(c.MR, y, c.Body, ld)
	// these two share a line: fix GT ordering as one row
	p.GT = p.GT[:len(p.GT)-2]
	p.GTLine("Ref: " + strings.ToUpper(pr.GPs[0].First[:1]+pr.GPs[0].Last[:1]) + "/" + strings.ToLower(pr.GPs[1].First[:1]+pr.GPs[1].Last[:1]) + " " + ld)
	d.Dis("letter_date", ld)
	y += c.Lead * 2
	cons := NewPerson(r, "M")
	y = c.Block(p, c.ML, y, c.Body, []string{"Mr " + cons.First[:1] + ". " + cons.Last + " FRCS", "Consultant Surgeon", sites[r.Intn(len(sites))]}, c.Lead) + c.Lead
	p.Line(c.ML, y, c.Body, "Dear Mr "+cons.Last+",")
	y += c.Lead * 1.5
	nhs := d.NHSStr("spaced", "NHS No.")
	dob := d.DOBStr("dd.mm.yy", "D.O.B.")
	p.Line(c.ML, y, c.Bold, "Re: "+pt.Title+" "+pt.First+" "+strings.ToUpper(pt.Last)+", D.O.B. "+dob)
	y += c.Lead
	p.Line(c.ML, y, c.Bold, "    NHS No. "+nhs+", "+pt.Addr.Lines[0]+", "+pt.Addr.Postcode)
	y += c.Lead * 1.5
	cl := NewClinical(r, pt, d.Age())
	y = p.Para(c.ML, y, c.TW, c.Body, "I should be grateful if you would see this "+itoa(d.Age())+" year old "+pt.ManWoman()+". "+cl.History, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Exam, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Ask, c.Lead) + c.Lead
	p.Line(c.ML, y, c.Body, "Yours sincerely,")
	p.Signature(c.ML+10, y+30, 100, RGB{0.05, 0.05, 0.25}, DrFull(pr.GPs[0]))
	y += c.Lead * 3.5
	p.Line(c.ML, y, c.Body, strings.ToUpper(DrFull(pr.GPs[0])))
	c.ReceivedStamp(p, c.MR-100, 250)
}

// Dot-matrix continuous-stationery print from an old practice system.
func layDotMatrix(d *Doc) {
	r := d.R
	pt := d.Pat
	pr := NewPractice(r)
	dm := S(r.Pick([]string{"PTMono", "OxygenMono", "B612Mono"}), 10).With(func(s *Style) { s.Mode = ModeDotMatrix; s.Color = RGB{0.15, 0.15, 0.2} })
	cl := NewClinical(r, pt, d.Age())
	nhs := d.NHSStr("plain", "NHS NO")
	dob := d.DOBStr("DDMONYY", "DOB")
	for pg := 0; pg < len(d.Sizes); pg++ {
		p := d.NewPage(d.Size(pg))
		// tractor feed holes and perforation (graphics)
		for yy := 18.0; yy < p.H; yy += 36 {
			p.add(LPrint, func(yy float64) func(rd *Renderer) {
				return func(rd *Renderer) {
					rd.Fill(EllipsePath(18, yy, 5.5, 5.5, 24), FillOpt{Color: RGB{0.55, 0.55, 0.55}})
					rd.Fill(EllipsePath(p.W-18, yy, 5.5, 5.5, 24), FillOpt{Color: RGB{0.55, 0.55, 0.55}})
				}
			}(yy))
		}
		p.VRule(36, 0, p.H, 0.3)
		p.VRule(p.W-36, 0, p.H, 0.3)
		// faint green bars
		for yy := 40.0; yy < p.H-30; yy += 48 {
			p.FillRect(40, yy, p.W-80, 24, RGB{0.9, 0.97, 0.9})
		}
		x := 64.0
		lead := 13.0
		y := 60.0
		p.Line(x, y, dm, fmt.Sprintf("%s   PRACTICE SYSTEM   PAGE %d", strings.ToUpper(pr.Name), pg+1))
		y += lead
		p.Line(x, y, dm, strings.Repeat("=", 64))
		y += lead * 1.5
		if pg == 0 {
			for _, l := range []string{
				fmt.Sprintf("PATIENT : %s, %s %s", strings.ToUpper(pt.Last), strings.ToUpper(pt.First), strings.ToUpper(pt.Title)),
				fmt.Sprintf("DOB     : %s     SEX : %s", dob, pt.Sex),
				fmt.Sprintf("NHS NO  : %s", nhs),
				fmt.Sprintf("ADDRESS : %s", strings.ToUpper(pt.Addr.OneLine())),
				fmt.Sprintf("GP      : %s  (%s)", strings.ToUpper(Dr(pr.GPs[0])), pr.Code),
				fmt.Sprintf("PRINTED : %s", d.Letter.Fmt("DDMONYY")),
			} {
				p.Line(x, y, dm, l)
				y += lead
			}
			d.Dis("practice_code", pr.Code)
			d.Dis("printed_date", d.Letter.Fmt("DDMONYY"))
			y += lead
			p.Line(x, y, dm, "REFERRAL TO "+strings.ToUpper(d.spec().Clinic))
			y += lead * 1.5
			for _, l := range dm.Wrap(strings.ToUpper(cl.History), p.W-2*x) {
				p.Line(x, y, dm, l)
				y += lead
			}
			y += lead
			for _, l := range dm.Wrap(strings.ToUpper("O/E "+cl.Exam), p.W-2*x) {
				p.Line(x, y, dm, l)
				y += lead
			}
		} else {
			p.Line(x, y, dm, "CONTINUATION - "+strings.ToUpper(pt.Last)+" "+nhs)
			y += lead * 1.5
			p.Line(x, y, dm, "PROBLEM LIST")
			y += lead
			for _, pm := range cl.PMH {
				dt := RandDate(r, 1975, d.Letter.Y-1).Fmt("DDMONYY")
				d.Dis("problem_date", dt)
				p.Line(x, y, dm, fmt.Sprintf("%s  %s", dt, strings.ToUpper(pm)))
				y += lead
			}
			y += lead
			p.Line(x, y, dm, "REPEAT MEDICATION")
			y += lead
			for _, m := range cl.Meds {
				p.Line(x, y, dm, strings.ToUpper(m))
				y += lead
			}
			y += lead
			for _, l := range dm.Wrap(strings.ToUpper(cl.Ask), p.W-2*x) {
				p.Line(x, y, dm, l)
				y += lead
			}
			y += lead * 2
			p.Line(x, y, dm, "SIGNED")
			p.HRule(x+60, x+260, y+2, 0.5)
			p.Signature(x+70, y-4, 90, RGB{0.1, 0.1, 0.45}, Dr(pr.GPs[0]))
		}
	}
	c := NewCtx(d, sansSets[0], 9, A4[0])
	c.ReceivedStamp(d.Pages[0], 470, 150)
}

// Fax: cover sheet + referral, fax machine header on every page.
func layFax(d *Doc) {
	r := d.R
	pr := NewPractice(r)
	pt := d.Pat
	h := NewHospital(r)
	if len(d.Sizes) > 1 {
		p := d.NewPage(d.Size(0))
		c := NewCtx(d, sansSets[1], 11, p.W)
		y := 90.0
		p.Line(c.ML, y, S("PTSans-Bold", 40), "FAX")
		y += 50
		rows := [][2]string{{"To:", "Referrals Booking Office, " + h.Site}, {"Fax:", Phone(r)}, {"From:", Dr(pr.GPs[0]) + ", " + pr.Name}, {"Tel:", pr.Tel}, {"Date:", d.Letter.Fmt("dd/mm/yyyy")}, {"Pages:", fmt.Sprintf("%d (including this cover sheet)", len(d.Sizes))}, {"Re:", "Urgent referral"}}
		d.Dis("fax_number", rows[1][1])
		d.Dis("practice_phone", pr.Tel)
		for _, rw := range rows {
			p.Row(y, Piece{c.ML, c.Bold, rw[0], false}, Piece{c.ML + 70, c.Body, rw[1], false})
			y += c.Lead * 1.6
		}
		y += c.Lead
		p.HRule(c.ML, c.MR, y, 1)
		y += c.Lead * 2
		y = p.Para(c.ML, y, c.TW, c.Small.With(func(s *Style) { s.Size = 9 }), "CONFIDENTIALITY NOTICE: This facsimile contains confidential patient information intended only for the named recipient. If you have received it in error please telephone the sender immediately and destroy all copies. Safe haven fax.", 12)
	}
	n := len(d.Pages)
	for pg := n; pg < len(d.Sizes); pg++ {
		p := d.NewPage(d.Size(pg))
		c := NewCtx(d, sansSets[[]int{0, 4}[d.Variant%2]], 10.5, p.W)
		if pg == n {
			y := c.PracticeHead(p, pr, 0, 64)
			y = c.ReBlock(p, y, 1)
			p.Line(c.ML, y, c.Body, "Dear Colleague,")
			y += c.Lead * 1.5
			cl := NewClinical(r, pt, d.Age())
			y = p.Para(c.ML, y, c.TW, c.Body, cl.History, c.Lead) + c.Lead*0.5
			y = p.Para(c.ML, y, c.TW, c.Body, cl.Exam+" "+cl.Invest, c.Lead) + c.Lead*0.5
			if pg == len(d.Sizes)-1 {
				y = p.Para(c.ML, y, c.TW, c.Body, cl.Ask, c.Lead) + c.Lead
				c.Sign(p, y, pr.GPs[0], "")
			} else {
				c.Footer(p, "/cont")
				d.Notes = append(d.Notes, cl.Ask)
			}
		} else {
			y := 70.0
			p.Line(c.ML, y, c.Small, pt.Plain()+" "+d.NHSPrinted+" cont.")
			y += c.Lead * 2
			cl := NewClinical(r, pt, d.Age())
			p.Line(c.ML, y, c.Bold, "Medication")
			y += c.Lead
			y = c.Bullets(p, y, cl.Meds) + c.Lead*0.5
			p.Line(c.ML, y, c.Bold, "Past medical history")
			y += c.Lead
			y = c.Bullets(p, y, cl.PMH) + c.Lead
			y = p.Para(c.ML, y, c.TW, c.Body, d.Notes[0], c.Lead) + c.Lead
			c.Sign(p, y, pr.GPs[0], "")
		}
	}
	FaxHeaders(d, pr.Fax, strings.ToUpper(pr.Name))
	c := NewCtx(d, sansSets[0], 9, A4[0])
	c.ReceivedStamp(d.Pages[len(d.Pages)-1], 440, 120)
}

// FaxHeaders prints the sending machine's header line at the top of every
// page; it is printed text and therefore the first ground-truth line.
func FaxHeaders(d *Doc, fax, name string) {
	r := d.R
	hdr := S("JetBrainsMono", 7.5)
	t := d.Letter.Fmt("dd/mm/yyyy")
	tm := fmt.Sprintf("%02d:%02d", r.IntR(8, 17), r.Intn(60))
	d.Dis("fax_header_date", t)
	d.Dis("fax_number", fax)
	for i, p := range d.Pages {
		line := fmt.Sprintf("%s %s FROM %s %s P.%03d/%03d", t, tm, fax, name, i+1, len(d.Pages))
		gt := p.GT
		p.GT = []string{normGT(line)}
		p.GT = append(p.GT, gt...)
		p.useFont(hdr)
		p.Tag("fax_header_line")
		sd := p.seed()
		p.add(LDigital, func(rd *Renderer) { rd.DrawText(16, 17, hdr, line, 0, sd) })
	}
}

// Header band across the top of every page.
func layHeaderBand(d *Doc) {
	r := d.R
	pt := d.Pat
	pr := NewPractice(r)
	nhs := d.NHSStr("spaced", "NHS")
	dob := d.DOBStr("dd-Mon-yyyy", "DOB")
	cl := NewClinical(r, pt, d.Age())
	for pg := 0; pg < len(d.Sizes); pg++ {
		p := d.NewPage(d.Size(pg))
		c := NewCtx(d, sansSets[2], 10, p.W)
		c.ML, c.MR, c.TW = 54, p.W-54, p.W-108
		p.FillRect(0, 18, p.W, 24, RGB{0.12, 0.12, 0.12})
		w := S("ClearSans-Bold", 9).With(func(s *Style) { s.Color = White; s.Knockout = true })
		p.Row(34, Piece{c.ML, w, "CONFIDENTIAL", false}, Piece{c.ML + 90, w, pt.SurnameUp() + ", " + pt.First, false},
			Piece{c.ML + 230, w, "DOB " + dob, false}, Piece{c.ML + 335, w, "NHS " + nhs, false})
		y := 80.0
		if pg == 0 {
			y = c.PracticeHead(p, pr, 2, y)
			p.Line(c.ML, y, c.Head, "Referral: "+cl.Sp.Name)
			y += c.Lead * 2
			y = c.Section(p, y, "Presenting complaint", cl.History)
			y = c.Section(p, y, "Examination", cl.Exam)
			y = c.Section(p, y, "Investigations", cl.Invest)
		} else {
			p.Line(c.ML, y, c.Bold, "Medication")
			y += c.Lead
			y = c.Bullets(p, y, cl.Meds) + c.Lead*0.5
			p.Line(c.ML, y, c.Bold, "Past medical history")
			y += c.Lead
			y = c.Bullets(p, y, cl.PMH) + c.Lead*0.5
			y = c.Section(p, y, "Allergies", cl.Allergy)
			y = c.Section(p, y, "Request", cl.Ask)
			c.Sign(p, y, pr.GPs[2], "")
		}
		c.Footer(p, fmt.Sprintf("Page %d of %d  |  %s  |  Printed %s", pg+1, len(d.Sizes), pr.Name, d.Letter.Fmt("dd/mm/yyyy")))
	}
	d.Dis("printed_date", d.Letter.Fmt("dd/mm/yyyy"))
}

// Printed email referral.
func layEmail(d *Doc) {
	r := d.R
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, sansSets[7], 9.5, p.W)
	pt := d.Pat
	pr := NewPractice(r)
	y := 40.0
	p.Row(y, Piece{c.ML, c.Small, "NHSmail - Referral", false}, Piece{c.MR, c.Small, "Page 1 of 1", true})
	y += 30
	p.Line(c.ML, y, c.Head, "Referral - "+pt.First+" "+pt.Last)
	y += c.Lead * 2
	sent := d.Letter
	nhs := d.NHSStr("plain", "NHS no")
	dob := d.DOBStr("dd/mm/yyyy", "DOB")
	hdrs := [][2]string{
		{"From:", DrFull(pr.GPs[0]) + " <" + strings.ToLower(pr.GPs[0].First[:1]+pr.GPs[0].Last) + "@zx-nhs.example>"},
		{"Sent:", sent.Fmt("Day d Month yyyy") + fmt.Sprintf(" %02d:%02d", r.IntR(8, 18), r.Intn(60))},
		{"To:", "referrals.hub@zx-nhs.example"},
		{"Subject:", "Referral - " + pt.Last + " DOB " + dob + " NHS no " + nhs},
	}
	d.Dis("email_sent_date", sent.Fmt("Day d Month yyyy"))
	for _, h := range hdrs {
		p.Row(y, Piece{c.ML, c.Bold, h[0], false}, Piece{c.ML + 60, c.Body, h[1], false})
		y += c.Lead
	}
	y += c.Lead
	p.HRule(c.ML, c.MR, y-8, 0.5)
	y += c.Lead
	cl := NewClinical(r, pt, d.Age())
	p.Line(c.ML, y, c.Body, "Hi,")
	y += c.Lead * 1.5
	y = p.Para(c.ML, y, c.TW, c.Body, "Please could you see "+pt.Full()+" (address "+pt.Addr.OneLine()+", tel "+pt.Mobile+") regarding "+strings.ToLower(cl.Reason)+".", c.Lead) + c.Lead*0.5
	d.Dis("patient_mobile", pt.Mobile)
	y = p.Para(c.ML, y, c.TW, c.Body, cl.History, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, cl.Invest, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, "Thanks, "+pr.GPs[0].First, c.Lead) + c.Lead
	for _, l := range []string{DrFull(pr.GPs[0]), "GP Partner, " + pr.Name, "Tel " + pr.Tel + " (bypass " + Phone(r) + ")"} {
		p.Line(c.ML, y, c.Body, l)
		y += c.Lead
	}
	d.Dis("practice_phone", pr.Tel)
	c.Footer(p, "This email has been scanned for viruses. NHSmail is the secure email service for health and care.")
	c.ReceivedStamp(p, c.MR-100, 330)
	p.Highlight(c.ML+58, 70+c.Lead*5-10, 260, 13, RGB{1, 0.6, 0.8})
}
