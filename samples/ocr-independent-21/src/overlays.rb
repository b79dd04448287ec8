# frozen_string_literal: true
# Marks added on top of the printed page: stamps, handwriting, highlighter, stains, staples, holes, bleed-through.
module Marks
  module_function

  INKS = { red: [200, 35, 45], blue: [35, 60, 175], purple: [115, 45, 140], green: [30, 120, 60], black: [25, 25, 30],
           biro: [25, 40, 140] }.freeze

  def pick_box(pb, r, region = nil)
    boxes = pb.line_boxes.select { |b| b[2] - b[0] > 25 }
    boxes = boxes.select { |b| b[1] > region[0] && b[1] < region[1] } if region && boxes.any? { |b| b[1] > region[0] && b[1] < region[1] }
    r.pick(boxes.empty? ? pb.line_boxes : boxes)
  end

  def stamp(ctx, pb, r, kind = :received)
    box = pick_box(pb, r, [pb.hmm * 0.12, pb.hmm * 0.6])
    cx = [[box[0] + (box[2] - box[0]) * r.range(0.3, 0.9), 40].max, pb.wmm - 40].min
    cy = box[1] + r.range(-4, 6)
    ang = r.range(-9, 9)
    col = INKS[r.pick(%i[red blue purple red])]
    dt = Fake.add_days(ctx.instance_variable_get(:@letter_date), r.int(2, 12))
    lines = case kind
            when :received then ['RECEIVED', Fake.date_fmt(dt, :abbr_upper), r.pick(['MEDICAL RECORDS', 'OUTPATIENTS', 'REFERRALS OFFICE'])]
            when :filed then ['FILED', Fake.date_fmt(dt, :abbr_upper)]
            when :scanned then ['SCANNED', Fake.date_fmt(dt, :slash)]
            else ['URGENT']
            end
    ctx.meta[:distractors] << { 'type' => 'stamp_date', 'text' => lines[1], 'overlay' => true } if lines[1]
    w = 52; h = 8 + 6.5 * (lines.size - 1)
    pb.layer(col, r.int(170, 225), text: lines.join(' / ')) do
      pb.with_xf(Affine.rotate(ang, cx, cy)) do
        pb.rect(cx - w / 2, cy - h / 2, w, h, 0.7)
        pb.rect(cx - w / 2 + 1.2, cy - h / 2 + 1.2, w - 2.4, h - 2.4, 0.3) if r.chance(0.5)
        yy = cy - h / 2 + 6.6
        lines.each_with_index do |l, i|
          pb.draw(cx, yy, l, i.zero? ? :sans_b : :mono_sans, i.zero? ? 13 : 9.5, align: :center)
          yy += 6.5
        end
      end
    end
    ctx.meta[:overlay] << lines.join(' / ')
  end

  NOTES = ['Seen - please file', 'Urgent - book within 2/52', 'Triage: routine', 'To see in clinic', 'Bloods OK',
           'Copy to notes', '?2WW - discuss', 'Pt rang - appt changed', 'Please scan', 'Reviewed - no action',
           'Add to waiting list', 'Vetted - routine OPD'].freeze

  def annotation(ctx, pb, r, where: nil)
    note = r.pick(NOTES)
    col = INKS[r.pick(%i[biro blue black red green])]
    where ||= r.pick(%i[margin top over circle])
    font = r.pick(%i[hand hand_i soseki cursive])
    size = r.range(12, 16)
    pb.layer(col, r.int(200, 240), text: nil) do
      case where
      when :circle
        b = pb.line_boxes.find { |bb| bb[4] =~ /NHS/i } || pick_box(pb, r)
        cx = (b[0] + b[2]) / 2; cy = (b[1] + b[3]) / 2
        pts = Geo.ellipse(cx, cy, (b[2] - b[0]) / 2 + 4, (b[3] - b[1]) / 2 + 3, r.range(-0.05, 0.05), 60)
        pb.stroke(pts + pts[0, 5], 0.5)
        note = r.pick(['check NHS no', 'correct', 'new no?', 'verified'])
        pb.with_xf(Affine.rotate(r.range(-6, 3), b[2] + 6, b[1])) { pb.draw([b[2] + 6, pb.wmm - 60].min, b[1] - 2, note, font, 13, style: :hand) }
      when :margin
        x = pb.wmm - 62
        y = r.range(pb.hmm * 0.25, pb.hmm * 0.7)
        pb.with_xf(Affine.rotate(r.range(-12, 8), x, y)) do
          pb.draw(x, y, note, font, size, style: :hand)
          pb.line(x, y + 2, x + pb.text_width(note, font, size), y + 2.6, 0.45) if r.chance(0.5)
        end
      when :top
        x = r.range(70, 110); y = 12
        pb.with_xf(Affine.rotate(r.range(-5, 5), x, y)) do
          pb.draw(x, y, note, font, size, style: :hand)
          pb.draw(x + 5, y + 7, r.pick(['JH', 'AK', 'MP', 'SB', 'RT']), font, size, style: :hand)
        end
      else
        b = pick_box(pb, r, [pb.hmm * 0.3, pb.hmm * 0.8])
        x = b[0] + r.range(10, 60); y = b[1] + r.range(-1, 3)
        pb.with_xf(Affine.rotate(r.range(-8, 8), x, y)) { pb.draw(x, y, note, font, size + 2, style: :hand) }
      end
    end
    ctx.meta[:overlay] << note
  end

  def highlighter(ctx, pb, r, n = 1)
    col = r.pick([[250, 238, 60], [150, 240, 120], [255, 150, 200], [255, 200, 90]])
    boxes = pb.line_boxes.select { |b| b[4] =~ /NHS|DOB|Date of Birth|D\.O\.B|Born|Diagnosis|Plan|Urgent/i }
    boxes = pb.line_boxes if boxes.empty?
    r.sample(boxes, n).each do |b|
      pb.layer(col, r.int(140, 190)) do
        x0 = b[0] - 1; x1 = b[2] + r.range(-10, 2)
        x1 = x0 + 20 if x1 < x0 + 20
        pb.fill([[[x0, b[1] - 0.8], [x1, b[1] - 1.2], [x1 + 0.5, b[3] + 1.0], [x0 + 0.3, b[3] + 0.8]]])
      end
    end
  end

  def coffee(ctx, pb, r)
    cx = r.range(40, pb.wmm - 30); cy = r.range(pb.hmm * 0.3, pb.hmm * 0.9)
    rad = r.range(22, 38)
    n = 90
    ph = Array.new(4) { r.range(0, 6.28) }
    outer = (0...n).map do |i|
      a = 2 * Math::PI * i / n
      rr = rad * (1 + 0.03 * Math.sin(3 * a + ph[0]) + 0.02 * Math.sin(7 * a + ph[1]))
      [cx + rr * Math.cos(a), cy + rr * Math.sin(a) * 0.96]
    end
    inner = outer.map { |x, y| [cx + (x - cx) * 0.94, cy + (y - cy) * 0.94] }.reverse
    col = [150, 100, 55]
    pb.layer(col, r.int(80, 130)) { pb.fill([outer, inner]) }
    pb.layer(col, r.int(14, 26)) { pb.fill([outer]) }
    if r.chance(0.5)
      sx = cx + rad * 1.3; sy = cy - rad * 0.6
      pb.layer(col, 60) { pb.fill([Geo.circle(sx, sy, 2.2, 20)]) }
    end
  end

  def staple(ctx, pb, r)
    x = r.range(8, 16); y = r.range(6, 12)
    ang = r.range(-50, -30)
    pb.with_xf(Affine.rotate(ang, x, y)) do
      pb.fill_rect(x - 6, y - 0.5, 12, 1.0, ink: 140)
      pb.line(x - 6, y + 0.9, x + 6, y + 0.9, 0.4, ink: 60)
      pb.fill_rect(x - 6.3, y - 0.7, 0.9, 1.6, ink: 180)
      pb.fill_rect(x + 5.4, y - 0.7, 0.9, 1.6, ink: 180)
    end
  end

  def punch_holes(ctx, pb, r, lid_dark = true)
    x = r.range(9, 12)
    [-40, 40].each do |dy|
      y = pb.hmm / 2 + dy + r.range(-1, 1)
      pb.fill([Geo.circle(x, y, 3.0, 40)], ink: lid_dark ? 225 : 45)
      pb.stroke(Geo.circle(x + 0.4, y + 0.4, 3.1, 40) + [Geo.circle(x + 0.4, y + 0.4, 3.1, 40)[0]], 0.35, ink: 90)
    end
  end

  def bleed_through(ctx, pb, r, alpha = 40)
    y = r.range(30, 60)
    font = r.pick(%i[serif sans babel])
    while y < pb.hmm - 30
      words = Array.new(r.int(6, 12)) { r.pick(%w[patient clinic review letter results blood pressure follow treatment history referral medication the and of to with for]) }
      pb.draw(22, y, words.join(' '), font, 10.5, ink: alpha, mirror: true)
      y += r.range(5.5, 7.5)
      y += 8 if r.chance(0.15)
    end
  end

  def speckle(ctx, pb, r, n)
    n.times do
      x = r.range(3, pb.wmm - 3); y = r.range(3, pb.hmm - 3)
      pb.fill([Geo.circle(x, y, r.range(0.08, 0.3), 8)], ink: r.int(120, 255))
    end
  end
end
