/* core.c - RNG, raster buffers, AA polygon filler, FreeType text, scan simulation */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <zlib.h>

#define PI 3.14159265358979323846
typedef struct { uint64_t s; } RNG;
static uint64_t fnv(const char *s){uint64_t h=1469598103934665603ULL;while(*s){h^=(unsigned char)*s++;h*=1099511628211ULL;}return h;}
static uint64_t mix64(uint64_t z){z=(z^(z>>30))*0xBF58476D1CE4E5B9ULL;z=(z^(z>>27))*0x94D049BB133111EBULL;return z^(z>>31);}
static void rseed(RNG *r,const char *s){r->s=fnv(s);}
static uint64_t rnext(RNG *r){return mix64(r->s+=0x9E3779B97F4A7C15ULL);}
static double runi(RNG *r){return (rnext(r)>>11)*(1.0/9007199254740992.0);}
static double rrange(RNG *r,double a,double b){return a+(b-a)*runi(r);}
static int rint_(RNG *r,int a,int b){return a+(int)(runi(r)*(b-a+1));}
static double rgauss(RNG *r){return (runi(r)+runi(r)+runi(r)+runi(r)-2.0)*1.7320508;}
#define PICK(r,arr) (arr[rint_(r,0,(int)(sizeof(arr)/sizeof(arr[0]))-1)])
static double hash01(uint64_t seed,int64_t a,int64_t b){return (mix64(seed^mix64((uint64_t)a*0x9E3779B97F4A7C15ULL+(uint64_t)b))>>11)*(1.0/9007199254740992.0);}
/* smooth value noise */
static double vnoise(uint64_t seed,double x,double y){
  double fx=floor(x),fy=floor(y);int64_t ix=(int64_t)fx,iy=(int64_t)fy;double tx=x-fx,ty=y-fy;
  tx=tx*tx*(3-2*tx);ty=ty*ty*(3-2*ty);
  double a=hash01(seed,ix,iy),b=hash01(seed,ix+1,iy),c=hash01(seed,ix,iy+1),d=hash01(seed,ix+1,iy+1);
  return (a+(b-a)*tx)*(1-ty)+(c+(d-c)*tx)*ty;}
static double fbm(uint64_t seed,double x,double y,int oct){double s=0,a=0.5,n=0;for(int i=0;i<oct;i++){s+=a*vnoise(seed+i*7919,x,y);n+=a;a*=0.5;x*=2.03;y*=2.03;}return s/n;}

/* ---------- images ---------- */
typedef struct { int w,h; float *c[3]; } Img;       /* planar RGB 0..1 */
typedef struct { int w,h,ox,oy; float *a; } Layer;  /* coverage 0..1, placed at ox,oy */
static Img img_new(int w,int h,float r,float g,float b){Img I;I.w=w;I.h=h;float v[3]={r,g,b};
  for(int k=0;k<3;k++){I.c[k]=malloc(sizeof(float)*(size_t)w*h);for(size_t i=0;i<(size_t)w*h;i++)I.c[k][i]=v[k];}return I;}
static void img_free(Img *I){for(int k=0;k<3;k++)free(I->c[k]);}
static Layer layer_new(int ox,int oy,int w,int h){Layer L;L.ox=ox;L.oy=oy;L.w=w;L.h=h;L.a=calloc((size_t)w*h,sizeof(float));return L;}
static void layer_free(Layer *L){free(L->a);L->a=0;}

