# raster.R -- all raster arithmetic as vectorised R matrix code (no imaging packages).
# Images are matrices in [0,1] (1 = white); colour images are lists of three such matrices.

clamp01 <- function(x) { x[x < 0] <- 0; x[x > 1] <- 1; x }

# ---------------------------------------------------------------- blurs
box_v <- function(m, r) {
  r <- as.integer(round(r)); if (r < 1) return(m)
  h <- nrow(m)
  p <- rbind(m[rep(1, r + 1), , drop = FALSE], m, m[rep(h, r), , drop = FALSE])
  cs <- .colcumsum(p)
  (cs[(2 * r + 2):(h + 2 * r + 1), , drop = FALSE] - cs[1:h, , drop = FALSE]) / (2 * r + 1)
}
box_h <- function(m, r) { if (round(r) < 1) return(m); t(box_v(t(m), r)) }
gauss_blur <- function(m, sigma) {
  if (sigma <= 0) return(m)
  if (sigma < 1.2) return(shift_conv(m, gauss_kernel(sigma)))
  w <- sqrt(4 * sigma^2 + 1); r <- max(1, round((w - 1) / 2))
  for (k in 1:3) m <- box_h(box_v(m, r), r)
  m
}
gauss_kernel <- function(sigma) { r <- max(1, ceiling(3 * sigma)); k <- exp(-(-r:r)^2 / (2 * sigma^2)); k / sum(k) }
# separable convolution with a short kernel as shifted sums (columns, then rows)
shift_conv <- function(m, k) {
  r <- (length(k) - 1) / 2; h <- nrow(m); w <- ncol(m)
  p <- rbind(m[rep(1, r), , drop = FALSE], m, m[rep(h, r), , drop = FALSE])
  out <- 0; for (i in seq_along(k)) out <- out + k[i] * p[i:(i + h - 1), , drop = FALSE]
  p <- cbind(out[, rep(1, r), drop = FALSE], out, out[, rep(w, r), drop = FALSE])
  out <- 0; for (i in seq_along(k)) out <- out + k[i] * p[, i:(i + w - 1), drop = FALSE]
  out
}
# separable convolution with a short kernel through stats::filter (columns, then rows); used on small arrays
conv_sep <- function(m, kv, kh = kv) {
  f1 <- function(x, k) {
    r <- (length(k) - 1) / 2; h <- nrow(x)
    p <- rbind(x[rep(1, r), , drop = FALSE], x, x[rep(h, r), , drop = FALSE])
    y <- stats::filter(p, rev(k), sides = 2)
    matrix(y, nrow = nrow(p))[(r + 1):(r + h), , drop = FALSE]
  }
  t(f1(t(f1(m, kv)), kh))
}
# large Gaussian blur in the frequency domain (own transfer function, base fft())
fft_blur <- function(m, sigma) {
  h <- nrow(m); w <- ncol(m); pad <- ceiling(3 * sigma)
  H2 <- nextn(h + 2 * pad); W2 <- nextn(w + 2 * pad)
  p <- matrix(mean(m), H2, W2); p[pad + (1:h), pad + (1:w)] <- m
  fy <- c(0:floor(H2 / 2), -(ceiling(H2 / 2) - 1):-1) / H2
  fx <- c(0:floor(W2 / 2), -(ceiling(W2 / 2) - 1):-1) / W2
  tf <- outer(exp(-2 * pi^2 * sigma^2 * fy^2), exp(-2 * pi^2 * sigma^2 * fx^2))
  out <- Re(fft(fft(p) * tf, inverse = TRUE)) / (H2 * W2)
  out[pad + (1:h), pad + (1:w)]
}

