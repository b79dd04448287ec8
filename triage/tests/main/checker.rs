//! The red-flag checker over free text: the rules at their boundaries, the scopes that must not
//! count, evidence offsets, robustness, and agreement with the generated corpus.

use paperlite_triage::LetterStyle;
use paperlite_triage::{CheckResult, Pathway, RedFlagChecker, RuleId, Urgency};
use synthetic::{generate, CorpusConfig};

fn check(text: &str) -> CheckResult {
    RedFlagChecker::new().check(text)
}

fn rule(text: &str) -> RuleId {
    check(text).rule_id()
}

#[test]
fn fit_boundary_9_vs_10() {
    assert_eq!(
        rule("62 year old man, change in bowel habit. FIT 10."),
        RuleId::U3
    );
    assert_eq!(
        rule("62 year old man, change in bowel habit. FIT 9."),
        RuleId::O6
    );
    assert_eq!(
        rule("62 year old man, change in bowel habit. FIT <4."),
        RuleId::O6
    );
    assert_eq!(
        rule("62 year old man, change in bowel habit. FIT negative."),
        RuleId::O6
    );
    assert_eq!(
        rule("62 year old man, change in bowel habit. qFIT undetectable."),
        RuleId::O6
    );
    assert_eq!(
        rule("62 year old man, change in bowel habit. qFIT 150 ug Hb/g."),
        RuleId::U3
    );
}

#[test]
fn anaemia_thresholds_by_sex_and_units() {
    let woman = |hb: &str| {
        rule(&format!(
            "Mrs A, 35 year old woman. Hb {hb}, ferritin 8 ug/L."
        ))
    };
    let man = |hb: &str| rule(&format!("Mr B, 35 year old man. Hb {hb}, ferritin 8 ug/L."));
    assert_eq!(woman("119"), RuleId::U4);
    assert_eq!(woman("120"), RuleId::D);
    assert_eq!(man("129"), RuleId::U4);
    assert_eq!(man("130"), RuleId::D);
    assert_eq!(woman("11.9 g/dL"), RuleId::U4);
    assert_eq!(woman("12.0 g/dL"), RuleId::D);
    assert_eq!(man("12.9"), RuleId::U4);
    assert_eq!(
        rule("Mr B, 35. haemoglobin 9.8 g/dL, ferritin 29"),
        RuleId::U4
    );
    assert_eq!(
        rule("Mr B, 35. haemoglobin 9.8 g/dL, ferritin 30"),
        RuleId::D
    );
}

#[test]
fn alt_and_calprotectin_boundaries() {
    assert_eq!(rule("Mr C aged 52. ALT 300 U/L."), RuleId::R2);
    assert_eq!(rule("Mr C aged 52. ALT 299 U/L."), RuleId::O5);
    assert_eq!(rule("Mr C aged 52. ALT 40."), RuleId::O5);
    assert_eq!(rule("Mr C aged 52. ALT 39."), RuleId::D);
    assert_eq!(
        rule("Ms D aged 30. Faecal calprotectin 250 ug/g."),
        RuleId::R1
    );
    assert_eq!(
        rule("Ms D aged 30. Faecal calprotectin 249 ug/g."),
        RuleId::O2
    );
    assert_eq!(rule("Ms D aged 30. Calprotectin 100."), RuleId::O2);
    assert_eq!(rule("Ms D aged 30. Calprotectin 99."), RuleId::D);
}

#[test]
fn age_boundaries() {
    // U5: 55 with weight loss and dyspepsia.
    assert_eq!(
        rule("Mr E, 55 year old, weight loss and dyspepsia."),
        RuleId::U5
    );
    assert_eq!(
        rule("Mr E, 54 year old, weight loss and dyspepsia."),
        RuleId::A2
    );
    // U8 rectal bleeding from 50.
    assert_eq!(
        rule("Mrs F, aged 50, rectal bleeding for 3 weeks."),
        RuleId::U8
    );
    assert_eq!(
        rule("Mrs F, aged 49, rectal bleeding for 3 weeks."),
        RuleId::D
    );
    // U7 jaundice from 40.
    assert_eq!(rule("40yo M with painless jaundice."), RuleId::U7);
    assert_eq!(rule("39yo M with painless jaundice."), RuleId::D);
    // U8 change in bowel habit from 60; weight loss with abdominal pain from 40.
    assert_eq!(rule("60F, CIBH 2/12."), RuleId::U8);
    assert_eq!(rule("59F, CIBH 2/12."), RuleId::D);
    assert_eq!(rule("40F, wt loss and abdo pain."), RuleId::U8);
    assert_eq!(rule("39F, wt loss and abdo pain."), RuleId::D);
}

#[test]
fn age_from_date_of_birth_and_letter_date() {
    let text = "Date: 14/05/2025\nRe: Mrs G, DOB 15/05/1975\nRectal bleeding for 6 weeks.";
    let r = check(text);
    assert_eq!(r.facts.age, Some(49));
    assert_eq!(r.rule_id(), RuleId::D, "49 on the letter date: U8 needs 50");
    let text = "Date: 15/05/2025\nRe: Mrs G, DOB 15/05/1975\nRectal bleeding for 6 weeks.";
    assert_eq!(rule(text), RuleId::U8, "50 on her birthday");
}

#[test]
fn negations_do_not_count() {
    let base = "Mr H, 70 year old man.";
    for text in [
        "No dysphagia.",
        "He denies dysphagia.",
        "Nil dysphagia, weight stable.",
        "Dysphagia: No",
        "He has had no weight loss, vomiting or difficulty swallowing.",
        "Swallowing difficulties - denied.",
        "[ ] Dysphagia",
        "without any dysphagia",
    ] {
        let r = check(&format!("{base} {text}"));
        assert!(!r.facts.dysphagia, "{text}");
        assert!(!r.facts.weight_loss, "{text}");
    }
    // A negation does not reach past "but".
    let r = check(&format!("{base} No weight loss but 6 weeks of dysphagia."));
    assert_eq!(r.rule_id(), RuleId::U1);
    // Pseudo-negations are not negations.
    let r = check(&format!(
        "{base} No improvement with 8 weeks of omeprazole; ongoing dyspepsia and weight loss of 5kg."
    ));
    assert_eq!(r.rule_id(), RuleId::U5);
}

#[test]
fn family_history_past_and_hypothetical_do_not_count() {
    let base = "Mrs J, 68 year old woman, presents with bloating.";
    for text in [
        "Her father had bowel cancer aged 62.",
        "Her sister had rectal bleeding from haemorrhoids.",
        "Rectal bleeding in 2015, none since.",
        "She had an episode of haematemesis 10 years ago which settled.",
        "Previously investigated for dysphagia in 2018, OGD normal.",
        "If she develops dysphagia or rectal bleeding she will let us know.",
        "Should she develop jaundice, please re-refer.",
        "Safety-netted for weight loss and PR bleeding.",
        "I have advised her to return if she vomits blood.",
    ] {
        let r = check(&format!("{base} {text}"));
        assert!(!r.is_red_flag(), "{text}: {:?}", r.red_flags);
    }
    // A family history of colorectal cancer is itself a fact (A3) when nothing else is.
    let r = check("Ms K, 45, asymptomatic. Her mother had colorectal cancer at 58.");
    assert_eq!(r.rule_id(), RuleId::A3);
    assert!(r.facts.family_history_crc);
    let r = check("Ms K, 45, asymptomatic. No family history of bowel cancer.");
    assert!(!r.facts.family_history_crc);
    // The relative's age is not the patient's.
    let r = check("Ms K, 45, asymptomatic. FHx: father - CRC aged 62.");
    assert_eq!(r.facts.age, Some(45));
}

