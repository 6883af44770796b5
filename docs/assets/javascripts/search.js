/* Site search with Pagefind, in Material's header search (markup: overrides/partials/pagefind-search.html).
 *
 * - Nothing is fetched on page load. Focusing the field loads Pagefind's code (pagefind.js); the
 *   first keystroke loads the index of the page's language only (Pagefind picks it from <html lang>).
 * - Keyboard as in Material: "/", "s" or "f" opens search, arrows move through results, Enter opens
 *   one, Esc closes.
 * - Chinese phrases: a run of Chinese characters is searched as an exact phrase (see search()).
 * - The result link carries ?h=<matched words>; on the target page those words are marked.
 */
(function () {
  "use strict";

  var HIGHLIGHT_PARAM = "h";
  var MAX_RESULTS = 10; // pages rendered (Pagefind loads each result's text separately)
  var MAX_SECTIONS = 3; // matching sections listed under a page
  var MAX_HIGHLIGHTS = 8; // words carried to the target page in ?h=
  var INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

  var configElement = document.getElementById("__config");
  var config = configElement ? JSON.parse(configElement.textContent) : { base: ".", translations: {} };
  var base = new URL(String(config.base || ".").replace(/\/?$/, "/"), location.href);

  function t(key, count) {
    var text = (config.translations || {})[key] || "";
    return count === undefined ? text : text.replace("#", String(count));
  }

  /* ---- highlight the searched words on the page the reader landed on ---- */

  function highlightPage() {
    var words = new URL(location.href).searchParams.getAll(HIGHLIGHT_PARAM)
      .join(" ").split(/\s+/).filter(Boolean);
    var article = document.querySelector("article.md-content__inner");
    if (!words.length || !article) return;
    words.sort(function (a, b) { return b.length - a.length; }); // longest first: "梯度消失" before "梯度"
    var pattern;
    try { pattern = new RegExp(words.map(function (w) {
      var escaped = w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      // Whole words for alphabetic scripts; a Chinese phrase has no word boundaries.
      return /[\u3400-\u9fff\uf900-\ufaff]/.test(w) ? escaped : "(?<![\\p{L}\\p{N}])" + escaped + "(?![\\p{L}\\p{N}])";
    }).join("|"), "giu"); } catch (error) { return; } // a hand-edited ?h= that is not a valid pattern
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && !parent.closest("script, style, svg, mark, .headerlink")
          ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var first = null;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      pattern.lastIndex = 0;
      if (!pattern.test(text)) return;
      var fragment = document.createDocumentFragment();
      var last = 0;
      text.replace(pattern, function (match, offset) {
        fragment.appendChild(document.createTextNode(text.slice(last, offset)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-search-highlight", "");
        mark.textContent = match;
        fragment.appendChild(mark);
        first = first || mark;
        last = offset + match.length;
        return match;
      });
      fragment.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    });
    if (first && !location.hash) first.scrollIntoView({ block: "center" });
  }

  highlightPage();

  /* ---- the search form ---- */

  var root = document.querySelector("[data-aiguide-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var form = root.querySelector("form");
  var input = root.querySelector("[data-aiguide-search-query]");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");

  var code = null; // Promise of the Pagefind module (its code only)
  var engine = null; // Promise of the initialised Pagefind (index metadata of this language loaded)

  function loadCode() {
    if (!code) code = import(new URL("pagefind/pagefind.js", base).href);
    return code;
  }

  function loadEngine() {
    if (!engine) {
      engine = loadCode().then(function (pagefind) {
        // Excerpt length counts words: a Chinese "word" here is one character.
        var words = /^zh/i.test(document.documentElement.lang) ? 56 : 26;
        return Promise.resolve(pagefind.options({ excerptLength: words }))
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; }); // let a later keystroke retry
    }
    return engine;
  }

  function clean(text) {
    return String(text || "").replace(INVISIBLE, "");
  }

  /* Pagefind's excerpts are HTML with <mark>; keep only text and <mark>, drop anything else. */
  function excerptNodes(html) {
    var template = document.createElement("template");
    template.innerHTML = clean(html).replace(/<\/mark>(\s*)<mark>/g, "$1"); // one mark per phrase
    var out = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        out.appendChild(document.createTextNode(node.nodeValue));
      } else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  /* The words Pagefind marked in an excerpt (stemmed matches included), for highlighting on the
   * target page: a Chinese phrase stays whole, other marks are split into words without punctuation. */
  function markedWords(html) {
    var words = [];
    clean(html).replace(/<\/mark>(\s*)<mark>/g, "$1").replace(/<mark>([^<]+)<\/mark>/g, function (_, text) {
      text.split(/\s+/).forEach(function (word) {
        words.push(word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
      });
    });
    return words;
  }

  function element(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function withHighlight(url, words) {
    var target = new URL(url, location.href);
    if (words.length) target.searchParams.set(HIGHLIGHT_PARAM, words.join(" "));
    return target.pathname + target.search + target.hash;
  }

  function resultLink(url, words, heading, excerpt, isPage) {
    var title = element(isPage ? "h1" : "h2");
    title.textContent = clean(heading);
    var article = element("article", "md-search-result__article md-typeset", [
      isPage ? element("div", "md-search-result__icon md-icon") : null,
      title,
      excerpt ? element("p", null, [excerptNodes(excerpt)]) : null
    ]);
    var link = element("a", "md-search-result__link", [article]);
    link.href = withHighlight(url, words);
    link.tabIndex = -1;
    return link;
  }

  function renderItem(data, query) {
    var words = markedWords(data.excerpt);
    (data.sub_results || []).forEach(function (sub) { words = words.concat(markedWords(sub.excerpt)); });
    words = (data.phrases || []).concat(words, query.match(/[A-Za-z0-9][\w.+-]*/g) || []);
    var seen = {};
    words = words.filter(function (w) {
      var key = w.toLowerCase();
      if (w.length < 2 || seen[key]) return false;
      seen[key] = true;
      return true;
    }).slice(0, MAX_HIGHLIGHTS);
    var sections = (data.sub_results || []).filter(function (sub) {
      return sub.anchor && sub.url !== data.url && /^h[2-6]$/i.test(sub.anchor.element);
    }).slice(0, MAX_SECTIONS);
    // As in Material: the page with its excerpt, or, where sections match, the page title and then
    // each matching section with its own excerpt.
    var item = element("li", "md-search-result__item", [
      resultLink(data.url, words, (data.meta && data.meta.title) || data.url, sections.length ? "" : data.excerpt, true)
    ]);
    sections.forEach(function (sub) {
      item.appendChild(resultLink(sub.url, words, sub.title, sub.excerpt, false));
    });
    return item;
  }

  /* Chinese is indexed one character per word (see overrides/hooks/aiguide/search_index.py), so a
   * query's Chinese characters are spaced out for Pagefind, and each run of two or more is also
   * searched as an exact phrase:
   *   1. pages that contain every phrase, in Pagefind's order for the whole query, with the phrase
   *      search's excerpt (it marks the phrase, not stray characters);
   *   2. else pages that contain every word of the phrases, as the browser segments them
   *      (深度学习模型 → 深度 学习 模型), each word searched as a phrase;
   *   3. else nothing: pages with the characters scattered about are not answers.
   * A query in other scripts with several words lists the pages with the exact phrase first. */
  var HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]{2,}/g;

  function spaced(text) {
    return text.replace(/([\u3400-\u9fff\uf900-\ufaff])(?=[\u3400-\u9fff\uf900-\ufaff])/g, "$1 ");
  }

  /* Plain results that also match every phrase. The excerpt comes from the search for the rarest
   * phrase (the most telling one); every phrase is highlighted on the target page. */
  function withPhrases(pagefind, plain, phrases) {
    var exact = phrases.map(function (phrase) { return pagefind.search("\"" + spaced(phrase) + "\""); });
    return Promise.all([plain].concat(exact)).then(function (found) {
      var counts = found.slice(1).map(function (result) { return result ? result.results.length : 0; });
      var byPhrase = found.slice(1).map(function (result) {
        var ids = {};
        (result ? result.results : []).forEach(function (r) { ids[r.id] = r; });
        return ids;
      });
      var rarest = byPhrase[counts.indexOf(Math.min.apply(Math, counts))];
      return found[0].results.filter(function (r) {
        return byPhrase.every(function (ids) { return ids[r.id]; });
      }).map(function (r) {
        return {
          id: r.id,
          score: r.score,
          data: function () {
            return rarest[r.id].data().then(function (data) {
              return Object.assign({}, data, { phrases: phrases });
            });
          }
        };
      });
    });
  }

  function hanWords(runs) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) return [];
    var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    var words = [];
    runs.forEach(function (run) {
      Array.from(segmenter.segment(run)).forEach(function (part) {
        if (part.segment.length > 1) words.push(part.segment);
      });
    });
    return words;
  }

  function search(pagefind, query) {
    var plain = pagefind.search(spaced(query));
    var runs = query.replace(/"/g, " ").match(HAN_RUN);
    if (!runs) {
      if (/"/.test(query) || query.trim().split(/\s+/).length < 2) {
        return plain.then(function (found) { return found.results; });
      }
      return withPhrases(pagefind, plain, [query.trim()]).then(function (first) {
        var ids = {};
        first.forEach(function (r) { ids[r.id] = true; });
        return plain.then(function (found) {
          return first.concat(found.results.filter(function (r) { return !ids[r.id]; }));
        });
      });
    }
    return withPhrases(pagefind, plain, runs).then(function (found) {
      if (found.length) return found;
      var words = hanWords(runs);
      if (!words.length || words.join(" ") === runs.join(" ")) return [];
      return withPhrases(pagefind, plain, words);
    });
  }

  /* Among phrase matches, pages whose title holds every Chinese phrase of the query come first
   * (「价格对比」 for "token 价格"); otherwise Pagefind's order stands (the sort is stable). */
  function titlesFirst(pages, query) {
    var runs = query.match(HAN_RUN);
    if (!runs) return pages;
    function inTitle(page) {
      var title = clean(page.meta && page.meta.title);
      return runs.every(function (run) { return title.indexOf(run) !== -1; }) ? 0 : 1;
    }
    return pages.slice().sort(function (a, b) { return inTitle(a) - inTitle(b); });
  }

  /* Pagefind answers a word it does not know with the longest prefix it does know ("gradint" finds
   * "g", "xylophone" finds "x"). Such a result has no marked word that shares the start of a typed
   * word (four letters, or the whole word if shorter); it is dropped. Chinese is matched exactly. */
  function related(page, query) {
    if (/[\u3400-\u9fff\uf900-\ufaff]/.test(query)) return true;
    var typed = query.toLowerCase().replace(/"/g, " ").split(/\s+/).filter(Boolean);
    var marks = markedWords(page.excerpt);
    (page.sub_results || []).forEach(function (sub) { marks = marks.concat(markedWords(sub.excerpt)); });
    if (!marks.length) return true;
    return marks.some(function (mark) {
      mark = mark.toLowerCase();
      return typed.some(function (word) {
        var need = Math.min(word.length, 4);
        return mark.slice(0, need) === word.slice(0, need);
      });
    });
  }

  var sequence = 0;

  function showMessage(text) {
    meta.textContent = text;
    list.replaceChildren();
    list.hidden = true;
    list.setAttribute("role", "presentation");
  }

  function run() {
    var query = input.value.trim();
    var current = ++sequence;
    if (!query) {
      showMessage(t("search.result.placeholder"));
      root.removeAttribute("data-search-state");
      return;
    }
    root.setAttribute("data-search-state", "loading");
    loadEngine()
      .then(function (pagefind) { return search(pagefind, query); })
      .then(function (results) {
        if (current !== sequence) return null;
        // Two more than shown, so that a page whose title holds the phrase can move up into view.
        return Promise.all(results.slice(0, MAX_RESULTS + 2).map(function (r) { return r.data(); }))
          .then(function (pages) {
            if (current !== sequence) return;
            var loaded = pages.length;
            pages = pages.filter(function (page) { return related(page, query); });
            var count = results.length - (loaded - pages.length);
            pages = titlesFirst(pages, query).slice(0, MAX_RESULTS);
            meta.textContent = count === 0 ? t("search.result.none")
              : count === 1 ? t("search.result.one") : t("search.result.other", count);
            list.replaceChildren.apply(list, pages.map(function (page) { return renderItem(page, query); }));
            list.hidden = pages.length === 0;
            list.setAttribute("role", pages.length ? "list" : "presentation");
            root.setAttribute("data-search-state", "ready");
          });
      })
      .catch(function (error) {
        if (current !== sequence) return;
        showMessage(t("search.result.none"));
        root.setAttribute("data-search-state", "error");
        console.warn("search:", error);
      });
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
  }

  input.addEventListener("focus", function () {
    if (!toggle.checked) open();
    loadCode().catch(function () { code = null; });
  });
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); });
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  // The header's search button (small screens) and the overlay are labels for the toggle.
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) toggle.checked = false;
  });

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var active = document.activeElement;
    if (!toggle.checked) {
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !editable(active)) {
        event.preventDefault();
        open();
        input.focus();
        input.select();
      }
      return;
    }
    var items = [input].concat(links());
    var index = items.indexOf(active);
    switch (event.key) {
      case "Escape":
        event.preventDefault();
        close();
        break;
      case "Tab": // as in Material: leaving the field closes search, focus moves on as usual
        close();
        break;
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault();
        var step = event.key === "ArrowUp" ? -1 : 1;
        items[(Math.max(0, index) + step + items.length) % items.length].focus();
        break;
      case "Enter":
        if (active === input && items.length > 1) {
          event.preventDefault();
          items[1].click();
        }
        break;
      default:
        // Typing while a result is focused goes back to the field, as in Material.
        if (event.key.length === 1 && active !== input && index > 0) input.focus();
    }
  });
})();
