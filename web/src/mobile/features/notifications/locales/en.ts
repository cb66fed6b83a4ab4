export default {
  empty: "No messages yet.",
  unread: "Unread",
  read: "Read",
  kinds: {
    pairing_awaiting_acceptance: "A new pairing is waiting for your answer.",
    pairing_ended: "A pairing has ended.",
    pairing_accepted: "A pairing was accepted.",
    pairing_declined: "A pairing was declined.",
    visit_due: "A {kind} is due by {due}.",
    hours_confirmed: "The hours of one of your visits were confirmed.",
    hours_rejected: "The hours of one of your visits were not accepted; please ask the child director.",
    urgent_report_closed: "Your urgent report has been closed; see its outcome.",
    urgent_report_received: "A new urgent report has come in.",
    other: "A new message.",
  },
};
