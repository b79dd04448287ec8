/* main.c - the set: 45 documents, spec table, writers, manifest */
typedef struct { const char *type,*kind,*fmt; const char *p[4]; int scen,nk,dk,fs,var,pages; } Spec;
static const Spec SPECS[]={
/*01*/{"referral_letter","dictated_letter","tif g4",{"diff=clean dpi=300 skew"},0,0,0,1,0,1},
/*02*/{"referral_letter","ers_export","pdf",{"diff=moderate dpi=300 enc=jpg rgb q=70 skew stamp"},4,0,4,0,0,1},
/*03*/{"lab_result","lab_report","jpg grey q=60",{"diff=moderate dpi=200 skew hilite"},1,1,3,5,0,1},
/*04*/{"referral_letter","tickbox_proforma_2ww","tif g4 rps=128",{"diff=hard dpi=300 copy=2 skew stamp annot"},1,1,0,0,0,1},
/*05*/{"referral_letter","emis_web_export","pdf",{"diff=moderate dpi=300 enc=jpg q=55 skew staple","diff=moderate dpi=300 enc=jpg q=55 skew size=Letter"},5,0,3,5,0,2},
/*06*/{"referral_letter","soap_note","png grey",{"diff=clean dpi=300"},6,1,2,6,0,1},
/*07*/{"referral_letter","fax_referral","tif g3",{"fax diff=moderate"},7,0,0,0,0,1},
/*08*/{"clinic_letter","clinic_letter","jpg rgb q=75",{"diff=moderate dpi=300 paper=cream skew halftone coffee"},8,0,1,1,0,1},
/*09*/{"referral_letter","two_page_letter_header_first","tif lzw pred mm rps=200",{"diff=clean dpi=300","diff=moderate dpi=300 skew punch annot"},9,1,1,2,1,2},
/*10*/{"referral_letter","systmone_export","tif packbits",{"diff=moderate dpi=200 skew annot","diff=hard dpi=200 copy=1 skew dark"},10,2,0,0,0,2},
/*11*/{"discharge_summary","discharge_summary","pdf",{"diff=clean dpi=300 enc=ccitt skew staple","diff=moderate dpi=300 enc=ccitt skew rot=180"},3,0,0,0,0,2},
/*12*/{"referral_letter","vision_dot_matrix_printout","png grey",{"diff=hard dpi=200 pencil paper=green skew bil"},0,1,2,11,0,1},
/*13*/{"referral_letter","dictated_letter_thin_serif","pdf",{"diff=moderate dpi=200 enc=flate skew halftone","diff=moderate dpi=200 enc=flate skew bleed"},1,0,1,3,2,2},
/*14*/{"appointment_letter","appointment_letter","jpg grey q=80 prog",{"diff=clean dpi=150"},2,0,1,6,0,1},
/*15*/{"referral_letter","demographics_box_beside_address","tif g4 mm",{"diff=moderate dpi=300 skew stamp hilite"},3,0,0,0,0,1},
/*16*/{"referral_letter","typewriter_letter","tif g4",{"diff=clean dpi=400 skew"},4,3,2,12,0,1},
/*17*/{"continuation_sheet","handwritten_continuation_sheet","jpg rgb q=65 444",{"diff=moderate dpi=200 paper=blue skew"},3,0,0,14,0,1},
/*18*/{"referral_letter","tickbox_proforma_msk","png bw",{"diff=moderate dpi=300 skew annot thr=0.6"},3,0,6,5,1,1},
/*19*/{"referral_letter","compliments_slip_with_letter","pdf",{"diff=clean dpi=300 size=DL enc=jpg rgb q=70","diff=moderate dpi=300 enc=jpg q=70 skew sign"},5,1,1,1,0,2},
/*20*/{"referral_letter","terse_note","jpg grey q=40",{"diff=hard dpi=150 copy=1 skew jpegblock"},6,1,0,9,0,1},
/*21*/{"lab_result","lab_report","tif lzw rps=64",{"diff=moderate dpi=300 skew stamp","diff=moderate dpi=300 rot=90"},7,0,3,0,0,2},
/*22*/{"referral_letter","ers_export","pdf",{"diff=moderate dpi=200 enc=jpg q=50 skew","diff=hard dpi=200 enc=jpg q=50 copy=2 skew pdfrot"},8,0,4,13,0,2},
/*23*/{"referral_letter","dictated_letter_three_page","tif g3 2d k=4",{"diff=moderate dpi=200 skew staple","diff=moderate dpi=200 skew","diff=hard dpi=200 copy=2 skew"},9,2,2,8,0,3},
/*24*/{"clinic_letter","clinic_letter_demographics_box","png rgb",{"diff=moderate dpi=150 paper=pink skew hilite sign"},10,0,0,2,1,1},
/*25*/{"referral_letter","soap_note","tif none",{"diff=moderate dpi=150 skew fold"},0,1,6,4,0,1},
/*26*/{"discharge_summary","discharge_summary","tif g4 rps=256",{"diff=clean dpi=300","diff=moderate dpi=300 skew","diff=moderate dpi=300 skew annot"},1,1,0,5,0,3},
/*27*/{"referral_letter","fax_referral","tif g3 2d k=4",{"fax faxnn diff=hard skew"},2,2,2,5,0,2},
/*28*/{"referral_letter","emis_web_export","jpg rgb q=85 444 opt",{"diff=clean dpi=300"},3,1,4,0,0,1},
/*29*/{"referral_letter","two_page_letter_header_first","pdf",{"diff=moderate dpi=300 enc=jpg rgb q=60 halftone skew stamp annot sign","diff=moderate dpi=300 enc=jpg q=60 skew coffee"},4,0,1,1,2,2},
/*30*/{"referral_letter","demographics_box_two_columns","tif lzw rgb",{"diff=moderate dpi=200 paper=yellow skew annot","diff=moderate dpi=200 paper=yellow skew sign"},5,2,3,6,1,2},
/*31*/{"referral_letter","terse_note_terminal_font","png grey",{"diff=clean dpi=200 paper=cream"},6,0,2,10,2,1},
/*32*/{"referral_letter","vision_export_terminal_printout","tif g4",{"diff=hard dpi=200 copy=3 skew"},7,2,6,10,0,1},
/*33*/{"appointment_letter","appointment_letter","pdf",{"diff=clean dpi=200 size=Letter enc=jpg rgb q=75"},8,1,3,0,0,1},
/*34*/{"referral_letter","dictated_letter","jpg grey q=45",{"diff=hard dpi=300 rs=400 skew edge punch sign annot"},9,3,1,4,0,1},
/*35*/{"referral_letter","tickbox_proforma_dermatology","tif g4",{"diff=clean dpi=400"},2,0,5,13,2,1},
/*36*/{"lab_result","lab_report","png grey",{"diff=moderate dpi=300 skew faint"},10,2,2,9,0,1},
/*37*/{"continuation_sheet","handwritten_continuation_sheet","tif packbits bw",{"diff=hard dpi=300 skew pencil","diff=moderate dpi=300 skew"},3,1,0,15,0,2},
/*38*/{"referral_letter","systmone_export","jpg grey q=70 prog",{"diff=moderate dpi=300 skew stamp"},0,0,4,7,0,1},
/*39*/{"clinic_letter","clinic_letter","tif lzw pred",{"diff=moderate dpi=300 skew halftone punch sign stamp","diff=clean dpi=300"},1,1,1,3,0,2},
/*40*/{"referral_letter","terse_note_a5","pdf",{"diff=moderate dpi=300 size=A5 enc=ccitt skew"},2,0,2,1,0,1},
/*41*/{"discharge_summary","discharge_summary","pdf",{"diff=moderate dpi=150 enc=flate skew stamp annot","diff=hard dpi=150 enc=jpg q=40 copy=1 skew jpegblock"},4,2,3,1,0,2},
/*42*/{"referral_letter","typewriter_letter","tif none bw mm rps=32",{"diff=moderate dpi=300 skew","diff=hard dpi=300 skew copy=1 coffee"},5,0,1,12,0,2},
/*43*/{"referral_letter","ers_export","png rgb",{"diff=clean dpi=150"},6,0,4,0,0,1},
/*44*/{"referral_letter","demographics_box_beside_address","tif g4 rps=100 mm",{"diff=moderate dpi=300 rot=270 skew"},7,1,0,5,0,1},
/*45*/{"referral_letter","dictated_letter","jpg rgb q=50",{"diff=hard dpi=300 skew copy=1 stamp annot coffee bleed"},8,0,2,0,0,1},
};
#define NDOC ((int)(sizeof SPECS/sizeof SPECS[0]))
static Font *FS[16][2]={{&F_inter,&F_interB},{&F_voll,&F_vollB},{&F_cardo,&F_cardoB},{&F_fan,&F_vollB},{&F_goudy,&F_cardoB},{&F_dosis,&F_dosisB},{&F_quick,&F_quickB},{&F_interMono,&F_interMonoB},
  {&F_vollMono,&F_vollMonoB},{&F_dosisMono,&F_dosisB},{&F_3270,&F_3270},{&F_dot,&F_dotB},{&F_type,&F_type},{&F_interL,&F_interB},{&F_hand1,&F_inter},{&F_hand2,&F_dosis}};
