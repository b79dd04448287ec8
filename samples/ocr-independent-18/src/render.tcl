# render.tcl -- lays out every document, draws each page layer on a Tk canvas,
# captures it with libtk-img, writes raw PPM layers, the ground truth, the
# Octave job files and the per-document metadata.
# usage: wish render.tcl BUILD_DIR OUT_DIR ?dry? ?only-ids?

set SRC [file dirname [file normalize [info script]]]
lassign $argv BUILD OUT MODE ONLY
if {$MODE eq ""} {set MODE full}
package require Img
source [file join $SRC lib.tcl]
source [file join $SRC content.tcl]
source [file join $SRC layouts.tcl]
source [file join $SRC docs.tcl]

wm overrideredirect . 1
wm geometry . +0+0
canvas .c -width 100 -height 100 -bg white -highlightthickness 0 -bd 0
pack .c
update

foreach d {r o meta enc job} { file mkdir [file join $BUILD $d] }

proc kindname {d} {
    set k [dict get $d kind]
    switch $k {
        ers {return ers_export}
        emis {return emis_web_export}
        systmone {return systmone_export}
        vision {return vision_export}
        tickbox {return tickbox_proforma}
        dictated {
            if {[dict get $d reblock] eq "c"} {return dictated_letter_header_band}
            return dictated_letter
        }
        soap {return soap_note}
        terse {return terse_note}
        twopage_header {return two_page_letter_first_page_header}
        demobox {return demographics_box_beside_address}
        fax {return faxed_referral_with_cover_sheet}
        typewriter {return typewritten_letter}
        dotmatrix {return dot_matrix_letter}
        complislip {return compliments_slip_with_letter}
        clinic { if {[dict get $d demo]} {return clinic_letter_demographics_two_columns}; return clinic_letter }
        discharge {return discharge_summary}
        lab { if {[dict get $d labstyle] eq "dot"} {return lab_report_dot_matrix}; return lab_report }
        appt {return appointment_letter}
        contsheet {return handwritten_continuation_sheet}
    }
    return $k
}

proc cont_entries {} {
    # handwritten ward / clinic notes built from the scenario
    global D
    set sc $D(sc)
    set t [dict get $D(p) ldate]
    set out {}
    set k 0
    set whos {}
    lappend whos "WR [mkdoctor]" "[pick {SHO Reg FY2}] review" "Clinic - [mkdoctor]"
    if {$D(np) > 1} { lappend whos "WR [mkdoctor]" "Nursing note" "[pick {SHO Reg FY2}] review" "WR [mkdoctor]" "Physio" }
    foreach who $whos {
        set t [addays $t [ri 1 3]]
        lappend out [list date "[datestr $t $D(datestyle)] [format %02d:%02d [ri 8 17] [expr {[ri 0 5]*10}]] $who"]
        dist [datestr $t $D(datestyle)]
        switch $k {
            0 { set txt "[dict get $sc reason]. [pron $D(p) [lindex [dict get $sc hx] 0]] [lindex [dict get $sc exam] 0] Obs stable, apyrexial." }
            1 { set txt "Pt comfortable, eating and drinking. [lindex [dict get $sc inv] 0] Plan: [join [lrange [dict get $sc plan] 0 1] { }]" }
            2 { set txt "Reviewed with results. Diagnosis [string tolower [dict get $sc diag]]. [lindex [dict get $sc plan] end] For GP letter and follow up." }
            3 { set txt "Seen on ward round. [lindex [dict get $sc exam] end] Bloods stable. Continue current plan, review tomorrow." }
            4 { set txt "Discussed with family at bedside, all questions answered. [pron $D(p) {{CHE} remains keen to go home.}] OT and physio assessments requested." }
            5 { set txt "Mobilising with frame, managed stairs with supervision. Needs rail at home; referral to community OT made. Safe for discharge from a physiotherapy point of view." }
            6 { set txt "Medically fit for discharge. TTOs written. [lindex [dict get $sc plan] 0] Discharge summary to GP. Follow up in clinic as planned." }
            7 { set txt "Reviewed pre discharge. Observations within normal limits. [lindex [dict get $sc plan] end]" }
        }
        lappend out [list text $txt]
        incr k
    }
    return $out
}

