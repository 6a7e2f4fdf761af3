-- Each closed set of values is a lookup table of names, filled from the Rust enum whenever the
-- database is migrated (storage::connect), so that a new value is a change to the Rust enum only.
-- The columns refer to their lookup table instead of repeating the values in a CHECK. Seeded
-- here with today's values, so the rows already stored satisfy the new foreign keys.

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

ALTER TABLE agenda_items
    DROP CONSTRAINT agenda_items_kind_check,
    ADD FOREIGN KEY (kind) REFERENCES agenda_item_kinds (name),
    DROP CONSTRAINT agenda_items_status_check,
    ADD FOREIGN KEY (status) REFERENCES agenda_item_statuses (name);
ALTER TABLE applications
    DROP CONSTRAINT applications_kind_check,
    ADD FOREIGN KEY (kind) REFERENCES application_kinds (name),
    DROP CONSTRAINT applications_membership_kind_check,
    ADD FOREIGN KEY (membership_kind) REFERENCES member_kinds (name),
    DROP CONSTRAINT applications_status_check,
    ADD FOREIGN KEY (status) REFERENCES application_statuses (name);
ALTER TABLE assemblies
    DROP CONSTRAINT assemblies_mode_check,
    ADD FOREIGN KEY (mode) REFERENCES assembly_modes (name),
    DROP CONSTRAINT assemblies_status_check,
    ADD FOREIGN KEY (status) REFERENCES assembly_statuses (name);
ALTER TABLE attendance
    DROP CONSTRAINT attendance_guest_kind_check,
    ADD FOREIGN KEY (guest_kind) REFERENCES guest_kinds (name),
    DROP CONSTRAINT attendance_mode_check,
    ADD FOREIGN KEY (mode) REFERENCES attendance_modes (name);
ALTER TABLE ballots
    DROP CONSTRAINT ballots_choice_check,
    ADD FOREIGN KEY (choice) REFERENCES ballot_choices (name);
ALTER TABLE decisions
    DROP CONSTRAINT decisions_outcome_check,
    ADD FOREIGN KEY (outcome) REFERENCES decision_outcomes (name),
    DROP CONSTRAINT decisions_effect_check,
    ADD FOREIGN KEY (effect) REFERENCES decision_effects (name);
ALTER TABLE members
    DROP CONSTRAINT members_kind_check,
    ADD FOREIGN KEY (kind) REFERENCES member_kinds (name),
    DROP CONSTRAINT members_status_check,
    ADD FOREIGN KEY (status) REFERENCES member_statuses (name);
ALTER TABLE news_summaries
    DROP CONSTRAINT news_summaries_status_check,
    ADD FOREIGN KEY (status) REFERENCES news_statuses (name),
    DROP CONSTRAINT news_summaries_language_check,
    ADD FOREIGN KEY (language) REFERENCES news_languages (name);
ALTER TABLE sessions
    DROP CONSTRAINT sessions_kind_check,
    ADD FOREIGN KEY (kind) REFERENCES session_kinds (name);
ALTER TABLE speaker_slots
    DROP CONSTRAINT speaker_slots_delivery_check,
    ADD FOREIGN KEY (delivery) REFERENCES deliveries (name);
ALTER TABLE users
    DROP CONSTRAINT users_role_check,
    ADD FOREIGN KEY (role) REFERENCES roles (name);
ALTER TABLE votes
    DROP CONSTRAINT votes_rule_check,
    ADD FOREIGN KEY (rule) REFERENCES vote_rules (name),
    DROP CONSTRAINT votes_status_check,
    ADD FOREIGN KEY (status) REFERENCES vote_statuses (name);
