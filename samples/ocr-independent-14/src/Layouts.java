import java.awt.*;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.*;
import java.util.List;

/** Document layouts. Every printed line goes through Page/Doc text calls in reading order. */
final class Layouts {
    static final class St {
        String body = "garamond", bold = "garamond-b", ital = "garamond-i", head = "gillius-b", small = "lato";
        double size = 11, lead = 1.36; boolean justify = false; Color accent = Marks.NHS_BLUE; int logo = -1; boolean nhsLogo = false; int lh = 0;
        boolean caps = false; String letterDate = "long";
        Font b() { return Fonts.get(body, size); }
        Font B() { return Fonts.get(bold, size); }
        Font I() { return Fonts.get(ital, size); }
        Font bs(double s) { return Fonts.get(body, s); }
        Font Bs(double s) { return Fonts.get(bold, s); }
        Font sm(double s) { return Fonts.get(small, s); }
        Font hd(double s) { return Fonts.get(head, s); }
        double L() { return size * lead; }
    }

    static String up(St st, String s) { return st.caps ? s.toUpperCase() : s; }

    static void ink(Page p, Color c, Runnable r) { Color o = p.ink; p.ink = c; r.run(); p.ink = o; }

    static String ldate(Doc d, Ctx c, St st, LocalDate dt) {
        String s = Data.date(dt, st.letterDate);
        d.distract("letter_date", s);
        return s;
    }

    // ---------------------------------------------------------------- headers
    static void practiceHeader(Doc d, Ctx c, St st, Rng r) {
        Page p = d.p; double x0 = d.x0(), x1 = d.x1(); double y = d.mt - 14;
        switch (st.lh % 3) {
            case 0: {
                if (st.logo >= 0) { Marks.logo(p.g, st.logo, p.wPt / 2 - 15, y - 6, 30, st.accent, r); y += 30; }
                final double yy = y + 17;
                ink(p, st.accent, () -> p.textC(p.wPt / 2, yy, st.hd(17), c.practice));
                y = yy + 13;
                p.textC(p.wPt / 2, y, st.sm(9), String.join(", ", c.pAddr));
                y += 11.5;
                p.textC(p.wPt / 2, y, st.sm(9), "Tel: " + c.pPhone + "    Fax: " + c.pFax);
                d.distract("phone", c.pPhone); d.distract("fax", c.pFax);
                y += 7;
                ink(p, st.accent, () -> {}); p.g.setColor(st.accent); p.stroke(1.2); p.g.draw(new java.awt.geom.Line2D.Double(x0, y, x1, y));
                d.y = y + 6;
                break;
            }
            case 1: {
                double lx = x0;
                if (st.logo >= 0) { Marks.logo(p.g, st.logo, x0, y, 40, st.accent, r); lx = x0 + 50; }
                final double y1 = y + 16, lxx = lx;
                ink(p, st.accent, () -> p.text(lxx, y1, st.hd(16), c.practice));
                double yl = y1;
                for (String a : c.pAddr) { yl += 11; p.text(lx, yl, st.sm(9), a); }
                yl += 11; p.text(lx, yl, st.sm(9), "Telephone " + c.pPhone);
                yl += 11; p.text(lx, yl, st.sm(9), "Fax " + c.pFax);
                d.distract("phone", c.pPhone); d.distract("fax", c.pFax);
                double yr = y + 6;
                for (String s : c.partners) { yr += 10.5; p.textR(x1, yr, st.sm(8.5), s); }
                yr += 10.5; p.textR(x1, yr, st.sm(8.5), "Practice Manager: " + r.pick("Mrs K Holt", "Mr D Fenwick", "Ms L Grant"));
                d.y = Math.max(yl, yr) + 8;
                p.g.setColor(st.accent); p.stroke(0.8); p.g.draw(new java.awt.geom.Line2D.Double(x0, d.y, x1, d.y));
                d.y += 6;
                break;
            }
            default: {
                double bh = 46;
                p.fill(0, 0, p.wPt, d.mt + bh - 18, st.accent);
                final double by = d.mt + 4;
                ink(p, Color.WHITE, () -> p.row(by, Page.L(x0, st.hd(18), c.practice), Page.R(x1, st.sm(9.5), "Tel " + c.pPhone)));
                d.distract("phone", c.pPhone);
                y = d.mt + bh - 18 + 13;
                p.text(x0, y, st.sm(9), String.join("  |  ", c.pAddr) + "  |  Fax " + c.pFax);
                d.distract("fax", c.pFax);
                d.y = y + 8;
            }
        }
        d.p.htBottom = d.y;
    }

    static void hospitalHeader(Doc d, Ctx c, St st, Rng r, String dept) {
        Page p = d.p; double x0 = d.x0(), x1 = d.x1(); double y = d.mt - 16;
        if (st.nhsLogo) { Marks.nhsLogo(p.g, x1 - 62, y, 25, Marks.NHS_BLUE); y += 25; }
        double yr = y + 14;
        final double y1 = yr;
        ink(p, st.nhsLogo ? Marks.NHS_BLUE : st.accent, () -> p.textR(x1, y1, st.hd(12.5), c.trust));
        yr += 13; p.textR(x1, yr, st.sm(9.5), c.hosp);
        for (String a : c.hAddr) { yr += 11; p.textR(x1, yr, st.sm(9), a); }
        yr += 11; p.textR(x1, yr, st.sm(9), "Switchboard: " + c.hPhone);
        d.distract("phone", c.hPhone);
        if (dept != null) { yr += 14; p.textR(x1, yr, st.Bs(10), dept); }
        d.y = yr + 10;
        p.htBottom = d.y;
    }

    static void addressBlock(Doc d, List<String> lines, Font f, double lead) {
        for (String l : lines) { d.y += lead; d.p.text(d.x0(), d.y, f, l); }
    }

    static List<String> hospRecipient(Ctx c, boolean named) {
        List<String> a = new ArrayList<>();
        a.add(named ? c.cons() : "The Consultant");
        a.add(c.clin.service);
        a.add(c.hosp);
        a.addAll(c.hAddr);
        return a;
    }

    static void signoff(Doc d, Ctx c, St st, Rng r, String close, String[] after) {
        d.need(st.L() * 6);
        d.gap(st.L() * 0.8);
        d.line(close, st.b(), st.L());
        Hand.signature(d.p.g, c.gp(), d.x0() + 4, d.y + 30, 22, new Color(20, 30, 110), r);
        d.p.overlay("signature", "signature of " + c.gpShort());
        d.gap(34);
        d.line(c.gp(), st.B(), st.L());
        for (String a : after) d.line(a, st.b(), st.L());
    }

    static void footers(Doc d, St st, String left, boolean pageOf) {
        int n = d.pages.size() - d.footFrom;
        for (int i = 0; i < n; i++) {
            Page p = d.pages.get(i + d.footFrom);
            double y = p.hPt - 11 * Page.MM;
            String pg = pageOf ? "Page " + (i + 1) + " of " + n : null;
            if (left != null && pg != null) p.row(y, Page.L(d.ml, st.sm(7.5), left), Page.R(p.wPt - d.mr, st.sm(7.5), pg));
            else if (left != null) p.textC(p.wPt / 2, y, st.sm(7.5), left);
            else if (pg != null) p.textC(p.wPt / 2, y, st.sm(8), pg);
        }
    }

    static void contHeaderSimple(Doc d, Ctx c, St st) {
        d.contHeader = (dd, i) -> {
            dd.y = dd.mt;
            dd.p.row(dd.y, Page.L(dd.x0(), st.sm(8.5), "Re: " + c.name(3) + "   NHS No: " + c.N(dd)), Page.R(dd.x1(), st.sm(8.5), "Page " + (i + 1)));
            dd.p.hline(dd.x0(), dd.x1(), dd.y + 4, 0.4);
            dd.y += 14;
        };
    }

