package main

// Page model: a display list in points plus the ground-truth lines recorded
// in reading order as the layout code places printed text.

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

const (
	LPrint   = 0 // printed content (subject to toner/ribbon effects)
	LOverlay = 1 // stamps, handwriting, highlighter, signatures
	LDigital = 2 // added digitally by the sending fax (after the scan geometry)
)

type Op struct {
	Layer int
	Draw  func(rd *Renderer)
}

type Distractor struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type Page struct {
	W, H     float64
	SizeName string
	Ops      []Op
	GT       []string
	Overlay  []string
	Hand     []string
	LogoText []string
	Tags     []string
	Fonts    map[string]bool
	Colour   bool // has coloured printed/overlay elements
	seedN    int
	id       string
	Scan     *ScanSpec
}

var (
	A4     = [2]float64{595.28, 841.89}
	Letter = [2]float64{612, 792}
	A5     = [2]float64{419.53, 595.28}
	DL     = [2]float64{595.28, 280.63} // 210 x 99 mm landscape compliments slip
	Legal  = [2]float64{612, 1008}
	Cont   = [2]float64{684, 792} // 9.5 x 11 in continuous stationery
)

func sizeName(s [2]float64) string {
	switch s {
	case A4:
		return "A4"
	case Letter:
		return "Letter"
	case A5:
		return "A5"
	case DL:
		return "DL"
	case Legal:
		return "Legal"
	case Cont:
		return "continuous_9.5x11in"
	}
	return "custom"
}

func NewPage(id string, size [2]float64) *Page {
	return &Page{W: size[0], H: size[1], SizeName: sizeName(size), Fonts: map[string]bool{}, id: id}
}

func (p *Page) seed() string {
	p.seedN++
	return p.id + "#" + itoa(p.seedN)
}

func normGT(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (p *Page) GTLine(s string) {
	s = normGT(s)
	if s != "" {
		p.GT = append(p.GT, s)
	}
}

func (p *Page) add(layer int, f func(rd *Renderer)) { p.Ops = append(p.Ops, Op{layer, f}) }

func (p *Page) Tag(t string) {
	for _, x := range p.Tags {
		if x == t {
			return
		}
	}
	p.Tags = append(p.Tags, t)
}

func (p *Page) useFont(st *Style) {
	p.Fonts[st.Font.Family] = true
	switch st.Mode {
	case ModeDotMatrix:
		p.Tag("dot_matrix_print")
	case ModeTypewriter:
		p.Tag("typewriter_print")
	}
	if st.Gamma > 1.2 {
		p.Tag("thin_strokes")
	}
	if st.Size <= 8.01 {
		p.Tag("small_text_8pt_or_less")
	}
	if st.Knockout {
		p.Tag("reverse_video_text")
	} else if st.Color != Black && lum(st.Color) > 0.3 && st.Color[0] == st.Color[1] {
		p.Tag("grey_print")
	}
	if st.Color != Black && (st.Color[0] != st.Color[1] || st.Color[1] != st.Color[2]) {
		p.Colour = true
	}
}

// Text draws printed text without recording ground truth.
func (p *Page) Text(x, y float64, st *Style, s string) float64 {
	if s == "" {
		return 0
	}
	if y > p.H-14 || y < 8 || x < 4 || x+st.Width(s) > p.W-4 {
		panic(fmt.Sprintf("%s: text outside page at (%.0f,%.0f) w=%.0f: %q", p.id, x, y, st.Width(s), s))
	}
	p.useFont(st)
	sd := p.seed()
	p.add(LPrint, func(rd *Renderer) { rd.DrawText(x, y, st, s, 0, sd) })
	return st.Width(s)
}

// Line draws one printed line and records it.
func (p *Page) Line(x, y float64, st *Style, s string) float64 {
	p.GTLine(s)
	return p.Text(x, y, st, s)
}

func (p *Page) LineR(xr, y float64, st *Style, s string) {
	p.Line(xr-st.Width(s), y, st, s)
}

func (p *Page) LineC(xc, y float64, st *Style, s string) {
	p.Line(xc-st.Width(s)/2, y, st, s)
}

// Para wraps text to width w from baseline y; returns the baseline after.
func (p *Page) Para(x, y, w float64, st *Style, text string, lead float64) float64 {
	for _, l := range st.Wrap(text, w) {
		p.Line(x, y, st, l)
		y += lead
	}
	return y
}

// Piece is one text run on a shared baseline (cells, label/value pairs).
type Piece struct {
	X  float64
	St *Style
	T  string
	R  bool // right-aligned at X
}

// Row draws pieces on one baseline and records them as ONE ground-truth line
// joined by single spaces, left to right.
func (p *Page) Row(y float64, ps ...Piece) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].X < ps[j].X })
	var parts []string
	for _, pc := range ps {
		if pc.T == "" {
			continue
		}
		x := pc.X
		if pc.R {
			x -= pc.St.Width(pc.T)
		}
		p.Text(x, y, pc.St, pc.T)
		parts = append(parts, pc.T)
	}
	p.GTLine(strings.Join(parts, " "))
}

