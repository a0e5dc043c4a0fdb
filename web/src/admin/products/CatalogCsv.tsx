import { createSignal, createUniqueId, For, Show } from "solid-js";
import { catalogCsvColumns } from "../../../../worker/schemas/catalog-csv-columns.ts";
import type { CatalogImportResult, LineError } from "../../../../worker/schemas/catalog-import.ts";
import { fetchAll } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { ApiError, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { NoticeToast } from "../components/Feedback.tsx";
import { csvName, downloadCsv } from "../lib/csv.ts";
import { describeAdminError } from "../lib/errors.ts";
import type { AdminProduct } from "../lib/types.ts";
import { catalogLines, lineErrors } from "./catalog-csv.ts";

/** The largest file the import takes (the worker's `maxCatalogCsvBytes`). */
const maxBytes = 1024 * 1024;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an import did (or, on a dry run, would do), in words. */
export function describePlan(result: CatalogImportResult): string {
  const [created, updated] = result.dryRun ? ["to create", "to update"] : ["created", "updated"];
  const { products, variants } = result;
  const counts = `${plural(products.created, "product")} ${created} and ${products.updated} ${updated}, ${plural(variants.created, "variant")} ${created} and ${variants.updated} ${updated}`;
  return result.dryRun
    ? `${plural(result.lines, "line")}: ${counts}.`
    : `Imported ${plural(result.lines, "line")}: ${counts}.`;
}

/** Downloads the whole catalog (inactive products and variants too) as the file the import reads. */
export function ExportCatalog() {
  const form = createForm();
  const exportFile = () =>
    form.run(async () => {
      // Read afresh, not from the queries: a category or brand the page has not seen yet would
      // leave its products' cells empty, and importing the file again would clear them.
      const [products, categories, brands] = await Promise.all([
        fetchAll<AdminProduct>((cursor) =>
          read(api.admin.products.$get({ query: cursor ? { limit: "100", cursor } : { limit: "100" } })),
        ),
        read(api.categories.$get()).then((answer) => answer.items),
        read(api.brands.$get()).then((answer) => answer.items),
      ]);
      const lines = catalogLines(products, categories, brands);
      downloadCsv(csvName("catalog"), lines, [...catalogCsvColumns]);
      return `Exported ${plural(products.length, "product")} in ${plural(lines.length, "line")}.`;
    });
  return (
    <span class="a-row-actions">
      <button type="button" class="button secondary" disabled={form.busy()} onClick={() => void exportFile()}>
        {form.busy() ? "Exporting…" : "Export CSV"}
      </button>
      <NoticeToast form={form} />
      <Show when={form.error()}>
        <span class="form-error" role="alert">
          Could not export: {describeAdminError(form.error())}
        </span>
      </Show>
    </span>
  );
}

function LineErrors(props: { errors: LineError[] }) {
  return (
    <table class="a-table a-compact" data-testid="import-errors">
      <caption class="visually-hidden">Errors in the file, by line</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Column</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.errors}>
          {(error) => (
            <tr data-testid="import-error">
              <td>{error.line}</td>
              <td>
                <Show when={error.column} fallback={<span class="muted">—</span>}>
                  <code>{error.column}</code>
                </Show>
              </td>
              <td class="a-break">{error.message}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

/**
 * Imports a catalog file all or nothing: choosing it checks every line (a dry run) and shows the plan
 * or each line's errors; only the confirmation writes. Line 1 is the header.
 */
export function ImportCatalog(props: { id?: string; onImported: () => void }) {
  const id = createUniqueId();
  const form = createForm();
  const [file, setFile] = createSignal<{ name: string; csv: string } | null>(null);
  const [plan, setPlan] = createSignal<CatalogImportResult | null>(null);
  let input: HTMLInputElement | undefined;

  const send = async (dryRun: boolean) => {
    const chosen = file();
    if (!chosen) return undefined;
    try {
      return await read(api.admin.products.import.$post({ json: { csv: chosen.csv, dryRun } }));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 413)
        throw new ApiError(413, "file_too_large", "The file is too large: a catalog file may be at most 1 MB.");
      throw failure;
    }
  };

  const choose = (files: FileList | null) => {
    const picked = files?.[0];
    setPlan(null);
    setFile(null);
    form.clear();
    if (!picked) return;
    void form.run(async () => {
      if (picked.size > maxBytes)
        throw new ApiError(413, "file_too_large", "The file is too large: a catalog file may be at most 1 MB.");
      const csv = (await picked.text()).replace(/^\uFEFF/, "");
      setFile({ name: picked.name, csv });
      setPlan((await send(true)) ?? null);
      return undefined;
    });
  };

  const confirm = () =>
    form.run(async () => {
      const result = await send(false);
      if (!result) return undefined;
      setPlan(null);
      setFile(null);
      if (input) input.value = "";
      props.onImported();
      return describePlan(result);
    });

  const refused = () => lineErrors(form.error());

  return (
    <section class="a-panel" id={props.id} aria-labelledby={`${id}-title`}>
      <div class="a-panel-head">
        <h2 id={`${id}-title`}>Import a catalog file</h2>
      </div>
      <p class="muted">
        One line per variant, with the columns of an exported file. Products are found by slug and variants by SKU;
        empty cells keep what the shop has. Every line is checked first: a file with any error changes nothing.
      </p>
      <div class="a-field a-upload">
        <label for={id}>Catalog file (CSV)</label>
        <input
          ref={input}
          id={id}
          type="file"
          accept=".csv,text/csv"
          disabled={form.busy()}
          aria-describedby={`${id}-hint`}
          onChange={(e) => choose(e.currentTarget.files)}
        />
        <small id={`${id}-hint`} class="muted">
          At most 1 MB. {form.busy() ? "Checking…" : ""}
        </small>
      </div>
      <Show when={form.error()}>
        <div role="alert">
          <p class="form-error">
            <Show when={file()}>{(f) => <>{f().name}: </>}</Show>
            {describeAdminError(form.error())}
          </p>
        </div>
      </Show>
      <Show when={refused()}>{(errors) => <LineErrors errors={errors()} />}</Show>
      <Show when={plan()}>
        {(result) => (
          <div class="a-banner" data-testid="import-plan">
            <p>
              <strong>{file()?.name}</strong> is ready: {describePlan(result())} Nothing has changed yet.
            </p>
            <div class="a-actions">
              <button type="button" class="button" disabled={form.busy()} onClick={() => void confirm()}>
                Import {plural(result().lines, "line")}
              </button>
              <button
                type="button"
                class="button secondary"
                onClick={() => {
                  setPlan(null);
                  setFile(null);
                  if (input) input.value = "";
                }}
              >
                Cancel
              </button>
            </div>
          </div>
        )}
      </Show>
      <NoticeToast form={form} />
    </section>
  );
}
