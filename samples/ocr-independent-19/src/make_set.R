# make_set.R -- plan of the 45 files and the driver.
# usage: Rscript make_set.R OUTDIR [shard nshards] [only-ids...]
args <- commandArgs(trailingOnly = TRUE)
OUT <- if (length(args) >= 1) args[1] else "."
SHARD <- if (length(args) >= 3) as.integer(args[2]) else 1L
NSHARD <- if (length(args) >= 3) as.integer(args[3]) else 1L
ONLY <- if (length(args) >= 4) as.integer(args[-(1:3)]) else integer(0)
SRC <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)[1])))
for (f in c("bytes", "png", "ccitt", "tiff", "jpeg", "pdf", "raster", "render", "content", "layout", "docs", "pipeline"))
  source(file.path(SRC, paste0(f, ".R")))
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(warn = 1)


# ---------------------------------------------------------------- plan helpers
P <- function(diff = "moderate", ...) c(list(diff = diff), list(...))
DOC <- function(n, type, kind, fmt, pages, ...) list(n = n, type = type, kind = kind, fmt = fmt, pages = pages, o = list(...))
T_G4 <- list(tiff = "g4"); T_G3 <- list(tiff = "g3")
pdfj <- function(q, paper = "A4", rot = 0) list(pdf = "DCT", q = q, paper = paper, pdf_rotate = rot)
pdfc <- function(paper = "A4") list(pdf = "CCITT", paper = paper)
pdff <- function(paper = "A4") list(pdf = "Flate", paper = paper)

