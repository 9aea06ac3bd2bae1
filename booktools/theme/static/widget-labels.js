// ipywidgets 8의 슬라이더 손잡이(noUiSlider의 role="slider" div)에는 접근 가능한 이름이 없다.
// 화면에 보이는 설명(description) 글자를 aria-label로 붙여, 화면 낭독기가 "편향 b (성격), 슬라이더"처럼 읽게 한다.
(function () {
  function label(root) {
    root.querySelectorAll('.noUi-handle[role="slider"]:not([aria-label])').forEach(function (handle) {
      var box = handle.closest('.widget-slider, .widget-hslider, .widget-vslider, .jupyter-widgets');
      var text = box && box.querySelector('.widget-label');
      var name = text && text.textContent.trim();
      handle.setAttribute('aria-label', name || '슬라이더');
    });
  }
  function start() {
    label(document);
    new MutationObserver(function () { label(document); })
      .observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
