{ docdata.pas - fictional people, places, numbers (NHS numbers in the 999 range with valid
  modulus-11 check digits, ZX postcodes, 01632 960xxx phones) and a bank of clinical text. }
unit docdata;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, Classes, Math, common;

type
  TDate = record Y, M, D: Integer; end;
  TScen = record
    Spec, Clinic, Reason, Urgency, Sex: string;
    Hist: array[0..3] of string;
    Exam, Inv1, Inv2, Request, Allergy: string;
    PMH: array[0..3] of string;
    Meds: array[0..3] of string;
  end;
  TPatient = record
    Male: Boolean; Title, First, Middle, Last: string; DOB: TDate; NHS: string; Age: Integer;
    Addr1, Addr2, Town, Postcode, Phone, Mobile: string;
    HospNo, HospNo2: string;
    GP, GPShort, Practice, PracAddr1, PracAddr2, PracTown, PracPost, PracPhone, PracFax, PracCode, GMC: string;
    Hospital, Trust, HospAddr1, HospTown, HospPost, HospPhone, Consultant, ConsultantShort, Dept: string;
    UBRN, ClinicCode: string;
    LetterDate, RefDate, ClinicDate, RecvDate, AdmDate, DisDate, SeenDate: TDate;
    Scen: Integer;
    NokName, NokRel, NokPhone: string;
    Secretary: string;
  end;

var Scens: array of TScen;

function NHSCheckDigit(const nine: string): Integer;   { -1 when the number is invalid }
function MakeNHS(var rng: TRng): string;
function FmtNHS(const n: string; style: Integer): string;
function FmtDate(const d: TDate; style: Integer): string;
function MonthName(m: Integer): string;
function MonAbbr(m: Integer): string;
function ISODate(const d: TDate): string;
function AddDays(const d: TDate; n: Integer): TDate;
function MakePatient(var rng: TRng; scen: Integer): TPatient;
function Fill(const s: string; const p: TPatient): string;
function Phone(var rng: TRng): string;
function TimeStr(var rng: TRng): string;
procedure InitScens;

implementation

const
  MaleFirst: array[0..23] of string = ('Arthur','Brian','Colin','Derek','Edward','Frank','Graham','Harold','Ian','Keith',
    'Leonard','Malcolm','Neil','Oliver','Peter','Raymond','Stanley','Trevor','Victor','William','Gordon','Alan','Dennis','Roy');
  FemFirst: array[0..23] of string = ('Ada','Beryl','Carol','Doreen','Edith','Fiona','Gwen','Hilda','Irene','Joan',
    'Kathleen','Linda','Margaret','Norma','Olive','Patricia','Rita','Sheila','Theresa','Valerie','Wendy','Brenda','Maureen','Elsie');
  Surn: array[0..39] of string = ('Ashworth','Brindley','Cartwright','Dobson','Fairclough','Gledhill','Hargreaves','Illingworth',
    'Jowett','Kettlewell','Lumb','Marsden','Nuttall','Ormerod','Pickles','Quarmby','Rushworth','Sutcliffe','Tattersall',
    'Uttley','Varley','Whiteley','Yeadon','Ackroyd','Barraclough','Crabtree','Dyson','Entwistle','Firth','Greenwood',
    'Holroyd','Ingham','Jagger','Kershaw','Lockwood','Mellor','Normanton','Oldroyd','Pilling','Redfearn');
  Streets: array[0..19] of string = ('Mill Lane','Church Street','Station Road','Victoria Terrace','Beech Grove','Moor View',
    'Chapel Fold','Hollin Close','Lark Rise','Quarry Hill','Weavers Court','Orchard Way','Sycamore Avenue','Kiln Lane',
    'Far Croft','Fern Bank','Holme Road','Cliff Street','Slack Lane','Green Lea');
  Towns: array[0..9] of string = ('Kelderton','Ashbury','Northwick Magna','Brackenfold','Thornleigh','Easterby','Holmsworth',
    'Ravensclough','Upper Marden','Saltwick');
  Districts: array[0..7] of string = ('Low Moor','Hightown','Westfield','Scarr End','Netherby','Oakes','Birchencliffe','Cross Flatts');
  Practices: array[0..9] of string = ('Riverside Medical Centre','The Old Forge Surgery','Moorview Health Centre','Kelderton Road Surgery',
    'Ashbury Family Practice','Beckside Medical Practice','St Aidan''s Surgery','Linthwaite Group Practice','Holme Valley Surgery',
    'Castle Street Medical Centre');
  GPs: array[0..11] of string = ('Dr R Okonkwo','Dr S Hallam','Dr P Venkataraman','Dr J McAllister','Dr H Brierley','Dr A Chaudhry',
    'Dr E Fitzgerald','Dr M Lindqvist','Dr C Ogunbiyi','Dr T Haworth','Dr L Pemberton','Dr K Raistrick');
  Hosps: array[0..4] of string = ('Kelderton General Hospital','Ashbury Royal Infirmary','Northwick District Hospital',
    'Brackenfold Community Hospital','St Hild''s Hospital');
  Trusts: array[0..4] of string = ('Kelderton and Ashbury NHS Foundation Trust','Ashbury Teaching Hospitals NHS Trust',
    'Northwick and Dales NHS Trust','Brackenfold Valley NHS Foundation Trust','Calder Moor Hospitals NHS Trust');
  Secs: array[0..5] of string = ('JT','mh','KL/sb','AP/jw','rb','dd/ts');