PLAN <- list(
  DOC(1, "referral_letter", "ers_export", "pdf", list(
      P("moderate", dpi = 300, mode = "grey", stamp = TRUE, highlight = TRUE, enc = pdfj(0.62)),
      P("clean", dpi = 300, mode = "grey", enc = pdfj(0.62)), P("clean", dpi = 300, mode = "grey", enc = pdfj(0.62))),
      font = "sophia", size = 10, priority = "Urgent"),
  DOC(2, "referral_letter", "dictated_letter", "tiff", list(
      P("moderate", dpi = 300, mode = "bilevel", stamp = TRUE, note = TRUE, punch = TRUE, enc = T_G4)),
      font = "timrom", hfont = "galatia", hstyle = 1, size = 11.5, be = FALSE, re_style = 1),
  DOC(3, "referral_letter", "tickbox_proforma", "tiff", list(
      P("moderate", dpi = 300, mode = "bilevel", copies = 1, enc = T_G4),
      P("moderate", dpi = 300, mode = "bilevel", rot = 90, note = TRUE, enc = T_G4)),
      font = "roadD", hfont = "roadD", size = 10.5, be = TRUE, spec = "Gastroenterology", cross_ticks = TRUE),
  DOC(4, "referral_letter", "emis_export", "jpeg", list(
      P("moderate", dpi = 300, mode = "rgb", highlight = TRUE, staple = TRUE, q = 0.70)), font = "tahoma", size = 9.5),
  DOC(5, "referral_letter", "systmone_export", "pdf", list(
      P("clean", dpi = 300, mode = "bilevel", enc = pdfc("A4")),
      P("moderate", dpi = 300, mode = "bilevel", edge = "left", paperl = "Letter", enc = pdfc("Letter"))),
      font = "neohel", size = 10.5, paper = c("A4", "Letter")),
  DOC(6, "referral_letter", "soap_note", "png", list(P("clean", dpi = 300, mode = "grey", png_filter = 2)),
      font = "sophia", hfont = "sophia", hstyle = 3, size = 10.5),
  DOC(7, "referral_letter", "terse_note", "jpeg", list(
      P("hard", dpi = 200, mode = "grey", copies = 2, streaks = 3, ink = 0.7, note = TRUE, q = 0.42)), font = "beteckna", size = 11),
  DOC(8, "referral_letter", "two_page_header_letter", "tiff", list(
      P("clean", dpi = 300, mode = "bilevel", enc = list(tiff = "lzw")),
      P("moderate", dpi = 300, mode = "bilevel", coffee = 1, enc = list(tiff = "lzw"))),
      font = "galatia", hfont = "galatia", size = 11, be = FALSE),
  DOC(9, "referral_letter", "demographics_box", "png", list(
      P("moderate", dpi = 300, mode = "rgb", paper = "pink", stamp = TRUE, png_filter = 1)),
      font = "neohel", hfont = "neohel", hstyle = 2, size = 11, variant = 1),
  DOC(10, "referral_letter", "vision_export", "tiff", list(
      P("moderate", dpi = 300, mode = "grey", dark_lid = TRUE, bleed = 0.12, enc = list(tiff = "deflate", predictor = 2))),
      font = "d2coding", size = 9.5, be = TRUE),
  DOC(11, "referral_letter", "typewriter_letter", "jpeg", list(
      P("hard", dpi = 300, mode = "grey", paper = "aged", ink = 0.72, toner = 0.45, fold = TRUE, bleed = 0.1, q = 0.60)),
      hfont = "essays", size = 11.5, year_from = "1992-01-01", year_to = "1996-12-31"),
  DOC(12, "referral_letter", "dotmatrix_letter", "tiff", list(
      P("moderate", dpi = 200, mode = "bilevel", enc = T_G4), P("moderate", dpi = 200, mode = "bilevel", toner = 0.35, threshold = 0.6, enc = T_G4)),
      size = 10.5, be = FALSE, year_from = "1996-01-01", year_to = "2001-12-31"),
  DOC(13, "referral_letter", "fax_referral", "tiff", list(
      P("hard", fax = TRUE, dpi = 204, mode = "bilevel", enc = T_G3), P("hard", fax = TRUE, dpi = 204, mode = "bilevel", enc = T_G3)),
      font = "timrom", hfont = "sophia", size = 11, be = TRUE, re_style = 2),
  DOC(14, "referral_letter", "dictated_letter", "pdf", list(
      P("clean", dpi = 300, mode = "rgb", enc = pdfj(0.75, "Letter")), P("moderate", dpi = 300, mode = "rgb", highlight = TRUE, enc = pdfj(0.75, "A4"))),
      font = "essays", hfont = "essays", hstyle = 2, size = 11.5, paper = c("Letter", "A4"), npages = 2, re_style = 3),
  DOC(15, "referral_letter", "ers_export", "png", list(P("moderate", dpi = 200, mode = "palette", stamp = TRUE)),
      font = "roadD", size = 10.5, priority = "Routine"),
  DOC(16, "referral_letter", "compliments_slip_and_letter", "pdf", list(
      P("moderate", dpi = 300, mode = "bilevel", enc = pdfc("DL")), P("moderate", dpi = 300, mode = "grey", note = TRUE, enc = pdfj(0.55))),
      font = "galatia", hfont = "sophia", hstyle = 1, size = 11, paper = c("DL", "A4"), re_style = 2),
  DOC(17, "referral_letter", "emis_export", "tiff", list(
      P("moderate", dpi = 300, mode = "bilevel", enc = list(tiff = "packbits")),
      P("hard", dpi = 300, mode = "bilevel", copies = 3, streaks = 2, enc = list(tiff = "packbits"))),
      font = "tahoma", size = 10, be = TRUE, npages = 2),
  DOC(18, "referral_letter", "systmone_export", "jpeg", list(P("clean", dpi = 400, mode = "grey", q = 0.85)), font = "sophia", size = 9.5),
  DOC(19, "referral_letter", "tickbox_proforma", "pdf", list(P("moderate", dpi = 150, mode = "grey", stamp = TRUE, enc = pdff())),
      font = "euro", hfont = "euro", size = 10, spec = "Dermatology"),
  DOC(20, "referral_letter", "demographics_box", "pdf", list(
      P("moderate", dpi = 300, mode = "grey", circle = TRUE, enc = pdfj(0.5)),
      P("moderate", dpi = 300, mode = "grey", rot = 270, enc = pdfj(0.5, "A4", 90))),
      font = "galatia", hfont = "galatia", hstyle = 3, size = 11, variant = 2, npages = 2),
  DOC(21, "referral_letter", "soap_note", "tiff", list(P("moderate", dpi = 150, mode = "grey", staple = TRUE, enc = list(tiff = "none"))),
      font = "euro", hfont = "euro", hstyle = 1, size = 11, be = FALSE),
  DOC(22, "referral_letter", "dictated_letter", "png", list(P("moderate", dpi = 400, mode = "grey", rot = 180, note = TRUE, png_filter = 2)),
      font = "neohel", hfont = "neohel", hstyle = 3, size = 11, re_style = 2),
  DOC(23, "referral_letter", "two_page_header_letter", "pdf", list(
      P("moderate", dpi = 300, mode = "bilevel", stamp = TRUE, enc = pdfc()),
      P("hard", dpi = 300, mode = "bilevel", toner = 0.6, streaks = 4, ink = 0.8, threshold = 0.5, enc = pdfc())),
      font = "timrom", hfont = "timrom", size = 10.5),
  DOC(24, "referral_letter", "vision_export", "jpeg", list(
      P("hard", dpi = 200, mode = "rgb", copies = 1, highlight = TRUE, coffee = 1, note = TRUE, q = 0.55)), font = "ocrb", size = 9),
  DOC(25, "referral_letter", "terse_note", "tiff", list(P("hard", dpi = 200, mode = "bilevel", ink = 0.6, threshold = 0.62, punch = TRUE, enc = T_G3)),
      font = "eurolight", size = 11, be = FALSE),
  DOC(26, "referral_letter", "dictated_letter", "jpeg", list(P("clean", dpi = 300, mode = "grey", q = 0.85)),
      font = "galatia", hfont = "galatia", hstyle = 1, size = 11, re_style = 3),
  DOC(27, "referral_letter", "fax_referral", "png", list(P("hard", fax = TRUE, fax_native = FALSE, dpi = 300, mode = "grey", png_filter = 0)),
      font = "sophia", hfont = "sophia", size = 11, re_style = 1),
  DOC(28, "referral_letter", "emis_export", "pdf", list(P("moderate", dpi = 300, mode = "grey", rot = 90, stamp = TRUE, enc = pdfj(0.65))),
      font = "tahoma", size = 9.5),
  DOC(29, "referral_letter", "ers_export", "tiff", list(P("clean", dpi = 300, mode = "bilevel", enc = T_G4)),
      font = "beteckna", size = 10, be = TRUE, priority = "Routine"),
  DOC(30, "referral_letter", "demographics_box", "jpeg", list(P("moderate", dpi = 300, mode = "rgb", paper = "blue", bookfold = TRUE, q = 0.75)),
      font = "beteckna", hfont = "beteckna", hstyle = 1, size = 10.5, variant = 1),
  DOC(31, "referral_letter", "systmone_export", "png", list(P("moderate", dpi = 150, mode = "rgb", paper = "yellow", note = TRUE, png_filter = 1)),
      font = "roadD", size = 10),
  DOC(32, "clinic_letter", "clinic_letter", "tiff", list(
      P("clean", dpi = 300, mode = "bilevel", enc = T_G4), P("moderate", dpi = 300, mode = "bilevel", punch = TRUE, enc = T_G4)),
      font = "galatia", hfont = "sophia", hstyle = 1, size = 11.5, be = FALSE, npages = 2),
  DOC(33, "clinic_letter", "clinic_letter", "jpeg", list(P("moderate", dpi = 300, mode = "grey", stamp = TRUE, q = 0.65)),
      font = "essays", hfont = "essays", hstyle = 1, size = 11),
  DOC(34, "clinic_letter", "clinic_letter", "png", list(P("hard", dpi = 300, mode = "grey", ink = 0.42, paper = "offwhite", png_filter = 2)),
      font = "eurolight", hfont = "eurolight", hstyle = 1, size = 10),
  DOC(35, "discharge_summary", "discharge_summary", "pdf", list(
      P("clean", dpi = 300, mode = "grey", enc = pdfj(0.6)), P("moderate", dpi = 300, mode = "grey", enc = pdfj(0.6)),
      P("moderate", dpi = 300, mode = "grey", note = TRUE, enc = pdfj(0.6))),
      font = "sophia", hfont = "sophia", hstyle = 2, size = 10.5),
  DOC(36, "discharge_summary", "discharge_summary", "tiff", list(
      P("moderate", dpi = 200, mode = "rgb", halftone = 65, enc = list(tiff = "deflate", predictor = 2)),
      P("moderate", dpi = 200, mode = "rgb", highlight = TRUE, enc = list(tiff = "deflate", predictor = 2))),
      font = "neohel", hfont = "neohel", hstyle = 2, size = 10.5, be = TRUE),
  DOC(37, "discharge_summary", "discharge_summary", "jpeg", list(
      P("hard", dpi = 300, mode = "rgb", bleed = 0.22, coffee = 2, halftone = 85, q = 0.45)),
      font = "roadC", hfont = "roadD", hstyle = 2, size = 9.5),
  DOC(38, "lab_result", "lab_report", "png", list(P("clean", dpi = 300, mode = "palette")), font = "tahoma", hfont = "tahoma", hstyle = 1, size = 10, variant = 1),
  DOC(39, "lab_result", "lab_report", "tiff", list(P("moderate", dpi = 200, mode = "bilevel", rot = 270, enc = T_G4)),
      font = "d2coding", hfont = "sophia", hstyle = 1, size = 9.5, variant = 2, be = FALSE),
  DOC(40, "lab_result", "lab_report", "pdf", list(
      P("moderate", dpi = 200, mode = "grey", enc = pdff()), P("moderate", dpi = 200, mode = "bilevel", enc = pdfc())),
      font = "sophia", hfont = "sophia", hstyle = 2, size = 10, variant = 1, npages = 2),
  DOC(41, "appointment_letter", "appointment_letter", "jpeg", list(P("clean", dpi = 300, mode = "grey", q = 0.75)),
      font = "beteckna", hfont = "beteckna", hstyle = 1, size = 11),
  DOC(42, "appointment_letter", "appointment_letter", "pdf", list(P("moderate", dpi = 300, mode = "rgb", paper = "cream", enc = pdfj(0.7, "A5"))),
      font = "euro", hfont = "euro", hstyle = 2, size = 9.5, paper = "A5"),
  DOC(43, "continuation_sheet", "continuation_sheet", "pdf", list(
      P("moderate", dpi = 300, mode = "grey", enc = pdfj(0.6)), P("hard", dpi = 300, mode = "grey", ink = 0.55, copies = 1, enc = pdfj(0.6))),
      size = 17, ink = "#222222", npages = 2),
  DOC(44, "continuation_sheet", "continuation_sheet", "jpeg", list(P("moderate", dpi = 300, mode = "rgb", q = 0.6)), size = 18, ink = "#1b2f8f"),
  DOC(45, "continuation_sheet", "continuation_sheet", "png", list(P("hard", dpi = 200, mode = "grey", copies = 1, png_filter = 0)), size = 16, ink = "#2a2a2a"))

