export default {
  greeting: "你好，{name}",
  pairings: "我的结对",
  awaiting: "等待我回复",
  active: "进行中",
  inbox: "消息",
  unread: "未读通知",
  count: "{n} 条",
  nothingYet: "还没有结对。完善你的技能、语言和服务范围后，儿童督导员会为你安排合适的孩子。",
};
