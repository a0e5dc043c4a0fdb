import { Field } from "../../components/Field.tsx";
import { CountrySelect } from "../checkout/CountrySelect.tsx";
import type { ShippingAddress } from "../orders/orders.ts";

/** A shipping address as the form holds it: every field text, the optional ones empty when not given. */
export type AddressDraft = Required<ShippingAddress>;

export const emptyAddress: AddressDraft = {
  name: "",
  line1: "",
  line2: "",
  city: "",
  subdivision: "",
  postalCode: "",
  country: "US",
  phone: "",
};

/** The address as the API takes it: without the optional fields left empty. */
export function shippingAddressOf(draft: AddressDraft): ShippingAddress {
  const { line2, subdivision, phone, ...rest } = draft;
  return {
    ...rest,
    ...(line2.trim() ? { line2 } : {}),
    ...(subdivision.trim() ? { subdivision } : {}),
    ...(phone.trim() ? { phone } : {}),
  };
}

/** Where the order goes; each field shows what the API said is wrong with it. */
export function AddressFields(props: {
  address: AddressDraft;
  onChange: (next: AddressDraft) => void;
  errors?: Record<string, string>;
  /** Where the API names these fields: `shippingAddress.` in a checkout, nothing in the address book. */
  errorPrefix?: string;
}) {
  const field = (name: keyof AddressDraft) => (value: string) => props.onChange({ ...props.address, [name]: value });
  const error = (name: keyof AddressDraft) => props.errors?.[`${props.errorPrefix ?? "shippingAddress."}${name}`];
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
        label="Apartment, suite, floor (optional)"
        name="line2"
        autocomplete="address-line2"
        required={false}
        value={props.address.line2}
        onInput={field("line2")}
        error={error("line2")}
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
        label="State or province (optional)"
        name="subdivision"
        autocomplete="address-level1"
        required={false}
        value={props.address.subdivision}
        onInput={field("subdivision")}
        error={error("subdivision")}
      />
      <Field
        label="Postal code"
        name="postalCode"
        autocomplete="postal-code"
        value={props.address.postalCode}
        onInput={field("postalCode")}
        error={error("postalCode")}
      />
      <CountrySelect value={props.address.country} onChange={field("country")} error={error("country")} />
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
