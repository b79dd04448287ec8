<?php
// CCITT T.4 / T.6 code tables, typed once, shared by encoder and decoder.
// Codes are bit strings, most significant bit first.
const CC_WHITE_TERM = [
 '00110101','000111','0111','1000','1011','1100','1110','1111','10011','10100','00111','01000','001000','000011','110100','110101',
 '101010','101011','0100111','0001100','0001000','0010111','0000011','0000100','0101000','0101011','0010011','0100100','0011000','00000010','00000011','00011010',
 '00011011','00010010','00010011','00010100','00010101','00010110','00010111','00101000','00101001','00101010','00101011','00101100','00101101','00000100','00000101','00001010',
 '00001011','01010010','01010011','01010100','01010101','00100100','00100101','01011000','01011001','01011010','01011011','01001010','01001011','00110010','00110011','00110100'];
const CC_WHITE_MAKEUP = [ // 64..1728 step 64
 64=>'11011',128=>'10010',192=>'010111',256=>'0110111',320=>'00110110',384=>'00110111',448=>'01100100',512=>'01100101',576=>'01101000',640=>'01100111',
 704=>'011001100',768=>'011001101',832=>'011010010',896=>'011010011',960=>'011010100',1024=>'011010101',1088=>'011010110',1152=>'011010111',1216=>'011011000',
 1280=>'011011001',1344=>'011011010',1408=>'011011011',1472=>'010011000',1536=>'010011001',1600=>'010011010',1664=>'011000',1728=>'010011011'];
const CC_BLACK_TERM = [
 '0000110111','010','11','10','011','0011','0010','00011','000101','000100','0000100','0000101','0000111','00000100','00000111','000011000',
 '0000010111','0000011000','0000001000','00001100111','00001101000','00001101100','00000110111','00000101000','00000010111','00000011000','000011001010','000011001011','000011001100','000011001101','000001101000','000001101001',
 '000001101010','000001101011','000011010010','000011010011','000011010100','000011010101','000011010110','000011010111','000001101100','000001101101','000011011010','000011011011','000001010100','000001010101','000001010110','000001010111',
 '000001100100','000001100101','000001010010','000001010011','000000100100','000000110111','000000111000','000000100111','000000101000','000001011000','000001011001','000000101011','000000101100','000001011010','000001100110','000001100111'];
const CC_BLACK_MAKEUP = [
 64=>'0000001111',128=>'000011001000',192=>'000011001001',256=>'000001011011',320=>'000000110011',384=>'000000110100',448=>'000000110101',512=>'0000001101100',
 576=>'0000001101101',640=>'0000001001010',704=>'0000001001011',768=>'0000001001100',832=>'0000001001101',896=>'0000001110010',960=>'0000001110011',1024=>'0000001110100',
 1088=>'0000001110101',1152=>'0000001110110',1216=>'0000001110111',1280=>'0000001010010',1344=>'0000001010011',1408=>'0000001010100',1472=>'0000001010101',1536=>'0000001011010',
 1600=>'0000001011011',1664=>'0000001100100',1728=>'0000001100101'];
const CC_EXT_MAKEUP = [ // shared by white and black
 1792=>'00000001000',1856=>'00000001100',1920=>'00000001101',1984=>'000000010010',2048=>'000000010011',2112=>'000000010100',2176=>'000000010101',
 2240=>'000000010110',2304=>'000000010111',2368=>'000000011100',2432=>'000000011101',2496=>'000000011110',2560=>'000000011111'];
const CC_MODE = ['P'=>'0001','H'=>'001','V0'=>'1','VR1'=>'011','VR2'=>'000011','VR3'=>'0000011','VL1'=>'010','VL2'=>'000010','VL3'=>'0000010'];
const CC_EOL = '000000000001';

