// The signed-in user's session, shared by both apps. The access token lives in memory only;
// the refresh token is an HttpOnly cookie the page never sees (`?mode=cookie`). A reload
// restores the session by refreshing with that cookie.
//
// An app that works without signal (the phone) calls `allowOffline()`: it then remembers who
// signed in (id, name, role; nothing else) in localStorage, and a cold start whose refresh
// cannot reach the server starts "signed in, offline" as that user, renewing the session
// when the network returns. A refusal (401) or a sign-out forgets the remembered user.
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
export const REMEMBERED_KEY = "tongxing.session";
// Refresh this long before the access token expires, so calls rarely meet a 401.
const EARLY_MS = 60_000;

/** Who signed in on this device, as remembered for a start without signal. */
export function remembered(): User | null {
  try {
    const raw = globalThis.localStorage?.getItem(REMEMBERED_KEY);
    const value = raw ? (JSON.parse(raw) as Partial<User>) : null;
    if (
      value &&
      typeof value.id === "number" &&
      typeof value.display_name === "string" &&
      typeof value.role === "string"
    ) {
      return { id: value.id, display_name: value.display_name, role: value.role } as User;
    }
  } catch {
    // unreadable: as if nothing were remembered
  }
  return null;
}

function remember(account: User): void {
  const value = { id: account.id, display_name: account.display_name, role: account.role };
  try {
    globalThis.localStorage?.setItem(REMEMBERED_KEY, JSON.stringify(value));
  } catch {
    // storage full or refused: the app still works online
  }
}

function forgetRemembered(): void {
  try {
    globalThis.localStorage?.removeItem(REMEMBERED_KEY);
  } catch {
    // nothing to forget
  }
}

export const useSessionStore = defineStore("session", () => {
  const user = ref<User | null>(null);
  const accessToken = shallowRef<string | null>(null);
  const status = ref<SessionStatus>("unknown");
  const endReason = ref<EndReason | null>(null);
  /** Signed in from what the phone remembers, with no access token until the network returns. */
  const offline = ref(false);
  let offlineAllowed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const isSignedIn = computed(() => status.value === "signed-in");
  const role = computed<Role | null>(() => user.value?.role ?? null);

  function accept(tokens: TokenPair): string {
    accessToken.value = tokens.access_token;
    user.value = tokens.user;
    status.value = "signed-in";
    offline.value = false;
    endReason.value = null;
    if (offlineAllowed) remember(tokens.user);
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
    offline.value = false;
    endReason.value = reason;
    forgetRemembered();
  }

  /** Keep going without signal: from now on, who signs in is remembered on this device. */
  function allowOffline(): void {
    offlineAllowed = true;
  }

  let waiting = false;
  function renewWhenOnline(): void {
    offline.value = true;
    if (waiting) return;
    waiting = true;
    globalThis.addEventListener?.(
      "online",
      () => {
        waiting = false;
        void refresh();
      },
      { once: true },
    );
  }

  const refresh = singleFlight(async (): Promise<string | null> => {
    // Read inside the lock: another tab may just have rotated the cookie.
    const csrf = readCookie(CSRF_COOKIE);
    if (!csrf) {
      if (status.value !== "signed-out") clear(status.value === "signed-in" ? "expired" : null);
      return null;
    }
    let unreachable = false;
    const { data, response } = await api
      .POST("/api/v1/auth/refresh", { ...COOKIE_MODE, headers: { [CSRF_HEADER]: csrf } })
      .catch(() => {
        unreachable = true;
        return { data: undefined, response: undefined };
      });
    // No answer, or a gateway's (502-504): the server has not refused the session.
    const noVerdict = unreachable || (response !== undefined && response.status >= 502);
    if (!data && noVerdict && status.value === "signed-in") {
      // No signal (a phone in a village): the session is not over, only not renewed yet.
      // The page keeps working from what it holds and renews when the network returns.
      renewWhenOnline();
      return null;
    }
    if (!data && noVerdict && status.value === "unknown" && offlineAllowed) {
      // A cold start without signal: the user who signed in on this device carries on.
      const known = remembered();
      if (known) {
        user.value = known;
        status.value = "signed-in";
        endReason.value = null;
        renewWhenOnline();
        return null;
      }
    }
    if (!data) {
      clear(status.value === "signed-in" ? "expired" : null);
      return null;
    }
    return accept(data as TokenPair);
  });

  /** On boot: the cookie (if any) signs the user back in; without signal, the remembered
   * user (see `allowOffline`) is signed in offline. */
  async function restore(): Promise<boolean> {
    if (status.value === "signed-in") return true;
    await refresh();
    return isSignedIn.value;
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
    } catch {
      // No signal: signed out on this device all the same (below); the server's session
      // then ends when its refresh token expires.
    } finally {
      // Without the readable half of the refresh cookie this device never renews the session.
      if (readCookie(CSRF_COOKIE)) document.cookie = `${CSRF_COOKIE}=; max-age=0; path=/`;
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
    // A refresh that could not reach the server has not ended the session.
    expired: () => {
      if (!offline.value) clear("expired");
    },
    // setLocale() keeps <html lang> current.
    locale: () => document.documentElement.lang || "zh-CN",
  });

  return {
    user,
    accessToken,
    status,
    endReason,
    isSignedIn,
    offline,
    role,
    allowOffline,
    restore,
    refresh,
    signIn,
    signUp,
    signOut,
    clear,
  };
});
