// The console's sections (issue "coordinator console"): one named route each. A section
// appears in the navigation and the router once it has a `view`; the engineers building
// them add it here and nowhere else.
import type { RouteComponent } from "vue-router";
import type { Role } from "@/shared/auth/session";

export interface Section {
  /** Route name and path segment. */
  name: string;
  /** i18n key of the navigation entry and page title. */
  title: string;
  view?: () => Promise<RouteComponent | { default: RouteComponent }>;
  /** Roles that see the section; every console role by default. */
  roles?: readonly Role[];
  /** Pages under the section (e.g. one child's file at `children/:id`), not in the navigation. */
  pages?: readonly SubPage[];
}

export interface SubPage {
  /** Path below the section's, e.g. ":id". */
  path: string;
  name: string;
  title: string;
  view: () => Promise<RouteComponent | { default: RouteComponent }>;
}

export const SECTIONS: readonly Section[] = [
  {
    name: "this-week",
    title: "nav.thisWeek",
    view: () => import("./features/this-week/ThisWeekView.vue"),
  },
  {
    name: "proposals",
    title: "nav.proposals",
    view: () => import("./features/proposals/ProposalsView.vue"),
  },
  { name: "runs", title: "nav.runs", view: () => import("./features/runs/RunsView.vue") },
  { name: "map", title: "nav.map", view: () => import("./features/map/MapView.vue") },
  {
    name: "children",
    title: "nav.children",
    view: () => import("./features/children/ChildrenView.vue"),
    pages: [
      {
        path: ":id(\\d+)",
        name: "child-file",
        title: "nav.children",
        view: () => import("./features/children/ChildFileView.vue"),
      },
    ],
  },
  { name: "field", title: "nav.field", view: () => import("./features/field/FieldView.vue") },
  {
    name: "providers",
    title: "nav.providers",
    view: () => import("./features/providers/ProvidersView.vue"),
  },
  {
    name: "ledger",
    title: "nav.ledger",
    roles: ["coordinator"],
    view: () => import("./features/ledger/LedgerView.vue"),
  },
  {
    name: "admin",
    title: "nav.admin",
    roles: ["admin"],
    view: () => import("./features/admin/AdminView.vue"),
  },
  { name: "account", title: "nav.account", view: () => import("./features/account/AccountView.vue") },
];

export function builtSections(role: Role | null = null): Section[] {
  return SECTIONS.filter((s) => s.view && (!role || !s.roles || s.roles.includes(role)));
}

/** The landing page: "This week" once it exists. */
export function homeSection(): string {
  return builtSections()[0]?.name ?? "account";
}
