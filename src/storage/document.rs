//! The whole assembly as one JSON document: the register it was held under and every row of the
//! assembly, with their ids, so that importing it into an empty database (on either engine)
//! reproduces the same pages. Accounts and the audit log stay behind: they are the deployment's,
//! not the assembly's.

use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{internal, on_tx, Db, Engine, Tx};
use crate::model::limits;
use crate::{Error, Problem, Result};

/// The format name and version a document carries; an import refuses any other.
pub const DOCUMENT_FORMAT: &str = "plenary.assembly/1";

/// Declares the row type of one table: its fields are its columns, in the order of the
/// `INSERT` an import runs, so a column cannot be exported and then forgotten on the way back.
macro_rules! table {
    ($(#[$meta:meta])* $name:ident in $table:literal { $($(#[$fmeta:meta])* $field:ident : $ty:ty $(= $max:tt)?),+ $(,)? }) => {
        $(#[$meta])*
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
        pub struct $name {
            $($(#[$fmeta])* $(#[cfg_attr(feature = "openapi", schema(max_length = $max))])? pub $field: $ty),+
        }

        impl $name {
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];

            /// Every row `filter` (a `WHERE …` clause on `t`, with `$1` the assembly) selects.
            async fn export(tx: &mut Tx, filter: &str, assembly: Option<i64>) -> Result<Vec<Self>> {
                let columns: Vec<String> = Self::COLUMNS.iter().map(|c| format!("t.{c}")).collect();
                let sql = format!("SELECT {} FROM {} t {filter} ORDER BY 1", columns.join(", "), Self::TABLE);
                match assembly {
                    Some(a) => on_tx!(tx, c => sqlx::query_as::<_, Self>(&sql).bind(a).fetch_all(c).await),
                    None => on_tx!(tx, c => sqlx::query_as::<_, Self>(&sql).fetch_all(c).await),
                }
                .map_err(internal)
            }

            async fn import(&self, tx: &mut Tx) -> Result<()> {
                // The same lengths as a record entered through the API: an import is no way
                // around them.
                $($(self.$field.within(concat!($table, ".", stringify!($field)), $max)?;)?)+
                let sql = insert_sql(Self::TABLE, Self::COLUMNS);
                on_tx!(tx, c => sqlx::query(&sql)$(.bind(&self.$field))+.execute(c).await.map(|r| r.rows_affected()))
                    .map_err(|e| refused(Self::TABLE, e))?;
                Ok(())
            }
        }
    };
}

/// A text column with a longest length (`= 300` after its type in `table!`: a literal, since
/// the OpenAPI attribute takes no constant; the contract test checks they are `limits`').
trait Limited {
    fn within(&self, field: &'static str, max: usize) -> Result<()>;
}

impl Limited for String {
    fn within(&self, field: &'static str, max: usize) -> Result<()> {
        limits::within(field, self, max)
    }
}

impl Limited for Option<String> {
    fn within(&self, field: &'static str, max: usize) -> Result<()> {
        limits::optional_within(field, self.as_deref(), max)
    }
}

/// The time zone of an association in a document from before associations had one.
fn utc() -> String {
    "UTC".to_owned()
}

fn insert_sql(table: &str, columns: &[&str]) -> String {
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        placeholders.join(", ")
    )
}

/// A row the database refused (a value outside a closed set, a broken reference): the
/// document is at fault, not the server.
fn refused(table: &str, e: sqlx::Error) -> Error {
    match e {
        sqlx::Error::Database(db) => {
            tracing::info!(table, error = %db, "an imported row was refused");
            Error::invalid(
                "document",
                Problem::Unreadable {
                    detail: format!("a row of {table} was refused: {}", db.message()),
                },
            )
        }
        e => internal(e),
    }
}

table!(AssociationRow in "association" {
    id: i64, name: String = 200, short_name: String = 200, secretariat: String = 300,
    founded_year: i64,
    /// Comma-separated BCP 47 tags.
    languages: String = 300, associates_vote: bool,
    /// Documents written before associations had a time zone have none: UTC.
    #[serde(default = "utc")]
    time_zone: String = 200,
});
table!(CountryRow in "countries" { id: i64, code: String = 200, name: String = 200 });
table!(MemberRow in "members" {
    id: i64, country_id: i64, name: String = 200, kind: String = 200, status: String = 200,
    ordinal: Option<i64>,
    #[serde(default)]
    joined: Option<NaiveDate>,
});
table!(PersonRow in "persons" {
    id: i64, name: String = 200, title: String = 300, member_id: Option<i64>,
    body: Option<String> = 300,
});
table!(CommitteeRow in "committees" {
    id: i64, name: String = 200, coordinating_member_id: Option<i64>,
});
table!(ChairmanshipRow in "chairmanships" {
    id: i64, term: i64, member_id: i64, decision_id: Option<i64>,
});
table!(AssemblyRow in "assemblies" {
    id: i64, number: i64, title: String = 300, slogan: Option<String> = 300,
    start_date: NaiveDate, end_date: NaiveDate, venue: String = 300,
    host_member_id: Option<i64>, mode: String = 200, time_zone: String = 200,
    status: String = 200, cancellation_reason: Option<String> = 5000, check_in_open: bool,
});
table!(PostponementRow in "postponements" {
    id: i64, assembly_id: i64, from_date: NaiveDate, to_date: NaiveDate, reason: String = 5000,
    recorded_at: DateTime<Utc>,
});
table!(SessionRow in "sessions" {
    id: i64, assembly_id: i64, position: i64, title: String = 300, kind: String = 200,
    planned_start: DateTime<Utc>, actual_start: Option<DateTime<Utc>>,
    actual_end: Option<DateTime<Utc>>,
});
table!(ItemRow in "agenda_items" {
    id: i64, session_id: i64, position: i64, kind: String = 200, title: String = 300,
    planned_minutes: i64, status: String = 200, outcome: Option<String> = 5000,
    actual_start: Option<DateTime<Utc>>, actual_end: Option<DateTime<Utc>>,
});
table!(SpeakerRow in "speaker_slots" {
    id: i64, agenda_item_id: i64, position: i64, person_id: Option<i64>,
    member_id: Option<i64>, role: String = 200, delivery: String = 200,
});
table!(ApplicationRow in "applications" {
    id: i64, assembly_id: i64, agenda_item_id: Option<i64>, kind: String = 200,
    applicant_member_id: i64, term: Option<i64>, membership_kind: Option<String> = 200,
    statement: Option<String> = 5000, status: String = 200,
});
table!(VoteRow in "votes" {
    id: i64, assembly_id: i64, agenda_item_id: Option<i64>, application_id: Option<i64>,
    question: String = 300, rule: String = 200, quorum_percent: i64, show_ballots: bool,
    status: String = 200, opened_at: DateTime<Utc>, closed_at: Option<DateTime<Utc>>,
    roll_call: bool,
    /// The tally the vote closed with (JSON).
    result: Option<String> = 5000,
});
table!(BallotRow in "ballots" {
    id: i64, vote_id: i64, member_id: i64, choice: String = 200, cast_at: DateTime<Utc>,
});
table!(DecisionRow in "decisions" {
    id: i64, assembly_id: i64, agenda_item_id: Option<i64>, vote_id: Option<i64>,
    application_id: Option<i64>, outcome: String = 200,
    /// What the decision changed (JSON).
    effect: String = 5000, summary: String = 5000,
    decided_at: DateTime<Utc>, reversed_at: Option<DateTime<Utc>>,
    reversal_reason: Option<String> = 5000, method: String = 200,
    objections: Option<String> = 5000,
});
table!(AttendanceRow in "attendance" {
    id: i64, assembly_id: i64, session_id: Option<i64>, member_id: Option<i64>,
    guest_name: Option<String> = 200, guest_kind: Option<String> = 200, mode: String = 200,
    delegates: i64,
});
table!(ReportRow in "reports" {
    id: i64, assembly_id: i64, agenda_item_id: Option<i64>, committee_id: i64,
    presenting_member_id: i64, outcomes: Option<String> = 20000,
    next_meeting_place: Option<String> = 300, next_meeting_date: Option<NaiveDate>,
});
table!(PresentationRow in "presentations" {
    id: i64, assembly_id: i64, agenda_item_id: Option<i64>, member_id: i64,
    topic: Option<String> = 300,
});
table!(DeclarationRow in "declarations" {
    id: i64, assembly_id: i64, agenda_item_id: Option<i64>, title: String = 300,
    adopted_at: Option<DateTime<Utc>>,
});
table!(DeclarationTextRow in "declaration_texts" {
    declaration_id: i64, language: String = 200, body: String = 20000,
});
table!(NewsRow in "news_summaries" {
    id: i64, assembly_id: i64, language: String = 200, headline: String = 300,
    lead: String = 5000, body: String = 20000, status: String = 200, updated_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
});
table!(AttachmentRow in "news_attachments" {
    id: i64, assembly_id: i64, file_name: String = 200, content_type: String = 200,
    size: i64, caption: Option<String> = 300,
    /// The photo's bytes, base64-encoded.
    #[serde(serialize_with = "to_base64", deserialize_with = "from_base64")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Byte))]
    data: Vec<u8>,
    uploaded_at: DateTime<Utc>,
});

fn to_base64<S: Serializer>(data: &[u8], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(data))
}

fn from_base64<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<u8>, D::Error> {
    let text = String::deserialize(d)?;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(serde::de::Error::custom)
}

/// One assembly and the register it was held under, every row with its id.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssemblyDocument {
    /// "plenary.assembly/1".
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub format: String,
    pub association: Option<AssociationRow>,
    pub countries: Vec<CountryRow>,
    pub members: Vec<MemberRow>,
    pub persons: Vec<PersonRow>,
    pub committees: Vec<CommitteeRow>,
    pub chairmanships: Vec<ChairmanshipRow>,
    pub assembly: AssemblyRow,
    pub postponements: Vec<PostponementRow>,
    pub sessions: Vec<SessionRow>,
    pub agenda_items: Vec<ItemRow>,
    pub speaker_slots: Vec<SpeakerRow>,
    pub applications: Vec<ApplicationRow>,
    pub votes: Vec<VoteRow>,
    pub ballots: Vec<BallotRow>,
    pub decisions: Vec<DecisionRow>,
    pub attendance: Vec<AttendanceRow>,
    pub reports: Vec<ReportRow>,
    pub presentations: Vec<PresentationRow>,
    pub declarations: Vec<DeclarationRow>,
    pub declaration_texts: Vec<DeclarationTextRow>,
    pub news_summaries: Vec<NewsRow>,
    pub news_attachments: Vec<AttachmentRow>,
}

const OF_ASSEMBLY: &str = "WHERE t.assembly_id = $1";
const ALL: &str = "";

/// The document of assembly `number`.
pub async fn export_document(db: &Db, number: i64) -> Result<AssemblyDocument> {
    db.reading(async |tx| {
        let id = super::get_assembly(tx, number).await?.id;
        let a = Some(id);
        Ok(AssemblyDocument {
            format: DOCUMENT_FORMAT.into(),
            association: AssociationRow::export(tx, ALL, None).await?.pop(),
            countries: CountryRow::export(tx, ALL, None).await?,
            members: MemberRow::export(tx, ALL, None).await?,
            persons: PersonRow::export(tx, ALL, None).await?,
            committees: CommitteeRow::export(tx, ALL, None).await?,
            chairmanships: ChairmanshipRow::export(tx, ALL, None).await?,
            assembly: AssemblyRow::export(tx, "WHERE t.id = $1", a)
                .await?
                .pop()
                .ok_or(Error::Internal)?,
            postponements: PostponementRow::export(tx, OF_ASSEMBLY, a).await?,
            sessions: SessionRow::export(tx, OF_ASSEMBLY, a).await?,
            agenda_items: ItemRow::export(
                tx,
                "WHERE t.session_id IN (SELECT id FROM sessions WHERE assembly_id = $1)",
                a,
            )
            .await?,
            speaker_slots: SpeakerRow::export(
                tx,
                "WHERE t.agenda_item_id IN (SELECT i.id FROM agenda_items i JOIN sessions s ON s.id = i.session_id WHERE s.assembly_id = $1)",
                a,
            )
            .await?,
            applications: ApplicationRow::export(tx, OF_ASSEMBLY, a).await?,
            votes: VoteRow::export(tx, OF_ASSEMBLY, a).await?,
            // A secret vote's ballots say who chose what: they stay behind, and its counts
            // travel in the vote's result.
            ballots: BallotRow::export(
                tx,
                "WHERE t.vote_id IN (SELECT id FROM votes WHERE assembly_id = $1 AND roll_call = TRUE)",
                a,
            )
            .await?,
            decisions: DecisionRow::export(tx, OF_ASSEMBLY, a).await?,
            attendance: AttendanceRow::export(tx, OF_ASSEMBLY, a).await?,
            reports: ReportRow::export(tx, OF_ASSEMBLY, a).await?,
            presentations: PresentationRow::export(tx, OF_ASSEMBLY, a).await?,
            declarations: DeclarationRow::export(tx, OF_ASSEMBLY, a).await?,
            declaration_texts: DeclarationTextRow::export(
                tx,
                "WHERE t.declaration_id IN (SELECT id FROM declarations WHERE assembly_id = $1)",
                a,
            )
            .await?,
            news_summaries: NewsRow::export(tx, OF_ASSEMBLY, a).await?,
            news_attachments: AttachmentRow::export(tx, OF_ASSEMBLY, a).await?,
        })
    })
    .await
}

/// Whether the database holds no register and no assembly.
async fn empty(tx: &mut Tx) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM countries) + (SELECT COUNT(*) FROM members) + (SELECT COUNT(*) FROM assemblies)")
        .fetch_one(c).await)
    .map_err(internal)?;
    Ok(n == 0)
}

