{ raster.pas - own path flattening, anti-aliased scanline rasteriser (non-zero winding,
  sub-scanlines with exact horizontal span coverage), stroking helpers, glyph mask cache,
  and compositing onto byte images. }
unit raster;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, Math, common, ttf;

type
  TPtD = record X, Y: Double; end;
  TPoly = array of TPtD;
  TPolys = array of TPoly;
  TMask = record W, H, X0, Y0: Integer; A: TBytes; end;
  TBlend = (bmNormal, bmMultiply, bmLighten);
  TMat = record a, b, c, d, e, f: Double; end;  { x' = a*x + c*y + e ; y' = b*x + d*y + f }

function Pt(x, y: Double): TPtD; inline;
function MatIdent: TMat;
function MatApply(const m: TMat; x, y: Double): TPtD; inline;

procedure RasterizePolys(const ps: TPolys; ss: Integer; out m: TMask);
procedure FlattenQuad(var poly: TPoly; var n: Integer; const p0, p1, p2: TPtD);
procedure FlattenCubic(var poly: TPoly; var n: Integer; const p0, p1, p2, p3: TPtD);
procedure OutlineToPolys(const o: TOutline; const m: TMat; var ps: TPolys);

procedure PolysAdd(var ps: TPolys; const p: TPoly);
procedure AddOriented(var ps: TPolys; const p: TPoly);
procedure AddCircle(var ps: TPolys; cx, cy, r: Double);
procedure AddEllipse(var ps: TPolys; cx, cy, rx, ry, rot: Double);
procedure AddLine(var ps: TPolys; x0, y0, x1, y1, w: Double; roundCaps: Boolean);
procedure AddLineVar(var ps: TPolys; x0, y0, x1, y1, w0, w1: Double);
procedure AddRect(var ps: TPolys; x0, y0, x1, y1: Double);
procedure AddRectOutline(var ps: TPolys; x0, y0, x1, y1, w: Double);
procedure AddPolyline(var ps: TPolys; const pts: TPoly; w: Double);
procedure AddCubicStroke(var ps: TPolys; const p0, p1, p2, p3: TPtD; w0, w1: Double);
procedure AddRoundRectOutline(var ps: TPolys; x0, y0, x1, y1, rad, w: Double);
procedure TransformPolys(var ps: TPolys; const m: TMat);

procedure BlendMask(var img: TImage; const m: TMask; dx, dy: Integer; r, g, b: Byte; alpha: Double; mode: TBlend);
procedure DrawPolys(var img: TImage; const ps: TPolys; r, g, b: Byte; alpha: Double; mode: TBlend);
procedure FillRectFast(var img: TImage; x0, y0, x1, y1: Integer; r, g, b: Byte; alpha: Double; mode: TBlend);

{ glyph mask cache }
function GlyphMask(fid: Integer; f: TTTFont; g: Integer; sizePx: Double; subx: Integer): Integer;
function CachedMask(idx: Integer): TMask;
function CachedGlyphCount: Integer;
procedure RenderGlyphMask(f: TTTFont; g: Integer; const m: TMat; ss: Integer; out mk: TMask);

implementation

function Pt(x, y: Double): TPtD; inline; begin Result.X := x; Result.Y := y; end;
function MatIdent: TMat;
begin Result.a := 1; Result.b := 0; Result.c := 0; Result.d := 1; Result.e := 0; Result.f := 0; end;
function MatApply(const m: TMat; x, y: Double): TPtD; inline;
begin Result.X := m.a * x + m.c * y + m.e; Result.Y := m.b * x + m.d * y + m.f; end;

type
  TEdge = record x0, y0, x1, y1, dxdy: Double; dir: Integer; end;

procedure SortEdges(var e: array of TEdge; lo, hi: Integer);
var i, j: Integer; p: Double; t: TEdge;
begin
  while lo < hi do begin
    i := lo; j := hi; p := e[(lo + hi) div 2].y0;
    repeat
      while e[i].y0 < p do Inc(i);
      while e[j].y0 > p do Dec(j);
      if i <= j then begin t := e[i]; e[i] := e[j]; e[j] := t; Inc(i); Dec(j); end;
    until i > j;
    if j - lo < hi - i then begin SortEdges(e, lo, j); lo := i; end
    else begin SortEdges(e, i, hi); hi := j; end;
  end;
