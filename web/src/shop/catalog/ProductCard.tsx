import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Price } from "../../components/Price.tsx";
import { ProductImage } from "../../components/ProductImage.tsx";
import { AddToCart } from "../cart/AddToCart.tsx";
import type { ProductSummary } from "./catalog.ts";

export function ProductCard(props: { product: ProductSummary }) {
  const href = () => `/products/${props.product.slug}`;
  const only = () => (props.product.variants.length === 1 ? props.product.variants[0] : undefined);
  // With several prices, the card shows the cheapest variant's, as "from".
  const cheapest = () =>
    props.product.variants.reduce<ProductSummary["variants"][number] | undefined>(
      (best, v) => (!best || v.actualPrice < best.actualPrice ? v : best),
      undefined,
    );
  const ranged = () => props.product.priceRange.min !== props.product.priceRange.max;
  return (
    <article class="card" data-testid="product-card">
      <A href={href()} class="card-link">
        <ProductImage
          class="card-image"
          src={props.product.imageUrl}
          alt={props.product.name}
          width={400}
          height={320}
          lazy
        />
        <h2 class="card-title">{props.product.name}</h2>
      </A>
      <Price
        {...(ranged() ? (cheapest() ?? props.product) : props.product)}
        currency={props.product.currency}
        from={ranged()}
      />
      <div class="card-meta">
        <Show when={props.product.inStock} fallback={<span class="badge out">Out of stock</span>}>
          <span class="badge">{props.product.stockQty <= 5 ? `Only ${props.product.stockQty} left` : "In stock"}</span>
        </Show>
        <Show when={props.product.rating.count > 0}>
          <span class="muted">
            ★ {props.product.rating.average.toFixed(1)} ({props.product.rating.count})
          </span>
        </Show>
      </div>
      <Show
        when={only()}
        fallback={
          <Show when={props.product.variants.length > 1}>
            <A class="button secondary card-choose" href={href()}>
              Choose {props.product.options.map((o) => o.name.toLowerCase()).join(" and ") || "a variant"}
              <span class="visually-hidden"> of {props.product.name}</span>
            </A>
          </Show>
        }
      >
        {(variant) => (
          <AddToCart
            target={{ productId: props.product.id, variantId: variant().id }}
            inStock={variant().inStock}
            name={props.product.name}
          />
        )}
      </Show>
    </article>
  );
}
