/* docs.c - document layouts. Every text line drawn with T/TR/TC/LV/para is captured for ground truth in call order (= reading order). */
#define RM (D->pw-20)
static void hdr_gp(Font *fb,Font *f,int style,double *y){GPr *g=&C.g;char t[160];
  if(style==0){logo_crest(30,22,9,0.1f,0.3f,0.55f);double yy=16;TR(fb,13,RM,yy,g->prac);yy+=5.5;TR(f,9.5,RM,yy,g->a1);yy+=4.5;snprintf(t,160,"%s %s",g->town,g->pc);TR(f,9.5,RM,yy,t);yy+=4.5;
    snprintf(t,160,"Tel: %s   Fax: %s",g->tel,g->fax);TR(f,9.5,RM,yy,t);*y=yy+12;}
  else if(style==1){double yy=18;TC(fb,16,D->pw/2,yy,g->prac);yy+=6;snprintf(t,160,"%s, %s, %s",g->a1,g->town,g->pc);TC(f,9.5,D->pw/2,yy,t);yy+=4.6;snprintf(t,160,"Telephone %s  |  Facsimile %s",g->tel,g->fax);TC(f,9.5,D->pw/2,yy,t);rule(20,yy+3,RM,yy+3,0.4);*y=yy+13;}
  else{logo_nhs(RM-22,10,9);double yy=15;T(fb,13,20,yy,g->prac);yy+=5.5;T(f,9.5,20,yy,g->a1);yy+=4.5;snprintf(t,160,"%s %s",g->town,g->pc);T(f,9.5,20,yy,t);yy+=4.5;snprintf(t,160,"Tel %s",g->tel);T(f,9.5,20,yy,t);yy+=4.5;snprintf(t,160,"Practice code %s",g->ods);T(f,9.5,20,yy,t);*y=yy+11;}
  distract("practice phone",g->tel);distract("practice fax",g->fax);}
static void to_addr(Font *f,double pt,double x,double *y){Hos *h=&C.h;double l=pt*0.3528*1.45;T(f,pt,x,*y,h->cons);*y+=l;T(f,pt,x,*y,h->dept);*y+=l;T(f,pt,x,*y,h->hosp);*y+=l;T(f,pt,x,*y,h->a1);*y+=l;char t[80];snprintf(t,80,"%s %s",h->town,h->pc);T(f,pt,x,*y,t);*y+=l;}
static void pat_addr(Font *f,double pt,double x,double *y){Pat *p=&C.p;double l=pt*0.3528*1.45;T(f,pt,x,*y,p->full);*y+=l;T(f,pt,x,*y,p->a1);*y+=l;T(f,pt,x,*y,p->town);*y+=l;T(f,pt,x,*y,p->pc);*y+=l;}
static void body_items(Font *f,double pt,double x,double w,double *y,double lead,int from,int to){const Scen *s=C.sc;Pat *p=&C.p;char t[1200];
  for(int it=from;it<=to;it++){switch(it){
    case 0:snprintf(t,sizeof t,"Thank you for seeing this %d year old %s. %s",p->age,p->sex=='M'?"man":"woman",s->hist[0]);para(f,pt,x,w,y,lead,t);break;
    case 1:case 2:if(!s->hist[it])continue;para(f,pt,x,w,y,lead,s->hist[it]);break;
    case 3:snprintf(t,sizeof t,"On examination: %s",s->exam);para(f,pt,x,w,y,lead,t);break;
    case 4:para(f,pt,x,w,y,lead,s->plan);break;
    case 5:para(f,pt,x,w,y,lead,"Past medical history:");for(int i=0;i<4&&s->pmh[i];i++){newpage_if(y,lead);T(f,pt,x+5,*y,s->pmh[i]);*y+=lead;}break;
    case 6:para(f,pt,x,w,y,lead,"Current medication:");for(int i=0;i<5&&s->meds[i];i++){newpage_if(y,lead);T(f,pt,x+5,*y,s->meds[i]);*y+=lead;}*y+=lead*0.5;para(f,pt,x,w,y,lead,"Allergies: No known drug allergies.");break;
    case 7:para(f,pt,x,w,y,lead,"Social history: lives with family in a house, independent with all activities of daily living, drinks around 10 units of alcohol a week. Drives.");break;
    case 8:para(f,pt,x,w,y,lead,"I have explained the reason for referral and the likely waiting time. The patient is happy to be contacted on the mobile number above and is able to attend at short notice.");break;}
    *y+=lead*0.5;}}
static void body(Font *f,double pt,double x,double w,double *y,double lead,int paras,int extra){body_items(f,pt,x,w,y,lead,0,0);if(paras>=2)body_items(f,pt,x,w,y,lead,1,paras>=3?2:1);body_items(f,pt,x,w,y,lead,3,4);
  if(extra)body_items(f,pt,x,w,y,lead,5,6);if(extra>1)body_items(f,pt,x,w,y,lead,7,8);}
static void signoff(Font *f,Font *fb,double pt,double x,double *y,int dictated){double l=pt*0.3528*1.5;newpage_if(y,40);T(f,pt,x,*y,"Yours sincerely");*y+=l;sig_here(x+2,*y+8);*y+=16;
  T(fb,pt,x,*y,C.g.gp);*y+=l;T(f,pt,x,*y,"General Practitioner");*y+=l;if(dictated){*y+=l*0.5;T(f,pt*0.85,x,*y,"Dictated but not read to avoid delay");*y+=l;}}
static void footer(Font *f,double pt,const char *s){double y=D->ph-9;TC(f,pt,D->pw/2,y,s);}
static void cont_hdr(Font *f,double pt,double *y,int pg,int of){char t[200];snprintf(t,200,"Re: %s %s  NHS No %s",C.p.first,C.p.last,nhsf(0));T(f,pt,20,14,t);snprintf(t,200,"Page %d of %d",pg,of);TR(f,pt,RM,14,t);*y=24;}
static void re_block(Font *fb,Font *f,double pt,double *y,int nk,int dk,const char *nl,const char *dl){Pat *p=&C.p;double l=pt*0.3528*1.45;char t[200];
  snprintf(t,200,"Re: %s %s",p->first,p->last);T(fb,pt,20,*y,t);*y+=l;LVdob(f,f,pt,20,20+tw(f,pt,dl)+2,*y,dl,dk);*y+=l;LVnhs(f,f,pt,20,20+tw(f,pt,nl)+2,*y,nl,nk);*y+=l;
  snprintf(t,200,"%s, %s, %s",p->a1,p->town,p->pc);T(f,pt,20,*y,t);*y+=l*1.5;}
