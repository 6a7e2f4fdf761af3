//! Who may read what: one line per read entry point (each GET route under `/api` and each
//! `load_…` server function), so that a read is authorized as explicitly as a change. A read
//! that is not listed here is for organizers only: a new route holding unpublished or secret
//! data is closed until someone decides it may be opened.
//!
//! The handlers and actions behind the organizer-only reads check the role again (pages call
//! the server functions in process during rendering, past this table).

use plenary_core::auth::Access;

/// GET routes under `/api`, as the OpenAPI document writes them (`{…}` matches one segment).
pub const API_READS: &[(&str, Access)] = &[
    // The API's own description.
    ("/api/openapi.json", Access::Public),
    // Who is signed in: answers 401 itself to anonymous callers.
    ("/api/session", Access::Public),
    // Accounts and the audit log (a secret vote's audit entries say who voted, never what).
    ("/api/users", Access::Organizer),
    ("/api/tokens", Access::Organizer),
    ("/api/audit", Access::Organizer),
    // The register and the association: what the public register page shows.
    ("/api/register", Access::Public),
    ("/api/countries", Access::Public),
    ("/api/members", Access::Public),
    ("/api/persons", Access::Public),
    ("/api/committees", Access::Public),
    ("/api/association", Access::Public),
    ("/api/chairmanships", Access::Public),
    // Assemblies and their agendas, as the public pages show them.
    ("/api/assemblies", Access::Public),
    ("/api/assemblies/{number}", Access::Public),
    ("/api/assemblies/{number}/agenda", Access::Public),
    ("/api/assemblies/{number}/sessions", Access::Public),
    ("/api/assemblies/{number}/applications", Access::Public),
    ("/api/sessions/{id}/items", Access::Public),
    ("/api/items/{id}/speakers", Access::Public),
    // The live view and its stream: the tally, and ballots only where the vote shows them.
    ("/api/assemblies/{number}/live", Access::Public),
    ("/api/assemblies/{number}/events", Access::Public),
    ("/api/votes/{id}", Access::Public),
    // The organizers' desks.
    ("/api/assemblies/{number}/votes", Access::Organizer),
    ("/api/assemblies/{number}/attendance", Access::Organizer),
    ("/api/assemblies/{number}/record-desk", Access::Organizer),
    // The record as published: roll-call ballots only, published news only; a photo is
    // refused by its action until a summary is published.
    ("/api/assemblies/{number}/record", Access::Public),
    ("/api/assemblies/{number}/news", Access::Public),
    ("/api/attachments/{id}", Access::Public),
    ("/api/assemblies/{number}/attendance.csv", Access::Public),
    ("/api/assemblies/{number}/ballots.csv", Access::Public),
    ("/api/assemblies/{number}/popolo.json", Access::Public),
    // Every row of the assembly, drafts and unpublished photos included: organizers only.
    ("/api/assemblies/{number}/document", Access::Organizer),
];

/// The server functions that only read (`load_…`).
pub const FUNCTION_READS: &[(&str, Access)] = &[
    // The caller's own identity, or nothing.
    ("load_me", Access::Public),
    // The public pages.
    ("load_home", Access::Public),
    ("load_assembly", Access::Public),
    ("load_agenda", Access::Public),
    ("load_register", Access::Public),
    ("load_live", Access::Public),
    ("load_minutes", Access::Public),
    ("load_news", Access::Public),
    // Names of the languages an assembly's pages show, from CLDR's data on the server.
    ("load_languages", Access::Public),
    ("load_association", Access::Public),
    // The delegate's own ballot paper; anyone else gets none.
    ("load_ballot_paper", Access::Public),
    // The organizers' workspace.
    ("load_workspace", Access::Organizer),
    ("load_editor", Access::Organizer),
    ("load_users", Access::Organizer),
    ("load_tokens", Access::Organizer),
    ("load_audit", Access::Organizer),
    ("load_vote_desk", Access::Organizer),
    ("load_record_desk", Access::Organizer),
    ("load_attendance_sheet", Access::Organizer),
];

/// Who may GET `path` under `/api`: its line in [`API_READS`], else organizers only.
pub fn api_read(path: &str) -> Access {
    API_READS
        .iter()
        .find(|(route, _)| matches(route, path))
        .map_or(Access::Organizer, |(_, access)| *access)
}

/// Who may call the reading server function `name`: its line in [`FUNCTION_READS`], else
/// organizers only.
pub fn function_read(name: &str) -> Access {
    FUNCTION_READS
        .iter()
        .find(|(function, _)| *function == name)
        .map_or(Access::Organizer, |(_, access)| *access)
}

/// Whether `path` is an address of `route` (a path whose `{…}` segments match any one segment).
pub(crate) fn matches(route: &str, path: &str) -> bool {
    let mut pattern = route.split('/');
    let mut given = path.split('/');
    loop {
        match (pattern.next(), given.next()) {
            (None, None) => return true,
            (Some(p), Some(g)) if p.starts_with('{') && p.ends_with('}') && !g.is_empty() => {}
            (Some(p), Some(g)) if p == g => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_segment_by_segment() {
        assert!(matches("/api/assemblies/{number}", "/api/assemblies/13"));
        assert!(!matches(
            "/api/assemblies/{number}",
            "/api/assemblies/13/document"
        ));
        assert!(!matches("/api/assemblies/{number}", "/api/assemblies/"));
        assert!(matches("/api/assemblies", "/api/assemblies"));
        assert!(!matches("/api/assemblies", "/api/assemblies/13"));
    }

    #[test]
    fn an_unlisted_read_is_for_organizers() {
        assert_eq!(api_read("/api/assemblies/13/document"), Access::Organizer);
        assert_eq!(api_read("/api/assemblies/13/record"), Access::Public);
        assert_eq!(api_read("/api/something-new"), Access::Organizer);
        assert_eq!(function_read("load_agenda"), Access::Public);
        assert_eq!(function_read("load_something_new"), Access::Organizer);
    }
}
