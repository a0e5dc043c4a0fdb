-- Money that must go back is given back: a payment marked refund_pending is refunded through its
-- gateway, retried with backoff until it succeeds, with its attempts kept for staff to see. Payments
-- already waiting get the reason they were marked for and are due at once. Gateway sessions expire
-- with their order's reservation (the new status `expired` is not used in this migration: a value
-- added to an enum can be used only once the transaction that added it has committed).
ALTER TYPE "public"."payment_status" ADD VALUE 'expired';--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refund_reason" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refund_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refund_next_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refund_error" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_refund_due_idx" ON "payments" USING btree ("refund_next_at") WHERE "payments"."status" = 'refund_pending';--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_refund_attempts_nonnegative" CHECK ("payments"."refund_attempts" >= 0);--> statement-breakpoint
UPDATE "payments" p SET "refund_reason" = CASE
    WHEN o."status" = 'refunded' THEN 'the order was refunded'
    WHEN o."status" = 'canceled' THEN 'the order was canceled before this payment arrived'
    ELSE 'a second payment for an order already paid' END
  FROM "orders" o WHERE o."id" = p."order_id" AND p."status" = 'refund_pending';
