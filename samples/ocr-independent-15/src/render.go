package main

// Vector rendering: our own glyph placement from sfnt outlines, paths and
// strokes, rasterised with golang.org/x/image/vector into coverage masks that
// are composited onto the float raster.

import (
	"fmt"
	"image"
	"math"
	"os"
	"sort"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// ---------- affine transforms ----------

// Aff maps (x,y) -> (A*x + B*y + C, D*x + E*y + F).
type Aff struct{ A, B, C, D, E, F float64 }

var Ident = Aff{1, 0, 0, 0, 1, 0}

func (m Aff) Apply(x, y float64) (float64, float64) {
	return m.A*x + m.B*y + m.C, m.D*x + m.E*y + m.F
}

// Then returns m followed by n (n∘m).
func (m Aff) Then(n Aff) Aff {
	return Aff{
		n.A*m.A + n.B*m.D, n.A*m.B + n.B*m.E, n.A*m.C + n.B*m.F + n.C,
		n.D*m.A + n.E*m.D, n.D*m.B + n.E*m.E, n.D*m.C + n.E*m.F + n.F,
	}
}

func Translate(x, y float64) Aff { return Aff{1, 0, x, 0, 1, y} }
func Scale(sx, sy float64) Aff   { return Aff{sx, 0, 0, 0, sy, 0} }

// Rotate clockwise (y-down) by deg about (cx,cy).
func RotateAbout(deg, cx, cy float64) Aff {
	t := deg * math.Pi / 180
	c, s := math.Cos(t), math.Sin(t)
	return Translate(-cx, -cy).Then(Aff{c, -s, 0, s, c, 0}).Then(Translate(cx, cy))
}

// ---------- paths ----------

type PSeg struct {
	Op byte // 'M','L','Q','C'
	P  [3][2]float64
}

type Path []PSeg

func (p *Path) M(x, y float64) { *p = append(*p, PSeg{Op: 'M', P: [3][2]float64{{x, y}}}) }
func (p *Path) L(x, y float64) { *p = append(*p, PSeg{Op: 'L', P: [3][2]float64{{x, y}}}) }
func (p *Path) Q(x1, y1, x, y float64) {
	*p = append(*p, PSeg{Op: 'Q', P: [3][2]float64{{x1, y1}, {x, y}}})
}
func (p *Path) Cu(x1, y1, x2, y2, x, y float64) {
	*p = append(*p, PSeg{Op: 'C', P: [3][2]float64{{x1, y1}, {x2, y2}, {x, y}}})
}

func nArgs(op byte) int {
	switch op {
	case 'Q':
		return 2
	case 'C':
		return 3
	}
	return 1
}

func (p Path) Transform(m Aff) Path {
	out := make(Path, len(p))
	for i, s := range p {
		out[i].Op = s.Op
		for k := 0; k < nArgs(s.Op); k++ {
			out[i].P[k][0], out[i].P[k][1] = m.Apply(s.P[k][0], s.P[k][1])
		}
	}
	return out
}

func (p Path) Bounds() (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range p {
		for k := 0; k < nArgs(s.Op); k++ {
			x, y := s.P[k][0], s.P[k][1]
			x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
		}
	}
	return
}

// RectPath, EllipsePath produce closed shapes with one consistent orientation
// (so that overlapping pieces of one path union under x/image/vector's
// absolute-value accumulation).
func RectPath(x, y, w, h float64) Path {
	var p Path
	p.M(x, y)
	p.L(x, y+h)
	p.L(x+w, y+h)
	p.L(x+w, y)
	return p
}

func EllipsePath(cx, cy, rx, ry float64, n int) Path {
	var p Path
	if n < 12 {
		n = 12
	}
	for i := 0; i <= n; i++ {
		t := -2 * math.Pi * float64(i) / float64(n)
		x, y := cx+rx*math.Cos(t), cy+ry*math.Sin(t)
		if i == 0 {
			p.M(x, y)
		} else {
			p.L(x, y)
		}
	}
	return p
}

// StrokePolyline returns a filled outline of a polyline with per-vertex
// widths and round joins/caps.
func StrokePolyline(pts [][2]float64, widths []float64) Path {
	var p Path
	for i := 0; i+1 < len(pts); i++ {
		x0, y0 := pts[i][0], pts[i][1]
		x1, y1 := pts[i+1][0], pts[i+1][1]
		dx, dy := x1-x0, y1-y0
		l := math.Hypot(dx, dy)
		if l < 1e-9 {
			continue
		}
		w0, w1 := widths[i]/2, widths[i+1]/2
		nx, ny := -dy/l, dx/l
		p.M(x0+nx*w0, y0+ny*w0)
		p.L(x1+nx*w1, y1+ny*w1)
		p.L(x1-nx*w1, y1-ny*w1)
		p.L(x0-nx*w0, y0-ny*w0)
	}
	for i := range pts {
		r := widths[i] / 2
		if r <= 0 {
			continue
		}
		// circles with the same orientation as the quads above
		n := 10
		for k := 0; k <= n; k++ {
			t := 2 * math.Pi * float64(k) / float64(n)
			x, y := pts[i][0]+r*math.Cos(t), pts[i][1]-r*math.Sin(t)
			if k == 0 {
				p.M(x, y)
			} else {
				p.L(x, y)
			}
		}
	}
	return p
}

func Stroke(pts [][2]float64, w float64) Path {
	ws := make([]float64, len(pts))
	for i := range ws {
		ws[i] = w
	}
	return StrokePolyline(pts, ws)
}

// ---------- fonts ----------

type Glyph struct {
	Path Path    // font units, y down
	Adv  float64 // font units
}

type Font struct {
	Key, Family, File string
	UPM               float64
	Asc, Desc         float64
	glyphs            map[rune]*Glyph
	kern              map[[2]rune]float64
	Mono              bool
}

var Fonts = map[string]*Font{}
var fontKeys []string

const fontCharset = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~£°µ"

func LoadFont(key, family, file string, mono bool) {
	b, err := os.ReadFile(file)
	if err != nil {
		panic(err)
	}
	f, err := sfnt.Parse(b)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", file, err))
	}
	var buf sfnt.Buffer
	upm := int(f.UnitsPerEm())
	ppem := fixed.Int26_6(upm << 6)
	met, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		panic(err)
	}
	ft := &Font{Key: key, Family: family, File: file, UPM: float64(upm), Mono: mono,
		Asc: float64(met.Ascent) / 64, Desc: float64(met.Descent) / 64,
		glyphs: map[rune]*Glyph{}, kern: map[[2]rune]float64{}}
	idx := map[rune]sfnt.GlyphIndex{}
	for _, r := range fontCharset {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			continue
		}
		idx[r] = gi
		segs, err := f.LoadGlyph(&buf, gi, ppem, nil)
		if err != nil {
			panic(fmt.Sprintf("%s %q: %v", file, r, err))
		}
		adv, err := f.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
		if err != nil {
			panic(err)
		}
		g := &Glyph{Adv: float64(adv) / 64}
		for _, s := range segs {
			pt := func(k int) (float64, float64) { return float64(s.Args[k].X) / 64, float64(s.Args[k].Y) / 64 }
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				x, y := pt(0)
				g.Path.M(x, y)
			case sfnt.SegmentOpLineTo:
				x, y := pt(0)
				g.Path.L(x, y)
			case sfnt.SegmentOpQuadTo:
				x1, y1 := pt(0)
				x, y := pt(1)
				g.Path.Q(x1, y1, x, y)
			case sfnt.SegmentOpCubeTo:
				x1, y1 := pt(0)
				x2, y2 := pt(1)
				x, y := pt(2)
				g.Path.Cu(x1, y1, x2, y2, x, y)
			}
		}
		ft.glyphs[r] = g
	}
	if !mono {
		letters := "AVWTYLPFaeoyvwr.,ck"
		for _, a := range letters {
			for _, c := range letters {
				ga, gb := idx[a], idx[c]
				if ga == 0 || gb == 0 {
					continue
				}
				k, err := f.Kern(&buf, ga, gb, ppem, font.HintingNone)
				if err == nil && k != 0 {
					ft.kern[[2]rune{a, c}] = float64(k) / 64
				}
			}
		}
	}
	Fonts[key] = ft
	fontKeys = append(fontKeys, key)
}

