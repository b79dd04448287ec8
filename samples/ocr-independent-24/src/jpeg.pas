{ jpeg.pas - own baseline JPEG encoder (JFIF, DCT, IJG-style quality scaling, Annex K Huffman
  tables, greyscale or YCbCr 4:4:4 / 4:2:0) and a baseline decoder used for validation. }
unit jpeg;
{$mode objfpc}{$H+}{$modeswitch advancedrecords}{$Q-}{$R-}
interface
uses SysUtils, Math, common;

function EncodeJPEG(const img: TImage; quality: Integer; sub420: Boolean; dpiX, dpiY: Integer): TBytes;
{ decodes a baseline JPEG from d[off..off+len); returns False with msg on error }
function DecodeJPEG(const d: TBytes; off, len: Integer; out img: TImage; out msg: string): Boolean;

implementation

const
  ZZ: array[0..63] of Byte = (0,1,8,16,9,2,3,10,17,24,32,25,18,11,4,5,12,19,26,33,40,48,41,34,27,20,13,6,7,14,21,28,
    35,42,49,56,57,50,43,36,29,22,15,23,30,37,44,51,58,59,52,45,38,31,39,46,53,60,61,54,47,55,62,63);
  QLUM: array[0..63] of Byte = (16,11,10,16,24,40,51,61, 12,12,14,19,26,58,60,55, 14,13,16,24,40,57,69,56,
    14,17,22,29,51,87,80,62, 18,22,37,56,68,109,103,77, 24,35,55,64,81,104,113,92, 49,64,78,87,103,121,120,101,
    72,92,95,98,112,100,103,99);
  QCHR: array[0..63] of Byte = (17,18,24,47,99,99,99,99, 18,21,26,66,99,99,99,99, 24,26,56,99,99,99,99,99,
    47,66,99,99,99,99,99,99, 99,99,99,99,99,99,99,99, 99,99,99,99,99,99,99,99, 99,99,99,99,99,99,99,99,
    99,99,99,99,99,99,99,99);
  DCL_BITS: array[1..16] of Byte = (0,1,5,1,1,1,1,1,1,0,0,0,0,0,0,0);
  DCL_VALS: array[0..11] of Byte = (0,1,2,3,4,5,6,7,8,9,10,11);
  DCC_BITS: array[1..16] of Byte = (0,3,1,1,1,1,1,1,1,1,1,0,0,0,0,0);
  DCC_VALS: array[0..11] of Byte = (0,1,2,3,4,5,6,7,8,9,10,11);
  ACL_BITS: array[1..16] of Byte = (0,2,1,3,3,2,4,3,5,5,4,4,0,0,1,$7d);
  ACL_VALS: array[0..161] of Byte = (
    $01,$02,$03,$00,$04,$11,$05,$12,$21,$31,$41,$06,$13,$51,$61,$07,$22,$71,$14,$32,$81,$91,$a1,$08,
    $23,$42,$b1,$c1,$15,$52,$d1,$f0,$24,$33,$62,$72,$82,$09,$0a,$16,$17,$18,$19,$1a,$25,$26,$27,$28,
    $29,$2a,$34,$35,$36,$37,$38,$39,$3a,$43,$44,$45,$46,$47,$48,$49,$4a,$53,$54,$55,$56,$57,$58,$59,
    $5a,$63,$64,$65,$66,$67,$68,$69,$6a,$73,$74,$75,$76,$77,$78,$79,$7a,$83,$84,$85,$86,$87,$88,$89,
    $8a,$92,$93,$94,$95,$96,$97,$98,$99,$9a,$a2,$a3,$a4,$a5,$a6,$a7,$a8,$a9,$aa,$b2,$b3,$b4,$b5,$b6,
    $b7,$b8,$b9,$ba,$c2,$c3,$c4,$c5,$c6,$c7,$c8,$c9,$ca,$d2,$d3,$d4,$d5,$d6,$d7,$d8,$d9,$da,$e1,$e2,
    $e3,$e4,$e5,$e6,$e7,$e8,$e9,$ea,$f1,$f2,$f3,$f4,$f5,$f6,$f7,$f8,$f9,$fa);
  ACC_BITS: array[1..16] of Byte = (0,2,1,2,4,4,3,4,7,5,4,4,0,1,2,$77);
  ACC_VALS: array[0..161] of Byte = (
    $00,$01,$02,$03,$11,$04,$05,$21,$31,$06,$12,$41,$51,$07,$61,$71,$13,$22,$32,$81,$08,$14,$42,$91,
    $a1,$b1,$c1,$09,$23,$33,$52,$f0,$15,$62,$72,$d1,$0a,$16,$24,$34,$e1,$25,$f1,$17,$18,$19,$1a,$26,
    $27,$28,$29,$2a,$35,$36,$37,$38,$39,$3a,$43,$44,$45,$46,$47,$48,$49,$4a,$53,$54,$55,$56,$57,$58,
    $59,$5a,$63,$64,$65,$66,$67,$68,$69,$6a,$73,$74,$75,$76,$77,$78,$79,$7a,$82,$83,$84,$85,$86,$87,
    $88,$89,$8a,$92,$93,$94,$95,$96,$97,$98,$99,$9a,$a2,$a3,$a4,$a5,$a6,$a7,$a8,$a9,$aa,$b2,$b3,$b4,
    $b5,$b6,$b7,$b8,$b9,$ba,$c2,$c3,$c4,$c5,$c6,$c7,$c8,$c9,$ca,$d2,$d3,$d4,$d5,$d6,$d7,$d8,$d9,$da,
    $e2,$e3,$e4,$e5,$e6,$e7,$e8,$e9,$ea,$f2,$f3,$f4,$f5,$f6,$f7,$f8,$f9,$fa);

