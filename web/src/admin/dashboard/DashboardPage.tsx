import { LiveBadge } from "../components/LiveBadge.tsx";
import { pageTitle } from "../lib/role.ts";
import { DashboardCharts } from "./DashboardCharts.tsx";
import { DashboardCounters } from "./DashboardCounters.tsx";
import { DashboardFeeds } from "./DashboardFeeds.tsx";
import { followDashboard } from "./dashboard.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadDashboard as preload } from "./dashboard.ts";

/** The staff's live dashboard: counters, charts and feeds, kept current by the dashboard socket. */
export default function DashboardPage() {
  pageTitle("Dashboard");
  followDashboard();
  return (
    <section>
      <div class="a-title">
        <h1>Live dashboard</h1>
        <LiveBadge />
      </div>
      <DashboardCounters />
      <DashboardCharts />
      <DashboardFeeds />
    </section>
  );
}
