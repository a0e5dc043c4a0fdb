import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";

/**
 * The API reference's files (Swagger UI, from the pinned `swagger-ui-dist`), emitted under
 * `/api-docs/` beside the app, so the docs page loads nothing from another origin.
 */
function apiDocsAssets(): Plugin {
  const files = ["swagger-ui-bundle.js", "swagger-ui.css"];
  const resolve = createRequire(import.meta.url).resolve;
  return {
    name: "royal-shop-api-docs",
    apply: "build",
    async generateBundle() {
      for (const file of files) {
        const source = await readFile(resolve(`swagger-ui-dist/${file}`));
        this.emitFile({ type: "asset", fileName: `api-docs/${file}`, source });
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [solid(), apiDocsAssets()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: { proxy: { "/api": "http://localhost:8787", "/parties": { target: "ws://localhost:8787", ws: true } } },
});
