# frozen_string_literal: true
# Decodes every file of the set with the project's own readers and checks it against the manifest.
require 'json'
require 'digest'
require_relative 'png'
require_relative 'jpeg'
require_relative 'tiff'
require_relative 'pdf'
require_relative 'ccitt'
require_relative 'degrade'

dir = ARGV[0] || '.'
CCITT.self_check
Degrade.self_test
fails = 0
ok = 0
man = File.readlines(File.join(dir, 'manifest.jsonl')).map { |l| JSON.parse(l) }
counts = Hash.new(0)
jpegs = []
man.each do |m|
  path = File.join(dir, m['file'])
  begin
    errs = []
    case m['format']
    when 'tiff'
      pages = TIFF.read(path)
      errs << "pages #{pages.size} != #{m['pages']}" unless pages.size == m['pages']
      bo = File.binread(path, 2)
      errs << 'byte order' unless bo == m['byte_order']
      pages.each_with_index do |pg, i|
        errs << "p#{i + 1} size" unless [pg[:w], pg[:h]] == m['pixel_size'][i]
        errs << "p#{i + 1} dpi" unless pg[:dpi].map(&:round) == m['dpi'][i]
        errs << "p#{i + 1} single strip" unless pg[:strips] > 1
        raw = pg[:kind] == :bilevel ? pg[:rows].join : pg[:data]
        errs << "p#{i + 1} pixel hash" unless Digest::SHA256.hexdigest(raw) == m['lossless_pixel_sha256'][i]
        counts["tiff #{m['page_encoding'][i]} #{pg[:kind]}"] += 1
      end
    when 'png'
      pg = PNG.read(path)
      errs << 'size' unless [pg[:w], pg[:h]] == m['pixel_size'][0]
      errs << 'dpi' unless pg[:dpi] == m['dpi'][0]
      raw = pg[:data]
      raw = (0...pg[:h]).map { |y| raw.byteslice(y * ((pg[:w] + 7) / 8), (pg[:w] + 7) / 8).unpack1('B*')[0, pg[:w]].tr('01', '10') }.join if pg[:depth] == 1
      errs << 'pixel hash' unless Digest::SHA256.hexdigest(raw) == m['lossless_pixel_sha256'][0]
      counts["png ctype#{pg[:ctype]} depth#{pg[:depth]}"] += 1
    when 'jpeg'
      v = JPEG.validate(File.binread(path))
      jpegs << [m['file'], 1, File.binread(path)]
      errs << 'size' unless [v[:w], v[:h]] == m['pixel_size'][0]
      errs << 'density' unless v[:density] == [1] + m['dpi'][0]
      counts["jpeg #{v[:comps].size}comp #{v[:comps][0][1] == 0x22 ? '420' : '444'}"] += 1
    when 'pdf'
      c = PDF.check(path)
      errs << "pages #{c[:pages]}" unless c[:pages] == m['pages']
      c[:page_info].each_with_index do |pi, i|
        errs << "p#{i + 1} size" unless [pi[:w], pi[:h]] == m['pixel_size'][i]
        errs << "p#{i + 1} rotate" unless pi[:rotate] == (m['pdf_page_rotate'] || [])[i].to_i
        errs << "p#{i + 1} pixel hash" if pi[:raw_sha256] && pi[:raw_sha256] != m['lossless_pixel_sha256'][i]
        jpegs << [m['file'], i + 1, pi[:jpeg]] if pi[:jpeg]
        exp_w = pi[:w] * 72.0 / m['dpi'][i][0]
        errs << "p#{i + 1} mediabox" unless (pi[:mediabox][2] - exp_w).abs < 0.02
        counts["pdf #{pi[:filter]}"] += 1
      end
    end
    if errs.empty?
      ok += 1
      puts "OK   #{m['file']}"
    else
      fails += 1
      puts "FAIL #{m['file']}: #{errs.join(', ')}"
    end
  rescue StandardError => e
    fails += 1
    puts "FAIL #{m['file']}: #{e.class}: #{e.message}"
  end
end
if ARGV.include?('--full-jpeg')
  jpegs.each do |f, pno, data|
    d = JPEG.decode(data)
    y = d[:planes].size == 3 ? d[:planes][1] : d[:planes][0]
    mean = y.unpack("C*").sum.to_f / y.bytesize
    dark = y.count("\x00-\x7f".b)
    if mean > 120 && dark.positive?
      puts "OK   #{f} page #{pno}: JPEG fully decoded (#{d[:w]}x#{d[:h]}, mean #{mean.round(1)}, #{(100.0 * dark / y.bytesize).round(2)}% dark pixels)"
    else
      fails += 1
      puts "FAIL #{f} page #{pno}: implausible decoded JPEG (mean #{mean.round(1)})"
    end
  end
end
counts.sort.each { |k, v| puts "  decoded: #{k} x#{v}" }
puts "#{ok} passed, #{fails} failed"
exit(fails.zero? ? 0 : 1)
