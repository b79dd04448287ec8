package main

// Float raster arrays and the low-level raster operations (compositing, blur,
// resampling, rotation, conversion). Values are reflectance in [0,1], 1=white.

import (
	"image"
	"image/color"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

type Img struct {
	W, H, C int
	P       []float32
}

type RGB [3]float32

var (
	Black = RGB{0, 0, 0}
	White = RGB{1, 1, 1}
)

func NewImg(w, h, c int, col RGB) *Img {
	m := &Img{W: w, H: h, C: c, P: make([]float32, w*h*c)}
	m.Fill(col)
	return m
}

func (m *Img) Fill(col RGB) {
	if m.C == 1 {
		g := lum(col)
		for i := range m.P {
			m.P[i] = g
		}
		return
	}
	for i := 0; i < len(m.P); i += 3 {
		m.P[i], m.P[i+1], m.P[i+2] = col[0], col[1], col[2]
	}
}

func lum(c RGB) float32 { return 0.299*c[0] + 0.587*c[1] + 0.114*c[2] }

func (m *Img) Clone() *Img {
	n := &Img{W: m.W, H: m.H, C: m.C, P: make([]float32, len(m.P))}
	copy(n.P, m.P)
	return n
}

func clamp01(v float32) float32 {
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return v
}

// MulAlpha composites a coverage mask with multiply blending (ink on paper):
// dst *= 1 - a*op*(1-col). gamma>1 thins anti-aliased strokes.
func (m *Img) MulAlpha(a *image.Alpha, col RGB, op float32, gamma float32, mod func(x, y int, a float32) float32) {
	b := a.Rect.Intersect(image.Rect(0, 0, m.W, m.H))
	inv := RGB{1 - col[0], 1 - col[1], 1 - col[2]}
	invg := lum(col)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		ai := a.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x, ai = x+1, ai+1 {
			av := a.Pix[ai]
			if av == 0 {
				continue
			}
			f := float32(av) / 255
			if gamma != 1 {
				f = float32(math.Pow(float64(f), float64(gamma)))
			}
			if mod != nil {
				f = mod(x, y, f)
			}
			f *= op
			if f <= 0 {
				continue
			}
			if f > 1 {
				f = 1
			}
			o := (y*m.W + x) * m.C
			if m.C == 1 {
				m.P[o] *= 1 - f*(1-invg)
			} else {
				m.P[o] *= 1 - f*inv[0]
				m.P[o+1] *= 1 - f*inv[1]
				m.P[o+2] *= 1 - f*inv[2]
			}
		}
	}
}

// OverAlpha paints an opaque colour through a coverage mask.
func (m *Img) OverAlpha(a *image.Alpha, col RGB, op float32) {
	b := a.Rect.Intersect(image.Rect(0, 0, m.W, m.H))
	g := lum(col)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		ai := a.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x, ai = x+1, ai+1 {
			av := a.Pix[ai]
			if av == 0 {
				continue
			}
			f := float32(av) / 255 * op
			o := (y*m.W + x) * m.C
			if m.C == 1 {
				m.P[o] = m.P[o]*(1-f) + g*f
			} else {
				for c := 0; c < 3; c++ {
					m.P[o+c] = m.P[o+c]*(1-f) + col[c]*f
				}
			}
		}
	}
}

// Multiply the image by another (same size) image, e.g. print layer onto paper.
func (m *Img) MulImg(n *Img) {
	if m.C == n.C {
		for i := range m.P {
			m.P[i] *= n.P[i]
		}
		return
	}
	for i := 0; i < m.W*m.H; i++ {
		if m.C == 3 && n.C == 1 {
			v := n.P[i]
			m.P[i*3] *= v
			m.P[i*3+1] *= v
			m.P[i*3+2] *= v
		} else {
			m.P[i] *= lum(RGB{n.P[i*3], n.P[i*3+1], n.P[i*3+2]})
		}
	}
}

