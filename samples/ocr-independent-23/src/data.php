<?php
// Fictional people, places and clinical content.
const FIRST_M = ['John','David','Peter','Michael','Alan','Robert','Graham','Keith','Stephen','Derek','Colin','Trevor','Ian','Martin','Gareth','Rajesh','Tomasz','Kwame','Owen','Liam','Harold','Frank','Neville','Barry'];
const FIRST_F = ['Margaret','Susan','Patricia','Helen','Janet','Karen','Elaine','Joan','Brenda','Sandra','Gillian','Priya','Agnieszka','Chloe','Bethan','Sian','Dorothy','Irene','Maureen','Lorraine','Amira','Fiona','Rachel','Deborah'];
const SURN = ['Whitcombe','Hollins','Bradwell','Farrant','Pemberton','Oakes','Thistlewood','Marchbank','Kettering','Ashdown','Greaves','Lockyer','Fenwick','Darnley','Hargreaves','Ormerod','Quayle','Rushworth','Saddler','Tennant','Underhill','Villiers','Winstanley','Yardley','Prendergast','Mulholland','Achterberg','Okonkwo','Nowicki','Chaudhry','Blackmore','Crossley'];
const STREETS = ['Mill Lane','Church Road','Station Approach','Beech Grove','Orchard Close','Victoria Terrace','Kingfisher Way','Tanners Row','Albion Street','Meadow View','The Crescent','Coronation Avenue','Foundry Walk','Hawthorn Drive','Quarry Hill','Rectory Gardens'];
const TOWNS = [['Zedbury','ZX1'],['Wexcombe','ZX3'],['Ormsby Vale','ZX7'],['Hallow Cross','ZX9'],['Brindle Heath','ZX11'],['Netherfold','ZX14'],['Castle Ambry','ZX17'],['Pellingford','ZX21']];
const MONTHS = ['January','February','March','April','May','June','July','August','September','October','November','December'];
const GP_SURN = ['Okafor','Lindqvist','Carrington','MacAulay','Esterhuizen','Bhattacharya','Rowntree','Fairbairn','Llewellyn','Sandhu','Gallagher','Kowalczyk'];
const PRACTICES = ['Riverside Medical Practice','The Old Forge Surgery','Castle Ambry Health Centre','Brindle Heath Family Practice','Wexcombe Road Surgery','Tanners Row Medical Centre','Netherfold Group Practice','Pellingford Village Surgery'];
const HOSPITALS = [
  ['Zedbury General Hospital', 'Zedbury Hospitals NHS Foundation Trust', 'Infirmary Road', 'Zedbury', 'ZX1 4QT'],
  ['St Aldhelm\'s Hospital', 'Wessex Vale University Hospitals NHS Trust', 'Aldhelm Way', 'Wexcombe', 'ZX3 9LP'],
  ['Ormsby Vale Community Hospital', 'Ormsby and District Community Health NHS Trust', 'Vale Road', 'Ormsby Vale', 'ZX7 2BD'],
  ['Hallow Cross Royal Infirmary', 'Hallow Cross Teaching Hospitals NHS Foundation Trust', 'Royal Parade', 'Hallow Cross', 'ZX9 1AA'],
];
const CONS_SURN = ['Ferreira','Huntley','Abernethy','Nakamura','Delacroix','Whitlock','Oyelaran','Strachan','Penhaligon','Vasquez'];
const SCEN = [
 ['Cardiology','Exertional chest pain','{T} {L} is a {A}-year-old {man} who describes a three month history of central chest tightness on walking uphill, relieved by rest within a few minutes. There is no pain at rest. {He} is an ex-smoker of 20 pack years and has a family history of ischaemic heart disease.','Hypertension; Type 2 diabetes; Hypercholesterolaemia','Ramipril 5mg OD; Metformin 500mg BD; Atorvastatin 20mg ON','BP 148/86, pulse 78 regular, heart sounds normal, chest clear. ECG shows sinus rhythm with no acute changes.','I would be grateful if you could assess {him} in the rapid access chest pain clinic and consider further investigation.'],
 ['Gastroenterology','Change in bowel habit and iron deficiency anaemia','{T} {L} reports an eight week history of looser stools and intermittent dark blood mixed with the motion. {He} has lost about 4kg in weight without trying. Recent bloods show a haemoglobin of 98 g/L with a low ferritin.','Osteoarthritis; Hypothyroidism','Levothyroxine 75mcg OD; Paracetamol 1g QDS PRN','Abdomen soft, mild tenderness in the left iliac fossa, no masses. Rectal examination unremarkable.','Please see under the two week wait pathway for consideration of colonoscopy.'],
 ['Dermatology','Changing pigmented lesion on the back','{T} {L} has noticed that a mole on {his} upper back has enlarged over the last four months and has become irregular in colour. It occasionally itches but has not bled.','Previous basal cell carcinoma excised 2009','Nil regular','7mm asymmetrical lesion with variegated pigmentation and an irregular border. No palpable lymphadenopathy.','I would value your opinion and excision if appropriate.'],
 ['Respiratory','Persistent cough and breathlessness','{T} {L} has had a cough productive of white sputum for over three months with increasing breathlessness on exertion, now limited to about 200 yards on the flat. {He} smoked 25 cigarettes a day until last year.','COPD (spirometry 2015); Depression','Tiotropium 18mcg OD; Salbutamol inhaler PRN; Sertraline 50mg OD','Scattered wheeze bilaterally, oxygen saturation 93% on air. Chest X-ray reported as hyperinflated lungs with no focal lesion.','Could you please review {his} management and consider pulmonary rehabilitation.'],
 ['Orthopaedics','Right knee pain limiting mobility','{T} {L} has a two year history of worsening right knee pain, now waking {him} at night and limiting {his} walking to short distances with a stick. Conservative measures including physiotherapy and analgesia have not helped.','Obesity (BMI 34); Gout','Naproxen 500mg BD; Omeprazole 20mg OD; Allopurinol 100mg OD','Varus deformity, crepitus and reduced flexion to 95 degrees. X-ray shows loss of medial joint space with osteophytes.','I would be grateful for your assessment with a view to knee replacement.'],
 ['Neurology','Episodes of transient visual loss and headache','{T} {L} describes several episodes over the past month of blurred vision in the left eye lasting a few minutes, associated with a new temporal headache. {He} also reports pain on chewing.','Polymyalgia rheumatica (2016); Atrial fibrillation','Apixaban 5mg BD; Bisoprolol 2.5mg OD','Tender left temporal artery. ESR 62 mm/hr, CRP 41 mg/L.','I have started prednisolone 60mg daily and would be grateful for urgent review.'],
 ['Urology','Raised PSA and lower urinary tract symptoms','{T} {L} presented with nocturia three times a night and a poor stream. PSA was 9.4 ng/mL and repeated at 10.1 ng/mL four weeks later.','Benign essential tremor','Propranolol 40mg BD','Digital rectal examination reveals a firm, moderately enlarged prostate with a possible nodule on the left lobe.','Please see under the suspected cancer pathway.'],
 ['ENT','Unilateral hearing loss and tinnitus','{T} {L} has noticed gradually worsening hearing in the right ear over six months with constant high pitched tinnitus. There is no vertigo or discharge.','Asthma','Beclometasone inhaler 200mcg BD','Otoscopy normal. Rinne positive bilaterally, Weber lateralises to the left.','I would be grateful for assessment and audiology with consideration of MRI of the internal auditory meatus.'],
 ['Gynaecology','Postmenopausal bleeding','{T} {L} reports two episodes of vaginal bleeding in the last month. {He} went through the menopause at the age of 52 and is not on hormone replacement therapy.','Hypertension; Breast cyst aspirated 2012','Amlodipine 5mg OD','Abdomen soft and non-tender. Speculum examination showed a healthy cervix.','Please see under the two week wait pathway for ultrasound and hysteroscopy.'],
 ['Rheumatology','Inflammatory polyarthritis','{T} {L} has had painful, swollen small joints of both hands for ten weeks with early morning stiffness lasting over an hour. Rheumatoid factor is positive and anti-CCP antibodies are strongly positive.','Psoriasis','Co-codamol 30/500 PRN; Emollients','Synovitis of the MCP joints bilaterally and the right wrist.','I would be grateful for early review in the inflammatory arthritis clinic.'],
 ['Endocrinology','Hypercalcaemia','Routine bloods for tiredness showed an adjusted calcium of 2.84 mmol/L with a PTH of 9.6 pmol/L. {T} {L} has had renal colic twice in the last two years.','Renal calculi; Reflux','Lansoprazole 30mg OD','No specific findings on examination. eGFR 71.','I would value your advice regarding primary hyperparathyroidism.'],
 ['Ophthalmology','Gradual visual deterioration','{T} {L} is struggling with glare when driving at night and reading small print. Optometrist reports bilateral cataracts, right worse than left, with best corrected acuity 6/18 right and 6/9 left.','Glaucoma suspect; Type 2 diabetes','Latanoprost eye drops ON; Gliclazide 80mg BD','Visual acuity confirmed as above. Red reflex reduced on the right.','Please assess for cataract surgery.'],
];
function nhs_check_ok($d9) { $s = 0; for ($i = 0; $i < 9; $i++) $s += (int)$d9[$i] * (10 - $i); $c = 11 - $s % 11; if ($c == 11) $c = 0; return $c == 10 ? null : $c; }
function gen_nhs($rng) { while (true) { $d = '999' . sprintf('%06d', $rng->int(0, 999999)); $c = nhs_check_ok($d); if ($c !== null) return $d . $c; } }
function fmt_nhs($n, $st) { return $st == 0 ? substr($n, 0, 3) . ' ' . substr($n, 3, 3) . ' ' . substr($n, 6) : ($st == 1 ? $n : substr($n, 0, 3) . '-' . substr($n, 3, 3) . '-' . substr($n, 6)); }
function ymd_parts($d) { return array_map('intval', explode('-', $d)); }
function fmt_date($d, $st) {
  [$y, $m, $dd] = ymd_parts($d); $mn = MONTHS[$m - 1];
  switch ($st) {
    case 'dmy/': return sprintf('%02d/%02d/%04d', $dd, $m, $y);
    case 'long': return "$dd $mn $y";
    case 'dmy.2': return sprintf('%02d.%02d.%02d', $dd, $m, $y % 100);
    case 'dMy-': return sprintf('%02d-%s-%04d', $dd, substr($mn, 0, 3), $y);
    case 'dMy': return sprintf('%02d %s %04d', $dd, substr($mn, 0, 3), $y);
    case 'ord': $suf = ($dd % 10 == 1 && $dd != 11) ? 'st' : (($dd % 10 == 2 && $dd != 12) ? 'nd' : (($dd % 10 == 3 && $dd != 13) ? 'rd' : 'th')); return "$dd$suf $mn $y";
    case 'iso': return sprintf('%04d-%02d-%02d', $y, $m, $dd);
    case 'dmy-': return sprintf('%02d-%02d-%04d', $dd, $m, $y);
  }
  return $d;
}
function rand_date($rng, $y0, $y1) { $y = $rng->int($y0, $y1); $m = $rng->int(1, 12); $d = $rng->int(1, [31,28,31,30,31,30,31,31,30,31,30,31][$m - 1]); return sprintf('%04d-%02d-%02d', $y, $m, $d); }
function age_at($dob, $when) { [$y, $m, $d] = ymd_parts($dob); [$y2, $m2, $d2] = ymd_parts($when); $a = $y2 - $y; if ($m2 < $m || ($m2 == $m && $d2 < $d)) $a--; return $a; }
function phone($rng) { return '01632 960' . sprintf('%03d', $rng->int(0, 999)); }
function postcode($rng, $area) { return $area . ' ' . $rng->int(1, 9) . chr(65 + $rng->int(0, 25)) . chr(65 + $rng->int(0, 25)); }
function gen_patient($rng, $letterYear) {
  $sex = $rng->chance(0.5) ? 'M' : 'F'; $first = $rng->pick($sex == 'M' ? FIRST_M : FIRST_F); $last = $rng->pick(SURN);
  $title = $sex == 'M' ? 'Mr' : $rng->pick(['Mrs', 'Ms', 'Miss']);
  $dob = rand_date($rng, $letterYear - 88, $letterYear - 24); [$town, $area] = $rng->pick(TOWNS);
  return ['sex' => $sex, 'first' => $first, 'last' => $last, 'title' => $title, 'dob' => $dob, 'nhs' => gen_nhs($rng),
    'addr' => [$rng->int(1, 148) . ' ' . $rng->pick(STREETS), $town, postcode($rng, $area)], 'phone' => phone($rng),
    'hosp' => $rng->pick(['RX', 'H', 'ZG', 'K']) . sprintf('%06d', $rng->int(0, 999999)), 'mrn_label' => $rng->pick(['Hospital No', 'Hosp No', 'MRN', 'Unit No', 'Case Note No'])];
}
function gen_gp($rng) { [$town, $area] = $rng->pick(TOWNS);
  return ['name' => 'Dr ' . $rng->pick(['A','B','C','E','H','J','K','M','N','R','S','T']) . ' ' . $rng->pick(GP_SURN), 'practice' => $rng->pick(PRACTICES),
   'addr' => [$rng->int(2, 90) . ' ' . $rng->pick(STREETS), $town, postcode($rng, $area)], 'tel' => phone($rng), 'fax' => phone($rng), 'code' => 'Z' . sprintf('%05d', $rng->int(10000, 99999))]; }
function gen_hosp($rng) { $h = $rng->pick(HOSPITALS); return ['site' => $h[0], 'trust' => $h[1], 'addr' => [$h[2], $h[3], $h[4]], 'tel' => phone($rng), 'cons' => 'Dr ' . $rng->pick(['P','L','G','D','F','W']) . ' ' . $rng->pick(CONS_SURN)]; }
function pron($s, $p) { $m = $p['sex'] == 'M';
  return strtr($s, ['{T}' => $p['title'], '{L}' => $p['last'], '{He}' => $m ? 'He' : 'She', '{he}' => $m ? 'he' : 'she', '{him}' => $m ? 'him' : 'her', '{his}' => $m ? 'his' : 'her', '{man}' => $m ? 'man' : 'woman', '{A}' => $p['age']]); }
