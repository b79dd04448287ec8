package main

// The set plan: which documents, which layout, which file format, and which
// scan recipe for every page. Difficulty is fixed by the recipe.

type FileSpec struct {
	Ext      string // tif | jpg | png | pdf
	Out      string // gray | color | bilevel (default for pages)
	PageOut  []string
	TiffComp string // none | packbits | deflate | g4
	Big      bool
	Q        int
	Photo    int // bilevel TIFF photometric (0 WhiteIsZero, 1 BlackIsZero)
	PDFFlate bool
}

type DocPlan struct {
	Type, Kind string
	Lay        func(*Doc)
	Var        int
	Sizes      [][2]float64
	File       FileSpec
	Recipes    []string
	Years      [2]int
}

func a4(n int) [][2]float64 {
	s := make([][2]float64, n)
	for i := range s {
		s[i] = A4
	}
	return s
}

const (
	tRef   = "referral_letter"
	tClin  = "clinic_letter"
	tDis   = "discharge_summary"
	tLab   = "lab_result"
	tAppt  = "appointment_letter"
	tCont  = "continuation_sheet"
)

func Plan() []DocPlan {
	tifG4 := FileSpec{Ext: "tif", Out: "bilevel", TiffComp: "g4"}
	return []DocPlan{
		/*01*/ {tRef, "ers_referral_export", layERS, 0, a4(2), FileSpec{Ext: "pdf", Out: "gray", Q: 70}, []string{"clean300", "office"}, [2]int{2016, 2023}},
		/*02*/ {tRef, "dictated_letter", layDictated, 0, a4(1), FileSpec{Ext: "jpg", Out: "gray", Q: 75}, []string{"clean300"}, [2]int{2003, 2015}},
		/*03*/ {tClin, "clinic_letter", layClinic, 0, a4(1), FileSpec{Ext: "png", Out: "gray"}, []string{"clean300"}, [2]int{2008, 2022}},
		/*04*/ {tRef, "tickbox_2ww_proforma", layTick2WW, 0, a4(2), tifG4, []string{"copy1", "office"}, [2]int{2012, 2022}},
		/*05*/ {tRef, "emis_web_export", layEMIS, 0, [][2]float64{A4, Letter}, FileSpec{Ext: "pdf", Out: "color", Q: 60}, []string{"tinted", "rot90"}, [2]int{2012, 2023}},
		/*06*/ {tRef, "terse_note_with_label", layTerse, 0, a4(1), tifG4, []string{"copy3"}, [2]int{1998, 2012}},
		/*07*/ {tLab, "pathology_report", layLab, 0, a4(1), FileSpec{Ext: "jpg", Out: "color", Q: 55}, []string{"bleed"}, [2]int{2005, 2022}},
		/*08*/ {tRef, "demographics_box_beside_address", layDemoBox, 0, a4(1), FileSpec{Ext: "png", Out: "color"}, []string{"tinted"}, [2]int{2005, 2020}},
		/*09*/ {tRef, "fax_cover_and_letter", layFax, 0, a4(3), FileSpec{Ext: "tif", Out: "bilevel", TiffComp: "g4"}, []string{"fax_std", "fax_std", "fax_std"}, [2]int{1999, 2012}},
		/*10*/ {tRef, "soap_note", laySOAP, 0, a4(1), FileSpec{Ext: "jpg", Out: "gray", Q: 45}, []string{"lowq"}, [2]int{2010, 2022}},
		/*11*/ {tCont, "handwritten_continuation_sheet", layContinuation, 0, a4(1), FileSpec{Ext: "jpg", Out: "color", Q: 65}, []string{"office"}, [2]int{2001, 2018}},
		/*12*/ {tRef, "typewritten_letter", layTypewriter, 0, a4(1), FileSpec{Ext: "tif", Out: "gray", TiffComp: "packbits", Big: true}, []string{"copy1"}, [2]int{1986, 1996}},
		/*13*/ {tRef, "systmone_export", laySystmOne, 0, a4(1), FileSpec{Ext: "jpg", Out: "color", Q: 80}, []string{"clean400"}, [2]int{2012, 2023}},
		/*14*/ {tDis, "discharge_summary", layDischarge, 0, a4(2), FileSpec{Ext: "pdf", Out: "gray", Q: 65}, []string{"office", "fold"}, [2]int{2009, 2022}},
		/*15*/ {tRef, "two_page_first_page_header", layTwoPageHeader, 0, a4(2), FileSpec{Ext: "tif", Out: "gray", TiffComp: "deflate"}, []string{"clean300", "clean300"}, [2]int{2004, 2020}},
		/*16*/ {tRef, "dot_matrix_printout", layDotMatrix, 0, [][2]float64{Cont, Cont}, tifG4, []string{"office", "copy3"}, [2]int{1990, 1997}},
		/*17*/ {tAppt, "appointment_letter_reply_slip", layAppointment, 0, a4(1), FileSpec{Ext: "png", Out: "bilevel"}, []string{"clean300"}, [2]int{2006, 2022}},
		/*18*/ {tRef, "dictated_letter_two_page", layDictated, 1, [][2]float64{Letter, Letter}, FileSpec{Ext: "pdf", Out: "bilevel"}, []string{"office", "office"}, [2]int{2001, 2016}},
		/*19*/ {tRef, "vision_export", layVision, 0, a4(1), FileSpec{Ext: "tif", Out: "gray", TiffComp: "none"}, []string{"faint"}, [2]int{2004, 2016}},
		/*20*/ {tRef, "compliments_slip_with_letter", layCompliments, 0, [][2]float64{DL, A4}, FileSpec{Ext: "pdf", PageOut: []string{"color", "bilevel"}, Q: 72}, []string{"tinted", "office"}, [2]int{2002, 2019}},
		/*21*/ {tLab, "pathology_report_faxed", layLab, 1, a4(2), FileSpec{Ext: "tif", Out: "bilevel", TiffComp: "g4", Big: true}, []string{"fax_fine", "fax_fine"}, [2]int{2000, 2012}},
		/*22*/ {tRef, "ers_referral_export", layERS, 1, a4(1), FileSpec{Ext: "jpg", Out: "gray", Q: 85}, []string{"clean300"}, [2]int{2016, 2023}},
		/*23*/ {tRef, "header_band_every_page", layHeaderBand, 0, a4(2), FileSpec{Ext: "pdf", Out: "color", Q: 50}, []string{"rot180", "office"}, [2]int{2010, 2023}},
		/*24*/ {tClin, "clinic_letter_two_page", layClinic, 1, a4(2), FileSpec{Ext: "pdf", Out: "gray", PDFFlate: true}, []string{"resampled", "clean200"}, [2]int{2006, 2021}},
		/*25*/ {tRef, "tickbox_msk_form", layTickMSK, 0, a4(1), FileSpec{Ext: "jpg", Out: "gray", Q: 60}, []string{"rot270"}, [2]int{2011, 2022}},
		/*26*/ {tRef, "emis_web_export", layEMIS, 1, a4(1), FileSpec{Ext: "png", Out: "gray"}, []string{"bleed"}, [2]int{2012, 2023}},
		/*27*/ {tCont, "handwritten_continuation_sheet", layContinuation, 1, a4(2), FileSpec{Ext: "tif", Out: "color", TiffComp: "deflate"}, []string{"office150", "lowres150"}, [2]int{1995, 2010}},
		/*28*/ {tRef, "demographics_box_beside_address", layDemoBox, 1, a4(1), FileSpec{Ext: "tif", Out: "bilevel", TiffComp: "g4"}, []string{"copy1"}, [2]int{2003, 2018}},
		/*29*/ {tRef, "dictated_letter_thin_serif", layDictated, 2, a4(1), FileSpec{Ext: "jpg", Out: "gray", Q: 40}, []string{"lowres150"}, [2]int{1999, 2012}},
		/*30*/ {tDis, "discharge_summary", layDischarge, 1, a4(2), tifG4, []string{"copy1", "copy3"}, [2]int{2004, 2016}},
		/*31*/ {tRef, "terse_note_with_label", layTerse, 1, a4(1), FileSpec{Ext: "jpg", Out: "color", Q: 70}, []string{"wrecked"}, [2]int{2000, 2014}},
		/*32*/ {tRef, "two_page_first_page_header", layTwoPageHeader, 1, [][2]float64{Letter, A4}, FileSpec{Ext: "pdf", Out: "gray", Q: 75}, []string{"office", "clean300"}, [2]int{2004, 2020}},
		/*33*/ {tLab, "pathology_report_no_nhs_number", layLab, 2, a4(1), FileSpec{Ext: "png", Out: "gray"}, []string{"copy1_200"}, [2]int{1994, 2002}},
		/*34*/ {tRef, "tickbox_2ww_proforma", layTick2WW, 1, a4(1), FileSpec{Ext: "jpg", Out: "color", Q: 60}, []string{"fold"}, [2]int{2012, 2022}},
		/*35*/ {tRef, "systmone_export", laySystmOne, 1, a4(1), FileSpec{Ext: "tif", Out: "bilevel", TiffComp: "packbits", Photo: 1, Big: true}, []string{"clean300"}, [2]int{2012, 2023}},
		/*36*/ {tAppt, "appointment_letter_a5", layAppointment, 1, [][2]float64{A5}, FileSpec{Ext: "jpg", Out: "color", Q: 75}, []string{"tinted"}, [2]int{2008, 2022}},
		/*37*/ {tRef, "email_printout", layEmail, 0, a4(1), FileSpec{Ext: "png", Out: "gray"}, []string{"clean300"}, [2]int{2014, 2023}},
		/*38*/ {tClin, "clinic_letter", layClinic, 2, a4(1), FileSpec{Ext: "tif", Out: "color", TiffComp: "deflate"}, []string{"tinted200"}, [2]int{2008, 2022}},
		/*39*/ {tRef, "fax_referral_single", layFax, 1, a4(1), FileSpec{Ext: "tif", Out: "bilevel", TiffComp: "g4"}, []string{"fax_stretch"}, [2]int{1998, 2010}},
		/*40*/ {tRef, "two_page_first_page_header", layTwoPageHeader, 2, a4(2), tifG4, []string{"copy1", "rot90"}, [2]int{2004, 2020}},
		/*41*/ {tDis, "discharge_summary_one_page", layDischarge, 2, a4(1), FileSpec{Ext: "jpg", Out: "gray", Q: 50}, []string{"faint"}, [2]int{2006, 2018}},
		/*42*/ {tCont, "handwritten_continuation_sheet", layContinuation, 2, a4(1), FileSpec{Ext: "png", Out: "color"}, []string{"office200"}, [2]int{2001, 2018}},
		/*43*/ {tRef, "demographics_box_beside_address", layDemoBox, 2, a4(1), FileSpec{Ext: "jpg", Out: "gray", Q: 70}, []string{"resampled"}, [2]int{2003, 2018}},
		/*44*/ {tRef, "ers_referral_export", layERS, 2, a4(1), tifG4, []string{"office"}, [2]int{2016, 2023}},
		/*45*/ {tClin, "clinic_letter", layClinic, 3, a4(1), FileSpec{Ext: "jpg", Out: "gray", Q: 80}, []string{"clean400"}, [2]int{2008, 2022}},
		/*46*/ {tRef, "soap_note", laySOAP, 1, a4(1), FileSpec{Ext: "pdf", Out: "color", Q: 45}, []string{"bleed_hard"}, [2]int{2010, 2022}},
	}
}

