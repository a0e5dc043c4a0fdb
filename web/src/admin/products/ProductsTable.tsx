import { ForById } from "../components/ForById.tsx";
import { SelectAll } from "../components/Selection.tsx";
import type { Selection } from "../lib/selection.ts";
import type { AdminProduct } from "../lib/types.ts";
import { QuickEdit } from "./QuickEdit.tsx";
import type { RowDrafts } from "./row-drafts.ts";

/** Products as staff list them: a box to select each, and its price, stock and sale edited in place. */
export function ProductsTable(props: { products: AdminProduct[]; drafts: RowDrafts; selection: Selection }) {
  return (
    <table class="a-table" data-testid="products-table">
      <thead>
        <tr>
          <SelectAll
            selection={props.selection}
            ids={props.products.map((p) => p.id)}
            label="Select all products on this page"
          />
          <th scope="col">Product</th>
          <th scope="col">Price</th>
          <th scope="col" class="a-num">
            Customer pays
          </th>
          <th scope="col">Stock</th>
          <th scope="col">For sale</th>
        </tr>
      </thead>
      <tbody>
        <ForById each={props.products}>
          {(product) => <QuickEdit product={product()} drafts={props.drafts} selection={props.selection} />}
        </ForById>
      </tbody>
    </table>
  );
}
