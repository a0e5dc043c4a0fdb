import { stdin, stdout } from "node:process";
import { createInterface } from "node:readline";
import pg from "pg";
import { parseUsername } from "../worker/lib/parse-username.ts";
import { hashPassword } from "../worker/lib/password.ts";

/**
 * `npm run admin:create -- <email or phone>`: makes the first admin of a deployed shop (or any admin),
 * against `DATABASE_URL`. A new account is created verified; an existing one is promoted. Either way
 * the password is set anew (asked twice without echo, or read from `ROYAL_ADMIN_PASSWORD` for
 * automation), checked like a registration's, every session of the account ends, and the change is
 * written to the audit log.
 */

/** Registration's rule for passwords (worker/schemas/auth.ts). */
const passwordRule = { min: 8, max: 128 };

export interface AdminAccount {
  id: string;
  username: string;
  created: boolean;
}

export async function createAdmin(
  databaseUrl: string,
  input: { username: string; password: string; phoneRegion?: string },
): Promise<AdminAccount> {
  const username = parseUsername(input.username, input.phoneRegion ?? "US");
  if (!username) throw new Error("The username must be an email address or a phone number.");
  if (input.password.length < passwordRule.min || input.password.length > passwordRule.max) {
    throw new Error(`The password must be ${passwordRule.min} to ${passwordRule.max} characters.`);
  }
  const passwordHash = await hashPassword(input.password);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const before = await client.query<{ id: string; role: string; is_active: boolean }>(
      "SELECT id, role, is_active FROM users WHERE username = $1 FOR UPDATE",
      [username.value],
    );
    const email = username.channel === "email" ? username.value : null;
    const phone = username.channel === "sms" ? username.value : null;
    const written = await client.query<{ id: string }>(
      `INSERT INTO users (username, email, phone, password_hash, role, is_email_verified, is_phone_verified)
       VALUES ($1, $2, $3, $4, 'admin', $2::text IS NOT NULL, $3::text IS NOT NULL)
       ON CONFLICT (username) DO UPDATE SET role = 'admin', is_active = true, password_hash = EXCLUDED.password_hash,
         is_email_verified = users.is_email_verified OR EXCLUDED.is_email_verified,
         is_phone_verified = users.is_phone_verified OR EXCLUDED.is_phone_verified,
         session_epoch = users.session_epoch + 1, updated_at = now()
       RETURNING id`,
      [username.value, email, phone, passwordHash],
    );
    const id = written.rows[0].id;
    const existing = before.rows[0];
    // A new password and role: the account's earlier sessions end, as after a reset.
    if (existing)
      await client.query("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", [
        id,
      ]);
    await client.query(
      `INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after) VALUES (NULL, $1, 'user', $2, $3, $4)`,
      [
        existing ? "user.promote" : "user.create",
        id,
        existing ? JSON.stringify({ role: existing.role, active: existing.is_active }) : null,
        JSON.stringify({ username: username.value, role: "admin", active: true, by: "npm run admin:create" }),
      ],
    );
    await client.query("COMMIT");
    return { id, username: username.value, created: !existing };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Reads a line from the terminal without showing what is typed. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const terminal = createInterface({ input: stdin, output: stdout, terminal: true });
    const write = (terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput;
    (terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
      // The prompt shows; what is typed does not.
      if (text.startsWith(question)) write.call(terminal, question);
    };
    terminal.question(question, (answer) => {
      terminal.close();
      stdout.write("\n");
      resolve(answer);
    });
    terminal.on("SIGINT", () => {
      terminal.close();
      reject(new Error("canceled"));
    });
  });
}

async function passwordFromOperator(): Promise<string> {
  const given = process.env.ROYAL_ADMIN_PASSWORD;
  if (given !== undefined) return given;
  if (!stdin.isTTY) throw new Error("No terminal to ask for the password: set ROYAL_ADMIN_PASSWORD.");
  const password = await askHidden("Password for the admin: ");
  if ((await askHidden("Same password again: ")) !== password) throw new Error("The two passwords differ.");
  return password;
}

if (import.meta.main) {
  const username = process.argv[2] ?? process.env.ROYAL_ADMIN_USERNAME;
  if (!username) {
    console.error("Usage: npm run admin:create -- <email or phone>   (DATABASE_URL names the shop's database)");
    process.exit(2);
  }
  try {
    const { devDatabaseUrl } = await import("../local/config.ts");
    const databaseUrl = process.env.DATABASE_URL ?? devDatabaseUrl;
    const account = await createAdmin(databaseUrl, {
      username,
      password: await passwordFromOperator(),
      phoneRegion: process.env.DEFAULT_PHONE_REGION,
    });
    console.log(
      `${account.created ? "Created" : "Promoted"} admin ${account.username} (${account.id}) on ${new URL(databaseUrl).host}.`,
    );
  } catch (error) {
    console.error(`Not done: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
