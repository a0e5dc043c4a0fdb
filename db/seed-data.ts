import { combinationsOf, defaultSku, variantTitle } from "../worker/domain/variants.ts";

/** Development demo data. Ids are fixed so that seeding twice changes nothing. */

const uuid = (group: number, n: number) =>
  `00000000-0000-4000-8000-${group.toString(16).padStart(4, "0")}${n.toString(16).padStart(8, "0")}`;

export const seedCategories = [
  { id: uuid(1, 1), slug: "electronics", name: "Electronics", parentId: null },
  { id: uuid(1, 2), slug: "phones", name: "Phones", parentId: uuid(1, 1) },
  { id: uuid(1, 3), slug: "laptops", name: "Laptops", parentId: uuid(1, 1) },
  { id: uuid(1, 4), slug: "audio", name: "Audio", parentId: uuid(1, 1) },
  { id: uuid(1, 5), slug: "home", name: "Home", parentId: null },
  { id: uuid(1, 6), slug: "kitchen", name: "Kitchen", parentId: uuid(1, 5) },
  { id: uuid(1, 7), slug: "furniture", name: "Furniture", parentId: uuid(1, 5) },
  { id: uuid(1, 8), slug: "fashion", name: "Fashion", parentId: null },
  { id: uuid(1, 9), slug: "books", name: "Books", parentId: null },
];

export const seedBrands = [
  { id: uuid(2, 1), slug: "royal", name: "Royal" },
  { id: uuid(2, 2), slug: "nova", name: "Nova" },
  { id: uuid(2, 3), slug: "aurora", name: "Aurora" },
  { id: uuid(2, 4), slug: "atlas", name: "Atlas" },
  { id: uuid(2, 5), slug: "zephyr", name: "Zephyr" },
];

type Art = "phone" | "laptop" | "headphones" | "watch" | "kettle" | "chair" | "shirt" | "book";

interface SeedProduct {
  slug: string;
  name: string;
  category: string;
  brand: string;
  art: Art;
  price: number;
  discount?: number;
  shipping?: number;
  /** A product without options: its one variant's stock. */
  stock?: number;
  description: string;
  features: [string, string][];
  /** Options and each combination's stock (by title, values in the options' order). */
  options?: { name: string; values: string[] }[];
  stockBy?: Record<string, number>;
}

