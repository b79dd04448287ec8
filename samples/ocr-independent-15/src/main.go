package main

// ocr15 generator: builds the documents, simulates scanning, writes the scans
// in our own TIFF/PDF writers or Go's PNG/JPEG encoders, verifies every file
// by reading it back, and writes ground truth and the manifest.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/image/tiff"
)

func loadFonts() {
	t := "/usr/share/fonts/truetype/"
	o := "/usr/share/fonts/opentype/"
	fl := []struct {
		k, fam, f string
		mono      bool
	}{
		{"OpenSans", "Open Sans", t + "open-sans/OpenSans-Regular.ttf", false},
		{"OpenSans-Bold", "Open Sans", t + "open-sans/OpenSans-Bold.ttf", false},
		{"OpenSans-BoldItalic", "Open Sans", t + "open-sans/OpenSans-BoldItalic.ttf", false},
		{"PTSans", "PT Sans", t + "paratype/PTS55F.ttf", false},
		{"PTSans-Bold", "PT Sans", t + "paratype/PTS75F.ttf", false},
		{"PTSansNarrow", "PT Sans Narrow", t + "paratype/PTN57F.ttf", false},
		{"PTSansCaption", "PT Sans Caption", t + "paratype/PTC55F.ttf", false},
		{"PTSerif", "PT Serif", t + "paratype/PTF55F.ttf", false},
		{"PTSerif-Bold", "PT Serif", t + "paratype/PTF75F.ttf", false},
		{"PTSerif-Italic", "PT Serif", t + "paratype/PTF56F.ttf", false},
		{"PTSerifCaption", "PT Serif Caption", t + "paratype/PTZ55F.ttf", false},
		{"PTMono", "PT Mono", t + "paratype/PTM55F.ttf", true},
		{"ClearSans", "Clear Sans", t + "clear-sans/ClearSans-Regular.ttf", false},
		{"ClearSans-Bold", "Clear Sans", t + "clear-sans/ClearSans-Bold.ttf", false},
		{"ClearSans-Light", "Clear Sans", t + "clear-sans/ClearSans-Light.ttf", false},
		{"Cabin", "Cabin", o + "cabin/Cabin-Regular.otf", false},
		{"Cabin-Bold", "Cabin", o + "cabin/Cabin-Bold.otf", false},
		{"Oxygen", "Oxygen Sans", t + "oxygen/Oxygen-Sans.ttf", false},
		{"Oxygen-Bold", "Oxygen Sans", t + "oxygen/Oxygen-Sans-Bold.ttf", false},
		{"OxygenMono", "Oxygen Mono", t + "oxygen/OxygenMono-Regular.ttf", true},
		{"Andika", "Andika", t + "andika/Andika-Regular.ttf", false},
		{"Andika-Bold", "Andika", t + "andika/Andika-Bold.ttf", false},
		{"B612", "B612", o + "b612/B612-Regular.otf", false},
		{"B612-Bold", "B612", o + "b612/B612-Bold.otf", false},
		{"B612Mono", "B612 Mono", o + "b612/B612Mono-Regular.otf", true},
		{"Universalis", "Universalis ADF Std", t + "adf/UniversalisADFStd-Regular.otf", false},
		{"Universalis-Bold", "Universalis ADF Std", t + "adf/UniversalisADFStd-Bold.otf", false},
		{"Universalis-Cond", "Universalis ADF Std", t + "adf/UniversalisADFStd-Cond.otf", false},
		{"Libris", "Libris ADF Std", t + "adf/LibrisADFStd-Regular.otf", false},
		{"Libris-Bold", "Libris ADF Std", t + "adf/LibrisADFStd-Bold.otf", false},
		{"JetBrainsMono", "JetBrains Mono", t + "jetbrains-mono/JetBrainsMono-Regular.ttf", true},
		{"JetBrainsMono-Bold", "JetBrains Mono", t + "jetbrains-mono/JetBrainsMono-Bold.ttf", true},
		{"JetBrainsMono-Light", "JetBrains Mono", t + "jetbrains-mono/JetBrainsMono-Light.ttf", true},
		{"AnonymousPro", "Anonymous Pro", t + "anonymous-pro/Anonymous Pro.ttf", true},
		{"AnonymousPro-Bold", "Anonymous Pro", t + "anonymous-pro/Anonymous Pro B.ttf", true},
		{"DancingScript", "Dancing Script", o + "dancingscript/DancingScript-Regular.otf", false},
		{"Kristi", "Kristi", t + "kristi/Kristi.ttf", false},
		{"Isabella", "Isabella", t + "isabella/Isabella.ttf", false},
		{"FemkeKlaver", "Femke Klaver", t + "femkeklaver/femkeklaver.ttf", false},
	}
	for _, f := range fl {
		LoadFont(f.k, f.fam, f.f, f.mono)
	}
}

