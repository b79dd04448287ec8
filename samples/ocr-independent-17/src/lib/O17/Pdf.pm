package O17::Pdf;
# Own image-only PDF writer and a small parser/checker (xref-based).
use strict; use warnings;
use Compress::Zlib;
use Exporter 'import';
our @EXPORT_OK = qw(write_pdf parse_pdf);

# pages: [{ wpt, hpt, rotate, img => { w, h, cs, bpc, filter, data, parms } }]
sub write_pdf {
    my (%a) = @_;
    my @pages = @{ $a{pages} };
    my @obj;    # index = obj number
    my $n = 2;
    my @kids;
    my @pobjs;
    for my $p (@pages) { my $po = ++$n; my $co = ++$n; my $io = ++$n; push @kids, $po; push @pobjs, [$p, $po, $co, $io]; }
    $obj[1] = "<< /Type /Catalog /Pages 2 0 R >>";
    $obj[2] = "<< /Type /Pages /Kids [" . join(' ', map { "$_ 0 R" } @kids) . "] /Count " . scalar(@kids) . " >>";
    for my $t (@pobjs) {
        my ($p, $po, $co, $io) = @$t;
        my $i = $p->{img};
        my $wpt = sprintf('%.2f', $p->{wpt}); my $hpt = sprintf('%.2f', $p->{hpt});
        $obj[$po] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 $wpt $hpt]"
            . ($p->{rotate} ? " /Rotate $p->{rotate}" : '')
            . " /Resources << /XObject << /Im0 $io 0 R >> /ProcSet [/PDF /ImageB /ImageC] >> /Contents $co 0 R >>";
        my $content = "q\n$wpt 0 0 $hpt 0 0 cm\n/Im0 Do\nQ\n";
        $obj[$co] = [ "<< /Length " . length($content) . " >>", $content ];
        my $dict = "<< /Type /XObject /Subtype /Image /Width $i->{w} /Height $i->{h} /ColorSpace /$i->{cs} /BitsPerComponent $i->{bpc} /Filter /$i->{filter}"
            . ($i->{parms} ? " /DecodeParms $i->{parms}" : '') . " /Length " . length($i->{data}) . " >>";
        $obj[$io] = [ $dict, $i->{data} ];
    }
    my $out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    my @off;
    for my $k (1 .. $n) {
        $off[$k] = length $out;
        my $o = $obj[$k];
        if (ref $o) { $out .= "$k 0 obj\n$o->[0]\nstream\n$o->[1]\nendstream\nendobj\n"; }
        else { $out .= "$k 0 obj\n$o\nendobj\n"; }
    }
    my $xref = length $out;
    $out .= "xref\n0 " . ($n + 1) . "\n0000000000 65535 f \n";
    $out .= sprintf("%010d 00000 n \n", $off[$_]) for 1 .. $n;
    $out .= "trailer\n<< /Size " . ($n + 1) . " /Root 1 0 R >>\nstartxref\n$xref\n%%EOF\n";
    return $out;
}

# ---- parser: tokenises objects located through the xref table ----
sub _tok {
    my ($sref, $pos) = @_;
    my $s = $$sref;
    pos($s) = $pos;
    $s =~ /\G(?:\s|%[^\n]*\n)*/gc;
    my $p = pos($s);
    return (undef, $p) if $p >= length $s;
    if ($s =~ /\G(<<|>>|\[|\])/gc) { return ($1, pos($s)); }
    if ($s =~ /\G(\/[^\s\/\[\]<>()%]*)/gc) { return ($1, pos($s)); }
    if ($s =~ /\G(<[0-9A-Fa-f\s]*>)/gc) { return ($1, pos($s)); }
    if ($s =~ /\G(\((?:\\.|[^\\()])*\))/gcs) { return ($1, pos($s)); }
    if ($s =~ /\G([+-]?[0-9.]+)/gc) { return ($1, pos($s)); }
    if ($s =~ /\G([A-Za-z]+)/gc) { return ($1, pos($s)); }
    die "PDF tokeniser stuck at $p";
}
sub _val {
    my ($sref, $pos) = @_;
    my ($t, $p) = _tok($sref, $pos);
    if ($t eq '<<') {
        my %d;
        while (1) {
            my ($k, $p2) = _tok($sref, $p);
            if ($k eq '>>') { return ({ dict => \%d }, $p2); }
            die "dict key expected, got $k" unless $k =~ m{^/};
            my ($v, $p3) = _val($sref, $p2);
            $d{ substr($k, 1) } = $v; $p = $p3;
        }
    }
    if ($t eq '[') {
        my @a;
        while (1) {
            my ($k, $p2) = _tok($sref, $p);
            return ({ array => \@a }, $p2) if $k eq ']';
            my ($v, $p3) = _val($sref, $p);
            push @a, $v; $p = $p3;
        }
    }
    if ($t =~ /^\d+$/) {    # maybe a reference
        my ($t2, $p2) = _tok($sref, $p);
        if (defined $t2 && $t2 =~ /^\d+$/) { my ($t3, $p3) = _tok($sref, $p2); return ({ ref => $t }, $p3) if defined $t3 && $t3 eq 'R'; }
        return ($t, $p);
    }
    return ($t, $p);
}
sub parse_pdf {
    my ($buf) = @_;
    die "no PDF header" unless $buf =~ /^%PDF-1\.\d/;
    die "no %%EOF" unless $buf =~ /%%EOF\s*$/;
    $buf =~ /startxref\s+(\d+)\s+%%EOF\s*$/ or die "no startxref";
    my $x = $1;
    die "xref keyword missing at $x" unless substr($buf, $x, 4) eq 'xref';
    my $pos = $x + 4;
    my %off;
    pos($buf) = $pos;
    while ($buf =~ /\G\s*(\d+)\s+(\d+)\s*\n/gc) {
        my ($first, $cnt) = ($1, $2);
        for my $i (0 .. $cnt - 1) {
            my $e = substr($buf, pos($buf), 20);
            die "bad xref entry '$e'" unless $e =~ /^(\d{10}) (\d{5}) ([nf])[ \r][\n\r]$/;
            $off{ $first + $i } = $1 + 0 if $3 eq 'n';
            pos($buf) = pos($buf) + 20;
        }
    }
    my $tpos = CORE::index($buf, 'trailer', pos($buf));
    die "no trailer" if $tpos < 0;
    my ($trailer) = _val(\$buf, $tpos + 7);
    my %objs;
    for my $k (sort { $a <=> $b } keys %off) {
        my $o = $off{$k};
        die "object $k not at its xref offset" unless substr($buf, $o, 40) =~ /^$k 0 obj\s/;
        my ($v, $p) = _val(\$buf, $o + length("$k 0 obj"));
        my ($t, $p2) = _tok(\$buf, $p);
        my $stream;
        if ($t eq 'stream') {
            my $s = $p2; $s++ if substr($buf, $s, 1) eq "\r"; $s++ if substr($buf, $s, 1) eq "\n";
            my $len = $v->{dict}{Length}; die "indirect /Length unsupported" if ref $len;
            $stream = substr($buf, $s, $len);
            die "endstream missing for $k" unless substr($buf, $s + $len, 12) =~ /^\s*endstream/;
        }
        $objs{$k} = { val => $v, stream => $stream };
    }
    return { trailer => $trailer, objs => \%objs, xref_entries => scalar(keys %off) };
}
1;
