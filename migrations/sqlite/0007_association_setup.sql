-- Setting up an association from an empty database. The association keeps a default time zone
-- (an IANA name) that new assemblies start from; associations recorded before it get UTC, which
-- their organizers can change. A member government keeps the day it joined, which a register
-- imported mid-history brings along; members recorded before it have none.

ALTER TABLE association ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

ALTER TABLE members ADD COLUMN joined TEXT;
