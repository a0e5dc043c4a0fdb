import { For, Show } from "solid-js";
import { InputField } from "../components/Fields.tsx";
import { moved } from "../lib/checks.ts";
import type { ProductEditor } from "./product-editor.ts";
import { RowActions } from "./RowActions.tsx";
import { nextKey } from "./variants.ts";

/** The product's features (Memory: 16 GB), in the order the product page lists them. */
export function ProductFeatures(props: { editor: ProductEditor }) {
  const e = props.editor;
  return (
    <section class="a-editor-section" aria-labelledby="features-heading">
      <h2 id="features-heading">Features</h2>
      <Show when={e.draft.features.length > 0} fallback={<p class="muted">No features yet (e.g. Memory: 16 GB).</p>}>
        <ol class="a-rows" data-testid="features">
          <For each={e.draft.features}>
            {(feature, index) => (
              <li>
                <InputField
                  label={`Feature ${index() + 1} name`}
                  value={feature.name}
                  onInput={(value) => e.setDraft("features", index(), "name", value)}
                  error={e.err(`features.${index()}.name`)}
                />
                <InputField
                  label={`Feature ${index() + 1} value`}
                  value={feature.value}
                  onInput={(value) => e.setDraft("features", index(), "value", value)}
                  error={e.err(`features.${index()}.value`)}
                />
                <RowActions
                  what={`feature ${index() + 1}`}
                  earlier="up"
                  later="down"
                  first={index() === 0}
                  last={index() === e.draft.features.length - 1}
                  onMove={(by) => e.setDraft("features", (list) => moved(list, index(), by))}
                  onRemove={() => e.setDraft("features", (list) => list.filter((_, i) => i !== index()))}
                />
              </li>
            )}
          </For>
        </ol>
      </Show>
      <button
        type="button"
        class="button secondary"
        onClick={() => e.setDraft("features", (list) => [...list, { key: nextKey(), name: "", value: "" }])}
      >
        Add a feature
      </button>
    </section>
  );
}