    static void reBlock(Doc d, Ctx c, St st, int v) {
        double L = st.L();
        switch (v % 4) {
            case 0: d.para("Re: " + c.name(0) + ", DOB " + c.D(d) + ", NHS No " + c.N(d) + ", " + c.addr1(), st.B(), L); break;
            case 1:
                d.rich(L, st.B(), "Re:  ", st.B(), c.name(5));
                d.rich(L, st.B(), "        Date of Birth: ", st.b(), c.D(d));
                d.rich(L, st.B(), "        NHS Number: ", st.b(), c.N(d));
                d.lineAt(d.x0() + st.size * 2.6, c.addr1(), st.b(), L);
                break;
            case 2:
                d.line("RE: " + c.name(4) + "   D.O.B. " + c.D(d), st.B(), L);
                d.line("NHS NO. " + c.N(d) + "   HOSP NO. " + c.hospNo, st.B(), L);
                d.distract("hospital_number", c.hospNo);
                d.line(c.addr1().toUpperCase(), st.B(), L);
                break;
            default:
                d.line("Patient: " + c.name(0) + " (" + c.D(d) + ")", st.B(), L);
                d.line("NHS Number " + c.N(d), st.B(), L);
                d.line("Address: " + c.addr1(), st.b(), L);
        }
    }

    static void bodyParas(Doc d, Ctx c, St st, Rng r, boolean withLists) { bodyParas(d, c, st, r, withLists, false); }
    static void bodyParas(Doc d, Ctx c, St st, Rng r, boolean withLists, boolean breakMid) { bodyParas(d, c, st, r, withLists, breakMid, 0); }
    static void bodyParas(Doc d, Ctx c, St st, Rng r, boolean withLists, boolean breakMid, int skip) {
        double L = st.L();
        for (String h : c.hist().subList(skip, c.hist().size())) { d.gap(L * 0.45); if (st.justify) d.paraJ(up(st, h), st.b(), L); else d.para(up(st, h), st.b(), L); }
        if (breakMid) d.breakAt(2);
        d.gap(L * 0.45); d.para(up(st, c.clin.exam), st.b(), L);
        if (withLists) {
            d.gap(L * 0.45); d.line(up(st, "Past medical history:"), st.B(), L);
            for (String s : c.clin.pmh) d.lineAt(d.x0() + 14, up(st, s), st.b(), L);
            d.gap(L * 0.3); d.line(up(st, "Current medication:"), st.B(), L);
            for (String s : c.clin.meds) d.lineAt(d.x0() + 14, up(st, s), st.b(), L);
            d.gap(L * 0.3); d.line(up(st, "Allergies: " + c.clin.allergy), st.b(), L);
        }
        d.gap(L * 0.45); d.para(up(st, c.t(c.clin.request)), st.b(), L);
    }

    // ---------------------------------------------------------------- referral kinds
    static void dictated(Doc d, Ctx c, St st, Rng r, boolean twoPageHeader) {
        d.newPage();
        contHeaderSimple(d, c, st);
        practiceHeader(d, c, st, r);
        double L = st.L();
        if (twoPageHeader) {
            // the first sheet is mostly letterhead, addresses and identifiers
            d.gap(10);
            d.p.text(d.x0(), d.y += L, st.sm(9), "Senior Partner: " + c.partners[0] + "    Practice code " + c.ods);
            d.distract("practice_code", c.ods);
            d.gap(L);
        }
        d.gap(L * 0.5);
        if (r.p(0.6)) { d.row(L, Page.L(d.x0(), st.b(), "Our ref: " + c.gpL.substring(0, 2).toUpperCase() + "/" + c.last.substring(0, 2).toLowerCase() + "/" + r.digits(4)), Page.R(d.x1(), st.b(), ldate(d, c, st, c.date))); }
        else { final String ds = ldate(d, c, st, c.date); d.row(L, Page.R(d.x1(), st.b(), ds)); }
        d.gap(L * 0.6);
        addressBlock(d, hospRecipient(c, r.p(0.6)), st.b(), L);
        d.gap(L * (twoPageHeader ? 2.5 : 1));
        d.line("Dear " + (r.p(0.5) ? c.cons().replace("Mr ", "Mr ").replaceAll(" [A-Z] ", " ") : "Colleague") + ",", st.b(), L);
        d.gap(L * 0.5);
        reBlock(d, c, st, r.i(4));
        if (twoPageHeader) {
            d.gap(L * 0.5);
            d.para(up(st, c.hist().get(0)), st.b(), L);
            d.newPage();
        }
        bodyParas(d, c, st, r, r.p(0.7), !twoPageHeader, twoPageHeader ? 1 : 0);
        signoff(d, c, st, r, "Yours sincerely", new String[]{r.pick("MBChB MRCGP", "MB BS DRCOG MRCGP", "BM BCh MRCGP", "MB ChB DFFP"), "General Practitioner"});
        if (r.p(0.5)) d.line(r.pick("Dictated but not signed", "Dictated but not checked", "Electronically approved"), st.I(), L);
        footers(d, st, "Partners: " + String.join(", ", c.partners) + "   Practice code " + c.ods, false);
    }

    static void demobox(Doc d, Ctx c, St st, Rng r, boolean hospital) {
        d.newPage();
        contHeaderSimple(d, c, st);
        if (hospital) hospitalHeader(d, c, st, r, c.clin.service); else practiceHeader(d, c, st, r);
        double L = st.L();
        double top = d.y + 6;
        // left: address block; right: demographics box with two columns of Label: value pairs
        d.y = top;
        List<String> rec = hospital ? Arrays.asList(c.gp(), c.practice, c.pAddr.get(0), c.pAddr.get(1), c.pAddr.get(2)) : hospRecipient(c, true);
        addressBlock(d, rec, st.b(), L);
        double leftEnd = d.y;
        double bx = d.x0() + d.W() * 0.47, bw = d.x1() - bx, fs = st.size - 1.5, bl = fs * 1.45;
        Font lf = st.Bs(fs), vf = st.bs(fs);
        String[][] colA = {{"Name:", c.name(3)}, {"DOB:", c.D(d)}, {"NHS No:", c.N(d)}, {"Sex:", c.sex()}};
        String[][] colB = {{"Hosp No:", c.hospNo}, {"Tel:", c.phone}, {"GP:", c.gpShort()}, {"Ref:", c.gpL.substring(0, 1) + "/" + r.digits(5)}};
        d.distract("hospital_number", c.hospNo); d.distract("phone", c.phone);
        double cy = top + 4;
        d.p.box(bx, top - 2, bw, bl * 4 + 10, 0.8);
        double cbx = bx + bw * 0.53;
        double ly = cy;
        for (String[] kv : colA) { ly += bl; d.p.rich(bx + 5, ly, lf, kv[0] + " ", vf, kv[1]); }
        ly = cy;
        for (String[] kv : colB) { ly += bl; d.p.rich(cbx, ly, lf, kv[0] + " ", vf, kv[1]); }
        d.y = Math.max(leftEnd, top + bl * 4 + 10) + L;
        final String ds = ldate(d, c, st, c.date);
        d.row(L, Page.R(d.x1(), st.b(), ds));
        d.gap(L * 0.5);
        d.line(hospital ? "Dear " + c.gp() + "," : "Dear " + c.cons().replaceAll(" [A-Z] ", " ") + ",", st.b(), L);
        d.gap(L * 0.4);
        d.line("Re: " + c.clin.title, st.B(), L);
        bodyParas(d, c, st, r, !hospital, true);
        signoff(d, c, st, r, "Yours sincerely", new String[]{"General Practitioner"});
        footers(d, st, c.practice + " - " + String.join(", ", c.pAddr), d.pages.size() > 1);
    }

    static void tableRows(Doc d, St st, double x, double[] cols, String[][] rows, double fs, boolean header, boolean grid) {
        double rl = fs * 1.75;
        for (int k = 0; k < rows.length; k++) {
            d.need(rl);
            double top = d.y + 2; d.y += rl;
            Page.Cell[] cells = new Page.Cell[rows[k].length];
            for (int j = 0; j < rows[k].length; j++) cells[j] = Page.L(x + cols[j] + 3, (header && k == 0) ? st.Bs(fs) : st.bs(fs), rows[k][j]);
            if (header && k == 0) d.p.fill(x, top, cols[cols.length - 1] + (d.x1() - x - cols[cols.length - 1]), rl, new Color(225, 225, 225));
            d.p.row(top + rl / 2 + fs * 0.36, cells);
            if (grid) {
                d.p.box(x, top, d.x1() - x, rl, 0.5);
                for (int j = 1; j < cols.length; j++) d.p.vline(x + cols[j], top, top + rl, 0.5);
            }
        }
        d.y += 4;
    }

