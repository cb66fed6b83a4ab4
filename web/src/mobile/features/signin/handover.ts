// The sign-in screen of index.html, usable before the app's script arrives (see there): when
// the app mounts it replaces that screen, and the Vue sign-in form carries on with what the
// user had typed, the field they were in, and the error the server answered a post with.

export type HandoverField = "phone" | "password";

export interface StaticSignIn {
  phone: string;
  password: string;
  focus: HandoverField | null;
  error: string | null;
}

const SELECTOR = "[data-static-signin]";

/** The static screen, if the page still shows it. */
function staticScreen(root: ParentNode): HTMLElement | null {
  return root.querySelector<HTMLElement>(SELECTOR);
}

/** The static form was submitted: its navigation is in flight and the page is leaving. */
export function staticFormSent(root: ParentNode = document): boolean {
  return staticScreen(root)?.querySelector("form[data-sent]") != null;
}

/** What the user did on the static screen, read just before the app replaces it. */
export function readStaticSignIn(root: ParentNode = document): StaticSignIn | null {
  const screen = staticScreen(root);
  const form = screen?.querySelector("form");
  if (!screen || !form) return null;
  const value = (name: HandoverField) =>
    form.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value ?? "";
  const active = (root as Document).activeElement ?? document.activeElement;
  const name = active instanceof HTMLInputElement && form.contains(active) ? active.name : null;
  // The server's answer to a post, in the page's language (the other one is hidden).
  const alert = [...screen.querySelectorAll<HTMLElement>("[role=alert] [lang]")].find(
    (part) => part.lang === document.documentElement.lang,
  );
  const error = alert?.textContent?.trim() || null;
  return {
    phone: value("phone"),
    password: value("password"),
    focus: name === "phone" || name === "password" ? name : null,
    error,
  };
}

let handedOver: StaticSignIn | null = null;

/** main.ts, before mounting: keep what the static screen holds for the sign-in view. */
export function handOver(state: StaticSignIn | null): void {
  handedOver = state;
}

/** The sign-in view, once: what the static screen held (later visits start empty). */
export function takeHandover(): StaticSignIn | null {
  const state = handedOver;
  handedOver = null;
  return state;
}
