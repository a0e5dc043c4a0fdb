import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api, user as me } from "../../lib/session.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { SelectField } from "../components/Fields.tsx";
import { isConflict } from "../lib/errors.ts";
import { formatDate } from "../lib/orders.ts";
import type { AdminUser, Role } from "../lib/types.ts";
import { roleLabel, roles } from "./customers.ts";
import { RecentOrders } from "./RecentOrders.tsx";

const selfLockout = "You cannot deactivate or demote your own account: ask another admin to do it.";

/** One account as admins manage it: its role, whether it may sign in, and its orders. */
export function UserCard(props: { account: AdminUser; onSaved: (account: AdminUser) => void }) {
  const [role, setRole] = createSignal<Role>(props.account.role);
  const [showOrders, setShowOrders] = createSignal(false);
  const form = createForm();
  const a = () => props.account;
  const isMe = () => me()?.id === a().id;
  const patch = (json: { role?: Role; active?: boolean }, done: string) =>
    form.run(async () => {
      try {
        const saved = await read(api.admin.users[":id"].$patch({ param: { id: a().id }, json }));
        props.onSaved(saved);
        setRole(saved.role);
        return done;
      } catch (failure) {
        setRole(a().role);
        throw failure;
      }
    });
  return (
    <li class="a-card" data-testid="user" classList={{ "a-inactive": !a().active }}>
      <div class="a-card-head">
        <h2 class="a-break">{a().username}</h2>
        <Show when={isMe()}>
          <span class="badge">you</span>
        </Show>
        <span class="a-kind">{roleLabel(a().role)}</span>
        <span class={a().active ? "badge" : "badge out"}>{a().active ? "Active" : "Deactivated"}</span>
      </div>
      <dl class="a-terms">
        <div>
          <dt>Shown on reviews as</dt>
          <dd>{a().displayName ?? "(neutral name)"}</dd>
        </div>
        <div>
          <dt>Verified</dt>
          <dd>{a().isEmailVerified || a().isPhoneVerified ? "Yes" : "Not yet"}</dd>
        </div>
        <div>
          <dt>Joined</dt>
          <dd>{formatDate(a().createdAt)}</dd>
        </div>
      </dl>
      <div class="a-inline-form">
        <SelectField label="Role" value={role()} onChange={(v) => setRole(v as Role)} choices={roles} />
        <button
          type="button"
          class="button secondary"
          disabled={form.busy() || role() === a().role}
          onClick={() => void patch({ role: role() }, `${a().username} is now ${roleLabel(role()).toLowerCase()}.`)}
        >
          Change role<span class="visually-hidden"> of {a().username}</span>
        </button>
        <Show
          when={a().active}
          fallback={
            <button
              type="button"
              class="button secondary"
              disabled={form.busy()}
              onClick={() => void patch({ active: true }, `${a().username} can sign in again.`)}
            >
              Reactivate<span class="visually-hidden"> {a().username}</span>
            </button>
          }
        >
          <ConfirmButton
            label="Deactivate"
            question={`Deactivate ${a().username}? Their sessions end at once.`}
            confirmLabel="Deactivate"
            danger
            disabled={form.busy()}
            onConfirm={() => patch({ active: false }, `${a().username} is deactivated and signed out everywhere.`)}
          />
        </Show>
        <button
          type="button"
          class="button secondary"
          aria-expanded={showOrders()}
          onClick={() => setShowOrders(!showOrders())}
        >
          {showOrders() ? "Hide orders" : "Orders"}
          <span class="visually-hidden"> of {a().username}</span>
        </button>
      </div>
      <Show when={form.error() && isConflict(form.error())} fallback={<FormStatus form={form} />}>
        <p class="form-error" role="alert">
          {selfLockout}
        </p>
      </Show>
      <Show when={showOrders()}>
        <RecentOrders userId={a().id} username={a().username} />
      </Show>
    </li>
  );
}
