{ tiff.pas - own TIFF writer (both byte orders, multi-page IFD chains, strips; uncompressed,
  PackBits, LZW, Deflate, CCITT G3 1-D and G4) and reader used for validation. }
unit tiff;
{$mode objfpc}{$H+}{$modeswitch advancedrecords}{$Q-}{$R-}
interface
uses SysUtils, Math, common, ccitt;

type
  TTiffComp = (tcNone, tcPackBits, tcLZW, tcDeflate, tcG3, tcG4);
  TTiffPage = record
    Img: TImage;            { C=1 (grey or bilevel 0/255) or C=3 }
    Bilevel: Boolean;
    Comp: TTiffComp;
    Predictor: Boolean;
    RowsPerStrip: Integer;
    DpiX, DpiY: Double;
    BlackIsZero: Boolean;   { bilevel photometric 1 instead of 0 (not for CCITT) }
    G3Fill: Boolean;
  end;
  TDecodedPage = record
    W, H, C: Integer; Bilevel: Boolean; Comp: Integer; BigEndian: Boolean;
    Img: TImage; DpiX, DpiY: Double; Strips: Integer; Msg: string;
  end;
  TDecodedPages = array of TDecodedPage;

function EncodeTIFF(const pages: array of TTiffPage; bigEndian: Boolean): TBytes;
function DecodeTIFF(const d: TBytes; out pages: TDecodedPages; out msg: string): Boolean;
function CompName(c: TTiffComp): string;
function LZWEncode(const src: TBytes; off, len: Integer): TBytes;
function LZWDecode(const d: TBytes; off, len, expect: Integer; out res: TBytes): Boolean;

implementation

function CompName(c: TTiffComp): string;
begin
  case c of
    tcNone: Result := 'none'; tcPackBits: Result := 'packbits'; tcLZW: Result := 'lzw';
    tcDeflate: Result := 'deflate'; tcG3: Result := 'ccitt_g3_1d';
  else Result := 'ccitt_g4';
  end;
end;

{ ---------------- PackBits ---------------- }
procedure PackBitsRow(const s: TBytes; off, n: Integer; var o: TBuf);
var i, j, run, lit: Integer;
begin
  i := 0;
  while i < n do begin
    run := 1;
    while (i + run < n) and (run < 128) and (s[off + i + run] = s[off + i]) do Inc(run);
    if run >= 3 then begin
      o.B(Byte(1 - run)); o.B(s[off + i]); Inc(i, run);
    end else begin
      lit := 0; j := i;
      while (j < n) and (lit < 128) do begin
        if (j + 2 < n) and (s[off + j] = s[off + j + 1]) and (s[off + j] = s[off + j + 2]) then Break;
        Inc(j); Inc(lit);
      end;
      o.B(lit - 1); o.Bytes(s, off + i, lit); Inc(i, lit);
    end;
  end;
end;

function UnPackBits(const d: TBytes; off, len, expect: Integer; out res: TBytes): Boolean;
var p, n, k, c: Integer;
begin
  SetLength(res, expect); p := off; n := 0; Result := False;
  while (p < off + len) and (n < expect) do begin
    c := ShortInt(d[p]); Inc(p);
    if c >= 0 then begin
      if n + c + 1 > expect then Exit;
      Move(d[p], res[n], c + 1); Inc(p, c + 1); Inc(n, c + 1);
    end else if c <> -128 then begin
      if n + 1 - c > expect then Exit;
      for k := 0 to -c do begin res[n] := d[p]; Inc(n); end;
      Inc(p);
    end;
  end;
  Result := n = expect;
end;

{ ---------------- LZW (TIFF flavour, MSB-first codes, early change) ---------------- }
type
  TLZWBits = record
    O: TBuf; Acc: QWord; NB: Integer;
    procedure Put(code, nbits: Integer);
    procedure Flush;
  end;
procedure TLZWBits.Put(code, nbits: Integer);
begin
  Acc := (Acc shl nbits) or QWord(code); Inc(NB, nbits);
  while NB >= 8 do begin O.B((Acc shr (NB - 8)) and $FF); Dec(NB, 8); end;
  Acc := Acc and ((QWord(1) shl NB) - 1);
