import { describe, expect, it } from "vitest";
import { initialVariant, pick, valueStates, variantLabel } from "./variants.ts";

const options = [
  { name: "Size", values: ["S", "M", "XL"] },
  { name: "Colour", values: ["White", "Blue"] },
];
const variant = (id: string, size: string, colour: string, stockQty: number) => ({
  id,
  options: { Size: size, Colour: colour },
  stockQty,
});
// XL / Blue is sold out; M / Blue does not exist.
const variants = [
  variant("s-white", "S", "White", 3),
  variant("s-blue", "S", "Blue", 2),
  variant("m-white", "M", "White", 0),
  variant("xl-white", "XL", "White", 4),
  variant("xl-blue", "XL", "Blue", 0),
];
const byId = (id: string) => variants.find((v) => v.id === id) as (typeof variants)[number];
const states = (selected: string) =>
  Object.fromEntries(
    valueStates(options, variants, byId(selected)).map((o) => [
      o.name,
      Object.fromEntries(o.values.map((v) => [v.value, v.state])),
    ]),
  );

describe("choosing a variant", () => {
  it("starts with the variant the address names, else the first in stock", () => {
    expect(initialVariant(variants, "xl-blue")?.id).toBe("xl-blue");
    expect(initialVariant(variants, "nonsense")?.id).toBe("s-white");
    expect(initialVariant([variant("a", "S", "White", 0), variant("b", "M", "White", 1)])?.id).toBe("b");
    expect(initialVariant([variant("a", "S", "White", 0)])?.id).toBe("a");
    expect(initialVariant([])).toBeUndefined();
  });

  it("offers the first option's values in stock anywhere, and the next ones under the values above", () => {
    expect(states("xl-white")).toEqual({
      Size: { S: "available", M: "sold_out", XL: "available" },
      Colour: { White: "available", Blue: "sold_out" },
    });
    expect(states("s-white").Colour).toEqual({ White: "available", Blue: "available" });
  });

  it("calls a combination that does not exist missing, and follows live stock", () => {
    expect(states("m-white").Colour).toEqual({ White: "sold_out", Blue: "missing" });
    const live = (v: { id: string; stockQty: number }) => (v.id === "xl-blue" ? 5 : v.stockQty);
    const colour = valueStates(options, variants, byId("xl-white"), live)[1];
    expect(colour.values.find((v) => v.value === "Blue")?.state).toBe("available");
  });

  it("keeps the values above, prefers stock below, then the values already chosen", () => {
    expect(pick(options, variants, byId("s-blue"), "Size", "XL")?.id).toBe("xl-white");
    expect(pick(options, variants, byId("s-white"), "Colour", "Blue")?.id).toBe("s-blue");
    expect(pick(options, variants, byId("xl-white"), "Size", "S")?.id).toBe("s-white");
    expect(pick(options, variants, byId("s-white"), "Size", "M")?.id).toBe("m-white");
    expect(pick(options, variants, byId("xl-white"), "Colour", "Green")).toBeUndefined();
    expect(pick(options, variants, byId("xl-white"), "Fit", "Slim")).toBeUndefined();
  });

  it("names a product's only variant by nothing", () => {
    expect(variantLabel("Default")).toBe("");
    expect(variantLabel("M / Blue")).toBe("M / Blue");
  });
});
