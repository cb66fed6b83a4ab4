// The urgent-report watch on every console page (see urgentAlerts.ts): started for a signed-in
// coordinator, stopped on sign-out. A new report pops up a notification with a link to the
// inbox; the header's badge counts the unread ones; opening the inbox marks them read.
import { h, onBeforeUnmount, ref, watch } from "vue";
import { useI18n } from "vue-i18n";
import { useRoute, useRouter, type RouteLocationRaw } from "vue-router";
import { ElNotification } from "element-plus";
import "element-plus/es/components/notification/style/css";
import { api, unwrap } from "@/shared/api";
import { useSessionStore } from "@/shared/auth/session";
import { lookUp, regionName } from "../kit/regions";
import { createUrgentPoller, urgentNotices, type UrgentNotice } from "./urgentAlerts";

const KIND = "urgent_report.received";

export function useUrgentAlerts() {
  const { t } = useI18n();
  const session = useSessionStore();
  const route = useRoute();
  const router = useRouter();
  const unread = ref(0);
  let waiting: UrgentNotice[] = [];

  const inbox = (reportId?: number): RouteLocationRaw => ({
    name: "field",
    query: { tab: "reports" },
    ...(reportId ? { hash: `#report-${reportId}` } : {}),
  });

  async function fetchUnread(): Promise<UrgentNotice[]> {
    const items = await unwrap(
      api.GET("/api/v1/me/notifications", {
        params: { query: { kind: KIND, unread: true, page_size: 100 } as never },
      }),
    );
    waiting = urgentNotices(items ?? []);
    return waiting;
  }

  async function announce(fresh: UrgentNotice[]) {
    await Promise.all(fresh.map((n) => (n.region_code ? lookUp(n.region_code) : null)));
    const what = fresh
      .map((n) => `${t(`field.reports.danger.${n.danger ?? "other"}`)}（${regionName(n.region_code)}）`)
      .join("、");
    const target = inbox(fresh[0]!.report_id);
    const notice = ElNotification({
      title: t("field.reports.newTitle"),
      type: "warning",
      duration: 0,
      position: "bottom-right",
      message: h("div", [
        h("p", { class: "urgent-alert__text" }, t("field.reports.newAlert", { what })),
        h(
          "a",
          {
            href: router.resolve(target).href,
            class: "urgent-alert__link",
            onClick: (event: MouseEvent) => {
              event.preventDefault();
              notice.close();
              void router.push(target);
            },
          },
          t("console.alerts.open"),
        ),
      ]),
    });
  }

  const poller = createUrgentPoller({
    fetchUnread,
    announce: (fresh) => void announce(fresh),
    onCount: (n) => (unread.value = n),
  });

  const onInbox = () => route.name === "field" && route.query.tab === "reports";
  async function markRead() {
    const notices = waiting;
    waiting = [];
    if (!notices.length) return;
    await Promise.allSettled(
      notices.map((n) =>
        api.POST("/api/v1/me/notifications/{notification_id}/read", {
          params: { path: { notification_id: n.id } },
        }),
      ),
    );
    unread.value = 0;
  }

  watch(
    () => [session.status, session.role] as const,
    ([status, role]) => {
      if (status === "signed-in" && role === "coordinator") void poller.start();
      else poller.stop();
    },
    { immediate: true },
  );
  // Looking at the inbox reads what the badge counted (and what arrives while it is open).
  watch(
    () => [onInbox(), unread.value] as const,
    ([open, count]) => {
      if (open && count > 0) void markRead();
    },
  );
  onBeforeUnmount(() => poller.stop());

  return { unread, inbox: () => inbox() };
}
