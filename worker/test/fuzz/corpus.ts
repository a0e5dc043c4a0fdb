/**
 * Values the shop has handed out (ids, slugs, codes, cursors, tokens), learned from its answers and
 * from the seed, so that generated requests name things that exist and reach past the 404s.
 * Each value is filed under its field name and under `<entity><Field>` (a product's `id` is also a
 * `productId`), the entity being the list or object it was found in.
 */
export class Corpus {
  private readonly byKey = new Map<string, string[]>();
  private readonly all: string[] = [];
  private static readonly perKey = 64;
  private static readonly total = 2_000;

  learn(value: unknown, entity = "") {
    this.walk(value, entity, 0);
  }

  /** A learned value for a field, preferring the names closest to it; `index` picks among them. */
  pick(name: string, entity: string, index: number, accept?: (value: string) => boolean): string | undefined {
    for (const key of lookupKeys(name, entity)) {
      const values = this.byKey.get(key);
      if (!values) continue;
      const fitting = accept ? values.filter(accept) : values;
      if (fitting.length > 0) return fitting[index % fitting.length];
    }
    if (accept) {
      const fitting = this.all.filter(accept);
      if (fitting.length > 0) return fitting[index % fitting.length];
    }
    return undefined;
  }

  get size() {
    return this.all.length;
  }

  private walk(value: unknown, entity: string, depth: number) {
    if (depth > 8 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 50)) this.walk(item, entity, depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string") {
        this.add(key, item);
        if (entity) this.add(entity + capitalise(key), item);
        // `nextCursor` is also a cursor, `refreshToken` a token, `couponCode` a code.
        const last = lastWord(key);
        if (last !== key) {
          this.add(last, item);
          // An order's `userId` is not an order id: references keep their own entity.
          if (entity && last !== "id") this.add(entity + capitalise(last), item);
        }
        // Paths and URLs carry ids and authorities in their segments.
        if (item.includes("/")) for (const segment of item.split(/[/?#=&]/)) if (segment) this.add("*", segment);
      } else if (item && typeof item === "object") {
        this.walk(item, key === "items" || key === "data" ? entity : singular(key), depth + 1);
      }
    }
  }

  private add(key: string, value: string) {
    if (value.length === 0 || value.length > 500) return;
    let values = this.byKey.get(key);
    if (!values) {
      values = [];
      this.byKey.set(key, values);
    }
    if (!values.includes(value)) {
      values.push(value);
      if (values.length > Corpus.perKey) values.splice(0, values.length - Corpus.perKey);
    }
    if (!this.all.includes(value)) {
      this.all.push(value);
      if (this.all.length > Corpus.total) this.all.splice(0, this.all.length - Corpus.total);
    }
  }
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `categories` → `category`, `brands` → `brand`, `shippingAddress` stays. */
export function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses") || word.endsWith("ss")) return word;
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

/** `productId` → productId, product + Id… ; `idOrSlug` under products → productId, productSlug, id, slug. */
function lookupKeys(name: string, entity: string): string[] {
  const words = name
    .split(/Or(?=[A-Z])|[-_.]/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toLowerCase() + word.slice(1));
  const keys = [entity ? entity + capitalise(name) : "", name];
  for (const word of words) keys.push(entity ? entity + capitalise(word) : "", word);
  keys.push(lastWord(name));
  return keys.filter(Boolean);
}

/** The last camel-case word: `couponCode` → code, `refreshToken` → token, `id` → id. */
const lastWord = (name: string) => (name.match(/[A-Z][a-z0-9]*$/)?.[0] ?? name).toLowerCase();
