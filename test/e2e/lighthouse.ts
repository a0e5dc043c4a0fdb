import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { chromiumPath } from "../../local/chromium.ts";
import { devWorkerVars } from "../../local/config.ts";
import { logger } from "../../local/log.ts";
import { freePort } from "../../local/ports.ts";
import { stopService, waitForHttp } from "../../local/processes.ts";
import { generateSecrets } from "../../local/secrets.ts";
import { buildWeb } from "../../local/web.ts";
import { startWranglerDev } from "../../local/worker.ts";
import { startTestStack } from "../setup/test-stack.ts";

/**
 * `npm run lighthouse`: Lighthouse's mobile scores (its default: a mid-range phone, simulated slow 4G
 * and CPU) for the home page, a product page, the cart with a line in it and the admin dashboard,
 * measured in Debian's Chromium on a throwaway local shop (as the browser tests run it), or on a
 * running one with `--url http://localhost:8787`. Prints a table; the full reports are written to
 * test-results/lighthouse-<page>.html (git-ignored).
 */
const categories = ["performance", "accessibility", "best-practices", "seo"] as const;
const given = process.argv.indexOf("--url");
const log = logger("lighthouse");

async function ownShop(): Promise<{ url: string; stop: () => Promise<void> }> {
  const stack = await startTestStack();
  try {
    await buildWeb(logger("web"));
    const port = await freePort();
    const persistTo = join(tmpdir(), `royal-shop-lighthouse-${port}`);
    const worker = startWranglerDev({
      port,
      vars: { ...devWorkerVars, ...stack.bindings, ...(await generateSecrets()) },
      persistTo,
      log: { info: () => undefined, error: () => undefined } as unknown as ReturnType<typeof logger>,
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/api/v1/health`, 90_000);
    return {
      url,
      stop: async () => {
        await stopService(worker);
        await stack.stop();
        await rm(persistTo, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

async function main() {
  const shop = given > 0 ? { url: process.argv[given + 1], stop: async () => undefined } : await ownShop();
  const profile = await mkdtemp(join(tmpdir(), "royal-shop-lighthouse-chromium-"));
  const port = await freePort();
  // One browser, its default context shared with Lighthouse's tabs: the admin's sign-in (its refresh
  // cookie) and the guest cart (local storage) set here are there when Lighthouse loads the page.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [`--remote-debugging-port=${port}`, "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  const scores: Record<string, Record<string, number>> = {};
  try {
    const page = await context.newPage();
    const measure = async (name: string, path: string, keepStorage: boolean) => {
      log.info(`measuring ${name} (${path})`);
      const result = await lighthouse(
        `${shop.url}${path}`,
        {
          port,
          output: "html",
          logLevel: "error",
          onlyCategories: [...categories],
          disableStorageReset: keepStorage,
        },
        undefined,
      );
      if (!result) throw new Error(`Lighthouse measured nothing at ${path}`);
      await writeFile(`test-results/lighthouse-${name}.html`, String(result.report));
      scores[name] = Object.fromEntries(
        categories.map((category) => [category, Math.round((result.lhr.categories[category]?.score ?? 0) * 100)]),
      );
      const failed = result.lhr.runtimeError;
      if (failed) throw new Error(`Lighthouse at ${path}: ${failed.message}`);
    };
    await mkdir("test-results", { recursive: true });

    await measure("home", "/", false);
    await measure("product", "/products/royal-kettle", false);

    // The cart as a guest who has put the kettle in it.
    const kettle = (await fetch(`${shop.url}/api/v1/products/royal-kettle`).then((r) => r.json())) as {
      id: string;
      name: string;
      variants: { id: string }[];
    };
    await page.goto(shop.url);
    await page.evaluate((line) => localStorage.setItem("royal-shop:guest-cart", JSON.stringify([line])), {
      productId: kettle.id,
      variantId: kettle.variants[0].id,
      quantity: 1,
      name: kettle.name,
    });
    await measure("cart", "/cart", true);

    // The dashboard, signed in as the demo admin.
    await page.goto(`${shop.url}/signin?next=/admin`);
    await page.getByLabel("Email or phone").fill("admin@royal.shop");
    await page.getByLabel("Password").fill("royal-admin");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.evaluate(() => localStorage.removeItem("royal-shop:guest-cart"));
    await measure("dashboard", "/admin", true);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await shop.stop();
  }

  const pad = (text: string, width: number) => text.padEnd(width);
  console.log(`\nLighthouse, mobile (${shop.url}):`);
  console.log(`${pad("page", 11)}${categories.map((c) => pad(c, 16)).join("")}`);
  for (const [name, byCategory] of Object.entries(scores)) {
    console.log(`${pad(name, 11)}${categories.map((c) => pad(String(byCategory[c]), 16)).join("")}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