// boxBlur1 does a horizontal (dir=0) or vertical (dir=1) running box blur of
// radius r on channel-interleaved data.
func (m *Img) boxBlur1(r int, dir int) {
	if r < 1 {
		return
	}
	n, stride, lines, lstride := m.W, m.C, m.H, m.W*m.C
	if dir == 1 {
		n, stride, lines, lstride = m.H, m.W*m.C, m.W, m.C
	}
	buf := make([]float32, n)
	win := float32(2*r + 1)
	for l := 0; l < lines; l++ {
		for c := 0; c < m.C; c++ {
			base := l*lstride + c
			for i := 0; i < n; i++ {
				buf[i] = m.P[base+i*stride]
			}
			var s float32
			for k := -r; k <= r; k++ {
				s += buf[clampi(k, 0, n-1)]
			}
			for i := 0; i < n; i++ {
				m.P[base+i*stride] = s / win
				s += buf[clampi(i+r+1, 0, n-1)] - buf[clampi(i-r, 0, n-1)]
			}
		}
	}
}

func clampi(v, a, b int) int {
	if v < a {
		return a
	}
	if v > b {
		return b
	}
	return v
}

// Blur approximates a Gaussian with three box passes (separable; sx, sy are
// sigmas in pixels, allowing anisotropic blur such as motion or fax smear).
func (m *Img) Blur(sx, sy float64) {
	if sx < 0.9 && sy < 0.9 {
		m.gauss3(sx, sy)
		return
	}
	for pass := 0; pass < 3; pass++ {
		m.boxBlur1(boxR(sx), 0)
		m.boxBlur1(boxR(sy), 1)
	}
}

func boxR(sigma float64) int {
	if sigma <= 0.2 {
		return 0
	}
	// three passes of width w give variance 3*(w*w-1)/12
	w := math.Sqrt(12*sigma*sigma/3 + 1)
	r := int(math.Round((w - 1) / 2))
	if r < 1 {
		r = 1
	}
	return r
}

// Light 3x3 blur for sub-pixel softening (sigma ~0.5-0.8).
func (m *Img) Soften(w float32) {
	n := m.Clone()
	k := [3]float32{w, 1, w}
	ks := k[0] + k[1] + k[2]
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			for c := 0; c < m.C; c++ {
				var s float32
				for j := -1; j <= 1; j++ {
					yy := clampi(y+j, 0, m.H-1)
					for i := -1; i <= 1; i++ {
						xx := clampi(x+i, 0, m.W-1)
						s += n.P[(yy*m.W+xx)*m.C+c] * k[i+1] * k[j+1]
					}
				}
				m.P[(y*m.W+x)*m.C+c] = s / (ks * ks)
			}
		}
	}
}

func (m *Img) ToGrayImg() *Img {
	if m.C == 1 {
		return m.Clone()
	}
	g := &Img{W: m.W, H: m.H, C: 1, P: make([]float32, m.W*m.H)}
	for i := range g.P {
		g.P[i] = 0.299*m.P[i*3] + 0.587*m.P[i*3+1] + 0.114*m.P[i*3+2]
	}
	return g
}

func (m *Img) ToColorImg() *Img {
	if m.C == 3 {
		return m.Clone()
	}
	g := &Img{W: m.W, H: m.H, C: 3, P: make([]float32, m.W*m.H*3)}
	for i := 0; i < m.W*m.H; i++ {
		g.P[i*3], g.P[i*3+1], g.P[i*3+2] = m.P[i], m.P[i], m.P[i]
	}
	return g
}

