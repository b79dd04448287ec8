# content.tcl -- fictional people, places and clinical text
# Everything is invented: NHS numbers in the 999 range (valid modulus 11),
# ZX postcodes, 01632 960xxx landlines, 07700 900xxx mobiles.

set NAMES(m) {James Robert David Michael Peter Alan Brian Kenneth Graham Trevor Colin Stuart Derek Raymond Dennis Malcolm Nigel Clive Martin Geoffrey Howard Leonard Stanley Victor Wilfred Desmond Rajesh Tariq Connor Liam Owen Callum Ewan Dylan Ashok Kwame Patrick Roy}
set NAMES(f) {Margaret Susan Patricia Linda Barbara Christine Janet Pauline Maureen Sandra Gillian Doreen Valerie Brenda Sheila Yvonne Hilary Lorraine Denise Beverley Joan Eileen Irene Agnes Priya Nasreen Shona Kirsty Bethan Siobhan Rhiannon Amara Chloe Joanne Renée Marjorie Ethel}
set NAMES(sur) {Ashworth Blenkinsop Cartwright Dunmore Ellery Fairbrother Gledhill Hartigan Illingworth Jessop Kettlewell Lockwood Marchbank Nettleton Oldroyd Pickersgill Quarmby Rushworth Sowerby Thackray Uttley Varley Whitehead Yeadon Armitage Brearley Crowther Dinsdale Entwistle Fothergill Greenhalgh Haigh Ibbotson Kershaw Lumb Mallinson Naylor Ormondroyd Pogson Riley Shackleton Tattersall Wadsworth Akhtar Okonkwo Mistry Nowak MacLeod O'Donnell Featherstone Hebblethwaite}
set PLACES(street) {{Mill Lane} {Church Street} {Moorside Road} {Albert Terrace} {Quarry Bank} {Station Road} {Woodland Rise} {Beck View} {Fold Court} {Canal Wharf} {Hollin Drive} {Tenter Croft} {Ravens Walk} {Gib Lane} {Coldwell Avenue} {Marsh Gardens} {Throstle Nest} {Weavers Close} {Spring Gardens} {Kiln Brow}}
set PLACES(town) {Northbridge Easthaven Calderholme Westmoor Brackenfield Lowcastle Ashby Fellside Marlow Dene Kirkstead Hollinthorpe Saltley Greyhaven Wyke}
set PLACES(county) {{West Ridingshire} {Calderdale Vale} {North Moorshire} {Fellshire}}

proc postcode {} {
    set L {A B D E F G H J L N P Q R S T U W X Y Z}
    return "ZX[ri 1 19] [ri 1 9][pick $L][pick $L]"
}
proc phone {} { return "01632 960[format %03d [ri 0 999]]" }
proc mobile {} { return "07700 900[format %03d [ri 0 999]]" }

proc mkperson {sex} {
    global NAMES
    set first [pick $NAMES($sex)]
    set last [pick $NAMES(sur)]
    return [list $first $last]
}
proc mkaddress {} {
    global PLACES
    set l1 "[ri 1 142] [pick $PLACES(street)]"
    if {[chance 0.25]} { set l1 "Flat [ri 1 12], [pick {{Kestrel House} {Alder Court} {Priory Mews} {Crown Buildings}}]" ; set l1b "[ri 1 60] [pick $PLACES(street)]" } else { set l1b "" }
    set town [pick $PLACES(town)]
    set lines [list $l1]
    if {$l1b ne ""} {lappend lines $l1b}
    lappend lines $town
    if {[chance 0.4]} {lappend lines [pick $PLACES(county)]}
    lappend lines [postcode]
    return $lines
}

# a patient record for one document; era = year of the letter
array set AGES {bowel {48 86} breast {34 79} chest {46 79} knee {56 86} headache {21 58} diabetes {42 79} skin {28 84} dysphagia {52 86} urology {50 85} copd {56 86} ent {32 70} memory {68 91} carpal {31 68} af {55 88}}
proc mkpatient {era {sex ""} {scen ""}} {
    if {$sex eq ""} {set sex [pick {m f}]}
    lassign [mkperson $sex] first last
    if {$scen ne "" && [info exists ::AGES($scen)]} { set age [ri {*}$::AGES($scen)] } else { set age [ri 24 89] }
    set ldate [mkdate $era [ri 1 12] [ri 1 28]]
    set dob [mkdate [expr {$era - $age}] [ri 1 12] [ri 1 28]]
    if {$sex eq "m"} {
        set title [pick {Mr Mr Mr Mr Dr Rev}]
        set he he; set his his; set him him; set He He; set His His; set man [pick {man gentleman}]
    } else {
        set title [pick {Mrs Mrs Ms Miss Mrs}]
        set he she; set his her; set him her; set He She; set His Her; set man [pick {woman lady}]
    }
    set mid [string index [pick [list {*}$::NAMES(m) {*}$::NAMES(f)]] 0]
    dict create sex $sex first $first last $last mid $mid title $title dob $dob \
        age [age_at $dob $ldate] ldate $ldate nhs [nhs_new] addr [mkaddress] \
        phone [phone] mobile [mobile] \
        hosp "[pick {K R M NB H}][format %06d [ri 100000 999999]]" \
        ubrn "[format %04d [ri 0 9999]] [format %04d [ri 0 9999]] [format %04d [ri 0 9999]]" \
        he $he his $his him $him He $He His $His man $man
}
proc pname {p {style full}} {
    dict with p {}
    switch $style {
        full   {return "$title $first $last"}
        plain  {return "$first $last"}
        upper  {return "[string toupper $last], $first"}
        uppert {return "[string toupper $last], $first ($title)"}
        init   {return "$title [string index $first 0] $last"}
        caps   {return [string toupper "$first $last"]}
    }
}
proc pron {p s} {
    string map [list {{HE}} [dict get $p he] {{HIS}} [dict get $p his] {{HIM}} [dict get $p him] \
        {{CHE}} [dict get $p He] {{CHIS}} [dict get $p His] {{MAN}} [dict get $p man] \
        {{AGE}} [dict get $p age] {{FIRST}} [dict get $p first] {{TITLE}} [dict get $p title] {{LAST}} [dict get $p last]] $s
}

# clinicians and organisations
proc mkdoctor {} {
    lassign [mkperson [pick {m f}]] f l
    return "Dr [string index $f 0] $l"
}
proc mkdoctor_full {} {
    lassign [mkperson [pick {m f}]] f l
    return [list "Dr $f $l" "Dr [string index $f 0] $l" $l]
}
set PRACTICES {{Riverside Medical Centre} {Moorview Surgery} {The Old Mill Practice} {Beckside Health Centre} {Kirkgate Family Practice} {Hollins Park Surgery} {Canal Street Medical Group} {Fellside Group Practice} {Weavers Yard Surgery} {Saltley Road Health Centre}}
set HOSPITALS {
    {{Northbridge General Hospital} {Northbridge Teaching Hospitals NHS Foundation Trust} {Infirmary Road} Northbridge}
    {{Calderholme Royal Infirmary} {Calderholme and Dene Hospitals NHS Trust} {Lister Way} Calderholme}
    {{Westmoor District Hospital} {Westmoor and Fellside NHS Foundation Trust} {Moor Edge} Westmoor}
    {{Easthaven Community Hospital} {Easthaven Healthcare NHS Trust} {Harbour Road} Easthaven}
}
proc mkpractice {} {
    set name [pick $::PRACTICES]
    set addr [list "[ri 2 90] [pick $::PLACES(street)]" [pick $::PLACES(town)] [postcode]]
    dict create name $name addr $addr phone [phone] fax [phone] code "Y[format %05d [ri 10000 99999]]" \
        gp [mkdoctor_full] email "[string tolower [lindex [split $name] 0]].practice@nhs.invalid"
}
proc mkhospital {} {
    lassign [pick $::HOSPITALS] name trust road town
    dict create name $name trust $trust road $road town $town pc [postcode] phone [phone] fax [phone]
}

# ---------------------------------------------------------------- scenarios
# Each scenario: spec clinic service reason hx exam inv ask pmh meds diag plan
set SCEN {}
proc scen {args} { lappend ::SCEN [dict create {*}$args] }

scen key bowel spec {Colorectal Surgery} clinic {Colorectal Clinic} service {Lower GI 2WW} urg {Urgent - suspected cancer} \
  reason {Change in bowel habit with rectal bleeding} \
  hx {{{CHE} is a {AGE} year old {MAN} who presents with an eight week history of looser, more frequent stools, up to four times a day.} {{CHE} has noticed dark red blood mixed in with the stool on several occasions.} {There is no family history of bowel cancer.} {{CHE} reports some fatigue and thinks {HE} may have lost about 4 kg in weight over three months.} {{CHIS} FIT result was 86 ug Hb/g.}} \
  exam {{Abdomen soft, mild tenderness in the left iliac fossa, no palpable mass.} {PR examination: no mass felt, dark blood on the glove.}} \
  inv {{Hb 109 g/L, MCV 76 fL, ferritin 9 ug/L.} {U&E and LFTs normal.}} \
  ask {I would be grateful if you could see {HIM} urgently under the two week wait pathway with a view to colonoscopy.} \
  pmh {{Hypertension} {Osteoarthritis of both knees} {Appendicectomy 1978}} \
  meds {{Amlodipine} {10 mg} {once daily} {Paracetamol} {1 g} {four times daily PRN} {Ferrous fumarate} {210 mg} {twice daily}} \
  diag {Iron deficiency anaemia with change in bowel habit} \
  plan {{Colonoscopy has been booked for the next available list.} {CT colonography if colonoscopy is incomplete.} {Continue oral iron in the meantime.}}

scen key breast spec {Breast Surgery} clinic {Breast Clinic} service {Breast Symptomatic 2WW} urg {Urgent - suspected cancer} \
  reason {New lump in the left breast} \
  sex f hx {{{CHE} found a lump in the upper outer quadrant of the left breast three weeks ago.} {It is not painful and has not changed with {HIS} cycle.} {There is no nipple discharge.} {{CHIS} mother had breast cancer at the age of 62.}} \
  exam {{There is a firm, irregular 2 cm mass at 2 o'clock in the left breast, 4 cm from the nipple.} {No axillary lymphadenopathy.}} \
  inv {{No investigations performed in primary care.}} \
  ask {Please assess in the one stop breast clinic.} \
  pmh {{Asthma} {Hysterectomy 2009}} \
  meds {{Salbutamol inhaler} {100 micrograms} {2 puffs PRN} {Clenil Modulite} {100 micrograms} {2 puffs twice daily}} \
  diag {Left breast mass, triple assessment performed} \
  plan {{Core biopsy taken today.} {Results clinic in one week.} {Breast care nurse contact details given.}}

scen key chest spec Cardiology clinic {Rapid Access Chest Pain Clinic} service {Rapid Access Chest Pain} urg Urgent \
  reason {Exertional chest tightness} \
  hx {{{CHE} describes a central chest tightness which comes on after walking about 200 yards uphill and settles within five minutes of rest.} {Symptoms began approximately six weeks ago.} {{CHE} is an ex-smoker of 30 pack years.} {There is no pain at rest and no syncope.}} \
  exam {{BP 152/88, pulse 78 regular.} {Heart sounds normal, chest clear, no peripheral oedema.}} \
  inv {{ECG: sinus rhythm, no acute changes.} {Total cholesterol 6.4 mmol/L, HbA1c 44 mmol/mol.}} \
  ask {I have started aspirin and a GTN spray; I would be grateful for your assessment and further investigation.} \
  pmh {{Type 2 diabetes (diet controlled)} {Hypercholesterolaemia} {Gout}} \
  meds {{Aspirin} {75 mg} {once daily} {Atorvastatin} {40 mg} {at night} {GTN spray} {400 micrograms} {PRN} {Allopurinol} {100 mg} {once daily}} \
  diag {Stable angina} \
  plan {{CT coronary angiogram requested.} {Bisoprolol 2.5 mg once daily started.} {Review with results.}}

scen key knee spec {Trauma and Orthopaedics} clinic {Orthopaedic Knee Clinic} service {Orthopaedics - Knee} urg Routine \
  reason {Right knee pain, failed conservative management} \
  hx {{{CHE} has had worsening right knee pain for two years, now limiting {HIS} walking distance to about a quarter of a mile.} {The knee is stiff in the morning and swells after activity.} {{CHE} has completed a course of physiotherapy and takes regular analgesia with little benefit.} {Sleep is disturbed by pain most nights.}} \
  exam {{Varus deformity, small effusion, crepitus throughout range.} {Range of movement 5 to 100 degrees.}} \
  inv {{X-ray: severe medial compartment joint space loss with osteophytes.}} \
  ask {{CHE} would like to discuss surgical options including joint replacement.} \
  pmh {{Obesity (BMI 33)} {Hypertension} {Depression}} \
  meds {{Ramipril} {5 mg} {once daily} {Co-codamol} {30/500 mg} {two tablets four times daily} {Sertraline} {50 mg} {once daily} {Naproxen} {500 mg} {twice daily}} \
  diag {End stage osteoarthritis of the right knee} \
  plan {{Listed for right total knee replacement.} {Pre-operative assessment to be arranged.} {Weight management advice given.}}

scen key headache spec Neurology clinic {General Neurology Clinic} service {Neurology - Headache} urg Routine \
  reason {Persistent daily headaches} \
  hx {{{CHE} has had headaches on most days for four months, worse in the afternoon and described as a band around the head.} {There are no visual symptoms, no weakness and no early morning vomiting.} {{CHE} takes paracetamol or ibuprofen on at least twenty days a month.} {Fundoscopy at the optician was reported as normal.}} \
  exam {{Neurological examination normal. BP 128/76.}} \
  inv {{FBC, ESR and CRP normal.}} \
  ask {I wonder whether this represents medication overuse headache and would value your opinion on prophylaxis.} \
  pmh {{Migraine in adolescence} {Irritable bowel syndrome}} \
  meds {{Amitriptyline} {10 mg} {at night} {Ibuprofen} {400 mg} {three times daily PRN}} \
  diag {Chronic tension type headache with medication overuse} \
  plan {{Analgesic withdrawal advised.} {Amitriptyline increased to 25 mg at night.} {Headache diary for three months.}}

scen key diabetes spec {Diabetes and Endocrinology} clinic {Diabetes Clinic} service {Diabetes - Adult} urg Routine \
  reason {Poorly controlled type 2 diabetes} \
  hx {{{CHE} has had type 2 diabetes for eleven years.} {Despite maximal oral therapy {HIS} HbA1c has risen from 68 to 91 mmol/mol over the past year.} {{CHE} reports thirst, nocturia and blurred vision.} {{CHE} is keen to avoid insulin if at all possible.}} \
  exam {{Weight 96.4 kg, BMI 34.1. Feet: reduced monofilament sensation bilaterally.}} \
  inv {{HbA1c 91 mmol/mol, eGFR 58 mL/min, urine ACR 6.2 mg/mmol.}} \
  ask {Please advise on further management, including GLP-1 or insulin.} \
  pmh {{Type 2 diabetes} {Chronic kidney disease stage 3a} {Background retinopathy} {Hypertension}} \
  meds {{Metformin} {1 g} {twice daily} {Gliclazide} {160 mg} {twice daily} {Sitagliptin} {100 mg} {once daily} {Ramipril} {10 mg} {once daily} {Atorvastatin} {20 mg} {at night}} \
  diag {Type 2 diabetes with suboptimal control} \
  plan {{Start semaglutide 0.25 mg weekly, titrating monthly.} {Stop sitagliptin.} {Dietitian referral made.}}

scen key skin spec Dermatology clinic {Skin Cancer Clinic} service {Dermatology Skin Cancer 2WW} urg {Urgent - suspected cancer} \
  reason {Changing pigmented lesion on the back} \
  hx {{{CHIS} partner noticed that a mole on {HIS} upper back has become larger and darker over the last three months.} {It occasionally itches and bled once after scratching.} {{CHE} had several episodes of sunburn as a child and has fair skin.}} \
  exam {{11 mm asymmetrical lesion with irregular border and two shades of brown, left scapular region.} {Weighted 7-point checklist score 5.}} \
  inv {{Dermoscopy images attached.}} \
  ask {Suspected melanoma; please see within two weeks.} \
  pmh {{Basal cell carcinoma excised 2015} {Hypothyroidism}} \
  meds {{Levothyroxine} {75 micrograms} {once daily}} \
  diag {Suspected superficial spreading melanoma} \
  plan {{Excision biopsy with 2 mm margins performed.} {Histology to be reviewed at the skin MDT.}}

scen key dysphagia spec {Upper GI Surgery} clinic {Upper GI Clinic} service {Upper GI 2WW} urg {Urgent - suspected cancer} \
  reason {Progressive dysphagia to solids} \
  hx {{{CHE} reports food sticking behind the lower sternum for six weeks, initially with meat and bread, now with most solids.} {{CHE} has lost 6 kg unintentionally.} {There is a long history of heartburn treated with over the counter antacids.} {{CHE} smokes ten cigarettes a day.}} \
  exam {{Thin, no lymphadenopathy, abdomen unremarkable.}} \
  inv {{Hb 121 g/L, albumin 33 g/L.}} \
  ask {Please arrange urgent upper GI endoscopy.} \
  pmh {{GORD} {COPD}} \
  meds {{Omeprazole} {20 mg} {once daily} {Tiotropium} {18 micrograms} {once daily} {Salbutamol inhaler} {100 micrograms} {PRN}} \
  diag {Dysphagia - oesophageal stricture} \
  plan {{OGD with biopsies arranged.} {Dietitian review.} {Increase omeprazole to 40 mg.}}

scen key urology spec Urology clinic {Haematuria Clinic} service {Urology - Haematuria 2WW} urg {Urgent - suspected cancer} \
  reason {Visible haematuria} \
  hx {{{CHE} had two episodes of painless visible haematuria last month.} {Urine culture was negative.} {{CHE} worked for many years in a dye factory.} {There are no lower urinary tract symptoms.}} \
  exam {{Abdomen soft, non-tender, no palpable masses. Prostate small and smooth.}} \
  inv {{Creatinine 92 umol/L, eGFR 71. MSU: no growth.}} \
  ask {Please see in the haematuria clinic for cystoscopy and imaging.} \
  pmh {{Atrial fibrillation} {Benign prostatic hyperplasia}} \
  meds {{Apixaban} {5 mg} {twice daily} {Bisoprolol} {2.5 mg} {once daily} {Tamsulosin} {400 micrograms} {once daily}} \
  diag {Visible haematuria, flexible cystoscopy normal} \
  plan {{CT urogram requested.} {Continue anticoagulation.} {Discharge if imaging normal.}}

scen key copd spec {Respiratory Medicine} clinic {Respiratory Clinic} service {Respiratory - General} urg Routine \
  reason {Increasing breathlessness} \
  hx {{{CHE} has COPD and reports increasing breathlessness over the last year, now MRC grade 4.} {{CHE} had three exacerbations requiring steroids and antibiotics in the last twelve months.} {{CHE} stopped smoking two years ago.} {Oxygen saturations have been 90 to 92 percent at rest at recent reviews.}} \
  exam {{Hyperexpanded chest, scattered wheeze, no clubbing. SpO2 91% on air.}} \
  inv {{Spirometry: FEV1 0.98 L (38% predicted), FEV1/FVC 0.46.} {CXR: hyperinflation, no focal consolidation.}} \
  ask {I would be grateful for assessment for long term oxygen and pulmonary rehabilitation.} \
  pmh {{COPD} {Osteoporosis} {Anxiety}} \
  meds {{Trimbow} {87/5/9 micrograms} {2 puffs twice daily} {Salbutamol inhaler} {100 micrograms} {PRN} {Alendronic acid} {70 mg} {once weekly} {Carbocisteine} {375 mg} {two capsules three times daily}} \
  diag {Severe COPD with chronic hypoxaemia} \
  plan {{Ambulatory oxygen assessment booked.} {Referred to pulmonary rehabilitation.} {Rescue pack issued.}}

scen key ent spec {Ear, Nose and Throat} clinic {ENT Clinic} service {ENT - Otology} urg Routine \
  reason {Unilateral hearing loss and tinnitus} \
  hx {{{CHE} has noticed gradually worsening hearing in the right ear over eighteen months, with a constant high pitched tinnitus on that side.} {There is no vertigo, discharge or pain.} {{CHE} has no history of noise exposure.}} \
  exam {{Both tympanic membranes intact and normal. Rinne positive bilaterally, Weber lateralises to the left.}} \
  inv {{Audiogram: asymmetrical sensorineural loss, right worse than left by 25 dB at three frequencies.}} \
  ask {Please assess; I wonder whether an MRI of the internal auditory meati is indicated.} \
  pmh {{Hypertension}} \
  meds {{Losartan} {50 mg} {once daily}} \
  diag {Asymmetrical sensorineural hearing loss} \
  plan {{MRI internal auditory meati requested.} {Hearing aid referral.}}

scen key memory spec {Old Age Psychiatry} clinic {Memory Assessment Service} service {Memory Assessment} urg Routine \
  reason {Progressive memory impairment} \
  hx {{{CHIS} daughter reports that over the past year {HE} has become increasingly forgetful, repeating questions and misplacing items.} {{CHE} recently got lost driving to a familiar supermarket.} {{CHE} lives alone and manages {HIS} own medication with a dosette box.}} \
  exam {{6CIT score 14/28. Physical examination unremarkable.}} \
  inv {{B12, folate, TSH, calcium and glucose all normal.}} \
  ask {Please assess for possible dementia.} \
  pmh {{Hypertension} {Previous TIA 2019}} \
  meds {{Clopidogrel} {75 mg} {once daily} {Amlodipine} {5 mg} {once daily} {Simvastatin} {40 mg} {at night}} \
  diag {Mild Alzheimer's disease} \
  plan {{Donepezil 5 mg at night started.} {Carers assessment requested.} {Review in the memory clinic in three months.}}

scen key carpal spec {Plastic Surgery} clinic {Hand Surgery Clinic} service {Hand Surgery - Carpal Tunnel} urg Routine \
  reason {Carpal tunnel syndrome} \
  hx {{{CHE} has had numbness and tingling in the thumb, index and middle fingers of the right hand for a year, waking {HIM} at night.} {Night splints and a steroid injection gave only temporary relief.} {{CHE} works as a hairdresser and is struggling at work.}} \
  exam {{Positive Phalen and Tinel tests on the right. Mild thenar wasting.}} \
  inv {{Nerve conduction studies: moderate right median nerve compression at the wrist.}} \
  ask {Please consider for carpal tunnel decompression.} \
  pmh {{Hypothyroidism} {Rheumatoid arthritis}} \
  meds {{Levothyroxine} {100 micrograms} {once daily} {Methotrexate} {15 mg} {once weekly on Mondays} {Folic acid} {5 mg} {once weekly on Fridays}} \
  diag {Right carpal tunnel syndrome} \
  plan {{Listed for right carpal tunnel decompression under local anaesthetic.}} 

scen key af spec Cardiology clinic {Arrhythmia Clinic} service {Cardiology - Arrhythmia} urg Routine \
  reason {Palpitations, new atrial fibrillation} \
  hx {{{CHE} presented with intermittent palpitations and breathlessness for three weeks.} {An ECG in the surgery showed atrial fibrillation with a ventricular rate of 118.} {{CHIS} CHA2DS2-VASc score is 3 and {HE} has been started on anticoagulation.} {There is no chest pain.}} \
  exam {{Irregularly irregular pulse 104, BP 138/84, no murmurs, mild ankle oedema.}} \
  inv {{TSH 1.8 mU/L. Echocardiogram not yet performed.}} \
  ask {I would value your advice on rate versus rhythm control.} \
  pmh {{Hypertension} {Type 2 diabetes}} \
  meds {{Edoxaban} {60 mg} {once daily} {Bisoprolol} {5 mg} {once daily} {Metformin} {500 mg} {twice daily}} \
  diag {Persistent atrial fibrillation} \
  plan {{Echocardiogram requested.} {Bisoprolol increased to 7.5 mg.} {Consider DC cardioversion.}}
proc scenario {{key ""}} {
    if {$key eq ""} { return [pick $::SCEN] }
    foreach s $::SCEN { if {[dict get $s key] eq $key} {return $s} }
    error "no scenario $key"
}
proc allergy {} { pick {{No known drug allergies} {Penicillin - rash} {NKDA} {Codeine - vomiting} {Sulfonamides - urticaria} {Elastoplast} {No known allergies}} }
