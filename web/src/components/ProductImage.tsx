import { createSignal, Show } from "solid-js";

/**
 * A product's picture that fails quietly: when it is missing or does not load, a tile takes its
 * place (named for screen readers), never a broken image or its raw alt text.
 */
export function ProductImage(props: {
  src: string | null | undefined;
  alt: string;
  class: string;
  width: number;
  height: number;
  lazy?: boolean;
}) {
  const [failedSrc, setFailedSrc] = createSignal<string>();
  const usable = () => (props.src && props.src !== failedSrc() ? props.src : undefined);
  return (
    <Show
      when={usable()}
      fallback={
        <div class={`${props.class} image-missing`} role="img" aria-label={props.alt || "No picture"}>
          <span aria-hidden="true">◇</span>
        </div>
      }
    >
      {(src) => (
        <img
          class={props.class}
          src={src()}
          alt={props.alt}
          width={props.width}
          height={props.height}
          loading={props.lazy ? "lazy" : undefined}
          onError={() => setFailedSrc(src())}
        />
      )}
    </Show>
  );
}
