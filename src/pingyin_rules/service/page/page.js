/* The clerk's page: fill a document (or paste a case file), press 检查, read the verdicts.
 *
 * Plain JavaScript, no build step, nothing loaded from elsewhere. It talks to the service it is
 * served by, with paths relative to the page (so it also works behind a path prefix):
 *   GET  v1/contexts              rosters loaded at start-up
 *   GET  v1/contexts/{name}       (optional) officials and departments, for the pick lists
 *   GET  v1/rules                 (optional) rule titles and clause items, for citations
 *   GET  v1/rules/{id}            a rule and its explanation (the clause, the parameters)
 *   POST v1/validate/document     one document against a named roster
 *   POST v1/check                 a whole case file (its text, YAML or JSON, as case_text)
 * With a bearer token configured (`serve --token-env`), the token the clerk enters is sent.
 * Every text is built with textContent: nothing a user or the server sends becomes markup.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------- texts
  var TEXT = {
    zh: {
      pageTitle: "公文签发前检查 · 平阴县人民政府工作规则",
      skip: "跳到检查结果",
      title: "公文签发前检查",
      subtitle: "依据《平阴县人民政府工作规则》（2022年7月15日印发）逐条检查，列出不符合的条款、依据和整改办法。",
      setupHeading: "检查什么",
      modeDocument: "填写一份公文",
      modeCase: "提交案卷文件",
      context: "名册（领导和部门）",
      contextHint: "检查时对照服务启动时载入的领导名册和部门。",
      contextNone: "（服务未载入名册）",
      contextRecords: "条记录",
      contextLoadFailed: "无法读取名册列表：",
      on: "检查日期",
      onHint: "按这一天判断是否逾期、是否已印发；默认今天。",
      documentHeading: "公文",
      basics: "基本信息",
      f_id: "公文编号",
      f_title: "标题",
      f_issuer: "发文名义",
      f_kind: "文种",
      f_office_class: "办公室公文类别（第六十七条（七））",
      f_department: "主办部门",
      idHint: "填名册中的代码，可从下拉提示中选择。",
      f_disclosure: "公开属性",
      length: "篇幅",
      f_body_length: "字数",
      f_body: "正文（可粘贴，代替字数）",
      signing: "审核、审签与签发",
      f_checked_by: "审核人（分管文字工作的办公室副主任）",
      f_reviewed_by: "审签人（分管副县长）",
      f_signed_by: "签发人",
      f_signed_on: "签发日期",
      f_issued_on: "印发日期",
      issuedHint: "尚未印发的留空。",
      f_authorized_signer: "县长授权签发的副县长（第六十七条（六））",
      circumstances: "情形",
      f_decided_at_executive_meeting: "经县政府常务会议研究决定",
      f_routine_approval: "例行批准事项",
      f_spans_portfolios: "内容涉及多位副县长分管工作",
      f_opinions_differ: "有关方面意见不一致",
      f_emergency: "突发紧急事项，特事特办",
      f_policy_interpretation_attached: "已同步报送政策解读材料",
      f_city_required: "市里要求上报的公文",
      f_city_notice_received_on: "接到市里通知的日期",
      reports: "印发前向领导汇报（第六十六条）",
      reportsCaption: "印发前的汇报记录",
      r_to: "汇报对象",
      r_on: "汇报日期",
      r_written: "书面汇报",
      r_approved: "领导同意",
      r_actions: "操作",
      r_remove: "删除",
      r_rowLabel: "第{n}次汇报",
      addReport: "添加一次汇报",
      caseHeading: "案卷文件",
      caseUpload: "选择案卷文件（YAML 或 JSON）",
      casePaste: "或粘贴案卷内容",
      caseHint: "案卷格式与命令行 pingyin-rules check 相同（officials、departments、documents、meetings……），YAML 或 JSON 均可。",
      token: "访问令牌",
      tokenHint: "本服务要求访问令牌：请填写管理员提供的令牌（只保存在本浏览器标签页中）。",
      tokenWrong: "访问令牌缺少或有误，请重新填写。",
      check: "检查",
      checking: "正在检查……",
      resultsHeading: "检查结果",
      noResults: "尚未检查。填写后按“检查”。",
      footer: "本页面只把填写的内容发送给本服务，不加载任何外部资源。",
      unset: "（未标识）",
      needId: "请填写公文编号。",
      needTitle: "请填写标题。",
      needContext: "请选择名册。",
      needCase: "请选择或粘贴案卷文件。",
      readFailed: "无法读取所选文件。",
      networkError: "无法连接检查服务：",
      serverError: "检查服务返回错误（HTTP {status}）：",
      outcomeFail: "不符合：{n}项须整改，整改后再报送签发。",
      outcomeWarn: "没有须整改的问题，另有{n}项提示。",
      outcomeOk: "符合：未发现不符合《工作规则》的问题，可以报送签发。",
      outcomeInvalid: "输入有误，未能完成检查：请按下列提示修改后再检查。",
      counts: "符合 {pass} · 不符合 {fail} · 例外接受 {exception} · 不适用 {na}",
      inputErrors: "输入错误",
      failures: "不符合的条款",
      warnings: "提示",
      exceptions: "按例外接受",
      passes: "符合的条款（{n}项）",
      remedy: "整改：",
      details: "依据和说明",
      rule: "规则编号：",
      ruleText: "规则的完整说明（参数、例外、决策表）",
      evidence: "比较的数值",
      loading: "正在读取……",
      noExplanation: "没有更多说明。",
      badgeError: "须整改",
      badgeWarning: "提示",
      badgeException: "例外",
      badgePass: "符合",
      line: "第{n}行",
      article: function (n) { return "第" + zhNumber(n) + "条"; },
      subjects: {
        document: "公文", meeting: "会议", official: "领导", department: "部门",
        absence: "外出请假", assignment: "交办事项", decision: "重大决策", case: "案卷",
        roster: "名册", period: "期间", submission: "报送县政府的文件", agenda_item: "议题",
        visit: "来访", coordinating_body: "议事协调机构"
      }
    },
    en: {
      pageTitle: "Check a document before signature · Pingyin County working rules",
      skip: "Skip to the results",
      title: "Check a document before signature",
      subtitle: "Checked article by article against the Working Rules of the Pingyin County People's Government (issued 15 July 2022): what fails, the article, and how to put it right.",
      setupHeading: "What to check",
      modeDocument: "Fill in one document",
      modeCase: "Send a case file",
      context: "Roster (leaders and departments)",
      contextHint: "The document is checked against the roster the service loaded at start-up.",
      contextNone: "(the service loaded no roster)",
      contextRecords: "records",
      contextLoadFailed: "Could not read the rosters: ",
      on: "Check as of",
      onHint: "Decides what is overdue and whether the document is issued; today by default.",
      documentHeading: "Document",
      basics: "The document",
      f_id: "Document number",
      f_title: "Title",
      f_issuer: "Issued in the name of",
      f_kind: "Kind",
      f_office_class: "Office document class (Art. 67 (7))",
      f_department: "Drafting department",
      idHint: "The code in the roster; pick one from the suggestions.",
      f_disclosure: "Disclosure",
      length: "Length",
      f_body_length: "Characters",
      f_body: "Body text (paste it instead of a count)",
      signing: "Checking, review and signature",
      f_checked_by: "Checked by (office deputy director in charge of drafting)",
      f_reviewed_by: "Reviewed and initialled by (deputy head in charge)",
      f_signed_by: "Signed by",
      f_signed_on: "Signed on",
      f_issued_on: "Issued on",
      issuedHint: "Leave empty if not issued yet.",
      f_authorized_signer: "Deputy head authorized by the county head to sign (Art. 67 (6))",
      circumstances: "Circumstances",
      f_decided_at_executive_meeting: "Decided at the executive meeting",
      f_routine_approval: "A routine approval",
      f_spans_portfolios: "Spans several deputy heads' portfolios",
      f_opinions_differ: "Opinions differ",
      f_emergency: "Emergency, handled as a special case",
      f_policy_interpretation_attached: "Policy interpretation sent with it",
      f_city_required: "Required by the city",
      f_city_notice_received_on: "Date the city's notice was received",
      reports: "Reports to leaders before issue (Art. 66)",
      reportsCaption: "Reports made before issue",
      r_to: "Reported to",
      r_on: "On",
      r_written: "In writing",
      r_approved: "Agreed",
      r_actions: "Actions",
      r_remove: "Remove",
      r_rowLabel: "report {n}",
      addReport: "Add a report",
      caseHeading: "Case file",
      caseUpload: "Choose a case file (YAML or JSON)",
      casePaste: "or paste the case file",
      caseHint: "The same case file as for pingyin-rules check on the command line (officials, departments, documents, meetings…), in YAML or JSON.",
      token: "Access token",
      tokenHint: "This service asks for an access token: enter the one the operator gave you (kept in this browser tab only).",
      tokenWrong: "The access token is missing or wrong; enter it again.",
      check: "Check",
      checking: "Checking…",
      resultsHeading: "Results",
      noResults: "Nothing checked yet. Fill in the form and press Check.",
      footer: "This page sends what you enter to this service only, and loads nothing from elsewhere.",
      unset: "(not marked)",
      needId: "Enter the document number.",
      needTitle: "Enter the title.",
      needContext: "Choose a roster.",
      needCase: "Choose or paste a case file.",
      readFailed: "Could not read the chosen file.",
      networkError: "Could not reach the checking service: ",
      serverError: "The checking service answered with an error (HTTP {status}): ",
      outcomeFail: "Not compliant: {n} to put right before it goes for signature.",
      outcomeWarn: "Nothing to put right; {n} warnings.",
      outcomeOk: "Compliant: nothing contrary to the working rules; it can go for signature.",
      outcomeInvalid: "Invalid input, not checked: correct what is listed below and check again.",
      counts: "pass {pass} · fail {fail} · exceptions accepted {exception} · not applicable {na}",
      inputErrors: "Input errors",
      failures: "Failures",
      warnings: "Warnings",
      exceptions: "Accepted as exceptions",
      passes: "Passed ({n})",
      remedy: "Remedy: ",
      details: "Basis and explanation",
      rule: "Rule: ",
      ruleText: "The rule in full (parameters, exceptions, decision tables)",
      evidence: "Values compared",
      loading: "Loading…",
      noExplanation: "No further explanation.",
      badgeError: "must fix",
      badgeWarning: "warning",
      badgeException: "exception",
      badgePass: "pass",
      line: "line {n}",
      article: function (n) { return "Art. " + n; },
      subjects: {
        document: "Document", meeting: "Meeting", official: "Official", department: "Department",
        absence: "Absence", assignment: "Assignment", decision: "Decision", case: "Case",
        roster: "Roster", period: "Period", submission: "Submission", agenda_item: "Agenda item",
        visit: "Visit", coordinating_body: "Coordinating body"
      }
    }
  };

  // Codes and their names (rules/names.yaml).
  var OPTIONS = {
    issuer: [
      ["county_government", "县政府", "the county government"],
      ["county_government_office", "县政府办公室", "the county government office"],
      ["department", "县政府部门", "a county department"],
      ["internal_unit", "部门内设机构", "an internal unit"]
    ],
    kind: [
      ["formal", "正式公文", "formal document"],
      ["normative", "规范性文件", "normative document"],
      ["policy", "政策性文件", "policy document"],
      ["report", "报告", "report"],
      ["request_for_instructions", "请示", "request for instructions"],
      ["briefing", "简报", "briefing"],
      ["motion", "议案", "motion"],
      ["personnel", "人事任免公文", "personnel appointment or removal"],
      ["going_abroad_approval", "出国审批", "approval of going abroad"],
      ["informal_letter_up", "报送上级的便函", "informal letter upward"],
      ["informal_letter_down", "下发的便函", "informal letter downward"],
      ["supervision_plan", "督促检查工作年度计划", "annual supervision plan"]
    ],
    office_class: [
      ["", "其他", "other"],
      ["important_normative", "重要规范性公文", "an important normative document"],
      ["comprehensive", "涉及综合性事项的公文", "a document on comprehensive matters"],
      ["temporary_body", "成立临时机构的公文", "a document setting up a temporary body"]
    ],
    disclosure: [
      ["", null, null],
      ["proactive", "主动公开", "proactive disclosure"],
      ["on_request", "依申请公开", "disclosure on request"],
      ["not_disclosed", "不予公开", "not disclosed"]
    ]
  };

  // Field names in input errors, shown with the label the clerk filled in.
  var FIELD_LABEL_KEYS = {
    id: "f_id", title: "f_title", issuer: "f_issuer", kind: "f_kind",
    office_class: "f_office_class", department: "f_department", disclosure: "f_disclosure",
    body: "f_body", body_length: "f_body_length", checked_by: "f_checked_by",
    reviewed_by: "f_reviewed_by", signed_by: "f_signed_by", signed_on: "f_signed_on",
    issued_on: "f_issued_on", authorized_signer: "f_authorized_signer",
    city_notice_received_on: "f_city_notice_received_on", pre_issue_reports: "reports",
    "pre_issue_reports.to": "r_to", "pre_issue_reports.on": "r_on", context_name: "context",
    on: "on", case_text: "casePaste", "case": "casePaste"
  };

  var STATUS_ORDER = { fail: 0, exception: 1, pass: 2, not_applicable: 3 };

  // ---------------------------------------------------------------- state
  var lang = pickLang();
  var lastResult = null;      // {report, status} of the last check, re-rendered on a switch
  var ruleMeta = null;        // rule_id -> {item, title, title_en}, when v1/rules answers
  var ruleDetails = {};       // rule_id -> promise of v1/rules/{id}
  var contexts = [];
  var reportRows = 0;
  var caseFileName = null;    // the name of an uploaded case file, sent as its source
  var TOKEN_KEY = "pingyin-rules-token";

  function pickLang() {
    var q = new URLSearchParams(window.location.search).get("lang") || "";
    return q.toLowerCase().indexOf("en") === 0 ? "en" : "zh";
  }

  function t(key, values) {
    var s = TEXT[lang][key];
    if (s === undefined) s = TEXT.zh[key];
    if (typeof s !== "string") return s;
    if (values) {
      Object.keys(values).forEach(function (k) { s = s.split("{" + k + "}").join(String(values[k])); });
    }
    return s;
  }

  // ---------------------------------------------------------------- numbers
  var DIGITS = "零一二三四五六七八九";
  function zhNumber(n) {
    n = Number(n);
    if (!(n >= 0) || n >= 1000 || n !== Math.floor(n)) return String(n);
    if (n < 10) return DIGITS[n];
    var h = Math.floor(n / 100), ten = Math.floor((n % 100) / 10), one = n % 10, s = "";
    if (h) s += DIGITS[h] + "百";
    if (ten) s += (ten === 1 && !h ? "" : DIGITS[ten]) + "十";
    else if (h && one) s += "零";
    if (one) s += DIGITS[one];
    return s;
  }
  function fromZhNumber(s) {
    var n = 0, cur = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS.indexOf(s[i]);
      if (d >= 0) cur = d;
      else if (s[i] === "十") { n += (cur || 1) * 10; cur = 0; }
      else if (s[i] === "百") { n += (cur || 1) * 100; cur = 0; }
      else return null;
    }
    return n + cur;
  }
  // （一）（五） -> (1) (5); 第二款 -> ¶2, for the English citation.
  function clauseEn(clause) {
    return clause
      .replace(/第([一二三四五六七八九十百]+)款/g, function (_, z) { return " ¶" + fromZhNumber(z); })
      .replace(/（([一二三四五六七八九十百]+)）/g, function (_, z) { return " (" + fromZhNumber(z) + ")"; })
      .trim();
  }

  // ---------------------------------------------------------------- DOM helpers
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  // A count or note in brackets, full-width in Chinese.
  function paren(x) { return lang === "en" ? " (" + x + ")" : "（" + x + "）"; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // ---------------------------------------------------------------- language
  function applyLanguage() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    document.title = t("pageTitle");
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("abbr.req"), function (node) {
      node.title = lang === "en" ? "required" : "必填";
    });
    Array.prototype.forEach.call(document.querySelectorAll(".lang a"), function (a) {
      if (a.getAttribute("data-lang") === lang) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    Array.prototype.forEach.call(document.querySelectorAll("select[data-options]"), fillOptions);
    Array.prototype.forEach.call(document.querySelectorAll("#reports-body tr"), labelReportRow);
    fillContexts();
    if (lastResult) renderResult(lastResult.report, lastResult.status);
  }

  function fillOptions(select) {
    var name = select.getAttribute("data-options");
    var current = select.value;
    clear(select);
    OPTIONS[name].forEach(function (o) {
      var label = o[1] === null ? t("unset") : (lang === "en" ? o[2] : o[1]);
      select.appendChild(el("option", { value: o[0], text: label }));
    });
    if (current !== "") select.value = current;
  }

  function switchLanguage(event) {
    var target = event.currentTarget.getAttribute("data-lang");
    event.preventDefault();
    if (target === lang) return;
    lang = target;
    var params = new URLSearchParams(window.location.search);
    params.set("lang", lang);
    window.history.replaceState(null, "", "?" + params.toString() + window.location.hash);
    applyLanguage();
  }

  // ---------------------------------------------------------------- server
  // The bearer token, where the operator set one (`serve --token-env`): asked for on the
  // first 401, kept in sessionStorage (this tab only), sent with every API call.
  function token() {
    try { return window.sessionStorage.getItem(TOKEN_KEY) || ""; } catch (e) { return ""; }
  }
  function headers(extra) {
    var h = { Accept: "application/json" };
    var tok = token();
    if (tok) h.Authorization = "Bearer " + tok;
    Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
    return h;
  }
  function askForToken(wrong) {
    $("token-field").hidden = false;
    $("token-hint").textContent = t(wrong ? "tokenWrong" : "tokenHint");
    $("token").setAttribute("aria-invalid", "true");
  }

  function getJson(path) {
    return fetch(path, { headers: headers() }).then(function (r) {
      if (r.status === 401) askForToken(!!token());
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }

  function loadContexts() {
    return getJson("v1/contexts").then(function (list) {
      contexts = Array.isArray(list) ? list : (list && list.contexts) || [];
      fillContexts();
      var first = $("context").value;
      if (first) loadContextDetail(first);
    }).catch(function (err) {
      contexts = [];
      fillContexts();
      $("context-hint").textContent = t("contextLoadFailed") + err.message;
    });
  }

  function fillContexts() {
    var select = $("context"), current = select.value;
    clear(select);
    if (!contexts.length) {
      select.appendChild(el("option", { value: "", text: t("contextNone") }));
      return;
    }
    contexts.forEach(function (c) {
      var name = typeof c === "string" ? c : c.name;
      var label = name + (c.records !== undefined ? paren(c.records + (lang === "en" ? " " : "") + t("contextRecords")) : "");
      select.appendChild(el("option", { value: name, text: label }));
    });
    if (current) select.value = current;
  }

  // Pick lists of officials and departments, where the service describes a roster.
  function loadContextDetail(name) {
    getJson("v1/contexts/" + encodeURIComponent(name)).then(function (detail) {
      var officials = $("officials"), departments = $("departments");
      clear(officials);
      clear(departments);
      (detail.officials || []).forEach(function (o) {
        officials.appendChild(el("option", { value: o.id, label: [o.name, o.title].filter(Boolean).join(" · ") }));
      });
      (detail.departments || []).forEach(function (d) {
        departments.appendChild(el("option", { value: d.id, label: d.name || d.id }));
      });
    }).catch(function () { /* optional: the fields still take codes typed in */ });
  }

  function loadRuleMeta() {
    if (ruleMeta !== null) return Promise.resolve(ruleMeta);
    return getJson("v1/rules").then(function (list) {
      ruleMeta = {};
      (Array.isArray(list) ? list : list.rules || []).forEach(function (r) { ruleMeta[r.rule_id || r.id] = r; });
      return ruleMeta;
    }).catch(function () { return {}; });
  }

  function ruleDetail(id) {
    if (!ruleDetails[id]) {
      ruleDetails[id] = getJson("v1/rules/" + encodeURIComponent(id));
      ruleDetails[id].catch(function () { delete ruleDetails[id]; });
    }
    return ruleDetails[id];
  }

  // ---------------------------------------------------------------- the form
  function addReportRow(values) {
    values = values || {};
    reportRows += 1;
    var n = reportRows;
    var row = el("tr", { "data-row": String(n) }, [
      el("td", null, [el("input", { name: "report_to", list: "officials", autocomplete: "off", id: "report-to-" + n, value: values.to || "" })]),
      el("td", null, [el("input", { name: "report_on", type: "date", id: "report-on-" + n, value: values.on || "" })]),
      el("td", null, [el("input", { name: "report_written", type: "checkbox", id: "report-written-" + n, checked: values.written !== false })]),
      el("td", null, [el("input", { name: "report_approved", type: "checkbox", id: "report-approved-" + n, checked: values.approved !== false })]),
      el("td", null, [el("button", { type: "button", className: "link", "data-remove": String(n) })])
    ]);
    row.querySelector("button").addEventListener("click", function () {
      var body = row.parentNode;
      body.removeChild(row);
      Array.prototype.forEach.call(body.children, labelReportRow);  // 第N次 renumbered
      $("add-report").focus();
    });
    $("reports-body").appendChild(row);
    labelReportRow(row);
    return row;
  }

  // Each cell's input named for assistive technology: "汇报对象（第1次汇报）".
  function labelReportRow(row) {
    var index = Array.prototype.indexOf.call(row.parentNode.children, row) + 1;
    var which = t("r_rowLabel", { n: index });
    var keys = ["r_to", "r_on", "r_written", "r_approved"];
    Array.prototype.forEach.call(row.querySelectorAll("input"), function (input, i) {
      input.setAttribute("aria-label", t(keys[i]) + (lang === "en" ? ", " : "（") + which + (lang === "en" ? "" : "）"));
    });
    var remove = row.querySelector("button");
    remove.textContent = t("r_remove");
    remove.setAttribute("aria-label", t("r_remove") + " " + which);
  }

  function value(name) {
    var node = document.querySelector('#document-mode [name="' + name + '"]');
    return node ? node.value.trim() : "";
  }
  function checked(name) {
    var node = document.querySelector('#document-mode [name="' + name + '"]');
    return !!(node && node.checked);
  }

  function buildDocument() {
    var doc = { id: value("id"), title: value("title"), issuer: value("issuer"), kind: value("kind") };
    ["department", "disclosure", "checked_by", "reviewed_by", "signed_by", "signed_on", "issued_on",
     "authorized_signer"].forEach(function (name) {
      var v = value(name);
      if (v) doc[name] = v;
    });
    if (doc.issuer === "county_government_office" && value("office_class")) doc.office_class = value("office_class");
    var body = $("doc-body").value;
    if (body.trim()) doc.body = body;
    else if (value("body_length") !== "") doc.body_length = Number(value("body_length"));
    ["decided_at_executive_meeting", "routine_approval", "spans_portfolios", "opinions_differ",
     "emergency", "policy_interpretation_attached"].forEach(function (name) {
      if (checked(name)) doc[name] = true;
    });
    if (checked("city_required")) {
      doc.city_required = true;
      if (value("city_notice_received_on")) doc.city_notice_received_on = value("city_notice_received_on");
    }
    var reports = [];
    Array.prototype.forEach.call(document.querySelectorAll("#reports-body tr"), function (row) {
      var to = row.querySelector('[name="report_to"]').value.trim();
      if (!to) return;
      reports.push({
        to: to,
        on: row.querySelector('[name="report_on"]').value || null,
        written: row.querySelector('[name="report_written"]').checked,
        approved: row.querySelector('[name="report_approved"]').checked
      });
    });
    if (reports.length) doc.pre_issue_reports = reports;
    return doc;
  }

  function markInvalid(ids) {
    Array.prototype.forEach.call(document.querySelectorAll("[aria-invalid]"), function (n) { n.removeAttribute("aria-invalid"); });
    ids.forEach(function (id) { $(id).setAttribute("aria-invalid", "true"); });
    if (ids.length) $(ids[0]).focus();
  }

  function mode() { return document.querySelector('input[name="mode"]:checked').value; }

  function showMode() {
    var m = mode();
    $("document-mode").hidden = m !== "document";
    $("case-mode").hidden = m !== "case";
  }

  function submit(event) {
    event.preventDefault();
    var on = $("on").value || null;
    var path, body;
    if (mode() === "document") {
      var missing = [];
      if (!value("id")) missing.push("doc-id");
      if (!value("title")) missing.push("doc-title");
      if (!$("context").value) missing.push("context");
      markInvalid(missing);
      if (missing.length) {
        showMessage(missing.map(function (id) {
          return t({ "doc-id": "needId", "doc-title": "needTitle", context: "needContext" }[id]);
        }).join(" "), true);
        return;
      }
      path = "v1/validate/document";
      body = { record: buildDocument(), context_name: $("context").value, on: on, explain: true, lang: lang };
    } else {
      var text = $("case-text").value;
      if (!text.trim()) { markInvalid(["case-text"]); showMessage(t("needCase"), true); return; }
      markInvalid([]);
      // The text as pasted or uploaded, YAML or JSON: the server reads it as the command line
      // reads a file, so its input errors carry line numbers.
      path = "v1/check";
      body = { case_text: text, on: on, explain: true, lang: lang };
      if (caseFileName) body.source = caseFileName;
    }
    send(path, body);
  }

  function send(path, body) {
    var button = $("check-button");
    button.disabled = true;
    $("busy").textContent = t("checking");
    var status = 0;
    Promise.all([
      fetch(path, {
        method: "POST",
        headers: headers({ "Content-Type": "application/json" }),
        body: JSON.stringify(body)
      }).then(function (r) {
        status = r.status;
        if (status === 401) askForToken(!!token());
        return r.text();
      }),
      loadRuleMeta()
    ]).then(function (answers) {
      var data = null;
      try { data = JSON.parse(answers[0]); } catch (e) { data = null; }
      if (data && (Array.isArray(data.verdicts) || Array.isArray(data.errors))) {
        lastResult = { report: data, status: status };
        renderResult(data, status);
        $("results").focus();  // the results are below the form: take keyboard users there
      } else {
        lastResult = null;
        showMessage(t("serverError", { status: status }) + describeDetail(data, answers[0]));
      }
    }).catch(function (err) {
      lastResult = null;
      showMessage(t("networkError") + err.message);
    }).then(function () {
      button.disabled = false;
      $("busy").textContent = "";
    });
  }

  function describeDetail(data, raw) {
    if (data && data.detail !== undefined) {
      return typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail);
    }
    return String(raw || "").slice(0, 300);
  }

  // ---------------------------------------------------------------- results
  // A message instead of a report; `stay` leaves the focus where it is (on a field to fix).
  function showMessage(text, stay) {
    var body = $("results-body");
    clear(body);
    body.appendChild(el("p", { className: "outcome invalid", role: "alert", text: text }));
    if (!stay) $("results").focus();
  }

  function pick(zh, en) {
    // {zh, en}, or a Chinese string with its English twin beside it.
    if (zh && typeof zh === "object" && !Array.isArray(zh)) return lang === "en" ? (zh.en || zh.zh) : (zh.zh || zh.en);
    if (lang === "en" && en) return en;
    return zh;
  }

  // "中文 / English": the half in the page's language (input errors carry both).
  function pickBilingual(text) {
    if (typeof text !== "string") return pick(text);
    var at = text.indexOf(" / ");
    if (at < 0 || !/[\u4e00-\u9fff]/.test(text.slice(0, at))) return text;
    return lang === "en" ? text.slice(at + 3) : text.slice(0, at);
  }

  function subjectLabel(subject) {
    var s = String(subject || "");
    var local = s.indexOf("#") >= 0 ? s.slice(s.indexOf("#") + 1) : s;
    var colon = local.indexOf(":");
    if (colon < 0) return TEXT[lang].subjects[local] || local;
    var type = local.slice(0, colon);
    var name = TEXT[lang].subjects[type];
    return name ? name + " " + local.slice(colon + 1) : local;
  }

  function explanationLines(v) {
    var e = v.explanation;
    if (!e) return null;
    if (typeof e === "string") return e ? [e] : null;
    if (Array.isArray(e)) return e.length ? e : null;
    var lines = pick(e);
    return Array.isArray(lines) ? (lines.length ? lines : null) : lines ? [lines] : null;
  }

  // The clause cited: the item the verdict found (第六十七条（一）), else the rule's own
  // (paragraph and items), else what its explanation names.
  function citation(v) {
    var n = v.article, clause = "";
    var evidence = v.evidence || {};
    var meta = (ruleMeta && ruleMeta[v.rule_id]) || {};
    if (typeof evidence.item === "string" && /^（/.test(evidence.item)) clause = evidence.item;
    else if (meta.item) clause = meta.item;
    else {
      var lines = Array.isArray(v.explanation) ? v.explanation : [];
      var head = lines.length ? lines[0] : "";
      var m = head.match(new RegExp("第" + zhNumber(n) + "条((?:第[一二三四五六七八九十]+款)?(?:（[一二三四五六七八九十]+）)*)"));
      if (m) clause = m[1];
    }
    if (n === null || n === undefined) return clause;
    return lang === "en" ? (t("article")(n) + (clause ? " " + clauseEn(clause) : "")) : t("article")(n) + clause;
  }

  function ruleTitle(v) {
    var meta = (ruleMeta && ruleMeta[v.rule_id]) || null;
    if (meta && meta.title) {
      if (typeof meta.title === "object") return pick(meta.title);
      return lang === "en" && meta.title_en ? meta.title_en : meta.title;
    }
    var lines = Array.isArray(v.explanation) ? v.explanation : [];
    var m = lines.length ? lines[0].match(/^规则：([^（]+)（/) : null;
    if (m && lang === "zh") return m[1];
    return v.rule_id;
  }

  function verdictCard(v) {
    var cls = "verdict " + v.status + (v.severity === "warning" ? " warning" : "");
    var badge = v.status === "fail" ? (v.severity === "warning" ? t("badgeWarning") : t("badgeError"))
      : v.status === "exception" ? t("badgeException") : t("badgePass");
    var card = el("li", { className: cls, "data-rule": v.rule_id, "data-status": v.status });
    card.appendChild(el("h4", null, [
      el("span", { className: "cite", text: citation(v) }),
      el("span", { className: "rule-title", text: ruleTitle(v) }),
      el("span", { className: "badge", text: badge })
    ]));
    card.appendChild(el("p", { className: "subject", text: subjectLabel(v.subject) }));
    card.appendChild(el("p", { className: "message", text: pick(v.message, v.message_en) }));
    var remedy = v.remedy ? pick(v.remedy) : null;
    if (remedy && v.status === "fail") {
      card.appendChild(el("p", { className: "remedy" }, [el("strong", { text: t("remedy") }), remedy]));
    }
    card.appendChild(detailsFor(v));
    return card;
  }

  // How the verdict was reached: its own explanation where the report has one (a case file
  // checked with explain); else the values it compared, the clause, and the rule's
  // explanation (GET v1/rules/{id}), read when the clerk opens it.
  function detailsFor(v) {
    var details = el("details", { className: "explain" });
    details.appendChild(el("summary", { text: t("details") }));
    var lines = explanationLines(v);
    var filled = false;
    function fill() {
      if (filled) return;
      filled = true;
      if (lines) {
        details.appendChild(el("ol", null, lines.map(function (line) { return el("li", { text: line }); })));
        details.appendChild(el("p", { className: "subject" }, [t("rule"), el("code", { text: v.rule_id })]));
        return;
      }
      var evidence = v.evidence || {};
      var keys = Object.keys(evidence).filter(function (k) { return k !== "decision_table"; });
      if (keys.length) {
        details.appendChild(el("p", { text: t("evidence") }));
        details.appendChild(el("dl", null, [].concat.apply([], keys.map(function (k) {
          var val = evidence[k];
          if (Array.isArray(val)) val = val.join(lang === "en" ? ", " : "、");
          else if (val === null || val === undefined) val = "—";
          return [el("dt", { text: k }), el("dd", { text: String(val) })];
        }))));
      }
      var slot = el("div");
      var wait = el("p", { text: t("loading") });
      slot.appendChild(wait);
      details.appendChild(slot);
      ruleDetail(v.rule_id).then(function (answer) {
        var text = answer && answer.explanation ? pick(answer.explanation) : null;
        if (Array.isArray(text)) text = text.join("\n");
        if (!text) { wait.textContent = t("noExplanation"); return; }
        slot.removeChild(wait);
        var clause = String(text).split("\n").filter(function (line) {
          return /^\s*(条文|clause)/.test(line);
        })[0];
        if (clause) slot.appendChild(el("p", { className: "clause", text: clause.trim() }));
        var whole = el("details", { className: "rule-text" }, [
          el("summary", { text: t("ruleText") }),
          el("pre", { text: String(text) })
        ]);
        slot.appendChild(whole);
      }).catch(function () { wait.textContent = t("noExplanation"); });
      details.appendChild(el("p", { className: "subject" }, [t("rule"), el("code", { text: v.rule_id })]));
    }
    details.addEventListener("toggle", function () { if (details.open) fill(); });
    return details;
  }

  // Failures first (errors, then warnings), then exceptions and passes; within each, record
  // by record (as the report first names them), and by article within a record.
  function sortVerdicts(verdicts) {
    var firstSeen = {};
    verdicts.forEach(function (v, i) { if (!(v.subject in firstSeen)) firstSeen[v.subject] = i; });
    return verdicts.slice().sort(function (a, b) {
      return (STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
        || ((a.severity === "warning") - (b.severity === "warning"))
        || (firstSeen[a.subject] - firstSeen[b.subject])
        || ((a.article || 0) - (b.article || 0));
    });
  }

  function group(title, verdicts, id) {
    var section = el("section", { className: "group", id: id, "aria-labelledby": id + "-h" });
    section.appendChild(el("h3", { id: id + "-h", text: title + paren(verdicts.length) }));
    section.appendChild(el("ul", { className: "verdicts" }, verdicts.map(verdictCard)));
    return section;
  }

  function errorItem(e) {
    var labelKey = FIELD_LABEL_KEYS[e.field];
    var field = labelKey ? t(labelKey) + " (" + e.field + ")" : e.field;
    var parts = [];
    if (e.record) parts.push(subjectLabel(e.record));
    if (e.line) parts.push(t("line", { n: e.line }));
    var reason = e.reason;
    if (reason && typeof reason === "object") reason = pick(reason);
    else if (e.reason_en && lang === "en") reason = e.reason_en;
    else reason = pickBilingual(String(reason || e.message || ""));
    return el("li", null, [
      parts.length ? el("span", { className: "where", text: parts.join(" · ") + " · " }) : null,
      field ? el("span", { className: "field-name", text: field + "：" }) : null,
      reason
    ]);
  }

  function renderResult(report, status) {
    var body = $("results-body");
    clear(body);
    var verdicts = sortVerdicts(report.verdicts || []);
    var errors = report.errors || [];
    var fails = verdicts.filter(function (v) { return v.status === "fail" && v.severity !== "warning"; });
    var warns = verdicts.filter(function (v) { return v.status === "fail" && v.severity === "warning"; });
    var excs = verdicts.filter(function (v) { return v.status === "exception"; });
    var passes = verdicts.filter(function (v) { return v.status === "pass"; });
    var summary = report.summary || {};

    var outcome;
    if (report.error && report.message) {
      // A refusal (unknown context, too large, no token...): the service's own words.
      outcome = el("p", { className: "outcome invalid", id: "outcome", text: pick(report.message, report.message_en) });
    } else if (errors.length || status >= 400) outcome = el("p", { className: "outcome invalid", id: "outcome", text: t("outcomeInvalid") });
    else if (fails.length || report.ok === false) outcome = el("p", { className: "outcome bad", id: "outcome", text: t("outcomeFail", { n: fails.length }) });
    else if (warns.length) outcome = el("p", { className: "outcome good", id: "outcome", text: t("outcomeWarn", { n: warns.length }) });
    else outcome = el("p", { className: "outcome good", id: "outcome", text: t("outcomeOk") });
    outcome.setAttribute("role", "status");
    body.appendChild(outcome);
    if (verdicts.length) body.appendChild(el("p", { className: "counts", text: t("counts", {
      pass: summary.pass !== undefined ? summary.pass : passes.length,
      fail: summary.fail !== undefined ? summary.fail : fails.length + warns.length,
      exception: summary.exception !== undefined ? summary.exception : excs.length,
      na: summary.not_applicable !== undefined ? summary.not_applicable : 0
    }) }));

    if (errors.length) {
      var es = el("section", { className: "group", id: "input-errors", "aria-labelledby": "input-errors-h" });
      es.appendChild(el("h3", { id: "input-errors-h", text: t("inputErrors") + paren(errors.length) }));
      es.appendChild(el("ul", { className: "errors" }, errors.map(errorItem)));
      body.appendChild(es);
    }
    if (fails.length) body.appendChild(group(t("failures"), fails, "failures"));
    if (warns.length) body.appendChild(group(t("warnings"), warns, "warnings"));
    if (excs.length) body.appendChild(group(t("exceptions"), excs, "exceptions"));
    if (passes.length) {
      var more = el("details", { className: "more", id: "passes" });
      more.appendChild(el("summary", { text: t("passes", { n: passes.length }) }));
      more.appendChild(el("ul", { className: "verdicts" }, passes.map(verdictCard)));
      body.appendChild(more);
    }
  }

  // ---------------------------------------------------------------- start
  function readFile(event) {
    var file = event.target.files && event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      $("case-text").value = String(reader.result || "");
      caseFileName = file.name;
    };
    reader.onerror = function () { showMessage(t("readFailed")); };
    reader.readAsText(file, "utf-8");
  }

  function start() {
    $("on").value = today();
    addReportRow();
    applyLanguage();
    showMode();
    Array.prototype.forEach.call(document.querySelectorAll('input[name="mode"]'), function (r) {
      r.addEventListener("change", showMode);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".lang a"), function (a) {
      a.addEventListener("click", switchLanguage);
    });
    $("doc-issuer").addEventListener("change", function () {
      $("office-class-field").hidden = this.value !== "county_government_office";
    });
    $("doc-city-required").addEventListener("change", function () {
      $("city-notice-field").hidden = !this.checked;
    });
    $("context").addEventListener("change", function () { if (this.value) loadContextDetail(this.value); });
    $("add-report").addEventListener("click", function () {
      var row = addReportRow();
      row.querySelector("input").focus();
    });
    $("token").addEventListener("change", function () {
      try { window.sessionStorage.setItem(TOKEN_KEY, this.value.trim()); } catch (e) { /* private mode */ }
      this.removeAttribute("aria-invalid");
      loadContexts();
      loadRuleMeta();
    });
    if (token()) $("token").value = token();
    $("case-file").addEventListener("change", readFile);
    $("case-text").addEventListener("input", function () { caseFileName = null; });
    $("check-form").addEventListener("submit", submit);
    loadContexts();
    loadRuleMeta();
    document.body.setAttribute("data-ready", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
