package main

// Our own CCITT T.6 (Group 4) encoder for bilevel pages. Input rows hold 1 for
// black and 0 for white; output is MSB-first with an EOFB, as used by TIFF
// Compression=4 (FillOrder 1) and PDF /CCITTFaxDecode /K -1.

type bitw struct {
	buf  []byte
	cur  byte
	nbit uint
}

func (b *bitw) put(code string) {
	for i := 0; i < len(code); i++ {
		b.cur <<= 1
		if code[i] == '1' {
			b.cur |= 1
		}
		b.nbit++
		if b.nbit == 8 {
			b.buf = append(b.buf, b.cur)
			b.cur, b.nbit = 0, 0
		}
	}
}

func (b *bitw) flush() []byte {
	if b.nbit > 0 {
		b.buf = append(b.buf, b.cur<<(8-b.nbit))
		b.cur, b.nbit = 0, 0
	}
	return b.buf
}

var g4WhiteCode, g4BlackCode map[int]string

func initG4() {
	g4WhiteCode = map[int]string{}
	g4BlackCode = map[int]string{}
	for _, c := range t6White {
		g4WhiteCode[int(c.val)] = c.str
	}
	for _, c := range t6Black {
		g4BlackCode[int(c.val)] = c.str
	}
}

func putRun(b *bitw, n int, black bool) {
	tab := g4WhiteCode
	if black {
		tab = g4BlackCode
	}
	for n >= 2560 {
		b.put(tab[2560])
		n -= 2560
	}
	if n >= 64 {
		m := n / 64 * 64
		b.put(tab[m])
		n -= m
	}
	b.put(tab[n])
}

// nextChange returns the first position p > pos (p >= 0) where line[p]
// differs from line[p-1] (line[-1] is white), or w.
func nextChange(line []uint8, pos, w int) int {
	p := pos + 1
	if p < 0 {
		p = 0
	}
	for ; p < w; p++ {
		prev := uint8(0)
		if p > 0 {
			prev = line[p-1]
		}
		if line[p] != prev {
			return p
		}
	}
	return w
}

func EncodeG4(rows [][]uint8, w int) []byte {
	if g4WhiteCode == nil {
		initG4()
	}
	b := &bitw{}
	ref := make([]uint8, w)
	for _, cur := range rows {
		a0 := -1
		color := uint8(0)
		for a0 < w {
			b1 := nextChange(ref, a0, w)
			if b1 < w && ref[b1] == color {
				b1 = nextChange(ref, b1, w)
			}
			b2 := nextChange(ref, b1, w)
			a1 := nextChange(cur, a0, w)
			if b2 < a1 {
				b.put("0001") // pass
				a0 = b2
				continue
			}
			d := a1 - b1
			if d >= -3 && d <= 3 {
				switch d {
				case 0:
					b.put("1")
				case 1:
					b.put("011")
				case 2:
					b.put("000011")
				case 3:
					b.put("0000011")
				case -1:
					b.put("010")
				case -2:
					b.put("000010")
				case -3:
					b.put("0000010")
				}
				a0 = a1
				color ^= 1
				continue
			}
			a2 := nextChange(cur, a1, w)
			start := a0
			if start < 0 {
				start = 0
			}
			b.put("001")
			putRun(b, a1-start, color == 1)
			putRun(b, a2-a1, color == 0)
			a0 = a2
		}
		ref = cur
	}
	b.put("000000000001000000000001") // EOFB
	return b.flush()
}
