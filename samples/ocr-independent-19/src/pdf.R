# pdf.R -- own image-only PDF writer (DCTDecode / CCITTFaxDecode / FlateDecode image XObjects)
# and an own parser that reads the xref table, walks the page tree and checks for text operators.

# page: list(w, h (pixels), dpi_x, dpi_y, filter = "DCT"|"CCITT"|"Flate", data (raw stream),
#            cs = "DeviceGray"|"DeviceRGB", bpc, rotate (0/90/180/270), media = c(wpt, hpt) or NULL)
pdf_write <- function(path, pages) {
  objs <- list()
  addobj <- function(body) { objs[[length(objs) + 1]] <<- body; length(objs) }
  cat_id <- addobj(raw(0)); pages_id <- addobj(raw(0))
  kids <- integer(0)
  fmt <- function(x) sub("\\.?0+$", "", sprintf("%.2f", x))
  for (i in seq_along(pages)) {
    p <- pages[[i]]
    wpt <- p$w / p$dpi_x * 72; hpt <- p$h / p$dpi_y * 72
    if (!is.null(p$media)) { mw <- p$media[1]; mh <- p$media[2] } else { mw <- wpt; mh <- hpt }
    dict <- paste0("<< /Type /XObject /Subtype /Image /Width ", p$w, " /Height ", p$h,
                   " /ColorSpace /", p$cs, " /BitsPerComponent ", p$bpc)
    dict <- paste0(dict, switch(p$filter,
      DCT = " /Filter /DCTDecode",
      Flate = " /Filter /FlateDecode",
      CCITT = paste0(" /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ", p$w, " /Rows ", p$h,
                     " /BlackIs1 false >>")))
    dict <- paste0(dict, " /Length ", length(p$data), " >>")
    img_id <- addobj(c(chr2raw(paste0(dict, "\nstream\n")), p$data, chr2raw("\nendstream")))
    # centre the image on the media box (media may be a nominal paper size)
    ox <- (mw - wpt) / 2; oy <- (mh - hpt) / 2
    content <- paste0("q ", fmt(wpt), " 0 0 ", fmt(hpt), " ", fmt(ox), " ", fmt(oy), " cm /Im", i, " Do Q")
    c_id <- addobj(chr2raw(paste0("<< /Length ", nchar(content), " >>\nstream\n", content, "\nendstream")))
    rot <- if (!is.null(p$rotate) && p$rotate != 0) paste0(" /Rotate ", p$rotate) else ""
    pg <- paste0("<< /Type /Page /Parent ", pages_id, " 0 R /MediaBox [0 0 ", fmt(mw), " ", fmt(mh), "]",
                 rot, " /Resources << /XObject << /Im", i, " ", img_id, " 0 R >> >> /Contents ", c_id, " 0 R >>")
    kids <- c(kids, addobj(chr2raw(pg)))
  }
  objs[[cat_id]] <- chr2raw(paste0("<< /Type /Catalog /Pages ", pages_id, " 0 R >>"))
  objs[[pages_id]] <- chr2raw(paste0("<< /Type /Pages /Kids [", paste0(kids, " 0 R", collapse = " "),
                                     "] /Count ", length(kids), " >>"))
  out <- list(c(chr2raw("%PDF-1.4\n%"), as.raw(c(0xE2, 0xE3, 0xCF, 0xD3)), chr2raw("\n")))
  off <- length(out[[1]]); offsets <- numeric(length(objs))
  for (k in seq_along(objs)) {
    offsets[k] <- off
    b <- c(chr2raw(paste0(k, " 0 obj\n")), objs[[k]], chr2raw("\nendobj\n"))
    out[[length(out) + 1]] <- b; off <- off + length(b)
  }
  xref <- paste0("xref\n0 ", length(objs) + 1, "\n0000000000 65535 f \n",
                 paste0(sprintf("%010.0f 00000 n \n", offsets), collapse = ""))
  trailer <- paste0("trailer\n<< /Size ", length(objs) + 1, " /Root ", cat_id, " 0 R >>\nstartxref\n", off, "\n%%EOF\n")
  out[[length(out) + 1]] <- chr2raw(paste0(xref, trailer))
  writeBin(do.call("c", out), path)
  invisible(off)
}

