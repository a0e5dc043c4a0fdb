import { productLink } from "./columns.tsx";
import { PagedReport } from "./PagedReport.tsx";
import { getRatingsPage, noFilters, productRatings } from "./reports.ts";

/** Every rated product's average rating and number of votes. */
export function RatingsReport() {
  return (
    <PagedReport
      title="Rating averages"
      file="rating-averages"
      empty="No product has been rated yet."
      query={getRatingsPage}
      args={noFilters}
      read={(cursor) => productRatings(cursor)}
      columns={[
        { label: "Product", cell: productLink, csv: ["product", (r) => r.name] },
        {
          label: "Average",
          cell: (r) => `★ ${r.average.toFixed(2)}`,
          csv: ["average", (r) => r.average],
          numeric: true,
        },
        { label: "Votes", cell: (r) => r.count, csv: ["votes", (r) => r.count], numeric: true },
      ]}
    />
  );
}
