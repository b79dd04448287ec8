# layouts.tcl -- page layouts for the document kinds. Code order == reading order:
# every GT line is numbered in the order it is laid out.

proc pagesize {s} {
    switch $s {
        A4 {return {210 297}}
        Letter {return {215.9 279.4}}
        A5 {return {148 210}}
        DL {return {210 99}}
        default {error "size $s"}
    }
}
proc dpage {} {
    global D W H
    set i [llength $D(pages)]
    set sz [lindex $D(sizes) $i]
    if {$sz eq ""} {set sz [lindex $D(sizes) end]}
    lassign [pagesize $sz] W H
    set n [newpage $W $H]
    set ::PAGE($n,size) $sz
    lappend D(pages) $n
    return $n
}
proc pageno {} { llength $::D(pages) }
# recorded identifiers
proc NHS {{style ""}} {
    if {$style eq ""} {set style $::D(nhsstyle)}
    set v [nhsfmt [dict get $::D(p) nhs] $style]
    lappend ::D(nhsp) $v
    return $v
}
proc DOB {{style ""}} {
    if {$style eq ""} {set style $::D(dobstyle)}
    set v [datestr [dict get $::D(p) dob] $style]
    lappend ::D(dobp) $v
    return $v
}
proc dist {s} { if {[lsearch -exact $::D(dist) $s] < 0} {lappend ::D(dist) $s}; return $s }
proc LD {{style ""}} { if {$style eq ""} {set style $::D(datestyle)}; dist [datestr [dict get $::D(p) ldate] $style] }
proc ODATE {days {style ""}} { if {$style eq ""} {set style $::D(datestyle)}; dist [datestr [addays [dict get $::D(p) ldate] $days] $style] }
proc S {k} { return $::D(S,$k) }
proc pp {k} { dict get $::D(p) $k }
proc sc {k} { dict get $::D(sc) $k }
proc PR {s} { pron $::D(p) $s }
proc footer_lines {lines {fk ""}} {
    global W H
    if {$fk eq ""} {set fk [S small]}
    set l [expr {[lh $fk]*1.1}]
    set y [expr {$H - 8 - $l*[llength $lines]}]
    foreach ln $lines {
        tx [expr {$W/2.0 - [mw $fk $ln]/2.0}] $y $ln $fk
        set y [expr {$y + $l}]
    }
}
proc recipient_lines {} {
    set c [lindex [mkdoctor_full] 0]
    set ::D(consultant) $c
    set h $::D(h)
    list $c "Consultant, [sc spec]" [sc clinic] [dict get $h name] [dict get $h road] "[dict get $h town] [dict get $h pc]"
}
proc body_paras {x w fk {intro 1}} {
    global Y
    set hx [sc hx]
    if {$intro} {
        para $x $w [PR "Thank you for seeing this {AGE} year old {MAN} regarding [string tolower [sc reason]]. [lindex $hx 0]"] $fk
        set hx [lrange $hx 1 end]
    }
    para $x $w [PR [join $hx " "]] $fk
    para $x $w [PR "On examination: [join [sc exam] { }]"] $fk
    para $x $w [PR "Investigations: [join [sc inv] { }]"] $fk
    para $x $w [PR [sc ask]] $fk
}
proc med_lines {} {
    set out {}
    foreach {d dose fr} [sc meds] { lappend out "$d $dose $fr" }
    return $out
}
proc practice_header_centre {{logo 1}} {
    global W Y
    set pr $::D(pr)
    set hk [S head]
    set y 12
    if {$logo} { tree_logo 20 10 16 [pick {#2f7d32 #6a1b9a #00695c #1565c0}] }
    tx [expr {$W/2.0 - [mw $hk [dict get $pr name]]/2.0}] $y [dict get $pr name] $hk
    set y [expr {$y + [lh $hk]*1.1}]
    set a "[join [dict get $pr addr] {, }]"
    set sk [S body]
    tx [expr {$W/2.0 - [mw $sk $a]/2.0}] $y $a $sk
    set y [expr {$y + [lh $sk]*1.1}]
    set t "Tel: [dist [dict get $pr phone]]   Fax: [dist [dict get $pr fax]]"
    tx [expr {$W/2.0 - [mw $sk $t]/2.0}] $y $t $sk
    set y [expr {$y + [lh $sk]*1.3}]
    L [list 20 $y [expr {$W-20}] $y] -width 0.4
    set Y [expr {$y + 4}]
}
proc trust_header_right {{dept ""}} {
    global W Y
    set h $::D(h)
    set hk [S head]; set sk [S small]
    nhs_logo [expr {$W - 20 - 24.5}] 10 10
    set y 24
    set xr [expr {$W - 20}]
    tx $xr $y [dict get $h trust] $hk -anchor ne
    set y [expr {$y + [lh $hk]*1.2}]
    if {$dept eq ""} {set dept [sc spec]}
    foreach ln [list "Department of $dept" [dict get $h name] [dict get $h road] "[dict get $h town] [dict get $h pc]" "Tel: [dist [dict get $h phone]]"] {
        tx $xr $y $ln $sk -anchor ne
        set y [expr {$y + [lh $sk]*1.12}]
    }
    set Y [expr {$y + 3}]
}
proc signoff {x {role "General Practitioner"} {name ""}} {
    global Y
    set fk [S body]
    need 30
    tx $x $Y [pick {{Yours sincerely,} {Yours sincerely} {Kind regards,} {With best wishes,}}] $fk
    set Y [expr {$Y + [lh $fk]*1.2}]
    signature [expr {$x+2}] [expr {$Y + 7}] [rf 30 45]
    ovl_text "(signature)"
    set Y [expr {$Y + 14}]
    if {$name eq ""} {set name [lindex [dict get $::D(pr) gp] 0]}
    tx $x $Y $name [fbold $fk]
    set Y [expr {$Y + [lh $fk]*1.15}]
    tx $x $Y $role $fk
    set Y [expr {$Y + [lh $fk]*1.6}]
}
proc cont_header {} {
    # simple continuation header for page 2+
    global Y W
    set fk [S small]
    dpage
    set Y 15
    row $Y [list 20 "[pname $::D(p) full]   NHS No: [NHS]" $fk] [list [expr {$W-20}] "Page [pageno]" $fk ne]
    set Y [expr {$Y + [lh $fk]*2}]
}
proc break_with_footer {args} {
    if {[info exists ::D(footer)] && $::D(footer) ne ""} { footer_lines $::D(footer) }
    cont_header
}

# ================================================================ referral kinds
proc lay_dictated {} {
    global Y W D FLOW
    dpage
    set fk [S body]
    if {$D(hdr) eq "practice"} { practice_header_centre } else { trust_header_right [pick {{General Medicine} {Medicine for Older People}}] }
    set FLOW(bottom) [expr {$::H - 22}]
    set FLOW(break) break_with_footer
    # reference and date, right aligned, above the address
    set gpn [lindex [dict get $D(pr) gp] 0]
    set ref "[string index [lindex $gpn 1] 0][string index [lindex $gpn end] 0]/[pick {JT KL SM RB}]/[ri 100 999]"
    row $Y [list 20 "Our ref: [dist $ref]" $fk] [list [expr {$W-20}] "Date: [LD]" $fk ne]
    set Y [expr {$Y + 8}]
    set Y [block 20 $Y [recipient_lines] $fk]
    set Y [expr {$Y + 6}]
    tx 20 $Y "Dear [lindex [split $D(consultant)] 0] [lindex [split $D(consultant)] end]," $fk
    set Y [expr {$Y + [lh $fk]*1.5}]
    set bk [fbold $fk]
    switch $D(reblock) {
        a {
            tx 20 $Y "Re: [pname $D(p) full], DOB [DOB]" $bk
            set Y [expr {$Y + [lh $bk]*1.15}]
            tx 20 $Y "NHS No: [NHS]   Hosp No: [dist [pp hosp]]" $bk
            set Y [expr {$Y + [lh $bk]*1.15}]
            tx 20 $Y [join [pp addr] ", "] $bk
            set Y [expr {$Y + [lh $bk]*1.6}]
        }
        b {
            tx 20 $Y "RE: [string toupper [pname $D(p) plain]]" $bk
            set Y [expr {$Y + [lh $bk]*1.15}]
            tx 20 $Y "Date of Birth: [DOB]" $bk
            set Y [expr {$Y + [lh $bk]*1.15}]
            tx 20 $Y "NHS Number: [NHS]" $bk
            set Y [expr {$Y + [lh $bk]*1.6}]
        }
        c {
            set bh [expr {[lh $bk]*1.5}]
            R 18 $Y [expr {$W-18}] [expr {$Y+$bh}] -fill #3a3a3a -outline {}
            row [expr {$Y + $bh*0.17}] [list 20 [pname $D(p) upper] $bk {} white] [list 95 "D.O.B. [DOB]" $bk {} white] [list [expr {$W-20}] "NHS No. [NHS]" $bk ne white]
            set Y [expr {$Y + $bh + 4}]
        }
    }
    body_paras 20 [expr {$W-40}] $fk
    tx 20 $Y "Current medication:" $bk
    set Y [expr {$Y + [lh $fk]*1.2}]
    foreach m [med_lines] { need [lh $fk]; tx 25 $Y $m $fk; set Y [expr {$Y + [lh $fk]*1.15}] }
    set Y [expr {$Y + 2}]
    need [lh $fk]
    tx 20 $Y "Allergies: [allergy]" $fk
    set Y [expr {$Y + [lh $fk]*2}]
    if {$D(np) > [pageno]} { more_sections 20 [expr {$W-40}] }
    signoff 20
    need 12
    tx 20 $Y "Dictated: [ODATE -2 dmy_slash]   Typed: [ODATE 0 dmy_slash]   [pick {jt sm kl ab}]" [S small]
    set Y [expr {$Y + [lh [S small]]*1.3}]
    tx 20 $Y "cc: Patient" [S small]
    footer_lines $D(footer)
}

proc lay_ers {} {
    global Y W D FLOW
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$::H - 20}]
    set FLOW(break) {ers_break}
    R 15 10 [expr {$W-15}] 22 -fill #dde6f0 -outline {}
    tx 18 12 "NHS e-Referral Service" $hk
    tx [expr {$W-18}] 13.5 "Referral Letter" $bk -anchor ne
    set Y 27
    set pairs [list "UBRN:" [dist [pp ubrn]] "Priority:" [sc urg] "Specialty:" [sc spec] "Service:" "[sc service] - [dict get $D(h) name]" "Referral date:" [LD]]
    set Y [kvblock 18 $Y 60 $pairs $bk $fk -vwidth 120]
    set Y [expr {$Y + 3}]
    L [list 15 $Y [expr {$W-15}] $Y] -width 0.3
    set Y [expr {$Y + 3}]
    tx 18 $Y "Patient details" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    set pairs [list "Name:" [pname $D(p) full] "Date of Birth:" [DOB] "NHS Number:" [NHS] "Gender:" [expr {[pp sex] eq "m" ? "Male" : "Female"}] "Address:" [join [pp addr] ", "] "Telephone:" [dist [pp phone]] "Mobile:" [dist [pp mobile]]]
    set Y [kvblock 18 $Y 60 $pairs $bk $fk -vwidth 120]
    set Y [expr {$Y + 3}]
    tx 18 $Y "Referrer" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    set pr $D(pr)
    set pairs [list "Referring clinician:" [lindex [dict get $pr gp] 0] "Organisation:" "[dict get $pr name] ([dist [dict get $pr code]])" "Telephone:" [dist [dict get $pr phone]]]
    set Y [kvblock 18 $Y 60 $pairs $bk $fk -vwidth 120]
    set Y [expr {$Y + 3}]
    L [list 15 $Y [expr {$W-15}] $Y] -width 0.3
    set Y [expr {$Y + 3}]
    tx 18 $Y "Reason for referral" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    body_paras 18 [expr {$W-36}] $fk 0
    need 12
    tx 18 $Y "Past medical history" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    foreach m [sc pmh] { need [lh $fk]; tx 22 $Y $m $fk; set Y [expr {$Y + [lh $fk]*1.15}] }
    set Y [expr {$Y + 2}]
    need 20
    tx 18 $Y "Medication" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    set rows {}
    foreach {d dose fr} [sc meds] { lappend rows [list $d $dose $fr] }
    need [expr {[lh $fk]*1.3*([llength $rows]+1)}]
    set Y [table $Y {18 78 120} $rows $fk -head {Drug Dose Frequency} -rules 1 -x0 18 -x1 [expr {$W-18}]]
    set Y [expr {$Y + 3}]
    need 8
    tx 18 $Y "Allergies: [allergy]" $fk
    set Y [expr {$Y + [lh $fk]*1.5}]
    more_sections 18 [expr {$W-36}]
    ers_footer
}
proc ers_footer {} {
    global W H D
    set sk [S small]
    row [expr {$H-12}] [list 18 "Printed from e-RS [dist [datestr [dict get $D(p) ldate] dmy_slash]] UBRN [pp ubrn]" $sk] [list [expr {$W-18}] "Page [pageno] of $D(np)" $sk ne]
}
proc ers_break {} {
    global Y W
    ers_footer
    dpage
    set Y 14
    set sk [S small]
    row $Y [list 18 "[pname $::D(p) full]" $sk] [list [expr {$W-18}] "NHS Number: [NHS]" $sk ne]
    set Y [expr {$Y + 8}]
}

proc lay_tickbox {} {
    global Y W D FLOW
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$::H - 18}]
    set FLOW(break) tick_break
    R 12 10 [expr {$W-12}] 24 -fill #222222 -outline {}
    set t $D(formtitle)
    tx [expr {$W/2.0 - [mw $hk $t]/2.0}] 12.5 $t $hk -fill white
    set Y 28
    tx 14 $Y "Please complete ALL sections and send within 24 hours of the decision to refer." $sk
    set Y [expr {$Y + 6}]
    # patient identification grid (table rows read left to right)
    set rows [list \
        [list "Surname" [pp last] "Forename" [pp first]] \
        [list "NHS Number" [NHS] "Date of birth" [DOB]] \
        [list "Hospital number" [dist [pp hosp]] "Gender" [expr {[pp sex] eq "m" ? "M" : "F"}]] \
        [list "Telephone" [dist [pp phone]] "Mobile" [dist [pp mobile]]]]
    set Y [table $Y {14 50 105 140} $rows $fk -grid 1 -x0 14 -x1 [expr {$W-14}] -lead 1.6]
    set Y [expr {$Y + 1}]
    R 14 $Y [expr {$W-14}] [expr {$Y + 12}] -width 0.25
    row [expr {$Y+1}] [list 15 "Address" $bk] [list 50 [join [pp addr] ", "] $fk]
    set Y [expr {$Y + 16}]
    tx 14 $Y "Referral criteria (tick all that apply)" $hk
    set Y [expr {$Y + [lh $hk]*1.4}]
    set crit $D(criteria)
    set ticked [lrange [shuffle [lsort -integer [lsearch -all $crit *]]] 0 [ri 1 2]]
    set i 0
    foreach c $crit {
        tickbox 15 [expr {$Y+0.5}] 3.5
        if {[lsearch $ticked $i] >= 0} { tick 15.3 [expr {$Y+0.3}] 3.4 }
        set lines [wrap $c $fk 160]
        foreach ln $lines { tx 22 $Y $ln $fk; set Y [expr {$Y + [lh $fk]*1.15}] }
        set Y [expr {$Y + 1.2}]
        incr i
    }
    set Y [expr {$Y + 2}]
    set q1 [expr {[string match *CANCER* $D(formtitle)] ? "Patient informed of suspected cancer referral:" : "Patient consents to referral:"}]
    row $Y [list 14 $q1 $fk] [list 120 "Yes" $fk] [list 140 "No" $fk]
    tickbox 115 [expr {$Y+0.5}] 3.5; tickbox 135 [expr {$Y+0.5}] 3.5; tick 115.3 [expr {$Y+0.3}] 3.4
    set Y [expr {$Y + [lh $fk]*1.3}]
    row $Y [list 14 "Patient available in the next 14 days:" $fk] [list 120 "Yes" $fk] [list 140 "No" $fk]
    tickbox 115 [expr {$Y+0.5}] 3.5; tickbox 135 [expr {$Y+0.5}] 3.5; cross 115.4 [expr {$Y+0.7}] 2.8
    set Y [expr {$Y + [lh $fk]*2}]
    tx 14 $Y "Clinical details" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    set y0 $Y
    set Y [expr {$Y + 1.5}]
    body_paras 16 [expr {$W-32}] $fk 0
    para 16 [expr {$W-32}] "Medication: [join [med_lines] {; }]" $fk
    if {$D(np) > 1} { more_sections 16 [expr {$W-32}] }
    need 40
    set Y [expr {$Y + 3}]
    tx 14 $Y "Referring GP" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    set pr $D(pr)
    set rows [list [list "GP name" [lindex [dict get $pr gp] 0] "Practice code" [dist [dict get $pr code]]] \
                   [list "Practice" [dict get $pr name] "Telephone" [dist [dict get $pr phone]]] \
                   [list "Date of referral" [LD] "Signature" ""]]
    set Y [table $Y {14 50 105 140} $rows $fk -grid 1 -x0 14 -x1 [expr {$W-14}] -lead 1.6]
    signature 145 [expr {$Y - 4}] 30
    ovl_text "(signature)"
    footer_lines [list "$D(formtitle) - version [ri 3 9].[ri 0 4]" ] $sk
}
proc tick_break {} {
    global Y W
    footer_lines [list "$::D(formtitle) - continued overleaf"] [S small]
    dpage
    set Y 14
    set sk [S small]
    row $Y [list 14 "Patient: [pname $::D(p) plain]" $sk] [list 100 "NHS Number: [NHS]" $sk] [list [expr {$W-14}] "Page [pageno]" $sk ne]
    set Y [expr {$Y + 9}]
}

