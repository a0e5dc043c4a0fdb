import { Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import type { VariantActions } from "./variants.ts";
import { isDirty, type VariantDraft } from "./variants.ts";

/**
 * A variant row's buttons: for a new product, remove the draft; once it exists, save or add the row,
 * discard a new one, open its stock history, delete it (or deactivate it when orders refer to it).
 */
export function VariantRowActions(props: {
  row: VariantDraft;
  title: string;
  currency: string;
  rowCount: number;
  savedCount: number;
  setRows: SetStoreFunction<VariantDraft[]>;
  actions: VariantActions;
  historyOpen: boolean;
  historyId: string;
  toggleHistory: () => void;
}) {
  const row = () => props.row;
  const title = () => props.title;
  const form = () => props.actions.form(props.row.key);
  return (
    <td class="a-cells a-variant-actions">
      <Show
        when={props.actions.productId}
        fallback={
          <Show when={props.rowCount > 1}>
            <button
              type="button"
              class="button a-danger-outline a-small"
              onClick={() => props.setRows((rows) => rows.filter((r) => r.key !== row().key))}
            >
              Remove<span class="visually-hidden"> {title()}</span>
            </button>
          </Show>
        }
      >
        <span class="a-row-actions">
          <button
            type="button"
            class="button a-small"
            disabled={form()?.busy() || !isDirty(row(), props.currency)}
            onClick={() => props.actions.save(row().key)}
          >
            {row().saved ? "Save" : "Add"}
            <span class="visually-hidden"> {title()}</span>
          </button>
          <Show when={row().saved && isDirty(row(), props.currency)}>
            <span class="a-dirty">Unsaved</span>
          </Show>
        </span>
        <Show
          when={row().saved}
          fallback={
            <button
              type="button"
              class="button secondary a-small"
              onClick={() => props.setRows((rows) => rows.filter((r) => r.key !== row().key))}
            >
              Discard<span class="visually-hidden"> {title()}</span>
            </button>
          }
        >
          {(saved) => (
            <>
              <button
                type="button"
                class="button secondary a-small"
                aria-expanded={props.historyOpen}
                aria-controls={props.historyOpen ? props.historyId : undefined}
                onClick={props.toggleHistory}
              >
                Stock history<span class="visually-hidden"> of {title()}</span>
              </button>
              <Show
                when={props.savedCount > 1}
                fallback={<small class="muted">A product keeps at least one variant.</small>}
              >
                <ConfirmButton
                  label="Delete"
                  question={`Delete ${title()} for good?`}
                  confirmLabel="Delete"
                  danger
                  disabled={form()?.busy()}
                  onConfirm={() => props.actions.remove(row().key)}
                />
              </Show>
              <Show when={props.actions.blocked(row().key) && saved().active}>
                <button
                  type="button"
                  class="button a-small"
                  disabled={form()?.busy()}
                  onClick={() => props.actions.deactivate(row().key)}
                >
                  Deactivate instead<span class="visually-hidden"> {title()}</span>
                </button>
              </Show>
            </>
          )}
        </Show>
        <Show when={form()}>{(f) => <FormStatus form={f()} />}</Show>
      </Show>
    </td>
  );
}
