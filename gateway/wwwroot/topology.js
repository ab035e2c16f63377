// Draws GET /api/admin/topology and redraws it every two seconds. The token stays in this tab (sessionStorage).
"use strict";
const refreshMs = 2000;
const $ = (id) => document.getElementById(id);
let timer;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value; else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const percent = (share) => `${(share * 100).toFixed(share > 0 && share < 0.01 ? 1 : 0)}%`;
const perSecond = (value) => value.toFixed(value < 10 ? 1 : 0);

function routeNode(route) {
  const state = route.errorRate > 0 ? " failing" : route.requestsPerSecond > 0 ? " busy" : "";
  return el("li", { class: `node route${state}`, "data-route": route.id, "data-to": route.service ?? "" },
    el("div", { class: "name" }, route.id),
    el("div", { class: "meta" }, `${route.methods.length ? route.methods.join(" ") : "ANY"} ${route.path ?? ""}`),
    el("div", { class: "figures" },
      el("span", { title: "requests per second" }, `${perSecond(route.requestsPerSecond)}/s`),
      el("span", { title: "share of 5xx answers" }, `5xx ${percent(route.errorRate)}`),
      el("span", { title: "share refused by the rate limiter" }, `429 ${percent(route.limitedRate)}`)));
}

function serviceNode({ service, queues }) {
  const policy = service.policy.policy;
  return el("li", { class: `node service ${service.circuit}`, "data-service": service.name, "data-queues": queues.join(" ") },
    el("div", { class: "name" }, service.name, el("span", { class: `badge ${service.circuit}`, title: "circuit" }, service.circuit)),
    el("div", { class: "meta" },
      `policy v${service.policy.version} · timeout ${service.timeoutSeconds ?? policy.timeoutSeconds} s · ${policy.retries} retries · `
      + `${policy.rateLimit.permitLimit} per ${policy.rateLimit.windowSeconds} s per client`),
    el("div", { class: "instances" }, ...service.instances.map((instance) =>
      el("span", { class: `instance ${instance.health}`, "data-instance": instance.name, title: `${instance.address} · active ${instance.activeHealth}, passive ${instance.passiveHealth}` },
        instance.name))));
}

function queueNode(queue) {
  const state = queue.consumers === 0 ? " idle-consumers" : queue.ready > 100 ? " backlog" : "";
  return el("li", { class: `node queue${state}`, "data-queue": queue.name },
    el("div", { class: "name" }, queue.name),
    el("div", { class: "meta depth" },
      `${queue.messages} messages (${queue.unacknowledged} unacked) · ${queue.consumers} consumers · `
      + `in ${perSecond(queue.publishedPerSecond)}/s · out ${perSecond(queue.deliveredPerSecond)}/s`));
}

function lagRows(stores) {
  return stores.flatMap((store) => !store.available
    ? [el("tr", {}, el("td", {}, store.service), el("td", { colspan: "3", class: "lagging" }, store.problem))]
    : store.shards.length === 0
    ? [el("tr", { "data-shard": `${store.service}/none` }, el("td", {}, store.service), el("td", { colspan: "3" }, "no events yet"))]
    : store.shards.map((shard) => el("tr", { "data-shard": `${store.service}/${shard.name}@${shard.database}` },
        el("td", {}, store.service), el("td", {}, `${shard.name} · ${shard.database}`), el("td", {}, shard.sequence),
        el("td", { class: shard.lag > 0 ? "lagging" : "" }, shard.lag))));
}

function shardRows(section) {
  return section.shards.map((shard) => el("tr", { "data-shard-server": shard.id, class: shard.problem ? "lagging" : "" },
    el("td", {}, shard.id), el("td", {}, shard.state), el("td", {}, shard.server),
    el("td", {}, `${(shard.ringShare * 100).toFixed(1)} %`), el("td", {}, shard.buckets),
    el("td", { colspan: shard.problem ? "2" : "1" }, shard.problem ?? shard.users),
    ...(shard.problem ? [] : [el("td", {}, shard.events)])));
}

