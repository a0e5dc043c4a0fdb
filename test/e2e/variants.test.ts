import { mkdir } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchChromium, overflow, shopApi } from "./browser.ts";

/**
 * Variants in Chromium, on the whole shop: an admin creates a product in two variants with a gallery
 * image; a shopper picks the second, buys it and sees its title and SKU on the order while the
 * variant's stock drops live and the other's stays; staff change a variant's stock with a reason
 * that its history shows, and deactivate the variant that orders keep; the picker refuses a sold-out
 * combination; the catalog suggests products for a typo and filters by brand, price and option.
 */
const shopUrl = inject("shopUrl");
const staffAdmin = inject("admins").variants;
const run = crypto.randomUUID().slice(0, 8);
const { call } = shopApi(shopUrl);
const onePixelPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

let browser: Browser;
let adminContext: BrowserContext;
let admin = "";
const shopper = { username: `variant-shopper-${run}@example.com`, password: "variant-shopper-1" };
/** The product the first test creates, which the next ones use. */
const created = { id: "", slug: "", name: `Variant tee ${run}`, small: "", large: "" };

/** The stock of each variant of the created product, as staff read it (never cached). */
async function stockByTitle(): Promise<Record<string, number>> {
  const product = (await call(`/admin/products/${created.id}`, { token: admin })).body;
  return Object.fromEntries(product.variants.map((v: { title: string; stockQty: number }) => [v.title, v.stockQty]));
}