// ---------- graphics (not text) ----------

func (p *Page) FillRect(x, y, w, h float64, col RGB) {
	p.noteCol(col)
	p.add(LPrint, func(rd *Renderer) { rd.Fill(RectPath(x, y, w, h), FillOpt{Color: col}) })
}

func (p *Page) noteCol(col RGB) {
	if col[0] != col[1] || col[1] != col[2] {
		p.Colour = true
	}
}

func (p *Page) HRule(x1, x2, y, lw float64) {
	p.FillRect(x1, y-lw/2, x2-x1, lw, Black)
}

func (p *Page) VRule(x, y1, y2, lw float64) {
	p.FillRect(x-lw/2, y1, lw, y2-y1, Black)
}

func (p *Page) Box(x, y, w, h, lw float64, col RGB) {
	p.noteCol(col)
	p.add(LPrint, func(rd *Renderer) {
		var path Path
		path = append(path, RectPath(x, y, w, lw)...)
		path = append(path, RectPath(x, y+h-lw, w, lw)...)
		path = append(path, RectPath(x, y, lw, h)...)
		path = append(path, RectPath(x+w-lw, y, lw, h)...)
		rd.Fill(path, FillOpt{Color: col})
	})
}

// TickBox draws a printed square; mark: 0 none, 1 printed X, 2 printed tick.
func (p *Page) TickBox(x, y, sz float64, mark int) {
	p.Box(x, y, sz, sz, 0.6, Black)
	if mark == 1 {
		p.add(LPrint, func(rd *Renderer) {
			m := sz * 0.2
			path := Stroke([][2]float64{{x + m, y + m}, {x + sz - m, y + sz - m}}, 0.9)
			path = append(path, Stroke([][2]float64{{x + sz - m, y + m}, {x + m, y + sz - m}}, 0.9)...)
			rd.Fill(path, FillOpt{Color: Black})
		})
	} else if mark == 2 {
		p.add(LPrint, func(rd *Renderer) {
			rd.Fill(Stroke([][2]float64{{x + sz*0.2, y + sz*0.55}, {x + sz*0.42, y + sz*0.8}, {x + sz*0.85, y + sz*0.2}}, 1.0), FillOpt{Color: Black})
		})
	}
}

// Logo draws a trust/practice emblem of height h at (x,y) top-left; it is a
// graphic, never ground truth. Returns its width.
func (p *Page) Logo(kind string, x, y, h float64, col RGB, halftone bool) float64 {
	p.noteCol(col)
	if halftone {
		p.Tag("halftone_logo_moire")
	}
	w := h
	switch kind {
	case "lozenge":
		w = h * 2.45
		p.LogoText = append(p.LogoText, "NHS")
		p.Fonts["Open Sans"] = true
		p.add(LPrint, func(rd *Renderer) {
			rd.Fill(RectPath(x, y, w, h), FillOpt{Color: col, Halftone: halftone})
			st := S("OpenSans-BoldItalic", h*0.86)
			tw := st.Width("NHS")
			// white letters knocked out of the lozenge
			sub := &Renderer{Dst: rd.Dst, M: rd.M, SX: rd.SX, ras: rd.ras, Tex: rd.Tex, Rng: rd.Rng}
			k := st.Size / st.Font.UPM
			pen := x + (w-tw)/2
			for _, r := range "NHS" {
				g := st.Font.glyph(r)
				pth := g.Path.Transform(Scale(k, k).Then(Translate(pen, y+h*0.8)).Then(rd.M))
				sub.FillPx(pth, FillOpt{Color: White, Over: true})
				pen += g.Adv * k
			}
		})
	case "tree":
		p.add(LPrint, func(rd *Renderer) {
			var pth Path
			pth = append(pth, EllipsePath(x+h/2, y+h*0.38, h*0.36, h*0.34, 40)...)
			pth = append(pth, RectPath(x+h*0.44, y+h*0.55, h*0.12, h*0.45)...)
			rd.Fill(pth, FillOpt{Color: col, Halftone: halftone})
			var leaves Path
			for i := 0; i < 5; i++ {
				a := float64(i) * 2 * math.Pi / 5
				leaves = append(leaves, EllipsePath(x+h/2+math.Cos(a)*h*0.17, y+h*0.38+math.Sin(a)*h*0.17, h*0.07, h*0.07, 16)...)
			}
			rd.Fill(leaves, FillOpt{Color: White, Over: true})
		})
	case "cross":
		p.add(LPrint, func(rd *Renderer) {
			rd.Fill(EllipsePath(x+h/2, y+h/2, h/2, h/2, 48), FillOpt{Color: col, Halftone: halftone})
			var c Path
			c = append(c, RectPath(x+h*0.4, y+h*0.15, h*0.2, h*0.7)...)
			c = append(c, RectPath(x+h*0.15, y+h*0.4, h*0.7, h*0.2)...)
			rd.Fill(c, FillOpt{Color: White, Over: true})
		})
	case "waves":
		p.add(LPrint, func(rd *Renderer) {
			rd.Fill(RectPath(x, y, h, h), FillOpt{Color: col, Halftone: halftone})
			for k := 0; k < 3; k++ {
				var pts [][2]float64
				for i := 0; i <= 24; i++ {
					t := float64(i) / 24
					pts = append(pts, [2]float64{x + h*0.1 + t*h*0.8, y + h*(0.3+0.2*float64(k)) + math.Sin(t*2*math.Pi)*h*0.06})
				}
				rd.Fill(Stroke(pts, h*0.07), FillOpt{Color: White, Over: true})
			}
		})
	case "shield":
		p.add(LPrint, func(rd *Renderer) {
			var s Path
			s.M(x, y)
			s.L(x, y+h*0.55)
			s.Q(x, y+h*0.85, x+h*0.45, y+h)
			s.Q(x+h*0.9, y+h*0.85, x+h*0.9, y+h*0.55)
			s.L(x+h*0.9, y)
			rd.Fill(s, FillOpt{Color: col, Halftone: halftone})
			rd.Fill(Stroke([][2]float64{{x + h*0.12, y + h*0.3}, {x + h*0.45, y + h*0.6}, {x + h*0.78, y + h*0.3}}, h*0.1), FillOpt{Color: White, Over: true})
		})
		w = h * 0.9
	}
	return w
}

