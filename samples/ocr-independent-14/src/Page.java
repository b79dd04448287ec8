import java.awt.*;
import java.awt.font.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.text.AttributedString;
import java.util.*;
import java.util.List;

/** One sheet of paper, drawn with Java2D in points; records the printed text lines (ground truth). */
final class Page {
    static final double MM = 72 / 25.4;
    final String paper; final double wPt, hPt; final int dpi; final double s;
    final BufferedImage img; final Graphics2D g; final FontRenderContext frc;
    final List<String> gt = new ArrayList<>();
    final List<double[]> boxes = new ArrayList<>(); // x, baseline y, width, size (pt) for each gt line
    final List<Map<String, Object>> overlays = new ArrayList<>();
    final Set<String> fonts = new TreeSet<>();
    final List<String> printFx = new ArrayList<>();
    Color ink = Color.BLACK;
    String style = "laser";
    double htBottom = 0; // bottom of a printed (halftoned) letterhead, pt
    final Rng rng;

    static double[] size(String paper) {
        switch (paper) {
            case "a4": return new double[]{210 * MM, 297 * MM};
            case "letter": return new double[]{612, 792};
            case "dl": return new double[]{210 * MM, 99 * MM};
            case "a5": return new double[]{148 * MM, 210 * MM};
            default: throw new IllegalArgumentException(paper);
        }
    }

    Page(String paper, int dpi, Rng rng) {
        this.paper = paper; double[] sz = size(paper); wPt = sz[0]; hPt = sz[1]; this.dpi = dpi; this.rng = rng;
        s = dpi / 72.0;
        img = new BufferedImage((int) Math.round(wPt * s), (int) Math.round(hPt * s), BufferedImage.TYPE_INT_RGB);
        g = img.createGraphics();
        g.setColor(Color.WHITE); g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.scale(s, s);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        frc = g.getFontRenderContext();
    }

    static String norm(String t) { return t.replaceAll("\\s+", " ").trim(); }

    double adv(String t, Font f) {
        if (t.isEmpty()) return 0;
        return new TextLayout(t, f, frc).getAdvance();
    }

    void draw(String t, double x, double y, Font f) { draw(t, x, y, f, ink); }

