// The chat page (issue 24, ADR 0051): rooms with unread counts over HTTP, then everything live over the hub. Each room
// keeps the last version applied: an update at or below it came both ways and is dropped; one past the next leaves a
// gap, filled by joining again from the last version; after a reconnect, to whichever instance, every room is joined
// again from its last version, so nothing is missed and nothing doubled. A message's id is made here, so a send that
// may not have arrived is sent again with the same id, and posted once.
(() => {
  const $ = selector => document.querySelector(selector);
  const rooms = new Map(); // id → { id, name, kind, members, version, read, unread, positions, online, messages, next, joining }
  const names = new Map();
  const pending = new Map(); // message id → { roomId, text }: sends not known to have arrived
  let token, me, hub, current = null, typingSentAt = 0, typingShown;

  const status = (text, error = false) => { $("#status").textContent = text; $("#status").classList.toggle("error", error); };
  const problem = text => { $("#problem").textContent = text ?? ""; $("#problem").hidden = !text; };
  const connection = (state, text) => { $("#connection").dataset.state = state; $("#connection").textContent = text; };
  // A hub error reads "… HubException: <rule>: <why>": the rule and why are what the user needs.
  const hubError = error => (error?.message ?? String(error)).replace(/^.*HubException: /, "");

  async function api(method, path, body) {
    const response = await fetch(path, {
      method, headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = await response.json().catch(() => null);
    if (!response.ok) throw new Error(answer?.detail ?? `${method} ${path} answered ${response.status}`);
    return answer;
  }

  async function nameOf(user) {
    if (user === me) return "you";
    if (!names.has(user))
      names.set(user, fetch(`/api/users/${user}`).then(r => r.ok ? r.json() : null).then(p => p?.name ?? user.slice(0, 8)).catch(() => user.slice(0, 8)));
    return names.get(user);
  }

  // ---- Rooms ----
  async function loadRooms() {
    for (const summary of await api("GET", "/api/chat/rooms")) {
      if (rooms.has(summary.id)) continue;
      const room = { ...summary, positions: new Map(), online: new Set(), messages: new Map(), next: undefined, joining: null };
      rooms.set(room.id, room);
      await join(room);
    }
    renderRooms();
  }

  /** Starts the room's pushes and applies what was missed since its last version (again while a page was full). */
  function join(room) {
    room.joining ??= (async () => {
      try {
        let answer;
        do {
          answer = await hub.invoke("Join", room.id, room.version);
          for (const position of answer.positions) room.positions.set(position.userId, position);
          room.online = new Set(answer.online);
          for (const update of answer.updates) apply(room, update);
        } while (answer.more);
      } finally { room.joining = null; }
      if (room === current) renderRoom();
    })();
    return room.joining;
  }

  function renderRooms() {
    const list = $("#rooms");
    list.replaceChildren(...[...rooms.values()].map(room => {
      const item = document.createElement("li");
      item.dataset.room = room.id;
      item.setAttribute("aria-current", String(room === current));
      item.innerHTML = `<span class="name"></span><span class="unread" data-count="${room.unread}">${room.unread}</span>`;
      item.querySelector(".name").textContent = room.kind === "direct" ? `direct: ${room.name}` : room.name;
      item.onclick = () => select(room);
      return item;
    }));
  }

  // ---- Updates, in each room's order ----
  function apply(room, update) {
    if (update.version <= room.version) return; // came both ways: applied already
    if (update.version > room.version + 1) { join(room); return; } // a gap: ask for what lies in it
    room.version = update.version;
    switch (update.type) {
      case "posted":
        room.messages.set(update.messageId, { id: update.messageId, version: update.version, authorId: update.userId, text: update.text, deleted: false });
        pending.delete(update.messageId);
        if (update.userId !== me && !(room === current && document.visibilityState === "visible")) room.unread++;
        break;
      case "edited": { const m = room.messages.get(update.messageId); if (m) m.text = update.text; break; }
      case "deleted": { const m = room.messages.get(update.messageId); if (m) { m.text = null; m.deleted = true; } break; }
      case "joined": room.members = [...new Set([...room.members, update.userId])]; hub.invoke("Watch", [update.userId]).then(on => on.forEach(u => room.online.add(u))); break;
      case "left": room.members = room.members.filter(member => member !== update.userId); break;
    }
    report(room);
    if (room === current) renderRoom(); else renderRooms();
  }

  /** Tells the room how far this tab has received it, and read it when it is the one shown (at most every 250 ms). */
  function report(room) {
    clearTimeout(room.reporting);
    room.reporting = setTimeout(() => {
      const read = room === current && document.visibilityState === "visible" ? room.version : 0;
      if (read) room.unread = 0;
      hub.invoke("Report", room.id, room.version, read).catch(() => {}); // positions only go forward: the next report covers a lost one
    }, 250);
  }

  // ---- The room shown ----
  async function select(room) {
    current = room;
    problem(null);
    $("#room").hidden = false;
    if (room.next === undefined) await older(room);
    report(room);
    renderRooms();
    renderRoom(true);
  }

  /** A page of history before the oldest message shown (newest first from the API). */
  async function older(room) {
    const query = room.next ? `?before=${room.next}&limit=50` : "?limit=50";
    const page = await api("GET", `/api/chat/rooms/${room.id}/messages${query}`);
    for (const m of page.messages)
      if (!room.messages.has(m.id)) room.messages.set(m.id, { id: m.id, version: m.version, authorId: m.authorId, text: m.text, deleted: m.deleted });
    room.next = page.next;
  }

  async function renderRoom(toBottom = false) {
    const room = current, list = $("#messages");
    const atBottom = toBottom || list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    $("#room-title").textContent = room.name;
    $("#room-id").textContent = room.id;
    $("#members").replaceChildren(...await Promise.all(room.members.map(async member => {
      const item = document.createElement("li");
      item.dataset.member = member;
      item.dataset.online = String(member === me || room.online.has(member));
      item.textContent = await nameOf(member);
      return item;
    })));
    const messages = [...room.messages.values()].sort((a, b) => a.version - b.version);
    list.replaceChildren(...await Promise.all(messages.map(async m => {
      const item = document.createElement("li");
      item.dataset.message = m.id;
      item.dataset.version = m.version;
      item.className = (m.authorId === me ? "mine" : "") + (m.deleted ? " deleted" : "");
      item.innerHTML = `<div class="meta"></div><div class="text"></div>`;
      item.querySelector(".meta").textContent = `${await nameOf(m.authorId)} · #${m.version}`;
      item.querySelector(".text").textContent = m.deleted ? "deleted" : m.text;
      if (m.authorId === me) item.append(await receipts(room, m));
      return item;
    })));
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  /** Who has the message and who read it, from the other members' positions. */
  async function receipts(room, message) {
    const others = room.members.filter(member => member !== me);
    const delivered = others.filter(member => (room.positions.get(member)?.delivered ?? 0) >= message.version);
    const read = others.filter(member => (room.positions.get(member)?.read ?? 0) >= message.version);
    const line = document.createElement("div");
    line.className = "receipts";
    line.dataset.delivered = delivered.length;
    line.dataset.read = read.length;
    const list = async members => (await Promise.all(members.map(nameOf))).join(", ") || "nobody yet";
    line.textContent = `✓ delivered to ${await list(delivered)} · ✓✓ read by ${await list(read)}`;
    return line;
  }

  // ---- Sending ----
  async function send(roomId, id, text) {
    pending.set(id, { roomId, text });
    try {
      await hub.invoke("Post", roomId, id, text);
      pending.delete(id);
    } catch (error) {
      if (hub.state === signalR.HubConnectionState.Connected) { pending.delete(id); problem(hubError(error)); } // refused: say why
      // else the connection dropped: it is sent again, with the same id, once connected (posted once either way)
    }
  }

  function wireForms() {
    $("#composer").onsubmit = event => {
      event.preventDefault();
      const text = $("#text").value;
      if (!current || !text.trim()) return;
      $("#text").value = "";
      problem(null);
      send(current.id, crypto.randomUUID(), text);
    };
    $("#text").onkeydown = event => { if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("#composer").requestSubmit(); } };
    $("#text").oninput = () => {
      if (current && Date.now() - typingSentAt > 2000) { typingSentAt = Date.now(); hub.invoke("Typing", current.id).catch(() => {}); }
    };
    $("#messages").onscroll = async () => {
      const room = current;
      if ($("#messages").scrollTop < 40 && room?.next) { const before = $("#messages").scrollHeight; await older(room); await renderRoom(); $("#messages").scrollTop = $("#messages").scrollHeight - before; }
    };
    const opened = async answer => { await loadRooms(); select(rooms.get(answer.id)); };
    $("#open-room").onsubmit = async event => { event.preventDefault(); opened(await api("POST", "/api/chat/rooms", { name: $("#new-room").value }).catch(failed)); };
    $("#join-room").onsubmit = async event => {
      event.preventDefault();
      const id = $("#join-id").value.trim();
      await api("POST", `/api/chat/rooms/${id}/members`).then(() => opened({ id })).catch(failed);
    };
    $("#open-direct").onsubmit = async event => { event.preventDefault(); opened(await api("POST", "/api/chat/direct", { with: $("#direct-with").value.trim() }).catch(failed)); };
    document.addEventListener("visibilitychange", () => { if (current) { report(current); renderRooms(); } });
  }
  const failed = error => { problem(error.message); throw error; };

  // ---- The hub ----
  async function connect() {
    hub = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/chat", { accessTokenFactory: () => PlatformSignIn.heldToken() ?? token })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: retry => Math.min(500 * 2 ** retry.previousRetryCount, 5000) }) // never gives up
      .build();
    hub.on("Update", update => { const room = rooms.get(update.roomId); if (room && !room.joining) apply(room, update); else if (room) room.joining.then(() => apply(room, update)); });
    hub.on("Receipts", (roomId, userId, delivered, read) => {
      const room = rooms.get(roomId);
      if (!room) return;
      room.positions.set(userId, { roomId, userId, delivered, read });
      if (room === current) renderRoom();
    });
    hub.on("Presence", (userId, online) => {
      for (const room of rooms.values()) if (online) room.online.add(userId); else room.online.delete(userId);
      if (current) renderRoom();
    });
    hub.on("Typing", async (roomId, userId) => {
      if (userId === me || roomId !== current?.id) return;
      $("#typing").textContent = `${await nameOf(userId)} is typing…`;
      $("#typing").dataset.user = userId;
      clearTimeout(typingShown);
      typingShown = setTimeout(() => { $("#typing").textContent = ""; delete $("#typing").dataset.user; }, 3000);
    });
    hub.onreconnecting(() => connection("reconnecting", "connection lost: reconnecting…"));
    hub.onreconnected(async () => {
      await hello();
      for (const room of rooms.values()) await join(room); // from each room's last version: what was missed, once
      for (const [id, unsure] of pending) send(unsure.roomId, id, unsure.text); // sends that may not have arrived, same ids
    });
    hub.onclose(() => connection("closed", "disconnected: reload the page"));
    await hub.start();
    await hello();
  }

  async function hello() {
    const welcome = await hub.invoke("Hello");
    $("#connection").dataset.instance = welcome.instance;
    connection("connected", `connected to ${welcome.instance}`);
  }

  async function start() {
    try {
      token = await PlatformSignIn.accessToken();
      me = PlatformSignIn.subject(token);
      $("#me").textContent = me;
      const profile = await fetch(`/api/users/${me}`).then(r => r.ok ? r.json() : null).catch(() => null);
      status(`Signed in as ${profile?.name ?? me}`);
      wireForms();
      await connect();
      await loadRooms();
      $("#chat").hidden = false;
      setInterval(() => loadRooms().catch(() => {}), 15_000); // rooms another opened with this user (a direct conversation)
    } catch (error) {
      status(`The chat could not start: ${hubError(error)}`, true);
    }
  }

  start();
})();