type
  THuffEnc = record Code: array[0..255] of Word; Len: array[0..255] of Byte; end;

var
  CosT: array[0..7, 0..7] of Double;   { CosT[x,u] = C(u)/2 * cos((2x+1)u pi/16) }

procedure InitCos;
var x, u: Integer; cu: Double;
begin
  for x := 0 to 7 do for u := 0 to 7 do begin
    if u = 0 then cu := Sqrt(0.5) else cu := 1;
    CosT[x, u] := cu / 2 * Cos((2 * x + 1) * u * Pi / 16);
  end;
end;

procedure BuildEnc(const bits: array of Byte; const vals: array of Byte; out h: THuffEnc);
var l, i, k: Integer; code: Word;
begin
  FillChar(h, SizeOf(h), 0);
  code := 0; k := 0;
  for l := 1 to 16 do begin
    for i := 1 to bits[l - 1] do begin
      h.Code[vals[k]] := code; h.Len[vals[k]] := l; Inc(code); Inc(k);
    end;
    code := code shl 1;
  end;
end;

procedure CheckAC(const h: THuffEnc; const nm: string);
var r, s: Integer;
begin
  if h.Len[$00] = 0 then raise Exception.Create(nm + ': no EOB');
  if h.Len[$F0] = 0 then raise Exception.Create(nm + ': no ZRL');
  for r := 0 to 15 do for s := 1 to 10 do
    if h.Len[r * 16 + s] = 0 then raise Exception.CreateFmt('%s: missing symbol %x', [nm, r * 16 + s]);
end;

type
  TJBitW = record
    O: TBuf; Acc: Cardinal; NB: Integer;
    procedure Put(code: Cardinal; len: Integer);
    procedure Flush;
  end;

procedure TJBitW.Put(code: Cardinal; len: Integer);
var b: Byte;
begin
  if len = 0 then Exit;
  Acc := (Acc shl len) or (code and ((1 shl len) - 1)); Inc(NB, len);
  while NB >= 8 do begin
    b := (Acc shr (NB - 8)) and $FF; O.B(b); if b = $FF then O.B(0);
    Dec(NB, 8);
  end;
  Acc := Acc and ((1 shl NB) - 1);
