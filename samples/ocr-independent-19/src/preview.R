# preview.R -- development aid: decode a file of the set with the own readers and write a reduced PNG.
# usage: Rscript preview.R FILE OUTPREFIX [scale]
args <- commandArgs(trailingOnly = TRUE)
SRC <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)[1])))
for (f in c("bytes", "png", "ccitt", "tiff", "jpeg", "pdf", "raster")) source(file.path(SRC, paste0(f, ".R")))
path <- args[1]; pre <- args[2]; sc <- if (length(args) > 2) as.numeric(args[3]) else 0.35
pages <- list()
if (grepl("\\.tiff?$", path)) {
  for (p in tiff_read(path)) pages[[length(pages) + 1]] <- if (p$kind == "bilevel") 1 - p$img else if (p$kind == "rgb") p$img / 255 else p$img / 255
} else if (grepl("\\.png$", path)) {
  r <- png_read(path); img <- r$img
  if (r$color_type == 3) { pal <- r$palette; img <- array(c(pal[img + 1, 1], pal[img + 1, 2], pal[img + 1, 3]), c(dim(img), 3)) / 255 }
  else if (r$bit_depth == 1) img <- img else img <- img / 255
  pages[[1]] <- img
} else if (grepl("\\.jpe?g$", path)) { pages[[1]] <- jpeg::readJPEG(path)
} else if (grepl("\\.pdf$", path)) {
  for (p in pdf_parse(path)$pages) {
    pages[[length(pages) + 1]] <- if (p$filter == "DCTDecode") jpeg::readJPEG(p$img)
      else if (p$filter == "CCITTFaxDecode") 1 - g4_decode(p$img, p$width, p$height)
      else t(matrix(as.integer(memDecompress(p$img, type = "gzip")), nrow = p$width)) / 255
  }
}
for (k in seq_along(pages)) {
  im <- pages[[k]]
  if (length(dim(im)) == 3) { ch <- lapply(1:3, function(c) im[, , c]) } else ch <- list(im)
  h <- round(nrow(ch[[1]]) * sc); w <- round(ncol(ch[[1]]) * sc)
  ch <- lapply(ch, function(m) resize_bilinear(gauss_blur(m, 0.5 / sc), h, w))
  if (length(ch) == 3) { a <- array(0L, c(h, w, 3)); for (c in 1:3) a[, , c] <- q8(ch[[c]]); png_write(sprintf("%s_p%d.png", pre, k), a, "rgb", 72) }
  else png_write(sprintf("%s_p%d.png", pre, k), q8(ch[[1]]), "grey", 72)
}
cat(length(pages), "page(s)\n")
