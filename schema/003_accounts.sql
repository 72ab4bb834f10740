-- 003_accounts.sql — people sign in as themselves, and mail leaves the service.
--
-- users: each person's account, with an email address (unique; NULL for
-- accounts made before this version) and a disabled flag; the bearer
-- token moves out to api_tokens, which a person may hold several of, each
-- with a name, an expiry, its last use and its revocation. Tokens made
-- before this version keep working for 90 days from the upgrade.
-- sign_in_links: one-time links sent by email (single use, expiring).
-- sessions: browsers signed in through a link, behind a cookie.
-- muted_notices: the notice kinds a person chose not to be emailed.
-- outbox: every message the service sends, queued in the same transaction
-- as the change that caused it; retried with backoff, kept as a dead
-- letter after repeated failures, never dropped.
-- calendar_sequences: the SEQUENCE each challenge's invitation last went
-- out with (RFC 5546), so an update always supersedes what people hold.
-- settings: the service's own secrets, e.g. the key that signs links.
-- Of every secret only its SHA-256 is stored (settings aside).

CREATE TABLE users_with_accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT UNIQUE,               -- lower case; NULL for accounts made before version 3
  role TEXT NOT NULL CHECK (role IN ('council', 'peer', 'group', 'office')),
  subject TEXT,                    -- council id, peer id or party name; NULL for the office
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL      -- Unix seconds
);
INSERT INTO users_with_accounts(id, name, email, role, subject, disabled, created_at)
  SELECT id, name, NULL, role, subject, 0, coalesce(CAST(strftime('%s', created_at) AS INTEGER), 0) FROM users;

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,       -- hex SHA-256 of the token
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL DEFAULT 0,
  revoked_at INTEGER NOT NULL DEFAULT 0
);
INSERT INTO api_tokens(user_id, name, hash, created_at, expires_at)
  SELECT id, 'token made before accounts', token_hash, CAST(strftime('%s', 'now') AS INTEGER),
         CAST(strftime('%s', 'now') AS INTEGER) + 90 * 86400 FROM users;

DROP TABLE users;
ALTER TABLE users_with_accounts RENAME TO users;

CREATE TABLE sign_in_links (
  hash TEXT PRIMARY KEY,           -- hex SHA-256 of the secret in the link
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,           -- hex SHA-256 of the cookie's value
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE muted_notices (
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  sender TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,           -- the whole RFC 5322 message
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE calendar_sequences (
  request_id TEXT PRIMARY KEY,     -- no foreign key: a removed request's UID must never be reused
  sequence INTEGER NOT NULL
);

CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
