import { createSignal } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, InputField, SelectField } from "../components/Fields.tsx";
import { createChecks } from "../lib/checks.ts";
import type { AdminUser, Role } from "../lib/types.ts";
import { roleLabel, roles } from "./customers.ts";

/** The form that creates an account of any role, verified or not. */
export function NewAccount(props: { onCreated: (account: AdminUser) => void }) {
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [role, setRole] = createSignal<Role>("staff");
  const [verified, setVerified] = createSignal(true);
  const form = createForm();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = {
        username: check.text("username", username(), "An email or phone"),
        password: password(),
        role: role(),
        verified: verified(),
      };
      if (password().length < 8) check.fail("password", "At least 8 characters.");
      check.done();
      const created = await read(api.admin.users.$post({ json }));
      props.onCreated(created);
      setUsername("");
      setPassword("");
      return `${created.username} can now sign in as ${roleLabel(created.role).toLowerCase()}.`;
    });
  };
  return (
    <form class="a-form" onSubmit={submit} aria-label="New account" novalidate>
      <InputField
        label="Email or phone"
        value={username()}
        onInput={setUsername}
        error={form.errors().username}
        autocomplete="off"
      />
      <InputField
        label="Password"
        type="password"
        value={password()}
        onInput={setPassword}
        error={form.errors().password}
        autocomplete="new-password"
        hint="8 to 128 characters; tell them to change it."
      />
      <SelectField
        label="Role"
        value={role()}
        onChange={(v) => setRole(v as Role)}
        choices={roles}
        error={form.errors().role}
      />
      <CheckboxField label="Already verified" checked={verified()} onChange={setVerified} />
      <div class="a-span a-actions">
        <button type="submit" class="button" disabled={form.busy()}>
          Create account
        </button>
      </div>
      <div class="a-span">
        <FormStatus form={form} />
      </div>
    </form>
  );
}
