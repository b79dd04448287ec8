# ccitt.R -- own CCITT T.4 (Group 3, 1-D Modified Huffman) and T.6 (Group 4) encoder + decoder.
# Bilevel convention inside this file: integer matrix, 1 = black, 0 = white (as in the fax standard).
# Code words are the ITU-T T.4 tables, written here as bit strings.

.WT <- c("00110101","000111","0111","1000","1011","1100","1110","1111","10011","10100","00111","01000",
         "001000","000011","110100","110101","101010","101011","0100111","0001100","0001000","0010111",
         "0000011","0000100","0101000","0101011","0010011","0100100","0011000","00000010","00000011",
         "00011010","00011011","00010010","00010011","00010100","00010101","00010110","00010111",
         "00101000","00101001","00101010","00101011","00101100","00101101","00000100","00000101",
         "00001010","00001011","01010010","01010011","01010100","01010101","00100100","00100101",
         "01011000","01011001","01011010","01011011","01001010","01001011","00110010","00110011","00110100")
.BT <- c("0000110111","010","11","10","011","0011","0010","00011","000101","000100","0000100","0000101",
         "0000111","00000100","00000111","000011000","0000010111","0000011000","0000001000","00001100111",
         "00001101000","00001101100","00000110111","00000101000","00000010111","00000011000",
         "000011001010","000011001011","000011001100","000011001101","000001101000","000001101001",
         "000001101010","000001101011","000011010010","000011010011","000011010100","000011010101",
         "000011010110","000011010111","000001101100","000001101101","000011011010","000011011011",
         "000001010100","000001010101","000001010110","000001010111","000001100100","000001100101",
         "000001010010","000001010011","000000100100","000000110111","000000111000","000000100111",
         "000000101000","000001011000","000001011001","000000101011","000000101100","000001011010",
         "000001100110","000001100111")
.WM <- c("11011","10010","010111","0110111","00110110","00110111","01100100","01100101","01101000",
         "01100111","011001100","011001101","011010010","011010011","011010100","011010101","011010110",
         "011010111","011011000","011011001","011011010","011011011","010011000","010011001","010011010",
         "011000","010011011")                              # 64 .. 1728
.BM <- c("0000001111","000011001000","000011001001","000001011011","000000110011","000000110100",
         "000000110101","0000001101100","0000001101101","0000001001010","0000001001011","0000001001100",
         "0000001001101","0000001110010","0000001110011","0000001110100","0000001110101","0000001110110",
         "0000001110111","0000001010010","0000001010011","0000001010100","0000001010101","0000001011010",
         "0000001011011","0000001100100","0000001100101")  # 64 .. 1728
.XM <- c("00000001000","00000001100","00000001101","000000010010","000000010011","000000010100",
         "000000010101","000000010110","000000010111","000000011100","000000011101","000000011110",
         "000000011111")                                    # 1792 .. 2560, both colours
.EOL <- "000000000001"
.MODES <- c(P = "0001", H = "001", V0 = "1", VR1 = "011", VR2 = "000011", VR3 = "0000011",
            VL1 = "010", VL2 = "000010", VL3 = "0000010")

.bstr_val <- function(s) vapply(s, function(x) sum(as.integer(strsplit(x, "")[[1]]) * 2^((nchar(x) - 1):0)), 0, USE.NAMES = FALSE)

