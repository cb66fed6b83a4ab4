// The phone's tab bar, and the other screens inside the shell (SCREENS).
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
    name: "pairings",
    path: "pairings",
    title: "tabs.pairings",
    icon: "friends-o",
    view: () => import("./features/pairings/PairingsView.vue"),
    roles: ["volunteer"],
  },
  {
    name: "visits",
    path: "visits",
    title: "tabs.visits",
    icon: "records-o",
    view: () => import("./features/visits/VisitsView.vue"),
    roles: ["volunteer"],
  },
  {
    name: "inbox",
    path: "inbox",
    title: "tabs.inbox",
    icon: "bell",
    view: () => import("./features/notifications/InboxView.vue"),
  },
  {
    name: "me",
    path: "me",
    title: "tabs.me",
    icon: "user-o",
    view: () => import("./features/me/MeView.vue"),
  },
];

/** Screens inside the shell that are not tabs (reached from a tab or the urgent button). */
export const SCREENS: readonly Omit<Tab, "icon">[] = [
  {
    name: "visit-new",
    path: "visits/new",
    title: "tabs.visitNew",
    view: () => import("./features/visits/VisitFormView.vue"),
    roles: ["volunteer"],
  },
  {
    name: "urgent-new",
    path: "urgent/new",
    title: "tabs.urgentNew",
    view: () => import("./features/urgent/UrgentReportView.vue"),
  },
  {
    name: "urgent",
    path: "urgent",
    title: "tabs.urgent",
    view: () => import("./features/urgent/UrgentReportsView.vue"),
  },
  {
    name: "hours",
    path: "hours",
    title: "tabs.hours",
    view: () => import("./features/hours/HoursView.vue"),
    roles: ["volunteer"],
  },
  {
    name: "profile",
    path: "profile",
    title: "tabs.profile",
    view: () => import("./features/profile/ProfileView.vue"),
    roles: ["volunteer"],
  },
];

export function tabsFor(role: Role | null): Tab[] {
  return TABS.filter((tab) => !role || !tab.roles || tab.roles.includes(role));
}

/** What a volunteer must be able to open without signal (record a visit, file an urgent
 * report): loaded as soon as the first screen is up, so they open offline even before the
 * service worker has finished caching the app. */
export const OFFLINE_FIRST: readonly string[] = ["visit-new", "urgent-new"];

export function warmOfflineScreens(): Promise<unknown> {
  return Promise.all(
    SCREENS.filter((screen) => OFFLINE_FIRST.includes(screen.name)).map((screen) => screen.view()),
  );
}
