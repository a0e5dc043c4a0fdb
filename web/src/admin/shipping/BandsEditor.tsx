import { For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { createChecks } from "../lib/checks.ts";
import { toAmount } from "../lib/money.ts";
import { type BandDraft, BandRow } from "./BandRow.tsx";
import { type ShippingMethod, shippingKeys, type Zone } from "./shipping.ts";

/** A weight or subtotal method's bands, edited as rows and saved together (bands that overlap are refused). */
export function BandsEditor(props: { zone: Zone; method: ShippingMethod; currency: string }) {
  const byWeight = () => props.method.kind === "weight";
  const text = (value: number | null) =>
    value === null ? "" : byWeight() ? String(value) : toAmount(value, props.currency);
  const [rows, setRows] = createStore<BandDraft[]>(
    props.method.bands.map((band) => ({
      min: text(band.min),
      max: text(band.max),
      price: toAmount(band.price, props.currency),
    })),
  );
  const form = createForm({ refresh: shippingKeys });

  const add = () => setRows(rows.length, { min: rows.at(-1)?.max ?? text(0), max: "", price: "" });
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks(props.currency);
      const bound = (path: string, value: string) => (byWeight() ? check.count(path, value) : check.money(path, value));
      const bands = rows.map((row, i) => ({
        min: bound(`bands.${i}.min`, row.min),
        max: row.max.trim() === "" ? null : bound(`bands.${i}.max`, row.max),
        price: check.money(`bands.${i}.price`, row.price),
      }));
      bands.forEach((band, i) => {
        if (band.max !== null && band.max <= band.min) check.fail(`bands.${i}.max`, "Above the band's start.");
      });
      check.done();
      const param = { id: props.zone.id, methodId: props.method.id };
      await read(api.admin.shipping.zones[":id"].methods[":methodId"].bands.$put({ param, json: { bands } }));
      showToast(`The bands of ${props.method.name} are saved.`);
    });
  };

  return (
    <form class="a-bands" onSubmit={save} aria-label={`Bands of ${props.method.name}`} novalidate>
      <table class="a-table a-compact">
        <caption class="visually-hidden">Bands of {props.method.name}</caption>
        <thead>
          <tr>
            <th scope="col">{byWeight() ? "From (g)" : "From subtotal"}</th>
            <th scope="col">{byWeight() ? "Up to (g)" : "Up to subtotal"}</th>
            <th scope="col">Price</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={rows}>
            {(row, i) => (
              <BandRow
                row={row}
                index={i()}
                unit={byWeight() ? "g" : props.currency}
                errors={form.errors()}
                onChange={(field, value) => setRows(i(), field, value)}
                onRemove={() => setRows((list) => list.filter((_, j) => j !== i()))}
              />
            )}
          </For>
        </tbody>
      </table>
      <Show when={rows.length === 0}>
        <p class="muted">No band yet: this method applies to no order until it has one.</p>
      </Show>
      <div class="a-actions">
        <button type="button" class="button secondary a-small" onClick={add}>
          Add band
        </button>
        <button type="submit" class="button a-small" disabled={form.busy()}>
          Save bands
        </button>
      </div>
      <FormStatus form={form} />
    </form>
  );
}
