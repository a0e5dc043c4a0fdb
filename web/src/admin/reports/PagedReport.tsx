import { For, type JSX } from "solid-js";
import { createPagedList, fetchAll, type Page, type PagedQuery } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { ListState } from "../components/State.tsx";
import { csvName, downloadCsv } from "../lib/csv.ts";
import type { Column } from "./columns.tsx";

/**
 * A keyset-paged report as a table with "Load more" (its query, read with `args`), and its CSV
 * download: every page, read afresh with `read` for it.
 */
export function PagedReport<A, T>(props: {
  title: string;
  file: string;
  query: PagedQuery<A, T>;
  args: () => A;
  read: (cursor: string | undefined) => Promise<Page<T>>;
  columns: Column<T>[];
  empty: string;
  children?: JSX.Element;
}) {
  const list = createPagedList(props.query, () => props.args());
  const download = createForm();
  const save = () =>
    download.run(async () => {
      const rows = await fetchAll(props.read);
      downloadCsv(
        csvName(props.file),
        rows.map((row) => Object.fromEntries(props.columns.map((c) => [c.csv[0], c.csv[1](row)]))),
        props.columns.map((c) => c.csv[0]),
      );
      return `Downloaded ${rows.length} ${rows.length === 1 ? "row" : "rows"}.`;
    });
  return (
    <section class="a-panel" aria-labelledby="report-heading">
      <div class="a-panel-head">
        <h2 id="report-heading">{props.title}</h2>
        <button type="button" class="button secondary a-small" disabled={download.busy()} onClick={() => void save()}>
          {download.busy() ? "Preparing…" : "Download CSV"}
        </button>
      </div>
      <FormStatus form={download} />
      {props.children}
      <ListState list={list} what="the report" empty={<p>{props.empty}</p>}>
        {(items) => (
          <table class="a-table" data-testid="report-table">
            <thead>
              <tr>
                <For each={props.columns}>
                  {(column) => (
                    <th scope="col" classList={{ "a-num": column.numeric }}>
                      {column.label}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(row) => (
                  <tr>
                    <For each={props.columns}>
                      {(column) => (
                        <td data-label={column.label} classList={{ "a-num": column.numeric }}>
                          {column.cell(row)}
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}
