import { AppError, type ErrorCode } from "./errors.ts";

/** The SQLSTATE and constraint of a Postgres error, which drizzle wraps in `cause`. */
export function pgError(error: unknown): { code: string; constraint?: string; detail?: string } | null {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      const { constraint, detail } = e as { constraint?: string; detail?: string };
      return { code, constraint, detail };
    }
  }
  return null;
}

/** The value a unique violation found taken ("Key (sku)=(ABC-1) already exists."). */
const takenValue = (detail: string | undefined) => /^Key \([^)]+\)=\((.*)\) already exists\.$/.exec(detail ?? "")?.[1];

/**
 * A business conflict a statement gave up with (the royal_refuse function: SQLSTATE RS409, the code
 * as its message, details as JSON), or the coupon's global limit holding (its CHECK).
 */
export function refusalOf(
  error: unknown,
): { code: ErrorCode | "replayed" | "cart_changed" | "promotion_changed"; details?: unknown } | null {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, message, detail, constraint } = e as {
      code?: unknown;
      message?: unknown;
      detail?: unknown;
      constraint?: unknown;
    };
    if (code === "RS409" && typeof message === "string") {
      const details = typeof detail === "string" && detail ? (JSON.parse(detail) as unknown) : undefined;
      return { code: message as ErrorCode, details };
    }
    if (code === "23514" && constraint === "coupons_used_within_limit") return { code: "coupon_exhausted" };
  }
  return null;
}

/** The request field each constraint guards, and what it asks of that field. */
const guarded: Record<string, { path: string; message: string }> = {
  users_display_name_length: { path: "displayName", message: "1 to 40 characters" },
  categories_slug_unique: { path: "slug", message: "another category has this slug" },
  categories_not_own_parent: { path: "parentId", message: "a category cannot be its own parent" },
  categories_parent_id_categories_id_fk: { path: "parentId", message: "no such category, or it still has children" },
  brands_slug_unique: { path: "slug", message: "another brand has this slug" },
  products_slug_unique: { path: "slug", message: "another product has this slug" },
  product_variants_sku_unique: { path: "sku", message: "another variant has this SKU" },
  product_variants_one_per_combination: { path: "options", message: "the product has a variant with these options" },
  product_variants_price_nonnegative: { path: "price", message: "cannot be negative" },
  product_variants_old_price_nonnegative: { path: "oldPrice", message: "cannot be negative" },
  product_variants_shipping_nonnegative: { path: "shippingAmount", message: "cannot be negative" },
  product_variants_discount_within_price: { path: "discount", message: "must be between 0 and the price" },
  product_variants_actual_price_within_limit: {
    path: "price",
    message: "price + shipping − discount is at most 1,000,000,000",
  },
  product_variants_stock_nonnegative: { path: "stockQty", message: "cannot be negative" },
  product_variants_threshold_nonnegative: { path: "lowStockThreshold", message: "cannot be negative" },
  product_options_name_per_product: { path: "options", message: "each option once" },
  products_category_id_categories_id_fk: { path: "categoryId", message: "no such category" },
  products_brand_id_brands_id_fk: { path: "brandId", message: "no such brand" },
  coupons_value_positive: { path: "value", message: "must be above 0" },
  coupons_percent_at_most_100: { path: "value", message: "a percent coupon is at most 100" },
  coupons_valid_for_positive: { path: "validFor", message: "must be longer than zero" },
  coupons_limits_positive: { path: "usageLimit", message: "limits must be above 0" },
  coupons_used_within_limit: { path: "usageLimit", message: "cannot be below the uses already counted" },
  coupons_amounts_nonnegative: { path: "minSubtotal", message: "amounts cannot be negative" },
  shipping_zones_name_unique: { path: "name", message: "another zone has this name" },
  shipping_zones_have_countries: { path: "countries", message: "at least one country" },
  shipping_methods_name_per_zone: { path: "name", message: "the zone has a method of this name" },
  shipping_methods_amounts_nonnegative: { path: "price", message: "amounts cannot be negative" },
  shipping_methods_days_in_order: { path: "maxDays", message: "is at least minDays" },
  shipping_rates_band_valid: { path: "bands", message: "each band's max is above its min" },
  shipping_rates_bands_apart: { path: "bands", message: "bands of a method never overlap" },
  tax_classes_name_unique: { path: "name", message: "another tax class has this name" },
  tax_classes_one_default: { path: "isDefault", message: "another class became the default meanwhile" },
  tax_rates_one_per_region: { path: "country", message: "the class has a rate for this region" },
  tax_rates_rate_within_bounds: { path: "rateBps", message: "from 0 to 10000" },
  tax_rates_tax_class_id_tax_classes_id_fk: { path: "id", message: "no such tax class" },
  product_variants_tax_class_id_tax_classes_id_fk: {
    path: "taxClassId",
    message: "no such tax class, or variants use it",
  },
  product_variants_weight_nonnegative: { path: "weightGrams", message: "cannot be negative" },
  shop_settings_shipping_tax_class_id_tax_classes_id_fk: {
    path: "shippingTaxClassId",
    message: "no such tax class, or shipping is taxed by it",
  },
};

/**
 * Turns constraint violations into the contract's errors, naming the field the constraint guards:
 * a taken unique value, an overlap or a row still referenced is a 409 conflict; a reference to nothing or a
 * failed check is a 400 `invalid_request`.
 */
export async function withConstraints<T>(work: () => Promise<T>, what: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const pg = pgError(error);
    if (!pg?.constraint) throw error;
    const field = guarded[pg.constraint];
    const details = field ? [field] : [{ path: "", message: pg.constraint }];
    if (pg.code === "23505") {
      const value = takenValue(pg.detail);
      throw new AppError(
        "conflict",
        `That ${what} already exists.`,
        details.map((d) => (value === undefined ? d : { ...d, value })),
      );
    }
    if (pg.code === "23514")
      throw new AppError(
        "invalid_request",
        `The ${what}'s ${field?.path ?? "data"} ${field?.message ?? "breaks a rule of the shop"}.`,
        details,
      );
    // 23P01 exclusion violation: the row overlaps another that the constraint keeps apart.
    if (pg.code === "23P01") throw new AppError("conflict", `The ${what} overlaps another.`, details);
    // 23503 foreign key violation, 23001 restrict violation (ON DELETE RESTRICT).
    if (pg.code === "23503" || pg.code === "23001") {
      if (pg.constraint.startsWith("order_items"))
        throw new AppError("conflict", `The ${what} is part of orders; deactivate it instead.`, details);
      throw new AppError("conflict", `The ${what} is referenced elsewhere, or refers to something missing.`, details);
    }
    throw error;
  }
}

export const slugify = (text: string) =>
  text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120) || "item";
