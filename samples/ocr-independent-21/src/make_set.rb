# frozen_string_literal: true
# Generates the ocr21 evaluation set. Usage: ruby make_set.rb OUTDIR [worker_index worker_count]
require 'json'
require 'digest'
require_relative 'docs'
require_relative 'overlays'
require_relative 'degrade'
require_relative 'png'
require_relative 'jpeg'
require_relative 'tiff'
require_relative 'pdf'
require_relative 'plan'

TINTS = { yellow: [255, 246, 196], pink: [252, 226, 232], blue: [222, 236, 252], green: [226, 246, 226], white: [255, 255, 253],
          buff: [246, 236, 210] }.freeze

$gc = GlyphCache.new

def page_spec_defaults(ps)
  ps = ps.dup
  ps[:deg] ||= []
  ps[:dpi] ||= 300
  ps[:rot] ||= 0
  ps[:skew] ||= 0.0
  ps
end

def add_marks(ctx, pb, ps, r)
  deg = ps[:deg]
  Marks.bleed_through(ctx, pb, r, ps[:bleed_alpha] || 38) if deg.include?(:bleed_through)
  Marks.staple(ctx, pb, r) if deg.include?(:staple)
  Marks.punch_holes(ctx, pb, r, !deg.include?(:white_lid)) if deg.include?(:punch_holes)
  Marks.highlighter(ctx, pb, r, ps[:hl_n] || 1) if deg.include?(:highlighter)
  Marks.coffee(ctx, pb, r) if deg.include?(:coffee_stain)
  Marks.stamp(ctx, pb, r, ps[:stamp_kind] || :received) if deg.include?(:rubber_stamp)
  Marks.annotation(ctx, pb, r, where: ps[:ann_where]) if deg.include?(:handwritten_annotation)
  Marks.annotation(ctx, pb, r, where: :circle) if deg.include?(:circled_nhs_number)
  Marks.speckle(ctx, pb, r, deg.include?(:photocopy_2nd_generation) ? 500 : 160) if deg.include?(:photocopy) || deg.include?(:photocopy_2nd_generation)
end

# returns {kind: :grey|:rgb|:bilevel, w:, h:, data:/planes:/rows:, dpi: [x,y]}
def scan_page(ctx, pb, ps, doc_id, pno, out_kind)
  r = Rng.new("ocr21/#{doc_id}/scan/#{pno}")
  deg = ps[:deg]
  add_marks(ctx, pb, ps, r)
  dpi_x, dpi_y = ps[:dpi].is_a?(Array) ? ps[:dpi] : [ps[:dpi], ps[:dpi]]
  clean = ps[:diff] == :clean
  shift = clean ? [0.0, 0.0] : [r.range(-2.5, 2.5), r.range(-2.0, 2.0)]
  rd = Renderer.new(pb, dpi_x, dpi_y, rot: ps[:rot], skew: ps[:skew], shift: shift, glyph_cache: $gc)
  rd.render
  cv = rd.canvas
  colour = out_kind == :rgb
  Degrade.overlays_grey(cv, rd.overlays) unless colour
  if ps[:skew].abs > 0.05 || shift != [0.0, 0.0]
    lid = deg.include?(:white_lid) ? 238 : r.int(60, 140)
    Degrade.paper_outline(cv, rd.t, pb.wmm, pb.hmm, lid)
  end
  px = dpi_x / 25.4
  Degrade.shadow(cv, r.pick(%i[left top right]), (px * r.range(6, 12)).round, r.range(0.35, 0.65)) if deg.include?(:edge_shadow)
  Degrade.shadow(cv, :vband, (px * r.range(10, 16)).round, r.range(0.35, 0.55), center: (px * r.range(2, 6)).round) if deg.include?(:book_fold_shadow)
  pc1 = deg.include?(:photocopy); pc2 = deg.include?(:photocopy_2nd_generation)
  Degrade.streaks(cv, r, pc2 ? r.int(4, 8) : r.int(1, 3), pc2 ? 0.7 : 0.45) if pc1 || pc2 || deg.include?(:streaks)
  paper = clean ? 253 : 247
  black = clean ? 10 : 20
  gamma = 1.0
  noise = clean ? 1.8 : 4.0
  density = nil
  if pc1
    paper = 240; black = 28; gamma = 0.85; noise = 5.0
    density = Degrade.density_field(r, cv.w, cv.h, 48, 0.72, 1.0)
  end
  if pc2
    paper = 226; black = 40; gamma = 0.75; noise = 7.0
    density = Degrade.density_field(r, cv.w, cv.h, 40, 0.55, 1.0, blotch: 0.03)
  end
  density = Degrade.density_field(r, cv.w, cv.h, 36, 0.5, 0.95, blotch: 0.05) if deg.include?(:toner_loss)
  if deg.include?(:pencil_grey_print)
    black = 95; paper = 244
  end
  paper = r.int(222, 232) if deg.include?(:coloured_paper) && !colour
  noise = ps[:noise] if ps[:noise]
  light = deg.include?(:uneven_lighting) ? Degrade.light_profile(r, cv.w, cv.h, r.range(0.25, 0.4)) : nil
  Degrade.blur(cv, deg.include?(:blur) ? 2 : 1) if deg.include?(:blur) || pc1 || pc2 || (dpi_x >= 300 && !clean && out_kind != :bilevel)
  Degrade.finish(cv, r, paper: paper, black: black, gamma: gamma, noise: noise, light: light, density: density,
                        density_cell: density ? (pc2 ? 40 : 48) : 64)
  res = { w: cv.w, h: cv.h, dpi: [dpi_x, dpi_y] }
  case out_kind
  when :rgb
    tint = TINTS[ps[:paper] || :white]
    planes = Degrade.to_rgb(cv, tint)
    Degrade.overlays_rgb(planes, cv.w, cv.h, rd.overlays)
    res.merge(kind: :rgb, planes: planes)
  when :bilevel
    thr = ps[:threshold] || (paper - (paper - black) * 0.33).round
    rows = Degrade.bilevel(cv, thr, rng: r, salt: clean ? 0 : (cv.w * cv.h / 20_000))
    rows = Degrade.fax_bands(rows, r, cv.w, ps[:fax_bands] || 6) if deg.include?(:fax_banding)
    res.merge(kind: :bilevel, rows: rows)
  else
    res.merge(kind: :grey, data: cv.data)
  end
