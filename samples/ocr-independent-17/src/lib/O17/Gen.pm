package O17::Gen;
# Builds one document from its spec: layout -> marks -> scan simulation -> encoding -> files + metadata.
use strict; use warnings;
use PDL;
use JSON::PP;
use Digest::SHA qw(sha256_hex);
use Compress::Zlib;
use O17::Rng; use O17::Data qw(fmt_date fmt_nhs nhs_valid); use O17::Ctx; use O17::Docs; use O17::Page;
use O17::Scan qw(scan_page fax_page); use O17::Out qw(png_bytes jpeg_bytes pack_bilevel);
use O17::Codec qw(bilevel_changes g4_encode); use O17::Tiff qw(write_tiff); use O17::Pdf qw(write_pdf);
use O17::Fonts qw(font_name);

my %PAPER = (white => [0.975, 0.975, 0.965], offwhite => [0.96, 0.95, 0.9], cream => [0.97, 0.94, 0.84], pink => [0.98, 0.88, 0.89],
             blue => [0.86, 0.92, 0.99], yellow => [0.99, 0.96, 0.72], green => [0.87, 0.96, 0.86], grey => [0.9, 0.9, 0.9], buff => [0.93, 0.86, 0.7]);
my @ANNOT = ('Seen - please book routine', 'Triage: urgent 2/52', 'OGD booked', '?2WW - cons to review', 'To Dr K to triage',
  'Noted', 'pt informed', 'Discussed at MDT', 'Added to WL', 'File', 'Bloods + CT first', 'Book next available', 'Cons to see', 'Upgrade to urgent');