end;

procedure RasterizePolys(const ps: TPolys; ss: Integer; out m: TMask);
var edges: array of TEdge; ne, i, j, k, n, row, s, nact, nx, ep, w: Integer;
    minx, miny, maxx, maxy, ys, xa, xb, inv: Double; active: array of Integer;
    xs: array of Double; ds: array of Integer; acc: array of Single;
    wind, ia, ib, t: Integer; tx: Double; td: Integer; a, b: TPtD; v: Single;
begin
  m.W := 0; m.H := 0; m.X0 := 0; m.Y0 := 0; m.A := nil;
  ne := 0; minx := 1e30; miny := 1e30; maxx := -1e30; maxy := -1e30;
  n := 0; for i := 0 to High(ps) do Inc(n, Length(ps[i]));
  SetLength(edges, n);
  for i := 0 to High(ps) do begin
    k := Length(ps[i]);
    for j := 0 to k - 1 do begin
      a := ps[i][j]; b := ps[i][(j + 1) mod k];
      if a.X < minx then minx := a.X; if a.X > maxx then maxx := a.X;
      if a.Y < miny then miny := a.Y; if a.Y > maxy then maxy := a.Y;
      if a.Y = b.Y then Continue;
      if a.Y < b.Y then begin
        edges[ne].x0 := a.X; edges[ne].y0 := a.Y; edges[ne].x1 := b.X; edges[ne].y1 := b.Y; edges[ne].dir := 1;
      end else begin
        edges[ne].x0 := b.X; edges[ne].y0 := b.Y; edges[ne].x1 := a.X; edges[ne].y1 := a.Y; edges[ne].dir := -1;
      end;
      edges[ne].dxdy := (edges[ne].x1 - edges[ne].x0) / (edges[ne].y1 - edges[ne].y0);
      Inc(ne);
    end;
  end;
  if (ne = 0) or (maxx <= minx) then Exit;
  if ne > 1 then SortEdges(edges, 0, ne - 1);
  m.X0 := Floor(minx); m.Y0 := Floor(miny);
  m.W := Floor(maxx) - m.X0 + 2; m.H := Floor(maxy) - m.Y0 + 2;
  SetLength(m.A, m.W * m.H); FillChar(m.A[0], Length(m.A), 0);
  SetLength(acc, m.W + 2); SetLength(active, ne); SetLength(xs, 64); SetLength(ds, 64);
  inv := 1.0 / ss; nact := 0; ep := 0; w := m.W;
  for row := 0 to m.H - 1 do begin
    { update active edge list for this pixel row }
    while (ep < ne) and (edges[ep].y0 < m.Y0 + row + 1) do begin active[nact] := ep; Inc(nact); Inc(ep); end;
    j := 0;
    for i := 0 to nact - 1 do if edges[active[i]].y1 > m.Y0 + row then begin active[j] := active[i]; Inc(j); end;
    nact := j;
    if nact = 0 then Continue;
    for i := 0 to w + 1 do acc[i] := 0;
    for s := 0 to ss - 1 do begin
      ys := m.Y0 + row + (s + 0.5) * inv;
      nx := 0;
      for i := 0 to nact - 1 do with edges[active[i]] do
        if (ys >= y0) and (ys < y1) then begin
          if nx >= Length(xs) then begin SetLength(xs, nx * 2); SetLength(ds, nx * 2); end;
          xs[nx] := x0 + (ys - y0) * dxdy - m.X0; ds[nx] := dir; Inc(nx);
        end;
      if nx < 2 then Continue;
      for i := 1 to nx - 1 do begin
        tx := xs[i]; td := ds[i]; t := i - 1;
        while (t >= 0) and (xs[t] > tx) do begin xs[t+1] := xs[t]; ds[t+1] := ds[t]; Dec(t); end;
        xs[t+1] := tx; ds[t+1] := td;
      end;
      wind := 0; xa := 0;
      for i := 0 to nx - 1 do begin
        if wind = 0 then xa := xs[i];
        wind := wind + ds[i];
        if wind = 0 then begin
          xb := xs[i];
          if xb > xa then begin
            if xa < 0 then xa := 0; if xb > w then xb := w;
            ia := Floor(xa); ib := Floor(xb);
            if ia = ib then acc[ia] := acc[ia] + (xb - xa) * inv
            else begin
              acc[ia] := acc[ia] + (ia + 1 - xa) * inv;
              for t := ia + 1 to ib - 1 do acc[t] := acc[t] + inv;
              acc[ib] := acc[ib] + (xb - ib) * inv;
            end;
          end;
        end;
      end;
    end;
    for i := 0 to w - 1 do begin
      v := acc[i];
      if v > 0 then begin
        if v >= 1 then m.A[row * w + i] := 255 else m.A[row * w + i] := Round(v * 255);
      end;
    end;
  end;
