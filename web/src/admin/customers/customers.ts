import { query, type RoutePreloadFuncArgs, type SearchParams } from "@solidjs/router";
import { read, setOnly } from "../../lib/http.ts";
import { api, user } from "../../lib/session.ts";
import { isAdmin } from "../lib/role.ts";
import type { Role } from "../lib/types.ts";

/*
 * The customers page's reads: admins see every account (and manage them), staff find customers;
 * both look at a customer's latest orders.
 */

export const roles: { value: Role; label: string }[] = [
  { value: "customer", label: "Customer" },
  { value: "staff", label: "Staff" },
  { value: "admin", label: "Admin" },
];
export const roleLabel = (role: Role) => roles.find((r) => r.value === role)?.label ?? role;

/** One value of the address's query (the first, if it is repeated). */
const param = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What the admins' list of accounts is filtered by: text and role (`?q=&role=`). */
export interface AccountFilters {
  q?: string;
  role?: Role;
}

export function accountFilters(params: SearchParams): AccountFilters {
  const role = param(params.role);
  return {
    q: param(params.q)?.trim() || undefined,
    role: roles.some((r) => r.value === role) ? (role as Role) : undefined,
  };
}

/** What staff search customers by: text (`?q=`). */
export const customerFilters = (params: SearchParams): { q?: string } => ({
  q: param(params.q)?.trim() || undefined,
});

/** A page of accounts, any role, for admins. */
export const getAccountsPage = query(
  (filters: AccountFilters, cursor?: string) =>
    read(api.admin.users.$get({ query: setOnly({ ...filters, limit: "20", cursor }) })),
  "admin-accounts",
);

/** A page of customers, as staff may find them. */
export const getCustomersPage = query(
  (filters: { q?: string }, cursor?: string) =>
    read(api.admin.customers.$get({ query: setOnly({ ...filters, limit: "20", cursor }) })),
  "admin-customers",
);

/** A customer's five latest orders (with a cursor when there are more). */
export const getRecentOrders = query(
  (userId: string) => read(api.admin.orders.$get({ query: { userId, limit: "5" } })),
  "admin-customer-orders",
);

/** /admin/customers: the accounts for an admin, the customers for staff (nothing before the role is known). */
export function preloadCustomers(args: RoutePreloadFuncArgs) {
  if (!user()) return [];
  if (isAdmin()) return [getAccountsPage(accountFilters(args.location.query))];
  return [getCustomersPage(customerFilters(args.location.query))];
}
