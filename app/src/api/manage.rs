//! The organizer workspace's server functions. Every argument arrives as form text and is
//! parsed in core, so a wrong value comes back as an error naming its field. A form core knows
//! (`CountryForm` …) is taken whole: flattened where the page posts its fields by their own
//! names (`code`, `name`), as `form` where it posts `form[…]`.

use leptos::prelude::*;
use plenary_core::model::*;
use plenary_core::views::{AssemblyEditor, Workspace};
use plenary_core::Error;

#[cfg(feature = "ssr")]
use super::{caller, db};
#[cfg(feature = "ssr")]
use plenary_core::actions;

/// An optional id from a hidden form field: empty means "new".
#[cfg(feature = "ssr")]
fn existing(id: &str) -> Result<Option<i64>, Error> {
    parse_optional_number("id", id)
}

#[server(prefix = "/sfn", endpoint = "load_workspace")]
pub async fn load_workspace() -> Result<Workspace, Error> {
    actions::overview(&db()?, caller().as_ref()).await
}

#[server(prefix = "/sfn", endpoint = "load_editor")]
pub async fn load_editor(number: i64) -> Result<AssemblyEditor, Error> {
    actions::editor(&db()?, caller().as_ref(), number).await
}

#[server(prefix = "/sfn", endpoint = "load_users")]
pub async fn load_users() -> Result<Vec<User>, Error> {
    plenary_core::auth::organizer(caller().as_ref())?;
    db()?
        .reading(async |tx| plenary_core::storage::list_users(tx).await)
        .await
}

#[server(prefix = "/sfn", endpoint = "load_audit")]
pub async fn load_audit(filter: AuditFilter) -> Result<Vec<AuditEntry>, Error> {
    actions::browse_audit(&db()?, caller().as_ref(), &filter).await
}

