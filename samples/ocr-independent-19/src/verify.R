# verify.R -- decode every file of the set with the own readers (TIFF incl. G4/G3/LZW/PackBits/Deflate,
# PNG incl. CRCs and filters, PDF via its xref) and print a TSV report. Exits non-zero on any failure.
# usage: Rscript verify.R SETDIR > verify_report.tsv
args <- commandArgs(trailingOnly = TRUE)
DIR <- if (length(args)) args[1] else "."
SRC <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)[1])))
for (f in c("bytes", "png", "ccitt", "tiff", "jpeg", "pdf")) source(file.path(SRC, paste0(f, ".R")))
invisible(compiler::enableJIT(0))
for (fn in c("g4_decode", "g3_decode", ".read_run", ".changes_to_matrix", "lzw_decode", "packbits_decode", "tiff_read", "png_read"))
  assign(fn, compiler::cmpfun(get(fn)))

gt_pages <- function(id) {
  txt <- rawToChar(readBin(file.path(DIR, paste0(id, ".gt.txt")), "raw", 1e7))
  length(strsplit(txt, "\n\f\n", fixed = TRUE)[[1]])
}
files <- sort(list.files(DIR, pattern = "^doc[0-9]+\\.(tiff|png|jpeg|pdf)$"))
cat("file\tpage\twidth\theight\tdecoded_as\tdetail\tblack_fraction\n")
fail <- 0
for (f in files) {
  id <- sub("\\..*", "", f); path <- file.path(DIR, f)
  res <- tryCatch({
    rows <- list()
    if (grepl("tiff$", f)) {
      pg <- tiff_read(path)
      for (k in seq_along(pg)) {
        t <- pg[[k]]$tags; im <- pg[[k]]$img
        comp <- c(`1` = "none", `3` = "CCITT-G3-1D", `4` = "CCITT-G4", `5` = "LZW", `8` = "Deflate", `32773` = "PackBits")[[as.character(t[["259"]])]]
        if (nrow(im) != t[["257"]] || ncol(im) != t[["256"]]) stop("size mismatch")
        bf <- if (pg[[k]]$kind == "bilevel") mean(im) else mean(im < 128)
        rows[[k]] <- c(k, t[["256"]], t[["257"]], paste0("TIFF ", pg[[k]]$kind),
                       sprintf("%s %s strips=%d res=%gx%g", comp, if (pg[[k]]$big_endian) "MM" else "II", length(t[["273"]]), t[["282"]], t[["283"]]),
                       sprintf("%.4f", bf))
      }
    } else if (grepl("png$", f)) {
      r <- png_read(path)
      im <- r$img
      bf <- if (r$bit_depth == 1) mean(im == 0) else if (r$color_type == 3) mean(rowSums(r$palette[im + 1, , drop = FALSE]) < 384) else mean(im < 128)
      rows[[1]] <- c(1, r$width, r$height, paste0("PNG colour type ", r$color_type, " depth ", r$bit_depth),
                     sprintf("chunks=%s pHYs=%d/%d px/m", paste(unique(r$chunks), collapse = ","), r$phys[1], r$phys[2]), sprintf("%.4f", bf))
    } else if (grepl("jpeg$", f)) {
      r <- readBin(path, "raw", file.info(path)$size); ji <- jpeg_info(r)
      im <- jpeg::readJPEG(r)
      d <- dim(im)
      if (d[1] != ji$height || d[2] != ji$width) stop("JPEG size mismatch")
      if (!ji$eoi || ji$units != 1) stop("JPEG EOI/density")
      rows[[1]] <- c(1, ji$width, ji$height, sprintf("JPEG baseline %d component(s)", ji$components),
                     sprintf("JFIF density %dx%d dpi", ji$xdens, ji$ydens), sprintf("%.4f", mean((if (length(d) == 3) im[, , 1] else im) < 0.5)))
    } else {
      pp <- pdf_parse(path)
      if (pp$any_font) stop("PDF has a font")
      for (k in seq_along(pp$pages)) {
        p <- pp$pages[[k]]
        if (p$has_text) stop("PDF page has text operators")
        if (p$filter == "DCTDecode") { ji <- jpeg_info(p$img); im <- jpeg::readJPEG(p$img); d <- dim(im)
          if (d[1] != p$height || d[2] != p$width) stop("DCT size mismatch"); bf <- mean((if (length(d) == 3) im[, , 1] else im) < 0.5) }
        else if (p$filter == "CCITTFaxDecode") { im <- g4_decode(p$img, p$width, p$height); bf <- mean(im) }
        else { v <- memDecompress(p$img, type = "gzip"); if (length(v) != p$width * p$height) stop("Flate size"); bf <- mean(as.integer(v) < 128) }
        rows[[k]] <- c(k, p$width, p$height, paste("PDF image", p$filter),
                       sprintf("MediaBox %gx%g pt /Rotate %d", p$media[1], p$media[2], p$rotate), sprintf("%.4f", bf))
      }
    }
    np <- length(rows)
    if (np != gt_pages(id)) stop("page count ", np, " differs from ground truth ", gt_pages(id))
    for (rw in rows) cat(paste(c(f, rw), collapse = "\t"), "\n", sep = "")
    TRUE
  }, error = function(e) { cat(f, "\tERROR\t", conditionMessage(e), "\n", sep = ""); FALSE })
  if (!res) fail <- fail + 1
}
if (fail) { message(fail, " file(s) failed verification"); quit(status = 1) }
