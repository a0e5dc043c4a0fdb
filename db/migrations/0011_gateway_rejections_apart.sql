-- Gateway messages that failed verification move out of the payments' history into a table of their
-- own: anyone can send them, so they must not mix with what gateways verifiably said.
CREATE TABLE "gateway_rejections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gateway" "payment_gateway" NOT NULL,
	"client_address" text,
	"reason" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "gateway_rejections_received_idx" ON "gateway_rejections" USING btree ("received_at");--> statement-breakpoint
INSERT INTO "gateway_rejections" ("gateway", "reason", "payload", "received_at")
SELECT "gateway", "reason", "payload", "received_at" FROM "payment_history"
WHERE "outcome" = 'rejected' AND "reason" IN ('bad_signature', 'stale', 'replayed', 'malformed');
--> statement-breakpoint
DELETE FROM "payment_history"
WHERE "outcome" = 'rejected' AND "reason" IN ('bad_signature', 'stale', 'replayed', 'malformed');
