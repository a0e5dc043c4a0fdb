import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { createForm } from "../../lib/form.ts";
import { forgotPassword, resetPassword } from "./accounts.ts";
import { CodeField } from "./CodeField.tsx";

export default function ForgotPasswordPage() {
  const [username, setUsername] = createSignal("");
  const [code, setCode] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [stage, setStage] = createSignal<"ask" | "reset" | "done">("ask");
  const { busy, error, errors, run } = createForm();

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void run(async () => {
      if (stage() === "ask") {
        await forgotPassword(username());
        setStage("reset");
      } else {
        await resetPassword(username(), code(), password());
        setStage("done");
      }
    });
  };

  return (
    <section class="narrow">
      <h1>Reset your password</h1>
      <Show
        when={stage() !== "done"}
        fallback={
          <p>
            Your password is changed and every other session is signed out. <A href="/signin">Sign in</A>
          </p>
        }
      >
        <form class="form" onSubmit={submit}>
          <Field
            label="Email or phone"
            name="username"
            autocomplete="username"
            value={username()}
            onInput={setUsername}
            error={errors().username}
          />
          <Show when={stage() === "reset"}>
            <p class="muted">If an account exists for {username()}, a 6-digit code is on its way.</p>
            <CodeField value={code()} onInput={setCode} error={errors().code} />
            <Field
              label="New password"
              name="password"
              type="password"
              autocomplete="new-password"
              minLength={8}
              maxLength={128}
              value={password()}
              onInput={setPassword}
              error={errors().password}
            />
          </Show>
          <FormError error={error()} />
          <button class="button" type="submit" disabled={busy()}>
            {stage() === "ask" ? "Send me a code" : "Set new password"}
          </button>
        </form>
      </Show>
    </section>
  );
}
