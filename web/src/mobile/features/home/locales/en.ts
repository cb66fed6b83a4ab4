export default {
  greeting: "Hello, {name}",
  pairings: "My pairings",
  awaiting: "Waiting for my answer",
  active: "Active",
  inbox: "Messages",
  unread: "Unread notifications",
  count: "none | {n} | {n}",
  nothingYet: "No pairings yet. Once your skills, languages and travel range are complete, a supervisor will pair you with a child.",
};
