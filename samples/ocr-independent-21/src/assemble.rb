# frozen_string_literal: true
# Collects the per-document metadata into manifest.jsonl (one object per file, sorted by file name).
require 'json'
outdir = ARGV[0]
build = File.join(outdir, '.build')
docs = Dir[File.join(build, '*.json')].sort.map { |f| JSON.parse(File.read(f)) }
File.open(File.join(outdir, 'manifest.jsonl'), 'w') { |f| docs.each { |d| f.puts JSON.generate(d) } }
Dir[File.join(build, '*.json')].each { |f| File.delete(f) }
Dir.rmdir(build)
warn "manifest: #{docs.size} files, #{docs.sum { |d| d['pages'] }} pages"