end;

procedure PushPt(var poly: TPoly; var n: Integer; x, y: Double); inline;
begin
  if n >= Length(poly) then SetLength(poly, n * 2 + 16);
  poly[n].X := x; poly[n].Y := y; Inc(n);
end;

procedure FlattenQuad(var poly: TPoly; var n: Integer; const p0, p1, p2: TPtD);
var dd: Double; k, i: Integer; t, u: Double;
begin
  dd := Hypot(p0.X - 2 * p1.X + p2.X, p0.Y - 2 * p1.Y + p2.Y);
  k := Ceil(Sqrt(dd * 2.5)); if k < 1 then k := 1; if k > 64 then k := 64;
  for i := 1 to k do begin
    t := i / k; u := 1 - t;
    PushPt(poly, n, u*u*p0.X + 2*u*t*p1.X + t*t*p2.X, u*u*p0.Y + 2*u*t*p1.Y + t*t*p2.Y);
  end;
end;

procedure FlattenCubic(var poly: TPoly; var n: Integer; const p0, p1, p2, p3: TPtD);
var dd: Double; k, i: Integer; t, u: Double;
begin
  dd := Max(Hypot(p0.X - 2*p1.X + p2.X, p0.Y - 2*p1.Y + p2.Y), Hypot(p1.X - 2*p2.X + p3.X, p1.Y - 2*p2.Y + p3.Y));
  k := Ceil(Sqrt(dd * 7.5)); if k < 1 then k := 1; if k > 128 then k := 128;
  for i := 1 to k do begin
    t := i / k; u := 1 - t;
    PushPt(poly, n, u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
                    u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y);
  end;
end;

procedure OutlineToPolys(const o: TOutline; const m: TMat; var ps: TPolys);
var ci, n, i, np, st, k: Integer; c: TOContour; poly: TPoly; cur, p, q, start, mid: TPtD;
    pts: array of TPtD; ons: array of Boolean;
begin
  for ci := 0 to High(o) do begin
    c := o[ci]; np := Length(c);
    if np < 2 then Continue;
    SetLength(pts, np); SetLength(ons, np);
    for i := 0 to np - 1 do begin pts[i] := MatApply(m, c[i].X, c[i].Y); ons[i] := c[i].On; end;
    { choose start point }
    st := -1;
    for i := 0 to np - 1 do if ons[i] then begin st := i; Break; end;
    poly := nil; n := 0;
    if st < 0 then begin
      start.X := (pts[np-1].X + pts[0].X) / 2; start.Y := (pts[np-1].Y + pts[0].Y) / 2; st := 0;
      { all off-curve: walk from point 0 with implied midpoints }
      cur := start; PushPt(poly, n, cur.X, cur.Y);
      for k := 0 to np - 1 do begin
        p := pts[k]; q := pts[(k + 1) mod np];
        mid.X := (p.X + q.X) / 2; mid.Y := (p.Y + q.Y) / 2;
        FlattenQuad(poly, n, cur, p, mid); cur := mid;
      end;
    end else begin
      start := pts[st]; cur := start; PushPt(poly, n, cur.X, cur.Y);
      k := 1;
      while k <= np do begin
        i := (st + k) mod np;
        if ons[i] then begin PushPt(poly, n, pts[i].X, pts[i].Y); cur := pts[i]; Inc(k); end
        else begin
          p := pts[i]; q := pts[(i + 1) mod np];
          if ons[(i + 1) mod np] then begin FlattenQuad(poly, n, cur, p, q); cur := q; Inc(k, 2); end
          else begin
            mid.X := (p.X + q.X) / 2; mid.Y := (p.Y + q.Y) / 2;
            FlattenQuad(poly, n, cur, p, mid); cur := mid; Inc(k);
          end;
        end;
      end;
    end;
    SetLength(poly, n);
    PolysAdd(ps, poly);
  end;
