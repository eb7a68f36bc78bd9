// eventsift: the hover panel and layer switches on the document page. Written for this app;
// reads annotation details from a JSON data block and only ever sets textContent.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }
  ready(function () {
    var text = document.getElementById("doctext");
    var data = document.getElementById("notes-data");
    if (!text || !data) return;
    var notes = JSON.parse(data.textContent);
    var panel = document.getElementById("hover");
    var layers = document.getElementById("layers");
    function hidden(layer) { var box = document.getElementById("t-" + layer); return box && !box.checked; }
    layers.addEventListener("change", function (ev) {
      var layer = ev.target.getAttribute("data-layer");
      if (layer) text.classList.toggle("off-" + layer, !ev.target.checked);
    });
    function show(span, ev) {
      var ids = (span.getAttribute("data-notes") || "").split(" ");
      panel.textContent = "";
      ids.forEach(function (id) {
        var n = notes[Number(id)];
        if (!n || hidden(n.layer)) return;
        var box = document.createElement("div"); box.className = "ann";
        var head = document.createElement("b"); head.textContent = n.layer + ": " + n.label; box.appendChild(head);
        var dl = document.createElement("dl");
        Object.keys(n.details).forEach(function (k) {
          var dt = document.createElement("dt"); dt.textContent = k;
          var dd = document.createElement("dd"); dd.textContent = String(n.details[k]);
          dl.appendChild(dt); dl.appendChild(dd);
        });
        box.appendChild(dl); panel.appendChild(box);
      });
      if (!panel.firstChild) { panel.hidden = true; return; }
      panel.hidden = false;
      var x = Math.min(ev.clientX + 12, window.innerWidth - panel.offsetWidth - 8);
      var y = ev.clientY + 16;
      if (y + panel.offsetHeight > window.innerHeight) y = ev.clientY - panel.offsetHeight - 8;
      panel.style.left = Math.max(0, x) + "px"; panel.style.top = Math.max(0, y) + "px";
    }
    text.addEventListener("mouseover", function (ev) {
      var span = ev.target.closest ? ev.target.closest(".hl") : null;
      if (span) { span.removeAttribute("title"); show(span, ev); }
    });
    text.addEventListener("mouseleave", function () { panel.hidden = true; });
  });
})();
