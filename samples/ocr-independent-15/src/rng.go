package main

// String-seeded deterministic randomness: xoshiro256** seeded from SHA-256 of
// a string. No global state, no time, no math/rand.

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
)

type RNG struct{ s [4]uint64 }

func NewRNG(seed string) *RNG {
	h := sha256.Sum256([]byte("ocr15|" + seed))
	r := &RNG{}
	for i := 0; i < 4; i++ {
		r.s[i] = binary.LittleEndian.Uint64(h[i*8:])
	}
	if r.s[0]|r.s[1]|r.s[2]|r.s[3] == 0 {
		r.s[0] = 1
	}
	return r
}

func rotl(x uint64, k uint) uint64 { return (x << k) | (x >> (64 - k)) }

func (r *RNG) U64() uint64 {
	res := rotl(r.s[1]*5, 7) * 9
	t := r.s[1] << 17
	r.s[2] ^= r.s[0]
	r.s[3] ^= r.s[1]
	r.s[1] ^= r.s[2]
	r.s[0] ^= r.s[3]
	r.s[2] ^= t
	r.s[3] = rotl(r.s[3], 45)
	return res
}

// F returns a float64 in [0,1).
func (r *RNG) F() float64 { return float64(r.U64()>>11) / (1 << 53) }

func (r *RNG) Intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.U64() % uint64(n))
}

// IntR returns an int in [a,b] inclusive.
func (r *RNG) IntR(a, b int) int { return a + r.Intn(b-a+1) }

func (r *RNG) R(a, b float64) float64 { return a + (b-a)*r.F() }

func (r *RNG) Chance(p float64) bool { return r.F() < p }

func (r *RNG) Norm() float64 {
	u1 := r.F()
	if u1 < 1e-12 {
		u1 = 1e-12
	}
	u2 := r.F()
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}

func (r *RNG) Pick(xs []string) string { return xs[r.Intn(len(xs))] }

func (r *RNG) Sign() float64 {
	if r.U64()&1 == 0 {
		return -1
	}
	return 1
}

// Shuffle returns a permuted copy.
func (r *RNG) Shuffle(xs []string) []string {
	out := append([]string(nil), xs...)
	for i := len(out) - 1; i > 0; i-- {
		j := r.Intn(i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Sub derives an independent generator.
func (r *RNG) Sub(tag string) *RNG {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], r.U64())
	return NewRNG(tag + "|" + string(b[:]))
}

// ValueNoise is smooth 2-D noise on a coarse lattice, evaluated bilinearly
// with a smoothstep. Deterministic from its seed.
type ValueNoise struct {
	gw, gh int
	cell   float64
	v      []float32
}

func NewValueNoise(r *RNG, w, h int, cell float64) *ValueNoise {
	gw := int(float64(w)/cell) + 3
	gh := int(float64(h)/cell) + 3
	n := &ValueNoise{gw: gw, gh: gh, cell: cell, v: make([]float32, gw*gh)}
	for i := range n.v {
		n.v[i] = float32(r.F())
	}
	return n
}

func (n *ValueNoise) At(x, y float64) float32 {
	fx := x / n.cell
	fy := y / n.cell
	ix := int(fx)
	iy := int(fy)
	if ix < 0 {
		ix = 0
	}
	if iy < 0 {
		iy = 0
	}
	if ix > n.gw-2 {
		ix = n.gw - 2
	}
	if iy > n.gh-2 {
		iy = n.gh - 2
	}
	tx := float32(fx - float64(ix))
	ty := float32(fy - float64(iy))
	tx = tx * tx * (3 - 2*tx)
	ty = ty * ty * (3 - 2*ty)
	a := n.v[iy*n.gw+ix]
	b := n.v[iy*n.gw+ix+1]
	c := n.v[(iy+1)*n.gw+ix]
	d := n.v[(iy+1)*n.gw+ix+1]
	return a + (b-a)*tx + (c-a)*ty + (a-b-c+d)*tx*ty
}

// Fractal noise: sum of octaves in [0,1].
type Fractal struct{ oct []*ValueNoise }

func NewFractal(r *RNG, w, h int, cell float64, octaves int) *Fractal {
	f := &Fractal{}
	for i := 0; i < octaves; i++ {
		f.oct = append(f.oct, NewValueNoise(r, w, h, cell))
		cell /= 2
		if cell < 2 {
			break
		}
	}
	return f
}

func (f *Fractal) At(x, y float64) float32 {
	var s, wsum float32
	w := float32(1)
	for _, o := range f.oct {
		s += o.At(x, y) * w
		wsum += w
		w *= 0.5
	}
	return s / wsum
}
