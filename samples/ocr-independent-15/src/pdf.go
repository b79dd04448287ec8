package main

// Our own image-only PDF writer and a verifier that parses our xref.

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image/jpeg"
	"io"
	"strconv"
	"strings"

	"golang.org/x/image/ccitt"
)

type PDFPage struct {
	WPt, HPt   float64
	ImgW, ImgH int
	ColorSpace string // DeviceGray | DeviceRGB
	BPC        int
	Filter     string // DCTDecode | CCITTFaxDecode | FlateDecode
	Data       []byte
}

func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func WritePDF(pages []*PDFPage) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	n := 3 + 3*len(pages)
	offs := make([]int, n+1)
	obj := func(i int, dict string, stream []byte) {
		offs[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s", i, dict)
		if stream != nil {
			out.WriteString("\nstream\n")
			out.Write(stream)
			out.WriteString("\nendstream")
		}
		out.WriteString("\nendobj\n")
	}
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>", nil)
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", 4+3*i))
	}
	obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)), nil)
	obj(3, "<< /Producer (ocr15 set generator, image-only scans) >>", nil)
	for i, p := range pages {
		po, co, io_ := 4+3*i, 5+3*i, 6+3*i
		obj(po, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /XObject << /Im%d %d 0 R >> >> /Contents %d 0 R >>",
			f2(p.WPt), f2(p.HPt), i, io_, co), nil)
		content := []byte(fmt.Sprintf("q\n%s 0 0 %s 0 0 cm\n/Im%d Do\nQ\n", f2(p.WPt), f2(p.HPt), i))
		obj(co, fmt.Sprintf("<< /Length %d >>", len(content)), content)
		extra := ""
		if p.Filter == "CCITTFaxDecode" {
			extra = fmt.Sprintf(" /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 false >>", p.ImgW, p.ImgH)
		}
		obj(io_, fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent %d /Filter /%s%s /Length %d >>",
			p.ImgW, p.ImgH, p.ColorSpace, p.BPC, p.Filter, extra, len(p.Data)), p.Data)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", n+1)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offs[i])
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n", n+1, xref)
	return out.Bytes()
}

type PDFInfo struct {
	Pages    int
	Sizes    []string
	Filters  []string
	ImgDims  [][2]int
	Problems []string
}

func dictInt(d, key string) int {
	i := strings.Index(d, "/"+key+" ")
	if i < 0 {
		return -1
	}
	s := d[i+len(key)+2:]
	j := 0
	for j < len(s) && (s[j] == '-' || (s[j] >= '0' && s[j] <= '9')) {
		j++
	}
	v, err := strconv.Atoi(s[:j])
	if err != nil {
		return -1
	}
	return v
}