proc lay_soap {} {
    global Y W D FLOW
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$::H - 15}]
    set FLOW(break) break_with_footer
    practice_header_centre 0
    tx 20 $Y "CONSULTATION NOTE AND REFERRAL" $hk
    set Y [expr {$Y + [lh $hk]*1.5}]
    set pairs [list "Patient:" [pname $D(p) full] "DOB:" [DOB] "NHS No:" [NHS] "Consultation date:" [LD] "Clinician:" [lindex [dict get $D(pr) gp] 0]]
    set Y [kvblock 20 $Y 58 $pairs $bk $fk]
    set Y [expr {$Y + 4}]
    tx 20 $Y "To: [sc clinic], [dict get $D(h) name]" $fk
    set Y [expr {$Y + [lh $fk]*1.8}]
    set hx [sc hx]
    lpara 20 12 [expr {$W-40}] "S:" [PR [join $hx " "]] $fk $bk
    lpara 20 12 [expr {$W-40}] "O:" [PR [join [concat [sc exam] [sc inv]] " "]] $fk $bk
    lpara 20 12 [expr {$W-40}] "A:" [sc reason] $fk $bk
    lpara 20 12 [expr {$W-40}] "P:" [PR "Refer to [sc clinic]. [sc ask] Safety netting advice given."] $fk $bk
    set Y [expr {$Y + 3}]
    tx 20 $Y "PMH: [join [sc pmh] {, }]" $fk
    set Y [expr {$Y + [lh $fk]*1.3}]
    tx 20 $Y "Allergies: [allergy]" $fk
    set Y [expr {$Y + [lh $fk]*2}]
    signoff 20
    footer_lines $D(footer)
}

