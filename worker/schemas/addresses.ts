import { z } from "@hono/zod-openapi";
import { addressFields, postalCodeCheck } from "./orders.ts";

/** A saved address as I send it: its fields, and whether it becomes my default for shipping or billing. */
export const addressBody = addressFields
  .extend({
    isDefaultShipping: z.boolean().optional(),
    isDefaultBilling: z.boolean().optional(),
  })
  .superRefine(postalCodeCheck)
  .openapi("AddressBody");

export const addressSchema = addressFields
  .extend({
    id: z.string(),
    isDefaultShipping: z.boolean(),
    isDefaultBilling: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("Address");

export const addressListSchema = z.object({ items: z.array(addressSchema) }).openapi("AddressList");

export type AddressBody = z.infer<typeof addressBody>;
export type Address = z.infer<typeof addressSchema>;
