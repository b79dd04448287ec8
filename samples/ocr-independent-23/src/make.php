<?php
// Usage: php make.php OUTDIR BUILDDIR id [id...]
ini_set('memory_limit', '-1'); error_reporting(E_ALL);
set_error_handler(function ($no, $str, $file, $line) { throw new ErrorException($str, 0, $no, $file, $line); });
require_once __DIR__ . '/layouts.php'; require_once __DIR__ . '/scan.php'; require_once __DIR__ . '/tiffpdf.php'; require_once __DIR__ . '/plan.php';
[$_, $OUT, $BUILD] = $argv; $ids = array_map('intval', array_slice($argv, 3));
ccitt_check_tables(); jpg_check_tables();
const PAPERS = [[252, 246, 205], [250, 226, 230], [222, 236, 248], [228, 244, 222], [246, 238, 220]];

function parse_pages($list) { $o = [];
  foreach ($list as $s) { $p = explode('/', $s); $o[] = ['size' => $p[0], 'dpi' => (int)$p[1], 'diff' => ['c' => 'clean', 'm' => 'moderate', 'h' => 'hard'][$p[2]], 'fx' => isset($p[3]) && $p[3] !== '' ? explode(',', $p[3]) : [], 'enc' => $p[4] ?? null]; }
  return $o; }

