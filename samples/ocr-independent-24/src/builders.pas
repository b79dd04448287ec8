{ builders.pas - page layouts of the fictional NHS documents. Every printed line goes through
  TPage.Line / Row / Para so that the ground truth is read back from the layout itself. }
unit builders;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, Classes, Math, common, layout, raster, docdata, gen;

procedure BuildDoc(c: TDocCtx);

implementation

var LM, RM, Y: Double;   { left margin, right edge, current baseline (mm) }

function S_(c: TDocCtx; pt: Double): TStyle; begin Result := Sty(c.Body, pt); end;
function B_(c: TDocCtx; pt: Double): TStyle; begin Result := Sty(c.Bold, pt); Result.Bold := c.Bold = c.Body; end;
function H_(c: TDocCtx; pt: Double): TStyle; begin Result := Sty(c.Head, pt); Result.Bold := c.Head = c.Body; end;
function M_(c: TDocCtx; pt: Double): TStyle; begin Result := Sty(c.Mono, pt); end;
function Up(const s: string): string; begin Result := UpperCase(s); end;
function FullName(c: TDocCtx): string; begin Result := c.Pat.Title + ' ' + c.Pat.First + ' ' + c.Pat.Last; end;
function NhsV(c: TDocCtx; style: Integer): string; begin Result := FmtNHS(c.Pat.NHS, style); end;
function DobV(c: TDocCtx; style: Integer): string; begin Result := FmtDate(c.Pat.DOB, style); end;
function Sex(c: TDocCtx): string; begin if c.Pat.Male then Result := 'Male' else Result := 'Female'; end;
function PatAddr(c: TDocCtx): string; begin Result := c.Pat.Addr1 + ', ' + c.Pat.Addr2 + ', ' + c.Pat.Town + ' ' + c.Pat.Postcode; end;
function OptI(c: TDocCtx; const k: string; def: Integer): Integer; begin Result := StrToIntDef(c.Opt(k, ''), def); end;

procedure Dist(c: TDocCtx);
begin
  c.Distractor('hospital_number', c.Pat.HospNo);
  c.Distractor('letter_date', FmtDate(c.Pat.LetterDate, 0));
end;

{ flowing paragraph with page breaks into the next planned page }
procedure NewPageCont(c: TDocCtx; var pg: TPage);
var st: TStyle;
begin
  c.EndPage; pg := c.BeginPage;
  LM := 22; RM := pg.Wmm - 20; Y := 20;
  st := S_(c, 8.5);
  pg.Line(st, LM, Y, 'Re: ' + FullName(c) + '   Hospital No: ' + c.Pat.HospNo + '   (continued)');
  Y := Y + 10;
end;

procedure Flow(c: TDocCtx; var pg: TPage; const st: TStyle; x, w, lead: Double; const s: string);
var L: TStringList; i: Integer;
begin
  L := Wrap(st, s, w, pg.Dpi);
  for i := 0 to L.Count - 1 do begin
    if Y > pg.Hmm - 22 then begin
      if c.PageNo < Length(c.Specs) then NewPageCont(c, pg)
      else raise Exception.CreateFmt('%s: page %d overflows', [c.Id, c.PageNo]);
    end;
    pg.Line(st, x, Y, L[i]); Y := Y + lead;
  end;
  L.Free;
end;

procedure PracticeHead(c: TDocCtx; pg: TPage; variant: Integer);
var st: TStyle; x: Double;
begin
  case variant of
    0: begin { centred }
      if pg.Halftone then pg.CrestLogo(pg.Wmm / 2 - 7, 8, 14, 40, 90, 60) else pg.CrestLogo(pg.Wmm / 2 - 6, 9, 12, 40, 60, 120);
      if pg.Halftone then pg.HalftoneRect(pg.Wmm / 2 - 9, 6, pg.Wmm / 2 + 9, 24, 85, 45);
      st := H_(c, 15); pg.LineC(st, pg.Wmm / 2, 31, c.Pat.Practice);
      st := S_(c, 9); pg.LineC(st, pg.Wmm / 2, 36.5, c.Pat.PracAddr1 + ', ' + c.Pat.PracAddr2 + ', ' + c.Pat.PracTown + ' ' + c.Pat.PracPost);
      pg.LineC(st, pg.Wmm / 2, 41, 'Tel: ' + c.Pat.PracPhone + '   Fax: ' + c.Pat.PracFax);
      pg.HRule(LM, RM, 44, 0.4);
      Y := 54;
    end;
    1: begin { left name, right block }
      st := H_(c, 16); pg.Line(st, LM, 20, Up(c.Pat.Practice));
      st := S_(c, 9);
      pg.Line(st, LM, 26, c.Pat.PracAddr1);
      pg.Line(st, LM, 30.5, c.Pat.PracAddr2);
      pg.Line(st, LM, 35, c.Pat.PracTown + ' ' + c.Pat.PracPost);
      x := RM - 55;
      pg.Line(st, x, 26, 'Telephone: ' + c.Pat.PracPhone);
      pg.Line(st, x, 30.5, 'Fax: ' + c.Pat.PracFax);
      pg.Line(st, x, 35, 'Practice Code: ' + c.Pat.PracCode);
      if pg.Halftone then begin pg.FillBox(LM, 38, RM, 41, 60, 110, 170); pg.HalftoneRect(LM, 37.5, RM, 41.5, 65, 15); end
      else pg.HRule(LM, RM, 39, 0.8);
      Y := 50;
    end;
  else begin { logo band }
      pg.NHSLogo(RM - 22, 10, 9, 0, 94, 184);
      if pg.Halftone then pg.HalftoneRect(RM - 23, 9, RM + 1, 20, 75, 45);
      st := H_(c, 13); pg.Line(st, LM, 16, c.Pat.Practice);
      st := S_(c, 8.5);
      pg.Line(st, LM, 21, c.Pat.PracAddr1 + ', ' + c.Pat.PracAddr2);
      pg.Line(st, LM, 25, c.Pat.PracTown + ', ' + c.Pat.PracPost);
      pg.Line(st, LM, 29, 'Tel ' + c.Pat.PracPhone + '  |  Fax ' + c.Pat.PracFax);
      Y := 40;
    end;
  end;
  c.Distractor('phone', c.Pat.PracPhone); c.Distractor('fax', c.Pat.PracFax);
end;

procedure HospitalHead(c: TDocCtx; pg: TPage; variant: Integer);
var st: TStyle;
begin
  if variant = 1 then begin
    st := H_(c, 12); pg.Line(st, LM, 20, 'Department of ' + c.Sc.Spec);
  end;
  pg.NHSLogo(RM - 26, 10, 10.5, 0, 94, 184);
  if pg.Halftone then pg.HalftoneRect(RM - 27, 9, RM + 1, 22, 70, 45);
  st := B_(c, 11); pg.LineR(st, RM, 27, c.Pat.Trust);
  st := S_(c, 9);
  pg.LineR(st, RM, 32, c.Pat.Hospital);
  pg.LineR(st, RM, 36, c.Pat.HospAddr1 + ', ' + c.Pat.HospTown + ' ' + c.Pat.HospPost);
  pg.LineR(st, RM, 40, 'Switchboard: ' + c.Pat.HospPhone);
  c.Distractor('phone', c.Pat.HospPhone);
  Y := 50;
end;

procedure RecipientBlockS(c: TDocCtx; pg: TPage; x: Double; toHospital: Boolean; const st: TStyle);
begin
  if toHospital then begin
    pg.Line(st, x, Y, c.Pat.Consultant); Y := Y + 4.8;
    pg.Line(st, x, Y, 'Consultant, ' + c.Sc.Spec); Y := Y + 4.8;
    pg.Line(st, x, Y, c.Pat.Hospital); Y := Y + 4.8;
    pg.Line(st, x, Y, c.Pat.HospAddr1); Y := Y + 4.8;
    pg.Line(st, x, Y, c.Pat.HospTown + ' ' + c.Pat.HospPost); Y := Y + 4.8;
  end else begin
    pg.Line(st, x, Y, c.Pat.GP); Y := Y + 4.8;
    pg.Line(st, x, Y, c.Pat.Practice); Y := Y + 4.8;
    pg.Line(st, x, Y, c.Pat.PracAddr1); Y := Y + 4.8;
    pg.Line(st, x, Y, c.Pat.PracTown + ' ' + c.Pat.PracPost); Y := Y + 4.8;
  end;
end;

procedure RecipientBlock(c: TDocCtx; pg: TPage; x: Double; toHospital: Boolean);
begin RecipientBlockS(c, pg, x, toHospital, S_(c, 10.5)); end;

procedure Footer(c: TDocCtx; pg: TPage; const s: string);
var st: TStyle;
begin
  st := S_(c, 7.5);
  pg.Line(st, LM, pg.Hmm - 10, s);
end;

procedure SignOff(c: TDocCtx; var pg: TPage; const who, role: string; dictated: Boolean);
var st: TStyle;
begin
  st := S_(c, 10.5);
  if Y > pg.Hmm - 45 then begin
    if c.PageNo < Length(c.Specs) then NewPageCont(c, pg) else raise Exception.Create(c.Id + ': no room to sign');
  end;
  Y := Y + 3;
  pg.Line(st, LM, Y, 'Yours sincerely'); Y := Y + 6;
  pg.Signature(LM + 2, Y + 6, 38, '');
  Y := Y + 16;
  pg.Line(st, LM, Y, who); Y := Y + 5;
  pg.Line(st, LM, Y, role); Y := Y + 5;
  if dictated then begin
    st := S_(c, 8.5);
    pg.Line(st, LM, Y, 'Dictated but not signed to avoid delay.  ' + c.Pat.Secretary); Y := Y + 5;
  end;
end;

{ ---------------------------------------------------------------- referral kinds }

