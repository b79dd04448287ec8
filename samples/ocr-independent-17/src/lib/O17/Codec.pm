package O17::Codec;
# Own codecs: CCITT T.4 (MH, Group 3 1-D) and T.6 (Group 4) encoders and decoders,
# TIFF LZW (MSB-first, "early change") encoder/decoder, PackBits encoder/decoder.
use strict; use warnings;
use PDL;
use Exporter 'import';
our @EXPORT_OK = qw(bilevel_changes g4_encode g4_decode g3_encode g3_decode changes_to_packed
                    lzw_encode lzw_decode packbits_encode packbits_decode %WHITE %BLACK);

# ---- T.4 modified Huffman code tables (run length => code bits) ----
my @WT = qw(00110101 000111 0111 1000 1011 1100 1110 1111 10011 10100 00111 01000 001000 000011 110100 110101
  101010 101011 0100111 0001100 0001000 0010111 0000011 0000100 0101000 0101011 0010011 0100100 0011000 00000010
  00000011 00011010 00011011 00010010 00010011 00010100 00010101 00010110 00010111 00101000 00101001 00101010
  00101011 00101100 00101101 00000100 00000101 00001010 00001011 01010010 01010011 01010100 01010101 00100100
  00100101 01011000 01011001 01011010 01011011 01001010 01001011 00110010 00110011 00110100);
my @WM = qw(11011 10010 010111 0110111 00110110 00110111 01100100 01100101 01101000 01100111 011001100 011001101
  011010010 011010011 011010100 011010101 011010110 011010111 011011000 011011001 011011010 011011011 010011000
  010011001 010011010 011000 010011011);
my @BT = qw(0000110111 010 11 10 011 0011 0010 00011 000101 000100 0000100 0000101 0000111 00000100 00000111
  000011000 0000010111 0000011000 0000001000 00001100111 00001101000 00001101100 00000110111 00000101000
  00000010111 00000011000 000011001010 000011001011 000011001100 000011001101 000001101000 000001101001
  000001101010 000001101011 000011010010 000011010011 000011010100 000011010101 000011010110 000011010111
  000001101100 000001101101 000011011010 000011011011 000001010100 000001010101 000001010110 000001010111
  000001100100 000001100101 000001010010 000001010011 000000100100 000000110111 000000111000 000000100111
  000000101000 000001011000 000001011001 000000101011 000000101100 000001011010 000001100110 000001100111);
my @BM = qw(0000001111 000011001000 000011001001 000001011011 000000110011 000000110100 000000110101
  0000001101100 0000001101101 0000001001010 0000001001011 0000001001100 0000001001101 0000001110010
  0000001110011 0000001110100 0000001110101 0000001110110 0000001110111 0000001010010 0000001010011
  0000001010100 0000001010101 0000001011010 0000001011011 0000001100100 0000001100101);
my @XM = qw(00000001000 00000001100 00000001101 000000010010 000000010011 000000010100 000000010101
  000000010110 000000010111 000000011100 000000011101 000000011110 000000011111);
our (%WHITE, %BLACK);
for my $i (0 .. 63) { $WHITE{$i} = $WT[$i]; $BLACK{$i} = $BT[$i]; }
for my $i (0 .. 26) { $WHITE{64 * ($i + 1)} = $WM[$i]; $BLACK{64 * ($i + 1)} = $BM[$i]; }
for my $i (0 .. 12) { $WHITE{1792 + 64 * $i} = $XM[$i]; $BLACK{1792 + 64 * $i} = $XM[$i]; }
my $EOL = '000000000001';
my %MODE = (P => '0001', H => '001', V0 => '1', VR1 => '011', VR2 => '000011', VR3 => '0000011',
            VL1 => '010', VL2 => '000010', VL3 => '0000010');
my @VCODE = ($MODE{VL3}, $MODE{VL2}, $MODE{VL1}, $MODE{V0}, $MODE{VR1}, $MODE{VR2}, $MODE{VR3});

