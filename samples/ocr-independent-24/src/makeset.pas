{ makeset.pas - generates the ocr24 evaluation set: 45 fictional NHS documents, scanned-looking
  images in TIFF / JPEG / PNG / PDF written by our own encoders, with ground truth and metadata. }
program makeset;
{$mode objfpc}{$H+}
uses SysUtils, Classes, common, ttf, raster, layout, effects, docdata, gen, builders, ccitt;

const
  FD = '/usr/share/fonts/truetype/';

procedure Reg(const key, path, name: string);
begin
  FaceByName.AddObject(key, TObject(PtrInt(AddFace(FD + path, name))));
end;
procedure Alias(const key, target: string);
begin
  FaceByName.AddObject(key, TObject(PtrInt(FaceIdx(target))));
end;

procedure RegisterFaces;
begin
  Reg('serifmod', 'fonts-bpg-georgian/BPG_Serif_Modern_GPL&GNU.ttf', 'BPG Serif Modern');
  Reg('serifmod.b', 'fonts-bpg-georgian/BPG_Serif_GPL&GNU.ttf', 'BPG Serif');
  Reg('ingiri', 'fonts-bpg-georgian/BPG_Ingiri_GPL&GNU.ttf', 'BPG Ingiri'); Alias('ingiri.b', 'ingiri');
  Reg('algeti', 'fonts-bpg-georgian/BPG_Algeti_GPL&GNU.ttf', 'BPG Algeti'); Alias('algeti.b', 'algeti');
  Reg('nateli', 'fonts-bpg-georgian/BPG_Nateli_GPL&GNU.ttf', 'BPG Nateli'); Alias('nateli.b', 'nateli');
  Reg('gorda', 'fonts-bpg-georgian/BPG_Gorda_GNU-GPL.ttf', 'BPG Gorda'); Alias('gorda.b', 'gorda');
  Reg('elite', 'fonts-bpg-georgian/BPG_Elite_GPL&GNU.ttf', 'BPG Elite'); Alias('elite.b', 'elite');
  Reg('excelsior', 'fonts-bpg-georgian/BPG_Excelsior_GPL&GNU.ttf', 'BPG Excelsior'); Alias('excelsior.b', 'excelsior');
  Reg('nino', 'fonts-bpg-georgian/BPG_Nino_Medium_GPL&GNU.ttf', 'BPG Nino Medium'); Alias('nino.b', 'nino');
  Reg('sansmodern', 'fonts-bpg-georgian/BPG_Sans_Modern_GPL&GNU.ttf', 'BPG Sans Modern'); Alias('sansmodern.b', 'sansmodern');
  Reg('courier', 'fonts-bpg-georgian/BPG_Courier_GPL&GNU.ttf', 'BPG Courier');
  Reg('courierS', 'fonts-bpg-georgian/BPG_Courier_S_GPL&GNU.ttf', 'BPG Courier S');
  Reg('cmuserif', 'cmu/cmunrm.ttf', 'CMU Serif'); Reg('cmuserif.b', 'cmu/cmunbx.ttf', 'CMU Serif Bold');
  Reg('cmusans', 'cmu/cmunss.ttf', 'CMU Sans Serif'); Reg('cmusans.b', 'cmu/cmunsx.ttf', 'CMU Sans Serif Bold');
  Reg('cmusansdc', 'cmu/cmunssdc.ttf', 'CMU Sans Serif Demi Condensed'); Alias('cmusansdc.b', 'cmusansdc');
  Reg('concrete', 'cmu/cmunorm.ttf', 'CMU Concrete'); Reg('concrete.b', 'cmu/cmunobx.ttf', 'CMU Concrete Bold');
  Reg('cmutt', 'cmu/cmuntt.ttf', 'CMU Typewriter Text');
  Reg('daibanna', 'dai-banna/DBSILBR.ttf', 'Dai Banna SIL Book'); Reg('daibanna.b', 'dai-banna/DBSILBB.ttf', 'Dai Banna SIL Book Bold');
  Reg('taiheritage', 'taiheritagepro/TaiHeritagePro-Regular.ttf', 'Tai Heritage Pro');
  Reg('taiheritage.b', 'taiheritagepro/TaiHeritagePro-Bold.ttf', 'Tai Heritage Pro Bold');
  Reg('nats', 'teluguvijayam/NATS.ttf', 'NATS'); Alias('nats.b', 'nats');
  Reg('mandali', 'teluguvijayam/Mandali-Regular.ttf', 'Mandali'); Alias('mandali.b', 'mandali');
  Reg('gidugu', 'teluguvijayam/Gidugu.ttf', 'Gidugu');
  Reg('nanumsq', 'nanum/NanumSquareL.ttf', 'NanumSquare Light'); Reg('nanumsq.b', 'nanum/NanumSquareEB.ttf', 'NanumSquare ExtraBold');
  Reg('barunpen', 'nanum/NanumBarunpenR.ttf', 'NanumBarunpen'); Reg('barunpen.b', 'nanum/NanumBarunpenB.ttf', 'NanumBarunpen Bold');
  Reg('nanumpen', 'nanum/NanumPen.ttf', 'Nanum Pen Script');
  Reg('nanumbrush', 'nanum/NanumBrush.ttf', 'Nanum Brush Script');
  Reg('abogado', 'dustin/El_Abogado_Loco.ttf', 'El Abogado Loco');
  HandFace := FaceIdx('nanumpen'); Hand2Face := FaceIdx('nanumbrush'); Hand3Face := FaceIdx('abogado');
  StampFace := FaceIdx('gidugu'); FaxFace := FaceIdx('courierS');
