# frozen_string_literal: true
require_relative 'ttf'
require_relative 'raster'
require_relative 'content'

FONT_FILES = {
  serif: '/usr/share/fonts/truetype/campania/Campania.ttf',
  sans: '/usr/share/fonts/truetype/beteckna/BetecknaGS.ttf',
  sans_b: '/usr/share/fonts/truetype/beteckna/BetecknaGS-Bold.ttf',
  sans_i: '/usr/share/fonts/truetype/beteckna/BetecknaGS-Italic.ttf',
  thin: '/usr/share/fonts/truetype/bizud-mincho/BIZUDPMincho-Regular.ttf',
  mincho: '/usr/share/fonts/truetype/sawarabi-mincho/sawarabi-mincho-medium.ttf',
  jara: '/usr/share/fonts/truetype/linex/Jara.ttf',
  jara_b: '/usr/share/fonts/truetype/linex/Jara_Bold.ttf',
  quercus: '/usr/share/fonts/truetype/linex/Quercus.ttf',
  quercus_b: '/usr/share/fonts/truetype/linex/Quercus_Bold.ttf',
  babel: '/usr/share/fonts/truetype/linex/BABELreg.ttf',
  babel_b: '/usr/share/fonts/truetype/linex/BABEbold.ttf',
  amiri: '/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf',
  amiri_b: '/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Bold.ttf',
  batang: '/usr/share/fonts/truetype/baekmuk/batang.ttf',
  dotum: '/usr/share/fonts/truetype/baekmuk/dotum.ttf',
  mono: '/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf',
  mono_sans: '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf',
  kiloji: '/usr/share/fonts/truetype/kiloji/kiloji.ttf',
  hand: '/usr/share/fonts/truetype/yozvox-yozfont/YOzRS_.ttf',
  hand_i: '/usr/share/fonts/truetype/yozvox-yozfont/YOzRS_i.ttf',
  soseki: '/usr/share/fonts/truetype/aoyagi-soseki/aoyagi-soseki.ttf',
  cursive: '/usr/share/fonts/truetype/linex/Abecedario.ttf'
}.freeze

module Fonts
  @f = {}
  def self.[](k) = (@f[k] ||= TTFont.new(FONT_FILES.fetch(k)))
  def self.used = @f.keys
end

PT = 25.4 / 72