sub _run {
    my ($tab, $r) = @_;
    my $s = '';
    while ($r >= 2560) { $s .= $tab->{2560}; $r -= 2560; }
    if ($r >= 64) { my $m = $r - $r % 64; $s .= $tab->{$m}; $r -= $m; }
    return $s . $tab->{$r};
}

# changing elements per row of a bilevel PDL (W,H), 1 = black; returns arrayref of arrayrefs
sub bilevel_changes {
    my ($b) = @_;
    my ($w, $h) = $b->dims;
    my $p = zeroes(byte, $w + 1, $h);
    $p->slice('1:-1,:') .= $b;
    my $d = ($p->slice('1:-1,:') != $p->slice('0:-2,:'));
    my $ix = whichND($d);
    my @rows = map { [] } 1 .. $h;
    if ($ix->dim(1) > 0) {
        my @x = $ix->slice('(0),:')->list; my @y = $ix->slice('(1),:')->list;
        push @{ $rows[ $y[$_] ] }, $x[$_] for 0 .. $#x;
    }
    return \@rows;
}
sub changes_to_packed {
    my ($w, $rows) = @_;
    my $out = '';
    for my $c (@$rows) {
        my $s = ''; my $pos = 0; my $col = 0;
        for my $x (@$c, $w) { my $n = $x - $pos; $s .= ($col ? '1' : '0') x $n if $n > 0; $pos = $x; $col ^= 1; }
        $out .= pack('B*', $s);
    }
    return $out;
}

# ---- Group 4 (T.6) ----
sub g4_encode_bits {
    my ($w, $rows, $ref0) = @_;
    my @ref = ($w, $w, $w);
    @ref = (@$ref0, $w, $w, $w) if $ref0;
    my @out;
    for my $cur0 (@$rows) {
        my @cur = (@$cur0, $w, $w, $w);
        my $bits = '';
        my ($a0, $col, $i, $p) = (-1, 0, 0, 0);
        while ($a0 < $w) {
            $p++ while $ref[$p] <= $a0 && $ref[$p] < $w;
            my $jb = $p; $jb++ if ($jb & 1) != $col;
            my $b1 = $ref[$jb]; my $b2 = $ref[$jb + 1];
            my $a1 = $cur[$i];
            if ($b2 < $a1) { $bits .= $MODE{P}; $a0 = $b2; next; }
            my $d = $a1 - $b1;
            if ($d >= -3 && $d <= 3) { $bits .= $VCODE[$d + 3]; $a0 = $a1; $col ^= 1; $i++; next; }
            my $a2 = $cur[$i + 1];
            my $s0 = $a0 < 0 ? 0 : $a0;
            $bits .= $MODE{H} . ($col ? _run(\%BLACK, $a1 - $s0) . _run(\%WHITE, $a2 - $a1)
                                       : _run(\%WHITE, $a1 - $s0) . _run(\%BLACK, $a2 - $a1));
            $a0 = $a2; $i += 2;
        }
        push @out, $bits;
        @ref = @cur;
    }
    return join('', @out);
}
sub g4_encode { my ($w, $rows) = @_; my $bits = g4_encode_bits($w, $rows) . $EOL . $EOL; return pack('B*', $bits); }

# ---- Group 3 1-D (MH rows with EOL; optional fill bits so each EOL ends on a byte boundary) ----
sub g3_encode {
    my ($w, $rows, %o) = @_;
    my $bits = '';
    for my $c (@$rows) {
        if ($o{fill}) { my $pad = (8 - (length($bits) + 12) % 8) % 8; $bits .= '0' x $pad; }
        $bits .= $EOL;
        my ($pos, $col) = (0, 0);
        for my $x (@$c, $w) {
            $bits .= _run($col ? \%BLACK : \%WHITE, $x - $pos);
            $pos = $x; $col ^= 1;
        }
        # a row that ends in black has emitted the final black run; one ending white the final white run
    }
    $bits .= $EOL x 6 if $o{rtc};
    return pack('B*', $bits);
}

