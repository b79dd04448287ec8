package main

// Our own TIFF writer (uncompressed, PackBits, Deflate, CCITT G4; multi-page
// via a chain of IFDs; either byte order) and reader used to verify it.

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"sort"

	"golang.org/x/image/ccitt"
)

type TiffPage struct {
	W, H        int
	Kind        string // bilevel | gray | rgb
	Compression int    // 1, 4, 8, 32773
	Photometric int    // bilevel: 0 WhiteIsZero or 1 BlackIsZero
	Raw         []byte // uncompressed packed rows (bilevel: 1 bpp MSB first, per Photometric)
	XRes, YRes  int
}

func (p *TiffPage) rowBytes() int {
	switch p.Kind {
	case "bilevel":
		return (p.W + 7) / 8
	case "rgb":
		return p.W * 3
	}
	return p.W
}

func packBitsRow(row []byte) []byte {
	var out []byte
	i := 0
	n := len(row)
	for i < n {
		// repeat run?
		j := i + 1
		for j < n && row[j] == row[i] && j-i < 128 {
			j++
		}
		if j-i >= 2 {
			out = append(out, byte(int8(-(j - i - 1))), row[i])
			i = j
			continue
		}
		// literal run until a repeat of >=2 starts
		j = i + 1
		for j < n && j-i < 128 {
			if j+1 < n && row[j] == row[j+1] {
				break
			}
			j++
		}
		out = append(out, byte(j-i-1))
		out = append(out, row[i:j]...)
		i = j
	}
	return out
}

func unpackBits(src []byte, want int) ([]byte, error) {
	var out []byte
	i := 0
	for i < len(src) && len(out) < want {
		n := int(int8(src[i]))
		i++
		switch {
		case n >= 0:
			if i+n+1 > len(src) {
				return nil, fmt.Errorf("packbits literal overrun")
			}
			out = append(out, src[i:i+n+1]...)
			i += n + 1
		case n != -128:
			if i >= len(src) {
				return nil, fmt.Errorf("packbits repeat overrun")
			}
			for k := 0; k < 1-n; k++ {
				out = append(out, src[i])
			}
			i++
		}
	}
	return out, nil
}

type tifEntry struct {
	tag, typ uint16
	count    uint32
	vals     []uint32 // SHORT/LONG values, or rationals as num,den pairs
	ascii    string
}

