/* Keep the reader's section when switching language: twin pages share heading ids, so the
   current #fragment is valid on the other language's page too. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (!link || !location.hash) return;
  var url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.hash) return;
  url.hash = location.hash;
  link.href = url.href;
}, true);
