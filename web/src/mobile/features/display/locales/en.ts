export default {
  largeText: "Large text",
};
