import { Scalar } from "@scalar/hono-api-reference";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { createRouter } from "./lib/create-router.ts";
import { errorBody, renderError } from "./lib/errors.ts";
import { requireAdmin, requireAuth, requireStaff } from "./middleware/auth.ts";
import { catalogCache } from "./middleware/catalog-cache.ts";
import { services } from "./middleware/services.ts";
import { adminCouponsRouter } from "./routes/admin/coupons.ts";
import { adminModerationRouter } from "./routes/admin/moderation.ts";
import { adminOrdersRouter } from "./routes/admin/orders.ts";
import { adminProductsRouter } from "./routes/admin/products.ts";
import { adminReportsRouter } from "./routes/admin/reports.ts";
import { adminBrandsRouter, adminCategoriesRouter } from "./routes/admin/taxonomy.ts";
import { adminUsersRouter } from "./routes/admin/users.ts";
import { authRouter } from "./routes/auth.ts";
import { cartRouter } from "./routes/cart.ts";
import { catalogRouter } from "./routes/catalog.ts";
import { clubRouter } from "./routes/club.ts";
import { couponsRouter } from "./routes/coupons.ts";
import { devRouter } from "./routes/dev.ts";
import { healthRouter } from "./routes/health.ts";
import { imagesRouter } from "./routes/images.ts";
import { meRouter } from "./routes/me.ts";
import { ordersRouter } from "./routes/orders.ts";
import { paymentsRouter } from "./routes/payments.ts";
import { realtimeRouter, statsRouter } from "./routes/realtime.ts";

export const apiBase = "/api/v1";
const maxJsonBodyBytes = 64 * 1024;

/** The whole API's type: the typed web client (`hc<AppType>`) follows its routes. */
export type AppType = ReturnType<typeof createApp>;

export function createApp() {
  const api = createRouter();

  api.use("*", requestId());
  api.use("*", secureHeaders());
  api.use("*", (c, next) => {
    const origin = c.env.WEB_ORIGIN;
    if (!origin) return next();
    return cors({ origin, credentials: true, maxAge: 600 })(c, next);
  });
  const jsonLimit = bodyLimit({
    maxSize: maxJsonBodyBytes,
    onError: (c) =>
      c.json(errorBody(c, "payload_too_large", `The body is larger than ${maxJsonBodyBytes} bytes.`), 413),
  });
  // Image uploads have their own, larger limit on their route.
  api.use("*", (c, next) => (c.req.path.endsWith("/admin/images") ? next() : jsonLimit(c, next)));
  api.use("*", services);
  // Lets the sandbox bank deliver its callback through the shop's own router, as a real gateway would over HTTP.
  api.use("*", async (c, next) => {
    c.set("deliver", async (request: Request) => app.fetch(request, c.env, c.executionCtx));
    await next();
  });

  // Authentication and role checks run before validation, so a caller without access learns nothing.
  const signedIn = [
    "/cart",
    "/cart/*",
    "/coupons",
    "/coupons/*",
    "/checkout",
    "/orders",
    "/orders/*",
    "/realtime/*",
    "/wishlist",
    "/wishlist/*",
  ];
  for (const path of signedIn) api.use(path, requireAuth);
  for (const path of ["/products", "/products/*", "/categories", "/brands"]) api.use(path, catalogCache);
  // The upload route checks access itself, before its body limit.
  api.use("/admin/*", (c, next) => (c.req.path.endsWith("/admin/images") ? next() : requireAuth(c, next)));
  api.use("/admin/*", (c, next) => (c.req.path.endsWith("/admin/images") ? next() : requireStaff(c, next)));
  for (const path of ["/admin/users", "/admin/users/*"]) api.use(path, requireAdmin);

  const routes = api
    .route("/", healthRouter)
    .route("/", catalogRouter)
    .route("/", clubRouter)
    .route("/", authRouter)
    .route("/", meRouter)
    .route("/", devRouter)
    .route("/cart", cartRouter)
    .route("/coupons", couponsRouter)
    .route("/", ordersRouter)
    .route("/", paymentsRouter)
    .route("/admin/users", adminUsersRouter)
    .route("/admin/coupons", adminCouponsRouter)
    .route("/admin/orders", adminOrdersRouter)
    .route("/admin/stats", statsRouter)
    .route("/admin/products", adminProductsRouter)
    .route("/admin/categories", adminCategoriesRouter)
    .route("/admin/brands", adminBrandsRouter)
    .route("/admin/reports", adminReportsRouter)
    .route("/admin", adminModerationRouter)
    .route("/", imagesRouter)
    .route("/realtime", realtimeRouter);

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
        "The API of Royal Shop. Money is in minor units of `currency`; errors are `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: apiBase }],
  });
  api.get("/docs", Scalar({ url: `${apiBase}/openapi.json`, pageTitle: "Royal Shop API" }));

  api.notFound((c) => c.json(errorBody(c, "not_found", `No route for ${c.req.method} ${c.req.path}.`), 404));
  api.onError(renderError);

  const app = createRouter().route(apiBase, routes);
  app.notFound((c) => c.json(errorBody(c, "not_found", `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError(renderError);
  return app;
}
