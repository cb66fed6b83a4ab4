// The child form's model and what it sends: a new file in full, an edit as only what changed.
import type { components } from "@/shared/api";

export type Child = components["schemas"]["Child"];
export type ChildCreate = components["schemas"]["ChildCreate"];
type Contact = components["schemas"]["Contact"];

export interface ChildModel {
  name: string;
  id_number: string;
  birth_date: string;
  gender: "" | "female" | "male";
  phone: string;
  address: string;
  township: string;
  region_code: string;
  categories: string[];
  risk_level: "high" | "medium" | "low";
  guardian: { name: string; relation: string; phone: string };
  hasEntrusted: boolean;
  carer: { name: string; relation: string; phone: string };
  start: string;
  end: string;
  hasDisability: boolean;
  disability: { type: string; grade: number | null; certificate_no: string };
}

export const FIELDS = [
  "name",
  "id_number",
  "birth_date",
  "gender",
  "phone",
  "address",
  "region_code",
  "categories",
  "risk_level",
  "guardian",
  "entrusted_care",
  "disability",
  "lat",
] as const;

function contact(value: unknown): { name: string; relation: string; phone: string } {
  const c = (value ?? {}) as Partial<Contact>;
  return { name: c.name ?? "", relation: c.relation ?? "", phone: c.phone ?? "" };
}

export function toModel(child?: Child | null): ChildModel {
  const care = (child?.entrusted_care ?? null) as { carer?: Contact; start?: string; end?: string } | null;
  const disability = (child?.disability ?? null) as { type?: string; grade?: number; certificate_no?: string } | null;
  return {
    name: (child?.name as string | undefined) ?? "",
    id_number: (child?.id_number as string | undefined) ?? "",
    birth_date: child?.birth_date ?? "",
    gender: (child?.gender as ChildModel["gender"] | null | undefined) ?? "",
    phone: (child?.phone as string | undefined) ?? "",
    address: (child?.address as string | undefined) ?? "",
    township: child?.township_code ?? "",
    region_code: child?.region_code ?? "",
    categories: [...(child?.categories ?? [])],
    risk_level: (child?.risk_level as ChildModel["risk_level"] | undefined) ?? "medium",
    guardian: contact(child?.guardian),
    hasEntrusted: !!care,
    carer: contact(care?.carer),
    start: care?.start ?? "",
    end: care?.end ?? "",
    hasDisability: !!disability,
    disability: {
      type: disability?.type ?? "",
      grade: disability?.grade ?? null,
      certificate_no: disability?.certificate_no ?? "",
    },
  };
}

function compactContact(c: { name: string; relation: string; phone: string }): Contact | undefined {
  if (!c.name && !c.relation && !c.phone) return undefined;
  const out: Contact = { name: c.name.trim() };
  if (c.relation.trim()) out.relation = c.relation.trim();
  if (c.phone.trim()) out.phone = c.phone.trim();
  return out;
}

/** The body of a create: every field given, nothing empty. */
export function toBody(model: ChildModel): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: model.name.trim(),
    region_code: model.region_code,
    categories: model.categories,
  };
  for (const key of ["id_number", "birth_date", "phone", "address"] as const) {
    if (model[key].trim()) body[key] = model[key].trim();
  }
  if (model.gender) body.gender = model.gender;
  const guardian = compactContact(model.guardian);
  if (guardian) body.guardian = guardian;
  if (model.hasEntrusted) {
    const care: Record<string, unknown> = {};
    const carer = compactContact(model.carer);
    if (carer) care.carer = carer;
    if (model.start) care.start = model.start;
    if (model.end) care.end = model.end;
    body.entrusted_care = care;
  } else body.entrusted_care = null;
  if (model.hasDisability) {
    const d: Record<string, unknown> = { type: model.disability.type, grade: model.disability.grade };
    if (model.disability.certificate_no.trim()) d.certificate_no = model.disability.certificate_no.trim();
    body.disability = d;
  } else body.disability = null;
  return body;
}

/** The create body (with the risk level), or the fields of an edit that changed. */
export function payload(model: ChildModel, original?: Child | null): Record<string, unknown> {
  const body = toBody(model);
  if (!original) {
    body.risk_level = model.risk_level;
    if (body.entrusted_care === null) delete body.entrusted_care;
    if (body.disability === null) delete body.disability;
    return body;
  }
  const before = toBody(toModel(original));
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) changed[key] = value;
  }
  // The ID number decides the birth date; sending both unchanged values is harmless, but a
  // cleared field cannot be sent as an empty string.
  for (const key of ["id_number", "birth_date", "phone", "address"]) {
    if (!(key in body) && key in before) delete changed[key];
  }
  return changed;
}