.ccitt_build <- function() {
  mk <- function(term, make) {
    runs <- c(0:63, seq(64, 1728, 64), seq(1792, 2560, 64))
    codes <- c(term, make, .XM)
    list(run = runs, val = .bstr_val(codes), len = nchar(codes))
  }
  tabs <- list(white = mk(.WT, .WM), black = mk(.BT, .BM))
  # per-run code triples (2560 make-up, make-up, terminating) for run lengths 0..8191
  maxr <- 8191
  for (cl in c("white", "black")) {
    tb <- tabs[[cl]]
    r <- 0:maxr
    m <- r %/% 64 * 64
    c25 <- pmax(0, (m - 1) %/% 2560); c25[m == 0] <- 0
    mk2 <- m - c25 * 2560
    term <- r %% 64
    v <- matrix(0, maxr + 1, 4); l <- matrix(0L, maxr + 1, 4)
    i2560 <- match(2560, tb$run)
    # up to two 2560 codes are enough for widths below 7680
    v[, 1] <- ifelse(c25 >= 1, tb$val[i2560], 0); l[, 1] <- ifelse(c25 >= 1, tb$len[i2560], 0L)
    v[, 2] <- ifelse(c25 >= 2, tb$val[i2560], 0); l[, 2] <- ifelse(c25 >= 2, tb$len[i2560], 0L)
    im <- match(mk2, tb$run); im[mk2 == 0] <- NA
    v[, 3] <- ifelse(is.na(im), 0, tb$val[im]); l[, 3] <- ifelse(is.na(im), 0L, tb$len[im])
    it <- match(term, tb$run)
    v[, 4] <- tb$val[it]; l[, 4] <- tb$len[it]
    tabs[[cl]]$rv <- v; tabs[[cl]]$rl <- l
  }
  # 13-bit lookup tables for decoding: value and code length at every window value
  lut <- function(vals, lens, out) {
    tv <- rep(NA_real_, 8192); tl <- rep(0L, 8192)
    for (i in seq_along(vals)) {
      lo <- vals[i] * 2^(13 - lens[i]); hi <- lo + 2^(13 - lens[i]) - 1
      if (any(!is.na(tv[(lo:hi) + 1]))) stop("CCITT table not prefix-free")
      tv[(lo:hi) + 1] <- out[i]; tl[(lo:hi) + 1] <- lens[i]
    }
    list(v = tv, l = tl)
  }
  eolv <- .bstr_val(.EOL)
  tabs$white$lut <- lut(c(tabs$white$val, eolv), c(tabs$white$len, 12L), c(tabs$white$run, -1))
  tabs$black$lut <- lut(c(tabs$black$val, eolv), c(tabs$black$len, 12L), c(tabs$black$run, -1))
  mv <- .bstr_val(.MODES)
  tabs$mode <- list(val = setNames(mv, names(.MODES)), len = setNames(nchar(.MODES), names(.MODES)),
                    lut = lut(c(mv, eolv), c(nchar(.MODES), 12L), c(0, 1, 2, 3, 4, 5, 6, 7, 8, -1)))
  # mode out: 0 pass, 1 horizontal, 2 V0, 3..5 VR1..3, 6..8 VL1..3
  tabs
}
.CC <- .ccitt_build()

# changing-element positions (0-based) of every row, as a list
.row_changes <- function(m) {
  h <- nrow(m); w <- ncol(m)
  X <- cbind(0L, m)
  D <- X[, -1, drop = FALSE] != X[, -(w + 1), drop = FALSE]
  idx <- which(t(D)) - 1
  rows <- idx %/% w + 1; pos <- idx %% w
  split(as.integer(pos), factor(rows, levels = seq_len(h)))
}

