-- Webhooks: endpoints the programme office registered, and every signed
-- POST queued for them (the delivery log). A delivery is written once,
-- whole, in the transaction of the change it reports; afterwards only its
-- delivery columns change.
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  types TEXT NOT NULL,             -- event types, space separated
  secret TEXT NOT NULL,            -- "whsec_" + base64: every attempt is signed with it
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL UNIQUE,  -- the webhook-id header, the same on every attempt
  type TEXT NOT NULL,
  body TEXT NOT NULL,              -- the payload exactly as signed
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  response_status INTEGER NOT NULL DEFAULT 0,
  response_body TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_of ON webhook_deliveries(webhook_id, id);
