//! The register: the association, countries, member governments, persons, committees, the
//! chairs by term, and the import of a register from CSV.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use plenary_core::actions;
use plenary_core::model::*;
use plenary_core::register_import;
use plenary_core::storage::{
    get_association, list_chairmanships, list_committees, list_countries, list_members,
    list_persons,
};
use plenary_core::views::RegisterPage;
use plenary_core::{Error, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{created, deleted, ok, ApiErrorBody, ApiResult, Body, Id};
use crate::auth::CallerOf;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register_show))
        .routes(routes!(association_show, association_update))
        .routes(routes!(chairmanships_list))
        .routes(routes!(chair_record, chair_remove))
        .routes(routes!(register_import))
        .routes(routes!(countries_list, country_create))
        .routes(routes!(country_update))
        .routes(routes!(members_list, member_create))
        .routes(routes!(member_update, member_delete))
        .routes(routes!(member_archive))
        .routes(routes!(persons_list, person_create))
        .routes(routes!(person_update, person_delete))
        .routes(routes!(committees_list, committee_create))
        .routes(routes!(committee_update, committee_delete))
}

/// The member register by country, with the chairs by term (what `/members` shows).
#[utoipa::path(get, path = "/api/register", tag = "register", responses((status = 200, body = RegisterPage)))]
async fn register_show(State(s): State<AppState>) -> ApiResult<Json<RegisterPage>> {
    ok(plenary_core::storage::register_page(&s.db).await)
}

#[utoipa::path(get, path = "/api/countries", tag = "register", responses((status = 200, body = [Country])))]
async fn countries_list(State(s): State<AppState>) -> ApiResult<Json<Vec<Country>>> {
    ok(s.db.reading(async |tx| list_countries(tx).await).await)
}

#[utoipa::path(post, path = "/api/countries", tag = "register", request_body = NewCountry,
    responses((status = 201, body = Country), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn country_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Body(input): Body<NewCountry>,
) -> ApiResult<(StatusCode, Json<Country>)> {
    created(actions::create_country(&s.db, c.actor(), &input).await)
}

#[utoipa::path(put, path = "/api/countries/{id}", tag = "register", params(("id" = i64, Path)), request_body = NewCountry,
    responses((status = 200, body = Country), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn country_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewCountry>,
) -> ApiResult<Json<Country>> {
    ok(actions::update_country_record(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(get, path = "/api/members", tag = "register", responses((status = 200, body = [Member])))]
async fn members_list(State(s): State<AppState>) -> ApiResult<Json<Vec<Member>>> {
    ok(s.db.reading(async |tx| list_members(tx).await).await)
}

#[utoipa::path(post, path = "/api/members", tag = "register", request_body = NewMember,
    responses((status = 201, body = Member), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn member_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Body(input): Body<NewMember>,
) -> ApiResult<(StatusCode, Json<Member>)> {
    created(actions::create_member(&s.db, c.actor(), &input).await)
}

#[utoipa::path(put, path = "/api/members/{id}", tag = "register", params(("id" = i64, Path)), request_body = NewMember,
    responses((status = 200, body = Member), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn member_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewMember>,
) -> ApiResult<Json<Member>> {
    ok(actions::update_member_record(&s.db, c.actor(), id, &input).await)
}

/// Deletes a member government; one with ballots or decisions must be archived instead (409).
#[utoipa::path(delete, path = "/api/members/{id}", tag = "register", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn member_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_member_record(&s.db, c.actor(), id).await)
}

#[utoipa::path(post, path = "/api/members/{id}/archive", tag = "register", params(("id" = i64, Path)),
    responses((status = 200, body = Member), (status = 404, body = ApiErrorBody)))]
async fn member_archive(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<Json<Member>> {
    ok(actions::archive_member(&s.db, c.actor(), id).await)
}

#[utoipa::path(get, path = "/api/persons", tag = "register", responses((status = 200, body = [Person])))]
async fn persons_list(State(s): State<AppState>) -> ApiResult<Json<Vec<Person>>> {
    ok(s.db.reading(async |tx| list_persons(tx).await).await)
}

#[utoipa::path(post, path = "/api/persons", tag = "register", request_body = NewPerson,
    responses((status = 201, body = Person), (status = 422, body = ApiErrorBody)))]
async fn person_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Body(input): Body<NewPerson>,
) -> ApiResult<(StatusCode, Json<Person>)> {
    created(actions::create_person(&s.db, c.actor(), &input).await)
}

