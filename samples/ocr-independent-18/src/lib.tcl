# lib.tcl -- deterministic helpers, page/op model, layout primitives, Tk renderer
# All layout coordinates are in millimetres; fonts are {family pt weight slant}.

# ---------------------------------------------------------------- randomness
proc strhash {s} {
    # FNV-1a 32 bit over the UTF-8 bytes of s
    set h 2166136261
    foreach b [split [encoding convertto utf-8 $s] ""] {
        scan $b %c v
        set h [expr {(($h ^ $v) * 16777619) & 0xFFFFFFFF}]
    }
    return $h
}
proc seed {s} { expr {srand([strhash $s] % 2147483646 + 1)}; return }
proc rnd {} { expr {rand()} }
proc ri {a b} { expr {$a + int(rand() * ($b - $a + 1))} }
proc rf {a b} { expr {$a + rand() * ($b - $a)} }
proc pick {l} { lindex $l [expr {int(rand() * [llength $l])}] }
proc chance {p} { expr {rand() < $p} }
proc shuffle {l} {
    set n [llength $l]
    for {set i [expr {$n-1}]} {$i > 0} {incr i -1} {
        set j [expr {int(rand()*($i+1))}]
        set t [lindex $l $i]; lset l $i [lindex $l $j]; lset l $j $t
    }
    return $l
}
proc gauss {} {
    set u [expr {rand()}]; if {$u < 1e-9} {set u 1e-9}
    expr {sqrt(-2*log($u)) * cos(6.283185307 * rand())}
}

# ---------------------------------------------------------------- dates
proc mkdate {y m d} { clock scan [format %04d-%02d-%02d $y $m $d] -format %Y-%m-%d -gmt 1 }
proc dfmt {t f} { clock format $t -format $f -gmt 1 }
proc addays {t n} { expr {$t + $n*86400} }
proc iso {t} { dfmt $t %Y-%m-%d }
proc dayn {t} { scan [dfmt $t %d] %d v; return $v }
proc monn {t} { scan [dfmt $t %m] %d v; return $v }
proc ordsuf {d} {
    if {$d % 100 >= 11 && $d % 100 <= 13} {return th}
    switch [expr {$d % 10}] {1 {return st} 2 {return nd} 3 {return rd} default {return th}}
}
# named date styles used for printed dates
proc datestr {t style} {
    set d [dayn $t]
    switch $style {
        dmy_slash   {return [dfmt $t %d/%m/%Y]}
        dmy_long    {return "$d [dfmt $t %B] [dfmt $t %Y]"}
        dmy_dot2    {return [dfmt $t %d.%m.%y]}
        dmy_dot4    {return [dfmt $t %d.%m.%Y]}
        dmy_dash_mon {return [dfmt $t %d-%b-%Y]}
        dmy_ord     {return "$d[ordsuf $d] [dfmt $t %B] [dfmt $t %Y]"}
        dmy_slash2  {return [dfmt $t %d/%m/%y]}
        dmy_short   {return "$d [dfmt $t %b] [dfmt $t %Y]"}
        dmy_upper   {return [string toupper [dfmt $t "%d %b %Y"]]}
        dmy_nopad   {return "$d/[monn $t]/[dfmt $t %Y]"}
        ymd_iso     {return [dfmt $t %Y-%m-%d]}
        dmy_sp      {return [dfmt $t "%d %m %Y"]}
        default {error "date style $style"}
    }
}
proc age_at {dob t} {
    set y [expr {[dfmt $t %Y] - [dfmt $dob %Y]}]
    if {[dfmt $t %m%d] < [dfmt $dob %m%d]} {incr y -1}
    return $y
}

# ---------------------------------------------------------------- NHS numbers
proc nhs_check {nine} {
    set s 0
    for {set i 0} {$i < 9} {incr i} {
        set s [expr {$s + [string index $nine $i] * (10 - $i)}]
    }
    set c [expr {11 - ($s % 11)}]
    if {$c == 11} {set c 0}
    return $c
}
proc nhs_new {} {
    while 1 {
        set nine 999[format %06d [ri 0 999999]]
        set c [nhs_check $nine]
        if {$c != 10} {return $nine$c}
    }
}
proc nhs_valid {n} {
    if {![regexp {^\d{10}$} $n]} {return 0}
    set c [nhs_check [string range $n 0 8]]
    expr {$c != 10 && $c == [string index $n 9]}
}
proc nhsfmt {n style} {
    switch $style {
        spaced {return "[string range $n 0 2] [string range $n 3 5] [string range $n 6 9]"}
        plain  {return $n}
        dashed {return "[string range $n 0 2]-[string range $n 3 5]-[string range $n 6 9]"}
        default {error "nhs style $style"}
    }
}

