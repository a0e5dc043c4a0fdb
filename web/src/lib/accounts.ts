import type { User } from "../../../worker/schemas/auth.ts";
import { request } from "./http.ts";

const post = (path: string, body: unknown) => request(path, { method: "POST", body: JSON.stringify(body) });

export const register = (username: string, password: string) =>
  request<{ user: User }>("/auth/register", { method: "POST", body: JSON.stringify({ username, password }) });
export const requestCode = (username: string, purpose: "verify" | "reset" | "login") =>
  post("/auth/otp", { username, purpose });
export const forgotPassword = (username: string) => post("/auth/password/forgot", { username });
export const resetPassword = (username: string, code: string, password: string) =>
  post("/auth/password/reset", { username, code, password });