procedure BuildERS(c: TDocCtx);
var pg: TPage; st, sb, sh: TStyle; xs: array[0..1] of Double; i, ns, ds: Integer; lead: Double;
begin
  pg := c.BeginPage; LM := 18; RM := pg.Wmm - 18;
  sh := H_(c, 14); sb := B_(c, 10); st := S_(c, 10); lead := 5.0;
  pg.LinePair(sh, S_(c, 10), LM, RM, 18, 'NHS e-Referral Service', 'Referral Letter');
  pg.HRule(LM, RM, 21, 0.5);
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 3);
  xs[0] := LM; xs[1] := LM + 52; Y := 30;
  pg.Row(st, Y, xs, ['UBRN:', c.Pat.UBRN]); Y := Y + lead; c.Distractor('ubrn', c.Pat.UBRN);
  pg.Row(st, Y, xs, ['Priority:', c.Sc.Urgency]); Y := Y + lead;
  pg.Row(st, Y, xs, ['Service:', c.Sc.Clinic + ' - ' + c.Pat.Hospital]); Y := Y + lead;
  pg.Row(st, Y, xs, ['Referring Clinician:', c.Pat.GP + ' (' + c.Pat.PracCode + ')']); Y := Y + lead;
  pg.Row(st, Y, xs, ['Date Referral Created:', FmtDate(c.Pat.RefDate, 3)]); Y := Y + lead + 3;
  c.Distractor('referral_date', FmtDate(c.Pat.RefDate, 3));
  pg.FillBox(LM, Y - 4.5, RM, Y + 1.5, 225, 232, 242);
  pg.Line(sb, LM + 1, Y, 'Patient Details'); Y := Y + lead + 1.5;
  pg.Row(st, Y, xs, ['Name:', Up(c.Pat.Last) + ', ' + c.Pat.First + ' (' + c.Pat.Title + ')']); Y := Y + lead;
  pg.Row(st, Y, xs, ['NHS Number:', NhsV(c, ns)]); c.SetNHS('NHS Number: ' + NhsV(c, ns), NhsV(c, ns)); Y := Y + lead;
  pg.Row(st, Y, xs, ['Date of Birth:', DobV(c, ds)]); c.SetDOB('Date of Birth: ' + DobV(c, ds), DobV(c, ds)); Y := Y + lead;
  pg.Row(st, Y, xs, ['Gender:', Sex(c)]); Y := Y + lead;
  pg.Row(st, Y, xs, ['Address:', PatAddr(c)]); Y := Y + lead;
  pg.Row(st, Y, xs, ['Telephone:', c.Pat.Phone + ' (home)  ' + c.Pat.Mobile + ' (mobile)']); Y := Y + lead + 3;
  c.Distractor('phone', c.Pat.Phone);
  pg.FillBox(LM, Y - 4.5, RM, Y + 1.5, 225, 232, 242);
  pg.Line(sb, LM + 1, Y, 'Clinical Information'); Y := Y + lead + 1.5;
  pg.Line(sb, LM, Y, 'Reason for referral: ' + c.Sc.Reason); Y := Y + lead + 1;
  for i := 0 to 3 do begin Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[i], c.Pat)); end;
  Y := Y + 2;
  Flow(c, pg, st, LM, RM - LM, lead, 'Examination: ' + c.Sc.Exam);
  Flow(c, pg, st, LM, RM - LM, lead, 'Investigations: ' + c.Sc.Inv1 + ' ' + c.Sc.Inv2);
  Y := Y + 2;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Request);
  Y := Y + 4;
  pg.Line(sb, LM, Y, 'Allergies: ' + c.Sc.Allergy); Y := Y + lead;
  Footer(c, pg, 'Printed from e-RS by ' + Copy(c.Pat.Consultant, 1, 40) + ' secretary on ' + FmtDate(c.Pat.RecvDate, 0) + '   Page 1 of 1');
  c.Distractor('printed_date', FmtDate(c.Pat.RecvDate, 0));
  Dist(c);
  c.EndPage;
end;

procedure BuildTickbox(c: TDocCtx);
var pg: TPage; st, sb, sh, ss: TStyle; i, ns, ds, k: Integer; x0, x1, x2, yy: Double; crit: array[0..5] of string;
begin
  pg := c.BeginPage; LM := 15; RM := pg.Wmm - 15;
  sh := H_(c, 13); sb := B_(c, 9.5); st := S_(c, 9.5); ss := S_(c, 8);
  pg.Line(ss, LM, 12, c.Pat.Trust);
  pg.NHSLogo(RM - 20, 6, 8, 0, 94, 184);
  pg.Line(sh, LM, 21, 'SUSPECTED CANCER REFERRAL FORM');
  pg.Line(sb, LM, 27, Up(c.Sc.Spec) + ' - TWO WEEK WAIT');
  pg.Line(ss, LM, 32, 'Please send within 24 hours via e-RS. Fax only if e-RS unavailable: ' + c.Pat.HospPhone);
  c.Distractor('phone', c.Pat.HospPhone);
  ns := OptI(c, 'nhs', 1); ds := OptI(c, 'dob', 0);
  { patient table }
  x0 := LM; x1 := LM + 38; x2 := RM; yy := 37;
  pg.Box(x0, yy, x2, yy + 8 * 7, 0.35);
  for i := 1 to 6 do pg.HRule(x0, x2, yy + 8 * i, 0.25);
  pg.VRule(x1, yy, yy + 8 * 7, 0.25);
  pg.Row(sb, yy + 5.5, [x0 + 2, x1 + 2], ['Patient name', FullName(c)]);
  pg.Row(sb, yy + 13.5, [x0 + 2, x1 + 2], ['NHS Number', NhsV(c, ns)]); c.SetNHS('NHS Number ' + NhsV(c, ns), NhsV(c, ns));
  pg.Row(sb, yy + 21.5, [x0 + 2, x1 + 2], ['Date of birth', DobV(c, ds)]); c.SetDOB('Date of birth ' + DobV(c, ds), DobV(c, ds));
  pg.Row(st, yy + 29.5, [x0 + 2, x1 + 2], ['Hospital No', c.Pat.HospNo2]); c.Distractor('hospital_number', c.Pat.HospNo2);
  pg.Row(st, yy + 37.5, [x0 + 2, x1 + 2], ['Address', PatAddr(c)]);
  pg.Row(st, yy + 45.5, [x0 + 2, x1 + 2], ['Telephone', c.Pat.Phone + ' / ' + c.Pat.Mobile]);
  pg.Row(st, yy + 53.5, [x0 + 2, x1 + 2], ['Interpreter', 'Not required']);
  Y := yy + 66;
  pg.Line(sb, LM, Y, 'Referral criteria (tick all that apply)'); Y := Y + 7;
  crit[0] := 'Aged 40 and over with unexplained weight loss and abdominal pain';
  crit[1] := 'Aged 50 and over with unexplained rectal bleeding';
  crit[2] := 'Aged 60 and over with iron deficiency anaemia or change in bowel habit';
  crit[3] := 'Positive faecal immunochemical test (FIT) result';
  crit[4] := 'Rectal or abdominal mass';
  crit[5] := 'Other - please give details below';
  if c.Sc.Spec = 'Urology' then begin
    crit[0] := 'Aged 45 and over with unexplained visible haematuria';
    crit[1] := 'Aged 60 and over with non-visible haematuria and dysuria or raised white cell count';
    crit[2] := 'PSA above the age-specific reference range';
    crit[3] := 'Abnormal prostate on digital rectal examination';
    crit[4] := 'Suspicious renal or bladder mass on imaging';
  end else if c.Sc.Spec = 'Dermatology' then begin
    crit[0] := 'Suspicious pigmented lesion with weighted 7-point checklist score of 3 or more';
    crit[1] := 'Dermoscopy suggests melanoma';
    crit[2] := 'Suspected squamous cell carcinoma';
    crit[3] := 'Basal cell carcinoma in a site where delay may have a high impact';
    crit[4] := 'Photographs attached';
  end;
  for k := 0 to 5 do begin
    pg.TickBox(LM + 2, Y + 0.8, 3.6, (k = 1) or (k = 3) or ((k = 0) and (c.Pat.Age > 50)));
    pg.Line(st, LM + 9, Y, crit[k]); Y := Y + 6.5;
  end;
  Y := Y + 3;
  pg.Line(sb, LM, Y, 'Clinical details'); Y := Y + 6;
  Flow(c, pg, st, LM, RM - LM, 4.6, Fill(c.Sc.Hist[0], c.Pat) + ' ' + Fill(c.Sc.Hist[1], c.Pat));
  Flow(c, pg, st, LM, RM - LM, 4.6, c.Sc.Exam);
  Flow(c, pg, st, LM, RM - LM, 4.6, c.Sc.Inv1 + ' ' + c.Sc.Inv2);
  if Length(c.Specs) > 1 then begin
    Footer(c, pg, 'Form version 7.2  Page 1 of 2');
    c.EndPage; pg := c.BeginPage; Y := 20;
    pg.Line(sb, LM, Y, 'Patient: ' + FullName(c) + '   NHS No: ' + NhsV(c, ns)); Y := Y + 9;
    pg.Line(sb, LM, Y, 'Past medical history'); Y := Y + 6;
    for k := 0 to 3 do begin pg.Line(st, LM + 4, Y, '- ' + c.Sc.PMH[k]); Y := Y + 5; end;
    Y := Y + 3; pg.Line(sb, LM, Y, 'Current medication'); Y := Y + 6;
    for k := 0 to 3 do begin pg.Line(st, LM + 4, Y, '- ' + c.Sc.Meds[k]); Y := Y + 5; end;
    Y := Y + 3; pg.Line(sb, LM, Y, 'Allergies: ' + c.Sc.Allergy); Y := Y + 9;
    pg.Line(sb, LM, Y, 'Patient informed of possible cancer diagnosis'); pg.TickBox(LM + 100, Y + 0.8, 3.6, True); Y := Y + 7;
    pg.Line(sb, LM, Y, 'Patient available in the next 14 days'); pg.TickBox(LM + 100, Y + 0.8, 3.6, True); Y := Y + 7;
    pg.Line(sb, LM, Y, 'Patient information leaflet given'); pg.TickBox(LM + 100, Y + 0.8, 3.6, False); Y := Y + 12;
  end else Y := Y + 4;
  pg.Row(st, Y, [LM, LM + 70, LM + 120], ['Referring GP: ' + c.Pat.GP, 'Practice code: ' + c.Pat.PracCode, 'Date: ' + FmtDate(c.Pat.RefDate, 0)]);
  c.Distractor('practice_code', c.Pat.PracCode); c.Distractor('referral_date', FmtDate(c.Pat.RefDate, 0));
  pg.Signature(LM + 30, Y + 9, 35, '');
  Y := Y + 16;
  pg.Line(st, LM, Y, 'GP signature:');
  if Length(c.Specs) > 1 then Footer(c, pg, 'Form version 7.2  Page 2 of 2') else Footer(c, pg, 'Form version 7.2  Page 1 of 1');
  Dist(c);
  c.EndPage;
end;

