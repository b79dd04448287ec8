# frozen_string_literal: true
# Baseline JPEG encoder (float AAN DCT, IJG-scaled Annex K tables, standard Huffman tables) and an
# entropy-level validator (parses markers and Huffman-decodes every block).
module JPEG
  module_function

  ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
            28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
            54, 47, 55, 62, 63].freeze
  LUMA_Q = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
            87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120,
            101, 72, 92, 95, 98, 112, 100, 103, 99].freeze
  CHROMA_Q = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99,
              99, 99, 99, 99] + [99] * 32
  DC_L_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0].freeze
  DC_L_VALS = (0..11).to_a.freeze
  DC_C_BITS = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0].freeze
  DC_C_VALS = (0..11).to_a.freeze
  AC_L_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d].freeze
  AC_L_VALS = [0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71,
               0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72,
               0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37,
               0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
               0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83,
               0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3,
               0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
               0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
               0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9,
               0xfa].freeze
  AC_C_BITS = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77].freeze
  AC_C_VALS = [0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22,
               0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1,
               0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36,
               0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58,
               0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a,
               0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a,
               0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba,
               0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
               0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9,
               0xfa].freeze
  AAN = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.541196100, 0.275899379].freeze

  def huff_codes(bits, vals)
    codes = {}
    code = 0; k = 0
    16.times do |l|
      bits[l].times do
        codes[vals[k]] = [code, l + 1]
        code += 1; k += 1
      end
      code <<= 1
    end
    codes
  end

  def qtable(base, q)
    q = q.clamp(1, 100)
    scale = q < 50 ? 5000 / q : 200 - q * 2
    base.map { |v| ((v * scale + 50) / 100).clamp(1, 255) }
  end

  class BitWriter
    attr_reader :out

    def initialize
      @out = String.new(encoding: Encoding::BINARY)
      @acc = 0; @n = 0
    end

    def put(code, len)
      @acc = (@acc << len) | code
      @n += len
      while @n >= 8
        @n -= 8
        b = (@acc >> @n) & 0xFF
        @out << b
        @out << 0 if b == 0xFF
      end
      @acc &= (1 << @n) - 1
    end

    def flush
      put((1 << (8 - @n)) - 1, 8 - @n) if @n > 0
    end
  end

  # planes: [[data, w, h]] full-size planes (Y or Y,Cb,Cr already converted); sub: true for 4:2:0
  def encode(path, w, h, planes, quality, dpi, sub: false, colour: false)
    ql = qtable(LUMA_Q, quality)
    qc = qtable(CHROMA_Q, quality)
    dcl = huff_codes(DC_L_BITS, DC_L_VALS); acl = huff_codes(AC_L_BITS, AC_L_VALS)
    dcc = huff_codes(DC_C_BITS, DC_C_VALS); acc = huff_codes(AC_C_BITS, AC_C_VALS)
    dpix, dpiy = dpi.is_a?(Array) ? dpi : [dpi, dpi]
    s = "\xFF\xD8".b
    app = "JFIF\x00".b + [1, 1, 1, dpix, dpiy, 0, 0].pack('CCCnnCC')
    s << [0xFFE0, app.bytesize + 2].pack('nn') << app
    dqt = [0].pack('C') + ZIGZAG.map { |i| ql[i] }.pack('C*')
    dqt << [1].pack('C') + ZIGZAG.map { |i| qc[i] }.pack('C*') if colour
    s << [0xFFDB, dqt.bytesize + 2].pack('nn') << dqt
    comps = colour ? [[1, sub ? 0x22 : 0x11, 0], [2, 0x11, 1], [3, 0x11, 1]] : [[1, 0x11, 0]]
    sof = [8, h, w, comps.size].pack('CnnC') + comps.map { |c| c.pack('CCC') }.join
    s << [0xFFC0, sof.bytesize + 2].pack('nn') << sof
    dht = [0x00].pack('C') + DC_L_BITS.pack('C*') + DC_L_VALS.pack('C*')
    dht << [0x10].pack('C') + AC_L_BITS.pack('C*') + AC_L_VALS.pack('C*')
    if colour
      dht << [0x01].pack('C') + DC_C_BITS.pack('C*') + DC_C_VALS.pack('C*')
      dht << [0x11].pack('C') + AC_C_BITS.pack('C*') + AC_C_VALS.pack('C*')
    end
    s << [0xFFC4, dht.bytesize + 2].pack('nn') << dht
    sos = [comps.size].pack('C') + comps.map { |c| [c[0], c[2] == 0 ? 0x00 : 0x11].pack('CC') }.join + [0, 63, 0].pack('CCC')
    s << [0xFFDA, sos.bytesize + 2].pack('nn') << sos
    # divisor tables in natural order
    divl = Array.new(64) { |k| ql[k] * AAN[k / 8] * AAN[k % 8] * 8.0 }
    divc = Array.new(64) { |k| qc[k] * AAN[k / 8] * AAN[k % 8] * 8.0 }
    bw = BitWriter.new
    mcu = colour && sub ? 16 : 8
    mw = (w + mcu - 1) / mcu; mh = (h + mcu - 1) / mcu
    pred = [0, 0, 0]
    blk = Array.new(64, 0.0)
    if colour && sub
      cw = (w + 1) / 2; ch = (h + 1) / 2
      cbp = subsample(planes[1], w, h); crp = subsample(planes[2], w, h)
    end
    mh.times do |my|
      bands = planes.each_with_index.map do |(pl, _), ci|
        if colour && sub && ci > 0
          nil
        else
          rows_for(pl, w, h, my * mcu, mcu)
        end
      end
      if colour && sub
        cbr = rows_for(cbp, cw, ch, my * 8, 8); crr = rows_for(crp, cw, ch, my * 8, 8)
      end
      mw.times do |mx|
        if colour && sub
          [[0, 0], [8, 0], [0, 8], [8, 8]].each do |dx, dy|
            load_block(bands[0], mx * 16 + dx, dy, w, blk)
            pred[0] = code_block(blk, divl, pred[0], dcl, acl, bw)
          end
          load_block(cbr, mx * 8, 0, cw, blk)
          pred[1] = code_block(blk, divc, pred[1], dcc, acc, bw)
          load_block(crr, mx * 8, 0, cw, blk)
          pred[2] = code_block(blk, divc, pred[2], dcc, acc, bw)
        else
          planes.size.times do |ci|
            load_block(bands[ci], mx * 8, 0, w, blk)
            pred[ci] = code_block(blk, ci == 0 ? divl : divc, pred[ci], ci == 0 ? dcl : dcc, ci == 0 ? acl : acc, bw)
          end
        end
      end
    end
    bw.flush
    s << bw.out << "\xFF\xD9".b
    File.binwrite(path, s) if path
    s
  end

  def subsample(pl, w, h)
    cw = (w + 1) / 2; ch = (h + 1) / 2
    out = String.new(capacity: cw * ch, encoding: Encoding::BINARY)
    ch.times do |y|
      r0 = pl.byteslice(2 * y * w, w).bytes
      r1 = 2 * y + 1 < h ? pl.byteslice((2 * y + 1) * w, w).bytes : r0
      row = Array.new(cw) do |x|
        x0 = 2 * x; x1 = x0 + 1 < w ? x0 + 1 : x0
        (r0[x0] + r0[x1] + r1[x0] + r1[x1] + 2) >> 2
      end
      out << row.pack('C*')
    end
    out
  end

  def rows_for(pl, w, h, y0, n)
    (0...n).map do |i|
      y = y0 + i
      y = h - 1 if y >= h
      pl.byteslice(y * w, w).bytes
    end
  end

  def load_block(rows, x0, dy, w, blk)
    k = 0
    8.times do |r|
      row = rows[dy + r]
      if x0 + 8 <= w
        8.times { |c| blk[k] = row[x0 + c] - 128.0; k += 1 }
      else
        8.times { |c| x = x0 + c; x = w - 1 if x >= w; blk[k] = row[x] - 128.0; k += 1 }
      end
    end
  end

  def fdct(d)
    8.times do |r|
      o = r * 8
      t0 = d[o] + d[o + 7]; t7 = d[o] - d[o + 7]
      t1 = d[o + 1] + d[o + 6]; t6 = d[o + 1] - d[o + 6]
      t2 = d[o + 2] + d[o + 5]; t5 = d[o + 2] - d[o + 5]
      t3 = d[o + 3] + d[o + 4]; t4 = d[o + 3] - d[o + 4]
      t10 = t0 + t3; t13 = t0 - t3; t11 = t1 + t2; t12 = t1 - t2
      d[o] = t10 + t11; d[o + 4] = t10 - t11
      z1 = (t12 + t13) * 0.707106781
      d[o + 2] = t13 + z1; d[o + 6] = t13 - z1
      t10 = t4 + t5; t11 = t5 + t6; t12 = t6 + t7
      z5 = (t10 - t12) * 0.382683433
      z2 = 0.541196100 * t10 + z5; z4 = 1.306562965 * t12 + z5; z3 = t11 * 0.707106781
      z11 = t7 + z3; z13 = t7 - z3
      d[o + 5] = z13 + z2; d[o + 3] = z13 - z2; d[o + 1] = z11 + z4; d[o + 7] = z11 - z4
    end
    8.times do |o|
      t0 = d[o] + d[o + 56]; t7 = d[o] - d[o + 56]
      t1 = d[o + 8] + d[o + 48]; t6 = d[o + 8] - d[o + 48]
      t2 = d[o + 16] + d[o + 40]; t5 = d[o + 16] - d[o + 40]
      t3 = d[o + 24] + d[o + 32]; t4 = d[o + 24] - d[o + 32]
      t10 = t0 + t3; t13 = t0 - t3; t11 = t1 + t2; t12 = t1 - t2
      d[o] = t10 + t11; d[o + 32] = t10 - t11
      z1 = (t12 + t13) * 0.707106781
      d[o + 16] = t13 + z1; d[o + 48] = t13 - z1
      t10 = t4 + t5; t11 = t5 + t6; t12 = t6 + t7
      z5 = (t10 - t12) * 0.382683433
      z2 = 0.541196100 * t10 + z5; z4 = 1.306562965 * t12 + z5; z3 = t11 * 0.707106781
      z11 = t7 + z3; z13 = t7 - z3
      d[o + 40] = z13 + z2; d[o + 24] = z13 - z2; d[o + 8] = z11 + z4; d[o + 56] = z11 - z4
    end
  end

  def bitsize(v)
    v = -v if v < 0
    n = 0
    while v > 0
      n += 1; v >>= 1
    end
    n
  end

  def code_block(blk, div, pred, dct, act, bw)
    flat = true
    b0 = blk[0]
    k = 1
    while k < 64
      if blk[k] != b0
        flat = false
        break
      end
      k += 1
    end
    if flat
      dc = (b0 * 64.0 / div[0]).round
      diff = dc - pred
      sz = bitsize(diff)
      c = dct[sz]; bw.put(c[0], c[1])
      bw.put(diff < 0 ? diff + (1 << sz) - 1 : diff, sz) if sz > 0
      c = act[0]; bw.put(c[0], c[1])
      return dc
    end
    fdct(blk)
    dc = (blk[0] / div[0]).round
    diff = dc - pred
    sz = bitsize(diff)
    c = dct[sz]; bw.put(c[0], c[1])
    bw.put(diff < 0 ? diff + (1 << sz) - 1 : diff, sz) if sz > 0
    run = 0
    i = 1
    while i < 64
      z = ZIGZAG[i]
      v = (blk[z] / div[z]).round
      if v == 0
        run += 1
      else
        while run > 15
          c = act[0xF0]; bw.put(c[0], c[1]); run -= 16
        end
        sz = bitsize(v)
        c = act[(run << 4) | sz]; bw.put(c[0], c[1])
        bw.put(v < 0 ? v + (1 << sz) - 1 : v, sz)
        run = 0
      end
      i += 1
    end
    if run > 0
      c = act[0]; bw.put(c[0], c[1])
    end
    dc
  end

  # RGB planes -> Y, Cb, Cr planes
  def ycc(r, g, b)
    n = r.bytesize
    ra = r.bytes; ga = g.bytes; ba = b.bytes
    y = Array.new(n); cb = Array.new(n); cr = Array.new(n)
    i = 0
    while i < n
      rr = ra[i]; gg = ga[i]; bb = ba[i]
      y[i] = ((19595 * rr + 38470 * gg + 7471 * bb + 32768) >> 16)
      v = ((-11059 * rr - 21709 * gg + 32768 * bb + 32768) >> 16) + 128
      cb[i] = v < 0 ? 0 : (v > 255 ? 255 : v)
      v = ((32768 * rr - 27439 * gg - 5329 * bb + 32768) >> 16) + 128
      cr[i] = v < 0 ? 0 : (v > 255 ? 255 : v)
      i += 1
    end
    [y.pack('C*'), cb.pack('C*'), cr.pack('C*')]
  end

  # --- validator: parse markers and entropy-decode all blocks ---
  def validate(data)
    s = data.b
    raise 'no SOI' unless s.getbyte(0) == 0xFF && s.getbyte(1) == 0xD8
    pos = 2
    info = { huff: {} }
    loop do
      raise 'bad marker' unless s.getbyte(pos) == 0xFF
      m = s.getbyte(pos + 1)
      len = s.byteslice(pos + 2, 2).unpack1('n')
      seg = s.byteslice(pos + 4, len - 2)
      case m
      when 0xE0
        raise 'no JFIF' unless seg[0, 5] == "JFIF\x00".b
        info[:density] = seg.byteslice(7, 5).unpack('Cnn')
      when 0xC0
        _p, h, w, nc = seg.unpack('CnnC')
        info[:w] = w; info[:h] = h
        info[:comps] = (0...nc).map { |i| seg.byteslice(6 + 3 * i, 3).bytes }
      when 0xC4
        q = 0
        while q < seg.bytesize
          tc = seg.getbyte(q)
          bits = seg.byteslice(q + 1, 16).bytes
          n = bits.sum
          vals = seg.byteslice(q + 17, n).bytes
          info[:huff][tc] = huff_codes(bits, vals).to_h { |v, (c, l)| [[l, c], v] }
          q += 17 + n
        end
      when 0xDA
        ns = seg.getbyte(0)
        info[:scan] = (0...ns).map { |i| seg.byteslice(1 + 2 * i, 2).bytes }
        pos += 2 + len
        break
      end
      pos += 2 + len
    end
    # entropy decode
    ent_end = s.bytesize - 2
    raise 'no EOI' unless s.byteslice(ent_end, 2) == "\xFF\xD9".b
    bytes = s.byteslice(pos, ent_end - pos).gsub("\xFF\x00".b, "\xFF".b)
    bits = bytes.unpack1('B*')
    bp = 0
    hmax = info[:comps].map { |c| c[1] >> 4 }.max
    vmax = info[:comps].map { |c| c[1] & 15 }.max
    mcux = (info[:w] + 8 * hmax - 1) / (8 * hmax)
    mcuy = (info[:h] + 8 * vmax - 1) / (8 * vmax)
    decode_sym = lambda do |tbl|
      code = 0
      1.upto(16) do |l|
        code = (code << 1) | (bits.getbyte(bp) == 49 ? 1 : 0)
        bp += 1
        v = tbl[[l, code]]
        return v if v
      end
      raise 'bad huffman code'
    end
    blocks = 0
    (mcux * mcuy).times do
      info[:comps].each_with_index do |c, ci|
        td, ta = info[:scan][ci][1] >> 4, info[:scan][ci][1] & 15
        ((c[1] >> 4) * (c[1] & 15)).times do
          t = decode_sym.call(info[:huff][td])
          bp += t
          k = 1
          while k < 64
            rs = decode_sym.call(info[:huff][0x10 | ta])
            r = rs >> 4; sz = rs & 15
            if sz == 0
              break if r == 0
              k += 16
            else
              k += r
              bp += sz
              k += 1
            end
          end
          raise 'coefficient overflow' if k > 64
          blocks += 1
        end
      end
    end
    raise 'entropy data length mismatch' if bits.bytesize - bp >= 8
    info.delete(:huff)
    info[:blocks] = blocks
    info
  end
