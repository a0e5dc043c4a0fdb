ALTER TABLE "orders" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
-- Order numbers (#1001, #1002…) follow the order orders were placed in, those placed before included;
-- new orders continue from the highest.
ALTER TABLE "orders" ADD COLUMN "number" integer;--> statement-breakpoint
UPDATE "orders" o SET "number" = placed.rank + 1000
FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "id") AS rank FROM "orders") placed
WHERE placed."id" = o."id";--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "number" ADD GENERATED ALWAYS AS IDENTITY (sequence name "orders_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1001 CACHE 1);--> statement-breakpoint
SELECT setval('orders_number_seq', greatest((SELECT max("number") FROM "orders"), 1000));--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "guest_email" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "guest_phone" text;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idempotency_per_guest" ON "orders" USING btree ("guest_email","idempotency_key") WHERE "orders"."user_id" IS NULL;--> statement-breakpoint
CREATE INDEX "orders_guest_email_idx" ON "orders" USING btree ("guest_email") WHERE "orders"."guest_email" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_number_unique" UNIQUE("number");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_have_an_owner" CHECK ("orders"."user_id" IS NOT NULL OR "orders"."guest_email" IS NOT NULL);