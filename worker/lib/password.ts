/**
 * Password hashing with WebCrypto PBKDF2-SHA256. Workers cap PBKDF2 at 100,000 iterations, so that
 * is the count; it is stored with the hash (`pbkdf2_sha256$iterations$salt$hash`) so it can be raised.
 */
export const PBKDF2_ITERATIONS = 100_000;
const algorithm = "pbkdf2_sha256";

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return [algorithm, iterations, toBase64(salt), toBase64(hash)].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [name, iterations, salt, hash] = stored.split("$");
  if (name !== algorithm || !iterations || !salt || !hash) return false;
  const expected = fromBase64(hash);
  const actual = await derive(password, fromBase64(salt), Number(iterations));
  return timingSafeEqual(actual, expected);
}

/** True when a stored hash was made with weaker parameters than today's, so it should be redone. */
export function needsRehash(stored: string): boolean {
  const [name, iterations] = stored.split("$");
  return name !== algorithm || Number(iterations) < PBKDF2_ITERATIONS;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
