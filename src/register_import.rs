//! Importing a member register from a CSV file, so that an association can start with the
//! register it already keeps. Reading and checking the file is pure and lives here; the action
//! (`actions::import_register`) stores every row or none.
//!
//! The file has a header row naming its columns, in any order:
//!
//! | column | what | required |
//! |---|---|---|
//! | `country_code` | ISO 3166-1 alpha-2 code; an existing country is matched by it | yes |
//! | `country_name` | the country's name, used when the code is new to the register | yes |
//! | `member_name` | the member government; an existing one is matched by name (any case) and updated | yes |
//! | `kind` | `member`, `associate` or `observer` | yes |
//! | `status` | `applicant`, `active`, `withdrawn` or `archived` | yes |
//! | `ordinal` | the order of admission ("the 79th member"), or empty | no |
//! | `joined` | the day the member joined, `YYYY-MM-DD`, or empty | no |
//!
//! Every refused cell is named by its line (the header is line 1) and its column, all at once,
//! so that a secretariat fixes its file in one pass.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::{
    parse_date, parse_optional_number, Member, MemberKind, MemberStatus, NewCountry, NewMember,
};
use crate::problem::RefusedCell;
use crate::{rules, Error, Problem, Result};

/// The columns a register file may have, in the order the documentation gives them.
pub const COLUMNS: [&str; 7] = [
    "country_code",
    "country_name",
    "member_name",
    "kind",
    "status",
    "ordinal",
    "joined",
];

/// The columns a register file must have; `ordinal` and `joined` may be left out.
pub const REQUIRED_COLUMNS: [&str; 5] = [
    "country_code",
    "country_name",
    "member_name",
    "kind",
    "status",
];

/// The field of the request that holds the whole file, as errors name it.
pub const FIELD: &str = "csv";

/// One member government as a line of the file gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterRow {
    /// The line of the file (the header is line 1).
    pub line: i64,
    pub country: NewCountry,
    pub member_name: String,
    pub kind: MemberKind,
    pub status: MemberStatus,
    pub ordinal: Option<i64>,
    pub joined: Option<NaiveDate>,
}

impl RegisterRow {
    /// The member government of this line, in the country `country_id`.
    pub fn member(&self, country_id: i64) -> NewMember {
        NewMember {
            country_id,
            name: self.member_name.clone(),
            kind: self.kind,
            status: self.status,
            ordinal: self.ordinal,
            joined: self.joined,
        }
    }
}

/// The refusal of an import: every refused cell, under the request's `csv` field.
pub fn refused(rows: Vec<RefusedCell>) -> Error {
    Error::invalid(FIELD, Problem::RowsRefused { rows })
}

fn cell(line: i64, column: &str, problem: Problem) -> RefusedCell {
    RefusedCell {
        line,
        column: column.to_owned(),
        problem,
    }
}

/// An error of a record's check as the refusal of one cell; the check names its own field, the
/// file its column.
fn at(line: i64, column: &str, error: Error) -> RefusedCell {
    let problem = error.problem().cloned().unwrap_or(Problem::Required);
    cell(line, column, problem)
}

/// Reads a register file: its rows, or every refused cell.
pub fn parse_register(text: &str) -> Result<Vec<RegisterRow>> {
    // Spreadsheets often save UTF-8 with a byte-order mark, which is no part of the first name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_ascii_lowercase()).collect(),
        Err(e) => return Err(refused(vec![unreadable(1, &e)])),
    };
    let columns = Columns::of(&header)?;
    let mut rows = Vec::new();
    let mut refusals = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as i64);
                let fields: Vec<&str> = record.iter().collect();
                match columns.row(line, &fields) {
                    Ok(row) => rows.push(row),
                    Err(cells) => refusals.extend(cells),
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as i64);
                refusals.push(unreadable(line, &e));
            }
        }
    }
    refusals.extend(repeated(&rows));
    if !refusals.is_empty() {
        refusals.sort_by_key(|a| a.line);
        return Err(refused(refusals));
    }
    if rows.is_empty() {
        return Err(Error::invalid(FIELD, Problem::Required));
    }
    Ok(rows)
}

fn unreadable(line: i64, e: &csv::Error) -> RefusedCell {
    // Only the kind of error: its text may quote the file back at length.
    let detail = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the line is not UTF-8 text".to_owned(),
        _ => "the line is not readable as CSV".to_owned(),
    };
    cell(line, FIELD, Problem::Unreadable { detail })
}

/// Where each known column is in the file.
struct Columns {
    index: HashMap<&'static str, usize>,
    count: usize,
}

