//! Reading stored records by id or by parent, inside a transaction, for the organizer workspace,
//! the JSON API and the actions that change them.

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::FromRow;

use super::{internal, on_tx, stored, Tx};
use crate::auth::Role;
use crate::model::*;
use crate::{Error, Result};

/// A row type both engines can decode.
pub(crate) trait Row:
    Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow>
{
}
impl<T: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow>> Row for T {}

/// The rows `sql` returns for the one bound `key`.
pub(crate) async fn rows<R: Row>(tx: &mut Tx, sql: &str, key: i64) -> Result<Vec<R>> {
    on_tx!(tx, c => sqlx::query_as::<_, R>(sql).bind(key).fetch_all(c).await).map_err(internal)
}

/// The rows `sql` returns; it binds nothing.
pub(crate) async fn rows_of<R: Row>(tx: &mut Tx, sql: &str) -> Result<Vec<R>> {
    on_tx!(tx, c => sqlx::query_as::<_, R>(sql).fetch_all(c).await).map_err(internal)
}

/// The row `sql` returns for `key`, or `NotFound` naming `what`.
pub(crate) async fn row<R: Row>(tx: &mut Tx, sql: &str, key: i64, what: &str) -> Result<R> {
    on_tx!(tx, c => sqlx::query_as::<_, R>(sql).bind(key).fetch_optional(c).await)
        .map_err(internal)?
        .ok_or_else(|| Error::not_found(what))
}

/// Converts each row into its record.
fn all<R, T: TryFrom<R, Error = Error>>(rows: Vec<R>) -> Result<Vec<T>> {
    rows.into_iter().map(T::try_from).collect()
}

#[derive(FromRow)]
pub(crate) struct MemberRow {
    id: i64,
    country_id: i64,
    name: String,
    kind: String,
    status: String,
    ordinal: Option<i64>,
    joined: Option<chrono::NaiveDate>,
}

