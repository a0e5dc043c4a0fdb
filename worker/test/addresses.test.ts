import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { address, call, checkoutAs, createShoppers, expectError, withServices } from "../../test/support/shop.ts";

const paris = { name: "Ada", line1: "12 rue Oberkampf", city: "Paris", postalCode: "75011", country: "FR" };
const book = (token: string) => client({ token }).me.addresses;

const add = (token: string, body: Record<string, unknown>) => answer(book(token).$post({ json: body as typeof paris }));

async function defaultsOf(userId: string) {
  return withServices(async ({ db }) => {
    const result = await db.execute<{ shipping: number; billing: number }>(sql`
      SELECT count(*) FILTER (WHERE is_default_shipping)::int AS shipping,
        count(*) FILTER (WHERE is_default_billing)::int AS billing
      FROM addresses WHERE user_id = ${userId}`);
    return result.rows[0];
  });
}

describe("my address book", () => {
  it("makes my first address my defaults, keeps later ones apart unless asked, and lists my default first", async () => {
    const [me] = await createShoppers(1);
    const first = expectStatus(await add(me.token, paris), 201);
    expect(first).toMatchObject({ ...paris, isDefaultShipping: true, isDefaultBilling: true });
    const second = expectStatus(await add(me.token, { ...address, line2: "Suite 4", subdivision: "il" }), 201);
    expect(second).toMatchObject({
      line2: "Suite 4",
      subdivision: "IL",
      isDefaultShipping: false,
      isDefaultBilling: false,
    });
    const third = expectStatus(await add(me.token, { ...address, name: "Bo", isDefaultShipping: true }), 201);
    expect(third).toMatchObject({ isDefaultShipping: true, isDefaultBilling: false });
    const listed = expectStatus(await answer(book(me.token).$get()), 200);
    expect(listed.items.map((a) => [a.name, a.isDefaultShipping, a.isDefaultBilling])).toEqual([
      ["Bo", true, false],
      ["Ada", false, true],
      ["Ada Buyer", false, false],
    ]);

    const changed = expectStatus(
      await answer(
        book(me.token)[":id"].$put({ param: { id: second.id }, json: { ...paris, city: "Lyon", postalCode: "69001" } }),
      ),
      200,
    );
    expect(changed).toMatchObject({ city: "Lyon", isDefaultShipping: false });
    expect(changed.line2).toBeUndefined();
    expect((await answer(book(me.token)[":id"].$delete({ param: { id: third.id } }))).status).toBe(204);
    expect(await defaultsOf(me.id)).toEqual({ shipping: 0, billing: 1 });
  });

  it("leaves exactly one default when ten requests set different addresses as the default at once", async () => {
    const [me] = await createShoppers(1);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(expectStatus(await add(me.token, { ...paris, name: `Ada ${i}` }), 201).id);
    const results = await Promise.all(
      ids.map((id, i) =>
        answer(
          book(me.token)[":id"].$put({
            param: { id },
            json: { ...paris, name: `Ada ${i}`, isDefaultShipping: true, isDefaultBilling: true },
          }),
        ),
      ),
    );
    for (const result of results) expect(result.status).toBe(200);
    expect(await defaultsOf(me.id)).toEqual({ shipping: 1, billing: 1 });
    const created = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => add(me.token, { ...paris, name: `New ${i}`, isDefaultShipping: true })),
    );
    for (const result of created) expect(result.status).toBe(201);
    expect(await defaultsOf(me.id)).toEqual({ shipping: 1, billing: 1 });
  });

  it("says which field is wrong: a postal code not of its country, a country not in ISO 3166-1", async () => {
    const [me] = await createShoppers(1);
    const postal = expectError(await add(me.token, { ...paris, postalCode: "7501" }), 400, "invalid_request");
    expect(postal.error.details).toEqual([
      expect.objectContaining({ path: "postalCode", message: "not a postal code of FR" }),
    ]);
    const country = expectError(await add(me.token, { ...paris, country: "XX" }), 400, "invalid_request");
    expect(country.error.details).toEqual([expect.objectContaining({ path: "country" })]);
    // Checkout reads addresses the same way.
    const checkout = expectError(
      await checkoutAs(me.token, { shippingAddress: { ...paris, postalCode: "7501" } }),
      400,
      "invalid_request",
    );
    expect(checkout.error.details).toEqual([expect.objectContaining({ path: "shippingAddress.postalCode" })]);
  });

  it("keeps my addresses mine: another account's is not found, a guest is asked to sign in", async () => {
    const [me, other] = await createShoppers(2);
    const mine = expectStatus(await add(me.token, paris), 201);
    expectError(await answer(book(other.token)[":id"].$put({ param: { id: mine.id }, json: paris })), 404, "not_found");
    expectError(await answer(book(other.token)[":id"].$delete({ param: { id: mine.id } })), 404, "not_found");
    expect(expectStatus(await answer(book(other.token).$get()), 200).items).toEqual([]);
    expect((await call("/me/addresses")).status).toBe(401);
    expect(await defaultsOf(me.id)).toEqual({ shipping: 1, billing: 1 });
  });

  it("keeps 20 addresses at most", async () => {
    const [me] = await createShoppers(1);
    for (let i = 0; i < 20; i++) expectStatus(await add(me.token, { ...paris, name: `Ada ${i}` }), 201);
    expectError(await add(me.token, paris), 409, "conflict");
  });
});
