/* dlkit 정적 데모: 조절기 → 미리 그린 프레임(커널 없이). dlkit/widgets/_static.py가 HTML과 함께 싣는다.
   데모마다 이 스크립트가 한 번씩 실리므로, 아직 준비되지 않은 데모만 찾아 준비한다(여러 번 돌아도 안전).
   처음 프레임은 <img loading="lazy">라 데모가 화면 가까이 올 때 받는다. 이웃 프레임은 독자가 데모에 손을 대면
   (초점, 누르기, 조절기 변경) 미리 받는다: 읽기만 하는 첫 방문에는 프레임을 더 받지 않는다. */
(function () {
  "use strict";
  function setup(root) {
    root.dataset.ready = "1";
    var data = JSON.parse(root.querySelector("script.dlkit-demo-data").textContent);
    var shape = data.shape, n = shape.length;
    var stride = [], s = 1;
    for (var i = n - 1; i >= 0; i--) { stride[i] = s; s *= shape[i]; }
    var index = data.initial.slice();
    var img = root.querySelector("img.dlkit-frame");
    var caption = root.querySelector(".dlkit-caption");
    var explain = root.querySelector(".dlkit-preset-explain");
    var questions = root.querySelectorAll(".dlkit-question");
    var wanted = -1, fetched = {};
    var copies = [];                       // 휴대전화에서 둘째 칸부터 보이는 같은 프레임(split)

    // 칸이 둘 이상인 프레임: 칸마다 상자를 만들어 같은 그림을 잘라 보인다. 넓은 화면에서는 첫 상자가 그림
    // 전체를 보이고 나머지는 숨는다. 휴대전화 폭(demo.css의 600 px)에서는 상자마다 제 칸만 본문 폭으로 보여
    // 위아래로 쌓인다. 덱(reveal.js)은 한 화면에 그림 전체를 두므로 나누지 않는다.
    function split(panels) {
      var view = caption.parentNode, W = data.size[0], H = data.size[1];
      // 이미 나눈 그림(준비된 데모를 복사한 HTML 등)이면 칸 상자를 걷어 내고 처음부터 나눈다
      view.querySelectorAll(".dlkit-panel").forEach(function (box) {
        if (box.contains(img)) view.insertBefore(img, caption);
        box.remove();
      });
      view.classList.add("dlkit-split");
      panels.forEach(function (p, j) {
        var box = document.createElement("div"), pw = p[1] - p[0];
        box.className = "dlkit-panel";
        box.style.setProperty("--dlkit-panel-ratio", pw + " / " + H);
        box.style.setProperty("--dlkit-panel-width", (100 * W / pw) + "%");
        box.style.setProperty("--dlkit-panel-shift", (-100 * p[0] / pw) + "%");
        var im = img;
        if (j > 0) {
          im = img.cloneNode(false);
          im.className = "dlkit-panel-copy";
          im.removeAttribute("id");
          im.alt = "";
          im.setAttribute("aria-hidden", "true");
          copies.push(im);
        }
        view.insertBefore(box, caption);
        box.appendChild(im);
      });
    }
    function setSrc(url) {
      img.src = url;
      copies.forEach(function (c) { c.src = url; });
    }
    if (data.panels && data.panels.length > 1 && data.size && !root.closest(".reveal")) split(data.panels);

    function number(idx) { var k = 0; for (var i = 0; i < n; i++) k += idx[i] * stride[i]; return k; }
    function fetchFrame(k) {
      if (fetched[k]) return fetched[k];
      var im = new Image();
      im.src = data.frames[k];
      fetched[k] = (im.decode ? im.decode() : Promise.resolve()).then(function () { return im; },
                                                                      function () { return im; });
      return fetched[k];
    }
    function prefetchNeighbours() {
      for (var i = 0; i < n; i++) {
        [-1, 1].forEach(function (d) {
          var j = index[i] + d;
          if (j >= 0 && j < shape[i]) { var idx = index.slice(); idx[i] = j; fetchFrame(number(idx)); }
        });
      }
    }
    function syncControls() {
      root.querySelectorAll("input[data-axis]").forEach(function (el) {
        var a = +el.dataset.axis;
        if (el.type === "range") {
          el.value = index[a];
          el.setAttribute("aria-valuetext", data.labels[a][index[a]]);
          var out = el.parentNode.querySelector("output");
          if (out) out.textContent = data.labels[a][index[a]];
        } else {
          el.checked = (+el.value === index[a]);
        }
      });
    }
    function show() {
      var k = number(index);
      wanted = k;
      root.dataset.frame = k;
      syncControls();
      fetchFrame(k).then(function () {
        if (wanted !== k) return;          // 그 사이 다른 값으로 옮겨 갔다
        setSrc(data.frames[k]);
        img.alt = data.alts[k];
        caption.innerHTML = data.captions[k];
        root.dataset.shown = k;            // 그림과 설명이 함께 바뀌었다(테스트가 기다린다)
        warmed = true;
        prefetchNeighbours();
      });
      data.reached.forEach(function (frames, q) {
        if (frames.indexOf(k) >= 0 && questions[q]) {
          questions[q].querySelector(".dlkit-answer").hidden = false;
          questions[q].classList.add("dlkit-solved");
        }
      });
    }
    root.addEventListener("input", function (ev) {
      var el = ev.target;
      if (!el.dataset || el.dataset.axis === undefined) return;
      index[+el.dataset.axis] = +el.value;
      if (explain) explain.textContent = "";
      show();
    });
    root.querySelectorAll("button[data-preset]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var p = data.presets[+btn.dataset.preset];
        for (var i = 0; i < n; i++) if (p[i] !== null) index[i] = p[i];
        if (explain) explain.textContent = btn.dataset.explain || "";
        show();
      });
    });
    // 처음 프레임: HTML의 <img>가 (화면 가까이 오면) 받는다. 다 받으면 보이는 중이라고 적는다.
    // 조절기는 처음 값으로 맞춘다(브라우저가 새로 고침·뒤로 가기에서 예전 값을 되살려도 그림과 어긋나지 않게).
    var k0 = number(index);
    root.dataset.frame = k0;
    syncControls();
    var firstSrc = img.src;
    fetched[k0] = new Promise(function (resolve) {
      function retry() {
        // 처음 프레임을 받지 못했다: 한 번 더 받아 보고, 독자가 아직 옮기지 않았으면 그 그림을 보인다
        // (그러지 않으면 처음 값으로 되돌아왔을 때 그림과 설명이 조절기와 어긋난 채 남았다)
        delete fetched[k0];
        resolve(fetchFrame(k0).then(function (im) { if (wanted === -1) setSrc(data.frames[k0]); return im; }));
      }
      // 이미 끝났으면(받았거나 받다 실패했다) load·error 사건은 다시 오지 않는다
      if (img.complete) { if (img.naturalWidth) resolve(img); else retry(); return; }
      function done(ev) {
        if (img.src === firstSrc) { if (ev.type === "error") retry(); else resolve(img); return; }
        // 처음 프레임을 다 받기 전에 독자가 다른 프레임으로 옮겼다: 이 사건은 그 프레임의 것이다.
        // 처음 프레임은 따로 받는다(되돌아왔을 때 그림보다 설명이 먼저 바뀌지 않게).
        delete fetched[k0];
        resolve(fetchFrame(k0));
      }
      img.addEventListener("load", done, {once: true});
      img.addEventListener("error", done, {once: true});
    });
    fetched[k0].then(function () { if (wanted === -1) root.dataset.shown = k0; });
    // 이웃 프레임은 독자가 데모에 손을 댈 때(초점, 누르기) 미리 받는다: 지나가며 읽기만 하면 받지 않는다.
    var warmed = false;
    function warm() { if (!warmed) { warmed = true; prefetchNeighbours(); } }
    root.addEventListener("focusin", warm);
    root.addEventListener("pointerdown", warm);
  }
  document.querySelectorAll(".dlkit-demo[data-dlkit-demo]:not([data-ready])").forEach(setup);
})();
