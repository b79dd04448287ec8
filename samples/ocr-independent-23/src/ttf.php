<?php
// Own TrueType parser: cmap (4/12), head, hhea, hmtx, loca, glyf (simple+composite), kern (format 0).
class TTF {
  public $d, $t = [], $upm, $ng, $locaFmt, $asc, $desc, $gap, $nhm, $name, $path;
  private $cmapSeg = [], $cmap12 = [], $cmapCache = [], $kern = [], $advCache = [], $outlineCache = [];
  function __construct($path, $name) {
    $this->path = $path; $this->name = $name;
    $d = $this->d = file_get_contents($path);
    $ver = substr($d, 0, 4);
    if ($ver === 'OTTO') throw new Exception("CFF font not allowed: $path");
    $n = $this->u16(4);
    for ($i = 0; $i < $n; $i++) {
      $o = 12 + 16 * $i;
      $this->t[substr($d, $o, 4)] = [$this->u32($o + 8), $this->u32($o + 12)];
    }
    foreach (['cmap','head','hhea','hmtx','loca','glyf','maxp'] as $tag) if (!isset($this->t[$tag])) throw new Exception("missing $tag in $path");
    $h = $this->t['head'][0];
    $this->upm = $this->u16($h + 18);
    $this->locaFmt = $this->i16($h + 50);
    $this->ng = $this->u16($this->t['maxp'][0] + 4);
    $hh = $this->t['hhea'][0];
    $this->asc = $this->i16($hh + 4); $this->desc = $this->i16($hh + 6); $this->gap = $this->i16($hh + 8);
    $this->nhm = $this->u16($hh + 34);
    $this->parseCmap();
    if (isset($this->t['kern'])) $this->parseKern();
  }
  function u8($o) { return ord($this->d[$o]); }
  function u16($o) { return (ord($this->d[$o]) << 8) | ord($this->d[$o + 1]); }
  function i16($o) { $v = $this->u16($o); return $v >= 32768 ? $v - 65536 : $v; }
  function u32($o) { return (ord($this->d[$o]) << 24) | (ord($this->d[$o+1]) << 16) | (ord($this->d[$o+2]) << 8) | ord($this->d[$o+3]); }
  private function parseCmap() {
    $c = $this->t['cmap'][0]; $n = $this->u16($c + 2);
    $best = -1; $bestScore = -1;
    for ($i = 0; $i < $n; $i++) {
      $pid = $this->u16($c + 4 + 8 * $i); $eid = $this->u16($c + 6 + 8 * $i); $off = $this->u32($c + 8 + 8 * $i);
      $fmt = $this->u16($c + $off);
      $score = -1;
      if ($pid == 3 && $eid == 10 && $fmt == 12) $score = 5;
      elseif ($pid == 0 && $fmt == 12) $score = 4;
      elseif ($pid == 3 && $eid == 1 && $fmt == 4) $score = 3;
      elseif ($pid == 0 && $fmt == 4) $score = 2;
      elseif ($pid == 3 && $eid == 0 && $fmt == 4) $score = 1;
      if ($score > $bestScore) { $bestScore = $score; $best = $c + $off; }
    }
    if ($best < 0) throw new Exception("no usable cmap");
    $fmt = $this->u16($best);
    if ($fmt == 4) {
      $segX2 = $this->u16($best + 6); $segs = $segX2 / 2;
      $endO = $best + 14; $startO = $endO + $segX2 + 2; $deltaO = $startO + $segX2; $rangeO = $deltaO + $segX2;
      for ($i = 0; $i < $segs; $i++) {
        $this->cmapSeg[] = [$this->u16($startO + 2*$i), $this->u16($endO + 2*$i), $this->i16($deltaO + 2*$i), $this->u16($rangeO + 2*$i), $rangeO + 2*$i];
      }
    } else {
      $ng = $this->u32($best + 12);
      for ($i = 0; $i < $ng; $i++) { $o = $best + 16 + 12 * $i; $this->cmap12[] = [$this->u32($o), $this->u32($o+4), $this->u32($o+8)]; }
    }
  }
  function gid($cp) {
    if (isset($this->cmapCache[$cp])) return $this->cmapCache[$cp];
    $g = 0;
    if ($this->cmapSeg) {
      foreach ($this->cmapSeg as [$s, $e, $delta, $ro, $roPos]) {
        if ($cp >= $s && $cp <= $e) {
          if ($ro == 0) $g = ($cp + $delta) & 0xFFFF;
          else { $gi = $this->u16($roPos + $ro + 2 * ($cp - $s)); $g = $gi ? (($gi + $delta) & 0xFFFF) : 0; }
          break;
        }
      }
    } else {
      foreach ($this->cmap12 as [$s, $e, $sg]) if ($cp >= $s && $cp <= $e) { $g = $sg + $cp - $s; break; }
    }
    return $this->cmapCache[$cp] = $g;
  }
  private function parseKern() {
    $k = $this->t['kern'][0];
    $ver = $this->u16($k); if ($ver != 0) return;
    $n = $this->u16($k + 2); $o = $k + 4;
    for ($i = 0; $i < $n; $i++) {
      $len = $this->u16($o + 2); $cov = $this->u16($o + 4);
      $format = $cov >> 8;
      if ($format == 0 && ($cov & 1) && !($cov & 4)) {
        $np = $this->u16($o + 6);
        for ($j = 0; $j < $np; $j++) { $p = $o + 14 + 6 * $j; $this->kern[($this->u16($p) << 16) | $this->u16($p + 2)] = $this->i16($p + 4); }
      }
      $o += $len;
    }
  }
  function hasKern() { return count($this->kern) > 0; }
  function kern($l, $r) { return $this->kern[($l << 16) | $r] ?? 0; }
  function adv($g) {
    if (isset($this->advCache[$g])) return $this->advCache[$g];
    $h = $this->t['hmtx'][0];
    $i = $g < $this->nhm ? $g : $this->nhm - 1;
    return $this->advCache[$g] = $this->u16($h + 4 * $i);
  }
  function has($ch) { return $this->gid(u_ord($ch)) != 0; }
  // width of a UTF-8 string in font units (advances + kerning)
  function widthUnits($s) {
    $w = 0; $prev = -1;
    foreach (u_split($s) as $ch) {
      $g = $this->gid(u_ord($ch));
      if ($prev >= 0) $w += $this->kern($prev, $g);
      $w += $this->adv($g); $prev = $g;
    }
    return $w;
  }
  private function locaRange($g) {
    $l = $this->t['loca'][0];
    if ($this->locaFmt == 0) { $a = 2 * $this->u16($l + 2 * $g); $b = 2 * $this->u16($l + 2 * $g + 2); }
    else { $a = $this->u32($l + 4 * $g); $b = $this->u32($l + 4 * $g + 4); }
    return [$a, $b];
  }
  // returns list of contours; each contour a list of [x, y, onCurve] in font units
  function outline($g, $depth = 0) {
    if (isset($this->outlineCache[$g])) return $this->outlineCache[$g];
    if ($g >= $this->ng || $depth > 8) return [];
    [$a, $b] = $this->locaRange($g);
    if ($b <= $a) return $this->outlineCache[$g] = [];
    $o = $this->t['glyf'][0] + $a;
    $nc = $this->i16($o);
    $contours = [];
    if ($nc >= 0) {
      $ends = []; for ($i = 0; $i < $nc; $i++) $ends[] = $this->u16($o + 10 + 2 * $i);
      $np = $nc ? $ends[$nc - 1] + 1 : 0;
      $p = $o + 10 + 2 * $nc; $il = $this->u16($p); $p += 2 + $il;
      $flags = [];
      while (count($flags) < $np) {
        $f = $this->u8($p++); $flags[] = $f;
        if ($f & 8) { $r = $this->u8($p++); for ($k = 0; $k < $r; $k++) $flags[] = $f; }
      }
      $xs = []; $x = 0;
      for ($i = 0; $i < $np; $i++) { $f = $flags[$i];
        if ($f & 2) { $dx = $this->u8($p++); $x += ($f & 16) ? $dx : -$dx; }
        elseif (!($f & 16)) { $x += $this->i16($p); $p += 2; }
        $xs[] = $x; }
      $ys = []; $y = 0;
      for ($i = 0; $i < $np; $i++) { $f = $flags[$i];
        if ($f & 4) { $dy = $this->u8($p++); $y += ($f & 32) ? $dy : -$dy; }
        elseif (!($f & 32)) { $y += $this->i16($p); $p += 2; }
        $ys[] = $y; }
      $s = 0;
      foreach ($ends as $e) { $c = []; for ($i = $s; $i <= $e; $i++) $c[] = [$xs[$i], $ys[$i], $flags[$i] & 1]; $contours[] = $c; $s = $e + 1; }
    } else {
      $p = $o + 10;
      do {
        $fl = $this->u16($p); $cg = $this->u16($p + 2); $p += 4;
        if ($fl & 1) { $a1 = $this->u16($p); $a2 = $this->u16($p + 2); $p += 4; if ($fl & 2) { if ($a1 >= 32768) $a1 -= 65536; if ($a2 >= 32768) $a2 -= 65536; } }
        else { $a1 = $this->u8($p); $a2 = $this->u8($p + 1); $p += 2; if ($fl & 2) { if ($a1 >= 128) $a1 -= 256; if ($a2 >= 128) $a2 -= 256; } }
        $m = [1.0, 0.0, 0.0, 1.0];
        if ($fl & 8) { $sc = $this->i16($p) / 16384; $p += 2; $m = [$sc, 0.0, 0.0, $sc]; }
        elseif ($fl & 0x40) { $m = [$this->i16($p) / 16384, 0.0, 0.0, $this->i16($p + 2) / 16384]; $p += 4; }
        elseif ($fl & 0x80) { $m = [$this->i16($p) / 16384, $this->i16($p + 2) / 16384, $this->i16($p + 4) / 16384, $this->i16($p + 6) / 16384]; $p += 8; }
        $dx = ($fl & 2) ? $a1 : 0; $dy = ($fl & 2) ? $a2 : 0; // point matching not supported: no offset
        foreach ($this->outline($cg, $depth + 1) as $c) {
          $nc2 = [];
          foreach ($c as [$x, $y, $on]) $nc2[] = [$m[0] * $x + $m[2] * $y + $dx, $m[1] * $x + $m[3] * $y + $dy, $on];
          $contours[] = $nc2;
        }
      } while ($fl & 0x20);
    }
    return $this->outlineCache[$g] = $contours;
  }
}

