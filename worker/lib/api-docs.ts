import type { Context } from "hono";

/**
 * Who may run what on the docs page: its scripts and styles come from the shop's own files (the
 * pinned Swagger UI that the web build emits under /api-docs/), nothing from another origin, no
 * inline script and no eval; Swagger UI sets style attributes, hence the one inline allowance.
 */
export const apiDocsPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Royal Shop API</title>
    <link rel="stylesheet" href="/api-docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api-docs/swagger-ui-bundle.js"></script>
    <script src="/api-docs/init.js"></script>
  </body>
</html>
`;

/** The API reference: the OpenAPI document rendered by Swagger UI, under the policy above. */
export function apiDocsPage(c: Context) {
  c.header("Content-Security-Policy", apiDocsPolicy);
  c.header("Cache-Control", "no-cache");
  return c.html(page);
}
