import { onCleanup } from "solid-js";
import { user } from "../../lib/session.ts";

/** Admins manage accounts and see everything; staff run the shop. */
export const isAdmin = () => user()?.role === "admin";

/** The browser tab names the admin page shown. */
export function pageTitle(title: string) {
  const before = document.title;
  document.title = `${title} · Royal Shop admin`;
  onCleanup(() => {
    document.title = before;
  });
}