type ManifestEntry struct {
	File                string         `json:"file"`
	GroundTruth         string         `json:"ground_truth"`
	DocumentType        string         `json:"document_type"`
	Kind                string         `json:"kind"`
	Pages               int            `json:"pages"`
	NHSNumber           *string        `json:"nhs_number"`
	DateOfBirth         *string        `json:"date_of_birth"`
	NHSAsPrinted        *string        `json:"nhs_as_printed"`
	DOBAsPrinted        *string        `json:"dob_as_printed"`
	NHSLabel            *string        `json:"nhs_label_as_printed"`
	DOBLabel            *string        `json:"dob_label_as_printed"`
	Degradations        [][]string     `json:"degradations"`
	Difficulty          []string       `json:"difficulty"`
	Rotation            []int          `json:"rotation_clockwise_deg"`
	Skew                []float64      `json:"skew_clockwise_deg"`
	Format              string         `json:"format"`
	Container           string         `json:"container"`
	PageEncoding        []string       `json:"page_encoding"`
	ColourMode          []string       `json:"colour_mode"`
	DPI                 []int          `json:"dpi"`
	DPIXY               [][2]int       `json:"dpi_xy"`
	PixelSize           [][2]int       `json:"pixel_size"`
	PageSize            []string       `json:"page_size"`
	Fonts               []string       `json:"fonts"`
	OverlayText         [][]string     `json:"overlay_text_not_in_gt"`
	HandwrittenText     [][]string     `json:"handwritten_text_not_in_gt"`
	LogoText            [][]string     `json:"logo_text_not_in_gt"`
	Distractors         []Distractor   `json:"distractors"`
	LetterDate          string         `json:"letter_date"`
	PatientName         string         `json:"patient_name"`
	PatientPostcode     string         `json:"patient_postcode"`
	HospitalNumber      string         `json:"hospital_number"`
	GTLines             []int          `json:"gt_lines_per_page"`
	Notes               string         `json:"notes"`
}

func sp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func BuildDocs() ([]*Doc, []DocPlan) {
	plan := Plan()
	var docs []*Doc
	for i, pl := range plan {
		id := fmt.Sprintf("doc%02d", i+1)
		r := NewRNG("doc|" + id)
		d := &Doc{N: i + 1, ID: id, Type: pl.Type, Kind: pl.Kind, R: r, Sizes: pl.Sizes, Variant: pl.Var}
		d.Pat = NewPatient(r.Sub("patient"), 1924, 1975)
		d.Letter = dateRange(r.Sub("date"), pl.Years[0], pl.Years[1])
		if AgeAt(d.Pat.DOB, d.Letter) < 18 {
			d.Pat.DOB.Y -= 30
		}
		pl.Lay(d)
		if len(d.Pages) != len(pl.Sizes) || len(pl.Recipes) != len(pl.Sizes) {
			panic(fmt.Sprintf("%s: pages %d sizes %d recipes %d", id, len(d.Pages), len(pl.Sizes), len(pl.Recipes)))
		}
		docs = append(docs, d)
	}
	return docs, plan
}

func pageOut(fs FileSpec, i int) string {
	if i < len(fs.PageOut) {
		return fs.PageOut[i]
	}
	return fs.Out
}

