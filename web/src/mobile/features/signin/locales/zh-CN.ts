export default {
  heading: "登录同行",
  intro: "志愿者、社工机构工作人员和爱心企业用手机号登录。",
  noAccount: "还没有账号？注册",
};
