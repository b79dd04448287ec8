package O17::Docs;
# Document layouts. Each layout draws its pages through O17::Page, which records the ground truth
# line by line in reading order as it lays the text out.
use strict; use warnings;
use O17::Data qw(fmt_date fmt_nhs);

sub nm { return O17::Data::full_name(@_); }
sub wrap_chars {
    my ($text, $n) = @_;
    my @w = split /\s+/, $text; my @l; my $cur = '';
    for my $w (@w) { if (length($cur) && length($cur) + 1 + length($w) > $n) { push @l, $cur; $cur = $w; } else { $cur = length $cur ? "$cur $w" : $w; } }
    push @l, $cur if length $cur; return @l;
}
sub pt2mm { return $_[0] * 0.3528; }

# ---------- identifier lines ----------
sub id_lines {
    my ($c, $pg, $x, $y, %o) = @_;
    my $p = $c->{pat}; my $f = $o{f}; my $bf = $o{bf} // $c->bold($f); my $pt = $o{pt} // 10.5;
    my $lead = pt2mm($pt) * 1.35; my $style = $o{style} // 're_multi';
    my $name = $o{upper} ? "$p->{title} $p->{first} " . uc($p->{last}) : nm($p, title => 1);
    my $dl = "$c->{dob_label} $c->{dob_p}"; my $nl = "$c->{nhs_label} $c->{nhs_p}";
    if ($style eq 're_inline') {
        my $t = "Re: $name, $dl, $nl";
        if ($pg->width($bf, $pt, $t) > ($o{w} // 170)) { $pg->t($x, $y, "Re: $name", f => $bf, pt => $pt); $y += $lead; $t = "$dl, $nl"; $pg->t($x, $y, $t, f => $bf, pt => $pt); }
        else { $pg->t($x, $y, $t, f => $bf, pt => $pt); }
        $c->anchor($pg, 'nhs', $x, $y - pt2mm($pt), $pg->width($bf, $pt, $t), pt2mm($pt) * 1.3);
        return $y + $lead;
    }
    if ($style eq 're_multi') {
        $pg->t($x, $y, "Re: $name", f => $bf, pt => $pt); $y += $lead;
        $pg->t($x, $y, $dl, f => $bf, pt => $pt); $c->anchor($pg, 'dob', $x, $y - pt2mm($pt), $pg->width($bf, $pt, $dl), pt2mm($pt) * 1.3); $y += $lead;
        $pg->t($x, $y, $nl, f => $bf, pt => $pt); $c->anchor($pg, 'nhs', $x, $y - pt2mm($pt), $pg->width($bf, $pt, $nl), pt2mm($pt) * 1.3); $y += $lead;
        unless ($o{noaddr}) { $pg->t($x, $y, join(', ', @{ $p->{addr} }, $p->{postcode}), f => $f, pt => $pt); $y += $lead; }
        return $y;
    }
    if ($style eq 'patient_pair') {    # name + dob on one line, nhs on the next
        my $t1 = "Patient: " . nm($p) . " ($dl)";
        $pg->t($x, $y, $t1, f => $bf, pt => $pt); $c->anchor($pg, 'dob', $x, $y - pt2mm($pt), $pg->width($bf, $pt, $t1), pt2mm($pt) * 1.3); $y += $lead;
        $pg->t($x, $y, $nl, f => $bf, pt => $pt); $c->anchor($pg, 'nhs', $x, $y - pt2mm($pt), $pg->width($bf, $pt, $nl), pt2mm($pt) * 1.3); $y += $lead;
        return $y;
    }
    if ($style eq 'kv') {    # aligned label/value pairs
        my $lw = $o{lw} // 32;
        my @pairs = (['Patient:', $name], [$c->{dob_label}, $c->{dob_p}], [$c->{nhs_label}, $c->{nhs_p}]);
        push @pairs, ['Hospital No:', $p->{hosp}] if $o{hosp};
        push @pairs, ['Address:', join(', ', @{ $p->{addr} }, $p->{postcode})] unless $o{noaddr};
        for my $pr (@pairs) {
            $pg->lv($x, $y, $pr->[0], $pr->[1], f => $f, lf => $bf, pt => $pt, vx => $x + $lw);
            $c->anchor($pg, 'nhs', $x, $y - pt2mm($pt), $lw + 40, pt2mm($pt) * 1.3) if $pr->[0] eq $c->{nhs_label};
            $c->anchor($pg, 'dob', $x, $y - pt2mm($pt), $lw + 30, pt2mm($pt) * 1.3) if $pr->[0] eq $c->{dob_label};
            $y += $lead;
        }
        $c->distract('hospital_number', $p->{hosp}) if $o{hosp};
        return $y;
    }
    die "id style $style";
}
sub paragraphs {
    my ($c, $pg, $x, $y, $w, $paras, %o) = @_;
    my $gap = $o{gap} // 2.2;
    for my $p (@$paras) { $y = $pg->para($x, $y, $w, $p, %o); $y += $gap; }
    return $y;
}
sub signoff {
    my ($c, $pg, $x, $y, %o) = @_;
    my $f = $o{f}; my $pt = $o{pt} // 10.5;
    $pg->t($x, $y, $o{close} // 'Yours sincerely', f => $f, pt => $pt); $y += 4;
    $c->sign($pg, $x + 2, $y + 8) unless $o{nosig};
    $y += 16;
    $pg->t($x, $y, $o{name} // $c->{prac}{gp}, f => $c->bold($f), pt => $pt); $y += pt2mm($pt) * 1.35;
    $pg->t($x, $y, $o{role} // 'General Practitioner', f => $f, pt => $pt); $y += pt2mm($pt) * 1.35;
    return $y;
}
sub letter_date_row {
    my ($c, $pg, $y, %o) = @_;
    my $ds = $c->d($c->{date}, $o{style} // 'd Month yyyy');
    $c->distract('letter_date', $ds);
    my $ref = $o{ref};
    if ($ref) { $pg->row($y, [20, "Our ref: $ref", f => $o{f}, pt => $o{pt} // 10], [190, $ds, f => $o{f}, pt => $o{pt} // 10, align => 'r']); }
    else { $pg->t($o{x} // 190, $y, ($o{prefix} // '') . $ds, f => $o{f}, pt => $o{pt} // 10, align => $o{align} // 'r'); }
    return $y + 6;
}
sub gp_list_right {
    my ($c, $pg, $y, %o) = @_;
    for my $g (@{ $c->{prac}{gps} }) { $pg->t(190, $y, $g, f => $o{f}, pt => $o{pt} // 8.5, align => 'r'); $y += pt2mm($o{pt} // 8.5) * 1.3; }
    return $y;
}

# ======================= referral layouts =======================
sub dictated_letter {
    my ($c, %o) = @_;
    my $r = $c->r; my $pg = $c->newpage;
    my $f = $o{font} // $r->pick(@O17::Ctx::SERIF); my $hf = $o{hfont} // $r->pick(@O17::Ctx::SANS);
    my $pt = $o{pt} // 10.5;
    my $y = $c->practice_head($pg, f => $hf, phones => 'stacked', hpt => 15, pt => 9);
    gp_list_right($c, $pg, 20, f => $hf) if $o{gplist};
    $c->emblem($pg, 170, 14, 14, halftone => $o{halftone}) if $o{emblem};
    $y = 58 if $y < 58;
    my $ini = $c->{prac}{ini}[0] . '/' . lc(join '', map { chr(97 + $r->int(0, 25)) } 1 .. 2);
    $y = letter_date_row($c, $pg, $y, f => $f, ref => ($o{ref} ? $ini : undef), style => $o{datestyle} // 'd Month yyyy');
    $y = $c->addr_block($pg, 20, $y + 4, [ $c->consultant_lines ], f => $f, pt => $pt) + 6;
    $pg->t(20, $y, "Dear " . $c->{cons}{short} . ',', f => $f, pt => $pt); $y += 7;
    $y = id_lines($c, $pg, 20, $y, f => $f, pt => $pt, style => $o{idstyle} // 're_multi', upper => $o{upper}) + 2;
    $y = paragraphs($c, $pg, 20, $y, 170, [ $c->body_text ], f => $f, pt => $pt, justify => $o{justify});
    if ($o{meds}) {
        $pg->t(20, $y, 'Current medication:', f => $c->bold($f), pt => $pt); $y += 5;
        for my $m ($c->med_rows) { $pg->t(25, $y, join(' ', grep { length } @$m), f => $f, pt => $pt); $y += 4.8; }
        $y += 2;
    }
    $y = signoff($c, $pg, 20, $y + 2, f => $f, pt => $pt);
    $pg->t(20, $y + 2, $o{dictated} // 'Dictated but not read', f => $f, pt => 8.5) if $r->chance(0.6);
    $c->footer($pg, "Practice code $c->{prac}{ods}. Partners: " . join(', ', @{ $c->{prac}{gps} }) . '.', f => $hf, pt => 7.5);
    $c->distract('practice_code', $c->{prac}{ods});
}
sub two_page_letter {
    my ($c, %o) = @_;
    my $r = $c->r; my $f = $o{font} // $r->pick(@O17::Ctx::SANS); my $pt = $o{pt} // 10.5;
    my $p = $c->{pat};
    my $pg = $c->newpage;
    # page 1: mostly header and addresses
    $c->emblem($pg, 20, 14, 22, halftone => $o{halftone}, kind => 'tree');
    $pg->t(46, 24, $c->{prac}{name}, f => $c->bold($f), pt => 18);
    $pg->t(46, 31, join(', ', @{ $c->{prac}{addr} }, $c->{prac}{postcode}), f => $f, pt => 9.5);
    $pg->t(46, 36, "Telephone $c->{prac}{phone}   Fax $c->{prac}{fax}", f => $f, pt => 9.5);
    $c->distract('phone', $c->{prac}{phone}); $c->distract('fax', $c->{prac}{fax});
    $pg->rule(20, 42, 190, 42, t => 0.6);
    my $y = gp_list_right($c, $pg, 50, f => $f, pt => 9);
    $y = $c->addr_block($pg, 20, ($y > 66 ? $y + 6 : 72), [ $c->consultant_lines ], f => $f, pt => $pt);
    $y += 10;
    my $ds = $c->d($c->{date}, 'dth Month yyyy'); $c->distract('letter_date', $ds);
    $pg->t(20, $y, "Date: $ds", f => $f, pt => $pt); $y += 10;
    $pg->t(20, $y, 'Patient details', f => $c->bold($f), pt => $pt + 1); $y += 6;
    $y = id_lines($c, $pg, 20, $y, f => $f, pt => $pt, style => 'kv', lw => 38, hosp => 1) + 8;
    $pg->t(20, $y, "Dear $c->{cons}{short},", f => $f, pt => $pt); $y += 7;
    $pg->para(20, $y, 170, "Please find my referral for the above patient on the following page.", f => $f, pt => $pt);
    $c->footer($pg, 'Page 1 of 2', f => $f, pt => 8, align => 'r', x => 190);
    # page 2
    my $pg2 = $c->newpage;
    my $hdr = nm($p) . "   $c->{nhs_label} $c->{nhs_p}   $c->{dob_label} $c->{dob_p}";
    $pg2->t(20, 16, $hdr, f => $f, pt => 8.5);
    $pg2->rule(20, 18, 190, 18, t => 0.3);
    $y = paragraphs($c, $pg2, 20, 28, 170, [ $c->body_text ], f => $f, pt => $pt);
    $pg2->t(20, $y, 'Past medical history: ' . join('; ', $c->pmh_lines), f => $f, pt => $pt); $y += 6;
    $pg2->t(20, $y, 'Allergies: ' . $c->allergy, f => $f, pt => $pt); $y += 8;
    $y = signoff($c, $pg2, 20, $y, f => $f, pt => $pt, close => 'Kind regards');
    $c->footer($pg2, 'Page 2 of 2', f => $f, pt => 8, align => 'r', x => 190);
}
sub ers_export {
    my ($c, %o) = @_;
    my $r = $c->r; my $f = $o{font} // $r->pick(qw(clear karla tiresias manrope)); my $bf = $c->bold($f); my $pt = 9.5;
    my $p = $c->{pat}; my ($ubrn, $ubrn_p) = $c->{data}->ubrn;
    my $pg = $c->newpage;
    $pg->fill_rect(15, 12, 180, 11, g => 215);
    $pg->row(19.5, [18, 'NHS e-Referral Service', f => $bf, pt => 13], [192, 'Referral Letter', f => $f, pt => 11, align => 'r']);
    my $y = 32;
    $pg->row($y, [15, 'UBRN:', f => $bf, pt => $pt], [40, $ubrn_p, f => $f, pt => $pt]); $c->distract('ubrn', $ubrn_p);
    $y += 5;
    my $sent = $c->d($c->{date}, 'dd-Mon-yyyy'); $c->distract('referral_date', $sent);
    $pg->row($y, [15, 'Date sent:', f => $bf, pt => $pt], [40, $sent, f => $f, pt => $pt]); $y += 8;
    $pg->t(15, $y, 'Patient Details', f => $bf, pt => 11); $y += 3;
    my $gender = $p->{sex} eq 'M' ? 'Male' : 'Female';
    $y = $pg->table(15, $y, cols => [45, 135], header => 0, f => $f, pt => $pt, grid => 'rows', rows => [
        ['Name', O17::Data::surname_first($p)], [$o{nhs_label} // 'NHS Number', $c->{nhs_p}], [$o{dob_label} // 'Date of Birth', $c->{dob_p}],
        ['Gender', $gender], ['Address', join(', ', @{ $p->{addr} }, $p->{postcode})], ['Telephone', $p->{phone}] ]);
    $c->{nhs_label} = $o{nhs_label} // 'NHS Number'; $c->{dob_label} = $o{dob_label} // 'Date of Birth';
    $c->distract('phone', $p->{phone});
    $y += 6;
    $pg->t(15, $y, 'Referrer', f => $bf, pt => 11); $y += 3;
    $y = $pg->table(15, $y, cols => [45, 135], header => 0, f => $f, pt => $pt, grid => 'rows', rows => [
        ['Referring clinician', $c->{prac}{gp}], ['Organisation', "$c->{prac}{name} ($c->{prac}{ods})"], ['Telephone', $c->{prac}{phone}] ]);
    $c->distract('practice_code', $c->{prac}{ods}); $c->distract('phone', $c->{prac}{phone});
    $y += 6;
    $pg->t(15, $y, 'Service', f => $bf, pt => 11); $y += 3;
    $y = $pg->table(15, $y, cols => [45, 135], header => 0, f => $f, pt => $pt, grid => 'rows', rows => [
        ['Specialty', $c->{scen}{spec}], ['Service requested', $c->{scen}{service} . ' - ' . $c->{hosp}{name}], ['Priority', $c->{scen}{urgent}] ]);
    $y += 8;
    $pg->t(15, $y, 'Clinical Information', f => $bf, pt => 11); $y += 6;
    my @paras = $c->body_text;
    my $two = $o{pages} && $o{pages} > 1;
    my @first = $two ? @paras[0 .. 1] : @paras;
    $y = paragraphs($c, $pg, 15, $y, 180, \@first, f => $f, pt => $pt + 0.5);
    my $printed = $c->d(O17::Data::add_days($c->{date}, 1), 'dd/mm/yyyy') . sprintf(' %02d:%02d', $r->int(8, 17), $r->int(0, 59));
    $c->distract('print_timestamp', $printed);
    $c->footer($pg, "Printed $printed   Page 1 of " . ($two ? 2 : 1), f => $f, pt => 7.5, x => 15, align => 'l');
    return unless $two;
    my $pg2 = $c->newpage;
    $pg2->row(14, [15, "UBRN $ubrn_p", f => $f, pt => 8], [192, nm($p) . " - $c->{nhs_p}", f => $f, pt => 8, align => 'r']);
    $y = paragraphs($c, $pg2, 15, 26, 180, [ @paras[2 .. $#paras] ], f => $f, pt => $pt + 0.5);
    $y += 4;
    $pg2->t(15, $y, 'Current Medication', f => $bf, pt => 11); $y += 3;
    $y = $pg2->table(15, $y, cols => [70, 40, 70], header => 1, f => $f, hf => $bf, pt => $pt, shade => 225, rows => [ ['Drug', 'Dose', 'Directions'], $c->med_rows ]);
    $y += 6;
    $pg2->t(15, $y, 'Allergies and Adverse Reactions', f => $bf, pt => 11); $y += 5.5;
    $pg2->t(15, $y, $c->allergy, f => $f, pt => $pt); $y += 8;
    $pg2->t(15, $y, 'Past Medical History', f => $bf, pt => 11); $y += 5.5;
    for my $l ($c->pmh_lines) { $pg2->t(15, $y, $l, f => $f, pt => $pt); $y += 4.6; }
    $c->footer($pg2, "Printed $printed   Page 2 of 2", f => $f, pt => 7.5, x => 15, align => 'l');
}
sub tickbox_proforma {
    my ($c, %o) = @_;
    my $r = $c->r; my $f = $o{font} // $r->pick(qw(tiresias karla clear tuffy routed)); my $bf = $c->bold($f); my $pt = 9;
    my $p = $c->{pat}; my $sc = $c->{scen};
    my $pg = $c->newpage;
    $pg->layer('band', ink => $o{band_ink} // [0.85, 0.25, 0.3]);
    $pg->fill_rect(12, 10, 186, 16, layer => 'band', g => 0);
    $pg->t(105, 17, 'URGENT SUSPECTED CANCER REFERRAL', f => $bf, pt => 14, align => 'c', layer => 'band', g => 255);
    $pg->t(105, 23.5, uc($o{site} // $sc->{title}), f => $f, pt => 10, align => 'c', layer => 'band', g => 255);
    $pg->t(105, 32, "Fax to $c->{hosp}{name} 2WW Office on $c->{hosp}{fax} within 24 hours", f => $f, pt => 8.5, align => 'c');
    $c->distract('fax', $c->{hosp}{fax});
    my $y = 38;
    my $ds = $c->d($c->{date}, 'dd/mm/yyyy'); $c->distract('referral_date', $ds);
    $c->{nhs_label} = 'NHS No'; $c->{dob_label} = 'DOB';
    $y = $pg->table(12, $y, cols => [28, 65, 28, 65], header => 0, f => $f, pt => $pt, grid => 'full', rows => [
        ['Surname', uc $p->{last}, 'Forename', $p->{first}],
        ['DOB', $c->{dob_p}, 'NHS No', $c->{nhs_p}],
        ['Address', join(', ', @{ $p->{addr} }), 'Postcode', $p->{postcode}],
        ['Tel (home)', $p->{phone}, 'Mobile', $p->{mobile}],
        ['Date of decision to refer', $ds, 'Interpreter', $r->pick('No', 'Yes - Polish', 'No')] ]);
    $c->distract('phone', $p->{phone}); $c->distract('mobile', $p->{mobile});
    { my $T = $pg->{last_table}; $c->anchor($pg, 'nhs', $T->{x} + $T->{cols}[0] + $T->{cols}[1] + $T->{cols}[2], $T->{rowy}[1], $T->{cols}[3], $T->{rowy}[2] - $T->{rowy}[1]); }
    $y += 6;
    $pg->t(12, $y, 'Referral criteria (please tick all that apply)', f => $bf, pt => 10); $y += 6;
    my @crit = @{ $o{criteria} // [
        'Aged 40 and over with unexplained weight loss and abdominal pain',
        'Aged 50 and over with unexplained rectal bleeding',
        'Aged 60 and over with iron deficiency anaemia',
        'Aged 60 and over with changes in bowel habit',
        'Tests show occult blood in faeces (FIT 10 ug Hb/g or more)',
        'Rectal or abdominal mass',
        'Unexplained anal mass or anal ulceration' ] };
    my %ticked = map { $_ => 1 } @{ $o{ticked} // [0, 3, 4] };
    $pg->layer('pen', ink => [0.1, 0.12, 0.4], kind => 'overlay');
    for my $i (0 .. $#crit) {
        $pg->tickbox(14, $y + 0.6, 3.6);
        $pg->t(21, $y, $crit[$i], f => $f, pt => $pt);
        $pg->tick(14, $y + 0.6, 3.6, layer => 'pen', w => 0.5) if $ticked{$i};
        $y += 6;
    }
    $y += 3;
    $pg->t(12, $y, 'Clinical details / additional information', f => $bf, pt => 10); $y += 3;
    my $boxtop = $y;
    $y = paragraphs($c, $pg, 14, $y + 5, 180, [ ($c->body_text(no_exam => 1))[0 .. 1] ], f => $f, pt => $pt);
    $pg->rect(12, $boxtop, 186, $y - $boxtop + 1, t => 0.3);
    $y += 5;
    $pg->t(12, $y, 'Performance status (WHO)', f => $bf, pt => $pt); $y += 5.5;
    my $x = 14; my $ps = $r->int(0, 2);
    my @labels = map { "$_" } 0 .. 4;
    for my $i (0 .. 4) { $pg->tickbox($x, $y + 0.6, 3.6); $pg->tick($x, $y + 0.6, 3.6, layer => 'pen', w => 0.5) if $i == $ps; $x += 12; }
    $pg->row($y, map { [19 + 12 * $_, $labels[$_], f => $f, pt => $pt] } 0 .. 4);
    $y += 9;
    $y = $pg->table(12, $y, cols => [40, 53, 40, 53], header => 0, f => $f, pt => $pt, grid => 'full', rows => [
        ['Referring GP', $c->{prac}{gp}, 'Practice code', $c->{prac}{ods}],
        ['Practice', $c->{prac}{name}, 'Practice tel', $c->{prac}{phone}],
        ['GP signature', '', 'Date', $ds] ]);
    $c->distract('practice_code', $c->{prac}{ods}); $c->distract('phone', $c->{prac}{phone});
    $c->sign($pg, 56, $y - 2.5, w => 25);
    $c->footer($pg, 'Version 4.2  Cancer Network referral form. Patients must be informed that this is an urgent suspected cancer referral.', f => $f, pt => 7);
}
sub soap_note {
    my ($c, %o) = @_;
    my $r = $c->r; my $f = $o{font} // $r->pick(qw(karla manrope clear jura)); my $bf = $c->bold($f); my $pt = $o{pt} // 10;
    my $p = $c->{pat}; my $sc = $c->{scen}; my $d = $c->{data}; my $v = $c->{vals};
    my $pg = $c->newpage;
    my $y = $c->practice_head($pg, f => $f, hpt => 13, pt => 8.5, oneline => 1, phones => 'inline');
    $pg->rule(20, $y, 190, $y, t => 0.4); $y += 7;
    my $ds = $c->d($c->{date}, 'dd/mm/yyyy'); $c->distract('consultation_date', $ds);
    $pg->row($y, [20, 'Referral to:', f => $bf, pt => $pt], [48, "$sc->{service}, $c->{hosp}{name}", f => $f, pt => $pt]); $y += 5.5;
    $pg->row($y, [20, 'Consultation:', f => $bf, pt => $pt], [48, "$ds with $c->{prac}{gp}", f => $f, pt => $pt]); $y += 8;
    $y = id_lines($c, $pg, 20, $y, f => $f, pt => $pt, style => $o{idstyle} // 'patient_pair') + 4;
    my @body = $c->body_text;
    my @sec = (['S', 'Subjective', join(' ', map { $d->fill($_, $p, $v) } @{ $sc->{hpc} })],
               ['O', 'Objective', $d->fill($sc->{exam}, $p, $v)],
               ['A', 'Assessment', $sc->{title} . '. ' . $d->fill($sc->{inv}, $p, $v)],
               ['P', 'Plan', "Refer to $sc->{service} ($sc->{urgent}). " . $d->fill($sc->{ask}, $p, $v) . ' Safety netting advice given.']);
    for my $s (@sec) {
        if ($o{compact}) { $y = $pg->para(20, $y, 170, "$s->[0]: $s->[2]", f => $f, pt => $pt) + 2; next; }
        $pg->t(20, $y, "$s->[0] - $s->[1]", f => $bf, pt => $pt + 0.5); $y += 5.5;
        $y = $pg->para(26, $y, 164, $s->[2], f => $f, pt => $pt) + 3;
    }
    $y += 2;
    $pg->t(20, $y, 'Medication', f => $bf, pt => $pt); $y += 5;
    for my $m ($c->med_rows) { $pg->t(26, $y, join(' ', grep { length } @$m), f => $f, pt => $pt); $y += 4.6; }
    $y += 2; $pg->t(20, $y, 'Allergies: ' . $c->allergy, f => $f, pt => $pt); $y += 9;
    $pg->t(20, $y, $c->{prac}{gp}, f => $bf, pt => $pt); $c->sign($pg, 80, $y, w => 28);
    return $y;
}
sub gp_export {    # EMIS / SystmOne / Vision flavoured print-outs
    my ($c, %o) = @_;
    my $r = $c->r; my $sys = $o{system}; my $p = $c->{pat}; my $sc = $c->{scen};
    my $f = $o{font} // ($sys eq 'vision' ? $r->pick(qw(lmono-n agave hermit)) : $r->pick(qw(clear karla tiresias tuffy junction)));
    my $bf = $c->bold($f); my $pt = $o{pt} // ($sys eq 'vision' ? 8.5 : 9);
    my $npages = scalar @{ $c->{spec}{pages} };
    my $pg = $c->newpage;
    my $y;
    my $gen = $c->d($c->{date}, $sys eq 'vision' ? 'dd/mm/yyyy' : 'dd-Mon-yyyy'); $c->distract('print_date', $gen);
    if ($sys eq 'emis') {
        $pg->row(14, [15, $c->{prac}{name}, f => $bf, pt => 12], [195, 'Referral Letter', f => $f, pt => 11, align => 'r']);
        $pg->rule(15, 17, 195, 17, t => 0.5);
        $pg->t(195, 21, "Printed $gen by $c->{prac}{gp}", f => $f, pt => 7.5, align => 'r');
        $y = 24;
        # two columns: patient details (left), registration details (right)
        my $ly = $y;
        $pg->t(15, $ly, 'Patient Details', f => $bf, pt => 10); $ly += 5;
        $ly = $pg->kv(15, $ly, [['Name', O17::Data::surname_first($p)], [$c->{dob_label}, $c->{dob_p}], [$c->{nhs_label}, $c->{nhs_p}],
                                 ['Address', join(', ', @{ $p->{addr} })], ['Postcode', $p->{postcode}], ['Home Tel', $p->{phone}]], f => $f, lf => $bf, pt => $pt, lw => 26);
        $c->anchor($pg, 'nhs', 15, 24 + 5 + 2 * pt2mm($pt) * 1.4 - 3.5, 70, 5);
        my $ry = $y;
        $pg->t(115, $ry, 'Registration', f => $bf, pt => 10); $ry += 5;
        $ry = $pg->kv(115, $ry, [['Usual GP', $c->{prac}{gp}], ['Registered', $c->d(O17::Data::add_days($p->{dob}, 365 * 30 + 11), 'dd-Mon-yyyy')],
                                  ['Hospital No', $p->{hosp}], ['Gender', $p->{sex} eq 'M' ? 'Male' : 'Female']], f => $f, lf => $bf, pt => $pt, lw => 24);
        $c->distract('hospital_number', $p->{hosp}); $c->distract('phone', $p->{phone});
        $y = ($ly > $ry ? $ly : $ry) + 4;
    } elsif ($sys eq 'systmone') {
        $pg->layer('band', ink => [0.55, 0.72, 0.88]);
        $pg->fill_rect(10, 10, 190, 9, layer => 'band', g => 0);
        my $age = O17::Data::age_at($p->{dob}, $c->{date});
        $pg->row(16, [12, uc($p->{last}) . ", $p->{first} ($p->{title})", f => $bf, pt => 9.5], [85, "$c->{dob_label} $c->{dob_p} ($age y)", f => $f, pt => 9.5],
                     [145, "$c->{nhs_label} $c->{nhs_p}", f => $f, pt => 9.5]);
        $c->anchor($pg, 'nhs', 145, 12, 50, 5);
        $pg->t(12, 27, "$c->{prac}{name}, " . join(', ', @{ $c->{prac}{addr} }) . " $c->{prac}{postcode}", f => $f, pt => 8.5);
        $pg->t(12, 31.5, "Tel $c->{prac}{phone}  Fax $c->{prac}{fax}  Organisation code $c->{prac}{ods}", f => $f, pt => 8.5);
        $c->distract('phone', $c->{prac}{phone}); $c->distract('fax', $c->{prac}{fax}); $c->distract('practice_code', $c->{prac}{ods});
        $y = 40;
        $pg->t(12, $y, 'Outgoing Referral', f => $bf, pt => 12); $y += 6;
        $y = $pg->table(12, $y, cols => [40, 146], header => 0, f => $f, pt => $pt, grid => 'none', rows => [
            ['To', join(', ', ($c->consultant_lines)[0, 2])], ['Service', $sc->{service}], ['Priority', $sc->{urgent}], ['Date', $gen]]);
        $y += 3;
    } else {    # vision
        $y = 14;
        $pg->t(15, $y, uc($c->{prac}{name}) . '  ' . uc(join(', ', @{ $c->{prac}{addr} })), f => $f, pt => $pt); $y += 4;
        $pg->t(15, $y, "TEL: $c->{prac}{phone}   PRINTED: $gen", f => $f, pt => $pt); $y += 3;
        $c->distract('phone', $c->{prac}{phone});
        $pg->dashed(15, $y, 195, t => 0.25); $y += 5;
        $c->{dob_label} = 'D.O.B.:' unless $o{keep_labels};
        $y = $pg->kv(15, $y, [['PATIENT:', uc(nm($p)) . " ($p->{sex})"], [$c->{dob_label}, $c->{dob_p}], [$c->{nhs_label}, $c->{nhs_p}],
                               ['ADDRESS:', uc(join(', ', @{ $p->{addr} }, $p->{postcode}))], ['HOSP NO:', $p->{hosp}]], f => $f, lf => $f, pt => $pt, lw => 24, lead => 4.2);
        $c->anchor($pg, 'nhs', 15, $y - 3 * 4.2 - 3, 60, 4.5);
        $c->distract('hospital_number', $p->{hosp});
        $pg->dashed(15, $y - 1, 195, t => 0.25); $y += 4;
    }
    # problems / medication tables then the letter
    $pg->t($sys eq 'systmone' ? 12 : 15, $y, $sys eq 'vision' ? 'ACTIVE PROBLEMS' : 'Active Problems', f => $bf, pt => 10); $y += 2;
    my @pr = map { [ $c->d(O17::Data::add_days($c->{date}, -$r->int(200, 6000)), $sys eq 'vision' ? 'dd/mm/yyyy' : 'dd-Mon-yyyy'), $_ ] } $c->pmh_lines;
    $c->distract('problem_date', $_->[0]) for @pr;
    my $x0 = $sys eq 'systmone' ? 12 : 15;
    $y = $pg->table($x0, $y, cols => [32, 148], header => 1, f => $f, hf => $bf, pt => $pt, grid => ($sys eq 'vision' ? 'none' : 'outer'), rows => [ ['Date', 'Problem'], @pr ]);
    $y += 5;
    $pg->t($x0, $y, $sys eq 'vision' ? 'REPEAT MEDICATION' : 'Repeat Medication', f => $bf, pt => 10); $y += 2;
    my @meds = map { my $m = $_; [ $m->[0] . ($m->[1] ? " $m->[1]" : ''), $m->[2], $r->pick(28, 56, 84) . ' tablet', $c->d(O17::Data::add_days($c->{date}, -$r->int(3, 60)), 'dd/mm/yyyy') ] } $c->med_rows;
    $y = $pg->table($x0, $y, cols => [58, 52, 32, 38], header => 1, f => $f, hf => $bf, pt => $pt, grid => ($sys eq 'vision' ? 'none' : 'rows'), shade => ($sys eq 'emis' ? 230 : undef),
                    rows => [ ['Drug', 'Dosage', 'Quantity', 'Last issued'], @meds ]);
    $y += 5;
    $pg->t($x0, $y, ($sys eq 'vision' ? 'ALLERGIES: ' : 'Allergies: ') . $c->allergy, f => $f, pt => $pt); $y += 8;
    my @paras = $c->body_text;
    my $pg2 = $pg;
    if ($npages > 1) {
        $c->footer($pg, ($sys eq 'vision' ? 'PAGE 1' : 'Page 1 of 2'), f => $f, pt => 7.5);
        $pg2 = $c->newpage;
        $pg2->t(15, 14, uc($p->{last}) . ", $p->{first}   $c->{nhs_p}", f => $f, pt => 8);
        $y = 24;
    }
    $pg2->t($x0, $y, "Dear $c->{cons}{short},", f => $f, pt => $pt + 0.5); $y += 6;
    $y = paragraphs($c, $pg2, $x0, $y, 178, \@paras, f => $f, pt => $pt + 0.5);
    $y += 2;
    $pg2->t($x0, $y, 'Yours sincerely', f => $f, pt => $pt + 0.5); $c->sign($pg2, $x0 + 2, $y + 9); $y += 18;
    $pg2->t($x0, $y, $c->{prac}{gp}, f => $bf, pt => $pt + 0.5);
    $c->footer($pg2, ($sys eq 'vision' ? 'PAGE ' . $npages : "Page $npages of $npages"), f => $f, pt => 7.5);
}
sub terse_note {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat};
    my $pg = $c->newpage;
    my $tw = $o{typewriter};
    my $f = $o{font} // ($tw ? $r->pick(qw(hermit lmono)) : $r->pick(qw(routed jura karla)));
    my $pt = $o{pt} // 11;
    my $X = $o{narrow} ? 14 : 22; my $TW = $o{narrow} ? 120 : 166; my $cpl = int($TW / 2.54);
    my $put = sub { my ($y, $t) = @_; if ($tw) { $pg->typewriter($X, $y, $t, f => $f, pt => $pt, pitch => 2.54, fade => 40); } else { $pg->t($X, $y, $t, f => $f, pt => $pt); } };
    my $y;
    if ($o{narrow}) { $pg->t(74, 16, $c->{prac}{name}, f => 'clear-b', pt => 12, align => 'c'); $pg->t(74, 21, join(', ', @{ $c->{prac}{addr} }), f => 'clear', pt => 8, align => 'c'); $y = 22; }
    else { $y = $c->practice_head($pg, f => 'clear', hpt => 12, pt => 8.5, oneline => 1, align => 'c', x => 105); }
    $y += 10;
    my $ds = $c->d($c->{date}, 'dd.mm.yy'); $c->distract('letter_date', $ds);
    $put->($y, $ds); $y += 9;
    $put->($y, 'Dear Dr ' . $c->{cons}{sur} . ','); $y += 9;
    my $idt = 'Re: ' . nm($p) . " $c->{dob_label} $c->{dob_p} $c->{nhs_label} $c->{nhs_p}";
    my @idl = $tw ? wrap_chars($idt, $cpl) : $pg->wrap($TW, $idt, $f, $pt);
    for my $l (@idl) { $put->($y, $l); $y += 6; }
    $c->anchor($pg, 'nhs', $X, $y - 10, $TW - 10, 6);
    $y += 3;
    my $sc = $c->{scen};
    my $txt = $r->pick("Pls see this pt with ", "Would be grateful if you would see ") . O17::Ctx::lct($sc->{title}) . '. '
        . $c->{data}->fill($sc->{hpc}[0], $p, $c->{vals}) . ' ' . $c->{data}->fill($sc->{inv}, $p, $c->{vals}) . ' ' . $r->pick('?Cause. Many thanks.', 'Grateful for your opinion.', 'Thanks.');
    my @lines = $tw ? wrap_chars($txt, $cpl) : $pg->wrap($TW, $txt, $f, $pt);
    for my $l (@lines) { $put->($y, $l); $y += 6.5; }
    $y += 6;
    $put->($y, 'Yours,'); $c->sign($pg, $X + 2, $y + 10, w => 24); $y += 20;
    $put->($y, $c->{prac}{gp});
}
sub demographics_letter {    # recipient address on the left, demographics box on the right
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $f = $o{font} // $r->pick(qw(clear tuffy karla manrope tiresias)); my $bf = $c->bold($f); my $pt = 10;
    my $pg = $c->newpage;
    my $y;
    if ($o{hospital}) { $y = $c->trust_head($pg, f => $f, addr => 1, halftone => $o{halftone}); }
    else { $y = $c->practice_head($pg, f => $f, phones => 'inline', hpt => 14, pt => 9); }
    $y = 52 if $y < 52;
    # left column: recipient (or patient) address
    my @left = $o{to_patient} ? ($c->patient_addr_lines)
             : $o{clinic} ? ($c->{prac}{gp}, $c->{prac}{name}, @{ $c->{prac}{addr} }, $c->{prac}{postcode})
             : ($c->consultant_lines);
    my $ly = $c->addr_block($pg, 20, $y + 4, \@left, f => $f, pt => $pt);
    # right column: box of label/value pairs
    my $bx = 112; my $by = $y - 1;
    my $ry = $by + 6;
    if ($o{twocol}) {
        my @a = (['Name:', "$p->{first} " . uc($p->{last})], ['Sex:', $p->{sex}], [$c->{dob_label}, $c->{dob_p}]);
        my @b = ([$c->{nhs_label}, $c->{nhs_p}], ['Hosp No:', $p->{hosp}], ['Tel:', $p->{phone}]);
        $pg->t($bx + 3, $ry, 'Patient details', f => $bf, pt => 9); $ry += 5.5;
        my $y1 = $pg->kv($bx + 3, $ry, \@a, f => $f, lf => $bf, pt => 8.5, lead => 4.8);
        my $y2 = $pg->kv($bx + 42, $ry, \@b, f => $f, lf => $bf, pt => 8.5, lead => 4.8);
        $c->anchor($pg, 'nhs', $bx + 42, $ry - 3.5, 38, 5);
        $ry = ($y1 > $y2 ? $y1 : $y2);
    } else {
        $ry = $pg->kv($bx + 3, $ry, [['Patient:', nm($p, title => 1)], [$c->{dob_label}, $c->{dob_p}], [$c->{nhs_label}, $c->{nhs_p}],
                                     ['Hospital No:', $p->{hosp}], ['Telephone:', $p->{phone}]], f => $f, lf => $bf, pt => 9, lead => 5.2, lw => 27);
        $c->anchor($pg, 'dob', $bx + 3, $by + 6 + 1 * 5.2 - 3.5, 70, 5);
        $c->anchor($pg, 'nhs', $bx + 3, $by + 6 + 2 * 5.2 - 3.5, 70, 5);
    }
    $pg->rect($bx, $by, 78, $ry - $by - 1.5, t => 0.35);
    $c->distract('hospital_number', $p->{hosp}); $c->distract('phone', $p->{phone});
    $y = ($ly > $ry ? $ly : $ry) + 6;
    my $ds = $c->d($c->{date}, $o{datestyle} // 'd Mon yyyy'); $c->distract('letter_date', $ds);
    $pg->t(20, $y, "Date: $ds", f => $f, pt => $pt); $y += 9;
    if ($o{clinic}) { return ($pg, $y, $f); }
    $pg->t(20, $y, "Dear $c->{cons}{short},", f => $f, pt => $pt); $y += 7;
    $pg->t(20, $y, 'Re: ' . $c->{scen}{title}, f => $bf, pt => $pt); $y += 7;
    $y = paragraphs($c, $pg, 20, $y, 170, [ $c->body_text ], f => $f, pt => $pt);
    signoff($c, $pg, 20, $y + 2, f => $f, pt => $pt);
    return ($pg, $y, $f);
}
sub header_band_letter {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $f = $o{font} // $r->pick(qw(sora manrope clear junction)); my $bf = $c->bold($f); my $pt = 10;
    my $pg = $c->newpage;
    my $y = $c->practice_head($pg, f => $f, hpt => 14, pt => 8.5, align => 'r', phones => 'inline');
    $c->emblem($pg, 20, 12, 18, halftone => $o{halftone}, ink => [0.2, 0.4, 0.7]);
    $y = 40 if $y < 40;
    $pg->layer('band', ink => $o{band} // [0.78, 0.9, 0.78]);
    $pg->fill_rect(15, $y, 180, 9, layer => 'band', g => 0);
    $pg->row($y + 6, [18, uc($p->{last}) . ", $p->{first}", f => $bf, pt => 9.5], [78, "$c->{nhs_label} $c->{nhs_p}", f => $f, pt => 9.5], [140, "$c->{dob_label} $c->{dob_p}", f => $f, pt => 9.5]);
    $c->anchor($pg, 'nhs', 78, $y + 2, 55, 5.5);
    $y += 17;
    my $ds = $c->d($c->{date}, 'dd/mm/yyyy'); $c->distract('letter_date', $ds);
    $y = $c->addr_block($pg, 20, $y, [ $c->consultant_lines ], f => $f, pt => $pt);
    $pg->t(190, $y + 2, $ds, f => $f, pt => $pt, align => 'r'); $y += 10;
    $pg->t(20, $y, "Dear $c->{cons}{short},", f => $f, pt => $pt); $y += 7;
    $y = paragraphs($c, $pg, 20, $y, 170, [ $c->body_text ], f => $f, pt => $pt);
    $y = signoff($c, $pg, 20, $y + 2, f => $f, pt => $pt);
    $c->footer($pg, "$c->{prac}{name} is part of the Netherwold Primary Care Network. Practice code $c->{prac}{ods}.", f => $f, pt => 7);
}
sub table_cells_letter {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $f = $o{font} // $r->pick(qw(karla tuffy clear routed)); my $bf = $c->bold($f); my $pt = 9.5;
    my $pg = $c->newpage;
    my $y = $c->practice_head($pg, f => $f, hpt => 13, pt => 8.5, phones => 'stacked');
    $y += 6;
    $pg->t(105, $y, 'REFERRAL FORM', f => $bf, pt => 13, align => 'c'); $y += 5;
    $c->{nhs_label} = $o{nhs_label} // 'NHS Number'; $c->{dob_label} = $o{dob_label} // 'Date of Birth';
    $y = $pg->table(15, $y, cols => [32, 58, 32, 58], header => 0, f => $f, pt => $pt, grid => 'full', rows => [
        ['Surname', uc $p->{last}, 'Forename(s)', join(' ', grep { defined } $p->{first}, $p->{middle})],
        [$c->{nhs_label}, $c->{nhs_p}, $c->{dob_label}, $c->{dob_p}],
        ['Hospital No', $p->{hosp}, 'Sex', $p->{sex} eq 'M' ? 'Male' : 'Female'],
        ['Address', join(', ', @{ $p->{addr} }), 'Postcode', $p->{postcode}],
        ['Telephone', $p->{phone}, 'Mobile', $p->{mobile}] ]);
    { my $T = $pg->{last_table}; $c->anchor($pg, 'nhs', $T->{x}, $T->{rowy}[1], $T->{cols}[0] + $T->{cols}[1], $T->{rowy}[2] - $T->{rowy}[1]); }
    $c->distract('hospital_number', $p->{hosp}); $c->distract('phone', $p->{phone}); $c->distract('mobile', $p->{mobile});
    $y += 5;
    my $ds = $c->d($c->{date}, 'dd/mm/yyyy'); $c->distract('referral_date', $ds);
    $y = $pg->table(15, $y, cols => [32, 148], header => 0, f => $f, pt => $pt, grid => 'full', rows => [
        ['Referred to', "$c->{cons}{name}, $c->{scen}{service}, $c->{hosp}{name}"], ['Urgency', $c->{scen}{urgent}], ['Date of referral', $ds],
        ['Referrer', "$c->{prac}{gp}, $c->{prac}{name} ($c->{prac}{ods})"] ]);
    $c->distract('practice_code', $c->{prac}{ods});
    $y += 7;
    $pg->t(15, $y, 'Reason for referral', f => $bf, pt => 10.5); $y += 6;
    $y = paragraphs($c, $pg, 15, $y, 180, [ $c->body_text ], f => $f, pt => $pt);
    $pg->t(15, $y, 'Signed', f => $f, pt => $pt); $c->sign($pg, 32, $y, w => 26);
    $pg->t(120, $y, "Date $ds", f => $f, pt => $pt);
}
sub dotmatrix_letter {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat};
    my $pg = $c->newpage;
    my $dm = sub { my ($y, $t, %k) = @_; $pg->dotmatrix($k{x} // 15, $y, $t, pitch => 2.54, weakpin => $o{weakpin} // 4, fade => $o{fade} // 30, g => $o{g} // 25); };
    my $y = 16;
    # pre-printed letterhead (offset printed, not dot matrix)
    $y = $c->practice_head($pg, f => 'clear', hpt => 13, pt => 8.5, oneline => 1, align => 'c', x => 105) + 8;
    my $ds = $c->d($c->{date}, 'DD-MON-YYYY'); $c->distract('letter_date', $ds);
    $dm->($y, "DATE: $ds" . (' ' x 18) . 'REF: ' . $c->{prac}{ini}[1] . '/' . $r->int(100, 999)); $y += 6;
    $y += 3;
    for my $l ($c->consultant_lines) { $dm->($y, uc $l); $y += 4.6; }
    $y += 5;
    $dm->($y, 'DEAR ' . uc($c->{cons}{short}) . ','); $y += 7;
    $dm->($y, 'RE: ' . uc(nm($p))); $y += 4.6;
    $dm->($y, "$c->{dob_label} $c->{dob_p}"); $y += 4.6;
    $dm->($y, "$c->{nhs_label} $c->{nhs_p}"); $c->anchor($pg, 'nhs', 15, $y - 3, 70, 4.5); $y += 4.6;
    $dm->($y, uc(join(', ', @{ $p->{addr} }, $p->{postcode}))); $y += 7;
    for my $para ($c->body_text) {
        for my $l (wrap_chars($para, 70)) { $dm->($y, $l); $y += 4.6; }
        $y += 3;
    }
    $y += 2;
    $dm->($y, 'YOURS SINCERELY'); $c->sign($pg, 17, $y + 9, w => 28); $y += 18;
    $dm->($y, uc $c->{prac}{gp});
}
sub typewriter_letter {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat};
    my $pg = $c->newpage;
    my $f = $o{font} // $r->pick(qw(hermit lmono hermit-l)); my $pt = $o{pt} // 10.5; my $pitch = $o{pitch} // 2.54;
    my $tw = sub { my ($x, $y, $t) = @_; $pg->typewriter($x, $y, $t, f => $f, pt => $pt, pitch => $pitch, fade => $o{fade} // 45, double => 0.05); };
    my $y = $c->practice_head($pg, f => $o{hfont} // 'quattro', hf => 'rasa-b', hpt => 15, pt => 9, align => 'c', x => 105, phones => 'inline') + 8;
    my $ds = $c->d($c->{date}, 'dth Month yyyy'); $c->distract('letter_date', $ds);
    $tw->(190 - $pitch * length($ds), $y, $ds); $y += 8;
    for my $l ($c->consultant_lines) { $tw->(22, $y, $l); $y += 5.2; }
    $y += 6;
    $tw->(22, $y, "Dear $c->{cons}{short},"); $y += 8;
    my @id = ('Re: ' . nm($p, title => 1) . ", $c->{dob_label} $c->{dob_p}", "$c->{nhs_label} $c->{nhs_p}");
    for my $l (@id) { $tw->(22, $y, $l); $y += 5.2; }
    $c->anchor($pg, 'nhs', 22, $y - 8.5, 60, 5);
    $y += 4;
    my $cpl = int(166 / $pitch);
    for my $para ($c->body_text) { for my $l (wrap_chars($para, $cpl)) { $tw->(22, $y, $l); $y += 5.2; } $y += 4; }
    $tw->(22, $y, 'Yours sincerely,'); $c->sign($pg, 24, $y + 10, w => 30); $y += 20;
    $tw->(22, $y, $c->{prac}{gp});
}
sub fax_referral {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $pr = $c->{prac};
    my $np = scalar @{ $c->{spec}{pages} };
    my $f = $o{font} // $r->pick(qw(clear karla tuffy)); my $bf = $c->bold($f);
    my $t = sprintf('%02d:%02d', $r->int(8, 17), $r->int(0, 59));
    my $fd = $c->d($c->{date}, 'dd/mm/yyyy');
    my $sender = uc $pr->{name}; $sender =~ s/MEDICAL /MED /; $sender =~ s/ SURGERY/ SURG/; $sender =~ s/ PRACTICE/ PRAC/;
    my $hdr = sub { my ($pg, $i) = @_; my $h = sprintf('%s %s FROM %s %s P.%03d/%03d', $fd, $t, $pr->{fax}, $sender, $i, $np);
                    $pg->t(10, 7, $h, f => 'pxcga', pt => 6.5); $pg->{has_fax_header} = 1; return $h; };
    my $pg = $c->newpage;
    my $h1 = $hdr->($pg, 1); $c->distract('fax_header', $h1);
    $pg->t(20, 30, 'FAX', f => $bf, pt => 40);
    $pg->t(20, 40, $pr->{name}, f => $bf, pt => 13);
    $pg->t(20, 46, join(', ', @{ $pr->{addr} }, $pr->{postcode}), f => $f, pt => 9.5);
    my $y = 60;
    $y = $pg->table(20, $y, cols => [35, 135], header => 0, f => $f, pt => 11, grid => 'rows', rows => [
        ['To:', "$c->{scen}{service}, $c->{hosp}{name}"], ['Fax:', $c->{hosp}{fax}], ['From:', "$pr->{gp}, $pr->{name}"],
        ['Fax:', $pr->{fax}], ['Phone:', $pr->{phone}], ['Date:', $fd], ['Pages:', "$np (including this cover sheet)"],
        ['Re:', nm($p) . " $c->{dob_label} $c->{dob_p}"] ]);
    $c->distract('fax', $c->{hosp}{fax}); $c->distract('fax', $pr->{fax}); $c->distract('phone', $pr->{phone}); $c->distract('fax_date', $fd);
    $y += 10;
    $pg->t(20, $y, uc($c->{scen}{urgent}) . ' REFERRAL ENCLOSED', f => $bf, pt => 14); $y += 12;
    $pg->para(20, $y, 170, 'CONFIDENTIALITY NOTICE: This fax contains confidential patient information intended only for the named recipient. If you have received it in error please telephone the sender immediately and destroy all copies. Do not copy or disclose its contents.', f => $f, pt => 7.5);
    for my $i (2 .. $np) {
        my $pg2 = $c->newpage;
        $hdr->($pg2, $i);
        my $y = 22;
        if ($i == 3) {    # GP summary print-out sent with the letter
            $pg2->t(20, $y, 'Patient Summary', f => $bf, pt => 13); $y += 7;
            $y = id_lines($c, $pg2, 20, $y, f => $f, pt => 10, style => 'kv', lw => 30, hosp => 1, bf => $bf) + 4;
            $pg2->t(20, $y, 'Problems', f => $bf, pt => 11); $y += 2;
            $y = $pg2->table(20, $y, cols => [35, 135], header => 1, f => $f, hf => $bf, pt => 9.5, grid => 'rows',
                             rows => [ ['Date', 'Problem'], map { [ $c->d(O17::Data::add_days($c->{date}, -$r->int(300, 7000)), 'dd/mm/yyyy'), $_ ] } $c->pmh_lines ]) + 6;
            $pg2->t(20, $y, 'Medication', f => $bf, pt => 11); $y += 2;
            $y = $pg2->table(20, $y, cols => [70, 40, 60], header => 1, f => $f, hf => $bf, pt => 9.5, grid => 'rows', rows => [ ['Drug', 'Dose', 'Directions'], $c->med_rows ]) + 6;
            $pg2->t(20, $y, 'Allergies: ' . $c->allergy, f => $f, pt => 10);
            next;
        }
        $pg2->t(20, $y, $pr->{name}, f => $bf, pt => 12); $y += 5;
        $pg2->t(20, $y, join(', ', @{ $pr->{addr} }, $pr->{postcode}) . "  Tel $pr->{phone}", f => $f, pt => 8.5); $y += 10;
        $pg2->t(20, $y, "Dear $c->{cons}{short},", f => $f, pt => 10.5); $y += 7;
        $y = id_lines($c, $pg2, 20, $y, f => $f, pt => 10.5, style => $o{idstyle} // 're_multi', bf => $bf) + 2;
        $y = paragraphs($c, $pg2, 20, $y, 170, [ $c->body_text ], f => $f, pt => 10.5);
        signoff($c, $pg2, 20, $y + 2, f => $f, pt => 10.5);
    }
}
sub compliments_referral {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $pr = $c->{prac};
    my $f = $o{font} // 'quattro'; my $hf = 'comfortaa-b';
    my $pg = $c->newpage;    # DL slip, landscape 210 x 99
    $c->emblem($pg, 14, 10, 16, kind => 'circle', ink => [0.55, 0.2, 0.45], halftone => $o{halftone});
    $pg->t(36, 19, $pr->{name}, f => $hf, pt => 15);
    $pg->t(36, 25, join(', ', @{ $pr->{addr} }, $pr->{postcode}), f => 'comfortaa', pt => 8.5);
    $pg->t(196, 40, 'With Compliments', f => 'kaushan', pt => 20, align => 'r');
    $pg->layer('pen', ink => [0.05, 0.1, 0.42], kind => 'overlay');
    $pg->hand(20, 55, 'Re: ' . $p->{first} . ' ' . $p->{last} . ' - referral letter enclosed', f => 'klee', pt => 13, layer => 'pen');
    $pg->hand(20, 64, 'please book into ' . lc($c->{scen}{service}) . ' - thanks', f => 'klee', pt => 13, layer => 'pen');
    $pg->hand(150, 75, $pr->{ini}[0], f => 'klee', pt => 13, layer => 'pen');
    $pg->t(105, 88, "Tel $pr->{phone}   Fax $pr->{fax}   Practice code $pr->{ods}", f => 'comfortaa', pt => 7.5, align => 'c');
    $c->distract('phone', $pr->{phone}); $c->distract('fax', $pr->{fax}); $c->distract('practice_code', $pr->{ods});
    two_page_letter($c, font => $o{letter_font} // 'clear', halftone => $o{halftone});
}

# ======================= other document types =======================
sub clinic_letter {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $sc = $c->{scen}; my $cons = $c->{cons};
    my $f = $o{font} // $r->pick(qw(clear karla tiresias yrsa rasa doulos)); my $bf = $c->bold($f); my $pt = $o{pt} // 10;
    my $npages = scalar @{ $c->{spec}{pages} };
    my ($pg, $y);
    if ($o{demobox}) {
        ($pg, $y) = demographics_letter($c, %o, hospital => 1, clinic => 1, font => $f);
    } else {
        $pg = $c->newpage;
        $pg->t(20, 22, $sc->{spec}, f => $bf, pt => 11);
        $pg->t(20, 27, "$cons->{name}, Consultant", f => $f, pt => 9);
        $pg->t(20, 31.5, "Secretary: $c->{hosp}{phone} ext " . $r->int(2000, 6999), f => $f, pt => 9);
        $y = $c->trust_head($pg, f => $f, addr => 1, halftone => $o{halftone});
        $y = 52 if $y < 52;
        $y = $c->addr_block($pg, 20, $y + 4, [ $c->{prac}{gp}, $c->{prac}{name}, @{ $c->{prac}{addr} }, $c->{prac}{postcode} ], f => $f, pt => $pt) + 6;
        my $ds = $c->d($c->{date}, 'd Month yyyy'); $c->distract('letter_date', $ds);
        $pg->t(20, $y, "Dictated: $ds   Typed: " . $c->d(O17::Data::add_days($c->{date}, $r->int(2, 9)), 'd Month yyyy'), f => $f, pt => 8.5); $y += 8;
        $pg->t(20, $y, "Dear $c->{prac}{gp},", f => $f, pt => $pt); $y += 7;
        $y = id_lines($c, $pg, 20, $y, f => $f, pt => $pt, style => $o{idstyle} // 'kv', hosp => 1, lw => 30) + 3;
    }
    my $clinic = $c->d(O17::Data::add_days($c->{date}, -$r->int(1, 12)), 'dd/mm/yyyy'); $c->distract('clinic_date', $clinic);
    my $svc = $sc->{service} =~ /clinic/i ? "the $sc->{service}" : "the $sc->{service} clinic";
    $pg->t(20, $y, "Seen in $svc on $clinic", f => $bf, pt => $pt); $y += 7;
    $pg->t(20, $y, 'Diagnosis:', f => $bf, pt => $pt); $y += 5;
    my @dx = ($sc->{title} . ($r->chance(0.5) ? ' - under investigation' : ''), @{ $sc->{pmh} }[0 .. ($r->chance(0.5) ? 1 : 0)]);
    for my $i (0 .. $#dx) { $pg->t(25, $y, ($i + 1) . '. ' . $dx[$i], f => $f, pt => $pt); $y += 4.8; }
    $y += 2;
    $pg->t(20, $y, 'Plan:', f => $bf, pt => $pt); $y += 5;
    my @plan = ($r->pick('Bloods today including FBC, U&E and CRP', 'CT chest, abdomen and pelvis requested', 'Ultrasound requested', 'MRI requested'),
                $r->pick('Review in clinic in 6 weeks with results', 'Nurse specialist telephone follow up in 2 weeks', 'Discharge to GP care if results normal'));
    for my $l (@plan) { $pg->t(25, $y, "- $l", f => $f, pt => $pt); $y += 4.8; }
    $y += 4;
    my $p2 = $c->{data}->fill($sc->{hpc}[0], $p, $c->{vals});
    my @paras = ("Thank you for referring this patient, whom I saw today. $p2",
                 $c->{data}->fill($sc->{exam}, $p, $c->{vals}) . ' I have explained the findings and the next steps, and the patient was happy with this plan.',
                 'I will write again once the results are available. Please do not hesitate to contact my secretary if there are any concerns in the meantime.');
    my $pgb = $pg;
    if ($npages > 1) {
        $y = paragraphs($c, $pg, 20, $y, 170, [ $paras[0] ], f => $f, pt => $pt);
        $c->footer($pg, "Continued overleaf", f => $f, pt => 8);
        $pgb = $c->newpage;
        $pgb->t(20, 16, nm($p) . "  $c->{nhs_label} $c->{nhs_p}  Hosp No $p->{hosp}  Page 2", f => $f, pt => 8);
        $y = 28; shift @paras;
    }
    $y = paragraphs($c, $pgb, 20, $y, 170, \@paras, f => $f, pt => $pt);
    $y = signoff($c, $pgb, 20, $y + 2, f => $f, pt => $pt, name => $cons->{name}, role => "Consultant in $sc->{spec}");
    $pgb->t(20, $y + 3, "cc: $p->{title} $p->{last} (patient)", f => $f, pt => 8.5);
    $c->footer($pgb, "$c->{hosp}{trust}. Please quote the hospital number $p->{hosp} on all correspondence.", f => $f, pt => 7.5);
}
sub discharge_summary {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $sc = $c->{scen};
    my $f = $o{font} // $r->pick(qw(tiresias clear karla tuffy junction)); my $bf = $c->bold($f); my $pt = $o{pt} // 9.5;
    my $npages = scalar @{ $c->{spec}{pages} };
    my $pg = $c->newpage;
    $c->nhs_logo($pg, 190 - 8 * 2.45, 10, 8, halftone => $o{halftone});
    $pg->t(15, 16, $c->{hosp}{trust}, f => $bf, pt => 11);
    $pg->t(15, 21, $c->{hosp}{name}, f => $f, pt => 9);
    $pg->layer('band', ink => $o{band} // [0.75, 0.82, 0.92]);
    $pg->fill_rect(15, 26, 180, 10, layer => 'band', g => 0);
    $pg->t(105, 33, 'INPATIENT DISCHARGE SUMMARY', f => $bf, pt => 13, align => 'c');
    my $y = 42;
    my $adm = O17::Data::add_days($c->{date}, -$r->int(2, 12));
    my $ads = $c->d($adm, 'dd/mm/yyyy'); my $dds = $c->d($c->{date}, 'dd/mm/yyyy');
    $c->distract('admission_date', $ads); $c->distract('discharge_date', $dds);
    my $ward = $r->pick('Ward 7 (Acute Medicine)', 'Ward 22 (Surgical)', 'Elm Ward', 'Beech Ward (Elderly Care)');
    # two columns of label/value pairs
    my $y1 = $pg->kv(15, $y, [['Name:', O17::Data::surname_first($p)], [$c->{dob_label}, $c->{dob_p}], [$c->{nhs_label}, $c->{nhs_p}], ['Hospital No:', $p->{hosp}],
                              ['Address:', join(', ', @{ $p->{addr} })], ['', $p->{postcode}]], f => $f, lf => $bf, pt => $pt, lw => 26, lead => 4.7);
    $c->anchor($pg, 'nhs', 15, $y + 2 * 4.7 - 3.5, 70, 5);
    my $y2 = $pg->kv(112, $y, [['Admitted:', $ads], ['Discharged:', $dds], ['Ward:', $ward], ['Consultant:', $c->{cons}{name}],
                               ['GP:', $c->{prac}{gp}], ['Practice:', $c->{prac}{name}]], f => $f, lf => $bf, pt => $pt, lw => 24, lead => 4.7);
    $c->distract('hospital_number', $p->{hosp});
    $y = ($y1 > $y2 ? $y1 : $y2) + 3;
    $pg->rule(15, $y, 195, $y, t => 0.4); $y += 6;
    my $sec = sub { my ($pgx, $yy, $h) = @_; $pgx->t(15, $yy, $h, f => $bf, pt => $pt + 1); return $yy + 5.2; };
    $y = $sec->($pg, $y, 'Presenting complaint');
    $y = $pg->para(15, $y, 180, $c->{data}->fill($sc->{hpc}[0], $p, $c->{vals}), f => $f, pt => $pt) + 2;
    $y = $sec->($pg, $y, 'Diagnosis');
    $y = $pg->para(15, $y, 180, $sc->{title} . '. ' . $r->pick('Acute kidney injury (resolved).', 'Community acquired pneumonia.', 'Anaemia requiring transfusion of 2 units.', 'Fall without injury.'), f => $f, pt => $pt) + 2;
    $y = $sec->($pg, $y, 'Investigations and procedures');
    $y = $pg->para(15, $y, 180, $c->{data}->fill($sc->{inv}, $p, $c->{vals}) . ' ' . $r->pick('CT abdomen and pelvis performed.', 'OGD performed on day 2.', 'Chest X-ray on admission.'), f => $f, pt => $pt) + 2;
    my $pg2 = $pg;
    if ($npages > 1) {
        $c->footer($pg, 'Page 1 of 2', f => $f, pt => 7.5, x => 195, align => 'r');
        $pg2 = $c->newpage;
        $pg2->row(14, [15, O17::Data::surname_first($p), f => $bf, pt => 8.5], [195, "$c->{nhs_label} $c->{nhs_p}", f => $f, pt => 8.5, align => 'r']);
        $pg2->rule(15, 16.5, 195, 16.5, t => 0.3);
        $y = 24;
    }
    $y = $sec->($pg2, $y, 'Medication on discharge');
    my @meds = map { [ $_->[0], $_->[1], $_->[2], $r->pick('Continued', 'Continued', 'New', 'Dose changed') ] } $c->med_rows;
    push @meds, ['Paracetamol', '1g', 'up to four times daily', 'New'] if $r->chance(0.6);
    $y = $pg2->table(15, $y, cols => [55, 30, 60, 35], header => 1, f => $f, hf => $bf, pt => $pt, grid => 'full', shade => 228,
                     rows => [ ['Medicine', 'Dose', 'Frequency', 'Status'], @meds ]) + 5;
    $y = $sec->($pg2, $y, 'Allergies');
    $pg2->t(15, $y, $c->allergy, f => $f, pt => $pt); $y += 7;
    $y = $sec->($pg2, $y, 'Actions for GP');
    $y = $pg2->para(15, $y, 180, $r->pick('Please repeat U&E in one week and adjust diuretic dose accordingly.', 'Please review blood pressure in two weeks.', 'No actions required; outpatient follow up arranged.'), f => $f, pt => $pt) + 2;
    my $fu = $c->d(O17::Data::add_days($c->{date}, $r->int(20, 60)), 'dd/mm/yyyy'); $c->distract('follow_up_date', $fu);
    $y = $sec->($pg2, $y, 'Follow up');
    $pg2->t(15, $y, "Outpatient clinic with $c->{cons}{name} on $fu", f => $f, pt => $pt); $y += 10;
    $pg2->row($y, [15, 'Completed by: ' . $r->pick('Dr S Okafor (FY2)', 'Dr L Marsh (CT1)', 'Dr P Anand (FY1)'), f => $f, pt => $pt], [140, "Bleep " . $r->int(1100, 1999), f => $f, pt => $pt]);
    $c->footer($pg2, ($npages > 1 ? 'Page 2 of 2' : 'Page 1 of 1'), f => $f, pt => 7.5, x => 195, align => 'r');
}
sub lab_result {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat};
    my $pg = $c->newpage;
    my $dm = $o{dotmatrix};
    my $f = $o{font} // ($dm ? 'pxmda' : $r->pick(qw(agave lmono-n hermit clear tirpc)));
    my $bf = $dm ? $f : $c->bold($f); my $pt = $o{pt} // 9;
    my $put = sub { my ($x, $y, $t, %k) = @_;
        if ($dm) { $pg->dotmatrix($x, $y, $t, pitch => 2.12, fade => 35, weakpin => $o{weakpin} // -1); }
        else { $pg->t($x, $y, $t, f => $k{f} // $f, pt => $k{pt} // $pt, align => $k{align}); } };
    my $y = 14;
    my $coll = O17::Data::add_days($c->{date}, -1);
    my $cs = $c->d($coll, 'dd/mm/yyyy') . sprintf(' %02d:%02d', $r->int(8, 12), $r->int(0, 59));
    my $rs = $c->d($c->{date}, 'dd/mm/yyyy') . sprintf(' %02d:%02d', $r->int(13, 18), $r->int(0, 59));
    my $lab = sprintf('%s%02d%06d', $r->pick(qw(H B C)), $c->{date}[0] % 100, $r->int(0, 999999));
    $c->distract('collected', $cs); $c->distract('reported', $rs); $c->distract('lab_number', $lab);
    if (!$dm) {
        $c->nhs_logo($pg, 190 - 7 * 2.45, 10, 7);
        $pg->t(15, 15, "$c->{hosp}{name} - Department of Clinical Biochemistry and Haematology", f => $bf, pt => 9.5);
        $pg->t(15, 19.5, "Laboratory enquiries: $c->{hosp}{phone}", f => $f, pt => 8.5); $c->distract('phone', $c->{hosp}{phone});
        $y = 26;
        $pg->rule(15, $y, 195, $y, t => 0.5); $y += 6;
    } else {
        if ($o{greenbar}) {
            $pg->layer('bars', ink => [0.8, 0.92, 0.8]);
            for (my $by = 8; $by < $pg->{hmm} - 5; $by += 25.4) { $pg->fill_rect(8, $by, $pg->{wmm} - 16, 12.7, layer => 'bars', g => 0); }
            $pg->layer('holes', ink => [0.5, 0.5, 0.5]);
            for (my $hy = 6; $hy < $pg->{hmm}; $hy += 12.7) { $pg->ellipse(4, $hy, 4, 4, fill => 1, layer => 'holes', g => 0); $pg->ellipse($pg->{wmm} - 4, $hy, 4, 4, fill => 1, layer => 'holes', g => 0); }
        }
        $put->(12, $y, uc($c->{hosp}{name}) . ' PATHOLOGY'); $y += 5;
        $put->(12, $y, 'CUMULATIVE REPORT'); $y += 8;
    }
    my @left = (['Patient:', O17::Data::surname_first($p)], [$c->{dob_label}, $c->{dob_p}], [$c->{nhs_label}, $c->{nhs_p}], ['Hosp No:', $p->{hosp}]);
    my @right = (['Lab No:', $lab], ['Collected:', $cs], ['Reported:', $rs], ['Requested by:', $c->{prac}{gp}]);
    $c->distract('hospital_number', $p->{hosp});
    if ($dm) {
        for my $pr (@left, @right) { $put->(12, $y, sprintf('%-14s%s', $pr->[0], $pr->[1])); $y += 4.3; }
        $c->anchor($pg, 'nhs', 12, $y - 6 * 4.3 - 3, 70, 4.3);
    } else {
        my $y1 = $pg->kv(15, $y, \@left, f => $f, lf => $bf, pt => $pt, lw => 24, lead => 4.6);
        my $y2 = $pg->kv(110, $y, \@right, f => $f, lf => $bf, pt => $pt, lw => 28, lead => 4.6);
        $c->anchor($pg, 'nhs', 15, $y + 2 * 4.6 - 3.4, 70, 4.8);
        $y = ($y1 > $y2 ? $y1 : $y2) + 2;
    }
    $y += 4;
    my @tests = (
        ['Haemoglobin', $r->int(92, 158), 'g/L', '130-180'], ['White cell count', sprintf('%.1f', $r->uniform(3.2, 13.5)), 'x10^9/L', '4.0-11.0'],
        ['Platelets', $r->int(120, 460), 'x10^9/L', '150-400'], ['MCV', $r->int(72, 101), 'fL', '80-100'],
        ['Sodium', $r->int(128, 146), 'mmol/L', '133-146'], ['Potassium', sprintf('%.1f', $r->uniform(3.2, 5.9)), 'mmol/L', '3.5-5.3'],
        ['Urea', sprintf('%.1f', $r->uniform(2.4, 14.8)), 'mmol/L', '2.5-7.8'], ['Creatinine', $r->int(55, 190), 'umol/L', '59-104'],
        ['eGFR', $r->int(25, 90), 'mL/min/1.73m2', '>60'], ['CRP', $r->int(1, 120), 'mg/L', '<5'],
        ['ALT', $r->int(8, 95), 'U/L', '<41'], ['Alkaline phosphatase', $r->int(40, 260), 'U/L', '30-130'],
        ['Bilirubin', $r->int(3, 40), 'umol/L', '<21'], ['Albumin', $r->int(28, 48), 'g/L', '35-50']);
    @tests = @tests[0 .. ($o{short} ? 8 : $#tests)];
    my $flag = sub { my ($v, $rg) = @_;
        if ($rg =~ /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/) { return 'L' if $v < $1; return 'H' if $v > $2; return ''; }
        if ($rg =~ /^<(\d+)/) { return $v >= $1 ? 'H' : ''; }
        if ($rg =~ /^>(\d+)/) { return $v <= $1 ? 'L' : ''; } return ''; };
    my @rows = map { [ $_->[0], $_->[1], $flag->($_->[1], $_->[3]), $_->[2], $_->[3] ] } @tests;
    if ($dm) {
        $put->(12, $y, sprintf('%-22s %8s %-2s %-14s %s', 'TEST', 'RESULT', '', 'UNITS', 'RANGE')); $y += 5;
        for my $rw (@rows) { $put->(12, $y, sprintf('%-22s %8s %-2s %-14s %s', uc $rw->[0], $rw->[1], $rw->[2], $rw->[3], $rw->[4])); $y += 4.3; }
    } else {
        $y = $pg->table(15, $y, cols => [60, 25, 12, 38, 40], header => 1, f => $f, hf => $bf, pt => $pt, grid => $o{grid} // 'outer', align => [qw(l r c l l)],
                        rows => [ ['Test', 'Result', 'Flag', 'Units', 'Reference range'], @rows ]);
    }
    $y += 7;
    my $cm = $r->pick('Results telephoned to surgery.', 'Sample slightly haemolysed; potassium may be falsely raised.', 'Please repeat in 4 weeks if clinically indicated.');
    $put->(15, $y, ($dm ? 'COMMENT: ' . uc($cm) : "Comment: $cm")); $y += 7;
    $put->(15, $y, ($dm ? 'AUTHORISED BY: ' : 'Authorised by: ') . $r->pick('A. Blessington, Consultant Biochemist', 'R. Nakamura, Clinical Scientist'));
    $c->footer($pg, 'This report was produced by the laboratory information system. Reference ranges apply to adults.', f => ($dm ? 'clear' : $f), pt => 7) unless $dm;
}
sub appointment_letter {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $sc = $c->{scen};
    my $f = $o{font} // $r->pick(qw(tiresias clear manrope karla sora)); my $bf = $c->bold($f); my $pt = $o{pt} // 10.5;
    my $pg = $c->newpage;
    $pg->t(20, 22, 'Outpatient Appointments Centre', f => $bf, pt => 11);
    $pg->t(20, 27, "Telephone: $c->{hosp}{phone}", f => $f, pt => 9);
    $pg->t(20, 31.5, 'Monday to Friday 8.30am to 5.00pm', f => $f, pt => 9);
    my $y = $c->trust_head($pg, f => $f, addr => 1, halftone => $o{halftone});
    $y = 52 if $y < 52;
    $y = $c->addr_block($pg, 20, $y + 4, [ $c->patient_addr_lines ], f => $f, pt => $pt) + 8;
    my $ds = $c->d($c->{date}, 'd Month yyyy'); $c->distract('letter_date', $ds);
    $pg->t(20, $y, "Date: $ds", f => $f, pt => $pt); $y += 6;
    my $bref = sprintf('%s%07d', $r->pick(qw(APT OPA RB)), $r->int(0, 9999999)); $c->distract('booking_reference', $bref);
    $pg->t(20, $y, "Booking reference: $bref", f => $f, pt => $pt); $y += 6;
    $pg->t(20, $y, "$c->{nhs_label} $c->{nhs_p}   $c->{dob_label} $c->{dob_p}", f => $f, pt => $pt); $c->anchor($pg, 'nhs', 20, $y - 3.6, 60, 5); $y += 10;
    $pg->t(20, $y, "Dear $p->{title} $p->{last},", f => $f, pt => $pt); $y += 7;
    my $svc = $sc->{service} =~ /clinic/i ? $sc->{service} : "$sc->{service} clinic";
    $y = $pg->para(20, $y, 170, "An appointment has been made for you to attend the $svc. Please find the details below.", f => $f, pt => $pt) + 3;
    my $appt = O17::Data::add_days($c->{date}, $r->int(10, 40));
    my $as = $c->d($appt, $r->pick('dth Month yyyy', 'd Month yyyy', 'dd/mm/yyyy')); $c->distract('appointment_date', $as);
    my $tm = sprintf('%d:%02d%s', $r->int(9, 11), $r->pick(0, 15, 30, 45), 'am');
    my $top = $y;
    $y = $pg->kv(25, $y + 7, [['Date:', $as], ['Time:', $tm], ['Clinic:', $sc->{service}], ['With:', $c->{cons}{name}],
                              ['Location:', $r->pick('Outpatients Department B, Level 2', 'Main Outpatients, Zone C', 'Day Unit, Ground Floor')]],
                 f => $f, lf => $bf, pt => $pt + 1, lw => 26, lead => 6);
    $pg->rect(20, $top, 170, $y - $top, t => 0.5);
    $y += 7;
    $y = paragraphs($c, $pg, 20, $y, 170, [
        'Please bring a list of your current medicines and arrive 15 minutes before your appointment time. If you are unable to attend, please telephone us as soon as possible so that the appointment can be offered to another patient.',
        'Car parking is limited; please allow extra time. Pay and display charges apply.' ], f => $f, pt => $pt);
    $pg->t(20, $y + 2, 'Yours sincerely', f => $f, pt => $pt);
    $pg->t(20, $y + 14, 'Appointments Team', f => $bf, pt => $pt);
    $c->footer($pg, "Reference: $bref. Our privacy notice explains how we use your information.", f => $f, pt => 7.5);
}
sub continuation_entries {
    my ($c, $n) = @_;
    my $r = $c->r; my $p = $c->{pat}; my $sc = $c->{scen};
    my @pool = (
        "Ward round. Pt comfortable overnight, eating and drinking. Obs stable, afebrile. Abdo soft, mildly tender. Plan: continue current abx, repeat bloods in the morning.",
        "Seen in clinic re " . O17::Ctx::lct($sc->{title}) . ". Symptoms improving. Bloods reviewed, Hb " . $c->{vals}{hb} . ". Discussed options with pt and daughter. Plan: CT as planned, r/v with result.",
        "Called to see pt - c/o chest tightness. ECG sinus rhythm, no acute changes. Trop sent. BP " . $c->{vals}{bp} . ". Reassured. Plan: repeat ECG if further pain.",
        "Telephone call from GP. Concerned re weight loss. Agreed to expedite scan. Pt informed by phone.",
        "Reviewed on ward. Mobilising with frame, physio input ongoing. Awaiting OT assessment before discharge. TTOs requested.",
        "Nursing note: pt settled, pain score 2/10 after paracetamol. Skin intact. Family visited.",
        "MDT discussion: results reviewed. For surgical opinion. Pt to be seen in clinic in 2/52.",
        "Discharge planning meeting. Package of care restarted from Monday. GP letter done.");
    return (map { $pool[$_] } $r->sample($n, 0 .. $#pool));
}
sub continuation_sheet {
    my ($c, %o) = @_;
    my $r = $c->r; my $p = $c->{pat};
    my $np = scalar @{ $c->{spec}{pages} };
    my @entries = @{ $o{entries} // [ continuation_entries($c, $o{n_entries} // 4) ] };
    my @hands = @{ $o{hands} // ['klee'] };
    my $hospf = $o{font} // 'clear';
    my $date = $c->{date};
    for my $i (1 .. $np) {
        my $pg = $c->newpage;
        # printed form
        $pg->t(105, 14, $c->{hosp}{trust}, f => $c->bold($hospf), pt => 9, align => 'c');
        $pg->t(105, 21, 'CLINICAL NOTES - CONTINUATION SHEET', f => $c->bold($hospf), pt => 13, align => 'c');
        # addressograph label (printed sticker) at top right; form box at left
        $pg->row(31, [15, 'Ward / Clinic: ' . $c->{scen}{service}, f => $hospf, pt => 8.5]);
        $pg->row(37, [15, "Sheet no. $i", f => $hospf, pt => 8.5]);
        my $lx = 120; my $ly = 27;
        $pg->fill_rect($lx - 1, $ly - 1, 72, 25, g => 238);
        my $lf = $o{label_font} // 'lmono-n';
        my $yy = $ly + 4;
        for my $t (uc($p->{last}) . ", $p->{first}", "$c->{dob_label} $c->{dob_p}", "$c->{nhs_label} $c->{nhs_p}", "HOSP NO: $p->{hosp}", uc(join(', ', @{ $p->{addr} }))) {
            $pg->t($lx + 1.5, $yy, $t, f => $lf, pt => 8); $yy += 4.4;
        }
        $c->anchor($pg, 'nhs', $lx, $ly + 4 + 2 * 4.4 - 3.2, 60, 4.4) if $i == 1;
        $c->distract('hospital_number', $p->{hosp});
        # ruled lines and margin
        my $top = 58;
        $pg->layer('rules', ink => [0.55, 0.7, 0.85]);
        for (my $yl = $top; $yl < 285; $yl += 8.5) { $pg->rule(15, $yl, 195, $yl, t => 0.2, layer => 'rules', g => 0); }
        $pg->rule(38, $top - 8, 38, 285, t => 0.3, layer => 'rules', g => 0);
        $pg->layer('rules2', ink => [0.85, 0.3, 0.3]);
        $pg->rule(38.6, $top - 8, 38.6, 285, t => 0.2, layer => 'rules2', g => 0);
        $pg->row($top - 2, [16, 'Date / time', f => $hospf, pt => 7.5], [40, 'Notes (sign and print name after each entry)', f => $hospf, pt => 7.5]);
        # handwritten entries (the body text of this document: in the ground truth)
        $pg->layer('pen', ink => $o{ink} // [0.08, 0.1, 0.35], kind => 'overlay');
        my $yl = $top + 8.5 - 1.6;
        my $per = int(@entries / $np + 0.999);
        my @mine = splice(@entries, 0, $per);
        for my $e (@mine) {
            my $hf = $r->pick(@hands);
            my $d = $c->d($date, $r->pick('dd/mm/yy', 'd/m/yy', 'dd.mm.yy'));
            $c->distract('entry_date', $d);
            my $tm = sprintf('%02d:%02d', $r->int(8, 20), $r->int(0, 59));
            my $et = $hf =~ /^hand-/ ? uc $e : $e;
            my @lines = $pg->wrap(148, $et, $hf, 12.5);
            $pg->{flags}{handbody} = 1;
            for my $k (0 .. $#lines) {
                my $pre = $k == 0 ? $d : $k == 1 ? $tm : '';
                $pg->hand(16, $yl, $pre, f => $hf, pt => 12, layer => 'pen', norecord => 1) if length $pre;
                $pg->hand(41, $yl, $lines[$k], f => $hf, pt => 12.5, layer => 'pen', norecord => 1, js => 0.06, ja => 3.5);
                $pg->gt(length $pre ? "$pre $lines[$k]" : $lines[$k]);
                $yl += 8.5;
                last if $yl > 278;
            }
            if (@lines == 1) { $pg->hand(16, $yl, $tm, f => $hf, pt => 12, layer => 'pen', gt => 1); $yl += 8.5; }
            $c->sign($pg, 120, $yl - 2, w => 22);
            my $who = $r->pick('Dr A Khan SpR', 'S/N J Pike', 'Dr M Hollis FY1', 'Sr D Cole');
            $who = uc $who if $hf =~ /^hand-/;
            $pg->hand(150, $yl, $who, f => $hf, pt => 11, layer => 'pen', gt => 1);
            $yl += 8.5 * 2;
            $date = O17::Data::add_days($date, $r->int(0, 2));
            last if $yl > 270;
        }
    }
}
1;
