//! The longest text each kind of field takes, in characters (not bytes: a Korean name is as long
//! as an English one). Written once here; the validation of every `New…` record, the OpenAPI
//! document (`maxLength`) and the forms (`maxlength`) all read these.

use crate::{Error, Problem, Result};

/// A name: of a member government, a person, a committee, a country, the association; an e-mail
/// address; a role, a time zone, a file name.
pub const NAME: usize = 200;
/// A title: of an assembly, a session, an agenda item, a vote's question, a headline; a venue,
/// a slogan, a place, a topic, a caption.
pub const TITLE: usize = 300;
/// A note of a few paragraphs: a reason, an item's outcome, a news lead, a statement.
pub const NOTE: usize = 5_000;
/// A long text: a declaration in one language, a news body, a report's outcomes (some ten
/// pages; in every working language it still fits the API's 1 MB bodies).
pub const LONG: usize = 20_000;
/// A password as typed (hashing a huge one would tie up a worker).
pub const PASSWORD: usize = 1_000;

/// The longest text the form field `field` takes (`form[title]` is the field `title`), for the
/// forms' `maxlength`; none for fields that are not free text.
pub fn max_for(field: &str) -> Option<usize> {
    let field = field
        .rsplit('[')
        .next()
        .unwrap_or(field)
        .trim_end_matches(']');
    Some(match field {
        "name" | "short_name" | "email" | "role" | "time_zone" | "guest_name" | "entity"
        | "actor" | "action" | "file" => NAME,
        "title" | "slogan" | "venue" | "question" | "headline" | "secretariat" | "topic"
        | "next_meeting_place" | "caption" => TITLE,
        // A person's outside body; the news body is a text area of its own, of LONG.
        "body" => TITLE,
        "reason" | "outcome" | "lead" | "statement" => NOTE,
        "outcomes" => LONG,
        "code" => 2,
        "current_password" | "new_password" | "password" => PASSWORD,
        _ => return None,
    })
}

/// `value` has at most `max` characters.
pub fn within(field: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            Problem::TooLong {
                max: i64::try_from(max).unwrap_or(i64::MAX),
            },
        ));
    }
    Ok(())
}

/// A required text: trimmed, not empty, at most `max` characters.
pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    let value = super::required(field, value)?;
    within(field, &value, max)?;
    Ok(value)
}

/// A text that may be left empty (then none): trimmed, at most `max` characters.
pub fn optional(field: &str, value: &str, max: usize) -> Result<Option<String>> {
    let value = super::optional_text(value);
    if let Some(v) = &value {
        within(field, v, max)?;
    }
    Ok(value)
}

/// An optional text as it came in a record: when given, at most `max` characters.
pub fn optional_within(field: &str, value: Option<&str>, max: usize) -> Result<()> {
    value.map_or(Ok(()), |v| within(field, v.trim(), max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        let korean = "울".repeat(NAME);
        assert!(korean.len() > NAME, "three bytes a character");
        assert_eq!(required("name", &korean, NAME).unwrap(), korean);
        let err = required("name", &format!("{korean}울"), NAME).unwrap_err();
        assert_eq!(err.field(), Some("name"));
        assert_eq!(err.problem(), Some(&Problem::TooLong { max: NAME as i64 }));
    }

    #[test]
    fn forms_take_as_much_as_the_records() {
        assert_eq!(max_for("form[title]"), Some(TITLE));
        assert_eq!(max_for("name"), Some(NAME));
        assert_eq!(max_for("reason"), Some(NOTE));
        assert_eq!(max_for("planned_minutes"), None);
    }

    #[test]
    fn text_is_trimmed_before_it_is_measured() {
        let padded = format!("  {}  ", "a".repeat(TITLE));
        assert_eq!(required("title", &padded, TITLE).unwrap().len(), TITLE);
        assert_eq!(optional("slogan", "   ", TITLE).unwrap(), None);
        assert!(optional("slogan", &"a".repeat(TITLE + 1), TITLE).is_err());
        assert!(optional_within("body", None, NAME).is_ok());
        assert!(optional_within("body", Some(&"a".repeat(NAME + 1)), NAME).is_err());
        assert_eq!(
            required("title", " ", TITLE).unwrap_err().problem(),
            Some(&Problem::Required)
        );
    }
}
