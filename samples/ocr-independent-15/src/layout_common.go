package main

import (
	"fmt"
	"strings"
)

type Doc struct {
	N                      int
	ID                     string
	Type, Kind             string
	Pat                    *Patient
	Pages                  []*Page
	NHS, DOB               string
	NHSPrinted, DOBPrinted string
	NHSLabel, DOBLabel     string
	Distr                  []Distractor
	Letter                 Date
	Notes                  []string
	R                      *RNG
	Sizes                  [][2]float64
	Variant                int
}

func (d *Doc) Size(i int) [2]float64 {
	if i < len(d.Sizes) {
		return d.Sizes[i]
	}
	return A4
}

func (d *Doc) NewPage(size [2]float64) *Page {
	p := NewPage(fmt.Sprintf("%s/p%d", d.ID, len(d.Pages)+1), size)
	d.Pages = append(d.Pages, p)
	return p
}

func (d *Doc) Dis(typ, text string) {
	for _, x := range d.Distr {
		if x.Type == typ && x.Text == text {
			return
		}
	}
	d.Distr = append(d.Distr, Distractor{typ, text})
}

var nhsStyles = []string{"spaced", "plain", "spaced", "dashed", "spaced", "plain"}
var dobStyles = []string{"dd/mm/yyyy", "d Month yyyy", "dd.mm.yy", "dd-Mon-yyyy", "dd/mm/yyyy", "dd Mon yyyy", "dth Month yyyy", "dd/mm/yy", "DD-MON-YYYY", "dd.mm.yyyy", "d Mon yyyy", "dd-mm-yyyy"}

// NHSStr returns the NHS number as it will be printed, recording the first use.
func (d *Doc) NHSStr(style, label string) string {
	s := NHSFmt(d.Pat.NHS, style)
	if d.NHSPrinted == "" {
		d.NHSPrinted, d.NHSLabel = s, label
		d.NHS = d.Pat.NHS
	}
	return s
}

func (d *Doc) DOBStr(style, label string) string {
	s := d.Pat.DOB.Fmt(style)
	if d.DOBPrinted == "" {
		d.DOBPrinted, d.DOBLabel = s, label
		d.DOB = d.Pat.DOB.ISO()
	}
	return s
}

func (d *Doc) Age() int { return AgeAt(d.Pat.DOB, d.Letter) }

// Fonts by family -> keys
type FontSet struct {
	Reg, Bold, Small string
}

var sansSets = []FontSet{
	{"OpenSans", "OpenSans-Bold", "OpenSans"},
	{"PTSans", "PTSans-Bold", "PTSansCaption"},
	{"ClearSans", "ClearSans-Bold", "ClearSans-Light"},
	{"Cabin", "Cabin-Bold", "Cabin"},
	{"Oxygen", "Oxygen-Bold", "Oxygen"},
	{"Andika", "Andika-Bold", "Andika"},
	{"B612", "B612-Bold", "B612"},
	{"Universalis", "Universalis-Bold", "Universalis-Cond"},
	{"Libris", "Libris-Bold", "Libris"},
}
var serifSets = []FontSet{
	{"PTSerif", "PTSerif-Bold", "PTSerif"},
	{"PTSerifCaption", "PTSerif-Bold", "PTSerifCaption"},
}
var monoKeys = []string{"JetBrainsMono", "AnonymousPro", "PTMono", "OxygenMono", "B612Mono"}
var handKeys = []string{"DancingScript", "Kristi", "Isabella"}

type Ctx struct {
	d                  *Doc
	r                  *RNG
	FS                 FontSet
	Body, Bold, Small  *Style
	Head               *Style
	Lead               float64
	ML, MR             float64
	TW                 float64
	InkCol             RGB
}

func NewCtx(d *Doc, fs FontSet, size float64, pageW float64) *Ctx {
	c := &Ctx{d: d, r: d.R, FS: fs}
	c.Body = S(fs.Reg, size)
	c.Bold = S(fs.Bold, size)
	c.Small = S(fs.Small, 8)
	c.Head = S(fs.Bold, size+3)
	c.Lead = size * 1.38
	c.ML = 56 + c.r.R(-8, 14)
	c.MR = pageW - 56 - c.r.R(-8, 10)
	c.TW = c.MR - c.ML
	return c
}

func (c *Ctx) Recolor(col RGB) {
	for _, s := range []*Style{c.Body, c.Bold, c.Small, c.Head} {
		s.Color = col
	}
}

// Block writes lines from y, returns the next baseline.
func (c *Ctx) Block(p *Page, x, y float64, st *Style, lines []string, lead float64) float64 {
	for _, l := range lines {
		p.Line(x, y, st, l)
		y += lead
	}
	return y
}

