-- A cart line holds at most 999 units however it is reached (a merge once added past it): lines
-- above it are brought down to it first, as the cart would have capped them.
UPDATE "cart_items" SET "quantity" = 999 WHERE "quantity" > 999;
--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_quantity_within_line_limit" CHECK ("cart_items"."quantity" <= 999);