#[server(prefix = "/sfn", endpoint = "save_country")]
pub async fn save_country(
    id: String,
    #[server(flatten)] form: CountryForm,
) -> Result<Country, Error> {
    let (db, actor) = (db()?, caller());
    let input = form.parse()?;
    match existing(&id)? {
        Some(id) => actions::update_country_record(&db, actor.as_ref(), id, &input).await,
        None => actions::create_country(&db, actor.as_ref(), &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "save_member")]
pub async fn save_member(id: String, #[server(flatten)] form: MemberForm) -> Result<Member, Error> {
    let (db, actor) = (db()?, caller());
    let input = form.parse()?;
    match existing(&id)? {
        Some(id) => actions::update_member_record(&db, actor.as_ref(), id, &input).await,
        None => actions::create_member(&db, actor.as_ref(), &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "archive")]
pub async fn archive(id: i64) -> Result<Member, Error> {
    actions::archive_member(&db()?, caller().as_ref(), id).await
}

#[server(prefix = "/sfn", endpoint = "delete_member")]
pub async fn delete_member(id: i64) -> Result<(), Error> {
    actions::delete_member_record(&db()?, caller().as_ref(), id).await
}

#[server(prefix = "/sfn", endpoint = "save_person")]
pub async fn save_person(id: String, #[server(flatten)] form: PersonForm) -> Result<Person, Error> {
    let (db, actor) = (db()?, caller());
    let input = form.parse()?;
    match existing(&id)? {
        Some(id) => actions::update_person_record(&db, actor.as_ref(), id, &input).await,
        None => actions::create_person(&db, actor.as_ref(), &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "delete_person")]
pub async fn delete_person(id: i64) -> Result<(), Error> {
    actions::delete_person_record(&db()?, caller().as_ref(), id).await
}

#[server(prefix = "/sfn", endpoint = "save_committee")]
pub async fn save_committee(
    id: String,
    #[server(flatten)] form: CommitteeForm,
) -> Result<Committee, Error> {
    let (db, actor) = (db()?, caller());
    let input = form.parse()?;
    match existing(&id)? {
        Some(id) => actions::update_committee_record(&db, actor.as_ref(), id, &input).await,
        None => actions::create_committee(&db, actor.as_ref(), &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "delete_committee")]
pub async fn delete_committee(id: i64) -> Result<(), Error> {
    actions::delete_committee_record(&db()?, caller().as_ref(), id).await
}

/// Creates an assembly (`original` empty) or edits assembly number `original`.
#[server(prefix = "/sfn", endpoint = "save_assembly")]
pub async fn save_assembly(original: String, form: AssemblyForm) -> Result<Assembly, Error> {
    let (db, actor) = (db()?, caller());
    let input = form.parse()?;
    match parse_optional_number("original", &original)? {
        Some(number) => actions::update_assembly_record(&db, actor.as_ref(), number, &input).await,
        None => actions::create_assembly(&db, actor.as_ref(), &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "postpone")]
pub async fn postpone(number: i64, to_date: String, reason: String) -> Result<Assembly, Error> {
    let input = PostponeAssembly {
        to_date: parse_date("to_date", &to_date)?,
        reason,
    };
    actions::postpone_assembly(&db()?, caller().as_ref(), number, &input).await
}

#[server(prefix = "/sfn", endpoint = "cancel")]
pub async fn cancel(number: i64, reason: String) -> Result<Assembly, Error> {
    actions::cancel_assembly_record(
        &db()?,
        caller().as_ref(),
        number,
        &CancelAssembly { reason },
    )
    .await
}

#[server(prefix = "/sfn", endpoint = "copy_agenda_from")]
pub async fn copy_agenda_from(number: i64, from_number: String) -> Result<Vec<Session>, Error> {
    let input = CopyAgenda {
        from_number: parse_number("from_number", &from_number)?,
    };
    actions::copy_agenda(&db()?, caller().as_ref(), number, &input).await
}

#[server(prefix = "/sfn", endpoint = "save_session")]
pub async fn save_session(
    number: i64,
    id: String,
    title: String,
    kind: String,
    planned_start: String,
) -> Result<Session, Error> {
    let (db, actor) = (db()?, caller());
    plenary_core::auth::organizer(actor.as_ref())?;
    let time_zone = db
        .reading(async |tx| plenary_core::storage::get_assembly(tx, number).await)
        .await?
        .time_zone;
    let input = NewSession {
        title: required("title", &title)?,
        kind: SessionKind::parse("kind", &kind)?,
        planned_start: plenary_core::storage::venue_time(&time_zone, &planned_start)?.into(),
    };
    match existing(&id)? {
        Some(id) => actions::update_session_record(&db, actor.as_ref(), id, &input).await,
        None => actions::add_session(&db, actor.as_ref(), number, &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "delete_session")]
pub async fn delete_session(id: i64) -> Result<(), Error> {
    actions::delete_session_record(&db()?, caller().as_ref(), id).await
}

#[server(prefix = "/sfn", endpoint = "reorder_session")]
pub async fn reorder_session(id: i64, direction: String) -> Result<Session, Error> {
    actions::move_session(
        &db()?,
        caller().as_ref(),
        id,
        move_from_form(&direction, "")?,
    )
    .await
}

#[server(prefix = "/sfn", endpoint = "save_item")]
pub async fn save_item(
    session_id: i64,
    id: String,
    #[server(flatten)] form: AgendaItemForm,
) -> Result<AgendaItem, Error> {
    let (db, actor) = (db()?, caller());
    let input = form.parse()?;
    match existing(&id)? {
        Some(id) => actions::update_item_record(&db, actor.as_ref(), id, &input).await,
        None => actions::add_item(&db, actor.as_ref(), session_id, &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "delete_item")]
pub async fn delete_item(id: i64) -> Result<(), Error> {
    actions::delete_item_record(&db()?, caller().as_ref(), id).await
}

/// Moves an item "up", "down", or (dragged) to `position` in session `session_id`.
#[server(prefix = "/sfn", endpoint = "reorder_item")]
pub async fn reorder_item(
    id: i64,
    direction: String,
    position: String,
    session_id: String,
) -> Result<AgendaItem, Error> {
    let input = MoveItem {
        to: move_from_form(&direction, &position)?,
        session_id: parse_optional_number("session_id", &session_id)?,
    };
    actions::move_item(&db()?, caller().as_ref(), id, &input).await
}

#[server(prefix = "/sfn", endpoint = "save_speaker")]
pub async fn save_speaker(
    item_id: i64,
    id: String,
    #[server(flatten)] form: SpeakerSlotForm,
) -> Result<SpeakerSlot, Error> {
    let (db, actor) = (db()?, caller());
    let input = form.parse()?;
    match existing(&id)? {
        Some(id) => actions::update_speaker_record(&db, actor.as_ref(), id, &input).await,
        None => actions::add_speaker(&db, actor.as_ref(), item_id, &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "delete_speaker")]
pub async fn delete_speaker(id: i64) -> Result<(), Error> {
    actions::delete_speaker_record(&db()?, caller().as_ref(), id).await
}

#[server(prefix = "/sfn", endpoint = "reorder_speaker")]
pub async fn reorder_speaker(id: i64, direction: String) -> Result<SpeakerSlot, Error> {
    actions::move_speaker(
        &db()?,
        caller().as_ref(),
        id,
        move_from_form(&direction, "")?,
    )
    .await
}

#[server(prefix = "/sfn", endpoint = "save_application")]
pub async fn save_application(
    number: i64,
    id: String,
    form: ApplicationForm,
) -> Result<Application, Error> {
    let (db, actor) = (db()?, caller());
    let input = form.parse()?;
    match existing(&id)? {
        Some(id) => actions::update_application_record(&db, actor.as_ref(), id, &input).await,
        None => actions::create_application(&db, actor.as_ref(), number, &input).await,
    }
}

#[server(prefix = "/sfn", endpoint = "delete_application")]
pub async fn delete_application(id: i64) -> Result<(), Error> {
    actions::delete_application_record(&db()?, caller().as_ref(), id).await
}

/// Invites a user; answers with the first password to hand over.
#[server(prefix = "/sfn", endpoint = "invite_user")]
pub async fn invite_user(
    email: String,
    name: String,
    role: String,
    member_id: String,
) -> Result<(User, String), Error> {
    let input = NewUser {
        email,
        name,
        role: plenary_core::auth::Role::parse("role", &role)?,
        member_id: parse_optional_number("member_id", &member_id)?,
    };
    actions::invite_user(&db()?, caller().as_ref(), &input).await
}

#[server(prefix = "/sfn", endpoint = "reset_password")]
pub async fn reset_password(user_id: i64) -> Result<(User, String), Error> {
    actions::reset_password(&db()?, caller().as_ref(), user_id).await
}

/// Creates an API token for the caller, living `expires_in_days` (empty: the default); answers
/// with the token, shown once.
#[server(prefix = "/sfn", endpoint = "create_token")]
pub async fn create_token(name: String, expires_in_days: String) -> Result<String, Error> {
    let days = parse_optional_number("expires_in_days", &expires_in_days)?;
    actions::create_api_token(&db()?, caller().as_ref(), &name, days)
        .await
        .map(|(_, token)| token)
}

/// Every API token (organizers; the action checks).
#[server(prefix = "/sfn", endpoint = "load_tokens")]
pub async fn load_tokens() -> Result<Vec<ApiToken>, Error> {
    actions::browse_tokens(&db()?, caller().as_ref()).await
}

#[server(prefix = "/sfn", endpoint = "revoke_token")]
pub async fn revoke_token(token_id: i64) -> Result<ApiToken, Error> {
    actions::revoke_api_token(&db()?, caller().as_ref(), token_id).await
}

/// Deactivates (`active` false) or reactivates an account.
#[server(prefix = "/sfn", endpoint = "set_account_active")]
pub async fn set_account_active(user_id: i64, active: bool) -> Result<User, Error> {
    actions::set_account_active(&db()?, caller().as_ref(), user_id, active).await
}

/// The association, or none while it is not set up yet: the workspace asks for it first.
#[server(prefix = "/sfn", endpoint = "load_association_setup")]
pub async fn load_association_setup() -> Result<Option<NewAssociation>, Error> {
    plenary_core::auth::organizer(caller().as_ref())?;
    db()?
        .reading(async |tx| plenary_core::storage::find_association(tx).await)
        .await
}

/// Sets up the association, or changes it; whether associate members vote is kept (it has a
/// form of its own).
#[server(prefix = "/sfn", endpoint = "save_association")]
pub async fn save_association(
    #[server(flatten)] form: AssociationForm,
) -> Result<NewAssociation, Error> {
    let (db, actor) = (db()?, caller());
    plenary_core::auth::organizer(actor.as_ref())?;
    let recorded = db
        .reading(async |tx| plenary_core::storage::find_association(tx).await)
        .await?;
    let input = form.parse(recorded.is_some_and(|a| a.associates_vote))?;
    actions::set_association(&db, actor.as_ref(), &input)
        .await
        .map(|(a, _)| a)
}

/// Imports the register from the text of a CSV file (see `plenary_core::register_import`, on
/// the server).
#[server(prefix = "/sfn", endpoint = "import_register")]
pub async fn import_register(csv: String) -> Result<ImportSummary, Error> {
    actions::import_register(&db()?, caller().as_ref(), &csv).await
}

/// The chairs by term, with the decision that elected each.
#[server(prefix = "/sfn", endpoint = "load_chairmanships")]
pub async fn load_chairmanships() -> Result<Vec<Chairmanship>, Error> {
    plenary_core::auth::organizer(caller().as_ref())?;
    db()?
        .reading(async |tx| plenary_core::storage::list_chairmanships(tx).await)
        .await
}

/// Records (or changes) the chair of an earlier term, without a decision.
#[server(prefix = "/sfn", endpoint = "save_chair")]
pub async fn save_chair(term: String, member_id: String) -> Result<Chairmanship, Error> {
    let term = parse_number("term", &term)?;
    let input = NewChair {
        member_id: parse_number("member_id", &member_id)?,
    };
    actions::record_earlier_chair(&db()?, caller().as_ref(), term, &input)
        .await
        .map(|(c, _)| c)
}

#[server(prefix = "/sfn", endpoint = "remove_chair")]
pub async fn remove_chair(term: i64) -> Result<(), Error> {
    actions::remove_earlier_chair(&db()?, caller().as_ref(), term).await
}