/* ---------------- referral layouts ---------------- */
static void k_dictated(int pages,Font *f,Font *fb,double pt,int hstyle,int nk,int dk){double y;pg_begin();hdr_gp(fb,f,hstyle,&y);double y0=y;to_addr(f,pt,20,&y);TR(f,pt,RM,y0,ldate(1));distract("letter date",ldate(1));y+=6;
  char t[200];snprintf(t,200,"Dear %s",C.h.cons);T(f,pt,20,y,t);y+=pt*0.53+2;static const char *NL[]={"NHS No:","NHS Number:","NHS no.","NHS:"},*DL[]={"DOB:","Date of Birth:","D.O.B.","DoB"};
  re_block(fb,f,pt,&y,nk,dk,NL[nk%4],DL[dk%4]);
  double ld=pt*0.53;if(pages>=2){body_items(f,pt,20,RM-20,&y,ld,0,1);footer(f,7.5,"continued");pg_end();pg_begin();cont_hdr(f,8.5,&y,2,pages);y+=4;body_items(f,pt,20,RM-20,&y,ld,2,pages>=3?5:8);
    if(pages>=3){pg_end();pg_begin();cont_hdr(f,8.5,&y,3,pages);y+=4;body_items(f,pt,20,RM-20,&y,ld,6,8);}}else body(f,pt,20,RM-20,&y,ld,2,0);
  signoff(f,fb,pt,20,&y,1);footer(f,7.5,"This letter contains confidential patient information. If received in error please telephone the practice.");pg_end();}
static void k_ers(int pages,Font *f,Font *fb){Pat *p=&C.p;double y=14;pg_begin();fillc(15,8,D->pw-30,11,0.0f,0.37f,0.72f);Tcol(fb,12,19,15.6,"NHS e-Referral Service",1,1,1,1);
  double w=tw(f,9,"Referral Letter");Tcol(f,9,D->pw-19-w,15.6,"Referral Letter",1,1,1,1);y=27;
  const char *L[12]={"UBRN","Priority","Specialty","Clinic Type","Service","Patient Name","NHS Number","Date of Birth","Gender","Address","Telephone","Registered GP"};char v[12][120];
  snprintf(v[0],120,"%s",C.ubrn);snprintf(v[1],120,"%s",C.sc->urg);snprintf(v[2],120,"%s",C.sc->spec);snprintf(v[3],120,"Not Otherwise Specified");snprintf(v[4],120,"%s - %s",C.sc->spec,C.h.hosp);
  snprintf(v[5],120,"%s, %s (%s)",p->last,p->first,p->title);snprintf(v[6],120,"%s",nhsf(0));snprintf(v[7],120,"%s",dobf(4));snprintf(v[8],120,"%s",p->sex=='M'?"Male":"Female");snprintf(v[9],120,"%s, %s, %s",p->a1,p->town,p->pc);
  snprintf(v[10],120,"%s",p->tel);snprintf(v[11],120,"%s, %s",C.g.gp,C.g.prac);
  for(int i=0;i<12;i++){box(15,y-4.6,55,6.6,0.2);box(70,y-4.6,D->pw-85,6.6,0.2);LV(fb,f,9,17,72,y,L[i],v[i]);y+=6.6;}
  char t[120];snprintf(t,120,"NHS Number %s",nhsf(0));mark_nhs(t);snprintf(t,120,"Date of Birth %s",dobf(4));mark_dob(t);distract("UBRN",C.ubrn);distract("patient phone",p->tel);
  y+=8;T(fb,11,15,y,"Referral Letter");y+=7;char d2[80];snprintf(d2,80,"Date of letter: %s",ldate(0));T(f,9.5,15,y,d2);distract("letter date",ldate(0));y+=7;
  T(f,9.5,15,y,"Dear Colleague");y+=6;if(pages>1){body_items(f,9.5,15,D->pw-30,&y,5.0,0,2);pg_end();pg_begin();char u[160];snprintf(u,160,"UBRN %s   %s %s",C.ubrn,p->first,p->last);T(f,8.5,15,14,u);TR(f,8.5,D->pw-15,14,"Page 2 of 2");y=26;body_items(f,9.5,15,D->pw-30,&y,5.0,3,8);}else body(f,9.5,15,D->pw-30,&y,5.0,2,0);y+=2;T(f,9.5,15,y,"Kind regards");y+=5;sig_here(17,y+6);y+=12;T(f,9.5,15,y,C.g.gp);y+=5;
  snprintf(t,120,"Printed from NHS e-RS on %s",ldate(0));footer(f,7,t);pg_end();}
static void k_proforma(Font *f,Font *fb,int variant,int nk,int dk){Pat *p=&C.p;pg_begin();double y=16;char t[200];
  logo_nhs(RM-22,8,9);T(fb,14,20,y,variant==0?"SUSPECTED CANCER REFERRAL (2WW)":variant==1?"MSK REFERRAL PROFORMA":"DERMATOLOGY REFERRAL FORM");y+=6;
  T(f,9,20,y,variant==0?"Fax or e-RS to the Cancer Referral Office within 24 hours":"Please complete all sections - incomplete forms will be returned");y+=8;
  /* table with borders: read row by row */
  double xs[4]={22,57,107,142};const char *lab[4][2]={{"Surname","NHS Number"},{"Forename(s)","Date of Birth"},{"Address","Hospital No"},{"Telephone","Gender"}};char val[4][2][80];
  snprintf(val[0][0],80,"%s",p->last);snprintf(val[0][1],80,"%s",nhsf(nk));snprintf(val[1][0],80,"%s",p->first);snprintf(val[1][1],80,"%s",dobf(dk));snprintf(val[2][0],80,"%s",p->pc);snprintf(val[2][1],80,"%s",p->hosp);
  snprintf(val[3][0],80,"%s",p->tel);snprintf(val[3][1],80,"%s",p->sex=='M'?"Male":"Female");
  for(int r=0;r<4;r++){for(int c=0;c<4;c++)box(xs[c]-2,y-5,c==3?RM-xs[c]+2:xs[c+1]-xs[c],7,0.25);
    Font *fs[4]={fb,f,fb,f};double ps[4]={9,9,9,9};const char *ss[4]={lab[r][0],val[r][0],lab[r][1],val[r][1]};Tsegs(y,4,fs,ps,xs,ss);y+=7;}
  snprintf(t,200,"NHS Number %s",nhsf(nk));mark_nhs(t);snprintf(t,200,"Date of Birth %s",dobf(dk));mark_dob(t);distract("hospital number",p->hosp);distract("patient phone",p->tel);
  y+=6;T(fb,10.5,20,y,variant==0?"Suspected cancer type (tick one)":"Presenting problem (tick all that apply)");y+=7;
  const char *items0[]={"Lower GI","Upper GI","Lung","Skin","Urology","Gynaecology","Breast","Head and neck","Haematology","Brain / CNS"};
  const char *items1[]={"Back pain","Neck pain","Shoulder","Hip","Knee","Foot and ankle","Hand and wrist","Inflammatory features","Red flags excluded","Physiotherapy tried"};
  const char **it=variant==1?items1:items0;int want=-1;for(int i=0;i<10;i++)if(strstr(C.sc->spec,variant==0?(i==0?"Colorectal":i==2?"Respiratory":i==3?"Dermatology":i==4?"Urology":i==5?"Gynaecology":"@@"):"@@"))want=i;
  double ys=y;for(int i=0;i<5;i++){tickbox(22,y-3.6,4.2,(i==want||(variant==1&&(i==4||i==8)))?1:0);T(f,9.5,29,y,it[i]);y+=6.5;}double yl=y;y=ys;
  for(int i=5;i<10;i++){tickbox(107,y-3.6,4.2,(i==want||(variant!=0&&i==9))?(variant==2?2:1):0);T(f,9.5,114,y,it[i]);y+=6.5;}y=yl+4;
  T(fb,10.5,20,y,"Clinical details");y+=6;body(f,9.5,20,RM-20,&y,4.9,2,0);
  y+=3;T(fb,10.5,20,y,"Referring clinician");y+=6;snprintf(t,200,"%s, %s (%s)",C.g.gp,C.g.prac,C.g.ods);T(f,9.5,20,y,t);y+=5;snprintf(t,200,"Date of decision to refer: %s",ldate(0));T(f,9.5,20,y,t);distract("decision date",ldate(0));
  footer(f,7,"Version 7.2 - review date 2025 - this form must not be altered");pg_end();}
