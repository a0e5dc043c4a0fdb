CREATE TYPE "public"."shipping_method_kind" AS ENUM('flat', 'per_item', 'weight', 'subtotal', 'pickup');--> statement-breakpoint
CREATE TABLE "addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"line1" text NOT NULL,
	"line2" text,
	"city" text NOT NULL,
	"subdivision" text,
	"postal_code" text NOT NULL,
	"country" text NOT NULL,
	"phone" text,
	"is_default_shipping" boolean DEFAULT false NOT NULL,
	"is_default_billing" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "addresses_country_code" CHECK ("addresses"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "shipping_methods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "shipping_method_kind" NOT NULL,
	"price" integer DEFAULT 0 NOT NULL,
	"free_above" integer,
	"min_days" smallint,
	"max_days" smallint,
	"is_active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_methods_name_per_zone" UNIQUE("zone_id","name"),
	CONSTRAINT "shipping_methods_amounts_nonnegative" CHECK ("shipping_methods"."price" >= 0 AND ("shipping_methods"."free_above" IS NULL OR "shipping_methods"."free_above" >= 0)),
	CONSTRAINT "shipping_methods_days_in_order" CHECK (("shipping_methods"."min_days" IS NULL OR "shipping_methods"."min_days" >= 0) AND ("shipping_methods"."max_days" IS NULL OR "shipping_methods"."max_days" >= coalesce("shipping_methods"."min_days", 0)))
);
--> statement-breakpoint
CREATE TABLE "shipping_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"method_id" uuid NOT NULL,
	"min_value" integer NOT NULL,
	"max_value" integer,
	"price" integer NOT NULL,
	CONSTRAINT "shipping_rates_band_valid" CHECK ("shipping_rates"."min_value" >= 0 AND ("shipping_rates"."max_value" IS NULL OR "shipping_rates"."max_value" > "shipping_rates"."min_value") AND "shipping_rates"."price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "shipping_zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"countries" text[] NOT NULL,
	"subdivisions" text[] DEFAULT '{}' NOT NULL,
	"postal_patterns" text[] DEFAULT '{}' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_zones_name_unique" UNIQUE("name"),
	CONSTRAINT "shipping_zones_have_countries" CHECK (cardinality("shipping_zones"."countries") > 0)
);
--> statement-breakpoint
CREATE TABLE "shop_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"prices_include_tax" boolean DEFAULT false NOT NULL,
	"shipping_tax_class_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shop_settings_one_row" CHECK ("shop_settings"."id")
);
--> statement-breakpoint
CREATE TABLE "tax_classes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_classes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "tax_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tax_class_id" uuid NOT NULL,
	"country" text NOT NULL,
	"subdivision" text DEFAULT '' NOT NULL,
	"rate_bps" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_rates_one_per_region" UNIQUE("tax_class_id","country","subdivision"),
	CONSTRAINT "tax_rates_rate_within_bounds" CHECK ("tax_rates"."rate_bps" >= 0 AND "tax_rates"."rate_bps" <= 10000),
	CONSTRAINT "tax_rates_country_code" CHECK ("tax_rates"."country" = '*' OR "tax_rates"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "ship_to" jsonb;--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "shipping_method_id" uuid;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "discount_amount" integer;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "net_amount" integer;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "tax_amount" integer;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "tax_rate_bps" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "prices_include_tax" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Every order before this had tax added to its prices: the same total, by the same expression.
ALTER TABLE "orders" ALTER COLUMN "total" SET EXPRESSION AS ("orders"."subtotal" - "orders"."discount" + "orders"."shipping" + CASE WHEN "orders"."prices_include_tax" THEN 0 ELSE "orders"."tax" END);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_method_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_method_name" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_tax" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_tax_rate_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "product_variants" ADD COLUMN "weight_grams" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The shop's tax as it was (TAX_RATE_BPS, 9 % in wrangler.toml) becomes the Standard class's rate
-- everywhere; shipping stays untaxed (the Zero class); prices keep having tax added.
INSERT INTO "tax_classes" ("name", "is_default", "position") VALUES ('Standard', true, 0), ('Zero', false, 1);
--> statement-breakpoint
INSERT INTO "tax_rates" ("tax_class_id", "country", "rate_bps")
SELECT "id", '*', CASE "name" WHEN 'Standard' THEN 900 ELSE 0 END FROM "tax_classes";
--> statement-breakpoint
INSERT INTO "shop_settings" ("prices_include_tax", "shipping_tax_class_id")
SELECT false, "id" FROM "tax_classes" WHERE "name" = 'Zero';
--> statement-breakpoint
CREATE FUNCTION default_tax_class_id() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT "id" FROM "tax_classes" WHERE "is_default" $$;
--> statement-breakpoint
ALTER TABLE "product_variants" ADD COLUMN "tax_class_id" uuid DEFAULT default_tax_class_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_methods" ADD CONSTRAINT "shipping_methods_zone_id_shipping_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."shipping_zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_rates" ADD CONSTRAINT "shipping_rates_method_id_shipping_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."shipping_methods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_settings" ADD CONSTRAINT "shop_settings_shipping_tax_class_id_tax_classes_id_fk" FOREIGN KEY ("shipping_tax_class_id") REFERENCES "public"."tax_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_rates" ADD CONSTRAINT "tax_rates_tax_class_id_tax_classes_id_fk" FOREIGN KEY ("tax_class_id") REFERENCES "public"."tax_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "addresses_one_default_shipping" ON "addresses" USING btree ("user_id") WHERE "addresses"."is_default_shipping";--> statement-breakpoint
CREATE UNIQUE INDEX "addresses_one_default_billing" ON "addresses" USING btree ("user_id") WHERE "addresses"."is_default_billing";--> statement-breakpoint
CREATE INDEX "addresses_user_idx" ON "addresses" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "shipping_methods_zone_idx" ON "shipping_methods" USING btree ("zone_id","position");--> statement-breakpoint
CREATE INDEX "shipping_rates_method_idx" ON "shipping_rates" USING btree ("method_id","min_value");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_classes_one_default" ON "tax_classes" USING btree ("is_default") WHERE "tax_classes"."is_default";--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_shipping_method_id_shipping_methods_id_fk" FOREIGN KEY ("shipping_method_id") REFERENCES "public"."shipping_methods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_shipping_method_id_shipping_methods_id_fk" FOREIGN KEY ("shipping_method_id") REFERENCES "public"."shipping_methods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_tax_class_id_tax_classes_id_fk" FOREIGN KEY ("tax_class_id") REFERENCES "public"."tax_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_charged_amounts_valid" CHECK ("order_items"."discount_amount" >= 0 AND "order_items"."discount_amount" <= "order_items"."unit_price" * "order_items"."quantity" AND "order_items"."net_amount" >= 0 AND "order_items"."tax_amount" >= 0);--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_weight_nonnegative" CHECK ("product_variants"."weight_grams" >= 0);--> statement-breakpoint
-- Bands of one method never share a value.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "shipping_rates" ADD CONSTRAINT "shipping_rates_bands_apart" EXCLUDE USING gist ("method_id" WITH =, int4range("min_value", "max_value") WITH &&);--> statement-breakpoint
-- Shipping as it was, each item's own amount × quantity wherever the order goes, as a zone and method.
INSERT INTO "shipping_zones" ("name", "countries", "position") VALUES ('Everywhere', '{*}', 1000);--> statement-breakpoint
INSERT INTO "shipping_methods" ("zone_id", "name", "kind", "min_days", "max_days")
SELECT "id", 'Standard', 'per_item', NULL, NULL FROM "shipping_zones" WHERE "name" = 'Everywhere';--> statement-breakpoint
UPDATE "orders" SET "shipping_method_id" = m."id", "shipping_method_name" = m."name"
FROM "shipping_methods" m WHERE m."name" = 'Standard';--> statement-breakpoint
-- The lines of the orders placed before this: the order's discount, then its tax, shared among them
-- by largest remainder (worker/domain/tax.ts), so each line's amounts add up to what was charged.
WITH "lines" AS (
  SELECT i."id", i."order_id", i."unit_price"::bigint * i."quantity" AS "amount", o."discount"::bigint AS "part",
    sum(i."unit_price"::bigint * i."quantity") OVER (PARTITION BY i."order_id") AS "whole"
  FROM "order_items" i JOIN "orders" o ON o."id" = i."order_id"
), "shares" AS (
  SELECT *, CASE WHEN "whole" = 0 THEN 0 ELSE "amount" * "part" / "whole" END AS "floor",
    CASE WHEN "whole" = 0 THEN 0 ELSE "amount" * "part" % "whole" END AS "remainder"
  FROM "lines"
), "ranked" AS (
  SELECT *, "part" - sum("floor") OVER (PARTITION BY "order_id") AS "left",
    row_number() OVER (PARTITION BY "order_id" ORDER BY "remainder" DESC, "id") AS "rank"
  FROM "shares"
)
UPDATE "order_items" i SET "discount_amount" = r."floor" + CASE WHEN r."rank" <= r."left" THEN 1 ELSE 0 END,
  "net_amount" = r."amount" - r."floor" - CASE WHEN r."rank" <= r."left" THEN 1 ELSE 0 END
FROM "ranked" r WHERE r."id" = i."id";--> statement-breakpoint
WITH "lines" AS (
  SELECT i."id", i."order_id", i."net_amount"::bigint AS "amount", o."tax"::bigint AS "part",
    sum(i."net_amount"::bigint) OVER (PARTITION BY i."order_id") AS "whole",
    CASE WHEN o."subtotal" - o."discount" > 0 THEN round(o."tax" * 10000.0 / (o."subtotal" - o."discount")) ELSE 0 END AS "rate"
  FROM "order_items" i JOIN "orders" o ON o."id" = i."order_id"
), "shares" AS (
  SELECT *, CASE WHEN "whole" = 0 THEN 0 ELSE "amount" * "part" / "whole" END AS "floor",
    CASE WHEN "whole" = 0 THEN 0 ELSE "amount" * "part" % "whole" END AS "remainder"
  FROM "lines"
), "ranked" AS (
  SELECT *, "part" - sum("floor") OVER (PARTITION BY "order_id") AS "left",
    row_number() OVER (PARTITION BY "order_id" ORDER BY "remainder" DESC, "id") AS "rank"
  FROM "shares"
)
UPDATE "order_items" i SET "tax_amount" = r."floor" + CASE WHEN r."rank" <= r."left" THEN 1 ELSE 0 END,
  "tax_rate_bps" = r."rate"
FROM "ranked" r WHERE r."id" = i."id";--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "discount_amount" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "net_amount" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "tax_amount" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "tax_rate_bps" SET NOT NULL;