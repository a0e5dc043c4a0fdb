import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { createForm } from "../../lib/form.ts";
import { verifyAccount } from "../../lib/session.ts";
import { register, requestCode } from "./accounts.ts";
import { CodeField } from "./CodeField.tsx";

export default function SignUpPage() {
  const navigate = useNavigate();
  // Where the shopper was going (the cart's checkout, a guest's order): kept through both steps.
  const [params] = useSearchParams<{ next?: string; email?: string }>();
  const next = () => (typeof params.next === "string" && params.next.startsWith("/") ? params.next : "/account");
  const [username, setUsername] = createSignal(typeof params.email === "string" ? params.email : "");
  const [password, setPassword] = createSignal("");
  const [code, setCode] = createSignal("");
  const [registeredAs, setRegisteredAs] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal("");
  const { busy, error, errors, run } = createForm();

  return (
    <section class="narrow">
      <h1>Create your account</h1>
      <Show
        when={registeredAs()}
        fallback={
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                const { user } = await register(username(), password());
                setRegisteredAs(user.username);
              });
            }}
          >
            <Field
              label="Email or phone"
              name="username"
              autocomplete="username"
              value={username()}
              onInput={setUsername}
              error={errors().username}
            />
            <Field
              label="Password (8 to 128 characters)"
              name="password"
              type="password"
              autocomplete="new-password"
              minLength={8}
              maxLength={128}
              value={password()}
              onInput={setPassword}
              error={errors().password}
            />
            <FormError error={error()} />
            <button class="button" type="submit" disabled={busy()}>
              Create account
            </button>
          </form>
        }
      >
        {(to) => (
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await verifyAccount(to(), code(), password());
                navigate(next(), { replace: true });
              });
            }}
          >
            <p>
              We sent a 6-digit code to <strong>{to()}</strong>. It expires in 5 minutes. If this address already has an
              account, we sent a note instead: <A href={`/signin?next=${encodeURIComponent(next())}`}>sign in</A> or
              reset your password.
            </p>
            <CodeField value={code()} onInput={setCode} error={errors().code} />
            <FormError error={error()} />
            <Show when={notice()}>
              <p class="muted">{notice()}</p>
            </Show>
            <button class="button" type="submit" disabled={busy()}>
              Verify
            </button>
            <button
              type="button"
              class="link"
              onClick={() =>
                void run(async () => {
                  await requestCode(to(), "verify");
                  setNotice("A new code is on its way.");
                })
              }
            >
              Send a new code
            </button>
          </form>
        )}
      </Show>
      <p class="muted">
        Already have an account? <A href={`/signin?next=${encodeURIComponent(next())}`}>Sign in</A>
      </p>
    </section>
  );
}