const catalog: SeedProduct[] = [
  {
    slug: "nova-x1-phone",
    name: "Nova X1 Phone",
    category: "phones",
    brand: "nova",
    art: "phone",
    price: 69900,
    discount: 5000,
    shipping: 0,
    stock: 25,
    description: "A 6.1-inch phone with an all-day battery and a bright OLED screen.",
    features: [
      ["Screen", '6.1" OLED'],
      ["Storage", "128 GB"],
      ["Battery", "4,000 mAh"],
    ],
  },
  {
    slug: "nova-x1-pro-phone",
    name: "Nova X1 Pro Phone",
    category: "phones",
    brand: "nova",
    art: "phone",
    price: 99900,
    discount: 0,
    stock: 12,
    description: "The Pro model with a telephoto camera and titanium frame.",
    features: [
      ["Screen", '6.7" OLED 120 Hz'],
      ["Storage", "256 GB"],
      ["Camera", "Triple 48 MP"],
    ],
  },
  {
    slug: "aurora-mini-phone",
    name: "Aurora Mini Phone",
    category: "phones",
    brand: "aurora",
    art: "phone",
    price: 44900,
    discount: 4500,
    stock: 30,
    description: "A compact phone that fits any pocket.",
    features: [
      ["Screen", '5.4" LCD'],
      ["Storage", "64 GB"],
    ],
  },
  {
    slug: "atlas-rugged-phone",
    name: "Atlas Rugged Phone",
    category: "phones",
    brand: "atlas",
    art: "phone",
    price: 52900,
    shipping: 900,
    stock: 8,
    description: "Drop-proof and waterproof, made for the outdoors.",
    features: [
      ["Rating", "IP68"],
      ["Battery", "6,000 mAh"],
    ],
  },
  {
    slug: "royal-book-14-laptop",
    name: "Royal Book 14 Laptop",
    category: "laptops",
    brand: "royal",
    art: "laptop",
    price: 129900,
    discount: 10000,
    stock: 10,
    description: "A light 14-inch laptop with a full workday of battery.",
    features: [
      ["CPU", "8 cores"],
      ["Memory", "16 GB"],
      ["Weight", "1.2 kg"],
    ],
  },
  {
    slug: "royal-book-16-laptop",
    name: "Royal Book 16 Laptop",
    category: "laptops",
    brand: "royal",
    art: "laptop",
    price: 189900,
    stock: 6,
    description: "A 16-inch workstation for creative work.",
    features: [
      ["CPU", "12 cores"],
      ["Memory", "32 GB"],
      ["Screen", '16" 3K'],
    ],
  },
  {
    slug: "zephyr-air-laptop",
    name: "Zephyr Air Laptop",
    category: "laptops",
    brand: "zephyr",
    art: "laptop",
    price: 89900,
    discount: 9000,
    shipping: 1500,
    stock: 15,
    description: "Fanless and silent, for study and travel.",
    features: [
      ["CPU", "6 cores"],
      ["Memory", "8 GB"],
    ],
  },
  {
    slug: "atlas-gaming-laptop",
    name: "Atlas Gaming Laptop",
    category: "laptops",
    brand: "atlas",
    art: "laptop",
    price: 219900,
    discount: 20000,
    stock: 4,
    description: "A 240 Hz display and a discrete GPU for games.",
    features: [
      ["GPU", "12 GB"],
      ["Screen", '15.6" 240 Hz'],
    ],
  },
  {
    slug: "aurora-studio-headphones",
    name: "Aurora Studio Headphones",
    category: "audio",
    brand: "aurora",
    art: "headphones",
    price: 24900,
    discount: 2500,
    stock: 40,
    description: "Closed-back headphones with active noise cancelling.",
    features: [
      ["Battery", "30 h"],
      ["ANC", "Yes"],
    ],
  },
  {
    slug: "zephyr-buds",
    name: "Zephyr Buds",
    category: "audio",
    brand: "zephyr",
    art: "headphones",
    price: 12900,
    stock: 60,
    description: "True wireless earbuds with a pocket case.",
    features: [["Battery", "6 h + 24 h case"]],
  },
  {
    slug: "royal-soundbar",
    name: "Royal Soundbar",
    category: "audio",
    brand: "royal",
    art: "headphones",
    price: 34900,
    shipping: 2500,
    stock: 9,
    description: "A slim soundbar with a wireless subwoofer.",
    features: [
      ["Channels", "3.1"],
      ["Power", "300 W"],
    ],
  },
  {
    slug: "nova-watch-2",
    name: "Nova Watch 2",
    category: "electronics",
    brand: "nova",
    art: "watch",
    price: 29900,
    discount: 3000,
    options: [{ name: "Size", values: ["40 mm", "44 mm"] }],
    stockBy: { "40 mm": 12, "44 mm": 8 },
    description: "Heart rate, GPS and a week of battery.",
    features: [
      ["Battery", "7 days"],
      ["GPS", "Yes"],
    ],
  },
  {
    slug: "atlas-trail-watch",
    name: "Atlas Trail Watch",
    category: "electronics",
    brand: "atlas",
    art: "watch",
    price: 39900,
    options: [{ name: "Size", values: ["42 mm", "46 mm"] }],
    stockBy: { "42 mm": 0, "46 mm": 0 },
    description: "A solar-assisted watch for long trails.",
    features: [
      ["Battery", "Solar"],
      ["Depth", "100 m"],
    ],
  },
  {
    slug: "royal-kettle",
    name: "Royal Kettle",
    category: "kitchen",
    brand: "royal",
    art: "kettle",
    price: 5900,
    discount: 900,
    shipping: 700,
    stock: 50,
    description: "A 1.7 L kettle with temperature presets.",
    features: [
      ["Capacity", "1.7 L"],
      ["Power", "2,200 W"],
    ],
  },
  {
    slug: "aurora-espresso-machine",
    name: "Aurora Espresso Machine",
    category: "kitchen",
    brand: "aurora",
    art: "kettle",
    price: 44900,
    discount: 5000,
    shipping: 1900,
    stock: 7,
    description: "15-bar pump and a steam wand for milk.",
    features: [
      ["Pressure", "15 bar"],
      ["Tank", "1.8 L"],
    ],
  },
  {
    slug: "zephyr-blender",
    name: "Zephyr Blender",
    category: "kitchen",
    brand: "zephyr",
    art: "kettle",
    price: 8900,
    stock: 18,
    description: "A quiet blender for smoothies and soups.",
    features: [["Jar", "1.5 L glass"]],
  },
  {
    slug: "atlas-oak-chair",
    name: "Atlas Oak Chair",
    category: "furniture",
    brand: "atlas",
    art: "chair",
    price: 15900,
    shipping: 3500,
    stock: 14,
    description: "Solid oak dining chair, oiled finish.",
    features: [
      ["Wood", "Oak"],
      ["Height", "82 cm"],
    ],
  },
  {
    slug: "royal-desk-chair",
    name: "Royal Desk Chair",
    category: "furniture",
    brand: "royal",
    art: "chair",
    price: 32900,
    discount: 4000,
    shipping: 4500,
    stock: 5,
    description: "An ergonomic chair with lumbar support.",
    features: [["Adjustable", "Seat, arms, lumbar"]],
  },
  {
    slug: "nova-lounge-chair",
    name: "Nova Lounge Chair",
    category: "furniture",
    brand: "nova",
    art: "chair",
    price: 49900,
    shipping: 5900,
    stock: 3,
    description: "A lounge chair in wool fabric.",
    features: [["Fabric", "Wool"]],
  },
  {
    slug: "royal-oxford-shirt",
    name: "Royal Oxford Shirt",
    category: "fashion",
    brand: "royal",
    art: "shirt",
    price: 4900,
    discount: 500,
    shipping: 400,
    options: [
      { name: "Size", values: ["S", "M", "L", "XL"] },
      { name: "Colour", values: ["White", "Blue"] },
    ],
    stockBy: {
      "S / White": 10,
      "S / Blue": 8,
      "M / White": 14,
      "M / Blue": 12,
      "L / White": 12,
      "L / Blue": 10,
      "XL / White": 14,
      "XL / Blue": 0,
    },
    description: "A cotton Oxford shirt with a button-down collar.",
    features: [
      ["Fabric", "100% cotton"],
      ["Fit", "Regular"],
    ],
  },
  {
    slug: "aurora-linen-shirt",
    name: "Aurora Linen Shirt",
    category: "fashion",
    brand: "aurora",
    art: "shirt",
    price: 5900,
    shipping: 400,
    options: [
      { name: "Size", values: ["S", "M", "L"] },
      { name: "Colour", values: ["Sand", "Olive"] },
    ],
    stockBy: { "S / Sand": 6, "S / Olive": 0, "M / Sand": 12, "M / Olive": 9, "L / Sand": 10, "L / Olive": 8 },
    description: "A breathable linen shirt for summer.",
    features: [["Fabric", "Linen"]],
  },
  {
    slug: "zephyr-rain-jacket",
    name: "Zephyr Rain Jacket",
    category: "fashion",
    brand: "zephyr",
    art: "shirt",
    price: 12900,
    discount: 2000,
    shipping: 600,
    options: [
      { name: "Size", values: ["S", "M", "L", "XL"] },
      { name: "Colour", values: ["Black", "Yellow"] },
    ],
    stockBy: {
      "S / Black": 3,
      "S / Yellow": 0,
      "M / Black": 6,
      "M / Yellow": 2,
      "L / Black": 5,
      "L / Yellow": 0,
      "XL / Black": 6,
      "XL / Yellow": 0,
    },
    description: "A packable waterproof jacket.",
    features: [["Waterproof", "10,000 mm"]],
  },
  {
    slug: "the-edge-handbook",
    name: "The Edge Handbook",
    category: "books",
    brand: "royal",
    art: "book",
    price: 3900,
    shipping: 300,
    stock: 100,
    description: "Building fast web apps close to the user.",
    features: [
      ["Pages", "320"],
      ["Format", "Paperback"],
    ],
  },
  {
    slug: "postgres-in-practice",
    name: "Postgres in Practice",
    category: "books",
    brand: "atlas",
    art: "book",
    price: 4500,
    discount: 500,
    shipping: 300,
    stock: 35,
    description: "Transactions, indexes and the query planner, explained.",
    features: [
      ["Pages", "410"],
      ["Format", "Hardcover"],
    ],
  },
  {
    slug: "realtime-systems",
    name: "Realtime Systems",
    category: "books",
    brand: "nova",
    art: "book",
    price: 4200,
    shipping: 300,
    stock: 2,
    description: "Designing systems that push data the moment it changes.",
    features: [["Pages", "280"]],
  },
  {
    slug: "solid-foundations",
    name: "Solid Foundations",
    category: "books",
    brand: "aurora",
    art: "book",
    price: 2900,
    shipping: 300,
    stock: 27,
    description: "Fine-grained reactivity from first principles.",
    features: [["Pages", "190"]],
  },
];

