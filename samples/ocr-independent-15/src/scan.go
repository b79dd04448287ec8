package main

// The paper's life and the scanner, simulated on raster arrays: paper tint and
// texture, bleed-through, toner/ink effects, photocopy generations, fax,
// stains, punch holes, staples, shadows, skew, lighting, blur, noise,
// resampling, JPEG generations and binarisation.

import (
	"bytes"
	"fmt"
	"image"
	stddraw "image/draw"
	"image/jpeg"
	"math"
	"sort"
)

type ScanSpec struct {
	DPI, DPIY      int     // output resolution (DPIY 0 = DPI)
	RenderDPI      int     // render resolution before resampling (0 = DPI)
	ResampleInterp string  // x/image/draw kernel name for resampling
	Output         string  // gray | color | bilevel
	Binarise       string  // otsu | fixed | adaptive | dither
	Skew           float64 // degrees clockwise
	SkewInterp     string
	Rot            int // 0, 90, 180, 270 clockwise
	ShiftX, ShiftY float64
	Bg             RGB
	Paper          RGB
	PaperName      string
	PaperTex       float32
	Bleed          float32
	Ink            float32 // 1 = full black; lower = pencil-grey/faint print
	Toner          float32
	Copies         int
	CopyDark       bool
	Streaks        int
	Fax            bool
	FaxBand        float32
	FaxStretch     bool // 100 lpi rows doubled to 200
	Staple, Punch  bool
	EdgeShadow     float32
	BookFold       float32
	Coffee         int
	Crease         bool
	Blur           float64
	Noise          float32
	Light          float32
	LowContrast    float32
	PreJPEG        int
	Halftone       float64
	Quality        int
	Difficulty     string
	BleedSeed      string
}

type ScanResult struct {
	Img     *Img // final raster (C=1 or 3); bilevel pages hold 0/1 values
	Bilevel bool
	DPIX    int
	DPIY    int
	Degr    []string
}

func (s *ScanSpec) dpiY() int {
	if s.DPIY > 0 {
		return s.DPIY
	}
	return s.DPI
}

func hasColour(p *Page, s *ScanSpec) bool {
	return s.Output == "color" && (p.Colour || s.Paper != White || s.Coffee > 0)
}