static void k_soap(Font *f,Font *fb,int nk,int dk){Pat *p=&C.p;double y;pg_begin();hdr_gp(fb,f,1,&y);char t[200];
  snprintf(t,200,"Consultation summary for referral - %s",C.sc->spec);T(fb,11,20,y,t);y+=7;
  snprintf(t,200,"Patient: %s %s",p->first,p->last);T(f,10,20,y,t);y+=5;LVdob(f,f,10,20,31,y,"DOB",dk);y+=5;LVnhs(f,f,10,20,40,y,"NHS no.",nk);y+=5;snprintf(t,200,"Seen: %s by %s",ldate(3),C.g.gp2);T(f,10,20,y,t);distract("consultation date",ldate(3));y+=9;
  const Scen *s=C.sc;const char *H[4]={"S:","O:","A:","P:"};
  for(int k=0;k<4;k++){T(fb,11,20,y,H[k]);double yy=y;if(k==0){para(f,10,30,RM-30,&yy,5,s->hist[0]);if(s->hist[1])para(f,10,30,RM-30,&yy,5,s->hist[1]);}
    else if(k==1)para(f,10,30,RM-30,&yy,5,s->exam);else if(k==2){snprintf(t,200,"%s.",s->reason);para(f,10,30,RM-30,&yy,5,t);}else{para(f,10,30,RM-30,&yy,5,s->plan);snprintf(t,200,"Refer %s (%s). Safety netting advice given.",s->spec,s->urg);para(f,10,30,RM-30,&yy,5,t);}y=yy+4;}
  T(fb,10,20,y,"Medication");y+=5;for(int i=0;i<5&&s->meds[i];i++){T(f,10,25,y,s->meds[i]);y+=5;}
  footer(f,7.5,"Generated from the clinical system - please check against the full record");pg_end();}
static void k_emis(int pages,Font *f,Font *fb,int nk,int dk){Pat *p=&C.p;pg_begin();double y=12;char t[200];T(f,8,20,y,"EMIS Web");TR(f,8,RM,y,"Referral Letter - Printed Copy");y+=4;rule(20,y,RM,y,0.3);y+=7;
  T(fb,12,20,y,C.g.prac);y+=5;snprintf(t,200,"%s, %s, %s  Tel %s",C.g.a1,C.g.town,C.g.pc,C.g.tel);T(f,8.5,20,y,t);distract("practice phone",C.g.tel);y+=8;
  fillc(20,y-4.5,RM-20,6.5,0.85f,0.87f,0.9f);T(fb,10,22,y,"Patient Details");y+=8;double ys=y;
  LV(fb,f,9,22,55,y,"Name",p->full);y+=5;LVdob(fb,f,9,22,55,y,"Born",dk);y+=5;LV(fb,f,9,22,55,y,"Gender",p->sex=='M'?"Male":"Female");y+=5;LV(fb,f,9,22,55,y,"Address",p->a1);y+=5;LV(fb,f,9,22,55,y,"",p->town);y+=5;LV(fb,f,9,22,55,y,"",p->pc);double yl=y;y=ys;
  LVnhs(fb,f,9,112,140,y,"NHS Number",nk);y+=5;LV(fb,f,9,112,140,y,"Hosp No",p->hosp);y+=5;LV(fb,f,9,112,140,y,"Home Tel",p->tel);y+=5;LV(fb,f,9,112,140,y,"Mobile",p->mob);y+=5;LV(fb,f,9,112,140,y,"Usual GP",C.g.gp);y=yl+5;
  distract("hospital number",p->hosp);distract("patient phone",p->tel);distract("mobile",p->mob);
  fillc(20,y-4.5,RM-20,6.5,0.85f,0.87f,0.9f);T(fb,10,22,y,"Referral");y+=8;snprintf(t,200,"To: %s, %s, %s",C.h.cons,C.sc->spec,C.h.hosp);T(f,9,22,y,t);y+=5;snprintf(t,200,"Urgency: %s    Date: %s",C.sc->urg,ldate(3));T(f,9,22,y,t);distract("referral date",ldate(3));y+=8;
  body(f,9.5,22,RM-22,&y,4.8,3,pages>1?2:1);
  if(pages>1){pg_end();pg_begin();y=14;snprintf(t,200,"%s  %s  NHS %s",p->full,dobf(0),nhsf(1));T(f,8,20,y,t);TR(f,8,RM,y,"Page 2");y+=4;rule(20,y,RM,y,0.3);y+=8;}
  fillc(20,y-4.5,RM-20,6.5,0.85f,0.87f,0.9f);T(fb,10,22,y,"Recent Consultations");y+=8;
  for(int i=0;i<(pages>1?6:2);i++){snprintf(t,200,"%s  %s  %s",datef(C.ly-(i>2),(C.lm+11-i)%12+1,(C.ld+7*i)%28+1,3),i%2?"Telephone":"Surgery Consultation",i%3?C.g.gp2:C.g.gp);T(fb,9,22,y,t);y+=5;
    T(f,9,27,y,i%2?"History: symptoms persisting, advised review. BP 138/84.":"Examination: weight 82.4 kg, BMI 28.1, pulse 76.");y+=7;}
  if(pages>1){y+=4;fillc(20,y-4.5,RM-20,6.5,0.85f,0.87f,0.9f);T(fb,10,22,y,"Allergies");y+=7;T(f,9,22,y,"No known drug allergies (recorded 14-Feb-2019)");}
  footer(f,7,"EMIS Web - confidential patient information");pg_end();}
