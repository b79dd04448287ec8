/* codec.c - own PNG, TIFF (LZW/PackBits/CCITT G3 1D,2D/G4), PDF writers; JPEG via libjpeg-turbo */
#include <stdarg.h>
#include <jpeglib.h>
typedef struct { unsigned char *d; size_t n,cap; } Buf;
static void bput(Buf *b,const void *p,size_t n){if(b->n+n>b->cap){b->cap=(b->n+n)*2+4096;b->d=realloc(b->d,b->cap);}memcpy(b->d+b->n,p,n);b->n+=n;}
static void bbyte(Buf *b,int c){unsigned char x=(unsigned char)c;bput(b,&x,1);}
static void bstr(Buf *b,const char *s){bput(b,s,strlen(s));}
static void bprintf(Buf *b,const char *fmt,...){char t[4096];va_list ap;va_start(ap,fmt);int n=vsnprintf(t,sizeof t,fmt,ap);va_end(ap);bput(b,t,n);}
static void be32(Buf *b,uint32_t v){bbyte(b,v>>24);bbyte(b,v>>16);bbyte(b,v>>8);bbyte(b,v);}
static void write_file(const char *path,const Buf *b){FILE *f=fopen(path,"wb");if(!f){perror(path);exit(1);}fwrite(b->d,1,b->n,f);fclose(f);}

/* ---- raster in final sample form ---- */
typedef struct { int w,h,spp,bps; double xdpi,ydpi; unsigned char *px; } Raster; /* bps 8: spp samples/pixel; bps 1: one byte per pixel 0=white 1=black (unpacked) */
/* CRC-32 (zlib) of the unpacked samples: bilevel = one byte per pixel, 1 = black */
static uint64_t raster_hash(const Raster *R){size_t n=(size_t)R->w*R->h*R->spp;uLong c=crc32(0,NULL,0);size_t o=0;while(o<n){size_t k=n-o>(1u<<30)?(1u<<30):n-o;c=crc32(c,R->px+o,(uInt)k);o+=k;}return c;}
static void pack_row(const unsigned char *src,int w,unsigned char *dst,int white_is_zero){int nb=(w+7)/8;memset(dst,0,nb);for(int x=0;x<w;x++){int v=src[x];if(!white_is_zero)v=!v;if(v)dst[x>>3]|=0x80>>(x&7);}}

/* ---- PNG ---- */
static void png_chunk(Buf *b,const char *type,const unsigned char *d,size_t n){be32(b,(uint32_t)n);uLong c=crc32(0,(const Bytef*)type,4);bput(b,type,4);if(n){bput(b,d,n);c=crc32(c,d,(uInt)n);}be32(b,(uint32_t)c);}
static int paeth(int a,int b,int c){int p=a+b-c,pa=abs(p-a),pb=abs(p-b),pc=abs(p-c);return (pa<=pb&&pa<=pc)?a:(pb<=pc)?b:c;}
static void write_png(const char *path,const Raster *R){Buf b={0};const unsigned char sig[8]={137,80,78,71,13,10,26,10};bput(&b,sig,8);
  unsigned char ih[13];uint32_t w=R->w,h=R->h;ih[0]=w>>24;ih[1]=w>>16;ih[2]=w>>8;ih[3]=w;ih[4]=h>>24;ih[5]=h>>16;ih[6]=h>>8;ih[7]=h;ih[8]=R->bps;ih[9]=R->spp==3?2:0;ih[10]=ih[11]=ih[12]=0;png_chunk(&b,"IHDR",ih,13);
  uint32_t ppm=(uint32_t)(R->xdpi/0.0254+0.5),ppmy=(uint32_t)(R->ydpi/0.0254+0.5);unsigned char ph[9]={ppm>>24,ppm>>16,ppm>>8,ppm,ppmy>>24,ppmy>>16,ppmy>>8,ppmy,1};png_chunk(&b,"pHYs",ph,9);
  int bpp=R->bps==1?1:R->spp;size_t rb=R->bps==1?(size_t)(R->w+7)/8:(size_t)R->w*R->spp;unsigned char *raw=malloc((rb+1)*R->h),*prev=calloc(rb,1),*cur=malloc(rb),*cand=malloc(rb);
  for(int y=0;y<R->h;y++){if(R->bps==1){pack_row(R->px+(size_t)y*R->w,R->w,cur,0);}else memcpy(cur,R->px+(size_t)y*rb,rb);
    int bestf=0;long bests=-1;unsigned char *out=raw+(size_t)y*(rb+1);
    for(int f=0;f<5;f++){if(f==3)continue;long s=0;for(size_t i=0;i<rb;i++){int a=i>=(size_t)bpp?cur[i-bpp]:0,bb=prev[i],c=i>=(size_t)bpp?prev[i-bpp]:0;int v=cur[i]-(f==0?0:f==1?a:f==2?bb:paeth(a,bb,c));cand[i]=(unsigned char)v;s+=abs((signed char)cand[i]);}
      if(bests<0||s<bests){bests=s;bestf=f;out[0]=f;memcpy(out+1,cand,rb);}}
    (void)bestf;memcpy(prev,cur,rb);}
  uLongf zl=compressBound((rb+1)*R->h);unsigned char *z=malloc(zl);compress2(z,&zl,raw,(rb+1)*R->h,6);png_chunk(&b,"IDAT",z,zl);png_chunk(&b,"IEND",NULL,0);
  write_file(path,&b);free(b.d);free(raw);free(prev);free(cur);free(cand);free(z);}

