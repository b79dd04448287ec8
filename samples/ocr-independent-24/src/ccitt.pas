{ ccitt.pas - ITU-T T.4 / T.6 code tables (typed once, here), Group 3 1-D (MH) and Group 4 (MMR)
  encoders and decoders. Bits are written most significant bit first (TIFF FillOrder 1).
  Pixel rows are arrays of bytes, 1 = black, 0 = white. }
unit ccitt;
{$mode objfpc}{$H+}{$modeswitch advancedrecords}{$Q-}{$R-}
interface
uses SysUtils, common;

type
  TBitRow = array of Byte;

procedure CheckTables;                     { raises on any mismatch with the published facts }
function EncodeG4(const rows: array of TBitRow; w: Integer): TBytes;
function EncodeG3(const rows: array of TBitRow; w: Integer; fillBits: Boolean): TBytes;
function DecodeG4(const d: TBytes; off, len, w, h: Integer; out rows: TBytes): Boolean; { rows: w*h bytes 0/1 }
function DecodeG3(const d: TBytes; off, len, w, h: Integer; out rows: TBytes): Boolean;

implementation

const
  { terminating codes, run lengths 0..63 }
  WTERM: array[0..63] of string = (
    '00110101','000111','0111','1000','1011','1100','1110','1111',
    '10011','10100','00111','01000','001000','000011','110100','110101',
    '101010','101011','0100111','0001100','0001000','0010111','0000011','0000100',
    '0101000','0101011','0010011','0100100','0011000','00000010','00000011','00011010',
    '00011011','00010010','00010011','00010100','00010101','00010110','00010111','00101000',
    '00101001','00101010','00101011','00101100','00101101','00000100','00000101','00001010',
    '00001011','01010010','01010011','01010100','01010101','00100100','00100101','01011000',
    '01011001','01011010','01011011','01001010','01001011','00110010','00110011','00110100');
  BTERM: array[0..63] of string = (
    '0000110111','010','11','10','011','0011','0010','00011',
    '000101','000100','0000100','0000101','0000111','00000100','00000111','000011000',
    '0000010111','0000011000','0000001000','00001100111','00001101000','00001101100','00000110111','00000101000',
    '00000010111','00000011000','000011001010','000011001011','000011001100','000011001101','000001101000','000001101001',
    '000001101010','000001101011','000011010010','000011010011','000011010100','000011010101','000011010110','000011010111',
    '000001101100','000001101101','000011011010','000011011011','000001010100','000001010101','000001010110','000001010111',
    '000001100100','000001100101','000001010010','000001010011','000000100100','000000110111','000000111000','000000100111',
    '000000101000','000001011000','000001011001','000000101011','000000101100','000001011010','000001100110','000001100111');
  { make-up codes for 64, 128, ... 1728 (index 1..27) }
  WMAKE: array[1..27] of string = (
    '11011','10010','010111','0110111','00110110','00110111','01100100','01100101',
    '01101000','01100111','011001100','011001101','011010010','011010011','011010100','011010101',
    '011010110','011010111','011011000','011011001','011011010','011011011','010011000','010011001',
    '010011010','011000','010011011');
  BMAKE: array[1..27] of string = (
    '0000001111','000011001000','000011001001','000001011011','000000110011','000000110100','000000110101','0000001101100',
    '0000001101101','0000001001010','0000001001011','0000001001100','0000001001101','0000001110010','0000001110011','0000001110100',
    '0000001110101','0000001110110','0000001110111','0000001010010','0000001010011','0000001010100','0000001010101','0000001011010',
    '0000001011011','0000001100100','0000001100101');
  { extended make-up codes, common to both colours: 1792 .. 2560 (index 28..40) }
  XMAKE: array[28..40] of string = (
    '00000001000','00000001100','00000001101','000000010010','000000010011','000000010100','000000010101',
    '000000010110','000000010111','000000011100','000000011101','000000011110','000000011111');
  EOL = '000000000001';
  { 2-D mode codes }
  C_PASS = '0001'; C_HORZ = '001';
  C_V0 = '1'; C_VR1 = '011'; C_VR2 = '000011'; C_VR3 = '0000011';
  C_VL1 = '010'; C_VL2 = '000010'; C_VL3 = '0000010';