async function signIn(page: Page, username: string, password: string, next: string) {
  await page.goto(`${shopUrl}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email or phone").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

beforeAll(async () => {
  browser = await launchChromium();
  adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
  const login = await call("/auth/login", { json: staffAdmin });
  expect(login.status).toBe(200);
  admin = login.body.accessToken;
  const account = await call("/admin/users", { token: admin, json: { ...shopper, role: "customer", verified: true } });
  expect(account.status).toBe(201);
  await mkdir("test-results", { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("variants in Chromium", () => {
  it("lets an admin create a product in two variants with a gallery image, and a shopper buy the second: the order shows its title and SKU, its stock drops live, the other's does not", async () => {
    const page = await adminContext.newPage();
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await signIn(page, staffAdmin.username, staffAdmin.password, "/admin/products/new");
    await page.getByRole("heading", { level: 1, name: "New product" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill(created.name);
    await page.getByLabel("Category").selectOption({ label: "Fashion" });

    await page.getByRole("button", { name: "Add an option" }).click();
    await page.getByLabel("Option 1 name", { exact: true }).fill("Size");
    await page.getByLabel("Size value 1", { exact: true }).fill("Small");
    await page.getByRole("button", { name: "Add a value to Size" }).click();
    await page.getByLabel("Size value 2", { exact: true }).fill("Large");
    await page.getByRole("button", { name: "Add every combination" }).click();
    await expect(page.getByTestId("variant-row").count()).resolves.toBe(2);
    await page.getByLabel("Price, Small", { exact: true }).fill("12.50");
    await page.getByLabel("Stock, Small", { exact: true }).fill("5");
    await page.getByLabel("Price, Large", { exact: true }).fill("14.00");
    await page.getByLabel("Old price, Large", { exact: true }).fill("18");
    await page.getByLabel("Shipping, Large", { exact: true }).fill("1.50");
    await page.getByLabel("Stock, Large", { exact: true }).fill("3");
    // A discount above the price is refused beside its field before anything is sent.
    await page.getByLabel("Discount, Small", { exact: true }).fill("20");
    await page.getByRole("button", { name: "Create product" }).click();
    await page.getByText("The discount cannot be more than the price.").waitFor();
    await page.getByLabel("Discount, Small", { exact: true }).fill("");

    await page
      .getByLabel("Upload images")
      .setInputFiles({ name: "pixel.png", mimeType: "image/png", buffer: onePixelPng });
    await page.getByTestId("gallery-image").first().waitFor();
    await page.getByLabel("Image 1 description (alt text)").fill("A tee, folded");
    await page.getByRole("button", { name: "Create product" }).click();
    await page.waitForURL(/\/admin\/products\/[0-9a-f-]{36}$/);
    await page.getByText("Product created.").waitFor();
    created.id = page.url().split("/").at(-1) as string;

    const saved = (await call(`/admin/products/${created.id}`, { token: admin })).body;
    created.slug = saved.slug;
    expect(saved.options).toEqual([{ name: "Size", values: ["Small", "Large"] }]);
    expect(
      saved.variants.map((v: any) => ({
        title: v.title,
        options: v.options,
        price: v.price,
        oldPrice: v.oldPrice,
        shippingAmount: v.shippingAmount,
        stockQty: v.stockQty,
        active: v.active,
      })),
    ).toEqual([
      {
        title: "Small",
        options: { Size: "Small" },
        price: 1250,
        oldPrice: null,
        shippingAmount: 0,
        stockQty: 5,
        active: true,
      },
      {
        title: "Large",
        options: { Size: "Large" },
        price: 1400,
        oldPrice: 1800,
        shippingAmount: 150,
        stockQty: 3,
        active: true,
      },
    ]);
    expect(saved.gallery).toEqual([expect.objectContaining({ alt: "A tee, folded" })]);
    created.small = saved.variants[0].id;
    created.large = saved.variants[1].id;
    const largeSku: string = saved.variants[1].sku;
    // The editor shows what customers pay for each variant, as the database computes it.
    const large = page.getByTestId("variant-row").filter({ hasText: "Large" });
    await expect(large.getByTestId("variant-pays").textContent()).resolves.toBe("$15.50");
    await page.screenshot({ path: "test-results/admin-new-product-variants.png", fullPage: true });

    // A shopper, signed out, picks the second variant: its price, old price and stock follow.
    const shopperContext = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const shop = await shopperContext.newPage();
    shop.on("pageerror", (error) => failures.push(error.message));
    await shop.goto(`${shopUrl}/products/${created.slug}`);
    await shop.getByRole("heading", { level: 1, name: created.name }).waitFor();
    await shop.getByTestId("variant-stock").filter({ hasText: "5 in stock" }).waitFor();
    await shop.getByRole("radio", { name: "Large" }).check();
    await shop.waitForURL(`**/products/${created.slug}?variant=${created.large}`);
    await shop.getByTestId("variant-stock").filter({ hasText: "3 in stock" }).waitFor();
    await expect(shop.getByTestId("price").textContent()).resolves.toContain("$14.00");
    await expect(shop.getByTestId("price").textContent()).resolves.toContain("$18.00");
    await expect(shop.getByTestId("variant-sku").textContent()).resolves.toBe(largeSku);
    expect(await overflow(shop)).toEqual({ page: 0, wide: [] });
    await shop.screenshot({ path: "test-results/product-variant-375.png", fullPage: true });
    expect(await axeViolations(shop)).toEqual([]);
    await shop.getByRole("button", { name: "Add to cart" }).click();
    await shop.getByTestId("header-cart").filter({ hasText: "Cart (1)" }).waitFor();

    // Someone else watches the variant's page: its stock follows the sale live.
    const watcher = await browser.newPage();
    await watcher.goto(`${shopUrl}/products/${created.slug}?variant=${created.large}`);
    await watcher.getByTestId("variant-stock").filter({ hasText: "3 in stock" }).waitFor();

    // Signing in brings the guest line (with its variant) into the account's cart.
    await signIn(shop, shopper.username, shopper.password, "/cart");
    const line = shop.getByTestId("cart-line");
    await line.first().waitFor();
    await expect(line.count()).resolves.toBe(1);
    await expect(line.getByTestId("line-variant").textContent()).resolves.toBe("Large");
    await expect(line.getByTestId("line-sku").textContent()).resolves.toBe(largeSku);
    await shop.getByLabel("Full name").fill("Vera Variant");
    await shop.getByLabel("Address").fill("2 Fitting Room Lane");
    await shop.getByLabel("City").fill("Springfield");
    await shop.getByLabel("Postal code").fill("12345");
    expect(await overflow(shop)).toEqual({ page: 0, wide: [] });
    expect(await axeViolations(shop)).toEqual([]);
    await shop.getByRole("button", { name: "Place order" }).click();
    await shop.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderLine = shop.getByTestId("order-line");
    await orderLine.first().waitFor();
    await expect(orderLine.count()).resolves.toBe(1);
    await expect(orderLine.getByTestId("line-variant").textContent()).resolves.toBe("Large");
    await expect(orderLine.getByTestId("line-sku").textContent()).resolves.toBe(largeSku);
    // 14.00 + 1.50 shipping, 9 % tax on 14.00 = 1.26.
    await expect(shop.getByTestId("order-total").textContent()).resolves.toBe("$16.76");
    await shop.screenshot({ path: "test-results/order-variant-375.png", fullPage: true });
    expect(await axeViolations(shop)).toEqual([]);

    const orderId = shop.url().split("/").at(-1) as string;
    const order = (await call(`/admin/orders/${orderId}`, { token: admin })).body;
    expect(order.items).toEqual([
      expect.objectContaining({ variantId: created.large, variantTitle: "Large", sku: largeSku, quantity: 1 }),
    ]);
    expect(await stockByTitle()).toEqual({ Small: 5, Large: 2 });
    await watcher.getByTestId("variant-stock").filter({ hasText: "2 in stock" }).waitFor({ timeout: 10_000 });

    // Staff see the order's line with its variant too.
    await page.goto(`${shopUrl}/admin/orders/${orderId}`);
    await expect(page.getByTestId("item-variant").textContent()).resolves.toBe(`Large · ${largeSku}`);
    await shopperContext.close();
    await watcher.close();
    expect(failures).toEqual([]);
  });

  it("lets staff change a variant's stock with a reason that its history shows, and deactivate the variant orders refer to instead of deleting it", async () => {
    expect(created.id).not.toBe("");
    const page = await adminContext.newPage();
    await page.goto(`${shopUrl}/admin/products/${created.id}`);
    const small = page.getByTestId("variant-row").filter({ hasText: "Small" });
    await small.getByLabel("Stock, Small", { exact: true }).fill("9");
    // A stock change says why: the row asks before anything is sent.
    await small.getByRole("button", { name: "Save Small" }).click();
    await small.getByText("Say why the stock changes: it is kept in the history.").waitFor();
    await small.getByLabel("Why the stock changes, Small").fill("delivery from the supplier");
    await small.getByRole("button", { name: "Save Small" }).click();
    // What a save did comes as a toast.
    await page.getByTestId("toast").filter({ hasText: "Saved; the stock change is in its history." }).waitFor();
    expect(await stockByTitle()).toEqual({ Small: 9, Large: 2 });

    await small.getByRole("button", { name: "Stock history of Small" }).click();
    const history = small.getByTestId("inventory-history");
    await history.getByTestId("inventory-change").nth(1).waitFor();
    const actor = staffAdmin.username.replaceAll(".", "\\.");
    await expect(history.getByTestId("inventory-change").allTextContents()).resolves.toEqual([
      expect.stringMatching(new RegExp(`\\+49delivery from the supplier${actor}$`)),
      expect.stringMatching(new RegExp(`\\+55first stock${actor}$`)),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/admin-variant-history.png", fullPage: true });

    // Large is part of an order: deleting it is refused, and deactivating it is offered instead.
    const large = page.getByTestId("variant-row").filter({ hasText: "Large" });
    await large.getByRole("button", { name: "Delete" }).click();
    await large.getByRole("group", { name: "Delete Large for good?" }).getByRole("button", { name: "Delete" }).click();
    await large.getByRole("alert").getByText("part of orders").waitFor();
    await large.getByRole("button", { name: "Deactivate instead Large" }).click();
    await page
      .getByTestId("toast")
      .filter({ hasText: "Large is deactivated: it is no longer sold, and its orders keep it." })
      .waitFor();
    const saved = (await call(`/admin/products/${created.id}`, { token: admin })).body;
    expect(saved.variants.map((v: any) => [v.title, v.active])).toEqual([
      ["Small", true],
      ["Large", false],
    ]);

    // The list shows the product's total stock (of variants for sale) and the range customers pay.
    await page.goto(`${shopUrl}/admin/products?q=${encodeURIComponent(created.name)}`);
    const row = page.getByTestId("admin-product-row").filter({ hasText: created.name });
    await expect(row.getByTestId("total-stock").textContent()).resolves.toBe("9");
    await expect(row.getByTestId("price-range").textContent()).resolves.toBe("$12.50");
    // Quick stock edit of one variant, with its reason.
    await row.getByText("in total").click();
    await row.getByLabel(`Stock of ${created.name}, Small`).fill("11");
    await row.getByLabel(`Why the stock of ${created.name} changes`).fill("counted again");
    await page.getByRole("button", { name: "Save all changes (1)" }).click();
    await row.getByTestId("total-stock").filter({ hasText: "11" }).waitFor();
    expect(await stockByTitle()).toEqual({ Small: 11, Large: 2 });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/admin-products-variants.png", fullPage: true });
  });

  it("disables a sold-out combination in the picker, keeps the choice in the address, and says when nothing is left", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const shirt = (await call("/products/royal-oxford-shirt")).body;
    const variant = (title: string) => shirt.variants.find((v: { title: string }) => v.title === title);
    // XL / Blue is sold out in the seed.
    expect(variant("XL / Blue").stockQty).toBe(0);

    await page.goto(`${shopUrl}/products/royal-oxford-shirt`);
    await page.getByTestId("variant-picker").waitFor();
    await page.getByRole("radio", { name: "XL", exact: true }).check();
    await page.waitForURL(`**?variant=${variant("XL / White").id}`);
    await expect(page.getByRole("radio", { name: "Blue (sold out)" }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole("radio", { name: "White" }).isChecked()).resolves.toBe(true);
    await expect(page.getByTestId("variant-sku").textContent()).resolves.toBe(variant("XL / White").sku);
    // With another size, blue can be chosen again; the keyboard moves through the values.
    await page.getByRole("radio", { name: "M", exact: true }).focus();
    await page.keyboard.press("ArrowLeft");
    await page.waitForURL(`**?variant=${variant("S / White").id}`);
    await page.getByRole("radio", { name: "Blue" }).check();
    await page.waitForURL(`**?variant=${variant("S / Blue").id}`);
    // The choice survives a reload, from the address.
    await page.reload();
    await page
      .getByTestId("variant-stock")
      .filter({ hasText: `${variant("S / Blue").stockQty} in stock` })
      .waitFor();
    await expect(page.getByRole("radio", { name: "S", exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole("radio", { name: "Blue" }).isChecked()).resolves.toBe(true);
    // A link to the sold-out variant shows it as such, with nothing to add.
    await page.goto(`${shopUrl}/products/royal-oxford-shirt?variant=${variant("XL / Blue").id}`);
    await page.getByTestId("variant-stock").filter({ hasText: "Out of stock" }).waitFor();
    await expect(page.getByRole("button", { name: "Out of stock" }).isDisabled()).resolves.toBe(true);
    expect(await overflow(page)).toEqual({ page: 0, wide: [] });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/product-picker-sold-out-375.png", fullPage: true });

    // Every variant of the trail watch is sold out: the shop says so.
    await page.goto(`${shopUrl}/products/atlas-trail-watch`);
    await page.getByTestId("variant-stock").filter({ hasText: "Out of stock" }).waitFor();
    await expect(page.getByRole("button", { name: "Out of stock" }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole("radio", { name: /46 mm \(sold out\)/ }).isDisabled()).resolves.toBe(true);
    expect(failures).toEqual([]);
  });

  it("suggests products for a typo as one types, by keyboard, and filters the catalog by brand, price and option, kept in the address", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(shopUrl);
    await page.getByTestId("product-card").first().waitFor();
    const box = page.getByRole("combobox", { name: "Search products" });
    const suggestions = page.getByRole("listbox", { name: "Suggestions" });

    await box.pressSequentially("latpop", { delay: 40 });
    await suggestions.getByRole("option").first().waitFor();
    const names = await suggestions.getByRole("option").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThanOrEqual(8);
    // The laptops first, by relevance; a name only near the typo ("Lamp", made by another test) after them.
    const laptops = names.filter((name) => name.includes("Laptop"));
    expect(laptops.length).toBeGreaterThan(0);
    expect(names.slice(0, laptops.length)).toEqual(laptops);
    await expect(box.getAttribute("aria-expanded")).resolves.toBe("true");
    await box.press("ArrowDown");
    await box.press("ArrowDown");
    const second = suggestions.getByRole("option").nth(1);
    await expect(second.getAttribute("aria-selected")).resolves.toBe("true");
    await expect(box.getAttribute("aria-activedescendant")).resolves.toBe(await second.getAttribute("id"));
    await page.screenshot({ path: "test-results/catalog-suggestions.png" });
    expect(await axeViolations(page)).toEqual([]);
    await box.press("Escape");
    await expect(box.getAttribute("aria-expanded")).resolves.toBe("false");

    await box.fill("");
    await box.pressSequentially("oxfrd", { delay: 40 });
    await suggestions.getByRole("option", { name: "Royal Oxford Shirt" }).waitFor();
    await box.press("ArrowDown");
    await box.press("Enter");
    await page.waitForURL("**/products/royal-oxford-shirt");
    await page.getByRole("heading", { level: 1, name: "Royal Oxford Shirt" }).waitFor();

    // Filters go into the address, as the API takes them: a brand's slug, prices in cents, option.<Name>.
    await page.goto(shopUrl);
    await page.getByTestId("product-card").first().waitFor();
    await page.getByLabel("Brand").selectOption({ label: "Royal" });
    await page.waitForURL(/brand=royal/);
    await page.getByLabel("Price from").fill("40");
    await page.getByLabel("Price from").press("Enter");
    await page.waitForURL(/minPrice=4000/);
    await page.getByLabel("Size").selectOption("M");
    await page.waitForURL(/option\.Size=M/);
    const expected = (await call("/products?brand=royal&minPrice=4000&option.Size=M")).body.items.map(
      (p: { name: string }) => p.name,
    );
    expect(expected).toContain("Royal Oxford Shirt");
    await page.waitForFunction(
      (count) => document.querySelectorAll("[data-testid=product-card]").length === count,
      expected.length,
    );
    await expect(page.getByTestId("product-card").locator(".card-title").allTextContents()).resolves.toEqual(expected);
    // A price that is not an amount is said beside its field; nothing is sent.
    await page.getByLabel("Price to").fill("ten");
    await page.getByLabel("Price to").press("Enter");
    await page.getByText("Enter an amount such as 25.00.").waitFor();
    expect(page.url()).not.toContain("maxPrice");
    // The address alone brings the same filters back.
    await page.reload();
    await page.getByTestId("product-card").first().waitFor();
    await expect(page.getByLabel("Size").inputValue()).resolves.toBe("M");
    await expect(page.getByLabel("Brand").inputValue()).resolves.toBe("royal");
    await expect(page.getByLabel("Price from").inputValue()).resolves.toBe("40.00");
    await page.screenshot({ path: "test-results/catalog-filtered.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // On a phone the filters wait behind a button that counts them (brand, price from, size).
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await overflow(page)).toEqual({ page: 0, wide: [] });
    await page.getByRole("button", { name: "Filters (3)" }).click();
    await page.screenshot({ path: "test-results/catalog-filtered-375.png", fullPage: true });
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.waitForURL((url) => url.search === "");
    expect(failures).toEqual([]);
  });
});
