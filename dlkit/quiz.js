/* dlkit.quiz 채점기: 퀴즈 HTML 안에 그대로 들어가 실행된다(책 페이지, 슬라이드, 노트북 출력).
 * 밖의 주소를 부르지 않는다. 답과 점수는 localStorage의 "studybook:quiz:<장>"에만 남는다.
 * 저장 형식(v1): {v, chapter, title, total, answers: {문항 id: [보기 번호…] 또는 "입력"},
 *                 correct: {문항 id: true/false}, updated: 밀리초}
 */
(function () {
  "use strict";

  function storage() {
    try { var s = window.localStorage; s.getItem("x"); return s; } catch (e) { return null; }
  }

  function load(key) {
    var s = storage();
    if (!s) return null;
    try { var v = JSON.parse(s.getItem(key) || "null"); return v && v.v === 1 ? v : null; }
    catch (e) { return null; }
  }

  function save(key, state) {
    var s = storage();
    if (!s) return;
    try { s.setItem(key, JSON.stringify(state)); } catch (e) { /* 저장 공간이 없으면 저장만 건너뛴다 */ }
  }

  // "1,000", " 32 ", "0.5", "1/2"는 받고, 그 밖은 NaN
  function parseNumber(text) {
    var t = String(text).replace(/[\s,]/g, "").replace(/[−–]/g, "-");
    if (/^[-+]?\d+\/\d+$/.test(t)) { var p = t.split("/"); return Number(p[0]) / Number(p[1]); }
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return NaN;
    return Number(t);
  }

  // 제목의 글만: 링크 기호(#, ¶)와 번호가 매겨진 목차가 붙이는 장·절 번호("4.2. ")는 뺀다
  function headingText(h) {
    var copy = h.cloneNode(true);
    copy.querySelectorAll(".section-number, .headerlink").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/[#¶]/g, "").trim();
  }

  function chapterTitle() {
    var h = document.querySelector("h1");
    return h ? headingText(h) : document.title;
  }

  function headingTarget(label, heading) {
    if (label) {
      var byId = document.getElementById(label);
      if (byId) return byId;
    }
    var hs = document.querySelectorAll("h1, h2, h3, h4");
    for (var i = 0; i < hs.length; i++) {
      if (headingText(hs[i]) === heading) return hs[i].closest("section[id]") || hs[i];
    }
    return null;
  }

  // "다시 읽기" 링크: 같은 문서에 그 절이 있으면 그리로(책 페이지, JupyterLab),
  // 슬라이드(reveal)이면 책의 장 페이지로, 둘 다 아니면(Colab) 링크 없이 절 제목만.
  function fixLinks(root, chapter) {
    var inDeck = !!root.closest(".reveal");
    root.querySelectorAll(".sbq-see a").forEach(function (a) {
      var label = a.getAttribute("data-sbq-label"), heading = a.getAttribute("data-sbq-heading");
      if (inDeck) {
        a.href = "../chapters/" + chapter + ".html" +
          (label ? "#" + label : "#:~:text=" + encodeURIComponent(heading));
        return;
      }
      var target = headingTarget(label, heading);
      if (target && target.id) { a.href = "#" + target.id; return; }
      if (target) {
        a.addEventListener("click", function (ev) { ev.preventDefault(); target.scrollIntoView(); });
        return;
      }
      var span = document.createElement("span");
      span.className = "sbq-see-title";
      span.textContent = heading;
      a.replaceWith(span);
    });
  }

  function init(root) {
    if (!root || root.getAttribute("data-sbq-ready")) return;
    root.setAttribute("data-sbq-ready", "1");
    var spec = JSON.parse(root.querySelector("script.sbq-spec").textContent);
    var nojs = root.querySelector(".sbq-nojs");
    if (nojs) nojs.hidden = true;
    var state = load(spec.key) || { v: 1, answers: {}, correct: {} };
    var byId = {};
    spec.questions.forEach(function (q) { byId[q.id] = q; });

    function box(q) { return root.querySelector('.sbq-q[data-qid="' + q.id + '"]'); }

    function currentAnswer(q) {
      var el = box(q);
      if (q.kind === "number") return el.querySelector("input").value;
      var picked = [];
      el.querySelectorAll("input").forEach(function (inp) { if (inp.checked) picked.push(Number(inp.value)); });
      return picked;
    }

    function grade(q, answer) {
      if (q.kind === "number") {
        var x = parseNumber(answer);
        if (isNaN(x)) return null;
        return Math.abs(x - q.answer) <= q.tol + 1e-9 * Math.max(1, Math.abs(q.answer));
      }
      if (!answer.length) return null;
      var want = q.correct.slice().sort().join(","), got = answer.slice().sort().join(",");
      return want === got;
    }

    function show(q, answer, ok) {
      var el = box(q), fb = el.querySelector(".sbq-feedback"), verdict = fb.querySelector(".sbq-verdict");
      el.classList.remove("sbq-right", "sbq-wrong", "sbq-invalid");
      if (ok === null) {
        el.classList.add("sbq-invalid");
        fb.hidden = false;
        verdict.textContent = q.kind === "number" ? "숫자를 입력하세요(예: 32 또는 0.5)." : "보기를 고르세요.";
        fb.querySelectorAll(".sbq-answer, .sbq-explain, .sbq-see").forEach(function (p) { p.hidden = true; });
        return;
      }
      fb.querySelectorAll(".sbq-answer, .sbq-explain, .sbq-see").forEach(function (p) { p.hidden = false; });
      el.classList.add(ok ? "sbq-right" : "sbq-wrong");
      verdict.textContent = ok ? "정답입니다." : (q.kind === "multi" ? "아직 아닙니다. 빠뜨렸거나 더 고른 보기가 있습니다." : "아직 아닙니다.");
      var answerLine = fb.querySelector(".sbq-answer");
      if (answerLine) answerLine.hidden = ok;
      if (q.kind !== "number") {
        el.querySelectorAll("li[data-opt]").forEach(function (li) {
          var i = Number(li.getAttribute("data-opt")), why = li.querySelector(".sbq-why");
          var chosen = answer.indexOf(i) >= 0;
          li.classList.toggle("sbq-chosen-right", chosen && q.correct.indexOf(i) >= 0);
          li.classList.toggle("sbq-chosen-wrong", chosen && q.correct.indexOf(i) < 0);
          if (why) why.hidden = !chosen;
        });
      }
      fb.hidden = false;
    }

    function restore(q, answer) {
      var el = box(q);
      if (q.kind === "number") { el.querySelector("input").value = answer; }
      else el.querySelectorAll("input").forEach(function (inp) { inp.checked = answer.indexOf(Number(inp.value)) >= 0; });
    }

    function summary() {
      var answered = 0, right = 0;
      spec.questions.forEach(function (q) {
        if (q.id in state.correct) { answered++; if (state.correct[q.id]) right++; }
      });
      var total = spec.questions.length, score = root.querySelector(".sbq-score");
      score.textContent = answered === 0 ? "아직 채점한 문항이 없습니다."
        : answered === total ? "다 풀었습니다: " + total + "문항 중 " + right + "문항 정답"
        : total + "문항 중 " + answered + "문항 채점, " + right + "문항 정답";
      return { answered: answered, right: right };
    }

    function persist() {
      var s = summary();
      state.chapter = spec.chapter;
      state.title = state.title || chapterTitle();
      state.total = spec.questions.length;
      state.answered = s.answered;
      state.right = s.right;
      state.updated = Date.now();
      save(spec.key, state);
      try { window.dispatchEvent(new CustomEvent("studybook-quiz-change", { detail: spec.key })); } catch (e) {}
    }

    spec.questions.forEach(function (q) {
      if (q.id in state.answers) {
        restore(q, state.answers[q.id]);
        if (q.id in state.correct) show(q, state.answers[q.id], state.correct[q.id]);
      }
      var el = box(q);
      el.querySelector(".sbq-check").addEventListener("click", function () {
        var answer = currentAnswer(q), ok = grade(q, answer);
        show(q, answer, ok);
        if (ok === null) return;
        state.answers[q.id] = answer;
        state.correct[q.id] = ok;
        persist();
      });
      if (q.kind === "number") {
        el.querySelector("input").addEventListener("keydown", function (ev) {
          if (ev.key === "Enter") { ev.preventDefault(); el.querySelector(".sbq-check").click(); }
        });
      }
    });

    root.querySelector(".sbq-reset").addEventListener("click", function () {
      state = { v: 1, answers: {}, correct: {} };
      var s = storage();
      if (s) s.removeItem(spec.key);
      spec.questions.forEach(function (q) {
        restore(q, q.kind === "number" ? "" : []);
        var el = box(q);
        el.classList.remove("sbq-right", "sbq-wrong", "sbq-invalid");
        el.querySelector(".sbq-feedback").hidden = true;
        el.querySelectorAll("li").forEach(function (li) {
          li.classList.remove("sbq-chosen-right", "sbq-chosen-wrong");
          var why = li.querySelector(".sbq-why");
          if (why) why.hidden = true;
        });
      });
      summary();
      try { window.dispatchEvent(new CustomEvent("studybook-quiz-change", { detail: spec.key })); } catch (e) {}
    });

    // 슬라이드(reveal)에서는 한 번에 한 문항: 슬라이드를 넘치지 않게 이전/다음 단추로 넘긴다
    if (root.closest(".reveal")) {
      var boxes = root.querySelectorAll(".sbq-q"), current = 0;
      var nav = document.createElement("p");
      nav.className = "sbq-pager";
      nav.innerHTML = '<button type="button" class="sbq-prev">◀ 이전 문항</button> ' +
        '<span class="sbq-page" aria-live="polite"></span> <button type="button" class="sbq-next">다음 문항 ▶</button>';
      root.insertBefore(nav, root.querySelector(".sbq-summary"));
      var go = function (i) {
        current = Math.max(0, Math.min(boxes.length - 1, i));
        boxes.forEach(function (b, j) { b.hidden = j !== current; });
        nav.querySelector(".sbq-page").textContent = (current + 1) + " / " + boxes.length;
        nav.querySelector(".sbq-prev").disabled = current === 0;
        nav.querySelector(".sbq-next").disabled = current === boxes.length - 1;
      };
      nav.querySelector(".sbq-prev").addEventListener("click", function () { go(current - 1); });
      nav.querySelector(".sbq-next").addEventListener("click", function () { go(current + 1); });
      go(0);
    }

    fixLinks(root, spec.chapter);
    summary();
    // 수식이 있으면 이미 있는 MathJax로만 조판한다(없으면 불러오지 않는다)
    var mj = window.MathJax;
    try {
      if (mj && mj.typesetPromise) mj.typesetPromise([root]).catch(function () {});
      else if (mj && mj.Hub && mj.Hub.Queue) mj.Hub.Queue(["Typeset", mj.Hub, root]);
    } catch (e) { /* 조판 실패는 채점과 상관없다 */ }
  }

  var here = document.currentScript && document.currentScript.closest(".sb-quiz");
  if (here) init(here);
  document.querySelectorAll(".sb-quiz").forEach(init);
})();
