package main

// Fictional content: people, places, identifiers and clinical text. NHS
// numbers are in the 999 test range with valid modulus-11 check digits;
// postcodes use the non-existent ZX area; phones are Ofcom drama numbers.

import (
	"fmt"
	"strings"
)

type Date struct{ Y, M, D int }

var monthNames = []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var dayNames = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if (y%4 == 0 && y%100 != 0) || y%400 == 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func (d Date) AddDays(n int) Date {
	for n > 0 {
		d.D++
		if d.D > daysIn(d.Y, d.M) {
			d.D = 1
			d.M++
			if d.M > 12 {
				d.M = 1
				d.Y++
			}
		}
		n--
	}
	for n < 0 {
		d.D--
		if d.D < 1 {
			d.M--
			if d.M < 1 {
				d.M = 12
				d.Y--
			}
			d.D = daysIn(d.Y, d.M)
		}
		n++
	}
	return d
}

// days since 1900-01-01 (a Monday)
func (d Date) ord() int {
	n := 0
	for y := 1900; y < d.Y; y++ {
		n += 365
		if (y%4 == 0 && y%100 != 0) || y%400 == 0 {
			n++
		}
	}
	for m := 1; m < d.M; m++ {
		n += daysIn(d.Y, m)
	}
	return n + d.D - 1
}

func (d Date) Weekday() string { return dayNames[d.ord()%7] }

// ensure weekday (move forward to a Monday-Friday)
func (d Date) Workday() Date {
	for d.ord()%7 >= 5 {
		d = d.AddDays(1)
	}
	return d
}

func (d Date) ISO() string { return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D) }

func ordSuffix(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

// Fmt renders a date in one of the common British printed styles.
func (d Date) Fmt(style string) string {
	mon := monthNames[d.M]
	switch style {
	case "dd/mm/yyyy":
		return fmt.Sprintf("%02d/%02d/%04d", d.D, d.M, d.Y)
	case "d/m/yyyy":
		return fmt.Sprintf("%d/%d/%04d", d.D, d.M, d.Y)
	case "d/m/yy":
		return fmt.Sprintf("%d/%d/%02d", d.D, d.M, d.Y%100)
	case "dd/mm/yy":
		return fmt.Sprintf("%02d/%02d/%02d", d.D, d.M, d.Y%100)
	case "dd.mm.yy":
		return fmt.Sprintf("%02d.%02d.%02d", d.D, d.M, d.Y%100)
	case "dd.mm.yyyy":
		return fmt.Sprintf("%02d.%02d.%04d", d.D, d.M, d.Y)
	case "dd-mm-yyyy":
		return fmt.Sprintf("%02d-%02d-%04d", d.D, d.M, d.Y)
	case "d Month yyyy":
		return fmt.Sprintf("%d %s %04d", d.D, mon, d.Y)
	case "dth Month yyyy":
		return fmt.Sprintf("%d%s %s %04d", d.D, ordSuffix(d.D), mon, d.Y)
	case "dd Mon yyyy":
		return fmt.Sprintf("%02d %s %04d", d.D, mon[:3], d.Y)
	case "d Mon yyyy":
		return fmt.Sprintf("%d %s %04d", d.D, mon[:3], d.Y)
	case "dd-Mon-yyyy":
		return fmt.Sprintf("%02d-%s-%04d", d.D, mon[:3], d.Y)
	case "DD-MON-YYYY":
		return fmt.Sprintf("%02d-%s-%04d", d.D, strings.ToUpper(mon[:3]), d.Y)
	case "DD MON YYYY":
		return fmt.Sprintf("%02d %s %04d", d.D, strings.ToUpper(mon[:3]), d.Y)
	case "DDMONYY":
		return fmt.Sprintf("%02d%s%02d", d.D, strings.ToUpper(mon[:3]), d.Y%100)
	case "Day d Month yyyy":
		return fmt.Sprintf("%s %d %s %04d", d.Weekday(), d.D, mon, d.Y)
	case "yyyy-mm-dd":
		return d.ISO()
	}
	panic("date style " + style)
}

func (d Date) Less(e Date) bool { return d.ord() < e.ord() }

func AgeAt(dob, at Date) int {
	a := at.Y - dob.Y
	if at.M < dob.M || (at.M == dob.M && at.D < dob.D) {
		a--
	}
	return a
}

func RandDate(r *RNG, y0, y1 int) Date {
	y := r.IntR(y0, y1)
	m := r.IntR(1, 12)
	return Date{y, m, r.IntR(1, daysIn(y, m))}
}

// ---------- identifiers ----------

func NHSCheck(d9 string) int {
	s := 0
	for i := 0; i < 9; i++ {
		s += int(d9[i]-'0') * (10 - i)
	}
	c := 11 - s%11
	if c == 11 {
		c = 0
	}
	return c // 10 means invalid
}

func NHSValid(n string) bool {
	if len(n) != 10 || !strings.HasPrefix(n, "999") {
		return false
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return false
		}
	}
	c := NHSCheck(n[:9])
	return c != 10 && int(n[9]-'0') == c
}

