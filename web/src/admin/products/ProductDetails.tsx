import { CheckboxField, InputField, TextAreaField } from "../components/Fields.tsx";
import { brandChoices, categoryChoices } from "../taxonomy/taxonomy.ts";
import type { Draft } from "./product-draft.ts";
import type { ProductEditor } from "./product-editor.ts";
import { ReadSelect } from "./ReadSelect.tsx";

/** The product's own fields: name, address, category, brand, description, for sale or not. */
export function ProductDetails(props: { editor: ProductEditor }) {
  const e = props.editor;
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      e.setDraft(key, value as never);
  return (
    <section class="a-editor-section" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <div class="a-form">
        <InputField label="Name" value={e.draft.name} onInput={set("name")} error={e.err("name")} maxLength={200} />
        <InputField
          label="Slug (web address)"
          value={e.draft.slug}
          onInput={set("slug")}
          error={e.err("slug")}
          optional={!e.product()}
          hint={e.product() ? "Changing it changes the product's address." : "Made from the name when left empty."}
        />
        <ReadSelect
          label="Category"
          value={e.draft.categoryId}
          onChange={set("categoryId")}
          error={e.err("categoryId")}
          first={{ value: "", label: "No category" }}
          list={e.categories}
          choices={(list) => categoryChoices(list)}
          failed="Categories could not be loaded."
        />
        <ReadSelect
          label="Brand"
          value={e.draft.brandId}
          onChange={set("brandId")}
          error={e.err("brandId")}
          first={{ value: "", label: "No brand" }}
          list={e.brands}
          choices={brandChoices}
          failed="Brands could not be loaded."
        />
        <div class="a-span">
          <TextAreaField
            label="Description"
            value={e.draft.description}
            onInput={set("description")}
            error={e.err("description")}
            rows={5}
            optional
          />
        </div>
        <div class="a-span">
          <CheckboxField
            label="For sale in the shop (active)"
            checked={e.draft.active}
            onChange={set("active")}
            error={e.err("active")}
            hint="Inactive products are hidden from the shop; their orders keep them."
          />
        </div>
      </div>
    </section>
  );
}
