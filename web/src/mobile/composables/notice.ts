// One short message for the next screen(s): set it, navigate, and the page says it.
import { ref } from "vue";

const text = ref("");
let timer: ReturnType<typeof setTimeout> | undefined;

export function useNotice() {
  function say(message: string, ms = 8000): void {
    text.value = message;
    clearTimeout(timer);
    timer = setTimeout(() => (text.value = ""), ms);
  }
  return { text, say };
}
