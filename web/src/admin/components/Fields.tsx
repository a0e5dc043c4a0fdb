import { createUniqueId, For, type JSX, Show, splitProps } from "solid-js";
import { currencySymbol } from "../lib/money.ts";

interface Common {
  label: string;
  /** The API's name for the field: its errors are shown here. */
  error?: string;
  hint?: string;
  optional?: boolean;
  class?: string;
}

/** Label, control, hint and error, tied together for assistive technology. */
function Frame(props: Common & { id: string; children: JSX.Element }) {
  return (
    <div class={`a-field ${props.class ?? ""}`} classList={{ "a-field-invalid": !!props.error }}>
      <label for={props.id}>
        {props.label}
        <Show when={props.optional}>
          <span class="muted"> (optional)</span>
        </Show>
      </label>
      {props.children}
      <FieldNotes id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

/** A field's hint and error, under ids its control names in `aria-describedby` (see `describedBy`). */
export function FieldNotes(props: { id: string; hint?: string; error?: string }) {
  return (
    <>
      <Show when={props.hint}>
        <small id={`${props.id}-hint`} class="muted">
          {props.hint}
        </small>
      </Show>
      <Show when={props.error}>
        <small id={`${props.id}-error`} class="a-field-error">
          {props.error}
        </small>
      </Show>
    </>
  );
}

export const describedBy = (id: string, props: { hint?: string; error?: string }) =>
  [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

type InputProps = Common & {
  value: string;
  onInput: (value: string) => void;
} & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "value" | "onInput" | "class">;

export function InputField(props: InputProps) {
  const id = createUniqueId();
  const [own, rest] = splitProps(props, ["label", "error", "hint", "optional", "class", "value", "onInput"]);
  return (
    <Frame {...own} id={id}>
      <input
        {...rest}
        id={id}
        value={own.value}
        onInput={(e) => own.onInput(e.currentTarget.value)}
        aria-invalid={own.error ? "true" : undefined}
        aria-describedby={describedBy(id, own)}
      />
    </Frame>
  );
}

/** An amount of money typed in the currency's units (12.50), converted exactly when the form is sent. */
export function MoneyField(props: Common & { value: string; onInput: (value: string) => void; currency: string }) {
  const id = createUniqueId();
  return (
    <Frame {...props} id={id}>
      <span class="a-money">
        <span aria-hidden="true">{currencySymbol(props.currency)}</span>
        <input
          id={id}
          inputmode="decimal"
          autocomplete="off"
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={describedBy(id, props)}
        />
      </span>
    </Frame>
  );
}

export function TextAreaField(props: Common & { value: string; onInput: (value: string) => void; rows?: number }) {
  const id = createUniqueId();
  return (
    <Frame {...props} id={id}>
      <textarea
        id={id}
        rows={props.rows ?? 4}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </Frame>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField(
  props: Common & { value: string; onChange: (value: string) => void; choices: Choice[]; disabled?: boolean },
) {
  const id = createUniqueId();
  return (
    <Frame {...props} id={id}>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props)}
      >
        <For each={props.choices}>
          {(choice) => (
            <option value={choice.value} selected={choice.value === props.value}>
              {choice.label}
            </option>
          )}
        </For>
      </select>
    </Frame>
  );
}

export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: string;
}) {
  const id = createUniqueId();
  return (
    <div class="a-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
        aria-describedby={props.hint || props.error ? `${id}-hint` : undefined}
      />
      <label for={id}>{props.label}</label>
      <Show when={props.hint || props.error}>
        <small id={`${id}-hint`} classList={{ muted: !props.error, "a-field-error": !!props.error }}>
          {props.error ?? props.hint}
        </small>
      </Show>
    </div>
  );
}
