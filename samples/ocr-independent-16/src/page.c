/* page.c - page begin/end: paper, overlays, paper life, scanner, output raster */
static Font F_hand1,F_hand2,F_hand3,F_stamp,F_stampB;
static void pg_begin(void){Doc *d=D;int i=d->np;d->cur=i;const char *s=d->pspec[0];for(int k=(i<MAXP?i:MAXP-1);k>=0;k--)if(d->pspec[k]){s=d->pspec[k];break;}
  PageMeta *m=&d->meta[i];memset(m,0,sizeof *m);snprintf(m->tok,sizeof m->tok,"%s",s);strcpy(m->degr,"");
  tokstr(s,"size",m->size,sizeof m->size,"A4");
  if(!strcmp(m->size,"Letter")){m->wmm=215.9;m->hmm=279.4;}else if(!strcmp(m->size,"A5")){m->wmm=148;m->hmm=210;}else if(!strcmp(m->size,"DL")){m->wmm=210;m->hmm=99;}else{m->wmm=210;m->hmm=297;}
  m->dpi=(int)tokval(s,"dpi",300);if(tokhas(s,"fax"))m->dpi=200;m->rdpi=(int)tokval(s,"rs",m->dpi);
  tokstr(s,"diff",m->diff,sizeof m->diff,"moderate");tokstr(s,"paper",m->paper,sizeof m->paper,"white");
  G_dpi=m->rdpi;d->mm=m->rdpi/25.4;d->pw=m->wmm;d->ph=m->hmm;
  float pc[3]={0.985f,0.985f,0.98f};
  if(!strcmp(m->paper,"cream")){pc[0]=0.98f;pc[1]=0.95f;pc[2]=0.85f;}else if(!strcmp(m->paper,"yellow")){pc[0]=0.99f;pc[1]=0.96f;pc[2]=0.70f;}
  else if(!strcmp(m->paper,"pink")){pc[0]=0.99f;pc[1]=0.86f;pc[2]=0.88f;}else if(!strcmp(m->paper,"blue")){pc[0]=0.84f;pc[1]=0.91f;pc[2]=0.98f;}else if(!strcmp(m->paper,"green")){pc[0]=0.86f;pc[1]=0.96f;pc[2]=0.85f;}
  else if(!strcmp(m->paper,"grey")){pc[0]=pc[1]=pc[2]=0.90f;}
  if(strcmp(m->paper,"white")){char t[40];snprintf(t,sizeof t,"coloured_paper:%s",m->paper);degr(t);}
  int W=(int)(m->wmm*d->mm+0.5),H=(int)(m->hmm*d->mm+0.5);d->img=img_new(W,H,pc[0],pc[1],pc[2]);d->ink=layer_new(0,0,W,H);
  char seed[64];snprintf(seed,sizeof seed,"ocr16/%s/p%d",d->name,i+1);rseed(&d->r,seed);
  if(i>0){bstr(&d->gt,"\f\n");}d->nl=0;d->logo[2]=0;d->has_sig=0;d->gt_lines_on_page=0;}