/* ---------- anti-aliased scan-line polygon filler (non-zero or even-odd) ---------- */
typedef struct { double x,y; } P2;
typedef struct { double x; int d; } Cross;
static int cross_cmp(const void *a,const void *b){double d=((const Cross*)a)->x-((const Cross*)b)->x;return d<0?-1:d>0?1:0;}
static void fill_polys(Layer *L,const P2 *pts,const int *cnt,int nc,int evenodd,float alpha){
  int n=0;for(int i=0;i<nc;i++)n+=cnt[i];if(n<3)return;
  double ymin=1e18,ymax=-1e18,xmin=1e18,xmax=-1e18;
  for(int i=0;i<n;i++){double x=pts[i].x-L->ox,y=pts[i].y-L->oy;if(y<ymin)ymin=y;if(y>ymax)ymax=y;if(x<xmin)xmin=x;if(x>xmax)xmax=x;}
  int y0=(int)floor(ymin),y1=(int)ceil(ymax);if(y0<0)y0=0;if(y1>L->h)y1=L->h;
  int x0=(int)floor(xmin);if(x0<0)x0=0;int x1=(int)ceil(xmax)+1;if(x1>L->w)x1=L->w;if(x0>=x1||y0>=y1)return;
  float *acc=calloc(L->w+2,sizeof(float));Cross *cr=malloc(sizeof(Cross)*(n+2));const int S=5;
  for(int y=y0;y<y1;y++){
    for(int x=x0;x<x1;x++)acc[x]=0;
    for(int s=0;s<S;s++){double sy=y+(s+0.5)/S;int nk=0,base=0;
      for(int c=0;c<nc;c++){for(int i=0;i<cnt[c];i++){const P2 *p=&pts[base+i],*q=&pts[base+(i+1)%cnt[c]];
          double py=p->y-L->oy,qy=q->y-L->oy;
          if((py<=sy&&qy>sy)||(qy<=sy&&py>sy)){double t=(sy-py)/(qy-py);cr[nk].x=(p->x-L->ox)+t*(q->x-p->x);cr[nk].d=qy>py?1:-1;nk++;}}
        base+=cnt[c];}
      qsort(cr,nk,sizeof(Cross),cross_cmp);int wnd=0;
      for(int k=0;k<nk-1;k++){wnd+=evenodd?1:cr[k].d;int in=evenodd?(wnd&1):(wnd!=0);if(!in)continue;
        double xa=cr[k].x,xb=cr[k+1].x;if(xa<0)xa=0;if(xb>L->w)xb=L->w;if(xb<=xa)continue;
        int ia=(int)floor(xa),ib=(int)floor(xb);float wt=1.0f/S;
        if(ia==ib)acc[ia]+=(float)(xb-xa)*wt;else{acc[ia]+=(float)(ia+1-xa)*wt;for(int i=ia+1;i<ib;i++)acc[i]+=wt;if(ib<L->w)acc[ib]+=(float)(xb-ib)*wt;}}
    }
    float *row=L->a+(size_t)y*L->w;
    for(int x=x0;x<x1;x++){float v=acc[x];if(v>1)v=1;v*=alpha;if(v>row[x])row[x]=v;}
  }
  free(acc);free(cr);}
static void fill_poly(Layer *L,const P2 *p,int n,float a){fill_polys(L,p,&n,1,0,a);}
static void f_rect(Layer *L,double x,double y,double w,double h,float a){P2 p[4]={{x,y},{x+w,y},{x+w,y+h},{x,y+h}};fill_poly(L,p,4,a);}
static void f_frame(Layer *L,double x,double y,double w,double h,double t,float a){
  P2 p[8]={{x,y},{x+w,y},{x+w,y+h},{x,y+h},{x+t,y+t},{x+w-t,y+t},{x+w-t,y+h-t},{x+t,y+h-t}};int c[2]={4,4};fill_polys(L,p,c,2,1,a);}
static void f_line(Layer *L,double x0,double y0,double x1,double y1,double wd,float a){
  double dx=x1-x0,dy=y1-y0,l=sqrt(dx*dx+dy*dy);if(l<1e-9)return;double nx=-dy/l*wd/2,ny=dx/l*wd/2;
  P2 p[4]={{x0+nx,y0+ny},{x1+nx,y1+ny},{x1-nx,y1-ny},{x0-nx,y0-ny}};fill_poly(L,p,4,a);}
