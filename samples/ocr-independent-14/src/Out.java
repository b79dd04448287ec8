import java.awt.image.*;
import java.io.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.zip.Deflater;
import javax.imageio.*;
import javax.imageio.metadata.*;
import javax.imageio.plugins.tiff.*;
import javax.imageio.stream.*;
import org.w3c.dom.*;

/** Encoders: PNG, JPEG, TIFF (javax.imageio) and an image-only PDF writer. */
final class Out {
    static byte[] png(BufferedImage im, int dx, int dy) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(im), p);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", Integer.toString((int) Math.round(dx / 0.0254)));
        phys.setAttribute("pixelsPerUnitYAxis", Integer.toString((int) Math.round(dy / 0.0254)));
        phys.setAttribute("unitSpecifier", "meter");
        root.appendChild(phys);
        md.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(bo)) { w.setOutput(os); w.write(null, new IIOImage(im, null, md), p); }
        w.dispose();
        return bo.toByteArray();
    }

    static byte[] jpeg(BufferedImage im, double q, int dx, int dy) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT); p.setCompressionQuality((float) q);
        IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(im), p);
        Element tree = (Element) md.getAsTree("javax_imageio_jpeg_image_1.0");
        NodeList nl = tree.getElementsByTagName("app0JFIF");
        if (nl.getLength() > 0) {
            Element j = (Element) nl.item(0);
            j.setAttribute("resUnits", "1"); j.setAttribute("Xdensity", Integer.toString(dx)); j.setAttribute("Ydensity", Integer.toString(dy));
            md.setFromTree("javax_imageio_jpeg_image_1.0", tree);
        }
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(bo)) { w.setOutput(os); w.write(null, new IIOImage(im, null, md), p); }
        w.dispose();
        return bo.toByteArray();
    }

    static BufferedImage decode(byte[] b) throws IOException { return ImageIO.read(new ByteArrayInputStream(b)); }

    static final class TPage {
        final BufferedImage im; final String comp; final int dx, dy;
        TPage(BufferedImage im, String comp, int dx, int dy) { this.im = im; this.comp = comp; this.dx = dx; this.dy = dy; }
    }

    static IIOMetadata tiffMeta(ImageWriter w, ImageWriteParam p, BufferedImage im, int dx, int dy, boolean oneStrip) throws IOException {
        IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(im), p);
        TIFFDirectory dir = TIFFDirectory.createFromMetadata(md);
        BaselineTIFFTagSet b = BaselineTIFFTagSet.getInstance();
        dir.addTIFFField(new TIFFField(b.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1, new long[][]{{dx, 1}}));
        dir.addTIFFField(new TIFFField(b.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1, new long[][]{{dy, 1}}));
        dir.addTIFFField(new TIFFField(b.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT), TIFFTag.TIFF_SHORT, 1, new char[]{2}));
        if (oneStrip) dir.addTIFFField(new TIFFField(b.getTag(BaselineTIFFTagSet.TAG_ROWS_PER_STRIP), TIFFTag.TIFF_LONG, 1, new long[]{im.getHeight()}));
        return dir.getAsMetadata();
    }

    static ImageWriteParam tiffParam(ImageWriter w, String comp) {
        ImageWriteParam p = w.getDefaultWriteParam();
        if (comp.equals("none")) p.setCompressionMode(ImageWriteParam.MODE_DISABLED);
        else { p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT); p.setCompressionType(comp); }
        return p;
    }

    static byte[] tiff(List<TPage> pages) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(bo)) {
            w.setOutput(os);
            w.prepareWriteSequence(null);
            for (TPage tp : pages) {
                ImageWriteParam p = tiffParam(w, tp.comp);
                w.writeToSequence(new IIOImage(tp.im, null, tiffMeta(w, p, tp.im, tp.dx, tp.dy, false)), p);
            }
            w.endWriteSequence();
        }
        w.dispose();
        return bo.toByteArray();
    }

    /** G4 (T.6) coded data of a bilevel image, taken from a one-strip TIFF; verified by decoding it back. */
    static byte[] g4(BufferedImage bin) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ImageWriteParam p = tiffParam(w, "CCITT T.6");
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(bo)) { w.setOutput(os); w.write(null, new IIOImage(bin, null, tiffMeta(w, p, bin, 300, 300, true)), p); }
        w.dispose();
        byte[] d = bo.toByteArray();
        ByteBuffer bb = ByteBuffer.wrap(d).order(d[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int off = bb.getInt(4), n = bb.getShort(off) & 0xffff; long so = -1, sc = -1; int photo = -1, cnt = 0;
        for (int i = 0; i < n; i++) {
            int e = off + 2 + i * 12, tag = bb.getShort(e) & 0xffff, typ = bb.getShort(e + 2);
            long v = typ == 3 ? (bb.getShort(e + 8) & 0xffff) : (bb.getInt(e + 8) & 0xffffffffL);
            if (tag == 273) { so = v; cnt = bb.getInt(e + 4); }
            if (tag == 279) sc = v;
            if (tag == 262) photo = (int) v;
        }
        if (cnt != 1 || photo != 0) throw new IOException("unexpected G4 layout strips=" + cnt + " photometric=" + photo);
        BufferedImage back = decode(d);
        byte[] a = ((DataBufferByte) bin.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < bin.getHeight(); y += 97) for (int x = 0; x < bin.getWidth(); x += 13)
            if ((back.getRGB(x, y) & 0xffffff) != (bin.getRGB(x, y) & 0xffffff)) throw new IOException("G4 round trip mismatch");
        return Arrays.copyOfRange(d, (int) so, (int) (so + sc));
    }

    /** 1-bit rows for a Flate image (1 = white in DeviceGray). */
    static byte[] flateBits(BufferedImage bin) {
        byte[] a = ((DataBufferByte) bin.getRaster().getDataBuffer()).getData();
        Deflater df = new Deflater(9); df.setInput(a); df.finish();
        ByteArrayOutputStream bo = new ByteArrayOutputStream(); byte[] buf = new byte[65536];
        while (!df.finished()) { int k = df.deflate(buf); bo.write(buf, 0, k); }
        df.end();
        return bo.toByteArray();
    }

    static final class PdfPage {
        byte[] data; String dict; double wPt, hPt;
    }

    static PdfPage pdfJpeg(byte[] jpg, BufferedImage im, int dx, int dy) {
        PdfPage pp = new PdfPage(); pp.data = jpg;
        boolean grey = im.getType() == BufferedImage.TYPE_BYTE_GRAY;
        pp.dict = String.format(Locale.ROOT, "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 /Filter /DCTDecode",
                im.getWidth(), im.getHeight(), grey ? "DeviceGray" : "DeviceRGB");
        pp.wPt = im.getWidth() * 72.0 / dx; pp.hPt = im.getHeight() * 72.0 / dy;
        return pp;
    }
    static PdfPage pdfCcitt(BufferedImage bin, int dx, int dy) throws IOException {
        PdfPage pp = new PdfPage(); pp.data = g4(bin);
        pp.dict = String.format(Locale.ROOT, "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 false >>",
                bin.getWidth(), bin.getHeight(), bin.getWidth(), bin.getHeight());
        pp.wPt = bin.getWidth() * 72.0 / dx; pp.hPt = bin.getHeight() * 72.0 / dy;
        return pp;
    }
    static PdfPage pdfFlate(BufferedImage bin, int dx, int dy) {
        PdfPage pp = new PdfPage(); pp.data = flateBits(bin);
        pp.dict = String.format(Locale.ROOT, "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode",
                bin.getWidth(), bin.getHeight());
        pp.wPt = bin.getWidth() * 72.0 / dx; pp.hPt = bin.getHeight() * 72.0 / dy;
        return pp;
    }

    /** A minimal PDF 1.4: catalog, page tree, one image XObject and one content stream per page, classic xref. */
    static byte[] pdf(List<PdfPage> pages) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        List<Integer> offs = new ArrayList<>();
        int n = pages.size();
        int objs = 2 + 3 * n;
        o.write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
        offs.add(o.size());
        o.write(a("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"));
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < n; i++) kids.append(i == 0 ? "" : " ").append(3 + 3 * i).append(" 0 R");
        offs.add(o.size());
        o.write(a("2 0 obj\n<< /Type /Pages /Kids [" + kids + "] /Count " + n + " >>\nendobj\n"));
        for (int i = 0; i < n; i++) {
            PdfPage pp = pages.get(i);
            int po = 3 + 3 * i, io = po + 1, co = po + 2;
            String mb = String.format(Locale.ROOT, "[0 0 %.2f %.2f]", pp.wPt, pp.hPt);
            offs.add(o.size());
            o.write(a(po + " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox " + mb + " /Resources << /XObject << /Im0 " + io + " 0 R >> >> /Contents " + co + " 0 R >>\nendobj\n"));
            offs.add(o.size());
            o.write(a(io + " 0 obj\n<< " + pp.dict + " /Length " + pp.data.length + " >>\nstream\n"));
            o.write(pp.data);
            o.write(a("\nendstream\nendobj\n"));
            String content = String.format(Locale.ROOT, "q\n%.2f 0 0 %.2f 0 0 cm\n/Im0 Do\nQ\n", pp.wPt, pp.hPt);
            offs.add(o.size());
            o.write(a(co + " 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content + "endstream\nendobj\n"));
        }
        int xref = o.size();
        StringBuilder x = new StringBuilder("xref\n0 " + (objs + 1) + "\n0000000000 65535 f \n");
        for (int off : offs) x.append(String.format(Locale.ROOT, "%010d 00000 n \n", off));
        x.append("trailer\n<< /Size ").append(objs + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        o.write(a(x.toString()));
        return o.toByteArray();
    }
    static byte[] a(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }
}
