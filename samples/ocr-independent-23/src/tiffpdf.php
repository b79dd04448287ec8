<?php
require_once __DIR__ . '/codecs.php';
// ---------------- bit packing for bilevel rows ("\0" white, "\1" black) ----------------
function bits_tables() { static $t = null; if ($t) return $t; $p = []; $u = [];
  for ($v = 0; $v < 256; $v++) { $k = ''; for ($b = 7; $b >= 0; $b--) $k .= ($v >> $b) & 1 ? "\1" : "\0"; $p[$k] = chr($v); $u[chr($v)] = $k; }
  return $t = [$p, $u]; }
function pack_bits_row($row, $w) { [$p] = bits_tables(); $pad = (8 - $w % 8) % 8; $row .= str_repeat("\0", $pad); $o = '';
  foreach (str_split($row, 8) as $c) $o .= $p[$c]; return $o; }
function unpack_bits_row($bytes, $w) { [, $u] = bits_tables(); $o = ''; $n = strlen($bytes); for ($i = 0; $i < $n; $i++) $o .= $u[$bytes[$i]]; return substr($o, 0, $w); }
// ---------------- PackBits ----------------
function packbits_enc($s) {
  $o = ''; $n = strlen($s); $i = 0;
  while ($i < $n) {
    $j = $i; while ($j + 1 < $n && $s[$j + 1] === $s[$i] && $j - $i < 127) $j++;
    $run = $j - $i + 1;
    if ($run >= 3) { $o .= chr(257 - $run) . $s[$i]; $i = $j + 1; continue; }
    $k = $i; // literal
    while ($k < $n && $k - $i < 128) { if ($k + 2 < $n && $s[$k] === $s[$k + 1] && $s[$k] === $s[$k + 2]) break; $k++; }
    $o .= chr($k - $i - 1) . substr($s, $i, $k - $i); $i = $k;
  }
  return $o;
}
function packbits_dec($s, $want) {
  $o = ''; $i = 0; $n = strlen($s);
  while ($i < $n && strlen($o) < $want) { $c = ord($s[$i++]);
    if ($c < 128) { $o .= substr($s, $i, $c + 1); $i += $c + 1; }
    elseif ($c > 128) { $o .= str_repeat($s[$i++], 257 - $c); } }
  return $o;
}
// ---------------- LZW (TIFF flavour, MSB-first, early change) ----------------
function lzw_enc($s) {
  $out = ''; $acc = 0; $nb = 0; $nbits = 9; $maxcode = 511;
  $put = function ($code) use (&$out, &$acc, &$nb, &$nbits) { $acc = ($acc << $nbits) | $code; $nb += $nbits; while ($nb >= 8) { $nb -= 8; $out .= chr(($acc >> $nb) & 255); } $acc &= (1 << $nb) - 1; };
  $put(256); $dict = []; $free = 258; $n = strlen($s);
  if ($n == 0) { $put(257); if ($nb) $out .= chr(($acc << (8 - $nb)) & 255); return $out; }
  $w = ord($s[0]);
  for ($i = 1; $i < $n; $i++) {
    $c = ord($s[$i]); $key = ($w << 8) | $c;
    if (isset($dict[$key])) { $w = $dict[$key]; continue; }
    $put($w); $dict[$key] = $free++;
    if ($free == 4094) { $put(256); $dict = []; $free = 258; $nbits = 9; $maxcode = 511; }
    elseif ($free > $maxcode) { $nbits++; $maxcode = (1 << $nbits) - 1; }
    $w = $c;
  }
  $put($w); $free++;
  if ($free == 4094) { /* next would clear; EOI at current width */ }
  elseif ($free > $maxcode) { $nbits++; $maxcode = (1 << $nbits) - 1; }
  $put(257);
  if ($nb) $out .= chr(($acc << (8 - $nb)) & 255);
  return $out;
}
function lzw_dec($s) {
  $out = ''; $pos = 0; $n = strlen($s) * 8; $nbits = 9; $tab = []; $old = -1;
  $read = function () use ($s, &$pos, &$nbits, $n) { if ($pos + $nbits > $n) return 257; $v = 0; for ($i = 0; $i < $nbits; $i++) { $v = ($v << 1) | ((ord($s[$pos >> 3]) >> (7 - ($pos & 7))) & 1); $pos++; } return $v; };
  $reset = function () use (&$tab, &$nbits) { $tab = []; for ($i = 0; $i < 256; $i++) $tab[$i] = chr($i); $tab[256] = ''; $tab[257] = ''; $nbits = 9; };
  $reset();
  while (true) {
    $code = $read();
    if ($code == 257) break;
    if ($code == 256) { $reset(); $code = $read(); if ($code == 257) break; $out .= $tab[$code]; $old = $code; continue; }
    if ($code < count($tab)) { $e = $tab[$code]; $out .= $e; $tab[] = $tab[$old] . $e[0]; }
    elseif ($code == count($tab)) { $e = $tab[$old] . $tab[$old][0]; $out .= $e; $tab[] = $e; }
    else throw new Exception("LZW bad code $code");
    $old = $code;
    $next = count($tab);
    if ($next >= 511 && $nbits == 9) $nbits = 10; elseif ($next >= 1023 && $nbits == 10) $nbits = 11; elseif ($next >= 2047 && $nbits == 11) $nbits = 12;
  }
  return $out;
}
// ---------------- TIFF writer ----------------
// page: ['kind'=>'bilevel'|'grey'|'rgb', 'w','h','rows', 'comp'=>1|3|4|5|8|32773, 'xdpi','ydpi', 'rps']
function tiff_write($pages, $order = 'II') {
  $le = $order === 'II';
  $S = fn($v) => pack($le ? 'v' : 'n', $v); $L = fn($v) => pack($le ? 'V' : 'N', $v);
  $out = $order . $S(42) . $L(0); // first IFD offset patched later
  $prevNextPos = 4; $np = count($pages);
  foreach ($pages as $pi => $pg) {
    $w = $pg['w']; $h = $pg['h']; $rps = $pg['rps']; $comp = $pg['comp']; $kind = $pg['kind'];
    $spp = $kind === 'rgb' ? 3 : 1; $bps = $kind === 'bilevel' ? 1 : 8;
    $offs = []; $cnts = [];
    for ($y0 = 0; $y0 < $h; $y0 += $rps) {
      $rows = array_slice($pg['rows'], $y0, $rps);
      if ($comp == 4) $data = g4_encode($rows, $w);
      elseif ($comp == 3) $data = g3_encode($rows, $w);
      else {
        $raw = '';
        foreach ($rows as $r) $raw .= $kind === 'bilevel' ? pack_bits_row($r, $w) : $r;
        if ($comp == 1) $data = $raw;
        elseif ($comp == 32773) { $data = ''; $rl = strlen($raw) / count($rows); foreach (str_split($raw, $rl) as $r) $data .= packbits_enc($r); }
        elseif ($comp == 5) $data = lzw_enc($raw);
        elseif ($comp == 8) $data = gzcompress($raw, 6);
        else throw new Exception('comp');
      }
      if (strlen($out) & 1) $out .= "\0";
      $offs[] = strlen($out); $cnts[] = strlen($data); $out .= $data;
    }
    if (strlen($out) & 1) $out .= "\0";
    // tags
    $tags = [];
    $tags[254] = [4, [$np > 1 ? 2 : 0]];
    $tags[256] = [4, [$w]]; $tags[257] = [4, [$h]];
    $tags[258] = [3, array_fill(0, $spp, $bps)];
    $tags[259] = [3, [$comp]];
    $tags[262] = [3, [$kind === 'bilevel' ? 0 : ($kind === 'rgb' ? 2 : 1)]];
    if ($kind === 'bilevel') $tags[266] = [3, [1]];
    $tags[273] = [4, $offs]; $tags[277] = [3, [$spp]]; $tags[278] = [4, [$rps]]; $tags[279] = [4, $cnts];
    $tags[282] = [5, [[$pg['xdpi'], 1]]]; $tags[283] = [5, [[$pg['ydpi'], 1]]];
    $tags[284] = [3, [1]];
    if ($comp == 3) $tags[292] = [4, [0]];
    if ($comp == 4) $tags[293] = [4, [0]];
    $tags[296] = [3, [2]];
    if ($np > 1) $tags[297] = [3, [$pi, $np]];
    $tags[305] = [2, "ocr23 PHP generator\0"];
    ksort($tags);
    $ifdPos = strlen($out); $nt = count($tags);
    $extraPos = $ifdPos + 2 + 12 * $nt + 4; $ifd = $S($nt); $extra = '';
    foreach ($tags as $tag => [$type, $vals]) {
      if ($type == 2) { $bytes = $vals; $cnt = strlen($vals); }
      elseif ($type == 3) { $bytes = ''; foreach ($vals as $v) $bytes .= $S($v); $cnt = count($vals); }
      elseif ($type == 4) { $bytes = ''; foreach ($vals as $v) $bytes .= $L($v); $cnt = count($vals); }
      else { $bytes = ''; foreach ($vals as [$a, $b]) $bytes .= $L($a) . $L($b); $cnt = count($vals); }
      if (strlen($bytes) <= 4) $field = str_pad($bytes, 4, "\0");
      else { $field = $L($extraPos + strlen($extra)); $extra .= $bytes; if (strlen($extra) & 1) $extra .= "\0"; }
      $ifd .= $S($tag) . $S($type) . $L($cnt) . $field;
    }
    $nextPos = strlen($out) + strlen($ifd);
    $out .= $ifd . $L(0) . $extra;
    $out = substr_replace($out, $L($ifdPos), $prevNextPos, 4);
    $prevNextPos = $nextPos;
  }
  return $out;
}
// ---------------- TIFF reader (own) ----------------
function tiff_read($s) {
  $o = substr($s, 0, 2); if ($o !== 'II' && $o !== 'MM') throw new Exception('not TIFF');
  $le = $o === 'II';
  $u16 = fn($p) => unpack($le ? 'v' : 'n', substr($s, $p, 2))[1]; $u32 = fn($p) => unpack($le ? 'V' : 'N', substr($s, $p, 4))[1];
  if ($u16(2) != 42) throw new Exception('TIFF magic');
  $pages = []; $ifd = $u32(4); $guard = 0;
  while ($ifd && $guard++ < 100) {
    $n = $u16($ifd); $t = [];
    for ($i = 0; $i < $n; $i++) {
      $e = $ifd + 2 + 12 * $i; $tag = $u16($e); $type = $u16($e + 2); $cnt = $u32($e + 4);
      $sz = [1 => 1, 2 => 1, 3 => 2, 4 => 4, 5 => 8][$type] * $cnt; $vp = $sz <= 4 ? $e + 8 : $u32($e + 8);
      $vals = [];
      for ($k = 0; $k < $cnt; $k++) { if ($type == 3) $vals[] = $u16($vp + 2 * $k); elseif ($type == 4) $vals[] = $u32($vp + 4 * $k); elseif ($type == 5) $vals[] = $u32($vp + 8 * $k) / $u32($vp + 8 * $k + 4); else $vals[] = ord($s[$vp + $k]); }
      $t[$tag] = $vals;
    }
    $w = $t[256][0]; $h = $t[257][0]; $comp = $t[259][0]; $bps = $t[258][0]; $spp = $t[277][0] ?? 1; $rps = $t[278][0] ?? $h; $ph = $t[262][0];
    $rows = [];
    foreach ($t[273] as $k => $off) {
      $data = substr($s, $off, $t[279][$k]); $nr = min($rps, $h - $k * $rps);
      if ($comp == 4) { $rows = array_merge($rows, g4_decode($data, $w, $nr)); continue; }
      if ($comp == 3) { if (($t[292][0] ?? 0) & 1) throw new Exception('2-D G3 not expected'); $rows = array_merge($rows, g3_decode($data, $w, $nr)); continue; }
      $rl = $bps == 1 ? intdiv($w + 7, 8) : $w * $spp;
      if ($comp == 1) $raw = $data; elseif ($comp == 32773) $raw = packbits_dec($data, $rl * $nr); elseif ($comp == 5) $raw = lzw_dec($data);
      elseif ($comp == 8) $raw = gzuncompress($data); else throw new Exception("TIFF compression $comp");
      if (strlen($raw) < $rl * $nr) throw new Exception('TIFF strip short');
      for ($j = 0; $j < $nr; $j++) { $r = substr($raw, $j * $rl, $rl); $rows[] = $bps == 1 ? unpack_bits_row($r, $w) : $r; }
    }
    if (count($rows) != $h) throw new Exception('TIFF row count');
    $pages[] = ['w' => $w, 'h' => $h, 'comp' => $comp, 'bps' => $bps, 'spp' => $spp, 'photometric' => $ph, 'xres' => $t[282][0] ?? null, 'yres' => $t[283][0] ?? null, 'fill' => $t[266][0] ?? 1, 'rows' => $rows, 'nstrips' => count($t[273])];
    $ifd = $u32($ifd + 2 + 12 * $n);
  }
  return $pages;
}
// ---------------- PDF writer (image-only) ----------------
// page: ['wpt','hpt','rotate', 'img'=>['filter'=>'DCTDecode'|'CCITTFaxDecode'|'FlateDecode','data','w','h','cs','bpc']]
function pdf_write($pages) {
  $objs = []; $n = 2; $kids = [];
  foreach ($pages as $pg) {
    $pid = ++$n; $cid = ++$n; $iid = ++$n; $kids[] = "$pid 0 R";
    $im = $pg['img'];
    $dict = "/Type /XObject /Subtype /Image /Width {$im['w']} /Height {$im['h']} /ColorSpace /{$im['cs']} /BitsPerComponent {$im['bpc']} /Filter /{$im['filter']}";
    if ($im['filter'] === 'CCITTFaxDecode') $dict .= " /DecodeParms << /K -1 /Columns {$im['w']} /Rows {$im['h']} /BlackIs1 false /EndOfBlock true >>";
    $objs[$iid] = "<< $dict /Length " . strlen($im['data']) . " >>\nstream\n" . $im['data'] . "\nendstream";
    $wpt = sprintf('%.2f', $pg['wpt']); $hpt = sprintf('%.2f', $pg['hpt']);
    $content = "q\n$wpt 0 0 $hpt 0 0 cm\n/Im1 Do\nQ\n";
    $objs[$cid] = "<< /Length " . strlen($content) . " >>\nstream\n$content\nendstream";
    $rot = !empty($pg['rotate']) ? " /Rotate {$pg['rotate']}" : '';
    $objs[$pid] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 $wpt $hpt]$rot /Resources << /XObject << /Im1 $iid 0 R >> /ProcSet [/PDF /ImageB /ImageC] >> /Contents $cid 0 R >>";
  }
  $objs[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  $objs[2] = "<< /Type /Pages /Kids [" . implode(' ', $kids) . "] /Count " . count($kids) . " >>";
  ksort($objs);
  $out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"; $offs = [];
  foreach ($objs as $id => $body) { $offs[$id] = strlen($out); $out .= "$id 0 obj\n$body\nendobj\n"; }
  $x = strlen($out); $size = $n + 1;
  $out .= "xref\n0 $size\n0000000000 65535 f\r\n";
  for ($i = 1; $i < $size; $i++) $out .= sprintf("%010d 00000 n\r\n", $offs[$i]);
  $out .= "trailer\n<< /Size $size /Root 1 0 R >>\nstartxref\n$x\n%%EOF\n";
  return $out;
}
// ---------------- PDF reader / checker (own) ----------------
function pdf_check($s) {
  if (substr($s, 0, 5) !== '%PDF-') throw new Exception('not PDF');
  if (!preg_match('/startxref\s+(\d+)\s+%%EOF\s*$/', $s, $m)) throw new Exception('no startxref');
  $x = (int)$m[1]; if (substr($s, $x, 4) !== 'xref') throw new Exception('xref offset wrong');
  if (!preg_match('/\Gxref\s+(\d+)\s+(\d+)\s*\r?\n/', $s, $mm, 0, $x)) throw new Exception('xref header');
  $first = (int)$mm[1]; $cnt = (int)$mm[2]; $p = $x + strlen($mm[0]); $off = [];
  for ($i = 0; $i < $cnt; $i++) { $e = substr($s, $p + 20 * $i, 20); if (!preg_match('/^(\d{10}) (\d{5}) ([nf])[\r ]?\n?/', $e, $em) || strlen($e) != 20) throw new Exception('xref entry'); if ($em[3] === 'n') $off[$first + $i] = (int)$em[1]; }
  $tr = substr($s, $p + 20 * $cnt); if (!preg_match('/trailer\s*<<(.*?)>>/s', $tr, $tm) || !preg_match('/\/Root (\d+) 0 R/', $tm[1], $rm)) throw new Exception('trailer');
  $obj = function ($id) use ($s, $off) { $o = $off[$id] ?? null; if ($o === null) throw new Exception("no obj $id");
    if (!preg_match('/\G' . $id . ' 0 obj\s*/', $s, $h, 0, $o)) throw new Exception("obj $id header mismatch at offset");
    $st = $o + strlen($h[0]); $dictEnd = strpos($s, 'stream', $st); $eo = strpos($s, 'endobj', $st);
    $dict = substr($s, $st, ($dictEnd !== false && $dictEnd < $eo ? $dictEnd : $eo) - $st); $stream = null;
    if ($dictEnd !== false && $dictEnd < $eo && preg_match('/\/Length (\d+)/', $dict, $lm)) { $ds = $dictEnd + 6; if ($s[$ds] === "\r") $ds++; if ($s[$ds] === "\n") $ds++; $stream = substr($s, $ds, (int)$lm[1]);
      if (!preg_match('/^\s*endstream/', substr($s, $ds + (int)$lm[1], 20))) throw new Exception("stream length wrong in $id"); }
    return [$dict, $stream]; };
  [$cat] = $obj((int)$rm[1]); if (!preg_match('/\/Pages (\d+) 0 R/', $cat, $pm)) throw new Exception('catalog');
  $pagesOut = [];
  $walk = function ($id) use (&$walk, $obj, &$pagesOut) { [$d] = $obj($id);
    if (preg_match('/\/Type \/Pages/', $d)) { preg_match('/\/Kids \[([^\]]*)\]/', $d, $k); preg_match_all('/(\d+) 0 R/', $k[1], $ids); foreach ($ids[1] as $kid) $walk((int)$kid); }
    else $pagesOut[] = [$id, $d]; };
  $walk((int)$pm[1]);
  [$pd] = $obj((int)$pm[1]); preg_match('/\/Count (\d+)/', $pd, $cm);
  if ((int)$cm[1] != count($pagesOut)) throw new Exception('page count mismatch');
  $info = [];
  foreach ($pagesOut as [$id, $d]) {
    if (preg_match('/\/Font|\/Text/', $d)) throw new Exception('text resources present');
    preg_match('/\/Contents (\d+) 0 R/', $d, $c); [, $cs] = $obj((int)$c[1]);
    $ops = preg_replace('/[\d.\-\s]+|\/Im\d+/', ' ', $cs); $ops = preg_split('/\s+/', trim($ops));
    foreach ($ops as $op) if (!in_array($op, ['q', 'Q', 'cm', 'Do'])) throw new Exception("non-image operator $op in content");
    preg_match('/\/Im1 (\d+) 0 R/', $d, $im); [$idict, $idata] = $obj((int)$im[1]);
    preg_match('/\/MediaBox \[([^\]]*)\]/', $d, $mb); preg_match('/\/Rotate (\d+)/', $d, $ro);
    preg_match('/\/Width (\d+)/', $idict, $wm); preg_match('/\/Height (\d+)/', $idict, $hm); preg_match('/\/Filter \/(\w+)/', $idict, $fm);
    $info[] = ['mediabox' => array_map('floatval', preg_split('/\s+/', trim($mb[1]))), 'rotate' => isset($ro[1]) ? (int)$ro[1] : 0, 'w' => (int)$wm[1], 'h' => (int)$hm[1], 'filter' => $fm[1], 'data' => $idata, 'dict' => $idict];
  }
  foreach (array_keys($off) as $id) { [$dict] = $obj($id); if (preg_match('/\/Font|\/Text|\/Annot|\/AcroForm/', $dict)) throw new Exception("text or annotation objects in object $id"); }
  return $info;
}
