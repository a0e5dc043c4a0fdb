CREATE TYPE "public"."promotion_kind" AS ENUM('item', 'order', 'shipping');--> statement-breakpoint
CREATE TYPE "public"."promotion_method" AS ENUM('automatic', 'code');--> statement-breakpoint
CREATE TYPE "public"."promotion_status" AS ENUM('active', 'paused');--> statement-breakpoint
CREATE TABLE "promotion_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promotion_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"hint" text NOT NULL,
	"usage_limit" integer,
	"used_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotion_codes_code_hash_unique" UNIQUE("code_hash"),
	CONSTRAINT "promotion_codes_used_within_limit" CHECK ("promotion_codes"."used_count" >= 0 AND ("promotion_codes"."usage_limit" IS NULL OR ("promotion_codes"."usage_limit" > 0 AND "promotion_codes"."used_count" <= "promotion_codes"."usage_limit")))
);
--> statement-breakpoint
CREATE TABLE "promotion_customers" (
	"promotion_id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "promotion_customers_promotion_id_customer_key_pk" PRIMARY KEY("promotion_id","customer_key"),
	CONSTRAINT "promotion_customers_uses_nonnegative" CHECK ("promotion_customers"."uses" >= 0)
);
--> statement-breakpoint
CREATE TABLE "promotion_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promotion_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"code_id" uuid,
	"amount" integer NOT NULL,
	"shipping_amount" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "promotion_uses_once_per_order" UNIQUE("promotion_id","order_id"),
	CONSTRAINT "promotion_uses_amounts_nonnegative" CHECK ("promotion_uses"."amount" >= 0 AND "promotion_uses"."shipping_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"method" "promotion_method" NOT NULL,
	"kind" "promotion_kind" NOT NULL,
	"status" "promotion_status" DEFAULT 'active' NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"priority" integer DEFAULT 0 NOT NULL,
	"combines_with" "promotion_kind"[] DEFAULT '{}' NOT NULL,
	"usage_limit" integer,
	"per_customer_limit" integer,
	"budget" integer,
	"used_count" integer DEFAULT 0 NOT NULL,
	"discount_given" integer DEFAULT 0 NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"action" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_ends_after_start" CHECK ("promotions"."ends_at" IS NULL OR "promotions"."starts_at" IS NULL OR "promotions"."ends_at" > "promotions"."starts_at"),
	CONSTRAINT "promotions_limits_positive" CHECK (("promotions"."usage_limit" IS NULL OR "promotions"."usage_limit" > 0) AND ("promotions"."per_customer_limit" IS NULL OR "promotions"."per_customer_limit" > 0) AND ("promotions"."budget" IS NULL OR "promotions"."budget" > 0)),
	CONSTRAINT "promotions_used_within_limit" CHECK ("promotions"."used_count" >= 0 AND ("promotions"."usage_limit" IS NULL OR "promotions"."used_count" <= "promotions"."usage_limit")),
	CONSTRAINT "promotions_given_within_budget" CHECK ("promotions"."discount_given" >= 0 AND ("promotions"."budget" IS NULL OR "promotions"."discount_given" <= "promotions"."budget")),
	CONSTRAINT "promotions_action_fits_kind" CHECK (("promotions"."kind" = 'shipping') = ("promotions"."action"->>'type' = 'free_shipping') AND ("promotions"."kind" <> 'order' OR "promotions"."action"->>'type' IN ('percent', 'fixed')))
);
--> statement-breakpoint
CREATE TABLE "variant_price_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"price" integer NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "variant_price_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"price" integer NOT NULL,
	"old_price" integer,
	"discount" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "variant_price_schedules_amounts_valid" CHECK ("variant_price_schedules"."price" >= 0 AND "variant_price_schedules"."discount" >= 0 AND "variant_price_schedules"."discount" <= "variant_price_schedules"."price" AND ("variant_price_schedules"."old_price" IS NULL OR "variant_price_schedules"."old_price" >= 0))
);
--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "promotion_code" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "promotion_shares" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_discount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "promotion_codes" ADD CONSTRAINT "promotion_codes_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_customers" ADD CONSTRAINT "promotion_customers_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_uses" ADD CONSTRAINT "promotion_uses_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_uses" ADD CONSTRAINT "promotion_uses_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_uses" ADD CONSTRAINT "promotion_uses_code_id_promotion_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."promotion_codes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_price_history" ADD CONSTRAINT "variant_price_history_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_price_schedules" ADD CONSTRAINT "variant_price_schedules_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_price_schedules" ADD CONSTRAINT "variant_price_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "promotion_codes_promotion_idx" ON "promotion_codes" USING btree ("promotion_id");--> statement-breakpoint
CREATE INDEX "promotion_uses_order_idx" ON "promotion_uses" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "promotion_uses_promotion_idx" ON "promotion_uses" USING btree ("promotion_id","created_at");--> statement-breakpoint
CREATE INDEX "promotions_live_idx" ON "promotions" USING btree ("status","method");--> statement-breakpoint
CREATE INDEX "variant_price_history_variant_idx" ON "variant_price_history" USING btree ("variant_id","changed_at");--> statement-breakpoint
CREATE INDEX "variant_price_schedules_due_idx" ON "variant_price_schedules" USING btree ("starts_at") WHERE "variant_price_schedules"."applied_at" IS NULL;--> statement-breakpoint
-- By hand: a variant's price history is written by the database on every change of what a shopper
-- pays for one (price − discount), however the change is made (staff, CSV, a scheduled change).
CREATE OR REPLACE FUNCTION record_variant_price() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.price - NEW.discount IS DISTINCT FROM OLD.price - OLD.discount THEN
    INSERT INTO variant_price_history (variant_id, price) VALUES (NEW.id, NEW.price - NEW.discount);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER variant_price_recorded AFTER INSERT OR UPDATE OF price, discount ON product_variants
  FOR EACH ROW EXECUTE FUNCTION record_variant_price();--> statement-breakpoint
-- Today's prices open every variant's history, dated when the variant was last changed.
INSERT INTO variant_price_history (variant_id, price, changed_at)
  SELECT id, price - discount, updated_at FROM product_variants;
