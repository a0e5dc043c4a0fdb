import { createUniqueId, type JSX, Show } from "solid-js";

interface FieldProps {
  label: string;
  name: string;
  type?: string;
  autocomplete?: JSX.HTMLAutocomplete;
  inputmode?: JSX.HTMLAttributes<HTMLInputElement>["inputmode"];
  value: string;
  onInput: (value: string) => void;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** What is wrong with the value (the API's message for this field, or the form's own check). */
  error?: string;
}

export function Field(props: FieldProps) {
  const errorId = createUniqueId();
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        name={props.name}
        type={props.type ?? "text"}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        required={props.required ?? true}
        minLength={props.minLength}
        maxLength={props.maxLength}
        pattern={props.pattern}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
      <Show when={props.error}>
        <small id={errorId} class="field-error">
          {props.error}
        </small>
      </Show>
    </label>
  );
}
