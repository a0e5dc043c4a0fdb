import type { ShopContext } from "../platform/context.ts";
import {
  claimRefund,
  closedSessionsOf,
  dueRefunds,
  type PaymentRow,
  settleRefund,
} from "../repositories/payments.repository.ts";

/** How long one attempt holds its claim: a worker that dies mid-attempt leaves it due again after this. */
const refundLeaseSeconds = 120;
/** At most this many refunds per run of the schedule (it runs every minute). */
const refundsPerRun = 25;

/** After the n-th failed attempt, the next one waits 1 min × 2^(n−1), at most 6 hours. */
export const refundRetryDelaySeconds = (attempts: number) => Math.min(60 * 2 ** Math.max(attempts - 1, 0), 6 * 3600);

/**
 * Tries to give one payment's money back through its gateway, once it is claimed (a refund another
 * worker is trying, or one not due yet, is left alone unless `now`). The outcome is kept on the
 * payment and in its history; a failure is due again after a backoff, until the gateway confirms.
 */
export async function refundPayment(
  ctx: ShopContext,
  paymentId: string,
  options: { now?: boolean } = {},
): Promise<"refunded" | "failed" | "not_due"> {
  const claimed = await claimRefund(ctx.db, paymentId, refundLeaseSeconds, options.now);
  if (!claimed) return "not_due";
  try {
    await ctx.gateway(claimed.gateway).refund({
      paymentId: claimed.id,
      attempt: claimed.refund_attempts,
      authority: claimed.authority,
      authorizedKey: claimed.authorized_key,
      amount: claimed.amount,
    });
  } catch (error) {
    await settleRefund(ctx.db, claimed, {
      refunded: false,
      attempt: claimed.refund_attempts,
      error: describe(error),
      retryInSeconds: refundRetryDelaySeconds(claimed.refund_attempts),
    });
    console.error(
      JSON.stringify({ level: "warn", message: "refund failed", paymentId, attempt: claimed.refund_attempts }),
    );
    return "failed";
  }
  await settleRefund(ctx.db, claimed, { refunded: true, attempt: claimed.refund_attempts });
  return "refunded";
}

/** The schedule's part: every refund that is due, one after another. */
export async function refundDuePayments(ctx: ShopContext) {
  const due = await dueRefunds(ctx.db, refundsPerRun);
  const outcomes = [];
  for (const id of due) outcomes.push(await refundPayment(ctx, id));
  return {
    refunded: outcomes.filter((o) => o === "refunded").length,
    failed: outcomes.filter((o) => o === "failed").length,
  };
}

/** Closes at their gateways the sessions the shop closed (the orders were canceled or expired). */
export async function closeGatewaySessions(ctx: ShopContext, sessions: Pick<PaymentRow, "gateway" | "authority">[]) {
  for (const session of sessions) await ctx.gateway(session.gateway).expire(session.authority);
}

/** After orders were canceled: their sessions closed at the gateways too, without holding the answer. */
export function closeSessionsOf(ctx: ShopContext, orderIds: string[]) {
  if (orderIds.length === 0) return;
  ctx.afterAnswer("closing payment sessions", async () =>
    closeGatewaySessions(ctx, await closedSessionsOf(ctx.db, orderIds)),
  );
}

const describe = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
