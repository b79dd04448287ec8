# frozen_string_literal: true
require 'zlib'
require 'digest'
require_relative 'jpeg'
require_relative 'ccitt'
# Image-only PDF writer and a checker that parses the xref, counts pages and decodes every image.
module PDF
  module_function

  # pages: [{img: bytes, filter: :dct|:ccitt|:flate, w:, h:, cs: :gray|:rgb, bpc:, wpt:, hpt:, rotate: 0}]
  def write(path, pages)
    objs = []
    objs[1] = '<< /Type /Catalog /Pages 2 0 R >>'
    kids = []
    n = 3
    pages.each do |pg|
      page_id = n; content_id = n + 1; img_id = n + 2
      n += 3
      kids << page_id
      wpt = format('%.2f', pg[:wpt]); hpt = format('%.2f', pg[:hpt])
      rot = pg[:rotate].to_i.zero? ? '' : " /Rotate #{pg[:rotate]}"
      objs[page_id] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 #{wpt} #{hpt}]#{rot} " \
                      "/Resources << /XObject << /Im0 #{img_id} 0 R >> >> /Contents #{content_id} 0 R >>"
      cs = "q #{wpt} 0 0 #{hpt} 0 0 cm /Im0 Do Q\n"
      objs[content_id] = [format('<< /Length %d >>', cs.bytesize), cs]
      filt = case pg[:filter]
             when :dct then '/Filter /DCTDecode'
             when :ccitt then "/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns #{pg[:w]} /Rows #{pg[:h]} >>"
             when :flate then '/Filter /FlateDecode'
             end
      csn = pg[:cs] == :rgb ? '/DeviceRGB' : '/DeviceGray'
      objs[img_id] = ["<< /Type /XObject /Subtype /Image /Width #{pg[:w]} /Height #{pg[:h]} /ColorSpace #{csn} " \
                      "/BitsPerComponent #{pg[:bpc]} #{filt} /Length #{pg[:img].bytesize} >>", pg[:img]]
    end
    objs[2] = "<< /Type /Pages /Kids [#{kids.map { |k| "#{k} 0 R" }.join(' ')}] /Count #{kids.size} >>"
    out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".b
    offs = []
    (1...objs.size).each do |i|
      offs[i] = out.bytesize
      o = objs[i]
      out << "#{i} 0 obj\n"
      if o.is_a?(Array)
        out << o[0] << "\nstream\n" << o[1].b << "\nendstream\nendobj\n"
      else
        out << o << "\nendobj\n"
      end
    end
    xref = out.bytesize
    out << "xref\n0 #{objs.size}\n0000000000 65535 f \n"
    (1...objs.size).each { |i| out << format("%010d 00000 n \n", offs[i]) }
    out << "trailer\n<< /Size #{objs.size} /Root 1 0 R >>\nstartxref\n#{xref}\n%%EOF\n"
    File.binwrite(path, out)
  end

  def parse_dict_value(dict, key)
    m = dict.match(%r{/#{key}\s*(\[[^\]]*\]|<<.*?>>|/\w+|[-\d.]+(?:\s+\d+\s+R)?)}m)
    m && m[1]
  end

  # returns {pages:, page_info: [...]} or raises
  def check(path)
    s = File.binread(path).b
    raise 'no header' unless s.start_with?('%PDF-')
    raise 'no EOF' unless s.rstrip.end_with?('%%EOF')
    sx = s.rindex('startxref') or raise 'no startxref'
    xoff = s[sx + 9, 20][/\d+/].to_i
    raise 'xref offset wrong' unless s[xoff, 4] == 'xref'
    first, count = s[xoff + 5, 40].match(/(\d+)\s+(\d+)/).captures.map(&:to_i)
    hdr_end = s.index("\n", s.index("\n", xoff) + 1) + 1
    offs = {}
    count.times do |i|
      e = s[hdr_end + 20 * i, 20]
      raise 'bad xref entry' unless e =~ /\A(\d{10}) (\d{5}) ([nf])/
      offs[first + i] = Regexp.last_match(1).to_i if Regexp.last_match(3) == 'n'
    end
    tr = s[s.index('trailer', xoff)..]
    root = tr[%r{/Root\s+(\d+)\s+0\s+R}, 1].to_i
    obj = lambda do |num|
      o = offs[num] or raise "object #{num} missing from xref"
      raise "object #{num} not at its xref offset" unless s[o, 40] =~ /\A#{num} 0 obj/
      body_start = s.index('obj', o) + 3
      if (si = s.index('stream', body_start)) && si < s.index('endobj', body_start)
        dict = s[body_start...si]
        len = dict[%r{/Length\s+(\d+)}, 1].to_i
        ds = si + 6
        ds += 1 if s[ds] == "\r"
        ds += 1 if s[ds] == "\n"
        data = s[ds, len]
        raise "stream #{num} length wrong" unless s[ds + len, 20] =~ /\A\s*endstream/
        [dict, data]
      else
        [s[body_start...s.index('endobj', body_start)], nil]
      end
    end
    cat = obj.call(root)[0]
    raise 'root not a catalog' unless cat.include?('/Type /Catalog')
    pages_id = cat[%r{/Pages\s+(\d+)\s+0\s+R}, 1].to_i
    pd = obj.call(pages_id)[0]
    kids = pd[%r{/Kids\s*\[([^\]]*)\]}, 1].scan(/(\d+)\s+0\s+R/).flatten.map(&:to_i)
    cnt = pd[%r{/Count\s+(\d+)}, 1].to_i
    raise 'Count != Kids' unless cnt == kids.size
    raise 'font or text found' if s.include?('/Font') || s.include?('/ToUnicode')
    info = kids.map do |k|
      d = obj.call(k)[0]
      raise 'kid is not a page' unless d.include?('/Type /Page')
      mb = d[%r{/MediaBox\s*\[([^\]]*)\]}, 1].split.map(&:to_f)
      rot = d[%r{/Rotate\s+(-?\d+)}, 1].to_i
      cid = d[%r{/Contents\s+(\d+)\s+0\s+R}, 1].to_i
      content = obj.call(cid)[1]
      raise 'text operators in content' if content =~ /\bBT\b|\bTj\b|\bTJ\b|\bTf\b/
      raise 'unexpected content' unless content =~ %r{\Aq [\d.]+ 0 0 [\d.]+ 0 0 cm /Im0 Do Q\s*\z}
      iid = d[%r{/Im0\s+(\d+)\s+0\s+R}, 1].to_i
      idict, img = obj.call(iid)
      raise 'not an image' unless idict.include?('/Subtype /Image')
      w = idict[%r{/Width\s+(\d+)}, 1].to_i; h = idict[%r{/Height\s+(\d+)}, 1].to_i
      filt = idict[%r{/Filter\s*/(\w+)}, 1]
      raw = nil
      case filt
      when 'DCTDecode'
        v = JPEG.validate(img)
        raise 'JPEG size mismatch' unless v[:w] == w && v[:h] == h
      when 'CCITTFaxDecode'
        rows = CCITT.decode_g4(img, w, h)
        raise 'G4 row count' unless rows.size == h && rows.all? { |r| r.size == w }
        raw = rows.join
      when 'FlateDecode'
        bpc = idict[%r{/BitsPerComponent\s+(\d+)}, 1].to_i
        ncomp = idict.include?('/DeviceRGB') ? 3 : 1
        raw = Zlib::Inflate.inflate(img)
        raise 'Flate size mismatch' unless raw.bytesize == w * h * ncomp * bpc / 8
      else raise "unexpected filter #{filt}"
      end
      { w: w, h: h, filter: filt, mediabox: mb, rotate: rot, raw_sha256: raw && Digest::SHA256.hexdigest(raw), jpeg: filt == 'DCTDecode' ? img : nil }
    end
    { pages: kids.size, page_info: info }
  end
end