end;

procedure PolysAdd(var ps: TPolys; const p: TPoly);
begin
  SetLength(ps, Length(ps) + 1); ps[High(ps)] := p;
end;

function SignedArea(const p: TPoly): Double;
var i, j: Integer;
begin
  Result := 0;
  for i := 0 to High(p) do begin j := (i + 1) mod Length(p); Result := Result + p[i].X * p[j].Y - p[j].X * p[i].Y; end;
  Result := Result / 2;
end;

procedure AddOriented(var ps: TPolys; const p: TPoly);
var q: TPoly; i: Integer;
begin
  if Length(p) < 3 then Exit;
  if SignedArea(p) < 0 then begin
    SetLength(q, Length(p)); for i := 0 to High(p) do q[i] := p[High(p) - i];
    PolysAdd(ps, q);
  end else PolysAdd(ps, p);
end;

procedure AddEllipse(var ps: TPolys; cx, cy, rx, ry, rot: Double);
var n, i: Integer; p: TPoly; t, cr, sr, x, y: Double;
begin
  n := Ceil(Max(rx, ry) * 1.5) + 8; if n > 720 then n := 720;
  SetLength(p, n); cr := Cos(rot); sr := Sin(rot);
  for i := 0 to n - 1 do begin
    t := 2 * Pi * i / n; x := rx * Cos(t); y := ry * Sin(t);
    p[i].X := cx + x * cr - y * sr; p[i].Y := cy + x * sr + y * cr;
  end;
  AddOriented(ps, p);
end;

procedure AddCircle(var ps: TPolys; cx, cy, r: Double);
begin AddEllipse(ps, cx, cy, r, r, 0); end;

procedure AddLine(var ps: TPolys; x0, y0, x1, y1, w: Double; roundCaps: Boolean);
begin
  AddLineVar(ps, x0, y0, x1, y1, w, w);
  if roundCaps then begin AddCircle(ps, x0, y0, w / 2); AddCircle(ps, x1, y1, w / 2); end;
end;

procedure AddLineVar(var ps: TPolys; x0, y0, x1, y1, w0, w1: Double);
var dx, dy, l, nx, ny: Double; p: TPoly;
begin
  dx := x1 - x0; dy := y1 - y0; l := Hypot(dx, dy);
  if l < 1e-9 then Exit;
  nx := -dy / l; ny := dx / l;
  SetLength(p, 4);
  p[0] := Pt(x0 + nx * w0 / 2, y0 + ny * w0 / 2);
  p[1] := Pt(x1 + nx * w1 / 2, y1 + ny * w1 / 2);
  p[2] := Pt(x1 - nx * w1 / 2, y1 - ny * w1 / 2);
  p[3] := Pt(x0 - nx * w0 / 2, y0 - ny * w0 / 2);
  AddOriented(ps, p);
end;

procedure AddRect(var ps: TPolys; x0, y0, x1, y1: Double);
var p: TPoly;
begin
  SetLength(p, 4); p[0] := Pt(x0, y0); p[1] := Pt(x1, y0); p[2] := Pt(x1, y1); p[3] := Pt(x0, y1);
  AddOriented(ps, p);
end;

procedure AddRectOutline(var ps: TPolys; x0, y0, x1, y1, w: Double);
var h: Double;
begin
  h := w / 2;
  AddRect(ps, x0 - h, y0 - h, x1 + h, y0 + h);
  AddRect(ps, x0 - h, y1 - h, x1 + h, y1 + h);
  AddRect(ps, x0 - h, y0 + h, x0 + h, y1 - h);
  AddRect(ps, x1 - h, y0 + h, x1 + h, y1 - h);
end;

procedure AddPolyline(var ps: TPolys; const pts: TPoly; w: Double);
var i: Integer;
begin
  for i := 0 to High(pts) - 1 do AddLine(ps, pts[i].X, pts[i].Y, pts[i+1].X, pts[i+1].Y, w, False);
  for i := 0 to High(pts) do AddCircle(ps, pts[i].X, pts[i].Y, w / 2);
end;

