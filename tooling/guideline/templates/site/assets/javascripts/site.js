/* The site's own script: checklists that tick, and the offline copy of the edition.
 * Nothing here sends anything anywhere: ticks stay in this browser's localStorage. */
"use strict";

(function () {
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);

  /* --- Checklists: tap an item to tick it; kept per procedure on this device only. --- */
  function setupChecklist(box) {
    var key = "gl-checklist:" + box.getAttribute("data-checklist");
    var inputs = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
    var saved = [];
    try { saved = JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { saved = []; }
    function save() {
      var ticked = inputs.map(function (c, i) { return c.checked ? i : -1; }).filter(function (i) { return i >= 0; });
      try {
        if (ticked.length) localStorage.setItem(key, JSON.stringify(ticked)); else localStorage.removeItem(key);
      } catch (e) { /* private mode: ticks last until the page closes */ }
    }
    inputs.forEach(function (input, i) {
      var item = input.closest("li");
      input.disabled = false;
      input.checked = saved.indexOf(i) >= 0;
      input.setAttribute("aria-label", item.textContent.trim());
      input.addEventListener("change", save);
      item.addEventListener("click", function (ev) {  // the whole line is the tap target
        if (ev.target.closest("label, a, input")) return;
        input.checked = !input.checked;
        save();
      });
    });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button gl-checklist-reset";
    reset.textContent = "清除勾选";
    reset.addEventListener("click", function () {
      inputs.forEach(function (c) { c.checked = false; });
      save();
    });
    box.appendChild(reset);
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), setupChecklist);

  /* --- Offline: after one visit over the network, the service worker keeps the whole edition. --- */
  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register(new URL("sw.js", root).href).catch(function () { /* no offline copy */ });
  }
})();