end

module JPEG
  module_function

  IDCT_T = Array.new(8) { |x| Array.new(8) { |u| (u.zero? ? Math.sqrt(0.5) : 1.0) * Math.cos((2 * x + 1) * u * Math::PI / 16) / 2 } }.freeze

  # Full baseline decoder (textbook separable IDCT, independent of the encoder's AAN DCT).
  # Returns {w:, h:, planes: [Y] or [R,G,B]} as byte strings.
  def decode(data)
    s = data.b
    pos = 2
    q = {}; huff = {}; comps = nil; w = h = 0; scan = nil
    loop do
      m = s.getbyte(pos + 1)
      len = s.byteslice(pos + 2, 2).unpack1('n')
      seg = s.byteslice(pos + 4, len - 2)
      case m
      when 0xDB
        k = 0
        while k < seg.bytesize
          t = seg.getbyte(k) & 15
          zz = seg.byteslice(k + 1, 64).bytes
          nat = Array.new(64); 64.times { |j| nat[ZIGZAG[j]] = zz[j] }
          q[t] = nat
          k += 65
        end
      when 0xC0
        _p, h, w, nc = seg.unpack('CnnC')
        comps = (0...nc).map { |i| c = seg.byteslice(6 + 3 * i, 3).bytes; { id: c[0], hs: c[1] >> 4, vs: c[1] & 15, tq: c[2] } }
      when 0xC4
        k = 0
        while k < seg.bytesize
          tc = seg.getbyte(k)
          bits = seg.byteslice(k + 1, 16).bytes
          n = bits.sum
          huff[tc] = huff_codes(bits, seg.byteslice(k + 17, n).bytes).to_h { |v, (c, l)| [[l, c], v] }
          k += 17 + n
        end
      when 0xDA
        scan = (0...seg.getbyte(0)).map { |i| seg.byteslice(1 + 2 * i, 2).bytes }
        pos += 2 + len
        break
      end
      pos += 2 + len
    end
    bits = s.byteslice(pos, s.bytesize - 2 - pos).gsub("\xFF\x00".b, "\xFF".b).unpack1('B*')
    bp = 0
    sym = lambda do |tbl|
      code = 0
      1.upto(16) do |l|
        code = (code << 1) | (bits.getbyte(bp) == 49 ? 1 : 0)
        bp += 1
        v = tbl[[l, code]]
        return v if v
      end
      raise 'bad code'
    end
    recv = lambda do |n|
      return 0 if n.zero?
      v = bits[bp, n].to_i(2)
      bp += n
      v < (1 << (n - 1)) ? v - (1 << n) + 1 : v
    end
    hmax = comps.map { |c| c[:hs] }.max; vmax = comps.map { |c| c[:vs] }.max
    mcux = (w + 8 * hmax - 1) / (8 * hmax); mcuy = (h + 8 * vmax - 1) / (8 * vmax)
    pw = comps.map { |c| mcux * c[:hs] * 8 }
    ph = comps.map { |c| mcuy * c[:vs] * 8 }
    planes = comps.each_index.map { |ci| Array.new(pw[ci] * ph[ci], 0) }
    pred = Array.new(comps.size, 0)
    coef = Array.new(64, 0)
    tmp = Array.new(64, 0.0)
    mcuy.times do |my|
      mcux.times do |mx|
        comps.each_with_index do |c, ci|
          td = scan[ci][1] >> 4; ta = scan[ci][1] & 15
          qt = q[c[:tq]]
          c[:vs].times do |by|
            c[:hs].times do |bx|
              coef.fill(0)
              pred[ci] += recv.call(sym.call(huff[td]))
              coef[0] = pred[ci] * qt[0]
              k = 1
              while k < 64
                rs = sym.call(huff[0x10 | ta])
                r = rs >> 4; sz = rs & 15
                if sz.zero?
                  break if r.zero?
                  k += 16
                  next
                end
                k += r
                z = ZIGZAG[k]
                coef[z] = recv.call(sz) * qt[z]
                k += 1
              end
              # IDCT rows then columns
              8.times do |v|
                8.times do |x|
                  acc = 0.0
                  8.times { |u| acc += IDCT_T[x][u] * coef[v * 8 + u] }
                  tmp[v * 8 + x] = acc
                end
              end
              ox = (mx * c[:hs] + bx) * 8; oy = (my * c[:vs] + by) * 8
              pl = planes[ci]; stride = pw[ci]
              8.times do |y|
                8.times do |x|
                  acc = 0.0
                  8.times { |v| acc += IDCT_T[y][v] * tmp[v * 8 + x] }
                  val = (acc + 128).round
                  pl[(oy + y) * stride + ox + x] = val < 0 ? 0 : (val > 255 ? 255 : val)
                end
              end
            end
          end
        end
      end
    end
    # crop / upsample / colour convert
    out = comps.each_index.map do |ci|
      c = comps[ci]
      sx = hmax / c[:hs]; sy = vmax / c[:vs]
      pl = planes[ci]; stride = pw[ci]
      Array.new(w * h) { |i| y = i / w; x = i % w; pl[(y / sy) * stride + x / sx] }
    end
    if comps.size == 3
      yy, cb, cr = out
      r = Array.new(w * h); g = Array.new(w * h); b = Array.new(w * h)
      (w * h).times do |i|
        y = yy[i]; u = cb[i] - 128; v = cr[i] - 128
        r[i] = (y + 1.402 * v).round.clamp(0, 255)
        g[i] = (y - 0.344136 * u - 0.714136 * v).round.clamp(0, 255)
        b[i] = (y + 1.772 * u).round.clamp(0, 255)
      end
      { w: w, h: h, planes: [r.pack('C*'), g.pack('C*'), b.pack('C*')] }
    else
      { w: w, h: h, planes: [out[0].pack('C*')] }
    end
  end
end