static void run_layout(const Spec *s){Font *f=FS[s->fs][0],*fb=FS[s->fs][1];const char *k=s->kind;int nk=s->nk,dk=s->dk;
  if(!strncmp(k,"dictated",8))k_dictated(s->pages,f,fb,10.5,s->var,nk,dk);
  else if(!strcmp(k,"ers_export"))k_ers(s->pages,f,fb);
  else if(!strncmp(k,"tickbox",7))k_proforma(f,fb,s->var,nk,dk);
  else if(!strcmp(k,"soap_note"))k_soap(f,fb,nk,dk);
  else if(!strcmp(k,"emis_web_export"))k_emis(s->pages,f,fb,nk,dk);
  else if(!strcmp(k,"systmone_export"))k_systmone(s->pages,f,fb,nk,dk);
  else if(!strncmp(k,"vision",6))k_vision(f,nk,dk);
  else if(!strncmp(k,"terse",5))k_terse(f,fb,s->var,nk,dk);
  else if(!strncmp(k,"two_page",8))k_twopage(f,fb,s->var,nk,dk);
  else if(!strncmp(k,"demographics",12))k_demobox(s->pages,f,fb,nk,dk,s->var);
  else if(!strncmp(k,"compliments",11))k_slip(f,fb,nk,dk);
  else if(!strncmp(k,"fax",3))k_fax(f,fb,nk,dk,s->pages);
  else if(!strncmp(k,"typewriter",10))k_typewriter(f,nk,dk,s->pages);
  else if(!strncmp(k,"clinic",6))k_clinic(&F_inter==f?f:f,fb,nk,dk,s->pages,s->var);
  else if(!strncmp(k,"discharge",9))k_discharge(f,fb,nk,dk,s->pages);
  else if(!strncmp(k,"lab",3))k_lab(f,fb,nk,dk,s->pages);
  else if(!strncmp(k,"appointment",11))k_appt(f,fb,nk,dk);
  else if(!strncmp(k,"handwritten",11))k_cont(&F_inter,&F_interB,f,nk,dk,s->pages);
  else {fprintf(stderr,"unknown kind %s\n",k);exit(1);}}
