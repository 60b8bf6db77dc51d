// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // "Copy" next to the short link (the button is hidden until JS can make it work).
  document.querySelectorAll("button.copy[data-copy]").forEach(function (btn) {
    var input = document.querySelector(btn.getAttribute("data-copy"));
    if (!input || !navigator.clipboard) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        var label = btn.textContent;
        btn.textContent = btn.getAttribute("data-done") || label;
        setTimeout(function () { btn.textContent = label; }, 1500);
      });
    });
  });
  // "/" focuses the search box (unless typing in a field already).
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    var box = document.getElementById("q") || document.getElementById("home-q") || document.getElementById("quick-q");
    if (box) { ev.preventDefault(); box.focus(); }
  });
})();