function MonthName(m: Integer): string;
const N: array[1..12] of string = ('January','February','March','April','May','June','July','August','September','October','November','December');
begin Result := N[m]; end;
function MonAbbr(m: Integer): string; begin Result := Copy(MonthName(m), 1, 3); end;

function Ordinal(d: Integer): string;
begin
  if (d mod 10 = 1) and (d <> 11) then Result := IntToStr(d) + 'st'
  else if (d mod 10 = 2) and (d <> 12) then Result := IntToStr(d) + 'nd'
  else if (d mod 10 = 3) and (d <> 13) then Result := IntToStr(d) + 'rd'
  else Result := IntToStr(d) + 'th';
end;

function Z2(v: Integer): string; begin Result := Format('%.2d', [v]); end;

function FmtDate(const d: TDate; style: Integer): string;
begin
  case style of
    0: Result := Z2(d.D) + '/' + Z2(d.M) + '/' + IntToStr(d.Y);
    1: Result := IntToStr(d.D) + ' ' + MonthName(d.M) + ' ' + IntToStr(d.Y);
    2: Result := Z2(d.D) + '.' + Z2(d.M) + '.' + Z2(d.Y mod 100);
    3: Result := Z2(d.D) + '-' + MonAbbr(d.M) + '-' + IntToStr(d.Y);
    4: Result := Ordinal(d.D) + ' ' + MonthName(d.M) + ' ' + IntToStr(d.Y);
    5: Result := Z2(d.D) + ' ' + MonAbbr(d.M) + ' ' + IntToStr(d.Y);
    6: Result := Z2(d.D) + '/' + Z2(d.M) + '/' + Z2(d.Y mod 100);
    7: Result := IntToStr(d.Y) + '-' + Z2(d.M) + '-' + Z2(d.D);
    8: Result := Z2(d.D) + '-' + Z2(d.M) + '-' + IntToStr(d.Y);
    9: Result := Z2(d.D) + ' ' + MonthName(d.M) + ' ' + IntToStr(d.Y);
    10: Result := UpperCase(Z2(d.D) + '-' + MonAbbr(d.M) + '-' + IntToStr(d.Y));
    11: Result := IntToStr(d.D) + '/' + IntToStr(d.M) + '/' + IntToStr(d.Y);
  else Result := ISODate(d);
  end;
end;

function ISODate(const d: TDate): string;
begin Result := IntToStr(d.Y) + '-' + Z2(d.M) + '-' + Z2(d.D); end;

function DaysIn(y, m: Integer): Integer;
const DM: array[1..12] of Integer = (31,28,31,30,31,30,31,31,30,31,30,31);
begin
  Result := DM[m];
  if (m = 2) and (((y mod 4 = 0) and (y mod 100 <> 0)) or (y mod 400 = 0)) then Result := 29;
end;

function AddDays(const d: TDate; n: Integer): TDate;
begin
  Result := d;
  while n > 0 do begin
    Inc(Result.D);
    if Result.D > DaysIn(Result.Y, Result.M) then begin Result.D := 1; Inc(Result.M); if Result.M > 12 then begin Result.M := 1; Inc(Result.Y); end; end;
    Dec(n);
  end;
  while n < 0 do begin
    Dec(Result.D);
    if Result.D < 1 then begin Dec(Result.M); if Result.M < 1 then begin Result.M := 12; Dec(Result.Y); end; Result.D := DaysIn(Result.Y, Result.M); end;
    Inc(n);
  end;
end;

function NHSCheckDigit(const nine: string): Integer;
var i, s, r: Integer;
begin
  s := 0;
  for i := 1 to 9 do s := s + (Ord(nine[i]) - 48) * (11 - i);
  r := 11 - (s mod 11);
  if r = 11 then r := 0;
  if r = 10 then Result := -1 else Result := r;
