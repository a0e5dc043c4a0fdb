import { createSignal, Show } from "solid-js";

/**
 * A product's small picture: a placeholder (the name's first letter on a tile) when it has none or
 * when the picture cannot be loaded, never a broken image or its raw alt text.
 */
export function Thumbnail(props: { url: string | null | undefined; name: string; size?: number }) {
  // The picture that failed to load: a new address for the picture is tried again.
  const [failed, setFailed] = createSignal<string>();
  const size = () => props.size ?? 48;
  return (
    <Show
      when={props.url && props.url !== failed()}
      fallback={
        <span
          class="thumbnail thumbnail-empty"
          style={{ width: `${size()}px`, height: `${size()}px` }}
          // The letter is drawn by CSS: it is decoration, not part of the line's text.
          data-initial={props.name.trim().charAt(0).toUpperCase() || "·"}
          aria-hidden="true"
        />
      }
    >
      <img
        class="thumbnail"
        src={props.url ?? ""}
        alt=""
        width={size()}
        height={size()}
        loading="lazy"
        onError={() => setFailed(props.url ?? undefined)}
      />
    </Show>
  );
}