func ScanPage(p *Page, s *ScanSpec, seed string) *ScanResult {
	rng := NewRNG("scan|" + seed)
	var deg []string
	add := func(f string, a ...interface{}) { deg = append(deg, fmt.Sprintf(f, a...)) }

	rdpiX, rdpiY := s.DPI, s.dpiY()
	if s.RenderDPI > 0 {
		rdpiX, rdpiY = s.RenderDPI, s.RenderDPI
	}
	sx, sy := float64(rdpiX)/72, float64(rdpiY)/72
	W, H := int(math.Round(p.W*sx)), int(math.Round(p.H*sy))
	C := 1
	if s.Output == "color" || p.Colour || s.Paper != White || s.Coffee > 0 {
		C = 3
	}
	M := Scale(sx, sy)

	// paper
	paper := s.Paper
	if paper == (RGB{}) {
		paper = White
	}
	img := NewImg(W, H, C, paper)
	if s.PaperName != "" && s.PaperName != "white" {
		add("coloured_paper:%s", s.PaperName)
	}
	if s.PaperTex > 0 {
		fr := NewFractal(rng.Sub("paper"), W, H, 60*sx/4, 3)
		for y := 0; y < H; y++ {
			for x := 0; x < W; x++ {
				v := 1 - s.PaperTex*(fr.At(float64(x), float64(y))-0.5)*0.6
				for c := 0; c < C; c++ {
					img.P[(y*W+x)*C+c] *= v
				}
			}
		}
		add("paper_texture")
	}
	// bleed-through of the reverse side
	if s.Bleed > 0 {
		rev := ReverseSidePage(s.BleedSeed, [2]float64{p.W, p.H})
		layer := NewImg(W, H, 1, White)
		mir := M.Then(Aff{-1, 0, float64(W), 0, 1, 0})
		rr := NewRenderer(layer, mir, rng.Sub("rev"))
		for _, op := range rev.Ops {
			op.Draw(rr)
		}
		layer.Blur(2.6*sx/4, 2.6*sy/4)
		for i := 0; i < W*H; i++ {
			v := 1 - s.Bleed*(1-layer.P[i])
			for c := 0; c < C; c++ {
				img.P[i*C+c] *= v
			}
		}
		add("bleed_through_reverse_side")
	}
	// printed layer
	print := NewImg(W, H, C, White)
	rd := NewRenderer(print, M, rng.Sub("print"))
	rd.HTLpi, rd.HTAngle = 85, 45
	if s.Halftone > 0 {
		rd.HTLpi = s.Halftone
	}
	for _, op := range p.Ops {
		if op.Layer == LPrint {
			op.Draw(rd)
		}
	}
	if s.Ink > 0 && s.Ink < 1 {
		k := s.Ink
		print.Map(func(v float32) float32 { return 1 - (1-v)*k })
		add("faint_low_contrast_print:%.2f", s.Ink)
	}
	if s.Toner > 0 {
		fr := NewFractal(rng.Sub("toner"), W, H, 90*sx/4, 5)
		for y := 0; y < H; y++ {
			for x := 0; x < W; x++ {
				n := fr.At(float64(x), float64(y))
				loss := clamp01((0.62-n)*3.2) * s.Toner
				o := (y*W + x) * C
				for c := 0; c < C; c++ {
					print.P[o+c] = 1 - (1-print.P[o+c])*(1-loss)
				}
			}
		}
		add("toner_loss")
	}
	img.MulImg(print)
	print = nil

	// overlays made on the original before copying
	overlayDone := false
	if s.Copies > 0 && rng.Chance(0.5) {
		renderOverlays(p, img, M, rng)
		overlayDone = true
	}
	// photocopy generations
	for g := 0; g < s.Copies; g++ {
		img = photocopy(img, rng.Sub(fmt.Sprintf("copy%d", g)), s, sx)
	}
	if s.Copies > 0 {
		add("photocopy_generations:%d", s.Copies)
		if s.CopyDark {
			add("copier_darkening")
		}
		if s.Streaks > 0 {
			add("copier_streaks:%d", s.Streaks)
		}
		if C == 3 {
			img = img.ToColorImg()
		}
	}
	if !overlayDone {
		renderOverlays(p, img, M, rng)
	}
	// paper life
	if s.Coffee > 0 {
		for i := 0; i < s.Coffee; i++ {
			coffee(img, M, p, rng.Sub(fmt.Sprintf("coffee%d", i)))
		}
		add("coffee_stain:%d", s.Coffee)
	}
	if s.Crease {
		crease(img, rng.Sub("crease"))
		add("fold_crease")
	}
	if s.Punch {
		punch(img, M, p, s.Bg, rng.Sub("punch"))
		add("punch_holes")
	}
	if s.Staple {
		staple(img, M, rng.Sub("staple"))
		add("staple")
	}
	// scanner geometry
	if s.Skew != 0 || s.ShiftX != 0 || s.ShiftY != 0 {
		interp := s.SkewInterp
		if interp == "" {
			interp = "bilinear"
		}
		img = img.RotateSkew(s.Skew, s.ShiftX*sx, s.ShiftY*sy, s.Bg, interp)
		if s.Skew != 0 {
			add("skew:%+.2fdeg(%s)", s.Skew, interp)
		}
		if s.ShiftX != 0 || s.ShiftY != 0 {
			add("page_offset_scanner_border")
		}
	}
	for _, op := range p.Ops {
		if op.Layer == LDigital {
			op.Draw(NewRenderer(img, M, rng.Sub("digital")))
		}
	}
	if s.EdgeShadow > 0 {
		edgeShadow(img, s.EdgeShadow, rng.Sub("edge"))
		add("edge_shadow")
	}
	if s.BookFold > 0 {
		bookFold(img, s.BookFold, rng.Sub("fold"))
		add("book_fold_shadow")
	}
	if s.Light > 0 {
		lighting(img, s.Light, rng.Sub("light"))
		add("uneven_lighting")
	}
	if s.Blur > 0 {
		img.Blur(s.Blur, s.Blur)
		add("optical_blur:%.1fpx", s.Blur)
	}
	// resample to output resolution
	if s.RenderDPI > 0 && (s.RenderDPI != s.DPI || s.RenderDPI != s.dpiY()) {
		nw := int(math.Round(float64(W) * float64(s.DPI) / float64(s.RenderDPI)))
		nh := int(math.Round(float64(H) * float64(s.dpiY()) / float64(s.RenderDPI)))
		interp := s.ResampleInterp
		if interp == "" {
			interp = "catmullrom"
		}
		img = img.Resample(nw, nh, interp)
		add("resampled:%d->%dx%d(%s)", s.RenderDPI, s.DPI, s.dpiY(), interp)
	}
	if s.LowContrast > 0 {
		lo, hi := s.LowContrast*0.45, 1-s.LowContrast*0.12
		img.Map(func(v float32) float32 { return lo + (hi-lo)*v })
		add("low_contrast_scan")
	}
	if s.Noise > 0 {
		nr := rng.Sub("noise")
		for i := range img.P {
			img.P[i] += s.Noise * float32(nr.Norm())
		}
		add("sensor_noise:%.3f", s.Noise)
	}
	for i := range img.P {
		img.P[i] = clamp01(img.P[i])
	}
	if s.Output != "color" && img.C == 3 {
		img = img.ToGrayImg()
	}
	if s.PreJPEG > 0 {
		img = jpegRoundTrip(img, s.PreJPEG)
		add("earlier_jpeg_generation_blocking:q%d", s.PreJPEG)
	}
	res := &ScanResult{DPIX: s.DPI, DPIY: s.dpiY()}
	if s.Output == "bilevel" {
		img = binarise(img, s.Binarise, rng.Sub("bin"))
		add("bilevel_%s", s.Binarise)
		res.Bilevel = true
		if s.Fax {
			faxBanding(img, s.FaxBand, rng.Sub("fax"))
			add("fax_banding")
			if s.FaxStretch {
				img = stretchRows(img)
				res.DPIY = res.DPIY * 2
				add("fax_rows_doubled_100_to_200lpi")
			} else if s.dpiY() != s.DPI {
				add("fax_anisotropic_%dx%d_dpi", s.DPI, s.dpiY())
			}
		}
	}
	if s.Rot != 0 {
		img = img.Rot90(s.Rot / 90)
		if s.Rot%180 != 0 {
			res.DPIX, res.DPIY = res.DPIY, res.DPIX
		}
		add("page_rotated:%d", s.Rot)
	}
	res.Img = img
	res.Degr = deg
	return res
}

