{ pdf.pas - own image-only PDF writer (DCTDecode / CCITTFaxDecode / FlateDecode image XObjects,
  per-page MediaBox, optional /Rotate) and a checker that parses the xref table, walks the page
  tree, rejects any text operator or font, and returns the image streams for decoding. }
unit pdf;
{$mode objfpc}{$H+}{$Q-}{$R-}
interface
uses SysUtils, Math, common;

type
  TPdfFilter = (pfDCT, pfCCITT, pfFlate);
  TPdfPage = record
    Data: TBytes; Filter: TPdfFilter;
    W, H, Comps, Bits: Integer;
    PageWpt, PageHpt: Double;
    Rotate: Integer;
  end;
  TPdfImageInfo = record
    Filter: string; W, H, Comps, Bits: Integer; K, Columns, Rows: Integer; BlackIs1: Boolean;
    DataOff, DataLen: Integer; MediaW, MediaH: Double; Rotate: Integer;
  end;
  TPdfImages = array of TPdfImageInfo;

function BuildPDF(const pages: array of TPdfPage): TBytes;
function CheckPDF(const d: TBytes; out imgs: TPdfImages; out msg: string): Boolean;

implementation

function F2(v: Double): string;
var s: string;
begin
  s := FormatFloat('0.##', v);
  s := StringReplace(s, ',', '.', []);
  Result := s;
end;

