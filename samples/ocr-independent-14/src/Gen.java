import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.List;
import java.util.concurrent.*;

/** Generator of evaluation set ocr14. Usage: java -Djava.awt.headless=true Gen OUTDIR META.jsonl [ids...] */
public final class Gen {
    static Map<String, String> opts(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String t : s.trim().split("\\s+")) { if (t.isEmpty()) continue; int k = t.indexOf('='); m.put(t.substring(0, k), t.substring(k + 1)); }
        return m;
    }

    static Layouts.St fontset(String n) {
        Layouts.St s = new Layouts.St();
        switch (n) {
            case "garamond": s.body = "garamond"; s.bold = "garamond-b"; s.ital = "garamond-i"; s.head = "gillius-b"; s.small = "lato"; s.size = 11.5; break;
            case "baskervald": s.body = "baskervald"; s.bold = "baskervald-b"; s.ital = "baskervald-i"; s.head = "baskervald-b"; s.small = "gillius"; s.size = 11; break;
            case "accanthis": s.body = "accanthis"; s.bold = "accanthis-b"; s.ital = "accanthis-i"; s.head = "accanthis-b"; s.small = "roboto-light"; s.size = 11; break;
            case "gillius": s.body = "gillius"; s.bold = "gillius-b"; s.ital = "gillius-i"; s.head = "gilliuscond-b"; s.small = "gillius"; s.size = 11; break;
            case "lato": s.body = "lato"; s.bold = "lato-b"; s.ital = "lato-i"; s.head = "lato-black"; s.small = "lato"; s.size = 10.5; break;
            case "latolight": s.body = "lato-light"; s.bold = "lato-b"; s.ital = "lato-i"; s.head = "lato-b"; s.small = "lato-light"; s.size = 11; break;
            case "roboto": s.body = "roboto"; s.bold = "roboto-b"; s.ital = "roboto-i"; s.head = "roboto-b"; s.small = "robotocond"; s.size = 10.5; break;
            case "robotocond": s.body = "robotocond"; s.bold = "robotocond-b"; s.ital = "robotocond"; s.head = "robotocond-b"; s.small = "robotocond-light"; s.size = 10.5; break;
            case "go": s.body = "go"; s.bold = "go-b"; s.ital = "go-i"; s.head = "go-b"; s.small = "go"; s.size = 10; break;
            case "gomono": s.body = "gomono"; s.bold = "gomono-b"; s.ital = "gomono"; s.head = "gomono-b"; s.small = "gomono"; s.size = 9.5; break;
            case "inconsolata": s.body = "inconsolata"; s.bold = "inconsolata"; s.ital = "inconsolata"; s.head = "inconsolata"; s.small = "inconsolata"; s.size = 10.5; break;
            case "mono": s.body = "gomono"; s.bold = "gomono-b"; s.ital = "gomono"; s.head = "gomono-b"; s.small = "gomono"; s.size = 10.5; s.lead = 1.45; break;
            case "dot": s.body = "gomono"; s.bold = "gomono"; s.ital = "gomono"; s.head = "gomono"; s.small = "gomono"; s.size = 10.5; s.lead = 1.5; break;
            default: throw new IllegalArgumentException(n);
        }
        return s;
    }

    static Color hex(String h) { return new Color(Integer.parseInt(h, 16)); }

    static final Map<String, Color> PAPER = new LinkedHashMap<>();
    static {
        PAPER.put("white", new Color(252, 251, 247)); PAPER.put("cream", new Color(249, 242, 222)); PAPER.put("yellow", new Color(252, 244, 172));
        PAPER.put("pink", new Color(250, 217, 226)); PAPER.put("green", new Color(221, 241, 221)); PAPER.put("blue", new Color(214, 229, 246));
        PAPER.put("greenbar", new Color(250, 250, 246));
    }

    static final String[] ANNOT = {"Seen - book routine", "Urgent please", "?2WW", "Cons to triage", "Pls file", "Added to WL", "Triaged: routine", "Cat 2",
            "Book 6/52", "Not urgent", "Pt phoned", "OK to book", "Vetted", "Scan to notes", "Copy to GP", "Chase results", "Discuss at MDT"};

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args[0]);
        Files.createDirectories(out);
        Path metaFile = Paths.get(args[1]);
        Set<String> only = new HashSet<>(Arrays.asList(args).subList(2, args.length));
        List<String[]> docs = new ArrayList<>();
        for (String[] row : Plan.DOCS) if (only.isEmpty() || only.contains(row[0])) docs.add(row);
        String[] meta = new String[docs.size()];
        int threads = Integer.parseInt(System.getProperty("threads", "2"));
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        List<Future<String>> fs = new ArrayList<>();
        for (String[] row : docs) fs.add(ex.submit(() -> makeDoc(row, out)));
        for (int k = 0; k < fs.size(); k++) meta[k] = fs.get(k).get();
        ex.shutdown();
        if (only.isEmpty()) {
            try (Writer w = new OutputStreamWriter(new FileOutputStream(metaFile.toFile()), StandardCharsets.UTF_8)) {
                for (String m : meta) w.write(m + "\n");
            }
        }
    }

    static String makeDoc(String[] row, Path out) throws Exception {
        long t0 = System.nanoTime();
        String id = row[0], type = row[1], kind = row[2], fmt = row[3];
        Map<String, String> o = opts(row[4]);
        List<Map<String, String>> ps = new ArrayList<>();
        for (String s : row[5].split("\\|")) ps.add(opts(s));
        Rng r = new Rng("ocr14/doc" + id);
        String[] yr = o.get("years").split("-");
        Ctx c = new Ctx(r.sub("ctx"), Integer.parseInt(yr[0]), Integer.parseInt(yr[1]), Integer.parseInt(o.getOrDefault("story", "0")));
        Layouts.St st = fontset(o.get("font"));
        st.lh = Integer.parseInt(o.getOrDefault("lh", "0"));
        st.logo = Integer.parseInt(o.getOrDefault("logo", "-1"));
        if (o.containsKey("accent")) st.accent = hex(o.get("accent"));
        st.nhsLogo = o.getOrDefault("nhslogo", "0").equals("1");
        st.justify = o.getOrDefault("justify", "0").equals("1");
        st.letterDate = r.pick("long", "ordinal", "dmy", "long", "dmonYsp");
        List<String> papers = new ArrayList<>(); List<Integer> rdpi = new ArrayList<>();
        for (Map<String, String> s : ps) { papers.add(s.getOrDefault("paper", "a4")); rdpi.add(Math.max(300, Integer.parseInt(s.get("dpi")))); }
        Doc d = new Doc(papers, rdpi, r.sub("doc"));
        String style = o.getOrDefault("style", "laser");
        d.style = style;
        if (o.getOrDefault("ink", "").equals("grey")) d.ink = new Color(128, 128, 124);
        Rng lr = r.sub("layout");
        d.planned = ps.size();
        switch (kind) {
            case "ers": Layouts.ers(d, c, st, lr); break;
            case "proforma0": case "proforma1": case "proforma2": case "proforma3": Layouts.proforma(d, c, st, lr, kind.charAt(8) - '0'); break;
            case "dictated": case "typewriter": case "faxletter": Layouts.dictated(d, c, st, lr, false); break;
            case "dictated2": Layouts.dictated(d, c, st, lr, true); break;
            case "demobox": Layouts.demobox(d, c, st, lr, false); break;
            case "soap": Layouts.soap(d, c, st, lr); break;
            case "emis": Layouts.emis(d, c, st, lr); break;
            case "systmone": Layouts.systmone(d, c, st, lr); break;
            case "vision": Layouts.vision(d, c, st, lr); break;
            case "terse": Layouts.terse(d, c, st, lr); break;
            case "fax": Layouts.faxCover(d, c, st, lr, ps.size()); d.pagesBefore = 1; d.footFrom = 1; Layouts.proforma(d, c, st, lr, 0); break;
            case "dotmatrix": Layouts.dotmatrixReferral(d, c, st, lr); break;
            case "compliments": Layouts.compliments(d, c, st, lr); break;
            case "clinic": Layouts.clinicLetter(d, c, st, lr); break;
            case "discharge": Layouts.discharge(d, c, st, lr); break;
            case "lab": Layouts.lab(d, c, st, lr, false); break;
            case "labdot": Layouts.lab(d, c, st, lr, true); break;
            case "appointment": Layouts.appointment(d, c, st, lr); break;
            case "continuation": Layouts.continuation(d, c, st, lr, 2); break;
            case "continuation1": Layouts.continuation(d, c, st, lr, 1); break;
            default: throw new IllegalArgumentException(kind);
        }
        int n = d.pages.size();
        for (int i = 0; i < n; i++) layoutCheck(id, i, d.pages.get(i));
        if (n != ps.size()) System.err.println("WARN doc" + id + " planned " + ps.size() + " pages, layout made " + n);

        List<List<String>> degr = new ArrayList<>(); List<String> diff = new ArrayList<>(); List<Integer> rots = new ArrayList<>(); List<Double> skews = new ArrayList<>();
        List<Object> dpis = new ArrayList<>(), encs = new ArrayList<>(), modes = new ArrayList<>(), sizes = new ArrayList<>(), pixels = new ArrayList<>(), quals = new ArrayList<>();
        List<Map<String, Object>> overlays = new ArrayList<>();
        List<Out.TPage> tpages = new ArrayList<>(); List<Out.PdfPage> ppages = new ArrayList<>();
        byte[] single = null;
        String faxWhen = Data.date(c.date, r.pick("dmy", "dmy2")) + " " + String.format("%02d:%02d", 9 + r.i(8), r.i(60));
        for (int i = 0; i < n; i++) {
            Page p = d.pages.get(i);
            Map<String, String> s = ps.get(Math.min(i, ps.size() - 1));
            Rng pr = r.sub("fx" + i);
            List<String> dg = new ArrayList<>();
            Set<String> fx = new LinkedHashSet<>(Arrays.asList(s.getOrDefault("fx", "").split(",")));
            fx.remove("");
            BufferedImage im = p.img;
            int W = im.getWidth(), H = im.getHeight();
            if (PREVIEW != null) preview(im, "doc" + id + "_p" + (i + 1) + "_clean.png");
            // ---- printing
            if (o.containsKey("dots")) {
                boolean draft = o.get("dots").equals("draft");
                if (draft) Fx.dotify(im, p.dpi, 60, 72, 1 / 62.0, pr); else Fx.dotify(im, p.dpi, 120, 144, 1 / 95.0, pr);
                dg.add(draft ? "dot_matrix_print_draft_9pin" : "dot_matrix_print_nlq");
            }
            if (style.equals("typewriter")) dg.add("typewriter_print");
            if (o.getOrDefault("ink", "").equals("grey")) dg.add("pencil_grey_low_contrast_print");
            if (o.getOrDefault("ht", "0").equals("1") && i == 0 && p.htBottom > 0) {
                Fx.halftone(im, 0, 0, W, (int) (p.htBottom * p.s), pr.u(60, 85), p.dpi, true);
                dg.add("halftone_letterhead_moire");
            }
            String paper = s.getOrDefault("paper_colour", o.getOrDefault("paper", "white"));
            Fx.paper(im, PAPER.get(paper), 0.05, pr);
            if (!paper.equals("white")) dg.add(paper.equals("greenbar") ? "continuous_stationery_green_bar" : "coloured_paper_" + paper);
            if (paper.equals("greenbar")) greenBar(p, pr);
            if (fx.remove("tractor")) { tractor(p); dg.add("tractor_feed_holes"); }
            // ---- paper life before copying
            if (fx.remove("bleed")) {
                Rng br = pr.sub("bleed");
                Ctx oc = new Ctx(br, 2000, 2010, br.i(16));
                List<String> lines = new ArrayList<>();
                for (String h : oc.hist()) lines.addAll(p.wrap(h, Fonts.get("lato", 10.5), p.wPt - 45 * Page.MM));
                for (String h : oc.clin.meds) lines.add(h);
                lines.addAll(p.wrap(oc.t(oc.clin.exam) + " " + oc.t(oc.clin.request), Fonts.get("lato", 10.5), p.wPt - 45 * Page.MM));
                Marks.bleedThrough(p, lines, Fonts.get(pr.pick("lato", "garamond", "roboto"), 10.5), pr.u(0.10, 0.16), pr);
                dg.add("bleed_through");
            }
            if (fx.remove("stain")) {
                double[] sb = p.boxes.isEmpty() ? new double[]{p.wPt / 2, p.hPt / 2, 10, 10} : p.boxes.get(pr.pickL(bodyBoxes(p)));
                Marks.coffee(p, Math.min(p.wPt * 0.85, sb[0] + pr.u(0, 1) * sb[2]), sb[1] + pr.u(-20, 20), pr.u(24, 42) * Page.MM / 2 * 1.4, pr);
                dg.add("coffee_stain");
            }
            if (fx.remove("hl")) { highlight(p, c, pr); dg.add("highlighter"); }
            if (fx.remove("staple")) { Marks.staple(p, 9 * Page.MM, 13 * Page.MM, pr.u(-50, -30), false, pr); dg.add("staple"); }
            if (fx.remove("staplehole")) { Marks.staple(p, 9 * Page.MM, 13 * Page.MM, pr.u(-50, -30), true, pr); dg.add("staple_holes"); }
            if (fx.remove("punch")) { Marks.punchHoles(p, pr.p(0.6), pr); dg.add("punch_holes"); }
            // ---- photocopying
            int gens = fx.remove("copy1") ? 1 : fx.remove("copy2") ? 2 : 0;
            for (int g = 0; g < gens; g++) Fx.photocopy(im, p.dpi, pr.sub("copy" + g));
            if (gens > 0) dg.add("photocopy_generation_" + gens + "_streaks_speckle");
            if (fx.remove("toner")) { Fx.tonerLoss(im, pr.u(0.3, 0.42), true, pr); dg.add("toner_loss"); }
            if (fx.remove("dark")) { Fx.levels(im, 0.1, 0.88, 1.5); dg.add("darkened_copy"); }
            if (fx.remove("lowcontrast")) { Fx.levels(im, -0.38, 1.0, 0.85); dg.add("low_contrast"); }
            // ---- marks added at the receiving end
            if (fx.remove("stamp")) { stamp(p, c, d, pr); dg.add("rubber_stamp"); }
            if (fx.remove("annot")) { annotate(p, c, pr); dg.add("handwritten_annotation"); }
            for (Map<String, Object> ov : p.overlays) { Map<String, Object> m = new LinkedHashMap<>(); m.put("page", i + 1); m.putAll(ov); overlays.add(m); }
            double skew = Double.parseDouble(s.getOrDefault("skew", "0"));
            // ---- fax
            boolean fax = s.getOrDefault("fax", "0").equals("1");
            boolean faxlow = s.getOrDefault("faxlow", "0").equals("1");
            if (fax) {
                im = Fx.skew(im, skew, Color.WHITE);
                Fx.fax(im, p.dpi, pr);
                String hdr = faxWhen + "  FROM: " + c.practice.toUpperCase() + "  " + c.pFax + "  P." + String.format("%02d/%02d", i + 1, n);
                Graphics2D g = im.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.scale(p.s, p.s); g.setColor(Color.BLACK); Font hf = Fonts.get("gomono-b", 7.5); g.setFont(hf);
                g.drawString(hdr, (float) (8 * Page.MM), (float) (5 * Page.MM));
                g.dispose();
                p.gt.add(0, Page.norm(hdr));
                p.fonts.add(hf.getFontName());
                d.distractors.add(Json.obj("page", i + 1, "type", "fax_header", "text", Page.norm(hdr)));
                dg.add("fax_transmission_banding"); dg.add("fax_header_line");
                if (faxlow) dg.add("fax_standard_resolution_200x100");
            } else if (Math.abs(skew) > 0) {
                Color lid = pr.p(0.75) ? new Color(236, 236, 232) : new Color(38, 38, 40);
                im = Fx.skew(im, skew, lid);
            }
            if (Math.abs(skew) > 0.05) dg.add("skew");
            // ---- scanner
            double light = fx.remove("light") ? pr.u(0.1, 0.18) : pr.u(0.0, 0.04);
            double[] edges = null;
            if (fx.remove("edge")) { edges = new double[4]; edges[pr.i(4)] = pr.u(0.3, 0.6); edges[pr.i(4)] = pr.u(0.2, 0.5); dg.add("edge_shadow"); }
            double foldX = 0, foldW = 0, foldS = 0;
            if (fx.remove("fold")) { foldX = pr.p(0.5) ? 0.015 : 0.985; foldW = 0.05; foldS = pr.u(0.35, 0.55); dg.add("book_fold_shadow"); }
            double crease = 0;
            if (fx.remove("crease")) { crease = pr.u(0.32, 0.36); dg.add("fold_crease"); }
            if (!fax) Fx.shade(im, light, edges, foldX, foldW, foldS, crease, pr);
            if (light > 0.08) dg.add("uneven_lighting");
            int dx = Integer.parseInt(s.get("dpi")), dy = faxlow ? dx / 2 : dx;
            im = Fx.resample(im, dx / (double) p.dpi, dy / (double) p.dpi);
            if (dx < 300) dg.add("low_resolution_" + dx + "dpi");
            boolean hard = s.get("diff").equals("hard");
            if (!fax) { Fx.blur(im, Double.parseDouble(s.getOrDefault("blur", hard ? "0.9" : "0.55"))); Fx.noise(im, hard ? 0.03 : 0.012, pr); }
            int rot = Integer.parseInt(s.getOrDefault("rot", "0"));
            im = Fx.rotQuarter(im, rot);
            if (rot != 0) { dg.add("rotated_" + rot); if (rot % 180 != 0) { int t = dx; dx = dy; dy = t; } }
            // ---- colour mode and encoding
            String enc = s.getOrDefault("enc", fmt);
            boolean bilevel = enc.equals("g4") || enc.equals("g3") || enc.equals("ccitt") || enc.equals("flate") || s.getOrDefault("mode", "").equals("bilevel");
            String mode = bilevel ? "bilevel" : s.get("mode");
            BufferedImage fin;
            if (bilevel) {
                boolean dither = s.getOrDefault("dither", "0").equals("1");
                fin = Fx.toBinary(im, Double.parseDouble(s.getOrDefault("thr", "0.55")), dither);
                dg.add(dither ? "bilevel_error_diffusion" : "bilevel_threshold");
            } else if (mode.equals("grey")) fin = Fx.toGrey(im);
            else fin = im;
            double q = Double.parseDouble(s.getOrDefault("q", "80")) / 100.0;
            String encDesc;
            switch (fmt) {
                case "png": single = Out.png(fin, dx, dy); encDesc = "png"; break;
                case "jpeg": {
                    BufferedImage src = fin;
                    if (fx.remove("jpegx2")) { src = Out.decode(Out.jpeg(fin, 0.5, dx, dy)); if (src.getType() != fin.getType()) src = fin.getType() == BufferedImage.TYPE_BYTE_GRAY ? Fx.toGrey(toRgb(src)) : toRgb(src); dg.add("double_jpeg_compression"); }
                    single = Out.jpeg(src, q, dx, dy); encDesc = "jpeg q" + Math.round(q * 100); dg.add("jpeg_q" + Math.round(q * 100)); break;
                }
                case "tiff": {
                    String comp = enc.equals("g4") ? "CCITT T.6" : enc.equals("g3") ? "CCITT T.4" : enc.equals("lzw") ? "LZW" : enc.equals("deflate") ? "ZLib" : "none";
                    tpages.add(new Out.TPage(fin, comp, dx, dy));
                    encDesc = enc.equals("g4") ? "tiff ccitt-g4 (T.6)" : enc.equals("g3") ? "tiff ccitt-g3 (T.4)" : enc.equals("lzw") ? "tiff lzw" : enc.equals("deflate") ? "tiff deflate (zlib)" : "tiff uncompressed";
                    break;
                }
                case "pdf": {
                    if (enc.equals("jpeg")) { ppages.add(Out.pdfJpeg(Out.jpeg(fin, q, dx, dy), fin, dx, dy)); encDesc = "pdf DCTDecode q" + Math.round(q * 100); dg.add("jpeg_q" + Math.round(q * 100)); }
                    else if (enc.equals("ccitt")) { ppages.add(Out.pdfCcitt(fin, dx, dy)); encDesc = "pdf CCITTFaxDecode G4"; }
                    else { ppages.add(Out.pdfFlate(fin, dx, dy)); encDesc = "pdf FlateDecode 1-bit"; }
                    break;
                }
                default: throw new IllegalArgumentException(fmt);
            }
            if (PREVIEW != null) preview(fin, "doc" + id + "_p" + (i + 1) + ".png");
            if (!fx.isEmpty()) throw new IllegalArgumentException("doc" + id + " unknown fx " + fx);
            degr.add(dg); diff.add(s.get("diff")); rots.add(rot); skews.add(skew);
            dpis.add(Arrays.asList(dx, dy)); encs.add(encDesc); modes.add(mode); sizes.add(p.paper);
            pixels.add(Arrays.asList(fin.getWidth(), fin.getHeight())); quals.add(fmt.equals("jpeg") || encDesc.contains("DCT") ? (Object) (int) Math.round(q * 100) : null);
        }
        String ext = fmt.equals("jpeg") ? "jpg" : fmt.equals("tiff") ? "tif" : fmt;
        String file = "doc" + id + "." + ext;
        byte[] data = fmt.equals("tiff") ? Out.tiff(tpages) : fmt.equals("pdf") ? Out.pdf(ppages) : single;
        if ((fmt.equals("png") || fmt.equals("jpeg")) && n != 1) throw new IllegalStateException("doc" + id + " single-image format with " + n + " pages");
        Files.write(out.resolve(file), data);
        // ground truth
        StringBuilder gt = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) gt.append("\f\n");
            for (String l : d.pages.get(i).gt) gt.append(l).append('\n');
        }
        Files.write(out.resolve("doc" + id + ".gt.txt"), gt.toString().getBytes(StandardCharsets.UTF_8));
        // metadata
        String nhsP = null, dobP = null;
        for (Map<String, Object> m : c.ids) { if (m.get("field").equals("nhs_number") && nhsP == null) nhsP = (String) m.get("text"); if (m.get("field").equals("date_of_birth") && dobP == null) dobP = (String) m.get("text"); }
        Set<String> fonts = new TreeSet<>();
        for (Page p : d.pages) fonts.addAll(p.fonts);
        if (!overlays.isEmpty()) fonts.add("(overlays) home-made single-stroke handwriting, Path2D");
        List<Map<String, Object>> dis = new ArrayList<>();
        for (Map<String, Object> m : d.distractors) {
            Map<String, Object> mm = new LinkedHashMap<>(m);
            if (((Number) mm.get("page")).intValue() == 0) mm.put("page", 1);
            if (!dis.contains(mm)) dis.add(mm);
        }
        List<Map<String, Object>> ids = new ArrayList<>();
        for (Map<String, Object> m : c.ids) { Map<String, Object> mm = new LinkedHashMap<>(m); if (((Number) mm.get("page")).intValue() == 0) mm.put("page", 1); if (!ids.contains(mm)) ids.add(mm); }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("file", file); meta.put("ground_truth", "doc" + id + ".gt.txt"); meta.put("document_type", type);
        meta.put("kind", kindName(kind)); meta.put("pages", n);
        meta.put("nhs_number", nhsP != null ? c.nhs : null); meta.put("date_of_birth", dobP != null ? c.dob.toString() : null);
        meta.put("nhs_as_printed", nhsP); meta.put("dob_as_printed", dobP); meta.put("identifier_occurrences", ids);
        meta.put("degradations", degr); meta.put("difficulty", diff); meta.put("rotation_clockwise_deg", rots); meta.put("skew_deg", skews);
        meta.put("format", fmt); meta.put("page_encoding", encs); meta.put("colour_mode", modes);
        meta.put("dpi", ((List<?>) dpis.get(0)).get(0)); meta.put("dpi_per_page", dpis); meta.put("paper_size", sizes); meta.put("pixel_size", pixels); meta.put("jpeg_quality", quals);
        meta.put("fonts", new ArrayList<>(fonts)); meta.put("print_style", o.containsKey("dots") ? "dot_matrix" : style);
        meta.put("overlay_text_not_in_gt", overlays); meta.put("distractors", dis);
        meta.put("letter_date", c.date.toString()); meta.put("patient_name", c.first + " " + c.last); meta.put("specialty", c.clin.spec);
        System.err.printf("doc%s %s %d page(s) %.1fs%n", id, kind, n, (System.nanoTime() - t0) / 1e9);
        return Json.val(meta);
    }

    static final String PREVIEW = System.getProperty("preview");
    static void preview(BufferedImage im, String name) throws IOException {
        double sc = 1400.0 / Math.max(im.getWidth(), im.getHeight());
        BufferedImage o = new BufferedImage((int) (im.getWidth() * sc), (int) (im.getHeight() * sc), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = o.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(im, 0, 0, o.getWidth(), o.getHeight(), null); g.dispose();
        Files.createDirectories(Paths.get(PREVIEW));
        Files.write(Paths.get(PREVIEW, name), Out.png(o, 72, 72));
    }

    /** printed lines must stay on the sheet and must not overprint one another. */
    static void layoutCheck(String id, int i, Page p) {
        double m = 7 * Page.MM;
        for (int a = 0; a < p.boxes.size(); a++) {
            double[] b = p.boxes.get(a);
            if (b[0] < m || b[0] + b[2] > p.wPt - m || b[1] < m || b[1] > p.hPt - m)
                System.err.println("WARN doc" + id + " p" + (i + 1) + " line outside safe area: " + p.gt.get(a));
            for (int c = a + 1; c < p.boxes.size(); c++) {
                double[] o = p.boxes.get(c);
                boolean xo = b[0] < o[0] + o[2] - 0.5 && o[0] < b[0] + b[2] - 0.5;
                boolean yo = b[1] - b[3] * 0.7 < o[1] - 0.5 && o[1] - o[3] * 0.7 < b[1] - 0.5;
                if (xo && yo) System.err.println("WARN doc" + id + " p" + (i + 1) + " overlap: [" + p.gt.get(a) + "] / [" + p.gt.get(c) + "]");
            }
        }
    }

    static BufferedImage toRgb(BufferedImage b) {
        BufferedImage o = new BufferedImage(b.getWidth(), b.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = o.createGraphics(); g.drawImage(b, 0, 0, null); g.dispose(); return o;
    }

    static String kindName(String k) {
        switch (k) {
            case "ers": return "ers_export";
            case "proforma0": return "tickbox_proforma_2ww_lower_gi";
            case "proforma1": return "tickbox_proforma_2ww_breast";
            case "proforma2": return "tickbox_proforma_msk_triage";
            case "proforma3": return "tickbox_proforma_2ww_urology";
            case "dictated": return "dictated_letter";
            case "dictated2": return "two_page_letter_header_first_page";
            case "demobox": return "demographics_box_letter";
            case "soap": return "soap_note";
            case "emis": return "emis_web_export";
            case "systmone": return "systmone_export";
            case "vision": return "vision_export";
            case "terse": return "terse_note";
            case "fax": return "fax_cover_and_proforma";
            case "faxletter": return "faxed_dictated_letter";
            case "dotmatrix": return "dot_matrix_gp_printout";
            case "typewriter": return "typewritten_letter";
            case "compliments": return "compliments_slip_with_letter";
            case "clinic": return "clinic_letter";
            case "discharge": return "discharge_summary";
            case "lab": return "lab_report";
            case "labdot": return "lab_report_dot_matrix";
            case "appointment": return "appointment_letter";
            case "continuation": case "continuation1": return "handwritten_continuation_sheet";
            default: return k;
        }
    }

    static void greenBar(Page p, Rng r) {
        int[] px = Fx.px(p.img); int w = p.img.getWidth(), h = p.img.getHeight();
        double band = p.dpi / 2.0; // half-inch bands
        for (int y = 0; y < h; y++) {
            if (((int) (y / band)) % 2 != 1) continue;
            for (int x = (int) (p.dpi * 0.5); x < w - p.dpi * 0.5; x++) {
                int v = px[y * w + x];
                px[y * w + x] = Fx.rgb(((v >> 16) & 255) * 0.84, ((v >> 8) & 255) * 0.95, (v & 255) * 0.86);
            }
        }
    }

    static void tractor(Page p) {
        Graphics2D g = p.g;
        for (double y = 18; y < p.hPt; y += 36) for (double x : new double[]{0.25 * 72 - 4, p.wPt - 0.25 * 72 - 4}) {
            g.setColor(new Color(215, 215, 210)); g.fill(new Ellipse2D.Double(x, y - 4, 8, 8));
            g.setColor(new Color(120, 120, 120)); g.setStroke(new BasicStroke(0.5f)); g.draw(new Ellipse2D.Double(x, y - 4, 8, 8));
        }
        g.setColor(new Color(150, 150, 150));
        float[] dash = {2f, 2f};
        g.setStroke(new BasicStroke(0.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, dash, 0f));
        g.draw(new Line2D.Double(0.5 * 72, 0, 0.5 * 72, p.hPt)); g.draw(new Line2D.Double(p.wPt - 0.5 * 72, 0, p.wPt - 0.5 * 72, p.hPt));
    }

    static List<Integer> bodyBoxes(Page p) {
        List<Integer> o = new ArrayList<>();
        for (int k = 0; k < p.boxes.size(); k++) { double[] b = p.boxes.get(k); if (b[1] > p.hPt * 0.15 && b[1] < p.hPt * 0.9 && b[2] > 60) o.add(k); }
        if (o.isEmpty()) for (int k = 0; k < p.boxes.size(); k++) o.add(k);
        return o;
    }

    static void highlight(Page p, Ctx c, Rng r) {
        List<Integer> cand = bodyBoxes(p);
        Color col = r.pick(new Color(255, 238, 0), new Color(120, 255, 90), new Color(255, 120, 200), new Color(255, 190, 60));
        Set<Integer> chosen = new TreeSet<>();
        for (int k = 0; k < p.gt.size(); k++) {
            String t = p.gt.get(k);
            if (r.p(0.7) && (t.contains(Data.nhsFmt(c.nhs, c.nhsStyle)) || t.contains(c.nhs.substring(0, 3) + " ")) && k < p.boxes.size()) { chosen.add(k); break; }
        }
        int extra = r.range(1, 2);
        for (int e = 0; e < extra && !cand.isEmpty(); e++) chosen.add(r.pickL(cand));
        for (int k : chosen) { Marks.highlight(p, p.boxes.get(k), col, r); p.overlay("highlighter", "highlighted: " + p.gt.get(k)); }
    }

    static void stamp(Page p, Ctx c, Doc d, Rng r) {
        String date = Data.date(c.recv, r.pick("DMONY", "dmy", "dotted2"));
        String hospWord = c.hosp.split(" ")[0].toUpperCase();
        String[][] opts = {{"RECEIVED", date}, {"RECEIVED", date, "MEDICAL RECORDS"}, {hospWord + " HOSPITAL", "RECEIVED", date}, {"SCANNED", date}, {"OUTPATIENTS", "RECEIVED " + date}};
        String[] lines = r.pick(opts);
        Color col = r.pick(new Color(200, 30, 45), new Color(35, 60, 170), new Color(110, 40, 140), new Color(200, 30, 45));
        double cx = r.u(0.35, 0.75) * p.wPt, cy = r.u(0.12, 0.55) * p.hPt;
        Marks.stamp(p, lines, col, cx, cy, r.u(-12, 12), r.i(3), r);
        d.distractors.add(Json.obj("page", d.pages.indexOf(p) + 1, "type", "received_stamp_overlay", "text", date));
        if (r.p(0.35)) {
            String[] l2 = r.pick(new String[]{"URGENT"}, new String[]{"COPY"}, new String[]{"FILED"});
            Marks.stamp(p, l2, new Color(200, 30, 45), r.u(0.2, 0.8) * p.wPt, r.u(0.55, 0.85) * p.hPt, r.u(-20, 20), 0, r);
        }
    }

    static void annotate(Page p, Ctx c, Rng r) {
        Color col = r.pick(new Color(20, 35, 130), new Color(25, 25, 25), new Color(180, 25, 30), new Color(20, 90, 40));
        Hand.Pen pen = new Hand.Pen(col, r.u(0.7, 1.1), r.u(5, 7), r.u(0.1, 0.3));
        List<Integer> cand = bodyBoxes(p);
        int k = r.range(2, 3);
        List<String> texts = r.sample(Arrays.asList(ANNOT), k);
        for (int a = 0; a < k; a++) {
            int what = r.i(4);
            double[] b = p.boxes.get(r.pickL(cand));
            String txt = texts.get(a);
            switch (what) {
                case 0: { // note written across the printed text
                    double x = b[0] + r.u(0.1, 0.5) * b[2], y = b[1] - b[3] * r.u(0.0, 0.6);
                    AffineTransform old = p.g.getTransform();
                    p.g.rotate(Math.toRadians(r.u(-6, 4)), x, y);
                    Hand.write(p.g, txt, x, y, pen, r);
                    p.g.setTransform(old);
                    p.overlay("handwriting", txt);
                    break;
                }
                case 1: { // note in the top margin with initials and date
                    String t = txt + " " + r.pick("JB", "AK", "MR", "SP", "TW") + " " + c.recv.getDayOfMonth() + "/" + c.recv.getMonthValue();
                    Hand.write(p.g, t, r.u(0.3, 0.55) * p.wPt, r.u(9, 14) * Page.MM, pen, r);
                    p.overlay("handwriting", t);
                    break;
                }
                case 2: { // ring round a line and a word beside it
                    Hand.ring(p.g, b[0], b[1] - b[3], Math.min(b[2], 220), b[3] * 1.3, col, pen.width, r);
                    Hand.write(p.g, txt, Math.min(b[0] + Math.min(b[2], 220) + 10, p.wPt - Hand.width(txt, pen) - 10), b[1] + 2, pen, r);
                    p.overlay("handwriting", txt);
                    p.overlay("ring", "circled: " + p.gt.get(p.boxes.indexOf(b)));
                    break;
                }
                default: { // underline and arrow from the margin
                    Hand.underline(p.g, b[0], b[1] + 3, Math.min(b[2], 300), col, pen.width, r);
                    double mx = p.wPt - 18 * Page.MM;
                    Hand.arrow(p.g, mx, b[1] - 30, Math.min(b[0] + b[2], mx - 20), b[1] - 4, col, pen.width, r);
                    String t = r.pick("NB", "!!", "?", "see", "yes");
                    Hand.write(p.g, t, mx - 4, b[1] - 34, pen, r);
                    p.overlay("handwriting", t);
                    p.overlay("underline", "underlined: " + p.gt.get(p.boxes.indexOf(b)));
                }
            }
        }
    }
}
