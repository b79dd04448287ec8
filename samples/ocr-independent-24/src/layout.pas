{ layout.pas - font faces, text measurement with advance widths and kerning, own line breaking,
  text drawing (plain, typewriter strike jitter, dot-matrix dots, handwriting jitter), graphics
  helpers, and per-page ground-truth line recording. }
unit layout;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, Classes, Math, common, ttf, raster;

type
  TTextKind = (tkPlain, tkTypewriter, tkDot, tkHand);
  TFace = record Font: TTTFont; Name: string; end;
  TStyle = record
    Face: Integer; Pt: Double; Bold: Boolean; Kind: TTextKind;
    R, G, B: Byte; UseInk: Boolean; Alpha: Double; Track: Double; { extra tracking, em }
  end;
  TLineRec = record Text: string; X, Y, W, H: Double; end;

  TPage = class
  public
    Img: TImage;
    Dpi: Double; Wmm, Hmm: Double;
    Lines: array of TLineRec; NL: Integer;
    Rng: TRng;
    InkR, InkG, InkB: Byte;
    FontsUsed: TStringList;
    Overlays: TStringList;
    Halftone: Boolean;
    constructor Create(aw, ah, adpi: Double; paperR, paperG, paperB: Byte; const seed: string);
    destructor Destroy; override;
    function P(mm: Double): Double; inline;
    function TextW(const st: TStyle; const s: string): Double;            { mm }
    procedure DrawStr(const st: TStyle; xmm, ymm: Double; const s: string); { baseline y }
    procedure AddGT(const s: string; x, y, w, h: Double);                   { mm box }
    procedure Line(const st: TStyle; xmm, ymm: Double; const s: string);
    procedure LinePair(const stl, str: TStyle; xl, xr, ymm: Double; const sl, sr: string);
    procedure LineR(const st: TStyle; xrmm, ymm: Double; const s: string);
    procedure LineC(const st: TStyle; xcmm, ymm: Double; const s: string);
    function Para(const st: TStyle; xmm, ymm, widthmm, lead: Double; const s: string): Double;
    procedure Row(const st: TStyle; ymm: Double; const xs: array of Double; const cells: array of string);
    procedure RowStyled(const sts: array of TStyle; ymm: Double; const xs: array of Double; const cells: array of string);
    procedure HRule(x0, x1, y, w: Double);
    procedure VRule(x, y0, y1, w: Double);
    procedure Box(x0, y0, x1, y1, w: Double);
    procedure FillBox(x0, y0, x1, y1: Double; r, g, b: Byte);
    procedure TickBox(x, y, size: Double; ticked: Boolean);
    procedure NHSLogo(x, y, h: Double; r, g, b: Byte);
    procedure CrestLogo(x, y, size: Double; r, g, b: Byte);
    procedure HalftoneRect(x0, y0, x1, y1: Double; lpi, angleDeg: Double);
    procedure Signature(x, y, w: Double; const who: string);
    procedure HandText(const st: TStyle; xmm, ymm, angleDeg: Double; const s: string; r, g, b: Byte);
    procedure NoteFont(fid: Integer);
  end;

var
  Faces: array of TFace;
  KernPairsApplied: Integer = 0;

function AddFace(const path, name: string): Integer;
function Sty(face: Integer; pt: Double): TStyle;
function StyB(face: Integer; pt: Double): TStyle;
function StyK(face: Integer; pt: Double; k: TTextKind): TStyle;
function Wrap(const st: TStyle; const s: string; wmm, dpi: Double): TStringList;
function CollapseSpaces(const s: string): string;

implementation

function AddFace(const path, name: string): Integer;
begin
  SetLength(Faces, Length(Faces) + 1);
  Faces[High(Faces)].Font := TTTFont.Create(path, name);
  Faces[High(Faces)].Name := name;
  Result := High(Faces);
end;

function Sty(face: Integer; pt: Double): TStyle;
begin
  Result.Face := face; Result.Pt := pt; Result.Bold := False; Result.Kind := tkPlain;
  Result.R := 0; Result.G := 0; Result.B := 0; Result.UseInk := True; Result.Alpha := 1; Result.Track := 0;
