import { A, useLocation, useNavigate, useParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { ApiError, read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, InputField, SelectField, TextAreaField } from "../components/Fields.tsx";
import { Failure, Loading, NotFound } from "../components/State.tsx";
import { shopCurrency } from "../lib/currency.ts";
import { createLoader } from "../lib/data.ts";
import { describeAdminError, FormInvalid, isConflict, isNotFound } from "../lib/errors.ts";
import { createChecks, createForm, type Form, moved } from "../lib/form.ts";
import { pageTitle } from "../lib/role.ts";
import type { AdminProduct, AdminVariant } from "../lib/types.ts";
import { brandChoices, categoryChoices, loadBrands, loadCategories } from "../taxonomy/taxonomy.ts";
import { imageTypes, uploadImage } from "./images.ts";
import { OptionsEditor } from "./OptionsEditor.tsx";
import { VariantsTable } from "./VariantsTable.tsx";
import {
  chosen,
  combinations,
  comboKey,
  isDirty,
  maxVariants,
  newVariantDraft,
  nextKey,
  type OptionDraft,
  optionDraftsOf,
  optionsBody,
  optionsFingerprint,
  type VariantDraft,
  variantBody,
  variantChanges,
  variantDraftOf,
} from "./variants.ts";

/** "$12.00" or "$12.00 – $18.00": the range of prices customers pay. */
const priceRangeText = (prices: number[], currency: string) => {
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? formatMoney(low, currency) : `${formatMoney(low, currency)} – ${formatMoney(high, currency)}`;
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Draft {
  name: string;
  slug: string;
  description: string;
  categoryId: string;
  brandId: string;
  active: boolean;
  features: { key: number; name: string; value: string }[];
  gallery: { key: number; url: string; alt: string }[];
}

const emptyDraft = (): Draft => ({
  name: "",
  slug: "",
  description: "",
  categoryId: "",
  brandId: "",
  active: true,
  features: [],
  gallery: [],
});

const draftOf = (p: AdminProduct): Draft => ({
  name: p.name,
  slug: p.slug,
  description: p.description,
  categoryId: p.categoryId ?? "",
  brandId: p.brandId ?? "",
  active: p.active,
  features: p.features.map((f) => ({ key: nextKey(), ...f })),
  gallery: p.gallery.map((g) => ({ key: nextKey(), ...g })),
});

/** What a draft says, without the list keys: compared to tell unsaved changes. */
const fingerprint = (draft: Draft, options: OptionDraft[]) =>
  JSON.stringify({
    ...draft,
    features: draft.features.map(({ name, value }) => [name, value]),
    gallery: draft.gallery.map(({ url, alt }) => [url, alt]),
    options: optionsFingerprint(options),
  });

/** The fields of a variant that the API names without its index when it refuses a whole new product. */
const variantFields: Record<string, string> = {
  sku: "SKU",
  price: "Price",
  discount: "Discount",
  oldPrice: "Old price",
  shippingAmount: "Shipping",
  stockQty: "Stock",
  lowStockThreshold: "Alert under",
};

function Editor(props: { product: AdminProduct | null; currency: string }) {
  const navigate = useNavigate();
  const location = useLocation<{ created?: boolean }>();
  const [product, setProduct] = createSignal(props.product);
  const currency = () => product()?.currency ?? props.currency;
  const [draft, setDraft] = createStore<Draft>(props.product ? draftOf(props.product) : emptyDraft());
  const [options, setOptions] = createStore<OptionDraft[]>(optionDraftsOf(props.product?.options ?? []));
  const [rows, setRows] = createStore<VariantDraft[]>(
    props.product ? props.product.variants.map((v) => variantDraftOf(v, currency())) : [newVariantDraft()],
  );
  const [saved, setSaved] = createSignal(fingerprint(unwrap(draft), unwrap(options)));
  const productDirty = createMemo(() => fingerprint(draft, options) !== saved());
  const dirty = createMemo(() => productDirty() || (!!product() && rows.some((row) => isDirty(row, currency()))));
  const form = createForm();
  const upload = createForm();
  const removal = createForm();
  const variantsNotice = createForm();
  const [blocked, setBlocked] = createSignal(false);
  if (location.state?.created) form.setNotice("Product created.");

  // Each saved product's variant is saved on its own: a form, a refused deletion and a history per row.
  const rowForms = new Map<number, Form>();
  const formOf = (key: number) => {
    let rowForm = rowForms.get(key);
    if (!rowForm) {
      rowForm = createForm();
      rowForms.set(key, rowForm);
    }
    return rowForm;
  };
  const [refused, setRefused] = createSignal<ReadonlySet<number>>(new Set());
  const [versions, setVersions] = createSignal<ReadonlyMap<number, number>>(new Map());
  const bump = (key: number) => setVersions((map) => new Map(map).set(key, (map.get(key) ?? 0) + 1));
  const refuse = (key: number, on: boolean) =>
    setRefused((set) => {
      const next = new Set(set);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const err = (path: string) => form.errors()[path];
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft(key, value as never);

  const categories = createLoader(loadCategories);
  const brands = createLoader(loadBrands);

  /** A row's problem with a field: its own save's, or (for a new product) the product's, by index. */
  const variantError = (index: number, field: string) => {
    const row = rows[index];
    const own = row ? rowForms.get(row.key)?.errors()[field] : undefined;
    if (own) return own;
    if (product()) return undefined;
    return err(`variants.${index}.${field}`) ?? (rows.length === 1 && field in variantFields ? err(field) : undefined);
  };
  /** Problems the API filed under a variant field without saying which variant (a new product's SKU taken). */
  const unplaced = () =>
    rows.length > 1 && !product()
      ? Object.entries(variantFields).flatMap(([field, label]) => (err(field) ? [`${label}: ${err(field)}`] : []))
      : [];

  const taken = (except: number) =>
    rows.filter((row) => row.key !== except).map((row) => comboKey(chosen(options, row)));

  const productFields = (check: ReturnType<typeof createChecks>) => {
    const name = check.text("name", draft.name, "A name");
    draft.features.forEach((feature, index) => {
      if (!feature.name.trim()) check.fail(`features.${index}.name`, "Give the feature a name.");
      if (!feature.value.trim()) check.fail(`features.${index}.value`, "Give the feature a value.");
    });
    return {
      name,
      ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
      description: draft.description,
      categoryId: draft.categoryId || null,
      brandId: draft.brandId || null,
      active: draft.active,
      features: draft.features.map(({ name: n, value }) => ({ name: n.trim(), value: value.trim() })),
      gallery: draft.gallery.map(({ url, alt }) => ({ url, alt: alt.trim() })),
    };
  };

  /** A new product with its options and variants, in one call. */
  const createBody = () => {
    const check = createChecks(currency());
    const fields = productFields(check);
    const optionList = optionsBody(check, options);
    if (options.length === 0 && rows.length > 1)
      check.fail("variants", "Without options a product is one variant: remove the others, or add an option.");
    if (rows.length > maxVariants) check.fail("variants", `A product has at most ${maxVariants} variants.`);
    const variants = rows.map((row, i) => variantBody(check, `variants.${i}.`, options, row, taken(row.key)));
    check.done();
    return { ...fields, ...(optionList.length > 0 ? { options: optionList } : {}), variants };
  };

  /** Adopts the product as saved: its fields, and each variant row that has no changes of its own. */
  const adopt = (next: AdminProduct) => {
    setProduct(next);
    setDraft(draftOf(next));
    if (optionsFingerprint(options) !== optionsFingerprint(optionDraftsOf(next.options)))
      setOptions(optionDraftsOf(next.options));
    setRows((list) =>
      list.flatMap((row) => {
        if (!row.saved) return [row];
        const fresh = next.variants.find((v) => v.id === row.saved?.id);
        if (isDirty(row, currency())) return [fresh ? { ...row, saved: fresh } : row];
        return fresh ? [variantDraftOf(fresh, currency(), row.key)] : [];
      }),
    );
    setSaved(fingerprint(unwrap(draft), unwrap(options)));
  };

  /** Puts a variant as saved into the product (its totals follow) and its row. */
  const placeVariant = (key: number, variant: AdminVariant) => {
    setRows((list) => list.map((row) => (row.key === key ? variantDraftOf(variant, currency(), key) : row)));
    const current = product();
    if (current) {
      const others = current.variants.filter((v) => v.id !== variant.id);
      setProduct({ ...current, variants: [...others, variant].sort((a, b) => a.position - b.position) });
    }
    bump(key);
  };

  /** Saves one variant row of a saved product (its changes, or the new variant); true when it worked. */
  const saveRow = async (key: number): Promise<boolean> => {
    const current = product();
    const row = rows.find((r) => r.key === key);
    if (!current || !row) return false;
    const rowForm = formOf(key);
    await rowForm.run(async () => {
      const check = createChecks(currency());
      const param = { id: current.id };
      if (row.saved) {
        const json = variantChanges(check, { ...row, saved: row.saved });
        check.done();
        if (!json) return "Nothing to save.";
        const next = await read(
          api.admin.products[":id"].variants[":variantId"].$patch({
            param: { ...param, variantId: row.saved.id },
            json,
          }),
        );
        placeVariant(key, next);
        return json.stockQty === undefined ? "Saved." : `Saved; the stock change is in its history.`;
      }
      const json = variantBody(check, "", options, row, taken(key));
      check.done();
      placeVariant(key, await read(api.admin.products[":id"].variants.$post({ param, json })));
      return "Variant added.";
    });
    return !rowForm.error();
  };

  const removeRow = async (key: number) => {
    const current = product();
    const row = rows.find((r) => r.key === key);
    if (!current || !row?.saved) return;
    const variantId = row.saved.id;
    const title = row.saved.title;
    await formOf(key).run(async () => {
      try {
        await read(api.admin.products[":id"].variants[":variantId"].$delete({ param: { id: current.id, variantId } }));
      } catch (failure) {
        if (isConflict(failure)) refuse(key, true);
        throw failure;
      }
      setRows((list) => list.filter((r) => r.key !== key));
      setProduct({ ...current, variants: current.variants.filter((v) => v.id !== variantId) });
      variantsNotice.setNotice(`${title} was deleted.`);
      return undefined;
    });
  };

  const deactivateRow = (key: number) => {
    const current = product();
    const row = rows.find((r) => r.key === key);
    if (!current || !row?.saved) return;
    const variantId = row.saved.id;
    void formOf(key).run(async () => {
      const next = await read(
        api.admin.products[":id"].variants[":variantId"].$patch({
          param: { id: current.id, variantId },
          json: { active: false },
        }),
      );
      placeVariant(key, next);
      refuse(key, false);
      return `${next.title} is deactivated: it is no longer sold, and its orders keep it.`;
    });
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const current = product();
      if (!current) {
        const created = await read(api.admin.products.$post({ json: createBody() }));
        setSaved(fingerprint(unwrap(draft), unwrap(options)));
        navigate(`/admin/products/${created.id}`, { replace: true, state: { created: true } });
        return "Product created.";
      }
      const changed = productDirty();
      if (changed) {
        const check = createChecks(currency());
        const fields = productFields(check);
        const optionList = optionsBody(check, options);
        check.done();
        const optionsChanged = optionsFingerprint(options) !== optionsFingerprint(optionDraftsOf(current.options));
        const json = optionsChanged ? { ...fields, options: optionList } : fields;
        adopt(await read(api.admin.products[":id"].$patch({ param: { id: current.id }, json })));
      }
      // Then every variant with changes, each on its own: one refused never holds the others back.
      const pending = rows.filter((row) => isDirty(row, currency())).map((row) => row.key);
      let failed = 0;
      for (const key of pending) if (!(await saveRow(key))) failed++;
      if (failed > 0) {
        const rowsSaid =
          failed === 1
            ? "1 variant could not be saved: see its row"
            : `${failed} variants could not be saved: see their rows`;
        throw new FormInvalid({}, `${changed ? "The product is saved, but " : ""}${rowsSaid}.`);
      }
      return changed || pending.length > 0 ? "Saved." : "Nothing to save: no changes.";
    });
  };

  const addImages = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const list = [...files];
    void upload.run(async () => {
      for (const file of list) {
        const stored = await uploadImage(file);
        setDraft("gallery", (gallery) => [...gallery, { key: nextKey(), url: stored.url, alt: "" }]);
      }
      return `${list.length === 1 ? "Image uploaded" : `${list.length} images uploaded`}: describe ${list.length === 1 ? "it" : "them"}, then save the product.`;
    });
  };

  const remove = () =>
    removal.run(async () => {
      const current = product();
      if (!current) return;
      try {
        await read(api.admin.products[":id"].$delete({ param: { id: current.id } }));
        navigate("/admin/products", { replace: true });
      } catch (failure) {
        if (isConflict(failure)) setBlocked(true);
        throw failure;
      }
    });

  const deactivate = () =>
    removal.run(async () => {
      const current = product();
      if (!current) return;
      const next = await read(api.admin.products[":id"].$patch({ param: { id: current.id }, json: { active: false } }));
      setProduct(next);
      setDraft("active", false);
      setSaved(fingerprint({ ...unwrap(draft), active: false }, unwrap(options)));
      setBlocked(false);
      return "The product is deactivated: it is no longer sold, and its orders keep it.";
    });

  const addVariant = () => setRows((list) => [...list, newVariantDraft(list.at(-1))]);
  /** Rows for every combination of values no variant has yet (rows still choosing get theirs first). */
  const addCombinations = () => {
    const have = new Set(rows.map((row) => comboKey(chosen(options, row))));
    const missing = combinations(options).filter(
      (choice) =>
        !have.has(
          comboKey(
            Object.fromEntries(
              options.map((o) => [o.name.trim(), o.values.find((v) => v.key === choice[o.key])?.value.trim()]),
            ),
          ),
        ),
    );
    setRows((list) => {
      const next = list.map((row) => {
        const incomplete = !row.saved && Object.values(chosen(options, row)).some((v) => v === undefined);
        return incomplete && missing.length > 0 ? { ...row, choice: missing.shift() as Record<number, number> } : row;
      });
      const room = Math.max(0, maxVariants - next.length);
      return [...next, ...missing.slice(0, room).map((choice) => newVariantDraft(next.at(-1), choice))];
    });
  };
  const usedValue = (name: string, value: string) =>
    (product()?.variants ?? []).some((v) => v.options[name.trim()] === value.trim());
  const activeVariants = () => (product()?.variants ?? []).filter((v) => v.active);

  return (
    <form onSubmit={save} aria-label={product() ? `Edit ${product()?.name}` : "New product"} novalidate>
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

      <section class="a-editor-section" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <div class="a-form">
          <InputField label="Name" value={draft.name} onInput={set("name")} error={err("name")} maxLength={200} />
          <InputField
            label="Slug (web address)"
            value={draft.slug}
            onInput={set("slug")}
            error={err("slug")}
            optional={!product()}
            hint={product() ? "Changing it changes the product's address." : "Made from the name when left empty."}
          />
          <SelectField
            label="Category"
            value={draft.categoryId}
            onChange={set("categoryId")}
            error={err("categoryId")}
            choices={[{ value: "", label: "No category" }, ...categoryChoices(categories.value() ?? [])]}
            hint={categories.error() ? "Categories could not be loaded." : undefined}
          />
          <SelectField
            label="Brand"
            value={draft.brandId}
            onChange={set("brandId")}
            error={err("brandId")}
            choices={[{ value: "", label: "No brand" }, ...brandChoices(brands.value() ?? [])]}
            hint={brands.error() ? "Brands could not be loaded." : undefined}
          />
          <div class="a-span">
            <TextAreaField
              label="Description"
              value={draft.description}
              onInput={set("description")}
              error={err("description")}
              rows={5}
              optional
            />
          </div>
          <div class="a-span">
            <CheckboxField
              label="For sale in the shop (active)"
              checked={draft.active}
              onChange={set("active")}
              error={err("active")}
              hint="Inactive products are hidden from the shop; their orders keep them."
            />
          </div>
        </div>
      </section>

      <section class="a-editor-section" aria-labelledby="options-heading">
        <h2 id="options-heading">Options</h2>
        <OptionsEditor
          options={options}
          setOptions={setOptions}
          fixed={!!product()}
          used={usedValue}
          error={(path) => err(path)}
        />
      </section>

      <section class="a-editor-section" aria-labelledby="variants-heading" data-testid="variants-section">
        <h2 id="variants-heading">Variants: price and stock</h2>
        <p class="muted">
          {product()
            ? "Each variant is saved on its own (Save), or with the product (Save changes). A stock change says why: it is kept in the variant's history."
            : "What shoppers choose and buy. Amounts are in the shop's currency; customers pay price − discount + shipping."}
        </p>
        <Show when={product()}>
          <p data-testid="variants-summary">
            <strong>{activeVariants().reduce((sum, v) => sum + v.stockQty, 0)}</strong> in stock over{" "}
            {activeVariants().length} {activeVariants().length === 1 ? "variant" : "variants"} for sale
            <Show when={activeVariants().length > 0}>
              {"; customers pay "}
              {priceRangeText(
                activeVariants().map((v) => v.actualPrice),
                currency(),
              )}
            </Show>
            .
          </p>
        </Show>
        <Show when={err("variants")}>
          <p class="a-field-error">{err("variants")}</p>
        </Show>
        <For each={unplaced()}>{(problem) => <p class="a-field-error">{problem}</p>}</For>
        <VariantsTable
          currency={currency()}
          options={options}
          rows={rows}
          setRows={setRows}
          error={variantError}
          actions={{
            productId: product()?.id,
            form: (key) => (product() ? formOf(key) : undefined),
            save: (key) => void saveRow(key),
            remove: removeRow,
            deactivate: deactivateRow,
            blocked: (key) => refused().has(key),
            version: (key) => versions().get(key) ?? 0,
          }}
        />
        <div class="a-actions">
          <button
            type="button"
            class="button secondary"
            disabled={options.length === 0 || rows.length >= maxVariants}
            onClick={addVariant}
          >
            Add a variant
          </button>
          <Show when={options.length > 0}>
            <button
              type="button"
              class="button secondary"
              disabled={rows.length >= maxVariants}
              onClick={addCombinations}
            >
              Add every combination
            </button>
          </Show>
          <Show when={options.length === 0}>
            <small class="muted">
              {product()
                ? "A product without options is sold as this one variant."
                : "Add an option above to sell the product in several variants."}
            </small>
          </Show>
        </div>
        <p class="a-notice" role="status">
          {variantsNotice.notice()}
        </p>
      </section>

      <section class="a-editor-section" aria-labelledby="features-heading">
        <h2 id="features-heading">Features</h2>
        <Show when={draft.features.length > 0} fallback={<p class="muted">No features yet (e.g. Memory: 16 GB).</p>}>
          <ol class="a-rows" data-testid="features">
            <For each={draft.features}>
              {(feature, index) => (
                <li>
                  <InputField
                    label={`Feature ${index() + 1} name`}
                    value={feature.name}
                    onInput={(value) => setDraft("features", index(), "name", value)}
                    error={err(`features.${index()}.name`)}
                  />
                  <InputField
                    label={`Feature ${index() + 1} value`}
                    value={feature.value}
                    onInput={(value) => setDraft("features", index(), "value", value)}
                    error={err(`features.${index()}.value`)}
                  />
                  <RowActions
                    what={`feature ${index() + 1}`}
                    earlier="up"
                    later="down"
                    first={index() === 0}
                    last={index() === draft.features.length - 1}
                    onMove={(by) => setDraft("features", (list) => moved(list, index(), by))}
                    onRemove={() => setDraft("features", (list) => list.filter((_, i) => i !== index()))}
                  />
                </li>
              )}
            </For>
          </ol>
        </Show>
        <button
          type="button"
          class="button secondary"
          onClick={() => setDraft("features", (list) => [...list, { key: nextKey(), name: "", value: "" }])}
        >
          Add a feature
        </button>
      </section>

      <section class="a-editor-section" aria-labelledby="gallery-heading">
        <h2 id="gallery-heading">Gallery</h2>
        <Show when={draft.gallery.length > 0} fallback={<p class="muted">No images yet.</p>}>
          <ol class="a-rows a-gallery" data-testid="gallery">
            <For each={draft.gallery}>
              {(image, index) => (
                <li data-testid="gallery-image">
                  <img src={image.url} alt="" width="96" height="76" />
                  <InputField
                    label={`Image ${index() + 1} description (alt text)`}
                    value={image.alt}
                    onInput={(value) => setDraft("gallery", index(), "alt", value)}
                    error={err(`gallery.${index()}.alt`) ?? err(`gallery.${index()}.url`)}
                    hint={index() === 0 ? "The first image is the product's picture in lists." : undefined}
                    maxLength={200}
                  />
                  <RowActions
                    what={`image ${index() + 1}`}
                    earlier="earlier"
                    later="later"
                    first={index() === 0}
                    last={index() === draft.gallery.length - 1}
                    onMove={(by) => setDraft("gallery", (list) => moved(list, index(), by))}
                    onRemove={() => setDraft("gallery", (list) => list.filter((_, i) => i !== index()))}
                  />
                </li>
              )}
            </For>
          </ol>
        </Show>
        <div class="a-field a-upload">
          <label for="product-upload">Upload images</label>
          <input
            id="product-upload"
            type="file"
            accept={imageTypes.join(",")}
            multiple
            disabled={upload.busy()}
            aria-describedby="product-upload-hint"
            onChange={(e) => {
              addImages(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
          <small id="product-upload-hint" class="muted">
            PNG, JPEG, GIF or WebP, at most 5 MB each. {upload.busy() ? "Uploading…" : ""}
          </small>
          <Show when={upload.errors().upload}>
            <small class="a-field-error" role="alert">
              {upload.errors().upload}
            </small>
          </Show>
        </div>
        <Show when={upload.error() && !upload.errors().upload}>
          <p class="form-error" role="alert">
            {describeAdminError(upload.error())}
          </p>
        </Show>
        <p class="a-notice" role="status">
          {upload.notice()}
        </p>
      </section>

      <div class="a-save-bar">
        <div class="a-actions">
          <button type="submit" class="button" disabled={form.busy()}>
            {form.busy() ? "Saving…" : product() ? "Save changes" : "Create product"}
          </button>
          <Show when={dirty()}>
            <span class="a-dirty">Unsaved changes</span>
          </Show>
          <Show when={product()}>
            <A href="/admin/products">Back to the products</A>
          </Show>
        </div>
        <FormStatus form={form} />
      </div>

      <Show when={product()}>
        <section class="a-editor-section" aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete</h2>
          <p class="muted">A product that orders refer to cannot be deleted; deactivate it instead.</p>
          <div class="a-actions">
            <ConfirmButton
              label="Delete product"
              question="Delete this product for good?"
              confirmLabel="Delete"
              danger
              disabled={removal.busy()}
              onConfirm={remove}
            />
            <Show when={blocked() && product()?.active}>
              <button type="button" class="button" disabled={removal.busy()} onClick={() => void deactivate()}>
                Deactivate instead
              </button>
            </Show>
          </div>
          <Show when={removal.error()}>
            <p class="form-error" role="alert">
              {isConflict(removal.error())
                ? "Orders refer to this product, so it cannot be deleted. Deactivate it to take it off the shop."
                : describeAdminError(removal.error())}
            </p>
          </Show>
          <p class="a-notice" role="status">
            {removal.notice()}
          </p>
        </section>
      </Show>
    </form>
  );
}

/** A list row's buttons: move it one place up or down, or remove it. */
function RowActions(props: {
  what: string;
  earlier: string;
  later: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <span class="a-row-actions">
      <button
        type="button"
        class="button secondary a-small"
        disabled={props.first}
        aria-label={`Move ${props.what} ${props.earlier}`}
        onClick={() => props.onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="button secondary a-small"
        disabled={props.last}
        aria-label={`Move ${props.what} ${props.later}`}
        onClick={() => props.onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        class="button a-danger-outline a-small"
        aria-label={`Remove ${props.what}`}
        onClick={props.onRemove}
      >
        Remove
      </button>
    </span>
  );
}

export default function ProductEditorPage() {
  const params = useParams<{ id?: string }>();
  const isNew = () => !params.id;
  pageTitle(params.id ? "Product" : "New product");
  const loaded = createLoader(
    async () => {
      const currency = await shopCurrency();
      if (!params.id) return { product: null, currency };
      if (!uuid.test(params.id)) throw new ApiError(404, "not_found", "No such product.");
      const product = await read(api.admin.products[":id"].$get({ param: { id: params.id } }));
      return { product, currency };
    },
    () => params.id,
  );
  return (
    <section>
      <p class="a-crumbs">
        <A href="/admin/products">Products</A>
      </p>
      <Show
        when={!loaded.error()}
        fallback={
          isNotFound(loaded.error()) ? (
            <NotFound what="Product" back="/admin/products" backLabel="Back to the products" />
          ) : (
            <Failure error={loaded.error()} what={isNew() ? "the editor" : "the product"} retry={loaded.reload} />
          )
        }
      >
        <Show when={loaded.value()} keyed fallback={<Loading what="the product" />}>
          {(value) => <Editor product={value.product} currency={value.currency} />}
        </Show>
      </Show>
    </section>
  );
}