// Check tables against the facts given in the brief, plus structural checks (prefix-free, Kraft sums).
function ccitt_check_tables() {
  $facts = [
    [CC_WHITE_TERM[0], '00110101', 'white 0'], [CC_WHITE_TERM[1], '000111', 'white 1'], [CC_WHITE_TERM[2], '0111', 'white 2'],
    [CC_WHITE_MAKEUP[64], '11011', 'white 64'], [CC_BLACK_TERM[0], '0000110111', 'black 0'], [CC_BLACK_TERM[1], '010', 'black 1'],
    [CC_BLACK_TERM[2], '11', 'black 2'], [CC_BLACK_TERM[3], '10', 'black 3'], [CC_BLACK_TERM[4], '011', 'black 4'],
    [CC_BLACK_MAKEUP[64], '0000001111', 'black 64'], [CC_WHITE_MAKEUP[1728], '010011011', 'white 1728'],
    [CC_MODE['P'], '0001', 'pass'], [CC_MODE['H'], '001', 'horiz'], [CC_MODE['V0'], '1', 'V0'], [CC_MODE['VR1'], '011', 'VR1'], [CC_MODE['VL1'], '010', 'VL1'],
    [CC_MODE['VR2'], '000011', 'VR2'], [CC_MODE['VL2'], '000010', 'VL2'], [CC_MODE['VR3'], '0000011', 'VR3'], [CC_MODE['VL3'], '0000010', 'VL3'], [CC_EOL, '000000000001', 'EOL'],
  ];
  $out = [];
  foreach ($facts as [$have, $want, $what]) { if ($have !== $want) throw new Exception("CCITT table fact failed: $what has $have want $want"); $out[] = "$what=$want ok"; }
  if (count(CC_WHITE_TERM) != 64 || count(CC_BLACK_TERM) != 64 || count(CC_WHITE_MAKEUP) != 27 || count(CC_BLACK_MAKEUP) != 27 || count(CC_EXT_MAKEUP) != 13) throw new Exception('table sizes');
  foreach (['white' => [CC_WHITE_TERM, CC_WHITE_MAKEUP], 'black' => [CC_BLACK_TERM, CC_BLACK_MAKEUP]] as $col => [$t, $m]) {
    $codes = array_merge(array_values($t), array_values($m), array_values(CC_EXT_MAKEUP), [CC_EOL]);
    $kraft = 0.0; foreach ($codes as $c) { if (!preg_match('/^[01]+$/', $c)) throw new Exception('bad code'); $kraft += 2 ** -strlen($c); }
    sort($codes, SORT_STRING);
    for ($i = 1; $i < count($codes); $i++) if (str_starts_with($codes[$i], $codes[$i - 1])) throw new Exception("$col codes not prefix-free: {$codes[$i-1]} {$codes[$i]}");
    $expect = 1 - 2 ** -8 + 2 ** -12; // complete code except the all-zero 8-bit prefix, which holds only EOL
    if (abs($kraft - $expect) > 1e-12) throw new Exception("$col Kraft sum $kraft != $expect");
    $out[] = "$col: " . count($codes) . " codes prefix-free, Kraft sum = 1 - 2^-8 + 2^-12 ok";
  }
  $mc = array_values(CC_MODE); sort($mc, SORT_STRING);
  for ($i = 1; $i < count($mc); $i++) if (str_starts_with($mc[$i], $mc[$i - 1])) throw new Exception('mode codes not prefix-free');
  $out[] = 'mode codes prefix-free ok';
  return $out;
}

