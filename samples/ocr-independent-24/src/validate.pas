{ validate.pas - decodes every file of the set with our own readers (TIFF incl. G3/G4/LZW/
  PackBits/Deflate, PNG incl. Adam7 and palettes, baseline JPEG, PDF xref / page tree / image
  streams) and compares decoded pixels with the generator's expectations (expect.tsv).
  Optional: writes downscaled preview PNGs. }
program validate;
{$mode objfpc}{$H+}{$Q-}{$R-}
uses SysUtils, Classes, Math, common, ccitt, tiff, jpeg, pdf, pngw, effects;

type
  TPages = array of TImage;

function PaethP(a, b, c: Integer): Integer;
var p, pa, pb, pc: Integer;
begin
  p := a + b - c; pa := Abs(p - a); pb := Abs(p - b); pc := Abs(p - c);
  if (pa <= pb) and (pa <= pc) then Result := a else if pb <= pc then Result := b else Result := c;
end;

function ReadPNG(const d: TBytes; out img: TImage; out msg: string; out info: string): Boolean;
const
  XS: array[0..6] of Integer = (0, 4, 0, 2, 0, 1, 0); YS: array[0..6] of Integer = (0, 0, 4, 0, 2, 0, 1);
  DXs: array[0..6] of Integer = (8, 8, 4, 4, 2, 2, 1); DYs: array[0..6] of Integer = (8, 8, 8, 4, 4, 2, 2);
var p, len, w, h, bd, ct, il, spp, bpp, rowLen, pass, pw, ph, y, x, f, a, b, c, k, pos, idx, total: Integer;
    typ: string; crc: Cardinal; idat: TBuf; raw: TBytes; pal: TBytes; npal: Integer; gotIHDR, gotIEND, gotPHYS: Boolean;
    cur, prev: TBytes; v: Byte;
begin
  Result := False; msg := ''; info := ''; img.W := 0;
  try
    if (d[0] <> $89) or (d[1] <> Ord('P')) or (d[2] <> Ord('N')) or (d[3] <> Ord('G')) then raise Exception.Create('signature');
    p := 8; idat.Init; gotIHDR := False; gotIEND := False; gotPHYS := False; npal := 0;
    while p < Length(d) do begin
      len := (d[p] shl 24) or (d[p+1] shl 16) or (d[p+2] shl 8) or d[p+3];
      SetLength(typ, 4); Move(d[p + 4], typ[1], 4);
      crc := (Cardinal(d[p+8+len]) shl 24) or (d[p+9+len] shl 16) or (d[p+10+len] shl 8) or d[p+11+len];
      if Crc32Update(0, @d[p + 4], len + 4) <> crc then raise Exception.Create('CRC mismatch in ' + typ);
      if typ = 'IHDR' then begin
        w := (d[p+8] shl 24) or (d[p+9] shl 16) or (d[p+10] shl 8) or d[p+11];
        h := (d[p+12] shl 24) or (d[p+13] shl 16) or (d[p+14] shl 8) or d[p+15];
        bd := d[p+16]; ct := d[p+17]; il := d[p+20]; gotIHDR := True;
      end else if typ = 'PLTE' then begin npal := len div 3; SetLength(pal, len); Move(d[p + 8], pal[0], len); end
      else if typ = 'IDAT' then idat.Bytes(d, p + 8, len)
      else if typ = 'pHYs' then gotPHYS := True
      else if typ = 'IEND' then begin gotIEND := True; Break; end;
      p := p + 12 + len;
    end;
    if not (gotIHDR and gotIEND) then raise Exception.Create('missing IHDR/IEND');
    if not gotPHYS then raise Exception.Create('missing pHYs');
    case ct of 0: spp := 1; 2: spp := 3; 3: spp := 1; else raise Exception.Create('colour type'); end;
    if (ct = 3) and (npal = 0) then raise Exception.Create('palette missing');
    if (bd <> 8) and not ((ct = 3) and (bd = 4)) then raise Exception.Create('bit depth');
    bpp := Max(1, spp * bd div 8);
    { total filtered size }
    total := 0;
    for pass := 0 to 6 do begin
      if il = 0 then begin if pass > 0 then Break; pw := w; ph := h; end
      else begin
        if w > XS[pass] then pw := (w - XS[pass] + DXs[pass] - 1) div DXs[pass] else pw := 0;
        if h > YS[pass] then ph := (h - YS[pass] + DYs[pass] - 1) div DYs[pass] else ph := 0;
      end;
      if (pw > 0) and (ph > 0) then Inc(total, ph * (1 + (pw * spp * bd + 7) div 8));
    end;
    raw := ZDecompress(idat.D, 0, idat.N, total);
    if ct = 3 then img.Alloc(w, h, 3) else img.Alloc(w, h, spp);
    pos := 0;
    for pass := 0 to 6 do begin
      if il = 0 then begin if pass > 0 then Break; pw := w; ph := h; end
      else begin
        if w > XS[pass] then pw := (w - XS[pass] + DXs[pass] - 1) div DXs[pass] else pw := 0;
        if h > YS[pass] then ph := (h - YS[pass] + DYs[pass] - 1) div DYs[pass] else ph := 0;
      end;
      if (pw = 0) or (ph = 0) then Continue;
      rowLen := (pw * spp * bd + 7) div 8;
      SetLength(prev, rowLen); FillChar(prev[0], rowLen, 0); SetLength(cur, rowLen);
      for y := 0 to ph - 1 do begin
        f := raw[pos]; Inc(pos);
        for x := 0 to rowLen - 1 do begin
          if x >= bpp then a := cur[x - bpp] else a := 0;
          b := prev[x]; if x >= bpp then c := prev[x - bpp] else c := 0;
          case f of
            0: cur[x] := raw[pos + x];
            1: cur[x] := (raw[pos + x] + a) and $FF;
            2: cur[x] := (raw[pos + x] + b) and $FF;
            3: cur[x] := (raw[pos + x] + (a + b) div 2) and $FF;
            4: cur[x] := (raw[pos + x] + PaethP(a, b, c)) and $FF;
          else raise Exception.Create('bad filter type');
          end;
        end;
        Inc(pos, rowLen);
        for x := 0 to pw - 1 do begin
          if il = 0 then begin k := x; idx := y; end
          else begin k := XS[pass] + x * DXs[pass]; idx := YS[pass] + y * DYs[pass]; end;
          if ct = 3 then begin
            if bd = 4 then begin v := cur[x div 2]; if (x and 1) = 0 then v := v shr 4 else v := v and 15; end else v := cur[x];
            if v >= npal then raise Exception.Create('palette index out of range');
            img.P[(idx * w + k) * 3] := pal[v * 3]; img.P[(idx * w + k) * 3 + 1] := pal[v * 3 + 1]; img.P[(idx * w + k) * 3 + 2] := pal[v * 3 + 2];
          end else
            for c := 0 to spp - 1 do img.P[(idx * w + k) * spp + c] := cur[x * spp + c];
        end;
        Move(cur[0], prev[0], rowLen);
      end;
    end;
    info := Format('png %dx%d ct=%d bd=%d interlace=%d', [w, h, ct, bd, il]);
    Result := True;
  except on e: Exception do msg := e.Message; end;
