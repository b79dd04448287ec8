{ ttf.pas - own TrueType parser: cmap (4/12), head, hhea, hmtx, maxp, loca, glyf (simple and
  composite glyphs), kern (format 0). Outlines are returned in font units, y up. }
unit ttf;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, common;

type
  TOPt = record X, Y: Double; On: Boolean; end;
  TOContour = array of TOPt;
  TOutline = array of TOContour;

  TKernPair = record Key: Cardinal; V: SmallInt; end;

  TTTFont = class
  public
    FileName, Family: string;
    Data: TBytes;
    UPM, Ascent, Descent, LineGap: Integer;
    NumGlyphs, NumHMetrics, LocFmt: Integer;
    XMin, YMin, XMax, YMax: Integer;
    Adv: array of Word;
    Kerns: array of TKernPair;
    OffGlyf, LenGlyf, OffLoca, OffCmap4, OffCmap12: LongInt;
    constructor Create(const fn, fam: string);
    function U8(o: LongInt): Byte; inline;
    function U16(o: LongInt): Word; inline;
    function S16(o: LongInt): SmallInt; inline;
    function U32(o: LongInt): Cardinal; inline;
    function FindTable(const tag: AnsiString; out off, len: LongInt): Boolean;
    function GlyphIndex(cp: Cardinal): Integer;
    function Advance(g: Integer): Integer;
    function Kern(l, r: Integer): Integer;
    function HasKern: Boolean;
    procedure GetOutline(g: Integer; out o: TOutline);
  private
    procedure LoadOutline(g: Integer; var o: TOutline; depth: Integer);
    function GlyphOff(g: Integer; out len: LongInt): LongInt;
  end;

var CompositeGlyphsLoaded: Integer = 0;

implementation

function TTTFont.U8(o: LongInt): Byte; begin Result := Data[o]; end;
function TTTFont.U16(o: LongInt): Word; begin Result := (Word(Data[o]) shl 8) or Data[o+1]; end;
function TTTFont.S16(o: LongInt): SmallInt; begin Result := SmallInt(U16(o)); end;
function TTTFont.U32(o: LongInt): Cardinal;
begin Result := (Cardinal(U16(o)) shl 16) or U16(o+2); end;

function TTTFont.FindTable(const tag: AnsiString; out off, len: LongInt): Boolean;
var n, i: Integer; t: LongInt; s: AnsiString;
begin
  n := U16(4);
  for i := 0 to n - 1 do begin
    t := 12 + 16 * i;
    SetLength(s, 4); s[1] := Chr(Data[t]); s[2] := Chr(Data[t+1]); s[3] := Chr(Data[t+2]); s[4] := Chr(Data[t+3]);
    if s = tag then begin off := U32(t + 8); len := U32(t + 12); Exit(True); end;
  end;
  off := 0; len := 0; Result := False;
end;

constructor TTTFont.Create(const fn, fam: string);
var o, l, hh, hm, mp, km, sub: LongInt; i, n, nt, j, np, cov, k: Integer;
    pid, eid, fmt: Integer; so: LongInt; tmp: TKernPair;
begin
  FileName := fn; Family := fam;
  Data := LoadBytes(fn);
  if (U32(0) <> $00010000) and (U32(0) <> $74727565) then
    raise Exception.Create('not a TrueType-outline font: ' + fn);
  if not FindTable('glyf', OffGlyf, LenGlyf) then raise Exception.Create('no glyf: ' + fn);
  if not FindTable('head', o, l) then raise Exception.Create('no head');
  UPM := U16(o + 18);
  XMin := S16(o + 36); YMin := S16(o + 38); XMax := S16(o + 40); YMax := S16(o + 42);
  LocFmt := S16(o + 50);
  if not FindTable('maxp', mp, l) then raise Exception.Create('no maxp');
  NumGlyphs := U16(mp + 4);
  if not FindTable('hhea', hh, l) then raise Exception.Create('no hhea');
  Ascent := S16(hh + 4); Descent := S16(hh + 6); LineGap := S16(hh + 8);
  NumHMetrics := U16(hh + 34);
  if not FindTable('hmtx', hm, l) then raise Exception.Create('no hmtx');
  SetLength(Adv, NumGlyphs);
  for i := 0 to NumGlyphs - 1 do
    if i < NumHMetrics then Adv[i] := U16(hm + 4 * i)
    else Adv[i] := Adv[NumHMetrics - 1];
  if not FindTable('loca', OffLoca, l) then raise Exception.Create('no loca');
  { cmap }
  OffCmap4 := -1; OffCmap12 := -1;
  if not FindTable('cmap', o, l) then raise Exception.Create('no cmap');
  n := U16(o + 2);
  for i := 0 to n - 1 do begin
    pid := U16(o + 4 + 8 * i); eid := U16(o + 6 + 8 * i); so := o + LongInt(U32(o + 8 + 8 * i));
    fmt := U16(so);
    if (fmt = 4) and ((pid = 0) or ((pid = 3) and (eid = 1))) and (OffCmap4 < 0) then OffCmap4 := so;
    if (fmt = 12) and ((pid = 0) or ((pid = 3) and (eid = 10))) and (OffCmap12 < 0) then OffCmap12 := so;
  end;
  if (OffCmap4 < 0) and (OffCmap12 < 0) then raise Exception.Create('no unicode cmap: ' + fn);
  { kern, Microsoft version 0, format 0 subtables, horizontal only }
  SetLength(Kerns, 0);
  if FindTable('kern', km, l) and (U16(km) = 0) then begin
    nt := U16(km + 2); sub := km + 4;
    for j := 0 to nt - 1 do begin
      cov := U16(sub + 4);
      if ((cov shr 8) = 0) and ((cov and 1) = 1) and ((cov and 4) = 0) then begin
        np := U16(sub + 6);
        k := Length(Kerns); SetLength(Kerns, k + np);
        for i := 0 to np - 1 do begin
          Kerns[k+i].Key := (Cardinal(U16(sub + 14 + 6*i)) shl 16) or U16(sub + 16 + 6*i);
          Kerns[k+i].V := S16(sub + 18 + 6*i);
        end;
      end;
      sub := sub + U16(sub + 2);
    end;
    { pairs are normally sorted; sort anyway (insertion sort is fine on sorted input) }
    for i := 1 to High(Kerns) do begin
      tmp := Kerns[i]; j := i - 1;
      while (j >= 0) and (Kerns[j].Key > tmp.Key) do begin Kerns[j+1] := Kerns[j]; Dec(j); end;
      Kerns[j+1] := tmp;
    end;
  end;