class BitW { public $bytes = ''; private $acc = 0, $n = 0;
  function put($bits) { $l = strlen($bits); for ($i = 0; $i < $l; $i++) { $this->acc = ($this->acc << 1) | ($bits[$i] === '1' ? 1 : 0); if (++$this->n == 8) { $this->bytes .= chr($this->acc); $this->acc = 0; $this->n = 0; } } }
  function flush() { if ($this->n) { $this->bytes .= chr($this->acc << (8 - $this->n)); $this->acc = 0; $this->n = 0; } return $this->bytes; }
}
function cc_run_codes($run, $black) {
  $term = $black ? CC_BLACK_TERM : CC_WHITE_TERM; $mk = $black ? CC_BLACK_MAKEUP : CC_WHITE_MAKEUP;
  $s = '';
  while ($run >= 2560) { $s .= CC_EXT_MAKEUP[2560]; $run -= 2560; }
  if ($run >= 64) { $m = $run - ($run % 64); $s .= ($m >= 1792) ? CC_EXT_MAKEUP[$m] : $mk[$m]; $run -= $m; }
  return $s . $term[$run];
}
// changing elements of a bilevel row (string of "\0" white / "\1" black); returns positions where colour changes
function cc_changes($row, $w) {
  $c = []; $p = 0; $col = 0;
  while ($p < $w) { $n = $col ? strspn($row, "\1", $p) : strspn($row, "\0", $p); $p += $n; if ($p < $w) { $c[] = $p; $col ^= 1; } }
  return $c;
}
// Group 4 (T.6) encoding of rows; ends with EOFB
function g4_encode($rows, $w) {
  $bw = new BitW(); $ref = [];
  foreach ($rows as $row) {
    $cur = cc_changes($row, $w);
    $cur[] = $w; $cur[] = $w; $refx = $ref; $refx[] = $w; $refx[] = $w;
    $a0 = -1; $color = 0; $ia = 0; $ib = 0;
    while (true) {
      while ($cur[$ia] <= $a0 && $cur[$ia] < $w) $ia++;
      $a1 = $cur[$ia];
      // b1: first change on ref > a0 whose new colour is opposite to colour of a0 (even index -> becomes black)
      $ib = 0; while ($refx[$ib] < $w && ($refx[$ib] <= $a0 || ($ib & 1) != $color)) $ib++;
      $b1 = $refx[$ib]; $b2 = $refx[$ib + 1] ?? $w; if ($b1 >= $w) $b2 = $w;
      if ($b2 < $a1) { $bw->put(CC_MODE['P']); $a0 = $b2; continue; }
      $d = $a1 - $b1;
      if ($d >= -3 && $d <= 3) {
        $bw->put($d == 0 ? CC_MODE['V0'] : ($d > 0 ? CC_MODE['VR' . $d] : CC_MODE['VL' . (-$d)]));
        $a0 = $a1; $color ^= 1; $ia++;
        if ($a0 >= $w) break;
        continue;
      }
      $a2 = $cur[$ia + 1] ?? $w; if ($a1 >= $w) $a2 = $w;
      $s = $a0 < 0 ? 0 : $a0;
      $bw->put(CC_MODE['H'] . cc_run_codes($a1 - $s, $color) . cc_run_codes($a2 - $a1, $color ^ 1));
      $a0 = $a2; $ia += 2;
      if ($a0 >= $w) break;
    }
    $ref = array_slice($cur, 0, count($cur) - 2);
  }
  $bw->put(CC_EOL . CC_EOL);
  return $bw->flush();
}
// Group 3 one-dimensional (MH) with EOL before every row and RTC at the end
function g3_encode($rows, $w) {
  $bw = new BitW();
  foreach ($rows as $row) {
    $bw->put(CC_EOL);
    $p = 0; $col = 0; $s = '';
    while ($p < $w) { $n = $col ? strspn($row, "\1", $p) : strspn($row, "\0", $p); $s .= cc_run_codes($n, $col); $p += $n; $col ^= 1; }
    if ($w == 0) $s .= CC_WHITE_TERM[0];
    $bw->put($s);
  }
  for ($i = 0; $i < 6; $i++) $bw->put(CC_EOL);
  return $bw->flush();
}