// raw page bytes for our writers
func packBilevel(m *Img, blackIsOne bool) []byte {
	rb := (m.W + 7) / 8
	out := make([]byte, rb*m.H)
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			black := m.P[y*m.W+x] < 0.5
			if black == blackIsOne {
				out[y*rb+x/8] |= 0x80 >> uint(x%8)
			}
		}
	}
	return out
}

func grayBytes(m *Img) []byte {
	g := m.ToGray8()
	return g.Pix
}

func rgbBytes(m *Img) []byte {
	out := make([]byte, m.W*m.H*3)
	for i := range out {
		out[i] = q8(m.P[i])
	}
	return out
}

func jfif(b []byte, dx, dy int) []byte {
	app0 := []byte{0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1, byte(dx >> 8), byte(dx), byte(dy >> 8), byte(dy), 0, 0}
	out := append([]byte{}, b[:2]...)
	out = append(out, app0...)
	return append(out, b[2:]...)
}

func pngPHYs(b []byte, dx, dy int) []byte {
	ppm := func(d int) uint32 { return uint32(float64(d)/0.0254 + 0.5) }
	var ch bytes.Buffer
	data := []byte{0, 0, 0, 0, 0, 0, 0, 0, 1}
	px, py := ppm(dx), ppm(dy)
	data[0], data[1], data[2], data[3] = byte(px>>24), byte(px>>16), byte(px>>8), byte(px)
	data[4], data[5], data[6], data[7] = byte(py>>24), byte(py>>16), byte(py>>8), byte(py)
	ch.Write([]byte{0, 0, 0, 9})
	ch.WriteString("pHYs")
	ch.Write(data)
	crc := crc32IEEE(append([]byte("pHYs"), data...))
	ch.Write([]byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)})
	out := append([]byte{}, b[:33]...)
	out = append(out, ch.Bytes()...)
	return append(out, b[33:]...)
}

func encodeJPEG(m *Img, q int) []byte {
	var buf bytes.Buffer
	var err error
	if m.C == 1 {
		err = jpeg.Encode(&buf, m.ToGray8(), &jpeg.Options{Quality: q})
	} else {
		err = jpeg.Encode(&buf, m.ToRGBA(), &jpeg.Options{Quality: q})
	}
	if err != nil {
		panic(err)
	}
	return buf.Bytes()
}

type pageMeta struct {
	enc, mode string
}

