# encode.tcl -- turns the Octave outputs into the delivered files:
# JPEG/PNG through libtk-img (with JFIF density / pHYs patched in by hand),
# TIFF with an own writer (none, PackBits, LZW, Deflate, CCITT G3 1-D, G4;
# both byte orders; multi-page IFD chains), image-only PDF with an own writer.
# usage: wish encode.tcl BUILD_DIR OUT_DIR ?ids?

set SRC [file dirname [file normalize [info script]]]
lassign $argv BUILD OUT ONLY
package require Img
source [file join $SRC codecs.tcl]

proc readmeta {path} {
    set fh [open $path r]; fconfigure $fh -encoding utf-8
    set M [dict create]
    set P [dict create]
    while {[gets $fh line] >= 0} {
        set f [split $line \t]
        if {[lindex $f 0] eq "page"} {
            lassign $f - i k v
            dict set P $i $k $v
        } else {
            dict lappend M [lindex $f 0] [join [lrange $f 1 end] \t]
        }
    }
    close $fh
    dict set M pages $P
    return $M
}
proc readfile {p} { set fh [open $p rb]; set d [read $fh]; close $fh; return $d }
proc writefile {p d} { set fh [open $p wb]; puts -nonewline $fh $d; close $fh }

# ---------------------------------------------------------------- JPEG / PNG via libtk-img
proc photo_of {path} {
    set pn [pnm_read $path]
    return [image create photo -data [readfile $path] -format ppm]
}
proc jpeg_bytes {path q} {
    lassign [pnm_read $path] magic w h
    set img [photo_of $path]
    set fmt [list jpeg -quality $q]
    if {$magic eq "P5"} { lappend fmt -grayscale }
    set tmp [file join $::BUILD tmp.jpg]
    $img write $tmp -format $fmt
    image delete $img
    return [readfile $tmp]
}
proc jfif_density {data dx dy} {
    # patch the JFIF APP0 segment: units = dots per inch, X/Y density
    if {[string range $data 0 3] ne "\xff\xd8\xff\xe0" || [string range $data 6 10] ne "JFIF\x00"} { error "no JFIF APP0" }
    return "[string range $data 0 12][binary format cSS 1 $dx $dy][string range $data 18 end]"
}
proc png_chunk {t data} { return "[binary format I [string length $data]]$t$data[binary format I [zlib crc32 $t$data]]" }
proc png_phys {data dpi} {
    if {[string range $data 0 7] ne "\x89PNG\r\n\x1a\n"} { error "not PNG" }
    set ppm [expr {int(round($dpi / 0.0254))}]
    # walk chunks, drop any existing pHYs, insert ours after IHDR
    set out [string range $data 0 7]
    set p 8
    while {$p < [string length $data]} {
        binary scan [string range $data $p [expr {$p+7}]] Ia4 len type
        set chunk [string range $data $p [expr {$p + 12 + $len - 1}]]
        incr p [expr {12 + $len}]
        if {$type eq "pHYs"} continue
        append out $chunk
        if {$type eq "IHDR"} { append out [png_chunk pHYs [binary format IIc $ppm $ppm 1]] }
    }
    return $out
}