func q8(v float32) uint8 {
	v = v*255 + 0.5
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

func (m *Img) ToRGBA() *image.RGBA {
	r := image.NewRGBA(image.Rect(0, 0, m.W, m.H))
	for i := 0; i < m.W*m.H; i++ {
		if m.C == 1 {
			v := q8(m.P[i])
			r.Pix[i*4], r.Pix[i*4+1], r.Pix[i*4+2] = v, v, v
		} else {
			r.Pix[i*4], r.Pix[i*4+1], r.Pix[i*4+2] = q8(m.P[i*3]), q8(m.P[i*3+1]), q8(m.P[i*3+2])
		}
		r.Pix[i*4+3] = 255
	}
	return r
}

func (m *Img) ToGray8() *image.Gray {
	g := m
	if m.C == 3 {
		g = m.ToGrayImg()
	}
	r := image.NewGray(image.Rect(0, 0, m.W, m.H))
	for i := range g.P {
		r.Pix[i] = q8(g.P[i])
	}
	return r
}

func FromRGBA(r *image.RGBA, c int) *Img {
	w, h := r.Rect.Dx(), r.Rect.Dy()
	m := &Img{W: w, H: h, C: c, P: make([]float32, w*h*c)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			o := r.PixOffset(x+r.Rect.Min.X, y+r.Rect.Min.Y)
			i := y*w + x
			if c == 1 {
				m.P[i] = float32(r.Pix[o]) / 255
			} else {
				m.P[i*3] = float32(r.Pix[o]) / 255
				m.P[i*3+1] = float32(r.Pix[o+1]) / 255
				m.P[i*3+2] = float32(r.Pix[o+2]) / 255
			}
		}
	}
	return m
}

func FromGray8(g *image.Gray) *Img {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	m := &Img{W: w, H: h, C: 1, P: make([]float32, w*h)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.P[y*w+x] = float32(g.Pix[g.PixOffset(x, y)]) / 255
		}
	}
	return m
}

// 16-bit intermediate keeps precision through x/image/draw resampling.
func (m *Img) toRGBA64() *image.RGBA64 {
	r := image.NewRGBA64(image.Rect(0, 0, m.W, m.H))
	for i := 0; i < m.W*m.H; i++ {
		var cr, cg, cb float32
		if m.C == 1 {
			cr, cg, cb = m.P[i], m.P[i], m.P[i]
		} else {
			cr, cg, cb = m.P[i*3], m.P[i*3+1], m.P[i*3+2]
		}
		put16(r.Pix[i*8:], cr)
		put16(r.Pix[i*8+2:], cg)
		put16(r.Pix[i*8+4:], cb)
		r.Pix[i*8+6], r.Pix[i*8+7] = 0xff, 0xff
	}
	return r
}

func put16(b []byte, v float32) {
	v = clamp01(v)*65535 + 0.5
	u := uint16(v)
	b[0], b[1] = uint8(u>>8), uint8(u)
}

func fromRGBA64(r *image.RGBA64, c int) *Img {
	w, h := r.Rect.Dx(), r.Rect.Dy()
	m := &Img{W: w, H: h, C: c, P: make([]float32, w*h*c)}
	for i := 0; i < w*h; i++ {
		g := func(k int) float32 { return float32(uint16(r.Pix[i*8+k])<<8|uint16(r.Pix[i*8+k+1])) / 65535 }
		if c == 1 {
			m.P[i] = 0.299*g(0) + 0.587*g(2) + 0.114*g(4)
		} else {
			m.P[i*3], m.P[i*3+1], m.P[i*3+2] = g(0), g(2), g(4)
		}
	}
	return m
}

func interpName(k string) xdraw.Interpolator {
	switch k {
	case "nearest":
		return xdraw.NearestNeighbor
	case "approxbilinear":
		return xdraw.ApproxBiLinear
	case "bilinear":
		return xdraw.BiLinear
	default:
		return xdraw.CatmullRom
	}
}

// Resample scales the image to w x h with an x/image/draw interpolator.
func (m *Img) Resample(w, h int, interp string) *Img {
	src := m.ToRGBA()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	interpName(interp).Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
	return FromRGBA(dst, m.C)
}

