/* data.c - fictional people, places, clinical scenarios */
#define FONT(id,nm,pth,h,mo,dt,hd) static Font id={nm,pth,h,mo,dt,hd,0,0,0}
#define OT "/usr/share/fonts/opentype/"
#define TT "/usr/share/fonts/truetype/"
FONT(F_inter,"Inter Regular (hinted)",OT"inter/Inter-Regular.otf",1,0,0,0);
FONT(F_interB,"Inter Bold (hinted)",OT"inter/Inter-Bold.otf",1,0,0,0);
FONT(F_interI,"Inter Italic (unhinted)",OT"inter/Inter-Italic.otf",0,0,0,0);
FONT(F_interL,"Inter Light (unhinted)",OT"inter/Inter-Light.otf",0,0,0,0);
FONT(F_interMono,"Inter Regular (hinted, FT_RENDER_MODE_MONO)",OT"inter/Inter-Regular.otf",1,1,0,0);
FONT(F_interMonoB,"Inter Bold (hinted, FT_RENDER_MODE_MONO)",OT"inter/Inter-Bold.otf",1,1,0,0);
FONT(F_voll,"Vollkorn Regular (hinted)",TT"vollkorn/Vollkorn-Regular.ttf",1,0,0,0);
FONT(F_vollB,"Vollkorn Bold (hinted)",TT"vollkorn/Vollkorn-Bold.ttf",1,0,0,0);
FONT(F_vollI,"Vollkorn Italic (unhinted)",TT"vollkorn/Vollkorn-Italic.ttf",0,0,0,0);
FONT(F_vollMono,"Vollkorn Regular (hinted, FT_RENDER_MODE_MONO)",TT"vollkorn/Vollkorn-Regular.ttf",1,1,0,0);
FONT(F_vollMonoB,"Vollkorn Bold (hinted, FT_RENDER_MODE_MONO)",TT"vollkorn/Vollkorn-Bold.ttf",1,1,0,0);
FONT(F_cardo,"Cardo (unhinted)",TT"cardo/Cardo104s.ttf",0,0,0,0);
FONT(F_cardoB,"Cardo Bold (unhinted)",TT"cardo/Cardob101.ttf",0,0,0,0);
FONT(F_fan,"Fanwood Text (unhinted, thin serif)",TT"fanwood/FanwoodText.otf",0,0,0,0);
FONT(F_fanI,"Fanwood Text Italic (unhinted)",TT"fanwood/FanwoodText-Italic.otf",0,0,0,0);
FONT(F_goudy,"Goudy Bookletter 1911 (unhinted)",OT"sortsmill/GoudyBookletter1911.otf",0,0,0,0);
FONT(F_dosis,"Dosis Book (unhinted)",OT"dosis/Dosis-Book.otf",0,0,0,0);
FONT(F_dosisB,"Dosis Bold (unhinted)",OT"dosis/Dosis-Bold.otf",0,0,0,0);
FONT(F_dosisL,"Dosis ExtraLight (unhinted)",OT"dosis/Dosis-ExtraLight.otf",0,0,0,0);
FONT(F_dosisMono,"Dosis Medium (hinted, FT_RENDER_MODE_MONO)",OT"dosis/Dosis-Medium.otf",1,1,0,0);
FONT(F_quick,"Quicksand Regular (hinted)",TT"quicksand/Quicksand-Regular.ttf",1,0,0,0);
FONT(F_quickB,"Quicksand Bold (hinted)",TT"quicksand/Quicksand-Bold.ttf",1,0,0,0);
FONT(F_comf,"Comfortaa Bold (hinted)",TT"comfortaa/Comfortaa-Bold.ttf",1,0,0,0);
FONT(F_3270,"IBM 3270 Semi-Condensed (hinted)",TT"3270/3270SemiCondensed-Regular.ttf",1,0,0,0);
FONT(F_type,"IBM 3270 Regular (typewriter strike jitter)",TT"3270/3270-Regular.ttf",0,0,0,2);
FONT(F_dot,"Terminus bitmap strike drawn as dot-matrix dots",OT"terminus/terminus-normal.otb",0,0,1,0);
FONT(F_dotB,"Terminus Bold bitmap strike drawn as dot-matrix dots",OT"terminus/terminus-bold.otb",0,0,1,0);
static Font F_hand1={"Ecolier Court (per-glyph jitter)",TT"ecolier-court/Ecolier-court.ttf",0,0,0,1,0,0,0};
static Font F_hand2={"TomsonTalks (per-glyph jitter)",TT"tomsontalks/TomsonTalks.ttf",0,0,0,1,0,0,0};
static Font F_hand3={"Lobster (per-glyph jitter)",OT"lobster/lobster.otf",0,0,0,1,0,0,0};
static Font F_stamp={"Dosis Bold (stamp)",OT"dosis/Dosis-Bold.otf",0,0,0,0,0,0,0};
static Font F_stampB={"Inter ExtraBold (stamp)",OT"inter/Inter-ExtraBold.otf",0,0,0,0,0,0,0};
static Font F_bleed={"Vollkorn Regular (bleed-through)",TT"vollkorn/Vollkorn-Regular.ttf",0,0,0,0,0,0,0};