proc emis_patbox {} {
    # two-column patient details box (left column read fully, then right)
    global Y W D
    set fk [S body]; set bk [fbold $fk]
    set y0 $Y
    set l [expr {[lh $fk]*1.25}]
    set left [list "Name" [pname $D(p) full] "Date of Birth" [DOB] "NHS Number" [NHS] "Gender" [expr {[pp sex] eq "m" ? "Male" : "Female"}]]
    set right [list "Address" [lindex [pp addr] 0] "" [join [lrange [pp addr] 1 end] ", "] "Home Tel" [dist [pp phone]] "Usual GP" [lindex [dict get $D(pr) gp] 1]]
    set y [expr {$y0 + 2}]
    foreach {k v} $left { row $y [list 18 $k $bk] [list 50 $v $fk]; set y [expr {$y + $l}] }
    set y1 $y
    set y [expr {$y0 + 2}]
    foreach {k v} $right { if {$k eq ""} {tx 135 $y $v $fk} else {row $y [list 108 $k $bk] [list 135 $v $fk]}; set y [expr {$y + $l}] }
    set y [expr {max($y,$y1) + 1}]
    R 15 $y0 [expr {$W-15}] $y -width 0.3
    set Y [expr {$y + 5}]
}
proc lay_emis {} {
    global Y W D FLOW
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$::H - 18}]
    set FLOW(break) emis_break
    set pr $D(pr)
    row 10 [list 15 [dict get $pr name] $bk] [list [expr {$W-15}] "Referral Letter" $bk ne]
    row 15 [list 15 [join [dict get $pr addr] ", "] $sk] [list [expr {$W-15}] "Tel [dist [dict get $pr phone]]" $sk ne]
    L [list 15 20 [expr {$W-15}] 20] -width 0.5
    set Y 24
    row $Y [list 15 "To: [sc clinic], [dict get $D(h) name]" $fk] [list [expr {$W-15}] "Date: [LD]" $fk ne]
    set Y [expr {$Y + [lh $fk]*1.8}]
    emis_patbox
    foreach {head body} [list "Reason for Referral" [sc reason] "History" [PR [join [sc hx] " "]] "Examination" [join [sc exam] " "] "Investigations" [join [sc inv] " "]] {
        need 15
        tx 15 $Y $head $hk
        set Y [expr {$Y + [lh $hk]*1.1}]
        L [list 15 $Y [expr {15 + [mw $hk $head]}] $Y] -width 0.25
        set Y [expr {$Y + 1.5}]
        para 15 [expr {$W-30}] $body $fk
    }
    need 15
    tx 15 $Y "Problems" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    set rows {}
    foreach m [sc pmh] { lappend rows [list [datestr [addays [dict get $D(p) ldate] -[ri 200 6000]] dmy_slash] $m Active] }
    need [expr {[lh $fk]*1.3*([llength $rows]+1)}]
    set Y [table $Y {15 45 150} $rows $fk -head {Date Problem Status} -rules 0]
    foreach r $rows { dist [lindex $r 0] }
    set Y [expr {$Y + 3}]
    need 15
    tx 15 $Y "Current Medication" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    set rows {}
    foreach {d dose fr} [sc meds] { lappend rows [list $d $dose $fr "Repeat"] }
    need [expr {[lh $fk]*1.3*([llength $rows]+1)}]
    set Y [table $Y {15 70 105 160} $rows $fk -head {Drug Dosage Instructions Type} -rules 1 -x0 15 -x1 [expr {$W-15}]]
    set Y [expr {$Y + 3}]
    need 10
    tx 15 $Y "Allergies: [allergy]" $fk
    set Y [expr {$Y + [lh $fk]*2}]
    para 15 [expr {$W-30}] [PR [sc ask]] $fk
    more_sections 15 [expr {$W-30}]
    signoff 15 "GP" [lindex [dict get $pr gp] 0]
    emis_foot
}
proc emis_foot {} {
    global W H
    set sk [S small]
    row [expr {$H-12}] [list 15 "EMIS Web - [pname $::D(p) upper] - [NHS]" $sk] [list [expr {$W-15}] "Page [pageno] of $::D(np)" $sk ne]
}
proc emis_break {} {
    global Y
    emis_foot
    dpage
    set Y 14
}

proc lay_systmone {} {
    global Y W D FLOW
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$::H - 16}]
    set FLOW(break) s1_break
    set pr $D(pr)
    tx 15 10 [dict get $pr name] $hk
    tx 15 [expr {10 + [lh $hk]*1.2}] "[join [dict get $pr addr] {, }]  Tel: [dist [dict get $pr phone]]" $sk
    set Y 24
    R 15 $Y [expr {$W-15}] [expr {$Y+7}] -fill #d9d9d9 -outline {}
    tx 17 [expr {$Y+1}] "Referral to [sc clinic]" $bk
    set Y [expr {$Y + 10}]
    set Y [table $Y {15 75 125 165} [list [list [pname $D(p) full] [DOB] [NHS] [expr {[pp sex] eq "m" ? "Male" : "Female"}]]] $fk \
        -head {{Patient name} {Date of birth} {NHS number} Gender} -grid 1 -x0 15 -x1 [expr {$W-15}] -lead 1.5]
    set Y [table $Y {15 75 125} [list [list [join [pp addr] ", "] [dist [pp phone]] [dist [pp hosp]]]] $fk \
        -head {Address Telephone {Hospital no.}} -grid 1 -x0 15 -x1 [expr {$W-15}] -lead 1.5]
    set Y [expr {$Y + 5}]
    tx 15 $Y "Dear Colleague," $fk
    set Y [expr {$Y + [lh $fk]*1.5}]
    para 15 [expr {$W-30}] [PR "I would be grateful if you could see this patient with [string tolower [sc reason]]. [sc ask]"] $fk
    set Y [expr {$Y + 2}]
    tx 15 $Y "Consultations" $hk
    set Y [expr {$Y + [lh $hk]*1.4}]
    set hx [sc hx]
    set d0 [dict get $D(p) ldate]
    set k 0
    foreach {ago part} [list 42 [lrange $hx 0 1] 14 [lrange $hx 2 end] 0 [concat [sc exam] [sc inv]]] {
        need 15
        set t [addays $d0 -$ago]
        set hdr "[dist [datestr $t dmy_short]] [format %02d:%02d [ri 8 17] [expr {[ri 0 11]*5}]] - [dict get $pr name] ([lindex [dict get $pr gp] 1])"
        R 15 $Y [expr {$W-15}] [expr {$Y + [lh $sk]*1.3}] -fill #eeeeee -outline {}
        tx 16 [expr {$Y+0.3}] $hdr $sk
        set Y [expr {$Y + [lh $sk]*1.6}]
        lpara 18 26 [expr {$W-33}] [lindex {History Review Examination} $k] [PR [join $part " "]] $fk $bk
        incr k
    }
    need 12
    lpara 18 26 [expr {$W-33}] "Medication" [join [med_lines] "; "] $fk $bk
    lpara 18 26 [expr {$W-33}] "Allergies" [allergy] $fk $bk
    set Y [expr {$Y + 3}]
    more_sections 15 [expr {$W-30}]
    signoff 15 "General Practitioner"
    s1_foot
}
proc s1_foot {} {
    global W H
    set sk [S small]
    row [expr {$H-11}] [list 15 "[pname $::D(p) plain] - NHS number [NHS]" $sk] [list [expr {$W-15}] "Page [pageno] of $::D(np)" $sk ne]
}
proc s1_break {} { global Y; s1_foot; dpage; set Y 14 }

proc lay_vision {} {
    global Y W D FLOW
    dpage
    set fk [S body]; set bk [fbold $fk]; set sk [S small]
    set FLOW(bottom) [expr {$::H - 15}]
    set FLOW(break) break_with_footer
    set pr $D(pr)
    set Y 12
    tx 18 $Y [string toupper [dict get $pr name]] $bk
    set Y [expr {$Y + [lh $fk]*1.2}]
    foreach ln [concat [dict get $pr addr] [list "TEL: [dist [dict get $pr phone]]"]] { tx 18 $Y [string toupper $ln] $fk; set Y [expr {$Y + [lh $fk]*1.1}] }
    set Y [expr {$Y + 4}]
    tx 18 $Y [string repeat "=" 60] $fk
    set Y [expr {$Y + [lh $fk]*1.2}]
    tx 18 $Y "PATIENT: [pname $D(p) uppert]   DOB: [DOB]" $fk
    set Y [expr {$Y + [lh $fk]*1.2}]
    tx 18 $Y "NHS: [NHS]   SEX: [string toupper [pp sex]]   REG GP: [string toupper [lindex [dict get $pr gp] 1]]" $fk
    set Y [expr {$Y + [lh $fk]*1.2}]
    tx 18 $Y "ADDRESS: [string toupper [join [pp addr] {, }]]" $fk
    set Y [expr {$Y + [lh $fk]*1.2}]
    tx 18 $Y [string repeat "=" 60] $fk
    set Y [expr {$Y + [lh $fk]*2}]
    tx 18 $Y "REFERRAL TO: [string toupper [sc clinic]], [string toupper [dict get $D(h) name]]" $fk
    set Y [expr {$Y + [lh $fk]*1.2}]
    tx 18 $Y "DATE: [LD]    URGENCY: [string toupper [sc urg]]" $fk
    set Y [expr {$Y + [lh $fk]*2}]
    foreach {h b} [list "HISTORY" [PR [join [sc hx] " "]] "EXAMINATION" [join [sc exam] " "] "RESULTS" [join [sc inv] " "] "REQUEST" [PR [sc ask]]] {
        need 10
        tx 18 $Y "$h:" $bk
        set Y [expr {$Y + [lh $fk]*1.2}]
        para 18 [expr {$W-36}] $b $fk -after 0.8
    }
    need 10
    tx 18 $Y "CURRENT REPEATS:" $bk
    set Y [expr {$Y + [lh $fk]*1.2}]
    foreach m [med_lines] { need 5; tx 22 $Y [string toupper $m] $fk; set Y [expr {$Y + [lh $fk]*1.1}] }
    set Y [expr {$Y + 3}]
    tx 18 $Y "ALLERGIES: [string toupper [allergy]]" $fk
    set Y [expr {$Y + [lh $fk]*2}]
    signoff 18 "GP Principal"
    footer_lines $D(footer)
}