static void k_systmone(int pages,Font *f,Font *fb,int nk,int dk){Pat *p=&C.p;pg_begin();double y=14;char t[200];TR(f,8,RM,y,"SystmOne");T(fb,13,20,y+2,C.g.prac);y+=7;snprintf(t,200,"%s %s %s",C.g.a1,C.g.town,C.g.pc);T(f,9,20,y,t);y+=5;snprintf(t,200,"Tel: %s",C.g.tel);T(f,9,20,y,t);y+=9;
  T(fb,11,20,y,"Referral Letter");y+=7;
  double xs[2]={20,70};const char *lab[]={"Name","NHS Number","D.o.B","Address","Telephone","Date"};char v[6][100];snprintf(v[0],100,"%s %s",p->first,p->last);snprintf(v[1],100,"%s",nhsf(nk));snprintf(v[2],100,"%s",dobf(dk));snprintf(v[3],100,"%s, %s, %s",p->a1,p->town,p->pc);snprintf(v[4],100,"%s",p->tel);snprintf(v[5],100,"%s",ldate(0));
  for(int i=0;i<6;i++){rule(20,y+1.6,RM,y+1.6,0.15);LV(fb,f,9.5,xs[0],xs[1],y,lab[i],v[i]);y+=6;}
  snprintf(t,200,"NHS Number %s",nhsf(nk));mark_nhs(t);snprintf(t,200,"D.o.B %s",dobf(dk));mark_dob(t);distract("letter date",ldate(0));distract("patient phone",p->tel);
  y+=6;snprintf(t,200,"Dear %s",C.h.cons);T(f,10,20,y,t);y+=6;body(f,10,20,RM-20,&y,5,2,0);
  if(pages>1){pg_end();pg_begin();y=14;snprintf(t,200,"%s %s  NHS Number: %s",p->first,p->last,nhsf(nk));T(f,8.5,20,y,t);TR(f,8.5,RM,y,"Page 2 of 2");y+=10;}
  T(fb,10.5,20,y,"Active Problems");y+=6;double cx[3]={20,48,150};
  {Font *fs[3]={fb,fb,fb};double ps[3]={9,9,9};const char *ss[3]={"Date","Problem","Status"};Tsegs(y,3,fs,ps,cx,ss);rule(20,y+1.5,RM,y+1.5,0.25);y+=6;}
  for(int i=0;i<4&&C.sc->pmh[i];i++){Font *fs[3]={f,f,f};double ps[3]={9,9,9};const char *ss[3]={datef(2000+(i*7+p->dy)%22,(i*5)%12+1,(i*9)%28+1,4),C.sc->pmh[i],"Active"};Tsegs(y,3,fs,ps,cx,ss);y+=5.5;}
  y+=5;T(fb,10.5,20,y,"Repeat Medication");y+=6;for(int i=0;i<5&&C.sc->meds[i];i++){T(f,9,20,y,C.sc->meds[i]);y+=5.5;}
  y+=5;T(fb,10.5,20,y,"Recent Values");y+=6;{double vx[3]={20,70,110};Font *fs[3]={f,f,f};double ps[3]={9,9,9};const char *r1[3]={"Blood pressure","142/88 mmHg",datef(C.ly,C.lm,(C.ld+3)%28+1,4)};Tsegs(y,3,fs,ps,vx,r1);y+=5.5;
    const char *r2[3]={"Weight","79.3 kg",datef(C.ly,C.lm,(C.ld+3)%28+1,4)};Tsegs(y,3,fs,ps,vx,r2);y+=5.5;const char *r3[3]={"eGFR","68 mL/min/1.73m2",datef(C.ly-1,(C.lm+6)%12+1,12,4)};Tsegs(y,3,fs,ps,vx,r3);y+=5.5;}
  if(pages==1){y+=4;T(f,10,20,y,"Yours sincerely");y+=14;sig_here(22,y-6);T(fb,10,20,y,C.g.gp);}
  footer(f,7,"Produced by SystmOne. This document contains personal data.");pg_end();}
static void k_vision(Font *f,int nk,int dk){Pat *p=&C.p;pg_begin();double y=15,l=4.6;char t[200];double pt=9.5;
  T(f,pt,20,y,"VISION - PATIENT REFERRAL");TR(f,pt,RM,y,ldate(6));distract("print date",ldate(6));y+=l;T(f,pt,20,y,C.g.prac);y+=l;snprintf(t,200,"%s %s %s",C.g.a1,C.g.town,C.g.pc);T(f,pt,20,y,t);y+=l;rule(20,y-1.5,RM,y-1.5,0.35);y+=l;
  snprintf(t,200,"PATIENT   : %s, %s",p->last,p->first);T(f,pt,20,y,t);y+=l;snprintf(t,200,"D.O.B.    : %s",dobf(dk));T(f,pt,20,y,t);snprintf(t,80,"D.O.B. : %s",dobf(dk));(void)t;{char u[80];snprintf(u,80,"D.O.B.    : %s",dobf(dk));mark_dob(u);}y+=l;
  {char u[80];snprintf(u,80,"NHS NO.   : %s",nhsf(nk));T(f,pt,20,y,u);mark_nhs(u);}y+=l;snprintf(t,200,"ADDRESS   : %s, %s %s",p->a1,p->town,p->pc);T(f,pt,20,y,t);y+=l;snprintf(t,200,"REG. NO.  : %d   TEL: %s",rint_(&D->r,10000,99999),p->tel);T(f,pt,20,y,t);distract("registration number",t);y+=l;
  rule(20,y-1.5,RM,y-1.5,0.35);y+=l;snprintf(t,200,"TO        : %s, %s",C.h.cons,C.h.hosp);T(f,pt,20,y,t);y+=l;snprintf(t,200,"SPECIALTY : %s",C.sc->spec);T(f,pt,20,y,t);y+=l;snprintf(t,200,"PRIORITY  : %s",C.sc->urg);T(f,pt,20,y,t);y+=l*2;
  body(f,pt,20,RM-20,&y,l,3,1);y+=l;T(f,pt,20,y,C.g.gp);y+=l;snprintf(t,200,"GMC %d",rint_(&D->r,1000000,7999999));T(f,pt,20,y,t);distract("GMC number",t);pg_end();}
static void k_terse(Font *f,Font *fb,int v,int nk,int dk){Pat *p=&C.p;pg_begin();double y;char t[300];hdr_gp(fb,f,v%3,&y);y+=4;
  if(v==0){snprintf(t,300,"Pt: %s %s  DOB %s  NHS %s",p->first,p->last,dobf(dk),nhsf(nk));T(f,10.5,20,y,t);{char u[80];snprintf(u,80,"DOB %s",dobf(dk));mark_dob(u);snprintf(u,80,"NHS %s",nhsf(nk));mark_nhs(u);}y+=7;
    snprintf(t,300,"Dear %s - ?%s. %s Pls see. Thanks.",C.h.cons,C.sc->reason,C.sc->hist[0]);para(f,10.5,20,RM-20,&y,5.4,t);y+=4;T(f,10.5,20,y,C.g.gp);y+=6;snprintf(t,300,"%s",ldate(2));T(f,10.5,20,y,t);distract("letter date",ldate(2));}
  else if(v==1){snprintf(t,300,"To: %s (%s)",C.sc->spec,C.h.hosp);T(f,10.5,20,y,t);y+=6;snprintf(t,300,"From: %s   Date: %s",C.g.gp,ldate(0));T(f,10.5,20,y,t);distract("letter date",ldate(0));y+=9;
    snprintf(t,300,"%s, %s",p->last,p->first);T(fb,11,20,y,t);y+=6;LVnhs(f,f,10.5,20,20+tw(f,10.5,"NHS Number")+2,y,"NHS Number",nk);y+=6;LVdob(f,f,10.5,20,20+tw(f,10.5,"D.O.B.")+2,y,"D.O.B.",dk);y+=6;snprintf(t,300,"Hosp no: %s",p->hosp);T(f,10.5,20,y,t);distract("hospital number",p->hosp);y+=9;
    para(f,10.5,20,RM-20,&y,5.4,C.sc->hist[0]);para(f,10.5,20,RM-20,&y,5.4,C.sc->plan);y+=4;T(f,10.5,20,y,"Thanks");}
  else{snprintf(t,300,"RE: %s %s (%s)",p->first,p->last,dobf(dk));T(fb,10.5,20,y,t);{char u[80];snprintf(u,80,"%s",dobf(dk));mark_dob(u);}y+=6;{char u[80];snprintf(u,80,"NHS %s",nhsf(nk));T(f,10.5,20,y,u);mark_nhs(u);}y+=8;
    snprintf(t,300,"%s. %s",C.sc->reason,C.sc->exam);para(f,10.5,20,RM-20,&y,5.4,t);snprintf(t,300,"Urgency: %s. Tel %s.",C.sc->urg,p->tel);para(f,10.5,20,RM-20,&y,5.4,t);distract("patient phone",p->tel);y+=4;T(f,10.5,20,y,C.g.gp);}
  pg_end();}
