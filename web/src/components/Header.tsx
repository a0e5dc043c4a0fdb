import { A } from "@solidjs/router";

export function Header() {
  return (
    <header class="header">
      <div class="container header-row">
        <A href="/" class="brand">
          <span aria-hidden="true">♛</span> Royal Shop
        </A>
        <nav class="nav">
          <A href="/" end>
            Shop
          </A>
        </nav>
      </div>
    </header>
  );
}
