// The console's own words (shell and navigation). Each feature keeps its words in
// features/<feature>/locales/, available as `<feature>.*`.
export default {
  console: {
    title: "儿童关爱工作台",
    product: "同行 · 儿童关爱工作台",
    navigation: "主导航",
    account: "当前用户",
    consoleOnly: "工作台供儿童督导员、儿童主任和管理员使用。志愿者、社工机构和爱心企业请用手机打开 {url}。",
  },
  nav: {
    thisWeek: "本周概况",
    proposals: "匹配建议",
    runs: "匹配记录",
    map: "地图",
    children: "儿童档案",
    field: "走访与报告",
    providers: "服务力量",
    ledger: "台账导入导出",
    admin: "系统管理",
    account: "我的账户",
  },
};