static void k_twopage(Font *f,Font *fb,int hs,int nk,int dk){Pat *p=&C.p;double y;char t[200];pg_begin();hdr_gp(fb,f,hs,&y);y+=4;T(fb,10,20,y,"PRIVATE AND CONFIDENTIAL");y+=8;
  double y0=y;to_addr(f,10.5,20,&y);double yr=y0;snprintf(t,200,"Our ref: %s/%s",C.g.ods,p->hosp);TR(f,9.5,RM,yr,t);distract("our ref",t);yr+=5;snprintf(t,200,"Date: %s",ldate(1));TR(f,9.5,RM,yr,t);distract("letter date",ldate(1));
  y+=14;T(fb,11,20,y,"Patient");y+=6;pat_addr(f,10.5,20,&y);y+=3;LVdob(f,f,10.5,20,52,y,"Date of Birth:",dk);y+=5.5;LVnhs(f,f,10.5,20,52,y,"NHS Number:",nk);y+=5.5;LV(f,f,10.5,20,52,y,"Hospital No:",p->hosp);distract("hospital number",p->hosp);y+=5.5;LV(f,f,10.5,20,52,y,"Telephone:",p->tel);distract("patient phone",p->tel);y+=12;
  snprintf(t,200,"Dear %s",C.h.cons);T(f,10.5,20,y,t);footer(f,7.5,"Continued overleaf");pg_end();
  pg_begin();cont_hdr(f,8.5,&y,2,2);y+=4;body(f,10.5,20,RM-20,&y,5.5,3,1);signoff(f,fb,10.5,20,&y,0);pg_end();}
static void demobox(Font *f,Font *fb,double x,double y,double w,int nk,int dk,int cols2){Pat *p=&C.p;double l=5.2;
  if(!cols2){box(x,y,w,l*8+4,0.3);double yy=y+6,xv=x+30;LV(fb,f,9,x+3,xv,yy,"Name:",p->full);yy+=l;LVdob(fb,f,9,x+3,xv,yy,"DOB:",dk);yy+=l;LVnhs(fb,f,9,x+3,xv,yy,"NHS No:",nk);yy+=l;LV(fb,f,9,x+3,xv,yy,"Hosp No:",p->hosp);yy+=l;
    LV(fb,f,9,x+3,xv,yy,"Gender:",p->sex=='M'?"Male":"Female");yy+=l;LV(fb,f,9,x+3,xv,yy,"Tel:",p->tel);yy+=l;LV(fb,f,9,x+3,xv,yy,"Mobile:",p->mob);yy+=l;LV(fb,f,9,x+3,xv,yy,"Postcode:",p->pc);}
  else{box(x,y,w,l*4+4,0.3);double yy=y+6,xa=x+3,xb=x+w/2+2;LV(fb,f,8.5,xa,xa+20,yy,"Name:",p->full);yy+=l;LVdob(fb,f,8.5,xa,xa+20,yy,"DOB:",dk);yy+=l;LV(fb,f,8.5,xa,xa+20,yy,"Sex:",p->sex=='M'?"M":"F");yy+=l;LV(fb,f,8.5,xa,xa+20,yy,"Tel:",p->tel);
    yy=y+6;LVnhs(fb,f,8.5,xb,xb+22,yy,"NHS No:",nk);yy+=l;LV(fb,f,8.5,xb,xb+22,yy,"Hosp No:",p->hosp);yy+=l;LV(fb,f,8.5,xb,xb+22,yy,"Clinic:",C.sc->spec);yy+=l;LV(fb,f,8.5,xb,xb+22,yy,"Seen:",ldate(0));}
  distract("hospital number",p->hosp);distract("patient phone",p->tel);}
static void k_demobox(int pages,Font *f,Font *fb,int nk,int dk,int cols2){double y;char t[200];pg_begin();hdr_gp(fb,f,2,&y);double y0=y;to_addr(f,10,20,&y);
  if(!cols2){demobox(f,fb,112,y0-5,RM-112,nk,dk,0);y=y0+48;}else{y+=4;demobox(f,fb,20,y,RM-20,nk,dk,1);y+=30;}
  snprintf(t,200,"Date: %s",ldate(4));T(f,10,20,y,t);distract("letter date",ldate(4));y+=8;snprintf(t,200,"Dear %s",C.h.cons);T(f,10,20,y,t);y+=7;snprintf(t,200,"Re: %s - %s",C.sc->spec,C.sc->reason);T(fb,10,20,y,t);y+=7;
  if(pages>1){para(f,10,20,RM-20,&y,5.2,C.sc->hist[0]);footer(f,7.5,"Page 1 of 2");pg_end();pg_begin();cont_hdr(f,8.5,&y,2,2);y+=4;body(f,10,20,RM-20,&y,5.2,3,1);}else body(f,10,20,RM-20,&y,5.2,2,0);
  signoff(f,fb,10,20,&y,0);pg_end();}
static void k_slip(Font *f,Font *fb,int nk,int dk){Pat *p=&C.p;char t[200];pg_begin();double y=14;logo_crest(RM-6,20,8,0.55f,0.1f,0.2f);T(fb,16,15,y,"With Compliments");y+=7;T(fb,10,15,y,C.g.prac);y+=4.5;snprintf(t,200,"%s, %s %s",C.g.a1,C.g.town,C.g.pc);T(f,8.5,15,y,t);y+=4;snprintf(t,200,"Tel %s  Fax %s",C.g.tel,C.g.fax);T(f,8.5,15,y,t);distract("practice phone",C.g.tel);y+=9;
  T(f,10,15,y,"Referral letter enclosed for the patient below.");y+=5;T(f,10,15,y,"Please book into the next available clinic.");y+=8;
  box(15,y-4,95,22,0.3);y+=1;T(fb,9.5,18,y,p->full);y+=4.8;LVdob(f,f,9.5,18,30,y,"DOB",dk);y+=4.8;LVnhs(f,f,9.5,18,38,y,"NHS No",nk);y+=4.8;snprintf(t,200,"%s %s",p->a1,p->pc);T(f,9.5,18,y,t);
  pg_end();k_dictated(1,f,fb,10.5,0,(nk+1)%3,(dk+1)%6);}
