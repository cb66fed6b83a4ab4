export default {
  greeting: "Hello, {name}",
  pairings: "My pairings",
  awaiting: "Waiting for my answer",
  active: "Active",
  inbox: "Messages",
  unread: "Unread notifications",
  count: "none | {n} | {n}",
  nothingYet: "No pairings yet. Once your skills, languages and travel range are complete, a supervisor will pair you with a child.",
  agency_staff: {
    pairings: "The agency's pairings",
    awaiting: "Waiting for the agency's answer",
    nothingYet: "The agency has no pairings yet. Once a supervisor approves a proposal, it appears under Agency pairings.",
  },
  donor: {
    pairings: "Where gifts go",
    awaiting: "Gifts to confirm",
    active: "Being delivered",
    nothingYet: "No gift is paired yet. Offer goods, funds or training posts, and a supervisor will place them with children who need them.",
  },
};
