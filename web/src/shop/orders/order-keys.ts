/*
 * The keys of the orders this browser placed as a guest: the bank sends the shopper back to the
 * order's page, which opens with its key without an account.
 */

const storeKey = "royal-shop:order-keys";

function stored(): Record<string, string> {
  try {
    const keys: unknown = JSON.parse(localStorage.getItem(storeKey) ?? "{}");
    return keys && typeof keys === "object" ? (keys as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export const orderKeyOf = (orderId: string): string | undefined => stored()[orderId];

export function rememberOrderKey(orderId: string, key: string) {
  localStorage.setItem(storeKey, JSON.stringify({ ...stored(), [orderId]: key }));
}
