import { mkdir } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, cspRefusals, launchChromium, shopApi, visit } from "./browser.ts";

/**
 * The admin app in Chromium, on the whole shop: every page for an admin (screenshot and axe), what
 * staff may not do, shipping and canceling orders live, coupons, moderation, categories, a
 * product's gallery and the audit log.
 */
const shopUrl = inject("shopUrl");
const staffAdmin = inject("admins").admin;
const run = crypto.randomUUID().slice(0, 8);
const { call, token } = shopApi(shopUrl);
const onePixelPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

let browser: Browser;
let adminContext: BrowserContext;
let staffContext: BrowserContext;
let admin: string;
const staff = { username: `staff-${run}@example.com`, password: "staff-password-1" };
const customer = { username: `customer-${run}@example.com`, password: "customer-password-1", id: "", token: "" };
let paidOrderId = "";

/** What the shop calls an order (#1042), as staff read it. */
async function orderName(id: string): Promise<string> {
  const { status, body } = await call(`/admin/orders/${id}`, { token: admin });
  expect(status).toBe(200);
  return `Order #${body.number}`;
}

/** An order of the customer, awaiting payment: cart and checkout. */
async function pendingOrder(): Promise<string> {
  const kettle = (await call("/products/royal-kettle")).body;
  expect(
    (await call(`/cart/items/${kettle.id}`, { method: "PUT", token: customer.token, json: { quantity: 1 } })).status,
  ).toBe(200);
  const checkout = await call("/checkout", {
    token: customer.token,
    headers: { "idempotency-key": crypto.randomUUID() },
    json: {
      shippingAddress: {
        name: "Ada Admin-Test",
        line1: "1 Depot Road",
        city: "Springfield",
        postalCode: "12345",
        country: "US",
      },
    },
  });
  expect(checkout.status).toBe(201);
  return checkout.body.id;
}

/** A paid order of the customer: checkout, then the sandbox bank's "pay" button. */
async function paidOrder(): Promise<string> {
  const id = await pendingOrder();
  const payment = await call(`/orders/${id}/payment`, { method: "POST", token: customer.token });
  expect(payment.status).toBe(201);
  const authority = new URL(payment.body.redirectUrl, shopUrl).pathname.split("/").at(-1);
  expect((await call(`/sandbox/pay/${authority}`, { json: { outcome: "success" } })).status).toBe(200);
  return id;
}

