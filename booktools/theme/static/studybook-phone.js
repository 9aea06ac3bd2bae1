/* 휴대전화에서 넓은 그림과 표: booktools/sphinxext/phone.py가 모든 페이지에 싣는다.
   - 그림: 본문 폭에 맞추면 글자가 원래 크기의 MIN_SCALE보다 작아지는 그림은 그 비율(그래도 본문 폭
     이상)로 그리고 가로로 미는 상자에 넣는다. 그림을 누르면 원래 크기로 연다.
   - 표: 본문 폭을 넘는 표의 상자(테마의 pst-scrollable-table-container)에 안내와 키보드 초점을 준다. */
(function () {
  "use strict";
  var MIN_SCALE = 0.6;      // 그림 글자가 원래 크기의 60% 밑으로 줄지 않게
  var PHONE = "(max-width: 600px)";

  function hint(box, text) {
    var prev = box.previousElementSibling;
    if (prev && prev.classList.contains("studybook-hscroll-hint")) { return; }
    var p = document.createElement("span");
    p.className = "studybook-hscroll-hint";
    p.textContent = text;
    box.parentNode.insertBefore(p, box);
  }

  function makeScrollBox(box, label) {
    box.classList.add("studybook-hscroll");
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", label);
  }

  function fitFigure(img) {
    if (!img.naturalWidth || img.closest(".jupyter-widgets, .widget-image, .studybook-hscroll, .dlkit-split")) { return; }
    var column = img.parentElement.getBoundingClientRect().width;
    var wanted = Math.round(img.naturalWidth * MIN_SCALE);
    if (column <= 0 || wanted <= column + 1) { return; }
    var box = document.createElement("div");
    img.parentNode.insertBefore(box, img);
    box.appendChild(img);
    makeScrollBox(box, "넓은 그림: 옆으로 밀어서 보기");
    img.classList.add("studybook-wide-figure");
    img.style.width = wanted + "px";
    img.addEventListener("click", function () { window.location.href = img.currentSrc || img.src; });
    hint(box, "↔ 넓은 그림입니다. 옆으로 밀어 보거나 눌러서 원래 크기로 보세요.");
  }

  function markTables() {
    document.querySelectorAll(".bd-article .pst-scrollable-table-container").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        makeScrollBox(box, "넓은 표: 옆으로 밀어서 보기");
        hint(box, "↔ 표가 화면보다 넓습니다. 표를 옆으로 밀어 보세요.");
      }
    });
  }

  function run() {
    if (!window.matchMedia(PHONE).matches) { return; }
    document.querySelectorAll(".bd-article img").forEach(function (img) {
      if (img.complete) { fitFigure(img); } else { img.addEventListener("load", function () { fitFigure(img); }); }
    });
    markTables();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
  window.addEventListener("load", markTables);   // 수식 조판이 끝나면 표 폭이 달라진다
})();