/* ---- JPEG (libjpeg-turbo) ---- */
typedef struct { int quality,grey,sub444,progressive,optimize; } JOpt;
static Buf jpeg_encode(const Raster *R,JOpt o){struct jpeg_compress_struct c;struct jpeg_error_mgr e;c.err=jpeg_std_error(&e);jpeg_create_compress(&c);
  unsigned char *mem=NULL;unsigned long msz=0;jpeg_mem_dest(&c,&mem,&msz);c.image_width=R->w;c.image_height=R->h;c.input_components=R->spp;c.in_color_space=R->spp==3?JCS_RGB:JCS_GRAYSCALE;
  jpeg_set_defaults(&c);jpeg_set_quality(&c,o.quality,TRUE);c.dct_method=JDCT_ISLOW;c.density_unit=1;c.X_density=(UINT16)(R->xdpi+0.5);c.Y_density=(UINT16)(R->ydpi+0.5);c.write_JFIF_header=TRUE;c.optimize_coding=o.optimize?TRUE:FALSE;
  if(R->spp==3&&o.sub444){c.comp_info[0].h_samp_factor=1;c.comp_info[0].v_samp_factor=1;}
  if(o.progressive)jpeg_simple_progression(&c);
  jpeg_start_compress(&c,TRUE);while(c.next_scanline<c.image_height){JSAMPROW row=R->px+(size_t)c.next_scanline*R->w*R->spp;jpeg_write_scanlines(&c,&row,1);}
  jpeg_finish_compress(&c);jpeg_destroy_compress(&c);Buf b={0};bput(&b,mem,msz);free(mem);return b;}

/* ---- bit writer (MSB first) ---- */
typedef struct { Buf b; uint32_t acc; int n; } Bits;
static void bits_put(Bits *w,uint32_t code,int len){for(int i=len-1;i>=0;i--){w->acc=(w->acc<<1)|((code>>i)&1);if(++w->n==8){bbyte(&w->b,w->acc&255);w->n=0;w->acc=0;}}}
static void bits_str(Bits *w,const char *s){for(;*s;s++)bits_put(w,*s=='1',1);}
static void bits_align(Bits *w){while(w->n)bits_put(w,0,1);}

/* ---- CCITT T.4 / T.6 code tables ---- */
static const char *WT[64]={"00110101","000111","0111","1000","1011","1100","1110","1111","10011","10100","00111","01000","001000","000011","110100","110101",
 "101010","101011","0100111","0001100","0001000","0010111","0000011","0000100","0101000","0101011","0010011","0100100","0011000","00000010","00000011","00011010",
 "00011011","00010010","00010011","00010100","00010101","00010110","00010111","00101000","00101001","00101010","00101011","00101100","00101101","00000100","00000101","00001010",
 "00001011","01010010","01010011","01010100","01010101","00100100","00100101","01011000","01011001","01011010","01011011","01001010","01001011","00110010","00110011","00110100"};