function BuildPDF(const pages: array of TPdfPage): TBytes;
var o: TBuf; offs: array of Integer; nobj, i, pageObj, contObj, imgObj: Integer; kids, cs, filt, parms, content: string;
  procedure StartObj(n: Integer); begin offs[n] := o.N; o.Str(IntToStr(n) + ' 0 obj'#10); end;
begin
  nobj := 2 + 3 * Length(pages);
  SetLength(offs, nobj + 1);
  o.Init;
  o.Str('%PDF-1.4'#10'%'); o.B($E2); o.B($E3); o.B($CF); o.B($D3); o.Str(#10);
  StartObj(1); o.Str('<< /Type /Catalog /Pages 2 0 R >>'#10'endobj'#10);
  kids := '';
  for i := 0 to High(pages) do kids := kids + IntToStr(3 + 3 * i) + ' 0 R ';
  StartObj(2); o.Str('<< /Type /Pages /Kids [ ' + kids + '] /Count ' + IntToStr(Length(pages)) + ' >>'#10'endobj'#10);
  for i := 0 to High(pages) do with pages[i] do begin
    pageObj := 3 + 3 * i; contObj := pageObj + 1; imgObj := pageObj + 2;
    StartObj(pageObj);
    o.Str('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ' + F2(PageWpt) + ' ' + F2(PageHpt) + ']');
    if Rotate <> 0 then o.Str(' /Rotate ' + IntToStr(Rotate));
    o.Str(' /Resources << /XObject << /Im' + IntToStr(i + 1) + ' ' + IntToStr(imgObj) + ' 0 R >> >>');
    o.Str(' /Contents ' + IntToStr(contObj) + ' 0 R >>'#10'endobj'#10);
    content := 'q'#10 + F2(PageWpt) + ' 0 0 ' + F2(PageHpt) + ' 0 0 cm'#10'/Im' + IntToStr(i + 1) + ' Do'#10'Q'#10;
    StartObj(contObj);
    o.Str('<< /Length ' + IntToStr(Length(content)) + ' >>'#10'stream'#10 + content + 'endstream'#10'endobj'#10);
    if Comps = 3 then cs := '/DeviceRGB' else cs := '/DeviceGray';
    parms := '';
    case Filter of
      pfDCT: filt := '/DCTDecode';
      pfFlate: filt := '/FlateDecode';
    else begin
      filt := '/CCITTFaxDecode';
      parms := ' /DecodeParms << /K -1 /Columns ' + IntToStr(W) + ' /Rows ' + IntToStr(H) + ' /BlackIs1 false >>';
    end;
    end;
    StartObj(imgObj);
    o.Str('<< /Type /XObject /Subtype /Image /Width ' + IntToStr(W) + ' /Height ' + IntToStr(H) +
          ' /ColorSpace ' + cs + ' /BitsPerComponent ' + IntToStr(Bits) + ' /Filter ' + filt + parms +
          ' /Length ' + IntToStr(Length(Data)) + ' >>'#10'stream'#10);
    o.Bytes(Data, 0, Length(Data));
    o.Str(#10'endstream'#10'endobj'#10);
  end;
  i := o.N;
  o.Str('xref'#10'0 ' + IntToStr(nobj + 1) + #10);
  o.Str('0000000000 65535 f'#13#10);
  for nobj := 1 to High(offs) do o.Str(Format('%.10d 00000 n'#13#10, [offs[nobj]]));
  o.Str('trailer'#10'<< /Size ' + IntToStr(Length(offs)) + ' /Root 1 0 R >>'#10'startxref'#10 + IntToStr(i) + #10'%%EOF'#10);
  Result := o.ToBytes;
end;

{ ------------------------------ checker ------------------------------ }
type
  TPK = (kNull, kNum, kName, kRef, kArr, kDict, kBool, kStr, kOp);
  TPO = class
    K: TPK; Num: Double; S: string; Ref: Integer;
    Items: array of TPO; Keys: array of string;
    StreamOff, StreamLen: Integer;
    function Get(const key: string): TPO;
    destructor Destroy; override;
  end;

function TPO.Get(const key: string): TPO;
var i: Integer;
begin
  Result := nil;
  if K <> kDict then Exit;
  for i := 0 to High(Keys) do if Keys[i] = key then Exit(Items[i]);
end;
destructor TPO.Destroy;
var i: Integer;
begin
  for i := 0 to High(Items) do Items[i].Free;
  inherited;
end;

type
  TLex = record
    D: TBytes; P, Stop: Integer;
  end;

function IsWS(c: Byte): Boolean; inline; begin Result := c in [0, 9, 10, 12, 13, 32]; end;
function IsDelim(c: Byte): Boolean; inline; begin Result := Chr(c) in ['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']; end;

procedure SkipWS(var L: TLex);
begin
  while L.P < L.Stop do begin
    if IsWS(L.D[L.P]) then Inc(L.P)
    else if L.D[L.P] = Ord('%') then begin while (L.P < L.Stop) and not (L.D[L.P] in [10, 13]) do Inc(L.P); end
    else Break;
  end;
end;

function Token(var L: TLex): string;
begin
  SkipWS(L);
  Result := '';
  if L.P >= L.Stop then Exit;
  if (L.D[L.P] = Ord('<')) and (L.P + 1 < L.Stop) and (L.D[L.P + 1] = Ord('<')) then begin Inc(L.P, 2); Exit('<<'); end;
  if (L.D[L.P] = Ord('>')) and (L.P + 1 < L.Stop) and (L.D[L.P + 1] = Ord('>')) then begin Inc(L.P, 2); Exit('>>'); end;
  if Chr(L.D[L.P]) in ['[', ']', '{', '}'] then begin Result := Chr(L.D[L.P]); Inc(L.P); Exit; end;
  if L.D[L.P] = Ord('(') then raise Exception.Create('string objects are not expected');
  Result := Chr(L.D[L.P]); Inc(L.P);
  while (L.P < L.Stop) and not IsWS(L.D[L.P]) and not IsDelim(L.D[L.P]) do begin Result := Result + Chr(L.D[L.P]); Inc(L.P); end;
end;

function IsNumber(const s: string): Boolean;
var i: Integer;
begin
  Result := s <> '';
  for i := 1 to Length(s) do if not (s[i] in ['0'..'9', '.', '-', '+']) then Exit(False);
end;

function ParseObj(var L: TLex): TPO;
var t, t2, t3: string; save, save2: Integer; o: TPO; fs: TFormatSettings;
begin
  fs := DefaultFormatSettings; fs.DecimalSeparator := '.';
  t := Token(L);
  o := TPO.Create; o.StreamOff := -1; Result := o;
  if t = '<<' then begin
    o.K := kDict;
    repeat
      save := L.P; t2 := Token(L);
      if t2 = '>>' then Break;
      if (t2 = '') or (t2[1] <> '/') then raise Exception.Create('dict key expected, got ' + t2);
      SetLength(o.Keys, Length(o.Keys) + 1); o.Keys[High(o.Keys)] := t2;
      SetLength(o.Items, Length(o.Items) + 1); o.Items[High(o.Items)] := ParseObj(L);
    until False;
  end else if t = '[' then begin
    o.K := kArr;
    repeat
      save := L.P; t2 := Token(L);
      if t2 = ']' then Break;
      L.P := save;
      SetLength(o.Items, Length(o.Items) + 1); o.Items[High(o.Items)] := ParseObj(L);
    until False;
  end else if (t <> '') and (t[1] = '/') then begin o.K := kName; o.S := t; end
  else if IsNumber(t) then begin
    o.K := kNum; o.Num := StrToFloat(t, fs);
    { look ahead for "g R" }
    save2 := L.P; t2 := Token(L); t3 := Token(L);
    if IsNumber(t2) and (t3 = 'R') then begin o.K := kRef; o.Ref := Round(o.Num); end
    else L.P := save2;
  end
  else if (t = 'true') or (t = 'false') then begin o.K := kBool; o.S := t; end
  else if t = 'null' then o.K := kNull
  else raise Exception.Create('unexpected token ' + t);
end;

function CheckPDF(const d: TBytes; out imgs: TPdfImages; out msg: string): Boolean;
var L: TLex; s: AnsiString; i, p, sx, n0, cnt, k, npages: Integer; offs: array of Integer;
    trailer, root, pagesObj: TPO; objs: array of TPO; fs: TFormatSettings;

  function LoadObj(n: Integer): TPO;
  var LL: TLex; t: string; o, ln: TPO;
  begin
    if (n <= 0) or (n > High(offs)) or (offs[n] <= 0) then raise Exception.CreateFmt('object %d missing from xref', [n]);
    if objs[n] <> nil then Exit(objs[n]);
    LL.D := d; LL.P := offs[n]; LL.Stop := Length(d);
    t := Token(LL); if t <> IntToStr(n) then raise Exception.CreateFmt('xref offset of object %d is wrong', [n]);
    t := Token(LL); if t <> '0' then raise Exception.Create('generation');
    t := Token(LL); if t <> 'obj' then raise Exception.Create('obj keyword');
    o := ParseObj(LL);
    t := Token(LL);
    if t = 'stream' then begin
      if LL.D[LL.P] = 13 then Inc(LL.P);
      if LL.D[LL.P] <> 10 then raise Exception.Create('stream EOL');
      Inc(LL.P);
      ln := o.Get('/Length');
      if (ln = nil) or (ln.K <> kNum) then raise Exception.Create('stream without direct /Length');
      o.StreamOff := LL.P; o.StreamLen := Round(ln.Num);
      LL.P := LL.P + o.StreamLen;
      t := Token(LL); if t <> 'endstream' then raise Exception.CreateFmt('object %d: /Length does not reach endstream', [n]);
      t := Token(LL);
    end;
    if t <> 'endobj' then raise Exception.CreateFmt('object %d: endobj expected', [n]);
    objs[n] := o; Result := o;
  end;

  function Deref(o: TPO): TPO;
  begin
    if (o <> nil) and (o.K = kRef) then Result := LoadObj(o.Ref) else Result := o;
  end;

  procedure CheckContent(o: TPO);
  var LL: TLex; t: string; ops: Integer;
  begin
    LL.D := d; LL.P := o.StreamOff; LL.Stop := o.StreamOff + o.StreamLen; ops := 0;
    if o.Get('/Filter') <> nil then raise Exception.Create('content stream is expected uncompressed');
    repeat
      t := Token(LL);
      if t = '' then Break;
      if IsNumber(t) or (t[1] = '/') then Continue;
      if (t = 'q') or (t = 'Q') or (t = 'cm') or (t = 'Do') then Inc(ops)
      else raise Exception.Create('content operator not allowed (text or drawing): ' + t);
    until False;
    if ops <> 4 then raise Exception.Create('unexpected content stream');
  end;

  procedure WalkPages(node: TPO; inhMedia: TPO; depth: Integer);
  var typ, kids, mb, res, xo, im, cont, dp, rot: TPO; j: Integer; info: TPdfImageInfo;
  begin
    if depth > 10 then raise Exception.Create('page tree too deep');
    typ := node.Get('/Type');
    if (typ = nil) then raise Exception.Create('node without /Type');
    if typ.S = '/Pages' then begin
      kids := Deref(node.Get('/Kids'));
      if (kids = nil) or (kids.K <> kArr) then raise Exception.Create('/Kids missing');
      mb := node.Get('/MediaBox'); if mb = nil then mb := inhMedia;
      for j := 0 to High(kids.Items) do WalkPages(Deref(kids.Items[j]), mb, depth + 1);
    end else if typ.S = '/Page' then begin
      Inc(npages);
      mb := node.Get('/MediaBox'); if mb = nil then mb := inhMedia;
      if (mb = nil) or (Length(mb.Items) <> 4) then raise Exception.Create('page without MediaBox');
      res := Deref(node.Get('/Resources'));
      if res = nil then raise Exception.Create('page without resources');
      if res.Get('/Font') <> nil then raise Exception.Create('page has fonts');
      for j := 0 to High(res.Keys) do if res.Keys[j] <> '/XObject' then raise Exception.Create('unexpected resource ' + res.Keys[j]);
      xo := Deref(res.Get('/XObject'));
      if (xo = nil) or (Length(xo.Items) <> 1) then raise Exception.Create('expected exactly one image XObject');
      im := Deref(xo.Items[0]);
      if (im.Get('/Subtype') = nil) or (im.Get('/Subtype').S <> '/Image') then raise Exception.Create('XObject is not an image');
      cont := Deref(node.Get('/Contents'));
      if (cont = nil) or (cont.StreamOff < 0) then raise Exception.Create('no content stream');
      CheckContent(cont);
      info.Filter := im.Get('/Filter').S;
      info.W := Round(im.Get('/Width').Num); info.H := Round(im.Get('/Height').Num);
      if im.Get('/ColorSpace').S = '/DeviceRGB' then info.Comps := 3 else info.Comps := 1;
      info.Bits := Round(im.Get('/BitsPerComponent').Num);
      info.DataOff := im.StreamOff; info.DataLen := im.StreamLen;
      info.K := 0; info.Columns := 1728; info.Rows := 0; info.BlackIs1 := False;
      dp := im.Get('/DecodeParms');
      if dp <> nil then begin
        if dp.Get('/K') <> nil then info.K := Round(dp.Get('/K').Num);
        if dp.Get('/Columns') <> nil then info.Columns := Round(dp.Get('/Columns').Num);
        if dp.Get('/Rows') <> nil then info.Rows := Round(dp.Get('/Rows').Num);
        if dp.Get('/BlackIs1') <> nil then info.BlackIs1 := dp.Get('/BlackIs1').S = 'true';
      end;
      info.MediaW := mb.Items[2].Num - mb.Items[0].Num; info.MediaH := mb.Items[3].Num - mb.Items[1].Num;
      rot := node.Get('/Rotate');
      if rot <> nil then info.Rotate := Round(rot.Num) else info.Rotate := 0;
      SetLength(imgs, Length(imgs) + 1); imgs[High(imgs)] := info;
    end else raise Exception.Create('unknown node type ' + typ.S);
  end;

begin
  Result := False; msg := ''; imgs := nil; objs := nil; trailer := nil;
  fs := DefaultFormatSettings; fs.DecimalSeparator := '.';
  try
    SetLength(s, Min(8, Length(d))); Move(d[0], s[1], Length(s));
    if Copy(s, 1, 7) <> '%PDF-1.' then raise Exception.Create('no %PDF header');
    { startxref }
    p := Length(d) - 1; sx := -1;
    while p > Length(d) - 64 do begin
      if (d[p] = Ord('s')) and (p + 9 <= Length(d)) then begin
        SetLength(s, 9); Move(d[p], s[1], 9);
        if s = 'startxref' then begin sx := p; Break; end;
      end;
      Dec(p);
    end;
    if sx < 0 then raise Exception.Create('no startxref');
    L.D := d; L.P := sx + 9; L.Stop := Length(d);
    p := StrToInt(Token(L));
    L.P := p;
    if Token(L) <> 'xref' then raise Exception.Create('startxref does not point at xref');
    n0 := StrToInt(Token(L)); cnt := StrToInt(Token(L));
    if n0 <> 0 then raise Exception.Create('xref must start at 0');
    SkipWS(L);
    SetLength(offs, cnt); SetLength(objs, cnt);
    for i := 0 to cnt - 1 do begin
      SetLength(s, 20); Move(d[L.P], s[1], 20);
      if not (s[19] in [#13, ' ']) or not (s[20] in [#10, #13]) then raise Exception.Create('xref entry is not 20 bytes');
      if s[18] = 'n' then offs[i] := StrToInt(Copy(s, 1, 10)) else offs[i] := 0;
      Inc(L.P, 20);
    end;
    if Token(L) <> 'trailer' then raise Exception.Create('trailer expected');
    trailer := ParseObj(L);
    if Round(trailer.Get('/Size').Num) <> cnt then raise Exception.Create('/Size differs from xref');
    root := LoadObj(trailer.Get('/Root').Ref);
    if root.Get('/Type').S <> '/Catalog' then raise Exception.Create('root is not a catalog');
    pagesObj := Deref(root.Get('/Pages'));
    npages := 0;
    WalkPages(pagesObj, nil, 0);
    if npages <> Round(pagesObj.Get('/Count').Num) then raise Exception.Create('/Count differs from the number of pages');
    { every xref'd object must parse }
    for k := 1 to cnt - 1 do if offs[k] > 0 then LoadObj(k);
    { no font object anywhere }
    for k := 1 to cnt - 1 do if (objs[k] <> nil) and (objs[k].Get('/Type') <> nil) and (objs[k].Get('/Type').S = '/Font') then
      raise Exception.Create('font object found');
    Result := True;
  except
    on e: Exception do msg := e.Message;
  end;
  for k := 0 to High(objs) do objs[k].Free;
  trailer.Free;
end;

end.
