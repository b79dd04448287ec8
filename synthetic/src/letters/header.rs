//! Letter headers: fictional patients and practices, NHS numbers in the 999 test range, dates.

use chrono::{Datelike, Duration, NaiveDate};
use types::clinical::{age_at, NhsNumber};

use triage::facts::Sex;
use triage::labelled::LetterHeader;
use types::rng::Rng;

const FEMALE_NAMES: &[&str] = &[
    "Margaret", "Susan", "Linda", "Patricia", "Janet", "Karen", "Amira", "Priya", "Siobhan",
    "Joanne", "Helen", "Fatima", "Grace", "Olivia", "Chloe", "Aisha", "Deborah", "Beverley",
    "Gwen", "Niamh", "Ewa", "Mei", "Rachel", "Sandra",
];
const MALE_NAMES: &[&str] = &[
    "John", "David", "Michael", "Peter", "Robert", "Mohammed", "Rajesh", "Kwame", "Liam", "Gareth",
    "Stephen", "Paul", "Tomasz", "Imran", "Callum", "George", "Derek", "Keith", "Wei", "Darren",
    "Anthony", "Brian", "Colin", "Hamza",
];
const SURNAMES: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "Khan", "Hughes", "Edwards", "Green",
    "Hall", "Wood", "Okafor", "Nowak", "Begum", "Murphy", "O'Neill", "Ahmed", "Clarke", "Lewis",
    "Chen", "Morgan",
];
const PRACTICE_PREFIXES: &[&str] = &[
    "Riverside",
    "The Elms",
    "Station Road",
    "Parkview",
    "Millbrook",
    "Castle Street",
    "Oakwood",
    "Victoria",
    "Hillside",
    "St Mark's",
    "Northgate",
    "Canal Side",
    "Beechwood",
    "Market Square",
];
const PRACTICE_SUFFIXES: &[&str] = &[
    "Medical Centre",
    "Surgery",
    "Health Centre",
    "Medical Practice",
    "Family Practice",
];
const GP_NAMES: &[&str] = &[
    "Dr A Patel",
    "Dr S McKenzie",
    "Dr J Oduya",
    "Dr R Hughes",
    "Dr K Lin",
    "Dr H Barker",
    "Dr F Rahman",
    "Dr E Thornton",
    "Dr M Kowalski",
    "Dr C Adeyemi",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A valid NHS number in the 999 test range, formatted "999 123 4567".
pub fn test_nhs_number(rng: &mut Rng) -> String {
    loop {
        let mut nine = [9u8, 9, 9, 0, 0, 0, 0, 0, 0];
        for d in nine.iter_mut().skip(3) {
            *d = rng.below(10) as u8;
        }
        if let Some(check) = NhsNumber::check_digit(&nine) {
            let s: String = nine.iter().map(|d| char::from(b'0' + d)).collect();
            return format!("{} {} {}{}", &s[0..3], &s[3..6], &s[6..9], check);
        }
    }
}

/// A date of birth that makes the patient exactly `age` on `letter_date`.
fn dob_for_age(rng: &mut Rng, age: u32, letter_date: NaiveDate) -> NaiveDate {
    let year = letter_date.year() - age as i32;
    let anniversary = NaiveDate::from_ymd_opt(year, letter_date.month(), letter_date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, letter_date.month(), 28))
        .unwrap_or(letter_date);
    let dob = anniversary - Duration::days(rng.below(360) as i64);
    if age_at(dob, letter_date) == Some(age) {
        dob
    } else {
        anniversary
    }
}

/// A fictional patient of `age` and `sex`, a practice, and a letter date in 2023-2025.
pub fn draw_header(rng: &mut Rng, age: u32, sex: Sex) -> LetterHeader {
    let letter_date = NaiveDate::from_ymd_opt(2023, 1, 2)
        .unwrap_or_default()
        .checked_add_signed(Duration::days(rng.below(3 * 365) as i64))
        .unwrap_or_default();
    let date_of_birth = dob_for_age(rng, age, letter_date);
    let (title, first_name) = match sex {
        Sex::Female => (
            *rng.pick(&["Mrs", "Ms", "Miss", "Mrs", "Ms"]),
            *rng.pick(FEMALE_NAMES),
        ),
        Sex::Male => ("Mr", *rng.pick(MALE_NAMES)),
    };
    let practice_name = format!(
        "{} {}",
        rng.pick(PRACTICE_PREFIXES),
        rng.pick(PRACTICE_SUFFIXES)
    );
    let practice_code = format!(
        "{}{:05}",
        rng.pick(&['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Y']),
        rng.below(100_000)
    );
    LetterHeader {
        title: title.to_string(),
        first_name: first_name.to_string(),
        surname: rng.pick(SURNAMES).to_string(),
        nhs_number: test_nhs_number(rng),
        date_of_birth,
        letter_date,
        practice_name,
        practice_code,
        gp_name: rng.pick(GP_NAMES).to_string(),
    }
}

/// A date written one of the UK ways: 12/03/2025, 12.03.2025, 12-03-2025, 12 March 2025,
/// 12 Mar 2025, 12th March 2025, 12-Mar-2025.
pub fn uk_date(rng: &mut Rng, date: NaiveDate) -> String {
    let (d, m, y) = (date.day(), date.month0() as usize, date.year());
    let month = MONTHS[m.min(11)];
    match rng.below(7) {
        0 | 1 => format!("{d:02}/{:02}/{y}", m + 1),
        2 => format!("{d:02}.{:02}.{y}", m + 1),
        3 => format!("{d:02}-{:02}-{y}", m + 1),
        4 => format!("{d} {month} {y}"),
        5 => format!("{d} {} {y}", &month[..3]),
        _ => {
            if rng.chance(0.5) {
                format!("{d}{} {month} {y}", ordinal_suffix(d))
            } else {
                format!("{d:02}-{}-{y}", &month[..3])
            }
        }
    }
}

fn ordinal_suffix(d: u32) -> &'static str {
    match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_numbers_are_valid_and_in_the_test_range() {
        let mut rng = Rng::new(3);
        for _ in 0..500 {
            let n = test_nhs_number(&mut rng);
            assert!(n.starts_with("999 "), "{n}");
            assert!(NhsNumber::is_valid(&n), "{n}");
        }
    }

    #[test]
    fn date_of_birth_gives_the_drawn_age() {
        let mut rng = Rng::new(11);
        for age in 18..95 {
            let h = draw_header(&mut rng, age, Sex::Female);
            assert_eq!(age_at(h.date_of_birth, h.letter_date), Some(age));
        }
    }
}