const categoryId = new Map(seedCategories.map((c) => [c.slug, c.id]));
const brandId = new Map(seedBrands.map((b) => [b.slug, b.id]));

let variantNumber = 0;
const variantsOf = (p: SeedProduct, productId: string) => {
  const combos = p.options ? combinationsOf(p.options) : [{}];
  return combos.map((options, position) => {
    const title = variantTitle(p.options ?? [], options);
    variantNumber += 1;
    return {
      id: uuid(7, variantNumber),
      productId,
      sku: defaultSku(p.slug, title),
      title,
      options,
      price: p.price,
      oldPrice: p.discount ? p.price : null,
      discount: p.discount ?? 0,
      shippingAmount: p.shipping ?? 0,
      stockQty: p.stockBy ? (p.stockBy[title] ?? 0) : (p.stock ?? 0),
      position,
    };
  });
};

export const seedProducts = catalog.map((p, i) => seedProductOf(p, i, variantsOf(p, uuid(3, i + 1))));

function seedProductOf(p: SeedProduct, i: number, variants: ReturnType<typeof variantsOf>) {
  return {
    id: uuid(3, i + 1),
    slug: p.slug,
    name: p.name,
    description: p.description,
    categoryId: categoryId.get(p.category) ?? null,
    brandId: brandId.get(p.brand) ?? null,
    price: p.price,
    oldPrice: p.discount ? p.price : null,
    discount: p.discount ?? 0,
    shippingAmount: p.shipping ?? 0,
    /** The product's stock: its variants' together. */
    stockQty: variants.reduce((sum, v) => sum + v.stockQty, 0),
    // Spread creation times so "newest" has a stable, meaningful order.
    createdAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000),
    gallery: [1, 2, 3].map((n) => ({ url: `/demo/${p.art}-${n}.svg`, alt: `${p.name}, view ${n}` })),
    features: p.features.map(([name, value]) => ({ name, value })),
    options: (p.options ?? []).map((option, position) => ({ ...option, position })),
    variants,
  };
}