// ---- decoder (own), table driven from the same typed tables ----
class BitR { private $d, $n, $pos = 0;
  function __construct($d) { $this->d = $d; $this->n = strlen($d) * 8; }
  function bit() { if ($this->pos >= $this->n) return -1; $b = (ord($this->d[$this->pos >> 3]) >> (7 - ($this->pos & 7))) & 1; $this->pos++; return $b; }
  function pos() { return $this->pos; } function left() { return $this->n - $this->pos; }
}
function cc_lookup_tables() {
  static $t = null; if ($t) return $t;
  $t = [[], [], []];
  foreach ([0 => [CC_WHITE_TERM, CC_WHITE_MAKEUP], 1 => [CC_BLACK_TERM, CC_BLACK_MAKEUP]] as $c => [$term, $mk]) {
    foreach ($term as $r => $code) $t[$c][$code] = $r;
    foreach ($mk as $r => $code) $t[$c][$code] = $r;
    foreach (CC_EXT_MAKEUP as $r => $code) $t[$c][$code] = $r;
    $t[$c][CC_EOL] = -1;
  }
  foreach (CC_MODE as $m => $code) $t[2][$code] = $m;
  $t[2][CC_EOL] = 'EOL';
  return $t;
}
function cc_read_code($br, $table, $max = 13) {
  $s = '';
  for ($i = 0; $i < $max; $i++) { $b = $br->bit(); if ($b < 0) return null; $s .= $b; if (isset($table[$s])) return $table[$s]; }
  throw new Exception("invalid CCITT code $s");
}
function cc_read_run($br, $tab, $color) {
  $run = 0;
  while (true) { $r = cc_read_code($br, $tab[$color]); if ($r === null || $r < 0) throw new Exception('bad run'); $run += $r; if ($r < 64) return $run; }
}
function g4_decode($data, $w, $h) {
  $tab = cc_lookup_tables(); $br = new BitR($data); $rows = []; $ref = [];
  for ($y = 0; $y < $h; $y++) {
    $refx = $ref; $refx[] = $w; $refx[] = $w;
    $cur = []; $a0 = -1; $color = 0;
    while ($a0 < $w) {
      $m = cc_read_code($br, $tab[2]);
      if ($m === null || $m === 'EOL') throw new Exception("G4 data ended early at row $y");
      $ib = 0; while ($refx[$ib] < $w && ($refx[$ib] <= $a0 || ($ib & 1) != $color)) $ib++;
      $b1 = $refx[$ib]; $b2 = ($b1 >= $w) ? $w : ($refx[$ib + 1] ?? $w);
      if ($m === 'P') { $a0 = $b2; }
      elseif ($m === 'H') {
        $s = $a0 < 0 ? 0 : $a0;
        $r1 = cc_read_run($br, $tab, $color); $r2 = cc_read_run($br, $tab, $color ^ 1);
        $a1 = $s + $r1; $a2 = $a1 + $r2;
        if ($a2 > $w) throw new Exception("G4 run overflow row $y");
        if ($a1 < $w) $cur[] = $a1; if ($a2 < $w) $cur[] = $a2;
        $a0 = $a2;
      } else {
        $d = $m === 'V0' ? 0 : (($m[1] === 'R' ? 1 : -1) * (int)$m[2]);
        $a1 = $b1 + $d;
        if ($a1 < 0 || $a1 > $w || $a1 <= $a0 && !($a0 < 0 && $a1 == 0)) throw new Exception("G4 bad vertical at row $y");
        if ($a1 < $w) $cur[] = $a1;
        $a0 = $a1; $color ^= 1;
      }
    }
    $rows[] = cc_row_from_changes($cur, $w);
    $ref = $cur;
  }
  // expect EOFB
  $e1 = cc_read_code($br, $tab[2]); $e2 = cc_read_code($br, $tab[2]);
  if ($e1 !== 'EOL' || $e2 !== 'EOL') throw new Exception('G4 EOFB missing');
  return $rows;
}
function cc_row_from_changes($c, $w) {
  $r = ''; $p = 0; $col = 0;
  foreach ($c as $x) { $r .= str_repeat($col ? "\1" : "\0", $x - $p); $p = $x; $col ^= 1; }
  return $r . str_repeat($col ? "\1" : "\0", $w - $p);
}
function g3_decode($data, $w, $h) {
  $tab = cc_lookup_tables(); $br = new BitR($data); $rows = [];
  for ($y = 0; $y < $h; $y++) {
    $e = cc_read_code($br, [CC_EOL => 1]); // EOL required before each row
    if ($e !== 1) throw new Exception("G3 EOL missing row $y");
    $p = 0; $col = 0; $c = [];
    while ($p < $w) { $r = cc_read_run($br, $tab, $col); $p += $r; if ($p > $w) throw new Exception('G3 overflow'); if ($p < $w || $r == 0 && false) {} $c[] = $p; $col ^= 1; }
    // convert run ends to changes (drop zero-length runs)
    $ch = []; $prev = 0; $col = 0; $rw = ''; $p = 0;
    foreach ($c as $end) { $rw .= str_repeat($col ? "\1" : "\0", $end - $p); $p = $end; $col ^= 1; }
    $rows[] = $rw;
  }
  for ($i = 0; $i < 6; $i++) if (cc_read_code($br, [CC_EOL => 1]) !== 1) throw new Exception('G3 RTC missing');
  return $rows;
}
