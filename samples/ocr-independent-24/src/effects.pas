{ effects.pas - raster arithmetic on byte rows: resampling (nearest / bilinear / bicubic,
  separable), rotation, separable Gaussian blur, noise, levels, smooth noise fields, photocopy
  toner loss / streaks / specks, edge and book-fold shadows, lighting, coffee stains, punch holes,
  staples, rubber stamps, highlighter, fax banding, thresholding, palette quantisation. }
unit effects;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, Math, common, ttf, raster, layout;

type
  TResample = (rsNearest, rsBilinear, rsBicubic);
  TField = record W, H: Integer; Cell: Double; V: array of Single; end;

function Resample(const src: TImage; nw, nh: Integer; m: TResample): TImage;
function RotateImg(const src: TImage; deg: Double; bgR, bgG, bgB: Byte): TImage;
function Rot90(const src: TImage; k: Integer): TImage;   { k quarter turns clockwise }
procedure Blur(var img: TImage; sigma: Double);
procedure AddNoise(var img: TImage; sigma: Double; var rng: TRng);
procedure Levels(var img: TImage; lo, hi: Integer; gamma: Double);
procedure Levels2(var img: TImage; inLo, inHi, outLo, outHi: Integer; gamma: Double);
function MakeField(w, h: Integer; cell: Double; var rng: TRng): TField;
function FieldAt(const f: TField; x, y: Double): Double;
procedure TonerLoss(var img: TImage; amount: Double; var rng: TRng);
procedure Streaks(var img: TImage; n: Integer; var rng: TRng);
procedure Specks(var img: TImage; density: Double; var rng: TRng);
procedure EdgeShadow(var img: TImage; side: Integer; widthPx, strength: Double);
procedure FoldShadow(var img: TImage; xc, widthPx, strength: Double);
procedure Lighting(var img: TImage; strength: Double; var rng: TRng);
procedure CoffeeStain(var img: TImage; cx, cy, r: Double; var rng: TRng);
procedure PunchHoles(var img: TImage; dpi: Double; var rng: TRng);
procedure Staple(var img: TImage; dpi: Double; var rng: TRng);
procedure Stamp(pg: TPage; face: Integer; cxmm, cymm, angleDeg: Double; const lines: array of string; r, g, b: Byte);
procedure Highlight(pg: TPage; x, y, w, h: Double; r, g, b: Byte);
procedure GreyCast(var img: TImage; amount: Double);
function ToGrey(const src: TImage): TImage;
function Threshold(const grey: TImage; var rng: TRng; roughness: Double): TImage;
procedure FaxBanding(var bw: TImage; var rng: TRng; severity: Double);
procedure QuantizePalette(const img: TImage; ncol: Integer; grey: Boolean; out idx: TBytes; out pal: TBytes; out npal: Integer);
procedure PaperGrain(var img: TImage; amount: Double; var rng: TRng);

implementation

var GTab: array[0..65535] of Single; GReady: Boolean = False;

procedure InitG;
var r: TRng; i: Integer;
begin
  if GReady then Exit;
  r.Seed('gaussian-table');
  for i := 0 to 65535 do GTab[i] := r.Gauss;
  GReady := True;
end;

function Kern(m: TResample; x: Double): Double; inline;
var a: Double;
begin
  x := Abs(x);
  if m = rsBilinear then begin if x < 1 then Result := 1 - x else Result := 0; end
  else begin
    a := -0.5;
    if x < 1 then Result := (a + 2) * x * x * x - (a + 3) * x * x + 1
    else if x < 2 then Result := a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a
    else Result := 0;
  end;
end;

type
  TWeights = record First: array of Integer; N: array of Integer; W: array of Single; Stride: Integer; end;

