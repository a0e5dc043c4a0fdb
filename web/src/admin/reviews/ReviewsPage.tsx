import { useSearchParams } from "@solidjs/router";
import { createSignal } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { showToast } from "../../lib/toast.ts";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { onDashboard } from "../lib/live.ts";
import { pageTitle } from "../lib/role.ts";
import { Queue } from "./Queue.tsx";
import { CommentText, RatingText } from "./QueuedTexts.tsx";
import { getCommentsPage, getRatingsPage, latestComments, queueFilters } from "./reviews.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadReviews as preload } from "./reviews.ts";

/** The moderation queues: review texts and comments wait for approval; approved ones can be hidden again. */
export default function ReviewsPage() {
  pageTitle("Reviews");
  const [params] = useSearchParams<{ show?: string }>();
  const approvedView = () => params.show === "approved";
  const filters = () => queueFilters(params);
  const [fresh, setFresh] = createSignal(new Set<string>());
  const ratings = createPagedList(getRatingsPage, filters);
  const comments = createPagedList(getCommentsPage, filters);

  // New comments arrive live: the newest page is read again and what is new joins the top.
  onDashboard(async (message) => {
    if (message.type !== "comment" || approvedView()) return;
    try {
      const page = await latestComments(filters());
      const known = new Set(comments.items().map((c) => c.id));
      const arrived = page.items.filter((c) => !known.has(c.id));
      if (arrived.length === 0) return;
      comments.update((items) => [...arrived, ...items]);
      setFresh((ids) => new Set([...ids, ...arrived.map((c) => c.id)]));
      showToast(arrived.length === 1 ? "A new comment is waiting." : `${arrived.length} new comments are waiting.`);
    } catch {
      // The next message or a reload brings it (or the queue could not be read: it says so).
    }
  });

  const tab = (show: "waiting" | "approved", label: string) => (
    <a
      href={show === "approved" ? "/admin/reviews?show=approved" : "/admin/reviews"}
      aria-current={(show === "approved") === approvedView() ? "page" : undefined}
    >
      {label}
    </a>
  );

  return (
    <section>
      <div class="a-title">
        <h1>Reviews</h1>
        <LiveBadge />
      </div>
      <nav aria-label="Which reviews">
        <ul class="a-tabs">
          <li>{tab("waiting", "Waiting for approval")}</li>
          <li>{tab("approved", "Approved")}</li>
        </ul>
      </nav>
      <div class="a-columns">
        <Queue
          title={approvedView() ? "Approved review texts" : "Review texts waiting"}
          kind="ratings"
          list={ratings}
          approvedView={approvedView()}
          fresh={fresh()}
          onDone={showToast}
          render={(rating) => <RatingText rating={rating} />}
        />
        <Queue
          title={approvedView() ? "Approved comments" : "Comments waiting"}
          kind="comments"
          list={comments}
          approvedView={approvedView()}
          fresh={fresh()}
          onDone={showToast}
          render={(comment) => <CommentText comment={comment} />}
        />
      </div>
    </section>
  );
}
