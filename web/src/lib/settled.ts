import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";

/**
 * `value` once it has stopped changing for `ms` (typing paused): what a request is made for, so
 * that a postal code typed digit by digit asks once.
 */
export function createSettled<T>(value: Accessor<T>, ms = 350): Accessor<T> {
  const [settled, setSettled] = createSignal<T>(value());
  createEffect(
    on(
      value,
      (now) => {
        const timer = setTimeout(() => setSettled(() => now), ms);
        onCleanup(() => clearTimeout(timer));
      },
      { defer: true },
    ),
  );
  return settled;
}
