# pipeline.R -- per-page scan simulation (layers -> paper -> print -> copy/fax -> scanner) and decorations.

PAPER_COL <- list(white = c(1, 1, 1), offwhite = c(0.985, 0.975, 0.955), cream = c(0.99, 0.96, 0.86),
                  yellow = c(1, 0.965, 0.74), pink = c(1, 0.9, 0.92), blue = c(0.88, 0.93, 1), green = c(0.9, 0.98, 0.88),
                  aged = c(0.93, 0.88, 0.76))
NOTES <- c("Seen - book urgent appt", "2WW - triage please", "Routine - 18 wks", "Pls scan to notes", "Cat B", "Triage: Dr K",
           "Bloods done?", "Added to WL", "Not known to us", "Chase results", "?MRI first", "Book clinic 4/52", "Reviewed - no action")

# Decorations (overlays) are added to the builder before rasterising; their text goes to the manifest only.
decorate <- function(pg, D, E, pageno) {
  if (isTRUE(E$stamp)) {
    rd <- D$recv_date
    st <- paste0("RECEIVED ", fmt_date(rd, pick(c("mon_up_sp", "dmy_slash", "mon_up"))))
    lines <- c(pick(c("MEDICAL RECORDS", "CENTRAL BOOKING", "OUTPATIENTS", "REFERRAL HUB")), st, toupper(D$tr$hosp))
    sw <- max(tw(lines, "roadD", 11, TRUE)) + 0.3; sh <- length(lines) * 0.21 + 0.18
    keyb <- do.call(rbind, pg$anchor[intersect(c("nhs", "dob"), names(pg$anchor))])
    for (try in 1:12) {
      x <- runif(1, pg$w * 0.42, pg$w * 0.62); y <- runif(1, 0.5, min(pg$h * 0.3, 2.6) + (try > 6) * 1.5)
      if (is.null(keyb) || !any(keyb[, 1] < x + sw & keyb[, 1] + keyb[, 3] > x & keyb[, 2] > y - 0.05 & keyb[, 2] - 0.15 < y + sh)) break
    }
    stamp(pg, x, y, lines, col = pick(c("#b3161b", "#1f3f9f", "#6b2c91", "#b3161b")), angle = runif(1, -12, 12),
          shape = pick(c("rect", "oval", "double")), size = pick(c(9.5, 10.5, 11)))
    distract(D, "received_stamp", st)
  }
  if (isTRUE(E$note)) {
    s <- pick(NOTES)
    x <- runif(1, 0.7, pg$w * 0.45); y <- runif(1, pg$h * 0.25, pg$h * 0.8)
    hand(pg, x, y, s, size = runif(1, 14, 18), col = pick(c("#1b2f8f", "#101010", "#0d5a2a", "#9b1b1b")),
         style = pick(c("script", "caps")), slant = runif(1, -8, 5))
    if (runif(1) < 0.6) underline_mark(pg, x, y, min(2.5, nchar(s) * 0.09))
    if (runif(1) < 0.4) tick_mark(pg, x - 0.35, y)
  }
  if (isTRUE(E$highlight)) {
    a <- if (!is.null(pg$anchor$nhs)) pg$anchor$nhs else NULL
    if (!is.null(a)) HL(pg, a[1], a[2], a[3], col = pick(c("#f7f03a", "#ff9ad5", "#8ff58f")))
    tp <- pg$tpos
    if (!is.null(tp)) { tp <- tp[tp[, 2] > pg$h * 0.3 & tp[, 2] < pg$h * 0.85 & tp[, 3] > 0.8, , drop = FALSE]
      if (nrow(tp)) { r <- tp[sample.int(nrow(tp), 1), ]; HL(pg, r[1], r[2], r[3], h = r[4] / 72 * 1.1, col = "#f7f03a") } }
  }
  if (isTRUE(E$circle) && !is.null(pg$anchor$dob)) { a <- pg$anchor$dob; circle_mark(pg, a[1] - 0.05, a[2], a[3] + 0.1, 0.2) }
  if (isTRUE(E$staple)) {
    x <- 0.35; y <- 0.3; a <- runif(1, -0.5, 0.2)
    P_(pg, x + c(0, 0.55, 0.55, 0) * cos(a) - c(0, 0, 0.05, 0.05) * sin(a), y + c(0, 0.55, 0.55, 0) * sin(a) + c(0, 0, 0.05, 0.05) * cos(a),
       fill = "#9a9a9a", col = "#3a3a3a", lwd = 0.8, layer = "phys")
  }
  if (isTRUE(E$punch)) for (yy in pg$h / 2 + c(-1.57, 1.57)) C_(pg, 0.5, yy, 0.12, fill = if (isTRUE(E$dark_lid)) "#202020" else "#e8e8e8",
                                                                col = "#555555", lwd = 1, layer = "phys")
  if (isTRUE(E$fold)) L_(pg, c(0, pg$w), rep(pg$h / 3 + runif(1, -0.1, 0.1), 2) + c(0, runif(1, -0.05, 0.05)), lwd = 0.6, col = "#bdbdbd", layer = "phys")
}