end;
function StyB(face: Integer; pt: Double): TStyle; begin Result := Sty(face, pt); Result.Bold := True; end;
function StyK(face: Integer; pt: Double; k: TTextKind): TStyle; begin Result := Sty(face, pt); Result.Kind := k; end;

function CollapseSpaces(const s: string): string;
var i: Integer; prevSp: Boolean;
begin
  Result := ''; prevSp := False;
  for i := 1 to Length(s) do
    if s[i] = ' ' then begin if not prevSp then Result := Result + ' '; prevSp := True; end
    else begin Result := Result + s[i]; prevSp := False; end;
  Result := Trim(Result);
end;

{ width in px for a given dpi }
function WidthPx(const st: TStyle; const s: string; dpi: Double): Double;
var f: TTTFont; i, g, pg: Integer; sz: Double;
begin
  f := Faces[st.Face].Font; sz := st.Pt * dpi / 72;
  Result := 0; pg := -1;
  for i := 1 to Length(s) do begin
    g := f.GlyphIndex(Ord(s[i]));
    if pg >= 0 then Result := Result + f.Kern(pg, g) * sz / f.UPM;
    Result := Result + f.Advance(g) * sz / f.UPM + st.Track * sz;
    pg := g;
  end;
  if st.Bold then Result := Result + sz * 0.02 * Length(s) * 0.5;
end;

function Wrap(const st: TStyle; const s: string; wmm, dpi: Double): TStringList;
var words: TStringList; i: Integer; cur, cand: string; maxpx: Double;
begin
  Result := TStringList.Create;
  words := TStringList.Create;
  words.Delimiter := ' '; words.StrictDelimiter := True; words.DelimitedText := s;
  maxpx := wmm * dpi / 25.4; cur := '';
  for i := 0 to words.Count - 1 do begin
    if words[i] = '' then Continue;
    if cur = '' then cand := words[i] else cand := cur + ' ' + words[i];
    if (cur <> '') and (WidthPx(st, cand, dpi) > maxpx) then begin
      Result.Add(cur); cur := words[i];
    end else cur := cand;
  end;
  if cur <> '' then Result.Add(cur);
  words.Free;
end;

constructor TPage.Create(aw, ah, adpi: Double; paperR, paperG, paperB: Byte; const seed: string);
begin
  Wmm := aw; Hmm := ah; Dpi := adpi;
  Img.Alloc(Round(aw * adpi / 25.4), Round(ah * adpi / 25.4), 3);
  Img.Fill(paperR, paperG, paperB);
  Rng.Seed(seed);
  InkR := 18; InkG := 18; InkB := 22;
  FontsUsed := TStringList.Create; FontsUsed.Sorted := True; FontsUsed.Duplicates := dupIgnore;
  Overlays := TStringList.Create;
  NL := 0;
end;

destructor TPage.Destroy;
begin
  FontsUsed.Free; Overlays.Free;
  inherited;
end;

function TPage.P(mm: Double): Double; inline; begin Result := mm * Dpi / 25.4; end;

procedure TPage.NoteFont(fid: Integer); begin FontsUsed.Add(Faces[fid].Name); end;

function TPage.TextW(const st: TStyle; const s: string): Double;
begin Result := WidthPx(st, s, Dpi) * 25.4 / Dpi; end;

{ dot-matrix rendering of a glyph mask: sample the glyph on a print-head grid and stamp round dots }
var
  DotCacheKey: array of Integer;   { mask index -> dot mask index + 1 }
  DotMasks: array of TMask;
  NDot: Integer = 0;

function DotMaskFor(mi: Integer; sizePx: Double): Integer;
var m, dm: TMask; pitch, rad, gx, gy, cx, cy: Double; x, y, ix, iy, k, kx, ky, v, kr: Integer;
    kern: TMask; ps: TPolys;
