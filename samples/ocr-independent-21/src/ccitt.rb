# frozen_string_literal: true
# CCITT T.4 (MH, 1-D with EOLs) and T.6 (Group 4) encoder/decoder.
# A bilevel row is a String of '0'/'1' characters, '1' = black.
module CCITT
  module_function

  WT = %w[00110101 000111 0111 1000 1011 1100 1110 1111 10011 10100 00111 01000 001000 000011 110100 110101 101010 101011
          0100111 0001100 0001000 0010111 0000011 0000100 0101000 0101011 0010011 0100100 0011000 00000010 00000011 00011010
          00011011 00010010 00010011 00010100 00010101 00010110 00010111 00101000 00101001 00101010 00101011 00101100
          00101101 00000100 00000101 00001010 00001011 01010010 01010011 01010100 01010101 00100100 00100101 01011000
          01011001 01011010 01011011 01001010 01001011 00110010 00110011 00110100].freeze
  WM = %w[11011 10010 010111 0110111 00110110 00110111 01100100 01100101 01101000 01100111 011001100 011001101 011010010
          011010011 011010100 011010101 011010110 011010111 011011000 011011001 011011010 011011011 010011000 010011001
          010011010 011000 010011011].freeze
  BT = %w[0000110111 010 11 10 011 0011 0010 00011 000101 000100 0000100 0000101 0000111 00000100 00000111 000011000
          0000010111 0000011000 0000001000 00001100111 00001101000 00001101100 00000110111 00000101000 00000010111
          00000011000 000011001010 000011001011 000011001100 000011001101 000001101000 000001101001 000001101010
          000001101011 000011010010 000011010011 000011010100 000011010101 000011010110 000011010111 000001101100
          000001101101 000011011010 000011011011 000001010100 000001010101 000001010110 000001010111 000001100100
          000001100101 000001010010 000001010011 000000100100 000000110111 000000111000 000000100111 000000101000
          000001011000 000001011001 000000101011 000000101100 000001011010 000001100110 000001100111].freeze
  BM = %w[0000001111 000011001000 000011001001 000001011011 000000110011 000000110100 000000110101 0000001101100
          0000001101101 0000001001010 0000001001011 0000001001100 0000001001101 0000001110010 0000001110011 0000001110100
          0000001110101 0000001110110 0000001110111 0000001010010 0000001010011 0000001010100 0000001010101 0000001011010
          0000001011011 0000001100100 0000001100101].freeze
  XM = %w[00000001000 00000001100 00000001101 000000010010 000000010011 000000010100 000000010101 000000010110 000000010111
          000000011100 000000011101 000000011110 000000011111].freeze
  EOL = '000000000001'
  MODES = { pass: '0001', h: '001', 0 => '1', 1 => '011', 2 => '000011', 3 => '0000011', -1 => '010', -2 => '000010',
            -3 => '0000010' }.freeze

  def build(term, make)
    enc = {}
    term.each_with_index { |c, i| enc[i] = c }
    make.each_with_index { |c, i| enc[64 * (i + 1)] = c }
    XM.each_with_index { |c, i| enc[1792 + 64 * i] = c }
    enc
  end
  WENC = build(WT, WM).freeze
  BENC = build(BT, BM).freeze
  WDEC = WENC.invert.freeze
  BDEC = BENC.invert.freeze
  MDEC = MODES.invert.freeze

  def self_check
    [WENC, BENC, MODES.transform_keys(&:to_s)].each do |t|
      codes = t.values + (t.equal?(MODES) ? [] : [EOL])
      codes.each do |a|
        codes.each do |b|
          next if a.equal?(b)
          raise "CCITT table not prefix-free: #{a} #{b}" if b.start_with?(a)
        end
      end
    end
    true
  end

  def run_code(n, black)
    enc = black ? BENC : WENC
    s = +''
    while n >= 2560
      s << enc[2560]
      n -= 2560
    end
    if n >= 64
      s << enc[(n / 64) * 64]
      n %= 64
    end
    s << enc[n]
  end

  # changing elements of a row: positions where colour differs from the previous pixel (start white)
  def changes(row)
    res = []
    pos = 0
    row.scan(/0+|1+/) do |m|
      if pos.zero?
        res << 0 if m[0] == '1'
      else
        res << pos
      end
      pos += m.size
    end
    res
  end

  def runs_1d(row)
    s = +''
    ch = changes(row) + [row.size]
    prev = 0
    black = false
    ch.each do |c|
      s << run_code(c - prev, black)
      prev = c
      black = !black
    end
    s
  end

  # T.4 1-D with an EOL before every row, fill bits so each EOL ends on a byte boundary (T4Options = 4)
  def encode_g3(rows)
    bits = +''
    rows.each do |r|
      pad = (4 - bits.size) % 8
      bits << ('0' * pad) << EOL << runs_1d(r)
    end
    bits << ('0' * ((8 - bits.size % 8) % 8))
    [bits].pack('B*')
  end

  def encode_g4(rows, width)
    bits = +''
    ref = []
    rows.each do |r|
      cur = changes(r)
      a0 = -1
      col = 0
      ci = 0
      ri = 0
      while a0 < width
        ci += 1 while ci < cur.size && cur[ci] <= a0
        a1 = ci < cur.size ? cur[ci] : width
        b1, b2, ri = ref_b1b2(ref, ri, a0, col, width)
        if b2 < a1
          bits << MODES[:pass]
          a0 = b2
        elsif (a1 - b1).abs <= 3
          bits << MODES[a1 - b1]
          a0 = a1
          col ^= 1
        else
          a2 = ci + 1 < cur.size ? cur[ci + 1] : width
          bits << MODES[:h]
          bits << run_code(a1 - (a0 < 0 ? 0 : a0), col == 1) << run_code(a2 - a1, col != 1)
          a0 = a2
        end
      end
      ref = cur
    end
    bits << EOL << EOL
    bits << ('0' * ((8 - bits.size % 8) % 8))
    [bits].pack('B*')
  end

  # b1: first change on the reference line right of a0 whose colour is opposite to the current colour
  # (changes at even index turn black); b2: the change after b1
  def ref_b1b2(ref, ri, a0, col, width)
    ri += 1 while ri < ref.size && ref[ri] <= a0
    rj = (ri & 1) == col ? ri : ri + 1
    b1 = rj < ref.size ? ref[rj] : width
    b2 = rj + 1 < ref.size ? ref[rj + 1] : width
    [b1, b2, ri]
  end

  class BitReader
    attr_accessor :pos

    def initialize(data)
      @b = data.unpack1('B*')
      @pos = 0
    end

    def eof? = @pos >= @b.size
    def peek(n) = @b[@pos, n]
    def skip(n) = (@pos += n)

    def read_code(table, maxlen = 13)
      1.upto(maxlen) do |l|
        v = table[@b[@pos, l]]
        if v
          @pos += l
          return v
        end
      end
      raise "bad CCITT code at bit #{@pos}: #{@b[@pos, 16]}"
    end

    def align = (@pos = (@pos + 7) / 8 * 8)
  end

  def read_run(br, black)
    t = black ? BDEC : WDEC
    n = 0
    loop do
      v = br.read_code(t)
      n += v
      return n if v < 64
    end
  end

  def rows_from_changes(ch, width)
    s = +''
    prev = 0
    black = false
    (ch + [width]).each do |c|
      c = width if c > width
      s << (black ? '1' : '0') * (c - prev) if c > prev
      prev = c if c > prev
      black = !black
    end
    s
  end

  def decode_g3(data, width, height)
    br = BitReader.new(data)
    rows = []
    height.times do
      br.skip(1) while br.peek(12) != EOL && !br.eof?
      raise 'missing EOL' unless br.peek(12) == EOL
      br.skip(12)
      col = 0
      black = false
      ch = []
      while col < width
        n = read_run(br, black)
        col += n
        ch << col
        black = !black
      end
      raise 'row overrun' if col != width
      rows << rows_from_changes(ch[0..-2], width)
    end
    rows
  end

  def decode_g4(data, width, height)
    br = BitReader.new(data)
    ref = []
    rows = []
    height.times do
      cur = []
      a0 = -1
      col = 0
      ri = 0
      while a0 < width
        mode = br.read_code(MDEC, 7)
        b1, b2, ri = ref_b1b2(ref, ri, a0, col, width)
        case mode
        when :pass
          a0 = b2
        when :h
          r1 = read_run(br, col == 1)
          r2 = read_run(br, col != 1)
          a1 = (a0 < 0 ? 0 : a0) + r1
          a2 = a1 + r2
          raise 'G4 horizontal overrun' if a2 > width
          cur << a1 << a2
          a0 = a2
        else
          a1 = b1 + mode
          raise 'G4 vertical out of range' if a1 > width || a1 < 0 || a1 <= a0 && a0 >= 0
          cur << a1
          a0 = a1
          col ^= 1
        end
      end
      cur.pop while cur.any? && cur[-1] >= width
      rows << rows_from_changes(cur, width)
      ref = cur
    end
    raise 'missing EOFB' unless br.peek(24) == EOL + EOL
    rows
  end
end
