import java.awt.*;
import java.awt.geom.*;
import java.awt.image.*;

/** Raster simulation of paper life, copiers, fax and the scanner, on the pixel arrays. */
final class Fx {
    static int[] px(BufferedImage im) { return ((DataBufferInt) im.getRaster().getDataBuffer()).getData(); }
    static int clamp(double v) { return v < 0 ? 0 : v > 255 ? 255 : (int) (v + 0.5); }
    static int rgb(double r, double g, double b) { return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b); }

    /** separable gaussian blur of a float plane in place. */
    static void blur1(float[] a, int w, int h, double sigma) {
        if (sigma < 0.2) return;
        int rad = (int) Math.ceil(sigma * 2.8);
        float[] k = new float[2 * rad + 1]; float sum = 0;
        for (int i = -rad; i <= rad; i++) { k[i + rad] = (float) Math.exp(-i * i / (2 * sigma * sigma)); sum += k[i + rad]; }
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        float[] line = new float[Math.max(w, h)], tmp = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            System.arraycopy(a, y * w, line, 0, w);
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = -rad; i <= rad; i++) { int xx = x + i; if (xx < 0) xx = 0; else if (xx >= w) xx = w - 1; s += line[xx] * k[i + rad]; }
                tmp[x] = s;
            }
            System.arraycopy(tmp, 0, a, y * w, w);
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) line[y] = a[y * w + x];
            for (int y = 0; y < h; y++) {
                float s = 0;
                for (int i = -rad; i <= rad; i++) { int yy = y + i; if (yy < 0) yy = 0; else if (yy >= h) yy = h - 1; s += line[yy] * k[i + rad]; }
                a[y * w + x] = s;
            }
        }
    }

    static float[][] split(BufferedImage im) {
        int[] p = px(im); float[][] c = new float[3][p.length];
        for (int k = 0; k < p.length; k++) { c[0][k] = (p[k] >> 16) & 255; c[1][k] = (p[k] >> 8) & 255; c[2][k] = p[k] & 255; }
        return c;
    }
    static void join(BufferedImage im, float[][] c) {
        int[] p = px(im);
        for (int k = 0; k < p.length; k++) p[k] = rgb(c[0][k], c[1][k], c[2][k]);
    }
    static boolean isGrey(BufferedImage im) {
        int[] p = px(im);
        for (int k = 0; k < p.length; k += 7) { int v = p[k]; int r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255; if (Math.abs(r - g) > 3 || Math.abs(g - b) > 3) return false; }
        return true;
    }

    static void blur(BufferedImage im, double sigma) {
        if (sigma < 0.2) return;
        int w = im.getWidth(), h = im.getHeight();
        float[][] c = split(im);
        if (isGrey(im)) { blur1(c[1], w, h, sigma); c[0] = c[1]; c[2] = c[1]; }
        else for (float[] ch : c) blur1(ch, w, h, sigma);
        join(im, c);
    }

    /** paper colour (multiplicative) plus fibre grain. */
    static void paper(BufferedImage im, Color tint, double grain, Rng r) {
        int[] p = px(im); int w = im.getWidth(), h = im.getHeight();
        float[] n = Noise.field(w, h, Math.max(3, w / 300.0), 2, r.l());
        double tr = tint.getRed() / 255.0, tg = tint.getGreen() / 255.0, tb = tint.getBlue() / 255.0;
        for (int k = 0; k < p.length; k++) {
            double m = 1 + (n[k] - 0.5) * grain;
            int v = p[k];
            p[k] = rgb(((v >> 16) & 255) * tr * m, ((v >> 8) & 255) * tg * m, (v & 255) * tb * m);
        }
    }

    /** AM halftone screen over a region (printed letterheads); colour separations at classic angles. */
    static void halftone(BufferedImage im, int x0, int y0, int x1, int y1, double lpi, int dpi, boolean colour) {
        int[] p = px(im); int w = im.getWidth();
        double cell = dpi / lpi;
        double[] ang = colour ? new double[]{Math.toRadians(15), Math.toRadians(75), Math.toRadians(0)} : new double[]{Math.toRadians(45)};
        for (int y = Math.max(0, y0); y < Math.min(im.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(w, x1); x++) {
                int v = p[y * w + x];
                double[] ch = {((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0};
                double[] out = new double[3];
                if (colour) {
                    for (int c = 0; c < 3; c++) {
                        double ink = 1 - ch[c];
                        double u = (x * Math.cos(ang[c]) + y * Math.sin(ang[c])) / cell, vv = (-x * Math.sin(ang[c]) + y * Math.cos(ang[c])) / cell;
                        double spot = (Math.cos(2 * Math.PI * u) + Math.cos(2 * Math.PI * vv)) * 0.25 + 0.5; // 0..1
                        out[c] = ink > spot ? 0 : 1;
                        if (ink < 0.03) out[c] = 1;
                    }
                } else {
                    double lum = 0.299 * ch[0] + 0.587 * ch[1] + 0.114 * ch[2], ink = 1 - lum;
                    double u = (x * Math.cos(ang[0]) + y * Math.sin(ang[0])) / cell, vv = (-x * Math.sin(ang[0]) + y * Math.cos(ang[0])) / cell;
                    double spot = (Math.cos(2 * Math.PI * u) + Math.cos(2 * Math.PI * vv)) * 0.25 + 0.5;
                    double o = (ink > spot && ink > 0.03) ? 0 : 1;
                    out[0] = out[1] = out[2] = o;
                }
                p[y * w + x] = rgb(out[0] * 255, out[1] * 255, out[2] * 255);
            }
        }
    }

    /** re-print everything dark as impact-printer dots on a pin grid. */
    static void dotify(BufferedImage im, int dpi, double hdpi, double vdpi, double dotIn, Rng r) {
        int w = im.getWidth(), h = im.getHeight(); int[] p = px(im);
        float[] ink = new float[p.length];
        for (int k = 0; k < p.length; k++) { int v = p[k]; ink[k] = 1 - (((v >> 16) & 255) * 0.299f + ((v >> 8) & 255) * 0.587f + (v & 255) * 0.114f) / 255f; }
        double sx = dpi / hdpi, sy = dpi / vdpi, dd = dotIn * dpi;
        Graphics2D g = im.createGraphics();
        g.setColor(Color.WHITE); g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double wear = 0.8;
        int rows = (int) (h / sy);
        for (int gy = 0; gy < rows; gy++) {
            if (gy % 9 == 0) wear = Math.max(0.45, Math.min(1, wear + r.gauss() * 0.06));
            double cy = gy * sy + sy / 2;
            for (double cx = sx / 2; cx < w; cx += sx) {
                int x = (int) cx, y = (int) cy;
                double s = 0; int n = 0;
                int hx = (int) Math.max(1, sx / 2), hy = (int) Math.max(1, sy / 2);
                for (int yy = y - hy; yy <= y + hy; yy++) for (int xx = x - hx; xx <= x + hx; xx++) {
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue; s += ink[yy * w + xx]; n++;
                }
                s /= Math.max(1, n);
                if (s > 0.3) {
                    int lv = clamp(255 * (1 - wear * (0.75 + r.d() * 0.25)));
                    g.setColor(new Color(lv, lv, lv));
                    g.fill(new Ellipse2D.Double(cx - dd / 2 + r.gauss() * 0.15, cy - dd / 2 + r.gauss() * 0.15, dd, dd));
                }
            }
        }
        g.dispose();
    }

    /** toner/ink loss: ink multiplied by a blotchy field; band = vertical low-toner band. */
    static void tonerLoss(BufferedImage im, double amount, boolean band, Rng r) {
        int[] p = px(im); int w = im.getWidth(), h = im.getHeight();
        float[] n = Noise.field(w, h, w / 18.0, 3, r.l());
        double bx = r.u(0.2, 0.8) * w, bw = r.u(0.08, 0.2) * w;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int k = y * w + x;
            double keep = 1 - amount * Math.max(0, Math.min(1, (n[k] - 0.35) * 2.2));
            if (band) keep *= 1 - 0.35 * Math.exp(-Math.pow((x - bx) / bw, 2));
            int v = p[k];
            double cr = (v >> 16) & 255, cg = (v >> 8) & 255, cb = v & 255;
            p[k] = rgb(255 - (255 - cr) * keep, 255 - (255 - cg) * keep, 255 - (255 - cb) * keep);
        }
    }

    /** one photocopier generation: greyscale, contrast push, grey background, streaks, speckle, slight blur and shift. */
    static void photocopy(BufferedImage im, int dpi, Rng r) {
        int w = im.getWidth(), h = im.getHeight(); int[] p = px(im);
        float[] a = new float[p.length];
        for (int k = 0; k < p.length; k++) { int v = p[k]; a[k] = (((v >> 16) & 255) * 0.299f + ((v >> 8) & 255) * 0.587f + (v & 255) * 0.114f) / 255f; }
        blur1(a, w, h, dpi / 300.0 * 0.7);
        double bg = r.u(0.80, 0.93), blk = r.u(0.0, 0.08), thr = r.u(0.52, 0.66), soft = r.u(0.05, 0.10);
        float[] n = Noise.field(w, h, w / 12.0, 3, r.l());
        int ns = r.range(2, 7); double[] sx = new double[ns], sw = new double[ns], si = new double[ns];
        for (int k = 0; k < ns; k++) { sx[k] = r.d() * w; sw[k] = r.u(0.6, 3.5) * dpi / 300.0; si[k] = r.u(-0.25, 0.35); }
        int dx = (int) (r.gauss() * dpi / 100.0), dy = (int) (r.gauss() * dpi / 100.0);
        float[] o = new float[p.length];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int xs = x - dx, ys = y - dy;
            double v = (xs < 0 || ys < 0 || xs >= w || ys >= h) ? 1 : a[ys * w + xs];
            double t = 1 / (1 + Math.exp(-(v - thr) / soft)); // s-curve contrast
            double lv = blk + (bg - blk) * t;
            lv *= 0.96 + 0.08 * n[y * w + x];
            for (int k = 0; k < ns; k++) { double d = Math.abs(x - sx[k]); if (d < sw[k] * 3) lv -= si[k] * Math.exp(-d * d / (2 * sw[k] * sw[k])); }
            o[y * w + x] = (float) lv;
        }
        int spk = (int) (w * h / 4000.0 * r.u(0.2, 1.2));
        for (int k = 0; k < spk; k++) { int x = r.i(w), y = r.i(h); int rr = r.range(0, 1); for (int yy = y - rr; yy <= y + rr; yy++) for (int xx = x - rr; xx <= x + rr; xx++) if (xx >= 0 && yy >= 0 && xx < w && yy < h) o[yy * w + xx] = (float) r.u(0.05, 0.4); }
        for (int k = 0; k < p.length; k++) { int v = clamp(o[k] * 255); p[k] = (v << 16) | (v << 8) | v; }
    }

    /** darken / shift tone curve. */
    static void levels(BufferedImage im, double black, double white, double gamma) {
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) { double v = (i / 255.0 - black) / (white - black); v = Math.max(0, Math.min(1, v)); lut[i] = clamp(255 * Math.pow(v, gamma)); }
        int[] p = px(im);
        for (int k = 0; k < p.length; k++) { int v = p[k]; p[k] = (lut[(v >> 16) & 255] << 16) | (lut[(v >> 8) & 255] << 8) | lut[v & 255]; }
    }

    /** fax transmission: bilevel at the fax resolution with banding and line noise. */
    static void fax(BufferedImage im, int dpi, Rng r) {
        int w = im.getWidth(), h = im.getHeight(); int[] p = px(im);
        float[] a = new float[p.length];
        for (int k = 0; k < p.length; k++) { int v = p[k]; a[k] = (((v >> 16) & 255) * 0.299f + ((v >> 8) & 255) * 0.587f + (v & 255) * 0.114f) / 255f; }
        blur1(a, w, h, dpi / 300.0 * 0.8);
        int line = Math.max(1, (int) Math.round(dpi / 98.0)); // a fax scan line in pixel rows
        double thr = r.u(0.5, 0.62);
        int[] bayer = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};
        for (int y0 = 0; y0 < h; y0 += line) {
            int mode = 0; // 0 normal, 1 dropped (white), 2 black streak, 3 shifted
            double q = r.d();
            if (q < 0.006) mode = 1; else if (q < 0.010) mode = 2; else if (q < 0.03) mode = 3;
            int shift = mode == 3 ? r.range(-3, 3) * dpi / 200 : 0;
            for (int x = 0; x < w; x++) {
                int xs = Math.max(0, Math.min(w - 1, x - shift));
                double v = a[Math.min(h - 1, y0 + line / 2) * w + xs];
                double t = thr + (bayer[(y0 / line % 4) * 4 + x % 4] / 16.0 - 0.5) * 0.25 * (v > 0.25 && v < 0.85 ? 1 : 0);
                int out = v < t ? 0 : 255;
                if (mode == 1) out = 255;
                if (mode == 2 && r.p(0.9)) out = 0;
                if (r.p(0.0004)) out = 255 - out;
                for (int yy = y0; yy < Math.min(h, y0 + line); yy++) p[yy * w + x] = (out << 16) | (out << 8) | out;
            }
        }
    }

    /** skew: the sheet is rotated on the scanner glass; uncovered area shows the lid. */
    static BufferedImage skew(BufferedImage im, double deg, Color lid) {
        int w = im.getWidth(), h = im.getHeight();
        BufferedImage o = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = o.createGraphics();
        g.setColor(lid); g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.rotate(Math.toRadians(deg), w / 2.0, h / 2.0);
        g.drawImage(im, 0, 0, null);
        g.dispose();
        return o;
    }

    /** multiplicative shading: uneven lamp, edge shadows, book-fold gutter, crease. */
    static void shade(BufferedImage im, double light, double[] edges, double foldX, double foldW, double foldS, double creaseY, Rng r) {
        int w = im.getWidth(), h = im.getHeight(); int[] p = px(im);
        double ax = r.gauss(), ay = r.gauss();
        float[] n = light > 0 ? Noise.field(w, h, w / 3.0, 2, r.l()) : null;
        double ew = w * 0.025;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            double m = 1;
            if (light > 0) m *= 1 - light * (0.5 + 0.25 * (ax * (x / (double) w - 0.5) + ay * (y / (double) h - 0.5)) + 0.5 * (n[y * w + x] - 0.5));
            if (edges != null) {
                m *= 1 - edges[0] * Math.exp(-x / ew);
                m *= 1 - edges[1] * Math.exp(-(w - 1 - x) / ew);
                m *= 1 - edges[2] * Math.exp(-y / ew);
                m *= 1 - edges[3] * Math.exp(-(h - 1 - y) / ew);
            }
            if (foldS > 0) { double d = (x - foldX * w) / (foldW * w); m *= 1 - foldS * Math.exp(-d * d); }
            if (creaseY > 0) { double d = (y - creaseY * h) / (h * 0.0025); m *= 1 - 0.12 * Math.exp(-d * d) + 0.05 * Math.exp(-(d - 2.5) * (d - 2.5)); }
            if (m == 1) continue;
            int v = p[y * w + x];
            p[y * w + x] = rgb(((v >> 16) & 255) * m, ((v >> 8) & 255) * m, (v & 255) * m);
        }
    }

    static void noise(BufferedImage im, double sigma, Rng r) {
        if (sigma <= 0) return;
        int[] p = px(im); boolean grey = isGrey(im);
        for (int k = 0; k < p.length; k++) {
            int v = p[k];
            if (grey) { double d = r.gauss() * sigma * 255; int q = clamp((v & 255) + d); p[k] = (q << 16) | (q << 8) | q; }
            else p[k] = rgb(((v >> 16) & 255) + r.gauss() * sigma * 255, ((v >> 8) & 255) + r.gauss() * sigma * 255, (v & 255) + r.gauss() * sigma * 255);
        }
    }

    /** optical resampling to the scan resolution: pre-blur then bilinear scaling. */
    static BufferedImage resample(BufferedImage im, double sx, double sy) {
        if (Math.abs(sx - 1) < 1e-9 && Math.abs(sy - 1) < 1e-9) return im;
        double sig = 0.42 / Math.min(sx, sy);
        if (sx < 1 || sy < 1) blur(im, sig);
        int w = (int) Math.round(im.getWidth() * sx), h = (int) Math.round(im.getHeight() * sy);
        BufferedImage o = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = o.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(im, 0, 0, w, h, null);
        g.dispose();
        return o;
    }

    static BufferedImage rotQuarter(BufferedImage im, int deg) {
        if (deg % 360 == 0) return im;
        int w = im.getWidth(), h = im.getHeight(); int[] p = px(im);
        boolean swap = deg == 90 || deg == 270;
        BufferedImage o = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        int[] q = px(o); int ow = o.getWidth();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int nx, ny;
            if (deg == 90) { nx = h - 1 - y; ny = x; } else if (deg == 180) { nx = w - 1 - x; ny = h - 1 - y; } else { nx = y; ny = w - 1 - x; }
            q[ny * ow + nx] = p[y * w + x];
        }
        return o;
    }

    static BufferedImage toGrey(BufferedImage im) {
        int w = im.getWidth(), h = im.getHeight(); int[] p = px(im);
        BufferedImage o = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] b = ((DataBufferByte) o.getRaster().getDataBuffer()).getData();
        for (int k = 0; k < p.length; k++) { int v = p[k]; b[k] = (byte) clamp(((v >> 16) & 255) * 0.299 + ((v >> 8) & 255) * 0.587 + (v & 255) * 0.114); }
        return o;
    }

    /** bilevel: fixed threshold, or error diffusion (scanner "halftone" mode). */
    static BufferedImage toBinary(BufferedImage im, double thr, boolean diffuse) {
        int w = im.getWidth(), h = im.getHeight(); int[] p = px(im);
        float[] a = new float[p.length];
        for (int k = 0; k < p.length; k++) { int v = p[k]; a[k] = (float) ((((v >> 16) & 255) * 0.299 + ((v >> 8) & 255) * 0.587 + (v & 255) * 0.114) / 255.0); }
        BufferedImage o = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        byte[] b = ((DataBufferByte) o.getRaster().getDataBuffer()).getData();
        int stride = (w + 7) / 8;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int k = y * w + x; float v = a[k];
            boolean white = v >= thr;
            if (diffuse) {
                float err = v - (white ? 1 : 0);
                if (x + 1 < w) a[k + 1] += err * 7 / 16f;
                if (y + 1 < h) { if (x > 0) a[k + w - 1] += err * 3 / 16f; a[k + w] += err * 5 / 16f; if (x + 1 < w) a[k + w + 1] += err / 16f; }
            }
            if (white) b[y * stride + x / 8] |= (byte) (0x80 >> (x % 8));
        }
        return o;
    }
}