end;

function TTTFont.HasKern: Boolean; begin Result := Length(Kerns) > 0; end;

function TTTFont.GlyphIndex(cp: Cardinal): Integer;
var segx2, i, lo, hi, mid: Integer; e, s, ro: Cardinal; d: SmallInt; a: LongInt; ng: Cardinal;
    st, en: Cardinal;
begin
  Result := 0;
  if OffCmap12 >= 0 then begin
    ng := U32(OffCmap12 + 12);
    lo := 0; hi := Integer(ng) - 1;
    while lo <= hi do begin
      mid := (lo + hi) div 2;
      st := U32(OffCmap12 + 16 + 12 * mid); en := U32(OffCmap12 + 20 + 12 * mid);
      if cp < st then hi := mid - 1
      else if cp > en then lo := mid + 1
      else Exit(Integer(U32(OffCmap12 + 24 + 12 * mid) + (cp - st)));
    end;
    Exit(0);
  end;
  if cp > $FFFF then Exit(0);
  segx2 := U16(OffCmap4 + 6);
  for i := 0 to segx2 div 2 - 1 do begin
    e := U16(OffCmap4 + 14 + 2 * i);
    if e >= cp then begin
      s := U16(OffCmap4 + 16 + segx2 + 2 * i);
      if s > cp then Exit(0);
      d := S16(OffCmap4 + 16 + 2 * segx2 + 2 * i);
      ro := U16(OffCmap4 + 16 + 3 * segx2 + 2 * i);
      if ro = 0 then Exit((Integer(cp) + d) and $FFFF);
      a := OffCmap4 + 16 + 3 * segx2 + 2 * i + LongInt(ro) + 2 * LongInt(cp - s);
      Result := U16(a);
      if Result <> 0 then Result := (Result + d) and $FFFF;
      Exit;
    end;
  end;
end;

function TTTFont.Advance(g: Integer): Integer;
begin
  if (g < 0) or (g >= NumGlyphs) then Exit(0);
  Result := Adv[g];
end;

function TTTFont.Kern(l, r: Integer): Integer;
var key: Cardinal; lo, hi, mid: Integer;
begin
  Result := 0;
  if Length(Kerns) = 0 then Exit;
  key := (Cardinal(l) shl 16) or Cardinal(r);
  lo := 0; hi := High(Kerns);
  while lo <= hi do begin
    mid := (lo + hi) div 2;
    if Kerns[mid].Key < key then lo := mid + 1
    else if Kerns[mid].Key > key then hi := mid - 1
    else Exit(Kerns[mid].V);
  end;
end;

function TTTFont.GlyphOff(g: Integer; out len: LongInt): LongInt;
var a, b: LongInt;
begin
  if LocFmt = 0 then begin a := 2 * LongInt(U16(OffLoca + 2*g)); b := 2 * LongInt(U16(OffLoca + 2*g + 2)); end
  else begin a := U32(OffLoca + 4*g); b := U32(OffLoca + 4*g + 4); end;
  len := b - a; Result := OffGlyf + a;
end;

procedure TTTFont.GetOutline(g: Integer; out o: TOutline);
begin
  o := nil;
  if (g < 0) or (g >= NumGlyphs) then Exit;
  LoadOutline(g, o, 0);
end;