async function signIn(context: BrowserContext, username: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${shopUrl}/signin?next=/admin`);
  await page.getByLabel("Email or phone").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/admin");
  await page.getByRole("heading", { level: 1, name: "Live dashboard" }).waitFor();
  return page;
}

/** Waits until no "Loading…" state is left on the page. */
async function settled(page: Page) {
  await page.waitForFunction(() => !document.querySelector(".a-loading"), undefined, { timeout: 15_000 });
}

beforeAll(async () => {
  browser = await launchChromium();
  // Charts skip their animation with reduced motion: screenshots show the final numbers.
  adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
  staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
  admin = await token(staffAdmin.username, staffAdmin.password);
  for (const [account, role] of [
    [staff, "staff"],
    [customer, "customer"],
  ] as const) {
    const created = await call("/admin/users", { token: admin, json: { ...account, role, verified: true } });
    expect(created.status).toBe(201);
    if (role === "customer") customer.id = created.body.id;
  }
  customer.token = await token(customer.username, customer.password);
  paidOrderId = await paidOrder();
  await mkdir("test-results", { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("the admin app in Chromium", () => {
  it("loads every page for an admin, without serious or critical accessibility violations, on a desktop and at 375 px", async () => {
    const page = await signIn(adminContext, staffAdmin.username, staffAdmin.password);
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    // The policy the shop serves (web/public/_headers): no inline script or style, no eval.
    const refused = await cspRefusals(page);
    const kettle = (await call("/products/royal-kettle")).body;
    const shirt = (await call("/products/royal-oxford-shirt")).body;
    const pages: [name: string, path: string, heading: string | RegExp][] = [
      ["dashboard", "/admin", "Live dashboard"],
      ["orders", "/admin/orders", "Orders"],
      ["order", `/admin/orders/${paidOrderId}`, await orderName(paidOrderId)],
      ["products", "/admin/products", "Products"],
      ["product", `/admin/products/${kettle.id}`, "Royal Kettle"],
      ["product-variants", `/admin/products/${shirt.id}`, "Royal Oxford Shirt"],
      ["new-product", "/admin/products/new", "New product"],
      ["categories", "/admin/categories", "Categories"],
      ["brands", "/admin/brands", "Brands"],
      ["coupons", "/admin/coupons", "Coupons"],
      ["promotions", "/admin/promotions", "Promotions"],
      ["new-promotion", "/admin/promotions/new", "New promotion"],
      ["promotions-report", "/admin/promotions/report", "Promotions report"],
      ["shipping", "/admin/shipping", "Shipping"],
      ["taxes", "/admin/taxes", "Taxes"],
      ["customers", "/admin/customers", "Customers"],
      ["reviews", "/admin/reviews", "Reviews"],
      ["reports", "/admin/reports", "Reports"],
      ["report-top-products", "/admin/reports?view=top-products", "Reports"],
      ["report-low-stock", "/admin/reports?view=low-stock", "Reports"],
      ["report-stock-left", "/admin/reports?view=stock-left", "Reports"],
      ["audit", "/admin/audit", "Audit log"],
      ["not-found", "/admin/no-such-page", "Not found"],
      ["order-not-found", `/admin/orders/${crypto.randomUUID()}`, "Order not found"],
    ];
    const adminLinks = await page.getByRole("navigation", { name: "Admin" }).getByRole("link").allTextContents();
    expect(adminLinks).toEqual([
      "Dashboard",
      "Orders",
      "Products",
      "Categories",
      "Brands",
      "Coupons",
      "Promotions",
      "Shipping",
      "Taxes",
      "Customers",
      "Reviews",
      "Reports",
      "Audit log",
    ]);
    const violations: Record<string, string[]> = {};
    await page.goto(`${shopUrl}/admin`);
    for (const [name, path, heading] of pages) {
      await visit(page, path);
      await page
        .getByRole("heading", { name: heading, exact: typeof heading === "string" })
        .first()
        .waitFor();
      await settled(page);
      await page.screenshot({ path: `test-results/admin-${name}.png`, fullPage: true });
      const found = await axeViolations(page);
      if (found.length > 0) violations[name] = found;
    }

    await page.setViewportSize({ width: 375, height: 800 });
    for (const [name, path] of [
      ["dashboard", "/admin"],
      ["orders", "/admin/orders"],
      ["products", "/admin/products"],
      ["product", `/admin/products/${kettle.id}`],
      ["product-variants", `/admin/products/${shirt.id}`],
      ["coupons", "/admin/coupons"],
      ["reports", "/admin/reports"],
    ]) {
      await visit(page, path);
      await page.locator(".a-page h1").first().waitFor();
      await settled(page);
      // The admin app never needs sideways scrolling (the shop's own header is outside it).
      const overflow = await page.evaluate(() => {
        const shell = document.querySelector(".a-shell") as HTMLElement;
        const wide = [...shell.querySelectorAll<HTMLElement>("*")].filter(
          (el) => !el.closest("thead, .visually-hidden") && el.getBoundingClientRect().right > innerWidth + 1,
        );
        return {
          shell: shell.scrollWidth - shell.clientWidth,
          wide: wide.slice(0, 3).map((el) => el.outerHTML.slice(0, 80)),
        };
      });
      expect(overflow, name).toEqual({ shell: 0, wide: [] });
      await page.screenshot({ path: `test-results/admin-${name}-375.png`, fullPage: true });
      const found = await axeViolations(page);
      if (found.length > 0) violations[`${name}-375`] = found;
    }
    // The menu opens with the keyboard and lists the sections.
    await page.getByRole("button", { name: "Menu" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Coupons" }).waitFor();
    expect(violations).toEqual({});
    expect(failures).toEqual([]);
    // Nothing is refused, not even an eval probe: the live client's zod runs jitless.
    expect(refused).toEqual([]);
  });

  it("shows a failed load with a retry, and recovers when the API answers again", async () => {
    const page = await adminContext.newPage();
    await page.route("**/api/v1/admin/orders?**", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "unavailable", message: "down" } }),
      }),
    );
    await page.goto(`${shopUrl}/admin/orders`);
    await page.getByRole("alert").getByText("Could not load orders.").waitFor();
    await page.unroute("**/api/v1/admin/orders?**");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("orders-table").waitFor();
  });

  it("hides admin-only parts from staff, tells them why, and lets them find customers and grant coupons", async () => {
    const page = await signIn(staffContext, staff.username, staff.password);
    const nav = page.getByRole("navigation", { name: "Admin" });
    const links = await nav.getByRole("link").allTextContents();
    expect(links).toEqual([
      "Dashboard",
      "Orders",
      "Products",
      "Categories",
      "Brands",
      "Coupons",
      "Promotions",
      "Shipping",
      "Taxes",
      "Customers",
      "Reviews",
      "Reports",
    ]);

    await visit(page, "/admin/customers");
    await page.getByRole("heading", { name: "Accounts are managed by admins" }).waitFor();
    await expect(page.getByTestId("admin-only").textContent()).resolves.toContain(
      "Only admins can change a role or deactivate",
    );
    await page.getByLabel("Email, phone or name").fill(customer.username);
    await page.getByRole("button", { name: "Search" }).click();
    const card = page.getByTestId("customer").filter({ hasText: customer.username });
    await card.getByRole("button", { name: /^Orders/ }).click();
    await card.getByTestId("customer-orders").waitFor();
    expect(await page.getByRole("button", { name: /Deactivate|Change role/ }).count()).toBe(0);
    const staffToken = await token(staff.username, staff.password);
    expect((await call("/admin/users", { token: staffToken })).status).toBe(403);

    await visit(page, "/admin/audit");
    await page.getByRole("heading", { name: "For admins only" }).waitFor();

    await visit(page, "/admin/coupons");
    await settled(page);
    const coupon = page.getByTestId("coupon").filter({ has: page.getByRole("heading", { name: "Bronze" }) });
    await coupon.getByRole("button", { name: /Grant to a customer/ }).click();
    await coupon.getByLabel("Customer's email, phone or name").fill(customer.username);
    await coupon.getByRole("button", { name: "Find" }).click();
    await coupon.getByRole("button", { name: `Grant to ${customer.username}` }).click();
    await coupon.getByTestId("grant-result").waitFor();
    await coupon.getByRole("button", { name: /Who has it/ }).click();
    await coupon.getByTestId("grants").getByText(customer.username).waitFor();
  });

  it("lets staff move an order to processing and shipped, and shows a change made elsewhere live", async () => {
    const orderId = await paidOrder();
    const page = await staffContext.newPage();
    await page.goto(`${shopUrl}/admin/orders?q=${encodeURIComponent(customer.username)}`);
    await page.getByTestId("order-row").first().waitFor();
    await page.getByRole("link", { name: await orderName(orderId) }).click();
    await page.waitForURL(`**/admin/orders/${orderId}`);
    await page.getByTestId("admin-order-status").filter({ hasText: "Paid" }).waitFor();
    await page.getByTestId("live-state").filter({ hasText: "Live" }).waitFor();
    await page.getByText("1 Depot Road").waitFor();
    await page.getByTestId("payments").getByText("Sandbox bank").waitFor();
    await expect(page.getByTestId("payments").textContent()).resolves.toContain("Paid");

    await page.getByRole("button", { name: "Start processing" }).click();
    await page.getByTestId("admin-order-status").filter({ hasText: "Processing" }).waitFor();
    // Shipping asks who carries the parcel and its tracking number.
    const ship = page.getByRole("form", { name: "Ship the order" });
    await ship.getByLabel("Carrier").fill("UPS");
    await ship.getByLabel("Tracking number").fill("1Z999AA10123456784");
    await ship.getByRole("button", { name: "Mark as shipped" }).click();
    await page.getByTestId("admin-order-status").filter({ hasText: "Shipped" }).waitFor();
    await page.getByTestId("toast").filter({ hasText: "Order shipped." }).waitFor();
    const shipment = page.getByTestId("shipment");
    await shipment.getByText("1Z999AA10123456784").waitFor();
    await expect(shipment.getByRole("link", { name: "Track the parcel" }).getAttribute("href")).resolves.toBe(
      "https://www.ups.com/track?tracknum=1Z999AA10123456784",
    );
    expect((await call(`/orders/${orderId}`, { token: customer.token })).body.shipment).toMatchObject({
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
    });
    await page.getByTestId("order-timeline").getByText("Shipped").waitFor();
    await expect(page.getByTestId("order-timeline").textContent()).resolves.toContain("by staff");

    // Someone else delivers it: the open page follows without a reload.
    const moved = await call(`/admin/orders/${orderId}/status`, { token: admin, json: { status: "delivered" } });
    expect(moved.status).toBe(200);
    await page.getByTestId("admin-order-status").filter({ hasText: "Delivered" }).waitFor({ timeout: 10_000 });
    await page.getByText(/updated live at/).waitFor();
    await page.screenshot({ path: "test-results/admin-order-delivered-live.png", fullPage: true });
  });

  it("lets staff cancel an order that waits for payment, with a note in its history", async () => {
    const orderId = await pendingOrder();
    const page = await staffContext.newPage();
    await page.goto(`${shopUrl}/admin/orders/${orderId}`);
    await page.getByTestId("admin-order-status").filter({ hasText: "Awaiting payment" }).waitFor();
    await page.getByLabel("Note for the history").fill("The customer asked by phone");
    await page.getByRole("button", { name: "Cancel the order" }).click();
    await page
      .getByRole("group", { name: /Cancel this order/ })
      .getByRole("button", { name: "Cancel the order" })
      .click();
    await page.getByTestId("admin-order-status").filter({ hasText: "Canceled" }).waitFor();
    await page.getByTestId("order-timeline").getByText("The customer asked by phone").waitFor();
    expect((await call(`/orders/${orderId}`, { token: customer.token })).body.status).toBe("canceled");
  });

  it("creates a coupon with a validity, edits its terms and grants it to a customer", async () => {
    const page = await adminContext.newPage();
    const title = `Flash ${run}`;
    await page.goto(`${shopUrl}/admin/coupons`);
    await settled(page);
    await page.getByRole("button", { name: "New coupon" }).click();
    const form = page.getByRole("form", { name: "New coupon" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Percent off").fill("15");
    await form.getByLabel("Valid for: how many").fill("30");
    await form.getByLabel("Valid for: unit").selectOption("minutes");
    await form.getByLabel("Largest discount").fill("25.50");
    await form.getByRole("button", { name: "Create coupon" }).click();
    // What a save did comes as a toast, where the eye is.
    await page
      .getByTestId("toast")
      .filter({ hasText: `${title} was created.` })
      .waitFor();
    const card = page.getByTestId("coupon").filter({ has: page.getByRole("heading", { name: title }) });
    await expect(card.getByTestId("coupon-validity").textContent()).resolves.toBe("30 minutes after granting");

    const listed = async () =>
      (await call("/admin/coupons?limit=100", { token: admin })).body.items.find((c: { title: string }) =>
        c.title.startsWith(title),
      );
    expect(await listed()).toMatchObject({
      kind: "percent",
      value: 15,
      validFor: "PT30M",
      maxDiscount: 2550,
      active: true,
    });

    await card.getByRole("button", { name: /Edit terms/ }).click();
    const edit = card.getByRole("form", { name: `Edit ${title}` });
    await edit.getByLabel("Title").fill(`${title} weekend`);
    await edit.getByLabel("Valid for: how many").fill("2");
    await edit.getByLabel("Valid for: unit").selectOption("weeks");
    await edit.getByLabel("Uses in total").fill("0");
    await edit.getByRole("button", { name: "Save coupon" }).click();
    // The form's own check names the field before anything is sent.
    await edit.getByText("Enter a whole number of at least 1.").waitFor();
    await edit.getByLabel("Uses in total").fill("100");
    await edit.getByRole("button", { name: "Save coupon" }).click();
    await page.getByTestId("toast").filter({ hasText: "Saved. Grants already made keep their expiry." }).waitFor();
    const edited = page.getByTestId("coupon").filter({ has: page.getByRole("heading", { name: `${title} weekend` }) });
    await expect(edited.getByTestId("coupon-validity").textContent()).resolves.toBe("2 weeks after granting");
    expect(await listed()).toMatchObject({ title: `${title} weekend`, validFor: "P14D", usageLimit: 100 });

    await edited.getByRole("button", { name: /Grant to a customer/ }).click();
    await edited.getByLabel("Customer's email, phone or name").fill(customer.username);
    await edited.getByRole("button", { name: "Find" }).click();
    await edited.getByRole("button", { name: `Grant to ${customer.username}` }).click();
    await edited.getByTestId("grant-result").waitFor();
    const mine = (await call("/coupons", { token: customer.token })).body.items;
    expect(mine.some((c: { title: string }) => c.title === `${title} weekend`)).toBe(true);
    await page.screenshot({ path: "test-results/admin-coupon-granted.png", fullPage: true });
  });

  it("shows a new comment in the moderation queue live, and approving it takes it out of the queue", async () => {
    const page = await adminContext.newPage();
    await page.goto(`${shopUrl}/admin/reviews`);
    await settled(page);
    await page.getByTestId("live-state").filter({ hasText: "Live" }).waitFor();
    const body = `Please stock more teapots (${run})`;
    const posted = await call("/comments", { token: customer.token, json: { kind: "suggestion", body } });
    expect(posted.status).toBe(201);
    const entry = page.getByTestId("queue-comments").filter({ hasText: body });
    await entry.getByText("New").waitFor({ timeout: 10_000 });
    await entry.getByRole("button", { name: "Approve this comment" }).click();
    await page.getByText("Approved: the comment is now shown in the shop.").waitFor();
    await expect(entry.count()).resolves.toBe(0);
    const queue = (await call("/admin/comments?approved=false&limit=100", { token: admin })).body.items;
    expect(queue.some((c: { id: string }) => c.id === posted.body.id)).toBe(false);
  });

  it("creates a category under a parent, shows it in the tree, and deletes it", async () => {
    const page = await adminContext.newPage();
    const name = `Teapots ${run}`;
    await page.goto(`${shopUrl}/admin/categories`);
    await settled(page);
    const form = page.getByRole("form", { name: "New category" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Parent category").selectOption({ label: "— Kitchen" });
    await form.getByRole("button", { name: "Add category" }).click();
    await page.getByText(`${name} was added under Kitchen.`).waitFor();
    const node = page.locator(`[data-category="home"] [data-category="kitchen"] [data-category="teapots-${run}"]`);
    await node.waitFor();
    await page.screenshot({ path: "test-results/admin-category-tree.png", fullPage: true });

    // A parent with a child cannot be deleted: the conflict is said in words.
    const kitchen = page.locator('[data-category="kitchen"] > .a-node');
    await kitchen.getByRole("button", { name: "Delete" }).click();
    await kitchen.getByRole("button", { name: "Delete", exact: true }).click();
    await kitchen.getByText("Kitchen still has sub-categories: move or delete them first.").waitFor();

    await node.locator("> .a-node").getByRole("button", { name: "Delete" }).click();
    await node.locator("> .a-node").getByRole("button", { name: "Delete", exact: true }).click();
    await node.waitFor({ state: "detached" });
  });

  it("creates a product, uploads an image to its gallery, saves it exactly, and deletes it", async () => {
    const page = await adminContext.newPage();
    const name = `Gallery test ${run}`;
    await page.goto(`${shopUrl}/admin/products/new`);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Price", { exact: true }).fill("19.99");
    await page.getByLabel("Stock", { exact: true }).fill("3");
    // Kept off the shop while it is tested.
    await page.getByLabel("For sale in the shop (active)").uncheck();
    await page.getByRole("button", { name: "Add a feature" }).click();
    await page.getByLabel("Feature 1 name").fill("Colour");
    await page.getByLabel("Feature 1 value").fill("Royal blue");
    // A slug another product has: the API's conflict is shown beside the field it names.
    await page.getByLabel("Slug (web address)").fill("royal-kettle");
    await page.getByRole("button", { name: "Create product" }).click();
    await page.getByText("another product has this slug").waitFor();
    await page.getByLabel("Slug (web address)").fill("");
    await page.getByRole("button", { name: "Create product" }).click();
    await page.waitForURL(/\/admin\/products\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").at(-1) as string;
    await page.getByText("Product created.").waitFor();

    await page
      .getByLabel("Upload images")
      .setInputFiles({ name: "pixel.png", mimeType: "image/png", buffer: onePixelPng });
    await page.getByTestId("gallery-image").first().waitFor();
    await page
      .getByTestId("toast")
      .filter({ hasText: "Image uploaded: describe it, then save the product." })
      .waitFor();
    await page.getByLabel("Image 1 description (alt text)").fill("A royal blue pixel");
    await page.getByText("Unsaved changes").waitFor();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.", { exact: true }).waitFor();

    const saved = (await call(`/admin/products/${id}`, { token: admin })).body;
    expect(saved).toMatchObject({
      name,
      price: 1999,
      stockQty: 3,
      active: false,
      features: [{ name: "Colour", value: "Royal blue" }],
    });
    expect(saved.gallery).toHaveLength(1);
    expect(saved.gallery[0]).toMatchObject({ alt: "A royal blue pixel" });
    const image = await fetch(new URL(saved.gallery[0].url, shopUrl));
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    await page.screenshot({ path: "test-results/admin-product-gallery.png", fullPage: true });

    await page.getByRole("button", { name: "Delete product" }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/admin/products");
    await page
      .getByTestId("toast")
      .filter({ hasText: `${name} is deleted.` })
      .waitFor();
    expect((await call(`/admin/products/${id}`, { token: admin })).status).toBe(404);
  });

  it("lists admin changes in the audit log with their actor and what changed, filtered by entity", async () => {
    const brand = await call("/admin/brands", { token: admin, json: { name: `Audited ${run}` } });
    expect(brand.status).toBe(201);
    const renamed = await call(`/admin/brands/${brand.body.id}`, {
      token: admin,
      method: "PATCH",
      json: { name: `Audited ${run} renamed` },
    });
    expect(renamed.status).toBe(200);
    const page = await adminContext.newPage();
    await page.goto(`${shopUrl}/admin/audit`);
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.getByLabel("What (entity)").fill("brand");
    await page.getByRole("button", { name: "Apply" }).click();
    const update = page
      .getByTestId("audit-entry")
      .filter({ hasText: "brand.update" })
      .filter({ hasText: brand.body.id });
    await update.waitFor();
    await expect(update.textContent()).resolves.toContain(`by ${staffAdmin.username}`);
    // What changed is named (the brand as it is now), its id beside it.
    await expect(update.getByRole("link", { name: `Audited ${run} renamed` }).count()).resolves.toBe(1);
    await update.getByText("1 field changed").click();
    await update.getByRole("cell", { name: `Audited ${run} renamed` }).waitFor();
    expect(await page.getByTestId("audit-entry").filter({ hasNotText: "brand." }).count()).toBe(0);
    await page.screenshot({ path: "test-results/admin-audit-filtered.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });
});

/** "#1042" of "Order #1042". */
const numberOf = (name: string) => name.replace("Order ", "");

describe("the admin app's own frame, lists and feedback at 1280×800", () => {
  let desk: BrowserContext;
  beforeAll(async () => {
    desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  });

  it("frames the admin apart from the shop, with one Orders link and a way back to the shop", async () => {
    const page = await signIn(desk, staffAdmin.username, staffAdmin.password);
    expect(await page.locator("header.header").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Orders", exact: true }).count()).toBe(1);
    await page.getByRole("link", { name: "View shop" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.locator("header.header").waitFor();
    await page.close();
  });

  it("focuses the field in error when shipping fails its check, and ships many orders at once, saying which could not be", async () => {
    const paid = [await paidOrder(), await paidOrder()];
    const pending = await pendingOrder();
    const names = await Promise.all([...paid, pending].map(orderName));
    const page = await desk.newPage();

    // A failed save takes the eye to the field: the carrier is required.
    await page.goto(`${shopUrl}/admin/orders/${paid[0]}`);
    await page.getByRole("button", { name: "Mark as shipped" }).click();
    const carrier = page.getByRole("form", { name: "Ship the order" }).getByLabel("Carrier");
    await expect(carrier.getAttribute("aria-invalid")).resolves.toBe("true");
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");

    // Filters apply as they are chosen: no Apply button.
    await page.goto(`${shopUrl}/admin/orders`);
    await settled(page);
    expect(await page.getByRole("button", { name: "Apply" }).count()).toBe(0);
    await page.getByLabel("Order number or customer").fill(customer.username);
    await page.waitForURL((url) => url.searchParams.get("q") === customer.username);
    const tabs = page.getByRole("navigation", { name: "Orders by status" });
    await tabs.getByRole("link", { name: "Paid (to ship)" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "paid" && url.searchParams.has("q"));
    await page.getByRole("checkbox", { name: `Select order ${numberOf(names[0])}` }).waitFor();
    expect(await page.getByRole("checkbox", { name: `Select order ${numberOf(names[2])}` }).count()).toBe(0);
    await tabs.getByRole("link", { name: "All" }).click();
    await page.waitForURL((url) => !url.searchParams.has("status"));
    await settled(page);

    for (const name of names) await page.getByRole("checkbox", { name: `Select order ${numberOf(name)}` }).check();
    await page.getByRole("region", { name: "Selected orders" }).getByText("3 orders selected").waitFor();
    await page.getByRole("region", { name: "Selected orders" }).getByLabel("Carrier for all").fill("DHL");
    await page.getByRole("button", { name: "Ship selected" }).click();
    await page
      .getByTestId("toast")
      .filter({ hasText: `Shipped 2 orders; 1 could not be: ${names[2]} is not paid.` })
      .waitFor();
    for (const name of names.slice(0, 2)) {
      await page
        .getByTestId("order-row")
        .filter({ hasText: numberOf(name) })
        .getByText("Shipped")
        .waitFor();
    }
    await mkdir("/tmp/shots", { recursive: true });
    await page.screenshot({ path: "/tmp/shots/admin-orders-bulk-after.png" });
    expect((await call(`/orders/${paid[1]}`, { token: customer.token })).body.shipment).toMatchObject({
      carrier: "DHL",
    });
    expect((await call(`/orders/${pending}`, { token: customer.token })).body.status).toBe("pending_payment");

    // Select all takes every order on the page.
    await page.getByRole("checkbox", { name: "Select all orders on this page" }).check();
    const rows = await page.getByTestId("order-row").count();
    await page.getByText(`${rows} ${rows === 1 ? "order" : "orders"} selected`).waitFor();

    // The audit log names the orders shipped.
    await page.goto(`${shopUrl}/admin/audit`);
    await page.getByLabel("What (entity)").fill("order");
    await page.getByRole("button", { name: "Apply" }).click();
    await page
      .getByTestId("audit-entry")
      .filter({ hasText: "order.ship" })
      .getByRole("link", { name: names[0] })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("selects products to activate, deactivate or adjust their stock, saying which could not be, and saves every changed row with one Save all", async () => {
    const tag = `Bulk${run}`;
    const made = async (name: string, json: Record<string, unknown>) => {
      const created = await call("/admin/products", { token: admin, json: { name: `${tag} ${name}`, ...json } });
      expect(created.status).toBe(201);
      return created.body as { id: string; name: string; variants: { id: string; title: string }[] };
    };
    const lamp = await made("Lamp", { price: 2_000, discount: 500, stockQty: 10 });
    const vase = await made("Vase", { price: 1_500, stockQty: 2 });
    const shirt = await made("Shirt", {
      price: 3_000,
      options: [{ name: "Size", values: ["S", "M"] }],
      variants: [
        { options: { Size: "S" }, stockQty: 4 },
        { options: { Size: "M" }, stockQty: 4 },
      ],
    });
    const stockOf = async (id: string) => (await call(`/admin/products/${id}`, { token: admin })).body.stockQty;
    const page = await signIn(desk, staffAdmin.username, staffAdmin.password);
    await page.goto(`${shopUrl}/admin/products?q=${tag}`);
    await settled(page);
    const rows = page.getByTestId("admin-product-row");
    await rows.filter({ hasText: shirt.name }).waitFor();
    await expect(rows.count()).resolves.toBe(3);

    // Bulk: the stock of each selected product by a number of units; those it cannot take stay selected.
    for (const product of [lamp, vase, shirt])
      await page.getByRole("checkbox", { name: `Select ${product.name}` }).check();
    const bar = page.getByRole("region", { name: "Selected products" });
    await bar.getByText("3 products selected").waitFor();
    await bar.getByLabel("Units (+ or −)").fill("-5");
    await bar.getByLabel("Why the stock changes").fill("damaged in storage");
    await bar.getByRole("button", { name: "Adjust stock" }).click();
    await page
      .getByTestId("toast")
      .filter({
        hasText: `Adjusted the stock of 1 product; 2 could not be: ${vase.name} has 2 in stock: it cannot lose 5; ${shirt.name} has 2 variants`,
      })
      .waitFor();
    expect(await stockOf(lamp.id)).toBe(5);
    expect(await stockOf(vase.id)).toBe(2);
    await bar.getByText("2 products selected").waitFor();
    await bar.getByRole("button", { name: "Set inactive" }).click();
    await page.getByTestId("toast").filter({ hasText: "Deactivated 2 products." }).waitFor();
    await rows.filter({ hasText: vase.name }).getByText("not for sale").waitFor();
    expect((await call(`/admin/products/${shirt.id}`, { token: admin })).body.active).toBe(false);
    const selectAll = page.getByRole("checkbox", { name: "Select all products on this page" });
    await selectAll.check();
    await bar.getByText("3 products selected").waitFor();
    await bar.getByRole("button", { name: "Clear selection" }).click();
    await bar.waitFor({ state: "detached" });
    await selectAll.check();
    await bar.getByRole("button", { name: "Set active" }).click();
    await page.getByTestId("toast").filter({ hasText: "Activated 3 products." }).waitFor();
    // Every product was taken: nothing is left selected.
    await bar.waitFor({ state: "detached" });

    // Save all: every changed row in one go; a row failing its check is marked and its field focused.
    await page.getByLabel(`Price of ${lamp.name}`).fill("19.99");
    await page.getByLabel(`Stock of ${vase.name}`).fill("12");
    await page.getByRole("button", { name: "Save all changes (2)" }).click();
    const reason = page.getByLabel(`Why the stock of ${vase.name} changes`);
    await expect(reason.getAttribute("aria-invalid")).resolves.toBe("true");
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
    await reason.fill("delivery");
    await page.getByRole("button", { name: "Save all changes (2)" }).click();
    await page.getByTestId("toast").filter({ hasText: "Saved 2 products." }).waitFor();
    await expect(page.getByRole("button", { name: "Save all changes (0)" }).isDisabled()).resolves.toBe(true);
    expect((await call(`/admin/products/${lamp.id}`, { token: admin })).body.price).toBe(1_999);
    expect(await stockOf(vase.id)).toBe(12);

    // A row the shop refuses says why beside it; the others are saved.
    await page.getByLabel(`Price of ${lamp.name}`).fill("1");
    await page.getByLabel(`Price of ${vase.name}`).fill("16");
    await page.getByRole("button", { name: "Save all changes (2)" }).click();
    await page.getByTestId("toast").filter({ hasText: "Saved 1 product; 1 product could not be" }).waitFor();
    await rows.filter({ hasText: lamp.name }).getByTestId("row-error").getByText("discount").waitFor();
    expect((await call(`/admin/products/${vase.id}`, { token: admin })).body.price).toBe(1_600);
    await page.screenshot({ path: "/tmp/shots/admin-products-bulk.png" });
    expect(await axeViolations(page)).toEqual([]);

    // Leaving with an unsaved change asks first.
    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole("link", { name: "New product" }).click();
    await expect.poll(() => asked).toEqual(["Leave without saving 1 changed product?"]);
    expect(new URL(page.url()).pathname).toBe("/admin/products");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("link", { name: "New product" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/products/new");
    await page.close();
  });

  it("rejects a review's text and deletes a comment, each said in a toast", async () => {
    const kettle = (await call("/products/royal-kettle")).body;
    const text = `Terrible spam ${run}`;
    expect(
      (await call(`/products/${kettle.id}/rating`, { method: "PUT", token: customer.token, json: { vote: 3, text } }))
        .status,
    ).toBe(200);
    const body = `Spam comment ${run}`;
    expect((await call("/comments", { token: customer.token, json: { kind: "suggestion", body } })).status).toBe(201);
    const page = await desk.newPage();
    await page.goto(`${shopUrl}/admin/reviews`);
    await settled(page);
    const review = page.getByTestId("queue-ratings").filter({ hasText: text });
    await review.getByRole("button", { name: "Reject this review's text" }).click();
    await page.getByTestId("toast").filter({ hasText: "Rejected: the review's text is never shown" }).waitFor();
    await review.waitFor({ state: "detached" });
    expect((await call(`/products/${kettle.id}/rating`, { token: customer.token })).body).toMatchObject({
      myVote: 3,
      myText: null,
    });

    const comment = page.getByTestId("queue-comments").filter({ hasText: body });
    await comment.getByRole("button", { name: "Delete", exact: true }).click();
    await comment.getByRole("button", { name: "Delete the comment" }).click();
    await page.getByTestId("toast").filter({ hasText: "The comment is deleted." }).waitFor();
    await comment.waitFor({ state: "detached" });
    await page.close();
  });
});

describe("shipping and taxes at 1280×800", () => {
  let desk: BrowserContext;
  const zoneName = `France ${run}`;
  beforeAll(async () => {
    desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  });
  afterAll(async () => {
    // What this test made goes, so the shop ships and taxes as before for every other suite.
    const zones = (await call("/admin/shipping/zones", { token: admin })).body.items as { id: string; name: string }[];
    for (const zone of zones.filter((z) => z.name === zoneName))
      await call(`/admin/shipping/zones/${zone.id}`, { method: "DELETE", token: admin });
    const classes = (await call("/admin/taxes/classes", { token: admin })).body.items as {
      id: string;
      name: string;
      rates: { id: string; country: string }[];
    }[];
    const standard = classes.find((c) => c.name === "Standard");
    for (const rate of standard?.rates.filter((r) => r.country === "FR") ?? [])
      await call(`/admin/taxes/classes/${standard?.id}/rates/${rate.id}`, { method: "DELETE", token: admin });
    await desk?.close();
  });

  it("creates a zone for France with weight bands, previews 1.2 kg worth $80 to 69001 and sets France's tax rate", async () => {
    const page = await signIn(desk, staffAdmin.username, staffAdmin.password);
    await visit(page, "/admin/shipping");
    await page.getByRole("heading", { level: 1, name: "Shipping" }).waitFor();
    await settled(page);
    const toast = (text: string) => page.getByTestId("toast").filter({ hasText: text }).waitFor();

    const newZone = page.getByRole("form", { name: "New zone" });
    await newZone.getByLabel("Name").fill(zoneName);
    await newZone.getByLabel("Country to add").selectOption("FR");
    await newZone.getByRole("button", { name: "Add country" }).click();
    await newZone.getByRole("listitem").filter({ hasText: "France" }).waitFor();
    await newZone.getByRole("button", { name: "Add zone" }).click();
    await toast(`${zoneName} was added.`);

    const zone = page.locator(`[data-zone="${zoneName}"]`);
    await zone.getByRole("button", { name: `Add method to ${zoneName}` }).click();
    const method = zone.getByRole("form", { name: `New method for ${zoneName}` });
    await method.getByLabel("Method name").fill("Colissimo");
    await method.getByLabel("Priced").selectOption("weight");
    await method.getByLabel("Fewest days").fill("2");
    await method.getByLabel("Most days").fill("4");
    await method.getByRole("button", { name: "Add method", exact: true }).click();
    await toast(`Colissimo was added to ${zoneName}.`);

    // Two bands, the second overlapping the first: refused, its start marked and focused.
    const bands = zone.getByRole("form", { name: "Bands of Colissimo" });
    await bands.getByRole("button", { name: "Add band" }).click();
    await bands.getByLabel("Up to (g), band 1").fill("1000");
    await bands.getByLabel("Price, band 1").fill("6.50");
    await bands.getByRole("button", { name: "Add band" }).click();
    expect(await bands.getByLabel("From (g), band 2").inputValue()).toBe("1000");
    await bands.getByLabel("From (g), band 2").fill("800");
    await bands.getByLabel("Up to (g), band 2").fill("5000");
    await bands.getByLabel("Price, band 2").fill("9.90");
    await bands.getByRole("button", { name: "Save bands" }).click();
    await bands
      .getByRole("alert")
      .filter({ hasText: "The band from 800 to 5000 overlaps the band from 0 to 1000." })
      .waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "From (g), band 2");
    await bands.getByLabel("From (g), band 2").fill("1000");
    await bands.getByRole("button", { name: "Save bands" }).click();
    await toast("The bands of Colissimo are saved.");

    const preview = page.getByRole("form", { name: "Shipping preview" });
    await preview.getByLabel("Country").selectOption("FR");
    await preview.getByLabel("Postal code").fill("69001");
    await preview.getByLabel("Weight (g)").fill("1200");
    await preview.getByLabel("Subtotal").fill("80");
    await preview.getByRole("button", { name: "Preview" }).click();
    const result = page.getByTestId("shipping-preview");
    await result
      .filter({ hasText: `An order of 1,200 g worth $80.00 to 69001 France ships by the zone ${zoneName}.` })
      .waitFor();
    expect(await result.getByRole("row").filter({ hasText: "Colissimo" }).getByRole("cell").allTextContents()).toEqual([
      "Colissimo",
      "$9.90",
      "2–4 days",
    ]);
    expect(await axeViolations(page)).toEqual([]);

    await visit(page, "/admin/taxes");
    await page.getByRole("heading", { level: 1, name: "Taxes" }).waitFor();
    await settled(page);
    const rate = page.getByRole("form", { name: "New rate for Standard" });
    await rate.getByLabel("Region").selectOption("FR");
    await rate.getByLabel("Rate (%)").fill("20");
    await rate.getByRole("button", { name: "Add rate" }).click();
    await toast("Standard: 20 % in France.");
    await page.locator('[data-tax-class="Standard"] .a-rate').filter({ hasText: "France" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The preview prices by the new rate at once.
    await visit(page, "/admin/shipping");
    await settled(page);
    await preview.getByLabel("Postal code").fill("69001");
    await preview.getByLabel("Weight (g)").fill("1200");
    await preview.getByLabel("Subtotal").fill("80");
    await preview.getByRole("button", { name: "Preview" }).click();
    await result.filter({ hasText: "Tax there: 20 % on goods of the default class" }).waitFor();
    await page.screenshot({ path: "test-results/admin-shipping-preview.png", fullPage: true });
    await page.close();
  });

  it("reports the tax collected by country and rate and the shipping charged by method, each with its CSV", async () => {
    const page = await signIn(desk, staffAdmin.username, staffAdmin.password);
    await visit(page, "/admin/reports?view=taxes");
    await page.getByRole("heading", { level: 2, name: "Tax and shipping" }).waitFor();
    await settled(page);
    // The seeded shop's paid orders went to the United States by Standard, 9 % on goods.
    await page.getByTestId("tax-report").getByRole("row").filter({ hasText: "United States" }).first().waitFor();
    await page.getByTestId("shipping-report").getByRole("row").filter({ hasText: "Standard" }).waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).first().click();
    expect((await download).suggestedFilename()).toMatch(/^royal-shop-tax-.*\.csv$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/admin-tax-report.png", fullPage: true });
    await page.close();
  });
});
