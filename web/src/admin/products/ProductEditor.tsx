import { A, useLocation, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { FormStatus } from "../components/Feedback.tsx";
import type { AdminProduct } from "../lib/types.ts";
import { OptionsEditor } from "./OptionsEditor.tsx";
import { ProductDeletion } from "./ProductDeletion.tsx";
import { ProductDetails } from "./ProductDetails.tsx";
import { ProductFeatures } from "./ProductFeatures.tsx";
import { ProductGallery } from "./ProductGallery.tsx";
import { ProductVariants } from "./ProductVariants.tsx";
import { createProductEditor } from "./product-editor.ts";

/** One product's editor (null: a new product): its sections, and the bar that saves them. */
export function ProductEditor(props: { product: AdminProduct | null; currency: string }) {
  const location = useLocation<{ created?: boolean }>();
  const editor = createProductEditor(props.product, props.currency, {
    navigate: useNavigate(),
    created: !!location.state?.created,
  });
  const { product, form } = editor;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void editor.save();
      }}
      aria-label={product() ? `Edit ${product()?.name}` : "New product"}
      novalidate
    >
      <div class="a-title">
        <h1>{product() ? product()?.name : "New product"}</h1>
        <Show when={product()}>
          {(p) => (
            <>
              <span class={p().active ? "badge" : "badge out"}>{p().active ? "For sale" : "Not for sale"}</span>
              <Show when={p().active}>
                <A href={`/products/${p().slug}`}>View in the shop</A>
              </Show>
            </>
          )}
        </Show>
      </div>

      <ProductDetails editor={editor} />
      <section class="a-editor-section" aria-labelledby="options-heading">
        <h2 id="options-heading">Options</h2>
        <OptionsEditor
          options={editor.options}
          setOptions={editor.setOptions}
          fixed={!!product()}
          used={editor.usedValue}
          error={(path) => editor.err(path)}
        />
      </section>
      <ProductVariants editor={editor} />
      <ProductFeatures editor={editor} />
      <ProductGallery editor={editor} />

      <div class="a-save-bar">
        <div class="a-actions">
          <button type="submit" class="button" disabled={form.busy()}>
            {form.busy() ? "Saving…" : product() ? "Save changes" : "Create product"}
          </button>
          <Show when={editor.dirty()}>
            <span class="a-dirty">Unsaved changes</span>
          </Show>
          <Show when={product()}>
            <A href="/admin/products">Back to the products</A>
          </Show>
        </div>
        <FormStatus form={form} notice={editor.createdNotice} />
      </div>

      <Show when={product()}>
        <ProductDeletion editor={editor} />
      </Show>
    </form>
  );
}