export const seedUsers = [
  { id: uuid(4, 1), username: "admin@royal.shop", password: "royal-admin", role: "admin" as const },
  { id: uuid(4, 2), username: "shopper@royal.shop", password: "royal-shopper", role: "customer" as const },
];

export const seedCoupons = [
  {
    id: uuid(5, 1),
    title: "Golden",
    kind: "percent" as const,
    value: 20,
    validFor: "7 days",
    usageLimit: 100,
    perUserLimit: 1,
    minSubtotal: 10000,
    maxDiscount: 20000,
  },
  {
    id: uuid(5, 2),
    title: "Silver",
    kind: "percent" as const,
    value: 10,
    validFor: "3 days",
    usageLimit: 500,
    perUserLimit: 2,
    minSubtotal: 5000,
    maxDiscount: 10000,
  },
  {
    id: uuid(5, 3),
    title: "Bronze",
    kind: "fixed" as const,
    value: 500,
    validFor: "1 day",
    usageLimit: null,
    perUserLimit: 3,
    minSubtotal: 2000,
    maxDiscount: null,
  },
];

/** The demo shopper holds a Golden coupon, so checkout with a coupon works out of the box. */
export const seedGrants = [{ id: uuid(6, 1), couponId: uuid(5, 1), userId: uuid(4, 2), code: "ROYAL-GOLDEN-DEMO" }];

const kettle = seedProducts.find((p) => p.slug === "royal-kettle");

/**
 * Promotions to try: a code for a first order, and a sale and free shipping that staff can resume
 * from the admin (paused, so the demo's prices stay as documented until they do).
 */
export const seedPromotions = [
  {
    id: uuid(7, 1),
    name: "Welcome: 10 % off your first order",
    method: "code" as const,
    kind: "order" as const,
    combinesWith: ["item" as const, "shipping" as const],
    perCustomerLimit: 1,
    conditions: { customer: { firstOrder: true } },
    action: { type: "percent", percent: 10 },
    code: "WELCOME10",
  },
  {
    id: uuid(7, 2),
    name: "Weekend sale: 15 % off the Royal Kettle",
    method: "automatic" as const,
    kind: "item" as const,
    status: "paused" as const,
    combinesWith: ["order" as const, "shipping" as const],
    action: { type: "percent", percent: 15, target: { productIds: [kettle?.id] } },
  },
  {
    id: uuid(7, 3),
    name: "Free shipping over $150",
    method: "automatic" as const,
    kind: "shipping" as const,
    status: "paused" as const,
    combinesWith: ["item" as const, "order" as const],
    conditions: { minSubtotal: 15000 },
    action: { type: "free_shipping" },
  },
];
