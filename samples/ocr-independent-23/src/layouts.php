<?php
require_once __DIR__ . '/docs.php';
// Each layout draws pages into $d (Doc) with GT lines in reading order.

function L_dictated(Doc $d) { // GP dictated letter; optional 2nd page
  $sp = $d->spec; $fk = $sp['font'] ?? 'serif'; $fb = $sp['fontb'] ?? 'serifb'; $pg = $d->page(); $W = $pg->wpt;
  $y = gp_head($d, $pg, $fk, $fb);
  $pg->text($W - 60, $y, $d->letterDate(), $fk, 10.5, ['align' => 'r']); $y += 20;
  $y = addr_lines($pg, 60, $y, recipient($d), $fk, 10.5); $y += 14;
  $pg->text(60, $y, 'Dear ' . $d->h['cons'] . ',', $fk, 10.5); $y += 20;
  $y = re_block($d, $pg, 60, $y, $fk, $fb, 10.5, $sp['re'] ?? 0);
  $paras = scen_paras($d);
  if (count($d->spec['pagespec']) > 1) { $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, array_slice($paras, 0, 2));
    footer8($d, $pg, ['Partners: ' . $d->gp['name'] . ', Dr L Harcourt, Dr P Sandhu. Practice code ' . $d->dist('practice_code', $d->gp['code']), 'Page 1 of 2']);
    $pg = $d->page(); $y = cont_header($d, $pg, $fk, 9, 2); $paras = array_slice($paras, 2); $paras[] = 'I have explained the reason for referral and ' . ($d->p['sex'] == 'M' ? 'he' : 'she') . ' is happy to be contacted on ' . $d->dist('phone', $d->p['phone']) . '.'; }
  $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, $paras);
  $y = sign_off($d, $pg, 60, $y + 6, $fk, 10.5);
  $pg->text(60, $y + 8, 'Dictated but not signed. Typed ' . $d->dist('date', fmt_date($d->date, 'dmy/')) . ' by JH.', $fk, 8);
  if (count($d->spec['pagespec']) == 1) footer8($d, $pg, ['Practice code ' . $d->dist('practice_code', $d->gp['code']) . ' - This letter contains confidential patient information']);
}
function L_ers(Doc $d) { // NHS e-Referral Service export
  $fk = 'gothic'; $fb = 'sansb'; $pg = $d->page(); $W = $pg->wpt; $p = $d->p; $ubrn = $d->dist('ubrn', sprintf('%04d %04d %04d', $d->rng->int(0, 9999), $d->rng->int(0, 9999), $d->rng->int(0, 9999)));
  tint_band($pg, 40, 36, $W - 80, 30, [60, 60, 60], 55, !empty($d->spec['halftone']));
  $pg->text(50, 56, 'NHS e-Referral Service - Referral Letter', $fb, 13);
  $y = 90; $rows = [['UBRN', $ubrn], ['Priority', $d->spec['prio'] ?? 'Routine'], ['Specialty', $d->scen()[0]], ['Service', $d->scen()[0] . ' - ' . $d->h['site']], ['Referral created', $d->letterDate('dMy')]];
  foreach ($rows as [$a, $b]) { $pg->row($y, [[50, $a . ':'], [170, $b]], $fk, 9.5); $y += 14; }
  $y += 8; $pg->text(50, $y, 'Patient Details', $fb, 11); $pg->hline(50, $W - 50, $y + 4, 0.6); $y += 20;
  $det = [['Name', $d->name(1)], ['NHS Number', $d->nhsv()], ['Date of Birth', $d->dobv()], ['Gender', $p['sex'] == 'M' ? 'Male' : 'Female'], ['Address', implode(', ', $p['addr'])], ['Telephone', $d->dist('phone', $p['phone'])]];
  $d->asPrinted('NHS Number ' . $d->nhsv(), 'Date of Birth ' . $d->dobv());
  foreach ($det as [$a, $b]) { $pg->box(50, $y - 11, $W - 100, 15, 0.4); $pg->vline(165, $y - 11, $y + 4, 0.4); $pg->row($y, [[55, $a], [170, $b]], $fk, 9.5); $y += 15; }
  $y += 14; $pg->text(50, $y, 'Referrer', $fb, 11); $pg->hline(50, $W - 50, $y + 4, 0.6); $y += 20;
  $pg->row($y, [[50, 'Referring clinician:'], [170, $d->gp['name']]], $fk, 9.5); $y += 14; $pg->row($y, [[50, 'Organisation:'], [170, $d->gp['practice'] . ' (' . $d->dist('practice_code', $d->gp['code']) . ')']], $fk, 9.5); $y += 24;
  $pg->text(50, $y, 'Clinical Information', $fb, 11); $pg->hline(50, $W - 50, $y + 4, 0.6); $y += 20;
  $paras = scen_paras($d);
  if (count($d->spec['pagespec']) > 1) { $y = body_paras($d, $pg, 50, $y, $W - 100, 'sans', 10, array_slice($paras, 0, 2)); footer8($d, $pg, ['Printed from NHS e-RS. UBRN ' . $ubrn . '. Page 1 of 2']);
    $pg = $d->page(); $y = 60; $pg->text(50, $y, 'UBRN ' . $ubrn . ' - ' . $d->name(2) . ' - NHS No ' . $d->nhsv(), $fk, 9); $y += 24; $paras = array_slice($paras, 2); }
  $y = body_paras($d, $pg, 50, $y, $W - 100, 'sans', 10, $paras);
  footer8($d, $pg, ['Printed from NHS e-RS. UBRN ' . $ubrn . '. Page ' . count($d->pages) . ' of ' . count($d->spec['pagespec'])]);
}
function L_proforma(Doc $d) { // 2WW tick-box proforma
  $pg = $d->page(); $W = $pg->wpt; $fk = 'sans'; $fb = 'sansb'; $p = $d->p; $r = $d->rng; $spec = $d->scen()[0];
  nhs_logo($pg, $W - 100, 24, 50, !empty($d->spec['halftone']));
  $pg->text(45, 42, 'SUSPECTED CANCER REFERRAL - ' . strtoupper($spec), $fb, 13); $pg->text(45, 58, 'Two Week Wait - fax or e-RS within 24 hours of decision to refer', $fk, 9);
  $y = 78; $pg->box(45, $y, $W - 90, 110, 0.8); $y += 16;
  $pairs = [[['Surname', strtoupper($p['last'])], ['Forename', $p['first']]], [['NHS No', $d->nhsv()], ['Date of birth', $d->dobv()]], [['Address', $p['addr'][0] . ', ' . $p['addr'][1]], ['Postcode', $p['addr'][2]]], [['Tel', $d->dist('phone', $p['phone'])], [$p['mrn_label'], $d->dist('hospital_number', $p['hosp'])]], [['GP', $d->gp['name']], ['Practice', $d->gp['practice']]]];
  $d->asPrinted('NHS No: ' . $d->nhsv(), 'Date of birth: ' . $d->dobv());
  foreach ($pairs as [$a, $b]) { $pg->row($y, [[52, $a[0] . ':', 'l', $fb], [130, $a[1]], [$W / 2 + 10, $b[0] . ':', 'l', $fb], [$W / 2 + 85, $b[1]]], $fk, 9.5); $y += 20; }
  $y += 18; $pg->text(45, $y, 'Referral criteria (tick all that apply)', $fb, 11); $y += 18;
  $crit = ['Age 40 and over with unexplained weight loss and abdominal pain', 'Age 50 and over with unexplained rectal bleeding', 'Age 60 and over with iron deficiency anaemia', 'Change in bowel habit for more than 6 weeks', 'Positive faecal immunochemical test (FIT)', 'Rectal or abdominal mass', 'Other - please give details below'];
  foreach ($crit as $c) { $pg->tickbox(50, $y - 9, 10, $r->chance(0.35), $r->pick(['x', 'v'])); $pg->text(68, $y, $c, $fk, 9.5); $y += 17; }
  $y += 8; $pg->text(45, $y, 'Performance status (WHO):', $fb, 10); $x = 200; foreach (['0', '1', '2', '3', '4'] as $i => $t) { $pg->tickbox($x, $y - 9, 10, $i == 1, 'x'); $x += 14; $pg->text($x, $y, $t, $fk, 10, ['gt' => false]); $x += 22; } $pg->gtline('0 1 2 3 4');
  $y += 22; $pg->text(45, $y, 'Clinical details', $fb, 11); $pg->box(45, $y + 6, $W - 90, 150, 0.6); $y += 22;
  $y = body_paras($d, $pg, 52, $y, $W - 110, $fk, 9.5, array_slice(scen_paras($d, false), 1, 2));
  $y = max($y, 560) + 30; $pg->row($y, [[45, 'Referring GP signature:'], [$W / 2 + 10, 'Date: ' . $d->letterDate('dmy/')]], $fk, 9.5);
  signature($d, $pg, 170, $y - 2, 80);
  footer8($d, $pg, ['Version 4.2 - Zedbury and Wexcombe Cancer Network - do not alter this form', 'Incomplete forms will be returned to the referrer']);
}
function L_soap(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = $d->spec['font'] ?? 'gothic'; $fb = 'sansb'; $s = $d->scen(); $p = $d->p;
  $pg->text(50, 50, $d->gp['practice'], $fb, 12); $pg->text(50, 64, 'Consultation record / referral', $fk, 9.5);
  $pg->text($W - 50, 50, 'Seen: ' . $d->letterDate('dmy/'), $fk, 9.5, ['align' => 'r']);
  $y = 90; $pg->text(50, $y, $d->name(0) . '   ' . $d->dob('DOB') . '   ' . $d->nhs('NHS:'), $fb, 10); $y += 26;
  $blocks = [['S:', pron($s[2], $p)], ['O:', $s[5]], ['A:', $s[1] . '. Background: ' . $s[3] . '.'], ['P:', 'Refer ' . $s[0] . '. ' . pron($s[6], $p) . ' Medication: ' . $s[4] . '.']];
  foreach ($blocks as [$h, $t]) { $pg->text(50, $y, $h, $fb, 11, ['gt' => false]); $lines = $pg->wrap($t, $fk, 10, $W - 130);
    foreach ($lines as $i => $ln) { $pg->text(78, $y, $ln, $fk, 10, ['gt' => false]); $pg->gtline($i == 0 ? "$h $ln" : $ln); $y += 13; } $y += 10; }
  $y += 10; $pg->text(50, $y, 'Referred by ' . $d->gp['name'] . ' (' . $d->dist('practice_code', $d->gp['code']) . ')', $fk, 9.5);
  footer8($d, $pg, ['Printed ' . $d->dist('date', fmt_date($d->date, 'dmy/')) . ' - confidential']);
}
function L_emis(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = 'sans'; $fb = 'sansb'; $s = $d->scen(); $p = $d->p;
  $pg->text(45, 40, $d->gp['practice'], $fb, 12); $pg->text(45, 53, implode(', ', $d->gp['addr']) . '  Tel ' . $d->dist('phone', $d->gp['tel']), $fk, 8.5);
  $pg->rect(40, 64, $W - 80, 20, 40);
  $pg->text(45, 78, $d->name(0) . '   ' . $d->dob('DOB:', 'dMy-') . ' (' . $p['age'] . 'y)   ' . $d->nhs('NHS No:'), $fb, 10);
  $y = 110; $pg->text(45, $y, 'Referral Letter', $fb, 13); $y += 18;
  $pg->row($y, [[45, 'To:'], [90, $d->h['cons'] . ', ' . $s[0] . ', ' . $d->h['site']]], $fk, 9.5); $y += 14;
  $pg->row($y, [[45, 'Date:'], [90, $d->letterDate('dMy')]], $fk, 9.5); $y += 14; $pg->row($y, [[45, 'Urgency:'], [90, $d->spec['prio'] ?? 'Routine']], $fk, 9.5); $y += 22;
  $paras = scen_paras($d, false); $y = body_paras($d, $pg, 45, $y, $W - 90, $fk, 10, $paras);
  $sec = function ($title, $items) use (&$pg, &$y, $W, $fk, $fb, $d) { if ($y > $pg->hpt - 120 && count($d->pages) < count($d->spec['pagespec'])) { $pg = $d->page(); $y = cont_header($d, $pg, $fk, 8.5, count($d->pages)); }
    $pg->text(45, $y, $title, $fb, 10.5); $pg->hline(45, $W - 45, $y + 3, 0.5); $y += 16; foreach ($items as $it) { $pg->row($y, $it, $fk, 9); $y += 12.5; } $y += 10; };
  if (count($d->spec['pagespec']) > 1) { footer8($d, $pg, ['Generated by EMIS Web - Page 1']); $pg = $d->page(); $y = cont_header($d, $pg, $fk, 8.5, 2); }
  $probs = array_map('trim', explode(';', $s[3])); $it = []; foreach ($probs as $pr) $it[] = [[45, $d->dist('date', fmt_date(rand_date($d->rng, 2000, (int)substr($d->date, 0, 4)), 'dMy'))], [130, $pr]];
  $sec('Active Problems', $it);
  $it = []; foreach (array_map('trim', explode(';', $s[4])) as $m) $it[] = [[45, $m], [330, 'Repeat'], [420, 'Last issued ' . fmt_date($d->date, 'dMy')]]; $sec('Current Medication', $it);
  $sec('Allergies', [[[45, $d->rng->pick(['No known drug allergies', 'Penicillin - rash', 'Codeine - vomiting'])]]]);
  $sec('Recent Values', [[[45, 'Blood pressure'], [200, $d->rng->int(118, 162) . '/' . $d->rng->int(70, 96) . ' mmHg']], [[45, 'BMI'], [200, sprintf('%.1f kg/m2', $d->rng->range(21, 36))]], [[45, 'Smoking status'], [200, $d->rng->pick(['Ex-smoker', 'Never smoked', 'Current smoker'])]]]);
  $pg->text(45, $y + 6, 'Referring clinician: ' . $d->gp['name'], $fk, 9.5);
  footer8($d, $pg, ['Generated by EMIS Web - ' . $d->gp['practice'] . ' (' . $d->dist('practice_code', $d->gp['code']) . ')']);
}
function L_systmone(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = 'gothic'; $fb = 'sansb'; $s = $d->scen(); $p = $d->p;
  $pg->text($W / 2, 44, $d->gp['practice'], $fb, 13, ['align' => 'c']); $pg->text($W / 2, 58, implode(', ', $d->gp['addr']), $fk, 8.5, ['align' => 'c']);
  $y = 84; $cells = [['Patient Name', $d->name(1)], ['NHS Number', $d->nhsv(1)], ['Date of Birth', $d->dobv('dMy')], ['Address', implode(', ', $p['addr'])], ['Home Tel', $d->dist('phone', $p['phone'])], ['Usual GP', $d->gp['name']]];
  $d->asPrinted('NHS Number ' . $d->nhsv(1), 'Date of Birth ' . $d->dobv('dMy'));
  foreach ($cells as [$a, $b]) { $pg->rect(50, $y - 11, 110, 15, 30); $pg->box(50, $y - 11, $W - 100, 15, 0.5); $pg->row($y, [[54, $a], [166, $b]], $fk, 9.5); $y += 15; }
  $y += 22; $pg->text(50, $y, 'Referral to ' . $s[0], $fb, 12); $y += 18;
  $pg->row($y, [[50, 'Date:'], [110, $d->letterDate('dMy')]], $fk, 10); $y += 14; $pg->row($y, [[50, 'Clinic:'], [110, $d->h['cons'] . ', ' . $d->h['site']]], $fk, 10); $y += 22;
  $y = body_paras($d, $pg, 50, $y, $W - 100, $fk, 10, scen_paras($d));
  $y = sign_off($d, $pg, 50, $y + 6, $fk, 10);
  footer8($d, $pg, ['Produced by SystmOne on ' . fmt_date($d->date, 'dmy/') . '. Practice ODS code ' . $d->dist('practice_code', $d->gp['code'])]);
}
function L_vision(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = 'monog'; $fb = 'sansb'; $s = $d->scen(); $p = $d->p;
  $pg->text(50, 44, 'VISION REFERRAL', $fb, 12); $pg->text($W - 50, 44, $d->gp['practice'], $fk, 9, ['align' => 'r']);
  $pg->hline(50, $W - 50, 50, 1.2);
  $y = 70; $l = [['Surname', strtoupper($p['last'])], ['Forenames', $p['first']], ['D.O.B.', $d->dobv('dmy.2')], ['NHS no.', $d->nhsv(2)], ['Sex', $p['sex']], ['Address', implode(', ', $p['addr'])]];
  $d->asPrinted('NHS no. : ' . $d->nhsv(2), 'D.O.B. : ' . $d->dobv('dmy.2'));
  foreach ($l as [$a, $b]) { $pg->row($y, [[50, $a], [140, ': ' . $b]], $fk, 9.5); $y += 13; }
  $y += 12; $pg->row($y, [[50, 'To'], [140, ': ' . $d->h['cons'] . ' (' . $s[0] . ')']], $fk, 9.5); $y += 13; $pg->row($y, [[50, 'Date'], [140, ': ' . $d->letterDate('dmy/')]], $fk, 9.5); $y += 24;
  $y = body_paras($d, $pg, 50, $y, $W - 100, $fk, 9.5, scen_paras($d));
  $y = sign_off($d, $pg, 50, $y + 6, $fk, 9.5);
  footer8($d, $pg, ['INPS Vision - printed by JH']);
}
function L_terse(Doc $d) { // terse note on A5
  $pg = $d->page('A5'); $W = $pg->wpt; $fk = $d->spec['font'] ?? 'monom'; $s = $d->scen(); $p = $d->p;
  $y = 46; $pg->text(36, $y, $d->gp['practice'] . '  Tel ' . $d->dist('phone', $d->gp['tel']), $fk, 8.5); $y += 24;
  $pg->text(36, $y, 'To: ' . $s[0] . ' OPD, ' . $d->h['site'], $fk, 10); $y += 16;
  $pg->text(36, $y, $d->name(3) . '  ' . $d->dob('dob', 'dmy.2'), $fk, 10); $y += 14; $pg->text(36, $y, $d->nhs('NHS'), $fk, 10); $y += 22;
  $t = $p['age'] . ($p['sex'] == 'M' ? 'M' : 'F') . '. ' . $s[1] . '. ' . $s[3] . '. Pls see. Thanks.';
  $y = $pg->para(36, $y, $W - 72, $t, $fk, 10, 14); $y += 14;
  $pg->text(36, $y, $d->gp['name'] . '  ' . $d->letterDate('dmy.2'), $fk, 10);
}
function L_twopage(Doc $d) { // page 1 mostly header/address; page 2 body
  $pg = $d->page(); $W = $pg->wpt; $fk = $d->spec['font'] ?? 'thin'; $fb = 'serifb'; $g = $d->gp; $p = $d->p;
  nhs_logo($pg, $W - 120, 30, 70, !empty($d->spec['halftone']));
  $pg->text(60, 50, $g['practice'], $fb, 16); $y = 66; $y = addr_lines($pg, 60, $y, $g['addr'], $fk, 9.5, 12);
  $pg->text(60, $y, 'Telephone ' . $d->dist('phone', $g['tel']), $fk, 9.5); $y += 12; $pg->text(60, $y, 'Facsimile ' . $d->dist('phone', $g['fax']), $fk, 9.5); $y += 40;
  $pg->text(60, $y, 'Our ref: ' . $d->dist('reference', strtoupper(substr($g['name'], 3, 1)) . '/' . $d->rng->int(1000, 9999) . '/' . substr($p['last'], 0, 3)), $fk, 9.5); $y += 12;
  $pg->text(60, $y, 'Date: ' . $d->letterDate(), $fk, 9.5); $y += 40;
  $y = addr_lines($pg, 60, $y, recipient($d), $fk, 11, 14); $y += 40;
  $pg->text(60, $y, 'PRIVATE AND CONFIDENTIAL', $fb, 11); $y += 30;
  $pg->text(60, $y, 'Dear ' . $d->h['cons'], $fk, 11); $y += 22;
  $y = re_block($d, $pg, 60, $y, $fk, $fb, 11, 1);
  footer8($d, $pg, ['Continued overleaf']);
  $pg = $d->page(); $y = cont_header($d, $pg, $fk, 9, 2);
  $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 11, scen_paras($d), 15);
  sign_off($d, $pg, 60, $y + 6, $fk, 11);
}
function L_demobox(Doc $d) { // address + demographics two-column box beside it
  $pg = $d->page(); $W = $pg->wpt; $fk = $d->spec['font'] ?? 'sans'; $fb = 'sansb'; $p = $d->p; $clinic = $d->spec['type'] === 'clinic_letter';
  $y = $clinic ? trust_head($d, $pg, $fk, $fb, !empty($d->spec['halftone']), !empty($d->spec['band'])) : gp_head($d, $pg, $fk, $fb);
  $y += 10; $top = $y;
  $addr = $clinic ? array_merge([$d->gp['name']], [$d->gp['practice']], $d->gp['addr']) : recipient($d);
  $y1 = addr_lines($pg, 60, $y, $addr, $fk, 10.5);
  $pg->box($W / 2 + 10, $top - 14, $W / 2 - 60, 112, 0.7); $yy = $top;
  $kv = [['Name', $d->name(2)], ['NHS No', $d->nhsv()], ['DOB', $d->dobv()], [$p['mrn_label'], $d->dist('hospital_number', $p['hosp'])], ['Tel', $d->dist('phone', $p['phone'])], ['Clinic date', $d->dist('date', fmt_date($d->date, 'dmy/'))]];
  $d->asPrinted('NHS No: ' . $d->nhsv(), 'DOB: ' . $d->dobv());
  foreach ($kv as [$a, $b]) { $pg->row($yy, [[$W / 2 + 18, $a . ':'], [$W / 2 + 95, $b]], $fk, 9.5); $yy += 16; }
  $y = max($y1, $yy) + 26;
  $pg->text(60, $y, 'Dear ' . ($clinic ? $d->gp['name'] : $d->h['cons']) . ',', $fk, 10.5); $y += 20;
  if ($clinic) { $s = $d->scen(); $pg->text(60, $y, 'Diagnosis:', $fb, 10.5); $y += 14; $y = addr_lines($pg, 75, $y, ['1. ' . $s[1], '2. ' . explode(';', $s[3])[0]], $fk, 10.5); $y += 10;
    $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, ['I reviewed ' . $d->name(0) . ' in the ' . $s[0] . ' clinic today. ' . pron($s[2], $p), 'Examination: ' . $s[5], 'Plan: we will arrange the appropriate investigations and I will see ' . ($p['sex'] == 'M' ? 'him' : 'her') . ' again with the results in six weeks.']);
    sign_off($d, $pg, 60, $y + 4, $fk, 10.5, $d->h['cons'], 'Consultant, ' . $s[0]); }
  else { $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, scen_paras($d)); sign_off($d, $pg, 60, $y + 4, $fk, 10.5); }
  if (count($d->spec['pagespec']) > 1) { $pg = $d->page(); $y = cont_header($d, $pg, $fk, 9, 2); $pg->text(60, $y, 'Copies to:', $fb, 10); $y += 14;
    $y = addr_lines($pg, 60, $y, ['Patient', $d->gp['name'] . ', ' . $d->gp['practice'], 'Medical Records, ' . $d->h['site']], $fk, 10); footer8($d, $pg, [$d->h['trust'] . ' - switchboard ' . $d->dist('phone', $d->h['tel'])]); }
}
function L_fax(Doc $d) { // fax cover + referral
  $pg = $d->page(); $W = $pg->wpt; $fk = 'sans'; $fb = 'sansb'; $g = $d->gp;
  $pg->text(20, 16, 'FROM: ' . $d->dist('phone', $g['fax']) . '  ' . strtoupper($g['practice']) . '   ' . $d->dist('fax_timestamp', fmt_date($d->date, 'dmy/') . ' ' . sprintf('%02d:%02d', $d->rng->int(8, 17), $d->rng->int(0, 59))) . '   P.001/00' . count($d->spec['pagespec']), 'monog', 8);
  $pg->text(60, 70, 'FAX', $fb, 28); $pg->text(60, 92, 'URGENT REFERRAL', $fb, 14);
  $y = 120; foreach ([['To', $d->scen()[0] . ' Secretaries, ' . $d->h['site']], ['Fax', $d->dist('phone', $d->h['tel'])], ['From', $g['name'] . ', ' . $g['practice']], ['Pages', (string)count($d->spec['pagespec'])], ['Date', $d->letterDate('dmy/')]] as [$a, $b]) { $pg->row($y, [[60, $a . ':'], [120, $b]], $fk, 11); $y += 16; }
  $y += 10; $pg->hline(60, $W - 60, $y, 1); $y += 24;
  $y = re_block($d, $pg, 60, $y, $fk, $fb, 10.5, 2);
  $paras = scen_paras($d);
  if (count($d->spec['pagespec']) > 1) { $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, array_slice($paras, 0, 2));
    $pg = $d->page(); $pg->text(20, 16, 'FROM: ' . $g['fax'] . '  ' . strtoupper($g['practice']) . '   ' . fmt_date($d->date, 'dmy/') . '   P.002/002', 'monog', 8); $y = 60; $paras = array_slice($paras, 2); }
  $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, $paras); sign_off($d, $pg, 60, $y, $fk, 10.5);
  $pg->text(60, $pg->hpt - 40, 'If you receive this fax in error please telephone ' . $g['tel'] . ' and destroy it.', $fk, 8);
}
function L_dotmatrix(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = 'monog'; $s = $d->scen(); $p = $d->p; $pg->style = 'dot';
  $y = 60; $pg->text(50, $y, strtoupper($d->gp['practice']), $fk, 11); $y += 14; $pg->text(50, $y, strtoupper(implode(', ', $d->gp['addr'])), $fk, 9); $y += 30;
  $pg->text(50, $y, 'REFERRAL LETTER                         DATE: ' . $d->letterDate('dmy.2'), $fk, 10); $y += 24;
  $pg->text(50, $y, 'PATIENT : ' . strtoupper($d->name(0)), $fk, 10); $y += 14; $pg->text(50, $y, $d->dob('D.O.B.  :', 'dmy.2'), $fk, 10); $y += 14;
  $pg->text(50, $y, $d->nhs('NHS NO  :', 1), $fk, 10); $y += 14; $pg->text(50, $y, 'ADDRESS : ' . strtoupper(implode(', ', $p['addr'])), $fk, 10); $y += 28;
  $pg->text(50, $y, 'TO: ' . strtoupper($d->h['cons'] . ', ' . $s[0]), $fk, 10); $y += 24;
  $y = body_paras($d, $pg, 50, $y, $W - 100, $fk, 10, array_map('strtoupper', scen_paras($d)), 14);
  $pg->text(50, $y + 10, strtoupper($d->gp['name']), $fk, 10); signature($d, $pg, 60, $y + 2);
}
function L_typewriter(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = 'monom'; $pg->style = 'type'; $g = $d->gp;
  $pg->text($W / 2, 56, $g['practice'], 'serifb', 14, ['align' => 'c', 'style' => 'n']); $pg->text($W / 2, 70, implode(', ', $g['addr']) . '. Tel. ' . $d->dist('phone', $g['tel']), 'serif', 9, ['align' => 'c', 'style' => 'n']);
  $y = 110; $pg->text($W - 70, $y, $d->letterDate('ord'), $fk, 11, ['align' => 'r']); $y += 24;
  $y = addr_lines($pg, 70, $y, recipient($d), $fk, 11, 14); $y += 18;
  $pg->text(70, $y, 'Dear Dr ' . explode(' ', $d->h['cons'])[2] . ',', $fk, 11); $y += 22;
  $pg->text(70, $y, 'Re: ' . $d->name(0) . ', ' . $d->dob('born', 'ord'), $fk, 11); $y += 14; $pg->text(70, $y, $d->nhs('NHS number'), $fk, 11); $y += 22;
  $y = body_paras($d, $pg, 70, $y, $W - 140, $fk, 11, scen_paras($d), 15);
  $pg->text(70, $y + 6, 'Yours sincerely,', $fk, 11); signature($d, $pg, 75, $y + 32); $pg->text(70, $y + 58, $g['name'], $fk, 11);
}
function L_compslip(Doc $d) { // DL compliments slip + A4 letter
  $pg = $d->page('DL'); $W = $pg->wpt; $g = $d->gp;
  nhs_logo($pg, $W - 100, 24, 56, true);
  $pg->text(40, 50, $g['practice'], 'serifb', 15); $y = addr_lines($pg, 40, 66, $g['addr'], 'serif', 9, 11);
  $pg->text(40, $y + 2, 'Tel ' . $d->dist('phone', $g['tel']), 'serif', 9);
  $pg->text($W / 2, 170, 'With Compliments', 'serifi', 22, ['align' => 'c']);
  hand_note($d, $pg, 60, 210, ['Referral attached - ' . $d->p['last'], 'please see soon. Thanks ' . substr($g['name'], 3, 1)], 14, [25, 45, 150], -2);
  $d->spec['font'] = 'serif'; $d->spec['fontb'] = 'serifb';
  L_dictated_single($d);
}
function L_dictated_single(Doc $d) { // same as dictated, one page
  $sp = $d->spec; $fk = $sp['font'] ?? 'serif'; $fb = $sp['fontb'] ?? 'serifb'; $pg = $d->page(); $W = $pg->wpt;
  $y = gp_head($d, $pg, $fk, $fb); $pg->text($W - 60, $y, $d->letterDate(), $fk, 10.5, ['align' => 'r']); $y += 20;
  $y = addr_lines($pg, 60, $y, recipient($d), $fk, 10.5); $y += 14; $pg->text(60, $y, 'Dear ' . $d->h['cons'] . ',', $fk, 10.5); $y += 20;
  $y = re_block($d, $pg, 60, $y, $fk, $fb, 10.5, 0); $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, scen_paras($d)); sign_off($d, $pg, 60, $y + 6, $fk, 10.5);
}
// ---------------- other document types ----------------
function L_clinic(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = $d->spec['font'] ?? 'serif'; $fb = 'serifb'; $s = $d->scen(); $p = $d->p; $h = $d->h;
  $y = trust_head($d, $pg, 'sans', 'sansb', !empty($d->spec['halftone']), !empty($d->spec['band']));
  $y += 6; $top = $y; $y1 = addr_lines($pg, 60, $y, array_merge([$d->gp['name'], $d->gp['practice']], $d->gp['addr']), $fk, 10.5);
  $y2 = addr_lines($pg, $W - 220, $top, [$s[0] . ' Department', $h['addr'][0], $h['addr'][1] . ' ' . $h['addr'][2], 'Secretary: ' . $d->dist('phone', $h['tel'])], 'sans', 9);
  $y = max($y1, $y2) + 14;
  $pg->row($y, [[60, 'Clinic date: ' . $d->dist('date', fmt_date($d->date, 'dMy'))], [$W - 60, 'Typed: ' . $d->dist('date', fmt_date($d->date, 'dmy/')), 'r']], 'sans', 9.5); $y += 22;
  $pg->text(60, $y, 'Dear ' . $d->gp['name'] . ',', $fk, 10.5); $y += 20;
  $pg->text(60, $y, 'Re: ' . $d->name(0) . ', ' . $d->dob('DOB') . ', ' . $d->nhs('NHS No') . ', ' . $p['mrn_label'] . ' ' . $d->dist('hospital_number', $p['hosp']), $fb, 9.5); $y += 20;
  $pg->text(60, $y, 'Diagnosis:', $fb, 10.5); $y += 14; $pg->text(75, $y, $s[1], $fk, 10.5); $y += 20;
  $paras = ['I saw ' . $d->name(0) . ' in clinic today. ' . pron($s[2], $p), 'On examination: ' . $s[5], 'Plan: I have requested further investigations and will review in clinic with the results. No change to current medication (' . $s[4] . ').'];
  $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, $paras);
  if (count($d->spec['pagespec']) > 1) { $pg = $d->page(); $y = cont_header($d, $pg, $fk, 9, 2); }
  $y = sign_off($d, $pg, 60, $y + 6, $fk, 10.5, $h['cons'], 'Consultant in ' . $s[0]);
  $pg->text(60, $y + 4, 'cc: Patient; ' . $d->gp['name'], $fk, 9);
  footer8($d, $pg, [$h['trust'] . '. Registered office: ' . implode(', ', $h['addr']), 'Chair: Ms R Oyelaran  Chief Executive: Mr D Whitlock']);
}
function L_discharge(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = $d->spec['font'] ?? 'gothic'; $fb = 'sansb'; $s = $d->scen(); $p = $d->p; $h = $d->h; $r = $d->rng;
  $y = trust_head($d, $pg, 'sans', 'sansb', !empty($d->spec['halftone']));
  $pg->text(50, $y, 'INPATIENT DISCHARGE SUMMARY', $fb, 14); $y += 22;
  $adm = rand_date($r, (int)substr($d->date, 0, 4), (int)substr($d->date, 0, 4)); 
  $rows = [[['Patient', $d->name(1)], [$p['mrn_label'], $d->dist('hospital_number', $p['hosp'])]], [['NHS Number', $d->nhsv()], ['Date of Birth', $d->dobv()]], [['Admitted', $d->dist('date', fmt_date($adm, 'dmy/'))], ['Discharged', $d->dist('date', fmt_date($d->date, 'dmy/'))]], [['Ward', $r->pick(['Beech', 'Lister', 'Nightingale', 'Cedar']) . ' Ward'], ['Consultant', $h['cons']]]];
  $d->asPrinted('NHS Number: ' . $d->nhsv(), 'Date of Birth: ' . $d->dobv());
  foreach ($rows as [$a, $b]) { $pg->box(50, $y - 11, $W - 100, 16, 0.5); $pg->vline($W / 2, $y - 11, $y + 5, 0.5); $pg->row($y, [[54, $a[0] . ':', 'l', $fb], [135, $a[1]], [$W / 2 + 4, $b[0] . ':', 'l', $fb], [$W / 2 + 85, $b[1]]], $fk, 9); $y += 16; }
  $y += 18; $pg->text(50, $y, 'Primary diagnosis', $fb, 11); $y += 15; $pg->text(50, $y, $s[1], $fk, 10); $y += 20;
  $pg->text(50, $y, 'Comorbidities', $fb, 11); $y += 15; $pg->text(50, $y, $s[3], $fk, 10); $y += 20;
  $pg->text(50, $y, 'Clinical summary', $fb, 11); $y += 15;
  $y = body_paras($d, $pg, 50, $y, $W - 100, $fk, 10, [pron($s[2], $p) . ' Admitted via the emergency department for assessment and observation.', 'Investigations: ' . $s[5]]);
  if (count($d->spec['pagespec']) > 1) { footer8($d, $pg, ['Page 1 of ' . count($d->spec['pagespec'])]); $pg = $d->page(); $y = cont_header($d, $pg, $fk, 9, 2); }
  $pg->text(50, $y, 'Medication on discharge', $fb, 11); $y += 16;
  $pg->rect(50, $y - 11, $W - 100, 15, 35); $pg->row($y, [[54, 'Drug'], [230, 'Dose'], [310, 'Frequency'], [400, 'Status']], $fk, 9, ['style' => 'n']); $y += 16;
  foreach (array_map('trim', explode(';', $s[4])) as $m) { $parts = explode(' ', $m); $drug = $parts[0]; $dose = $parts[1] ?? ''; $freq = implode(' ', array_slice($parts, 2));
    $pg->box(50, $y - 11, $W - 100, 15, 0.4); $pg->row($y, [[54, $drug], [230, $dose], [310, $freq], [400, $r->pick(['Continued', 'Unchanged', 'New'])]], $fk, 9); $y += 15; }
  $y += 20; $pg->text(50, $y, 'Follow up', $fb, 11); $y += 15;
  $y = $pg->para(50, $y, $W - 100, 'GP to review in two weeks. Outpatient appointment in the ' . $s[0] . ' clinic will be sent. District nurse referral not required.', $fk, 10); $y += 20;
  $pg->text(50, $y, 'Completed by: Dr ' . $r->pick(['S Ahmed', 'K Liu', 'T Brennan', 'O Adeyemi']) . ' (FY2)  Bleep ' . $d->dist('bleep', (string)$r->int(1000, 1999)), $fk, 9.5);
  footer8($d, $pg, [$h['trust'] . ' - Discharge summary - Page ' . count($d->pages) . ' of ' . count($d->spec['pagespec'])]);
  if (count($d->spec['pagespec']) > 2) { $pg = $d->page(); $y = cont_header($d, $pg, $fk, 9, 3); $pg->text(50, $y, 'Information given to patient', $fb, 11); $y += 16;
    $y = body_paras($d, $pg, 50, $y, $W - 100, $fk, 10, ['The diagnosis and plan were discussed with the patient and a relative before discharge. Written information about warning symptoms was provided, with advice to seek medical help urgently if symptoms return.', 'Fit note issued for two weeks. Driving advice given.']);
    footer8($d, $pg, ['Page 3 of 3']); }
}
function L_lab(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = $d->spec['font'] ?? 'monog'; $fb = 'sansb'; $p = $d->p; $r = $d->rng; $h = $d->h;
  $pg->text(50, 50, 'DEPARTMENT OF CLINICAL BIOCHEMISTRY AND HAEMATOLOGY', $fb, 11); $pg->text(50, 64, $h['site'] . ', ' . implode(', ', $h['addr']) . '. Lab enquiries ' . $d->dist('phone', $h['tel']), 'sans', 8.5);
  $y = 90; $pg->box(45, $y - 14, $W - 90, 78, 0.7);
  $lab = $d->dist('lab_number', 'L' . $r->int(10, 99) . '.' . sprintf('%07d', $r->int(0, 9999999)));
  $ct = sprintf('%02d:%02d', $r->int(7, 16), $r->int(0, 59));
  $rows = [[['Name', $d->name(1)], ['Lab No', $lab]], [['NHS No', $d->nhsv(0)], ['Collected', $d->dist('date', fmt_date($d->date, 'dmy/')) . ' ' . $ct]], [['DOB', $d->dobv('dmy/') . ' (' . $p['age'] . 'y)'], ['Received', fmt_date($d->date, 'dmy/') . ' ' . sprintf('%02d:%02d', min(23, (int)$ct + 2), $r->int(0, 59))]], [['Source', $d->gp['practice']], [$p['mrn_label'], $d->dist('hospital_number', $p['hosp'])]]];
  $d->asPrinted('NHS No ' . $d->nhsv(0), 'DOB ' . $d->dobv('dmy/'));
  foreach ($rows as [$a, $b]) { $pg->row($y, [[52, $a[0]], [120, $a[1]], [$W / 2 + 20, $b[0]], [$W / 2 + 90, $b[1]]], $fk, 9); $y += 16; }
  $y += 24;
  $tests = [['Sodium', 'mmol/L', 133, 146, 0], ['Potassium', 'mmol/L', 3.5, 5.3, 1], ['Urea', 'mmol/L', 2.5, 7.8, 1], ['Creatinine', 'umol/L', 59, 104, 0], ['eGFR', 'mL/min', 60, 120, 0], ['Haemoglobin', 'g/L', 130, 180, 0], ['White cell count', 'x10^9/L', 4.0, 11.0, 1], ['Platelets', 'x10^9/L', 150, 400, 0], ['CRP', 'mg/L', 0, 5, 0], ['Ferritin', 'ug/L', 30, 400, 0], ['HbA1c', 'mmol/mol', 20, 41, 0], ['TSH', 'mU/L', 0.27, 4.2, 2]];
  $pg->rect(45, $y - 12, $W - 90, 16, 40);
  $pg->row($y, [[52, 'Test'], [200, 'Result'], [270, 'Flag'], [310, 'Units'], [400, 'Reference range']], $fk, 9.5); $y += 18;
  $n = count($d->spec['pagespec']) > 1 ? 12 : 9;
  foreach (array_slice($tests, 0, $n) as $i => [$t, $u, $lo, $hi, $dp]) {
    $v = $lo + ($hi - $lo) * $r->range(-0.25, 1.2); $flag = $v < $lo ? 'L' : ($v > $hi ? 'H' : '');
    $vs = number_format(max(0.1, $v), $dp, '.', ''); $rg = number_format($lo, $dp, '.', '') . ' - ' . number_format($hi, $dp, '.', '');
    $pg->row($y, [[52, $t], [200, $vs], [275, $flag], [310, $u], [400, $rg]], $fk, 9.5); $y += 15;
    if ($i == 5 && count($d->spec['pagespec']) > 1) { footer8($d, $pg, ['Continued - page 1 of 2']); $pg = $d->page(); $y = cont_header($d, $pg, $fk, 9, 2); $pg->row($y, [[52, 'Test'], [200, 'Result'], [270, 'Flag'], [310, 'Units'], [400, 'Reference range']], $fk, 9.5); $y += 18; }
  }
  $y += 16; $y = $pg->para(52, $y, $W - 104, 'Comment: Results checked by ' . $r->pick(['BMS 4471', 'Dr K Huntley', 'Duty Biochemist']) . '. Please note reference ranges changed on 01/04/' . $r->int(2010, 2016) . '.', $fk, 9);
  footer8($d, $pg, ['Report authorised electronically. UKAS accredited medical laboratory No. 8' . $r->int(100, 999), 'Printed for ' . $d->gp['practice']]);
}
function L_appt(Doc $d) {
  $pg = $d->page(); $W = $pg->wpt; $fk = $d->spec['font'] ?? 'sans'; $fb = 'sansb'; $p = $d->p; $h = $d->h; $r = $d->rng; $s = $d->scen();
  $y = trust_head($d, $pg, $fk, $fb, !empty($d->spec['halftone']), !empty($d->spec['band']));
  $y += 10; $top = $y; $y1 = addr_lines($pg, 60, $y, array_merge([$d->name(0)], $p['addr']), $fk, 11);
  $y2 = addr_lines($pg, $W - 230, $top, ['Appointments Office', 'Tel: ' . $d->dist('phone', $h['tel']), $d->nhs('NHS Number:'), $d->dob('Date of Birth:', 'long'), 'Our ref: ' . $d->dist('hospital_number', $p['hosp'])], $fk, 9);
  $y = max($y1, $y2) + 20; $pg->text(60, $y, $d->letterDate(), $fk, 10.5); $y += 24;
  $pg->text(60, $y, 'Dear ' . $p['title'] . ' ' . $p['last'], $fk, 11); $y += 22;
  $pg->text(60, $y, 'Your appointment has been booked as follows:', $fk, 11); $y += 18;
  $ad = rand_date($r, (int)substr($d->date, 0, 4), (int)substr($d->date, 0, 4));
  $pg->box(60, $y - 4, $W - 120, 72, 1.2); $y += 12;
  foreach ([['Clinic', $s[0] . ' Outpatients'], ['Date', $d->dist('appointment_date', fmt_date($ad, 'long'))], ['Time', $d->dist('time', sprintf('%02d:%02d', $r->int(8, 16), $r->pick([0, 15, 30, 45])))], ['With', $h['cons']]] as [$a, $b]) { $pg->row($y, [[70, $a . ':', 'l', $fb], [150, $b]], $fk, 11); $y += 15; }
  $y += 20;
  $y = body_paras($d, $pg, 60, $y, $W - 120, $fk, 10.5, ['Please bring a list of your current medicines with you. If you are unable to attend, please telephone the number above at least 48 hours in advance so that your appointment can be offered to another patient.', 'Car parking is limited. Please allow extra time to park. The hospital is served by bus routes 14 and 22 from the town centre.']);
  footer8($d, $pg, ['Patients who do not attend without letting us know may be discharged back to their GP.', $h['trust'] . ' - ' . implode(', ', $h['addr'])]);
}
function L_cont(Doc $d) { // handwritten-style continuation sheet with printed header
  $n = count($d->spec['pagespec']); $r = $d->rng; $s = $d->scen(); $p = $d->p;
  $notes = [fmt_date($d->date, 'dmy/') . ' ' . $s[0] . ' ward round', 'Pt seen with ' . $r->pick(['SpR', 'FY1', 'staff nurse']) . '. ' . $s[1] . '.', 'Feels ' . $r->pick(['a little better', 'about the same', 'tired']) . ' today. Eating and drinking.', 'Obs stable. Chest clear. Abdo soft.', 'Plan: continue current Rx, repeat bloods', 'am, review results. Discuss with family.', 'Dr ' . $r->pick(['Shah', 'Evans', 'Moore']) . ' FY1 bleep ' . $d->dist('bleep', (string)$r->int(1000, 1999)), '', fmt_date($d->date, 'dmy/') . ' 18:30 Nursing note', 'Settled this evening. Pain score 2/10.', 'Mobilising with frame. Family visited.', 'For TTO tomorrow if bloods ok.'];
  for ($i = 0; $i < $n; $i++) {
    $pg = $d->page(); $W = $pg->wpt; $fk = 'sans'; $fb = 'sansb';
    $pg->text(50, 46, $d->h['site'], $fb, 11); $pg->text($W - 50, 46, 'CONTINUATION SHEET', $fb, 12, ['align' => 'r']);
    $pg->box(50, 58, $W - 100, 62, 0.8);
    $pg->row(74, [[56, 'Surname: ' . strtoupper($p['last'])], [$W / 2, 'Forename: ' . $p['first']]], $fk, 9.5);
    $pg->row(90, [[56, $d->nhs('NHS No:')], [$W / 2, $d->dob('DOB:')]], $fk, 9.5);
    $pg->row(106, [[56, $p['mrn_label'] . ': ' . $d->dist('hospital_number', $p['hosp'])], [$W / 2, 'Ward: ' . $r->pick(['Beech', 'Lister', 'Cedar'])]], $fk, 9.5);
    $pg->vline(110, 130, $pg->hpt - 60, 0.5, 180);
    for ($yy = 150; $yy < $pg->hpt - 60; $yy += 24) $pg->hline(50, $W - 50, $yy, 0.4, 150);
    $pg->text(52, 142, 'Date/Time', $fk, 8); $pg->text(115, 142, 'Notes (sign and print name after each entry)', $fk, 8);
    $L = $pg->layer('pen', $r->pick([[20, 30, 110], [20, 20, 25]]), 50, 150, $W - 100, $pg->hpt - 210);
    $y = 170; $part = $i == 0 ? array_slice($notes, 0, 7) : array_slice($notes, 8);
    if ($i >= 2) $part = [fmt_date($d->date, 'dmy/') . ' Day ' . ($i + 1) . ' ' . $s[0] . ' review', 'Improving. Observations within normal limits.', 'Bloods: Hb ' . $r->int(95, 140) . ', CRP ' . $r->int(3, 60) . '. Plan discharge', 'with GP follow up in 2 weeks.', 'Dr ' . $r->pick(['Shah', 'Evans', 'Moore']) . ' FY1'];
    foreach ($part as $ln) { if ($ln !== '') { $pg->freeText($L, 58 + $r->range(-2, 2), $y + $r->range(-2, 1), $ln, 'hand', 14, $r->range(-1.2, 0.8), 1.0); $pg->gtline($pg->fit($ln, 'hand')); } $y += 24; }
    footer8($d, $pg, ['Form MR27 (rev 2011) - file in chronological order']);
  }
  $d->meta['handwritten_body_in_gt'] = true;
}
