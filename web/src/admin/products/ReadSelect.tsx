import { type Accessor, ErrorBoundary, Suspense } from "solid-js";
import { type Choice, SelectField } from "../components/Fields.tsx";

/**
 * A select whose choices are read (the categories, the brands) inside a boundary of its own, so the
 * form around it never waits for them: while they load it offers only `first`, and when they cannot
 * be read it says so in its hint (`failed`) and still offers `first`.
 */
export function ReadSelect<T>(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  first: Choice;
  list: Accessor<T[] | undefined>;
  choices: (list: T[]) => Choice[];
  failed: string;
  error?: string;
}) {
  const select = (choices: () => Choice[], hint?: string) => (
    <SelectField
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      hint={hint}
      choices={[props.first, ...choices()]}
    />
  );
  return (
    <ErrorBoundary fallback={select(() => [], props.failed)}>
      <Suspense fallback={select(() => [])}>{select(() => props.choices(props.list() ?? []))}</Suspense>
    </ErrorBoundary>
  );
}
