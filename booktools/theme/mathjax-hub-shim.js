// ipywidgets 8의 html-manager는 위젯 설명을 MathJax 2 API(MathJax.Hub.Queue)로 조판한다. MathJax 3에는 Hub가
// 없어 예외가 나므로 Hub.Queue를 흉내 내 typesetPromise로 넘긴다(준비 전 호출은 모았다가 처리).
// 페이지(booktools/sphinxext/offline.py)와 덱(booktools/theme/slides/studybook/index.html.j2)이 이 한 파일을 싣는다.
(function () {
  var pending = [];
  function run(el) {
    var mj = window.MathJax;
    mj.startup.promise = mj.startup.promise
      .then(function () { return mj.typesetPromise(el ? [el] : undefined); })
      .catch(function (err) { console.warn("MathJax typeset:", err); });
  }
  var hub = {
    Queue: function () {
      for (var i = 0; i < arguments.length; i++) {
        var job = arguments[i];
        var el = Array.isArray(job) && job[0] === "Typeset" ? job[2] : undefined;
        if (window.MathJax && window.MathJax.typesetPromise) { run(el); } else { pending.push(el); }
      }
    }
  };
  var cfg = window.MathJax = window.MathJax || {};
  cfg.Hub = hub;
  cfg.startup = cfg.startup || {};
  var ready = cfg.startup.ready;
  cfg.startup.ready = function () {
    if (ready) { ready(); } else { window.MathJax.startup.defaultReady(); }
    window.MathJax.Hub = hub;
    pending.splice(0).forEach(run);
  };
})();
