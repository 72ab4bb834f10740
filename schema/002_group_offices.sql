-- 002_group_offices.sql — the political group offices.
--
-- A fourth kind of user, `group`, acts for one party's councillor peers
-- (its subject is the party's name, as in the peers' `party`). A group
-- office approves the councillor peers of its party proposed for a team:
-- `approved` on their seat, kept like an acceptance while the peer keeps
-- the seat in the same week.
--
-- SQLite cannot change a CHECK constraint in place, so users is rebuilt
-- with the same rows (and ids, which the audit log refers to).

CREATE TABLE users_with_groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('council', 'peer', 'group', 'office')),
  subject TEXT,                    -- council id, peer id or party name; NULL for the office
  token_hash TEXT NOT NULL UNIQUE, -- hex SHA-256 of the bearer token
  created_at TEXT NOT NULL
);
INSERT INTO users_with_groups(id, name, role, subject, token_hash, created_at)
  SELECT id, name, role, subject, token_hash, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_with_groups RENAME TO users;

ALTER TABLE seats ADD COLUMN approved INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1));