// EncodeDoc writes the scan results into one file and verifies it.
func EncodeDoc(d *Doc, fs FileSpec, res []*ScanResult) ([]byte, string, string, []pageMeta) {
	var meta []pageMeta
	switch fs.Ext {
	case "png", "jpg":
		if len(res) != 1 {
			panic(d.ID + ": single-page format with several pages")
		}
		m := res[0]
		var b []byte
		if fs.Ext == "jpg" {
			b = jfif(encodeJPEG(m.Img, fs.Q), m.DPIX, m.DPIY)
			mode := map[int]string{1: "gray", 3: "color"}[m.Img.C]
			meta = append(meta, pageMeta{fmt.Sprintf("jpeg_q%d", fs.Q), mode})
			dec, err := jpeg.Decode(bytes.NewReader(b))
			if err != nil || dec.Bounds().Dx() != m.Img.W || dec.Bounds().Dy() != m.Img.H {
				panic(fmt.Sprintf("%s: jpeg round trip %v", d.ID, err))
			}
			return b, "jpeg", "jpeg", meta
		}
		var im image.Image
		mode := ""
		switch {
		case m.Bilevel:
			pal := image.NewPaletted(image.Rect(0, 0, m.Img.W, m.Img.H), color.Palette{color.Gray{0}, color.Gray{255}})
			for i, v := range m.Img.P {
				if v >= 0.5 {
					pal.Pix[i] = 1
				}
			}
			im, mode = pal, "bilevel"
		case m.Img.C == 1:
			im, mode = m.Img.ToGray8(), "gray"
		default:
			im, mode = m.Img.ToRGBA(), "color"
		}
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, im); err != nil {
			panic(err)
		}
		b = pngPHYs(buf.Bytes(), m.DPIX, m.DPIY)
		dec, err := png.Decode(bytes.NewReader(b))
		if err != nil || !sameImage(dec, im) {
			panic(fmt.Sprintf("%s: png round trip %v", d.ID, err))
		}
		meta = append(meta, pageMeta{"png_deflate", mode})
		return b, "png", "png", meta
	case "tif":
		var pages []*TiffPage
		comp := map[string]int{"none": 1, "packbits": 32773, "deflate": 8, "g4": 4}[fs.TiffComp]
		for _, m := range res {
			tp := &TiffPage{W: m.Img.W, H: m.Img.H, Compression: comp, XRes: m.DPIX, YRes: m.DPIY}
			mode := ""
			if m.Bilevel {
				tp.Kind, tp.Photometric = "bilevel", fs.Photo
				tp.Raw = packBilevel(m.Img, fs.Photo == 0)
				mode = "bilevel"
			} else if m.Img.C == 1 {
				tp.Kind, tp.Raw, mode = "gray", grayBytes(m.Img), "gray"
			} else {
				tp.Kind, tp.Raw, mode = "rgb", rgbBytes(m.Img), "color"
			}
			if comp == 4 && tp.Kind != "bilevel" {
				panic(d.ID + ": G4 needs bilevel")
			}
			pages = append(pages, tp)
			meta = append(meta, pageMeta{"tiff_" + map[int]string{1: "none", 32773: "packbits", 8: "deflate", 4: "ccitt_g4"}[comp], mode})
		}
		b := WriteTIFF(pages, fs.Big)
		rd, err := ReadTIFF(b)
		if err != nil || len(rd) != len(pages) {
			panic(fmt.Sprintf("%s: own TIFF reader: %v", d.ID, err))
		}
		for i := range rd {
			if !bytes.Equal(rd[i].Raw, pages[i].Raw) || rd[i].W != pages[i].W || rd[i].H != pages[i].H {
				panic(fmt.Sprintf("%s: TIFF page %d does not round-trip", d.ID, i+1))
			}
		}
		// golang.org/x/image/tiff decodes the first page independently
		xi, err := tiff.Decode(bytes.NewReader(b))
		if err != nil || xi.Bounds().Dx() != pages[0].W || xi.Bounds().Dy() != pages[0].H {
			panic(fmt.Sprintf("%s: x/image/tiff: %v", d.ID, err))
		}
		if !tiffMatches(xi, res[0]) {
			panic(d.ID + ": x/image/tiff pixels differ")
		}
		f := "tiff/" + map[int]string{1: "none", 32773: "packbits", 8: "deflate", 4: "ccitt_g4"}[comp]
		if len(pages) > 1 {
			f += "/multipage"
		}
		return b, f, "tiff", meta
	case "pdf":
		var pages []*PDFPage
		filters := map[string]bool{}
		for i, m := range res {
			pg := d.Pages[i]
			w, h := pg.W, pg.H
			if m.Img.W > m.Img.H != (w > h) {
				w, h = h, w
			}
			pp := &PDFPage{WPt: float64(m.Img.W) * 72 / float64(m.DPIX), HPt: float64(m.Img.H) * 72 / float64(m.DPIY), ImgW: m.Img.W, ImgH: m.Img.H}
			mode := ""
			switch {
			case m.Bilevel && !fs.PDFFlate:
				rows := make([][]uint8, m.Img.H)
				for y := range rows {
					rows[y] = make([]uint8, m.Img.W)
					for x := 0; x < m.Img.W; x++ {
						if m.Img.P[y*m.Img.W+x] < 0.5 {
							rows[y][x] = 1
						}
					}
				}
				pp.ColorSpace, pp.BPC, pp.Filter, pp.Data = "DeviceGray", 1, "CCITTFaxDecode", EncodeG4(rows, m.Img.W)
				mode = "bilevel"
			case m.Bilevel:
				pp.ColorSpace, pp.BPC, pp.Filter, pp.Data = "DeviceGray", 1, "FlateDecode", zlibBytes(packBilevel(m.Img, false))
				mode = "bilevel"
			case fs.PDFFlate:
				if m.Img.C == 1 {
					pp.ColorSpace, pp.Data, mode = "DeviceGray", zlibBytes(grayBytes(m.Img)), "gray"
				} else {
					pp.ColorSpace, pp.Data, mode = "DeviceRGB", zlibBytes(rgbBytes(m.Img)), "color"
				}
				pp.BPC, pp.Filter = 8, "FlateDecode"
			default:
				pp.BPC, pp.Filter, pp.Data = 8, "DCTDecode", encodeJPEG(m.Img, fs.Q)
				pp.ColorSpace, mode = "DeviceGray", "gray"
				if m.Img.C == 3 {
					pp.ColorSpace, mode = "DeviceRGB", "color"
				}
			}
			filters[pp.Filter] = true
			pages = append(pages, pp)
			enc := map[string]string{"DCTDecode": fmt.Sprintf("pdf_dct_q%d", fs.Q), "CCITTFaxDecode": "pdf_ccitt_g4", "FlateDecode": "pdf_flate"}[pp.Filter]
			meta = append(meta, pageMeta{enc, mode})
		}
		b := WritePDF(pages)
		info, err := VerifyPDF(b)
		if err != nil || info.Pages != len(pages) || len(info.Problems) > 0 {
			panic(fmt.Sprintf("%s: PDF verify: %v %+v", d.ID, err, info))
		}
		var fl []string
		for k := range filters {
			fl = append(fl, map[string]string{"DCTDecode": "dct", "CCITTFaxDecode": "ccitt_g4", "FlateDecode": "flate"}[k])
		}
		sort.Strings(fl)
		return b, "pdf/" + strings.Join(fl, "+"), "pdf", meta
	}
	panic("ext " + fs.Ext)
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	bd := a.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y += 7 {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 {
				return false
			}
		}
	}
	return true
}

