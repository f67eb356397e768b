/*
 * Persona's web tracker: Segment-shaped events to Persona's collector.
 *
 *   <script src="https://persona.example.com/persona.js"></script>
 *   <script>
 *     persona.init({ writeKey: "web-1" });          // host: where persona.js came from, unless given
 *     persona.page();
 *     persona.track("Product Viewed", { product_id: "p-1", category: "garden", price: 19.9 });
 *     persona.identify("c-123");                     // the login: links this browser to the customer
 *   </script>
 *
 * Events are queued and sent in batches (POST /v1/batch) a second after the first is queued, at 20 events, and on
 * leaving the page. A batch the collector could not hand to Kafka (503 or 429, or no answer) is sent again with the
 * same message ids, which the engine counts once, after Retry-After or a delay doubling up to 30 s. An event refused
 * with 400 is dropped alone (the collector names its index) and logged to the console; another 4xx drops the batch.
 */
(function (window) {
  "use strict";
  var script = document.currentScript;
  var storage = window.localStorage;
  var session = window.sessionStorage;
  var state = { host: script ? new URL(script.src).origin : "", writeKey: "", queue: [], sending: false, delay: 1000,
    timer: null };

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = Math.random() * 16 | 0;
      return (c === "x" ? r : (r & 3 | 8)).toString(16);
    });
  }

  function remembered(store, key) {
    var value = store.getItem(key);
    if (!value) { value = uuid(); store.setItem(key, value); }
    return value;
  }

  function device() {
    var agent = navigator.userAgent || "";
    if (/iPad|Tablet/i.test(agent)) { return "tablet"; }
    return /Mobi|Android|iPhone/i.test(agent) ? "mobile" : "desktop";
  }

  function enqueue(event) {
    event.messageId = uuid();
    event.timestamp = new Date().toISOString();
    event.anonymousId = remembered(storage, "persona.anonymousId");
    var userId = storage.getItem("persona.userId");
    if (userId) { event.userId = userId; }
    event.context = {
      sessionId: remembered(session, "persona.sessionId"),
      page: { url: location.origin + location.pathname },
      device: { type: device() }
    };
    state.queue.push(event);
    if (state.queue.length >= 20) { flush(); } else if (!state.sending) { schedule(state.delay); }
  }

  function schedule(delay) {
    clearTimeout(state.timer);
    state.timer = setTimeout(flush, delay);
  }

  function flush() {
    if (state.sending || state.queue.length === 0) { return; }
    var batch = state.queue.slice(0, 20);
    state.sending = true;
    var next = 1000;
    fetch(state.host + "/v1/batch", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ writeKey: state.writeKey, batch: batch }),
      keepalive: true
    }).then(function (response) {
      if (response.status === 202) {
        state.queue.splice(0, batch.length);
        state.delay = 1000;
      } else if (response.status === 400) {
        // only the event the collector names is dropped; the others go again at once
        return response.json().then(function (error) {
          var bad = typeof error.index === "number" ? error.index : 0;
          console.warn("persona: event refused: " + error.error);
          state.queue.splice(bad, 1);
          next = 0;
        });
      } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        state.queue.splice(0, batch.length);
        console.warn("persona: events refused (" + response.status + ")");
      } else {
        var after = Number(response.headers.get("Retry-After"));
        state.delay = Math.min(Math.max(state.delay * 2, after > 0 ? after * 1000 : 0), 30000);
        next = state.delay;
      }
    }).catch(function () {
      state.delay = Math.min(state.delay * 2, 30000);
      next = state.delay;
    }).then(function () {
      state.sending = false;
      if (state.queue.length > 0) { schedule(next === 1000 && state.queue.length >= 20 ? 0 : next); }
    });
  }

  window.persona = {
    init: function (options) {
      state.writeKey = options.writeKey || "";
      if (options.host) { state.host = options.host.replace(/\/$/, ""); }
      window.addEventListener("pagehide", flush);
    },
    page: function (category, properties) {
      enqueue({ type: "page", category: category, properties: properties || {} });
    },
    track: function (event, properties) {
      enqueue({ type: "track", event: event, properties: properties || {} });
    },
    identify: function (userId) {
      storage.setItem("persona.userId", userId);
      enqueue({ type: "identify", userId: userId });
    },
    reset: function () {
      storage.removeItem("persona.userId");
      storage.removeItem("persona.anonymousId");
    },
    flush: flush,
    pending: function () { return state.queue.length; }
  };
})(window);
