import java.awt.*;
import java.awt.geom.*;
import java.util.*;
import java.util.List;

/** Handwriting from a home-made single-stroke alphabet, jittered and smoothed into Path2D curves. */
final class Hand {
    static final Map<Character, double[][]> G = new HashMap<>();
    static void def(char c, String spec) {
        String[] strokes = spec.split("\\|");
        double[][] out = new double[strokes.length][];
        for (int k = 0; k < strokes.length; k++) {
            String[] pts = strokes[k].trim().split("\\s+");
            out[k] = new double[pts.length * 2];
            for (int j = 0; j < pts.length; j++) {
                String[] xy = pts[j].split(",");
                out[k][2 * j] = Double.parseDouble(xy[0]); out[k][2 * j + 1] = Double.parseDouble(xy[1]);
            }
        }
        G.put(c, out);
    }
    static {
        def('a', "4,4.2 3,5 1.2,5 0,3.5 0,1.2 1,0 2.8,0.2 4,1.8|4,5 4.2,0");
        def('b', "0,9 0,0|0,3 1,4.8 3,5 4,3.5 4,1.5 3,0 1,0 0,1");
        def('c', "4,4.2 3,5 1,5 0,3.5 0,1.5 1,0 3,0 4,0.8");
        def('d', "4,3 3,4.8 1,5 0,3.5 0,1.5 1,0 3,0 4,1.5|4,9 4,0");
        def('e', "0.2,2.5 4,2.5 3.8,4 2.8,5 1,5 0,3.5 0,1.5 1,0 3,0 4,0.8");
        def('f', "3.5,8.5 2.5,9 1.5,8.5 1.2,7 1.2,0|0,5 3,5");
        def('g', "4,4 3,5 1,5 0,3.5 0,1.5 1,0.2 3,0.2 4,1.5|4,5 4,-2.5 3,-4 1,-4 0,-3");
        def('h', "0,9 0,0|0,3 1,4.8 3,5 4,4 4,0");
        def('i', "1,5 1,0|1,7 1.1,7.3");
        def('j', "2,5 2,-2.5 1.2,-4 0,-3.5|2,7 2.1,7.3");
        def('k', "0,9 0,0|3.8,5 0,2|1.2,2.7 4,0");
        def('l', "1,9 1,0.8 1.8,0");
        def('m', "0,5 0,0|0,3.5 1,5 2,5 2.8,3.8 2.8,0|2.8,3.8 3.6,5 4.8,5 5.6,3.8 5.6,0");
        def('n', "0,5 0,0|0,3.5 1.2,5 3,5 4,3.8 4,0");
        def('o', "2,5 0.6,4.4 0,2.5 0.6,0.6 2,0 3.4,0.6 4,2.5 3.4,4.4 2,5");
        def('p', "0,5 0,-4|0,3.5 1,4.8 3,5 4,3.5 4,1.5 3,0 1,0 0,1.2");
        def('q', "4,3.5 3,4.8 1,5 0,3.5 0,1.5 1,0 3,0 4,1.2|4,5 4,-4 4.8,-3.4");
        def('r', "0,5 0,0|0,3 1.2,4.7 2.6,5 3.4,4.6");
        def('s', "3.6,4.4 2.4,5 1,4.8 0.3,3.8 1,2.8 3,2.2 3.8,1.2 3,0.1 1.2,0 0,0.7");
        def('t', "1.5,8 1.5,0.8 2.3,0 3.2,0.3|0,5 3,5");
        def('u', "0,5 0,1.2 1,0 3,0 4,1.5|4,5 4,0");
        def('v', "0,5 2,0 4,5");
        def('w', "0,5 1.4,0 2.8,4 4.2,0 5.6,5");
        def('x', "0,5 4,0|4,5 0,0");
        def('y', "0,5 2,0.5|4,5 1.6,-3 0.6,-4 -0.2,-3.6");
        def('z', "0,5 4,5 0,0 4,0");
        def('A', "0,0 2.5,9 5,0|1,3.2 4,3.2");
        def('B', "0,0 0,9 3,9 4.2,8 4.2,6 3,4.8 0,4.8|3,4.8 4.6,3.6 4.6,1.2 3.4,0 0,0");
        def('C', "5,7.6 3.8,9 1.6,8.8 0.3,6.8 0,4.5 0.4,2 1.6,0.2 3.6,0 5,1.4");
        def('D', "0,0 0,9 2.6,9 4.4,7.4 5,4.5 4.4,1.6 2.6,0 0,0");
        def('E', "4.4,9 0,9 0,0 4.6,0|0,4.6 3.4,4.6");
        def('F', "4.4,9 0,9 0,0|0,4.6 3.4,4.6");
        def('G', "5,7.6 3.8,9 1.6,8.8 0.3,6.8 0,4.5 0.4,2 1.6,0.2 3.6,0 5,1.4 5,4 3,4");
        def('H', "0,9 0,0|5,9 5,0|0,4.6 5,4.6");
        def('I', "1,9 1,0");
        def('J', "4,9 4,2 3,0.2 1.4,0 0,1.6");
        def('K', "0,9 0,0|4.6,9 0,3.6|1.5,5 4.8,0");
        def('L', "0,9 0,0 4.2,0");
        def('M', "0,0 0.4,9 3,2.5 5.6,9 6,0");
        def('N', "0,0 0,9 4.6,0 4.6,9");
        def('O', "2.6,9 0.8,8 0,4.5 0.8,1 2.6,0 4.4,1 5.2,4.5 4.4,8 2.6,9");
        def('P', "0,0 0,9 3.2,9 4.4,7.8 4.4,5.8 3.2,4.4 0,4.4");
        def('Q', "2.6,9 0.8,8 0,4.5 0.8,1 2.6,0 4.4,1 5.2,4.5 4.4,8 2.6,9|3,2 5.4,-0.6");
        def('R', "0,0 0,9 3.2,9 4.4,7.8 4.4,5.8 3.2,4.4 0,4.4|2.4,4.4 4.8,0");
        def('S', "4.6,7.8 3.4,9 1.4,9 0.2,7.8 0.6,5.8 2.4,4.8 4,4 4.8,2.4 4,0.6 2.4,0 0.8,0.4 0,1.6");
        def('T', "0,9 5,9|2.5,9 2.5,0");
        def('U', "0,9 0,2.2 1,0.4 2.5,0 4,0.4 5,2.2 5,9");
        def('V', "0,9 2.5,0 5,9");
        def('W', "0,9 1.5,0 3,6.5 4.5,0 6,9");
        def('X', "0,9 5,0|5,9 0,0");
        def('Y', "0,9 2.5,4.6 5,9|2.5,4.6 2.5,0");
        def('Z', "0,9 5,9 0,0 5,0");
        def('0', "2.2,9 0.6,7.8 0,4.5 0.6,1.2 2.2,0 3.8,1.2 4.4,4.5 3.8,7.8 2.2,9");
        def('1', "0.8,7.2 2.4,9 2.4,0");
        def('2', "0.2,7.4 1.4,8.8 3,8.8 4.2,7.6 4,5.6 0,0 4.6,0");
        def('3', "0.2,8.2 1.6,9 3.2,8.8 4,7.4 3.4,5.4 1.6,4.8|3.4,5.4 4.4,3.8 4.2,1.4 2.8,0 1.2,0 0,1");
        def('4', "3.4,0 3.4,9 0,2.8 4.8,2.8");
        def('5', "4.2,9 0.6,9 0.3,5.2 1.8,5.8 3.4,5.6 4.4,4 4.2,1.4 2.8,0 1.2,0 0,1");
        def('6', "3.8,8.6 2.4,9 1,8 0.2,5.6 0,2.6 0.8,0.4 2.4,0 3.8,0.8 4.2,2.6 3.6,4.4 2,4.8 0.6,4 0.1,3");
        def('7', "0,9 4.6,9 1.6,0");
        def('8', "2.2,4.8 0.8,5.8 0.6,7.8 2.2,9 3.8,7.8 3.6,5.8 2.2,4.8 0.4,3.6 0,1.6 1,0.2 2.2,0 3.6,0.4 4.4,1.8 4,3.6 2.2,4.8");
        def('9', "4.2,6 3.6,4.2 2.2,3.8 0.8,4.6 0.2,6.6 1,8.6 2.4,9 3.8,8.2 4.2,6 4,2.5 3,0.4 1.6,0 0.4,0.8");
        def('.', "0.3,0 0.5,0.25");
        def(',', "0.6,0.5 0.3,-1.4");
        def(':', "0.4,4.4 0.5,4.7|0.4,0.1 0.5,0.4");
        def(';', "0.5,4.4 0.6,4.7|0.6,0.5 0.3,-1.4");
        def('/', "0,-0.5 3,9.5");
        def('-', "0,3.6 2.8,3.8");
        def('?', "0.2,7.6 1.4,9 3,8.8 3.8,7.4 3.2,5.6 2,4.4 2,2.6|2,0.1 2.1,0.4");
        def('!', "0.6,9 0.5,2.6|0.5,0.1 0.6,0.4");
        def('\'', "0.5,9 0.3,7");
        def('(', "2,9.5 0.5,6 0.5,2 2,-1.5");
        def(')', "0,9.5 1.5,6 1.5,2 0,-1.5");
        def('+', "0,4 4,4|2,2 2,6");
        def('=', "0,3 3.6,3|0,5.2 3.6,5.2");
        def('&', "4.8,0 1.2,6 1.2,8 2.2,9 3.4,8.4 3.4,7 0.2,3.4 0.2,1.2 1.4,0 2.8,0.2 4.6,3");
        def('%', "0,0 4,9|0.8,9 0.2,8 0.8,7 1.4,8 0.8,9|3.2,2 2.6,1 3.2,0 3.8,1 3.2,2");
        def('#', "1.4,0 2,9|3.2,0 3.8,9|0,3 5,3|0.4,6 5.4,6");
        def('>', "0,7 4,4 0,1");
        def('<', "4,7 0,4 4,1");
        def('^', "0,6 2,9 4,6");
        def('"', "0.4,9 0.3,7|1.6,9 1.5,7");
    }

