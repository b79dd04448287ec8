package main

import (
	"fmt"
	"strings"
)

// Hospital clinic letter to the GP.
func layClinic(d *Doc) {
	r := d.R
	fs := []FontSet{sansSets[0], serifSets[0], sansSets[4], sansSets[7]}[d.Variant%4]
	p := d.NewPage(d.Size(0))
	c := NewCtx(d, fs, 10, p.W)
	pt := d.Pat
	h := NewHospital(r)
	sp := d.spec()
	y := c.HospitalHead(p, h, "Department of "+sp.Name, d.Variant%2 == 0, 50)
	cons := NewPerson(r, "")
	clinicDate := d.Letter.AddDays(-r.IntR(3, 20)).Workday()
	typed := d.Letter
	rows := [][2]string{{"Consultant:", DrFull(cons)}, {"Clinic date:", clinicDate.Fmt("dd/mm/yyyy")}, {"Date typed:", typed.Fmt("dd/mm/yyyy")}, {"Hospital No:", pt.Hosp}}
	nhs := d.NHSStr(r.Pick(nhsStyles), "NHS No:")
	if d.Variant%4 == 1 {
		rows = append(rows, [2]string{"NHS No:", nhs})
	}
	d.Dis("clinic_date", rows[1][1])
	d.Dis("typed_date", rows[2][1])
	d.Dis("hospital_number", pt.Hosp)
	for _, rw := range rows {
		p.Row(y, Piece{c.ML, c.Bold, rw[0], false}, Piece{c.ML + 80, c.Body, rw[1], false})
		y += c.Lead
	}
	y += c.Lead
	pr := NewPractice(r)
	y = c.Block(p, c.ML, y, c.Body, append([]string{DrFull(pr.GPs[0]), pr.Name}, pr.Addr.All()...), c.Lead) + c.Lead
	p.Line(c.ML, y, c.Body, "Dear "+Dr(pr.GPs[0])+",")
	y += c.Lead * 1.5
	dob := d.DOBStr(r.Pick(dobStyles), "DOB")
	if d.Variant%4 == 1 {
		p.Line(c.ML, y, c.Bold, "Re: "+pt.Full()+", DOB "+dob+", "+pt.Addr.OneLine())
		y += c.Lead * 1.5
	} else {
		p.Line(c.ML, y, c.Bold, "Re: "+pt.Full()+"  DOB: "+dob+"  NHS No: "+nhs)
		y += c.Lead
		p.Line(c.ML, y, c.Body, pt.Addr.OneLine())
		y += c.Lead * 1.5
	}
	cl := NewClinical(r, pt, d.Age())
	p.Line(c.ML, y, c.Bold, "Diagnosis:")
	y += c.Lead
	for i, dg := range cl.Sp.Diag {
		p.Line(c.ML+10, y, c.Body, fmt.Sprintf("%d. %s", i+1, dg))
		y += c.Lead
	}
	y += c.Lead * 0.5
	p.Line(c.ML, y, c.Bold, "Plan:")
	y += c.Lead
	plans := []string{"Further investigations as below", "Review in clinic in 3 months", "Letter copied to patient"}
	for _, pl := range plans {
		p.Line(c.ML+10, y, c.Body, "- "+pl)
		y += c.Lead
	}
	y += c.Lead * 0.5
	y = p.Para(c.ML, y, c.TW, c.Body, fmt.Sprintf("I saw %s in clinic today. %s", pt.Title+" "+pt.Last, cl.History), c.Lead) + c.Lead*0.5
	if len(d.Sizes) > 1 {
		c.Footer(p, "Page 1 of 2")
		p = d.NewPage(d.Size(1))
		y = 64
		p.Line(c.ML, y, c.Small, fmt.Sprintf("%s  %s  Hosp No %s  page 2", pt.Full(), dob, pt.Hosp))
		y += c.Lead * 2
	}
	y = p.Para(c.ML, y, c.TW, c.Body, "On examination: "+cl.Exam, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, "Results: "+cl.Invest, c.Lead) + c.Lead*0.5
	y = p.Para(c.ML, y, c.TW, c.Body, "I have explained the findings and the plan above, and "+pt.He()+" is happy to proceed. I will write again with the results.", c.Lead) + c.Lead
	p.Line(c.ML, y, c.Body, "Yours sincerely,")
	p.Signature(c.ML+6, y+28, 90, RGB{0.1, 0.1, 0.4}, DrFull(cons))
	y += c.Lead * 3.2
	p.Line(c.ML, y, c.Bold, DrFull(cons))
	y += c.Lead
	p.Line(c.ML, y, c.Body, "Consultant "+sp.Name+"  GMC "+GMC(r))
	d.Dis("gmc_number", strings.TrimPrefix(p.GT[len(p.GT)-1], "Consultant "+sp.Name+" GMC "))
	y += c.Lead * 1.5
	p.Line(c.ML, y, c.Small, "cc: "+pt.Full()+", "+pt.Addr.OneLine())
	c.Footer(p, fmt.Sprintf("Secretary: %s   Direct line: %s", Phone(r), h.Switch))
	if r.Chance(0.5) {
		c.Annotate(d.Pages[0], c.ML+c.TW*0.55, 240)
	}
}