impl Columns {
    /// The columns a header names, or the header's refused cells (line 1).
    fn of(header: &[String]) -> Result<Columns> {
        let mut index = HashMap::new();
        let mut refusals = Vec::new();
        for (i, name) in header.iter().enumerate() {
            match COLUMNS.iter().find(|c| **c == name.as_str()) {
                Some(c) if index.contains_key(c) => {
                    refusals.push(cell(1, c, Problem::RepeatsLine { line: 1 }))
                }
                Some(c) => {
                    index.insert(*c, i);
                }
                None => refusals.push(cell(
                    1,
                    name,
                    Problem::NotOneOf {
                        value: name.clone(),
                        allowed: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
                    },
                )),
            }
        }
        for c in REQUIRED_COLUMNS {
            if !index.contains_key(c) {
                refusals.push(cell(1, c, Problem::Required));
            }
        }
        if !refusals.is_empty() {
            return Err(refused(refusals));
        }
        Ok(Columns {
            index,
            count: header.len(),
        })
    }

    /// The value of `column` on a line (empty when the file has no such column).
    fn value<'a>(&self, fields: &[&'a str], column: &str) -> &'a str {
        self.index
            .get(column)
            .and_then(|&i| fields.get(i).copied())
            .unwrap_or("")
    }

    /// One line read as a member government, or its refused cells.
    fn row(
        &self,
        line: i64,
        fields: &[&str],
    ) -> std::result::Result<RegisterRow, Vec<RefusedCell>> {
        if fields.len() != self.count {
            let column = self
                .index
                .iter()
                .filter(|(_, &i)| i >= fields.len())
                .min_by_key(|(_, &i)| i)
                .map_or_else(
                    || format!("column {}", self.count + 1),
                    |(c, _)| (*c).to_owned(),
                );
            return Err(vec![cell(
                line,
                &column,
                Problem::FieldCount {
                    expected: self.count as i64,
                    found: fields.len() as i64,
                },
            )]);
        }
        let value = |column: &str| self.value(fields, column);
        let mut refusals = Vec::new();
        let mut check = |column: &str, result: Result<()>| {
            if let Err(e) = result {
                refusals.push(at(line, column, e));
            }
        };
        let country = NewCountry {
            code: value("country_code").to_uppercase(),
            name: value("country_name").to_owned(),
        };
        check("country_code", country_code(&country.code));
        check("country_name", required(&country.name));
        check("member_name", required(value("member_name")));
        let kind = MemberKind::parse("kind", &value("kind").to_ascii_lowercase());
        let status = MemberStatus::parse("status", &value("status").to_ascii_lowercase());
        let ordinal = parse_optional_number("ordinal", value("ordinal")).and_then(|n| {
            if let Some(n) = n {
                rules::in_range("ordinal", n, 1, rules::MAX_ORDINAL)?;
            }
            Ok(n)
        });
        let joined = match value("joined") {
            "" => Ok(None),
            day => parse_date("joined", day).map(Some),
        };
        check("kind", kind.as_ref().map(drop).map_err(Clone::clone));
        check("status", status.as_ref().map(drop).map_err(Clone::clone));
        check("ordinal", ordinal.as_ref().map(drop).map_err(Clone::clone));
        check("joined", joined.as_ref().map(drop).map_err(Clone::clone));
        match (kind, status, ordinal, joined) {
            (Ok(kind), Ok(status), Ok(ordinal), Ok(joined)) if refusals.is_empty() => {
                Ok(RegisterRow {
                    line,
                    country,
                    member_name: value("member_name").to_owned(),
                    kind,
                    status,
                    ordinal,
                    joined,
                })
            }
            _ => Err(refusals),
        }
    }
}

fn required(value: &str) -> Result<()> {
    crate::model::required("", value).map(drop)
}

fn country_code(code: &str) -> Result<()> {
    NewCountry {
        code: code.to_owned(),
        name: "-".to_owned(),
    }
    .validate()
}

/// How two names are compared: regardless of case, as the register compares them.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Lines that give a member government or an ordinal a line before them gave.
fn repeated(rows: &[RegisterRow]) -> Vec<RefusedCell> {
    let mut names: HashMap<String, i64> = HashMap::new();
    let mut ordinals: HashMap<i64, i64> = HashMap::new();
    let mut refusals = Vec::new();
    for row in rows {
        if let Some(&first) = names.get(&name_key(&row.member_name)) {
            refusals.push(cell(
                row.line,
                "member_name",
                Problem::RepeatsLine { line: first },
            ));
        } else {
            names.insert(name_key(&row.member_name), row.line);
        }
        if let Some(n) = row.ordinal {
            if let Some(&first) = ordinals.get(&n) {
                refusals.push(cell(
                    row.line,
                    "ordinal",
                    Problem::RepeatsLine { line: first },
                ));
            } else {
                ordinals.insert(n, row.line);
            }
        }
    }
    refusals
}

