import pg from "pg";
import { inParallel, ShopClient } from "../bench/api.ts";
import { hashPassword } from "../worker/lib/password.ts";

/**
 * The soak's own corner of a fresh shop: products (some in sizes) with little stock, so shoppers
 * compete and staff must restock; coupons granted to every shopper (one of them with a global limit,
 * to be used up); verified shoppers and staff signed in through the API, each from an address of its own.
 */
export interface Session {
  username: string;
  userId: string;
  token: string;
  refreshToken: string;
  ip: string;
  signedInAt: number;
}

export interface Variant {
  productId: string;
  variantId: string;
  slug: string;
}

export interface SoakShop {
  url: string;
  databaseUrl: string;
  taxRateBps: number;
  products: { id: string; slug: string; variants: string[] }[];
  variants: Variant[];
  couponIds: string[];
  shoppers: (Session & { codes: string[] })[];
  staff: Session[];
}

export const password = "soak-shopper-password";
const words = ["Linen", "Oak", "Steel", "Leather", "Cotton", "Ceramic", "Bamboo", "Wool", "Glass", "Copper"];
const nouns = ["Lamp", "Chair", "Kettle", "Backpack", "Shirt", "Mug", "Desk", "Blanket", "Speaker", "Watch"];
export const searchTerms = ["linen", "oak chair", "steel", "leather", "ceramic mug", "wool", "copper kettle", "soak"];

let addresses = 0;
/** A client address of the IPv6 documentation prefix, one per signed-in user. */
const nextIp = () => {
  addresses += 1;
  // The counter goes into the /64, which is what per-address limits count for IPv6.
  return `2001:db8:${(0x5000 + (addresses >> 16)).toString(16)}:${(addresses & 0xffff).toString(16)}::1`;
};

export async function signIn(client: ShopClient, username: string, secret: string): Promise<Session> {
  const ip = nextIp();
  const session = await client.expect(200, "/auth/login", {
    body: { username, password: secret },
    headers: { "cf-connecting-ip": ip },
  });
  return {
    username,
    userId: session.user.id,
    token: session.accessToken,
    refreshToken: session.refreshToken,
    ip,
    signedInAt: Date.now(),
  };
}

export async function prepareSoak(
  url: string,
  databaseUrl: string,
  settings: { shoppers: number; staff: number; taxRateBps: number; admin: { username: string; password: string } },
  progress: (text: string) => void,
): Promise<SoakShop> {
  const client = new ShopClient(url);
  const admin = await signIn(client, settings.admin.username, settings.admin.password);
  const tag = Date.now().toString(36);

  const products: SoakShop["products"] = [];
  for (let n = 0; n < 10; n++) {
    const sized = n % 3 === 0;
    const price = 1_500 + n * 1_150;
    const body = {
      name: `Soak ${words[n]} ${nouns[(n * 3) % 10]}`,
      slug: `soak-${tag}-${n}`,
      description: `A ${words[n].toLowerCase()} ${nouns[(n * 3) % 10].toLowerCase()} of the soak run.`,
      price,
      discount: n % 4 === 1 ? Math.floor(price / 10) : 0,
      shippingAmount: n % 2 === 0 ? 350 : 0,
      stockQty: 30,
      ...(sized
        ? {
            options: [{ name: "Size", values: ["S", "M", "L"] }],
            variants: ["S", "M", "L"].map((size) => ({ options: { Size: size }, stockQty: 15 })),
          }
        : {}),
    };
    const created = await client.expect(201, "/admin/products", { token: admin.token, body });
    products.push({ id: created.id, slug: created.slug, variants: created.variants.map((v: { id: string }) => v.id) });
  }
  const variants = products.flatMap((p) =>
    p.variants.map((variantId) => ({ productId: p.id, variantId, slug: p.slug })),
  );
  progress(`catalog: ${products.length} products, ${variants.length} variants, 15–30 units each`);

  const coupons = [
    { title: "Soak ten", kind: "percent", value: 10, validFor: "P7D", perUserLimit: 1_000, maxDiscount: 1_500 },
    { title: "Soak five off", kind: "fixed", value: 500, validFor: "P7D", perUserLimit: 1_000, minSubtotal: 3_000 },
    { title: "Soak limited", kind: "percent", value: 15, validFor: "P7D", perUserLimit: 1_000, usageLimit: 40 },
  ];
  const couponIds: string[] = [];
  for (const coupon of coupons) {
    couponIds.push((await client.expect(201, "/admin/coupons", { token: admin.token, body: coupon })).id);
  }

  const staffNames = Array.from({ length: settings.staff }, (_, i) => `soak-staff-${tag}-${i + 1}@royal.shop`);
  for (const username of staffNames) {
    await client.expect(201, "/admin/users", {
      token: admin.token,
      body: { username, password, role: "staff", verified: true },
    });
  }

  const usernames = Array.from({ length: settings.shoppers }, (_, i) => `soak-${tag}-${i + 1}@shoppers.example.com`);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO users (username, email, is_email_verified, password_hash)
       SELECT u, u, true, $2 FROM unnest($1::text[]) AS u`,
      [usernames, await hashPassword(password)],
    );
  } finally {
    await db.end();
  }
  const staff = await inParallel(staffNames, 2, (username) => signIn(client, username, password));
  const signedIn = await inParallel(usernames, 4, (username) => signIn(client, username, password));
  const shoppers = await inParallel(signedIn, 4, async (shopper) => ({
    ...shopper,
    codes: await Promise.all(
      couponIds.map(
        async (id) =>
          (
            await client.expect(201, `/admin/coupons/${id}/grants`, {
              token: admin.token,
              body: { userId: shopper.userId },
            })
          ).code as string,
      ),
    ),
  }));
  progress(`${shoppers.length} shoppers signed in, each granted ${couponIds.length} coupons; ${staff.length} staff`);
  return { url, databaseUrl, taxRateBps: settings.taxRateBps, products, variants, couponIds, shoppers, staff };
}