static void k_fax(Font *f,Font *fb,int nk,int dk,int pages){Pat *p=&C.p;char t[300];double y;pg_begin();snprintf(t,300,"%s %02d:%02d  FROM: %s  %s  P.001/%03d",ldate(6),rint_(&D->r,8,17),rint_(&D->r,0,59),C.g.prac,C.g.fax,pages);T(&F_3270,8,15,7,t);distract("fax header",t);
  hdr_gp(fb,f,1,&y);T(fb,13,20,y,"FAX - URGENT REFERRAL");y+=7;snprintf(t,300,"To: %s, %s    Fax: %s",C.sc->spec,C.h.hosp,C.h.tel);T(f,10,20,y,t);distract("hospital fax",C.h.tel);y+=6;snprintf(t,300,"Pages (incl. this): %d",pages);T(f,10,20,y,t);y+=9;
  LV(fb,f,10,20,55,y,"Patient:",p->full);y+=5.5;LVdob(fb,f,10,20,55,y,"DOB:",dk);y+=5.5;LVnhs(fb,f,10,20,55,y,"NHS No:",nk);y+=5.5;LV(fb,f,10,20,55,y,"Hosp No:",p->hosp);distract("hospital number",p->hosp);y+=9;
  body(f,10,20,RM-20,&y,5.2,pages>1?1:2,0);if(pages>1){pg_end();pg_begin();snprintf(t,300,"%s  FROM: %s  %s  P.002/002",ldate(6),C.g.prac,C.g.fax);T(&F_3270,8,15,7,t);y=20;
    para(f,10,20,RM-20,&y,5.2,"Past medical history and medication are listed below for your information.");for(int i=0;i<4&&C.sc->pmh[i];i++){T(f,10,25,y,C.sc->pmh[i]);y+=5.2;}y+=3;for(int i=0;i<5&&C.sc->meds[i];i++){T(f,10,25,y,C.sc->meds[i]);y+=5.2;}y+=4;}
  signoff(f,fb,10,20,&y,0);T(f,7.5,20,D->ph-12,"CONFIDENTIALITY: this fax is intended only for the addressee. If received in error please telephone the sender.");pg_end();}
static void k_typewriter(Font *f,int nk,int dk,int pages){Pat *p=&C.p;char t[300];double y=18;pg_begin();double pt=10.5,l=5.6;TC(f,12,D->pw/2,y,C.g.prac);y+=l;snprintf(t,300,"%s, %s, %s",C.g.a1,C.g.town,C.g.pc);TC(f,pt,D->pw/2,y,t);y+=l;snprintf(t,300,"Tel. %s",C.g.tel);TC(f,pt,D->pw/2,y,t);distract("practice phone",C.g.tel);y+=l*2.5;
  TR(f,pt,RM,y,ldate(1));distract("letter date",ldate(1));y+=l*1.5;to_addr(f,pt,25,&y);y+=l;snprintf(t,300,"Dear %s,",C.h.cons);T(f,pt,25,y,t);y+=l*1.5;
  snprintf(t,300,"Re: %s %s, %s",p->first,p->last,p->a1);T(f,pt,25,y,t);y+=l;LVdob(f,f,pt,33,33+tw(f,pt,"Born")+2.5,y,"Born",dk);y+=l;LVnhs(f,f,pt,33,33+tw(f,pt,"NHS No.")+2.5,y,"NHS No.",nk);y+=l*1.5;
  if(pages>1){body_items(f,pt,25,RM-30,&y,l,0,2);pg_end();pg_begin();y=20;snprintf(t,300,"- 2 -   %s %s",p->first,p->last);TC(f,pt,D->pw/2,y,t);y+=l*2;body_items(f,pt,25,RM-30,&y,l,3,6);}else body(f,pt,25,RM-30,&y,l,2,0);signoff(f,f,pt,25,&y,0);pg_end();}
/* ---------------- other document types ---------------- */
static void trust_hdr(Font *f,Font *fb,double *y){logo_nhs(RM-24,10,9.5);T(fb,12,20,16,C.h.trust);T(f,10,20,21.5,C.h.hosp);char t[200];snprintf(t,200,"%s, %s %s",C.h.a1,C.h.town,C.h.pc);T(f,9,20,26,t);snprintf(t,200,"Switchboard %s",C.h.tel);T(f,9,20,30.5,t);distract("hospital phone",C.h.tel);*y=42;}
static void k_clinic(Font *f,Font *fb,int nk,int dk,int pages,int demo){Pat *p=&C.p;char t[300];double y;pg_begin();trust_hdr(f,fb,&y);T(fb,10,20,y,C.h.dept);y+=5;snprintf(t,300,"Consultant: %s",C.h.cons);T(f,9.5,20,y,t);y+=9;
  double y0=y;T(f,10,20,y,C.g.gp);y+=5;T(f,10,20,y,C.g.prac);y+=5;T(f,10,20,y,C.g.a1);y+=5;snprintf(t,300,"%s %s",C.g.town,C.g.pc);T(f,10,20,y,t);y+=5;
  if(demo){demobox(f,fb,112,y0-5,RM-112,nk,dk,0);y=y0+46;}else{double yr=y0;snprintf(t,300,"Clinic date: %s",ldate(0));TR(f,9.5,RM,yr,t);yr+=5;snprintf(t,300,"Typed: %s",datef(C.ly,C.lm,(C.ld%28)+1,0));TR(f,9.5,RM,yr,t);distract("clinic date",ldate(0));distract("typed date",t);y+=6;
    snprintf(t,300,"Re: %s  ",p->full);T(fb,10,20,y,t);y+=5;LVdob(f,f,10,20,20+tw(f,10,"Date of Birth:")+2,y,"Date of Birth:",dk);y+=5;LVnhs(f,f,10,20,20+tw(f,10,"NHS Number:")+2,y,"NHS Number:",nk);y+=5;snprintf(t,300,"Hospital Number: %s",p->hosp);T(f,10,20,y,t);distract("hospital number",p->hosp);y+=9;}
  T(fb,10,20,y,"Diagnosis:");y+=5;T(f,10,25,y,C.sc->reason);y+=5;T(f,10,25,y,C.sc->pmh[0]?C.sc->pmh[0]:"Nil else");y+=8;T(fb,10,20,y,"Plan:");y+=5;T(f,10,25,y,"Investigations requested as below; review in clinic in 8 weeks.");y+=9;
  snprintf(t,300,"Dear %s,",C.g.gp);T(f,10,20,y,t);y+=7;snprintf(t,300,"I saw %s %s in the %s clinic today. %s %s",p->title,p->last,C.sc->spec,C.sc->hist[0],C.sc->hist[1]?C.sc->hist[1]:"");para(f,10,20,RM-20,&y,5.2,t);y+=3;
  snprintf(t,300,"On examination %s",C.sc->exam);para(f,10,20,RM-20,&y,5.2,t);y+=3;if(pages>1){para(f,10,20,RM-20,&y,5.2,"We discussed the findings in detail and the options for further management. I have requested blood tests today and imaging, and will write again with the results.");y+=3;
    pg_end();pg_begin();snprintf(t,300,"%s  NHS %s  Page 2",p->full,nhsf(nk));T(f,8.5,20,14,t);y=26;para(f,10,20,RM-20,&y,5.2,p->sex=='M'?"He understands the plan and is happy to proceed. I have given written information and the contact number for the specialist nurse team.":"She understands the plan and is happy to proceed. I have given written information and the contact number for the specialist nurse team.");y+=3;}
  para(f,10,20,RM-20,&y,5.2,p->sex=='M'?"I will see him again in clinic with the results and will keep you informed.":"I will see her again in clinic with the results and will keep you informed.");y+=6;T(f,10,20,y,"Yours sincerely");y+=15;sig_here(22,y-7);T(fb,10,20,y,C.h.cons);y+=5;snprintf(t,300,"Consultant, %s",C.sc->spec);T(f,10,20,y,t);y+=8;
  snprintf(t,300,"cc: %s, %s, %s",p->full,p->a1,p->pc);T(f,8.5,20,y,t);footer(f,7,"Please quote the hospital number on all correspondence");pg_end();}
