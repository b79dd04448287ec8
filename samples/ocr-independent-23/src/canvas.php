<?php
// Page canvas: ink layers as arrays of row strings (darkness 0..255). Drawing in points, rendered at dpi.
require_once __DIR__ . '/ttf.php';

class Rng { // xorshift128, seeded from FNV-1a 32 of a string
  private $x, $y, $z, $w;
  function __construct($seed) {
    $h = 2166136261; $n = strlen($seed);
    for ($i = 0; $i < $n; $i++) { $h ^= ord($seed[$i]); $h = ($h * 16777619) & 0xFFFFFFFF; }
    $this->x = $h ^ 0x9E3779B9; $this->y = ($h * 69069 + 1) & 0xFFFFFFFF; $this->z = ($h ^ 0x7F4A7C15) | 1; $this->w = 88675123 ^ $h;
    for ($i = 0; $i < 16; $i++) $this->u32();
  }
  function u32() {
    $t = ($this->x ^ (($this->x << 11) & 0xFFFFFFFF)) & 0xFFFFFFFF;
    $this->x = $this->y; $this->y = $this->z; $this->z = $this->w;
    $this->w = ($this->w ^ ($this->w >> 19) ^ ($t ^ ($t >> 8))) & 0xFFFFFFFF;
    return $this->w;
  }
  function f() { return $this->u32() / 4294967296.0; }
  function int($a, $b) { return $a + (int)($this->f() * ($b - $a + 1)); }
  function range($a, $b) { return $a + ($b - $a) * $this->f(); }
  function pick($arr) { return $arr[(int)($this->f() * count($arr))]; }
  function chance($p) { return $this->f() < $p; }
  function gauss() { $s = 0; for ($i = 0; $i < 6; $i++) $s += $this->f(); return ($s - 3) / 0.7071; }
  function shuffle($a) { for ($i = count($a) - 1; $i > 0; $i--) { $j = (int)($this->f() * ($i + 1)); $t = $a[$i]; $a[$i] = $a[$j]; $a[$j] = $t; } return $a; }
}

class Fonts {
  static $f = [];
  static $files = [
    'sans' => ['/usr/share/fonts/truetype/aboriginal/AboriginalSansREGULAR9433.ttf', 'Aboriginal Sans'],
    'sansb' => ['/usr/share/fonts/truetype/aboriginal/AboriginalSansBOLD9433.ttf', 'Aboriginal Sans Bold'],
    'sansi' => ['/usr/share/fonts/truetype/aboriginal/AboriginalSansITALIC9433.ttf', 'Aboriginal Sans Italic'],
    'serif' => ['/usr/share/fonts/truetype/aboriginal/AboriginalSerifREGULAR943.ttf', 'Aboriginal Serif'],
    'serifb' => ['/usr/share/fonts/truetype/aboriginal/AboriginalSerifBOLD943.ttf', 'Aboriginal Serif Bold'],
    'serifi' => ['/usr/share/fonts/truetype/aboriginal/AboriginalSerifITALIC943.ttf', 'Aboriginal Serif Italic'],
    'thin' => ['/usr/share/fonts/truetype/horai-umefont/ume-pmo3.ttf', 'Ume P Mincho'],
    'gothic' => ['/usr/share/fonts/truetype/horai-umefont/ume-pgo4.ttf', 'Ume P Gothic'],
    'monog' => ['/usr/share/fonts/truetype/horai-umefont/ume-tgo4.ttf', 'Ume Gothic (monospace)'],
    'monom' => ['/usr/share/fonts/truetype/horai-umefont/ume-tmo3.ttf', 'Ume Mincho (monospace)'],
    'hand' => ['/usr/share/fonts/truetype/aenigma/aescrawl.ttf', 'AE Scrawl (aenigma)'],
    'hand2' => ['/usr/share/fonts/truetype/aenigma/madscrwl.ttf', 'Mad Scrawl (aenigma)'],
  ];
  static function get($k) {
    if (!isset(self::$f[$k])) { [$p, $n] = self::$files[$k]; self::$f[$k] = new TTF($p, $n); }
    return self::$f[$k];
  }
}