static const char *WM[27]={"11011","10010","010111","0110111","00110110","00110111","01100100","01100101","01101000","01100111","011001100","011001101","011010010","011010011",
 "011010100","011010101","011010110","011010111","011011000","011011001","011011010","011011011","010011000","010011001","010011010","011000","010011011"};
static const char *BT[64]={"0000110111","010","11","10","011","0011","0010","00011","000101","000100","0000100","0000101","0000111","00000100","00000111","000011000",
 "0000010111","0000011000","0000001000","00001100111","00001101000","00001101100","00000110111","00000101000","00000010111","00000011000","000011001010","000011001011","000011001100","000011001101","000001101000","000001101001",
 "000001101010","000001101011","000011010010","000011010011","000011010100","000011010101","000011010110","000011010111","000001101100","000001101101","000011011010","000011011011","000001010100","000001010101","000001010110","000001010111",
 "000001100100","000001100101","000001010010","000001010011","000000100100","000000110111","000000111000","000000100111","000000101000","000001011000","000001011001","000000101011","000000101100","000001011010","000001100110","000001100111"};
static const char *BM[27]={"0000001111","000011001000","000011001001","000001011011","000000110011","000000110100","000000110101","0000001101100","0000001101101","0000001001010","0000001001011","0000001001100","0000001001101","0000001110010",
 "0000001110011","0000001110100","0000001110101","0000001110110","0000001110111","0000001010010","0000001010011","0000001010100","0000001010101","0000001011010","0000001011011","0000001100100","0000001100101"};
static const char *XM[13]={"00000001000","00000001100","00000001101","000000010010","000000010011","000000010100","000000010101","000000010110","000000010111","000000011100","000000011101","000000011110","000000011111"};
static void put_run(Bits *w,int run,int black){while(run>=2560){bits_str(w,XM[12]);run-=2560;}
  if(run>=64){int m=run/64;if(m<=27)bits_str(w,black?BM[m-1]:WM[m-1]);else bits_str(w,XM[m-28]);run%=64;}
  bits_str(w,black?BT[run]:WT[run]);}
/* row: unpacked pixels 1=black */
static int next_change(const unsigned char *r,int w,int from,int color){ /* first i>=from with r[i]!=color ... treated as changing to !color */
  for(int i=from;i<w;i++)if(r[i]!=color)return i;return w;}
static void enc_1d(Bits *w,const unsigned char *row,int W){int x=0,color=0;while(x<W){int e=next_change(row,W,x,color);put_run(w,e-x,color);x=e;color=!color;}
  /* a row ending in black still ends after its last black run */ }
static int ref_change(const unsigned char *ref,int W,int a0,int color){ /* b1: first changing element on ref > a0 with colour != color */
  int i=a0<0?0:a0+1;for(;i<W;i++){int prev=i==0?0:ref[i-1];if(ref[i]!=prev&&ref[i]!=color)return i;}return W;}
static void enc_2d(Bits *w,const unsigned char *row,const unsigned char *ref,int W){int a0=-1,color=0;
  while(a0<W){int b1=ref_change(ref,W,a0,color);int b2=b1<W?next_change(ref,W,b1,ref[b1]):W;int a1=next_change(row,W,a0<0?0:a0+1,color);
    if(b2<a1){bits_str(w,"0001");a0=b2;}
    else{int d=a1-b1;if(d>=-3&&d<=3){static const char *V[7]={"0000010","000010","010","1","011","000011","0000011"};bits_str(w,V[d+3]);a0=a1;color=!color;}
      else{int a2=a1<W?next_change(row,W,a1,!color):W;bits_str(w,"001");put_run(w,a1-(a0<0?0:a0),color);put_run(w,a2-a1,!color);a0=a2;}}}}
