// 长辈模式 (display.*).
export default {
  largeText: "长辈模式",
};
