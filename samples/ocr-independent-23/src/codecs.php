<?php
require_once __DIR__ . '/ccitt.php';
// ---------------- CRC-32 (own) ----------------
function my_crc32($s) {
  static $T = null;
  if ($T === null) { $T = []; for ($n = 0; $n < 256; $n++) { $c = $n; for ($k = 0; $k < 8; $k++) $c = ($c & 1) ? (0xEDB88320 ^ ($c >> 1)) : ($c >> 1); $T[$n] = $c; } }
  $c = 0xFFFFFFFF; $l = strlen($s);
  for ($i = 0; $i < $l; $i++) $c = $T[($c ^ ord($s[$i])) & 0xFF] ^ ($c >> 8);
  return $c ^ 0xFFFFFFFF;
}
// ---------------- PNG ----------------
function png_chunk($t, $d) { return pack('N', strlen($d)) . $t . $d . pack('N', my_crc32($t . $d)); }
function png_filter_rows($rows, $bpp, $ftype) {
  $out = ''; $prev = null;
  foreach ($rows as $y => $r) {
    $n = strlen($r); $ft = is_int($ftype) ? $ftype : $ftype[$y % count($ftype)];
    if ($prev === null && ($ft == 2)) $ft = 1;
    $f = '';
    if ($ft == 0) $f = $r;
    else {
      for ($i = 0; $i < $n; $i++) {
        $x = ord($r[$i]); $a = $i >= $bpp ? ord($r[$i - $bpp]) : 0; $b = $prev !== null ? ord($prev[$i]) : 0; $c = ($prev !== null && $i >= $bpp) ? ord($prev[$i - $bpp]) : 0;
        if ($ft == 1) $v = $x - $a; elseif ($ft == 2) $v = $x - $b; elseif ($ft == 3) $v = $x - (($a + $b) >> 1);
        else { $p = $a + $b - $c; $pa = abs($p - $a); $pb = abs($p - $b); $pc = abs($p - $c); $pr = ($pa <= $pb && $pa <= $pc) ? $a : ($pb <= $pc ? $b : $c); $v = $x - $pr; }
        $f .= chr($v & 255);
      }
    }
    $out .= chr($ft) . $f; $prev = $r;
  }
  return $out;
}
// img: w,h,ch(1|3), rows; opts: palette (array of [r,g,b]) with rows holding indices; interlace; dpi
function png_encode($img, $dpi, $opts = []) {
  $w = $img['w']; $h = $img['h'];
  $pal = $opts['palette'] ?? null; $il = !empty($opts['interlace']);
  $ct = $pal ? 3 : ($img['ch'] == 3 ? 2 : 0); $bpp = $pal ? 1 : $img['ch'];
  $s = "\x89PNG\r\n\x1a\n" . png_chunk('IHDR', pack('NNCCCCC', $w, $h, 8, $ct, 0, 0, $il ? 1 : 0));
  $ppm = (int)round($dpi / 0.0254);
  $s .= png_chunk('pHYs', pack('NNC', $ppm, $ppm, 1));
  if ($pal) { $p = ''; foreach ($pal as $c) $p .= chr($c[0]) . chr($c[1]) . chr($c[2]); $s .= png_chunk('PLTE', $p); }
  $ft = $opts['filters'] ?? 4;
  if (!$il) $raw = png_filter_rows($img['rows'], $bpp, $ft);
  else {
    $raw = '';
    foreach (adam7_passes() as [$xs, $ys, $dx, $dy]) {
      $sub = [];
      for ($y = $ys; $y < $h; $y += $dy) { $r = $img['rows'][$y]; $o = '';
        for ($x = $xs; $x < $w; $x += $dx) $o .= substr($r, $x * $bpp, $bpp); if ($o !== '') $sub[] = $o; }
      if ($sub) $raw .= png_filter_rows($sub, $bpp, $ft);
    }
  }
  $z = gzcompress($raw, 6);
  foreach (str_split($z, 262144) as $part) $s .= png_chunk('IDAT', $part);
  return $s . png_chunk('IEND', '');
}
function adam7_passes() { return [[0,0,8,8],[4,0,8,8],[0,4,4,8],[2,0,4,4],[0,2,2,4],[1,0,2,2],[0,1,1,2]]; }
function png_unfilter($data, &$off, $nrows, $rowlen, $bpp) {
  $rows = []; $prev = str_repeat("\0", $rowlen);
  for ($y = 0; $y < $nrows; $y++) {
    $ft = ord($data[$off]); $r = substr($data, $off + 1, $rowlen); $off += 1 + $rowlen;
    if (strlen($r) != $rowlen) throw new Exception('PNG data short');
    if ($ft == 0) { $out = $r; }
    else {
      $o = [];
      for ($i = 0; $i < $rowlen; $i++) {
        $x = ord($r[$i]); $a = $i >= $bpp ? $o[$i - $bpp] : 0; $b = ord($prev[$i]); $c = $i >= $bpp ? ord($prev[$i - $bpp]) : 0;
        if ($ft == 1) $v = $x + $a; elseif ($ft == 2) $v = $x + $b; elseif ($ft == 3) $v = $x + (($a + $b) >> 1);
        elseif ($ft == 4) { $p = $a + $b - $c; $pa = abs($p - $a); $pb = abs($p - $b); $pc = abs($p - $c); $v = $x + (($pa <= $pb && $pa <= $pc) ? $a : ($pb <= $pc ? $b : $c)); }
        else throw new Exception("bad PNG filter $ft");
        $o[] = $v & 255;
      }
      $out = pack('C*', ...$o);
    }
    $rows[] = $out; $prev = $out;
  }
  return $rows;
}
function png_decode($s) {
  if (substr($s, 0, 8) !== "\x89PNG\r\n\x1a\n") throw new Exception('not PNG');
  $p = 8; $idat = ''; $ihdr = null; $pal = null; $phys = null; $n = strlen($s); $seenEnd = false;
  while ($p < $n) {
    $len = unpack('N', substr($s, $p, 4))[1]; $t = substr($s, $p + 4, 4); $d = substr($s, $p + 8, $len); $crc = unpack('N', substr($s, $p + 8 + $len, 4))[1];
    if (my_crc32($t . $d) !== $crc) throw new Exception("PNG CRC mismatch in $t");
    if ($t === 'IHDR') $ihdr = unpack('Nw/Nh/Cbd/Cct/Ccm/Cfm/Cil', $d);
    elseif ($t === 'PLTE') $pal = $d; elseif ($t === 'IDAT') $idat .= $d; elseif ($t === 'pHYs') $phys = unpack('Nx/Ny/Cu', $d);
    elseif ($t === 'IEND') { $seenEnd = true; break; }
    $p += 12 + $len;
  }
  if (!$ihdr || !$seenEnd || $ihdr['bd'] != 8) throw new Exception('PNG structure');
  $raw = gzuncompress($idat); if ($raw === false) throw new Exception('PNG zlib');
  $bpp = [0 => 1, 2 => 3, 3 => 1][$ihdr['ct']]; $w = $ihdr['w']; $h = $ihdr['h']; $off = 0;
  if (!$ihdr['il']) $rows = png_unfilter($raw, $off, $h, $w * $bpp, $bpp);
  else {
    $rows = array_fill(0, $h, str_repeat("\0", $w * $bpp));
    foreach (adam7_passes() as [$xs, $ys, $dx, $dy]) {
      $pw = intdiv($w - $xs + $dx - 1, $dx); $ph = intdiv($h - $ys + $dy - 1, $dy);
      if ($pw <= 0 || $ph <= 0) continue;
      $sub = png_unfilter($raw, $off, $ph, $pw * $bpp, $bpp);
      foreach ($sub as $j => $r) { $y = $ys + $j * $dy; $row = $rows[$y];
        for ($i = 0; $i < $pw; $i++) { $x = $xs + $i * $dx; for ($k = 0; $k < $bpp; $k++) $row[$x * $bpp + $k] = $r[$i * $bpp + $k]; }
        $rows[$y] = $row; }
    }
  }
  if ($off != strlen($raw)) throw new Exception('PNG trailing data');
  return ['w' => $w, 'h' => $h, 'ct' => $ihdr['ct'], 'rows' => $rows, 'palette' => $pal, 'phys' => $phys, 'interlace' => $ihdr['il']];
}
// ---------------- JPEG baseline encoder (own) ----------------
const JPG_ZZ = [0,1,8,16,9,2,3,10,17,24,32,25,18,11,4,5,12,19,26,33,40,48,41,34,27,20,13,6,7,14,21,28,35,42,49,56,57,50,43,36,29,22,15,23,30,37,44,51,58,59,52,45,38,31,39,46,53,60,61,54,47,55,62,63];
const JPG_QL = [16,11,10,16,24,40,51,61,12,12,14,19,26,58,60,55,14,13,16,24,40,57,69,56,14,17,22,29,51,87,80,62,18,22,37,56,68,109,103,77,24,35,55,64,81,104,113,92,49,64,78,87,103,121,120,101,72,92,95,98,112,100,103,99];
const JPG_QC = [17,18,24,47,99,99,99,99,18,21,26,66,99,99,99,99,24,26,56,99,99,99,99,99,47,66,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99];
const JPG_DC_BITS = [0,1,5,1,1,1,1,1,1,0,0,0,0,0,0,0];
const JPG_DC_VALS = [0,1,2,3,4,5,6,7,8,9,10,11];
const JPG_DCC_BITS = [0,3,1,1,1,1,1,1,1,1,1,0,0,0,0,0];
const JPG_AC_BITS = [0,2,1,3,3,2,4,3,5,5,4,4,0,0,1,0x7d];
const JPG_AC_VALS = [0x01,0x02,0x03,0x00,0x04,0x11,0x05,0x12,0x21,0x31,0x41,0x06,0x13,0x51,0x61,0x07,0x22,0x71,0x14,0x32,0x81,0x91,0xa1,0x08,
 0x23,0x42,0xb1,0xc1,0x15,0x52,0xd1,0xf0,0x24,0x33,0x62,0x72,0x82,0x09,0x0a,0x16,0x17,0x18,0x19,0x1a,0x25,0x26,0x27,0x28,0x29,0x2a,0x34,0x35,0x36,0x37,0x38,0x39,
 0x3a,0x43,0x44,0x45,0x46,0x47,0x48,0x49,0x4a,0x53,0x54,0x55,0x56,0x57,0x58,0x59,0x5a,0x63,0x64,0x65,0x66,0x67,0x68,0x69,0x6a,0x73,0x74,0x75,0x76,0x77,0x78,0x79,
 0x7a,0x83,0x84,0x85,0x86,0x87,0x88,0x89,0x8a,0x92,0x93,0x94,0x95,0x96,0x97,0x98,0x99,0x9a,0xa2,0xa3,0xa4,0xa5,0xa6,0xa7,0xa8,0xa9,0xaa,0xb2,0xb3,0xb4,0xb5,0xb6,
 0xb7,0xb8,0xb9,0xba,0xc2,0xc3,0xc4,0xc5,0xc6,0xc7,0xc8,0xc9,0xca,0xd2,0xd3,0xd4,0xd5,0xd6,0xd7,0xd8,0xd9,0xda,0xe1,0xe2,0xe3,0xe4,0xe5,0xe6,0xe7,0xe8,0xe9,0xea,
 0xf1,0xf2,0xf3,0xf4,0xf5,0xf6,0xf7,0xf8,0xf9,0xfa];
