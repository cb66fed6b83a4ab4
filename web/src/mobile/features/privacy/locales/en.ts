export default {
  title: "Notice on children's information",
  lead: "Tongxing gets children in difficulty the help they need. In this service you will see children's personal information. Under the Minors Protection Law and the Personal Information Protection Law, you undertake:",
  points: [
    "To use a child's information only for the pairing: you see only what an approved pairing needs, and it is deleted from your phone when the pairing ends.",
    "Never to photograph, forward or post a child's name, address, photo, family or health in any chat group or social media.",
    "Every time you view a child's information it is recorded, and the child's supervisor can check it.",
    "You will not be asked to meet a child before your background check is recorded.",
    "If a child is unsupervised, missing, harmed or in danger, report at once with the urgent-report button.",
    "When you sign out, children's information and unsent records on the phone are deleted.",
  ],
  accept: "I have read and accept",
  decline: "Decline and sign out",
};
