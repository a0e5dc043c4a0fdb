import type { Form } from "../../lib/form.ts";
import { FormStatus } from "../components/Feedback.tsx";

/** One button that saves every changed row of the list, with what it did. */
export function SaveAllBar(props: { count: number; form: Form; onSave: () => void }) {
  return (
    <div class="a-save-all">
      <button type="button" class="button" disabled={props.count === 0 || props.form.busy()} onClick={props.onSave}>
        Save all changes ({props.count})
      </button>
      <FormStatus form={props.form} />
    </div>
  );
}