    void draw(String t, double x, double y, Font f, Color c) {
        if (t.isEmpty()) return;
        fonts.add(f.getFontName());
        if (style.equals("typewriter")) {
            double a = adv("M", f);
            for (int k = 0; k < t.length(); k++) {
                char ch = t.charAt(k);
                if (ch == ' ') continue;
                double dx = rng.gauss() * 0.10 * f.getSize() / 10, dy = rng.gauss() * 0.22 * f.getSize() / 10;
                if (rng.p(0.04)) dy += 0.5;
                int al = (int) (255 * Math.max(0.45, Math.min(1.0, 0.86 + rng.gauss() * 0.13)));
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), al));
                g.setFont(f);
                g.drawString(String.valueOf(ch), (float) (x + k * a + dx), (float) (y + dy));
                if (rng.p(0.06)) g.drawString(String.valueOf(ch), (float) (x + k * a + dx + 0.25), (float) (y + dy + 0.1));
            }
        } else {
            g.setFont(f); g.setColor(c);
            g.drawString(t, (float) x, (float) y);
        }
    }

    void gtAdd(String t, double x, double y, double w, Font f) {
        String n = norm(t);
        if (n.isEmpty()) return;
        gt.add(n);
        boxes.add(new double[]{x, y, w, f.getSize2D()});
    }

    /** left-aligned printed line at baseline y. */
    double text(double x, double y, Font f, String t) { draw(t, x, y, f); double w = adv(t, f); gtAdd(t, x, y, w, f); return w; }
    double textR(double xr, double y, Font f, String t) { double w = adv(t, f); draw(t, xr - w, y, f); gtAdd(t, xr - w, y, w, f); return w; }
    double textC(double cx, double y, Font f, String t) { double w = adv(t, f); draw(t, cx - w / 2, y, f); gtAdd(t, cx - w / 2, y, w, f); return w; }

    /** runs of (Font, String) drawn one after another on one line; one gt line. */
    double rich(double x, double y, Object... ft) {
        StringBuilder b = new StringBuilder(); double cx = x; Font last = null;
        for (int k = 0; k < ft.length; k += 2) {
            Font f = (Font) ft[k]; String t = (String) ft[k + 1];
            draw(t, cx, y, f); cx += adv(t, f); b.append(t); last = f;
        }
        gtAdd(b.toString(), x, y, cx - x, last);
        return cx - x;
    }

    static final class Cell {
        final double x; final char align; final Font f; final String t;
        Cell(double x, char align, Font f, String t) { this.x = x; this.align = align; this.f = f; this.t = t; }
    }
    static Cell L(double x, Font f, String t) { return new Cell(x, 'L', f, t); }
    static Cell R(double x, Font f, String t) { return new Cell(x, 'R', f, t); }
    static Cell Cc(double x, Font f, String t) { return new Cell(x, 'C', f, t); }

    /** a table row / same-baseline items: drawn left to right, one gt line with cells joined by a space. */
    void row(double y, Cell... cells) {
        List<String> parts = new ArrayList<>(); double minx = 1e9, maxx = -1e9; Font f0 = null;
        for (Cell c : cells) {
            if (c == null || c.t == null) continue;
            double w = adv(c.t, c.f);
            double x = c.align == 'L' ? c.x : c.align == 'R' ? c.x - w : c.x - w / 2;
            draw(c.t, x, y, c.f);
            if (!norm(c.t).isEmpty()) parts.add(c.t);
            minx = Math.min(minx, x); maxx = Math.max(maxx, x + w); if (f0 == null) f0 = c.f;
        }
        if (!parts.isEmpty()) gtAdd(String.join(" ", parts), minx, y, maxx - minx, f0);
    }

    List<String> wrap(String text, Font f, double width) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) return out;
        AttributedString as = new AttributedString(text);
        as.addAttribute(TextAttribute.FONT, f);
        LineBreakMeasurer m = new LineBreakMeasurer(as.getIterator(), frc);
        while (m.getPosition() < text.length()) {
            int st = m.getPosition();
            m.nextLayout((float) width);
            out.add(text.substring(st, m.getPosition()));
        }
        return out;
    }

    /** draw one wrapped line (optionally justified). */
    void wrappedLine(String line, double x, double y, double width, Font f, boolean justify) {
        String t = line.replaceAll("\\s+$", "");
        if (justify && !style.equals("typewriter") && t.contains(" ")) {
            fonts.add(f.getFontName());
            TextLayout tl = new TextLayout(t, f, frc).getJustifiedLayout((float) width);
            g.setColor(ink); tl.draw(g, (float) x, (float) y);
            gtAdd(t, x, y, width, f);
        } else text(x, y, f, t);
    }

    // ---- graphics helpers (not text) ----
    void stroke(double w) { g.setStroke(new BasicStroke((float) w)); }
    void hline(double x1, double x2, double y, double w) { stroke(w); g.setColor(ink); g.draw(new Line2D.Double(x1, y, x2, y)); }
    void vline(double x, double y1, double y2, double w) { stroke(w); g.setColor(ink); g.draw(new Line2D.Double(x, y1, x, y2)); }
    void box(double x, double y, double w, double h, double lw) { stroke(lw); g.setColor(ink); g.draw(new Rectangle2D.Double(x, y, w, h)); }
    void fill(double x, double y, double w, double h, Color c) { g.setColor(c); g.fill(new Rectangle2D.Double(x, y, w, h)); }
    void checkbox(double x, double y, double sz) { stroke(0.7); g.setColor(ink); g.draw(new Rectangle2D.Double(x, y - sz, sz, sz)); }

    void overlay(String type, String text) { overlays.add(Json.obj("type", type, "text", text)); }
}
