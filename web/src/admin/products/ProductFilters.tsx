import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { InputField, SelectField } from "../components/Fields.tsx";
import { categoryChoices, getCategories } from "../taxonomy/taxonomy.ts";
import { ReadSelect } from "./ReadSelect.tsx";

export type ProductParams = { q?: string; category?: string; minStock?: string; maxStock?: string; active?: string };

/** The list's filters: typed here, applied to the address (which the list follows) by Search. */
export function ProductFilters(props: { filtered: boolean }) {
  const [params, setParams] = useSearchParams<ProductParams>();
  const [q, setQ] = createSignal(params.q ?? "");
  const [category, setCategory] = createSignal(params.category ?? "");
  const [minStock, setMinStock] = createSignal(params.minStock ?? "");
  const [maxStock, setMaxStock] = createSignal(params.maxStock ?? "");
  const [active, setActive] = createSignal(params.active ?? "");
  const categories = createAsync(() => getCategories());

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    setParams({
      q: q().trim() || undefined,
      category: category() || undefined,
      minStock: minStock() || undefined,
      maxStock: maxStock() || undefined,
      active: active() || undefined,
    });
  };
  const clear = () => {
    for (const set of [setQ, setCategory, setMinStock, setMaxStock, setActive]) set("");
    setParams({ q: undefined, category: undefined, minStock: undefined, maxStock: undefined, active: undefined });
  };

  return (
    <form class="a-filters" aria-label="Filter products" onSubmit={apply}>
      <InputField label="Search the catalog" type="search" value={q()} onInput={setQ} />
      <ReadSelect
        label="Category"
        value={category()}
        onChange={setCategory}
        first={{ value: "", label: "All categories" }}
        list={categories}
        choices={(list) => categoryChoices(list, (c) => c.slug)}
        failed="Categories could not be loaded."
      />
      <InputField label="Stock from" type="number" min="0" value={minStock()} onInput={setMinStock} optional />
      <InputField label="Stock up to" type="number" min="0" value={maxStock()} onInput={setMaxStock} optional />
      <SelectField
        label="Availability"
        value={active()}
        onChange={setActive}
        choices={[
          { value: "", label: "All products" },
          { value: "true", label: "For sale" },
          { value: "false", label: "Not for sale" },
        ]}
      />
      <div class="a-filter-buttons">
        <button type="submit" class="button">
          Search
        </button>
        <Show when={props.filtered}>
          <button type="button" class="button secondary" onClick={clear}>
            Clear filters
          </button>
        </Show>
      </div>
    </form>
  );
}