func WriteTIFF(pages []*TiffPage, big bool) []byte {
	var bo binary.ByteOrder = binary.LittleEndian
	var out bytes.Buffer
	if big {
		bo = binary.BigEndian
		out.WriteString("MM\x00\x2a")
	} else {
		out.WriteString("II\x2a\x00")
	}
	out.Write([]byte{0, 0, 0, 0}) // first IFD offset, patched
	prevNext := 4
	for pi, p := range pages {
		rb := p.rowBytes()
		rps := p.H
		if p.Compression != 4 {
			rps = 65536 / rb
			if rps < 1 {
				rps = 1
			}
			if rps > p.H {
				rps = p.H
			}
		}
		var offs, counts []uint32
		for y0 := 0; y0 < p.H; y0 += rps {
			y1 := y0 + rps
			if y1 > p.H {
				y1 = p.H
			}
			raw := p.Raw[y0*rb : y1*rb]
			var data []byte
			switch p.Compression {
			case 1:
				data = raw
			case 32773:
				for y := y0; y < y1; y++ {
					data = append(data, packBitsRow(p.Raw[y*rb:(y+1)*rb])...)
				}
			case 8:
				var zb bytes.Buffer
				zw, _ := zlib.NewWriterLevel(&zb, 9)
				zw.Write(raw)
				zw.Close()
				data = zb.Bytes()
			case 4:
				rows := make([][]uint8, y1-y0)
				for y := y0; y < y1; y++ {
					r := make([]uint8, p.W)
					for x := 0; x < p.W; x++ {
						bit := (p.Raw[y*rb+x/8] >> (7 - uint(x%8))) & 1
						black := bit == 1
						if p.Photometric == 1 {
							black = bit == 0
						}
						if black {
							r[x] = 1
						}
					}
					rows[y-y0] = r
				}
				data = EncodeG4(rows, p.W)
			}
			if out.Len()%2 == 1 {
				out.WriteByte(0)
			}
			offs = append(offs, uint32(out.Len()))
			counts = append(counts, uint32(len(data)))
			out.Write(data)
		}
		var e []tifEntry
		sub := uint32(0)
		if len(pages) > 1 {
			sub = 2
		}
		e = append(e, tifEntry{254, 4, 1, []uint32{sub}, ""})
		e = append(e, tifEntry{256, 4, 1, []uint32{uint32(p.W)}, ""})
		e = append(e, tifEntry{257, 4, 1, []uint32{uint32(p.H)}, ""})
		spp := 1
		switch p.Kind {
		case "bilevel":
			e = append(e, tifEntry{258, 3, 1, []uint32{1}, ""})
		case "gray":
			e = append(e, tifEntry{258, 3, 1, []uint32{8}, ""})
		case "rgb":
			e = append(e, tifEntry{258, 3, 3, []uint32{8, 8, 8}, ""})
			spp = 3
		}
		e = append(e, tifEntry{259, 3, 1, []uint32{uint32(p.Compression)}, ""})
		photo := uint32(1)
		if p.Kind == "bilevel" {
			photo = uint32(p.Photometric)
		} else if p.Kind == "rgb" {
			photo = 2
		}
		e = append(e, tifEntry{262, 3, 1, []uint32{photo}, ""})
		if p.Kind == "bilevel" {
			e = append(e, tifEntry{266, 3, 1, []uint32{1}, ""})
		}
		e = append(e, tifEntry{273, 4, uint32(len(offs)), offs, ""})
		e = append(e, tifEntry{277, 3, 1, []uint32{uint32(spp)}, ""})
		e = append(e, tifEntry{278, 4, 1, []uint32{uint32(rps)}, ""})
		e = append(e, tifEntry{279, 4, uint32(len(counts)), counts, ""})
		e = append(e, tifEntry{282, 5, 1, []uint32{uint32(p.XRes), 1}, ""})
		e = append(e, tifEntry{283, 5, 1, []uint32{uint32(p.YRes), 1}, ""})
		e = append(e, tifEntry{284, 3, 1, []uint32{1}, ""})
		if p.Compression == 4 {
			e = append(e, tifEntry{293, 4, 1, []uint32{0}, ""})
		}
		e = append(e, tifEntry{296, 3, 1, []uint32{2}, ""})
		if len(pages) > 1 {
			e = append(e, tifEntry{297, 3, 2, []uint32{uint32(pi), uint32(len(pages))}, ""})
		}
		e = append(e, tifEntry{305, 2, 0, nil, "ocr15 set generator (Go)\x00"})
		sort.Slice(e, func(i, j int) bool { return e[i].tag < e[j].tag })
		// external data area after the IFD
		if out.Len()%2 == 1 {
			out.WriteByte(0)
		}
		ifdOff := out.Len()
		b := out.Bytes()
		bo.PutUint32(b[prevNext:], uint32(ifdOff))
		ifdLen := 2 + 12*len(e) + 4
		ext := ifdOff + ifdLen
		var ifd, extra bytes.Buffer
		w16 := func(w *bytes.Buffer, v uint16) { var t [2]byte; bo.PutUint16(t[:], v); w.Write(t[:]) }
		w32 := func(w *bytes.Buffer, v uint32) { var t [4]byte; bo.PutUint32(t[:], v); w.Write(t[:]) }
		w16(&ifd, uint16(len(e)))
		for _, en := range e {
			w16(&ifd, en.tag)
			w16(&ifd, en.typ)
			var payload bytes.Buffer
			count := en.count
			switch en.typ {
			case 2:
				count = uint32(len(en.ascii))
				payload.WriteString(en.ascii)
			case 3:
				for _, v := range en.vals {
					w16(&payload, uint16(v))
				}
			case 4, 5:
				for _, v := range en.vals {
					w32(&payload, v)
				}
			}
			w32(&ifd, count)
			pb := payload.Bytes()
			if len(pb) <= 4 {
				var t [4]byte
				copy(t[:], pb)
				ifd.Write(t[:])
			} else {
				w32(&ifd, uint32(ext+extra.Len()))
				extra.Write(pb)
				if extra.Len()%2 == 1 {
					extra.WriteByte(0)
				}
			}
		}
		prevNext = ifdOff + 2 + 12*len(e)
		w32(&ifd, 0)
		out.Write(ifd.Bytes())
		out.Write(extra.Bytes())
	}
	return out.Bytes()
}

