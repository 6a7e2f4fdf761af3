-- Each closed set of values is a lookup table of names, filled from the Rust enum whenever the
-- database is migrated (storage::connect), so that a new value is a change to the Rust enum only.
-- The columns refer to their lookup table instead of repeating the values in a CHECK. Seeded
-- here with today's values, so the rows already stored satisfy the new foreign keys.
--
-- SQLite cannot drop a CHECK: each table with such a column is rebuilt (create, copy, drop,
-- rename, indexes again). This needs foreign keys OFF on the migrating connection — a DROP TABLE
-- with them on would cascade into the children — and sqlx 0.8.6 runs every SQLite migration in a
-- transaction, where PRAGMA foreign_keys is a no-op: Db::migrate turns them off before running
-- the migrator and checks them (PRAGMA foreign_key_check) after.

CREATE TABLE agenda_item_kinds (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO agenda_item_kinds (name) VALUES ('welcoming_remarks'), ('opening_remarks'), ('congratulatory_speech'), ('guest_speech'), ('report'), ('presentation'), ('application'), ('declaration'), ('other');
CREATE TABLE agenda_item_statuses (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO agenda_item_statuses (name) VALUES ('pending'), ('current'), ('done'), ('skipped'), ('deferred');
CREATE TABLE application_kinds (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO application_kinds (name) VALUES ('chairmanship'), ('membership');
CREATE TABLE member_kinds (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO member_kinds (name) VALUES ('member'), ('associate'), ('observer');
CREATE TABLE application_statuses (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO application_statuses (name) VALUES ('submitted'), ('approved'), ('rejected'), ('withdrawn');
CREATE TABLE assembly_modes (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO assembly_modes (name) VALUES ('in_person'), ('online'), ('hybrid');
CREATE TABLE assembly_statuses (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO assembly_statuses (name) VALUES ('planned'), ('postponed'), ('in_progress'), ('concluded'), ('cancelled');
CREATE TABLE guest_kinds (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO guest_kinds (name) VALUES ('regional_government'), ('outside_body');
CREATE TABLE attendance_modes (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO attendance_modes (name) VALUES ('in_person'), ('online');
CREATE TABLE ballot_choices (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO ballot_choices (name) VALUES ('yes'), ('no'), ('abstain');
CREATE TABLE decision_outcomes (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO decision_outcomes (name) VALUES ('approved'), ('rejected'), ('noted');
CREATE TABLE decision_effects (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO decision_effects (name) VALUES ('none'), ('admit_member'), ('elect_chair');
CREATE TABLE member_statuses (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO member_statuses (name) VALUES ('applicant'), ('active'), ('withdrawn'), ('archived');
CREATE TABLE news_statuses (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO news_statuses (name) VALUES ('draft'), ('published');
CREATE TABLE news_languages (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO news_languages (name) VALUES ('en'), ('ko'), ('zh'), ('ja'), ('ru'), ('mn');
CREATE TABLE session_kinds (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO session_kinds (name) VALUES ('opening_ceremony'), ('working'), ('closing');
CREATE TABLE deliveries (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO deliveries (name) VALUES ('in_person'), ('online'), ('video');
CREATE TABLE roles (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO roles (name) VALUES ('organizer'), ('delegate');
CREATE TABLE vote_rules (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO vote_rules (name) VALUES ('unanimous'), ('consensus'), ('two_thirds'), ('simple_majority');
CREATE TABLE vote_statuses (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO vote_statuses (name) VALUES ('open'), ('closed');

CREATE TABLE agenda_items_new (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL REFERENCES agenda_item_kinds (name),
    title           TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes BETWEEN 1 AND 600),
    status          TEXT NOT NULL DEFAULT 'pending' REFERENCES agenda_item_statuses (name),
    outcome         TEXT,
    actual_start    TEXT,
    actual_end      TEXT
);
INSERT INTO agenda_items_new (id, session_id, position, kind, title, planned_minutes, status, outcome, actual_start, actual_end)
    SELECT id, session_id, position, kind, title, planned_minutes, status, outcome, actual_start, actual_end FROM agenda_items;
DROP TABLE agenda_items;
ALTER TABLE agenda_items_new RENAME TO agenda_items;
CREATE INDEX agenda_items_by_session ON agenda_items (session_id, position);
CREATE TABLE applications_new (
    id                  INTEGER PRIMARY KEY,
    assembly_id         INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id      INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    kind                TEXT NOT NULL REFERENCES application_kinds (name),
    applicant_member_id INTEGER NOT NULL REFERENCES members (id),
    term                INTEGER CHECK (term >= 1),
    membership_kind     TEXT REFERENCES member_kinds (name),
    statement           TEXT,
    status              TEXT NOT NULL DEFAULT 'submitted' REFERENCES application_statuses (name),
    CHECK ((kind = 'chairmanship' AND term IS NOT NULL) OR (kind = 'membership' AND membership_kind IS NOT NULL))
);
INSERT INTO applications_new (id, assembly_id, agenda_item_id, kind, applicant_member_id, term, membership_kind, statement, status)
    SELECT id, assembly_id, agenda_item_id, kind, applicant_member_id, term, membership_kind, statement, status FROM applications;
DROP TABLE applications;
ALTER TABLE applications_new RENAME TO applications;
CREATE TABLE assemblies_new (
    id             INTEGER PRIMARY KEY,
    number         INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    title          TEXT NOT NULL,
    slogan         TEXT,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    venue          TEXT NOT NULL,
    host_member_id INTEGER REFERENCES members (id),
    mode           TEXT NOT NULL REFERENCES assembly_modes (name),
    time_zone      TEXT NOT NULL,
    status         TEXT NOT NULL REFERENCES assembly_statuses (name), cancellation_reason TEXT, check_in_open INTEGER NOT NULL DEFAULT 0 CHECK (check_in_open IN (0, 1)),
    CHECK (end_date >= start_date)
);
INSERT INTO assemblies_new (id, number, title, slogan, start_date, end_date, venue, host_member_id, mode, time_zone, status, cancellation_reason, check_in_open)
    SELECT id, number, title, slogan, start_date, end_date, venue, host_member_id, mode, time_zone, status, cancellation_reason, check_in_open FROM assemblies;
DROP TABLE assemblies;
ALTER TABLE assemblies_new RENAME TO assemblies;
CREATE TABLE attendance_new (
    id          INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    session_id  INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
    member_id   INTEGER REFERENCES members (id),
    guest_name  TEXT,
    guest_kind  TEXT REFERENCES guest_kinds (name),
    mode        TEXT NOT NULL REFERENCES attendance_modes (name),
    delegates   INTEGER NOT NULL CHECK (delegates >= 1),
    CHECK ((member_id IS NOT NULL AND guest_name IS NULL AND guest_kind IS NULL)
        OR (member_id IS NULL AND guest_name IS NOT NULL AND guest_kind IS NOT NULL))
);
INSERT INTO attendance_new (id, assembly_id, session_id, member_id, guest_name, guest_kind, mode, delegates)
    SELECT id, assembly_id, session_id, member_id, guest_name, guest_kind, mode, delegates FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_new RENAME TO attendance;
CREATE INDEX attendance_by_assembly ON attendance (assembly_id);
CREATE UNIQUE INDEX one_attendance_per_member ON attendance (assembly_id, COALESCE(session_id, 0), member_id)
    WHERE member_id IS NOT NULL;
CREATE TABLE ballots_new (
    id        INTEGER PRIMARY KEY,
    vote_id   INTEGER NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id),
    choice    TEXT NOT NULL REFERENCES ballot_choices (name),
    cast_at   TEXT NOT NULL,
    CONSTRAINT one_ballot_per_member UNIQUE (vote_id, member_id)
);
INSERT INTO ballots_new (id, vote_id, member_id, choice, cast_at)
    SELECT id, vote_id, member_id, choice, cast_at FROM ballots;
DROP TABLE ballots;
ALTER TABLE ballots_new RENAME TO ballots;
CREATE INDEX ballots_by_vote ON ballots (vote_id);
CREATE TABLE decisions_new (
    id             INTEGER PRIMARY KEY,
    assembly_id    INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    vote_id        INTEGER REFERENCES votes (id),
    application_id INTEGER REFERENCES applications (id),
    outcome        TEXT NOT NULL REFERENCES decision_outcomes (name),
    effect         TEXT NOT NULL REFERENCES decision_effects (name),
    summary        TEXT NOT NULL,
    decided_at     TEXT NOT NULL,
    reversed_at    TEXT,
    reversal_reason TEXT
, method TEXT NOT NULL DEFAULT 'ballot' CHECK (method IN ('ballot', 'acclamation')), objections TEXT);
INSERT INTO decisions_new (id, assembly_id, agenda_item_id, vote_id, application_id, outcome, effect, summary, decided_at, reversed_at, reversal_reason, method, objections)
    SELECT id, assembly_id, agenda_item_id, vote_id, application_id, outcome, effect, summary, decided_at, reversed_at, reversal_reason, method, objections FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_new RENAME TO decisions;
CREATE UNIQUE INDEX one_decision_per_vote ON decisions (vote_id);
CREATE TABLE members_new (
    id         INTEGER PRIMARY KEY,
    country_id INTEGER NOT NULL REFERENCES countries (id),
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL REFERENCES member_kinds (name),
    status     TEXT NOT NULL REFERENCES member_statuses (name),
    ordinal    INTEGER UNIQUE CHECK (ordinal >= 1)
, joined TEXT);
INSERT INTO members_new (id, country_id, name, kind, status, ordinal, joined)
    SELECT id, country_id, name, kind, status, ordinal, joined FROM members;
DROP TABLE members;
ALTER TABLE members_new RENAME TO members;
CREATE TABLE news_summaries_new (
    id           INTEGER PRIMARY KEY,
    assembly_id  INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    language     TEXT NOT NULL REFERENCES news_languages (name),
    headline     TEXT NOT NULL,
    lead         TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft' REFERENCES news_statuses (name),
    updated_at   TEXT NOT NULL,
    published_at TEXT,
    CONSTRAINT one_summary_per_language UNIQUE (assembly_id, language)
);
INSERT INTO news_summaries_new (id, assembly_id, language, headline, lead, body, status, updated_at, published_at)
    SELECT id, assembly_id, language, headline, lead, body, status, updated_at, published_at FROM news_summaries;
DROP TABLE news_summaries;
ALTER TABLE news_summaries_new RENAME TO news_summaries;
CREATE TABLE sessions_new (
    id            INTEGER PRIMARY KEY,
    assembly_id   INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL REFERENCES session_kinds (name),
    planned_start TEXT NOT NULL,
    actual_start  TEXT,
    actual_end    TEXT
);
INSERT INTO sessions_new (id, assembly_id, position, title, kind, planned_start, actual_start, actual_end)
    SELECT id, assembly_id, position, title, kind, planned_start, actual_start, actual_end FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_by_assembly ON sessions (assembly_id, position);
CREATE TABLE speaker_slots_new (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    person_id      INTEGER REFERENCES persons (id),
    member_id      INTEGER REFERENCES members (id),
    role           TEXT NOT NULL,
    delivery       TEXT NOT NULL REFERENCES deliveries (name),
    CHECK (person_id IS NOT NULL OR member_id IS NOT NULL)
);
INSERT INTO speaker_slots_new (id, agenda_item_id, position, person_id, member_id, role, delivery)
    SELECT id, agenda_item_id, position, person_id, member_id, role, delivery FROM speaker_slots;
DROP TABLE speaker_slots;
ALTER TABLE speaker_slots_new RENAME TO speaker_slots;
CREATE INDEX speaker_slots_by_item ON speaker_slots (agenda_item_id, position);
CREATE TABLE users_new (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL REFERENCES roles (name),
    member_id     INTEGER REFERENCES members (id),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL, session_epoch INTEGER NOT NULL DEFAULT 0,
    CHECK ((role = 'delegate') = (member_id IS NOT NULL))
);
INSERT INTO users_new (id, email, name, role, member_id, password_hash, active, created_at, session_epoch)
    SELECT id, email, name, role, member_id, password_hash, active, created_at, session_epoch FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE TABLE votes_new (
    id             INTEGER PRIMARY KEY,
    assembly_id    INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    application_id INTEGER REFERENCES applications (id),
    question       TEXT NOT NULL,
    rule           TEXT NOT NULL REFERENCES vote_rules (name),
    -- Share of all active members that must be present, in percent (0: no quorum).
    quorum_percent INTEGER NOT NULL DEFAULT 0 CHECK (quorum_percent BETWEEN 0 AND 100),
    show_ballots   INTEGER NOT NULL DEFAULT 0 CHECK (show_ballots IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'open' REFERENCES vote_statuses (name),
    opened_at      TEXT NOT NULL,
    closed_at      TEXT
, roll_call INTEGER NOT NULL DEFAULT 1 CHECK (roll_call IN (0, 1)), result TEXT);
INSERT INTO votes_new (id, assembly_id, agenda_item_id, application_id, question, rule, quorum_percent, show_ballots, status, opened_at, closed_at, roll_call, result)
    SELECT id, assembly_id, agenda_item_id, application_id, question, rule, quorum_percent, show_ballots, status, opened_at, closed_at, roll_call, result FROM votes;
DROP TABLE votes;
ALTER TABLE votes_new RENAME TO votes;
CREATE UNIQUE INDEX one_open_vote_per_assembly ON votes (assembly_id) WHERE status = 'open';
