// What a page shows when a call fails: the API's own words (its problem document, already
// in the user's language), or ours when nothing came back.
import { useI18n } from "vue-i18n";
import { ApiError } from "@/shared/api";

export function useApiError() {
  const { t } = useI18n();
  function message(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.status === 0) return t("errors.network");
      return error.problem.detail || error.problem.title || t("errors.unexpected");
    }
    return t("errors.unexpected");
  }
  return { message };
}