# ---------------------------------------------------------------- TIFF writer
proc tiff_write {path order pages} {
    # pages: list of dicts {w h spp bps photometric comp strips rps xres yres extra}
    set le [expr {$order eq "II"}]
    proc ::S16 {v} [list if $le {return [binary format s $v]} else {return [binary format S $v]}]
    proc ::S32 {v} [list if $le {return [binary format i $v]} else {return [binary format I $v]}]
    set buf [expr {$le ? "II\x2a\x00" : "MM\x00\x2a"}]
    append buf [S32 0]   ;# first IFD offset, patched below
    set prevlink 4
    set np [llength $pages]
    set pno 0
    foreach pg $pages {
        dict with pg {}
        # strips
        set offs {}; set cnts {}
        foreach s $strips {
            lappend offs [string length $buf]
            lappend cnts [string length $s]
            append buf $s
            if {[string length $buf] % 2} { append buf \x00 }
        }
        # out-of-line values
        set ext {}
        proc ::aux {data} { upvar 1 buf b; set o [string length $b]; append b $data; if {[string length $b] % 2} {append b \x00}; return $o }
        set entries {}
        lappend entries [list 254 4 1 [expr {$np > 1 ? 2 : 0}]]
        lappend entries [list 256 4 1 $w]
        lappend entries [list 257 4 1 $h]
        if {$spp == 3} {
            lappend entries [list 258 3 3 [aux "[S16 8][S16 8][S16 8]"] off]
        } else {
            lappend entries [list 258 3 1 $bps]
        }
        lappend entries [list 259 3 1 $comp]
        lappend entries [list 262 3 1 $photometric]
        if {[llength $offs] == 1} {
            lappend entries [list 273 4 1 [lindex $offs 0]]
        } else {
            set d ""; foreach o $offs { append d [S32 $o] }
            lappend entries [list 273 4 [llength $offs] [aux $d] off]
        }
        lappend entries [list 277 3 1 $spp]
        lappend entries [list 278 4 1 $rps]
        if {[llength $cnts] == 1} {
            lappend entries [list 279 4 1 [lindex $cnts 0]]
        } else {
            set d ""; foreach o $cnts { append d [S32 $o] }
            lappend entries [list 279 4 [llength $cnts] [aux $d] off]
        }
        lappend entries [list 282 5 1 [aux "[S32 $xres][S32 1]"] off]
        lappend entries [list 283 5 1 [aux "[S32 $yres][S32 1]"] off]
        if {$spp == 3} { lappend entries [list 284 3 1 1] }
        if {$comp == 3} { lappend entries [list 292 4 1 0] }
        if {$comp == 4} { lappend entries [list 293 4 1 0] }
        lappend entries [list 296 3 1 2]
        if {$np > 1} { lappend entries [list 297 3 2 [list $pno $np] pair] }
        set sw "ocr18 Tcl TIFF writer\x00"
        lappend entries [list 305 2 [string length $sw] [aux $sw] off]
        # IFD
        set ifd [string length $buf]
        append buf [S16 [llength $entries]]
        foreach e [lsort -integer -index 0 $entries] {
            lassign $e tag type cnt val how
            append buf [S16 $tag] [S16 $type] [S32 $cnt]
            if {$how eq "off"} {
                append buf [S32 $val]
            } elseif {$how eq "pair"} {
                append buf [S16 [lindex $val 0]] [S16 [lindex $val 1]]
            } elseif {$type == 3} {
                append buf [S16 $val] "\x00\x00"
            } else {
                append buf [S32 $val]
            }
        }
        set link [string length $buf]
        append buf [S32 0]
        # patch previous link
        set buf "[string range $buf 0 [expr {$prevlink-1}]][S32 $ifd][string range $buf [expr {$prevlink+4}] end]"
        set prevlink $link
        incr pno
    }
    writefile $path $buf
}
proc rows_of_p4 {data w h bpr} {
    set rows {}
    for {set y 0} {$y < $h} {incr y} {
        binary scan [string range $data [expr {$y*$bpr}] [expr {($y+1)*$bpr - 1}]] B* b
        lappend rows [string range $b 0 [expr {$w - 1}]]
    }
    return $rows
}
proc tiff_page {path comp dpix dpiy} {
    lassign [pnm_read $path] magic w h bpr data
    set spp [expr {$magic eq "P6" ? 3 : 1}]
    set bps [expr {$magic eq "P4" ? 1 : 8}]
    set photometric [expr {$magic eq "P4" ? 0 : ($magic eq "P5" ? 1 : 2)}]
    switch $comp {
        none {set code 1; set rps [expr {$magic eq "P4" ? 128 : 32}]}
        g3 {set code 3; set rps 64}
        g4 {set code 4; set rps [expr {$h > 1200 ? 256 : 128}]}
        lzw {set code 5; set rps [expr {$magic eq "P4" ? 96 : 24}]}
        deflate {set code 8; set rps [expr {$magic eq "P6" ? 16 : 32}]}
        packbits {set code 32773; set rps [expr {$magic eq "P4" ? 64 : 16}]}
    }
    if {$comp in {g3 g4} && $magic ne "P4"} { error "CCITT needs bilevel: $path" }
    set strips {}
    for {set y0 0} {$y0 < $h} {incr y0 $rps} {
        set y1 [expr {min($h, $y0 + $rps)}]
        set raw [string range $data [expr {$y0*$bpr}] [expr {$y1*$bpr - 1}]]
        switch $comp {
            none { lappend strips $raw }
            deflate { lappend strips [zlib compress $raw 9] }
            lzw { lappend strips [lzw_encode $raw] }
            packbits {
                set s ""
                for {set y $y0} {$y < $y1} {incr y} { append s [packbits_row [string range $data [expr {$y*$bpr}] [expr {($y+1)*$bpr - 1}]]] }
                lappend strips $s
            }
            g4 { lappend strips [g4_encode [rows_of_p4 $raw $w [expr {$y1-$y0}] $bpr] $w] }
            g3 { lappend strips [g3_encode [rows_of_p4 $raw $w [expr {$y1-$y0}] $bpr] $w] }
        }
    }
    return [dict create w $w h $h spp $spp bps $bps photometric $photometric comp $code strips $strips rps $rps xres $dpix yres $dpiy]
}

