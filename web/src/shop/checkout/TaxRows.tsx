import { For, Show } from "solid-js";
import { formatRate } from "../../lib/regions.ts";

/**
 * The tax of an order or a summary, a row per rate (a rate below 0: one line of unknown rate, as
 * orders from before taxes were kept per line say it); "Including tax" when prices hold it.
 */
export function TaxRows(props: {
  lines: { rateBps: number; amount: number }[];
  included: boolean;
  money: (amount: number) => string;
}) {
  return (
    <>
      <For each={props.lines}>
        {(line) => (
          <>
            <dt>
              {props.included ? "Including tax" : "Tax"}
              {line.rateBps >= 0 ? ` ${formatRate(line.rateBps)}` : ""}
            </dt>
            <dd>{props.money(line.amount)}</dd>
          </>
        )}
      </For>
      <Show when={props.lines.length === 0}>
        <dt>Tax</dt>
        <dd>{props.money(0)}</dd>
      </Show>
    </>
  );
}
