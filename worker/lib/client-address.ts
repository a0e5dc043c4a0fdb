import ipaddr from "ipaddr.js";

/**
 * The identity per-address limits count: an IPv4 address as it is, an IPv6 client by its /64, which
 * one subscriber holds whole (RFC 6177), so walking through its addresses counts as one client. An
 * IPv4 address mapped into IPv6 (`::ffff:192.0.2.1`) is that IPv4 address; anything unparsable counts
 * as itself.
 */
export function clientAddressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
