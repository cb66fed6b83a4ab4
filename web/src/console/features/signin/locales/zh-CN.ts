export default {
  heading: "登录工作台",
  intro: "儿童督导员、儿童主任和管理员使用手机号和密码登录。",
};