procedure BuildDictated(c: TDocCtx);
var pg: TPage; st, sb: TStyle; ns, ds, i, v: Integer; lead: Double; two: Boolean;
begin
  two := Length(c.Specs) > 1;
  pg := c.BeginPage; LM := 22; RM := pg.Wmm - 20;
  v := OptI(c, 'head', 0);
  PracticeHead(c, pg, v);
  st := S_(c, OptI(c, 'pt', 105) / 10); sb := B_(c, OptI(c, 'pt', 105) / 10); lead := st.Pt * 0.48;
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 0);
  pg.LineR(st, RM, Y, FmtDate(c.Pat.LetterDate, 1));
  c.Distractor('letter_date', FmtDate(c.Pat.LetterDate, 1));
  Y := Y + 2;
  RecipientBlock(c, pg, LM, True);
  Y := Y + 6;
  pg.Line(st, LM, Y, 'Dear ' + Copy(c.Pat.Consultant, 1, Pos(' ', c.Pat.Consultant) - 1) + ' ' +
          Copy(c.Pat.Consultant, LastDelimiter(' ', c.Pat.Consultant) + 1, 99) + ','); Y := Y + lead + 2;
  pg.Line(sb, LM, Y, 'Re: ' + FullName(c) + ', ' + PatAddr(c)); Y := Y + lead;
  case OptI(c, 'relab', 0) of
    0: begin
      pg.Line(sb, LM, Y, 'DOB ' + DobV(c, ds) + '   NHS No: ' + NhsV(c, ns));
      c.SetDOB('DOB ' + DobV(c, ds), DobV(c, ds)); c.SetNHS('NHS No: ' + NhsV(c, ns), NhsV(c, ns));
    end;
    1: begin
      pg.Line(sb, LM, Y, 'Date of Birth: ' + DobV(c, ds) + '  NHS Number: ' + NhsV(c, ns) + '  Hosp No: ' + c.Pat.HospNo);
      c.SetDOB('Date of Birth: ' + DobV(c, ds), DobV(c, ds)); c.SetNHS('NHS Number: ' + NhsV(c, ns), NhsV(c, ns));
    end;
  else begin
      pg.Line(sb, LM, Y, 'D.O.B. ' + DobV(c, ds) + '   NHS ' + NhsV(c, ns));
      c.SetDOB('D.O.B. ' + DobV(c, ds), DobV(c, ds)); c.SetNHS('NHS ' + NhsV(c, ns), NhsV(c, ns));
    end;
  end;
  Y := Y + lead + 3;
  for i := 0 to 3 do begin Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[i], c.Pat)); Y := Y + 1.5; end;
  Flow(c, pg, st, LM, RM - LM, lead, 'On examination: ' + c.Sc.Exam); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, 'Recent results: ' + c.Sc.Inv1 + ' ' + c.Sc.Inv2); Y := Y + 1.5;
  if two then begin
    c.Distractor('hospital_number', c.Pat.HospNo);
    Footer(c, pg, c.Pat.Practice + ' is a training practice. Page 1 of 2');
    c.EndPage; pg := c.BeginPage; Y := 22;
    pg.Line(S_(c, 9), LM, Y, FullName(c) + '  DOB ' + DobV(c, ds) + '  - page 2'); Y := Y + 10;
    pg.Line(sb, LM, Y, 'Past medical history:'); Y := Y + lead;
    for i := 0 to 3 do begin pg.Line(st, LM + 5, Y, c.Sc.PMH[i]); Y := Y + lead; end;
    Y := Y + 2; pg.Line(sb, LM, Y, 'Current medication:'); Y := Y + lead;
    for i := 0 to 3 do begin pg.Line(st, LM + 5, Y, c.Sc.Meds[i]); Y := Y + lead; end;
    Y := Y + 2; pg.Line(sb, LM, Y, 'Allergies: ' + c.Sc.Allergy); Y := Y + lead + 3;
  end;
  Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Request + ' Many thanks for your help with {his} care.', c.Pat));
  SignOff(c, pg, c.Pat.GP, 'General Practitioner', True);
  if two then Footer(c, pg, 'Page 2 of 2');
  Dist(c);
  c.EndPage;
end;

procedure BuildSOAP(c: TDocCtx);
var pg: TPage; st, sb, sm: TStyle; ns, ds: Integer; lead: Double;
begin
  pg := c.BeginPage; LM := 20; RM := pg.Wmm - 20;
  st := S_(c, 10); sb := B_(c, 10); sm := S_(c, 8); lead := 4.9;
  ns := OptI(c, 'nhs', 1); ds := OptI(c, 'dob', 5);
  pg.Line(B_(c, 12), LM, 18, 'Consultation Record - Referral Summary');
  pg.Line(sm, LM, 23, c.Pat.Practice + '  (' + c.Pat.PracCode + ')');
  pg.HRule(LM, RM, 26, 0.3);
  Y := 33;
  pg.Line(sb, LM, Y, Up(c.Pat.Last) + ', ' + c.Pat.First + ' (' + c.Pat.Title + ')'); Y := Y + lead;
  pg.Line(st, LM, Y, 'NHS: ' + NhsV(c, ns) + '    DoB: ' + DobV(c, ds) + ' (' + IntToStr(c.Pat.Age) + 'y)   ' + Sex(c));
  c.SetNHS('NHS: ' + NhsV(c, ns), NhsV(c, ns)); c.SetDOB('DoB: ' + DobV(c, ds), DobV(c, ds));
  Y := Y + lead;
  pg.Line(st, LM, Y, PatAddr(c)); Y := Y + lead;
  pg.Line(st, LM, Y, 'Consultation: ' + FmtDate(c.Pat.SeenDate, 5) + ' ' + TimeStr(c.Rng) + ' with ' + c.Pat.GP + ' (Face to face)');
  c.Distractor('consultation_date', FmtDate(c.Pat.SeenDate, 5));
  Y := Y + lead + 2; pg.HRule(LM, RM, Y - 3, 0.2); Y := Y + 2;
  pg.Line(sb, LM, Y, 'S:'); Y := Y + lead;
  Flow(c, pg, st, LM + 8, RM - LM - 8, lead, Fill(c.Sc.Hist[0] + ' ' + c.Sc.Hist[1], c.Pat));
  Flow(c, pg, st, LM + 8, RM - LM - 8, lead, Fill(c.Sc.Hist[2], c.Pat)); Y := Y + 2;
  pg.Line(sb, LM, Y, 'O:'); Y := Y + lead;
  Flow(c, pg, st, LM + 8, RM - LM - 8, lead, c.Sc.Exam);
  Flow(c, pg, st, LM + 8, RM - LM - 8, lead, c.Sc.Inv1); Y := Y + 2;
  pg.Line(sb, LM, Y, 'A:'); Y := Y + lead;
  Flow(c, pg, st, LM + 8, RM - LM - 8, lead, c.Sc.Reason + ' - ' + LowerCase(c.Sc.Urgency) + ' referral indicated.'); Y := Y + 2;
  pg.Line(sb, LM, Y, 'P:'); Y := Y + lead;
  Flow(c, pg, st, LM + 8, RM - LM - 8, lead, c.Sc.Request);
  Flow(c, pg, st, LM + 8, RM - LM - 8, lead, 'Safety netting advice given. Review in 2 weeks or sooner if worse.');
  Y := Y + 4;
  pg.Line(st, LM, Y, 'Referred to: ' + c.Sc.Clinic + ', ' + c.Pat.Hospital); Y := Y + lead;
  pg.Line(st, LM, Y, 'Allergies: ' + c.Sc.Allergy); Y := Y + lead;
  Footer(c, pg, 'Confidential patient information. Printed ' + FmtDate(c.Pat.LetterDate, 0) + '.');
  Dist(c);
  c.EndPage;
end;

procedure SysTable(c: TDocCtx; pg: TPage; const st: TStyle; const title: string; const a, b: array of string; x1, x2, lead: Double);
var i: Integer;
begin
  pg.Line(B_(c, st.Pt + 0.5), LM, Y, title); Y := Y + lead;
  pg.HRule(LM, RM, Y - lead + 1.2, 0.2);
  for i := 0 to High(a) do begin
    pg.Row(st, Y, [x1, x2], [a[i], b[i]]); Y := Y + lead;
  end;
  Y := Y + 2;
end;

procedure BuildEMIS(c: TDocCtx);
var pg: TPage; st, sb, sm: TStyle; ns, ds, i: Integer; lead: Double; d: array[0..3] of string; xs: array[0..1] of Double;
begin
  pg := c.BeginPage; LM := 14; RM := pg.Wmm - 14;
  st := S_(c, 9.5); sb := B_(c, 9.5); sm := S_(c, 7.5); lead := 4.5;
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 5);
  pg.LinePair(sm, sm, LM, RM, 9, 'EMIS Web  -  ' + c.Pat.Practice + '  -  Referral', 'Printed on ' + FmtDate(c.Pat.LetterDate, 5) + ' by ' + c.Pat.GP);
  pg.HRule(LM, RM, 11, 0.3);
  pg.Line(B_(c, 13), LM, 20, 'Referral Letter');
  Y := 28; xs[0] := LM; xs[1] := LM + 40;
  pg.FillBox(LM, Y - 4, RM, Y + 4 * lead - 2.5, 238, 238, 238);
  pg.Row(sb, Y, xs, ['Patient', FullName(c)]); Y := Y + lead;
  pg.Row(st, Y, xs, ['Born', DobV(c, ds) + ' (' + IntToStr(c.Pat.Age) + ' years)']); c.SetDOB('Born ' + DobV(c, ds), DobV(c, ds)); Y := Y + lead;
  pg.Row(st, Y, xs, ['NHS Number', NhsV(c, ns)]); c.SetNHS('NHS Number ' + NhsV(c, ns), NhsV(c, ns)); Y := Y + lead;
  pg.Row(st, Y, xs, ['Usual GP', c.Pat.GP]); Y := Y + lead + 3;
  pg.Row(st, Y, xs, ['Address', PatAddr(c)]); Y := Y + lead;
  pg.Row(st, Y, xs, ['Home phone', c.Pat.Phone]); Y := Y + lead;
  pg.Row(st, Y, xs, ['Next of kin', c.Pat.NokName + ' (' + c.Pat.NokRel + ') ' + c.Pat.NokPhone]); Y := Y + lead + 3;
  c.Distractor('phone', c.Pat.NokPhone);
  pg.Line(sb, LM, Y, 'To: ' + c.Pat.Consultant + ', ' + c.Sc.Clinic + ', ' + c.Pat.Hospital); Y := Y + lead + 2;
  for i := 0 to 2 do Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[i], c.Pat));
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Request); Y := Y + 3;
  d[0] := FmtDate(AddDays(c.Pat.DOB, 365 * 40 + 17), 5); d[1] := FmtDate(AddDays(c.Pat.LetterDate, -2400), 5);
  d[2] := FmtDate(AddDays(c.Pat.LetterDate, -900), 5); d[3] := FmtDate(AddDays(c.Pat.LetterDate, -5000), 5);
  c.Distractor('problem_date', d[1]);
  SysTable(c, pg, st, 'Active Problems', [d[1], d[2]], [c.Sc.PMH[0], c.Sc.PMH[1]], LM + 2, LM + 32, lead);
  SysTable(c, pg, st, 'Past Problems', [d[3], d[0]], [c.Sc.PMH[2], c.Sc.PMH[3]], LM + 2, LM + 32, lead);
  if Length(c.Specs) > 1 then begin
    Footer(c, pg, 'Page 1 of 2');
    c.EndPage; pg := c.BeginPage; Y := 16;
    pg.Line(sm, LM, 9, 'EMIS Web  -  ' + FullName(c) + '  -  ' + NhsV(c, ns)); pg.HRule(LM, RM, 11, 0.3);
  end;
  SysTable(c, pg, st, 'Current Medication (repeat)', [c.Sc.Meds[0], c.Sc.Meds[1], c.Sc.Meds[2], c.Sc.Meds[3]],
           ['Last issued ' + FmtDate(AddDays(c.Pat.LetterDate, -12), 5), 'Last issued ' + FmtDate(AddDays(c.Pat.LetterDate, -12), 5),
            'Last issued ' + FmtDate(AddDays(c.Pat.LetterDate, -40), 5), 'Last issued ' + FmtDate(AddDays(c.Pat.LetterDate, -3), 5)], LM + 2, LM + 110, lead);
  SysTable(c, pg, st, 'Allergies', [c.Sc.Allergy], [''], LM + 2, LM + 110, lead);
  SysTable(c, pg, st, 'Recent Values', ['Blood pressure', 'Body mass index', 'Smoking status'],
           ['142/84 mmHg  (' + FmtDate(c.Pat.SeenDate, 5) + ')', '28.4 kg/m2', 'Ex-smoker'], LM + 2, LM + 60, lead);
  Y := Y + 4;
  pg.Line(st, LM, Y, c.Pat.GP + ', GMC ' + c.Pat.GMC); c.Distractor('gmc_number', c.Pat.GMC); Y := Y + lead;
  if Length(c.Specs) > 1 then Footer(c, pg, 'Page 2 of 2') else Footer(c, pg, 'Page 1 of 1');
  Dist(c);
  c.EndPage;