end;
procedure TJBitW.Flush;
begin
  if NB > 0 then Put((1 shl (8 - NB)) - 1, 8 - NB);
end;

procedure FDCT(const blk: array of Double; out coef: array of Double);
var tmp: array[0..63] of Double; x, y, u, v: Integer; s: Double;
begin
  for y := 0 to 7 do for u := 0 to 7 do begin
    s := 0; for x := 0 to 7 do s := s + blk[y * 8 + x] * CosT[x, u];
    tmp[y * 8 + u] := s;
  end;
  for u := 0 to 7 do for v := 0 to 7 do begin
    s := 0; for y := 0 to 7 do s := s + tmp[y * 8 + u] * CosT[y, v];
    coef[v * 8 + u] := s;
  end;
end;

function Category(v: Integer): Integer; inline;
var a: Integer;
begin
  a := Abs(v); Result := 0;
  while a > 0 do begin Inc(Result); a := a shr 1; end;
end;

procedure EncodeBlock(var bw: TJBitW; const blk: array of Double; const q: array of Integer;
                      var pred: Integer; const dc, ac: THuffEnc);
var coef: array[0..63] of Double; qz: array[0..63] of Integer; k, diff, cat, run, v: Integer;
begin
  FDCT(blk, coef);
  for k := 0 to 63 do qz[k] := Round(coef[ZZ[k]] / q[k]);
  diff := qz[0] - pred; pred := qz[0];
  cat := Category(diff);
  bw.Put(dc.Code[cat], dc.Len[cat]);
  if diff < 0 then diff := diff - 1;
  bw.Put(Cardinal(diff), cat);
  run := 0;
  for k := 1 to 63 do begin
    v := qz[k];
    if v = 0 then Inc(run)
    else begin
      while run > 15 do begin bw.Put(ac.Code[$F0], ac.Len[$F0]); Dec(run, 16); end;
      cat := Category(v);
      bw.Put(ac.Code[run * 16 + cat], ac.Len[run * 16 + cat]);
      if v < 0 then v := v - 1;
      bw.Put(Cardinal(v), cat);
      run := 0;
    end;
  end;
  if run > 0 then bw.Put(ac.Code[0], ac.Len[0]);
end;

procedure WriteDHT(var o: TBuf; cls, id: Integer; const bits: array of Byte; const vals: array of Byte);
var i, n: Integer;
begin
  n := 0; for i := 0 to 15 do Inc(n, bits[i]);
  o.W16BE($FFC4); o.W16BE(2 + 1 + 16 + n); o.B(cls * 16 + id);
  for i := 0 to 15 do o.B(bits[i]);
  for i := 0 to n - 1 do o.B(vals[i]);
end;

function EncodeJPEG(const img: TImage; quality: Integer; sub420: Boolean; dpiX, dpiY: Integer): TBytes;
var o: TBuf; bw: TJBitW; ql, qc: array[0..63] of Integer; scale, i, k, x, y, bx, by, mcuW, mcuH, ncomp: Integer;
    hl, hc, al, ac_: THuffEnc; predY, predCb, predCr, mx, my, sx, sy: Integer;
    Yp, Cbp, Crp: array of Single; pw, ph: Integer; blk: array[0..63] of Double;
    r, g, b: Double;

  function Pix(plane: Integer; px, py: Integer): Double; inline;
  begin
    if px >= img.W then px := img.W - 1; if py >= img.H then py := img.H - 1;
    case plane of
      0: Result := Yp[py * img.W + px];
      1: Result := Cbp[py * img.W + px];
    else Result := Crp[py * img.W + px];
    end;
  end;

