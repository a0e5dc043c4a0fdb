import { existsSync } from "node:fs";

const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The system Chromium (Debian's `chromium` package); Playwright never downloads its own. */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...candidates].find((path) => path && existsSync(path));
  if (!found) throw new Error("Chromium is not installed: apt-get install -y chromium");
  return found;
}
