import { Navigate, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { CouponList } from "../components/CouponList.tsx";
import { ready, signOut, user } from "../lib/session.ts";

export default function AccountPage() {
  const navigate = useNavigate();
  return (
    <Show when={ready()} fallback={<p class="muted">Loading…</p>}>
      <Show when={user()} fallback={<Navigate href="/signin?next=/account" />}>
        {(me) => (
          <section class="narrow">
            <h1>Your account</h1>
            <dl class="features">
              <dt>Username</dt>
              <dd data-testid="account-username">{me().username}</dd>
              <dt>Verified</dt>
              <dd>{me().isEmailVerified || me().isPhoneVerified ? "Yes" : "Not yet"}</dd>
              <dt>Role</dt>
              <dd>{me().role}</dd>
            </dl>
            <h2>Your coupons</h2>
            <CouponList />
            <Show when={me().role !== "customer"}>
              <p>
                <a href="/admin">Open the live dashboard</a>
              </p>
            </Show>
            <button
              type="button"
              class="button secondary"
              onClick={async () => {
                await signOut();
                navigate("/", { replace: true });
              }}
            >
              Sign out
            </button>
          </section>
        )}
      </Show>
    </Show>
  );
}
