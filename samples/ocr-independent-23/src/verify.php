<?php
// Re-reads every scan in the set with the set's own readers (no source pixels): TIFF (all compressions incl. own G4/G3 decoder),
// PNG (CRC, zlib, filters, Adam7), JPEG (own baseline decoder), PDF (xref walk, page count, images only, embedded streams decoded).
ini_set('memory_limit', '-1'); error_reporting(E_ALL);
set_error_handler(function ($no, $str, $file, $line) { throw new ErrorException($str, 0, $no, $file, $line); });
require_once __DIR__ . '/tiffpdf.php';
$dir = $argv[1]; $files = glob("$dir/doc[0-9][0-9].{tif,png,jpg,pdf}", GLOB_BRACE); sort($files); $bad = 0;
foreach ($files as $f) {
  $s = file_get_contents($f); $ext = pathinfo($f, PATHINFO_EXTENSION); $b = basename($f);
  try {
    if ($ext === 'tif') { $pg = tiff_read($s); $d = [];
      foreach ($pg as $p) $d[] = "{$p['w']}x{$p['h']} comp={$p['comp']} bps={$p['bps']} spp={$p['spp']} photometric={$p['photometric']} fill={$p['fill']} res={$p['xres']}x{$p['yres']} strips={$p['nstrips']}";
      $line = substr($s, 0, 2) . ' ' . count($pg) . ' page(s): ' . implode('; ', $d); $n = count($pg); }
    elseif ($ext === 'png') { $p = png_decode($s); $line = "{$p['w']}x{$p['h']} colortype={$p['ct']} interlace={$p['interlace']} pHYs={$p['phys']['x']}/m CRCs ok"; $n = 1; }
    elseif ($ext === 'jpg') { $p = jpg_decode($s); $line = "{$p['w']}x{$p['h']} components={$p['ch']} JFIF density={$p['jfif']['xd']}x{$p['jfif']['yd']} units={$p['jfif']['units']} decoded"; $n = 1; }
    else { $info = pdf_check($s); $d = [];
      foreach ($info as $p) {
        if ($p['filter'] === 'CCITTFaxDecode') { $rows = g4_decode($p['data'], $p['w'], $p['h']); if (!preg_match('/\/K -1/', $p['dict']) || !preg_match('/\/BlackIs1 false/', $p['dict'])) throw new Exception('CCITT parms'); }
        elseif ($p['filter'] === 'FlateDecode') { if (strlen(gzuncompress($p['data'])) != $p['w'] * $p['h']) throw new Exception('flate size'); }
        else { $j = jpg_decode($p['data']); if ($j['w'] != $p['w'] || $j['h'] != $p['h']) throw new Exception('dct size'); }
        $d[] = sprintf('%s %dx%d media %.1fx%.1f rotate %d', $p['filter'], $p['w'], $p['h'], $p['mediabox'][2], $p['mediabox'][3], $p['rotate']); }
      $line = count($info) . ' page(s) via xref, images only: ' . implode('; ', $d); $n = count($info); }
    $gt = file_get_contents(preg_replace('/\.\w+$/', '.gt.txt', $f)); $gp = substr_count($gt, "\n\f\n") + 1;
    if ($gp != $n) throw new Exception("ground truth has $gp pages, file has $n");
    echo "OK $b $line\n";
  } catch (Throwable $e) { $bad++; echo "FAIL $b " . $e->getMessage() . "\n"; }
}
echo count($files) . " files checked, $bad failures\n";
exit($bad ? 1 : 0);