static const char *FIRST_M[]={"Arthur","Derek","Keith","Ronald","Graham","Trevor","Colin","Malcolm","Stuart","Barry","Neville","Clive","Owain","Rhys","Declan","Imran","Tariq","Samuel","Callum","Oliver","Hamish","Desmond","Winston","Piotr"};
static const char *FIRST_F[]={"Margaret","Brenda","Pauline","Gillian","Doreen","Sheila","Janet","Yvonne","Bethan","Siobhan","Nasreen","Priya","Agnieszka","Chloe","Megan","Hazel","Rosalind","Edith","Lorna","Fiona","Maureen","Aisha","Gwen","Irene"};
static const char *LAST[]={"Ashworth","Pendlebury","Ollerenshaw","Threlfall","Hargreaves","Cartwright","Fairbairn","Whitlock","Blenkinsop","Mottram","Ainsworth","Greenhalgh","Duckworth","Postlethwaite","Rowbotham","Openshaw","Kaur","Okonkwo","Nowak","Fitzgerald","MacAulay","Penhaligon","Trevelyan","Abernethy","Sowerby","Haworth","Entwistle","Crowther","Lumb","Sutcliffe"};
static const char *STREET[]={"Mill Lane","Quarry Road","Beck Side","Chapel Street","Orchard Close","Moorfield Avenue","Tanner's Row","Rookery Way","Wharf Street","Heathcote Drive","Sycamore Grove","Kiln Hill","Foundry Lane","Lark Rise","Nettlebed Road"};
static const char *TOWN[]={"Norbridge","Westmarsh","Kettleby","Hallam Cross","Ashbourne Vale","Lower Dunmoor","Stavely Bridge","Cresswick"};
static const char *PRAC[]={"Elmfield Surgery","Riverside Medical Practice","The Beck Health Centre","Moorview Family Practice","Kettleby Road Surgery","Stavely Bridge Medical Centre","Orchard House Surgery","Castlegate Group Practice","Dunmoor Valley Practice","Wharfside Medical Group"};
static const char *GPN[]={"Dr A. Okafor","Dr H. Lindqvist","Dr R. Penrose","Dr S. Chaudhry","Dr M. Featherstone","Dr J. Ellery","Dr C. Bannister","Dr P. Ogunleye","Dr T. Wainwright","Dr E. Mistry","Dr L. Harcourt","Dr N. Quayle"};
static const char *CONS[]={"Mr D. Ravensworth","Dr F. Aldous","Mrs K. Sandhu","Dr G. Whitcombe","Mr P. Lanyon","Dr B. Oyelaran","Prof M. Castellan","Dr W. Pryce"};
static const char *HOSP[]={"Norbridge General Hospital","St Aldhelm's Hospital","Westmarsh Community Hospital","Kettleby Royal Infirmary"};
static const char *TRUST[]={"Norbridge and Westmarsh Hospitals NHS Foundation Trust","Kettleby and District NHS Trust"};
static const char *MONL[]={"January","February","March","April","May","June","July","August","September","October","November","December"};
static const char *MONS[]={"Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"};
typedef struct { const char *spec,*reason,*hist[3],*exam,*plan,*meds[5],*pmh[4],*urg; } Scen;
static const Scen SCEN[]={
 {"Cardiology","Exertional chest tightness",{"He describes a three month history of central chest tightness on walking uphill, settling within five minutes of rest.","There is no pain at rest and no syncope. He stopped smoking eight years ago and his father had a myocardial infarction at 58.","An ECG in the surgery showed sinus rhythm with no acute changes."},"BP 148/86, pulse 78 regular, heart sounds normal, chest clear, no ankle oedema.","I would be grateful for your assessment and consideration of further investigation for stable angina.",{"Amlodipine 5mg once daily","Atorvastatin 20mg at night","Aspirin 75mg once daily","GTN spray 400mcg as required",0},{"Hypertension (2014)","Hypercholesterolaemia","Ex-smoker",0},"Routine"},
 {"Colorectal Surgery","Change in bowel habit and iron deficiency anaemia",{"She reports a change in bowel habit to looser stools for the past seven weeks with occasional dark blood mixed in.","She has lost around 4 kg without trying. Recent bloods show Hb 98 g/L with a ferritin of 9 ug/L.","A FIT result of 142 ug Hb/g was returned last week."},"Abdomen soft, mild left iliac fossa tenderness, no masses. PR examination declined.","I am referring her under the suspected lower GI cancer pathway and would be grateful for urgent investigation.",{"Ferrous fumarate 322mg twice daily","Omeprazole 20mg once daily","Levothyroxine 75mcg once daily",0,0},{"Hypothyroidism","Cholecystectomy (2009)",0,0},"Urgent - suspected cancer"},
 {"Dermatology","Changing pigmented lesion on the back",{"His wife noticed a mole on his upper back that has darkened and grown over the last four months.","It occasionally itches but has not bled. He had significant sun exposure working outdoors for thirty years."},"8 mm asymmetrical lesion with irregular border and two shades of brown, left scapular region. No palpable nodes.","Seven point checklist score 5. Dermoscopy image attached to the referral.",{"Ramipril 5mg once daily","Metformin 500mg twice daily",0,0,0},{"Type 2 diabetes","Hypertension",0,0},"Urgent - suspected cancer"},
 {"Trauma and Orthopaedics","Right knee osteoarthritis",{"She has had worsening right knee pain for two years, now limiting her walking to around 200 yards.","She has completed a course of physiotherapy and uses regular analgesia with limited benefit.","X-ray in March showed severe medial compartment narrowing with osteophytes."},"Varus deformity, small effusion, fixed flexion of 10 degrees, crepitus throughout range.","She would like to discuss surgical options including knee replacement.",{"Paracetamol 1g four times daily","Naproxen 500mg twice daily","Lansoprazole 15mg once daily","Codeine 30mg as required",0},{"Obesity (BMI 33)","Osteoarthritis both knees","Asthma",0},"Routine"},
 {"Rheumatology","Possible inflammatory arthritis",{"He presents with eight weeks of painful swollen hands with early morning stiffness lasting two hours.","CRP was 34 mg/L and rheumatoid factor is positive. Anti-CCP is awaited."},"Synovitis of the 2nd and 3rd MCP joints bilaterally and left wrist.","I have started a short course of prednisolone and would appreciate early review in the inflammatory arthritis clinic.",{"Prednisolone 10mg once daily (reducing)","Co-codamol 8/500 as required",0,0,0},{"Gout (2016)","Psoriasis",0,0},"Soon"},
 {"ENT","Unilateral hearing loss and tinnitus",{"She has noticed reduced hearing in the left ear over six months with constant high pitched tinnitus.","There is no otalgia or discharge. Audiometry at the practice suggests an asymmetrical sensorineural loss."},"Both ear canals and tympanic membranes look normal. Rinne positive bilaterally, Weber lateralises to the right.","I would be grateful for assessment and consideration of MRI of the internal auditory meati.",{"Sertraline 50mg once daily","Cetirizine 10mg once daily",0,0,0},{"Anxiety","Migraine",0,0},"Routine"},
 {"Respiratory Medicine","Persistent cough and weight loss",{"He has a persistent dry cough for ten weeks which has not responded to a course of antibiotics.","He has lost 6 kg and reports night sweats. He is a current smoker of 30 pack years.","Chest X-ray on the 2nd showed a right hilar prominence."},"Scattered wheeze, finger clubbing present, SpO2 95% on air.","Please see urgently under the suspected lung cancer pathway.",{"Salbutamol 100mcg inhaler as required","Tiotropium 2.5mcg two puffs daily",0,0,0},{"COPD","Peptic ulcer (2002)",0,0},"Urgent - suspected cancer"},
 {"Urology","Raised PSA",{"A PSA of 9.6 ng/mL was found on routine bloods; a repeat three weeks later was 10.2 ng/mL.","He has mild nocturia twice a night but no haematuria or bone pain."},"DRE: moderately enlarged prostate, smooth, no discrete nodules.","I would be grateful for assessment and consideration of MRI and biopsy.",{"Tamsulosin 400mcg once daily","Simvastatin 40mg at night",0,0,0},{"BPH","Hypercholesterolaemia",0,0},"Urgent - suspected cancer"},
 {"Neurology","Recurrent headaches",{"She describes daily headaches for three months, worse on waking and on bending forward.","There has been one episode of transient visual obscuration. Optician noted possible swollen discs."},"Neurological examination is otherwise normal. BMI 36.","Please could you see her with some urgency; I have discussed her with the on-call team who advised referral.",{"Microgynon 30 one daily","Propranolol 40mg twice daily",0,0,0},{"Polycystic ovary syndrome",0,0,0},"Urgent"},
 {"Gynaecology","Postmenopausal bleeding",{"She has had two episodes of vaginal bleeding in the last month; her last period was eleven years ago.","She is not on HRT. Smear history is up to date and normal."},"Abdomen soft, non-tender. Speculum: cervix looks healthy, small amount of old blood in the vault.","Referred under the suspected gynaecological cancer pathway for ultrasound and hysteroscopy.",{"Bendroflumethiazide 2.5mg once daily","Alendronic acid 70mg weekly","Adcal-D3 two tablets daily",0,0},{"Osteoporosis","Hypertension",0,0},"Urgent - suspected cancer"},
 {"Endocrinology","Thyroid nodule",{"He noticed a painless lump in the front of his neck two months ago which has not changed in size.","TSH is 1.9 mU/L. There is no hoarseness, dysphagia or family history of thyroid cancer."},"2 cm firm nodule in the right lobe of the thyroid, moves on swallowing, no lymphadenopathy.","I would be grateful for ultrasound assessment and advice on further management.",{"Nil regular",0,0,0,0},{"Appendicectomy (1988)",0,0,0},"Routine"},
};
static const char SCEN_SEX[]="MFMFMFMMFFM";
#define PICKC(r,s) ((s)[rint_(r,0,(int)strlen(s)-1)])
#define NSCEN ((int)(sizeof SCEN/sizeof SCEN[0]))
typedef struct { char title[8],first[24],last[24],full[64],sex; int dy,dm,dd,age; char nhs[11],hosp[16],a1[48],a2[40],town[24],pc[10],tel[20],mob[20]; } Pat;
typedef struct { char prac[48],a1[48],town[24],pc[10],tel[20],fax[20],ods[8],gp[40],gp2[40]; } GPr;
typedef struct { char cons[40],hosp[60],trust[64],dept[60],a1[48],town[24],pc[10],tel[20]; } Hos;
typedef struct { Pat p; GPr g; Hos h; const Scen *sc; int ly,lm,ld; char ubrn[20]; } Ctx;
static Ctx C;
static void pc_make(RNG *r,char *o){static const char L[]="ABDEFGHJLNPQRSTUWXYZ";snprintf(o,10,"ZX%d %d%c%c",rint_(r,1,19),rint_(r,1,9),L[rint_(r,0,19)],L[rint_(r,0,19)]);}
static void tel_make(RNG *r,char *o){snprintf(o,20,"01632 960%03d",rint_(r,0,999));}
static void nhs_make(RNG *r,char *o){for(;;){int dg[10]={9,9,9};for(int i=3;i<9;i++)dg[i]=rint_(r,0,9);int s=0;for(int i=0;i<9;i++)s+=dg[i]*(10-i);int c=11-s%11;if(c==11)c=0;if(c==10)continue;dg[9]=c;for(int i=0;i<10;i++)o[i]='0'+dg[i];o[10]=0;return;}}
static void ctx_make(RNG *r,int scen){Pat *p=&C.p;runi(r);p->sex=SCEN_SEX[scen%NSCEN];snprintf(p->first,24,"%s",p->sex=='M'?PICK(r,FIRST_M):PICK(r,FIRST_F));snprintf(p->last,24,"%s",PICK(r,LAST));
  static const char *TM[]={"Mr","Mr"},*TF[]={"Mrs","Ms","Miss"};snprintf(p->title,8,"%s",p->sex=='M'?PICK(r,TM):PICK(r,TF));snprintf(p->full,64,"%s %s %s",p->title,p->first,p->last);
  p->dy=rint_(r,1931,2004);p->dm=rint_(r,1,12);p->dd=rint_(r,1,28);nhs_make(r,p->nhs);snprintf(p->hosp,16,"%c%06d",PICKC(r,"KNRW"),rint_(r,100000,999999));
  snprintf(p->a1,48,"%d %s",rint_(r,2,188),PICK(r,STREET));snprintf(p->town,24,"%s",PICK(r,TOWN));snprintf(p->a2,40,"%s",runi(r)<0.5?"Upper Kettleby":"Westmarsh Green");pc_make(r,p->pc);tel_make(r,p->tel);snprintf(p->mob,20,"07700 900%03d",rint_(r,0,999));
  GPr *g=&C.g;snprintf(g->prac,48,"%s",PICK(r,PRAC));snprintf(g->a1,48,"%d %s",rint_(r,1,60),PICK(r,STREET));snprintf(g->town,24,"%s",PICK(r,TOWN));pc_make(r,g->pc);tel_make(r,g->tel);tel_make(r,g->fax);snprintf(g->ods,8,"Y%05d",rint_(r,10000,99999));
  snprintf(g->gp,40,"%s",PICK(r,GPN));snprintf(g->gp2,40,"%s",PICK(r,GPN));
  Hos *h=&C.h;snprintf(h->cons,40,"%s",PICK(r,CONS));snprintf(h->hosp,60,"%s",PICK(r,HOSP));snprintf(h->trust,64,"%s",PICK(r,TRUST));snprintf(h->a1,48,"%s",runi(r)<0.5?"Infirmary Road":"Dunmoor Lane");snprintf(h->town,24,"%s",PICK(r,TOWN));pc_make(r,h->pc);tel_make(r,h->tel);
  C.sc=&SCEN[scen%NSCEN];snprintf(h->dept,60,"Department of %s",C.sc->spec);
  C.ly=rint_(r,2021,2024);C.lm=rint_(r,1,12);C.ld=rint_(r,1,28);p->age=C.ly-p->dy-((C.lm<p->dm||(C.lm==p->dm&&C.ld<p->dd))?1:0);
  snprintf(C.ubrn,20,"%04d %04d %04d",rint_(r,0,9999),rint_(r,0,9999),rint_(r,0,9999));}
