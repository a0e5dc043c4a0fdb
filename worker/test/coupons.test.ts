import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import { assert, describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  defineCoupon,
  expectError,
  grant,
  seedAdmin,
  setLine,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";
import { runScheduledJobs } from "../jobs.ts";

type CouponChanges = InferRequestType<ReturnType<typeof client>["admin"]["coupons"][":id"]["$patch"]>["json"];

const admin = () => tokenFor(seedAdmin, "admin");
const adminCoupons = async () => client({ token: await admin() }).admin.coupons;
const myCoupons = async (token: string) => expectStatus(await answer(client({ token }).coupons.$get()), 200);
const preview = (token: string, code: string) => answer(client({ token }).coupons.preview.$post({ json: { code } }));

describe("coupon definitions and grants", () => {
  it("lets staff define a coupon and grant it: the code expires at grant time + validity", async () => {
    const coupon = await defineCoupon({ title: "Silver", validFor: "PT10M", usageLimit: 50, perUserLimit: 2 });
    expect(coupon).toMatchObject({
      id: expect.any(String),
      title: "Silver",
      kind: "percent",
      value: 10,
      usageLimit: 50,
      perUserLimit: 2,
      usedCount: 0,
      active: true,
    });
    const [shopper] = await createShoppers(1);
    const before = Date.now();
    const code = await grant(coupon.id, shopper.id);
    expect(code).toMatch(/^ROYAL-[A-Z2-9]{10}$/);

    const mine = await myCoupons(shopper.token);
    expect(mine.items).toEqual([
      { code, title: "Silver", kind: "percent", value: 10, expiresAt: expect.any(String), remainingUses: 2 },
    ]);
    const expiresIn = Date.parse(mine.items[0].expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThan(11 * 60_000);
    expect(Math.abs(Date.parse(mine.serverTime) - Date.now())).toBeLessThan(5_000);
  });

  it.each([
    [{ validFor: "7 days" }],
    [{ validFor: "P0D" }],
    [{ kind: "percent", value: 101 }],
    [{ value: 0 }],
    [{ kind: "bogus" }],
    [{ usageLimit: -1 }],
  ])("rejects %o with 400", async (override) => {
    // Raw: one of these bodies (kind: "bogus") is of a type the route's body forbids.
    const result = await call("/admin/coupons", {
      token: await admin(),
      body: { title: "Bad", kind: "fixed", value: 100, validFor: "P1D", ...override },
    });
    expectError(result, 400, "invalid_request");
  });

  it("keeps customers out of coupon administration", async () => {
    const [shopper] = await createShoppers(1);
    expectError(await answer(client({ token: shopper.token }).admin.coupons.$get({ query: {} })), 403, "forbidden");
    // Raw: an empty body, which the route's body type forbids, sent without a token.
    expectError(await call("/admin/coupons", { body: {} }), 401, "unauthenticated");
  });

  it("refuses a grant to an unknown user or of an unknown coupon with 404", async () => {
    const coupon = await defineCoupon({});
    expectError(
      await answer(
        (await adminCoupons())[":id"].grants.$post({
          param: { id: coupon.id },
          json: { userId: "00000000-0000-4000-8000-999999999999" },
        }),
      ),
      404,
      "not_found",
    );
    expectError(
      await answer(
        (await adminCoupons())[":id"].grants.$post({
          param: { id: "00000000-0000-4000-8000-999999999999" },
          json: { userId: seedAdmin.id },
        }),
      ),
      404,
      "not_found",
    );
  });
});

describe("POST /coupons/preview", () => {
  it("prices the cart with the coupon: percent rounded half up, capped by maxDiscount; tax on the discounted subtotal", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 10, price: 1_005, shipping: 200 });
    await setLine(shopper.token, product.id, 1);
    const half = await defineCoupon({ value: 50 });
    const halfCode = await grant(half.id, shopper.id);
    const halfPreview = await preview(shopper.token, halfCode);
    // 50 % of 1005 = 502.5 → 503; tax 9 % of 502 = 45.18 → 45; total 502 + 45 + 200.
    expect(halfPreview.body).toEqual({
      subtotal: 1_005,
      discount: 503,
      tax: 45,
      shipping: 200,
      total: 747,
      currency: "USD",
      promotions: [
        {
          id: expect.stringMatching(/^coupon:/),
          name: `Discount (${halfCode})`,
          kind: "order",
          amount: 503,
          shipping: 0,
        },
      ],
    });

    const capped = await defineCoupon({ value: 50, maxDiscount: 100 });
    const cappedPreview = await preview(shopper.token, await grant(capped.id, shopper.id));
    expect(expectStatus(cappedPreview, 200).discount).toBe(100);

    const bigFixed = await defineCoupon({ kind: "fixed", value: 5_000 });
    const fixedPreview = await preview(shopper.token, await grant(bigFixed.id, shopper.id));
    expect(fixedPreview.body).toMatchObject({ discount: 1_005, tax: 0, total: 200 });
  });

  it("answers coupon_invalid, coupon_expired and coupon_exhausted with 409", async () => {
    const [shopper, other] = await createShoppers(2);
    await setLine(shopper.token, (await createProduct({ stock: 10, price: 1_000 })).id, 1);
    const coupon = await defineCoupon({ minSubtotal: 5_000 });
    expectError(await preview(shopper.token, await grant(coupon.id, shopper.id)), 409, "coupon_invalid");
    const othersCode = await grant((await defineCoupon({})).id, other.id);
    expectError(await preview(shopper.token, othersCode), 409, "coupon_invalid");
    expectError(await preview(shopper.token, "ROYAL-NOSUCHCODE"), 409, "coupon_invalid");

    const expiring = await grant((await defineCoupon({})).id, shopper.id);
    await withServices(({ db }) =>
      db.execute(sql`UPDATE user_coupons SET expires_at = now() - interval '1 second' WHERE code = ${expiring}`),
    );
    expectError(await preview(shopper.token, expiring), 409, "coupon_expired");

    const spent = await grant((await defineCoupon({ perUserLimit: 1 })).id, shopper.id);
    await withServices(({ db }) => db.execute(sql`UPDATE user_coupons SET uses = 1 WHERE code = ${spent}`));
    expectError(await preview(shopper.token, spent), 409, "coupon_exhausted");
    // Neither is offered any more.
    const offered = (await myCoupons(shopper.token)).items.map((i) => i.code);
    expect(offered).not.toContain(expiring);
    expect(offered).not.toContain(spent);
  });

  it("answers cart_empty for an empty cart", async () => {
    const [shopper] = await createShoppers(1);
    const code = await grant((await defineCoupon({})).id, shopper.id);
    expectError(await preview(shopper.token, code), 409, "cart_empty");
  });
});

