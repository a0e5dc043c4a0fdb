import type { DashboardMessage } from "../../../../realtime/messages.ts";
import type { Answer } from "../../lib/http.ts";
import type { api } from "../../lib/session.ts";

/** The admin app's shapes, as the worker's routes declare them (never written by hand). */
/** An order as staff lists show it, with its customer. */
export type StaffOrder = Answer<typeof api.admin.orders.$get>["items"][number];
/** One order with its payment attempts and what their gateway reported. */
export type OrderDetail = Answer<(typeof api.admin.orders)[":id"]["$get"]>;
export type Payment = OrderDetail["payments"][number];
/** Each order's outcome of a bulk action. */
export type BulkOrdersAnswer = Answer<typeof api.admin.orders.bulk.$post>;
/** What a staff move or a refund answers. */
export type MovedOrder = Answer<(typeof api.admin.orders)[":id"]["status"]["$post"]>;
/** An order as the dashboard room pushes it. */
export type LiveOrder = Extract<DashboardMessage, { type: "order" }>["order"];
export type OrderStatus = LiveOrder["status"];
export type OrderEvent = LiveOrder["events"][number];
export type AdminProduct = Answer<(typeof api.admin.products)[":id"]["$get"]>;
/** Each product's outcome of a bulk action (or of "Save all"). */
export type BulkProductsAnswer = Answer<typeof api.admin.products.bulk.$post>;
/** What "Save all" sends for one row: the product's changed fields. */
export type ProductRowChanges = Extract<
  Parameters<typeof api.admin.products.bulk.$post>[0]["json"],
  { action: "update" }
>["products"][number];
/** One variant as staff see it (inactive ones too), with its low-stock threshold and place. */
export type AdminVariant = AdminProduct["variants"][number];
/** One stock change of a variant: by how much, to what, why, by whom and when. */
export type InventoryChange = Answer<
  (typeof api.admin.products)[":id"]["variants"][":variantId"]["inventory"]["$get"]
>["items"][number];
export type Category = Answer<typeof api.categories.$get>["items"][number];
export type Brand = Answer<typeof api.brands.$get>["items"][number];
export type Coupon = Answer<typeof api.admin.coupons.$get>["items"][number];
export type Grant = Answer<(typeof api.admin.coupons)[":id"]["grants"]["$post"]>;
export type GrantView = Answer<(typeof api.admin.coupons)[":id"]["grants"]["$get"]>["items"][number];
export type Customer = Answer<typeof api.admin.customers.$get>["items"][number];
export type AdminUser = Answer<typeof api.admin.users.$get>["items"][number];
export type Role = AdminUser["role"];
export type QueuedComment = Answer<typeof api.admin.comments.$get>["items"][number];
export type QueuedRating = Answer<typeof api.admin.ratings.$get>["items"][number];
export type LiveStats = Extract<DashboardMessage, { type: "stats" }>["stats"];
/** A variant under its low-stock threshold, with its product. */
export type LowStockAlert = Omit<Extract<DashboardMessage, { type: "low_stock" }>, "type" | "version">;
export type CommentAlert = Extract<DashboardMessage, { type: "comment" }>["comment"];
