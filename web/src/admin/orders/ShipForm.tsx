import { createSignal } from "solid-js";
import { FormInvalid } from "../../lib/field-errors.ts";
import { InputField } from "../components/Fields.tsx";
import type { StaffOrder } from "./staff-order.ts";

/** The carriers whose tracking page the shop links by itself (worker/domain/shipment.ts). */
const knownCarriers = ["UPS", "USPS", "FedEx", "DHL"];

/**
 * Ships the order: who carries the parcel, and its tracking number and link (optional); or, for an
 * order shipped already (`shipped` given), corrects them.
 */
export function ShipForm(props: {
  staff: StaffOrder;
  shipped?: { carrier: string | null; trackingNumber: string | null };
}) {
  const { form, ship, correctShipment } = props.staff;
  const [carrier, setCarrier] = createSignal(props.shipped?.carrier ?? "");
  const [trackingNumber, setTrackingNumber] = createSignal(props.shipped?.trackingNumber ?? "");
  const [trackingUrl, setTrackingUrl] = createSignal("");
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void (props.shipped ? correctShipment : ship)(() => {
      if (!carrier().trim()) throw new FormInvalid({ carrier: "Say who carries the parcel." });
      return {
        carrier: carrier().trim(),
        ...(trackingNumber().trim() ? { trackingNumber: trackingNumber().trim() } : {}),
        ...(trackingUrl().trim() ? { trackingUrl: trackingUrl().trim() } : {}),
      };
    });
  };
  return (
    <form
      class="a-ship"
      aria-label={props.shipped ? "Change the tracking" : "Ship the order"}
      onSubmit={submit}
      noValidate
    >
      <InputField
        label="Carrier"
        value={carrier()}
        onInput={setCarrier}
        list="a-carriers"
        maxLength={60}
        error={form.errors().carrier}
      />
      <datalist id="a-carriers">
        {knownCarriers.map((name) => (
          <option value={name} />
        ))}
      </datalist>
      <InputField
        label="Tracking number"
        value={trackingNumber()}
        onInput={setTrackingNumber}
        maxLength={100}
        optional
        error={form.errors().trackingNumber}
      />
      <InputField
        label="Tracking link"
        type="url"
        value={trackingUrl()}
        onInput={setTrackingUrl}
        maxLength={500}
        optional
        hint={`Filled in by itself for ${knownCarriers.join(", ")}`}
        error={form.errors().trackingUrl}
      />
      <button type="submit" class="button" disabled={form.busy()}>
        {props.shipped ? "Save tracking" : "Mark as shipped"}
      </button>
    </form>
  );
}
