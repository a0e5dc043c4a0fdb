import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export interface LocalSecrets {
  JWT_PRIVATE_JWK: string;
  JWT_KEY_ID: string;
  OTP_SECRET: string;
  SANDBOX_GATEWAY_SECRET: string;
}

const randomHex = (bytes: number) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** An ES256 key pair as a private JWK, the form the worker's JWT_PRIVATE_JWK secret takes. */
async function generateSigningJwk(): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  return JSON.stringify(await crypto.subtle.exportKey("jwk", pair.privateKey));
}

export async function generateSecrets(): Promise<LocalSecrets> {
  return {
    JWT_PRIVATE_JWK: await generateSigningJwk(),
    JWT_KEY_ID: `local-${randomHex(4)}`,
    OTP_SECRET: randomHex(32),
    SANDBOX_GATEWAY_SECRET: randomHex(32),
  };
}

/** Secrets of the local shop, made once and kept (git-ignored) so sessions survive restarts. */
export async function loadOrCreateSecrets(path: string): Promise<LocalSecrets> {
  // Secrets added by newer versions of the shop are filled in, existing ones kept.
  if (existsSync(path)) {
    const kept = JSON.parse(await readFile(path, "utf8")) as Partial<LocalSecrets>;
    const complete = { ...(await generateSecrets()), ...kept };
    if (Object.keys(kept).length < Object.keys(complete).length)
      await writeFile(path, JSON.stringify(complete, null, 2), { mode: 0o600 });
    return complete;
  }
  const secrets = await generateSecrets();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

if (import.meta.main) {
  for (const [name, value] of Object.entries(await generateSecrets())) console.log(`${name}='${value}'`);
}
