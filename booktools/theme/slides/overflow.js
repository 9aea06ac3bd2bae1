// 덱의 모든 슬라이드를 한 장씩 띄워 내용이 슬라이드 영역을 넘치는지 잰다.
// page.evaluate(이 파일의 글)로 부른다(booktools/slides.py --check, tests/site/test_slides.py).
// reveal의 <section> 크기가 아니라 그 안 요소들의 실제 상자(getBoundingClientRect)를
// reveal이 축소해 그린 슬라이드 영역(.reveal .slides)과 창(viewport)에 견준다.
// 스크롤/잘림 상자(pre 등)는 scrollWidth/scrollHeight로 잘린 내용을 찾는다.
// 결과: 넘치는 슬라이드마다 {number, h, v, detail, cells: [셀 id...], overflowPx}.
async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  Reveal.configure({ transition: 'none', backgroundTransition: 'none' });
  const problems = [];
  const slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    const slide = slides[i];
    const idx = Reveal.getIndices(slide);
    const fragments = slide.querySelectorAll('.fragment');
    Reveal.slide(idx.h, idx.v, fragments.length ? fragments.length - 1 : undefined);
    await frame();
    const area = document.querySelector('.reveal .slides').getBoundingClientRect();
    const limit = {
      left: Math.max(0, area.left) - 1,
      top: Math.max(0, area.top) - 1,
      right: Math.min(window.innerWidth, area.right) + 1,
      bottom: Math.min(window.innerHeight, area.bottom) + 1,
    };
    const bad = new Map();  // 셀 id → {사유: 최대 px}
    const note = (id, reason, px) => {
      const reasons = bad.get(id) || {};
      reasons[reason] = Math.max(reasons[reason] || 0, Math.round(px));
      bad.set(id, reasons);
    };
    let worst = 0;
    for (const el of slide.querySelectorAll('*')) {
      if (el.closest('aside.notes') || el.closest('mjx-assistive-mml')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none') continue;
      const cell = el.closest('.jp-Cell');
      if (!cell && el.querySelector('.jp-Cell')) continue;  // 조각(fragment) 틀: 안의 셀을 잰다
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const id = cell && cell.id ? cell.id.replace(/^cell-id=/, '') : '?';
      const sides = {
        '아래로 넘침': rect.bottom - limit.bottom,
        '오른쪽으로 넘침': rect.right - limit.right,
        '왼쪽으로 넘침': limit.left - rect.left,
        '위로 넘침': limit.top - rect.top,
      };
      for (const [reason, px] of Object.entries(sides)) {
        if (px > 0) { note(id, reason, px); worst = Math.max(worst, px); }
      }
      // 스크롤/잘림 상자 안에서 잘린 내용(긴 코드 줄 등). MathJax의 보조 MML은 빼고 잰다.
      if (/(auto|scroll|hidden)/.test(style.overflowX) && el.clientWidth > 0) {
        let right = rect.left + el.clientLeft + el.clientWidth;
        let extent = el.tagName === 'PRE' ? rect.left + el.clientLeft + el.scrollWidth : 0;
        if (el.tagName !== 'PRE') {
          for (const child of el.querySelectorAll('*')) {
            if (child.closest('mjx-assistive-mml')) continue;
            const r = child.getBoundingClientRect();
            if (r.width) extent = Math.max(extent, r.right);
          }
        }
        const px = extent - right;
        if (px > 2) { note(id, '가로로 잘림(긴 줄)', px); worst = Math.max(worst, px); }
      }
    }
    if (bad.size) {
      problems.push({
        number: i + 1, h: idx.h, v: idx.v || 0, overflowPx: Math.round(worst),
        detail: [...bad.entries()].map(([id, reasons]) =>
          `${id}: ` + Object.entries(reasons).map(([r, px]) => `${r} ${px}px`).join(', ')).join('; '),
        cells: [...bad.keys()],
      });
    }
  }
  Reveal.slide(0, 0);
  return problems;
}
