import { createAsync } from "@solidjs/router";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { addressLine, getMyAddresses, type SavedAddress } from "./addresses.ts";

/**
 * Where a signed-in shopper's order goes: one of their saved addresses (their default first and
 * chosen at the start) or a new one typed below. Nothing shows for a shopper with none saved.
 */
export function AddressPicker(props: { account: string; onPick: (address: SavedAddress | undefined) => void }) {
  const saved = createAsync(() => getMyAddresses(props.account).catch(() => []), { initialValue: [] });
  const [picked, setPicked] = createSignal<string>();
  const pick = (address: SavedAddress | undefined) => {
    setPicked(address?.id ?? "new");
    props.onPick(address);
  };
  // The default shipping address is chosen once the book is read, unless the shopper chose already.
  createEffect(
    on(
      () => saved.latest,
      (book) => {
        if (picked() === undefined && book.length > 0) pick(book.find((a) => a.isDefaultShipping) ?? book[0]);
      },
    ),
  );
  return (
    <Show when={saved.latest.length > 0}>
      <fieldset class="shipping-choice" data-testid="address-picker">
        <legend>Ship to</legend>
        <For each={saved.latest}>
          {(address) => (
            <label class="shipping-option">
              <input
                type="radio"
                name="saved-address"
                checked={picked() === address.id}
                onChange={() => pick(address)}
              />
              <span class="shipping-option-name">{addressLine(address)}</span>
              <span />
            </label>
          )}
        </For>
        <label class="shipping-option">
          <input type="radio" name="saved-address" checked={picked() === "new"} onChange={() => pick(undefined)} />
          <span class="shipping-option-name">A new address</span>
          <span />
        </label>
      </fieldset>
    </Show>
  );
}
