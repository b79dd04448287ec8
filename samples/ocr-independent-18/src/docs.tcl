# docs.tcl -- the 46 documents of set ocr18: layout kind, fonts, identifier
# formats, output format and the scan conditions of every page.
#
# page keys: dpi mode(grey|colour|bilevel|fax|faxdbl) q(jpeg quality) enc(pdf page
# encoding: jpeg|flate|ccitt) skew(deg, +clockwise) rot(0/90/180/270 clockwise)
# diff(clean|moderate|hard) ops(raster effects, see degrade.m) marks(overlays) back(1 = print on reverse)

set DOCS {}
proc doc {id type kind args} {
    set d [dict create id $id type $type kind $kind sizes A4 hdr practice reblock a \
        nhs spaced dob dmy_slash date dmy_long footer {} scen {} era 2015 fmt {jpeg} extra {}]
    foreach {k v} $args { dict set d $k $v }
    lappend ::DOCS $d
}
# effect presets
set SCAN_CLEAN {{light 0.03 30} {blur 0.45} {noise 0.006}}
set SCAN_MOD   {{light 0.07 120} {blur 0.6} {noise 0.018}}
set SCAN_HARD  {{light 0.12 200} {blur 0.9} {noise 0.035}}

set CRIT(skin) {{Suspected melanoma: weighted 7-point checklist score of 3 or more} {Pigmented lesion with dermoscopy suggestive of melanoma} {Suspected squamous cell carcinoma: non-healing keratinising or crusted lesion} {Suspected Merkel cell carcinoma} {Other - please give details below}}
set CRIT(bowel) {{Aged 40 and over with unexplained weight loss and abdominal pain} {Aged 50 and over with unexplained rectal bleeding} {Aged 60 and over with iron deficiency anaemia or change in bowel habit} {FIT result of 10 micrograms Hb/g or more} {Rectal or abdominal mass}}
set CRIT(breast) {{Aged 30 and over with an unexplained breast lump with or without pain} {Aged 50 and over with nipple discharge, retraction or other changes of concern} {Skin changes suggestive of breast cancer} {Unexplained lump in the axilla, aged 30 and over}}
set CRIT(chest) {{Chest pain typical of stable angina} {Atypical chest pain with two or more cardiovascular risk factors} {Known coronary disease with a change in symptoms} {Abnormal resting ECG}}
set CRIT(dysphagia) {{Dysphagia at any age} {Aged 55 and over with weight loss and upper abdominal pain, reflux or dyspepsia} {Upper abdominal mass} {Haematemesis}}

set F_SANS {Allerta Jura Play {M PLUS 2} {BIZ UDPGothic} Caliban Dustismo}

# ------------------------------------------------------------------ referral letters
doc 01 referral_letter ers scen bowel era 2021 nhs spaced dob dmy_slash date dmy_long fmt {pdf} \
  fonts {body {Allerta 9.5} head {{League Spartan} 11.5 bold} small {Allerta 7}} \
  pages [list \
    [list dpi 300 mode grey enc jpeg q 72 skew 0.6 diff moderate ops [concat {{paper 0.98 0.98 0.96 0.01}} $SCAN_MOD] marks {stamp_recv {hl NHS*}}] \
    [list dpi 300 mode grey enc jpeg q 72 skew -0.3 diff clean ops $SCAN_CLEAN marks {}]]