procedure AddCubicStroke(var ps: TPolys; const p0, p1, p2, p3: TPtD; w0, w1: Double);
var poly: TPoly; n, i: Integer; wa, wb: Double;
begin
  poly := nil; n := 0; PushPt(poly, n, p0.X, p0.Y);
  FlattenCubic(poly, n, p0, p1, p2, p3);
  for i := 0 to n - 2 do begin
    wa := w0 + (w1 - w0) * i / (n - 1); wb := w0 + (w1 - w0) * (i + 1) / (n - 1);
    AddLineVar(ps, poly[i].X, poly[i].Y, poly[i+1].X, poly[i+1].Y, wa, wb);
    if i > 0 then AddEllipse(ps, poly[i].X, poly[i].Y, wa / 2, wa / 2, 0);
  end;
end;

procedure AddRoundRectOutline(var ps: TPolys; x0, y0, x1, y1, rad, w: Double);
var pts: TPoly; n, i, k: Integer; cx, cy, a0, t: Double;
begin
  pts := nil; n := 0;
  for k := 0 to 3 do begin
    case k of
      0: begin cx := x1 - rad; cy := y0 + rad; a0 := -Pi / 2; end;
      1: begin cx := x1 - rad; cy := y1 - rad; a0 := 0; end;
      2: begin cx := x0 + rad; cy := y1 - rad; a0 := Pi / 2; end;
    else begin cx := x0 + rad; cy := y0 + rad; a0 := Pi; end;
    end;
    for i := 0 to 8 do begin t := a0 + (Pi / 2) * i / 8; PushPt(pts, n, cx + rad * Cos(t), cy + rad * Sin(t)); end;
  end;
  PushPt(pts, n, pts[0].X, pts[0].Y);
  SetLength(pts, n);
  for i := 0 to n - 2 do AddLine(ps, pts[i].X, pts[i].Y, pts[i+1].X, pts[i+1].Y, w, False);
  for i := 0 to n - 1 do if i mod 9 = 0 then AddCircle(ps, pts[i].X, pts[i].Y, w / 2);
end;

procedure TransformPolys(var ps: TPolys; const m: TMat);
var i, j: Integer; q: TPtD;
begin
  for i := 0 to High(ps) do for j := 0 to High(ps[i]) do begin
    q := MatApply(m, ps[i][j].X, ps[i][j].Y); ps[i][j] := q;
  end;
end;

procedure BlendMask(var img: TImage; const m: TMask; dx, dy: Integer; r, g, b: Byte; alpha: Double; mode: TBlend);
var x, y, xi, yi, x0, x1, y0, y1, al, a, lum: Integer; p: PByte; src: PByte;
begin
  if (m.W = 0) or (alpha <= 0) then Exit;
  al := Round(alpha * 256);
  x0 := Max(0, -(m.X0 + dx)); x1 := Min(m.W - 1, img.W - 1 - (m.X0 + dx));
  y0 := Max(0, -(m.Y0 + dy)); y1 := Min(m.H - 1, img.H - 1 - (m.Y0 + dy));
  lum := (r * 299 + g * 587 + b * 114) div 1000;
  for y := y0 to y1 do begin
    yi := m.Y0 + dy + y;
    src := @m.A[y * m.W];
    for x := x0 to x1 do begin
      a := src[x];
      if a = 0 then Continue;
      a := (a * al) shr 8;
      xi := m.X0 + dx + x;
      if img.C = 1 then begin
        p := @img.P[yi * img.W + xi];
        case mode of
          bmNormal: p^ := p^ + ((lum - p^) * a) div 255;
          bmMultiply: p^ := p^ - (p^ * a * (255 - lum)) div 65025;
          bmLighten: if lum > p^ then p^ := p^ + ((lum - p^) * a) div 255;
        end;
      end else begin
        p := @img.P[(yi * img.W + xi) * 3];
        case mode of
          bmNormal: begin
            p[0] := p[0] + ((r - p[0]) * a) div 255;
            p[1] := p[1] + ((g - p[1]) * a) div 255;
            p[2] := p[2] + ((b - p[2]) * a) div 255;
          end;
          bmMultiply: begin
            p[0] := p[0] - (p[0] * a * (255 - r)) div 65025;
            p[1] := p[1] - (p[1] * a * (255 - g)) div 65025;
            p[2] := p[2] - (p[2] * a * (255 - b)) div 65025;
          end;
          bmLighten: begin
            if r > p[0] then p[0] := p[0] + ((r - p[0]) * a) div 255;
            if g > p[1] then p[1] := p[1] + ((g - p[1]) * a) div 255;
            if b > p[2] then p[2] := p[2] + ((b - p[2]) * a) div 255;
          end;
        end;
      end;
    end;
  end;
