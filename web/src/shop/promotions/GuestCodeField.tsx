import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";

/**
 * A guest's promotion code: typed, then applied to the quote, which says whether it takes anything
 * off and, if not, why (`state`, from the quote's answer).
 */
export function GuestCodeField(props: {
  applied: string;
  onApply: (code: string) => void;
  state: { applied: boolean; message: string | null } | null | undefined;
}) {
  const [typed, setTyped] = createSignal(props.applied);
  const refusal = () => (props.applied && props.state && !props.state.applied ? (props.state.message ?? "") : "");
  return (
    <div class="coupon-row">
      <Field
        label="Promotion code"
        name="promotion-code"
        required={false}
        value={typed()}
        onInput={setTyped}
        error={typed().trim() === props.applied ? refusal() || undefined : undefined}
      />
      <Show
        when={props.applied && typed().trim() === props.applied}
        fallback={
          <button
            type="button"
            class="button secondary"
            disabled={!typed().trim()}
            onClick={() => props.onApply(typed().trim())}
          >
            Apply
          </button>
        }
      >
        <button
          type="button"
          class="button secondary"
          onClick={() => {
            setTyped("");
            props.onApply("");
          }}
        >
          Remove code
        </button>
      </Show>
    </div>
  );
}
