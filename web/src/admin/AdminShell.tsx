import { A, useLocation } from "@solidjs/router";
import { createSignal, For, type ParentProps, Show, Suspense } from "solid-js";
import { PageBoundary } from "../components/PageBoundary.tsx";
import { user } from "../lib/session.ts";
import { Loading } from "./components/State.tsx";
import { holdDashboard } from "./lib/live.ts";
import { isAdmin } from "./lib/role.ts";
import "./admin.css";

/** The admin app's sections; admin-only ones are not offered to staff. */
export const sections: { href: string; label: string; end?: boolean; adminOnly?: boolean }[] = [
  { href: "/admin", label: "Dashboard", end: true },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/products", label: "Products" },
  { href: "/admin/categories", label: "Categories" },
  { href: "/admin/brands", label: "Brands" },
  { href: "/admin/coupons", label: "Coupons" },
  { href: "/admin/promotions", label: "Promotions" },
  { href: "/admin/shipping", label: "Shipping" },
  { href: "/admin/taxes", label: "Taxes" },
  { href: "/admin/customers", label: "Customers" },
  { href: "/admin/reviews", label: "Reviews" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/audit", label: "Audit log", adminOnly: true },
];

/**
 * One frame for every /admin page, apart from the shop's: a top bar with the way back to the shop, the
 * sections' navigation (a menu button on small screens) and the page. The shell stays while staff move between pages, and so does the dashboard socket it holds;
 * each page gets a fresh error boundary of its own.
 */
export default function AdminShell(props: ParentProps) {
  const location = useLocation();
  const [open, setOpen] = createSignal(false);
  holdDashboard();
  const visible = () => sections.filter((section) => !section.adminOnly || isAdmin());
  return (
    <div class="a-frame">
      <header class="a-topbar">
        <A href="/admin" end class="a-brand">
          Royal Shop <span class="a-brand-sub">Admin</span>
        </A>
        <A href="/" class="a-shop-link">
          <span aria-hidden="true">← </span>View shop
        </A>
      </header>
      <div class="a-shell">
        <nav class="a-nav" aria-label="Admin">
          <div class="a-nav-head">
            <span class="a-nav-title">Admin</span>
            <button
              type="button"
              class="button secondary a-menu-button"
              aria-expanded={open()}
              aria-controls="admin-sections"
              onClick={() => setOpen(!open())}
            >
              {open() ? "Close menu" : "Menu"}
            </button>
          </div>
          <ul id="admin-sections" class="a-nav-list" classList={{ "a-nav-open": open() }}>
            <For each={visible()}>
              {(section) => (
                <li>
                  <A href={section.href} end={section.end}>
                    {section.label}
                  </A>
                </li>
              )}
            </For>
          </ul>
          <Show when={user()}>
            {(me) => (
              <p class="a-nav-who muted">
                {me().username}
                <br />
                <span class="a-role">{me().role}</span>
              </p>
            )}
          </Show>
        </nav>
        <main class="a-page">
          <Show when={location.pathname} keyed>
            <PageBoundary>
              <Suspense fallback={<Loading what="the page" />}>{props.children}</Suspense>
            </PageBoundary>
          </Show>
        </main>
      </div>
    </div>
  );
}