#[utoipa::path(put, path = "/api/persons/{id}", tag = "register", params(("id" = i64, Path)), request_body = NewPerson,
    responses((status = 200, body = Person), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn person_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewPerson>,
) -> ApiResult<Json<Person>> {
    ok(actions::update_person_record(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(delete, path = "/api/persons/{id}", tag = "register", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn person_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_person_record(&s.db, c.actor(), id).await)
}

#[utoipa::path(get, path = "/api/committees", tag = "register", responses((status = 200, body = [Committee])))]
async fn committees_list(State(s): State<AppState>) -> ApiResult<Json<Vec<Committee>>> {
    ok(s.db.reading(async |tx| list_committees(tx).await).await)
}

#[utoipa::path(post, path = "/api/committees", tag = "register", request_body = NewCommittee,
    responses((status = 201, body = Committee), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn committee_create(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Body(input): Body<NewCommittee>,
) -> ApiResult<(StatusCode, Json<Committee>)> {
    created(actions::create_committee(&s.db, c.actor(), &input).await)
}

#[utoipa::path(put, path = "/api/committees/{id}", tag = "register", params(("id" = i64, Path)), request_body = NewCommittee,
    responses((status = 200, body = Committee), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn committee_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
    Body(input): Body<NewCommittee>,
) -> ApiResult<Json<Committee>> {
    ok(actions::update_committee_record(&s.db, c.actor(), id, &input).await)
}

#[utoipa::path(delete, path = "/api/committees/{id}", tag = "register", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn committee_delete(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(id): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::delete_committee_record(&s.db, c.actor(), id).await)
}

/// The association: its name, secretariat, languages, and whether associate members vote.
#[utoipa::path(get, path = "/api/association", tag = "register",
    responses((status = 200, body = NewAssociation), (status = 404, body = ApiErrorBody)))]
async fn association_show(State(s): State<AppState>) -> ApiResult<Json<NewAssociation>> {
    ok(s.db.reading(async |tx| get_association(tx).await).await)
}

/// Sets up the association (organizers): creates it on a database that has none (201), or
/// changes it (200). Whether associate members vote applies to votes from then on.
#[utoipa::path(put, path = "/api/association", tag = "register", request_body = NewAssociation,
    responses((status = 200, description = "The association was changed", body = NewAssociation),
        (status = 201, description = "The association was set up", body = NewAssociation),
        (status = 422, body = ApiErrorBody)))]
async fn association_update(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Body(input): Body<NewAssociation>,
) -> ApiResult<(StatusCode, Json<NewAssociation>)> {
    let (association, created) = actions::set_association(&s.db, c.actor(), &input).await?;
    Ok((created_or_ok(created), Json(association)))
}

fn created_or_ok(created: bool) -> StatusCode {
    if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}

/// The chairs by term, with the decision that elected each (none for a chair recorded from the
/// association's earlier history).
#[utoipa::path(get, path = "/api/chairmanships", tag = "register", responses((status = 200, body = [Chairmanship])))]
async fn chairmanships_list(State(s): State<AppState>) -> ApiResult<Json<Vec<Chairmanship>>> {
    ok(s.db.reading(async |tx| list_chairmanships(tx).await).await)
}

/// Records the chair of an earlier term without a decision (201), or changes such a chair
/// (200), so that a register can start mid-history. A chair an assembly elected changes only by
/// reversing its decision (409).
#[utoipa::path(put, path = "/api/chairmanships/{term}", tag = "register", params(("term" = i64, Path)), request_body = NewChair,
    responses((status = 200, description = "The chair was changed", body = Chairmanship),
        (status = 201, description = "The chair was recorded", body = Chairmanship),
        (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn chair_record(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(term): Id<i64>,
    Body(input): Body<NewChair>,
) -> ApiResult<(StatusCode, Json<Chairmanship>)> {
    let (chair, created) = actions::record_earlier_chair(&s.db, c.actor(), term, &input).await?;
    Ok((created_or_ok(created), Json(chair)))
}

/// Removes the chair of an earlier term; one an assembly elected is removed only by reversing
/// its decision (409).
#[utoipa::path(delete, path = "/api/chairmanships/{term}", tag = "register", params(("term" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn chair_remove(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    Id(term): Id<i64>,
) -> ApiResult<StatusCode> {
    deleted(actions::remove_earlier_chair(&s.db, c.actor(), term).await)
}

/// Imports the register from a CSV file (organizers), all rows or none. A header row names the
/// columns, in any order: `country_code`, `country_name`, `member_name`, `kind` (member,
/// associate, observer), `status` (applicant, active, withdrawn, archived), and optionally
/// `ordinal` and `joined` (YYYY-MM-DD). Countries are matched by code, member governments by
/// name (any case; a match is updated). A refused file answers 422 with
/// `problem.key = "rows_refused"` and every refused cell in `problem.args.rows` as
/// `{line, column, problem}` (the header is line 1); nothing is stored.
#[utoipa::path(post, path = "/api/register/import", tag = "register",
    request_body(content = String, content_type = "text/csv",
        description = "country_code,country_name,member_name,kind,status,ordinal,joined"),
    responses((status = 200, description = "What the import added and changed", body = ImportSummary),
        (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn register_import(
    State(s): State<AppState>,
    CallerOf(c): CallerOf,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<ImportSummary>> {
    let csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/csv"));
    if !csv {
        return Err(Error::invalid(
            "body",
            Problem::Unreadable {
                detail: "expected Content-Type: text/csv".into(),
            },
        )
        .into());
    }
    let text = std::str::from_utf8(&body).map_err(|_| {
        Error::invalid(
            register_import::FIELD,
            Problem::Unreadable {
                detail: "the file is not UTF-8 text".into(),
            },
        )
    })?;
    ok(actions::import_register(&s.db, c.actor(), text).await)
}
