import pg from "pg";
import { hashPassword } from "../worker/lib/password.ts";
import { inParallel, type ShopClient } from "./api.ts";

/**
 * The data set public shop benchmarks use: 500 products with 3 images and 2 features each, and 1,000
 * verified customers. Products go in through the admin API (the contract, whatever the tables look like
 * underneath); customers straight into the database, as registering 1,000 accounts by one-time code
 * would measure the notifier. Loading is idempotent: fixed slugs and usernames, nothing made twice.
 */
export const dataset = { products: 500, images: 3, features: 2, users: 1_000 };
export const shopperPassword = "bench-shopper-password";

const pad = (n: number) => String(n).padStart(4, "0");
export const productSlug = (n: number) => `bench-${pad(n)}`;
export const shopperName = (n: number) => `bench-${pad(n)}@shoppers.example.com`;

const adjectives = [
  "Royal",
  "Classic",
  "Urban",
  "Nordic",
  "Vintage",
  "Compact",
  "Deluxe",
  "Everyday",
  "Studio",
  "Travel",
];
const materials = ["Linen", "Oak", "Steel", "Leather", "Cotton", "Ceramic", "Bamboo", "Wool", "Glass", "Copper"];
const nouns = ["Lamp", "Chair", "Kettle", "Backpack", "Shirt", "Mug", "Desk", "Blanket", "Speaker", "Watch"];

/** Searches a shopper would type; each matches between a few and a few dozen of the products. */
export const searchTerms = [
  "linen",
  "oak chair",
  "steel",
  "leather backpack",
  "ceramic mug",
  "wool",
  "copper kettle",
  "travel",
];

/** What a shopper puts in the cart: a product, or one of its variants once products have them. */
export interface Purchasable {
  productId: string;
  variantId?: string;
  /** The cart line's path under /api/v1: `/cart/items/{productId}` or `/cart/variants/{variantId}`. */
  path: string;
}

/** The first variant in stock when the product detail lists variants, else the product itself. */
export function purchasableOf(detail: {
  id: string;
  variants?: { id: string; inStock?: boolean; active?: boolean }[];
}) {
  const variant = detail.variants?.find((v) => v.active !== false && v.inStock !== false) ?? detail.variants?.[0];
  return variant
    ? { productId: detail.id, variantId: variant.id, path: `/cart/variants/${variant.id}` }
    : { productId: detail.id, path: `/cart/items/${detail.id}` };
}

export interface Dataset {
  adminToken: string;
  /** Slugs of the 500 products, in order. */
  slugs: string[];
  /** Made by this run (0 when a shop already had them). */
  created: { products: number; users: number };
  variants: boolean;
}

function productBody(n: number, taxonomy: { categories: string[]; brands: string[] }, withVariants: boolean) {
  const adjective = adjectives[n % 10];
  const material = materials[Math.floor(n / 10) % 10];
  const noun = nouns[(Math.floor(n / 100) + n) % 10];
  const name = `${adjective} ${material} ${noun}`;
  const slug = productSlug(n);
  const price = 1_000 + ((n * 3_737) % 40_000);
  return {
    name,
    slug,
    description: `${name}: ${material.toLowerCase()} ${noun.toLowerCase()} for every day, item ${n} of the benchmark catalog.`,
    price,
    discount: n % 4 === 0 ? Math.floor(price / 10) : 0,
    shippingAmount: n % 3 === 0 ? 0 : 499,
    stockQty: 1_000_000,
    categoryId: taxonomy.categories[n % taxonomy.categories.length],
    brandId: taxonomy.brands[n % taxonomy.brands.length],
    features: [
      { name: "Material", value: material },
      { name: "Weight", value: `${(n % 20) + 1}00 g` },
    ],
    gallery: Array.from({ length: dataset.images }, (_, i) => ({
      url: `/images/bench/${slug}-${i + 1}.webp`,
      alt: `${name}, view ${i + 1}`,
    })),
    // Once the admin API takes variants, every product gets three sizes (the contract's shape).
    ...(withVariants
      ? {
          options: [{ name: "Size", values: ["S", "M", "L"] }],
          variants: ["S", "M", "L"].map((size) => ({ options: { Size: size }, stockQty: 1_000_000 })),
        }
      : {}),
  };
}

