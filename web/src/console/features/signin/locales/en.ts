export default {
  heading: "Sign in to the console",
  intro:
    "Child welfare supervisors, directors and administrators sign in with their mobile number and password.",
};
