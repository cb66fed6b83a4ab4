// The phone's tab bar. Screens of the volunteer's app (pairings, visits, hours, reports,
// notifications) become tabs here once built; nothing else needs to change.
import type { RouteComponent } from "vue-router";
import type { Role } from "@/shared/auth/session";

export interface Tab {
  /** Route name and path segment ("" for home). */
  name: string;
  path: string;
  /** i18n key of the label and page title. */
  title: string;
  /** Vant icon name. */
  icon: string;
  view: () => Promise<RouteComponent | { default: RouteComponent }>;
  roles?: readonly Role[];
}

export const TABS: readonly Tab[] = [
  {
    name: "home",
    path: "",
    title: "tabs.home",
    icon: "home-o",
    view: () => import("./features/home/HomeView.vue"),
  },
  // Agency staff (社工机构): the agency's pairings, its visits and staff hours.
  {
    name: "agencyPairings",
    path: "agency",
    title: "agency.tabPairings",
    icon: "friends-o",
    view: () => import("./features/agency/AgencyPairingsView.vue"),
    roles: ["agency_staff"],
  },
  {
    name: "agencyVisits",
    path: "agency/visits",
    title: "agency.tabVisits",
    icon: "notes-o",
    view: () => import("./features/agency/AgencyVisitsView.vue"),
    roles: ["agency_staff"],
  },
  // Donors (爱心企业、慈善组织): the organisation and its offers, and where each gift went.
  {
    name: "donorOrg",
    path: "donor",
    title: "donor.tabOrg",
    icon: "shop-o",
    view: () => import("./features/donor/DonorOrgView.vue"),
    roles: ["donor"],
  },
  {
    name: "donorGifts",
    path: "donor/gifts",
    title: "donor.tabGifts",
    icon: "gift-o",
    view: () => import("./features/donor/DonorGiftsView.vue"),
    roles: ["donor"],
  },
  {
    name: "me",
    path: "me",
    title: "tabs.me",
    icon: "user-o",
    view: () => import("./features/me/MeView.vue"),
  },
];

export function tabsFor(role: Role | null): Tab[] {
  return TABS.filter((tab) => !role || !tab.roles || tab.roles.includes(role));
}