// Discharge summary: tables and sections.
func layDischarge(d *Doc) {
	r := d.R
	fs := []FontSet{sansSets[1], sansSets[2], sansSets[5]}[d.Variant%3]
	pt := d.Pat
	h := NewHospital(r)
	cl := NewClinical(r, pt, d.Age())
	adm := d.Letter.AddDays(-r.IntR(4, 15))
	dis := d.Letter.AddDays(-r.IntR(0, 2))
	nhs := d.NHSStr(r.Pick(nhsStyles), "NHS Number")
	dob := d.DOBStr(r.Pick(dobStyles), "Date of Birth")
	ward := r.Pick([]string{"Ward 12", "Ward 7B", "Bracken Ward", "AMU", "Ward 22 (Surgical)"})
	pr := NewPractice(r)
	for pg := 0; pg < len(d.Sizes); pg++ {
		p := d.NewPage(d.Size(pg))
		c := NewCtx(d, fs, 9, p.W)
		y := 44.0
		if pg == 0 {
			p.Logo("lozenge", c.MR-62, y-16, 25, RGB{0, 0.37, 0.72}, d.Variant == 0)
			p.Line(c.ML, y, c.Head.With(func(s *Style) { s.Size = 15 }), "DISCHARGE SUMMARY")
			y += 18
			p.Line(c.ML, y, c.Body, h.Trust)
			y += c.Lead * 2
			half := c.TW / 2
			rows := [][4]string{
				{"Patient name", pt.Full(), "Hospital number", pt.Hosp},
				{"Date of birth", dob, "NHS number", nhs},
				{"Address", pt.Addr.Lines[0] + ", " + pt.Addr.Postcode, "Ward", ward},
				{"Admitted", adm.Fmt("dd/mm/yyyy"), "Discharged", dis.Fmt("dd/mm/yyyy")},
				{"Consultant", Dr(NewPerson(r, "")), "Specialty", cl.Sp.Name},
				{"GP", Dr(pr.GPs[0]), "Practice", pr.Name},
			}
			d.Dis("hospital_number", pt.Hosp)
			d.Dis("admission_date", rows[3][1])
			d.Dis("discharge_date", rows[3][3])
			rh := 15.0
			top := y - 11
			for _, rw := range rows {
				p.FillRect(c.ML, y-11, 80, rh, RGB{0.9, 0.9, 0.9})
				p.FillRect(c.ML+half, y-11, 80, rh, RGB{0.9, 0.9, 0.9})
				p.Row(y, Piece{c.ML + 3, c.Bold, rw[0], false}, Piece{c.ML + 84, c.Body, rw[1], false}, Piece{c.ML + half + 3, c.Bold, rw[2], false}, Piece{c.ML + half + 84, c.Body, rw[3], false})
				y += rh
			}
			for i := 0; i <= len(rows); i++ {
				p.HRule(c.ML, c.MR, top+float64(i)*rh, 0.5)
			}
			for _, x := range []float64{c.ML, c.ML + 80, c.ML + half, c.ML + half + 80, c.MR} {
				p.VRule(x, top, top+float64(len(rows))*rh, 0.5)
			}
			y += c.Lead
			y = c.Section(p, y, "Presenting complaint", cl.Reason+". "+cl.HistSents[0])
			p.Line(c.ML, y, c.Bold, "Diagnoses")
			y += c.Lead
			for i, dg := range cl.Sp.Diag {
				p.Line(c.ML+8, y, c.Body, fmt.Sprintf("%d. %s", i+1, dg))
				y += c.Lead
			}
			y += c.Lead * 0.5
			y = c.Section(p, y, "Investigations", cl.Invest)
			y = c.Section(p, y, "Clinical course", fmt.Sprintf("%s was admitted via the emergency department and managed on %s. %s Symptoms settled with treatment and %s was mobilising independently prior to discharge.", pt.Title+" "+pt.Last, ward, cl.Exam, pt.He()))
		}
		if pg == len(d.Sizes)-1 {
			if pg > 0 {
				p.Line(c.ML, y, c.Small, fmt.Sprintf("%s  NHS %s  DOB %s  continued", pt.Plain(), nhs, dob))
				y += c.Lead * 2
			}
			p.Line(c.ML, y, c.Bold, "Medication on discharge")
			y += c.Lead
			cols := []float64{c.ML + 3, c.ML + 230, c.ML + 320, c.ML + 400}
			p.FillRect(c.ML, y-10, c.TW, 14, RGB{0.88, 0.88, 0.88})
			p.Row(y, Piece{cols[0], c.Bold, "Drug and dose", false}, Piece{cols[1], c.Bold, "Status", false}, Piece{cols[2], c.Bold, "Supplied", false}, Piece{cols[3], c.Bold, "Duration", false})
			y += c.Lead
			for _, m := range cl.Meds {
				p.Row(y, Piece{cols[0], c.Body, m, false}, Piece{cols[1], c.Body, r.Pick([]string{"Continued", "New", "Changed"}), false}, Piece{cols[2], c.Body, r.Pick([]string{"14 days", "28 days", "Own supply"}), false}, Piece{cols[3], c.Body, r.Pick([]string{"Ongoing", "1 week", "Ongoing"}), false})
				p.HRule(c.ML, c.MR, y+4, 0.3)
				y += c.Lead
			}
			y += c.Lead
			y = c.Section(p, y, "Allergies", cl.Allergy)
			fu := d.Letter.AddDays(r.IntR(30, 90))
			y = c.Section(p, y, "Follow up", "Outpatient review in "+cl.Sp.Clinic+" on or around "+fu.Fmt("d Month yyyy")+". GP to check U&E in one week.")
			d.Dis("follow_up_date", fu.Fmt("d Month yyyy"))
			y = c.Section(p, y, "Information given to patient", "Diagnosis and medication changes discussed. Copy of this summary given to the patient.")
			p.Row(y, Piece{c.ML, c.Bold, "Completed by:", false}, Piece{c.ML + 80, c.Body, "Dr " + NewPerson(r, "").Last + " (FY1), bleep 4" + itoa(100+r.Intn(900)), false})
			y += c.Lead
			p.Row(y, Piece{c.ML, c.Bold, "Date:", false}, Piece{c.ML + 80, c.Body, d.Letter.Fmt("dd/mm/yyyy"), false})
			d.Dis("completed_date", d.Letter.Fmt("dd/mm/yyyy"))
		}
		c.Footer(p, fmt.Sprintf("%s  |  Discharge summary  |  Page %d of %d", h.Site, pg+1, len(d.Sizes)))
	}
}

