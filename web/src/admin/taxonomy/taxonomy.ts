import { query } from "@solidjs/router";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import type { Brand, Category } from "../lib/types.ts";

// Signed-in reads are never cached at the edge: staff always see the latest categories and brands.
export const getCategories = query(async () => (await read(api.categories.$get())).items, "admin-categories");
export const getBrands = query(async () => (await read(api.brands.$get())).items, "admin-brands");

/** Start the pages' reads with the navigation to them (their routes' preloads). */
export const preloadCategories = () => [getCategories()];
export const preloadBrands = () => [getBrands()];

export interface TreeNode {
  category: Category;
  depth: number;
  children: TreeNode[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Categories as a tree by parentId, siblings by name; a parent that is missing makes a root. */
export function categoryTree(categories: Category[]): TreeNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const build = (parentId: string | null, depth: number, seen: Set<string>): TreeNode[] =>
    categories
      .filter((c) => (parentId === null ? c.parentId === null || !ids.has(c.parentId) : c.parentId === parentId))
      .filter((c) => !seen.has(c.id))
      .sort(byName)
      .map((category) => {
        const path = new Set(seen).add(category.id);
        return { category, depth, children: build(category.id, depth + 1, path) };
      });
  return build(null, 0, new Set());
}

/** The tree in reading order, each with its depth: for selects. */
export function flatten(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** A category and everything under it: none of them can become its parent. */
export function subtreeIds(categories: Category[], id: string): Set<string> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of categories) {
      if (c.parentId && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Options for a category select, indented by depth. */
export const categoryChoices = (categories: Category[], value: (c: Category) => string = (c) => c.id) =>
  flatten(categoryTree(categories)).map((node) => ({
    value: value(node.category),
    label: `${"— ".repeat(node.depth)}${node.category.name}`,
  }));

export const brandChoices = (brands: Brand[]) =>
  [...brands].sort(byName).map((brand) => ({ value: brand.id, label: brand.name }));