proc setup_doc {d} {
    global D
    array unset D
    set id [dict get $d id]
    seed "ocr18/doc$id"
    foreach k [dict keys $d] { set D($k) [dict get $d $k] }
    set D(S,body) [F {*}[dict get $d fonts body]]
    foreach k {head small mono type hand} {
        if {[dict exists $d fonts $k]} { set D(S,$k) [F {*}[dict get $d fonts $k]] } else { set D(S,$k) $D(S,body) }
    }
    set D(sc) [scenario [dict get $d scen]]
    set sx ""
    if {[dict exists $D(sc) sex]} {set sx [dict get $D(sc) sex]}
    set D(p) [mkpatient [dict get $d era] $sx [dict get $d scen]]
    set D(pr) [mkpractice]
    set D(h) [mkhospital]
    set D(nhsstyle) [dict get $d nhs]
    set D(dobstyle) [dict get $d dob]
    set D(datestyle) [dict get $d date]
    set D(pages) {}
    set D(nhsp) {}
    set D(dobp) {}
    set D(dist) {}
    set D(np) [llength [dict get $d pages]]
    foreach {k v} {demo 0 labstyle plain greenbar 0 idnhs 1 ink #1d2b6b rule 8.0 sign 1 pdfrotate 0} {
        if {![info exists D($k)]} {set D($k) $v}
    }
    set D(formid) "MR[ri 10 99]"
    if {$D(kind) eq "contsheet"} { set D(entries) [cont_entries] }
}