func F(key string) *Font {
	f, ok := Fonts[key]
	if !ok {
		panic("no font " + key)
	}
	return f
}

func (f *Font) glyph(r rune) *Glyph {
	g, ok := f.glyphs[r]
	if !ok {
		panic(fmt.Sprintf("font %s lacks %q", f.Key, r))
	}
	return g
}

func (f *Font) Has(s string) bool {
	for _, r := range s {
		if _, ok := f.glyphs[r]; !ok {
			return false
		}
	}
	return true
}

// ---------- text styles ----------

const (
	ModeNormal = iota
	ModeDotMatrix
	ModeTypewriter
	ModeHand
)

type Style struct {
	Font     *Font
	Size     float64 // pt
	Color    RGB
	Mode     int
	Gamma    float32 // coverage gamma (>1 = thinner strokes)
	Tracking float64 // extra pt between letters
	Jitter   float64 // hand/typewriter jitter strength
	Slant    float64 // shear for hand
	Opacity  float32
	Bold     float64 // fake emboldening offset in pt (double strike)
	Knockout bool    // paint the colour opaquely (white text on a dark band)
}

func S(fontKey string, size float64) *Style {
	return &Style{Font: F(fontKey), Size: size, Color: Black, Gamma: 1, Opacity: 1}
}

