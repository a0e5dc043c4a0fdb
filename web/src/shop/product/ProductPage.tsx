import { A, createAsync, useParams, useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { Price } from "../../components/Price.tsx";
import { ProductImage } from "../../components/ProductImage.tsx";
import { AddToCart } from "../cart/AddToCart.tsx";
import { getProduct, type ProductDetail, type Variant } from "../catalog/catalog.ts";
import { ShippingEstimate } from "../checkout/ShippingEstimate.tsx";
import { ProductPromotions } from "../promotions/ProductPromotions.tsx";
import { Comments } from "../reviews/Comments.tsx";
import { Reviews } from "../reviews/Reviews.tsx";
import { liveStock, watchCatalog } from "./catalog-live.ts";
import { lowestPriceNote } from "./lowest-price.ts";
import { VariantPicker } from "./VariantPicker.tsx";
import { initialVariant, variantLabel } from "./variants.ts";

/** Stock as the catalog room last reported it, else as the page was loaded. */
const stockOf = (variant: Variant) => liveStock(variant.id) ?? variant.stockQty;

function Buy(props: { product: ProductDetail }) {
  const [params, setParams] = useSearchParams<{ variant?: string }>();
  // The choice lives in the address (?variant=<id>), so it survives a reload and can be shared.
  const selected = createMemo(() => initialVariant(props.product.variants, params.variant));
  return (
    <Show when={selected()} fallback={<p>This product is not sold at the moment.</p>}>
      {(variant) => {
        const stock = () => stockOf(variant());
        return (
          <div class="buy">
            <Show when={props.product.options.length > 0}>
              <VariantPicker
                options={props.product.options}
                variants={props.product.variants}
                selected={variant()}
                stockOf={stockOf}
                onPick={(next) => setParams({ variant: next.id }, { replace: true, scroll: false })}
              />
            </Show>
            <Price {...variant()} currency={props.product.currency} />
            <ProductPromotions
              promotions={props.product.promotions}
              salePrice={variant().salePrice}
              currency={props.product.currency}
            />
            <Show when={lowestPriceNote(variant(), props.product.currency)}>
              {(note) => (
                <p class="muted lowest-price" data-testid="lowest-price">
                  {note()}
                </p>
              )}
            </Show>
            <ShippingEstimate variantId={variant().id} currency={props.product.currency} />
            <p class="stock" data-testid="variant-stock" aria-live="polite">
              {stock() > 0 ? `${stock()} in stock` : "Out of stock"}
              <Show when={variantLabel(variant().title)}>{(title) => <span class="muted"> · {title()}</span>}</Show>
            </p>
            <p class="muted sku">
              SKU <span data-testid="variant-sku">{variant().sku}</span>
            </p>
            {/* A fresh button per variant: "Added" speaks of the variant it added. */}
            <Show when={variant().id} keyed>
              {(variantId) => (
                <AddToCart
                  target={{ productId: props.product.id, variantId }}
                  inStock={stock() > 0}
                  name={props.product.name}
                  variantTitle={variantLabel(variant().title)}
                />
              )}
            </Show>
          </div>
        );
      }}
    </Show>
  );
}

export default function ProductPage() {
  const params = useParams<{ slug: string }>();
  const product = createAsync(() => getProduct(params.slug));
  const [shown, setShown] = createSignal(0);
  watchCatalog(() => product()?.id);

  return (
    <Show when={product()} fallback={<p class="muted">Loading…</p>}>
      {(p) => (
        <article class="product">
          <div class="gallery">
            <ProductImage
              class="gallery-main"
              src={p().gallery[shown()]?.url}
              alt={p().gallery[shown()]?.alt ?? p().name}
              width={400}
              height={320}
            />
            <div class="thumbs">
              <For each={p().gallery}>
                {(image, i) => (
                  <button type="button" class="thumb" aria-label={`Show ${image.alt}`} onClick={() => setShown(i())}>
                    <ProductImage class="thumb-image" src={image.url} alt="" width={80} height={64} lazy />
                  </button>
                )}
              </For>
            </div>
          </div>
          <div class="details">
            <p class="muted">
              <A href="/">Shop</A>
              <Show when={p().category}>
                {(c) => (
                  <>
                    {" "}
                    / <A href={`/?category=${c().slug}`}>{c().name}</A>
                  </>
                )}
              </Show>
            </p>
            <h1>{p().name}</h1>
            <Show when={p().brand}>{(b) => <p class="muted">by {b().name}</p>}</Show>
            <Buy product={p()} />
            <Reviews productId={p().id} rating={p().rating} />
            <p>{p().description}</p>
            <Show when={p().features.length > 0}>
              <h2>Features</h2>
              <dl class="features">
                <For each={p().features}>
                  {(feature) => (
                    <>
                      <dt>{feature.name}</dt>
                      <dd>{feature.value}</dd>
                    </>
                  )}
                </For>
              </dl>
            </Show>
            <Comments productId={p().id} />
          </div>
        </article>
      )}
    </Show>
  );
}
