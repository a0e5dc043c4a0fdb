import { Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import type { Form } from "../../lib/form.ts";
import { CouponPicker } from "./CouponPicker.tsx";
import type { CouponPreview } from "./coupon-preview.ts";

/**
 * The checkout's coupon: one of mine picked, or a code typed and applied; its refusal (`error`, from
 * the preview or from placing the order) said beside the field, gone once the field changes.
 */
export function CouponField(props: { coupon: CouponPreview; placing: Form; error?: string; placedWithIt: boolean }) {
  const coupon = props.coupon;
  return (
    <>
      <CouponPicker
        chosen={coupon.previewed()}
        onUse={(code) => {
          props.placing.clear();
          coupon.use(code);
        }}
      />
      <div class="coupon-row">
        <Field
          label="Coupon code"
          name="coupon"
          required={false}
          value={coupon.code()}
          onInput={(code) => {
            if (props.placedWithIt) props.placing.clear();
            coupon.setCode(code);
          }}
          error={props.error}
        />
        <Show
          when={coupon.applied()}
          fallback={
            <button
              type="button"
              class="button secondary"
              onClick={() => {
                props.placing.clear();
                coupon.apply();
              }}
              disabled={!coupon.code()}
            >
              Apply
            </button>
          }
        >
          <button type="button" class="button secondary" onClick={coupon.remove}>
            Remove coupon
          </button>
        </Show>
      </div>
    </>
  );
}
