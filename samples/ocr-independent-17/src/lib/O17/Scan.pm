package O17::Scan;
# Paper life and scanner simulation on PDL raster arrays: composition of ink layers, toner,
# halftone, stains, highlighter, holes, staples, folds, bleed-through, photocopy generations,
# skew/rotation/resampling (own bilinear / bicubic / nearest), lighting, blur, noise, fax.
use strict; use warnings;
use PDL;
use PDL::NiceSlice ();
use O17::Img qw(gd_to_cov);
use Digest::SHA qw(sha256);
use Exporter 'import';
our @EXPORT_OK = qw(scan_page fax_page hnoise);

PDL::set_autopthread_targ(1);
my $PI = 3.14159265358979;
sub F { return float($_[0]); }

# ---------- deterministic noise (hash of pixel index and a 32-bit seed) ----------
sub seed_of { my ($str) = @_; return unpack('N', sha256($str)); }
sub hnoise {    # uniform [0,1) float (W,H)
    my ($w, $h, $seed) = @_;
    $seed = seed_of($seed) if $seed =~ /\D/;
    my $x = sequence(ulong, $w * $h) * ulong(2654435761) + ulong($seed);    # uint32 arithmetic wraps mod 2^32
    $x ^= $x >> ulong(16); $x *= ulong(0x85EBCA6B); $x ^= $x >> ulong(13);
    $x *= ulong(0xC2B2AE35); $x ^= $x >> ulong(16);
    return ($x->float / F(4294967296))->reshape($w, $h);
}
sub gnoise {    # approx N(0,1): logistic transform of one uniform field
    my ($w, $h, $seed) = @_;
    my $u = hnoise($w, $h, $seed)->clip(1e-6, 1 - 1e-6);
    return log($u / (1 - $u)) * F(0.5513);
}
sub smooth_noise {    # smooth field in ~[0,1]: coarse hash noise upsampled bilinearly (separable)
    my ($w, $h, $cell, $seed) = @_;
    my $gw = int($w / $cell) + 3; my $gh = int($h / $cell) + 3;
    my $g = hnoise($gw, $gh, $seed);
    return upsample($g, $w, $h, 1 / $cell, 1 / $cell);
}
# separable bilinear resize: dst(u,v) = src((u+0.5)*sx - 0.5, (v+0.5)*sy - 0.5)
sub upsample {
    my ($src, $w, $h, $sx, $sy) = @_;
    my ($W, $H) = $src->dims;
    my $xs = ((sequence(float, $w) + F(0.5)) * F($sx) - F(0.5))->clip(0, $W - 1.001);
    my $x0 = $xs->floor; my $fx = $xs - $x0; $x0 = $x0->indx;
    my $a = $src->dice_axis(0, $x0); my $b = $src->dice_axis(0, $x0 + 1);
    my $r = $a + ($b - $a) * $fx;                       # (w, H)
    my $ys = ((sequence(float, $h) + F(0.5)) * F($sy) - F(0.5))->clip(0, $H - 1.001);
    my $y0 = $ys->floor; my $fy = ($ys - $y0)->dummy(0, 1); $y0 = $y0->indx;
    my $c = $r->dice_axis(1, $y0); my $d = $r->dice_axis(1, $y0 + 1);
    return ($c + ($d - $c) * $fy)->float;
}
sub fractal {
    my ($w, $h, $cell, $seed, $oct) = @_;
    my $acc = zeroes(float, $w, $h); my $amp = 1; my $tot = 0;
    for my $o (0 .. ($oct // 3) - 1) { $acc += smooth_noise($w, $h, $cell / 2**$o, "$seed/o$o") * F($amp); $tot += $amp; $amp *= 0.5; }
    return $acc / F($tot);
}

# ---------- resampling ----------
# sample src (W,H) at coords xs, ys (float PDLs), method: nearest | bilinear | bicubic
sub sample {
    my ($src, $xs, $ys, $method, $bg) = @_;
    my ($W, $H) = $src->dims;
    my $flat = $src->flat;
    my $inside = ($xs >= -0.5) & ($xs <= $W - 0.5) & ($ys >= -0.5) & ($ys <= $H - 0.5);
    my $out;
    if ($method eq 'nearest') {
        my $xi = ($xs + F(0.5))->floor->clip(0, $W - 1)->indx; my $yi = ($ys + F(0.5))->floor->clip(0, $H - 1)->indx;
        $out = $flat->index($yi * $W + $xi)->sever;
    } elsif ($method eq 'bilinear') {
        my $xc = $xs->clip(0, $W - 1.001); my $yc = $ys->clip(0, $H - 1.001);
        my $x0 = $xc->floor; my $y0 = $yc->floor;
        my $fx = $xc - $x0; my $fy = $yc - $y0;
        my $idx = $y0->indx * $W + $x0->indx;
        my $v00 = $flat->index($idx); my $v10 = $flat->slice('1:-1')->index($idx);
        my $v01 = $flat->slice("$W:-1")->index($idx); my $v11 = $flat->slice(($W + 1) . ':-1')->index($idx);
        my $top = $v00 + $fx * ($v10 - $v00); my $bot = $v01 + $fx * ($v11 - $v01);
        $out = $top + $fy * ($bot - $top);
    } elsif ($method eq 'bicubic') {
        my $x0 = $xs->floor; my $y0 = $ys->floor;
        my $fx = $xs - $x0; my $fy = $ys - $y0;
        my @wx = _keys($fx); my @wy = _keys($fy);
        my @xi = map { ($x0 + F($_))->clip(0, $W - 1)->indx } -1 .. 2;
        $out = zeroes(float, $xs->dims);
        for my $j (0 .. 3) {
            my $yb = ($y0 + F($j - 1))->clip(0, $H - 1)->indx * $W;
            my $rowacc = $flat->index($yb + $xi[0]) * $wx[0];
            $rowacc += $flat->index($yb + $xi[$_]) * $wx[$_] for 1 .. 3;
            $out += $rowacc * $wy[$j];
        }
    } else { die "method $method" }
    $out = $out->float;
    $out->where(!$inside) .= F($bg) if defined $bg;
    return ($out, $inside);
}
sub _keys {    # Keys cubic convolution weights (a = -0.5) for taps -1,0,1,2 at fraction t
    my ($t) = @_;
    my $t2 = $t * $t; my $t3 = $t2 * $t;
    return ( $t2 - F(0.5) * ($t3 + $t),
             F(1.5) * $t3 - F(2.5) * $t2 + F(1),
             F(2) * $t2 - F(1.5) * $t3 + F(0.5) * $t,
             F(0.5) * ($t3 - $t2) );
}
sub resize_bilinear {    # dst(u,v) = src(sx*(u+ox) - ox', ...) : simple axis-aligned scale
    my ($src, $w, $h, $sx, $sy, $ox, $oy) = @_;
    my $xs = sequence(float, $w) * F($sx) + F($ox // 0) - F(0.5);
    my $ys = sequence(float, 1, $h) * F($sy) + F($oy // 0) - F(0.5);
    my $X = $xs + zeroes(float, 1, $h); my $Y = $ys + zeroes(float, $w, 1);
    my ($o) = sample($src, $X, $Y, 'bilinear');
    return $o;
}
sub downpool {    # mean pooling by integer factor
    my ($a, $f) = @_;
    my ($W, $H) = $a->dims;
    my $w = int($W / $f); my $h = int($H / $f);
    my $t = $a->slice('0:' . ($w * $f - 1) . ',0:' . ($h * $f - 1))->copy;
    return $t->reshape($f, $w, $f, $h)->mv(2, 1)->clump(2)->average;
}

# ---------- blur: separable gaussian with clamped edges, on (W,H) ----------
sub blur {
    my ($a, $sx, $sy) = @_;
    $sy //= $sx;
    my $b = _blur_dim($a, $sx, 0);
    return _blur_dim($b, $sy, 1);
}
sub _blur_dim {
    my ($a, $sig, $dim) = @_;
    return $a if $sig < 0.15;
    my $r = int(2.5 * $sig + 0.999); $r = 1 if $r < 1;
    my @w = map { exp(-0.5 * ($_ / $sig)**2) } -$r .. $r;
    my $sum = 0; $sum += $_ for @w; @w = map { $_ / $sum } @w;
    my $n = $a->dim($dim);
    $r = $n - 1 if $r > $n - 1;
    my $sl = sub { my $r = shift; return $dim == 0 ? "$r,:" : ":,$r"; };
    my $out = $a * F($w[$r]);
    for my $k (1 .. $r) {
        my ($wl, $wr) = ($w[$r - $k], $w[$r + $k]);
        # out[i] += w * a[i-k] (clamped) ; out[i] += w * a[i+k] (clamped)
        $out->slice($sl->("$k:-1")) += $a->slice($sl->('0:' . ($n - 1 - $k))) * F($wl);
        $out->slice($sl->('0:' . ($k - 1))) += $a->slice($sl->('0:0')) * F($wl);
        $out->slice($sl->('0:' . ($n - 1 - $k))) += $a->slice($sl->("$k:-1")) * F($wr);
        $out->slice($sl->(($n - $k) . ':-1')) += $a->slice($sl->('-1:-1')) * F($wr);
    }
    return $out;
}

# ---------- helpers ----------
sub lum { my ($c) = @_; return 0.299 * $c->[0] + 0.587 * $c->[1] + 0.114 * $c->[2]; }
sub ink_vec { my ($c, $C) = @_; return $C == 1 ? [ lum($c) ] : $c; }
sub mm2 { my ($pg, $mm) = @_; return $mm * $pg->{dpi} / 25.4; }
sub window {    # integer pixel window clipped to image
    my ($W, $H, $x0, $y0, $x1, $y1) = @_;
    $x0 = 0 if $x0 < 0; $y0 = 0 if $y0 < 0; $x1 = $W - 1 if $x1 > $W - 1; $y1 = $H - 1 if $y1 > $H - 1;
    return if $x1 <= $x0 || $y1 <= $y0;
    return (int $x0, int $y0, int $x1, int $y1);
}

# ---------- main ----------
# cfg: out (rgb|grey|bilevel), sdpi, paper [r,g,b], ink, toner_loss, ink_spread, copies, streaks,
#      skew, margins [l,t,r,b] mm, bed, method, blur, noise, light, gamma, threshold, rot90, seed
sub compose {
    my ($pg, $cfg) = @_;
    my $C = $cfg->{out} eq 'rgb' ? 3 : 1;
    my ($W, $H) = ($pg->{W}, $pg->{H});
    my $seed = $cfg->{seed};
    my $paper = ink_vec($cfg->{paper} // [0.96, 0.96, 0.95], $C);
    # paper with mottle and fibre texture
    my $tex = F(1) + (fractal($W, $H, mm2($pg, 9), "$seed/mottle", 2) - F(0.5)) * F($cfg->{mottle} // 0.05)
              + (hnoise($W, $H, "$seed/fibre") - F(0.5)) * F($cfg->{fibre} // 0.025);
    my @ch = map { $tex * F($paper->[$_]) } 0 .. $C - 1;
    for my $ln (@{ $pg->{lorder} }) {
        my $L = $pg->{layers}{$ln};
        my $cov = gd_to_cov($L->{im});
        next if $cov->max <= 0;
        if ($L->{kind} eq 'print') {
            if (my $sp = $cfg->{ink_spread}) { $cov = (blur($cov, $sp * $pg->{dpi} / 300) * F(1.35))->clip(0, 1); }
            if (my $tl = $cfg->{toner_loss}) {
                my $m = fractal($W, $H, mm2($pg, 2.5), "$seed/toner/$ln", 3);
                my $keep = (($m - F($tl * 0.55)) * F(6))->clip(0, 1);
                my $speck = (hnoise($W, $H, "$seed/tspk/$ln") > F($tl * 0.45))->float;
                $cov = $cov * $keep * ($speck * F(0.6) + F(0.4));
            }
            $cov *= F($cfg->{ink_density} // 1);
        }
        if (my $ht = $L->{halftone}) {
            my $P = mm2($pg, $ht->{period}); my $a = $ht->{angle} * $PI / 180;
            my $xg = sequence(float, $W); my $yg = sequence(float, 1, $H);
            my $u = $xg * F(cos($a)) + $yg * F(sin($a)); my $v = $yg * F(cos($a)) - $xg * F(sin($a));
            my $scr = F(0.5) + F(0.25) * (cos($u * F(2 * $PI / $P)) + cos($v * F(2 * $PI / $P)));
            $cov = ($cov > $scr)->float;
        }
        if ($L->{patchy}) {
            my $m = fractal($W, $H, mm2($pg, 3), "$seed/patch/$ln", 3);
            $cov *= (($m - F(0.5 * $L->{patchy})) * F(4))->clip(0.15, 1) * (hnoise($W, $H, "$seed/pk/$ln") * F(0.5) + F(0.6))->clip(0, 1);
        }
        if ($L->{mirror}) { $cov = blur($cov->slice('-1:0,:'), 2.6 * $pg->{dpi} / 300) * F($L->{strength}); }
        my $ink = ink_vec($L->{ink}, $C);
        for my $c (0 .. $C - 1) { $ch[$c] *= (F(1) - $cov * F(1 - $ink->[$c])); }
    }
    # page effects in paper coordinates
    for my $f (@{ $pg->{fx} }) { _fx($pg, \@ch, $f, $cfg, $C); }
    return \@ch;
}
sub _fx {
    my ($pg, $ch, $f, $cfg, $C) = @_;
    my ($W, $H) = ($pg->{W}, $pg->{H});
    my $seed = "$cfg->{seed}/fx/" . ($f->{id} // $f->{type});
    my $t = $f->{type};
    if ($t eq 'highlight') {
        my ($x0, $y0, $x1, $y1) = window($W, $H, mm2($pg, $f->{x}), mm2($pg, $f->{y}), mm2($pg, $f->{x} + $f->{w}), mm2($pg, $f->{y} + $f->{h})) or return;
        my $w = $x1 - $x0 + 1; my $h = $y1 - $y0 + 1;
        my $edge = smooth_noise($w, $h, mm2($pg, 1.2), "$seed/e");
        my $yy = sequence(float, 1, $h) / F($h);
        my $xx = sequence(float, $w) / F($w);
        my $m = ((F(0.5) - ($yy - F(0.5))->abs) * F(12) + ($edge - F(0.5)) * F(2))->clip(0, 1) * ((F(0.5) - ($xx - F(0.5))->abs) * F(60))->clip(0, 1);
        my $col = ink_vec($f->{colour} // [1, 0.93, 0.35], $C);
        for my $c (0 .. $C - 1) { $ch->[$c]->slice("$x0:$x1,$y0:$y1") *= (F(1) - $m * F(1 - $col->[$c])); }
    } elsif ($t eq 'coffee') {
        my $r = mm2($pg, $f->{r}); my $cx = mm2($pg, $f->{x}); my $cy = mm2($pg, $f->{y});
        my ($x0, $y0, $x1, $y1) = window($W, $H, $cx - 1.3 * $r, $cy - 1.3 * $r, $cx + 1.3 * $r, $cy + 1.3 * $r) or return;
        my $xg = sequence(float, $x1 - $x0 + 1) + F($x0 - $cx); my $yg = sequence(float, 1, $y1 - $y0 + 1) + F($y0 - $cy);
        my $d = sqrt($xg * $xg + $yg * $yg);
        my $ang = atan2($yg + zeroes(float, $x1 - $x0 + 1, 1), $xg + zeroes(float, 1, $y1 - $y0 + 1));
        my $rr = F($r) * (F(1) + F(0.04) * sin($ang * F(3) + F(1.3)) + F(0.03) * sin($ang * F(7) + F(0.4)));
        my $wid = F(mm2($pg, 1.1));
        my $ring = exp(-(($d - $rr) / $wid)**2) * F(0.55) + ($d < $rr)->float * F(0.12);
        $ring *= (smooth_noise($x1 - $x0 + 1, $y1 - $y0 + 1, mm2($pg, 4), "$seed/n") * F(0.8) + F(0.5));
        $ring *= F($f->{strength} // 1);
        my $col = ink_vec([0.62, 0.42, 0.2], $C);
        for my $c (0 .. $C - 1) { $ch->[$c]->slice("$x0:$x1,$y0:$y1") *= (F(1) - $ring * F(1 - $col->[$c])); }
    } elsif ($t eq 'punch') {    # two filing holes; the scanner sees the (dark) lid/backing through them
        for my $yc (@{ $f->{ys} // [ $pg->{hmm} / 2 - 40, $pg->{hmm} / 2 + 40 ] }) {
            my $cx = mm2($pg, $f->{x} // 12); my $cy = mm2($pg, $yc); my $r = mm2($pg, 3);
            my ($x0, $y0, $x1, $y1) = window($W, $H, $cx - 2 * $r, $cy - 2 * $r, $cx + 2 * $r, $cy + 2 * $r) or next;
            my $xg = sequence(float, $x1 - $x0 + 1) + F($x0 - $cx); my $yg = sequence(float, 1, $y1 - $y0 + 1) + F($y0 - $cy);
            my $d = sqrt($xg * $xg + $yg * $yg);
            my $hole = (F($r) - $d + F(1))->clip(0, 1);
            my $shadow = exp(-((($d - F($r)) / F(mm2($pg, 0.8)))->clip(0, 1e9))**2) * F(0.25) * ($d >= $r);
            my $bed = $f->{bed} // 0.12;
            for my $c (0 .. $C - 1) { my $s = $ch->[$c]->slice("$x0:$x1,$y0:$y1"); $s .= ($s * (F(1) - $hole) + $hole * F($bed)) * (F(1) - $shadow); }
        }
    } elsif ($t eq 'staple') {
        my $cx = mm2($pg, $f->{x}); my $cy = mm2($pg, $f->{y}); my $len = mm2($pg, 12); my $a = ($f->{angle} // -40) * $PI / 180;
        my ($x0, $y0, $x1, $y1) = window($W, $H, $cx - $len, $cy - $len, $cx + $len, $cy + $len) or return;
        my $xg = sequence(float, $x1 - $x0 + 1) + F($x0 - $cx); my $yg = sequence(float, 1, $y1 - $y0 + 1) + F($y0 - $cy);
        my $u = $xg * F(cos($a)) + $yg * F(sin($a)); my $v = $yg * F(cos($a)) - $xg * F(sin($a));
        my $bar = ((F($len / 2) - $u->abs)->clip(0, 1)) * ((F(mm2($pg, 0.45)) - $v->abs)->clip(0, 1));
        my $sh = ((F($len / 2 + 3) - $u->abs)->clip(0, 1)) * exp(-((($v - F(mm2($pg, 0.6))) / F(mm2($pg, 0.5)))**2)) * F(0.35);
        my $shine = F(0.35) + F(0.25) * cos($u * F(0.3));
        # holes left by the staple legs / tear
        for my $c (0 .. $C - 1) { my $s = $ch->[$c]->slice("$x0:$x1,$y0:$y1"); $s .= ($s * (F(1) - $sh)) * (F(1) - $bar) + $bar * $shine; }
    } elsif ($t eq 'fold') {    # crease line across the page
        my $y = mm2($pg, $f->{y});
        my ($x0, $y0, $x1, $y1) = window($W, $H, 0, $y - mm2($pg, 6), $W - 1, $y + mm2($pg, 6)) or return;
        my $yg = sequence(float, 1, $y1 - $y0 + 1) + F($y0 - $y);
        my $wav = sin(sequence(float, $x1 - $x0 + 1) * F(0.004)) * F(mm2($pg, 0.4));
        my $dy = $yg - $wav;
        my $m = F(1) - exp(-(($dy / F(mm2($pg, 0.25)))**2)) * F(0.22) - exp(-((($dy - F(mm2($pg, 2))) / F(mm2($pg, 2.2)))**2)) * F(0.06)
                + exp(-((($dy + F(mm2($pg, 1.2))) / F(mm2($pg, 1.2)))**2)) * F(0.03);
        for my $c (0 .. $C - 1) { $ch->[$c]->slice("$x0:$x1,$y0:$y1") *= $m; }
    } elsif ($t eq 'wrinkle') {
        my $m = F(1) - (fractal($W, $H, mm2($pg, 30), "$seed/w", 2) - F(0.5))->abs * F($f->{strength} // 0.12);
        $_ *= $m for @$ch;
    } elsif ($t eq 'dirt') {
        my $n = hnoise($W, $H, "$seed/d");
        my $m = F(1) - (($n > F(1 - ($f->{amount} // 0.0004)))->float * F(0.8));
        $m = blur($m, 0.8 * $pg->{dpi} / 300);
        $_ *= $m for @$ch;
    } else { die "unknown fx $t" }
}
sub photocopy {
    my ($ch, $pg, $cfg, $gen) = @_;
    my ($W, $H) = $ch->[0]->dims;
    my $seed = "$cfg->{seed}/copy$gen";
    for my $c (0 .. $#$ch) {
        my $a = $ch->[$c];
        $a = blur($a, 0.7 * $pg->{dpi} / 300);
        # contrast curve: paper greys, ink blackens
        my $k = F($cfg->{copy_contrast} // 7);
        $a = F(1) / (F(1) + exp(-($a - F(0.5)) * $k));
        $a = $a * F(0.92) + F(0.02);
        $ch->[$c] = $a;
    }
    my $dark = (hnoise($W, $H, "$seed/spk") > F(0.99965))->float;
    $dark = (blur($dark, 1.0 * $pg->{dpi} / 300) * F(4))->clip(0, 1);
    my $loss = ((fractal($W, $H, mm2($pg, 4), "$seed/loss", 3) - F(0.25)) * F(5))->clip(0, 1);
    my $edge = F(1) - F(0.5) * exp(-sequence(float, $W) / F(mm2($pg, 1.5))) - F(0.4) * exp(-(F($W - 1) - sequence(float, $W)) / F(mm2($pg, 2)));
    for my $c (0 .. $#$ch) {
        my $a = $ch->[$c];
        $a = F(1) - (F(1) - $a) * ($loss * F(0.35) + F(0.65));    # uneven toner
        $a *= (F(1) - $dark * F(0.85));
        $a *= $edge;
        $ch->[$c] = $a;
    }
}
sub streaks {
    my ($ch, $pg, $cfg) = @_;
    my ($W, $H) = $ch->[0]->dims;
    my $r = $cfg->{rng};
    my $col = ones(float, $W);
    for my $i (1 .. ($cfg->{streaks} // 0)) {
        my $x = $r->int(0, $W - 8); my $w = $r->int(1, int(4 * $pg->{dpi} / 300) + 1);
        my $v = $r->chance(0.7) ? $r->uniform(0.45, 0.85) : $r->uniform(1.05, 1.2);
        $col->slice("$x:" . ($x + $w - 1)) *= F($v);
    }
    # a broad faint band as well
    my $bx = $r->int(0, $W - 1); my $bw = mm2($pg, $r->uniform(4, 15));
    $col *= F(1) - F(0.08) * exp(-((sequence(float, $W) - F($bx)) / F($bw))**2);
    $_ = ($_ * $col)->clip(0, 1.0) for @$ch;
}

# geometry: paper -> scan grid. returns ([channels], inside mask, Ws, Hs)
sub geometry {
    my ($ch, $pg, $cfg) = @_;
    my $s = $cfg->{sdpi}; my $r = $pg->{dpi};
    my ($ml, $mt, $mr, $mb) = @{ $cfg->{margins} // [0, 0, 0, 0] };
    my $Ws = int(($pg->{wmm} + $ml + $mr) * $s / 25.4 + 0.5);
    my $Hs = int(($pg->{hmm} + $mt + $mb) * $s / 25.4 + 0.5);
    my $th = -($cfg->{skew} // 0) * $PI / 180;    # positive skew = paper turned clockwise
    my ($ct, $st) = (cos($th), sin($th));
    my ($cx, $cy) = ($pg->{wmm} / 2, $pg->{hmm} / 2);
    # paper mm = R(th) * (scan mm - margin - centre) + centre ; render px = mm*r/25.4 - 0.5
    my $k = 25.4 / $s; my $q = $r / 25.4;
    my ($dx, $dy) = ($cfg->{shift_x} // 0, $cfg->{shift_y} // 0);
    my $u = sequence(float, $Ws) * F($k) + F(0.5 * $k - $ml - $cx - $dx);
    my $v = sequence(float, 1, $Hs) * F($k) + F(0.5 * $k - $mt - $cy - $dy);
    my $xs = ($u * F($ct) - $v * F($st) + F($cx)) * F($q) - F(0.5);
    my $ys = ($u * F($st) + $v * F($ct) + F($cy)) * F($q) - F(0.5);
    my $method = $cfg->{method} // 'bilinear';
    my $scale = $r / $s;
    my @out; my $inside;
    for my $a (@$ch) {
        my $src = $scale > 1.2 ? blur($a, 0.42 * $scale) : $a;
        my ($o, $in) = sample($src, $xs, $ys, $method, $cfg->{bed} // 0.1);
        push @out, $o; $inside = $in;
    }
    return (\@out, $inside, $Ws, $Hs);
}
sub scanner {
    my ($ch, $inside, $pg, $cfg) = @_;
    my ($W, $H) = $ch->[0]->dims;
    my $seed = "$cfg->{seed}/scan";
    my $sd = $cfg->{sdpi};
    # edge shadow where the paper lifts off the glass, and book-fold shadow
    my $f = 8;
    my $small = downpool($inside->float, $f);
    my $sh = blur($small, ($cfg->{edge_shadow} // 0.8) * $sd / 25.4 / $f);
    my $shadow = upsample($sh, $W, $H, 1 / $f, 1 / $f);
    my $edge_k = $cfg->{edge_dark} // 0.25;
    my $m = (F(1) - F($edge_k) + F($edge_k) * $shadow);
    if (my $bf = $cfg->{bookfold}) {
        my $x0 = $bf->{x} * $sd / 25.4; my $wd = $bf->{w} * $sd / 25.4;
        my $d = (sequence(float, $W) - F($x0))->abs;
        $m = $m * (F(1) - F($bf->{depth}) * exp(-$d / F($wd)));
    }
    # illumination gradient
    my $lg = $cfg->{light} // 0.04;
    my $lx = sequence(float, $W) / F($W); my $ly = sequence(float, 1, $H) / F($H);
    my $ang = $cfg->{rng}->uniform(0, 2 * $PI);
    $m = $m * (F(1) - F($lg) * ($lx * F(cos($ang)) + $ly * F(sin($ang)) + F(0.5))->clip(0, 1.5));
    my $blur = ($cfg->{blur} // 0.6);
    my $noise = gnoise($W, $H, "$seed/n") * F(($cfg->{noise} // 2.0) / 255);
    my $gamma = $cfg->{gamma} // 1.0;
    my @o;
    my $ci = 0;
    for my $a (@$ch) {
        my $b = blur($a * $m, $blur);
        $b = $b->clip(0, 1)**F($gamma) if $gamma != 1;
        my $nz = $ci ? $noise->slice('-1:0,-1:0') : $noise;    # decorrelate channels cheaply
        $b = $b + $nz;
        push @o, $b->clip(0, 1); $ci++;
    }
    return \@o;
}
sub rot90 {
    my ($a, $deg) = @_;
    return $a if !$deg;
    return $a->xchg(0, 1)->slice('-1:0,:')->copy if $deg == 90;
    return $a->slice('-1:0,-1:0')->copy if $deg == 180;
    return $a->xchg(0, 1)->slice(':,-1:0')->copy if $deg == 270;
    die "rotation $deg";
}
sub to_output {
    my ($ch, $cfg) = @_;
    my $mode = $cfg->{out};
    if ($mode eq 'bilevel') {
        my $g = $ch->[0];
        my $t = $cfg->{threshold} // 0.55;
        if ($cfg->{adaptive}) {
            my ($W, $H) = $g->dims; my $f = 16;
            my $bg = upsample(blur(downpool($g, $f), 2), $W, $H, 1 / $f, 1 / $f);
            return (($g < $bg * F($t / 0.62 * 0.78)))->byte;
        }
        return ($g < F($t))->byte;
    }
    if ($mode eq 'grey') { return ($ch->[0] * F(255) + F(0.5))->clip(0, 255)->byte; }
    my $rgb = cat(map { ($_ * F(255) + F(0.5))->clip(0, 255)->byte } @$ch);    # (W,H,3)
    return $rgb->mv(2, 0)->copy;                                                # (3,W,H)
}
sub scan_page {
    my ($pg, $cfg) = @_;
    my $ch = compose($pg, $cfg);
    photocopy($ch, $pg, $cfg, $_) for 1 .. ($cfg->{copies} // 0);
    streaks($ch, $pg, $cfg) if $cfg->{streaks};
    my ($g, $inside) = geometry($ch, $pg, $cfg);
    my $s = scanner($g, $inside, $pg, $cfg);
    my $rot = $cfg->{rot90} // 0;
    @$s = map { rot90($_, $rot) } @$s;
    return to_output($s, $cfg);
}
# ---------- fax: 204 x 98 (standard) or 204 x 196 (fine) bilevel, banding, header line ----------
sub fax_page {
    my ($pg, $cfg) = @_;
    my $c = { %$cfg, out => 'grey' };
    my $ch = compose($pg, $c);
    my $g = $ch->[0];
    my ($W, $H) = $g->dims;    # rendered at $pg->{dpi} (200)
    my $yres = $cfg->{fine} ? 196 : 98;
    my $Wf = 1728;
    my $Hf = int($pg->{hmm} / 25.4 * $yres + 0.5);
    my $kx = $pg->{dpi} / 204; my $ky = $pg->{dpi} / $yres;
    my $off = ($Wf - $pg->{wmm} / 25.4 * 204) / 2;
    my $th = -($cfg->{skew} // 0) * $PI / 180;
    my $xs = (sequence(float, $Wf) - F($off)) * F($kx); my $ys = sequence(float, 1, $Hf) * F($ky);
    my ($cxp, $cyp) = ($W / 2, $H / 2);
    my $X = ($xs - F($cxp)) * F(cos($th)) - ($ys - F($cyp)) * F(sin($th)) + F($cxp);
    my $Y = ($xs - F($cxp)) * F(sin($th)) + ($ys - F($cyp)) * F(cos($th)) + F($cyp);
    my ($s) = sample(blur($g, 0.5), $X, $Y, 'nearest', 1.0);
    my $n = hnoise($Wf, $Hf, "$cfg->{seed}/faxn") - F(0.5);
    my $bw = ($s + $n * F($cfg->{fax_noise} // 0.25) < F($cfg->{threshold} // 0.55))->byte;
    # banding: dropped / repeated scan lines, streaks, shifted rows
    my $r = $cfg->{rng};
    my @rows = (0 .. $Hf - 1);
    for my $i (1 .. ($cfg->{bands} // 6)) {
        my $y = $r->int(40, $Hf - 20); my $len = $r->int(2, 12);
        my $kind = $r->pick(qw(repeat repeat white black shift));
        for my $yy ($y .. $y + $len - 1) {
            next if $yy >= $Hf;
            if ($kind eq 'repeat') { $bw->slice(":,($yy)") .= $bw->slice(':,(' . ($y - 1) . ')'); }
            elsif ($kind eq 'white') { $bw->slice(":,($yy)") .= 0 if $r->chance(0.5); }
            elsif ($kind eq 'black') { my $x = $r->int(0, $Wf - 200); $bw->slice("$x:" . ($x + $r->int(40, 190)) . ",($yy)") .= 1 if $r->chance(0.4); }
            else { my $sft = $r->int(1, 4); $bw->slice("$sft:-1,($yy)") .= $bw->slice('0:' . ($Wf - 1 - $sft) . ",($yy)")->copy; }
        }
    }
    return ($bw, 204, $yres);
}
1;