proc lay_terse {} {
    global Y W D FLOW
    dpage
    set fk [S body]; set bk [fbold $fk]
    set FLOW(bottom) [expr {$::H - 10}]
    set FLOW(break) {error "terse note overflow"}
    set pr $D(pr)
    set Y 12
    tx 14 $Y [dict get $pr name] $bk
    set Y [expr {$Y + [lh $fk]*1.2}]
    tx 14 $Y "Tel [dist [dict get $pr phone]]" $fk
    set Y [expr {$Y + [lh $fk]*2}]
    tx 14 $Y [LD dmy_slash2] $fk
    set Y [expr {$Y + [lh $fk]*1.6}]
    tx 14 $Y "Dear Colleague," $fk
    set Y [expr {$Y + [lh $fk]*1.4}]
    para 14 [expr {$W-28}] [PR "Pls see this {AGE}yo [expr {[pp sex] eq "m" ? "man" : "woman"}] - [string tolower [sc reason]]. [lindex [sc hx] 0] [sc ask]"] $fk
    set Y [expr {$Y + 2}]
    tx 14 $Y "[pname $D(p) init]" $fk
    set Y [expr {$Y + [lh $fk]*1.2}]
    tx 14 $Y "DOB [DOB]   NHS [NHS]" $fk
    set Y [expr {$Y + [lh $fk]*1.2}]
    tx 14 $Y [join [pp addr] ", "] $fk
    set Y [expr {$Y + [lh $fk]*1.8}]
    tx 14 $Y "Thanks," $fk
    signature 16 [expr {$Y + 9}] 28
    ovl_text "(signature)"
    set Y [expr {$Y + 15}]
    tx 14 $Y [lindex [dict get $pr gp] 1] $fk
}

proc lay_twopage_header {} {
    # first page is mostly letterhead and addresses; the letter itself is on page 2
    global Y W D FLOW H
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$H - 25}]
    set FLOW(break) break_with_footer
    set pr $D(pr)
    wave_logo 15 10 40 14
    set hk2 [fsize $hk [expr {[lindex $hk 1]*1.35}]]
    tx [expr {$W-15}] 12 [dict get $pr name] $hk2 -anchor ne
    set y [expr {12 + [lh $hk2]*1.2}]
    foreach ln [concat [dict get $pr addr] [list "Telephone: [dist [dict get $pr phone]]" "Facsimile: [dist [dict get $pr fax]]" "Email: [dict get $pr email]"]] {
        tx [expr {$W-15}] $y $ln $sk -anchor ne
        set y [expr {$y + [lh $sk]*1.15}]
    }
    set y [expr {$y + 4}]
    set gps {}
    foreach i {1 2 3 4} { lappend gps [mkdoctor] }
    tx [expr {$W-15}] $y "Partners: [join $gps {, }]" $sk -anchor ne
    set y [expr {$y + [lh $sk]*1.15}]
    tx [expr {$W-15}] $y "Practice Manager: [lindex [mkperson f] 0] [lindex [mkperson f] 1]" $sk -anchor ne
    set Y [expr {$y + 12}]
    tx 20 $Y "PRIVATE AND CONFIDENTIAL" $bk
    set Y [expr {$Y + [lh $bk]*1.6}]
    set Y [block 20 $Y [recipient_lines] $fk]
    set Y [expr {$Y + 10}]
    set Y [table $Y {20 75} [list [list "Our reference:" [dist "[dict get $pr code]/[ri 1000 9999]"]] [list "Your reference:" [dist [pp hosp]]] [list "Date:" [LD]]] $fk -lead 1.3]
    set Y [expr {$Y + 8}]
    tx 20 $Y "Re: [pname $D(p) full]" $bk
    set Y [expr {$Y + [lh $bk]*1.2}]
    tx 20 $Y "D.O.B. [DOB]   NHS No. [NHS]" $bk
    set Y [expr {$Y + [lh $bk]*1.2}]
    tx 20 $Y [join [pp addr] ", "] $fk
    set Y [expr {$Y + [lh $fk]*2}]
    tx 20 $Y "Continued overleaf" [fital $fk]
    footer_lines [list "[dict get $pr name] is a member of the [pick {Northbridge {Calder Vale} Fellside}] Primary Care Network." "Registered address as above. This letter contains confidential patient information."]
    cont_header
    tx 20 $Y "Dear [lindex [split $D(consultant)] 0] [lindex [split $D(consultant)] end]," $fk
    set Y [expr {$Y + [lh $fk]*1.6}]
    body_paras 20 [expr {$W-40}] $fk
    para 20 [expr {$W-40}] "Medication: [join [med_lines] {; }]." $fk
    para 20 [expr {$W-40}] "Past history: [join [sc pmh] {; }]." $fk
    set Y [expr {$Y + [lh $fk]*0.8}]
    signoff 20
}

proc lay_demobox {} {
    # address block on the left, bordered demographics box on the right holding
    # two columns of "Label: value" pairs; reading order: address, box left, box right
    global Y W D FLOW H
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$H - 20}]
    set FLOW(break) break_with_footer
    if {$D(hdr) eq "practice"} { practice_header_centre } else { trust_header_right }
    set y0 [expr {$Y + 4}]
    # left: address
    set y [block 18 $y0 [recipient_lines] $fk]
    # right box
    set bx 100
    set sf [fsize $fk [expr {[lindex $fk 1]*0.9}]]
    set sb [fbold $sf]
    set l [expr {[lh $sf]*1.3}]
    set L1 [list "Name:" "[pp first] [pp last]" "DOB:" [DOB] "NHS No:" [NHS] "Sex:" [expr {[pp sex] eq "m" ? "M" : "F"}]]
    set L2 [list "Hosp No:" [dist [pp hosp]] "Tel:" [dist [pp phone]] "GP:" [lindex [dict get $D(pr) gp] 1] "Date:" [LD]]
    set yy [expr {$y0 + 6}]
    tx [expr {$bx+2}] [expr {$y0+1}] "PATIENT DETAILS" [fbold $sk]
    foreach {k v} $L1 { row $yy [list [expr {$bx+2}] $k $sb] [list [expr {$bx+18}] $v $sf]; set yy [expr {$yy + $l}] }
    set yb $yy
    set yy [expr {$y0 + 6}]
    foreach {k v} $L2 { row $yy [list [expr {$bx+49}] $k $sb] [list [expr {$bx+63}] $v $sf]; set yy [expr {$yy + $l}] }
    set yb [expr {max($yb,$yy) + 1}]
    R $bx $y0 [expr {$W-12}] $yb -width 0.35
    L [list [expr {$bx+48}] [expr {$y0+5}] [expr {$bx+48}] $yb] -width 0.2
    set Y [expr {max($y, $yb) + 8}]
    tx 18 $Y "Dear Doctor," $fk
    set Y [expr {$Y + [lh $fk]*1.5}]
    tx 18 $Y "Re: [sc reason]" $bk
    set Y [expr {$Y + [lh $bk]*1.5}]
    body_paras 18 [expr {$W-36}] $fk
    if {$D(np) > 1} {
        need 200
        tx 20 $Y "Medication" $bk
        set Y [expr {$Y + [lh $fk]*1.3}]
        foreach m [med_lines] { tx 24 $Y $m $fk; set Y [expr {$Y + [lh $fk]*1.15}] }
        set Y [expr {$Y + 3}]
        tx 20 $Y "Past medical history" $bk
        set Y [expr {$Y + [lh $fk]*1.3}]
        foreach m [sc pmh] { tx 24 $Y $m $fk; set Y [expr {$Y + [lh $fk]*1.15}] }
        set Y [expr {$Y + 3}]
        tx 20 $Y "Allergies: [allergy]" $fk
        set Y [expr {$Y + [lh $fk]*2}]
    }
    signoff 18 [expr {$D(hdr) eq "practice" ? "General Practitioner" : "Consultant Physician"}] [expr {$D(hdr) eq "practice" ? "" : [mkdoctor]}]
    footer_lines $D(footer)
}