// VerifyPDF parses the xref table, visits every object, counts pages, and
// decodes every image XObject; it reports anything that is not image-only.
func VerifyPDF(b []byte) (*PDFInfo, error) {
	info := &PDFInfo{}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return nil, fmt.Errorf("no header")
	}
	tail := string(b[len(b)-64:])
	i := strings.LastIndex(tail, "startxref\n")
	if i < 0 || !strings.HasSuffix(tail, "%%EOF\n") {
		return nil, fmt.Errorf("no startxref/EOF")
	}
	xo, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(tail[i+10:], "\n", 2)[0]))
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b[xo:], []byte("xref\n")) {
		return nil, fmt.Errorf("startxref does not point at xref")
	}
	lines := strings.SplitN(string(b[xo:]), "\n", 4)
	var first, count int
	fmt.Sscanf(lines[1], "%d %d", &first, &count)
	body := b[xo+len(lines[0])+len(lines[1])+2:]
	offsets := map[int]int{}
	for k := 0; k < count; k++ {
		ent := string(body[k*20 : k*20+20])
		if ent[17] == 'n' {
			o, _ := strconv.Atoi(ent[:10])
			offsets[first+k] = o
		}
	}
	trailer := string(body[count*20:])
	if !strings.HasPrefix(trailer, "trailer\n") || dictInt(trailer, "Size") != count {
		return nil, fmt.Errorf("trailer")
	}
	type object struct {
		dict   string
		stream []byte
	}
	objs := map[int]object{}
	for num := 1; num < first+count; num++ {
		o, ok := offsets[num]
		if !ok {
			return nil, fmt.Errorf("object %d missing", num)
		}
		hdr := fmt.Sprintf("%d 0 obj\n", num)
		if !bytes.HasPrefix(b[o:], []byte(hdr)) {
			return nil, fmt.Errorf("xref offset of object %d wrong", num)
		}
		rest := b[o+len(hdr):]
		end := bytes.Index(rest, []byte("\nendobj\n"))
		if end < 0 {
			return nil, fmt.Errorf("object %d unterminated", num)
		}
		seg := rest[:end]
		ob := object{}
		if si := bytes.Index(seg, []byte("\nstream\n")); si >= 0 {
			ob.dict = string(seg[:si])
			n := dictInt(ob.dict, "Length")
			if n < 0 || si+8+n > len(seg) {
				return nil, fmt.Errorf("object %d bad stream length", num)
			}
			ob.stream = seg[si+8 : si+8+n]
			if !bytes.HasPrefix(seg[si+8+n:], []byte("\nendstream")) {
				return nil, fmt.Errorf("object %d: Length mismatch", num)
			}
		} else {
			ob.dict = string(seg)
		}
		objs[num] = ob
	}
	for num := 1; num < first+count; num++ {
		ob := objs[num]
		if strings.Contains(ob.dict, "/Font") || strings.Contains(ob.dict, "/Annots") || strings.Contains(ob.dict, "/AcroForm") {
			info.Problems = append(info.Problems, fmt.Sprintf("object %d has fonts/annotations", num))
		}
		if strings.Contains(ob.dict, "/Type /Pages") {
			if c := dictInt(ob.dict, "Count"); c >= 0 {
				info.Pages = c
			}
		}
	}
	nPage := 0
	for num := 1; num < first+count; num++ {
		ob := objs[num]
		if !strings.Contains(ob.dict, "/Type /Page ") {
			continue
		}
		nPage++
		mb := ob.dict[strings.Index(ob.dict, "/MediaBox [")+11:]
		mb = mb[:strings.Index(mb, "]")]
		info.Sizes = append(info.Sizes, mb)
		ci := dictInt(ob.dict, "Contents")
		content := string(objs[ci].stream)
		for _, tok := range strings.Fields(content) {
			switch tok {
			case "BT", "ET", "Tj", "TJ", "Tf", "'", "\"":
				info.Problems = append(info.Problems, "text operator in content stream")
			}
		}
		xi := strings.Index(ob.dict, "/XObject << /Im")
		if xi < 0 {
			info.Problems = append(info.Problems, "page without image")
			continue
		}
		var inum, ref int
		fmt.Sscanf(ob.dict[xi+15:], "%d %d 0 R", &inum, &ref)
		im := objs[ref]
		if !strings.Contains(im.dict, "/Subtype /Image") {
			info.Problems = append(info.Problems, "XObject is not an image")
			continue
		}
		w, h := dictInt(im.dict, "Width"), dictInt(im.dict, "Height")
		info.ImgDims = append(info.ImgDims, [2]int{w, h})
		switch {
		case strings.Contains(im.dict, "/DCTDecode"):
			info.Filters = append(info.Filters, "DCTDecode")
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(im.stream))
			if err != nil || cfg.Width != w || cfg.Height != h {
				info.Problems = append(info.Problems, "JPEG image does not decode to its size")
			} else if _, err := jpeg.Decode(bytes.NewReader(im.stream)); err != nil {
				info.Problems = append(info.Problems, "JPEG decode: "+err.Error())
			}
		case strings.Contains(im.dict, "/CCITTFaxDecode"):
			info.Filters = append(info.Filters, "CCITTFaxDecode")
			r := ccitt.NewReader(bytes.NewReader(im.stream), ccitt.MSB, ccitt.Group4, w, h, nil)
			raw, err := io.ReadAll(r)
			if err != nil || len(raw) != h*((w+7)/8) {
				info.Problems = append(info.Problems, fmt.Sprintf("CCITT decode failed: %v", err))
			}
		case strings.Contains(im.dict, "/FlateDecode"):
			info.Filters = append(info.Filters, "FlateDecode")
			zr, err := zlib.NewReader(bytes.NewReader(im.stream))
			var raw []byte
			if err == nil {
				raw, err = io.ReadAll(zr)
			}
			bpc := dictInt(im.dict, "BitsPerComponent")
			ch := 1
			if strings.Contains(im.dict, "/DeviceRGB") {
				ch = 3
			}
			if err != nil || len(raw) != h*((w*bpc*ch+7)/8) {
				info.Problems = append(info.Problems, "Flate image size mismatch")
			}
		default:
			info.Problems = append(info.Problems, "unknown filter")
		}
	}
	if nPage != info.Pages {
		info.Problems = append(info.Problems, fmt.Sprintf("page objects %d != /Count %d", nPage, info.Pages))
	}
	return info, nil
}