end;

procedure S1Band(c: TDocCtx; pg: TPage; ns, ds: Integer; first: Boolean);
var sb, st: TStyle;
begin
  sb := B_(c, 9.5); st := S_(c, 9);
  pg.FillBox(LM, 8, RM, 19.5, 215, 226, 236);
  pg.Line(sb, LM + 2, 13, Up(c.Pat.Last) + ', ' + c.Pat.First + ' ' + c.Pat.Title);
  pg.Line(st, LM + 2, 17.5, 'DOB: ' + DobV(c, ds) + '   NHS No: ' + NhsV(c, ns) + '   ' + Sex(c));
  if first then begin c.SetDOB('DOB: ' + DobV(c, ds), DobV(c, ds)); c.SetNHS('NHS No: ' + NhsV(c, ns), NhsV(c, ns)); end;
end;

procedure BuildSystmOne(c: TDocCtx);
var pg: TPage; st, sb, sm: TStyle; ns, ds, i: Integer; lead: Double;
begin
  pg := c.BeginPage; LM := 16; RM := pg.Wmm - 16;
  st := S_(c, 9.5); sb := B_(c, 10); sm := S_(c, 7.5); lead := 4.7;
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 3);
  S1Band(c, pg, ns, ds, True);
  Y := 28;
  pg.Line(B_(c, 12), LM, Y, 'Outgoing Referral - ' + c.Sc.Spec); Y := Y + 7;
  pg.Row(st, Y, [LM, LM + 35], ['From:', c.Pat.GP + ', ' + c.Pat.Practice]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 35], ['To:', c.Sc.Clinic + ', ' + c.Pat.Hospital]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 35], ['Date:', FmtDate(c.Pat.LetterDate, 0)]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 35], ['Urgency:', c.Sc.Urgency]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 35], ['Hospital No:', c.Pat.HospNo]); Y := Y + lead + 4;
  pg.Line(sb, LM, Y, 'History'); Y := Y + lead + 0.5;
  for i := 0 to 3 do Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[i], c.Pat));
  Y := Y + 2; pg.Line(sb, LM, Y, 'Examination'); Y := Y + lead + 0.5;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Exam);
  Y := Y + 2; pg.Line(sb, LM, Y, 'Investigations'); Y := Y + lead + 0.5;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Inv1); Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Inv2);
  if Length(c.Specs) > 1 then begin
    Footer(c, pg, 'SystmOne - Page 1 of 2 - ' + c.Pat.PracCode);
    c.EndPage; pg := c.BeginPage; S1Band(c, pg, ns, ds, False); Y := 30;
  end;
  Y := Y + 2; pg.Line(sb, LM, Y, 'Medication'); Y := Y + lead + 0.5;
  for i := 0 to 3 do begin pg.Line(st, LM + 3, Y, c.Sc.Meds[i]); Y := Y + lead; end;
  Y := Y + 2; pg.Line(sb, LM, Y, 'Problems'); Y := Y + lead + 0.5;
  for i := 0 to 3 do begin pg.Line(st, LM + 3, Y, c.Sc.PMH[i]); Y := Y + lead; end;
  Y := Y + 2; pg.Line(sb, LM, Y, 'Sensitivities'); Y := Y + lead + 0.5;
  pg.Line(st, LM + 3, Y, c.Sc.Allergy); Y := Y + lead + 3;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Request);
  Y := Y + 4; pg.Line(st, LM, Y, 'Electronically signed by ' + c.Pat.GP + ' on ' + FmtDate(c.Pat.LetterDate, 0));
  if Length(c.Specs) > 1 then Footer(c, pg, 'SystmOne - Page 2 of 2 - ' + c.Pat.PracCode) else Footer(c, pg, 'SystmOne - Page 1 of 1 - ' + c.Pat.PracCode);
  c.Distractor('practice_code', c.Pat.PracCode);
  Dist(c);
  c.EndPage;
end;

procedure BuildVision(c: TDocCtx);
var pg: TPage; st: TStyle; ns, ds, i: Integer; lead: Double; L: TStringList;
  procedure T(const s: string); begin pg.Line(st, LM, Y, s); Y := Y + lead; end;
begin
  pg := c.BeginPage; LM := 15; RM := pg.Wmm - 12;
  st := M_(c, 9); lead := 4.3;
  ns := OptI(c, 'nhs', 1); ds := OptI(c, 'dob', 0);
  Y := 14;
  T('VISION REFERRAL LETTER                                    ' + FmtDate(c.Pat.LetterDate, 0));
  begin pg.HRule(LM, RM - 20, Y - 1.2, 0.5); Y := Y + lead; end;
  T('PRACTICE : ' + Up(c.Pat.Practice) + ' (' + c.Pat.PracCode + ')');
  T('GP       : ' + Up(c.Pat.GP));
  T('');
  T('PATIENT  : ' + Up(c.Pat.Last) + ', ' + Up(c.Pat.First) + '  ' + Up(c.Pat.Title));
  T('D.O.B.   : ' + DobV(c, ds) + '          SEX : ' + Up(Copy(Sex(c), 1, 1)));
  c.SetDOB('D.O.B. : ' + DobV(c, ds), DobV(c, ds));
  T('NHS NO.  : ' + NhsV(c, ns) + '       REG : ' + FmtDate(AddDays(c.Pat.DOB, 9000), 0));
  c.SetNHS('NHS NO. : ' + NhsV(c, ns), NhsV(c, ns));
  c.Distractor('registration_date', FmtDate(AddDays(c.Pat.DOB, 9000), 0));
  T('ADDRESS  : ' + Up(c.Pat.Addr1 + ', ' + c.Pat.Town + ' ' + c.Pat.Postcode));
  T('TEL      : ' + c.Pat.Phone);
  begin pg.HRule(LM, RM - 20, Y - 1.2, 0.25); Y := Y + lead; end;
  T('TO: ' + Up(c.Pat.Consultant) + ' - ' + Up(c.Sc.Clinic));
  T('');
  L := TStringList.Create;
  for i := 0 to 3 do L.Add(Fill(c.Sc.Hist[i], c.Pat));
  L.Add(c.Sc.Exam); L.Add(c.Sc.Inv1); L.Add(c.Sc.Request);
  for i := 0 to L.Count - 1 do begin Flow(c, pg, st, LM, RM - LM, lead, L[i]); Y := Y + 1; end;
  L.Free;
  T('');
  T('CURRENT REPEATS:');
  for i := 0 to 3 do T('  ' + Up(c.Sc.Meds[i]));
  T('ALLERGIES: ' + Up(c.Sc.Allergy));
  begin pg.HRule(LM, RM - 20, Y - 1.2, 0.25); Y := Y + lead; end;
  T('PRINTED ' + FmtDate(c.Pat.LetterDate, 0) + ' ' + TimeStr(c.Rng) + '                            PAGE 1');
  Dist(c);
  c.EndPage;
end;

procedure BuildTerse(c: TDocCtx);
var pg: TPage; st: TStyle; ns, ds: Integer; lead: Double;
begin
  pg := c.BeginPage; LM := 25; RM := pg.Wmm - 25;
  st := StyK(c.Mono, 11, tkTypewriter); lead := 6;
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 2);
  Y := 25;
  pg.Line(st, LM, Y, c.Pat.Practice); Y := Y + lead;
  pg.Line(st, LM, Y, 'Tel ' + c.Pat.PracPhone); Y := Y + lead * 2;
  pg.Line(st, LM, Y, FmtDate(c.Pat.LetterDate, 2)); Y := Y + lead * 2;
  c.Distractor('letter_date', FmtDate(c.Pat.LetterDate, 2)); c.Distractor('phone', c.Pat.PracPhone);
  pg.Line(st, LM, Y, 'Dear Doctor,'); Y := Y + lead * 1.5;
  pg.Line(st, LM, Y, 'Re: ' + c.Pat.First + ' ' + Up(c.Pat.Last) + '  D.O.B. ' + DobV(c, ds)); Y := Y + lead;
  c.SetDOB('D.O.B. ' + DobV(c, ds), DobV(c, ds));
  pg.Line(st, LM + 8, Y, 'NHS No ' + NhsV(c, ns)); Y := Y + lead;
  c.SetNHS('NHS No ' + NhsV(c, ns), NhsV(c, ns));
  pg.Line(st, LM + 8, Y, c.Pat.Addr1 + ', ' + c.Pat.Town); Y := Y + lead * 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, 'Pls see this ' + IntToStr(c.Pat.Age) + ' yo ' + Fill('{man}', c.Pat) + ' re ' + LowerCase(c.Sc.Reason) + '. ' + c.Sc.Exam);
  Y := Y + 2;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Inv1 + ' Meds: ' + c.Sc.Meds[0] + '. ' + c.Sc.Allergy + '.');
  Y := Y + 2;
  Flow(c, pg, st, LM, RM - LM, lead, 'Thanks for seeing.');
  Y := Y + lead;
  pg.Signature(LM, Y + 4, 30, '');
  Y := Y + 14;
  pg.Line(st, LM, Y, c.Pat.GP);
  c.Note('typewriter_strike_jitter');
  Dist(c);
  c.EndPage;
end;

procedure BuildTwoPageHeader(c: TDocCtx);
var pg: TPage; st, sb: TStyle; ns, ds, i: Integer; lead: Double;
begin
  pg := c.BeginPage; LM := 24; RM := pg.Wmm - 22;
  st := S_(c, 10.5); sb := B_(c, 10.5); lead := 5.2;
  PracticeHead(c, pg, OptI(c, 'head', 1));
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 1);
  Y := Y + 8;
  pg.Line(st, LM, Y, 'Our ref: ' + c.Pat.Secretary + '/' + Copy(c.Pat.HospNo, 2, 5)); Y := Y + lead;
  c.Distractor('reference', c.Pat.Secretary + '/' + Copy(c.Pat.HospNo, 2, 5));
  pg.Line(st, LM, Y, 'Date: ' + FmtDate(c.Pat.LetterDate, 1)); Y := Y + lead * 3;
  c.Distractor('letter_date', FmtDate(c.Pat.LetterDate, 1));
  pg.Line(sb, LM, Y, 'PRIVATE AND CONFIDENTIAL'); Y := Y + lead * 2;
  RecipientBlock(c, pg, LM, True);
  Y := Y + lead * 3;
  pg.Line(sb, LM, Y, 'Patient: ' + FullName(c)); Y := Y + lead;
  pg.Line(st, LM, Y, 'Date of Birth: ' + DobV(c, ds)); c.SetDOB('Date of Birth: ' + DobV(c, ds), DobV(c, ds)); Y := Y + lead;
  pg.Line(st, LM, Y, 'NHS Number: ' + NhsV(c, ns)); c.SetNHS('NHS Number: ' + NhsV(c, ns), NhsV(c, ns)); Y := Y + lead;
  pg.Line(st, LM, Y, PatAddr(c)); Y := Y + lead;
  Footer(c, pg, 'Continued overleaf');
  c.EndPage;
  pg := c.BeginPage; Y := 22;
  pg.Line(S_(c, 8.5), LM, Y, FullName(c) + ' - ' + NhsV(c, ns) + ' - page 2'); Y := Y + 12;
  pg.Line(st, LM, Y, 'Dear ' + c.Pat.Consultant + ','); Y := Y + lead * 1.6;
  pg.Line(sb, LM, Y, 'Referral: ' + c.Sc.Reason); Y := Y + lead * 1.5;
  for i := 0 to 3 do begin Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[i], c.Pat)); Y := Y + 1.5; end;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Exam); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Inv1 + ' ' + c.Sc.Inv2); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, 'Current medication: ' + c.Sc.Meds[0] + '; ' + c.Sc.Meds[1] + '; ' + c.Sc.Meds[2] + '.'); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Request);
  SignOff(c, pg, c.Pat.GP, c.Pat.Practice, False);
  Dist(c);
  c.EndPage;