function jpg_check_tables() {
  if (array_sum(JPG_AC_BITS) != 162 || count(JPG_AC_VALS) != 162 || array_sum(JPG_DC_BITS) != 12 || array_sum(JPG_DCC_BITS) != 12) throw new Exception('JPEG table sizes');
  $want = [0x00, 0xF0]; for ($r = 0; $r < 16; $r++) for ($s = 1; $s <= 10; $s++) $want[] = ($r << 4) | $s;
  $have = JPG_AC_VALS; sort($want); sort($have); if ($want !== $have) throw new Exception('JPEG AC symbol set');
  foreach ([JPG_DC_BITS, JPG_DCC_BITS, JPG_AC_BITS] as $bits) { $k = 0.0; foreach ($bits as $i => $n) $k += $n * 2 ** -($i + 1); if ($k >= 1.0) throw new Exception('JPEG Kraft'); }
  return true;
}
function huff_codes($bits, $vals) { // canonical codes: symbol => [code, len]
  $codes = []; $code = 0; $k = 0;
  for ($l = 1; $l <= 16; $l++) { for ($i = 0; $i < $bits[$l - 1]; $i++) { $codes[$vals[$k++]] = [$code, $l]; $code++; } $code <<= 1; }
  return $codes;
}
function jpg_qtable($base, $q) {
  $sc = $q < 50 ? intdiv(5000, $q) : 200 - 2 * $q; $t = [];
  foreach ($base as $v) { $x = intdiv($v * $sc + 50, 100); $t[] = max(1, min(255, $x)); }
  return $t; // natural order
}
class JBits { public $out = ''; private $acc = 0, $n = 0;
  function put($code, $len) { $this->acc = ($this->acc << $len) | $code; $this->n += $len;
    while ($this->n >= 8) { $this->n -= 8; $b = ($this->acc >> $this->n) & 255; $this->out .= $b == 255 ? "\xFF\x00" : chr($b); }
    $this->acc &= (1 << $this->n) - 1; }
  function flush() { if ($this->n > 0) $this->put((1 << (8 - $this->n)) - 1, 8 - $this->n); return $this->out; }
}
// AAN float forward DCT on 64-element array (row-major), returns scaled coefficients
function jpg_fdct(&$d) {
  for ($p = 0; $p < 64; $p += 8) {
    $t0 = $d[$p] + $d[$p+7]; $t7 = $d[$p] - $d[$p+7]; $t1 = $d[$p+1] + $d[$p+6]; $t6 = $d[$p+1] - $d[$p+6];
    $t2 = $d[$p+2] + $d[$p+5]; $t5 = $d[$p+2] - $d[$p+5]; $t3 = $d[$p+3] + $d[$p+4]; $t4 = $d[$p+3] - $d[$p+4];
    $t10 = $t0 + $t3; $t13 = $t0 - $t3; $t11 = $t1 + $t2; $t12 = $t1 - $t2;
    $d[$p] = $t10 + $t11; $d[$p+4] = $t10 - $t11; $z1 = ($t12 + $t13) * 0.707106781; $d[$p+2] = $t13 + $z1; $d[$p+6] = $t13 - $z1;
    $t10 = $t4 + $t5; $t11 = $t5 + $t6; $t12 = $t6 + $t7;
    $z5 = ($t10 - $t12) * 0.382683433; $z2 = 0.541196100 * $t10 + $z5; $z4 = 1.306562965 * $t12 + $z5; $z3 = $t11 * 0.707106781;
    $z11 = $t7 + $z3; $z13 = $t7 - $z3; $d[$p+5] = $z13 + $z2; $d[$p+3] = $z13 - $z2; $d[$p+1] = $z11 + $z4; $d[$p+7] = $z11 - $z4;
  }
  for ($p = 0; $p < 8; $p++) {
    $t0 = $d[$p] + $d[$p+56]; $t7 = $d[$p] - $d[$p+56]; $t1 = $d[$p+8] + $d[$p+48]; $t6 = $d[$p+8] - $d[$p+48];
    $t2 = $d[$p+16] + $d[$p+40]; $t5 = $d[$p+16] - $d[$p+40]; $t3 = $d[$p+24] + $d[$p+32]; $t4 = $d[$p+24] - $d[$p+32];
    $t10 = $t0 + $t3; $t13 = $t0 - $t3; $t11 = $t1 + $t2; $t12 = $t1 - $t2;
    $d[$p] = $t10 + $t11; $d[$p+32] = $t10 - $t11; $z1 = ($t12 + $t13) * 0.707106781; $d[$p+16] = $t13 + $z1; $d[$p+48] = $t13 - $z1;
    $t10 = $t4 + $t5; $t11 = $t5 + $t6; $t12 = $t6 + $t7;
    $z5 = ($t10 - $t12) * 0.382683433; $z2 = 0.541196100 * $t10 + $z5; $z4 = 1.306562965 * $t12 + $z5; $z3 = $t11 * 0.707106781;
    $z11 = $t7 + $z3; $z13 = $t7 - $z3; $d[$p+40] = $z13 + $z2; $d[$p+24] = $z13 - $z2; $d[$p+8] = $z11 + $z4; $d[$p+56] = $z11 - $z4;
  }
}
function jpg_divisors($q) { // natural order divisors incl. AAN scale
  $s = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.541196100, 0.275899379]; $r = [];
  for ($u = 0; $u < 8; $u++) for ($v = 0; $v < 8; $v++) $r[] = 1.0 / ($q[$u * 8 + $v] * $s[$u] * $s[$v] * 8.0);
  return $r;
}
function jpg_block($bw, &$blk, $div, &$pred, $dc, $ac) {
  jpg_fdct($blk);
  $z = [];
  for ($i = 0; $i < 64; $i++) { $k = JPG_ZZ[$i]; $v = $blk[$k] * $div[$k]; $z[$i] = (int)($v < 0 ? $v - 0.5 : $v + 0.5); }
  $diff = $z[0] - $pred; $pred = $z[0];
  $a = abs($diff); $s = 0; while ($a) { $s++; $a >>= 1; }
  $bw->put($dc[$s][0], $dc[$s][1]); if ($s) $bw->put($diff < 0 ? $diff + (1 << $s) - 1 : $diff, $s);
  $run = 0;
  for ($i = 1; $i < 64; $i++) {
    $v = $z[$i];
    if ($v == 0) { $run++; continue; }
    while ($run > 15) { $bw->put($ac[0xF0][0], $ac[0xF0][1]); $run -= 16; }
    $a = abs($v); $s = 0; while ($a) { $s++; $a >>= 1; }
    $sym = ($run << 4) | $s; $bw->put($ac[$sym][0], $ac[$sym][1]); $bw->put($v < 0 ? $v + (1 << $s) - 1 : $v, $s); $run = 0;
  }
  if ($run) $bw->put($ac[0][0], $ac[0][1]);
}
function jpg_encode($img, $quality, $dpi, $sub420 = false) {
  jpg_check_tables();
  $w = $img['w']; $h = $img['h']; $nc = $img['ch'];
  $ql = jpg_qtable(JPG_QL, $quality); $qc = jpg_qtable(JPG_QC, $quality);
  $s = "\xFF\xD8" . "\xFF\xE0" . pack('n', 16) . "JFIF\0" . "\x01\x01" . "\x01" . pack('nn', $dpi, $dpi) . "\0\0";
  $dqt = "\0"; foreach (JPG_ZZ as $k) $dqt .= chr($ql[$k]);
  if ($nc == 3) { $dqt .= "\x01"; foreach (JPG_ZZ as $k) $dqt .= chr($qc[$k]); }
  $s .= "\xFF\xDB" . pack('n', strlen($dqt) + 2) . $dqt;
  $hs = ($nc == 3 && $sub420) ? 2 : 1;
  $sof = "\x08" . pack('nn', $h, $w) . chr($nc) . "\x01" . chr(($hs << 4) | $hs) . "\x00";
  if ($nc == 3) $sof .= "\x02\x11\x01" . "\x03\x11\x01";
  $s .= "\xFF\xC0" . pack('n', strlen($sof) + 2) . $sof;
  $dht = "\x00" . pack('C*', ...JPG_DC_BITS) . pack('C*', ...JPG_DC_VALS) . "\x10" . pack('C*', ...JPG_AC_BITS) . pack('C*', ...JPG_AC_VALS);
  if ($nc == 3) $dht .= "\x01" . pack('C*', ...JPG_DCC_BITS) . pack('C*', ...JPG_DC_VALS) . "\x11" . pack('C*', ...JPG_AC_BITS) . pack('C*', ...JPG_AC_VALS);
  $s .= "\xFF\xC4" . pack('n', strlen($dht) + 2) . $dht;
  $sos = chr($nc) . "\x01\x00" . ($nc == 3 ? "\x02\x11\x03\x11" : '') . "\x00\x3F\x00";
  $s .= "\xFF\xDA" . pack('n', strlen($sos) + 2) . $sos;
  $dcL = huff_codes(JPG_DC_BITS, JPG_DC_VALS); $acT = huff_codes(JPG_AC_BITS, JPG_AC_VALS); $dcC = huff_codes(JPG_DCC_BITS, JPG_DC_VALS);
  $divL = jpg_divisors($ql); $divC = jpg_divisors($qc);
  $bw = new JBits(); $pY = 0; $pB = 0; $pR = 0;
  $mcu = 8 * $hs; $mx = intdiv($w + $mcu - 1, $mcu); $my = intdiv($h + $mcu - 1, $mcu);
  for ($by = 0; $by < $my; $by++) {
    // gather MCU row planes as int arrays (edge replicated)
    $Y = []; $Cb = []; $Cr = [];
    for ($j = 0; $j < $mcu; $j++) {
      $yy = min($h - 1, $by * $mcu + $j); $row = $img['rows'][$yy];
      $vals = unpack('C*', $row);
      if ($nc == 1) { $r = array_values($vals); $last = $r[$w - 1]; for ($x = $w; $x < $mx * $mcu; $x++) $r[] = $last; $Y[$j] = $r; }
      else {
        $ry = []; $rb = []; $rr = [];
        for ($x = 0; $x < $mx * $mcu; $x++) { $xx = $x < $w ? $x : $w - 1; $R = $vals[3*$xx+1]; $G = $vals[3*$xx+2]; $B = $vals[3*$xx+3];
          $ry[] = 0.299 * $R + 0.587 * $G + 0.114 * $B; $rb[] = -0.168736 * $R - 0.331264 * $G + 0.5 * $B + 128; $rr[] = 0.5 * $R - 0.418688 * $G - 0.081312 * $B + 128; }
        $Y[$j] = $ry; $Cb[$j] = $rb; $Cr[$j] = $rr;
      }
    }
    for ($bx = 0; $bx < $mx; $bx++) {
      for ($vy = 0; $vy < $hs; $vy++) for ($vx = 0; $vx < $hs; $vx++) {
        $blk = []; $x0 = $bx * $mcu + $vx * 8;
        for ($j = 0; $j < 8; $j++) { $r = $Y[$vy * 8 + $j]; for ($i = 0; $i < 8; $i++) $blk[] = $r[$x0 + $i] - 128; }
        jpg_block($bw, $blk, $divL, $pY, $dcL, $acT);
      }
      if ($nc == 3) {
        foreach ([[$Cb, &$pB], [$Cr, &$pR]] as $pair) { $P = $pair[0]; $blk = []; $x0 = $bx * $mcu;
          if ($hs == 1) { for ($j = 0; $j < 8; $j++) for ($i = 0; $i < 8; $i++) $blk[] = $P[$j][$x0 + $i] - 128; }
          else { for ($j = 0; $j < 8; $j++) { $r0 = $P[2*$j]; $r1 = $P[2*$j+1]; for ($i = 0; $i < 8; $i++) { $x = $x0 + 2*$i; $blk[] = ($r0[$x] + $r0[$x+1] + $r1[$x] + $r1[$x+1]) * 0.25 - 128; } } }
          jpg_block($bw, $blk, $divC, $pair[1], $dcC, $acT); }
      }
    }
  }
  return $s . $bw->flush() . "\xFF\xD9";
}
// ---------------- JPEG baseline decoder (own, independent matrix IDCT) for verification ----------------
function jpg_decode($s) {
  if (substr($s, 0, 2) !== "\xFF\xD8") throw new Exception('not JPEG');
  $p = 2; $q = []; $ht = []; $comps = []; $w = $h = 0; $jfif = null;
  while (true) {
    if ($s[$p] !== "\xFF") throw new Exception('JPEG marker expected');
    $m = ord($s[$p + 1]); $len = unpack('n', substr($s, $p + 2, 2))[1]; $seg = substr($s, $p + 4, $len - 2); $p += 2 + $len;
    if ($m == 0xE0) $jfif = unpack('a5id/nver/Cunits/nxd/nyd', $seg);
    elseif ($m == 0xDB) { $o = 0; while ($o < strlen($seg)) { $id = ord($seg[$o]) & 15; $t = array_fill(0, 64, 0); for ($i = 0; $i < 64; $i++) $t[JPG_ZZ[$i]] = ord($seg[$o + 1 + $i]); $q[$id] = $t; $o += 65; } }
    elseif ($m == 0xC0) { $h = unpack('n', substr($seg, 1, 2))[1]; $w = unpack('n', substr($seg, 3, 2))[1]; $n = ord($seg[5]);
      for ($i = 0; $i < $n; $i++) $comps[] = ['id' => ord($seg[6 + 3*$i]), 'h' => ord($seg[7 + 3*$i]) >> 4, 'v' => ord($seg[7 + 3*$i]) & 15, 'q' => ord($seg[8 + 3*$i])]; }
    elseif ($m == 0xC4) { $o = 0; while ($o < strlen($seg)) { $tc = ord($seg[$o]); $bits = array_values(unpack('C16', substr($seg, $o + 1, 16))); $nv = array_sum($bits);
        $vals = array_values(unpack('C*', substr($seg, $o + 17, $nv))); $map = []; foreach (huff_codes($bits, $vals) as $sym => [$c, $l]) $map[$l][$c] = $sym; $ht[$tc] = $map; $o += 17 + $nv; } }
    elseif ($m == 0xDA) { $n = ord($seg[0]); for ($i = 0; $i < $n; $i++) { $comps[$i]['td'] = ord($seg[2 + 2*$i]) >> 4; $comps[$i]['ta'] = ord($seg[2 + 2*$i]) & 15; } break; }
    elseif ($m >= 0xC1 && $m <= 0xCF && $m != 0xC4 && $m != 0xC8 && $m != 0xCC) throw new Exception('not baseline');
  }
  $end = strrpos($s, "\xFF\xD9"); $data = str_replace("\xFF\x00", "\xFF", substr($s, $p, $end - $p));
  $br = new BitR($data);
  $hmax = max(array_column($comps, 'h')); $mcu = 8 * $hmax; $mx = intdiv($w + $mcu - 1, $mcu); $my = intdiv($h + $mcu - 1, $mcu);
  $C = []; for ($x = 0; $x < 8; $x++) for ($u = 0; $u < 8; $u++) $C[$x][$u] = ($u ? 1 : M_SQRT1_2) * cos((2 * $x + 1) * $u * M_PI / 16) / 2;
  $planes = []; foreach ($comps as $ci => $c) $planes[$ci] = array_fill(0, $my * 8 * $c['v'], []);
  $pred = array_fill(0, count($comps), 0);
  $rd = function ($n) use ($br) { $v = 0; for ($i = 0; $i < $n; $i++) $v = ($v << 1) | $br->bit(); return $v; };
  $dec = function ($map) use ($br) { $c = 0; for ($l = 1; $l <= 16; $l++) { $c = ($c << 1) | $br->bit(); if (isset($map[$l][$c])) return $map[$l][$c]; } throw new Exception('bad huffman code'); };
  $ext = fn($v, $s) => $v < (1 << ($s - 1)) ? $v - (1 << $s) + 1 : $v;
  for ($by = 0; $by < $my; $by++) for ($bx = 0; $bx < $mx; $bx++) foreach ($comps as $ci => $c) {
    for ($vy = 0; $vy < $c['v']; $vy++) for ($vx = 0; $vx < $c['h']; $vx++) {
      $co = array_fill(0, 64, 0);
      $t = $dec($ht[$c['td']]); $diff = $t ? $ext($rd($t), $t) : 0; $pred[$ci] += $diff; $co[0] = $pred[$ci] * $q[$c['q']][0];
      for ($k = 1; $k < 64;) { $rs = $dec($ht[16 + $c['ta']]); $r = $rs >> 4; $sz = $rs & 15;
        if ($sz == 0) { if ($r == 15) { $k += 16; continue; } break; }
        $k += $r; $zz = JPG_ZZ[$k]; $co[$zz] = $ext($rd($sz), $sz) * $q[$c['q']][$zz]; $k++; }
      // separable IDCT
      $tmp = [];
      for ($y = 0; $y < 8; $y++) for ($u = 0; $u < 8; $u++) { $a = 0.0; for ($v = 0; $v < 8; $v++) $a += $C[$y][$v] * $co[$v * 8 + $u]; $tmp[$y * 8 + $u] = $a; }
      $py = ($by * $c['v'] + $vy) * 8; $px = ($bx * $c['h'] + $vx) * 8;
      for ($y = 0; $y < 8; $y++) { for ($x = 0; $x < 8; $x++) { $a = 0.0; for ($u = 0; $u < 8; $u++) $a += $C[$x][$u] * $tmp[$y * 8 + $u]; $v = (int)round($a + 128); $planes[$ci][$py + $y][$px + $x] = $v < 0 ? 0 : ($v > 255 ? 255 : $v); } }
    }
  }
  $rows = [];
  for ($y = 0; $y < $h; $y++) {
    if (count($comps) == 1) { $r = $planes[0][$y]; $rows[] = pack('C*', ...array_slice(array_values($r), 0, $w)); continue; }
    $o = ''; $f0 = $hmax / $comps[0]['h']; $f1 = $hmax / $comps[1]['h'];
    for ($x = 0; $x < $w; $x++) { $Y = $planes[0][$y][$x]; $cb = $planes[1][intdiv($y, $f1)][intdiv($x, $f1)] - 128; $cr = $planes[2][intdiv($y, $f1)][intdiv($x, $f1)] - 128;
      foreach ([$Y + 1.402 * $cr, $Y - 0.344136 * $cb - 0.714136 * $cr, $Y + 1.772 * $cb] as $v) { $v = (int)round($v); $o .= chr($v < 0 ? 0 : ($v > 255 ? 255 : $v)); } }
    $rows[] = $o;
  }
  return ['w' => $w, 'h' => $h, 'ch' => count($comps), 'rows' => $rows, 'jfif' => $jfif];
}