var usedNHS = map[string]bool{}

func NewNHS(r *RNG) string {
	for {
		d9 := fmt.Sprintf("999%06d", r.Intn(1000000))
		c := NHSCheck(d9)
		if c == 10 {
			continue
		}
		n := d9 + string(rune('0'+c))
		if usedNHS[n] {
			continue
		}
		usedNHS[n] = true
		return n
	}
}

func NHSFmt(n, style string) string {
	switch style {
	case "spaced":
		return n[:3] + " " + n[3:6] + " " + n[6:]
	case "dashed":
		return n[:3] + "-" + n[3:6] + "-" + n[6:]
	}
	return n
}

func Phone(r *RNG) string  { return fmt.Sprintf("01632 960%03d", r.Intn(1000)) }
func Mobile(r *RNG) string { return fmt.Sprintf("07700 900%03d", r.Intn(1000)) }

func Postcode(r *RNG) string {
	letters := "ABDEFGHJLNPQRSTUWXYZ"
	return fmt.Sprintf("ZX%d %d%c%c", r.IntR(1, 19), r.IntR(1, 9), letters[r.Intn(len(letters))], letters[r.Intn(len(letters))])
}

func HospNo(r *RNG, style string) string {
	switch style {
	case "K":
		return fmt.Sprintf("K%06d", r.Intn(1000000))
	case "RZX":
		return fmt.Sprintf("RZX%07d", r.Intn(10000000))
	case "M":
		return fmt.Sprintf("M%07d", r.Intn(10000000))
	case "digits":
		return fmt.Sprintf("40%07d", r.Intn(10000000))
	}
	return fmt.Sprintf("H%06d", r.Intn(1000000))
}

func UBRN(r *RNG) string {
	return fmt.Sprintf("%04d %04d %04d", r.Intn(10000), r.Intn(10000), r.Intn(10000))
}

func GMC(r *RNG) string { return fmt.Sprintf("%07d", 2000000+r.Intn(5000000)) }

// ---------- people and places ----------

var firstM = []string{"John", "David", "Michael", "Peter", "Robert", "Alan", "Stephen", "Brian", "Keith", "Graham", "Colin", "Trevor", "Derek", "Raymond", "Gareth", "Rhys", "Aled", "Callum", "Liam", "Oliver", "Harry", "Mohammed", "Imran", "Sanjay", "Tomasz", "Kwame", "Declan", "Niall", "Howard", "Dennis", "Clive", "Barry", "Nigel", "Owen", "Stanley"}
var firstF = []string{"Margaret", "Susan", "Patricia", "Linda", "Elaine", "Janet", "Gillian", "Sandra", "Joan", "Doreen", "Eileen", "Brenda", "Siobhan", "Bethan", "Nia", "Chloe", "Emily", "Aisha", "Priya", "Fatima", "Agnieszka", "Abena", "Grace", "Maureen", "Pauline", "Hazel", "Valerie", "Deborah", "Sharon", "Kathleen", "Irene", "Winifred", "Mavis", "Rosemary", "Lorraine"}
var surnames = []string{"Ashworth", "Blackmore", "Braithwaite", "Calloway", "Cartwright", "Dunmore", "Eccleston", "Fairbairn", "Gillespie", "Hargreaves", "Haworth", "Illingworth", "Kettering", "Lowther", "Marchbank", "Nettleton", "Oldroyd", "Pennington", "Quarmby", "Rawcliffe", "Scarisbrick", "Thistlethwaite", "Underwood", "Varley", "Wainwright", "Yardley", "Okonkwo", "Chaudhry", "Nowak", "Mensah", "O'Driscoll", "MacAskill", "Pritchard", "Llewellyn", "Fenwick", "Greenhalgh", "Holroyd", "Ackroyd", "Bamford", "Entwistle", "Sutcliffe", "Crabtree", "Hepworth", "Dewhurst", "Kowalczyk", "Adeyemi", "Rahman", "Siddiqui", "Fitzgerald", "Tremayne"}
var streets = []string{"Acacia Avenue", "Beacon Road", "Canal Side", "Dovecote Lane", "Elm Grove", "Foundry Street", "Gorse Close", "Hollin Lane", "Ivy Terrace", "Jubilee Way", "Kiln Court", "Larkspur Drive", "Mill Brow", "Netherfield Road", "Orchard Rise", "Pinfold Lane", "Quarry Hill", "Rectory Gardens", "Sandpiper Walk", "Tannery Row", "Upper Moor Street", "Vicarage Close", "Weavers Fold", "Yew Tree Crescent"}
var towns = []string{"Zedbury", "Northmoor", "Wexcombe", "Halden Bridge", "Oxley Vale", "Kirkby Fenton", "Marlow Heath", "Castlethorpe", "Brackenfield", "Ravensholme"}
var counties = []string{"Zedshire", "West Zedshire", "North Riding of Zedshire", ""}

