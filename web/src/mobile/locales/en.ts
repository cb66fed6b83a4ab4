export default {
  mobile: {
    title: "Tongxing volunteers",
    product: "Tongxing",
    online: "Online",
    offline: "Offline: records stay on the phone and are sent when there is signal",
    phoneOnly: "The phone app is for volunteers, agencies and donors. Child welfare supervisors and directors: open {url} on a computer.",
    urgentSlot: "Urgent report",
  },
  tabs: { home: "Home", me: "Me", pairings: "Pairings", visits: "Visits", inbox: "Inbox", visitNew: "Record a visit", urgentNew: "Urgent report", urgent: "My urgent reports", hours: "Service hours", profile: "Volunteer profile" },
};
