import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { createRouter } from "../../lib/create-router.ts";
import { AppError } from "../../lib/errors.ts";
import {
  staffOnly as denied,
  errorResponses,
  jsonContent,
  notFoundResponse,
  bearer as security,
} from "../../lib/openapi.ts";
import { currentUser } from "../../middleware/auth.ts";
import { recordAudit } from "../../repositories/audit.repository.ts";
import { bumpCatalogVersion } from "../../services/admin-catalog.service.ts";

const idParam = z.object({ id: z.uuid() });
const approvedQuery = z.object({
  approved: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const approveBody = {
  body: { required: true, content: { "application/json": { schema: z.object({ approved: z.boolean() }) } } },
};
const entry = z.object({
  id: z.string(),
  productId: z.string().nullable(),
  author: z.string(),
  text: z.string().nullable(),
  approved: z.boolean(),
  at: z.string(),
  kind: z.string().optional(),
  vote: z.number().int().optional(),
});

/** Comments and rating texts awaiting (or past) moderation; mounted under /admin behind requireStaff. */
export const adminModerationRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/comments",
      tags: ["Admin: moderation"],
      security,
      summary: "Comments, by approval",
      request: { query: approvedQuery },
      responses: { 200: jsonContent(z.object({ items: z.array(entry) }), "Comments"), ...denied, ...errorResponses },
    }),
    async (c) => {
      const { approved, limit } = c.req.valid("query");
      const filter = approved === undefined ? sql`true` : sql`c.is_approved = ${approved}`;
      const result = await c.get("services").db.execute<z.infer<typeof entry>>(sql`
        SELECT c.id, c.product_id AS "productId", u.username AS author, c.body AS text, c.kind, c.is_approved AS approved,
          to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM comments c JOIN users u ON u.id = c.user_id WHERE ${filter} ORDER BY c.created_at DESC LIMIT ${limit}`);
      return c.json({ items: result.rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ratings",
      tags: ["Admin: moderation"],
      security,
      summary: "Rating texts, by approval",
      request: { query: approvedQuery },
      responses: { 200: jsonContent(z.object({ items: z.array(entry) }), "Ratings"), ...denied, ...errorResponses },
    }),
    async (c) => {
      const { approved, limit } = c.req.valid("query");
      const filter = approved === undefined ? sql`true` : sql`r.is_approved = ${approved}`;
      const result = await c.get("services").db.execute<z.infer<typeof entry>>(sql`
        SELECT r.id, r.product_id AS "productId", u.username AS author, r.text, r.vote, r.is_approved AS approved,
          to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM ratings r JOIN users u ON u.id = r.user_id WHERE r.text IS NOT NULL AND ${filter} ORDER BY r.updated_at DESC LIMIT ${limit}`);
      return c.json({ items: result.rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{kind}/{id}",
      tags: ["Admin: moderation"],
      security,
      summary: "Approves or hides a comment or a rating text",
      request: { params: idParam.extend({ kind: z.enum(["comments", "ratings"]) }), ...approveBody },
      responses: {
        200: jsonContent(z.object({ id: z.string(), approved: z.boolean() }), "Moderated"),
        ...notFoundResponse,
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { kind, id } = c.req.valid("param");
      const { approved } = c.req.valid("json");
      const { db, redis } = c.get("services");
      const table = kind === "comments" ? sql`comments` : sql`ratings`;
      await db.transaction(async (tx) => {
        const result = await tx.execute<{ before: boolean }>(sql`
          UPDATE ${table} t SET is_approved = ${approved} FROM (SELECT id, is_approved AS before FROM ${table} WHERE id = ${id} FOR UPDATE) old
          WHERE t.id = old.id RETURNING old.before`);
        if (result.rows.length === 0)
          throw new AppError("not_found", `No such ${kind === "comments" ? "comment" : "rating"}.`);
        await recordAudit(tx, {
          actorId: currentUser(c).id,
          action: `${kind}.moderate`,
          entity: kind,
          entityId: id,
          before: { approved: result.rows[0].before },
          after: { approved },
        });
      });
      await bumpCatalogVersion(redis);
      return c.json({ id, approved }, 200);
    },
  );
