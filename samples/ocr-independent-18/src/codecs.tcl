# codecs.tcl -- own encoders/decoders: CCITT T.4 (1-D) and T.6 (G4), TIFF LZW,
# PackBits, plus PNM reading. Pure Tcl; bit streams are handled as strings of
# '0'/'1' characters and packed with [binary format B*].

# ---------------------------------------------------------------- T.4 code tables
# white and black terminating codes, runs 0..63
set CC(wt) {00110101 000111 0111 1000 1011 1100 1110 1111 10011 10100 00111 01000 001000 000011 110100 110101
 101010 101011 0100111 0001100 0001000 0010111 0000011 0000100 0101000 0101011 0010011 0100100 0011000 00000010 00000011 00011010
 00011011 00010010 00010011 00010100 00010101 00010110 00010111 00101000 00101001 00101010 00101011 00101100 00101101 00000100 00000101 00001010
 00001011 01010010 01010011 01010100 01010101 00100100 00100101 01011000 01011001 01011010 01011011 01001010 01001011 00110010 00110011 00110100}
set CC(bt) {0000110111 010 11 10 011 0011 0010 00011 000101 000100 0000100 0000101 0000111 00000100 00000111 000011000
 0000010111 0000011000 0000001000 00001100111 00001101000 00001101100 00000110111 00000101000 00000010111 00000011000 000011001010 000011001011 000011001100 000011001101 000001101000 000001101001
 000001101010 000001101011 000011010010 000011010011 000011010100 000011010101 000011010110 000011010111 000001101100 000001101101 000011011010 000011011011 000001010100 000001010101 000001010110 000001010111
 000001100100 000001100101 000001010010 000001010011 000000100100 000000110111 000000111000 000000100111 000000101000 000001011000 000001011001 000000101011 000000101100 000001011010 000001100110 000001100111}
# make-up codes for 64..1728 (step 64)
set CC(wm) {11011 10010 010111 0110111 00110110 00110111 01100100 01100101 01101000 01100111 011001100 011001101 011010010 011010011
 011010100 011010101 011010110 011010111 011011000 011011001 011011010 011011011 010011000 010011001 010011010 011000 010011011}
set CC(bm) {0000001111 000011001000 000011001001 000001011011 000000110011 000000110100 000000110101 0000001101100 0000001101101
 0000001001010 0000001001011 0000001001100 0000001001101 0000001110010 0000001110011 0000001110100 0000001110101 0000001110110
 0000001110111 0000001010010 0000001010011 0000001010100 0000001010101 0000001011010 0000001011011 0000001100100 0000001100101}
# extended make-up codes 1792..2560 (both colours)
set CC(xm) {00000001000 00000001100 00000001101 000000010010 000000010011 000000010100 000000010101 000000010110 000000010111 000000011100 000000011101 000000011110 000000011111}
set CC(eol) 000000000001

proc cc_build {} {
    global CC
    foreach col {w b} {
        set i 0
        foreach c $CC(${col}t) { set CC(enc,$col,$i) $c; set CC(dec,$col,$c) $i; incr i }
        set r 64
        foreach c $CC(${col}m) { set CC(enc,$col,$r) $c; set CC(dec,$col,$c) $r; incr r 64 }
        set r 1792
        foreach c $CC(xm) { set CC(enc,$col,$r) $c; set CC(dec,$col,$c) $r; incr r 64 }
    }
    # 2-D mode codes
    array set ::MODE {1 V0 011 VR1 000011 VR2 0000011 VR3 010 VL1 000010 VL2 0000010 VL3 001 H 0001 P}
    array set ::VCODE {0 1 1 011 2 000011 3 0000011 -1 010 -2 000010 -3 0000010}
}
cc_build