sub page_cfg {
    my ($ps, $r, $seed) = @_;
    my $d = $ps->{diff};
    my %c = (seed => $seed, rng => $r, sdpi => $ps->{sdpi}, method => 'bilinear');
    my $sgn = $r->chance(0.5) ? 1 : -1;
    if ($d eq 'clean') {
        %c = (%c, method => 'bicubic', skew => $r->uniform(-0.3, 0.3), margins => [ map { $r->uniform(0, 1.2) } 1 .. 4 ], bed => $r->pick(0.92, 0.1), blur => $r->uniform(0.45, 0.6),
              noise => $r->uniform(1.0, 2.0), light => 0.02, paper => $PAPER{white}, edge_dark => 0.1, mottle => 0.02, fibre => 0.012);
    } elsif ($d eq 'moderate') {
        %c = (%c, skew => $sgn * $r->uniform(0.4, 1.8), margins => [ map { $r->uniform(0, 3.5) } 1 .. 4 ], bed => $r->pick(0.85, 0.12, 0.2), blur => $r->uniform(0.6, 0.9),
              noise => $r->uniform(2.0, 4.0), light => $r->uniform(0.04, 0.08), paper => $PAPER{ $r->pick(qw(white offwhite white cream)) }, edge_dark => 0.25,
              toner_loss => ($r->chance(0.35) ? $r->uniform(0.08, 0.16) : 0));
    } else {
        %c = (%c, skew => $sgn * $r->uniform(1.4, 3.0), margins => [ map { $r->uniform(0, 5) } 1 .. 4 ], bed => $r->pick(0.1, 0.2, 0.8), blur => $r->uniform(0.85, 1.3),
              noise => $r->uniform(4, 7), light => $r->uniform(0.08, 0.14), paper => $PAPER{ $r->pick(qw(offwhite cream grey)) }, edge_dark => 0.35,
              toner_loss => $r->uniform(0.18, 0.32), mottle => 0.08, fibre => 0.04);
    }
    $c{skew} = $ps->{skew} if defined $ps->{skew};
    $c{paper} = $PAPER{ $ps->{paper} } if $ps->{paper};
    $c{margins} = [0, 0, 0, 0] if $ps->{nomargin};
    $c{rot90} = $ps->{rot} // 0;
    my $sc = $ps->{scan} // {};
    $c{$_} = $sc->{$_} for keys %$sc;
    return \%c;
}
sub describe {
    my ($ps, $cfg, $pg, $extra) = @_;
    my @d;
    push @d, sprintf('skew %.1f deg', $cfg->{skew}) if abs($cfg->{skew} // 0) >= 0.05;
    push @d, "rotated $cfg->{rot90} deg clockwise" if $cfg->{rot90};
    push @d, "scanned at $ps->{sdpi} dpi" . ($ps->{sdpi} != $pg->{dpi} ? " (resampled from $pg->{dpi} dpi, $cfg->{method})" : '');
    push @d, "photocopy generation $cfg->{copies}" if $cfg->{copies};
    push @d, 'copier streaks' if $cfg->{streaks};
    push @d, 'toner loss' if ($cfg->{toner_loss} // 0) > 0.05;
    push @d, 'ink spread' if $cfg->{ink_spread};
    push @d, 'low contrast grey print' if $cfg->{print_ink};
    push @d, "coloured paper ($ps->{paper})" if $ps->{paper} && $ps->{paper} !~ /white/;
    push @d, 'book-fold shadow' if $cfg->{bookfold};
    push @d, 'edge shadow / scanner bed border' if ($cfg->{edge_dark} // 0) >= 0.25 || grep { $_ > 1.5 } @{ $cfg->{margins} // [] };
    push @d, 'uneven lighting' if ($cfg->{light} // 0) >= 0.06;
    push @d, 'heavy blur' if ($cfg->{blur} // 0) >= 1.0;
    push @d, 'sensor noise' if ($cfg->{noise} // 0) >= 4;
    push @d, 'paper mottle' if ($cfg->{mottle} // 0) >= 0.07;
    push @d, @$extra;
    my %seen; return [ grep { !$seen{$_}++ } @d ];
}

sub check_boxes {
    my ($id, $pg, $cfg, $ps) = @_;
    my $th = -($cfg->{skew} // 0) * 3.14159265358979 / 180; my ($ct, $st) = (cos($th), sin($th));
    my ($cx, $cy) = ($pg->{wmm} / 2, $pg->{hmm} / 2);
    my ($ml, $mt, $mr, $mb) = $ps->{fax} ? (0, 0, 0, 0) : @{ $cfg->{margins} // [0, 0, 0, 0] };
    my $extra = $ps->{fax} ? (1728 / 204 * 25.4 - $pg->{wmm}) / 2 : 0;
    for my $b (@{ $pg->{boxes} // [] }) {
        my ($x0, $y0, $x1, $y1, $t) = @$b;
        die "$id p$pg->{index}: text '$t' runs off the paper ($x0,$y0)-($x1,$y1)\n" if $x0 < 1 || $y0 < 1 || $x1 > $pg->{wmm} - 1 || $y1 > $pg->{hmm} - 1;
        for my $pt ([$x0, $y0], [$x1, $y0], [$x0, $y1], [$x1, $y1]) {
            my ($px, $py) = ($pt->[0] - $cx, $pt->[1] - $cy);
            my $u = $px * $ct + $py * $st + $cx + $ml + $extra; my $v = -$px * $st + $py * $ct + $cy + $mt;
            die "$id p$pg->{index}: text '$t' falls outside the scanned area after skew\n"
                if $u < 0.5 || $v < 0.5 || $u > $pg->{wmm} + $ml + $mr + 2 * $extra - 0.5 || $v > $pg->{hmm} + $mt + $mb - 0.5;
        }
    }
}
sub apply_marks {
    my ($c, $pg, $ps, $r) = @_;
    my @tags;
    my $an = $c->{anchors}{ $pg->{index} } // {};
    for my $m (@{ $ps->{marks} // [] }) {
        my ($k, $arg) = split /:/, $m, 2;
        if ($k eq 'received') {
            my $col = $r->pick([0.78, 0.1, 0.14], [0.15, 0.25, 0.7], [0.5, 0.15, 0.55]);
            $pg->layer('stamp', ink => $col, kind => 'overlay', patchy => $r->uniform(0.25, 0.7));
            my $dt = fmt_date(O17::Data::add_days($c->{date}, $r->int(2, 9)), $r->pick('DD MON YYYY', 'dd/mm/yyyy', 'DD-MON-YYYY'));
            my $dept = $r->pick('MEDICAL RECORDS', 'APPOINTMENTS', 'REFERRALS OFFICE', uc($c->{hosp}{name}));
            my ($x, $y) = $arg && $arg eq 'over' ? ($r->uniform(80, 150), $r->uniform(110, 200)) : ($r->uniform(120, 165), $r->uniform(30, 70));
            $y = $pg->{hmm} * 0.6 if $y > $pg->{hmm} - 20;
            $pg->stamp($x, $y, ['RECEIVED', $dt, $dept], angle => $r->uniform(-12, 12), layer => 'stamp', double => $r->chance(0.5), pt => $r->uniform(9, 12));
            $c->distract('received_stamp_date', $dt);
            push @tags, 'received stamp' . ($arg && $arg eq 'over' ? ' over text' : '');
        } elsif ($k eq 'stamp') {
            my $col = $r->pick([0.78, 0.1, 0.14], [0.15, 0.25, 0.7]);
            $pg->layer('stamp2', ink => $col, kind => 'overlay', patchy => 0.5);
            $pg->stamp($r->uniform(60, 150), $r->uniform(60, $pg->{hmm} - 40), [$arg], angle => $r->uniform(-25, 25), layer => 'stamp2', pt => 20, f => 'din', border => 1.0);
            push @tags, "rubber stamp '$arg' over text";
        } elsif ($k eq 'hl') {
            my $a = $an->{ $arg // 'nhs' };
            my ($x, $y, $w, $h) = $a ? @$a : (20, $r->uniform(110, 180), $r->uniform(60, 150), 5.5);
            my $col = $r->pick([1, 0.93, 0.3], [1, 0.6, 0.85], [0.6, 1, 0.5], [1, 0.93, 0.3]);
            $pg->fx(type => 'highlight', x => $x - 1.5, y => $y - 1, w => $w + 3, h => $h + 1.8, colour => $col, id => "hl$arg");
            push @tags, 'highlighter' . ($a ? " on $arg" : '');
        } elsif ($k eq 'circle') {
            my $a = $an->{ $arg // 'nhs' } or next;
            $pg->layer('pen', ink => [0.1, 0.12, 0.5], kind => 'overlay');
            my ($x, $y, $w, $h) = @$a;
            my @pts; for my $i (0 .. 40) { my $t = 6.4 * $i / 40; push @pts, [$x + $w / 2 + ($w / 2 + 3) * cos($t) + $r->normal(0, 0.3), $y + $h / 2 + ($h / 2 + 2.5) * sin($t) + $r->normal(0, 0.2)]; }
            $pg->stroke(\@pts, layer => 'pen', w => 0.5);
            push @tags, "pen circle around $arg";
        } elsif ($k eq 'annot') {
            my $col = $r->pick([0.08, 0.12, 0.5], [0.1, 0.1, 0.12], [0.7, 0.1, 0.1], [0.1, 0.45, 0.2]);
            my $ln = "pen$k" . int($r->rand(1000));
            $pg->layer('annot', ink => $col, kind => 'overlay');
            my $txt = $r->pick(@ANNOT);
            my $ini = join('', map { chr(65 + $r->int(0, 25)) } 1 .. 2);
            my $dd = fmt_date(O17::Data::add_days($c->{date}, $r->int(3, 12)), 'd/m/yy');
            my $over = ($arg // '') eq 'over';
            my ($x, $y) = $over ? ($r->uniform(40, 110), $r->uniform(120, $pg->{hmm} - 60)) : ($r->uniform(120, 150), $r->uniform(25, 45));
            my $hf = $r->pick(@O17::Ctx::HAND);
            my $ang = $r->uniform(-8, 8);
            $pg->hand($x, $y, $txt, f => $hf, pt => $r->uniform(13, 17), layer => 'annot', angle => $ang);
            $pg->hand($x + 5, $y + 8, "$ini $dd", f => $hf, pt => 13, layer => 'annot', angle => $ang);
            $pg->stroke([ $pg->bezier([$x, $y + 2], [$x + 20, $y + 3.5], [$x + 40, $y + 1], [$x + 55, $y + 2.5], 14) ], layer => 'annot', w => 0.4) if $r->chance(0.4);
            $c->distract('annotation_date', $dd);
            push @tags, 'handwritten annotation' . ($over ? ' over text' : '');
        } elsif ($k eq 'pencil') {
            $pg->layer('pencil', ink => [0.55, 0.55, 0.58], kind => 'overlay');
            $pg->hand($r->uniform(150, 180), $r->uniform(15, 25), $r->pick('file', 'x2', 'scan', 'copy sent', '14/2'), f => 'hand-learn', pt => 14, layer => 'pencil');
            push @tags, 'pencil note';
        } elsif ($k eq 'tickmarks') {
            $pg->layer('pen', ink => [0.1, 0.12, 0.5], kind => 'overlay');
            for (1 .. 3) { my ($x, $y) = ($r->uniform(12, 18), $r->uniform(100, 220)); $pg->tick($x, $y, 4, layer => 'pen', w => 0.5); }
            push @tags, 'margin ticks';
        } elsif ($k eq 'coffee') {
            $pg->fx(type => 'coffee', x => $r->uniform(40, 170), y => $r->uniform(60, $pg->{hmm} - 30), r => $r->uniform(16, 28), strength => $arg // 1);
            push @tags, 'coffee ring stain';
        } elsif ($k eq 'punch') { $pg->fx(type => 'punch', x => $r->uniform(9, 13), bed => $r->pick(0.1, 0.1, 0.15, 0.9)); push @tags, 'punch holes'; }
        elsif ($k eq 'staple') { $pg->fx(type => 'staple', x => $r->uniform(8, 14), y => $r->uniform(7, 12), angle => $r->uniform(-50, -30)); push @tags, 'staple'; }
        elsif ($k eq 'fold') { $pg->fx(type => 'fold', y => $pg->{hmm} / 3 + $r->uniform(-3, 3), id => 'f1'); $pg->fx(type => 'fold', y => 2 * $pg->{hmm} / 3 + $r->uniform(-3, 3), id => 'f2') if ($arg // '') ne '1'; push @tags, 'fold creases'; }
        elsif ($k eq 'wrinkle') { $pg->fx(type => 'wrinkle', strength => 0.15); push @tags, 'crumpled paper shading'; }
        elsif ($k eq 'dirt') { $pg->fx(type => 'dirt', amount => 0.0006); push @tags, 'dirt specks'; }
        elsif ($k eq 'bleed') {
            $pg->layer('bleed', ink => [0.25, 0.25, 0.28], kind => 'bleed', mirror => 1, strength => $arg // 0.25);
            my $y = 25; my @t = ('Thank you for referring this patient to the clinic, whom I reviewed today with the results of recent investigations.',
                                 'The examination was unremarkable apart from mild tenderness and there were no concerning features on the scan.',
                                 'I have discharged the patient back to your care but would be happy to see again if symptoms recur.');
            my $f = $r->pick(@O17::Ctx::SERIF);
            while ($y < $pg->{hmm} - 25) { for my $tt (@t) { for my $l ($pg->wrap(165, $tt, $f, 11)) { $pg->draw(22, $y, $l, f => $f, pt => 11, layer => 'bleed'); $y += 5.2; } $y += 3; } }
            push @tags, 'bleed-through from reverse side';
        } else { die "unknown mark $m" }
    }
    return @tags;
}

sub run {
    my ($spec, $outdir) = @_;
    my $id = sprintf('doc%02d', $spec->{n});
    my $r = O17::Rng->new("ocr17/$id");
    my $data = O17::Data->new($r->child('data'));
    my @sc = $data->scenarios;
    my ($scen) = grep { $_->{id} eq ($spec->{scen} // '') } @sc;
    $scen //= $r->child('scen')->pick(@sc);
    my %po;
    $po{sex} = $scen->{fsex} if $scen->{fsex};
    my $minage = $scen->{minage} // ($scen->{urgent} =~ /2WW/ ? 45 : 30);
    my $date = $data->date_between($spec->{year_from} // 2009, $spec->{year_to} // 2023);
    $po{born_to} = $date->[0] - $minage; $po{born_from} = $spec->{born_from} // ($date->[0] - 92);
    $po{hosp_style} = $spec->{hosp_style} if $spec->{hosp_style};
    my $pat = $data->patient(%po);
    $_->{rdpi} //= ($_->{fax} ? 200 : ($_->{sdpi} > 300 ? $_->{sdpi} : 300)) for @{ $spec->{pages} };
    my $c = O17::Ctx->new(r => $r->child('layout'), data => $data, pat => $pat, prac => $data->practice, hosp => $data->hospital,
                          cons => $data->consultant, scen => $scen, vals => $data->scenario_values, date => $date, spec => $spec);
    $c->ids(%{ $spec->{ids} // {} });
    my $layout = O17::Docs->can($spec->{layout}) or die "no layout $spec->{layout}";
    $layout->($c, %{ $spec->{lo} // {} });
    my @pages = @{ $c->{pages} };
    die "$id: layout made " . scalar(@pages) . " pages, spec has " . scalar(@{ $spec->{pages} }) unless @pages == @{ $spec->{pages} };
    my (@imgs, @pmeta);
    for my $i (0 .. $#pages) {
        my $pg = $pages[$i]; my $ps = $spec->{pages}[$i];
        my $pr = $r->child("scan$i");
        if ($ps->{fax} && !$pg->{has_fax_header}) {    # transmitting terminal identification line, printed by the fax machine
            my $fr = $pr->child('faxhdr');
            my $h = sprintf('%s %02d:%02d FROM %s %s P.%02d', fmt_date($c->{date}, 'dd/mm/yyyy'), $fr->int(8, 18), $fr->int(0, 59), $c->{prac}{fax},
                            uc($c->{prac}{name}) =~ s/MEDICAL /MED /r =~ s/ SURGERY/ SURG/r, $i + 1);
            $pg->draw(10, 7, $h, f => 'pxcga', pt => 6.5);
            unshift @{ $pg->{lines} }, $h;
            $c->distract('fax_header', $h);
        }
        my @tags = apply_marks($c, $pg, $ps, $pr->child('marks'));
        push @tags, 'dot-matrix print' if $pg->{flags}{dotmatrix};
        push @tags, 'typewriter text (strike jitter)' if $pg->{flags}{typewriter};
        push @tags, 'handwritten body text (in ground truth)' if $pg->{flags}{handbody};
        push @tags, 'halftone logo (moire)' if grep { $_->{halftone} } values %{ $pg->{layers} };
        push @tags, 'small 7-8pt text' if $pg->{flags}{smalltext};
        my $cfg = page_cfg($ps, $pr, "ocr17/$id/p$i");
        check_boxes($id, $pg, $cfg, $ps);
        if ($cfg->{print_ink}) { $pg->{layers}{print}{ink} = $cfg->{print_ink}; }
        my ($img, $kind, $xdpi, $ydpi);
        my $enc = $ps->{enc};
        $kind = $enc =~ /rgb/ ? 'rgb' : ($enc =~ /g4|g3|ccitt|bilevel|packbits-bw|none-bw/) ? 'bilevel' : 'grey';
        if ($ps->{fax}) {
            my ($bw, $xr, $yr) = fax_page($pg, { %$cfg, out => 'grey', fine => $ps->{fax} eq 'fine' });
            push @tags, "fax transmission ($xr x $yr dpi, banding, header line)";
            if ($ps->{faxprint}) {    # received fax printed and the printout scanned
                my ($Wf, $Hf) = $bw->dims;
                my $ky = 300 / $yr; my $kx = 300 / $xr;
                my $W3 = int($Wf * $kx); my $H3 = int($Hf * $ky);
                my $xi = (sequence(float, $W3) / float($kx))->floor->indx; my $yi = (sequence(float, $H3) / float($ky))->floor->indx;
                my $up = (1 - $bw->float)->dice_axis(0, $xi)->dice_axis(1, $yi) * 0.9 + 0.06;
                my $fp = { dpi => 300, wmm => $W3 * 25.4 / 300, hmm => $H3 * 25.4 / 300, W => $W3, H => $H3 };
                my $ch = [ O17::Scan::blur($up, 0.7) ];
                my $fc = { %$cfg, out => ($kind eq 'rgb' ? 'grey' : $kind) };
                O17::Scan::photocopy($ch, $fp, $fc, 1) if $cfg->{copies};
                my ($g, $inside) = O17::Scan::geometry($ch, $fp, $fc);
                my $s = O17::Scan::scanner($g, $inside, $fp, $fc);
                @$s = map { O17::Scan::rot90($_, $cfg->{rot90}) } @$s;
                $img = O17::Scan::to_output($s, $fc);
                ($xdpi, $ydpi) = ($ps->{sdpi}, $ps->{sdpi});
                push @tags, 'fax printout rescanned (200x100 dpi stretched)';
            } elsif ($ps->{faxstretch}) {
                my ($Wf, $Hf) = $bw->dims;
                $img = $bw->dice_axis(1, (sequence($Hf * 2) / 2)->floor->indx)->copy;
                ($xdpi, $ydpi) = (204, 196);
                push @tags, 'fax stretched 200x100 to 200x200 (rows doubled)';
            } else { $img = $bw; ($xdpi, $ydpi) = ($xr, $yr); }
            $kind = $img->ndims == 2 && $img->max <= 1 && $kind eq 'bilevel' ? 'bilevel' : $kind;
        } else {
            $cfg->{out} = $kind;
            $img = scan_page($pg, $cfg);
            ($xdpi, $ydpi) = ($ps->{sdpi}, $ps->{sdpi});
            push @tags, "bilevel threshold" if $kind eq 'bilevel';
        }
        push @tags, "JPEG quality $ps->{q}" if $enc =~ /jpeg|dct/;
        my $rot = $cfg->{rot90} // 0;
        my $desc = describe($ps, $cfg, $pg, \@tags);
        push @imgs, { img => $img, kind => $kind, xdpi => $xdpi, ydpi => $ydpi };
        my %fonts; $fonts{ font_name($_) }++ for grep { $pg->{fonts}{$_} > 0 } keys %{ $pg->{fonts} };
        push @pmeta, { lines => $pg->{lines}, overlay => $pg->{overlay}, degradations => $desc, difficulty => $ps->{diff},
                       rotation => ($ps->{pdf_rotate} ? 0 : $rot), image_rotation => $rot, pdf_rotate => $ps->{pdf_rotate} // 0,
                       skew => sprintf('%.2f', $cfg->{skew} // 0) + 0, dpi => [$xdpi, $ydpi], size => $pg->{size}, enc => $enc,
                       fonts => [ sort keys %fonts ], kind => $kind, quality => $ps->{q} };
    }
    # ---- encode ----
    my $fmt = $spec->{fmt};
    my $file = "$id.$fmt";
    my $bytes;
    my @pixsha;
    if ($fmt eq 'jpg') {
        my $im = $imgs[0];
        $bytes = jpeg_bytes($im->{img}, $spec->{pages}[0]{q}, $im->{xdpi}, $im->{ydpi});
    } elsif ($fmt eq 'png') {
        my $im = $imgs[0]; my $mode = $spec->{pages}[0]{enc}; $mode =~ s/^png-//;
        $mode = 'grey-palette' if $mode eq 'greypal';
        $bytes = png_bytes($im->{img}, $mode, $im->{xdpi}, $im->{ydpi});
    } elsif ($fmt eq 'tif') {
        my @tp;
        for my $i (0 .. $#imgs) {
            my $im = $imgs[$i]; my $ps = $spec->{pages}[$i];
            my ($comp) = $ps->{enc} =~ /^tiff-(\w+)/;
            my $a = $im->{img};
            my %p = (kind => $im->{kind}, comp => $comp, xres => $im->{xdpi}, yres => $im->{ydpi}, rps => $ps->{rps}, predictor => $ps->{predictor},
                     photometric => $ps->{photometric}, g3fill => $ps->{g3fill});
            if ($im->{kind} eq 'bilevel') {
                ($p{w}, $p{h}) = $a->dims;
                $p{changes} = bilevel_changes($a);
                push @pixsha, sha256_hex(pack_bilevel($a));
            } elsif ($im->{kind} eq 'grey') { ($p{w}, $p{h}) = $a->dims; $p{data} = ${ $a->get_dataref }; push @pixsha, sha256_hex($p{data}); }
            else { (undef, $p{w}, $p{h}) = $a->dims; $p{data} = ${ $a->get_dataref }; push @pixsha, sha256_hex($p{data}); }
            push @tp, \%p;
        }
        $bytes = write_tiff(order => $spec->{order} // 'II', pages => \@tp);
    } elsif ($fmt eq 'pdf') {
        my @pp;
        for my $i (0 .. $#imgs) {
            my $im = $imgs[$i]; my $ps = $spec->{pages}[$i]; my $a = $im->{img};
            my ($w, $h) = $im->{kind} eq 'rgb' ? ($a->dims)[1, 2] : $a->dims;
            my %img = (w => $w, h => $h);
            if ($ps->{enc} =~ /^pdf-dct/) { %img = (%img, cs => 'DeviceRGB', bpc => 8, filter => 'DCTDecode', data => jpeg_bytes($a, $ps->{q}, $im->{xdpi}, $im->{ydpi})); push @pixsha, ''; }
            elsif ($ps->{enc} eq 'pdf-ccitt') { my $ch = bilevel_changes($a); %img = (%img, cs => 'DeviceGray', bpc => 1, filter => 'CCITTFaxDecode', parms => "<< /K -1 /Columns $w /Rows $h >>", data => g4_encode($w, $ch)); push @pixsha, sha256_hex(pack_bilevel($a)); }
            elsif ($ps->{enc} eq 'pdf-flate') { %img = (%img, cs => 'DeviceGray', bpc => 8, filter => 'FlateDecode', data => compress(${ $a->get_dataref }, 9)); push @pixsha, sha256_hex(${ $a->get_dataref }); }
            else { die "pdf enc $ps->{enc}" }
            my $wpt = $w / $im->{xdpi} * 72; my $hpt = $h / $im->{ydpi} * 72;
            ($wpt, $hpt) = ($hpt, $wpt) if 0;
            push @pp, { wpt => $wpt, hpt => $hpt, rotate => $ps->{pdf_rotate}, img => \%img };
        }
        $bytes = write_pdf(pages => \@pp);
    } else { die "fmt $fmt" }
    open my $fh, '>:raw', "$outdir/$file" or die $!; print $fh $bytes; close $fh;
    # ground truth: printed lines per page, pages separated by a form-feed line
    my $gt = join("\n\f\n", map { join("\n", @{ $_->{lines} }) } @pmeta) . "\n";
    open $fh, '>:raw:encoding(UTF-8)', "$outdir/$id.gt.txt" or die $!; print $fh $gt; close $fh;
    my %dis; my @distr = grep { !$dis{"$_->{type}|$_->{text}"}++ } @{ $c->{distractors} };
    my @ov; for my $i (0 .. $#pmeta) { push @ov, map { { page => $i + 1, kind => $_->{kind}, text => $_->{text} } } @{ $pmeta[$i]{overlay} }; }
    my %fonts; for my $pm (@pmeta) { $fonts{$_}++ for @{ $pm->{fonts} }; }
    my $meta = {
        file => $file, ground_truth => "$id.gt.txt", document_type => $spec->{type}, kind => $spec->{kind} // $spec->{layout}, layout => $spec->{layout},
        pages => scalar(@pmeta), nhs_number => $pat->{nhs}, date_of_birth => O17::Data::ymd(@{ $pat->{dob} }),
        nhs_as_printed => $c->{nhs_p}, dob_as_printed => $c->{dob_p}, nhs_label_as_printed => $c->{nhs_label}, dob_label_as_printed => $c->{dob_label},
        degradations => [ map { $_->{degradations} } @pmeta ], difficulty => [ map { $_->{difficulty} } @pmeta ],
        rotation_clockwise_deg => [ map { $_->{rotation} } @pmeta ], image_rotation_clockwise_deg => [ map { $_->{image_rotation} } @pmeta ],
        pdf_rotate => [ map { $_->{pdf_rotate} } @pmeta ], skew_deg_clockwise => [ map { $_->{skew} } @pmeta ],
        format => $spec->{fmt} eq 'tif' ? 'tiff' : $spec->{fmt} eq 'jpg' ? 'jpeg' : $spec->{fmt},
        page_encoding => [ map { $_->{enc} } @pmeta ], colour => [ map { $_->{kind} } @pmeta ], jpeg_quality => [ map { $_->{quality} } @pmeta ],
        dpi => $pmeta[0]{dpi}[0], dpi_xy => [ map { $_->{dpi} } @pmeta ], paper_size => [ map { $_->{size} } @pmeta ],
        fonts => [ sort keys %fonts ], fonts_per_page => [ map { $_->{fonts} } @pmeta ],
        overlay_text_not_in_gt => \@ov, distractors => \@distr, scenario => $scen->{title},
        tiff_byte_order => ($spec->{fmt} eq 'tif' ? ($spec->{order} // 'II') : undef),
        raw_pixel_sha256 => \@pixsha,
    };
    delete $meta->{tiff_byte_order} unless defined $meta->{tiff_byte_order};
    # sanity: the printed identifiers are in the ground truth
    my $gtt = $gt;
    if ($spec->{type} eq 'referral_letter' || $spec->{ids_required}) {
        die "$id: NHS number as printed '$c->{nhs_p}' not in ground truth" unless CORE::index($gtt, $c->{nhs_p}) >= 0;
        die "$id: DOB as printed '$c->{dob_p}' not in ground truth" unless CORE::index($gtt, $c->{dob_p}) >= 0;
    }
    if (CORE::index($gtt, $c->{nhs_p}) < 0) { $meta->{nhs_number} = undef; $meta->{nhs_as_printed} = undef; $meta->{nhs_label_as_printed} = undef; }
    if (CORE::index($gtt, $c->{dob_p}) < 0) { $meta->{date_of_birth} = undef; $meta->{dob_as_printed} = undef; $meta->{dob_label_as_printed} = undef; }
    open $fh, '>:raw', "$outdir/build/$id.meta.json" or die $!; print $fh JSON::PP->new->canonical->pretty->encode($meta); close $fh;
    return $meta;
}
1;
