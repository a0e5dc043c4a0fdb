import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedProducts } from "../../db/seed-data.ts";
import { chromiumOptions, shopApi } from "./browser.ts";

const shopUrl = inject("shopUrl");
const { codeSent } = shopApi(shopUrl);
const staffAdmin = inject("admins").storefront;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  profile = await mkdtemp(join(tmpdir(), "royal-shop-chromium-"));
  context = await chromium.launchPersistentContext(profile, chromiumOptions());
});

afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
});

describe("the storefront in Chromium", () => {
  it("shows the seeded products on the home page", async () => {
    const page = await context.newPage();
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(shopUrl);
    await page.getByTestId("product-card").first().waitFor();
    expect(await page.getByTestId("product-card").count()).toBe(20);
    expect(await page.title()).toBe("Royal Shop");
    await page.getByRole("heading", { name: "Solid Foundations" }).waitFor();

    await page.getByRole("button", { name: "Load more" }).click();
    await page.getByTestId("product-card").nth(20).waitFor();
    // Every seeded product, once; products the other browser tests add meanwhile may follow.
    const shown = await page
      .getByTestId("product-card")
      .locator("a.card-link")
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    const cards = [...new Set(shown)];
    expect(cards).toHaveLength(await page.getByTestId("product-card").count());
    expect(cards).toEqual(expect.arrayContaining(seedProducts.map((p) => `/products/${p.slug}`)));

    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/storefront.png", fullPage: true });
    expect(failures).toEqual([]);
  });

  it("filters by category and opens a product page with its gallery and features", async () => {
    const page = await context.newPage();
    await page.goto(`${shopUrl}/?category=laptops`);
    await page.getByTestId("product-card").first().waitFor();
    expect(await page.getByTestId("product-card").count()).toBe(4);

    await page.getByRole("link", { name: "Royal Book 14 Laptop" }).first().click();
    await page.waitForURL("**/products/royal-book-14-laptop");
    await page.getByRole("heading", { level: 1, name: "Royal Book 14 Laptop" }).waitFor();
    await page.getByText("16 GB").waitFor();
    expect(await page.locator(".thumb").count()).toBe(3);
  });

  it("serves the app for deep links (SPA fallback)", async () => {
    const page = await context.newPage();
    const response = await page.goto(`${shopUrl}/products/nova-x1-phone`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "Nova X1 Phone" }).waitFor();
  });
});

describe("pages that cannot load, in Chromium", () => {
  it("shows a not-found page for a product that does not exist, with no uncaught error", async () => {
    const page = await context.newPage();
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${shopUrl}/products/no-such-product`);
    await page.getByRole("heading", { name: "Not found" }).waitFor({ timeout: 10_000 });
    await page.getByRole("link", { name: "Back to the shop" }).waitFor();
    expect(failures).toEqual([]);
  });

  it.each(["/orders", `/orders/${crypto.randomUUID()}`, "/wishlist", "/account"])(
    "sends a signed-out visitor of %s to sign in, and back afterwards",
    async (path) => {
      await context.clearCookies();
      const page = await context.newPage();
      const failures: string[] = [];
      page.on("pageerror", (error) => failures.push(error.message));
      await page.goto(`${shopUrl}${path}`);
      await page.waitForURL(`**/signin?next=${encodeURIComponent(path)}`, { timeout: 10_000 });
      await page.getByLabel("Email or phone").fill("shopper@royal.shop");
      await page.getByLabel("Password").fill("royal-shopper");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL(`**${path}`);
      expect(failures).toEqual([]);
    },
  );

  it("shows an error with a retry when the API fails, and recovers on retry", async () => {
    const page = await context.newPage();
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.route("**/api/v1/products/solid-foundations", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "unavailable", message: "down" } }),
      }),
    );
    await page.goto(`${shopUrl}/products/solid-foundations`);
    await page.getByRole("alert").getByRole("heading", { name: "Something went wrong" }).waitFor({ timeout: 10_000 });
    await page.unroute("**/api/v1/products/solid-foundations");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { level: 1, name: "Solid Foundations" }).waitFor();
    expect(failures).toEqual([]);
  });
});

describe("accounts in Chromium", () => {
  it("signs up with a code, survives a reload through the refresh cookie, and signs out", async () => {
    const page = await context.newPage();
    const username = `e2e-${crypto.randomUUID()}@example.com`;
    await page.goto(`${shopUrl}/signup`);
    await page.getByLabel("Email or phone").fill(username);
    await page.getByLabel("Password (8 to 128 characters)").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByLabel("Code").waitFor();

    await page.getByLabel("Code").fill(await codeSent(username, "verify"));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL("**/account");
    await expect(page.getByTestId("account-username").textContent()).resolves.toBe(username);

    await page.reload();
    await expect(page.getByTestId("header-account").textContent()).resolves.toBe(username);

    // Six tabs opened at once each restore the session from the same refresh cookie: they share one
    // rotation and all stay signed in (reuse detection used to revoke the session for all of them).
    const tabs = await Promise.all(Array.from({ length: 6 }, () => context.newPage()));
    await Promise.all(tabs.map((tab) => tab.goto(`${shopUrl}/account`)));
    for (const tab of tabs) await expect(tab.getByTestId("account-username").textContent()).resolves.toBe(username);
    await tabs[0].reload();
    await expect(tabs[0].getByTestId("account-username").textContent()).resolves.toBe(username);
    await Promise.all(tabs.map((tab) => tab.close()));

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
  });

  it("shows a wrong password in words and signs the demo shopper in", async () => {
    const page = await context.newPage();
    await page.goto(`${shopUrl}/signin`);
    await page.getByLabel("Email or phone").fill("shopper@royal.shop");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("alert").waitFor();
    await expect(page.getByRole("alert").textContent()).resolves.toBe("The username or password is wrong.");
    await page.getByLabel("Password").fill("royal-shopper");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/account");
  });
});

describe("buying in Chromium", () => {
  it("adds to cart as a guest, signs in, checks out with a coupon, pays at the sandbox bank and sees the order paid", async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${shopUrl}/products/nova-x1-phone`);
    await page.getByRole("navigation").getByRole("link", { name: "Sign in" }).waitFor();
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByTestId("header-cart").filter({ hasText: "Cart (1)" }).waitFor();

    await page.goto(`${shopUrl}/signin?next=/cart`);
    await page.getByLabel("Email or phone").fill("shopper@royal.shop");
    await page.getByLabel("Password").fill("royal-shopper");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/cart");
    await page.getByTestId("cart-lines").waitFor();
    await page.getByRole("button", { name: "One more Nova X1 Phone" }).click();
    await page.getByTestId("line-quantity").filter({ hasText: "2" }).waitFor();

    await page.getByLabel("Coupon code").fill("ROYAL-GOLDEN-DEMO");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByTestId("cart-totals").getByText("Discount (ROYAL-GOLDEN-DEMO)").waitFor();
    await page.getByLabel("Full name").fill("Ada Buyer");
    await page.getByLabel("Address").fill("1 Market Street");
    await page.getByLabel("City").fill("Springfield");
    await page.getByLabel("Postal code").fill("12345");
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("order-status").textContent()).resolves.toBe("Awaiting payment");
    // 2 × 649.00 = 1,298.00; Golden 20 % capped at 200.00; tax 9 % of 1,098.00 = 98.82; free shipping.
    await expect(page.getByTestId("order-total").textContent()).resolves.toBe("$1,196.82");

    await page.getByRole("button", { name: /^Pay / }).click();
    await page.getByText("Royal Sandbox Bank").waitFor();
    await page.getByRole("button", { name: /^Pay / }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await page.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor();
    await page.screenshot({ path: "test-results/order-paid.png", fullPage: true });
  });
});