end;

procedure BuildDemoBox(c: TDocCtx);
var pg: TPage; st, sb, sl: TStyle; ns, ds, i: Integer; lead, bx, yy: Double; labs, vals: array[0..7] of string;
begin
  pg := c.BeginPage; LM := 20; RM := pg.Wmm - 18;
  st := S_(c, 10); sb := B_(c, 10); sl := S_(c, 8.5); lead := 5;
  HospitalHead(c, pg, 1);
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 0);
  Y := 58;
  { left column: address block }
  pg.Line(st, LM, Y, 'Private and Confidential'); Y := Y + lead * 1.5;
  pg.Line(st, LM, Y, c.Pat.GP); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.Practice); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.PracAddr1); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.PracAddr2); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.PracTown); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.PracPost); Y := Y + lead;
  { right column: demographics box with two columns of Label: value }
  bx := pg.Wmm / 2 + 8; yy := 56;
  pg.Box(bx - 2, yy - 5, RM, yy + 8 * 4.6 + 1, 0.3);
  labs[0] := 'Patient:'; vals[0] := c.Pat.First + ' ' + Up(c.Pat.Last);
  labs[1] := 'DOB:'; vals[1] := DobV(c, ds);
  labs[2] := 'NHS No:'; vals[2] := NhsV(c, ns);
  labs[3] := 'Hosp No:'; vals[3] := c.Pat.HospNo;
  labs[4] := 'Clinic:'; vals[4] := c.Pat.ClinicCode;
  labs[5] := 'Seen:'; vals[5] := FmtDate(c.Pat.SeenDate, 0);
  labs[6] := 'Typed:'; vals[6] := FmtDate(c.Pat.LetterDate, 0);
  labs[7] := 'Consultant:'; vals[7] := c.Pat.Consultant;
  for i := 0 to 7 do begin
    pg.RowStyled([sl, sl], yy + i * 4.6, [bx, bx + 20], [labs[i], vals[i]]);
  end;
  c.SetDOB('DOB: ' + DobV(c, ds), DobV(c, ds)); c.SetNHS('NHS No: ' + NhsV(c, ns), NhsV(c, ns));
  c.Distractor('clinic_code', c.Pat.ClinicCode); c.Distractor('clinic_date', FmtDate(c.Pat.SeenDate, 0));
  c.Distractor('typed_date', FmtDate(c.Pat.LetterDate, 0));
  Y := Max(Y, yy + 8 * 4.6) + 10;
  pg.Line(st, LM, Y, 'Dear ' + c.Pat.GP + ','); Y := Y + lead * 1.5;
  pg.Line(sb, LM, Y, 'Diagnosis: ' + c.Sc.Reason); Y := Y + lead * 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, 'Thank you for referring this ' + IntToStr(c.Pat.Age) + ' year old whom I saw in clinic today. ' + Fill(c.Sc.Hist[1], c.Pat));
  Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Exam); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Inv1 + ' ' + c.Sc.Inv2); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, 'Plan: we will arrange further investigation and I will write again with the results. I have explained this to the patient who is happy with the plan.');
  if Length(c.Specs) > 1 then begin
    Footer(c, pg, c.Pat.Trust + '   Page 1 of 2');
    c.EndPage; pg := c.BeginPage; Y := 22;
    pg.Line(sl, LM, Y, FullName(c) + '   NHS No: ' + NhsV(c, ns) + '   Page 2'); Y := Y + 12;
    Flow(c, pg, st, LM, RM - LM, lead, 'Medication on review: ' + c.Sc.Meds[0] + ', ' + c.Sc.Meds[1] + ', ' + c.Sc.Meds[2] + ', ' + c.Sc.Meds[3] + '.');
    Y := Y + 1.5;
    Flow(c, pg, st, LM, RM - LM, lead, 'Allergies: ' + c.Sc.Allergy + '.');
  end;
  SignOff(c, pg, c.Pat.Consultant, 'Consultant ' + c.Sc.Spec, True);
  pg.Line(sl, LM, Y + 3, 'cc: ' + FullName(c) + ', ' + PatAddr(c)); Y := Y + 8;
  c.Distractor('hospital_number', c.Pat.HospNo);
  Dist(c);
  c.EndPage;
end;

procedure BuildCompliments(c: TDocCtx);
var pg: TPage; st, sb, sh, hs: TStyle; ns, ds: Integer;
begin
  { page 1: DL compliments slip with a printed patient label }
  pg := c.BeginPage; LM := 15; RM := pg.Wmm - 15;
  sh := H_(c, 16); st := S_(c, 9.5); sb := B_(c, 9.5);
  pg.NHSLogo(RM - 20, 8, 8, 0, 94, 184);
  pg.Line(sh, LM, 20, 'With Compliments');
  pg.Line(st, LM, 28, c.Pat.Practice);
  pg.Line(st, LM, 33, c.Pat.PracAddr1 + ', ' + c.Pat.PracTown + ' ' + c.Pat.PracPost);
  pg.Line(st, LM, 38, 'Tel: ' + c.Pat.PracPhone);
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 0);
  { label sticker }
  pg.FillBox(LM + 95, 45, LM + 175, 75, 252, 252, 246);
  pg.Box(LM + 95, 45, LM + 175, 75, 0.2);
  pg.Line(sb, LM + 98, 51, Up(c.Pat.Last) + ' ' + c.Pat.First);
  pg.Line(st, LM + 98, 56, 'DOB ' + DobV(c, ds) + '   ' + Sex(c));
  pg.Line(st, LM + 98, 61, 'NHS No: ' + NhsV(c, ns));
  pg.Line(st, LM + 98, 66, c.Pat.Addr1);
  pg.Line(st, LM + 98, 71, c.Pat.Town + ' ' + c.Pat.Postcode);
  c.SetDOB('DOB ' + DobV(c, ds), DobV(c, ds)); c.SetNHS('NHS No: ' + NhsV(c, ns), NhsV(c, ns));
  hs := Sty(HandFace, 16);
  pg.HandText(hs, LM, 55, -2, 'Referral letter attached -', 25, 35, 140);
  pg.HandText(hs, LM, 63, -2, 'please book urgently. Thanks', 25, 35, 140);
  pg.Overlays.Add('handwritten: Referral letter attached - please book urgently. Thanks');
  c.Note('handwritten_annotation');
  c.EndPage;
  { page 2: the A4 letter }
  pg := c.BeginPage; LM := 22; RM := pg.Wmm - 20;
  PracticeHead(c, pg, 2);
  st := S_(c, 10.5); sb := B_(c, 10.5);
  pg.LineR(st, RM, Y, FmtDate(c.Pat.LetterDate, 9)); Y := Y + 6;
  c.Distractor('letter_date', FmtDate(c.Pat.LetterDate, 9));
  RecipientBlock(c, pg, LM, True); Y := Y + 6;
  pg.Line(st, LM, Y, 'Dear Colleague,'); Y := Y + 8;
  pg.Line(sb, LM, Y, 'Re: ' + FullName(c) + '  DOB ' + DobV(c, ds) + '  NHS No: ' + NhsV(c, ns)); Y := Y + 8;
  Flow(c, pg, st, LM, RM - LM, 5.1, Fill(c.Sc.Hist[0] + ' ' + c.Sc.Hist[1], c.Pat)); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, 5.1, Fill(c.Sc.Hist[2], c.Pat) + ' ' + c.Sc.Exam); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, 5.1, c.Sc.Inv1 + ' ' + c.Sc.Request);
  SignOff(c, pg, c.Pat.GP, 'GP Partner', False);
  Dist(c);
  c.EndPage;
end;

procedure BuildFaxRef(c: TDocCtx);
var pg: TPage; st, sb, sh: TStyle; ns, ds, i: Integer; lead: Double;
begin
  pg := c.BeginPage; LM := 20; RM := pg.Wmm - 20;
  sh := H_(c, 22); st := S_(c, 11); sb := B_(c, 11); lead := 6;
  Y := 30;
  pg.Line(sh, LM, Y, 'FAX'); Y := Y + 14;
  pg.Row(sb, Y, [LM, LM + 40], ['To:', c.Sc.Clinic + ' Booking Office']); Y := Y + lead * 1.4;
  pg.Row(sb, Y, [LM, LM + 40], ['Fax No:', c.Pat.HospPhone]); Y := Y + lead * 1.4;
  pg.Row(sb, Y, [LM, LM + 40], ['From:', c.Pat.GP + ', ' + c.Pat.Practice]); Y := Y + lead * 1.4;
  pg.Row(sb, Y, [LM, LM + 40], ['Date:', FmtDate(c.Pat.LetterDate, 0)]); Y := Y + lead * 1.4;
  pg.Row(sb, Y, [LM, LM + 40], ['Pages:', '2 (including this cover sheet)']); Y := Y + lead * 1.4;
  c.Distractor('fax', c.Pat.HospPhone);
  pg.HRule(LM, RM, Y, 0.6); Y := Y + 10;
  Flow(c, pg, st, LM, RM - LM, lead, 'URGENT two week wait referral attached. Please acknowledge receipt by telephone on ' + c.Pat.PracPhone + '.');
  Y := Y + 8;
  Flow(c, pg, S_(c, 8.5), LM, RM - LM, 4.2, 'CONFIDENTIALITY: This fax contains confidential patient information intended only for the named recipient. If you have received it in error please telephone the sender immediately and destroy all copies.');
  c.EndPage;
  pg := c.BeginPage; LM := 22; RM := pg.Wmm - 20;
  st := S_(c, 10.5); sb := B_(c, 10.5); lead := 5.3;
  ns := OptI(c, 'nhs', 2); ds := OptI(c, 'dob', 8);
  PracticeHead(c, pg, 1);
  pg.LineR(st, RM, Y, FmtDate(c.Pat.LetterDate, 1)); Y := Y + 6;
  pg.Line(st, LM, Y, 'Dear Sir/Madam,'); Y := Y + lead * 1.5;
  pg.Line(sb, LM, Y, 'Patient: ' + FullName(c)); Y := Y + lead;
  pg.Line(sb, LM, Y, 'NHS no. ' + NhsV(c, ns) + '    DOB: ' + DobV(c, ds)); Y := Y + lead;
  c.SetNHS('NHS no. ' + NhsV(c, ns), NhsV(c, ns)); c.SetDOB('DOB: ' + DobV(c, ds), DobV(c, ds));
  pg.Line(st, LM, Y, PatAddr(c)); Y := Y + lead * 1.5;
  for i := 0 to 2 do begin Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[i], c.Pat)); Y := Y + 1.5; end;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Exam + ' ' + c.Sc.Inv1); Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Request);
  SignOff(c, pg, c.Pat.GP, 'General Practitioner', False);
  Dist(c);
  c.EndPage;