# Records drawing operations in millimetres (origin top-left, y down) and the ground-truth lines.
class PageBuilder
  attr_reader :ops, :gt, :wmm, :hmm, :overlay_text, :rng, :line_boxes, :fonts_used
  attr_accessor :y, :meta

  def initialize(wmm, hmm, rng)
    @wmm = wmm; @hmm = hmm; @rng = rng
    @ops = []; @gt = []; @overlay_text = []; @line_boxes = []
    @layer = nil
    @y = 0
    @meta = {}
    @fonts_used = []
  end

  def text_width(str, fk, size, track = 0)
    f = Fonts[fk]
    s = size * PT / f.upem
    w = 0.0
    prev = nil
    str.each_char do |ch|
      g = f.glyph_id(ch)
      raise "glyph missing for #{ch.inspect} in #{fk}" if g.zero? && ch != ' '
      w += f.kern(prev, g) * s if prev
      w += f.advance(g) * s + track
      prev = g
    end
    w
  end

  def record_font(fk)
    @fonts_used << fk unless @fonts_used.include?(fk)
  end

  # draw a string; returns its width in mm. style: nil | :typewriter | :dots | :hand | :bold (fake bold)
  def draw(x, y, str, fk, size, align: :left, ink: 255, style: nil, track: 0.0, mirror: false)
    return 0 if str.empty?
    record_font(fk) unless ov? || mirror
    w = text_width(str, fk, size, track)
    x -= w if align == :right
    x -= w / 2 if align == :center
    push([:text, x, y, str, fk, size, ink, style, track, @layer, mirror, @rng.int(0, 1 << 30)])
    unless ov? || mirror || @xf
      @line_boxes << [x, y - size * PT * 0.75, x + w, y + size * PT * 0.22, str]
    end
    w
  end

  def gt_line(str)
    s = str.gsub(/\s+/, ' ').strip
    @gt << s unless s.empty?
  end

  def text(x, y, str, fk, size, **kw)
    w = draw(x, y, str, fk, size, **kw)
    ov? ? @overlay_text << str : gt_line(str)
    w
  end

  # cells: [[x, str, fk, size, opts]]; one GT line with cells joined by a space
  def row(y, cells)
    n = @line_boxes.size
    cells.each { |x, str, fk, size, opts| draw(x, y, str, fk, size, **(opts || {})) }
    txt = cells.map { |c| c[1] }.reject(&:empty?).join(' ')
    if @line_boxes.size > n
      bx = @line_boxes.pop(@line_boxes.size - n)
      @line_boxes << [bx.map { |b| b[0] }.min, bx.map { |b| b[1] }.min, bx.map { |b| b[2] }.max, bx.map { |b| b[3] }.max, txt]
    end
    gt_line(txt)
  end

  def wrap(str, fk, size, width, track = 0)
    lines = []
    cur = +''
    str.split(/\s+/).each do |word|
      cand = cur.empty? ? word : "#{cur} #{word}"
      if text_width(cand, fk, size, track) <= width || cur.empty?
        cur = cand
      else
        lines << cur
        cur = word.dup
      end
    end
    lines << cur unless cur.empty?
    lines
  end

  # paragraph; returns baseline y after the last line + lead
  def para(x, y, width, str, fk, size, lead: nil, justify: false, ink: 255, style: nil, track: 0.0, first_indent: 0)
    lead ||= size * PT * 1.3
    lines = wrap(str, fk, size, width - first_indent, track)
    lines.each_with_index do |ln, i|
      xx = x + (i.zero? ? first_indent : 0)
      if justify && i < lines.size - 1 && ln.include?(' ')
        words = ln.split(' ')
        total = words.sum { |wd| text_width(wd, fk, size, track) }
        gap = (width - (i.zero? ? first_indent : 0) - total) / (words.size - 1)
        gap = text_width(' ', fk, size) * 2.2 if gap > text_width(' ', fk, size) * 2.2
        words.each do |wd|
          xx += draw(xx, y, wd, fk, size, ink: ink, style: style, track: track) + gap
        end
        ov? ? @overlay_text << ln : gt_line(ln)
      else
        text(xx, y, ln, fk, size, ink: ink, style: style, track: track)
      end
      y += lead
    end
    y
  end

  def layer(rgb, alpha = 255, text: nil)
    old = @layer
    oldg = @layer_gt
    @layer = [rgb, alpha]
    @layer_gt = false
    @overlay_text << text if text
    yield
  ensure
    @layer = old
    @layer_gt = oldg
  end

  # coloured printed/handwritten text that IS part of the ground truth (e.g. a blue-ink continuation sheet)
  def coloured(rgb, alpha = 255)
    old = @layer
    oldg = @layer_gt
    @layer = [rgb, alpha]
    @layer_gt = true
    yield
  ensure
    @layer = old
    @layer_gt = oldg
  end

  def ov? = @layer && !@layer_gt

  # ops recorded inside the block are drawn through an extra transform (mm space), e.g. rotated stamps
  def with_xf(aff)
    old = @xf
    @xf = old ? old * aff : aff
    yield
  ensure
    @xf = old
  end

  def push(op)
    @ops << (@xf ? [:xf, @xf, op] : op)
  end

  def overlay? = !@layer.nil?

  def stroke(pts, width, ink: 255)
    push([:stroke, pts, width, ink, @layer])
  end

  def line(x0, y0, x1, y1, width = 0.25, ink: 255)
    stroke([[x0, y0], [x1, y1]], width, ink: ink)
  end

  def rect(x, y, w, h, width = 0.25, ink: 255)
    stroke([[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]], width, ink: ink)
  end

  def fill_rect(x, y, w, h, ink: 255)
    fill([[[x, y], [x + w, y], [x + w, y + h], [x, y + h]]], ink: ink)
  end

  def fill(polys, ink: 255)
    push([:fill, polys, ink, @layer])
  end

  def halftone(polys, tint, lpi, angle = 45, ink: 255)
    push([:halftone, polys, tint, lpi, angle, ink, @layer])
  end

  def tickbox(x, y, s, ticked, width = 0.25, mark: :tick)
    rect(x, y, s, s, width)
    return unless ticked
    if mark == :cross
      line(x + 0.6, y + 0.6, x + s - 0.6, y + s - 0.6, 0.35)
      line(x + s - 0.6, y + 0.6, x + 0.6, y + s - 0.6, 0.35)
    else
      stroke([[x + s * 0.2, y + s * 0.55], [x + s * 0.42, y + s * 0.8], [x + s * 0.85, y + s * 0.18]], 0.4)
    end
  end

  def ellipse_poly(cx, cy, rx, ry, rot = 0.0, n = 48) = Geo.ellipse(cx, cy, rx, ry, rot, n)