end;

function MakeNHS(var rng: TRng): string;
var nine: string; c, i: Integer;
begin
  repeat
    nine := '999';
    for i := 1 to 6 do nine := nine + Chr(48 + rng.I(10));
    c := NHSCheckDigit(nine);
  until c >= 0;
  Result := nine + Chr(48 + c);
end;

function FmtNHS(const n: string; style: Integer): string;
begin
  case style of
    0: Result := Copy(n, 1, 3) + ' ' + Copy(n, 4, 3) + ' ' + Copy(n, 7, 4);
    1: Result := n;
    2: Result := Copy(n, 1, 3) + '-' + Copy(n, 4, 3) + '-' + Copy(n, 7, 4);
  else Result := Copy(n, 1, 3) + ' ' + Copy(n, 4, 3) + ' ' + Copy(n, 7, 4);
  end;
end;

function Phone(var rng: TRng): string;
begin Result := '01632 960' + Format('%.3d', [rng.I(1000)]); end;

function TimeStr(var rng: TRng): string;
begin Result := Format('%.2d:%.2d', [8 + rng.I(9), rng.I(4) * 15]); end;

function RandDate(var rng: TRng; y0, y1: Integer): TDate;
begin
  Result.Y := rng.IR(y0, y1); Result.M := rng.IR(1, 12); Result.D := rng.IR(1, DaysIn(Result.Y, Result.M));
end;

function Postcode(var rng: TRng): string;
const L = 'ABDEFGHJLNPQRSTUWXYZ';
begin
  Result := 'ZX' + IntToStr(rng.IR(1, 99)) + ' ' + IntToStr(rng.I(10)) + L[1 + rng.I(20)] + L[1 + rng.I(20)];
end;

function Digits(var rng: TRng; n: Integer): string;
var i: Integer;
begin Result := ''; for i := 1 to n do Result := Result + Chr(48 + rng.I(10)); end;

function MakePatient(var rng: TRng; scen: Integer): TPatient;
var p: TPatient; k: Integer; sx: string; cons: array[0..5] of string;
begin
  sx := Scens[scen].Sex;
  if sx = 'M' then p.Male := True else if sx = 'F' then p.Male := False else p.Male := rng.Chance(0.5);
  if p.Male then begin p.First := MaleFirst[rng.I(24)]; p.Middle := MaleFirst[rng.I(24)]; p.Title := 'Mr'; end
  else begin p.First := FemFirst[rng.I(24)]; p.Middle := FemFirst[rng.I(24)]; if rng.Chance(0.6) then p.Title := 'Mrs' else p.Title := 'Ms'; end;
  if p.Middle = p.First then p.Middle := '';
  p.Last := Surn[rng.I(40)];
  p.DOB := RandDate(rng, 1928, 1988);
  p.LetterDate := RandDate(rng, 2016, 2023);
  p.Age := p.LetterDate.Y - p.DOB.Y;
  if (p.LetterDate.M < p.DOB.M) or ((p.LetterDate.M = p.DOB.M) and (p.LetterDate.D < p.DOB.D)) then Dec(p.Age);
  p.NHS := MakeNHS(rng);
  p.Addr1 := IntToStr(rng.IR(1, 140)) + ' ' + Streets[rng.I(20)];
  p.Addr2 := Districts[rng.I(8)];
  p.Town := Towns[rng.I(10)];
  p.Postcode := Postcode(rng);
  p.Phone := Phone(rng); p.Mobile := '07700 900' + Format('%.3d', [rng.I(1000)]);
  p.HospNo := 'K' + Digits(rng, 7);
  p.HospNo2 := 'RZX' + Digits(rng, 6);
  k := rng.I(10);
  p.Practice := Practices[k];
  p.PracAddr1 := IntToStr(rng.IR(1, 90)) + ' ' + Streets[rng.I(20)];
  p.PracAddr2 := Districts[rng.I(8)];
  p.PracTown := Towns[rng.I(10)]; p.PracPost := Postcode(rng);
  p.PracPhone := Phone(rng); p.PracFax := Phone(rng);
  p.PracCode := 'Z' + Digits(rng, 5);
  p.GMC := Digits(rng, 7);
  p.GP := GPs[rng.I(12)]; p.GPShort := p.GP;
  k := rng.I(5);
  p.Hospital := Hosps[k]; p.Trust := Trusts[k];
  p.HospAddr1 := IntToStr(rng.IR(1, 300)) + ' ' + Streets[rng.I(20)];
  p.HospTown := Towns[k * 2]; p.HospPost := Postcode(rng); p.HospPhone := Phone(rng);
  cons[0] := 'Mr D Abernethy'; cons[1] := 'Dr F Castellano'; cons[2] := 'Miss R Oyelaran'; cons[3] := 'Dr N Szymanski';
  cons[4] := 'Professor G Whitlam'; cons[5] := 'Mr H Baptiste';
  p.Consultant := cons[rng.I(6)]; p.ConsultantShort := p.Consultant;
  p.Dept := Scens[scen].Spec;
  p.UBRN := Digits(rng, 4) + ' ' + Digits(rng, 4) + ' ' + Digits(rng, 4);
  p.ClinicCode := UpperCase(Copy(Scens[scen].Spec, 1, 3)) + IntToStr(rng.IR(10, 99)) + Chr(65 + rng.I(26));
  p.RefDate := AddDays(p.LetterDate, -rng.IR(0, 3));
  p.RecvDate := AddDays(p.LetterDate, rng.IR(2, 9));
  p.ClinicDate := AddDays(p.LetterDate, rng.IR(10, 60));
  p.SeenDate := AddDays(p.LetterDate, -rng.IR(3, 30));
  p.AdmDate := AddDays(p.LetterDate, -rng.IR(4, 14));
  p.DisDate := AddDays(p.LetterDate, -rng.IR(0, 3));
  p.Scen := scen;
  if rng.Chance(0.5) then p.NokRel := 'Daughter' else p.NokRel := 'Son';
  if rng.Chance(0.3) then begin if p.Male then p.NokRel := 'Wife' else p.NokRel := 'Husband'; end;
  if (p.NokRel = 'Daughter') or (p.NokRel = 'Wife') then p.NokName := FemFirst[rng.I(24)] + ' ' + p.Last
  else p.NokName := MaleFirst[rng.I(24)] + ' ' + p.Last;
  p.NokPhone := Phone(rng);
  p.Secretary := Secs[rng.I(6)];
  Result := p;
