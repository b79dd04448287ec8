# render.R -- page builder: own layout (positions from font metrics, own line breaking), ground truth
# bookkeeping, and rasterisation of drawing layers through ragg::agg_capture (read back as a matrix).
suppressPackageStartupMessages({ library(grid); library(ragg); library(systemfonts) })

FONT_FILES <- list(
  timrom   = list(name = "Times Roman clone timrom.ttf (fonts-povray)", plain = "/usr/share/fonts/truetype/povray/timrom.ttf"),
  galatia  = list(name = "Galatia SIL (fonts-sil-galatia)", plain = "/usr/share/fonts/truetype/galatia/GalSILR.ttf",
                  bold = "/usr/share/fonts/truetype/galatia/GalSILB.ttf"),
  neohel   = list(name = "GFS Neohellenic (fonts-gfs-neohellenic)", plain = "/usr/share/fonts/opentype/neohellenic/GFSNeohellenic.otf",
                  bold = "/usr/share/fonts/opentype/neohellenic/GFSNeohellenicBold.otf",
                  italic = "/usr/share/fonts/opentype/neohellenic/GFSNeohellenicIt.otf"),
  essays   = list(name = "Essays 1743 (fonts-essays1743)", plain = "/usr/share/fonts/truetype/essays1743/Essays1743.ttf",
                  bold = "/usr/share/fonts/truetype/essays1743/Essays1743-Bold.ttf",
                  italic = "/usr/share/fonts/truetype/essays1743/Essays1743-Italic.ttf"),
  sophia   = list(name = "Sophia Nubian (fonts-sil-sophia-nubian)", plain = "/usr/share/fonts/truetype/sophia-nubian/SNR.ttf",
                  bold = "/usr/share/fonts/truetype/sophia-nubian/SNB.ttf", italic = "/usr/share/fonts/truetype/sophia-nubian/SNI.ttf"),
  roadD    = list(name = "Roadgeek 2014 Series D (fonts-roadgeek)", plain = "/usr/share/fonts/truetype/roadgeek/RG2014D.ttf",
                  bold = "/usr/share/fonts/truetype/roadgeek/RG2014E.ttf"),
  roadC    = list(name = "Roadgeek 2014 Series C (fonts-roadgeek)", plain = "/usr/share/fonts/truetype/roadgeek/RG2014C.ttf",
                  bold = "/usr/share/fonts/truetype/roadgeek/RG2014D.ttf"),
  euro     = list(name = "Eurofurence (fonts-eurofurence)", plain = "/usr/share/fonts/truetype/eurofurence/eurof55.ttf",
                  bold = "/usr/share/fonts/truetype/eurofurence/eurof75.ttf", italic = "/usr/share/fonts/truetype/eurofurence/eurof56.ttf"),
  eurolight = list(name = "Eurofurence Light (fonts-eurofurence)", plain = "/usr/share/fonts/truetype/eurofurence/eurof35.ttf",
                  bold = "/usr/share/fonts/truetype/eurofurence/eurof55.ttf", italic = "/usr/share/fonts/truetype/eurofurence/eurof36.ttf"),
  beteckna = list(name = "Beteckna GS (fonts-beteckna)", plain = "/usr/share/fonts/truetype/beteckna/BetecknaGS.ttf",
                  bold = "/usr/share/fonts/truetype/beteckna/BetecknaGS-Bold.ttf", italic = "/usr/share/fonts/truetype/beteckna/BetecknaGS-Italic.ttf"),
  tahoma   = list(name = "Wine Tahoma (fonts-wine)", plain = "/usr/share/wine/fonts/tahoma.ttf", bold = "/usr/share/wine/fonts/tahomabd.ttf"),
  natpark  = list(name = "National Park (fonts-national-park)", plain = "/usr/share/fonts/opentype/national-park/NationalPark-Regular.otf",
                  bold = "/usr/share/fonts/opentype/national-park/NationalPark-Heavy.otf"),
  ocrb     = list(name = "OCR-B (fonts-ocr-b)", plain = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"),
  compagnon = list(name = "Compagnon typewriter (fonts-compagnon)", plain = "/usr/share/fonts/opentype/compagnon/Compagnon-Roman.otf",
                  bold = "/usr/share/fonts/opentype/compagnon/Compagnon-Bold.otf", italic = "/usr/share/fonts/opentype/compagnon/Compagnon-Italic.otf"),
  compmed  = list(name = "Compagnon Medium (fonts-compagnon)", plain = "/usr/share/fonts/opentype/compagnon/Compagnon-Medium.otf",
                  bold = "/usr/share/fonts/opentype/compagnon/Compagnon-Bold.otf"),
  d2coding = list(name = "D2Coding mono (fonts-naver-d2coding)", plain = list("/usr/share/fonts/truetype/naver-d2coding/D2Coding-Ver1.3.2-20180524-all.ttc", 0L)),
  havana   = list(name = "Havana script (fonts-havana), own per-glyph jitter", plain = "/usr/share/fonts/opentype/havana/Havana-Regular.otf")
)
register_all_fonts <- function() {
  have <- registry_fonts()$family
  for (k in names(FONT_FILES)) {
    f <- FONT_FILES[[k]]; fam <- paste0("ocr19_", k)
    if (fam %in% have) next
    pl <- f$plain; bd <- if (is.null(f$bold)) pl else f$bold; it <- if (is.null(f$italic)) pl else f$italic
    register_font(fam, plain = pl, bold = bd, italic = it, bolditalic = bd)
  }
}
register_all_fonts()
fam <- function(k) paste0("ocr19_", k)

# text width in inches (vectorised)
tw <- function(s, font, size, bold = FALSE, italic = FALSE) {
  string_width(s, family = fam(font), bold = bold, italic = italic, size = size, res = 7200) / 7200
}

PAPER <- list(A4 = c(8.27, 11.69), Letter = c(8.5, 11), A5 = c(5.83, 8.27), DL = c(8.27, 3.9), Fax = c(8.47, 11.69))

new_page <- function(paper = "A4", landscape = FALSE) {
  e <- new.env()
  sz <- PAPER[[paper]]; if (landscape) sz <- rev(sz)
  e$paper <- paper; e$w <- sz[1]; e$h <- sz[2]
  e$ops <- list(content = list(), overlay = list(), logo = list(), reverse = list(), dots = list(), phys = list())
  e$anchor <- list()
  e$gt <- character(0); e$overlay_text <- character(0); e$fonts <- character(0)
  e$y <- 0.8
  e
}
force_all <- function() invisible(as.list(parent.frame()))   # evaluate every lazy argument now
op <- function(pg, layer, f) { pg$ops[[layer]][[length(pg$ops[[layer]]) + 1]] <- f; invisible(NULL) }
gt <- function(pg, s) { s <- gsub("\\s+", " ", trimws(s)); s <- s[nzchar(s)]; pg$gt <- c(pg$gt, s); invisible(NULL) }
use_font <- function(pg, font) pg$fonts <- unique(c(pg$fonts, font))
face_of <- function(bold, italic) if (bold && italic) 4 else if (bold) 2 else if (italic) 3 else 1

# ---------------------------------------------------------------- primitive drawing ops (inches, y from top)
T_ <- function(pg, x, y, s, font, size, bold = FALSE, italic = FALSE, col = "black", hjust = 0,
               layer = "content", rot = 0, add_gt = TRUE, alpha = 1) {
  force_all()
  use_font(pg, font)
  H <- pg$h; ff <- face_of(bold, italic)
  op(pg, layer, function() grid.text(s, x = unit(x, "in"), y = unit(H - y, "in"), hjust = hjust, vjust = 0, rot = rot,
                                     gp = gpar(fontfamily = fam(font), fontface = ff, fontsize = size, col = adjustcolor(col, alpha))))
  if (add_gt) gt(pg, paste(s, collapse = " "))
  if (layer == "content" && length(s) == 1 && nzchar(s)) {
    wd <- tw(s, font, size, bold, italic); pg$tpos <- rbind(pg$tpos, c(x - hjust * wd, y, wd, size))
  }
  invisible(y)
}
R_ <- function(pg, x, y, w, h, lwd = 0.8, col = "black", fill = NA, layer = "content", alpha = 1) {
  force_all()
  H <- pg$h
  op(pg, layer, function() grid.rect(x = unit(x, "in"), y = unit(H - y, "in"), width = unit(w, "in"), height = unit(h, "in"),
                                     just = c(0, 1), gp = gpar(lwd = lwd, col = if (is.na(col)) NA else adjustcolor(col, alpha),
                                                               fill = if (is.na(fill)) NA else adjustcolor(fill, alpha))))
}
L_ <- function(pg, x, y, lwd = 0.8, col = "black", layer = "content", lty = 1, alpha = 1) {
  force_all()
  H <- pg$h
  op(pg, layer, function() grid.lines(x = unit(x, "in"), y = unit(H - y, "in"), gp = gpar(lwd = lwd, col = adjustcolor(col, alpha), lty = lty, lineend = "round", linejoin = "round")))
}
P_ <- function(pg, x, y, fill = "black", col = NA, lwd = 0.5, layer = "content", alpha = 1) {
  force_all()
  H <- pg$h
  op(pg, layer, function() grid.polygon(x = unit(x, "in"), y = unit(H - y, "in"),
                                        gp = gpar(fill = adjustcolor(fill, alpha), col = if (is.na(col)) NA else col, lwd = lwd)))
}
C_ <- function(pg, x, y, r, fill = NA, col = "black", lwd = 0.8, layer = "content", alpha = 1) {
  force_all()
  H <- pg$h
  op(pg, layer, function() grid.circle(x = unit(x, "in"), y = unit(H - y, "in"), r = unit(r, "in"),
                                       gp = gpar(fill = if (is.na(fill)[1]) NA else adjustcolor(fill, alpha), col = if (is.na(col)[1]) NA else adjustcolor(col, alpha), lwd = lwd)))
}
X_ <- function(pg, x, y, shape = 1, lwd = 1, col = "black", layer = "overlay", open = TRUE, alpha = 1) {
  force_all()
  H <- pg$h
  op(pg, layer, function() grid.xspline(x = unit(x, "in"), y = unit(H - y, "in"), shape = shape, open = open,
                                        gp = gpar(lwd = lwd, col = adjustcolor(col, alpha), lineend = "round")))
}
HL <- function(pg, x, y, w, h = 0.17, col = "#f7f03a", alpha = 0.42) {   # highlighter band over a line (y = baseline)
  R_(pg, x - 0.02, y - h + 0.05, w + 0.04, h, lwd = 0, col = NA, fill = col, layer = "overlay", alpha = alpha)
}

# ---------------------------------------------------------------- layout helpers (append ground truth)
wrap_words <- function(s, width, font, size, bold = FALSE) {
  words <- strsplit(gsub("\\s+", " ", trimws(s)), " ")[[1]]
  if (!length(words)) return(character(0))
  ww <- tw(words, font, size, bold); sp <- tw(" ", font, size, bold)
  lines <- character(0); cur <- character(0); curw <- 0
  for (i in seq_along(words)) {
    add <- if (length(cur)) sp + ww[i] else ww[i]
    if (length(cur) && curw + add > width) { lines <- c(lines, paste(cur, collapse = " ")); cur <- words[i]; curw <- ww[i] }
    else { cur <- c(cur, words[i]); curw <- curw + add }
  }
  c(lines, paste(cur, collapse = " "))
}
# paragraph at pg$y; returns new y. justify spreads words over the measure (ground truth keeps single spaces)
para <- function(pg, x, s, width, font, size, lead = 1.3, bold = FALSE, italic = FALSE, col = "black",
                 justify = FALSE, after = 0.6, layer = "content") {
  lines <- wrap_words(s, width, font, size, bold)
  lh <- size / 72 * lead
  for (k in seq_along(lines)) {
    pg$y <- pg$y + lh
    if (justify && k < length(lines)) {
      wds <- strsplit(lines[k], " ")[[1]]
      if (length(wds) > 1) {
        wsz <- tw(wds, font, size, bold, italic); gap <- (width - sum(wsz)) / (length(wds) - 1)
        xs <- x + c(0, cumsum(wsz + gap)[-length(wds)])
        use_font(pg, font); H <- pg$h; yy <- pg$y; ff <- face_of(bold, italic)
        op(pg, layer, function() grid.text(wds, x = unit(xs, "in"), y = unit(H - yy, "in"), hjust = 0, vjust = 0,
                                           gp = gpar(fontfamily = fam(font), fontface = ff, fontsize = size, col = col)))
        gt(pg, lines[k]); next
      }
    }
    T_(pg, x, pg$y, lines[k], font, size, bold, italic, col, layer = layer)
  }
  pg$y <- pg$y + lh * after
  invisible(pg$y)
}
# several single lines
lines_at <- function(pg, x, lines, font, size, lead = 1.25, bold = FALSE, italic = FALSE, col = "black", hjust = 0) {
  lh <- size / 72 * lead
  for (s in lines) { pg$y <- pg$y + lh; if (nzchar(s)) T_(pg, x, pg$y, s, font, size, bold, italic, col, hjust) }
  invisible(pg$y)
}
# one visual row of cells at baseline y: ground truth = non-empty cells joined by single spaces
row_cells <- function(pg, y, xs, cells, font, size, bold = FALSE, hjust = 0, col = "black", italic = FALSE) {
  bold <- rep_len(bold, length(cells)); hjust <- rep_len(hjust, length(cells))
  for (i in seq_along(cells)) if (nzchar(cells[i])) T_(pg, xs[i], y, cells[i], font, size, bold[i], italic, col, hjust[i], add_gt = FALSE)
  gt(pg, paste(cells[nzchar(cells)], collapse = " "))
}
hrule <- function(pg, x0, x1, y, lwd = 0.6, col = "black") L_(pg, c(x0, x1), c(y, y), lwd = lwd, col = col)
tickbox <- function(pg, x, y, s = 0.13, ticked = FALSE, cross = FALSE, lwd = 0.7, tick_layer = "content") {
  R_(pg, x, y - s, s, s, lwd = lwd)                          # y = baseline of the row
  if (ticked) {
    if (cross) { L_(pg, c(x + 0.02, x + s - 0.02), c(y - s + 0.02, y - 0.02), lwd = 1.6, layer = tick_layer)
                 L_(pg, c(x + 0.02, x + s - 0.02), c(y - 0.02, y - s + 0.02), lwd = 1.6, layer = tick_layer) }
    else L_(pg, x + c(0.02, 0.055, s + 0.03), y - s + c(0.07, 0.115, -0.04), lwd = 1.7, layer = tick_layer)
  }
}

# ---------------------------------------------------------------- logos (no letters: not text)
logo <- function(pg, kind, x, y, s, col = "#1d5aa6", layer = "logo") {
  H <- pg$h
  if (kind == "tree") {
    C_(pg, x + s / 2, y + s * 0.42, s * 0.36, fill = col, col = NA, layer = layer)
    R_(pg, x + s * 0.45, y + s * 0.6, s * 0.1, s * 0.35, lwd = 0, col = NA, fill = col, layer = layer)
    C_(pg, x + s / 2, y + s * 0.42, s * 0.2, fill = "white", col = NA, layer = layer, alpha = 0.55)
  } else if (kind == "waves") {
    R_(pg, x, y, s * 1.5, s, lwd = 0, col = NA, fill = col, layer = layer)
    for (k in 1:3) {
      xx <- seq(x + 0.05 * s, x + 1.45 * s, length.out = 30)
      yy <- y + s * (0.2 + 0.25 * k) + 0.06 * s * sin((xx - x) / s * 2 * pi * 1.5)
      L_(pg, xx, yy, lwd = 2.2 * s / 0.5, col = "white", layer = layer)
    }
  } else if (kind == "cross") {
    C_(pg, x + s / 2, y + s / 2, s / 2, fill = col, col = NA, layer = layer)
    R_(pg, x + s * 0.4, y + s * 0.15, s * 0.2, s * 0.7, lwd = 0, col = NA, fill = "white", layer = layer)
    R_(pg, x + s * 0.15, y + s * 0.4, s * 0.7, s * 0.2, lwd = 0, col = NA, fill = "white", layer = layer)
  } else if (kind == "heart") {
    t <- seq(0, 2 * pi, length.out = 80)
    hx <- 16 * sin(t)^3; hy <- 13 * cos(t) - 5 * cos(2 * t) - 2 * cos(3 * t) - cos(4 * t)
    P_(pg, x + s / 2 + hx / 34 * s, y + s / 2 - hy / 34 * s, fill = col, layer = layer)
    L_(pg, x + s * c(0.15, 0.35, 0.45, 0.55, 0.65, 0.85), y + s * c(0.5, 0.5, 0.3, 0.7, 0.5, 0.5), lwd = 1.6, col = "white", layer = layer)
  } else if (kind == "lozenge") {                      # plain band + bars, no lettering
    R_(pg, x, y, s * 1.6, s * 0.62, lwd = 0, col = NA, fill = col, layer = layer)
    for (k in 0:3) P_(pg, x + s * (0.2 + k * 0.33) + c(0, 0.18, 0.1, -0.08) * s, y + s * c(0.12, 0.12, 0.5, 0.5), fill = "white", layer = layer)
  }
}
# shaded band (printed grey tint; goes to the logo layer so it is halftoned)
band <- function(pg, x, y, w, h, grey = 0.8, col = NULL) {
  R_(pg, x, y, w, h, lwd = 0, col = NA, fill = if (is.null(col)) grey(grey) else col, layer = "logo")
}

# ---------------------------------------------------------------- jittered glyph runs (typewriter, handwriting)
glyph_run <- function(pg, x, y, s, font, size, layer, col = "black", jit_x = 0, jit_y = 0, jit_rot = 0,
                      jit_size = 0, alpha_rng = c(1, 1), slant_rot = 0, mono = FALSE, drift = 0, double_strike = 0,
                      add_gt = TRUE, spacing = 1) {
  force_all()
  use_font(pg, font)
  ch <- strsplit(s, "")[[1]]; n <- length(ch)
  if (!n) return(invisible(x))
  sz <- size * (1 + jit_size * (runif(n) - 0.5) * 2)
  if (mono) adv <- rep(tw("M", font, size), n) else adv <- tw(ch, font, sz) * spacing * ifelse(ch == " ", 2.2, 1)
  xs <- x + c(0, cumsum(adv)[-n]) + rnorm(n, 0, jit_x)
  ys <- y + rnorm(n, 0, jit_y) + cumsum(rnorm(n, 0, drift))
  rot <- slant_rot + rnorm(n, 0, jit_rot)
  al <- runif(n, alpha_rng[1], alpha_rng[2])
  cols <- vapply(al, function(a) adjustcolor(col, a), "")
  keep <- ch != " "
  H <- pg$h
  xs <- xs[keep]; ys <- ys[keep]; rot <- rot[keep]; cols <- cols[keep]; labs <- ch[keep]; szk <- sz[keep]
  ds <- runif(length(labs)) < double_strike
  op(pg, layer, function() {
    grid.text(labs, x = unit(xs, "in"), y = unit(H - ys, "in"), rot = rot, hjust = 0, vjust = 0,
              gp = gpar(fontfamily = fam(font), fontsize = szk, col = cols))
    if (any(ds)) grid.text(labs[ds], x = unit(xs[ds] + 0.004, "in"), y = unit(H - ys[ds] + 0.002, "in"), rot = rot[ds], hjust = 0, vjust = 0,
                           gp = gpar(fontfamily = fam(font), fontsize = szk[ds], col = cols[ds]))
  })
  if (add_gt) gt(pg, s)
  invisible(x + sum(adv))
}

# ---------------------------------------------------------------- overlays (NOT in ground truth)
overlay_note <- function(pg, text, kind = "handwritten_annotation") { pg$overlay_text <- c(pg$overlay_text, text); pg$ov_kinds <- unique(c(pg$ov_kinds, kind)) }

hand <- function(pg, x, y, s, size = 15, col = "#1b2f8f", style = c("script", "caps"), slant = 0, note = TRUE) {
  style <- match.arg(style)
  if (style == "script") glyph_run(pg, x, y, s, "havana", size, "overlay", col, jit_x = 0.006, jit_y = 0.012, jit_rot = 4,
                                   jit_size = 0.08, alpha_rng = c(0.8, 1), slant_rot = slant, drift = 0.004, add_gt = FALSE)
  else glyph_run(pg, x, y, toupper(s), "euro", size, "overlay", col, jit_x = 0.01, jit_y = 0.015, jit_rot = 6,
                 jit_size = 0.12, alpha_rng = c(0.8, 1), slant_rot = slant, drift = 0.005, add_gt = FALSE, spacing = 1.08)
  if (note) overlay_note(pg, s)
}
signature <- function(pg, x, y, w = 1.4, h = 0.35, col = "#10164a") {
  n <- 9
  xs <- x + sort(runif(n)) * w
  ys <- y - h / 2 + rnorm(n, 0, h / 3)
  X_(pg, xs, ys, shape = 0.8, lwd = 1.4, col = col)
  X_(pg, x + c(0.1, 0.4, 0.8, 1.1) * w, y + c(0.1, 0.05, 0.12, 0.02) * h, shape = 1, lwd = 1.1, col = col)
  overlay_note(pg, "[signature]", "signature")
}
stamp <- function(pg, x, y, lines, col = "#b3161b", angle = 0, shape = c("rect", "oval", "double"), size = 11,
                  font = "roadD", w = NULL) {
  force_all()
  shape <- match.arg(shape)
  H <- pg$h
  lh <- size / 72 * 1.35
  if (is.null(w)) w <- max(tw(lines, font, size, TRUE)) + 0.3
  h <- lh * length(lines) + 0.18
  op(pg, "overlay", function() {
    pushViewport(viewport(x = unit(x + w / 2, "in"), y = unit(H - y - h / 2, "in"), width = unit(w, "in"), height = unit(h, "in"), angle = angle))
    gp <- gpar(col = col, fill = NA, lwd = 2.2)
    if (shape == "oval") grid.roundrect(r = unit(0.45, "snpc"), gp = gp) else grid.rect(gp = gp)
    if (shape == "double") grid.rect(width = unit(w - 0.08, "in"), height = unit(h - 0.08, "in"), gp = gpar(col = col, fill = NA, lwd = 1))
    grid.text(lines, x = 0.5, y = unit(h - 0.09 - lh * (seq_along(lines) - 0.5), "in"), vjust = 0.5,
              gp = gpar(fontfamily = fam(font), fontface = 2, fontsize = size, col = col))
    popViewport()
  })
  use_font(pg, font)
  overlay_note(pg, lines, "rubber_stamp")
}
circle_mark <- function(pg, x, y, w, h, col = "#1b2f8f") {
  t <- seq(0.2, 2 * pi + 0.6, length.out = 14)
  X_(pg, x + w / 2 + cos(t) * w / 2 * (1 + rnorm(14, 0, 0.04)), y - h / 3 + sin(t) * h * (1 + rnorm(14, 0, 0.04)), shape = 1, lwd = 1.2, col = col)
}
underline_mark <- function(pg, x, y, w, col = "#1b2f8f") {
  X_(pg, x + c(0, 0.3, 0.7, 1) * w, y + 0.05 + rnorm(4, 0, 0.012), shape = 0.6, lwd = 1.3, col = col)
}
tick_mark <- function(pg, x, y, s = 0.2, col = "#1b2f8f") X_(pg, x + c(0, 0.3, 1) * s, y + c(-0.45, 0, -1.1) * s, shape = 0, lwd = 1.5, col = col)
arrow_mark <- function(pg, x0, y0, x1, y1, col = "#1b2f8f") {
  X_(pg, c(x0, (x0 + x1) / 2 + 0.1, x1), c(y0, (y0 + y1) / 2 - 0.1, y1), shape = 0.7, lwd = 1.2, col = col)
  a <- atan2(y1 - y0, x1 - x0)
  L_(pg, c(x1 - 0.12 * cos(a - 0.5), x1, x1 - 0.12 * cos(a + 0.5)), c(y1 - 0.12 * sin(a - 0.5), y1, y1 - 0.12 * sin(a + 0.5)), lwd = 1.2, col = col, layer = "overlay")
}

# ---------------------------------------------------------------- rasterise one layer with ragg
# returns list(r,g,b) of matrices in [0,1] (or a single grey matrix when grey = TRUE), NULL if empty.
render_layer <- function(pg, layer, dpi_x, grey = FALSE) {
  ops <- pg$ops[[layer]]
  if (!length(ops)) return(NULL)
  wpx <- round(pg$w * dpi_x); hpx <- round(pg$h * dpi_x)
  cap <- agg_capture(width = wpx, height = hpx, units = "px", res = dpi_x, background = "white")
  on.exit(if (dev.cur() > 1) invisible(dev.off()), add = TRUE)
  grid.newpage()
  for (f in ops) f()
  m <- cap(native = TRUE)
  invisible(dev.off())
  v <- as.integer(m)                                       # row-major
  toM <- function(x) matrix(x, nrow = hpx, ncol = wpx, byrow = TRUE) / 255
  r <- bitwAnd(v, 255L); g <- bitwAnd(bitwShiftR(v, 8L), 255L); b <- bitwAnd(bitwShiftR(v, 16L), 255L)
  if (grey) return(toM(0.299 * r + 0.587 * g + 0.114 * b))
  list(toM(r), toM(g), toM(b))
}
