package O17::Page;
# One sheet of paper: GD layers (each a single ink), my own text layout and the ground truth
# read back from that layout.  Units: millimetres, y grows downwards, text y = baseline.
use strict; use warnings;
use GD;
use POSIX qw(floor);
use O17::Fonts qw(font_file font_name covered);

our %SIZES = (A4 => [210, 297], Letter => [215.9, 279.4], A5 => [148, 210], DLslip => [210, 99]);
my $PI = 3.14159265358979;

sub new {
    my ($class, %a) = @_;
    my ($w, $h) = @{ $SIZES{ $a{size} // 'A4' } };
    ($w, $h) = ($h, $w) if $a{landscape};
    my $s = bless { size => $a{size} // 'A4', wmm => $w, hmm => $h, dpi => $a{dpi} // 300, rng => $a{rng}, noaa => $a{noaa},
                    layers => {}, lorder => [], lines => [], overlay => [], fx => [], fonts => {}, notes => [] }, $class;
    $s->{W} = int($w * $s->{dpi} / 25.4 + 0.5);
    $s->{H} = int($h * $s->{dpi} / 25.4 + 0.5);
    $s->layer('print');
    return $s;
}
sub rng { $_[0]{rng} }
sub px { my ($s, $mm) = @_; return $mm * $s->{dpi} / 25.4; }
sub ipx { my ($s, $mm) = @_; return int($mm * $s->{dpi} / 25.4 + 0.5); }

# layers: print (black ink) and others with their own ink colour (reflectance RGB 0..1)
sub layer {
    my ($s, $name, %o) = @_;
    unless ($s->{layers}{$name}) {
        my $im = GD::Image->new($s->{W}, $s->{H}, 1);
        $im->alphaBlending(1);
        $im->filledRectangle(0, 0, $s->{W} - 1, $s->{H} - 1, $im->colorAllocate(255, 255, 255));
        $s->{layers}{$name} = { name => $name, im => $im, ink => $o{ink} // [0.07, 0.07, 0.08],
                                kind => $o{kind} // 'print', halftone => $o{halftone}, patchy => $o{patchy} // 0,
                                mirror => $o{mirror} // 0, strength => $o{strength} // 1 };
        push @{ $s->{lorder} }, $name;
    }
    return $s->{layers}{$name};
}
sub im { my ($s, $layer) = @_; return $s->layer($layer // 'print')->{im}; }
sub grey { my ($s, $im, $g) = @_; $g = 0 if $g < 0; $g = 255 if $g > 255; return $im->colorAllocate(int $g, int $g, int $g); }

# ---- ground truth ----
sub norm { my $t = shift; $t =~ s/\s+/ /g; $t =~ s/^ //; $t =~ s/ $//; return $t; }
sub gt { my ($s, $t) = @_; $t = norm($t); push @{ $s->{lines} }, $t if length $t; }
sub overlay_text { my ($s, $kind, $t) = @_; push @{ $s->{overlay} }, { kind => $kind, text => norm($t) }; }
sub fx { my ($s, %f) = @_; push @{ $s->{fx} }, \%f; }

# ---- text ----
sub _res { my $s = shift; return { resolution => "$s->{dpi},$s->{dpi}" }; }
sub bounds {
    my ($s, $f, $pt, $text, $angle) = @_;
    my @b = GD::Image->stringFT(0, font_file($f), $pt, $angle // 0, 0, 0, $text, $s->_res);
    die "stringFT failed for font $f: $@" unless @b;
    return @b;
}
# advance width (mm) of a string, measuring "|text|" minus "||" so leading/trailing spaces count
sub width {
    my ($s, $f, $pt, $text) = @_;
    return 0 unless length $text;
    my @a = $s->bounds($f, $pt, "|$text|");
    my @b = $s->bounds($f, $pt, "||");
    return ($a[2] - $b[2]) * 25.4 / $s->{dpi};
}
sub ink_width { my ($s, $f, $pt, $text) = @_; my @b = $s->bounds($f, $pt, $text); return $b[2] * 25.4 / $s->{dpi}; }
sub check_cov { my ($s, $f, $text) = @_; die "font $f lacks a glyph in '$text'" unless covered($f, $text); }

# draw a string, no ground truth. opts: f pt layer g(0=full ink..255) aa angle(deg) align(l|r|c) track(mm)
sub draw {
    my ($s, $x, $y, $text, %o) = @_;
    my $f = $o{f} // 'clear'; my $pt = $o{pt} // 10;
    return 0 unless length $text;
    $s->check_cov($f, $text);
    $s->{fonts}{$f}++;
    my $im = $s->im($o{layer});
    my $c = $s->grey($im, $o{g} // 0);
    my $aa = $o{aa} // !$s->{noaa};
    $c = -$c unless $aa;    # GD: a negative colour index switches FreeType anti-aliasing off
    my $w = $s->width($f, $pt, $text);
    my $align = $o{align} // 'l';
    if ($o{track}) { $w += $o{track} * (length($text) - 1); }
    $x -= $w if $align eq 'r';
    $x -= $w / 2 if $align eq 'c';
    my $ang = ($o{angle} // 0) * $PI / 180;
    my $L = $s->layer($o{layer} // 'print');
    if ($L->{kind} eq 'print' && !$o{angle}) {
        push @{ $s->{boxes} }, [$x, $y - $pt * 0.3528 * 0.85, $x + $w, $y + $pt * 0.3528 * 0.3, $text];
        $s->{flags}{smalltext} = 1 if $pt <= 8;
    }
    if ($o{track}) {
        my $cx = $x;
        for my $ch (split //, $text) {
            $im->stringFT($c, font_file($f), $pt, $ang, $s->px($cx), $s->px($y), $ch, $s->_res) if $ch ne ' ';
            $cx += $s->width($f, $pt, $ch) + $o{track};
        }
    } else {
        $im->stringFT($c, font_file($f), $pt, $ang, $s->px($x), $s->px($y), $text, $s->_res) or die "stringFT: $@";
    }
    return $w;
}
# draw + ground truth line
sub t { my ($s, $x, $y, $text, %o) = @_; my $w = $s->draw($x, $y, $text, %o); $s->gt($text); return $w; }
# several pieces on one baseline -> one ground-truth line (pieces given left to right)
sub row {
    my ($s, $y, @items) = @_;
    my @txt;
    for my $it (@items) { my ($x, $text, %o) = @$it; next unless defined $text && length $text; $s->draw($x, $y, $text, %o); push @txt, $text; }
    $s->gt(join(' ', @txt));
}
# label (font lf) directly followed by value (font f) on one baseline, one GT line
sub lv {
    my ($s, $x, $y, $label, $value, %o) = @_;
    my $lf = $o{lf} // $o{f} // 'clear';
    my $w = $s->draw($x, $y, $label, %o, f => $lf);
    my $sp = $s->width($o{f} // 'clear', $o{pt} // 10, ' ');
    my $vx = defined $o{vx} ? $o{vx} : $x + $w + $sp;
    $s->draw($vx, $y, $value, %o, f => $o{f} // 'clear') if length($value // '');
    $s->gt("$label " . ($value // ''));
    return $vx;
}
sub wrap {
    my ($s, $w, $text, $f, $pt) = @_;
    my @words = split /\s+/, norm($text);
    my @lines; my $cur = '';
    for my $wd (@words) {
        my $try = length $cur ? "$cur $wd" : $wd;
        if (length $cur && $s->width($f, $pt, $try) > $w) { push @lines, $cur; $cur = $wd; }
        else { $cur = $try; }
    }
    push @lines, $cur if length $cur;
    return @lines;
}
# paragraph: returns the baseline for the next line
sub para {
    my ($s, $x, $y, $w, $text, %o) = @_;
    my $f = $o{f} // 'clear'; my $pt = $o{pt} // 10;
    my $lead = $o{lead} // $pt * 0.3528 * 1.32;
    my @lines = $s->wrap($w - ($o{indent} // 0), $text, $f, $pt);
    for my $i (0 .. $#lines) {
        my $lx = $x + ($i == 0 ? ($o{indent} // 0) : ($o{hang} // 0));
        if ($o{justify} && $i < $#lines) {
            my @wd = split / /, $lines[$i];
            if (@wd > 1) {
                my $tw = 0; $tw += $s->width($f, $pt, $_) for @wd;
                my $gap = ($w - ($i == 0 ? ($o{indent} // 0) : 0) - $tw) / (@wd - 1);
                my $cx = $lx;
                for my $wd (@wd) { $s->draw($cx, $y, $wd, %o); $cx += $s->width($f, $pt, $wd) + $gap; }
                $s->gt($lines[$i]); $y += $lead; next;
            }
        }
        if ($o{render}) { $o{render}->($s, $lx, $y, $lines[$i]); }
        else { $s->draw($lx, $y, $lines[$i], %o); }
        $s->gt($lines[$i]);
        $y += $lead;
    }
    return $y;
}
# label: value rows. pairs: [[label, value], ...]; lw = value column offset
sub kv {
    my ($s, $x, $y, $pairs, %o) = @_;
    my $pt = $o{pt} // 10; my $lead = $o{lead} // $pt * 0.3528 * 1.4;
    for my $p (@$pairs) {
        my ($l, $v) = @$p;
        $s->lv($x, $y, $l, $v, %o, vx => (defined $o{lw} ? $x + $o{lw} : undef));
        $y += $lead;
    }
    return $y;
}
# table: cols => [widths], rows => [[cells]], header => n rows in header font, grid => full|rows|outer|none
sub table {
    my ($s, $x, $y, %o) = @_;
    my @cw = @{ $o{cols} }; my $pt = $o{pt} // 9; my $f = $o{f} // 'clear'; my $hf = $o{hf} // $f;
    my $pad = $o{pad} // 1.2; my $lead = $o{lead} // $pt * 0.3528 * 1.25;
    my $grid = $o{grid} // 'full'; my $th = $o{thick} // 0.25;
    my $asc = $pt * 0.3528 * 0.78;
    my $tw = 0; $tw += $_ for @cw;
    my $top = $y;
    my $hdr = $o{header} // 1;
    my @align = @{ $o{align} // [] };
    my $ri = 0;
    my @rowy = ($y);
    for my $r (@{ $o{rows} }) {
        my $isH = $ri < $hdr;
        my $ff = $isH ? $hf : $f;
        my @cells; my $nl = 1;
        for my $ci (0 .. $#cw) {
            my $txt = $r->[$ci] // '';
            my @l = length($txt) ? $s->wrap($cw[$ci] - 2 * $pad, $txt, $ff, $pt) : ();
            push @cells, \@l; $nl = @l if @l > $nl;
        }
        my $rh = $nl * $lead + 2 * $pad * 0.8;
        if ($isH && $o{shade}) { $s->fill_rect($x, $y, $tw, $rh, g => $o{shade}, layer => $o{shade_layer}); }
        my $cx = $x;
        for my $ci (0 .. $#cw) {
            my $ly = $y + $pad * 0.8 + $asc;
            for my $ln (@{ $cells[$ci] }) {
                my $al = $align[$ci] // 'l';
                my $tx = $al eq 'r' ? $cx + $cw[$ci] - $pad : $al eq 'c' ? $cx + $cw[$ci] / 2 : $cx + $pad;
                $s->draw($tx, $ly, $ln, f => $ff, pt => $pt, align => $al, layer => $o{layer}, g => $o{g});
                $ly += $lead;
            }
            $cx += $cw[$ci];
        }
        $s->gt(join(' ', map { norm($_ // '') } grep { defined && length } @$r));
        $y += $rh; push @rowy, $y;
        $ri++;
    }
    $s->{last_table} = { x => $x, rowy => [@rowy], cols => [@cw] };
    if ($grid ne 'none') {
        my %lo = (t => $th, layer => $o{layer});
        if ($grid eq 'full' || $grid eq 'rows') { $s->rule($x, $_, $x + $tw, $_, %lo) for @rowy; }
        else { $s->rule($x, $rowy[0], $x + $tw, $rowy[0], %lo); $s->rule($x, $rowy[-1], $x + $tw, $rowy[-1], %lo);
               $s->rule($x, $rowy[$hdr], $x + $tw, $rowy[$hdr], %lo) if $hdr && $hdr < @rowy; }
        if ($grid eq 'full' || $grid eq 'outer') {
            my $cx = $x; my @xs = ($x); for (@cw) { $cx += $_; push @xs, $cx; }
            @xs = ($xs[0], $xs[-1]) if $grid eq 'outer';
            $s->rule($_, $top, $_, $y, %lo) for @xs;
        }
    }
    return $y;
}

# ---- graphics ----
sub rule {
    my ($s, $x1, $y1, $x2, $y2, %o) = @_;
    my $im = $s->im($o{layer});
    my $t = $s->px($o{t} // 0.25); $t = 1 if $t < 1;
    my $c = $s->grey($im, $o{g} // 0);
    if (abs($y1 - $y2) < 1e-9) { my $yy = $s->px($y1); $im->filledRectangle($s->px($x1), $yy - $t / 2, $s->px($x2), $yy + $t / 2 - 0.01, $c); return; }
    if (abs($x1 - $x2) < 1e-9) { my $xx = $s->px($x1); $im->filledRectangle($xx - $t / 2, $s->px($y1), $xx + $t / 2 - 0.01, $s->px($y2), $c); return; }
    $im->setThickness(int($t + 0.5)); $im->line($s->px($x1), $s->px($y1), $s->px($x2), $s->px($y2), $c); $im->setThickness(1);
}
sub dashed {
    my ($s, $x1, $y, $x2, %o) = @_;
    my $d = $o{dash} // 1.5;
    for (my $x = $x1; $x < $x2; $x += 2 * $d) { $s->rule($x, $y, ($x + $d < $x2 ? $x + $d : $x2), $y, %o); }
}
sub rect {
    my ($s, $x, $y, $w, $h, %o) = @_;
    $s->rule($x, $y, $x + $w, $y, %o); $s->rule($x, $y + $h, $x + $w, $y + $h, %o);
    $s->rule($x, $y, $x, $y + $h, %o); $s->rule($x + $w, $y, $x + $w, $y + $h, %o);
}
sub fill_rect {
    my ($s, $x, $y, $w, $h, %o) = @_;
    my $im = $s->im($o{layer});
    $im->filledRectangle($s->px($x), $s->px($y), $s->px($x + $w) - 1, $s->px($y + $h) - 1, $s->grey($im, $o{g} // 0));
}
sub poly {
    my ($s, $pts, %o) = @_;
    my $im = $s->im($o{layer});
    my $p = GD::Polygon->new; $p->addPt($s->px($_->[0]), $s->px($_->[1])) for @$pts;
    my $c = $s->grey($im, $o{g} // 0);
    if ($o{aa}) { $im->setAntiAliased($c); $c = gdAntiAliased; }
    if ($o{open}) { $im->setThickness(int($s->px($o{t} // 0.3) + 0.5) || 1); $im->unclosedPolygon($p, $c); $im->setThickness(1); }
    else { $im->filledPolygon($p, $c); }
}
sub ellipse {
    my ($s, $cx, $cy, $w, $h, %o) = @_;
    my $im = $s->im($o{layer});
    my $c = $s->grey($im, $o{g} // 0);
    if ($o{fill}) { $im->filledEllipse($s->px($cx), $s->px($cy), $s->px($w), $s->px($h), $c); }
    else { $im->setThickness(int($s->px($o{t} // 0.3) + 0.5) || 1); $im->ellipse($s->px($cx), $s->px($cy), $s->px($w), $s->px($h), $c); $im->setThickness(1); }
}
sub tickbox { my ($s, $x, $y, $sz, %o) = @_; $s->rect($x, $y - $sz, $sz, $sz, t => $o{t} // 0.22, %o); }

# ---- pen strokes (brush = small round nib; overlay layers) ----
sub _brush {
    my ($s, $d) = @_;
    my $n = int($d + 0.999); $n = 2 if $n < 2;
    my $b = GD::Image->new($n, $n, 1);
    $b->alphaBlending(0); $b->saveAlpha(1);
    my $tr = $b->colorAllocateAlpha(255, 255, 255, 127);
    $b->filledRectangle(0, 0, $n - 1, $n - 1, $tr);
    $b->filledEllipse(($n - 1) / 2, ($n - 1) / 2, $n, $n, $b->colorAllocate(0, 0, 0));
    return $b;
}
sub stroke {    # polyline with a round nib (mm points)
    my ($s, $pts, %o) = @_;
    my $im = $s->im($o{layer} // 'pen');
    my $d = $s->px($o{w} // 0.45);
    if ($d < 2.2) {
        my $c = $s->grey($im, $o{g} // 0);
        if ($d < 1.5) { $im->setAntiAliased($c); $c = gdAntiAliased; } else { $im->setThickness(2); }    # fine pen: anti-aliased GD line
        for my $i (1 .. $#$pts) { $im->line($s->px($pts->[$i - 1][0]), $s->px($pts->[$i - 1][1]), $s->px($pts->[$i][0]), $s->px($pts->[$i][1]), $c); }
        $im->setThickness(1); return;
    }
    # keep the brush alive: GD keeps only a pointer to it
    my $bk = int($d + 0.999); $s->{brushes}{$bk} //= $s->_brush($d);
    $im->setBrush($s->{brushes}{$bk});
    for my $i (1 .. $#$pts) { $im->line($s->px($pts->[$i - 1][0]), $s->px($pts->[$i - 1][1]), $s->px($pts->[$i][0]), $s->px($pts->[$i][1]), gdBrushed); }
}
sub bezier {
    my ($s, $p0, $p1, $p2, $p3, $n) = @_;
    $n //= 16; my @o;
    for my $i (0 .. $n) { my $t = $i / $n; my $u = 1 - $t;
        push @o, [ $u**3 * $p0->[0] + 3 * $u * $u * $t * $p1->[0] + 3 * $u * $t * $t * $p2->[0] + $t**3 * $p3->[0],
                   $u**3 * $p0->[1] + 3 * $u * $u * $t * $p1->[1] + 3 * $u * $t * $t * $p2->[1] + $t**3 * $p3->[1] ]; }
    return @o;
}
sub signature {
    my ($s, $x, $y, $w, %o) = @_;
    my $r = $s->rng; my @pts; my $cx = $x; my $h = $o{h} // 7;
    my $n = 4 + $r->int(0, 4);
    my @p = ([$x, $y]);
    for my $i (1 .. $n) { push @p, [$x + $w * $i / $n + $r->uniform(-2, 2), $y + $r->uniform(-$h, $h * 0.4)]; }
    for my $i (1 .. $#p) {
        my ($a, $b) = ($p[$i - 1], $p[$i]);
        push @pts, $s->bezier($a, [$a->[0] + $r->uniform(-3, 6), $a->[1] + $r->uniform(-$h, $h)], [$b->[0] + $r->uniform(-6, 3), $b->[1] + $r->uniform(-$h, $h)], $b, 12);
    }
    $s->stroke(\@pts, %o);
    # underline flourish
    $s->stroke([ $s->bezier([$x + $w * 0.1, $y + 2], [$x + $w * 0.4, $y + 4], [$x + $w * 0.8, $y + 1], [$x + $w * 1.05, $y + 2.5], 16) ], %o) if $r->chance(0.6);
}
sub tick {
    my ($s, $x, $y, $sz, %o) = @_;    # x,y = bottom-left of a box of size sz
    my $r = $s->rng;
    my @a = ([$x + 0.15 * $sz, $y - 0.5 * $sz], [$x + 0.4 * $sz + $r->uniform(-0.3, 0.3), $y - 0.1 * $sz], [$x + 1.1 * $sz + $r->uniform(-0.5, 0.8), $y - 1.3 * $sz + $r->uniform(-0.8, 0.3)]);
    if (($o{mark} // 'tick') eq 'cross') { $s->stroke([[$x + 0.1 * $sz, $y - 0.9 * $sz], [$x + 0.9 * $sz, $y - 0.1 * $sz]], %o); $s->stroke([[$x + 0.9 * $sz, $y - 0.9 * $sz], [$x + 0.1 * $sz, $y - 0.1 * $sz]], %o); return; }
    $s->stroke(\@a, %o);
}

# ---- special printers ----
# typewriter: fixed pitch, per-strike baseline/darkness jitter, occasional double strike
sub typewriter {
    my ($s, $x, $y, $text, %o) = @_;
    my $f = $o{f} // 'hermit'; my $pt = $o{pt} // 11; my $pitch = $o{pitch} // 2.54;
    my $r = $s->rng; $s->check_cov($f, $text); $s->{fonts}{$f}++; $s->{flags}{typewriter} = 1;
    my $im = $s->im($o{layer});
    my $line_off = $r->normal(0, 0.05);
    my $i = 0;
    for my $ch (split //, $text) {
        if ($ch ne ' ') {
            my $cw = $s->width($f, $pt, $ch);
            my $cx = $x + $i * $pitch + ($pitch - $cw) / 2 + $r->normal(0, 0.04);
            my $cy = $y + $line_off + $r->normal(0, $o{jy} // 0.06);
            my $g = ($o{g} // 20) + abs($r->normal(0, $o{fade} // 35));
            my $c = $s->grey($im, $g);
            my $ang = $r->normal(0, 0.6) * $PI / 180;
            $im->stringFT($c, font_file($f), $pt, $ang, $s->px($cx), $s->px($cy), $ch, $s->_res);
            if ($r->chance($o{double} // 0.04)) { $im->stringFT($s->grey($im, $g + 60), font_file($f), $pt, $ang, $s->px($cx + 0.08), $s->px($cy - 0.05), $ch, $s->_res); }
        }
        $i++;
    }
    $s->gt($text) unless defined $o{gt} && !$o{gt};
    return $pitch * length($text);
}
# dot-matrix: glyphs from a PC ROM font rasterised at one pixel per pin, each pin drawn as a dot
sub dotmatrix {
    my ($s, $x, $y, $text, %o) = @_;
    my $pitch = $o{pitch} // 2.54; my $dy = $o{dy} // ($pitch / 9 * 1.15);
    my $r = $s->rng; $s->check_cov('pxmda', $text); $s->{fonts}{pxmda}++; $s->{flags}{dotmatrix} = 1;
    my $n = length $text;
    my $g = GD::Image->new(9 * $n + 4, 20, 1);
    $g->filledRectangle(0, 0, 9 * $n + 3, 19, $g->colorAllocate(255, 255, 255));
    $g->stringFT(-$g->colorAllocate(0, 0, 0), font_file('pxmda'), 16, 0, 0, 14, $text, { resolution => '72,72' });
    my $im = $s->im($o{layer});
    my $dx = $pitch / 9;
    my $dd = $s->px($o{dot} // ($dx * 1.25));
    my $weak = $o{weakpin} // -1;
    my $base = $o{g} // 25;
    my ($gw) = $g->getBounds;
    for my $py (0 .. 19) {
        for my $pxl (0 .. $gw - 1) {
            next if $g->getPixel($pxl, $py) != 0;
            next if $py == $weak && $r->chance(0.8);
            my $cx = $x + $pxl * $dx + $r->normal(0, 0.02);
            my $cy = $y + ($py - 14) * $dy + $r->normal(0, 0.02);
            my $c = $s->grey($im, $base + abs($r->normal(0, $o{fade} // 25)));
            $im->filledEllipse($s->px($cx), $s->px($cy), $dd, $dd, $c);
        }
    }
    $s->gt($text) unless defined $o{gt} && !$o{gt};
    return $pitch * $n;
}
# handwriting: per-glyph jitter in size, angle, baseline and spacing
sub hand {
    my ($s, $x, $y, $text, %o) = @_;
    my $f = $o{f} // 'hand-connect'; my $pt = $o{pt} // 14;
    $text = uc $text if $f =~ /^hand-/;    # these faces have capital forms only
    my $r = $s->rng; $s->check_cov($f, $text); $s->{fonts}{$f}++;
    my $im = $s->im($o{layer} // 'pen');
    my $slope = $o{slope} // $r->normal(0, 0.012);
    my $base_ang = ($o{angle} // 0);
    my $cx = $x; my $drift = 0;
    my $ca = cos($base_ang * $PI / 180); my $sa = sin($base_ang * $PI / 180);
    my $sp = $o{spacing} // 1.0;
    for my $ch (split //, $text) {
        my $adv = $s->width($f, $pt, $ch) * $sp;
        if ($ch ne ' ') {
            my $sz = $pt * (1 + $r->normal(0, $o{js} // 0.05));
            my $ang = ($base_ang + $r->normal(0, $o{ja} // 3)) * $PI / 180;
            $drift += $r->normal(0, 0.05); $drift *= 0.85;
            my $dxm = $cx - $x;
            my $px = $x + $dxm * $ca; my $py = $y - $dxm * $sa + $dxm * $slope + $drift;
            my $c = $s->grey($im, ($o{g} // 10) + abs($r->normal(0, 18)));
            $im->stringFT($c, font_file($f), $sz, $ang, $s->px($px), $s->px($py), $ch, $s->_res);
        } else { $adv *= $r->uniform(0.9, 1.5); }
        $cx += $adv + $r->normal(0, 0.08);
    }
    if ($o{gt}) { $s->gt($text); $s->{flags}{handbody} = 1; } elsif (!$o{norecord}) { $s->overlay_text($o{kind} // 'handwritten_annotation', $text); }
    return $cx - $x;
}
# rubber stamp (overlay): lines of text in a (rotated) box
sub stamp {
    my ($s, $cx, $cy, $lines, %o) = @_;
    my $layer = $o{layer} // 'stamp';
    my $im = $s->im($layer);
    my $f = $o{f} // 'tirpc-b'; my $pt = $o{pt} // 11;
    my $ang = $o{angle} // 0; my $ra = $ang * $PI / 180;
    my $lead = $pt * 0.3528 * 1.35;
    my $wmax = 0; $wmax < $_ and $wmax = $_ for map { $s->width($f, $pt, $_) } @$lines;
    my $hh = $lead * @$lines + 3; my $ww = $wmax + 6;
    my ($ca, $sa) = (cos($ra), sin($ra));
    my $rot = sub { my ($dx, $dy) = @_; return [$cx + $dx * $ca + $dy * $sa, $cy - $dx * $sa + $dy * $ca]; };
    my $c = $s->grey($im, 0);
    my $thick = $s->px($o{border} // 0.6);
    for my $k (0 .. ($o{double} ? 1 : 0)) {
        my $e = $k * 1.2;
        my @p = map { $rot->(@$_) } ([-$ww / 2 - $e, -$hh / 2 - $e], [$ww / 2 + $e, -$hh / 2 - $e], [$ww / 2 + $e, $hh / 2 + $e], [-$ww / 2 - $e, $hh / 2 + $e]);
        my $poly = GD::Polygon->new; $poly->addPt($s->px($_->[0]), $s->px($_->[1])) for @p;
        $im->setThickness(int($thick + 0.5) || 1); $im->polygon($poly, $c); $im->setThickness(1);
    }
    my $ly = -$hh / 2 + 1.5 + $pt * 0.3528 * 0.8;
    for my $ln (@$lines) {
        $s->check_cov($f, $ln); $s->{fonts}{$f}++;
        my $w = $s->width($f, $pt, $ln);
        my $p = $rot->(-$w / 2, $ly);
        $im->stringFT($c, font_file($f), $pt, $ra, $s->px($p->[0]), $s->px($p->[1]), $ln, $s->_res);
        $s->overlay_text('stamp', $ln);
        $ly += $lead;
    }
}
1;
