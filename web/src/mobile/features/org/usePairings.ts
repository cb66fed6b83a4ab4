// The pairings of the caller's agency or organisation (the API scopes them), with the
// provider's answers: accept, decline with a reason, and for goods the delivery (签收).
import { computed, ref } from "vue";
import { api, unwrap } from "@/shared/api";
import { useLookups } from "./lookups";
import { allPages, groupByStage, type Pairing } from "./pairings";

const PAGE = 100;

export function usePairings() {
  const lookups = useLookups();
  const pairings = ref<Pairing[]>([]);
  const loading = ref(false);
  const loaded = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [list] = await Promise.all([
        allPages(async (page) => {
          const items = await unwrap(
            api.GET("/api/v1/pairings/", { params: { query: { page, page_size: PAGE } } }),
          );
          return { items, more: items.length === PAGE };
        }),
        lookups.load(),
      ]);
      await lookups.regionNames(list.map((p) => (p.need?.child as { township_code?: string })?.township_code));
      pairings.value = list;
      loaded.value = true;
    } finally {
      loading.value = false;
    }
  }

  function replace(updated: Pairing): void {
    pairings.value = pairings.value.map((p) => (p.id === updated.id ? updated : p));
  }

  async function accept(id: number): Promise<void> {
    replace(
      await unwrap(api.POST("/api/v1/pairings/{pairing_id}/acceptance", { params: { path: { pairing_id: id } } })),
    );
  }

  async function decline(id: number, reason: string): Promise<void> {
    replace(
      await unwrap(
        api.POST("/api/v1/pairings/{pairing_id}/declination", {
          params: { path: { pairing_id: id } },
          body: { reason },
        }),
      ),
    );
  }

  async function signFor(id: number): Promise<void> {
    replace(
      await unwrap(api.POST("/api/v1/pairings/{pairing_id}/delivery", { params: { path: { pairing_id: id } } })),
    );
  }

  const groups = computed(() => groupByStage(pairings.value));
  return { pairings, groups, loading, loaded, load, accept, decline, signFor };
}
