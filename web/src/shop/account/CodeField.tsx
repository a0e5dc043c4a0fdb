import { Field } from "../../components/Field.tsx";

/** The 6-digit one-time code input, with the browser's autofill hint for codes. */
export function CodeField(props: { value: string; onInput: (value: string) => void; error?: string }) {
  return (
    <Field
      label="Code"
      name="code"
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="\d{6}"
      value={props.value}
      onInput={props.onInput}
      error={props.error}
    />
  );
}
