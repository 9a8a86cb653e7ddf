// A printout names the address it was printed from, in the running footer of every page (typ.css's
// @page rules carry the handbook, model version and source revision; only the browser knows the address).
(function () {
  var style = document.createElement("style");
  var address = location.href.replace(/[\\"]/g, "\\$&").replace(/[\r\n]/g, "");
  style.textContent = '@page { @bottom-center { content: "' + address + '"; } }';
  document.head.appendChild(style);
})();