impl TryFrom<MemberRow> for Member {
    type Error = Error;
    fn try_from(r: MemberRow) -> Result<Self> {
        Ok(Member {
            id: r.id,
            country_id: r.country_id,
            name: r.name,
            kind: stored("members.kind", &r.kind)?,
            status: stored("members.status", &r.status)?,
            ordinal: r.ordinal,
            joined: r.joined,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct AssemblyRow {
    id: i64,
    number: i64,
    title: String,
    slogan: Option<String>,
    start_date: chrono::NaiveDate,
    end_date: chrono::NaiveDate,
    venue: String,
    host_member_id: Option<i64>,
    mode: String,
    time_zone: String,
    status: String,
}

impl TryFrom<AssemblyRow> for Assembly {
    type Error = Error;
    fn try_from(r: AssemblyRow) -> Result<Self> {
        Ok(Assembly {
            id: r.id,
            number: r.number,
            title: r.title,
            slogan: r.slogan,
            start_date: r.start_date,
            end_date: r.end_date,
            venue: r.venue,
            host_member_id: r.host_member_id,
            mode: stored("assemblies.mode", &r.mode)?,
            time_zone: r.time_zone,
            status: stored("assemblies.status", &r.status)?,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct SessionRow {
    id: i64,
    assembly_id: i64,
    position: i64,
    title: String,
    kind: String,
    planned_start: chrono::DateTime<chrono::Utc>,
}

impl TryFrom<SessionRow> for Session {
    type Error = Error;
    fn try_from(r: SessionRow) -> Result<Self> {
        Ok(Session {
            id: r.id,
            assembly_id: r.assembly_id,
            position: r.position,
            title: r.title,
            kind: stored("sessions.kind", &r.kind)?,
            planned_start: r.planned_start,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct ItemRow {
    id: i64,
    session_id: i64,
    position: i64,
    kind: String,
    title: String,
    planned_minutes: i64,
    status: String,
}

impl TryFrom<ItemRow> for AgendaItem {
    type Error = Error;
    fn try_from(r: ItemRow) -> Result<Self> {
        Ok(AgendaItem {
            id: r.id,
            session_id: r.session_id,
            position: r.position,
            kind: stored("agenda_items.kind", &r.kind)?,
            title: r.title,
            planned_minutes: r.planned_minutes,
            status: stored("agenda_items.status", &r.status)?,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct SpeakerRow {
    id: i64,
    agenda_item_id: i64,
    position: i64,
    person_id: Option<i64>,
    member_id: Option<i64>,
    role: String,
    delivery: String,
}

impl TryFrom<SpeakerRow> for SpeakerSlot {
    type Error = Error;
    fn try_from(r: SpeakerRow) -> Result<Self> {
        Ok(SpeakerSlot {
            id: r.id,
            agenda_item_id: r.agenda_item_id,
            position: r.position,
            person_id: r.person_id,
            member_id: r.member_id,
            role: r.role,
            delivery: stored("speaker_slots.delivery", &r.delivery)?,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct ApplicationRow {
    id: i64,
    assembly_id: i64,
    agenda_item_id: Option<i64>,
    kind: String,
    applicant_member_id: i64,
    term: Option<i64>,
    membership_kind: Option<String>,
    statement: Option<String>,
    status: String,
}

impl TryFrom<ApplicationRow> for Application {
    type Error = Error;
    fn try_from(r: ApplicationRow) -> Result<Self> {
        Ok(Application {
            id: r.id,
            assembly_id: r.assembly_id,
            agenda_item_id: r.agenda_item_id,
            kind: stored("applications.kind", &r.kind)?,
            applicant_member_id: r.applicant_member_id,
            term: r.term,
            membership_kind: r
                .membership_kind
                .as_deref()
                .map(|k| stored("applications.membership_kind", k))
                .transpose()?,
            statement: r.statement,
            status: stored("applications.status", &r.status)?,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    member_id: Option<i64>,
    active: bool,
}

impl TryFrom<UserRow> for User {
    type Error = Error;
    fn try_from(r: UserRow) -> Result<Self> {
        Ok(User {
            id: r.id,
            email: r.email,
            name: r.name,
            role: stored::<Role>("users.role", &r.role)?,
            member_id: r.member_id,
            active: r.active,
        })
    }
}

#[derive(FromRow)]
struct CountryRow {
    id: i64,
    code: String,
    name: String,
}

impl TryFrom<CountryRow> for Country {
    type Error = Error;
    fn try_from(r: CountryRow) -> Result<Self> {
        Ok(Country {
            id: r.id,
            code: r.code,
            name: r.name,
        })
    }
}

#[derive(FromRow)]
struct PersonRow {
    id: i64,
    name: String,
    title: String,
    member_id: Option<i64>,
    body: Option<String>,
}

impl TryFrom<PersonRow> for Person {
    type Error = Error;
    fn try_from(r: PersonRow) -> Result<Self> {
        Ok(Person {
            id: r.id,
            name: r.name,
            title: r.title,
            member_id: r.member_id,
            body: r.body,
        })
    }
}

#[derive(FromRow)]
struct CommitteeRow {
    id: i64,
    name: String,
    coordinating_member_id: Option<i64>,
}

impl TryFrom<CommitteeRow> for Committee {
    type Error = Error;
    fn try_from(r: CommitteeRow) -> Result<Self> {
        Ok(Committee {
            id: r.id,
            name: r.name,
            coordinating_member_id: r.coordinating_member_id,
        })
    }
}

const MEMBER: &str = "SELECT id, country_id, name, kind, status, ordinal, joined FROM members";
const ASSEMBLY: &str = "SELECT id, number, title, slogan, start_date, end_date, venue, host_member_id, mode, time_zone, status FROM assemblies";
const SESSION: &str = "SELECT id, assembly_id, position, title, kind, planned_start FROM sessions";
const ITEM: &str =
    "SELECT id, session_id, position, kind, title, planned_minutes, status FROM agenda_items";
const SPEAKER: &str =
    "SELECT id, agenda_item_id, position, person_id, member_id, role, delivery FROM speaker_slots";
const APPLICATION: &str = "SELECT id, assembly_id, agenda_item_id, kind, applicant_member_id, term, membership_kind, statement, status FROM applications";
const USER: &str = "SELECT id, email, name, role, member_id, active FROM users";

pub async fn list_countries(tx: &mut Tx) -> Result<Vec<Country>> {
    all(rows_of::<CountryRow>(tx, "SELECT id, code, name FROM countries ORDER BY name").await?)
}

pub async fn get_country(tx: &mut Tx, id: i64) -> Result<Country> {
    row::<CountryRow>(
        tx,
        "SELECT id, code, name FROM countries WHERE id = $1",
        id,
        "Country",
    )
    .await?
    .try_into()
}

pub async fn list_members(tx: &mut Tx) -> Result<Vec<Member>> {
    all(rows_of::<MemberRow>(tx, &format!("{MEMBER} ORDER BY name")).await?)
}

pub async fn get_member(tx: &mut Tx, id: i64) -> Result<Member> {
    row::<MemberRow>(
        tx,
        &format!("{MEMBER} WHERE id = $1"),
        id,
        "Member government",
    )
    .await?
    .try_into()
}

pub async fn list_persons(tx: &mut Tx) -> Result<Vec<Person>> {
    all(rows_of::<PersonRow>(
        tx,
        "SELECT id, name, title, member_id, body FROM persons ORDER BY name",
    )
    .await?)
}

pub async fn get_person(tx: &mut Tx, id: i64) -> Result<Person> {
    row::<PersonRow>(
        tx,
        "SELECT id, name, title, member_id, body FROM persons WHERE id = $1",
        id,
        "Person",
    )
    .await?
    .try_into()
}

pub async fn list_committees(tx: &mut Tx) -> Result<Vec<Committee>> {
    all(rows_of::<CommitteeRow>(
        tx,
        "SELECT id, name, coordinating_member_id FROM committees ORDER BY name",
    )
    .await?)
}

pub async fn get_committee(tx: &mut Tx, id: i64) -> Result<Committee> {
    row::<CommitteeRow>(
        tx,
        "SELECT id, name, coordinating_member_id FROM committees WHERE id = $1",
        id,
        "Committee",
    )
    .await?
    .try_into()
}

pub async fn list_assemblies(tx: &mut Tx) -> Result<Vec<Assembly>> {
    all(rows_of::<AssemblyRow>(tx, &format!("{ASSEMBLY} ORDER BY number DESC")).await?)
}

pub async fn get_assembly(tx: &mut Tx, number: i64) -> Result<Assembly> {
    row::<AssemblyRow>(
        tx,
        &format!("{ASSEMBLY} WHERE number = $1"),
        number,
        &format!("Assembly {number}"),
    )
    .await?
    .try_into()
}

pub async fn get_assembly_by_id(tx: &mut Tx, id: i64) -> Result<Assembly> {
    row::<AssemblyRow>(tx, &format!("{ASSEMBLY} WHERE id = $1"), id, "Assembly")
        .await?
        .try_into()
}

pub async fn list_sessions(tx: &mut Tx, assembly_id: i64) -> Result<Vec<Session>> {
    all(rows::<SessionRow>(
        tx,
        &format!("{SESSION} WHERE assembly_id = $1 ORDER BY position, id"),
        assembly_id,
    )
    .await?)
}

pub async fn get_session(tx: &mut Tx, id: i64) -> Result<Session> {
    row::<SessionRow>(tx, &format!("{SESSION} WHERE id = $1"), id, "Session")
        .await?
        .try_into()
}

pub async fn list_items(tx: &mut Tx, session_id: i64) -> Result<Vec<AgendaItem>> {
    all(rows::<ItemRow>(
        tx,
        &format!("{ITEM} WHERE session_id = $1 ORDER BY position, id"),
        session_id,
    )
    .await?)
}

pub async fn get_item(tx: &mut Tx, id: i64) -> Result<AgendaItem> {
    row::<ItemRow>(tx, &format!("{ITEM} WHERE id = $1"), id, "Agenda item")
        .await?
        .try_into()
}

pub async fn list_speakers(tx: &mut Tx, item_id: i64) -> Result<Vec<SpeakerSlot>> {
    all(rows::<SpeakerRow>(
        tx,
        &format!("{SPEAKER} WHERE agenda_item_id = $1 ORDER BY position, id"),
        item_id,
    )
    .await?)
}

pub async fn get_speaker(tx: &mut Tx, id: i64) -> Result<SpeakerSlot> {
    row::<SpeakerRow>(tx, &format!("{SPEAKER} WHERE id = $1"), id, "Speaker")
        .await?
        .try_into()
}

pub async fn list_applications(tx: &mut Tx, assembly_id: i64) -> Result<Vec<Application>> {
    all(rows::<ApplicationRow>(
        tx,
        &format!("{APPLICATION} WHERE assembly_id = $1 ORDER BY id"),
        assembly_id,
    )
    .await?)
}

pub async fn get_application(tx: &mut Tx, id: i64) -> Result<Application> {
    row::<ApplicationRow>(
        tx,
        &format!("{APPLICATION} WHERE id = $1"),
        id,
        "Application",
    )
    .await?
    .try_into()
}

pub async fn list_users(tx: &mut Tx) -> Result<Vec<User>> {
    all(rows_of::<UserRow>(tx, &format!("{USER} ORDER BY role DESC, name")).await?)
}

pub async fn get_user(tx: &mut Tx, id: i64) -> Result<User> {
    row::<UserRow>(tx, &format!("{USER} WHERE id = $1"), id, "User")
        .await?
        .try_into()
}

/// An assembly's postponements, oldest first, as pages show them.
pub async fn list_postponements(
    tx: &mut Tx,
    assembly_id: i64,
) -> Result<Vec<crate::views::PostponementView>> {
    let rows: Vec<(chrono::NaiveDate, chrono::NaiveDate, String)> = rows(
        tx,
        "SELECT from_date, to_date, reason FROM postponements WHERE assembly_id = $1 ORDER BY recorded_at, id",
        assembly_id,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(from, to, reason)| crate::views::PostponementView {
            from_date: from,
            to_date: to,
            reason,
        })
        .collect())
}
