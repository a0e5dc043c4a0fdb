import { A } from "@solidjs/router";

export default function NotFoundPage() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <A href="/">Back to the shop</A>
      </p>
    </section>
  );
}