# ---------------------------------------------------------------- fonts
# A font key is {family pt weight slant}. Measurement uses a reference font at
# 10 px per point (720 dpi) and converts to millimetres.
proc F {fam pt {w normal} {s roman}} { list $fam $pt $w $s }
proc reffont {fk} {
    global REFF
    if {[info exists REFF($fk)]} {return $REFF($fk)}
    lassign $fk fam pt w s
    set f [font create -family $fam -size -[expr {int(round($pt*10))}] -weight $w -slant $s]
    set REFF($fk) $f
    return $f
}
proc mw {fk str} {
    global MWC
    set k [list $fk $str]
    if {[info exists MWC($k)]} {return $MWC($k)}
    set v [expr {[font measure [reffont $fk] $str] * 25.4 / 720.0}]
    set MWC($k) $v
    return $v
}
proc lh {fk} { expr {[font metrics [reffont $fk] -linespace] * 25.4 / 720.0} }
proc ascent {fk} { expr {[font metrics [reffont $fk] -ascent] * 25.4 / 720.0} }
proc fsize {fk pt} { lset fk 1 $pt; return $fk }
proc fbold {fk} { lset fk 2 bold; return $fk }
proc fital {fk} { lset fk 3 italic; return $fk }

# ---------------------------------------------------------------- page model
# PAGE($n,...) : w h (mm), ops (list), gtn (number of gt lines), ovl (overlay texts)
# An op is a list: {kind layer ...}. Layers: pre base ovl post.
set PG(n) 0
set LAYER base
proc newpage {w h} {
    global PG PAGE
    incr PG(n)
    set n $PG(n)
    set PAGE($n,w) $w
    set PAGE($n,h) $h
    set PAGE($n,ops) {}
    set PAGE($n,gtn) 0
    set PAGE($n,ovl) {}
    set PAGE($n,logo) {}
    set PAGE($n,fonts) {}
    set PAGE($n,ofonts) {}
    set PAGE($n,halftone) {}
    return $n
}
proc curpage {} { return $::PG(n) }
proc op {args} { lappend ::PAGE($::PG(n),ops) $args }
proc gl_new {} { set n $::PG(n); set i $::PAGE($n,gtn); incr ::PAGE($n,gtn); return $i }
proc note_font {fk} {
    set n $::PG(n)
    set fam [lindex $fk 0]
    if {[lsearch -exact $::PAGE($n,fonts) $fam] < 0} {lappend ::PAGE($n,fonts) $fam}
}
proc note_ofont {fk} {
    set n $::PG(n)
    set fam [lindex $fk 0]
    if {[lsearch -exact $::PAGE($n,ofonts) $fam] < 0} {lappend ::PAGE($n,ofonts) $fam}
}
proc ovl_text {s} { lappend ::PAGE($::PG(n),ovl) $s }
proc logo_text {s} { lappend ::PAGE($::PG(n),logo) $s }

# text op: T layer x y text font anchor fill angle gtline seg
proc T {x y str fk args} {
    array set o [list -anchor nw -fill black -angle 0 -gl -1 -seg 0 -layer $::LAYER]
    array set o $args
    if {$o(-gl) >= 0} { note_font $fk } elseif {$o(-layer) eq "ovl"} { note_ofont $fk }
    op T $o(-layer) $x $y $str $fk $o(-anchor) $o(-fill) $o(-angle) $o(-gl) $o(-seg)
}
proc L {coords args} {
    array set o [list -width 0.25 -fill black -smooth 0 -layer $::LAYER -cap round -dash {}]
    array set o $args
    op L $o(-layer) $coords $o(-width) $o(-fill) $o(-smooth) $o(-cap) $o(-dash)
}
proc R {x0 y0 x1 y1 args} {
    array set o [list -width 0.25 -outline black -fill {} -layer $::LAYER]
    array set o $args
    op R $o(-layer) $x0 $y0 $x1 $y1 $o(-outline) $o(-fill) $o(-width)
}
proc O {x0 y0 x1 y1 args} {
    array set o [list -width 0.25 -outline black -fill {} -layer $::LAYER]
    array set o $args
    op O $o(-layer) $x0 $y0 $x1 $y1 $o(-outline) $o(-fill) $o(-width)
}
proc P {coords args} {
    array set o [list -width 0 -outline {} -fill black -smooth 0 -layer $::LAYER]
    array set o $args
    op P $o(-layer) $coords $o(-outline) $o(-fill) $o(-width) $o(-smooth)
}
proc A {x0 y0 x1 y1 start extent args} {
    array set o [list -width 0.3 -outline black -style arc -layer $::LAYER]
    array set o $args
    op A $o(-layer) $x0 $y0 $x1 $y1 $start $extent $o(-outline) $o(-width) $o(-style)
}