static const char *OUTDIR=".";static FILE *MAN,*HASH;
static void jarr_ints(Buf *b,const char *key,const int *v,int n){bprintf(b,", \"%s\": [",key);for(int i=0;i<n;i++)bprintf(b,"%s%d",i?", ":"",v[i]);bstr(b,"]");}
static void jstr(Buf *b,const char *s){bstr(b,"\"");for(;*s;s++){if(*s=='"'||*s=='\\')bprintf(b,"\\%c",*s);else bbyte(b,*s);}bstr(b,"\"");}
static void emit_doc(const Spec *s){Doc *d=D;char path[512],ext[8];const char *f=s->fmt;char fmtdesc[300];
  if(!strncmp(f,"tif",3)){strcpy(ext,"tif");TOpt o[MAXP];int be=tokhas(f,"mm");
    for(int i=0;i<d->np;i++){memset(&o[i],0,sizeof o[i]);o[i].comp=tokhas(f,"g4")?C_G4:tokhas(f,"g3")?C_G3:tokhas(f,"lzw")?C_LZW:tokhas(f,"packbits")?C_PACKBITS:C_NONE;o[i].predictor=tokhas(f,"pred")?2:1;o[i].rps=(int)tokval(f,"rps",0);o[i].g3_2d=tokhas(f,"2d");o[i].K=(int)tokval(f,"k",2);}
    snprintf(path,sizeof path,"%s/%s.%s",OUTDIR,d->name,ext);write_tiff(path,d->pages,o,d->np,be);
    const char *cn=o[0].comp==C_G4?"CCITT T.6 (Group 4)":o[0].comp==C_G3?(o[0].g3_2d?"CCITT T.4 Group 3 2-D (MR)":"CCITT T.4 Group 3 1-D (MH)"):o[0].comp==C_LZW?(o[0].predictor==2?"LZW + horizontal predictor":"LZW"):o[0].comp==C_PACKBITS?"PackBits":"uncompressed";
    const Raster *R=d->pages[0];snprintf(fmtdesc,sizeof fmtdesc,"tiff; %s; %s; %s byte order; %s; %d page(s)%s",cn,R->bps==1?"bilevel":R->spp==3?"rgb 8-bit":"greyscale 8-bit",be?"big-endian (MM)":"little-endian (II)",o[0].rps>0?"multi-row strips":"single strip per page",d->np,d->np>1?", IFD chain":"");
    for(int i=0;i<d->np;i++)fprintf(HASH,"%s.%s\t%d\t%08llx\t%d\t%d\t%d\n",d->name,ext,i+1,(unsigned long long)raster_hash(d->pages[i]),d->pages[i]->w,d->pages[i]->h,d->pages[i]->bps==1?1:d->pages[i]->spp*8);}
  else if(!strncmp(f,"png",3)){strcpy(ext,"png");snprintf(path,sizeof path,"%s/%s.%s",OUTDIR,d->name,ext);write_png(path,d->pages[0]);const Raster *R=d->pages[0];
    snprintf(fmtdesc,sizeof fmtdesc,"png; %s; adaptive row filters; pHYs %d dpi",R->bps==1?"1-bit bilevel":R->spp==3?"rgb 8-bit":"greyscale 8-bit",(int)R->xdpi);fprintf(HASH,"%s.%s\t1\t%08llx\t%d\t%d\t%d\n",d->name,ext,(unsigned long long)raster_hash(R),R->w,R->h,R->bps==1?1:R->spp*8);}
  else if(!strncmp(f,"jpg",3)){strcpy(ext,"jpg");JOpt o={(int)tokval(f,"q",75),0,tokhas(f,"444"),tokhas(f,"prog"),tokhas(f,"opt")};Buf b=jpeg_encode(d->pages[0],o);snprintf(path,sizeof path,"%s/%s.%s",OUTDIR,d->name,ext);write_file(path,&b);free(b.d);
    const Raster *R=d->pages[0];snprintf(fmtdesc,sizeof fmtdesc,"jpeg; %s; quality %d%s%s%s; JFIF density %d dpi",R->spp==3?"YCbCr colour":"greyscale",o.quality,R->spp==3?(o.sub444?"; 4:4:4":"; 4:2:0"):"",o.progressive?"; progressive":"; baseline",o.optimize?"; optimised Huffman":"",(int)R->xdpi);}
  else{strcpy(ext,"pdf");PdfPage pp[MAXP];char encs[200]="";for(int i=0;i<d->np;i++){PageMeta *m=&d->meta[i];pp[i].R=d->pages[i];pp[i].enc=!strcmp(m->enc,"ccitt")?PI_CCITT:!strcmp(m->enc,"flate")?PI_FLATE:PI_JPEG;
      JOpt o={(int)tokval(m->tok,"q",70),0,0,0,0};pp[i].jo=o;double w=m->wmm/25.4*72,h=m->hmm/25.4*72;int q=m->pdfrot?3:m->rot/90;if(q&1){double t=w;w=h;h=t;}pp[i].wpt=w;pp[i].hpt=h;pp[i].rotate=m->pdfrot?90:0;
      if(pp[i].enc!=PI_JPEG)fprintf(HASH,"%s.pdf\t%d\t%08llx\t%d\t%d\t%d\n",d->name,i+1,(unsigned long long)raster_hash(d->pages[i]),d->pages[i]->w,d->pages[i]->h,d->pages[i]->bps==1?1:d->pages[i]->spp*8);
      char t[40];snprintf(t,40,"%s%s",i?", ":"",pp[i].enc==PI_CCITT?"CCITTFaxDecode G4":pp[i].enc==PI_FLATE?"FlateDecode grey":(d->pages[i]->spp==3?"DCTDecode colour":"DCTDecode grey"));strcat(encs,t);}
    snprintf(path,sizeof path,"%s/%s.%s",OUTDIR,d->name,ext);write_pdf(path,pp,d->np);snprintf(fmtdesc,sizeof fmtdesc,"pdf; image-only, no text layer; pages: %s",encs);}
  if(getenv("OCR16_PREVIEW"))for(int i=0;i<d->np;i++){char pp2[512];snprintf(pp2,sizeof pp2,"%s/%s_p%d.png",getenv("OCR16_PREVIEW"),d->name,i+1);write_png(pp2,d->pages[i]);}
  snprintf(path,sizeof path,"%s/%s.gt.txt",OUTDIR,d->name);write_file(path,&d->gt);
  /* manifest */
  Buf b={0};char fn[64];snprintf(fn,64,"%s.%s",d->name,ext);bstr(&b,"{\"file\": ");jstr(&b,fn);snprintf(fn,64,"%s.gt.txt",d->name);bstr(&b,", \"ground_truth\": ");jstr(&b,fn);
  bstr(&b,", \"document_type\": ");jstr(&b,s->type);bstr(&b,", \"kind\": ");jstr(&b,s->kind);bprintf(&b,", \"pages\": %d",d->np);
  bprintf(&b,", \"nhs_number\": \"%s\", \"date_of_birth\": \"%04d-%02d-%02d\"",C.p.nhs,C.p.dy,C.p.dm,C.p.dd);bstr(&b,", \"nhs_as_printed\": ");jstr(&b,d->nhs_pr);bstr(&b,", \"dob_as_printed\": ");jstr(&b,d->dob_pr);
  bstr(&b,", \"degradations\": [");for(int i=0;i<d->np;i++)bprintf(&b,"%s[%s]",i?", ":"",d->meta[i].degr);bstr(&b,"]");
  bstr(&b,", \"difficulty\": [");for(int i=0;i<d->np;i++){if(i)bstr(&b,", ");jstr(&b,d->meta[i].diff);}bstr(&b,"]");
  int v[MAXP];for(int i=0;i<d->np;i++)v[i]=d->meta[i].rot;jarr_ints(&b,"rotation_clockwise_deg",v,d->np);
  for(int i=0;i<d->np;i++)v[i]=d->meta[i].pdfrot?270:d->meta[i].rot;jarr_ints(&b,"raw_image_rotation_clockwise_deg",v,d->np);
  for(int i=0;i<d->np;i++)v[i]=d->meta[i].pdfrot?90:0;if(ext[1]=='d')jarr_ints(&b,"pdf_page_rotate",v,d->np);
  bstr(&b,", \"format\": ");jstr(&b,fmtdesc);bstr(&b,", \"file_format\": ");jstr(&b,ext[0]=='t'?"tiff":ext[0]=='p'&&ext[1]=='n'?"png":ext[0]=='j'?"jpeg":"pdf");
  for(int i=0;i<d->np;i++)v[i]=(int)d->pages[i]->xdpi;jarr_ints(&b,"dpi",v,d->np);
  bstr(&b,", \"dpi_xy\": [");for(int i=0;i<d->np;i++)bprintf(&b,"%s[%d, %d]",i?", ":"",(int)d->pages[i]->xdpi,(int)d->pages[i]->ydpi);bstr(&b,"]");
  bstr(&b,", \"pixel_size\": [");for(int i=0;i<d->np;i++)bprintf(&b,"%s[%d, %d]",i?", ":"",d->pages[i]->w,d->pages[i]->h);bstr(&b,"]");
  bstr(&b,", \"paper_size\": [");for(int i=0;i<d->np;i++){if(i)bstr(&b,", ");jstr(&b,d->meta[i].size);}bstr(&b,"]");
  bstr(&b,", \"skew_deg_clockwise\": [");for(int i=0;i<d->np;i++)bprintf(&b,"%s%.2f",i?", ":"",d->meta[i].skew);bstr(&b,"]");
  bprintf(&b,", \"fonts\": [%s]",d->fonts);bprintf(&b,", \"overlay_text_not_in_gt\": [%s]",d->overlays);bprintf(&b,", \"distractors\": [%s]",d->distract);
  bprintf(&b,", \"gt_includes_handwritten_body\": %s",!strcmp(s->type,"continuation_sheet")?"true":"false");bstr(&b,"}\n");fwrite(b.d,1,b.n,MAN);free(b.d);}
