//! The one error type shared by core, server functions, the HTTP API and the browser.
//!
//! It carries only what a user may see: bad input names its field and says what is wrong as a
//! [`Problem`] that every interface language can word; internal failures say nothing about their
//! cause (that is logged where it happens, see `storage::internal`).

use serde::{Deserialize, Serialize};

use crate::Problem;

/// What went wrong, in terms a user of Plenary can act on.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Error {
    /// A value the user gave is not acceptable; `field` names it.
    #[error("{field}: {}", .problem.english())]
    Invalid { field: String, problem: Problem },
    /// The thing asked for does not exist; `problem` may say what does (the languages a news
    /// summary is published in, say).
    #[error("{what} was not found")]
    NotFound {
        what: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        problem: Option<Problem>,
    },
    /// The request clashes with what is already recorded (a duplicate number, say).
    #[error("{}", .problem.english())]
    Conflict {
        field: Option<String>,
        problem: Problem,
    },
    /// The request needs a signed-in user.
    #[error("you need to sign in to do this")]
    Unauthenticated,
    /// The signed-in user may not do this.
    #[error("you are not allowed to do this")]
    Forbidden,
    /// Too many attempts in a short time (signing in); try again in a minute.
    #[error("too many attempts; wait a minute and try again")]
    TooManyRequests,
    /// Something failed inside Plenary; the details are in the server log.
    #[error("something went wrong on the server; the secretariat can find the details in its log")]
    Internal,
    /// The browser could not reach the server or understand its answer.
    #[error("could not reach the server: {message}")]
    Transport { message: String },
}

/// The result of every fallible operation in Plenary.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Bad input in `field`.
    pub fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        Error::Invalid {
            field: field.into(),
            problem,
        }
    }

    /// A clash with what is recorded, about `field` if one field is to blame.
    pub fn conflict(field: Option<&str>, problem: Problem) -> Self {
        Error::Conflict {
            field: field.map(str::to_owned),
            problem,
        }
    }

    /// `what` does not exist, e.g. `not_found("assembly 14")`.
    pub fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound {
            what: what.into(),
            problem: None,
        }
    }

    /// `what` does not exist, and `problem` says what does instead.
    pub fn not_found_because(what: impl Into<String>, problem: Problem) -> Self {
        Error::NotFound {
            what: what.into(),
            problem: Some(problem),
        }
    }

    /// A stable machine-readable code for the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Conflict { .. } => "conflict",
            Error::Unauthenticated => "unauthenticated",
            Error::Forbidden => "forbidden",
            Error::TooManyRequests => "too_many_requests",
            Error::Internal => "internal",
            Error::Transport { .. } => "transport",
        }
    }

    /// The HTTP status this error maps to.
    pub fn status(&self) -> u16 {
        match self {
            Error::Invalid { .. } => 422,
            Error::NotFound { .. } => 404,
            Error::Conflict { .. } => 409,
            Error::Unauthenticated => 401,
            Error::Forbidden => 403,
            Error::TooManyRequests => 429,
            Error::Internal | Error::Transport { .. } => 500,
        }
    }

    /// What is wrong with the input, for bad input and conflicts.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Invalid { problem, .. } | Error::Conflict { problem, .. } => Some(problem),
            Error::NotFound { problem, .. } => problem.as_ref(),
            _ => None,
        }
    }

    /// The field the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Conflict { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

#[cfg(feature = "server-fn")]
mod server_fn_support {
    use super::Error;
    use server_fn::codec::JsonEncoding;
    use server_fn::error::{FromServerFnError, ServerFnErrorErr};

    impl FromServerFnError for Error {
        type Encoder = JsonEncoding;

        fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
            Error::Transport {
                message: value.to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_names_its_field_in_the_message_and_the_json() {
        let e = Error::invalid("planned_minutes", Problem::MinutesOutOfRange { max: 600 });
        assert_eq!(
            e.to_string(),
            "planned_minutes: must be between 1 and 600 minutes"
        );
        assert_eq!(e.status(), 422);
        assert_eq!(e.field(), Some("planned_minutes"));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid",
                "field": "planned_minutes",
                "problem": {"key": "minutes_out_of_range", "args": {"max": 600}},
            })
        );
    }

    #[test]
    fn a_conflict_says_its_problem_in_english() {
        let e = Error::conflict(Some("number"), Problem::AssemblyNumberExists);
        assert_eq!(e.to_string(), "an assembly with this number already exists");
        assert_eq!((e.status(), e.field()), (409, Some("number")));
        assert_eq!(e.problem(), Some(&Problem::AssemblyNumberExists));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json["problem"],
            serde_json::json!({"key": "assembly_number_exists"})
        );
    }

    #[test]
    fn every_kind_of_error_serializes_for_server_functions() {
        let all = [
            Error::invalid("f", Problem::Required),
            Error::not_found("x"),
            Error::conflict(None, Problem::AlreadyRecorded),
            Error::Unauthenticated,
            Error::Forbidden,
            Error::TooManyRequests,
            Error::Internal,
            Error::Transport {
                message: "offline".into(),
            },
        ];
        for e in all {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<Error>(&json).unwrap(), e);
        }
    }

    #[test]
    fn internal_says_nothing_about_its_cause() {
        let text = Error::Internal.to_string();
        assert!(!text.contains("sql"), "{text}");
        assert_eq!(Error::Internal.status(), 500);
    }
}
