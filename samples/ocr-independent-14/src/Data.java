import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.*;

/** Fictional people, places and clinical stories. */
final class Data {
    static final String[] MALE = {"John", "David", "Peter", "Michael", "Robert", "Stephen", "Alan", "Brian", "Graham", "Keith", "Trevor", "Colin", "Derek", "Malcolm", "Neil", "Gareth", "Rajesh", "Imran", "Tomasz", "Kwame", "Liam", "Callum", "Owen", "Harold", "Leonard", "Dennis", "Barry", "Clive", "Nigel", "Arthur"};
    static final String[] FEMALE = {"Margaret", "Susan", "Patricia", "Linda", "Janet", "Carol", "Elaine", "Brenda", "Pauline", "Sandra", "Joan", "Doreen", "Helen", "Rachel", "Fiona", "Priya", "Aisha", "Agnieszka", "Grace", "Chloe", "Megan", "Bethan", "Eileen", "Irene", "Maureen", "Sheila", "Valerie", "Gwen", "Hazel", "Rita"};
    static final String[] LAST = {"Ashworth", "Blackmore", "Carrow", "Dunstan", "Ellery", "Fairweather", "Goodall", "Hartley", "Ingham", "Jessop", "Kettering", "Lomax", "Merriman", "Nuttall", "Oakes", "Pennington", "Quayle", "Rowbotham", "Sowerby", "Threlfall", "Underwood", "Varley", "Whitworth", "Yardley", "Ainsworth", "Birtwistle", "Cropper", "Dewhurst", "Entwistle", "Fothergill", "Greenhalgh", "Holroyd", "Illingworth", "Kershaw", "Longbottom", "Mottram", "Nightingale", "Ormerod", "Pickup", "Ramsden", "Sutcliffe", "Tattersall", "Walmsley", "Okafor", "Chaudhry", "Nowak", "Mensah", "Delacroix", "Fitzgerald", "Hussain"};
    static final String[] TOWN = {"Ashbridge", "Kelmoor", "Hollinwick", "Stanmere", "Brackenfold", "Wexcombe", "Marrowby", "Fenstock", "Oakhurst Green", "Lindenford", "Coldharbour Vale", "Ravensholt"};
    static final String[] STREET = {"Mill Lane", "Station Road", "Church Street", "The Crescent", "Orchard Close", "Victoria Road", "Beech Avenue", "Elm Grove", "Meadow View", "Kingfisher Way", "Chapel Row", "Park Terrace", "Weavers Court", "Foundry Street", "Larch Drive", "Bankside", "Rookery Lane", "Priory Walk"};
    static final String[] HOUSE = {"Rose Cottage", "Flat 3, Alder House", "The Old Forge", "Flat 12, Canal Wharf", "Hillcrest", "2 Spinney Cottages"};
    static final String[] DRS = {"Patel", "Morrison", "Okonjo", "Llewellyn", "Sandhu", "Whitaker", "Farrant", "Brennan", "Khan", "Hollis", "Rutherford", "Achebe", "Kowalski", "Tran", "Mortimer", "Venn"};
    static final String[] DRF = {"Anil", "Sarah", "Chidi", "Rhys", "Harpreet", "James", "Eleanor", "Ciaran", "Nadia", "Paul", "Fiona", "Ngozi", "Marek", "Linh", "Giles", "Ruth"};
    static final String[] PRACTICE = {"Riverside Medical Practice", "Kelmoor Road Surgery", "The Ashbridge Health Centre", "Oakhurst Family Practice", "Priory Lane Surgery", "Fenstock Group Practice", "Lindenford Medical Centre", "Canal Street Surgery", "Holly Tree Surgery", "Ravensholt Health Partnership"};
    static final String[] HOSPITAL = {"Ashbridge General Hospital", "Kelmoor Royal Infirmary", "St Aldhelm's Hospital", "Stanmere District Hospital", "Hollinwick Community Hospital", "Marrowby University Hospital"};
    static final String[] TRUST = {"Ashbridge and Kelmoor NHS Foundation Trust", "Stanmere Hospitals NHS Trust", "Marrowby Teaching Hospitals NHS Foundation Trust", "North Wexcombe Healthcare NHS Trust"};
    static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};

    static String nhs(Rng r) {
        while (true) {
            String d = "999" + r.digits(6);
            int s = 0; for (int k = 0; k < 9; k++) s += (d.charAt(k) - '0') * (10 - k);
            int c = 11 - s % 11; if (c == 11) c = 0; if (c == 10) continue;
            return d + c;
        }
    }
    static boolean nhsValid(String d) {
        if (d == null || !d.matches("\\d{10}")) return false;
        int s = 0; for (int k = 0; k < 9; k++) s += (d.charAt(k) - '0') * (10 - k);
        int c = 11 - s % 11; if (c == 11) c = 0; return c != 10 && c == d.charAt(9) - '0';
    }
    static String postcode(Rng r) {
        String L = "ABDEFGHJLNPQRSTUWXYZ";
        return "ZX" + r.range(1, 99) + " " + r.range(1, 9) + L.charAt(r.i(L.length())) + L.charAt(r.i(L.length()));
    }
    static String phone(Rng r) { return "01632 960" + String.format("%03d", r.i(1000)); }

    static String ord(int d) { return d + ((d % 100 >= 11 && d % 100 <= 13) ? "th" : d % 10 == 1 ? "st" : d % 10 == 2 ? "nd" : d % 10 == 3 ? "rd" : "th"); }
    static String mon3(LocalDate d) { return MONTHS[d.getMonthValue() - 1].substring(0, 3); }
    /** date in a named printed style. */
    static String date(LocalDate d, String f) {
        switch (f) {
            case "dmy": return String.format("%02d/%02d/%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            case "dmy2": return String.format("%02d/%02d/%02d", d.getDayOfMonth(), d.getMonthValue(), d.getYear() % 100);
            case "dotted2": return String.format("%02d.%02d.%02d", d.getDayOfMonth(), d.getMonthValue(), d.getYear() % 100);
            case "dotted": return String.format("%d.%d.%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            case "long": return d.getDayOfMonth() + " " + MONTHS[d.getMonthValue() - 1] + " " + d.getYear();
            case "ordinal": return ord(d.getDayOfMonth()) + " " + MONTHS[d.getMonthValue() - 1] + " " + d.getYear();
            case "dmonY": return String.format("%02d-%s-%04d", d.getDayOfMonth(), mon3(d), d.getYear());
            case "dmonYsp": return d.getDayOfMonth() + " " + mon3(d) + " " + d.getYear();
            case "DMONY": return String.format("%02d %s %04d", d.getDayOfMonth(), mon3(d).toUpperCase(), d.getYear());
            case "iso": return d.format(DateTimeFormatter.ISO_LOCAL_DATE);
            case "dmyDash": return String.format("%02d-%02d-%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            default: throw new IllegalArgumentException(f);
        }
    }
    static String nhsFmt(String n, String f) {
        switch (f) {
            case "spaced": return n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6);
            case "plain": return n;
            case "dashed": return n.substring(0, 3) + "-" + n.substring(3, 6) + "-" + n.substring(6);
            default: throw new IllegalArgumentException(f);
        }
    }

    static final class Clin {
        String spec, service, title, urgency, diag;
        String[] hist; String exam; String[] pmh; String[] meds; String allergy; String request; String[] plan; String[][] tests;
    }

    static Clin[] STORIES;
    static Clin st(String spec, String service, String title, String urg, String diag, String[] hist, String exam, String[] pmh, String[] meds, String allergy, String req, String[] plan) {
        Clin c = new Clin(); c.spec = spec; c.service = service; c.title = title; c.urgency = urg; c.diag = diag; c.hist = hist; c.exam = exam; c.pmh = pmh; c.meds = meds; c.allergy = allergy; c.request = req; c.plan = plan; return c;
    }
    static {
        STORIES = new Clin[]{
            st("Trauma and Orthopaedics", "Orthopaedic Knee Clinic", "Right knee pain - osteoarthritis", "Routine", "Osteoarthritis right knee",
                new String[]{"I would be grateful if you could see this {age} year old {man} who has had increasing pain in the right knee for the last {dur}.",
                        "The pain is worse on stairs and after walking more than half a mile, and {he} now wakes at night with it. {He} has tried simple analgesia, weight loss and a course of physiotherapy with little benefit.",
                        "A weight-bearing X-ray last month showed marked medial joint space narrowing with osteophytes."},
                "On examination there is a small effusion, crepitus and a fixed flexion deformity of about 10 degrees. BMI 31.", new String[]{"Hypertension", "Type 2 diabetes (diet controlled)", "Left carpal tunnel release 2009"},
                new String[]{"Amlodipine 5mg once daily", "Paracetamol 1g four times daily", "Naproxen 500mg twice daily", "Omeprazole 20mg once daily"}, "No known drug allergies",
                "{He} would like to discuss the options, including knee replacement.", new String[]{"Listed for right total knee replacement", "Pre-operative assessment to be arranged", "Continue analgesia"}),
            st("Colorectal Surgery", "Lower GI Two Week Wait Clinic", "Change in bowel habit and rectal bleeding", "2 Week Wait", "Change in bowel habit - for colonoscopy",
                new String[]{"Thank you for seeing this {age} year old {man} who presents with a {dur} history of looser stools and dark red blood mixed in with the stool.",
                        "{He} has lost about 4kg in weight unintentionally. There is no family history of bowel cancer.",
                        "Blood tests show a haemoglobin of 104 g/L with a low ferritin, and the FIT result was 86 ug Hb/g."},
                "Abdomen soft and non-tender with no masses. Rectal examination unremarkable.", new String[]{"Hypothyroidism", "Osteoarthritis"},
                new String[]{"Levothyroxine 100 micrograms once daily", "Ferrous fumarate 210mg twice daily"}, "Penicillin (rash)",
                "I would be grateful for urgent investigation under the suspected cancer pathway.", new String[]{"Colonoscopy booked", "CT abdomen and pelvis requested", "Review with results"}),
            st("Cardiology", "Rapid Access Chest Pain Clinic", "Exertional chest tightness", "Urgent", "Stable angina - for CT coronary angiogram",
                new String[]{"I would value your opinion on this {age} year old {man} with a {dur} history of central chest tightness on exertion, relieved by rest within a few minutes.",
                        "{He} is an ex-smoker of 30 pack years and {his} father had a myocardial infarction at 58.",
                        "Resting ECG shows sinus rhythm with no acute changes. Cholesterol 6.8 mmol/L."},
                "Blood pressure 148/92, pulse 76 regular, heart sounds normal, chest clear.", new String[]{"Hypercholesterolaemia", "Gout"},
                new String[]{"Aspirin 75mg once daily", "Atorvastatin 40mg at night", "GTN spray as required", "Allopurinol 300mg once daily"}, "No known drug allergies",
                "Please could you assess and arrange further investigation as appropriate.", new String[]{"CT coronary angiogram", "Start bisoprolol 2.5mg once daily", "Follow up in 8 weeks"}),
            st("Gastroenterology", "General Gastroenterology Clinic", "Dyspepsia and iron deficiency anaemia", "Urgent", "Iron deficiency anaemia",
                new String[]{"Please see this {age} year old {man} with persistent upper abdominal discomfort for {dur} despite a full course of a proton pump inhibitor.",
                        "Recent bloods show a microcytic anaemia (Hb 98 g/L, MCV 71) and ferritin of 6. Coeliac serology is negative.",
                        "{He} takes regular ibuprofen for back pain."},
                "Mild epigastric tenderness, no organomegaly.", new String[]{"Chronic low back pain", "Depression"},
                new String[]{"Lansoprazole 30mg once daily", "Sertraline 50mg once daily", "Ibuprofen 400mg three times daily"}, "Codeine (nausea)",
                "I would be grateful for an OGD and further assessment.", new String[]{"OGD and colonoscopy", "Stop ibuprofen", "Iron infusion"}),
            st("Urology", "Haematuria Clinic", "Visible haematuria", "2 Week Wait", "Visible haematuria - for cystoscopy",
                new String[]{"I would be grateful if you could see this {age} year old {man} who has had two episodes of painless visible haematuria over the last {dur}.",
                        "Urine culture was negative. Renal function is normal (eGFR 72).", "{He} worked for many years in a dye factory."},
                "Abdomen unremarkable. Prostate smooth and moderately enlarged.", new String[]{"Benign prostatic hyperplasia", "Atrial fibrillation"},
                new String[]{"Tamsulosin 400 micrograms once daily", "Apixaban 5mg twice daily", "Bisoprolol 2.5mg once daily"}, "No known drug allergies",
                "Please see urgently under the two week wait pathway.", new String[]{"Flexible cystoscopy", "CT urogram", "Continue apixaban"}),
            st("Neurology", "General Neurology Clinic", "New daily headache", "Routine", "Chronic migraine with medication overuse",
                new String[]{"Thank you for seeing this {age} year old {man} with a {dur} history of daily headaches, worse in the mornings.",
                        "{He} has been taking co-codamol most days. There are no visual symptoms and fundoscopy is normal.",
                        "{His} mother had migraine."},
                "Neurological examination is normal. BP 128/80.", new String[]{"Anxiety", "Asthma"},
                new String[]{"Co-codamol 30/500 two tablets as required", "Salbutamol inhaler as required", "Propranolol 40mg twice daily"}, "No known drug allergies",
                "I would value your advice on further management.", new String[]{"Withdraw analgesics", "Start amitriptyline 10mg at night", "Headache diary"}),
            st("Dermatology", "Pigmented Lesion Clinic", "Changing pigmented lesion", "2 Week Wait", "Atypical naevus - excised",
                new String[]{"Please see this {age} year old {man} with a pigmented lesion on the left upper back which {his} partner says has grown over {dur}.",
                        "It measures 9 x 7 mm, is asymmetrical with irregular borders and two colours. It has itched and bled once.",
                        "{He} has fair skin and had several severe sunburns as a child."},
                "Dermoscopy shows an atypical network.", new String[]{"Eczema", "Hypertension"},
                new String[]{"Ramipril 5mg once daily", "Emollient as required"}, "Sulfonamides",
                "I would be grateful for urgent assessment under the suspected skin cancer pathway.", new String[]{"Excision biopsy", "Histology to follow", "Skin surveillance advice given"}),
            st("Breast Surgery", "Breast Two Week Wait Clinic", "Left breast lump", "2 Week Wait", "Left breast cyst",
                new String[]{"Thank you for seeing this {age} year old {man} who noticed a lump in the upper outer quadrant of the left breast {dur} ago.",
                        "There is no nipple discharge or skin change. {His} sister was diagnosed with breast cancer at 52."},
                "There is a 2 cm firm, mobile lump at 2 o'clock in the left breast. No axillary lymphadenopathy.", new String[]{"Migraine"},
                new String[]{"Combined oral contraceptive", "Sumatriptan 50mg as required"}, "No known drug allergies",
                "I would be grateful if you could see {him} urgently in the breast clinic.", new String[]{"Ultrasound and aspiration", "Discharge to GP"}),
            st("ENT", "ENT Clinic", "Unilateral hearing loss and tinnitus", "Routine", "Asymmetric sensorineural hearing loss",
                new String[]{"I would be grateful if you could see this {age} year old {man} who has noticed reduced hearing in the left ear with constant tinnitus over {dur}.",
                        "There is no vertigo or otalgia. Audiology found an asymmetric sensorineural loss of 25 dB at 4 kHz."},
                "Both tympanic membranes are normal. Weber lateralises to the right.", new String[]{"Hypertension", "Hyperlipidaemia"},
                new String[]{"Losartan 50mg once daily", "Simvastatin 20mg at night"}, "No known drug allergies",
                "Please could you assess and consider an MRI of the internal auditory meati.", new String[]{"MRI internal auditory meati", "Hearing aid referral"}),
            st("Gynaecology", "Gynaecology Clinic", "Heavy menstrual bleeding", "Routine", "Fibroid uterus",
                new String[]{"Please see this {age} year old {man} with heavy and prolonged periods for {dur}, now flooding through protection and missing work.",
                        "An ultrasound shows a bulky uterus with a 4 cm intramural fibroid. Hb 109 g/L.", "Tranexamic acid has not helped."},
                "Abdomen soft, uterus palpable just above the pubic symphysis.", new String[]{"Asthma"},
                new String[]{"Tranexamic acid 1g three times daily during menses", "Clenil inhaler two puffs twice daily"}, "Latex",
                "I would be grateful for your opinion regarding further management.", new String[]{"Trial of LNG-IUS", "Consider myomectomy"}),
            st("Diabetes and Endocrinology", "Diabetes Clinic", "Poorly controlled type 2 diabetes", "Routine", "Type 2 diabetes - suboptimal control",
                new String[]{"I would be grateful for your advice on this {age} year old {man} with type 2 diabetes whose HbA1c has risen to 86 mmol/mol over {dur} despite maximal oral therapy.",
                        "{He} has background retinopathy and microalbuminuria (ACR 8.2)."},
                "Weight 104 kg, BMI 36. Reduced sensation to monofilament in both feet.", new String[]{"Type 2 diabetes", "Hypertension", "Obstructive sleep apnoea"},
                new String[]{"Metformin 1g twice daily", "Gliclazide 160mg twice daily", "Sitagliptin 100mg once daily", "Ramipril 10mg once daily"}, "No known drug allergies",
                "Would you consider starting injectable therapy?", new String[]{"Start GLP-1 agonist", "Dietitian referral", "Review in 3 months"}),
            st("Respiratory Medicine", "Respiratory Clinic", "Persistent cough and breathlessness", "Urgent", "COPD with possible bronchiectasis",
                new String[]{"Thank you for seeing this {age} year old {man} with a {dur} history of productive cough and increasing breathlessness.",
                        "{He} is a current smoker of 20 a day. Spirometry shows FEV1/FVC of 0.58. A chest X-ray showed hyperinflation only."},
                "Scattered wheeze, oxygen saturation 93% on air.", new String[]{"COPD", "Peripheral vascular disease"},
                new String[]{"Tiotropium 18 micrograms once daily", "Salbutamol inhaler as required", "Clopidogrel 75mg once daily"}, "No known drug allergies",
                "I would value your opinion and consideration of a CT chest.", new String[]{"CT chest", "Pulmonary rehabilitation", "Smoking cessation"}),
            st("Ophthalmology", "Cataract Clinic", "Bilateral cataracts", "Routine", "Bilateral cataract",
                new String[]{"Please see this {age} year old {man} whose optometrist reports bilateral cataracts, worse on the right, over {dur}.",
                        "Visual acuity is 6/24 right and 6/12 left. {He} has stopped driving at night."},
                "Lens opacities noted bilaterally.", new String[]{"Glaucoma", "Hypertension"},
                new String[]{"Latanoprost eye drops at night", "Indapamide 2.5mg once daily"}, "No known drug allergies",
                "I would be grateful if you could assess {him} for cataract surgery.", new String[]{"Right cataract surgery", "Biometry"}),
            st("Vascular Surgery", "Vascular Clinic", "Symptomatic varicose veins", "Routine", "Varicose veins with skin changes",
                new String[]{"I would be grateful if you could see this {age} year old {man} with aching, swollen legs and visible varicose veins for {dur}.",
                        "There is now haemosiderin staining above the left medial malleolus and a healed ulcer."},
                "Varicosities in the long saphenous distribution on the left. Pedal pulses present.", new String[]{"Deep vein thrombosis 2014"},
                new String[]{"Compression stockings", "Co-codamol 8/500 as required"}, "Elastoplast",
                "Please assess for intervention.", new String[]{"Venous duplex", "Endovenous ablation"}),
            st("Old Age Psychiatry", "Memory Clinic", "Progressive memory loss", "Routine", "Mild cognitive impairment",
                new String[]{"Thank you for seeing this {age} year old {man} whose family are concerned about progressive short-term memory loss over {dur}.",
                        "{He} has got lost while driving and has missed several bills. Blood tests including B12, folate and thyroid function are normal."},
                "6CIT score 14/28.", new String[]{"Hypertension", "Previous TIA"},
                new String[]{"Clopidogrel 75mg once daily", "Amlodipine 10mg once daily"}, "No known drug allergies",
                "I would be grateful for a memory assessment.", new String[]{"CT head", "Neuropsychology", "Review in 6 months"}),
            st("Rheumatology", "Early Arthritis Clinic", "Inflammatory polyarthritis", "Urgent", "Seropositive rheumatoid arthritis",
                new String[]{"Please see this {age} year old {man} with a {dur} history of painful swelling of the small joints of both hands and morning stiffness lasting two hours.",
                        "CRP 34, rheumatoid factor positive, anti-CCP strongly positive."},
                "Synovitis of the MCP joints bilaterally.", new String[]{"Psoriasis"},
                new String[]{"Naproxen 500mg twice daily", "Lansoprazole 15mg once daily"}, "No known drug allergies",
                "I would be grateful for early assessment.", new String[]{"Start methotrexate", "Bloods monitoring", "Review in 6 weeks"})
        };
    }

    static String pron(String t, boolean male, int age, String dur) {
        return t.replace("{age}", Integer.toString(age)).replace("{dur}", dur)
                .replace("{man}", male ? "man" : "woman").replace("{He}", male ? "He" : "She").replace("{he}", male ? "he" : "she")
                .replace("{His}", male ? "His" : "Her").replace("{his}", male ? "his" : "her").replace("{him}", male ? "him" : "her");
    }
}
