import { FormInvalid } from "../../lib/field-errors.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

export const imageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export const maxImageBytes = 5 * 1024 * 1024;

/** Uploads one image to the shop's image store: the body is the file itself, with its type. */
export async function uploadImage(file: File) {
  if (!imageTypes.includes(file.type))
    throw new FormInvalid({ upload: `${file.name} is not a PNG, JPEG, GIF or WebP image.` });
  if (file.size > maxImageBytes) throw new FormInvalid({ upload: `${file.name} is larger than 5 MB.` });
  return read(api.admin.images.$post(undefined, { headers: { "content-type": file.type }, init: { body: file } }));
}
