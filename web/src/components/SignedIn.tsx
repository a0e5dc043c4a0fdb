import { Navigate, useLocation } from "@solidjs/router";
import { type JSX, Show } from "solid-js";
import { ready, user } from "../lib/session.ts";

/**
 * Shows its page to a signed-in user (of staff or admin role, when `staff` is set); anyone else is
 * sent to sign in and brought back here afterwards.
 */
export function SignedIn(props: { staff?: boolean; children: JSX.Element }) {
  const location = useLocation();
  const next = () => encodeURIComponent(`${location.pathname}${location.search}`);
  return (
    <Show when={ready()} fallback={<p class="muted">Loading…</p>}>
      <Show when={user()} fallback={<Navigate href={`/signin?next=${next()}`} />}>
        {(me) => (
          <Show when={!props.staff || me().role !== "customer"} fallback={<p>This page is for staff.</p>}>
            {props.children}
          </Show>
        )}
      </Show>
    </Show>
  );
}