# ---------------------------------------------------------------- PDF writer (image only)
proc pdf_write {path pages} {
    # pages: list of dicts {mw mh (points) iw ih cs bpc filter parms data rotate}
    set objs {}
    set n [llength $pages]
    # object numbers: 1 catalog, 2 pages, then per page: page, image, content
    set kids {}
    for {set i 0} {$i < $n} {incr i} { lappend kids "[expr {3 + 3*$i}] 0 R" }
    set O(1) "<< /Type /Catalog /Pages 2 0 R >>"
    set O(2) "<< /Type /Pages /Kids \[[join $kids { }]\] /Count $n >>"
    set i 0
    foreach pg $pages {
        dict with pg {}
        set po [expr {3 + 3*$i}]; set io [expr {$po + 1}]; set co [expr {$po + 2}]
        set rot ""
        if {$rotate != 0} { set rot " /Rotate $rotate" }
        set O($po) "<< /Type /Page /Parent 2 0 R /MediaBox \[0 0 $mw $mh\] /Resources << /XObject << /Im0 $io 0 R >> >> /Contents $co 0 R$rot >>"
        set dp ""
        if {$parms ne ""} { set dp " /DecodeParms $parms" }
        set S($io) [list "<< /Type /XObject /Subtype /Image /Width $iw /Height $ih /ColorSpace $cs /BitsPerComponent $bpc /Filter $filter$dp /Length [string length $data] >>" $data]
        set content "q $mw 0 0 $mh 0 0 cm /Im0 Do Q\n"
        set S($co) [list "<< /Length [string length $content] >>" $content]
        incr i
    }
    set last [expr {2 + 3*$n}]
    set buf "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    for {set k 1} {$k <= $last} {incr k} {
        set off($k) [string length $buf]
        append buf "$k 0 obj\n"
        if {[info exists O($k)]} {
            append buf $O($k) "\nendobj\n"
        } else {
            lassign $S($k) dict data
            append buf $dict "\nstream\n" $data "\nendstream\nendobj\n"
        }
    }
    set xref [string length $buf]
    append buf "xref\n0 [expr {$last + 1}]\n0000000000 65535 f \n"
    for {set k 1} {$k <= $last} {incr k} { append buf [format "%010d 00000 n \n" $off($k)] }
    append buf "trailer\n<< /Size [expr {$last + 1}] /Root 1 0 R >>\nstartxref\n$xref\n%%EOF\n"
    writefile $path $buf
}
set PTS(A4) {595.28 841.89}
set PTS(Letter) {612 792}
set PTS(A5) {419.53 595.28}
set PTS(DL) {595.28 280.63}