# ---------------------------------------------------------------- overlay marks
proc find_text {n pat} {
    set out {}
    foreach o $::PAGE($n,ops) {
        if {[lindex $o 0] ne "T"} continue
        lassign $o - layer x y str fk anchor fill angle gl seg
        if {$gl < 0} continue
        if {[string match $pat $str]} {
            set w [mw $fk $str]; set h [lh $fk]
            if {$anchor eq "ne"} {set x [expr {$x - $w}]}
            lappend out [list $x $y [expr {$x+$w}] [expr {$y+$h}]]
        }
    }
    return $out
}
proc addmark {n m} {
    global PG D PAGE
    set save $PG(n)
    set PG(n) $n
    set W $PAGE($n,w); set H $PAGE($n,h)
    switch [lindex $m 0] {
        stamp_recv {
            set col [pick {#b00020 #1a3a8a #5b1f8a #8a1a1a}]
            set dd [addays [dict get $D(p) ldate] [ri 2 9]]
            set ds [datestr $dd dmy_upper]
            dist $ds
            set cx [expr {$W - [rf 45 70]}]; set cy [rf 38 70]
            if {$H < 150} {set cy [rf 40 60]}
            rstamp $cx $cy [list "RECEIVED" $ds "MEDICAL RECORDS"] [F "League Spartan" 11 bold] $col [format %.1f [rf -12 12]]
            lappend PAGE($n,marks) rubber_stamp
        }
        stamp {
            lassign $m - word x y col
            rstamp $x $y [list $word] [F "League Spartan" 20 bold] $col [format %.1f [rf -15 15]]
            lappend PAGE($n,marks) rubber_stamp
        }
        hw {
            lassign $m - txt x y ang
            htext $x $y $txt [F [pick {{Domestic Manners} {Yusei Magic}}] 15] -fill [pick {#1b2a7a #a01010 #111111}] -angle $ang
            lappend PAGE($n,marks) handwritten_annotation
        }
        hl {
            set pat [lindex $m 1]
            set boxes [find_text $n $pat]
            if {[llength $boxes] == 0} { error "doc $D(id): highlight pattern $pat not found on page $n" }
            lassign [lindex $boxes 0] x0 y0 x1 y1
            highlight [expr {$x0-1}] [expr {$y0-0.3}] [expr {$x1+1}] [expr {$y1+0.3}] [pick {#fbf05a #f7a8d8 #a8f0a0}]
            lappend PAGE($n,marks) highlighter
        }
    }
    set PG(n) $save
}
proc add_faxheader {n i np} {
    global PG D PAGE
    set save $PG(n); set PG(n) $n
    set fk [F "Spleen 12x24" 7.5]
    set pr $D(pr)
    if {![info exists D(faxmin)]} { set D(faxmin) [expr {[ri 8 16]*60 + [ri 0 59]}] }
    set m [expr {$D(faxmin) + $i - 1}]
    set ts "[datestr [dict get $D(p) ldate] dmy_slash] [format %02d:%02d [expr {$m / 60}] [expr {$m % 60}]]"
    set hdr "$ts FROM: [string toupper [dict get $pr name]] FAX [dict get $pr fax] TO: [dict get $D(h) fax] P.[format %03d $i]/[format %03d $np]"
    dist [datestr [dict get $D(p) ldate] dmy_slash]
    set g [gl_new]
    T 6 2.5 $hdr $fk -gl $g -layer post
    set PAGE($n,order) [concat [list $g] [lrange [lsearch -all [lrepeat $PAGE($n,gtn) x] x] 0 end-1]]
    set PG(n) $save
}
proc add_back {n} {
    # text printed on the reverse side (seen as bleed-through, not GT)
    global PG PAGE
    set save $PG(n); set PG(n) $n
    set fk [F "Century Catalogue" 10.5]
    set W $PAGE($n,w)
    set y 40
    ntx 25 25 "[pick $::PRACTICES]" [F "Century Catalogue" 15 bold] -layer back
    set s [scenario]
    foreach ln [wrap [pron [mkpatient 2000] "[join [dict get $s hx] { }] [join [dict get $s exam] { }] [join [dict get $s plan] { }] [join [dict get $s hx] { }]"] $fk [expr {$W-50}]] {
        ntx 25 $y $ln $fk -layer back
        set y [expr {$y + [lh $fk]*1.25}]
        if {$y > $PAGE($n,h) - 30} break
    }
    set PG(n) $save
}

# ---------------------------------------------------------------- capture
proc capture {path wpx hpx} {
    set img [image create photo -format window -data .c]
    if {[image width $img] != $wpx || [image height $img] != $hpx} {
        error "capture size [image width $img]x[image height $img] != ${wpx}x$hpx"
    }
    set raw [binary decode base64 [$img data -format ppm]]
    image delete $img
    if {![regexp -indices {^P6\s+(\d+)\s+(\d+)\s+(\d+)\s} $raw hdr]} { error "unexpected capture header" }
    set off [expr {[lindex $hdr 1] + 1}]
    set pix [string range $raw $off end]
    if {[string length $pix] != $wpx*$hpx*3} { error "capture length" }
    set fh [open $path wb]
    puts -nonewline $fh "P6\n$wpx $hpx\n255\n"
    puts -nonewline $fh $pix
    close $fh
}
proc readback_gt_ordered {n} {
    global PAGE
    set lines [readback_gt_raw $n]
    if {![info exists PAGE($n,order)]} { return [dict values $lines] }
    set out {}
    foreach g $PAGE($n,order) { if {[dict exists $lines $g]} { lappend out [dict get $lines $g] } }
    return $out
}
proc readback_gt_raw {n} {
    # like readback_gt but keyed by line number
    global PAGE
    set c .c
    set out [dict create]
    for {set g 0} {$g < $PAGE($n,gtn)} {incr g} {
        array unset SG
        foreach id [$c find withtag gl$g] {
            set s [string range [lsearch -inline -glob [$c gettags $id] sg*] 2 end]
            lappend SG($s) $id
        }
        set parts {}
        foreach s [array names SG] {
            set x [lindex [$c bbox [lindex $SG($s) 0]] 0]
            set txt ""
            foreach id $SG($s) { append txt [$c itemcget $id -text] }
            lappend parts [list $x $s $txt]
        }
        set parts [lsort -real -index 0 [lsort -integer -index 1 $parts]]
        set line {}
        foreach p $parts {lappend line [lindex $p 2]}
        set line [clean [join $line " "]]
        if {$line ne ""} {dict set out $g $line}
    }
    return $out
}

# Octave pipeline from a page spec
proc build_pipeline {ps layers} {
    set ops [dict get $ps ops]
    set stage1 {}; set stage2 {}; set stage3 {}; set stage4 {}; set hts {}
    set mode [dict get $ps mode]
    foreach o $ops {
        switch [lindex $o 0] {
            inkfade - toner - dotmatrix - ribbon { lappend stage1 $o }
            halftone { lappend hts $o }
            paper - yellow - coffee - fold - photocopy - streaks - speckle - punch - staple { lappend stage2 $o }
            edgeshadow - bookfold { lappend stage3 $o }
            light - blur - noise { lappend stage4 $o }
            faxband { }
            default { error "unknown op $o" }
        }
    }
    set p $stage1
    foreach h $hts { lappend p $h }
    lappend p compose
    if {[lsearch $layers back] >= 0} { lappend p [list bleed [format %.2f [rf 0.12 0.22]]] }
    foreach o $stage2 { lappend p $o }
    lappend p [list skew [dict get $ps skew] [expr {[dict get $ps diff] eq "hard" ? 0.35 : 0.97}]]
    foreach o $stage3 { lappend p $o }
    if {[lsearch $layers post] >= 0} { lappend p postcompose }
    foreach o $stage4 { lappend p $o }
    set rot 0
    if {[dict exists $ps rot]} {set rot [dict get $ps rot]}
    switch $mode {
        grey { lappend p [list rot $rot] [list out grey] }
        colour { lappend p [list rot $rot] [list out colour] }
        bilevel { lappend p [list rot $rot] [list out bilevel [dict get $ps thresh]] }
        fax - faxdbl {
            set fb 0.5
            foreach o $ops { if {[lindex $o 0] eq "faxband"} {set fb [lindex $o 1]} }
            lappend p [list fax $fb [expr {$mode eq "faxdbl"}]] [list rot $rot] [list out bilevel 0.5]
        }
    }
    return $p
}

proc degr_names {ps n} {
    set out {}
    set sk [dict get $ps skew]
    if {$sk != 0} { lappend out "skew_[format %+.1f $sk]deg" }
    set rot 0; if {[dict exists $ps rot]} {set rot [dict get $ps rot]}
    if {$rot != 0} { lappend out "rotated_${rot}_cw" }
    foreach o [dict get $ps ops] {
        switch [lindex $o 0] {
            paper {
                lassign $o - r g b
                if {max($r,$g,$b) - min($r,$g,$b) > 0.03} {lappend out coloured_paper} else {lappend out paper_tint}
            }
            yellow { lappend out yellowed_paper }
            coffee { lappend out coffee_stain }
            fold { lappend out fold_crease }
            photocopy { lappend out "photocopy_generation_[lindex $o 1]" }
            streaks { lappend out photocopy_streaks }
            speckle { lappend out toner_speckle }
            punch { lappend out punch_holes }
            staple { lappend out staple }
            edgeshadow { lappend out edge_shadow }
            bookfold { lappend out book_fold_shadow }
            inkfade { lappend out low_contrast_pencil_grey_print }
            toner { lappend out toner_loss }
            dotmatrix { lappend out dot_matrix_print }
            ribbon { lappend out faded_ribbon }
            halftone { lappend out halftone_logo_moire }
            light { if {[lindex $o 1] >= 0.1} {lappend out uneven_lighting} }
            blur { if {[lindex $o 1] >= 0.8} {lappend out blur} }
            noise { if {[lindex $o 1] >= 0.03} {lappend out sensor_noise} }
            faxband { lappend out fax_banding }
        }
    }
    set mode [dict get $ps mode]
    if {$mode eq "fax"} { lappend out fax_204x98dpi fax_header_line }
    if {$mode eq "faxdbl"} { lappend out fax_200x100dpi_line_doubled fax_header_line }
    if {$mode eq "bilevel"} { lappend out bilevel_threshold }
    if {[dict exists $ps q] && [dict get $ps q] <= 50} { lappend out jpeg_blocking }
    if {[dict exists $ps back] && [dict get $ps back]} { lappend out bleed_through }
    if {[dict get $ps dpi] <= 150} { lappend out low_resolution }
    foreach m [lsort -unique $::PAGE($n,marks)] { lappend out $m }
    return $out
}

# ---------------------------------------------------------------- main
set jobs {}
set summary {}
foreach d $DOCS {
    set id [dict get $d id]
    if {$ONLY ne "" && [lsearch $ONLY $id] < 0} continue
    setup_doc $d
    set first [expr {$PG(n) + 1}]
    lay_[dict get $d kind]
    set pages $D(pages)
    set specs [dict get $d pages]
    if {[llength $pages] != [llength $specs]} {
        puts stderr "doc$id: layout made [llength $pages] pages, spec has [llength $specs]"
        if {$MODE ne "dry"} { exit 1 }
        set specs [lrange $specs 0 [expr {[llength $pages]-1}]]
        while {[llength $specs] < [llength $pages]} { lappend specs [lindex $specs end] }
    }
    foreach n $pages { if {![info exists PAGE($n,marks)]} {set PAGE($n,marks) {}} }
    # overlays, fax headers, reverse-side print
    set i 0
    foreach n $pages ps $specs {
        incr i
        if {$ps eq ""} continue
        foreach m [dict get $ps marks] { addmark $n $m }
        foreach o $PAGE($n,ops) {
            if {[lindex $o 1] eq "ovl" && [lindex $o 0] in {L}} { if {[lsearch $PAGE($n,marks) pen_marks_signature_ticks] < 0} {lappend PAGE($n,marks) pen_marks_signature_ticks} }
            if {[lindex $o 1] eq "ovl" && [lindex $o 0] eq "T" && [lsearch $PAGE($n,marks) rubber_stamp] < 0 && [lsearch $PAGE($n,marks) handwritten_annotation] < 0} { lappend PAGE($n,marks) handwritten_annotation }
        }
        if {[dict exists $ps faxhdr]} { add_faxheader $n $i [llength $pages] }
        if {[dict exists $ps back] && [dict get $ps back]} { add_back $n }
    }
    # render
    set gtpages {}
    set i 0
    set meta [open [file join $BUILD meta doc$id.tsv] w]
    fconfigure $meta -encoding utf-8
    foreach n $pages ps $specs {
        incr i
        set dpi [dict get $ps dpi]
        set ::DPI $dpi
        set wpx [expr {int(round($PAGE($n,w) * $dpi / 25.4))}]
        set hpx [expr {int(round($PAGE($n,h) * $dpi / 25.4))}]
        .c configure -width $wpx -height $hpx
        wm geometry . ${wpx}x${hpx}+0+0
        update
        set layers {}
        foreach o $PAGE($n,ops) { set ly [lindex $o 1]; if {[lsearch $layers $ly] < 0} {lappend layers $ly} }
        if {[lsearch $layers base] < 0} {lappend layers base}
        set pid doc${id}_p$i
        set layerlines {}
        foreach ly {pre base ovl post back} {
            if {[lsearch $layers $ly] < 0} continue
            if {$MODE ne "dry"} {
                draw_layer $n $ly
                update
                set f [file join $BUILD r ${pid}_$ly.ppm]
                capture $f $wpx $hpx
            }
            lappend layerlines "layer $ly [file join $BUILD r ${pid}_$ly.ppm]"
        }
        draw_layer $n all
        update idletasks
        set gt [readback_gt_ordered $n]
        lappend gtpages [join $gt "\n"]
        # octave job
        set pipe [build_pipeline $ps $layers]
        set ext [expr {[dict get $ps mode] eq "colour" ? "ppm" : ([dict get $ps mode] eq "grey" ? "pgm" : "pbm")}]
        set outf [file join $BUILD o $pid.$ext]
        set jf [open [file join $BUILD job $pid.job] w]
        puts $jf "id $pid"
        puts $jf "size $wpx $hpx"
        puts $jf "dpi $dpi"
        puts $jf "seed [expr {[strhash "ocr18/$pid"] % 2147483647}]"
        foreach l $layerlines { puts $jf $l }
        foreach b $PAGE($n,halftone) {
            lassign $b x0 y0 x1 y1
            puts $jf "box [expr {int($x0*$dpi/25.4)}] [expr {int($y0*$dpi/25.4)}] [expr {int($x1*$dpi/25.4)}] [expr {int($y1*$dpi/25.4)}]"
        }
        foreach o $pipe { puts $jf "op [join $o { }]" }
        puts $jf "output $outf"
        close $jf
        lappend jobs [file join $BUILD job $pid.job]
        set rot 0; if {[dict exists $ps rot]} {set rot [dict get $ps rot]}
        set dpix $dpi; set dpiy $dpi
        if {[dict get $ps mode] eq "fax"} {set dpix 204; set dpiy 98}
        if {[dict get $ps mode] eq "faxdbl"} {set dpix 204; set dpiy 196}
        puts $meta "page\t$i\tdpi\t$dpix"
        puts $meta "page\t$i\tdpi_y\t$dpiy"
        puts $meta "page\t$i\trender_dpi\t$dpi"
        puts $meta "page\t$i\tsize\t$PAGE($n,size)"
        puts $meta "page\t$i\tmode\t[dict get $ps mode]"
        puts $meta "page\t$i\tskew\t[dict get $ps skew]"
        puts $meta "page\t$i\trot\t$rot"
        puts $meta "page\t$i\tdiff\t[dict get $ps diff]"
        foreach g [degr_names $ps $n] { puts $meta "page\t$i\tdegr\t$g" }
        foreach f $PAGE($n,fonts) { puts $meta "font\t$f" }
        foreach f $PAGE($n,ofonts) { puts $meta "ofont\t$f" }
        # layout sanity: printed text must stay on the page
        foreach o $PAGE($n,ops) {
            if {[lindex $o 0] ne "T"} continue
            lassign $o - layer x y str fk anchor fill angle gl seg
            if {$gl < 0} continue
            set wd [mw $fk $str]
            set x0 [expr {$anchor eq "ne" ? $x - $wd : ($anchor eq "center" ? $x - $wd/2 : $x)}]
            if {$x0 < 2 || $x0 + $wd > $PAGE($n,w) - 4 || $y > $PAGE($n,h) - 4} {
                puts stderr "WARN doc$id p$i text outside page: $str"
            }
        }
        foreach t $PAGE($n,ovl) { puts $meta "overlay\t$i\t$t" }
        foreach t $PAGE($n,logo) { puts $meta "logo\t$i\t$t" }
        if {[dict exists $ps enc]} { puts $meta "page\t$i\tenc\t[dict get $ps enc]" }
        if {[dict exists $ps q]} { puts $meta "page\t$i\tq\t[dict get $ps q]" }
        puts $meta "page\t$i\toctave_out\t$outf"
    }
    foreach k {id type kind scen era} { puts $meta "$k\t[dict get $d $k]" }
    puts $meta "kindname\t[kindname $d]"
    puts $meta "nhs\t[dict get $D(p) nhs]"
    puts $meta "dob\t[iso [dict get $D(p) dob]]"
    puts $meta "name\t[pname $D(p) plain]"
    foreach v [lsort -unique $D(nhsp)] { puts $meta "nhsp\t$v" }
    foreach v [lsort -unique $D(dobp)] { puts $meta "dobp\t$v" }
    foreach v $D(dist) { puts $meta "dist\t$v" }
    puts $meta "fmt\t[dict get $d fmt]"
    puts $meta "pdfrotate\t$D(pdfrotate)"
    close $meta
    # ground truth: pages separated by a line holding a single form feed
    set gf [open [file join $OUT doc$id.gt.txt] w]
    fconfigure $gf -encoding utf-8 -translation lf
    puts $gf [join $gtpages "\n\f\n"]
    close $gf
    lappend summary "doc$id [dict get $d kind] pages=[llength $pages]"
    puts "doc$id [dict get $d kind] pages=[llength $pages]"
    flush stdout
}
set jl [open [file join $BUILD jobs.txt] w]
foreach j $jobs { puts $jl $j }
close $jl
exit 0