end;
procedure TLZWBits.Flush;
begin
  if NB > 0 then begin O.B((Acc shl (8 - NB)) and $FF); NB := 0; Acc := 0; end;
end;

const HSIZE = 16384;

function LZWEncode(const src: TBytes; off, len: Integer): TBytes;
var bw: TLZWBits; hk: array of Cardinal; hv: array of Word; hg: array of Word; gen: Word;
    nbits, freeEnt, ent, i, h, k: Integer; key: Cardinal; found: Boolean;
begin
  SetLength(hk, HSIZE); SetLength(hv, HSIZE); SetLength(hg, HSIZE);
  FillChar(hg[0], HSIZE * 2, 0); gen := 1;
  bw.O.Init; bw.Acc := 0; bw.NB := 0;
  nbits := 9; freeEnt := 258;
  bw.Put(256, nbits);
  if len = 0 then begin bw.Put(257, nbits); bw.Flush; Exit(bw.O.ToBytes); end;
  ent := src[off];
  for i := off + 1 to off + len - 1 do begin
    k := src[i];
    key := (Cardinal(ent) shl 8) or Cardinal(k);
    h := Integer((key * 2654435761) shr 18) and (HSIZE - 1);
    found := False;
    while hg[h] = gen do begin
      if hk[h] = key then begin found := True; Break; end;
      h := (h + 1) and (HSIZE - 1);
    end;
    if found then begin ent := hv[h]; Continue; end;
    bw.Put(ent, nbits);
    hg[h] := gen; hk[h] := key; hv[h] := freeEnt;
    Inc(freeEnt);
    if freeEnt = 4094 then begin
      bw.Put(256, nbits);
      Inc(gen); nbits := 9; freeEnt := 258;
    end else if freeEnt > (1 shl nbits) - 1 then Inc(nbits);
    ent := k;
  end;
  bw.Put(ent, nbits);
  Inc(freeEnt);
  if freeEnt = 4094 then begin bw.Put(256, nbits); nbits := 9; end
  else if freeEnt > (1 shl nbits) - 1 then Inc(nbits);
  bw.Put(257, nbits);
  bw.Flush;
  Result := bw.O.ToBytes;
end;

function LZWDecode(const d: TBytes; off, len, expect: Integer; out res: TBytes): Boolean;
var prefix: array[0..4095] of Integer; suffix, first: array[0..4095] of Byte; slen: array[0..4095] of Integer;
    bitpos, stopbit: Int64; nbits, code, old, freeEnt, n, i, c, L: Integer; stack: array[0..4095] of Byte;

  function ReadCode: Integer;
  var k: Integer; v: Integer; p: Int64;
  begin
    if bitpos + nbits > stopbit then Exit(257);
    v := 0;
    for k := 0 to nbits - 1 do begin
      p := bitpos + k;
      v := (v shl 1) or ((d[p shr 3] shr (7 - (p and 7))) and 1);
    end;
    Inc(bitpos, nbits); Result := v;
  end;

  procedure Emit(cd: Integer);
  var l, q: Integer;
  begin
    l := slen[cd]; q := cd;
    for l := slen[cd] - 1 downto 0 do begin stack[l] := suffix[q]; q := prefix[q]; end;
    for l := 0 to slen[cd] - 1 do begin
      if n < expect then res[n] := stack[l];
      Inc(n);
    end;
  end;

begin
  Result := False;
  SetLength(res, expect);
  for i := 0 to 255 do begin prefix[i] := -1; suffix[i] := i; first[i] := i; slen[i] := 1; end;
  bitpos := Int64(off) * 8; stopbit := Int64(off + len) * 8;
  nbits := 9; freeEnt := 258; old := -1; n := 0;
  repeat
    code := ReadCode;
    if code = 257 then Break;
    if code = 256 then begin
      nbits := 9; freeEnt := 258;
      code := ReadCode;
      if code = 257 then Break;
      if code > 255 then Exit;
      Emit(code); old := code; Continue;
    end;
    if old < 0 then Exit;
    if code < freeEnt then begin
      Emit(code); c := first[code];
    end else if code = freeEnt then begin
      c := first[old];
    end else Exit;
    if freeEnt < 4096 then begin
      prefix[freeEnt] := old; suffix[freeEnt] := c; first[freeEnt] := first[old]; slen[freeEnt] := slen[old] + 1;
    end;
    if code = freeEnt then Emit(code);
    Inc(freeEnt);
    if (freeEnt > (1 shl nbits) - 2) and (nbits < 12) then Inc(nbits);
    old := code;
  until False;
  L := n;
  Result := L = expect;