func renderOverlays(p *Page, img *Img, M Aff, rng *RNG) {
	rd := NewRenderer(img, M, rng.Sub("over"))
	for _, op := range p.Ops {
		if op.Layer == LOverlay {
			op.Draw(rd)
		}
	}
}

func jpegRoundTrip(img *Img, q int) *Img {
	var buf bytes.Buffer
	if img.C == 1 {
		jpeg.Encode(&buf, img.ToGray8(), &jpeg.Options{Quality: q})
	} else {
		jpeg.Encode(&buf, img.ToRGBA(), &jpeg.Options{Quality: q})
	}
	d, err := jpeg.Decode(&buf)
	if err != nil {
		panic(err)
	}
	switch t := d.(type) {
	case *image.Gray:
		return FromGray8(t)
	default:
		b := d.Bounds()
		r := image.NewRGBA(b)
		stddraw.Draw(r, b, d, b.Min, stddraw.Src)
		return FromRGBA(r, img.C)
	}
}

// photocopy: a copier generation in greyscale: blur, tone curve, speckles,
// streaks, slight misfeed skew, dark margins.
func photocopy(img *Img, r *RNG, s *ScanSpec, sx float64) *Img {
	g := img.ToGrayImg()
	g.Blur(0.55*sx/4, 0.55*sx/4)
	dark := float32(0)
	if s.CopyDark {
		dark = float32(r.R(0.08, 0.16))
	}
	// S-curve: darks darker, mid-greys pushed, background to white or grey
	g.Map(func(v float32) float32 {
		t := 1 / (1 + float32(math.Exp(float64(-(v-0.55)*9))))
		return clamp01(t*1.08 - 0.04 - dark)
	})
	// toner speckle
	n := int(float64(g.W*g.H) * 0.00004)
	for i := 0; i < n; i++ {
		x, y := r.Intn(g.W), r.Intn(g.H)
		rad := 1 + r.Intn(2)
		for dy := -rad; dy <= rad; dy++ {
			for dx := -rad; dx <= rad; dx++ {
				if dx*dx+dy*dy <= rad*rad {
					xx, yy := x+dx, y+dy
					if xx >= 0 && yy >= 0 && xx < g.W && yy < g.H {
						g.P[yy*g.W+xx] *= 0.3
					}
				}
			}
		}
	}
	// streaks
	for i := 0; i < s.Streaks; i++ {
		x0 := r.Intn(g.W)
		w := 1 + r.Intn(int(3*sx/4)+1)
		light := r.Chance(0.35)
		amt := float32(r.R(0.15, 0.5))
		y0, y1 := 0, g.H
		if r.Chance(0.4) {
			y0 = r.Intn(g.H / 2)
			y1 = y0 + g.H/3 + r.Intn(g.H/2)
		}
		for y := y0; y < y1 && y < g.H; y++ {
			for x := x0; x < x0+w && x < g.W; x++ {
				o := y*g.W + x
				if light {
					g.P[o] = g.P[o] + (1-g.P[o])*amt*1.5
				} else {
					g.P[o] *= 1 - amt
				}
			}
		}
	}
	// misfeed skew and dark copier margin on one edge
	g = g.RotateSkew(r.R(-0.35, 0.35), r.R(-6, 6), r.R(-6, 6), RGB{0.25, 0.25, 0.25}, "bilinear")
	return g
}