type
  TCode = record Bits: Cardinal; Len: Integer; end;
  TDecEnt = record Code: string; Run: Integer; end;

var
  WT, BT: array[0..63] of TCode;
  WM, BM: array[1..40] of TCode;
  CEol, CPass, CHorz: TCode;
  CVert: array[-3..3] of TCode;
  WDec, BDec: array of TDecEnt;   { for decoding: code string -> run }
  TablesReady: Boolean = False;

function ToCode(const s: string): TCode;
var i: Integer;
begin
  Result.Bits := 0; Result.Len := Length(s);
  for i := 1 to Length(s) do Result.Bits := (Result.Bits shl 1) or Cardinal(Ord(s[i]) - 48);
end;

procedure Fail(const m: string); begin raise Exception.Create('CCITT table check failed: ' + m); end;

procedure CheckPrefixFree(const codes: array of string; const nm: string);
var i, j: Integer;
begin
  for i := 0 to High(codes) do
    for j := 0 to High(codes) do
      if (i <> j) and (Length(codes[i]) <= Length(codes[j])) and (Copy(codes[j], 1, Length(codes[i])) = codes[i]) then
        Fail(nm + ' not prefix-free: ' + codes[i] + ' / ' + codes[j]);
end;

procedure CheckTables;
var all: array of string; i, n: Integer; mode: array of string;
begin
  { published facts (from the brief / T.4) }
  if WTERM[0] <> '00110101' then Fail('white 0');
  if WTERM[1] <> '000111' then Fail('white 1');
  if WTERM[2] <> '0111' then Fail('white 2');
  if WMAKE[1] <> '11011' then Fail('white 64');
  if WMAKE[27] <> '010011011' then Fail('white 1728');
  if BTERM[0] <> '0000110111' then Fail('black 0');
  if BTERM[1] <> '010' then Fail('black 1');
  if BTERM[2] <> '11' then Fail('black 2');
  if BTERM[3] <> '10' then Fail('black 3');
  if BTERM[4] <> '011' then Fail('black 4');
  if BMAKE[1] <> '0000001111' then Fail('black 64');
  if (C_PASS <> '0001') or (C_HORZ <> '001') or (C_V0 <> '1') or (C_VR1 <> '011') or (C_VL1 <> '010') or
     (C_VR2 <> '000011') or (C_VL2 <> '000010') or (C_VR3 <> '0000011') or (C_VL3 <> '0000010') then Fail('2-D modes');
  if EOL <> '000000000001' then Fail('EOL');
  { each colour's full code set (terminating + make-up + extended + EOL) must be prefix-free }
  SetLength(all, 0); n := 0;
  SetLength(all, 64 + 27 + 13 + 1);
  for i := 0 to 63 do begin all[n] := WTERM[i]; Inc(n); end;
  for i := 1 to 27 do begin all[n] := WMAKE[i]; Inc(n); end;
  for i := 28 to 40 do begin all[n] := XMAKE[i]; Inc(n); end;
  all[n] := EOL; CheckPrefixFree(all, 'white');
  n := 0;
  for i := 0 to 63 do begin all[n] := BTERM[i]; Inc(n); end;
  for i := 1 to 27 do begin all[n] := BMAKE[i]; Inc(n); end;
  for i := 28 to 40 do begin all[n] := XMAKE[i]; Inc(n); end;
  all[n] := EOL; CheckPrefixFree(all, 'black');
  SetLength(mode, 9);
  mode[0] := C_PASS; mode[1] := C_HORZ; mode[2] := C_V0; mode[3] := C_VR1; mode[4] := C_VR2; mode[5] := C_VR3;
  mode[6] := C_VL1; mode[7] := C_VL2; mode[8] := C_VL3;
  CheckPrefixFree(mode, '2-D modes');
  for i := 0 to 63 do if (Length(WTERM[i]) < 4) or (Length(WTERM[i]) > 8) then Fail('white term length');
  for i := 0 to 63 do if (Length(BTERM[i]) < 2) or (Length(BTERM[i]) > 12) then Fail('black term length');
end;

procedure InitTables;
var i, n: Integer;
begin
  if TablesReady then Exit;
  CheckTables;
  for i := 0 to 63 do begin WT[i] := ToCode(WTERM[i]); BT[i] := ToCode(BTERM[i]); end;
  for i := 1 to 27 do begin WM[i] := ToCode(WMAKE[i]); BM[i] := ToCode(BMAKE[i]); end;
  for i := 28 to 40 do begin WM[i] := ToCode(XMAKE[i]); BM[i] := ToCode(XMAKE[i]); end;
  CEol := ToCode(EOL); CPass := ToCode(C_PASS); CHorz := ToCode(C_HORZ);
  CVert[0] := ToCode(C_V0); CVert[1] := ToCode(C_VR1); CVert[2] := ToCode(C_VR2); CVert[3] := ToCode(C_VR3);
  CVert[-1] := ToCode(C_VL1); CVert[-2] := ToCode(C_VL2); CVert[-3] := ToCode(C_VL3);
  SetLength(WDec, 104); SetLength(BDec, 104); n := 0;
  for i := 0 to 63 do begin WDec[n].Code := WTERM[i]; WDec[n].Run := i; BDec[n].Code := BTERM[i]; BDec[n].Run := i; Inc(n); end;
  for i := 1 to 27 do begin WDec[n].Code := WMAKE[i]; WDec[n].Run := 64 * i; BDec[n].Code := BMAKE[i]; BDec[n].Run := 64 * i; Inc(n); end;
  for i := 28 to 40 do begin WDec[n].Code := XMAKE[i]; WDec[n].Run := 64 * i; BDec[n].Code := XMAKE[i]; BDec[n].Run := 64 * i; Inc(n); end;
  TablesReady := True;
end;

{ ---------- bit writer ---------- }
type
  TBitW = record
    O: TBuf; Acc: Cardinal; NB: Integer;
    procedure Init;
    procedure Put(const c: TCode);
    procedure PutBits(bits: Cardinal; len: Integer);
    procedure Flush;
  end;

procedure TBitW.Init; begin O.Init; Acc := 0; NB := 0; end;
procedure TBitW.PutBits(bits: Cardinal; len: Integer);
var i: Integer;
begin
  for i := len - 1 downto 0 do begin
    Acc := (Acc shl 1) or ((bits shr i) and 1); Inc(NB);
    if NB = 8 then begin O.B(Acc and $FF); Acc := 0; NB := 0; end;
  end;
end;
procedure TBitW.Put(const c: TCode); begin PutBits(c.Bits, c.Len); end;
procedure TBitW.Flush; begin if NB > 0 then begin O.B((Acc shl (8 - NB)) and $FF); Acc := 0; NB := 0; end; end;

procedure PutRun(var bw: TBitW; run: Integer; black: Boolean);
begin
  while run > 2560 do begin bw.Put(WM[40]); Dec(run, 2560); end;   { extended 2560, same for both colours }
  if run >= 64 then begin
    if black then bw.Put(BM[run div 64]) else bw.Put(WM[run div 64]);
    run := run mod 64;
  end;
  if black then bw.Put(BT[run]) else bw.Put(WT[run]);
end;

{ changing elements of a row: positions where colour differs from the previous pixel (pixel -1 is white);
  followed by sentinels w, w }
function Changes(const r: TBitRow; w: Integer; var c: TIntArr): Integer;
var x, n: Integer; prev: Byte;
begin
  if Length(c) < w + 4 then SetLength(c, w + 4);
  n := 0; prev := 0;
  for x := 0 to w - 1 do if r[x] <> prev then begin c[n] := x; Inc(n); prev := r[x]; end;
  c[n] := w; c[n+1] := w; c[n+2] := w;
  Result := n;
end;

function EncodeG4(const rows: array of TBitRow; w: Integer): TBytes;
var bw: TBitW; refc, curc: TIntArr; nref, ncur, y, a0, a1, a2, b1, b2, color, i, j, d: Integer;
    white: TBitRow; tmp: TIntArr;
begin
  InitTables;
  bw.Init;
  SetLength(white, w); FillChar(white[0], w, 0);
  refc := nil; curc := nil;
  nref := Changes(white, w, refc);
  for y := 0 to High(rows) do begin
    ncur := Changes(rows[y], w, curc);
    a0 := -1; color := 0; i := 0; j := 0;
    while a0 < w do begin
      { a1: first change on coding line > a0 }
      while (i < ncur) and (curc[i] <= a0) do Inc(i);
      if i < ncur then a1 := curc[i] else a1 := w;
      { b1: first change on reference line > a0 whose colour is opposite to the current colour
        (changes at even index turn the line black, odd ones turn it white) }
      while (j < nref) and (refc[j] <= a0) do Inc(j);
      d := j; if (d and 1) <> color then Inc(d);
      if d < nref then b1 := refc[d] else b1 := w;
      if d + 1 < nref then b2 := refc[d + 1] else b2 := w;
      if b2 < a1 then begin
        bw.Put(CPass); a0 := b2;
      end else begin
        d := a1 - b1;
        if (d >= -3) and (d <= 3) then begin
          bw.Put(CVert[d]); a0 := a1; color := 1 - color;
        end else begin
          if i + 1 < ncur then a2 := curc[i + 1] else a2 := w;
          bw.Put(CHorz);
          if a0 < 0 then PutRun(bw, a1, color = 1) else PutRun(bw, a1 - a0, color = 1);
          PutRun(bw, a2 - a1, color = 0);
          a0 := a2;
        end;
      end;
    end;
    tmp := refc; refc := curc; curc := tmp; nref := ncur;
  end;
  bw.Put(CEol); bw.Put(CEol);   { EOFB }
  bw.Flush;
  Result := bw.O.ToBytes;
end;

function EncodeG3(const rows: array of TBitRow; w: Integer; fillBits: Boolean): TBytes;
var bw: TBitW; y, x, run: Integer; color: Byte;
begin
  InitTables;
  bw.Init;
  for y := 0 to High(rows) do begin
    if fillBits then while ((bw.NB + 12) mod 8) <> 0 do bw.PutBits(0, 1);
    bw.Put(CEol);
    x := 0; color := 0;
    while x < w do begin
      run := 0;
      while (x < w) and (rows[y][x] = color) do begin Inc(run); Inc(x); end;
      PutRun(bw, run, color = 1);
      color := 1 - color;
    end;
  end;
  bw.Flush;
  Result := bw.O.ToBytes;
end;

{ ---------- decoding ---------- }
type
  TBitR = record
    D: TBytes; Pos, Stop: Int64;   { bit positions }
    function Peek(n: Integer): Cardinal;
    function Bit: Integer;
  end;

function TBitR.Peek(n: Integer): Cardinal;
var i: Integer; p: Int64;
begin
  Result := 0;
  for i := 0 to n - 1 do begin
    p := Pos + i;
    Result := Result shl 1;
    if p < Stop then Result := Result or ((D[p shr 3] shr (7 - (p and 7))) and 1);
  end;
end;
function TBitR.Bit: Integer;
begin
  if Pos >= Stop then Exit(-1);
  Result := (D[Pos shr 3] shr (7 - (Pos and 7))) and 1; Inc(Pos);
end;

function MatchCode(var br: TBitR; const c: TCode): Boolean;
begin
  Result := (br.Pos + c.Len <= br.Stop) and (br.Peek(c.Len) = c.Bits);
  if Result then Inc(br.Pos, c.Len);
end;

function ReadCodeWord(var br: TBitR; black: Boolean): Integer;  { one code word: run value, -1 on error }
var k: Integer; s: string; b: Integer;
begin
  s := '';
  for k := 1 to 13 do begin
    b := br.Bit; if b < 0 then Exit(-1);
    s := s + Chr(48 + b);
    if black then begin
      for b := 0 to High(BDec) do if BDec[b].Code = s then Exit(BDec[b].Run);
    end else
      for b := 0 to High(WDec) do if WDec[b].Code = s then Exit(WDec[b].Run);
  end;
  Result := -1;
end;

function ReadRun(var br: TBitR; black: Boolean): Integer;  { make-ups then a terminating code }
var r, t: Integer;
begin
  r := 0;
  repeat
    t := ReadCodeWord(br, black);
    if t < 0 then Exit(-1);
    Inc(r, t);
  until t < 64;
  Result := r;
end;

function DecodeG4(const d: TBytes; off, len, w, h: Integer; out rows: TBytes): Boolean;
var br: TBitR; refc, curc: TIntArr; nref, ncur, y, a0, b1, b2, j, color, r1, r2, x, k, a1: Integer;
    tmp: TIntArr; v: Integer;

  procedure AddChange(p: Integer);
  begin
    if (ncur > 0) and (curc[ncur - 1] = p) then Dec(ncur)   { zero-length: cancels }
    else begin curc[ncur] := p; Inc(ncur); end;
  end;

begin
  InitTables;
  Result := False;
  rows := nil; SetLength(rows, w * h);
  br.D := d; br.Pos := Int64(off) * 8; br.Stop := Int64(off + len) * 8;
  SetLength(refc, w + 8); SetLength(curc, w + 8);
  nref := 0; refc[0] := w; refc[1] := w;
  for y := 0 to h - 1 do begin
    ncur := 0; a0 := -1; color := 0; j := 0;
    while a0 < w do begin
      while (j < nref) and (refc[j] <= a0) do Inc(j);
      k := j; if (k and 1) <> color then Inc(k);
      if k < nref then b1 := refc[k] else b1 := w;
      if k + 1 < nref then b2 := refc[k + 1] else b2 := w;
      if MatchCode(br, CPass) then begin
        a0 := b2;
      end else if MatchCode(br, CHorz) then begin
        r1 := ReadRun(br, color = 1); r2 := ReadRun(br, color = 0);
        if (r1 < 0) or (r2 < 0) then Exit;
        if a0 < 0 then a1 := r1 else a1 := a0 + r1;
        if (a1 > w) or (a1 + r2 > w) then Exit;
        AddChange(a1); AddChange(a1 + r2);
        a0 := a1 + r2;
      end else begin
        v := 99;
        for k := -3 to 3 do if (v = 99) and MatchCode(br, CVert[k]) then v := k;
        if v = 99 then Exit;
        a1 := b1 + v;
        if (a1 < 0) or (a1 > w) or (a1 < a0) then Exit;
        AddChange(a1);
        a0 := a1; color := 1 - color;
      end;
    end;
    { remove trailing change at w (not a real change) }
    while (ncur > 0) and (curc[ncur - 1] >= w) do Dec(ncur);
    { paint row }
    color := 0; x := 0;
    for k := 0 to ncur do begin
      if k < ncur then r1 := curc[k] else r1 := w;
      if color = 1 then FillChar(rows[y * w + x], r1 - x, 1);
      x := r1; color := 1 - color;
    end;
    curc[ncur] := w; curc[ncur + 1] := w;
    tmp := refc; refc := curc; curc := tmp; nref := ncur;
  end;
  { EOFB must follow }
  Result := MatchCode(br, CEol) and MatchCode(br, CEol);
end;

function DecodeG3(const d: TBytes; off, len, w, h: Integer; out rows: TBytes): Boolean;
var br: TBitR; y, x, r, zeros, b: Integer; color: Integer;
begin
  InitTables;
  Result := False;
  rows := nil; SetLength(rows, w * h);
  br.D := d; br.Pos := Int64(off) * 8; br.Stop := Int64(off + len) * 8;
  for y := 0 to h - 1 do begin
    { sync to EOL: at least 11 zeros then a 1 }
    zeros := 0;
    repeat
      b := br.Bit; if b < 0 then Exit;
      if b = 0 then Inc(zeros) else begin
        if zeros >= 11 then Break;
        Exit;   { unexpected 1 bit before EOL }
      end;
    until False;
    x := 0; color := 0;
    while x < w do begin
      r := ReadRun(br, color = 1);
      if (r < 0) or (x + r > w) then Exit;
      if color = 1 then FillChar(rows[y * w + x], r, 1);
      Inc(x, r); color := 1 - color;
    end;
  end;
  Result := True;
end;

initialization
  InitTables;
end.