    static void ers(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        d.contHeader = (dd, i) -> { dd.y = dd.mt; dd.p.row(dd.y, Page.L(dd.x0(), st.Bs(9), "NHS e-Referral Service"), Page.R(dd.x1(), st.sm(9), "UBRN " + c.ubrnP)); dd.p.hline(dd.x0(), dd.x1(), dd.y + 4, 0.5); dd.y += 16; };
        double L = st.L();
        d.y = d.mt;
        d.p.row(d.y, Page.L(d.x0(), st.Bs(11), "NHS e-Referral Service"), Page.R(d.x1(), st.sm(10), "Referral Letter"));
        if (st.nhsLogo) Marks.nhsLogo(d.p.g, d.x1() - 50, d.y - 38, 20, Marks.NHS_BLUE);
        d.p.hline(d.x0(), d.x1(), d.y + 5, 1);
        d.y += 12;
        d.line("Referral Details", st.Bs(12.5), 18);
        double[] cols = {0, 150};
        String created = Data.date(c.date, "dmonY") + " " + String.format("%02d:%02d", r.range(8, 17), r.range(0, 59));
        d.distract("ubrn", c.ubrnP); d.distract("referral_created", created);
        tableRows(d, st, d.x0(), cols, new String[][]{
                {"UBRN", c.ubrnP}, {"Priority", c.clin.urgency}, {"Specialty", c.clin.spec}, {"Service", c.clin.service + " - " + c.hosp},
                {"Referral Created", created}, {"Referring Clinician", c.gp()}, {"Referring Organisation", c.practice + " (" + c.ods + ")"}}, st.size - 1, false, true);
        d.distract("practice_code", c.ods);
        d.gap(6);
        d.line("Patient Details", st.Bs(12.5), 18);
        String dob = c.D(d), nhs = c.N(d);
        tableRows(d, st, d.x0(), cols, new String[][]{
                {"Patient Name", c.name(1)}, {"NHS Number", nhs}, {"Date of Birth", dob}, {"Gender", c.sex()},
                {"Address", c.addr.get(0)}, {"", String.join(", ", c.addr.subList(1, c.addr.size()))}, {"Telephone", c.phone}}, st.size - 1, false, true);
        d.distract("phone", c.phone);
        d.gap(8);
        d.breakAt(2);
        d.line("Referral Letter", st.Bs(12.5), 18);
        d.gap(4);
        d.line("Dear Colleague,", st.b(), L);
        bodyParas(d, c, st, r, false);
        d.gap(L * 0.5);
        d.line("Yours sincerely", st.b(), L);
        d.line(c.gp() + " (electronically signed)", st.b(), L);
        d.gap(10);
        d.breakAt(3);
        d.line("Current Medication", st.Bs(12), 18);
        String[][] meds = new String[c.clin.meds.length + 1][];
        meds[0] = new String[]{"Medication", "Last issued"};
        for (int k = 0; k < c.clin.meds.length; k++) meds[k + 1] = new String[]{c.clin.meds[k], Data.date(c.date.minusDays(r.range(3, 60)), "dmonY")};
        tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.72}, meds, st.size - 1.5, true, true);
        d.line("Allergies: " + c.clin.allergy, st.b(), L);
        d.line("Problems: " + String.join("; ", c.clin.pmh), st.b(), L);
        if (d.planned >= 3) {
            d.gap(10);
            d.line("Attachments", st.Bs(12), 18);
            tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.6}, new String[][]{{"Document", "Added"}, {"Recent blood results.pdf", Data.date(c.date, "dmonY")},
                    {"Clinical correspondence.pdf", Data.date(c.date.minusDays(40), "dmonY")}}, st.size - 1.5, true, true);
            d.line("Patient accessibility needs: none recorded", st.b(), L);
            d.line("Interpreter required: No", st.b(), L);
        }
        footers(d, st, "Printed from the NHS e-Referral Service. This referral is subject to NHS confidentiality requirements.", true);
    }

    static void proforma(Doc d, Ctx c, St st, Rng r, int which) {
        d.newPage();
        contHeaderSimple(d, c, st);
        double L = st.L(); Page p = d.p;
        String[] titles = {"SUSPECTED LOWER GI CANCER REFERRAL", "SUSPECTED BREAST CANCER REFERRAL", "MUSCULOSKELETAL TRIAGE REFERRAL FORM", "URGENT SUSPECTED CANCER - UROLOGY"};
        String[][] crit = {
                {"Age 40 and over with unexplained weight loss and abdominal pain", "Age 50 and over with unexplained rectal bleeding", "Age 60 and over with iron deficiency anaemia or change in bowel habit",
                        "Positive FIT result (10 ug Hb/g or more)", "Rectal or abdominal mass", "Other - please give details below"},
                {"Age 30 and over with an unexplained breast lump", "Age 50 and over with nipple discharge, retraction or other change", "Skin changes suggestive of breast cancer",
                        "Unexplained lump in the axilla", "Other - please give details below"},
                {"Knee", "Hip", "Shoulder", "Spine", "Hand and wrist", "Foot and ankle", "Conservative management tried for 6 weeks or more", "Patient wishes to consider surgery"},
                {"Age 45 and over with unexplained visible haematuria", "Age 60 and over with non-visible haematuria and dysuria or raised white cell count", "Raised PSA for age",
                        "Abnormal prostate on rectal examination", "Renal mass on imaging"}};
        int w = which % 4;
        double ty = d.mt - 6;
        p.fill(d.x0(), ty - 14, d.W(), 22, st.accent);
        ink(p, Color.WHITE, () -> p.textC(p.wPt / 2, ty + 2, st.hd(13), titles[w]));
        d.y = ty + 10;
        d.line(w == 2 ? "Please complete all sections. Incomplete forms will be returned." : "Two week wait - please send within 24 hours of the decision to refer", st.sm(9), 13);
        d.gap(6);
        d.line("PATIENT DETAILS", st.Bs(10.5), 15);
        double[] cols = {0, d.W() * 0.17, d.W() * 0.5, d.W() * 0.67};
        tableRows(d, st, d.x0(), cols, new String[][]{{"Surname", c.last.toUpperCase(), "Forename", c.first}, {"Date of birth", c.D(d), "NHS number", c.N(d)},
                {"Title", c.title, "Gender", c.sex()}, {"Telephone", c.phone, "Hospital no.", ""}}, st.size - 1, false, true);
        tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.17}, new String[][]{{"Address", c.addr1()}}, st.size - 1, false, true);
        d.distract("phone", c.phone);
        d.gap(6);
        d.line(w == 2 ? "AREA AFFECTED (tick)" : "REFERRAL CRITERIA (tick all that apply)", st.Bs(10.5), 15);
        int ticked = 0;
        for (int k = 0; k < crit[w].length; k++) {
            d.need(16); d.y += 16;
            p.checkbox(d.x0() + 2, d.y + 1, 9);
            p.text(d.x0() + 18, d.y, st.bs(st.size - 0.5), crit[w][k]);
            if ((k == (r.i(crit[w].length)) || (k == crit[w].length - 2 && ticked == 0)) && ticked < 2) {
                Hand.tick(p.g, d.x0() + 2, d.y, 10, new Color(20, 30, 120), r); ticked++; p.overlay("tick", "tick mark in box: " + crit[w][k]);
            }
        }
        d.gap(8);
        d.breakAt(2 + d.pagesBefore);
        d.line("CLINICAL INFORMATION", st.Bs(10.5), 15);
        double bt = d.y + 4;
        d.gap(4);
        for (String h : c.hist()) { d.para(h, st.b(), L, d.x0() + 4, d.W() - 8, false); d.gap(2); }
        if (w == 2) d.para(c.t(c.clin.exam), st.b(), L, d.x0() + 4, d.W() - 8, false);
        d.gap(6);
        if (d.pages.size() == 1) p.box(d.x0(), bt, d.W(), d.y - bt, 0.6);
        d.gap(6);
        d.line("REFERRER", st.Bs(10.5), 15);
        String dt = Data.date(c.date, "dmy");
        d.distract("letter_date", dt); d.distract("practice_code", c.ods); d.distract("phone", c.pPhone);
        tableRows(d, st, d.x0(), cols, new String[][]{{"GP name", c.gp(), "Practice code", c.ods}, {"Practice", c.practice, "Telephone", c.pPhone},
                {"Signature", "", "Date", dt}}, st.size - 1, false, true);
        Hand.signature(d.p.g, c.gp(), d.x0() + d.W() * 0.2, d.y - 8, 14, new Color(20, 20, 60), r);
        d.p.overlay("signature", "signature of " + c.gpShort());
        footers(d, st, w == 2 ? "MSK triage service v3.2" : "Version 7 - " + c.trust, d.pages.size() > 1);
    }

    static void soap(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        contHeaderSimple(d, c, st);
        practiceHeader(d, c, st, r);
        double L = st.L(); Page p = d.p;
        d.gap(6);
        d.line("CONSULTATION SUMMARY AND REFERRAL", st.Bs(12), 18);
        String dt = Data.date(c.date, "dmy");
        d.distract("consultation_date", dt);
        d.row(L, Page.L(d.x0(), st.b(), "Patient: " + c.name(5)), Page.L(d.x0() + d.W() * 0.6, st.b(), "DOB: " + c.D(d)));
        d.row(L, Page.L(d.x0(), st.b(), "NHS No: " + c.N(d)), Page.L(d.x0() + d.W() * 0.6, st.b(), "Seen: " + dt));
        d.line("Referred to: " + c.clin.service + ", " + c.hosp + " (" + c.clin.urgency + ")", st.b(), L);
        p.hline(d.x0(), d.x1(), d.y + 5, 0.5);
        d.gap(8);
        double ix = d.x0() + 26, iw = d.W() - 26;
        List<String> h = c.hist();
        String[][] soap = {{"S:", String.join(" ", h.subList(0, Math.min(2, h.size())))}, {"O:", c.t(c.clin.exam)},
                {"A:", c.clin.title + "."}, {"P:", "Refer to " + c.clin.spec.toLowerCase() + ". " + c.t(c.clin.request) + " Safety-netting advice given."}};
        for (String[] s : soap) {
            d.gap(L * 0.4);
            d.need(L); double y0 = d.y + L;
            p.draw(s[0], d.x0(), y0, st.B());
            List<String> lines = p.wrap(s[1], st.b(), iw);
            // the label and the first line share a baseline: one printed line
            for (int k = 0; k < lines.size(); k++) {
                d.need(L); d.y += L;
                String t = lines.get(k).replaceAll("\\s+$", "");
                if (k == 0) { p.draw(t, ix, d.y, st.b()); p.gtAdd(s[0] + " " + t, d.x0(), d.y, d.W(), st.b()); }
                else d.p.text(ix, d.y, st.b(), t);
            }
        }
        d.gap(L * 0.6);
        d.line("Medication: " + String.join("; ", c.clin.meds), st.sm(st.size - 2), L * 0.85);
        d.line("Allergies: " + c.clin.allergy, st.sm(st.size - 2), L * 0.85);
        d.gap(L);
        d.line(c.gp() + "  GMC " + c.gmc, st.b(), L);
        d.distract("gmc_number", c.gmc);
        footers(d, st, "Confidential patient information", false);
    }

    static void emis(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        double L = st.L();
        d.contHeader = (dd, i) -> { dd.y = dd.mt; dd.p.row(dd.y, Page.L(dd.x0(), st.Bs(9), c.last.toUpperCase() + ", " + c.first + " (" + c.title + ")"), Page.R(dd.x1(), st.sm(9), "NHS No. " + c.N(dd))); dd.y += 14; };
        Page p = d.p;
        d.y = d.mt - 8;
        ink(p, new Color(90, 90, 90), () -> p.row(d.y, Page.L(d.x0(), st.sm(8), "EMIS Web"), Page.R(d.x1(), st.sm(8), c.practice)));
        d.gap(6);
        double bt = d.y;
        p.fill(d.x0(), bt, d.W(), 52, new Color(232, 238, 246));
        p.box(d.x0(), bt, d.W(), 52, 0.6);
        d.y = bt + 16;
        p.text(d.x0() + 6, d.y, st.Bs(13), c.last.toUpperCase() + ", " + c.first + " (" + c.title + ")");
        d.y += 14;
        String born = c.D(d), nhs = c.N(d);
        p.row(d.y, Page.L(d.x0() + 6, st.sm(9.5), "Born " + born + " (" + c.age + "y)"), Page.L(d.x0() + d.W() * 0.36, st.sm(9.5), "Gender " + c.sex()), Page.L(d.x0() + d.W() * 0.58, st.sm(9.5), "NHS No. " + nhs));
        d.y += 13;
        p.row(d.y, Page.L(d.x0() + 6, st.sm(9.5), "Usual GP " + c.gpShort()), Page.L(d.x0() + d.W() * 0.36, st.sm(9.5), "Tel " + c.phone));
        d.distract("phone", c.phone);
        d.y = bt + 52;
        d.gap(10);
        d.line("Referral Letter", st.Bs(12), 18);
        String dt = Data.date(c.date, "dmonY");
        d.distract("letter_date", dt);
        d.line("To: " + c.clin.service + ", " + c.hosp + "     Date: " + dt, st.b(), L);
        d.line("Urgency: " + c.clin.urgency, st.b(), L);
        d.gap(4);
        d.line("Dear Colleague", st.b(), L);
        bodyParas(d, c, st, r, false);
        d.gap(L * 0.4);
        d.line("Many thanks, " + c.gpShort(), st.b(), L);
        d.gap(8);
        d.breakAt(2);
        d.line("Active Problems", st.Bs(11), 16);
        String[][] prob = new String[c.clin.pmh.length + 2][];
        prob[0] = new String[]{"Date", "Problem"};
        prob[1] = new String[]{Data.date(c.date.minusDays(r.range(30, 400)), "dmonY"), c.clin.title};
        for (int k = 0; k < c.clin.pmh.length; k++) prob[k + 2] = new String[]{Data.date(c.date.minusDays(r.range(500, 6000)), "dmonY"), c.clin.pmh[k]};
        tableRows(d, st, d.x0(), new double[]{0, 90}, prob, st.size - 1.5, true, false);
        d.line("Current Medication", st.Bs(11), 16);
        String[][] meds = new String[c.clin.meds.length + 1][];
        meds[0] = new String[]{"Drug and dosage", "Quantity", "Last issued"};
        for (int k = 0; k < c.clin.meds.length; k++) meds[k + 1] = new String[]{c.clin.meds[k], r.pick("28 tablets", "56 tablets", "1 pack", "100 ml"), Data.date(c.date.minusDays(r.range(3, 50)), "dmonY")};
        tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.6, d.W() * 0.78}, meds, st.size - 1.5, true, false);
        d.line("Allergies and sensitivities: " + c.clin.allergy, st.b(), L);
        footers(d, st, "Confidential: contains patient identifiable information - " + c.practice, true);
    }

    static void systmone(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        contHeaderSimple(d, c, st);
        double L = st.L(); Page p = d.p;
        d.y = d.mt;
        p.row(d.y, Page.L(d.x0(), st.Bs(15), "Referral Letter"), Page.R(d.x1(), st.Bs(10), c.practice));
        d.y += 12; p.textR(d.x1(), d.y, st.sm(9), String.join(", ", c.pAddr));
        d.y += 11; p.textR(d.x1(), d.y, st.sm(9), "Tel: " + c.pPhone);
        d.distract("phone", c.pPhone);
        d.gap(12);
        d.line("Patient Details", st.Bs(11), 16);
        double[] cols = {0, 120};
        String[][] pd = {{"Name", c.name(0)}, {"Date of birth", c.D(d)}, {"NHS number", c.N(d)}, {"Gender", c.sex()}, {"Address", c.addr1()}, {"Home telephone", c.phone}};
        d.distract("phone", c.phone);
        tableRows(d, st, d.x0(), cols, pd, st.size - 1, false, false);
        d.line("Referral Details", st.Bs(11), 16);
        String dt = Data.date(c.date, "dmy");
        d.distract("letter_date", dt);
        tableRows(d, st, d.x0(), cols, new String[][]{{"Referred to", c.clin.service}, {"Provider", c.hosp}, {"Priority", c.clin.urgency}, {"Date of referral", dt}, {"Referrer", c.gp()}}, st.size - 1, false, false);
        p.hline(d.x0(), d.x1(), d.y, 0.6);
        d.gap(6);
        d.line("Dear Colleague,", st.b(), L);
        bodyParas(d, c, st, r, false);
        d.gap(L * 0.4);
        d.line("Kind regards", st.b(), L);
        d.gap(L * 0.3);
        d.line(c.gp(), st.b(), L);
        d.gap(8);
        d.breakAt(2);
        d.line("Repeat Templates", st.Bs(11), 16);
        String[][] meds = new String[c.clin.meds.length + 1][];
        meds[0] = new String[]{"Drug", "Start date"};
        for (int k = 0; k < c.clin.meds.length; k++) meds[k + 1] = new String[]{c.clin.meds[k], Data.date(c.date.minusDays(r.range(100, 3000)), "dmy")};
        tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.7}, meds, st.size - 1.5, true, true);
        footers(d, st, "Produced by SystmOne for " + c.practice, true);
    }

    static void vision(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        contHeaderSimple(d, c, st);
        double L = st.L(); Page p = d.p; Font f = st.b(), fb = st.B();
        d.y = d.mt;
        p.row(d.y, Page.L(d.x0(), fb, "Vision - Referral Report"), Page.R(d.x1(), f, c.practice));
        p.hline(d.x0(), d.x1(), d.y + 5, 0.8);
        d.gap(8);
        d.row(L, Page.L(d.x0(), f, "Patient: " + c.name(4)), Page.L(d.x0() + d.W() * 0.52, f, "DOB: " + c.D(d)));
        d.row(L, Page.L(d.x0(), f, "NHS: " + c.N(d)), Page.L(d.x0() + d.W() * 0.52, f, "Sex: " + c.sex()));
        d.line("Address: " + c.addr1(), f, L);
        d.line("Registered GP: " + c.gp() + "   Practice: " + c.ods, f, L);
        d.distract("practice_code", c.ods);
        p.hline(d.x0(), d.x1(), d.y + 5, 0.5);
        d.gap(8);
        String dt = Data.date(c.date, "dmy");
        d.distract("consultation_date", dt);
        d.line("Consultation " + dt + "  " + c.gpShort() + "  Surgery", fb, L);
        List<String> h = c.hist();
        d.para("History: " + String.join(" ", h), f, L);
        d.para("Examination: " + c.t(c.clin.exam), f, L);
        d.para("Plan: Referral to " + c.clin.service + ", " + c.hosp + ". " + c.t(c.clin.request), f, L);
        d.gap(6);
        d.breakAt(2);
        d.line("Problems", fb, L);
        for (String s : c.clin.pmh) d.line(Data.date(c.date.minusDays(r.range(400, 7000)), "dmy") + "  " + s, f, L);
        d.gap(4);
        d.line("Repeat medication", fb, L);
        for (String s : c.clin.meds) d.line(s, f, L);
        d.line("Allergy: " + c.clin.allergy, f, L);
        footers(d, st, "Vision report - " + c.practice + " - printed " + Data.date(c.date, "dmy"), true);
    }

    static void terse(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        double L = st.L(); Page p = d.p;
        d.y = d.mt;
        p.row(d.y, Page.L(d.x0(), st.Bs(st.size + 1), c.practice.toUpperCase()), Page.R(d.x1(), st.b(), Data.date(c.date, "dmy2")));
        d.distract("letter_date", Data.date(c.date, "dmy2"));
        d.gap(L * 1.5);
        d.line("To: " + c.clin.spec + " OPD, " + c.hosp, st.b(), L);
        d.gap(L * 0.5);
        d.line("Re: " + c.name(3) + "  DOB " + c.D(d) + "  NHS " + c.N(d), st.B(), L);
        d.line(c.addr1(), st.b(), L);
        d.gap(L * 0.8);
        String[] shortH = {"Pls see " + c.age + (c.male ? "M" : "F") + " - " + c.clin.title.toLowerCase() + ", " + c.dur + ".",
                c.t(c.clin.exam), "Meds: " + String.join(", ", Arrays.copyOf(c.clin.meds, Math.min(2, c.clin.meds.length))) + ". " + c.clin.allergy + ".",
                "? needs " + c.clin.plan[0].toLowerCase() + ". Thanks."};
        for (String s : shortH) d.para(s, st.b(), L);
        d.gap(L * 2.5);
        d.line(c.gpShort(), st.b(), L);
        Hand.signature(p.g, c.gp(), d.x0() + 10, d.y - L * 1.2, 18, new Color(30, 30, 30), r);
        p.overlay("signature", "signature of " + c.gpShort());
    }

    static void faxCover(Doc d, Ctx c, St st, Rng r, int pagesTotal) {
        d.newPage();
        double L = st.L(); Page p = d.p;
        d.y = d.mt + 10;
        d.line("FAX", st.hd(40), 40);
        d.line(c.practice, st.Bs(13), 18);
        d.line(String.join(", ", c.pAddr), st.sm(9.5), 13);
        p.hline(d.x0(), d.x1(), d.y + 8, 2);
        d.gap(20);
        String dt = Data.date(c.date, "dmy");
        d.distract("fax", c.pFax); d.distract("letter_date", dt);
        String hf = Data.phone(r); d.distract("fax", hf);
        String[][] rows = {{"To:", c.clin.service + ", " + c.hosp}, {"Fax:", hf}, {"From:", c.gp()}, {"Fax:", c.pFax}, {"Date:", dt}, {"Pages:", pagesTotal + " (including this sheet)"},
                {"Re:", "URGENT REFERRAL - " + c.clin.urgency.toUpperCase()}};
        for (String[] kv : rows) { d.row(L * 1.5, Page.L(d.x0(), st.Bs(12), kv[0]), Page.L(d.x0() + 70, Fonts.get(st.body, 12), kv[1])); }
        d.gap(L * 2);
        d.para("Please find attached a referral for the above service. Kindly acknowledge receipt by return fax.", st.b(), L);
        d.gap(L * 3);
        d.para("CONFIDENTIALITY NOTICE: This facsimile contains confidential patient information intended only for the named recipient. If you have received it in error please telephone " + c.pPhone + " and destroy all copies.", st.sm(8), 10.5);
    }

    static void dotmatrixReferral(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        double L = st.L(); Page p = d.p; Font f = st.b();
        d.y = d.mt;
        d.row(L, Page.L(d.x0(), f, c.practice.toUpperCase()), Page.R(d.x1(), f, "REFERRAL LETTER"));
        d.line(String.join(", ", c.pAddr).toUpperCase(), f, L);
        d.line("TEL " + c.pPhone, f, L);
        d.distract("phone", c.pPhone);
        p.hline(d.x0(), d.x1(), d.y + 6, 1.2);
        d.gap(L);
        String dt = Data.date(c.date, "dotted2");
        d.distract("letter_date", dt);
        d.row(L, Page.L(d.x0(), f, "DATE: " + dt), Page.L(d.x0() + d.W() * 0.5, f, "REF: " + r.digits(6)));
        d.gap(L * 0.5);
        d.line("TO: " + c.cons().toUpperCase(), f, L);
        d.lineAt(d.x0() + p.adv("TO: ", f), c.clin.service.toUpperCase(), f, L);
        d.lineAt(d.x0() + p.adv("TO: ", f), c.hosp.toUpperCase(), f, L);
        d.gap(L);
        d.row(L, Page.L(d.x0(), f, "PATIENT: " + c.name(4)), Page.L(d.x0() + d.W() * 0.6, f, "D.O.B. " + c.D(d, "dotted2")));
        d.row(L, Page.L(d.x0(), f, "NHS NO: " + c.N(d)), Page.L(d.x0() + d.W() * 0.6, f, "SEX: " + (c.male ? "M" : "F")));
        d.line("ADDRESS: " + c.addr1().toUpperCase(), f, L);
        d.gap(L);
        d.line("DEAR " + c.cons().toUpperCase().replaceAll(" [A-Z] ", " ") + ",", f, L);
        for (String h : c.hist()) { d.gap(L * 0.5); d.para(h.toUpperCase(), f, L); }
        d.gap(L * 0.5); d.para(c.t(c.clin.request).toUpperCase(), f, L);
        d.gap(L * 0.5);
        d.line("CURRENT TREATMENT:", f, L);
        for (String s : c.clin.meds) d.lineAt(d.x0() + 20, s.toUpperCase(), f, L);
        d.gap(L);
        d.line("YOURS SINCERELY", f, L);
        d.gap(L * 2.2);
        d.line(c.gp().toUpperCase(), f, L);
        Hand.signature(d.p.g, c.gp(), d.x0() + 10, d.y - L * 1.3, 20, new Color(15, 25, 90), r);
        d.p.overlay("signature", "signature of " + c.gpShort());
    }

    static void compliments(Doc d, Ctx c, St st, Rng r) {
        d.ml = 14 * Page.MM; d.mr = 14 * Page.MM; d.mt = 14 * Page.MM; d.mb = 10 * Page.MM;
        d.newPage();
        Page p = d.p;
        Marks.logo(p.g, Math.max(0, st.logo), d.x0(), d.mt - 12, 34, st.accent, r);
        final double y0 = d.mt + 2;
        ink(p, st.accent, () -> p.text(d.x0() + 44, y0, st.hd(15), c.practice));
        p.text(d.x0() + 44, y0 + 12, st.sm(8.5), String.join(", ", c.pAddr) + "   Tel " + c.pPhone);
        d.distract("phone", c.pPhone);
        final double y1 = y0 + 48;
        ink(p, st.accent, () -> p.textR(d.x1(), y1, Fonts.get("garamond-i", 24), "With Compliments"));
        d.y = y1 + 12;
        d.line("Re: " + c.name(0) + "   DOB: " + c.D(d) + "   NHS No: " + c.N(d), st.b(), 15);
        d.line("Referral letter enclosed for " + c.clin.service + ". Many thanks.", st.b(), 15);
        Pen(p, r, "Pt keen to be seen soon - thanks", d.x0() + 10, d.y + 26);
        // page 2: the referral letter itself on A4
        d.ml = 20 * Page.MM; d.mr = 20 * Page.MM; d.mt = 18 * Page.MM; d.mb = 20 * Page.MM;
        d.newPage();
        d.contHeader = null;
        practiceHeader(d, c, st, r);
        double L = st.L();
        d.gap(L * 0.5);
        final String ds = ldate(d, c, st, c.date);
        d.row(L, Page.R(d.x1(), st.b(), ds));
        addressBlock(d, hospRecipient(c, true), st.b(), L);
        d.gap(L);
        d.line("Dear " + c.cons().replaceAll(" [A-Z] ", " ") + ",", st.b(), L);
        d.gap(L * 0.5);
        reBlock(d, c, st, 1);
        bodyParas(d, c, st, r, false);
        signoff(d, c, st, r, "Yours sincerely", new String[]{"General Practitioner"});
    }

    static void Pen(Page p, Rng r, String text, double x, double y) {
        Hand.Pen pen = new Hand.Pen(new Color(20, 35, 130), 0.8, 5.2, 0.22);
        Hand.write(p.g, text, x, y, pen, r);
        p.overlay("handwriting", text);
    }

    // ---------------------------------------------------------------- other document types
    static void clinicLetter(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        contHeaderSimple(d, c, st);
        hospitalHeader(d, c, st, r, c.clin.spec);
        double L = st.L();
        LocalDate clinic = c.date.minusDays(r.range(3, 20));
        String cd = Data.date(clinic, "dmy"), td = Data.date(c.date, "dmy");
        d.distract("clinic_date", cd); d.distract("typed_date", td); d.distract("hospital_number", c.hospNo);
        d.y += 2;
        double top = d.y;
        addressBlock(d, Arrays.asList(c.gp(), c.practice, c.pAddr.get(0), c.pAddr.get(1), c.pAddr.get(2)), st.b(), L);
        double le = d.y;
        d.y = top;
        double rx = d.x0() + d.W() * 0.58;
        for (String s : new String[]{"Clinic date: " + cd, "Typed: " + td, "Hospital No: " + c.hospNo, "NHS No: " + c.N(d), "Our ref: " + c.consL.substring(0, 3).toUpperCase() + "/" + r.digits(4)}) {
            d.y += L * 0.95; d.p.text(rx, d.y, st.bs(st.size - 1), s);
        }
        d.y = Math.max(le, d.y) + L;
        d.line("Dear " + c.gp().replaceAll(" [A-Z][a-z]+ ", " ") + ",", st.b(), L);
        d.gap(L * 0.4);
        d.line(c.name(5) + ", DOB " + c.D(d) + ", " + c.addr1(), st.B(), L);
        d.gap(L * 0.4);
        d.line("Diagnosis:", st.B(), L);
        d.lineAt(d.x0() + 14, c.clin.diag, st.b(), L);
        d.line("Plan:", st.B(), L);
        for (String s : c.clin.plan) d.lineAt(d.x0() + 14, s, st.b(), L);
        d.gap(L * 0.5);
        String pron = c.male ? "He" : "She";
        d.para("I saw this " + r.pick("pleasant", "very pleasant", "") + " " + c.age + " year old " + (c.male ? "man" : "woman") + " in the " + c.clin.service + " today. Thank you for your referral.", st.b(), L);
        d.gap(L * 0.4);
        d.para(String.join(" ", c.hist().subList(1, c.hist().size())), st.b(), L);
        d.gap(L * 0.4);
        d.para(c.t(c.clin.exam) + " We discussed the findings and the options in detail. " + pron + " is happy with the plan above and I will write again when the results are available.", st.b(), L);
        d.gap(L * 0.4);
        d.breakAt(2);
        d.para("Current medication: " + String.join(", ", c.clin.meds) + ".", st.b(), L);
        d.need(st.L() * 6);
        d.gap(L * 0.8);
        d.line("Yours sincerely", st.b(), L);
        Hand.signature(d.p.g, c.consF + " " + c.consL, d.x0() + 4, d.y + 30, 22, new Color(15, 15, 15), r);
        d.p.overlay("signature", "signature of " + c.cons());
        d.gap(34);
        d.line(c.consTitle + " " + c.consF + " " + c.consL, st.B(), L);
        d.line("Consultant, " + c.clin.spec, st.b(), L);
        d.gap(L * 0.5);
        d.line("cc: " + c.name(0) + ", " + c.addr1(), st.sm(9), 12);
        footers(d, st, c.trust + " - Please quote the hospital number on all correspondence", d.pages.size() > 1);
    }

    static void discharge(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        contHeaderSimple(d, c, st);
        hospitalHeader(d, c, st, r, null);
        double L = st.L(); Page p = d.p;
        final double ty = d.y + 4;
        p.fill(d.x0(), ty, d.W(), 22, st.accent);
        ink(p, Color.WHITE, () -> p.text(d.x0() + 6, ty + 16, st.hd(13), "INPATIENT DISCHARGE SUMMARY"));
        d.y = ty + 28;
        double[] cols = {0, d.W() * 0.18, d.W() * 0.5, d.W() * 0.68};
        LocalDate adm = c.date.minusDays(r.range(3, 14)), dis = c.date.minusDays(r.range(0, 2));
        String ad = Data.date(adm, "dmy"), dd = Data.date(dis, "dmy");
        d.distract("admission_date", ad); d.distract("discharge_date", dd); d.distract("hospital_number", c.hospNo);
        tableRows(d, st, d.x0(), cols, new String[][]{{"Patient", c.name(1), "Hospital No", c.hospNo}, {"Date of birth", c.D(d), "NHS No", c.N(d)},
                {"Admitted", ad, "Discharged", dd}, {"Ward", r.pick("Ward 7", "Beech Ward", "AMU", "Ward 22", "Sycamore Ward"), "Consultant", c.cons()}}, st.size - 1, false, true);
        tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.18}, new String[][]{{"Address", c.addr1()}, {"GP", c.gp() + ", " + c.practice}}, st.size - 1, false, true);
        d.gap(6);
        String[] diag = {c.clin.diag, r.pick("Acute kidney injury (resolved)", "Community acquired pneumonia", "Hyponatraemia", "Fall with no injury")};
        d.line("Diagnoses", st.B(), L);
        for (int k = 0; k < diag.length; k++) d.lineAt(d.x0() + 12, (k + 1) + ". " + diag[k], st.b(), L);
        d.gap(4);
        d.line("Clinical summary", st.B(), L);
        d.para("Admitted via the emergency department. " + String.join(" ", c.hist()) + " " + c.t(c.clin.exam) + " Managed with fluids and analgesia and reviewed by the " + c.clin.spec.toLowerCase() + " team.", st.b(), L);
        d.gap(6);
        d.breakAt(2);
        if (d.planned >= 3) {
            d.line("Investigations", st.B(), L);
            String[][] inv = {{"Date", "Investigation", "Result"},
                    {Data.date(adm, "dmy"), "Chest X-ray", r.pick("No acute changes", "Mild cardiomegaly, no consolidation")},
                    {Data.date(adm, "dmy"), "ECG", r.pick("Sinus rhythm 78 bpm", "Atrial fibrillation, rate 92")},
                    {Data.date(adm, "dmy"), "Haemoglobin", r.range(88, 150) + " g/L"},
                    {Data.date(adm, "dmy"), "Creatinine", r.range(60, 190) + " umol/L"},
                    {Data.date(adm.plusDays(1), "dmy"), "CRP", r.range(5, 220) + " mg/L"},
                    {Data.date(adm.plusDays(2), "dmy"), "CT abdomen", r.pick("No acute abnormality", "Report awaited")}};
            tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.2, d.W() * 0.5}, inv, st.size - 1.5, true, true);
            d.gap(4);
            d.line("Observations on discharge", st.B(), L);
            d.line("BP " + r.range(105, 150) + "/" + r.range(60, 90) + "   HR " + r.range(60, 96) + "   RR 16   SpO2 " + r.range(94, 99) + "% on air   Temp 36." + r.range(4, 9), st.b(), L);
            d.para("Mobilising independently with a stick and reviewed by physiotherapy and occupational therapy before discharge. Lives with family; no new care needs.", st.b(), L);
            d.gap(6);
        }
        d.line("Medication on discharge", st.B(), L);
        String[][] meds = new String[c.clin.meds.length + 2][];
        meds[0] = new String[]{"Drug", "Dose", "Frequency", "Status"};
        for (int k = 0; k < c.clin.meds.length; k++) {
            String[] parts = c.clin.meds[k].split(" ", 3);
            meds[k + 1] = new String[]{parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "", r.pick("Continued", "Continued", "Changed", "New")};
        }
        meds[meds.length - 1] = new String[]{"Paracetamol", "1g", "four times daily", "New"};
        tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.3, d.W() * 0.48, d.W() * 0.8}, meds, st.size - 1.5, true, true);
        d.line("Allergies: " + c.clin.allergy, st.b(), L);
        d.gap(6);
        d.breakAt(3);
        d.line("Follow-up and actions for GP", st.B(), L);
        for (String s : c.clin.plan) d.lineAt(d.x0() + 12, "- " + s, st.b(), L);
        d.lineAt(d.x0() + 12, "- Please check U&E in one week", st.b(), L);
        d.gap(L);
        String bleep = r.digits(4);
        d.distract("bleep", bleep);
        d.line("Completed by: Dr " + r.pick(Data.DRF) + " " + r.pick(Data.DRS) + " (FY1), bleep " + bleep, st.b(), L);
        footers(d, st, "Discharge summary - " + c.hosp, true);
    }

    static void lab(Doc d, Ctx c, St st, Rng r, boolean dot) {
        d.newPage();
        contHeaderSimple(d, c, st);
        double L = st.L(); Page p = d.p; Font f = st.b(), fb = st.B();
        String ln = "23" + r.digits(8);
        d.distract("lab_number", ln); d.distract("hospital_number", c.hospNo);
        LocalDate col = c.date.minusDays(1);
        String cd = Data.date(col, dot ? "dotted2" : "dmy") + " " + String.format("%02d:%02d", r.range(7, 12), r.range(0, 59));
        String rd = Data.date(col, dot ? "dotted2" : "dmy") + " " + String.format("%02d:%02d", r.range(13, 16), r.range(0, 59));
        d.distract("collected", cd); d.distract("received", rd);
        d.y = d.mt;
        if (dot) {
            d.row(L, Page.L(d.x0(), f, c.hosp.toUpperCase()), Page.R(d.x1(), f, "PATHOLOGY REPORT"));
            d.line("DEPARTMENT OF CLINICAL CHEMISTRY AND HAEMATOLOGY", f, L);
            d.gap(L);
            d.row(L, Page.L(d.x0(), f, "NAME: " + c.name(4)), Page.L(d.x0() + d.W() * 0.55, f, "HOSP NO: " + c.hospNo));
            d.row(L, Page.L(d.x0(), f, "DOB: " + c.D(d)), Page.L(d.x0() + d.W() * 0.55, f, "NHS NO: " + c.N(d)));
            d.row(L, Page.L(d.x0(), f, "LOC: " + c.practice.toUpperCase()), Page.L(d.x0() + d.W() * 0.55, f, "LAB NO: " + ln));
            d.row(L, Page.L(d.x0(), f, "COLLECTED: " + cd), Page.L(d.x0() + d.W() * 0.55, f, "RECEIVED: " + rd));
        } else {
            hospitalHeader(d, c, st, r, "Blood Sciences Laboratory");
            d.line("LABORATORY REPORT", st.hd(14), 20);
            d.gap(4);
            double top = d.y;
            for (String[] kv : new String[][]{{"Patient: ", c.name(1)}, {"DOB: ", c.D(d)}, {"NHS No: ", c.N(d)}, {"Sex: ", c.sex()}}) { d.y += L; p.rich(d.x0(), d.y, fb, kv[0], f, kv[1]); }
            double le = d.y; d.y = top;
            for (String[] kv : new String[][]{{"Lab No: ", ln}, {"Hosp No: ", c.hospNo}, {"Collected: ", cd}, {"Received: ", rd}}) { d.y += L; p.rich(d.x0() + d.W() * 0.55, d.y, fb, kv[0], f, kv[1]); }
            d.y = Math.max(le, d.y);
            d.line("Requested by: " + c.gp() + ", " + c.practice, f, L);
        }
        p.hline(d.x0(), d.x1(), d.y + 6, 0.8);
        d.gap(L * 0.8);
        String[][] tests = {
                {"Sodium", "" + r.range(128, 146), "mmol/L", "133 - 146"}, {"Potassium", String.format("%.1f", r.u(3.4, 5.6)), "mmol/L", "3.5 - 5.3"},
                {"Urea", String.format("%.1f", r.u(2.5, 12)), "mmol/L", "2.5 - 7.8"}, {"Creatinine", "" + r.range(55, 160), "umol/L", "59 - 104"},
                {"eGFR", "" + r.range(35, 90), "mL/min/1.73m2", "> 90"}, {"CRP", "" + r.range(1, 80), "mg/L", "< 5"},
                {"Haemoglobin", "" + r.range(92, 158), "g/L", "130 - 170"}, {"White cell count", String.format("%.1f", r.u(3.5, 14)), "x10^9/L", "4.0 - 11.0"},
                {"Platelets", "" + r.range(140, 420), "x10^9/L", "150 - 410"}, {"MCV", "" + r.range(72, 99), "fL", "80 - 100"},
                {"Ferritin", "" + r.range(5, 220), "ug/L", "30 - 400"}, {"HbA1c", "" + r.range(38, 90), "mmol/mol", "< 42"},
                {"TSH", String.format("%.2f", r.u(0.3, 6)), "mU/L", "0.27 - 4.20"}, {"ALT", "" + r.range(9, 80), "U/L", "< 41"},
                {"Bilirubin", "" + r.range(4, 30), "umol/L", "< 21"}, {"Albumin", "" + r.range(30, 48), "g/L", "35 - 50"}};
        int nt = dot ? 13 : 16;
        String[][] rows = new String[nt + 1][];
        rows[0] = new String[]{dot ? "TEST" : "Test", dot ? "RESULT" : "Result", dot ? "UNITS" : "Units", dot ? "REF RANGE" : "Reference range", ""};
        for (int k = 0; k < nt; k++) {
            String[] t = tests[k];
            String flag = flag(t[1], t[3]);
            rows[k + 1] = new String[]{dot ? t[0].toUpperCase() : t[0], t[1], dot ? t[2].toUpperCase() : t[2], t[3], flag};
        }
        tableRows(d, st, d.x0(), new double[]{0, d.W() * 0.34, d.W() * 0.48, d.W() * 0.7, d.W() * 0.92}, rows, st.size - 0.5, !dot, false);
        d.gap(L * 0.6);
        d.para(dot ? "COMMENT: RESULTS TELEPHONED TO SURGERY. PLEASE REPEAT U+E IN 2 WEEKS." : "Comment: " + r.pick("Results discussed with the requesting clinician.", "Please repeat renal function in two weeks.", "Haemolysed sample - potassium may be falsely raised."), f, L);
        d.gap(L);
        d.line(dot ? "AUTHORISED BY: " + r.pick(Data.DRS).toUpperCase() + " BMS" : "Authorised by: " + r.pick(Data.DRF) + " " + r.pick(Data.DRS) + ", Biomedical Scientist", f, L);
        if (!dot) footers(d, st, "Reference ranges apply to adults. Results outside the range are flagged H (high) or L (low).", d.pages.size() > 1);
    }

    static String flag(String v, String range) {
        try {
            double x = Double.parseDouble(v);
            if (range.startsWith("<")) return x >= Double.parseDouble(range.substring(1).trim()) ? "H" : "";
            if (range.startsWith(">")) return x <= Double.parseDouble(range.substring(1).trim()) ? "L" : "";
            String[] a = range.split(" - ");
            double lo = Double.parseDouble(a[0]), hi = Double.parseDouble(a[1]);
            return x < lo ? "L" : x > hi ? "H" : "";
        } catch (Exception e) { return ""; }
    }

    static void appointment(Doc d, Ctx c, St st, Rng r) {
        d.newPage();
        hospitalHeader(d, c, st, r, "Outpatient Appointments");
        double L = st.L(); Page p = d.p;
        double top = d.y + 6; d.y = top;
        List<String> a = new ArrayList<>(); a.add(c.name(0)); a.addAll(c.addr);
        addressBlock(d, a, st.b(), L);
        double le = d.y; d.y = top;
        double rx = d.x0() + d.W() * 0.58;
        String dt = Data.date(c.date, "long");
        d.distract("letter_date", dt); d.distract("hospital_number", c.hospNo);
        for (String s : new String[]{"Date: " + dt, "Hospital No: " + c.hospNo, "NHS No: " + c.N(d), "Date of birth: " + c.D(d)}) { d.y += L; p.text(rx, d.y, st.bs(st.size - 1), s); }
        d.y = Math.max(le, d.y) + L * 1.5;
        d.line("Dear " + c.title + " " + c.last + ",", st.b(), L);
        d.gap(L * 0.5);
        d.para("An appointment has been made for you to attend the " + c.clin.service + ". Please bring this letter and a list of your current medicines with you.", st.b(), L);
        d.gap(L * 0.8);
        LocalDate ap = c.date.plusDays(r.range(10, 60));
        String apd = ap.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.UK) + " " + Data.date(ap, "long");
        String time = String.format("%02d:%02d", r.range(8, 16), r.pick(0, 10, 15, 20, 30, 40, 45, 50));
        d.distract("appointment_date", apd); d.distract("appointment_time", time);
        double bt = d.y + 4;
        d.gap(6);
        for (String[] kv : new String[][]{{"Clinic:", c.clin.service}, {"With:", c.cons()}, {"Date:", apd}, {"Time:", time}, {"Where:", r.pick("Outpatients Department B, Level 2", "Clinic 4, Main Outpatients", "Day Surgery Unit, Ground Floor")}}) {
            d.row(L * 1.15, Page.L(d.x0() + 10, st.Bs(st.size + 1), kv[0]), Page.L(d.x0() + 80, st.bs(st.size + 1), kv[1]));
        }
        d.gap(8);
        p.box(d.x0(), bt, d.W(), d.y - bt, 1.2);
        d.gap(L);
        d.para("If you are unable to attend, please telephone the appointments office on " + c.hPhone + " as soon as possible so that we can offer the slot to another patient. Patients who do not attend may be discharged back to their GP.", st.b(), L);
        d.gap(L * 0.5);
        d.para("Please arrive 15 minutes early. Parking is limited; the number " + r.range(2, 40) + " bus stops outside the main entrance.", st.b(), L);
        d.gap(L);
        d.line("Yours sincerely", st.b(), L);
        d.gap(L);
        d.line("Appointments Office", st.b(), L);
        footers(d, st, "We are a smoke-free site. Interpreters can be arranged: please call " + c.hPhone + ".", false);
    }

    static void continuation(Doc d, Ctx c, St st, Rng r, int pages) {
        String[] notes = {
                c.name(3) + " seen in clinic with daughter.", "c/o " + c.clin.title.toLowerCase() + " for " + c.dur + ".", c.t(c.clin.exam),
                "Imp: " + c.clin.diag, "Plan: " + c.clin.plan[0], "- bloods today", "- review 6/52", "Discussed risks and benefits,", "pt happy to proceed.",
                "BP 142/86  P 78 reg  Sats 97%", "Wt 81kg", "TTO: " + c.clin.meds[0], "Letter to GP.", "Nil else.", "Reviewed again - feeling better.", "Wound clean and dry.", "OK for discharge.",
                "Sister aware.", "Husband to collect.", "Obs stable overnight."};
        int ni = 0;
        for (int pg = 0; pg < pages; pg++) {
            d.newPage();
            Page p = d.p;
            d.y = d.mt;
            p.text(d.x0(), d.y, st.Bs(11), c.hosp);
            d.y += 13; p.text(d.x0(), d.y, st.sm(8.5), c.trust);
            d.y += 22; p.text(d.x0(), d.y, st.hd(16), "CONTINUATION SHEET");
            d.y += 16; p.text(d.x0(), d.y, st.sm(9), "Ward / Clinic:");
            d.y += 14; p.text(d.x0(), d.y, st.sm(9), "Consultant:");
            // printed patient label sticker (printed text)
            double lx = d.x0() + d.W() * 0.52, ly = d.mt - 14, lw = d.W() * 0.48, lh = 68;
            p.fill(lx, ly, lw, lh, new Color(252, 252, 246));
            p.box(lx, ly, lw, lh, 0.4);
            Font lf = Fonts.get("gomono", 8.6);
            double yy = ly + 12;
            String[] lab = {c.last.toUpperCase() + ", " + c.first.toUpperCase() + " " + c.title.toUpperCase(), "DOB: " + c.D(d, "dmy") + "  " + (c.male ? "M" : "F"),
                    "NHS: " + c.N(d, "spaced"), "MRN: " + c.hospNo, c.addr.get(c.addr.size() - 3 >= 0 ? c.addr.size() - 3 : 0).toUpperCase(), c.addr.get(c.addr.size() - 1)};
            for (String s : lab) { p.text(lx + 5, yy, lf, s); yy += 10.2; }
            d.distract("hospital_number", c.hospNo);
            // ruled lines with a date/time margin
            double ry = d.y + 18, mx = d.x0() + 62;
            p.text(d.x0(), ry - 3, st.sm(8), "Date/Time");
            p.text(mx + 4, ry - 3, st.sm(8), "Notes (sign and print name after each entry)");
            p.vline(mx, ry, p.hPt - d.mb - 18, 0.5);
            double lineGap = 20;
            int rows = 0;
            for (double yl = ry; yl < p.hPt - d.mb - 18; yl += lineGap) { p.hline(d.x0(), d.x1(), yl, 0.35); rows++; }
            p.text(d.x0(), p.hPt - d.mb - 4, st.sm(7.5), "Form CS/1 - file in date order - all entries must be legible, dated, timed and signed");
            // handwritten entries (not ground truth)
            Hand.Pen pen = new Hand.Pen(pg % 2 == 0 ? new Color(20, 30, 120) : new Color(25, 25, 25), 0.75, 5.0, 0.2);
            int used = 0;
            LocalDate day = c.date.plusDays(pg);
            String stamp = day.getDayOfMonth() + "/" + day.getMonthValue() + "/" + String.format("%02d", day.getYear() % 100);
            Hand.write(p.g, stamp, d.x0() + 2, ry + lineGap - 4, pen, r);
            p.overlay("handwriting", stamp);
            for (double yl = ry + lineGap; used < rows - 3 && ni < notes.length * 2; yl += lineGap, used++) {
                if (used > 0 && used % 7 == 0) {
                    String t = String.format("%02d:%02d", r.range(8, 20), r.range(0, 59));
                    Hand.write(p.g, t, d.x0() + 4, yl - 4, pen, r); p.overlay("handwriting", t);
                }
                String n = notes[ni % notes.length]; ni++;
                if (Hand.width(n, pen) > d.x1() - mx - 10) n = n.substring(0, Math.min(n.length(), 48));
                Hand.write(p.g, n, mx + 6, yl - 4, pen, r);
                p.overlay("handwriting", n);
                if (used > 12 + pg * 3) break;
            }
            Hand.signature(p.g, c.consF + " " + c.consL, mx + 200, ry + lineGap * (used + 2) - 4, 14, pen.c, r);
            p.overlay("signature", "signature of " + c.cons());
        }
    }
}
