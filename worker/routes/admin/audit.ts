import { createRouter } from "../../lib/create-router.ts";
import { errorResponses, jsonContent } from "../../lib/openapi.ts";
import { route } from "../../middleware/access.ts";
import { auditListSchema, auditQuery } from "../../schemas/audit.ts";
import { auditLog } from "../../services/audit.service.ts";

export const adminAuditRouter = createRouter().openapi(
  route("admin", {
    method: "get",
    path: "/admin/audit",
    tags: ["Admin: audit"],
    summary: "Who changed what and when, by actor, entity and time, newest first",
    request: { query: auditQuery },
    responses: { 200: jsonContent(auditListSchema, "Audit log"), ...errorResponses },
  }),
  async (c) => c.json(await auditLog(c.get("ctx"), c.req.valid("query")), 200),
);
