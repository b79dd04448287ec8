# frozen_string_literal: true
# Minimal TrueType (glyf) parser: cmap, head, hhea, hmtx, maxp, loca, glyf, kern.
class TTFont
  attr_reader :path, :upem, :ascender, :descender, :line_gap, :num_glyphs, :family

  def initialize(path)
    @path = path
    @d = File.binread(path).b
    ver = u32(0)
    raise "#{path}: not a TrueType sfnt (0x#{ver.to_s(16)})" unless ver == 0x00010000 || ver == 0x74727565
    n = u16(4)
    @tables = {}
    n.times do |i|
      o = 12 + 16 * i
      @tables[@d[o, 4]] = [u32(o + 8), u32(o + 12)]
    end
    %w[head hhea hmtx maxp loca glyf cmap].each { |t| raise "#{path}: no #{t} table" unless @tables[t] }
    h = @tables['head'][0]
    @upem = u16(h + 18)
    @loc_long = i16(h + 50) == 1
    @num_glyphs = u16(@tables['maxp'][0] + 4)
    hh = @tables['hhea'][0]
    @ascender = i16(hh + 4)
    @descender = i16(hh + 6)
    @line_gap = i16(hh + 8)
    nhm = u16(hh + 34)
    hm = @tables['hmtx'][0]
    @adv = Array.new(@num_glyphs)
    last = 0
    @num_glyphs.times do |g|
      if g < nhm
        last = u16(hm + 4 * g)
      end
      @adv[g] = last
    end
    lo = @tables['loca'][0]
    @loca = Array.new(@num_glyphs + 1) { |g| @loc_long ? u32(lo + 4 * g) : u16(lo + 2 * g) * 2 }
    parse_cmap
    parse_kern
    parse_name
    @outline_cache = {}
  end

  def u8(o) = @d.getbyte(o)
  def u16(o) = (@d.getbyte(o) << 8) | @d.getbyte(o + 1)
  def i16(o)
    v = u16(o)
    v >= 0x8000 ? v - 0x10000 : v
  end
  def u32(o) = (u16(o) << 16) | u16(o + 2)
  def f2dot14(o) = i16(o) / 16384.0

  def parse_name
    @family = File.basename(@path, '.*')
    t = @tables['name'] or return
    o = t[0]
    count = u16(o + 2)
    sto = o + u16(o + 4)
    best = nil
    count.times do |i|
      r = o + 6 + 12 * i
      pid, eid, lid, nid, len, off = u16(r), u16(r + 2), u16(r + 4), u16(r + 6), u16(r + 8), u16(r + 10)
      next unless nid == 4 || nid == 1
      s = @d[sto + off, len]
      str = if pid == 3 || pid == 0
              s.force_encoding('UTF-16BE').encode('UTF-8', invalid: :replace, undef: :replace) rescue nil
            elsif pid == 1 && eid == 0
              s.force_encoding('ISO-8859-1').encode('UTF-8')
            end
      next unless str && !str.empty?
      score = (nid == 4 ? 10 : 0) + (pid == 3 && lid == 0x409 ? 5 : 0)
      best = [score, str] if best.nil? || score > best[0]
    end
    @family = best[1].strip if best
  end

  def parse_cmap
    o = @tables['cmap'][0]
    n = u16(o + 2)
    subs = []
    n.times do |i|
      r = o + 4 + 8 * i
      subs << [u16(r), u16(r + 2), o + u32(r + 4)]
    end
    pick = subs.find { |p, e, so| p == 3 && e == 10 && u16(so) == 12 } ||
           subs.find { |p, e, so| p == 3 && e == 1 && u16(so) == 4 } ||
           subs.find { |p, _e, so| p == 0 && [4, 12].include?(u16(so)) } ||
           subs.find { |p, e, so| p == 3 && e == 0 && u16(so) == 4 }
    raise "#{@path}: no usable cmap" unless pick
    @symbol = pick[0] == 3 && pick[1] == 0
    so = pick[2]
    @cmap = {}
    case u16(so)
    when 4
      segx2 = u16(so + 6)
      ends = so + 14
      starts = ends + segx2 + 2
      deltas = starts + segx2
      ros = deltas + segx2
      (segx2 / 2).times do |s|
        e = u16(ends + 2 * s); st = u16(starts + 2 * s); dl = u16(deltas + 2 * s); ro = u16(ros + 2 * s)
        next if st == 0xFFFF
        (st..e).each do |c|
          g = if ro == 0
                (c + dl) & 0xFFFF
              else
                gi = u16(ros + 2 * s + ro + 2 * (c - st))
                gi == 0 ? 0 : (gi + dl) & 0xFFFF
              end
          @cmap[c] = g if g != 0 && g < @num_glyphs
        end
      end
    when 12
      ng = u32(so + 12)
      ng.times do |i|
        r = so + 16 + 12 * i
        sc, ec, sg = u32(r), u32(r + 4), u32(r + 8)
        next if ec - sc > 70000
        (sc..ec).each { |c| g = sg + c - sc; @cmap[c] = g if g < @num_glyphs }
      end
    end
  end

  def parse_kern
    @kern = {}
    t = @tables['kern'] or return
    o = t[0]
    ver = u16(o)
    if ver == 0
      n = u16(o + 2)
      p = o + 4
      n.times do
        len = u16(p + 2); cov = u16(p + 4)
        if (cov >> 8) == 0 && (cov & 1) == 1 && (cov & 4) == 0
          np = u16(p + 6)
          np.times do |i|
            r = p + 14 + 6 * i
            @kern[(u16(r) << 16) | u16(r + 2)] = i16(r + 4)
          end
        end
        p += len
      end
    elsif u32(o) == 0x00010000
      n = u32(o + 4)
      p = o + 8
      n.times do
        len = u32(p); cov = u16(p + 4)
        if (cov & 0xFF) == 0 && (cov & 0x8000) == 0 && (cov & 0x4000) == 0
          np = u16(p + 8)
          np.times do |i|
            r = p + 16 + 6 * i
            @kern[(u16(r) << 16) | u16(r + 2)] = i16(r + 4)
          end
        end
        p += len
      end
    end
  end

  def kern_pairs = @kern.size

  def glyph_id(ch)
    c = ch.is_a?(Integer) ? ch : ch.ord
    g = @cmap[c]
    g = @cmap[0xF000 + c] if g.nil? && @symbol
    g || 0
  end

  def has?(ch) = glyph_id(ch) != 0
  def advance(g) = @adv[g]
  def kern(a, b) = @kern[(a << 16) | b] || 0

  # Contours of glyph g as arrays of [x, y, on_curve] in font units.
  def contours(g, depth = 0)
    return @outline_cache[g] if @outline_cache.key?(g)
    res = []
    o0 = @loca[g]; o1 = @loca[g + 1]
    if o1 > o0 && depth < 8
      o = @tables['glyf'][0] + o0
      nc = i16(o)
      if nc >= 0
        res = simple_glyph(o, nc)
      else
        res = composite_glyph(o, depth)
      end
    end
    @outline_cache[g] = res
  end

  private

  def simple_glyph(o, nc)
    ends = Array.new(nc) { |i| u16(o + 10 + 2 * i) }
    npts = nc.zero? ? 0 : ends[-1] + 1
    p = o + 10 + 2 * nc
    il = u16(p)
    p += 2 + il
    flags = []
    while flags.size < npts
      f = u8(p); p += 1
      flags << f
      if f & 8 != 0
        r = u8(p); p += 1
        r.times { flags << f }
      end
    end
    xs = []
    x = 0
    flags.each do |f|
      if f & 2 != 0
        dx = u8(p); p += 1
        x += (f & 16 != 0) ? dx : -dx
      elsif f & 16 == 0
        x += i16(p); p += 2
      end
      xs << x
    end
    ys = []
    y = 0
    flags.each do |f|
      if f & 4 != 0
        dy = u8(p); p += 1
        y += (f & 32 != 0) ? dy : -dy
      elsif f & 32 == 0
        y += i16(p); p += 2
      end
      ys << y
    end
    res = []
    st = 0
    ends.each do |e|
      res << (st..e).map { |i| [xs[i], ys[i], (flags[i] & 1) != 0] }
      st = e + 1
    end
    res
  end

  def composite_glyph(o, depth)
    p = o + 10
    res = []
    loop do
      fl = u16(p); gi = u16(p + 2); p += 4
      if fl & 1 != 0
        a1 = i16(p); a2 = i16(p + 2); p += 4
      else
        a1 = u8(p); a2 = u8(p + 1); p += 2
        a1 -= 256 if a1 > 127
        a2 -= 256 if a2 > 127
      end
      a = 1.0; b = 0.0; c = 0.0; d = 1.0
      if fl & 8 != 0
        a = d = f2dot14(p); p += 2
      elsif fl & 0x40 != 0
        a = f2dot14(p); d = f2dot14(p + 2); p += 4
      elsif fl & 0x80 != 0
        a = f2dot14(p); b = f2dot14(p + 2); c = f2dot14(p + 4); d = f2dot14(p + 6); p += 8
      end
      dx, dy = (fl & 2 != 0) ? [a1, a2] : [0, 0] # point matching not supported: offset 0
      contours(gi, depth + 1).each do |ct|
        res << ct.map { |x, y, on| [a * x + c * y + dx, b * x + d * y + dy, on] }
      end
      break if fl & 0x20 == 0
    end
    res
  end
end