function MakeWeights(srcN, dstN: Integer; m: TResample): TWeights;
var i, j, j0, j1, k: Integer; scale, sup, center, fs, wsum, v: Double;
begin
  scale := dstN / srcN;
  if m = rsBilinear then sup := 1 else sup := 2;
  fs := 1; if scale < 1 then fs := 1 / scale;
  sup := sup * fs;
  Result.Stride := Ceil(sup) * 2 + 2;
  SetLength(Result.First, dstN); SetLength(Result.N, dstN); SetLength(Result.W, dstN * Result.Stride);
  for i := 0 to dstN - 1 do begin
    center := (i + 0.5) / scale - 0.5;
    j0 := Floor(center - sup) + 1; j1 := Floor(center + sup);
    if j1 - j0 + 1 > Result.Stride then j1 := j0 + Result.Stride - 1;
    wsum := 0; k := 0;
    Result.First[i] := j0;
    for j := j0 to j1 do begin
      v := Kern(m, (j - center) / fs);
      Result.W[i * Result.Stride + k] := v; wsum := wsum + v; Inc(k);
    end;
    Result.N[i] := k;
    if wsum <> 0 then for j := 0 to k - 1 do Result.W[i * Result.Stride + j] := Result.W[i * Result.Stride + j] / wsum;
  end;
end;

function Resample(const src: TImage; nw, nh: Integer; m: TResample): TImage;
var tmp: array of Single; wx, wy: TWeights; x, y, c, k, j, C3: Integer; acc: Double;
begin
  C3 := src.C;
  Result.Alloc(nw, nh, C3);
  if m = rsNearest then begin
    for y := 0 to nh - 1 do begin
      j := Min(src.H - 1, Trunc((y + 0.5) * src.H / nh));
      for x := 0 to nw - 1 do begin
        k := Min(src.W - 1, Trunc((x + 0.5) * src.W / nw));
        for c := 0 to C3 - 1 do Result.P[(y * nw + x) * C3 + c] := src.P[(j * src.W + k) * C3 + c];
      end;
    end;
    Exit;
  end;
  wx := MakeWeights(src.W, nw, m); wy := MakeWeights(src.H, nh, m);
  SetLength(tmp, nw * src.H * C3);
  for y := 0 to src.H - 1 do
    for x := 0 to nw - 1 do
      for c := 0 to C3 - 1 do begin
        acc := 0;
        for k := 0 to wx.N[x] - 1 do begin
          j := ClampI(wx.First[x] + k, 0, src.W - 1);
          acc := acc + wx.W[x * wx.Stride + k] * src.P[(y * src.W + j) * C3 + c];
        end;
        tmp[(y * nw + x) * C3 + c] := acc;
      end;
  for y := 0 to nh - 1 do
    for x := 0 to nw * C3 - 1 do begin
      acc := 0;
      for k := 0 to wy.N[y] - 1 do begin
        j := ClampI(wy.First[y] + k, 0, src.H - 1);
        acc := acc + wy.W[y * wy.Stride + k] * tmp[j * nw * C3 + x];
      end;
      Result.P[y * nw * C3 + x] := Clamp255(acc);
    end;
end;

function RotateImg(const src: TImage; deg: Double; bgR, bgG, bgB: Byte): TImage;
var x, y, c, ix, iy, C3, i00: Integer; ca, sa, cx, cy, sx, sy, fx, fy, v: Double; bg: array[0..2] of Byte;
    w00, w01, w10, w11: Double;
  function S(px, py, ch: Integer): Double; inline;
  begin
    if (px < 0) or (py < 0) or (px >= src.W) or (py >= src.H) then Result := bg[ch]
    else Result := src.P[(py * src.W + px) * C3 + ch];
  end;
