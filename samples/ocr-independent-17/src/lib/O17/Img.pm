package O17::Img;
# Transfer between GD images and PDL arrays (no per-pixel Perl loops):
#  GD truecolour layer -> copy onto a 256-grey palette image -> PNG (stored, filter 0)
#  -> inflate -> PDL byte array.  PDL -> PNG bytes (my own minimal writer) -> GD.
use strict; use warnings;
use GD; use PDL; use PDL::Core ':Internal';
use Compress::Zlib;
use Exporter 'import';
our @EXPORT_OK = qw(gd_to_cov pdl_to_gd png_chunks png_chunk raw_png byte_pdl);

sub png_chunk { my ($t, $d) = @_; return pack('N', length $d) . $t . $d . pack('N', crc32($t . $d)); }
sub png_chunks {
    my ($png) = @_; my $pos = 8; my @c;
    die "not a PNG" unless substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n";
    while ($pos < length $png) {
        my ($len, $t) = unpack('Na4', substr($png, $pos, 8));
        push @c, [$t, substr($png, $pos + 8, $len)]; $pos += 12 + $len;
    }
    return @c;
}
sub byte_pdl {
    my ($str, @dims) = @_;
    my $p = zeroes(byte, @dims);
    my $n = 1; $n *= $_ for @dims;
    die "size mismatch " . length($str) . " vs $n" unless length($str) == $n;
    ${ $p->get_dataref } = $str; $p->upd_data;
    return $p;
}
# Grey "darkness" coverage of a GD truecolour image drawn dark-on-white: returns float PDL (W,H) in 0..1
my $PAL;
sub gd_to_cov {
    my ($im) = @_;
    my ($w, $h) = $im->getBounds;
    my $p = GD::Image->new($w, $h, 0);
    $p->colorAllocate($_, $_, $_) for reverse 0 .. 255;    # white first: GD's colour search stops early
    $p->copy($im, 0, 0, 0, 0, $w, $h);
    my $png = $p->png(0);
    my ($idat, $plte) = ('', undef);
    for my $c (png_chunks($png)) { $idat .= $c->[1] if $c->[0] eq 'IDAT'; $plte = $c->[1] if $c->[0] eq 'PLTE';
        die "unexpected bit depth" if $c->[0] eq 'IHDR' && (unpack('NNC', $c->[1]))[2] != 8; }
    my $raw = uncompress($idat);
    my $a = byte_pdl($raw, $w + 1, $h);
    die "filtered palette PNG" if $a->slice('0,:')->max != 0;
    my $idx = $a->slice('1:-1,:');
    my @pl = unpack('C*', $plte);
    my $lut = pdl(float, [ map { $pl[3 * $_] } 0 .. @pl / 3 - 1 ]);
    my $grey = $lut->index($idx->long);
    return (255 - $grey) / 255;
}
# minimal PNG (filter 0 rows) from a byte PDL: (W,H) grey or (3,W,H) rgb
sub raw_png {
    my ($b, $level) = @_;
    $level //= 1;
    my ($ct, $w, $h, $rowb);
    if ($b->ndims == 2) { ($w, $h) = $b->dims; $ct = 0; $rowb = $b; }
    else { (undef, $w, $h) = $b->dims; $ct = 2; $rowb = $b->clump(2); }
    my $rows = zeroes(byte, $rowb->dim(0) + 1, $h);
    $rows->slice('1:-1,:') .= $rowb;
    my $raw = ${ $rows->get_dataref };
    return "\x89PNG\r\n\x1a\n" . png_chunk('IHDR', pack('NNCCCCC', $w, $h, 8, $ct, 0, 0, 0))
        . png_chunk('IDAT', compress($raw, $level)) . png_chunk('IEND', '');
}
sub pdl_to_gd {
    my ($b, $truecolor) = @_;
    my $png = raw_png($b, 1);
    my $im = GD::Image->newFromPngData($png, $truecolor ? 1 : 0) or die "GD could not load PNG";
    return $im;
}
1;
