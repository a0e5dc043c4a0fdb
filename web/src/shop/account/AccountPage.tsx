import { A, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { createForm } from "../../lib/form.ts";
import { setDisplayName, signOut, signOutEverywhere, type User, user } from "../../lib/session.ts";
import { CouponList } from "../coupons/CouponList.tsx";

function DisplayNameForm(props: { me: User }) {
  const [name, setName] = createSignal(props.me.displayName ?? "");
  const { busy, error, errors, notice, run } = createForm();
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await setDisplayName(name().trim() || null);
          return "Saved.";
        });
      }}
    >
      <Field
        label="Name on your reviews (leave empty to stay anonymous)"
        name="displayName"
        value={name()}
        onInput={setName}
        required={false}
        maxLength={40}
        error={errors().displayName}
      />
      <FormError error={error()} />
      <Show when={notice()}>
        <p class="muted" role="status">
          {notice()}
        </p>
      </Show>
      <button type="submit" class="button" disabled={busy()}>
        Save name
      </button>
    </form>
  );
}

export default function AccountPage() {
  const navigate = useNavigate();
  const leaving = createForm();
  const leave = (work: () => Promise<void>) => () =>
    leaving.run(async () => {
      await work();
      navigate("/", { replace: true });
    });
  return (
    <Show when={user()}>
      {(me) => (
        <section class="narrow">
          <h1>Your account</h1>
          <dl class="features">
            <dt>Username</dt>
            <dd data-testid="account-username">{me().username}</dd>
            <dt>Verified</dt>
            <dd>{me().isEmailVerified || me().isPhoneVerified ? "Yes" : "Not yet"}</dd>
            <Show when={me().role !== "customer"}>
              <dt>Role</dt>
              <dd>{me().role === "admin" ? "Admin" : "Staff"}</dd>
            </Show>
          </dl>
          <p>
            <A href="/account/addresses">Your addresses</A>
          </p>
          <h2>Your public name</h2>
          <p class="muted">Reviews and comments show this name, never your email or phone number.</p>
          <DisplayNameForm me={me()} />
          <h2>Your coupons</h2>
          <CouponList />
          <p>
            <A href="/coupons">All your coupons, counting down</A>
          </p>
          <Show when={me().role !== "customer"}>
            <p>
              <a href="/admin">Open the live dashboard</a>
            </p>
          </Show>
          <FormError error={leaving.error()} />
          <div class="actions">
            <button type="button" class="button secondary" disabled={leaving.busy()} onClick={leave(signOut)}>
              Sign out
            </button>
            <button type="button" class="button secondary" disabled={leaving.busy()} onClick={leave(signOutEverywhere)}>
              Sign out everywhere
            </button>
          </div>
        </section>
      )}
    </Show>
  );
}