var paperTints = []struct {
	Name string
	C    RGB
}{{"pale_yellow", RGB{0.99, 0.96, 0.78}}, {"pink", RGB{0.99, 0.88, 0.9}}, {"pale_blue", RGB{0.86, 0.92, 0.99}}, {"pale_green", RGB{0.88, 0.97, 0.86}}, {"buff", RGB{0.95, 0.9, 0.8}}}

// Recipe builds the scan spec of a page; it returns the difficulty label.
func Recipe(name string, r *RNG, out string) (*ScanSpec, string) {
	s := &ScanSpec{DPI: 300, Output: out, Paper: White, PaperName: "white", Bg: RGB{0.96, 0.96, 0.96}, SkewInterp: "bilinear", Binarise: "otsu"}
	if r.Chance(0.5) {
		s.SkewInterp = "catmullrom"
	}
	skew := func(a, b float64) float64 { return r.Sign() * r.R(a, b) }
	diff := "moderate"
	switch name {
	case "clean300", "clean400", "clean200":
		s.DPI = map[string]int{"clean300": 300, "clean400": 400, "clean200": 200}[name]
		s.Skew = skew(0.05, 0.3)
		s.Noise = 0.008
		s.Blur = 0.35
		diff = "clean"
	case "office", "office150", "office200":
		if name == "office150" {
			s.DPI = 150
		} else if name == "office200" {
			s.DPI = 200
		}
		s.Skew = skew(0.5, 2.0)
		s.Noise = 0.02
		s.Blur = 0.55 * float64(s.DPI) / 300
		s.Light = 0.06
		s.Staple = r.Chance(0.5)
		s.Punch = r.Chance(0.5)
		s.PaperTex = 0.05
		s.Bg = RGB{0.2, 0.2, 0.22}
		s.ShiftX = r.R(-6, 6)
		s.ShiftY = r.R(-6, 6)
		s.EdgeShadow = 0.25
	case "copy1", "copy1_200":
		if name == "copy1_200" {
			s.DPI = 200
		}
		s.Copies = 1
		s.Toner = 0.35
		s.Streaks = r.IntR(1, 3)
		s.Skew = skew(0.4, 1.5)
		s.Noise = 0.02
		s.Blur = 0.5
		s.Punch = r.Chance(0.6)
		s.Bg = RGB{0.15, 0.15, 0.15}
		s.Binarise = "fixed"
	case "copy3":
		s.Copies = 3
		s.CopyDark = true
		s.Toner = 0.45
		s.Streaks = r.IntR(5, 8)
		s.Skew = skew(2.2, 3.0)
		s.Noise = 0.03
		s.Blur = 0.7
		s.Staple = true
		s.Bg = RGB{0.1, 0.1, 0.1}
		s.Binarise = "adaptive"
		diff = "hard"
	case "tinted", "tinted200":
		if name == "tinted200" {
			s.DPI = 200
		}
		t := paperTints[r.Intn(len(paperTints))]
		s.Paper, s.PaperName = t.C, t.Name
		s.PaperTex = 0.08
		s.Coffee = 1
		s.Skew = skew(0.3, 1.2)
		s.Noise = 0.015
		s.Blur = 0.45
		s.Light = 0.05
		s.Halftone = 85
	case "bleed":
		s.Bleed = float32(r.R(0.08, 0.12))
		s.BleedSeed = "bleed"
		s.PaperTex = 0.1
		s.Skew = skew(0.3, 1.5)
		s.Noise = 0.02
		s.Blur = 0.5
		s.Crease = r.Chance(0.6)
	case "bleed_hard":
		s.Bleed = 0.2
		s.BleedSeed = "bleedhard"
		s.PaperTex = 0.12
		s.LowContrast = 0.4
		s.Skew = skew(1.5, 2.8)
		s.Noise = 0.035
		s.Blur = 0.8
		s.Crease = true
		s.Coffee = 1
		diff = "hard"
	case "fold":
		s.BookFold = 0.45
		s.EdgeShadow = 0.45
		s.Skew = skew(0.8, 2.0)
		s.Noise = 0.02
		s.Blur = 0.55
		s.Light = 0.1
		s.Bg = RGB{0.12, 0.12, 0.12}
		s.ShiftX = r.R(8, 14)
	case "fax_std":
		s.DPI, s.DPIY = 200, 100
		s.Fax = true
		s.FaxBand = 2.5
		s.Skew = skew(0.5, 1.5)
		s.Noise = 0.03
		s.Blur = 0.5
		s.Binarise = []string{"fixed", "dither"}[r.Intn(2)]
		if s.Binarise == "dither" {
			s.Noise = 0.008
			s.PaperTex = 0
		}
		s.Halftone = 0
		diff = "hard"
	case "fax_fine":
		s.DPI = 200
		s.Fax = true
		s.FaxBand = 1.0
		s.Skew = skew(0.3, 1.0)
		s.Noise = 0.02
		s.Blur = 0.45
		s.Binarise = "fixed"
	case "fax_stretch":
		s.DPI, s.DPIY = 200, 100
		s.Fax = true
		s.FaxStretch = true
		s.FaxBand = 2.0
		s.Skew = skew(0.8, 2.0)
		s.Noise = 0.03
		s.Blur = 0.5
		s.Binarise = "fixed"
		diff = "hard"
	case "lowq":
		s.DPI = 200
		s.PreJPEG = 30
		s.Skew = skew(0.4, 1.6)
		s.Noise = 0.02
		s.Blur = 0.6
		s.Light = 0.08
	case "faint":
		s.DPI = 200
		s.Ink = 0.4
		s.LowContrast = 0.45
		s.Noise = 0.035
		s.Blur = 0.6
		s.Skew = skew(0.5, 1.5)
		s.Toner = 0.3
		diff = "hard"
	case "lowres150":
		s.DPI = 150
		s.PreJPEG = 25
		s.Blur = 0.7
		s.Noise = 0.03
		s.Skew = skew(1.0, 2.5)
		s.Light = 0.12
		diff = "hard"
	case "resampled":
		if r.Chance(0.5) {
			s.RenderDPI, s.DPI = 200, 300
		} else {
			s.RenderDPI, s.DPI = 400, 300
			s.ResampleInterp = "nearest"
		}
		s.Skew = skew(0.3, 1.2)
		s.Noise = 0.015
		s.Blur = 0.6
		s.Halftone = 100
	case "wrecked":
		t := paperTints[r.Intn(len(paperTints))]
		s.Paper, s.PaperName = t.C, t.Name
		s.Copies = 1
		s.CopyDark = true
		s.Coffee = 2
		s.Bleed = 0.12
		s.BleedSeed = "wrecked"
		s.Skew = skew(2.5, 3.0)
		s.Toner = 0.45
		s.Streaks = 4
		s.Noise = 0.03
		s.Blur = 0.6
		s.Crease = true
		diff = "hard"
	case "rot90", "rot180", "rot270":
		s.Rot = map[string]int{"rot90": 90, "rot180": 180, "rot270": 270}[name]
		s.Skew = skew(0.3, 1.5)
		s.Noise = 0.02
		s.Blur = 0.5
		s.Light = 0.05
		s.Punch = r.Chance(0.5)
	default:
		panic("recipe " + name)
	}
	if s.Quality == 0 {
		s.Quality = 75
	}
	return s, diff
}
