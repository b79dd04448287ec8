/* effects.c - scanner and paper-life simulation on float rasters (own code) */
static void blur1(float *d,int w,int h,double sig,float *tmp){
  if(sig<0.05)return;int R=(int)ceil(sig*3);double *k=malloc(sizeof(double)*(2*R+1)),s=0;for(int i=-R;i<=R;i++){k[i+R]=exp(-i*i/(2*sig*sig));s+=k[i+R];}for(int i=0;i<=2*R;i++)k[i]/=s;
  float *line=malloc(sizeof(float)*((w>h?w:h)+2*R));
  for(int y=0;y<h;y++){float *row=d+(size_t)y*w;for(int x=-R;x<w+R;x++)line[x+R]=row[x<0?0:x>=w?w-1:x];for(int x=0;x<w;x++){double a=0;for(int i=0;i<=2*R;i++)a+=k[i]*line[x+i];tmp[x]=(float)a;}memcpy(row,tmp,sizeof(float)*w);}
  for(int x=0;x<w;x++){for(int y=-R;y<h+R;y++)line[y+R]=d[(size_t)(y<0?0:y>=h?h-1:y)*w+x];for(int y=0;y<h;y++){double a=0;for(int i=0;i<=2*R;i++)a+=k[i]*line[y+i];d[(size_t)y*w+x]=(float)a;}}
  free(k);free(line);(void)tmp;}
static int img_grey(const Img *I){size_t n=(size_t)I->w*I->h;for(size_t i=0;i<n;i+=97)if(I->c[0][i]!=I->c[1][i]||I->c[1][i]!=I->c[2][i])return 0;return 1;}
static void blur_img(Img *I,double sig){float *t=malloc(sizeof(float)*(I->w>I->h?I->w:I->h));
  if(img_grey(I)){blur1(I->c[0],I->w,I->h,sig,t);memcpy(I->c[1],I->c[0],sizeof(float)*(size_t)I->w*I->h);memcpy(I->c[2],I->c[0],sizeof(float)*(size_t)I->w*I->h);}
  else for(int k=0;k<3;k++)blur1(I->c[k],I->w,I->h,sig,t);free(t);}
static void blur_layer(Layer *L,double sig){float *t=malloc(sizeof(float)*(L->w>L->h?L->w:L->h));blur1(L->a,L->w,L->h,sig,t);free(t);}
static void to_grey(Img *I){size_t n=(size_t)I->w*I->h;for(size_t i=0;i<n;i++){float v=0.299f*I->c[0][i]+0.587f*I->c[1][i]+0.114f*I->c[2][i];I->c[0][i]=I->c[1][i]=I->c[2][i]=v;}}
static float clampf(float v){return v<0?0:v>1?1:v;}
static void noise_img(Img *I,double amp,RNG *r){size_t n=(size_t)I->w*I->h;for(size_t i=0;i<n;i++){float e=(float)((runi(r)+runi(r)-1.0)*amp);for(int k=0;k<3;k++)I->c[k][i]=clampf(I->c[k][i]+e);}}
/* uneven lighting: smooth multiplicative field */
static void lighting(Img *I,double amt,uint64_t seed){for(int y=0;y<I->h;y++)for(int x=0;x<I->w;x++){double n=fbm(seed,x*3.0/I->w,y*3.0/I->h,2);float m=(float)(1-amt*n);size_t o=(size_t)y*I->w+x;for(int k=0;k<3;k++)I->c[k][o]*=m;}}
/* tone curve: levels (black point, white point), gamma */
static void levels(Img *I,double lo,double hi,double gam){size_t n=(size_t)I->w*I->h;for(int k=0;k<3;k++)for(size_t i=0;i<n;i++){double v=(I->c[k][i]-lo)/(hi-lo);v=v<0?0:v>1?1:v;I->c[k][i]=(float)pow(v,gam);}}
/* photocopy generation: grey, blur, contrast, toner loss, streaks, darkened background */
static void photocopy(Img *I,int gen,RNG *r,uint64_t seed){
  for(int g=0;g<gen;g++){to_grey(I);blur_img(I,0.5+0.25*g);
    double bg=rrange(r,0.04,0.10);size_t n=(size_t)I->w*I->h;uint64_t sd=seed+g*101;double sc=G_dpi/25.4*2.5;
    for(int y=0;y<I->h;y++)for(int x=0;x<I->w;x++){size_t o=(size_t)y*I->w+x;double v=I->c[0][o];
        v=(v-0.25)/(0.92-0.25);v=v<0?0:v>1?1:v;v=v*v*(3-2*v);             /* contrast S curve */
        double tl=fbm(sd,x/sc,y/sc,2);if(tl>0.62)v=v+(1-v)*(tl-0.62)*2.2; /* toner loss patches */
        if(hash01(sd,x,y)<0.002)v=1;                                       /* dropouts */
        v=v*(1-bg)+0.0;v=v<0?0:v>1?1:v;I->c[0][o]=I->c[1][o]=I->c[2][o]=(float)v;}
    int ns=rint_(r,1,3);for(int s=0;s<ns;s++){int sx=rint_(r,0,I->w-1),sw=rint_(r,1,(int)(G_dpi/100)+2);double dark=rrange(r,0.1,0.45);int light=runi(r)<0.3;
      for(int y=0;y<I->h;y++){double f=0.7+0.3*vnoise(sd+s,0,y/40.0);for(int x=sx;x<sx+sw&&x<I->w;x++){size_t o=(size_t)y*I->w+x;float v=I->c[0][o];v=light?v+(1-v)*(float)(dark*f):v*(float)(1-dark*f);I->c[0][o]=I->c[1][o]=I->c[2][o]=v;}}}
    (void)n;}}
