# frozen_string_literal: true
require_relative 'layout'

PAPER = { a4: [210.0, 297.0], letter: [215.9, 279.4], a5: [148.0, 210.0], dl: [210.0, 99.0] }.freeze
BOLD_OF = { sans: :sans_b, jara: :jara_b, quercus: :quercus_b, babel: :babel_b, amiri: :amiri_b }.freeze

# Per-document context: patient, printed identifier formats, metadata collected while laying out.
class DocCtx
  attr_reader :r, :pt, :meta, :id
  attr_accessor :body, :bold, :size, :ink, :style

  def initialize(id, spec)
    @id = id
    @r = Rng.new("ocr21/#{id}/content")
    @spec = spec
    sex = @r.chance(0.5) ? :f : :m
    p = Fake.person(@r, sex)
    @letter_date = Fake.date(@r, spec[:year0] || 1996, spec[:year1] || 2021)
    dob = Fake.date(@r, @letter_date.y - 92, @letter_date.y - 19)
    @pt = p.merge(dob: dob, nhs: Fake.nhs_number(@r), addr: Fake.address(@r), hosp: Fake.hosp_no(@r), phone: Fake.phone(@r))
    @meta = { nhs_printed: [], dob_printed: [], distractors: [], overlay: [], fonts: [] }
    @body = spec[:font] || :serif
    @bold = BOLD_OF[@body] || @body
    @size = spec[:size] || 10.5
    @ink = spec[:ink] || 255
    @style = spec[:style]
    @gp = Fake.doctor(@r)
    @practice = @r.pick(Fake::PRACTICES)
    @paddr = Fake.address(@r)
    @pphone = Fake.phone(@r)
    @pfax = Fake.phone(@r)
    @pcode = Fake.practice_code(@r)
    spec_keys = Fake::SPECIALTIES.keys
    @specialty = spec[:specialty] || @r.pick(spec_keys)
    @complaint = @r.pick(Fake::SPECIALTIES[@specialty])
    @consultant = Fake.doctor(@r)
    @hospital = @r.pick(Fake::HOSPITALS)
    @trust = @r.pick(Fake::TRUSTS)
    @haddr = Fake.address(@r)
  end

  def bold_style = (@bold == @body ? :bold : nil)

  def age
    a = @letter_date.y - @pt[:dob].y
    a -= 1 if [@letter_date.m, @letter_date.d].<=>([@pt[:dob].m, @pt[:dob].d]).negative?
    a
  end
  def name_full = "#{@pt[:title]} #{@pt[:first]} #{@pt[:middle] ? "#{@pt[:middle]} " : ''}#{@pt[:last]}"
  def name_short = "#{@pt[:first]} #{@pt[:last]}"
  def name_upper = "#{@pt[:last].upcase}, #{@pt[:first]} (#{@pt[:title]})"

  def nhs(style = nil, label = nil)
    style ||= @r.pick(%i[spaced spaced plain dashed])
    v = Fake.nhs_fmt(@pt[:nhs], style)
    s = label ? "#{label} #{v}" : v
    @meta[:nhs_printed] << s
    s
  end

  def dob(style = nil, label = nil)
    style ||= @r.pick(%i[slash slash long dot_short abbr slash_short long_ord dash abbr_sp])
    v = Fake.date_fmt(@pt[:dob], style)
    s = label ? "#{label} #{v}" : v
    @meta[:dob_printed] << s
    s
  end

  def distract(type, s)
    @meta[:distractors] << { 'type' => type, 'text' => s }
    s
  end

  def date_str(dt, style = nil) = Fake.date_fmt(dt, style || @r.pick(%i[long long_ord slash abbr_sp long]))

  def letter_date_str(style = nil)
    distract('letter_date', date_str(@letter_date, style))
  end

  def page(size = :a4)
    w, h = PAPER[size]
    pb = PageBuilder.new(w, h, Rng.new("ocr21/#{@id}/page#{@meta[:npages] = (@meta[:npages] || 0) + 1}"))
    pb
  end

  # ---------- shared blocks ----------
  def letterhead(pb, y, align: :center, logo: nil, big: 15)
    x = align == :center ? pb.wmm / 2 : (align == :right ? pb.wmm - 18 : 18)
    if logo == :lozenge
      draw_lozenge(pb, pb.wmm - 48, y - 9, 30, 12)
    elsif logo == :tree
      draw_tree_logo(pb, 18, y - 10, 18)
      x += 22 if align == :left
    end
    pb.text(x, y, @practice, @bold, big, align: align, style: bold_style)
    y += big * PT * 0.9 + 1.5
    pb.text(x, y, @paddr[0..-2].join(', '), @body, 9, align: align)
    y += 4.2
    pb.text(x, y, @paddr[-1], @body, 9, align: align)
    y += 4.2
    pb.text(x, y, "Tel: #{distract('phone', @pphone)}   Fax: #{distract('fax', @pfax)}", @body, 9, align: align)
    y + 6
  end

  def draw_lozenge(pb, x, y, w, h, halftone: nil)
    poly = [[x + 2, y], [x + w, y], [x + w - 2, y + h], [x, y + h]]
    if halftone
      pb.halftone([poly], halftone, 85)
    else
      pb.fill([poly])
    end
  end

  def draw_tree_logo(pb, x, y, s)
    pb.stroke([[x + s / 2, y + s], [x + s / 2, y + s * 0.45]], s * 0.08)
    pb.fill([Geo.circle(x + s / 2, y + s * 0.35, s * 0.3, 32)])
    pb.fill([Geo.circle(x + s * 0.25, y + s * 0.5, s * 0.18, 24)])
    pb.fill([Geo.circle(x + s * 0.75, y + s * 0.5, s * 0.18, 24)])
  end

  def draw_wave_logo(pb, x, y, w, h, tint: 0.45, lpi: 85)
    pts = (0..40).map { |i| [x + w * i / 40.0, y + h * 0.5 + Math.sin(i / 40.0 * 2 * Math::PI) * h * 0.3] }
    poly = pts + [[x + w, y + h], [x, y + h]]
    pb.halftone([poly], tint, lpi)
    pb.stroke(pts, 0.6)
  end

  def recipient(pb, x, y, lines, size = nil)
    lines.each do |l|
      pb.text(x, y, l, @body, size || @size)
      y += (size || @size) * PT * 1.25
    end
    y
  end

  def hospital_recipient
    ["#{@consultant}", "Consultant, #{@specialty}", @hospital] + @haddr[0..-2] + [@haddr[-1]]
  end

  def body_paras(pb, x, y, width, paras, justify: false, lead: nil, size: nil, gap: 2.2)
    size ||= @size
    paras.each do |p|
      y = pb.para(x, y, width, p, @body, size, justify: justify, ink: @ink, style: @style, lead: lead)
      y += gap
    end
    y
  end

  def signoff(pb, x, y, name: @gp, role: 'General Practitioner', sig: true)
    pb.text(x, y, @r.pick(['Yours sincerely', 'Yours sincerely,', 'Kind regards', 'With best wishes', 'Yours faithfully']), @body, @size, style: @style, ink: @ink)
    y += 6
    add_signature(pb, x + 2, y, name) if sig
    y += 11
    pb.text(x, y, name, @body, @size, style: @style, ink: @ink)
    y += @size * PT * 1.3
    pb.text(x, y, role, @body, @size - 1, style: @style, ink: @ink)
    y + 6
  end

  def add_signature(pb, x, y, name)
    rgb = @r.pick([[20, 30, 110], [15, 15, 20], [30, 40, 140]])
    pb.layer(rgb, 235) do
      pts = []
      cx = x
      6.times do |i|
        p0 = [cx, y + @r.range(-1.5, 1.5)]
        p3 = [cx + @r.range(4, 9), y + @r.range(-2, 2)]
        p1 = [p0[0] + @r.range(-2, 5), p0[1] - @r.range(2, 6)]
        p2 = [p3[0] + @r.range(-5, 2), p3[1] + @r.range(2, 6)]
        pts.concat(Geo.cubic_points(p0, p1, p2, p3, 12)[i.zero? ? 0..-1 : 1..-1])
        cx = p3[0]
      end
      pb.stroke(pts, 0.45)
      pb.stroke([[x - 1, y + 4], [cx + 3, y + 2.5]], 0.35) if @r.chance(0.5)
    end
    @meta[:overlay] << "[signature of #{name}]"
  end

  def footer(pb, text, size: 7.5, y: nil)
    y ||= pb.hmm - 10
    pb.text(pb.wmm / 2, y, text, @body == :mono ? :mono : (@r.chance(0.5) ? @body : :sans), size, align: :center, ink: @ink)
  end

  def re_line(pb, x, y, style)
    case style
    when 0
      pb.text(x, y, "Re: #{name_full}, #{dob(nil, 'DOB')}, #{nhs(nil, 'NHS No:')}", @bold, @size, style: bold_style)
      y + @size * PT * 1.5
    when 1
      pb.text(x, y, "RE: #{name_full.upcase}", @bold, @size, style: bold_style)
      y += @size * PT * 1.3
      pb.text(x, y, "#{dob(nil, 'Date of Birth:')}    #{nhs(nil, 'NHS Number:')}", @body, @size)
      y += @size * PT * 1.3
      pb.text(x, y, @pt[:addr].join(', '), @body, @size)
      y + @size * PT * 1.6
    else
      pb.text(x, y, "Patient: #{name_full}", @bold, @size, style: bold_style)
      y += @size * PT * 1.3
      pb.text(x, y, dob(nil, 'D.O.B.'), @body, @size)
      y += @size * PT * 1.3
      pb.text(x, y, nhs(nil, 'NHS no.'), @body, @size)
      y += @size * PT * 1.3
      pb.text(x, y, "Hospital No: #{distract('hospital_number', @pt[:hosp])}", @body, @size)
      y + @size * PT * 1.6
    end
  end

  def check_fit(pb, y)
    raise "#{@id}: page overflow (#{y.round(1)} > #{pb.hmm - 12})" if y > pb.hmm - 12
  end

  # demographics box: two columns of Label: value pairs
  def demo_box(pb, x, y, w, pairs_l, pairs_r, size = 8.5)
    lead = size * PT * 1.45
    n = [pairs_l.size, pairs_r.size].max
    h = n * lead + 5
    pb.rect(x, y, w, h, 0.3)
    yy = y + 4 + size * PT * 0.7
    pairs_l.each { |l, v| pb.text(x + 2.5, yy, "#{l}: #{v}", @body, size); yy += lead }
    yy = y + 4 + size * PT * 0.7
    pairs_r.each { |l, v| pb.text(x + w / 2 + 1.5, yy, "#{l}: #{v}", @body, size); yy += lead }
    y + h
  end

  # ---------- document kinds ----------
  def referral_dictated(opts = {})
    pb = page(opts[:paper] || :a4)
    y = letterhead(pb, 22, align: opts[:lh_align] || :center, logo: opts[:logo])
    pb.line(18, y - 2, pb.wmm - 18, y - 2, 0.3)
    y += 6
    y = recipient(pb, 20, y, hospital_recipient)
    y += 5
    pb.text(pb.wmm - 20, y, letter_date_str, @body, @size, align: :right)
    y += 9
    pb.text(20, y, "Dear #{@consultant.sub(/^Dr \w /, 'Dr ')},", @body, @size, style: @style, ink: @ink)
    y += 8
    y = re_line(pb, 20, y, opts[:re] || @r.int(0, 2))
    y = body_paras(pb, 20, y, pb.wmm - 40, Fake.referral_body(@r, @pt, @specialty, @complaint, age), justify: opts[:justify])
    y = signoff(pb, 20, y + 2)
    check_fit(pb, y)
    footer(pb, "Practice code #{distract('practice_code', @pcode)} - #{@practice} - please quote NHS number on all correspondence") if opts[:footer] != false
    [pb]
  end

  def referral_ers(opts = {})
    pb = page
    # header band
    pb.fill_rect(15, 12, 180, 14, ink: 60) unless opts[:no_band]
    pb.text(20, 21.5, 'NHS e-Referral Service', :sans_b, 14)
    pb.text(190, 21.5, 'Referral Letter', :sans, 11, align: :right)
    y = 36
    ubrn = Fake.ubrn(@r)
    rows = [['UBRN', distract('ubrn', ubrn)], ['Priority', @r.pick(%w[Routine Urgent Routine])],
            ['Specialty', @specialty], ['Clinic Type', "#{@specialty} - General"],
            ['Referral Date', distract('referral_date', Fake.date_fmt(@letter_date, :abbr))],
            ['Service', "#{@specialty} Outpatients - #{@hospital}"]]
    y = kv_table(pb, 15, y, 180, rows, 45, 9)
    y += 6
    pb.text(15, y, 'Patient Details', :sans_b, 10.5)
    y += 3
    prow = [['Name', name_upper], ['Date of Birth', dob(:abbr)], ['NHS Number', nhs(:spaced)],
            ['Gender', @pt[:sex] == :f ? 'Female' : 'Male'], ['Address', @pt[:addr].join(', ')],
            ['Telephone', distract('phone', @pt[:phone])]]
    @meta[:nhs_printed][-1] = "NHS Number #{@meta[:nhs_printed][-1]}"
    @meta[:dob_printed][-1] = "Date of Birth #{@meta[:dob_printed][-1]}"
    y = kv_table(pb, 15, y, 180, prow, 45, 9)
    y += 6
    pb.text(15, y, 'Referrer Details', :sans_b, 10.5)
    y += 3
    y = kv_table(pb, 15, y, 180, [['Referrer', @gp], ['Organisation', "#{@practice} (#{distract('practice_code', @pcode)})"]], 45, 9)
    y += 8
    pb.text(15, y, 'Referral Letter', :sans_b, 10.5)
    y += 7
    y = body_paras(pb, 15, y, 180, Fake.referral_body(@r, @pt, @specialty, @complaint, age), size: 9.5)
    y = signoff(pb, 15, y + 1, sig: false)
    check_fit(pb, y)
    footer(pb, "Printed from NHS e-Referral Service. UBRN #{ubrn}. Page 1 of 1", size: 7)
    [pb]
  end

  def kv_table(pb, x, y, w, rows, lw, size, border: true)
    rh = size * PT * 1.9
    rows.each do |l, v|
      pb.rect(x, y, w, rh, 0.2) if border
      pb.line(x + lw, y, x + lw, y + rh, 0.2) if border
      pb.fill_rect(x, y, lw, rh, ink: 30) if border
      bl = y + rh * 0.68
      pb.row(bl, [[x + 2, l, :sans_b, size], [x + lw + 2, v, :sans, size]])
      y += rh
    end
    y
  end

  def referral_tickbox(opts = {})
    pb = page
    sites = {
      'Lower Gastrointestinal' => ['General Surgery', 'rectal_bleeding', ['Age 40 and over with unexplained weight loss and abdominal pain', 'Age 50 and over with unexplained rectal bleeding', 'Age 60 and over with iron deficiency anaemia', 'Age 60 and over with changes in bowel habit', 'Positive faecal immunochemical test (FIT)', 'Rectal or abdominal mass', 'Unexplained anal mass or ulceration']],
      'Breast' => ['General Surgery', 'breast_lump', ['Age 30 and over with an unexplained breast lump', 'Age 50 and over with nipple discharge, retraction or other concerning change', 'Skin changes suggestive of breast cancer', 'Age 30 and over with an unexplained lump in the axilla', 'Previous breast cancer with new symptoms']],
      'Skin' => ['Dermatology', 'pigmented_lesion', ['Suspicious pigmented skin lesion with weighted checklist score of 3 or more', 'Dermoscopy suggests melanoma', 'Skin lesion that raises concern of squamous cell carcinoma', 'Non-healing lesion for more than 6 weeks', 'Lesion has changed in size, shape or colour']],
      'Urological' => ['Urology', 'haematuria', ['Age 45 and over with unexplained visible haematuria', 'Age 60 and over with non-visible haematuria and dysuria or raised WCC', 'Raised PSA for age', 'Prostate feels malignant on rectal examination', 'Unexplained testicular swelling']],
      'Head and Neck' => ['ENT', 'hoarseness', ['Age 45 and over with persistent unexplained hoarseness', 'Unexplained lump in the neck', 'Ulceration of the oral cavity lasting more than 3 weeks', 'Persistent unexplained lump in the salivary gland', 'Red or red and white patch in the oral cavity']],
      'Lung' => ['Respiratory Medicine', 'cough', ['Chest X-ray findings that suggest lung cancer', 'Age 40 and over with unexplained haemoptysis', 'Persistent or recurrent chest infection', 'Finger clubbing', 'Supraclavicular or persistent cervical lymphadenopathy']]
    }
    site = @r.pick(sites.keys)
    @specialty, @complaint, crit = sites[site]
    crit += ['Other - please give details below']
    pb.text(105, 18, "SUSPECTED CANCER REFERRAL - #{site.upcase}", :sans_b, 13, align: :center)
    pb.text(105, 24.5, 'Two Week Wait - please complete all sections and send within 24 hours', :sans, 9, align: :center)
    y = 31
    # patient details grid (cells)
    pb.rect(15, y, 180, 33, 0.35)
    pb.line(105, y, 105, y + 33, 0.25)
    yy = y + 6
    left = [['Surname', @pt[:last].upcase], ['Forename', @pt[:first]], ['Date of birth', dob(:slash)],
            ['NHS number', nhs(:plain)]]
    @meta[:nhs_printed][-1] = "NHS number #{@meta[:nhs_printed][-1]}"
    @meta[:dob_printed][-1] = "Date of birth #{@meta[:dob_printed][-1]}"
    left.each { |l, v| pb.row(yy, [[18, l, :sans_b, 9], [50, v, @body, 10]]); yy += 7.5 }
    yy = y + 6
    right = [['Address', @pt[:addr][0]], ['', @pt[:addr][-2]], ['Postcode', @pt[:addr][-1]],
             ['Hospital no', distract('hospital_number', @pt[:hosp])]]
    right.each { |l, v| pb.row(yy, [[108, l, :sans_b, 9], [135, v, @body, 10]]); yy += 7.5 }
    y += 40
    pb.text(15, y, 'Referral criteria (tick all that apply)', :sans_b, 10.5)
    y += 7
    crit.each do |c|
      pb.tickbox(17, y - 3.6, 4.2, @r.chance(0.35), mark: @r.chance(0.5) ? :tick : :cross)
      pb.text(25, y, c, @body, 10)
      y += 7.2
    end
    y += 3
    pb.text(15, y, 'Clinical details', :sans_b, 10.5)
    y += 6
    y = body_paras(pb, 15, y, 180, Fake.referral_body(@r, @pt, @specialty, @complaint, age)[0, 2], size: 9.5)
    y += 2
    pb.text(15, y, 'Performance status (WHO)', :sans_b, 9.5)
    x = 70
    (0..4).each { |k| pb.tickbox(x, y - 3.5, 4, k == 1); pb.draw(x + 5.5, y, k.to_s, :sans, 9.5); x += 14 }
    pb.gt_line('Performance status (WHO) 0 1 2 3 4')
    pb.gt.delete_at(-2)
    y += 9
    pb.text(15, y, "Referring GP: #{@gp}", @body, 9.5)
    pb.text(15, y + 6, "Date of decision to refer: #{distract('referral_date', Fake.date_fmt(@letter_date, :slash))}", @body, 9.5)
    pb.text(110, y, "Practice: #{@practice}", @body, 9.5)
    pb.text(110, y + 6, "Tel: #{distract('phone', @pphone)}", @body, 9.5)
    y += 6
    check_fit(pb, y)
    footer(pb, "Version 4.2 - Cancer Alliance referral form - fax completed form to #{distract('fax', Fake.phone(@r))}", size: 7)
    [pb]
  end

  def referral_soap(opts = {})
    pb = page(opts[:paper] || :a4)
    y = letterhead(pb, 20, align: :left, logo: opts[:logo], big: 13)
    pb.line(18, y - 2, pb.wmm - 18, y - 2, 0.5)
    y += 5
    pb.text(18, y, "Consultation summary - #{distract('consultation_date', Fake.date_fmt(@letter_date, :slash))}", @bold, 11.5, style: bold_style)
    y += 8
    pb.text(18, y, "#{name_full}   #{dob(nil, 'DOB:')}   #{nhs(nil, 'NHS:')}", @body, @size)
    y += 9
    c = Fake.complaint(@r, @complaint)
    secs = [['S', "#{Fake.cap(c[0])}. #{Fake.cap(c[1])}. #{@r.pick(['No red flag symptoms otherwise', 'Worried about cancer', 'Symptoms affecting work'])}."],
            ['O', "#{Fake.cap(c[2])}. BP #{@r.int(110, 170)}/#{@r.int(60, 100)}, pulse #{@r.int(55, 104)}, temp #{@r.int(363, 378) / 10.0}. BMI #{@r.int(19, 38)}."],
            ['A', "#{@r.pick(['Possible', 'Likely', 'Query'])} #{@complaint.tr('_', ' ')} - needs specialist assessment."],
            ['P', "Refer to #{@specialty} #{@r.pick(['routinely', 'urgently', 'via e-RS'])}. Bloods today. Safety-netting advice given. Review in #{@r.int(2, 6)} weeks."]]
    secs.each do |k, t|
      lines = pb.wrap(t, @body, @size, pb.wmm - 46)
      pb.row(y, [[18, "#{k}:", @bold, @size + 1, { style: bold_style }], [28, lines[0], @body, @size, { ink: @ink, style: @style }]])
      y += @size * PT * 1.3
      lines[1..].each { |ln| pb.text(28, y, ln, @body, @size, ink: @ink, style: @style); y += @size * PT * 1.3 }
      y += 2.5
    end
    y += 3
    pb.text(18, y, "Medication: #{@r.sample(Fake::MEDS, 2).join('; ')}", @body, @size - 0.5)
    y += 6
    pb.text(18, y, "Allergies: #{@r.pick(Fake::ALLERGIES)}", @body, @size - 0.5)
    y += 10
    y = signoff(pb, 18, y)
    check_fit(pb, y)
    [pb]
  end

  def referral_emis(opts = {})
    pb = page(opts[:paper] || :a4)
    f = opts[:font] || :mono_sans
    sz = opts[:fsize] || 9
    lead = sz * PT * 1.45
    y = 16
    pb.text(15, y, "EMIS Web - Referral Letter", f, sz + 2, style: opts[:dots] ? :dots : nil)
    y += lead * 1.6
    pb.text(15, y, "#{@practice}, #{@paddr[-2]}, #{@paddr[-1]}", f, sz)
    y += lead
    pb.text(15, y, "Tel #{distract('phone', @pphone)}  Practice #{distract('practice_code', @pcode)}", f, sz)
    y += lead * 1.5
    pb.line(15, y - lead * 0.7, 195, y - lead * 0.7, 0.3)
    pb.text(15, y, 'Patient Details', f, sz + 1)
    y += lead * 1.2
    pairs = [['Name', name_upper], ['Date of Birth', dob(:abbr)], ['NHS Number', nhs(:spaced)], ['Gender', @pt[:sex] == :f ? 'Female' : 'Male'],
             ['Address', @pt[:addr].join(', ')], ['Home Tel', distract('phone', @pt[:phone])], ['Usual GP', @gp]]
    @meta[:nhs_printed][-1] = "NHS Number: #{@meta[:nhs_printed][-1]}"
    @meta[:dob_printed][-1] = "Date of Birth: #{@meta[:dob_printed][-1]}"
    pairs.each { |l, v| pb.row(y, [[15, "#{l}:", f, sz], [55, v, f, sz]]); y += lead }
    y += lead * 0.6
    pb.line(15, y - lead * 0.7, 195, y - lead * 0.7, 0.3)
    pb.text(15, y, "Referral to: #{@specialty}, #{@hospital}", f, sz)
    y += lead * 1.5
    y = pb.para(15, y, 178, Fake.referral_body(@r, @pt, @specialty, @complaint, age).join(' '), f, sz, lead: lead) + lead * 0.4
    pb.text(15, y, 'Active Problems', f, sz + 1)
    y += lead
    @r.sample(Fake::PMH, 3).each { |p| pb.row(y, [[15, Fake.date_fmt(Fake.date(@r, 1985, @letter_date.y), :abbr), f, sz], [45, p, f, sz]]); y += lead }
    y += lead * 0.4
    pb.text(15, y, 'Current Medication', f, sz + 1)
    y += lead
    @r.sample(Fake::MEDS, 3).each { |m| pb.text(15, y, m, f, sz); y += lead }
    y += lead * 0.4
    pb.text(15, y, "Allergies: #{@r.pick(Fake::ALLERGIES)}", f, sz)
    y += lead * 2
    pb.text(15, y, "Referring clinician: #{@gp}   Date: #{letter_date_str(:abbr)}", f, sz)
    check_fit(pb, y)
    footer(pb, "Printed #{Fake.date_fmt(@letter_date, :slash)} by EMIS Web. Confidential patient information.", size: 7, y: pb.hmm - 9)
    [pb]
  end

  def referral_systmone(opts = {})
    pb = page
    f = :dotum
    y = 15
    pb.text(15, y, "#{@practice}", :sans_b, 12)
    pb.text(195, y, 'SystmOne', :sans, 9, align: :right)
    y += 7
    # demographics band
    pb.fill_rect(15, y, 180, 17, ink: 35)
    pb.rect(15, y, 180, 17, 0.3)
    pb.text(18, y + 6, name_upper, :sans_b, 10)
    pb.text(18, y + 13, nhs(:spaced, 'NHS No.'), f, 9.5)
    pb.text(110, y + 6, dob(:abbr_sp, 'Born'), f, 9.5)
    pb.text(110, y + 13, "Tel #{distract('phone', @pt[:phone])}", f, 9.5)
    y += 26
    pb.text(15, y, "Letter to #{@consultant}, #{@specialty}, #{@hospital}", f, 9.5)
    y += 8
    pb.row(y, [[15, 'Date', :sans_b, 9], [42, 'Recorded by', :sans_b, 9], [80, 'Entry', :sans_b, 9]])
    pb.line(15, y + 1.5, 195, y + 1.5, 0.3)
    y += 6.5
    dt = @letter_date
    entries = Fake.referral_body(@r, @pt, @specialty, @complaint, age)
    entries.each_with_index do |e, i|
      d = Fake.date_fmt(Fake.add_days(dt, -7 * (entries.size - i)), :slash)
      distract('entry_date', d)
      lines = pb.wrap(e, f, 9, 113)
      pb.row(y, [[15, d, f, 9], [42, @r.pick([@gp, 'Practice Nurse', 'HCA']), f, 9], [80, lines[0], f, 9]])
      y += 4.6
      lines[1..].each { |l| pb.text(80, y, l, f, 9); y += 4.6 }
      y += 2.5
    end
    y += 3
    pb.text(15, y, 'Repeat templates', :sans_b, 9.5)
    y += 5.5
    @r.sample(Fake::MEDS, 3).each { |m| pb.text(15, y, m, f, 9); y += 4.6 }
    y += 6
    y = signoff(pb, 15, y)
    check_fit(pb, y)
    footer(pb, "Page 1 of 1. Produced from SystmOne for #{@practice}.", size: 7)
    [pb]
  end

  def referral_vision(opts = {})
    pb = page
    f = :babel
    y = 16
    pb.text(15, y, "#{@practice} - Vision", :babel_b, 11)
    y += 8
    pb.fill_rect(15, y - 5, 180, 8, ink: 45)
    pb.text(17, y, "#{name_upper}  #{dob(:abbr, 'DOB:')}  #{nhs(:plain, 'NHS:')}", :babel_b, 9.5)
    y += 8
    pb.text(15, y, "#{@pt[:addr].join(', ')}", f, 9.5)
    y += 9
    pb.text(15, y, "Referral: #{@specialty}", :babel_b, 10.5)
    y += 7
    y = body_paras(pb, 15, y, 180, Fake.referral_body(@r, @pt, @specialty, @complaint, age), size: 10)
    y += 2
    pb.text(15, y, 'Significant history', :babel_b, 10)
    y += 6
    @r.sample(Fake::PMH, 3).each { |p| pb.row(y, [[15, Fake.date_fmt(Fake.date(@r, 1980, 2015), :slash), f, 9.5], [45, p, f, 9.5]]); y += 5.2 }
    y += 4
    pb.text(15, y, "Allergies: #{@r.pick(Fake::ALLERGIES)}", f, 9.5)
    y += 10
    y = signoff(pb, 15, y)
    check_fit(pb, y)
    footer(pb, "Vision reference #{distract('reference', "V#{@r.int(100_000, 999_999)}")} - page 1", size: 7.5)
    [pb]
  end

  def referral_terse(opts = {})
    pb = page(opts[:paper] || :a5)
    x = 12
    y = 14
    pb.text(x, y, @practice, @bold, 11, style: bold_style)
    y += 5
    pb.text(x, y, "#{@paddr[-2]} #{@paddr[-1]}  Tel #{distract('phone', @pphone)}", @body, 8)
    y += 9
    pb.text(x, y, "To: #{@specialty} Registrar on call", @body, @size)
    y += 6
    pb.text(x, y, letter_date_str(:slash), @body, @size)
    y += 8
    pb.text(x, y, "Pt: #{name_full}", @body, @size)
    y += 5.5
    pb.text(x, y, "#{dob(nil, 'DOB')}  #{nhs(nil, 'NHS')}", @body, @size)
    y += 9
    c = Fake.complaint(@r, @complaint)
    txt = ["Please see this #{@pt[:sex] == :f ? 'lady' : 'man'} with #{c[0]}.", "#{Fake.cap(c[2])}.", 'Thanks.']
    txt.each { |t| y = pb.para(x, y, pb.wmm - 2 * x, t, @body, @size, ink: @ink, style: @style) + 1 }
    y += 6
    add_signature(pb, x, y, @gp)
    y += 9
    pb.text(x, y, @gp, @body, @size)
    check_fit(pb, y)
    [pb]
  end

  def referral_twopage(opts = {})
    p1 = page
    y = letterhead(p1, 24, align: :right, logo: opts[:logo] || :tree)
    y += 12
    y = recipient(p1, 20, y, hospital_recipient, @size + 0.5)
    y += 10
    p1.text(20, y, "Our ref: #{distract('reference', "#{@gp.split.last[0, 3].upcase}/#{@r.int(1000, 9999)}")}", @body, @size)
    y += 6
    p1.text(20, y, "Date: #{letter_date_str}", @body, @size)
    y += 12
    p1.fill_rect(18, y - 5.5, 174, 16, ink: 28)
    p1.text(21, y, "Patient: #{name_full}", @bold, @size + 0.5, style: bold_style)
    y += 7
    p1.text(21, y, "#{dob(nil, 'Date of Birth:')}     #{nhs(nil, 'NHS No:')}", @body, @size)
    y += 14
    p1.text(20, y, "Dear #{@consultant.sub(/^Dr \w /, 'Dr ')}", @body, @size, style: @style, ink: @ink)
    y += 8
    paras = Fake.referral_body(@r, @pt, @specialty, @complaint, age)
    y = body_paras(p1, 20, y, 170, paras[0, 1], justify: true)
    p1.text(105, p1.hmm - 16, 'continued overleaf', @body, 8.5, align: :center)
    p1.text(105, p1.hmm - 11, 'Page 1 of 2', @body, 7.5, align: :center)
    p2 = page
    y = 18
    p2.text(20, y, "#{name_full} - #{nhs(:spaced, 'NHS No')} - page 2", @body, 8.5)
    y += 12
    y = body_paras(p2, 20, y, 170, paras[1..] + [Fake.referral_body(@r, @pt, @specialty, @complaint, age)[1]], justify: true)
    y += 2
    y = p2.para(20, y, 170, "Current medication: #{@r.sample(Fake::MEDS, 3).join(', ')}.", @body, @size)
    y += 2
    y = p2.para(20, y, 170, "Allergies: #{@r.pick(Fake::ALLERGIES)}.", @body, @size)
    y += 6
    y = signoff(p2, 20, y)
    check_fit(p2, y)
    p2.text(105, p2.hmm - 11, 'Page 2 of 2', @body, 7.5, align: :center)
    [p1, p2]
  end

  def referral_demobox(opts = {})
    pb = page(opts[:paper] || :a4)
    y = letterhead(pb, 20, align: :center, logo: opts[:logo])
    y += 8
    ytop = y
    recipient(pb, 18, y, hospital_recipient, @size)
    pl = [['Surname', @pt[:last]], ['Forename', @pt[:first]], ['DOB', dob(:slash)], ['Sex', @pt[:sex] == :f ? 'F' : 'M']]
    @meta[:dob_printed][-1] = "DOB: #{@meta[:dob_printed][-1]}"
    pr = [['NHS No', nhs(:spaced)], ['Hosp No', distract('hospital_number', @pt[:hosp])], ['Tel', distract('phone', @pt[:phone])],
          ['Postcode', @pt[:addr][-1]]]
    @meta[:nhs_printed][-1] = "NHS No: #{@meta[:nhs_printed][-1]}"
    yb = demo_box(pb, 96, ytop - 4, 100, pl, pr, 8.5)
    y = [y + hospital_recipient.size * @size * PT * 1.25, yb].max + 8
    pb.text(pb.wmm - 18, y, letter_date_str, @body, @size, align: :right)
    y += 9
    pb.text(18, y, "Dear Colleague,", @body, @size, style: @style, ink: @ink)
    y += 8
    y = body_paras(pb, 18, y, pb.wmm - 36, Fake.referral_body(@r, @pt, @specialty, @complaint, age), justify: opts[:justify])
    y = signoff(pb, 18, y + 1)
    check_fit(pb, y)
    [pb]
  end

  def referral_typewriter(opts = {})
    pb = page
    f = :mono
    sz = 11
    lead = sz * PT * 1.5
    x = 25
    y = 22
    pb.text(105, y, @practice.upcase, f, sz + 1, align: :center, style: :typewriter)
    y += lead
    pb.text(105, y, @paddr.join(', '), f, sz - 2, align: :center, style: :typewriter)
    y += lead
    pb.text(105, y, "Telephone #{distract('phone', @pphone)}", f, sz - 2, align: :center, style: :typewriter)
    y += lead * 2
    pb.text(x, y, "Our Ref: #{distract('reference', "#{@r.pick(%w[JM/PT AB/kl DR/sm])}/#{@r.int(10, 999)}")}", f, sz, style: :typewriter)
    y += lead
    pb.text(x, y, letter_date_str(:long_ord), f, sz, style: :typewriter)
    y += lead * 2
    y = recipient_tw(pb, x, y, hospital_recipient, f, sz, lead)
    y += lead
    pb.text(x, y, "Dear #{@consultant.sub(/^Dr \w /, 'Dr ')},", f, sz, style: :typewriter)
    y += lead * 1.5
    re = "Re: #{name_full}, #{dob(:dot_short, 'D.O.B.')}"
    pb.text(x, y, re, f, sz, style: :typewriter)
    pb.line(x, y + 1, x + pb.text_width(re, f, sz), y + 1, 0.25)
    y += lead
    pb.text(x, y, "    #{@pt[:addr][0]}, #{@pt[:addr][-2]}. #{nhs(:plain, 'NHS No.')}", f, sz, style: :typewriter)
    y += lead * 1.5
    Fake.referral_body(@r, @pt, @specialty, @complaint, age).each do |p|
      y = pb.para(x, y, 160, p, f, sz, lead: lead, style: :typewriter, first_indent: 10) + lead * 0.5
    end
    y += lead * 0.5
    pb.text(x, y, 'Yours sincerely,', f, sz, style: :typewriter)
    add_signature(pb, x + 2, y + 9, @gp)
    y += lead * 4
    pb.text(x, y, @gp.upcase, f, sz, style: :typewriter)
    check_fit(pb, y)
    [pb]
  end

  def recipient_tw(pb, x, y, lines, f, sz, lead)
    lines.each { |l| pb.text(x, y, l, f, sz, style: :typewriter); y += lead }
    y
  end

  def referral_dotmatrix(opts = {})
    pb = page(opts[:paper] || :a4)
    f = :mono_sans
    sz = 10
    lead = sz * PT * 1.5
    x = 20
    y = 18
    # tractor feed holes
    if opts[:tractor]
      yy = 8
      while yy < pb.hmm - 5
        pb.stroke(Geo.circle(6.5, yy, 2.0, 24) + [Geo.circle(6.5, yy, 2.0, 24)[0]], 0.2, ink: 120)
        pb.stroke(Geo.circle(pb.wmm - 6.5, yy, 2.0, 24) + [Geo.circle(pb.wmm - 6.5, yy, 2.0, 24)[0]], 0.2, ink: 120)
        yy += 12.7
      end
    end
    pb.text(x, y, "#{@practice.upcase} - GP REFERRAL", f, sz + 1, style: :dots)
    y += lead * 1.5
    lines = [["PATIENT:", name_upper.upcase], ['D.O.B.  :', dob(:slash_short)], ['NHS NO  :', nhs(:plain)],
             ['ADDRESS :', @pt[:addr][0, 2].join(', ').upcase], ['', @pt[:addr][-1]]]
    @meta[:nhs_printed][-1] = "NHS NO : #{@meta[:nhs_printed][-1]}"
    @meta[:dob_printed][-1] = "D.O.B. : #{@meta[:dob_printed][-1]}"
    lines.each { |l, v| pb.row(y, [[x, l, f, sz, { style: :dots }], [x + 30, v, f, sz, { style: :dots }]]); y += lead }
    y += lead * 0.5
    pb.row(y, [[x, 'TO      :', f, sz, { style: :dots }], [x + 30, "#{@specialty.upcase} OPD, #{@hospital.upcase}", f, sz, { style: :dots }]])
    y += lead
    pb.row(y, [[x, 'DATE    :', f, sz, { style: :dots }], [x + 30, letter_date_str(:slash_short), f, sz, { style: :dots }]])
    y += lead * 2
    Fake.referral_body(@r, @pt, @specialty, @complaint, age).each do |p|
      y = pb.para(x, y, 170, p.upcase, f, sz, lead: lead, style: :dots) + lead * 0.5
    end
    y += lead
    pb.text(x, y, "SIGNED: ____________   #{@gp.upcase}", f, sz, style: :dots)
    add_signature(pb, x + 20, y - 2, @gp)
    check_fit(pb, y)
    [pb]
  end

  def referral_headerband(opts = {})
    pb = page(opts[:paper] || :a4)
    y = 16
    draw_wave_logo(pb, 15, 8, 34, 14, tint: 0.5, lpi: opts[:lpi] || 85)
    pb.text(195, y, @practice, @bold, 13, align: :right, style: bold_style)
    y += 5.5
    pb.text(195, y, "#{@paddr[-2]}, #{@paddr[-1]} - #{distract('phone', @pphone)}", @body, 8.5, align: :right)
    y += 9
    pb.fill_rect(15, y, 180, 10, ink: 40)
    pb.row(y + 6.8, [[18, name_full, @bold, 9.5, { style: bold_style }], [88, dob(nil, 'DOB:'), @body, 9.5],
                     [140, nhs(:spaced, 'NHS:'), @body, 9.5]])
    y += 20
    y = recipient(pb, 18, y, hospital_recipient)
    y += 6
    pb.text(18, y, letter_date_str, @body, @size)
    y += 9
    pb.text(18, y, "Dear #{@r.pick(['Doctor', 'Colleague', @consultant.sub(/^Dr \w /, 'Dr ')])},", @body, @size, style: @style, ink: @ink)
    y += 8
    y = body_paras(pb, 18, y, 174, Fake.referral_body(@r, @pt, @specialty, @complaint, age), justify: true)
    y = signoff(pb, 18, y + 1)
    check_fit(pb, y)
    footer(pb, "#{@practice} is part of the #{@r.pick(%w[Northam Kirkwood Greyhaven])} Primary Care Network. Registered practice code #{distract('practice_code', @pcode)}.", size: 7)
    [pb]
  end

  def fax_header(pb, pno, total)
    hdr = "#{@r.pick(['FROM :', 'From:'])} #{@practice.upcase}  FAX NO. : #{distract('fax', @pfax)}  " \
          "#{distract('fax_timestamp', "#{Fake.date_fmt(@letter_date, :abbr_sp)} #{format('%02d:%02d', @r.int(8, 17), @r.int(0, 59))}")}  P#{pno}/#{total}"
    pb.text(8, 6.5, hdr, :mono_sans, 8)
  end

  def compliments_slip(_opts = {})
    pb = page(:dl)
    draw_tree_logo(pb, 14, 10, 16)
    pb.text(36, 19, 'With Compliments', :cursive, 20)
    pb.text(196, 16, @practice, @bold, 11, align: :right, style: bold_style)
    yy = 21
    @paddr.each { |l| pb.text(196, yy, l, @body, 8, align: :right); yy += 3.7 }
    pb.text(196, yy, "Tel #{distract('phone', @pphone)}", @body, 8, align: :right)
    y = 52
    pb.text(14, y, 'Please find enclosed referral for the above patient.', @body, 10)
    y += 6
    pb.text(14, y, "#{name_full}  #{dob(nil, 'DOB')}  #{nhs(nil, 'NHS No')}", @body, 10)
    pb.layer([20, 40, 150], 230, text: "Many thanks - #{@gp.split.last}") do
      pb.draw(30, 80, "Many thanks - #{@gp.split.last}", :hand, 14, style: :hand)
    end
    @meta[:overlay] << "Many thanks - #{@gp.split.last}"
    pb
  end

  # ---------- other document types ----------
  def clinic_letter(opts = {})
    p1 = page(opts[:paper] || :a4)
    draw_lozenge(p1, 160, 10, 32, 13, halftone: opts[:halftone])
    p1.text(195, 30, @trust, @bold, 9.5, align: :right, style: bold_style)
    p1.text(195, 35, @hospital, @body, 9, align: :right)
    p1.text(195, 39.5, "#{@haddr[-2]} #{@haddr[-1]}", @body, 9, align: :right)
    p1.text(195, 44, "Switchboard: #{distract('phone', Fake.phone(@r))}", @body, 9, align: :right)
    y = 58
    y = recipient(p1, 20, y, [@gp, @practice] + @paddr)
    y += 6
    clinic = Fake.add_days(@letter_date, -@r.int(3, 20))
    p1.text(20, y, "Clinic date: #{distract('clinic_date', date_str(clinic, :slash))}", @body, @size)
    y += 5.5
    p1.text(20, y, "Dictated: #{distract('dictated_date', date_str(@letter_date, :slash))}  Typed: #{distract('typed_date', date_str(Fake.add_days(@letter_date, 2), :slash))}", @body, @size - 1)
    y += 9
    y = re_line(p1, 20, y, 2)
    pb = p1
    pb.text(20, y, 'Diagnosis:', @bold, @size, style: bold_style)
    y += 5.5
    ["#{@r.pick(['Probable', 'Confirmed', 'Suspected'])} #{@complaint.tr('_', ' ')}", @r.pick(Fake::PMH)].each { |d| pb.text(26, y, d, @body, @size); y += 5.2 }
    y += 3
    pb.text(20, y, 'Plan:', @bold, @size, style: bold_style)
    y += 5.5
    ["#{@r.pick(['CT scan', 'MRI', 'Ultrasound', 'Endoscopy', 'Echocardiogram'])} requested", "Review in clinic in #{@r.int(3, 12)} months"].each { |d| pb.text(26, y, d, @body, @size); y += 5.2 }
    y += 5
    pb.text(20, y, "Dear #{@gp.sub(/^Dr \w /, 'Dr ')},", @body, @size)
    y += 7
    he = @pt[:sex] == :f ? 'she' : 'he'
    paras = ["I saw #{name_full.sub(/^\w+ /, '').split.first} in the #{@specialty == 'ENT' ? 'ENT' : @specialty.downcase} clinic today. #{Fake.cap(Fake.complaint(@r, @complaint)[0])}. #{Fake.cap(he)} has been #{@r.pick(['reasonably well otherwise', 'struggling at home', 'improving slowly'])}.",
             "On examination #{@r.pick(['there were no worrying features', 'findings were as described in your letter', 'the chest was clear and heart sounds normal'])}. I have arranged further investigations as above and will write again with the results.",
             "I have not made any changes to #{he == 'she' ? 'her' : 'his'} medication. #{@r.pick(['I would be grateful if you could check renal function in two weeks', 'No action is needed from the practice at present', 'Please continue the current treatment'])}."]
    two = opts[:pages] == 2
    y = body_paras(pb, 20, y, 170, two ? paras[0, 1] : paras, justify: opts[:justify])
    if two
      p1.text(105, p1.hmm - 10, 'Page 1 of 2', :sans, 7.5, align: :center)
      pb = page(opts[:paper2] || opts[:paper] || :a4)
      y = 18
      pb.text(20, y, "#{name_full}  #{nhs(nil, 'NHS Number:')}", @body, 9)
      y += 10
      y = body_paras(pb, 20, y, 170, paras[1..], justify: opts[:justify])
    end
    y = signoff(pb, 20, y + 1, name: @consultant, role: "Consultant in #{@specialty}")
    y += 2
    pb.text(20, y, "cc: #{name_full}, #{@pt[:addr][0]}, #{@pt[:addr][-1]}", @body, 8.5)
    check_fit(pb, y)
    pb.text(105, pb.hmm - 10, two ? 'Page 2 of 2' : "#{@hospital} - Outpatient Department", :sans, 7.5, align: :center)
    two ? [p1, pb] : [p1]
  end

  def discharge_summary(opts = {})
    pages = []
    npages = opts[:pages] || 2
    adm = Fake.add_days(@letter_date, -@r.int(3, 15))
    p1 = page
    p1.text(15, 16, 'DISCHARGE SUMMARY', :sans_b, 15)
    p1.text(195, 16, @hospital, :sans, 9, align: :right)
    p1.text(195, 20.5, @trust, :sans, 8, align: :right)
    y = 28
    pl = [['Name', name_full], ['DOB', dob(:slash)], ['NHS Number', nhs(:spaced)], ['Hospital No', distract('hospital_number', @pt[:hosp])]]
    @meta[:dob_printed][-1] = "DOB: #{@meta[:dob_printed][-1]}"
    @meta[:nhs_printed][-1] = "NHS Number: #{@meta[:nhs_printed][-1]}"
    pr = [['Ward', "#{@r.pick(%w[Ash Beech Cedar Elm Rowan])} Ward"], ['Admitted', distract('admission_date', date_str(adm, :slash))],
          ['Discharged', distract('discharge_date', date_str(@letter_date, :slash))], ['Consultant', @consultant]]
    y = demo_box(p1, 15, y, 180, pl, pr, 9)
    y += 8
    p1.text(15, y, "GP: #{@gp}, #{@practice}, #{@paddr[-1]}", @body, 9.5)
    y += 9
    sections = [['Presenting complaint', "#{Fake.cap(Fake.complaint(@r, @complaint)[0])}."],
                ['Diagnosis', "#{@r.pick(['Community acquired pneumonia', 'Exacerbation of COPD', 'Acute kidney injury', 'Cellulitis of left leg', 'Fall with no fracture', 'Urinary tract infection'])}"],
                ['Clinical summary', "Admitted via the emergency department. Treated with intravenous antibiotics and fluids with good response. #{Fake.cap(Fake.complaint(@r, @complaint)[2])}. Mobilising independently by day #{@r.int(2, 6)} and assessed by physiotherapy."],
                ['Investigations', "Hb #{@r.int(95, 150)} g/L, WCC #{@r.int(4, 18)}.#{@r.int(0, 9)}, CRP #{@r.int(5, 250)}, creatinine #{@r.int(60, 190)}. Chest X-ray: #{@r.pick(['right lower zone consolidation', 'no acute changes', 'small effusion'])}."]]
    pb = p1
    sections.each do |h, t|
      pb.text(15, y, h, :sans_b, 10)
      y += 5.5
      y = pb.para(15, y, 180, t, @body, @size) + 3
    end
    y += 2
    pb.text(15, y, 'Medications on discharge', :sans_b, 10)
    y += 6
    hdr = [[15, 'Drug', :sans_b, 9], [80, 'Dose', :sans_b, 9], [110, 'Route', :sans_b, 9], [130, 'Frequency', :sans_b, 9], [165, 'Status', :sans_b, 9]]
    pb.row(y, hdr)
    pb.line(15, y + 1.5, 195, y + 1.5, 0.3)
    y += 6
    meds = @r.sample(Fake::MEDS, npages > 2 ? 7 : 5)
    split_at = npages >= 2 ? 2 : meds.size
    meds.each_with_index do |m, i|
      if i == split_at && npages >= 2
        pb.text(105, pb.hmm - 10, "Page 1 of #{npages}", :sans, 7.5, align: :center)
        pages << pb
        pb = page
        y = 16
        pb.text(15, y, "Discharge summary - #{name_full} - #{nhs(:spaced, 'NHS No')}", :sans, 8.5)
        y += 10
        pb.row(y, hdr)
        pb.line(15, y + 1.5, 195, y + 1.5, 0.3)
        y += 6
      end
      name, dose = m.split(/ (?=\d)/, 2)
      dose ||= ''
      d, freq = dose.split(' ', 2)
      pb.row(y, [[15, name, @body, 9.5], [80, d.to_s, @body, 9.5], [110, m.include?('inhaler') ? 'Inhaled' : 'Oral', @body, 9.5], [130, freq.to_s, @body, 9.5], [165, @r.pick(%w[Continued Continued New Changed]), @body, 9.5]])
      y += 5.5
    end
    y += 5
    pb.text(15, y, 'Follow up', :sans_b, 10)
    y += 5.5
    y = pb.para(15, y, 180, "#{@r.pick(['Outpatient review', 'GP review', 'Telephone follow-up'])} in #{@r.int(2, 8)} weeks. Please repeat bloods in one week and review medication.", @body, @size) + 3
    if npages == 3
      pb.text(105, pb.hmm - 10, "Page 2 of 3", :sans, 7.5, align: :center)
      pages << pb
      pb = page
      y = 16
      pb.text(15, y, "Discharge summary - #{name_full} - #{nhs(:spaced, 'NHS No')}", :sans, 8.5)
      y += 12
      pb.text(15, y, 'Information given to patient', :sans_b, 10)
      y += 6
      y = body_paras(pb, 15, y, 180, ["The diagnosis and treatment were explained to the patient and family. Written advice about the warning signs that should prompt urgent review was given.", "The patient was advised to contact the ward on #{distract('phone', Fake.phone(@r))} with any concerns in the first 48 hours after discharge."])
    end
    y += 4
    pb.text(15, y, "Completed by: Dr #{Fake.person(@r)[:last]}, #{@r.pick(['FY1', 'FY2', 'CT1', 'Registrar'])}  Bleep #{distract('bleep', @r.int(1000, 1999).to_s)}", @body, 9.5)
    check_fit(pb, y)
    pb.text(105, pb.hmm - 10, "Page #{npages} of #{npages}", :sans, 7.5, align: :center)
    pages << pb
    pages
  end

  def lab_result(opts = {})
    pages = []
    pb = page(opts[:paper] || :a4)
    pb.text(15, 16, "#{@hospital.split.first} Pathology Laboratory", :sans_b, 13)
    pb.text(15, 21.5, "Department of #{@r.pick(['Clinical Biochemistry', 'Haematology', 'Blood Sciences'])} - Tel #{distract('phone', Fake.phone(@r))}", :sans, 8.5)
    pb.line(15, 24, pb.wmm - 15, 24, 0.4)
    y = 31
    lab = "#{@r.pick(%w[B H C])}#{@r.int(10, 99)},#{@r.int(1_000_000, 9_999_999)}"
    coll = Fake.add_days(@letter_date, -1)
    rows = [[['Patient', name_upper], ['Lab No', distract('lab_number', lab)]],
            [['DOB', dob(:abbr)], ['Collected', distract('collected_date', "#{date_str(coll, :slash)} #{format('%02d:%02d', @r.int(7, 16), @r.int(0, 59))}")]],
            [['NHS No', nhs(opts[:nhs_style] || :plain)], ['Received', distract('received_date', "#{date_str(@letter_date, :slash)} #{format('%02d:%02d', @r.int(8, 20), @r.int(0, 59))}")]],
            [['Hosp No', distract('hospital_number', @pt[:hosp])], ['Source', @practice]]]
    @meta[:dob_printed][-1] = "DOB #{@meta[:dob_printed][-1]}"
    @meta[:nhs_printed][-1] = "NHS No #{@meta[:nhs_printed][-1]}"
    y0 = y
    rows.each do |(l1, v1), _|
      pb.row(y, [[15, l1, :sans_b, 9], [40, v1, @body, 9.5]])
      y += 5.6
    end
    y = y0
    rows.each do |_, (l2, v2)|
      pb.row(y, [[110, l2, :sans_b, 9], [135, v2, @body, 9.5]])
      y += 5.6
    end
    y += 5
    tests = [['Sodium', 133, 146, 'mmol/L', 0], ['Potassium', 3.5, 5.3, 'mmol/L', 1], ['Urea', 2.5, 7.8, 'mmol/L', 1],
             ['Creatinine', 59, 104, 'umol/L', 0], ['eGFR', 60, 120, 'mL/min/1.73m2', 0], ['Haemoglobin', 130, 180, 'g/L', 0],
             ['White cell count', 4.0, 11.0, 'x10^9/L', 1], ['Platelets', 150, 400, 'x10^9/L', 0], ['CRP', 0, 5, 'mg/L', 0],
             ['TSH', 0.27, 4.2, 'mU/L', 2], ['Free T4', 12, 22, 'pmol/L', 1], ['HbA1c', 20, 41, 'mmol/mol', 0],
             ['ALT', 0, 40, 'U/L', 0], ['Bilirubin', 0, 21, 'umol/L', 0], ['Ferritin', 30, 400, 'ug/L', 0]]
    n = opts[:pages] == 2 ? 15 : 10
    sel = tests.first(n)
    hdr = [[15, 'Test', :sans_b, 9.5], [75, 'Result', :sans_b, 9.5], [100, 'Flag', :sans_b, 9.5], [115, 'Units', :sans_b, 9.5], [150, 'Reference range', :sans_b, 9.5]]
    pb.row(y, hdr)
    pb.line(15, y + 1.8, pb.wmm - 15, y + 1.8, 0.3)
    y += 7
    sel.each_with_index do |(t, lo, hi, u, dp), i|
      if opts[:pages] == 2 && i == 9
        pb.text(pb.wmm / 2, pb.hmm - 10, 'Continued - page 1 of 2', :sans, 7.5, align: :center)
        pages << pb
        pb = page(opts[:paper] || :a4)
        y = 16
        pb.text(15, y, "#{name_upper}  #{dob(:abbr, 'DOB')}  Lab No #{lab}", :sans, 8.5)
        y += 10
        pb.row(y, hdr)
        pb.line(15, y + 1.8, pb.wmm - 15, y + 1.8, 0.3)
        y += 7
      end
      v = lo + (hi - lo) * @r.range(-0.3, 1.3)
      flag = v < lo ? 'L' : (v > hi ? 'H' : '')
      vs = dp.zero? ? v.round.to_s : format("%.#{dp}f", v)
      rng = "#{dp.zero? ? lo.round : lo} - #{dp.zero? ? hi.round : hi}"
      cells = [[15, t, @body, 10], [75, vs, @body, 10, { style: flag.empty? ? nil : :bold }], [100, flag, @body, 10], [115, u, @body, 10], [150, rng, @body, 10]]
      pb.row(y, cells)
      y += 5.8
    end
    y += 6
    y = pb.para(15, y, pb.wmm - 30, "Comment: #{@r.pick(['Results discussed with requesting clinician.', 'Haemolysed sample - potassium may be falsely raised. Please repeat.', 'Please interpret in the clinical context. Repeat if clinically indicated.'])}", @body, 9.5)
    y += 4
    pb.text(15, y, "Authorised by: #{Fake.doctor(@r)}, Consultant Chemical Pathologist", @body, 9)
    check_fit(pb, y)
    pb.text(pb.wmm / 2, pb.hmm - 10, "Report printed by laboratory system. #{opts[:pages] == 2 ? 'Page 2 of 2' : 'End of report'}", :sans, 7.5, align: :center)
    pages << pb
    pages
  end

  def appointment_letter(opts = {})
    pb = page(opts[:paper] || :a4)
    draw_lozenge(pb, pb.wmm - 48, 10, 30, 12)
    pb.text(pb.wmm - 18, 29, @hospital, @bold, 10, align: :right, style: bold_style)
    pb.text(pb.wmm - 18, 33.5, "Appointments: #{distract('phone', Fake.phone(@r))}", @body, 8.5, align: :right)
    y = 46
    y = recipient(pb, 20, y, [name_full] + @pt[:addr], @size)
    y += 6
    pb.text(20, y, "Date: #{letter_date_str(:long)}", @body, @size)
    y += 5.5
    pb.text(20, y, nhs(nil, 'NHS Number:'), @body, @size)
    y += 5.5
    pb.text(20, y, "Hospital Number: #{distract('hospital_number', @pt[:hosp])}", @body, @size)
    if opts[:dob]
      y += 5.5
      pb.text(20, y, dob(nil, 'Date of birth:'), @body, @size)
    end
    y += 10
    pb.text(20, y, "Dear #{@pt[:title]} #{@pt[:last]},", @body, @size)
    y += 8
    y = pb.para(20, y, pb.wmm - 40, "An appointment has been made for you to attend the #{@specialty} outpatient clinic. Please see the details below.", @body, @size) + 3
    appt = Fake.add_days(@letter_date, @r.int(14, 60))
    rows = [['Clinic', "#{@specialty} - #{@consultant}"], ['Date', distract('appointment_date', date_str(appt, :long))],
            ['Time', distract('appointment_time', format('%02d:%02d', @r.int(8, 16), @r.pick([0, 15, 30, 45])))],
            ['Location', "Outpatients #{@r.pick(%w[A B C 2 3])}, #{@hospital}"]]
    pb.rect(20, y - 5, pb.wmm - 40, rows.size * 7 + 3, 0.35)
    rows.each { |l, v| pb.row(y, [[24, l, :sans_b, 10], [55, v, @body, @size]]); y += 7 }
    y += 6
    y = pb.para(20, y, pb.wmm - 40, "If you are unable to attend please telephone the appointments office as soon as possible so that your appointment can be offered to another patient. Please bring a list of your current medications.", @body, @size) + 3
    y = pb.para(20, y, pb.wmm - 40, 'Car parking is limited. Please allow extra time to find a space.', @body, @size) + 6
    pb.text(20, y, 'Yours sincerely', @body, @size)
    y += 12
    pb.text(20, y, 'Outpatient Appointments Team', @body, @size)
    check_fit(pb, y)
    [pb]
  end

  def continuation_sheet(opts = {})
    pages = []
    npages = opts[:pages] || 1
    hand = opts[:hand] || :hand
    ink_rgb = opts[:ink_rgb]
    dt = @letter_date
    npages.times do |pi|
      pb = page
      pb.text(15, 16, 'CONTINUATION SHEET', :sans_b, 13)
      pb.text(15, 21.5, "#{@hospital} - Medical notes", :sans, 8.5)
      # addressograph label
      pb.rect(120, 8, 78, 26, 0.25, ink: 160)
      ly = 13.5
      pb.text(122, ly, name_upper, :mono_sans, 8.5); ly += 4.3
      pb.text(122, ly, dob(:slash, 'DOB'), :mono_sans, 8.5); ly += 4.3
      pb.text(122, ly, nhs(:spaced, 'NHS'), :mono_sans, 8.5); ly += 4.3
      pb.text(122, ly, "MRN #{distract('hospital_number', @pt[:hosp])}", :mono_sans, 8.5); ly += 4.3
      pb.text(122, ly, @pt[:addr][-1], :mono_sans, 8.5)
      # ruled lines and margin
      y = 42
      pb.line(35, 36, 35, pb.hmm - 14, 0.25, ink: 150)
      while y < pb.hmm - 14
        pb.line(12, y, pb.wmm - 12, y, 0.15, ink: 110)
        y += 8
      end
      # handwritten entries sit on the ruled lines
      hand_block = lambda do
        yl = 50
        2.times do
          dt = Fake.add_days(dt, @r.int(0, 2))
          d = Fake.date_fmt(dt, :slash_short)
          distract('entry_date', d)
          first = true
          words = ["#{@r.pick(['WR', 'Ward round', 'Reg review', 'FY1 review'])} - #{@r.pick(['pt comfortable', 'feels better today', 'some pain overnight', 'slept well'])}.",
                   "Obs stable, apyrexial. #{@r.pick(['Chest clear', 'Abdo soft, non-tender', 'Wound clean and dry', 'Calves SNT'])}.",
                   "Bloods: Hb #{@r.int(90, 140)}, CRP #{@r.int(5, 180)}.",
                   "Plan: #{@r.pick(['continue IV abx', 'switch to oral abx', 'mobilise with physio', 'TTO and discharge if stable'])}.",
                   "#{@r.pick(['Discussed with family', 'OT referral', 'Review bloods in am', 'Dietitian to see'])}."]
          words.each do |w|
            pb.wrap(w, hand, 12, pb.wmm - 50).each do |ln|
              if first
                pb.row(yl - 1.2, [[13, d, hand, 11, { style: :hand, ink: 235 }], [38, ln, hand, 12, { style: :hand, ink: 235 }]])
                first = false
              else
                pb.text(38, yl - 1.2, ln, hand, 12, style: :hand, ink: 235)
              end
              yl += 8
            end
          end
          pb.text(38, yl - 1.2, "#{Fake.person(@r)[:first][0]}. #{Fake.person(@r)[:last]} #{@r.pick(%w[FY1 FY2 StR CT2])}", hand, 11, style: :hand, ink: 235)
          yl += 16
        end
      end
      ink_rgb ? pb.coloured(ink_rgb, 240) { hand_block.call } : hand_block.call
      pb.text(105, pb.hmm - 8, "Sheet #{pi + 1}", :sans, 7.5, align: :center)
      pb.meta[:hand_ink] = ink_rgb
      pages << pb
    end
    pages
  end
end
