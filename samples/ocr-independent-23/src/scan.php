<?php
require_once __DIR__ . '/canvas.php';
// Scanner / copier / fax simulation on row strings. Returns ['kind'=>grey|rgb|bilevel,'w','h','rows','xdpi','ydpi'].
function noise_pool($rng, $n) { $s = ''; for ($i = 0; $i < $n; $i += 4) $s .= pack('V', $rng->u32()); return substr($s, 0, $n); }
function lum($c) { return 0.299 * $c[0] + 0.587 * $c[1] + 0.114 * $c[2]; }

function scan_page(Page $pg, array $P, $seed) {
  $rng = new Rng($seed . '|scan'); $W = $pg->W; $H = $pg->H; $A = all256();
  $pool = noise_pool($rng, 65536 + $W + 8);
  $k = $pg->k;
  // ---- ink-level effects ----
  if (!empty($P['toner_loss'])) {
    $tl = $P['toner_loss']; $nb = (int)(($W * $H) / 250000 * $tl * 6) + 3;
    for ($b = 0; $b < $nb; $b++) {
      $cx = $rng->int(0, $W - 1); $cy = $rng->int(0, $H - 1); $rx = $rng->range(15, 140) * $pg->dpi / 300; $ry = $rx * $rng->range(0.3, 1.2);
      $f = $rng->range(0.35, 0.75); $lut = lut_str(fn($v) => $v * $f);
      for ($y = max(0, (int)($cy - $ry)); $y < min($H, (int)($cy + $ry)); $y++) { $t = ($y - $cy) / $ry; $hw = $rx * sqrt(max(0, 1 - $t * $t)); $x0 = max(0, (int)($cx - $hw)); $x1 = min($W, (int)($cx + $hw)); if ($x1 <= $x0) continue;
        $k[$y] = substr_replace($k[$y], strtr(substr($k[$y], $x0, $x1 - $x0), $A, $lut), $x0, $x1 - $x0); }
    }
    $thr = (int)(255 * $tl * 0.5); $mlut = lut_str(fn($v) => $v < $thr ? 0x2F : 0xFF);
    for ($y = 0; $y < $H; $y++) { $o = (($y * 7919) ^ ($y >> 3) * 131) & 65535; $k[$y] = $k[$y] & strtr(substr($pool, $o, $W), $A, $mlut); }
  }
  if (!empty($P['darken'])) {
    $d = $P['darken']; $lut = lut_str(fn($v) => $v * (1 + $d) + ($v > 20 ? 30 * $d : 0));
    for ($y = 0; $y < $H; $y++) { $r = strtr($k[$y], $A, $lut); if ($d > 0.4) $r = $r | ("\0" . substr($r, 0, -1)); $k[$y] = $r; }
    if ($d > 0.4) for ($y = $H - 1; $y > 0; $y--) $k[$y] = $k[$y] | $k[$y - 1];
  }
  if (!empty($P['bleed'])) {
    $bl = $P['bleed']; $lut = lut_str(fn($v) => $v * $bl * 0.22); $off = $rng->int((int)($H * 0.1), (int)($H * 0.4));
    $src = $P['bleed_src'] ?? $pg->k;
    for ($y = 0; $y < $H; $y++) { $sy = ($y + $off) % $H; $r = strtr(strrev($src[$sy]), $A, $lut); $r = $r | ("\0\0" . substr($r, 0, -2)); $k[$y] = $k[$y] | $r; }
  }
  if (!empty($P['dust'])) {
    $dl = lut_str(fn($v) => $v >= 255 - $P['dust'] ? 150 + ($v & 63) : 0);
    for ($y = 0; $y < $H; $y++) { $o = (($y * 4099) + 17) & 65535; $k[$y] = $k[$y] | strtr(substr($pool, $o, $W), $A, $dl); }
  }
  // ---- composite to channels (planar) ----
  $color = $P['color'] === 'rgb'; $nch = $color ? 3 : 1;
  $paper = $P['paper'] ?? [250, 250, 247]; $ink = $P['ink'] ?? [25, 25, 30];
  $ch = [];
  if ($color) { for ($c = 0; $c < 3; $c++) { $pc = $paper[$c]; $ic = $ink[$c]; $lut = lut_str(fn($v) => $pc - $v / 255 * ($pc - $ic)); $ch[$c] = array_map(fn($r) => strtr($r, $A, $lut), $k); } }
  else { $pl = lum($paper); $il = lum($ink); $lut = lut_str(fn($v) => $pl - $v / 255 * ($pl - $il)); $ch[0] = array_map(fn($r) => strtr($r, $A, $lut), $k); }
  unset($k);
  foreach ($pg->layers as $L) {
    $fac = $color ? [$L->rgb[0] / 255, $L->rgb[1] / 255, $L->rgb[2] / 255] : [lum($L->rgb) / 255];
    $op = $L->opacity ?? 1.0;
    for ($j = 0; $j < $L->h; $j++) {
      $lr = $L->rows[$j]; if (strspn($lr, "\0") == $L->w) continue; $y = $L->y0 + $j; if ($y >= $H) break;
      for ($c = 0; $c < $nch; $c++) {
        $row = $ch[$c][$y]; $f1 = 1 - $fac[$c];
        for ($i = 0; $i < $L->w; $i++) { $a = ord($lr[$i]); if (!$a) continue; $x = $L->x0 + $i; if ($x >= $W) break;
          $row[$x] = chr((int)(ord($row[$x]) * (1 - $a * $op / 255 * $f1))); }
        $ch[$c][$y] = $row;
      }
    }
  }
  // ---- geometry: skew + offset (bilinear) ----
  $skew = $P['skew'] ?? 0.0; $lid = $P['lid'] ?? [250, 250, 250];
  if (abs($skew) > 0.01 || !empty($P['shift'])) {
    $th = deg2rad($skew); $cs = cos($th); $sn = sin($th); $cx = $W / 2; $cy = $H / 2; [$ox, $oy] = $P['shift'] ?? [0, 0];
    for ($c = 0; $c < $nch; $c++) {
      $src = $ch[$c]; $bg = $color ? $lid[$c] : (int)lum($lid); $bgc = chr($bg); $out = [];
      for ($y = 0; $y < $H; $y++) {
        $u = $cx + (0 - $cx) * $cs + ($y - $cy) * $sn + $ox; $v = $cy - (0 - $cx) * $sn + ($y - $cy) * $cs + $oy; $o = '';
        for ($x = 0; $x < $W; $x++, $u += $cs, $v -= $sn) {
          $iu = (int)floor($u); $iv = (int)floor($v);
          if ($iu < 0 || $iv < 0 || $iu >= $W - 1 || $iv >= $H - 1) { $o .= $bgc; continue; }
          $r0 = $src[$iv]; $r1 = $src[$iv + 1]; $a = ord($r0[$iu]); $b = ord($r0[$iu + 1]); $c2 = ord($r1[$iu]); $d = ord($r1[$iu + 1]);
          if ($a == $b && $c2 == $d && $a == $c2) { $o .= $r0[$iu]; continue; }
          $fu = $u - $iu; $fv = $v - $iv; $t = $a + ($b - $a) * $fu; $t2 = $c2 + ($d - $c2) * $fu;
          $o .= chr((int)($t + ($t2 - $t) * $fv + 0.5));
        }
        $out[] = $o;
      }
      $ch[$c] = $out;
    }
  }
  // ---- lighting, edge / fold shadows, streaks, sensor noise ----
  $colf = array_fill(0, $W, 1.0);
  $lg = $P['light'] ?? 0.0; $lx = $rng->range(-1, 1);
  for ($x = 0; $x < $W; $x++) $colf[$x] = 1 - $lg * (0.5 + 0.5 * $lx * (2 * $x / $W - 1));
  if (!empty($P['edge'])) { $ew = (int)($W * 0.05); $side = $P['edge_side'] ?? 'left';
    for ($i = 0; $i < $ew; $i++) { $f = 1 - $P['edge'] * pow(1 - $i / $ew, 2); $x = $side === 'left' ? $i : $W - 1 - $i; $colf[$x] *= $f; } }
  if (!empty($P['fold'])) { $fx = (int)($W * $rng->range(0.45, 0.55)); $fw = $W * 0.06;
    for ($x = 0; $x < $W; $x++) { $t = ($x - $fx) / $fw; $colf[$x] *= 1 - $P['fold'] * exp(-$t * $t * 2); } }
  if (!empty($P['streaks'])) for ($i = 0; $i < $P['streaks']; $i++) { $x0 = $rng->int(0, $W - 8); $sw = $rng->int(1, 6); $f = $rng->range(0.55, 0.9); for ($x = $x0; $x < $x0 + $sw; $x++) $colf[$x] *= $f; }
  $amp = $P['noise'] ?? 4.0; $topShadow = $P['top_shadow'] ?? 0.0;
  for ($y = 0; $y < $H; $y++) {
    $rowf = 1.0; if ($topShadow) { $t = $y / ($H * 0.04); if ($t < 1) $rowf = 1 - $topShadow * (1 - $t) * (1 - $t); }
    $no = (($y * 40503) >> 2) & 65535;
    for ($c = 0; $c < $nch; $c++) {
      $r = $ch[$c][$y]; $o = '';
      for ($x = 0; $x < $W; $x++) { $v = (int)(ord($r[$x]) * $colf[$x] * $rowf + (ord($pool[$no + $x]) - 128) * $amp / 128); $o .= chr($v < 0 ? 0 : ($v > 255 ? 255 : $v)); }
      $ch[$c][$y] = $o;
    }
  }
  // ---- blur (separable 1-2-1) ----
  for ($p = 0; $p < ($P['blur'] ?? 0); $p++) for ($c = 0; $c < $nch; $c++) $ch[$c] = blur121($ch[$c], $W, $H);
  $xdpi = $pg->dpi; $ydpi = $pg->dpi;
  // ---- fax: 200x100 standard mode, banding, dropouts ----
  if (!empty($P['fax'])) {
    for ($c = 0; $c < $nch; $c++) { $n = []; for ($y = 0; $y < $H; $y += 2) $n[] = $ch[$c][$y]; $ch[$c] = $n; }
    $H = count($ch[0]); $ydpi = intdiv($pg->dpi, 2);
    $band = $rng->range(8, 30); $bl = lut_str(fn($v) => $v - 22); $bl2 = lut_str(fn($v) => $v + 18);
    for ($y = 0; $y < $H; $y++) {
      $ph = sin($y / $band); if ($ph > 0.85) $ch[0][$y] = strtr($ch[0][$y], $A, $bl); elseif ($ph < -0.9) $ch[0][$y] = strtr($ch[0][$y], $A, $bl2);
      if ($y > 0 && $rng->chance(0.004)) $ch[0][$y] = $ch[0][$y - 1];
    }
  }
  // ---- output kind ----
  if ($P['out'] === 'bilevel') {
    $thr = $P['thr'] ?? 150; $lut = lut_str(fn($v) => $v < $thr ? 1 : 0); $rows = array_map(fn($r) => strtr($r, $A, $lut), $ch[0]);
    if (!empty($P['fax'])) for ($i = 0; $i < 3; $i++) { $y = $rng->int(0, $H - 1); $rows[$y] = str_repeat("\1", $rng->int(40, $W)) . str_repeat("\0", $W); $rows[$y] = substr($rows[$y], 0, $W); }
    $planes = [$rows]; $kind = 'bilevel';
  } elseif ($P['out'] === 'rgb') { $planes = $ch; $kind = 'rgb'; }
  else { $planes = [$ch[0]]; $kind = 'grey';
    if ($color) { $g = []; for ($y = 0; $y < $H; $y++) { $o = ''; $r = $ch[0][$y]; $gg = $ch[1][$y]; $b = $ch[2][$y]; for ($x = 0; $x < $W; $x++) $o .= chr((int)(0.299 * ord($r[$x]) + 0.587 * ord($gg[$x]) + 0.114 * ord($b[$x]))); $g[] = $o; } $planes = [$g]; } }
  // ---- right-angle rotation (clockwise) ----
  $rot = $P['rot'] ?? 0;
  if ($rot) { foreach ($planes as $i => $pl) $planes[$i] = rotate_rows($pl, $W, $H, $rot); if ($rot != 180) { [$W, $H] = [$H, $W]; [$xdpi, $ydpi] = [$ydpi, $xdpi]; } }
  if ($kind === 'rgb') { $rows = []; for ($y = 0; $y < $H; $y++) { $r = $planes[0][$y]; $g = $planes[1][$y]; $b = $planes[2][$y]; $o = ''; for ($x = 0; $x < $W; $x++) $o .= $r[$x] . $g[$x] . $b[$x]; $rows[] = $o; } }
  else $rows = $planes[0];
  return ['kind' => $kind, 'w' => $W, 'h' => $H, 'rows' => $rows, 'xdpi' => $xdpi, 'ydpi' => $ydpi, 'ch' => $kind === 'rgb' ? 3 : 1];
}
function blur121($rows, $W, $H) {
  $tmp = [];
  foreach ($rows as $r) { $a = unpack('C*', $r); $o = ''; $o .= $r[0];
    for ($x = 2; $x < $W; $x++) $o .= chr(($a[$x - 1] + 2 * $a[$x] + $a[$x + 1] + 2) >> 2); $o .= $r[$W - 1]; $tmp[] = $o; }
  $out = [$tmp[0]];
  for ($y = 1; $y < $H - 1; $y++) { $p = unpack('C*', $tmp[$y - 1]); $c = unpack('C*', $tmp[$y]); $n = unpack('C*', $tmp[$y + 1]); $o = '';
    for ($x = 1; $x <= $W; $x++) $o .= chr(($p[$x] + 2 * $c[$x] + $n[$x] + 2) >> 2); $out[] = $o; }
  $out[] = $tmp[$H - 1]; return $out;
}
function rotate_rows($rows, $W, $H, $rot) {
  if ($rot == 180) return array_map('strrev', array_reverse($rows));
  $cols = array_fill(0, $W, '');
  if ($rot == 90) { for ($y = $H - 1; $y >= 0; $y--) { $r = $rows[$y]; for ($x = 0; $x < $W; $x++) $cols[$x] .= $r[$x]; } return $cols; }
  // 270: new row y' = source column W-1-y', top to bottom
  for ($y = 0; $y < $H; $y++) { $r = $rows[$y]; for ($x = 0; $x < $W; $x++) $cols[$x] .= $r[$x]; }
  return array_reverse($cols);
}
