import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import type { Role } from "@/shared/auth/session";
import { builtSections, homeSection } from "./sections";

declare module "vue-router" {
  interface RouteMeta {
    /** The navigation entry a page under a section belongs to. */
    section?: string;
  }
}

export const SIGN_IN = "signin";
export const HOME = "home";
export const CONSOLE_ROLES: readonly Role[] = ["coordinator", "admin"];

export function routes(): RouteRecordRaw[] {
  return [
    {
      path: "/signin",
      name: SIGN_IN,
      component: () => import("./features/signin/SignInView.vue"),
      meta: { public: true, title: "auth.signIn" },
    },
    {
      path: "/",
      component: () => import("./layout/ConsoleLayout.vue"),
      children: [
        { path: "", name: HOME, redirect: () => ({ name: homeSection() }) },
        ...builtSections().map(
          (section): RouteRecordRaw => ({
            path: section.name,
            name: section.name,
            component: section.view!,
            meta: { title: section.title },
          }),
        ),
        ...builtSections().flatMap((section) =>
          (section.pages ?? []).map(
            (page): RouteRecordRaw => ({
              path: `${section.name}/${page.path}`,
              name: page.name,
              component: page.view,
              meta: { title: page.title, section: section.name },
            }),
          ),
        ),
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

export function createConsoleRouter() {
  return createRouter({ history: createWebHistory("/console/"), routes: routes() });
}