DEFAULTS <- list(
  clean = list(skew = c(0.05, 0.35), noise = 0.012, blur = 0.35, light = 0.02, paper_grain = 0.02),
  moderate = list(skew = c(0.5, 1.8), noise = 0.025, blur = 0.55, light = 0.06, paper_grain = 0.04),
  hard = list(skew = c(1.8, 3.0), noise = 0.04, blur = 0.8, light = 0.1, paper_grain = 0.06))
page_spec <- function(p) {
  d <- DEFAULTS[[p$diff]]
  E <- list(paper = "offwhite", ink = 1, toner = 0, halftone = NULL, bleed = 0, coffee = 0, edge = NULL, bookfold = FALSE,
            copies = 0, streaks = 0, fax = FALSE, out_fax_native = TRUE, fax_bands = 8, threshold = 0.55, dark_lid = FALSE,
            scale = 1, interp = "bilinear", rot = 0, png_filter = 0)
  for (k in names(d)) E[[k]] <- d[[k]]
  for (k in names(p)) E[k] <- list(p[[k]])
  if (!is.null(p$fax_native)) E$out_fax_native <- p$fax_native
  E$skew <- sample(c(-1, 1), 1) * runif(1, E$skew[1], E$skew[2])
  E$skew2 <- if (isTRUE(E$fax) && !isTRUE(E$out_fax_native)) sample(c(-1, 1), 1) * runif(1, 0.3, 1.2) else 0
  if (is.null(p$halftone) && E$mode != "bilevel" && runif(1) < 0.3) E$halftone <- sample(c(100, 110, 120), 1)
  E$scale <- runif(1, 0.985, 1.01)
  if (runif(1) < 0.25) E$interp <- "bicubic"
  E
}

