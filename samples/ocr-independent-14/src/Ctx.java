import java.time.LocalDate;
import java.util.*;

/** The fictional facts of one document. */
final class Ctx {
    final Rng r;
    final boolean male; final String title, first, last; final LocalDate dob, date, recv; final String nhs; final List<String> addr;
    final String phone, hospNo, ubrn, ubrnP;
    final String gpF, gpL, practice, pPhone, pFax, ods, gmc; final List<String> pAddr; final String[] partners;
    final String hosp, trust, consF, consL, consTitle, hPhone; final List<String> hAddr;
    final Data.Clin clin; final int age; final String dur;
    String dobStyle, nhsStyle;
    final List<Map<String, Object>> ids = new ArrayList<>();

    Ctx(Rng r, int y0, int y1, int story) {
        this.r = r;
        clin = Data.STORIES[story % Data.STORIES.length];
        boolean fOnly = clin.spec.contains("Breast") || clin.spec.contains("Gynae");
        male = !fOnly && r.p(0.5);
        first = male ? r.pick(Data.MALE) : r.pick(Data.FEMALE);
        last = r.pick(Data.LAST);
        title = male ? "Mr" : r.pick("Mrs", "Miss", "Ms", "Mrs");
        date = LocalDate.of(r.range(y0, y1), r.range(1, 12), r.range(1, 28));
        recv = date.plusDays(r.range(2, 12));
        age = fOnly && clin.spec.contains("Gynae") ? r.range(36, 51) : r.range(24, 89);
        dob = date.minusYears(age).minusDays(r.range(1, 360));
        nhs = Data.nhs(r);
        addr = new ArrayList<>();
        if (r.p(0.25)) addr.add(r.pick(Data.HOUSE));
        addr.add(r.range(1, 148) + " " + r.pick(Data.STREET));
        addr.add(r.pick(Data.TOWN));
        addr.add(Data.postcode(r));
        phone = Data.phone(r);
        hospNo = r.pick("K", "RX", "H", "M0", "A") + r.digits(6);
        ubrn = "0" + r.digits(11); ubrnP = ubrn.substring(0, 4) + " " + ubrn.substring(4, 8) + " " + ubrn.substring(8);
        int gi = r.i(Data.DRS.length);
        gpF = Data.DRF[gi]; gpL = Data.DRS[gi];
        practice = r.pick(Data.PRACTICE);
        pAddr = new ArrayList<>(Arrays.asList(r.range(1, 90) + " " + r.pick(Data.STREET), r.pick(Data.TOWN), Data.postcode(r)));
        pPhone = Data.phone(r); pFax = Data.phone(r); ods = "Z" + r.range(10000, 99999); gmc = r.range(2000000, 7999999) + "";
        List<String> ps = new ArrayList<>();
        ps.add("Dr " + gpF.charAt(0) + " " + gpL);
        for (String s : r.sample(Arrays.asList(Data.DRS), 4)) if (!s.equals(gpL) && ps.size() < 4) ps.add("Dr " + r.pick(Data.DRF).charAt(0) + " " + s);
        partners = ps.toArray(new String[0]);
        hosp = r.pick(Data.HOSPITAL); trust = r.pick(Data.TRUST);
        int ci = (gi + 1 + r.i(Data.DRS.length - 1)) % Data.DRS.length;
        consF = Data.DRF[ci]; consL = Data.DRS[ci];
        consTitle = clin.spec.contains("Surg") || clin.spec.contains("Ortho") || clin.spec.contains("ENT") ? "Mr" : "Dr";
        hPhone = Data.phone(r);
        hAddr = new ArrayList<>(Arrays.asList(r.pick("Hospital Road", "Infirmary Street", "Lister Way", "Nightingale Drive"), r.pick(Data.TOWN), Data.postcode(r)));
        dur = r.pick("three months", "six months", "eight weeks", "twelve months", "four months", "several weeks", "eighteen months");
        dobStyle = r.pick("dmy", "dmy", "long", "dotted2", "dmonY", "dmyDash", "DMONY", "ordinal", "dmy2", "dmonYsp", "dotted");
        nhsStyle = r.pick("spaced", "spaced", "spaced", "plain", "plain", "dashed");
    }

    String N(Doc d) { String v = Data.nhsFmt(nhs, nhsStyle); ids.add(Json.obj("page", d.pages.size(), "field", "nhs_number", "text", v)); return v; }
    String N(Doc d, String style) { String v = Data.nhsFmt(nhs, style); ids.add(Json.obj("page", d.pages.size(), "field", "nhs_number", "text", v)); return v; }
    String D(Doc d) { String v = Data.date(dob, dobStyle); ids.add(Json.obj("page", d.pages.size(), "field", "date_of_birth", "text", v)); return v; }
    String D(Doc d, String style) { String v = Data.date(dob, style); ids.add(Json.obj("page", d.pages.size(), "field", "date_of_birth", "text", v)); return v; }

    String name(int s) {
        switch (s) {
            case 0: return title + " " + first + " " + last;
            case 1: return last.toUpperCase() + ", " + first + " (" + title + ")";
            case 2: return first + " " + last.toUpperCase();
            case 3: return title + " " + first.charAt(0) + " " + last;
            case 4: return last.toUpperCase() + " " + first.toUpperCase();
            default: return title + " " + first + " " + last.toUpperCase();
        }
    }
    String addr1() { return String.join(", ", addr); }
    String sex() { return male ? "Male" : "Female"; }
    String gp() { return "Dr " + gpF + " " + gpL; }
    String gpShort() { return "Dr " + gpF.charAt(0) + " " + gpL; }
    String cons() { return consTitle + " " + consF.charAt(0) + " " + consL; }
    String t(String s) { return Data.pron(s, male, age, dur); }
    List<String> hist() { List<String> o = new ArrayList<>(); for (String h : clin.hist) o.add(t(h)); return o; }
}
