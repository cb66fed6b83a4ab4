import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import type { Role } from "@/shared/auth/session";
import { useSessionStore } from "@/shared/auth/session";
import { hasAcceptedPrivacy } from "./privacy";
import { SCREENS, TABS } from "./tabs";
import { DONOR_ROUTES } from "./features/donor/routes";
// The first screen of a phone that is not signed in: in the entry bundle, so a slow network
// fetches it with the app in one round instead of after it.
import SignInView from "./features/signin/SignInView.vue";

export const SIGN_IN = "signin";
export const HOME = "home";
export const PRIVACY = "privacy";
export const MOBILE_ROLES: readonly Role[] = ["volunteer", "agency_staff", "donor"];

export function routes(): RouteRecordRaw[] {
  return [
    {
      path: "/signin",
      name: SIGN_IN,
      component: SignInView,
      meta: { public: true, title: "auth.signIn" },
    },
    {
      path: "/signup",
      name: "signup",
      component: () => import("./features/signup/SignUpView.vue"),
      meta: { public: true, title: "auth.signUp" },
    },
    {
      path: "/privacy",
      name: PRIVACY,
      component: () => import("./features/privacy/PrivacyView.vue"),
      meta: { public: true, title: "privacy.title" },
    },
    {
      path: "/",
      component: () => import("./layout/MobileShell.vue"),
      children: [
        ...[...TABS, ...SCREENS].map(
          (tab): RouteRecordRaw => ({
            path: tab.path,
            name: tab.name,
            component: tab.view,
            meta: { title: tab.title, roles: tab.roles },
          }),
        ),
        ...DONOR_ROUTES,
      ],
    },
    {
      path: "/:pathMatch(.*)*",
      name: "not-found",
      component: () => import("./views/NotFoundView.vue"),
      meta: { public: true, title: "common.notFound" },
    },
  ];
}

export function createMobileRouter() {
  return createRouter({ history: createWebHistory("/m/"), routes: routes() });
}

/** Before any private screen, the privacy notice, once per account on this phone. Install
 * after the auth guard, which restores the session first. */
export function installPrivacyGuard(router: ReturnType<typeof createMobileRouter>): void {
  router.beforeEach((to) => {
    const session = useSessionStore();
    if (to.meta.public || !session.user || hasAcceptedPrivacy(session.user.id)) return true;
    return { name: PRIVACY, query: { redirect: to.fullPath } };
  });
  // A screen of another role's (e.g. a volunteer's visit form for a donor) leads home.
  router.beforeEach((to) => {
    const roles = to.meta.roles as readonly Role[] | undefined;
    const role = useSessionStore().role;
    if (!roles || !role || roles.includes(role)) return true;
    return { name: HOME };
  });
}