/* mode: 0 = T.4 1-D (MH) with EOL per row; 1 = T.4 2-D (MR) with EOL+tag, K; 2 = T.6 (G4) with EOFB */
static Buf ccitt_encode(const unsigned char *px,int W,int H,int mode,int K,int rtc){Bits w={{0}};unsigned char *white=calloc(W,1);const unsigned char *ref=white;
  for(int y=0;y<H;y++){const unsigned char *row=px+(size_t)y*W;
    if(mode==0){bits_str(&w,"000000000001");enc_1d(&w,row,W);}
    else if(mode==1){bits_str(&w,"000000000001");if(y%K==0){bits_put(&w,1,1);enc_1d(&w,row,W);}else{bits_put(&w,0,1);enc_2d(&w,row,ref,W);}}
    else enc_2d(&w,row,ref,W);
    ref=row;}
  if(mode==2){bits_str(&w,"000000000001");bits_str(&w,"000000000001");}
  else if(rtc){for(int i=0;i<6;i++){bits_str(&w,"000000000001");if(mode==1)bits_put(&w,1,1);}}
  bits_align(&w);free(white);return w.b;}

/* ---- TIFF LZW (MSB, early change) ---- */
static Buf lzw_encode(const unsigned char *d,size_t n){Bits w={{0}};int width=9;int next=258;
  /* dictionary: hash of (prefix,byte) */
  const int HS=1<<14;int *hk=malloc(sizeof(int)*HS),*hv=malloc(sizeof(int)*HS);for(int i=0;i<HS;i++)hk[i]=-1;
  bits_put(&w,256,9);if(n==0){bits_put(&w,257,9);bits_align(&w);free(hk);free(hv);return w.b;}
  int pre=d[0];
  for(size_t i=1;i<n;i++){int c=d[i];int key=(pre<<8)|c;unsigned hsh=((unsigned)key*2654435761u)>>18;int found=-1;
    while(hk[hsh]!=-1){if(hk[hsh]==key){found=hv[hsh];break;}hsh=(hsh+1)&(HS-1);}
    if(found>=0){pre=found;continue;}
    bits_put(&w,pre,width);hk[hsh]=key;hv[hsh]=next++;
    if(next>=(1<<width)&&width<12)width++;   /* decoder (one entry behind) switches at 2^width-1: TIFF early change */
    if(next>=4094){bits_put(&w,256,width);width=9;next=258;for(int k=0;k<HS;k++)hk[k]=-1;}
    pre=c;}
  bits_put(&w,pre,width);next++;if(next>=(1<<width)&&width<12)width++;bits_put(&w,257,width);bits_align(&w);free(hk);free(hv);return w.b;}
static Buf packbits_row(Buf *o,const unsigned char *d,int n){int i=0;while(i<n){int r=1;while(i+r<n&&r<128&&d[i+r]==d[i])r++;
    if(r>=2){bbyte(o,(unsigned char)(257-r));bbyte(o,d[i]);i+=r;continue;}
    int s=i;int l=0;while(i<n&&l<128){if(i+1<n&&d[i+1]==d[i]&&i+2<n&&d[i+2]==d[i])break;i++;l++;}bbyte(o,l-1);bput(o,d+s,l);}return *o;}