end;

function Fill(const s: string; const p: TPatient): string;
  function Rep(const a, b, c: string): string; begin Result := StringReplace(a, b, c, [rfReplaceAll]); end;
begin
  Result := s;
  if p.Male then begin
    Result := Rep(Result, '{He}', 'He'); Result := Rep(Result, '{he}', 'he'); Result := Rep(Result, '{His}', 'His');
    Result := Rep(Result, '{his}', 'his'); Result := Rep(Result, '{him}', 'him'); Result := Rep(Result, '{man}', 'man');
  end else begin
    Result := Rep(Result, '{He}', 'She'); Result := Rep(Result, '{he}', 'she'); Result := Rep(Result, '{His}', 'Her');
    Result := Rep(Result, '{his}', 'her'); Result := Rep(Result, '{him}', 'her'); Result := Rep(Result, '{man}', 'lady');
  end;
  Result := Rep(Result, '{age}', IntToStr(p.Age));
  Result := Rep(Result, '{title}', p.Title);
  Result := Rep(Result, '{last}', p.Last);
  Result := Rep(Result, '{first}', p.First);
  Result := Rep(Result, '{seen}', FmtDate(p.SeenDate, 0));
end;

procedure S(i: Integer; const aspec, aclinic, areason, aurg, asex: string; const h0, h1, h2, h3, aexam, ainv1, ainv2, areq, aallergy,
            p0, p1, p2, p3, m0, m1, m2, m3: string);
begin
  Scens[i].Spec := aspec; Scens[i].Clinic := aclinic; Scens[i].Reason := areason; Scens[i].Urgency := aurg; Scens[i].Sex := asex;
  Scens[i].Hist[0] := h0; Scens[i].Hist[1] := h1; Scens[i].Hist[2] := h2; Scens[i].Hist[3] := h3;
  Scens[i].Exam := aexam; Scens[i].Inv1 := ainv1; Scens[i].Inv2 := ainv2; Scens[i].Request := areq; Scens[i].Allergy := aallergy;
  Scens[i].PMH[0] := p0; Scens[i].PMH[1] := p1; Scens[i].PMH[2] := p2; Scens[i].PMH[3] := p3;
  Scens[i].Meds[0] := m0; Scens[i].Meds[1] := m1; Scens[i].Meds[2] := m2; Scens[i].Meds[3] := m3;
end;