func (s *Style) With(f func(*Style)) *Style {
	n := *s
	f(&n)
	return &n
}

// Width measures a string from the font's advances (our own layout).
func (s *Style) Width(t string) float64 {
	k := s.Size / s.Font.UPM
	w := 0.0
	var prev rune
	for i, r := range t {
		g := s.Font.glyph(r)
		w += g.Adv * k
		if i > 0 {
			w += s.Font.kern[[2]rune{prev, r}] * k
			w += s.Tracking
		}
		prev = r
	}
	return w
}

func (s *Style) Ascent() float64  { return s.Font.Asc * s.Size / s.Font.UPM }
func (s *Style) Descent() float64 { return s.Font.Desc * s.Size / s.Font.UPM }

// Wrap breaks text into lines no wider than w (greedy, on spaces).
func (s *Style) Wrap(text string, w float64) []string {
	var lines []string
	words := splitWords(text)
	cur := ""
	for _, wd := range words {
		try := wd
		if cur != "" {
			try = cur + " " + wd
		}
		if s.Width(try) <= w || cur == "" {
			cur = try
		} else {
			lines = append(lines, cur)
			cur = wd
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func splitWords(t string) []string {
	var out []string
	cur := []rune{}
	for _, r := range t {
		if r == ' ' || r == '\n' || r == '\t' {
			if len(cur) > 0 {
				out = append(out, string(cur))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

// ---------- renderer ----------

type Renderer struct {
	Dst   *Img
	M     Aff // page pt -> pixels
	SX    float64
	ras   *vector.Rasterizer
	alpha *image.Alpha
	Tex   *Fractal // ink texture field (pixel coords)
	Rng   *RNG
	// Halftone screen: if HTLpi>0, fills flagged Halftone use it.
	HTLpi, HTAngle float64
}

func NewRenderer(dst *Img, m Aff, rng *RNG) *Renderer {
	return &Renderer{Dst: dst, M: m, SX: math.Hypot(m.A, m.D), ras: vector.NewRasterizer(1, 1), Rng: rng,
		Tex: NewFractal(rng.Sub("tex"), dst.W, dst.H, 24, 4)}
}

type FillOpt struct {
	Color    RGB
	Opacity  float32
	Gamma    float32
	Over     bool    // opaque paint instead of multiply
	Texture  float32 // 0..1 strength of ink texture (toner/ribbon unevenness)
	Halftone bool
}

// mask rasterises a path given in pixel coordinates into a reusable alpha.
func (rd *Renderer) mask(p Path) *image.Alpha {
	if len(p) == 0 {
		return nil
	}
	x0, y0, x1, y1 := p.Bounds()
	ix0, iy0 := int(math.Floor(x0))-1, int(math.Floor(y0))-1
	ix1, iy1 := int(math.Ceil(x1))+1, int(math.Ceil(y1))+1
	r := image.Rect(ix0, iy0, ix1, iy1).Intersect(image.Rect(0, 0, rd.Dst.W, rd.Dst.H))
	if r.Empty() {
		return nil
	}
	w, h := r.Dx(), r.Dy()
	rd.ras.Reset(w, h)
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	started := false
	for _, s := range p {
		pt := func(k int) (float32, float32) { return float32(s.P[k][0]) - ox, float32(s.P[k][1]) - oy }
		switch s.Op {
		case 'M':
			if started {
				rd.ras.ClosePath()
			}
			x, y := pt(0)
			rd.ras.MoveTo(x, y)
			started = true
		case 'L':
			x, y := pt(0)
			rd.ras.LineTo(x, y)
		case 'Q':
			x1, y1 := pt(0)
			x, y := pt(1)
			rd.ras.QuadTo(x1, y1, x, y)
		case 'C':
			x1, y1 := pt(0)
			x2, y2 := pt(1)
			x, y := pt(2)
			rd.ras.CubeTo(x1, y1, x2, y2, x, y)
		}
	}
	if started {
		rd.ras.ClosePath()
	}
	if rd.alpha == nil || cap(rd.alpha.Pix) < w*h {
		rd.alpha = image.NewAlpha(image.Rect(0, 0, w, h))
	}
	a := &image.Alpha{Pix: rd.alpha.Pix[:w*h], Stride: w, Rect: r}
	for i := range a.Pix {
		a.Pix[i] = 0
	}
	rd.ras.Draw(&image.Alpha{Pix: a.Pix, Stride: w, Rect: image.Rect(0, 0, w, h)}, image.Rect(0, 0, w, h), image.Opaque, image.Point{})
	return a
}

// FillPx fills a path already in pixel coordinates.
func (rd *Renderer) FillPx(p Path, o FillOpt) {
	a := rd.mask(p)
	if a == nil {
		return
	}
	if o.Opacity == 0 {
		o.Opacity = 1
	}
	if o.Gamma == 0 {
		o.Gamma = 1
	}
	if o.Over {
		rd.Dst.OverAlpha(a, o.Color, o.Opacity)
		return
	}
	var mod func(x, y int, a float32) float32
	if o.Texture > 0 || o.Halftone {
		tex := o.Texture
		ht := o.Halftone && rd.HTLpi > 0
		var cs, sn, period float64
		if ht {
			t := rd.HTAngle * math.Pi / 180
			cs, sn = math.Cos(t), math.Sin(t)
			period = rd.SX * 72 / rd.HTLpi // pixels per screen cell
		}
		mod = func(x, y int, a float32) float32 {
			if tex > 0 {
				n := rd.Tex.At(float64(x), float64(y))
				a *= 1 - tex*clamp01((0.75-n)*2.2)
			}
			if ht {
				// tone = a (coverage) -> dot area fraction; 2x2 supersampled
				dr := math.Sqrt(float64(a)/math.Pi) * 1.02
				var hit float32
				for j := 0; j < 2; j++ {
					for i := 0; i < 2; i++ {
						fx := float64(x) + 0.25 + 0.5*float64(i)
						fy := float64(y) + 0.25 + 0.5*float64(j)
						u := (cs*fx + sn*fy) / period
						v := (-sn*fx + cs*fy) / period
						du := u - math.Floor(u) - 0.5
						dv := v - math.Floor(v) - 0.5
						if du*du+dv*dv < dr*dr {
							hit += 0.25
						}
					}
				}
				a = hit
			}
			return a
		}
	}
	rd.Dst.MulAlpha(a, o.Color, o.Opacity, o.Gamma, mod)
}

// Fill fills a path given in page points.
func (rd *Renderer) Fill(p Path, o FillOpt) { rd.FillPx(p.Transform(rd.M), o) }

// ---------- text drawing ----------

// DrawText draws t with its baseline starting at (x,y) pt, rotated by angle
// degrees clockwise about that point. seed makes jitter deterministic.
func (rd *Renderer) DrawText(x, y float64, s *Style, t string, angle float64, seed string) {
	rng := NewRNG("text|" + seed)
	k := s.Size / s.Font.UPM
	base := rd.M
	if angle != 0 {
		base = RotateAbout(angle, x, y).Then(rd.M)
	}
	pen := x
	var prev rune
	wob := rng.R(0, 6.28)
	wobF := rng.R(0.04, 0.09)
	ribbon := float32(1)
	if s.Mode == ModeTypewriter || s.Mode == ModeDotMatrix {
		ribbon = float32(rng.R(0.85, 1.0))
	}
	for i, r := range t {
		g := s.Font.glyph(r)
		if i > 0 {
			pen += s.Font.kern[[2]rune{prev, r}]*k + s.Tracking
		}
		prev = r
		if r == ' ' {
			pen += g.Adv * k
			if s.Mode == ModeHand {
				pen += rng.R(-0.08, 0.25) * s.Size
			}
			continue
		}
		local := Scale(k, k)
		dy := 0.0
		op := s.Opacity
		gamma := s.Gamma
		var tex float32
		switch s.Mode {
		case ModeHand:
			sc := 1 + rng.Norm()*0.04*s.Jitter
			local = Scale(k*sc, k*sc*(1+rng.Norm()*0.03*s.Jitter))
			local = local.Then(Aff{1, -s.Slant, 0, 0, 1, 0})
			local = local.Then(RotateAbout(rng.Norm()*2.5*s.Jitter, 0, 0))
			dy = math.Sin(wob+pen*wobF)*0.06*s.Size*s.Jitter + rng.Norm()*0.025*s.Size*s.Jitter
			op *= float32(0.8 + 0.2*rng.F())
			tex = 0.25
		case ModeTypewriter:
			local = local.Then(RotateAbout(rng.Norm()*0.7*s.Jitter, 0, 0))
			dy = rng.Norm() * 0.035 * s.Size * s.Jitter
			op *= ribbon * float32(0.84+0.16*rng.F())
			tex = 0.25
		}
		gx := pen + rng.Norm()*0.015*s.Size*s.Jitter*b2f(s.Mode != ModeNormal)
		xf := local.Then(Translate(gx, y+dy)).Then(base)
		if s.Mode == ModeDotMatrix {
			rd.drawDotGlyph(g, local.Then(Translate(gx, y)), base, s, rng, ribbon)
		} else {
			p := g.Path.Transform(xf)
			if s.Bold > 0 {
				p2 := g.Path.Transform(local.Then(Translate(gx+s.Bold, y+dy)).Then(base))
				p = append(p, p2...)
			}
			rd.FillPx(p, FillOpt{Color: s.Color, Opacity: op, Gamma: gamma, Texture: tex, Over: s.Knockout})
		}
		pen += g.Adv * k
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// drawDotGlyph renders a glyph as a 9-pin dot-matrix printer would: the
// outline is sampled on a coarse dot grid and each hit becomes a round dot.
func (rd *Renderer) drawDotGlyph(g *Glyph, local Aff, base Aff, s *Style, rng *RNG, ribbon float32) {
	pitchY := s.Size * 0.72 / 9 // cap height spans ~9 dots
	pitchX := pitchY * 0.75 // horizontal half-steps overlap, vertical pins leave gaps
	// glyph in pt relative to its origin
	gp := g.Path.Transform(local.Then(Translate(-local.C, -local.F)))
	x0, y0, x1, y1 := gp.Bounds()
	if math.IsInf(x0, 0) {
		return
	}
	// coarse grid aligned to the glyph origin
	i0, i1 := int(math.Floor(x0/pitchX))-1, int(math.Ceil(x1/pitchX))+1
	j0, j1 := int(math.Floor(y0/pitchY))-1, int(math.Ceil(y1/pitchY))+1
	gw, gh := i1-i0, j1-j0
	if gw <= 0 || gh <= 0 {
		return
	}
	ras := vector.NewRasterizer(gw, gh)
	grid := gp.Transform(Translate(-float64(i0)*pitchX, -float64(j0)*pitchY).Then(Scale(1/pitchX, 1/pitchY)))
	started := false
	for _, sg := range grid {
		f := func(k int) (float32, float32) { return float32(sg.P[k][0]), float32(sg.P[k][1]) }
		switch sg.Op {
		case 'M':
			if started {
				ras.ClosePath()
			}
			a, b := f(0)
			ras.MoveTo(a, b)
			started = true
		case 'L':
			a, b := f(0)
			ras.LineTo(a, b)
		case 'Q':
			a, b := f(0)
			c, d := f(1)
			ras.QuadTo(a, b, c, d)
		case 'C':
			a, b := f(0)
			c, d := f(1)
			e, ff := f(2)
			ras.CubeTo(a, b, c, d, e, ff)
		}
	}
	ras.ClosePath()
	am := image.NewAlpha(image.Rect(0, 0, gw, gh))
	ras.Draw(am, am.Bounds(), image.Opaque, image.Point{})
	var dots Path
	rad := pitchY * 0.42
	for j := 0; j < gh; j++ {
		for i := 0; i < gw; i++ {
			if am.Pix[j*gw+i] > 100 {
				cx := local.C + (float64(i0+i)+0.5)*pitchX
				cy := local.F + (float64(j0+j)+0.5)*pitchY
				dots = append(dots, EllipsePath(cx, cy, rad, rad, 10)...)
			}
		}
	}
	rd.FillPx(dots.Transform(base), FillOpt{Color: s.Color, Opacity: s.Opacity * ribbon * float32(0.8+0.2*rng.F()), Texture: 0.35})
}

// ---------- misc ----------

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