// Flatten quadratic contours to polygons. $tf: function(x,y)->[px,py] in device pixels.
function flatten_contours($contours, $tf, $tol = 0.35) {
  $polys = [];
  foreach ($contours as $c) {
    $n = count($c); if ($n < 2) continue;
    // find start on-curve point
    $start = -1; for ($i = 0; $i < $n; $i++) if ($c[$i][2]) { $start = $i; break; }
    $pts = [];
    if ($start < 0) { $p0 = [($c[0][0] + $c[1][0]) / 2, ($c[0][1] + $c[1][1]) / 2]; $start = 0; $seq = $c; $first = $p0; $rot = 1; }
    else { $first = [$c[$start][0], $c[$start][1]]; $rot = $start + 1; }
    $cur = $tf($first[0], $first[1]); $pts[] = $cur; $ctrl = null;
    for ($k = 0; $k < $n; $k++) {
      $pt = $c[($rot + $k) % $n];
      $dp = $tf($pt[0], $pt[1]);
      if ($pt[2]) {
        if ($ctrl === null) { $pts[] = $dp; $cur = $dp; }
        else { quad_to($pts, $cur, $ctrl, $dp, $tol); $cur = $dp; $ctrl = null; }
      } else {
        if ($ctrl === null) $ctrl = $dp;
        else { $mid = [($ctrl[0] + $dp[0]) / 2, ($ctrl[1] + $dp[1]) / 2]; quad_to($pts, $cur, $ctrl, $mid, $tol); $cur = $mid; $ctrl = $dp; }
      }
    }
    // close back to first
    $fd = $tf($first[0], $first[1]);
    if ($ctrl !== null) quad_to($pts, $cur, $ctrl, $fd, $tol);
    $polys[] = $pts;
  }
  return $polys;
}
function quad_to(&$pts, $p0, $p1, $p2, $tol) {
  $dd = abs($p0[0] - 2 * $p1[0] + $p2[0]) + abs($p0[1] - 2 * $p1[1] + $p2[1]);
  $n = (int)ceil(sqrt($dd / (8 * $tol) + 1e-9)); if ($n < 1) $n = 1; if ($n > 24) $n = 24;
  for ($i = 1; $i <= $n; $i++) { $t = $i / $n; $u = 1 - $t;
    $pts[] = [$u*$u*$p0[0] + 2*$u*$t*$p1[0] + $t*$t*$p2[0], $u*$u*$p0[1] + 2*$u*$t*$p1[1] + $t*$t*$p2[1]]; }
}
function cubic_to(&$pts, $p0, $p1, $p2, $p3, $n = 16) {
  for ($i = 1; $i <= $n; $i++) { $t = $i / $n; $u = 1 - $t;
    $pts[] = [$u*$u*$u*$p0[0] + 3*$u*$u*$t*$p1[0] + 3*$u*$t*$t*$p2[0] + $t*$t*$t*$p3[0],
              $u*$u*$u*$p0[1] + 3*$u*$u*$t*$p1[1] + 3*$u*$t*$t*$p2[1] + $t*$t*$t*$p3[1]]; }
}