begin
  C3 := src.C; bg[0] := bgR; bg[1] := bgG; bg[2] := bgB;
  if C3 = 1 then bg[0] := (bgR * 299 + bgG * 587 + bgB * 114) div 1000;
  Result.Alloc(src.W, src.H, C3);
  ca := Cos(deg * Pi / 180); sa := Sin(deg * Pi / 180);
  cx := src.W / 2; cy := src.H / 2;
  for y := 0 to src.H - 1 do begin
    sx := ca * (0 - cx) + sa * (y - cy) + cx;
    sy := -sa * (0 - cx) + ca * (y - cy) + cy;
    for x := 0 to src.W - 1 do begin
      ix := Floor(sx); iy := Floor(sy); fx := sx - ix; fy := sy - iy;
      w00 := (1 - fx) * (1 - fy); w01 := fx * (1 - fy); w10 := (1 - fx) * fy; w11 := fx * fy;
      if (ix >= 0) and (iy >= 0) and (ix < src.W - 1) and (iy < src.H - 1) then begin
        i00 := (iy * src.W + ix) * C3;
        for c := 0 to C3 - 1 do begin
          v := w00 * src.P[i00 + c] + w01 * src.P[i00 + C3 + c] + w10 * src.P[i00 + src.W * C3 + c] + w11 * src.P[i00 + src.W * C3 + C3 + c];
          Result.P[(y * src.W + x) * C3 + c] := Round(v);
        end;
      end else
        for c := 0 to C3 - 1 do
          Result.P[(y * src.W + x) * C3 + c] := Clamp255(w00 * S(ix, iy, c) + w01 * S(ix + 1, iy, c) + w10 * S(ix, iy + 1, c) + w11 * S(ix + 1, iy + 1, c));
      sx := sx + ca; sy := sy - sa;
    end;
  end;
end;

function Rot90(const src: TImage; k: Integer): TImage;
var x, y, c, nx, ny: Integer;
begin
  k := ((k mod 4) + 4) mod 4;
  if k = 0 then Exit(src);
  if k = 2 then Result.Alloc(src.W, src.H, src.C) else Result.Alloc(src.H, src.W, src.C);
  for y := 0 to src.H - 1 do for x := 0 to src.W - 1 do begin
    case k of
      1: begin nx := src.H - 1 - y; ny := x; end;         { clockwise }
      2: begin nx := src.W - 1 - x; ny := src.H - 1 - y; end;
    else begin nx := y; ny := src.W - 1 - x; end;          { 270 clockwise }
    end;
    for c := 0 to src.C - 1 do Result.P[(ny * Result.W + nx) * src.C + c] := src.P[(y * src.W + x) * src.C + c];
  end;
end;

procedure Blur(var img: TImage; sigma: Double);
var r, i, x, y, c, k, C3, j: Integer; w: array of Integer; ws: Integer; line: array of Byte; acc: Integer;
begin
  if sigma < 0.2 then Exit;
  r := Ceil(sigma * 3); SetLength(w, 2 * r + 1); ws := 0;
  for i := -r to r do begin w[i + r] := Round(1024 * Exp(-i * i / (2 * sigma * sigma))); Inc(ws, w[i + r]); end;
  C3 := img.C;
  SetLength(line, Max(img.W, img.H) * C3);
  for y := 0 to img.H - 1 do begin
    Move(img.P[y * img.W * C3], line[0], img.W * C3);
    for x := 0 to img.W - 1 do for c := 0 to C3 - 1 do begin
      acc := 0;
      for k := -r to r do begin j := ClampI(x + k, 0, img.W - 1); acc := acc + w[k + r] * line[j * C3 + c]; end;
      img.P[(y * img.W + x) * C3 + c] := (acc + ws div 2) div ws;
    end;
  end;
  for x := 0 to img.W - 1 do begin
    for y := 0 to img.H - 1 do for c := 0 to C3 - 1 do line[y * C3 + c] := img.P[(y * img.W + x) * C3 + c];
    for y := 0 to img.H - 1 do for c := 0 to C3 - 1 do begin
      acc := 0;
      for k := -r to r do begin j := ClampI(y + k, 0, img.H - 1); acc := acc + w[k + r] * line[j * C3 + c]; end;
      img.P[(y * img.W + x) * C3 + c] := (acc + ws div 2) div ws;
    end;
  end;
end;

procedure AddNoise(var img: TImage; sigma: Double; var rng: TRng);
var i, c, n: Integer; v: QWord; g: Double;
begin
  InitG;
  n := img.W * img.H;
  for i := 0 to n - 1 do begin
    v := rng.Next;
    g := GTab[v and $FFFF] * sigma;
    if img.C = 1 then img.P[i] := Clamp255(img.P[i] + g)
    else for c := 0 to 2 do img.P[i * 3 + c] := Clamp255(img.P[i * 3 + c] + g + GTab[(v shr (16 + 16 * c)) and $FFFF] * sigma * 0.35);
  end;
