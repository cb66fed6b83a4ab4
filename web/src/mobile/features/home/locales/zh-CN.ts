export default {
  greeting: "你好，{name}",
  pairings: "我的结对",
  awaiting: "等待我回复",
  active: "进行中",
  inbox: "消息",
  unread: "未读通知",
  count: "{n} 条",
  nothingYet: "还没有结对。完善你的技能、语言和服务范围后，儿童督导员会为你安排合适的孩子。",
  // what agency staff and donors read instead (their agency's or organisation's pairings)
  agency_staff: {
    pairings: "机构的结对",
    awaiting: "等待机构回复",
    nothingYet: "机构还没有结对。儿童督导员批准匹配建议后，结对会出现在“机构结对”里。",
  },
  donor: {
    pairings: "捐赠去向",
    awaiting: "等待确认的捐赠",
    active: "正在交付",
    nothingYet: "还没有配对的捐赠。在“发布捐赠”里登记物资、资金或培训岗位后，儿童督导员会把它们安排给需要的孩子。",
  },
};