func coffee(img *Img, M Aff, p *Page, r *RNG) {
	rd := NewRenderer(img, M, r)
	cx, cy := r.R(p.W*0.2, p.W*0.8), r.R(p.H*0.2, p.H*0.65)
	R := r.R(28, 48)
	col := RGB{0.62, 0.45, 0.25}
	var outer, inner Path
	n := 90
	ph := r.R(0, 6)
	var ipts [][2]float64
	for i := 0; i <= n; i++ {
		t := -2 * math.Pi * float64(i) / float64(n)
		rr := R * (1 + 0.04*math.Sin(3*t+ph) + 0.02*math.Sin(7*t))
		x, y := cx+rr*math.Cos(t), cy+rr*math.Sin(t)
		if i == 0 {
			outer.M(x, y)
		} else {
			outer.L(x, y)
		}
		ri := rr - r.R(1.8, 3.2)
		ipts = append(ipts, [2]float64{cx + ri*math.Cos(t), cy + ri*math.Sin(t)})
	}
	for i := len(ipts) - 1; i >= 0; i-- {
		if i == len(ipts)-1 {
			inner.M(ipts[i][0], ipts[i][1])
		} else {
			inner.L(ipts[i][0], ipts[i][1])
		}
	}
	// rim (outer minus inner, opposite windings) and a faint interior wash
	ring := append(append(Path{}, outer...), inner...)
	rd.Fill(ring, FillOpt{Color: col, Opacity: float32(r.R(0.35, 0.6)), Texture: 0.3})
	rd.Fill(outer, FillOpt{Color: col, Opacity: float32(r.R(0.08, 0.16)), Texture: 0.5})
	if r.Chance(0.5) { // partial second ring (mug set down twice)
		dx := r.R(-18, 18)
		var arc [][2]float64
		a0 := r.R(0, 6)
		for i := 0; i <= 40; i++ {
			t := a0 + float64(i)/40*math.Pi*1.2
			arc = append(arc, [2]float64{cx + dx + R*math.Cos(t), cy + dx*0.6 + R*math.Sin(t)})
		}
		rd.Fill(Stroke(arc, 1.8), FillOpt{Color: col, Opacity: 0.35, Texture: 0.4})
	}
}

func crease(img *Img, r *RNG) {
	horiz := r.Chance(0.7)
	pos := r.R(0.3, 0.7)
	for y := 0; y < img.H; y++ {
		for x := 0; x < img.W; x++ {
			var d float64
			if horiz {
				d = float64(y) - pos*float64(img.H) - float64(x)*0.004
			} else {
				d = float64(x) - pos*float64(img.W) - float64(y)*0.004
			}
			var f float32
			if d > -6 && d < 0 {
				f = 1 - 0.18*float32(math.Exp(-d*d/4))
			} else if d >= 0 && d < 10 {
				f = 1 + 0.05*float32(math.Exp(-d*d/18))
			} else {
				continue
			}
			o := (y*img.W + x) * img.C
			for c := 0; c < img.C; c++ {
				img.P[o+c] = clamp01(img.P[o+c] * f)
			}
		}
	}
}

