export default {
  empty: "还没有消息。",
  unread: "未读",
  read: "已读",
  kinds: {
    pairing_awaiting_acceptance: "有一个新的结对等待你回复。",
    pairing_ended: "一个结对已经结束。",
    pairing_accepted: "结对已被接受。",
    pairing_declined: "结对已被婉拒。",
    visit_due: "{due} 前需要{kind}。",
    hours_confirmed: "你的一次走访时长已确认。",
    hours_rejected: "你的一次走访时长未通过，请联系儿童主任。",
    urgent_report_closed: "你提交的强制报告已办结，可以查看处理结果。",
    urgent_report_received: "收到一份新的强制报告。",
    other: "有一条新消息。",
  },
};