proc lay_faxcover {} {
    global Y W D H
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]
    set pr $D(pr)
    set big [fsize $hk 40]
    tx 20 20 "FAX" $big
    set Y [expr {20 + [lh $big]*1.2}]
    tx 20 $Y [dict get $pr name] $hk
    set Y [expr {$Y + [lh $hk]*1.2}]
    tx 20 $Y [join [dict get $pr addr] ", "] $fk
    set Y [expr {$Y + [lh $fk]*2.5}]
    set rows [list [list "To:" "[sc clinic] - Appointments"] [list "Fax:" [dist [dict get $D(h) fax]]] [list "From:" [lindex [dict get $pr gp] 0]] [list "Fax:" [dist [dict get $pr fax]]] [list "Date:" [LD]] [list "Pages:" "$D(np) (including this one)"] [list "Re:" "URGENT REFERRAL - [pname $D(p) plain]"]]
    set Y [table $Y {20 50} $rows [fsize $fk [expr {[lindex $fk 1]*1.2}]] -lead 1.5 -rules 1 -x0 20 -x1 [expr {$W-20}]]
    set Y [expr {$Y + 10}]
    para 20 [expr {$W-40}] "CONFIDENTIALITY NOTICE: This facsimile contains confidential information intended only for the named recipient. If you have received it in error please telephone the sender immediately and destroy all copies." [fital $fk]
}
proc lay_fax {} {
    # fax cover + faxed referral (typed proforma)
    global Y W D FLOW H
    lay_faxcover
    set FLOW(bottom) [expr {$H - 20}]
    set FLOW(break) break_with_footer
    set fk [S body]; set bk [fbold $fk]; set hk [S head]
    dpage
    set Y 14
    set t "URGENT REFERRAL - [string toupper [sc clinic]]"
    tx [expr {$W/2.0 - [mw $hk $t]/2.0}] $Y $t $hk
    set Y [expr {$Y + [lh $hk]*2}]
    set rows [list [list "Patient name" [pname $D(p) full]] [list "NHS No" [NHS]] [list "DOB" [DOB]] [list "Address" [join [pp addr] ", "]] [list "Telephone" [dist [pp phone]]] [list "Referring GP" "[lindex [dict get $D(pr) gp] 0], [dict get $D(pr) name]"]]
    set Y [table $Y {20 60} $rows $fk -grid 1 -x0 20 -x1 [expr {$W-20}] -lead 1.5]
    set Y [expr {$Y + 6}]
    tx 20 $Y "Reason for referral: [sc reason]" $bk
    set Y [expr {$Y + [lh $bk]*1.6}]
    body_paras 20 [expr {$W-40}] $fk 0
    para 20 [expr {$W-40}] "Medication: [join [med_lines] {; }]" $fk
    set Y [expr {$Y + [lh $fk]*0.8}]
    signoff 20
}

proc lay_typewriter {} {
    # an old typed letter: letterpress heading, body typed with per-strike jitter
    global Y W D FLOW H
    dpage
    set hk [S head]; set tk [S type]
    set FLOW(bottom) [expr {$H - 20}]
    set FLOW(break) {error "typewriter overflow"}
    set pr $D(pr)
    set t [dict get $pr name]
    tx [expr {$W/2.0 - [mw $hk $t]/2.0}] 14 $t $hk
    set sk [S small]
    set t "[join [dict get $pr addr] {, }]. Telephone [dist [dict get $pr phone]]"
    tx [expr {$W/2.0 - [mw $sk $t]/2.0}] [expr {14 + [lh $hk]*1.2}] $t $sk
    L [list 25 30 [expr {$W-25}] 30] -width 0.6
    L [list 25 31 [expr {$W-25}] 31] -width 0.2
    set Y 40
    set l [expr {[lh $tk]*1.05}]
    set x 25
    set xr [expr {$W - 25 - [mw $tk "00 September 0000"]}]
    jtext $xr $Y [LD dmy_long] $tk type
    set Y [expr {$Y + $l*2}]
    foreach ln [recipient_lines] { jtext $x $Y $ln $tk type; set Y [expr {$Y + $l}] }
    set Y [expr {$Y + $l}]
    jtext $x $Y "Dear [lindex [split $D(consultant)] 0] [lindex [split $D(consultant)] end]," $tk type
    set Y [expr {$Y + $l*2}]
    jtext $x $Y "Re: [pname $D(p) full]  D.O.B. [DOB]" $tk type
    set Y [expr {$Y + $l}]
    jtext $x $Y "    NHS No. [NHS]" $tk type
    set Y [expr {$Y + $l}]
    jtext $x $Y "    [join [pp addr] {, }]" $tk type
    set Y [expr {$Y + $l*2}]
    set hx [sc hx]
    set txt [PR "Thank you for seeing this {AGE} year old {MAN}. [join $hx { }] [lindex [sc exam] 0] [sc ask]"]
    foreach ln [wrap $txt $tk [expr {$W-50}]] {
        jtext $x $Y $ln $tk type
        set Y [expr {$Y + $l}]
    }
    set Y [expr {$Y + $l}]
    jtext $x $Y "Yours sincerely," $tk type
    signature [expr {$x+3}] [expr {$Y + 12}] 40
    ovl_text "(signature)"
    set Y [expr {$Y + $l*4.5}]
    jtext $x $Y [lindex [dict get $pr gp] 0] $tk type
    set Y [expr {$Y + $l*2}]
    jtext $x $Y "[string toupper [string range [lindex [dict get $pr gp] 2] 0 2]]/[pick {jh mw pa}]" $tk type
}

