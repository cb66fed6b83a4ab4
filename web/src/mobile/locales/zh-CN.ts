// The phone app's own words (shell and tabs). Each feature keeps its words in
// features/<feature>/locales/, available as `<feature>.*`.
export default {
  mobile: {
    title: "同行志愿者",
    product: "同行",
    online: "在线",
    offline: "离线：记录会保存在手机上，有信号时自动发送",
    phoneOnly: "手机版供志愿者、社工机构和爱心企业使用。儿童督导员和儿童主任请在电脑上打开 {url}。",
    urgentSlot: "强制报告",
  },
  tabs: { home: "首页", me: "我的", pairings: "结对", visits: "走访", inbox: "消息", visitNew: "记录走访", urgentNew: "强制报告", urgent: "我的强制报告", hours: "服务时长", profile: "志愿者资料" },
};
