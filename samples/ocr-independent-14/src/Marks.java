import java.awt.*;
import java.awt.geom.*;
import java.awt.image.*;
import java.util.*;
import java.util.List;

/** Java2D marks on the paper: logos, stamps, stains, highlighter, staples, punch holes, bleed-through. */
final class Marks {
    static final Color NHS_BLUE = new Color(0, 94, 184);

    /** NHS-style lozenge (a logo: not ground truth). */
    static void nhsLogo(Graphics2D g, double x, double y, double h, Color c) {
        double w = h * 2.45;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x + h * 0.18, y); p.lineTo(x + w, y); p.lineTo(x + w - h * 0.18, y + h); p.lineTo(x, y + h); p.closePath();
        g.setColor(c); g.fill(p);
        Font f = Fonts.get("lato-black", h * 0.86);
        AffineTransform old = g.getTransform();
        g.translate(x + h * 0.3, y + h * 0.82); g.shear(-0.2, 0);
        g.setColor(Color.WHITE); g.setFont(f); g.drawString("NHS", 0f, 0f);
        g.setTransform(old);
    }

    /** abstract practice/trust logos made of paths. */
    static void logo(Graphics2D g, int kind, double x, double y, double sz, Color c, Rng r) {
        g.setColor(c);
        switch (kind % 5) {
            case 0: { // tree
                g.fill(new Rectangle2D.Double(x + sz * 0.45, y + sz * 0.55, sz * 0.1, sz * 0.45));
                g.fill(new Ellipse2D.Double(x + sz * 0.15, y, sz * 0.7, sz * 0.62));
                g.setColor(Color.WHITE);
                g.fill(new Ellipse2D.Double(x + sz * 0.3, y + sz * 0.15, sz * 0.15, sz * 0.15));
                break;
            }
            case 1: { // shield with cross
                Path2D.Double p = new Path2D.Double();
                p.moveTo(x, y); p.lineTo(x + sz * 0.8, y); p.lineTo(x + sz * 0.8, y + sz * 0.55);
                p.quadTo(x + sz * 0.8, y + sz * 0.9, x + sz * 0.4, y + sz); p.quadTo(x, y + sz * 0.9, x, y + sz * 0.55); p.closePath();
                g.fill(p); g.setColor(Color.WHITE);
                g.fill(new Rectangle2D.Double(x + sz * 0.33, y + sz * 0.12, sz * 0.14, sz * 0.65));
                g.fill(new Rectangle2D.Double(x + sz * 0.14, y + sz * 0.32, sz * 0.52, sz * 0.14));
                break;
            }
            case 2: { // three overlapping rings
                g.setStroke(new BasicStroke((float) (sz * 0.08)));
                for (int k = 0; k < 3; k++) g.draw(new Ellipse2D.Double(x + k * sz * 0.22, y + sz * 0.2 + (k % 2) * sz * 0.15, sz * 0.5, sz * 0.5));
                break;
            }
            case 3: { // heart with pulse line
                Path2D.Double p = new Path2D.Double();
                p.moveTo(x + sz * 0.5, y + sz * 0.95);
                p.curveTo(x - sz * 0.1, y + sz * 0.5, x + sz * 0.1, y - sz * 0.05, x + sz * 0.5, y + sz * 0.25);
                p.curveTo(x + sz * 0.9, y - sz * 0.05, x + sz * 1.1, y + sz * 0.5, x + sz * 0.5, y + sz * 0.95);
                g.fill(p);
                g.setColor(Color.WHITE); g.setStroke(new BasicStroke((float) (sz * 0.06)));
                Path2D.Double q = new Path2D.Double();
                q.moveTo(x + sz * 0.1, y + sz * 0.5); q.lineTo(x + sz * 0.35, y + sz * 0.5); q.lineTo(x + sz * 0.45, y + sz * 0.3);
                q.lineTo(x + sz * 0.55, y + sz * 0.7); q.lineTo(x + sz * 0.62, y + sz * 0.5); q.lineTo(x + sz * 0.9, y + sz * 0.5);
                g.draw(q);
                break;
            }
            default: { // river waves in a circle
                g.fill(new Ellipse2D.Double(x, y, sz, sz));
                g.setColor(Color.WHITE); g.setStroke(new BasicStroke((float) (sz * 0.07), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                for (int k = 0; k < 3; k++) {
                    Path2D.Double q = new Path2D.Double(); double yy = y + sz * (0.35 + k * 0.17);
                    q.moveTo(x + sz * 0.15, yy);
                    q.curveTo(x + sz * 0.35, yy - sz * 0.12, x + sz * 0.5, yy + sz * 0.12, x + sz * 0.85, yy);
                    g.draw(q);
                }
            }
        }
    }

    /** rubber stamp with uneven ink, drawn rotated onto the page (overlay, not ground truth). */
    static void stamp(Page p, String[] lines, Color c, double cx, double cy, double angDeg, int shape, Rng r) {
        double fs = 9 + r.d() * 3;
        Font f = Fonts.get(r.pick("robotocond-b", "gilliuscond-b", "go-b"), fs);
        double wPt = 0;
        for (String l : lines) wPt = Math.max(wPt, p.adv(l, f));
        wPt += 14; double hPt = lines.length * fs * 1.2 + 10;
        if (shape == 1) { wPt *= 1.25; hPt *= 1.35; }
        int W = (int) (wPt * p.s) + 8, H = (int) (hPt * p.s) + 8;
        BufferedImage im = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        Graphics2D sg = im.createGraphics();
        sg.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        sg.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        sg.scale(p.s, p.s); sg.translate(4 / p.s, 4 / p.s);
        sg.setColor(c); sg.setStroke(new BasicStroke(1.6f));
        if (shape == 1) sg.draw(new Ellipse2D.Double(1, 1, wPt - 2, hPt - 2));
        else {
            sg.draw(new RoundRectangle2D.Double(1, 1, wPt - 2, hPt - 2, shape == 2 ? 8 : 0, shape == 2 ? 8 : 0));
            if (r.p(0.5)) { sg.setStroke(new BasicStroke(0.7f)); sg.draw(new Rectangle2D.Double(3, 3, wPt - 6, hPt - 6)); }
        }
        sg.setFont(f);
        double ty = (hPt - lines.length * fs * 1.2) / 2 + fs * 0.95;
        for (String l : lines) {
            double lw = p.adv(l, f);
            sg.drawString(l, (float) ((wPt - lw) / 2), (float) ty); ty += fs * 1.2;
        }
        sg.dispose();
        // ink texture: low-frequency pressure and speckle gaps
        int[] a = ((DataBufferInt) im.getRaster().getDataBuffer()).getData();
        float[] n1 = Noise.field(W, H, 40 * p.s / 4.17, 3, r.l());
        for (int k = 0; k < a.length; k++) {
            int al = a[k] >>> 24;
            if (al == 0) continue;
            double m = Math.min(1, Math.max(0, (n1[k] - 0.18) * 1.9));
            if (r.p(0.07)) m *= 0.3;
            al = (int) (al * m);
            a[k] = (al << 24) | (a[k] & 0xffffff);
        }
        AffineTransform old = p.g.getTransform(); Composite oc = p.g.getComposite();
        p.g.translate(cx, cy); p.g.rotate(Math.toRadians(angDeg)); p.g.scale(1 / p.s, 1 / p.s);
        p.g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) (0.75 + r.d() * 0.2)));
        p.g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        p.g.drawImage(im, -W / 2, -H / 2, null);
        p.g.setTransform(old); p.g.setComposite(oc);
        p.overlay("stamp", String.join(" / ", lines));
    }

    static void coffee(Page p, double cx, double cy, double rad, Rng r) {
        Graphics2D g = p.g; Composite oc = g.getComposite();
        Color br = new Color(150, 95, 40);
        int n = 40; Path2D.Double ring = new Path2D.Double();
        double ph = r.d() * 6;
        for (int k = 0; k <= n; k++) {
            double a = k * 2 * Math.PI / n, rr = rad * (1 + 0.04 * Math.sin(a * 3 + ph) + 0.02 * r.gauss());
            double x = cx + Math.cos(a) * rr, y = cy + Math.sin(a) * rr;
            if (k == 0) ring.moveTo(x, y); else ring.lineTo(x, y);
        }
        ring.closePath();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) (0.07 + r.d() * 0.06)));
        g.setColor(br); g.fill(ring);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) (0.25 + r.d() * 0.15)));
        g.setColor(new Color(120, 70, 25));
        g.setStroke(new BasicStroke((float) (1.2 + r.d() * 1.5), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(ring);
        if (r.p(0.6)) { // a second partial ring (cup set down twice)
            AffineTransform old = g.getTransform();
            g.translate(rad * 0.3 * r.gauss(), rad * 0.25 * r.gauss());
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.18f));
            g.draw(new Arc2D.Double(cx - rad, cy - rad, rad * 2, rad * 2, r.d() * 360, 120 + r.d() * 160, Arc2D.OPEN));
            g.setTransform(old);
        }
        g.setComposite(oc);
    }

    static void highlight(Page p, double[] box, Color c, Rng r) {
        double x = box[0] - 2, y = box[1] - box[3] * 0.85, w = box[2] + 4, h = box[3] * 1.15;
        Path2D.Double q = new Path2D.Double();
        q.moveTo(x + r.gauss(), y + r.gauss() * 0.4); q.lineTo(x + w + r.gauss() * 2, y + r.gauss() * 0.6);
        q.lineTo(x + w + r.gauss() * 2, y + h + r.gauss() * 0.6); q.lineTo(x + r.gauss(), y + h + r.gauss() * 0.4); q.closePath();
        Composite oc = p.g.getComposite();
        p.g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) (0.33 + r.d() * 0.12)));
        p.g.setColor(c); p.g.fill(q); p.g.setComposite(oc);
    }

    static void staple(Page p, double x, double y, double angDeg, boolean removed, Rng r) {
        Graphics2D g = p.g; AffineTransform old = g.getTransform();
        g.translate(x, y); g.rotate(Math.toRadians(angDeg));
        double L = 12 * Page.MM;
        if (removed) {
            g.setColor(new Color(40, 40, 40));
            g.fill(new Ellipse2D.Double(-1, -1, 2.2, 1.8)); g.fill(new Ellipse2D.Double(L - 1, -1, 2.2, 1.8));
            g.setColor(new Color(150, 150, 150)); g.setStroke(new BasicStroke(0.4f));
            g.draw(new Line2D.Double(1.5, 0.9, L - 1.5, 1.2));
        } else {
            Composite oc = g.getComposite();
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f));
            g.setColor(Color.BLACK); g.fill(new RoundRectangle2D.Double(0.8, 0.6, L, 2.6, 1.5, 1.5));
            g.setComposite(oc);
            g.setPaint(new GradientPaint(0, -1.2f, new Color(90, 90, 95), 0, 1.4f, new Color(205, 205, 210)));
            g.fill(new RoundRectangle2D.Double(0, -1.2, L, 2.4, 1.5, 1.5));
            g.setColor(new Color(60, 60, 60)); g.setStroke(new BasicStroke(0.3f));
            g.draw(new RoundRectangle2D.Double(0, -1.2, L, 2.4, 1.5, 1.5));
        }
        g.setTransform(old);
    }

    static void punchHoles(Page p, boolean dark, Rng r) {
        Graphics2D g = p.g; double d = 6 * Page.MM, x = 12 * Page.MM - d / 2 + r.gauss() * 1.5, cy = p.hPt / 2 + r.gauss() * 3;
        for (int k = -1; k <= 1; k += 2) {
            double yy = cy + k * 40 * Page.MM - d / 2;
            g.setColor(dark ? new Color(35, 35, 38) : new Color(200, 200, 195));
            g.fill(new Ellipse2D.Double(x, yy, d, d));
            g.setColor(new Color(90, 90, 90)); g.setStroke(new BasicStroke(0.8f));
            g.draw(new Arc2D.Double(x, yy, d, d, 30, 180, Arc2D.OPEN));
        }
    }

    /** show-through of the reverse side: text drawn mirrored, blurred, faint (AlphaComposite). */
    static void bleedThrough(Page p, List<String> reverseLines, Font f, double alpha, Rng r) {
        int W = p.img.getWidth(), H = p.img.getHeight();
        BufferedImage rev = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        Graphics2D rg = rev.createGraphics();
        rg.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        rg.scale(p.s, p.s);
        rg.setColor(new Color(30, 30, 30)); rg.setFont(f);
        double y = 30 * Page.MM + r.d() * 20, lead = f.getSize2D() * 1.45;
        for (String l : reverseLines) { if (y > p.hPt - 25 * Page.MM) break; rg.drawString(l, (float) (22 * Page.MM), (float) y); y += lead; }
        rg.dispose();
        // blur alpha (paper scatters the light)
        int[] a = ((DataBufferInt) rev.getRaster().getDataBuffer()).getData();
        float[] al = new float[a.length];
        for (int k = 0; k < a.length; k++) al[k] = (a[k] >>> 24) / 255f;
        Fx.blur1(al, W, H, Math.max(1.5, p.s * 0.9));
        for (int k = 0; k < a.length; k++) a[k] = ((int) (Math.min(1f, al[k]) * 255) << 24) | 0x3a3a3a;
        AffineTransform old = p.g.getTransform(); Composite oc = p.g.getComposite();
        p.g.setTransform(new AffineTransform());
        p.g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) alpha));
        p.g.drawImage(rev, W, 0, -W, H, null); // mirrored
        p.g.setTransform(old); p.g.setComposite(oc);
    }
}