# ---------------------------------------------------------------- main
set enclog [open [file join $BUILD enc encoding.tsv] w]
foreach mf [lsort [glob [file join $BUILD meta doc*.tsv]]] {
    set M [readmeta $mf]
    set id [lindex [dict get $M id] 0]
    if {$ONLY ne "" && [lsearch $ONLY $id] < 0} continue
    set fmt [lindex [dict get $M fmt] 0]
    set kind [lindex $fmt 0]
    set P [dict get $M pages]
    set np [dict size $P]
    set t0 [clock milliseconds]
    switch $kind {
        jpeg {
            set pg [dict get $P 1]
            set d [jpeg_bytes [dict get $pg octave_out] [dict get $pg q]]
            set d [jfif_density $d [dict get $pg dpi] [dict get $pg dpi_y]]
            set fn doc$id.jpg
            writefile [file join $OUT $fn] $d
            lassign [pnm_read [dict get $pg octave_out]] magic
            puts $enclog "doc$id\t$fn\t1\tjpeg-[expr {$magic eq "P5" ? "grey" : "colour"}]-q[dict get $pg q]"
        }
        png {
            set pg [dict get $P 1]
            set img [photo_of [dict get $pg octave_out]]
            set tmp [file join $BUILD tmp.png]
            $img write $tmp -format png
            image delete $img
            set d [png_phys [readfile $tmp] [dict get $pg dpi]]
            set fn doc$id.png
            writefile [file join $OUT $fn] $d
            lassign [pnm_read [dict get $pg octave_out]] magic
            puts $enclog "doc$id\t$fn\t1\tpng-rgba-[expr {$magic eq "P5" ? "grey-content" : "colour"}]"
        }
        tiff {
            lassign $fmt - comp order
            set pages {}
            for {set i 1} {$i <= $np} {incr i} {
                set pg [dict get $P $i]
                lappend pages [tiff_page [dict get $pg octave_out] $comp [dict get $pg dpi] [dict get $pg dpi_y]]
                lassign [pnm_read [dict get $pg octave_out]] magic
                puts $enclog "doc$id\tdoc$id.tif\t$i\ttiff-$comp-$order-[dict get {P4 bilevel P5 grey P6 rgb} $magic]"
            }
            tiff_write [file join $OUT doc$id.tif] $order $pages
        }
        pdf {
            set pages {}
            set prot [lindex [dict get $M pdfrotate] 0]
            for {set i 1} {$i <= $np} {incr i} {
                set pg [dict get $P $i]
                set f [dict get $pg octave_out]
                lassign [pnm_read $f] magic w h bpr data
                lassign $PTS([dict get $pg size]) mw mh
                set rotate 0
                if {$prot && [dict get $pg rot] == 90} {
                    # raster stored turned 90 degrees clockwise; the page dictionary
                    # turns it back with /Rotate 270 (landscape MediaBox)
                    set rotate 270
                    lassign [list $mh $mw] mw mh
                }
                switch [dict get $pg enc] {
                    jpeg {
                        set d [jpeg_bytes $f [dict get $pg q]]
                        set d [jfif_density $d [dict get $pg dpi] [dict get $pg dpi_y]]
                        set cs [expr {$magic eq "P5" ? "/DeviceGray" : "/DeviceRGB"}]
                        lappend pages [dict create mw $mw mh $mh iw $w ih $h cs $cs bpc 8 filter /DCTDecode parms "" data $d rotate $rotate]
                        set desc "pdf-DCTDecode-[expr {$magic eq "P5" ? "grey" : "colour"}]-q[dict get $pg q]"
                    }
                    flate {
                        if {$magic ne "P5"} { error "flate pages are greyscale" }
                        lappend pages [dict create mw $mw mh $mh iw $w ih $h cs /DeviceGray bpc 8 filter /FlateDecode parms "" data [zlib compress $data 9] rotate $rotate]
                        set desc "pdf-FlateDecode-grey"
                    }
                    ccitt {
                        if {$magic ne "P4"} { error "ccitt pages are bilevel" }
                        set d [g4_encode [rows_of_p4 $data $w $h $bpr] $w]
                        lappend pages [dict create mw $mw mh $mh iw $w ih $h cs /DeviceGray bpc 1 filter /CCITTFaxDecode parms "<< /K -1 /Columns $w /Rows $h >>" data $d rotate $rotate]
                        set desc "pdf-CCITTFaxDecode-G4-bilevel"
                    }
                }
                puts $enclog "doc$id\tdoc$id.pdf\t$i\t$desc\t[dict get $pg size]\t$rotate"
            }
            pdf_write [file join $OUT doc$id.pdf] $pages
        }
    }
    puts "doc$id $kind [expr {[clock milliseconds] - $t0}]ms"
    flush stdout
}
close $enclog
file delete -force [file join $BUILD tmp.jpg] [file join $BUILD tmp.png]
exit 0