static void edge_shadow(Img *I,int side,double width,double amt){for(int y=0;y<I->h;y++)for(int x=0;x<I->w;x++){double d=side==0?x:side==1?I->w-1-x:side==2?y:I->h-1-y;if(d>width*4)continue;
    float m=(float)(1-amt*exp(-d/width));size_t o=(size_t)y*I->w+x;for(int k=0;k<3;k++)I->c[k][o]*=m;}}
static void fold_shadow(Img *I,double xc,double width,double amt){for(int y=0;y<I->h;y++)for(int x=(int)(xc-width*4);x<xc+width*4;x++){if(x<0||x>=I->w)continue;double d=fabs(x-xc);float m=(float)(1-amt*exp(-d*d/(2*width*width)));size_t o=(size_t)y*I->w+x;for(int k=0;k<3;k++)I->c[k][o]*=m;}}
static void paint_layer(Img *I,Layer *L,float r,float g,float b,float op,int mode){comp(I,L,r,g,b,op,mode);}
static void punch_holes(Img *I,double mm,float shade){Layer L=layer_new(0,0,I->w,I->h);double r=2.75*mm,x=12*mm;
  f_circle(&L,x,I->h/2.0-40*mm,r,1);f_circle(&L,x,I->h/2.0+40*mm,r,1);
  Layer S=layer_new(0,0,I->w,I->h);f_circle(&S,x+0.5*mm,I->h/2.0-40*mm+0.5*mm,r+0.6*mm,1);f_circle(&S,x+0.5*mm,I->h/2.0+40*mm+0.5*mm,r+0.6*mm,1);blur_layer(&S,0.5*mm);
  comp(I,&S,0.3f,0.3f,0.3f,0.6f,0);comp(I,&L,shade,shade,shade,1,1);layer_free(&L);layer_free(&S);}
static void staple(Img *I,double mm,RNG *r){double cx=rrange(r,10,22)*mm,cy=rrange(r,8,16)*mm,a=rrange(r,-0.9,-0.5),l=12*mm;
  Layer L=layer_new(0,0,(int)(40*mm),(int)(40*mm));double dx=cos(a)*l/2,dy=sin(a)*l/2;
  f_line(&L,cx-dx+0.3*mm,cy-dy+0.4*mm,cx+dx+0.3*mm,cy+dy+0.4*mm,1.3*mm,0.7f);blur_layer(&L,0.4*mm);comp(I,&L,0.35f,0.35f,0.35f,1,0);memset(L.a,0,sizeof(float)*L.w*L.h);
  f_line(&L,cx-dx,cy-dy,cx+dx,cy+dy,0.75*mm,1);comp(I,&L,0.45f,0.47f,0.5f,1,1);memset(L.a,0,sizeof(float)*L.w*L.h);
  f_line(&L,cx-dx*0.9,cy-dy*0.9-0.15*mm,cx+dx*0.9,cy+dy*0.9-0.15*mm,0.2*mm,1);comp(I,&L,0.85f,0.86f,0.88f,0.8f,1);layer_free(&L);}
static void coffee(Img *I,double mm,RNG *r,uint64_t seed){double cx=rrange(r,0.2,0.8)*I->w,cy=rrange(r,0.15,0.85)*I->h,rad=rrange(r,28,42)*mm;
  int x0=(int)(cx-rad*1.3),y0=(int)(cy-rad*1.3),x1=(int)(cx+rad*1.3),y1=(int)(cy+rad*1.3);
  for(int y=y0;y<y1;y++){if(y<0||y>=I->h)continue;for(int x=x0;x<x1;x++){if(x<0||x>=I->w)continue;double dx=x-cx,dy=y-cy,d=sqrt(dx*dx+dy*dy),th=atan2(dy,dx);
      double rr=rad*(1+0.06*(fbm(seed,cos(th)*2+3,sin(th)*2+3,3)-0.5)*2);double e=d-rr;double ring=exp(-e*e/(2*(0.6*mm)*(0.6*mm)))*0.4;double fill=d<rr?0.03+0.05*fbm(seed+5,x/(8*mm),y/(8*mm),2):0;double a=ring+fill;if(a<0.01)continue;
      size_t o=(size_t)y*I->w+x;float col[3]={0.55f,0.36f,0.18f};for(int k=0;k<3;k++)I->c[k][o]*=(float)(1-a*(1-col[k]));}}}