begin
  if quality < 1 then quality := 1; if quality > 100 then quality := 100;
  if quality < 50 then scale := 5000 div quality else scale := 200 - quality * 2;
  for k := 0 to 63 do begin
    ql[k] := ClampI((QLUM[ZZ[k]] * scale + 50) div 100, 1, 255);
    qc[k] := ClampI((QCHR[ZZ[k]] * scale + 50) div 100, 1, 255);
  end;
  BuildEnc(DCL_BITS, DCL_VALS, hl); BuildEnc(ACL_BITS, ACL_VALS, al);
  BuildEnc(DCC_BITS, DCC_VALS, hc); BuildEnc(ACC_BITS, ACC_VALS, ac_);
  CheckAC(al, 'AC lum'); CheckAC(ac_, 'AC chr');
  ncomp := img.C;
  { colour conversion to level-shifted planes }
  SetLength(Yp, img.W * img.H);
  if ncomp = 3 then begin SetLength(Cbp, img.W * img.H); SetLength(Crp, img.W * img.H); end;
  for i := 0 to img.W * img.H - 1 do
    if ncomp = 1 then Yp[i] := img.P[i] - 128.0
    else begin
      r := img.P[i*3]; g := img.P[i*3+1]; b := img.P[i*3+2];
      Yp[i] := 0.299 * r + 0.587 * g + 0.114 * b - 128;
      Cbp[i] := -0.168736 * r - 0.331264 * g + 0.5 * b;
      Crp[i] := 0.5 * r - 0.418688 * g - 0.081312 * b;
    end;
  o.Init;
  o.W16BE($FFD8);
  { APP0 JFIF with density in dots per inch }
  o.W16BE($FFE0); o.W16BE(16); o.Str('JFIF'); o.B(0); o.B(1); o.B(1); o.B(1);
  o.W16BE(dpiX); o.W16BE(dpiY); o.B(0); o.B(0);
  { DQT }
  o.W16BE($FFDB); o.W16BE(2 + 65 * Min(ncomp, 2));
  o.B(0); for k := 0 to 63 do o.B(ql[k]);
  if ncomp = 3 then begin o.B(1); for k := 0 to 63 do o.B(qc[k]); end;
  { SOF0 }
  o.W16BE($FFC0); o.W16BE(8 + 3 * ncomp); o.B(8); o.W16BE(img.H); o.W16BE(img.W); o.B(ncomp);
  if ncomp = 1 then begin o.B(1); o.B($11); o.B(0); end
  else begin
    o.B(1); if sub420 then o.B($22) else o.B($11); o.B(0);
    o.B(2); o.B($11); o.B(1);
    o.B(3); o.B($11); o.B(1);
  end;
  WriteDHT(o, 0, 0, DCL_BITS, DCL_VALS); WriteDHT(o, 1, 0, ACL_BITS, ACL_VALS);
  if ncomp = 3 then begin WriteDHT(o, 0, 1, DCC_BITS, DCC_VALS); WriteDHT(o, 1, 1, ACC_BITS, ACC_VALS); end;
  { SOS }
  o.W16BE($FFDA); o.W16BE(6 + 2 * ncomp); o.B(ncomp);
  if ncomp = 1 then begin o.B(1); o.B($00); end
  else begin o.B(1); o.B($00); o.B(2); o.B($11); o.B(3); o.B($11); end;
  o.B(0); o.B(63); o.B(0);
  bw.O := o; bw.Acc := 0; bw.NB := 0;
  predY := 0; predCb := 0; predCr := 0;
  if (ncomp = 3) and sub420 then begin mcuW := 16; mcuH := 16; end else begin mcuW := 8; mcuH := 8; end;
  pw := (img.W + mcuW - 1) div mcuW; ph := (img.H + mcuH - 1) div mcuH;
  for my := 0 to ph - 1 do
    for mx := 0 to pw - 1 do begin
      if mcuW = 16 then begin
        for by := 0 to 1 do for bx := 0 to 1 do begin
          for y := 0 to 7 do for x := 0 to 7 do
            blk[y * 8 + x] := Pix(0, mx * 16 + bx * 8 + x, my * 16 + by * 8 + y);
          EncodeBlock(bw, blk, ql, predY, hl, al);
        end;
        for k := 1 to 2 do begin
          for y := 0 to 7 do for x := 0 to 7 do begin
            sx := mx * 16 + x * 2; sy := my * 16 + y * 2;
            blk[y * 8 + x] := (Pix(k, sx, sy) + Pix(k, sx + 1, sy) + Pix(k, sx, sy + 1) + Pix(k, sx + 1, sy + 1)) / 4;
          end;
          if k = 1 then EncodeBlock(bw, blk, qc, predCb, hc, ac_) else EncodeBlock(bw, blk, qc, predCr, hc, ac_);
        end;
      end else begin
        for y := 0 to 7 do for x := 0 to 7 do blk[y * 8 + x] := Pix(0, mx * 8 + x, my * 8 + y);
        EncodeBlock(bw, blk, ql, predY, hl, al);
        if ncomp = 3 then begin
          for y := 0 to 7 do for x := 0 to 7 do blk[y * 8 + x] := Pix(1, mx * 8 + x, my * 8 + y);
          EncodeBlock(bw, blk, qc, predCb, hc, ac_);
          for y := 0 to 7 do for x := 0 to 7 do blk[y * 8 + x] := Pix(2, mx * 8 + x, my * 8 + y);
          EncodeBlock(bw, blk, qc, predCr, hc, ac_);
        end;
      end;
    end;
  bw.Flush;
  o := bw.O;
  o.W16BE($FFD9);
  Result := o.ToBytes;