begin
  if mi >= Length(DotCacheKey) then SetLength(DotCacheKey, mi * 2 + 1024);
  if DotCacheKey[mi] > 0 then Exit(DotCacheKey[mi] - 1);
  m := CachedMask(mi);
  pitch := sizePx / 10.5; rad := pitch * 0.42;
  ps := nil; AddCircle(ps, 0, 0, rad); RasterizePolys(ps, 4, kern);
  kr := Ceil(rad) + 2;
  dm.X0 := m.X0 - kr; dm.Y0 := m.Y0 - kr; dm.W := m.W + 2 * kr; dm.H := m.H + 2 * kr;
  SetLength(dm.A, dm.W * dm.H); if Length(dm.A) > 0 then FillChar(dm.A[0], Length(dm.A), 0);
  gy := Floor(m.Y0 / pitch) * pitch;
  while gy < m.Y0 + m.H do begin
    gx := Floor(m.X0 / (pitch * 0.5)) * pitch * 0.5;
    while gx < m.X0 + m.W do begin
      ix := Round(gx) - m.X0; iy := Round(gy) - m.Y0;
      v := 0;
      for ky := -Round(pitch * 0.45) to Round(pitch * 0.45) do
        for kx := -Round(pitch * 0.2) to Round(pitch * 0.2) do
          if (ix + kx >= 0) and (iy + ky >= 0) and (ix + kx < m.W) and (iy + ky < m.H) and (m.A[(iy + ky) * m.W + ix + kx] > v) then
            v := m.A[(iy + ky) * m.W + ix + kx];
      if v > 120 then begin
        cx := gx - dm.X0; cy := gy - dm.Y0;
        for ky := 0 to kern.H - 1 do for kx := 0 to kern.W - 1 do begin
          x := Round(cx) + kern.X0 + kx; y := Round(cy) + kern.Y0 + ky;
          if (x >= 0) and (y >= 0) and (x < dm.W) and (y < dm.H) then begin
            v := kern.A[ky * kern.W + kx];
            if v > dm.A[y * dm.W + x] then dm.A[y * dm.W + x] := v;
          end;
        end;
      end;
      gx := gx + pitch * 0.5;
    end;
    gy := gy + pitch;
  end;
  if NDot >= Length(DotMasks) then SetLength(DotMasks, NDot * 2 + 256);
  DotMasks[NDot] := dm; Inc(NDot);
  DotCacheKey[mi] := NDot;
  Result := NDot - 1;
end;

procedure TPage.DrawStr(const st: TStyle; xmm, ymm: Double; const s: string);
var f: TTTFont; i, g, pg, fx, sub, mi, by: Integer; sz, x, y, frac, a, jx, jy, drift, sc, rot: Double;
    r, gg, b: Byte; m: TMask; mt: TMat; mk: TMask;
begin
  NoteFont(st.Face);
  f := Faces[st.Face].Font; sz := st.Pt * Dpi / 72;
  x := P(xmm); y := P(ymm); pg := -1; drift := 0;
  if st.UseInk then begin r := InkR; gg := InkG; b := InkB; end else begin r := st.R; gg := st.G; b := st.B; end;
  for i := 1 to Length(s) do begin
    g := f.GlyphIndex(Ord(s[i]));
    if pg >= 0 then begin
      a := f.Kern(pg, g);
      if a <> 0 then begin x := x + a * sz / f.UPM; Inc(KernPairsApplied); end;
    end;
    if s[i] <> ' ' then
      case st.Kind of
        tkPlain, tkTypewriter, tkDot: begin
          jx := 0; jy := 0; a := st.Alpha;
          if st.Kind = tkTypewriter then begin
            jx := Rng.Gauss * sz * 0.012; jy := Rng.Gauss * sz * 0.025;
            a := a * (0.62 + 0.38 * Rng.F);
            if Rng.Chance(0.06) then a := a * 0.6;
          end;
          fx := Floor(x + jx); frac := x + jx - fx; sub := Round(frac * 4); if sub = 4 then begin Inc(fx); sub := 0; end;
          by := Round(y + jy);
          mi := GlyphMask(st.Face, f, g, sz, sub);
          if st.Kind = tkDot then begin
            mi := DotMaskFor(mi, sz);   { may grow DotMasks: index first, then read }
            m := DotMasks[mi];
            BlendMask(Img, m, fx, by, r, gg, b, a * (0.8 + 0.2 * Rng.F), bmNormal);
          end else begin
            m := CachedMask(mi);
            BlendMask(Img, m, fx, by, r, gg, b, a, bmNormal);
            if st.Bold then BlendMask(Img, m, fx + Max(1, Round(sz * 0.035)), by, r, gg, b, a, bmNormal);
            if (st.Kind = tkTypewriter) and Rng.Chance(0.04) then BlendMask(Img, m, fx + 1, by, r, gg, b, a * 0.5, bmNormal);
          end;
        end;
        tkHand: begin
          drift := drift * 0.7 + Rng.Gauss * sz * 0.03;
          sc := (sz / f.UPM) * (0.94 + 0.12 * Rng.F);
          rot := Rng.Gauss * 0.045;
          mt.a := sc * Cos(rot); mt.b := sc * Sin(rot);
          mt.c := sc * Sin(rot) + sc * 0.08; mt.d := -sc * Cos(rot);
          mt.e := x + Rng.Gauss * sz * 0.02; mt.f := y + drift;
          RenderGlyphMask(f, g, mt, 4, mk);
          BlendMask(Img, mk, 0, 0, r, gg, b, st.Alpha * (0.78 + 0.22 * Rng.F), bmNormal);
        end;
      end;
    x := x + f.Advance(g) * sz / f.UPM + st.Track * sz;
    if st.Bold then x := x + sz * 0.01;
    pg := g;
  end;
