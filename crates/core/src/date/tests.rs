use proptest::prelude::*;

use super::*;

fn date(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).expect(raw)
}

#[test]
fn dates_are_read_in_both_usual_forms_and_must_exist() {
    assert_eq!(date("2025-09-12").to_string(), "2025-09-12");
    assert_eq!(date("12/9/2025"), date("2025-09-12"));
    assert_eq!(date("2025-09-12").long_form(), "12 September 2025");
    assert_eq!(date("2024-02-29").long_form(), "29 February 2024");
    assert_eq!(CalendarDate::parse("2025-02-29"), Err(DateError::NoSuchDay));
    assert_eq!(CalendarDate::parse("1900-02-29"), Err(DateError::NoSuchDay));
    for bad in [
        "",
        "yesterday",
        "2025-13-01",
        "25-09-12",
        "2025-9",
        "2025-09-12-01",
        "+025-09-12",
    ] {
        assert!(CalendarDate::parse(bad).is_err(), "{bad}");
    }
    assert!(date("2025-01-31") < date("2025-02-01"));
}

#[test]
fn days_since_1970_become_dates() {
    assert_eq!(CalendarDate::from_days_since_1970(0), date("1970-01-01"));
    assert_eq!(
        CalendarDate::from_days_since_1970(20_414),
        date("2025-11-22")
    );
    assert_eq!(
        CalendarDate::from_days_since_1970(19_782),
        date("2024-02-29")
    );
}

#[test]
fn months_are_added_as_deadlines_are_read() {
    assert_eq!(date("2025-09-12").add_months(12), date("2026-09-12"));
    assert_eq!(date("2025-09-12").add_months(18), date("2027-03-12"));
    // A day the later month lacks becomes its last day.
    assert_eq!(date("2025-01-31").add_months(1), date("2025-02-28"));
    assert_eq!(date("2023-08-31").add_months(6), date("2024-02-29"));
    assert_eq!(date("2024-02-29").add_months(12), date("2025-02-28"));
    assert_eq!(date("2025-03-31").add_months(-1), date("2025-02-28"));
    assert_eq!(date("2025-01-15").add_months(-12), date("2024-01-15"));
}

#[test]
fn days_between_dates_count_whole_days() {
    assert_eq!(date("2025-12-31").days_until(date("2026-01-01")), 1);
    assert_eq!(date("2026-01-01").days_until(date("2025-12-31")), -1);
    assert_eq!(date("2024-01-01").days_until(date("2025-01-01")), 366);
    assert_eq!(date("2025-03-01").add_days(-1), date("2025-02-28"));
    assert_eq!(date("2025-06-15").start_of_year(), date("2025-01-01"));
}

#[test]
fn the_uk_date_follows_british_summer_time() {
    // 2025: BST from 01:00 UTC on 30 March to 01:00 UTC on 26 October.
    let utc = |day: &str, hour: i64, minute: i64| {
        date(day).days_since_1970() * 86_400 + hour * 3_600 + minute * 60
    };
    // Half past eleven at night UTC in July is half past midnight in the UK, the next day.
    assert_eq!(
        CalendarDate::uk_date_of(utc("2025-07-14", 23, 30)),
        date("2025-07-15")
    );
    // In winter the UK keeps UTC.
    assert_eq!(
        CalendarDate::uk_date_of(utc("2025-01-14", 23, 30)),
        date("2025-01-14")
    );
    // The switches, either side of 01:00 UTC.
    assert_eq!(
        CalendarDate::uk_date_of(utc("2025-03-29", 23, 30)),
        date("2025-03-29")
    );
    assert_eq!(
        CalendarDate::uk_date_of(utc("2025-03-30", 23, 30)),
        date("2025-03-31")
    );
    assert_eq!(
        CalendarDate::uk_date_of(utc("2025-10-25", 23, 30)),
        date("2025-10-26")
    );
    assert_eq!(
        CalendarDate::uk_date_of(utc("2025-10-26", 23, 30)),
        date("2025-10-26")
    );
}

#[test]
fn a_range_includes_the_whole_of_its_last_day() {
    let year = DateRange::new(date("2025-01-01"), date("2025-12-31")).expect("in order");
    assert!(year.contains(date("2025-12-31")));
    assert!(year.contains(date("2025-01-01")));
    assert!(!year.contains(date("2026-01-01")));
    assert!(DateRange::new(date("2025-02-01"), date("2025-01-01")).is_none());
}