proc lay_dotmatrix {} {
    # continuous-stationery printout; the letterhead is pre-printed (layer pre),
    # the body is printed in the base layer and later converted to dots
    global Y W D FLOW H LAYER
    dpage
    set mk [S mono]; set hk [S head]
    set FLOW(bottom) [expr {$H - 14}]
    set FLOW(break) {global Y; dpage; set Y 20}
    set LAYER pre
    # tractor-feed strips
    for {set y 6} {$y < $H} {set y [expr {$y + 12.7}]} {
        O 3 [expr {$y-2}] 7 [expr {$y+2}] -outline #888888 -width 0.2 -fill #e8e8e8
        O [expr {$W-7}] [expr {$y-2}] [expr {$W-3}] [expr {$y+2}] -outline #888888 -width 0.2 -fill #e8e8e8
    }
    L [list 11 0 11 $H] -width 0.2 -fill #999999 -dash {2 4}
    L [list [expr {$W-11}] 0 [expr {$W-11}] $H] -width 0.2 -fill #999999 -dash {2 4}
    if {$D(greenbar)} {
        for {set y 40} {$y < $H-10} {set y [expr {$y + 25.4}]} { R 12 $y [expr {$W-12}] [expr {$y+12.7}] -fill #d8efd8 -outline {} }
    }
    set pr $D(pr)
    set t [dict get $pr name]
    tx [expr {$W/2.0 - [mw $hk $t]/2.0}] 14 $t $hk -fill #1a3d7c
    set sk [S small]
    set t "[join [dict get $pr addr] {, }]  Tel [dist [dict get $pr phone]]"
    tx [expr {$W/2.0 - [mw $sk $t]/2.0}] [expr {14 + [lh $hk]*1.2}] $t $sk -fill #1a3d7c
    set LAYER base
    set Y 36
    set l [expr {[lh $mk]*1.0}]
    set x 20
    tx $x $Y "DATE: [LD dmy_slash2]" $mk
    set Y [expr {$Y + $l*2}]
    foreach ln [recipient_lines] { tx $x $Y [string toupper $ln] $mk; set Y [expr {$Y + $l}] }
    set Y [expr {$Y + $l}]
    tx $x $Y "PATIENT : [pname $D(p) upper]" $mk; set Y [expr {$Y + $l}]
    tx $x $Y "D.O.B.  : [DOB]" $mk; set Y [expr {$Y + $l}]
    tx $x $Y "NHS NO  : [NHS]" $mk; set Y [expr {$Y + $l}]
    tx $x $Y "ADDRESS : [string toupper [join [pp addr] {, }]]" $mk; set Y [expr {$Y + $l*2}]
    tx $x $Y "Dear Doctor," $mk; set Y [expr {$Y + $l*2}]
    foreach p [list [PR "Thank you for seeing this {AGE} year old {MAN} with [string tolower [sc reason]]. [join [sc hx] { }]"] [PR [join [sc exam] " "]] [PR [sc ask]]] {
        foreach ln [wrap $p $mk [expr {$W-40}]] { need $l; tx $x $Y $ln $mk; set Y [expr {$Y + $l}] }
        set Y [expr {$Y + $l}]
    }
    need [expr {$l*3}]
    tx $x $Y "MEDICATION:" $mk; set Y [expr {$Y + $l}]
    foreach m [med_lines] { need $l; tx [expr {$x+5}] $Y [string toupper $m] $mk; set Y [expr {$Y + $l}] }
    set Y [expr {$Y + $l}]
    need [expr {$l*6}]
    tx $x $Y "Yours sincerely," $mk
    signature [expr {$x+3}] [expr {$Y + 10}] 35
    ovl_text "(signature)"
    set Y [expr {$Y + $l*4}]
    tx $x $Y [string toupper [lindex [dict get $pr gp] 0]] $mk
}

proc lay_complislip {} {
    # DL compliments slip followed by an A4 referral letter
    global Y W D H
    dpage
    set hk [S head]; set fk [S body]; set sk [S small]
    set h $D(h); set pr $D(pr)
    tree_logo 12 8 14 #1565c0
    tx 30 9 [dict get $pr name] [fsize $hk 13]
    tx 30 [expr {9 + [lh [fsize $hk 13]]*1.1}] [join [dict get $pr addr] ", "] $sk
    set sc [F "Yusei Magic" 26]
    set t "With Compliments"
    tx [expr {$W/2.0 - [mw $sc $t]/2.0}] 36 $t $sc -fill #1565c0
    set y 62
    tx 12 $y "Tel: [dist [dict get $pr phone]]  Fax: [dist [dict get $pr fax]]  [dict get $pr email]" $sk
    # handwritten note across the slip (overlay)
    htext 20 [expr {$y + 8}] "Urgent please - [pname $D(p) init] see letter" [F "Domestic Manners" 15]
    htext 130 [expr {$y + 18}] [lindex [dict get $pr gp] 1] [F "Domestic Manners" 13]
    set D(sizes_used) 1
    lay_dictated_body
}
proc lay_dictated_body {} {
    # a dictated letter starting on a fresh page (used after a slip)
    global D
    set D(hdr) practice
    lay_dictated
}

proc lay_letterhead_rotate {} { lay_dictated }

# ================================================================ other document types
proc lay_clinic {} {
    global Y W D FLOW H
    dpage
    set fk [S body]; set bk [fbold $fk]; set sk [S small]
    set FLOW(bottom) [expr {$H - 15}]
    set FLOW(break) break_with_footer
    trust_header_right
    set cons [lindex [mkdoctor_full] 0]
    set pr $D(pr)
    set y0 $Y
    set lines [list [lindex [dict get $pr gp] 0] [dict get $pr name] {*}[dict get $pr addr]]
    set y [block 20 $y0 $lines $fk]
    set Y [expr {$y + 6}]
    set rows [list [list "Clinic date:" [ODATE -[ri 3 12]]] [list "Typed:" [LD]] [list "Consultant:" $cons] [list "Clinic:" [sc clinic]]]
    set Y [table $Y {20 55} $rows $fk -lead 1.2]
    set Y [expr {$Y + 4}]
    if {$D(demo)} {
        # two-column demographics: left column read fully, then right
        set l [expr {[lh $fk]*1.25}]
        set yy $Y
        foreach {k v} [list "Name:" [pname $D(p) full] "DOB:" [DOB] "NHS No:" [NHS]] { row $yy [list 20 $k $bk] [list 42 $v $fk]; set yy [expr {$yy+$l}] }
        set yb $yy
        set yy $Y
        foreach {k v} [list "Hosp No:" [dist [pp hosp]] "Address:" [lindex [pp addr] 0] "" [join [lrange [pp addr] 1 end] ", "]] {
            if {$k eq ""} {tx 130 $yy $v $fk} else {row $yy [list 110 $k $bk] [list 130 $v $fk]}
            set yy [expr {$yy+$l}]
        }
        set Y [expr {max($yy,$yb) + 5}]
    } else {
        tx 20 $Y "[pname $D(p) full]  DOB: [DOB]  NHS No: [NHS]  Hosp No: [dist [pp hosp]]" $bk
        set Y [expr {$Y + [lh $bk]*1.2}]
        tx 20 $Y [join [pp addr] ", "] $fk
        set Y [expr {$Y + [lh $fk]*2}]
    }
    tx 20 $Y "Diagnosis:" $bk
    set Y [expr {$Y + [lh $bk]*1.2}]
    tx 25 $Y "1. [sc diag]" $fk
    set Y [expr {$Y + [lh $fk]*1.15}]
    set k 2
    foreach m [lrange [sc pmh] 0 1] { tx 25 $Y "$k. $m" $fk; set Y [expr {$Y + [lh $fk]*1.15}]; incr k }
    set Y [expr {$Y + 3}]
    tx 20 $Y "Plan:" $bk
    set Y [expr {$Y + [lh $bk]*1.2}]
    set k 1
    foreach m [sc plan] { tx 25 $Y "$k. $m" $fk; set Y [expr {$Y + [lh $fk]*1.15}]; incr k }
    set Y [expr {$Y + 4}]
    tx 20 $Y "Dear [lindex [split [lindex [dict get $pr gp] 0]] 0] [lindex [split [lindex [dict get $pr gp] 0]] end]," $fk
    set Y [expr {$Y + [lh $fk]*1.5}]
    para 20 [expr {$W-40}] [PR "I saw {TITLE} {LAST} in the [sc clinic] today, following your referral regarding [string tolower [sc reason]]. [join [lrange [sc hx] 0 1] { }]"] $fk
    para 20 [expr {$W-40}] [PR "On examination: [join [sc exam] { }] [join [sc inv] { }]"] $fk
    para 20 [expr {$W-40}] [PR "I have explained the diagnosis of [string tolower [sc diag]] to {HIM}. [join [sc plan] { }] I will see {HIM} again in [pick {{six weeks} {three months} {four months}}]."] $fk
    if {$D(np) > 1} { para 20 [expr {$W-40}] [PR "Current medication: [join [med_lines] {; }]. Allergies: [allergy]."] $fk; more_sections 20 [expr {$W-40}] }
    signoff 20 "Consultant, [sc spec]" $cons
    need 10
    para 20 [expr {$W-40}] "cc: [pname $D(p) full], [join [pp addr] {, }]" $sk
    footer_lines $D(footer)
}

proc lay_discharge {} {
    global Y W D FLOW H
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$H - 18}]
    set FLOW(break) dis_break
    nhs_logo [expr {$W-15-22}] 8 9
    tx 15 9 [dict get $D(h) trust] $hk
    tx 15 [expr {9 + [lh $hk]*1.15}] "INPATIENT DISCHARGE SUMMARY" $bk
    set Y 24
    R 15 $Y [expr {$W-15}] [expr {$Y+7}] -fill #cfd8e3 -outline {}
    row [expr {$Y+1}] [list 17 "[pname $D(p) upper]" $bk] [list 100 "NHS No: [NHS]" $bk] [list [expr {$W-17}] "DOB: [DOB]" $bk ne]
    set Y [expr {$Y + 10}]
    set adm [addays [dict get $D(p) ldate] -[ri 3 14]]
    set ward "Ward [ri 1 32] ([pick {{Acute Medical Unit} {Surgical Assessment} Cardiology {Elderly Care}}])"
    set rows [list [list "Hospital number:" [dist [pp hosp]] "Admission date:" [dist [datestr $adm dmy_slash]]] \
                   [list "Address:" [lindex [pp addr] 0] "Discharge date:" [LD dmy_slash]] \
                   [list "Ward:" $ward "Consultant:" [set cons [mkdoctor]]] \
                   [list "GP:" [lindex [dict get $D(pr) gp] 1] "Practice:" [dict get $D(pr) name]]]
    set Y [table $Y {15 45 112 145} $rows $fk -lead 1.35 -grid 1 -x0 15 -x1 [expr {$W-15}]]
    set Y [expr {$Y + 5}]
    foreach {h b} [list "Presenting complaint" [sc reason] "Diagnosis" [sc diag] "Co-morbidities" [join [sc pmh] ", "] \
                       "Clinical summary" [PR "[join [sc hx] { }] [join [sc exam] { }] [join [sc inv] { }]"] \
                       "Procedures" [pick [list "None" [lindex [sc plan] 0]]] "Plan and follow-up" [join [sc plan] " "]] {
        need 12
        tx 15 $Y $h $hk
        set Y [expr {$Y + [lh $hk]*1.25}]
        para 15 [expr {$W-30}] $b $fk
    }
    need 25
    tx 15 $Y "Medication on discharge" $hk
    set Y [expr {$Y + [lh $hk]*1.3}]
    set rows {}
    foreach {d dose fr} [sc meds] { lappend rows [list $d $dose [pick {Oral Oral Oral Inhaled}] $fr [pick {Continued Continued New Changed}]] }
    set Y [table $Y {15 60 90 110 165} $rows $fk -head {Medicine Dose Route Frequency Status} -rules 1 -x0 15 -x1 [expr {$W-15}]]
    set Y [expr {$Y + 4}]
    need 20
    tx 15 $Y "Actions for GP" $hk
    set Y [expr {$Y + [lh $hk]*1.25}]
    foreach a [list "Please check U&E in one week." "Review blood pressure in four weeks." "No further action required other than routine review."] {
        need 5
        tx 18 $Y "- $a" $fk
        set Y [expr {$Y + [lh $fk]*1.2}]
    }
    set Y [expr {$Y + 4}]
    more_sections 15 [expr {$W-30}]
    need 12
    tx 15 $Y "Completed by: [mkdoctor] (FY1)   Bleep [dist [ri 1000 1999]]   Date: [LD dmy_slash]" $sk
    dis_foot
}
proc dis_foot {} {
    global W H
    set sk [S small]
    row [expr {$H-11}] [list 15 "Discharge summary - [pname $::D(p) plain] - [NHS]" $sk] [list [expr {$W-15}] "Page [pageno] of $::D(np)" $sk ne]
}
proc dis_break {} { global Y; dis_foot; dpage; set Y 14 }