# ---------------------------------------------------------------- resampling (own)
.src_coords <- function(n_out, n_in) (seq_len(n_out) - 0.5) * n_in / n_out + 0.5
resize_bilinear <- function(m, nh, nw) {
  h <- nrow(m); w <- ncol(m)
  ys <- pmin(pmax(.src_coords(nh, h), 1), h); xs <- pmin(pmax(.src_coords(nw, w), 1), w)
  y0 <- floor(ys); y1 <- pmin(y0 + 1, h); fy <- ys - y0
  x0 <- floor(xs); x1 <- pmin(x0 + 1, w); fx <- xs - x0
  A <- m[y0, , drop = FALSE] * (1 - fy) + m[y1, , drop = FALSE] * fy
  A[, x0, drop = FALSE] * rep(1 - fx, each = nh) + A[, x1, drop = FALSE] * rep(fx, each = nh)
}
resize_nearest <- function(m, nh, nw) {
  h <- nrow(m); w <- ncol(m)
  m[pmin(h, pmax(1, round(.src_coords(nh, h)))), pmin(w, pmax(1, round(.src_coords(nw, w)))), drop = FALSE]
}
.cubic_w <- function(t) {   # Catmull-Rom weights for offsets -1,0,1,2
  list(((-t + 2) * t - 1) * t / 2, ((3 * t - 5) * t * t + 2) / 2, ((-3 * t + 4) * t + 1) * t / 2, (t - 1) * t * t / 2)
}
resize_bicubic <- function(m, nh, nw) {
  h <- nrow(m); w <- ncol(m)
  ys <- .src_coords(nh, h); y0 <- floor(ys); ty <- ys - y0; wy <- .cubic_w(ty)
  A <- 0; for (k in 1:4) A <- A + m[pmin(h, pmax(1, y0 + k - 2)), , drop = FALSE] * wy[[k]]
  xs <- .src_coords(nw, w); x0 <- floor(xs); tx <- xs - x0; wx <- .cubic_w(tx)
  B <- 0; for (k in 1:4) B <- B + A[, pmin(w, pmax(1, x0 + k - 2)), drop = FALSE] * rep(wx[[k]], each = nh)
  B
}
# general affine warp about the page centre: rotation (deg, clockwise on the page), scale, shift (px).
# chans: list of matrices sharing geometry; fill: value per channel outside the source.
warp_affine <- function(chans, angle_deg, scale = 1, dx = 0, dy = 0, fill = 1, method = "bilinear") {
  m1 <- chans[[1]]; h <- nrow(m1); w <- ncol(m1)
  th <- angle_deg * pi / 180
  cx <- (w + 1) / 2; cy <- (h + 1) / 2
  X <- rep(seq_len(w), each = h) - cx - dx; Y <- rep(seq_len(h), times = w) - cy - dy
  # inverse map: source = R(-th) * out / scale
  sx <- (cos(th) * X + sin(th) * Y) / scale + cx
  sy <- (-sin(th) * X + cos(th) * Y) / scale + cy
  fill <- rep_len(fill, length(chans))
  sx <- pmin(pmax(sx, -1), w + 1); sy <- pmin(pmax(sy, -1), h + 1)
  x0 <- floor(sx); y0 <- floor(sy); fx <- sx - x0; fy <- sy - y0
  H2 <- h + 6
  base <- (y0 + 3) + (x0 + 2) * H2            # index into the padded matrix (3-pixel border)
  rm(sx, sy, X, Y)
  pad <- function(m, f) { P <- matrix(f, H2, w + 6); P[4:(h + 3), 4:(w + 3)] <- m; P }
  out <- vector("list", length(chans))
  if (method == "bilinear") {
    for (c in seq_along(chans)) {
      P <- pad(chans[[c]], fill[c])
      top <- P[base] * (1 - fx) + P[base + H2] * fx
      bot <- P[base + 1] * (1 - fx) + P[base + 1 + H2] * fx
      out[[c]] <- matrix(top * (1 - fy) + bot * fy, h, w)
    }
  } else {
    wxs <- .cubic_w(fx); wys <- .cubic_w(fy)
    for (c in seq_along(chans)) {
      P <- pad(chans[[c]], fill[c]); acc <- 0
      for (a in 1:4) {
        row <- 0
        for (b in 1:4) row <- row + P[base + (a - 2) + (b - 2) * H2] * wxs[[b]]
        acc <- acc + row * wys[[a]]
      }
      out[[c]] <- matrix(acc, h, w)
    }
  }
  out
}
rot90 <- function(m, k) {            # k quarter turns clockwise
  k <- k %% 4
  if (k == 0) m else if (k == 1) t(m)[, nrow(m):1] else if (k == 2) m[nrow(m):1, ncol(m):1] else t(m)[ncol(m):1, ]
}

