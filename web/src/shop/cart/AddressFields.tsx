import { Field } from "../../components/Field.tsx";
import type { ShippingAddress } from "../orders/orders.ts";

/** A shipping address as the form holds it: every field text, the phone empty when not given. */
export type AddressDraft = Required<ShippingAddress>;

export const emptyAddress: AddressDraft = { name: "", line1: "", city: "", postalCode: "", country: "US", phone: "" };

/** The address as the API takes it: without the phone when none was given. */
export function shippingAddressOf(draft: AddressDraft): ShippingAddress {
  const { phone, ...rest } = draft;
  return phone.trim() ? { ...rest, phone } : rest;
}

/** Where the order goes; each field shows what the API said is wrong with it (`shippingAddress.<field>`). */
export function AddressFields(props: {
  address: AddressDraft;
  onChange: (next: AddressDraft) => void;
  errors?: Record<string, string>;
}) {
  const field = (name: keyof AddressDraft) => (value: string) => props.onChange({ ...props.address, [name]: value });
  const error = (name: keyof AddressDraft) => props.errors?.[`shippingAddress.${name}`];
  return (
    <>
      <Field
        label="Full name"
        name="name"
        autocomplete="name"
        value={props.address.name}
        onInput={field("name")}
        error={error("name")}
      />
      <Field
        label="Address"
        name="line1"
        autocomplete="address-line1"
        value={props.address.line1}
        onInput={field("line1")}
        error={error("line1")}
      />
      <Field
        label="City"
        name="city"
        autocomplete="address-level2"
        value={props.address.city}
        onInput={field("city")}
        error={error("city")}
      />
      <Field
        label="Postal code"
        name="postalCode"
        autocomplete="postal-code"
        value={props.address.postalCode}
        onInput={field("postalCode")}
        error={error("postalCode")}
      />
      <Field
        label="Country (2 letters)"
        name="country"
        autocomplete="country"
        pattern="[A-Z]{2}"
        value={props.address.country}
        onInput={field("country")}
        error={error("country")}
      />
      <Field
        label="Phone for the delivery (optional)"
        name="phone"
        type="tel"
        autocomplete="tel"
        required={false}
        value={props.address.phone}
        onInput={field("phone")}
        error={error("phone")}
      />
    </>
  );
}
