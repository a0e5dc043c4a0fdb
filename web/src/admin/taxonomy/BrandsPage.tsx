import { A, createAsync } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { Async, Empty } from "../components/State.tsx";
import { createChecks } from "../lib/checks.ts";
import { describeAdminError } from "../lib/errors.ts";
import { pageTitle } from "../lib/role.ts";
import type { Brand } from "../lib/types.ts";
import { getBrands } from "./taxonomy.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadBrands as preload } from "./taxonomy.ts";

function BrandRow(props: { brand: Brand }) {
  const [editing, setEditing] = createSignal(false);
  const [name, setName] = createSignal(props.brand.name);
  const [slug, setSlug] = createSignal(props.brand.slug);
  const form = createForm({ refresh: [getBrands.key] });
  const removal = createForm({ refresh: [getBrands.key] });
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = {
        name: check.text("name", name(), "A name"),
        ...(slug().trim() && slug().trim() !== props.brand.slug ? { slug: slug().trim() } : {}),
      };
      check.done();
      await read(api.admin.brands[":id"].$patch({ param: { id: props.brand.id }, json }));
      setEditing(false);
    });
  };
  return (
    <li class="a-card" data-brand={props.brand.slug}>
      <div class="a-card-head">
        <h2>{props.brand.name}</h2>
        <span class="muted">/{props.brand.slug}</span>
        <span class="a-spacer" />
        <span class="a-row-actions">
          <button
            type="button"
            class="button secondary a-small"
            aria-expanded={editing()}
            onClick={() => {
              setName(props.brand.name);
              setSlug(props.brand.slug);
              form.clear();
              setEditing(!editing());
            }}
          >
            {editing() ? "Cancel" : "Rename"}
            <span class="visually-hidden"> {props.brand.name}</span>
          </button>
          <ConfirmButton
            label="Delete"
            question={`Delete ${props.brand.name}? Its products stay, without a brand.`}
            confirmLabel="Delete"
            danger
            disabled={removal.busy()}
            onConfirm={() =>
              removal.run(async () => {
                await read(api.admin.brands[":id"].$delete({ param: { id: props.brand.id } }));
              })
            }
          />
        </span>
      </div>
      <Show when={removal.error()}>
        <p class="form-error" role="alert">
          {describeAdminError(removal.error())}
        </p>
      </Show>
      <Show when={editing()}>
        <form class="a-inline-form" onSubmit={save} aria-label={`Rename ${props.brand.name}`}>
          <InputField label="Name" value={name()} onInput={setName} error={form.errors().name} />
          <InputField label="Slug" value={slug()} onInput={setSlug} error={form.errors().slug} />
          <button type="submit" class="button" disabled={form.busy()}>
            Save
          </button>
        </form>
        <FormStatus form={form} />
      </Show>
    </li>
  );
}

export default function BrandsPage() {
  pageTitle("Brands");
  const brands = createAsync(() => getBrands());
  const [name, setName] = createSignal("");
  const [slug, setSlug] = createSignal("");
  const form = createForm({ refresh: [getBrands.key] });
  const sorted = (list: Brand[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

  const create = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = { name: check.text("name", name(), "A name"), ...(slug().trim() ? { slug: slug().trim() } : {}) };
      check.done();
      const created = await read(api.admin.brands.$post({ json }));
      setName("");
      setSlug("");
      return `${created.name} was added.`;
    });
  };

  return (
    <section>
      <div class="a-title">
        <h1>Brands</h1>
      </div>
      <section class="a-panel">
        <h2>New brand</h2>
        <form class="a-form" onSubmit={create} aria-label="New brand">
          <InputField label="Name" value={name()} onInput={setName} error={form.errors().name} maxLength={100} />
          <InputField
            label="Slug"
            value={slug()}
            onInput={setSlug}
            error={form.errors().slug}
            optional
            hint="Made from the name when left empty."
          />
          <div>
            <button type="submit" class="button" disabled={form.busy()}>
              Add brand
            </button>
          </div>
        </form>
        <FormStatus form={form} />
      </section>
      <Async value={brands} keys={getBrands.key} what="the brands">
        {(list) => (
          <Show when={list().length > 0} fallback={<Empty>No brands yet: add the first one above.</Empty>}>
            <ul class="a-cards" data-testid="brands">
              <ForById each={sorted(list())}>{(brand) => <BrandRow brand={brand()} />}</ForById>
            </ul>
          </Show>
        )}
      </Async>
      <p class="muted">
        Products are given their brand in the <A href="/admin/products">product editor</A>.
      </p>
    </section>
  );
}
