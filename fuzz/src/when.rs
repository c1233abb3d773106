//! The forgiving date and time parser on any text, at any "now": never a
//! panic; what it reads is a whole minute in the years allowed, reads back
//! exactly from what the form shows, and a past-only field never gives a
//! time after now; what it refuses, it says why in words.

use chrono::{DateTime, Datelike, Utc};
use ri_chase::domain::time::parse_instant;
use ri_chase::domain::when::{describe, describe_day, parse_birth_day, parse_day, parse_past, parse_when};

const FROM_2000: i64 = 946_684_800;
const SPAN_TO_2040: i64 = 2_208_988_800 - FROM_2000;

/// The first 8 bytes choose "now" (2000 to 2040), the rest is the text typed.
pub fn split(bytes: &[u8]) -> (DateTime<Utc>, String) {
    let (head, text) = bytes.split_at(bytes.len().min(8));
    let mut n = [0u8; 8];
    n[..head.len()].copy_from_slice(head);
    let secs = FROM_2000 + (u64::from_le_bytes(n) % SPAN_TO_2040 as u64) as i64;
    (DateTime::from_timestamp(secs, 0).expect("in range"), String::from_utf8_lossy(text).into_owned())
}

pub fn when(bytes: &[u8]) {
    let (now, text) = split(bytes);
    typed(&text, now);
}

pub fn typed(text: &str, now: DateTime<Utc>) {
    match parse_when(text, now) {
        Ok(t) => {
            assert_eq!(t.timestamp().rem_euclid(60), 0, "{text:?} read as {t}: not a whole minute");
            let year = ri_chase::domain::time::uk_date(t).year();
            assert!((1900..=2100).contains(&year), "{text:?} read as {t}, outside the years allowed");
            assert_eq!(
                parse_when(&describe(t), now),
                Ok(t),
                "{text:?}: what the form shows, {}, reads back otherwise",
                describe(t)
            );
        }
        Err(e) => assert!(!e.to_string().trim().is_empty(), "{text:?} refused in no words"),
    }
    match parse_past(text, now) {
        Ok(t) => assert!(t <= now, "{text:?} at {now} gave {t}, after now, in a past-only field"),
        Err(e) => assert!(!e.to_string().trim().is_empty()),
    }
    let today = ri_chase::domain::time::uk_date(now);
    for (name, parse) in [("date", parse_day as fn(&str, _) -> _), ("date of birth", parse_birth_day)] {
        match parse(text, today) {
            Ok(d) => {
                assert!((1900..=2100).contains(&d.year()), "{text:?} as a {name}: {d}, outside the years allowed");
                assert_eq!(
                    parse(&describe_day(d), today),
                    Ok(d),
                    "{text:?} as a {name}: {} reads back otherwise",
                    describe_day(d)
                );
            }
            Err(e) => assert!(!e.to_string().trim().is_empty(), "{text:?} refused as a {name} in no words"),
        }
    }
    // The strict reader of --at and the files' times.
    if let Err(e) = parse_instant(text) {
        assert!(!e.to_string().trim().is_empty(), "{text:?} refused by parse_instant in no words");
    }
}
