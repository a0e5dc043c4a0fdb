import { mkdir } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchChromium, shopApi } from "./browser.ts";

/**
 * Promotions from the admin to a paid order, in Chromium: staff create a weekend sale on a product
 * and buy 2 get 1 on another; a shopper's open cart shows both, loses the sale the moment staff
 * pause it and gets it back when they resume it, with no reload; the amounts agree on the cart, the
 * checkout's summary, the order, the bank's page and the payment staff see.
 */
const shopUrl = inject("shopUrl");
const staffAdmin = inject("admins").promotions;
const run = crypto.randomUUID().slice(0, 8);
const { address, call, token } = shopApi(shopUrl);
const shopper = { username: `promo-shopper-${run}@example.com`, password: "promo-shopper-1", token: "" };
const sneakers = { name: `Weekend Sneakers ${run}`, id: "", slug: "" };
const socks = { name: `Sport Socks ${run}`, id: "", slug: "" };
const sale = `Weekend sale ${run}`;
const threeForTwo = `Socks 3 for 2 ${run}`;

let browser: Browser;
let admin = "";

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1280, height: 900 },
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

/** The datetime-local value of a moment, in the browser's (and this machine's) time zone. */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Picks a product in one of the editor's target sections ("Which items", "What they buy", "What they get"). */
async function pickProduct(page: Page, section: string, name: string) {
  const target = page.getByRole("region", { name: section });
  await target.getByLabel("Find a product to add").fill(name);
  await target.getByRole("button", { name: "Search" }).click();
  await target.getByRole("button", { name: `+ ${name}` }).click();
  await target.getByText(name, { exact: true }).waitFor();
}

/** Creates a promotion through the editor and waits for its own page. */
async function createPromotion(page: Page, name: string, fill: (page: Page) => Promise<void>) {
  await page.goto(`${shopUrl}/admin/promotions/new`);
  const form = page.getByRole("form", { name: "New promotion" });
  await form.getByLabel("Name").fill(name);
  await fill(page);
  await form.getByRole("button", { name: "Create promotion" }).click();
  await page.waitForURL(/\/admin\/promotions\/[0-9a-f-]{36}$/);
}

beforeAll(async () => {
  browser = await launchChromium();
  admin = await token(staffAdmin.username, staffAdmin.password);
  const created = await call("/admin/users", { token: admin, json: { ...shopper, role: "customer", verified: true } });
  expect(created.status).toBe(201);
  shopper.token = await token(shopper.username, shopper.password);
  for (const [product, price] of [
    [sneakers, 8_000],
    [socks, 1_200],
  ] as const) {
    const made = await call("/admin/products", { token: admin, json: { name: product.name, price, stockQty: 50 } });
    expect(made.status).toBe(201);
    product.id = made.body.id;
    product.slug = made.body.slug;
  }
});

afterAll(async () => {
  await browser?.close();
});

