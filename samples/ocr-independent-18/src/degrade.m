% degrade.m -- raster arithmetic for set ocr18 in plain GNU Octave matrix code
% (no image package, no imread/imwrite). Reads the job list written by
% render.tcl, loads the raw PPM layers with its own parser, applies the page's
% pipeline and writes a raw PGM/PPM/PBM with its own writer.
% usage: octave-cli degrade.m JOBLIST
1;

function [A, w, h, kind] = read_pnm(path)
  fid = fopen(path, 'rb');
  d = fread(fid, Inf, 'uint8=>uint8');
  fclose(fid);
  % header: magic, width, height, [maxval], single whitespace, data
  toks = {}; p = 1; n = numel(d);
  need = 4;
  if d(2) == uint8('4'), need = 3; end
  while numel(toks) < need
    while any(d(p) == uint8([32 9 10 13])), p = p + 1; end
    if d(p) == uint8('#')
      while d(p) ~= 10, p = p + 1; end
      continue;
    end
    q = p;
    while ~any(d(q) == uint8([32 9 10 13])), q = q + 1; end
    toks{end+1} = char(d(p:q-1)');
    p = q;
  end
  p = p + 1;  % the single whitespace after the header
  kind = toks{1}; w = str2double(toks{2}); h = str2double(toks{3});
  switch kind
    case 'P6'
      A = reshape(d(p:p + 3*w*h - 1), [3, w, h]);
      A = permute(A, [3 2 1]);
    case 'P5'
      A = reshape(d(p:p + w*h - 1), [w, h])';
    case 'P4'
      rb = ceil(w/8);
      B = reshape(d(p:p + rb*h - 1), [rb, h])';
      bits = zeros(h, rb*8, 'uint8');
      for k = 1:8
        bits(:, k:8:end) = bitand(bitshift(B, -(8-k)), uint8(1));
      end
      A = bits(:, 1:w);
    otherwise
      error('unsupported pnm %s', kind);
  end
end

function write_pnm(path, A, kind)
  fid = fopen(path, 'wb');
  [h, w, c] = size(A);
  switch kind
    case 'P6'
      fprintf(fid, 'P6\n%d %d\n255\n', w, h);
      fwrite(fid, permute(A, [3 2 1]), 'uint8');
    case 'P5'
      fprintf(fid, 'P5\n%d %d\n255\n', w, h);
      fwrite(fid, A', 'uint8');
    case 'P4'
      % A logical, true = black; rows padded to whole bytes
      rb = ceil(w/8);
      P = false(h, rb*8); P(:, 1:w) = A;
      wts = uint8([128 64 32 16 8 4 2 1]);
      B = zeros(h, rb, 'uint8');
      for k = 1:8
        B = B + uint8(P(:, k:8:end)) * wts(k);
      end
      fprintf(fid, 'P4\n%d %d\n', w, h);
      fwrite(fid, B', 'uint8');
  end
  fclose(fid);
end

function M = interpmat(nout, nin)
  % linear interpolation matrix (nout x nin)
  M = zeros(nout, nin, 'single');
  if nin == 1, M(:) = 1; return; end
  p = 1 + (0:nout-1)' * (nin-1) / max(nout-1, 1);
  j = min(floor(p), nin-1); f = single(p - j);
  M(sub2ind([nout nin], (1:nout)', j)) = 1 - f;
  M(sub2ind([nout nin], (1:nout)', j+1)) = f;
end

function F = lowfreq(h, w, gh, gw)
  % smooth random field in [0,1]
  G = rand(gh, gw, 'single');
  F = interpmat(h, gh) * G * interpmat(w, gw)';
end

function B = bilin(A, Xs, Ys, fill)
  [h, w] = size(A);
  x0 = floor(Xs); y0 = floor(Ys); fx = Xs - x0; fy = Ys - y0;
  valid = x0 >= 1 & y0 >= 1 & x0 < w & y0 < h;
  x0(~valid) = 1; y0(~valid) = 1;
  i00 = y0 + (x0 - 1) * h;
  B = (A(i00) .* (1 - fx) + A(i00 + h) .* fx) .* (1 - fy) + (A(i00 + 1) .* (1 - fx) + A(i00 + h + 1) .* fx) .* fy;
  B(~valid) = fill;
end

function k = gkern(sigma)
  r = max(1, ceil(3 * sigma));
  x = -r:r;
  k = single(exp(-x.^2 / (2 * sigma^2)));
  k = k / sum(k);
end

function I = gblur(I, sigma)
  if sigma <= 0, return; end
  k = gkern(sigma);
  for c = 1:size(I, 3)
    I(:,:,c) = conv2(k, k, I(:,:,c), 'same');
  end
end

function I = edge_safe_blur(I, sigma)
  % blur with white padding so that page borders stay white
  r = max(1, ceil(3 * sigma));
  [h, w, c] = size(I);
  P = ones(h + 2*r, w + 2*r, c, 'single');
  P(r+1:r+h, r+1:r+w, :) = I;
  P = gblur(P, sigma);
  I = P(r+1:r+h, r+1:r+w, :);
end

function I = mulrgb(I, M, col)
  % I .* (1 - M .* (1 - col)) per channel
  for c = 1:3
    I(:,:,c) = I(:,:,c) .* (1 - M * (1 - col(c)));
  end
end

function B = dotmatrix(B, dpi, hp, vp)
  g = mean(B, 3);
  D = 1 - g;
  [h, w] = size(D);
  hx = hp * dpi / 25.4; vy = vp * dpi / 25.4;
  kh = max(1, round(vy)); kw = max(1, round(hx));
  A = conv2(D, ones(kh, kw, 'single') / (kh * kw), 'same');
  ys = round(1:vy:h); xs = round(1:hx:w);
  S = A(ys, xs) > 0.3;
  Z = zeros(h, w, 'single');
  [yy, xx] = ndgrid(ys, xs);
  idx = sub2ind([h w], yy(S), xx(S));
  Z(idx) = 0.8 + 0.2 * rand(numel(idx), 1, 'single');
  r = 0.45 * vy;
  rr = ceil(r);
  [kx, ky] = meshgrid(-rr:rr, -rr:rr);
  K = single(max(0, min(1, r + 0.5 - sqrt(kx.^2 + ky.^2))));
  Dt = min(1, conv2(Z, K, 'same'));
  for c = 1:3, B(:,:,c) = 1 - Dt * 0.92; end
end

function B = ribbon(B, amt)
  [h, w, c] = size(B);
  F = lowfreq(h, w, 40, 6);
  y = (1:h)';
  band = 0.5 + 0.5 * sin(2 * pi * y / (h / 7) + rand * 6);
  f = 1 - amt * (0.5 * F + 0.5 * repmat(single(band), 1, w));
  for k = 1:c, B(:,:,k) = 1 - (1 - B(:,:,k)) .* f; end
end

function B = toner(B, amt)
  [h, w, c] = size(B);
  F = lowfreq(h, w, ceil(h / 60), ceil(w / 60));
  G = rand(h, w, 'single');
  keep = 1 - amt * max(0, min(1, (F - 0.35) * 2.5)) - amt * 0.35 * (G > 0.8);
  keep = max(0.05, keep);
  for k = 1:c, B(:,:,k) = 1 - (1 - B(:,:,k)) .* keep; end
end

function R = halftone(R, lpi, dpi)
  [h, w, c] = size(R);
  f = lpi / dpi;
  [X, Y] = meshgrid(single(0:w-1), single(0:h-1));
  angs = [15 75 0 45] * pi / 180;
  for k = 1:c
    a = angs(k);
    u = X * cos(a) + Y * sin(a); v = -X * sin(a) + Y * cos(a);
    s = 0.5 + 0.25 * (cos(2 * pi * f * u) + cos(2 * pi * f * v));
    d = 1 - R(:,:,k);
    R(:,:,k) = 1 - single(d > s);
  end
  R = edge_safe_blur(R, 0.5);
end

function I = coffee(I, dpi, cx, cy, r, s)
  m = dpi / 25.4; [h, w, c] = size(I);
  cx = cx * m; cy = cy * m; r = r * m;
  x0 = max(1, floor(cx - 1.3*r)); x1 = min(w, ceil(cx + 1.3*r));
  y0 = max(1, floor(cy - 1.3*r)); y1 = min(h, ceil(cy + 1.3*r));
  if x1 <= x0 || y1 <= y0, return; end
  [X, Y] = meshgrid(single(x0:x1), single(y0:y1));
  dx = X - cx; dy = Y - cy;
  d = sqrt(dx.^2 + dy.^2); th = atan2(dy, dx);
  ph = rand(1, 3) * 6.28;
  rr = r * (1 + 0.05 * sin(3*th + ph(1)) + 0.03 * sin(7*th + ph(2)) + 0.015 * sin(13*th + ph(3)));
  wd = 0.9 * m;
  ring = exp(-((d - rr) / wd).^2);
  fillm = single(d < rr) .* (0.25 + 0.15 * lowfreq(size(d,1), size(d,2), 8, 8));
  M = s * min(1, ring * 0.9 + fillm * 0.5);
  sub = I(y0:y1, x0:x1, :);
  sub = mulrgb(sub, M, [0.70 0.50 0.30]);
  I(y0:y1, x0:x1, :) = sub;
end

function I = photocopy(I, gen)
  [h, w, c] = size(I);
  for g = 1:gen
    I = gblur(I, 0.7);
    I = max(0, min(1, (I - 0.06) / 0.86));
    I = I .^ 1.25;
    bg = 0.965 + 0.03 * lowfreq(h, w, 12, 9);
    for k = 1:c, I(:,:,k) = I(:,:,k) .* bg; end
    sp = rand(h, w, 'single') < 2.5e-5;
    sp = conv2(single(sp), ones(2, 2, 'single'), 'same') > 0;
    for k = 1:c, t = I(:,:,k); t(sp) = 0.15; I(:,:,k) = t; end
  end
end

function I = streaks(I, n, s)
  [h, w, c] = size(I);
  for j = 1:n
    x = randi([round(w*0.1), round(w*0.9)]);
    wd = randi([2 7]);
    prof = s * (0.25 + 0.35 * lowfreq(h, 1, 9, 1));
    x1 = min(w, x + wd);
    for k = 1:c
      I(:, x:x1, k) = I(:, x:x1, k) .* repmat(1 - prof, 1, x1 - x + 1);
    end
  end
end

function I = speckle(I, dens)
  [h, w, c] = size(I);
  sp = rand(h, w, 'single') < dens;
  sp = conv2(single(sp), ones(2, 3, 'single'), 'same') > 0;
  for k = 1:c, t = I(:,:,k); t(sp) = t(sp) * 0.2; I(:,:,k) = t; end
end

function I = punch(I, dpi, n, bg)
  m = dpi / 25.4; [h, w, c] = size(I);
  ys = h/2 + [-40 40] * m;
  if n == 4, ys = h/2 + [-120 -40 40 120] * m; end
  r = 2.9 * m; cx = 11 * m;
  for y = ys
    x0 = max(1, floor(cx - r - 4)); x1 = min(w, ceil(cx + r + 4));
    y0 = max(1, floor(y - r - 4)); y1 = min(h, ceil(y + r + 4));
    [X, Y] = meshgrid(single(x0:x1), single(y0:y1));
    d = sqrt((X - cx).^2 + (Y - y).^2);
    inside = max(0, min(1, r - d + 0.5));
    shadow = 0.35 * exp(-max(0, d - r) / (0.4*m)) .* (d >= r);
    for k = 1:c
      t = I(y0:y1, x0:x1, k);
      t = t .* (1 - shadow);
      t = t .* (1 - inside) + bg * inside;
      I(y0:y1, x0:x1, k) = t;
    end
  end
end

function I = staple(I, dpi, sx, sy)
  m = dpi / 25.4; [h, w, c] = size(I);
  a = (-25 - 20 * rand) * pi / 180;
  L = 12 * m; cx = sx * m; cy = sy * m;
  p1 = [cx - L/2*cos(a), cy - L/2*sin(a)]; p2 = [cx + L/2*cos(a), cy + L/2*sin(a)];
  x0 = max(1, floor(min(p1(1), p2(1)) - 3*m)); x1 = min(w, ceil(max(p1(1), p2(1)) + 3*m));
  y0 = max(1, floor(min(p1(2), p2(2)) - 3*m)); y1 = min(h, ceil(max(p1(2), p2(2)) + 3*m));
  [X, Y] = meshgrid(single(x0:x1), single(y0:y1));
  v = p2 - p1; t = ((X - p1(1)) * v(1) + (Y - p1(2)) * v(2)) / sum(v.^2);
  t = max(0, min(1, t));
  d = sqrt((X - p1(1) - t*v(1)).^2 + (Y - p1(2) - t*v(2)).^2);
  wd = 0.45 * m;
  body = max(0, min(1, wd - d + 0.5));
  shade = 0.5 * exp(-max(0, d - wd) / (0.6*m)) .* (d > wd);
  hi = exp(-((d - 0.15*m) / (0.12*m)).^2) .* body;
  for k = 1:c
    tt = I(y0:y1, x0:x1, k);
    tt = tt .* (1 - shade);
    tt = tt .* (1 - body) + body * 0.32 + 0.35 * hi;
    I(y0:y1, x0:x1, k) = min(1, tt);
  end
end

function I = skew(I, deg, bg)
  if deg == 0, return; end
  [h, w, c] = size(I);
  th = deg * pi / 180;
  [X, Y] = meshgrid(single(1:w), single(1:h));
  cx = (w + 1) / 2; cy = (h + 1) / 2;
  dX = X - cx; dY = Y - cy;
  Xs = cos(th) * dX + sin(th) * dY + cx;
  Ys = -sin(th) * dX + cos(th) * dY + cy;
  clear X Y dX dY
  for k = 1:c
    I(:,:,k) = bilin(I(:,:,k), Xs, Ys, bg);
  end
end

function I = edgeshadow(I, dpi, side, wmm, s)
  [h, w, c] = size(I); m = dpi / 25.4; wd = wmm * m;
  switch side
    case 'l', d = repmat(single(0:w-1), h, 1);
    case 'r', d = repmat(single(w-1:-1:0), h, 1);
    case 't', d = repmat(single(0:h-1)', 1, w);
    otherwise, d = repmat(single(h-1:-1:0)', 1, w);
  end
  f = 1 - s * exp(-d / wd);
  for k = 1:c, I(:,:,k) = I(:,:,k) .* f; end
end

function I = bookfold(I, dpi, side, wmm, s)
  [h, w, c] = size(I); m = dpi / 25.4; wd = wmm * m;
  if side == 'l', d = repmat(single(0:w-1), h, 1); else, d = repmat(single(w-1:-1:0), h, 1); end
  wav = 1 + 0.15 * lowfreq(h, 1, 5, 1);
  f = 1 - s * exp(-(d ./ (wd * repmat(wav, 1, w))).^1.6);
  for k = 1:c, I(:,:,k) = I(:,:,k) .* f; end
end

function I = fold(I, dpi, ymm, s)
  [h, w, c] = size(I); m = dpi / 25.4;
  y0 = ymm * m; sl = (rand - 0.5) * 0.02;
  [X, Y] = meshgrid(single(1:w), single(1:h));
  d = Y - (y0 + sl * (X - w/2));
  f = 1 - s * 0.25 * exp(-(d / (0.5*m)).^2) + s * 0.05 * exp(-((d - 1.2*m) / (1.5*m)).^2);
  for k = 1:c, I(:,:,k) = min(1, I(:,:,k) .* f); end
end

function I = light(I, amt, angdeg)
  [h, w, c] = size(I);
  a = angdeg * pi / 180;
  [X, Y] = meshgrid(single(linspace(-1, 1, w)), single(linspace(-1, 1, h)));
  r = (X * cos(a) + Y * sin(a) + 1.5) / 3;
  v = X.^2 + Y.^2;
  f = 1 - amt * r - 0.25 * amt * v;
  for k = 1:c, I(:,:,k) = I(:,:,k) .* f; end
end

function B = faxconv(I, dpi, fb, dbl)
  g = mean(I, 3);
  [h, w] = size(g);
  sx = 204 / dpi; sy = 98 / dpi;
  wo = 1728; ho = round(h * sy);
  pad = (wo - w * sx) / 2;
  [X, Y] = meshgrid(single(1:wo), single(1:ho));
  Xs = (X - pad) / sx; Ys = (Y - 0.5) / sy + 0.5;
  G = bilin(g, Xs, Ys, 1);
  G = G + 0.06 * randn(size(G), 'single');
  B = G < 0.5;
  nb = max(1, round(fb * 8));
  for j = 1:nb
    y = randi([1, ho - 6]); t = randi([1 4]);
    if rand < 0.5
      B(y:y+t-1, :) = false;
    else
      B(y:y+t-1, :) = B(y:y+t-1, :) | (rand(t, wo) < 0.08 * fb);
    end
  end
  % a stretched band where one scan line was repeated
  y = randi([round(ho*0.2), round(ho*0.8)]); t = randi([3 8]);
  B(y+1:y+t, :) = repmat(B(y, :), t, 1);
  if dbl
    B = B(kron(1:ho, [1 1]), :);
  end
end

% ---------------------------------------------------------------- main
args = argv();
jl = fopen(args{1}, 'r');
jobs = {};
while true
  l = fgetl(jl);
  if ~ischar(l), break; end
  if numel(strtrim(l)) > 0, jobs{end+1} = strtrim(l); end
end
fclose(jl);
only = '';
if numel(args) > 1, only = args{2}; end

for ji = 1:numel(jobs)
  t0 = tic;
  fid = fopen(jobs{ji}, 'r');
  L = struct(); ops = {}; boxes = zeros(0, 4); outp = ''; dpi = 300; seed = 1; pid = '';
  while true
    l = fgetl(fid);
    if ~ischar(l), break; end
    p = strsplit(strtrim(l), ' ');
    switch p{1}
      case 'id', pid = p{2};
      case 'dpi', dpi = str2double(p{2});
      case 'seed', seed = str2double(p{2});
      case 'layer', L.(p{2}) = p{3};
      case 'box', boxes(end+1, :) = str2double(p(2:5));
      case 'op', ops{end+1} = p(2:end);
      case 'output', outp = p{2};
    end
  end
  fclose(fid);
  if numel(only) > 0 && isempty(strfind(pid, only)), continue; end
  rand('state', seed); randn('state', seed);
  ld = @(f) single(read_pnm(f)) / 255;
  base = ld(L.base);
  if isfield(L, 'pre'), pre = ld(L.pre); else, pre = []; end
  I = [];
  bilevel = [];
  outmode = 'grey';
  for oi = 1:numel(ops)
    if strcmp(ops{oi}{1}, 'out'), outmode = ops{oi}{2}; end
  end
  for oi = 1:numel(ops)
    o = ops{oi}; nm = o{1}; a = str2double(o(2:end));
    switch nm
      case 'inkfade'
        base = 1 - a(1) * (1 - base);
      case 'toner'
        base = toner(base, a(1));
      case 'dotmatrix'
        base = dotmatrix(base, dpi, a(1), a(2));
      case 'ribbon'
        base = ribbon(base, a(1));
      case 'halftone'
        if isempty(pre), comp = base; else, comp = pre .* base; end
        for b = 1:size(boxes, 1)
          bx = boxes(b, :); bx(1:2) = max(1, bx(1:2)); bx(3) = min(size(comp, 2), bx(3)); bx(4) = min(size(comp, 1), bx(4));
          comp(bx(2):bx(4), bx(1):bx(3), :) = halftone(comp(bx(2):bx(4), bx(1):bx(3), :), a(1), dpi);
        end
        base = comp; pre = [];
      case 'compose'
        I = base;
        if ~isempty(pre), I = I .* pre; end
        if isfield(L, 'ovl')
          ov = ld(L.ovl);
          [h, w, c] = size(ov);
          tex = 0.55 + 0.45 * min(1, lowfreq(h, w, ceil(h/25), ceil(w/25)) * 0.6 + 0.5 * rand(h, w, 'single'));
          for k = 1:3, ov(:,:,k) = 1 - (1 - ov(:,:,k)) .* tex; end
          I = I .* ov;
          clear ov tex
        end
        clear base pre
      case 'bleed'
        bk = ld(L.back);
        bk = fliplr(gblur(bk, dpi / 120));
        I = I .* (1 - a(1) * (1 - bk));
        clear bk
      case 'paper'
        [h, w, c] = size(I);
        gr = 1 - a(4) * lowfreq(h, w, ceil(h/30), ceil(w/30)) - a(4) * 0.5 * rand(h, w, 'single');
        for k = 1:3, I(:,:,k) = I(:,:,k) * a(k) .* gr; end
      case 'yellow'
        [h, w, c] = size(I);
        F = lowfreq(h, w, 10, 8);
        col = [0.96 0.91 0.78];
        for k = 1:3, I(:,:,k) = I(:,:,k) .* (1 - a(1) * (1 - col(k)) * (0.7 + 0.6 * F)); end
        I = edgeshadow(I, dpi, 'l', 6, 0.1 * a(1)); I = edgeshadow(I, dpi, 'r', 6, 0.1 * a(1));
        I = edgeshadow(I, dpi, 't', 6, 0.1 * a(1)); I = edgeshadow(I, dpi, 'b', 6, 0.1 * a(1));
      case 'coffee'
        I = coffee(I, dpi, a(1), a(2), a(3), a(4));
      case 'fold'
        I = fold(I, dpi, a(1), a(2));
      case 'photocopy'
        I = photocopy(I, a(1));
      case 'streaks'
        I = streaks(I, a(1), a(2));
      case 'speckle'
        I = speckle(I, a(1));
      case 'punch'
        I = punch(I, dpi, a(1), a(2));
      case 'staple'
        I = staple(I, dpi, a(1), a(2));
      case 'skew'
        if ~strcmp(outmode, 'colour') && size(I, 3) == 3
          % colour no longer matters: continue in one channel
          I = 0.299 * I(:,:,1) + 0.587 * I(:,:,2) + 0.114 * I(:,:,3);
        end
        I = skew(I, a(1), a(2));
      case 'edgeshadow'
        I = edgeshadow(I, dpi, o{2}, a(2), a(3));
      case 'bookfold'
        I = bookfold(I, dpi, o{2}, a(2), a(3));
      case 'postcompose'
        I = I .* ld(L.post);
      case 'light'
        I = light(I, a(1), a(2));
      case 'blur'
        I = edge_safe_blur(I, a(1) * dpi / 300);
      case 'noise'
        I = I + a(1) * randn(size(I), 'single');
      case 'fax'
        bilevel = faxconv(I, dpi, a(1), a(2));
        I = [];
      case 'rot'
        k = mod(round(a(1) / 90), 4);
        if k > 0
          if ~isempty(bilevel)
            bilevel = rot90(bilevel, -k);
          else
            [h0, w0, c0] = size(I);
            if mod(k, 2) == 1, J = zeros(w0, h0, c0, 'single'); else, J = zeros(h0, w0, c0, 'single'); end
            for c = 1:c0, J(:,:,c) = rot90(I(:,:,c), -k); end
            I = J; clear J
          end
        end
      case 'out'
        switch o{2}
          case 'grey'
            if size(I, 3) == 3, g = 0.299 * I(:,:,1) + 0.587 * I(:,:,2) + 0.114 * I(:,:,3); else, g = I; end
            write_pnm(outp, uint8(round(max(0, min(1, g)) * 255)), 'P5');
          case 'colour'
            write_pnm(outp, uint8(round(max(0, min(1, I)) * 255)), 'P6');
          case 'bilevel'
            if isempty(bilevel)
              if size(I, 3) == 3, g = 0.299 * I(:,:,1) + 0.587 * I(:,:,2) + 0.114 * I(:,:,3); else, g = I; end
              bilevel = g < a(2);
            end
            write_pnm(outp, bilevel, 'P4');
        end
      otherwise
        error('unknown op %s', nm);
    end
  end
  printf('%s %.1fs\n', pid, toc(t0));
  fflush(stdout);
end
