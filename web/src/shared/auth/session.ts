// The signed-in user's session, shared by both apps. The access token lives in memory only;
// the refresh token is an HttpOnly cookie the page never sees (`?mode=cookie`). A reload
// restores the session by refreshing with that cookie.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import { api, bindSession, unwrap, type components } from "@/shared/api";
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from "./cookies";
import { singleFlight } from "./refresh";

type ApiUser = components["schemas"]["User"];
export type Role = NonNullable<ApiUser["role"]>;
/** The account as the API always returns it: id, name and role are never absent. */
export type User = ApiUser & { readonly id: number; readonly display_name: string; readonly role: Role };
// The document says "a phone or an e-mail" with anyOf, which the generator renders as
// `unknown`; this is the same body, spelled out.
export interface SignUp {
  phone?: string;
  email?: string;
  password: string;
  display_name: string;
  account_type?: "volunteer" | "agency_staff" | "donor" | "coordinator";
  region_code?: string;
  locale?: "zh_CN" | "en";
}
type TokenPair = Omit<components["schemas"]["TokenPair"], "user"> & { user: User };

export type SessionStatus = "unknown" | "signed-in" | "signed-out";
/** Why a session ended without this page asking: the guard then leads to sign-in. */
export type EndReason = "expired" | "elsewhere";

const COOKIE_MODE = { params: { query: { mode: "cookie" as const } } };
const CHANNEL = "tongxing-session";
// Refresh this long before the access token expires, so calls rarely meet a 401.
const EARLY_MS = 60_000;

export const useSessionStore = defineStore("session", () => {
  const user = ref<User | null>(null);
  const accessToken = shallowRef<string | null>(null);
  const status = ref<SessionStatus>("unknown");
  const endReason = ref<EndReason | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const isSignedIn = computed(() => status.value === "signed-in");
  const role = computed<Role | null>(() => user.value?.role ?? null);

  function accept(tokens: TokenPair): string {
    accessToken.value = tokens.access_token;
    user.value = tokens.user;
    status.value = "signed-in";
    endReason.value = null;
    clearTimeout(timer);
    const ms = tokens.expires_in * 1000 - EARLY_MS;
    if (ms > 0) timer = setTimeout(() => void refresh(), ms);
    return tokens.access_token;
  }

  function clear(reason: EndReason | null = null): void {
    clearTimeout(timer);
    accessToken.value = null;
    user.value = null;
    status.value = "signed-out";
    endReason.value = reason;
  }

  const refresh = singleFlight(async (): Promise<string | null> => {
    // Read inside the lock: another tab may just have rotated the cookie.
    const csrf = readCookie(CSRF_COOKIE);
    if (!csrf) {
      if (status.value !== "signed-out") clear(status.value === "signed-in" ? "expired" : null);
      return null;
    }
    let unreachable = false;
    const { data } = await api
      .POST("/api/v1/auth/refresh", { ...COOKIE_MODE, headers: { [CSRF_HEADER]: csrf } })
      .catch(() => {
        unreachable = true;
        return { data: undefined };
      });
    if (!data && unreachable && status.value === "signed-in") {
      // No signal (a phone in a village): the session is not over, only not renewed yet.
      // The page keeps working from what it holds and renews when the network returns.
      globalThis.addEventListener?.("online", () => void refresh(), { once: true });
      return null;
    }
    if (!data) {
      clear(status.value === "signed-in" ? "expired" : null);
      return null;
    }
    return accept(data as TokenPair);
  });

  /** On boot: the cookie (if any) signs the user back in. */
  async function restore(): Promise<boolean> {
    if (status.value === "signed-in") return true;
    return (await refresh()) !== null;
  }

  async function signIn(identifier: string, password: string): Promise<User> {
    const tokens = (await unwrap(
      api.POST("/api/v1/auth/signin", { ...COOKIE_MODE, body: { identifier, password } }),
    )) as TokenPair;
    accept(tokens);
    return tokens.user;
  }

  async function signUp(body: SignUp): Promise<User> {
    const tokens = (await unwrap(
      api.POST("/api/v1/auth/signup", { ...COOKIE_MODE, body }),
    )) as TokenPair;
    accept(tokens);
    return tokens.user;
  }

  /** Ends the session on the server (access token and refresh cookie) and here. */
  async function signOut(): Promise<void> {
    try {
      if (accessToken.value) await api.POST("/api/v1/auth/signout", COOKIE_MODE);
    } finally {
      clear();
      broadcast?.postMessage("signed-out");
    }
  }

  // Other tabs of the same app follow a sign-out.
  const broadcast = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(CHANNEL) : null;
  broadcast?.addEventListener("message", (event: MessageEvent) => {
    if (event.data === "signed-out" && status.value === "signed-in") clear("elsewhere");
  });

  bindSession({
    accessToken: () => accessToken.value,
    refresh,
    expired: () => clear("expired"),
    // setLocale() keeps <html lang> current.
    locale: () => document.documentElement.lang || "zh-CN",
  });

  return {
    user,
    accessToken,
    status,
    endReason,
    isSignedIn,
    role,
    restore,
    refresh,
    signIn,
    signUp,
    signOut,
    clear,
  };
});
