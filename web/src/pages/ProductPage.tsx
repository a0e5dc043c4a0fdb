import { A, createAsync, useParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { AddToCart } from "../components/AddToCart.tsx";
import { Price } from "../components/Price.tsx";
import { Reviews } from "../components/Reviews.tsx";
import { getProduct } from "../lib/api.ts";

export default function ProductPage() {
  const params = useParams<{ slug: string }>();
  const product = createAsync(() => getProduct(params.slug));
  const [shown, setShown] = createSignal(0);

  return (
    <Show when={product()} fallback={<p class="muted">Loading…</p>}>
      {(p) => (
        <article class="product">
          <div class="gallery">
            <Show when={p().gallery[shown()]}>
              {(image) => <img class="gallery-main" src={image().url} alt={image().alt} width="400" height="320" />}
            </Show>
            <div class="thumbs">
              <For each={p().gallery}>
                {(image, i) => (
                  <button type="button" class="thumb" aria-label={`Show ${image.alt}`} onClick={() => setShown(i())}>
                    <img src={image.url} alt="" width="80" height="64" />
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
            <Price {...p()} />
            <p>{p().inStock ? `${p().stockQty} in stock` : "Out of stock"}</p>
            <AddToCart productId={p().id} inStock={p().inStock} />
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
          </div>
        </article>
      )}
    </Show>
  );
}