type Person struct {
	Title, First, Last string
	Sex                string
}

func NewPerson(r *RNG, sex string) Person {
	if sex == "" {
		sex = []string{"M", "F"}[r.Intn(2)]
	}
	p := Person{Sex: sex, Last: r.Pick(surnames)}
	if sex == "M" {
		p.First = r.Pick(firstM)
		p.Title = "Mr"
	} else {
		p.First = r.Pick(firstF)
		p.Title = r.Pick([]string{"Mrs", "Miss", "Ms", "Mrs"})
	}
	return p
}

func (p Person) Full() string      { return p.Title + " " + p.First + " " + p.Last }
func (p Person) Plain() string     { return p.First + " " + p.Last }
func (p Person) SurnameUp() string { return strings.ToUpper(p.Last) }
func (p Person) EMIS() string      { return strings.ToUpper(p.Last) + ", " + p.First + " (" + p.Title + ")" }
func (p Person) He() string {
	if p.Sex == "M" {
		return "he"
	}
	return "she"
}
func (p Person) His() string {
	if p.Sex == "M" {
		return "his"
	}
	return "her"
}
func (p Person) Him() string {
	if p.Sex == "M" {
		return "him"
	}
	return "her"
}
func (p Person) SexWord() string {
	if p.Sex == "M" {
		return "Male"
	}
	return "Female"
}
func (p Person) ManWoman() string {
	if p.Sex == "M" {
		return "man"
	}
	return "woman"
}

type Address struct {
	Lines    []string
	Postcode string
}

func NewAddress(r *RNG) Address {
	a := Address{Postcode: Postcode(r)}
	if r.Chance(0.3) {
		a.Lines = append(a.Lines, fmt.Sprintf("Flat %d", r.IntR(1, 24)))
	}
	a.Lines = append(a.Lines, fmt.Sprintf("%d %s", r.IntR(1, 180), r.Pick(streets)))
	a.Lines = append(a.Lines, r.Pick(towns))
	if c := r.Pick(counties); c != "" && r.Chance(0.5) {
		a.Lines = append(a.Lines, c)
	}
	return a
}

func (a Address) All() []string { return append(append([]string{}, a.Lines...), a.Postcode) }
func (a Address) OneLine() string {
	return strings.Join(a.All(), ", ")
}

type Patient struct {
	Person
	DOB    Date
	NHS    string
	Hosp   string
	Addr   Address
	Phone  string
	Mobile string
}

func NewPatient(r *RNG, y0, y1 int) *Patient {
	p := &Patient{Person: NewPerson(r, ""), DOB: RandDate(r, y0, y1), NHS: NewNHS(r), Addr: NewAddress(r), Phone: Phone(r), Mobile: Mobile(r)}
	p.Hosp = HospNo(r, r.Pick([]string{"K", "RZX", "M", "digits", "H"}))
	return p
}

type Practice struct {
	Name    string
	Addr    Address
	Tel     string
	Fax     string
	Code    string
	GPs     []Person
	Email   string
	LogoKey string
}

