# frozen_string_literal: true
require 'zlib'
# PNG writer and reader (own chunk/CRC code; zlib data from Zlib::Deflate).
module PNG
  module_function

  CRC_TABLE = (0..255).map do |n|
    c = n
    8.times { c = (c & 1) == 1 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
    c
  end.freeze

  def crc32(s)
    c = 0xFFFFFFFF
    s.each_byte { |b| c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >> 8) }
    c ^ 0xFFFFFFFF
  end

  def chunk(type, data)
    [data.bytesize].pack('N') + type + data + [crc32(type + data)].pack('N')
  end

  # mode: :grey (data w*h), :rgb (w*h*3 interleaved), :palette (indices + palette [[r,g,b]..]),
  # :bilevel (rows of packed 1-bit, 1 = white). filter: 0 none, 1 sub, 2 up (applied to all rows)
  def write(path, w, h, mode, data, dpi, palette: nil, filter: 0)
    bpp, ctype, depth = case mode
                        when :grey then [1, 0, 8]
                        when :rgb then [3, 2, 8]
                        when :palette then [1, 3, 8]
                        when :bilevel then [1, 0, 1]
                        end
    stride = mode == :bilevel ? (w + 7) / 8 : w * bpp
    raw = String.new(capacity: (stride + 1) * h, encoding: Encoding::BINARY)
    prev = nil
    h.times do |y|
      row = data.byteslice(y * stride, stride)
      case filter
      when 0
        raw << "\x00" << row
      when 1
        out = row.bytes
        (stride - 1).downto(bpp) { |i| out[i] = (out[i] - out[i - bpp]) & 0xFF }
        raw << "\x01" << out.pack('C*')
      when 2
        if prev
          a = row.bytes; b = prev.bytes
          raw << "\x02" << a.each_index.map { |i| (a[i] - b[i]) & 0xFF }.pack('C*')
        else
          raw << "\x02" << row
        end
      end
      prev = row
    end
    ppm = (dpi / 0.0254).round
    s = "\x89PNG\r\n\x1a\n".b
    s << chunk('IHDR', [w, h, depth, ctype, 0, 0, 0].pack('NNCCCCC'))
    s << chunk('pHYs', [ppm, ppm, 1].pack('NNC'))
    s << chunk('PLTE', palette.map { |c| c.pack('CCC') }.join) if mode == :palette
    z = Zlib::Deflate.deflate(raw, 9)
    off = 0
    while off < z.bytesize
      s << chunk('IDAT', z.byteslice(off, 262_144))
      off += 262_144
    end
    s << chunk('IEND', '')
    File.binwrite(path, s)
  end

  def paeth(a, b, c)
    p = a + b - c
    pa = (p - a).abs; pb = (p - b).abs; pc = (p - c).abs
    pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
  end

  # returns {w:, h:, depth:, ctype:, dpi:, palette:, data:} (data unfiltered rows without filter bytes)
  def read(path)
    s = File.binread(path).b
    raise 'bad signature' unless s[0, 8] == "\x89PNG\r\n\x1a\n".b
    pos = 8
    info = { idat: String.new(encoding: Encoding::BINARY) }
    loop do
      len = s[pos, 4].unpack1('N')
      type = s[pos + 4, 4]
      data = s[pos + 8, len]
      crc = s[pos + 8 + len, 4].unpack1('N')
      raise "bad CRC in #{type}" unless crc == crc32(type + data)
      case type
      when 'IHDR'
        info[:w], info[:h], info[:depth], info[:ctype] = data.unpack('NNCC')
      when 'pHYs'
        x, y, u = data.unpack('NNC')
        info[:dpi] = [(x * 0.0254).round, (y * 0.0254).round] if u == 1
      when 'PLTE'
        info[:palette] = data.bytes.each_slice(3).to_a
      when 'IDAT'
        info[:idat] << data
      when 'IEND'
        break
      end
      pos += 12 + len
    end
    w = info[:w]; h = info[:h]
    bpp = { 0 => 1, 2 => 3, 3 => 1 }[info[:ctype]]
    stride = info[:depth] == 1 ? (w + 7) / 8 : w * bpp
    fb = info[:depth] == 1 ? 1 : bpp
    raw = Zlib::Inflate.inflate(info.delete(:idat))
    raise 'bad IDAT size' unless raw.bytesize == (stride + 1) * h
    out = String.new(capacity: stride * h, encoding: Encoding::BINARY)
    prev = Array.new(stride, 0)
    h.times do |y|
      f = raw.getbyte(y * (stride + 1))
      r = raw.byteslice(y * (stride + 1) + 1, stride).bytes
      case f
      when 0
      when 1 then fb.upto(stride - 1) { |i| r[i] = (r[i] + r[i - fb]) & 0xFF }
      when 2 then stride.times { |i| r[i] = (r[i] + prev[i]) & 0xFF }
      when 3 then stride.times { |i| r[i] = (r[i] + (((i >= fb ? r[i - fb] : 0) + prev[i]) >> 1)) & 0xFF }
      when 4 then stride.times { |i| r[i] = (r[i] + paeth(i >= fb ? r[i - fb] : 0, prev[i], i >= fb ? prev[i - fb] : 0)) & 0xFF }
      else raise "bad filter #{f}"
      end
      out << r.pack('C*')
      prev = r
    end
    info[:data] = out
    info
  end
end
