/* Cost calculator (vendors/calculator only; the page's <!-- md:calculator --> marker loads it).
   Reads #calc-data, written at build time by overrides/hooks/aiguide/pricing/calculator.py from the
   same data as the price tables, and shows every model's cost, cheapest first. The form's state lives
   in the query string (?text=…&unit=…&in=…&req=…&per=…&v=…&ctx=…&cache=…&think=…&hour=…&day=…), so a
   link reproduces a result. Arithmetic, per model (the same as query.cost in Python):
     tokens  = text ÷ (characters or words per token of the platform; 1 for tokens)
     in/out  = tokens × share ÷ 100, tokens × (100 − share) ÷ 100
     price   = the time window containing the hour, if any; else the first tier the request fits
               (input ≤ inTo and output ≤ outTo), else the last tier
     request = (in × (1 − cache) × input + in × cache × cache-hit (or input) + out × output
               (thinking-mode output if chosen and priced)) ÷ 1e6         (prices in ¥ per 1M tokens)
     day, month = request × requests, with a month of daysPerMonth days.
   Plain ES2017 and the DOM, no dependencies. */
(() => {
  "use strict";
  const dataEl = document.getElementById("calc-data");
  const form = document.getElementById("calc-form");
  const results = document.getElementById("calc-results");
  if (!dataEl || !form || !results) return;
  const D = JSON.parse(dataEl.textContent);
  const L = D.labels;
  const vendors = new Map(D.vendors.map((v) => [v.id, v]));
  const UNITS = ["zh", "en", "tok"];
  const PERS = ["day", "month"];
  const DAYS = ["weekday", "weekend"];
  const status = document.getElementById("calc-status");
  const wrap = document.getElementById("calc-table");
  const sep = D.lang === "zh" ? "" : " ";

  // --- numbers in the page's language ---------------------------------------------------------------
  // zh-CN and en-US write numbers alike (1,234.56; ¥ for CNY), so plain code does it: creating the
  // Intl.NumberFormat objects cost ~25 ms at page load (locale data), more than all the arithmetic.
  const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimal = (text) => { const [i, f] = text.split("."); return group(i) + (f ? "." + f : ""); };
  const yuan2 = { format: (v) => "¥" + decimal(v.toFixed(2)) };
  const yuanSig = { format: (v) => "¥" + decimal(String(Number(v.toPrecision(2)))) };
  const whole = { format: (v) => group(String(Math.round(v))) };
  const plain = { format: (v) => decimal(String(Math.round(v * 100) / 100)) };
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

  // ¥1,234.56 from ¥1 up; two significant digits below (¥0.0036); 0 is free.
  function money(v) {
    if (v === 0) return L.free;
    if (v < 0.0001) return "< " + yuanSig.format(0.0001);
    return (v >= 1 ? yuan2 : yuanSig).format(v);
  }

  // --- state: URL ⇄ form ----------------------------------------------------------------------------
  const field = (name) => form.elements.namedItem(name);
  const boxes = () => Array.from(form.querySelectorAll('input[name="v"]'));

  function parse(raw, max) {
    const v = Number(raw);
    return raw !== null && raw.trim() !== "" && Number.isFinite(v) && v >= 0 && v <= max ? v : NaN;
  }
  const or = (v, fallback) => (Number.isNaN(v) ? fallback : v);

  function fromUrl() {
    const q = new URLSearchParams(location.search);
    const d = D.defaults;
    const v = q.get("v");
    return {
      text: or(parse(q.get("text"), Infinity), d.text),
      unit: UNITS.includes(q.get("unit")) ? q.get("unit") : d.unit,
      in: or(parse(q.get("in"), 100), d.in),
      req: or(parse(q.get("req"), Infinity), d.req),
      per: PERS.includes(q.get("per")) ? q.get("per") : d.per,
      v: v === null ? D.vendors.map((x) => x.id) : v.split(",").filter((id) => vendors.has(id)),
      ctx: or(parse(q.get("ctx"), Infinity), d.ctx),
      cache: or(parse(q.get("cache"), 100), d.cache),
      think: q.get("think") === "1" ? 1 : 0,
      hour: or(parse(q.get("hour"), 23), d.hour),
      day: DAYS.includes(q.get("day")) ? q.get("day") : d.day,
    };
  }

  function toForm(s) {
    ["text", "unit", "in", "req", "per", "ctx", "cache", "hour", "day"].forEach((name) => {
      field(name).value = String(s[name]);
    });
    field("think").checked = s.think === 1;
    if (field("ctx").value !== String(s.ctx)) field("ctx").value = "0"; // not one of the offered minimums
    boxes().forEach((box) => { box.checked = s.v.includes(box.value); });
  }

  // The form's state, or null when a number is not valid (each such field gets aria-invalid).
  function fromForm() {
    const s = {
      text: parse(field("text").value, Infinity), unit: field("unit").value, in: parse(field("in").value, 100),
      req: parse(field("req").value, Infinity), per: field("per").value,
      v: boxes().filter((box) => box.checked).map((box) => box.value), ctx: Number(field("ctx").value) || 0,
      cache: parse(field("cache").value, 100), think: field("think").checked ? 1 : 0,
      hour: Number(field("hour").value), day: field("day").value,
    };
    let ok = true;
    ["text", "in", "req", "cache"].forEach((name) => {
      const bad = Number.isNaN(s[name]);
      field(name).setAttribute("aria-invalid", String(bad));
      ok = ok && !bad;
    });
    return ok ? s : null;
  }

  function toUrl(s) {
    const q = ["text", "unit", "in", "req", "per"].map((k) => k + "=" + encodeURIComponent(String(s[k])));
    if (s.v.length !== D.vendors.length) q.push("v=" + s.v.join(","));
    if (s.ctx > 0) q.push("ctx=" + s.ctx);
    if (s.cache > 0) q.push("cache=" + s.cache);
    if (s.think) q.push("think=1");
    if (s.hour >= 0) q.push("hour=" + s.hour, "day=" + s.day);
    history.replaceState(history.state, "", "?" + q.join("&") + location.hash);
  }

  // --- arithmetic ------------------------------------------------------------------------------------
  // The line of a model's price a request pays: a time window holding the hour, else the first tier
  // whose bounds the request fits, else the last tier.
  function pick(m, tin, tout, s) {
    const minute = s.hour * 60;
    const win = s.hour < 0 ? null : (m.windows || []).find((w) => (!w.weekdays || s.day === "weekday")
      && w.hours.some(([a, b]) => a <= minute && minute < b));
    const fits = (l) => (l.inTo === undefined || tin <= l.inTo) && (l.outTo === undefined || tout <= l.outTo);
    const r = win || m.lines.find(fits) || m.lines[m.lines.length - 1];
    return { r, think: s.think === 1 && r.think !== undefined };
  }
  function costs(s) {
    const rows = [];
    let unknownCtx = 0;
    for (const m of D.models) {
      if (!s.v.includes(m.vendor)) continue;
      if (s.ctx > 0 && !(m.ctx >= s.ctx)) {
        if (m.ctx === null) unknownCtx += 1;
        continue;
      }
      const vendor = vendors.get(m.vendor);
      const ratio = s.unit === "tok" ? null : vendor.ratio[s.unit];
      const perToken = s.unit === "tok" ? 1 : ratio ? ratio.value : D.perToken[s.unit];
      const tokens = s.text / perToken;
      const tin = (tokens * s.in) / 100;
      const tout = (tokens * (100 - s.in)) / 100;
      const p = pick(m, tin, tout, s);
      const hit = p.r.hit !== undefined ? p.r.hit : p.r.in;
      const out = p.think ? p.r.think : p.r.out;
      const cached = s.cache / 100;
      const request = (tin * (1 - cached) * p.r.in + tin * cached * hit + tout * out) / 1e6;
      const times = s.per === "day" ? [s.req, s.req * D.daysPerMonth] : [s.req / D.daysPerMonth, s.req];
      rows.push({ m, vendor, ratio, tin, tout, p, request, day: request * times[0], month: request * times[1] });
    }
    rows.sort((a, b) => a.month - b.month || a.request - b.request || a.m.name.localeCompare(b.m.name));
    return { rows, unknownCtx };
  }

  // --- output ----------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => node.setAttribute(k, attrs[k]));
    children.forEach((c) => c !== null && c !== undefined && node.append(c));
    return node;
  }

  function sources(list) {
    const out = [];
    list.forEach((src, i) => {
      if (i) out.push(D.lang === "zh" ? "、" : "; ");
      out.push(src.u ? el("a", { href: src.u, title: src.title }, src.t) : el("span", { title: src.title }, src.t));
    });
    return out;
  }

  function ratioCell(r, unit) {
    if (unit === "tok") return el("td", { "data-kind": "none" }, L.ratio_tok);
    if (!r) return el("td", { "data-kind": "unknown" }, fill(L.ratio_unknown, { v: plain.format(D.perToken[unit]) }));
    const td = el("td", { "data-kind": r.kind }, plain.format(r.value));
    if (r.range) td.append(fill(L.ratio_range, { r: r.range.map((x) => plain.format(x)).join("–") }));
    td.append(el("br"), el("small", null, L[r.kind] + " · ", ...sources(r.sources)));
    return td;
  }

  function row(r, unit) {
    const m = r.m;
    // The model links to its platform's page; the platform's name and any note sit under it.
    const name = el("th", { scope: "row" }, el("a", { href: r.vendor.href }, m.name), el("br"),
      el("small", { class: "aiguide-calc-platform" }, r.vendor.name));
    if (m.combined) name.append(el("br"), el("small", null, L.combined));
    // Which tier or time window the cost used, when the price has more than one line.
    const used = [];
    if (m.lines.length > 1 || m.windows) used.push(r.p.r.cond);
    if (r.p.think) used.push(L.used_think);
    if (used.length) name.append(el("br"), el("small", { class: "aiguide-calc-used" }, fill(L.used_tier, { c: used.join(D.lang === "zh" ? "，" : ", ") })));
    const cost = (v) => el("td", { "data-value": String(v) }, money(v));
    const asOf = el("td", null, m.asOf || "—");
    if (m.stale) asOf.append(" ", el("mark", { class: "aiguide-stale", title: L.stale_title }, L.stale));
    asOf.append(el("br"), el("small", null, L[m.conf] + " · ", ...sources(m.sources)));
    const tokens = fill(L.tokens, { i: whole.format(r.tin), o: whole.format(r.tout) });
    return el("tr", { "data-model": m.id, "data-vendor": m.vendor },
      name, el("td", { "data-in": String(r.tin), "data-out": String(r.tout) }, tokens),
      ratioCell(r.ratio, unit), cost(r.request), cost(r.day), cost(r.month),
      el("td", null, r.vendor.quota || "—"), asOf);
  }

  // The cheapest FIRST rows are drawn at once, the rest on request: every row is about twenty
  // elements, and drawing all of them held the page's main thread for ~75 ms (0.3 s on a slow phone).
  const FIRST = 10;
  let showAll = false;

  function table(rows, unit) { // → the nodes to show
    const head = ["model", "tokens", "ratio_" + unit, "request", "day", "month", "quota", "as_of"];
    const body = el("tbody");
    rows.slice(0, showAll ? rows.length : FIRST).forEach((r) => body.append(row(r, unit)));
    // Classed: Material leaves it alone (see overrides/hooks/aiguide/tables.py), extra.css styles it.
    const t = el("table", { class: "framed-table" }, el("caption", null, L.caption),
      el("thead", null, el("tr", null, ...head.map((k) => el("th", { scope: "col" }, L["col_" + k])))), body);
    const frame = el("div", { class: "md-typeset__scrollwrap" }, el("div", { class: "md-typeset__table" }, t));
    if (showAll || rows.length <= FIRST) return [frame];
    const more = el("button", { type: "button", class: "md-button aiguide-calc-more" },
      fill(L.show_all, { n: rows.length }));
    more.addEventListener("click", () => {
      showAll = true;
      rows.slice(FIRST).forEach((r) => body.append(row(r, unit)));
      more.remove();
      body.rows[FIRST].querySelector("a").focus(); // where the reader continues
    });
    return [frame, el("p", null, more)];
  }

  function summary(rows, unknownCtx) {
    const parts = [];
    if (!rows.length) parts.push(L.none);
    else {
      const end = (r) => r.m.name + " " + money(r.month);
      const platforms = new Set(rows.map((r) => r.m.vendor)).size;
      const last = rows[rows.length - 1];
      parts.push(fill(L.summary, { n: rows.length, p: platforms, cheap: end(rows[0]), dear: end(last) }));
    }
    if (unknownCtx) parts.push(fill(L.hidden_ctx, { n: unknownCtx }));
    parts.push(fill(L.month_note, { d: D.daysPerMonth }));
    return parts.join(sep);
  }

  function update(writeUrl) {
    const s = fromForm();
    wrap.textContent = "";
    if (!s) {
      status.textContent = L.invalid;
      return;
    }
    const { rows, unknownCtx } = costs(s);
    if (rows.length) wrap.append(...table(rows, s.unit)); // the table, and the "show all" button if any
    status.textContent = summary(rows, unknownCtx);
    if (writeUrl) toUrl(s);
  }

  let timer = 0;
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250, true); // typing: one update after a pause, not one per key
  });
  form.addEventListener("change", () => {
    clearTimeout(timer);
    update(true);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(true);
  });

  toForm(fromUrl()); // the form is already visible: CSS hides it only under the root class no-js
  // The first results in a task of their own, after Material's start-up rather than inside it: two
  // shorter tasks block the page less than one long one. The results area keeps its room until then.
  setTimeout(() => {
    update(false);
    results.classList.add("aiguide-calc-ready");
  }, 0);
})();