func (c *Ctx) BlockR(p *Page, xr, y float64, st *Style, lines []string, lead float64) float64 {
	for _, l := range lines {
		p.LineR(xr, y, st, l)
		y += lead
	}
	return y
}

// Practice letterhead; returns the baseline below it. variant 0: centred,
// 1: right-aligned block with logo at left, 2: left block with rule.
func (c *Ctx) PracticeHead(p *Page, pr *Practice, variant int, y float64) float64 {
	d := c.d
	d.Dis("practice_phone", pr.Tel)
	name := c.Head.With(func(s *Style) { s.Size += 2 })
	switch variant {
	case 0:
		p.Logo(pr.LogoKey, c.ML, y-10, 38, RGB{0.1, 0.35, 0.6}, false)
		cx := (c.ML + c.MR) / 2
		p.LineC(cx, y+4, name, pr.Name)
		y += name.Size * 1.3
		p.LineC(cx, y+4, c.Body, strings.Join(pr.Addr.All(), ", "))
		y += c.Lead
		p.LineC(cx, y+4, c.Body, fmt.Sprintf("Tel: %s   Fax: %s", pr.Tel, pr.Fax))
		d.Dis("practice_fax", pr.Fax)
		y += c.Lead + 4
		p.HRule(c.ML, c.MR, y, 0.8)
		y += c.Lead * 1.5
	case 1:
		p.Logo(pr.LogoKey, c.ML, y-12, 44, RGB{0.15, 0.45, 0.3}, false)
		p.LineR(c.MR, y, name, pr.Name)
		y += name.Size * 1.3
		y = c.BlockR(p, c.MR, y, c.Body, pr.Addr.All(), c.Lead)
		p.LineR(c.MR, y, c.Body, "Telephone: "+pr.Tel)
		y += c.Lead
		p.LineR(c.MR, y, c.Body, "Email: "+pr.Email)
		y += c.Lead * 1.6
	default:
		p.Line(c.ML, y, name, strings.ToUpper(pr.Name))
		y += name.Size * 1.25
		p.Line(c.ML, y, c.Body, strings.Join(pr.Addr.All(), " . "))
		y += c.Lead
		p.Line(c.ML, y, c.Body, fmt.Sprintf("Tel %s  Practice code %s", pr.Tel, pr.Code))
		d.Dis("practice_code", pr.Code)
		y += 6
		p.HRule(c.ML, c.MR, y, 1.6)
		y += c.Lead * 1.6
	}
	return y
}

// HospitalHead: NHS lozenge top right, trust name under it (right aligned),
// department block at left below.
func (c *Ctx) HospitalHead(p *Page, h *Hospital, dept string, halftone bool, y float64) float64 {
	lh := 30.0
	lw := lh * 2.45
	p.Logo("lozenge", c.MR-lw, y-22, lh, RGB{0.0, 0.37, 0.72}, halftone)
	y += lh - 6
	st := c.Bold.With(func(s *Style) { s.Size += 1.5; s.Color = RGB{0.0, 0.37, 0.72} })
	for _, l := range splitTrust(h.Trust) {
		p.LineR(c.MR, y, st, l)
		y += st.Size * 1.25
	}
	y += 6
	p.Line(c.ML, y, c.Bold, dept)
	y += c.Lead
	y = c.Block(p, c.ML, y, c.Body, append([]string{h.Site}, h.Addr.All()...), c.Lead)
	p.Line(c.ML, y, c.Body, "Switchboard: "+h.Switch)
	c.d.Dis("hospital_switchboard", h.Switch)
	y += c.Lead * 1.6
	return y
}

func splitTrust(t string) []string {
	i := strings.Index(t, " NHS")
	if i < 0 {
		return []string{t}
	}
	return []string{t[:i], strings.TrimSpace(t[i:])}
}

