-- Emails compare case-insensitively: `Shopper@royal.shop` is `shopper@royal.shop`. Accounts whose
-- emails differ only in case are two people's (or one person's twice) and are never merged here:
-- the migration stops and names them, for an admin to resolve (deactivate or rename one) first.
DO $$
DECLARE
  clashes text;
BEGIN
  SELECT string_agg(format('%s: %s', lower(email), accounts), '; ') INTO clashes
  FROM (
    SELECT email, string_agg(format('%s (%s)', username, id), ', ' ORDER BY created_at) AS accounts
    FROM (SELECT lower(email) AS email, username, id, created_at FROM users WHERE email IS NOT NULL) u
    GROUP BY email HAVING count(*) > 1
  ) c;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION 'Accounts whose emails differ only in case: %', clashes
      USING HINT = 'Give all but one of each group another email (or delete it), then migrate again.';
  END IF;
END
$$;
--> statement-breakpoint
UPDATE "users" SET "email" = lower("email"),
  "username" = CASE WHEN "username" = "email" THEN lower("email") ELSE "username" END
WHERE "email" <> lower("email");
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_case" CHECK ("users"."email" = lower("users"."email"));