static void k_discharge(Font *f,Font *fb,int nk,int dk,int pages){Pat *p=&C.p;char t[300];double y;pg_begin();trust_hdr(f,fb,&y);TC(fb,14,D->pw/2,y,"DISCHARGE SUMMARY");y+=9;
  double xs[4]={22,62,110,150};int ad=(C.ld+20)%28+1;const char *lab[5][2]={{"Patient","NHS Number"},{"Date of Birth","Hospital No"},{"Admitted","Discharged"},{"Ward","Consultant"},{"Method","Destination"}};char v[5][2][80];
  snprintf(v[0][0],80,"%s",p->full);snprintf(v[0][1],80,"%s",nhsf(nk));snprintf(v[1][0],80,"%s",dobf(dk));snprintf(v[1][1],80,"%s",p->hosp);snprintf(v[2][0],80,"%s",datef(C.ly,C.lm,ad>5?ad-5:1,0));snprintf(v[2][1],80,"%s",datef(C.ly,C.lm,ad,0));
  snprintf(v[3][0],80,"Ward %d",rint_(&D->r,3,32));snprintf(v[3][1],80,"%s",C.h.cons);snprintf(v[4][0],80,"Emergency");snprintf(v[4][1],80,"Usual residence");
  for(int r=0;r<5;r++){for(int c=0;c<4;c++)box(xs[c]-2,y-5,c==3?RM-xs[c]+2:xs[c+1]-xs[c],7,0.25);Font *fs[4]={fb,f,fb,f};double ps[4]={9,9,9,9};const char *ss[4]={lab[r][0],v[r][0],lab[r][1],v[r][1]};Tsegs(y,4,fs,ps,xs,ss);y+=7;}
  snprintf(t,300,"NHS Number %s",nhsf(nk));mark_nhs(t);snprintf(t,300,"Date of Birth %s",dobf(dk));mark_dob(t);distract("admission date",v[2][0]);distract("discharge date",v[2][1]);distract("hospital number",p->hosp);
  y+=6;T(fb,10.5,20,y,"Primary diagnosis");y+=5.5;T(f,10,22,y,C.sc->reason);y+=8;T(fb,10.5,20,y,"Presenting complaint and clinical course");y+=5.5;para(f,10,22,RM-22,&y,5,C.sc->hist[0]);if(C.sc->hist[1])para(f,10,22,RM-22,&y,5,C.sc->hist[1]);
  para(f,10,22,RM-22,&y,5,"Observations remained stable throughout the admission. Bloods on discharge: Hb 121 g/L, WCC 8.2, CRP 12, Na 138, K 4.1, creatinine 84 umol/L.");distract("lab values","Hb 121, WCC 8.2, CRP 12, Na 138, K 4.1, creatinine 84");y+=4;
  if(pages>1){pg_end();pg_begin();snprintf(t,300,"%s  DOB %s  NHS %s",p->full,dobf(0),nhsf(1));T(f,8.5,20,14,t);TR(f,8.5,RM,14,"Page 2");y=26;}
  T(fb,10.5,20,y,"Medication on discharge");y+=6;double mx[4]={22,95,125,160};{Font *fs[4]={fb,fb,fb,fb};double ps[4]={9,9,9,9};const char *ss[4]={"Medicine","Dose","Frequency","Status"};Tsegs(y,4,fs,ps,mx,ss);rule(20,y+1.6,RM,y+1.6,0.3);y+=6;}
  for(int i=0;i<5&&C.sc->meds[i];i++){char nm[80];snprintf(nm,80,"%s",C.sc->meds[i]);char *sp=strchr(nm,' ');const char *dose="-";if(sp){*sp=0;dose=sp+1;}char d2[40];snprintf(d2,40,"%.*s",(int)strcspn(dose," "),dose);const char *fr=strchr(dose,' ')?strchr(dose,' ')+1:"as directed";
    Font *fs[4]={f,f,f,f};double ps[4]={9,9,9,9};const char *ss[4]={nm,d2,fr,i%3==0?"Unchanged":i%3==1?"New":"Changed"};Tsegs(y,4,fs,ps,mx,ss);y+=5.5;}
  y+=5;T(fb,10.5,20,y,"Follow up");y+=5.5;snprintf(t,300,"Outpatient review in %s clinic in 6 weeks. GP to check U&E in 1 week. Contact ward on %s with concerns.",C.sc->spec,C.h.tel);para(f,10,22,RM-22,&y,5,t);
  if(pages>2){pg_end();pg_begin();snprintf(t,300,"%s  NHS %s  Page 3",p->full,nhsf(1));T(f,8.5,20,14,t);y=26;}
  y+=4;T(fb,10.5,20,y,"Information given to patient");y+=5.5;para(f,10,22,RM-22,&y,5,"Diagnosis and medication changes explained. Written discharge advice provided. Fit note issued for two weeks.");
  y+=5;snprintf(t,300,"Completed by: Dr %s (FY2)   Bleep %d",LAST[rint_(&D->r,0,29)],rint_(&D->r,1000,4999));T(f,9,20,y,t);distract("bleep",t);y+=5;snprintf(t,300,"Date: %s",datef(C.ly,C.lm,(C.ld+20)%28+1,0));T(f,9,20,y,t);
  footer(f,7,"Electronic discharge summary - printed copy for records");pg_end();}
