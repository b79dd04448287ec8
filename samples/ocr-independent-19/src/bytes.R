# bytes.R -- byte/bit helpers, string hashing, CRC-32 (own, vectorised), JSON writer.
# Everything here is plain base R.

# ---------------------------------------------------------------- hashing / seeds
# Polynomial string hash modulo the Mersenne prime 2^31-1 (exact in doubles).
str_hash <- function(s) {
  v <- utf8ToInt(enc2utf8(s))
  h <- 1469598
  for (c in v) h <- (h * 131 + c) %% 2147483647
  h
}
seed_from <- function(...) {
  s <- paste(..., sep = "|")
  set.seed(as.integer(str_hash(s) %% 2147483646) + 1L,
           kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
  invisible(NULL)
}

# ---------------------------------------------------------------- integer -> bytes
u16 <- function(x, big = TRUE) {
  x <- as.integer(x)
  b <- rbind(bitwAnd(bitwShiftR(x, 8L), 255L), bitwAnd(x, 255L))
  if (!big) b <- b[2:1, , drop = FALSE]
  as.raw(as.vector(b))
}
u32 <- function(x, big = TRUE) {
  x <- as.double(x)
  hi <- floor(x / 65536); lo <- x - hi * 65536
  b <- rbind(hi %/% 256, hi %% 256, lo %/% 256, lo %% 256)
  if (!big) b <- b[4:1, , drop = FALSE]
  as.raw(as.vector(b))
}
rd_u16 <- function(r, pos, big = TRUE) {  # pos: 1-based index of first byte (vectorised)
  a <- as.integer(r[pos]); b <- as.integer(r[pos + 1])
  if (big) a * 256L + b else b * 256L + a
}
rd_u32 <- function(r, pos, big = TRUE) {
  a <- as.double(r[pos]); b <- as.double(r[pos + 1]); c <- as.double(r[pos + 2]); d <- as.double(r[pos + 3])
  if (big) ((a * 256 + b) * 256 + c) * 256 + d else ((d * 256 + c) * 256 + b) * 256 + a
}
chr2raw <- function(s) charToRaw(enc2utf8(s))

# Pack a 0/1 vector (MSB first) into raw bytes; length is padded to a multiple of 8.
pack_bits_msb <- function(bits) {
  n <- length(bits)
  pad <- (-n) %% 8
  if (pad) bits <- c(bits, integer(pad))
  m <- matrix(as.integer(bits), nrow = 8)
  as.raw(colSums(m * c(128L, 64L, 32L, 16L, 8L, 4L, 2L, 1L)))
}
# Unpack raw bytes to a 0/1 integer vector, MSB first.
unpack_bits_msb <- function(r) {
  m <- matrix(as.integer(rawToBits(r)), nrow = 8)   # LSB first per byte
  as.vector(m[8:1, , drop = FALSE])
}
# Codes (value, length) -> bit vector, MSB first, vectorised.
codes_to_bits <- function(val, len) {
  keep <- len > 0
  val <- val[keep]; len <- len[keep]
  if (!length(len)) return(integer(0))
  tot <- sum(len)
  idx <- rep(seq_along(len), len)
  start <- cumsum(len) - len
  k <- seq_len(tot) - 1 - start[idx]          # 0 .. len-1 within a code
  sh <- len[idx] - 1 - k
  as.integer((val[idx] %/% 2^sh) %% 2)
}

# ---------------------------------------------------------------- CRC-32 (PNG / zlib polynomial)
# State kept as two 16-bit halves so that no value ever needs the sign bit.
# Table for the reflected polynomial 0xEDB88320, built bit by bit.
.crc_make <- function() {
  poly_hi <- 0xEDB8L; poly_lo <- 0x8320L        # 0xEDB88320 reflected polynomial
  hi <- integer(256); lo <- integer(256)
  for (n in 0:255) {
    h <- 0L; l <- n
    for (k in 1:8) {
      lsb <- bitwAnd(l, 1L)
      # shift right by one across the two halves
      l <- bitwOr(bitwShiftR(l, 1L), bitwShiftL(bitwAnd(h, 1L), 15L))
      h <- bitwShiftR(h, 1L)
      if (lsb == 1L) { h <- bitwXor(h, poly_hi); l <- bitwXor(l, poly_lo) }
    }
    hi[n + 1] <- h; lo[n + 1] <- l
  }
  list(hi = hi, lo = lo)
}
.CRC <- .crc_make()

# advance vectors of states (hi, lo) by byte vector b (one byte per state)
.crc_step <- function(hi, lo, b) {
  idx <- bitwXor(bitwAnd(lo, 255L), b) + 1L
  nlo <- bitwXor(bitwOr(bitwShiftR(lo, 8L), bitwShiftL(bitwAnd(hi, 255L), 8L)), .CRC$lo[idx])
  nhi <- bitwXor(bitwShiftR(hi, 8L), .CRC$hi[idx])
  list(hi = nhi, lo = nlo)
}
# A GF(2)-linear map on 32-bit states stored as 32 columns (images of bit j).
.gf2_apply <- function(M, hi, lo) {
  rh <- integer(length(hi)); rl <- integer(length(lo))
  for (j in 0:31) {
    bit <- if (j < 16) bitwAnd(bitwShiftR(lo, j), 1L) else bitwAnd(bitwShiftR(hi, j - 16L), 1L)
    on <- bit == 1L
    rh[on] <- bitwXor(rh[on], M$hi[j + 1]); rl[on] <- bitwXor(rl[on], M$lo[j + 1])
  }
  list(hi = rh, lo = rl)
}
.gf2_compose <- function(A, B) {  # A after B
  r <- .gf2_apply(A, B$hi, B$lo); list(hi = r$hi, lo = r$lo)
}
.gf2_zero_byte <- local({
  bh <- c(integer(16), bitwShiftL(1L, 0:15)); bl <- c(bitwShiftL(1L, 0:15), integer(16))
  function() { s <- .crc_step(bh, bl, integer(32)); list(hi = s$hi, lo = s$lo) }
})
.gf2_power <- function(n) {   # map for n zero bytes
  R <- list(hi = c(integer(16), bitwShiftL(1L, 0:15)), lo = c(bitwShiftL(1L, 0:15), integer(16)))
  P <- .gf2_zero_byte()
  while (n > 0) {
    if (n %% 2 == 1) R <- .gf2_compose(P, R)
    n <- n %/% 2
    if (n > 0) P <- .gf2_compose(P, P)
  }
  R
}
# raw CRC (init 0, no final xor) of a byte vector, vectorised over blocks + tree combine
.crc_raw <- function(bytes) {
  n <- length(bytes)
  if (n == 0) return(c(0L, 0L))
  K <- 1L
  while (K * 512 < n) K <- K * 2L
  L <- ceiling(n / K)
  pad <- K * L - n
  v <- c(integer(pad), as.integer(bytes))       # leading zeros are neutral from state 0
  D <- matrix(v, nrow = L)
  hi <- integer(K); lo <- integer(K)
  for (i in seq_len(L)) { s <- .crc_step(hi, lo, D[i, ]); hi <- s$hi; lo <- s$lo }
  M <- .gf2_power(L)
  while (length(hi) > 1) {
    a <- seq(1, length(hi), by = 2); b <- a + 1
    s <- .gf2_apply(M, hi[a], lo[a])
    hi <- bitwXor(s$hi, hi[b]); lo <- bitwXor(s$lo, lo[b])
    M <- .gf2_compose(M, M)
  }
  c(hi, lo)
}
crc32_raw <- function(bytes) {
  n <- length(bytes)
  r <- .crc_raw(bytes)
  Mn <- .gf2_power(n)
  s <- .gf2_apply(Mn, 65535L, 65535L)           # contribution of the 0xFFFFFFFF init
  hi <- bitwXor(bitwXor(r[1], s$hi), 65535L); lo <- bitwXor(bitwXor(r[2], s$lo), 65535L)
  c(as.raw(bitwShiftR(hi, 8L)), as.raw(bitwAnd(hi, 255L)), as.raw(bitwShiftR(lo, 8L)), as.raw(bitwAnd(lo, 255L)))
}
crc32_hex <- function(bytes) paste(format(as.hexmode(as.integer(crc32_raw(bytes))), width = 2), collapse = "")

# ---------------------------------------------------------------- minimal JSON writer
json_str <- function(s) {
  s <- enc2utf8(as.character(s))
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\"", "\\\"", s, fixed = TRUE)
  s <- gsub("\n", "\\n", s, fixed = TRUE)
  s <- gsub("\f", "\\f", s, fixed = TRUE)
  s <- gsub("\t", "\\t", s, fixed = TRUE)
  paste0("\"", s, "\"")
}
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (inherits(x, "json_scalar")) x <- unclass(x)
  if (is.list(x)) {
    nm <- names(x)
    if (!is.null(nm) && length(x) > 0) {
      parts <- vapply(seq_along(x), function(i) paste0(json_str(nm[i]), ": ", to_json(x[[i]])), "")
      return(paste0("{", paste(parts, collapse = ", "), "}"))
    }
    return(paste0("[", paste(vapply(x, to_json, ""), collapse = ", "), "]"))
  }
  if (length(x) == 1 && !isTRUE(attr(x, "array"))) return(json_atom(x))
  paste0("[", paste(vapply(seq_along(x), function(i) json_atom(x[i]), ""), collapse = ", "), "]")
}
json_atom <- function(v) {
  if (is.na(v)) return("null")
  if (is.logical(v)) return(if (v) "true" else "false")
  if (is.numeric(v)) return(if (v == round(v)) format(v, scientific = FALSE) else format(round(v, 4), scientific = FALSE))
  json_str(v)
}
jarr <- function(x) { attr(x, "array") <- TRUE; x }   # force a JSON array even for length 1
