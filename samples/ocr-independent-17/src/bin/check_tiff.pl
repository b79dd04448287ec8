#!/usr/bin/perl
# Decode every TIFF of the set with the set's own reader (own G4 / G3 / LZW / PackBits decoders,
# Deflate via Compress::Zlib) and compare the decoded pixels with the generator's record.
use strict; use warnings;
use FindBin; use lib "$FindBin::Bin/../lib";
use O17::Tiff qw(read_tiff);
use JSON::PP; use Digest::SHA qw(sha256_hex);
my $dir = shift // '.';
my ($files, $pages, $bad) = (0, 0, 0);
for my $mf (sort glob("$dir/build/doc*.meta.json")) {
    my $m = do { local $/; open my $f, '<:raw', $mf or die; decode_json(<$f>) };
    next unless $m->{format} eq 'tiff';
    my $buf = do { local $/; open my $f, '<:raw', "$dir/$m->{file}" or die; <$f> };
    my $p = eval { read_tiff($buf) };
    if (!$p) { print "FAIL $m->{file}: $@"; $bad++; next; }
    my @err;
    push @err, "page count " . scalar(@$p) . " != $m->{pages}" if @$p != $m->{pages};
    for my $i (0 .. $#$p) {
        my $pg = $p->[$i];
        my $sha = sha256_hex($pg->{pixels});
        push @err, "page " . ($i + 1) . " pixels differ from the generator's" if $sha ne ($m->{raw_pixel_sha256}[$i] // '');
        push @err, "page " . ($i + 1) . " resolution $pg->{xres}x$pg->{yres} != @{ $m->{dpi_xy}[$i] }" if $pg->{xres} != $m->{dpi_xy}[$i][0] || $pg->{yres} != $m->{dpi_xy}[$i][1];
    }
    my %cn = (1 => 'none', 3 => 'G3-1D', 4 => 'G4', 5 => 'LZW', 8 => 'Deflate', 32773 => 'PackBits');
    my $desc = join(', ', map { sprintf('%dx%d %s %s %d strip%s', $_->{w}, $_->{h}, $_->{bps} == 1 ? 'bilevel' : $_->{spp} == 3 ? 'RGB' : 'grey', $cn{ $_->{comp} }, $_->{strips}, $_->{strips} > 1 ? 's' : '') } @$p);
    if (@err) { print "FAIL $m->{file}: @err\n"; $bad++; } else { print "ok   $m->{file} [$p->[0]{byteorder}] $desc\n"; }
    $files++; $pages += @$p;
}
print "TIFF check: $files files, $pages pages decoded, $bad failed\n";
exit($bad ? 1 : 0);
