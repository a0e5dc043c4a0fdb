import { A, useLocation, useNavigate, useParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { ApiError, read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, InputField, MoneyField, SelectField, TextAreaField } from "../components/Fields.tsx";
import { Failure, Loading, NotFound } from "../components/State.tsx";
import { shopCurrency } from "../lib/currency.ts";
import { createLoader } from "../lib/data.ts";
import { describeAdminError, isConflict, isNotFound } from "../lib/errors.ts";
import { createChecks, createForm } from "../lib/form.ts";
import { imageTypes, uploadImage } from "../lib/images.ts";
import { toAmount } from "../lib/money.ts";
import { pageTitle } from "../lib/role.ts";
import { brandChoices, categoryChoices, loadBrands, loadCategories } from "../lib/taxonomy.ts";
import type { AdminProduct } from "../lib/types.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let keys = 0;
const nextKey = () => ++keys;

interface Draft {
  name: string;
  slug: string;
  description: string;
  price: string;
  oldPrice: string;
  shippingAmount: string;
  discount: string;
  stockQty: string;
  lowStockThreshold: string;
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
  price: "",
  oldPrice: "",
  shippingAmount: "",
  discount: "",
  stockQty: "0",
  lowStockThreshold: "",
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
  price: toAmount(p.price, p.currency),
  oldPrice: toAmount(p.oldPrice, p.currency),
  shippingAmount: toAmount(p.shippingAmount, p.currency),
  discount: toAmount(p.discount, p.currency),
  stockQty: String(p.stockQty),
  lowStockThreshold: String(p.lowStockThreshold),
  categoryId: p.categoryId ?? "",
  brandId: p.brandId ?? "",
  active: p.active,
  features: p.features.map((f) => ({ key: nextKey(), ...f })),
  gallery: p.gallery.map((g) => ({ key: nextKey(), ...g })),
});

/** What a draft says, without the list keys: compared to tell unsaved changes. */
const fingerprint = (draft: Draft) =>
  JSON.stringify({
    ...draft,
    features: draft.features.map(({ name, value }) => [name, value]),
    gallery: draft.gallery.map(({ url, alt }) => [url, alt]),
  });

function moved<T>(list: T[], index: number, by: number): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item);
  return copy;
}

