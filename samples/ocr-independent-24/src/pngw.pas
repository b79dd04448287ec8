{ pngw.pas - own PNG writer: greyscale / RGB / palette (8 or 4 bit), pHYs, adaptive filtering,
  optional Adam7 interlacing; chunks and CRCs from common.pas }
unit pngw;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, common;

type
  TPngKind = (pkGrey, pkRGB, pkPal8, pkPal4);

{ img: C=1 or 3. For palette kinds, idx holds palette indices (one byte per pixel) and pal the RGB table }
function EncodePNG(const img: TImage; kind: TPngKind; const idx: TBytes; const pal: TBytes; npal: Integer;
                   dpiX, dpiY: Double; interlace: Boolean): TBytes;

implementation

procedure Chunk(var o: TBuf; const typ: AnsiString; const data: TBytes; len: Integer);
var crc: Cardinal; st: Integer;
begin
  o.W32BE(len);
  st := o.N;
  o.Str(typ);
  o.Bytes(data, 0, len);
  crc := Crc32Update(0, @o.D[st], len + 4);
  o.W32BE(crc);
end;

function Paeth(a, b, c: Integer): Integer; inline;
var p, pa, pb, pc: Integer;
begin
  p := a + b - c; pa := Abs(p - a); pb := Abs(p - b); pc := Abs(p - c);
  if (pa <= pb) and (pa <= pc) then Result := a else if pb <= pc then Result := b else Result := c;
end;

{ filter rows of a (sub)image given as raw scanlines (without filter byte) into out buffer }
procedure FilterRows(const raw: TBytes; rows, rowLen, bpp: Integer; var o: TBuf);
var y, x, f, best, a, b, c, v: Integer; sum, bestSum: Int64; cand: array[0..4] of TBytes;
    cur, prev: PByte; zero: TBytes;
begin
  SetLength(zero, rowLen + 1);
  for f := 0 to 4 do SetLength(cand[f], rowLen);
  for y := 0 to rows - 1 do begin
    cur := @raw[y * rowLen];
    if y > 0 then prev := @raw[(y - 1) * rowLen] else prev := @zero[0];
    best := 0; bestSum := High(Int64);
    for f := 0 to 4 do begin
      sum := 0;
      for x := 0 to rowLen - 1 do begin
        if x >= bpp then a := cur[x - bpp] else a := 0;
        b := prev[x];
        if x >= bpp then c := prev[x - bpp] else c := 0;
        case f of
          0: v := cur[x];
          1: v := cur[x] - a;
          2: v := cur[x] - b;
          3: v := cur[x] - ((a + b) shr 1);
        else v := cur[x] - Paeth(a, b, c);
        end;
        v := v and $FF;
        cand[f][x] := v;
        if v < 128 then sum := sum + v else sum := sum + (256 - v);
      end;
      if sum < bestSum then begin bestSum := sum; best := f; end;
    end;
    o.B(best);
    o.Bytes(cand[best], 0, rowLen);
  end;
end;

function EncodePNG(const img: TImage; kind: TPngKind; const idx: TBytes; const pal: TBytes; npal: Integer;
                   dpiX, dpiY: Double; interlace: Boolean): TBytes;
const
  XS: array[0..6] of Integer = (0, 4, 0, 2, 0, 1, 0);
  YS: array[0..6] of Integer = (0, 0, 4, 0, 2, 0, 1);
  DX: array[0..6] of Integer = (8, 8, 4, 4, 2, 2, 1);
  DY: array[0..6] of Integer = (8, 8, 8, 4, 4, 2, 2);
var o, hdr, filt: TBuf; spp, bitDepth, colType, bpp, pass, pw, ph, x, y, sx, sy, rowLen, k, i: Integer;
    raw: TBytes; z: TBytes; ppmX, ppmY: Cardinal; v: Byte;

  function Sample(px, py, ch: Integer): Byte; inline;
  begin
    case kind of
      pkGrey, pkRGB: Result := img.P[(py * img.W + px) * img.C + ch];
    else Result := idx[py * img.W + px];
    end;
  end;

  procedure PackRows(x0, y0, stepx, stepy, w, h: Integer);
  var yy, xx, c, pos: Integer;
  begin
    if kind = pkPal4 then rowLen := (w + 1) div 2 else rowLen := w * spp;
    SetLength(raw, rowLen * h);
    FillChar(raw[0], Length(raw), 0);
    for yy := 0 to h - 1 do
      for xx := 0 to w - 1 do begin
        sx := x0 + xx * stepx; sy := y0 + yy * stepy;
        if kind = pkPal4 then begin
          v := Sample(sx, sy, 0) and 15;
          pos := yy * rowLen + xx div 2;
          if (xx and 1) = 0 then raw[pos] := raw[pos] or (v shl 4) else raw[pos] := raw[pos] or v;
        end else
          for c := 0 to spp - 1 do raw[yy * rowLen + xx * spp + c] := Sample(sx, sy, c);
      end;
  end;

begin
  case kind of
    pkGrey: begin spp := 1; bitDepth := 8; colType := 0; end;
    pkRGB: begin spp := 3; bitDepth := 8; colType := 2; end;
    pkPal8: begin spp := 1; bitDepth := 8; colType := 3; end;
  else begin spp := 1; bitDepth := 4; colType := 3; end;
  end;
  if kind = pkPal4 then bpp := 1 else bpp := spp;
  o.Init;
  o.B($89); o.Str('PNG'); o.B($0D); o.B($0A); o.B($1A); o.B($0A);
  hdr.Init;
  hdr.W32BE(img.W); hdr.W32BE(img.H); hdr.B(bitDepth); hdr.B(colType); hdr.B(0); hdr.B(0);
  if interlace then hdr.B(1) else hdr.B(0);
  Chunk(o, 'IHDR', hdr.D, hdr.N);
  ppmX := Round(dpiX / 0.0254); ppmY := Round(dpiY / 0.0254);
  hdr.Init; hdr.W32BE(ppmX); hdr.W32BE(ppmY); hdr.B(1);
  Chunk(o, 'pHYs', hdr.D, hdr.N);
  if colType = 3 then Chunk(o, 'PLTE', pal, npal * 3);
  filt.Init;
  if not interlace then begin
    PackRows(0, 0, 1, 1, img.W, img.H);
    FilterRows(raw, img.H, rowLen, bpp, filt);
  end else
    for pass := 0 to 6 do begin
      if img.W > XS[pass] then pw := (img.W - XS[pass] + DX[pass] - 1) div DX[pass] else pw := 0;
      if img.H > YS[pass] then ph := (img.H - YS[pass] + DY[pass] - 1) div DY[pass] else ph := 0;
      if (pw = 0) or (ph = 0) then Continue;
      PackRows(XS[pass], YS[pass], DX[pass], DY[pass], pw, ph);
      FilterRows(raw, ph, rowLen, bpp, filt);
    end;
  z := ZCompress(filt.D, filt.N);
  k := 0;
  while k < Length(z) do begin
    i := Length(z) - k; if i > 65536 then i := 65536;
    hdr.Init; hdr.Bytes(z, k, i);
    Chunk(o, 'IDAT', hdr.D, hdr.N);
    Inc(k, i);
  end;
  Chunk(o, 'IEND', nil, 0);
  Result := o.ToBytes;
end;

end.