function lut_str($f) { $s = ''; for ($i = 0; $i < 256; $i++) { $v = (int)round($f($i)); $s .= chr($v < 0 ? 0 : ($v > 255 ? 255 : $v)); } return $s; }
function all256() { static $a = null; if ($a === null) { $a = ''; for ($i = 0; $i < 256; $i++) $a .= chr($i); } return $a; }
function orient_ccw($poly) { $a = 0; $n = count($poly); for ($i = 0; $i < $n; $i++) { $p = $poly[$i]; $q = $poly[($i + 1) % $n]; $a += $p[0] * $q[1] - $q[0] * $p[1]; } return $a < 0 ? array_reverse($poly) : $poly; }
function circle_poly($cx, $cy, $r, $n = 0, $jit = null) { if (!$n) $n = max(8, min(96, (int)($r * 1.5))); $p = [];
  for ($i = 0; $i < $n; $i++) { $a = 2 * M_PI * $i / $n; $rr = $jit ? $r * (1 + $jit[$i % count($jit)]) : $r; $p[] = [$cx + $rr * cos($a), $cy + $rr * sin($a)]; } return $p; }
// stroke a polyline (pixel coords) of width lw as union of consistently oriented quads and round joints
function stroke_polys($pts, $lw, $round = true) {
  $polys = []; $h = $lw / 2; $n = count($pts);
  for ($i = 0; $i + 1 < $n; $i++) {
    [$x0, $y0] = $pts[$i]; [$x1, $y1] = $pts[$i + 1]; $dx = $x1 - $x0; $dy = $y1 - $y0; $l = sqrt($dx * $dx + $dy * $dy); if ($l < 1e-6) continue;
    $nx = -$dy / $l * $h; $ny = $dx / $l * $h;
    $polys[] = orient_ccw([[$x0 + $nx, $y0 + $ny], [$x1 + $nx, $y1 + $ny], [$x1 - $nx, $y1 - $ny], [$x0 - $nx, $y0 - $ny]]);
  }
  if ($round && $h >= 0.7) foreach ($pts as [$x, $y]) $polys[] = orient_ccw(circle_poly($x, $y, $h, max(6, (int)($h * 2))));
  return $polys;
}

class Layer { public $x0, $y0, $w, $h, $rows, $rgb, $name, $opacity = 1.0;
  function __construct($name, $rgb, $x0, $y0, $w, $h) { $this->name = $name; $this->rgb = $rgb; $this->x0 = $x0; $this->y0 = $y0; $this->w = $w; $this->h = $h; $this->rows = array_fill(0, $h, str_repeat("\0", $w)); }
}