int main(int argc,char **argv){if(argc>1)OUTDIR=argv[1];int only=argc>2?atoi(argv[2]):0;FT_Init_FreeType(&ftlib);
  char p[512];snprintf(p,sizeof p,"%s/manifest.jsonl",OUTDIR);MAN=fopen(p,only?"w":"w");snprintf(p,sizeof p,"%s/checks/pixel_hashes.tsv",OUTDIR);HASH=fopen(p,"w");if(!MAN||!HASH){perror("open");return 1;}
  for(int i=0;i<NDOC;i++){if(only&&only!=i+1)continue;const Spec *s=&SPECS[i];Doc *d=calloc(1,sizeof(Doc));D=d;d->id=i+1;snprintf(d->name,sizeof d->name,"doc%02d",i+1);d->type=s->type;d->kind=s->kind;d->fmt=s->fmt;
    for(int k=0;k<4;k++)d->pspec[k]=s->p[k];char seed[64];snprintf(seed,64,"ocr16/%s/context",d->name);RNG r;rseed(&r,seed);
    int sc=s->scen;ctx_make(&r,sc);
    run_layout(s);emit_doc(s);fprintf(stderr,"%s %s %d page(s)\n",d->name,s->kind,d->np);
    for(int k=0;k<d->np;k++){free(d->pages[k]->px);free(d->pages[k]);}free(d->gt.d);free(d);}
  fclose(MAN);fclose(HASH);return 0;}