end;

var Plan: TStringList;

procedure P(const s: string); begin Plan.Add(s); end;

procedure MakePlan;
begin
  Plan := TStringList.Create;
  { --- referral letters (31) --- }
  P('doc01 referral_letter ers_export tif comp=g4 bo=ii f=nanumsq scen=0 | a4 300 bw moderate skew=0.8 stamp=1 punch');
  P('doc02 referral_letter ers_export pdf f=ingiri scen=8 q=72 | a4 300 grey clean');
  P('doc03 referral_letter ers_export jpg q=55 sub=420 f=nats scen=3 nhs=2 dob=0 | a4 200 rgb moderate skew=-1.6 highlight=1 annot=1 light');
  P('doc04 referral_letter tickbox_proforma tif comp=g4 bo=mm rps=128 f=cmusans scen=1 | a4 300 bw moderate skew=-0.6 photocopy=1 | a4 300 bw hard photocopy=2 skew=2.2 stamp=1 stampover=1 annot=1');
  P('doc05 referral_letter tickbox_proforma png f=algeti scen=0 nhs=0 dob=3 | a4 150 grey hard blur=1.1 noise=6 skew=1.9 stamp=1');
  P('doc06 referral_letter tickbox_proforma pdf f=sansmodern scen=7 | a4 300 rgb moderate highlight=1 annot=2 q=60 sub=420');
  P('doc07 referral_letter dictated_letter tif comp=lzw bo=ii pred=1 f=serifmod head=0 scen=5 nhs=0 dob=0 relab=0 | a4 300 grey clean halftone');
  P('doc08 referral_letter dictated_letter pdf f=cmuserif head=1 scen=6 nhs=1 dob=1 relab=1 q=50 | a4 300 grey moderate skew=1.1 punch | a4 300 grey moderate skew=0.7 coffee=1');
  P('doc09 referral_letter dictated_letter jpg q=45 f=daibanna head=2 scen=12 nhs=2 dob=2 relab=2 | a4 300 grey hard photocopy=2 skew=-2.6 dark bleed');
  P('doc10 referral_letter dictated_letter tif comp=g4 bo=ii f=gorda head=0 scen=13 relab=1 dob=9 nhs=0 | a4 300 bw moderate skew=0.4 stamp=1 annot=1 | a4 300 bw clean staple');
  P('doc11 referral_letter soap_note png il=1 f=mandali scen=4 | a4 200 rgb moderate paper=yellow skew=-0.9 highlight=1');
  P('doc12 referral_letter soap_note tif comp=pb bo=ii f=excelsior scen=9 dob=5 nhs=1 | a4 200 grey hard skew=1.3 streaks=3 edge=l blur=1.0 noise=5 photocopy=1');
  P('doc13 referral_letter emis_export pdf f=algeti scen=10 | a4 300 bw clean | a4 300 bw moderate skew=0.9 stamp=1');
  P('doc14 referral_letter emis_export jpg q=80 f=nino scen=14 dob=5 | a4 300 rgb clean');
  P('doc15 referral_letter emis_export tif comp=zip bo=mm f=ingiri scen=2 dob=7 | a4 400 grey moderate skew=-0.5 photocopy=1');
  P('doc16 referral_letter systmone_export pdf f=nanumsq scen=11 q=75 | a4 300 rgb moderate sub=420 initials | a4 300 rgb moderate sub=420 annot=1');
  P('doc17 referral_letter systmone_export png f=barunpen scen=15 dob=0 nhs=0 | a4 300 pal8 clean');
  P('doc18 referral_letter systmone_export tif comp=g4 bo=mm rps=64 f=cmusansdc scen=3 dob=11 nhs=1 | a4 200 bw hard rot=90 skew=1.5 photocopy=2 coffee=1');
  P('doc19 referral_letter vision_export tif comp=g3 fill=1 bo=ii m=courierS scen=1 | a4 fax bw hard band=2 rough=14');
  P('doc20 referral_letter vision_export jpg q=65 m=cmutt scen=6 dob=0 | lt 300 grey moderate skew=-1.2 paper=buff');
  P('doc21 referral_letter terse_note png m=courier scen=7 dob=2 | a5 300 grey moderate skew=2.4 paper=blue');
  P('doc22 referral_letter terse_note tif comp=none bo=ii m=cmutt scen=11 dob=6 nhs=1 | a5 200 bw moderate rot=180 skew=-0.7');
  P('doc23 referral_letter two_page_header_first pdf f=taiheritage scen=2 head=0 q=60 | a4 300 grey moderate halftone | a4 300 grey moderate skew=0.6 fold=l');
  P('doc24 referral_letter two_page_header_first tif comp=g4 bo=ii f=elite scen=9 head=1 dob=4 | a4 300 bw clean | a4 300 bw moderate stamp=1 skew=-0.4');
  P('doc27 referral_letter compliments_slip_with_letter pdf f=nats scen=1 q=70 | dl 300 rgb moderate sub=420 | a4 300 grey moderate skew=-0.8 staple');
  P('doc28 referral_letter fax_cover_and_letter tif comp=g3 bo=ii f=ingiri scen=10 | a4 fax bw moderate | a4 fax bw hard band=3 rough=12 stamp=1');
  P('doc29 referral_letter fax_cover_and_letter pdf f=algeti scen=0 nhs=2 dob=8 | a4 fax bw moderate | a4 fax bw hard band=3 rough=16');
  P('doc30 referral_letter typewritten_letter tif comp=lzw bo=mm m=courier scen=5 dob=6 | a4 300 rgb moderate paper=yellow skew=0.9 bleed faded');
  P('doc31 referral_letter typewritten_letter jpg q=70 m=cmutt scen=14 dob=4 | a4 300 grey hard photocopy=3 skew=-1.8 toner=3 edge=lt');
  P('doc32 referral_letter dot_matrix_printout tif comp=g4 bo=mm m=courierS scen=4 | lt 300 bw moderate skew=-1.0');
  P('doc33 referral_letter dot_matrix_printout png m=courierS scen=13 dob=0 nhs=0 | a4 200 pal4 moderate paper=green streaks=1');
  { --- clinic letters (4) --- }
  P('doc25 clinic_letter demographics_box pdf f=cmuserif scen=12 q=70 | a4 300 rgb moderate halftone stamp=1 | a4 300 rgb clean');
  P('doc26 clinic_letter demographics_box jpg q=40 f=ingiri scen=8 dob=3 | a4 150 grey hard moire halftone skew=2.8 noise=6');
  P('doc34 clinic_letter clinic_letter pdf f=serifmod head=0 scen=3 q=85 | a4 300 grey clean | lt 300 grey clean');
  P('doc35 clinic_letter clinic_letter tif comp=zip bo=ii pred=1 f=concrete head=1 scen=15 dob=1 | a4 400 grey moderate skew=0.5 punch highlight=1');
  { --- discharge summaries (3) --- }
  P('doc36 discharge_summary discharge_summary pdf f=nanumsq scen=9 q=65 | a4 300 rgb moderate halftone | lt 300 rgb moderate stamp=1');
  P('doc37 discharge_summary discharge_summary tif comp=g4 bo=ii f=cmusans scen=10 dob=8 | a4 300 bw hard photocopy=3 skew=2.9 | a4 300 bw hard photocopy=3 skew=-2.4 rot=270');
  P('doc38 discharge_summary discharge_summary jpg q=75 sub=420 f=daibanna scen=5 | a4 300 rgb moderate paper=pink coffee=2 skew=0.7');
  { --- lab results (3) --- }
  P('doc39 lab_result lab_report tif comp=pb bo=mm biz=1 f=ingiri dot=1 m=courierS scen=8 | a4 200 bw moderate skew=-1.3');
  P('doc40 lab_result lab_report pdf f=nateli scen=12 dob=0 | a4 300 grey moderate lowcontrast flate | a4 300 grey moderate lowcontrast flate skew=1.0');
  P('doc41 lab_result lab_report png il=1 f=algeti nonhs=1 scen=8 dob=3 | a4 300 grey clean');
  { --- appointment letters (2) --- }
  P('doc42 appointment_letter appointment_letter jpg q=85 f=nats scen=6 | a4 300 rgb clean');
  P('doc43 appointment_letter appointment_letter pdf f=barunpen scen=11 dob=1 q=60 | a4 300 grey clean rot=90 pdfrotate=270');
  { --- continuation sheets (2) --- }
  P('doc44 continuation_sheet handwritten_continuation tif comp=lzw bo=ii f=ingiri scen=14 | a4 300 grey clean | a4 300 grey moderate skew=-1.1 annot=1 | a4 300 grey moderate skew=0.8');
  P('doc45 continuation_sheet handwritten_continuation jpg q=60 sub=420 f=nats hand=2 scen=1 | a4 200 rgb hard skew=2.0 coffee=1 paper=buff light noise=6');