end;

procedure TPage.AddGT(const s: string; x, y, w, h: Double);
var t: string;
begin
  t := CollapseSpaces(s);
  if t = '' then Exit;
  if NL >= Length(Lines) then SetLength(Lines, NL * 2 + 32);
  Lines[NL].Text := t; Lines[NL].X := x; Lines[NL].Y := y; Lines[NL].W := w; Lines[NL].H := h;
  Inc(NL);
end;

procedure TPage.Line(const st: TStyle; xmm, ymm: Double; const s: string);
var h: Double;
begin
  DrawStr(st, xmm, ymm, s);
  h := st.Pt * 25.4 / 72;
  AddGT(s, xmm, ymm - h * 0.8, TextW(st, s), h);
end;

procedure TPage.LinePair(const stl, str: TStyle; xl, xr, ymm: Double; const sl, sr: string);
begin
  RowStyled([stl, str], ymm, [xl, xr - TextW(str, sr)], [sl, sr]);
end;

procedure TPage.LineR(const st: TStyle; xrmm, ymm: Double; const s: string);
begin Line(st, xrmm - TextW(st, s), ymm, s); end;

procedure TPage.LineC(const st: TStyle; xcmm, ymm: Double; const s: string);
begin Line(st, xcmm - TextW(st, s) / 2, ymm, s); end;

function TPage.Para(const st: TStyle; xmm, ymm, widthmm, lead: Double; const s: string): Double;
var L: TStringList; i: Integer;
begin
  L := Wrap(st, s, widthmm, Dpi);
  for i := 0 to L.Count - 1 do begin Line(st, xmm, ymm, L[i]); ymm := ymm + lead; end;
  L.Free;
  Result := ymm;
end;

procedure TPage.Row(const st: TStyle; ymm: Double; const xs: array of Double; const cells: array of string);
var i: Integer; joined: string; h, x1: Double;
begin
  joined := ''; x1 := xs[0];
  for i := 0 to High(cells) do begin
    if cells[i] = '' then Continue;
    DrawStr(st, xs[i], ymm, cells[i]);
    if joined <> '' then joined := joined + ' ';
    joined := joined + cells[i];
    x1 := Max(x1, xs[i] + TextW(st, cells[i]));
  end;
  h := st.Pt * 25.4 / 72;
  AddGT(joined, xs[0], ymm - h * 0.8, x1 - xs[0], h);
end;

procedure TPage.RowStyled(const sts: array of TStyle; ymm: Double; const xs: array of Double; const cells: array of string);
var i: Integer; joined: string; h, x1: Double;
begin
  joined := ''; x1 := xs[0]; h := 0;
  for i := 0 to High(cells) do begin
    if cells[i] = '' then Continue;
    DrawStr(sts[i], xs[i], ymm, cells[i]);
    if joined <> '' then joined := joined + ' ';
    joined := joined + cells[i];
    x1 := Max(x1, xs[i] + TextW(sts[i], cells[i]));
    h := Max(h, sts[i].Pt * 25.4 / 72);
  end;
  AddGT(joined, xs[0], ymm - h * 0.8, x1 - xs[0], h);
end;