static void pg_end(void);
static void newpage_if(double *y,double need){if(*y+need>D->ph-14){pg_end();pg_begin();*y=22;}}
static const char *ANN[]={"Seen - routine","Pls book 6/52","?2WW - discussed","copy to notes","NHS no checked","Triage: soon","file","Dr K to review","urgent pls","OK - JH","ring pt 01632 960 118","r/v 12/4"};
static const char *STAMPS[][3]={{"RECEIVED","%s","MEDICAL RECORDS"},{"SCANNED","%s",""},{"REFERRALS HUB","RECEIVED %s",""},{"ENTERED ON PAS","%s",""},{"URGENT","",""},{"COPY","",""}};
static void do_stamp(Doc *d){RNG *r=&d->r;int k=rint_(r,0,5);char dt[40];static const char *MON[]={"JAN","FEB","MAR","APR","MAY","JUN","JUL","AUG","SEP","OCT","NOV","DEC"};
  int sd_=C.ld+rint_(r,1,9),sm_=C.lm,sy_=C.ly;if(sd_>28){sd_-=28;sm_++;}if(sm_>12){sm_=1;sy_++;}snprintf(dt,sizeof dt,"%02d %s %d",sd_,MON[sm_-1],sy_);
  char l[3][60];int n=0;for(int i=0;i<3;i++){if(!*STAMPS[k][i])continue;snprintf(l[n],60,STAMPS[k][i],dt);n++;}
  double pt=k>=4?26:12;double wmax=0;usefont(&F_stamp);usefont(&F_stampB);for(int i=0;i<n;i++){double w=text_w(i==0?&F_stampB:&F_stamp,i==0?pt:pt*0.8,l[i]);if(w>wmax)wmax=w;}
  double lh=pt*G_dpi/72*1.25;int LW=(int)(wmax+lh*1.2),LH=(int)(lh*n+lh*0.6);Layer L=layer_new(0,0,LW,LH);
  for(int i=0;i<n;i++){Font *f=i==0?&F_stampB:&F_stamp;double p=i==0?pt:pt*0.8;double w=text_w(f,p,l[i]);text_run(&L,f,p,(LW-w)/2,lh*0.3+lh*(i+0.85),l[i],0,1);}
  double t=G_dpi/25.4*0.5;f_frame(&L,t,t,LW-2*t,LH-2*t,t,1);if(k==0)f_line(&L,t*3,lh*1.35,LW-t*3,lh*1.35,t*0.6,1);
  float col[3];int c=rint_(r,0,2);if(c==0){col[0]=0.80f;col[1]=0.12f;col[2]=0.15f;}else if(c==1){col[0]=0.15f;col[1]=0.25f;col[2]=0.70f;}else{col[0]=0.45f;col[1]=0.15f;col[2]=0.55f;}
  double cx=rrange(r,0.35,0.8)*d->img.w,cy=rrange(r,0.12,0.7)*d->img.h;comp_rot(&d->img,&L,cx,cy,rrange(r,-0.35,0.35),col[0],col[1],col[2],(float)rrange(r,0.7,0.95),1.1,rnext(r));layer_free(&L);
  char ov[200]="";for(int i=0;i<n;i++){if(i)strcat(ov," / ");strcat(ov,l[i]);}overlay("stamp",ov);distract("received stamp",ov);degr("rubber_stamp");}
static void hand_text(Doc *d,const char *s,double cx,double cy,double pt,double ang,float cr,float cg,float cb,Font *f){usefont(f);double w=text_w(f,pt,s);double lh=pt*G_dpi/72;
  Layer L=layer_new(0,0,(int)(w+lh),(int)(lh*1.8));text_run(&L,f,pt,lh*0.5,lh*1.25,s,fnv(s)^d->r.s,1);comp_rot(&d->img,&L,cx,cy,ang,cr,cg,cb,0.92f,0,0);layer_free(&L);}
static void do_annot(Doc *d){RNG *r=&d->r;const char *s=ANN[rint_(r,0,11)];double fr_=runi(r);Font *f=fr_<0.4?&F_hand1:fr_<0.8?&F_hand2:&F_hand3;int blue=runi(r)<0.6;
  double cx=rrange(r,0.3,0.75)*d->img.w,cy=rrange(r,0.2,0.85)*d->img.h;
  hand_text(d,s,cx,cy,rrange(r,13,17),rrange(r,-0.25,0.12),blue?0.1f:0.1f,blue?0.18f:0.1f,blue?0.6f:0.12f,f);
  overlay("handwritten annotation",s);if(strpbrk(s,"0123456789"))distract("handwritten",s);degr("handwritten_annotation");}