proc runcode {col n} {
    global CC
    set c [expr {$col ? "b" : "w"}]
    set out ""
    while {$n >= 2560} { append out $CC(enc,$c,2560); incr n -2560 }
    if {$n >= 64} {
        set m [expr {($n / 64) * 64}]
        append out $CC(enc,$c,$m)
        incr n -$m
    }
    append out $CC(enc,$c,$n)
    return $out
}
# positions where the colour changes in a row given as a string of 0/1 (1 = black)
proc changes {bits} {
    set out {}
    set pos 0
    set want 1
    while 1 {
        set p [string first $want $bits $pos]
        if {$p < 0} break
        lappend out $p
        set pos $p
        set want [expr {1 - $want}]
    }
    return $out
}
proc g4_row {cur ref w} {
    global VCODE
    set out ""
    set a0 -1; set color 0
    set nc [llength $cur]; set nr [llength $ref]
    set i 0; set j 0
    while {$a0 < $w} {
        while {$i < $nc && [lindex $cur $i] <= $a0} {incr i}
        set a1 [expr {$i < $nc ? [lindex $cur $i] : $w}]
        set a2 [expr {$i + 1 < $nc ? [lindex $cur [expr {$i+1}]] : $w}]
        set j [expr {$j > 3 ? $j - 3 : 0}]
        while {$j < $nr && [lindex $ref $j] <= $a0} {incr j}
        if {($j & 1) != $color} {incr j}
        set b1 [expr {$j < $nr ? [lindex $ref $j] : $w}]
        set b2 [expr {$j + 1 < $nr ? [lindex $ref [expr {$j+1}]] : $w}]
        if {$b2 < $a1} {
            append out 0001
            set a0 $b2
            continue
        }
        set d [expr {$a1 - $b1}]
        if {$d >= -3 && $d <= 3} {
            append out $VCODE($d)
            set a0 $a1
            set color [expr {1 - $color}]
            continue
        }
        append out 001 [runcode $color [expr {$a1 - ($a0 < 0 ? 0 : $a0)}]] [runcode [expr {1 - $color}] [expr {$a2 - $a1}]]
        set a0 $a2
    }
    return $out
}
# rows: list of 0/1 strings (each exactly w long). Returns packed bytes of one
# independently decodable G4 strip ending with EOFB.
proc g4_encode {rows w} {
    set ref {}
    set bits ""
    foreach r $rows {
        set cur [changes $r]
        append bits [g4_row $cur $ref $w]
        set ref $cur
    }
    append bits 000000000001000000000001
    return [binary format B* $bits]
}
# T.4 one-dimensional (Modified Huffman) with an EOL before every row
proc g3_encode {rows w} {
    set bits ""
    foreach r $rows {
        append bits $::CC(eol)
        set ch [changes $r]
        lappend ch $w
        set pos 0; set col 0
        foreach c $ch {
            append bits [runcode $col [expr {$c - $pos}]]
            set pos $c
            set col [expr {1 - $col}]
        }
        if {[llength $ch] % 2 == 0} {
            # row ended on black: nothing more needed, runs already cover w
        }
    }
    return [binary format B* $bits]
}

