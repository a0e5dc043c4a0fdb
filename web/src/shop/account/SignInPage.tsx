import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { createForm } from "../../lib/form.ts";
import { signIn, signInWithCode } from "../../lib/session.ts";
import { requestCode } from "./accounts.ts";
import { CodeField } from "./CodeField.tsx";

export default function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [code, setCode] = createSignal("");
  const [withCode, setWithCode] = createSignal(false);
  const [codeSent, setCodeSent] = createSignal(false);
  const { busy, error, errors, clear, run } = createForm();
  const done = () => navigate(params.next?.startsWith("/") ? params.next : "/account", { replace: true });

  return (
    <section class="narrow">
      <h1>Sign in</h1>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            if (!withCode()) {
              await signIn(username(), password());
              done();
            } else if (!codeSent()) {
              await requestCode(username(), "login");
              setCodeSent(true);
            } else {
              await signInWithCode(username(), code());
              done();
            }
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
        <Show
          when={withCode()}
          fallback={
            <Field
              label="Password"
              name="password"
              type="password"
              autocomplete="current-password"
              value={password()}
              onInput={setPassword}
              error={errors().password}
            />
          }
        >
          <Show when={codeSent()}>
            <p class="muted">If an account exists for {username()}, a 6-digit code is on its way.</p>
            <CodeField value={code()} onInput={setCode} error={errors().code} />
          </Show>
        </Show>
        <FormError error={error()} />
        <button class="button" type="submit" disabled={busy()}>
          {withCode() && !codeSent() ? "Send me a code" : "Sign in"}
        </button>
      </form>
      <p>
        <button
          type="button"
          class="link"
          onClick={() => {
            setWithCode(!withCode());
            setCodeSent(false);
            clear();
          }}
        >
          {withCode() ? "Use my password instead" : "Sign in with a one-time code instead"}
        </button>
      </p>
      <p class="muted">
        New here?{" "}
        <A href={params.next?.startsWith("/") ? `/signup?next=${encodeURIComponent(params.next)}` : "/signup"}>
          Create an account
        </A>{" "}
        · <A href="/forgot">Forgot your password?</A>
      </p>
    </section>
  );
}