static void f_ellipse(Layer *L,double cx,double cy,double rx,double ry,float a){P2 p[72];for(int i=0;i<72;i++){double t=2*PI*i/72;p[i].x=cx+rx*cos(t);p[i].y=cy+ry*sin(t);}fill_poly(L,p,72,a);}
static void f_circle(Layer *L,double cx,double cy,double r,float a){f_ellipse(L,cx,cy,r,r,a);}
static void f_ring(Layer *L,double cx,double cy,double r,double t,float a){P2 p[144];int c[2]={72,72};
  for(int i=0;i<72;i++){double th=2*PI*i/72;p[i].x=cx+r*cos(th);p[i].y=cy+r*sin(th);p[72+i].x=cx+(r-t)*cos(th);p[72+i].y=cy+(r-t)*sin(th);}fill_polys(L,p,c,2,1,a);}
/* round-capped stroke through points with per-point width */
static void f_stroke(Layer *L,const P2 *p,const double *wd,int n,float a){
  for(int i=0;i+1<n;i++){double w0=wd[i],w1=wd[i+1];double dx=p[i+1].x-p[i].x,dy=p[i+1].y-p[i].y,l=sqrt(dx*dx+dy*dy);if(l<1e-9)continue;
    double nx=-dy/l,ny=dx/l;P2 q[4]={{p[i].x+nx*w0/2,p[i].y+ny*w0/2},{p[i+1].x+nx*w1/2,p[i+1].y+ny*w1/2},{p[i+1].x-nx*w1/2,p[i+1].y-ny*w1/2},{p[i].x-nx*w0/2,p[i].y-ny*w0/2}};fill_poly(L,q,4,a);}
  for(int i=0;i<n;i++){P2 c[16];for(int k=0;k<16;k++){double t=2*PI*k/16;c[k].x=p[i].x+wd[i]/2*cos(t);c[k].y=p[i].y+wd[i]/2*sin(t);}fill_poly(L,c,16,a);}}
static void f_tick(Layer *L,double x,double y,double s,double wd,float a){P2 p[3]={{x+0.15*s,y+0.55*s},{x+0.42*s,y+0.85*s},{x+0.95*s,y+0.05*s}};double w[3]={wd,wd*1.2,wd*0.7};f_stroke(L,p,w,3,a);}
static void f_cross(Layer *L,double x,double y,double s,double wd,float a){f_line(L,x+0.15*s,y+0.15*s,x+0.85*s,y+0.85*s,wd,a);f_line(L,x+0.85*s,y+0.15*s,x+0.15*s,y+0.85*s,wd,a);}

/* ---------- compositing ---------- */
/* mode 0: multiply toward colour (ink); mode 1: lerp (opaque paint, e.g. white text) */
static void comp(Img *I,const Layer *L,float r,float g,float b,float op,int mode){float col[3]={r,g,b};
  for(int y=0;y<L->h;y++){int py=y+L->oy;if(py<0||py>=I->h)continue;
    for(int x=0;x<L->w;x++){int px=x+L->ox;if(px<0||px>=I->w)continue;float a=L->a[(size_t)y*L->w+x]*op;if(a<=0)continue;size_t o=(size_t)py*I->w+px;
      for(int k=0;k<3;k++){float v=I->c[k][o];I->c[k][o]=mode?v+(col[k]-v)*a:v*(1-a*(1-col[k]));}}}}
static float layer_bil(const Layer *L,double x,double y){int ix=(int)floor(x),iy=(int)floor(y);double fx=x-ix,fy=y-iy;float v[4];
  for(int k=0;k<4;k++){int xx=ix+(k&1),yy=iy+(k>>1);v[k]=(xx<0||yy<0||xx>=L->w||yy>=L->h)?0:L->a[(size_t)yy*L->w+xx];}
  return (float)((v[0]*(1-fx)+v[1]*fx)*(1-fy)+(v[2]*(1-fx)+v[3]*fx)*fy);}