// Laboratory result report (tables).
func layLab(d *Doc) {
	r := d.R
	pt := d.Pat
	h := NewHospital(r)
	mono := d.Variant%3 == 1
	fs := sansSets[[]int{2, 0, 6}[d.Variant%3]]
	if mono {
		fs = FontSet{"JetBrainsMono", "JetBrainsMono-Bold", "JetBrainsMono-Light"}
	}
	coll := d.Letter.AddDays(-r.IntR(1, 3))
	rep := d.Letter
	spec := fmt.Sprintf("%02dL%07d", coll.Y%100, r.Intn(10000000))
	d.Dis("specimen_number", spec)
	d.Dis("collected_date", coll.Fmt("dd/mm/yyyy"))
	d.Dis("reported_date", rep.Fmt("dd/mm/yyyy"))
	d.Dis("hospital_number", pt.Hosp)
	hasNHS := d.Variant%3 != 2
	tests := [][4]string{
		{"Sodium", "139", "mmol/L", "133 - 146"}, {"Potassium", "4.6", "mmol/L", "3.5 - 5.3"}, {"Urea", "7.9", "mmol/L", "2.5 - 7.8"},
		{"Creatinine", "104", "umol/L", "59 - 104"}, {"eGFR", "61", "mL/min", ">90"}, {"Bilirubin", "11", "umol/L", "0 - 21"},
		{"ALT", "38", "U/L", "0 - 40"}, {"Alk Phos", "131", "U/L", "30 - 130"}, {"Albumin", "36", "g/L", "35 - 50"},
		{"CRP", "24", "mg/L", "0 - 5"}, {"Haemoglobin", "118", "g/L", "130 - 180"}, {"WBC", "9.8", "x10^9/L", "4.0 - 11.0"},
		{"Platelets", "402", "x10^9/L", "150 - 400"}, {"MCV", "79", "fL", "80 - 100"}, {"Ferritin", "14", "ug/L", "30 - 400"},
		{"TSH", "2.1", "mU/L", "0.27 - 4.2"}, {"HbA1c", "52", "mmol/mol", "20 - 41"}, {"Cholesterol", "5.9", "mmol/L", "<5.0"},
	}
	perPage := 18
	if len(d.Sizes) > 1 {
		perPage = 10
	}
	for pg := 0; pg < len(d.Sizes); pg++ {
		p := d.NewPage(d.Size(pg))
		c := NewCtx(d, fs, 9, p.W)
		y := 46.0
		p.Row(y, Piece{c.ML, c.Head, "PATHOLOGY REPORT", false}, Piece{c.MR, c.Body, h.Site, true})
		y += c.Lead
		p.Line(c.ML, y, c.Body, "Blood Sciences Laboratory  Tel "+h.Switch+" ext 4"+itoa(100+r.Intn(900)))
		y += 8
		p.HRule(c.ML, c.MR, y, 1.2)
		y += c.Lead * 1.4
		var nhs string
		if hasNHS {
			nhs = d.NHSStr(r.Pick([]string{"plain", "spaced"}), "NHS No")
		}
		dob := d.DOBStr(r.Pick([]string{"dd/mm/yyyy", "dd-Mon-yyyy", "dd.mm.yy"}), "DOB")
		// two unruled columns: patient (left), specimen (right)
		left := []string{"Patient: " + strings.ToUpper(pt.Last) + ", " + pt.First, "DOB: " + dob + "  Sex: " + pt.Sex, "Hosp No: " + pt.Hosp}
		if hasNHS {
			left = append(left, "NHS No: "+nhs)
		}
		right := []string{"Specimen: " + spec, "Collected: " + coll.Fmt("dd/mm/yyyy") + " 09:1" + itoa(r.Intn(10)), "Reported: " + rep.Fmt("dd/mm/yyyy"), "Requested by: " + Dr(NewPerson(r, ""))}
		y0 := y
		y = c.Block(p, c.ML, y, c.Body, left, c.Lead)
		c.Block(p, c.ML+c.TW*0.55, y0, c.Body, right, c.Lead)
		y = y0 + c.Lead*float64(len(right)) + c.Lead
		p.HRule(c.ML, c.MR, y-8, 0.5)
		y += 6
		cols := []float64{c.ML + 4, c.ML + 150, c.ML + 220, c.ML + 300, c.ML + 400}
		p.Row(y, Piece{cols[0], c.Bold, "Test", false}, Piece{cols[1], c.Bold, "Result", false}, Piece{cols[2], c.Bold, "Units", false}, Piece{cols[3], c.Bold, "Ref. range", false}, Piece{cols[4], c.Bold, "Flag", false})
		y += 6
		p.HRule(c.ML, c.MR, y, 0.5)
		y += c.Lead
		for i := pg * perPage; i < len(tests) && i < (pg+1)*perPage; i++ {
			t := tests[i]
			flag := ""
			if strings.Contains("Urea Alk Phos CRP Haemoglobin Platelets MCV Ferritin HbA1c Cholesterol eGFR", t[0]) {
				flag = map[bool]string{true: "H", false: "L"}[strings.Contains("Urea Alk Phos CRP Platelets HbA1c Cholesterol", t[0])]
			}
			p.Row(y, Piece{cols[0], c.Body, t[0], false}, Piece{cols[1], c.Body, t[1], false}, Piece{cols[2], c.Body, t[2], false}, Piece{cols[3], c.Body, t[3], false}, Piece{cols[4], c.Bold, flag, false})
			if i%2 == 1 {
				p.FillRect(c.ML, y-10, c.TW, 13.5, RGB{0.93, 0.93, 0.93})
			}
			y += c.Lead
		}
		y += c.Lead
		if pg == len(d.Sizes)-1 {
			y = p.Para(c.ML, y, c.TW, c.Body, "Comment: Mild normocytic anaemia with low ferritin, suggest iron studies and coeliac serology. Reduced eGFR - please repeat in 3 months. Results authorised by "+Dr(NewPerson(r, ""))+", Consultant Chemical Pathologist.", c.Lead)
		}
		c.Footer(p, fmt.Sprintf("Report printed %s  Specimen %s  Page %d of %d  *** END OF REPORT PAGE ***", rep.Fmt("dd/mm/yyyy"), spec, pg+1, len(d.Sizes)))
	}
	if r.Chance(0.8) {
		p := d.Pages[0]
		c := NewCtx(d, fs, 9, p.W)
		p.Annot(c.ML+c.TW*0.55, 420, r.Pick(handKeys), 15, RGB{0.1, 0.1, 0.5}, -4, "Seen - FBC + ferritin 3/12")
	}
}