end;

procedure Levels(var img: TImage; lo, hi: Integer; gamma: Double);
var lut: array[0..255] of Byte; i: Integer; v: Double;
begin
  for i := 0 to 255 do begin
    v := (i - lo) / Max(1, hi - lo); if v < 0 then v := 0; if v > 1 then v := 1;
    lut[i] := Round(255 * Power(v, gamma));
  end;
  for i := 0 to High(img.P) do img.P[i] := lut[img.P[i]];
end;

procedure Levels2(var img: TImage; inLo, inHi, outLo, outHi: Integer; gamma: Double);
var lut: array[0..255] of Byte; i: Integer; v: Double;
begin
  for i := 0 to 255 do begin
    v := (i - inLo) / Max(1, inHi - inLo); if v < 0 then v := 0; if v > 1 then v := 1;
    lut[i] := Round(outLo + (outHi - outLo) * Power(v, gamma));
  end;
  for i := 0 to High(img.P) do img.P[i] := lut[img.P[i]];
end;

function MakeField(w, h: Integer; cell: Double; var rng: TRng): TField;
var i: Integer;
begin
  Result.Cell := cell; Result.W := Ceil(w / cell) + 3; Result.H := Ceil(h / cell) + 3;
  SetLength(Result.V, Result.W * Result.H);
  for i := 0 to High(Result.V) do Result.V[i] := rng.F;
end;

function FieldAt(const f: TField; x, y: Double): Double;
var ix, iy: Integer; fx, fy: Double;
begin
  x := x / f.Cell; y := y / f.Cell;
  ix := Floor(x); iy := Floor(y); fx := x - ix; fy := y - iy;
  ix := ClampI(ix, 0, f.W - 2); iy := ClampI(iy, 0, f.H - 2);
  fx := fx * fx * (3 - 2 * fx); fy := fy * fy * (3 - 2 * fy);
  Result := (f.V[iy * f.W + ix] * (1 - fx) + f.V[iy * f.W + ix + 1] * fx) * (1 - fy) +
            (f.V[(iy + 1) * f.W + ix] * (1 - fx) + f.V[(iy + 1) * f.W + ix + 1] * fx) * fy;
end;

{ photocopier toner loss: blotchy areas where dark pixels are lifted towards the paper }
procedure TonerLoss(var img: TImage; amount: Double; var rng: TRng);
var f1, f2: TField; x, y, c, i: Integer; t, k: Double; p: PByte;
begin
  f1 := MakeField(img.W, img.H, img.W / 7, rng); f2 := MakeField(img.W, img.H, 5, rng);
  for y := 0 to img.H - 1 do
    for x := 0 to img.W - 1 do begin
      t := FieldAt(f1, x, y) * 0.75 + FieldAt(f2, x, y) * 0.35;
      k := (t - (1 - amount)) * 3.0;
      if k <= 0 then Continue;
      if k > 0.9 then k := 0.9;
      p := @img.P[(y * img.W + x) * img.C];
      for c := 0 to img.C - 1 do begin
        i := p[c];
        if i < 200 then p[c] := Round(i + (235 - i) * k);
      end;
    end;
end;

procedure Streaks(var img: TImage; n: Integer; var rng: TRng);
var k, x0, wdt, x, y, c, dark: Integer; ph, fr, v: Double; p: PByte; light: Boolean;
begin
  for k := 1 to n do begin
    x0 := rng.I(img.W); wdt := 1 + rng.I(4); light := rng.Chance(0.3);
    dark := 40 + rng.I(120); ph := rng.F * 6.28; fr := rng.R(0.002, 0.02);
    for y := 0 to img.H - 1 do begin
      v := 0.55 + 0.45 * Sin(y * fr + ph);
      for x := x0 to Min(img.W - 1, x0 + wdt - 1) do begin
        p := @img.P[(y * img.W + x) * img.C];
        for c := 0 to img.C - 1 do
          if light then p[c] := Round(p[c] + (245 - p[c]) * 0.7 * v * Ord(p[c] < 245))
          else p[c] := Round(p[c] * (1 - v * (255 - dark) / 255));
      end;
    end;
  end;
