{ common.pas - shared types: byte buffers, images, CRC-32, string-seeded PRNG }
unit common;
{$mode objfpc}{$H+}{$modeswitch advancedrecords}{$Q-}{$R-}
interface
uses SysUtils, Math;

type
  TBytes = array of Byte;
  TIntArr = array of Integer;
  TDblArr = array of Double;

  { growable byte buffer with endian-aware writers }
  TBuf = record
    D: TBytes;
    N: Integer;
    procedure Init;
    procedure Need(k: Integer);
    procedure B(v: Byte);
    procedure W16BE(v: Cardinal);
    procedure W32BE(v: Cardinal);
    procedure W16LE(v: Cardinal);
    procedure W32LE(v: Cardinal);
    procedure W16(v: Cardinal; BigEnd: Boolean);
    procedure W32(v: Cardinal; BigEnd: Boolean);
    procedure Str(const s: AnsiString);
    procedure Bytes(const src: TBytes; off, len: Integer);
    procedure Append(const o: TBuf);
    function ToBytes: TBytes;
  end;

  { raster image: C = 1 (grey) or 3 (RGB), 8 bits per sample, row-major }
  TImage = record
    W, H, C: Integer;
    P: TBytes;
    procedure Alloc(aw, ah, ac: Integer);
    procedure Fill(r, g, b: Byte);
    function Row(y: Integer): PByte;
  end;

  { deterministic PRNG: splitmix64 seeded by FNV-1a 64 of a string }
  TRng = record
    S: QWord;
    HaveG: Boolean; G2: Double;
    procedure Seed(const key: AnsiString);
    function Next: QWord;
    function F: Double;                 { [0,1) }
    function R(a, b: Double): Double;   { [a,b) }
    function I(n: Integer): Integer;    { 0..n-1 }
    function IR(a, b: Integer): Integer;{ a..b inclusive }
    function Gauss: Double;
    function Chance(p: Double): Boolean;
  end;

function FNV64(const s: AnsiString): QWord;
function Crc32Update(crc: Cardinal; p: PByte; len: Integer): Cardinal;
function Crc32Of(const b: TBytes; off, len: Integer): Cardinal;
function Clamp255(v: Double): Byte; inline;
function ClampI(v, lo, hi: Integer): Integer; inline;
procedure SaveBytes(const fn: string; const b: TBytes; len: Integer);
function LoadBytes(const fn: string): TBytes;
function ZCompress(const src: TBytes; len: Integer): TBytes;
function ZDecompress(const src: TBytes; off, len: Integer; expect: Integer): TBytes;

implementation
uses Classes, zstream;

var CrcTab: array[0..255] of Cardinal;

procedure InitCrc;
var n, k: Integer; c: Cardinal;
begin
  for n := 0 to 255 do begin
    c := n;
    for k := 0 to 7 do
      if (c and 1) <> 0 then c := $EDB88320 xor (c shr 1) else c := c shr 1;
    CrcTab[n] := c;
  end;
end;

function Crc32Update(crc: Cardinal; p: PByte; len: Integer): Cardinal;
var i: Integer; c: Cardinal;
begin
  c := crc xor $FFFFFFFF;
  for i := 0 to len - 1 do begin
    c := CrcTab[(c xor p^) and $FF] xor (c shr 8);
    Inc(p);
  end;
  Result := c xor $FFFFFFFF;
end;

function Crc32Of(const b: TBytes; off, len: Integer): Cardinal;
begin
  if len = 0 then Exit(0);
  Result := Crc32Update(0, @b[off], len);
end;

function FNV64(const s: AnsiString): QWord;
var i: Integer;
begin
  Result := QWord($CBF29CE484222325);
  for i := 1 to Length(s) do begin
    Result := Result xor Byte(s[i]);
    Result := Result * QWord($100000001B3);
  end;
end;

procedure TBuf.Init; begin SetLength(D, 4096); N := 0; end;
procedure TBuf.Need(k: Integer);
var nl: Integer;
begin
  if N + k > Length(D) then begin
    nl := Length(D) * 2; if nl < 4096 then nl := 4096;
    while nl < N + k do nl := nl * 2;
    SetLength(D, nl);
  end;
end;
procedure TBuf.B(v: Byte); begin Need(1); D[N] := v; Inc(N); end;
procedure TBuf.W16BE(v: Cardinal); begin B((v shr 8) and $FF); B(v and $FF); end;
procedure TBuf.W32BE(v: Cardinal); begin W16BE(v shr 16); W16BE(v and $FFFF); end;
procedure TBuf.W16LE(v: Cardinal); begin B(v and $FF); B((v shr 8) and $FF); end;
procedure TBuf.W32LE(v: Cardinal); begin W16LE(v and $FFFF); W16LE(v shr 16); end;
procedure TBuf.W16(v: Cardinal; BigEnd: Boolean); begin if BigEnd then W16BE(v) else W16LE(v); end;
procedure TBuf.W32(v: Cardinal; BigEnd: Boolean); begin if BigEnd then W32BE(v) else W32LE(v); end;
procedure TBuf.Str(const s: AnsiString);
begin
  if Length(s) = 0 then Exit;
  Need(Length(s)); Move(s[1], D[N], Length(s)); Inc(N, Length(s));
