{ gen.pas - document context: page plans, page start (paper, ink, bleed-through, fax header),
  the simulated scan (overlays, physical marks, photocopy generations, scanner optics, skew,
  resampling, fax, colour mode, quarter turns), file encoding and metadata / ground truth output. }
unit gen;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, Classes, Math, common, ttf, raster, layout, effects, docdata, pngw, jpeg, tiff, ccitt, pdf;

type
  TPageSpec = record
    Size: string; Wmm, Hmm: Double; Dpi, DpiY, RenderDpi: Integer;
    Mode, Diff: string; Rot: Integer;
    Eff: TStringList;
  end;

  TDocCtx = class
  public
    Id, DocType, Kind, Fmt: string;
    Opts: TStringList;
    Specs: array of TPageSpec;
    Pat: TPatient; Sc: TScen; Rng: TRng;
    PageNo: Integer; Pg: TPage;
    Outs: array of TImage;
    GT: TStringList; Fonts: TStringList; Overlays: TStringList; Distr: TStringList;
    Degr: array of TStringList;
    NhsPrinted, NhsValue, DobPrinted, DobValue: string;
    Body, Bold, Head, Mono, Hand: Integer;
    OutDir, BuildDir: string;
    PageRecs: TStringList;
    constructor Create(const planLine, aOutDir, aBuildDir: string);
    destructor Destroy; override;
    function Opt(const k, def: string): string;
    function BeginPage: TPage;
    procedure EndPage;
    procedure SetNHS(const printed, value: string);
    procedure SetDOB(const printed, value: string);
    procedure Distractor(const dkind, text: string);
    procedure Note(const what: string);
    procedure Finish;
  end;

var
  FaceByName: TStringList;   { name -> face index (as object) }
  HandFace, Hand2Face, Hand3Face, StampFace, FaxFace: Integer;

function FaceIdx(const key: string): Integer;
function JStr(const s: string): string;

implementation

function FaceIdx(const key: string): Integer;
var i: Integer;
begin
  i := FaceByName.IndexOf(key);
  if i < 0 then raise Exception.Create('unknown face key ' + key);
  Result := PtrInt(FaceByName.Objects[i]);
end;

function JStr(const s: string): string;
var i: Integer;
begin
  Result := '"';
  for i := 1 to Length(s) do
    case s[i] of
      '"': Result := Result + '\"';
      '\': Result := Result + '\\';
      #10: Result := Result + '\n';
      #12: Result := Result + '\f';
      #0..#9, #11, #13..#31: Result := Result + '\u' + IntToHex(Ord(s[i]), 4);
    else Result := Result + s[i];
    end;
  Result := Result + '"';
end;

procedure SizeOf_(const nm: string; out w, h: Double);
begin
  if nm = 'a4' then begin w := 210; h := 297; end
  else if nm = 'lt' then begin w := 215.9; h := 279.4; end
  else if nm = 'a5' then begin w := 148; h := 210; end
  else if nm = 'dl' then begin w := 210; h := 99; end
  else raise Exception.Create('unknown page size ' + nm);
end;

constructor TDocCtx.Create(const planLine, aOutDir, aBuildDir: string);
var segs, toks: TStringList; i, j, k: Integer; ps: TPageSpec; t: string;
begin
  OutDir := aOutDir; BuildDir := aBuildDir;
  segs := TStringList.Create; segs.Delimiter := '|'; segs.StrictDelimiter := True; segs.DelimitedText := planLine;
  toks := TStringList.Create; toks.Delimiter := ' '; toks.StrictDelimiter := True;
  toks.DelimitedText := Trim(segs[0]);
  for k := toks.Count - 1 downto 0 do if toks[k] = '' then toks.Delete(k);
  Id := toks[0]; DocType := toks[1]; Kind := toks[2]; Fmt := toks[3];
  Opts := TStringList.Create;
  for j := 4 to toks.Count - 1 do Opts.Add(toks[j]);
  SetLength(Specs, segs.Count - 1);
  for i := 1 to segs.Count - 1 do begin
    toks.DelimitedText := Trim(segs[i]);
    for k := toks.Count - 1 downto 0 do if toks[k] = '' then toks.Delete(k);
    ps.Size := toks[0]; SizeOf_(ps.Size, ps.Wmm, ps.Hmm);
    t := toks[1];
    if t = 'fax' then begin ps.Dpi := 204; ps.DpiY := 98; end
    else begin ps.Dpi := StrToInt(t); ps.DpiY := ps.Dpi; end;
    ps.Mode := toks[2]; ps.Diff := toks[3];
    ps.Eff := TStringList.Create;
    for j := 4 to toks.Count - 1 do begin
      if Pos('=', toks[j]) > 0 then ps.Eff.Add(toks[j]) else ps.Eff.Add(toks[j] + '=1');
    end;
    ps.Rot := StrToIntDef(ps.Eff.Values['rot'], 0);
    if t = 'fax' then ps.RenderDpi := 200
    else if ps.Eff.Values['moire'] <> '' then ps.RenderDpi := Min(400, ps.Dpi * 2)
    else ps.RenderDpi := ps.Dpi;
    Specs[i - 1] := ps;
  end;
  segs.Free; toks.Free;
  Rng.Seed('doc:' + Id);
  k := StrToIntDef(Opt('scen', ''), -1);
  if k < 0 then k := Rng.I(Length(Scens));
  Sc := Scens[k];
  Pat := MakePatient(Rng, k);
  GT := TStringList.Create; Fonts := TStringList.Create; Fonts.Sorted := True; Fonts.Duplicates := dupIgnore;
  Overlays := TStringList.Create; Distr := TStringList.Create; PageRecs := TStringList.Create;
  PageNo := 0;
  Body := FaceIdx(Opt('f', 'ingiri'));
  Bold := FaceIdx(Opt('b', Opt('f', 'ingiri') + '.b'));
  Head := FaceIdx(Opt('h', Opt('b', Opt('f', 'ingiri') + '.b')));
  Mono := FaceIdx(Opt('m', 'courier'));
  Hand := HandFace;
