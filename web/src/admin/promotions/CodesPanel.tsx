import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { createChecks } from "../lib/checks.ts";
import { csvName, downloadCsv } from "../lib/csv.ts";
import { CodeList } from "./CodeList.tsx";
import { getPromotion, getPromotionCodesPage, type Promotion } from "./promotions.ts";

const download = (codes: string[]) =>
  downloadCsv(
    csvName("promotion-codes"),
    codes.map((code) => ({ code })),
    ["code"],
  );

/**
 * A promotion's codes: a batch is generated and downloaded at once (the shop keeps only their hashes,
 * so this page is the last place they can be had), then only their hints and uses are shown.
 */
export function CodesPanel(props: { promotion: Promotion }) {
  const form = createForm({ refresh: [getPromotionCodesPage.key, getPromotion.key] });
  const [count, setCount] = createSignal("100");
  const [prefix, setPrefix] = createSignal("");
  const [usageLimit, setUsageLimit] = createSignal("1");
  const [batch, setBatch] = createSignal<string[]>([]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const n = check.count("count", count(), 1);
      if (n > 5_000) check.fail("count", "At most 5,000 at a time.");
      const start = prefix().trim().toUpperCase();
      if (!/^[A-Z0-9_-]{0,20}$/.test(start)) check.fail("prefix", "Up to 20 letters, digits, - or _.");
      const limit = check.optionalCount("usageLimit", usageLimit(), 1);
      check.done();
      const json = { count: n, usageLimit: limit, ...(start && { prefix: start }) };
      const { codes } = await read(
        api.admin.promotions[":id"].codes.$post({ param: { id: props.promotion.id }, json }),
      );
      setBatch(codes);
      download(codes);
      return `${codes.length} codes generated and downloading: keep the file, the shop cannot show them again.`;
    });
  };

  return (
    <section class="a-panel" aria-labelledby="promotion-codes">
      <h2 id="promotion-codes">Codes</h2>
      <form class="a-form" onSubmit={submit} aria-label="Generate codes" novalidate>
        <InputField
          label="How many"
          type="number"
          min="1"
          max="5000"
          value={count()}
          onInput={setCount}
          error={form.errors().count}
        />
        <InputField
          label="Prefix"
          value={prefix()}
          onInput={setPrefix}
          error={form.errors().prefix}
          hint="Such as SUMMER-."
          optional
        />
        <InputField
          label="Uses of each code"
          type="number"
          min="1"
          value={usageLimit()}
          onInput={setUsageLimit}
          error={form.errors().usageLimit}
          hint="Empty for no limit."
          optional
        />
        <div class="a-span a-actions">
          <button type="submit" class="button" disabled={form.busy()}>
            {form.busy() ? "Generating…" : "Generate and download CSV"}
          </button>
          <Show when={batch().length > 0}>
            <button type="button" class="button secondary" onClick={() => download(batch())}>
              Download the last batch again
            </button>
          </Show>
        </div>
      </form>
      <FormStatus form={form} />
      <CodeList promotionId={props.promotion.id} />
    </section>
  );
}
