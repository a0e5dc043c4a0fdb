import { A, createAsync } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { InputField, SelectField } from "../components/Fields.tsx";
import { Async, Empty } from "../components/State.tsx";
import { createChecks } from "../lib/checks.ts";
import { describeAdminError, isConflict } from "../lib/errors.ts";
import { pageTitle } from "../lib/role.ts";
import type { Category } from "../lib/types.ts";
import { categoryChoices, categoryTree, getCategories, subtreeIds, type TreeNode } from "./taxonomy.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadCategories as preload } from "./taxonomy.ts";

/** Where a category may go: the top level or any category outside its own branch. */
const parentChoices = (all: Category[], moving?: string) => {
  const excluded = moving ? subtreeIds(all, moving) : new Set<string>();
  return [{ value: "", label: "None (top level)" }, ...categoryChoices(all.filter((c) => !excluded.has(c.id)))];
};

function CategoryNode(props: { node: TreeNode; all: Category[] }) {
  const category = () => props.node.category;
  const [editing, setEditing] = createSignal(false);
  const [name, setName] = createSignal(category().name);
  const [slug, setSlug] = createSignal(category().slug);
  const [parentId, setParentId] = createSignal(category().parentId ?? "");
  const form = createForm({ refresh: [getCategories.key] });
  const removal = createForm({ refresh: [getCategories.key] });
  const open = () => {
    setName(category().name);
    setSlug(category().slug);
    setParentId(category().parentId ?? "");
    form.clear();
    setEditing(true);
  };
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = {
        name: check.text("name", name(), "A name"),
        ...(slug().trim() && slug().trim() !== category().slug ? { slug: slug().trim() } : {}),
        parentId: parentId() || null,
      };
      check.done();
      await read(api.admin.categories[":id"].$patch({ param: { id: category().id }, json }));
      setEditing(false);
    });
  };
  const remove = () =>
    removal.run(async () => {
      await read(api.admin.categories[":id"].$delete({ param: { id: category().id } }));
    });

  return (
    <li data-category={category().slug}>
      <div class="a-node">
        <span>
          <span class="a-node-name">{category().name}</span> <span class="muted">/{category().slug}</span>
        </span>
        <span class="a-row-actions">
          <A href={`/admin/products?category=${encodeURIComponent(category().slug)}`}>
            Products<span class="visually-hidden"> in {category().name}</span>
          </A>
          <button
            type="button"
            class="button secondary a-small"
            aria-expanded={editing()}
            onClick={() => (editing() ? setEditing(false) : open())}
          >
            {editing() ? "Cancel" : "Rename or move"}
            <span class="visually-hidden"> {category().name}</span>
          </button>
          <ConfirmButton
            label={`Delete`}
            question={`Delete ${category().name}? Its products stay, without a category.`}
            confirmLabel="Delete"
            danger
            disabled={removal.busy()}
            onConfirm={remove}
          />
        </span>
        <Show when={removal.error()}>
          <p class="form-error a-full" role="alert">
            {isConflict(removal.error()) && props.node.children.length > 0
              ? `${category().name} still has sub-categories: move or delete them first.`
              : describeAdminError(removal.error())}
          </p>
        </Show>
        <Show when={editing()}>
          <form class="a-inline-form a-full" onSubmit={save} aria-label={`Edit ${category().name}`}>
            <InputField label="Name" value={name()} onInput={setName} error={form.errors().name} />
            <InputField label="Slug" value={slug()} onInput={setSlug} error={form.errors().slug} />
            <SelectField
              label="Parent"
              value={parentId()}
              onChange={setParentId}
              choices={parentChoices(props.all, category().id)}
              error={form.errors().parentId}
            />
            <button type="submit" class="button" disabled={form.busy()}>
              Save
            </button>
            <div class="a-full">
              <FormStatus form={form} />
            </div>
          </form>
        </Show>
      </div>
      <Show when={props.node.children.length > 0}>
        <ul>
          <For each={props.node.children}>{(child) => <CategoryNode node={child} all={props.all} />}</For>
        </ul>
      </Show>
    </li>
  );
}

/** The form that adds a category, at the top level or under any of `all`. */
function NewCategory(props: { all: Category[] }) {
  const [name, setName] = createSignal("");
  const [slug, setSlug] = createSignal("");
  const [parentId, setParentId] = createSignal("");
  const form = createForm({ refresh: [getCategories.key] });

  const create = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = {
        name: check.text("name", name(), "A name"),
        ...(slug().trim() ? { slug: slug().trim() } : {}),
        ...(parentId() ? { parentId: parentId() } : {}),
      };
      check.done();
      const created = await read(api.admin.categories.$post({ json }));
      const parent = props.all.find((c) => c.id === parentId());
      setName("");
      setSlug("");
      return `${created.name} was added ${parent ? `under ${parent.name}` : "at the top level"}.`;
    });
  };

  return (
    <section class="a-panel">
      <h2>New category</h2>
      <form class="a-form" onSubmit={create} aria-label="New category">
        <InputField label="Name" value={name()} onInput={setName} error={form.errors().name} maxLength={100} />
        <InputField
          label="Slug"
          value={slug()}
          onInput={setSlug}
          error={form.errors().slug}
          optional
          hint="Made from the name when left empty."
        />
        <SelectField
          label="Parent category"
          value={parentId()}
          onChange={setParentId}
          choices={parentChoices(props.all)}
          error={form.errors().parentId}
        />
        <div>
          <button type="submit" class="button" disabled={form.busy()}>
            Add category
          </button>
        </div>
      </form>
      <FormStatus form={form} />
    </section>
  );
}

export default function CategoriesPage() {
  pageTitle("Categories");
  const categories = createAsync(() => getCategories());
  return (
    <section>
      <div class="a-title">
        <h1>Categories</h1>
      </div>
      <Async value={categories} keys={getCategories.key} what="the categories">
        {(list) => (
          <>
            <NewCategory all={list()} />
            <Show when={list().length > 0} fallback={<Empty>No categories yet: add the first one above.</Empty>}>
              <ul class="a-tree" data-testid="category-tree" aria-label="Categories">
                <For each={categoryTree(list())}>{(node) => <CategoryNode node={node} all={list()} />}</For>
              </ul>
            </Show>
          </>
        )}
      </Async>
    </section>
  );
}