/** Whether the admin API's create body takes `variants` (the OpenAPI document says). */
async function adminTakesVariants(client: ShopClient): Promise<boolean> {
  const doc = await client.call("/openapi.json");
  const body = doc.body?.paths?.["/admin/products"]?.post?.requestBody?.content?.["application/json"]?.schema;
  const resolved = body?.$ref ? doc.body.components?.schemas?.[body.$ref.split("/").pop()] : body;
  return Boolean(resolved?.properties?.variants);
}

export async function loadDataset(
  client: ShopClient,
  databaseUrl: string,
  settings: { admin: { username: string; password: string }; products: number; concurrency: number },
  progress: (text: string) => void,
): Promise<Dataset> {
  const { admin, products, concurrency } = settings;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { token: adminToken } = await client.signIn(admin.username, admin.password);
    const slugs = Array.from({ length: products }, (_, i) => productSlug(i + 1));
    const present = new Set(
      (await db.query<{ slug: string }>("SELECT slug FROM products WHERE slug = ANY($1)", [slugs])).rows.map(
        (r) => r.slug,
      ),
    );
    const missing = slugs.map((_, i) => i + 1).filter((n) => !present.has(productSlug(n)));
    let variants = await adminTakesVariants(client);
    if (missing.length > 0) {
      const categories = (await client.expect(200, "/categories")).items.map((c: { id: string }) => c.id);
      const brands = (await client.expect(200, "/brands")).items.map((b: { id: string }) => b.id);
      progress(`loading ${missing.length} products through the admin API${variants ? " (with variants)" : ""}`);
      await inParallel(missing, concurrency, async (n) => {
        const create = (withVariants: boolean) =>
          client.call("/admin/products", {
            body: productBody(n, { categories, brands }, withVariants),
            token: adminToken,
          });
        let answer = await create(variants);
        if (answer.status === 400 && variants) {
          progress(`the admin API refused the variants (${JSON.stringify(answer.body)}); products go in without them`);
          variants = false;
          answer = await create(false);
        }
        if (answer.status !== 201 && answer.status !== 409) {
          throw new Error(`creating ${productSlug(n)}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      });
    }

    const usernames = Array.from({ length: dataset.users }, (_, i) => shopperName(i + 1));
    const passwordHash = await hashPassword(shopperPassword);
    const inserted = await db.query(
      `INSERT INTO users (username, email, is_email_verified, password_hash)
       SELECT u, u, true, $2 FROM unnest($1::text[]) AS u
       ON CONFLICT DO NOTHING`,
      [usernames, passwordHash],
    );
    return { adminToken, slugs, created: { products: missing.length, users: inserted.rowCount ?? 0 }, variants };
  } finally {
    await db.end();
  }
}

/** A product of this run alone, with `stock` units: the one shoppers race for. */
export async function createScarceProduct(client: ShopClient, adminToken: string, stock: number, tag: string) {
  const product = await client.expect(201, "/admin/products", {
    token: adminToken,
    body: {
      name: `Limited Royal Edition ${tag}`,
      slug: `bench-limited-${tag}`,
      description: "Few are made: the benchmark's shoppers race for them.",
      price: 25_000,
      stockQty: stock,
    },
  });
  return purchasableOf(await client.expect(200, `/products/${product.id}`, { token: adminToken }));
}

export interface Shopper {
  username: string;
  userId: string;
  token: string;
}

/** Signs in the first `count` customers of the data set, `concurrency` at a time (each login hashes a password). */
export async function signInShoppers(client: ShopClient, count: number, concurrency: number): Promise<Shopper[]> {
  const names = Array.from({ length: count }, (_, i) => shopperName(i + 1));
  return inParallel(names, concurrency, async (username) => ({
    username,
    ...(await client.signIn(username, shopperPassword)),
  }));
}
