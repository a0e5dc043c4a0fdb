import type { Bindings } from "../bindings.ts";
import type { PaymentGateway } from "./gateway.ts";
import { SandboxGateway } from "./sandbox.ts";
import { StripeGateway } from "./stripe.ts";

/** The gateway of a name, configured from the bindings. */
export function gatewayFor(env: Bindings, name: PaymentGateway["name"]): PaymentGateway {
  if (name === "stripe") return new StripeGateway(env.STRIPE_SECRET_KEY ?? "", env.STRIPE_WEBHOOK_SECRET ?? "");
  return new SandboxGateway(env.SANDBOX_GATEWAY_SECRET ?? "");
}