/// The member government of the register a row updates: the one of the same name, any case.
pub fn matching_member<'a>(row: &RegisterRow, register: &'a [Member]) -> Option<&'a Member> {
    let key = name_key(&row.member_name);
    register.iter().find(|m| name_key(&m.name) == key)
}

/// Rows that clash with the register: an ordinal another member government holds, one the file
/// does not give a new ordinal to.
pub fn clashes(rows: &[RegisterRow], register: &[Member]) -> Result<()> {
    let renumbered: HashMap<i64, Option<i64>> = rows
        .iter()
        .filter_map(|r| matching_member(r, register).map(|m| (m.id, r.ordinal)))
        .collect();
    let mut refusals = Vec::new();
    for row in rows {
        let Some(n) = row.ordinal else { continue };
        let this = matching_member(row, register).map(|m| m.id);
        let holder = register.iter().find(|m| {
            m.ordinal == Some(n)
                && Some(m.id) != this
                && renumbered.get(&m.id).is_none_or(|new| *new == Some(n))
        });
        if holder.is_some() {
            refusals.push(cell(row.line, "ordinal", Problem::MemberExists));
        }
    }
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(refused(refusals))
    }
}

/// A write of row `line` that the database refused, as the refusal of its cell: the record's
/// field named as the file's column.
pub fn refused_write(line: i64, error: Error) -> Error {
    let column = match error.field() {
        Some("code") => "country_code",
        Some("name") => "member_name",
        Some("country_id") => "country_code",
        Some(field) if COLUMNS.contains(&field) => field,
        _ => return error,
    };
    match error.problem().cloned() {
        Some(problem) => refused(vec![cell(line, column, problem)]),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "country_code,country_name,member_name,kind,status,ordinal,joined\n";

    fn cells(error: Error) -> Vec<(i64, String, Problem)> {
        assert_eq!(error.field(), Some(FIELD), "{error:?}");
        match error.problem() {
            Some(Problem::RowsRefused { rows }) => rows
                .iter()
                .map(|r| (r.line, r.column.clone(), r.problem.clone()))
                .collect(),
            other => panic!("not a refusal of rows: {other:?}"),
        }
    }

    #[test]
    fn a_good_file_gives_one_row_a_line() {
        let text = format!(
            "{HEADER}de,Germany,Land Brandenburg,member,active,1,1998-05-04\n\
             DE,Germany,Freistaat Sachsen,associate,applicant,,\n\
             \"AT\",\"Austria, Republic of\",Land Tirol,observer,withdrawn,3,\n"
        );
        let rows = parse_register(&text).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].country.code, "DE", "codes are upper-cased");
        assert_eq!(rows[0].joined, NaiveDate::from_ymd_opt(1998, 5, 4));
        assert_eq!(rows[1].ordinal, None);
        assert_eq!(rows[1].kind, MemberKind::Associate);
        assert_eq!(
            rows[2].country.name, "Austria, Republic of",
            "quoted commas"
        );
        assert_eq!(rows[2].status, MemberStatus::Withdrawn);
    }

    #[test]
    fn columns_come_in_any_order_and_the_optional_ones_may_be_missing() {
        // As a spreadsheet saves it: a byte-order mark, spaces and capitals in the header.
        let text = "\u{feff}Member_Name , kind,status,country_code,country_name\n\
                    Tirol,member,active,at,Austria\n";
        let rows = parse_register(text).unwrap();
        assert_eq!(rows[0].member_name, "Tirol");
        assert_eq!(rows[0].country.code, "AT");
        assert_eq!((rows[0].ordinal, rows[0].joined), (None, None));
    }

    #[test]
    fn every_bad_cell_is_named_by_line_and_column() {
        let text = format!(
            "{HEADER}DE,Germany,Brandenburg,member,active,1,\n\
             Germany,Germany,Sachsen,membr,active,0,4 May 1998\n\
             AT,,,member,active,2,\n"
        );
        let refused = cells(parse_register(&text).unwrap_err());
        let named: Vec<(i64, &str)> = refused.iter().map(|(l, c, _)| (*l, c.as_str())).collect();
        assert_eq!(
            named,
            [
                (3, "country_code"),
                (3, "kind"),
                (3, "ordinal"),
                (3, "joined"),
                (4, "country_name"),
                (4, "member_name"),
            ]
        );
        assert_eq!(refused[0].2, Problem::CountryCodeFormat);
        assert!(matches!(&refused[1].2, Problem::NotOneOf { value, .. } if value == "membr"));
        assert_eq!(
            refused[2].2,
            Problem::OutOfRange {
                min: 1,
                max: rules::MAX_ORDINAL
            }
        );
        assert_eq!(refused[3].2, Problem::DateFormat);
        assert_eq!(refused[4].2, Problem::Required);
    }

    #[test]
    fn a_header_without_a_required_column_or_with_an_unknown_one_is_refused() {
        let refused =
            cells(parse_register("country_code,member_name,kind,status,colour\n").unwrap_err());
        let named: Vec<(i64, &str)> = refused.iter().map(|(l, c, _)| (*l, c.as_str())).collect();
        assert_eq!(named, [(1, "colour"), (1, "country_name")]);
    }

    #[test]
    fn a_line_with_too_few_or_too_many_fields_names_the_count() {
        let text =
            format!("{HEADER}DE,Germany,Sachsen,member\nDE,Germany,Tirol,member,active,,,extra\n");
        let refused = cells(parse_register(&text).unwrap_err());
        assert_eq!(
            refused[0],
            (
                2,
                "status".to_owned(),
                Problem::FieldCount {
                    expected: 7,
                    found: 4
                }
            )
        );
        assert_eq!(
            refused[1],
            (
                3,
                "column 8".to_owned(),
                Problem::FieldCount {
                    expected: 7,
                    found: 8
                }
            )
        );
    }

    #[test]
    fn a_member_or_an_ordinal_given_twice_is_refused_on_its_second_line() {
        let text = format!(
            "{HEADER}DE,Germany,Sachsen,member,active,1,\n\
             DE,Germany,SACHSEN,member,active,2,\n\
             DE,Germany,Bayern,member,active,1,\n"
        );
        let refused = cells(parse_register(&text).unwrap_err());
        assert_eq!(
            refused,
            [
                (
                    3,
                    "member_name".to_owned(),
                    Problem::RepeatsLine { line: 2 }
                ),
                (4, "ordinal".to_owned(), Problem::RepeatsLine { line: 2 }),
            ]
        );
    }

    #[test]
    fn a_file_with_a_header_only_is_refused_as_empty() {
        let e = parse_register(HEADER).unwrap_err();
        assert_eq!(
            (e.field(), e.problem()),
            (Some(FIELD), Some(&Problem::Required))
        );
        assert!(parse_register("").is_err());
    }

    fn member(id: i64, name: &str, ordinal: Option<i64>) -> Member {
        Member {
            id,
            country_id: 1,
            name: name.into(),
            kind: MemberKind::Member,
            status: MemberStatus::Active,
            ordinal,
            joined: None,
        }
    }

    #[test]
    fn an_ordinal_another_member_holds_clashes_unless_the_file_renumbers_it() {
        let register = [member(1, "Sachsen", Some(1)), member(2, "Bayern", Some(2))];
        let text = format!("{HEADER}DE,Germany,Tirol,member,active,1,\n");
        let rows = parse_register(&text).unwrap();
        let refused = cells(clashes(&rows, &register).unwrap_err());
        assert_eq!(refused, [(2, "ordinal".to_owned(), Problem::MemberExists)]);

        let moved = format!(
            "{HEADER}DE,Germany,Tirol,member,active,1,\nDE,Germany,sachsen,member,active,3,\n"
        );
        let rows = parse_register(&moved).unwrap();
        assert!(clashes(&rows, &register).is_ok(), "Sachsen gives up 1");
        assert_eq!(matching_member(&rows[1], &register).map(|m| m.id), Some(1));

        let same = format!("{HEADER}DE,Germany,Bayern,member,active,2,\n");
        assert!(
            clashes(&parse_register(&same).unwrap(), &register).is_ok(),
            "its own ordinal"
        );
    }

    #[test]
    fn a_write_refused_by_the_database_names_the_column_of_its_field() {
        let e = refused_write(5, Error::conflict(Some("name"), Problem::MemberExists));
        assert_eq!(
            cells(e),
            [(5, "member_name".to_owned(), Problem::MemberExists)]
        );
        assert_eq!(refused_write(5, Error::Internal), Error::Internal);
    }
}
