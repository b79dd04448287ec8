<?php
require_once __DIR__ . '/canvas.php';
require_once __DIR__ . '/data.php';
const SIZES = ['A4' => [595.28, 841.89], 'Letter' => [612.0, 792.0], 'A5' => [419.53, 595.28], 'DL' => [595.28, 280.63]];

class Doc {
  public $spec, $rng, $p, $gp, $h, $date, $pages = [], $meta, $id;
  function __construct($spec) {
    $this->spec = $spec; $this->id = $spec['id']; $this->rng = $r = new Rng('ocr23|' . $spec['id'] . '|content');
    $y = $spec['year'];
    $this->date = rand_date($r, $y, $y);
    $this->p = gen_patient($r, $y);
    $need = ['Gynaecology' => 'F', 'Urology' => 'M'][SCEN[$spec['scen'] % count(SCEN)][0]] ?? null;
    if ($need && $this->p['sex'] !== $need) { $q = new Rng('ocr23|' . $spec['id'] . '|sexfix'); // keep the scenario clinically plausible
      $this->p['sex'] = $need; $this->p['first'] = $q->pick($need == 'M' ? FIRST_M : FIRST_F); $this->p['title'] = $need == 'M' ? 'Mr' : $q->pick(['Mrs', 'Ms', 'Miss']); }
    $this->p['age'] = age_at($this->p['dob'], $this->date);
    $this->gp = gen_gp($r); $this->h = gen_hosp($r);
    $this->meta = ['distractors' => [], 'overlay_text_not_in_gt' => [], 'nhs_as_printed' => null, 'dob_as_printed' => null, 'nhs_printed' => false, 'dob_printed' => false];
  }
  function page($size = null) {
    $i = count($this->pages); $ps = $this->spec['pagespec'][min($i, count($this->spec['pagespec']) - 1)];
    $size = $size ?? ($ps['size'] ?? 'A4'); [$w, $h] = SIZES[$size];
    $dpi = $ps['dpi'];
    $pg = new Page($w, $h, $dpi, 'ocr23|' . $this->id . '|p' . $i); $pg->sizeName = $size; $pg->style = $this->spec['style'] ?? 'normal';
    $this->pages[] = $pg; return $pg;
  }
  function nhs($label = null, $st = null) { // printed NHS number string (label + value)
    $st = $st ?? $this->spec['nhs_style'] ?? 0; $label = $label ?? ($this->spec['nhs_label'] ?? 'NHS No:');
    $s = preg_replace('/\s+/', ' ', trim("$label " . fmt_nhs($this->p['nhs'], $st))); if (!$this->meta['nhs_as_printed']) $this->meta['nhs_as_printed'] = $s; $this->meta['nhs_printed'] = true; return $s; }
  function nhsv($st = null) { $v = fmt_nhs($this->p['nhs'], $st ?? $this->spec['nhs_style'] ?? 0); $this->meta['nhs_printed'] = true; return $v; }
  function dob($label = null, $st = null) {
    $st = $st ?? $this->spec['dob_style'] ?? 'dmy/'; $label = $label ?? ($this->spec['dob_label'] ?? 'DOB:');
    $s = preg_replace('/\s+/', ' ', trim("$label " . fmt_date($this->p['dob'], $st))); if (!$this->meta['dob_as_printed']) $this->meta['dob_as_printed'] = $s; $this->meta['dob_printed'] = true; return $s; }
  function dobv($st = null) { $this->meta['dob_printed'] = true; return fmt_date($this->p['dob'], $st ?? $this->spec['dob_style'] ?? 'dmy/'); }
  function asPrinted($nhs, $dob) { if ($nhs && !$this->meta['nhs_as_printed']) $this->meta['nhs_as_printed'] = $nhs; if ($dob && !$this->meta['dob_as_printed']) $this->meta['dob_as_printed'] = $dob; }
  function dist($type, $text) { $this->meta['distractors'][] = ['type' => $type, 'text' => $text]; return $text; }
  function overlay($pgi, $kind, $text) { $this->meta['overlay_text_not_in_gt'][] = ['page' => $pgi + 1, 'kind' => $kind, 'text' => $text]; }
  function name($style = 0) { $p = $this->p; return [$p['title'] . ' ' . $p['first'] . ' ' . $p['last'], strtoupper($p['last']) . ', ' . $p['first'] . ' (' . $p['title'] . ')', $p['first'] . ' ' . strtoupper($p['last']), $p['title'] . ' ' . $p['first'][0] . ' ' . $p['last']][$style]; }
  function scen() { return SCEN[$this->spec['scen'] % count(SCEN)]; }
  function letterDate($st = 'long') { return $this->dist('letter_date', fmt_date($this->date, $st)); }
}

