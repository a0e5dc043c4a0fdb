import { createSignal } from "solid-js";
import type { Session, User } from "../../../worker/schemas/auth.ts";
import { ApiError, request } from "./http.ts";

export type { User };

/**
 * The signed-in user. The access token lives only in memory; the refresh token lives in an
 * httpOnly cookie the API sets, so a reload restores the session with one refresh call.
 */
const [user, setUser] = createSignal<User | null>(null);
const [ready, setReady] = createSignal(false);
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;

export { ready, user };

function adopt(session: Session) {
  accessToken = session.accessToken;
  setUser(session.user);
}

/** Exchanges the refresh cookie for a new access token; concurrent callers share one exchange. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= request<Session>("/auth/refresh", { method: "POST", body: "{}", credentials: "same-origin" })
    .then((session) => {
      adopt(session);
      return true;
    })
    .catch(() => {
      accessToken = null;
      setUser(null);
      return false;
    })
    .finally(() => {
      refreshing = null;
      setReady(true);
    });
  return refreshing;
}

/** An API call as the signed-in user; an expired access token is renewed once, transparently. */
export async function authed<T>(path: string, init: RequestInit = {}): Promise<T> {
  const attempt = () => {
    const headers = new Headers(init.headers);
    if (accessToken) headers.set("authorization", `Bearer ${accessToken}`);
    return request<T>(path, { ...init, headers });
  };
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && (await refreshSession())) return attempt();
    throw error;
  }
}

export async function signIn(username: string, password: string) {
  adopt(await request<Session>("/auth/login", { method: "POST", body: JSON.stringify({ username, password }) }));
}

export async function verifyAccount(username: string, code: string) {
  adopt(await request<Session>("/auth/verify", { method: "POST", body: JSON.stringify({ username, code }) }));
}

export async function signInWithCode(username: string, code: string) {
  adopt(await request<Session>("/auth/login/otp", { method: "POST", body: JSON.stringify({ username, code }) }));
}

export async function signOut() {
  await request("/auth/logout", { method: "POST", body: "{}" }).catch(() => undefined);
  accessToken = null;
  setUser(null);
}

/** Ends every session of mine, on every device: the API refuses all my tokens from now on. */
export async function signOutEverywhere() {
  await authed("/auth/logout-all", { method: "POST" });
  accessToken = null;
  setUser(null);
}

/** Sets the name shown on my reviews and comments (null for the neutral one). */
export async function setDisplayName(displayName: string | null) {
  setUser(await authed<User>("/me", { method: "PATCH", body: JSON.stringify({ displayName }) }));
}
