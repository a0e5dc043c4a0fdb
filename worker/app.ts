import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { apiDocsPage } from "./lib/api-docs.ts";
import { createRouter } from "./lib/create-router.ts";
import { errorBody, renderError } from "./lib/errors.ts";
import { context } from "./middleware/context.ts";
import { addressesRouter } from "./routes/addresses.ts";
import { adminAuditRouter } from "./routes/admin/audit.ts";
import { adminCouponsRouter } from "./routes/admin/coupons.ts";
import { adminModerationRouter } from "./routes/admin/moderation.ts";
import { adminOrdersRouter } from "./routes/admin/orders.ts";
import { adminPriceSchedulesRouter } from "./routes/admin/price-schedules.ts";
import { adminProductsRouter } from "./routes/admin/products.ts";
import { adminPromotionsRouter } from "./routes/admin/promotions.ts";
import { adminReportsRouter } from "./routes/admin/reports.ts";
import { adminShippingRouter } from "./routes/admin/shipping.ts";
import { adminStatsRouter } from "./routes/admin/stats.ts";
import { adminTaxesRouter } from "./routes/admin/taxes.ts";
import { adminTaxonomyRouter } from "./routes/admin/taxonomy.ts";
import { adminUsersRouter } from "./routes/admin/users.ts";
import { authRouter } from "./routes/auth.ts";
import { cartRouter } from "./routes/cart.ts";
import { catalogRouter } from "./routes/catalog.ts";
import { couponsRouter } from "./routes/coupons.ts";
import { devRouter } from "./routes/dev.ts";
import { geoRouter } from "./routes/geo.ts";
import { guestRouter } from "./routes/guest.ts";
import { healthRouter } from "./routes/health.ts";
import { imagesRouter } from "./routes/images.ts";
import { meRouter } from "./routes/me.ts";
import { ordersRouter } from "./routes/orders.ts";
import { paymentsRouter } from "./routes/payments.ts";
import { realtimeRouter } from "./routes/realtime.ts";
import { reviewsRouter } from "./routes/reviews.ts";
import { wishlistRouter } from "./routes/wishlist.ts";

export const apiBase = "/api/v1";
/** The whole API's type: the typed web client (`hc<AppType>`) follows its routes. */
export type AppType = ReturnType<typeof createApp>;

/** The API. Every route declares who may call it beside its definition (see middleware/access.ts). */
export function createApp() {
  const api = createRouter();

  api.use("*", requestId());
  api.use("*", secureHeaders());
  api.use("*", (c, next) => {
    const origin = c.env.WEB_ORIGIN;
    if (!origin) return next();
    return cors({ origin, credentials: true, maxAge: 600 })(c, next);
  });
  api.use("*", context);
  // Lets the sandbox bank deliver its callback through the shop's own router, as a real gateway would over HTTP.
  api.use("*", async (c, next) => {
    c.set("deliver", async (request: Request) => app.fetch(request, c.env, c.executionCtx));
    await next();
  });

  const routes = api
    .route("/", healthRouter)
    .route("/", geoRouter)
    .route("/", catalogRouter)
    .route("/", reviewsRouter)
    .route("/", wishlistRouter)
    .route("/", authRouter)
    .route("/", meRouter)
    .route("/", addressesRouter)
    .route("/", devRouter)
    .route("/", cartRouter)
    .route("/", couponsRouter)
    .route("/", ordersRouter)
    .route("/", guestRouter)
    .route("/", paymentsRouter)
    .route("/", realtimeRouter)
    .route("/", imagesRouter)
    .route("/", adminUsersRouter)
    .route("/", adminCouponsRouter)
    .route("/", adminOrdersRouter)
    .route("/", adminStatsRouter)
    .route("/", adminProductsRouter)
    .route("/", adminPriceSchedulesRouter)
    .route("/", adminTaxonomyRouter)
    .route("/", adminReportsRouter)
    .route("/", adminAuditRouter)
    .route("/", adminShippingRouter)
    .route("/", adminTaxesRouter)
    .route("/", adminPromotionsRouter)
    // Last: its `/admin/{kind}/{id}` would take the PATCH and DELETE of any route of that shape after it.
    .route("/", adminModerationRouter);

  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Royal Shop API",
      version: "1.0.0",
      description:
        "The API of Royal Shop. Money is in minor units of `currency`; errors are `{ error: { code, message, details? } }`. Each operation's `x-access` says who may call it: `public`, `signedIn`, `staff` or `admin`.",
      license: { name: "MIT", url: "https://opensource.org/license/mit" },
    },
    servers: [{ url: apiBase }],
  });
  api.get("/docs", apiDocsPage);

  api.notFound((c) => c.json(errorBody(c, "not_found", `No route for ${c.req.method} ${c.req.path}.`), 404));
  api.onError(renderError);

  const app = createRouter().route(apiBase, routes);
  app.notFound((c) => c.json(errorBody(c, "not_found", `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError(renderError);
  return app;
}