/* formatting */
static char FB[16][80];static int FBi;static char *fb(void){FBi=(FBi+1)%16;return FB[FBi];}
static const char *nhsf(int k){char *o=fb();const char *n=C.p.nhs;if(k==0)snprintf(o,80,"%.3s %.3s %.4s",n,n+3,n+6);else if(k==1)snprintf(o,80,"%s",n);else if(k==2)snprintf(o,80,"%.3s-%.3s-%.4s",n,n+3,n+6);else snprintf(o,80,"%.3s %.3s %.4s",n,n+3,n+6);return o;}
static const char *datef(int y,int m,int d,int k){char *o=fb();switch(k){case 0:snprintf(o,80,"%02d/%02d/%04d",d,m,y);break;case 1:snprintf(o,80,"%d %s %d",d,MONL[m-1],y);break;case 2:snprintf(o,80,"%02d.%02d.%02d",d,m,y%100);break;
  case 3:snprintf(o,80,"%02d-%s-%04d",d,MONS[m-1],y);break;case 4:snprintf(o,80,"%02d %s %d",d,MONS[m-1],y);break;case 5:snprintf(o,80,"%04d-%02d-%02d",y,m,d);break;default:snprintf(o,80,"%02d/%02d/%02d",d,m,y%100);}return o;}
