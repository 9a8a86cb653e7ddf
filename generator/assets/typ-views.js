/* The handbook's reading aids, added in the browser so the built pages stay byte-identical:
   - the process map fitted to the width, with zoom, pan and lane names that stay in view;
   - the language switch keeps the page (a step in Finnish -> the same step in Swedish);
   - the current month marked on the year wheel page;
   - a table wider than the screen can be scrolled from the keyboard (WCAG 2.1.1): its scrolling box
     becomes a named, focusable region while, and only while, it overflows.
   Without JavaScript the pages still work: the map is scaled to the width, the links go to the
   other language's front page, no month is marked. */
(function () {
  "use strict";

  /* ---- process map ---- */
  function setupMap(fig) {
    var svg = fig.querySelector("svg");
    if (!svg || fig.dataset.typMap) return;
    fig.dataset.typMap = "1";
    var vb = svg.viewBox.baseVal;
    var W = vb.width, H = vb.height;
    // Geometry in viewBox units: element coordinates through the element's and the drawing's
    // screen matrices, so Graphviz's own transform on its top group does not matter.
    var inv = svg.getScreenCTM().inverse();
    function box(el) {
      var b = el.getBBox(), m = inv.multiply(el.getScreenCTM()), p = svg.createSVGPoint(), q;
      p.x = b.x; p.y = b.y; q = p.matrixTransform(m);
      p.x = b.x + b.width; p.y = b.y + b.height;
      var r = p.matrixTransform(m);
      return { x: q.x, y: q.y, w: r.x - q.x, h: r.y - q.y };
    }
    var lanes = [], header = 0;
    svg.querySelectorAll("g[id*='-lanehead-']").forEach(function (g) {
      var b = box(g), short = [], all = [];
      g.querySelectorAll("text").forEach(function (t) {  // bold lines: the lane's label; the rest: its full name
        all.push(t.textContent.trim());
        if (t.getAttribute("font-weight") === "bold") short.push(t.textContent.trim());
      });
      lanes.push({ y: b.y, h: b.h, name: (short.length ? short : all).join(" ").replace(/\s+/g, " "),
        full: all.join(" ").replace(/\s+/g, " ") });
      header = Math.max(header, b.x + b.w);
    });
    var badges = [];
    svg.querySelectorAll("g.typ-stepno").forEach(function (g) {
      var b = g.getBBox();
      badges.push({ g: g, cx: b.x + b.width / 2, cy: b.y + b.height / 2, d: b.width });
    });

    var bar = document.createElement("div");
    bar.className = "typ-map-bar";
    function button(key, text, act) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button typ-map-" + key;
      b.textContent = text;
      b.addEventListener("click", act);
      bar.appendChild(b);
      return b;
    }
    var view = document.createElement("div");
    view.className = "typ-map-view";
    var side = document.createElement("div");
    side.className = "typ-map-lanes";
    side.setAttribute("aria-hidden", "true");  // the SVG names its lanes for screen readers
    var canvas = document.createElement("div");
    canvas.className = "typ-map-canvas";
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "group");
    canvas.setAttribute("aria-label", fig.dataset.labelHelp || "");
    svg.parentNode.insertBefore(bar, svg);
    svg.parentNode.insertBefore(view, svg);
    view.appendChild(side);
    view.appendChild(canvas);
    canvas.appendChild(svg);
    var labels = lanes.map(function (l) {
      var d = document.createElement("div");
      d.className = "typ-map-lane";
      d.textContent = l.name;
      d.title = l.full;
      side.appendChild(d);
      return d;
    });

    var s = 1, ox = header, oy = 0, fitted = true;
    function fitScale() { return canvas.clientWidth / (W - header); }
    function draw() {
      var cw = canvas.clientWidth;
      var fitH = (H) * fitScale();
      var maxH = Math.max(fitH, Math.min(H * s, window.innerHeight * 0.7));
      var vh = Math.min(H * s, maxH);
      var vw = cw / s, vhu = vh / s;
      ox = Math.min(Math.max(ox, header), Math.max(header, W - vw));
      oy = Math.min(Math.max(oy, 0), Math.max(0, H - vhu));
      svg.setAttribute("viewBox", ox + " " + oy + " " + vw + " " + vhu);
      svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
      svg.style.width = cw + "px";
      svg.style.height = vh + "px";
      side.style.height = vh + "px";
      lanes.forEach(function (l, i) {
        labels[i].style.top = ((l.y - oy) * s) + "px";
        labels[i].style.height = (l.h * s) + "px";
      });
      badges.forEach(function (b) {  // numbers about 20 px across at any zoom, never smaller than drawn
        var k = Math.max(1, 20 / (b.d * s));
        b.g.setAttribute("transform", "translate(" + b.cx + " " + b.cy + ") scale(" + k + ") translate("
          + (-b.cx) + " " + (-b.cy) + ")");
      });
      fig.dataset.zoom = (s / fitScale()).toFixed(2);
      fitBtn.disabled = fitted;
      outBtn.disabled = fitted;
    }
    function zoom(f, px, py) {
      var cw = canvas.clientWidth, ch = parseFloat(svg.style.height) || 0;
      px = px === undefined ? cw / 2 : px;
      py = py === undefined ? ch / 2 : py;
      var ux = ox + px / s, uy = oy + py / s;
      var fs = fitScale();
      s = Math.min(Math.max(s * f, fs), 2);
      fitted = s <= fs * 1.0001;
      ox = ux - px / s;
      oy = uy - py / s;
      draw();
    }
    function fit() { s = fitScale(); ox = header; oy = 0; fitted = true; draw(); }
    var fitBtn = button("fit", fig.dataset.labelFit || "Fit", fit);
    var inBtn = button("in", "+", function () { zoom(1.6); });
    var outBtn = button("out", "\u2212", function () { zoom(1 / 1.6); });
    inBtn.setAttribute("aria-label", fig.dataset.labelIn || "Zoom in");
    inBtn.title = fig.dataset.labelIn || "";
    outBtn.setAttribute("aria-label", fig.dataset.labelOut || "Zoom out");
    outBtn.title = fig.dataset.labelOut || "";

    var drag = null, moved = false;
    canvas.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, ox: ox, oy: oy };
      moved = false;
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
      if (!moved) return;
      ox = drag.ox - dx / s;
      oy = drag.oy - dy / s;
      draw();
    });
    window.addEventListener("pointerup", function () { drag = null; });
    canvas.addEventListener("click", function (e) {  // a drag is not a click on a step
      if (moved) { e.preventDefault(); e.stopPropagation(); moved = false; }
    }, true);
    canvas.addEventListener("wheel", function (e) {  // ctrl + wheel zooms; the plain wheel scrolls the page
      if (!e.ctrlKey) return;
      e.preventDefault();
      var r = canvas.getBoundingClientRect();
      zoom(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    canvas.addEventListener("keydown", function (e) {
      var step = 80 / s, keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step],
        ArrowDown: [0, step] };
      if (keys[e.key] && !fitted) {
        ox += keys[e.key][0]; oy += keys[e.key][1]; draw(); e.preventDefault();
      } else if (e.key === "+" || e.key === "=") { zoom(1.6); e.preventDefault(); }
      else if (e.key === "-") { zoom(1 / 1.6); e.preventDefault(); }
      else if (e.key === "0") { fit(); e.preventDefault(); }
    });
    window.addEventListener("resize", function () { if (fitted) fit(); else draw(); });
    fit();
  }

  /* ---- language switch: the same page in the other language ---- */
  function samePage() {
    var links = document.querySelectorAll("a.md-select__link[hreflang]");
    if (!links.length) return;
    var here = document.documentElement.lang, root = null;
    links.forEach(function (a) {
      if (a.getAttribute("hreflang") === here) root = new URL(".", a.href).href;
    });
    if (!root || location.href.indexOf(root) !== 0) return;
    var rest = location.href.slice(root.length).split("#")[0];
    if (!rest || rest === "index.html") return;
    links.forEach(function (a) {
      if (a.getAttribute("hreflang") === here) return;
      var front = a.href, target = new URL(rest, new URL(".", front).href).href;
      a.href = target;
      a.addEventListener("click", function (e) {  // a page only one language has: its front page
        if (location.protocol.indexOf("http") !== 0) return;
        e.preventDefault();
        fetch(target, { method: "HEAD" }).then(function (r) {
          location.href = r.ok ? target : front;
        }, function () { location.href = front; });
      });
    });
  }

  /* ---- RACI: one role's column highlighted (?rooli=<id> from a role page, or the picker) ---- */
  function raci(table) {
    var wrap = table.closest(".typ-raci-wrap") || table;
    var bar = document.createElement("div");
    bar.className = "typ-raci-filter";
    var label = document.createElement("label");
    label.textContent = (table.dataset.labelPick || "Role") + " ";
    var pick = document.createElement("select");
    var all = document.createElement("option");
    all.value = "";
    all.textContent = table.dataset.labelAll || "All";
    pick.appendChild(all);
    table.querySelectorAll("thead th[data-role]").forEach(function (th) {
      var o = document.createElement("option");
      o.value = th.dataset.role;
      var abbr = th.querySelector("abbr");
      o.textContent = abbr ? abbr.title : th.textContent;
      pick.appendChild(o);
    });
    label.appendChild(pick);
    var only = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    only.appendChild(box);
    only.appendChild(document.createTextNode(" " + (table.dataset.labelOnly || "Only")));
    bar.appendChild(label);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(only);
    wrap.parentNode.insertBefore(bar, wrap);
    function apply() {
      var id = pick.value;
      table.querySelectorAll(".typ-hl").forEach(function (c) { c.classList.remove("typ-hl"); });
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        var cell = id ? tr.querySelector("td[data-role='" + id + "']") : null;
        var has = !id || (cell && cell.textContent.trim() !== "");
        tr.classList.toggle("typ-dim", !has && !box.checked);
        tr.classList.toggle("typ-hide", !has && box.checked);
      });
      table.dataset.role = id;
      if (!id) return;
      var head = null;
      table.querySelectorAll("[data-role='" + id + "']").forEach(function (c) {
        c.classList.add("typ-hl");
        if (c.tagName === "TH") head = c;
      });
      if (head) {  // bring the column into the matrix's view, beside the sticky step column
        var first = table.querySelector("thead th");
        wrap.scrollLeft = Math.max(0, head.offsetLeft - first.offsetWidth - 8);
      }
    }
    function fit() {  // every role column on the screen: upright names when they do not fit side by side
      table.classList.remove("typ-raci-upright");
      if (wrap.scrollWidth > wrap.clientWidth + 1) table.classList.add("typ-raci-upright");
    }
    fit();
    window.addEventListener("resize", fit);
    pick.addEventListener("change", apply);
    box.addEventListener("change", apply);
    var wanted = new URLSearchParams(location.search).get("rooli");
    if (wanted && table.querySelector("thead th[data-role='" + wanted + "']")) {
      pick.value = wanted;
      apply();
    }
  }

  /* ---- year wheel: this month ---- */
  function thisMonth() {
    var m = new Date().getMonth() + 1;
    var sel = "[data-typ-month='" + m + "'], figure.typ-wheel path.month[data-month='" + m + "']";
    document.querySelectorAll(sel).forEach(function (el) {
      el.classList.add("typ-this-month");
      if (el.matches("h2, h3, tr, li, section")) el.setAttribute("aria-current", "date");
    });
  }

  /* ---- wide tables: keyboard scrolling ---- */
  function heading(el) {  // the nearest heading before the table names its region
    for (var n = el; n && n !== document.body; n = n.parentElement) {
      for (var s = n.previousElementSibling; s; s = s.previousElementSibling) {
        var h = s.matches("h1, h2, h3, h4, h5, h6") ? s : null;
        if (h) return h.textContent.replace("\u00b6", "").trim();
      }
    }
    return "";
  }
  function scrollable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex") && !wrap.dataset.typScroll) return;  // someone else's region
      var table = wrap.querySelector("table");
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      if (wide && !wrap.dataset.typScroll) {
        var caption = table && table.querySelector("caption");
        var name = (caption && caption.textContent.trim()) || heading(wrap) || document.title;
        wrap.dataset.typScroll = "1";
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
      } else if (!wide && wrap.dataset.typScroll) {
        delete wrap.dataset.typScroll;
        ["tabindex", "role", "aria-label"].forEach(function (a) { wrap.removeAttribute(a); });
      }
    });
  }

  function init() {
    document.querySelectorAll("figure.typ-swimlane").forEach(setupMap);
    document.querySelectorAll("table.typ-raci").forEach(raci);
    samePage();
    thisMonth();
    scrollable();
    window.addEventListener("resize", scrollable);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
