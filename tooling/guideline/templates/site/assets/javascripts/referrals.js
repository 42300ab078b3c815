/* The referral directory (转介名录): filter partner organisations by theme and district.
   Plain JavaScript, no library; without it every organisation is listed. */
(function () {
  "use strict";

  function words(element, name) {
    return (element.getAttribute(name) || "").split(" ");
  }

  function setup() {
    var box = document.querySelector(".gl-referral-filter");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var theme = box.querySelector("select[name=theme]");
    var district = box.querySelector("select[name=district]");
    var count = box.querySelector(".gl-referral-count");
    var none = document.querySelector(".gl-referral-none");
    var entries = Array.prototype.slice.call(document.querySelectorAll(".gl-referral"));

    function update() {
      var shown = 0;
      entries.forEach(function (entry) {
        var match = (!theme.value || words(entry, "data-themes").indexOf(theme.value) >= 0) &&
          (!district.value || words(entry, "data-districts").indexOf(district.value) >= 0);
        entry.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = "共 " + shown + " 家机构";
      if (none) none.hidden = shown > 0;
    }

    theme.addEventListener("change", update);
    district.addEventListener("change", update);
    box.hidden = false;
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