var practiceNames = []string{"Elmfield Surgery", "The Willows Medical Centre", "Castle Street Health Centre", "Brookside Family Practice", "Moorview Medical Practice", "Station Road Surgery", "Kingfisher Health Partnership", "Lindley Green Surgery", "The Old Mill Practice", "Riverside Medical Group", "Hawthorn Lane Surgery", "St Aidan's Medical Centre", "Northgate Group Practice", "Fernbank Surgery"}

func NewPractice(r *RNG) *Practice {
	pr := &Practice{Name: r.Pick(practiceNames), Addr: NewAddress(r), Tel: Phone(r), Fax: Phone(r), Code: fmt.Sprintf("Z%05d", r.Intn(100000))}
	pr.Addr.Lines = pr.Addr.Lines[len(pr.Addr.Lines)-2:]
	for i := 0; i < 3; i++ {
		pr.GPs = append(pr.GPs, NewPerson(r, ""))
	}
	slug := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(pr.Name, " ", ""), "'", ""))
	pr.Email = slug + "@zx-nhs.example"
	pr.LogoKey = r.Pick([]string{"tree", "cross", "waves", "shield"})
	return pr
}

func Dr(p Person) string { return "Dr " + p.First[:1] + " " + p.Last }
func DrFull(p Person) string { return "Dr " + p.First + " " + p.Last }

type Hospital struct {
	Trust, Site string
	Addr        Address
	Switch      string
}

var trusts = []string{"Zedbury Teaching Hospitals NHS Foundation Trust", "Northmoor and District Hospitals NHS Trust", "Wexcombe Healthcare NHS Trust", "Halden Valley University Hospitals NHS Trust", "Castlethorpe Royal Infirmary NHS Foundation Trust"}
var sites = []string{"Zedbury General Hospital", "Northmoor Royal Infirmary", "Wexcombe District General Hospital", "Halden Bridge Community Hospital", "St Hild's Hospital", "Castlethorpe Royal Infirmary"}

func NewHospital(r *RNG) *Hospital {
	h := &Hospital{Trust: r.Pick(trusts), Site: r.Pick(sites), Addr: NewAddress(r), Switch: Phone(r)}
	h.Addr.Lines = h.Addr.Lines[len(h.Addr.Lines)-2:]
	return h
}

// ---------- clinical text ----------

type Specialty struct {
	Name, Clinic, Reason string
	History              []string
	Exam                 []string
	Invest               []string
	Ask                  []string
	Diag                 []string
}

