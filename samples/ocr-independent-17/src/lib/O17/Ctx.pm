package O17::Ctx;
# Per-document context: fictional people, identifiers "as printed", distractors, pages, shared blocks.
use strict; use warnings;
use O17::Page;
use O17::Data qw(fmt_date fmt_nhs);

our %BOLD = (clear => 'clear-b', karla => 'karla-b', manrope => 'manrope-b', tiresias => 'tiresias-b', tuffy => 'tuffy-b',
  sora => 'sora-sb', 'sora-l' => 'sora-sb', jura => 'jura-b', routed => 'routed', junction => 'junction', 'clear-l' => 'clear-b',
  yrsa => 'yrsa-b', 'yrsa-l' => 'yrsa-b', rasa => 'rasa-b', quattro => 'rasa-b', linden => 'linden', doulos => 'doulos',
  averia => 'averia-b', 'averia-l' => 'averia-b', jara => 'jara-b', quercus => 'quercus-b', hermit => 'hermit-b', 'hermit-l' => 'hermit',
  agave => 'agave-b', lmono => 'lmono-b', 'lmono-n' => 'lmono-b', fantasque => 'fantasque', tirpc => 'tirpc-b', karla_l => 'karla-b');
our @SANS = qw(clear karla manrope tiresias tuffy sora jura routed junction);
our @SERIF = qw(yrsa rasa quattro linden doulos averia jara quercus);
our @MONO = qw(hermit agave lmono lmono-n fantasque);
our @HAND = qw(hand-build hand-connect hand-create hand-learn hand-mentor hand-organize kaushan klee staypuft);

