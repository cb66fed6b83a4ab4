export default {
  heading: "注册同行",
  intro: "用手机号注册。注册后可以完善技能和服务范围，等待与需要帮助的孩子结对。",
  name: "姓名",
  namePlaceholder: "你的真实姓名",
  nameRequired: "请输入姓名",
  accountType: "我是",
  types: {
    volunteer: "志愿者",
    agency_staff: "社工机构工作人员",
    donor: "爱心企业或慈善组织",
  },
  consent: "我已阅读并同意《儿童信息保护告知书》",
  consentRequired: "请先阅读并同意儿童信息保护告知书",
  readNotice: "阅读告知书",
  submit: "注册",
  haveAccount: "已有账号？登录",
};
