import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { ProductSummary } from "../lib/api.ts";
import { AddToCart } from "./AddToCart.tsx";
import { Price } from "./Price.tsx";

export function ProductCard(props: { product: ProductSummary }) {
  return (
    <article class="card" data-testid="product-card">
      <A href={`/products/${props.product.slug}`} class="card-link">
        <Show when={props.product.imageUrl} fallback={<div class="card-image placeholder" />}>
          {(url) => (
            <img class="card-image" src={url()} alt={props.product.name} loading="lazy" width="400" height="320" />
          )}
        </Show>
        <h3 class="card-title">{props.product.name}</h3>
      </A>
      <Price {...props.product} />
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
      <AddToCart productId={props.product.id} inStock={props.product.inStock} />
    </article>
  );
}