procedure InitScens;
begin
  SetLength(Scens, 16);
  S(0, 'Urology', 'Haematuria Clinic', 'Visible haematuria', 'Urgent - suspected cancer', '',
    'I would be grateful if you could see this {age} year old {man} who presented on {seen} with two episodes of painless visible haematuria.',
    '{He} has had no dysuria, no loin pain and no recent urinary tract infection. {He} is an ex-smoker of 30 pack years.',
    'There is no family history of renal or bladder cancer. {He} lives independently and remains active.',
    '{He} is anxious about the bleeding and is keen to be seen as soon as possible.',
    'Abdomen soft and non-tender, no palpable masses, no renal angle tenderness. BP 148/86.',
    'Urine dip: blood +++, protein trace, nitrites negative. MSU sent, no growth.',
    'eGFR 68, creatinine 92 umol/L, Hb 131 g/L.',
    'Please assess under the two week wait pathway for cystoscopy and upper tract imaging.',
    'No known drug allergies',
    'Hypertension', 'Type 2 diabetes (diet controlled)', 'Osteoarthritis of hips', 'Appendicectomy 1978',
    'Amlodipine 5mg once daily', 'Atorvastatin 20mg at night', 'Paracetamol 1g four times daily PRN', 'Omeprazole 20mg once daily');
  S(1, 'Colorectal Surgery', 'Lower GI Clinic', 'Change in bowel habit and rectal bleeding', 'Urgent - suspected cancer', '',
    'Thank you for seeing this {age} year old {man} with a six week history of looser stools and intermittent dark red rectal bleeding.',
    '{He} reports around 4 kg of unintentional weight loss over two months and some lower abdominal discomfort.',
    'There is no personal history of inflammatory bowel disease. {His} brother had bowel cancer at 61.',
    '{He} has not travelled recently and no one else at home has been unwell.',
    'Abdomen soft, mild left iliac fossa tenderness, no mass. PR: no palpable mass, dark blood on the glove.',
    'FIT result 182 ug Hb/g faeces on 12 of last month.',
    'Hb 104 g/L, MCV 76 fL, ferritin 9 ug/L, CRP 14.',
    'Please see urgently under the lower GI two week wait pathway with a view to colonoscopy.',
    'Penicillin - rash',
    'Irritable bowel syndrome (2009)', 'Asthma', 'Depression', 'Cholecystectomy 2012',
    'Salbutamol 100mcg inhaler 2 puffs PRN', 'Sertraline 50mg once daily', 'Clenil 100mcg 2 puffs twice daily', 'Ferrous fumarate 210mg twice daily');
  S(2, 'Breast Surgery', 'Breast Clinic', 'Left breast lump', 'Urgent - suspected cancer', 'F',
    'I would be grateful for your urgent assessment of this {age} year old lady who noticed a lump in her left breast three weeks ago.',
    'The lump is painless and has not changed with her cycle. There is no nipple discharge or skin change.',
    'Her mother was diagnosed with breast cancer at 58. She has never had a mammogram recall.',
    'She is otherwise well and is not on HRT.',
    'Left breast: 2 cm firm, mobile lump at 2 o''clock, 4 cm from the nipple. No axillary lymphadenopathy. Right breast normal.',
    'No investigations arranged in primary care.',
    'BMI 27. BP 122/78.',
    'Please see in the breast clinic under the two week wait pathway for triple assessment.',
    'Codeine - nausea',
    'Migraine', 'Hypothyroidism', 'Carpal tunnel release 2015', 'Two normal deliveries',
    'Levothyroxine 75mcg once daily', 'Sumatriptan 50mg PRN', 'Naproxen 250mg PRN', 'Folic acid 400mcg once daily');
  S(3, 'Cardiology', 'Rapid Access Chest Pain Clinic', 'Exertional chest tightness', 'Urgent', '',
    'Thank you for seeing this {age} year old {man} who describes central chest tightness on walking uphill for the last month.',
    'The discomfort radiates to the left arm and settles within five minutes of rest. There is no pain at rest.',
    '{He} smokes 10 cigarettes a day. {His} father had a myocardial infarction at 55.',
    'I have started aspirin and given a GTN spray with advice to call 999 if pain occurs at rest.',
    'Pulse 78 regular, BP 156/92, heart sounds normal, chest clear, no peripheral oedema.',
    'ECG: sinus rhythm 76 bpm, no acute ST changes, T wave flattening in V5-V6.',
    'Total cholesterol 6.8 mmol/L, HDL 0.9, HbA1c 44 mmol/mol, eGFR 81.',
    'Please assess in the rapid access chest pain clinic for ?stable angina.',
    'No known drug allergies',
    'Hypercholesterolaemia', 'Gout', 'Hypertension', 'Left inguinal hernia repair 2004',
    'Aspirin 75mg once daily', 'GTN spray 400mcg PRN', 'Ramipril 5mg once daily', 'Allopurinol 100mg once daily');
  S(4, 'Gynaecology', 'Post Menopausal Bleeding Clinic', 'Postmenopausal bleeding', 'Urgent - suspected cancer', 'F',
    'I would be grateful if you could see this {age} year old lady who has had three episodes of vaginal bleeding, having been postmenopausal for nine years.',
    'The bleeding has been light but persistent for four or five days each time. She has no pelvic pain.',
    'She has never used HRT. Her last cervical screening test in 2019 was normal.',
    'She has a BMI of 34 and type 2 diabetes, which I understand increase her risk.',
    'Abdomen soft, non-tender. Speculum: cervix looks healthy, small amount of blood in the vault.',
    'Transvaginal ultrasound requested, not yet performed.',
    'Hb 128 g/L, HbA1c 58 mmol/mol.',
    'Please see under the two week wait pathway for hysteroscopy.',
    'Latex - contact dermatitis',
    'Type 2 diabetes', 'Obesity', 'Hypertension', 'Sterilisation 1992',
    'Metformin 1g twice daily', 'Lisinopril 10mg once daily', 'Simvastatin 40mg at night', 'Gliclazide 40mg once daily');
  S(5, 'Trauma and Orthopaedics', 'Knee Clinic', 'Severe right knee osteoarthritis', 'Routine', '',
    'Thank you for seeing this {age} year old {man} with progressive right knee pain over three years, now limiting {him} to 200 yards.',
    '{He} has had two steroid injections in the last year with only short-lived benefit and has completed a course of physiotherapy.',
    'Night pain is disturbing {his} sleep. {He} uses a stick outdoors.',
    '{He} would like to discuss knee replacement.',
    'Right knee: varus deformity, small effusion, crepitus, flexion to 95 degrees, fixed flexion 10 degrees.',
    'X-ray right knee: severe medial compartment narrowing with osteophytes.',
    'BMI 31. HbA1c 41 mmol/mol.',
    'Please assess for consideration of total knee replacement.',
    'Ibuprofen - indigestion',
    'Osteoarthritis', 'Hypertension', 'Benign prostatic hyperplasia', 'Cataract surgery 2017',
    'Co-codamol 30/500 two tablets four times daily', 'Bendroflumethiazide 2.5mg once daily', 'Tamsulosin 400mcg once daily', 'Capsaicin cream');
  S(6, 'ENT', 'Otology Clinic', 'Left sided hearing loss and tinnitus', 'Routine', '',
    'Please could you see this {age} year old {man} with a six month history of gradually worsening hearing in the left ear.',
    '{He} also describes constant high pitched tinnitus on the left and occasional unsteadiness, but no true vertigo.',
    'There is no history of noise exposure, ear discharge or ear surgery.',
    'Ear wax was removed by the practice nurse without improvement.',
    'Both tympanic membranes intact. Rinne positive bilaterally, Weber lateralises to the right. Cranial nerves intact.',
    'Audiogram at the practice: left sensorineural loss of 35 dB across 2-4 kHz.',
    'No blood tests required.',
    'I would be grateful for your assessment and consideration of an MRI of the internal auditory meati.',
    'No known drug allergies',
    'Asthma', 'Eczema', 'Fractured wrist 2001', 'Anxiety',
    'Symbicort 200/6 two puffs twice daily', 'Cetirizine 10mg once daily', 'Emollients', 'Propranolol 10mg PRN');
  S(7, 'Dermatology', 'Skin Cancer Clinic', 'Changing pigmented lesion on the back', 'Urgent - suspected cancer', '',
    'I would be grateful for an urgent review of this {age} year old {man} with a pigmented lesion on the upper back which {his} partner says has grown.',
    'The lesion has become darker and itches occasionally. It bled once after being caught on clothing.',
    '{He} has fair skin and had frequent sunburn as a child. There is no family history of melanoma.',
    'I have taken clinical photographs which are attached to the e-RS referral.',
    'Upper back: 9 x 7 mm asymmetrical lesion with irregular border and two shades of brown. Weighted 7 point checklist score 5.',
    'Dermoscopy: atypical network, blue-white veil at the lower pole.',
    'No investigations.',
    'Please see under the skin cancer two week wait pathway.',
    'Trimethoprim - rash',
    'Psoriasis', 'Hypertension', 'Basal cell carcinoma excised 2018', 'Hay fever',
    'Ramipril 2.5mg once daily', 'Dovobet gel once daily', 'Loratadine 10mg once daily', 'Aspirin 75mg once daily');
  S(8, 'Gastroenterology', 'Upper GI Clinic', 'Dyspepsia with iron deficiency anaemia', 'Urgent', '',
    'Thank you for seeing this {age} year old {man} with three months of epigastric discomfort and early satiety.',
    '{He} has lost around 3 kg and has noticed black stools on one occasion. There is no dysphagia or vomiting.',
    'Symptoms persisted despite eight weeks of lansoprazole 30mg daily.',
    '{He} drinks around 20 units of alcohol a week and does not smoke.',
    'Abdomen: mild epigastric tenderness, no mass, no hepatomegaly. Conjunctival pallor.',
    'Hb 97 g/L (previously 138 g/L in 2021), MCV 74 fL, ferritin 6 ug/L.',
    'Coeliac serology negative. H. pylori stool antigen negative.',
    'Please consider urgent gastroscopy and colonoscopy.',
    'Aspirin - bronchospasm',
    'GORD', 'Atrial fibrillation', 'Hiatus hernia', 'Tonsillectomy as a child',
    'Lansoprazole 30mg once daily', 'Apixaban 5mg twice daily', 'Bisoprolol 2.5mg once daily', 'Ferrous sulphate 200mg once daily');
  S(9, 'Neurology', 'TIA Clinic', 'Transient right arm weakness and speech disturbance', 'Urgent', '',
    'I would be grateful if you could see this {age} year old {man} in the TIA clinic. Two days ago {he} had a 20 minute episode of right arm weakness and slurred speech.',
    'Symptoms resolved completely. There was no headache, loss of consciousness or visual disturbance.',
    '{He} has hypertension and is an ex-smoker. ABCD2 score 5.',
    'I have started clopidogrel 300mg loading then 75mg daily and advised {him} not to drive.',
    'Neurological examination normal today. Pulse 84 irregularly irregular. BP 162/94. No carotid bruit.',
    'ECG: atrial fibrillation, rate 88.',
    'Cholesterol 5.9 mmol/L, glucose 6.1 mmol/L.',
    'Please see urgently in the TIA clinic for imaging and anticoagulation review.',
    'No known drug allergies',
    'Hypertension', 'Peripheral vascular disease', 'COPD', 'Left hip replacement 2016',
    'Clopidogrel 75mg once daily', 'Amlodipine 10mg once daily', 'Tiotropium 18mcg once daily', 'Atorvastatin 80mg at night');
  S(10, 'Respiratory Medicine', 'Lung Cancer Clinic', 'Persistent cough and weight loss with abnormal chest X-ray', 'Urgent - suspected cancer', '',
    'Please see this {age} year old {man} with a persistent cough for seven weeks, now with occasional streaks of blood in the sputum.',
    '{He} has lost 6 kg in three months and feels increasingly breathless on exertion.',
    '{He} is a current smoker of 25 cigarettes a day (about 50 pack years) and worked in a foundry.',
    'A course of doxycycline made no difference to the cough.',
    'Reduced air entry at the right apex, no clubbing, no cervical lymphadenopathy. Sats 95% on air.',
    'Chest X-ray: 3 cm right upper zone opacity, suspicious of malignancy.',
    'Hb 121 g/L, platelets 468, calcium 2.61 mmol/L, CRP 38.',
    'Please see urgently under the lung cancer two week wait pathway.',
    'Clarithromycin - diarrhoea',
    'COPD', 'Ischaemic heart disease', 'Alcohol excess (previous)', 'Fractured ribs 2010',
    'Trelegy Ellipta one inhalation daily', 'Salbutamol inhaler PRN', 'Isosorbide mononitrate 30mg once daily', 'Thiamine 100mg three times daily');
  S(11, 'Ophthalmology', 'Cataract Clinic', 'Bilateral cataracts, right worse than left', 'Routine', '',
    'I would be grateful if you could see this {age} year old {man} who has noticed increasing glare and blurred vision over the last year.',
    '{He} is struggling to read and has stopped driving at night.',
    'The optometrist found cataracts in both eyes, right worse than left.',
    '{He} is keen to consider surgery.',
    'Visual acuity right 6/24, left 6/12 with glasses. Red reflex reduced on the right.',
    'Optometrist report dated 3 months ago enclosed.',
    'No blood tests required.',
    'Please assess for right cataract surgery.',
    'No known drug allergies',
    'Glaucoma suspect', 'Type 2 diabetes', 'Hypothyroidism', 'Hysterectomy 1990',
    'Latanoprost eye drops at night', 'Metformin 500mg twice daily', 'Levothyroxine 100mcg once daily', 'Vitamin D 800 units daily');
  S(12, 'Rheumatology', 'Early Arthritis Clinic', 'Suspected inflammatory arthritis', 'Urgent', '',
    'Thank you for seeing this {age} year old {man} with eight weeks of painful swollen hands and morning stiffness lasting two hours.',
    '{He} has difficulty with buttons and opening jars. Symptoms are symmetrical and include both wrists.',
    'There is no rash, no psoriasis and no recent diarrhoeal illness.',
    'NSAIDs have helped a little. I have not started steroids.',
    'Synovitis of MCP joints 2-4 bilaterally and both wrists. Positive squeeze test.',
    'CRP 42 mg/L, ESR 51 mm/hr, rheumatoid factor positive, anti-CCP pending.',
    'Hb 119 g/L, ALT 22, eGFR 88.',
    'Please see in the early inflammatory arthritis clinic.',
    'Sulfonamides - Stevens-Johnson reaction (1999)',
    'Hypothyroidism', 'Raynaud''s phenomenon', 'Depression', 'Caesarean section 1988',
    'Naproxen 500mg twice daily', 'Omeprazole 20mg once daily', 'Levothyroxine 50mcg once daily', 'Citalopram 20mg once daily');
  S(13, 'Endocrinology', 'Thyroid Clinic', 'Thyroid nodule', 'Routine', '',
    'Please could you see this {age} year old {man} who noticed a swelling in the front of the neck two months ago.',
    'There is no change in voice, no dysphagia and no stridor. {He} feels well otherwise.',
    'There is no history of neck irradiation and no family history of thyroid disease.',
    'Thyroid function is normal.',
    'Solitary 2.5 cm smooth nodule in the right lobe of the thyroid, moves on swallowing. No cervical lymphadenopathy.',
    'TSH 1.8 mU/L, free T4 14.2 pmol/L.',
    'Ultrasound neck: U3 nodule right lobe 24 mm.',
    'I would be grateful for your assessment and consideration of fine needle aspiration.',
    'No known drug allergies',
    'Asthma', 'Polycystic ovary syndrome', 'Appendicectomy', 'Iron deficiency 2014',
    'Salbutamol inhaler PRN', 'Beclometasone 200mcg twice daily', 'Microgynon 30 daily', 'Multivitamin daily');
  S(14, 'Old Age Psychiatry', 'Memory Assessment Service', 'Progressive memory impairment', 'Routine', '',
    'I would be grateful if you could assess this {age} year old {man} whose family report a year of worsening short term memory.',
    '{He} has become lost twice while driving and has missed several appointments. {He} repeats questions.',
    'There is no history of head injury. Mood appears normal and {he} is sleeping well.',
    '{He} lives with {his} spouse who attended the consultation.',
    '6CIT score 14/28. No focal neurology. BP 138/80.',
    'B12 312 ng/L, folate 6.1 ug/L, TSH 2.4, calcium 2.35, HbA1c 39.',
    'CT head not yet requested.',
    'Please see in the memory assessment service for diagnosis.',
    'No known drug allergies',
    'Hypertension', 'Hypercholesterolaemia', 'Hearing loss (aided)', 'TURP 2011',
    'Losartan 50mg once daily', 'Simvastatin 20mg at night', 'Aspirin 75mg once daily', 'Senna 7.5mg at night');
  S(15, 'Urology', 'Prostate Clinic', 'Raised PSA', 'Urgent - suspected cancer', 'M',
    'Thank you for seeing this {age} year old gentleman with lower urinary tract symptoms and a raised PSA.',
    'He has nocturia three times a night, hesitancy and a poor stream for about a year. No haematuria.',
    'His PSA was 9.8 ng/mL, repeated at 10.4 ng/mL after six weeks.',
    'There is no family history of prostate cancer.',
    'DRE: moderately enlarged prostate, firm nodule in the left lobe.',
    'PSA 10.4 ng/mL (age-specific upper limit 4.5).',
    'eGFR 74, urine dip negative.',
    'Please see under the two week wait pathway for suspected prostate cancer.',
    'No known drug allergies',
    'Hypertension', 'Type 2 diabetes', 'Sleep apnoea', 'Vasectomy 1985',
    'Tamsulosin 400mcg once daily', 'Metformin 500mg twice daily', 'Indapamide 2.5mg once daily', 'Atorvastatin 40mg at night');
end;

end.