# ---- Group 4 (T.6) encoder: returns raw bytes (ending with EOFB, byte padded)
g4_encode <- function(m) {
  h <- nrow(m); w <- ncol(m)
  ch <- .row_changes(m)
  cap <- 6 * (sum(lengths(ch)) + h) + 64
  V <- numeric(cap); L <- integer(cap); n <- 0L
  MV <- .CC$mode$val; ML <- .CC$mode$len
  wrv <- .CC$white$rv; wrl <- .CC$white$rl; brv <- .CC$black$rv; brl <- .CC$black$rl
  vcode <- c("VL3", "VL2", "VL1", "V0", "VR1", "VR2", "VR3")
  ref <- c(w, w, w)
  for (r in seq_len(h)) {
    cur <- c(ch[[r]], w, w, w)
    if (n + 8 * length(cur) + 16 > cap) { cap <- cap * 2; V <- c(V, numeric(cap)); L <- c(L, integer(cap)) }
    a0 <- -1; color <- 0L; ia <- 1L; kb0 <- 1L
    while (a0 < w) {
      while (cur[ia] <= a0) ia <- ia + 1L
      a1 <- cur[ia]
      while (ref[kb0] <= a0) kb0 <- kb0 + 1L
      kb <- kb0
      # ref change number k (1-based) switches to black when k is odd; b1 must have colour != color
      if (((kb %% 2L) == 1L) == (color == 1L)) kb <- kb + 1L
      b1 <- ref[kb]; b2 <- ref[kb + 1L]
      if (b2 < a1) {
        n <- n + 1L; V[n] <- MV[["P"]]; L[n] <- ML[["P"]]
        a0 <- b2
      } else if (abs(a1 - b1) <= 3) {
        k <- vcode[a1 - b1 + 4]
        n <- n + 1L; V[n] <- MV[[k]]; L[n] <- ML[[k]]
        a0 <- a1; color <- 1L - color
      } else {
        a2 <- cur[ia + 1L]
        r1 <- a1 - max(a0, 0); r2 <- a2 - a1
        n <- n + 1L; V[n] <- MV[["H"]]; L[n] <- ML[["H"]]
        if (color == 0L) {
          V[(n + 1):(n + 4)] <- wrv[r1 + 1, ]; L[(n + 1):(n + 4)] <- wrl[r1 + 1, ]
          V[(n + 5):(n + 8)] <- brv[r2 + 1, ]; L[(n + 5):(n + 8)] <- brl[r2 + 1, ]
        } else {
          V[(n + 1):(n + 4)] <- brv[r1 + 1, ]; L[(n + 1):(n + 4)] <- brl[r1 + 1, ]
          V[(n + 5):(n + 8)] <- wrv[r2 + 1, ]; L[(n + 5):(n + 8)] <- wrl[r2 + 1, ]
        }
        n <- n + 8L
        a0 <- a2
      }
    }
    ref <- cur
  }
  eol <- .bstr_val(.EOL)
  V <- c(V[seq_len(n)], eol, eol); L <- c(L[seq_len(n)], 12L, 12L)
  pack_bits_msb(codes_to_bits(V, L))
}

# ---- Group 3 1-D (Modified Huffman with EOL before every row), fully vectorised
g3_encode <- function(m) {
  h <- nrow(m); w <- ncol(m)
  ch <- .row_changes(m)
  nch <- lengths(ch)
  row <- rep(seq_len(h), nch + 1L)
  bnd_lo <- unlist(lapply(seq_len(h), function(i) c(0L, ch[[i]])), use.names = FALSE)
  bnd_hi <- unlist(lapply(seq_len(h), function(i) c(ch[[i]], w)), use.names = FALSE)
  runs <- bnd_hi - bnd_lo
  k <- sequence(nch + 1L)                       # run number inside row
  black <- (k %% 2L) == 0L
  Vm <- matrix(0, length(runs), 4); Lm <- matrix(0L, length(runs), 4)
  wi <- which(!black); bi <- which(black)
  Vm[wi, ] <- .CC$white$rv[runs[wi] + 1, ]; Lm[wi, ] <- .CC$white$rl[runs[wi] + 1, ]
  Vm[bi, ] <- .CC$black$rv[runs[bi] + 1, ]; Lm[bi, ] <- .CC$black$rl[runs[bi] + 1, ]
  eol <- .bstr_val(.EOL)
  key_row <- c(seq_len(h), rep(row, each = 4))
  key_ord <- c(rep(0, h), rep(seq_along(runs), each = 4))
  vals <- c(rep(eol, h), as.vector(t(Vm))); lens <- c(rep(12L, h), as.vector(t(Lm)))
  o <- order(key_row, key_ord)
  pack_bits_msb(codes_to_bits(vals[o], lens[o]))
}