end;
procedure TBuf.Bytes(const src: TBytes; off, len: Integer);
begin
  if len <= 0 then Exit;
  Need(len); Move(src[off], D[N], len); Inc(N, len);
end;
procedure TBuf.Append(const o: TBuf); begin Bytes(o.D, 0, o.N); end;
function TBuf.ToBytes: TBytes;
begin
  SetLength(Result, N); if N > 0 then Move(D[0], Result[0], N);
end;

procedure TImage.Alloc(aw, ah, ac: Integer);
begin
  W := aw; H := ah; C := ac; P := nil; SetLength(P, aw * ah * ac);
end;
procedure TImage.Fill(r, g, b: Byte);
var i: Integer;
begin
  if C = 1 then FillChar(P[0], Length(P), r)
  else for i := 0 to W * H - 1 do begin P[i*3] := r; P[i*3+1] := g; P[i*3+2] := b; end;
end;
function TImage.Row(y: Integer): PByte; begin Result := @P[y * W * C]; end;

procedure TRng.Seed(const key: AnsiString);
begin
  S := FNV64(key); HaveG := False; Next; Next;
end;
function TRng.Next: QWord;
var z: QWord;
begin
  S := S + QWord($9E3779B97F4A7C15);
  z := S;
  z := (z xor (z shr 30)) * QWord($BF58476D1CE4E5B9);
  z := (z xor (z shr 27)) * QWord($94D049BB133111EB);
  Result := z xor (z shr 31);
end;
function TRng.F: Double; begin Result := (Next shr 11) * (1.0 / 9007199254740992.0); end;
function TRng.R(a, b: Double): Double; begin Result := a + (b - a) * F; end;
function TRng.I(n: Integer): Integer;
begin if n <= 1 then Exit(0); Result := Integer(Next mod QWord(n)); end;
function TRng.IR(a, b: Integer): Integer; begin Result := a + I(b - a + 1); end;
function TRng.Gauss: Double;
var u1, u2, rr: Double;
begin
  if HaveG then begin HaveG := False; Exit(G2); end;
  repeat u1 := F; until u1 > 1e-12;
  u2 := F;
  rr := Sqrt(-2 * Ln(u1));
  Result := rr * Cos(2 * Pi * u2);
  G2 := rr * Sin(2 * Pi * u2); HaveG := True;
end;
function TRng.Chance(p: Double): Boolean; begin Result := F < p; end;

function Clamp255(v: Double): Byte; inline;
begin
  if v <= 0 then Exit(0);
  if v >= 255 then Exit(255);
  Result := Round(v);
end;
function ClampI(v, lo, hi: Integer): Integer; inline;
begin
  if v < lo then Exit(lo); if v > hi then Exit(hi); Result := v;
end;

procedure SaveBytes(const fn: string; const b: TBytes; len: Integer);
var fs: TFileStream;
begin
  fs := TFileStream.Create(fn, fmCreate);
  try if len > 0 then fs.WriteBuffer(b[0], len); finally fs.Free; end;
end;
function LoadBytes(const fn: string): TBytes;
var fs: TFileStream;
begin
  fs := TFileStream.Create(fn, fmOpenRead or fmShareDenyNone);
  try
    SetLength(Result, fs.Size);
    if fs.Size > 0 then fs.ReadBuffer(Result[0], fs.Size);
  finally fs.Free; end;
end;

function ZCompress(const src: TBytes; len: Integer): TBytes;
var ms: TMemoryStream; cs: TCompressionStream;
begin
  ms := TMemoryStream.Create;
  try
    cs := TCompressionStream.Create(clDefault, ms, False);
    try if len > 0 then cs.WriteBuffer(src[0], len); finally cs.Free; end;
    SetLength(Result, ms.Size);
    if ms.Size > 0 then Move(ms.Memory^, Result[0], ms.Size);
  finally ms.Free; end;
end;

function ZDecompress(const src: TBytes; off, len: Integer; expect: Integer): TBytes;
var ms: TMemoryStream; ds: TDecompressionStream; got, r: Integer;
begin
  ms := TMemoryStream.Create;
  try
    ms.WriteBuffer(src[off], len); ms.Position := 0;
    ds := TDecompressionStream.Create(ms, False);
    try
      SetLength(Result, expect); got := 0;
      while got < expect do begin
        r := ds.Read(Result[got], expect - got);
        if r <= 0 then Break;
        Inc(got, r);
      end;
      if got <> expect then raise Exception.CreateFmt('inflate: got %d of %d bytes', [got, expect]);
    finally ds.Free; end;
  finally ms.Free; end;
end;

initialization
  InitCrc;
end.