end;

{ ---------------- writer ---------------- }
type
  TEntry = record Tag, Typ: Word; Count: Cardinal; Inline: array[0..3] of Byte; Ext: TBytes; end;

procedure Patch32(var o: TBuf; pos: Integer; v: Cardinal; be: Boolean);
begin
  if be then begin o.D[pos] := v shr 24; o.D[pos+1] := (v shr 16) and $FF; o.D[pos+2] := (v shr 8) and $FF; o.D[pos+3] := v and $FF; end
  else begin o.D[pos] := v and $FF; o.D[pos+1] := (v shr 8) and $FF; o.D[pos+2] := (v shr 16) and $FF; o.D[pos+3] := v shr 24; end;
end;

function EncodeTIFF(const pages: array of TTiffPage; bigEndian: Boolean): TBytes;
var o: TBuf; pg, nstrips, s, y0, y1, x, y, c, spp, rowBytes, k, i, ifdPos, nextPtrPos: Integer;
    raw, strip: TBytes; offs, cnts: array of Cardinal; ents: array of TEntry; ne: Integer;
    rows: array of TBitRow; compCode, photo: Integer; pb: TBuf; black: Boolean;

  procedure AddE(tag, typ: Word; count: Cardinal; const vals: array of Cardinal);
  var e: TEntry; b: TBuf; j, sz: Integer;
  begin
    e.Tag := tag; e.Typ := typ; e.Count := count; b.Init;
    for j := 0 to High(vals) do
      case typ of
        3: b.W16(vals[j], bigEndian);
        4: b.W32(vals[j], bigEndian);
        5: b.W32(vals[j], bigEndian);
      end;
    sz := b.N;
    FillChar(e.Inline, 4, 0);
    if sz <= 4 then begin for j := 0 to sz - 1 do e.Inline[j] := b.D[j]; e.Ext := nil; end
    else e.Ext := b.ToBytes;
    SetLength(ents, ne + 1); ents[ne] := e; Inc(ne);
  end;

