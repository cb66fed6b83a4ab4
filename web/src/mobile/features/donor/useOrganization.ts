// The donor's organisation (enterprise or charity) and what it has on offer; a donor who
// has none yet registers one and becomes its first member.
import { ref } from "vue";
import { api, unwrap, type components } from "@/shared/api";
import { useSessionStore } from "@/shared/auth/session";

export type Organization = components["schemas"]["Organization"];
export type Resource = components["schemas"]["Resource"];

export function useOrganization() {
  const session = useSessionStore();
  const organization = ref<Organization | null>(null);
  const resources = ref<Resource[]>([]);

  async function load(): Promise<void> {
    const id = session.user?.organization_id;
    if (!id) {
      organization.value = null;
      resources.value = [];
      return;
    }
    const [org, offered] = await Promise.all([
      unwrap(api.GET("/api/v1/organizations/{org_id}", { params: { path: { org_id: id } } })),
      unwrap(api.GET("/api/v1/resources/", { params: { query: { organization_id: id, page_size: 100 } } })),
    ]);
    organization.value = org;
    resources.value = offered;
  }

  async function register(body: components["schemas"]["OrganizationCreate"]): Promise<void> {
    organization.value = await unwrap(api.POST("/api/v1/organizations/", { body }));
    // The account now acts for it: read it again so every screen knows.
    session.user = { ...session.user!, ...(await unwrap(api.GET("/api/v1/users/me"))) };
    resources.value = [];
  }

  return { organization, resources, load, register };
}