describe("the scheduled purge", () => {
  it("deletes expired and used-up grants, and only those", async () => {
    const [shopper] = await createShoppers(1);
    const coupon = await defineCoupon({ perUserLimit: 1 });
    const [expired, spent, live] = [
      await grant(coupon.id, shopper.id),
      await grant(coupon.id, shopper.id),
      await grant(coupon.id, shopper.id),
    ];
    await withServices(async ({ db }) => {
      await db.execute(sql`UPDATE user_coupons SET expires_at = now() - interval '1 minute' WHERE code = ${expired}`);
      await db.execute(sql`UPDATE user_coupons SET uses = 1 WHERE code = ${spent}`);
    });
    await runScheduledJobs(env);
    const left = await withServices(async ({ db }) => {
      const result = await db.execute<{ code: string }>(
        sql`SELECT code FROM user_coupons WHERE user_id = ${shopper.id}`,
      );
      return result.rows.map((row) => row.code);
    });
    expect(left).toEqual([live]);
  });
});

describe("coupon terms", () => {
  it("answers a validity in the ISO 8601 form it was given", async () => {
    for (const validFor of ["PT3M", "P7D", "P1DT12H", "PT1H30M"]) {
      const coupon = await defineCoupon({ validFor });
      expect(coupon.validFor).toBe(validFor);
      const listed = expectStatus(await answer((await adminCoupons()).$get({ query: {} })), 200).items.find(
        (c) => c.id === coupon.id,
      );
      expect(listed?.validFor).toBe(validFor);
    }
  });

  it("lets staff change every term; grants already made keep their expiry", async () => {
    const coupon = await defineCoupon({ title: "Bronze", kind: "percent", value: 10, validFor: "PT10M" });
    const [shopper] = await createShoppers(1);
    const code = await grant(coupon.id, shopper.id);
    const before = (await myCoupons(shopper.token)).items.find((c) => c.code === code);

    const changes: CouponChanges = {
      title: "Bronze plus",
      kind: "fixed",
      value: 700,
      validFor: "P2D",
      usageLimit: 9,
      perUserLimit: 3,
      minSubtotal: 1_000,
      maxDiscount: 5_000,
      active: true,
    };
    const changed = await answer((await adminCoupons())[":id"].$patch({ param: { id: coupon.id }, json: changes }));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject(changes);

    const after = (await myCoupons(shopper.token)).items.find((c) => c.code === code);
    assert(before, "the grant before the change");
    expect(after).toMatchObject({ title: "Bronze plus", kind: "fixed", value: 700, expiresAt: before.expiresAt });

    const later = await grant(coupon.id, shopper.id);
    const fresh = (await myCoupons(shopper.token)).items.find((c) => c.code === later);
    assert(fresh, "the grant made after the change");
    expect(Date.parse(fresh.expiresAt) - Date.now()).toBeGreaterThan(47 * 3_600_000);

    const bads: CouponChanges[] = [{ kind: "percent", value: 150 }, { validFor: "2 days" }, { usageLimit: 0 }, {}];
    for (const bad of bads) {
      expectError(
        await answer((await adminCoupons())[":id"].$patch({ param: { id: coupon.id }, json: bad })),
        400,
        "invalid_request",
      );
    }
  });

  it("refuses a global limit below the uses already counted, naming usageLimit", async () => {
    const coupon = await defineCoupon({ kind: "fixed", value: 100, usageLimit: 5 });
    const product = await createProduct({ stock: 5 });
    for (const shopper of await createShoppers(2)) {
      const code = await grant(coupon.id, shopper.id);
      await setLine(shopper.token, product.id, 1);
      const ordered = await checkoutAs(shopper.token, { couponCode: code, shippingAddress: address });
      expect(ordered.status).toBe(201);
    }
    const refused = await answer(
      (await adminCoupons())[":id"].$patch({ param: { id: coupon.id }, json: { usageLimit: 1 } }),
    );
    expectError(refused, 400, "invalid_request");
    expect(expectStatus(refused, 400).error.details).toEqual([expect.objectContaining({ path: "usageLimit" })]);
  });
});