# ---------------------------------------------------------------- parser / checker
.find_raw <- function(r, pat, from = 1) {
  p <- chr2raw(pat); n <- length(p)
  cand <- which(r == p[1]); cand <- cand[cand >= from & cand <= length(r) - n + 1]
  for (k in seq_len(n - 1)) cand <- cand[r[cand + k] == p[k + 1]]
  cand
}
pdf_parse <- function(path) {
  r <- readBin(path, "raw", file.info(path)$size)
  if (rawToChar(r[1:5]) != "%PDF-") stop("no PDF header")
  sx <- tail(.find_raw(r, "startxref"), 1)
  tail_txt <- rawToChar(r[sx:length(r)])
  xoff <- as.numeric(strsplit(tail_txt, "\\s+")[[1]][2])
  if (rawToChar(r[(xoff + 1):(xoff + 4)]) != "xref") stop("startxref does not point at xref")
  xr <- rawToChar(r[(xoff + 1):(sx - 1)])
  lines <- strsplit(xr, "\n")[[1]]
  hdr <- as.numeric(strsplit(lines[2], " ")[[1]]); nobj <- hdr[2]
  ent <- lines[3:(2 + nobj)]
  offs <- as.numeric(substr(ent, 1, 10)); typ <- substr(ent, 18, 18)
  obj <- list()
  for (k in 2:nobj) {
    if (typ[k] != "n") next
    o <- offs[k]
    head <- rawToChar(r[(o + 1):(o + 30)])
    if (!startsWith(head, paste0(k - 1, " 0 obj"))) stop("xref offset wrong for object ", k - 1)
    e <- .find_raw(r, "endobj", o + 1)[1]
    body <- r[(o + 1):(e - 1)]
    st <- .find_raw(body, "stream\n")[1]
    dict <- if (is.na(st)) rawToChar(body) else rawToChar(body[1:(st - 1)])
    stream <- NULL
    if (!is.na(st)) {
      len <- as.numeric(sub(".*?/Length ([0-9]+).*", "\\1", dict))
      stream <- body[(st + 7):(st + 6 + len)]
      if (rawToChar(body[(st + 7 + len):(st + 6 + len + 10)]) != "\nendstream") stop("stream length wrong in ", k - 1)
    }
    obj[[as.character(k - 1)]] <- list(dict = dict, stream = stream)
  }
  root <- sub("(?s).*trailer.*?/Root ([0-9]+) 0 R.*", "\\1", xr, perl = TRUE)
  cat_d <- obj[[root]]$dict
  pid <- sub(".*/Pages ([0-9]+) 0 R.*", "\\1", cat_d)
  walk <- function(id) {
    d <- obj[[id]]$dict
    if (grepl("/Type /Pages", d)) {
      ks <- sub(".*/Kids \\[([^]]*)\\].*", "\\1", d)
      kids <- regmatches(ks, gregexpr("[0-9]+ 0 R", ks))[[1]]
      cnt <- as.numeric(sub(".*/Count ([0-9]+).*", "\\1", d))
      res <- unlist(lapply(sub(" 0 R", "", kids), walk))
      if (length(res) != cnt) stop("/Count mismatch")
      res
    } else if (grepl("/Type /Page\\b", d)) id else stop("bad page tree node")
  }
  page_ids <- walk(pid)
  pages <- lapply(page_ids, function(id) {
    d <- obj[[id]]$dict
    cid <- sub(".*/Contents ([0-9]+) 0 R.*", "\\1", d)
    xid <- sub(".*/XObject << /Im[0-9]+ ([0-9]+) 0 R.*", "\\1", d)
    content <- rawToChar(obj[[cid]]$stream)
    mb <- as.numeric(strsplit(sub(".*/MediaBox \\[([^]]*)\\].*", "\\1", d), " ")[[1]])
    rot <- if (grepl("/Rotate", d)) as.numeric(sub(".*/Rotate ([0-9]+).*", "\\1", d)) else 0
    xd <- obj[[xid]]$dict
    list(id = id, media = mb[3:4], rotate = rot, content = content,
         has_text = grepl("\\bBT\\b|\\bTj\\b|\\bTJ\\b|/Font", content) || grepl("/Font", d),
         img_dict = xd, img = obj[[xid]]$stream,
         width = as.numeric(sub(".*/Width ([0-9]+).*", "\\1", xd)),
         height = as.numeric(sub(".*/Height ([0-9]+).*", "\\1", xd)),
         filter = sub(".*/Filter /([A-Za-z]+).*", "\\1", xd))
  })
  any_font <- any(vapply(obj, function(o) grepl("/Font", o$dict), TRUE))
  list(pages = pages, n_objects = nobj - 1, any_font = any_font)
}
