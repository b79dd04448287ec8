import java.awt.Font;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.*;

/** Deterministic, string-seeded randomness. */
final class Rng {
    final String seed;
    private final Random r;
    Rng(String seed) { this.seed = seed; this.r = new Random(hash(seed)); }
    static long hash(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = 0; for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
            return v;
        } catch (Exception e) { throw new RuntimeException(e); }
    }
    Rng sub(String s) { return new Rng(seed + "/" + s); }
    double d() { return r.nextDouble(); }
    double u(double a, double b) { return a + (b - a) * r.nextDouble(); }
    int i(int n) { return r.nextInt(n); }
    int range(int a, int b) { return a + r.nextInt(b - a + 1); }
    boolean p(double prob) { return r.nextDouble() < prob; }
    double gauss() { return r.nextGaussian(); }
    long l() { return r.nextLong(); }
    @SafeVarargs final <T> T pick(T... a) { return a[r.nextInt(a.length)]; }
    <T> T pickL(List<T> a) { return a.get(r.nextInt(a.size())); }
    <T> List<T> sample(List<T> a, int k) {
        List<T> c = new ArrayList<>(a);
        for (int j = c.size() - 1; j > 0; j--) { int q = r.nextInt(j + 1); T t = c.get(j); c.set(j, c.get(q)); c.set(q, t); }
        return new ArrayList<>(c.subList(0, Math.min(k, c.size())));
    }
    String digits(int n) { StringBuilder b = new StringBuilder(); for (int k = 0; k < n; k++) b.append((char) ('0' + r.nextInt(10))); return b.toString(); }
}

/** Lattice value noise, evaluated into whole fields (deterministic integer hash). */
final class Noise {
    static float hv(int x, int y, long seed) {
        long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        h ^= (h >>> 33); h *= 0xff51afd7ed558ccdL; h ^= (h >>> 33); h *= 0xc4ceb9fe1a85ec53L; h ^= (h >>> 33);
        return (h >>> 40) / (float) (1L << 24);
    }
    /** field in [0,1], w*h, sum of octaves starting at cell size cell px. */
    static float[] field(int w, int h, double cell, int octaves, long seed) {
        float[] out = new float[w * h];
        double amp = 1, tot = 0;
        for (int o = 0; o < octaves; o++) {
            double c = cell / (1 << o);
            if (c < 1.5) break;
            long sd = seed + o * 7919L;
            int gw = (int) (w / c) + 3;
            int gh = (int) (h / c) + 3;
            float[] lat = new float[gw * gh];
            for (int y = 0; y < gh; y++) for (int x = 0; x < gw; x++) lat[y * gw + x] = hv(x, y, sd);
            for (int y = 0; y < h; y++) {
                double fy = y / c; int iy = (int) fy; double ty = fy - iy; ty = ty * ty * (3 - 2 * ty);
                for (int x = 0; x < w; x++) {
                    double fx = x / c; int ix = (int) fx; double tx = fx - ix; tx = tx * tx * (3 - 2 * tx);
                    double a = lat[iy * gw + ix], b = lat[iy * gw + ix + 1], cc = lat[(iy + 1) * gw + ix], d = lat[(iy + 1) * gw + ix + 1];
                    double v = (a + (b - a) * tx) * (1 - ty) + (cc + (d - cc) * tx) * ty;
                    out[y * w + x] += (float) (v * amp);
                }
            }
            tot += amp; amp *= 0.5;
        }
        for (int k = 0; k < out.length; k++) out[k] /= tot;
        return out;
    }
}