end;

procedure DrawPolys(var img: TImage; const ps: TPolys; r, g, b: Byte; alpha: Double; mode: TBlend);
var m: TMask;
begin
  if Length(ps) = 0 then Exit;
  RasterizePolys(ps, 4, m);
  BlendMask(img, m, 0, 0, r, g, b, alpha, mode);
end;

procedure FillRectFast(var img: TImage; x0, y0, x1, y1: Integer; r, g, b: Byte; alpha: Double; mode: TBlend);
var m: TMask;
begin
  x0 := Max(0, x0); y0 := Max(0, y0); x1 := Min(img.W, x1); y1 := Min(img.H, y1);
  if (x1 <= x0) or (y1 <= y0) then Exit;
  m.W := x1 - x0; m.H := y1 - y0; m.X0 := x0; m.Y0 := y0;
  SetLength(m.A, m.W * m.H); FillChar(m.A[0], Length(m.A), 255);
  BlendMask(img, m, 0, 0, r, g, b, alpha, mode);
end;

procedure RenderGlyphMask(f: TTTFont; g: Integer; const m: TMat; ss: Integer; out mk: TMask);
var o: TOutline; ps: TPolys;
begin
  f.GetOutline(g, o); ps := nil;
  OutlineToPolys(o, m, ps);
  RasterizePolys(ps, ss, mk);
end;

{ ---- glyph cache: open addressing hash table keyed by (font, size, glyph, subpixel) ---- }
var
  CacheKeys: array of QWord;
  CacheVals: array of Integer;
  Masks: array of TMask;
  NMasks: Integer = 0;

function CachedMask(idx: Integer): TMask; begin Result := Masks[idx]; end;
function CachedGlyphCount: Integer; begin Result := NMasks; end;

procedure CacheGrow;
var ok: array of QWord; ov: array of Integer; i, h, cap: Integer;
begin
  ok := CacheKeys; ov := CacheVals;
  if Length(ok) = 0 then cap := 1 shl 14 else cap := Length(ok) * 2;
  SetLength(CacheKeys, cap); SetLength(CacheVals, cap);
  for i := 0 to cap - 1 do CacheKeys[i] := 0;
  for i := 0 to High(ok) do if ok[i] <> 0 then begin
    h := Integer((ok[i] * QWord($9E3779B97F4A7C15)) shr 40) and (cap - 1);
    while CacheKeys[h] <> 0 do h := (h + 1) and (cap - 1);
    CacheKeys[h] := ok[i]; CacheVals[h] := ov[i];
  end;
end;

function GlyphMask(fid: Integer; f: TTTFont; g: Integer; sizePx: Double; subx: Integer): Integer;
var key: QWord; h, cap, sq: Integer; mt: TMat; sc: Double;
begin
  sq := Round(sizePx * 16);
  key := (QWord(fid + 1) shl 56) or (QWord(sq) shl 24) or (QWord(g) shl 4) or QWord(subx);
  if (Length(CacheKeys) = 0) or (NMasks * 2 >= Length(CacheKeys)) then CacheGrow;
  cap := Length(CacheKeys);
  h := Integer((key * QWord($9E3779B97F4A7C15)) shr 40) and (cap - 1);
  while CacheKeys[h] <> 0 do begin
    if CacheKeys[h] = key then Exit(CacheVals[h]);
    h := (h + 1) and (cap - 1);
  end;
  sc := (sq / 16) / f.UPM;
  mt := MatIdent; mt.a := sc; mt.d := -sc; mt.e := subx / 4; mt.f := 0;
  if NMasks >= Length(Masks) then SetLength(Masks, NMasks * 2 + 256);
  RenderGlyphMask(f, g, mt, 5, Masks[NMasks]);
  CacheKeys[h] := key; CacheVals[h] := NMasks;
  Result := NMasks; Inc(NMasks);
end;

end.
