import { z } from "@hono/zod-openapi";
import type { JsonSchema } from "./arbitraries.ts";

/** One operation of the OpenAPI document, with the zod schemas it was declared with. */
export interface Operation {
  /** `POST /api/v1/checkout`. */
  key: string;
  method: string;
  /** `/api/v1/orders/{id}/payment`. */
  path: string;
  secured: boolean;
  /**
   * Who may call it, from the route's `x-access` (`public`, `signedIn`, `staff`, `admin`); without
   * one, `signedIn` when it declares a security requirement.
   */
  access: string;
  params?: JsonSchema;
  query?: JsonSchema;
  headers?: JsonSchema;
  body?: { required: boolean; contentTypes: string[]; json?: JsonSchema };
  responses: Map<number, { description: string; json?: z.ZodType; contentTypes: string[] }>;
}

type RouteDefinition = {
  type: string;
  route?: {
    method: string;
    path: string;
    security?: unknown[];
    "x-access"?: string;
    request?: {
      params?: z.ZodType;
      query?: z.ZodType;
      headers?: z.ZodType | z.ZodType[];
      body?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
    };
    responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  };
};

const isZod = (value: unknown): value is z.ZodType =>
  !!value && typeof value === "object" && typeof (value as z.ZodType).safeParse === "function";

/** The JSON Schema of what a request part accepts, as zod writes it (transforms and refinements left out). */
export function inputSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any", cycles: "ref", reused: "inline" });
}

/** Every operation that a router registered with `.openapi()`, from its registry (new routes included). */
export function operationsOf(app: { openAPIRegistry: { definitions: unknown[] } }): Operation[] {
  const operations: Operation[] = [];
  for (const definition of app.openAPIRegistry.definitions as RouteDefinition[]) {
    if (definition.type !== "route" || !definition.route) continue;
    const route = definition.route;
    const request = route.request ?? {};
    const headers = Array.isArray(request.headers)
      ? z.object(Object.assign({}, ...request.headers.map((h) => (h as z.ZodObject).shape)))
      : request.headers;
    const content = request.body?.content ?? {};
    const jsonType = Object.keys(content).find((type) => /json/i.test(type));
    const jsonSchema = jsonType ? content[jsonType]?.schema : undefined;
    const secured = Array.isArray(route.security) && route.security.length > 0;
    const responses: Operation["responses"] = new Map();
    for (const [status, response] of Object.entries(route.responses)) {
      const types = Object.keys(response.content ?? {});
      const json = types.find((type) => /json/i.test(type));
      const schema = json ? response.content?.[json]?.schema : undefined;
      responses.set(Number(status), {
        description: response.description ?? "",
        contentTypes: types,
        json: isZod(schema) ? schema : undefined,
      });
    }
    operations.push({
      key: `${route.method.toUpperCase()} ${route.path}`,
      method: route.method.toUpperCase(),
      path: route.path,
      secured,
      access: route["x-access"] ?? (secured ? "signedIn" : "public"),
      params: isZod(request.params) ? inputSchema(request.params) : undefined,
      query: isZod(request.query) ? inputSchema(request.query) : undefined,
      headers: isZod(headers) ? inputSchema(headers) : undefined,
      body: request.body
        ? {
            required: request.body.required ?? false,
            contentTypes: Object.keys(content),
            json: isZod(jsonSchema) ? inputSchema(jsonSchema) : undefined,
          }
        : undefined,
      responses,
    });
  }
  return operations;
}

/** The list or object an operation's path names: `product` for /admin/products/{id}/…, before the param. */
export function entityBefore(path: string, param: string): string {
  const segments = path.split("/");
  const at = segments.indexOf(`{${param}}`);
  for (let i = (at < 0 ? segments.length : at) - 1; i >= 0; i--) {
    const segment = segments[i];
    if (segment && !segment.startsWith("{") && segment !== "api" && segment !== "v1") {
      return segment.replace(/ies$/, "y").replace(/s$/, "");
    }
  }
  return "";
}

/** The entity an operation answers about: the last named segment of its path. */
export const entityOf = (path: string) => entityBefore(path, "");