sub new {
    my ($class, %a) = @_;
    my $s = bless { %a, pages => [], distractors => [], anchors => {}, notes => [] }, $class;
    return $s;
}
sub r { $_[0]{r} }
sub bold { my ($s, $f) = @_; return $BOLD{$f} // $f; }
sub newpage {
    my ($s, %o) = @_;
    my $i = scalar @{ $s->{pages} };
    my $ps = $s->{spec}{pages}[$i] or die "layout made more pages than the spec has ($i)";
    my $pg = O17::Page->new(size => $ps->{size} // 'A4', dpi => $ps->{rdpi}, rng => $s->r->child("page$i"), landscape => $ps->{landscape},
                            noaa => $s->{spec}{noaa});
    $pg->{index} = $i;
    push @{ $s->{pages} }, $pg;
    return $pg;
}
sub distract { my ($s, $type, $text) = @_; push @{ $s->{distractors} }, { type => $type, text => $text }; }
sub anchor { my ($s, $pg, $name, $x, $y, $w, $h) = @_; $s->{anchors}{ $pg->{index} }{$name} = [$x, $y, $w, $h]; }

# identifier formats chosen per document
sub ids {
    my ($s, %o) = @_;
    my $p = $s->{pat};
    $s->{nhs_p} = fmt_nhs($p->{nhs}, $o{nhs} // 'space');
    $s->{dob_p} = fmt_date($p->{dob}, $o{dob} // 'dd/mm/yyyy');
    $s->{nhs_label} = $o{nhs_label} // 'NHS No:';
    $s->{dob_label} = $o{dob_label} // 'DOB:';
}
sub d { my ($s, $dt, $st) = @_; return fmt_date($dt, $st); }

# ---- shared blocks ----
sub nhs_logo {    # blue lozenge with knocked-out letters (a logo: not text)
    my ($s, $pg, $x, $y, $h, %o) = @_;
    my $layer = $o{layer} // 'logo';
    $pg->layer($layer, ink => $o{ink} // [0.0, 0.37, 0.72], halftone => $o{halftone});
    my $w = $h * 2.45; my $k = $h * 0.28;
    $pg->poly([[$x + $k, $y], [$x + $w, $y], [$x + $w - $k, $y + $h], [$x, $y + $h]], layer => $layer, g => $o{g} // ($o{halftone} ? 80 : 0), aa => 1);
    $pg->draw($x + $w * 0.1, $y + $h * 0.8, 'NHS', f => 'tuffy-bi', pt => $h * 2.2, layer => $layer, g => 255);
    $pg->{fonts}{'tuffy-bi'}--; delete $pg->{fonts}{'tuffy-bi'} if $pg->{fonts}{'tuffy-bi'} <= 0;
    return $w;
}
sub emblem {    # practice emblem: tree / cross / wave drawn with polygons and arcs (a logo: not text)
    my ($s, $pg, $x, $y, $sz, %o) = @_;
    my $layer = $o{layer} // 'logo';
    my $kind = $o{kind} // $s->r->pick(qw(tree cross wave circle));
    $pg->layer($layer, ink => $o{ink} // [0.12, 0.45, 0.3], halftone => $o{halftone});
    my $g = $o{g} // ($o{halftone} ? 105 : 40);
    if ($kind eq 'tree') {
        $pg->ellipse($x + $sz / 2, $y + $sz * 0.4, $sz * 0.9, $sz * 0.7, fill => 1, layer => $layer, g => $g);
        $pg->fill_rect($x + $sz * 0.44, $y + $sz * 0.6, $sz * 0.12, $sz * 0.4, layer => $layer, g => $g - 30);
    } elsif ($kind eq 'cross') {
        $pg->fill_rect($x + $sz * 0.35, $y, $sz * 0.3, $sz, layer => $layer, g => $g);
        $pg->fill_rect($x, $y + $sz * 0.35, $sz, $sz * 0.3, layer => $layer, g => $g);
    } elsif ($kind eq 'wave') {
        for my $i (0 .. 2) { $pg->ellipse($x + $sz / 2, $y + $sz * (0.3 + 0.2 * $i), $sz, $sz * 0.5, t => 0.8, layer => $layer, g => $g + 30 * $i); }
    } else {
        $pg->ellipse($x + $sz / 2, $y + $sz / 2, $sz, $sz, fill => 1, layer => $layer, g => $g + 60);
        $pg->ellipse($x + $sz / 2, $y + $sz / 2, $sz * 0.6, $sz * 0.6, fill => 1, layer => $layer, g => $g);
    }
}
sub practice_head {    # left block: name + address; optional right block: phone/fax
    my ($s, $pg, %o) = @_;
    my $pr = $s->{prac}; my $f = $o{f} // 'clear'; my $x = $o{x} // 20; my $y = $o{y} // 20;
    my $align = $o{align} // 'l';
    my $xx = $align eq 'r' ? 190 : $align eq 'c' ? 105 : $x;
    $pg->t($xx, $y, $pr->{name}, f => $o{hf} // $s->bold($f), pt => $o{hpt} // 15, align => $align, layer => $o{layer});
    $y += ($o{hpt} // 15) * 0.3528 * 1.2;
    my @lines = (@{ $pr->{addr} }, $pr->{postcode});
    if ($o{oneline}) { @lines = (join(', ', @lines)); }
    for my $l (@lines) { $pg->t($xx, $y, $l, f => $f, pt => $o{pt} // 9, align => $align); $y += ($o{pt} // 9) * 0.3528 * 1.3; }
    if ($o{phones}) {
        my $t1 = "Tel: $pr->{phone}"; my $t2 = "Fax: $pr->{fax}";
        if ($o{phones} eq 'inline') { $pg->t($xx, $y, "$t1   $t2", f => $f, pt => $o{pt} // 9, align => $align); $y += 4.2; }
        else { $pg->t($xx, $y, $t1, f => $f, pt => $o{pt} // 9, align => $align); $y += 4; $pg->t($xx, $y, $t2, f => $f, pt => $o{pt} // 9, align => $align); $y += 4; }
        $s->distract('phone', $pr->{phone}); $s->distract('fax', $pr->{fax});
    }
    return $y;
}
sub trust_head {    # NHS logo at right, trust / hospital names right-aligned beneath
    my ($s, $pg, %o) = @_;
    my $h = $s->{hosp}; my $f = $o{f} // 'clear'; my $y = $o{y} // 14;
    $s->nhs_logo($pg, 190 - 9 * 2.45, $y, 9, halftone => $o{halftone}, g => $o{logo_g});
    $y += 15;
    $pg->t(190, $y, $h->{trust}, f => $s->bold($f), pt => $o{pt} // 10.5, align => 'r'); $y += 4.6;
    $pg->t(190, $y, $h->{name}, f => $f, pt => ($o{pt} // 10.5) - 1, align => 'r'); $y += 4.3;
    if ($o{addr}) {
        $pg->t(190, $y, "$h->{addr}[0], $h->{town} $h->{postcode}", f => $f, pt => 8.5, align => 'r'); $y += 3.8;
        $pg->t(190, $y, "Switchboard: $h->{phone}", f => $f, pt => 8.5, align => 'r'); $y += 3.8;
        $s->distract('phone', $h->{phone});
    }
    return $y;
}
sub addr_block {
    my ($s, $pg, $x, $y, $lines, %o) = @_;
    my $pt = $o{pt} // 10.5; my $lead = $o{lead} // $pt * 0.3528 * 1.3;
    for my $l (@$lines) { $pg->t($x, $y, $l, f => $o{f} // 'clear', pt => $pt, layer => $o{layer}); $y += $lead; }
    return $y;
}
sub patient_addr_lines { my ($s) = @_; my $p = $s->{pat}; return (O17::Data::full_name($p, title => 1), @{ $p->{addr} }, $p->{postcode}); }
sub consultant_lines {
    my ($s) = @_; my $c = $s->{cons}; my $h = $s->{hosp};
    return ($c->{mr} // $c->{name}, 'Consultant, ' . $s->{scen}{spec}, $h->{name}, $h->{addr}[0], "$h->{town} $h->{postcode}");
}
sub lct { my $t = shift; return $t =~ /^[A-Z]{2}/ ? $t : lcfirst($t) =~ s/^(\w+)/lc $1/er; }
sub body_text {    # the referral letter narrative as paragraphs
    my ($s, %o) = @_;
    my $sc = $s->{scen}; my $p = $s->{pat}; my $v = $s->{vals}; my $d = $s->{data};
    my $age = O17::Data::age_at($p->{dob}, $s->{date});
    my $open = $s->r->pick(
        "Thank you for seeing this $age year old $p->{gent} with " . lct($sc->{title}) . '.',
        "I would be grateful if you could see $p->{title} $p->{last}, a $age year old $p->{man}, regarding " . lct($sc->{title}) . '.',
        "Please see this pleasant $age year old $p->{gent} who presents with " . lct($sc->{title}) . '.');
    my @p1 = ($open, map { $d->fill($_, $p, $v) } @{ $sc->{hpc} });
    my @paras = (join(' ', @p1));
    push @paras, 'On examination: ' . $d->fill($sc->{exam}, $p, $v) unless $o{no_exam};
    push @paras, 'Investigations: ' . $d->fill($sc->{inv}, $p, $v) unless $o{no_inv};
    push @paras, $d->fill($sc->{ask}, $p, $v) . ' ' . $s->r->pick('Many thanks for your help.', 'Thank you for your help with this patient.', 'I have explained the reason for referral to the patient.');
    return @paras;
}
sub pmh_lines { my ($s) = @_; return @{ $s->{scen}{pmh} }; }
sub med_rows { my ($s) = @_; return map { [@$_] } @{ $s->{scen}{meds} }; }
sub allergy { my ($s) = @_; return $s->{allergy} //= $s->r->pick('No known drug allergies', 'Penicillin - rash', 'NKDA', 'Codeine - vomiting', 'Trimethoprim - rash'); }
sub footer { my ($s, $pg, $text, %o) = @_; $pg->t($o{x} // 105, $o{y} // ($pg->{hmm} - 10), $text, f => $o{f} // 'clear', pt => $o{pt} // 7.5, align => $o{align} // 'c'); }
sub sign {
    my ($s, $pg, $x, $y, %o) = @_;
    $pg->layer('pen', ink => $o{ink} // [0.08, 0.12, 0.45], kind => 'overlay');
    $pg->signature($x, $y, $o{w} // 32, layer => 'pen', w => 0.45);
    $pg->overlay_text('signature', '(signature)');
}
1;