# ---------------------------------------------------------------- CCITT decoders
proc cc_readrun {bitsVar posVar col} {
    upvar $bitsVar bits $posVar p
    global CC
    set c [expr {$col ? "b" : "w"}]
    set total 0
    while 1 {
        set found 0
        for {set l 2} {$l <= 13} {incr l} {
            set code [string range $bits $p [expr {$p + $l - 1}]]
            if {[info exists CC(dec,$c,$code)]} {
                set v $CC(dec,$c,$code)
                incr p $l
                incr total $v
                set found 1
                break
            }
        }
        if {!$found} { error "bad run code at bit $p" }
        if {$v < 64} { return $total }
    }
}
proc runs_to_bits {ch w} {
    set out ""
    set pos 0; set col 0
    foreach c [concat $ch [list $w]] {
        if {$c > $pos} { append out [string repeat $col [expr {$c - $pos}]] }
        set pos $c
        set col [expr {1 - $col}]
    }
    return $out
}
proc g4_decode {data w h} {
    global MODE
    binary scan $data B* bits
    set p 0
    set ref {}
    set rows {}
    for {set y 0} {$y < $h} {incr y} {
        set cur {}
        set a0 -1; set color 0
        set nr [llength $ref]; set j 0
        while {$a0 < $w} {
            set m ""
            for {set l 1} {$l <= 7} {incr l} {
                set code [string range $bits $p [expr {$p + $l - 1}]]
                if {[info exists MODE($code)]} { set m $MODE($code); incr p $l; break }
            }
            if {$m eq ""} { error "bad mode code at bit $p row $y" }
            set j [expr {$j > 3 ? $j - 3 : 0}]
            while {$j < $nr && [lindex $ref $j] <= $a0} {incr j}
            if {($j & 1) != $color} {incr j}
            set b1 [expr {$j < $nr ? [lindex $ref $j] : $w}]
            set b2 [expr {$j + 1 < $nr ? [lindex $ref [expr {$j+1}]] : $w}]
            switch $m {
                P { set a0 $b2 }
                H {
                    set r1 [cc_readrun bits p $color]
                    set r2 [cc_readrun bits p [expr {1 - $color}]]
                    set a1 [expr {($a0 < 0 ? 0 : $a0) + $r1}]
                    set a2 [expr {$a1 + $r2}]
                    if {$a1 < $w} {lappend cur $a1}
                    if {$a2 < $w && $a2 > $a1} {lappend cur $a2}
                    if {$a2 == $a1 && $a1 < $w} { error "zero black run inside row $y" }
                    set a0 $a2
                }
                default {
                    set d [string range $m 2 end]
                    set d [expr {$d eq "" ? 0 : $d}]
                    if {[string index $m 1] eq "L"} {set d [expr {-$d}]}
                    set a1 [expr {$b1 + $d}]
                    if {$a1 < $w} {lappend cur $a1}
                    set a0 $a1
                    set color [expr {1 - $color}]
                }
            }
            if {$a0 > $w} { error "row overrun at row $y" }
        }
        lappend rows [runs_to_bits $cur $w]
        set ref $cur
    }
    if {[string range $bits $p [expr {$p + 23}]] ne "000000000001000000000001"} { error "missing EOFB" }
    return $rows
}
proc g3_decode {data w h} {
    binary scan $data B* bits
    set p 0
    set rows {}
    for {set y 0} {$y < $h} {incr y} {
        if {[string range $bits $p [expr {$p + 11}]] ne $::CC(eol)} { error "missing EOL row $y" }
        incr p 12
        set pos 0; set col 0; set ch {}
        while {$pos < $w} {
            set r [cc_readrun bits p $col]
            incr pos $r
            if {$pos < $w} { lappend ch $pos }
            set col [expr {1 - $col}]
        }
        if {$pos != $w} { error "row length $pos != $w at row $y" }
        lappend rows [runs_to_bits $ch $w]
    }
    return $rows
}

