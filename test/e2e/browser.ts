import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { chromiumPath } from "../../local/chromium.ts";

/** The browser tests' building blocks: Chromium, the shop's API as a client, and checks made on a page. */

const axeSource: string = createRequire(import.meta.url)("axe-core").source;

/** Debian's Chromium, headless, with nothing of its own going to the network. */
export const chromiumOptions = () => ({
  executablePath: chromiumPath(),
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumOptions());
}

/**
 * The shop's API for one test file. Rate limits count per address, so each file's calls come from
 * an address of its own (`address`; give it to a browser context's headers to count its pages too).
 */
export function shopApi(shopUrl: string) {
  const octet = () => Math.floor(Math.random() * 250);
  const address = `10.${octet()}.${octet()}.${octet()}`;
  async function call<T = any>(
    path: string,
    init: { method?: string; token?: string; json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${shopUrl}/api/v1${path}`, {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers: {
        "cf-connecting-ip": address,
        ...(init.json === undefined ? {} : { "content-type": "application/json" }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  async function token(username: string, password: string): Promise<string> {
    const { status, body } = await call("/auth/login", { json: { username, password } });
    expect(status).toBe(200);
    return body.accessToken;
  }
  /** The newest code the development outbox holds for a username, once it arrived (codes go out after the answer). */
  async function codeSent(username: string, purpose: "verify" | "reset" | "login"): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { body } = await call(`/dev/outbox?to=${encodeURIComponent(username)}`);
      const item = body.items.find((i: { purpose: string }) => i.purpose === purpose);
      if (item) return item.code;
      if (Date.now() > deadline) throw new Error(`no ${purpose} code for ${username}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { address, call, token, codeSent };
}

/** Serious or critical accessibility violations axe-core finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: any[] }> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id} (${v.nodes.map((n: any) => n.target.join(" ")).join(", ")})`);
  });
}

/** What the page's own Content-Security-Policy (as served) refuses, collected from the moment it loads. */
export async function cspRefusals(page: Page): Promise<string[]> {
  const refused: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => refused.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  return refused;
}

/** How far the page reaches past the viewport's right edge (0: no sideways scrolling). */
export const overflow = (page: Page) =>
  page.evaluate(() => ({
    page: document.documentElement.scrollWidth - innerWidth,
    wide: [...document.body.querySelectorAll<HTMLElement>("*")]
      .filter((el) => !el.closest(".visually-hidden, thead") && el.getBoundingClientRect().right > innerWidth + 1)
      .slice(0, 3)
      .map((el) => el.outerHTML.slice(0, 80)),
  }));

/** Goes to an address inside the app as its own links do (no reload: the session and axe stay loaded). */
export async function visit(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState(null, "", to);
    dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}
