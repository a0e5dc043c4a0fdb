import { mkdir, readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { catalogCsvColumns } from "../../worker/schemas/catalog-csv-columns.ts";
import { axeViolations, cspRefusals, launchChromium, overflow, shopApi, visit } from "./browser.ts";

/**
 * The rest of the storefront and the catalog file in Chromium, on the whole shop: every storefront
 * page under the Content-Security-Policy it is served with (axe, 375 px, screenshots); staff ship an
 * order that the shopper's pages show live; a coupon granted by staff appears on the shopper's
 * coupons page live and counts down, and one that expires leaves it live; a review and a comment
 * approved in the moderation queue appear on the product page under the author's display name; the
 * cart edited as a guest, a coupon applied from my list and the cart cleared; a catalog file with
 * one bad line refused whole with that line's error, then imported after its plan.
 */
const shopUrl = inject("shopUrl");
const staffAdmin = inject("admins").shopLive;
const run = crypto.randomUUID().slice(0, 8);
const { address, call, token } = shopApi(shopUrl);

let browser: Browser;
let admin = "";
const shopper = { username: `live-shopper-${run}@example.com`, password: "live-shopper-1", id: "", token: "" };
const reviewer = { username: `reviewer-${run}@example.com`, password: "reviewer-pass-1", id: "", token: "" };
let orderId = "";

/** What the shop calls an order (#1042), as its shopper reads it. */
async function orderName(who: { token: string }, id: string): Promise<string> {
  const { status, body } = await call(`/orders/${id}`, { token: who.token });
  expect(status).toBe(200);
  return `Order #${body.number}`;
}

/** A paid order of the shopper: cart, checkout, and the sandbox bank's "pay". */
async function paidOrder(who: { token: string }, slug = "zephyr-blender"): Promise<string> {
  const product = (await call(`/products/${slug}`)).body;
  expect(
    (await call(`/cart/items/${product.id}`, { method: "PUT", token: who.token, json: { quantity: 1 } })).status,
  ).toBe(200);
  const checkout = await call("/checkout", {
    token: who.token,
    headers: { "idempotency-key": crypto.randomUUID() },
    json: {
      shippingAddress: {
        name: "Lin Live",
        line1: "2 Socket Lane",
        city: "Springfield",
        postalCode: "12345",
        country: "US",
      },
    },
  });
  expect(checkout.status).toBe(201);
  const payment = await call(`/orders/${checkout.body.id}/payment`, { method: "POST", token: who.token });
  expect(payment.status).toBe(201);
  const authority = new URL(payment.body.redirectUrl, shopUrl).pathname.split("/").at(-1);
  expect((await call(`/sandbox/pay/${authority}`, { json: { outcome: "success" } })).status).toBe(200);
  return checkout.body.id;
}

async function newContext(width = 1280, height = 900): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width, height },
    reducedMotion: "reduce",
    extraHTTPHeaders: { "cf-connecting-ip": address },
  });
}