func punch(img *Img, M Aff, p *Page, bg RGB, r *RNG) {
	rd := NewRenderer(img, M, r)
	x := 34.0 + r.R(-3, 3)
	rad := 8.5
	for _, dy := range []float64{-113.4, 113.4} {
		cy := p.H/2 + dy + r.R(-2, 2)
		rd.Fill(EllipsePath(x+1.2, cy+1.2, rad+0.8, rad+0.8, 40), FillOpt{Color: RGB{0.5, 0.5, 0.5}, Opacity: 0.5})
		rd.Fill(EllipsePath(x, cy, rad, rad, 40), FillOpt{Color: bg, Over: true})
	}
}

func staple(img *Img, M Aff, r *RNG) {
	rd := NewRenderer(img, M, r)
	cx, cy := r.R(16, 28), r.R(14, 26)
	ang := r.R(-50, -25)
	rot := RotateAbout(ang, cx, cy)
	sub := *rd
	sub.M = rot.Then(M)
	sub.Fill(RectPath(cx-17, cy-0.2, 34, 2.6), FillOpt{Color: RGB{0.35, 0.35, 0.35}, Opacity: 0.45})
	sub.Fill(RectPath(cx-17, cy-1.4, 34, 2.2), FillOpt{Color: RGB{0.42, 0.43, 0.45}, Over: true})
	sub.Fill(RectPath(cx-16, cy-1.0, 32, 0.5), FillOpt{Color: RGB{0.85, 0.86, 0.88}, Over: true})
	// old staple holes nearby
	sub.Fill(EllipsePath(cx-17, cy+6, 0.9, 0.9, 12), FillOpt{Color: Black, Opacity: 0.6})
	sub.Fill(EllipsePath(cx+17, cy+6, 0.9, 0.9, 12), FillOpt{Color: Black, Opacity: 0.6})
}

func edgeShadow(img *Img, amt float32, r *RNG) {
	side := r.Intn(4)
	w := int(float64(img.W) * r.R(0.03, 0.07))
	for y := 0; y < img.H; y++ {
		for x := 0; x < img.W; x++ {
			var d int
			switch side {
			case 0:
				d = x
			case 1:
				d = img.W - 1 - x
			case 2:
				d = y
			default:
				d = img.H - 1 - y
			}
			if d >= w {
				continue
			}
			t := 1 - float32(d)/float32(w)
			f := 1 - amt*t*t
			o := (y*img.W + x) * img.C
			for c := 0; c < img.C; c++ {
				img.P[o+c] *= f
			}
		}
	}
}

func bookFold(img *Img, amt float32, r *RNG) {
	left := r.Chance(0.6)
	w := float64(img.W) * r.R(0.06, 0.1)
	for y := 0; y < img.H; y++ {
		for x := 0; x < img.W; x++ {
			d := float64(x)
			if !left {
				d = float64(img.W - 1 - x)
			}
			d += math.Sin(float64(y)/float64(img.H)*math.Pi) * w * 0.15
			if d > w*1.6 {
				continue
			}
			f := 1 - amt*float32(math.Exp(-d*d/(2*(w*0.45)*(w*0.45))))
			o := (y*img.W + x) * img.C
			for c := 0; c < img.C; c++ {
				img.P[o+c] *= f
			}
		}
	}
}

func lighting(img *Img, amt float32, r *RNG) {
	fr := NewValueNoise(r, img.W, img.H, float64(img.W)/2)
	gx, gy := r.R(-1, 1), r.R(-1, 1)
	for y := 0; y < img.H; y++ {
		for x := 0; x < img.W; x++ {
			u := float64(x)/float64(img.W) - 0.5
			v := float64(y)/float64(img.H) - 0.5
			l := float32(0.5+0.5*(gx*u+gy*v))*0.6 + fr.At(float64(x), float64(y))*0.4
			f := 1 - amt*l
			o := (y*img.W + x) * img.C
			for c := 0; c < img.C; c++ {
				img.P[o+c] *= f
			}
		}
	}
}

