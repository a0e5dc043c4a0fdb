import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { Empty, Failure, Loading } from "../components/State.tsx";
import { createLoader } from "../lib/data.ts";
import { describeAdminError } from "../lib/errors.ts";
import { createChecks, createForm } from "../lib/form.ts";
import { pageTitle } from "../lib/role.ts";
import type { Brand } from "../lib/types.ts";
import { loadBrands } from "./taxonomy.ts";

function BrandRow(props: { brand: Brand; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = createSignal(false);
  const [name, setName] = createSignal(props.brand.name);
  const [slug, setSlug] = createSignal(props.brand.slug);
  const form = createForm();
  const removal = createForm();
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
      await props.onChanged();
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
              form.setError(undefined);
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
                await props.onChanged();
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
  const brands = createLoader(loadBrands);
  const [name, setName] = createSignal("");
  const [slug, setSlug] = createSignal("");
  const form = createForm();
  const sorted = () => [...(brands.value() ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  const create = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = { name: check.text("name", name(), "A name"), ...(slug().trim() ? { slug: slug().trim() } : {}) };
      check.done();
      const created = await read(api.admin.brands.$post({ json }));
      setName("");
      setSlug("");
      await brands.reload();
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
      <Show
        when={!brands.error()}
        fallback={<Failure error={brands.error()} what="the brands" retry={brands.reload} />}
      >
        <Show when={brands.value()} fallback={<Loading what="brands" />}>
          <Show when={sorted().length > 0} fallback={<Empty>No brands yet: add the first one above.</Empty>}>
            <ul class="a-cards" data-testid="brands">
              <ForById each={sorted()}>{(brand) => <BrandRow brand={brand()} onChanged={brands.reload} />}</ForById>
            </ul>
          </Show>
        </Show>
      </Show>
      <p class="muted">
        Products are given their brand in the <A href="/admin/products">product editor</A>.
      </p>
    </section>
  );
}