class Page {
  public $wpt, $hpt, $dpi, $s, $W, $H, $k, $layers = [], $gt = [], $overlay = [], $rng, $fonts = [], $ydpi;
  public $style = 'normal'; public $tw = []; public $boxes = []; public $sizeName = 'A4'; // typewriter params
  static $gcache = [];
  function __construct($wpt, $hpt, $dpi, $seed) {
    $this->wpt = $wpt; $this->hpt = $hpt; $this->dpi = $dpi; $this->s = $dpi / 72.0;
    $this->W = (int)round($wpt * $this->s); $this->H = (int)round($hpt * $this->s);
    $this->k = array_fill(0, $this->H, str_repeat("\0", $this->W));
    $this->rng = new Rng($seed);
  }
  function px($pt) { return $pt * $this->s; }
  // OR-blit a bitmap into rows (target array by reference) with clipping
  static function blit(&$rows, $tw, $th, $x, $y, $bm, $bw, $bh) {
    for ($j = 0; $j < $bh; $j++) {
      $yy = $y + $j; if ($yy < 0 || $yy >= $th) continue;
      $sx = 0; $dx = $x; $len = $bw;
      if ($dx < 0) { $sx = -$dx; $len += $dx; $dx = 0; }
      if ($dx + $len > $tw) $len = $tw - $dx;
      if ($len <= 0) continue;
      $seg = $sx || $len != $bw ? substr($bm[$j], $sx, $len) : $bm[$j];
      if (strspn($seg, "\0") == $len) continue;
      $rows[$yy] = substr_replace($rows[$yy], substr($rows[$yy], $dx, $len) | $seg, $dx, $len);
    }
  }
  function blitTo($layer, $x, $y, $bm, $bw, $bh) {
    if ($layer === null) self::blit($this->k, $this->W, $this->H, $x, $y, $bm, $bw, $bh);
    else self::blit($layer->rows, $layer->w, $layer->h, $x - $layer->x0, $y - $layer->y0, $bm, $bw, $bh);
  }
  function fillPolysPx($polys, $layer = null, $dark = 255) {
    $r = raster_polys($polys, 4, $dark); if (!$r) return;
    [$x0, $y0, $w, $h, $rows] = $r; $this->blitTo($layer, $x0, $y0, $rows, $w, $h);
  }
  function rect($x, $y, $w, $h, $dark = 255, $layer = null) { // filled, points
    $x0 = (int)round($this->px($x)); $y0 = (int)round($this->px($y)); $x1 = (int)round($this->px($x + $w)); $y1 = (int)round($this->px($y + $h));
    if ($x1 <= $x0) $x1 = $x0 + 1; if ($y1 <= $y0) $y1 = $y0 + 1;
    $row = str_repeat(chr($dark), $x1 - $x0); $bm = array_fill(0, $y1 - $y0, $row);
    $this->blitTo($layer, $x0, $y0, $bm, $x1 - $x0, $y1 - $y0);
  }
  function hline($x1, $x2, $y, $lw = 0.6, $dark = 255) { $this->rect($x1, $y - $lw / 2, $x2 - $x1, $lw, $dark); }
  function vline($x, $y1, $y2, $lw = 0.6, $dark = 255) { $this->rect($x - $lw / 2, $y1, $lw, $y2 - $y1, $dark); }
  function box($x, $y, $w, $h, $lw = 0.6, $dark = 255) { $this->hline($x, $x + $w, $y, $lw, $dark); $this->hline($x, $x + $w, $y + $h, $lw, $dark); $this->vline($x, $y, $y + $h, $lw, $dark); $this->vline($x + $w, $y, $y + $h, $lw, $dark); }
  function tickbox($x, $y, $sz, $checked, $kind = 'x') { // y = top
    $this->box($x, $y, $sz, $sz, 0.7);
    if ($checked) { $s = $this->s; $j = fn() => $this->rng->range(-0.08, 0.08) * $sz * $s;
      if ($kind === 'x') { $a = [[($x + $sz * .2) * $s + $j(), ($y + $sz * .2) * $s + $j()], [($x + $sz * .8) * $s + $j(), ($y + $sz * .8) * $s + $j()]]; $b = [[($x + $sz * .8) * $s + $j(), ($y + $sz * .2) * $s + $j()], [($x + $sz * .2) * $s + $j(), ($y + $sz * .8) * $s + $j()]];
        $this->fillPolysPx(array_merge(stroke_polys($a, 1.1 * $s), stroke_polys($b, 1.1 * $s))); }
      else $this->fillPolysPx(stroke_polys([[($x + $sz * .15) * $s, ($y + $sz * .55) * $s], [($x + $sz * .42) * $s, ($y + $sz * .85) * $s], [($x + $sz * .9) * $s, ($y + $sz * .1) * $s]], 1.2 * $s)); }
  }
  function layer($name, $rgb, $xpt, $ypt, $wpt, $hpt) {
    $x0 = max(0, (int)floor($this->px($xpt))); $y0 = max(0, (int)floor($this->px($ypt)));
    $x1 = min($this->W, (int)ceil($this->px($xpt + $wpt))); $y1 = min($this->H, (int)ceil($this->px($ypt + $hpt)));
    $l = new Layer($name, $rgb, $x0, $y0, max(1, $x1 - $x0), max(1, $y1 - $y0)); $this->layers[] = $l; return $l;
  }
  // ---- text ----
  function glyph($fk, $g, $px, $style) {
    $key = "$fk|$g|" . sprintf('%.2f', $px) . "|$style";
    if (isset(self::$gcache[$key])) return self::$gcache[$key];
    $f = Fonts::get($fk); $sc = $px / $f->upm;
    if ($style === 'dot') { // dot matrix: rasterise on a coarse grid then stamp dots
      $pitch = $px / 15.0; $gs = $sc / $pitch;
      $pol = flatten_contours($f->outline($g), fn($x, $y) => [$x * $gs, -$y * $gs]);
      $r = $pol ? raster_polys($pol, 4) : null; if (!$r) return self::$gcache[$key] = null;
      [$gx0, $gy0, $gw, $gh, $grows] = $r; $rad = $pitch * 0.66; $polys = [];
      for ($j = 0; $j < $gh; $j++) for ($i = 0; $i < $gw; $i++) if (ord($grows[$j][$i]) > 75) $polys[] = circle_poly(($gx0 + $i + 0.5) * $pitch, ($gy0 + $j + 0.5) * $pitch, $rad, 10);
      $r = $polys ? raster_polys($polys, 4) : null;
    } else {
      $pol = flatten_contours($f->outline($g), fn($x, $y) => [$x * $sc, -$y * $sc]);
      $r = $pol ? raster_polys($pol, 4) : null;
    }
    return self::$gcache[$key] = $r;
  }
  function textWidth($str, $fk, $size) { return Fonts::get($fk)->widthUnits($str) * $size / Fonts::get($fk)->upm; }
  function fit($str, $fk) { // replace characters missing in font
    $f = Fonts::get($fk); $o = '';
    foreach (u_split($str) as $ch) { if ($ch === ' ' || $f->has($ch)) $o .= $ch; else $o .= ['’' => "'", '–' => '-', '£' => 'GBP ', '°' => ' deg', 'é' => 'e'][$ch] ?? '?'; }
    return $o;
  }
  // draw one line at baseline y (points). opts: align l|r|c, gt (bool), style normal|type|dot, layer, dark
  function text($x, $y, $str, $fk, $size, $o = []) {
    $str = $this->fit($str, $fk); $f = Fonts::get($fk); $this->fonts[$f->name] = 1;
    $w = $this->textWidth($str, $fk, $size); $al = $o['align'] ?? 'l';
    if ($al === 'r') $x -= $w; elseif ($al === 'c') $x -= $w / 2;
    $style = $o['style'] ?? $this->style; $layer = $o['layer'] ?? null; $dark = $o['dark'] ?? 255;
    $px = $size * $this->s; $sc = $px / $f->upm; $pen = $x * $this->s; $by = $y * $this->s; $prev = -1;
    $lut = $dark < 255 ? lut_str(fn($v) => $v * $dark / 255) : null;
    foreach (u_split($str) as $ch) {
      $g = $f->gid(u_ord($ch));
      if ($prev >= 0) $pen += $f->kern($prev, $g) * $sc;
      if ($ch !== ' ') {
        $gb = $this->glyph($fk, $g, $px, $style === 'dot' ? 'dot' : 'n');
        if ($gb) { [$gx, $gy, $gw, $gh, $rows] = $gb; $ox = 0; $oy = 0; $l2 = $lut;
          if ($style === 'type') { $oy = $this->rng->chance(0.25) ? $this->rng->int(-1, 1) : 0; $ox = $this->rng->chance(0.15) ? $this->rng->int(-1, 1) : 0;
            $fct = $this->rng->range(0.55, 1.0) * $dark / 255; $l2 = lut_str(fn($v) => min(255, $v * $fct * 1.15)); }
          if ($l2) $rows = array_map(fn($r) => strtr($r, all256(), $l2), $rows);
          $this->blitTo($layer, (int)round($pen) + $gx + $ox, (int)round($by) + $gy + $oy, $rows, $gw, $gh);
          if ($style === 'type' && $this->rng->chance(0.08)) { $ghost = array_map(fn($r) => strtr($r, all256(), lut_str(fn($v) => $v * 0.35)), $rows); $this->blitTo($layer, (int)round($pen) + $gx + $ox + 1, (int)round($by) + $gy + $oy, $ghost, $gw, $gh); }
        }
      }
      $pen += $f->adv($g) * $sc; $prev = $g;
    }
    if ($o['gt'] ?? true) $this->gt[] = $str;
    if ($layer === null) $this->boxes[] = [$x, $y, $w, $size, $str];
    return $w;
  }
  function gtline($s) { $this->gt[] = $s; }
  // table row: cells [[x, text, align?], ...] drawn with one font; GT = cells joined by a space
  function row($y, $cells, $fk, $size, $o = []) {
    $parts = [];
    foreach ($cells as $c) { if ($c[1] === '' || $c[1] === null) continue; $fk2 = $c[3] ?? $fk; $this->text($c[0], $y, $c[1], $fk2, $size, ['align' => $c[2] ?? 'l', 'gt' => false] + $o); $parts[] = $this->fit($c[1], $fk2); }
    if ($parts && ($o['gt'] ?? true)) $this->gt[] = implode(' ', $parts);
  }
  function wrap($str, $fk, $size, $maxw) {
    $str = $this->fit($str, $fk); $words = explode(' ', $str); $lines = []; $cur = '';
    foreach ($words as $wd) { if ($wd === '') continue; $t = $cur === '' ? $wd : "$cur $wd";
      if ($cur !== '' && $this->textWidth($t, $fk, $size) > $maxw) { $lines[] = $cur; $cur = $wd; } else $cur = $t; }
    if ($cur !== '') $lines[] = $cur; return $lines;
  }
  function para($x, $y, $maxw, $str, $fk, $size, $lead = null, $o = []) {
    $lead = $lead ?? $size * 1.3;
    foreach ($this->wrap($str, $fk, $size, $maxw) as $ln) { $this->text($x, $y, $ln, $fk, $size, $o); $y += $lead; }
    return $y;
  }
  // ---- overlays (not in GT) ----
  // text drawn with arbitrary rotation/jitter via direct outline rasterisation into a layer
  function freeText($layer, $x, $y, $str, $fk, $size, $angleDeg = 0, $jitter = 0.0) {
    $str = $this->fit($str, $fk); $f = Fonts::get($fk); $this->fonts[$f->name] = 1; $s = $this->s; $sc = $size * $s / $f->upm;
    $a = deg2rad($angleDeg); $ca = cos($a); $sa = sin($a); $pen = 0.0; $prev = -1; $polys = [];
    foreach (u_split($str) as $ch) {
      $g = $f->gid(u_ord($ch)); if ($prev >= 0) $pen += $f->kern($prev, $g) * $sc;
      $ga = $jitter ? $this->rng->range(-$jitter, $jitter) * 0.08 : 0; $gs = $jitter ? 1 + $this->rng->range(-$jitter, $jitter) * 0.08 : 1; $gy = $jitter ? $this->rng->range(-$jitter, $jitter) * $size * $s * 0.06 : 0;
      $cg = cos($ga); $sg = sin($ga); $p0 = $pen;
      $tf = function ($ux, $uy) use ($sc, $gs, $cg, $sg, $p0, $gy, $ca, $sa, $x, $y, $s) {
        $lx = $ux * $sc * $gs; $ly = -$uy * $sc * $gs; $rx = $lx * $cg - $ly * $sg + $p0; $ry = $lx * $sg + $ly * $cg + $gy;
        return [$x * $s + $rx * $ca - $ry * $sa, $y * $s + $rx * $sa + $ry * $ca]; };
      foreach (flatten_contours($f->outline($g), $tf) as $p) $polys[] = $p;
      $pen += $f->adv($g) * $sc * $gs; $prev = $g;
    }
    if ($polys) $this->fillPolysPx($polys, $layer);
    return $pen / $s;
  }
  function strokePt($layer, $ptsPt, $lwPt, $dark = 255) { $p = array_map(fn($q) => [$q[0] * $this->s, $q[1] * $this->s], $ptsPt); $this->fillPolysPx(stroke_polys($p, $lwPt * $this->s), $layer, $dark); }
}
