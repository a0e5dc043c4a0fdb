import { createSignal, Show } from "solid-js";

/**
 * A product's small picture: a placeholder (the name's first letter on a tile) when it has none or
 * when the picture cannot be loaded, never a broken image or its raw alt text.
 */
export function Thumbnail(props: { url: string | null | undefined; name: string; size?: number }) {
  const [failed, setFailed] = createSignal(false);
  const size = () => props.size ?? 48;
  return (
    <Show
      when={props.url && !failed()}
      fallback={
        <span
          class="thumbnail thumbnail-empty"
          style={{ width: `${size()}px`, height: `${size()}px` }}
          aria-hidden="true"
        >
          {props.name.trim().charAt(0).toUpperCase() || "·"}
        </span>
      }
    >
      <img
        class="thumbnail"
        src={props.url ?? ""}
        alt=""
        width={size()}
        height={size()}
        loading="lazy"
        onError={() => setFailed(true)}
      />
    </Show>
  );
}