// ---------------- graphic elements ----------------
function nhs_logo(Page $pg, $x, $y, $w, $halftone = false) { // x,y top-left in pt
  $h = $w * 0.4; $L = $pg->layer('nhs_logo', [0, 94, 184], $x - 2, $y - 2, $w + 4, $h + 4); $s = $pg->s; $sk = $h * 0.18;
  $pg->fillPolysPx([[[($x + $sk) * $s, $y * $s], [($x + $w) * $s, $y * $s], [($x + $w - $sk) * $s, ($y + $h) * $s], [$x * $s, ($y + $h) * $s]]], $L);
  $tmp = new Layer('tmp', [0, 0, 0], $L->x0, $L->y0, $L->w, $L->h); $save = $pg->layers;
  $fs = $h * 0.95; $tw = $pg->textWidth('NHS', 'sansb', $fs);
  $pg->freeText($tmp, $x + ($w - $tw) / 2 + $sk * 0.2, $y + $h * 0.84, 'NHS', 'sansb', $fs, 0, 0);
  for ($j = 0; $j < $L->h; $j++) $L->rows[$j] = $L->rows[$j] & ~$tmp->rows[$j];
  if ($halftone) halftone_layer($L, max(4, (int)round($pg->dpi / 60)));
}
function halftone_layer(Layer $L, $q) { // 45 degree dot screen, period q px
  $tile = []; for ($y = 0; $y < $q; $y++) for ($x = 0; $x < $q; $x++) $tile[$y][$x] = (int)(127.5 + 63.7 * (cos(2 * M_PI * ($x + $y) / $q) + cos(2 * M_PI * ($x - $y) / $q)));
  for ($j = 0; $j < $L->h; $j++) { $r = $L->rows[$j]; $o = ''; $t = $tile[($L->y0 + $j) % $q];
    for ($i = 0; $i < $L->w; $i++) { $v = ord($r[$i]); $o .= ($v > 0 && 255 - $v < $t[($L->x0 + $i) % $q]) ? "\xff" : "\0"; } $L->rows[$j] = $o; }
}
function tint_band(Page $pg, $x, $y, $w, $h, $rgb, $level, $halftone = true) {
  $L = $pg->layer('band', $rgb, $x, $y, $w, $h); $row = str_repeat(chr($level), $L->w); $L->rows = array_fill(0, $L->h, $row);
  if ($halftone) halftone_layer($L, max(4, (int)round($pg->dpi / 55))); return $L;
}
function signature(Doc $d, Page $pg, $x, $y, $w = 110) {
  $L = $pg->layer('signature', $d->rng->pick([[20, 30, 120], [15, 15, 20], [30, 40, 90]]), $x - 10, $y - 30, $w + 30, 55); $r = $d->rng; $pts = [];
  $cx = $x; $cy = $y; $p0 = [$cx, $cy];
  for ($i = 0; $i < 5; $i++) { $p1 = [$cx + $r->range(5, 25), $cy - $r->range(5, 25)]; $p2 = [$cx + $r->range(10, 35), $cy + $r->range(-5, 18)]; $cx += $w / 5 * $r->range(0.8, 1.2); $cy = $y + $r->range(-8, 8); $p3 = [$cx, $cy];
    $seg = [$p0]; cubic_to($seg, $p0, $p1, $p2, $p3, 14); $pts = array_merge($pts, $seg); $p0 = $p3; }
  $pg->strokePt($L, $pts, $r->range(0.7, 1.3));
  $pg->strokePt($L, [[$x - 5, $y + 8], [$x + $w * 0.7, $y + 5 + $r->range(-3, 3)]], 0.8);
  $d->overlay(count($d->pages) - 1, 'signature', '(signature)');
}
function hand_note(Doc $d, Page $pg, $x, $y, $lines, $size = 13, $rgb = null, $angle = null, $kind = 'handwritten annotation') {
  $rgb = $rgb ?? $d->rng->pick([[25, 45, 150], [180, 30, 30], [20, 20, 20], [40, 110, 60]]); $angle = $angle ?? $d->rng->range(-6, 4);
  $wmax = 0; foreach ($lines as $l) $wmax = max($wmax, $pg->textWidth($l, 'hand2', $size) * 1.1);
  $L = $pg->layer('pen', $rgb, $x - 20, $y - $size * 1.5, $wmax + 60, count($lines) * $size * 1.35 + $size * 2.5);
  $a = deg2rad($angle);
  foreach ($lines as $i => $l) { $pg->freeText($L, $x - sin($a) * $i * $size * 1.3, $y + cos($a) * $i * $size * 1.3, $l, 'hand2', $size, $angle, 1.0); $d->overlay(count($d->pages) - 1, $kind, $l); }
  return $L;
}
function stamp(Doc $d, Page $pg, $cx, $cy, $lines, $rgb = null, $angle = null, $kind = 'rubber stamp') {
  $rgb = $rgb ?? $d->rng->pick([[200, 30, 40], [40, 50, 160], [120, 40, 130]]); $angle = $angle ?? $d->rng->range(-12, 12); $r = $d->rng;
  $sizes = []; $wmax = 0; foreach ($lines as $i => $l) { $sz = $i == 0 ? 15 : 11; $sizes[] = $sz; $wmax = max($wmax, $pg->textWidth($l, 'sansb', $sz)); }
  $bw = $wmax + 24; $bh = array_sum($sizes) * 1.25 + 14; $R = sqrt($bw * $bw + $bh * $bh) / 2 + 6;
  $L = $pg->layer('stamp', $rgb, $cx - $R, $cy - $R, 2 * $R, 2 * $R); $L->opacity = $r->range(0.65, 0.95);
  $a = deg2rad($angle); $ca = cos($a); $sa = sin($a); $tf = fn($u, $v) => [$cx + $u * $ca - $v * $sa, $cy + $u * $sa + $v * $ca];
  $corn = [$tf(-$bw / 2, -$bh / 2), $tf($bw / 2, -$bh / 2), $tf($bw / 2, $bh / 2), $tf(-$bw / 2, $bh / 2), $tf(-$bw / 2, -$bh / 2)];
  $pg->strokePt($L, $corn, 1.8);
  $yy = -$bh / 2 + 7;
  foreach ($lines as $i => $l) { $yy += $sizes[$i] * 1.05; $tw = $pg->textWidth($l, 'sansb', $sizes[$i]); [$px, $py] = $tf(-$tw / 2, $yy);
    $pg->freeText($L, $px, $py, $l, 'sansb', $sizes[$i], $angle, 0); $yy += $sizes[$i] * 0.2; $d->overlay(count($d->pages) - 1, $kind, $l); }
  // uneven ink
  $q = new Rng($d->id . 'stampink' . count($pg->layers));
  for ($j = 0; $j < $L->h; $j++) { $row = $L->rows[$j]; if (strspn($row, "\0") == $L->w) continue; $o = '';
    for ($i = 0; $i < $L->w; $i++) { $v = ord($row[$i]); $o .= $v ? chr((int)($v * (0.55 + 0.45 * (($q->u32() & 255) / 255)))) : "\0"; } $L->rows[$j] = $o; }
}
function highlighter(Doc $d, Page $pg, $box, $rgb = null) {
  [$x, $y, $w, $sz] = $box; $rgb = $rgb ?? $d->rng->pick([[255, 235, 40], [120, 240, 120], [255, 150, 200]]); $r = $d->rng;
  $L = $pg->layer('highlighter', $rgb, $x - 8, $y - $sz * 1.2, $w + 16, $sz * 1.8); $L->opacity = 0.85; $s = $pg->s;
  $top = []; $bot = []; $n = 12; for ($i = 0; $i <= $n; $i++) { $xx = $x - 4 + ($w + 8) * $i / $n; $top[] = [$xx * $s, ($y - $sz * 0.95 + $r->range(-1, 1)) * $s]; $bot[] = [$xx * $s, ($y + $sz * 0.3 + $r->range(-1, 1)) * $s]; }
  $pg->fillPolysPx([orient_ccw(array_merge($top, array_reverse($bot)))], $L, 255);
}
function coffee(Doc $d, Page $pg) {
  $r = $d->rng; $cx = $r->range(0.2, 0.8) * $pg->wpt; $cy = $r->range(0.25, 0.8) * $pg->hpt; $R = $r->range(40, 70);
  $L = $pg->layer('coffee', [150, 100, 45], $cx - $R - 10, $cy - $R - 10, 2 * $R + 20, 2 * $R + 20); $L->opacity = 0.55; $s = $pg->s;
  $jit = []; for ($i = 0; $i < 9; $i++) $jit[] = $r->range(-0.05, 0.05);
  $outer = circle_poly($cx * $s, $cy * $s, $R * $s, 90, $jit); $inner = array_reverse(circle_poly($cx * $s, $cy * $s, ($R - $r->range(2, 5)) * $s, 90, $jit));
  $pg->fillPolysPx([orient_ccw($outer), $inner], $L, 200);
  $pg->fillPolysPx([orient_ccw(circle_poly($cx * $s, $cy * $s, ($R - 3) * $s, 90, $jit))], $L, 45);
}
function punch_holes(Page $pg) { $s = $pg->s; $L = $pg->layer('holes', [35, 35, 38], 8, 0, 40, $pg->hpt);
  foreach ([0.38, 0.62] as $f) { $pg->fillPolysPx([orient_ccw(circle_poly(24 * $s, $pg->hpt * $f * $s, 8.5 * $s))], $L); } }
