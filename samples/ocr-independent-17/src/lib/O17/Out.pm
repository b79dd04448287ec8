package O17::Out;
# Final encoders: PNG and JPEG through GD (pHYs / JFIF density patched by hand), plus helpers.
use strict; use warnings;
use GD; use PDL;
use Compress::Zlib;
use O17::Img qw(pdl_to_gd png_chunks png_chunk byte_pdl);
use Exporter 'import';
our @EXPORT_OK = qw(png_bytes jpeg_bytes pack_bilevel);

# bilevel PDL (W,H) 1=black -> packed rows (MSB first, 1 = black)
sub pack_bilevel {
    my ($b) = @_;
    my ($w, $h) = $b->dims;
    my $wp = 8 * int(($w + 7) / 8);
    my $p = zeroes(byte, $wp, $h);
    $p->slice('0:' . ($w - 1) . ',:') .= $b;
    my $r = $p->reshape(8, $wp / 8, $h);
    my $wts = pdl(byte, [128, 64, 32, 16, 8, 4, 2, 1]);
    my $bytes = ($r * $wts)->sumover->byte;
    return ${ $bytes->get_dataref };
}
# mode: rgb (3,W,H bytes) | grey (W,H bytes; GD palette PNG converted to colour type 0)
#       grey-palette (GD's own 8-bit palette PNG) | bilevel (W,H 0/1, 1=black)
sub png_bytes {
    my ($img, $mode, $dpi_x, $dpi_y) = @_;
    $dpi_y //= $dpi_x;
    my $im;
    if ($mode eq 'rgb') { $im = pdl_to_gd($img, 1); }
    elsif ($mode eq 'bilevel') {
        # transport as a 1-bit grey PNG (0=black) to GD, GD re-encodes as a 2-colour palette PNG
        my ($w, $h) = $img->dims;
        my $packed = ~pack_bilevel($img);
        my $rb = int(($w + 7) / 8);
        my $raw = join('', map { "\0" . substr($packed, $_ * $rb, $rb) } 0 .. $h - 1);
        my $png = "\x89PNG\r\n\x1a\n" . png_chunk('IHDR', pack('NNCCCCC', $w, $h, 1, 0, 0, 0, 0))
            . png_chunk('IDAT', compress($raw, 1)) . png_chunk('IEND', '');
        $im = GD::Image->newFromPngData($png, 0) or die "GD load failed";
    } else { $im = pdl_to_gd($img, 0); }
    my $png = $im->png(9);
    my @c = png_chunks($png);
    my @o;
    my $ppm_x = int($dpi_x / 0.0254 + 0.5); my $ppm_y = int($dpi_y / 0.0254 + 0.5);
    my $phys = pack('NNC', $ppm_x, $ppm_y, 1);
    my ($plte) = map { $_->[1] } grep { $_->[0] eq 'PLTE' } @c;
    my $convert = ($mode eq 'grey' || $mode eq 'bilevel');
    my $have_phys = grep { $_->[0] eq 'pHYs' } @c;
    for my $ch (@c) {
        my ($t, $d) = @$ch;
        if ($t eq 'IHDR') {
            my ($w, $h, $bd, $ct, @rest) = unpack('NNCCCCC', $d);
            if ($convert) { die "expected palette PNG from GD" unless $ct == 3; $ct = 0; }
            push @o, png_chunk('IHDR', pack('NNCCCCC', $w, $h, $bd, $ct, @rest));
            push @o, png_chunk('pHYs', $phys) unless $have_phys;
            next;
        }
        if ($t eq 'PLTE' && $convert) { next; }
        if ($t eq 'pHYs') { push @o, png_chunk('pHYs', $phys); next; }
        if ($t eq 'IDAT' && $convert) { next; }
        if ($t eq 'IEND' && $convert) {
            # map palette indices to grey levels (GD wrote unfiltered rows for its palette image)
            my $idat = join('', map { $_->[1] } grep { $_->[0] eq 'IDAT' } @c);
            my $raw = uncompress($idat);
            my ($w, $h, $bd) = unpack('NNC', $c[0][1]);
            my @pl = unpack('C*', $plte);
            if ($bd == 8) {
                my $a = byte_pdl($raw, $w + 1, $h);
                die "filtered rows" if $a->slice('0,:')->max != 0;
                my $lut = pdl(byte, [ map { $pl[3 * $_] } 0 .. @pl / 3 - 1 ]);
                $a->slice('1:-1,:') .= $lut->index($a->slice('1:-1,:')->long);
                $raw = ${ $a->get_dataref };
            } elsif ($bd == 1) {
                my $rb = int(($w + 7) / 8);
                if ($pl[0] == 255 && $pl[3] == 0) {    # palette index 0 is white: invert bits
                    $raw = join('', map { my $r = substr($raw, $_ * ($rb + 1), $rb + 1); substr($r, 1) = ~substr($r, 1); $r } 0 .. $h - 1);
                } elsif (!($pl[0] == 0 && (@pl < 4 || $pl[3] == 255))) { die "unexpected 1-bit palette"; }
            } else { die "bit depth $bd" }
            push @o, png_chunk('IDAT', compress($raw, 9));
        }
        push @o, png_chunk($t, $d);
    }
    return "\x89PNG\r\n\x1a\n" . join('', @o);
}
sub jpeg_bytes {
    my ($img, $quality, $dpi_x, $dpi_y) = @_;
    $dpi_y //= $dpi_x;
    my $im = pdl_to_gd($img, $img->ndims == 3 ? 1 : 0);
    my $j = $im->jpeg($quality);
    die "GD JPEG without JFIF APP0" unless substr($j, 0, 4) eq "\xFF\xD8\xFF\xE0" && substr($j, 6, 5) eq "JFIF\0";
    substr($j, 13, 5) = pack('Cnn', 1, $dpi_x, $dpi_y);
    return $j;
}
1;