end;

{ ------------------------------ decoder ------------------------------ }
type
  THuffDec = record
    MaxCode: array[1..17] of Integer; ValPtr: array[1..16] of Integer; MinCode: array[1..16] of Integer;
    Vals: array[0..255] of Byte; Present: Boolean;
  end;
  TComp = record Id, H, V, Tq, Td, Ta: Integer; Pred: Integer; Plane: array of Byte; PW, PH: Integer; end;

function DecodeJPEG(const d: TBytes; off, len: Integer; out img: TImage; out msg: string): Boolean;
var p, stop, seglen, i, j, k, n, l, code, t, nf, w, h, hmax, vmax, mcux, mcuy, mx, my, bx, by, ci, s, r,
    x, y, ns: Integer;
    q: array[0..3, 0..63] of Integer; hd: array[0..1, 0..3] of THuffDec; comps: array[0..3] of TComp;
    acc: Cardinal; nb: Integer; coef: array[0..63] of Integer; blk, tmp: array[0..63] of Double;
    gotSOF, gotSOS, done: Boolean; yy, cb, cr: Double; sx, sy: Integer; marker: Integer;
    bits: array[1..16] of Byte;

  function Fetch: Integer;   { next entropy-coded bit }
  var b: Integer;
  begin
    if nb = 0 then begin
      if p >= stop then raise Exception.Create('entropy data overrun');
      b := d[p]; Inc(p);
      if b = $FF then begin
        if d[p] = 0 then Inc(p) else raise Exception.CreateFmt('marker %x inside entropy data', [d[p]]);
      end;
      acc := b; nb := 8;
    end;
    Dec(nb);
    Result := (acc shr nb) and 1;
  end;

  function DecodeSym(const hh: THuffDec): Integer;
  var c, ll: Integer;
  begin
    c := Fetch;
    for ll := 1 to 16 do begin
      if (hh.MaxCode[ll] >= 0) and (c <= hh.MaxCode[ll]) and (c >= hh.MinCode[ll]) then
        Exit(hh.Vals[hh.ValPtr[ll] + c - hh.MinCode[ll]]);
      c := (c shl 1) or Fetch;
    end;
    raise Exception.Create('bad Huffman code');
  end;

  function Receive(ss: Integer): Integer;
  var ii, vv: Integer;
  begin
    vv := 0; for ii := 1 to ss do vv := (vv shl 1) or Fetch;
    if (ss > 0) and (vv < (1 shl (ss - 1))) then vv := vv - (1 shl ss) + 1;
    Result := vv;
  end;

  procedure DecodeBlockTo(var c: TComp; ox, oy: Integer);
  var kk, rs, rr, ss, u, vv2, xx, yy2: Integer; sm: Double;
  begin
    FillChar(coef, SizeOf(coef), 0);
    ss := DecodeSym(hd[0, c.Td]);
    c.Pred := c.Pred + Receive(ss);
    coef[0] := c.Pred * q[c.Tq, 0];
    kk := 1;
    while kk < 64 do begin
      rs := DecodeSym(hd[1, c.Ta]);
      rr := rs shr 4; ss := rs and 15;
      if ss = 0 then begin
        if rr = 15 then begin Inc(kk, 16); Continue; end;
        Break;
      end;
      Inc(kk, rr);
      if kk > 63 then raise Exception.Create('AC index overflow');
      coef[ZZ[kk]] := Receive(ss) * q[c.Tq, kk];
      Inc(kk);
    end;
    { inverse DCT }
    for vv2 := 0 to 7 do for xx := 0 to 7 do begin
      sm := 0; for u := 0 to 7 do sm := sm + coef[vv2 * 8 + u] * CosT[xx, u];
      tmp[vv2 * 8 + xx] := sm;
    end;
    for xx := 0 to 7 do for yy2 := 0 to 7 do begin
      sm := 0; for vv2 := 0 to 7 do sm := sm + tmp[vv2 * 8 + xx] * CosT[yy2, vv2];
      blk[yy2 * 8 + xx] := sm;
    end;
    for yy2 := 0 to 7 do for xx := 0 to 7 do
      if (ox + xx < c.PW) and (oy + yy2 < c.PH) then
        c.Plane[(oy + yy2) * c.PW + ox + xx] := Clamp255(blk[yy2 * 8 + xx] + 128);
  end;

