#!/usr/bin/perl
# Check every PDF of the set with the set's own parser: pages counted through the xref table and the
# page tree, images only (no fonts, no text operators, no annotations), every image decodable.
use strict; use warnings;
use FindBin; use lib "$FindBin::Bin/../lib";
use O17::Pdf qw(parse_pdf); use O17::Codec qw(g4_decode changes_to_packed);
use Compress::Zlib; use JSON::PP; use Digest::SHA qw(sha256_hex);
my $dir = shift // '.';
my ($files, $pages, $bad) = (0, 0, 0);
sub deref { my ($P, $v) = @_; return ref $v eq 'HASH' && exists $v->{ref} ? $P->{objs}{ $v->{ref} }{val} : $v; }
sub jpeg_dims {
    my ($j) = @_;
    return unless substr($j, 0, 2) eq "\xFF\xD8" && substr($j, -2) eq "\xFF\xD9";
    my $i = 2;
    while ($i < length $j) {
        my ($ff, $mk, $len) = unpack('CCn', substr($j, $i, 4));
        return unless $ff == 0xFF;
        if ($mk >= 0xC0 && $mk <= 0xC3) { my ($p, $h, $w, $nc) = unpack('CnnC', substr($j, $i + 4, 6)); return ($w, $h, $nc); }
        $i += 2 + $len;
    }
    return;
}
for my $mf (sort glob("$dir/build/doc*.meta.json")) {
    my $m = do { local $/; open my $f, '<:raw', $mf or die; decode_json(<$f>) };
    next unless $m->{format} eq 'pdf';
    my $buf = do { local $/; open my $f, '<:raw', "$dir/$m->{file}" or die; <$f> };
    my @err; my @desc;
    my $P = eval { parse_pdf($buf) };
    if (!$P) { print "FAIL $m->{file}: $@"; $bad++; next; }
    my $root = deref($P, $P->{trailer}{dict}{Root});
    push @err, 'no catalog' unless $root && ($root->{dict}{Type} // '') eq '/Catalog';
    my @pg;
    my $walk; $walk = sub { my ($n) = @_; my $d = $n->{dict};
        if ($d->{Type} eq '/Pages') { $walk->(deref($P, $_)) for @{ $d->{Kids}{array} }; } elsif ($d->{Type} eq '/Page') { push @pg, $d; } else { push @err, "bad node $d->{Type}"; } };
    my $pages_node = deref($P, $root->{dict}{Pages});
    $walk->($pages_node);
    push @err, "page tree has " . scalar(@pg) . " pages, /Count $pages_node->{dict}{Count}" if @pg != $pages_node->{dict}{Count};
    push @err, "page count " . scalar(@pg) . " != manifest $m->{pages}" if @pg != $m->{pages};
    for my $k (keys %{ $P->{objs} }) {
        my $v = $P->{objs}{$k}{val};
        next unless ref $v eq 'HASH' && $v->{dict};
        my $t = $v->{dict}{Type} // ''; my $st = $v->{dict}{Subtype} // '';
        push @err, "object $k is a font" if $t =~ m{^/Font} || $t eq '/FontDescriptor';
        push @err, "object $k has annotations" if exists $v->{dict}{Annots};
    }
    for my $i (0 .. $#pg) {
        my $d = $pg[$i];
        my $res = deref($P, $d->{Resources})->{dict};
        push @err, "page $i has font resources" if exists $res->{Font};
        my @rk = sort keys %$res; push @err, "page $i resources @rk" if grep { $_ ne 'XObject' && $_ ne 'ProcSet' } @rk;
        my $c = $P->{objs}{ $d->{Contents}{ref} }{stream};
        my @ops = grep { /^[A-Za-z'"]+\*?$/ } split /\s+/, $c;
        my @bad = grep { !/^(q|Q|cm|Do)$/ } @ops;
        push @err, "page $i content has operators @bad" if @bad;
        my $xo = deref($P, $res->{XObject})->{dict};
        for my $name (sort keys %$xo) {
            my $o = $P->{objs}{ $xo->{$name}{ref} };
            my $id = $o->{val}{dict};
            push @err, "XObject $name is not an image" unless ($id->{Subtype} // '') eq '/Image';
            my ($w, $h, $f) = ($id->{Width}, $id->{Height}, $id->{Filter});
            my $sha = $m->{raw_pixel_sha256}[$i] // '';
            if ($f eq '/CCITTFaxDecode') {
                my $rows = eval { g4_decode($o->{stream}, $w, $h) };
                if (!$rows) { push @err, "page $i CCITT decode failed: $@"; }
                elsif ($sha && sha256_hex(changes_to_packed($w, $rows)) ne $sha) { push @err, "page $i CCITT pixels differ"; }
            } elsif ($f eq '/FlateDecode') {
                my $raw = uncompress($o->{stream});
                push @err, "page $i flate length" unless defined $raw && length($raw) == $w * $h;
                push @err, "page $i flate pixels differ" if $sha && defined $raw && sha256_hex($raw) ne $sha;
            } elsif ($f eq '/DCTDecode') {
                my ($jw, $jh, $nc) = jpeg_dims($o->{stream});
                push @err, "page $i JPEG malformed or size mismatch" unless $jw && $jw == $w && $jh == $h;
            } else { push @err, "page $i filter $f"; }
            my @mb = map { $_ + 0 } @{ $d->{MediaBox}{array} };
            push @desc, sprintf('p%d %.0fx%.0fpt %s%s', $i + 1, $mb[2], $mb[3], substr($f, 1), ($d->{Rotate} ? " /Rotate $d->{Rotate}" : ''));
        }
    }
    if (@err) { print "FAIL $m->{file}: @err\n"; $bad++; } else { print "ok   $m->{file} " . scalar(@pg) . " pages (xref entries $P->{xref_entries}); " . join('; ', @desc) . "\n"; }
    $files++; $pages += @pg;
}
print "PDF check: $files files, $pages pages, images only, $bad failed\n";
exit($bad ? 1 : 0);
