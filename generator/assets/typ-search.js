/* Finnish and Swedish search for the TYP handbook (see the README, "Search").
 *
 * Material's search worker appends a wildcard to every typed word, and lunr does not stem
 * wildcard terms, so 'suunnitelmasta*' matches nothing. This script stems each typed word
 * with the Snowball stemmer Material already ships (lunr-languages) before the query reaches
 * the worker: 'suunnitelmasta' becomes 'suunnitelm', which the worker turns into
 * 'suunnitelm*'. typ build adds the matching stems to the index (search_index.json), so the
 * two sides agree. Anything this script does not understand is passed on unchanged, and
 * without it search works as plain Material search.
 */
(function () {
  "use strict";
  var lang = (document.documentElement.getAttribute("lang") || "").slice(0, 2);
  var script = document.currentScript;
  if ((lang !== "fi" && lang !== "sv") || !script || !window.Worker) return;

  var stem = null;
  // The index's word separator; replaced by the one in the index when Material sends it.
  var separator = /[\s\-]+/;

  function load(name, done) {
    var el = document.createElement("script");
    el.src = new URL("javascripts/lunr/min/" + name, script.src).href;
    el.onload = done;
    document.head.appendChild(el);
  }

  // lunr-languages register themselves on a global lunr; the stemmer needs only this much of it.
  window.lunr = window.lunr || {
    Pipeline: { registerFunction: function () {} },
    generateStopWordFilter: function () { return function (token) { return token; }; }
  };
  load("lunr.stemmer.support.min.js", function () {
    load("lunr." + lang + ".min.js", function () {
      var s = window.lunr[lang] && window.lunr[lang].stemmer;
      if (typeof s === "function") stem = s;
      document.documentElement.setAttribute("data-typ-search", "ready");
    });
  });

  function stemWord(word) {
    // Numbers and codes stay as typed, as in the index (generator/site/search.py).
    if (word.length < 3 || /\d/.test(word)) return word;
    var s = stem(word);
    // lunr-languages' Swedish Snowball predates the rule that strips the definite '-et'
    // ('årshjulet' -> 'årshjul'), which the index side has: a shorter prefix only widens.
    if (lang === "sv" && s.length >= 5 && /et$/.test(s)) s = s.slice(0, -2);
    return s;
  }

  // Every word of the index, sorted, to tell a typing error from a word the handbook has.
  var vocabulary = [];

  function known(prefix) {
    var lo = 0, hi = vocabulary.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (vocabulary[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo < vocabulary.length && vocabulary[lo].lastIndexOf(prefix, 0) === 0;
  }

  // One typed word -> its stem (Material adds the wildcard). A stem that starts no word of the
  // index is shortened while at least 70 % of it is left, to the longest prefix that does
  // ('määräajat' -> 'määräaja', which 'määräajan' has: Snowball does not undo consonant
  // gradation); failing that, the word is taken as mistyped and searched with one error
  // allowed ('suunitelma~1' finds 'suunnitelma'). Two letters are matched as typed ('te').
  // Finnish consonant gradation, weak grade -> strong grade at the end of a stem
  // ('määräaj' of 'määräajat' -> 'määräaik' of 'määräaika'; 'tavan' -> 'tap', 'kadun' -> 'kat').
  var STRONG = [["ng", "nk"], ["mm", "mp"], ["ll", "lt"], ["nn", "nt"], ["rr", "rt"], ["j", "ik"],
                ["v", "p"], ["d", "t"], ["k", "kk"], ["p", "pp"], ["t", "tt"]];

  function strongGrade(s) {
    for (var i = 0; i < STRONG.length; i++) {
      var weak = STRONG[i][0];
      if (s.length > weak.length + 3 && s.slice(-weak.length) === weak &&
          /[aeiouyäö]/.test(s.charAt(s.length - weak.length - 1))) {
        var alt = s.slice(0, -weak.length) + STRONG[i][1];
        if (known(alt)) return alt;
      }
    }
    return null;
  }

  function terms(word) {
    if (word.length < 3) return [word + "^1"];
    var s = stemWord(word);
    if (vocabulary.length && lang === "fi" && word.length >= 5 && known(s)) {
      // A word the handbook has in both grades ('määräajat' on one page, 'määräaika' on others)
      // is searched in both, so that the base form's pages are not lost.
      var alt = strongGrade(s);
      return alt ? [s, alt] : [s];
    }
    if (!vocabulary.length || word.length < 5 || known(s)) return [s];
    for (var n = s.length - 1; n >= Math.max(5, Math.ceil(s.length * 0.7)); n--) {
      if (known(s.slice(0, n))) return [s.slice(0, n)];
    }
    return [word + "~1"];
  }

  function index(docs) {
    var seen = {};
    docs.forEach(function (doc) {
      ["title", "text", "typ_t", "typ_x"].forEach(function (field) {
        String(doc[field] || "").replace(/<[^>]*>/g, " ").toLowerCase().split(separator)
          .forEach(function (w) { if (w) seen[w] = true; });
      });
    });
    vocabulary = Object.keys(seen).sort();
  }

  // One typed part ('kelalle', 'TE-toimisto') -> its terms; modifiers and quotes pass unchanged.
  function rewritePart(part) {
    if (!part || /["*+~^:]/.test(part) || part.charAt(0) === "-") return part;
    var words = part.toLowerCase().split(separator).filter(Boolean);
    return [].concat.apply([], words.map(terms)).join(" ");
  }

  function rewrite(query) {
    if (/"/.test(query)) return query;  // phrase queries: Material's own handling
    return query.split(/\s+/).map(rewritePart).join(" ");
  }

  window.typSearchRewrite = function (query) { return stem ? rewrite(query) : query; };

  // Material posts {type: 0 (SETUP), data: {config, docs}} once, then {type: 2 (QUERY),
  // data: "<typed text>"} to its worker on every keystroke (SearchMessageType in Material).
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 0 && message.data && message.data.config) {
      try { separator = new RegExp(message.data.config.separator); } catch (e) { /* keep default */ }
      index(message.data.docs || []);
    }
    if (stem && message && message.type === 2 && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: 2, data: rewrite(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
})();