var specialties = []Specialty{
	{Name: "Gastroenterology", Clinic: "Gastroenterology Outpatients", Reason: "Change in bowel habit and iron deficiency anaemia",
		History: []string{"{Name} is a {age} year old {manwoman} who presents with looser stools for the last {dur}, opening {his} bowels three to four times a day.", "{He} has noticed dark red blood mixed in with the stool on several occasions and reports around 4 kg of unintentional weight loss.", "There is no family history of bowel cancer. {He} does not smoke and drinks around 10 units of alcohol a week.", "{He} describes intermittent lower abdominal cramping which is relieved by opening {his} bowels."},
		Exam:    []string{"On examination {his} abdomen was soft with mild left iliac fossa tenderness and no palpable masses.", "Rectal examination was unremarkable with brown stool on the glove."},
		Invest:  []string{"Hb 98 g/L (MCV 74), ferritin 9 ug/L, CRP 12, U&E and LFTs normal.", "FIT result 142 ug Hb/g faeces."},
		Ask:     []string{"I would be grateful if you could see {him} urgently and arrange a colonoscopy as you see fit.", "Please assess and consider lower GI endoscopy."},
		Diag:    []string{"Iron deficiency anaemia", "Altered bowel habit", "Diverticular disease"}},
	{Name: "Cardiology", Clinic: "Rapid Access Chest Pain Clinic", Reason: "Exertional chest tightness",
		History: []string{"{Name} describes central chest tightness when walking uphill for the past {dur}, settling within five minutes of rest.", "{He} has a background of hypertension and type 2 diabetes and is an ex-smoker of 30 pack years.", "There is no pain at rest and no associated syncope. {His} father had a myocardial infarction aged 58.", "{He} has occasional palpitations lasting a few seconds, usually in the evening."},
		Exam:    []string{"BP 148/92, pulse 78 regular, heart sounds normal, chest clear, no peripheral oedema.", "BMI 31. No carotid bruits."},
		Invest:  []string{"ECG shows sinus rhythm with T wave flattening in V4 to V6.", "Cholesterol 6.4 mmol/L, HbA1c 58 mmol/mol, eGFR 71."},
		Ask:     []string{"I would be grateful for your assessment and further investigation of probable stable angina.", "Could you please advise on further management and consider a CT coronary angiogram."},
		Diag:    []string{"Stable angina", "Hypertension", "Hypercholesterolaemia"}},
	{Name: "Respiratory Medicine", Clinic: "Respiratory Clinic", Reason: "Persistent cough and breathlessness",
		History: []string{"{Name} has had a productive cough for {dur} with increasing breathlessness on exertion, now limited to about 200 yards on the flat.", "{He} has had three courses of antibiotics and one of oral steroids this winter with only partial improvement.", "{He} is a current smoker of 15 cigarettes a day and worked for many years in a foundry.", "There has been no haemoptysis but {he} reports night sweats on occasion."},
		Exam:    []string{"Scattered expiratory wheeze throughout both lung fields, oxygen saturation 93 percent on air.", "No clubbing, no lymphadenopathy."},
		Invest:  []string{"Spirometry FEV1 1.42 L (54 percent predicted), FEV1/FVC 0.58.", "Chest X-ray reported as hyperinflated lungs with no focal lesion."},
		Ask:     []string{"Please could you review {him} with a view to optimising {his} inhaled therapy and considering pulmonary rehabilitation.", "I would value your opinion regarding the diagnosis and further management."},
		Diag:    []string{"COPD", "Chronic bronchitis", "Asthma"}},
	{Name: "Dermatology", Clinic: "Skin Cancer Clinic", Reason: "Changing pigmented lesion",
		History: []string{"{Name} noticed a pigmented lesion on {his} left shoulder which {he} says has enlarged and darkened over the last {dur}.", "It occasionally itches and bled once after catching it on clothing.", "{He} has fair skin, burns easily and had several blistering sunburns as a child.", "There is no personal history of skin cancer."},
		Exam:    []string{"8 mm irregular, asymmetrical lesion with two shades of brown and an irregular border.", "Weighted 7-point checklist score 5."},
		Invest:  []string{"Dermoscopy image attached to the referral."},
		Ask:     []string{"I would be grateful if you could see {him} under the two week wait pathway.", "Please assess and excise as appropriate."},
		Diag:    []string{"Suspected melanoma", "Atypical naevus", "Seborrhoeic keratosis"}},
	{Name: "Orthopaedics", Clinic: "Orthopaedic Outpatients", Reason: "Right hip pain limiting mobility",
		History: []string{"{Name} has had worsening right groin pain for {dur}, now present at night and limiting {his} walking to 100 yards.", "{He} has tried paracetamol, co-codamol and a course of physiotherapy without lasting benefit.", "{He} lives alone and is finding stairs and getting in and out of the bath increasingly difficult.", "A steroid injection two years ago helped for about three months."},
		Exam:    []string{"Antalgic gait, fixed flexion of 10 degrees, painful and restricted internal rotation.", "Oxford hip score 14."},
		Invest:  []string{"X-ray shows severe joint space narrowing with subchondral sclerosis and osteophytes."},
		Ask:     []string{"I would be grateful if you could consider {him} for hip replacement.", "Please assess with a view to surgical management."},
		Diag:    []string{"Osteoarthritis right hip", "Trochanteric bursitis"}},
	{Name: "Urology", Clinic: "Urology Outpatients", Reason: "Raised PSA and lower urinary tract symptoms",
		History: []string{"{Name} presented with nocturia three times a night, hesitancy and a poor stream over the last {dur}.", "A PSA was checked at {his} request and has risen on repeat testing.", "There is no visible haematuria, no bone pain and no weight loss.", "{His} brother was treated for prostate cancer in his sixties."},
		Exam:    []string{"DRE: moderately enlarged, smooth prostate, no discrete nodules.", "Abdomen soft, bladder not palpable."},
		Invest:  []string{"PSA 7.9 ng/mL (previously 6.2), urine dip negative, eGFR 64.", "IPSS 19."},
		Ask:     []string{"I would be grateful for your assessment under the suspected cancer pathway.", "Please see and advise regarding further investigation."},
		Diag:    []string{"Raised PSA", "Benign prostatic hyperplasia"}},
	{Name: "ENT", Clinic: "ENT Outpatients", Reason: "Unilateral hearing loss and tinnitus",
		History: []string{"{Name} reports gradual loss of hearing in the left ear over {dur} with a constant high pitched tinnitus.", "There is no discharge, no vertigo and no facial weakness.", "{He} worked in a textile mill for twenty years without hearing protection.", "{He} has had a persistent sensation of fullness in the left ear."},
		Exam:    []string{"Both tympanic membranes intact and normal. Rinne positive bilaterally, Weber lateralises to the right.", "Cranial nerves otherwise intact."},
		Invest:  []string{"Audiogram shows asymmetric sensorineural loss, worse on the left by 20 dB at 4 kHz."},
		Ask:     []string{"I would be grateful if you could arrange further assessment including an MRI of the internal auditory meati.", "Please see and investigate as you feel appropriate."},
		Diag:    []string{"Asymmetric sensorineural hearing loss", "Tinnitus"}},
	{Name: "Rheumatology", Clinic: "Early Inflammatory Arthritis Clinic", Reason: "Inflammatory polyarthritis",
		History: []string{"{Name} describes painful swelling of both hands and wrists for {dur} with early morning stiffness lasting two hours.", "{He} has struggled to open jars and do up buttons and has had to stop work.", "There is no rash, no psoriasis and no recent diarrhoeal illness.", "Ibuprofen gives partial relief of the stiffness."},
		Exam:    []string{"Synovitis of the 2nd and 3rd MCP joints bilaterally and of the right wrist; positive squeeze test.", "No nodules, no nail changes."},
		Invest:  []string{"CRP 34, ESR 41, rheumatoid factor positive, anti-CCP awaited.", "Hand X-rays show periarticular osteopenia only."},
		Ask:     []string{"I would be grateful if you could see {him} in the early arthritis clinic.", "Please assess and commence treatment as appropriate."},
		Diag:    []string{"Rheumatoid arthritis", "Inflammatory polyarthritis"}},
	{Name: "General Surgery", Clinic: "Upper GI Surgery Clinic", Reason: "Recurrent biliary colic",
		History: []string{"{Name} has had four episodes of severe right upper quadrant pain radiating to the back over {dur}, each lasting several hours after fatty meals.", "One episode required attendance at the emergency department with vomiting.", "There has been no jaundice, no pale stools and no dark urine.", "{He} is otherwise fit and well and keen to consider surgery."},
		Exam:    []string{"Abdomen soft, mildly tender in the right upper quadrant, Murphy's sign negative today.", "Not jaundiced."},
		Invest:  []string{"Ultrasound: multiple gallstones, gallbladder wall not thickened, CBD 5 mm.", "LFTs: ALP 132, bilirubin 14, ALT 41."},
		Ask:     []string{"I would be grateful if you could consider {him} for laparoscopic cholecystectomy.", "Please see and advise regarding surgical management."},
		Diag:    []string{"Symptomatic gallstones", "Biliary colic"}},
	{Name: "Neurology", Clinic: "General Neurology Clinic", Reason: "Episodes of transient loss of awareness",
		History: []string{"{Name} has had three episodes over {dur} in which {his} family describe {him} as staring and unresponsive for about a minute.", "Afterwards {he} is confused for around ten minutes and has no memory of the event.", "There is no history of head injury and no family history of epilepsy.", "{He} has stopped driving on my advice pending assessment."},
		Exam:    []string{"Neurological examination normal, fundi normal.", "BP 126/78 lying and standing."},
		Invest:  []string{"ECG sinus rhythm, QTc 412 ms. Bloods including glucose, calcium and U&E normal."},
		Ask:     []string{"I would be grateful for your opinion and consideration of an EEG and MRI.", "Please see and advise."},
		Diag:    []string{"Suspected focal seizures", "Transient loss of consciousness"}},
	{Name: "Diabetes and Endocrinology", Clinic: "Endocrine Clinic", Reason: "Abnormal thyroid function",
		History: []string{"{Name} reports weight loss of 6 kg over {dur}, heat intolerance, tremor and palpitations.", "{He} has also noticed that {his} eyes feel gritty and look more prominent.", "There is no neck pain and no recent viral illness.", "{He} takes no regular medication apart from the contraceptive pill."},
		Exam:    []string{"Pulse 108 regular, fine tremor, small diffuse goitre with no nodules, mild lid retraction.", "BMI 21."},
		Invest:  []string{"TSH less than 0.01, free T4 38.2 pmol/L, free T3 12.4 pmol/L. TRAb requested."},
		Ask:     []string{"I have started propranolol 40 mg tds and would be grateful for your urgent assessment.", "Please see and advise on further management."},
		Diag:    []string{"Thyrotoxicosis", "Graves' disease"}},
}