// Anti-aliased scanline rasteriser, non-zero winding, S sub-scanlines with exact horizontal span coverage.
// Returns [x0, y0, w, h, rows(strings of coverage bytes)] covering the polygons' bounding box.
function raster_polys($polys, $S = 5, $gain = 255) {
  $minx = INF; $miny = INF; $maxx = -INF; $maxy = -INF;
  foreach ($polys as $p) foreach ($p as $q) { if ($q[0] < $minx) $minx = $q[0]; if ($q[0] > $maxx) $maxx = $q[0]; if ($q[1] < $miny) $miny = $q[1]; if ($q[1] > $maxy) $maxy = $q[1]; }
  if ($minx === INF) return null;
  $x0 = (int)floor($minx); $y0 = (int)floor($miny); $w = (int)ceil($maxx) - $x0 + 1; $h = (int)ceil($maxy) - $y0 + 1;
  $edges = [];
  foreach ($polys as $p) {
    $n = count($p);
    for ($i = 0; $i < $n; $i++) {
      $a = $p[$i]; $b = $p[($i + 1) % $n];
      $ax = $a[0] - $x0; $ay = ($a[1] - $y0) * $S; $bx = $b[0] - $x0; $by = ($b[1] - $y0) * $S;
      if ($ay == $by) continue;
      if ($ay < $by) $edges[] = [$ay, $by, $ax, ($bx - $ax) / ($by - $ay), 1];
      else $edges[] = [$by, $ay, $bx, ($ax - $bx) / ($ay - $by), -1];
    }
  }
  usort($edges, fn($e1, $e2) => $e1[0] <=> $e2[0]);
  $ne = count($edges); $ei = 0; $active = [];
  $rows = []; $inv = $gain / $S;
  for ($y = 0; $y < $h; $y++) {
    $acc = array_fill(0, $w + 1, 0.0); $any = false;
    for ($s = 0; $s < $S; $s++) {
      $yc = $y * $S + $s + 0.5;
      while ($ei < $ne && $edges[$ei][0] <= $yc) $active[] = $edges[$ei++];
      $xs = []; $keep = [];
      foreach ($active as $e) {
        if ($e[1] <= $yc) continue;
        $keep[] = $e;
        if ($e[0] <= $yc) $xs[] = [$e[2] + ($yc - $e[0]) * $e[3], $e[4]];
      }
      $active = $keep;
      if (!$xs) continue;
      usort($xs, fn($p, $q) => $p[0] <=> $q[0]);
      $wind = 0; $xa = 0;
      foreach ($xs as [$x, $d]) {
        $nw = $wind + $d;
        if ($wind == 0 && $nw != 0) $xa = $x;
        elseif ($wind != 0 && $nw == 0) {
          $xb = $x; if ($xa < 0) $xa = 0; if ($xb > $w) $xb = $w;
          if ($xb > $xa) { $any = true;
            $ia = (int)$xa; $ib = (int)$xb;
            if ($ia == $ib) $acc[$ia] += $xb - $xa;
            else { $acc[$ia] += $ia + 1 - $xa; for ($i = $ia + 1; $i < $ib; $i++) $acc[$i] += 1.0; $acc[$ib] += $xb - $ib; }
          }
        }
        $wind = $nw;
      }
    }
    if (!$any) { $rows[] = str_repeat("\0", $w); continue; }
    $r = '';
    for ($i = 0; $i < $w; $i++) { $v = (int)($acc[$i] * $inv + 0.5); $r .= chr($v > 255 ? 255 : $v); }
    $rows[] = $r;
  }
  return [$x0, $y0, $w, $h, $rows];
}
function u_split($s) { return preg_split('//u', $s, -1, PREG_SPLIT_NO_EMPTY); }
function u_ord($c) { $b = ord($c[0]); if ($b < 0x80) return $b; if ($b < 0xE0) return (($b & 0x1F) << 6) | (ord($c[1]) & 0x3F);
  if ($b < 0xF0) return (($b & 0x0F) << 12) | ((ord($c[1]) & 0x3F) << 6) | (ord($c[2]) & 0x3F); return (($b & 0x07) << 18) | ((ord($c[1]) & 0x3F) << 12) | ((ord($c[2]) & 0x3F) << 6) | (ord($c[3]) & 0x3F); }
