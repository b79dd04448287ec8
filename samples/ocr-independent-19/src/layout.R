# layout.R -- block flow engine (own pagination) and shared letter components.

# Blocks are lists with a type; flow() lays them out from pg$y, starting new pages through new_page_fn.
blk_head <- function(s, size = 11, bold = TRUE, font = NULL, rule = FALSE, band = FALSE, gap = 0.5)
  list(type = "head", s = s, size = size, bold = bold, font = font, rule = rule, band = band, gap = gap)
blk_para <- function(s, size = NULL, font = NULL, justify = FALSE, indent = 0, bold = FALSE, optional = FALSE, after = 0.55)
  list(type = "para", s = s, size = size, font = font, justify = justify, indent = indent, bold = bold, optional = optional, after = after)
blk_lines <- function(v, size = NULL, font = NULL, bold = FALSE, indent = 0, hjust = 0, after = 0.4)
  list(type = "lines", v = v, size = size, font = font, bold = bold, indent = indent, hjust = hjust, after = after)
blk_kv <- function(pairs, ncol = 1, label_w = 1.5, size = NULL, font = NULL, bold_label = TRUE, colon = TRUE, after = 0.4,
                   box = FALSE, anchors = NULL)
  list(type = "kv", pairs = pairs, ncol = ncol, label_w = label_w, size = size, font = font, bold_label = bold_label,
       colon = colon, after = after, box = box, anchors = anchors)
blk_table <- function(header, rows, widths, size = NULL, font = NULL, grid = TRUE, after = 0.5, hjust = NULL, header_band = FALSE)
  list(type = "table", header = header, rows = rows, widths = widths, size = size, font = font, grid = grid, after = after,
       hjust = hjust, header_band = header_band)
blk_space <- function(h) list(type = "space", h = h)
blk_break <- function() list(type = "break")
blk_custom <- function(f, h) list(type = "custom", f = f, h = h)
blk_ticks <- function(items, ticked, size = NULL, font = NULL, cols = 1, after = 0.4)
  list(type = "ticks", items = items, ticked = ticked, size = size, font = font, cols = cols, after = after)