function staple(Page $pg) { $L = $pg->layer('staple', [70, 70, 80], 0, 0, 90, 90); $pg->strokePt($L, [[20, 34], [52, 18]], 2.2); $pg->strokePt($L, [[22, 37], [54, 21]], 0.6, 90); }
function footer8(Doc $d, Page $pg, $lines) { $y = $pg->hpt - 22 - 9 * (count($lines) - 1); foreach ($lines as $l) { $pg->text($pg->wpt / 2, $y, $l, $d->spec['ffoot'] ?? 'sans', 7.5, ['align' => 'c']); $y += 9; } }
function addr_lines(Page $pg, $x, $y, $lines, $fk, $sz, $lead = null) { $lead = $lead ?? $sz * 1.25; foreach ($lines as $l) { $pg->text($x, $y, $l, $fk, $sz); $y += $lead; } return $y; }

// ---------------- shared letter parts ----------------
function gp_head(Doc $d, Page $pg, $fk, $fb, $y = 50) {
  $g = $d->gp; $cx = $pg->wpt / 2;
  $pg->text($cx, $y, $g['practice'], $fb, 15, ['align' => 'c']); $y += 15;
  $pg->text($cx, $y, implode(', ', $g['addr']), $fk, 9, ['align' => 'c']); $y += 12;
  $pg->text($cx, $y, 'Tel: ' . $d->dist('phone', $g['tel']) . '   Fax: ' . $d->dist('phone', $g['fax']), $fk, 9, ['align' => 'c']); $y += 6;
  $pg->hline(50, $pg->wpt - 50, $y, 0.8); return $y + 22;
}
function trust_head(Doc $d, Page $pg, $fk, $fb, $halftone = false, $band = false) {
  $h = $d->h; $W = $pg->wpt;
  if ($band) tint_band($pg, 0, 18, $W, 70, [0, 94, 184], 70, true);
  nhs_logo($pg, $W - 112, 28, 62, $halftone);
  $y = 70; $pg->text($W - 50, $y, $h['trust'], $fb, 10.5, ['align' => 'r']); $y += 13;
  $pg->text($W - 50, $y, $h['site'], $fk, 9.5, ['align' => 'r']); return $y + 20;
}
function re_block(Doc $d, Page $pg, $x, $y, $fk, $fb, $sz, $mode = 0) {
  $p = $d->p;
  if ($mode == 0) { $pg->text($x, $y, 'Re: ' . $d->name(0) . '   ' . $d->dob(), $fb, $sz); $y += $sz * 1.3; $pg->text($x, $y, $d->nhs(), $fb, $sz); $y += $sz * 1.3; $pg->text($x, $y, implode(', ', $p['addr']), $fk, $sz); $y += $sz * 1.3; }
  elseif ($mode == 1) { $pg->text($x, $y, 'RE: ' . strtoupper($d->name(0)), $fb, $sz); $y += $sz * 1.3; $pg->text($x, $y, $d->dob('Date of Birth:') . '    ' . $d->nhs('NHS Number:'), $fk, $sz); $y += $sz * 1.3; }
  else { $pg->text($x, $y, 'Patient: ' . $d->name(2) . ', ' . implode(', ', $p['addr']), $fb, $sz); $y += $sz * 1.3; $pg->text($x, $y, $d->nhs() . '  ' . $d->dob() . '  ' . $p['mrn_label'] . ': ' . $d->dist('hospital_number', $p['hosp']), $fk, $sz); $y += $sz * 1.3; }
  return $y + $sz * 0.6;
}
function body_paras(Doc $d, Page $pg, $x, $y, $w, $fk, $sz, $paras, $lead = null) { foreach ($paras as $t) { $y = $pg->para($x, $y, $w, $t, $fk, $sz, $lead); $y += $sz * 0.7; } return $y; }
function scen_paras(Doc $d, $withLists = true) { $s = $d->scen(); $p = $d->p;
  $a = ['Thank you for seeing ' . $d->name(0) . ' regarding ' . strtolower($s[1]) . '.', pron($s[2], $p)];
  if ($withLists) { $a[] = 'Past medical history: ' . $s[3] . '.'; $a[] = 'Current medication: ' . $s[4] . '.'; }
  $a[] = 'On examination: ' . $s[5]; $a[] = pron($s[6], $p); return $a; }
function sign_off(Doc $d, Page $pg, $x, $y, $fk, $sz, $who = null, $role = 'General Practitioner') {
  $pg->text($x, $y, 'Yours sincerely', $fk, $sz); signature($d, $pg, $x + 5, $y + 28); $y += 48;
  $pg->text($x, $y, $who ?? $d->gp['name'], $fk, $sz); $y += $sz * 1.3; $pg->text($x, $y, $role, $fk, $sz); return $y + $sz * 1.5; }
function recipient(Doc $d, $spec = null) { $h = $d->h; return [$h['cons'], ($spec ?? $d->scen()[0]) . ' Department', $h['site'], $h['addr'][0], $h['addr'][1], $h['addr'][2]]; }
function cont_header(Doc $d, Page $pg, $fk, $sz, $n) { $pg->row(40, [[60, $d->name(0) . '  ' . $d->nhsv() . '  ' . $d->dobv()], [$pg->wpt - 60, "Page $n", 'r']], $fk, $sz); $pg->hline(60, $pg->wpt - 60, 46, 0.5); return 72; }
