import { z } from "@hono/zod-openapi";
import { userRole, users } from "../../db/schema.ts";
import { createSelectSchema } from "./tables.ts";

export const roles = userRole.enumValues;
export const otpPurposes = ["verify", "reset", "login"] as const;

const username = z
  .string()
  .min(3)
  .max(254)
  .openapi({ description: "An email address or a phone number", example: "shopper@royal.shop" });
const password = z.string().min(8).max(128).openapi({ example: "correct horse battery staple" });
const code = z
  .string()
  .regex(/^\d{6}$/, "a 6-digit code")
  .openapi({ example: "123456" });

/** What others see of a customer on reviews and comments: never an email address or a phone number. */
export const displayName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine(
    (name) => !/\S@\S/.test(name) && (name.match(/\d/g)?.length ?? 0) < 7,
    "a display name cannot be an email address or a phone number",
  )
  .openapi({ example: "Grace H." });

export const userSchema = createSelectSchema(users)
  .pick({
    id: true,
    username: true,
    email: true,
    phone: true,
    isEmailVerified: true,
    isPhoneVerified: true,
    role: true,
    displayName: true,
  })
  .openapi("User");

export const profileBody = z.object({
  displayName: displayName.nullable().openapi({ description: "1–40 characters; null for the neutral fallback" }),
});

export const sessionSchema = z
  .object({ accessToken: z.string(), refreshToken: z.string(), user: userSchema })
  .openapi("Session");

export const registeredSchema = z.object({ user: userSchema }).openapi("Registered");

export const registerBody = z.object({ username, password });
export const otpRequestBody = z.object({ username, purpose: z.enum(otpPurposes) });
export const verifyBody = z.object({
  username,
  code,
  password: password.optional().openapi({
    description:
      "The password to set on the account's first verification (else the one it was registered with, if this code was sent by the registration)",
  }),
});
export const codeLoginBody = z.object({ username, code });
export const loginBody = z.object({ username, password: z.string().min(1).max(128) });
export const refreshBody = z.object({
  refreshToken: z.string().min(1).max(200).optional().openapi({ description: "Or the refresh cookie, in browsers" }),
});
export const forgotBody = z.object({ username });
export const resetBody = z.object({ username, code, password });

export type User = z.infer<typeof userSchema>;
export type Session = z.infer<typeof sessionSchema>;

/** A JSON Web Key Set: ES256 public keys with their `kid`. */
export const jwksSchema = z
  .object({ keys: z.array(z.object({ kid: z.string().optional() }).catchall(z.unknown())) })
  .openapi("Jwks");