flow <- function(D, blocks, first_pg, new_page_fn, ...) {
  keep <- c("ops", "gt", "y", "anchor", "fonts", "overlay_text", "ov_kinds")
  snap <- mget(intersect(keep, ls(first_pg)), envir = first_pg)
  pages <- .flow_once(D, blocks, first_pg, new_page_fn, ...)
  types <- vapply(blocks, function(b) b$type, "")
  if (length(pages) < D$npages && !any(types == "break")) {
    # the plan asks for more pages than the text fills: break before headings near the page quantiles
    for (k in keep) if (k %in% names(snap)) assign(k, snap[[k]], envir = first_pg) else if (exists(k, envir = first_pg, inherits = FALSE)) rm(list = k, envir = first_pg)
    n <- D$npages; cand <- which(types %in% c("head", "para", "table", "kv"))
    heads <- which(types == "head"); if (length(heads) >= n - 1) cand <- heads
    st <- attr(pages, "starts"); y0 <- st[1]; y1 <- attr(pages, "end")
    pos <- unique(vapply(seq_len(n - 1), function(k) cand[which.min(abs(st[cand] - (y0 + (y1 - y0) * k / n)))], 0))
    for (p in sort(pos, decreasing = TRUE)) blocks <- append(blocks, list(blk_break()), after = p - 1)
    pages <- .flow_once(D, blocks, first_pg, new_page_fn, ...)
  }
  pages
}
.flow_once <- function(D, blocks, first_pg, new_page_fn, x0 = 0.9, width = 6.45, font = "timrom", size = 10.5,
                 lead = 1.3, bottom = 1.0) {
  pages <- list(first_pg); pg <- first_pg
  newp <- function() { pg <<- new_page_fn(length(pages) + 1); pages[[length(pages) + 1]] <<- pg }
  lh_of <- function(sz) sz / 72 * lead
  starts <- numeric(length(blocks)); bi <- 0
  for (b in blocks) {
    bi <- bi + 1; starts[bi] <- (length(pages) - 1) * 100 + pg$y
    f <- if (is.null(b$font)) font else b$font
    sz <- if (is.null(b$size)) size else b$size
    lh <- lh_of(sz)
    need <- switch(b$type,
      head = lh * 1.6, para = lh * (length(wrap_words(b$s, width - b$indent, f, sz, b$bold)) + b$after),
      lines = lh * (length(b$v) + b$after), kv = lh * (ceiling(length(b$pairs) / b$ncol) + b$after) + 0.1,
      table = lh * 1.25 * (length(b$rows) + 1 + b$after), space = b$h, break_ = 0, custom = b$h,
      ticks = lh * 1.15 * (ceiling(length(b$items) / b$cols) + b$after), 0)
    if (b$type == "break") { newp(); next }
    if (pg$y + need > pg$h - bottom) {
      if (isTRUE(b$optional)) next
      newp()
    }
    switch(b$type,
      head = {
        pg$y <- pg$y + lh * b$gap
        if (b$band) band(pg, x0 - 0.05, pg$y + 0.02, width + 0.1, lh * 1.15, grey = 0.82)
        pg$y <- pg$y + lh
        T_(pg, x0, pg$y, b$s, f, sz, bold = b$bold)
        if (b$rule) hrule(pg, x0, x0 + width, pg$y + 0.06, lwd = 0.7)
        pg$y <- pg$y + lh * 0.3
      },
      para = { para(pg, x0 + b$indent, b$s, width - b$indent, f, sz, lead, bold = b$bold, justify = b$justify, after = b$after) },
      lines = { lines_at(pg, x0 + b$indent + (if (b$hjust == 1) width - b$indent else 0), b$v, f, sz, lead, bold = b$bold, hjust = b$hjust)
                pg$y <- pg$y + lh * b$after },
      kv = {
        nrow <- ceiling(length(b$pairs) / b$ncol); colw <- width / b$ncol
        ytop <- pg$y
        for (r in seq_len(nrow)) {
          pg$y <- pg$y + lh
          cells <- character(0); xs <- numeric(0); bolds <- logical(0)
          for (cc in seq_len(b$ncol)) {
            k <- (r - 1) * b$ncol + cc; if (k > length(b$pairs)) break
            pr <- b$pairs[[k]]
            lab <- if (b$colon && nzchar(pr[1])) paste0(pr[1], ":") else pr[1]
            xl <- x0 + (cc - 1) * colw
            cells <- c(cells, lab, pr[2]); xs <- c(xs, xl, xl + b$label_w); bolds <- c(bolds, b$bold_label, FALSE)
            if (!is.null(b$anchors) && !is.na(b$anchors[k])) pg$anchor[[b$anchors[k]]] <- c(xl + b$label_w, pg$y, tw(pr[2], f, sz))
          }
          row_cells(pg, pg$y, xs, cells, f, sz, bold = bolds)
        }
        if (b$box) { R_(pg, x0 - 0.08, ytop - 0.02, width + 0.16, pg$y - ytop + 0.12, lwd = 0.8); pg$y <- pg$y + 0.1 }
        pg$y <- pg$y + lh * b$after
      },
      table = {
        xs <- x0 + c(0, cumsum(b$widths)[-length(b$widths)])
        hj <- if (is.null(b$hjust)) rep(0, length(b$widths)) else b$hjust
        xt <- ifelse(hj == 1, xs + b$widths - 0.06, xs + 0.05)
        rh <- lh * 1.25; ytop <- pg$y
        if (!is.null(b$header)) {
          if (b$header_band) band(pg, x0, pg$y, sum(b$widths), rh, grey = 0.8)
          pg$y <- pg$y + rh
          row_cells(pg, pg$y - rh * 0.28, xt, b$header, f, sz, bold = TRUE, hjust = hj)
        }
        for (rw in b$rows) { pg$y <- pg$y + rh; row_cells(pg, pg$y - rh * 0.28, xt, rw, f, sz, hjust = hj) }
        if (b$grid) {
          ys <- ytop + rh * (0:(length(b$rows) + !is.null(b$header)))
          for (yy in ys) hrule(pg, x0, x0 + sum(b$widths), yy, lwd = 0.5)
          for (xx in c(xs, x0 + sum(b$widths))) L_(pg, c(xx, xx), c(ytop, max(ys)), lwd = 0.5)
        } else if (!is.null(b$header)) hrule(pg, x0, x0 + sum(b$widths), ytop + rh + 0.02, lwd = 0.6)
        pg$y <- pg$y + lh * b$after
      },
      ticks = {
        colw <- width / b$cols; nrow <- ceiling(length(b$items) / b$cols)
        for (r in seq_len(nrow)) {
          pg$y <- pg$y + lh * 1.15
          for (cc in seq_len(b$cols)) {
            k <- (r - 1) * b$cols + cc; if (k > length(b$items)) break
            xl <- x0 + (cc - 1) * colw
            tickbox(pg, xl, pg$y, s = sz / 72 * 0.95, ticked = b$ticked[k], cross = isTRUE(D$cross_ticks))
            T_(pg, xl + 0.25, pg$y, b$items[k], f, sz, add_gt = FALSE)
          }
          its <- b$items[((r - 1) * b$cols + 1):min(length(b$items), r * b$cols)]
          gt(pg, paste(its, collapse = " "))
        }
        pg$y <- pg$y + lh * b$after
      },
      space = { pg$y <- pg$y + b$h },
      custom = { b$f(pg) })
  }
  attr(pages, "starts") <- starts; attr(pages, "end") <- (length(pages) - 1) * 100 + pg$y
  pages
}