/* ---- TIFF writer, multi-page with IFD chain, both byte orders ---- */
enum { C_NONE=1,C_G3=3,C_G4=4,C_LZW=5,C_PACKBITS=32773 };
typedef struct { int comp,predictor,rps,g3_2d,K; } TOpt;
typedef struct { Buf b; int be; } TW;
static void tw16(TW *t,unsigned v){if(t->be){bbyte(&t->b,v>>8);bbyte(&t->b,v);}else{bbyte(&t->b,v);bbyte(&t->b,v>>8);}}
static void tw32(TW *t,uint32_t v){if(t->be){bbyte(&t->b,v>>24);bbyte(&t->b,v>>16);bbyte(&t->b,v>>8);bbyte(&t->b,v);}else{bbyte(&t->b,v);bbyte(&t->b,v>>8);bbyte(&t->b,v>>16);bbyte(&t->b,v>>24);}}
static void tpatch32(TW *t,size_t at,uint32_t v){unsigned char *p=t->b.d+at;if(t->be){p[0]=v>>24;p[1]=v>>16;p[2]=v>>8;p[3]=v;}else{p[0]=v;p[1]=v>>8;p[2]=v>>16;p[3]=v>>24;}}
static Buf tiff_strip(const Raster *R,int y0,int y1,TOpt o){Buf s={0};int W=R->w;
  if(R->bps==1){int nb=(W+7)/8;unsigned char *row=malloc(nb);
    if(o.comp==C_G3||o.comp==C_G4){Buf e=ccitt_encode(R->px+(size_t)y0*W,W,y1-y0,o.comp==C_G4?2:(o.g3_2d?1:0),o.K,0);free(row);return e;}
    Buf raw={0};for(int y=y0;y<y1;y++){pack_row(R->px+(size_t)y*W,W,row,1);if(o.comp==C_PACKBITS)packbits_row(&s,row,nb);else bput(&raw,row,nb);}
    free(row);if(o.comp==C_PACKBITS)return s;if(o.comp==C_LZW){Buf e=lzw_encode(raw.d,raw.n);free(raw.d);return e;}return raw;}
  size_t rb=(size_t)W*R->spp;Buf raw={0};unsigned char *row=malloc(rb);
  for(int y=y0;y<y1;y++){memcpy(row,R->px+(size_t)y*rb,rb);if(o.predictor==2)for(size_t i=rb-1;i>=(size_t)R->spp;i--)row[i]=(unsigned char)(row[i]-row[i-R->spp]);
    if(o.comp==C_PACKBITS)packbits_row(&s,row,(int)rb);else bput(&raw,row,rb);}
  free(row);if(o.comp==C_PACKBITS)return s;if(o.comp==C_LZW){Buf e=lzw_encode(raw.d,raw.n);free(raw.d);return e;}return raw;}
typedef struct { uint16_t tag,type; uint32_t count,val; int ext; } TEnt;
static void write_tiff(const char *path,Raster **pages,TOpt *opts,int np,int be){TW t={{0},be};
  bstr(&t.b,be?"MM":"II");tw16(&t,42);size_t nextp=t.b.n;tw32(&t,0);
  for(int p=0;p<np;p++){const Raster *R=pages[p];TOpt o=opts[p];int rps=o.rps>0&&o.rps<R->h?o.rps:R->h;int ns=(R->h+rps-1)/rps;
    uint32_t *off=malloc(4*ns),*cnt=malloc(4*ns);
    for(int s=0;s<ns;s++){int y0=s*rps,y1=y0+rps>R->h?R->h:y0+rps;Buf sb=tiff_strip(R,y0,y1,o);if(t.b.n&1)bbyte(&t.b,0);off[s]=(uint32_t)t.b.n;cnt[s]=(uint32_t)sb.n;bput(&t.b,sb.d,sb.n);free(sb.d);}
    if(t.b.n&1)bbyte(&t.b,0);
    uint32_t offarr=0,cntarr=0,bpsarr=0;if(ns>1){offarr=(uint32_t)t.b.n;for(int s=0;s<ns;s++)tw32(&t,off[s]);cntarr=(uint32_t)t.b.n;for(int s=0;s<ns;s++)tw32(&t,cnt[s]);}
    if(R->spp==3){bpsarr=(uint32_t)t.b.n;for(int i=0;i<3;i++)tw16(&t,8);}
    uint32_t xr=(uint32_t)t.b.n;tw32(&t,(uint32_t)(R->xdpi+0.5));tw32(&t,1);uint32_t yr=(uint32_t)t.b.n;tw32(&t,(uint32_t)(R->ydpi+0.5));tw32(&t,1);
    TEnt e[24];int n=0;
#define ADD(tg,ty,c,v) (e[n].tag=tg,e[n].type=ty,e[n].count=c,e[n].val=v,n++)
    ADD(254,4,1,np>1?2:0);ADD(256,4,1,R->w);ADD(257,4,1,R->h);ADD(258,3,R->spp,R->spp==3?bpsarr:(uint32_t)R->bps);ADD(259,3,1,o.comp);
    ADD(262,3,1,R->spp==3?2:(R->bps==1?0:1));ADD(273,4,ns,ns>1?offarr:off[0]);ADD(277,3,1,R->spp);ADD(278,4,1,rps);ADD(279,4,ns,ns>1?cntarr:cnt[0]);
    ADD(282,5,1,xr);ADD(283,5,1,yr);ADD(284,3,1,1);
    if(o.comp==C_G3)ADD(292,4,1,o.g3_2d?1:0);if(o.comp==C_G4)ADD(293,4,1,0);ADD(296,3,1,2);
    if(np>1){ADD(297,3,2,0);} if(o.predictor==2&&o.comp==C_LZW)ADD(317,3,1,2);
    uint32_t ifd=(uint32_t)t.b.n;tpatch32(&t,nextp,ifd);tw16(&t,n);
    for(int i=0;i<n;i++){tw16(&t,e[i].tag);tw16(&t,e[i].type);tw32(&t,e[i].count);
      if(e[i].tag==297){tw16(&t,p);tw16(&t,np);}
      else if(e[i].type==3&&e[i].count==1){tw16(&t,e[i].val);tw16(&t,0);}
      else tw32(&t,e[i].val);}
    nextp=t.b.n;tw32(&t,0);free(off);free(cnt);}
  write_file(path,&t.b);free(t.b.d);}

