#!/usr/bin/perl
# usage: gen_doc.pl OUTDIR N [N...]   -- generate documents of set ocr17
use strict; use warnings;
use FindBin; use lib "$FindBin::Bin/../lib";
use PDL; PDL::set_autopthread_targ(1);
use O17::Spec; use O17::Gen;
use Time::HiRes qw(time);
my ($out, @n) = @ARGV;
die "usage: $0 OUTDIR N...\n" unless $out && @n;
mkdir "$out/build" unless -d "$out/build";
for my $n (@n) {
    my $t = time;
    my $m = O17::Gen::run(O17::Spec::doc($n), $out);
    printf STDERR "%s  %-20s %-22s pages=%d  %.1fs\n", $m->{file}, $m->{document_type}, $m->{kind}, $m->{pages}, time - $t;
}