proc lay_lab {} {
    global Y W D FLOW H LAYER
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$H - 16}]
    set FLOW(break) lab_break
    if {$D(labstyle) eq "dot"} {
        set LAYER pre
        for {set y 6} {$y < $H} {set y [expr {$y + 12.7}]} {
            O 3 [expr {$y-2}] 7 [expr {$y+2}] -outline #888888 -width 0.2 -fill #e8e8e8
            O [expr {$W-7}] [expr {$y-2}] [expr {$W-3}] [expr {$y+2}] -outline #888888 -width 0.2 -fill #e8e8e8
        }
        for {set y 30} {$y < $H-10} {set y [expr {$y + 25.4}]} { R 12 $y [expr {$W-12}] [expr {$y+12.7}] -fill #d8efd8 -outline {} }
        set LAYER base
    }
    set x0 [expr {$D(labstyle) eq "dot" ? 16 : 15}]
    set dept [pick {{Clinical Biochemistry} {Haematology and Clinical Biochemistry} {Pathology}}]
    set t "[string toupper [dict get $D(h) name]] - DEPARTMENT OF [string toupper $dept]"
    tx $x0 10 $t $bk
    tx $x0 [expr {10 + [lh $bk]*1.2}] "Laboratory enquiries [dist [dict get $D(h) phone]]" $sk
    set Y 22
    L [list $x0 $Y [expr {$W-$x0}] $Y] -width 0.3
    set Y [expr {$Y + 2}]
    set coll [addays [dict get $D(p) ldate] -1]
    set labno "[pick {B C H}][format %02d [expr {[dfmt $coll %y] % 100}]].[ri 1000000 9999999]"
    set l [expr {[lh $fk]*1.25}]
    set yy $Y
    foreach {k v} [list "Patient:" [pname $D(p) upper] "DOB:" [DOB] "NHS No:" [NHS] "Hosp No:" [dist [pp hosp]]] { row $yy [list $x0 $k $bk] [list [expr {$x0+24}] $v $fk]; set yy [expr {$yy+$l}] }
    set yb $yy
    set yy $Y
    foreach {k v} [list "Lab No:" [dist $labno] "Collected:" "[dist [datestr $coll dmy_slash]] [format %02d:%02d [ri 8 12] [ri 0 59]]" "Received:" "[dist [datestr $coll dmy_slash]] [format %02d:%02d [ri 13 16] [ri 0 59]]" "Source:" "[dict get $D(pr) name] ([dist [dict get $D(pr) code]])"] {
        row $yy [list 110 $k $bk] [list 132 $v $fk]; set yy [expr {$yy+$l}]
    }
    set Y [expr {max($yy,$yb) + 2}]
    L [list $x0 $Y [expr {$W-$x0}] $Y] -width 0.3
    set Y [expr {$Y + 3}]
    set mu [expr {$D(labstyle) eq "dot" ? "umol/L" : "\u00b5mol/L"}]
    set panels [list \
        "FULL BLOOD COUNT" [list {Haemoglobin} [ri 95 150] g/L {130 - 170} \
                                  {White cell count} [format %.1f [rf 3.2 13]] {x10^9/L} {4.0 - 11.0} \
                                  {Platelets} [ri 120 460] {x10^9/L} {150 - 400} \
                                  {MCV} [ri 72 99] fL {80 - 100} \
                                  {Neutrophils} [format %.1f [rf 1.5 9]] {x10^9/L} {2.0 - 7.5}] \
        "UREA AND ELECTROLYTES" [list {Sodium} [ri 128 146] mmol/L {133 - 146} \
                                  {Potassium} [format %.1f [rf 3.3 5.9]] mmol/L {3.5 - 5.3} \
                                  {Urea} [format %.1f [rf 2.5 14]] mmol/L {2.5 - 7.8} \
                                  {Creatinine} [ri 55 180] $mu {59 - 104} \
                                  {eGFR} [ri 28 90] {mL/min/1.73m2} {>90}] \
        "LIVER FUNCTION" [list {Bilirubin} [ri 4 40] $mu {0 - 21} \
                                  {ALT} [ri 8 90] U/L {0 - 41} \
                                  {Alkaline phosphatase} [ri 40 220] U/L {30 - 130} \
                                  {Albumin} [ri 28 48] g/L {35 - 50}] \
        "OTHER" [list {HbA1c} [ri 38 95] mmol/mol {20 - 41} \
                                  {TSH} [format %.2f [rf 0.1 7.5]] mU/L {0.27 - 4.20} \
                                  {Ferritin} [ri 6 320] ug/L {30 - 400} \
                                  {CRP} [ri 1 90] mg/L {0 - 5}]]
    if {$D(np) > 1} {
        lappend panels "LIPID PROFILE" [list {Total cholesterol} [format %.1f [rf 3.5 7.5]] mmol/L {0.0 - 5.0} \
                                  {HDL cholesterol} [format %.1f [rf 0.8 2.0]] mmol/L {1.0 - 2.0} \
                                  {Triglycerides} [format %.1f [rf 0.6 3.5]] mmol/L {0.0 - 1.7} \
                                  {Non-HDL cholesterol} [format %.1f [rf 2.5 5.5]] mmol/L {0.0 - 4.0}] \
            "BONE PROFILE" [list {Adjusted calcium} [format %.2f [rf 2.1 2.7]] mmol/L {2.20 - 2.60} \
                                  {Phosphate} [format %.2f [rf 0.7 1.6]] mmol/L {0.80 - 1.50} \
                                  {Magnesium} [format %.2f [rf 0.6 1.1]] mmol/L {0.70 - 1.00}] \
            "COAGULATION" [list {Prothrombin time} [format %.1f [rf 10 16]] s {10.0 - 13.0} \
                                  {INR} [format %.1f [rf 0.9 3.4]] {ratio} {0.8 - 1.2} \
                                  {APTT} [format %.1f [rf 24 40]] s {25.0 - 36.0} \
                                  {Fibrinogen} [format %.1f [rf 1.5 5]] g/L {1.5 - 4.0}] \
            "HAEMATINICS" [list {Serum B12} [ri 120 700] ng/L {197 - 771} \
                                  {Serum folate} [format %.1f [rf 2 18]] ug/L {3.9 - 26.8} \
                                  {Transferrin saturation} [ri 8 45] % {20 - 50}] \
            "URINE" [list {Albumin:creatinine ratio} [format %.1f [rf 0.5 30]] mg/mmol {0.0 - 3.0} \
                                  {Protein:creatinine ratio} [ri 5 80] mg/mmol {0 - 15}]
    }
    foreach {pn tests} $panels {
        need 30
        tx $x0 $Y $pn $bk
        set Y [expr {$Y + [lh $bk]*1.3}]
        set rows {}
        foreach {t v u r} $tests {
            set flag ""
            if {[regexp {^([\d.]+) - ([\d.]+)$} $r -> lo hi]} {
                if {$v < $lo} {set flag L} elseif {$v > $hi} {set flag H}
            }
            lappend rows [list $t $v $u "($r)" $flag]
        }
        set Y [table $Y [list [expr {$x0+2}] 70 92 125 165] $rows $fk -lead 1.2]
        set Y [expr {$Y + 3}]
    }
    need 20
    tx $x0 $Y "Comment:" $bk
    set Y [expr {$Y + [lh $bk]*1.2}]
    para [expr {$x0+2}] [expr {$W-2*$x0-4}] "Results reviewed by duty biochemist. Please interpret in the clinical context; repeat sample suggested if unexpected. Reference ranges apply to adults." $fk
    need 8
    tx $x0 $Y "Report authorised: [LD dmy_slash]  *** END OF REPORT ***" $sk
    lab_foot
}
proc lab_foot {} {
    global W H
    set sk [S small]
    row [expr {$H-10}] [list 16 "[pname $::D(p) upper]  [NHS]" $sk] [list [expr {$W-16}] "Page [pageno] of $::D(np)" $sk ne]
}
proc lab_break {} { global Y; lab_foot; dpage; set Y 14 }

proc lay_appt {} {
    global Y W D FLOW H
    dpage
    set fk [S body]; set bk [fbold $fk]; set hk [S head]; set sk [S small]
    set FLOW(bottom) [expr {$H - 14}]
    set FLOW(break) break_with_footer
    set small [expr {$W < 160}]
    set h $D(h)
    nhs_logo [expr {$W - 12 - 19.6}] 8 8
    set y 19
    foreach ln [list [dict get $h trust] "Outpatient Appointments Centre" [dict get $h name] "Telephone: [dist [dict get $h phone]]"] {
        tx [expr {$W-12}] $y $ln $sk -anchor ne
        set y [expr {$y + [lh $sk]*1.12}]
    }
    set Y [expr {$y + 3}]
    set Y [block 12 $Y [list [pname $D(p) full] {*}[pp addr]] $fk]
    set Y [expr {$Y + 4}]
    set rows [list [list "Date of letter:" [LD]] [list "Hospital number:" [dist [pp hosp]]] [list "NHS number:" [NHS]] [list "Date of birth:" [DOB]]]
    set Y [table $Y [list 12 [expr {$small ? 45 : 55}]] $rows $fk -lead 1.2]
    set Y [expr {$Y + 4}]
    tx 12 $Y "Dear [pname $D(p) full]," $fk
    set Y [expr {$Y + [lh $fk]*1.4}]
    para 12 [expr {$W-24}] "An appointment has been made for you to attend the [sc clinic] as detailed below. If you are unable to attend please telephone us as soon as possible so that the appointment can be offered to another patient." $fk
    set adate [addays [dict get $D(p) ldate] [ri 10 40]]
    set t0 [format %02d:%02d [ri 9 15] [expr {[ri 0 3]*15}]]
    set y0 $Y
    set Y [expr {$Y + 2}]
    set rows [list [list "Date:" [dist [datestr $adate dmy_long]]] [list "Time:" [dist $t0]] [list "Clinic:" [sc clinic]] [list "With:" [mkdoctor]] [list "Location:" "Outpatients [pick {A B C D}], [dict get $h name]"]]
    set Y [table $Y [list 15 [expr {$small ? 38 : 45}]] $rows $bk -lead 1.3 -hfk $bk]
    R 12 $y0 [expr {$W-12}] [expr {$Y+1}] -width 0.4
    set Y [expr {$Y + 5}]
    para 12 [expr {$W-24}] "Please arrive 15 minutes early and bring a list of your current medicines. Car parking is limited; the hospital is served by bus routes 12 and 37." $fk
    para 12 [expr {$W-24}] "If you need an interpreter or have any special requirements please let us know." $fk
    set Y [expr {$Y + 2}]
    tx 12 $Y "Yours sincerely," $fk
    set Y [expr {$Y + [lh $fk]*1.4}]
    tx 12 $Y "Outpatient Booking Team" $fk
    set Y [expr {$Y + [lh $fk]*1.4}]
    if {$D(np) > 1} {
        dpage
        set Y 15
        tx 15 $Y "Information about your visit" $hk
        set Y [expr {$Y + [lh $hk]*1.6}]
        foreach p {
            "Your appointment may include tests such as blood tests, an ECG or X-rays, and you may be at the hospital for up to three hours."
            "You are welcome to bring a relative or friend with you. Please tell the receptionist on arrival if you have difficulty with stairs."
            "Text message reminders are sent to the mobile number we hold for you. To update your details please contact your GP practice."
            "We are a teaching hospital and a student may be present during your consultation. Please tell us if you would prefer that they are not present."
        } { para 15 [expr {$W-30}] $p $fk }
        set Y [expr {$Y + 4}]
        tx 15 $Y "Patient ref: [NHS plain] / [pp hosp]" $sk
    }
    footer_lines $D(footer)
}

