export default {
  console: {
    title: "Child care console",
    product: "Tongxing · Child care console",
    navigation: "Main navigation",
    account: "Signed in as",
    consoleOnly: "The console is for child welfare supervisors, directors and administrators. Volunteers, agencies and donors: open {url} on your phone.",
  },
  nav: {
    thisWeek: "This week",
    proposals: "Proposals",
    runs: "Match runs",
    map: "Map",
    children: "Children",
    field: "Visits and reports",
    providers: "Providers",
    ledger: "Ledger import and export",
    admin: "Administration",
    account: "My account",
  },
};