// ---------- reader (verification) ----------

type TiffReadPage struct {
	W, H, Compression, Photometric, BPS, SPP int
	XRes, YRes                               float64
	Raw                                      []byte
}

func ReadTIFF(b []byte) ([]*TiffReadPage, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("short")
	}
	var bo binary.ByteOrder
	switch string(b[:4]) {
	case "II\x2a\x00":
		bo = binary.LittleEndian
	case "MM\x00\x2a":
		bo = binary.BigEndian
	default:
		return nil, fmt.Errorf("bad header")
	}
	off := int(bo.Uint32(b[4:]))
	var pages []*TiffReadPage
	seen := map[int]bool{}
	for off != 0 {
		if seen[off] || off+2 > len(b) {
			return nil, fmt.Errorf("bad IFD offset %d", off)
		}
		seen[off] = true
		n := int(bo.Uint16(b[off:]))
		tags := map[int][]uint32{}
		for i := 0; i < n; i++ {
			e := b[off+2+12*i:]
			tag, typ, cnt := int(bo.Uint16(e)), int(bo.Uint16(e[2:])), int(bo.Uint32(e[4:]))
			size := map[int]int{1: 1, 2: 1, 3: 2, 4: 4, 5: 8}[typ]
			data := e[8:12]
			if size*cnt > 4 {
				o := int(bo.Uint32(e[8:]))
				if o+size*cnt > len(b) {
					return nil, fmt.Errorf("tag %d out of range", tag)
				}
				data = b[o : o+size*cnt]
			}
			var vals []uint32
			for k := 0; k < cnt; k++ {
				switch typ {
				case 3:
					vals = append(vals, uint32(bo.Uint16(data[2*k:])))
				case 4:
					vals = append(vals, bo.Uint32(data[4*k:]))
				case 5:
					vals = append(vals, bo.Uint32(data[8*k:]), bo.Uint32(data[8*k+4:]))
				}
			}
			tags[tag] = vals
		}
		one := func(t int, d uint32) int {
			if v, ok := tags[t]; ok && len(v) > 0 {
				return int(v[0])
			}
			return int(d)
		}
		p := &TiffReadPage{W: one(256, 0), H: one(257, 0), Compression: one(259, 1), Photometric: one(262, 1), BPS: one(258, 1), SPP: one(277, 1)}
		if r := tags[282]; len(r) == 2 && r[1] != 0 {
			p.XRes = float64(r[0]) / float64(r[1])
		}
		if r := tags[283]; len(r) == 2 && r[1] != 0 {
			p.YRes = float64(r[0]) / float64(r[1])
		}
		rb := (p.W*p.BPS*p.SPP + 7) / 8
		rps := one(278, uint32(p.H))
		offs, cnts := tags[273], tags[279]
		if len(offs) != len(cnts) || len(offs) == 0 {
			return nil, fmt.Errorf("strip tables")
		}
		for si := range offs {
			o, c := int(offs[si]), int(cnts[si])
			if o+c > len(b) {
				return nil, fmt.Errorf("strip out of range")
			}
			src := b[o : o+c]
			rows := rps
			if (si+1)*rps > p.H {
				rows = p.H - si*rps
			}
			var raw []byte
			var err error
			switch p.Compression {
			case 1:
				raw = src
			case 32773:
				raw, err = unpackBits(src, rows*rb)
			case 8:
				var zr io.ReadCloser
				zr, err = zlib.NewReader(bytes.NewReader(src))
				if err == nil {
					raw, err = io.ReadAll(zr)
				}
			case 4:
				r := ccitt.NewReader(bytes.NewReader(src), ccitt.MSB, ccitt.Group4, p.W, rows, &ccitt.Options{Invert: p.Photometric == 0})
				raw, err = io.ReadAll(r)
			default:
				err = fmt.Errorf("compression %d", p.Compression)
			}
			if err != nil {
				return nil, err
			}
			if len(raw) != rows*rb {
				return nil, fmt.Errorf("strip %d: got %d bytes want %d", si, len(raw), rows*rb)
			}
			p.Raw = append(p.Raw, raw...)
		}
		pages = append(pages, p)
		next := off + 2 + 12*n
		off = int(bo.Uint32(b[next:]))
	}
	return pages, nil
}
