/* 휴대전화에서 넓은 그림과 표: booktools/sphinxext/phone.py가 모든 페이지에 싣는다.
   - 그림: 본문 폭에 맞추면 글자가 원래 크기의 MIN_SCALE보다 작아지는 그림은 그 비율(그래도 본문 폭
     이상)로 그리고 가로로 미는 상자에 넣는다. 그림을 누르면(상자에 초점이 있으면 Enter·Space) 페이지를
     떠나지 않고 같은 페이지의 창(<dialog>)에 원래 크기로 연다: 캡션과 "닫기" 단추가 함께 있고, Esc나
     휴대전화의 뒤로 가기로도 닫힌다. 페이지를 다시 읽지 않으므로 스크롤 위치와 데모 상태가 그대로 남는다.
   - 표: 본문 폭을 넘는 표의 상자(테마의 pst-scrollable-table-container)에 안내와 키보드 초점을 준다. */
(function () {
  "use strict";
  var MIN_SCALE = 0.6;      // 그림 글자가 원래 크기의 60% 밑으로 줄지 않게
  var PHONE = "(max-width: 600px)";
  var ZOOM_STATE = "studybookZoom";   // 크게 보기 창을 열 때 넣는 history 항목의 표지

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

  // ── 크게 보기 창: 페이지마다 하나를 만들어 두고 그림마다 내용만 바꿔 쓴다 ──────────────
  var zoom = null;

  function zoomDialog() {
    if (zoom) { return zoom; }
    var dialog = document.createElement("dialog");
    dialog.className = "studybook-zoom";
    dialog.setAttribute("aria-label", "그림 크게 보기");
    var bar = document.createElement("div");
    bar.className = "studybook-zoom-bar";
    var title = document.createElement("span");
    title.className = "studybook-zoom-title";
    title.textContent = "원래 크기 · 위아래·옆으로 밀어 보세요";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "studybook-zoom-close";
    close.textContent = "닫기";
    bar.appendChild(title);
    bar.appendChild(close);
    // 그림이 화면보다 크므로 이 상자가 가로·세로로 스크롤한다(키보드로도 밀 수 있게 초점을 받는다)
    var pane = document.createElement("div");
    pane.className = "studybook-zoom-pane";
    pane.setAttribute("tabindex", "0");
    pane.setAttribute("role", "region");
    pane.setAttribute("aria-label", "원래 크기의 그림: 위아래·옆으로 밀어서 보기");
    var img = document.createElement("img");
    img.className = "studybook-zoom-img";
    img.decoding = "async";
    pane.appendChild(img);
    var caption = document.createElement("div");
    caption.className = "studybook-zoom-caption";
    caption.id = "studybook-zoom-caption";
    dialog.setAttribute("aria-describedby", caption.id);
    dialog.appendChild(bar);
    dialog.appendChild(pane);
    dialog.appendChild(caption);
    document.body.appendChild(dialog);

    zoom = {dialog: dialog, img: img, caption: caption, pane: pane, close: close, opener: null};
    close.addEventListener("click", function () { dialog.close(); });
    // 창 바깥(어두운 배경)을 눌러도 닫는다: 배경을 누르면 target이 dialog 자신이다
    dialog.addEventListener("click", function (event) { if (event.target === dialog) { dialog.close(); } });
    // 닫는 길(단추, Esc, 배경, 뒤로 가기)이 어느 것이든 여기로 온다
    dialog.addEventListener("close", function () {
      // 열 때 넣은 history 항목이 아직 남아 있으면(단추·Esc로 닫음) 되돌아가 history를 깨끗이 둔다
      if (history.state && history.state[ZOOM_STATE]) { history.back(); }
      zoom.img.removeAttribute("src");
      var opener = zoom.opener;
      zoom.opener = null;
      if (opener && opener.isConnected) { opener.focus({preventScroll: true}); }
    });
    // 휴대전화의 뒤로 가기: 페이지를 떠나지 않고 창만 닫는다(열 때 넣은 항목이 빠진 뒤이므로 back은 하지 않는다)
    window.addEventListener("popstate", function () { if (dialog.open) { dialog.close(); } });
    return zoom;
  }

  // 그림을 둘러싼 figure의 캡션(수식 조판까지 그대로 복사), 없으면 대체 텍스트
  function fillCaption(target, img) {
    target.textContent = "";
    var figure = img.closest("figure");
    var source = figure && figure.querySelector("figcaption");
    if (source) {
      var copy = source.cloneNode(true);
      copy.querySelectorAll("a.headerlink").forEach(function (a) { a.remove(); });
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      while (copy.firstChild) { target.appendChild(copy.firstChild); }
    }
    if (!target.textContent.trim()) { target.textContent = img.alt || ""; }
    target.hidden = !target.textContent.trim();
  }

  function openZoom(img, opener) {
    var z = zoomDialog();
    if (z.dialog.open) { return; }
    z.img.src = img.currentSrc || img.src;
    z.img.alt = img.alt || "";
    z.img.style.width = img.naturalWidth + "px";   // 원래 크기(CSS 픽셀)
    fillCaption(z.caption, img);
    z.opener = opener;
    // 뒤로 가기가 창을 닫게 history 항목을 하나 넣는다(주소는 그대로). 앞으로 가기로 돌아온 남은 항목이면 다시 쓴다.
    if (!(history.state && history.state[ZOOM_STATE])) {
      var state = {};
      state[ZOOM_STATE] = true;
      history.pushState(state, "");
    }
    z.dialog.showModal();
    z.pane.scrollTop = 0;
    z.pane.scrollLeft = 0;
    // 캡션이 길어 따로 스크롤하면 키보드로도 밀 수 있게 초점을 받는다
    if (z.caption.scrollHeight > z.caption.clientHeight + 1) { z.caption.setAttribute("tabindex", "0"); }
    else { z.caption.removeAttribute("tabindex"); }
    z.close.focus();
  }

  function fitFigure(img) {
    if (!img.naturalWidth || img.closest(".jupyter-widgets, .widget-image, .studybook-hscroll, .dlkit-split")) { return; }
    var column = img.parentElement.getBoundingClientRect().width;
    var wanted = Math.round(img.naturalWidth * MIN_SCALE);
    if (column <= 0 || wanted <= column + 1) { return; }
    // Sphinx가 크기를 정한 그림을 그 PNG로 가는 링크(a.image-reference)에 넣는다: 크게 보기 창이 그 일을 하므로
    // 링크를 걷어 낸다(남겨 두면 누를 때 PNG로 넘어가고, 초점 받는 상자가 링크 안에 들어간다).
    // 다른 곳으로 가는 링크면 링크째 상자에 넣고 누르는 일은 링크에 맡긴다.
    var link = img.closest("a");
    if (link && link.classList.contains("image-reference") && link.href === img.src) {
      link.replaceWith(img);
      link = null;
    }
    var inner = link || img;
    var box = document.createElement("div");
    inner.parentNode.insertBefore(box, inner);
    box.appendChild(inner);
    img.classList.add("studybook-wide-figure");
    img.style.width = wanted + "px";
    if (link) {
      makeScrollBox(box, "넓은 그림: 옆으로 밀어서 보기");
      hint(box, "↔ 넓은 그림입니다. 옆으로 밀어 보세요.");
      return;
    }
    makeScrollBox(box, "넓은 그림: 옆으로 밀어서 보거나, 눌러서(Enter) 크게 보기");
    img.addEventListener("click", function () { openZoom(img, box); });
    box.addEventListener("keydown", function (event) {
      if (event.target !== box || event.altKey || event.ctrlKey || event.metaKey) { return; }
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();   // Space가 페이지를 내리지 않게
        openZoom(img, box);
      }
    });
    hint(box, "↔ 넓은 그림입니다. 옆으로 밀어 보거나 눌러서 크게 보세요.");
  }

  // 화면보다 긴 표: 안내·상자·아래 안내를 한 틀에 넣어, 아래 안내가 표가 화면에 있는 동안만 화면 아래에 붙게 한다
  function stickyHint(box) {
    if (box.parentElement.classList.contains("studybook-tall-table")) { return; }
    if (box.getBoundingClientRect().height <= window.innerHeight) { return; }
    var top = box.previousElementSibling;
    var frame = document.createElement("div");
    frame.className = "studybook-tall-table";
    box.parentNode.insertBefore(frame, top);
    frame.appendChild(top);
    frame.appendChild(box);
    var below = document.createElement("span");
    below.className = "studybook-hscroll-hint studybook-hscroll-hint-sticky";
    below.setAttribute("aria-hidden", "true");   // 위 안내와 같은 말: 화면 낭독기에는 한 번만
    below.textContent = "↔ 표를 옆으로 밀어 나머지 칸을 보세요.";
    frame.appendChild(below);
  }

  function markTables() {
    document.querySelectorAll(".bd-article .pst-scrollable-table-container").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        makeScrollBox(box, "넓은 표: 옆으로 밀어서 보기");
        hint(box, "↔ 표가 화면보다 넓습니다. 표를 옆으로 밀어 보세요.");
        stickyHint(box);
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
