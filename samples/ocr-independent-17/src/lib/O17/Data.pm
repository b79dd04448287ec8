package O17::Data;
# Fictional patients, practices, hospitals, identifiers, dates and clinical text.
# NHS numbers: 999 test range with valid modulus-11 check digit. Postcodes: ZX. Phones: 01632 960xxx
# (landline drama range) and 07700 900xxx (mobile drama range).
use strict; use warnings;
use Exporter 'import';
our @EXPORT_OK = qw(nhs_valid fmt_date fmt_nhs);

my @MONTHS = qw(January February March April May June July August September October November December);
my @MON3 = map { substr($_, 0, 3) } @MONTHS;
my @FIRST_M = qw(Arthur Brian Colin David Derek Edward Frank George Harold Ian James Keith Leonard Malcolm Neil Owen
  Peter Raymond Stephen Trevor Vincent Walter Alan Gareth Rhys Kamal Tariq Declan Mohammed Adebayo Lewis Callum Ryan);
my @FIRST_F = qw(Ann Brenda Carol Diane Eileen Frances Gillian Hilda Irene Janet Kathleen Linda Margaret Norma Olive
  Patricia Rita Sandra Teresa Valerie Wendy Yvonne Priya Aisha Siobhan Bronwen Megan Chloe Fatima Ngozi Agnieszka Joan);
my @LAST = qw(Ashworth Bramley Cartwright Dunmore Ellery Fairbrother Gaskell Hargreaves Illingworth Jessop Kettleborough
  Lockwood Merriman Northcote Oldroyd Pickering Quarmby Ridsdale Sowerby Thwaite Underwood Varley Wainwright Yeadon
  Ackroyd Battersby Crowther Dewhirst Entwistle Fothergill Greenhalgh Holroyd Inskip Jowett Kershaw Lumb Marsden
  Nuttall Ormerod Pilling Rushworth Sutcliffe Tattersall Uttley Whiteley Okonkwo Chaudhry Nowak Kowalczyk Mensah Rahman);
my @STREETS = ('Station Road', 'Mill Lane', 'Church Street', 'Moorside Avenue', 'Beck Close', 'Quarry Hill',
  'Orchard Way', 'Fern Bank', 'Weavers Row', 'Canal Street', 'Holly Grove', 'Park Terrace', 'Larch Drive',
  'Saxon Crescent', 'Ridge View', 'Foundry Walk', 'Meadow Court', 'Chapel Fold', 'Tanner Street', 'Ashgrove Road');
my @TOWNS = ('Brackenford', 'Eastwick Moor', 'Hollinsby', 'Upper Scarth', 'Netherwold', 'Kelbridge', 'Ashby Marsh',
  'Thornleigh', 'Calderby', 'Fenwick Cross');
my @LOCAL = ('Low Green', 'Northgate', 'West End', 'Riverside', 'Hill Top', 'Southfield');
my @PRACTICES = ('Millbrook Surgery', 'Fernbank Medical Centre', 'The Old Forge Practice', 'Calder Valley Health Centre',
  'Netherwold Family Practice', 'Kelbridge Road Surgery', 'Moorside Medical Group', 'Thornleigh Health Centre',
  'Ashby Marsh Surgery', 'Riverside Medical Practice', 'Weavers Lane Surgery', 'Hollinsby Health Partnership');
my @HOSPITALS = (
  ['Kelbridge and District Hospitals NHS Trust', 'Kelbridge General Hospital'],
  ['Calder Vale Teaching Hospitals NHS Foundation Trust', 'Calder Vale Royal Infirmary'],
  ['North Wold Hospitals NHS Trust', "St Aldhelm's Hospital"],
  ['Brackenford Community Healthcare NHS Trust', 'Brackenford Memorial Hospital'],
  ['Eastwick and Moor Valley NHS Foundation Trust', 'Eastwick Moor General Hospital'],
);

sub new { my ($class, $rng) = @_; return bless { r => $rng }, $class; }
sub r { $_[0]{r} }

