// The donor's screens that are not tabs (the tab bar stays, the tab is the organisation's).
import type { RouteRecordRaw } from "vue-router";

export const DONOR_ROUTES: RouteRecordRaw[] = [
  {
    path: "donor/offer",
    name: "donorOffer",
    component: () => import("./DonorOfferView.vue"),
    meta: { title: "donor.offerHeading", roles: ["donor"] },
  },
];
