import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { call, createProduct, createShoppers, expectError, seedAdmin, tokenFor } from "../../test/support/shop.ts";

/** A review or comment waiting for staff can be rejected or deleted, not only approved; each is audited. */
const staffToken = () => tokenFor(seedAdmin, "admin");

async function pendingReview() {
  const product = await createProduct({ stock: 5 });
  const [shopper] = await createShoppers(1);
  const rated = await answer(
    client({ token: shopper.token }).products[":id"].rating.$put({
      param: { id: product.id },
      json: { vote: 2, text: "Buy my pills at spam.example" },
    }),
  );
  expect(rated.status).toBe(200);
  const queue = expectStatus(
    await answer(
      client({ token: await staffToken() }).admin.ratings.$get({ query: { approved: "false", limit: "100" } }),
    ),
    200,
  ).items;
  const review = queue.find((r) => r.productId === product.id);
  if (!review) throw new Error("the review is not in the queue");
  return { product, shopper, review };
}

const ratingOf = async (productId: string, token: string) =>
  expectStatus(await answer(client({ token }).products[":id"].rating.$get({ param: { id: productId } })), 200);

const auditOf = async (entity: string) =>
  expectStatus(
    await answer(client({ token: await staffToken() }).admin.audit.$get({ query: { entity, limit: "100" } })),
    200,
  ).items;

describe("moderation beyond approval", () => {
  it("rejects a review's text: gone from the queue and the shop, the stars still count, audited by product name", async () => {
    const { product, shopper, review } = await pendingReview();
    const admin = client({ token: await staffToken() }).admin;
    expect(expectStatus(await answer(admin.ratings[":id"].reject.$post({ param: { id: review.id } })), 200)).toEqual({
      id: review.id,
      approved: false,
    });
    const queue = expectStatus(await answer(admin.ratings.$get({ query: { approved: "false", limit: "100" } })), 200);
    expect(queue.items.some((r) => r.id === review.id)).toBe(false);
    expect(await ratingOf(product.id, shopper.token)).toMatchObject({ myVote: 2, myText: null, count: 1 });
    const entry = (await auditOf("ratings")).find((e) => e.entityId === review.id && e.action === "ratings.reject");
    expect(entry).toMatchObject({
      entityName: `Review of Test product ${product.slug.slice(5, 13)}`,
      before: { text: "Buy my pills at spam.example" },
    });
    expectError(
      await answer(admin.ratings[":id"].reject.$post({ param: { id: crypto.randomUUID() } })),
      404,
      "not_found",
    );
  });

  it("deletes a review with its vote, and a comment; unknown ones are 404, customers 403, bad kinds 400", async () => {
    const { product, shopper, review } = await pendingReview();
    const admin = client({ token: await staffToken() }).admin;
    const deleted = await answer(admin[":kind"][":id"].$delete({ param: { kind: "ratings", id: review.id } }));
    expect(deleted.status).toBe(204);
    expect(await ratingOf(product.id, shopper.token)).toMatchObject({ myVote: null, count: 0 });
    expect((await auditOf("ratings")).some((e) => e.entityId === review.id && e.action === "ratings.delete")).toBe(
      true,
    );

    const posted = expectStatus(
      await answer(
        client({ token: shopper.token }).comments.$post({ json: { kind: "suggestion", body: "Spam spam" } }),
      ),
      201,
    );
    expectError(
      await answer(
        client({ token: shopper.token }).admin[":kind"][":id"].$delete({ param: { kind: "comments", id: posted.id } }),
      ),
      403,
      "forbidden",
    );
    expect((await answer(admin[":kind"][":id"].$delete({ param: { kind: "comments", id: posted.id } }))).status).toBe(
      204,
    );
    expectError(
      await answer(admin[":kind"][":id"].$delete({ param: { kind: "comments", id: posted.id } })),
      404,
      "not_found",
    );
    expectError(
      await call(`/admin/reviews/${posted.id}`, { method: "DELETE", token: await staffToken() }),
      400,
      "invalid_request",
    );
  });
});
