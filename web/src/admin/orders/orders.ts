import { query, type RoutePreloadFuncArgs, type SearchParams } from "@solidjs/router";
import { ApiError, read, setOnly } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { endOfDay, startOfDay } from "../lib/dates.ts";
import { orderStatuses } from "../lib/orders.ts";
import type { OrderDetail, OrderStatus } from "../lib/types.ts";

/*
 * The orders' reads: the keyset list staff filter, and one order with its payments. Writes and live
 * updates of one order are in staff-order.ts.
 */

export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isStatus = (value: string | undefined): value is OrderStatus => orderStatuses.includes(value as OrderStatus);

/** One value of the address's query (the first, if it is repeated). */
const param = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What the orders list is filtered by, as the API takes it. */
export interface OrderFilters {
  q?: string;
  status?: OrderStatus;
  from?: string;
  to?: string;
  userId?: string;
}

/** The filters the address holds (`?q=&status=&from=&to=&userId=`); anything malformed is no filter. */
export function orderFilters(params: SearchParams): OrderFilters {
  const status = param(params.status);
  const from = param(params.from);
  const to = param(params.to);
  const userId = param(params.userId);
  return {
    q: param(params.q)?.trim() || undefined,
    status: isStatus(status) ? status : undefined,
    from: from ? startOfDay(from) : undefined,
    to: to ? endOfDay(to) : undefined,
    userId: userId && uuid.test(userId) ? userId : undefined,
  };
}

/** A page of orders, newest first, with their customer. */
export const getOrdersPage = query(
  (filters: OrderFilters, cursor?: string) =>
    read(api.admin.orders.$get({ query: setOnly({ ...filters, limit: "20", cursor }) })),
  "admin-orders",
);

/** One order as staff see it: its customer, and its payment attempts with what their gateway reported. */
export const getOrder = query((id: string): Promise<OrderDetail> => {
  if (!uuid.test(id)) return Promise.reject(new ApiError(404, "not_found", "No such order."));
  return read(api.admin.orders[":id"].$get({ param: { id } }));
}, "admin-order-detail");

/** /admin/orders: the list's first page, with the filters of the address. */
export function preloadOrders(args: RoutePreloadFuncArgs) {
  return [getOrdersPage(orderFilters(args.location.query))];
}

/** /admin/orders/:id: the order. */
export function preloadOrder(args: RoutePreloadFuncArgs) {
  return [getOrder(args.params.id ?? "")];
}