describe("promotions from the admin to a paid order, in Chromium", () => {
  it("runs a weekend sale and a buy 2 get 1 from the admin to a paid order, the amounts the same on cart, summary, order and payment", async () => {
    await mkdir("test-results", { recursive: true });
    const office = await newContext();
    const desk = await signIn(office, staffAdmin, "/admin");

    await createPromotion(desk, sale, async (page) => {
      await page.getByLabel("Takes off").selectOption("percent");
      await page.getByLabel("Percent off", { exact: true }).fill("15");
      await pickProduct(page, "Which items", sneakers.name);
      await page.getByLabel("Ends").fill(localInput(new Date(Date.now() + 2 * 86_400_000)));
    });
    await createPromotion(desk, threeForTwo, async (page) => {
      await page.getByLabel("Takes off").selectOption("bxgy");
      await page.getByLabel("Percent off what they get").fill("100");
      await page.getByLabel("They buy", { exact: true }).fill("2");
      await page.getByLabel("They get", { exact: true }).fill("1");
      await pickProduct(page, "What they buy", socks.name);
      await pickProduct(page, "What they get", socks.name);
    });
    await desk.goto(`${shopUrl}/admin/promotions`);
    const saleRow = desk.getByTestId("promotion").filter({ hasText: sale });
    await saleRow.getByText("Live").waitFor();
    await desk.getByTestId("promotion").filter({ hasText: threeForTwo }).getByText("Buy 2, get 1 free").waitFor();
    expect(await axeViolations(desk)).toEqual([]);
    await desk.screenshot({ path: "test-results/admin-promotions.png", fullPage: true });

    // The shopper's cart: one pair of sneakers, three pairs of socks.
    for (const [product, quantity] of [
      [sneakers, 1],
      [socks, 3],
    ] as const) {
      const put = await call(`/cart/items/${product.id}`, { method: "PUT", token: shopper.token, json: { quantity } });
      expect(put.status).toBe(200);
    }
    const home = await newContext();
    // The product page names the sale and what a pair costs with it.
    const productPage = await home.newPage();
    await productPage.goto(`${shopUrl}/products/${sneakers.slug}`);
    await productPage.getByTestId("product-promotion").filter({ hasText: sale }).waitFor();
    await expect(productPage.getByTestId("sale-price").textContent()).resolves.toContain("$68.00");
    await productPage.screenshot({ path: "test-results/product-promotion.png", fullPage: true });
    await productPage.close();
    // A guest's cart shows the sale too, priced by the shop before checkout.
    const visitor = await newContext();
    const guest = await visitor.newPage();
    await guest.goto(`${shopUrl}/products/${sneakers.slug}`);
    await guest.getByRole("button", { name: "Add to cart" }).click();
    await guest.getByTestId("toast").waitFor();
    await guest.goto(`${shopUrl}/cart`);
    await guest.getByTestId("cart-totals").getByTestId("promotion-name").filter({ hasText: sale }).waitFor();
    await expect(guest.getByTestId("line-discounted").textContent()).resolves.toBe("$80.00 $68.00");
    await visitor.close();
    const cart = await signIn(home, shopper, "/cart");
    const totals = cart.getByTestId("cart-totals");
    const rows = totals.getByTestId("promotion-name");
    // 15 % of 80.00 = 12.00; the third pair of socks (12.00) free.
    await rows.filter({ hasText: sale }).waitFor();
    await rows.filter({ hasText: threeForTwo }).waitFor();
    // The sale counts down to its end on the server's clock (about two days away); buy 2 get 1 does not end.
    await expect(rows.filter({ hasText: sale }).getByTestId("promotion-countdown").textContent()).resolves.toMatch(
      /^1d 23:\d\d:\d\d$/,
    );
    await expect(rows.filter({ hasText: threeForTwo }).getByTestId("promotion-countdown").count()).resolves.toBe(0);
    await expect(totals.getByTestId("promotion-amount").allTextContents()).resolves.toEqual(["−$12.00", "−$12.00"]);
    await expect(cart.getByTestId("line-discounted").allTextContents()).resolves.toEqual([
      "$80.00 $68.00",
      "$36.00 $24.00",
    ]);

    // Staff pause the sale: the open cart prices itself again, then resume it, with no reload.
    await saleRow.getByRole("button", { name: `Pause ${sale}` }).click();
    await saleRow.getByText("Paused").waitFor();
    await rows.filter({ hasText: sale }).waitFor({ state: "detached" });
    await expect(cart.getByTestId("line-discounted").allTextContents()).resolves.toEqual(["$36.00 $24.00"]);
    await saleRow.getByRole("button", { name: `Resume ${sale}` }).click();
    await rows.filter({ hasText: sale }).waitFor();

    await cart.getByLabel("Full name").fill("Ada Buyer");
    await cart.getByLabel("Address").fill("1 Market Street");
    await cart.getByLabel("City").fill("Springfield");
    await cart.getByLabel("Postal code").fill("12345");
    const summary = cart.locator(".checkout-summary");
    await summary.getByTestId("promotion-name").filter({ hasText: sale }).waitFor();
    await expect(summary.getByTestId("promotion-amount").allTextContents()).resolves.toEqual(["−$12.00", "−$12.00"]);
    // Goods 116.00 − 24.00 = 92.00, tax 9 % = 8.28, shipping free.
    await cart.getByTestId("summary-total").filter({ hasText: "$100.28" }).waitFor();
    expect(await axeViolations(cart)).toEqual([]);
    await cart.screenshot({ path: "test-results/cart-promotions.png", fullPage: true });

    await cart.getByRole("button", { name: "Place order" }).click();
    await cart.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = new URL(cart.url()).pathname.split("/").at(-1) as string;
    await expect(cart.getByTestId("order-total").textContent()).resolves.toBe("$100.28");
    await cart.getByTestId("promotion-name").filter({ hasText: threeForTwo }).waitFor();
    await expect(cart.getByTestId("promotion-amount").allTextContents()).resolves.toEqual(["−$12.00", "−$12.00"]);

    await cart.getByRole("button", { name: /^Pay / }).click();
    await cart.getByText("Royal Sandbox Bank").waitFor();
    await expect(cart.getByTestId("sandbox-amount").textContent()).resolves.toBe("$100.28");
    await cart.getByRole("button", { name: /^Pay / }).click();
    await cart.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await cart.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor();
    await cart.screenshot({ path: "test-results/order-promotions-paid.png", fullPage: true });

    // What staff see: the payment of that amount, each line's share, and each promotion's use.
    const order = (await call(`/admin/orders/${orderId}`, { token: admin })).body;
    expect(order.payments.map((p: { amount: number; status: string }) => [p.amount, p.status])).toEqual([
      [10_028, "succeeded"],
    ]);
    expect(
      order.items
        .map((i: { name: string; discountAmount: number; promotionShares: { amount: number }[] }) => [
          i.name,
          i.discountAmount,
          i.promotionShares.map((s) => s.amount),
        ])
        .sort(),
    ).toEqual([
      [socks.name, 1_200, [1_200]],
      [sneakers.name, 1_200, [1_200]],
    ]);
    await desk.goto(`${shopUrl}/admin/promotions`);
    await desk.getByTestId("promotion").filter({ hasText: sale }).getByText("$12.00").waitFor();
    await office.close();
    await home.close();
  }, 180_000);
});
