-- 001_init.sql — the booking service's first schema.
--
-- The programme's entities are stored as their `peerslot-scenario/1` JSON
-- documents (one row per council, peer and request), so the engine's
-- validation stays the single definition of what a valid entity is. The
-- bookings themselves are relational, with constraints as the last line of
-- defence behind the service's engine check:
--   - one booking per request (primary key),
--   - a peer sits in at most one challenge per week (UNIQUE(peer_id, week)),
--   - a week holds at most max_challenges_per_week bookings (trigger).

CREATE TABLE programme (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  doc TEXT NOT NULL,               -- the scenario without councils, peers, requests
  max_per_week INTEGER             -- NULL: unlimited
);

CREATE TABLE councils (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

CREATE TABLE peers (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  council_id TEXT NOT NULL REFERENCES councils(id),
  doc TEXT NOT NULL
);

CREATE TABLE bookings (
  request_id TEXT PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
  week TEXT NOT NULL
);
CREATE INDEX bookings_week ON bookings(week);

CREATE TRIGGER bookings_week_capacity BEFORE INSERT ON bookings
WHEN (SELECT max_per_week FROM programme WHERE id = 1) IS NOT NULL
 AND (SELECT count(*) FROM bookings WHERE week = NEW.week) >= (SELECT max_per_week FROM programme WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'week is at capacity');
END;

CREATE TABLE seats (
  request_id TEXT NOT NULL REFERENCES bookings(request_id) ON DELETE CASCADE,
  peer_id TEXT NOT NULL REFERENCES peers(id),
  week TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted')),
  PRIMARY KEY (request_id, peer_id),
  UNIQUE (peer_id, week)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('council', 'peer', 'office')),
  subject TEXT,                    -- council id or peer id; NULL for the office
  token_hash TEXT NOT NULL UNIQUE, -- hex SHA-256 of the bearer token
  created_at TEXT NOT NULL
);

CREATE TABLE feeds (
  kind TEXT NOT NULL CHECK (kind IN ('council', 'peer')),
  subject TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE, -- hex SHA-256 of the secret in the feed URL
  PRIMARY KEY (kind, subject)
);

CREATE TABLE idempotency (
  user_id INTEGER NOT NULL REFERENCES users(id),
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,       -- method, path and body of the first request
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  before TEXT NOT NULL,            -- JSON object: changed rows as they were
  after TEXT NOT NULL              -- JSON object: changed rows as they are
);