end;

destructor TDocCtx.Destroy;
var i: Integer;
begin
  for i := 0 to High(Specs) do Specs[i].Eff.Free;
  for i := 0 to High(Degr) do Degr[i].Free;
  Opts.Free; GT.Free; Fonts.Free; Overlays.Free; Distr.Free; PageRecs.Free;
  inherited;
end;

function TDocCtx.Opt(const k, def: string): string;
var i: Integer;
begin
  Result := def;
  for i := 0 to Opts.Count - 1 do
    if Copy(Opts[i], 1, Length(k) + 1) = k + '=' then Exit(Copy(Opts[i], Length(k) + 2, 999));
end;

procedure TDocCtx.SetNHS(const printed, value: string);
begin if NhsPrinted = '' then begin NhsPrinted := printed; NhsValue := value; end; end;
procedure TDocCtx.SetDOB(const printed, value: string);
begin if DobPrinted = '' then begin DobPrinted := printed; DobValue := value; end; end;
procedure TDocCtx.Distractor(const dkind, text: string);
begin if Distr.IndexOf(dkind + #9 + CollapseSpaces(text)) < 0 then Distr.Add(dkind + #9 + CollapseSpaces(text)); end;
procedure TDocCtx.Note(const what: string);
begin if Degr[PageNo - 1].IndexOf(what) < 0 then Degr[PageNo - 1].Add(what); end;

function PaperColour(const nm: string; var r, g, b: Byte): Boolean;
begin
  Result := True;
  if nm = 'yellow' then begin r := 250; g := 241; b := 196; end
  else if nm = 'pink' then begin r := 249; g := 222; b := 228; end
  else if nm = 'green' then begin r := 222; g := 244; b := 224; end
  else if nm = 'blue' then begin r := 221; g := 233; b := 249; end
  else if nm = 'buff' then begin r := 238; g := 226; b := 198; end
  else Result := False;
end;

function TDocCtx.BeginPage: TPage;
var sp: TPageSpec; r, g, b: Byte; rev: TPage; i, k: Integer; st: TStyle; y: Double; m: TImage; x, yy: Integer;
    hdr: string; fr, hr: TRng;
begin
  if PageNo >= Length(Specs) then raise Exception.CreateFmt('%s: builder wants more pages than planned (%d)', [Id, Length(Specs)]);
  sp := Specs[PageNo];
  Inc(PageNo);
  SetLength(Degr, PageNo); Degr[PageNo - 1] := TStringList.Create;
  fr.Seed(Id + ':paper:' + IntToStr(PageNo));
  r := 255 - fr.I(6); g := 255 - fr.I(6); b := 253 - fr.I(8);
  if PaperColour(sp.Eff.Values['paper'], r, g, b) then Note('coloured_paper_' + sp.Eff.Values['paper']);
  Pg := TPage.Create(sp.Wmm, sp.Hmm, sp.RenderDpi, r, g, b, Id + ':page:' + IntToStr(PageNo));
  Pg.Halftone := sp.Eff.Values['halftone'] <> '';
  if sp.Eff.Values['lowcontrast'] <> '' then begin Pg.InkR := 128; Pg.InkG := 128; Pg.InkB := 134; Note('low_contrast_pencil_grey_print'); end
  else if sp.Eff.Values['faded'] <> '' then begin Pg.InkR := 78; Pg.InkG := 76; Pg.InkB := 88; Note('faded_print'); end;
  { bleed-through from the reverse side: text drawn on a separate sheet, mirrored, blurred, multiplied in }
  if sp.Eff.Values['bleed'] <> '' then begin
    rev := TPage.Create(sp.Wmm, sp.Hmm, sp.RenderDpi, 255, 255, 255, Id + ':rev:' + IntToStr(PageNo));
    st := Sty(Body, 10.5); y := 40;
    for i := 0 to 30 do begin
      k := fr.I(4);
      rev.DrawStr(st, 25, y, Fill(Sc.Hist[k], Pat));
      y := y + 6.5; if y > sp.Hmm - 25 then Break;
    end;
    m.Alloc(rev.Img.W, rev.Img.H, 3);
    for yy := 0 to m.H - 1 do for x := 0 to m.W - 1 do
      for k := 0 to 2 do m.P[(yy * m.W + x) * 3 + k] := rev.Img.P[(yy * m.W + (m.W - 1 - x)) * 3 + k];
    rev.Free;
    Blur(m, sp.RenderDpi / 90);
    for i := 0 to High(m.P) do
      Pg.Img.P[i] := Round(Pg.Img.P[i] * (1 - 0.13 * (255 - m.P[i]) / 255));
    Note('bleed_through');
  end;
  if sp.Dpi = 204 then begin
    hr.Seed(Id + ':faxtime'); k := 8 * 60 + hr.I(9 * 60) + PageNo - 1;
    hdr := FmtDate(AddDays(Pat.LetterDate, hr.I(2)), 6) + ' ' + Format('%.2d:%.2d', [k div 60, k mod 60]) + '  FROM: ' +
           UpperCase(Pat.Practice) + '  ' + Pat.PracFax + '  P.' + Format('%.3d/%.3d', [PageNo, Length(Specs)]);
    st := Sty(FaxFace, 8.5);
    Pg.Line(st, 8, 5.5, hdr);
    Distractor('fax_header', hdr);
    Note('fax_header_line');
  end;
  Result := Pg;
end;

procedure ApplyOverlays(c: TDocCtx; const sp: TPageSpec; pg: TPage; var rng: TRng);
var n, i, k, tries: Integer; lr: TLineRec; s, dt: string; cols: array[0..2, 0..2] of Byte; ang, x, y: Double;
    notes: array[0..11] of string; st: TStyle; ci: Integer;
begin
  { highlighter over printed lines (the text stays in the ground truth) }
  n := StrToIntDef(sp.Eff.Values['highlight'], 0);
  for i := 1 to n do if pg.NL > 3 then begin
    k := -1;
    for tries := 0 to pg.NL - 1 do
      if (i = 1) and ((Pos(Copy(c.NhsValue, 1, 3), pg.Lines[tries].Text) > 0) and (c.NhsValue <> '')) then begin k := tries; Break; end;
    if k < 0 then k := 2 + rng.I(pg.NL - 2);
    lr := pg.Lines[k];
    case rng.I(3) of
      0: Highlight(pg, lr.X, lr.Y, Min(lr.W, 120), lr.H, 255, 236, 60);
      1: Highlight(pg, lr.X, lr.Y, Min(lr.W, 120), lr.H, 150, 245, 120);
    else Highlight(pg, lr.X, lr.Y, Min(lr.W, 120), lr.H, 255, 160, 200);
    end;
    c.Note('highlighter');
  end;
  { rubber stamps }
  n := StrToIntDef(sp.Eff.Values['stamp'], 0);
  for i := 1 to n do begin
    ci := rng.I(3);
    cols[0, 0] := 200; cols[0, 1] := 30; cols[0, 2] := 40;
    cols[1, 0] := 40; cols[1, 1] := 60; cols[1, 2] := 190;
    cols[2, 0] := 120; cols[2, 1] := 40; cols[2, 2] := 150;
    dt := UpperCase(FmtDate(c.Pat.RecvDate, 5));
    ang := rng.R(-18, 12);
    if (i = 1) and (sp.Eff.Values['stampover'] <> '') and (pg.NL > 4) then begin
      lr := pg.Lines[2 + rng.I(pg.NL - 3)]; x := lr.X + Min(lr.W, 90) * rng.R(0.3, 0.8); y := lr.Y + 3;
    end else begin
      x := pg.Wmm * rng.R(0.55, 0.8); y := Min(pg.Hmm - 20, pg.Hmm * rng.R(0.08, 0.3));
    end;
    case (i + Ord(c.Id[Length(c.Id)])) mod 4 of
      0: begin Stamp(pg, StampFace, x, y, ang, ['RECEIVED', dt, 'MEDICAL RECORDS'], cols[ci, 0], cols[ci, 1], cols[ci, 2]); s := 'RECEIVED ' + dt; end;
      1: begin Stamp(pg, StampFace, x, y, ang, [UpperCase(c.Pat.Hospital), 'RECEIVED', dt], cols[ci, 0], cols[ci, 1], cols[ci, 2]); s := 'RECEIVED ' + dt; end;
      2: begin Stamp(pg, StampFace, x, y, ang, ['SCANNED', dt], cols[ci, 0], cols[ci, 1], cols[ci, 2]); s := 'SCANNED ' + dt; end;
    else begin Stamp(pg, StampFace, x, y, ang, ['URGENT'], 200, 30, 40); s := 'URGENT'; end;
    end;
    c.Distractor('stamp_overlay_date', s);
    c.Note('rubber_stamp');
  end;
  { handwritten annotations (overlay) }
  notes[0] := '?2WW - book'; notes[1] := 'Seen - file'; notes[2] := 'Urgent please'; notes[3] := 'to Dr ' + Copy(c.Pat.Consultant, Pos(' ', c.Pat.Consultant) + 1, 99);
  notes[4] := 'Triage: routine'; notes[5] := 'NB allergy!'; notes[6] := 'bloods done ' + FmtDate(AddDays(c.Pat.LetterDate, 2), 11);
  notes[7] := 'pt aware'; notes[8] := 'copy to GP'; notes[9] := 'chase result'; notes[10] := 'OK to list'; notes[11] := 'no show x1';
  n := StrToIntDef(sp.Eff.Values['annot'], 0);
  for i := 1 to n do begin
    s := notes[rng.I(12)];
    if Odd(i) then st := Sty(HandFace, 15) else st := Sty(Hand2Face, 13);
    if (pg.NL > 4) and rng.Chance(0.6) then begin
      lr := pg.Lines[1 + rng.I(pg.NL - 1)];
      x := Min(pg.Wmm - 55, lr.X + rng.R(10, 70)); y := lr.Y + lr.H * rng.R(0.2, 1.2);
    end else begin
      x := rng.R(pg.Wmm * 0.5, pg.Wmm - 55); y := rng.R(15, pg.Hmm - 15);
    end;
    if rng.Chance(0.5) then pg.HandText(st, x, y, rng.R(-12, 6), s, 20, 40, 150) else pg.HandText(st, x, y, rng.R(-12, 6), s, 30, 30, 35);
    pg.Overlays.Add('handwritten: ' + s);
    c.Note('handwritten_annotation');
  end;
  if sp.Eff.Values['initials'] <> '' then begin
    s := Chr(65 + rng.I(26)) + Chr(65 + rng.I(26)) + ' ' + FmtDate(c.Pat.RecvDate, 11);
    pg.HandText(Sty(Hand3Face, 12), pg.Wmm - 45, 12, -5, s, 20, 40, 150);
    pg.Overlays.Add('handwritten: ' + s); c.Note('handwritten_annotation');
  end;
end;

procedure ScanPage(c: TDocCtx; const sp: TPageSpec; pg: TPage; out res: TImage);
var rng: TRng; img, g: TImage; gens, k, i, nw, nh: Integer; v, sk, bl, ns: Double; e: string; bgv: Byte;
    clean: Boolean;
begin
  rng.Seed(c.Id + ':scan:' + IntToStr(c.PageNo));
  clean := sp.Diff = 'clean';
  ApplyOverlays(c, sp, pg, rng);
  img := pg.Img;
  { physical marks }
  if sp.Eff.Values['coffee'] <> '' then begin
    CoffeeStain(img, img.W * rng.R(0.25, 0.8), img.H * rng.R(0.35, 0.85), pg.P(rng.R(22, 38)), rng);
    if sp.Eff.Values['coffee'] = '2' then CoffeeStain(img, img.W * rng.R(0.2, 0.8), img.H * rng.R(0.2, 0.5), pg.P(rng.R(15, 25)), rng);
    c.Note('coffee_stain');
  end;
  if sp.Eff.Values['punch'] <> '' then begin PunchHoles(img, pg.Dpi, rng); c.Note('punch_holes'); end;
  if sp.Eff.Values['staple'] <> '' then begin Staple(img, pg.Dpi, rng); c.Note('staple'); end;
  { photocopy generations }
  gens := StrToIntDef(sp.Eff.Values['photocopy'], 0);
  for k := 1 to gens do begin
    Levels2(img, 18 + 6 * k, 238, 0, 240 - 7 * k, 1.12);
    TonerLoss(img, 0.22 + 0.08 * k, rng);
    Streaks(img, rng.IR(1, 2 + k), rng);
    Specks(img, 25 * k, rng);
    Blur(img, 0.35 + 0.1 * k);
  end;
  if gens > 0 then c.Note('photocopy_generation_' + IntToStr(gens));
  if sp.Eff.Values['toner'] <> '' then begin TonerLoss(img, StrToFloat(sp.Eff.Values['toner']) / 10, rng); c.Note('toner_loss'); end;
  if sp.Eff.Values['streaks'] <> '' then begin Streaks(img, StrToInt(sp.Eff.Values['streaks']), rng); c.Note('streaks'); end;
  if sp.Eff.Values['dark'] <> '' then begin Levels2(img, 0, 240, 0, 198, 1.35); c.Note('darkened_copy'); end;
  { scanner optics }
  if sp.Eff.Values['light'] <> '' then begin Lighting(img, rng.R(0.10, 0.2), rng); c.Note('uneven_lighting'); end;
  e := sp.Eff.Values['edge'];
  if e <> '' then begin
    for i := 1 to Length(e) do
      case e[i] of
        'l': EdgeShadow(img, 0, pg.P(rng.R(5, 12)), rng.R(0.45, 0.75));
        'r': EdgeShadow(img, 1, pg.P(rng.R(5, 12)), rng.R(0.45, 0.75));
        't': EdgeShadow(img, 2, pg.P(rng.R(4, 9)), rng.R(0.4, 0.7));
        'b': EdgeShadow(img, 3, pg.P(rng.R(4, 9)), rng.R(0.4, 0.7));
      end;
    c.Note('edge_shadow');
  end;
  if sp.Eff.Values['fold'] <> '' then begin
    if sp.Eff.Values['fold'] = 'r' then FoldShadow(img, img.W - pg.P(4), pg.P(rng.R(10, 16)), rng.R(0.35, 0.55))
    else FoldShadow(img, pg.P(4), pg.P(rng.R(10, 16)), rng.R(0.35, 0.55));
    c.Note('book_fold_shadow');
  end;
  if sp.Eff.Values['halftone'] <> '' then c.Note('halftone_letterhead');
  sk := StrToFloatDef(sp.Eff.Values['skew'], 0);
  if Abs(sk) > 0.01 then begin
    if sp.Eff.Values['darkbg'] <> '' then bgv := 40 else bgv := 242;
    img := RotateImg(img, sk, bgv, bgv, bgv);
    c.Note(Format('skew_%.1f_deg', [sk]));
  end;
  if clean then bl := 0.3 else bl := 0.45 + rng.F * 0.35;
  bl := StrToFloatDef(sp.Eff.Values['blur'], bl);
  Blur(img, bl * sp.RenderDpi / 300);
  if bl >= 0.9 then c.Note('blur');
  if clean then ns := 1.2 else ns := 2.5 + rng.F * 2.5;
  ns := StrToFloatDef(sp.Eff.Values['noise'], ns);
  AddNoise(img, ns, rng);
  if ns >= 5 then c.Note('sensor_noise');
  { resolution }
  if sp.RenderDpi <> sp.Dpi then begin
    if sp.Dpi = 204 then begin
      nw := Round(img.W * 204 / sp.RenderDpi); nh := Round(img.H * 98 / sp.RenderDpi);
      img := Resample(img, nw, nh, rsBilinear);
      c.Note('fax_204x98_dpi');
    end else begin
      nw := Round(img.W * sp.Dpi / sp.RenderDpi); nh := Round(img.H * sp.Dpi / sp.RenderDpi);
      if sp.Eff.Values['moire'] <> '' then begin img := Resample(img, nw, nh, rsNearest); c.Note('moire_nearest_downsample'); end
      else img := Resample(img, nw, nh, rsBicubic);
    end;
  end;
  { colour mode }
  if sp.Mode = 'bw' then begin
    g := ToGrey(img);
    v := StrToFloatDef(sp.Eff.Values['rough'], 8);
    img := Threshold(g, rng, v);
    if sp.Dpi = 204 then begin FaxBanding(img, rng, StrToFloatDef(sp.Eff.Values['band'], 1.5)); c.Note('fax_banding'); end;
    c.Note('bilevel');
  end else if (sp.Mode = 'grey') or (sp.Mode = 'pal4') then img := ToGrey(img);
  if sp.Rot <> 0 then begin img := Rot90(img, sp.Rot div 90); c.Note('rotated_' + IntToStr(sp.Rot)); end;
  res := img;
end;

procedure TDocCtx.EndPage;
var i: Integer; sp: TPageSpec; img: TImage;
begin
  sp := Specs[PageNo - 1];
  if PageNo > 1 then GT.Add(#12);
  for i := 0 to Pg.NL - 1 do GT.Add(Pg.Lines[i].Text);
  ScanPage(Self, sp, Pg, img);
  SetLength(Outs, PageNo); Outs[PageNo - 1] := img;
  for i := 0 to Pg.FontsUsed.Count - 1 do Fonts.Add(Pg.FontsUsed[i]);
  for i := 0 to Pg.Overlays.Count - 1 do Overlays.Add(Pg.Overlays[i]);
  FreeAndNil(Pg);
end;

function ImgCrc(const img: TImage): Cardinal;
begin Result := Crc32Of(img.P, 0, Length(img.P)); end;

procedure TDocCtx.Finish;
var ext, fn, comp, line, s, enc: string; data: TBytes; tp: array of TTiffPage; pp: array of TPdfPage;
    i, q, np, k, rps: Integer; pkind: TPngKind; idx, pal: TBytes; npal: Integer; exp: TImage; dec: TImage;
    msg: string; se, psnr: Double; rows: array of TBitRow; x, y: Integer; sp: TPageSpec; f: TextFile;
    encs, dpis, sizes: TStringList; bigEnd: Boolean; rr: TRng; alltxt: string;
begin
  if PageNo <> Length(Specs) then raise Exception.CreateFmt('%s: built %d pages, planned %d', [Id, PageNo, Length(Specs)]);
  np := PageNo;
  encs := TStringList.Create; dpis := TStringList.Create; sizes := TStringList.Create;
  rr.Seed(Id + ':enc');
  if Fmt = 'tif' then begin
    ext := 'tif'; SetLength(tp, np);
    bigEnd := Opt('bo', 'ii') = 'mm';
    for i := 0 to np - 1 do begin
      sp := Specs[i];
      tp[i].Img := Outs[i]; tp[i].Bilevel := sp.Mode = 'bw';
      comp := sp.Eff.Values['comp']; if comp = '' then comp := Opt('comp', 'g4');
      if comp = 'g4' then tp[i].Comp := tcG4 else if comp = 'g3' then tp[i].Comp := tcG3
      else if comp = 'lzw' then tp[i].Comp := tcLZW else if comp = 'zip' then tp[i].Comp := tcDeflate
      else if comp = 'pb' then tp[i].Comp := tcPackBits else tp[i].Comp := tcNone;
      if (tp[i].Comp in [tcG3, tcG4]) and not tp[i].Bilevel then raise Exception.Create(Id + ': CCITT needs bw page');
      rps := StrToIntDef(Opt('rps', ''), 0);
      if rps = 0 then if tp[i].Bilevel then rps := 256 else rps := 48;
      tp[i].RowsPerStrip := rps;
      tp[i].Predictor := Opt('pred', '') = '1';
      tp[i].BlackIsZero := Opt('biz', '') = '1';
      tp[i].G3Fill := Opt('fill', '') = '1';
      tp[i].DpiX := sp.Dpi; tp[i].DpiY := sp.DpiY;
      s := 'tiff_' + CompName(tp[i].Comp) + '_' + IntToStr(rps) + 'rows_per_strip';
      if tp[i].Predictor and (tp[i].Comp in [tcLZW, tcDeflate]) then s := s + '_predictor2';
      if bigEnd then s := s + '_big_endian' else s := s + '_little_endian';
      encs.Add(s);
    end;
    data := EncodeTIFF(tp, bigEnd);
  end else if Fmt = 'jpg' then begin
    ext := 'jpg';
    if np <> 1 then raise Exception.Create('jpeg is single page');
    q := StrToIntDef(Opt('q', '70'), 70);
    data := EncodeJPEG(Outs[0], q, Opt('sub', '') = '420', Specs[0].Dpi, Specs[0].DpiY);
    s := 'jpeg_baseline_q' + IntToStr(q);
    if Outs[0].C = 3 then begin if Opt('sub', '') = '420' then s := s + '_ycbcr_420' else s := s + '_ycbcr_444'; end else s := s + '_grey';
    encs.Add(s);
  end else if Fmt = 'png' then begin
    ext := 'png';
    if np <> 1 then raise Exception.Create('png is single page');
    sp := Specs[0];
    if sp.Mode = 'rgb' then pkind := pkRGB else if sp.Mode = 'pal8' then pkind := pkPal8
    else if sp.Mode = 'pal4' then pkind := pkPal4 else pkind := pkGrey;
    idx := nil; pal := nil; npal := 0;
    if pkind = pkPal8 then QuantizePalette(Outs[0], 256, False, idx, pal, npal);
    if pkind = pkPal4 then QuantizePalette(Outs[0], 16, True, idx, pal, npal);
    data := EncodePNG(Outs[0], pkind, idx, pal, npal, sp.Dpi, sp.DpiY, Opt('il', '') = '1');
    case pkind of pkRGB: s := 'png_rgb8'; pkPal8: s := 'png_palette8'; pkPal4: s := 'png_palette4_grey'; else s := 'png_grey8'; end;
    if Opt('il', '') = '1' then s := s + '_adam7' else s := s + '_noninterlaced';
    encs.Add(s);
    if pkind in [pkPal8, pkPal4] then begin
      { canonical pixels = palette-expanded RGB }
      exp.Alloc(Outs[0].W, Outs[0].H, 3);
      for k := 0 to Outs[0].W * Outs[0].H - 1 do begin
        exp.P[k*3] := pal[idx[k]*3]; exp.P[k*3+1] := pal[idx[k]*3+1]; exp.P[k*3+2] := pal[idx[k]*3+2];
      end;
      Outs[0] := exp;
    end;
  end else if Fmt = 'pdf' then begin
    ext := 'pdf'; SetLength(pp, np);
    for i := 0 to np - 1 do begin
      sp := Specs[i];
      pp[i].W := Outs[i].W; pp[i].H := Outs[i].H; pp[i].Comps := Outs[i].C; pp[i].Rotate := 0;
      pp[i].PageWpt := sp.Wmm / 25.4 * 72; pp[i].PageHpt := sp.Hmm / 25.4 * 72;
      if (sp.Rot = 90) or (sp.Rot = 270) then begin pp[i].PageWpt := sp.Hmm / 25.4 * 72; pp[i].PageHpt := sp.Wmm / 25.4 * 72; end;
      if sp.Eff.Values['pdfrotate'] <> '' then pp[i].Rotate := StrToInt(sp.Eff.Values['pdfrotate']);
      if sp.Mode = 'bw' then begin
        SetLength(rows, Outs[i].H);
        for y := 0 to Outs[i].H - 1 do begin
          SetLength(rows[y], Outs[i].W);
          for x := 0 to Outs[i].W - 1 do if Outs[i].P[y * Outs[i].W + x] < 128 then rows[y][x] := 1 else rows[y][x] := 0;
        end;
        pp[i].Data := EncodeG4(rows, Outs[i].W); pp[i].Filter := pfCCITT; pp[i].Bits := 1;
        s := 'pdf_ccittfax_g4_K-1';
      end else if sp.Eff.Values['flate'] <> '' then begin
        pp[i].Data := ZCompress(Outs[i].P, Length(Outs[i].P)); pp[i].Filter := pfFlate; pp[i].Bits := 8;
        s := 'pdf_flate_grey8';
      end else begin
        q := StrToIntDef(sp.Eff.Values['q'], StrToIntDef(Opt('q', '65'), 65));
        pp[i].Data := EncodeJPEG(Outs[i], q, sp.Eff.Values['sub'] = '420', sp.Dpi, sp.DpiY); pp[i].Filter := pfDCT; pp[i].Bits := 8;
        s := 'pdf_dct_q' + IntToStr(q);
        if Outs[i].C = 3 then begin if sp.Eff.Values['sub'] = '420' then s := s + '_ycbcr_420' else s := s + '_ycbcr_444'; end else s := s + '_grey';
      end;
      if pp[i].Rotate <> 0 then s := s + '_page_rotate_' + IntToStr(pp[i].Rotate);
      encs.Add(s);
    end;
    data := BuildPDF(pp);
  end else raise Exception.Create('unknown format ' + Fmt);
  fn := Id + '.' + ext;
  SaveBytes(OutDir + '/' + fn, data, Length(data));
  { expectations for the validator: canonical pixel CRCs; JPEG pages self-checked by decoding here }
  for i := 0 to np - 1 do begin
    enc := encs[i];
    if (Pos('jpeg', enc) = 1) or (Pos('pdf_dct', enc) = 1) then begin
      if Fmt = 'jpg' then begin if not DecodeJPEG(data, 0, Length(data), dec, msg) then raise Exception.Create(Id + ': own JPEG decode failed: ' + msg); end
      else if not DecodeJPEG(pp[i].Data, 0, Length(pp[i].Data), dec, msg) then raise Exception.Create(Id + ': own JPEG decode failed: ' + msg);
      se := 0; for k := 0 to High(dec.P) do se := se + Sqr(dec.P[k] - Outs[i].P[k]);
      psnr := 10 * Log10(255.0 * 255.0 / Max(1e-9, se / Length(dec.P)));
      if psnr < 22 then raise Exception.CreateFmt('%s page %d: JPEG PSNR too low %.1f', [Id, i + 1, psnr]);
      PageRecs.Add(Format('%s'#9'%d'#9'%d'#9'%d'#9'%d'#9'%u'#9'%s'#9'%.2f', [fn, i + 1, Outs[i].W, Outs[i].H, Outs[i].C, ImgCrc(dec), 'lossy', psnr]));
    end else
      PageRecs.Add(Format('%s'#9'%d'#9'%d'#9'%d'#9'%d'#9'%u'#9'%s'#9'0', [fn, i + 1, Outs[i].W, Outs[i].H, Outs[i].C, ImgCrc(Outs[i]), 'lossless']));
  end;
  { ground truth }
  AssignFile(f, OutDir + '/' + Id + '.gt.txt'); Rewrite(f);
  for i := 0 to GT.Count - 1 do Write(f, GT[i], #10);
  CloseFile(f);
  { metadata line }
  line := '{"file":' + JStr(fn) + ',"ground_truth":' + JStr(Id + '.gt.txt') + ',"document_type":' + JStr(DocType) +
          ',"kind":' + JStr(Kind) + ',"pages":' + IntToStr(np);
  if NhsValue <> '' then line := line + ',"nhs_number":' + JStr(StringReplace(StringReplace(NhsValue, ' ', '', [rfReplaceAll]), '-', '', [rfReplaceAll]))
  else line := line + ',"nhs_number":null';
  if DobValue <> '' then line := line + ',"date_of_birth":' + JStr(ISODate(Pat.DOB)) else line := line + ',"date_of_birth":null';
  if NhsPrinted <> '' then line := line + ',"nhs_as_printed":' + JStr(NhsPrinted) + ',"nhs_value_as_printed":' + JStr(NhsValue)
  else line := line + ',"nhs_as_printed":null,"nhs_value_as_printed":null';
  if DobPrinted <> '' then line := line + ',"dob_as_printed":' + JStr(DobPrinted) + ',"dob_value_as_printed":' + JStr(DobValue)
  else line := line + ',"dob_as_printed":null,"dob_value_as_printed":null';
  line := line + ',"degradations":[';
  for i := 0 to np - 1 do begin
    if i > 0 then line := line + ',';
    line := line + '[';
    for k := 0 to Degr[i].Count - 1 do begin if k > 0 then line := line + ','; line := line + JStr(Degr[i][k]); end;
    line := line + ']';
  end;
  line := line + '],"difficulty":[';
  for i := 0 to np - 1 do begin if i > 0 then line := line + ','; line := line + JStr(Specs[i].Diff); end;
  line := line + '],"rotation_clockwise_deg":[';
  for i := 0 to np - 1 do begin if i > 0 then line := line + ','; line := line + IntToStr(Specs[i].Rot); end;
  line := line + '],"display_rotation_clockwise_deg":[';
  for i := 0 to np - 1 do begin
    if i > 0 then line := line + ',';
    line := line + IntToStr((Specs[i].Rot + StrToIntDef(Specs[i].Eff.Values['pdfrotate'], 0)) mod 360);
  end;
  line := line + '],"pdf_page_rotate":[';
  for i := 0 to np - 1 do begin if i > 0 then line := line + ','; line := line + IntToStr(StrToIntDef(Specs[i].Eff.Values['pdfrotate'], 0)); end;
  line := line + '],"format":' + JStr(ext) + ',"encoding":[';
  for i := 0 to np - 1 do begin if i > 0 then line := line + ','; line := line + JStr(encs[i]); end;
  line := line + '],"dpi":[';
  for i := 0 to np - 1 do begin if i > 0 then line := line + ','; line := line + '[' + IntToStr(Specs[i].Dpi) + ',' + IntToStr(Specs[i].DpiY) + ']'; end;
  line := line + '],"page_size":[';
  for i := 0 to np - 1 do begin if i > 0 then line := line + ','; line := line + JStr(Specs[i].Size); end;
  line := line + '],"pixel_size":[';
  for i := 0 to np - 1 do begin if i > 0 then line := line + ','; line := line + '[' + IntToStr(Outs[i].W) + ',' + IntToStr(Outs[i].H) + ']'; end;
  line := line + '],"fonts":[';
  for i := 0 to Fonts.Count - 1 do begin if i > 0 then line := line + ','; line := line + JStr(Fonts[i]); end;
  line := line + '],"overlay_text_not_in_gt":[';
  for i := 0 to Overlays.Count - 1 do begin if i > 0 then line := line + ','; line := line + JStr(Overlays[i]); end;
  line := line + '],"distractors":[';
  alltxt := #10;
  for i := 0 to GT.Count - 1 do alltxt := alltxt + GT[i] + #10;
  for i := Distr.Count - 1 downto 0 do begin
    k := Pos(#9, Distr[i]);
    if (Copy(Distr[i], 1, 13) <> 'stamp_overlay') and (Pos(CollapseSpaces(Copy(Distr[i], k + 1, 999)), alltxt) = 0) then Distr.Delete(i);
  end;
  for i := 0 to Distr.Count - 1 do begin
    if i > 0 then line := line + ',';
    k := Pos(#9, Distr[i]);
    line := line + '{"kind":' + JStr(Copy(Distr[i], 1, k - 1)) + ',"text":' + JStr(Copy(Distr[i], k + 1, 999)) + '}';
  end;
  line := line + ']}';
  AssignFile(f, BuildDir + '/meta.jsonl'); Append(f); WriteLn(f, line); CloseFile(f);
  AssignFile(f, BuildDir + '/expect.tsv'); Append(f);
  for i := 0 to PageRecs.Count - 1 do WriteLn(f, PageRecs[i]);
  CloseFile(f);
  encs.Free; dpis.Free; sizes.Free;
end;

initialization
  FaceByName := TStringList.Create;
end.
