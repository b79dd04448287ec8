# frozen_string_literal: true
# Scan/photocopy/fax degradations on greyscale canvases (byte strings, 255 = white).
module Degrade
  module_function

  def esc_tr(bytes)
    s = String.new(encoding: Encoding::BINARY)
    bytes.each do |b|
      s << '\\'.b if b == 0x2D || b == 0x5C || b == 0x5E
      s << b
    end
    s
  end
  ALL = esc_tr((0..255).to_a).freeze

  # apply a 256-entry lookup table to every byte (String#tr does the work in C)
  def lut(str, table)
    str.tr(ALL, esc_tr(table.map { |v| v.clamp(0, 255) }))
  end

  def self_test
    src = (0..255).to_a.pack('C*') * 3
    t = (0..255).map { |v| (v * 37 + 11) % 256 }
    raise 'lut self-test failed' unless lut(src, t).bytes == src.bytes.map { |b| t[b] }
    true
  end

  # Lighting/tone/noise/toner pass.
  # opts: paper (0..255), black (0..255), gamma, noise (sd), light: [lx array, ly array] (0..256 scale) or nil,
  # density: coarse grid [[...]] of 0..256 toner density or nil, rng
  def finish(cv, rng, paper: 250, black: 18, gamma: 1.0, noise: 4.0, light: nil, density: nil, density_cell: 64)
    w = cv.w; h = cv.h
    tone = (0..255).map { |v| (black + (paper - black) * ((v / 255.0)**gamma)).round }
    ntab = Array.new(65_536) { (rng.gauss * noise).round }
    clamp = Array.new(768) { |i| (i - 256).clamp(0, 255) }
    data = cv.data
    lx = light && light[0]
    out = String.new(capacity: w * h, encoding: Encoding::BINARY)
    gw = density && density[0].size
    h.times do |y|
      row = data.byteslice(y * w, w).bytes
      off = rng.int(0, 65_535)
      ly = light ? light[1][y] : 256
      drow = nil
      if density
        gy = y.to_f / density_cell
        j0 = gy.floor; fy = gy - j0
        j1 = [j0 + 1, density.size - 1].min
        r0 = density[j0]; r1 = density[j1]
        drow = Array.new(w) do |x|
          gx = x.to_f / density_cell
          i0 = gx.floor; fx = gx - i0
          i1 = i0 + 1 < gw ? i0 + 1 : i0
          a = r0[i0] + (r0[i1] - r0[i0]) * fx
          b = r1[i0] + (r1[i1] - r1[i0]) * fx
          (a + (b - a) * fy).to_i
        end
      end
      x = 0
      while x < w
        v = row[x]
        v = 255 - (((255 - v) * drow[x]) >> 8) if drow && v < 255
        v = tone[v]
        v = (v * (lx ? (lx[x] * ly) >> 8 : ly)) >> 8 if light
        row[x] = clamp[v + ntab[(off + x) & 0xFFFF] + 256]
        x += 1
      end
      out << row.pack('C*')
    end
    cv.instance_variable_set(:@data, out)
    cv
  end

  def density_field(rng, w, h, cell, lo, hi, blotch: 0.0)
    gw = w / cell + 2; gh = h / cell + 2
    Array.new(gh) do
      Array.new(gw) do
        v = lo + (hi - lo) * rng.f
        v = lo * 0.4 if rng.chance(blotch)
        (v * 256).round
      end
    end
  end

  def light_profile(rng, w, h, strength)
    cx = rng.range(0.2, 0.8); cy = rng.range(0.2, 0.8)
    lx = Array.new(w) { |x| (256 * (1 - strength * ((x.to_f / w - cx)**2) * 2)).round }
    ly = Array.new(h) { |y| (256 * (1 - strength * ((y.to_f / h - cy)**2) * 2)).round }
    [lx, ly]
  end

  # 3x3 binomial blur with SWAR on big integers (rows packed as 16-bit lanes)
  def blur(cv, passes = 1)
    w = cv.w; h = cv.h
    passes.times do
      rows = Array.new(h) { |y| cv.data.byteslice(y * w, w) }
      # horizontal: (l + 2c + r) / 4 on 16-bit lanes
      hs = rows.map do |r|
        c = r.unpack('C*')
        l = [c[0]] + c[0..-2]
        rr = c[1..] + [c[-1]]
        a = c.pack('n*').unpack1('H*').to_i(16)
        b = l.pack('n*').unpack1('H*').to_i(16)
        d = rr.pack('n*').unpack1('H*').to_i(16)
        a + a + b + d
      end
      out = String.new(capacity: w * h, encoding: Encoding::BINARY)
      hexlen = w * 4
      h.times do |y|
        s = hs[y] * 2 + hs[y > 0 ? y - 1 : 0] + hs[y < h - 1 ? y + 1 : h - 1]
        lanes = [s.to_s(16).rjust(hexlen, '0')].pack('H*').unpack('n*')
        out << lanes.map { |v| (v + 8) >> 4 }.pack('C*')
      end
      cv.instance_variable_set(:@data, out)
    end
    cv
  end

  # darken outside the (transformed) paper rectangle; lid: grey level of the scanner lid
  def paper_outline(cv, t, wmm, hmm, lid)
    corners = [[0, 0], [wmm, 0], [wmm, hmm], [0, hmm]].map { |x, y| t.apply(x, y) }
    w = cv.w
    tab = (0..255).map { |v| v * lid / 255 }
    dark = nil
    cv.h.times do |y|
      yc = y + 0.5
      xs = []
      4.times do |i|
        x0, y0 = corners[i]; x1, y1 = corners[(i + 1) % 4]
        next if (y0 <= yc) == (y1 <= yc)
        xs << x0 + (yc - y0) * (x1 - x0) / (y1 - y0)
      end
      row = cv.data.byteslice(y * w, w)
      if xs.size < 2
        cv.data[y * w, w] = lut(row, tab)
        next
      end
      xl = xs.min.round.clamp(0, w); xr = xs.max.round.clamp(0, w)
      if xl > 0
        cv.data[y * w, xl] = lut(row.byteslice(0, xl), tab)
      end
      cv.data[y * w + xr, w - xr] = lut(row.byteslice(xr, w - xr), tab) if xr < w
    end
    dark
  end

  # gradient darkening band along a side of the image (edge shadow / book-fold). side: :left/:right/:top/:bottom/:vband
  def shadow(cv, side, width_px, strength, center: nil)
    w = cv.w; h = cv.h
    prof = Array.new(width_px) { |i| (256 * (1 - strength * ((1 - i.to_f / width_px)**2))).round }
    d = cv.data
    case side
    when :left, :right, :vband
      h.times do |y|
        width_px.times do |i|
          xs = case side
               when :left then [i]
               when :right then [w - 1 - i]
               else [center - i, center + i]
               end
          xs.each do |x|
            next if x.negative? || x >= w
            k = y * w + x
            d.setbyte(k, (d.getbyte(k) * prof[i]) >> 8)
          end
        end
      end
    when :top, :bottom
      width_px.times do |i|
        y = side == :top ? i : h - 1 - i
        tab = (0..255).map { |v| (v * prof[i]) >> 8 }
        d[y * w, w] = lut(d.byteslice(y * w, w), tab)
      end
    end
  end

  def streaks(cv, rng, n, strength)
    w = cv.w
    d = cv.data
    n.times do
      x = rng.int(0, w - 3)
      wd = rng.int(1, 3)
      y0 = rng.chance(0.5) ? 0 : rng.int(0, cv.h / 2)
      y1 = rng.chance(0.6) ? cv.h - 1 : rng.int(y0, cv.h - 1)
      lvl = (256 * (1 - strength * rng.range(0.4, 1.0))).round
      (y0..y1).each do |y|
        wd.times do |k|
          i = y * w + x + k
          d.setbyte(i, (d.getbyte(i) * lvl) >> 8)
        end
      end
    end
  end

  # composite colour overlay pieces into a grey canvas using the colour's luminance
  def overlays_grey(cv, pieces)
    w = cv.w; h = cv.h
    d = cv.data
    pieces.each do |ox, oy, pw, ph, cov, alpha, rgb|
      lum = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]).round
      dark = 255 - lum
      ph.times do |yy|
        y = oy + yy
        next if y.negative? || y >= h
        pw.times do |xx|
          x = ox + xx
          next if x.negative? || x >= w
          c = cov.getbyte(yy * pw + xx)
          next if c.zero?
          a = c * alpha * dark / 65_025
          i = y * w + x
          o = d.getbyte(i)
          d.setbyte(i, o - (o * a + 127) / 255)
        end
      end
    end
  end

  # planes [r,g,b] strings; multiply-composite colour pieces
  def overlays_rgb(planes, w, h, pieces)
    pieces.each do |ox, oy, pw, ph, cov, alpha, rgb|
      3.times do |ch|
        dark = 255 - rgb[ch]
        next if dark.zero?
        d = planes[ch]
        ph.times do |yy|
          y = oy + yy
          next if y.negative? || y >= h
          pw.times do |xx|
            x = ox + xx
            next if x.negative? || x >= w
            c = cov.getbyte(yy * pw + xx)
            next if c.zero?
            a = c * alpha * dark / 65_025
            i = y * w + x
            o = d.getbyte(i)
            d.setbyte(i, o - (o * a + 127) / 255)
          end
        end
      end
    end
  end

  def to_rgb(cv, tint)
    [0, 1, 2].map { |c| lut(cv.data, (0..255).map { |v| v * tint[c] / 255 }) }
  end

  # greyscale -> bilevel rows ('1' = black)
  def bilevel(cv, threshold, rng: nil, salt: 0)
    w = cv.w
    tab = (0..255).map { |v| v < threshold ? 49 : 48 }
    s = lut(cv.data, tab)
    rows = Array.new(cv.h) { |y| s.byteslice(y * w, w) }
    if rng && salt.positive?
      salt.times do
        y = rng.int(0, cv.h - 1); x = rng.int(0, w - 2)
        rows[y] = rows[y].dup if rows[y].frozen?
        rows[y][x] = rng.chance(0.7) ? '1' : '0'
      end
    end
    rows
  end

  # fax transmission artefacts on bilevel rows
  def fax_bands(rows, rng, w, n_bands)
    n_bands.times do
      y = rng.int(0, rows.size - 8)
      case rng.int(0, 3)
      when 0 # dropped lines repeated
        k = rng.int(1, 4)
        k.times { |i| rows[y + i + 1] = rows[y].dup }
      when 1 # white-out band
        k = rng.int(1, 3)
        k.times { |i| rows[y + i] = '0' * w }
      when 2 # horizontal shift of a band
        sh = rng.int(2, 9)
        rng.int(2, 7).times { |i| r = rows[y + i]; rows[y + i] = ('0' * sh) + r[0, w - sh] }
      else # black streak line
        x0 = rng.int(0, w / 2); x1 = rng.int(x0 + 10, w)
        r = rows[y].dup
        r[x0...x1] = '1' * (x1 - x0)
        rows[y] = r
      end
    end
    rows
  end
end
