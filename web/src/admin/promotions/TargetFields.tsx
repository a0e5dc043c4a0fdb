import { createAsync } from "@solidjs/router";
import { ErrorBoundary, Suspense } from "solid-js";
import { Async } from "../components/State.tsx";
import { getAdminProduct } from "../products/products.ts";
import { getBrands, getCategories } from "../taxonomy/taxonomy.ts";
import { ChipPicker } from "./ChipPicker.tsx";
import { ProductSearch } from "./ProductSearch.tsx";
import type { Target } from "./promotions.ts";

function ProductName(props: { id: string }) {
  const product = createAsync(() => getAdminProduct(props.id));
  return (
    <ErrorBoundary fallback="Unknown product">
      <Suspense fallback="…">{product()?.name}</Suspense>
    </ErrorBoundary>
  );
}

const byName = (items: { id: string; name: string }[]) => items.map((item) => ({ value: item.id, label: item.name }));

/** Which lines an action is about, picked by category, brand and product; nothing picked: every line. */
export function TargetFields(props: {
  title: string;
  target: Target;
  onChange: (target: Target) => void;
  currency: string;
  error?: string;
}) {
  const categories = createAsync(() => getCategories());
  const brands = createAsync(() => getBrands());
  const set = (key: keyof Target) => (ids: string[]) => props.onChange({ ...props.target, [key]: ids });
  const products = () => props.target.productIds ?? [];
  return (
    <section class="a-span a-form" aria-label={props.title}>
      <div class="a-span">
        <h3>{props.title}</h3>
        <p class="muted">A line must match every list that names something; with nothing picked, every line counts.</p>
        {props.error && <p class="a-field-error">{props.error}</p>}
      </div>
      <Async value={categories} keys={getCategories.key} what="the categories">
        {(list) => (
          <ChipPicker
            legend="Categories"
            chosen={props.target.categoryIds ?? []}
            choices={byName(list())}
            onChange={set("categoryIds")}
            empty="Any category."
          />
        )}
      </Async>
      <Async value={brands} keys={getBrands.key} what="the brands">
        {(list) => (
          <ChipPicker
            legend="Brands"
            chosen={props.target.brandIds ?? []}
            choices={byName(list())}
            onChange={set("brandIds")}
            empty="Any brand."
          />
        )}
      </Async>
      <Async value={categories} keys={getCategories.key} what="the categories">
        {(list) => (
          <ChipPicker
            legend="Except categories"
            chosen={props.target.excludeCategoryIds ?? []}
            choices={byName(list())}
            onChange={set("excludeCategoryIds")}
            empty="None left out."
          />
        )}
      </Async>
      <Async value={brands} keys={getBrands.key} what="the brands">
        {(list) => (
          <ChipPicker
            legend="Except brands"
            chosen={props.target.excludeBrandIds ?? []}
            choices={byName(list())}
            onChange={set("excludeBrandIds")}
            empty="None left out."
          />
        )}
      </Async>
      <ChipPicker
        legend="Products"
        chosen={products()}
        choices={[]}
        nameOf={(id) => <ProductName id={id} />}
        onChange={set("productIds")}
        empty="Any product."
        extra={
          <ProductSearch
            label="Find a product to add"
            currency={props.currency}
            onPick={({ product }) => !products().includes(product.id) && set("productIds")([...products(), product.id])}
          />
        }
      />
    </section>
  );
}