procedure TPage.HRule(x0, x1, y, w: Double);
var ps: TPolys;
begin ps := nil; AddRect(ps, P(x0), P(y - w / 2), P(x1), P(y + w / 2)); DrawPolys(Img, ps, InkR, InkG, InkB, 1, bmNormal); end;

procedure TPage.VRule(x, y0, y1, w: Double);
var ps: TPolys;
begin ps := nil; AddRect(ps, P(x - w / 2), P(y0), P(x + w / 2), P(y1)); DrawPolys(Img, ps, InkR, InkG, InkB, 1, bmNormal); end;

procedure TPage.Box(x0, y0, x1, y1, w: Double);
var ps: TPolys;
begin ps := nil; AddRectOutline(ps, P(x0), P(y0), P(x1), P(y1), P(w)); DrawPolys(Img, ps, InkR, InkG, InkB, 1, bmNormal); end;

procedure TPage.FillBox(x0, y0, x1, y1: Double; r, g, b: Byte);
var ps: TPolys;
begin ps := nil; AddRect(ps, P(x0), P(y0), P(x1), P(y1)); DrawPolys(Img, ps, r, g, b, 1, bmNormal); end;

procedure TPage.TickBox(x, y, size: Double; ticked: Boolean);
var ps: TPolys;
begin
  ps := nil;
  AddRectOutline(ps, P(x), P(y - size), P(x + size), P(y), P(0.25));
  if ticked then begin
    AddLine(ps, P(x + size * 0.15), P(y - size * 0.5), P(x + size * 0.4), P(y - size * 0.12), P(0.45), True);
    AddLine(ps, P(x + size * 0.4), P(y - size * 0.12), P(x + size * 0.95), P(y - size * 1.05), P(0.45), True);
  end;
  DrawPolys(Img, ps, InkR, InkG, InkB, 1, bmNormal);
end;

{ a stylised lozenge logo: filled rectangle with three slanted white bars (not letters) }
procedure TPage.NHSLogo(x, y, h: Double; r, g, b: Byte);
var ps, ws: TPolys; w, i: Double; k: Integer; q: TPoly;
begin
  w := h * 2.45; ps := nil; ws := nil;
  AddRect(ps, P(x), P(y), P(x + w), P(y + h));
  DrawPolys(Img, ps, r, g, b, 1, bmNormal);
  for k := 0 to 2 do begin
    i := x + w * (0.12 + 0.28 * k);
    SetLength(q, 4);
    q[0] := Pt(P(i + h * 0.22), P(y + h * 0.15)); q[1] := Pt(P(i + h * 0.52), P(y + h * 0.15));
    q[2] := Pt(P(i + h * 0.36), P(y + h * 0.85)); q[3] := Pt(P(i + h * 0.06), P(y + h * 0.85));
    AddOriented(ws, q);
  end;
  DrawPolys(Img, ws, 255, 255, 255, 1, bmNormal);
end;

procedure TPage.CrestLogo(x, y, size: Double; r, g, b: Byte);
var ps: TPolys; k: Integer; a: Double;
begin
  ps := nil;
  AddCircle(ps, P(x + size / 2), P(y + size / 2), P(size / 2));
  DrawPolys(Img, ps, r, g, b, 1, bmNormal);
  ps := nil;
  AddCircle(ps, P(x + size / 2), P(y + size / 2), P(size * 0.36));
  DrawPolys(Img, ps, 255, 255, 255, 1, bmNormal);
  ps := nil;
  for k := 0 to 5 do begin
    a := k * Pi / 3;
    AddLine(ps, P(x + size / 2), P(y + size / 2), P(x + size / 2 + Cos(a) * size * 0.3), P(y + size / 2 + Sin(a) * size * 0.3), P(size * 0.08), True);
  end;
  DrawPolys(Img, ps, r, g, b, 1, bmNormal);
end;

{ amplitude-modulated halftone screen applied in place to a rectangle (per channel, rotated screens) }
procedure TPage.HalftoneRect(x0, y0, x1, y1: Double; lpi, angleDeg: Double);
var ix0, iy0, ix1, iy1, x, y, c: Integer; period, ang, u, v, scr, ink: Double; pp: PByte;
    cs, sn: array[0..2] of Double;