static const char *dobf(int k){return datef(C.p.dy,C.p.dm,C.p.dd,k);}
static const char *ldate(int k){return datef(C.ly,C.lm,C.ld,k);}
static void collapse(char *o,int n,const char *s){int j=0,sp=1;for(;*s&&j<n-1;s++){if(*s==' '){if(!sp)o[j++]=' ';sp=1;}else{o[j++]=*s;sp=0;}}while(j&&o[j-1]==' ')j--;o[j]=0;}
static void mark_nhs(const char *printed){if(!D->nhs_pr[0])collapse(D->nhs_pr,sizeof D->nhs_pr,printed);}
static void mark_dob(const char *printed){if(!D->dob_pr[0])collapse(D->dob_pr,sizeof D->dob_pr,printed);}
/* print "Label value" and record the printed forms */
static void LVnhs(Font *fl,Font *fv,double pt,double x,double xv,double y,const char *lab,int k){const char *v=nhsf(k);LV(fl,fv,pt,x,xv,y,lab,v);char t[80];snprintf(t,80,"%s %s",lab,v);mark_nhs(t);}
static void LVdob(Font *fl,Font *fv,double pt,double x,double xv,double y,const char *lab,int k){const char *v=dobf(k);LV(fl,fv,pt,x,xv,y,lab,v);char t[80];snprintf(t,80,"%s %s",lab,v);mark_dob(t);}
