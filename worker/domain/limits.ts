/**
 * What one shopper can hold, so that nobody takes a variant's whole stock out of the shop by piling
 * it into carts and unpaid orders, and every amount fits the columns that store it.
 */

/** The most units of one variant a cart line (and so an order line) holds, however the line is reached. */
export const maxLineQuantity = 999;

/** The most unpaid orders a shopper holds at once; each reserves its stock until paid or expired. */
export const maxPendingOrders = 5;

/**
 * The most an order's subtotal plus shipping may come to (the shop's largest amount, see
 * schemas/common.ts): with tax on it, every amount of the order still fits its 32-bit column.
 */
export const maxOrderAmount = 1_000_000_000;

/** Whether an order of this subtotal and shipping may be placed (a cart may hold more, in 64 bits). */
export const withinOrderLimit = (subtotal: number, shipping: number) => subtotal + shipping <= maxOrderAmount;
