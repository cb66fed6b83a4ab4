export default {
  service: "Service",
  account: "Account",
  name: "Name",
  role: "Role",
  display: "Display and language",
  largeText: "Large text",
  largeTextHint: "Bigger text and buttons",
  pending: "{n} records have not been sent yet.",
  unsentTitle: "Records not sent yet",
  unsentMessage: "{n} records have not reached the server. Signing out deletes them from the phone. Sign out anyway?",
};