# ---------------------------------------------------------------- encoding helpers
to_array <- function(img) { a <- array(0L, c(nrow(img[[1]]), ncol(img[[1]]), 3)); for (c in 1:3) a[, , c] <- q8(img[[c]]); a }
quant_palette <- function(img) {   # ordered-dither to a 6x7x6 colour cube (own)
  h <- nrow(img[[1]]); w <- ncol(img[[1]])
  bay <- matrix(c(0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5), 4) / 16 - 15 / 32
  d <- bay[((seq_len(h) - 1) %% 4) + 1, ((seq_len(w) - 1) %% 4) + 1]
  lv <- c(6, 7, 6); idx <- 0
  for (c in 1:3) { q <- pmin(lv[c] - 1, pmax(0, floor(clamp01(img[[c]]) * (lv[c] - 1) + 0.5 + d)))
                   idx <- idx * lv[c] + q }
  g <- expand.grid(b = 0:5, g = 0:6, r = 0:5)
  pal <- cbind(round(g$r / 5 * 255), round(g$g / 6 * 255), round(g$b / 5 * 255))
  m <- matrix(as.integer(idx), h, w)
  list(idx = m, pal = pal)
}

# ---------------------------------------------------------------- one document
build_doc <- function(spec) {
  id <- sprintf("doc%02d", spec$n)
  t0 <- proc.time()[["elapsed"]]
  seed_from("ocr19", id, "content")
  D <- new.env()
  o <- spec$o
  D$id <- id
  D$letter_date <- rand_date(if (is.null(o$year_from)) "2004-01-01" else o$year_from, if (is.null(o$year_to)) "2019-12-31" else o$year_to)
  D$recv_date <- D$letter_date + sample(2:9, 1)
  D$p <- make_patient(D$letter_date); D$pr <- make_practice(); D$tr <- make_trust(); D$case <- make_case(D$p)
  if (!is.null(o$spec)) { while (D$case$spec != o$spec) D$case <- make_case(D$p) }
  D$meta <- list(distractors = list())
  D$font <- if (is.null(o$font)) "timrom" else o$font
  D$hfont <- if (is.null(o$hfont)) D$font else o$hfont
  D$hstyle <- if (is.null(o$hstyle)) 1 else o$hstyle
  D$size <- if (is.null(o$size)) 10.5 else o$size
  D$re_style <- as.character(if (is.null(o$re_style)) sample(1:3, 1) else o$re_style)
  D$variant <- if (is.null(o$variant)) 1 else o$variant
  D$priority <- if (is.null(o$priority)) pick(c("Routine", "Urgent", "Two Week Wait")) else o$priority
  D$nhs_style <- pick(c("spaced", "spaced", "plain", "dashed")); D$nhs_style2 <- pick(c("spaced", "plain"))
  D$dob_style <- pick(c("dmy_slash", "long", "dmy_dot_short", "mon", "long_ord", "mon_up_sp", "dmy_dot", "mon_sp"))
  D$date_style <- pick(c("long", "dmy_slash", "long_ord", "mon_sp", "dmy_dot"))
  D$justify <- runif(1) < 0.3
  D$logo_kind <- pick(c("tree", "waves", "cross", "heart", "lozenge")); D$logo_col <- pick(c("#1d5aa6", "#005eb8", "#2b6e3f", "#7a2a6e", "#b5541b"))
  D$band_col <- pick(c("#cfe0f3", "#d9ead3", "#e8dcef", "#f3e2cc"))
  D$cross_ticks <- isTRUE(o$cross_ticks)
  D$ink <- if (is.null(o$ink)) "#222222" else o$ink
  npl <- length(spec$pages)
  D$npages <- npl
  D$paper <- if (is.null(o$paper)) rep("A4", npl) else o$paper
  pages <- KINDS[[spec$kind]](D)
  if (length(pages) != npl) stop(id, ": kind produced ", length(pages), " pages, plan has ", npl)
  outs <- list(); degr <- list(); gts <- character(0); ovl <- list(); fonts <- character(0); rots <- integer(0); dpis <- list()
  img_rots <- integer(0); sizes <- character(0); encs <- list()
  for (k in seq_len(npl)) {
    pg <- pages[[k]]
    seed_from("ocr19", id, k, "decor")
    E <- page_spec(spec$pages[[k]])
    decorate(pg, D, E, k)
    if (!length(pg$gt)) stop(id, " page ", k, " has no text")
    seed_from("ocr19", id, k, "scan")
    so <- simulate_page(pg, D, E)
    rot <- E$rot
    so <- rotate_out(so, rot / 90)
    outs[[k]] <- so
    prot <- if (!is.null(E$enc$pdf_rotate)) E$enc$pdf_rotate else 0
    extra <- character(0)
    if (rot != 0) extra <- c(extra, paste0("rotated_", rot, "deg"))
    if (prot != 0) extra <- c(extra, paste0("pdf_page_rotate_", prot))
    if (!is.null(E$q)) extra <- c(extra, sprintf("jpeg_quality_%d", round(E$q * 100)))
    if (!is.null(E$enc$q)) extra <- c(extra, sprintf("jpeg_quality_%d", round(E$enc$q * 100)))
    if (E$dpi <= 200 && !isTRUE(E$fax)) extra <- c(extra, paste0("low_resolution_", E$dpi, "dpi"))
    if (any(c("havana") %in% pg$fonts) && spec$kind == "continuation_sheet") extra <- c(extra, "handwriting_style_body")
    if (spec$kind == "typewriter_letter") extra <- c(extra, "typewriter_font_strike_jitter")
    extra <- c(extra, pg$ov_kinds)
    if (isTRUE(E$highlight)) extra <- c(extra, "highlighter")
    if (isTRUE(E$staple)) extra <- c(extra, "staple")
    if (isTRUE(E$punch)) extra <- c(extra, "punch_holes")
    if (isTRUE(E$fold)) extra <- c(extra, "fold_crease")
    if (isTRUE(E$circle)) extra <- c(extra, "pen_circle_over_text")
    degr[[k]] <- jarr(c(so$degr, extra))
    gts <- c(gts, paste(pg$gt, collapse = "\n"))
    ovl[[k]] <- pg$overlay_text
    fonts <- unique(c(fonts, pg$fonts))
    rots <- c(rots, (rot + prot) %% 360); img_rots <- c(img_rots, rot)
    dpis[[k]] <- jarr(c(so$dpi_x, so$dpi_y))
    sizes <- c(sizes, if (!is.null(E$enc$paper)) E$enc$paper else D$paper[min(k, length(D$paper))])
    encs[[k]] <- E
    rm(so); invisible(gc(verbose = FALSE))
  }
  # ---------------------------------------------------------------- encode
  file <- paste0(id, ".", spec$fmt)
  path <- file.path(OUT, file)
  detail <- list()
  if (spec$fmt == "tiff") {
    tp <- lapply(seq_len(npl), function(k) {
      so <- outs[[k]]; E <- encs[[k]]; comp <- E$enc$tiff
      if (so$mode == "bilevel") { detail[[k]] <<- paste("bilevel", comp)
        tiff_page(so$img, "bilevel", comp, so$dpi_x, so$dpi_y, rows_per_strip = if (comp %in% c("g3", "g4")) 256 else 64) }
      else if (so$mode == "grey") { detail[[k]] <<- paste("greyscale 8-bit", comp, if (isTRUE(E$enc$predictor == 2)) "predictor 2" else "")
        tiff_page(q8(so$img), "grey", comp, so$dpi_x, so$dpi_y, rows_per_strip = 32, predictor = if (is.null(E$enc$predictor)) 1 else E$enc$predictor) }
      else { detail[[k]] <<- paste("RGB 8-bit", comp, if (isTRUE(E$enc$predictor == 2)) "predictor 2" else "")
        tiff_page(to_array(so$img), "rgb", comp, so$dpi_x, so$dpi_y, rows_per_strip = 16, predictor = if (is.null(E$enc$predictor)) 1 else E$enc$predictor) }
    })
    tiff_write(path, tp, big_endian = isTRUE(spec$o$be))
    detail <- lapply(detail, function(s) paste0(trimws(s), if (isTRUE(spec$o$be)) ", big-endian (MM)" else ", little-endian (II)"))
  } else if (spec$fmt == "png") {
    so <- outs[[1]]; E <- encs[[1]]
    if (so$mode == "grey") { png_write(path, q8(so$img), "grey", so$dpi_x, so$dpi_y, filter = E$png_filter); detail[[1]] <- paste("greyscale 8-bit, filter", E$png_filter) }
    else if (so$mode == "rgb") { png_write(path, to_array(so$img), "rgb", so$dpi_x, so$dpi_y, filter = E$png_filter); detail[[1]] <- paste("RGB 8-bit, filter", E$png_filter) }
    else if (so$mode == "palette") { qp <- quant_palette(so$img); png_write(path, qp$idx, "palette", so$dpi_x, so$dpi_y, palette = qp$pal)
                                     detail[[1]] <- "palette 8-bit (252 colours, ordered dither)" }
    else { png_write(path, 1L - so$img, "bilevel", so$dpi_x, so$dpi_y); detail[[1]] <- "bilevel 1-bit" }
  } else if (spec$fmt == "jpeg") {
    so <- outs[[1]]; E <- encs[[1]]
    if (so$mode == "grey") { jpeg_write(path, q8(so$img), E$q, so$dpi_x, so$dpi_y); detail[[1]] <- sprintf("greyscale baseline JPEG q%d", round(E$q * 100)) }
    else { jpeg_write(path, to_array(so$img), E$q, so$dpi_x, so$dpi_y); detail[[1]] <- sprintf("colour baseline JPEG q%d", round(E$q * 100)) }
  } else if (spec$fmt == "pdf") {
    pp <- lapply(seq_len(npl), function(k) {
      so <- outs[[k]]; E <- encs[[k]]; en <- E$enc
      h <- if (is.list(so$img)) nrow(so$img[[1]]) else nrow(so$img); w <- if (is.list(so$img)) ncol(so$img[[1]]) else ncol(so$img)
      base <- list(w = w, h = h, dpi_x = so$dpi_x, dpi_y = so$dpi_y, rotate = en$pdf_rotate)
      if (en$pdf == "DCT") {
        dat <- if (so$mode == "rgb") jpeg_bytes(to_array(so$img), en$q, so$dpi_x) else jpeg_bytes(q8(so$img), en$q, so$dpi_x)
        detail[[k]] <<- sprintf("DCTDecode %s q%d", if (so$mode == "rgb") "DeviceRGB" else "DeviceGray", round(en$q * 100))
        c(base, list(filter = "DCT", data = dat, cs = if (so$mode == "rgb") "DeviceRGB" else "DeviceGray", bpc = 8))
      } else if (en$pdf == "CCITT") {
        detail[[k]] <<- "CCITTFaxDecode G4 (K -1) 1-bit"
        c(base, list(filter = "CCITT", data = g4_encode(so$img), cs = "DeviceGray", bpc = 1))
      } else {
        detail[[k]] <<- "FlateDecode DeviceGray 8-bit"
        c(base, list(filter = "Flate", data = memCompress(as.raw(t(q8(so$img))), type = "gzip"), cs = "DeviceGray", bpc = 8))
      }
    })
    pdf_write(path, pp)
  }
  # ---------------------------------------------------------------- ground truth + manifest line
  gtxt <- paste0(paste(gts, collapse = "\n\f\n"), "\n")
  con <- file(file.path(OUT, paste0(id, ".gt.txt")), "wb"); writeBin(charToRaw(enc2utf8(gtxt)), con); close(con)
  ovt <- unique(unlist(ovl))
  m <- list(
    file = file, ground_truth = paste0(id, ".gt.txt"), document_type = spec$type, kind = spec$kind, pages = npl,
    nhs_number = D$p$nhs, date_of_birth = iso(D$p$dob),
    nhs_as_printed = D$meta$nhs_as_printed, dob_as_printed = D$meta$dob_as_printed,
    degradations = degr, difficulty = jarr(vapply(spec$pages, function(p) p$diff, "")),
    rotation_clockwise_deg = jarr(rots), image_rotation_clockwise_deg = jarr(img_rots),
    format = spec$fmt, encoding = jarr(unlist(detail)), dpi = dpis, page_sizes = jarr(sizes),
    fonts = jarr(vapply(fonts, function(f) FONT_FILES[[f]]$name, "", USE.NAMES = FALSE)),
    overlay_text_not_in_gt = jarr(if (length(ovt)) ovt else character(0)),
    overlay_text_by_page = lapply(ovl, function(v) jarr(if (length(v)) v else character(0))),
    distractors = D$meta$distractors,
    patient_name = paste(D$p$first, D$p$surname), letter_date = iso(D$letter_date))
  if (is.null(m$nhs_as_printed)) stop(id, ": NHS number never printed")
  if (is.null(m$dob_as_printed)) stop(id, ": DOB never printed")
  dir.create(file.path(OUT, ".meta"), showWarnings = FALSE)
  writeLines(to_json(m), file.path(OUT, ".meta", paste0(id, ".json")), useBytes = TRUE)
  cat(sprintf("%s %-28s %-5s %d page(s) %.1fs\n", id, spec$kind, spec$fmt, npl, proc.time()[["elapsed"]] - t0))
}

# no JIT for the many small drawing closures; the loop-heavy codecs are byte-compiled explicitly
invisible(compiler::enableJIT(0))
for (fn in c("g4_encode", "g4_decode", "g3_decode", ".read_run", ".changes_to_matrix", "lzw_encode", "lzw_decode",
             "packbits_encode_row", "packbits_decode", "str_hash", ".crc_raw", ".gf2_apply", "wrap_words", "flow", "tiff_write",
             "tiff_read", "png_read", "glyph_run", "quant_palette"))
  assign(fn, compiler::cmpfun(get(fn)))

todo <- seq_along(PLAN)
todo <- todo[(todo - 1) %% NSHARD + 1 == SHARD]
if (length(ONLY)) todo <- intersect(todo, ONLY)
for (i in todo) build_doc(PLAN[[i]])