end;

procedure Specks(var img: TImage; density: Double; var rng: TRng);
var n, k, x, y, r, dx, dy, c, v: Integer;
begin
  n := Round(img.W * img.H / 1e6 * density);
  for k := 1 to n do begin
    x := rng.I(img.W); y := rng.I(img.H); r := rng.I(3); v := rng.I(90);
    for dy := -r to r do for dx := -r to r do
      if (dx * dx + dy * dy <= r * r + 1) and (x + dx >= 0) and (y + dy >= 0) and (x + dx < img.W) and (y + dy < img.H) then
        for c := 0 to img.C - 1 do img.P[((y + dy) * img.W + x + dx) * img.C + c] := Min(img.P[((y + dy) * img.W + x + dx) * img.C + c], v);
  end;
end;

procedure MulPixel(var img: TImage; x, y: Integer; f: Double); inline;
var c: Integer;
begin
  for c := 0 to img.C - 1 do img.P[(y * img.W + x) * img.C + c] := Round(img.P[(y * img.W + x) * img.C + c] * f);
end;

{ side: 0 left, 1 right, 2 top, 3 bottom }
procedure EdgeShadow(var img: TImage; side: Integer; widthPx, strength: Double);
var x, y, d, lim: Integer; f: Double;
begin
  lim := Round(widthPx);
  for d := 0 to lim - 1 do begin
    f := 1 - strength * Sqr(1 - d / lim);
    case side of
      0: if d < img.W then for y := 0 to img.H - 1 do MulPixel(img, d, y, f);
      1: if d < img.W then for y := 0 to img.H - 1 do MulPixel(img, img.W - 1 - d, y, f);
      2: if d < img.H then for x := 0 to img.W - 1 do MulPixel(img, x, d, f);
    else if d < img.H then for x := 0 to img.W - 1 do MulPixel(img, x, img.H - 1 - d, f);
    end;
  end;
end;

procedure FoldShadow(var img: TImage; xc, widthPx, strength: Double);
var x, y: Integer; f, d: Double; fs: array of Double;
begin
  SetLength(fs, img.W);
  for x := 0 to img.W - 1 do begin
    d := (x - xc) / widthPx;
    f := 1 - strength * Exp(-d * d * 2) + 0.04 * strength * Exp(-Sqr(d - 1.2) * 3);
    fs[x] := Min(1.0, f);
  end;
  for y := 0 to img.H - 1 do for x := 0 to img.W - 1 do if fs[x] < 0.999 then MulPixel(img, x, y, fs[x]);
end;

procedure Lighting(var img: TImage; strength: Double; var rng: TRng);
var x, y: Integer; ax, ay, cx, cy, f: Double; fld: TField;
begin
  ax := rng.R(-1, 1); ay := rng.R(-1, 1); cx := rng.R(0.2, 0.8) * img.W; cy := rng.R(0.2, 0.8) * img.H;
  fld := MakeField(img.W, img.H, img.W / 3, rng);
  for y := 0 to img.H - 1 do for x := 0 to img.W - 1 do begin
    f := 1 - strength * (0.5 + 0.25 * (ax * (x / img.W - 0.5) + ay * (y / img.H - 0.5)) +
         0.35 * (Sqr((x - cx) / img.W) + Sqr((y - cy) / img.H)) + 0.3 * (FieldAt(fld, x, y) - 0.5));
    if f < 1 then MulPixel(img, x, y, f);
  end;
end;