// Appointment letter with tear-off reply slip.
func layAppointment(d *Doc) {
	r := d.R
	pt := d.Pat
	h := NewHospital(r)
	p := d.NewPage(d.Size(0))
	fs := []FontSet{sansSets[3], sansSets[8]}[d.Variant%2]
	c := NewCtx(d, fs, 9.5, p.W)
	if p.W < 500 {
		c.ML, c.MR, c.TW = 34, p.W-34, p.W-68
	}
	y := c.HospitalHead(p, h, "Outpatient Appointments", false, 44)
	y = c.Block(p, c.ML, y, c.Body, append([]string{pt.Full()}, pt.Addr.All()...), c.Lead) + c.Lead
	nhs := d.NHSStr(r.Pick(nhsStyles), "NHS Number:")
	dob := d.DOBStr(r.Pick(dobStyles), "Date of birth:")
	for _, kv := range [][2]string{{"Hospital number:", pt.Hosp}, {"NHS Number:", nhs}, {"Date of birth:", dob}} {
		p.Row(y, Piece{c.ML, c.Bold, kv[0], false}, Piece{c.ML + 90, c.Body, kv[1], false})
		y += c.Lead
	}
	d.Dis("hospital_number", pt.Hosp)
	y += c.Lead
	appt := d.Letter.AddDays(r.IntR(14, 60)).Workday()
	tm := fmt.Sprintf("%02d:%02d", r.IntR(9, 16), []int{0, 15, 30, 45}[r.Intn(4)])
	d.Dis("appointment_date", appt.Fmt("Day d Month yyyy"))
	d.Dis("letter_date", d.Letter.Fmt("dd/mm/yyyy"))
	p.Line(c.ML, y, c.Body, "Date of letter: "+d.Letter.Fmt("dd/mm/yyyy"))
	y += c.Lead * 1.5
	p.Line(c.ML, y, c.Body, "Dear "+pt.Title+" "+pt.Last+",")
	y += c.Lead * 1.5
	y = p.Para(c.ML, y, c.TW, c.Body, "An appointment has been made for you to attend the "+d.spec().Clinic+" as detailed below. If you are unable to attend please contact us on "+Phone(r)+" so that we can offer the appointment to another patient.", c.Lead) + c.Lead*0.5
	boxTop := y - 10
	for _, kv := range [][2]string{{"Date:", appt.Fmt("Day d Month yyyy")}, {"Time:", tm}, {"Clinic:", d.spec().Clinic}, {"Location:", h.Site + ", Outpatients " + string(rune('A'+r.Intn(5)))}} {
		p.Row(y+4, Piece{c.ML + 10, c.Bold, kv[0], false}, Piece{c.ML + 80, c.Body, kv[1], false})
		y += c.Lead * 1.2
	}
	p.Box(c.ML, boxTop, c.TW, y-boxTop+4, 1.2, Black)
	y += c.Lead * 1.5
	y = p.Para(c.ML, y, c.TW, c.Body, "Please bring a list of your current medicines. Parking is limited; please allow extra time.", c.Lead) + c.Lead*0.5
	p.Line(c.ML, y, c.Body, "Yours sincerely,")
	y += c.Lead * 1.5
	p.Line(c.ML, y, c.Body, "Appointments Office")
	y += c.Lead * 2
	if p.H-y > 130 {
		// tear-off reply slip with a dashed cut line (graphics)
		for x := c.ML; x < c.MR; x += 8 {
			p.FillRect(x, y, 4, 0.6, Black)
		}
		y += c.Lead * 1.5
		p.Line(c.ML, y, c.Bold, "REPLY SLIP - please return if you cannot attend")
		y += c.Lead * 1.5
		p.Line(c.ML, y, c.Body, "Name: "+pt.Full()+"   Hospital No: "+pt.Hosp)
		y += c.Lead * 1.5
		p.TickBox(c.ML, y-9, 10, 0)
		p.TickBox(c.ML+c.TW/2, y-9, 10, 0)
		p.Row(y, Piece{c.ML + 16, c.Body, "I will attend", false}, Piece{c.ML + c.TW/2 + 16, c.Body, "Please rearrange", false})
		if r.Chance(0.7) {
			p.Scribble("tick", c.ML+1, y-12, 10, 12, RGB{0.1, 0.1, 0.45})
		}
	}
	c.Footer(p, "Ref: "+appt.Fmt("dd.mm.yy")+"/"+pt.Hosp)
}