/* halftone a rectangular region (printed letterhead screen), angle in rad */
static void halftone(Img *I,int x0,int y0,int x1,int y1,double lpi,double ang){double cell=G_dpi/lpi,ca=cos(ang),sa=sin(ang);float paper[3];{int px0=x0<0?0:x0,py0=y0<0?0:y0;for(int k=0;k<3;k++)paper[k]=I->c[k][(size_t)py0*I->w+px0];}
  for(int y=y0;y<y1;y++){if(y<0||y>=I->h)continue;for(int x=x0;x<x1;x++){if(x<0||x>=I->w)continue;size_t o=(size_t)y*I->w+x;
      double u=(ca*x+sa*y)/cell,v=(-sa*x+ca*y)/cell;u-=floor(u)+0.5;v-=floor(v)+0.5;double rr=sqrt(u*u+v*v)/0.7071;
      for(int k=0;k<3;k++){double dk=1-I->c[k][o]/(paper[k]>0.05f?paper[k]:1);double cov=dk>rr?1:0;if(dk>0.02&&fabs(dk-rr)<0.08)cov=(dk-rr+0.08)/0.16;I->c[k][o]=(float)(paper[k]*(1-cov));}}}}
/* general affine warp with bilinear (1) / bicubic (2) / nearest (0); inverse map m: src = m*dst */
static double cub(double t){t=fabs(t);const double a=-0.5;return t<1?(a+2)*t*t*t-(a+3)*t*t+1:t<2?a*t*t*t-5*a*t*t+8*a*t-4*a:0;}
static Img warp(const Img *S,int W,int H,const double m[6],int method,float bg){Img D=img_new(W,H,bg,bg,bg);int grey=img_grey(S);int nk=grey?1:3;
  for(int y=0;y<H;y++)for(int x=0;x<W;x++){double sx=m[0]*(x+0.5)+m[1]*(y+0.5)+m[2]-0.5,sy=m[3]*(x+0.5)+m[4]*(y+0.5)+m[5]-0.5;size_t o=(size_t)y*W+x;
      if(sx<-1||sy<-1||sx>S->w||sy>S->h)continue;
      if(method==0){int ix=(int)floor(sx+0.5),iy=(int)floor(sy+0.5);if(ix<0||iy<0||ix>=S->w||iy>=S->h)continue;for(int k=0;k<nk;k++)D.c[k][o]=S->c[k][(size_t)iy*S->w+ix];}
      else if(method==1){int ix=(int)floor(sx),iy=(int)floor(sy);double fx=sx-ix,fy=sy-iy;for(int k=0;k<nk;k++){double a=0;
          for(int j=0;j<2;j++)for(int i=0;i<2;i++){int xx=ix+i,yy=iy+j;float v=(xx<0||yy<0||xx>=S->w||yy>=S->h)?bg:S->c[k][(size_t)yy*S->w+xx];a+=v*(i?fx:1-fx)*(j?fy:1-fy);}D.c[k][o]=(float)a;}}
      else{int ix=(int)floor(sx),iy=(int)floor(sy);double fx=sx-ix,fy=sy-iy,wx[4],wy[4];for(int i=0;i<4;i++){wx[i]=cub(fx-(i-1));wy[i]=cub(fy-(i-1));}
        for(int k=0;k<nk;k++){double a=0;for(int j=0;j<4;j++){int yy=iy+j-1;for(int i=0;i<4;i++){int xx=ix+i-1;float v=(xx<0||yy<0||xx>=S->w||yy>=S->h)?bg:S->c[k][(size_t)yy*S->w+xx];a+=v*wx[i]*wy[j];}}D.c[k][o]=clampf((float)a);}}
      if(grey){D.c[1][o]=D.c[2][o]=D.c[0][o];}}
  return D;}
static Img rotate_skew(const Img *S,double deg,int method,float bg){double a=deg*PI/180,c=cos(a),s=sin(a);double cx=S->w/2.0,cy=S->h/2.0;
  double m[6]={c,s,cx-c*cx-s*cy,-s,c,cy+s*cx-c*cy};return warp(S,S->w,S->h,m,method,bg);}
static Img rescale(const Img *S,int W,int H,int method){double m[6]={(double)S->w/W,0,0,0,(double)S->h/H,0};return warp(S,W,H,m,method,1);}
/* exact quarter turns, clockwise */
static Img rot_quarter(const Img *S,int q){if(q==0){Img D=img_new(S->w,S->h,1,1,1);for(int k=0;k<3;k++)memcpy(D.c[k],S->c[k],sizeof(float)*(size_t)S->w*S->h);return D;}
  int W=(q&1)?S->h:S->w,H=(q&1)?S->w:S->h;Img D=img_new(W,H,1,1,1);
  for(int y=0;y<H;y++)for(int x=0;x<W;x++){int sx,sy;if(q==1){sx=y;sy=S->h-1-x;}else if(q==2){sx=S->w-1-x;sy=S->h-1-y;}else{sx=S->w-1-y;sy=x;}
      for(int k=0;k<3;k++)D.c[k][(size_t)y*W+x]=S->c[k][(size_t)sy*S->w+sx];}return D;}
