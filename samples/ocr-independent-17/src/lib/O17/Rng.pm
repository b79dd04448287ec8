package O17::Rng;
# Deterministic, string-seeded random numbers: SHA-256 in counter mode.
use strict; use warnings;
use Digest::SHA qw(sha256);

sub new {
    my ($class, $seed) = @_;
    my $self = bless { seed => "$seed", ctr => 0, buf => [] }, $class;
    return $self;
}
sub child { my ($self, $tag) = @_; return O17::Rng->new($self->{seed} . '/' . $tag); }
sub _refill {
    my ($self) = @_;
    my $h = sha256($self->{seed} . '#' . $self->{ctr}++);
    push @{ $self->{buf} }, unpack('N8', $h);
}
sub u32 { my ($self) = @_; $self->_refill unless @{ $self->{buf} }; return shift @{ $self->{buf} }; }
# uniform [0,1)
sub rand { my ($self, $n) = @_; my $u = ($self->u32 * 4294967296 + $self->u32) / 18446744073709551616; return defined $n ? $u * $n : $u; }
sub uniform { my ($self, $a, $b) = @_; return $a + ($b - $a) * $self->rand; }
sub int { my ($self, $a, $b) = @_; return $a + CORE::int($self->rand * ($b - $a + 1)); }
sub chance { my ($self, $p) = @_; return $self->rand < $p ? 1 : 0; }
sub pick { my ($self, @l) = @_; @l = @{ $l[0] } if @l == 1 && ref $l[0] eq 'ARRAY'; return $l[ CORE::int($self->rand * @l) ]; }
sub normal { my ($self, $mu, $sd) = @_; $mu //= 0; $sd //= 1;
    my $u1 = $self->rand; $u1 = 1e-12 if $u1 < 1e-12; my $u2 = $self->rand;
    return $mu + $sd * sqrt(-2 * log($u1)) * cos(6.283185307179586 * $u2); }
sub shuffle { my ($self, @l) = @_; for (my $i = $#l; $i > 0; $i--) { my $j = $self->int(0, $i); @l[$i, $j] = @l[$j, $i]; } return @l; }
sub sample { my ($self, $n, @l) = @_; my @s = $self->shuffle(@l); return @s[0 .. ($n > @s ? $#s : $n - 1)]; }
sub seed32 { my ($self) = @_; return $self->u32; }
1;
