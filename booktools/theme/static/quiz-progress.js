/* 첫 페이지의 "스스로 점검 기록" 표: dlkit.quiz가 localStorage에 남긴 장별 기록을 읽어 보여 준다.
 * booktools/sphinxext/quiz.py의 {quiz-progress} 지시어가 이 파일을 표 바로 뒤에 인라인으로 싣는다. */
(function () {
  "use strict";
  var root = document.currentScript && document.currentScript.closest(".sbq-progress");
  if (!root) return;
  var prefix = root.getAttribute("data-sbq-prefix");

  function storage() {
    try { var s = window.localStorage; s.getItem("x"); return s; } catch (e) { return null; }
  }

  function statusText(rec) {
    if (!rec || !rec.total || !rec.answered) return "아직 풀지 않음";
    if (rec.answered >= rec.total) return "완료: " + rec.total + "문항 중 " + rec.right + "문항 정답";
    return "푸는 중: " + rec.total + "문항 중 " + rec.answered + "문항 채점, " + rec.right + "문항 정답";
  }

  function refresh() {
    var s = storage();
    root.querySelectorAll("tr[data-sbq-chapter]").forEach(function (tr) {
      var rec = null;
      if (s) {
        try { rec = JSON.parse(s.getItem(prefix + tr.getAttribute("data-sbq-chapter")) || "null"); }
        catch (e) { rec = null; }
      }
      var cell = tr.querySelector(".sbq-status");
      cell.textContent = statusText(rec);
      tr.classList.toggle("sbq-done", !!(rec && rec.total && rec.answered >= rec.total));
    });
  }

  root.querySelector(".sbq-clear").addEventListener("click", function () {
    var s = storage(), note = root.querySelector(".sbq-cleared");
    if (!s) { note.textContent = "이 브라우저에서는 기록을 저장할 수 없습니다."; return; }
    var keys = [];
    for (var i = 0; i < s.length; i++) { var k = s.key(i); if (k && k.indexOf(prefix) === 0) keys.push(k); }
    keys.forEach(function (k) { s.removeItem(k); });
    refresh();
    note.textContent = "점검 기록을 지웠습니다.";
  });

  window.addEventListener("storage", function (ev) { if (!ev.key || ev.key.indexOf(prefix) === 0) refresh(); });
  window.addEventListener("pageshow", refresh);
  refresh();
})();
