import { createEffect, createSignal, type JSX, on, Show } from "solid-js";
import { focusFirstInvalid } from "../../lib/focus-error.ts";
import type { Form } from "../../lib/form.ts";
import { showToast } from "../../lib/toast.ts";
import { describeAdminError } from "../lib/errors.ts";

/**
 * A form's outcome where the eye is: what it did comes as a toast; its failure is said here (role
 * alert) and the first field in error is scrolled to and focused. `notice` is said here while the
 * form has done nothing yet (as "Product created." on arrival).
 */
export function FormStatus(props: { form: Form; notice?: string }) {
  let status: HTMLParagraphElement | undefined;
  let alert: HTMLParagraphElement | undefined;
  return (
    <>
      <NoticeToast
        form={props.form}
        onFailure={() => focusFirstInvalid(status?.closest("form") ?? status?.closest("section"), alert)}
      />
      <Show when={props.form.error()}>
        <p class="form-error" role="alert" ref={alert}>
          {describeAdminError(props.form.error())}
        </p>
      </Show>
      <p class="a-notice" role="status" ref={status}>
        {props.form.notice() || props.form.error() || props.form.busy() ? "" : (props.notice ?? "")}
      </p>
    </>
  );
}

/**
 * What a form did, as a toast when each of its runs ends (even the same notice twice in a row), for
 * forms that say their failures their own way; `onFailure` runs when a run failed.
 */
export function NoticeToast(props: { form: Form; onFailure?: () => void }) {
  createEffect(
    on(
      () => props.form.busy(),
      (busy, wasBusy) => {
        if (busy || !wasBusy) return;
        const notice = props.form.notice();
        if (notice) showToast(notice);
        if (props.form.error()) props.onFailure?.();
      },
    ),
  );
  return null;
}

/**
 * A destructive or irreversible action asked twice: the first press asks, the second does it;
 * "Keep" (or Escape) backs out.
 */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
  danger?: boolean;
  children?: JSX.Element;
}) {
  const [asking, setAsking] = createSignal(false);
  let confirmButton: HTMLButtonElement | undefined;
  const ask = () => {
    setAsking(true);
    queueMicrotask(() => confirmButton?.focus());
  };
  return (
    <Show
      when={asking()}
      fallback={
        <button
          type="button"
          class={props.danger ? "button a-danger-outline" : "button secondary"}
          disabled={props.disabled}
          onClick={ask}
        >
          {props.label}
        </button>
      }
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a group of two buttons with a question, not a form fieldset */}
      <span
        class="a-confirm"
        role="group"
        aria-label={props.question}
        onKeyDown={(e) => e.key === "Escape" && setAsking(false)}
      >
        <span>{props.question}</span>
        <button
          ref={confirmButton}
          type="button"
          class={props.danger ? "button a-danger" : "button"}
          disabled={props.disabled}
          onClick={async () => {
            await props.onConfirm();
            setAsking(false);
          }}
        >
          {props.confirmLabel}
        </button>
        <button type="button" class="button secondary" onClick={() => setAsking(false)}>
          Keep
        </button>
        {props.children}
      </span>
    </Show>
  );
}
