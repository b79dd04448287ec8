import java.awt.*;
import java.util.*;
import java.util.List;
import java.util.function.BiConsumer;

/** A multi-page document with a flowing cursor (y = baseline of the last line, in pt). */
final class Doc {
    final List<Page> pages = new ArrayList<>();
    final List<String> papers; final List<Integer> dpis; final Rng rng;
    Page p; double y;
    double ml = 20 * Page.MM, mr = 20 * Page.MM, mt = 18 * Page.MM, mb = 20 * Page.MM;
    BiConsumer<Doc, Integer> contHeader; // draws the header of continuation pages
    String style = "laser"; Color ink = Color.BLACK;
    final List<Map<String, Object>> distractors = new ArrayList<>();
    int planned = 1;      // planned page count (layouts break sections onto later sheets to match it)
    int pagesBefore = 0;
    int footFrom = 0;     // first page that gets the layout's footer  // pages of a preceding part (fax cover sheet)
    void breakAt(int k) { if (planned >= k && pages.size() < k) newPage(); }

    Doc(List<String> papers, List<Integer> dpis, Rng rng) { this.papers = papers; this.dpis = dpis; this.rng = rng; }

    Page newPage() {
        int i = pages.size();
        String paper = papers.get(Math.min(i, papers.size() - 1));
        int dpi = dpis.get(Math.min(i, dpis.size() - 1));
        p = new Page(paper, dpi, rng.sub("page" + i));
        p.style = style; p.ink = ink;
        pages.add(p);
        y = mt;
        if (i > 0 && contHeader != null) contHeader.accept(this, i);
        return p;
    }
    double x0() { return ml; }
    double x1() { return p.wPt - mr; }
    double W() { return x1() - x0(); }
    double bottom() { return p.hPt - mb; }
    void need(double h) { if (y + h > bottom()) newPage(); }
    void gap(double h) { y += h; }

    void line(String t, Font f, double lead) { need(lead); y += lead; p.text(x0(), y, f, t); }
    void line(String t, Font f) { line(t, f, f.getSize2D() * 1.3); }
    void lineAt(double x, String t, Font f, double lead) { need(lead); y += lead; p.text(x, y, f, t); }
    void rich(double lead, Object... ft) { need(lead); y += lead; p.rich(x0(), y, ft); }
    void row(double lead, Page.Cell... cells) { need(lead); y += lead; p.row(y, cells); }

    void para(String text, Font f, double lead, double x, double w, boolean justify) {
        List<String> lines = p.wrap(text, f, w);
        for (int k = 0; k < lines.size(); k++) {
            need(lead); y += lead;
            p.wrappedLine(lines.get(k), x, y, w, f, justify && k < lines.size() - 1);
        }
    }
    void para(String text, Font f, double lead) { para(text, f, lead, x0(), W(), false); }
    void paraJ(String text, Font f, double lead) { para(text, f, lead, x0(), W(), true); }

    void distract(String type, String text) {
        distractors.add(Json.obj("page", pages.size(), "type", type, "text", text));
    }
}