begin
  Result := False; msg := ''; img.W := 0; img.H := 0; img.C := 0; img.P := nil;
  try
    p := off; stop := off + len;
    if (d[p] <> $FF) or (d[p+1] <> $D8) then raise Exception.Create('no SOI');
    Inc(p, 2);
    gotSOF := False; gotSOS := False; done := False; nf := 0; w := 0; h := 0; hmax := 1; vmax := 1;
    FillChar(hd, SizeOf(hd), 0);
    while not done do begin
      if d[p] <> $FF then raise Exception.CreateFmt('expected marker at %d', [p - off]);
      while d[p] = $FF do Inc(p);
      marker := d[p]; Inc(p);
      if marker = $D9 then raise Exception.Create('EOI before scan');
      seglen := (d[p] shl 8) or d[p+1];
      case marker of
        $DB: begin
          i := p + 2;
          while i < p + seglen do begin
            t := d[i] and 15; if (d[i] shr 4) <> 0 then raise Exception.Create('16-bit DQT');
            for k := 0 to 63 do q[t, k] := d[i + 1 + k];
            Inc(i, 65);
          end;
        end;
        $C4: begin
          i := p + 2;
          while i < p + seglen do begin
            t := d[i] shr 4; j := d[i] and 15;
            n := 0; for l := 1 to 16 do begin bits[l] := d[i + l]; Inc(n, bits[l]); end;
            with hd[t, j] do begin
              for k := 0 to n - 1 do Vals[k] := d[i + 17 + k];
              code := 0; k := 0;
              for l := 1 to 16 do begin
                if bits[l] = 0 then MaxCode[l] := -1
                else begin
                  ValPtr[l] := k; MinCode[l] := code; Inc(code, bits[l]); Inc(k, bits[l]); MaxCode[l] := code - 1;
                end;
                code := code shl 1;
              end;
              Present := True;
            end;
            Inc(i, 17 + n);
          end;
        end;
        $C0: begin
          if d[p + 2] <> 8 then raise Exception.Create('precision');
          h := (d[p+3] shl 8) or d[p+4]; w := (d[p+5] shl 8) or d[p+6]; nf := d[p+7];
          for ci := 0 to nf - 1 do begin
            comps[ci].Id := d[p + 8 + 3*ci]; comps[ci].H := d[p + 9 + 3*ci] shr 4; comps[ci].V := d[p + 9 + 3*ci] and 15;
            comps[ci].Tq := d[p + 10 + 3*ci]; comps[ci].Pred := 0;
            if comps[ci].H > hmax then hmax := comps[ci].H; if comps[ci].V > vmax then vmax := comps[ci].V;
          end;
          gotSOF := True;
        end;
        $C1..$C3, $C5..$C7, $C9..$CB, $CD..$CF: raise Exception.Create('not baseline');
        $DA: begin
          if not gotSOF then raise Exception.Create('SOS before SOF');
          ns := d[p + 2];
          if ns <> nf then raise Exception.Create('non-interleaved scan');
          for i := 0 to ns - 1 do begin
            for ci := 0 to nf - 1 do if comps[ci].Id = d[p + 3 + 2*i] then begin
              comps[ci].Td := d[p + 4 + 2*i] shr 4; comps[ci].Ta := d[p + 4 + 2*i] and 15;
            end;
          end;
          gotSOS := True; done := True;
        end;
      end;
      Inc(p, seglen);
    end;
    mcux := (w + 8 * hmax - 1) div (8 * hmax); mcuy := (h + 8 * vmax - 1) div (8 * vmax);
    for ci := 0 to nf - 1 do begin
      comps[ci].PW := mcux * comps[ci].H * 8; comps[ci].PH := mcuy * comps[ci].V * 8;
      SetLength(comps[ci].Plane, comps[ci].PW * comps[ci].PH);
    end;
    acc := 0; nb := 0;
    for my := 0 to mcuy - 1 do for mx := 0 to mcux - 1 do
      for ci := 0 to nf - 1 do
        for by := 0 to comps[ci].V - 1 do for bx := 0 to comps[ci].H - 1 do
          DecodeBlockTo(comps[ci], (mx * comps[ci].H + bx) * 8, (my * comps[ci].V + by) * 8);
    { after entropy data: optional padding then EOI }
    while (p < stop) and (d[p] <> $FF) do Inc(p);
    if (p + 1 >= stop) or (d[p + 1] <> $D9) then raise Exception.Create('no EOI after scan');
    img.Alloc(w, h, nf);
    for y := 0 to h - 1 do for x := 0 to w - 1 do
      if nf = 1 then img.P[y * w + x] := comps[0].Plane[y * comps[0].PW + x]
      else begin
        yy := comps[0].Plane[(y * comps[0].V div vmax) * comps[0].PW + (x * comps[0].H div hmax)];
        sx := x * comps[1].H div hmax; sy := y * comps[1].V div vmax;
        cb := comps[1].Plane[sy * comps[1].PW + sx] - 128.0;
        cr := comps[2].Plane[sy * comps[2].PW + sx] - 128.0;
        img.P[(y * w + x) * 3] := Clamp255(yy + 1.402 * cr);
        img.P[(y * w + x) * 3 + 1] := Clamp255(yy - 0.344136 * cb - 0.714136 * cr);
        img.P[(y * w + x) * 3 + 2] := Clamp255(yy + 1.772 * cb);
      end;
    Result := True;
  except
    on e: Exception do msg := e.Message;
  end;
end;

initialization
  InitCos;
end.