end

def interleave(planes)
  r, g, b = planes.map(&:bytes)
  Array.new(r.size * 3) { |i| [r, g, b][i % 3][i / 3] }.pack('C*')
end

def palette_quantize(planes, n)
  # palette: 192 tinted greys + 4x4x4 colour cube
  pal = Array.new(192) { |i| v = (i * 255.0 / 191).round; [v, v, v] }
  cube = []
  4.times { |a| 4.times { |b| 4.times { |c| cube << [a * 85, b * 85, c * 85] } } }
  pal += cube
  r, g, b = planes.map(&:bytes)
  idx = Array.new(n)
  i = 0
  while i < n
    rr = r[i]; gg = g[i]; bb = b[i]
    mx = rr > gg ? (rr > bb ? rr : bb) : (gg > bb ? gg : bb)
    mn = rr < gg ? (rr < bb ? rr : bb) : (gg < bb ? gg : bb)
    idx[i] = if mx - mn < 24
               ((rr * 3 + gg * 5 + bb * 2) / 10 * 191 + 127) / 255
             else
               192 + ((rr + 42) / 85) * 16 + ((gg + 42) / 85) * 4 + ((bb + 42) / 85)
             end
    i += 1
  end
  [idx.pack('C*'), pal]
end

def rotate_bilevel_rows_x2(rows)
  rows.flat_map { |r| [r, r] }
end

def write_previews(id, scans)
  Dir.mkdir('/tmp/preview') unless Dir.exist?('/tmp/preview')
  scans.each_with_index do |s, i|
    k = (ENV['PREVIEW'] || '2').to_i
    k = 1 if k < 1
    w = s[:w] / k; h = s[:h] / k
    grey = case s[:kind]
           when :bilevel then s[:rows].map { |r| r.tr('01', "\xFF\x00".b) }.join.b
           when :rgb then s[:planes][1]
           else s[:data]
           end
    out = String.new(encoding: Encoding::BINARY)
    h.times { |y| row = grey.byteslice(y * k * s[:w], s[:w]); out << (k == 1 ? row : row.unpack('C*').each_slice(k).map(&:first).first(w).pack('C*')) }
    PNG.write("/tmp/preview/#{id}_p#{i + 1}.png", w, h, :grey, out, 72)
  end
end