procedure CoffeeStain(var img: TImage; cx, cy, r: Double; var rng: TRng);
var ps: TPolys; outer, inner: TPoly; n, i: Integer; t, rr, ph1, ph2, a1, a2, cr, cg, cb: Double; rev: TPoly;
begin
  n := 160; SetLength(outer, n); SetLength(inner, n);
  ph1 := rng.F * 6.28; ph2 := rng.F * 6.28; a1 := rng.R(0.02, 0.07); a2 := rng.R(0.01, 0.04);
  for i := 0 to n - 1 do begin
    t := 2 * Pi * i / n;
    rr := r * (1 + a1 * Sin(3 * t + ph1) + a2 * Sin(7 * t + ph2));
    outer[i] := Pt(cx + rr * Cos(t), cy + rr * Sin(t));
    rr := rr - r * rng.R(0.025, 0.05);
    inner[i] := Pt(cx + rr * Cos(t), cy + rr * Sin(t));
  end;
  cr := 190 + rng.I(30); cg := 140 + rng.I(30); cb := 80 + rng.I(30);
  { faint interior wash }
  ps := nil; PolysAdd(ps, outer);
  DrawPolys(img, ps, Round(cr), Round(cg), Round(cb), rng.R(0.10, 0.22), bmMultiply);
  { darker ring: outer minus inner (reversed inner makes a hole under non-zero winding) }
  SetLength(rev, n); for i := 0 to n - 1 do rev[i] := inner[n - 1 - i];
  ps := nil; PolysAdd(ps, outer); PolysAdd(ps, rev);
  DrawPolys(img, ps, Round(cr * 0.9), Round(cg * 0.8), Round(cb * 0.7), rng.R(0.35, 0.6), bmMultiply);
end;

procedure PunchHoles(var img: TImage; dpi: Double; var rng: TRng);
var ps: TPolys; cx, cy1, cy2, r, v: Double; k: Integer;
begin
  cx := 12 * dpi / 25.4 + rng.R(-1, 1) * dpi / 25.4; r := 3 * dpi / 25.4;
  cy1 := img.H / 2 - 40 * dpi / 25.4 + rng.R(-2, 2) * dpi / 25.4; cy2 := cy1 + 80 * dpi / 25.4;
  v := 40 + rng.I(60);
  for k := 0 to 1 do begin
    ps := nil;
    if k = 0 then AddCircle(ps, cx, cy1, r * 1.15) else AddCircle(ps, cx, cy2, r * 1.15);
    DrawPolys(img, ps, 120, 120, 120, 0.35, bmMultiply);
    ps := nil;
    if k = 0 then AddCircle(ps, cx, cy1, r) else AddCircle(ps, cx, cy2, r);
    DrawPolys(img, ps, Round(v), Round(v), Round(v), 1, bmNormal);
  end;
end;

procedure Staple(var img: TImage; dpi: Double; var rng: TRng);
var ps: TPolys; x, y, a, l, w, mm: Double;
begin
  mm := dpi / 25.4;
  x := rng.R(8, 16) * mm; y := rng.R(6, 12) * mm; a := rng.R(-0.9, -0.5); l := 12 * mm; w := 0.9 * mm;
  ps := nil; AddLine(ps, x + 0.4 * mm, y + 0.6 * mm, x + l * Cos(a) + 0.4 * mm, y + l * Sin(a) + 0.6 * mm, w * 1.3, True);
  DrawPolys(img, ps, 90, 90, 90, 0.5, bmMultiply);
  ps := nil; AddLine(ps, x, y, x + l * Cos(a), y + l * Sin(a), w, True);
  DrawPolys(img, ps, 105, 108, 112, 1, bmNormal);
  ps := nil; AddLine(ps, x, y - w * 0.2, x + l * Cos(a), y + l * Sin(a) - w * 0.2, w * 0.3, True);
  DrawPolys(img, ps, 215, 215, 220, 0.8, bmNormal);
end;

procedure Stamp(pg: TPage; face: Integer; cxmm, cymm, angleDeg: Double; const lines: array of string; r, g, b: Byte);
var ps: TPolys; f: TTTFont; i, k, gi, pgl: Integer; sz, lead, wmax, w, x, y, hh, ang, ca, sa: Double;
    o: TOutline; mt, rotm: TMat; m: TMask; fld: TField; xx, yy: Integer; t: Double; tot: string;