end;

procedure BuildTypewriter(c: TDocCtx);
var pg: TPage; st: TStyle; ns, ds, i: Integer; lead: Double;
begin
  pg := c.BeginPage; LM := 25; RM := pg.Wmm - 22;
  st := StyK(c.Mono, 11, tkTypewriter); lead := 5.4;
  st.UseInk := False; st.R := 30; st.G := 35; st.B := 70;
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 6);
  Y := 22;
  pg.LineC(st, pg.Wmm / 2, Y, Up(c.Pat.Practice)); Y := Y + lead;
  pg.LineC(st, pg.Wmm / 2, Y, c.Pat.PracAddr1 + ', ' + c.Pat.PracTown); Y := Y + lead;
  pg.LineC(st, pg.Wmm / 2, Y, 'Telephone ' + c.Pat.PracPhone); Y := Y + lead * 2.5;
  c.Distractor('phone', c.Pat.PracPhone);
  pg.Line(st, LM, Y, 'Our Ref: ' + Copy(c.Pat.GP, 4, 1) + '/' + c.Pat.Secretary); Y := Y + lead;
  pg.Line(st, LM, Y, FmtDate(c.Pat.LetterDate, 4)); Y := Y + lead * 2;
  c.Distractor('letter_date', FmtDate(c.Pat.LetterDate, 4));
  RecipientBlockS(c, pg, LM, True, st); Y := Y + lead;
  pg.Line(st, LM, Y, 'Dear ' + c.Pat.Consultant + ','); Y := Y + lead * 1.5;
  pg.Line(st, LM, Y, 'RE: ' + Up(FullName(c)) + '  D.O.B. ' + DobV(c, ds)); Y := Y + lead;
  c.SetDOB('D.O.B. ' + DobV(c, ds), DobV(c, ds));
  pg.Line(st, LM, Y, '    NHS No. ' + NhsV(c, ns)); Y := Y + lead * 1.5;
  c.SetNHS('NHS No. ' + NhsV(c, ns), NhsV(c, ns));
  for i := 0 to 3 do begin Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[i], c.Pat)); Y := Y + lead * 0.5; end;
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Request);
  Y := Y + lead;
  pg.Line(st, LM, Y, 'Yours sincerely,'); Y := Y + lead * 3;
  pg.Signature(LM + 2, Y - 6, 35, '');
  pg.Line(st, LM, Y, Up(c.Pat.GP));
  c.Note('typewriter_strike_jitter');
  Dist(c);
  c.EndPage;
end;

procedure BuildDotMatrix(c: TDocCtx);
var pg: TPage; st: TStyle; ns, ds, i, k: Integer; lead: Double; ps: TPolys; L: TStringList;
  procedure T(const s: string); begin pg.Line(st, LM, Y, s); Y := Y + lead; end;
begin
  pg := c.BeginPage; LM := 20; RM := pg.Wmm - 16;
  st := StyK(c.Mono, 10, tkDot); lead := 4.6;
  { tractor-feed holes at both edges }
  for k := 0 to Trunc(pg.Hmm / 12.7) do begin
    ps := nil; AddCircle(ps, pg.P(6.3), pg.P(6.35 + k * 12.7), pg.P(2)); AddCircle(ps, pg.P(pg.Wmm - 6.3), pg.P(6.35 + k * 12.7), pg.P(2));
    DrawPolys(pg.Img, ps, 90, 90, 90, 1, bmNormal);
  end;
  ns := OptI(c, 'nhs', 1); ds := OptI(c, 'dob', 0);
  Y := 20;
  T(Up(c.Pat.Practice) + '    REFERRAL');
  T('DATE: ' + FmtDate(c.Pat.LetterDate, 0) + '   GP: ' + Up(c.Pat.GP));
  begin pg.HRule(LM, RM - 30, Y - 1.2, 0.3); Y := Y + lead; end;
  T('NAME: ' + Up(c.Pat.Last) + ' ' + Up(c.Pat.First) + '   SEX: ' + Up(Copy(Sex(c), 1, 1)));
  T('DOB: ' + DobV(c, ds) + '   AGE: ' + IntToStr(c.Pat.Age));
  c.SetDOB('DOB: ' + DobV(c, ds), DobV(c, ds));
  T('NHS NUMBER: ' + NhsV(c, ns));
  c.SetNHS('NHS NUMBER: ' + NhsV(c, ns), NhsV(c, ns));
  T('ADDR: ' + Up(c.Pat.Addr1 + ' ' + c.Pat.Town + ' ' + c.Pat.Postcode));
  begin pg.HRule(LM, RM - 30, Y - 1.2, 0.3); Y := Y + lead; end;
  T('TO: ' + Up(c.Sc.Clinic) + ', ' + Up(c.Pat.Hospital));
  Y := Y + 2;
  L := TStringList.Create;
  for i := 0 to 3 do L.Add(Up(Fill(c.Sc.Hist[i], c.Pat)));
  L.Add(Up(c.Sc.Exam)); L.Add(Up(c.Sc.Inv1)); L.Add(Up(c.Sc.Request));
  for i := 0 to L.Count - 1 do begin Flow(c, pg, st, LM, RM - LM, lead, L[i]); Y := Y + 1; end;
  L.Free;
  Y := Y + 2;
  T('MEDICATION:');
  for i := 0 to 3 do T('  ' + Up(c.Sc.Meds[i]));
  T('ALLERGIES: ' + Up(c.Sc.Allergy));
  begin pg.HRule(LM, RM - 30, Y - 1.2, 0.3); Y := Y + lead; end;
  T('END OF REFERRAL   PRACTICE CODE ' + c.Pat.PracCode);
  c.Distractor('practice_code', c.Pat.PracCode);
  c.Note('dot_matrix_print');
  Dist(c);
  c.EndPage;
end;

{ ---------------------------------------------------------------- other document types }

procedure BuildClinic(c: TDocCtx);
var pg: TPage; st, sb, sl: TStyle; ns, ds, i: Integer; lead: Double;
begin
  pg := c.BeginPage; LM := 22; RM := pg.Wmm - 20;
  st := S_(c, 10.5); sb := B_(c, 10.5); sl := S_(c, 8.5); lead := 5.2;
  HospitalHead(c, pg, OptI(c, 'head', 0));
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 0);
  Y := 52;
  pg.Line(sl, LM, Y, 'Direct line: ' + Phone(c.Rng) + '   Secretary: ' + c.Pat.Secretary); Y := Y + 8;
  pg.Line(st, LM, Y, 'Date dictated: ' + FmtDate(c.Pat.ClinicDate, 0)); Y := Y + lead;
  pg.Line(st, LM, Y, 'Date typed: ' + FmtDate(AddDays(c.Pat.ClinicDate, 3), 0)); Y := Y + lead * 1.8;
  c.Distractor('clinic_date', FmtDate(c.Pat.ClinicDate, 0)); c.Distractor('typed_date', FmtDate(AddDays(c.Pat.ClinicDate, 3), 0));
  RecipientBlock(c, pg, LM, False); Y := Y + lead;
  pg.Line(st, LM, Y, 'Dear ' + c.Pat.GP + ','); Y := Y + lead * 1.5;
  pg.Line(sb, LM, Y, 'Re: ' + FullName(c) + '  DOB: ' + DobV(c, ds)); Y := Y + lead;
  c.SetDOB('DOB: ' + DobV(c, ds), DobV(c, ds));
  pg.Line(sb, LM, Y, 'NHS Number: ' + NhsV(c, ns) + '  Hospital Number: ' + c.Pat.HospNo); Y := Y + lead;
  c.SetNHS('NHS Number: ' + NhsV(c, ns), NhsV(c, ns));
  pg.Line(st, LM, Y, PatAddr(c)); Y := Y + lead * 1.5;
  pg.Line(sb, LM, Y, 'Diagnosis:'); Y := Y + lead;
  pg.Line(st, LM + 5, Y, '1. ' + c.Sc.Reason); Y := Y + lead;
  pg.Line(st, LM + 5, Y, '2. ' + c.Sc.PMH[0]); Y := Y + lead * 1.4;
  pg.Line(sb, LM, Y, 'Plan:'); Y := Y + lead;
  pg.Line(st, LM + 5, Y, '1. ' + c.Sc.Request); Y := Y + lead;
  pg.Line(st, LM + 5, Y, '2. Review in clinic in 6 weeks with results'); Y := Y + lead * 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, 'I saw this ' + IntToStr(c.Pat.Age) + ' year old in the ' + c.Sc.Clinic + ' today. ' + Fill(c.Sc.Hist[1], c.Pat) + ' ' + Fill(c.Sc.Hist[2], c.Pat));
  Y := Y + 1.5;
  Flow(c, pg, st, LM, RM - LM, lead, 'On examination today: ' + c.Sc.Exam); Y := Y + 1.5;
  for i := 0 to Length(c.Specs) - 2 do begin
    Footer(c, pg, 'Page ' + IntToStr(c.PageNo) + ' of ' + IntToStr(Length(c.Specs)));
    NewPageCont(c, pg);
    Flow(c, pg, st, LM, RM - LM, lead, 'Results available today: ' + c.Sc.Inv1 + ' ' + c.Sc.Inv2 + ' I have discussed these findings in detail and given written information.');
    Y := Y + 1.5;
    Flow(c, pg, st, LM, RM - LM, lead, 'Current medication: ' + c.Sc.Meds[0] + ', ' + c.Sc.Meds[1] + ', ' + c.Sc.Meds[2] + ' and ' + c.Sc.Meds[3] + '. No changes were made today. Allergies: ' + c.Sc.Allergy + '.');
    Y := Y + 1.5;
    Flow(c, pg, st, LM, RM - LM, lead, 'I would be grateful if you could continue to monitor blood pressure and renal function in the community. Should there be any deterioration in the meantime please do not hesitate to contact my secretary on the number above.');
    Y := Y + 1.5;
  end;
  SignOff(c, pg, c.Pat.Consultant, 'Consultant, ' + c.Sc.Spec, True);
  pg.Line(sl, LM, Y + 2, 'cc: ' + FullName(c)); Y := Y + 8;
  Footer(c, pg, 'Please quote the hospital number on all correspondence.');
  c.Distractor('hospital_number', c.Pat.HospNo);
  Dist(c);
  c.EndPage;
end;

