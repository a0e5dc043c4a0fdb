import { A } from "@solidjs/router";
import { pageTitle } from "./lib/role.ts";

export default function AdminNotFoundPage() {
  pageTitle("Not found");
  return (
    <section>
      <h1>Not found</h1>
      <p>There is no admin page at this address.</p>
      <p>
        <A href="/admin">Back to the dashboard</A>
      </p>
    </section>
  );
}
