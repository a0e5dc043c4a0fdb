ALTER TABLE "orders" ADD COLUMN "shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "carrier" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tracking_number" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tracking_url" text;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_shipment_after_shipping" CHECK ("orders"."shipped_at" IS NOT NULL OR ("orders"."carrier" IS NULL AND "orders"."tracking_number" IS NULL AND "orders"."tracking_url" IS NULL));--> statement-breakpoint
-- Orders shipped before shipments were recorded: shipped when their "shipped" event says, carrier unknown.
UPDATE "orders" o SET "shipped_at" = e."at"
FROM (SELECT "order_id", min("created_at") AS "at" FROM "order_events" WHERE "status" = 'shipped' GROUP BY "order_id") e
WHERE e."order_id" = o."id";
