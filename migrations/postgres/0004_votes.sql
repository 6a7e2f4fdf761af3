-- Votes as they are run: named (roll-call) or secret ballots, at most one open vote per assembly,
-- decisions by acclamation with the objections named, and check-in by delegates.

ALTER TABLE votes ADD COLUMN roll_call BOOLEAN NOT NULL DEFAULT TRUE;
-- The tally as it stood when the vote closed (JSON): the register may change afterwards (the
-- decision itself may admit a member), and a closed vote's count must not.
ALTER TABLE votes ADD COLUMN result TEXT;
CREATE UNIQUE INDEX one_open_vote_per_assembly ON votes (assembly_id) WHERE status = 'open';
CREATE INDEX ballots_by_vote ON ballots (vote_id);

ALTER TABLE decisions ADD COLUMN method TEXT NOT NULL DEFAULT 'ballot' CHECK (method IN ('ballot', 'acclamation'));
-- Member governments that objected to a decision by acclamation, by name, comma-separated.
ALTER TABLE decisions ADD COLUMN objections TEXT;
CREATE UNIQUE INDEX one_decision_per_vote ON decisions (vote_id);

-- One attendance line per government per session (NULL session: the whole assembly).
CREATE UNIQUE INDEX one_attendance_per_member ON attendance (assembly_id, COALESCE(session_id, 0), member_id)
    WHERE member_id IS NOT NULL;

-- Whether delegates may check their member in themselves.
ALTER TABLE assemblies ADD COLUMN check_in_open BOOLEAN NOT NULL DEFAULT FALSE;