// ---------- overlays (never ground truth; listed in the manifest) ----------

// Stamp draws a rubber stamp (border + lines) centred at (cx,cy), rotated.
func (p *Page) Stamp(cx, cy float64, lines []string, col RGB, angle float64, oval bool) {
	p.noteCol(col)
	p.Overlay = append(p.Overlay, strings.Join(lines, " | "))
	p.Tag("rubber_stamp")
	sd := p.seed()
	st := S("B612-Bold", 10.5)
	p.Fonts[st.Font.Family] = true
	p.add(LOverlay, func(rd *Renderer) {
		lead := 13.0
		maxw := 0.0
		for _, l := range lines {
			maxw = math.Max(maxw, st.Width(l))
		}
		w := maxw + 18
		h := lead*float64(len(lines)) + 10
		rot := RotateAbout(angle, cx, cy)
		sub := *rd
		sub.M = rot.Then(rd.M)
		var b Path
		if oval {
			b = append(b, EllipsePath(cx, cy, w/2+8, h/2+4, 60)...)
			rin := EllipsePath(cx, cy, w/2+5.6, h/2+1.6, 60)
			// reverse inner to cut a ring
			for i, j := 0, len(rin)-1; i < j; i, j = i+1, j-1 {
				rin[i], rin[j] = rin[j], rin[i]
			}
			rin[0].Op, rin[len(rin)-1].Op = 'M', 'L'
			b = append(b, rin...)
		} else {
			x0, y0 := cx-w/2, cy-h/2
			lw := 1.6
			b = append(b, RectPath(x0, y0, w, lw)...)
			b = append(b, RectPath(x0, y0+h-lw, w, lw)...)
			b = append(b, RectPath(x0, y0, lw, h)...)
			b = append(b, RectPath(x0+w-lw, y0, lw, h)...)
		}
		sub.Fill(b, FillOpt{Color: col, Opacity: 0.85, Texture: 0.6})
		y := cy - h/2 + 5 + lead*0.8
		for i, l := range lines {
			lw := st.Width(l)
			sub.DrawText(cx-lw/2, y, st.With(func(s *Style) { s.Color = col; s.Opacity = 0.85 }), l, 0, sd+itoa(i))
			y += lead
		}
		_ = sub
	})
}

// Annot writes a handwritten note (overlay) at (x,y) baseline.
func (p *Page) Annot(x, y float64, font string, size float64, col RGB, angle float64, text string) {
	p.noteCol(col)
	p.Overlay = append(p.Overlay, text)
	p.Tag("handwritten_annotation")
	st := S(font, size).With(func(s *Style) { s.Mode = ModeHand; s.Jitter = 1; s.Color = col; s.Slant = 0.1 })
	p.Fonts[st.Font.Family] = true
	sd := p.seed()
	p.add(LOverlay, func(rd *Renderer) { rd.DrawText(x, y, st, text, angle, sd) })
}

