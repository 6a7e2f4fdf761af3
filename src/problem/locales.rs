//! The problems said once: the English the JSON API sends ([`Problem::english`]) is the English
//! the pages show (`err_<key>` of `app/locales/en.json`, filled in as `app/src/errors.rs` does),
//! and every locale says every problem under its key, with no key left over.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::tests::{every_problem, key};
use super::{Deletable, Problem};
use crate::model::{ApplicationStatus, AssemblyStatus, MemberKind, MemberStatus};
use crate::news::{long_date, Language};
use crate::Error;

/// The app's locale files (`[package.metadata.leptos-i18n]` of app/Cargo.toml), by code.
const LOCALES: [(&str, &str); 6] = [
    ("en", include_str!("../../app/locales/en.json")),
    ("ko", include_str!("../../app/locales/ko.json")),
    ("zh", include_str!("../../app/locales/zh.json")),
    ("ja", include_str!("../../app/locales/ja.json")),
    ("ru", include_str!("../../app/locales/ru.json")),
    ("mn", include_str!("../../app/locales/mn.json")),
];

/// Every kind of record whose deletion can be refused.
const DELETABLE: [Deletable; 6] = [
    Deletable::MemberGovernment,
    Deletable::Person,
    Deletable::Committee,
    Deletable::Session,
    Deletable::AgendaItem,
    Deletable::Application,
];

type Texts = Map<String, Value>;

fn locale(code: &str) -> Texts {
    let (_, file) = LOCALES.iter().find(|(c, _)| *c == code).unwrap();
    serde_json::from_str(file).unwrap_or_else(|e| panic!("app/locales/{code}.json: {e}"))
}

fn text<'a>(texts: &'a Texts, key: &str) -> &'a str {
    texts
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("app/locales/en.json has no text `{key}`"))
}

/// The `err_*` keys of a locale file.
fn error_keys(texts: &Texts) -> BTreeSet<String> {
    texts
        .keys()
        .filter(|k| k.starts_with("err_"))
        .cloned()
        .collect()
}

/// The text and the names of a template (`{{ name }}`): `parts[i]` comes before `names[i]`, the
/// last part after the last name.
fn split(key: &str, template: &str) -> (Vec<String>, Vec<String>) {
    let (mut parts, mut names) = (Vec::new(), Vec::new());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once("{{") {
        let (name, after) = after
            .split_once("}}")
            .unwrap_or_else(|| panic!("`{key}`: an unclosed `{{{{` in {template:?}"));
        // A formatter (`{{ n, number }}`) formats in leptos_i18n's way, which this test does not
        // copy: the problems' templates take their arguments as the app writes them.
        assert!(
            !name.contains(','),
            "`{key}`: {template:?} has a formatter, which this test does not copy"
        );
        parts.push(before.to_owned());
        names.push(name.trim().to_owned());
        rest = after;
    }
    parts.push(rest.to_owned());
    (parts, names)
}

/// The names a template fills in, sorted.
fn placeholders(key: &str, template: &str) -> Vec<String> {
    let mut names = split(key, template).1;
    names.sort();
    names
}

/// `template` with each `{{ name }}` replaced by its argument, as leptos_i18n interpolates.
/// Fails naming `key` when the template and the arguments name different things.
fn fill(key: &str, template: &str, args: &[(&str, String)]) -> String {
    let (parts, names) = split(key, template);
    let given: BTreeSet<&str> = args.iter().map(|(name, _)| *name).collect();
    let used: BTreeSet<&str> = names.iter().map(String::as_str).collect();
    assert_eq!(
        used, given,
        "`{key}`: en.json fills in {used:?} where the app gives {given:?}"
    );
    let value = |name: &str| args.iter().find(|(n, _)| *n == name).unwrap().1.as_str();
    let mut filled = parts[0].clone();
    for (name, part) in names.iter().zip(&parts[1..]) {
        filled.push_str(value(name));
        filled.push_str(part);
    }
    filled
}

/// The arguments `ProblemText` (app/src/errors.rs) gives `err_<key>` in English: numbers and
/// typed text as they are, the labels of closed sets from the locale file (`Label::tr`), dates
/// long (`text::date`), lists joined. A problem without arguments gives none.
fn page_arguments(problem: &Problem, en: &Texts) -> Vec<(&'static str, String)> {
    use Problem::*;
    let label = |prefix: &str, name: &str| text(en, &format!("{prefix}_{name}")).to_owned();
    let date = |d: &NaiveDate| long_date(Language::En, *d);
    match problem {
        MinutesOutOfRange { max } | TooLong { max } => vec![("max", max.to_string())],
        NotOneOf { value, allowed } => {
            vec![("value", value.clone()), ("allowed", allowed.join(", "))]
        }
        CannotPostpone { status } | VotesOnlyInProgress { status } => {
            vec![("status", label("astatus", status.as_str()))]
        }
        NoSuchAssembly { number } => vec![("number", number.to_string())],
        InUse { what } => {
            let name = serde_json::to_value(what).unwrap();
            vec![("what", label("deletable", name.as_str().unwrap()))]
        }
        PasswordTooShort { min } => vec![("min", min.to_string())],
        TermMustFollow { expected, given } => vec![
            ("expected", expected.to_string()),
            ("given", given.to_string()),
        ],
        AlreadyActiveMember { kind } => vec![("kind", label("mkind", kind.as_str()))],
        DelegateOfInactiveMember { status } => {
            vec![("status", label("mstatus", status.as_str()))]
        }
        SessionOutsideAssembly { first, last } | DateOutOfRange { first, last } => {
            vec![("first", date(first)), ("last", date(last))]
        }
        UnknownCommand { command } => vec![("command", command.clone())],
        Unreadable { detail } => vec![("detail", detail.clone())],
        OutOfRange { min, max } => vec![("min", min.to_string()), ("max", max.to_string())],
        ApplicationDecided { status } => vec![("status", label("apstatus", status.as_str()))],
        NoQuorum {
            present,
            members,
            percent,
        } => vec![
            ("present", present.to_string()),
            ("members", members.to_string()),
            ("percent", percent.to_string()),
        ],
        NotPresent { member } | NoVote { member } => vec![("member", member.clone())],
        AttachmentTooLarge { max_mb } => vec![("max_mb", max_mb.to_string())],
        AttachmentType { allowed } => vec![("allowed", allowed.clone())],
        RowsRefused { rows } => vec![("count", rows.len().to_string())],
        FieldCount { expected, found } => vec![
            ("expected", expected.to_string()),
            ("found", found.to_string()),
        ],
        RepeatsLine { line } => vec![("line", line.to_string())],
        UnknownLanguage { tag } => vec![("tag", tag.clone())],
        // A new problem with arguments lands here and fails in `fill`, naming its key.
        _ => Vec::new(),
    }
}

