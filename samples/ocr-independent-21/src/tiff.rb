# frozen_string_literal: true
require 'zlib'
require_relative 'ccitt'
# TIFF writer/reader: uncompressed, PackBits, LZW, Deflate, CCITT G3 1-D and G4; strips; II and MM; multi-page.
module TIFF
  module_function

  def packbits(row)
    out = String.new(encoding: Encoding::BINARY)
    b = row.bytes
    i = 0
    n = b.size
    while i < n
      j = i
      j += 1 while j + 1 < n && b[j + 1] == b[i] && j - i < 127
      if j > i
        out << (257 - (j - i + 1)) << b[i]
        i = j + 1
      else
        k = i
        k += 1 while k + 1 < n && k - i < 127 && !(k + 2 < n && b[k + 1] == b[k + 2])
        out << (k - i) << row.byteslice(i, k - i + 1)
        i = k + 1
      end
    end
    out
  end

  def unpackbits(data, expect)
    out = String.new(encoding: Encoding::BINARY)
    i = 0
    while out.bytesize < expect && i < data.bytesize
      h = data.getbyte(i)
      i += 1
      if h < 128
        out << data.byteslice(i, h + 1)
        i += h + 1
      elsif h > 128
        out << (data.byteslice(i, 1) * (257 - h))
        i += 1
      end
    end
    out
  end

  def lzw_encode(data)
    out = String.new(encoding: Encoding::BINARY)
    acc = 0; nb = 0
    put = lambda do |code, width|
      acc = (acc << width) | code
      nb += width
      while nb >= 8
        nb -= 8
        out << ((acc >> nb) & 0xFF)
      end
      acc &= (1 << nb) - 1
    end
    width = 9
    put.call(256, width)
    dict = {}
    nxt = 258
    return (put.call(257, width); out) if data.empty?
    w = data.getbyte(0)
    i = 1
    n = data.bytesize
    while i < n
      c = data.getbyte(i)
      key = (w << 8) | c
      v = dict[key]
      if v
        w = v
      else
        put.call(w, width)
        dict[key] = nxt
        nxt += 1
        if nxt == 4094
          put.call(256, width)
          dict = {}
          nxt = 258
          width = 9
        elsif nxt == (1 << width) && width < 12
          width += 1
        end
        w = c
      end
      i += 1
    end
    put.call(w, width)
    nxt += 1
    width += 1 if nxt == (1 << width) && width < 12
    put.call(257, width)
    put.call(0, 8 - nb) if nb > 0
    out
  end

  def lzw_decode(data)
    bits = data.unpack1('B*')
    pos = 0
    width = 9
    table = nil
    reset = -> { table = (0..255).map { |c| c.chr.b } + [nil, nil] }
    reset.call
    out = String.new(encoding: Encoding::BINARY)
    prev = nil
    loop do
      raise 'LZW: ran out of data' if pos + width > bits.size
      code = bits[pos, width].to_i(2)
      pos += width
      break if code == 257
      if code == 256
        reset.call
        width = 9
        prev = nil
        next
      end
      if prev.nil?
        e = table[code]
        out << e
        prev = code
        next
      end
      if code < table.size
        e = table[code]
        table << (table[prev] + e[0])
      elsif code == table.size
        e = table[prev] + table[prev][0]
        table << e
      else
        raise "LZW: bad code #{code}"
      end
      out << e
      width += 1 if table.size + 1 == (1 << width) && width < 12
      prev = code
    end
    out
  end

  # page: {w:, h:, kind: :bilevel|:grey|:rgb, rows: (bilevel: array of '0'/'1' strings; else nil),
  #        data: (grey/rgb: packed bytes), comp: :none|:packbits|:lzw|:deflate|:g3|:g4, rps:, dpi: [x,y]}
  def write(path, pages, order: :II)
    en = order == :II ? '<' : '>'
    s16 = "S#{en}"; s32 = "L#{en}"
    out = String.new(encoding: Encoding::BINARY)
    out << (order == :II ? 'II' : 'MM') << [42].pack(s16) << [0].pack(s32)
    ifd_ptr_pos = 4
    pages.each_with_index do |pg, pno|
      w = pg[:w]; h = pg[:h]; rps = pg[:rps]
      strips = []
      (0...h).step(rps) do |y0|
        n = [rps, h - y0].min
        raw = case pg[:kind]
              when :bilevel
                rows = pg[:rows][y0, n]
                case pg[:comp]
                when :g4 then CCITT.encode_g4(rows, w)
                when :g3 then CCITT.encode_g3(rows)
                else rows.map { |r| [r].pack('B*') }.join
                end
              when :grey then pg[:data].byteslice(y0 * w, n * w)
              when :rgb then pg[:data].byteslice(y0 * w * 3, n * w * 3)
              end
        unless %i[g3 g4].include?(pg[:comp])
          raw = case pg[:comp]
                when :packbits
                  stride = pg[:kind] == :bilevel ? (w + 7) / 8 : (pg[:kind] == :rgb ? 3 * w : w)
                  (0...n).map { |k| packbits(raw.byteslice(k * stride, stride)) }.join
                when :lzw then lzw_encode(raw)
                when :deflate then Zlib::Deflate.deflate(raw, 9)
                else raw
                end
        end
        strips << raw
      end
      offsets = []
      strips.each do |st|
        offsets << out.bytesize
        out << st
        out << "\x00" if out.bytesize.odd?
      end
      comp = { none: 1, g3: 3, g4: 4, lzw: 5, deflate: 8, packbits: 32_773 }[pg[:comp]]
      spp = pg[:kind] == :rgb ? 3 : 1
      bps = pg[:kind] == :bilevel ? 1 : 8
      photo = { bilevel: 0, grey: 1, rgb: 2 }[pg[:kind]]
      tags = []
      tags << [254, 4, [pages.size > 1 ? 2 : 0]]
      tags << [256, w < 65_536 ? 3 : 4, [w]] << [257, h < 65_536 ? 3 : 4, [h]] << [258, 3, [bps] * spp] << [259, 3, [comp]] << [262, 3, [photo]]
      tags << [273, 4, offsets] << [277, 3, [spp]] << [278, rps < 65_536 ? 3 : 4, [rps]] << [279, 4, strips.map(&:bytesize)]
      tags << [282, 5, [[pg[:dpi][0], 1]]] << [283, 5, [[pg[:dpi][1], 1]]] << [284, 3, [1]]
      tags << [292, 4, [4]] if pg[:comp] == :g3
      tags << [293, 4, [0]] if pg[:comp] == :g4
      tags << [296, 3, [2]]
      tags << [297, 3, [pno, pages.size]] if pages.size > 1
      tags << [305, 2, "ocr21 ruby\x00".b] if pno.zero?
      tags.sort_by!(&:first)
      # out-of-line values go before the IFD
      entries = []
      tags.each do |tag, type, vals|
        bytes = case type
                when 2 then vals
                when 3 then vals.pack("#{s16}*")
                when 4 then vals.pack("#{s32}*")
                when 5 then vals.flatten.pack("#{s32}*")
                end
        count = type == 2 ? vals.bytesize : vals.size
        if bytes.bytesize > 4
          off = out.bytesize
          out << bytes
          out << "\x00" if out.bytesize.odd?
          entries << [tag, type, count, [off].pack(s32)]
        else
          entries << [tag, type, count, bytes.ljust(4, "\x00")]
        end
      end
      ifd = out.bytesize
      out[ifd_ptr_pos, 4] = [ifd].pack(s32)
      out << [entries.size].pack(s16)
      entries.each { |t, ty, c, v| out << [t, ty].pack("#{s16}2") << [c].pack(s32) << v }
      ifd_ptr_pos = out.bytesize
      out << [0].pack(s32)
    end
    File.binwrite(path, out)
  end

  # returns array of pages {w:, h:, kind:, comp:, dpi:, rows: or data:, strips:, rps:}
  def read(path)
    s = File.binread(path).b
    en = case s[0, 2]
         when 'II' then '<'
         when 'MM' then '>'
         else raise 'bad byte order'
         end
    s16 = "S#{en}"; s32 = "L#{en}"
    raise 'bad magic' unless s[2, 2].unpack1(s16) == 42
    ifd = s[4, 4].unpack1(s32)
    pages = []
    seen = {}
    while ifd != 0
      raise 'IFD loop' if seen[ifd]
      seen[ifd] = true
      n = s[ifd, 2].unpack1(s16)
      t = {}
      n.times do |i|
        e = ifd + 2 + 12 * i
        tag, type = s[e, 4].unpack("#{s16}2")
        count = s[e + 4, 4].unpack1(s32)
        size = { 1 => 1, 2 => 1, 3 => 2, 4 => 4, 5 => 8 }[type] * count
        vo = size > 4 ? s[e + 8, 4].unpack1(s32) : e + 8
        raw = s[vo, size]
        t[tag] = case type
                 when 2 then raw
                 when 3 then raw.unpack("#{s16}*")
                 when 4 then raw.unpack("#{s32}*")
                 when 5 then raw.unpack("#{s32}*").each_slice(2).map { |a, b| a.to_f / b }
                 else raw.bytes
                 end
      end
      ifd = s[ifd + 2 + 12 * n, 4].unpack1(s32)
      w = t[256][0]; h = t[257][0]
      comp = t[259][0]
      spp = (t[277] || [1])[0]
      bps = t[258][0]
      rps = (t[278] || [h])[0]
      kind = bps == 1 ? :bilevel : (spp == 3 ? :rgb : :grey)
      raise 'only WhiteIsZero bilevel supported' if kind == :bilevel && t[262][0] != 0
      stride = kind == :bilevel ? (w + 7) / 8 : w * spp
      rows = []
      data = String.new(encoding: Encoding::BINARY)
      t[273].each_with_index do |off, si|
        st = s[off, t[279][si]]
        nrows = [rps, h - si * rps].min
        case comp
        when 4 then rows.concat(CCITT.decode_g4(st, w, nrows))
        when 3
          raise 'unsupported T4Options' unless (t[292] || [0])[0] & 1 == 0
          rows.concat(CCITT.decode_g3(st, w, nrows))
        else
          raw = case comp
                when 1 then st
                when 5 then lzw_decode(st)
                when 8, 32_946 then Zlib::Inflate.inflate(st)
                when 32_773 then unpackbits(st, stride * nrows)
                else raise "unsupported compression #{comp}"
                end
          raise "strip #{si}: got #{raw.bytesize} bytes, want #{stride * nrows}" if raw.bytesize < stride * nrows
          raw = raw.byteslice(0, stride * nrows)
          if kind == :bilevel
            nrows.times { |k| rows << raw.byteslice(k * stride, stride).unpack1('B*')[0, w] }
          else
            data << raw
          end
        end
      end
      pages << { w: w, h: h, kind: kind, comp: comp, rps: rps, dpi: [t[282][0], t[283][0]], strips: t[273].size,
                 rows: (kind == :bilevel ? rows : nil), data: (kind == :bilevel ? nil : data) }
    end
    pages
  end
end
