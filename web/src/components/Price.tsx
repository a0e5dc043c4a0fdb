import { Show } from "solid-js";
import { formatMoney } from "../lib/money.ts";

interface PriceProps {
  price: number;
  discount: number;
  oldPrice: number | null;
  shippingAmount: number;
  currency: string;
  /** The cheapest of several prices: shown as "from". */
  from?: boolean;
}

/** The shopper pays price − discount per item, plus shipping; a struck-through old price shows the saving. */
export function Price(props: PriceProps) {
  const unit = () => props.price - props.discount;
  const was = () => (props.discount > 0 ? props.price : props.oldPrice);
  return (
    <div class="price" data-testid="price">
      <strong>
        {props.from ? "From " : ""}
        {formatMoney(unit(), props.currency)}
      </strong>
      <Show when={was() && (was() as number) > unit()}>
        <s class="muted">
          <span class="visually-hidden">was </span>
          {formatMoney(was() as number, props.currency)}
        </s>
      </Show>
      <small class="muted">
        {props.shippingAmount > 0 ? `+ ${formatMoney(props.shippingAmount, props.currency)} shipping` : "Free shipping"}
      </small>
    </div>
  );
}