# ---- shared decoding helpers
.ccitt_window <- function(bytes) {
  b <- unpack_bits_msb(bytes)
  n <- length(b)
  bb <- c(b, integer(13))
  win <- integer(n)
  for (k in 0:12) win <- win * 2L + bb[(1 + k):(n + k)]
  list(win = win + 1L, n = n)                    # +1: direct index into 8192-entry tables
}
.read_run <- function(st, lut) {
  tot <- 0
  repeat {
    i <- st$win[st$pos + 1]
    v <- lut$v[i]; l <- lut$l[i]
    if (is.na(v) || v < 0) stop("bad CCITT run code at bit ", st$pos)
    st$pos <- st$pos + l
    tot <- tot + v
    if (v < 64) return(tot)
  }
}
.changes_to_matrix <- function(chl, w) {
  h <- length(chl)
  out <- matrix(0L, w, h)
  for (r in seq_len(h)) {
    c <- chl[[r]]
    if (length(c)) {
      lens <- diff(c(0, c, w)); vals <- rep_len(c(0L, 1L), length(lens))
      out[, r] <- rep(vals, lens)
    }
  }
  t(out)
}

g4_decode <- function(bytes, w, h) {
  st <- new.env(); ww <- .ccitt_window(bytes); st$win <- ww$win; st$pos <- 0
  ML <- .CC$mode$lut; WL <- .CC$white$lut; BL <- .CC$black$lut
  ref <- c(w, w, w); out <- vector("list", h)
  for (r in seq_len(h)) {
    cur <- integer(0); a0 <- -1; color <- 0L; kb0 <- 1L
    while (a0 < w) {
      i <- st$win[st$pos + 1]; md <- ML$v[i]
      if (is.na(md) || md < 0) stop("bad G4 mode code row ", r, " bit ", st$pos)
      st$pos <- st$pos + ML$l[i]
      while (ref[kb0] <= a0) kb0 <- kb0 + 1L
      kb <- kb0
      if (((kb %% 2L) == 1L) == (color == 1L)) kb <- kb + 1L
      b1 <- ref[kb]; b2 <- ref[kb + 1L]
      if (md == 0) { a0 <- b2 }
      else if (md == 1) {
        r1 <- .read_run(st, if (color == 0L) WL else BL)
        r2 <- .read_run(st, if (color == 0L) BL else WL)
        a1 <- max(a0, 0) + r1; a2 <- a1 + r2
        cur <- c(cur, a1, a2); a0 <- a2
      } else {
        d <- c(0, 1, 2, 3, -1, -2, -3)[md - 1]
        a1 <- b1 + d
        cur <- c(cur, a1); a0 <- a1; color <- 1L - color
      }
    }
    cur <- cur[cur < w]
    if (is.unsorted(cur, strictly = TRUE)) stop("G4 decode: changes not increasing, row ", r)
    out[[r]] <- cur
    ref <- c(cur, w, w, w)
  }
  .changes_to_matrix(out, w)
}

g3_decode <- function(bytes, w, h) {
  st <- new.env(); ww <- .ccitt_window(bytes); st$win <- ww$win; st$pos <- 0
  WL <- .CC$white$lut; BL <- .CC$black$lut
  eolw <- .bstr_val(.EOL) * 2 + 1                 # 13-bit window starting with EOL (+1 index)
  out <- vector("list", h)
  for (r in seq_len(h)) {
    if ((st$win[st$pos + 1] - 1) %/% 2 != 1) stop("G3: missing EOL at row ", r)
    st$pos <- st$pos + 12
    col <- 0; color <- 0L; cur <- integer(0)
    while (col < w) {
      run <- .read_run(st, if (color == 0L) WL else BL)
      col <- col + run
      if (col < w) cur <- c(cur, col)
      color <- 1L - color
    }
    # zero-length white first run gives a change at 0 only if col advanced; remove duplicates
    out[[r]] <- unique(cur)
  }
  .changes_to_matrix(out, w)
}