def make_doc(spec, outdir)
  id = spec[:id]
  ctx = DocCtx.new(id, spec)
  pages = []
  spec[:build].each do |kind, opts|
    pgs = ctx.send(kind, opts || {})
    pages.concat(Array(pgs))
  end
  pspecs = spec[:pages].map { |ps| page_spec_defaults(ps) }
  pages.each_with_index do |pb, i|
    pb.line_boxes.each do |b|
      raise "#{id} p#{i + 1}: text outside page: #{b[4][0, 40]} (#{b[0].round(1)}..#{b[2].round(1)} of #{pb.wmm})" if b[0] < 3 || b[2] > pb.wmm - 4 || b[3] > pb.hmm - 3
    end
  end
  raise "#{id}: #{pages.size} pages built, #{pspecs.size} specified" unless pages.size == pspecs.size
  # fax header goes first in reading order
  pages.each_with_index do |pb, i|
    next unless pspecs[i][:deg].include?(:fax_header)
    ctx.fax_header(pb, i + 1, pages.size)
    pb.gt.unshift(pb.gt.pop)
  end
  gt_pages = pages.map { |pb| pb.gt.dup }
  fonts = pages.flat_map(&:fonts_used).uniq
  fmt = spec[:format]
  scans = []
  pages.each_with_index do |pb, i|
    ps = pspecs[i]
    kind = ps[:out] || spec[:out]
    scans << scan_page(ctx, pb, ps, id, i + 1, kind)
  end
  write_previews(id, scans) if ENV['PREVIEW']
  encs = []
  case fmt
  when :tiff
    tp = scans.each_with_index.map do |s, i|
      comp = pspecs[i][:comp] || spec[:comp]
      encs << { g4: 'ccitt-g4', g3: 'ccitt-g3-1d', lzw: 'lzw', packbits: 'packbits', deflate: 'deflate', none: 'none' }[comp]
      h = { w: s[:w], h: s[:h], kind: s[:kind], comp: comp, rps: spec[:rps] || 64, dpi: s[:dpi] }
      s[:kind] == :bilevel ? h.merge(rows: s[:rows]) : h.merge(data: s[:kind] == :rgb ? interleave(s[:planes]) : s[:data])
    end
    file = "#{id}.tif"
    TIFF.write(File.join(outdir, file), tp, order: spec[:order] || :II)
  when :jpeg
    s = scans[0]
    q = spec[:quality]
    file = "#{id}.jpg"
    if s[:kind] == :rgb
      y, cb, cr = JPEG.ycc(*s[:planes])
      JPEG.encode(File.join(outdir, file), s[:w], s[:h], [y, cb, cr], q, s[:dpi], sub: spec[:sub], colour: true)
      encs << "jpeg-ycbcr-#{spec[:sub] ? '420' : '444'}-q#{q}"
    else
      JPEG.encode(File.join(outdir, file), s[:w], s[:h], [s[:data]], q, s[:dpi])
      encs << "jpeg-grey-q#{q}"
    end
  when :png
    s = scans[0]
    file = "#{id}.png"
    path = File.join(outdir, file)
    case spec[:png]
    when :grey then PNG.write(path, s[:w], s[:h], :grey, s[:data], s[:dpi][0], filter: spec[:filter] || 0)
    when :rgb then PNG.write(path, s[:w], s[:h], :rgb, interleave(s[:planes]), s[:dpi][0], filter: spec[:filter] || 0)
    when :palette
      idx, pal = palette_quantize(s[:planes], s[:w] * s[:h])
      PNG.write(path, s[:w], s[:h], :palette, idx, s[:dpi][0], palette: pal)
    when :bilevel
      packed = s[:rows].map { |r| [r.tr('01', '10')].pack('B*') }.join
      PNG.write(path, s[:w], s[:h], :bilevel, packed, s[:dpi][0])
    end
    encs << "png-#{spec[:png]}"
  when :pdf
    pp = scans.each_with_index.map do |s, i|
      ps = pspecs[i]
      w = s[:w]; h = s[:h]; dx, dy = s[:dpi]
      enc = ps[:enc]
      case enc
      when :ccitt
        rows = s[:rows]
        if dy < dx # fax standard resolution printed/stretched: duplicate rows
          rows = rotate_bilevel_rows_x2(rows)
          h = rows.size
          dy *= 2
          s[:dpi] = [dx, dy]
          s[:h] = h
          s[:rows] = rows
        end
        encs << 'ccitt-g4'
        { img: CCITT.encode_g4(rows, w), filter: :ccitt, w: w, h: h, cs: :gray, bpc: 1 }
      when :dct_grey
        encs << "jpeg-grey-q#{ps[:quality]}"
        { img: JPEG.encode(nil, w, h, [s[:data]], ps[:quality], s[:dpi]), filter: :dct, w: w, h: h, cs: :gray, bpc: 8 }
      when :dct_rgb
        y, cb, cr = JPEG.ycc(*s[:planes])
        encs << "jpeg-ycbcr-#{ps[:sub] ? '420' : '444'}-q#{ps[:quality]}"
        { img: JPEG.encode(nil, w, h, [y, cb, cr], ps[:quality], s[:dpi], sub: ps[:sub], colour: true), filter: :dct, w: w, h: h, cs: :rgb, bpc: 8 }
      when :flate_grey
        encs << 'flate-grey'
        { img: Zlib::Deflate.deflate(s[:data], 9), filter: :flate, w: w, h: h, cs: :gray, bpc: 8 }
      end.merge(wpt: w * 72.0 / dx, hpt: h * 72.0 / dy, rotate: ps[:pdf_rotate] || 0)
    end
    file = "#{id}.pdf"
    PDF.write(File.join(outdir, file), pp)
  end
  hashes = scans.each_with_index.map do |s, i|
    e = encs[i]
    next nil if e.start_with?('jpeg')
    raw = if s[:kind] == :bilevel then s[:rows].join
          elsif fmt == :png && spec[:png] == :palette then palette_quantize(s[:planes], s[:w] * s[:h])[0]
          elsif s[:kind] == :rgb then interleave(s[:planes])
          else s[:data]
          end
    Digest::SHA256.hexdigest(raw)
  end
  File.write(File.join(outdir, "#{id}.gt.txt"), gt_pages.map { |l| l.join("\n") }.join("\n\f\n") + "\n")
  ov_font_keys = pages.flat_map { |pb| pb.ops.map { |o| o[0] == :xf ? o[2] : o }.select { |o| o[0] == :text && o[9] } }.map { |o| o[4] }.uniq
  hand_gt = pages.any? { |pb| pb.meta[:hand_ink] } || spec[:type] == 'continuation_sheet'
  m = {
    'file' => file, 'ground_truth' => "#{id}.gt.txt", 'document_type' => spec[:type], 'kind' => spec[:kind],
    'pages' => pages.size,
    'nhs_number' => spec[:no_nhs] ? nil : ctx.pt[:nhs],
    'date_of_birth' => spec[:no_dob] || ctx.meta[:dob_printed].empty? ? nil : ctx.pt[:dob].iso,
    'nhs_as_printed' => ctx.meta[:nhs_printed][0], 'dob_as_printed' => ctx.meta[:dob_printed][0],
    'nhs_printed_occurrences' => ctx.meta[:nhs_printed], 'dob_printed_occurrences' => ctx.meta[:dob_printed],
    'patient_name' => ctx.name_full,
    'degradations' => pspecs.map { |ps| ps[:deg].map(&:to_s) + (ps[:skew].abs >= 0.3 ? ["skew_#{ps[:skew]}deg"] : []) + (ps[:rot] != 0 ? [ps[:pdf_rotate] ? "image_stored_rotated_#{ps[:rot]}_shown_upright_by_pdf_Rotate_#{ps[:pdf_rotate]}" : "rotated_#{ps[:rot]}"] : []) },
    'difficulty' => pspecs.map { |ps| ps[:diff].to_s },
    'rotation_clockwise_deg' => pspecs.map { |ps| ((ps[:rot] + (ps[:pdf_rotate] || 0)) % 360) },
    'image_rotation_clockwise_deg' => pspecs.map { |ps| ps[:rot] },
    'pdf_page_rotate' => fmt == :pdf ? pspecs.map { |ps| ps[:pdf_rotate] || 0 } : nil,
    'skew_deg' => pspecs.map { |ps| ps[:skew] },
    'format' => fmt.to_s, 'page_encoding' => encs,
    'byte_order' => fmt == :tiff ? (spec[:order] || :II).to_s : nil,
    'dpi' => scans.map { |s| s[:dpi] },
    'pixel_size' => scans.map { |s| [s[:w], s[:h]] },
    'page_size' => pages.map { |pb| PAPER.find { |_k, v| v == [pb.wmm, pb.hmm] }&.first.to_s },
    'colour_mode' => scans.map { |s| s[:kind].to_s },
    'lossless_pixel_sha256' => hashes,
    'fonts' => fonts.map { |k| { 'key' => k.to_s, 'family' => Fonts[k].family, 'file' => FONT_FILES[k] } },
    'overlay_fonts' => ov_font_keys.map { |k| Fonts[k].family },
    'handwritten_style_text_in_gt' => hand_gt,
    'overlay_text_not_in_gt' => ctx.meta[:overlay].uniq,
    'distractors' => ctx.meta[:distractors].uniq,
    'specialty' => ctx.instance_variable_get(:@specialty)
  }
  m.delete('pdf_page_rotate') unless m['pdf_page_rotate']
  m.delete('byte_order') unless m['byte_order']
  m
end

if $PROGRAM_NAME == __FILE__
  outdir = ARGV[0] || '.'
  wi = (ARGV[1] || 0).to_i; wn = (ARGV[2] || 1).to_i
  only = ENV['ONLY']&.split(',')
  Dir.mkdir(File.join(outdir, '.build')) unless Dir.exist?(File.join(outdir, '.build'))
  PLAN.each_with_index do |spec, i|
    next unless i % wn == wi
    next if only && !only.include?(spec[:id])
    t = Time.now
    m = make_doc(spec, outdir)
    File.write(File.join(outdir, '.build', "#{spec[:id]}.json"), JSON.generate(m))
    warn format('%s %-20s %d page(s) %.1fs', spec[:id], spec[:kind], m['pages'], Time.now - t)
  end
end
