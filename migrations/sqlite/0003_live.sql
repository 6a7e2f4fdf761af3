-- The live meeting: what is on now per assembly, and the numbered events the live stream sends
-- (kept so that a client that reconnects receives what it missed).

CREATE TABLE live_state (
    assembly_id        INTEGER PRIMARY KEY REFERENCES assemblies (id) ON DELETE CASCADE,
    current_item_id    INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    -- Index of the current speaker within the current item's speakers (0 is the first).
    speaker_index      INTEGER NOT NULL DEFAULT 0 CHECK (speaker_index >= 0),
    -- The speaking-time countdown: seconds allotted, seconds left at `timer_since`, running or not.
    timer_allotted     INTEGER NOT NULL DEFAULT 0 CHECK (timer_allotted >= 0),
    timer_remaining    INTEGER NOT NULL DEFAULT 0,
    timer_since        TEXT,
    timer_running      INTEGER NOT NULL DEFAULT 0 CHECK (timer_running IN (0, 1))
);

CREATE TABLE live_events (
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (assembly_id, seq)
);
