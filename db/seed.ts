import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { hashPassword } from "../worker/lib/password.ts";
import * as schema from "./schema.ts";
import {
  seedBrands,
  seedCategories,
  seedCoupons,
  seedGrants,
  seedProducts,
  seedPromotions,
  seedUsers,
} from "./seed-data.ts";

/** Loads the development demo data. Running it again inserts nothing twice and overwrites nothing. */
export async function runSeed(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const db = drizzle({ client, schema });
  try {
    await db.transaction(async (tx) => {
      await tx.insert(schema.categories).values(seedCategories).onConflictDoNothing();
      await tx.insert(schema.brands).values(seedBrands).onConflictDoNothing();

      const inserted = await tx
        .insert(schema.products)
        .values(
          seedProducts.map((p) => ({
            id: p.id,
            slug: p.slug,
            name: p.name,
            description: p.description,
            categoryId: p.categoryId,
            brandId: p.brandId,
            createdAt: p.createdAt,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: schema.products.id });
      const fresh = new Set(inserted.map((row) => row.id));
      const freshProducts = seedProducts.filter((p) => fresh.has(p.id));
      const images = freshProducts.flatMap((p) =>
        p.gallery.map((g, position) => ({ ...g, position, productId: p.id })),
      );
      const features = freshProducts.flatMap((p) =>
        p.features.map((f, position) => ({ ...f, position, productId: p.id })),
      );
      if (images.length) await tx.insert(schema.productImages).values(images);
      if (features.length) await tx.insert(schema.productFeatures).values(features);
      const options = freshProducts.flatMap((p) => p.options.map((o) => ({ ...o, productId: p.id })));
      if (options.length) await tx.insert(schema.productOptions).values(options);
      const variants = freshProducts.flatMap((p) => p.variants);
      if (variants.length) {
        await tx.insert(schema.productVariants).values(variants);
        await tx.insert(schema.inventoryChanges).values(
          variants.map((v) => ({
            variantId: v.id,
            delta: v.stockQty,
            stockAfter: v.stockQty,
            reason: "first stock",
          })),
        );
      }

      const users = await Promise.all(
        seedUsers.map(async ({ password, ...user }) => ({
          ...user,
          email: user.username,
          isEmailVerified: true,
          passwordHash: await hashPassword(password),
        })),
      );
      await tx.insert(schema.users).values(users).onConflictDoNothing();

      await tx.insert(schema.coupons).values(seedCoupons).onConflictDoNothing();
      for (const grant of seedGrants) {
        await tx
          .insert(schema.userCoupons)
          .values({
            ...grant,
            expiresAt: sql`now() + (SELECT valid_for FROM coupons WHERE id = ${grant.couponId})`,
          })
          .onConflictDoNothing();
      }
      for (const { code, ...promotion } of seedPromotions) {
        await tx.insert(schema.promotions).values(promotion).onConflictDoNothing();
        if (code) {
          // Kept as the shop keeps every promotion code: its SHA-256, never the code.
          await tx
            .insert(schema.promotionCodes)
            .values({
              promotionId: promotion.id,
              codeHash: sql`encode(sha256(convert_to(${code}, 'UTF8')), 'hex')`,
              hint: `${code.slice(0, 2)}…${code.slice(-2)}`,
            })
            .onConflictDoNothing();
        }
      }
      return inserted.length;
    });
  } finally {
    await client.end();
  }
  return { products: seedProducts.length, users: seedUsers };
}

if (import.meta.main) {
  const { devDatabaseUrl } = await import("../local/config.ts");
  const url = process.env.DATABASE_URL ?? devDatabaseUrl;
  const host = new URL(url).hostname;
  // The demo accounts have published passwords: never load them anywhere but a local database.
  if (!["localhost", "127.0.0.1", "::1"].includes(host)) {
    console.error(`refusing to load development seed data into ${host}`);
    process.exit(1);
  }
  await runSeed(url);
  console.log("seed loaded");
}
