-- A registered account holds no password until its owner verifies it (the password waits with the
-- client that registered): one set by whoever registered an address before its owner is void.
-- Accounts staff made (their `user.create` in the audit log) keep the password staff gave them.
UPDATE "users" SET "password_hash" = NULL, "updated_at" = now()
WHERE NOT "is_email_verified" AND NOT "is_phone_verified" AND "password_hash" IS NOT NULL
  AND "id"::text NOT IN (SELECT "entity_id" FROM "audit_log" WHERE "action" = 'user.create' AND "entity_id" IS NOT NULL);
