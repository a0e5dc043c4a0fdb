import { createSignal } from "solid-js";
import { type Answer, type ApiClient, ApiError, createClient, publicApi, read } from "./http.ts";

export type User = Answer<typeof publicApi.me.$get>;
type Session = Answer<typeof publicApi.auth.login.$post>;

/**
 * The signed-in user. The access token lives only in memory; the refresh token lives in an
 * httpOnly cookie the API sets, so a reload restores the session with one refresh call.
 */
const [user, setUser] = createSignal<User | null>(null);
const [ready, setReady] = createSignal(false);
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;

export { ready, user };

/**
 * Whether this browser signed in and has not signed out since: only then can the (httpOnly) refresh
 * cookie be there, so a visitor who never signed in is spared a refresh call answered 401.
 */
const hintKey = "royal-shop:signed-in";
const storage = () => (typeof localStorage === "undefined" ? null : localStorage);
const setHint = (signedIn: boolean) => {
  if (signedIn) storage()?.setItem(hintKey, "1");
  else storage()?.removeItem(hintKey);
};

function adopt(session: Session) {
  accessToken = session.accessToken;
  setUser(session.user);
  setHint(true);
}

function forget() {
  accessToken = null;
  setUser(null);
  setHint(false);
}

/** On start: the session back from the refresh cookie if this browser has one, else signed out at once. */
export function restoreSession(): Promise<boolean> {
  if (storage()?.getItem(hintKey) === "1") return refreshSession();
  setReady(true);
  return Promise.resolve(false);
}

/** Exchanges the refresh cookie for a new access token; concurrent callers share one exchange. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= read(publicApi.auth.refresh.$post({ json: {} }, { init: { credentials: "same-origin" } }))
    .then((session) => {
      adopt(session);
      return true;
    })
    .catch((error) => {
      // Refused: the cookie is gone or dead. Anything else (offline, a 503) may pass: try again next time.
      if (error instanceof ApiError && error.status === 401) forget();
      else {
        accessToken = null;
        setUser(null);
      }
      return false;
    })
    .finally(() => {
      refreshing = null;
      setReady(true);
    });
  return refreshing;
}

/** A fetch as the signed-in user; an expired access token is renewed once, transparently. */
async function signedInFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const attempt = () => {
    const headers = new Headers(init?.headers);
    if (accessToken) headers.set("authorization", `Bearer ${accessToken}`);
    return fetch(input, { ...init, headers });
  };
  const response = await attempt();
  if (response.status === 401 && (await refreshSession())) return attempt();
  return response;
}

/** The typed client as the signed-in user. */
export const api: ApiClient = createClient(signedInFetch);

export async function signIn(username: string, password: string) {
  adopt(await read(publicApi.auth.login.$post({ json: { username, password } })));
}

/** Verifies a new account with its code, setting the password chosen at sign-up (the owner's, whoever registered first). */
export async function verifyAccount(username: string, code: string, password?: string) {
  adopt(await read(publicApi.auth.verify.$post({ json: { username, code, password } })));
}

export async function signInWithCode(username: string, code: string) {
  adopt(await read(publicApi.auth.login.otp.$post({ json: { username, code } })));
}

export async function signOut() {
  await read(publicApi.auth.logout.$post({ json: {} })).catch(() => undefined);
  forget();
}

/** Ends every session of mine, on every device: the API refuses all my tokens from now on. */
export async function signOutEverywhere() {
  await read(api.auth["logout-all"].$post());
  forget();
}

/** Sets the name shown on my reviews and comments (null for the neutral one). */
export async function setDisplayName(displayName: string | null) {
  setUser(await read(api.me.$patch({ json: { displayName } })));
}

export { ApiError };