static void do_signature(Doc *d){RNG *r=&d->r;double x,y;if(d->has_sig){x=MMX(d->sig[0]);y=MMX(d->sig[1]);}else{x=0.55*d->img.w;y=0.8*d->img.h;}
  double s=MMX(1.0);int np=rint_(r,14,22);P2 p[400];double w[400];int n=0;double cx=x,cy=y;double ctrl[30][2];
  for(int i=0;i<np;i++){ctrl[i][0]=cx;ctrl[i][1]=cy;cx+=rrange(r,2,7)*s;cy=y+rrange(r,-6,4)*s;if(i%5==4)cx-=rrange(r,3,9)*s;}
  for(int i=0;i+3<np&&n<390;i++)for(int k=0;k<12;k++){double t=k/12.0,t2=t*t,t3=t2*t;double b0=(-t3+2*t2-t)/2,b1=(3*t3-5*t2+2)/2,b2=(-3*t3+4*t2+t)/2,b3=(t3-t2)/2;
      p[n].x=b0*ctrl[i][0]+b1*ctrl[i+1][0]+b2*ctrl[i+2][0]+b3*ctrl[i+3][0];p[n].y=b0*ctrl[i][1]+b1*ctrl[i+1][1]+b2*ctrl[i+2][1]+b3*ctrl[i+3][1];w[n]=s*(0.35+0.25*sin(n*0.3));n++;}
  Layer L=layer_new(0,0,d->img.w,d->img.h);f_stroke(&L,p,w,n,1);f_line(&L,x-2*s,y+5*s,x+45*s,y+4*s,0.35*s,0.9f);comp(&d->img,&L,0.08f,0.12f,0.45f,0.95f,0);layer_free(&L);overlay("signature","(illegible signature)");degr("signature");}
static void do_hilite(Doc *d){RNG *r=&d->r;if(!d->nl)return;int pick=-1;for(int i=0;i<d->nl;i++)if(strstr(d->lines[i].text,d->nhs_pr[0]?d->nhs_pr:"@@")||strstr(d->lines[i].text,"Re:")||strstr(d->lines[i].text,"RE:")){pick=i;if(runi(r)<0.5)break;}
  if(pick<0)pick=rint_(r,0,d->nl-1);LineBox *b=&d->lines[pick];Layer L=layer_new(0,0,d->img.w,d->img.h);double x0=b->x-1,x1=b->x+b->w+1,y0=b->y-0.6,y1=b->y+b->h+0.3;
  P2 p[4]={{MMX(x0),MMX(y0+rrange(r,-0.3,0.3))},{MMX(x1),MMX(y0+rrange(r,-0.6,0.3))},{MMX(x1),MMX(y1+rrange(r,-0.3,0.6))},{MMX(x0),MMX(y1)}};fill_poly(&L,p,4,1);
  int c=rint_(r,0,2);float col[3][3]={{1,0.95f,0.2f},{0.6f,1,0.45f},{1,0.6f,0.85f}};comp(&d->img,&L,col[c][0],col[c][1],col[c][2],0.75f,0);layer_free(&L);
  char t[220];snprintf(t,sizeof t,"highlighter over: %s",b->text);overlay("highlighter",t);degr("highlighter");}
static Font F_bleed;
static void do_bleed(Doc *d){RNG *r=&d->r;Layer L=layer_new(0,0,d->img.w,d->img.h);static const char *W[]={"patient","reviewed","clinic","follow","history","plan","letter","blood","pressure","referral","thank","you","for","seeing","this","gentleman","lady","with","a"};
  for(double y=25;y<d->ph-15;y+=5.2){double x=20;while(x<d->pw-30){const char *w=W[rint_(r,0,18)];x+=text_run(&L,&F_bleed,10,MMX(x),MMX(y),w,0,1)/d->mm+2;}}
  for(int y=0;y<L.h;y++){float *row=L.a+(size_t)y*L.w;for(int x=0;x<L.w/2;x++){float t=row[x];row[x]=row[L.w-1-x];row[L.w-1-x]=t;}}
  blur_layer(&L,MMX(0.25));comp(&d->img,&L,0.2f,0.2f,0.2f,(float)rrange(r,0.10,0.2),0);layer_free(&L);degr("bleed_through");}
static Raster *mkraster(const Img *I,int mode,double xd,double yd,float thr){Raster *R=calloc(1,sizeof *R);R->w=I->w;R->h=I->h;R->xdpi=xd;R->ydpi=yd;size_t n=(size_t)I->w*I->h;
  if(mode==0){R->spp=1;R->bps=1;R->px=malloc(n);for(size_t i=0;i<n;i++){float v=0.299f*I->c[0][i]+0.587f*I->c[1][i]+0.114f*I->c[2][i];R->px[i]=v<thr;}}
  else if(mode==1){R->spp=1;R->bps=8;R->px=malloc(n);for(size_t i=0;i<n;i++){float v=0.299f*I->c[0][i]+0.587f*I->c[1][i]+0.114f*I->c[2][i];int q=(int)(clampf(v)*255+0.5f);R->px[i]=(unsigned char)q;}}
  else{R->spp=3;R->bps=8;R->px=malloc(n*3);for(size_t i=0;i<n;i++)for(int k=0;k<3;k++)R->px[i*3+k]=(unsigned char)(int)(clampf(I->c[k][i])*255+0.5f);}
  return R;}