var medsPool = []string{"Amlodipine 5 mg once daily", "Atorvastatin 20 mg at night", "Ramipril 5 mg once daily", "Metformin 500 mg twice daily", "Levothyroxine 75 micrograms once daily", "Omeprazole 20 mg once daily", "Aspirin 75 mg once daily", "Bisoprolol 2.5 mg once daily", "Salbutamol 100 micrograms inhaler as required", "Paracetamol 1 g four times daily as required", "Sertraline 50 mg once daily", "Furosemide 40 mg in the morning", "Lansoprazole 30 mg once daily", "Bendroflumethiazide 2.5 mg once daily", "Simvastatin 40 mg at night", "Co-codamol 30/500 two tablets as required", "Gliclazide 80 mg twice daily", "Tamsulosin 400 micrograms once daily", "Alendronic acid 70 mg once weekly", "Adcal-D3 one tablet twice daily"}
var pmhPool = []string{"Hypertension", "Type 2 diabetes mellitus", "Hypothyroidism", "Osteoarthritis of both knees", "Depression", "Asthma", "Appendicectomy 1979", "Cholecystectomy 2004", "Hysterectomy 1996", "Atrial fibrillation", "Chronic kidney disease stage 3a", "Gout", "Transient ischaemic attack 2011", "Hiatus hernia", "Glaucoma", "Right total knee replacement 2015", "Anxiety", "Migraine"}
var allergyPool = []string{"No known drug allergies", "Penicillin - rash", "Codeine - vomiting", "Trimethoprim - rash", "Elastoplast", "Sulphonamides", "NKDA"}