async fn import_all<T: Importable>(tx: &mut Tx, rows: &[T]) -> Result<()> {
    for row in rows {
        row.import_row(tx).await?;
    }
    Ok(())
}

/// A row an import writes back.
trait Importable {
    async fn import_row(&self, tx: &mut Tx) -> Result<()>;
}

macro_rules! importable {
    ($($name:ident),+) => {
        $(impl Importable for $name {
            async fn import_row(&self, tx: &mut Tx) -> Result<()> {
                self.import(tx).await
            }
        })+
    };
}
importable!(
    AssociationRow,
    CountryRow,
    MemberRow,
    PersonRow,
    CommitteeRow,
    ChairmanshipRow,
    AssemblyRow,
    PostponementRow,
    SessionRow,
    ItemRow,
    SpeakerRow,
    ApplicationRow,
    VoteRow,
    BallotRow,
    DecisionRow,
    AttendanceRow,
    ReportRow,
    PresentationRow,
    DeclarationRow,
    DeclarationTextRow,
    NewsRow,
    AttachmentRow
);

/// The tables with generated ids, whose PostgreSQL identity must continue after the imported
/// ids.
const IDENTITY_TABLES: &[&str] = &[
    "countries",
    "members",
    "persons",
    "committees",
    "chairmanships",
    "assemblies",
    "postponements",
    "sessions",
    "agenda_items",
    "speaker_slots",
    "applications",
    "votes",
    "ballots",
    "decisions",
    "attendance",
    "reports",
    "presentations",
    "declarations",
    "news_summaries",
    "news_attachments",
];

