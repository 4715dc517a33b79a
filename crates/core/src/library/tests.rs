use super::*;

fn day(text: &str) -> CalendarDate {
    CalendarDate::parse(text).expect("a date")
}

fn form(kind: &str, title: &str, body: &str) -> DocumentForm {
    DocumentForm {
        kind: kind.to_owned(),
        title: title.to_owned(),
        summary: "What the service expects.".to_owned(),
        body: body.to_owned(),
    }
}

fn document(id: &str, kind: &str, title: &str, body: &str) -> Document {
    Document::parse(id, &form(kind, title, body), None, day("2026-12-01")).expect("valid")
}

fn text(words: &str) -> Inline {
    Inline::Text(words.to_owned())
}

#[test]
fn a_body_is_read_into_headings_paragraphs_lists_and_links() {
    let body = "## Who to call\nRing the duty team\nduring office hours.\n\n- [Email us](mailto:team@example.org) any time\n- Call [the line](tel:01234567890)\nAfter the list.\n### Small\nSee [a [broken link and [the policy](/library/p1).";
    assert_eq!(
        blocks(body),
        vec![
            Block::Heading {
                level: 2,
                text: "Who to call".into()
            },
            Block::Paragraph(vec![text("Ring the duty team during office hours.")]),
            Block::List(vec![
                vec![
                    Inline::Link {
                        text: "Email us".into(),
                        href: "mailto:team@example.org".into()
                    },
                    text(" any time"),
                ],
                vec![
                    text("Call "),
                    Inline::Link {
                        text: "the line".into(),
                        href: "tel:01234567890".into()
                    },
                ],
            ]),
            Block::Paragraph(vec![text("After the list.")]),
            Block::Heading {
                level: 3,
                text: "Small".into()
            },
            Block::Paragraph(vec![
                text("See [a [broken link and "),
                Inline::Link {
                    text: "the policy".into(),
                    href: "/library/p1".into()
                },
                text("."),
            ]),
        ]
    );
    // Markup-like text that is not one of the conventions stays as typed.
    assert_eq!(
        blocks("##no space\n<script>x</script>"),
        vec![Block::Paragraph(vec![text(
            "##no space <script>x</script>"
        )])]
    );
}

#[test]
fn a_document_is_refused_with_a_message_for_each_problem() {
    let problems = Document::parse(
        "d1",
        &form("leaflet", " ", "See [this](javascript:alert(1))"),
        None,
        day("2026-12-01"),
    )
    .expect_err("refused");
    let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            DocumentField::Kind,
            DocumentField::Title,
            DocumentField::Body
        ]
    );
    assert!(problems[2].message.contains("\"this\""), "{problems:?}");
    for href in [
        "http://example.org",
        "//evil.example",
        "mailto:nobody",
        "https://",
    ] {
        let body = format!("[here]({href})");
        assert!(
            Document::parse("d", &form("policy", "T", &body), None, day("2026-12-01")).is_err(),
            "{href}"
        );
    }
}

#[test]
fn the_version_goes_up_only_when_the_words_change() {
    let first = document("p1", "policy", "Allegations", "Version one.");
    assert_eq!((first.version, first.updated_on), (1, day("2026-12-01")));

    let unchanged =
        Document::parse("p1", &first.form(), Some(&first), day("2027-01-05")).expect("valid");
    assert_eq!(
        (unchanged.version, unchanged.updated_on),
        (1, day("2026-12-01"))
    );

    let changed = Document::parse(
        "p1",
        &form("policy", "Allegations", "Version two."),
        Some(&first),
        day("2027-01-05"),
    )
    .expect("valid");
    assert_eq!(
        (changed.version, changed.updated_on),
        (2, day("2027-01-05"))
    );
}

#[test]
fn a_device_knows_what_was_read_and_what_changed_since() {
    let first = document("p1", "policy", "Allegations", "Version one.");
    let mut marks = BTreeSet::new();
    assert_eq!(first.read_state(&marks), ReadState::NotRead);
    marks.insert(first.read_mark());
    assert_eq!(first.read_state(&marks), ReadState::Read);

    let second = Document::parse(
        "p1",
        &form("policy", "Allegations", "Version two."),
        Some(&first),
        day("2027-01-05"),
    )
    .expect("valid");
    assert_eq!(second.read_state(&marks), ReadState::Updated);
    // Another document whose id starts the same is not this one.
    let other = document("p10", "policy", "Other", "Words.");
    assert_eq!(other.read_state(&marks), ReadState::NotRead);
}

#[test]
fn a_search_needs_every_word_and_puts_title_matches_first() {
    let documents = vec![
        document(
            "h",
            "handbook",
            "Handbook",
            "## Allowances\nYour fostering allowance is paid every two weeks.",
        ),
        document(
            "p",
            "policy",
            "Allowances and expenses",
            "How the fostering allowance is set.",
        ),
        document("c", "charter", "Charter", "We will pay you on time."),
    ];
    let titles = |query: &str| -> Vec<String> {
        search(&documents, query)
            .iter()
            .map(|f| f.document.title.clone())
            .collect()
    };
    assert_eq!(titles("ALLOWANCE"), ["Allowances and expenses", "Handbook"]);
    assert_eq!(titles("allowance weeks"), ["Handbook"]);
    assert_eq!(titles("  "), Vec::<String>::new());
    assert_eq!(titles("nothing like this"), Vec::<String>::new());

    let found = search(&documents, "weeks");
    assert_eq!(
        found[0].extract.as_deref(),
        Some("Your fostering allowance is paid every two weeks.")
    );
}

#[test]
fn a_long_extract_is_cut_between_words() {
    let long = format!("{} end", "word ".repeat(60));
    let cut = shorten(&long);
    assert!(cut.ends_with("word…"), "{cut}");
    assert!(cut.chars().count() <= EXTRACT_MAX + 1);
}
