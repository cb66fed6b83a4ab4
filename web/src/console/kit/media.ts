// Whether a CSS media query matches now, kept current (zooming the page in or a narrow
// window changes it): the layout collapses its navigation on narrow screens.
import { onBeforeUnmount, ref, type Ref } from "vue";

export function useMediaQuery(query: string): Ref<boolean> {
  const list = typeof window !== "undefined" && window.matchMedia ? window.matchMedia(query) : null;
  const matches = ref(list?.matches ?? false);
  const update = (event: MediaQueryListEvent) => (matches.value = event.matches);
  list?.addEventListener("change", update);
  onBeforeUnmount(() => list?.removeEventListener("change", update));
  return matches;
}

/** Below this width (CSS pixels: a 1366 px screen at 150 % zoom or more) the navigation folds. */
export const NARROW = "(max-width: 960px)";