function functionRows(section) {
  return section.functions.map((fn) => el("tr", { "data-function": fn.name, class: fn.instances === 0 ? "idle" : "" },
    el("td", {}, fn.name),
    el("td", {}, fn.trigger === "queue" ? `queue ${fn.queue}` : "HTTP"),
    el("td", { "data-instances": fn.instances }, fn.instances),
    el("td", {}, fn.inFlight),
    el("td", {}, (fn.trigger === "queue" ? `1 per ${fn.queueLength} messages` : `target ${fn.targetConcurrency} in flight`)
      + ` · up to ${fn.maxInstances} · to zero after ${fn.scaleToZeroGraceSeconds} s idle`)));
}

// Curves from each route to its service, and from each service to the queues it consumes from.
function drawEdges() {
  const svg = $("edges");
  const origin = $("topology").getBoundingClientRect();
  const anchor = (node, side) => {
    const box = node.getBoundingClientRect();
    return { x: (side === "right" ? box.right : box.left) - origin.left, y: box.top + box.height / 2 - origin.top };
  };
  const curve = (from, to, css) => {
    const middle = (from.x + to.x) / 2;
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", `M${from.x},${from.y} C${middle},${from.y} ${middle},${to.y} ${to.x},${to.y}`);
    if (css) path.setAttribute("class", css);
    svg.append(path);
  };
  svg.replaceChildren();
  for (const route of document.querySelectorAll("[data-route]")) {
    const service = document.querySelector(`[data-service="${CSS.escape(route.dataset.to)}"]`);
    if (service) curve(anchor(route, "right"), anchor(service, "left"), route.classList.contains("failing") ? "failing" : route.classList.contains("busy") ? "busy" : "");
  }
  for (const service of document.querySelectorAll("[data-service]")) {
    for (const name of service.dataset.queues.split(" ").filter(Boolean)) {
      const queue = document.querySelector(`[data-queue="${CSS.escape(name)}"]`);
      if (queue) curve(anchor(service, "right"), anchor(queue, "left"));
    }
  }
}

function render(topology) {
  $("window").textContent = topology.windowSeconds;
  $("routes").replaceChildren(...topology.routes.map(routeNode));
  $("services").replaceChildren(...topology.services.map(serviceNode));
  $("queues").replaceChildren(...topology.messaging.queues.map(queueNode));
  $("messaging-problem").hidden = topology.messaging.available;
  $("messaging-problem").textContent = topology.messaging.problem ?? "";
  $("lag").tBodies[0].replaceChildren(...lagRows(topology.eventStores));
  $("shards").tBodies[0].replaceChildren(...shardRows(topology.shards));
  $("shards-problem").hidden = topology.shards.available;
  $("shards-problem").textContent = topology.shards.problem ?? "";
  $("functions").tBodies[0].replaceChildren(...functionRows(topology.functions));
  $("functions-problem").hidden = topology.functions.available;
  $("functions-problem").textContent = topology.functions.problem ?? "";
  $("exchanges").replaceChildren(...topology.messaging.exchanges.map((exchange) =>
    el("li", { "data-exchange": exchange.name, title: exchange.type }, exchange.name)));
  $("topology").hidden = $("details").hidden = false;
  drawEdges();
  setStatus(`Updated ${new Date(topology.at).toLocaleTimeString()} · refreshes every ${refreshMs / 1000} s`);
}

function setStatus(text, error = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

// The topology is an admin's view: the page signs in through the identity server (signin.js) and shows the gateway's
// refusal as it is, with a way to sign in as someone else.
function refused(reason) {
  clearTimeout(timer);
  PlatformSignIn.forget();
  $("signin").hidden = false;
  setStatus(reason, true);
}

async function refresh() {
  const token = await PlatformSignIn.accessToken();
  try {
    const response = await fetch("/api/admin/topology", { headers: { Authorization: `Bearer ${token}` } });
    if (response.status === 401 || response.status === 403) {
      const problem = await response.json().catch(() => ({}));
      return refused(problem.detail ?? `The gateway refused the token (${response.status}).`);
    }
    if (!response.ok) throw new Error(`the gateway answered ${response.status}`);
    render(await response.json());
  } catch (failure) {
    setStatus(`Could not read the topology: ${failure.message}. Retrying…`, true);
  }
  timer = setTimeout(refresh, refreshMs);
}

$("signin").addEventListener("click", () => {
  $("signin").hidden = true;
  refresh();
});
window.addEventListener("resize", drawEdges);
refresh();
