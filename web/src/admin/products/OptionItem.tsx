import { Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { InputField } from "../components/Fields.tsx";
import { moved } from "../lib/checks.ts";
import { OptionValues } from "./OptionValues.tsx";
import type { OptionDraft } from "./variants.ts";

/** One option of a product: its name (fixed once the product exists), its place, and its values. */
export function OptionItem(props: {
  option: OptionDraft;
  index: number;
  /** How many options the product has. */
  count: number;
  fixed: boolean;
  used: (name: string, value: string) => boolean;
  error: (path: string) => string | undefined;
  setOptions: SetStoreFunction<OptionDraft[]>;
}) {
  const i = () => props.index;
  const label = () => props.option.name.trim() || `Option ${i() + 1}`;
  return (
    <li class="a-option" data-testid="option">
      <div class="a-option-head">
        <InputField
          label={`Option ${i() + 1} name`}
          value={props.option.name}
          onInput={(value) => props.setOptions(i(), "name", value)}
          error={props.error(`options.${i()}.name`) ?? props.error(`options.${i()}`)}
          readOnly={props.fixed}
          hint={
            props.fixed
              ? "Fixed: the variants are bound to it. Values variants have stay; others can be added, moved or removed."
              : "Such as Size or Colour."
          }
          maxLength={40}
        />
        <Show when={!props.fixed}>
          <span class="a-row-actions">
            <button
              type="button"
              class="button secondary a-small"
              disabled={i() === 0}
              aria-label={`Move option ${label()} up`}
              onClick={() => props.setOptions((list) => moved(list, i(), -1))}
            >
              ↑
            </button>
            <button
              type="button"
              class="button secondary a-small"
              disabled={i() === props.count - 1}
              aria-label={`Move option ${label()} down`}
              onClick={() => props.setOptions((list) => moved(list, i(), 1))}
            >
              ↓
            </button>
            <button
              type="button"
              class="button a-danger-outline a-small"
              aria-label={`Remove option ${label()}`}
              onClick={() => props.setOptions((list) => list.filter((_, j) => j !== i()))}
            >
              Remove
            </button>
          </span>
        </Show>
      </div>
      <OptionValues
        option={props.option}
        index={i()}
        label={label()}
        fixed={props.fixed}
        used={props.used}
        error={props.error}
        setOptions={props.setOptions}
      />
    </li>
  );
}