# ---------------------------------------------------------------- random fields
lowfreq <- function(h, w, cell, octaves = 2) {
  # octaves summed on a grid 1/8 of the page, then one bilinear upsample to full size
  sh <- max(8, ceiling(h / 8)); sw <- max(8, ceiling(w / 8)); c8 <- cell / 8
  out <- 0; amp <- 1; tot <- 0
  for (o in seq_len(octaves)) {
    nh <- max(2, ceiling(sh / max(c8, 1)) + 2); nw <- max(2, ceiling(sw / max(c8, 1)) + 2)
    small <- matrix(runif(nh * nw), nh, nw)
    out <- out + amp * resize_bilinear(small, sh, sw); tot <- tot + amp
    c8 <- c8 / 2.3; amp <- amp * 0.5
  }
  resize_bilinear(out / tot, h, w)
}
speckle <- function(h, w, n, rad = 1) {   # sparse dark specks (impulses then small blur)
  m <- matrix(0, h, w)
  if (n > 0) m[sample.int(h * w, n)] <- 1
  if (rad > 0) m <- pmin(1, box_h(box_v(m, rad), rad) * (2 * rad + 1)^1.4)
  m
}

# ---------------------------------------------------------------- print / paper effects
halftone <- function(m, dpi, lpi = 100, angle = 45) {
  h <- nrow(m); w <- ncol(m)
  a <- angle * pi / 180; f <- lpi / dpi
  X <- rep(seq_len(w), each = h); Y <- rep(seq_len(h), times = w)
  u <- (X * cos(a) + Y * sin(a)) * f; v <- (-X * sin(a) + Y * cos(a)) * f
  spot <- (cos(2 * pi * u) + cos(2 * pi * v)) / 4 + 0.5      # 0..1
  cov <- 1 - m
  out <- matrix(ifelse(spot > 1 - cov, 0, 1), h, w)
  out[m > 0.985] <- 1
  out
}
dotmatrix <- function(m, pitch, dot_r = 0.52, dens = c(0.55, 0.95)) {
  h <- nrow(m); w <- ncol(m); p <- max(2L, as.integer(round(pitch)))
  nh <- h %/% p; nw <- w %/% p
  blk <- box_h(box_v(m, p %/% 2), p %/% 2)
  c0 <- p %/% 2 + 1
  on <- blk[(seq_len(nh) - 1) * p + c0, (seq_len(nw) - 1) * p + c0] < 0.72
  inkv <- matrix(runif(nh * nw, dens[1], dens[2]), nh, nw) * on
  g <- (seq_len(p) - (p + 1) / 2) / (p * dot_r)
  disc <- outer(g, g, function(a, b) pmax(0, 1 - (a^2 + b^2)^2))
  full <- kronecker(inkv, disc)
  out <- matrix(1, h, w); out[seq_len(nh * p), seq_len(nw * p)] <- 1 - pmin(1, full)
  out
}
low_contrast <- function(m, k) 1 - (1 - m) * k                 # pencil-grey printing
toner_loss <- function(m, strength = 0.5, cell = 60) {
  f <- lowfreq(nrow(m), ncol(m), cell, 3)
  f <- clamp01((f - 0.45) / 0.35)
  1 - (1 - m) * (1 - strength * f)
}
coffee_stain <- function(chans, cx, cy, R, dpi, strength = 0.35) {
  h <- nrow(chans[[1]]); w <- ncol(chans[[1]])
  Rp <- R * dpi; x0 <- max(1, floor(cx * dpi - 1.3 * Rp)); x1 <- min(w, ceiling(cx * dpi + 1.3 * Rp))
  y0 <- max(1, floor(cy * dpi - 1.3 * Rp)); y1 <- min(h, ceiling(cy * dpi + 1.3 * Rp))
  if (x1 <= x0 || y1 <= y0) return(chans)
  X <- rep(x0:x1, each = y1 - y0 + 1) - cx * dpi; Y <- rep(y0:y1, times = x1 - x0 + 1) - cy * dpi
  d <- sqrt(X^2 + Y^2); ang <- atan2(Y, X)
  ph <- runif(3, 0, 2 * pi)
  rr <- Rp * (1 + 0.05 * sin(3 * ang + ph[1]) + 0.03 * sin(7 * ang + ph[2]) + 0.02 * sin(13 * ang + ph[3]))
  ring <- exp(-((d - rr) / (0.035 * Rp))^2)
  inside <- 1 / (1 + exp((d - rr) / (0.02 * Rp))) * 0.25
  inten <- strength * pmin(1, ring + inside) * (0.75 + 0.25 * runif(length(d)))
  brown <- c(0.62, 0.45, 0.28)
  for (c in seq_along(chans)) {
    col <- if (length(chans) == 3) brown[c] else 0.48
    chans[[c]][y0:y1, x0:x1] <- chans[[c]][y0:y1, x0:x1] * (1 - inten * (1 - col))
  }
  chans
}
edge_shadow <- function(m, side, width_px, depth = 0.5) {
  h <- nrow(m); w <- ncol(m)
  g <- function(n) { d <- seq_len(n) - 1; 1 - depth * exp(-d / (width_px / 3)) }
  if (side == "left") m * rep(g(w), each = h)
  else if (side == "right") m * rep(rev(g(w)), each = h)
  else if (side == "top") m * g(h)
  else m * rev(g(h))
}
book_fold <- function(m, x_px, width_px, depth = 0.45) {
  h <- nrow(m); w <- ncol(m)
  d <- seq_len(w) - x_px
  prof <- 1 - depth * exp(-(d / width_px)^2) - 0.12 * depth * exp(-abs(d) / (width_px * 4))
  m * rep(prof, each = h)
}
lighting <- function(h, w, amp = 0.08) {
  X <- rep(seq(-1, 1, length.out = w), each = h); Y <- rep(seq(-1, 1, length.out = h), times = w)
  a <- runif(2, -1, 1)
  matrix(1 - amp * (0.5 * (X^2 + Y^2) / 2 + 0.5 * (a[1] * X + a[2] * Y + 1) / 2), h, w)
}
streaks_v <- function(m, n, depth = 0.25, width = 2) {
  w <- ncol(m); h <- nrow(m); prof <- rep(1, w)
  for (k in seq_len(n)) { c <- sample.int(w, 1); ww <- max(1, round(width * runif(1, 0.5, 2)))
    cols <- max(1, c - ww):min(w, c + ww); prof[cols] <- prof[cols] * (1 - depth * runif(1, 0.3, 1)) }
  prof <- as.numeric(stats::filter(c(rep(prof[1], 2), prof, rep(prof[w], 2)), c(1, 2, 3, 2, 1) / 9, sides = 2))[3:(w + 2)]
  m * rep(prof, each = h)
}
fax_banding <- function(b, n_bands = 6) {     # b: bilevel 1=black; row glitches typical of fax lines
  h <- nrow(b); w <- ncol(b)
  for (k in seq_len(n_bands)) {
    r0 <- sample.int(h - 6, 1); len <- sample(1:4, 1); rows <- r0:(r0 + len - 1)
    type <- sample(c("shift", "drop", "dup", "noise"), 1)
    if (type == "shift") { s <- sample(c(-3:-1, 1:3), 1); b[rows, ] <- b[rows, ((seq_len(w) - 1 - s) %% w) + 1] }
    else if (type == "drop") b[rows, ] <- 0L
    else if (type == "dup") b[rows, ] <- b[rep(r0 - 1 + (r0 == 1), len), ]
    else b[rows, ] <- b[rows, ] | (matrix(runif(len * w), len, w) < 0.04)
  }
  b
}
to_bilevel <- function(g, thr = 0.55) { b <- (g < thr) * 1L; storage.mode(b) <- "integer"; b }
despeckle_isolated <- function(b) b
q8 <- function(m) { v <- round(clamp01(m) * 255); storage.mode(v) <- "integer"; v }