procedure TTTFont.LoadOutline(g: Integer; var o: TOutline; depth: Integer);
var off, len, p: LongInt; nc, i, j, npts, ilen, k, rep, base: Integer;
    ends: array of Integer; flags: array of Byte; xs, ys: array of Integer;
    fl: Byte; v: Integer; cflags, cg: Integer; a1, a2: Integer;
    sa, sb, sc, sd, dx, dy: Double; sub: TOutline; pt: TOPt; x, y: Double;
    allpts: array of TOPt; ci, cnt: Integer;
begin
  if depth > 8 then Exit;
  off := GlyphOff(g, len);
  if len <= 0 then Exit;
  nc := S16(off);
  if nc >= 0 then begin
    SetLength(ends, nc);
    for i := 0 to nc - 1 do ends[i] := U16(off + 10 + 2*i);
    if nc = 0 then Exit;
    npts := ends[nc-1] + 1;
    ilen := U16(off + 10 + 2*nc);
    p := off + 12 + 2*nc + ilen;
    SetLength(flags, npts); SetLength(xs, npts); SetLength(ys, npts);
    i := 0;
    while i < npts do begin
      fl := U8(p); Inc(p);
      flags[i] := fl; Inc(i);
      if (fl and 8) <> 0 then begin
        rep := U8(p); Inc(p);
        for k := 1 to rep do if i < npts then begin flags[i] := fl; Inc(i); end;
      end;
    end;
    v := 0;
    for i := 0 to npts - 1 do begin
      fl := flags[i];
      if (fl and 2) <> 0 then begin
        if (fl and 16) <> 0 then v := v + U8(p) else v := v - U8(p);
        Inc(p);
      end else if (fl and 16) = 0 then begin v := v + S16(p); Inc(p, 2); end;
      xs[i] := v;
    end;
    v := 0;
    for i := 0 to npts - 1 do begin
      fl := flags[i];
      if (fl and 4) <> 0 then begin
        if (fl and 32) <> 0 then v := v + U8(p) else v := v - U8(p);
        Inc(p);
      end else if (fl and 32) = 0 then begin v := v + S16(p); Inc(p, 2); end;
      ys[i] := v;
    end;
    base := Length(o); SetLength(o, base + nc);
    k := 0;
    for i := 0 to nc - 1 do begin
      SetLength(o[base+i], ends[i] - k + 1);
      for j := k to ends[i] do begin
        o[base+i][j-k].X := xs[j]; o[base+i][j-k].Y := ys[j]; o[base+i][j-k].On := (flags[j] and 1) <> 0;
      end;
      k := ends[i] + 1;
    end;
  end else begin
    { composite glyph }
    Inc(CompositeGlyphsLoaded);
    p := off + 10;
    repeat
      cflags := U16(p); cg := U16(p + 2); Inc(p, 4);
      if (cflags and 1) <> 0 then begin a1 := S16(p); a2 := S16(p+2); Inc(p, 4); end
      else begin a1 := ShortInt(U8(p)); a2 := ShortInt(U8(p+1)); Inc(p, 2); end;
      sa := 1; sb := 0; sc := 0; sd := 1;
      if (cflags and 8) <> 0 then begin sa := S16(p) / 16384; sd := sa; Inc(p, 2); end
      else if (cflags and $40) <> 0 then begin sa := S16(p) / 16384; sd := S16(p+2) / 16384; Inc(p, 4); end
      else if (cflags and $80) <> 0 then begin
        sa := S16(p) / 16384; sb := S16(p+2) / 16384; sc := S16(p+4) / 16384; sd := S16(p+6) / 16384; Inc(p, 8);
      end;
      sub := nil;
      LoadOutline(cg, sub, depth + 1);
      { transform component points }
      for i := 0 to High(sub) do
        for j := 0 to High(sub[i]) do begin
          x := sub[i][j].X; y := sub[i][j].Y;
          sub[i][j].X := sa * x + sc * y; sub[i][j].Y := sb * x + sd * y;
        end;
      if (cflags and 2) <> 0 then begin dx := a1; dy := a2; end
      else begin
        { point matching: parent point a1 aligns with child point a2 }
        SetLength(allpts, 0); cnt := 0;
        for ci := 0 to High(o) do for j := 0 to High(o[ci]) do begin
          SetLength(allpts, cnt + 1); allpts[cnt] := o[ci][j]; Inc(cnt); end;
        dx := 0; dy := 0;
        if (a1 < cnt) then begin
          k := 0;
          for ci := 0 to High(sub) do for j := 0 to High(sub[ci]) do begin
            if k = a2 then begin dx := allpts[a1].X - sub[ci][j].X; dy := allpts[a1].Y - sub[ci][j].Y; end;
            Inc(k);
          end;
        end;
      end;
      base := Length(o); SetLength(o, base + Length(sub));
      for i := 0 to High(sub) do begin
        SetLength(o[base+i], Length(sub[i]));
        for j := 0 to High(sub[i]) do begin
          pt := sub[i][j]; pt.X := pt.X + dx; pt.Y := pt.Y + dy; o[base+i][j] := pt;
        end;
      end;
    until (cflags and $20) = 0;
  end;
end;

end.
