import { createSignal, For, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { formatMoney } from "../../lib/money.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { ListState } from "../components/State.tsx";
import { formatDateTime } from "../lib/orders.ts";
import type { AdminVariant } from "../lib/types.ts";
import { PriceHistory } from "./PriceHistory.tsx";
import { PriceScheduleForm } from "./PriceScheduleForm.tsx";
import { cancelPriceChange, getPriceSchedulesPage } from "./price-schedules.ts";

type PanelProps = { variantId: string; title: string; currency: string };

/** The variant's scheduled changes, pending ones with a way to cancel them. */
function ScheduleList(props: PanelProps) {
  const list = createPagedList(getPriceSchedulesPage, () => props.variantId);
  const cancel = createForm({ refresh: [getPriceSchedulesPage.keyFor(props.variantId)] });
  const drop = (id: string) =>
    cancel.run(async () => {
      await cancelPriceChange(id);
      return "Price change canceled.";
    });
  const money = (amount: number | null) => (amount === null ? "—" : formatMoney(amount, props.currency));
  return (
    <ListState list={list} what="the scheduled price changes" empty={<p>No price change scheduled.</p>}>
      {(items) => (
        <>
          <table class="a-table" data-testid="price-schedules">
            <thead>
              <tr>
                <th scope="col">Starts</th>
                <th scope="col" class="a-num">
                  Price
                </th>
                <th scope="col" class="a-num">
                  Discount
                </th>
                <th scope="col" class="a-num">
                  Compare-at
                </th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(change) => (
                  <tr data-testid="price-schedule">
                    <td data-label="Starts">{formatDateTime(change.startsAt)}</td>
                    <td data-label="Price" class="a-num">
                      {money(change.price)}
                    </td>
                    <td data-label="Discount" class="a-num">
                      {money(change.discount)}
                    </td>
                    <td data-label="Compare-at" class="a-num">
                      {money(change.oldPrice)}
                    </td>
                    <td data-label="State">
                      <Show
                        when={change.appliedAt}
                        fallback={
                          <>
                            Pending{" "}
                            <button
                              type="button"
                              class="button secondary a-small"
                              disabled={cancel.busy()}
                              onClick={() => drop(change.id)}
                            >
                              Cancel
                              <span class="visually-hidden"> the change of {formatDateTime(change.startsAt)}</span>
                            </button>
                          </>
                        }
                      >
                        {(at) => `Applied ${formatDateTime(at())}`}
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <FormStatus form={cancel} />
        </>
      )}
    </ListState>
  );
}

/** Under a saved variant: its price changes to come and done, and its price history, read once opened. */
export function PriceChanges(props: { variant?: AdminVariant; title: string; currency: string }) {
  const [open, setOpen] = createSignal(false);
  return (
    <Show when={props.variant}>
      {(variant) => (
        <tr class="a-variant-extra">
          <td colSpan={9}>
            <details onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="price-changes">
              <summary>
                Price changes<span class="visually-hidden"> of {props.title}</span>
              </summary>
              <Show when={open()}>
                <PriceScheduleForm variantId={variant().id} title={props.title} currency={props.currency} />
                <ScheduleList variantId={variant().id} title={props.title} currency={props.currency} />
                <PriceHistory variantId={variant().id} title={props.title} currency={props.currency} />
              </Show>
            </details>
          </td>
        </tr>
      )}
    </Show>
  );
}
