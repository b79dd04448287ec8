/* pipeline.c - document/page framework: spec parsing, layout helpers with ground-truth capture, page finishing */
#define MAXP 8
typedef struct { double x,y,w,h; char text[160]; } LineBox;
typedef struct { char tok[600]; char diff[12]; int dpi,rdpi; double wmm,hmm; char size[8]; int rot,pdfrot; double skew; char enc[8]; int q; char degr[900]; char paper[12]; } PageMeta;
typedef struct {
  int id; char name[32]; const char *type,*kind,*fmt; const char *pspec[MAXP];
  Buf gt; int np; Raster *pages[MAXP]; PageMeta meta[MAXP];
  char overlays[3000]; char distract[3000]; char fonts[600];
  char nhs[11],dob[11],nhs_pr[40],dob_pr[40]; int has_nhs,has_dob;
  /* current page */
  Img img; Layer ink; float inkcol[3]; double mm; double pw,ph; LineBox lines[400]; int nl; RNG r; int logo[4]; double sig[2]; int has_sig; int cur; int gt_lines_on_page;
  char notes[400];
} Doc;
static Doc *D; /* current document */
static int tokhas(const char *s,const char *t){size_t n=strlen(t);for(const char *p=s;(p=strstr(p,t));p++){if((p==s||p[-1]==' ')&&(p[n]==0||p[n]==' '||p[n]=='='))return 1;}return 0;}
static double tokval(const char *s,const char *t,double dflt){char k[40];snprintf(k,sizeof k,"%s=",t);for(const char *p=s;(p=strstr(p,k));p++){if(p==s||p[-1]==' ')return atof(p+strlen(k));}return dflt;}
static void tokstr(const char *s,const char *t,char *out,int n,const char *dflt){char k[40];snprintf(k,sizeof k,"%s=",t);for(const char *p=s;(p=strstr(p,k));p++){if(p==s||p[-1]==' '){p+=strlen(k);int i=0;while(p[i]&&p[i]!=' '&&i<n-1){out[i]=p[i];i++;}out[i]=0;return;}}snprintf(out,n,"%s",dflt);}
static void jcat(char *dst,size_t cap,const char *s){size_t n=strlen(dst);if(n&&dst[n-1]!='[')strncat(dst,",",cap-strlen(dst)-1);strncat(dst,"\"",cap-strlen(dst)-1);
  for(const char *p=s;*p;p++){char t[3]={0};if(*p=='"'||*p=='\\'){t[0]='\\';t[1]=*p;}else t[0]=*p;strncat(dst,t,cap-strlen(dst)-1);}strncat(dst,"\"",cap-strlen(dst)-1);}
static void overlay(const char *kind,const char *text){char t[300];snprintf(t,sizeof t,"p%d %s: %s",D->cur+1,kind,text);jcat(D->overlays,sizeof D->overlays,t);}
static void distract(const char *kind,const char *text){char t[300];snprintf(t,sizeof t,"%s: %s",kind,text);jcat(D->distract,sizeof D->distract,t);}
static void degr(const char *s){jcat(D->meta[D->cur].degr,sizeof D->meta[D->cur].degr,s);}
static void usefont(Font *f){if(!strstr(D->fonts,f->name)){jcat(D->fonts,sizeof D->fonts,f->name);}}
/* ---- ground truth ---- */
static void gt_line(const char *s){char t[1024];int j=0,sp=1;for(const char *p=s;*p&&j<1000;p++){if(*p==' '||*p=='\t'){if(!sp){t[j++]=' ';sp=1;}}else{t[j++]=*p;sp=0;}}
  while(j>0&&t[j-1]==' ')j--;t[j]=0;if(!j)return;bstr(&D->gt,t);bstr(&D->gt,"\n");D->gt_lines_on_page++;}
/* ---- drawing helpers in mm; y = baseline ---- */
#define MMX(v) ((v)*D->mm)
static double draw_s(Font *f,double pt,double x,double y,const char *s,int gt,float alpha){usefont(f);uint64_t js=fnv(s)^(uint64_t)(x*1000)^((uint64_t)(y*1000)<<20);
  double w=text_run(&D->ink,f,pt,MMX(x),MMX(y),s,js,alpha)/D->mm;
  if(gt){gt_line(s);if(D->nl<400){LineBox *b=&D->lines[D->nl++];b->x=x;b->y=y-pt*0.3528*0.75;b->w=w;b->h=pt*0.3528*1.05;snprintf(b->text,sizeof b->text,"%s",s);}}
  return w;}
static double tw(Font *f,double pt,const char *s){return text_w(f,pt,s)/D->mm;}
static double T(Font *f,double pt,double x,double y,const char *s){return draw_s(f,pt,x,y,s,1,1);}
static double TR(Font *f,double pt,double xr,double y,const char *s){return draw_s(f,pt,xr-tw(f,pt,s),y,s,1,1);}
static double TC(Font *f,double pt,double xc,double y,const char *s){return draw_s(f,pt,xc-tw(f,pt,s)/2,y,s,1,1);}
static double Tf(Font *f,double pt,double x,double y,const char *fmt,...){char t[1024];va_list ap;va_start(ap,fmt);vsnprintf(t,sizeof t,fmt,ap);va_end(ap);return T(f,pt,x,y,t);}
/* multi-segment line on one baseline (e.g. label in bold + value): segments joined in GT with single spaces */
static void Tsegs(double y,int n,Font **f,double *pt,double *x,const char **s){char g[1024]="";for(int i=0;i<n;i++){if(!s[i]||!*s[i])continue;draw_s(f[i],pt[i],x[i],y,s[i],0,1);if(*g)strcat(g," ");strncat(g,s[i],1000-strlen(g));}
  gt_line(g);if(D->nl<400){LineBox *b=&D->lines[D->nl++];b->x=x[0];b->y=y-pt[0]*0.3528*0.75;b->w=x[n-1]-x[0]+tw(f[n-1],pt[n-1],s[n-1]?s[n-1]:"");b->h=pt[0]*0.3528*1.05;snprintf(b->text,sizeof b->text,"%s",g);}}
