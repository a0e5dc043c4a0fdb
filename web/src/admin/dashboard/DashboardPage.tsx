import { LiveBadge } from "../components/LiveBadge.tsx";
import { pageTitle } from "../lib/role.ts";
import { DashboardCharts } from "./DashboardCharts.tsx";
import { DashboardCounters } from "./DashboardCounters.tsx";
import { DashboardFeeds } from "./DashboardFeeds.tsx";
import { createDashboard } from "./dashboard.ts";

/** The staff's live dashboard: counters, charts and feeds, kept current by the dashboard socket. */
export default function DashboardPage() {
  pageTitle("Dashboard");
  const dashboard = createDashboard();
  return (
    <section>
      <div class="a-title">
        <h1>Live dashboard</h1>
        <LiveBadge />
      </div>
      <DashboardCounters dashboard={dashboard} />
      <DashboardCharts dashboard={dashboard} />
      <DashboardFeeds dashboard={dashboard} />
    </section>
  );
}
