// A short "done" message in the page (a live region), instead of a toast: a toast is a
// nameless dialog to assistive technology and vanishes before slow readers finish it. A
// message set just before a navigation is shown by the page that opens next.
import { onBeforeUnmount, onMounted, ref } from "vue";

let carried: string | null = null;

export function carryNotice(text: string): void {
  carried = text;
}

export function useNotice(ms = 6000) {
  const notice = ref("");
  let timer: ReturnType<typeof setTimeout> | undefined;
  function say(text: string): void {
    notice.value = text;
    clearTimeout(timer);
    timer = setTimeout(() => (notice.value = ""), ms);
  }
  onMounted(() => {
    if (carried) say(carried);
    carried = null;
  });
  onBeforeUnmount(() => clearTimeout(timer));
  return { notice, say };
}