procedure BuildDischarge(c: TDocCtx);
var pg: TPage; st, sb, sh, sm: TStyle; ns, ds, i: Integer; lead: Double; xs: array[0..3] of Double;
  procedure Sec(const t: string);
  begin
    if Y > pg.Hmm - 40 then begin if c.PageNo < Length(c.Specs) then NewPageCont(c, pg); end;
    pg.FillBox(LM, Y - 4.2, RM, Y + 1.4, 220, 220, 220); pg.Line(sb, LM + 1, Y, t); Y := Y + lead + 1.5;
  end;
begin
  pg := c.BeginPage; LM := 16; RM := pg.Wmm - 16;
  st := S_(c, 9.5); sb := B_(c, 10); sh := H_(c, 14); sm := S_(c, 7.5); lead := 4.6;
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 0);
  pg.NHSLogo(RM - 22, 8, 9, 0, 94, 184);
  if pg.Halftone then pg.HalftoneRect(RM - 23, 7, RM + 1, 18, 60, 30);
  pg.Line(sm, LM, 10, c.Pat.Trust);
  pg.Line(sh, LM, 20, 'INPATIENT DISCHARGE SUMMARY');
  Y := 30;
  xs[0] := LM; xs[1] := LM + 30; xs[2] := LM + 95; xs[3] := LM + 127;
  pg.Row(st, Y, [xs[0], xs[1]], ['Patient:', FullName(c)]); Y := Y + lead;
  pg.Row(st, Y, [xs[0], xs[1]], ['NHS No:', NhsV(c, ns)]); c.SetNHS('NHS No: ' + NhsV(c, ns), NhsV(c, ns)); Y := Y + lead;
  pg.Row(st, Y, [xs[0], xs[1]], ['DOB:', DobV(c, ds)]); c.SetDOB('DOB: ' + DobV(c, ds), DobV(c, ds)); Y := Y + lead;
  pg.Row(st, Y, [xs[0], xs[1]], ['Hosp No:', c.Pat.HospNo]); Y := Y + lead;
  pg.Row(st, Y, [xs[0], xs[1]], ['Admitted:', FmtDate(c.Pat.AdmDate, 0) + ' via Emergency Department']); Y := Y + lead;
  pg.Row(st, Y, [xs[0], xs[1]], ['Discharged:', FmtDate(c.Pat.DisDate, 0) + ' to usual residence']); Y := Y + lead;
  pg.Row(st, Y, [xs[0], xs[1]], ['Ward:', 'Ward ' + IntToStr(10 + c.Rng.I(30)) + ', ' + c.Pat.Hospital]); Y := Y + lead;
  pg.Row(st, Y, [xs[0], xs[1]], ['Consultant:', c.Pat.Consultant + ' (' + c.Sc.Spec + ')']); Y := Y + lead;
  pg.Row(st, Y, [xs[0], xs[1]], ['GP:', c.Pat.GP + ', ' + c.Pat.Practice]); Y := Y + lead + 4;
  c.Distractor('admission_date', FmtDate(c.Pat.AdmDate, 0)); c.Distractor('discharge_date', FmtDate(c.Pat.DisDate, 0));
  Sec('Presenting complaint');
  Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[0], c.Pat));
  Y := Y + 2; Sec('Diagnosis');
  pg.Line(st, LM + 2, Y, 'Primary: ' + c.Sc.Reason); Y := Y + lead;
  pg.Line(st, LM + 2, Y, 'Secondary: ' + c.Sc.PMH[0] + ', ' + c.Sc.PMH[1]); Y := Y + lead + 2;
  Sec('Investigations');
  Flow(c, pg, st, LM, RM - LM, lead, c.Sc.Inv1 + ' ' + c.Sc.Inv2);
  Y := Y + 2; Sec('Clinical summary');
  Flow(c, pg, st, LM, RM - LM, lead, Fill(c.Sc.Hist[1], c.Pat) + ' ' + c.Sc.Exam + ' ' + Fill('{He} was treated and improved steadily on the ward. {He} was mobilising independently before discharge.', c.Pat));
  if Length(c.Specs) > 1 then begin
    Footer(c, pg, 'Discharge summary - page 1 of 2');
    c.EndPage; pg := c.BeginPage; Y := 16;
    pg.Line(sm, LM, Y, FullName(c) + '  NHS No: ' + NhsV(c, ns) + '  DOB: ' + DobV(c, ds) + '  (page 2)'); Y := Y + 10;
  end else Y := Y + 2;
  Sec('Medications on discharge');
  pg.RowStyled([sb, sb, sb], Y, [LM + 2, LM + 80, LM + 130], ['Medicine', 'Dose/frequency', 'Status']); Y := Y + lead;
  for i := 0 to 3 do begin
    pg.Row(st, Y, [LM + 2, LM + 80, LM + 130], [Copy(c.Sc.Meds[i], 1, Pos(' ', c.Sc.Meds[i]) - 1),
      Copy(c.Sc.Meds[i], Pos(' ', c.Sc.Meds[i]) + 1, 99), 'Continued']); Y := Y + lead;
  end;
  Y := Y + 2; Sec('Allergies');
  pg.Line(st, LM + 2, Y, c.Sc.Allergy); Y := Y + lead + 2;
  Sec('Follow up');
  Flow(c, pg, st, LM, RM - LM, lead, 'Outpatient review in ' + c.Sc.Clinic + ' in 6 weeks. GP to check U+E in 1 week. ' + c.Sc.Request);
  Y := Y + 4;
  pg.Line(st, LM, Y, 'Completed by: Dr ' + Chr(65 + c.Rng.I(26)) + ' ' + 'Okafor, FY2, bleep ' + IntToStr(1000 + c.Rng.I(8999))); Y := Y + lead;
  Footer(c, pg, 'This summary was generated electronically. ' + c.Pat.Hospital);
  c.Distractor('hospital_number', c.Pat.HospNo);
  Dist(c);
  c.EndPage;
end;

procedure BuildLab(c: TDocCtx);
var pg: TPage; st, sb, sh, sm: TStyle; ns, ds, i, k, np: Integer; lead: Double; xs: array[0..4] of Double;
    tests: array[0..17, 0..4] of string; lab, spec: string;
  procedure R(i: Integer; const a, b, u, rg, fl: string); begin tests[i, 0] := a; tests[i, 1] := b; tests[i, 2] := u; tests[i, 3] := rg; tests[i, 4] := fl; end;
begin
  R(0, 'Haemoglobin', '104', 'g/L', '130-180', 'L'); R(1, 'White cell count', '7.8', 'x10^9/L', '4.0-11.0', '');
  R(2, 'Platelets', '412', 'x10^9/L', '150-400', 'H'); R(3, 'MCV', '76', 'fL', '80-100', 'L');
  R(4, 'Neutrophils', '5.1', 'x10^9/L', '2.0-7.5', ''); R(5, 'Lymphocytes', '1.9', 'x10^9/L', '1.5-4.0', '');
  R(6, 'Sodium', '138', 'mmol/L', '133-146', ''); R(7, 'Potassium', '4.6', 'mmol/L', '3.5-5.3', '');
  R(8, 'Urea', '7.9', 'mmol/L', '2.5-7.8', 'H'); R(9, 'Creatinine', '96', 'umol/L', '59-104', '');
  R(10, 'eGFR', '68', 'mL/min/1.73m2', '>60', ''); R(11, 'CRP', '14', 'mg/L', '<5', 'H');
  R(12, 'Ferritin', '9', 'ug/L', '30-400', 'L'); R(13, 'Vitamin B12', '312', 'ng/L', '197-771', '');
  R(14, 'Folate', '6.1', 'ug/L', '3.9-26.8', ''); R(15, 'TSH', '1.8', 'mU/L', '0.27-4.2', '');
  R(16, 'ALT', '22', 'IU/L', '<41', ''); R(17, 'HbA1c', '44', 'mmol/mol', '<42', 'H');
  np := Length(c.Specs);
  pg := c.BeginPage; LM := 16; RM := pg.Wmm - 14;
  if c.Opt('dot', '') = '1' then begin st := StyK(c.Mono, 9.5, tkDot); sb := st; c.Note('dot_matrix_print'); end
  else begin st := S_(c, 9.5); sb := B_(c, 9.5); end;
  sh := H_(c, 13); sm := S_(c, 7.5); lead := 4.8;
  ns := OptI(c, 'nhs', 1); ds := OptI(c, 'dob', 10);
  lab := 'L' + IntToStr(c.Rng.IR(10, 99)) + '.' + IntToStr(c.Rng.IR(1000000, 9999999));
  spec := IntToStr(c.Rng.IR(20, 24)) + 'H' + IntToStr(c.Rng.IR(100000, 999999));
  pg.Line(sh, LM, 18, 'PATHOLOGY REPORT');
  pg.LineR(sm, RM, 12, c.Pat.Hospital + ' Laboratory');
  pg.LineR(sm, RM, 16, 'Enquiries: ' + Phone(c.Rng));
  pg.HRule(LM, RM, 21, 0.5);
  Y := 28;
  pg.Row(st, Y, [LM, LM + 34], ['Patient:', Up(c.Pat.Last) + ', ' + Up(c.Pat.First)]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 34], ['DOB:', DobV(c, ds) + '   Sex: ' + Copy(Sex(c), 1, 1)]); c.SetDOB('DOB: ' + DobV(c, ds), DobV(c, ds)); Y := Y + lead;
  if c.Opt('nonhs', '') = '1' then begin
    pg.Row(st, Y, [LM, LM + 34], ['Hospital No:', c.Pat.HospNo]); Y := Y + lead;
  end else begin
    pg.Row(st, Y, [LM, LM + 34], ['NHS Number:', NhsV(c, ns)]); c.SetNHS('NHS Number: ' + NhsV(c, ns), NhsV(c, ns)); Y := Y + lead;
    pg.Row(st, Y, [LM, LM + 34], ['Hospital No:', c.Pat.HospNo]); Y := Y + lead;
  end;
  pg.Row(st, Y, [LM, LM + 34], ['Requested by:', c.Pat.GP + ' (' + c.Pat.PracCode + ')']); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 34], ['Lab No:', lab]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 34], ['Specimen:', spec + '  Blood (venous)']); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 34], ['Collected:', FmtDate(c.Pat.SeenDate, 0) + ' ' + TimeStr(c.Rng)]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 34], ['Received:', FmtDate(AddDays(c.Pat.SeenDate, 1), 0) + ' ' + TimeStr(c.Rng)]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 34], ['Reported:', FmtDate(AddDays(c.Pat.SeenDate, 2), 0)]); Y := Y + lead + 4;
  c.Distractor('lab_number', lab); c.Distractor('specimen_number', spec);
  c.Distractor('collected_date', FmtDate(c.Pat.SeenDate, 0)); c.Distractor('received_date', FmtDate(AddDays(c.Pat.SeenDate, 1), 0));
  xs[0] := LM; xs[1] := LM + 58; xs[2] := LM + 80; xs[3] := LM + 115; xs[4] := LM + 150;
  pg.RowStyled([sb, sb, sb, sb, sb], Y, xs, ['Test', 'Result', 'Units', 'Reference range', 'Flag']); Y := Y + 1.5;
  pg.HRule(LM, RM, Y, 0.3); Y := Y + lead;
  for k := 0 to 17 do begin
    if (np > 1) and (k = 11) then begin
      Footer(c, pg, 'Continued on next page   Lab No ' + lab);
      c.EndPage; pg := c.BeginPage; Y := 18;
      pg.Line(st, LM, Y, Up(c.Pat.Last) + ', ' + Up(c.Pat.First) + '   ' + DobV(c, ds) + '   ' + lab + '   page 2'); Y := Y + 10;
      pg.RowStyled([sb, sb, sb, sb, sb], Y, xs, ['Test', 'Result', 'Units', 'Reference range', 'Flag']); Y := Y + 1.5;
      pg.HRule(LM, RM, Y, 0.3); Y := Y + lead;
    end;
    if (k = 0) or (k = 6) or (k = 12) then begin
      case k of 0: pg.Line(sb, LM, Y, 'FULL BLOOD COUNT'); 6: pg.Line(sb, LM, Y, 'RENAL PROFILE'); else pg.Line(sb, LM, Y, 'OTHER'); end;
      Y := Y + lead;
    end;
    pg.Row(st, Y, xs, [tests[k, 0], tests[k, 1], tests[k, 2], tests[k, 3], tests[k, 4]]); Y := Y + lead;
  end;
  Y := Y + 4;
  Flow(c, pg, st, LM, RM - LM, lead, 'Comment: Microcytic anaemia with low ferritin, consistent with iron deficiency. Suggest investigation of cause if clinically indicated.');
  Y := Y + 2;
  pg.Line(st, LM, Y, 'Authorised by: ' + 'Dr P Marchetti, Consultant Haematologist'); Y := Y + lead;
  Footer(c, pg, 'Results relate only to the specimen received. UKAS accredited medical laboratory No. 8' + IntToStr(c.Rng.IR(100, 999)) + '.');
  Dist(c);
  c.EndPage;