end

# Renders a PageBuilder onto a Canvas at a given resolution and placement.
class Renderer
  attr_reader :canvas, :overlays, :t, :w, :h, :dpi

  # rot: 0/90/180/270 clockwise rotation of the content in the image; skew: degrees
  def initialize(pb, dpi_x, dpi_y, rot: 0, skew: 0.0, shift: [0.0, 0.0], glyph_cache: GlyphCache.new)
    @pb = pb
    @dpi = [dpi_x, dpi_y]
    @gc = glyph_cache
    wmm = pb.wmm; hmm = pb.hmm
    sx = dpi_x / 25.4; sy = dpi_y / 25.4
    placed = Affine.translate(shift[0], shift[1]) * Affine.rotate(skew, wmm / 2, hmm / 2)
    turn = case rot
           when 0 then Affine.new
           when 90 then Affine.new(0.0, -1.0, hmm, 1.0, 0.0, 0.0)
           when 180 then Affine.new(-1.0, 0.0, wmm, 0.0, -1.0, hmm)
           when 270 then Affine.new(0.0, 1.0, 0.0, -1.0, 0.0, wmm)
           end
    @t = Affine.scale(sx, sy) * turn * placed
    if rot == 90 || rot == 270
      @w = (hmm * sx).round; @h = (wmm * sy).round
    else
      @w = (wmm * sx).round; @h = (hmm * sy).round
    end
    @canvas = Canvas.new(@w, @h)
    @overlays = []
    @mirror = Affine.new(-1.0, 0.0, wmm, 0.0, 1.0, 0.0)
  end

  def px_per_mm = @dpi[0] / 25.4

  def emit(r, alpha, layer)
    return unless r
    if layer
      @overlays << [r[0], r[1], r[2], r[3], r[4], (alpha * layer[1] + 127) / 255, layer[0]]
    else
      @canvas.blend_cov(r[0], r[1], r[2], r[3], r[4], alpha)
    end
  end

  def render
    @pb.ops.each { |op| render_op(op) }
    self
  end

  def render_op(op)
      case op[0]
      when :xf
        saved = @t
        @t = @t * op[1]
        render_op(op[2])
        @t = saved
      when :text then render_text(*op[1..])
      when :stroke
        _, pts, width, ink, layer = op
        dpts = pts.map { |x, y| @t.apply(x, y) }
        polys = Geo.stroke(dpts, [width * px_per_mm, 0.7].max)
        emit(Raster.fill(polys, 4, [0, 0, @w, @h]), ink, layer)
      when :fill
        _, polys, ink, layer = op
        dp = polys.map { |pl| pl.map { |x, y| @t.apply(x, y) } }
        emit(Raster.fill(dp, 4, [0, 0, @w, @h]), ink, layer)
      when :halftone
        _, polys, tint, lpi, angle, ink, layer = op
        dp = polys.map { |pl| pl.map { |x, y| @t.apply(x, y) } }
        r = Raster.fill(dp, 4, [0, 0, @w, @h])
        return unless r
        emit(halftone_cov(r, tint, lpi, angle), ink, layer)
      end
  end

  def halftone_cov(r, tint, lpi, angle)
    ox, oy, w, h, cov = r
    per = @dpi[0] / lpi.to_f
    k = 2 * Math::PI / per
    ca = Math.cos(angle * Math::PI / 180) * k; sa = Math.sin(angle * Math::PI / 180) * k
    out = cov.dup
    h.times do |yy|
      y = oy + yy
      w.times do |xx|
        i = yy * w + xx
        c = cov.getbyte(i)
        next if c.zero?
        x = ox + xx
        u = x * ca + y * sa; v = -x * sa + y * ca
        s = (Math.cos(u) + Math.cos(v)) * 0.25 + 0.5
        m = (tint - (1 - s)) * 4 + 0.5
        m = m < 0 ? 0 : (m > 1 ? 1 : m)
        out.setbyte(i, (c * m).round)
      end
    end
    [ox, oy, w, h, out]
  end

  def render_text(x, y, str, fk, size, ink, style, track, layer, mirror, seed)
    f = Fonts[fk]
    tr = mirror ? @t * @mirror : @t
    s = size * PT / f.upem
    a, b, _c, d, e, _f = tr.m
    base = [a * s, -b * s, d * s, -e * s]
    rng = Rng.new("#{seed}")
    pen = x
    prev = nil
    drift = 0.0
    str.each_char do |ch|
      g = f.glyph_id(ch)
      pen += f.kern(prev, g) * s if prev
      adv = f.advance(g) * s + track
      if ch != ' '
        gx = pen; gy = y
        alpha = ink
        m = base
        variant = nil
        case style
        when :typewriter
          gy += rng.gauss * 0.07 + (rng.chance(0.05) ? 0.15 : 0)
          gx += rng.gauss * 0.05
          alpha = (ink * (0.8 + 0.2 * rng.f)).round.clamp(40, 255)
          variant = :tw
        when :hand
          drift += rng.gauss * 0.05
          drift *= 0.9
          gy += drift
          vi = rng.int(0, 3)
          ang = [-0.06, -0.02, 0.03, 0.07][vi]
          sc = [0.97, 1.03, 1.0, 0.95][vi]
          ca = Math.cos(ang) * sc; sa = Math.sin(ang) * sc
          # rotate glyph space
          m = [base[0] * ca + base[1] * sa, -base[0] * sa + base[1] * ca, base[2] * ca + base[3] * sa, -base[2] * sa + base[3] * ca]
          alpha = (ink * (0.85 + 0.15 * rng.f)).round
        when :dots
          variant = :dots
        when :bold
          variant = :bold
        end
        px, py = tr.apply(gx, gy)
        ix = px.floor; iy = py.floor
        fx = variant == :dots ? 0 : ((px - ix) * 4).floor
        fy = variant == :dots ? 0 : ((py - iy) * 4).floor
        r = glyph(f, g, m, fx, fy, variant, size)
        emit([ix + r[0], iy + r[1], r[2], r[3], r[4]], alpha, layer) if r
      end
      pen += adv
      prev = g
    end
  end

  def glyph(f, g, m, fx, fy, variant, size)
    key = [f.object_id, g, m.map { |v| v.round(7) }, fx, fy, variant]
    @gc.fetch(key) do
      mm = m
      polys = f.contours(g).map do |ct|
        Geo.tt_contour_to_poly(ct.map { |x, y, on| [mm[0] * x + mm[1] * y + fx / 4.0, mm[2] * x + mm[3] * y + fy / 4.0, on] }, 0.2)
      end
      if polys.empty?
        nil
      else
        case variant
        when :bold, :tw
          off = [size * PT * (variant == :tw ? 0.02 : 0.045) * px_per_mm, variant == :tw ? 0.4 : 0.6].max
          polys2 = polys + polys.map { |pl| pl.map { |px, py| [px + off, py] } }
          Raster.fill(polys2, 4)
        when :dots
          dotify(Raster.fill(polys, 4), size)
        else
          Raster.fill(polys, 4)
        end
      end
    end
  end

  def dotify(r, size)
    return nil unless r
    ox, oy, w, h, cov = r
    pitch = size * PT * px_per_mm / 9.5
    pitch = 1.8 if pitch < 1.8
    rad = pitch * 0.52
    polys = []
    cy = 0.0
    while cy < h
      cx = 0.0
      y0 = cy.floor; y1 = [(cy + pitch).ceil, h].min
      while cx < w
        x0 = cx.floor; x1 = [(cx + pitch).ceil, w].min
        sum = 0; n = 0
        (y0...y1).each { |yy| (x0...x1).each { |xx| sum += cov.getbyte(yy * w + xx); n += 1 } }
        polys << Geo.circle(ox + cx + pitch / 2, oy + cy + pitch / 2, rad, 10) if n.positive? && sum > n * 75
        cx += pitch
      end
      cy += pitch
    end
    polys.empty? ? nil : Raster.fill(polys, 4)
  end
end

class GlyphCache
  def fetch(key)
    @c ||= {}
    return @c[key] if @c.key?(key)
    @c[key] = yield
  end
end