begin
  f := Faces[face].Font; pg.NoteFont(face);
  sz := pg.P(4.2); lead := sz * 1.25; wmax := 0;
  for i := 0 to High(lines) do begin
    w := 0; for k := 1 to Length(lines[i]) do w := w + f.Advance(f.GlyphIndex(Ord(lines[i][k]))) * sz / f.UPM;
    wmax := Max(wmax, w);
  end;
  hh := lead * Length(lines) + sz * 0.5;
  ps := nil;
  AddRoundRectOutline(ps, -wmax / 2 - sz * 0.6, -hh / 2 - sz * 0.3, wmax / 2 + sz * 0.6, hh / 2 + sz * 0.3, sz * 0.4, pg.P(0.5));
  AddRoundRectOutline(ps, -wmax / 2 - sz * 0.85, -hh / 2 - sz * 0.55, wmax / 2 + sz * 0.85, hh / 2 + sz * 0.55, sz * 0.5, pg.P(0.3));
  for i := 0 to High(lines) do begin
    w := 0; for k := 1 to Length(lines[i]) do w := w + f.Advance(f.GlyphIndex(Ord(lines[i][k]))) * sz / f.UPM;
    x := -w / 2; y := -hh / 2 + sz * 0.25 + lead * (i + 0.8);
    pgl := -1;
    for k := 1 to Length(lines[i]) do begin
      gi := f.GlyphIndex(Ord(lines[i][k]));
      f.GetOutline(gi, o);
      mt := MatIdent; mt.a := sz / f.UPM; mt.d := -sz / f.UPM; mt.e := x; mt.f := y;
      OutlineToPolys(o, mt, ps);
      x := x + f.Advance(gi) * sz / f.UPM;
      pgl := gi;
    end;
  end;
  ang := angleDeg * Pi / 180; ca := Cos(ang); sa := Sin(ang);
  rotm.a := ca; rotm.b := sa; rotm.c := -sa; rotm.d := ca; rotm.e := pg.P(cxmm); rotm.f := pg.P(cymm);
  TransformPolys(ps, rotm);
  RasterizePolys(ps, 4, m);
  { uneven rubber-stamp ink }
  fld := MakeField(m.W, m.H, Max(4, pg.P(1.5)), pg.Rng);
  for yy := 0 to m.H - 1 do for xx := 0 to m.W - 1 do begin
    t := FieldAt(fld, xx, yy);
    m.A[yy * m.W + xx] := Round(m.A[yy * m.W + xx] * Min(1.0, Max(0.0, 0.35 + t * 0.9)));
  end;
  BlendMask(pg.Img, m, 0, 0, r, g, b, 0.9, bmMultiply);
  tot := '';
  for i := 0 to High(lines) do begin if tot <> '' then tot := tot + ' / '; tot := tot + lines[i]; end;
  pg.Overlays.Add('stamp: ' + tot);
end;

procedure Highlight(pg: TPage; x, y, w, h: Double; r, g, b: Byte);
var ps: TPolys; q: TPoly; n, i: Integer; t: Double;
begin
  n := 24; SetLength(q, 2 * n);
  for i := 0 to n - 1 do begin
    t := i / (n - 1);
    q[i] := Pt(pg.P(x - 1 + (w + 2) * t), pg.P(y - h * 0.15 + pg.Rng.R(-0.3, 0.3)));
    q[2 * n - 1 - i] := Pt(pg.P(x - 1 + (w + 2) * t), pg.P(y + h * 1.15 + pg.Rng.R(-0.3, 0.3)));
  end;
  ps := nil; AddOriented(ps, q);
  DrawPolys(pg.Img, ps, r, g, b, 0.75, bmMultiply);
  pg.Overlays.Add('highlighter');
end;

procedure GreyCast(var img: TImage; amount: Double);
var i: Integer;
begin
  for i := 0 to High(img.P) do img.P[i] := Round(img.P[i] * (1 - amount) + 0);
end;

function ToGrey(const src: TImage): TImage;
var i: Integer;
begin
  if src.C = 1 then Exit(src);
  Result.Alloc(src.W, src.H, 1);
  for i := 0 to src.W * src.H - 1 do
    Result.P[i] := (src.P[i * 3] * 299 + src.P[i * 3 + 1] * 587 + src.P[i * 3 + 2] * 114 + 500) div 1000;
end;

