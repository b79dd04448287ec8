# verify_tiff.tcl -- own TIFF reader: walks the IFD chain of every delivered TIFF,
# decodes every strip (none, PackBits, LZW, Deflate, CCITT G3 1-D, G4) and
# compares the pixels with the raster that Octave produced for that page.
# usage: tclsh verify_tiff.tcl BUILD_DIR OUT_DIR
set SRC [file dirname [file normalize [info script]]]
lassign $argv BUILD OUT
source [file join $SRC codecs.tcl]

proc rd {p} { set fh [open $p rb]; set d [read $fh]; close $fh; return $d }
proc tiff_read {path} {
    set d [rd $path]
    set bo [string range $d 0 1]
    if {$bo eq "II"} { set s16 su; set s32 iu } elseif {$bo eq "MM"} { set s16 Su; set s32 Iu } else { error "bad byte order" }
    binary scan [string range $d 2 3] $s16 magic
    if {$magic != 42} { error "bad magic" }
    binary scan [string range $d 4 7] $s32 ifd
    set pages {}
    set seen {}
    while {$ifd != 0} {
        if {$ifd in $seen} { error "IFD loop" }
        lappend seen $ifd
        binary scan [string range $d $ifd [expr {$ifd+1}]] $s16 n
        set T [dict create]
        for {set k 0} {$k < $n} {incr k} {
            set e [expr {$ifd + 2 + 12*$k}]
            binary scan [string range $d $e [expr {$e+7}]] ${s16}${s16}${s32} tag type cnt
            set sz [dict get {1 1 2 1 3 2 4 4 5 8} $type]
            set tot [expr {$sz * $cnt}]
            if {$tot <= 4} { set vo [expr {$e + 8}] } else { binary scan [string range $d [expr {$e+8}] [expr {$e+11}]] $s32 vo }
            set vals {}
            for {set i 0} {$i < $cnt} {incr i} {
                set o [expr {$vo + $i*$sz}]
                switch $type {
                    1 - 2 { binary scan [string index $d $o] cu v }
                    3 { binary scan [string range $d $o [expr {$o+1}]] $s16 v }
                    4 { binary scan [string range $d $o [expr {$o+3}]] $s32 v }
                    5 { binary scan [string range $d $o [expr {$o+7}]] ${s32}${s32} a b; set v [expr {double($a)/$b}] }
                }
                lappend vals $v
            }
            dict set T $tag $vals
        }
        lappend pages $T
        binary scan [string range $d [expr {$ifd + 2 + 12*$n}] [expr {$ifd + 5 + 12*$n}]] $s32 ifd
    }
    return [list $d $bo $pages]
}
proc decode_page {d T} {
    set w [lindex [dict get $T 256] 0]; set h [lindex [dict get $T 257] 0]
    set comp [lindex [dict get $T 259] 0]
    set bps [lindex [dict get $T 258] 0]
    set spp [expr {[dict exists $T 277] ? [lindex [dict get $T 277] 0] : 1}]
    set rps [lindex [dict get $T 278] 0]
    set offs [dict get $T 273]; set cnts [dict get $T 279]
    set bpr [expr {$bps == 1 ? ($w + 7)/8 : $w*$spp}]
    set out ""
    set y0 0
    foreach o $offs c $cnts {
        set s [string range $d $o [expr {$o + $c - 1}]]
        set nr [expr {min($rps, $h - $y0)}]
        switch $comp {
            1 { append out $s }
            8 { append out [zlib decompress $s] }
            5 { append out [lzw_decode $s] }
            32773 { append out [packbits_decode $s] }
            3 - 4 {
                set rows [expr {$comp == 4 ? [g4_decode $s $w $nr] : [g3_decode $s $w $nr]}]
                foreach r $rows {
                    set pad [expr {$bpr*8 - $w}]
                    append out [binary format B* "$r[string repeat 0 $pad]"]
                }
            }
            default { error "compression $comp" }
        }
        incr y0 $nr
    }
    if {[string length $out] != $bpr * $h} { error "decoded size [string length $out] != [expr {$bpr*$h}]" }
    return [list $w $h $bps $spp $out]
}

# map doc -> octave outputs from the metadata
set fail 0
set npages 0
set report {}
foreach mf [lsort [glob [file join $BUILD meta doc*.tsv]]] {
    set fh [open $mf r]; set outs {}; set id ""
    while {[gets $fh line] >= 0} {
        set f [split $line \t]
        if {[lindex $f 0] eq "page" && [lindex $f 2] eq "octave_out"} { lappend outs [lindex $f 3] }
        if {[lindex $f 0] eq "id"} { set id [lindex $f 1] }
    }
    close $fh
    set tf [file join $OUT doc$id.tif]
    if {![file exists $tf]} continue
    set t0 [clock milliseconds]
    if {[catch {
        lassign [tiff_read $tf] d bo pages
        if {[llength $pages] != [llength $outs]} { error "page count [llength $pages] != [llength $outs]" }
        set i 0
        foreach T $pages o $outs {
            lassign [decode_page $d $T] w h bps spp pix
            lassign [pnm_read $o] magic ow oh obpr odata
            if {$w != $ow || $h != $oh} { error "page [expr {$i+1}] size mismatch" }
            if {$pix ne $odata} { error "page [expr {$i+1}] pixels differ" }
            incr i
        }
        incr npages $i
        lappend report "doc$id.tif $bo pages=$i comp=[lindex [dict get [lindex $pages 0] 259] 0] OK"
    } err]} {
        lappend report "doc$id.tif FAILED: $err"
        incr fail
    }
    puts "[lindex $report end] ([expr {[clock milliseconds]-$t0}] ms)"
    flush stdout
}
puts "TIFF verification: [expr {[llength $report] - $fail}] files OK, $fail failed, $npages pages decoded"
exit [expr {$fail ? 1 : 0}]