describe("live in Chromium", () => {
  it("shows a cart change made on one device on another at once, and a staff dashboard counting orders live", async () => {
    await context.clearCookies();
    const staff = await context.newPage();
    await staff.goto(`${shopUrl}/signin?next=/admin`);
    await staff.getByLabel("Email or phone").fill(staffAdmin.username);
    await staff.getByLabel("Password").fill(staffAdmin.password);
    await staff.getByRole("button", { name: "Sign in", exact: true }).click();
    await staff.waitForURL((url) => url.pathname === "/admin");
    await staff.getByTestId("stat-orders").filter({ hasText: /^\d+$/ }).waitFor();
    const ordersBefore = Number(await staff.getByTestId("stat-orders").textContent());

    // Two "devices" of one shopper: the API as one, this page as the other.
    const signIn = await fetch(`${shopUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(staffAdmin),
    }).then((r) => r.json());
    await staff.goto(`${shopUrl}/cart`);
    await staff.getByText("Your cart is empty.").waitFor();
    const product = (await fetch(`${shopUrl}/api/v1/products/zephyr-buds`).then((r) => r.json())) as { id: string };
    await fetch(`${shopUrl}/api/v1/cart/items/${product.id}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${signIn.accessToken}` },
      body: JSON.stringify({ quantity: 3 }),
    });
    await staff.getByTestId("line-quantity").filter({ hasText: "3" }).waitFor();
    await staff.getByTestId("header-cart").filter({ hasText: "Cart (3)" }).waitFor();

    await fetch(`${shopUrl}/api/v1/checkout`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${signIn.accessToken}`,
        "idempotency-key": crypto.randomUUID(),
      },
      body: JSON.stringify({
        shippingAddress: { name: "Ada", line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
      }),
    });
    await staff.getByTestId("header-cart").filter({ hasText: "Cart (0)" }).waitFor();
    await staff.goto(`${shopUrl}/admin`);
    await staff
      .getByTestId("stat-orders")
      .filter({ hasText: String(ordersBefore + 1) })
      .waitFor();
    await staff.screenshot({ path: "test-results/dashboard.png", fullPage: true });
  });
});

describe("catalog management in Chromium", () => {
  it("lets staff change a product's stock, which the shop shows at once", async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${shopUrl}/signin?next=/admin/products`);
    await page.getByLabel("Email or phone").fill(staffAdmin.username);
    await page.getByLabel("Password").fill(staffAdmin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/admin/products");
    // The product page is read (and cached) before the change.
    const before = await fetch(`${shopUrl}/api/v1/products/solid-foundations`).then((r) => r.json());
    expect(before.stockQty).toBe(27);

    await page.getByLabel("Search the catalog").fill("Solid Foundations");
    await page.getByLabel("Search the catalog").press("Enter");
    await page.getByTestId("admin-product-row").filter({ hasText: "Solid Foundations" }).waitFor();
    await expect(page.getByTestId("admin-product-row").count()).resolves.toBe(1);
    await page.getByLabel("Stock of Solid Foundations").fill("99");
    // A stock change says why: it is kept in the variant's history.
    await page.getByLabel("Why the stock of Solid Foundations changes").fill("counted on the shelf");
    await page.getByRole("button", { name: "Save all changes (1)" }).click();

    const shop = await context.newPage();
    await expect
      .poll(async () => (await fetch(`${shopUrl}/api/v1/products/solid-foundations`).then((r) => r.json())).stockQty, {
        timeout: 10_000,
      })
      .toBe(99);
    await shop.goto(`${shopUrl}/products/solid-foundations`);
    await shop.getByText("99 in stock").waitFor();
  });
});