// RefLine prints a dictated-letter "Re:" block. Returns next baseline.
func (c *Ctx) ReBlock(p *Page, y float64, variant int) float64 {
	d := c.d
	pt := d.Pat
	nhs := d.NHSStr(c.r.Pick(nhsStyles), "")
	dob := d.DOBStr(c.r.Pick(dobStyles), "")
	switch variant {
	case 0:
		lbl := c.r.Pick([]string{"NHS No:", "NHS Number:", "NHS no.", "NHS No."})
		dl := c.r.Pick([]string{"DOB:", "D.O.B.", "Date of Birth:", "DOB"})
		d.NHSLabel, d.DOBLabel = lbl, dl
		p.Line(c.ML, y, c.Bold, "Re: "+pt.Full())
		y += c.Lead
		p.Line(c.ML, y, c.Bold, dl+" "+dob+"    "+lbl+" "+nhs)
		y += c.Lead
		p.Line(c.ML, y, c.Body, pt.Addr.OneLine())
		y += c.Lead * 1.5
	case 1:
		d.NHSLabel, d.DOBLabel = "NHS", "DOB"
		p.Line(c.ML, y, c.Bold, fmt.Sprintf("RE: %s %s %s - DOB %s - NHS %s", strings.ToUpper(pt.Title), strings.ToUpper(pt.First), strings.ToUpper(pt.Last), dob, nhs))
		y += c.Lead
		p.Line(c.ML, y, c.Body, pt.Addr.OneLine())
		y += c.Lead * 1.5
	default:
		d.NHSLabel, d.DOBLabel = "NHS Number", "Date of Birth"
		x2 := c.ML + 92
		p.Row(y, Piece{c.ML, c.Bold, "Patient:", false}, Piece{x2, c.Body, pt.Full(), false})
		y += c.Lead
		p.Row(y, Piece{c.ML, c.Bold, "Date of Birth:", false}, Piece{x2, c.Body, dob, false})
		y += c.Lead
		p.Row(y, Piece{c.ML, c.Bold, "NHS Number:", false}, Piece{x2, c.Body, nhs, false})
		y += c.Lead
		p.Row(y, Piece{c.ML, c.Bold, "Address:", false}, Piece{x2, c.Body, pt.Addr.OneLine(), false})
		y += c.Lead * 1.5
	}
	return y
}

func (c *Ctx) Sign(p *Page, y float64, gp Person, qual string) float64 {
	p.Line(c.ML, y, c.Body, c.r.Pick([]string{"Yours sincerely,", "Yours sincerely", "Kind regards,", "With best wishes,"}))
	y += c.Lead
	p.Signature(c.ML+4, y+18, c.r.R(70, 110), RGB{0.08, 0.12, 0.45}, DrFull(gp))
	y += 34
	p.Line(c.ML, y, c.Bold, DrFull(gp))
	y += c.Lead
	if qual != "" {
		p.Line(c.ML, y, c.Body, qual)
		y += c.Lead
	}
	return y
}

func (c *Ctx) Footer(p *Page, text string) {
	st := c.Small
	p.LineC((c.ML+c.MR)/2, p.H-30, st, text)
}

func medsLines(ms []string) []string { return ms }

func (c *Ctx) Section(p *Page, y float64, title, text string) float64 {
	p.Line(c.ML, y, c.Bold, title)
	y += c.Lead
	y = p.Para(c.ML, y, c.TW, c.Body, text, c.Lead)
	return y + c.Lead*0.5
}

func (c *Ctx) Bullets(p *Page, y float64, items []string) float64 {
	for _, it := range items {
		p.Line(c.ML+12, y, c.Body, "- "+it)
		y += c.Lead
	}
	return y
}

// Received stamp overlay with a date a few days after the letter.
func (c *Ctx) ReceivedStamp(p *Page, x, y float64) {
	rd := c.d.Letter.AddDays(c.r.IntR(2, 9)).Workday()
	lines := []string{"RECEIVED", rd.Fmt("DD MON YYYY")}
	if c.r.Chance(0.5) {
		lines = append(lines, c.r.Pick([]string{"MEDICAL RECORDS", "REFERRALS TEAM", "BOOKING CENTRE", "OUTPATIENTS"}))
	}
	col := []RGB{{0.75, 0.1, 0.12}, {0.15, 0.2, 0.65}, {0.45, 0.1, 0.5}}[c.r.Intn(3)]
	p.Stamp(x, y, lines, col, c.r.R(-12, 12), c.r.Chance(0.3))
	c.d.Dis("received_stamp_date", lines[1])
}

func (c *Ctx) Annotate(p *Page, x, y float64) {
	notes := []string{"Urgent - book within 2/52", "Triage: routine", "seen ok to book", "?2WW", "to Dr " + c.r.Pick(surnames), "Vetted - OPA 6/52", "CT first please", "pls chase bloods", "discuss at MDT", "Cons to see"}
	col := []RGB{{0.08, 0.15, 0.55}, {0.05, 0.05, 0.05}, {0.7, 0.1, 0.1}}[c.r.Intn(3)]
	p.Annot(x, y, c.r.Pick(handKeys), c.r.R(13, 17), col, c.r.R(-8, 4), c.r.Pick(notes))
}

func pick2(r *RNG, a, b string) string {
	if r.Chance(0.5) {
		return a
	}
	return b
}

func dateRange(r *RNG, y0, y1 int) Date { return RandDate(r, y0, y1).Workday() }
