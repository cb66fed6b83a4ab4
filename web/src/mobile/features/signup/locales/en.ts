export default {
  heading: "Sign up for Tongxing",
  intro: "Sign up with your mobile number. Then add your skills and how far you can travel, and wait to be paired with a child who needs help.",
  name: "Name",
  namePlaceholder: "Your real name",
  nameRequired: "Enter your name",
  accountType: "I am",
  types: {
    volunteer: "A volunteer",
    agency_staff: "Staff of a social-work agency",
    donor: "An enterprise or charity",
  },
  consent: "I have read and accept the notice on children's information",
  consentRequired: "Read and accept the notice on children's information first",
  readNotice: "Read the notice",
  submit: "Sign up",
  haveAccount: "Have an account? Sign in",
};
