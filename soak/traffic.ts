import type { Metrics } from "./metrics.ts";
import { type Session, type SoakShop, searchTerms } from "./shop.ts";

/**
 * The soak's traffic: shoppers and staff, each a loop of actions picked by weight, each request checked
 * against the answers the contract allows in that situation (a race a shopper can lose, say, is a 409
 * the contract names). Anything else, every 5xx and every network failure, is an error.
 */
type Expected = (number | `${number} ${string}`)[];

interface Answer {
  status: number;
  body: any;
}

const address = {
  name: "Soak Shopper",
  line1: "1 Load Street",
  city: "Springfield",
  postalCode: "12345",
  country: "US",
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
/** One of the actions, each as likely as its weight. */
function weighted<A>(actions: [number, A][], total: number): A {
  let roll = Math.random() * total;
  for (const [weight, action] of actions) {
    roll -= weight;
    if (roll < 0) return action;
  }
  return actions[0][1];
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** An access token lives 15 minutes: sessions refresh well before. */
const refreshAfterMs = 10 * 60_000;

interface ShopperState {
  session: SoakShop["shoppers"][number];
  /** The cart's lines as the last cart answer showed them. */
  cart: { variantId: string; quantity: number }[];
  /** Orders of this shopper that may still be pending payment. */
  pending: string[];
}

export class Traffic {
  readonly #shop: SoakShop;
  readonly #metrics: Metrics;
  readonly #base: string;
  #stopped = false;
  /** Counters the progress line shows. */
  readonly counts = { checkouts: 0, paid: 0, payFailures: 0, cancels: 0, staffMoves: 0, refunds: 0, stockChanges: 0 };

  constructor(shop: SoakShop, metrics: Metrics) {
    this.#shop = shop;
    this.#metrics = metrics;
    this.#base = `${shop.url}/api/v1`;
  }

  stop() {
    this.#stopped = true;
  }

  /** Runs every shopper and staff loop until `stop()`; resolves once each has finished its last action. */
  async run() {
    await Promise.all([
      ...this.#shop.shoppers.map((session) => this.#shopper({ session, cart: [], pending: [] })),
      ...this.#shop.staff.map((session) => this.#staff(session)),
    ]);
  }

  async #send(
    action: string,
    method: string,
    path: string,
    options: { session?: Session; body?: unknown; headers?: Record<string, string>; expected: Expected },
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.session) {
      headers.authorization = `Bearer ${options.session.token}`;
      headers["cf-connecting-ip"] = options.session.ip;
    }
    const started = performance.now();
    let status = 0;
    let text = "";
    try {
      const response = await fetch(`${this.#base}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      this.#metrics.record(action, 0, performance.now() - started);
      this.#metrics.error(action, `${method} ${path}`, `network: ${(error as Error).message}`);
      return { status: 0, body: undefined };
    }
    this.#metrics.record(action, status, performance.now() - started);
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const code = body?.error?.code;
    if (!options.expected.includes(status) && !options.expected.includes(`${status} ${code}`)) {
      this.#metrics.error(action, `${method} ${path}`, `${status} ${text}`);
    }
    return { status, body };
  }

  /** Keeps a session's access token fresh with its rotating refresh token. */
  async #fresh(session: Session) {
    if (Date.now() - session.signedInAt < refreshAfterMs) return;
    const answer = await this.#send("refresh", "POST", "/auth/refresh", {
      body: { refreshToken: session.refreshToken },
      headers: { "cf-connecting-ip": session.ip },
      expected: [200],
    });
    if (answer.status === 200) {
      session.token = answer.body.accessToken;
      session.refreshToken = answer.body.refreshToken;
      session.signedInAt = Date.now();
    }
  }

  async #shopper(state: ShopperState) {
    const actions: [number, (s: ShopperState) => Promise<void>][] = [
      [12, () => this.#browse()],
      [8, (s) => this.#detail(s)],
      [8, () => this.#search()],
      [16, (s) => this.#addToCart(s)],
      [4, (s) => this.#removeFromCart(s)],
      [4, (s) => this.#viewCart(s)],
      [10, (s) => this.#checkout(s)],
      [8, (s) => this.#pay(s, "success")],
      [3, (s) => this.#pay(s, "failure")],
      [3, (s) => this.#cancel(s)],
      [3, (s) => this.#orders(s)],
      [3, (s) => this.#coupons(s)],
      [2, (s) => this.#wish(s)],
      [1, (s) => this.#rate(s)],
    ];
    const total = actions.reduce((sum, [weight]) => sum + weight, 0);
    while (!this.#stopped) {
      await this.#fresh(state.session);
      await weighted(actions, total)(state);
      await sleep(between(20, 120));
    }
  }

  #browse() {
    const sort = pick(["newest", "price_asc", "price_desc", "rating"]);
    return this.#send("browse", "GET", `/products?limit=20&sort=${sort}`, { expected: [200] }).then(() => {});
  }

  async #detail(s: ShopperState) {
    const product = pick(this.#shop.products);
    await this.#send("detail", "GET", `/products/${product.slug}`, {
      session: Math.random() < 0.5 ? s.session : undefined,
      expected: [200],
    });
  }

  async #search() {
    const term = pick(searchTerms);
    if (Math.random() < 0.3) {
      await this.#send("suggest", "GET", `/products/suggest?q=${encodeURIComponent(term.slice(0, 4))}`, {
        expected: [200],
      });
    } else {
      await this.#send("search", "GET", `/products?q=${encodeURIComponent(term)}&limit=10`, { expected: [200] });
    }
  }

  #lines(s: ShopperState, cart: any) {
    if (Array.isArray(cart?.items)) {
      s.cart = cart.items.map((item: any) => ({ variantId: item.variantId, quantity: item.quantity }));
    }
  }

  async #addToCart(s: ShopperState) {
    const variant = pick(this.#shop.variants);
    const answer = await this.#send("cart-set", "PUT", `/cart/variants/${variant.variantId}`, {
      session: s.session,
      body: { quantity: between(1, 3) },
      expected: [200, "409 insufficient_stock"],
    });
    if (answer.status === 200) this.#lines(s, answer.body);
  }

  async #removeFromCart(s: ShopperState) {
    if (s.cart.length === 0) return this.#viewCart(s);
    const line = pick(s.cart);
    const answer = await this.#send("cart-remove", "DELETE", `/cart/variants/${line.variantId}`, {
      session: s.session,
      expected: [200],
    });
    if (answer.status === 200) this.#lines(s, answer.body);
  }

  async #viewCart(s: ShopperState) {
    const answer = await this.#send("cart", "GET", "/cart", { session: s.session, expected: [200] });
    if (answer.status === 200) this.#lines(s, answer.body);
  }

  async #checkout(s: ShopperState) {
    if (s.cart.length === 0) return this.#addToCart(s);
    const body = {
      shippingAddress: address,
      ...(Math.random() < 0.4 ? { couponCode: pick(s.session.codes) } : {}),
    };
    const key = crypto.randomUUID();
    const expected: Expected = [
      201,
      "409 insufficient_stock",
      "409 cart_empty",
      "409 coupon_invalid",
      "409 coupon_exhausted",
      "409 coupon_expired",
      "409 conflict",
      // A shopper holds at most 5 unpaid orders at once.
      "409 too_many_pending_orders",
    ];
    const send = () =>
      this.#send("checkout", "POST", "/checkout", {
        session: s.session,
        body,
        headers: { "idempotency-key": key },
        expected,
      });
    const answer = await send();
    if (answer.status !== 201) {
      if (answer.status === 409) await this.#viewCart(s);
      return;
    }
    this.counts.checkouts += 1;
    s.cart = [];
    s.pending.push(answer.body.id);
    const o = answer.body;
    if (o.total !== o.subtotal - o.discount + o.tax + o.shipping) {
      this.#metrics.error("checkout", "POST /checkout", `total does not add up: ${JSON.stringify(o)}`);
    }
    if (Math.random() < 0.2) {
      // A client that did not see the answer sends the same request again: the same order, once.
      const again = await send();
      if (again.status === 201 && again.body.id !== o.id) {
        this.#metrics.error("checkout", "POST /checkout (same key)", `another order: ${again.body.id} ≠ ${o.id}`);
      }
    }
  }

  async #pay(s: ShopperState, outcome: "success" | "failure") {
    const orderId = s.pending.at(Math.floor(Math.random() * s.pending.length));
    if (!orderId) return this.#checkout(s);
    const action = outcome === "success" ? "pay" : "pay-declined";
    const started = await this.#send(`${action}-start`, "POST", `/orders/${orderId}/payment`, {
      session: s.session,
      expected: [201, "409 invalid_transition", "409 already_paid"],
    });
    if (started.status !== 201) {
      s.pending = s.pending.filter((id) => id !== orderId);
      return;
    }
    const authority = String(started.body.redirectUrl).split("/").at(-1);
    const pressed = await this.#send(`${action}-bank`, "POST", `/sandbox/pay/${authority}`, {
      body: { outcome },
      headers: { "cf-connecting-ip": s.session.ip },
      expected: [200],
    });
    if (pressed.status !== 200) return;
    const order = await this.#send("order", "GET", `/orders/${orderId}`, { session: s.session, expected: [200] });
    const status = order.body?.status;
    // Staff may cancel a pending order at any moment; otherwise the bank's answer decides.
    const allowed = outcome === "success" ? ["paid", "canceled"] : ["pending_payment", "canceled"];
    if (order.status === 200 && !allowed.includes(status)) {
      this.#metrics.error(action, `GET /orders/${orderId} after the bank's ${outcome}`, `status ${status}`);
    }
    if (outcome === "success") {
      s.pending = s.pending.filter((id) => id !== orderId);
      if (status === "paid") this.counts.paid += 1;
    } else this.counts.payFailures += 1;
  }

  async #cancel(s: ShopperState) {
    const orderId = s.pending.pop();
    if (!orderId) return this.#orders(s);
    const answer = await this.#send("cancel", "POST", `/orders/${orderId}/cancel`, {
      session: s.session,
      expected: [200, "409 invalid_transition"],
    });
    if (answer.status === 200) this.counts.cancels += 1;
  }

  async #orders(s: ShopperState) {
    await this.#send("orders", "GET", "/orders?limit=10", { session: s.session, expected: [200] });
  }

  async #coupons(s: ShopperState) {
    if (Math.random() < 0.5) {
      await this.#send("coupons", "GET", "/coupons", { session: s.session, expected: [200] });
      return;
    }
    await this.#send("coupon-preview", "POST", "/coupons/preview", {
      session: s.session,
      body: { code: pick(s.session.codes) },
      expected: [200, "409 cart_empty", "409 coupon_invalid", "409 coupon_exhausted", "409 coupon_expired"],
    });
  }

  async #wish(s: ShopperState) {
    await this.#send("wishlist", "PUT", `/wishlist/${pick(this.#shop.products).id}`, {
      session: s.session,
      expected: [200],
    });
  }

  async #rate(s: ShopperState) {
    await this.#send("rating", "PUT", `/products/${pick(this.#shop.products).id}/rating`, {
      session: s.session,
      body: { vote: between(1, 5) },
      expected: [200],
    });
  }

  async #staff(session: Session) {
    const actions: [number, (t: Session) => Promise<void>][] = [
      [30, (t) => this.#advance(t)],
      [4, (t) => this.#refund(t)],
      [4, (t) => this.#cancelPending(t)],
      [15, (t) => this.#restock(t)],
      [10, (t) => this.#stats(t)],
      [5, (t) => this.#reports(t)],
    ];
    const total = actions.reduce((sum, [weight]) => sum + weight, 0);
    while (!this.#stopped) {
      await this.#fresh(session);
      await weighted(actions, total)(session);
      await sleep(between(50, 200));
    }
  }

  async #someOrder(t: Session, status: string): Promise<string | undefined> {
    const list = await this.#send("staff-orders", "GET", `/admin/orders?status=${status}&limit=10`, {
      session: t,
      expected: [200],
    });
    const items = list.body?.items ?? [];
    return items.length > 0 ? pick(items as { id: string }[]).id : undefined;
  }

  async #advance(t: Session) {
    const [from, to] = pick([
      ["paid", "processing"],
      ["processing", "shipped"],
      ["shipped", "delivered"],
    ] as const);
    const id = await this.#someOrder(t, from);
    if (!id) return;
    const answer = await this.#send("staff-move", "POST", `/admin/orders/${id}/status`, {
      session: t,
      body: { status: to },
      expected: [200, "409 invalid_transition"],
    });
    if (answer.status === 200) this.counts.staffMoves += 1;
    if (Math.random() < 0.3)
      await this.#send("staff-order", "GET", `/admin/orders/${id}`, { session: t, expected: [200] });
  }

  async #refund(t: Session) {
    const id = await this.#someOrder(t, pick(["paid", "processing"]));
    if (!id) return;
    const answer = await this.#send("staff-refund", "POST", `/admin/orders/${id}/refund`, {
      session: t,
      expected: [200, "409 invalid_transition"],
    });
    if (answer.status === 200) this.counts.refunds += 1;
  }

  async #cancelPending(t: Session) {
    const id = await this.#someOrder(t, "pending_payment");
    if (!id) return;
    await this.#send("staff-cancel", "POST", `/admin/orders/${id}/cancel`, {
      session: t,
      body: { note: "canceled by the soak's staff" },
      expected: [200, "409 invalid_transition"],
    });
  }

  async #restock(t: Session) {
    const variant = pick(this.#shop.variants);
    const answer = await this.#send(
      "staff-stock",
      "PATCH",
      `/admin/products/${variant.productId}/variants/${variant.variantId}`,
      {
        session: t,
        // Down as well as up: carts then hold more than the stock, which checkout must refuse.
        body: { stockQty: between(0, 40), stockReason: "soak: stock count" },
        expected: [200],
      },
    );
    if (answer.status === 200) this.counts.stockChanges += 1;
  }

  async #stats(t: Session) {
    await this.#send("staff-stats", "GET", "/admin/stats", { session: t, expected: [200] });
  }

  async #reports(t: Session) {
    const path = pick(["/admin/reports/low-stock", "/admin/reports/stock-left", "/admin/reports/orders-by-status"]);
    await this.#send("staff-report", "GET", path, { session: t, expected: [200] });
  }
}
