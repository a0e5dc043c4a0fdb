import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { enforceLimit, type LimitName } from "../lib/rate-limit.ts";
import { actorOf, clientIp } from "./access.ts";

/** A route's limit per client address, declared beside the route (429 with Retry-After past it). */
export const limitedPerAddress = (name: LimitName) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await enforceLimit(c.get("ctx").redis, name, clientIp(c));
    await next();
  });

/** A route's limit per signed-in user, declared beside the route (it runs after the route's access check). */
export const limitedPerUser = (name: LimitName) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await enforceLimit(c.get("ctx").redis, name, actorOf(c).actor.id);
    await next();
  });