begin
  ix0 := Max(0, Round(P(x0))); iy0 := Max(0, Round(P(y0)));
  ix1 := Min(Img.W - 1, Round(P(x1))); iy1 := Min(Img.H - 1, Round(P(y1)));
  period := Dpi / lpi;
  for c := 0 to 2 do begin
    ang := (angleDeg + c * 30) * Pi / 180; cs[c] := Cos(ang); sn[c] := Sin(ang);
  end;
  for y := iy0 to iy1 do begin
    pp := @Img.P[(y * Img.W + ix0) * 3];
    for x := ix0 to ix1 do begin
      for c := 0 to 2 do begin
        u := (x * cs[c] + y * sn[c]) / period; v := (-x * sn[c] + y * cs[c]) / period;
        scr := 0.5 + 0.25 * (Cos(2 * Pi * u) + Cos(2 * Pi * v));
        ink := 1 - pp[c] / 255;
        if ink > scr then pp[c] := 25 else pp[c] := 250;
      end;
      Inc(pp, 3);
    end;
  end;
end;

procedure TPage.Signature(x, y, w: Double; const who: string);
var ps: TPolys; k, n: Integer; cx, cy, px, py: Double; p0, p1, p2, p3: TPtD; wd: Double;
begin
  ps := nil; n := 3 + Rng.I(4);
  cx := x; cy := y; wd := P(0.35 + Rng.F * 0.25);
  for k := 0 to n - 1 do begin
    px := cx + w / n * (0.6 + Rng.F * 0.8); py := y + Rng.R(-4, 3);
    p0 := Pt(P(cx), P(cy)); p3 := Pt(P(px), P(py));
    p1 := Pt(P(cx + Rng.R(-3, 8)), P(cy - Rng.R(2, 9))); p2 := Pt(P(px - Rng.R(-3, 8)), P(py + Rng.R(2, 8)));
    AddCubicStroke(ps, p0, p1, p2, p3, wd * Rng.R(0.6, 1.1), wd * Rng.R(0.6, 1.1));
    cx := px; cy := py;
  end;
  p0 := Pt(P(x - 2), P(y + Rng.R(1, 3))); p3 := Pt(P(cx + 3), P(y + Rng.R(0, 2)));
  p1 := Pt(P(x + w * 0.3), P(y + 4)); p2 := Pt(P(x + w * 0.7), P(y - 1));
  AddCubicStroke(ps, p0, p1, p2, p3, wd * 0.5, wd * 0.9);
  DrawPolys(Img, ps, 20, 30, 90 + Rng.I(60), 0.92, bmNormal);
  Overlays.Add('signature' + who);
end;

{ rotated handwriting annotation (overlay, never ground truth) }
procedure TPage.HandText(const st: TStyle; xmm, ymm, angleDeg: Double; const s: string; r, g, b: Byte);
var f: TTTFont; i, gi, pg: Integer; sz, x, ca, sa, sc, rot, drift, lx, ly: Double; mt: TMat; mk: TMask;
begin
  NoteFont(st.Face);
  f := Faces[st.Face].Font; sz := st.Pt * Dpi / 72;
  ca := Cos(angleDeg * Pi / 180); sa := Sin(angleDeg * Pi / 180);
  x := 0; pg := -1; drift := 0;
  for i := 1 to Length(s) do begin
    gi := f.GlyphIndex(Ord(s[i]));
    if s[i] <> ' ' then begin
      drift := drift * 0.6 + Rng.Gauss * sz * 0.03;
      sc := (sz / f.UPM) * (0.93 + 0.14 * Rng.F);
      rot := angleDeg * Pi / 180 + Rng.Gauss * 0.05;
      lx := x; ly := drift;
      mt.a := sc * Cos(rot); mt.b := sc * Sin(rot);
      mt.c := sc * Sin(rot) + sc * 0.1 * Cos(rot); mt.d := -sc * Cos(rot);
      mt.e := P(xmm) + lx * ca - ly * sa; mt.f := P(ymm) + lx * sa + ly * ca;
      RenderGlyphMask(f, gi, mt, 4, mk);
      BlendMask(Img, mk, 0, 0, r, g, b, 0.75 + 0.25 * Rng.F, bmNormal);
    end;
    x := x + f.Advance(gi) * sz / f.UPM;
    pg := gi;
  end;
end;

end.