/// What a page shows for `problem` in English, as one line. The refused rows of an import, which
/// the page lists one per line (`refused_cell` and the cell's problem), are joined by "; ".
fn page_english(problem: &Problem, en: &Texts) -> String {
    let key = format!("err_{}", key(problem));
    let said = fill(&key, text(en, &key), &page_arguments(problem, en));
    let Problem::RowsRefused { rows } = problem else {
        return said;
    };
    let cells: Vec<String> = rows
        .iter()
        .map(|r| {
            let cell = fill(
                "refused_cell",
                text(en, "refused_cell"),
                &[("line", r.line.to_string()), ("column", r.column.clone())],
            );
            format!("{cell} {}", page_english(&r.problem, en))
        })
        .collect();
    format!("{said} {}", cells.join("; "))
}

/// One example of every problem, and one more for every value a label stands for.
fn examples() -> Vec<Problem> {
    let mut all = every_problem();
    for &status in AssemblyStatus::values() {
        all.push(Problem::CannotPostpone { status });
        all.push(Problem::VotesOnlyInProgress { status });
    }
    for &kind in MemberKind::values() {
        all.push(Problem::AlreadyActiveMember { kind });
    }
    for &status in MemberStatus::values() {
        all.push(Problem::DelegateOfInactiveMember { status });
    }
    for &status in ApplicationStatus::values() {
        all.push(Problem::ApplicationDecided { status });
    }
    for what in DELETABLE {
        all.push(Problem::InUse { what });
    }
    all
}

#[test]
fn the_api_says_every_problem_in_the_words_of_the_pages() {
    let en = locale("en");
    let differ: Vec<String> = examples()
        .iter()
        .filter_map(|problem| {
            let page = page_english(problem, &en);
            let api = problem.english();
            (page != api).then(|| {
                format!(
                    "err_{}:\n    app/locales/en.json says {page:?}\n    src/problem.rs      says {api:?}",
                    key(problem)
                )
            })
        })
        .collect();
    assert!(
        differ.is_empty(),
        "{} problem(s) read differently on the pages and in the API:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// The codes of the errors that are not a problem of the input; each has its own `err_<code>`.
fn error_codes() -> Vec<String> {
    [
        Error::NotFound {
            what: "assembly".into(),
            problem: None,
        },
        Error::Unauthenticated,
        Error::Forbidden,
        Error::TooManyRequests,
        Error::Internal,
        Error::Transport {
            message: "offline".into(),
        },
    ]
    .iter()
    .map(|e| {
        serde_json::to_value(e).unwrap()["code"]
            .as_str()
            .unwrap()
            .to_owned()
    })
    .collect()
}

#[test]
fn every_locale_says_every_problem_and_nothing_else() {
    let expected: BTreeSet<String> = every_problem()
        .iter()
        .map(key)
        .chain(error_codes())
        .map(|k| format!("err_{k}"))
        .collect();
    for (code, _) in LOCALES {
        let found = error_keys(&locale(code));
        let missing: Vec<_> = expected.difference(&found).collect();
        let orphaned: Vec<_> = found.difference(&expected).collect();
        assert!(
            missing.is_empty() && orphaned.is_empty(),
            "app/locales/{code}.json: missing {missing:?}; said for no problem or error: {orphaned:?}"
        );
    }
}

#[test]
fn every_locale_fills_in_the_names_english_fills_in() {
    let en = locale("en");
    let keys: Vec<String> = error_keys(&en)
        .into_iter()
        .chain(["refused_cell".to_owned()])
        .collect();
    for (code, _) in LOCALES {
        let theirs = locale(code);
        for key in &keys {
            // A missing key is the test above's to name.
            let Some(template) = theirs.get(key).and_then(Value::as_str) else {
                continue;
            };
            assert_eq!(
                placeholders(key, template),
                placeholders(key, text(&en, key)),
                "app/locales/{code}.json `{key}` {template:?} fills in other names than English"
            );
        }
    }
}
