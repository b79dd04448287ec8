package O17::Fonts;
# Font registry (Debian packages only) and glyph-coverage check.
use strict; use warnings;
use GD;
use Exporter 'import';
our @EXPORT_OK = qw(font_file font_name covered);

my %F = (
  # key => [file, family name as reported in the manifest, debian package]
  clear      => ['/usr/share/fonts/truetype/clear-sans/ClearSans-Regular.ttf', 'Clear Sans', 'fonts-clear-sans'],
  'clear-b'  => ['/usr/share/fonts/truetype/clear-sans/ClearSans-Bold.ttf', 'Clear Sans Bold', 'fonts-clear-sans'],
  'clear-l'  => ['/usr/share/fonts/truetype/clear-sans/ClearSans-Light.ttf', 'Clear Sans Light', 'fonts-clear-sans'],
  'clear-t'  => ['/usr/share/fonts/truetype/clear-sans/ClearSans-Thin.ttf', 'Clear Sans Thin', 'fonts-clear-sans'],
  'clear-i'  => ['/usr/share/fonts/truetype/clear-sans/ClearSans-Italic.ttf', 'Clear Sans Italic', 'fonts-clear-sans'],
  karla      => ['/usr/share/fonts/truetype/karla/Karla-Regular.otf', 'Karla', 'fonts-karla'],
  'karla-b'  => ['/usr/share/fonts/truetype/karla/Karla-Bold.otf', 'Karla Bold', 'fonts-karla'],
  'karla-bi' => ['/usr/share/fonts/truetype/karla/Karla-BoldItalic.otf', 'Karla Bold Italic', 'fonts-karla'],
  'karla-l'  => ['/usr/share/fonts/truetype/karla/Karla-Light.otf', 'Karla Light', 'fonts-karla'],
  manrope    => ['/usr/share/fonts/truetype/manrope/Manrope-Regular.ttf', 'Manrope', 'fonts-manrope'],
  'manrope-b'=> ['/usr/share/fonts/truetype/manrope/Manrope-Bold.ttf', 'Manrope Bold', 'fonts-manrope'],
  'manrope-xb'=> ['/usr/share/fonts/truetype/manrope/Manrope-ExtraBold.ttf', 'Manrope ExtraBold', 'fonts-manrope'],
  junction   => ['/usr/share/fonts/opentype/junction/Junction.otf', 'Junction', 'fonts-junction'],
  tiresias   => ['/usr/share/fonts/truetype/tiresias/tiresias_infofont.ttf', 'Tiresias Infofont', 'fonts-tiresias'],
  'tiresias-b'=> ['/usr/share/fonts/truetype/tiresias/tiresias_infofont_bold.ttf', 'Tiresias Infofont Bold', 'fonts-tiresias'],
  tirpc      => ['/usr/share/fonts/truetype/tiresias/tiresias_pcfont.ttf', 'Tiresias PCfont', 'fonts-tiresias'],
  'tirpc-b'  => ['/usr/share/fonts/truetype/tiresias/tiresias_pcfont_bold.ttf', 'Tiresias PCfont Bold', 'fonts-tiresias'],
  din        => ['/usr/share/fonts/truetype/opendin/OSP-DIN.ttf', 'OSP-DIN', 'fonts-opendin'],
  tuffy      => ['/usr/share/fonts/truetype/tuffy/Tuffy.ttf', 'Tuffy', 'fonts-tuffy'],
  'tuffy-b'  => ['/usr/share/fonts/truetype/tuffy/Tuffy_Bold.ttf', 'Tuffy Bold', 'fonts-tuffy'],
  'tuffy-bi' => ['/usr/share/fonts/truetype/tuffy/Tuffy_Bold_Italic.ttf', 'Tuffy Bold Italic', 'fonts-tuffy'],
  sora       => ['/usr/share/fonts/opentype/sora/Sora-Regular.otf', 'Sora', 'fonts-sora'],
  'sora-l'   => ['/usr/share/fonts/opentype/sora/Sora-Light.otf', 'Sora Light', 'fonts-sora'],
  'sora-sb'  => ['/usr/share/fonts/opentype/sora/Sora-SemiBold.otf', 'Sora SemiBold', 'fonts-sora'],
  jura       => ['/usr/share/fonts/opentype/jura/Jura-Regular.otf', 'Jura', 'fonts-jura'],
  'jura-b'   => ['/usr/share/fonts/opentype/jura/Jura-Bold.otf', 'Jura Bold', 'fonts-jura'],
  routed     => ['/usr/share/fonts/truetype/routed-gothic/routed-gothic.ttf', 'Routed Gothic', 'fonts-routed-gothic'],
  comfortaa  => ['/usr/share/fonts/truetype/comfortaa/Comfortaa-Regular.ttf', 'Comfortaa', 'fonts-comfortaa'],
  'comfortaa-b'=> ['/usr/share/fonts/truetype/comfortaa/Comfortaa-Bold.ttf', 'Comfortaa Bold', 'fonts-comfortaa'],
  yanone     => ['/usr/share/fonts/opentype/yanone-kaffeesatz/YanoneKaffeesatz-Regular.otf', 'Yanone Kaffeesatz', 'fonts-yanone-kaffeesatz'],
  'yanone-b' => ['/usr/share/fonts/opentype/yanone-kaffeesatz/YanoneKaffeesatz-Bold.otf', 'Yanone Kaffeesatz Bold', 'fonts-yanone-kaffeesatz'],
  quattro    => ['/usr/share/fonts/opentype/quattrocento/Quattrocento-Regular.otf', 'Quattrocento', 'fonts-quattrocento'],
  linden     => ['/usr/share/fonts/truetype/lindenhill/LindenHill.otf', 'Linden Hill', 'fonts-lindenhill'],
  'linden-i' => ['/usr/share/fonts/truetype/lindenhill/LindenHill-Italic.otf', 'Linden Hill Italic', 'fonts-lindenhill'],
  doulos     => ['/usr/share/fonts/truetype/doulos/DoulosSIL-Regular.ttf', 'Doulos SIL', 'fonts-sil-doulos'],
  yrsa       => ['/usr/share/fonts/truetype/fonts-yrsa-rasa/Yrsa-Regular.ttf', 'Yrsa', 'fonts-yrsa-rasa'],
  'yrsa-l'   => ['/usr/share/fonts/truetype/fonts-yrsa-rasa/Yrsa-Light.ttf', 'Yrsa Light', 'fonts-yrsa-rasa'],
  'yrsa-b'   => ['/usr/share/fonts/truetype/fonts-yrsa-rasa/Yrsa-Bold.ttf', 'Yrsa Bold', 'fonts-yrsa-rasa'],
  'yrsa-i'   => ['/usr/share/fonts/truetype/fonts-yrsa-rasa/Yrsa-Italic.ttf', 'Yrsa Italic', 'fonts-yrsa-rasa'],
  rasa       => ['/usr/share/fonts/truetype/fonts-yrsa-rasa/Rasa-Regular.ttf', 'Rasa', 'fonts-yrsa-rasa'],
  'rasa-b'   => ['/usr/share/fonts/truetype/fonts-yrsa-rasa/Rasa-Bold.ttf', 'Rasa Bold', 'fonts-yrsa-rasa'],
  averia     => ['/usr/share/fonts/truetype/averia-gwf/AveriaSerifGWF-Regular.ttf', 'Averia Serif GWF', 'fonts-averia-serif-gwf'],
  'averia-l' => ['/usr/share/fonts/truetype/averia-gwf/AveriaSerifGWF-Light.ttf', 'Averia Serif GWF Light', 'fonts-averia-serif-gwf'],
  'averia-b' => ['/usr/share/fonts/truetype/averia-gwf/AveriaSerifGWF-Bold.ttf', 'Averia Serif GWF Bold', 'fonts-averia-serif-gwf'],
  jara       => ['/usr/share/fonts/truetype/linex/Jara.ttf', 'Jara', 'fonts-linex'],
  'jara-b'   => ['/usr/share/fonts/truetype/linex/Jara_Bold.ttf', 'Jara Bold', 'fonts-linex'],
  quercus    => ['/usr/share/fonts/truetype/linex/Quercus.ttf', 'Quercus', 'fonts-linex'],
  'quercus-b'=> ['/usr/share/fonts/truetype/linex/Quercus_Bold.ttf', 'Quercus Bold', 'fonts-linex'],
  hermit     => ['/usr/share/fonts/truetype/hermit/Hermit-medium.otf', 'Hermit Medium', 'fonts-hermit'],
  'hermit-l' => ['/usr/share/fonts/truetype/hermit/Hermit-light.otf', 'Hermit Light', 'fonts-hermit'],
  'hermit-b' => ['/usr/share/fonts/truetype/hermit/Hermit-bold.otf', 'Hermit Bold', 'fonts-hermit'],
  agave      => ['/usr/share/fonts/truetype/agave/agave-r-autohinted.ttf', 'Agave', 'fonts-agave'],
  'agave-b'  => ['/usr/share/fonts/truetype/agave/agave-b-autohinted.ttf', 'Agave Bold', 'fonts-agave'],
  lmono      => ['/usr/share/fonts/opentype/league-mono/LeagueMono-Regular.otf', 'League Mono', 'fonts-league-mono'],
  'lmono-n'  => ['/usr/share/fonts/opentype/league-mono/LeagueMono-NarrowRegular.otf', 'League Mono Narrow', 'fonts-league-mono'],
  'lmono-b'  => ['/usr/share/fonts/opentype/league-mono/LeagueMono-Bold.otf', 'League Mono Bold', 'fonts-league-mono'],
  'lmono-xl' => ['/usr/share/fonts/opentype/league-mono/LeagueMono-ExtendedLight.otf', 'League Mono Extended Light', 'fonts-league-mono'],
  fantasque  => ['/usr/share/fonts/opentype/fantasque-sans/NoLoopK/OTF/FantasqueSansMono-Regular.otf', 'Fantasque Sans Mono', 'fonts-fantasque-sans'],
  pxmda      => ['/usr/share/fonts/pc/Px_IBM_MDA.ttf', 'Px IBM MDA (dot-matrix dots)', 'fonts-pc'],
  pxcga      => ['/usr/share/fonts/pc/Px_IBM_CGA.ttf', 'Px IBM CGA', 'fonts-pc'],
  pxvga      => ['/usr/share/fonts/pc/Px_IBM_VGA9.ttf', 'Px IBM VGA9', 'fonts-pc'],
  'hand-build'   => ['/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf', 'Because We Build', 'fonts-bwht'],
  'hand-connect' => ['/usr/share/fonts/opentype/bwht/BecauseWeConnect-Regular.otf', 'Because We Connect', 'fonts-bwht'],
  'hand-create'  => ['/usr/share/fonts/opentype/bwht/BecauseWeCreate-Regular.otf', 'Because We Create', 'fonts-bwht'],
  'hand-learn'   => ['/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf', 'Because We Learn', 'fonts-bwht'],
  'hand-mentor'  => ['/usr/share/fonts/opentype/bwht/BecauseWeMentor-Regular.otf', 'Because We Mentor', 'fonts-bwht'],
  'hand-organize'=> ['/usr/share/fonts/opentype/bwht/BecauseWeOrganize-Regular.otf', 'Because We Organize', 'fonts-bwht'],
  kaushan    => ['/usr/share/fonts/opentype/kaushanscript/KaushanScript-Regular.otf', 'Kaushan Script', 'fonts-kaushanscript'],
  klee       => ['/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf', 'Klee One', 'fonts-klee'],
  'klee-sb'  => ['/usr/share/fonts/truetype/klee/KleeOne-SemiBold.ttf', 'Klee One SemiBold', 'fonts-klee'],
  staypuft   => ['/usr/share/fonts/truetype/staypuft/StayPuft.ttf', 'StayPuft', 'fonts-staypuft'],
);
sub font_file { my $k = shift; die "unknown font $k" unless $F{$k}; return $F{$k}[0]; }
sub font_name { my $k = shift; die "unknown font $k" unless $F{$k}; return $F{$k}[1]; }
sub font_pkg { my $k = shift; return $F{$k}[2]; }
sub all_keys { return sort keys %F; }

my %SIG; my %COV;
sub _sig {
    my ($file, $ch) = @_;
    my $g = GD::Image->new(48, 48, 1);
    $g->filledRectangle(0, 0, 47, 47, $g->colorAllocate(255, 255, 255));
    $g->stringFT($g->colorAllocate(0, 0, 0), $file, 20, 0, 8, 36, $ch);
    return $g->png(0);
}
# true if every character of $text has a real glyph in the font (no .notdef box, not blank)
sub covered {
    my ($key, $text) = @_;
    my $file = font_file($key);
    $SIG{$file} //= [ _sig($file, "\x{E123}"), _sig($file, "\x{10FF0}"), _sig($file, '') ];
    for my $ch (split //, $text) {
        next if $ch eq ' ';
        my $k = "$file\0$ch";
        unless (exists $COV{$k}) {
            my $s = _sig($file, $ch);
            $COV{$k} = ($s ne $SIG{$file}[0] && $s ne $SIG{$file}[1] && $s ne $SIG{$file}[2]) ? 1 : 0;
        }
        return 0 unless $COV{$k};
    }
    return 1;
}
1;
