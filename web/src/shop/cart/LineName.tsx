import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Thumbnail } from "../../components/Thumbnail.tsx";

/** A line's product with its picture, and its variant's title and SKU when it has several. */
export function LineName(props: {
  name: string;
  href?: string;
  imageUrl: string | null | undefined;
  variantTitle?: string;
  sku?: string;
}) {
  return (
    <span class="line-item">
      <Thumbnail url={props.imageUrl} name={props.name} />
      <span class="line-name">
        <Show when={props.href} fallback={<span>{props.name}</span>}>
          {(href) => <A href={href()}>{props.name}</A>}
        </Show>
        <Show when={props.variantTitle}>
          <small data-testid="line-variant">{props.variantTitle}</small>
        </Show>
        <Show when={props.sku}>
          <small class="muted">
            SKU <span data-testid="line-sku">{props.sku}</span>
          </small>
        </Show>
      </span>
    </span>
  );
}