end;

procedure BuildAppt(c: TDocCtx);
var pg: TPage; st, sb, sh: TStyle; ns, ds: Integer; lead: Double; tm: string;
begin
  pg := c.BeginPage; LM := 20; RM := pg.Wmm - 18;
  st := S_(c, 10.5); sb := B_(c, 11); sh := H_(c, 13); lead := 5.3;
  HospitalHead(c, pg, 0);
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 0);
  Y := 52;
  pg.Line(st, LM, Y, 'Appointments Office: ' + Phone(c.Rng)); Y := Y + lead * 2;
  pg.Line(st, LM, Y, FullName(c)); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.Addr1); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.Addr2); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.Town); Y := Y + lead;
  pg.Line(st, LM, Y, c.Pat.Postcode); Y := Y + lead * 2;
  pg.Row(st, Y, [LM, LM + 45], ['Date of letter:', FmtDate(c.Pat.LetterDate, 1)]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 45], ['Hospital number:', c.Pat.HospNo]); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 45], ['NHS number:', NhsV(c, ns)]); c.SetNHS('NHS number: ' + NhsV(c, ns), NhsV(c, ns)); Y := Y + lead;
  pg.Row(st, Y, [LM, LM + 45], ['Date of birth:', DobV(c, ds)]); c.SetDOB('Date of birth: ' + DobV(c, ds), DobV(c, ds)); Y := Y + lead * 2;
  pg.Line(sh, LM, Y, 'Your appointment'); Y := Y + lead * 1.6;
  tm := TimeStr(c.Rng);
  pg.Line(sb, LM, Y, FmtDate(c.Pat.ClinicDate, 4) + ' at ' + tm); Y := Y + lead * 1.3;
  pg.Line(sb, LM, Y, c.Sc.Clinic + ' with ' + c.Pat.Consultant); Y := Y + lead * 1.3;
  pg.Line(sb, LM, Y, 'Outpatients Department B, Level 1, ' + c.Pat.Hospital); Y := Y + lead * 2;
  c.Distractor('appointment_date', FmtDate(c.Pat.ClinicDate, 4) + ' at ' + tm);
  Flow(c, pg, st, LM, RM - LM, lead, 'Please arrive 15 minutes before your appointment and report to the reception desk. Bring a list of your current medicines and this letter with you.');
  Y := Y + 2;
  Flow(c, pg, st, LM, RM - LM, lead, 'If you cannot attend, please telephone us as soon as possible so that we can offer the appointment to another patient. Patients who do not attend may be discharged back to their GP.');
  Y := Y + 2;
  Flow(c, pg, st, LM, RM - LM, lead, 'Parking is limited. Pay and display car parks are available on site and there is a regular bus service from the town centre.');
  Y := Y + 6;
  pg.Line(st, LM, Y, 'Yours faithfully'); Y := Y + lead * 2;
  pg.Line(st, LM, Y, 'Outpatient Booking Team'); Y := Y + lead;
  Footer(c, pg, 'Ref: ' + c.Pat.ClinicCode + '/' + c.Pat.HospNo + '   cc: ' + c.Pat.GP);
  c.Distractor('clinic_code', c.Pat.ClinicCode);
  Dist(c);
  c.EndPage;
end;

procedure BuildContSheet(c: TDocCtx);
var pg: TPage; st, sb, hs, sm: TStyle; ns, ds, k, p, j: Integer; yy: Double; ents: TStringList; d: TDate;
    L: TStringList; maxY: Double;
  procedure Head;
  var r: Integer;
  begin
    { left column first, then the right column (hospital name and addressograph label) }
    pg.Line(sb, LM, 15, 'CONTINUATION SHEET');
    pg.Line(sm, LM, 24, 'Ward/Dept: ' + c.Sc.Spec);
    pg.Line(sm, LM, 29, 'Consultant: ' + c.Pat.Consultant);
    pg.LineR(sm, RM, 15, c.Pat.Hospital);
    pg.FillBox(RM - 78, 19, RM, 43, 250, 250, 250); pg.Box(RM - 78, 19, RM, 43, 0.2);
    pg.Line(st, RM - 75, 25, Up(c.Pat.Last) + ', ' + c.Pat.First);
    pg.Line(st, RM - 75, 30, 'DOB: ' + DobV(c, ds) + '  ' + Sex(c));
    pg.Line(st, RM - 75, 35, 'NHS: ' + NhsV(c, ns));
    pg.Line(st, RM - 75, 40, 'Hosp No: ' + c.Pat.HospNo);
    c.SetDOB('DOB: ' + DobV(c, ds), DobV(c, ds)); c.SetNHS('NHS: ' + NhsV(c, ns), NhsV(c, ns));
    for r := 0 to 34 do pg.HRule(LM, RM, 52 + r * 7, 0.12);
    pg.VRule(LM + 24, 47, 52 + 34 * 7, 0.2);
  end;
  procedure E(const t: string); begin ents.Add(t); end;
  procedure DT(const t: string); begin ents.Add(#1 + t); end;
begin
  ns := OptI(c, 'nhs', 0); ds := OptI(c, 'dob', 0);
  ents := TStringList.Create;
  d := c.Pat.SeenDate;
  for p := 0 to Length(c.Specs) - 1 do begin
    pg := c.BeginPage; LM := 18; RM := pg.Wmm - 15;
    st := S_(c, 9); sb := B_(c, 12); sm := S_(c, 8);
    hs := StyK(HandFace, 14, tkHand); hs.UseInk := False; hs.R := 25; hs.G := 35; hs.B := 120;
    if c.Opt('hand', '') = '2' then begin hs.Face := Hand2Face; hs.Pt := 15; hs.R := 30; hs.G := 30; hs.B := 35; end;
    Head;
    ents.Clear;
    case p of
      0: begin
        DT(FmtDate(d, 6));
        E(Fill('Seen in clinic with {his} ' + LowerCase(c.Pat.NokRel) + '.', c.Pat));
        E('c/o ' + LowerCase(c.Sc.Reason) + '.');
        E(Fill(c.Sc.Hist[1], c.Pat));
        E('O/E ' + c.Sc.Exam);
        E('Imp: ' + c.Sc.Reason);
        E('Plan: bloods FBC U+E CRP, review 2/52');
      end;
      1: begin
        DT(FmtDate(AddDays(d, 14), 11));
        E('Results reviewed: ' + c.Sc.Inv1);
        E(c.Sc.Inv2);
        E('Discussed with ' + c.Pat.Consultant + '.');
        E('Plan: ' + c.Sc.Request);
      end;
    else begin
        DT(FmtDate(AddDays(d, 28), 6));
        E('Telephone review. Patient feels a little better.');
        E(Fill(c.Sc.Hist[3], c.Pat));
        E('Meds: ' + c.Sc.Meds[0] + ', ' + c.Sc.Meds[1]);
        E('Allergy: ' + c.Sc.Allergy);
        E('- continue current plan, review in 6/52');
      end;
    end;
    yy := 51; maxY := 52 + 33 * 7;
    for k := 0 to ents.Count - 1 do begin
      if (Length(ents[k]) > 0) and (ents[k][1] = #1) then begin
        pg.Line(hs, LM + 1, yy, Copy(ents[k], 2, 99)); yy := yy + 7;
      end else begin
        L := Wrap(hs, ents[k], RM - LM - 30, pg.Dpi);
        for j := 0 to L.Count - 1 do begin
          if yy > maxY then raise Exception.Create(c.Id + ': continuation sheet overflow');
          pg.Line(hs, LM + 27, yy, L[j]); yy := yy + 7;
        end;
        L.Free;
      end;
    end;
    pg.Signature(LM + 100, yy + 4, 28, '');
    c.Note('handwritten_body_text');
    c.Distractor('entry_date', FmtDate(AddDays(d, 14 * p), 6));
    c.EndPage;
  end;
  ents.Free;
  c.Distractor('hospital_number', c.Pat.HospNo);
end;

procedure BuildDoc(c: TDocCtx);
var k: string;
begin
  k := c.Kind;
  if k = 'ers_export' then BuildERS(c)
  else if k = 'tickbox_proforma' then BuildTickbox(c)
  else if k = 'dictated_letter' then BuildDictated(c)
  else if k = 'soap_note' then BuildSOAP(c)
  else if k = 'emis_export' then BuildEMIS(c)
  else if k = 'systmone_export' then BuildSystmOne(c)
  else if k = 'vision_export' then BuildVision(c)
  else if k = 'terse_note' then BuildTerse(c)
  else if k = 'two_page_header_first' then BuildTwoPageHeader(c)
  else if k = 'demographics_box' then BuildDemoBox(c)
  else if k = 'compliments_slip_with_letter' then BuildCompliments(c)
  else if k = 'fax_cover_and_letter' then BuildFaxRef(c)
  else if k = 'typewritten_letter' then BuildTypewriter(c)
  else if k = 'dot_matrix_printout' then BuildDotMatrix(c)
  else if k = 'clinic_letter' then BuildClinic(c)
  else if k = 'discharge_summary' then BuildDischarge(c)
  else if k = 'lab_report' then BuildLab(c)
  else if k = 'appointment_letter' then BuildAppt(c)
  else if k = 'handwritten_continuation' then BuildContSheet(c)
  else raise Exception.Create('unknown kind ' + k);
end;

end.
