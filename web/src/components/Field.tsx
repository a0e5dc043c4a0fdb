import type { JSX } from "solid-js";

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
}

export function Field(props: FieldProps) {
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
      />
    </label>
  );
}
