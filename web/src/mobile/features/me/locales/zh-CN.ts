export default {
  service: "志愿服务",
  account: "账户",
  name: "姓名",
  role: "身份",
  display: "显示与语言",
  largeText: "长辈模式",
  largeTextHint: "更大的字和按钮",
  pending: "有 {n} 条记录还没有发送。",
  unsentTitle: "还有记录没有发送",
  unsentMessage: "有 {n} 条记录还没有发送到服务器。退出登录会把它们从手机上删除。确定退出吗？",
};
