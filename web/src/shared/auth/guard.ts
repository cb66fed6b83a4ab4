// Route guard for both apps: routes are private unless `meta.public`; a private route waits
// for the session to be restored from the cookie, then lets the user in, sends them to
// sign-in (remembering where they were going), or refuses a role the app is not for.
import { watch } from "vue";
import type { Router } from "vue-router";
import type { Role } from "./session";
import { useSessionStore } from "./session";

declare module "vue-router" {
  interface RouteMeta {
    /** Reachable without signing in (sign-in, sign-up, notices). */
    public?: boolean;
    /** i18n key of the page title (document.title and the heading). */
    title?: string;
  }
}

export interface GuardOptions {
  signIn: string;
  home: string;
  /** Roles this app serves; others are signed out at sign-in with a pointer elsewhere. */
  roles: readonly Role[];
}

export function installAuthGuard(router: Router, options: GuardOptions): void {
  const session = useSessionStore();
  router.beforeEach(async (to) => {
    if (session.status === "unknown") await session.restore();
    if (to.meta.public) {
      if (to.name === options.signIn && session.isSignedIn) return { name: options.home };
      return true;
    }
    if (!session.isSignedIn) {
      return { name: options.signIn, query: { redirect: to.fullPath } };
    }
    if (session.role && !options.roles.includes(session.role)) {
      await session.signOut();
      return { name: options.signIn, query: { refused: session.role } };
    }
    return true;
  });
  // A session that ends by itself while a private page is open (expired, or signed out in
  // another tab). A page that signs out on purpose navigates by itself.
  watch(
    () => session.endReason,
    (reason) => {
      const current = router.currentRoute.value;
      if (reason && !current.meta.public) {
        void router.replace({ name: options.signIn, query: { redirect: current.fullPath } });
      }
    },
  );
}

/** Where to go after signing in: the page that sent the user here, if it is one of ours. */
export function redirectTarget(query: unknown, fallback: string): string {
  return typeof query === "string" && query.startsWith("/") && !query.startsWith("//")
    ? query
    : fallback;
}