begin
  o.Init;
  if bigEndian then o.Str('MM') else o.Str('II');
  o.W16(42, bigEndian);
  nextPtrPos := o.N; o.W32(0, bigEndian);
  for pg := 0 to High(pages) do with pages[pg] do begin
    if Img.C = 3 then spp := 3 else spp := 1;
    if Bilevel then rowBytes := (Img.W + 7) div 8 else rowBytes := Img.W * spp;
    nstrips := (Img.H + RowsPerStrip - 1) div RowsPerStrip;
    SetLength(offs, nstrips); SetLength(cnts, nstrips);
    for s := 0 to nstrips - 1 do begin
      y0 := s * RowsPerStrip; y1 := Min(Img.H, y0 + RowsPerStrip);
      if Comp in [tcG3, tcG4] then begin
        SetLength(rows, y1 - y0);
        for y := y0 to y1 - 1 do begin
          SetLength(rows[y - y0], Img.W);
          for x := 0 to Img.W - 1 do if Img.P[y * Img.W + x] < 128 then rows[y - y0][x] := 1 else rows[y - y0][x] := 0;
        end;
        if Comp = tcG4 then strip := EncodeG4(rows, Img.W) else strip := EncodeG3(rows, Img.W, G3Fill);
      end else begin
        SetLength(raw, rowBytes * (y1 - y0));
        FillChar(raw[0], Length(raw), 0);
        for y := y0 to y1 - 1 do
          if Bilevel then begin
            for x := 0 to Img.W - 1 do begin
              black := Img.P[y * Img.W + x] < 128;
              if black <> BlackIsZero then
                raw[(y - y0) * rowBytes + x div 8] := raw[(y - y0) * rowBytes + x div 8] or ($80 shr (x and 7));
            end;
          end else begin
            Move(Img.P[y * Img.W * spp], raw[(y - y0) * rowBytes], rowBytes);
            if Predictor and (Comp in [tcLZW, tcDeflate]) then
              for x := Img.W - 1 downto 1 do for c := 0 to spp - 1 do begin
                k := (y - y0) * rowBytes + x * spp + c;
                raw[k] := Byte(raw[k] - Img.P[y * Img.W * spp + (x - 1) * spp + c]);
              end;
          end;
        case Comp of
          tcNone: strip := raw;
          tcPackBits: begin
            pb.Init;
            for y := 0 to y1 - y0 - 1 do PackBitsRow(raw, y * rowBytes, rowBytes, pb);
            strip := pb.ToBytes;
          end;
          tcLZW: strip := LZWEncode(raw, 0, Length(raw));
          tcDeflate: strip := ZCompress(raw, Length(raw));
        end;
      end;
      offs[s] := o.N; cnts[s] := Length(strip);
      o.Bytes(strip, 0, Length(strip));
      if (o.N and 1) = 1 then o.B(0);
    end;
    { IFD }
    ne := 0; ents := nil;
    case Comp of
      tcNone: compCode := 1; tcPackBits: compCode := 32773; tcLZW: compCode := 5;
      tcDeflate: compCode := 8; tcG3: compCode := 3;
    else compCode := 4;
    end;
    if Bilevel then begin if BlackIsZero and not (Comp in [tcG3, tcG4]) then photo := 1 else photo := 0; end
    else if spp = 3 then photo := 2 else photo := 1;
    if Length(pages) > 1 then AddE(254, 4, 1, [2]) else AddE(254, 4, 1, [0]);
    AddE(256, 4, 1, [Img.W]);
    AddE(257, 4, 1, [Img.H]);
    if Bilevel then AddE(258, 3, 1, [1])
    else if spp = 3 then AddE(258, 3, 3, [8, 8, 8]) else AddE(258, 3, 1, [8]);
    AddE(259, 3, 1, [compCode]);
    AddE(262, 3, 1, [photo]);
    if Bilevel then AddE(266, 3, 1, [1]);
    AddE(273, 4, nstrips, offs);
    AddE(277, 3, 1, [spp]);
    AddE(278, 4, 1, [RowsPerStrip]);
    AddE(279, 4, nstrips, cnts);
    AddE(282, 5, 1, [Round(DpiX * 100), 100]);
    AddE(283, 5, 1, [Round(DpiY * 100), 100]);
    AddE(284, 3, 1, [1]);
    if Comp = tcG3 then begin if G3Fill then AddE(292, 4, 1, [4]) else AddE(292, 4, 1, [0]); end;
    if Comp = tcG4 then AddE(293, 4, 1, [0]);
    AddE(296, 3, 1, [2]);
    if Length(pages) > 1 then AddE(297, 3, 2, [pg, Length(pages)]);
    if Predictor and (Comp in [tcLZW, tcDeflate]) and not Bilevel then AddE(317, 3, 1, [2]);
    { out-of-line values }
    for i := 0 to ne - 1 do if ents[i].Ext <> nil then begin
      if (o.N and 1) = 1 then o.B(0);
      k := o.N; o.Bytes(ents[i].Ext, 0, Length(ents[i].Ext));
      if bigEndian then begin
        ents[i].Inline[0] := k shr 24; ents[i].Inline[1] := (k shr 16) and $FF; ents[i].Inline[2] := (k shr 8) and $FF; ents[i].Inline[3] := k and $FF;
      end else begin
        ents[i].Inline[0] := k and $FF; ents[i].Inline[1] := (k shr 8) and $FF; ents[i].Inline[2] := (k shr 16) and $FF; ents[i].Inline[3] := k shr 24;
      end;
    end;
    if (o.N and 1) = 1 then o.B(0);
    ifdPos := o.N;
    Patch32(o, nextPtrPos, ifdPos, bigEndian);
    o.W16(ne, bigEndian);
    for i := 0 to ne - 1 do begin
      o.W16(ents[i].Tag, bigEndian); o.W16(ents[i].Typ, bigEndian); o.W32(ents[i].Count, bigEndian);
      for k := 0 to 3 do o.B(ents[i].Inline[k]);
    end;
    nextPtrPos := o.N; o.W32(0, bigEndian);
  end;
  Result := o.ToBytes;
