package O17::Tiff;
# Own TIFF writer and reader (baseline + LZW, PackBits, Deflate, CCITT G3 1-D and G4; both byte orders;
# multi-page via a chain of IFDs; several rows per strip).
use strict; use warnings;
use Compress::Zlib;
use O17::Codec qw(g4_encode g4_decode g3_encode g3_decode lzw_encode lzw_decode packbits_encode packbits_decode changes_to_packed);
use Exporter 'import';
our @EXPORT_OK = qw(write_tiff read_tiff);

my %COMP = (none => 1, g3 => 3, g4 => 4, lzw => 5, packbits => 32773, deflate => 8);

sub _predict {    # horizontal differencing per row, bytes per pixel $spp
    my ($row, $spp) = @_;
    my @b = unpack('C*', $row);
    for (my $i = $#b; $i >= $spp; $i--) { $b[$i] = ($b[$i] - $b[$i - $spp]) & 255; }
    return pack('C*', @b);
}
sub _unpredict {
    my ($row, $spp) = @_;
    my @b = unpack('C*', $row);
    for my $i ($spp .. $#b) { $b[$i] = ($b[$i] + $b[$i - $spp]) & 255; }
    return pack('C*', @b);
}

# page: { w, h, kind => bilevel|grey|rgb, comp, data (packed bytes, bilevel: 1=black MSB first),
#         changes (bilevel rows, for g3/g4), rps, xres, yres, photometric, predictor, g3fill }
sub write_tiff {
    my (%a) = @_;
    my $mm = ($a{order} // 'II') eq 'MM';
    my ($S, $L) = $mm ? ('n', 'N') : ('v', 'V');
    my $out = $mm ? "MM\0*" : "II*\0";
    $out .= pack($L, 0);    # patched
    my $prev_next_pos = 4;
    my $np = scalar @{ $a{pages} };
    my $pn = 0;
    for my $pg (@{ $a{pages} }) {
        my ($w, $h, $kind, $comp) = @$pg{qw(w h kind comp)};
        my $spp = $kind eq 'rgb' ? 3 : 1;
        my $bps = $kind eq 'bilevel' ? 1 : 8;
        my $rowbytes = $kind eq 'bilevel' ? int(($w + 7) / 8) : $w * $spp;
        my $rps = $pg->{rps} // $h; $rps = $h if $rps > $h;
        my $phot = $pg->{photometric} // ($kind eq 'rgb' ? 2 : $kind eq 'grey' ? 1 : 0);
        die "CCITT needs WhiteIsZero" if ($comp eq 'g3' || $comp eq 'g4') && $phot != 0;
        my $data = $pg->{data};
        if ($kind eq 'bilevel' && $comp ne 'g3' && $comp ne 'g4') {
            $data //= changes_to_packed($w, $pg->{changes});
            $data = ~$data if $phot == 1;    # BlackIsZero: 1 = white
        }
        my (@offs, @cnts);
        for (my $y0 = 0; $y0 < $h; $y0 += $rps) {
            my $n = ($y0 + $rps > $h) ? $h - $y0 : $rps;
            my $strip;
            if ($comp eq 'g4') { $strip = g4_encode($w, [ @{ $pg->{changes} }[ $y0 .. $y0 + $n - 1 ] ]); }
            elsif ($comp eq 'g3') { $strip = g3_encode($w, [ @{ $pg->{changes} }[ $y0 .. $y0 + $n - 1 ] ], fill => $pg->{g3fill}); }
            else {
                my $raw = substr($data, $y0 * $rowbytes, $n * $rowbytes);
                if (($pg->{predictor} // 1) == 2) {
                    $raw = join('', map { _predict(substr($raw, $_ * $rowbytes, $rowbytes), $spp) } 0 .. $n - 1);
                }
                if ($comp eq 'none') { $strip = $raw; }
                elsif ($comp eq 'lzw') { $strip = lzw_encode($raw); }
                elsif ($comp eq 'deflate') { $strip = compress($raw, 6); }
                elsif ($comp eq 'packbits') { $strip = join('', map { packbits_encode(substr($raw, $_ * $rowbytes, $rowbytes)) } 0 .. $n - 1); }
                else { die "comp $comp" }
            }
            $out .= "\0" if length($out) % 2;
            push @offs, length $out; push @cnts, length $strip;
            $out .= $strip;
        }
        # tag list
        my @tags;    # [tag, type, [values]]
        push @tags, [254, 4, [ $np > 1 ? 2 : 0 ]];
        push @tags, [256, 4, [$w]], [257, 4, [$h]];
        push @tags, [258, 3, [ ($bps) x $spp ]];
        push @tags, [259, 3, [ $COMP{$comp} ]];
        push @tags, [262, 3, [$phot]];
        push @tags, [266, 3, [1]] if $kind eq 'bilevel';
        push @tags, [273, 4, [@offs]];
        push @tags, [274, 3, [1]];
        push @tags, [277, 3, [$spp]];
        push @tags, [278, 4, [$rps]];
        push @tags, [279, 4, [@cnts]];
        push @tags, [282, 5, [ $pg->{xres}, 1 ]], [283, 5, [ $pg->{yres}, 1 ]];
        push @tags, [284, 3, [1]];
        push @tags, [292, 4, [ $pg->{g3fill} ? 4 : 0 ]] if $comp eq 'g3';
        push @tags, [293, 4, [0]] if $comp eq 'g4';
        push @tags, [296, 3, [2]];
        push @tags, [297, 3, [ $pn, $np ]] if $np > 1;
        push @tags, [305, 2, ["ocr17 Perl TIFF writer\0"]];
        push @tags, [317, 3, [2]] if ($pg->{predictor} // 1) == 2;
        # out-of-line values
        my @entries;
        for my $t (@tags) {
            my ($tag, $type, $v) = @$t;
            my $bytes;
            if ($type == 2) { $bytes = $v->[0]; }
            elsif ($type == 3) { $bytes = pack("$S*", @$v); }
            elsif ($type == 4) { $bytes = pack("$L*", @$v); }
            elsif ($type == 5) { $bytes = pack("$L*", @$v); }
            my $count = $type == 2 ? length($bytes) : $type == 5 ? @$v / 2 : scalar @$v;
            if (length($bytes) <= 4) { push @entries, [$tag, $type, $count, $bytes . ("\0" x (4 - length $bytes))]; }
            else {
                $out .= "\0" if length($out) % 2;
                my $off = length $out; $out .= $bytes;
                push @entries, [$tag, $type, $count, pack($L, $off)];
            }
        }
        $out .= "\0" if length($out) % 2;
        my $ifd = length $out;
        substr($out, $prev_next_pos, 4) = pack($L, $ifd);
        $out .= pack($S, scalar @entries);
        $out .= pack("$S$S$L", @$_[0 .. 2]) . $_->[3] for @entries;
        $prev_next_pos = length $out;
        $out .= pack($L, 0);
        $pn++;
    }
    return $out;
}

# ---- reader ----
sub read_tiff {
    my ($buf) = @_;
    my $bo = substr($buf, 0, 4);
    my ($S, $L);
    if ($bo eq "II*\0") { ($S, $L) = ('v', 'V'); } elsif ($bo eq "MM\0*") { ($S, $L) = ('n', 'N'); } else { die "not a TIFF"; }
    my $off = unpack($L, substr($buf, 4, 4));
    my @pages; my %seen;
    while ($off) {
        die "IFD loop" if $seen{$off}++;
        die "IFD offset beyond file" if $off + 2 > length $buf;
        my $n = unpack($S, substr($buf, $off, 2));
        my %t; my $last = -1;
        for my $i (0 .. $n - 1) {
            my $e = substr($buf, $off + 2 + 12 * $i, 12);
            my ($tag, $type, $count) = unpack("$S$S$L", $e);
            die "tags not ascending" if $tag <= $last; $last = $tag;
            my %size = (1 => 1, 2 => 1, 3 => 2, 4 => 4, 5 => 8, 7 => 1);
            my $len = ($size{$type} // die "type $type") * $count;
            my $vb = $len <= 4 ? substr($e, 8, $len) : substr($buf, unpack($L, substr($e, 8, 4)), $len);
            my @v = $type == 3 ? unpack("$S*", $vb) : $type == 4 ? unpack("$L*", $vb) : $type == 5 ? unpack("$L*", $vb) : $type == 2 ? ($vb) : unpack('C*', $vb);
            $t{$tag} = \@v;
        }
        $off = unpack($L, substr($buf, $off + 2 + 12 * $n, 4));
        my ($w, $h) = ($t{256}[0], $t{257}[0]);
        my $spp = $t{277} ? $t{277}[0] : 1;
        my $bps = $t{258} ? $t{258}[0] : 1;
        my $comp = $t{259} ? $t{259}[0] : 1;
        my $phot = $t{262}[0];
        my $rps = $t{278} ? $t{278}[0] : $h;
        my $pred = $t{317} ? $t{317}[0] : 1;
        my @so = @{ $t{273} }; my @sc = @{ $t{279} };
        die "strip count mismatch" unless @so == @sc && @so == int(($h + $rps - 1) / $rps);
        my $rowbytes = $bps == 1 ? int(($w + 7) / 8) : $w * $spp;
        my $pix = '';
        for my $s (0 .. $#so) {
            die "strip beyond EOF" if $so[$s] + $sc[$s] > length $buf;
            my $d = substr($buf, $so[$s], $sc[$s]);
            my $rows = ($s + 1) * $rps > $h ? $h - $s * $rps : $rps;
            my $raw;
            if ($comp == 4) { $raw = changes_to_packed($w, g4_decode($d, $w, $rows)); }
            elsif ($comp == 3) { die "2-D G3 not expected" if ($t{292}[0] // 0) & 1; $raw = changes_to_packed($w, g3_decode($d, $w, $rows)); }
            elsif ($comp == 1) { $raw = $d; }
            elsif ($comp == 5) { $raw = lzw_decode($d); }
            elsif ($comp == 8 || $comp == 32946) { $raw = uncompress($d) // die "zlib error"; }
            elsif ($comp == 32773) { $raw = packbits_decode($d, $rows * $rowbytes); }
            else { die "compression $comp" }
            die "strip $s: got " . length($raw) . " bytes, want " . $rows * $rowbytes if length($raw) < $rows * $rowbytes;
            $raw = substr($raw, 0, $rows * $rowbytes);
            if ($pred == 2) { $raw = join('', map { _unpredict(substr($raw, $_ * $rowbytes, $rowbytes), $spp) } 0 .. $rows - 1); }
            $pix .= $raw;
        }
        if ($bps == 1) { $pix = ~$pix if $phot == 1; }    # normalise to 1 = black
        push @pages, { w => $w, h => $h, spp => $spp, bps => $bps, comp => $comp, photometric => $phot,
                       xres => $t{282}[0] / $t{282}[1], yres => $t{283}[0] / $t{283}[1], strips => scalar(@so),
                       rps => $rps, pixels => $pix, byteorder => ($L eq 'N' ? 'MM' : 'II') };
    }
    return \@pages;
}
1;