function Editor(props: { product: AdminProduct | null; currency: string }) {
  const navigate = useNavigate();
  const location = useLocation<{ created?: boolean }>();
  const [product, setProduct] = createSignal(props.product);
  const [draft, setDraft] = createStore<Draft>(props.product ? draftOf(props.product) : emptyDraft());
  const [saved, setSaved] = createSignal(fingerprint(unwrap(draft)));
  const dirty = createMemo(() => fingerprint(draft) !== saved());
  const form = createForm();
  const upload = createForm();
  const removal = createForm();
  const [blocked, setBlocked] = createSignal(false);
  if (location.state?.created) form.setNotice("Product created.");

  const currency = () => product()?.currency ?? props.currency;
  const err = (path: string) => form.errors()[path];
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft(key, value as never);

  const categories = createLoader(loadCategories);
  const brands = createLoader(loadBrands);

  const body = () => {
    const check = createChecks(currency());
    const name = check.text("name", draft.name, "A name");
    const price = check.money("price", draft.price);
    const discount = draft.discount.trim() === "" ? 0 : check.money("discount", draft.discount);
    const shippingAmount = draft.shippingAmount.trim() === "" ? 0 : check.money("shippingAmount", draft.shippingAmount);
    const oldPrice = check.optionalMoney("oldPrice", draft.oldPrice);
    const stockQty = check.count("stockQty", draft.stockQty);
    const lowStockThreshold = check.optionalCount("lowStockThreshold", draft.lowStockThreshold);
    if (discount > price && !Number.isNaN(price)) check.fail("discount", "The discount cannot be more than the price.");
    draft.features.forEach((feature, index) => {
      if (!feature.name.trim()) check.fail(`features.${index}.name`, "Give the feature a name.");
      if (!feature.value.trim()) check.fail(`features.${index}.value`, "Give the feature a value.");
    });
    check.done();
    return {
      name,
      ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
      description: draft.description,
      price,
      oldPrice,
      shippingAmount,
      discount,
      stockQty,
      ...(lowStockThreshold === null ? {} : { lowStockThreshold }),
      categoryId: draft.categoryId || null,
      brandId: draft.brandId || null,
      active: draft.active,
      features: draft.features.map(({ name: n, value }) => ({ name: n.trim(), value: value.trim() })),
      gallery: draft.gallery.map(({ url, alt }) => ({ url, alt: alt.trim() })),
    };
  };

  const adopt = (next: AdminProduct) => {
    setProduct(next);
    setDraft(draftOf(next));
    setSaved(fingerprint(unwrap(draft)));
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const json = body();
      const current = product();
      if (!current) {
        const created = await read(api.admin.products.$post({ json }));
        setSaved(fingerprint(unwrap(draft)));
        navigate(`/admin/products/${created.id}`, { replace: true, state: { created: true } });
        return "Product created.";
      }
      adopt(await read(api.admin.products[":id"].$patch({ param: { id: current.id }, json })));
      return "Saved.";
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
      setSaved(fingerprint({ ...unwrap(draft), active: false }));
      setBlocked(false);
      return "The product is deactivated: it is no longer sold, and its orders keep it.";
    });

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

      <section class="a-editor-section" aria-labelledby="price-heading">
        <h2 id="price-heading">Price and stock</h2>
        <div class="a-form">
          <MoneyField
            label="Price"
            currency={currency()}
            value={draft.price}
            onInput={set("price")}
            error={err("price")}
          />
          <MoneyField
            label="Discount"
            currency={currency()}
            value={draft.discount}
            onInput={set("discount")}
            error={err("discount")}
            hint="Taken off the price: the customer pays price − discount."
            optional
          />
          <MoneyField
            label="Old price"
            currency={currency()}
            value={draft.oldPrice}
            onInput={set("oldPrice")}
            error={err("oldPrice")}
            hint="Shown struck through."
            optional
          />
          <MoneyField
            label="Shipping per item"
            currency={currency()}
            value={draft.shippingAmount}
            onInput={set("shippingAmount")}
            error={err("shippingAmount")}
            optional
          />
          <InputField
            label="Stock"
            type="number"
            min="0"
            inputmode="numeric"
            value={draft.stockQty}
            onInput={set("stockQty")}
            error={err("stockQty")}
          />
          <InputField
            label="Low-stock alert under"
            type="number"
            min="0"
            inputmode="numeric"
            value={draft.lowStockThreshold}
            onInput={set("lowStockThreshold")}
            error={err("lowStockThreshold")}
            hint={product() ? "Staff are alerted when stock falls under this." : "The shop's default when left empty."}
            optional={!product()}
          />
        </div>
        <Show when={product()}>
          {(p) => (
            <p class="muted">
              Customers pay <strong>{formatMoney(p().actualPrice, p().currency)}</strong> per item with shipping, as
              last saved.
            </p>
          )}
        </Show>
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
                  <span class="a-row-actions">
                    <button
                      type="button"
                      class="button secondary a-small"
                      disabled={index() === 0}
                      aria-label={`Move feature ${index() + 1} up`}
                      onClick={() => setDraft("features", (list) => moved(list, index(), -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="button secondary a-small"
                      disabled={index() === draft.features.length - 1}
                      aria-label={`Move feature ${index() + 1} down`}
                      onClick={() => setDraft("features", (list) => moved(list, index(), 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      class="button a-danger-outline a-small"
                      aria-label={`Remove feature ${index() + 1}`}
                      onClick={() => setDraft("features", (list) => list.filter((_, i) => i !== index()))}
                    >
                      Remove
                    </button>
                  </span>
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
                  <span class="a-row-actions">
                    <button
                      type="button"
                      class="button secondary a-small"
                      disabled={index() === 0}
                      aria-label={`Move image ${index() + 1} earlier`}
                      onClick={() => setDraft("gallery", (list) => moved(list, index(), -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="button secondary a-small"
                      disabled={index() === draft.gallery.length - 1}
                      aria-label={`Move image ${index() + 1} later`}
                      onClick={() => setDraft("gallery", (list) => moved(list, index(), 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      class="button a-danger-outline a-small"
                      aria-label={`Remove image ${index() + 1}`}
                      onClick={() => setDraft("gallery", (list) => list.filter((_, i) => i !== index()))}
                    >
                      Remove
                    </button>
                  </span>
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
