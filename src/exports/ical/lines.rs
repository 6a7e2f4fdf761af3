//! A small writer of RFC 5545 content lines: escaping of TEXT values, quoting of parameter
//! values, CRLF line ends and folding at 75 octets.
//!
//! Written here rather than taken from the `icalendar` crate (0.17): that crate can put a TZID
//! on a date-time, but it has no public way to build a VTIMEZONE (its `Other` component can
//! only be made by parsing text), and it writes a `DTSTAMP` of the current clock and a random
//! `UID` into every component that lacks them, STANDARD and DAYLIGHT included, which makes the
//! feed differ on every request and puts properties into VTIMEZONE that RFC 5545 does not
//! define there.

/// Longest content line, in octets, before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// An iCalendar object being written, line by line.
#[derive(Debug, Default)]
pub struct ContentLines {
    out: String,
}

impl ContentLines {
    pub fn begin(&mut self, component: &str) {
        self.line(&format!("BEGIN:{component}"));
    }

    pub fn end(&mut self, component: &str) {
        self.line(&format!("END:{component}"));
    }

    /// A property whose value is already in the syntax of its type (DATE-TIME, UTC-OFFSET,
    /// URI, an enumerated keyword): written as given.
    pub fn value(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = String::from(name);
        for (key, param) in params {
            line.push(';');
            line.push_str(key);
            line.push('=');
            line.push_str(&param_value(param));
        }
        line.push(':');
        line.push_str(value);
        self.line(&line);
    }

    /// A property of type TEXT.
    pub fn text(&mut self, name: &str, text: &str) {
        self.value(name, &[], &escape_text(text));
    }

    /// A property whose value is a list of TEXT (CATEGORIES): each item escaped, so a comma
    /// inside an item does not split it.
    pub fn text_list(&mut self, name: &str, items: &[&str]) {
        let escaped: Vec<String> = items.iter().map(|i| escape_text(i)).collect();
        self.value(name, &[], &escaped.join(","));
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn line(&mut self, line: &str) {
        self.out.push_str(&fold(line));
        self.out.push_str("\r\n");
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks; other
/// control characters are not allowed in TEXT and are dropped.
pub fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted when it holds a colon, semicolon or comma (RFC 5545 §3.2). A
/// double quote or a line break cannot appear even inside quotes, so they (and the caret) are
/// written in RFC 6868's caret encoding; other control characters are dropped.
fn param_value(value: &str) -> String {
    let mut clean = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '^' => clean.push_str("^^"),
            '"' => clean.push_str("^'"),
            '\n' => clean.push_str("^n"),
            c if c.is_control() => {}
            c => clean.push(c),
        }
    }
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Folds a content line so that no physical line exceeds 75 octets: every continuation starts
/// with one space, and a cut never falls inside a UTF-8 sequence.
///
/// A cut is also kept from leaving white space at the end of a physical line: some readers
/// (the `ical` crate among them) trim each physical line before unfolding and would lose it.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / LINE_OCTETS * 3);
    let mut rest = line;
    // The first physical line has 75 octets of room; a continuation 74 after its space.
    let mut room = LINE_OCTETS;
    while rest.len() > room {
        let cut = cut_point(rest, room);
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out
}

/// Where to cut `rest` so that the piece fits in `room` octets.
fn cut_point(rest: &str, room: usize) -> usize {
    let mut cut = room;
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let fits = cut;
    // Space and tab are one octet each, so one step back stays on a character boundary.
    while cut > 0 && rest[..cut].ends_with([' ', '\t']) {
        cut -= 1;
    }
    // A run of white space as long as the room: cut inside it after all.
    if cut == 0 {
        fits
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn physical_lines(folded: &str) -> Vec<&str> {
        folded.split("\r\n").collect()
    }

    fn unfold(folded: &str) -> String {
        folded.replace("\r\n ", "")
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_newlines() {
        assert_eq!(
            escape_text("a\\b; c, d\r\ne\rf\ng\u{7}"),
            "a\\\\b\\; c\\, d\\ne\\nf\\ng"
        );
    }

    #[test]
    fn a_short_line_is_not_folded() {
        assert_eq!(fold("SUMMARY:Session 1"), "SUMMARY:Session 1");
    }

    #[test]
    fn a_long_line_folds_at_75_octets_and_unfolds_to_itself() {
        let line = format!("DESCRIPTION:{}", "x".repeat(200));
        let folded = fold(&line);
        let lines = physical_lines(&folded);
        assert!(lines.len() > 2, "{folded}");
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1..]
            .iter()
            .all(|l| l.starts_with(' ') && l.len() <= 75));
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn folding_never_splits_a_multibyte_character() {
        // Hangul is three octets a character, so 75 is not a boundary after "SUMMARY:".
        let line = format!("SUMMARY:{}", "총회 선언문 채택".repeat(10));
        let folded = fold(&line);
        for l in physical_lines(&folded) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn folding_leaves_no_white_space_at_the_end_of_a_physical_line() {
        let line = format!("SUMMARY:{}", "word ".repeat(40));
        let folded = fold(&line);
        let lines = physical_lines(&folded);
        let (last, cut) = lines.split_last().unwrap();
        assert!(
            !cut.is_empty() && cut.iter().all(|l| !l.ends_with(' ')),
            "{folded}"
        );
        assert!(last.len() <= 75);
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn a_parameter_with_a_separator_is_quoted() {
        let mut lines = ContentLines::default();
        lines.value("X-PLACE", &[("ALTREP", "a:b"), ("TZID", "Asia/Seoul")], "v");
        assert_eq!(
            lines.finish(),
            "X-PLACE;ALTREP=\"a:b\";TZID=Asia/Seoul:v\r\n"
        );
    }

    #[test]
    fn a_double_quote_in_a_parameter_is_caret_encoded() {
        assert_eq!(param_value("say \"hi\" ^ n\n"), "say ^'hi^' ^^ n^n");
    }

    #[test]
    fn categories_keep_a_comma_inside_an_item() {
        let mut lines = ContentLines::default();
        lines.text_list("CATEGORIES", &["report", "questions, answers"]);
        assert_eq!(lines.finish(), "CATEGORIES:report,questions\\, answers\r\n");
    }
}