# ---------------------------------------------------------------- shared components
rec <- function(D, what, s) { if (is.null(D$meta[[what]])) D$meta[[what]] <- s; s }
distract <- function(D, type, value) { D$meta$distractors[[length(D$meta$distractors) + 1]] <- list(type = type, value = value); value }
nhs_p <- function(D, style = "spaced") rec(D, "nhs_as_printed", fmt_nhs(D$p$nhs, style))
dob_p <- function(D, style = "dmy_slash") rec(D, "dob_as_printed", fmt_date(D$p$dob, style))

practice_head <- function(pg, D, style = 1, font = "galatia", x0 = 0.9, width = 6.45) {
  pr <- D$pr; pg$y <- 0.55
  if (style == 1) {
    pg$y <- pg$y + 0.3; T_(pg, pg$w / 2, pg$y, pr$name, font, 17, bold = TRUE, hjust = 0.5)
    pg$y <- pg$y + 0.22; T_(pg, pg$w / 2, pg$y, paste(pr$addr, collapse = ", "), font, 9.5, hjust = 0.5)
    pg$y <- pg$y + 0.17; T_(pg, pg$w / 2, pg$y, paste0("Tel: ", distract(D, "practice_phone", pr$tel), "   Fax: ", distract(D, "practice_fax", pr$fax)), font, 9.5, hjust = 0.5)
    hrule(pg, x0, x0 + width, pg$y + 0.12, lwd = 1.2); pg$y <- pg$y + 0.25
  } else if (style == 2) {
    logo(pg, D$logo_kind, x0, 0.55, 0.55, col = D$logo_col)
    y <- 0.55 + 0.22; T_(pg, x0 + 0.95, y, pr$name, font, 15, bold = TRUE)
    y0 <- y
    for (a in pr$addr) { y <- y + 0.17; T_(pg, x0 + 0.95, y, a, font, 9.5) }
    y2 <- y0
    for (s in c(paste("Telephone:", distract(D, "practice_phone", pr$tel)), paste("Fax:", pr$fax), paste("Practice code:", distract(D, "practice_code", pr$code)))) {
      T_(pg, x0 + width, y2, s, font, 9, hjust = 1); y2 <- y2 + 0.16 }
    pg$y <- max(y, y2) + 0.25
  } else {
    y <- 0.85; T_(pg, x0, y, toupper(pr$name), font, 14, bold = TRUE)
    y <- y + 0.2; T_(pg, x0, y, paste(pr$addr, collapse = " . "), font, 9)
    y <- y + 0.16; T_(pg, x0, y, paste0("Tel ", distract(D, "practice_phone", pr$tel), " | Email ", pr$email), font, 9)
    yy <- 0.72
    T_(pg, x0 + width, yy, "Partners", font, 8, bold = TRUE, hjust = 1)
    for (g in pr$gps) { yy <- yy + 0.14; T_(pg, x0 + width, yy, g, font, 8, hjust = 1) }
    hrule(pg, x0, x0 + width, max(y, yy) + 0.1, lwd = 0.5); pg$y <- max(y, yy) + 0.25
  }
}
trust_head <- function(pg, D, font = "sophia", x0 = 0.9, width = 6.45, dept = NULL, style = 1) {
  tr <- D$tr; if (is.null(dept)) dept <- D$case$spec
  if (style == 1) {
    logo(pg, D$logo_kind, x0 + width - 0.85, 0.45, 0.55, col = D$logo_col)
    y <- 0.6; T_(pg, x0, y, tr$name, font, 13, bold = TRUE)
    y <- y + 0.2; T_(pg, x0, y, tr$hosp, font, 10.5)
    y <- y + 0.18; T_(pg, x0, y, paste("Department of", dept), font, 10)
    y <- y + 0.17; T_(pg, x0, y, paste(tr$addr, collapse = ", "), font, 9)
    y <- y + 0.16; T_(pg, x0, y, paste0("Switchboard: ", distract(D, "hospital_phone", tr$tel)), font, 9)
    pg$y <- y + 0.3
  } else {
    band(pg, 0, 0.35, pg$w, 0.75, col = D$band_col)
    logo(pg, D$logo_kind, x0, 0.45, 0.5, col = "#ffffff")
    y <- 0.7; T_(pg, x0 + 0.95, y, tr$hosp, font, 14, bold = TRUE)
    y <- y + 0.22; T_(pg, x0 + 0.95, y, tr$name, font, 9.5)
    y <- 1.35; T_(pg, x0, y, paste(dept, "-", paste(tr$addr, collapse = ", ")), font, 9)
    y <- y + 0.16; T_(pg, x0, y, paste0("Tel ", distract(D, "hospital_phone", tr$tel), "  Fax ", tr$fax), font, 9)
    pg$y <- y + 0.25
  }
}
address_block <- function(pg, x, lines, font, size = 10.5, lead = 1.25) {
  for (s in lines) { pg$y <- pg$y + size / 72 * lead; T_(pg, x, pg$y, s, font, size) }
}
footer <- function(pg, s, font = "sophia", size = 7.5, hjust = 0.5, y = NULL) {
  yy <- if (is.null(y)) pg$h - 0.45 else y
  x <- if (hjust == 0.5) pg$w / 2 else if (hjust == 0) 0.9 else pg$w - 0.85
  T_(pg, x, yy, s, font, size, hjust = hjust)
}
sign_off <- function(pg, D, x, font, size, name, role, sig = TRUE, extra = NULL) {
  lh <- size / 72 * 1.3
  pg$y <- pg$y + lh; T_(pg, x, pg$y, pick(c("Yours sincerely", "Yours sincerely,", "Kind regards", "With best wishes")), font, size)
  if (sig) signature(pg, x + 0.1, pg$y + 0.35, w = 1.3, col = pick(c("#10164a", "#1b2f8f", "#111111")))
  pg$y <- pg$y + 0.6
  pg$y <- pg$y + lh; T_(pg, x, pg$y, name, font, size, bold = TRUE)
  pg$y <- pg$y + lh; T_(pg, x, pg$y, role, font, size)
  for (e in extra) { pg$y <- pg$y + lh; T_(pg, x, pg$y, e, font, size) }
}
