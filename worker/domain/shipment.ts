/** The carriers whose tracking page the shop knows; any other carrier is named as staff type it. */
export const knownCarriers = {
  UPS: "https://www.ups.com/track?tracknum=",
  USPS: "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
  FedEx: "https://www.fedex.com/fedextrack/?trknbr=",
  DHL: "https://www.dhl.com/en/express/tracking.html?AWB=",
} as const satisfies Record<string, string>;

/**
 * Where the shopper follows the parcel: the link staff gave, or the known carrier's tracking page for
 * the number (the carrier's name matched without regard to case), or none.
 */
export function trackingUrlOf(carrier: string | null, trackingNumber: string | null, given: string | null) {
  if (given) return given;
  if (!carrier || !trackingNumber) return null;
  const known = Object.entries(knownCarriers).find(([name]) => name.toLowerCase() === carrier.trim().toLowerCase());
  return known ? `${known[1]}${encodeURIComponent(trackingNumber)}` : null;
}
