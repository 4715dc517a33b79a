//! `cargo xtask bench`: filtering a learning log of 5,000 entries as someone types a search,
//! natively (the browser figure comes with the carers' My learning page). Target: under 16 ms a
//! keystroke, one frame.

use std::collections::BTreeSet;
use std::time::Instant;

use portal_core::date::CalendarDate;
use portal_core::details::Text;
use portal_core::training::{Entry, LearningFilter, Minutes, TrainingFormat, TsdStandard};

const TOPICS: [&str; 8] = [
    "Safeguarding refresher",
    "Paediatric first aid",
    "Attachment and trauma",
    "Managing allegations",
    "Online safety for teenagers",
    "Life story work",
    "Contact with birth families",
    "Recording and reports",
];

fn text(raw: &str) -> Text {
    Text::parse(raw, "text", 2000).unwrap_or_else(|_| unreachable!("sample text is valid"))
}

fn entries(count: usize) -> Vec<Entry> {
    let start = CalendarDate::uk_date_of(1_600_000_000);
    (0..count)
        .map(|n| Entry {
            id: format!("entry-{n}"),
            title: text(&format!("{} {n}", TOPICS[n % TOPICS.len()])),
            date: start.add_days(i64::try_from(n % 2000).unwrap_or(0)),
            duration: Minutes::new(30 + u16::try_from(n % 300).unwrap_or(0))
                .unwrap_or_else(|| unreachable!()),
            format: TrainingFormat::ALL[n % TrainingFormat::ALL.len()],
            provider: Some(text("Northby Council fostering service")),
            course_id: None,
            standards: [TsdStandard::ALL[n % 7]]
                .into_iter()
                .collect::<BTreeSet<_>>(),
            members: vec![if n % 3 == 0 { "member-a" } else { "member-b" }.to_owned()],
            certificate: None,
            learned: Some(text(
                "How to help a child feel safe when plans change at short notice.",
            )),
            will_use: Some(text("Talk through the week ahead every Sunday evening.")),
            verified: None,
        })
        .collect()
}

fn main() {
    let log = entries(5000);
    let typed = "online safety";
    let mut slowest = 0.0_f64;
    let mut total = 0.0_f64;
    let mut shown = 0;
    for end in 1..=typed.len() {
        let filter = LearningFilter {
            words: typed[..end].to_owned(),
            ..LearningFilter::default()
        };
        let started = Instant::now();
        shown = filter.apply(&log).len();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        slowest = slowest.max(ms);
        total += ms;
    }
    #[allow(clippy::cast_precision_loss)]
    let average = total / typed.len() as f64;
    println!(
        "filter 5,000 entries per keystroke (native): average {average:.2} ms, slowest {slowest:.2} ms (target under 16 ms); {shown} entries match \"{typed}\""
    );
}