#[test]
fn phrasings_the_generator_does_not_use() {
    // Hand-written letters in words the corpus's phrase banks do not use, to see the checker
    // generalise (and to keep it from regressing).
    let cases = [
        ("Mrs N, 63, LFTs: ALT 512, bili 40.", RuleId::R2),
        ("Ms P, 31: TTG-IgA raised at 85. ?coeliac", RuleId::O4),
        ("Mr S, 33, heartburn despite Gaviscon.", RuleId::A2),
        ("Mrs A, 71. Her husband has noticed she looks yellow. Otherwise well.", RuleId::U7),
        ("Mr B is a 59 year old with a 3 month history of reflux. He has also lost 4kg without trying.", RuleId::U5),
        ("Ms C, 26, has ulcerative colitis which has flared: 8 bloody stools a day.", RuleId::R1),
        ("Mr D, 63. Bloods: Hb 13.1 g/dL, ferritin 11. No GI symptoms.", RuleId::D),
        ("Mrs E 66. Colonoscopy 2019 for PR bleeding - normal. Now presenting with a 2 month change in bowel habit.", RuleId::U8),
        ("Mr F 50. He had a rectal bleed 5 years ago, nothing since. Now asymptomatic; FH bowel cancer (brother at 49).", RuleId::A3),
        ("Mrs G, 44. Worried about bowel cancer as her mother died of it. She herself has no symptoms.", RuleId::A3),
        ("Mr H, 61, presents with rectal bleeding. qFIT 2.", RuleId::O6),
        ("Mrs I, 80. Pt reports difficulty swallowing tablets only, not food.", RuleId::U1),
        ("Mr J 47, epigastric pain; had H pylori eradication. No weight loss, no vomiting, no dysphagia, no melaena.", RuleId::D),
        ("Mrs K 39, abnormal LFTs: ALT 128, ALP normal. Drinks 30 units/week.", RuleId::O5),
        ("Mr L 55, haemoglobin 112g/L, ferritin 15ug/L, on apixaban.", RuleId::U4),
        ("Ms M, 33. Mouth ulcers, weight loss, diarrhoea. Calprotectin 420.", RuleId::R1),
        ("Mr N, 70. Referred with iron deficiency anaemia.", RuleId::U4),
        ("Mrs O 76 - progressive difficulty swallowing solids, 1 stone weight loss.", RuleId::U1),
        ("Mr P, 42, heartburn and regurgitation, no red flags.", RuleId::A2),
        ("Mrs Q, 58. Dysphagia? No. Weight loss? No. Reflux - yes, 8 weeks PPI not helping, plus dyspepsia.", RuleId::O1),
        ("Mrs S, 52. Known UC (pancolitis), in remission. Query re surveillance interval?", RuleId::O3),
        ("Mr T, 72, anaemia with Hb 88, ferritin 450 (inflammation), no bleeding.", RuleId::D),
        ("Ms U, 21, bloating, alternating bowel habit, FCP <20. Anxious.", RuleId::A1),
        ("Mr V, 83, melaena and haematemesis yesterday, Hb 90.", RuleId::R3),
        ("Mrs W, 67, ultrasound: 6cm mass in the liver. Jaundiced.", RuleId::U7),
        ("Mr X, 46, ?coeliac. Anti-tTG 42 U/mL (ref <7).", RuleId::O4),
        ("Mrs Y, 69. No rectal bleeding, weight stable, FIT 12.", RuleId::U3),
        ("Mr Z, 57. Bleeding PR on and off for months, FIT kit not returned.", RuleId::U8),
        ("Mrs AA, 48. Abdo pain. FIT negative. Mother had colon cancer.", RuleId::A1),
        ("Mr BB, 66. Should his weight continue to fall I will re-refer. Currently dyspepsia only.", RuleId::D),
        ("Mrs CC, 41. Ascites on scan, known cirrhosis.", RuleId::R2),
        ("Mr DD, 75 y/o. C/o change in bowel habits since Xmas. Weight down 3kg.", RuleId::U8),
        ("Dear Mr Jones, I'd be grateful if you could see this 64 year old lady who has noticed dark blood mixed in with her motions over the last month.", RuleId::U8),
        ("Thank you for seeing Mr Brown (DOB 03/02/1950) regarding his weight loss of a stone and new epigastric pain. Letter dated 01/03/2025.", RuleId::U5),
        ("45F. IDA - Hb 95, ferritin 4. Coeliac screen neg.", RuleId::U4),
        ("Mr A, 77. PR exam: hard craggy lesion at 5cm.", RuleId::U2),
        ("She is 52 and has had PR bleeding. Her FIT came back at 2.", RuleId::O6),
        ("He is 58. Bowels have been looser for 2 months. FIT result awaited.", RuleId::D),
        ("This 81 year old man has lost his appetite and has been losing weight. He also has tummy ache.", RuleId::U8),
        ("Mrs B, 44, has heartburn. She does not have dysphagia or weight loss. No alarm symptoms.", RuleId::A2),
        ("Mrs C (70) - FIT 150. No other symptoms.", RuleId::U3),
        ("Mr D, 35, has had blood in his stools with diarrhoea six times a day for 3 weeks.", RuleId::R1),
        ("Mr E 62, known ALD cirrhosis, increasingly confused over the last week.", RuleId::R2),
        ("67 yr old man with painless obstructive jaundice and itch.", RuleId::U7),
        ("Ms F, 29, coeliac serology strongly positive (tTG >128).", RuleId::O4),
        ("Mr G, 50, US abdomen shows fatty liver, ALT 65.", RuleId::O5),
        ("Mrs H, 60: ongoing indigestion despite lansoprazole 30mg for the last 3 months.", RuleId::O1),
        ("Mr I, 30. Crohn's disease diagnosed 2015, in remission on adalimumab. Question: can he have a live vaccine?", RuleId::O3),
        ("Mrs J, 38. Abdo pain and bloating, calpro 22, FIT <4.", RuleId::A1),
        ("Mr K, 40. Father and uncle both had bowel cancer in their 50s. He is well with no symptoms.", RuleId::A3),
        ("Mrs L 73 - anaemic (Hb 101) with low ferritin (12).", RuleId::U4),
        ("Mr M aged 66 complains of difficulty getting food down.", RuleId::U1),
        ("Mrs N, 56. Weight loss: none. Dysphagia: none. Dyspepsia for 6 weeks, not tried PPI yet.", RuleId::D),
        ("Mr O, 45, had dysphagia last year which resolved after dilatation of a stricture. Now reflux only.", RuleId::A2),
        ("Mrs P, 70, rectal bleeding 3/52. No weight loss, no change in bowel habit.", RuleId::U8),
        ("Mr Q, 48, denies any rectal bleeding, weight loss or dysphagia; complains of bloating only, calprotectin 40.", RuleId::A1),
        ("Ms R, 23. Mum has UC. She has bloating.", RuleId::D),
        ("Mr S, 71, changes in bowel habit, no red flags, FIT not yet done.", RuleId::U8),
        ("Mr T, 52, haematemesis after heavy drinking.", RuleId::R3),
        ("Mr U 68: vomiting coffee grounds", RuleId::R3),
        ("Mrs V 57, lump felt in left upper quadrant", RuleId::U6),
        ("Miss W, 65. No PR bleeding. Bowels have changed – more frequent and loose.", RuleId::U8),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter(|(text, want)| rule(text) != *want)
        .map(|(text, want)| format!("want {want}, got {}: {text}", rule(text)))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn whole_letters_in_layouts_the_generator_does_not_write() {
    // Whole letters written by hand for this test, in the layouts that read worst from outside:
    // handwritten-style notes (hw), tick-box proformas (tb), system exports (sx), terse notes
    // (te), a continuation page (co), "Dear Doctor" letters (dd) and semicolon lists (ne);
    // then values, units, ages, tick marks, bracketed lists and explanations written the many
    // ways a GP writes them (b, c).
    let cases = [
        // hw1
        (
            r#"pt seen 12/3/25 c/o PR bld x 6/52 bright red on paper
wt stable, no CIBH
DOB 4/5/1961
FIT not done - pt declined
plan refer gastro pls"#,
            RuleId::U8,
        ),
        // hw2
        (
            r#"Gastro ref
48 yr F indigestion/heartburn 3 mths
no dysphagia / wt loss / vomiting / melaena
omeprazole 20 started 2/52 ago
pls advise"#,
            RuleId::A2,
        ),
        // hw3
        (
            r#"Re Mr T  DOB 01.02.54
food sticking mid chest ~1 mth, worse w/ bread + meat
lost ½ st
PMH HTN, T2DM
? OGD urgently thx"#,
            RuleId::U1,
        ),
        // hw4
        (
            r#"34F bloating + alt bowel habit 1 yr, no PR bld
calpro 35  FIT <4
coeliac screen neg
?IBS - pls advise re mx"#,
            RuleId::A1,
        ),
        // tb1
        (
            r#"LOWER GI REFERRAL PROFORMA
Patient age: 46
Rectal bleeding            Yes [ ]   No [x]
Change in bowel habit      Yes [ ]   No [x]
Weight loss                Yes [ ]   No [x]
Abdominal mass             Yes [ ]   No [x]
Iron deficiency anaemia    Yes [ ]   No [x]
FIT result: not done
Other information: intermittent lower abdominal cramps for 2 years, worse with stress."#,
            RuleId::D,
        ),
        // tb2
        (
            r#"SUSPECTED COLORECTAL CANCER REFERRAL
Age: 63
Symptoms (tick all that apply):
[x] Change in bowel habit
[ ] Rectal bleeding
[ ] Weight loss
[ ] Abdominal mass
FIT: 86 ug Hb/g
Hb: 131 g/L   Ferritin: 64"#,
            RuleId::U3,
        ),
        // tb3
        (
            r#"Upper GI referral form
Age 41
Dysphagia: N
Weight loss: N
GI bleeding: N
Persistent vomiting: N
Dyspepsia / reflux: Y  (6 months, on PPI)"#,
            RuleId::A2,
        ),
        // tb4
        (
            r#"Upper GI referral form
Age 70
Dysphagia:  ☒ Yes ☐ No
Weight loss: ☐ Yes ☒ No
Upper abdominal mass: ☐ Yes ☒ No"#,
            RuleId::U1,
        ),
        // sx1
        (
            r#"Problems
  Active: Iron deficiency anaemia (12-Sep-2025)
  Past: Appendicectomy (1988), Fractured wrist (2002)
Results
  12-Sep-2025  Haemoglobin   104 g/L   [120 - 160]  L
  12-Sep-2025  Ferritin      7 ug/L    [15 - 300]   L
  12-Sep-2025  MCV           74 fL     [80 - 100]   L
Medication
  Ferrous fumarate 210mg tds
Sex: Female   Age: 52
Consultation note: tired, SOB on exertion, no overt GI blood loss. Refer to gastro."#,
            RuleId::U4,
        ),
        // sx2
        (
            r#"Summary for referral
Sex: Male  Age: 45
Active problems: none
Family history: Father - colorectal cancer (dx aged 52); Paternal uncle - bowel cancer
Consultation 03-Oct-2025: asymptomatic, bowels regular, no bleeding. Requests screening advice."#,
            RuleId::A3,
        ),
        // sx3
        (
            r#"Summary for referral
Sex: Female  Age: 66
Past problems: Rectal bleeding (2014) - haemorrhoids banded, resolved; Diverticular disease (2016)
Current: Nil GI symptoms.
Reason for referral: patient requests advice about repeat colonoscopy interval."#,
            RuleId::D,
        ),
        // te1
        (r#"58M FIT 230. Pls see."#, RuleId::U3),
        // te2
        (
            r#"27F, bloody diarrhoea x8/day 10 days, known UC. Urgent review pls."#,
            RuleId::R1,
        ),
        // te3
        (
            r#"52F reflux, no red flags. Advice please re PPI step-down."#,
            RuleId::A2,
        ),
        // co1
        (
            r#"Page 2 of 2
Re: Mrs Jean Hollis (cont.)
...on examination she looked well. She mentioned that over the last six weeks solid food
has been catching in her throat and she has started cutting her food very small.
I would be grateful for your assessment.
Yours sincerely"#,
            RuleId::U1,
        ),
        // dd1
        (
            r#"Dear Doctor,
Re: Mr Alan Pike, 67
I would be grateful if you would see Mr Pike who has had loose stools for the last two
months, which is a change for him. He has no rectal bleeding and his weight is steady.
He has not done a FIT test. His GP requested priority: routine.
Yours faithfully"#,
            RuleId::U8,
        ),
        // dd2
        (
            r#"Dear Dr Shah,
Mrs Peters (age 57) has had some bright red bleeding on wiping. Her FIT was 3. Examination
was normal and there were no masses on PR. I have requested a routine appointment.
Kind regards"#,
            RuleId::O6,
        ),
        // ne1
        (
            r#"63M. Change in bowel habit; no PR bleeding; FIT 6."#,
            RuleId::O6,
        ),
        // ne2
        (
            r#"61F. No weight loss; rectal bleeding for 4 weeks. No FIT done."#,
            RuleId::U8,
        ),
        // b01
        (
            r#"Pt: 68M
Bloods 02/11/25: Hb 10.2 g/dl (13.0-17.0), MCV 71, ferritin 25 ug/L
No overt bleeding. Not on anticoagulants.
Pls see ?source of IDA"#,
            RuleId::U4,
        ),
        // b02
        (
            r#"72 y.o. woman, intermittent PR bleeding 2 months. qFIT 4.2 ug/g. Hb 134. Routine referral please."#,
            RuleId::O6,
        ),
        // b03
        (
            r#"Referral - lower GI
Mr K, 54
FIT +ve (67). Bowels unchanged. No wt loss.
Please arrange colonoscopy"#,
            RuleId::U3,
        ),
        // b04
        (
            r#"Re: Ms D, 35
PMH: UC dx 2012, quiescent on mesalazine 2.4g
Q: she asks whether she can stop mesalazine before trying to conceive - advice please"#,
            RuleId::O3,
        ),
        // b05
        (
            r#"47M. LFTs deranged: ALT 88, GGT 140, bili normal. USS: fatty liver. BMI 33. Drinks 10u/wk. Advice/routine review."#,
            RuleId::O5,
        ),
        // b06
        (
            r#"Mrs F 41, loose stools 6 wks, no blood. Faecal calprotectin 180 ug/g. FIT 3."#,
            RuleId::O2,
        ),
        // b07
        (
            r#"23F, diarrhoea 8x/day, FCP 1200, CRP 45. No blood. Known to have had similar symptoms in the past."#,
            RuleId::R1,
        ),
        // b08
        (
            r#"Known cirrhosis (NASH). New ascites on USS last week, tense abdomen. Age 66."#,
            RuleId::R2,
        ),
        // b09
        (
            r#"Mr P 44 - coffee ground vomit x2 yesterday, HR 80, BP 130/80. Hb 141."#,
            RuleId::R3,
        ),
        // b10
        (
            r#"JAUNDICE REFERRAL
Age: 45
Jaundice: Y
Pain: N
Weight loss: N
Bilirubin 88"#,
            RuleId::U7,
        ),
        // b11
        (
            r#"39M dyspepsia 6/12. H pylori neg. Omeprazole helps. Advised to return if black stools or vomiting blood. Advice re long-term PPI?"#,
            RuleId::A2,
        ),
        // b12
        (
            r#"62 yo man, reflux for 3 months. No dysphagia or odynophagia. Has lost 5kg unintentionally. Please see under 2WW."#,
            RuleId::U5,
        ),
        // b13
        (
            r#"Page 2
(continued) ... bowels have become looser and more frequent since August, now 4x daily.
He is 64. Weight is down from 82kg to 76kg. FIT kit given but not yet returned.
Yours sincerely"#,
            RuleId::U8,
        ),
        // b14
        (
            r#"Ms H, 29. Crampy lower abdo pain + bloating 8 months, relieved by defecation. FCP 42. Bloods normal. ?IBS, advice re management."#,
            RuleId::A1,
        ),
        // b15
        (
            r#"Mr J, 38. FHx: brother bowel ca at 44, father bowel ca at 60. Pt asymptomatic. Advice re screening."#,
            RuleId::A3,
        ),
        // b16
        (
            r#"Mrs L 60. Nausea and early satiety 3 weeks. No weight loss. No dysphagia. Not on PPI. Bloods normal incl Hb 128."#,
            RuleId::D,
        ),
        // b17
        (
            r#"Dysphagia to solids 2/12, progressive, now liquids too. 78F."#,
            RuleId::U1,
        ),
        // b18
        (
            r#"Mr W 70. Pain on defecation, PR: ulcerated lesion at anal verge, not healing after 6 wks of treatment."#,
            RuleId::U2,
        ),
        // b19
        (
            r#"Mrs Q 59. On palpation a firm mass in the RIF, non-tender. Bowels normal."#,
            RuleId::U6,
        ),
        // b20
        (
            r#"Mr R 58. Dyspepsia persisting despite 8 weeks lansoprazole 30mg. No alarm features; wt stable."#,
            RuleId::O1,
        ),
        // b21
        (
            r#"18F. Tiredness. tTG IgA 56 U/ml (ref <10). Please see re ?coeliac / OGD."#,
            RuleId::O4,
        ),
        // b22
        (
            r#"Mr S (DOB 14.02.1960) - letter date 20/10/2025
PR bleeding mixed with stool, 3 weeks. No FIT result available."#,
            RuleId::U8,
        ),
        // b23
        (
            r#"Mrs T, 50. Rectal bleeding in 2015 due to haemorrhoids, treated, nothing since. Now: occasional heartburn on PPI; wants to discuss ongoing PPI use. Weight steady. Age 50."#,
            RuleId::A2,
        ),
        // b24
        (
            r#"46F. Abdominal pain. FIT <4 ug Hb/g. Calprotectin <20. Anxious re mother's bowel cancer."#,
            RuleId::A1,
        ),
        // c01
        (
            r#"Age 33
Rectal bleeding  ☐ Y  ☑ N
Weight loss      ☐ Y  ☑ N
Abdominal pain   ☑ Y  ☐ N
FIT result: 2"#,
            RuleId::A1,
        ),
        // c02
        (
            r#"40F. Epigastric discomfort and reflux. Red flags (dysphagia, weight loss, GI bleeding): none. Advice re H pylori."#,
            RuleId::A2,
        ),
        // c03
        (
            r#"70M. She denies PR bleeding/melaena/wt loss. Change in bowel habit 2 months. FIT 7."#,
            RuleId::O6,
        ),
        // c04
        (
            r#"Mrs G, 62. No PR bleeding, however she has lost 6kg over 3 months and has lower abdominal pain. No FIT done yet."#,
            RuleId::U8,
        ),
        // c05
        (
            r#"51M. Dysphagia - no. Odynophagia - no. Weight - stable. Reflux for 4 months on and off."#,
            RuleId::A2,
        ),
        // c06
        (
            r#"65F. Reflux for 2 months. Lost 6kg - intentional, on slimming world. Not tried PPI."#,
            RuleId::D,
        ),
        // c07
        (r#"M72, CIBH 3/12, loose, no FIT result."#, RuleId::U8),
        // c08
        (
            r#"Aged 81. New constipation alternating with diarrhoea since the summer. Not had a FIT."#,
            RuleId::U8,
        ),
        // c09
        (
            r#"Pt describes food 'getting stuck' behind the breastbone for 6 weeks. 52yo."#,
            RuleId::U1,
        ),
        // c10
        (
            r#"Vomited fresh blood this morning after retching. 30yo. Alcohol excess."#,
            RuleId::R3,
        ),
        // c11
        (
            r#"Female, 38. Hb 98 g/L, ferritin 6. Menorrhagia. Coeliac screen negative."#,
            RuleId::U4,
        ),
        // c12
        (
            r#"Male, 58. Hb 119 g/L, ferritin 180. CKD stage 3."#,
            RuleId::D,
        ),
        // c13
        (
            r#"ALT 299 U/L on two occasions, otherwise well, 52M"#,
            RuleId::O5,
        ),
        // c14
        (r#"ALT 300 U/L, 52M, otherwise well"#, RuleId::R2),
        // c15
        (r#"FIT 10 ug Hb/g. 45F. Bloating."#, RuleId::U3),
        // c16
        (r#"FIT 9.8 ug Hb/g. 45F. Bloating."#, RuleId::A1),
        // c17
        (
            r#"Dear Dr,
Mrs Y is 42. Her mother and maternal aunt both had colorectal cancer. She is entirely well, with no bowel symptoms, and would like advice about surveillance.
"#,
            RuleId::A3,
        ),
        // c18
        (
            r#"Dear Dr,
Mr Z is 45 and has had abdominal pain for 6 months. His father had bowel cancer. No FIT or calprotectin has been done yet."#,
            RuleId::D,
        ),
        // c19
        (
            r#"Mr A, 58. Noticed dark urine and pale stools, wife says his eyes are yellow. Itching."#,
            RuleId::U7,
        ),
        // c20
        (
            r#"Mr B, 57. Epigastric pain 2 months. He has lost about a stone without trying."#,
            RuleId::U5,
        ),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter(|(text, want)| rule(text) != *want)
        .map(|(text, want)| format!("want {want}, got {}: {text}", rule(text)))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn all_red_flag_rules_are_listed_with_evidence() {
    let text = "Mrs U, 72 year old lady with dysphagia, weight loss of 8kg and dyspepsia. \
                Hb 98 g/L, ferritin 6. She vomited blood yesterday.";
    let r = check(text);
    assert_eq!(r.rule, Some(RuleId::U1));
    assert_eq!(r.urgency, Urgency::UrgentSuspectedCancer);
    assert_eq!(r.pathway, Pathway::UpperGi);
    assert_eq!(
        r.red_flag_rules(),
        vec![RuleId::U1, RuleId::U4, RuleId::U5, RuleId::R3]
    );
    for flag in &r.red_flags {
        assert_eq!(&text[flag.start..flag.end], flag.text, "{flag:?}");
    }
    let u4: Vec<&str> = r
        .red_flags
        .iter()
        .filter(|f| f.rule == RuleId::U4)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(u4, vec!["Hb 98 g/L", "ferritin 6"]);
}

#[test]
fn ocr_noise_where_cheap() {
    assert_eq!(
        rule("Mr V, 64, CIBH. FIT 4S."),
        RuleId::U8,
        "FIT 4S is unreadable: no FIT"
    );
    assert_eq!(rule("Mrs W, 40. Ferritin 8ug/l, Hb 1O2 g/L"), RuleId::U4);
    assert_eq!(rule("Mr X, 70, recta1 b1eeding for 6 weeks"), RuleId::U8);
    assert_eq!(rule("Mr X, 70, dys phagia"), RuleId::U1);
    assert_eq!(rule("Mr X, 70, haematernesis"), RuleId::R3);
}

#[test]
fn never_panics_on_odd_input() {
    let checker = RedFlagChecker::new();
    // A small deterministic generator, so the test is reproducible.
    let mut state: u64 = 0x1234_5678;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces = [
        "FIT",
        "<",
        ">",
        "4",
        "1O",
        "Hb",
        "g/dL",
        ".",
        "\n",
        "no ",
        "if ",
        "(",
        ")",
        "é",
        "€",
        "ferritin",
        "DOB",
        "12/13/2025",
        "31/02/2024",
        "aged",
        "999",
        "[ ]",
        "[x]",
        "–",
        "µg",
        "\u{2028}",
        "\u{feff}",
        ":",
        "N0",
        "rn",
        "positive",
        "ALT",
        "1,",
        "9999999999999",
        "yo",
        "🙂",
        "\r\n",
        "\t",
        "ｆｕｌｌ",
        "father had",
        "none since",
    ];
    for _ in 0..2000 {
        let mut s = String::new();
        for _ in 0..(next() % 40) {
            s.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            if next() % 3 == 0 {
                s.push(' ');
            }
        }
        let r = checker.check(&s);
        for f in r.red_flags.iter().filter(|f| f.end > 0) {
            assert_eq!(s.get(f.start..f.end), Some(f.text.as_str()));
        }
    }
    for _ in 0..500 {
        let bytes: Vec<u8> = (0..(next() % 300)).map(|_| next() as u8).collect();
        let _ = checker.check(&String::from_utf8_lossy(&bytes));
    }
    let _ = checker.check(&"no ".repeat(20_000));
    // Long inputs stay fast enough to check (linear, not quadratic, in the mentions).
    let long = "No rectal bleeding, if dysphagia return. Hb 98, FIT 12. ".repeat(5_000);
    let r = checker.check(&long);
    assert!(r.is_red_flag());
    let _ = checker.check(&"FIT positive ".repeat(5_000));
    let _ = checker.check("");
}

/// Agreement of the checker with the generator's labels. Run with `--nocapture` to see the
/// table; the asserted floors are below the measured figures (see README).
#[test]
fn agreement_with_generated_labels() -> anyhow::Result<()> {
    let letters = generate(&CorpusConfig::new(777, 3000))?;
    let checker = RedFlagChecker::new();
    println!(
        "\n{:<16}{:>6}{:>8}{:>8}{:>8}",
        "style", "n", "rule", "urgency", "sens"
    );
    let mut clean_red = 0usize;
    let mut clean_red_hit = 0usize;
    let mut clean_n = 0usize;
    let mut clean_rule = 0usize;
    let mut noisy_red = 0usize;
    let mut noisy_red_hit = 0usize;
    for style in LetterStyle::ALL {
        let (mut n, mut rule_ok, mut urg_ok, mut red, mut red_hit) = (0, 0, 0, 0, 0);
        for l in letters.iter().filter(|l| l.style == style) {
            let r = checker.check(&l.text);
            n += 1;
            rule_ok += usize::from(r.rule_id() == l.rule);
            urg_ok += usize::from(r.urgency == l.urgency);
            let is_red = l.urgency.is_red_flag();
            red += usize::from(is_red);
            red_hit += usize::from(is_red && r.is_red_flag());
            if l.ocr_noise {
                noisy_red += usize::from(is_red);
                noisy_red_hit += usize::from(is_red && r.is_red_flag());
            } else {
                clean_n += 1;
                clean_rule += usize::from(r.rule_id() == l.rule);
                clean_red += usize::from(is_red);
                clean_red_hit += usize::from(is_red && r.is_red_flag());
            }
        }
        println!(
            "{:<16}{:>6}{:>8.3}{:>8.3}{:>8.3}",
            style.as_str(),
            n,
            rule_ok as f64 / n.max(1) as f64,
            urg_ok as f64 / n.max(1) as f64,
            red_hit as f64 / red.max(1) as f64
        );
    }
    let clean_sensitivity = clean_red_hit as f64 / clean_red.max(1) as f64;
    let noisy_sensitivity = noisy_red_hit as f64 / noisy_red.max(1) as f64;
    let clean_accuracy = clean_rule as f64 / clean_n.max(1) as f64;
    println!(
        "clean: rule accuracy {clean_accuracy:.3}, red-flag sensitivity {clean_sensitivity:.3}; \
         OCR-noisy: red-flag sensitivity {noisy_sensitivity:.3}"
    );
    assert!(
        clean_sensitivity >= 0.97,
        "clean sensitivity {clean_sensitivity:.3}"
    );
    assert!(
        noisy_sensitivity >= 0.90,
        "noisy sensitivity {noisy_sensitivity:.3}"
    );
    assert!(
        clean_accuracy >= 0.95,
        "clean rule accuracy {clean_accuracy:.3}"
    );
    Ok(())
}

#[test]
fn grids_and_criteria_checklists_written_by_hand() {
    // Practice forms that answer by position: a mark under a header's Yes or No column, a
    // row left blank, one box before or after a whole NICE-style criterion. Written for this
    // test; the generator writes none of these layouts.
    let cases = [
        // g1: columns headed YES / NO, marks under them.
        (
            r#"COLORECTAL REFERRAL - PRACTICE FORM
Age: 44
RED FLAG SYMPTOMS          YES    NO
Rectal bleeding                    X
Change in bowel habit       X
Weight loss                        X
Abdominal mass                     X
Iron deficiency anaemia            X
FIT: 3 ug Hb/g (Feb)
Calprotectin 41"#,
            RuleId::A1,
        ),
        // g2: a bordered table, Y / N columns with ticks; one yes.
        (
            r#"+------------------------------+-----+-----+
| Upper GI symptom             |  Y  |  N  |
+------------------------------+-----+-----+
| Dysphagia                    |  ✓  |     |
| Weight loss                  |     |  ✓  |
| Haematemesis                 |     |  ✓  |
| Persistent vomiting          |     |  ✓  |
+------------------------------+-----+-----+
Patient is 58. Food sticking for 5 weeks."#,
            RuleId::U1,
        ),
        // g3: the same table with every red flag answered no.
        (
            r#"+------------------------------+-----+-----+
| Upper GI symptom             |  Y  |  N  |
+------------------------------+-----+-----+
| Dysphagia                    |     |  ✓  |
| Weight loss                  |     |  ✓  |
| Haematemesis                 |     |  ✓  |
| Upper abdominal mass         |     |  ✓  |
+------------------------------+-----+-----+
Age 37. Heartburn and reflux for 4 months despite lifestyle advice."#,
            RuleId::A2,
        ),
        // g4: one "present" column, most rows blank.
        (
            r#"Lower GI referral   Age 52
| Red flag (tick if present)        | Present |
|-----------------------------------|---------|
| Rectal bleeding                   |         |
| Abdominal mass                    |         |
| Change in bowel habit             |    X    |
| Unexplained weight loss           |         |
FIT 2 (ug/g) last month. Loose stools 3 months, no blood."#,
            RuleId::O6,
        ),
        // g5: NICE criteria, one box each, none ticked but one.
        (
            r#"SUSPECTED LOWER GI CANCER (2WW)
Patient age 71
Please tick the criterion met:
[ ] Aged 40 and over with unexplained weight loss and abdominal pain
[ ] Aged 50 and over with unexplained rectal bleeding
[X] Aged 60 and over with changes in bowel habit
[ ] Aged 60 and over with iron-deficiency anaemia
[ ] Rectal or abdominal mass
FIT: 48 ug Hb/g"#,
            RuleId::U3,
        ),
        // g6: criteria boxes after the text, none ticked; the free text decides.
        (
            r#"Two week wait - upper GI
Age: 49
Dysphagia                                              [ ]
Aged 55 and over with weight loss and upper abdominal pain   [ ]
Upper abdominal mass                                   [ ]
Comments: indigestion after meals for 2 months, on lansoprazole."#,
            RuleId::A2,
        ),
        // g7: YES/no printed choices with the answer in capitals.
        (
            r#"Hepatology referral
Age 66
Jaundice: yes/NO
Ascites: yes/NO
Known cirrhosis: YES/no
ALT 88 U/L, ultrasound: coarse liver"#,
            RuleId::O5,
        ),
        // g9-g13: findings in words the lexicon lacked, "-ve" and "Ø" shorthand.
        (
            "Examination: firm mass right iliac fossa, about 5 cm. Age 71.",
            RuleId::U6,
        ),
        (
            "62 year old man with a fall in weight of 7 kg this year and epigastric pain after food.",
            RuleId::U5,
        ),
        (
            "58M. Weight loss of 5 kg since the spring, not by dieting, with ongoing reflux.",
            RuleId::U5,
        ),
        (
            "Age 45. Dyspepsia for 3 months, on omeprazole.\nDysphagia -ve, melaena -ve.",
            RuleId::A2,
        ),
        ("Age 39. Heartburn.\nØ dysphagia  Ø weight loss", RuleId::A2),
        (
            "Age 72. She vomited dark red blood last night. Past history: IDA in her first pregnancy, none since.",
            RuleId::R3,
        ),
        (
            "Age 58. Vomited blood twice yesterday. Red flags: abdominal mass, CIBH, difficulty swallowing, PR bleeding all absent.",
            RuleId::R3,
        ),
        (
            "68M, bowels altered since the summer, FIT requested. Sister had bowel cancer.",
            RuleId::U8,
        ),
        (
            "Dear Dr, this 38 year old has a firm mass of 4 cm in the periumbilical area. FIT 2.",
            RuleId::U6,
        ),
        (
            "Age 46. Lump in the suprapubic region on examination today. Bloating: -ve. FIT 5.",
            RuleId::U6,
        ),
        (
            "Chasing my referral: 3 months of pasta sticking behind the breastbone. Age 37, reflux too.",
            RuleId::U1,
        ),
        (
            "44F, bloating 4 months, calprotectin 30. Red flags nil (bleeding / dysphagia / weight loss all denied).",
            RuleId::A1,
        ),
        // g8: crosses for no after each label.
        (
            r#"Referral checklist - 57 year old man
Dysphagia ✗
Haematemesis ✗
Weight loss ✓  (5 kg in 3 months)
Dyspepsia ✓  (epigastric pain)"#,
            RuleId::U5,
        ),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter(|(text, want)| rule(text) != *want)
        .map(|(text, want)| format!("want {want}, got {}: {text}", rule(text)))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn questionnaires_answered_after_a_colon_or_in_a_right_hand_column() {
    // Practice questionnaires: each finding asked as a question, answered after a colon or in
    // a column after leader dots; a question left blank or answered "-" asserts nothing, and
    // the label's date of birth stands a column away. Written for this test.
    let colon = "REFERRAL QUESTIONNAIRE (practice template)\n\
                 Patient: Mr T Example   DOB: 04/05/1970   Letter date: 01/03/2025\n\
                 1. Reason for referral: loose stools and cramps for 3 months\n\
                 2. Rectal bleeding?: -\n\
                 3. Weight loss (unintentional)?:\n\
                 4. Swallowing difficulty (dysphagia)? ..... No\n\
                 5. Jaundice?: No\n\
                 6. Abdominal pain?: Yes - cramping lower abdominal pain\n";
    let r = check(colon);
    assert_eq!(r.facts.age, Some(54), "{:?}", r.mentions);
    assert!(!r.facts.rectal_bleeding && !r.facts.weight_loss && !r.facts.dysphagia);
    assert!(r.facts.abdominal_pain);
    assert_eq!(r.rule_id(), RuleId::D, "{:?}", r.red_flags);

    let column = "DIGESTIVE DISEASES PROFORMA\n\
                  Letter date                             02/02/2025\n\
                  Date of birth ......................... 12/12/1980\n\
                  Difficulty swallowing (dysphagia)? .... No\n\
                  Heartburn / reflux? ................... Yes\n\
                  Vomiting blood? .......................\n\
                  Unintentional weight loss? ............ -\n";
    let r = check(column);
    assert_eq!(r.facts.age, Some(44), "{:?}", r.mentions);
    assert!(!r.facts.dysphagia && !r.facts.haematemesis && !r.facts.weight_loss);
    assert_eq!(r.rule_id(), RuleId::A2, "{:?}", r.red_flags);
    // A red flag asked and left blank is not a fact, but it is not a "no" either: the
    // decision keeps such a letter from auto-routing.
    let d = paperlite_triage::Decider::rules_only()
        .decide(column)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        d.decision,
        paperlite_triage::Decision::Review,
        "{}",
        d.reason
    );
}

#[test]
fn patients_own_words_and_boxed_values() {
    // Symptoms as patients put them, quoted by the GP, and a value written in a form's box.
    // Written for this test.
    for (text, want) in [
        (
            "Mr B, 45 years old. \"My tummy has been giving me gyp for a month.\" Unintentional \
             weight loss of 6 kg.",
            RuleId::U8,
        ),
        (
            "Mrs C is 61. A gnawing pain in the pit of her stomach most evenings; she has lost \
             weight without trying.",
            RuleId::U5,
        ),
        (
            "Aged 48. She says it just won't go down, since the spring.",
            RuleId::U1,
        ),
        (
            "Age [ 58 ]\nFIT value ............. [ 28 ] ug Hb/g\nHaemoglobin ........... [     ] g/L",
            RuleId::U3,
        ),
    ] {
        assert_eq!(rule(text), want, "{text}");
    }
}

#[test]
fn more_symptoms_in_lay_words() {
    // Lay descriptions a GP quotes or paraphrases. Written for this test.
    for (text, want) in [
        (
            "Mr D, 52. For a month she says meat just won't go down and comes back up.",
            RuleId::U1,
        ),
        (
            "Aged 70. Sees blood when he opens his bowels, for 6 weeks.",
            RuleId::U8,
        ),
        (
            "Ms E, 29. Going 6 times a day, watery, with fresh blood mixed in, for 3 weeks.",
            RuleId::R1,
        ),
        (
            "He is 63, has lost a stone without trying and has an ache high up in the centre \
             of his tummy.",
            RuleId::U5,
        ),
        (
            "Aged 45, weight down 5 kg unintentionally; cramping pains low down in her belly.",
            RuleId::U8,
        ),
        // A patient's own list, in a child's words for it.
        (
            "Aged 33. Her note says: watery poos with blood, 8 a day.",
            RuleId::R1,
        ),
        ("He is 71 and has seen blood in his poo twice.", RuleId::U8),
        (
            "Aged 66. Last night he was sick with bright red blood in it.",
            RuleId::R3,
        ),
    ] {
        assert_eq!(rule(text), want, "{text}");
    }
    // And their negations stay negated.
    assert_ne!(
        rule("Aged 29. Loose stools, with no blood. Calprotectin 40."),
        RuleId::R1
    );
}

#[test]
fn form_rows_whose_label_holds_the_finding_and_questions_answered_below() {
    // The finding is only part of a row's label, answered in the right-hand column; a
    // question answered on the line below; a scored checklist; rows left blank; a family
    // history question answered no. Written for this test.
    let rows = "GI REFERRAL PROFORMA (answer in brackets)\n\
                Age ......... 67\n\
                Dysphagia                           Y / [N]\n\
                Rectal / anal mass or anal ulcer    Y / [N]\n\
                Abdominal or pelvic mass            (N)/Y\n\
                Unexplained weight loss             Y / N   (please delete as appropriate)\n\
                Dyspepsia / reflux                  [Y] / N\n\
                FH colorectal cancer                Y / [N]\n\
                On lansoprazole 30mg for 10 weeks, no better.\n";
    let r = check(rows);
    assert_eq!(r.facts.age, Some(67), "{:?}", r.mentions);
    assert!(!r.facts.dysphagia && !r.facts.anal_mass && !r.facts.abdominal_mass);
    assert!(!r.facts.weight_loss && !r.facts.family_history_crc);
    assert!(r.facts.dyspepsia || r.facts.reflux);
    assert_eq!(r.rule_id(), RuleId::O1, "{:?}", r.red_flags);

    let scored = "Red flag score (0 = absent, 1 = present)\nPatient aged 58\n\
                  Difficulty swallowing                   0\n\
                  Rectal or anal mass                     0\n\
                  Blood from the back passage             1\n";
    let r = check(scored);
    assert!(!r.facts.dysphagia && !r.facts.anal_mass && r.facts.rectal_bleeding);
    assert_eq!(r.rule_id(), RuleId::U8, "{:?}", r.red_flags);

    let qa = "Q: Any trouble swallowing?\nA: no\n\
              Q: Abdominal or rectal mass on examination?\nA: Nil\n\
              Q: Vomiting blood?\nA: Denies\n\
              Age 45. Heartburn after meals for two months.\n";
    let r = check(qa);
    assert!(!r.facts.dysphagia && !r.facts.rectal_mass && !r.facts.haematemesis);
    assert_eq!(r.rule_id(), RuleId::A2, "{:?}", r.red_flags);

    // Blank rows and boxes that answer nothing: no fact, and no auto-routing either.
    let blanks = "Age\t\t\t38\n\
                  Dysphagia _____________________________\n\
                  Rectal bleeding\t\t\tabsent\n\
                  Rectal / anal mass or anal ulcer\n\
                  Jaundice\t\t\tabsent\n\
                  [not asked] Unexplained weight loss\n\
                  Narrative: indigestion and reflux, no other symptoms.\n";
    let r = check(blanks);
    assert!(!r.facts.dysphagia && !r.facts.anal_mass && !r.facts.weight_loss);
    assert_eq!(r.rule_id(), RuleId::A2, "{:?}", r.red_flags);
    let d = paperlite_triage::Decider::rules_only()
        .decide(blanks)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        d.decision,
        paperlite_triage::Decision::Review,
        "{}",
        d.reason
    );
}

#[test]
fn infancy_safety_netting_abbreviated_and_a_partners_symptoms() {
    // Written for this test.
    let r = check("72 year old man. Jaundiced as a neonate - no relevance. Reflux on omeprazole.");
    assert!(!r.facts.jaundice, "{:?}", r.mentions);
    let r = check(
        "Aged 61. Lower abdominal pain, FIT 3. SN given re: PR bleeding / wt loss / swallowing problems.",
    );
    assert!(!r.facts.rectal_bleeding && !r.facts.weight_loss && !r.facts.dysphagia);
    assert_eq!(r.rule_id(), RuleId::O6, "{:?}", r.red_flags);
    let r =
        check("Aged 44, bloating. Husband (also our patient) has had PR bleeding; she is anxious.");
    assert!(!r.facts.rectal_bleeding, "{:?}", r.mentions);
    // Lay words for a change in bowel habit and for dysphagia.
    let r = check("This 66 year old's bowels have gone loose since the new year, 3-4 times a day.");
    assert!(r.facts.change_in_bowel_habit);
    assert_eq!(r.rule_id(), RuleId::U8, "{:?}", r.red_flags);
    let r = check(
        "Aged 45; says food 'hangs' at the bottom of the gullet and she drinks to wash it down.",
    );
    assert!(r.facts.dysphagia, "{:?}", r.mentions);
    // Blood in the vomit, however the blood is described, is haematemesis, not a rectal bleed.
    let r = check("Aged 59; \"there was blood in the sick\" - fresh red blood in vomit x2.");
    assert!(
        r.facts.haematemesis && !r.facts.rectal_bleeding,
        "{:?}",
        r.mentions
    );
    assert_eq!(r.rule_id(), RuleId::R3, "{:?}", r.red_flags);
    // The FIT's name holds "Hb": no blood count there. A dash or a cross ends a denied item.
    let r = check("Aged 41, bloating. FIT (faecal Hb) 5 ug/g. dysphagia -; haematemesis x");
    assert_eq!(r.facts.hb, None, "{:?}", r.mentions);
    assert!(!r.facts.dysphagia && !r.facts.haematemesis);
    assert_eq!(r.rule_id(), RuleId::A1, "{:?}", r.red_flags);
    let r = check("This 44 year old man. Yellow discolouration of skin and eyes for 5 days.");
    assert_eq!(r.rule_id(), RuleId::U7, "{:?}", r.mentions);
    let r = check("60 year old. Weight loss 10kg, not trying. \"burning coming up into my throat\" after food.");
    assert!(r.facts.reflux, "{:?}", r.mentions);
    assert_eq!(r.rule_id(), RuleId::U5, "{:?}", r.red_flags);
    // A negation inside a quoted utterance ends with the quote.
    let r = check("A 60 yrs man, \"I've gone down two sizes and I'm not dieting\", \"the food just sticks halfway down\".");
    assert!(r.facts.dysphagia, "{:?}", r.mentions);
    assert_eq!(r.rule_id(), RuleId::U1, "{:?}", r.red_flags);
}

#[test]
fn dictated_numbers_trends_course_starts_and_symptoms_that_came_back() {
    // Written for this test: how dictation software and long narrative letters put things.
    let r = check(
        "Aged 52, woman. Bloods show faecal calprotectin of one hundred and ten, ALT of seventy-two.",
    );
    assert_eq!(r.facts.calprotectin, Some(110.0), "{:?}", r.mentions);
    assert_eq!(r.facts.alt, Some(72.0));
    assert_eq!(r.rule_id(), RuleId::O2, "{:?}", r.red_flags);
    // A series: the current value decides, even in a sentence about last year.
    let r = check("Man aged 67. His Hb has fallen from 136 to 112 since 2024, ferritin 26 ug/L.");
    assert_eq!(r.facts.hb, Some(112.0), "{:?}", r.mentions);
    assert_eq!(r.rule_id(), RuleId::U4, "{:?}", r.red_flags);
    let r = check("Mrs A, 48. Faecal calprotectin was 320 in 2023 but is now 155. Loose stools.");
    assert_eq!(r.facts.calprotectin, Some(155.0), "{:?}", r.mentions);
    assert_eq!(r.rule_id(), RuleId::O2, "{:?}", r.red_flags);
    // A course of PPI counted from its start month to the letter's date.
    let r = check(
        "Date: 3 November 2025\nMrs B, 71. Indigestion persists on pantoprazole 40 mg daily since mid August.",
    );
    assert_eq!(r.rule_id(), RuleId::O1, "{:?}", r.mentions);
    let r = check(
        "Date: 3 November 2025\nMrs B, 71. Indigestion persists on pantoprazole 40 mg daily since late October.",
    );
    assert_eq!(r.rule_id(), RuleId::D, "{:?}", r.mentions);
    let r = check("Mr C, 82. Dyspepsia despite lansoprazole 30 mg daily x8/52.");
    assert_eq!(r.rule_id(), RuleId::O1, "{:?}", r.mentions);
    let r = check(
        "Date: 7 October 2024\nMr F, 81. Indigestion after meals; lansoprazole 30 mg since 22/08/2024, no better.",
    );
    assert_eq!(r.rule_id(), RuleId::O1, "{:?}", r.mentions);
    // Weight lost on a weight-loss drug is explained; blood brought up is haematemesis.
    let r = check(
        "Aged 55. He started semaglutide (Wegovy) in April and has lost 8 kg, as intended. His sister had bowel cancer at 52.",
    );
    assert!(!r.facts.weight_loss, "{:?}", r.mentions);
    assert_eq!(r.rule_id(), RuleId::A3, "{:?}", r.red_flags);
    let r = check("Aged 24. He brought up some blood when vomiting last weekend.");
    assert_eq!(r.rule_id(), RuleId::R3, "{:?}", r.mentions);
    // Settled and came back is current; settled and never recurred is past.
    let r = check(
        "Ms D, 23. Indigestion in April which settled on antacids but came back a few weeks ago.",
    );
    assert_eq!(r.rule_id(), RuleId::A2, "{:?}", r.mentions);
    let r = check(
        "Aged 60. A spell of dysphagia in 2013, normal OGD, which settled and has not recurred.",
    );
    assert!(!r.facts.dysphagia, "{:?}", r.mentions);
    let r =
        check("Aged 60. Dysphagia in 2013 after a food bolus, which resolved and hasn't recurred.");
    assert!(!r.facts.dysphagia, "{:?}", r.mentions);
    let r = check("Mrs E, 52. She had heartburn during her pregnancies but it settled afterwards.");
    assert!(!r.facts.reflux, "{:?}", r.mentions);
    // New constipation is a change in bowel habit; a mass felt in the rectum is a rectal mass.
    let r = check("Aged 66, she has been constipated for two months, which is new for her.");
    assert_eq!(r.rule_id(), RuleId::U8, "{:?}", r.mentions);
    let r = check("Aged 61. On rectal examination there was a firm, irregular mass in the rectum.");
    assert_eq!(r.rule_id(), RuleId::U2, "{:?}", r.mentions);
    let r = check("Aged 66. I felt a firm, non-tender mass in the right side of the abdomen.");
    assert_eq!(r.rule_id(), RuleId::U6, "{:?}", r.mentions);
    // A form's field lines: a cue on the next line does not reach back into the field above.
    let r = check(
        "DOB: 05/02/1983 Sex: F\nIndication: solid dysphagia (8/52), small-volume haematemesis x2\nObservations were normal and there has been no further episode.",
    );
    assert_eq!(r.rule_id(), RuleId::U1, "{:?}", r.mentions);
    // A relative who "was" jaundiced; jaundice "as a teenager ..., resolved completely".
    let r = check("Aged 65. FH: Mother was jaundiced with gallstones years ago. Dyspepsia.");
    assert!(!r.facts.jaundice, "{:?}", r.mentions);
    let r = check(
        "Aged 58. Problems: Jaundiced as a teenager with glandular fever, resolved completely.",
    );
    assert!(!r.facts.jaundice, "{:?}", r.mentions);
    // A FIT on the line after "MCV: not done" is a result; "less than 4" is below 10.
    let r = check("Aged 33. Lower abdominal pain.\nBloods: Hb: not done   MCV: not done\nFIT result (ug Hb/g): 24");
    assert_eq!(r.rule_id(), RuleId::U3, "{:?}", r.mentions);
    let r = check("Aged 71. PR bleeding 8/52. FIT result: less than 4");
    assert_eq!(r.rule_id(), RuleId::O6, "{:?}", r.mentions);
    // More wordings: a mass on the rectal wall, fatty change of the liver, abdominal distension.
    let r = check("Aged 45. On PR examination a hard, fixed mass on the posterior rectal wall.");
    assert_eq!(r.rule_id(), RuleId::U2, "{:?}", r.mentions);
    let r = check("Aged 53. US abdomen: diffuse fatty change of the liver.");
    assert_eq!(r.rule_id(), RuleId::O5, "{:?}", r.mentions);
    let r = check("25 y/o man with intermittent abdominal distension. FIT 9.");
    assert_eq!(r.rule_id(), RuleId::A1, "{:?}", r.mentions);
}

#[test]
fn confirm_absent_ticks_two_column_fields_side_by_side_circles_and_blank_rows() {
    // A form asking the GP to tick each alarm feature confirmed absent.
    let form = "Please tick to confirm the following are NOT present:\n\
                1. No difficulty swallowing ........ [x]\n\
                2. No weight loss .................. [x]\n\
                3. No iron deficiency anaemia ...... [x]\n\
                4. No dark tarry stools ............ [x]\n\
                58 year old woman, dyspepsia for 2 months despite a PPI.";
    assert_eq!(rule(form), RuleId::O1, "{:?}", check(form).red_flags);
    // An empty box does not confirm it absent: the safe side.
    let unconfirmed = form.replace(
        "2. No weight loss .................. [x]",
        "2. No weight loss .................. [ ]",
    );
    assert_eq!(rule(&unconfirmed), RuleId::U5, "{:#?}", check(&unconfirmed));
    // Two fields a row, each answered.
    let two = "62M. Alarm symptoms\n\
               Dysphagia:  No            Vomiting blood:  No\n\
               Melaena:    No            Jaundice:        No\n\
               Dyspepsia for 6 weeks despite lansoprazole.";
    assert_eq!(rule(two), RuleId::O1, "{:#?}", check(two).facts);
    // Two fields a row, one left blank: asserts nothing.
    let blank = "44F.\nDysphagia:                   Vomiting blood:   No\nHeartburn only.";
    assert!(!check(blank).is_red_flag(), "{:?}", check(blank).red_flags);
    // Choices printed side by side, one ringed; or neither ringed.
    let ringed =
        "Circle the answer:\nAbdominal mass   Yes   (No)\nJaundice   (Yes)   No\n47 year old.";
    assert_eq!(rule(ringed), RuleId::U7, "{:?}", check(ringed).red_flags);
    let unringed = "Circle the answer:\nAbdominal mass   Yes   No\n35 year old with bloating.";
    assert!(
        !check(unringed).is_red_flag(),
        "{:?}",
        check(unringed).red_flags
    );
    // A checklist whose rows are crossed when absent, one row left blank.
    let crossed = "Red flags (cross if absent):\n\
                   Swallowing difficulty:   ✗\n\
                   Weight loss:\n\
                   Rectal bleeding:         ✗\n\
                   70 year old man with bloating.";
    assert!(
        !check(crossed).is_red_flag(),
        "{:?}",
        check(crossed).red_flags
    );
}

#[test]
fn dated_result_columns_dictated_qualifiers_and_quantities() {
    // Old and new results side by side: the newest column is the result, whichever side.
    let table = "Man aged 41, tired.\nBloods        12/01/2023    02/10/2024    Range\n\
                 ALT           22            415           <40\n\
                 Bilirubin     9             11            <21";
    assert_eq!(rule(table), RuleId::R2, "{:?}", check(table).mentions);
    let reversed = "Woman aged 30.\nTest | 14/03/2025 | 20/11/2023\nALT | 35 | 510\n";
    assert_ne!(rule(reversed), RuleId::R2, "{:?}", check(reversed).mentions);
    // A dictated FIT above a worded qualifier; a dash for a result not done.
    let dictated = "Aged seventy. Bowels normal. FIT came back at over two hundred.";
    assert_eq!(rule(dictated), RuleId::U3, "{:?}", check(dictated).mentions);
    let dash = "Aged 61. Indication: dyspepsia\nFIT: -\nHb: 14.2 g/dL\nNo better on omeprazole for 8 weeks.";
    assert_ne!(rule(dash), RuleId::U3, "{:?}", check(dash).mentions);
    // Weight lost as a share of body weight; a mass felt on rectal examination.
    let share = "Aged 66. Indigestion for 2 months; he has lost nearly 8% of his body weight.";
    assert_eq!(rule(share), RuleId::U5, "{:?}", check(share).mentions);
    let pr = "Aged 52. On digital rectal examination I could feel a hard mass at 5 cm.";
    assert_eq!(rule(pr), RuleId::U2, "{:?}", check(pr).mentions);
    let clear = "Aged 52. On rectal examination there is no mass and the stool is brown.";
    assert_ne!(rule(clear), RuleId::U2, "{:?}", check(clear).mentions);
    // Vomited blood measured out is haematemesis, not rectal bleeding.
    let cup = "Aged 60. Haematemesis twice overnight, about a mouthful of fresh blood each time.";
    assert_eq!(rule(cup), RuleId::R3, "{:?}", check(cup).mentions);
}

#[test]
fn a_form_row_giving_the_bowel_habit_as_changed() {
    let changed = "Age 48.\nBowel habit: changed - runnier, 4 a day\nAbdominal pain: none";
    assert!(
        check(changed).facts.change_in_bowel_habit,
        "{:?}",
        check(changed).mentions
    );
    for same in [
        "Age 48.\nBowel habit: unchanged\nBloating after meals.",
        "Age 48.\nBowel habit: no change\nBloating after meals.",
    ] {
        assert!(!check(same).facts.change_in_bowel_habit, "{same}");
    }
}

#[test]
fn series_weights_informants_and_either_or_criteria() {
    // A value given as a fall: the later number is the result.
    let fall = "Man aged 47. Epigastric burning. Bloods: haemoglobin down from 14.2 to 10.9 g/dL, ferritin 11.";
    assert_eq!(rule(fall), RuleId::U4, "{:?}", check(fall).mentions);
    // Two weights a fall apart are weight lost.
    let weights =
        "Aged 71. Upper abdominal discomfort after food. Weight today 62 kg, 67 kg at Christmas.";
    assert_eq!(rule(weights), RuleId::U5, "{:?}", check(weights).mentions);
    let gained =
        "Aged 71. Upper abdominal discomfort after food. Weight today 67 kg, 62 kg at Christmas.";
    assert_ne!(rule(gained), RuleId::U5, "{:?}", check(gained).mentions);
    // A relative who gives the history is not a relative with the disease.
    let informant = "Aged 33. History from her partner: known ulcerative colitis, in remission on mesalazine. Question: should she stay on it in pregnancy?";
    assert_eq!(
        rule(informant),
        RuleId::O3,
        "{:?}",
        check(informant).mentions
    );
    // A ticked either/or criterion: the history says which alternative holds.
    let either = "Suspected lower GI cancer referral\n[x] Aged 60 and over with iron-deficiency anaemia or change in bowel habit\n[ ] Rectal mass\nClinical details: aged 68, change in bowel habit to looser stools for 3 months.\nFIT 2 ug Hb/g";
    assert_eq!(rule(either), RuleId::O6, "{:?}", check(either).mentions);
    let unsaid = "Suspected lower GI cancer referral\n[x] Aged 60 and over with iron-deficiency anaemia or change in bowel habit\n[ ] Rectal mass\nClinical details: aged 68, tired.\nFIT 2 ug Hb/g";
    assert_eq!(rule(unsaid), RuleId::U4, "{:?}", check(unsaid).mentions);
    // An age threshold in a criterion is not the patient's age.
    let threshold = "Upper GI 2WW form\n[ ] Aged 55 and over with weight loss and reflux\nDOB: 02/02/1990   Date: 05/05/2025\nReflux most nights.";
    assert_eq!(
        rule(threshold),
        RuleId::A2,
        "{:?}",
        check(threshold).mentions
    );
    // A duration in words; a results-table date is no value for the line below the table.
    let ppi = "Aged 64. Indigestion persisting despite fourteen weeks of lansoprazole.";
    assert_eq!(rule(ppi), RuleId::O1, "{:?}", check(ppi).mentions);
    let below = "Woman aged 35 with bloating.\nTest        03/03/2024   04/04/2025\nHb          13.9         13.6\nFIT 5.1 ug/g   (04/04/2025)";
    assert_eq!(rule(below), RuleId::A1, "{:?}", check(below).mentions);
}

#[test]
fn a_denial_label_with_its_findings_on_the_same_line() {
    let denied =
        "Aged 45. Nausea for 6 weeks.\nNo: haematemesis; PR bleeding; weight loss\nPlan: OGD";
    assert_ne!(rule(denied), RuleId::R3, "{:?}", check(denied).mentions);
    let nil = "Aged 45. Nausea for 6 weeks.\nDenies: dysphagia\n";
    assert_ne!(rule(nil), RuleId::U1, "{:?}", check(nil).mentions);
    // The same findings stated, not denied.
    let stated = "Aged 45. Nausea for 6 weeks.\nAlso: haematemesis twice this week\n";
    assert_eq!(rule(stated), RuleId::R3, "{:?}", check(stated).mentions);
}

#[test]
fn questions_answered_no_safety_nets_and_chosen_answers_on_forms() {
    // A question answered no.
    let answered =
        "Man of 66. Loose stools for 2 months. Any blood PR? Not that he is aware of.\nFIT 3";
    assert_eq!(rule(answered), RuleId::O6, "{:?}", check(answered).mentions);
    let no = "Woman aged 71. Bleeding PR? No. Weight loss? No.\nFIT <4";
    assert_ne!(rule(no), RuleId::U8, "{:?}", check(no).mentions);
    // The same question answered yes is a finding.
    let yes = "Woman aged 71, no FIT yet. Bleeding PR? Yes, on the paper.";
    assert_eq!(rule(yes), RuleId::U8, "{:?}", check(yes).mentions);
    // Safety-netting is hypothetical.
    for net in [
        "Aged 62, reflux on omeprazole 4 weeks. She knows to come back if there is any bleeding from the back passage.",
        "Aged 62, reflux on omeprazole 4 weeks. Advised re jaundice - to ring the surgery the same day if her eyes turn yellow.",
    ] {
        assert!(
            !matches!(rule(net), RuleId::U8 | RuleId::U7),
            "{net}: {:?}",
            check(net).mentions
        );
    }
    // A chosen answer picked out with emphasis, and an answer far along leader dots.
    let dots = ".".repeat(70);
    let form = format!(
        "Age 48\nDysphagia {dots} Yes / **No**\nHaematemesis {dots} Yes / (No)\nDyspepsia {dots} **Yes** / No\n"
    );
    assert_eq!(rule(&form), RuleId::A2, "{:?}", check(&form).mentions);
    // A criterion offering FIT "below 10 or not available" is no FIT result.
    let other = "Aged 67. Rectal bleeding for 3 weeks.\n| Other: FIT below 10 or not available, with concern |   | X |\nFIT: requested, awaited";
    assert_eq!(rule(other), RuleId::U8, "{:?}", check(other).mentions);
}

#[test]
fn stable_ibd_said_of_its_treatment_and_blood_in_the_vomit() {
    let ibd = "Aged 39.\nProblems: Ulcerative colitis (2015), asthma.\nShe remains settled on mesalazine with no bloody stools. Should she continue it through pregnancy? Your advice please.";
    assert_eq!(rule(ibd), RuleId::O3, "{:?}", check(ibd).mentions);
    // "Stable" said of something else is not the disease's course.
    let weight = "Aged 39.\nProblems: Ulcerative colitis (2015).\nWeight stable. Cramping pain for a week. Your advice please?";
    assert_ne!(rule(weight), RuleId::O3, "{:?}", check(weight).mentions);
    let vomit =
        "Aged 58. Haematemesis on Tuesday after retching, roughly a teaspoon of bright red blood.";
    assert_eq!(rule(vomit), RuleId::R3, "{:?}", check(vomit).mentions);
}

#[test]
fn conditions_reported_claims_deleted_options_and_superseded_results() {
    // "Should X develop" is a condition, not a finding; "should be seen" is a request.
    let condition =
        "Aged 45, reflux for months.\nShould swallowing problems develop, she will ring us.";
    assert_ne!(
        rule(condition),
        RuleId::U1,
        "{:?}",
        check(condition).mentions
    );
    let request = "Aged 45.\nShould be seen soon: food sticking for three weeks.";
    assert_eq!(rule(request), RuleId::U1, "{:?}", check(request).mentions);
    // A question answered after a marker; a symptom the patient is asked to report.
    for absent in [
        "Aged 45, heartburn.\nTrouble swallowing?   Response: no",
        "Aged 45, heartburn. Told her to report any difficulty swallowing straight away.",
    ] {
        assert_eq!(
            rule(absent),
            RuleId::A2,
            "{absent}: {:?}",
            check(absent).mentions
        );
    }
    // A loss of weight believed in but not borne out by the scales; one that was not meant.
    let believed = "Aged 60, indigestion for 2 months. Her daughter feels she has lost weight, but she weighs 70.2 kg, no different from March.";
    assert_ne!(rule(believed), RuleId::U5, "{:?}", check(believed).mentions);
    let unmeant = "Aged 60, indigestion for 2 months. She has lost weight without intending to: 70 kg, from 76 kg.";
    assert_eq!(rule(unmeant), RuleId::U5, "{:?}", check(unmeant).mentions);
    // "Delete as appropriate": the deleted option struck through inside its brackets.
    let deleted =
        "Age 40\nDysphagia (Y\u{336}) (N)\nDyspepsia (Y) (N\u{336})\nWeight loss (Y\u{336}) (N)";
    assert_eq!(rule(deleted), RuleId::A2, "{:?}", check(deleted).mentions);
    // A value criterion whose No is chosen is no result.
    let criterion =
        "Age 44\nAbdominal pain (Y) (N\u{336})\nFIT >= 10 (Y\u{336}) (N)\nCalprotectin 30";
    assert_eq!(
        rule(criterion),
        RuleId::A1,
        "{:?}",
        check(criterion).mentions
    );
    // A bracketed answer after a long criterion.
    let brackets = "Age 44\nRectal or anal mass on digital examination [N]\nAbdominal pain for 6 weeks [Y]\nFIT 2";
    assert_eq!(rule(brackets), RuleId::A1, "{:?}", check(brackets).mentions);
    // An old result superseded by the current one, the test named again.
    let superseded =
        "Aged 52, heartburn.\nBloods: ALT 520 in 2023 during a viral illness; now ALT 30 U/L.";
    assert_eq!(
        rule(superseded),
        RuleId::A2,
        "{:?}",
        check(superseded).mentions
    );
    // Dictated punctuation ends a sentence: the denial before it does not reach past it.
    let dictated = "Aged 50. He has not had any bleeding full stop new paragraph Dysphagia to solids for three weeks full stop";
    assert_eq!(rule(dictated), RuleId::U1, "{:?}", check(dictated).mentions);
}

#[test]
fn more_ways_to_say_dysphagia_masses_bowel_frequency_and_vomited_blood() {
    let cases = [
        (
            "Aged 38. The bread sticks on its way down, worse this month.",
            RuleId::U1,
        ),
        (
            "Aged 38. Firm mass measuring about 5 cm in the left iliac fossa.",
            RuleId::U6,
        ),
        ("Aged 38. DRE reveals a hard irregular mass.", RuleId::U2),
        (
            "Aged 30. Went from opening his bowels once daily to six times a day since May. FIT 2.",
            RuleId::A1,
        ),
        (
            "Aged 30. Nagging ache low in her tummy for 4 months. Calprotectin 40.",
            RuleId::A1,
        ),
        (
            "Aged 30. Brought up half a cup of blood after retching last night.",
            RuleId::R3,
        ),
        (
            "68-year-old man. He's brought up small amounts of fresh blood two times this week.",
            RuleId::R3,
        ),
        (
            "Aged 90. I could feel a firm lump about 7 cm across in the left iliac fossa.",
            RuleId::U6,
        ),
        (
            "Aged 88. I asked a colleague to examine too: there is a definite hard mass on the \
             anterior wall at around 5 cm. Her tummy was soft and I couldn't feel any masses.",
            RuleId::U2,
        ),
        (
            "Aged 80. PR: there is a definite hard mass on the right lateral wall at around 7 cm.",
            RuleId::U2,
        ),
        (
            "Aged 74. There's an ulcer at the edge of the back passage that has been there for 3 \
             months with no obvious cause. FIT 7.",
            RuleId::U2,
        ),
        (
            "Aged 70. Reflux for 6 weeks. He hasn't had any weight loss, trouble swallowing or \
             jaundice. Not that he has noticed any blood in the stool.",
            RuleId::D,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(rule(text), want, "{text}: {:?}", check(text).mentions);
    }
    // Quiescent IBD with a question about its treatment.
    let ibd = "Aged 41. Crohn's colitis, quiet for years on azathioprine. She asks whether she can stop it.";
    assert_eq!(rule(ibd), RuleId::O3, "{:?}", check(ibd).mentions);
}

#[test]
fn the_grammar_around_findings() {
    let cases = [
        // "nor" with its auxiliary and subject carries the denial.
        (
            "Aged 50. He is not anaemic, nor does he have an abdominal mass. Heartburn.",
            RuleId::A2,
        ),
        (
            "Aged 40. She is not confused, nor does she have blood in the vomit. Heartburn.",
            RuleId::A2,
        ),
        // A field answered "none reported", "not on questioning", or after a bracketed
        // qualifier and leader dots.
        (
            "Aged 40. Heartburn.\nAbdominal mass: none reported.\nHaematemesis ..... not on questioning",
            RuleId::A2,
        ),
        (
            "Aged 40. Heartburn.\nRectal mass (on PR) ........... not felt",
            RuleId::A2,
        ),
        // A relative's own illness, by possessive or by a verb that begins the finding.
        (
            "Aged 40. Heartburn. He says his father's vomiting of blood was from an ulcer. He \
             himself has not vomited any blood.",
            RuleId::A2,
        ),
        (
            "Aged 40. Heartburn. Her husband vomited blood from an ulcer a few years ago.",
            RuleId::A2,
        ),
        (
            "Aged 40. Heartburn. She says her sister's jaundice was put down to gallstones.",
            RuleId::A2,
        ),
        // ...but a relative's worry about the patient is a report, not their own illness.
        (
            "Aged 40. Her husband's worry is that she has vomited blood twice this week.",
            RuleId::R3,
        ),
        // Double negatives: the finding is present.
        (
            "Aged 73. Scarcely a day goes by without heartburn. She has lost 8 kg.",
            RuleId::U5,
        ),
        (
            "Aged 58. The past months have not been without some pain: crampy left iliac \
             fossa pain for 8 weeks. Weight loss of 4 kg, not intended.",
            RuleId::U8,
        ),
        // "No longer" denies the present; "none is present except" keeps the exception.
        (
            "Aged 70. He had heartburn in 2016 and he no longer gets any heartburn. No other \
             symptoms.",
            RuleId::D,
        ),
        (
            "Aged 39. Of the red flags I asked about - weight loss and difficulty swallowing - \
             none is present. Bloating for 4 months; calprotectin 20.",
            RuleId::A1,
        ),
        // A denial after a question: "asked about and denied".
        (
            "Aged 45. Heartburn. Weight loss was specifically asked about and denied.",
            RuleId::A2,
        ),
        // A symptom that settled, then came back (told in the next clause).
        (
            "Aged 70. She first had indigestion in 2020, which settled with Gaviscon; it came \
             back five months ago. Symptoms persist after 6 weeks of omeprazole.",
            RuleId::O1,
        ),
        // A label's own "none since" answers that label, not the sentence before.
        (
            "Aged 89. His weight has fallen from 73 kg to 67 kg. He has had reflux symptoms \
             most nights for eight weeks. Jaundice: none since February 2020.",
            RuleId::U5,
        ),
        // A relative's report corrected in the next sentence.
        (
            "Aged 47. Her mother had colon cancer at 69. Her brother mentioned weight loss when \
             booking. On the scales, however, her weight is unchanged at 57 kg, so the weight \
             loss is not borne out.",
            RuleId::A3,
        ),
        // More words for findings.
        ("Aged 70. He can barely swallow meat now.", RuleId::U1),
        ("79F. Dysph ++ (toast) x 2/12.", RuleId::U1),
        ("Aged 63. O/E: hard mass at anal margin. FIT 4.", RuleId::U2),
        (
            "Aged 59. Intermittent pain in the suprapubic area for two months. Weight: down 4 \
             kg in six weeks, not intended.",
            RuleId::U8,
        ),
        (
            "Aged 42. Fresh blood has been vomited on four occasions over the past week.",
            RuleId::R3,
        ),
        (
            "Aged 76. His bleeding happens at most once a week - bright red, on the paper.",
            RuleId::U8,
        ),
        ("Aged 40. qFIT posi tive at 23.", RuleId::U3),
    ];
    for (text, want) in cases {
        assert_eq!(rule(text), want, "{text}: {:?}", check(text).mentions);
    }
    // Stable Crohn's "on no regular treatment" is still quiet.
    let ibd = "Aged 20. Known ileal Crohn's disease on no regular treatment, quiet for years. \
               I would value advice on whether B12 replacement should be lifelong injections.";
    assert_eq!(rule(ibd), RuleId::O3, "{:?}", check(ibd).mentions);
}

#[test]
fn what_the_finding_is_and_whose_it_is() {
    let cases = [
        // A result that belongs to someone else, named after it in its clause.
        (
            "Aged 30. Positive coeliac serology. The Hb of 91 g/L on the old form belongs to \
             her mother; her own is 138 g/L. Ferritin 15.",
            RuleId::O4,
        ),
        (
            "Aged 30. tTG raised at 60. The ferritin of 6 quoted by the pharmacy was actually \
             his brother's. Hb 101 g/L.",
            RuleId::O4,
        ),
        // ...but the patient's own result stays his.
        (
            "Aged 30. tTG raised at 60. Hb 101 g/L, ferritin 6; his brother has coeliac disease.",
            RuleId::U4,
        ),
        // Weight loss the writer puts down to a cause later in the sentence.
        (
            "Aged 71. Dyspepsia despite 8 weeks of lansoprazole. She lost 6 kg after her \
             operation in May; she had little appetite on the ward and we put the weight loss \
             down to that.",
            RuleId::O1,
        ),
        // ...not when the cause is doubted or denied.
        (
            "Aged 71. Indigestion for two months. She has lost 6 kg, which she puts down to \
             stress, but I am not convinced.",
            RuleId::U5,
        ),
        (
            "Aged 71. Indigestion for two months. He has lost 6 kg and it cannot be explained \
             by anything he has changed.",
            RuleId::U5,
        ),
        (
            "Aged 71. Indigestion for two months. He has lost 6 kg and it cannot be explained \
             by his diet.",
            RuleId::U5,
        ),
        // Findings in the patient's own words.
        (
            "Aged 66. Bread lodges at the bottom of his gullet most days.",
            RuleId::U1,
        ),
        (
            "Aged 58. Epigastric pain for 2 months. \"My clothes are hanging off me\", she \
             says; she has not been dieting.",
            RuleId::U5,
        ),
        (
            "Aged 41. Her bowels have gone from once a day to three or four times a day since \
             Easter. FIT 2.",
            RuleId::A1,
        ),
        (
            "Aged 33. His tummy swells up after meals. Calprotectin 30.",
            RuleId::A1,
        ),
        // An age written in words after "age".
        (
            "Patient: Ms Ola Obi (age thirty-four). Heartburn after meals for a month.",
            RuleId::A2,
        ),
        (
            "Age at assessment: forty-seven\nChange in bowel habit for 3 months. FIT 3.",
            RuleId::A1,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(rule(text), want, "{text}: {:?}", check(text).mentions);
    }
    // A question about a stable IBD asked with "which".
    let ibd = "Aged 44. Known ulcerative colitis, stable on mesalazine. She asks which \
               travel vaccines are safe with it.";
    assert_eq!(rule(ibd), RuleId::O3, "{:?}", check(ibd).mentions);
}

#[test]
fn the_background_is_not_the_presenting_problem() {
    let cases = [
        // A problem list's entry resolved by "no <finding> since".
        (
            "Aged 50. Heartburn after meals for a month.\n\nMinor problems\n  Rectal bleeding \
             2020 - haemorrhoids, banded; no bleeding since\n",
            RuleId::A2,
        ),
        // ...but bleeding now, after such an entry, is bleeding.
        (
            "Aged 50. Heartburn after meals.\n\nMinor problems\n  Rectal bleeding 2020 - \
             haemorrhoids, banded; no bleeding since\n\nNow bright red blood on the paper \
             for three weeks.",
            RuleId::U8,
        ),
        // A family history's entries labelled by the relative belong to the relative.
        (
            "Aged 50. Heartburn after meals for a month.\n\nFamily history\n  Older brother: \
             oesophageal cancer aged 71 (a heavy smoker) - had trouble swallowing\n",
            RuleId::A2,
        ),
        (
            "Aged 50. Heartburn after meals for a month.\n\nFamily history\n  Father: \
             oesophageal cancer aged 71 (a smoker) - had trouble swallowing\n  Mother: \
             diabetes\n",
            RuleId::A2,
        ),
        // ...and a label line outside a family history is no heading that hides it.
        (
            "Aged 50. Heartburn for a month.\nFather: well.\nShe has trouble swallowing solids.",
            RuleId::U1,
        ),
        // An episode settled in the perfect tense, told in a relative clause.
        (
            "Aged 84. Visit 1: a few days of loose stools after antibiotics, which had settled \
             completely by the next visit. Visit 2: Crohn's disease stable on azathioprine, asks \
             about travel vaccines.",
            RuleId::O3,
        ),
        // ...but a bleed that stopped is still the complaint.
        (
            "Aged 62. Two episodes of rectal bleeding, which stopped by the time I saw him.",
            RuleId::U8,
        ),
        // What an old test was done for, "at the time".
        (
            "Aged 44. Mother had bowel cancer at 61; she has no symptoms at all.\n\
             Previous investigations\n  - OGD June 2022 (for dyspepsia at the time): small \
             hiatus hernia\n",
            RuleId::A3,
        ),
        // A declared past history is a past history.
        (
            "Aged 58. Indigestion after meals for four months despite omeprazole 12 weeks.\n\n\
             Declared past history\n  Upper GI bleed 2016 - haematemesis from duodenal ulcer, \
             H. pylori eradicated\n",
            RuleId::O1,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(rule(text), want, "{text}: {:?}", check(text).mentions);
    }
}

#[test]
fn feared_findings_someone_elses_and_the_latest_result() {
    let cases = [
        // A finding feared for the future is not had.
        (
            "Aged 45. Reflux for two months. He is anxious that he may start having difficulty \
             swallowing, as his uncle did.",
            RuleId::A2,
        ),
        (
            "Aged 45. Reflux. She worries she might go on to develop jaundice.",
            RuleId::A2,
        ),
        // ...but difficulty swallowing now is dysphagia, whatever the worry.
        (
            "Aged 45. Reflux. He may start a PPI. He has difficulty swallowing bread.",
            RuleId::U1,
        ),
        // Someone else's finding in brackets.
        (
            "Aged 40. Heartburn for a month.\nConcerns: scared of yellow skin (a friend).",
            RuleId::A2,
        ),
        // A checklist's answer column a wide gap from its label, in words.
        (
            "Aged 40. Heartburn for a month.\nChecklist:\n  Dysphagia            not that he's \
             noticed\n  Haematemesis         never\n",
            RuleId::A2,
        ),
        // ...and the same column answered yes.
        (
            "Aged 40. Heartburn for a month.\nChecklist:\n  Dysphagia            yes, to meat\n",
            RuleId::U1,
        ),
        // Of two values of one test, the one the letter calls the latest decides.
        (
            "Aged 52. Fatty liver on ultrasound. First ALT (March): 410 U/L. Repeat, most \
             recent: ALT 180 U/L.",
            RuleId::O5,
        ),
        (
            "Aged 52. Fatty liver. ALT 150 U/L in March; rechecked this month: ALT 420 U/L.",
            RuleId::R2,
        ),
        // A relative's report the writer's weighing refutes in the same sentence.
        (
            "Aged 70. Indigestion after 8 weeks of lansoprazole. relatives report wt loss - \
             wt 70kg, as last year - no wt loss.",
            RuleId::O1,
        ),
        (
            "Aged 70. Indigestion after 8 weeks of lansoprazole. His son is certain he has lost \
             weight, but on the surgery scales he is 70 kg as in June: no weight loss.",
            RuleId::O1,
        ),
        // ...but a report the writer does not refute stands.
        (
            "Aged 70. Indigestion after 8 weeks of lansoprazole. His son is certain he has lost \
             weight, and his trousers are loose.",
            RuleId::U5,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(rule(text), want, "{text}: {:?}", check(text).mentions);
    }
}

#[test]
fn column_headings_grades_after_a_family_line_and_arrows_for_weight() {
    // A results table's "Previous" column heading does not make its rows past results.
    let table = "Age 40.\nTest          Result   Flag   Previous\nCalprotectin  610      H\n";
    assert_eq!(rule(table), RuleId::R1, "{:?}", check(table).mentions);
    // A symptom graded or timed straight after it is the patient's, in a line that opened
    // with a family history.
    let graded = "Aged 45. FH: father bowel ca, difficulty swallowing ++ (3/52), heartburn.";
    assert_eq!(rule(graded), RuleId::U1, "{:?}", check(graded).mentions);
    let relative = "Aged 45, heartburn. FH: father had difficulty swallowing before he died.";
    assert_eq!(rule(relative), RuleId::A2, "{:?}", check(relative).mentions);
    // Weight written with an arrow.
    let arrow = "Age 61. Epigastric pain. Wt ↓ 8 kg since June.";
    assert_eq!(rule(arrow), RuleId::U5, "{:?}", check(arrow).mentions);
}

#[test]
fn a_finding_reported_by_someone_else_and_refuted_by_the_writer() {
    let lump = "Aged 48. His wife thought she felt a mass in the abdomen, but when I examined him it was soft and I found no mass. Bloating for 2 months. FIT 3.";
    assert_eq!(rule(lump), RuleId::A1, "{:?}", check(lump).mentions);
    let eyes = "Aged 62, heartburn. Optician wondered about jaundice - sclerae clear today.";
    assert_ne!(rule(eyes), RuleId::U7, "{:?}", check(eyes).mentions);
    // The refutation reaches only the finding it follows.
    let other = "Aged 62. Dysphagia for 3 weeks and the nurse felt an abdominal mass, but on my examination there was no mass.";
    assert_eq!(rule(other), RuleId::U1, "{:?}", check(other).mentions);
    let jaundiced = "Aged 62. Jaundice for a week; sclerae yellow.";
    assert_eq!(
        rule(jaundiced),
        RuleId::U7,
        "{:?}",
        check(jaundiced).mentions
    );
}

#[test]
fn a_partner_under_the_team_a_course_that_stayed_normal_and_a_struck_through_symptom() {
    // Another person's care, told after a clause about them.
    let partner = "Aged 58, bloating. Her partner, who drove her here, is already under your clinic for dysphagia.";
    assert_ne!(rule(partner), RuleId::U1, "{:?}", check(partner).mentions);
    let patient = "Aged 58. Her partner says she has had difficulty swallowing for a month.";
    assert_eq!(rule(patient), RuleId::U1, "{:?}", check(patient).mentions);
    // An old episode whose course has been normal since.
    let course = "Aged 66, reflux.\nGastroscopy 2016 for food sticking - oesophageal web stretched, eating fine since.";
    assert_ne!(rule(course), RuleId::U1, "{:?}", check(course).mentions);
    let regained =
        "Age 70. Upper abdominal pain. Weight loss 2012 after bereavement - since regained.";
    assert_ne!(rule(regained), RuleId::U5, "{:?}", check(regained).mentions);
    // A heading "Past:" over the line.
    let heading = "Aged 50, bloating, FIT 2.\nPast: difficulty swallowing 2015 (web, dilated)";
    assert_ne!(rule(heading), RuleId::U1, "{:?}", check(heading).mentions);
    // The empty-set sign after a symptom.
    let empty = "Aged 66, dyspepsia on PPI for 3 months.\nDifficulty swallowing Ø\nWt loss Ø";
    assert_eq!(rule(empty), RuleId::O1, "{:?}", check(empty).mentions);
}

#[test]
fn a_resolution_in_run_on_text_reaches_neither_results_nor_a_symptom_of_last_week() {
    // A paragraph without full stops: the old episode's "nil since" does not make the
    // results before it old ...
    let results = "thanks for seeing this 61 y/o man seen today haemoglobin 10.1 g/dL ferritin 9 CRP 2 melaena x1 in 2009 (ulcer), nil since otherwise well";
    assert_eq!(rule(results), RuleId::U4, "{:?}", check(results).mentions);
    // ... nor the vomited blood of last week.
    let recent = "thanks for seeing this 44 y/o lady who vomited blood last week no weight loss Hb 13.2 g/dL rectal bleeding 2012 (fissure) - none since";
    assert_eq!(rule(recent), RuleId::R3, "{:?}", check(recent).mentions);
    // The result itself dated in the past stays old.
    let dated = "Aged 35, bloating. Calprotectin 480 in 2019 during a flare, nil since. FIT 1.";
    assert_ne!(rule(dated), RuleId::R1, "{:?}", check(dated).mentions);
}

#[test]
fn known_ibd_in_a_background_list_a_denial_that_stops_at_a_result_and_a_long_list_before_none_since(
) {
    // Known colitis and how it stands, listed under the background: still the patient's now.
    let background = "Age 47.\nBackground:\n- Crohn's disease since 2011\n- quiescent, in remission on ustekinumab. Q: can the interval of his blood tests be lengthened?\nInvestigations:\n- calprotectin 30";
    assert_eq!(
        rule(background),
        RuleId::O3,
        "{:?}",
        check(background).mentions
    );
    // A denial in a run of text does not reach past a test result to a later finding.
    let denial =
        "aged 52 no weight loss ALT 19 bilirubin 8 ultrasound shows fatty liver otherwise well";
    assert_eq!(rule(denial), RuleId::O5, "{:?}", check(denial).mentions);
    // "None since" after a long list speaks of the last episode only, not of the dyspepsia
    // the list began with.
    let list = "Aged 63. Heartburn and dyspepsia 4/12, omeprazole 20 mg 10 weeks - no change, ALT 20, anaemia in 2015 - iron given, Hb normal since.";
    assert_eq!(rule(list), RuleId::O1, "{:?}", check(list).mentions);
    // A short account of the episode before it still counts, a bracket included.
    let episode =
        "Aged 63, bloating, FIT 1. Dysphagia (meat bolus, 2018) - OGD normal, all fine since.";
    assert_ne!(rule(episode), RuleId::U1, "{:?}", check(episode).mentions);
}

#[test]
fn remission_told_apart_from_the_diagnosis_a_differential_and_blood_described_in_brackets() {
    // A form gives the diagnosis on one line and how it stands several lines on.
    let form = "IBD ADVICE REQUEST\nAge: 44\nDiagnosis: known ulcerative colitis on mesalazine\nBloody diarrhoea: N\nWeight loss: N\nStatus: in remission since 2020, no admissions.\nQuestion: should she have a flu vaccine this year?";
    assert_eq!(rule(form), RuleId::O3, "{:?}", check(form).mentions);
    // "No flares" and a stable course a few short denials after the diagnosis.
    let denials = "Aged 52. Known Crohn's colitis on infliximab. No jaundice. No rectal bleeding. Settled, no flares for 4 years. Her question: is it safe to travel to Kenya on it?";
    assert_eq!(rule(denials), RuleId::O3, "{:?}", check(denials).mentions);
    // IBD named only as a differential is no known IBD, and a problem list headed "inactive"
    // says nothing of it.
    let differential = "Aged 29. Past / inactive problems: asthma.\nLoose stools and cramps for 3 months, FIT 2. Differential: IBS vs IBD. Could you advise?";
    assert_ne!(
        rule(differential),
        RuleId::O3,
        "{:?}",
        check(differential).mentions
    );
    // Vomited blood described in a bracket, and the plural of haematemesis.
    let described = "Aged 70. One haematemesis (bright red blood) on Saturday.";
    assert_eq!(
        rule(described),
        RuleId::R3,
        "{:?}",
        check(described).mentions
    );
    let plural = "Aged 41. Two small haematemeses yesterday. Swallowing normal.";
    assert_eq!(rule(plural), RuleId::R3, "{:?}", check(plural).mentions);
}

#[test]
fn letters_written_as_questions_and_answers_and_boxes_answered_with_a_dash() {
    let qa = "Re: Mr T, aged 61\nQ: What is the problem?\nA: tired for 3 months\nQ: Hb?\nA: 96 g/L\nQ: Ferritin?\nAnswer: 11\nQ: Vomiting blood?\nA: no";
    assert_eq!(rule(qa), RuleId::U4, "{:?}", check(qa).mentions);
    let denied = "Re: Mrs V, aged 35, bloating, FIT 1\nQ: Any difficulty swallowing?\nA: no";
    assert_ne!(rule(denied), RuleId::U1, "{:?}", check(denied).mentions);
    let dash =
        "Aged 64.\n1. Reflux: yes, 3 months on PPI, no better\n2. Jaundice: —\n3. Weight: stable";
    assert_ne!(rule(dash), RuleId::U7, "{:?}", check(dash).mentions);
}

#[test]
fn a_sheet_keyed_plus_present_minus_absent() {
    let minus = "Triage sheet (+ present, - absent)\nAged 70\nJaundice (-)\nAbdominal mass: -ve\nIndigestion for 2 months.";
    assert_ne!(rule(minus), RuleId::U7, "{:?}", check(minus).mentions);
    assert_ne!(rule(minus), RuleId::U6, "{:?}", check(minus).mentions);
    let plus = "Triage sheet (+ present, - absent)\nAged 70\nJaundice (+)";
    assert_eq!(rule(plus), RuleId::U7, "{:?}", check(plus).mentions);
}

#[test]
fn a_question_put_as_q_colon_and_known_disease_after_a_run_of_denials() {
    let letter = "thank you for seeing this 81 y/o man seen today free of reflux or indigestion \
                  known crohn's disease stable, in remission on azathioprine. Q: when is his \
                  next surveillance colonoscopy due";
    assert_eq!(rule(letter), RuleId::O3, "{:?}", check(letter).mentions);
    // Without a question the known disease asks for nothing (O3 needs one).
    let statement = "seen today free of reflux or indigestion known crohn's disease stable, in \
                     remission on azathioprine. For your records.";
    assert_ne!(
        rule(statement),
        RuleId::O3,
        "{:?}",
        check(statement).mentions
    );
}

#[test]
fn a_repeated_result_counts_at_its_newer_value() {
    // The repeat, after its date, is the newer value of the same test.
    let fit = "Mrs A, 47. Lower abdominal pain. Results: FIT 4 on 27 December 2024, repeat on \
               28 February 2025: 10.";
    assert_eq!(rule(fit), RuleId::U3, "{:?}", check(fit).mentions);
    let hb = "Mr B, 81. Investigations: Hb 134 on 01.04.2023, repeat on 27.04.2023: 127, \
              Ferritin 10 ug/L.";
    assert_eq!(rule(hb), RuleId::U4, "{:?}", check(hb).mentions);
    let fcp = "31-year-old woman, change in bowel habit for six weeks. Investigations: faecal \
               calprotectin 280 µg/g on 25-Jan-2025, repeat on 18-Mar-2025: 190 ug/g.";
    assert_ne!(rule(fcp), RuleId::R1, "{:?}", check(fcp).mentions);
    // Another test's repeat is not this test's value: the Hb stays 105 g/L.
    let two = "Mrs C, 60. Hb 105 g/L, Ferritin 45 ug/L on 15 July 2024, repeat on 10 August \
               2024: 21 µg/L.";
    let hb_values: Vec<_> = check(two)
        .mentions
        .iter()
        .filter(|f| f.text.starts_with("Hb"))
        .filter_map(|f| f.value)
        .collect();
    assert_eq!(hb_values, vec![105.0], "{:?}", check(two).mentions);
    // "ALT 10x ULN (400)": the value in brackets, not the multiple.
    let alt = "47-year-old woman. Recent results: ALT 10x ULN (400), haemoglobin 151 g/L.";
    assert_eq!(rule(alt), RuleId::R2, "{:?}", check(alt).mentions);
}

#[test]
fn crosses_beside_ticks_slash_labels_plural_relatives_and_a_course_not_yet_finished() {
    let crosses = "Symptoms (✓ = present, ✗ = absent)\n✗  Dysphagia\n✗  Rectal bleeding\n\
                   ✓  Upper abdominal pain\nAge: 59. Pantoprazole for ten weeks, no better.";
    assert_ne!(rule(crosses), RuleId::U1, "{:?}", check(crosses).mentions);
    let slash = "Symptoms (+ present, - absent)\nAge: 71\nUnexplained weight loss (+)\n\
                 Reflux / heartburn (-)\nDyspepsia / indigestion (-)";
    assert_ne!(rule(slash), RuleId::U5, "{:?}", check(slash).mentions);
    let swallow = "19-year-old man. For five weeks he has found it increasingly hard to swallow \
                   bread and meat.";
    assert_eq!(rule(swallow), RuleId::U1, "{:?}", check(swallow).mentions);
    let muddled = "57yo. Her husband tells me she has been muddled, and she was disorientated \
                   in time when I saw her; ArLD cirrhosis (dx 2011).";
    assert_eq!(rule(muddled), RuleId::R2, "{:?}", check(muddled).mentions);
    let brothers = "She has no symptoms of any kind. Two of her brothers have had bowel cancer, \
                    diagnosed at 50 and 56.";
    assert_eq!(rule(brothers), RuleId::A3, "{:?}", check(brothers).mentions);
    let not_yet = "60-year-old man, indigestion for five months. He will have completed four \
                   weeks of omeprazole 20 mg daily on Monday and the dyspepsia is no better.";
    assert_ne!(rule(not_yet), RuleId::O1, "{:?}", check(not_yet).mentions);
}

#[test]
fn a_sign_at_the_first_visit_gone_at_the_second() {
    let gone = "Thank you for seeing this 72-year-old woman. I first saw her on 23/09/2024. She \
                has had dyspepsia for four months. At that visit she looked slightly jaundiced, \
                during a bout of gastroenteritis. I reviewed her on 29/10/2024. The symptoms \
                above are unchanged. The jaundice has now gone and her bilirubin is normal. She \
                has taken omeprazole 20 mg daily for four weeks and the dyspepsia is no better.";
    assert_eq!(rule(gone), RuleId::O1, "{:?}", check(gone).mentions);
    // Still there at the second visit: jaundice.
    let still = "Thank you for seeing this 72-year-old woman. At the first visit she looked \
                 slightly jaundiced. I reviewed her on 29/10/2024. She is still jaundiced and \
                 her bilirubin is 60.";
    assert_eq!(rule(still), RuleId::U7, "{:?}", check(still).mentions);
}

#[test]
fn fit_written_in_lower_case_with_its_result() {
    let low = "31 year old man cibh for 8 weeks fit 9 ug/g could you advise on management";
    assert_eq!(rule(low), RuleId::A1, "{:?}", check(low).mentions);
    let raised = "fit 12 ug/g, 58yo, cibh";
    assert_eq!(rule(raised), RuleId::U3, "{:?}", check(raised).mentions);
    // "fit and well" is not the test.
    let well = "she is fit and well, 31, with lower abdominal pain";
    assert!(
        check(well)
            .mentions
            .iter()
            .all(|f| f.value.is_none() || f.text.contains("31")),
        "{:?}",
        check(well).mentions
    );
}

#[test]
fn a_mass_and_pain_in_her_iliac_fossa() {
    let mass = "45-year-old woman. I could feel a definite mass in her left iliac fossa when I \
                examined her abdomen.";
    assert_eq!(rule(mass), RuleId::U6, "{:?}", check(mass).mentions);
    let pain = "40-year-old man. He describes crampy pain in the left iliac fossa. He has lost \
                5 kg over 2 months without trying; the weight loss is unexplained.";
    assert_eq!(rule(pain), RuleId::U8, "{:?}", check(pain).mentions);
}

#[test]
fn form_rows_answered_no_in_words() {
    let form = "Age: sixty-three\nSex: Male\nRed flag checklist:\nDysphagia: no\nUnexplained \
                weight loss: not that he's noticed\nHaematemesis: not that she has noticed\n\
                Abdominal mass: not found on examination\nRectal bleeding: not that I know of\n\
                Other findings:\nDyspepsia persisting after five weeks esomeprazole 20 mg.";
    assert_eq!(rule(form), RuleId::O1, "{:?}", check(form).mentions);
    // Answered in words, but yes.
    let yes = "Age: 63\nSex: Male\nUnexplained weight loss: noticed by his wife, 6 kg\n\
               Dyspepsia persisting after five weeks esomeprazole 20 mg.";
    assert_eq!(rule(yes), RuleId::U5, "{:?}", check(yes).mentions);
}

#[test]
fn blood_vomited_in_small_amounts_is_haematemesis_not_rectal_bleeding() {
    let letter = "Mr Bennett, 68-year-old man.\n- He has been vomiting small amounts of fresh \
                  blood on and off for 6 days, last this morning, and is otherwise stable.";
    assert_eq!(rule(letter), RuleId::R3, "{:?}", check(letter).mentions);
}

#[test]
fn a_relatives_own_illness_after_a_clause_and_one_who_reports_the_patients() {
    let wife = "52 year old man with known alcohol-related cirrhosis and new ascites. His wife, \
                who attended with him, has had rectal bleeding and is waiting for her own \
                colonoscopy.";
    assert_eq!(rule(wife), RuleId::R2, "{:?}", check(wife).mentions);
    let husband = "Crohn's disease, stable in remission on ustekinumab; would she be able to \
                   stop it? Her husband, who came with her, is jaundiced himself and is under \
                   the liver team. She is 67.";
    assert_eq!(rule(husband), RuleId::O3, "{:?}", check(husband).mentions);
    // The relative reports the patient's own symptom: it counts.
    let reports =
        "45-year-old woman with lower abdominal pain. Her husband is worried she has lost \
                   weight: 5 kg in two months, unexplained.";
    assert_eq!(rule(reports), RuleId::U8, "{:?}", check(reports).mentions);
}

#[test]
fn a_worry_about_weight_the_scales_contradict_and_a_course_short_of_four_weeks() {
    let weight = "61M. Ongoing dyspepsia. His daughter worries he is losing weight, but his \
                  weight today is the same as a year ago.";
    assert_eq!(rule(weight), RuleId::D, "{:?}", check(weight).mentions);
    let nearly = "Age 66, female. Dyspepsia persisting after nearly four weeks esomeprazole \
                  20 mg. Weight stable.";
    assert_eq!(rule(nearly), RuleId::D, "{:?}", check(nearly).mentions);
    let full = "Age 66, female. Dyspepsia persisting after four weeks esomeprazole 20 mg. \
                Weight stable.";
    assert_eq!(rule(full), RuleId::O1, "{:?}", check(full).mentions);
}

#[test]
fn the_newest_of_repeated_results_decides() {
    let repeat = "58-year-old woman with abdominal pain. FIT result: not available\nBloods: \
                  calprotectin 120 on 16/08/2024; repeated on 14/10/2024: calprotectin 70";
    assert_eq!(rule(repeat), RuleId::D, "{:?}", check(repeat).mentions);
    let rows = "51 yo male. Bloods at his annual review.\nTest   Result   Units   Ref range   \
                Date\nALT    45       U/L     10-50       30/10/2023\nALT    38       U/L     \
                10-50       25/12/2023\n";
    assert_eq!(rule(rows), RuleId::D, "{:?}", check(rows).mentions);
    // The newer row abnormal: it decides.
    let newer_high = rows.replace("38 ", "88 ");
    assert_eq!(rule(&newer_high), RuleId::O5);
}

#[test]
fn a_stable_ibd_question_put_as_asks_how_or_when() {
    let how = "She has known UC, stable and in remission on mesalazine. She is going abroad for \
               six months and asks how to manage her supply of mesalazine.";
    assert_eq!(rule(how), RuleId::O3, "{:?}", check(how).mentions);
    let when = "He has known ulcerative colitis, stable and in remission on azathioprine. He \
                asks when his next surveillance colonoscopy is due.";
    assert_eq!(rule(when), RuleId::O3, "{:?}", check(when).mentions);
}

#[test]
fn weight_lost_while_not_dieting_written_without_an_apostrophe() {
    let letter = "mrs robinson is fifty-five years old female\nshe has lost 7 kg in 3 months \
                  and isnt dieting - unexplained weight loss\nshe gets heartburn";
    assert_eq!(rule(letter), RuleId::U5, "{:?}", check(letter).mentions);
}

#[test]
fn a_two_week_wait_form_with_leader_dots_answered_in_words_and_dashes() {
    let form = "Age: 43\nSex: Female\nCLINICAL FEATURES (please answer every row)\nRectal \
                bleeding ......... (Yes) / No - bloody diarrhoea, see below\nUnexplained weight \
                loss ......... -\nAbdominal pain ......... (Yes) / No\nAbdominal mass ......... \
                not that she's noticed\nIron deficiency anaemia (Hb / ferritin) .... Hb 13.7 \
                g/dL, ferritin 75\nFIT result (ug Hb/g) ......... not done\n7 episodes a day of \
                loose stool mixed with blood and mucus over the last 6 days.";
    assert_eq!(rule(form), RuleId::R1, "{:?}", check(form).mentions);
    // The form's IDA row with no numbers yet states nothing; answered yes, it does.
    let pending = "Age: 32\nSex: Female\nAbdominal pain ......... (Yes) / No\nIron deficiency \
                   anaemia (Hb / ferritin) .... bloods pending\nFaecal calprotectin: FCP 172 ug/g";
    assert_eq!(rule(pending), RuleId::O2, "{:?}", check(pending).mentions);
    // The row's "(Hb / ferritin)" names the tests: the ferritin is 75, not the Hb's 11.5.
    let anaemic = pending.replace("bloods pending", "Hb 11.5 g/dL, ferritin 75");
    assert_eq!(rule(&anaemic), RuleId::O2, "{:?}", check(&anaemic).mentions);
    let yes = pending.replace("bloods pending", "Yes - Hb 98, ferritin 6");
    assert_eq!(rule(&yes), RuleId::U4, "{:?}", check(&yes).mentions);
}

#[test]
fn quoted_questions_answered_after_the_quote() {
    let letter = "Age: 55\nPathways questions (health advisor):\n  \"Has anyone said your skin or \
                  eyes look yellow?\" - no\n  \"Any bleeding from the back passage?\" - no\n  \
                  \"Have you vomited any blood?\" - denies\nClinician notes: entirely well; his \
                  father had bowel cancer at 60.";
    assert_eq!(rule(letter), RuleId::A3, "{:?}", check(letter).mentions);
    let yes = "Age: 55\n  \"Have you vomited any blood?\" - yes, twice yesterday";
    assert_eq!(rule(yes), RuleId::R3, "{:?}", check(yes).mentions);
}

#[test]
fn findings_named_with_a_bracket_a_size_first_or_a_region() {
    let epigastric = "Age 55. 1. His son is worried he has lost weight, and he has: 89 kg in \
                      October, 82 kg today, without trying.\n2. Upper abdominal (epigastric) \
                      pain for 12 weeks.";
    assert_eq!(
        rule(epigastric),
        RuleId::U5,
        "{:?}",
        check(epigastric).mentions
    );
    let flank = "Aged 76. There is a firm, non-tender mass of about 5 cm palpable in the left \
                 flank.";
    assert_eq!(rule(flank), RuleId::U6, "{:?}", check(flank).mentions);
    let suprapubic = "Aged 55, no FIT done. He has lost 11 kg without trying. Cramping suprapubic \
                      pain, on and off for 8 weeks.";
    assert_eq!(
        rule(suprapubic),
        RuleId::U8,
        "{:?}",
        check(suprapubic).mentions
    );
}

#[test]
fn a_grandchilds_illness_and_bowels_back_to_normal() {
    let grandson = "Aged 86. Indigestion most days for 8 months. Her grandson had bloody \
                    diarrhoea with a stomach bug last month. Lansoprazole 30 mg for 3 months; \
                    the indigestion is unchanged.";
    assert_eq!(rule(grandson), RuleId::O1, "{:?}", check(grandson).mentions);
    let normal = "Aged 71. Mainly tired. A spell of loose stools after antibiotics in April, now \
                  back to her normal. Hb 142 g/L, ferritin 13 ug/L.";
    assert_eq!(rule(normal), RuleId::D, "{:?}", check(normal).mentions);
}

#[test]
fn fields_run_on_one_line_a_bracketed_date_before_a_repeat_and_lower_case_fit_result() {
    let fields = "Age: 55\nInvestigations: Hb 15.1 g/dL, ferritin 18 ug/L\nRed flags screened: \
                  Rectal bleeding: -; Haematemesis: N; Dysphagia: N";
    assert_eq!(rule(fields), RuleId::D, "{:?}", check(fields).mentions);
    let repeat = "Pt F, 57. Cramping suprapubic pain.\nIx: qFIT 11 (7 Nov 2024); repeat qFIT 3 \
                  µg Hb/g faeces (12 Jan 2025), TSH normal";
    assert_eq!(rule(repeat), RuleId::O6, "{:?}", check(repeat).mentions);
    let lower = "thanks for seeing this 61yo man\nfresh blood on the toilet paper for 13 weeks\n\
                 bloods haemoglobin 16.0 ferritin 182 qfit result <10";
    assert_eq!(rule(lower), RuleId::O6, "{:?}", check(lower).mentions);
}

#[test]
fn stable_ibd_put_as_no_flare_for_years_and_a_flatmates_illness() {
    let ibd = "45-year-old with Crohn's disease on methotrexate. He is currently well, with no \
               flare for 2 years, stools formed. My question: Is his surveillance colonoscopy \
               due?";
    assert_eq!(rule(ibd), RuleId::O3, "{:?}", check(ibd).mentions);
    let flatmate = "18-year-old with cramping abdominal pain over 18 weeks. Her flatmate had \
                    bloody diarrhoea with a stomach bug last month. FIT: <4, FCP 52 ug/g.";
    assert_eq!(rule(flatmate), RuleId::A1, "{:?}", check(flatmate).mentions);
}

#[test]
fn a_form_rows_answer_that_an_episode_has_not_recurred() {
    let form = "Age: 36\nCLINICAL FEATURES (please answer every row)\nRectal bleeding \
                ......................... only once, last year (none since)\nAbdominal pain \
                .......................... Y - crampy lower abdominal pain\nFIT result (ug Hb/g) \
                .................... FIT: <4";
    assert_eq!(rule(form), RuleId::A1, "{:?}", check(form).mentions);
    // Bleeding now on the row: it counts.
    let now = form.replace(
        "only once, last year (none since)",
        "yes, most days this month",
    );
    assert_eq!(rule(&now), RuleId::O6, "{:?}", check(&now).mentions);
}

#[test]
fn a_report_refuted_on_questioning_and_a_problem_list_entry_treated_and_healed() {
    let refuted = "45-year-old woman. Her bowel habit has changed to looser stools for 10 weeks. \
                   FIT 4. The 111 note says vomiting blood, but on questioning this was \
                   red-coloured vomit after beetroot; no blood.";
    assert_eq!(rule(refuted), RuleId::A1, "{:?}", check(refuted).mentions);
    let healed = "Problems: Anxiety state (2019); Anal ulcer 2016 - herpes simplex, treated, \
                  healed\n56-year-old man with bloody diarrhoea 6 times a day for 2 weeks.";
    assert_eq!(rule(healed), RuleId::R1, "{:?}", check(healed).mentions);
}

#[test]
fn a_mass_that_is_palpable_and_a_resolution_far_along_an_unpunctuated_note() {
    let mass = "Pt has central abdominal pain on most days.\nO/E: A hard mass is palpable in the \
                left upper quadrant. DRE normal, no rectal mass.";
    assert_eq!(rule(mass), RuleId::U6, "{:?}", check(mass).mentions);
    let note = "dear team please see this 86 year old lady she is visibly jaundiced with yellow \
                sclerae she reports unintentional weight loss of about 9 kg over 3 months \
                duodenal ulcer 2009 - h pylori eradicated asymptomatic since no dysphagia";
    assert_eq!(rule(note), RuleId::U7, "{:?}", check(note).mentions);
}

#[test]
fn a_worry_refuted_after_a_semicolon_and_weight_lost_then_regained() {
    let yellow = "Aged 74. ALT 232.\nRed flags screened: Carer thought his eyes looked yellow; on \
                  examination the sclerae are white and he is not jaundiced.";
    assert_eq!(rule(yellow), RuleId::O5, "{:?}", check(yellow).mentions);
    let weight = "Aged 59. Indigestion is no better after 8 weeks of esomeprazole. Daughter \
                  thought she had lost weight, but weight today is 77.4 kg, the same as in the \
                  spring.";
    assert_eq!(rule(weight), RuleId::O1, "{:?}", check(weight).mentions);
    let regained = "70-year-old man with dyspepsia despite omeprazole 40 mg daily for 4 weeks.\n\
                    Weight loss 2019 - due to hyperthyroidism, treated, weight regained.";
    assert_eq!(rule(regained), RuleId::O1, "{:?}", check(regained).mentions);
}

#[test]
fn a_banner_heading_ends_the_family_history_line_before_it() {
    let letter = "Patient: Mr Peter Morgan\nAge: aged 49\n-- Problems --\n  FH: mum oesoph ca \
                  (dysphagia at end)\n-- Medication --\n-- Consultation --\n  o/e palpable mass \
                  RIF\n  nil haematemesis\n-- Referral --\n  advice only please";
    assert_eq!(rule(letter), RuleId::U6, "{:?}", check(letter).mentions);
}

#[test]
fn a_struck_choice_described_in_words_answers_the_row() {
    let form = "Age: 29\nCriteria (answer each):\n  Dysphagia:     (Yes struck through) / \
                No\n  Jaundice:      no\n\nClinical details: loose stools for 3 weeks. Calpro \
                320.";
    assert_eq!(rule(form), RuleId::R1, "{:?}", check(form).mentions);
    // The No struck instead: the row says yes.
    let yes = form.replace("(Yes struck through) / No", "Yes / (No struck through)");
    assert_eq!(rule(&yes), RuleId::U1, "{:?}", check(&yes).mentions);
}

#[test]
fn a_queried_finding_answered_no_later_in_its_sentence() {
    for letter in [
        "49 year old woman. calpro 80; abdo pain x2/52; ?blood in pan - beetroot, no PR bleed; \
         nil haematemesis.",
        "49 year old woman. Abdominal pain for 2 weeks, calprotectin 80. She was worried about \
         \"blood in the pan\", but on questioning it was after eating beetroot; no rectal \
         bleeding.",
    ] {
        assert_eq!(
            rule(letter),
            RuleId::A1,
            "{letter}\n{:?}",
            check(letter).mentions
        );
    }
    // Not queried: bleeding told and then said to have stopped is still bleeding.
    let told = "61 year old man. Rectal bleeding for 3 weeks, no rectal bleeding in the last two \
                days.";
    assert_eq!(rule(told), RuleId::U8, "{:?}", check(told).mentions);
}

#[test]
fn run_on_notes_keep_their_episodes_and_subjects_apart() {
    // "nil since" speaks of the food bolus after "h/o", not of the bowel habit before it.
    let note = "aged 49\nS: CIBH - looser x12/52 bloating ++ h/o food bolus 2019, OGD nad, nil \
                since\nO: FIT 9.";
    assert_eq!(rule(note), RuleId::A1, "{:?}", check(note).mentions);
    // A relative's illness after a run of denials is not denied.
    let fh =
        "aged 39\nAsymptomatic.\nClinician assessment: nil wt loss no PR bleed His mother and \
              uncle both had colorectal cancer. meds: amlodipine";
    assert_eq!(rule(fh), RuleId::A3, "{:?}", check(fh).mentions);
    // Jaundice "as student" is an old episode.
    let old = "aged 63\nKnown ulcerative colitis, stable and in remission; I would value advice \
               on surveillance.\nUSS liver nad h/o hep A with jaundice as student, resolved PMH: \
               HTN";
    assert_eq!(rule(old), RuleId::O3, "{:?}", check(old).mentions);
    // Indented lines of a block are separate entries: a denial ends with its line.
    let block = "Age: 46\n-- Consultation --\n  wt today same as spring, no loss\n  o/e \
                 palpable mass RIF\n  ex-smoker";
    assert_eq!(rule(block), RuleId::U6, "{:?}", check(block).mentions);
    // A result after an examination's denial is a result.
    let fit = "seventy-year-old\nS: change in bowel habit x12/52\nO: o/e abdo soft, NT, no \
               masses FIT 7.";
    assert_eq!(rule(fit), RuleId::O6, "{:?}", check(fit).mentions);
}

#[test]
fn a_proton_pump_inhibitor_course_length_written_after_its_dose() {
    let short = "aged 58\nS: dyspepsia x4/52 omeprazole 20 mg od x3/52, sx persist";
    assert_eq!(rule(short), RuleId::D, "{:?}", check(short).mentions);
    let long = short.replace("x3/52", "x6/52");
    assert_eq!(rule(&long), RuleId::O1, "{:?}", check(&long).mentions);
}

#[test]
fn a_delete_as_appropriate_proforma_and_a_yes_withdrawn_below_it() {
    let form =
        "Please complete all sections. Delete as appropriate where options are given.\nAge: \
                77\n1. MAIN PROBLEM: A 20-week change in bowel habit - looser and more frequent\n\
                2. RED FLAG CHECKLIST\n   Dysphagia ...................... present / absent\n   \
                Rectal bleeding ................ ~~present~~ / absent\n   Abdominal mass \
                ................. present / absent\n4. RESULTS\n   FIT    negative\n6. \
                ADDITIONAL INFORMATION\n   Nothing else.";
    // Neither choice deleted: the rows answer nothing.
    assert_eq!(rule(form), RuleId::O6, "{:?}", check(form).mentions);
    // A choice deleted: the row answers.
    let mass = form.replace(
        "Abdominal mass ................. present / absent",
        "Abdominal mass ................. present / ~~absent~~",
    );
    assert_eq!(rule(&mass), RuleId::U6, "{:?}", check(&mass).mentions);
    // ...unless a note below withdraws it.
    let withdrawn = mass.replace(
        "Nothing else.",
        "'Abdominal mass' was marked in error - abdomen soft, no mass.",
    );
    assert_eq!(
        rule(&withdrawn),
        RuleId::O6,
        "{:?}",
        check(&withdrawn).mentions
    );
}

#[test]
fn signs_in_a_keyed_answer_column() {
    let record = "Age: 48\nSYMPTOM REVIEW   (+ present   - absent   blank = not asked)\n  \
                  Abdominal pain                     +   intermittent, 12 wks\n  \
                  Haematemesis                       -   never\n  Jaundice                   \
                          -\nFIT 4\n";
    assert_eq!(rule(record), RuleId::A1, "{:?}", check(record).mentions);
    // The same row with a plus is a yes.
    let yes = record.replace("-\nFIT", "+\nFIT");
    assert_eq!(rule(&yes), RuleId::U7, "{:?}", check(&yes).mentions);
}

#[test]
fn a_system_summary_keeps_past_problems_and_a_cirrhosis_cause_in_their_place() {
    let summary = "Age: 42 years\nACTIVE PROBLEMS\n  2017         Cirrhosis of liver \
                   (MASLD-related)\nPAST PROBLEMS\n  May-2014     Dysphagia - benign oesophageal \
                   stricture, dilated\nCURRENT MEDICATION\n  Amlodipine 5 mg once daily\n\
                   REFERRAL INFORMATION:\nHe is well, with no symptoms. Could you advise on \
                   surveillance?";
    // The past problem under a capitals heading is past, though the next heading says
    // "current"; MASLD names the cirrhosis's cause, not a fatty liver on imaging.
    assert_eq!(rule(summary), RuleId::D, "{:?}", check(summary).mentions);
    let imaged = summary.replace(
        "He is well",
        "Ultrasound last month showed a fatty liver. He is well",
    );
    assert_eq!(rule(&imaged), RuleId::O5, "{:?}", check(&imaged).mentions);
}

#[test]
fn an_instruction_to_come_back_is_no_recurrence_and_thresholds_belong_to_the_question() {
    let note = "dob 07/09/1976 sent 14/05/2025\nno gi symptoms alt 40 u/l of note a single \
                haematemesis in 2013 after a bout of vomiting small tear at ogd - none since he \
                knows to come back straight away if there is any jaundice";
    assert_eq!(rule(note), RuleId::O5, "{:?}", check(note).mentions);
    let questionnaire = "Age: 65\nQ4  Change in bowel habit for > 4 weeks?       N\nQ5  \
                         Abdominal pain? (site)                     N/A\nQ7  Indigestion?      \
                         Y - most days\nLansoprazole 30 mg once daily for 8 weeks with no \
                         improvement.";
    assert_eq!(
        rule(questionnaire),
        RuleId::O1,
        "{:?}",
        check(questionnaire).mentions
    );
}

#[test]
fn unanswered_rows_results_under_bracketed_headings_and_swelling_in_cirrhosis() {
    // "Don't know" answers nothing.
    let call = "Age: 49\nQ: Have you vomited any blood?\n  A: Don't know\nFIT: <4 ug Hb/g.\nMy \
                bowels have changed.";
    assert_eq!(rule(call), RuleId::A1, "{:?}", check(call).mentions);
    // A blank row between rows answered with signs is a question not asked.
    let record = "Age: 65\nSYMPTOM REVIEW   (+ present   - absent   blank = not asked)\n  \
                  Reflux                             +   11 wks\n  Rectal bleeding            \
                  -\n  Change in bowel habit\n  Haematemesis                       -\nDyspepsia \
                  despite 6 weeks of lansoprazole 30 mg once daily.";
    assert_eq!(rule(record), RuleId::O1, "{:?}", check(record).mentions);
    // A heading with a bracket ends the medication field above it; the reference range is no
    // verdict on the result.
    let extract = "Age 24\nMedication (discontinued): Naproxen 500 mg twice daily\nInvestigations \
                   (last 12 months):\n  Raised tTG at 18 U/mL (normal <7).";
    assert_eq!(rule(extract), RuleId::O4, "{:?}", check(extract).mentions);
    let normal = extract.replace("Raised tTG at 18", "tTG 5");
    assert_eq!(rule(&normal), RuleId::D, "{:?}", check(&normal).mentions);
    // A swelling tummy in known cirrhosis is ascites until shown otherwise.
    let cirrhosis =
        "Age: 70\n\"my tummy is swelling up\"\nHe has known cirrhosis (alcohol-related, \
                     since 2018).";
    assert_eq!(
        rule(cirrhosis),
        RuleId::R2,
        "{:?}",
        check(cirrhosis).mentions
    );
}

#[test]
fn letters_as_ocr_returns_them_and_results_told_as_old() {
    // Shapes the engine misread, in the finding and in the words around it.
    let faxed = "Age: 72\nShe has lost wcight over three months and has epigastric paln.\nNo \
                 haernatemesis. Jaunclice: no.";
    assert_eq!(rule(faxed), RuleId::U5, "{:?}", check(faxed).mentions);
    // The evidence is quoted from the letter as written.
    let c = check(faxed);
    let weight = c
        .mentions
        .iter()
        .find(|m| m.text.contains("wcight"))
        .expect("the misread word is the evidence");
    assert_eq!(&faxed[weight.start..weight.end], weight.text);
    let denied =
        "Age 45. Change in bowel liabit for 8 weeks. tlie patient denies rnelaena and shc has \
                  no rectal bleeding. FlT l ug/g.";
    assert_eq!(rule(denied), RuleId::A1, "{:?}", check(denied).mentions);
    // A ticked box whose bracket was misread, and a grid whose header the fax shifted.
    let grid = "Age: 30\nCRITERIA (tick all that apply)              YES   NO\nRectal bleeding  \
                                   [ ]   IX]\nChange in bowel habit                [X]   [ \
                ]\nAbdominal mass                       [ ]   [X]\nFIT: 6 ug/g";
    assert_eq!(rule(grid), RuleId::A1, "{:?}", check(grid).mentions);
    // A two-column record read side by side: the label's answer is not the other column.
    let rows = [
        ("1. PATIENT", "3. RESULTS"),
        ("Age: 51   Sex: M", "Hb now 141 g/L after iron"),
        ("Known coeliac disease", "tTG IgA 64 U/mL (ref <7) on a"),
        (
            "2. SYMPTOMS (present / absent)",
            "gluten-containing diet, checked",
        ),
        ("Dysphagia:", "before a re-challenge in June"),
        ("Rectal bleeding: absent", ""),
        ("Weight loss: absent", ""),
    ];
    let columns: String = rows
        .iter()
        .map(|(l, r)| format!("{l:<36}{r}").trim_end().to_string() + "\n")
        .collect();
    let columns = columns.as_str();
    assert_eq!(rule(columns), RuleId::O4, "{:?}", check(columns).mentions);
    // Old results: at diagnosis, with a date years before, told as "was".
    let known = "Date: 10/05/2025\nAge 38. Known ulcerative colitis, in remission on \
                 mesalazine; calprotectin 900 at diagnosis, 1200 (14/02/2019). Calprotectin \
                 now 60. Should we stop the mesalazine?";
    assert_eq!(rule(known), RuleId::O3, "{:?}", check(known).mentions);
    let hb = "Age 58. Hb now 138 g/L after oral iron; Hb was 95 g/L in March with ferritin 6 \
              (cause found). Dyspepsia for 2 months.";
    assert_ne!(rule(hb), RuleId::U4, "{:?}", check(hb).mentions);
    // A vomit of blood is haematemesis, not rectal bleeding.
    let vomit = "Age 66. He had a small vomit of fresh blood yesterday.";
    assert_eq!(rule(vomit), RuleId::R3, "{:?}", check(vomit).mentions);
}

#[test]
fn return_precautions_are_safety_netting() {
    // The North American phrase for safety-netting names red flags that are not present.
    let note = "Age 47. Heartburn for 3 months. Strict return precautions reviewed for trouble \
                swallowing, vomiting blood or black stools.";
    assert_eq!(rule(note), RuleId::A2, "{:?}", check(note).mentions);
    let er = "Age 47. Heartburn for 3 months. ER precautions given re dysphagia.";
    assert_eq!(rule(er), RuleId::A2, "{:?}", check(er).mentions);
    // A dysphagia told as present still counts.
    let present = "Age 47. Heartburn and dysphagia for 3 months. Return precautions given.";
    assert_eq!(rule(present), RuleId::U1, "{:?}", check(present).mentions);
}

#[test]
fn swallowing_trouble_in_other_words() {
    for told in [
        "She is suffering from difficulty of swallowing since 6 weeks.",
        "Via interpreter: she says the food stops in the chest, for 3 weeks.",
        "He says meat gets stuck in his throat since one month.",
    ] {
        let letter = format!("Age 44. {told}");
        assert_eq!(
            rule(&letter),
            RuleId::U1,
            "{told}: {:?}",
            check(&letter).mentions
        );
    }
    let denied = "Age 44. Heartburn. No difficulty of swallowing.";
    assert_eq!(rule(denied), RuleId::A2, "{:?}", check(denied).mentions);
}

/// Weight loss and bleeding told the way a relative, an interpreter or a writer of another
/// English tells them (set 30's study).
#[test]
fn weight_loss_and_bleeding_in_other_words() {
    for told in [
        "Her son tells me the clothes are loose.",
        "Via interpreter: 5 kg lost in 4 months without trying.",
    ] {
        let letter = format!("Age 80. Pain in the top of the stomach for 3 weeks. {told}");
        assert_eq!(
            rule(&letter),
            RuleId::U5,
            "{told}: {:?}",
            check(&letter).mentions
        );
    }
    let denied = "Age 80. Pain in the top of the stomach for 3 weeks. Her clothes are not loose.";
    assert_ne!(rule(denied), RuleId::U5, "{:?}", check(denied).mentions);
    let bleeding = "Age 53. He has bleeding from the rectum since 3 weeks.";
    assert_eq!(rule(bleeding), RuleId::U8, "{:?}", check(bleeding).mentions);
}

/// Letters about patients with a history (set 31's study): a result told over time is
/// decided by its newest value, a course of a PPI is timed from its start whatever the
/// date's shape, another person's illness is theirs, a topic read about is no finding.
#[test]
fn safety_nets_and_notes_without_punctuation() {
    // A safety-net's condition is no finding: indigestion at 70 is not suspected cancer by
    // weight loss (U5) or melaena.
    let net = "Date: 03/02/2025. 70 year old man, indigestion for 3 months. He knows to \
               contact the surgery should he lose weight, and staff will let us know if he \
               passes any black stools.";
    assert_eq!(rule(net), RuleId::D, "{:?}", check(net).mentions);
    // An upper abdominal pain named with both words; weight loss at 56: U5.
    let upper = "Date: 03/02/2025. Age 56. Epigastric abdominal pain for 6 weeks and 5 kg \
                 weight loss.";
    assert_eq!(rule(upper), RuleId::U5, "{:?}", check(upper).mentions);
    // A past date in a note without punctuation reaches a few words, not the results after.
    let run_on = "dear dr 45 yr old woman pmh a food bolus in 2018 after a steak ogd then \
                  normal oe abdomen soft non tender bloods hb 131 calprotectin 320 ug/g thanks";
    assert_eq!(rule(run_on), RuleId::R1, "{:?}", check(run_on).mentions);
}

#[test]
fn results_over_time_courses_and_other_peoples_illnesses() {
    // The newest dated value decides, dates in brackets, after "on" or "in" a month.
    let alt = "Date: 10/01/2025. Age 45. ALT 410 U/L (3 March 2024), then ALT 95 U/L in \
               October 2024.";
    assert_eq!(rule(alt), RuleId::O5, "{:?}", check(alt).mentions);
    let iron = "Date: 10/01/2025. 52 year old man. Hb 98 g/L on 02/01/24, ferritin 9 (2 \
                January 2024), Hb 138 g/L on 15/06/24, ferritin 60 on 15/06/24.";
    assert_ne!(rule(iron), RuleId::U4, "{:?}", check(iron).mentions);
    // A PPI course: "since 20/12/24" is a date, not 20 months; "started on" a date after
    // the drug times the course.
    let short = "Date: 05/01/2025. Age 60. Indigestion for 3 months despite lansoprazole 30 \
                 mg since 20/12/24.";
    assert_ne!(rule(short), RuleId::O1, "{:?}", check(short).mentions);
    let long = "Date: 20/05/2025. Age 62. Indigestion for 4 months, no better on lansoprazole \
                15 mg, started on 1 March 2025.";
    assert_eq!(rule(long), RuleId::O1, "{:?}", check(long).mentions);
    // A checklist row naming an alternative, answered no.
    let row = "Date: 20/05/2025. Age: 66\nSymptoms\n  Jaundice or yellow eyes: no\n  \
               Difficulty swallowing: no";
    assert_ne!(rule(row), RuleId::U7, "{:?}", check(row).mentions);
    // Her partner's Crohn's disease, and a topic she read about.
    let partner = "Date: 20/05/2025. 38F with bloating. Her partner, who has Crohn's disease, \
                   says his is settled on infliximab. Would you advise?";
    assert_ne!(rule(partner), RuleId::O3, "{:?}", check(partner).mentions);
    let read = "Date: 20/05/2025. 61 year old woman, anxious about her liver after reading \
                about fatty liver online. No abdominal pain.";
    assert_ne!(rule(read), RuleId::O5, "{:?}", check(read).mentions);
    // A mass named by its region first; food that sticks on the way down, washed through.
    for told in [
        "O/E: firm periumbilical mass, 4 cm.",
        "Toast sticks on the way down.",
        "Rice has to be washed down with water.",
    ] {
        let letter = format!("Date: 20/05/2025. Age 58. {told}");
        assert!(
            matches!(rule(&letter), RuleId::U1 | RuleId::U6),
            "{told}: {:?}",
            check(&letter).mentions
        );
    }
}