end;

var outDir, buildDir, only: string; i: Integer; c: TDocCtx; f: TextFile; t0: QWord;
begin
  outDir := ParamStr(1); buildDir := ParamStr(2); only := ParamStr(3);
  if (outDir = '') or (buildDir = '') then begin WriteLn('usage: makeset OUTDIR BUILDDIR [docid]'); Halt(2); end;
  DefaultFormatSettings.DecimalSeparator := '.';
  CheckTables;
  InitScens;
  RegisterFaces;
  MakePlan;
  AssignFile(f, buildDir + '/meta.jsonl'); Rewrite(f); CloseFile(f);
  AssignFile(f, buildDir + '/expect.tsv'); Rewrite(f); CloseFile(f);
  for i := 0 to Plan.Count - 1 do begin
    if (only <> '') and (Pos(only + ' ', Plan[i]) <> 1) then Continue;
    t0 := GetTickCount64;
    c := TDocCtx.Create(Plan[i], outDir, buildDir);
    try
      BuildDoc(c);
      c.Finish;
      WriteLn(c.Id, ' ', c.Kind, ' pages=', c.PageNo, ' ', (GetTickCount64 - t0) / 1000:0:1, 's');
    finally
      c.Free;
    end;
  end;
  WriteLn('glyph masks rasterised: ', CachedGlyphCount, '; composite glyph outlines loaded: ', CompositeGlyphsLoaded,
          '; kerning adjustments applied: ', KernPairsApplied);
end.
