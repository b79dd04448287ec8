# frozen_string_literal: true
# Geometry, anti-aliased non-zero scanline rasteriser, strokes, glyph rendering and a greyscale canvas.
module Geo
  module_function

  def quad_flatten(p0, p1, p2, out, tol = 0.25)
    dx = p0[0] - 2 * p1[0] + p2[0]
    dy = p0[1] - 2 * p1[1] + p2[1]
    dd = Math.sqrt(dx * dx + dy * dy)
    n = (Math.sqrt(dd / (8.0 * tol)) + 1).floor
    n = 1 if n < 1
    n = 32 if n > 32
    1.upto(n) do |i|
      t = i.to_f / n
      u = 1 - t
      out << [u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]]
    end
  end

  def cubic_points(p0, p1, p2, p3, n)
    (0..n).map do |i|
      t = i.to_f / n
      u = 1 - t
      a = u * u * u; b = 3 * u * u * t; c = 3 * u * t * t; d = t * t * t
      [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]]
    end
  end

  # TrueType contour (points [x,y,on]) already mapped to device coords -> closed polyline
  def tt_contour_to_poly(ct, tol = 0.25)
    n = ct.size
    return [] if n < 2
    start = ct.index { |p| p[2] }
    pts = if start
            ct.rotate(start)
          else
            a = ct[0]; b = ct[1]
            [[(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0, true]] + ct.rotate(1)
          end
    out = [[pts[0][0], pts[0][1]]]
    cur = pts[0]
    ctrl = nil
    (pts[1..] + [pts[0]]).each do |p|
      if p[2]
        if ctrl
          quad_flatten(cur, ctrl, p, out, tol)
          ctrl = nil
        else
          out << [p[0], p[1]]
        end
        cur = p
      elsif ctrl
        mid = [(ctrl[0] + p[0]) / 2.0, (ctrl[1] + p[1]) / 2.0, true]
        quad_flatten(cur, ctrl, mid, out, tol)
        cur = mid
        ctrl = p
      else
        ctrl = p
      end
    end
    out
  end

  def signed_area(poly)
    a = 0.0
    n = poly.size
    n.times do |i|
      x0, y0 = poly[i]
      x1, y1 = poly[(i + 1) % n]
      a += x0 * y1 - x1 * y0
    end
    a / 2
  end

  def orient(poly)
    signed_area(poly) < 0 ? poly.reverse : poly
  end

  def circle(cx, cy, r, n = nil)
    n ||= [[(r * 2.2).ceil, 8].max, 96].min
    (0...n).map { |i| a = 2 * Math::PI * i / n; [cx + r * Math.cos(a), cy + r * Math.sin(a)] }
  end

  def ellipse(cx, cy, rx, ry, rot = 0.0, n = 64)
    c = Math.cos(rot); s = Math.sin(rot)
    (0...n).map do |i|
      a = 2 * Math::PI * i / n
      x = rx * Math.cos(a); y = ry * Math.sin(a)
      [cx + c * x - s * y, cy + s * x + c * y]
    end
  end

  # stroke an open polyline (device coords) with width w: returns list of oriented polygons
  def stroke(pts, w, round = true)
    polys = []
    h = w / 2.0
    pts = pts.each_with_object([]) { |p, a| a << p if a.empty? || (a[-1][0] - p[0]).abs + (a[-1][1] - p[1]).abs > 1e-6 }
    if pts.size == 1
      return [orient(circle(pts[0][0], pts[0][1], h))]
    end
    (0...pts.size - 1).each do |i|
      x0, y0 = pts[i]; x1, y1 = pts[i + 1]
      dx = x1 - x0; dy = y1 - y0
      l = Math.sqrt(dx * dx + dy * dy)
      nx = -dy / l * h; ny = dx / l * h
      polys << orient([[x0 + nx, y0 + ny], [x1 + nx, y1 + ny], [x1 - nx, y1 - ny], [x0 - nx, y0 - ny]])
      polys << orient(circle(x1, y1, h)) if round && i < pts.size - 2 && h > 0.6
    end
    if round && h > 0.6
      polys << orient(circle(pts[0][0], pts[0][1], h))
      polys << orient(circle(pts[-1][0], pts[-1][1], h))
    end
    polys
  end
end

module Raster
  module_function

  # polys: list of closed polylines in device pixel coords. Returns [ox, oy, w, h, cov] with cov a
  # binary string of w*h coverage bytes (0..255), non-zero winding, ss sub-scanlines, exact x coverage.
  def fill(polys, ss = 5, clip = nil)
    xmin = ymin = Float::INFINITY
    xmax = ymax = -Float::INFINITY
    polys.each do |pl|
      pl.each do |x, y|
        xmin = x if x < xmin; xmax = x if x > xmax
        ymin = y if y < ymin; ymax = y if y > ymax
      end
    end
    return nil if xmin == Float::INFINITY
    ox = xmin.floor; oy = ymin.floor
    if clip
      ox = clip[0] if ox < clip[0]
      oy = clip[1] if oy < clip[1]
      xmax = clip[2] - 0.001 if xmax > clip[2]
      ymax = clip[3] - 0.001 if ymax > clip[3]
    end
    w = xmax.floor - ox + 1
    h = ymax.floor - oy + 1
    return nil if w <= 0 || h <= 0
    edges = []
    polys.each do |pl|
      n = pl.size
      n.times do |i|
        x0, y0 = pl[i]; x1, y1 = pl[(i + 1) % n]
        next if y0 == y1
        dir = 1
        if y0 > y1
          x0, y0, x1, y1 = x1, y1, x0, y0
          dir = -1
        end
        # sub-scanline index range: centres yc = oy + (j+0.5)/ss in [y0, y1)
        j0 = ((y0 - oy) * ss - 0.5).ceil
        j1 = ((y1 - oy) * ss - 0.5).ceil - 1
        j0 = 0 if j0 < 0
        j1 = h * ss - 1 if j1 > h * ss - 1
        next if j1 < j0
        dxdy = (x1 - x0) / (y1 - y0)
        edges << [j0, j1, x0 + ((oy + (j0 + 0.5) / ss) - y0) * dxdy, dxdy / ss, dir]
      end
    end
    edges.sort_by! { |e| e[0] }
    acc = Array.new(w + 2, 0.0)
    dif = Array.new(w + 2, 0)
    out = String.new(capacity: w * h, encoding: Encoding::BINARY)
    active = []
    ei = 0
    inv = 255.0 / ss
    h.times do |row|
      acc.fill(0.0)
      dif.fill(0)
      touched = false
      ss.times do |s|
        j = row * ss + s
        while ei < edges.size && edges[ei][0] <= j
          e = edges[ei]
          active << [e[2], e[3], e[1], e[4]]
          ei += 1
        end
        next if active.empty?
        active.reject! { |a| a[2] < j }
        next if active.empty?
        xs = active.map { |a| [a[0], a[3]] }
        active.each { |a| a[0] += a[1] }
        xs.sort_by! { |a| a[0] }
        wnd = 0
        xa = nil
        xs.each do |x, d|
          prev = wnd
          wnd += d
          if prev == 0 && wnd != 0
            xa = x
          elsif prev != 0 && wnd == 0
            span(acc, dif, xa - ox, x - ox, w)
            touched = true
          end
        end
      end
      if touched
        run = 0
        w.times do |i|
          run += dif[i]
          v = ((acc[i] + run) * inv).round
          out << (v > 255 ? 255 : v).chr
        end
      else
        out << ("\x00".b * w)
      end
    end
    [ox, oy, w, h, out]
  end

  def span(acc, dif, a, b, w)
    a = 0.0 if a < 0
    b = w.to_f if b > w
    return if b <= a
    ia = a.floor; ib = b.floor
    if ia == ib
      acc[ia] += b - a
    else
      acc[ia] += ia + 1 - a
      if ib > ia + 1
        dif[ia + 1] += 1
        dif[ib] -= 1
      end
      acc[ib] += b - ib if ib < w
    end
  end
end

# 2x3 affine: [a b c; d e f] maps (x,y) -> (a x + b y + c, d x + e y + f)
class Affine
  attr_reader :m

  def initialize(a = 1.0, b = 0.0, c = 0.0, d = 0.0, e = 1.0, f = 0.0)
    @m = [a, b, c, d, e, f]
  end

  def apply(x, y)
    a, b, c, d, e, f = @m
    [a * x + b * y + c, d * x + e * y + f]
  end

  def linear(x, y)
    a, b, _c, d, e, _f = @m
    [a * x + b * y, d * x + e * y]
  end

  # self after o  (first o then self)
  def *(o)
    a, b, c, d, e, f = @m
    p, q, r, s, t, u = o.m
    Affine.new(a * p + b * s, a * q + b * t, a * r + b * u + c, d * p + e * s, d * q + e * t, d * r + e * u + f)
  end

  def self.rotate(deg, cx = 0.0, cy = 0.0)
    r = deg * Math::PI / 180
    c = Math.cos(r); s = Math.sin(r)
    Affine.new(c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy)
  end

  def self.scale(sx, sy = sx) = Affine.new(sx, 0.0, 0.0, 0.0, sy, 0.0)
  def self.translate(tx, ty) = Affine.new(1.0, 0.0, tx, 0.0, 1.0, ty)

  def key = @m[0, 2].map { |v| v.round(6) } + @m[3, 2].map { |v| v.round(6) }
end

# Greyscale canvas (one byte per pixel, 255 = white). Ink is applied multiplicatively.
class Canvas
  attr_reader :w, :h, :data

  def initialize(w, h, fill = 255)
    @w = w; @h = h
    @data = (fill.chr * (w * h)).b
  end

  # cov: coverage bytes; alpha 0..255 darkening strength at full coverage (255 = black ink)
  def blend_cov(ox, oy, cw, chh, cov, alpha = 255)
    y0 = oy < 0 ? -oy : 0
    y1 = oy + chh > @h ? @h - oy : chh
    x0 = ox < 0 ? -ox : 0
    x1 = ox + cw > @w ? @w - ox : cw
    return if x1 <= x0 || y1 <= y0
    d = @data
    y0.upto(y1 - 1) do |yy|
      ci = yy * cw
      di = (oy + yy) * @w + ox
      x = x0
      while x < x1
        c = cov.getbyte(ci + x)
        if c != 0
          a = (c * alpha + 127) / 255
          o = d.getbyte(di + x)
          d.setbyte(di + x, o - (o * a + 127) / 255)
        end
        x += 1
      end
    end
  end

  def fill_polys(polys, alpha = 255, ss = 4)
    r = Raster.fill(polys, ss, [0, 0, @w, @h])
    return unless r
    blend_cov(r[0], r[1], r[2], r[3], r[4], alpha)
    r
  end

  def row(y) = @data.byteslice(y * @w, @w)

  def set_row(y, s)
    @data[y * @w, @w] = s
  end
end

# Font wrapper with glyph bitmap cache
class GlyphCache
  def initialize
    @c = {}
  end

  # returns [dx, dy, w, h, cov] offset from the integer pen position
  def get(font, gid, size_px_x, size_px_y, lin, fx, fy, variant = nil)
    key = [font.object_id, gid, size_px_x.round(3), size_px_y.round(3), lin, fx, fy, variant]
    @c[key] ||= begin
      s = 1.0 / font.upem
      a, b, d, e = lin
      vx = fx / 4.0; vy = fy / 4.0
      tf = variant && variant[:shear] ? variant[:shear] : 0.0
      polys = font.contours(gid).map do |ct|
        mapped = ct.map do |x, y, on|
          gx = (x + tf * y) * s * size_px_x
          gy = -y * s * size_px_y
          [a * gx + b * gy + vx, d * gx + e * gy + vy, on]
        end
        Geo.tt_contour_to_poly(mapped, 0.2)
      end
      r = polys.empty? ? nil : Raster.fill(polys, 4)
      r
    end
  end
end