end;

procedure Preview(const img: TImage; const fn: string);
var s: TImage; nw, nh: Integer; b: TBytes;
begin
  nh := 1100; nw := Round(img.W * nh / img.H);
  if nw > 1100 then begin nw := 1100; nh := Round(img.H * nw / img.W); end;
  s := Resample(img, nw, nh, rsBilinear);
  b := EncodePNG(s, TPngKind(Ord(s.C = 3)), nil, nil, 0, 72, 72, False);
  SaveBytes(fn, b, Length(b));
end;

var exp: TStringList; i, j, k, np, fails, files, pagesOk: Integer; parts: TStringList; dir, prevDir, fn, ext, msg, info,
    lastFile: string; d: TBytes; pages: TPages; tp: TDecodedPages; imgs: TPdfImages; img: TImage; bits: TBytes;
    crc: Cardinal; x, y: Integer; ok: Boolean; rep: TStringList; data: TBytes;
begin
  dir := ParamStr(1); prevDir := ParamStr(3);
  exp := TStringList.Create; exp.LoadFromFile(ParamStr(2));
  parts := TStringList.Create; parts.Delimiter := #9; parts.StrictDelimiter := True;
  rep := TStringList.Create;
  fails := 0; files := 0; pagesOk := 0; lastFile := '';
  for i := 0 to exp.Count - 1 do begin
    parts.DelimitedText := exp[i];
    fn := parts[0];
    if fn = lastFile then Continue;
    lastFile := fn; Inc(files);
    d := LoadBytes(dir + '/' + fn);
    ext := ExtractFileExt(fn);
    pages := nil; ok := True; msg := ''; info := '';
    if ext = '.tif' then begin
      ok := DecodeTIFF(d, tp, msg);
      if ok then begin
        SetLength(pages, Length(tp));
        for j := 0 to High(tp) do pages[j] := tp[j].Img;
        info := Format('tiff %s pages=%d first_compression=%d strips=%d dpi=%.0fx%.0f', [BoolToStr(tp[0].BigEndian, 'MM', 'II'), Length(tp), tp[0].Comp, tp[0].Strips, tp[0].DpiX, tp[0].DpiY]);
      end;
    end else if ext = '.png' then begin
      ok := ReadPNG(d, img, msg, info);
      if ok then begin SetLength(pages, 1); pages[0] := img; end;
    end else if ext = '.jpg' then begin
      ok := DecodeJPEG(d, 0, Length(d), img, msg);
      if ok then begin SetLength(pages, 1); pages[0] := img; info := Format('jpeg %dx%d comps=%d', [img.W, img.H, img.C]); end;
    end else if ext = '.pdf' then begin
      ok := CheckPDF(d, imgs, msg);
      if ok then begin
        SetLength(pages, Length(imgs));
        info := 'pdf pages=' + IntToStr(Length(imgs)) + ' images only, no text operators or fonts;';
        for j := 0 to High(imgs) do begin
          info := info + Format(' [%s %dx%d media %.0fx%.0f rot %d]', [imgs[j].Filter, imgs[j].W, imgs[j].H, imgs[j].MediaW, imgs[j].MediaH, imgs[j].Rotate]);
          if imgs[j].Filter = '/DCTDecode' then begin
            if not DecodeJPEG(d, imgs[j].DataOff, imgs[j].DataLen, pages[j], msg) then begin ok := False; Break; end;
          end else if imgs[j].Filter = '/CCITTFaxDecode' then begin
            if (imgs[j].K <> -1) or imgs[j].BlackIs1 or (imgs[j].Columns <> imgs[j].W) or (imgs[j].Rows <> imgs[j].H) then begin
              ok := False; msg := 'CCITT parameters inconsistent'; Break; end;
            if not DecodeG4(d, imgs[j].DataOff, imgs[j].DataLen, imgs[j].W, imgs[j].H, bits) then begin ok := False; msg := 'G4 decode failed'; Break; end;
            pages[j].Alloc(imgs[j].W, imgs[j].H, 1);
            for k := 0 to imgs[j].W * imgs[j].H - 1 do if bits[k] = 1 then pages[j].P[k] := 0 else pages[j].P[k] := 255;
          end else if imgs[j].Filter = '/FlateDecode' then begin
            pages[j].Alloc(imgs[j].W, imgs[j].H, imgs[j].Comps);
            data := ZDecompress(d, imgs[j].DataOff, imgs[j].DataLen, imgs[j].W * imgs[j].H * imgs[j].Comps);
            pages[j].P := data;
          end else begin ok := False; msg := 'unknown filter'; Break; end;
        end;
      end;
    end;
    if not ok then begin rep.Add('FAIL ' + fn + ': ' + msg); Inc(fails); Continue; end;
    { compare with expectations }
    np := 0;
    for k := i to exp.Count - 1 do begin
      parts.DelimitedText := exp[k];
      if parts[0] <> fn then Break;
      j := StrToInt(parts[1]) - 1; Inc(np);
      if j > High(pages) then begin rep.Add('FAIL ' + fn + ': missing page ' + IntToStr(j + 1)); Inc(fails); Continue; end;
      crc := Crc32Of(pages[j].P, 0, Length(pages[j].P));
      if (pages[j].W <> StrToInt(parts[2])) or (pages[j].H <> StrToInt(parts[3])) or (pages[j].C <> StrToInt(parts[4])) or
         (IntToStr(crc) <> parts[5]) then begin
        rep.Add(Format('FAIL %s page %d: decoded %dx%dx%d crc %u, expected %sx%sx%s crc %s', [fn, j + 1, pages[j].W, pages[j].H, pages[j].C, crc, parts[2], parts[3], parts[4], parts[5]]));
        Inc(fails);
      end else Inc(pagesOk);
      if prevDir <> '' then Preview(pages[j], prevDir + '/' + ChangeFileExt(fn, '') + '_p' + IntToStr(j + 1) + '.png');
    end;
    if np <> Length(pages) then begin rep.Add(Format('FAIL %s: file has %d pages, expected %d', [fn, Length(pages), np])); Inc(fails); end;
    rep.Add('ok   ' + fn + ': ' + info);
  end;
  for i := 0 to rep.Count - 1 do WriteLn(rep[i]);
  WriteLn(Format('validated %d files, %d pages decoded and matched, %d failures', [files, pagesOk, fails]));
  if fails > 0 then Halt(1);
end.