function build_doc($id) {
  global $OUT, $BUILD;
  [$type, $kind, $fmt, $pages, $year, $opts] = PLAN[$id];
  $ps = parse_pages($pages);
  $spec = $opts + ['id' => sprintf('doc%02d', $id), 'type' => $type, 'kind' => $kind, 'year' => $year, 'pagespec' => $ps, 'scen' => ($id * 7) % 12];
  if (in_array('dotfaint', $ps[0]['fx'])) $spec['style'] = 'dot';
  $d = new Doc($spec);
  $fn = ['dictated' => 'L_dictated', 'ers' => 'L_ers', 'proforma' => 'L_proforma', 'soap' => 'L_soap', 'emis' => 'L_emis', 'systmone' => 'L_systmone', 'vision' => 'L_vision', 'terse' => 'L_terse',
    'twopage' => 'L_twopage', 'demobox' => 'L_demobox', 'fax' => 'L_fax', 'dotmatrix' => 'L_dotmatrix', 'typewriter' => 'L_typewriter', 'compslip' => 'L_compslip',
    'clinic' => 'L_clinic', 'discharge' => 'L_discharge', 'lab' => 'L_lab', 'appt' => 'L_appt', 'cont' => 'L_cont'][$kind];
  $fn($d);
  if (count($d->pages) != count($ps)) throw new Exception("$id: layout made " . count($d->pages) . " pages, plan has " . count($ps));
  $r = new Rng($spec['id'] . '|degrade');
  $scans = []; $pmeta = [];
  foreach ($d->pages as $i => $pg) {
    $pp = $ps[$i]; $fx = $pp['fx']; $diff = $pp['diff']; $W = $pg->wpt; $H = $pg->hpt;
    // overlays
    foreach ($fx as $f) {
      if ($f === 'stamp') { $dt = fmt_date(rand_date($r, $year, $year), $r->pick(['dMy', 'dmy/'])); $txt = $r->pick([['RECEIVED', strtoupper($dt)], ['SCANNED', $dt], ['URGENT'], ['MEDICAL RECORDS', 'RECEIVED ' . strtoupper($dt)], ['2WW', 'RECEIVED ' . $dt]]);
        if (count($txt) > 1) $d->dist('received_stamp_date', end($txt));
        stamp($d, $pg, $r->range(0.45, 0.72) * $W, $r->range(0.12, 0.4) * $H, $txt); }
      if ($f === 'annotation') { $t = $r->pick([['Seen - routine OPD', 'AK ' . fmt_date($d->date, 'dmy/')], ['Book 2/52 please'], ['?urgent - discuss', 'with Dr ' . $r->pick(['Huntley', 'Nakamura'])], ['Triaged: soon', 'clinic 4B'], ['copy to file', 'done']]);
        hand_note($d, $pg, $r->range(0.5, 0.62) * $W, $r->range(0.12, 0.7) * $H, $t, 14); }
      if ($f === 'highlighter' && $pg->boxes) { $cands = array_values(array_filter($pg->boxes, fn($b) => preg_match('/NHS|Diagnosis|DOB|Date of|Haemo|Ferritin|Sodium/i', $b[4]) && $b[2] > 30)); if (!$cands) $cands = array_values(array_filter($pg->boxes, fn($b) => $b[2] > 120));
        $b = $cands[(int)($r->f() * count($cands))]; highlighter($d, $pg, $b); $d->overlay($i, 'highlighter (marks printed text)', $b[4]); }
      if ($f === 'coffee') coffee($d, $pg); if ($f === 'holes') punch_holes($pg); if ($f === 'staple') staple($pg);
    }
    $isFax = in_array('fax', $fx);
    if ($isFax && $kind !== 'fax') { $hdr = 'FROM: ' . $d->gp['fax'] . '  ' . strtoupper($d->gp['practice']) . '  ' . fmt_date($d->date, 'dmy/') . ' ' . sprintf('%02d:%02d', $r->int(8, 17), $r->int(0, 59)) . '  P.00' . ($i + 1);
      $pg->text(20, 16, $hdr, 'monog', 8); array_pop($pg->gt); array_unshift($pg->gt, $hdr); $d->dist('fax_header', $hdr); }
    // output kind for the page
    $fp = explode(':', $fmt); $enc = $pp['enc'] ? explode(':', $pp['enc']) : null;
    if ($fp[0] === 'pdf') $out = ['ccitt' => 'bilevel', 'dctg' => 'grey', 'flate' => 'grey', 'dctc' => 'rgb'][$enc[0]];
    elseif ($fp[0] === 'tif' && in_array($fp[1], ['g4', 'g3', 'pb'])) $out = 'bilevel';
    elseif ($fp[0] === 'png' && $fp[1] === 'pal') $out = $fp[2] === 'rgb' ? 'rgb' : 'grey';
    else $out = in_array('rgb', $fp) ? 'rgb' : 'grey';
    // scan parameters by difficulty
    $P = ['out' => $out, 'color' => $out === 'rgb' ? 'rgb' : 'grey', 'paper' => [250, 249, 244], 'ink' => [22, 22, 28]];
    $sk = ['clean' => 0.3, 'moderate' => 1.8, 'hard' => 3.0][$diff]; $P['skew'] = round($r->range(-$sk, $sk), 2);
    if ($diff !== 'clean' && abs($P['skew']) < 0.4) $P['skew'] = $P['skew'] < 0 ? -0.6 : 0.7;
    $P['noise'] = ['clean' => 2, 'moderate' => 5, 'hard' => 9][$diff]; $P['light'] = ['clean' => 0.02, 'moderate' => 0.06, 'hard' => 0.12][$diff];
    $P['blur'] = $diff === 'hard' ? 1 : 0; $P['thr'] = 150; $P['shift'] = [$r->range(-12, 12) * $pg->dpi / 300, $r->range(-12, 12) * $pg->dpi / 300];
    $deg = [];
    foreach ($fx as $f) switch ($f) {
      case 'photocopy': $P['darken'] = 0.25; $P['toner_loss'] = 0.3; $P['streaks'] = 2; $P['dust'] = 2; $P['paper'] = [238, 238, 236]; $deg[] = 'photocopy_generation_1'; break;
      case 'photocopy2': $P['darken'] = 0.6; $P['toner_loss'] = 0.5; $P['streaks'] = 5; $P['dust'] = 5; $P['paper'] = [228, 228, 226]; $P['thr'] = 135; $deg[] = 'photocopy_generation_2_or_more'; break;
      case 'toner_loss': $P['toner_loss'] = max($P['toner_loss'] ?? 0, 0.55); $deg[] = 'toner_loss'; break;
      case 'darken': $P['darken'] = 0.7; $deg[] = 'over_dark_copy'; break;
      case 'streaks': $P['streaks'] = ($P['streaks'] ?? 0) + 4; $deg[] = 'copier_streaks'; break;
      case 'bleed': $P['bleed'] = $r->range(0.6, 1.0); if (count($d->pages) > 1) $P['bleed_src'] = $d->pages[($i + 1) % count($d->pages)]->k; $deg[] = 'bleed_through'; break;
      case 'pencil': $P['ink'] = [135, 135, 140]; $P['thr'] = 152; $deg[] = 'low_contrast_grey_print'; break;
      case 'dotfaint': $P['ink'] = [60, 60, 70]; $P['toner_loss'] = 0.2; $P['thr'] = 165; $deg[] = 'dot_matrix_faint_ribbon'; break;
      case 'colour_paper': $P['paper'] = PAPERS[$r->int(0, 4)]; $deg[] = 'coloured_paper'; break;
      case 'edge_shadow': $P['edge'] = 0.55; $P['edge_side'] = $r->pick(['left', 'right']); $P['top_shadow'] = 0.3; $deg[] = 'edge_shadow'; break;
      case 'fold_shadow': $P['fold'] = 0.28; $deg[] = 'book_fold_shadow'; break;
      case 'blur': $P['blur'] = 2; $deg[] = 'blur'; break;
      case 'fax': $P['fax'] = true; $P['thr'] = 145; $deg[] = 'fax_200x100_banding_header'; break;
      case 'rot90': $P['rot'] = 90; $deg[] = 'rotated_90'; break; case 'rot180': $P['rot'] = 180; $deg[] = 'rotated_180'; break; case 'rot270': $P['rot'] = 270; $deg[] = 'rotated_270'; break;
      case 'stamp': $deg[] = 'rubber_stamp_over_text'; break; case 'annotation': $deg[] = 'handwritten_annotation'; break; case 'highlighter': $deg[] = 'highlighter'; break;
      case 'coffee': $deg[] = 'coffee_stain'; break; case 'holes': $deg[] = 'punch_holes'; break; case 'staple': $deg[] = 'staple'; break; case 'pdf_rotate90': $deg[] = 'pdf_page_rotate_90'; break;
    }
    if ($spec['style'] ?? '' === 'type' || $kind === 'typewriter') $deg[] = 'typewriter_strike_jitter';
    if ($kind === 'dotmatrix') $deg[] = 'dot_matrix_print';
    if (!empty($spec['halftone']) && $i == 0) $deg[] = 'halftone_letterhead_logo';
    if (abs($P['skew']) > 0.01) $deg[] = 'skew';
    if ($pg->dpi <= 150) $deg[] = 'low_resolution_150dpi';
    $jq = null;
    if ($fp[0] === 'jpg') $jq = (int)$fp[2]; if ($enc && str_starts_with($enc[0], 'dct')) $jq = (int)($enc[1] ?? 70);
    if ($jq !== null && $jq <= 50) $deg[] = 'jpeg_blocking';
    $t0 = microtime(true);
    $img = scan_page($pg, $P, $spec['id'] . '|p' . $i);
    $scans[] = $img;
    $pmeta[] = ['size' => $pg->sizeName, 'dpi' => [$img['xdpi'], $img['ydpi']], 'w' => $img['w'], 'h' => $img['h'], 'difficulty' => $diff, 'degradations' => $deg, 'skew_deg' => $P['skew'],
      'rotation_clockwise_deg' => ($P['rot'] ?? 0) + (in_array('pdf_rotate90', $fx) ? 90 : 0), 'image_rotation_clockwise_deg' => $P['rot'] ?? 0, 'pdf_rotate' => in_array('pdf_rotate90', $fx) ? 90 : 0, 'kind' => $img['kind'], 'enc' => $enc, 'jpeg_quality' => $jq];
    fwrite(STDERR, sprintf("%s p%d %s %dx%d scan %.1fs\n", $spec['id'], $i + 1, $diff, $img['w'], $img['h'], microtime(true) - $t0));
  }
  // ---- encode ----
  $t0 = microtime(true); $fp = explode(':', $fmt); $name = $spec['id'];
  if ($fp[0] === 'jpg') { $img = $scans[0]; $q = (int)$fp[2]; $sub = ($fp[3] ?? '') === '420'; $data = jpg_encode($img, $q, $img['xdpi'], $sub); $ext = 'jpg';
    $format = 'jpeg/baseline/' . ($img['ch'] == 3 ? 'ycbcr-' . ($sub ? '4:2:0' : '4:4:4') : 'greyscale') . "/q$q"; }
  elseif ($fp[0] === 'png') { $img = $scans[0]; $opts = ['interlace' => in_array('interlace', $fp)]; $ext = 'png';
    if ($fp[1] === 'pal') { [$img, $opts['palette']] = to_palette($img); }
    $data = png_encode($img, $img['xdpi'], $opts + ['filters' => [4, 1, 2, 4, 3, 0]]); $format = 'png/' . ($fp[1] === 'pal' ? 'palette-' . $fp[2] : $fp[1]) . ($opts['interlace'] ? '/adam7' : ''); }
  elseif ($fp[0] === 'tif') { $comp = ['g4' => 4, 'g3' => 3, 'pb' => 32773, 'lzw' => 5, 'zip' => 8, 'raw' => 1][$fp[1]]; $order = end($fp); $ext = 'tif'; $tp = [];
    foreach ($scans as $img) $tp[] = ['kind' => $img['kind'], 'w' => $img['w'], 'h' => $img['h'], 'rows' => $img['rows'], 'comp' => $comp, 'xdpi' => $img['xdpi'], 'ydpi' => $img['ydpi'], 'rps' => $comp == 1 ? 32 : ($img['kind'] === 'bilevel' ? 128 : 64)];
    $data = tiff_write($tp, $order); $format = 'tiff/' . ['g4' => 'ccitt-group4', 'g3' => 'ccitt-group3-1d', 'pb' => 'packbits-bilevel', 'lzw' => 'lzw', 'zip' => 'deflate', 'raw' => 'uncompressed'][$fp[1]] . '/' . $scans[0]['kind'] . '/' . ($order === 'II' ? 'little-endian' : 'big-endian') . (count($scans) > 1 ? '/multipage' : ''); }
  else { $ext = 'pdf'; $pp = []; $fmts = [];
    foreach ($scans as $i => $img) { $enc = $pmeta[$i]['enc'];
      if ($enc[0] === 'ccitt') $im = ['filter' => 'CCITTFaxDecode', 'data' => g4_encode($img['rows'], $img['w']), 'cs' => 'DeviceGray', 'bpc' => 1];
      elseif ($enc[0] === 'flate') $im = ['filter' => 'FlateDecode', 'data' => gzcompress(implode('', $img['rows']), 6), 'cs' => 'DeviceGray', 'bpc' => 8];
      else $im = ['filter' => 'DCTDecode', 'data' => jpg_encode($img, (int)($enc[1] ?? 70), $img['xdpi'], ($enc[2] ?? '') === '420'), 'cs' => $img['ch'] == 3 ? 'DeviceRGB' : 'DeviceGray', 'bpc' => 8];
      $im['w'] = $img['w']; $im['h'] = $img['h']; $fmts[] = $im['filter'];
      $pp[] = ['wpt' => $img['w'] * 72 / $img['xdpi'], 'hpt' => $img['h'] * 72 / $img['ydpi'], 'rotate' => $pmeta[$i]['pdf_rotate'], 'img' => $im]; }
    $data = pdf_write($pp); $format = 'pdf/image-only/' . implode('+', array_unique($fmts)); }
  $file = "$name.$ext"; file_put_contents("$OUT/$file", $data);
  $te = microtime(true) - $t0; $t0 = microtime(true);
  $check = verify_file("$OUT/$file", $scans, $pmeta);
  fwrite(STDERR, sprintf("%s encoded %.1fs verified %.1fs: %s\n", $name, $te, microtime(true) - $t0, $check));
  // ---- ground truth ----
  $pagesGT = [];
  foreach ($d->pages as $pg) { $ls = []; foreach ($pg->gt as $l) { $l = trim(preg_replace('/\s+/u', ' ', $l)); if ($l !== '') $ls[] = $l; } $pagesGT[] = implode("\n", $ls); }
  file_put_contents("$OUT/$name.gt.txt", implode("\n\f\n", $pagesGT) . "\n");
  $fonts = []; foreach ($d->pages as $pg) foreach ($pg->fonts as $f => $_) $fonts[$f] = 1; ksort($fonts);
  $m = $d->meta;
  $meta = ['file' => $file, 'ground_truth' => "$name.gt.txt", 'document_type' => $type, 'kind' => $kind, 'pages' => count($scans),
    'nhs_number' => $m['nhs_printed'] ? $d->p['nhs'] : null, 'date_of_birth' => $m['dob_printed'] ? $d->p['dob'] : null,
    'nhs_as_printed' => $m['nhs_as_printed'], 'dob_as_printed' => $m['dob_as_printed'],
    'degradations' => array_column($pmeta, 'degradations'), 'difficulty' => array_column($pmeta, 'difficulty'),
    'rotation_clockwise_deg' => array_column($pmeta, 'rotation_clockwise_deg'), 'image_rotation_clockwise_deg' => array_column($pmeta, 'image_rotation_clockwise_deg'),
    'pdf_page_rotate' => $ext === 'pdf' ? array_column($pmeta, 'pdf_rotate') : null, 'skew_deg' => array_column($pmeta, 'skew_deg'),
    'format' => $format, 'dpi' => array_column($pmeta, 'dpi'), 'page_sizes' => array_column($pmeta, 'size'), 'pixel_size' => array_map(fn($p) => [$p['w'], $p['h']], $pmeta),
    'image_kind' => array_column($pmeta, 'kind'), 'jpeg_quality' => array_column($pmeta, 'jpeg_quality'),
    'fonts' => array_keys($fonts), 'overlay_text_not_in_gt' => $m['overlay_text_not_in_gt'], 'distractors' => $m['distractors'],
    'patient_name' => $d->name(0), 'letter_date' => $d->date, 'handwritten_body_in_gt' => $m['handwritten_body_in_gt'] ?? false, 'self_check' => $check];
  file_put_contents("$BUILD/$name.meta.json", json_encode($meta, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
}
function to_palette($img) { // grey -> 32-level grey palette; rgb -> 6x6x6 cube
  $rows = []; $pal = [];
  if ($img['ch'] == 1) { for ($i = 0; $i < 32; $i++) { $v = (int)round($i * 255 / 31); $pal[] = [$v, $v, $v]; } $lut = lut_str(fn($v) => round($v * 31 / 255)); foreach ($img['rows'] as $r) $rows[] = strtr($r, all256(), $lut); }
  else { for ($i = 0; $i < 216; $i++) $pal[] = [intdiv($i, 36) * 51, intdiv($i, 6) % 6 * 51, $i % 6 * 51];
    foreach ($img['rows'] as $r) { $o = ''; $n = strlen($r); for ($x = 0; $x < $n; $x += 3) $o .= chr(36 * intdiv(ord($r[$x]) + 25, 51) + 6 * intdiv(ord($r[$x + 1]) + 25, 51) + intdiv(ord($r[$x + 2]) + 25, 51)); $rows[] = $o; } }
  return [['w' => $img['w'], 'h' => $img['h'], 'ch' => 1, 'rows' => $rows, 'pal' => true, 'xdpi' => $img['xdpi'], 'ydpi' => $img['ydpi']], $pal];
}
function psnr($a, $b) { $se = 0; $n = 0; foreach ($a as $y => $r) { if ($y % 7) continue; $rb = $b[$y]; $l = strlen($r); for ($i = 0; $i < $l; $i += 3) { $e = ord($r[$i]) - ord($rb[$i]); $se += $e * $e; $n++; } } return $se ? 10 * log10(65025 / ($se / $n)) : 99; }
function verify_file($path, $scans, $pmeta) {
  $s = file_get_contents($path); $ext = pathinfo($path, PATHINFO_EXTENSION);
  if ($ext === 'png') { $d = png_decode($s); $img = $scans[0];
    if ($d['w'] != $img['w'] || $d['h'] != $img['h']) throw new Exception('png size');
    if ($d['ct'] == 3) { if (strlen($d['rows'][0]) != $img['w']) throw new Exception('png pal'); return 'png decoded (palette), CRCs ok'; }
    if ($d['rows'] !== $img['rows']) throw new Exception('png pixels differ'); return 'png decoded, pixels identical, CRCs ok'; }
  if ($ext === 'tif') { $pg = tiff_read($s); if (count($pg) != count($scans)) throw new Exception('tiff page count');
    foreach ($pg as $i => $p) if ($p['rows'] !== $scans[$i]['rows']) throw new Exception("tiff page $i pixels differ"); return 'tiff ' . count($pg) . ' page(s) decoded, pixels identical'; }
  if ($ext === 'jpg') { $d = jpg_decode($s); $v = psnr($scans[0]['rows'], $d['rows']); if ($d['w'] != $scans[0]['w'] || $v < 24) throw new Exception("jpeg psnr $v"); return sprintf('jpeg decoded, PSNR %.1f dB', $v); }
  $info = pdf_check($s); if (count($info) != count($scans)) throw new Exception('pdf pages'); $out = [];
  foreach ($info as $i => $p) {
    if ($p['filter'] === 'CCITTFaxDecode') { $rows = g4_decode($p['data'], $p['w'], $p['h']); if ($rows !== $scans[$i]['rows']) throw new Exception('pdf ccitt differs'); $out[] = 'ccitt ok'; }
    elseif ($p['filter'] === 'FlateDecode') { if (gzuncompress($p['data']) !== implode('', $scans[$i]['rows'])) throw new Exception('pdf flate differs'); $out[] = 'flate ok'; }
    else { $d = jpg_decode($p['data']); $v = psnr($scans[$i]['rows'], $d['rows']); if ($v < 24) throw new Exception('pdf jpeg psnr'); $out[] = sprintf('dct PSNR %.1f', $v); } }
  return 'pdf ' . count($info) . ' page(s), xref ok, images only; ' . implode(', ', $out);
}
foreach ($ids as $id) { $t = microtime(true); build_doc($id); fwrite(STDERR, sprintf("doc%02d done %.1fs\n", $id, microtime(true) - $t)); }
