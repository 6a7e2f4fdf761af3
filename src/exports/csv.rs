//! The record's attendance and ballots as CSV (RFC 4180), for the secretariat's spreadsheets and
//! for anyone who checks the counts.
//!
//! Kinds, modes and choices are written by their stored names (`associate`, `in_person`,
//! `abstain`), which do not change with the language of a page. Only roll-call votes have
//! ballot rows: a secret vote's ballots are not in the record, and a row of counts would not fit
//! a file of one ballot a row, so its counts are left to the Popolo export.
//!
//! Text a person typed (names, questions, session titles) goes through [`text`]: a spreadsheet
//! runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a
//! formula, so such a cell gets a leading `'`, as OWASP advises against CSV injection. Numbers
//! and timestamps Plenary writes itself are left as they are.

use ::csv::{Terminator, Writer, WriterBuilder};
use chrono::SecondsFormat;

use crate::exports::popolo::voter_id;
use crate::record::{Attendee, BallotRecord, Record, VoteRecord};

const ATTENDANCE_HEADER: [&str; 7] = [
    "name",
    "country_code",
    "country",
    "kind",
    "mode",
    "delegates",
    "sessions",
];

/// Between the titles of the sessions an attendant took part in, when not the whole assembly.
const SESSION_SEPARATOR: &str = "; ";

const BALLOTS_HEADER: [&str; 8] = [
    "vote_id",
    "question",
    "member_id",
    "member",
    "country_code",
    "country",
    "choice",
    "cast_at",
];

/// One row per government or guest that took part, for the whole assembly or some sessions
/// (`sessions` lists those, empty for the whole assembly): member governments first, then
/// guests, as the record has them.
pub fn attendance_csv(record: &Record) -> String {
    let mut out = writer();
    write_row(&mut out, ATTENDANCE_HEADER.map(String::from));
    for attendee in &record.attendees {
        write_row(&mut out, attendance_row(attendee));
    }
    finish(out)
}

/// One row per ballot of each closed roll-call vote, in the order the votes were decided.
/// Secret votes have no rows (see the module's note).
pub fn ballots_csv(record: &Record) -> String {
    let mut out = writer();
    write_row(&mut out, BALLOTS_HEADER.map(String::from));
    let roll_calls = record
        .decisions
        .iter()
        .filter_map(|d| d.vote.as_ref())
        .filter(|v| v.roll_call && v.closed_at.is_some());
    for vote in roll_calls {
        for ballot in &vote.ballots {
            write_row(&mut out, ballot_row(vote, ballot));
        }
    }
    finish(out)
}

fn attendance_row(attendee: &Attendee) -> [String; 7] {
    let (code, country) = attendee
        .country
        .as_ref()
        .map_or((String::new(), String::new()), |c| {
            (text(&c.code), text(&c.name))
        });
    let kind = attendee
        .member_kind
        .map(|k| k.as_str())
        .or(attendee.guest_kind.map(|k| k.as_str()))
        .unwrap_or_default();
    [
        text(&attendee.name),
        code,
        country,
        kind.to_owned(),
        attendee.mode.as_str().to_owned(),
        attendee.delegates.to_string(),
        text(&attendee.sessions.join(SESSION_SEPARATOR)),
    ]
}

fn ballot_row(vote: &VoteRecord, ballot: &BallotRecord) -> [String; 8] {
    [
        vote.id.to_string(),
        text(&vote.question),
        // The same id the Popolo export gives the voter, so the two files join.
        text(&voter_id(&ballot.member)),
        text(&ballot.member.name),
        text(&ballot.member.country.code),
        text(&ballot.member.country.name),
        ballot.choice.as_str().to_owned(),
        ballot.cast_at.to_rfc3339_opts(SecondsFormat::Secs, true),
    ]
}

/// A text cell a spreadsheet will show as text: one that would start a formula gets a leading
/// `'` (see the module's note). Only text goes through here, so a negative number Plenary
/// writes stays a number.
pub fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// RFC 4180: CRLF line ends, fields quoted only when they must be.
fn writer() -> Writer<Vec<u8>> {
    WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(Vec::new())
}

// Writing into memory cannot fail, and every field is a String, so valid UTF-8 comes out.
fn write_row<const N: usize>(out: &mut Writer<Vec<u8>>, row: [String; N]) {
    out.write_record(row).expect("writing CSV into memory");
}