    /** smooth path through points (Catmull-Rom converted to cubic Beziers). */
    static Path2D smooth(double[] xs, double[] ys) {
        Path2D.Double p = new Path2D.Double();
        int n = xs.length;
        p.moveTo(xs[0], ys[0]);
        if (n == 2) { p.lineTo(xs[1], ys[1]); return p; }
        for (int k = 0; k < n - 1; k++) {
            double x0 = xs[Math.max(k - 1, 0)], y0 = ys[Math.max(k - 1, 0)];
            double x1 = xs[k], y1 = ys[k], x2 = xs[k + 1], y2 = ys[k + 1];
            double x3 = xs[Math.min(k + 2, n - 1)], y3 = ys[Math.min(k + 2, n - 1)];
            p.curveTo(x1 + (x2 - x0) / 6, y1 + (y2 - y0) / 6, x2 - (x3 - x1) / 6, y2 - (y3 - y1) / 6, x2, y2);
        }
        return p;
    }

    static final class Pen {
        Color c; double width; double xh; double slant; double jitter = 0.18; double alpha = 0.9;
        Pen(Color c, double width, double xh, double slant) { this.c = c; this.width = width; this.xh = xh; this.slant = slant; }
    }

    /** write text at baseline (x,y), x-height xh pt; returns width in pt. */
    static double write(Graphics2D g, String text, double x, double y, Pen pen, Rng r) {
        double u = pen.xh / 5.0; // units per pt
        double cx = x; double drift = 0, driftV = r.gauss() * 0.02;
        Stroke old = g.getStroke(); Composite oc = g.getComposite();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) pen.alpha));
        g.setColor(pen.c);
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            drift += driftV; driftV = driftV * 0.9 + r.gauss() * 0.03;
            if (ch == ' ') { cx += u * (2.8 + r.d()); continue; }
            double[][] gl = G.get(ch);
            if (gl == null) gl = G.get(Character.toLowerCase(ch));
            if (gl == null) { cx += u * 3; continue; }
            double sc = 1 + r.gauss() * 0.06, rot = r.gauss() * 0.04, by = drift + r.gauss() * 0.25;
            double maxx = 0;
            for (double[] st : gl) for (int j = 0; j < st.length; j += 2) maxx = Math.max(maxx, st[j]);
            for (double[] st : gl) {
                int n = st.length / 2;
                double[] xs = new double[n], ys = new double[n];
                for (int j = 0; j < n; j++) {
                    double gx = st[2 * j] + r.gauss() * pen.jitter, gy = st[2 * j + 1] + by + r.gauss() * pen.jitter;
                    double rx = gx * Math.cos(rot) - gy * Math.sin(rot), ry = gx * Math.sin(rot) + gy * Math.cos(rot);
                    rx += ry * pen.slant;
                    xs[j] = cx + rx * u * sc; ys[j] = y - ry * u * sc;
                }
                g.setStroke(new BasicStroke((float) (pen.width * (0.85 + r.d() * 0.3)), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(smooth(xs, ys));
            }
            cx += (maxx + 1.3 + r.gauss() * 0.2) * u * sc;
        }
        g.setStroke(old); g.setComposite(oc);
        return cx - x;
    }

    static double width(String text, Pen pen) {
        double u = pen.xh / 5.0, w = 0;
        for (char ch : text.toCharArray()) {
            if (ch == ' ') { w += u * 3.3; continue; }
            double[][] gl = G.getOrDefault(ch, G.get(Character.toLowerCase(ch)));
            if (gl == null) { w += u * 3; continue; }
            double maxx = 0; for (double[] st : gl) for (int j = 0; j < st.length; j += 2) maxx = Math.max(maxx, st[j]);
            w += (maxx + 1.3) * u;
        }
        return w;
    }

    /** a scribbled signature: loopy strokes plus a flourish. */
    static void signature(Graphics2D g, String name, double x, double y, double h, Color c, Rng r) {
        Pen pen = new Pen(c, 0.9 + r.d() * 0.5, h * 0.45, 0.35 + r.d() * 0.2);
        pen.jitter = 0.45; pen.alpha = 0.92;
        String[] parts = name.split(" ");
        String sig = parts[0].substring(0, 1).toUpperCase() + " " + parts[parts.length - 1];
        double w = write(g, sig.substring(0, Math.min(sig.length(), 2 + r.range(2, 5))), x, y, pen, r);
        int n = r.range(5, 9);
        double[] xs = new double[n], ys = new double[n];
        for (int k = 0; k < n; k++) { xs[k] = x + w + k * h * 0.35; ys[k] = y - h * 0.3 * Math.abs(Math.sin(k * 1.7 + r.d())) + r.gauss() * h * 0.08; }
        g.setColor(c); g.setStroke(new BasicStroke((float) pen.width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(smooth(xs, ys));
        double[] ux = {x - h * 0.2, x + (w + n * h * 0.35) * 0.5, x + w + n * h * 0.35 + h * 0.3};
        double[] uy = {y + h * 0.25, y + h * 0.35 + r.gauss() * 1.5, y + h * 0.1};
        g.draw(smooth(ux, uy));
    }

    static void tick(Graphics2D g, double x, double y, double sz, Color c, Rng r) {
        double[] xs = {x, x + sz * 0.35 + r.gauss() * 0.3, x + sz * (1.05 + r.d() * 0.3)};
        double[] ys = {y - sz * 0.45, y + r.gauss() * 0.3, y - sz * (1.2 + r.d() * 0.3)};
        g.setColor(c); g.setStroke(new BasicStroke((float) (sz * 0.14), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(smooth(xs, ys));
    }

    static void cross(Graphics2D g, double x, double y, double sz, Color c, Rng r) {
        g.setColor(c); g.setStroke(new BasicStroke((float) (sz * 0.13), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x + r.gauss() * 0.3, y - sz, x + sz, y + r.gauss() * 0.3));
        g.draw(new Line2D.Double(x, y, x + sz + r.gauss() * 0.3, y - sz));
    }

    /** a loose ring drawn around a rectangle (e.g. circling a word). */
    static void ring(Graphics2D g, double x, double y, double w, double h, Color c, double pw, Rng r) {
        int n = 14; double[] xs = new double[n + 2], ys = new double[n + 2];
        double cx = x + w / 2, cy = y + h / 2, a0 = r.d() * 6.28;
        for (int k = 0; k < n + 2; k++) {
            double a = a0 + k * 2 * Math.PI / n * 1.0;
            double rr = 1 + r.gauss() * 0.04 + k * 0.004;
            xs[k] = cx + Math.cos(a) * (w / 2 + 4) * rr; ys[k] = cy + Math.sin(a) * (h / 2 + 3) * rr;
        }
        g.setColor(c); g.setStroke(new BasicStroke((float) pw, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(smooth(xs, ys));
    }

    static void underline(Graphics2D g, double x, double y, double w, Color c, double pw, Rng r) {
        double[] xs = {x, x + w * 0.5, x + w}; double[] ys = {y + r.gauss() * 0.5, y + 1 + r.gauss() * 0.8, y + r.gauss() * 1.2};
        g.setColor(c); g.setStroke(new BasicStroke((float) pw, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(smooth(xs, ys));
    }

    static void arrow(Graphics2D g, double x1, double y1, double x2, double y2, Color c, double pw, Rng r) {
        g.setColor(c); g.setStroke(new BasicStroke((float) pw, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double mx = (x1 + x2) / 2 + r.gauss() * 6, my = (y1 + y2) / 2 + r.gauss() * 6;
        g.draw(smooth(new double[]{x1, mx, x2}, new double[]{y1, my, y2}));
        double a = Math.atan2(y2 - my, x2 - mx);
        g.draw(new Line2D.Double(x2, y2, x2 - 6 * Math.cos(a - 0.5), y2 - 6 * Math.sin(a - 0.5)));
        g.draw(new Line2D.Double(x2, y2, x2 - 6 * Math.cos(a + 0.5), y2 - 6 * Math.sin(a + 0.5)));
    }
}