func otsu(g *Img) float32 {
	var hist [256]int
	for _, v := range g.P {
		hist[q8(v)]++
	}
	total := len(g.P)
	var sum float64
	for i := 0; i < 256; i++ {
		sum += float64(i * hist[i])
	}
	var sumB, wB float64
	best, bt := -1.0, 128
	for t := 0; t < 256; t++ {
		wB += float64(hist[t])
		if wB == 0 {
			continue
		}
		wF := float64(total) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB := sumB / wB
		mF := (sum - sumB) / wF
		v := wB * wF * (mB - mF) * (mB - mF)
		if v > best {
			best, bt = v, t
		}
	}
	return float32(bt) / 255
}

// binarise returns a C=1 image with 0 (black) / 1 (white).
func binarise(img *Img, method string, r *RNG) *Img {
	g := img.ToGrayImg()
	out := &Img{W: g.W, H: g.H, C: 1, P: make([]float32, len(g.P))}
	switch method {
	case "fixed":
		for i, v := range g.P {
			out.P[i] = b2f32(v > 0.58)
		}
	case "adaptive":
		m := g.Clone()
		m.Blur(float64(g.W)/120, float64(g.W)/120)
		for i, v := range g.P {
			out.P[i] = b2f32(v > m.P[i]*0.86)
		}
	case "dither":
		// Floyd-Steinberg, serpentine
		e := append([]float32(nil), g.P...)
		for y := 0; y < g.H; y++ {
			ltr := y%2 == 0
			for k := 0; k < g.W; k++ {
				x := k
				dir := 1
				if !ltr {
					x = g.W - 1 - k
					dir = -1
				}
				o := y*g.W + x
				nv := float32(0)
				if e[o] > 0.5 {
					nv = 1
				}
				out.P[o] = nv
				er := e[o] - nv
				if x+dir >= 0 && x+dir < g.W {
					e[o+dir] += er * 7 / 16
				}
				if y+1 < g.H {
					if x-dir >= 0 && x-dir < g.W {
						e[o+g.W-dir] += er * 3 / 16
					}
					e[o+g.W] += er * 5 / 16
					if x+dir >= 0 && x+dir < g.W {
						e[o+g.W+dir] += er * 1 / 16
					}
				}
			}
		}
	default: // otsu
		t := otsu(g)
		for i, v := range g.P {
			out.P[i] = b2f32(v > t)
		}
	}
	return out
}

func b2f32(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

// faxBanding: dropped/duplicated scan lines, horizontal jitter bands and
// line noise typical of a noisy fax transmission.
func faxBanding(img *Img, amt float32, r *RNG) {
	W := img.W
	nb := int(float32(img.H) / 60 * amt)
	type band struct{ y, h, shift int }
	var bands []band
	for i := 0; i < nb; i++ {
		bands = append(bands, band{r.Intn(img.H), 1 + r.Intn(6), r.IntR(-3, 3)})
	}
	sort.Slice(bands, func(i, j int) bool { return bands[i].y < bands[j].y })
	for _, b := range bands {
		kind := r.Intn(3)
		for y := b.y; y < b.y+b.h && y < img.H; y++ {
			row := img.P[y*W : (y+1)*W]
			switch kind {
			case 0: // duplicated previous line (dropout)
				if y > 0 {
					copy(row, img.P[(y-1)*W:y*W])
				}
			case 1: // horizontal shift
				tmp := append([]float32(nil), row...)
				for x := 0; x < W; x++ {
					row[x] = tmp[clampi(x-b.shift, 0, W-1)]
				}
			case 2: // line noise: scattered black runs
				for k := 0; k < W/80; k++ {
					x0 := r.Intn(W)
					for x := x0; x < x0+r.IntR(1, 12) && x < W; x++ {
						row[x] = 0
					}
				}
			}
		}
	}
}

func stretchRows(img *Img) *Img {
	out := &Img{W: img.W, H: img.H * 2, C: 1, P: make([]float32, img.W*img.H*2)}
	for y := 0; y < img.H; y++ {
		copy(out.P[(2*y)*img.W:(2*y+1)*img.W], img.P[y*img.W:(y+1)*img.W])
		copy(out.P[(2*y+1)*img.W:(2*y+2)*img.W], img.P[y*img.W:(y+1)*img.W])
	}
	return out
}