end;

{ ---------------- reader ---------------- }
function DecodeTIFF(const d: TBytes; out pages: TDecodedPages; out msg: string): Boolean;
var be: Boolean; ifd: Int64; n, i, j, typ, s, spp, bps, comp, photo, rps, pred, nstr, fillOrder, t4, expect, rowBytes,
    y, x, c, y0, y1, k, nseen: Integer; cnt: Cardinal; tag: Word; vo: Int64;
    offs, cnts: array of Int64; w, h: Integer; dec: TBytes; pg: TDecodedPage; bits: TBytes; ok: Boolean;
    xr, yr: Double;

  function R16(p: Int64): Cardinal;
  begin if be then Result := (d[p] shl 8) or d[p+1] else Result := d[p] or (d[p+1] shl 8); end;
  function R32(p: Int64): Cardinal;
  begin if be then Result := (R16(p) shl 16) or R16(p+2) else Result := R16(p) or (R16(p+2) shl 16); end;
  function Val(p: Int64; typ: Integer; idx: Integer; count: Cardinal): Cardinal;
  var base: Int64; size: Integer;
  begin
    if typ = 3 then size := 2 else size := 4;
    if size * count <= 4 then base := p + 8 else base := R32(p + 8);
    if typ = 3 then Result := R16(base + 2 * idx) else Result := R32(base + 4 * idx);
  end;
  function Rat(p: Int64): Double;
  var base: Int64;
  begin base := R32(p + 8); Result := R32(base) / Max(1, R32(base + 4)); end;