/** Fonts loaded from the Debian font packages with Font.createFont. */
final class Fonts {
    static final Map<String, String> FILES = new LinkedHashMap<>();
    static final Map<String, String> NAMES = new LinkedHashMap<>();
    static final Map<String, Font> BASE = new HashMap<>();
    static {
        String go = "/usr/share/fonts/fonts-go/", eb = "/usr/share/fonts/opentype/ebgaramond/", adf = "/usr/share/fonts/truetype/adf/",
                lato = "/usr/share/fonts/truetype/lato/", rob = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/",
                robc = "/usr/share/fonts/truetype/roboto/unhinted/";
        put("garamond", eb + "EBGaramond12-Regular.otf", "EB Garamond 12");
        put("garamond-b", eb + "EBGaramond12-Bold.otf", "EB Garamond 12 Bold");
        put("garamond-i", eb + "EBGaramond12-Italic.otf", "EB Garamond 12 Italic");
        put("accanthis", adf + "AccanthisADFStd-Regular.otf", "Accanthis ADF Std");
        put("accanthis-b", adf + "AccanthisADFStd-Bold.otf", "Accanthis ADF Std Bold");
        put("accanthis-i", adf + "AccanthisADFStd-Italic.otf", "Accanthis ADF Std Italic");
        put("baskervald", adf + "BaskervaldADFStd.otf", "Baskervald ADF Std");
        put("baskervald-b", adf + "BaskervaldADFStd-Bold.otf", "Baskervald ADF Std Bold");
        put("baskervald-i", adf + "BaskervaldADFStd-Italic.otf", "Baskervald ADF Std Italic");
        put("gillius", adf + "GilliusADF-Regular.otf", "Gillius ADF");
        put("gillius-b", adf + "GilliusADF-Bold.otf", "Gillius ADF Bold");
        put("gillius-i", adf + "GilliusADF-Italic.otf", "Gillius ADF Italic");
        put("gilliuscond", adf + "GilliusADF-Cond.otf", "Gillius ADF Condensed");
        put("gilliuscond-b", adf + "GilliusADF-BoldCond.otf", "Gillius ADF Bold Condensed");
        put("lato", lato + "Lato-Regular.ttf", "Lato");
        put("lato-b", lato + "Lato-Bold.ttf", "Lato Bold");
        put("lato-i", lato + "Lato-Italic.ttf", "Lato Italic");
        put("lato-light", lato + "Lato-Light.ttf", "Lato Light");
        put("lato-hair", lato + "Lato-Hairline.ttf", "Lato Hairline");
        put("lato-black", lato + "Lato-Black.ttf", "Lato Black");
        put("roboto", rob + "Roboto-Regular.ttf", "Roboto");
        put("roboto-b", rob + "Roboto-Bold.ttf", "Roboto Bold");
        put("roboto-i", rob + "Roboto-Italic.ttf", "Roboto Italic");
        put("roboto-light", rob + "Roboto-Light.ttf", "Roboto Light");
        put("roboto-thin", rob + "Roboto-Thin.ttf", "Roboto Thin");
        put("roboto-medium", rob + "Roboto-Medium.ttf", "Roboto Medium");
        put("robotocond", robc + "RobotoCondensed-Regular.ttf", "Roboto Condensed");
        put("robotocond-b", robc + "RobotoCondensed-Bold.ttf", "Roboto Condensed Bold");
        put("robotocond-light", robc + "RobotoCondensed-Light.ttf", "Roboto Condensed Light");
        put("go", go + "Go-Regular.ttf", "Go");
        put("go-b", go + "Go-Bold.ttf", "Go Bold");
        put("go-i", go + "Go-Italic.ttf", "Go Italic");
        put("go-medium", go + "Go-Medium.ttf", "Go Medium");
        put("gomono", go + "Go-Mono.ttf", "Go Mono");
        put("gomono-b", go + "Go-Mono-Bold.ttf", "Go Mono Bold");
        put("gosmall", go + "Go-Smallcaps.ttf", "Go Smallcaps");
        put("inconsolata", "/usr/share/fonts/truetype/inconsolata/Inconsolata.otf", "Inconsolata");
    }
    static void put(String k, String f, String n) { FILES.put(k, f); NAMES.put(k, n); }
    static synchronized Font get(String key, double size) {
        Font b = BASE.get(key);
        if (b == null) {
            String f = FILES.get(key);
            if (f == null) throw new IllegalArgumentException("font " + key);
            try { b = Font.createFont(Font.TRUETYPE_FONT, new File(f)); } catch (Exception e) { throw new RuntimeException(f, e); }
            BASE.put(key, b);
        }
        return b.deriveFont((float) size);
    }
}

/** Minimal ordered JSON writer. */
final class Json {
    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\f': b.append("\\f"); break;
                case '\t': b.append("\\t"); break;
                default: if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
            }
        }
        return b.append('"').toString();
    }
    static String val(Object o) {
        if (o == null) return "null";
        if (o instanceof String) return str((String) o);
        if (o instanceof Boolean) return o.toString();
        if (o instanceof Integer || o instanceof Long) return o.toString();
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
            return String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        if (o instanceof Map) {
            StringBuilder b = new StringBuilder("{"); boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                if (!first) b.append(", "); first = false;
                b.append(str(e.getKey().toString())).append(": ").append(val(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (o instanceof Collection) {
            StringBuilder b = new StringBuilder("["); boolean first = true;
            for (Object e : (Collection<?>) o) { if (!first) b.append(", "); first = false; b.append(val(e)); }
            return b.append(']').toString();
        }
        if (o instanceof Object[]) return val(Arrays.asList((Object[]) o));
        throw new IllegalArgumentException(o.getClass().toString());
    }
    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], kv[k + 1]);
        return m;
    }
}
