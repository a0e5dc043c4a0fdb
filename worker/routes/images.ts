import { bodyLimit } from "hono/body-limit";
import { createRouter } from "../lib/create-router.ts";
import { errorBody, errorSchema } from "../lib/errors.ts";
import { errorResponses, jsonContent, notFound } from "../lib/openapi.ts";
import { actorOf, route } from "../middleware/access.ts";
import { imageFileParam, storedImageSchema } from "../schemas/images.ts";
import { maxImageBytes, readImage, storeImage } from "../services/images.service.ts";

const uploadLimit = bodyLimit({
  maxSize: maxImageBytes,
  onError: (c) => c.json(errorBody(c, "payload_too_large", "Images may be at most 5 MB."), 413),
});

export const imagesRouter = createRouter()
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/images",
      tags: ["Admin: catalog"],
      middleware: [uploadLimit],
      summary: "Uploads a product image (PNG, JPEG, GIF or WebP, at most 5 MB) to R2; the body is the image",
      responses: {
        201: jsonContent(storedImageSchema, "Stored"),
        413: jsonContent(errorSchema, "Larger than 5 MB"),
        415: jsonContent(errorSchema, "Not a supported image"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await storeImage(actorOf(c), bytes, c.req.header("content-type") ?? ""), 201);
    },
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/images/products/{file}",
      tags: ["Catalog"],
      summary: "A product image, cached for a year (its key never changes)",
      request: { params: imageFileParam },
      responses: {
        200: { content: { "image/*": { schema: { type: "string", format: "binary" } } }, description: "The image" },
        304: { description: "Not modified" },
        ...notFound,
        ...errorResponses,
      },
    }),
    async (c) => {
      const object = await readImage(c.get("ctx"), c.req.valid("param").file);
      if (c.req.header("if-none-match") === object.httpEtag) return c.body(null, 304);
      return c.body(object.body, 200, {
        "content-type": object.httpMetadata?.contentType ?? "application/octet-stream",
        "cache-control": "public, max-age=31536000, immutable",
        etag: object.httpEtag,
      });
    },
  );