# ---------------------------------------------------------------- text helpers
proc clean {s} { string trim [regsub -all {\s+} $s " "] }
# single GT line; returns width in mm
proc tx {x y str fk args} {
    set g [gl_new]
    T $x $y $str $fk -gl $g {*}$args
    return [mw $fk $str]
}
# one GT line made of several segments: args = {x str fk ?anchor? ?fill?} ...
proc row {y args} {
    set g [gl_new]
    set s 0
    foreach seg $args {
        lassign $seg x str fk anchor fill
        if {$anchor eq ""} {set anchor nw}
        if {$fill eq ""} {set fill black}
        if {$str eq ""} continue
        T $x $y $str $fk -gl $g -seg $s -anchor $anchor -fill $fill
        incr s
    }
    return $g
}
# non-GT text (logos, stamp lettering is drawn in the ovl layer)
proc ntx {x y str fk args} { T $x $y $str $fk -gl -1 {*}$args }

proc wrap {str fk width} {
    set lines {}
    set cur ""
    foreach w [split [clean $str] " "] {
        if {$cur eq ""} {set try $w} else {set try "$cur $w"}
        if {[mw $fk $try] <= $width || $cur eq ""} {
            set cur $try
        } else {
            lappend lines $cur
            set cur $w
        }
    }
    if {$cur ne ""} {lappend lines $cur}
    return $lines
}
# flowing paragraphs with page breaks. FLOW(bottom) (mm) and FLOW(break) (script
# run at a page break; it must create the new page and set ::Y).
set FLOW(bottom) 280
set FLOW(break) {error "no page break handler"}
proc need {h} {
    global Y FLOW
    if {$Y + $h > $FLOW(bottom)} { uplevel #0 $FLOW(break) }
}
proc para {x width str fk args} {
    global Y
    array set o {-lead 1.18 -align left -after 0.6 -fill black -indent 0}
    array set o $args
    set l [expr {[lh $fk] * $o(-lead)}]
    set first 1
    foreach ln [wrap $str $fk [expr {$width - $o(-indent)}]] {
        need $l
        set xx $x
        if {$o(-align) eq "center"} {
            set xx [expr {$x + ($width - [mw $fk $ln]) / 2.0}]
        } elseif {$o(-align) eq "right"} {
            set xx [expr {$x + $width - [mw $fk $ln]}]
        } elseif {!$first} {
            set xx [expr {$x + $o(-indent)}]
        }
        tx $xx $Y $ln $fk -fill $o(-fill)
        set Y [expr {$Y + $l}]
        set first 0
    }
    set Y [expr {$Y + $l * $o(-after)}]
}
# hanging label paragraph: "S:" label at x, text at x+ind
proc lpara {x ind width label str fk lfk args} {
    global Y
    array set o {-lead 1.18 -after 0.5}
    array set o $args
    set l [expr {[lh $fk] * $o(-lead)}]
    set lines [wrap $str $fk [expr {$width - $ind}]]
    set first 1
    foreach ln $lines {
        need $l
        if {$first} {
            row $Y [list $x $label $lfk] [list [expr {$x+$ind}] $ln $fk]
        } else {
            tx [expr {$x+$ind}] $Y $ln $fk
        }
        set first 0
        set Y [expr {$Y + $l}]
    }
    set Y [expr {$Y + $l * $o(-after)}]
}
# vertical stack of lines (a block); returns bottom y
proc block {x y lines fk args} {
    array set o {-lead 1.15 -anchor nw -fill black}
    array set o $args
    set l [expr {[lh $fk] * $o(-lead)}]
    foreach ln $lines {
        if {$ln ne ""} { tx $x $y $ln $fk -anchor $o(-anchor) -fill $o(-fill) }
        set y [expr {$y + $l}]
    }
    return $y
}
# label/value pair block; pairs = {label value ...}; returns bottom y
proc kvblock {x y vx pairs lfk vfk args} {
    array set o {-lead 1.2 -vwidth 200}
    array set o $args
    set l [expr {max([lh $lfk],[lh $vfk]) * $o(-lead)}]
    foreach {k v} $pairs {
        set vl [wrap $v $vfk $o(-vwidth)]
        set first 1
        foreach vv $vl {
            if {$first} { row $y [list $x $k $lfk] [list $vx $vv $vfk] } else { tx $vx $y $vv $vfk }
            set first 0
            set y [expr {$y + $l}]
        }
        if {[llength $vl] == 0} { tx $x $y $k $lfk; set y [expr {$y + $l}] }
    }
    return $y
}
# table: cols = list of x positions (mm), rows = list of cell lists; fonts per row
proc table {y cols rows fk args} {
    array set o {-lead 1.3 -head {} -hfk {} -rules 0 -x0 0 -x1 0 -grid 0 -pad 0.8 -rulew 0.2}
    array set o $args
    if {$o(-hfk) eq ""} {set o(-hfk) [fbold $fk]}
    set l [expr {[lh $fk] * $o(-lead)}]
    set all {}
    if {$o(-head) ne ""} {lappend all [list $o(-head) $o(-hfk)]}
    foreach r $rows {lappend all [list $r $fk]}
    set ytop $y
    foreach rr $all {
        lassign $rr cells f
        set segs {}
        foreach c $cells x $cols {
            if {$x eq "" || $c eq ""} continue
            lappend segs [list [expr {$x + $o(-pad)}] $c $f]
        }
        row [expr {$y + ($l - [lh $f]) / 2.0}] {*}$segs
        set y [expr {$y + $l}]
        if {$o(-rules) || $o(-grid)} { L [list $o(-x0) $y $o(-x1) $y] -width $o(-rulew) }
    }
    if {$o(-grid)} {
        L [list $o(-x0) $ytop $o(-x1) $ytop] -width $o(-rulew)
        foreach x [concat $cols [list $o(-x1)]] { L [list $x $ytop $x $y] -width $o(-rulew) }
    }
    return $y
}
# jittered glyph text (handwriting / typewriter). mode: hand | type
proc jtext {x y str fk mode args} {
    array set o {-fill black -gl -2 -jit 1.0 -slope 0 -layer {} -ink {} -seg0 0}
    array set o $args
    if {$o(-layer) eq ""} {set o(-layer) $::LAYER}
    if {$o(-gl) == -2} {set g [gl_new]} else {set g $o(-gl)}
    set seg $o(-seg0)
    set cx $x
    set pt [lindex $fk 1]
    foreach ch [split $str ""] {
        if {$ch eq " "} {
            set cx [expr {$cx + [mw $fk " "] * ($mode eq "hand" ? [rf 1.35 1.75] : 1.0)}]
            incr seg
            continue
        }
        set w [mw $fk $ch]
        if {$mode eq "hand"} {
            set dy [expr {$o(-jit) * [gauss] * 0.18 + ($cx - $x) * $o(-slope)}]
            set ang [expr {$o(-jit) * [gauss] * 3.0}]
            set f2 [fsize $fk [expr {round($pt * (1.0 + 0.05 * $o(-jit) * [gauss]) * 2) / 2.0}]]
            set col $o(-fill)
            T [expr {$cx + $o(-jit)*[gauss]*0.05}] [expr {$y + $dy}] $ch $f2 -gl $g -seg $seg -angle [format %.1f $ang] -fill $col -layer $o(-layer)
            set cx [expr {$cx + $w * [rf 0.97 1.04]}]
        } else {
            # typewriter: fixed pitch, vertical misalignment per key, ink density per strike
            set dy [expr {0.12 * [gauss] * $o(-jit)}]
            set dx [expr {0.05 * [gauss] * $o(-jit)}]
            set lev [expr {int(max(0, min(120, 35 + 28 * [gauss])))}]
            set col [format "#%02x%02x%02x" $lev $lev $lev]
            if {$o(-ink) ne ""} {set col $o(-ink)}
            T [expr {$cx + $dx}] [expr {$y + $dy}] $ch $fk -gl $g -seg $seg -fill $col -layer $o(-layer)
            if {[chance 0.04]} {
                # a doubled strike, slightly offset
                T [expr {$cx + $dx + 0.08}] [expr {$y + $dy + 0.05}] $ch $fk -gl $g -seg $seg -fill $col -layer $o(-layer) -gl -1
            }
            set cx [expr {$cx + $w}]
        }
    }
    return [expr {$cx - $x}]
}
# handwritten overlay text (not in GT)
proc htext {x y str fk args} {
    array set o {-fill #1b2a7a -jit 1.0 -slope 0 -angle 0}
    array set o $args
    ovl_text $str
    set cx $x
    set pt [lindex $fk 1]
    set sa [expr {sin($o(-angle)*3.14159265/180.0)}]
    foreach ch [split $str ""] {
        if {$ch eq " "} { set cx [expr {$cx + [mw $fk " "] * [rf 0.9 1.3]}]; continue }
        set w [mw $fk $ch]
        set dy [expr {$o(-jit) * [gauss] * 0.22 - ($cx - $x) * $sa}]
        set ang [expr {$o(-angle) + $o(-jit) * [gauss] * 4.0}]
        set f2 [fsize $fk [expr {round($pt * (1.0 + 0.06 * [gauss]) * 2) / 2.0}]]
        T $cx [expr {$y + $dy}] $ch $f2 -gl -1 -angle [format %.1f $ang] -fill $o(-fill) -layer ovl
        set cx [expr {$cx + $w * [rf 0.92 1.1]}]
    }
    return [expr {$cx - $x}]
}

# ---------------------------------------------------------------- marks (overlay layer)
proc signature {x y w {col #14206a}} {
    # a smooth scrawl
    set pts {}
    set n [ri 9 15]
    for {set i 0} {$i <= $n} {incr i} {
        set px [expr {$x + $w * $i / double($n) + [rf -1.5 1.5]}]
        set py [expr {$y + [rf -4 4] * (($i % 2) ? 1 : 0.4)}]
        lappend pts $px $py
    }
    L $pts -width [rf 0.35 0.6] -fill $col -smooth 1 -layer ovl
    L [list [expr {$x + $w*0.1}] [expr {$y + 3}] [expr {$x + $w*0.8}] [expr {$y + 2.2 + [rf -1 1]}]] -width 0.3 -fill $col -smooth 1 -layer ovl
}
proc tick {x y s {col #1b2a7a}} {
    L [list $x [expr {$y + $s*0.5}] [expr {$x + $s*0.35}] [expr {$y + $s}] [expr {$x + $s*1.1}] [expr {$y - $s*0.2}]] -width [expr {$s*0.12}] -fill $col -layer ovl
}
proc cross {x y s {col #1b2a7a}} {
    L [list $x $y [expr {$x+$s}] [expr {$y+$s}]] -width [expr {$s*0.12}] -fill $col -layer ovl
    L [list [expr {$x+$s}] $y $x [expr {$y+$s}]] -width [expr {$s*0.12}] -fill $col -layer ovl
}
proc highlight {x0 y0 x1 y1 {col #fbf05a}} {
    # irregular highlighter swipe
    set pts [list $x0 [expr {$y0 + [rf -0.4 0.4]}] $x1 [expr {$y0 + [rf -0.4 0.4]}] [expr {$x1 + [rf 0 1.2]}] [expr {$y1 + [rf -0.4 0.4]}] [expr {$x0 + [rf -1 0.5]}] [expr {$y1 + [rf -0.4 0.4]}]]
    P $pts -fill $col -layer ovl
}
proc rstamp {cx cy lines fk col ang {box 1}} {
    # rubber stamp: rotated box with centred lines of text (overlay, not GT)
    set l [expr {[lh $fk] * 1.1}]
    set w 0
    foreach ln $lines { set w [expr {max($w, [mw $fk $ln])}] ; ovl_text $ln}
    set w [expr {$w + 6}]
    set h [expr {$l * [llength $lines] + 4}]
    set a [expr {$ang * 3.14159265 / 180.0}]
    set ca [expr {cos($a)}]; set sa [expr {sin($a)}]
    if {$box} {
        foreach inset {0 1.0} bw {0.7 0.35} {
            set pts {}
            foreach {dx dy} [list [expr {-$w/2+$inset}] [expr {-$h/2+$inset}] [expr {$w/2-$inset}] [expr {-$h/2+$inset}] [expr {$w/2-$inset}] [expr {$h/2-$inset}] [expr {-$w/2+$inset}] [expr {$h/2-$inset}]] {
                lappend pts [expr {$cx + $dx*$ca + $dy*$sa}] [expr {$cy - $dx*$sa + $dy*$ca}]
            }
            P $pts -outline $col -fill {} -width $bw -layer ovl
        }
    }
    set i 0
    foreach ln $lines {
        set dy [expr {-$h/2 + 2 + $l*($i+0.5)}]
        set px [expr {$cx + $dy*$sa}]
        set py [expr {$cy + $dy*$ca}]
        T $px $py $ln $fk -anchor center -fill $col -angle $ang -gl -1 -layer ovl
        incr i
    }
}
proc tickbox {x y s} { R $x $y [expr {$x+$s}] [expr {$y+$s}] -width 0.25 }

# ---------------------------------------------------------------- logos (not text)
proc nhs_logo {x y h {col #005eb8} {lettering 1}} {
    # NHS-style lozenge: filled parallelogram with white italic lettering
    set w [expr {$h * 2.45}]
    set k [expr {$h * 0.12}]
    P [list [expr {$x+$k}] $y [expr {$x+$w}] $y [expr {$x+$w-$k}] [expr {$y+$h}] $x [expr {$y+$h}]] -fill $col
    if {$lettering} {
        set fk [F "League Spartan" [expr {$h * 2.0}] bold italic]
        T [expr {$x + $w/2.0}] [expr {$y + $h*0.55}] NHS $fk -anchor center -fill white -gl -1
        logo_text NHS
    }
    lappend ::PAGE($::PG(n),halftone) [list $x $y [expr {$x+$w}] [expr {$y+$h}]]
}
proc tree_logo {x y s {col #2f7d32}} {
    # abstract practice logo: circle + leaf shapes
    O $x $y [expr {$x+$s}] [expr {$y+$s}] -outline $col -width [expr {$s*0.06}]
    set cx [expr {$x+$s/2.0}]; set cy [expr {$y+$s/2.0}]
    P [list $cx [expr {$cy - $s*0.35}] [expr {$cx + $s*0.22}] [expr {$cy+$s*0.05}] $cx [expr {$cy+$s*0.15}] [expr {$cx - $s*0.22}] [expr {$cy+$s*0.05}]] -fill $col -smooth 1
    L [list $cx [expr {$cy+$s*0.1}] $cx [expr {$cy+$s*0.38}]] -width [expr {$s*0.06}] -fill $col
    lappend ::PAGE($::PG(n),halftone) [list $x $y [expr {$x+$s}] [expr {$y+$s}]]
}
proc cross_logo {x y s {col #b71c1c}} {
    set t [expr {$s/3.0}]
    P [list [expr {$x+$t}] $y [expr {$x+2*$t}] $y [expr {$x+2*$t}] [expr {$y+$t}] [expr {$x+$s}] [expr {$y+$t}] [expr {$x+$s}] [expr {$y+2*$t}] [expr {$x+2*$t}] [expr {$y+2*$t}] [expr {$x+2*$t}] [expr {$y+$s}] [expr {$x+$t}] [expr {$y+$s}] [expr {$x+$t}] [expr {$y+2*$t}] $x [expr {$y+2*$t}] $x [expr {$y+$t}] [expr {$x+$t}] [expr {$y+$t}]] -fill $col
    lappend ::PAGE($::PG(n),halftone) [list $x $y [expr {$x+$s}] [expr {$y+$s}]]
}
proc wave_logo {x y w h {c1 #1565c0} {c2 #4fc3f7}} {
    set pts1 {}; set pts2 {}
    for {set i 0} {$i <= 12} {incr i} {
        set px [expr {$x + $w*$i/12.0}]
        lappend pts1 $px [expr {$y + $h*0.45 + $h*0.25*sin($i*0.7)}]
        lappend pts2 $px [expr {$y + $h*0.7 + $h*0.2*sin($i*0.7+1.2)}]
    }
    P [concat [list $x [expr {$y+$h}]] $pts1 [list [expr {$x+$w}] [expr {$y+$h}]]] -fill $c2 -smooth 1
    P [concat [list $x [expr {$y+$h}]] $pts2 [list [expr {$x+$w}] [expr {$y+$h}]]] -fill $c1 -smooth 1
    lappend ::PAGE($::PG(n),halftone) [list $x $y [expr {$x+$w}] [expr {$y+$h}]]
}

# ---------------------------------------------------------------- renderer
# Draws page n at dpi into canvas .c, one layer at a time, and captures it.
proc px {mm} { expr {$mm * $::DPI / 25.4} }
proc rfont {fk} {
    global RENF
    lassign $fk fam pt w s
    set size [expr {max(4, int(round($pt * $::DPI / 72.0)))}]
    set k [list $fam $size $w $s]
    if {![info exists RENF($k)]} { set RENF($k) [font create -family $fam -size -$size -weight $w -slant $s] }
    return $RENF($k)
}
proc draw_layer {n layer} {
    global PAGE
    set c .c
    $c delete all
    set cnt 0
    foreach o $PAGE($n,ops) {
        if {$layer ne "all" && [lindex $o 1] ne $layer} continue
        incr cnt
        switch [lindex $o 0] {
            T {
                lassign $o - - x y str fk anchor fill angle gl seg
                set id [$c create text [px $x] [px $y] -text $str -font [rfont $fk] -anchor $anchor -fill $fill -angle $angle]
                if {$gl >= 0} { $c addtag gl$gl withtag $id; $c addtag sg$seg withtag $id; $c addtag gt withtag $id }
            }
            L {
                lassign $o - - coords w fill smooth cap dash
                set pc {}; foreach v $coords {lappend pc [px $v]}
                set opts [list -width [expr {max(1.0, [px $w])}] -fill $fill -capstyle $cap -joinstyle round]
                if {$smooth} {lappend opts -smooth true -splinesteps 24}
                if {$dash ne ""} {lappend opts -dash $dash}
                $c create line {*}$pc {*}$opts
            }
            R {
                lassign $o - - x0 y0 x1 y1 outline fill w
                set opts [list -fill $fill -outline $outline -width [expr {max(1.0,[px $w])}]]
                if {$outline eq ""} {set opts [list -fill $fill -outline {} -width 0]}
                $c create rectangle [px $x0] [px $y0] [px $x1] [px $y1] {*}$opts
            }
            O {
                lassign $o - - x0 y0 x1 y1 outline fill w
                set opts [list -fill $fill -outline $outline -width [expr {max(1.0,[px $w])}]]
                if {$outline eq ""} {set opts [list -fill $fill -outline {} -width 0]}
                $c create oval [px $x0] [px $y0] [px $x1] [px $y1] {*}$opts
            }
            P {
                lassign $o - - coords outline fill w smooth
                set pc {}; foreach v $coords {lappend pc [px $v]}
                set opts [list -fill $fill -outline $outline -width [expr {$outline eq "" ? 0 : max(1.0,[px $w])}]]
                if {$smooth} {lappend opts -smooth true}
                $c create polygon {*}$pc {*}$opts
            }
            A {
                lassign $o - - x0 y0 x1 y1 st ex outline w style
                $c create arc [px $x0] [px $y0] [px $x1] [px $y1] -start $st -extent $ex -outline $outline -width [expr {max(1.0,[px $w])}] -style $style
            }
        }
    }
    return $cnt
}
# ground truth lines read back from the drawn canvas items
proc readback_gt {n} {
    global PAGE
    set c .c
    set out {}
    for {set g 0} {$g < $PAGE($n,gtn)} {incr g} {
        set segs {}
        foreach id [$c find withtag gl$g] {
            set tags [$c gettags $id]
            set s [lindex [lsearch -inline -glob $tags sg*] 0]
            set s [string range $s 2 end]
            lappend segs [list $s $id]
        }
        # group by segment, order segments by their leftmost x
        array unset SG
        foreach sv $segs {
            lassign $sv s id
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
        if {$line ne ""} {lappend out $line}
    }
    return $out
}