static void k_lab(Font *f,Font *fb,int nk,int dk,int pages){Pat *p=&C.p;char t[300];double y;pg_begin();trust_hdr(f,fb,&y);TC(fb,12.5,D->pw/2,y,"PATHOLOGY REPORT - CLINICAL BIOCHEMISTRY / HAEMATOLOGY");y+=9;
  double ys=y;LV(fb,f,9,20,48,y,"Patient:",p->full);y+=5;LVdob(fb,f,9,20,48,y,"DOB:",dk);y+=5;LVnhs(fb,f,9,20,48,y,"NHS No:",nk);y+=5;LV(fb,f,9,20,48,y,"MRN:",p->hosp);y+=5;double yl=y;y=ys;
  char lab[40];snprintf(lab,40,"%02d%c%07d",C.ly%100,PICKC(&D->r,"BHM"),rint_(&D->r,1000000,9999999));LV(fb,f,9,112,140,y,"Lab No:",lab);y+=5;LV(fb,f,9,112,140,y,"Collected:",datef(C.ly,C.lm,C.ld,3));y+=5;LV(fb,f,9,112,140,y,"Received:",datef(C.ly,C.lm,C.ld,3));y+=5;LV(fb,f,9,112,140,y,"Requested by:",C.g.gp);y=yl+5;
  distract("lab number",lab);distract("collected date",datef(C.ly,C.lm,C.ld,3));distract("hospital number",p->hosp);rule(20,y,RM,y,0.35);y+=7;
  double cx[5]={22,75,100,130,170};{Font *fs[5]={fb,fb,fb,fb,fb};double ps[5]={9,9,9,9,9};const char *ss[5]={"Test","Result","Units","Reference range","Flag"};Tsegs(y,5,fs,ps,cx,ss);rule(20,y+1.6,RM,y+1.6,0.25);y+=6.5;}
  static const char *R[][5]={{"Sodium","138","mmol/L","133 - 146",""},{"Potassium","5.6","mmol/L","3.5 - 5.3","H"},{"Urea","7.9","mmol/L","2.5 - 7.8","H"},{"Creatinine","112","umol/L","59 - 104","H"},{"eGFR","54","mL/min/1.73m2",">90","L"},{"CRP","18","mg/L","0 - 5","H"},
    {"Haemoglobin","104","g/L","130 - 180","L"},{"White cell count","9.8","x10^9/L","4.0 - 11.0",""},{"Platelets","412","x10^9/L","150 - 410","H"},{"MCV","76","fL","80 - 100","L"},{"Ferritin","11","ug/L","30 - 400","L"},{"HbA1c","52","mmol/mol","20 - 41","H"},{"TSH","2.1","mU/L","0.27 - 4.2",""},{"Cholesterol","6.2","mmol/L","<5.0","H"},{"ALT","31","U/L","0 - 41",""},{"Bilirubin","9","umol/L","0 - 21",""}};
  int nr=pages>1?16:12;for(int i=0;i<nr;i++){if(pages>1&&i==10){pg_end();pg_begin();snprintf(t,300,"%s  %s  Lab No %s  (continued)",p->full,nhsf(1),lab);T(f,8.5,20,14,t);y=28;}
    Font *fs[5]={f,f,f,f,fb};double ps[5]={9,9,9,9,9};const char *ss[5]={R[i][0],R[i][1],R[i][2],R[i][3],R[i][4]};Tsegs(y,5,fs,ps,cx,ss);y+=5.6;}
  y+=6;para(f,9,20,RM-20,&y,4.6,"Comment: Potassium may be falsely raised by delayed separation. Suggest repeat if clinically indicated. Results authorised by the duty biochemist.");
  footer(f,7,"UKAS accredited medical laboratory No. 9999 - results relate only to the sample tested");pg_end();}
static void k_appt(Font *f,Font *fb,int nk,int dk){Pat *p=&C.p;char t[300];double y;pg_begin();trust_hdr(f,fb,&y);y+=2;double y0=y;pat_addr(f,10.5,25,&y);double yr=y0;
  LVdob(f,f,9.5,120,148,yr,"Date of birth:",dk);yr+=5;LVnhs(f,f,9.5,120,148,yr,"NHS number:",nk);yr+=5;LV(f,f,9.5,120,148,yr,"Hospital no:",p->hosp);yr+=5;LV(f,f,9.5,120,148,yr,"Letter date:",ldate(0));distract("letter date",ldate(0));distract("hospital number",p->hosp);
  y+=14;snprintf(t,300,"Dear %s %s",p->title,p->last);T(f,10.5,20,y,t);y+=8;T(fb,12,20,y,"Your outpatient appointment");y+=8;
  int ad=(C.ld+9)%28+1,am=C.lm%12+1;char when[80];snprintf(when,80,"%s",datef(C.ly+(am==1),am,ad,1));
  double xs[2]={25,70};box(20,y-5.5,RM-20,40,0.35);const char *lab[6]={"Date:","Time:","Clinic:","Consultant:","Location:","Telephone:"};char v[6][100];snprintf(v[0],100,"%s",when);snprintf(v[1],100,"%02d:%02d",rint_(&D->r,8,16),rint_(&D->r,0,3)*15);snprintf(v[2],100,"%s Outpatients",C.sc->spec);snprintf(v[3],100,"%s",C.h.cons);snprintf(v[4],100,"Outpatients Department %c, %s",PICKC(&D->r,"ABCD"),C.h.hosp);snprintf(v[5],100,"%s",C.h.tel);
  for(int i=0;i<6;i++){LV(fb,f,10,xs[0],xs[1],y,lab[i],v[i]);y+=6.2;}distract("appointment date",when);distract("appointment time",v[1]);
  y+=6;para(f,10,20,RM-20,&y,5.2,"Please arrive 15 minutes before your appointment time and bring a list of your current medicines. If you cannot attend, please telephone the booking office so the appointment can be offered to another patient.");
  y+=3;para(f,10,20,RM-20,&y,5.2,"Patients who do not attend without informing us may be discharged back to the care of their GP.");y+=8;T(f,10,20,y,"Yours sincerely");y+=6;T(f,10,20,y,"Outpatient Booking Office");
  T(f,7,20,D->ph-16,"Parking is limited; please allow extra time. Hospital transport must be booked at least 48 hours in advance on 01632 960000.");T(f,7,20,D->ph-12,"This letter is available in large print and other languages on request.");pg_end();}
static void k_cont(Font *f,Font *fb,Font *hf,int nk,int dk,int pages){Pat *p=&C.p;char t[300];double y;
  for(int pg=0;pg<pages;pg++){pg_begin();T(fb,12,20,15,"CONTINUATION SHEET");TR(f,8.5,RM,15,C.h.hosp);box(18,19,RM-16,17,0.3);
    double xs[4]={20,33,112,132};{Font *fs[4]={fb,f,fb,f};double ps[4]={9,9,9,9};const char *ss[4]={"Name",p->full,"NHS No",nhsf(nk)};Tsegs(25,4,fs,ps,xs,ss);}
    {Font *fs[4]={fb,f,fb,f};double ps[4]={9,9,9,9};const char *ss[4]={"DOB",dobf(dk),"Hosp No",p->hosp};Tsegs(32,4,fs,ps,xs,ss);}
    if(pg==0){snprintf(t,300,"NHS No %s",nhsf(nk));mark_nhs(t);snprintf(t,300,"DOB %s",dobf(dk));mark_dob(t);distract("hospital number",p->hosp);}
    for(double ly=46;ly<D->ph-15;ly+=8.5)f_line(&D->ink,MMX(18),MMX(ly+1.5),MMX(RM+2),MMX(ly+1.5),MMX(0.15),0.5f);rule(38,40,38,D->ph-14,0.2);
    y=46;static const char *E[]={"Seen in clinic with daughter.","Knee pain worse, now using a stick outdoors.","O/E effusion R knee, ROM 10-95 deg.","Plan: listed for R TKR, pre-op assessment","to be booked. Consent discussed.","Reviewed post op day 2 - mobilising with frame.","Wound clean and dry. Obs stable.","Pain controlled on regular paracetamol.","For discharge home tomorrow if PT happy.","Phoned daughter to update - all agree."};
    for(int i=0;i<(pg?4:10)&&y<D->ph-20;i++){if(i%4==0){snprintf(t,300,"%s",datef(C.ly,C.lm,(C.ld+i+pg*9)%28+1,6));T(hf,12,20,y,t);distract("entry date",t);y+=8.5;}T(hf,12,40,y,E[(i+pg*3)%10]);y+=8.5;}
    T(hf,12,40,y,pg?"JP / physio":"Dr K. Marsh ST4");pg_end();}}
