import { html } from "hono/html";

/**
 * The sandbox bank's payment page: the amount, and a button for each outcome (its script is bank.js);
 * a session that no longer takes money (paid, replaced, expired) says so and leads back to the order.
 */
export function sandboxPage(payment: { amount: number; currency: string; open: boolean; order_id: string }) {
  const amount = new Intl.NumberFormat("en-US", { style: "currency", currency: payment.currency }).format(
    payment.amount / 100,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Royal Sandbox Bank</title>
        <style>
          body { font-family: system-ui, sans-serif; background: #0f172a; color: #e2e8f0; display: grid; place-items: center; min-height: 100vh; margin: 0; }
          main { background: #1e293b; padding: 32px; border-radius: 16px; width: min(360px, 90vw); box-sizing: border-box; overflow-wrap: anywhere; }
          h1 { font-size: 1.1rem; margin: 0 0 8px; } .amount { font-size: 2rem; margin: 16px 0; }
          button { width: 100%; padding: 12px; margin-top: 8px; border: 0; border-radius: 8px; font: inherit; cursor: pointer; }
          .pay { background: #22c55e; color: #052e16; } .fail { background: #334155; color: #e2e8f0; }
        </style>
        <script src="/api/v1/sandbox/bank.js" defer></script>
      </head>
      <body>
        <main>
          <h1>Royal Sandbox Bank</h1>
          <p>A stand-in bank for local development. No real money moves.</p>
          <div class="amount" data-testid="sandbox-amount">${amount}</div>
          ${
            payment.open
              ? html`<button class="pay" data-outcome="success">Pay ${amount}</button>
                  <button class="fail" data-outcome="failure">Decline payment</button>`
              : html`<p role="alert">This payment is closed: it was paid, replaced by a newer one, or its order's reservation ran out. No money was taken here.</p>
                  <a href="/orders/${payment.order_id}">Back to the order</a>`
          }
          <p role="alert" data-testid="sandbox-error" hidden></p>
        </main>
      </body>
    </html>`;
}

/** The page's buttons: post the outcome to the bank, then follow it back to the shop. */
export const sandboxScript = `for (const button of document.querySelectorAll("button[data-outcome]")) {
  button.addEventListener("click", async () => {
    const response = await fetch(location.pathname, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: button.dataset.outcome }),
    });
    const body = await response.json();
    if (response.ok) {
      location.href = body.redirectUrl;
      return;
    }
    const error = document.querySelector("[data-testid=sandbox-error]");
    error.textContent = body.error?.message ?? "The bank could not take this payment.";
    error.hidden = false;
  });
}
`;