// Continuation sheet: printed form, printed patient label, handwritten notes.
func layContinuation(d *Doc) {
	r := d.R
	pt := d.Pat
	h := NewHospital(r)
	hand := S(handKeys[d.Variant%len(handKeys)], []float64{15, 19, 16, 15}[d.Variant%len(handKeys)]).With(func(s *Style) {
		s.Mode = ModeHand
		s.Jitter = 1.1
		s.Slant = 0.12
		s.Color = []RGB{{0.08, 0.12, 0.5}, {0.05, 0.05, 0.08}, {0.1, 0.1, 0.45}}[d.Variant%3]
	})
	notes := []string{
		"Pt seen on ward round. Comfortable overnight.",
		"Obs stable, apyrexial. Eating and drinking.",
		"Abdo soft, mildly tender RUQ. BS present.",
		"Bloods: Hb 112, WCC 9.1, CRP 31 (down).",
		"Plan: continue IV abx for 24h then oral.",
		"Physio to review mobility. OT referral.",
		"Discussed with family - happy with plan.",
		"Aim discharge tomorrow if bloods improving.",
		"ECG - sinus rhythm, no acute changes.",
		"Reviewed by reg - agree with plan above.",
		"Fluids stopped. Catheter out, TWOC today.",
		"Restart home meds except ramipril.",
	}
	ni := 0
	for pg := 0; pg < len(d.Sizes); pg++ {
		p := d.NewPage(d.Size(pg))
		c := NewCtx(d, sansSets[1], 9, p.W)
		y := 44.0
		p.Row(y, Piece{c.ML, c.Head, "CONTINUATION SHEET", false}, Piece{c.MR, c.Body, h.Site, true})
		y += 10
		// patient label (printed sticker) top right, under the title line
		lx, ly := c.MR-200, y+8
		p.FillRect(lx, ly, 200, 62, RGB{0.99, 0.99, 0.97})
		p.Box(lx, ly, 200, 62, 0.4, RGB{0.6, 0.6, 0.6})
		lab := S("PTSansNarrow", 9)
		nhs := d.NHSStr(r.Pick([]string{"spaced", "plain"}), "NHS")
		dob := d.DOBStr(r.Pick([]string{"dd/mm/yyyy", "dd-Mon-yyyy"}), "DOB")
		ly += 13
		for _, l := range []string{strings.ToUpper(pt.Last) + ", " + pt.First + " (" + pt.Sex + ")", "DOB " + dob + "   Hosp " + pt.Hosp, "NHS " + nhs, pt.Addr.Lines[0] + ", " + pt.Addr.Postcode} {
			p.Line(lx+6, ly, lab, l)
			ly += 12
		}
		d.Dis("hospital_number", pt.Hosp)
		// left of label: ward / consultant fields
		p.Line(c.ML, y+22, c.Bold, "Ward:")
		p.Line(c.ML, y+44, c.Bold, "Consultant:")
		for _, yy := range []float64{y + 24, y + 46} {
			for x := c.ML + 62; x < lx-20; x += 3 {
				p.FillRect(x, yy, 1, 0.8, Black)
			}
		}
		// fix reading order: left block before label
		n := len(p.GT)
		labelLines := append([]string{}, p.GT[n-6:n-2]...)
		left := append([]string{}, p.GT[n-2:]...)
		p.GT = append(append(p.GT[:n-6], left...), labelLines...)
		p.Annot(c.ML+44, y+20, hand.Font.Key, 13, hand.Color, 0, r.Pick([]string{"7B", "12", "AMU"}))
		y = ly + 18
		// ruled columns: date/time | notes | signature
		p.Row(y, Piece{c.ML, c.Bold, "Date/Time", false}, Piece{c.ML + 80, c.Bold, "Notes (all entries must be signed and dated)", false}, Piece{c.MR - 40, c.Bold, "Sign", false})
		y += 6
		p.HRule(c.ML, c.MR, y, 0.8)
		p.VRule(c.ML+74, y, p.H-60, 0.5)
		p.VRule(c.MR-48, y, p.H-60, 0.5)
		for yy := y + 24; yy < p.H-60; yy += 24 {
			p.FillRect(c.ML, yy, c.TW, 0.35, RGB{0.55, 0.6, 0.75})
		}
		y += 20
		day := d.Letter.AddDays(pg)
		p.HandLine(c.ML+2, y, hand.With(func(s *Style) { s.Size *= 0.75 }), day.Fmt("d/m/yy"))
		p.HandLine(c.ML+2, y+24, hand.With(func(s *Style) { s.Size *= 0.75 }), "09:30")
		cnt := 0
		for ; ni < len(notes) && y < p.H-100; ni++ {
			p.HandLine(c.ML+80, y, hand, notes[ni])
			y += 24
			cnt++
			if cnt >= 7+d.Variant%3 {
				ni++
				break
			}
		}
		p.Signature(c.MR-44, y-30, 36, hand.Color, "Dr "+NewPerson(r, "").Last)
		c.Footer(p, "Form CS/1 - file in date order in the clinical notes. Do not write in the margins.")
	}
}

// ReverseSidePage makes the text printed on the back of a sheet; used only for
// bleed-through (mirrored, faint) and never part of the ground truth.
func ReverseSidePage(seed string, size [2]float64) *Page {
	r := NewRNG("reverse|" + seed)
	p := NewPage("rev/"+seed, size)
	st := S(sansSets[r.Intn(len(sansSets))].Reg, 10)
	y := 70.0
	pt := &Patient{Person: NewPerson(r, "")} // no NHS number: keeps the global registry untouched
	cl := NewClinical(r, pt, 60)
	for y < size[1]-80 {
		for _, s := range []string{cl.History, cl.Exam, cl.Invest, cl.Ask} {
			for _, l := range st.Wrap(s, size[0]-120) {
				if y > size[1]-80 {
					break
				}
				p.Text(60, y, st, l)
				y += 14
			}
			y += 8
		}
	}
	return p
}