// RotateSkew rotates the image content by deg degrees clockwise about the
// centre (plus a shift in pixels), keeping the canvas size and filling exposed
// areas with bg. Uses x/image/draw Transform.
func (m *Img) RotateSkew(deg, shiftX, shiftY float64, bg RGB, interp string) *Img {
	src := m.ToRGBA()
	dst := image.NewRGBA(image.Rect(0, 0, m.W, m.H))
	bgc := color.RGBA{q8(bg[0]), q8(bg[1]), q8(bg[2]), 0xff}
	xdraw.Draw(dst, dst.Bounds(), &image.Uniform{bgc}, image.Point{}, xdraw.Src)
	th := deg * math.Pi / 180
	cs, sn := math.Cos(th), math.Sin(th)
	cx, cy := float64(m.W)/2, float64(m.H)/2
	// y-down coordinates: clockwise rotation by th.
	s2d := f64.Aff3{
		cs, -sn, cx - cs*cx + sn*cy + shiftX,
		sn, cs, cy - sn*cx - cs*cy + shiftY,
	}
	interpName(interp).(xdraw.Transformer).Transform(dst, s2d, src, src.Bounds(), xdraw.Over, nil)
	return FromRGBA(dst, m.C)
}

// Rot90 rotates clockwise by k*90 degrees exactly.
func (m *Img) Rot90(k int) *Img {
	k = ((k % 4) + 4) % 4
	if k == 0 {
		return m.Clone()
	}
	w, h := m.W, m.H
	nw, nh := w, h
	if k%2 == 1 {
		nw, nh = h, w
	}
	n := &Img{W: nw, H: nh, C: m.C, P: make([]float32, len(m.P))}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var X, Y int
			switch k {
			case 1:
				X, Y = h-1-y, x
			case 2:
				X, Y = w-1-x, h-1-y
			case 3:
				X, Y = y, w-1-x
			}
			copy(n.P[(Y*nw+X)*m.C:(Y*nw+X)*m.C+m.C], m.P[(y*w+x)*m.C:(y*w+x)*m.C+m.C])
		}
	}
	return n
}

// MirrorX flips left-right (used for bleed-through of the reverse side).
func (m *Img) MirrorX() *Img {
	n := m.Clone()
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			copy(n.P[(y*m.W+x)*m.C:(y*m.W+x)*m.C+m.C], m.P[(y*m.W+m.W-1-x)*m.C:(y*m.W+m.W-1-x)*m.C+m.C])
		}
	}
	return n
}

// Map applies a per-pixel function to every channel value.
func (m *Img) Map(f func(v float32) float32) {
	for i := range m.P {
		m.P[i] = f(m.P[i])
	}
}

func (m *Img) Crop(x0, y0, w, h int, bg RGB) *Img {
	n := NewImg(w, h, m.C, bg)
	for y := 0; y < h; y++ {
		sy := y + y0
		if sy < 0 || sy >= m.H {
			continue
		}
		for x := 0; x < w; x++ {
			sx := x + x0
			if sx < 0 || sx >= m.W {
				continue
			}
			copy(n.P[(y*w+x)*m.C:(y*w+x)*m.C+m.C], m.P[(sy*m.W+sx)*m.C:(sy*m.W+sx)*m.C+m.C])
		}
	}
	return n
}

// gauss3 is a separable 3-tap Gaussian for small sigmas (< 0.9 px).
func (m *Img) gauss3(sx, sy float64) {
	tap := func(s float64) float32 {
		if s <= 0.05 {
			return 0
		}
		return float32(math.Exp(-1 / (2 * s * s)))
	}
	for dir, s := range []float64{sx, sy} {
		w := tap(s)
		if w == 0 {
			continue
		}
		n := m.Clone()
		norm := 1 + 2*w
		for y := 0; y < m.H; y++ {
			for x := 0; x < m.W; x++ {
				var xa, xb, ya, yb int = x, x, y, y
				if dir == 0 {
					xa, xb = clampi(x-1, 0, m.W-1), clampi(x+1, 0, m.W-1)
				} else {
					ya, yb = clampi(y-1, 0, m.H-1), clampi(y+1, 0, m.H-1)
				}
				o, oa, ob := (y*m.W+x)*m.C, (ya*m.W+xa)*m.C, (yb*m.W+xb)*m.C
				for c := 0; c < m.C; c++ {
					m.P[o+c] = (n.P[o+c] + w*(n.P[oa+c]+n.P[ob+c])) / norm
				}
			}
		}
	}
}