proptest! {
    #[test]
    fn days_and_dates_convert_both_ways(days in -25_000_i64..375_000) {
        let day = CalendarDate::from_days_since_1970(days);
        prop_assert_eq!(day.days_since_1970(), days);
        prop_assert_eq!(CalendarDate::parse(&day.to_string()), Ok(day));
    }

    #[test]
    fn adding_months_never_makes_an_invalid_date_or_goes_back(
        days in 0_i64..30_000,
        months in 0_i32..240,
    ) {
        let start = CalendarDate::from_days_since_1970(days);
        let later = start.add_months(months);
        prop_assert!(later >= start);
        prop_assert_eq!(CalendarDate::parse(&later.to_string()), Ok(later));
    }

    #[test]
    fn the_uk_date_is_the_utc_date_or_the_day_after(seconds in 0_i64..4_000_000_000) {
        let utc = CalendarDate::from_days_since_1970(seconds.div_euclid(86_400));
        let uk = CalendarDate::uk_date_of(seconds);
        prop_assert!(uk == utc || uk == utc.add_days(1));
    }
}

fn time(raw: &str) -> LocalTime {
    LocalTime::parse(raw).expect(raw)
}

#[test]
fn times_are_read_as_people_write_them() {
    assert_eq!(time("19:00").to_string(), "19:00");
    assert_eq!(time("9.30").to_string(), "09:30");
    assert_eq!(time("7pm").to_string(), "19:00");
    assert_eq!(time("7.30 PM").to_string(), "19:30");
    assert_eq!(time("12am").to_string(), "00:00");
    assert_eq!(time("12pm").to_string(), "12:00");
    for wrong in ["", "24:00", "19:60", "13pm", "seven", "19", "1:5:0"] {
        assert_eq!(LocalTime::parse(wrong), Err(TimeError), "{wrong}");
    }
    assert_eq!(time("19:00").words(), "7pm");
    assert_eq!(time("10:30").words(), "10:30am");
    assert_eq!(time("12:00").words(), "12 noon");
}

#[test]
fn weekdays_and_the_nth_weekday_of_a_month() {
    assert_eq!(date("2026-11-22").weekday(), 6, "a Sunday");
    assert_eq!(date("2026-11-23").weekday(), 0, "a Monday");
    // The first and last Tuesdays of March 2026.
    assert_eq!(
        date("2026-03-15").nth_weekday_of_month(1, 1),
        Some(date("2026-03-03"))
    );
    assert_eq!(
        date("2026-03-15").last_weekday_of_month(1),
        date("2026-03-31")
    );
    assert_eq!(
        date("2026-03-01").nth_weekday_of_month(5, 1),
        Some(date("2026-03-31"))
    );
    assert_eq!(
        date("2026-02-01").nth_weekday_of_month(5, 1),
        None,
        "no fifth Tuesday"
    );
    assert_eq!(date("2026-02-01").nth_weekday_of_month(0, 1), None);
}

#[test]
fn local_times_keep_their_clock_time_across_summer_time() {
    // 19:00 in July is 18:00 UTC; in December it is 19:00 UTC.
    let july = uk_instant(date("2026-07-14"), time("19:00"));
    let december = uk_instant(date("2026-12-14"), time("19:00"));
    assert_eq!(july % 86_400, 18 * 3_600);
    assert_eq!(december % 86_400, 19 * 3_600);
    assert_eq!(uk_local_of(july), (date("2026-07-14"), time("19:00")));
    assert_eq!(uk_local_of(december), (date("2026-12-14"), time("19:00")));
    // The clocks went forward at 01:00 UTC on 29 March 2026: 01:30 does not exist that
    // morning and is read as 02:30 BST; the hour repeated on 25 October is read as BST.
    let skipped = uk_instant(date("2026-03-29"), time("01:30"));
    assert_eq!(uk_local_of(skipped), (date("2026-03-29"), time("02:30")));
    let repeated = uk_instant(date("2026-10-25"), time("01:30"));
    assert_eq!(uk_local_of(repeated), (date("2026-10-25"), time("01:30")));
    assert_eq!(
        uk_local_of(repeated + 3_600),
        (date("2026-10-25"), time("01:30"))
    );
}

proptest! {
    #[test]
    fn every_instant_reads_back_as_its_own_clock_time(seconds in 0_i64..4_102_444_800) {
        // Whole minutes, as local times are kept.
        let instant = seconds - seconds.rem_euclid(60);
        let (day, clock) = uk_local_of(instant);
        let back = uk_instant(day, clock);
        // The repeated autumn hour reads back as its first occurrence.
        prop_assert!(back == instant || back == instant - 3_600, "{instant} {day} {clock} {back}");
    }
}
