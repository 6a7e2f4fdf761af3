-- The domain of DESIGN.md. Closed sets of values are CHECKed against the Rust enums' names
-- (src/model/enums.rs); postgres/0001_domain.sql holds the same schema in PostgreSQL's types.

CREATE TABLE association (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT NOT NULL,
    short_name      TEXT NOT NULL,
    secretariat     TEXT NOT NULL,
    founded_year    INTEGER NOT NULL,
    languages       TEXT NOT NULL,
    associates_vote INTEGER NOT NULL DEFAULT 0 CHECK (associates_vote IN (0, 1))
);

CREATE TABLE countries (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) = 2),
    name TEXT NOT NULL
);

CREATE TABLE members (
    id         INTEGER PRIMARY KEY,
    country_id INTEGER NOT NULL REFERENCES countries (id),
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('member', 'associate', 'observer')),
    status     TEXT NOT NULL CHECK (status IN ('applicant', 'active', 'withdrawn', 'archived')),
    ordinal    INTEGER UNIQUE CHECK (ordinal >= 1)
);

CREATE TABLE persons (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    title     TEXT NOT NULL,
    member_id INTEGER REFERENCES members (id),
    body      TEXT
);

CREATE TABLE committees (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT NOT NULL UNIQUE,
    coordinating_member_id INTEGER REFERENCES members (id)
);

CREATE TABLE assemblies (
    id             INTEGER PRIMARY KEY,
    number         INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    title          TEXT NOT NULL,
    slogan         TEXT,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    venue          TEXT NOT NULL,
    host_member_id INTEGER REFERENCES members (id),
    mode           TEXT NOT NULL CHECK (mode IN ('in_person', 'online', 'hybrid')),
    time_zone      TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('planned', 'postponed', 'in_progress', 'concluded', 'cancelled')),
    CHECK (end_date >= start_date)
);

CREATE TABLE postponements (
    id          INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    from_date   TEXT NOT NULL,
    to_date     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

-- Chairmanship terms; decision_id is set when an assembly decided it.
CREATE TABLE chairmanships (
    id          INTEGER PRIMARY KEY,
    term        INTEGER NOT NULL UNIQUE CHECK (term >= 1),
    member_id   INTEGER NOT NULL REFERENCES members (id),
    decision_id INTEGER
);

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    assembly_id   INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('opening_ceremony', 'working', 'closing')),
    planned_start TEXT NOT NULL,
    actual_start  TEXT,
    actual_end    TEXT
);
CREATE INDEX sessions_by_assembly ON sessions (assembly_id, position);

CREATE TABLE agenda_items (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('welcoming_remarks', 'opening_remarks', 'congratulatory_speech', 'guest_speech', 'report', 'presentation', 'application', 'declaration', 'other')),
    title           TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes BETWEEN 1 AND 600),
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'current', 'done', 'skipped', 'deferred')),
    outcome         TEXT,
    actual_start    TEXT,
    actual_end      TEXT
);
CREATE INDEX agenda_items_by_session ON agenda_items (session_id, position);

CREATE TABLE speaker_slots (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    person_id      INTEGER REFERENCES persons (id),
    member_id      INTEGER REFERENCES members (id),
    role           TEXT NOT NULL,
    delivery       TEXT NOT NULL CHECK (delivery IN ('in_person', 'online', 'video')),
    CHECK (person_id IS NOT NULL OR member_id IS NOT NULL)
);
CREATE INDEX speaker_slots_by_item ON speaker_slots (agenda_item_id, position);

CREATE TABLE applications (
    id                  INTEGER PRIMARY KEY,
    assembly_id         INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id      INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('chairmanship', 'membership')),
    applicant_member_id INTEGER NOT NULL REFERENCES members (id),
    term                INTEGER CHECK (term >= 1),
    membership_kind     TEXT CHECK (membership_kind IN ('member', 'associate', 'observer')),
    statement           TEXT,
    status              TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn')),
    CHECK ((kind = 'chairmanship' AND term IS NOT NULL) OR (kind = 'membership' AND membership_kind IS NOT NULL))
);

CREATE TABLE votes (
    id             INTEGER PRIMARY KEY,
    assembly_id    INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    application_id INTEGER REFERENCES applications (id),
    question       TEXT NOT NULL,
    rule           TEXT NOT NULL CHECK (rule IN ('unanimous', 'consensus', 'two_thirds', 'simple_majority')),
    -- Share of all active members that must be present, in percent (0: no quorum).
    quorum_percent INTEGER NOT NULL DEFAULT 0 CHECK (quorum_percent BETWEEN 0 AND 100),
    show_ballots   INTEGER NOT NULL DEFAULT 0 CHECK (show_ballots IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at      TEXT NOT NULL,
    closed_at      TEXT
);

CREATE TABLE ballots (
    id        INTEGER PRIMARY KEY,
    vote_id   INTEGER NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id),
    choice    TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    cast_at   TEXT NOT NULL,
    CONSTRAINT one_ballot_per_member UNIQUE (vote_id, member_id)
);

-- One line per government or guest; session_id NULL means the whole assembly.
CREATE TABLE attendance (
    id          INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    session_id  INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
    member_id   INTEGER REFERENCES members (id),
    guest_name  TEXT,
    guest_kind  TEXT CHECK (guest_kind IN ('regional_government', 'outside_body')),
    mode        TEXT NOT NULL CHECK (mode IN ('in_person', 'online')),
    delegates   INTEGER NOT NULL CHECK (delegates >= 1),
    CHECK ((member_id IS NOT NULL AND guest_name IS NULL AND guest_kind IS NULL)
        OR (member_id IS NULL AND guest_name IS NOT NULL AND guest_kind IS NOT NULL))
);
CREATE INDEX attendance_by_assembly ON attendance (assembly_id);

CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    assembly_id    INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    vote_id        INTEGER REFERENCES votes (id),
    application_id INTEGER REFERENCES applications (id),
    outcome        TEXT NOT NULL CHECK (outcome IN ('approved', 'rejected', 'noted')),
    effect         TEXT NOT NULL CHECK (effect IN ('none', 'admit_member', 'elect_chair')),
    summary        TEXT NOT NULL,
    decided_at     TEXT NOT NULL,
    reversed_at    TEXT,
    reversal_reason TEXT
);

CREATE TABLE reports (
    id                   INTEGER PRIMARY KEY,
    assembly_id          INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id       INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    committee_id         INTEGER NOT NULL REFERENCES committees (id),
    presenting_member_id INTEGER NOT NULL REFERENCES members (id),
    outcomes             TEXT,
    next_meeting_place   TEXT,
    next_meeting_date    TEXT
);

CREATE TABLE declarations (
    id             INTEGER PRIMARY KEY,
    assembly_id    INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    title          TEXT NOT NULL,
    adopted_at     TEXT
);

CREATE TABLE declaration_texts (
    declaration_id INTEGER NOT NULL REFERENCES declarations (id) ON DELETE CASCADE,
    language       TEXT NOT NULL,
    body           TEXT NOT NULL,
    PRIMARY KEY (declaration_id, language)
);

-- Append-only: every change by an organizer or delegate. prev_hash/hash chain the entries.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before_state TEXT,
    after_state  TEXT,
    prev_hash TEXT,
    hash      TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