# a reverse side (for bleed-through): a few paragraphs of another letter
reverse_side <- function(pg, D) {
  q <- new_page(pg$paper); q$w <- pg$w; q$h <- pg$h
  q$y <- 1.2
  p2 <- make_patient(D$letter_date); c2 <- make_case(p2)
  for (s in c(c2$hist, c2$exam, c2$inv, c2$ask, c2$hist)) para(q, 0.9, s, 6.4, "timrom", 11, layer = "reverse")
  q$ops$reverse
}

# run one page through the simulated print/copy/scan chain. Returns list(img, mode, dpi_x, dpi_y, degr)
simulate_page <- function(pg, D, E) {
  dpi <- E$dpi
  colour <- E$mode == "rgb"
  degr <- character(0)
  rdpi <- if (isTRUE(E$fax)) 204 else dpi
  nch <- if (colour) 3 else 1
  getL <- function(layer) { r <- render_layer(pg, layer, rdpi, grey = !colour); if (is.null(r)) NULL else if (colour) r else list(r) }
  h <- round(pg$h * rdpi); w <- round(pg$w * rdpi)
  content <- getL("content")
  if (is.null(content)) content <- lapply(seq_len(nch), function(c) matrix(1, h, w))
  # paper
  pc <- PAPER_COL[[E$paper]]
  if (!E$paper %in% c("white", "offwhite")) degr <- c(degr, paste0("coloured_paper_", E$paper))
  grain <- (lowfreq(h, w, rdpi * 0.8, 3) - 0.5) * E$paper_grain
  pcg <- if (colour) pc else sum(pc * c(0.299, 0.587, 0.114))
  img <- lapply(seq_len(nch), function(c) pcg[c] * (1 - grain))
  # printed content
  if (E$ink < 1) degr <- c(degr, "low_contrast_print")
  content <- lapply(content, function(m) low_contrast(m, E$ink))
  if (E$toner > 0) { tl <- lowfreq(h, w, rdpi * 0.25, 3); tl <- clamp01((tl - 0.3) / 0.45)
                     content <- lapply(content, function(m) 1 - (1 - m) * (1 - E$toner * tl)); degr <- c(degr, "toner_variation") }
  dots <- getL("dots")
  if (!is.null(dots)) {
    dm <- dotmatrix(dots[[1]], pitch = rdpi / 72 * 1.02, dens = if (E$toner > 0.3) c(0.35, 0.8) else c(0.6, 0.98))
    content <- lapply(content, function(m) m * dm); degr <- c(degr, "dot_matrix_print")
  }
  for (c in seq_len(nch)) img[[c]] <- img[[c]] * content[[c]]
  rm(content, dots)
  logo <- getL("logo")
  if (!is.null(logo)) {
    if (!is.null(E$halftone)) {
      ang <- c(15, 75, 45)
      logo <- lapply(seq_along(logo), function(c) halftone(logo[[c]], rdpi, E$halftone, ang[c]))
      degr <- c(degr, paste0("halftone_letterhead_", E$halftone, "lpi"))
    }
    for (c in seq_len(nch)) img[[c]] <- img[[c]] * low_contrast(logo[[c]], E$ink)
  }
  phys <- getL("phys")
  if (!is.null(phys)) for (c in seq_len(nch)) img[[c]] <- img[[c]] * phys[[c]]
  if (E$bleed > 0) {
    pg$ops$reverse <- reverse_side(pg, D)
    lo <- max(40, round(rdpi / 4))
    rv <- render_layer(pg, "reverse", lo, grey = TRUE)
    rv <- fft_blur(rv[, ncol(rv):1], 1.2)
    rv <- resize_bilinear(rv, h, w)
    for (c in seq_len(nch)) img[[c]] <- img[[c]] * (1 - (1 - rv) * E$bleed)
    degr <- c(degr, "bleed_through")
  }
  ov <- getL("overlay")
  if (!is.null(ov)) {
    dens <- 0.65 + 0.35 * lowfreq(h, w, rdpi * 0.15, 2)
    for (c in seq_len(nch)) img[[c]] <- img[[c]] * (1 - (1 - ov[[c]]) * dens)
    rm(ov)
  }
  if (E$coffee > 0) { for (k in seq_len(E$coffee)) img <- coffee_stain(img, runif(1, 0.8, pg$w - 0.8), runif(1, 1, pg$h - 1), runif(1, 0.9, 1.6), rdpi, runif(1, 0.25, 0.45))
                      degr <- c(degr, "coffee_stain") }
  if (!is.null(E$edge)) { img <- lapply(img, edge_shadow, E$edge, rdpi * 0.35, 0.55); degr <- c(degr, paste0("edge_shadow_", E$edge)) }
  if (isTRUE(E$bookfold)) { img <- lapply(img, book_fold, round(w * runif(1, 0.02, 0.06)), rdpi * 0.35, 0.5); degr <- c(degr, "book_fold_shadow") }
  # photocopy generations (become greyscale)
  if (E$copies > 0) {
    g <- if (colour) 0.299 * img[[1]] + 0.587 * img[[2]] + 0.114 * img[[3]] else img[[1]]
    for (k in seq_len(E$copies)) {
      g <- gauss_blur(g, 0.45 * rdpi / 300)
      g <- clamp01((g - 0.5) * 1.35 + 0.5 - 0.05)                    # darkening, higher contrast
      g <- g * (1 - 0.08 * lowfreq(h, w, rdpi * 1.5, 2))
      g <- toner_loss(g, 0.25 + 0.08 * k, rdpi * 0.2)
      g <- pmin(g, 1 - 0.85 * speckle(h, w, round(h * w / 4000 * E$copies), 1))
      if (E$streaks > 0) g <- streaks_v(g, E$streaks, 0.35, rdpi / 150)
    }
    img <- if (colour) list(g * 0.995, g, g * 0.985) else list(g)
    degr <- c(degr, paste0("photocopy_generations_", E$copies))
    if (E$streaks > 0) degr <- c(degr, "copier_streaks")
  } else if (E$streaks > 0) { img <- lapply(img, streaks_v, E$streaks, 0.3, rdpi / 150); degr <- c(degr, "scanner_streaks") }
  # fax transmission: bilevel at 204 x 98 dpi, line glitches
  if (isTRUE(E$fax)) {
    img <- warp_affine(img, E$skew, 1, 0, 0, fill = 1)             # the sending machine's feed skew
    degr <- c(degr, sprintf("fax_feed_skew_%+.1fdeg", E$skew)); E$skew <- E$skew2
    g <- img[[1]]
    g <- gauss_blur(g, 0.6)
    nh <- round(h * 98 / 204)
    g <- resize_nearest(g, nh, w)
    W <- 1728
    if (w < W) { g <- cbind(matrix(1, nh, floor((W - w) / 2)), g, matrix(1, nh, W - w - floor((W - w) / 2))) } else g <- g[, 1:W]
    b <- to_bilevel(g, E$threshold)
    b <- fax_banding(b, E$fax_bands)
    degr <- c(degr, "fax_200x100_stretch", "fax_banding", "fax_header_line", "bilevel")
    if (E$out_fax_native) return(list(img = b, mode = "bilevel", dpi_x = 204, dpi_y = 98, degr = degr))
    # printed fax re-scanned: back to square pixels at the scan dpi
    g <- 1 - b * 0.92
    g <- resize_nearest(g, round(pg$h * dpi), round(W / 204 * dpi))
    g <- g[, seq_len(min(ncol(g), round(pg$w * dpi)))]
    img <- list(g); h <- nrow(g); w <- ncol(g); colour <- FALSE; nch <- 1
    degr <- c(degr, "fax_printout_rescanned")
  }
  # scanner: lighting, skew, optics blur, sensor noise
  if (E$light > 0) { L <- lighting(h, w, E$light); img <- lapply(img, function(m) m * L); rm(L) }
  fillv <- if (isTRUE(E$dark_lid)) 0.12 else 0.96
  if (isTRUE(E$dark_lid)) degr <- c(degr, "dark_scanner_background")
  if (abs(E$skew) > 0.01) {
    img <- warp_affine(img, E$skew, E$scale, runif(1, -0.004, 0.004) * w, runif(1, -0.004, 0.004) * h, fill = fillv, method = E$interp)
    degr <- c(degr, sprintf("skew_%+.1fdeg", E$skew))
  }
  if (E$blur > 0) img <- lapply(img, gauss_blur, E$blur * dpi / 300)
  if (E$noise > 0) { nz <- rnorm(h * w, 0, E$noise); img <- lapply(img, function(m) m + nz + rnorm(h * w, 0, E$noise * 0.3)); rm(nz)
                     degr <- c(degr, "scanner_noise") }
  img <- lapply(img, clamp01)
  mode <- E$mode
  if (mode == "bilevel") {
    g <- if (length(img) == 3) 0.299 * img[[1]] + 0.587 * img[[2]] + 0.114 * img[[3]] else img[[1]]
    out <- to_bilevel(g, E$threshold); degr <- c(degr, "bilevel_threshold")
  } else if (mode == "grey") {
    out <- if (length(img) == 3) 0.299 * img[[1]] + 0.587 * img[[2]] + 0.114 * img[[3]] else img[[1]]
  } else {
    if (length(img) == 1) img <- list(img[[1]], img[[1]], img[[1]])
    out <- img
  }
  list(img = out, mode = mode, dpi_x = dpi, dpi_y = dpi, degr = degr)
}

rotate_out <- function(o, k) {
  if (k %% 4 == 0) return(o)
  if (is.list(o$img)) o$img <- lapply(o$img, rot90, k) else o$img <- rot90(o$img, k)
  if (k %% 2 == 1) { t <- o$dpi_x; o$dpi_x <- o$dpi_y; o$dpi_y <- t }
  o
}
