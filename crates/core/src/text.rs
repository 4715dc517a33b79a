//! Small helpers for the words the portal writes.

/// The text with its first letter a capital: "aged 5 to 10" becomes "Aged 5 to 10".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Text made safe to put inside HTML: the five characters HTML gives meaning to are escaped.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A cell that a spreadsheet would read as a formula (a leading `=`, `+`, `-`, `@`, tab or
/// carriage return) gets an apostrophe first: these files are opened in spreadsheets, and a
/// carer's or an enquirer's words must never run there as a formula.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A CSV file (RFC 4180, lines ended CRLF) with a header row, every cell defused against
/// spreadsheet formulas. Written by `csv-core`, the writer inside the `csv` crate: it quotes
/// exactly what needs quoting and does no IO, so the core stays free of it, and it costs a
/// carer's phone far less than the `csv` crate's `std::io` writer.
pub fn csv_table<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = C>,
    C: IntoIterator,
    C::Item: AsRef<str>,
{
    let mut writer = csv_core::WriterBuilder::new()
        .terminator(csv_core::Terminator::CRLF)
        .build();
    let mut out = Vec::new();
    csv_row(&mut writer, header, &mut out);
    for row in rows {
        csv_row(&mut writer, row, &mut out);
    }
    // The cells were text, and the writer only adds quotes, commas and line ends.
    String::from_utf8(out)
        .unwrap_or_else(|bad| String::from_utf8_lossy(bad.as_bytes()).into_owned())
}

/// Writes one row's cells, each defused, then the line's end.
fn csv_row<C>(writer: &mut csv_core::Writer, cells: C, out: &mut Vec<u8>)
where
    C: IntoIterator,
    C::Item: AsRef<str>,
{
    // A delimiter or a line end (with a field's closing quote) is at most three bytes.
    let mut small = [0u8; 4];
    for (n, cell) in cells.into_iter().enumerate() {
        if n > 0 {
            let (_, written) = writer.delimiter(&mut small);
            out.extend_from_slice(&small[..written]);
        }
        let cell = defused(cell.as_ref());
        let mut input = cell.as_bytes();
        let mut buffer = [0u8; 256];
        loop {
            let (result, read, written) = writer.field(input, &mut buffer);
            out.extend_from_slice(&buffer[..written]);
            input = &input[read..];
            if result == csv_core::WriteResult::InputEmpty {
                break;
            }
        }
    }
    let (_, written) = writer.terminator(&mut small);
    out.extend_from_slice(&small[..written]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_cannot_be_smuggled_in() {
        assert_eq!(
            escape_html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn only_the_first_letter_changes() {
        assert_eq!(capitalise("weekday evenings"), "Weekday evenings");
        assert_eq!(capitalise("élan"), "Élan");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn a_csv_table_quotes_what_needs_quoting_and_defuses_formulas() {
        let csv = csv_table(
            &["Name", "Note"],
            [
                vec!["Ann, Bo", "=HYPERLINK(\"x\")"],
                vec!["-5", "plain"],
                vec!["two\nlines", "@sum"],
            ],
        );
        assert_eq!(
            csv,
            "Name,Note\r\n\"Ann, Bo\",\"'=HYPERLINK(\"\"x\"\")\"\r\n'-5,plain\r\n\"two\nlines\",'@sum\r\n"
        );
    }

    #[test]
    fn a_csv_cell_longer_than_the_writers_buffer_comes_whole() {
        let long = format!("{}, \"quoted\" {}", "a".repeat(300), "é".repeat(200));
        let csv = csv_table(&["Long"], [[long.as_str()]]);
        let expected = format!("Long\r\n\"{}\"\r\n", long.replace('"', "\"\""));
        assert_eq!(csv, expected);
    }
}
