import Papa from "papaparse";
import { formulaLike } from "../../../../worker/schemas/csv-formulae.ts";

/** Rows as the shop's CSV files hold them: cells a spreadsheet would run as formulas are escaped. */
export const toCsv = (rows: Record<string, unknown>[], columns?: string[]) =>
  Papa.unparse(rows, { columns, newline: "\r\n", escapeFormulae: formulaLike });

/** Downloads rows as a CSV file (UTF-8 with a byte-order mark, so spreadsheet apps read accents). */
export function downloadCsv(filename: string, rows: Record<string, unknown>[], columns?: string[]) {
  const csv = toCsv(rows, columns);
  const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today's date for file names: royal-shop-stock-left-2026-11-20.csv. */
export const csvName = (report: string) => `royal-shop-${report}-${new Date().toISOString().slice(0, 10)}.csv`;