function Threshold(const grey: TImage; var rng: TRng; roughness: Double): TImage;
var hist: array[0..255] of Integer; i, n, acc, lo, hi, t: Integer; v: Double;
begin
  InitG;
  FillChar(hist, SizeOf(hist), 0);
  for i := 0 to High(grey.P) do Inc(hist[grey.P[i]]);
  n := Length(grey.P); acc := 0; lo := 0; hi := 255;
  for i := 0 to 255 do begin Inc(acc, hist[i]); if acc >= n div 200 then begin lo := i; Break; end; end;
  acc := 0;
  for i := 0 to 255 do begin Inc(acc, hist[i]); if acc >= n div 2 then begin hi := i; Break; end; end;
  t := lo + Round((hi - lo) * 0.58);
  Result.Alloc(grey.W, grey.H, 1);
  for i := 0 to High(grey.P) do begin
    v := grey.P[i] + GTab[rng.Next and $FFFF] * roughness;
    if v < t then Result.P[i] := 0 else Result.P[i] := 255;
  end;
end;

procedure FaxBanding(var bw: TImage; var rng: TRng; severity: Double);
var y, x, k, n: Integer;
begin
  n := Round(bw.H * 0.01 * severity);
  for k := 1 to n do begin
    y := rng.I(bw.H - 2);
    case rng.I(3) of
      0: Move(bw.P[y * bw.W], bw.P[(y + 1) * bw.W], bw.W);                 { duplicated row }
      1: FillChar(bw.P[(y + 1) * bw.W], bw.W, 255);                        { dropped row }
    else for x := 0 to bw.W - 1 do if rng.Chance(0.08) then bw.P[(y + 1) * bw.W + x] := 0;   { noise burst }
    end;
  end;
end;

procedure QuantizePalette(const img: TImage; ncol: Integer; grey: Boolean; out idx: TBytes; out pal: TBytes; out npal: Integer);
var i, r, g, b, k: Integer; v: Integer;
begin
  SetLength(idx, img.W * img.H);
  if grey then begin
    npal := ncol; SetLength(pal, npal * 3);
    for k := 0 to npal - 1 do begin v := Round(k * 255 / (npal - 1)); pal[k*3] := v; pal[k*3+1] := v; pal[k*3+2] := v; end;
    for i := 0 to img.W * img.H - 1 do begin
      if img.C = 1 then v := img.P[i] else v := (img.P[i*3] * 299 + img.P[i*3+1] * 587 + img.P[i*3+2] * 114) div 1000;
      idx[i] := Round(v * (npal - 1) / 255);
    end;
  end else begin
    { 6x6x6 colour cube plus 40 extra greys }
    npal := 256; SetLength(pal, 256 * 3);
    for k := 0 to 215 do begin pal[k*3] := (k div 36) * 51; pal[k*3+1] := ((k div 6) mod 6) * 51; pal[k*3+2] := (k mod 6) * 51; end;
    for k := 216 to 255 do begin v := Round((k - 216 + 1) * 255 / 41); pal[k*3] := v; pal[k*3+1] := v; pal[k*3+2] := v; end;
    for i := 0 to img.W * img.H - 1 do begin
      r := img.P[i*3]; g := img.P[i*3+1]; b := img.P[i*3+2];
      if (Abs(r - g) < 10) and (Abs(g - b) < 10) then begin
        v := (r + g + b) div 3;
        k := 216 + ClampI(Round(v * 41 / 255) - 1, 0, 39);
        if Abs(pal[k*3] - v) > Abs(v - ((v + 25) div 51) * 51) then k := ((v + 25) div 51) * 43;
        idx[i] := k;
      end else
        idx[i] := ((r + 25) div 51) * 36 + ((g + 25) div 51) * 6 + ((b + 25) div 51);
    end;
  end;
end;

procedure PaperGrain(var img: TImage; amount: Double; var rng: TRng);
var f: TField; x, y: Integer; v: Double;
begin
  f := MakeField(img.W, img.H, 3, rng);
  for y := 0 to img.H - 1 do for x := 0 to img.W - 1 do begin
    v := 1 - amount * FieldAt(f, x, y);
    MulPixel(img, x, y, v);
  end;
end;

end.
