-- The live meeting: what is on now per assembly, and the numbered events the live stream sends
-- (kept so that a client that reconnects receives what it missed).

CREATE TABLE live_state (
    assembly_id        BIGINT PRIMARY KEY REFERENCES assemblies (id) ON DELETE CASCADE,
    current_item_id    BIGINT REFERENCES agenda_items (id) ON DELETE SET NULL,
    -- Index of the current speaker within the current item's speakers (0 is the first).
    speaker_index      BIGINT NOT NULL DEFAULT 0 CHECK (speaker_index >= 0),
    -- The speaking-time countdown: seconds allotted, seconds left at `timer_since`, running or not.
    timer_allotted     BIGINT NOT NULL DEFAULT 0 CHECK (timer_allotted >= 0),
    timer_remaining    BIGINT NOT NULL DEFAULT 0,
    timer_since        TIMESTAMPTZ,
    timer_running      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE live_events (
    assembly_id BIGINT NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL CHECK (seq >= 1),
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (assembly_id, seq)
);