func tiffMatches(xi image.Image, m *ScanResult) bool {
	bd := xi.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y += 5 {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, b, _ := xi.At(x, y).RGBA()
			i := y*m.Img.W + x
			if m.Bilevel {
				want := uint32(0)
				if m.Img.P[i] >= 0.5 {
					want = 255
				}
				if r>>8 != want {
					return false
				}
			} else if m.Img.C == 1 {
				if uint8(r>>8) != q8(m.Img.P[i]) {
					return false
				}
			} else {
				if uint8(r>>8) != q8(m.Img.P[i*3]) || uint8(g>>8) != q8(m.Img.P[i*3+1]) || uint8(b>>8) != q8(m.Img.P[i*3+2]) {
					return false
				}
			}
		}
	}
	return true
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: ocr15gen OUTDIR [only-docNN...] | ocr15gen verify OUTDIR")
		os.Exit(2)
	}
	loadFonts()
	initG4()
	if os.Args[1] == "verify" {
		os.Exit(verifyDir(os.Args[2]))
	}
	out := os.Args[1]
	only := map[string]bool{}
	for _, a := range os.Args[2:] {
		only[a] = true
	}
	os.MkdirAll(out, 0o755)
	docs, plan := BuildDocs()
	entries := make([]*ManifestEntry, len(docs))
	var wg sync.WaitGroup
	jobs := make(chan int)
	workers := 2
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				entries[i] = produce(out, docs[i], plan[i])
			}
		}()
	}
	for i := range docs {
		if len(only) > 0 && !only[docs[i].ID] {
			continue
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if len(only) > 0 {
		return
	}
	var mf bytes.Buffer
	for _, e := range entries {
		b, err := json.Marshal(e)
		if err != nil {
			panic(err)
		}
		mf.Write(b)
		mf.WriteByte('\n')
	}
	must(os.WriteFile(filepath.Join(out, "manifest.jsonl"), mf.Bytes(), 0o644))
	must(os.WriteFile(filepath.Join(out, "README.md"), []byte(readme(entries)), 0o644))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func produce(out string, d *Doc, pl DocPlan) *ManifestEntry {
	var res []*ScanResult
	e := &ManifestEntry{GroundTruth: d.ID + ".gt.txt", DocumentType: d.Type, Kind: d.Kind, Pages: len(d.Pages)}
	fonts := map[string]bool{}
	for i, p := range d.Pages {
		spec, diff := Recipe(pl.Recipes[i], NewRNG(fmt.Sprintf("recipe|%s|%d", d.ID, i)), pageOut(pl.File, i))
		spec.Quality = pl.File.Q
		if spec.BleedSeed != "" {
			spec.BleedSeed += "|" + p.id
		}
		r := ScanPage(p, spec, p.id)
		res = append(res, r)
		if pv := os.Getenv("OCR15_PREVIEW"); pv != "" {
			writePreview(filepath.Join(pv, fmt.Sprintf("%s_p%d.png", d.ID, i+1)), r.Img)
		}
		deg := append(append([]string{}, p.Tags...), r.Degr...)
		e.Degradations = append(e.Degradations, deg)
		e.Difficulty = append(e.Difficulty, diff)
		e.Rotation = append(e.Rotation, spec.Rot)
		e.Skew = append(e.Skew, float64(int(spec.Skew*100+sgn(spec.Skew)*0.5))/100)
		e.DPI = append(e.DPI, r.DPIX)
		e.DPIXY = append(e.DPIXY, [2]int{r.DPIX, r.DPIY})
		e.PixelSize = append(e.PixelSize, [2]int{r.Img.W, r.Img.H})
		e.PageSize = append(e.PageSize, p.SizeName)
		e.OverlayText = append(e.OverlayText, nonNil(p.Overlay))
		e.HandwrittenText = append(e.HandwrittenText, nonNil(p.Hand))
		e.LogoText = append(e.LogoText, nonNil(p.LogoText))
		e.GTLines = append(e.GTLines, len(p.GT))
		for f := range p.Fonts {
			fonts[f] = true
		}
	}
	b, format, container, meta := EncodeDoc(d, pl.File, res)
	name := d.ID + "." + pl.File.Ext
	if pl.File.Ext == "tif" {
		name = d.ID + ".tif"
	}
	must(os.WriteFile(filepath.Join(out, name), b, 0o644))
	var gt []string
	for _, p := range d.Pages {
		gt = append(gt, strings.Join(p.GT, "\n"))
	}
	must(os.WriteFile(filepath.Join(out, d.ID+".gt.txt"), []byte(strings.Join(gt, "\n\f\n")+"\n"), 0o644))
	e.File = name
	e.Format, e.Container = format, container
	for _, m := range meta {
		e.PageEncoding = append(e.PageEncoding, m.enc)
		e.ColourMode = append(e.ColourMode, m.mode)
	}
	e.NHSNumber, e.DateOfBirth = sp(d.NHS), sp(d.DOB)
	e.NHSAsPrinted, e.DOBAsPrinted = sp(d.NHSPrinted), sp(d.DOBPrinted)
	e.NHSLabel, e.DOBLabel = sp(d.NHSLabel), sp(d.DOBLabel)
	e.Fonts = sortedKeys(fonts)
	e.Distractors = d.Distr
	if e.Distractors == nil {
		e.Distractors = []Distractor{}
	}
	e.LetterDate = d.Letter.ISO()
	e.PatientName = d.Pat.Full()
	e.PatientPostcode = d.Pat.Addr.Postcode
	e.HospitalNumber = d.Pat.Hosp
	if d.NHS == "" {
		e.Notes = "no NHS number printed on this document"
	}
	fmt.Fprintf(os.Stderr, "%s %-32s %d page(s) %-26s %8d bytes\n", d.ID, d.Kind, len(d.Pages), format, len(b))
	return e
}

func sgn(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// writePreview (debug only, never part of the set): a downscaled PNG of a page.
func writePreview(path string, m *Img) {
	w := 1100
	if m.W < w {
		w = m.W
	}
	h := m.H * w / m.W
	small := m.Resample(w, h, "bilinear")
	var buf bytes.Buffer
	png.Encode(&buf, small.ToRGBA())
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, buf.Bytes(), 0o644)
}
