// 长辈模式 (large text): a larger root font size and Vant's type scale, remembered on the
// phone. Pages size text in rem / Vant's variables so everything follows.
import { defineStore } from "pinia";
import { ref } from "vue";

const STORAGE_KEY = "tongxing.largeText";
export const LARGE_TEXT_CLASS = "large-text";

export const useDisplayStore = defineStore("display", () => {
  const largeText = ref(globalThis.localStorage?.getItem(STORAGE_KEY) === "1");

  function apply(): void {
    document.documentElement.classList.toggle(LARGE_TEXT_CLASS, largeText.value);
  }

  function setLargeText(on: boolean): void {
    largeText.value = on;
    globalThis.localStorage?.setItem(STORAGE_KEY, on ? "1" : "0");
    apply();
  }

  return { largeText, apply, setLargeText };
});