async function signIn(context: BrowserContext, who: { username: string; password: string }, next: string) {
  const page = await context.newPage();
  await page.goto(`${shopUrl}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email or phone").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
  return page;
}

/** Waits until no loading state is left on the page. */
async function settled(page: Page) {
  await page.waitForFunction(
    () => ![...document.querySelectorAll("[role=status]")].some((el) => /Loading/.test(el.textContent ?? "")),
    undefined,
    { timeout: 15_000 },
  );
}

/** A countdown's text (`1d 02:03:04` or `02:03:04`) in seconds. */
const seconds = (clock: string) => {
  const [, days = "0", h, m, s] = /^(?:(\d+)d )?(\d+):(\d+):(\d+)$/.exec(clock) ?? [];
  return Number(days) * 86_400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
};

beforeAll(async () => {
  browser = await launchChromium();
  admin = await token(staffAdmin.username, staffAdmin.password);
  for (const account of [shopper, reviewer]) {
    const created = await call("/admin/users", {
      token: admin,
      json: { ...account, role: "customer", verified: true },
    });
    expect(created.status).toBe(201);
    account.id = created.body.id;
    account.token = await token(account.username, account.password);
  }
  orderId = await paidOrder(shopper);
  await mkdir("test-results", { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("the storefront in Chromium, under its Content-Security-Policy", () => {
  it("serves every page and asset with a policy that allows no inline script, no inline style and no eval", async () => {
    const html = await fetch(shopUrl).then((r) => r.text());
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    for (const path of [
      "/",
      "/products/royal-kettle",
      "/cart",
      "/coupons",
      "/admin/products",
      "/no-such-page",
      entry,
    ]) {
      const response = await fetch(`${shopUrl}${path}`);
      expect(response.status, path).toBe(200);
      const policy = response.headers.get("content-security-policy") ?? "";
      const directive = (name: string) => policy.split(";").find((d) => d.trim().startsWith(`${name} `)) ?? "";
      expect(directive("script-src"), path).toMatch(/^\s*script-src 'self'$/);
      expect(directive("style-src"), path).toMatch(/^\s*style-src 'self'$/);
      expect(policy, path).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(policy, path).toContain("object-src 'none'");
      expect(policy, path).toContain("frame-ancestors 'none'");
    }
  });

  it("renders the API reference from the shop's own files: no request to another origin, nothing its policy refuses", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const refused = await cspRefusals(page);
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin !== new URL(shopUrl).origin && url.protocol !== "data:") elsewhere.push(request.url());
    });
    const response = await page.goto(`${shopUrl}/api/v1/docs`);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page
      .getByRole("heading", { name: /Royal Shop API/ })
      .first()
      .waitFor();
    await page.locator(".opblock-summary-path", { hasText: "/products/{idOrSlug}" }).first().waitFor();
    expect({ elsewhere, refused, failures }).toEqual({ elsewhere: [], refused: [], failures: [] });
    await context.close();
  });

  it("loads every storefront page without serious or critical accessibility violations or refusals, on a desktop and at 375 px without sideways scrolling", async () => {
    const context = await newContext();
    const guest = await context.newPage();
    const failures: string[] = [];
    guest.on("pageerror", (error) => failures.push(error.message));
    const refused = await cspRefusals(guest);
    const violations: Record<string, string[]> = {};
    const check = async (page: Page, name: string) => {
      await settled(page);
      await page.screenshot({ path: `test-results/shop-${name}.png`, fullPage: true });
      const found = await axeViolations(page);
      if (found.length > 0) violations[name] = found;
    };

    await guest.goto(`${shopUrl}/`);
    await guest.getByTestId("product-card").first().waitFor();
    await check(guest, "home");
    await visit(guest, "/products/royal-kettle");
    await guest.getByRole("heading", { level: 1, name: "Royal Kettle" }).waitFor();
    await guest.getByRole("heading", { name: "Comments" }).waitFor();
    await check(guest, "product");
    await visit(guest, "/products/royal-oxford-shirt");
    await guest.getByRole("heading", { level: 1, name: "Royal Oxford Shirt" }).waitFor();
    await check(guest, "product-variants");
    await visit(guest, "/cart");
    await guest.getByText("Your cart is empty.").waitFor();
    await check(guest, "cart-empty");
    await visit(guest, "/products/royal-kettle");
    await guest.getByRole("button", { name: "Add to cart" }).click();
    await guest.getByTestId("header-cart").filter({ hasText: "Cart (1)" }).waitFor();
    await visit(guest, "/cart");
    await guest.getByTestId("cart-line").waitFor();
    await check(guest, "cart-guest");
    for (const [name, path, heading] of [
      ["signin", "/signin", "Sign in"],
      ["signup", "/signup", "Create your account"],
      ["forgot", "/forgot", "Reset your password"],
      ["not-found", "/no-such-page", "Page not found"],
    ]) {
      await visit(guest, path);
      await guest.getByRole("heading", { level: 1, name: heading }).waitFor();
      await check(guest, name);
    }
    // The guest's line joins the account's cart on sign-in: the signed-in cart has something to show.
    await guest.getByRole("link", { name: "Sign in" }).first().click();
    await guest.getByLabel("Email or phone").fill(shopper.username);
    await guest.getByLabel("Password").fill(shopper.password);
    await guest.getByRole("button", { name: "Sign in", exact: true }).click();
    await guest.getByTestId("header-account").waitFor();
    const signedIn: [name: string, path: string, heading: string][] = [
      ["cart", "/cart", "Your cart"],
      ["coupons-empty", "/coupons", "Your coupons"],
      ["orders", "/orders", "Your orders"],
      ["order", `/orders/${orderId}`, await orderName(shopper, orderId)],
      ["account", "/account", "Your account"],
      ["wishlist", "/wishlist", "Your wishlist"],
    ];
    for (const [name, path, heading] of signedIn) {
      await visit(guest, path);
      await guest.getByRole("heading", { level: 1, name: heading }).waitFor();
      await check(guest, name);
    }
    await guest.getByTestId("header-cart").filter({ hasText: "Cart (1)" }).waitFor();
    await visit(guest, "/coupons");
    await guest.getByTestId("no-coupons").waitFor();

    await guest.setViewportSize({ width: 375, height: 800 });
    for (const [name, path] of [
      ["home", "/"],
      ["product", "/products/royal-kettle"],
      ["product-variants", "/products/royal-oxford-shirt"],
      ["cart", "/cart"],
      ["coupons", "/coupons"],
      ["orders", "/orders"],
      ["order", `/orders/${orderId}`],
      ["account", "/account"],
    ]) {
      await visit(guest, path);
      await guest.locator("main h1").first().waitFor({ state: "attached" });
      await settled(guest);
      expect(await overflow(guest), name).toEqual({ page: 0, wide: [] });
      await guest.screenshot({ path: `test-results/shop-${name}-375.png`, fullPage: true });
      const found = await axeViolations(guest);
      if (found.length > 0) violations[`${name}-375`] = found;
    }
    expect(violations).toEqual({});
    expect(refused).toEqual([]);
    expect(failures).toEqual([]);
    // Back to empty, for the tests after this one.
    expect((await call("/cart", { method: "DELETE", token: shopper.token })).status).toBe(200);
    await context.close();
  }, 180_000);

  it("shows the loading and failure states of the new pages, each with a retry that recovers", async () => {
    const context = await newContext();
    const page = await signIn(context, shopper, "/account");
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const down = {
      status: 503,
      contentType: "application/json",
      body: '{"error":{"code":"unavailable","message":"down"}}',
    };

    // My coupons: neither the API nor the room can be reached.
    await page.route("**/api/v1/coupons", (route) => route.fulfill(down));
    await page.route("**/api/v1/realtime/ticket", (route) => route.fulfill(down));
    await page.goto(`${shopUrl}/coupons`);
    await page.getByRole("alert").getByText("Your coupons could not be loaded.").waitFor();
    await page.screenshot({ path: "test-results/shop-coupons-failed.png", fullPage: true });
    await page.unroute("**/api/v1/coupons");
    await page.unroute("**/api/v1/realtime/ticket");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("no-coupons").waitFor();
    await page.getByTestId("live-state").filter({ hasText: "This page updates live." }).waitFor({ timeout: 15_000 });

    // A slow answer shows that the coupons are loading.
    await page.route("**/api/v1/coupons", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.route("**/api/v1/realtime/ticket", (route) => route.fulfill(down));
    await page.goto(`${shopUrl}/coupons`);
    await page.getByRole("status").getByText("Loading your coupons…").waitFor();
    await page.getByTestId("no-coupons").waitFor();
    await page.unroute("**/api/v1/coupons");
    await page.unroute("**/api/v1/realtime/ticket");

    // My orders: the page says what failed and tries again.
    await page.route("**/api/v1/orders", (route) => route.fulfill(down));
    await page.goto(`${shopUrl}/orders`);
    await page.getByRole("alert").getByRole("heading", { name: "Something went wrong" }).waitFor();
    await page.unroute("**/api/v1/orders");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("order-row").first().waitFor();

    // A product's comments and reviews fail on their own: the product page stays.
    await page.route("**/api/v1/products/*/comments?**", (route) => route.fulfill(down));
    await page.route("**/api/v1/products/*/ratings?**", (route) => route.fulfill(down));
    await page.goto(`${shopUrl}/products/royal-kettle`);
    await page.getByRole("heading", { level: 1, name: "Royal Kettle" }).waitFor();
    await page.getByRole("alert").getByText("The comments could not be loaded.").waitFor();
    await page.getByRole("alert").getByText("The reviews could not be loaded.").waitFor();
    await page.unroute("**/api/v1/products/*/comments?**");
    await page.unroute("**/api/v1/products/*/ratings?**");
    while ((await page.getByRole("button", { name: "Try again" }).count()) > 0)
      await page.getByRole("button", { name: "Try again" }).first().click();
    await page.getByTestId("no-comments").or(page.getByTestId("comment").first()).waitFor();

    // The signed-in cart, when neither the API nor the room (whose snapshot carries it) answers.
    await page.route("**/api/v1/cart", (route) => route.fulfill(down));
    await page.route("**/api/v1/realtime/ticket", (route) => route.fulfill(down));
    await page.goto(`${shopUrl}/cart`);
    await page.getByRole("alert").getByText("Your cart could not be loaded.").waitFor();
    await page.unroute("**/api/v1/cart");
    await page.unroute("**/api/v1/realtime/ticket");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByText("Your cart is empty.").waitFor();
    expect(failures).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("paying in Chromium", () => {
  it("takes the money once when the shopper opens the bank in two tabs: the older tab's session is closed", async () => {
    const kettle = (await call("/products/royal-kettle")).body;
    await call(`/cart/items/${kettle.id}`, { method: "PUT", token: shopper.token, json: { quantity: 1 } });
    const checkout = await call("/checkout", {
      token: shopper.token,
      headers: { "idempotency-key": crypto.randomUUID() },
      json: {
        shippingAddress: {
          name: "Two Tabs",
          line1: "3 Bank Row",
          city: "Springfield",
          postalCode: "12345",
          country: "US",
        },
      },
    });
    expect(checkout.status).toBe(201);
    const id = checkout.body.id as string;
    const shop = await newContext();
    const first = await signIn(shop, shopper, `/orders/${id}`);
    const second = await shop.newPage();
    await second.goto(`${shopUrl}/orders/${id}`);
    for (const tab of [first, second]) {
      await tab.getByRole("button", { name: /^Pay / }).click();
      await tab.getByRole("heading", { name: "Royal Sandbox Bank" }).waitFor();
    }
    // The first tab's session was closed when the second started: its bank takes nothing.
    await first.getByRole("button", { name: /^Pay / }).click();
    await first.getByTestId("sandbox-error").filter({ hasText: "This payment is closed" }).waitFor();
    await second.getByRole("button", { name: /^Pay / }).click();
    await second.waitForURL(`**/orders/${id}`);
    await second.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor();

    const detail = await call(`/admin/orders/${id}`, { token: admin });
    expect(detail.body.payments.map((p: { status: string }) => p.status)).toEqual(["expired", "succeeded"]);
    await first.reload();
    await first.getByText("This payment is closed").first().waitFor();
    await shop.close();
  });
});

describe("live in Chromium", () => {
  it("shows staff shipping an order on the shopper's order page and orders list at once", async () => {
    const id = await paidOrder(shopper);
    const shop = await newContext();
    const orderPage = await signIn(shop, shopper, `/orders/${id}`);
    await orderPage.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor();
    const listPage = await shop.newPage();
    await listPage.goto(`${shopUrl}/orders`);
    const row = listPage.getByTestId("order-row").filter({ hasText: await orderName(shopper, id) });
    await row.getByTestId("order-row-status").filter({ hasText: "Paid" }).waitFor();
    await listPage
      .getByTestId("live-state")
      .filter({ hasText: "This page updates live." })
      .waitFor({ timeout: 15_000 });

    const office = await newContext();
    const staffPage = await signIn(office, staffAdmin, `/admin/orders/${id}`);
    await staffPage.getByTestId("admin-order-status").filter({ hasText: "Paid" }).waitFor();
    await staffPage.getByRole("button", { name: "Start processing" }).click();
    await staffPage.getByTestId("admin-order-status").filter({ hasText: "Processing" }).waitFor();
    await orderPage.getByTestId("order-status").filter({ hasText: "Being prepared" }).waitFor({ timeout: 10_000 });
    await staffPage.getByRole("form", { name: "Ship the order" }).getByLabel("Carrier").fill("UPS");
    await staffPage.getByRole("button", { name: "Mark as shipped" }).click();
    await staffPage.getByTestId("admin-order-status").filter({ hasText: "Shipped" }).waitFor();

    // Neither shopper page was reloaded: the shopper's room brought the change.
    await orderPage.getByTestId("order-status").filter({ hasText: "Shipped" }).waitFor({ timeout: 10_000 });
    await orderPage.locator(".timeline").getByText("Shipped").waitFor();
    await row.getByTestId("order-row-status").filter({ hasText: "Shipped" }).waitFor({ timeout: 10_000 });
    await orderPage.screenshot({ path: "test-results/shop-order-shipped-live.png", fullPage: true });
    await listPage.screenshot({ path: "test-results/shop-orders-live.png", fullPage: true });

    // A new order joins the top of the open list by itself.
    const next = await paidOrder(shopper);
    await listPage
      .getByTestId("order-row")
      .first()
      .filter({ hasText: await orderName(shopper, next) })
      .waitFor({ timeout: 10_000 });
    await shop.close();
    await office.close();
  }, 120_000);

  it("shows a coupon granted by staff on the shopper's coupons page at once, counting down, and takes one that expires off the page live", async () => {
    const title = `Live gift ${run}`;
    const gift = await call("/admin/coupons", {
      token: admin,
      json: { title, kind: "fixed", value: 500, validFor: "P1D" },
    });
    expect(gift.status).toBe(201);
    const shop = await newContext();
    const page = await signIn(shop, shopper, "/coupons");
    await page.getByTestId("live-state").filter({ hasText: "This page updates live." }).waitFor({ timeout: 15_000 });
    await settled(page);

    // Staff grant it in the admin app, found by the customer's email.
    const office = await newContext();
    const staffPage = await signIn(office, staffAdmin, "/admin/coupons");
    await settled(staffPage);
    const card = staffPage.getByTestId("coupon").filter({ has: staffPage.getByRole("heading", { name: title }) });
    await card.getByRole("button", { name: /Grant to a customer/ }).click();
    await card.getByLabel("Customer's email, phone or name").fill(shopper.username);
    await card.getByRole("button", { name: "Find" }).click();
    await card.getByRole("button", { name: `Grant to ${shopper.username}` }).click();
    await card.getByTestId("grant-result").waitFor();

    const coupon = page.getByTestId("coupon").filter({ hasText: title });
    await coupon.waitFor({ timeout: 10_000 });
    await expect(coupon.textContent()).resolves.toContain("$5.00 off");
    const first = seconds((await coupon.getByTestId("coupon-countdown").textContent()) ?? "");
    expect(first).toBeGreaterThan(23 * 3600);
    expect(first).toBeLessThanOrEqual(24 * 3600);
    await expect
      .poll(async () => seconds((await coupon.getByTestId("coupon-countdown").textContent()) ?? ""), { timeout: 5_000 })
      .toBeLessThan(first);
    await page.screenshot({ path: "test-results/shop-coupons-live.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // A coupon valid for a few seconds comes, counts down to zero and goes, with no reload.
    const flash = await call("/admin/coupons", {
      token: admin,
      json: { title: `Flash ${run}`, kind: "percent", value: 5, validFor: "PT6S" },
    });
    expect(flash.status).toBe(201);
    expect(
      (await call(`/admin/coupons/${flash.body.id}/grants`, { token: admin, json: { userId: shopper.id } })).status,
    ).toBe(201);
    const short = page.getByTestId("coupon").filter({ hasText: `Flash ${run}` });
    await short.waitFor({ timeout: 10_000 });
    expect(seconds((await short.getByTestId("coupon-countdown").textContent()) ?? "")).toBeLessThanOrEqual(6);
    await short.waitFor({ state: "detached", timeout: 20_000 });
    await coupon.waitFor();
    await shop.close();
    await office.close();
  }, 120_000);

  it("shows a review and a comment approved in the moderation queue on the product page, under the author's display name", async () => {
    // Letters only: a name with seven digits reads as a phone number, which the shop refuses.
    const name = `Reviewer ${run.replace(/\d/g, (digit) => "ghijklmnop"[Number(digit)])}`;
    const words = `Warm sound, small box (${run})`;
    const idea = `Sell it in walnut too (${run})`;
    const shop = await newContext();
    const page = await signIn(shop, reviewer, "/account");
    await page.getByLabel("Name on your reviews (leave empty to stay anonymous)").fill(name);
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("status").getByText("Saved.").waitFor();

    await page.goto(`${shopUrl}/products/royal-soundbar`);
    await page.getByRole("heading", { level: 1, name: "Royal Soundbar" }).waitFor();
    await page.getByLabel("Your review (optional)").fill(words);
    await page.locator("label", { hasText: "4 stars" }).click();
    await page.getByRole("button", { name: "Submit review" }).click();
    await page.getByText("Thanks! Your words appear once our team has read them.").waitFor();

    // The comment form by keyboard: an empty one is refused beside its field, then sent.
    const form = page.getByRole("form", { name: "Leave a comment" });
    await form.getByRole("button", { name: "Send comment" }).focus();
    await page.keyboard.press("Enter");
    await form.getByText("Write your comment first.").waitFor();
    await form.getByLabel("Suggestion").focus();
    await page.keyboard.press("ArrowDown");
    await expect(form.getByLabel("Criticism").isChecked()).resolves.toBe(true);
    await page.keyboard.press("ArrowUp");
    await expect(form.getByLabel("Suggestion").isChecked()).resolves.toBe(true);
    await form.getByLabel("Your comment (up to 2,000 characters)").focus();
    await page.keyboard.type(idea);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await form.getByText("Thanks! Your comment appears here once our team has read it.").waitFor();
    await page.screenshot({ path: "test-results/shop-product-comment-sent.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const office = await newContext();
    const staffPage = await signIn(office, staffAdmin, "/admin/reviews");
    await settled(staffPage);
    const review = staffPage.getByTestId("queue-ratings").filter({ hasText: words });
    await review.getByRole("button", { name: "Approve this review" }).click();
    await staffPage.getByText("Approved: the review is now shown in the shop.").waitFor();
    const comment = staffPage.getByTestId("queue-comments").filter({ hasText: idea });
    await comment.getByRole("button", { name: "Approve this comment" }).click();
    await staffPage.getByText("Approved: the comment is now shown in the shop.").waitFor();

    const visitor = await (await newContext()).newPage();
    await visitor.goto(`${shopUrl}/products/royal-soundbar`);
    const shown = visitor.getByTestId("review").filter({ hasText: words });
    await shown.waitFor();
    await expect(shown.getByTestId("review-author").textContent()).resolves.toBe(name);
    const note = visitor.getByTestId("comment").filter({ hasText: idea });
    await note.waitFor();
    await expect(note.getByTestId("comment-author").textContent()).resolves.toBe(name);
    await expect(note.textContent()).resolves.toContain("Suggestion");
    // Never the account's email address.
    await expect(visitor.locator("main").textContent()).resolves.not.toContain(reviewer.username);
    await visitor.screenshot({ path: "test-results/shop-product-reviews.png", fullPage: true });
    await shop.close();
    await office.close();
  }, 120_000);
});

describe("the admin app's live socket in Chromium", () => {
  it("keeps one dashboard socket while staff move between admin pages, and its badge follows that socket alone", async () => {
    const office = await newContext();
    const page = await office.newPage();
    const opened: string[] = [];
    page.on("websocket", (socket) => opened.push(new URL(socket.url()).pathname));
    await page.goto(`${shopUrl}/signin?next=/admin`);
    await page.getByLabel("Email or phone").fill(staffAdmin.username);
    await page.getByLabel("Password").fill(staffAdmin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.getByTestId("live-state").filter({ hasText: "Live" }).waitFor({ timeout: 15_000 });
    const nav = page.getByRole("navigation", { name: "Admin" });
    for (const [label, heading] of [
      ["Orders", "Orders"],
      ["Reviews", "Reviews"],
      ["Products", "Products"],
      ["Dashboard", "Live dashboard"],
    ]) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    }
    // Back on the dashboard, its counters came from the socket that stayed open.
    await page.getByTestId("stat-orders").filter({ hasText: /^\d+$/ }).waitFor();
    await page.getByTestId("live-state").filter({ hasText: "Live" }).waitFor();
    expect(opened.filter((path) => path.startsWith("/parties/dashboard/"))).toHaveLength(1);

    // The dashboard's socket refused: its badge says so, though the staff member's shopper socket is up.
    const blocked = await office.newPage();
    await blocked.routeWebSocket(/\/parties\/dashboard\//, (socket) => socket.close());
    let shopperFrames = 0;
    blocked.on("websocket", (socket) => {
      if (socket.url().includes("/parties/shopper/")) socket.on("framereceived", () => shopperFrames++);
    });
    await blocked.goto(`${shopUrl}/admin`);
    await blocked.getByRole("heading", { level: 1, name: "Live dashboard" }).waitFor();
    await expect.poll(() => shopperFrames, { timeout: 15_000 }).toBeGreaterThan(0);
    await blocked.waitForTimeout(1_000);
    await expect(blocked.getByTestId("live-state").textContent()).resolves.toBe("Connecting…");
    await office.close();
  }, 90_000);
});

describe("the cart in Chromium", () => {
  it("lets a guest change quantities and remove lines before signing in; signed in, applies one of my coupons from the list and clears the cart", async () => {
    const title = `Cart gift ${run}`;
    const gift = await call("/admin/coupons", {
      token: admin,
      json: { title, kind: "fixed", value: 700, validFor: "P1D" },
    });
    expect(gift.status).toBe(201);
    expect(
      (await call(`/admin/coupons/${gift.body.id}/grants`, { token: admin, json: { userId: shopper.id } })).status,
    ).toBe(201);
    const context = await newContext(375, 800);
    const page = await context.newPage();
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    for (const slug of ["royal-kettle", "zephyr-buds"]) {
      await page.goto(`${shopUrl}/products/${slug}`);
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page.getByRole("button", { name: /^Added/ }).waitFor();
    }
    await page.getByTestId("header-cart").filter({ hasText: "Cart (2)" }).waitFor();
    await page.getByTestId("header-cart").click();
    await page.getByTestId("cart-line").nth(1).waitFor();
    // Each line is priced once the catalog has answered for it.
    const kettle = page.getByTestId("cart-line").filter({ hasText: "Royal Kettle" });
    await kettle.getByText("$50.00").waitFor();

    // By keyboard: two more kettles, then one less; the buds are removed.
    await page.getByRole("button", { name: "One more Royal Kettle" }).focus();
    await page.keyboard.press("Enter");
    await kettle.getByTestId("line-quantity").filter({ hasText: "2" }).waitFor();
    await page.keyboard.press("Enter");
    await kettle.getByTestId("line-quantity").filter({ hasText: "3" }).waitFor();
    await page.getByRole("button", { name: "One less Royal Kettle" }).click();
    await kettle.getByTestId("line-quantity").filter({ hasText: "2" }).waitFor();
    await page.getByRole("button", { name: "Remove Zephyr Buds" }).click();
    await page.getByTestId("cart-line").filter({ hasText: "Zephyr Buds" }).waitFor({ state: "detached" });
    await page.getByTestId("header-cart").filter({ hasText: "Cart (2)" }).waitFor();
    expect(await overflow(page)).toEqual({ page: 0, wide: [] });
    await page.screenshot({ path: "test-results/shop-cart-guest-edited-375.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The guest cart is cleared after asking once more, and filled again.
    await page.getByRole("button", { name: "Clear cart" }).click();
    await page
      .getByRole("group", { name: "Remove everything from your cart?" })
      .getByRole("button", { name: "Keep" })
      .click();
    await kettle.waitFor();
    await page.getByRole("button", { name: "Clear cart" }).click();
    await page.getByRole("button", { name: "Yes, clear it" }).click();
    await page.getByText("Your cart is empty.").waitFor();
    await page.getByTestId("header-cart").filter({ hasText: "Cart (0)" }).waitFor();
    await page.goto(`${shopUrl}/products/royal-kettle`);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByTestId("header-cart").filter({ hasText: "Cart (1)" }).waitFor();

    // Signed in, the line joined the account's cart; one of my coupons is applied from the list.
    await page.goto(`${shopUrl}/signin?next=/cart`);
    await page.getByLabel("Email or phone").fill(shopper.username);
    await page.getByLabel("Password").fill(shopper.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/cart");
    // The checkout form shows once the account's cart, with the merged line, is there.
    await page.getByRole("heading", { name: "Checkout" }).waitFor();
    await kettle.waitFor();
    const mine = page.getByTestId("coupon").filter({ hasText: title });
    await mine.getByRole("button", { name: `Use ${title}` }).focus();
    await page.keyboard.press("Enter");
    await mine.getByTestId("coupon-chosen").waitFor();
    await expect(page.getByLabel("Coupon code").inputValue()).resolves.toBe(
      await mine.getByTestId("coupon-code").textContent(),
    );
    await expect(page.getByTestId("cart-discount").textContent()).resolves.toBe("−$7.00");
    // The checkout's summary, for the shopper's country (the United States here) until an address is in:
    // 1 × (59.00 − 9.00) = 50.00, 7.00 off, tax 9 % of 43.00 = 3.87, shipping 7.00.
    await page.getByTestId("summary-total").filter({ hasText: "$53.87" }).waitFor();
    // The cart changes on another device: the coupon is priced again on the new cart.
    const product = (await call("/products/royal-kettle")).body;
    await call(`/cart/items/${product.id}`, { method: "PUT", token: shopper.token, json: { quantity: 2 } });
    await kettle.getByTestId("line-quantity").filter({ hasText: "2" }).waitFor({ timeout: 10_000 });
    // 2 × 50.00 = 100.00, 7.00 off, tax 9 % of 93.00 = 8.37, shipping 14.00.
    await page.getByTestId("summary-total").filter({ hasText: "$115.37" }).waitFor();
    expect(await overflow(page)).toEqual({ page: 0, wide: [] });
    await page.screenshot({ path: "test-results/shop-cart-coupon-375.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Clear cart" }).click();
    await page.getByRole("button", { name: "Yes, clear it" }).click();
    await page.getByText("Your cart is empty.").waitFor();
    expect((await call("/cart", { token: shopper.token })).body.items).toEqual([]);
    expect(failures).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("a cart line above the stock in Chromium", () => {
  it("says under the line how many are left once another shopper's checkout took the rest, and checks out after the quantity is lowered", async () => {
    const accounts = [`holder-${run}@example.com`, `buyer-${run}@example.com`].map((username) => ({
      username,
      password: "stock-shopper-1",
      token: "",
    }));
    for (const account of accounts) {
      const created = await call("/admin/users", {
        token: admin,
        json: { ...account, role: "customer", verified: true },
      });
      expect(created.status).toBe(201);
      account.token = await token(account.username, account.password);
    }
    const [holder, buyer] = accounts;
    const name = `Oak stool ${run}`;
    const product = await call("/admin/products", {
      token: admin,
      json: { name, price: 4_000, stockQty: 5, active: true },
    });
    expect(product.status).toBe(201);
    const line = (who: { token: string }, quantity: number) =>
      call(`/cart/items/${product.body.id}`, { method: "PUT", token: who.token, json: { quantity } });
    expect((await line(holder, 3)).status).toBe(200);
    expect((await line(buyer, 4)).status).toBe(200);
    const shippingAddress = {
      name: "Bo Buyer",
      line1: "3 Stock Row",
      city: "Springfield",
      postalCode: "12345",
      country: "US",
    };
    const bought = await call("/checkout", {
      token: buyer.token,
      headers: { "idempotency-key": crypto.randomUUID() },
      json: { shippingAddress },
    });
    expect(bought.status).toBe(201);

    const context = await newContext(375, 800);
    const page = await signIn(context, holder, "/cart");
    const stool = page.getByTestId("cart-line").filter({ hasText: name });
    await stool
      .getByTestId("line-stock")
      .filter({ hasText: "Only 1 left: lower the quantity (−) to check out." })
      .waitFor();
    await expect(page.getByRole("button", { name: `One more ${name}` }).isDisabled()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/shop-cart-above-stock-375.png", fullPage: true });

    // One less goes down to what is left.
    await page.getByRole("button", { name: `One less ${name}` }).click();
    await stool.getByTestId("line-quantity").filter({ hasText: "1" }).waitFor();
    await stool.getByTestId("line-stock").waitFor({ state: "detached" });
    await page.getByLabel("Full name").fill("Hal Holder");
    await page.getByLabel("Address").fill("4 Stock Row");
    await page.getByLabel("City").fill("Springfield");
    await page.getByLabel("Postal code").fill("12345");
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await context.close();
  }, 90_000);
});

describe("the catalog file in Chromium", () => {
  it("exports the catalog as the import's file, refuses a file with one bad line whole with that line's error, and imports the fixed file after its plan", async () => {
    const context = await newContext();
    const page = await signIn(context, staffAdmin, "/admin/products");
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.getByTestId("products-table").waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^royal-shop-catalog-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = await readFile((await download.path()) as string, "utf8");
    expect(exported.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(exported.slice(1), { header: true, skipEmptyLines: "greedy" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...catalogCsvColumns]);
    const kettle = parsed.data.filter((line) => line.slug === "royal-kettle");
    expect(kettle).toHaveLength(1);
    expect(kettle[0]).toMatchObject({
      name: "Royal Kettle",
      description: "A 1.7 L kettle with temperature presets.",
      category: "kitchen",
      brand: "royal",
      active: "true",
      sku: "ROYAL-KETTLE",
      options: "",
      price: "59.00",
      oldPrice: "59.00",
      discount: "9.00",
      shippingAmount: "7.00",
      variantActive: "true",
    });
    expect(kettle[0].stockQty).toMatch(/^\d+$/);
    const shirts = parsed.data.filter((line) => line.slug === "royal-oxford-shirt");
    expect(shirts.length).toBeGreaterThan(1);
    for (const shirt of shirts) expect(shirt.options).toMatch(/^Size=\w+; Colour=\w+$/);
    await page.getByText(/^Exported \d+ products in \d+ lines\.$/).waitFor();

    // Kept off the shop while it is tested (active = false).
    const slug = `csv-lamp-${run}`;
    const good = [
      `${slug},CSV lamp ${run},"A lamp, from a file",home,royal,false,CSV-${run}-S,Size=S,19.90,,,1.50,4,2,true`,
      `${slug},,,,,,CSV-${run}-L,Size=L,24.90,29.00,,1.50,2,2,true`,
    ];
    const bad = `csv-stool-${run},CSV stool ${run},,furniture,,false,CSV-${run}-STOOL,,12.5x,,,,3,,`;
    const file = (rows: string[]) => ({
      name: "catalog.csv",
      mimeType: "text/csv",
      buffer: Buffer.from([catalogCsvColumns.join(","), ...rows].join("\r\n")),
    });
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByLabel("Catalog file (CSV)").setInputFiles(file([...good, bad]));
    await page.getByRole("alert").getByText("nothing was imported").waitFor();
    const errors = page.getByTestId("import-error");
    await expect(errors.count()).resolves.toBe(1);
    await expect(errors.locator("td").allTextContents()).resolves.toEqual(["4", "price", "an amount such as 49.90"]);
    await page.screenshot({ path: "test-results/admin-products-import-refused.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // Refused whole: not even the good lines' product exists.
    const found = async (wanted: string) =>
      (await call(`/admin/products?q=${encodeURIComponent(wanted)}&limit=100`, { token: admin })).body.items.filter(
        (p: { slug: string }) => p.slug === wanted,
      );
    expect(await found(slug)).toEqual([]);
    expect(await found(`csv-stool-${run}`)).toEqual([]);

    // The fixed file: its plan first, then the import on confirmation.
    await page.getByLabel("Catalog file (CSV)").setInputFiles(file([...good, bad.replace("12.5x", "12.50")]));
    const plan = page.getByTestId("import-plan");
    await plan
      .getByText("3 lines: 2 products to create and 0 to update, 3 variants to create and 0 to update.")
      .waitFor();
    expect(await found(slug)).toEqual([]);
    await plan.getByRole("button", { name: "Import 3 lines" }).click();
    await page
      .getByRole("status")
      .getByText("Imported 3 lines: 2 products created and 0 updated, 3 variants created and 0 updated.")
      .waitFor();
    const [lamp] = await found(slug);
    expect(lamp).toMatchObject({ slug, active: false, description: "A lamp, from a file", stockQty: 6 });
    expect(lamp.options).toEqual([{ name: "Size", values: ["S", "L"] }]);
    expect(
      lamp.variants.map((v: any) => [v.sku, v.options, v.price, v.oldPrice, v.shippingAmount, v.stockQty]),
    ).toEqual([
      [`CSV-${run}-S`, { Size: "S" }, 1990, null, 150, 4],
      [`CSV-${run}-L`, { Size: "L" }, 2490, 2900, 150, 2],
    ]);
    expect((await found(`csv-stool-${run}`))[0]).toMatchObject({ price: 1250, stockQty: 3 });
    await page.screenshot({ path: "test-results/admin-products-imported.png", fullPage: true });
    expect(failures).toEqual([]);
    await context.close();
  }, 120_000);
});