fn finish(out: Writer<Vec<u8>>) -> String {
    let bytes = out.into_inner().expect("flushing CSV into memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

#[cfg(test)]
mod tests {
    use ::csv::{ReaderBuilder, StringRecord};

    use super::*;
    use crate::exports::fixture;

    fn read(text: &str) -> (StringRecord, Vec<StringRecord>) {
        let mut reader = ReaderBuilder::new().from_reader(text.as_bytes());
        let header = reader.headers().expect("a header row").clone();
        let rows = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .expect("rows the reader accepts");
        (header, rows)
    }

    #[test]
    fn attendance_has_a_header_and_a_row_per_attendee() {
        let (header, rows) = read(&attendance_csv(&fixture::record()));
        assert_eq!(header, StringRecord::from(ATTENDANCE_HEADER.to_vec()));
        assert_eq!(rows.len(), 4);
        assert_eq!(
            rows[0],
            StringRecord::from(vec![
                "Gyeongsangbuk-do Province",
                "KR",
                "South Korea",
                "member",
                "online",
                "12",
                ""
            ])
        );
        assert_eq!(&rows[2][3], "associate");
    }

    #[test]
    fn a_name_with_commas_is_quoted_and_reads_back_whole() {
        let text = attendance_csv(&fixture::record());
        assert!(
            text.contains(
                "\"Trilateral Cooperation Secretariat (Japan, China, ROK)\",,,outside_body,in_person,1,Session 1\r\n"
            ),
            "{text}"
        );
        let (_, rows) = read(&text);
        let guest = &rows[3];
        assert_eq!(
            &guest[0],
            "Trilateral Cooperation Secretariat (Japan, China, ROK)"
        );
        assert_eq!((&guest[1], &guest[3]), ("", "outside_body"));
        assert_eq!(&guest[6], "Session 1", "present for one session only");
    }

    #[test]
    fn the_sessions_of_an_attendant_are_listed_in_one_cell() {
        let mut record = fixture::record();
        record.attendees[1].sessions = vec!["Opening, day one".into(), "Session 2".into()];
        let (_, rows) = read(&attendance_csv(&record));
        assert_eq!(&rows[1][6], "Opening, day one; Session 2");
        assert_eq!(&rows[0][6], "", "the whole assembly");
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text() {
        for (typed, written) in [
            (
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "'=HYPERLINK(\"http://evil.example\",\"x\")",
            ),
            ("+1-2", "'+1-2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("Ulm = Neu-Ulm", "Ulm = Neu-Ulm"),
            ("", ""),
        ] {
            assert_eq!(text(typed), written, "{typed:?}");
        }
    }

    #[test]
    fn every_text_column_of_both_files_is_neutralized_and_numbers_are_not() {
        let mut record = fixture::record();
        let formula = "=1+2";
        let attendee = &mut record.attendees[0];
        attendee.name = formula.into();
        attendee.country.as_mut().unwrap().name = "@country".into();
        attendee.sessions = vec!["-session".into()];
        let vote = record.decisions[0].vote.as_mut().unwrap();
        vote.question = "+question".into();
        vote.ballots[0].member.name = "-member".into();
        vote.id = -7;
        let (_, rows) = read(&attendance_csv(&record));
        assert_eq!(
            (&rows[0][0], &rows[0][2], &rows[0][5], &rows[0][6]),
            ("'=1+2", "'@country", "12", "'-session")
        );
        let (_, rows) = read(&ballots_csv(&record));
        assert_eq!(&rows[0][0], "-7", "a negative number stays a number");
        assert_eq!((&rows[0][1], &rows[0][3]), ("'+question", "'-member"));
    }

    #[test]
    fn a_double_quote_is_doubled() {
        let mut record = fixture::record();
        record.attendees[0].name = "The \"Pearl\" City, Ulsan".into();
        let text = attendance_csv(&record);
        assert!(text.contains("\"The \"\"Pearl\"\" City, Ulsan\""), "{text}");
        let (_, rows) = read(&text);
        assert_eq!(&rows[0][0], "The \"Pearl\" City, Ulsan");
    }

    #[test]
    fn ballots_of_a_roll_call_are_listed_and_a_secret_vote_has_none() {
        let (header, rows) = read(&ballots_csv(&fixture::record()));
        assert_eq!(header, StringRecord::from(BALLOTS_HEADER.to_vec()));
        // Two ballots of the roll-call vote 7; the secret vote 8 adds nothing.
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| &r[0] == "7"));
        assert_eq!(
            rows[1],
            StringRecord::from(vec![
                "7",
                "Shall Ulsan Metropolitan City chair the 14th term?",
                "ru-republic-of-sakha-yakutia",
                "Republic of Sakha (Yakutia)",
                "RU",
                "Russia",
                "yes",
                "2021-08-10T01:37:00Z",
            ])
        );
    }

    #[test]
    fn a_question_with_a_comma_is_quoted() {
        let mut record = fixture::record();
        let ballots = record.decisions[0].vote.as_ref().unwrap().ballots.clone();
        let vote = record.decisions[1].vote.as_mut().unwrap();
        vote.roll_call = true;
        vote.ballots = ballots;
        let text = ballots_csv(&record);
        assert!(
            text.contains(",\"Shall Liaoning Province, China, be admitted as a member?\","),
            "{text}"
        );
        let (_, rows) = read(&text);
        assert_eq!(rows.len(), 4);
        assert_eq!(
            &rows[3][1],
            "Shall Liaoning Province, China, be admitted as a member?"
        );
    }

    #[test]
    fn without_votes_there_is_only_the_header() {
        let mut record = fixture::record();
        record.decisions.clear();
        assert_eq!(
            ballots_csv(&record),
            "vote_id,question,member_id,member,country_code,country,choice,cast_at\r\n"
        );
    }
}
