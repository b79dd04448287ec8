# frozen_string_literal: true
require 'digest'
# Deterministic string-seeded PRNG (SplitMix64) and fictional NHS content.
class Rng
  MASK = 0xFFFF_FFFF_FFFF_FFFF

  def initialize(seed_str)
    @s = Digest::SHA256.digest(seed_str.to_s).unpack1('Q>')
  end

  def next64
    @s = (@s + 0x9E3779B97F4A7C15) & MASK
    z = @s
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^ (z >> 31)
  end

  def f = (next64 >> 11) / 9_007_199_254_740_992.0
  def int(a, b) = a + (next64 % (b - a + 1))
  def pick(a) = a[next64 % a.size]
  def chance(p) = f < p
  def range(a, b) = a + (b - a) * f

  def gauss
    u = f
    u = 1e-12 if u < 1e-12
    Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math::PI * f)
  end

  def shuffle(a)
    a = a.dup
    (a.size - 1).downto(1) { |i| j = next64 % (i + 1); a[i], a[j] = a[j], a[i] }
    a
  end

  def sample(a, n) = shuffle(a).first(n)
end

module Fake
  module_function

  MONTHS = %w[January February March April May June July August September October November December].freeze
  FIRST_F = %w[Margaret Joan Dorothy Eileen Patricia Susan Deborah Karen Amanda Rachel Gemma Chloe Aisha Priya Fatima Siobhan
               Bronwen Agnieszka Mary Elsie Irene Brenda Carol Tracey Nicola Hannah Zara Megan Olwen Rosalind Yvonne Ngozi
               Lorna Sheila Gwen Maureen Valerie Anjali Leanne Kirsty].freeze
  FIRST_M = %w[Arthur Kenneth Derek Raymond Graham Malcolm Trevor Stephen Andrew Gareth Darren Wayne Jamal Rajesh Tomasz
               Declan Callum Liam Harold Frank Stanley Norman Colin Keith Barry Nigel Simon Mohammed Oluwaseun Ewan Alistair
               Desmond Clifford Rhys Imran Dennis Gordon Cyril Neville].freeze
  SURNAMES = %w[Ashworth Pemberton Ollerenshaw Fairclough Greenhalgh Blackburn Whitworth Hargreaves Kowalczyk Okonkwo
                Chaudhry Fitzgerald MacLennan Trelawney Penhaligon Entwistle Braithwaite Thistlethwaite Underwood Merriman
                Haworth Sutcliffe Ramsbottom Cartwright Llewellyn Pritchard Gallagher Doherty Nwachukwu Bhattacharya
                Holroyd Stansfield Wainwright Marsden Kershaw Lister Crabtree Ackroyd Birtwistle Cheetham Dunderdale
                Fothergill Gledhill Hebblethwaite Illingworth Jagger Kenyon Lumb Mitchell Nuttall Ormerod Pickles Quarmby
                Rushworth Shackleton Tattersall Uttley Varley Walmsley Yeadon].freeze
  STREETS = %w[Acacia Alder Beacon Bramble Chapel Clough Dale Elm Fern Foundry Garden Hawthorn Heather Holly Juniper Kiln
               Laburnum Larch Mill Moor Orchard Quarry Rowan Sandpiper Spinney Tannery Weaver Willow Wharf Yew].freeze
  STYPES = ['Road', 'Street', 'Lane', 'Avenue', 'Close', 'Crescent', 'Drive', 'Grove', 'Terrace', 'Way', 'Court', 'Gardens'].freeze
  TOWNS = %w[Ashbridge Bramley Carrow Dunmere Eastwick Fallowfield Greyhaven Holmebury Kirkwood Lowthorpe Marshcombe Northam
             Oakhollow Pendlebrook Quenby Redmarsh Stonecastle Thornbury Upperton Wyvernholme].freeze
  COUNTIES = %w[Westshire Northmoor Eastvale Southdown Midfordshire].freeze
  PRACTICES = ['The Willows Surgery', 'Riverside Medical Centre', 'Beacon Hill Practice', 'Market Square Health Centre',
               'Old Mill Surgery', 'Kingsway Family Practice', 'Orchard Lane Medical Practice', 'St Brannoc Health Centre',
               'Holly Tree Surgery', 'Canal Side Medical Group', 'Moorview Practice', 'The Elms Medical Centre'].freeze
  HOSPITALS = ['Greyhaven General Hospital', 'Northam Royal Infirmary', 'Kirkwood District Hospital',
               'St Aldhelm\'s Hospital', 'Marshcombe Community Hospital', 'Pendlebrook University Hospital',
               'Royal Wyvernholme Hospital'].freeze
  TRUSTS = ['Greyhaven Hospitals NHS Foundation Trust', 'Northam and Kirkwood NHS Trust',
            'Pendlebrook Teaching Hospitals NHS Trust', 'Westshire Acute Hospitals NHS Trust'].freeze
  SPECIALTIES = {
    'Cardiology' => %w[palpitations chest_pain breathless],
    'Gastroenterology' => %w[dyspepsia change_in_bowel rectal_bleeding],
    'Dermatology' => %w[pigmented_lesion rash],
    'Orthopaedics' => %w[knee_pain hip_pain],
    'Rheumatology' => %w[joint_swelling],
    'Respiratory Medicine' => %w[cough breathless],
    'Neurology' => %w[headache tremor],
    'Urology' => %w[haematuria luts],
    'ENT' => %w[hoarseness hearing],
    'Gynaecology' => %w[pmb menorrhagia],
    'Endocrinology' => %w[thyroid],
    'General Surgery' => %w[hernia breast_lump],
    'Ophthalmology' => %w[vision]
  }.freeze

  def nhs_number(r)
    loop do
      d = [9, 9, 9] + Array.new(6) { r.int(0, 9) }
      s = d.each_with_index.sum { |v, i| v * (10 - i) }
      c = 11 - (s % 11)
      c = 0 if c == 11
      next if c == 10
      return (d + [c]).join
    end
  end

  def valid_nhs?(n)
    return false unless n =~ /\A\d{10}\z/
    d = n.chars.map(&:to_i)
    c = 11 - (d[0, 9].each_with_index.sum { |v, i| v * (10 - i) } % 11)
    c = 0 if c == 11
    c != 10 && c == d[9]
  end

  def nhs_fmt(n, style)
    case style
    when :spaced then "#{n[0, 3]} #{n[3, 3]} #{n[6, 4]}"
    when :dashed then "#{n[0, 3]}-#{n[3, 3]}-#{n[6, 4]}"
    else n
    end
  end

  Date = Struct.new(:y, :m, :d) do
    def iso = format('%04d-%02d-%02d', y, m, d)
    def to_i = y * 10_000 + m * 100 + d
  end

  def mdays(y, m)
    return 29 if m == 2 && (y % 4).zero? && ((y % 100) != 0 || (y % 400).zero?)
    [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
  end

  def date(r, y0, y1)
    y = r.int(y0, y1); m = r.int(1, 12)
    Date.new(y, m, r.int(1, mdays(y, m)))
  end

  def add_days(dt, n)
    y, m, d = dt.y, dt.m, dt.d + n
    while d > mdays(y, m)
      d -= mdays(y, m); m += 1
      (m = 1; y += 1) if m > 12
    end
    Date.new(y, m, d)
  end

  def ordinal(n)
    return "#{n}th" if (11..13).cover?(n % 100)
    "#{n}#{{ 1 => 'st', 2 => 'nd', 3 => 'rd' }.fetch(n % 10, 'th')}"
  end

  def date_fmt(dt, style)
    y, m, d = dt.y, dt.m, dt.d
    case style
    when :slash then format('%02d/%02d/%04d', d, m, y)
    when :slash_short then format('%02d/%02d/%02d', d, m, y % 100)
    when :dot_short then format('%02d.%02d.%02d', d, m, y % 100)
    when :dot then format('%02d.%02d.%04d', d, m, y)
    when :dash then format('%02d-%02d-%04d', d, m, y)
    when :long then "#{d} #{MONTHS[m - 1]} #{y}"
    when :long_ord then "#{ordinal(d)} #{MONTHS[m - 1]} #{y}"
    when :abbr then format('%02d-%s-%04d', d, MONTHS[m - 1][0, 3], y)
    when :abbr_sp then "#{d} #{MONTHS[m - 1][0, 3]} #{y}"
    when :abbr_upper then format('%02d %s %04d', d, MONTHS[m - 1][0, 3].upcase, y)
    when :iso then dt.iso
    when :nospace then format('%02d%s%04d', d, MONTHS[m - 1][0, 3].upcase, y)
    end
  end

  def phone(r) = format('01632 960%03d', r.int(0, 999))

  def postcode(r)
    "ZX#{r.int(1, 29)} #{r.int(1, 9)}#{r.pick(%w[A B D E F G H J L N P Q R S T U W X Y Z])}#{r.pick(%w[A B D E F G H J L N P Q R S T U W X Y Z])}"
  end

  def person(r, sex = nil)
    sex ||= r.chance(0.5) ? :f : :m
    first = r.pick(sex == :f ? FIRST_F : FIRST_M)
    mid = r.chance(0.3) ? r.pick(sex == :f ? FIRST_F : FIRST_M) : nil
    title = sex == :f ? r.pick(%w[Mrs Miss Ms Mrs]) : 'Mr'
    { sex: sex, first: first, middle: mid, last: r.pick(SURNAMES), title: title }
  end

  def address(r)
    lines = ["#{r.int(1, 212)} #{r.pick(STREETS)} #{r.pick(STYPES)}"]
    lines << "#{r.pick(%w[Upper Lower Little Great Nether])} #{r.pick(TOWNS)}" if r.chance(0.35)
    lines << r.pick(TOWNS)
    lines << r.pick(COUNTIES) if r.chance(0.4)
    lines << postcode(r)
    lines
  end

  def doctor(r)
    p = person(r)
    "Dr #{p[:first][0]} #{p[:last]}"
  end

  def hosp_no(r)
    case r.int(0, 3)
    when 0 then "#{r.pick(%w[K G N P])}#{r.int(100_000, 999_999)}"
    when 1 then format('RX%d %06d', r.int(1, 9), r.int(0, 999_999))
    when 2 then format('%08d', r.int(1_000_000, 99_999_999))
    else "#{r.pick(%w[M H])}#{r.int(1_000_000, 9_999_999)}"
    end
  end

  def ubrn(r) = format('%04d %04d %04d', r.int(0, 9999), r.int(0, 9999), r.int(0, 9999))
  def practice_code(r) = format('%s%05d', r.pick(%w[Y Z]), r.int(10_000, 99_999))
  def gmc(r) = r.int(2_000_000, 7_999_999).to_s

  COMPLAINTS = {
    'palpitations' => ['intermittent palpitations for the last %d months', 'episodes last up to %d minutes and are associated with light-headedness',
                       'ECG in surgery showed sinus rhythm with occasional ectopics'],
    'chest_pain' => ['exertional chest tightness on walking uphill for %d weeks', 'pain settles with rest within %d minutes',
                     'no pain at rest and no syncope'],
    'breathless' => ['progressive shortness of breath over %d months', 'now breathless after %d yards on the flat',
                     'ankle swelling noted in the evenings'],
    'dyspepsia' => ['persistent upper abdominal discomfort for %d months despite PPI', 'weight loss of about %d kg',
                    'no dysphagia or vomiting'],
    'change_in_bowel' => ['change in bowel habit to looser stools for %d weeks', 'opening bowels up to %d times daily',
                          'FIT result was positive'],
    'rectal_bleeding' => ['fresh red rectal bleeding on and off for %d weeks', 'mixed with stool on %d occasions',
                          'no family history of bowel cancer'],
    'pigmented_lesion' => ['changing pigmented lesion on the left calf for %d months', 'now about %d mm across with irregular border',
                           'occasionally itches and bled once'],
    'rash' => ['widespread itchy rash for %d weeks', 'not settled with %d weeks of moderate potency steroid',
               'no new medications'],
    'knee_pain' => ['right knee pain for %d months, worse on stairs', 'knee gives way about %d times a week',
                    'X-ray shows moderate medial compartment narrowing'],
    'hip_pain' => ['left hip and groin pain for %d months', 'walking limited to %d minutes', 'sleep disturbed by pain'],
    'joint_swelling' => ['swelling of both hands and wrists for %d weeks', 'early morning stiffness lasting %d minutes',
                         'CRP raised and rheumatoid factor positive'],
    'cough' => ['cough for %d weeks with occasional blood-streaked sputum', 'ex-smoker of %d pack years',
                'chest X-ray requested and reported as abnormal'],
    'headache' => ['new daily headaches for %d weeks', 'worse on waking and on coughing for %d days now',
                   'no focal neurology on examination'],
    'tremor' => ['tremor of the right hand for %d months', 'handwriting has become smaller over %d months',
                 'wife reports he is slower when walking'],
    'haematuria' => ['one episode of painless visible haematuria %d weeks ago', 'dipstick still shows blood %d weeks later',
                     'renal function normal'],
    'luts' => ['lower urinary tract symptoms for %d months', 'nocturia %d times a night', 'PSA mildly raised at repeat testing'],
    'hoarseness' => ['hoarse voice for %d weeks', 'smoker of %d cigarettes a day', 'no neck lumps felt'],
    'hearing' => ['gradual hearing loss in the left ear over %d months', 'tinnitus for %d weeks', 'ears clear on examination'],
    'pmb' => ['postmenopausal bleeding on %d occasions', 'last menstrual period %d years ago', 'not on HRT'],
    'menorrhagia' => ['heavy menstrual bleeding for %d months', 'flooding on %d days each cycle', 'haemoglobin low at 98 g/L'],
    'thyroid' => ['goitre noticed by family %d months ago', 'TSH suppressed on %d occasions', 'some weight loss and tremor'],
    'hernia' => ['reducible right inguinal swelling for %d months', 'aching after lifting, off work %d days',
                 'no symptoms of obstruction'],
    'breast_lump' => ['lump in the left breast noticed %d weeks ago', 'about %d cm, firm and not tender',
                      'no nipple discharge'],
    'vision' => ['gradual blurring of vision in both eyes over %d months', 'difficulty driving at night for %d weeks',
                 'optician reports cataracts']
  }.freeze
  MEDS = ['Amlodipine 5mg once daily', 'Ramipril 2.5mg once daily', 'Atorvastatin 20mg at night', 'Metformin 500mg twice daily',
          'Levothyroxine 75 micrograms daily', 'Omeprazole 20mg once daily', 'Bisoprolol 2.5mg once daily',
          'Aspirin 75mg once daily', 'Salbutamol 100mcg inhaler as required', 'Sertraline 50mg once daily',
          'Paracetamol 1g four times daily as required', 'Lansoprazole 15mg once daily', 'Furosemide 40mg in the morning',
          'Co-codamol 8/500 two tablets as required', 'Simvastatin 40mg at night', 'Indapamide 2.5mg once daily',
          'Apixaban 5mg twice daily', 'Gliclazide 80mg twice daily', 'Citalopram 20mg once daily', 'Naproxen 500mg twice daily'].freeze
  PMH = ['Hypertension', 'Type 2 diabetes', 'Asthma', 'COPD', 'Hypothyroidism', 'Osteoarthritis', 'Atrial fibrillation',
         'Depression', 'Hypercholesterolaemia', 'Gout', 'Previous appendicectomy', 'Hiatus hernia', 'Glaucoma',
         'Chronic kidney disease stage 3', 'Previous DVT', 'Migraine'].freeze
  ALLERGIES = ['No known drug allergies', 'Penicillin - rash', 'NKDA', 'Codeine - vomiting', 'Trimethoprim - rash',
               'Elastoplast', 'No known allergies'].freeze

  def complaint(r, key)
    COMPLAINTS[key].map { |t| t.include?('%d') ? format(t, r.int(2, 9)) : t }
  end

  def cap(s) = s[0].upcase + s[1..]

  def referral_body(r, pt, spec, key, age = nil)
    he = pt[:sex] == :f ? 'she' : 'he'
    his = pt[:sex] == :f ? 'her' : 'his'
    him = pt[:sex] == :f ? 'her' : 'him'
    age ||= r.int(34, 88)
    c = complaint(r, key)
    paras = []
    paras << "Thank you for seeing this #{age} year old #{pt[:sex] == :f ? 'lady' : 'gentleman'} who presents with #{c[0]}. #{cap(c[1])}."
    paras << "#{cap(c[2])}. #{r.pick(["On examination #{he} looked well", "Examination today was unremarkable apart from the above", "#{cap(his)} blood pressure was #{r.int(118, 168)}/#{r.int(68, 98)}"])}. #{r.pick(["I would be grateful for your assessment and further investigation", "I would value your opinion regarding further management", "I have explained the reason for referral and #{he} is happy to be seen", "Please see #{him} in your clinic at your earliest convenience"])}."
    paras << "Current medication: #{r.sample(MEDS, r.int(2, 4)).join(', ')}. Allergies: #{r.pick(ALLERGIES)}." if r.chance(0.55)
    paras << "#{cap(his)} past history includes #{r.sample(PMH, 2).map(&:downcase).join(' and ')}. #{r.pick(['Routine bloods are attached', 'Recent bloods were within normal limits', 'I have enclosed the latest blood results', "#{cap(he)} lives alone and is independent"])}." if r.chance(0.75)
    paras
  end
end
