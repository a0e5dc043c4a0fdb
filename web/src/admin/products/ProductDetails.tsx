import { CheckboxField, InputField, SelectField, TextAreaField } from "../components/Fields.tsx";
import { brandChoices, categoryChoices } from "../taxonomy/taxonomy.ts";
import type { Draft, ProductEditor } from "./product-editor.ts";

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
        <SelectField
          label="Category"
          value={e.draft.categoryId}
          onChange={set("categoryId")}
          error={e.err("categoryId")}
          choices={[{ value: "", label: "No category" }, ...categoryChoices(e.categories.value() ?? [])]}
          hint={e.categories.error() ? "Categories could not be loaded." : undefined}
        />
        <SelectField
          label="Brand"
          value={e.draft.brandId}
          onChange={set("brandId")}
          error={e.err("brandId")}
          choices={[{ value: "", label: "No brand" }, ...brandChoices(e.brands.value() ?? [])]}
          hint={e.brands.error() ? "Brands could not be loaded." : undefined}
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