/* ---- image-only PDF writer ---- */
enum { PI_JPEG, PI_CCITT, PI_FLATE };
typedef struct { const Raster *R; int enc; JOpt jo; double wpt,hpt; int rotate; } PdfPage;
static void write_pdf(const char *path,PdfPage *pg,int np){Buf b={0};size_t off[512];int no=0;
  bstr(&b,"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
  int pages_obj=2;/* objects: 1 catalog, 2 pages, then per page: page, content, image */
  off[no++]=b.n;bstr(&b,"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  off[no++]=b.n;bprintf(&b,"2 0 obj\n<< /Type /Pages /Count %d /Kids [",np);for(int i=0;i<np;i++)bprintf(&b," %d 0 R",3+i*3);bstr(&b," ] >>\nendobj\n");
  for(int i=0;i<np;i++){const Raster *R=pg[i].R;int po=3+i*3;
    off[no++]=b.n;bprintf(&b,"%d 0 obj\n<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im%d %d 0 R >> >> /Contents %d 0 R",po,pages_obj,pg[i].wpt,pg[i].hpt,i+1,po+2,po+1);
    if(pg[i].rotate)bprintf(&b," /Rotate %d",pg[i].rotate);bstr(&b," >>\nendobj\n");
    char cs[256];int cl=snprintf(cs,sizeof cs,"q\n%.2f 0 0 %.2f 0 0 cm\n/Im%d Do\nQ\n",pg[i].wpt,pg[i].hpt,i+1);
    off[no++]=b.n;bprintf(&b,"%d 0 obj\n<< /Length %d >>\nstream\n",po+1,cl);bput(&b,cs,cl);bstr(&b,"endstream\nendobj\n");
    Buf data={0};char dict[512];
    if(pg[i].enc==PI_JPEG){data=jpeg_encode(R,pg[i].jo);snprintf(dict,sizeof dict,"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 /Filter /DCTDecode",R->w,R->h,R->spp==3?"DeviceRGB":"DeviceGray");}
    else if(pg[i].enc==PI_CCITT){data=ccitt_encode(R->px,R->w,R->h,2,0,0);snprintf(dict,sizeof dict,"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 false >>",R->w,R->h,R->w,R->h);}
    else{size_t n=(size_t)R->w*R->h*R->spp;uLongf zl=compressBound(n);data.d=malloc(zl);compress2(data.d,&zl,R->px,n,6);data.n=zl;snprintf(dict,sizeof dict,"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 /Filter /FlateDecode",R->w,R->h,R->spp==3?"DeviceRGB":"DeviceGray");}
    off[no++]=b.n;bprintf(&b,"%d 0 obj\n<< %s /Length %zu >>\nstream\n",po+2,dict,data.n);bput(&b,data.d,data.n);bstr(&b,"\nendstream\nendobj\n");free(data.d);}
  size_t xref=b.n;bprintf(&b,"xref\n0 %d\n0000000000 65535 f \n",no+1);for(int i=0;i<no;i++)bprintf(&b,"%010zu 00000 n \n",off[i]);
  bprintf(&b,"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",no+1,xref);write_file(path,&b);free(b.d);}
