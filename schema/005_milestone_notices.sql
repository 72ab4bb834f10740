-- The milestone reminders already sent (service/milestone_notices.h): one
-- row per step told, keyed by request, kind and start date, so each is told
-- once and a moved booking's new dates are told again.
CREATE TABLE milestone_notices (
  key TEXT PRIMARY KEY,            -- "<request>/<kind>/<YYYY-MM-DD>"
  sent_at INTEGER NOT NULL
);