/* composite layer rotated by ang (rad) around its centre, centre placed at (cx,cy); patchy ink if patch>0 */
static void comp_rot(Img *I,const Layer *L,double cx,double cy,double ang,float r,float g,float b,float op,double patch,uint64_t seed){
  float col[3]={r,g,b};double ca=cos(ang),sa=sin(ang),hw=L->w/2.0,hh=L->h/2.0,R=sqrt(hw*hw+hh*hh)+2;
  int x0=(int)(cx-R),x1=(int)(cx+R),y0=(int)(cy-R),y1=(int)(cy+R);
  for(int py=y0;py<=y1;py++){if(py<0||py>=I->h)continue;for(int px=x0;px<=x1;px++){if(px<0||px>=I->w)continue;
      double dx=px+0.5-cx,dy=py+0.5-cy;double lx=ca*dx+sa*dy+hw-0.5,ly=-sa*dx+ca*dy+hh-0.5;
      float a=layer_bil(L,lx,ly)*op;if(a<=0.002f)continue;
      if(patch>0){double n=fbm(seed,lx/9.0,ly/9.0,3);double m=(n-0.5*patch)/(1-0.5*patch);if(m<0)m=0;if(m>1)m=1;a*=(float)(0.35+0.65*m);}
      size_t o=(size_t)py*I->w+px;for(int k=0;k<3;k++){float v=I->c[k][o];I->c[k][o]=v*(1-a*(1-col[k]));}}}}

/* ---------- fonts and text ---------- */
typedef struct { const char *name,*path; int hint,mono,dots,hand,type; FT_Face face; double track; } Font;
static FT_Library ftlib; static int G_dpi=300;
static void font_open(Font *f){if(f->face)return;if(FT_New_Face(ftlib,f->path,0,&f->face)){fprintf(stderr,"font %s\n",f->path);exit(1);}}
static int utf8_next(const char **ps){const unsigned char *s=(const unsigned char*)*ps;int c=*s;if(!c)return 0;
  if(c<0x80){*ps+=1;return c;} if((c&0xE0)==0xC0){*ps+=2;return ((c&31)<<6)|(s[1]&63);} if((c&0xF0)==0xE0){*ps+=3;return ((c&15)<<12)|((s[1]&63)<<6)|(s[2]&63);} *ps+=4;return '?';}
static void blit_cov(Layer *L,int x0,int y0,int w,int h,const unsigned char *buf,int pitch,int mono,float alpha){
  for(int y=0;y<h;y++){int ly=y0+y-L->oy;if(ly<0||ly>=L->h)continue;for(int x=0;x<w;x++){int lx=x0+x-L->ox;if(lx<0||lx>=L->w)continue;
      float v=mono?((buf[y*pitch+(x>>3)]>>(7-(x&7)))&1):buf[y*pitch+x]/255.0f;v*=alpha;float *d=&L->a[(size_t)ly*L->w+lx];float s=*d+v;*d=s>1?1:s;}}}