begin
  Result := False; msg := ''; pages := nil;
  try
    if (d[0] = Ord('M')) and (d[1] = Ord('M')) then be := True
    else if (d[0] = Ord('I')) and (d[1] = Ord('I')) then be := False
    else raise Exception.Create('bad byte order mark');
    if R16(2) <> 42 then raise Exception.Create('bad magic');
    ifd := R32(4); nseen := 0;
    while ifd <> 0 do begin
      if (ifd and 1) = 1 then raise Exception.Create('IFD not word aligned');
      if ifd >= Length(d) then raise Exception.Create('IFD offset out of range');
      Inc(nseen); if nseen > 100 then raise Exception.Create('IFD loop');
      n := R16(ifd);
      w := 0; h := 0; spp := 1; bps := 1; comp := 1; photo := -1; rps := MaxInt; pred := 1; fillOrder := 1; t4 := 0;
      offs := nil; cnts := nil; xr := 0; yr := 0;
      for i := 0 to n - 1 do begin
        vo := ifd + 2 + 12 * i;
        tag := R16(vo); typ := R16(vo + 2); cnt := R32(vo + 4);
        if (i > 0) and (tag <= R16(vo - 12)) then raise Exception.Create('tags not sorted');
        case tag of
          256: w := Val(vo, typ, 0, cnt);
          257: h := Val(vo, typ, 0, cnt);
          258: bps := Val(vo, typ, 0, cnt);
          259: comp := Val(vo, typ, 0, cnt);
          262: photo := Val(vo, typ, 0, cnt);
          266: fillOrder := Val(vo, typ, 0, cnt);
          273: begin SetLength(offs, cnt); for j := 0 to cnt - 1 do offs[j] := Val(vo, typ, j, cnt); end;
          277: spp := Val(vo, typ, 0, cnt);
          278: rps := Val(vo, typ, 0, cnt);
          279: begin SetLength(cnts, cnt); for j := 0 to cnt - 1 do cnts[j] := Val(vo, typ, j, cnt); end;
          282: xr := Rat(vo);
          283: yr := Rat(vo);
          292: t4 := Val(vo, typ, 0, cnt);
          317: pred := Val(vo, typ, 0, cnt);
        end;
      end;
      if (w <= 0) or (h <= 0) then raise Exception.Create('missing dimensions');
      if photo < 0 then raise Exception.Create('missing photometric');
      if Length(offs) <> Length(cnts) then raise Exception.Create('strip arrays differ');
      if rps > h then rps := h;
      nstr := (h + rps - 1) div rps;
      if Length(offs) <> nstr then raise Exception.CreateFmt('strip count %d, expected %d', [Length(offs), nstr]);
      if fillOrder <> 1 then raise Exception.Create('fill order');
      if (xr <= 0) or (yr <= 0) then raise Exception.Create('missing resolution');
      pg.W := w; pg.H := h; pg.Bilevel := bps = 1; pg.Comp := comp; pg.BigEndian := be; pg.DpiX := xr; pg.DpiY := yr;
      pg.Strips := nstr; pg.Msg := '';
      if bps = 1 then pg.C := 1 else pg.C := spp;
      pg.Img.Alloc(w, h, pg.C);
      if bps = 1 then rowBytes := (w + 7) div 8 else rowBytes := w * spp;
      for s := 0 to nstr - 1 do begin
        y0 := s * rps; y1 := Min(h, y0 + rps);
        if offs[s] + cnts[s] > Length(d) then raise Exception.Create('strip beyond end of file');
        expect := rowBytes * (y1 - y0);
        case comp of
          1: begin SetLength(dec, expect); if cnts[s] < expect then raise Exception.Create('short strip'); Move(d[offs[s]], dec[0], expect); ok := True; end;
          32773: ok := UnPackBits(d, offs[s], cnts[s], expect, dec);
          5: ok := LZWDecode(d, offs[s], cnts[s], expect, dec);
          8: begin dec := ZDecompress(d, offs[s], cnts[s], expect); ok := True; end;
          3, 4: begin
            if bps <> 1 then raise Exception.Create('CCITT needs 1 bit');
            if comp = 4 then ok := DecodeG4(d, offs[s], cnts[s], w, y1 - y0, bits)
            else begin
              if (t4 and 1) <> 0 then raise Exception.Create('2-D G3 not expected');
              ok := DecodeG3(d, offs[s], cnts[s], w, y1 - y0, bits);
            end;
            if ok then
              for y := 0 to y1 - y0 - 1 do for x := 0 to w - 1 do
                if bits[y * w + x] = 1 then pg.Img.P[(y0 + y) * w + x] := 0 else pg.Img.P[(y0 + y) * w + x] := 255;
          end;
        else raise Exception.CreateFmt('unsupported compression %d', [comp]);
        end;
        if not ok then raise Exception.CreateFmt('strip %d failed to decode (compression %d)', [s, comp]);
        if comp in [3, 4] then Continue;
        for y := 0 to y1 - y0 - 1 do begin
          if (pred = 2) and (bps = 8) then
            for x := 1 to w - 1 do for c := 0 to spp - 1 do begin
              k := y * rowBytes + x * spp + c;
              dec[k] := Byte(dec[k] + dec[k - spp]);
            end;
          if bps = 1 then
            for x := 0 to w - 1 do begin
              if ((dec[y * rowBytes + x div 8] shr (7 - (x and 7))) and 1) = 1 then
                begin if photo = 0 then pg.Img.P[(y0 + y) * w + x] := 0 else pg.Img.P[(y0 + y) * w + x] := 255; end
              else
                begin if photo = 0 then pg.Img.P[(y0 + y) * w + x] := 255 else pg.Img.P[(y0 + y) * w + x] := 0; end;
            end
          else Move(dec[y * rowBytes], pg.Img.P[(y0 + y) * rowBytes], rowBytes);
        end;
      end;
      SetLength(pages, Length(pages) + 1); pages[High(pages)] := pg;
      ifd := R32(ifd + 2 + 12 * n);
    end;
    Result := Length(pages) > 0;
  except
    on e: Exception do msg := e.Message;
  end;
end;

end.