// HandLine writes handwritten body text (continuation sheets): not ground
// truth, transcript kept separately in the manifest.
func (p *Page) HandLine(x, y float64, st *Style, text string) {
	p.noteCol(st.Color)
	p.Hand = append(p.Hand, text)
	p.Tag("handwritten_body")
	p.Fonts[st.Font.Family] = true
	sd := p.seed()
	p.add(LOverlay, func(rd *Renderer) { rd.DrawText(x, y, st, text, 0, sd) })
}

// Scribble draws handwritten marks without text: underline, circle, arrow, tick.
func (p *Page) Scribble(kind string, x, y, w, h float64, col RGB) {
	p.noteCol(col)
	p.Tag("handwritten_marks")
	sd := p.seed()
	p.add(LOverlay, func(rd *Renderer) {
		r := NewRNG("scr|" + sd)
		var pts [][2]float64
		switch kind {
		case "underline":
			for i := 0; i <= 20; i++ {
				t := float64(i) / 20
				pts = append(pts, [2]float64{x + t*w, y + math.Sin(t*3+r.F())*1.2 + t*r.R(-2, 2)})
			}
		case "circle":
			a0 := r.R(0, 6)
			for i := 0; i <= 50; i++ {
				t := a0 + float64(i)/50*2*math.Pi*1.08
				pts = append(pts, [2]float64{x + w/2 + math.Cos(t)*w/2*(1+0.04*math.Sin(3*t)), y + h/2 + math.Sin(t)*h/2})
			}
		case "tick":
			pts = [][2]float64{{x, y + h*0.5}, {x + w*0.3, y + h}, {x + w, y}}
		case "arrow":
			pts = [][2]float64{{x, y}, {x + w, y + h}}
			rd.Fill(Stroke(pts, 1.1), FillOpt{Color: col, Opacity: 0.9})
			a := math.Atan2(h, w)
			pts = [][2]float64{{x + w - 8*math.Cos(a-0.4), y + h - 8*math.Sin(a-0.4)}, {x + w, y + h}, {x + w - 8*math.Cos(a+0.4), y + h - 8*math.Sin(a+0.4)}}
		}
		rd.Fill(Stroke(pts, 1.1), FillOpt{Color: col, Opacity: 0.9, Texture: 0.2})
	})
}

// Signature draws a scribbled signature (overlay; its reading is recorded).
func (p *Page) Signature(x, y, w float64, col RGB, name string) {
	p.noteCol(col)
	p.Overlay = append(p.Overlay, "[signature: "+name+"]")
	p.Tag("signature")
	sd := p.seed()
	p.add(LOverlay, func(rd *Renderer) {
		r := NewRNG("sig|" + sd)
		var pts [][2]float64
		var ws []float64
		n := 160
		f1, f2, f3 := r.R(5, 9), r.R(11, 17), r.R(2, 4)
		a1, a2 := r.R(4, 8), r.R(2, 4)
		for i := 0; i <= n; i++ {
			t := float64(i) / float64(n)
			px := x + t*w + math.Sin(t*f2*math.Pi)*w*0.035
			py := y - a1*math.Sin(t*f1*math.Pi) - a2*math.Sin(t*f3*math.Pi+1) + t*r.R(-1, 1)
			pts = append(pts, [2]float64{px, py})
			ws = append(ws, 0.5+0.9*math.Abs(math.Sin(t*f1*math.Pi*0.5+0.3)))
		}
		rd.Fill(StrokePolyline(pts, ws), FillOpt{Color: col, Opacity: 0.92, Texture: 0.2})
		// flourish underline
		rd.Fill(Stroke([][2]float64{{x + w*0.1, y + 5}, {x + w*0.5, y + 7}, {x + w*1.05, y + 3}}, 0.8), FillOpt{Color: col, Opacity: 0.9})
	})
}

// Highlight draws a translucent highlighter stroke over a text line.
func (p *Page) Highlight(x, y, w, h float64, col RGB) {
	p.noteCol(col)
	p.Tag("highlighter")
	sd := p.seed()
	p.add(LOverlay, func(rd *Renderer) {
		r := NewRNG("hl|" + sd)
		var pth Path
		n := 12
		pth.M(x, y+r.R(-1, 1))
		for i := 1; i <= n; i++ {
			pth.L(x+w*float64(i)/float64(n), y+r.R(-1.2, 1.2)+float64(i)*0.08)
		}
		for i := n; i >= 0; i-- {
			pth.L(x+w*float64(i)/float64(n)+r.R(-0.5, 0.5), y+h+r.R(-1.2, 1.2)+float64(i)*0.08)
		}
		// reverse orientation to match RectPath winding is irrelevant for a single shape
		rd.Fill(pth, FillOpt{Color: col, Opacity: 0.55, Texture: 0.15})
	})
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var b []byte
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}