/* draws (if L) and returns advance width in px; y is the baseline */
static double text_run(Layer *L,Font *f,double pt,double x,double y,const char *s,uint64_t jseed,float alpha){
  font_open(f);FT_Face fc=f->face;double pxs=pt*G_dpi/72.0,x0=x;int k=0;
  if(f->dots){ /* bitmap strike drawn as round print-head dots */
    int best=0;double bd=1e9;for(int i=0;i<fc->num_fixed_sizes;i++){double d=fabs(fc->available_sizes[i].height-14);if(d<bd){bd=d;best=i;}}
    FT_Select_Size(fc,best);double sc=pxs/(fc->available_sizes[best].height*0.92);
    for(int c;(c=utf8_next(&s));k++){FT_UInt gi=FT_Get_Char_Index(fc,c);if(!gi)gi=FT_Get_Char_Index(fc,'?');
      if(FT_Load_Glyph(fc,gi,FT_LOAD_RENDER|FT_LOAD_TARGET_MONO))continue;FT_GlyphSlot g=fc->glyph;
      if(L){FT_Bitmap *b=&g->bitmap;for(int yy=0;yy<(int)b->rows;yy++)for(int xx=0;xx<(int)b->width;xx++){int on;
            if(b->pixel_mode==FT_PIXEL_MODE_MONO)on=(b->buffer[yy*b->pitch+(xx>>3)]>>(7-(xx&7)))&1;else on=b->buffer[yy*b->pitch+xx]>127;
            if(!on)continue;double cx=x+(g->bitmap_left+xx+0.5)*sc,cy=y-(g->bitmap_top-yy-0.5)*sc;
            double jr=hash01(jseed,k*131+xx,yy)*0.25;double r=sc*(0.40+jr*0.25);int bx0=(int)(cx-r-1),bx1=(int)(cx+r+1),by0=(int)(cy-r-1),by1=(int)(cy+r+1);
            for(int py=by0;py<=by1;py++)for(int px=bx0;px<=bx1;px++){int lx=px-L->ox,ly=py-L->oy;if(lx<0||ly<0||lx>=L->w||ly>=L->h)continue;
                double d=sqrt((px+0.5-cx)*(px+0.5-cx)+(py+0.5-cy)*(py+0.5-cy));double v=r+0.5-d;if(v<=0)continue;if(v>1)v=1;v*=alpha*(0.8+0.2*hash01(jseed,k,xx*7+yy));
                float *dd=&L->a[(size_t)ly*L->w+lx];if(v>*dd)*dd=(float)v;}}}
      x+=g->advance.x/64.0*sc+f->track*pxs;}
    return x-x0;}
  FT_Set_Char_Size(fc,0,(FT_F26Dot6)(pt*64+0.5),G_dpi,G_dpi);
  int32_t flags=f->hint?(f->mono?FT_LOAD_TARGET_MONO:FT_LOAD_TARGET_NORMAL):FT_LOAD_NO_HINTING;if(f->hand)flags=FT_LOAD_NO_HINTING;
  for(int c;(c=utf8_next(&s));k++){FT_UInt gi=FT_Get_Char_Index(fc,c);if(!gi)gi=FT_Get_Char_Index(fc,'?');
    double jsc=1,jdy=0,jang=0;float ja=1;
    if(f->hand==1){jsc=1+(hash01(jseed,k,1)-0.5)*0.14;jdy=(hash01(jseed,k,2)-0.5)*0.10*pxs;jang=(hash01(jseed,k,3)-0.5)*0.16;}
    if(f->hand==2){jdy=(hash01(jseed,k,2)-0.5)*0.05*pxs;ja=(float)(0.72+0.28*hash01(jseed,k,4));}
    if(f->hand==1){FT_Matrix m;m.xx=(FT_Fixed)(cos(jang)*jsc*65536);m.xy=(FT_Fixed)(-sin(jang)*jsc*65536);m.yx=(FT_Fixed)(sin(jang)*jsc*65536);m.yy=(FT_Fixed)(cos(jang)*jsc*65536);FT_Set_Transform(fc,&m,NULL);}
    if(FT_Load_Glyph(fc,gi,flags)){if(f->hand==1)FT_Set_Transform(fc,NULL,NULL);continue;}
    FT_GlyphSlot g=fc->glyph;double adv=(f->hint&&!f->hand)?g->advance.x/64.0:g->linearHoriAdvance/65536.0*jsc;
    if(L&&c!=' '){int ox;
      if(f->hint&&!f->hand){ox=(int)floor(x+0.5);}else{ox=(int)floor(x);FT_Outline_Translate(&g->outline,(FT_Pos)((x-ox)*64),0);}
      FT_Render_Glyph(g,f->mono?FT_RENDER_MODE_MONO:FT_RENDER_MODE_NORMAL);FT_Bitmap *b=&g->bitmap;
      blit_cov(L,ox+g->bitmap_left,(int)floor(y+jdy+0.5)-g->bitmap_top,b->width,b->rows,b->buffer,b->pitch,b->pixel_mode==FT_PIXEL_MODE_MONO,alpha*ja);}
    if(f->hand==1)FT_Set_Transform(fc,NULL,NULL);
    x+=adv+f->track*pxs;}
  return x-x0;}
static double text_w(Font *f,double pt,const char *s){return text_run(NULL,f,pt,0,0,s,0,1);}