# ---------------------------------------------------------------- LZW (TIFF variant)
proc lzw_encode {data} {
    set bits ""
    set nbits 9; set maxcode 511; set next 258
    array set T {}
    append bits [format %09b 256]
    set n [string length $data]
    if {$n == 0} { append bits [format %09b 257]; return [binary format B* $bits] }
    binary scan $data cu* vals
    set ent [lindex $vals 0]
    foreach c [lrange $vals 1 end] {
        if {[info exists T($ent,$c)]} { set ent $T($ent,$c); continue }
        append bits [format %0${nbits}b $ent]
        set T($ent,$c) $next
        incr next
        set ent $c
        if {$next == 4094} {
            append bits [format %0${nbits}b 256]
            array unset T
            set nbits 9; set maxcode 511; set next 258
        } elseif {$next > $maxcode} {
            incr nbits
            set maxcode [expr {(1 << $nbits) - 1}]
        }
    }
    append bits [format %0${nbits}b $ent]
    incr next
    if {$next == 4094} {
        append bits [format %0${nbits}b 256]
        set nbits 9
    } elseif {$next > $maxcode} { incr nbits }
    append bits [format %0${nbits}b 257]
    return [binary format B* $bits]
}
proc lzw_decode {data} {
    binary scan $data B* bits
    set p 0; set nbits 9
    set out ""
    set old -1
    set nbitsTot [string length $bits]
    while {$p + $nbits <= $nbitsTot} {
        scan [string range $bits $p [expr {$p + $nbits - 1}]] %b code
        incr p $nbits
        if {$code == 257} break
        if {$code == 256} {
            array unset S
            for {set i 0} {$i < 256} {incr i} { set S($i) [binary format c $i] }
            set next 258; set nbits 9; set old -1
            continue
        }
        if {$old < 0} {
            set s $S($code)
        } elseif {[info exists S($code)]} {
            set s $S($code)
            set S($next) "$S($old)[string index $s 0]"
            incr next
        } elseif {$code == $next} {
            set s "$S($old)[string index $S($old) 0]"
            set S($next) $s
            incr next
        } else { error "bad LZW code $code" }
        append out $s
        set old $code
        if {$next >= (1 << $nbits) - 1 && $nbits < 12} { incr nbits }
    }
    return $out
}

# ---------------------------------------------------------------- PackBits
proc packbits_row {s} {
    set out ""
    binary scan $s cu* v
    set n [llength $v]
    set i 0; set ls 0
    while {$i < $n} {
        set c [lindex $v $i]
        set j [expr {$i + 1}]
        while {$j < $n && [lindex $v $j] == $c} {incr j}
        if {$j - $i >= 3} {
            set k $ls
            while {$k < $i} {
                set e [expr {min($i, $k + 128)}]
                append out [binary format c [expr {$e - $k - 1}]] [string range $s $k [expr {$e - 1}]]
                set k $e
            }
            set len [expr {$j - $i}]
            set ch [string index $s $i]
            while {$len > 0} {
                set l [expr {min($len, 128)}]
                if {$l >= 2} { append out [binary format c [expr {1 - $l}]] $ch } else { append out \x00 $ch }
                incr len -$l
            }
            set ls $j
        }
        set i $j
    }
    set k $ls
    while {$k < $n} {
        set e [expr {min($n, $k + 128)}]
        append out [binary format c [expr {$e - $k - 1}]] [string range $s $k [expr {$e - 1}]]
        set k $e
    }
    return $out
}
proc packbits_decode {data} {
    set out ""
    set p 0
    set n [string length $data]
    while {$p < $n} {
        binary scan [string index $data $p] c c
        incr p
        if {$c >= 0} {
            append out [string range $data $p [expr {$p + $c}]]
            incr p [expr {$c + 1}]
        } elseif {$c != -128} {
            append out [string repeat [string index $data $p] [expr {1 - $c}]]
            incr p
        }
    }
    return $out
}

# ---------------------------------------------------------------- PNM reading (own parser)
proc pnm_read {path} {
    set fh [open $path rb]; set d [read $fh]; close $fh
    set magic [string range $d 0 1]
    if {$magic eq "P4"} {
        if {![regexp {^P4\s+(\d+)\s+(\d+)\s} $d hdr w h]} { error "bad P4 header $path" }
        set mx 1
    } elseif {$magic in {P5 P6}} {
        if {![regexp {^P[56]\s+(\d+)\s+(\d+)\s+(\d+)\s} $d hdr w h mx]} { error "bad header $path" }
    } else { error "not a PNM: $path" }
    set off [string length $hdr]
    set bpr [expr {$magic eq "P4" ? ($w + 7) / 8 : ($magic eq "P5" ? $w : 3 * $w)}]
    if {[string length $d] - $off != $bpr * $h} { error "PNM size mismatch $path" }
    return [list $magic $w $h $bpr [string range $d $off end]]
}