sub nhs_check { my @d = split //, shift; my $s = 0; $s += $d[$_] * (10 - $_) for 0 .. 8; my $c = 11 - $s % 11; $c = 0 if $c == 11; return $c; }
sub nhs_valid { my $n = shift; return 0 unless $n =~ /^\d{10}$/; my $c = nhs_check(substr($n, 0, 9)); return $c != 10 && $c == substr($n, 9, 1); }
sub nhs_number {
    my ($s) = @_;
    while (1) { my $b = '999' . join('', map { $s->r->int(0, 9) } 1 .. 6); my $c = nhs_check($b); next if $c == 10; return $b . $c; }
}
sub fmt_nhs {
    my ($n, $style) = @_;
    return "$n" if $style eq 'plain';
    my ($a, $b, $c) = (substr($n, 0, 3), substr($n, 3, 3), substr($n, 6, 4));
    return "$a $b $c" if $style eq 'space';
    return "$a-$b-$c" if $style eq 'dash';
    return "$a  $b  $c" if $style eq 'wide';
    die "nhs style $style";
}
sub ymd { my ($y, $m, $d) = @_; return sprintf('%04d-%02d-%02d', $y, $m, $d); }
sub dim { my ($y, $m) = @_; return (31, ($y % 4 == 0 && ($y % 100 || $y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[$m - 1]; }
sub date_between { my ($s, $y0, $y1) = @_; my $y = $s->r->int($y0, $y1); my $m = $s->r->int(1, 12); my $d = $s->r->int(1, dim($y, $m)); return [$y, $m, $d]; }
sub add_days {
    my ($dt, $n) = @_; my ($y, $m, $d) = @$dt;
    while ($n > 0) { $d++; if ($d > dim($y, $m)) { $d = 1; $m++; if ($m > 12) { $m = 1; $y++; } } $n--; }
    while ($n < 0) { $d--; if ($d < 1) { $m--; if ($m < 1) { $m = 12; $y--; } $d = dim($y, $m); } $n++; }
    return [$y, $m, $d];
}
sub ord_suffix { my $d = shift; return 'th' if $d >= 11 && $d <= 13; return (qw(th st nd rd th th th th th th))[$d % 10]; }
sub fmt_date {
    my ($dt, $style) = @_; my ($y, $m, $d) = @$dt;
    my %f = (
        'dd/mm/yyyy' => sprintf('%02d/%02d/%04d', $d, $m, $y),
        'd/m/yyyy'   => sprintf('%d/%d/%04d', $d, $m, $y),
        'dd/mm/yy'   => sprintf('%02d/%02d/%02d', $d, $m, $y % 100),
        'd/m/yy'     => sprintf('%d/%d/%02d', $d, $m, $y % 100),
        'dd.mm.yy'   => sprintf('%02d.%02d.%02d', $d, $m, $y % 100),
        'dd.mm.yyyy' => sprintf('%02d.%02d.%04d', $d, $m, $y),
        'dd-mm-yyyy' => sprintf('%02d-%02d-%04d', $d, $m, $y),
        'd Month yyyy' => sprintf('%d %s %04d', $d, $MONTHS[$m - 1], $y),
        'dth Month yyyy' => sprintf('%d%s %s %04d', $d, ord_suffix($d), $MONTHS[$m - 1], $y),
        'dd Mon yyyy' => sprintf('%02d %s %04d', $d, $MON3[$m - 1], $y),
        'd Mon yyyy' => sprintf('%d %s %04d', $d, $MON3[$m - 1], $y),
        'dd-Mon-yyyy' => sprintf('%02d-%s-%04d', $d, $MON3[$m - 1], $y),
        'DD-MON-YYYY' => uc sprintf('%02d-%s-%04d', $d, $MON3[$m - 1], $y),
        'DD MON YYYY' => uc sprintf('%02d %s %04d', $d, $MON3[$m - 1], $y),
        'yyyy-mm-dd' => sprintf('%04d-%02d-%02d', $y, $m, $d),
        'Month d, yyyy' => sprintf('%s %d, %04d', $MONTHS[$m - 1], $d, $y),
    );
    die "date style $style" unless exists $f{$style};
    return $f{$style};
}
sub age_at { my ($dob, $dt) = @_; my $a = $dt->[0] - $dob->[0]; $a-- if $dt->[1] < $dob->[1] || ($dt->[1] == $dob->[1] && $dt->[2] < $dob->[2]); return $a; }
sub phone { my ($s) = @_; return sprintf('01632 960%03d', $s->r->int(0, 999)); }
sub mobile { my ($s) = @_; return sprintf('07700 900%03d', $s->r->int(0, 999)); }
sub postcode {
    my ($s) = @_; my @L = split //, 'ABDEFGHJLNPQRSTUWXYZ';
    return sprintf('ZX%d %d%s%s', $s->r->int(1, 19), $s->r->int(1, 9), $s->r->pick(@L), $s->r->pick(@L));
}
sub person_name { my ($s, $sex) = @_; return ($s->r->pick($sex eq 'M' ? @FIRST_M : @FIRST_F), $s->r->pick(@LAST)); }
sub patient {
    my ($s, %o) = @_;
    my $r = $s->r;
    my $sex = $o{sex} // $r->pick('M', 'F');
    my ($first, $last) = $s->person_name($sex);
    my $middle = $r->chance(0.4) ? ($s->person_name($sex))[0] : undef;
    $middle = undef if defined $middle && $middle eq $first;
    my $dob = $s->date_between($o{born_from} // 1926, $o{born_to} // 1990);
    my $town = $r->pick(@TOWNS);
    my @addr = ($r->int(1, 180) . ' ' . $r->pick(@STREETS));
    push @addr, $r->pick(@LOCAL) if $r->chance(0.5);
    push @addr, $town;
    my $pc = $s->postcode;
    my $title = $sex eq 'M' ? 'Mr' : $r->pick('Mrs', 'Ms', 'Miss', 'Mrs');
    my %hn = (
        K => 'K' . $r->int(100000, 999999),
        RX => 'RX' . $r->int(1000000, 9999999),
        MRN => join('', map { $r->int(0, 9) } 1 .. 10),     # 10-digit local MRN: looks like an NHS number
        D => 'D' . $r->int(1000, 9999) . sprintf('%03d', $r->int(0, 999)) . $r->pick(qw(A B C H K)),
    );
    my $hk = $o{hosp_style} // $r->pick(qw(K RX MRN D K RX));
    return { sex => $sex, first => $first, middle => $middle, last => $last, title => $title, dob => $dob,
             addr => \@addr, postcode => $pc, town => $town, phone => $s->phone, mobile => $s->mobile,
             nhs => $s->nhs_number, hosp => $hn{$hk}, hosp_style => $hk,
             he => $sex eq 'M' ? 'he' : 'she', his => $sex eq 'M' ? 'his' : 'her', him => $sex eq 'M' ? 'him' : 'her',
             man => $sex eq 'M' ? 'man' : 'woman', gent => $sex eq 'M' ? 'gentleman' : 'lady' };
}
sub full_name { my ($p, %o) = @_; my $n = "$p->{first} " . ($o{middle} && $p->{middle} ? "$p->{middle} " : '') . $p->{last}; return $o{title} ? "$p->{title} $n" : $n; }
sub surname_first { my ($p) = @_; return uc($p->{last}) . ", $p->{first}" . ($p->{middle} ? " $p->{middle}" : '') . " ($p->{title})"; }
sub practice {
    my ($s) = @_; my $r = $s->r;
    my $name = $r->pick(@PRACTICES);
    my $town = $r->pick(@TOWNS);
    my @gps = map { my $sx = $r->pick('M', 'F'); my ($f, $l) = $s->person_name($sx); "Dr $f $l" } 1 .. 4;
    my @ini = map { my @w = split / /, $_; substr($w[1], 0, 1) . substr($w[2], 0, 1) } @gps;
    return { name => $name, addr => [ $r->int(1, 90) . ' ' . $r->pick(@STREETS), $town ], postcode => $s->postcode, town => $town,
             phone => $s->phone, fax => $s->phone, ods => sprintf('Y%05d', $r->int(10000, 99999)), gps => \@gps, ini => \@ini,
             gp => $gps[0] };
}
sub hospital {
    my ($s) = @_; my $r = $s->r;
    my $h = $r->pick(@HOSPITALS);
    return { trust => $h->[0], name => $h->[1], addr => [ $r->pick('Infirmary Road', 'Hospital Lane', 'Moor Road', 'Wold Way') ], town => $r->pick(@TOWNS),
             postcode => $s->postcode, phone => $s->phone, fax => $s->phone };
}
sub consultant { my ($s) = @_; my $sx = $s->r->pick('M', 'F'); my ($f, $l) = $s->person_name($sx); return { name => "Dr $f $l", short => "Dr $l", sur => $l, ini => substr($f, 0, 1) . substr($l, 0, 1), mr => $s->r->chance(0.3) ? ($sx eq 'M' ? "Mr $f $l" : "Miss $f $l") : undef }; }
sub ubrn { my ($s) = @_; my $d = join('', map { $s->r->int(0, 9) } 1 .. 12); return ($d, substr($d, 0, 4) . ' ' . substr($d, 4, 4) . ' ' . substr($d, 8, 4)); }

# ---------------- clinical scenarios ----------------
sub scenarios {
    return (
    { id => 'ugi', spec => 'Gastroenterology', service => 'Upper GI Endoscopy / Gastroenterology', urgent => '2WW suspected upper GI cancer', fsex => undef,
      title => 'Dyspepsia with weight loss',
      hpc => ['{He} has had a {n} month history of epigastric discomfort, worse after meals and at night, with early satiety.',
              '{He} reports unintentional weight loss of about {kg} kg over this time. There is no dysphagia, haematemesis or melaena.',
              'A trial of omeprazole 20mg daily for eight weeks has made little difference.'],
      exam => 'Abdomen soft, mild epigastric tenderness, no masses. BMI {bmi}.',
      inv => 'Hb {hb} g/L (microcytic), ferritin {fer} ug/L, H. pylori stool antigen negative.',
      ask => 'I would be grateful if {he} could be seen for an urgent upper GI endoscopy.',
      meds => [['Omeprazole', '20mg', 'once daily'], ['Amlodipine', '5mg', 'once daily'], ['Atorvastatin', '20mg', 'at night']],
      pmh => ['Hypertension', 'Hypercholesterolaemia', 'Appendicectomy 1978'] },
    { id => 'lgi', spec => 'Colorectal Surgery', service => 'Colorectal 2WW Clinic', urgent => '2WW suspected lower GI cancer',
      title => 'Change in bowel habit and rectal bleeding',
      hpc => ['{He} describes a {n} month change in bowel habit towards looser stools, opening {his} bowels three to four times a day.',
              'There has been intermittent dark red blood mixed with the stool. {He} feels more tired than usual.',
              'A FIT result was {fit} ug Hb/g faeces.'],
      exam => 'Abdomen soft and non-tender. PR examination: no palpable mass, dark blood on the glove.',
      inv => 'Hb {hb} g/L, MCV 76 fL, ferritin {fer} ug/L, eGFR 71.',
      ask => 'Please could {he} be seen urgently under the suspected cancer pathway.',
      meds => [['Metformin', '500mg', 'twice daily'], ['Ramipril', '5mg', 'once daily'], ['Ferrous fumarate', '210mg', 'twice daily']],
      pmh => ['Type 2 diabetes', 'Hypertension', 'Osteoarthritis of knees'] },
    { id => 'breast', spec => 'Breast Surgery', service => 'Breast Symptomatic Clinic', urgent => '2WW suspected breast cancer', fsex => 'F',
      title => 'Breast lump',
      hpc => ['{She} noticed a lump in the upper outer quadrant of the left breast {n} weeks ago while showering.',
              'It has not changed with {his} cycle. There is no nipple discharge. Her maternal aunt had breast cancer in her fifties.'],
      exam => 'Firm, irregular 2 cm mass at 2 o\'clock in the left breast, 4 cm from the nipple. No axillary lymphadenopathy.',
      inv => 'None arranged in primary care.',
      ask => 'I would be grateful for urgent triple assessment.',
      meds => [['Levothyroxine', '75mcg', 'once daily'], ['Sertraline', '50mg', 'once daily']],
      pmh => ['Hypothyroidism', 'Anxiety', 'Two normal vaginal deliveries'] },
    { id => 'skin', spec => 'Dermatology', service => 'Dermatology - Skin Cancer Clinic', urgent => '2WW suspected skin cancer',
      title => 'Changing pigmented lesion',
      hpc => ['{He} has a pigmented lesion on the {site} which {his} partner says has grown and darkened over the last {n} months.',
              'It occasionally itches and bled once after catching it on clothing.'],
      exam => '9 x 7 mm asymmetrical lesion with irregular border and two shades of brown; weighted 7-point checklist score 5.',
      inv => 'Dermoscopy images attached to the referral.',
      ask => 'Please see under the two week wait pathway.',
      meds => [['Bendroflumethiazide', '2.5mg', 'once daily'], ['Aspirin', '75mg', 'once daily']],
      pmh => ['Hypertension', 'Previous basal cell carcinoma excised 2012'] },
    { id => 'chest', spec => 'Cardiology', service => 'Rapid Access Chest Pain Clinic', urgent => 'Urgent',
      title => 'Exertional chest pain',
      hpc => ['{He} describes central chest tightness on walking uphill, coming on after about 200 metres and easing within five minutes of rest.',
              'This started {n} weeks ago. There is no pain at rest. {He} is an ex-smoker of 30 pack years.'],
      exam => 'BP {bp}, pulse 78 regular, heart sounds normal, chest clear, no oedema.',
      inv => 'ECG sinus rhythm, no acute changes. Total cholesterol 6.4 mmol/L, HbA1c 44 mmol/mol.',
      ask => 'I would be grateful for assessment in the rapid access chest pain clinic.',
      meds => [['Aspirin', '75mg', 'once daily'], ['GTN spray', '400mcg', 'as required'], ['Simvastatin', '40mg', 'at night']],
      pmh => ['COPD', 'Ex-smoker', 'Gout'] },
    { id => 'knee', spec => 'Trauma and Orthopaedics', service => 'Orthopaedic Knee Clinic', urgent => 'Routine',
      title => 'Osteoarthritis of the right knee',
      hpc => ['{He} has had increasing right knee pain for {n} years, now limiting {his} walking distance to about 100 yards.',
              'The pain disturbs {his} sleep most nights despite regular analgesia and a course of physiotherapy.',
              'A steroid injection in the spring gave only three weeks of relief.'],
      exam => 'Varus deformity, crepitus, fixed flexion of 10 degrees, flexion to 95 degrees. BMI {bmi}.',
      inv => 'X-ray right knee: severe medial compartment narrowing with osteophytes.',
      ask => 'I would be grateful for your opinion regarding joint replacement.',
      meds => [['Paracetamol', '1g', 'four times daily'], ['Naproxen', '500mg', 'twice daily'], ['Lansoprazole', '15mg', 'once daily']],
      pmh => ['Osteoarthritis', 'Hypertension', 'Left total hip replacement 2015'] },
    { id => 'ent', spec => 'ENT', service => 'ENT Outpatients', urgent => 'Routine',
      title => 'Unilateral hearing loss and tinnitus',
      hpc => ['{He} reports gradually worsening hearing in the left ear over {n} months, with constant high pitched tinnitus on the same side.',
              'There is no vertigo, otalgia or discharge.'],
      exam => 'Both tympanic membranes intact. Rinne positive bilaterally, Weber lateralises to the right.',
      inv => 'Audiogram awaited.',
      ask => 'Please could you assess and consider an MRI of the internal auditory meati.',
      meds => [['Cetirizine', '10mg', 'once daily']],
      pmh => ['Hay fever', 'Migraine'] },
    { id => 'uro', spec => 'Urology', service => 'Urology - Prostate Clinic', urgent => '2WW suspected urological cancer', fsex => 'M',
      title => 'Raised PSA',
      hpc => ['{He} presented with nocturia three times a night and a poor stream for {n} months.',
              'His PSA was {psa} ng/mL, repeated at {psa2} ng/mL six weeks later.'],
      exam => 'DRE: moderately enlarged prostate, firm with a possible nodule on the left lobe.',
      inv => 'PSA {psa} ng/mL then {psa2} ng/mL. Urine dip negative. eGFR 68.',
      ask => 'I would be grateful for urgent assessment.',
      meds => [['Tamsulosin', '400mcg', 'once daily'], ['Lisinopril', '10mg', 'once daily']],
      pmh => ['Hypertension', 'Benign prostatic hyperplasia'] },
    { id => 'pmb', spec => 'Gynaecology', service => 'Gynaecology Rapid Access Clinic', urgent => '2WW suspected gynaecological cancer', fsex => 'F', minage => 55,
      title => 'Postmenopausal bleeding',
      hpc => ['{She} had her last period at the age of 51 and has now had two episodes of vaginal bleeding over the past {n} weeks.',
              'She is not on HRT. There is no abdominal pain.'],
      exam => 'Abdomen soft, no masses. Speculum: cervix appears healthy, small amount of old blood in the vault.',
      inv => 'Cervical screening up to date and normal.',
      ask => 'Please could she be seen for a transvaginal ultrasound and hysteroscopy as appropriate.',
      meds => [['Alendronic acid', '70mg', 'once weekly'], ['Adcal-D3', 'one tablet', 'twice daily']],
      pmh => ['Osteoporosis', 'Asthma'] },
    { id => 'neuro', spec => 'Neurology', service => 'General Neurology Clinic', urgent => 'Soon',
      title => 'New daily headaches',
      hpc => ['{He} has had a new pattern of daily headaches for {n} weeks, worse on waking and on bending forwards.',
              'Over the counter analgesia helps only briefly. There is no visual disturbance or weakness.'],
      exam => 'Fundoscopy limited, no obvious papilloedema. Cranial nerves and limbs normal. BP {bp}.',
      inv => 'FBC, ESR and CRP normal.',
      ask => 'I would appreciate your advice and assessment.',
      meds => [['Co-codamol', '8/500mg', 'as required'], ['Propranolol', '40mg', 'twice daily']],
      pmh => ['Migraine in her twenties', 'Depression'] },
    { id => 'rheum', spec => 'Rheumatology', service => 'Early Inflammatory Arthritis Clinic', urgent => 'Urgent',
      title => 'Suspected inflammatory arthritis',
      hpc => ['{He} has had painful swollen hands for {n} weeks with early morning stiffness lasting over an hour.',
              'Both wrists and several MCP joints are affected.'],
      exam => 'Synovitis of the 2nd and 3rd MCP joints bilaterally and the right wrist. Squeeze test positive.',
      inv => 'CRP {crp} mg/L, ESR 48 mm/hr, rheumatoid factor positive, anti-CCP pending.',
      ask => 'Please could you see {him} in the early arthritis clinic.',
      meds => [['Naproxen', '500mg', 'twice daily'], ['Omeprazole', '20mg', 'once daily']],
      pmh => ['Psoriasis', 'Previous DVT 2009'] },
    { id => 'lung', spec => 'Respiratory Medicine', service => 'Lung Cancer Rapid Access Clinic', urgent => '2WW suspected lung cancer',
      title => 'Persistent cough and haemoptysis',
      hpc => ['{He} has a {n} week history of persistent cough, with two episodes of blood streaked sputum last week.',
              '{He} has lost weight and feels breathless on one flight of stairs. Smoker, 40 pack years.'],
      exam => 'Reduced air entry at the right base. Finger clubbing. SpO2 94% on air.',
      inv => 'Chest X-ray: right hilar mass with partial collapse of the right lower lobe.',
      ask => 'I would be grateful for urgent review.',
      meds => [['Tiotropium', '18mcg', 'inhaled once daily'], ['Salbutamol', '100mcg', 'two puffs as required']],
      pmh => ['COPD', 'Peripheral vascular disease'] },
    { id => 'thyroid', spec => 'Endocrinology / ENT', service => 'Thyroid Nodule Clinic', urgent => 'Routine',
      title => 'Thyroid nodule',
      hpc => ['{He} noticed a lump in the front of {his} neck {n} months ago. It moves on swallowing.',
              'There is no hoarseness, dysphagia or stridor.'],
      exam => 'Smooth 2.5 cm nodule in the right lobe of the thyroid, no cervical lymphadenopathy.',
      inv => 'TSH 1.8 mU/L, free T4 14 pmol/L. Ultrasound: U3 nodule.',
      ask => 'Please could you arrange assessment and fine needle aspiration if appropriate.',
      meds => [['Ramipril', '2.5mg', 'once daily']],
      pmh => ['Hypertension'] },
    { id => 'memory', spec => 'Old Age Psychiatry', service => 'Memory Assessment Service', urgent => 'Routine', minage => 68,
      title => 'Memory problems',
      hpc => ['{His} family report increasing forgetfulness over {n} months, repeating questions and getting lost once while driving.',
              '{He} still lives independently with support from a daughter who visits daily.'],
      exam => '6CIT score 14/28. No focal neurology.',
      inv => 'Dementia screen bloods normal: B12, folate, TFT, calcium, glucose.',
      ask => 'I would be grateful for a formal memory assessment.',
      meds => [['Amlodipine', '10mg', 'once daily'], ['Clopidogrel', '75mg', 'once daily']],
      pmh => ['Atrial fibrillation', 'Previous TIA 2016', 'Hypertension'] },
    { id => 'renal', spec => 'Nephrology', service => 'Renal Outpatients', urgent => 'Routine',
      title => 'Declining renal function',
      hpc => ['{His} eGFR has fallen from 48 to {egfr} mL/min over the past {n} months with an ACR of 42 mg/mmol.',
              'Blood pressure control has been difficult despite three agents.'],
      exam => 'BP {bp}. Mild ankle oedema.',
      inv => 'eGFR {egfr}, potassium 5.4 mmol/L, Hb {hb} g/L. Renal ultrasound: small kidneys, no obstruction.',
      ask => 'I would value your advice on further management.',
      meds => [['Losartan', '100mg', 'once daily'], ['Indapamide', '1.5mg', 'once daily'], ['Doxazosin', '4mg', 'once daily']],
      pmh => ['Type 2 diabetes', 'Chronic kidney disease stage 3b', 'Ischaemic heart disease'] },
    { id => 'lymph', spec => 'Haematology', service => 'Haematology Clinic', urgent => '2WW suspected haematological cancer',
      title => 'Lymphadenopathy',
      hpc => ['{He} has had painless swelling in the left side of {his} neck for {n} weeks along with drenching night sweats.',
              '{He} has lost 5 kg in weight.'],
      exam => 'Rubbery 3 cm left supraclavicular node and smaller nodes in both axillae. No hepatosplenomegaly.',
      inv => 'WCC 11.2, lymphocytes 4.8, LDH raised at 410 U/L.',
      ask => 'Please could {he} be seen urgently.',
      meds => [['None regular', '', '']],
      pmh => ['Nil of note'] },
    );
}
sub fill {
    my ($s, $t, $p, $v) = @_;
    my %m = (he => $p->{he}, his => $p->{his}, him => $p->{him}, man => $p->{man});
    $t =~ s/\{(He|She)\}/ucfirst $p->{he}/ge; $t =~ s/\{His\}/ucfirst $p->{his}/ge;
    $t =~ s/\{(he|his|him|man)\}/$m{$1}/g;
    $t =~ s/\{(\w+)\}/exists $v->{$1} ? $v->{$1} : die "no value for $1"/ge;
    return $t;
}
sub scenario_values {
    my ($s) = @_; my $r = $s->r;
    return { n => $r->int(2, 9), kg => $r->int(4, 9), bmi => sprintf('%.1f', $r->uniform(21, 36)), hb => $r->int(88, 119),
             fer => $r->int(5, 14), fit => $r->int(18, 240), site => $r->pick('left upper back', 'right shin', 'left forearm', 'right shoulder'),
             bp => $r->int(128, 172) . '/' . $r->int(76, 98), psa => sprintf('%.1f', $r->uniform(6, 19)), psa2 => sprintf('%.1f', $r->uniform(7, 24)),
             crp => $r->int(18, 64), egfr => $r->int(24, 36) };
}
1;