static void pg_end(void){Doc *d=D;PageMeta *m=&d->meta[d->cur];const char *s=m->tok;RNG *r=&d->r;double mm=d->mm;int hard=!strcmp(m->diff,"hard"),clean=!strcmp(m->diff,"clean");
  /* ink */
  float ic[3]={0.07f,0.07f,0.08f};float ia=1;if(tokhas(s,"pencil")){ic[0]=0.42f;ic[1]=0.42f;ic[2]=0.44f;ia=0.85f;degr("low_contrast_grey_print");}
  if(tokhas(s,"faint")){ia=0.6f;degr("faint_print");}
  comp(&d->img,&d->ink,ic[0],ic[1],ic[2],ia,0);layer_free(&d->ink);
  if(tokhas(s,"halftone")&&d->logo[2]){int pad=(int)MMX(3);halftone(&d->img,d->logo[0]-pad,d->logo[1]-pad,d->logo[2]+pad,d->logo[3]+pad,rrange(r,65,100),rrange(r,0.2,0.8));degr("halftone_letterhead");}
  if(tokhas(s,"bleed"))do_bleed(d);
  if(tokhas(s,"hilite"))do_hilite(d);
  if(tokhas(s,"stamp"))do_stamp(d);
  if(tokhas(s,"stamp2"))do_stamp(d);
  if(tokhas(s,"sign"))do_signature(d);
  if(tokhas(s,"annot"))do_annot(d);
  if(tokhas(s,"annot2"))do_annot(d);
  if(tokhas(s,"coffee")){coffee(&d->img,mm,r,rnext(r));degr("coffee_stain");}
  int gen=(int)tokval(s,"copy",0);if(gen>0){photocopy(&d->img,gen,r,rnext(r));char t[40];snprintf(t,sizeof t,"photocopy_generation:%d",gen);degr(t);degr("toner_loss");degr("streaks");}
  if(tokhas(s,"dark")){levels(&d->img,0.0,1.15,1.5);degr("darkened");}
  if(tokhas(s,"staple")){staple(&d->img,mm,r);degr("staple");}
  if(tokhas(s,"punch")){punch_holes(&d->img,mm,0.15f);degr("punch_holes");}
  if(tokhas(s,"edge")){edge_shadow(&d->img,rint_(r,0,3),MMX(2.5),0.55);edge_shadow(&d->img,0,MMX(1.2),0.35);degr("edge_shadow");}
  if(tokhas(s,"fold")){fold_shadow(&d->img,d->img.w*rrange(r,0.02,0.12),MMX(5),0.45);degr("book_fold_shadow");}
  /* scanner geometry */
  double sk=tokval(s,"skew",0);if(tokhas(s,"skew")&&sk==0)sk=(runi(r)<0.5?-1:1)*(hard?rrange(r,1.2,3.0):clean?rrange(r,0.05,0.4):rrange(r,0.3,1.5));
  if(sk!=0){int meth=tokhas(s,"bil")?1:2;Img t=rotate_skew(&d->img,sk,meth,tokhas(s,"darkbed")?0.2f:1.0f);img_free(&d->img);d->img=t;char b[60];snprintf(b,sizeof b,"skew:%.2fdeg(%s)",sk,meth==1?"bilinear":"bicubic");degr(b);}
  m->skew=sk;
  /* optics */
  double sig=(clean?0.45:hard?1.05:0.7)*m->rdpi/300.0;sig=tokval(s,"blur",sig);blur_img(&d->img,sig);if(sig>0.9*m->rdpi/300.0)degr("blur");
  if(!clean&&!tokhas(s,"fax")){lighting(&d->img,hard?0.18:0.08,rnext(r));degr("uneven_lighting");}
  if(m->rdpi!=m->dpi){int W=(int)(m->wmm*m->dpi/25.4+0.5),H=(int)(m->hmm*m->dpi/25.4+0.5);int meth=tokhas(s,"rsbil")?1:2;Img t=rescale(&d->img,W,H,meth);img_free(&d->img);d->img=t;char b[80];snprintf(b,sizeof b,"resampled:%d->%ddpi(%s)",m->rdpi,m->dpi,meth==1?"bilinear":"bicubic");degr(b);}
  double na=tokval(s,"noise",clean?0.015:hard?0.09:0.04);noise_img(&d->img,na,r);if(na>0.06)degr("sensor_noise");
  /* quarter rotation by the scanner feed */
  int rot=(int)tokval(s,"rot",0);m->rot=rot;m->pdfrot=tokhas(s,"pdfrot");int q=rot/90;if(m->pdfrot)q=3;
  if(q){Img t=rot_quarter(&d->img,q);img_free(&d->img);d->img=t;char b[60];snprintf(b,sizeof b,"rotated:%ddeg_cw",q*90);degr(b);}
  /* output sample form */
  char enc[8];tokstr(s,"enc",enc,sizeof enc,"");snprintf(m->enc,sizeof m->enc,"%s",enc);
  int mode;const char *f=d->fmt;if(!strncmp(f,"pdf",3))mode=!strcmp(enc,"ccitt")?0:(tokhas(s,"rgb")?2:1);
  else if(tokhas(f,"g3")||tokhas(f,"g4")||tokhas(f,"bw"))mode=0;else if(tokhas(f,"rgb"))mode=2;else mode=1;
  if(tokhas(s,"fax")){float thr=(float)rrange(r,0.5,0.6);Raster *R0=mkraster(&d->img,0,200,200,thr);int nn=tokhas(s,"faxnn");int H2=(R0->h+1)/2;
    Raster *R=calloc(1,sizeof *R);R->w=R0->w;R->spp=1;R->bps=1;R->xdpi=200;R->ydpi=nn?200:100;R->h=nn?H2*2:H2;R->px=calloc((size_t)R->w*R->h,1);int W=R->w;
    for(int y=0;y<H2;y++){int sy=y*2;unsigned char *src=R0->px+(size_t)(sy<R0->h?sy:R0->h-1)*W;unsigned char row[4000];memcpy(row,src,W);
      if(hash01(rnext(r),y,0)<0.012){int sh=rint_(r,-3,3);unsigned char t2[4000];for(int x=0;x<W;x++){int xx=x-sh;t2[x]=(xx<0||xx>=W)?0:row[xx];}memcpy(row,t2,W);}
      if(y>0&&hash01(rnext(r),y,1)<0.006){memcpy(row,R->px+(size_t)(nn?(y-1)*2:(y-1))*W,W);}
      if(hash01(rnext(r),y,2)<0.004){for(int x=0;x<W;x++)row[x]=0;}
      for(int x=0;x<W;x++)if(hash01(r->s,x,y)<0.0007)row[x]^=1;
      if(nn){memcpy(R->px+(size_t)(2*y)*W,row,W);memcpy(R->px+(size_t)(2*y+1)*W,row,W);}else memcpy(R->px+(size_t)y*W,row,W);}
    int band0=rint_(r,H2/4,H2/2);for(int y=band0;y<band0+rint_(r,6,20)&&y<H2;y++){int yy=nn?2*y:y;for(int x=0;x<W;x++)if(hash01(77,x,y)<0.35)R->px[(size_t)yy*W+x]=0;}
    free(R0->px);free(R0);d->pages[d->np]=R;degr(nn?"fax:200x100dpi_nearest_stretched_to_200x200":"fax:200x100dpi");degr("fax_banding");
    m->dpi=200;}
  else{float thr=(float)tokval(s,"thr",0.55);d->pages[d->np]=mkraster(&d->img,mode,m->dpi,m->dpi,thr);if(mode==0)degr("bilevel_threshold");}
  if(tokhas(s,"jpegblock"))degr("jpeg_blocking");
  img_free(&d->img);d->np++;}