proc lay_contsheet {} {
    # printed continuation sheet form, filled in by hand (handwriting-style text in GT)
    global Y W D FLOW H
    dpage
    set hk [S head]; set sk [S small]; set hw [S hand]
    set FLOW(bottom) [expr {$H - 15}]
    set FLOW(break) cont_break
    cont_form
    set ink $D(ink)
    set l [expr {$D(rule)}]
    set dd [addays [dict get $D(p) ldate] 0]
    set entries $D(entries)
    foreach e $entries {
        lassign $e kind text
        if {$kind eq "date"} {
            need $l
            jtext 14 [expr {$Y + $l*0.15}] $text $hw hand -fill $ink -jit 1.0
            set Y [expr {$Y + $l}]
            continue
        }
        foreach ln [wrap $text $hw [expr {($W - 33 - 16) / 1.12}]] {
            need $l
            jtext 33 [expr {$Y + $l*0.15}] $ln $hw hand -fill $ink -jit 1.0 -slope [rf -0.004 0.004]
            set Y [expr {$Y + $l}]
        }
    }
    if {$D(sign)} {
        need $l
        signature 120 [expr {$Y + $l*0.5}] 30 $ink
        ovl_text "(signature)"
    }
    cont_footer
}
proc cont_form {} {
    global Y W H D
    set hk [S head]; set sk [S small]; set hw [S hand]
    set h $D(h)
    tx 12 8 [dict get $h name] [fbold $sk]
    set t "CONTINUATION SHEET"
    tx [expr {$W-12}] 8 $t $hk -anchor ne
    set y 15
    # identification boxes: printed labels with handwritten values (in GT)
    R 12 $y [expr {$W-12}] [expr {$y+16}] -width 0.3
    L [list 100 $y 100 [expr {$y+16}]] -width 0.3
    L [list 12 [expr {$y+8}] [expr {$W-12}] [expr {$y+8}]] -width 0.3
    set g [row [expr {$y+1}] [list 14 "Surname" $sk]]
    jtext 32 [expr {$y+1.5}] [string toupper [pp last]] $hw hand -fill $D(ink) -seg0 5 -gl $g -jit 0.7
    set g [row [expr {$y+1}] [list 102 "Forename" $sk]]
    jtext 120 [expr {$y+1.5}] [pp first] $hw hand -fill $D(ink) -seg0 5 -gl $g -jit 0.7
    if {$D(idnhs)} {
        set g [row [expr {$y+9}] [list 14 "NHS No" $sk]]
        jtext 32 [expr {$y+9.5}] [NHS] $hw hand -fill $D(ink) -seg0 5 -gl $g -jit 0.6
    } else {
        set g [row [expr {$y+9}] [list 14 "Hosp No" $sk]]
        jtext 32 [expr {$y+9.5}] [dist [pp hosp]] $hw hand -fill $D(ink) -seg0 5 -gl $g -jit 0.6
    }
    set g [row [expr {$y+9}] [list 102 "D.O.B." $sk]]
    jtext 120 [expr {$y+9.5}] [DOB] $hw hand -fill $D(ink) -seg0 5 -gl $g -jit 0.6
    set y [expr {$y + 20}]
    # ruled lines with margin
    for {set yy $y} {$yy < $H - 12} {set yy [expr {$yy + $D(rule)}]} {
        L [list 12 $yy [expr {$W-12}] $yy] -width 0.15 -fill #9bb7d4
    }
    L [list 30 $y 30 [expr {$H-12}]] -width 0.2 -fill #d48a8a
    set Y [expr {$y + 0.5}]
}
proc cont_footer {} {
    footer_lines [list "Form $::D(formid) - file in chronological order"] [F [lindex [S small] 0] 6.5]
}
proc cont_break {} { global Y; cont_footer; dpage; cont_form }

# ================================================================ filler sections
# adds clinical sections until the document reaches its intended page count
proc more_sections {x w} {
    global Y D
    set fk [S body]; set hk [S head]; set bk [fbold $fk]
    set secs {social family results consults ice nok results2 consults2 access}
    if {[pageno] >= $D(np)} return
    set onlast 0
    set i 0
    while {$i < 30} {
        if {[pageno] >= $D(np) && $onlast >= 2} break
        set s [lindex $secs [expr {$i % [llength $secs]}]]
        incr i
        need [expr {[lh $hk]*1.3 + [lh $fk]*3}]
        set before [pageno]
        switch -glob $s {
            social {
                tx $x $Y "Social history" $hk; set Y [expr {$Y + [lh $hk]*1.3}]
                para $x $w [PR "Lives [pick {{with {HIS} partner in a terraced house} alone {with {HIS} daughter} {in a ground floor flat}}]. [pick {{Retired bus driver.} {Works as a school administrator.} {Retired textile worker.} {Self-employed joiner.} {Care home assistant.}}] [pick {{Never smoked.} {Ex-smoker, stopped 2009.} {Smokes 10 per day.}}] Alcohol [ri 0 28] units per week. Independent with activities of daily living."] $fk
            }
            family {
                tx $x $Y "Family history" $hk; set Y [expr {$Y + [lh $hk]*1.3}]
                para $x $w [pick {{Father died of a myocardial infarction aged 64. Mother has type 2 diabetes.} {No significant family history.} {Sister treated for breast cancer aged 51. Brother has hypertension.} {Mother had dementia in her eighties.}}] $fk
            }
            results* {
                tx $x $Y [expr {$s eq "results" ? "Recent test results" : "Earlier test results"}] $hk; set Y [expr {$Y + [lh $hk]*1.3}]
                set rows {}
                set t0 [addays [dict get $D(p) ldate] -[ri 5 60]]
                foreach {tn un lo hi} {Haemoglobin g/L 95 160 {Serum sodium} mmol/L 132 145 {Serum potassium} mmol/L 3.4 5.4 {Serum creatinine} umol/L 55 140 {eGFR} mL/min 35 90 {HbA1c} mmol/mol 38 80} {
                    set v [expr {$lo >= 10 ? [ri $lo $hi] : [format %.1f [rf $lo $hi]]}]
                    lappend rows [list [dist [datestr $t0 dmy_slash]] $tn $v $un]
                }
                need [expr {[lh $fk]*1.3*([llength $rows]+1)}]
                set Y [table $Y [list $x [expr {$x+28}] [expr {$x+80}] [expr {$x+105}]] $rows $fk -head {Date Test Value Units} -lead 1.25]
                set Y [expr {$Y + 3}]
            }
            consults* {
                tx $x $Y "Previous consultations" $hk; set Y [expr {$Y + [lh $hk]*1.3}]
                foreach ago [list [ri 60 200] [ri 200 500]] {
                    set t [addays [dict get $D(p) ldate] -$ago]
                    need [expr {[lh $fk]*3}]
                    tx $x $Y "[dist [datestr $t dmy_slash]] - [pick {{Surgery consultation} {Telephone consultation} {Nurse review}}] ([lindex [mkdoctor_full] 1])" $bk
                    set Y [expr {$Y + [lh $fk]*1.2}]
                    para [expr {$x+4}] [expr {$w-4}] [PR [pick {{Reviewed medication, no changes. BP satisfactory. Bloods requested.} {Annual chronic disease review. Weight stable. Foot check normal. Flu vaccine given.} {Presented with the same symptoms, advised simple measures and to return if worse. Safety netting advice given.} {Chest infection treated with amoxicillin, improved on review.}}]] $fk
                }
            }
            ice {
                tx $x $Y "Patient's ideas, concerns and expectations" $hk; set Y [expr {$Y + [lh $hk]*1.3}]
                para $x $w [PR "{CHE} is worried about the possibility of a serious cause and would like a clear plan. {CHE} understands the reason for referral and is happy to attend at short notice."] $fk
            }
            nok {
                tx $x $Y "Next of kin" $hk; set Y [expr {$Y + [lh $hk]*1.3}]
                lassign [mkperson [pick {m f}]] nf nl
                set Y [kvblock $x $Y [expr {$x+35}] [list "Name:" "$nf $nl" "Relationship:" [pick {Son Daughter Spouse Partner Neighbour}] "Telephone:" [dist [phone]]] $bk $fk]
                set Y [expr {$Y + 3}]
            }
            access {
                tx $x $Y "Accessible information and communication" $hk; set Y [expr {$Y + [lh $hk]*1.3}]
                para $x $w "No accessible information needs recorded. Interpreter required: No. Preferred contact by telephone." $fk
            }
        }
        if {[pageno] >= $D(np)} {incr onlast}
    }
}
