import { useParams, useSearchParams } from "@solidjs/router";
import { lazy, Show } from "solid-js";
import { SignedIn } from "../../components/SignedIn.tsx";
import { orderKeyOf } from "./order-keys.ts";

const OrderPage = lazy(() => import("./OrderPage.tsx"));
const GuestOrderPage = lazy(() => import("./GuestOrderPage.tsx"));

/**
 * `/orders/:id`: a guest's order when a key opens it (the link's `?key=`, or the one this browser
 * kept when it placed the order), else one of the signed-in shopper's orders.
 */
export default function OrderRoute() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ key?: string }>();
  const key = () => (typeof search.key === "string" && search.key) || orderKeyOf(params.id);
  return (
    <Show
      when={key()}
      keyed
      fallback={
        <SignedIn>
          <OrderPage />
        </SignedIn>
      }
    >
      {(orderKey) => <GuestOrderPage id={params.id} orderKey={orderKey} />}
    </Show>
  );
}
