"use strict";
// The marketer's page: offers with their KPIs and charts, a customer's profile and offers, offers created, changed,
// paused and retired. Everything comes from the app's API, with the token kept for this browser tab only.

const $ = (selector) => document.querySelector(selector);
const state = { offers: [] };

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) { node.textContent = text; }
  if (className) { node.className = className; }
  return node;
}

function say(text) { $("#message").textContent = text || ""; }

async function api(path, options = {}) {
  const headers = Object.assign({ "Content-Type": "application/json" }, options.headers || {});
  const token = sessionStorage.getItem("persona.token");
  if (token) { headers.Authorization = "Bearer " + token; }
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401 || response.status === 403) {
    $("#token-form").hidden = false;
    throw new Error(response.status === 401 ? "This API needs a token: enter it above." : "This token may not do that.");
  }
  const body = response.status === 204 ? {} : await response.json();
  if (!response.ok) {
    const error = new Error(body.error || ("HTTP " + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

const percent = (rate) => (100 * rate).toFixed(1) + "%";
const points = (value) => (value >= 0 ? "+" : "") + (100 * value).toFixed(1);

function target(offer) {
  return offer.targetProductId || offer.targetCategory || offer.targetBrand || "any";
}

function discount(offer) {
  switch (offer.kind) {
    case "PERCENT_OFF": return offer.discountValue + "%";
    case "AMOUNT_OFF": return offer.discountValue.toFixed(2);
    case "POINTS_MULTIPLIER": return "x" + offer.discountValue;
    default: return offer.kind === "FREE_SHIPPING" ? "free shipping" : String(offer.discountValue);
  }
}

async function loadOffers() {
  const body = await api("/marketing/offers");
  state.offers = body.offers;
  const all = body.allOffers;
  $("#total-sent").textContent = all.sent.toLocaleString();
  $("#total-answered").textContent = (all.redeemed + all.converted).toLocaleString();
  $("#total-rates").textContent = percent(all.uplift.treatmentRate) + " vs " + percent(all.uplift.holdoutRate);
  $("#total-uplift").textContent = points(all.uplift.points) + " pts (" + points(all.uplift.low) + " to "
      + points(all.uplift.high) + ")";
  const rows = $("#offer-table tbody");
  rows.replaceChildren();
  const chooser = $("#chart-offer");
  const chosen = chooser.value;
  chooser.replaceChildren(element("option", "all offers"));
  chooser.firstChild.value = "";
  const sent = (row) => (row.kpi ? row.kpi.treatment.decisions : 0);
  for (const row of body.offers.slice().sort((a, b) => sent(b) - sent(a) || a.offerId.localeCompare(b.offerId))) {
    const offer = row.offer || { name: "", kind: "", discountValue: 0 };
    const kpi = row.kpi;
    const tr = element("tr", null, row.status);
    tr.dataset.offerId = row.offerId;
    tr.append(element("td", offer.name ? offer.name + " (" + row.offerId + ")" : row.offerId),
        element("td", offer.kind || ""), element("td", row.offer ? discount(offer) : ""),
        element("td", row.offer ? target(offer) : ""));
    const status = element("td");
    status.append(element("span", row.status, "status " + row.status));
    tr.append(status);
    tr.append(element("td", kpi ? kpi.treatment.decisions.toLocaleString() : "0", "number"),
        element("td", kpi ? (kpi.treatment.redeemed + kpi.treatment.converted).toLocaleString() : "0", "number"),
        element("td", kpi ? percent(kpi.treatment.conversionRate) : "", "number"),
        element("td", kpi ? percent(kpi.holdout.conversionRate) : "", "number"),
        element("td", row.uplift ? points(row.uplift.points) + " (" + points(row.uplift.low) + " to "
            + points(row.uplift.high) + ")" : "", "number"));
    const actions = element("td");
    if (row.offer) {
      actions.append(button("Edit", () => edit(offer)),
          button(offer.active ? "Pause" : "Resume", () => save(Object.assign({}, offer, { active: !offer.active }))),
          button("Retire", () => retire(row.offerId)));
    }
    tr.append(actions);
    rows.append(tr);
    const option = element("option", offer.name || row.offerId);
    option.value = row.offerId;
    chooser.append(option);
  }
  chooser.value = chosen;
}

function button(text, action) {
  const node = element("button", text);
  node.type = "button";
  node.dataset.action = text.toLowerCase();
  node.addEventListener("click", () => action().catch((e) => say(e.message)));
  return node;
}

async function loadCharts() {
  const offer = $("#chart-offer").value;
  const body = await api("/marketing/timeline" + (offer ? "?offer=" + encodeURIComponent(offer) : ""));
  const days = body.days;
  // A day's rate once most of its decisions closed: answers close a decision early, silence only at the window's end.
  const settled = (arm) => (arm.decided > 0 && arm.closed >= 0.8 * arm.decided ? arm.responseRate : null);
  lineChart($("#rate-chart"), days, [
    { className: "treatment", value: (d) => settled(d.treatment) },
    { className: "holdout", value: (d) => settled(d.holdout) }], percent);
  barChart($("#volume-chart"), days, [
    { className: "treatment", value: (d) => d.treatment.decided },
    { className: "holdout", value: (d) => d.holdout.decided }]);
}

const SVG = "http://www.w3.org/2000/svg";
const BOX = { left: 44, right: 10, top: 10, bottom: 26, width: 640, height: 220 };

function svgElement(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) { node.setAttribute(name, value); }
  if (text !== undefined) { node.textContent = text; }
  return node;
}

function axes(svg, days, max, format) {
  svg.replaceChildren();
  const plotHeight = BOX.height - BOX.top - BOX.bottom;
  for (let i = 0; i <= 4; i++) {
    const y = BOX.top + plotHeight * (1 - i / 4);
    svg.append(svgElement("line", { x1: BOX.left, x2: BOX.width - BOX.right, y1: y, y2: y, class: "grid" }),
        svgElement("text", { x: BOX.left - 4, y: y + 3, "text-anchor": "end" }, format(max * i / 4)));
  }
  svg.append(svgElement("line", { x1: BOX.left, x2: BOX.left, y1: BOX.top, y2: BOX.top + plotHeight, class: "axis" }));
  const step = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((day, i) => {
    if (i % step === 0) {
      svg.append(svgElement("text", { x: xOf(i, days.length), y: BOX.height - 8, "text-anchor": "middle" },
          day.day.slice(5)));
    }
  });
  if (days.length === 0) {
    svg.append(svgElement("text", { x: BOX.width / 2, y: BOX.height / 2, "text-anchor": "middle" }, "no decisions yet"));
  }
}

function xOf(i, n) {
  const width = BOX.width - BOX.left - BOX.right;
  return BOX.left + (n <= 1 ? width / 2 : width * (i + 0.5) / n);
}

function yOf(value, max) {
  const plotHeight = BOX.height - BOX.top - BOX.bottom;
  return BOX.top + plotHeight * (1 - (max === 0 ? 0 : value / max));
}

function lineChart(svg, days, series, format) {
  const values = days.flatMap((d) => series.map((s) => s.value(d))).filter((v) => v !== null);
  const max = Math.max(0.05, ...values) * 1.1;
  axes(svg, days, max, format);
  for (const s of series) {
    const pointsList = [];
    days.forEach((day, i) => {
      const value = s.value(day);
      if (value !== null) {
        pointsList.push(xOf(i, days.length) + "," + yOf(value, max));
        svg.append(svgElement("circle", { cx: xOf(i, days.length), cy: yOf(value, max), r: 2.5, class: s.className }));
      }
    });
    svg.append(svgElement("polyline", { points: pointsList.join(" "), class: s.className }));
  }
}

function barChart(svg, days, series) {
  const max = Math.max(1, ...days.map((d) => series.reduce((sum, s) => sum + s.value(d), 0))) * 1.1;
  axes(svg, days, max, (v) => Math.round(v).toLocaleString());
  const width = (BOX.width - BOX.left - BOX.right) / Math.max(1, days.length) * 0.7;
  days.forEach((day, i) => {
    let base = 0;
    for (const s of series) {
      const value = s.value(day);
      svg.append(svgElement("rect", { x: xOf(i, days.length) - width / 2, y: yOf(base + value, max), width,
        height: Math.max(0, yOf(base, max) - yOf(base + value, max)), class: s.className }));
      base += value;
    }
  });
}

async function lookUp(customerId) {
  const id = encodeURIComponent(customerId);
  const [profile, consent, top, discover] = await Promise.all([
    api("/customers/" + id + "/profile").catch((e) => (e.status === 404 ? null : Promise.reject(e))),
    api("/customers/" + id + "/consent"),
    api("/customers/" + id + "/offers?k=10"),
    api("/customers/" + id + "/offers?list=discover&k=10")]);
  $("#customer-view").hidden = false;
  const list = $("#profile");
  list.replaceChildren();
  const facts = profile ? [
    ["Customer", profile.customerId], ["Seen", profile.firstSeen + " to " + profile.lastSeen],
    ["Events", profile.eventCount], ["Baskets", profile.purchaseCount],
    ["Spend", profile.totalSpend.toFixed(2)], ["Average basket", profile.averageOrderValue.toFixed(2)],
    ["Top categories", names(profile.categoryAffinities)], ["Top brands", names(profile.brandAffinities)],
    ["Top products", names(profile.productAffinities)], ["Channels seen", profile.channelsSeen.join(", ")]]
    : [["Customer", customerId + " (never seen: cold-start offers)"]];
  for (const [name, value] of facts) { list.append(element("dt", name), element("dd", String(value))); }
  const chips = $("#consent");
  chips.replaceChildren();
  for (const [channel, allowed] of Object.entries(consent.allowed)) {
    chips.append(element("li", channel.toLowerCase() + (allowed ? " granted" : " denied"), allowed ? "granted" : "denied"));
  }
  offerList($("#top-offers"), top.offers);
  offerList($("#discover-offers"), discover.offers);
}

function names(affinities) {
  return affinities.slice().sort((a, b) => b.score - a.score).slice(0, 5).map((a) => a.key).join(", ") || "none";
}

function offerList(list, offers) {
  list.replaceChildren();
  for (const offer of offers) {
    const item = element("li", offer.name + " (" + offer.offerId + ") ");
    item.dataset.offerId = offer.offerId;
    item.append(element("span", (offer.reasonCodes || []).join(", "), "reasons"));
    if (offer.heldBack) { item.append(element("span", " held back now", "held")); }
    list.append(item);
  }
  if (offers.length === 0) { list.append(element("li", "none")); }
}

function edit(offer) {
  const form = $("#offer-form");
  for (const name of ["offerId", "name", "kind", "discountValue", "targetProductId", "targetCategory", "targetBrand",
    "validFrom", "validTo", "maxSends", "maxSendsPerCustomer"]) {
    form.elements[name].value = offer[name] === null || offer[name] === undefined ? "" : offer[name];
  }
  form.elements.active.checked = offer.active;
  for (const box of form.querySelectorAll("input[name=channel]")) {
    box.checked = offer.allowedChannels.includes(box.value);
  }
  $("#edit-title").textContent = "Change offer " + offer.offerId;
  location.hash = "#edit";
  return Promise.resolve();
}

function fromForm(form) {
  const text = (name) => form.elements[name].value.trim() || null;
  const number = (name) => (form.elements[name].value === "" ? null : Number(form.elements[name].value));
  const existing = state.offers.find((o) => o.offerId === text("offerId"));
  return Object.assign({}, existing && existing.offer ? existing.offer : {}, {
    offerId: text("offerId"), name: text("name"), kind: form.elements.kind.value,
    targetProductId: text("targetProductId"), targetCategory: text("targetCategory"), targetBrand: text("targetBrand"),
    discountValue: number("discountValue") || 0, validFrom: text("validFrom"), validTo: text("validTo"),
    allowedChannels: [...form.querySelectorAll("input[name=channel]:checked")].map((box) => box.value),
    maxSends: number("maxSends"), maxSendsPerCustomer: number("maxSendsPerCustomer"),
    active: form.elements.active.checked });
}

async function save(offer) {
  await api("/marketing/offers/" + encodeURIComponent(offer.offerId), { method: "PUT", body: JSON.stringify(offer) });
  say("Saved " + offer.offerId + ".");
  await refreshSoon();
}

async function retire(offerId) {
  if (!window.confirm("Retire " + offerId + "? It will no longer be offered.")) { return; }
  await api("/marketing/offers/" + encodeURIComponent(offerId), { method: "DELETE" });
  say("Retired " + offerId + ".");
  await refreshSoon();
}

// The catalog reaches the engine through its topic: a moment later the change is in every instance's view.
function refreshSoon() {
  return new Promise((resolve) => setTimeout(() => loadOffers().then(resolve, resolve), 700));
}

function refresh() {
  say("");
  return Promise.all([loadOffers(), loadCharts()]).catch((e) => say(e.message));
}

document.addEventListener("DOMContentLoaded", () => {
  $("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem("persona.token", $("#token").value);
    $("#token-form").hidden = true;
    refresh();
  });
  $("#chart-offer").addEventListener("change", () => loadCharts().catch((e) => say(e.message)));
  $("#customer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    lookUp($("#customer-id").value.trim()).catch((e) => say(e.message));
  });
  $("#offer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    save(fromForm(event.target)).catch((e) => say(e.message));
  });
  refresh().then(() => { document.body.dataset.loaded = "true"; });
  const linked = /^#customer=(.+)$/.exec(location.hash);
  if (linked) {
    $("#customer-id").value = decodeURIComponent(linked[1]);
    lookUp($("#customer-id").value).then(() => $("#customer").scrollIntoView()).catch((e) => say(e.message));
  }
});
