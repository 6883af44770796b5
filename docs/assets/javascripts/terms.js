/* Glossary terms: <abbr class="aiguide-term" title="definition" tabindex="0">, written at build time by
   overrides/hooks/aiguide/tooltips.py. Without JavaScript the browser shows the title. With it, one shared
   tooltip serves every term on the page (on hover and on keyboard focus; Escape closes it; the pointer can
   move onto it), instead of Material mounting a tooltip component per term at load, which cost about
   50 ms of blocking time on a page with thirty terms (issue 7). The title moves to data-definition first,
   so neither Material nor the browser shows a second tooltip; the focused term is described by the tooltip
   (aria-describedby). Runs before Material's deferred bundle, which then finds no title to mount. */
(() => {
  "use strict";
  const terms = document.querySelectorAll("abbr.aiguide-term[title]");
  if (!terms.length) return;
  terms.forEach((term) => {
    term.dataset.definition = term.title;
    term.removeAttribute("title");
  });

  const tip = document.createElement("div");
  tip.id = "aiguide-term-tip";
  tip.className = "aiguide-term-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  let current = null;

  function show(term) {
    if (current === term) return;
    hide();
    current = term;
    tip.textContent = term.dataset.definition;
    tip.hidden = false;
    term.setAttribute("aria-describedby", tip.id);
    const box = term.getBoundingClientRect();
    const width = tip.offsetWidth;
    const room = document.documentElement.clientWidth;
    tip.style.left = `${Math.max(8, Math.min(box.left, room - width - 8)) + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY}px`; // touching the term: the pointer can cross over
  }

  function hide() {
    if (!current) return;
    current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  }

  const termOf = (node) => (node instanceof Element ? node.closest("abbr.aiguide-term") : null);
  document.addEventListener("pointerover", (event) => {
    const term = termOf(event.target);
    if (term && term.dataset.definition) show(term);
  });
  document.addEventListener("pointerout", (event) => {
    if (!current || document.activeElement === current) return;
    const to = event.relatedTarget;
    const leaving = termOf(event.target) === current || tip.contains(event.target);
    if (leaving && !(to instanceof Node && (tip.contains(to) || current.contains(to)))) hide();
  });
  document.addEventListener("focusin", (event) => {
    const term = termOf(event.target);
    if (term && term.dataset.definition) show(term);
    else hide();
  });
  document.addEventListener("focusout", (event) => {
    if (termOf(event.target) === current) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
})();