static void LV(Font *fl,Font *fv,double pt,double x,double xv,double y,const char *label,const char *val){Font *f[2]={fl,fv};double p[2]={pt,pt},xs[2]={x,xv};const char *s[2]={label,val};Tsegs(y,2,f,p,xs,s);}
static void newpage_if(double *y,double need);
/* wrap paragraph into width w (mm); returns nothing, advances *y by lead per line */
static void para(Font *f,double pt,double x,double w,double *y,double lead,const char *s){char word[200],line[1200]="";const char *p=s;
  while(1){while(*p==' ')p++;if(!*p)break;int n=0;while(p[n]&&p[n]!=' '&&n<199){word[n]=p[n];n++;}word[n]=0;p+=n;
    char t[1400];snprintf(t,sizeof t,"%s%s%s",line,*line?" ":"",word);
    if(*line&&tw(f,pt,t)>w){newpage_if(y,lead);T(f,pt,x,*y,line);*y+=lead;snprintf(line,sizeof line,"%s",word);}else snprintf(line,sizeof line,"%s",t);}
  if(*line){newpage_if(y,lead);T(f,pt,x,*y,line);*y+=lead;}}
static void rule(double x0,double y0,double x1,double y1,double wmm){f_line(&D->ink,MMX(x0),MMX(y0),MMX(x1),MMX(y1),MMX(wmm),1);}
static void box(double x,double y,double w,double h,double t){f_frame(&D->ink,MMX(x),MMX(y),MMX(w),MMX(h),MMX(t),1);}
static void tickbox(double x,double y,double s,int mark){box(x,y,s,s,0.25);if(mark==1)f_tick(&D->ink,MMX(x),MMX(y),MMX(s),MMX(0.45),1);if(mark==2)f_cross(&D->ink,MMX(x),MMX(y),MMX(s),MMX(0.35),1);}
static void fillc(double x,double y,double w,double h,float r,float g,float b){Layer L=layer_new((int)MMX(x)-1,(int)MMX(y)-1,(int)MMX(w)+3,(int)MMX(h)+3);f_rect(&L,MMX(x),MMX(y),MMX(w),MMX(h),1);comp(&D->img,&L,r,g,b,1,1);layer_free(&L);}
/* coloured / white text painted directly (not on the ink layer); gt flag decides whether it is printed text for GT */
static double Tcol(Font *f,double pt,double x,double y,const char *s,float r,float g,float b,int gt){usefont(f);double w=tw(f,pt,s);int pad=(int)MMX(pt*0.5);
  Layer L=layer_new((int)MMX(x)-pad,(int)MMX(y)-pad*2,(int)MMX(w)+2*pad,pad*3);text_run(&L,f,pt,MMX(x),MMX(y),s,fnv(s),1);comp(&D->img,&L,r,g,b,1,1);layer_free(&L);if(gt)gt_line(s);return w;}
static Font F_logo={"Inter Bold Italic","/usr/share/fonts/opentype/inter/Inter-BoldItalic.otf",1,0,0,0,0,0,0};
/* NHS-style lozenge logo: blue box with white italic letters (a logo: not text for GT) */
static void logo_nhs(double x,double y,double h){double w=h*2.45;fillc(x,y,w,h,0.0f,0.37f,0.72f);Tcol(&F_logo,h*2.05,x+h*0.18,y+h*0.80,"NHS",1,1,1,0);
  D->logo[0]=(int)MMX(x);D->logo[1]=(int)MMX(y);D->logo[2]=(int)MMX(x+w);D->logo[3]=(int)MMX(y+h);}
/* a practice crest: circle with a cross, drawn by the polygon filler */
static void logo_crest(double cx,double cy,double r,float cr,float cg,float cb){Layer L=layer_new((int)MMX(cx-r)-2,(int)MMX(cy-r)-2,(int)MMX(2*r)+5,(int)MMX(2*r)+5);
  f_ring(&L,MMX(cx),MMX(cy),MMX(r),MMX(r*0.14),1);f_rect(&L,MMX(cx-r*0.14),MMX(cy-r*0.62),MMX(r*0.28),MMX(r*1.24),1);f_rect(&L,MMX(cx-r*0.62),MMX(cy-r*0.14),MMX(r*1.24),MMX(r*0.28),1);
  P2 leaf[3]={{MMX(cx-r*0.55),MMX(cy+r*0.55)},{MMX(cx-r*0.2),MMX(cy+r*0.2)},{MMX(cx-r*0.62),MMX(cy+r*0.22)}};fill_poly(&L,leaf,3,1);
  comp(&D->img,&L,cr,cg,cb,1,0);layer_free(&L);D->logo[0]=(int)MMX(cx-r);D->logo[1]=(int)MMX(cy-r);D->logo[2]=(int)MMX(cx+r);D->logo[3]=(int)MMX(cy+r);}
static void sig_here(double x,double y){D->sig[0]=x;D->sig[1]=y;D->has_sig=1;}
