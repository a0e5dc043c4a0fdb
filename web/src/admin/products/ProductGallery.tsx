import { For, Show } from "solid-js";
import { NoticeToast } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { moved } from "../lib/checks.ts";
import { describeAdminError } from "../lib/errors.ts";
import { imageTypes } from "./images.ts";
import type { ProductEditor } from "./product-editor.ts";
import { RowActions } from "./RowActions.tsx";

/** The product's images, each described for those who cannot see it, and uploads of new ones. */
export function ProductGallery(props: { editor: ProductEditor }) {
  const e = props.editor;
  return (
    <section class="a-editor-section" aria-labelledby="gallery-heading">
      <h2 id="gallery-heading">Gallery</h2>
      <Show when={e.draft.gallery.length > 0} fallback={<p class="muted">No images yet.</p>}>
        <ol class="a-rows a-gallery" data-testid="gallery">
          <For each={e.draft.gallery}>
            {(image, index) => (
              <li data-testid="gallery-image">
                <img src={image.url} alt="" width="96" height="76" />
                <InputField
                  label={`Image ${index() + 1} description (alt text)`}
                  value={image.alt}
                  onInput={(value) => e.setDraft("gallery", index(), "alt", value)}
                  error={e.err(`gallery.${index()}.alt`) ?? e.err(`gallery.${index()}.url`)}
                  hint={index() === 0 ? "The first image is the product's picture in lists." : undefined}
                  maxLength={200}
                />
                <RowActions
                  what={`image ${index() + 1}`}
                  earlier="earlier"
                  later="later"
                  first={index() === 0}
                  last={index() === e.draft.gallery.length - 1}
                  onMove={(by) => e.setDraft("gallery", (list) => moved(list, index(), by))}
                  onRemove={() => e.setDraft("gallery", (list) => list.filter((_, i) => i !== index()))}
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
          disabled={e.upload.busy()}
          aria-describedby="product-upload-hint"
          onChange={(event) => {
            e.addImages(event.currentTarget.files);
            event.currentTarget.value = "";
          }}
        />
        <small id="product-upload-hint" class="muted">
          PNG, JPEG, GIF or WebP, at most 5 MB each. {e.upload.busy() ? "Uploading…" : ""}
        </small>
        <Show when={e.upload.errors().upload}>
          <small class="a-field-error" role="alert">
            {e.upload.errors().upload}
          </small>
        </Show>
      </div>
      <Show when={e.upload.error() && !e.upload.errors().upload}>
        <p class="form-error" role="alert">
          {describeAdminError(e.upload.error())}
        </p>
      </Show>
      <NoticeToast form={e.upload} />
    </section>
  );
}