# ---- decoders: 13-bit window lookup tables ----
my (%WDEC, %BDEC, %MDEC);
sub _build_dec {
    return if %WDEC;
    for my $pair ([\%WHITE, \%WDEC], [\%BLACK, \%BDEC]) {
        my ($enc, $dec) = @$pair;
        my %seen;
        for my $r (keys %$enc) { my $c = $enc->{$r}; die "dup code $c" if $seen{$c}++; _fill($dec, $c, $r, 13); }
        _fill($dec, $EOL, -1, 13);
    }
    for my $m (keys %MODE) { _fill(\%MDEC, $MODE{$m}, $m, 7); }
}
sub _fill {
    my ($dec, $code, $val, $n) = @_;
    my $l = length $code; my $free = $n - $l;
    for my $k (0 .. 2**$free - 1) {
        my $key = $code . ($free ? sprintf("%0${free}b", $k) : '');
        die "prefix clash at $code" if exists $dec->{$key};
        $dec->{$key} = [$val, $l];
    }
}
sub _read_run {
    my ($bitsref, $posref, $col) = @_;
    my $dec = $col ? \%BDEC : \%WDEC;
    my $tot = 0;
    while (1) {
        my $e = $dec->{ substr($$bitsref, $$posref, 13) } or die "bad run code at bit $$posref";
        $$posref += $e->[1];
        die "unexpected EOL at bit $$posref" if $e->[0] < 0;
        $tot += $e->[0];
        return $tot if $e->[0] < 64;
    }
}
sub g4_decode {
    my ($data, $w, $h) = @_;
    _build_dec();
    my $bits = unpack('B*', $data) . ('0' x 64);
    my $pos = 0;
    my @ref = ($w, $w, $w);
    my @rows;
    for my $y (0 .. $h - 1) {
        my @cur;
        my ($a0, $col, $p) = (-1, 0, 0);
        while ($a0 < $w) {
            $p++ while $ref[$p] <= $a0 && $ref[$p] < $w;
            my $jb = $p; $jb++ if ($jb & 1) != $col;
            my $b1 = $ref[$jb]; my $b2 = $ref[$jb + 1];
            my $e = $MDEC{ substr($bits, $pos, 7) } or die "bad mode code at row $y bit $pos";
            $pos += $e->[1];
            my $m = $e->[0];
            if ($m eq 'P') { $a0 = $b2; }
            elsif ($m eq 'H') {
                my $r1 = _read_run(\$bits, \$pos, $col); my $r2 = _read_run(\$bits, \$pos, $col ^ 1);
                my $s0 = $a0 < 0 ? 0 : $a0;
                my $a1 = $s0 + $r1; my $a2 = $a1 + $r2;
                die "run past line end at row $y" if $a2 > $w;
                push @cur, $a1, $a2; $a0 = $a2;
            } else {
                my %d = (V0 => 0, VR1 => 1, VR2 => 2, VR3 => 3, VL1 => -1, VL2 => -2, VL3 => -3);
                my $a1 = $b1 + $d{$m};
                die "vertical code out of range at row $y" if $a1 < 0 || $a1 > $w || ($a1 <= $a0 && $a0 >= 0);
                push @cur, $a1; $a0 = $a1; $col ^= 1;
            }
        }
        @cur = grep { $_ < $w } @cur;
        for (1 .. $#cur) { die "non-increasing changes at row $y" if $cur[$_] <= $cur[$_ - 1]; }
        push @rows, [@cur];
        @ref = (@cur, $w, $w, $w);
    }
    my $eofb = substr($bits, $pos, 24);
    die "missing EOFB after $h rows" unless $eofb eq $EOL . $EOL;
    return \@rows;
}
sub g3_decode {
    my ($data, $w, $h) = @_;
    _build_dec();
    my $bits = unpack('B*', $data) . ('0' x 64);
    my $pos = 0; my @rows;
    for my $y (0 .. $h - 1) {
        # skip fill bits, require EOL
        my $z = CORE::index($bits, $EOL, $pos);
        die "no EOL before row $y" if $z < 0 || substr($bits, $pos, $z - $pos) =~ /1/;
        $pos = $z + 12;
        my @cur; my ($x, $col) = (0, 0);
        while ($x < $w) {
            my $r = _read_run(\$bits, \$pos, $col);
            $x += $r; die "row $y overruns width" if $x > $w;
            push @cur, $x if $x < $w; $col ^= 1;
        }
        push @rows, [@cur];
    }
    return \@rows;
}

# ---- TIFF LZW ----
sub lzw_encode {
    my ($data) = @_;
    my %d; $d{ chr $_ } = $_ for 0 .. 255;
    my ($next, $nbits) = (258, 9);
    my @codes; my @widths;
    my $out = '';
    my $emit = sub { $out .= substr(unpack('B32', pack('N', $_[0])), 32 - $nbits); };
    $emit->(256);
    my $n = length $data;
    return pack('B*', $out . substr(unpack('B32', pack('N', 257)), 23)) if $n == 0;
    my $w = substr($data, 0, 1);
    for (my $i = 1; $i < $n; $i++) {
        my $c = substr($data, $i, 1);
        my $wc = $w . $c;
        if (exists $d{$wc}) { $w = $wc; next; }
        $emit->($d{$w});
        $d{$wc} = $next++;
        if ($next == 4094) {
            $emit->(256);
            %d = (); $d{ chr $_ } = $_ for 0 .. 255;
            ($next, $nbits) = (258, 9);
        } elsif ($next > (1 << $nbits) - 1) { $nbits++; }
        $w = $c;
    }
    $emit->($d{$w});
    $emit->(257);
    $out .= '0' x ((8 - length($out) % 8) % 8);
    return pack('B*', $out);
}
sub lzw_decode {
    my ($data) = @_;
    my $bits = unpack('B*', $data);
    my $len = length $bits;
    my $pos = 0; my $nbits = 9; my @t; my $next = 258; my $prev; my $out = '';
    my $reset = sub { @t = map { chr } 0 .. 255; $t[256] = $t[257] = ''; $next = 258; $nbits = 9; $prev = undef; };
    $reset->();
    while ($pos + $nbits <= $len) {
        my $code = oct('0b' . substr($bits, $pos, $nbits)); $pos += $nbits;
        if ($code == 257) { return $out; }
        if ($code == 256) { $reset->(); next; }
        my $s;
        if (!defined $prev) { die "bad first code $code" if $code > 255; $s = $t[$code]; }
        else {
            if ($code < $next) { $s = $t[$code]; $t[$next++] = $t[$prev] . substr($s, 0, 1); }
            elsif ($code == $next) { $s = $t[$prev] . substr($t[$prev], 0, 1); $t[$next++] = $s; }
            else { die "LZW code $code beyond table $next"; }
            if ($next > (1 << $nbits) - 2 && $nbits < 12) { $nbits++; }
        }
        $out .= $s; $prev = $code;
    }
    die "LZW stream without EOI";
}

# ---- PackBits (per row) ----
sub packbits_encode {
    my ($row) = @_;
    my $out = ''; my $lit = '';
    my $flush = sub { while (length $lit) { my $k = length($lit) > 128 ? 128 : length $lit; $out .= chr($k - 1) . substr($lit, 0, $k); substr($lit, 0, $k) = ''; } };
    my $n = length $row; my $i = 0;
    while ($i < $n) {
        my $c = substr($row, $i, 1);
        my $j = $i + 1; $j++ while $j < $n && $j - $i < 128 && substr($row, $j, 1) eq $c;
        my $run = $j - $i;
        if ($run >= 3) { $flush->(); $out .= chr(257 - $run) . $c; $i = $j; }
        else { $lit .= substr($row, $i, $run); $i = $j; }
    }
    $flush->();
    return $out;
}
sub packbits_decode {
    my ($data, $want) = @_;
    my $out = ''; my $i = 0; my $n = length $data;
    while ($i < $n && (!defined $want || length($out) < $want)) {
        my $b = ord substr($data, $i++, 1);
        if ($b < 128) { $out .= substr($data, $i, $b + 1); $i += $b + 1; }
        elsif ($b > 128) { $out .= substr($data, $i, 1) x (257 - $b); $i++; }
    }
    return $out;
}
1;