doc 02 referral_letter tickbox scen skin era 2017 nhs plain dob dmy_slash date dmy_slash fmt {tiff g4 II} \
  formtitle {SUSPECTED SKIN CANCER - TWO WEEK WAIT REFERRAL} criteria $CRIT(skin) \
  fonts {body {Jura 9.5} head {{League Spartan} 11.5 bold} small {Jura 7}} \
  pages [list \
    [list dpi 300 mode bilevel thresh 0.58 skew 1.2 diff moderate ops [concat {{speckle 0.00004}} $SCAN_MOD] marks {{stamp 2WW 160 40 #b00000}}] \
    [list dpi 300 mode bilevel thresh 0.55 skew -0.7 diff moderate ops [concat {{photocopy 1}} $SCAN_MOD] marks {}]]

doc 03 referral_letter dictated scen chest era 2012 nhs spaced dob dmy_long date dmy_long reblock b fmt {jpeg} \
  footer {{Partners: see practice leaflet. Registered with the Care Quality Commission.}} \
  fonts {body {{Century Catalogue} 11} head {{Century Catalogue} 15 bold} small {{Century Catalogue} 7.5}} \
  pages [list [list dpi 300 mode colour q 82 skew 0.25 diff clean ops [concat {{paper 0.99 0.985 0.97 0.004}} $SCAN_CLEAN] marks {}]]

doc 04 referral_letter soap scen headache era 2010 nhs spaced dob dmy_slash date dmy_slash fmt {png} \
  footer {{This document was produced from the practice clinical system and is confidential.}} \
  fonts {body {{M PLUS 2} 9.5} head {{M PLUS 2} 12 bold} small {{M PLUS 2} 7}} \
  pages [list [list dpi 300 mode grey skew -1.1 diff moderate ops [concat {{coffee 150 215 26 0.55}} $SCAN_MOD] marks {{hw "Routine - neuro OPA" 110 58 -4} stamp_recv}]]

doc 05 referral_letter emis scen diabetes era 2018 nhs spaced dob dmy_slash date dmy_slash fmt {pdf} \
  fonts {body {Play 9.3} head {Play 10.5 bold} small {Play 7}} \
  pages [list \
    [list dpi 300 mode colour enc jpeg q 60 skew -0.8 diff moderate ops $SCAN_MOD marks {{hl {Date of Birth}} {hl {NHS Number}} stamp_recv}] \
    [list dpi 300 mode colour enc jpeg q 60 skew 0.4 rot 180 diff moderate ops $SCAN_MOD marks {{hw "Seen KH" 150 260 -6}}]]

doc 06 referral_letter systmone scen copd era 2014 nhs spaced dob dmy_slash date dmy_short fmt {tiff lzw MM} \
  fonts {body {{BIZ UDPGothic} 9} head {{BIZ UDPGothic} 11 bold} small {{BIZ UDPGothic} 7}} \
  pages [list \
    [list dpi 150 mode grey skew 0.9 diff moderate ops [concat {{paper 0.96 0.96 0.95 0.01}} $SCAN_MOD] marks {stamp_recv}] \
    [list dpi 150 mode grey skew -0.5 diff moderate ops $SCAN_MOD marks {}]]

doc 07 referral_letter vision scen ent era 2006 nhs plain dob dmy_dot2 date dmy_dot4 fmt {jpeg} \
  footer {{Printed by Vision}} \
  fonts {body {{M PLUS 1 Code} 9} head {{M PLUS 1 Code} 10 bold} small {{M PLUS 1 Code} 7}} \
  pages [list [list dpi 200 mode grey q 46 skew 1.7 diff hard ops [concat {{photocopy 2} {streaks 2 0.5} {speckle 0.0004}} $SCAN_HARD] marks {stamp_recv {hw "? MRI IAMs first" 120 100 -8}}]]

doc 08 referral_letter terse scen carpal era 1998 sizes A5 nhs spaced dob dmy_slash2 date dmy_slash2 fmt {png} \
  fonts {body {monofur 11} head {monofur 12 bold} small {monofur 8}} \
  pages [list [list dpi 300 mode grey skew 2.2 diff moderate ops [concat {{paper 0.97 0.96 0.92 0.012} {edgeshadow l 6 0.5}} $SCAN_MOD] marks {{hw "hand clinic" 90 25 -10}}]]

doc 09 referral_letter twopage_header scen knee era 2009 nhs spaced dob dmy_slash date dmy_long fmt {pdf} \
  fonts {body {{GFS Artemisia} 10.5} head {{Yanone Kaffeesatz} 15} small {{GFS Artemisia} 7.5}} \
  pages [list \
    [list dpi 300 mode colour enc jpeg q 75 skew 0.5 diff moderate ops [concat {{halftone 85}} $SCAN_MOD] marks {stamp_recv}] \
    [list dpi 300 mode colour enc jpeg q 75 skew 0.3 diff clean ops $SCAN_CLEAN marks {}]]

doc 10 referral_letter demobox scen af era 2016 nhs spaced dob dmy_slash date dmy_long fmt {tiff g4 MM} \
  footer {{Caldicott guardian: practice manager. Please quote the NHS number in all correspondence.}} \
  fonts {body {Caliban 9.5} head {Caliban 13 bold} small {Caliban 7}} \
  pages [list [list dpi 300 mode bilevel thresh 0.55 skew 0.9 diff moderate ops [concat {{punch 2 0.15}} $SCAN_MOD] marks {}]]

doc 11 referral_letter fax scen dysphagia era 2004 nhs spaced dob dmy_dash_mon date dmy_slash fmt {tiff g3 II} \
  fonts {body {{Dustismo Roman} 10} head {Dustismo 13 bold} small {{Dustismo Roman} 7.5}} \
  pages [list \
    [list dpi 200 mode fax skew 0.8 diff moderate ops [concat {{faxband 0.5}} $SCAN_MOD] marks {} faxhdr 1] \
    [list dpi 200 mode fax skew -1.4 diff hard ops [concat {{photocopy 1} {faxband 1.0}} $SCAN_HARD] marks {} faxhdr 1]]

doc 12 referral_letter typewriter scen breast era 1989 nhs spaced dob dmy_long date dmy_long fmt {jpeg} \
  fonts {head {Caslon 16} small {Caslon 8} type {GWMonospace 10.5} body {GWMonospace 10.5}} \
  pages [list [list dpi 300 mode grey q 45 skew -1.9 diff hard ops [concat {{yellow 0.6} {toner 0.35} {fold 150 0.5}} $SCAN_HARD] marks {{stamp {FILED} 150 255 #4a2a8a}} back 1]]

doc 13 referral_letter dotmatrix scen urology era 1994 nhs spaced dob dmy_dot2 date dmy_slash2 greenbar 0 fmt {tiff packbits II} \
  fonts {mono {{Spleen 12x24} 10.5} head {{Yanone Kaffeesatz} 15} small {{Yanone Kaffeesatz} 8.5} body {{Spleen 12x24} 10.5}} \
  pages [list [list dpi 200 mode bilevel thresh 0.6 skew 1.0 diff hard ops [concat {{dotmatrix 0.212 0.353} {ribbon 0.45}} $SCAN_HARD] marks {stamp_recv}]]

doc 14 referral_letter complislip scen memory era 2008 sizes {DL A4} nhs spaced dob dmy_ord date dmy_long reblock a fmt {pdf} \
  footer {{The practice is part of the Fellside Primary Care Network.}} \
  fonts {body {Prociono 10.5} head {Prociono 13 bold} small {Prociono 7.5}} \
  pages [list \
    [list dpi 300 mode colour enc jpeg q 78 skew 1.0 diff moderate ops [concat {{paper 0.99 0.97 0.9 0.008}} $SCAN_CLEAN] marks {}] \
    [list dpi 300 mode grey enc jpeg q 70 skew -0.6 diff moderate ops $SCAN_MOD marks {stamp_recv}]]

doc 15 referral_letter dictated scen dysphagia era 2002 hdr practice nhs spaced dob dmy_slash date dmy_long reblock a fmt {tiff deflate MM} \
  footer {{Senior Partner: see letterhead. Practice code shown on all correspondence.}} extra {pad 1} \
  fonts {body {ElstobD 11} head {ElstobD 15 bold} small {ElstobD 7.5}} \
  pages [list \
    [list dpi 200 mode colour skew -0.7 diff moderate ops [concat {{paper 0.86 0.92 0.98 0.01}} $SCAN_MOD] marks {stamp_recv}] \
    [list dpi 200 mode colour skew 0.6 diff moderate ops $SCAN_MOD marks {} back 1]]

doc 16 referral_letter ers scen breast era 2019 nhs spaced dob dmy_dash_mon date dmy_short fmt {png} \
  fonts {body {Caliban 9} head {Caliban 11 bold} small {Caliban 6.8}} \
  pages [list [list dpi 300 mode colour skew 2.5 diff moderate ops $SCAN_MOD marks {{stamp {URGENT} 150 35 #c00000} {hw "Triaged 2WW - one stop" 30 275 -3}}]]

doc 17 referral_letter tickbox scen bowel era 2015 nhs spaced dob dmy_slash date dmy_slash fmt {pdf} \
  formtitle {SUSPECTED LOWER GI CANCER - URGENT REFERRAL} criteria $CRIT(bowel) \
  fonts {body {Dustismo 9.5} head {Dustismo 12 bold} small {Dustismo 7}} \
  pages [list [list dpi 300 mode bilevel enc ccitt thresh 0.56 skew -1.3 diff moderate ops [concat {{photocopy 1}} $SCAN_MOD] marks {stamp_recv}]]

doc 18 referral_letter emis scen af era 2020 nhs spaced dob dmy_slash date dmy_slash fmt {pdf} \
  fonts {body {Allerta 9} head {Allerta 10.5 bold} small {Allerta 6.8}} \
  pages [list \
    [list dpi 400 mode colour enc jpeg q 85 skew 0.2 diff clean ops $SCAN_CLEAN marks {}] \
    [list dpi 400 mode colour enc jpeg q 85 skew -0.2 diff clean ops $SCAN_CLEAN marks {}]]

doc 19 referral_letter demobox scen knee era 2013 hdr trust nhs dashed dob dmy_slash date dmy_long fmt {pdf} \
  footer {{Chair: to be confirmed. Chief Executive: to be confirmed. Please do not reply to this address.}} \
  fonts {body {{GFS Didot} 10.5} head {{GFS Didot} 11.5 bold} small {{GFS Didot} 7.5}} \
  pages [list \
    [list dpi 300 mode grey enc jpeg q 55 skew -1.0 diff moderate ops [concat {{staple 18 10}} $SCAN_MOD] marks {stamp_recv}] \
    [list dpi 300 mode grey enc jpeg q 55 skew 0.7 rot 180 diff moderate ops $SCAN_MOD marks {}]]

doc 20 referral_letter soap scen urology era 2011 nhs plain dob dmy_short date dmy_short fmt {tiff g4 II} \
  footer {{Confidential - contains patient identifiable data.}} \
  fonts {body {Jura 10} head {Jura 12 bold} small {Jura 7}} \
  pages [list [list dpi 200 mode bilevel thresh 0.57 skew 0.4 rot 90 diff moderate ops $SCAN_MOD marks {{hw "Cysto list pls" 120 40 -5}}]]

doc 21 referral_letter systmone scen headache era 2016 sizes {Letter A4} nhs spaced dob dmy_slash date dmy_short fmt {pdf} \
  fonts {body {{M PLUS 2} 9} head {{M PLUS 2} 11 bold} small {{M PLUS 2} 6.8}} \
  pages [list \
    [list dpi 300 mode grey enc jpeg q 65 skew 1.3 diff moderate ops $SCAN_MOD marks {stamp_recv}] \
    [list dpi 300 mode grey enc jpeg q 65 skew -0.4 diff clean ops $SCAN_CLEAN marks {}]]

doc 22 referral_letter terse scen skin era 2001 sizes A5 nhs plain dob dmy_slash date dmy_slash2 fmt {jpeg} \
  fonts {body {Jura 10.5} head {Jura 12} small {Jura 8}} \
  pages [list [list dpi 150 mode colour q 40 skew -2.6 diff hard ops [concat {{inkfade 0.38} {paper 0.95 0.95 0.9 0.02}} $SCAN_HARD] marks {}]]

doc 23 referral_letter dictated scen ent era 2007 nhs spaced dob dmy_slash date dmy_long reblock a fmt {png} \
  footer {{Thin serif print sample: all practice letters are proof read before signature.}} \
  fonts {body {Arapey 11} head {Arapey 16} small {Arapey 8}} \
  pages [list [list dpi 400 mode grey skew 0.15 diff clean ops $SCAN_CLEAN marks {}]]

doc 24 referral_letter fax scen chest era 2003 nhs plain dob dmy_slash date dmy_slash fmt {pdf} \
  fonts {body {Caliban 10} head {Caliban 13 bold} small {Caliban 7.5}} \
  pages [list \
    [list dpi 200 mode faxdbl enc ccitt skew 1.1 diff hard ops [concat {{faxband 1.2} {speckle 0.0003}} $SCAN_HARD] marks {} faxhdr 1] \
    [list dpi 200 mode faxdbl enc ccitt skew -0.6 diff moderate ops [concat {{faxband 0.6}} $SCAN_MOD] marks {} faxhdr 1]]

doc 25 referral_letter twopage_header scen memory era 2011 nhs spaced dob dmy_dot4 date dmy_long fmt {tiff g4 II} \
  fonts {body {{Century Catalogue} 10.5} head {{League Spartan} 13 bold} small {{Century Catalogue} 7}} \
  pages [list \
    [list dpi 300 mode bilevel thresh 0.55 skew -0.5 diff moderate ops [concat {{punch 2 0.12} {staple 16 9}} $SCAN_MOD] marks {stamp_recv}] \
    [list dpi 300 mode bilevel thresh 0.55 skew 0.8 diff moderate ops $SCAN_MOD marks {{hw "OPA booked" 140 260 -7}}]]

doc 26 referral_letter vision scen carpal era 2009 nhs plain dob dmy_dot2 date dmy_dot4 fmt {png} \
  footer {{Printed by Vision}} \
  fonts {body {{Fantasque Sans Mono} 9} head {{Fantasque Sans Mono} 10 bold} small {{Fantasque Sans Mono} 7}} \
  pages [list [list dpi 200 mode colour skew -1.5 diff moderate ops $SCAN_MOD marks {stamp_recv} back 1]]

doc 27 referral_letter ers scen copd era 2022 nhs spaced dob dmy_long date dmy_long fmt {tiff none II} \
  fonts {body {Play 9} head {Play 11 bold} small {Play 6.8}} \
  pages [list \
    [list dpi 150 mode grey skew 0.7 diff moderate ops $SCAN_MOD marks {}] \
    [list dpi 150 mode grey skew 0.2 diff moderate ops $SCAN_MOD marks {}]]

doc 28 referral_letter dictated scen bowel era 2015 hdr practice nhs spaced dob dmy_dot2 date dmy_slash reblock c fmt {jpeg} \
  footer {{Please address all correspondence to the Practice Manager.}} \
  fonts {body {Allerta 9.5} head {{Yanone Kaffeesatz} 18} small {Allerta 7}} \
  pages [list [list dpi 300 mode grey q 65 skew 0.5 rot 270 diff moderate ops $SCAN_MOD marks {stamp_recv}]]

doc 29 referral_letter tickbox scen chest era 2013 nhs spaced dob dmy_slash date dmy_slash fmt {jpeg} \
  formtitle {RAPID ACCESS CHEST PAIN CLINIC - REFERRAL FORM} criteria $CRIT(chest) \
  fonts {body {{BIZ UDPGothic} 9} head {{BIZ UDPGothic} 11 bold} small {{BIZ UDPGothic} 6.8}} \
  pages [list [list dpi 300 mode colour q 70 skew 1.6 diff hard ops [concat {{paper 0.99 0.86 0.88 0.015} {coffee 60 120 30 0.7}} $SCAN_HARD] marks {{hl {NHS Number*}} {hl {Surname*}} stamp_recv {stamp {SEEN} 100 150 #1a3a8a} {hw "Pt already on aspirin" 70 200 4}}]]

doc 30 referral_letter dictated scen af era 2019 hdr practice nhs spaced dob dmy_long date dmy_long reblock b fmt {pdf} pdfrotate 1 \
  footer {{Practice opening hours 08:00 - 18:30 Monday to Friday.}} \
  fonts {body {Caliban 9.5} head {Caliban 13 bold} small {Caliban 7}} \
  pages [list [list dpi 300 mode grey enc jpeg q 75 skew 0.3 rot 90 diff clean ops $SCAN_CLEAN marks {}]]

doc 31 referral_letter emis scen skin era 2017 nhs spaced dob dmy_slash date dmy_slash fmt {tiff lzw MM} \
  fonts {body {Jura 9.5} head {Jura 11 bold} small {Jura 7}} \
  pages [list \
    [list dpi 300 mode bilevel thresh 0.55 skew 0.6 diff moderate ops [concat {{photocopy 1}} $SCAN_MOD] marks {stamp_recv}] \
    [list dpi 300 mode bilevel thresh 0.6 skew -0.9 diff hard ops [concat {{photocopy 2} {toner 0.3} {edgeshadow r 8 0.6}} $SCAN_HARD] marks {}]]

# ------------------------------------------------------------------ clinic letters
doc 32 clinic_letter clinic scen diabetes era 2018 demo 0 nhs spaced dob dmy_slash date dmy_long fmt {pdf} \
  footer {{Northbridge Teaching Hospitals - please quote the hospital number on all correspondence.}} \
  fonts {body {Allerta 9.5} head {Allerta 11 bold} small {Allerta 6.8}} \
  pages [list \
    [list dpi 300 mode grey enc jpeg q 70 skew -0.6 diff moderate ops [concat {{halftone 75}} $SCAN_MOD] marks {stamp_recv}] \
    [list dpi 300 mode grey enc jpeg q 70 skew 0.3 diff clean ops $SCAN_CLEAN marks {}]]

doc 33 clinic_letter clinic scen breast era 2020 demo 0 nhs spaced dob dmy_long date dmy_long fmt {jpeg} \
  footer {{This letter has been sent electronically to your GP.}} \
  fonts {body {{Century Catalogue} 10} head {{Century Catalogue} 11.5 bold} small {{Century Catalogue} 7}} \
  pages [list [list dpi 300 mode colour q 75 skew 0.35 diff clean ops $SCAN_CLEAN marks {}]]

doc 34 clinic_letter clinic scen headache era 2005 demo 0 nhs spaced dob dmy_slash date dmy_slash fmt {tiff g4 II} \
  footer {{Dictated but not checked.}} \
  fonts {body {Caslon 9} head {Caslon 10.5 bold} small {Caslon 6.8}} \
  pages [list [list dpi 300 mode bilevel thresh 0.62 skew 1.8 diff hard ops [concat {{photocopy 3} {streaks 3 0.7} {toner 0.3}} $SCAN_HARD] marks {stamp_recv}]]

doc 35 clinic_letter clinic scen ent era 2016 demo 1 nhs spaced dob dmy_slash date dmy_long fmt {png} \
  footer {{Audiology and ENT share a single appointment line.}} \
  fonts {body {Play 9.5} head {Play 11 bold} small {Play 7}} \
  pages [list [list dpi 300 mode grey skew -0.9 diff moderate ops [concat {{bookfold l 22 0.5}} $SCAN_MOD] marks {{hl {Plan:}}}]]

# ------------------------------------------------------------------ discharge summaries
doc 36 discharge_summary discharge scen af era 2019 nhs spaced dob dmy_slash date dmy_slash fmt {pdf} \
  fonts {body {{M PLUS 2} 9} head {{M PLUS 2} 10.5 bold} small {{M PLUS 2} 6.8}} \
  pages [list \
    [list dpi 300 mode grey enc jpeg q 65 skew 0.6 diff moderate ops $SCAN_MOD marks {stamp_recv}] \
    [list dpi 200 mode grey enc flate skew -0.4 diff moderate ops $SCAN_MOD marks {}] \
    [list dpi 300 mode bilevel enc ccitt thresh 0.62 skew 1.4 diff hard ops [concat {{photocopy 2} {toner 0.25}} $SCAN_HARD] marks {}]]

doc 37 discharge_summary discharge scen copd era 2014 nhs spaced dob dmy_slash date dmy_slash fmt {tiff g4 MM} \
  fonts {body {Dustismo 9} head {Dustismo 10.5 bold} small {Dustismo 6.8}} \
  pages [list \
    [list dpi 300 mode bilevel thresh 0.55 skew -0.8 diff moderate ops $SCAN_MOD marks {stamp_recv}] \
    [list dpi 300 mode bilevel thresh 0.55 skew 0.5 diff moderate ops [concat {{bookfold l 25 0.6}} $SCAN_MOD] marks {}]]

doc 38 discharge_summary discharge scen bowel era 1997 nhs spaced dob dmy_dot2 date dmy_slash2 fmt {pdf} \
  fonts {body {{Glass TTY VT220} 9.5} head {{Glass TTY VT220} 10.5} small {{Glass TTY VT220} 8}} \
  pages [list \
    [list dpi 200 mode grey enc jpeg q 50 skew 1.2 diff hard ops [concat {{dotmatrix 0.212 0.353} {ribbon 0.5} {yellow 0.3}} $SCAN_HARD] marks {stamp_recv}] \
    [list dpi 200 mode grey enc jpeg q 50 skew -0.8 diff moderate ops [concat {{dotmatrix 0.212 0.353} {ribbon 0.3} {yellow 0.3}} $SCAN_MOD] marks {}]]

# ------------------------------------------------------------------ lab results
doc 39 lab_result lab scen diabetes era 1996 labstyle dot nhs plain dob dmy_slash2 date dmy_slash2 fmt {png} \
  fonts {body {{Spleen 12x24} 9} head {{Spleen 12x24} 10} small {{Spleen 12x24} 7.5}} \
  pages [list [list dpi 300 mode colour skew -0.7 diff moderate ops [concat {{dotmatrix 0.212 0.353} {ribbon 0.3}} $SCAN_MOD] marks {stamp_recv}]]

doc 40 lab_result lab scen urology era 2012 labstyle plain nhs spaced dob dmy_slash date dmy_slash fmt {tiff packbits MM} \
  fonts {body {Monoid 7.8} head {Monoid 8.5 bold} small {Monoid 6.5}} \
  pages [list [list dpi 150 mode grey skew 1.1 diff moderate ops $SCAN_MOD marks {{hw "Seen - no action" 120 230 -5}}]]

doc 41 lab_result lab scen af era 2019 labstyle plain nhs spaced dob dmy_dash_mon date dmy_slash fmt {pdf} \
  fonts {body {{M PLUS 1 Code} 9.5} head {{M PLUS 1 Code} 10 bold} small {{M PLUS 1 Code} 7}} \
  pages [list \
    [list dpi 200 mode grey enc flate skew 0.5 diff moderate ops $SCAN_MOD marks {{hl {*Ferritin*}}}] \
    [list dpi 200 mode grey enc flate skew -0.3 diff clean ops $SCAN_CLEAN marks {}]]

# ------------------------------------------------------------------ appointment letters
doc 42 appointment_letter appt scen memory era 2021 nhs spaced dob dmy_long date dmy_long fmt {jpeg} \
  footer {{Please visit the hospital website for travel information.}} \
  fonts {body {Allerta 10} head {Allerta 12 bold} small {Allerta 7}} \
  pages [list [list dpi 300 mode colour q 80 skew -0.25 diff clean ops $SCAN_CLEAN marks {}]]

doc 43 appointment_letter appt scen knee era 2017 sizes {A5 A4} nhs spaced dob dmy_slash date dmy_long fmt {pdf} \
  footer {{Outpatient Appointments Centre}} \
  fonts {body {Jura 9} head {Jura 11 bold} small {Jura 6.5}} \
  pages [list \
    [list dpi 300 mode colour enc jpeg q 80 skew 0.4 diff clean ops $SCAN_CLEAN marks {}] \
    [list dpi 300 mode grey enc jpeg q 70 skew 1.1 diff moderate ops $SCAN_MOD marks {}]]

# ------------------------------------------------------------------ continuation sheets
doc 44 continuation_sheet contsheet scen bowel era 1999 nhs spaced dob dmy_slash2 date dmy_slash2 idnhs 1 ink #1d2b6b rule 8.0 hand {{Domestic Manners} 15} fmt {jpeg} \
  fonts {body {Allerta 9} head {{League Spartan} 13 bold} small {Allerta 7} hand {{Domestic Manners} 15}} \
  pages [list [list dpi 300 mode grey q 70 skew -1.3 diff hard ops [concat {{paper 0.98 0.97 0.93 0.01}} $SCAN_MOD] marks {}]]

doc 45 continuation_sheet contsheet scen copd era 2003 nhs spaced dob dmy_slash date dmy_slash idnhs 0 ink #202020 rule 8.5 fmt {png} \
  fonts {body {Play 9} head {Play 13 bold} small {Play 7} hand {{Yusei Magic} 12.5}} \
  pages [list [list dpi 300 mode colour skew 0.9 diff moderate ops [concat {{paper 0.99 0.98 0.94 0.01}} $SCAN_MOD] marks {{stamp {FILED} 160 270 #6a1b9a}}]]

doc 46 continuation_sheet contsheet scen knee era 2008 nhs spaced dob dmy_slash date dmy_slash idnhs 1 ink #0d3b8c rule 9.0 fmt {tiff deflate MM} \
  fonts {body {Jura 9} head {Jura 13 bold} small {Jura 7} hand {osifont 15.5}} \
  pages [list \
    [list dpi 200 mode grey skew 1.5 diff hard ops [concat {{inkfade 0.55} {punch 2 0.2}} $SCAN_HARD] marks {}] \
    [list dpi 200 mode grey skew -0.6 diff moderate ops $SCAN_MOD marks {}]]
