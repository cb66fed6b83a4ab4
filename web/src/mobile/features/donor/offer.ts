// An offer of goods, funds or training posts as the donor fills it in, checked here first
// (the API checks again) and turned into the body of POST /organizations/{id}/resources.
import type { components } from "@/shared/api";
import type { NeedCategory } from "../org/lookups";

export type OfferKind = "goods" | "funds" | "post";
export type ResourceCreate = components["schemas"]["ResourceCreate"];

export interface OfferForm {
  kind: OfferKind;
  title: string;
  itemCode: string;
  quantity: number | undefined;
  unit: string;
  amount: number | undefined;
  allowedUses: string[];
  posts: number | undefined;
  minAge: number | undefined;
  autismFriendly: boolean;
}

export function emptyOffer(kind: OfferKind = "goods"): OfferForm {
  return {
    kind,
    title: "",
    itemCode: "",
    quantity: undefined,
    unit: "",
    amount: undefined,
    allowedUses: [],
    posts: undefined,
    minAge: 16,
    autismFriendly: false,
  };
}

/** Field → i18n key of what is wrong; empty when the offer can be sent. */
export function checkOffer(form: OfferForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.title.trim()) errors.title = "donor.errors.title";
  if (form.kind === "goods") {
    if (!form.itemCode) errors.item_code = "donor.errors.item";
    if (!form.quantity || form.quantity <= 0) errors.quantity = "donor.errors.quantity";
    if (!form.unit.trim()) errors.unit = "donor.errors.unit";
  } else if (form.kind === "funds") {
    if (!form.amount || form.amount <= 0) errors.amount = "donor.errors.amount";
  } else {
    if (!form.posts || form.posts < 1) errors.posts = "donor.errors.posts";
    if (form.minAge !== undefined && (form.minAge < 16 || form.minAge > 60)) errors.min_age = "donor.errors.minAge";
  }
  return errors;
}

/** The category a resource of this kind is filed under: the first active one of that kind. */
export function categoryFor(kind: OfferKind, categories: readonly NeedCategory[]): string | undefined {
  return categories.find((c) => c.kind === kind && c.active !== false)?.code;
}

export function offerBody(form: OfferForm, categoryCode: string): ResourceCreate {
  const base = { category_code: categoryCode, title: form.title.trim(), coord_system: "wgs84" as const };
  if (form.kind === "goods") {
    return { ...base, item_code: form.itemCode, quantity: form.quantity!, unit: form.unit.trim() };
  }
  if (form.kind === "funds") {
    return { ...base, amount: form.amount!, allowed_uses: [...form.allowedUses] };
  }
  return {
    ...base,
    posts: form.posts!,
    ...(form.minAge !== undefined ? { min_age: form.minAge } : {}),
    autism_friendly: form.autismFriendly,
  };
}