var durations = []string{"three months", "six weeks", "four months", "two months", "six months", "a year", "eight weeks", "five months"}

func fillT(t string, p *Patient, age int, dur string) string {
	art := "a"
	if age == 8 || age == 11 || age == 18 || (age >= 80 && age < 90) {
		art = "an"
	}
	rep := strings.NewReplacer("{Name}", p.Title+" "+p.Last, "is a {age}", "is "+art+" "+itoa(age), "{age}", itoa(age), "{manwoman}", p.ManWoman(),
		"{he}", p.He(), "{He}", strings.Title(p.He()), "{his}", p.His(), "{His}", strings.Title(p.His()), "{him}", p.Him(), "{dur}", dur)
	return rep.Replace(t)
}

// ClinicalText produces consistent letter paragraphs for a patient.
type Clinical struct {
	Sp                                 Specialty
	History, Exam, Invest, Ask, Reason string
	HistSents                          []string
	Meds, PMH                          []string
	Allergy                            string
	Urgency                            string
}

func NewClinical(r *RNG, p *Patient, age int) *Clinical {
	sp := specialties[r.Intn(len(specialties))]
	if p.NHS != "" { // same specialty as Doc.spec() for the document's patient
		sp = specialties[int(p.NHS[5]-'0')%len(specialties)]
	}
	dur := r.Pick(durations)
	c := &Clinical{Sp: sp, Reason: sp.Reason}
	hs := r.Shuffle(sp.History[1:])
	c.HistSents = append([]string{fillT(sp.History[0], p, age, dur)}, fillT(hs[0], p, age, dur), fillT(hs[1], p, age, dur))
	c.History = strings.Join(c.HistSents, " ")
	c.Exam = fillT(strings.Join(sp.Exam, " "), p, age, dur)
	c.Invest = fillT(strings.Join(sp.Invest, " "), p, age, dur)
	c.Ask = fillT(r.Pick(sp.Ask), p, age, dur)
	for _, m := range r.Shuffle(medsPool)[:r.IntR(2, 5)] {
		c.Meds = append(c.Meds, m)
	}
	for _, m := range r.Shuffle(pmhPool)[:r.IntR(2, 4)] {
		c.PMH = append(c.PMH, m)
	}
	c.Allergy = r.Pick(allergyPool)
	c.Urgency = r.Pick([]string{"Routine", "Urgent", "Routine", "Two Week Wait"})
	return c
}