/// Writes a document into an empty database in one transaction, keeping every id. Returns the
/// number of the imported assembly.
pub async fn import_document(db: &Db, doc: &AssemblyDocument, actor: &str) -> Result<i64> {
    if doc.format != DOCUMENT_FORMAT {
        return Err(Error::invalid(
            "format",
            Problem::NotOneOf {
                value: doc.format.clone(),
                allowed: vec![DOCUMENT_FORMAT.into()],
            },
        ));
    }
    let mut tx = db.begin().await?;
    if !empty(&mut tx).await? {
        return Err(Error::conflict(Some("document"), Problem::DatabaseNotEmpty));
    }
    if let Some(association) = &doc.association {
        // A new database may already hold the association's defaults.
        super::edit::exec!(&mut tx, "DELETE FROM association").map_err(internal)?;
        association.import(&mut tx).await?;
    }
    import_all(&mut tx, &doc.countries).await?;
    import_all(&mut tx, &doc.members).await?;
    import_all(&mut tx, &doc.persons).await?;
    import_all(&mut tx, &doc.committees).await?;
    import_all(&mut tx, &doc.chairmanships).await?;
    doc.assembly.import(&mut tx).await?;
    import_all(&mut tx, &doc.postponements).await?;
    import_all(&mut tx, &doc.sessions).await?;
    import_all(&mut tx, &doc.agenda_items).await?;
    import_all(&mut tx, &doc.speaker_slots).await?;
    import_all(&mut tx, &doc.applications).await?;
    import_all(&mut tx, &doc.votes).await?;
    import_all(&mut tx, &doc.ballots).await?;
    import_all(&mut tx, &doc.decisions).await?;
    import_all(&mut tx, &doc.attendance).await?;
    import_all(&mut tx, &doc.reports).await?;
    import_all(&mut tx, &doc.presentations).await?;
    import_all(&mut tx, &doc.declarations).await?;
    import_all(&mut tx, &doc.declaration_texts).await?;
    import_all(&mut tx, &doc.news_summaries).await?;
    import_all(&mut tx, &doc.news_attachments).await?;
    if db.engine() == Engine::Postgres {
        for table in IDENTITY_TABLES {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            );
            on_tx!(&mut tx, c => sqlx::query(&sql).execute(c).await.map(|r| r.rows_affected()))
                .map_err(internal)?;
        }
    }
    super::audit(
        &mut tx,
        actor,
        "document.import",
        "assembly",
        Some(doc.assembly.id),
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(doc.assembly.number)
}
