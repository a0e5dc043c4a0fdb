import { createChecks } from "../lib/checks.ts";
import { actionsOf, type Draft, instantOf } from "./promotion-draft.ts";
import type { Action, PromotionBody, Target } from "./promotions.ts";

/** A target without its empty lists; none at all when it names nothing (every line). */
export function targetOf(target: Target): Target | undefined {
  const kept = Object.entries(target).filter(([, ids]) => ids && ids.length > 0);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

type Checks = ReturnType<typeof createChecks>;

const above0 = <T extends number | null>(check: Checks, path: string, value: T): T => {
  if (value === 0) check.fail(path, "Enter an amount above zero.");
  return value;
};

function actionOf(d: Draft, check: Checks): Action {
  const percent = () => {
    const value = check.count("action.percent", d.percent, 1);
    if (value > 100) check.fail("action.percent", "At most 100 %.");
    return value;
  };
  switch (d.type) {
    case "percent": {
      const target = d.kind === "order" ? undefined : targetOf(d.target);
      const cap = above0(check, "action.cap", check.optionalMoney("action.cap", d.cap));
      return { type: "percent", percent: percent(), ...(target && { target }), ...(cap !== null && { cap }) };
    }
    case "fixed":
      return { type: "fixed", amount: above0(check, "action.amount", check.money("action.amount", d.amount)) };
    case "fixed_price": {
      const target = targetOf(d.target);
      if (!target) check.fail("action.target", "Pick the products, categories or brands sold at this price.");
      return { type: "fixed_price", price: check.money("action.price", d.amount), target: target ?? {} };
    }
    case "free_shipping":
      return { type: "free_shipping", ...(d.methodIds.length > 0 && { methodIds: d.methodIds }) };
    case "bxgy": {
      const max = check.optionalCount("action.maxApplications", d.maxApplications, 1);
      return {
        type: "bxgy",
        buy: targetOf(d.target) ?? {},
        buyQuantity: check.count("action.buyQuantity", d.buyQuantity, 1),
        get: targetOf(d.get) ?? {},
        getQuantity: check.count("action.getQuantity", d.getQuantity, 1),
        percent: percent(),
        ...(max !== null && { maxApplications: max }),
      };
    }
  }
}

/** The draft as the API takes it (a new one's code too); throws `FormInvalid` naming each problem. */
export function promotionBody(d: Draft, currency: string, isNew: boolean): PromotionBody {
  const check = createChecks(currency);
  const name = check.text("name", d.name, "A name");
  if (!actionsOf[d.kind].includes(d.type)) check.fail("action.type", "Choose what it takes off.");
  const action = actionOf(d, check);
  const [startsAt, endsAt] = [instantOf(d.startsAt), instantOf(d.endsAt)];
  if (startsAt === undefined) check.fail("startsAt", "Enter a date and time.");
  if (endsAt === undefined) check.fail("endsAt", "Enter a date and time.");
  if (startsAt && endsAt && endsAt <= startsAt) check.fail("endsAt", "The end must come after the start.");
  const priority = Number(d.priority.trim() || "0");
  if (!Number.isSafeInteger(priority) || Math.abs(priority) > 1_000_000)
    check.fail("priority", "Enter a whole number from -1000000 to 1000000.");
  const minSubtotal = check.optionalMoney("conditions.minSubtotal", d.minSubtotal);
  const minQuantity = check.optionalCount("conditions.minQuantity", d.minQuantity, 1);
  const customer = {
    ...(d.signedIn && { signedIn: true }),
    ...(d.firstOrder && { firstOrder: true }),
    ...(d.accountIds.length > 0 && { accountIds: d.accountIds }),
  };
  const code = isNew && d.method === "code" ? d.code.trim().toUpperCase() : "";
  if (code && !/^[A-Z0-9_-]{6,40}$/.test(code)) check.fail("code", "6 to 40 letters, digits, - or _.");
  const body: PromotionBody = {
    name,
    method: d.method,
    kind: d.kind,
    status: d.status,
    action,
    startsAt: startsAt ?? null,
    endsAt: endsAt ?? null,
    priority,
    combinesWith: d.combinesWith,
    usageLimit: check.optionalCount("usageLimit", d.usageLimit, 1),
    perCustomerLimit: check.optionalCount("perCustomerLimit", d.perCustomerLimit, 1),
    budget: above0(check, "budget", check.optionalMoney("budget", d.budget)),
    conditions: {
      ...(minSubtotal ? { minSubtotal } : {}),
      ...(minQuantity !== null && { minQuantity }),
      ...(Object.keys(customer).length > 0 && { customer }),
    },
    ...(code && { code }),
  };
  check.done();
  return body;
}
