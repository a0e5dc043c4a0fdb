-- Variants: every product gets the variants shoppers buy. Today's products and their money and stock
-- move to a default variant each (options {}, title Default); carts and orders follow their product to
-- it. Nothing is dropped before it has moved.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "product_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"name" text NOT NULL,
	"values" text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_options_name_per_product" UNIQUE("product_id","name"),
	CONSTRAINT "product_options_values_present" CHECK (cardinality("product_options"."values") BETWEEN 1 AND 50),
	CONSTRAINT "product_options_position_range" CHECK ("product_options"."position" BETWEEN 0 AND 2)
);
--> statement-breakpoint
CREATE TABLE "product_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"price" integer NOT NULL,
	"old_price" integer,
	"shipping_amount" integer DEFAULT 0 NOT NULL,
	"discount" integer DEFAULT 0 NOT NULL,
	"actual_price" integer GENERATED ALWAYS AS ("product_variants"."price" + "product_variants"."shipping_amount" - "product_variants"."discount") STORED NOT NULL,
	"stock_qty" integer DEFAULT 0 NOT NULL,
	"low_stock_threshold" integer DEFAULT 5 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_variants_sku_unique" UNIQUE("sku"),
	CONSTRAINT "product_variants_one_per_combination" UNIQUE("product_id","options"),
	CONSTRAINT "product_variants_price_nonnegative" CHECK ("product_variants"."price" >= 0),
	CONSTRAINT "product_variants_old_price_nonnegative" CHECK ("product_variants"."old_price" IS NULL OR "product_variants"."old_price" >= 0),
	CONSTRAINT "product_variants_shipping_nonnegative" CHECK ("product_variants"."shipping_amount" >= 0),
	CONSTRAINT "product_variants_discount_within_price" CHECK ("product_variants"."discount" >= 0 AND "product_variants"."discount" <= "product_variants"."price"),
	CONSTRAINT "product_variants_stock_nonnegative" CHECK ("product_variants"."stock_qty" >= 0),
	CONSTRAINT "product_variants_threshold_nonnegative" CHECK ("product_variants"."low_stock_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inventory_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"stock_after" integer NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "product_options" ADD CONSTRAINT "product_options_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_changes" ADD CONSTRAINT "inventory_changes_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_changes" ADD CONSTRAINT "inventory_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Each product's money and stock become its default variant; its SKU is its slug, which is unique.
INSERT INTO "product_variants" ("product_id", "sku", "title", "options", "price", "old_price", "shipping_amount", "discount", "stock_qty", "low_stock_threshold", "is_active", "position", "created_at")
SELECT "id", "slug", 'Default', '{}'::jsonb, "price", "old_price", "shipping_amount", "discount", "stock_qty", "low_stock_threshold", true, 0, "created_at" FROM "products";
--> statement-breakpoint
-- What each variant holds now is what it was stocked with: the inventory history starts here.
INSERT INTO "inventory_changes" ("variant_id", "delta", "stock_after", "reason", "created_at")
SELECT "id", "stock_qty", "stock_qty", 'stock held when variants arrived', now() FROM "product_variants";
--> statement-breakpoint
-- Cart lines point at the product's default variant.
ALTER TABLE "cart_items" ADD COLUMN "variant_id" uuid;--> statement-breakpoint
UPDATE "cart_items" ci SET "variant_id" = v."id" FROM "product_variants" v WHERE v."product_id" = ci."product_id";--> statement-breakpoint
ALTER TABLE "cart_items" ALTER COLUMN "variant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cart_items" DROP CONSTRAINT "cart_items_product_id_products_id_fk";--> statement-breakpoint
ALTER TABLE "cart_items" DROP CONSTRAINT "cart_items_cart_id_product_id_pk";--> statement-breakpoint
DROP INDEX "cart_items_product_idx";--> statement-breakpoint
ALTER TABLE "cart_items" DROP COLUMN "product_id";--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_cart_id_variant_id_pk" PRIMARY KEY("cart_id","variant_id");--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cart_items_variant_idx" ON "cart_items" USING btree ("variant_id");--> statement-breakpoint
-- Order lines snapshot the variant they were: the default one, with its title and SKU.
ALTER TABLE "order_items" ADD COLUMN "variant_id" uuid;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "variant_title" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "sku" text;--> statement-breakpoint
UPDATE "order_items" oi SET "variant_id" = v."id", "variant_title" = v."title", "sku" = v."sku" FROM "product_variants" v WHERE v."product_id" = oi."product_id";--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "variant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "variant_title" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "sku" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" DROP CONSTRAINT "order_items_one_line_per_product";--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_one_line_per_variant" UNIQUE("order_id","variant_id");--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_items_variant_idx" ON "order_items" USING btree ("variant_id");--> statement-breakpoint
-- Only now do the products give up the money and stock that moved to their variants.
ALTER TABLE "products" DROP CONSTRAINT "products_price_nonnegative";--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_old_price_nonnegative";--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_shipping_nonnegative";--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_discount_within_price";--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_stock_nonnegative";--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_threshold_nonnegative";--> statement-breakpoint
DROP INDEX "products_actual_price_idx";--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "actual_price";--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "price";--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "old_price";--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "shipping_amount";--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "discount";--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "stock_qty";--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "low_stock_threshold";--> statement-breakpoint
CREATE INDEX "inventory_changes_variant_idx" ON "inventory_changes" USING btree ("variant_id","created_at");--> statement-breakpoint
CREATE INDEX "product_options_product_idx" ON "product_options" USING btree ("product_id","position");--> statement-breakpoint
CREATE INDEX "product_variants_product_idx" ON "product_variants" USING btree ("product_id","position");--> statement-breakpoint
CREATE INDEX "product_variants_actual_price_idx" ON "product_variants" USING btree ("actual_price");--> statement-breakpoint
CREATE INDEX "products_name_trgm_idx" ON "products" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
-- A batch of statements gives up with a business conflict through this: its code is the message.
CREATE OR REPLACE FUNCTION royal_refuse(p_code text, p_details json DEFAULT NULL)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', p_code USING ERRCODE = 'RS409', DETAIL = coalesce(p_details::text, '');
END
$$;
