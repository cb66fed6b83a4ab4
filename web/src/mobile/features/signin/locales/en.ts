export default {
  heading: "Sign in to Tongxing",
  intro: "Volunteers, agency staff and donors sign in with their mobile number.",
  noAccount: "No account yet? Sign up",
};
