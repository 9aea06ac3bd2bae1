/* 검색어 정리(검색 페이지와 테스트가 같이 쓴다): window.StudybookSearch.normalize(검색어).
   booktools/search.py가 아래 자리에 표(다른 표기·띄어쓰기 → 책의 용어, 조사 목록)를 넣어
   _build/html/pagefind/studybook-search.js로 쓴다. 이 파일을 그대로 페이지에 싣지 않는다.

   Pagefind는 낱말의 앞부분을 맞춘다: 검색어 '편향'은 본문의 '편향은', '편향을'을 찾지만
   검색어 '편향의'는 본문에 '편향의'가 있는 페이지만 찾는다. 그래서 검색어 쪽에서
   1) 낱말 끝의 조사를 떼고(편향의 → 편향, ReLU는 → ReLU),
   2) 다른 표기를 책의 용어로 바꾸고(에폭 → 에포크, 배치 사이즈 → 배치 크기),
   3) 띄어쓰기를 책이 쓰는 꼴로 맞춘다(미니 배치 → 미니배치, 경사하강법 → 경사 하강법). */
(function () {
  "use strict";
  var DATA = /*STUDYBOOK_DATA*/;
  var HANGUL = /[\uac00-\ud7a3]/;
  // 한 글자짜리 한글 낱말 중 조사를 떼어도 되는 것(값이 → 값). 그 밖의 한 글자는 남긴다:
  // '평가'의 '가', '결과'의 '과', '정의'의 '의'를 조사로 잘못 떼지 않도록.
  var ONE_SYLLABLE = "값층식합점축곱항양해답선면열행수";

  function stripParticle(word) {
    if (DATA.forms[word]) { return word; }
    for (var i = 0; i < DATA.particles.length; i++) {
      var p = DATA.particles[i];
      if (word.length <= p.length || word.slice(-p.length) !== p) { continue; }
      var stem = word.slice(0, -p.length);
      if (!HANGUL.test(stem)) { return stem; }              // ReLU의, Adam과, drop_last를
      var syllables = stem.replace(/[^\uac00-\ud7a3]/g, "").length;
      if (syllables >= 2 || ONE_SYLLABLE.indexOf(stem) >= 0) { return stem; }
      return word;
    }
    return word;
  }

  function normalize(query) {
    var words = String(query || "").normalize("NFC").trim().split(/\s+/).filter(Boolean).map(stripParticle);
    var out = [];
    for (var i = 0; i < words.length;) {
      var done = false;
      for (var n = Math.min(4, words.length - i); n >= 1 && !done; n--) {
        var phrase = words.slice(i, i + n).join(" ");
        var key = DATA.forms[phrase] !== undefined ? phrase : phrase.toLowerCase();
        if (DATA.forms[key] !== undefined) {
          out.push(DATA.forms[key]);
          i += n;
          done = true;
        }
      }
      if (!done) { out.push(words[i]); i += 1; }
    }
    return out.join(" ");
  }

  // ── 장 안에서 어느 절을 열까(search.html이 결과마다 부른다) ──────────────────
  // Pagefind는 한 페이지의 결과를 절(sub_result: 제목 하나와 그 아래 글)로 나눠 준다. 절마다 아래 열쇠를
  // 만들어 앞 칸부터 비교한다. 무게를 손으로 맞추지 않는다(한 검색어에 맞춘 무게는 다른 검색어를 뒤집는다).
  //   1) 제목에 검색어의 낱말이 모두 든 절. 제목이 그 용어를 부르는 절이 그 용어를 가르친다(가장 강한 신호).
  //   2) 검색어의 낱말이 모두 나오는, 가르치는 절. 복습 절(정리·연습 문제 …: DATA.review, booktools/search.py의
  //      표)과 장 맨 위(장 소개와 목표: 그 장의 용어를 미리 늘어놓는다)는 가르치는 절이 없을 때의 대안이다.
  //      장 맨 위는 장 제목에 검색어가 들 때(2. 편향, 6. 에포크, 배치 크기, 반복)만 1)로 앞선다.
  //   3) 검색어의 낱말 중 몇 개가 나오는가(낱말 전부가, 한 낱말을 여러 번보다 앞선다).
  //   4) 제목이 검색어를 담은 절끼리는 바깥 절(장 제목 > 절 > 작은 절: 바깥 절이 안쪽 절을 품는다), 그다음
  //      앞의 절(책은 용어를 처음 제목에 올린 곳에서 가르치고, 뒤의 절은 그것을 쓴다).
  //   5) 검색어가 통째로(낱말이 차례대로 이어서) 나온 횟수. 낱말이 하나면 그 낱말이 나온 횟수.
  //   6) 그래도 같으면 Pagefind의 점수(맞은 자리 무게의 합).
  var NUMBER = /^[\d.]+\s*/;               // 제목 앞의 절 번호("3.8. ")
  var WORD_CHAR = /[\p{L}\p{N}]/u;

  // 본문 낱말 ``word``가 검색어 낱말 ``term``(소문자)으로 시작하는 부분을 갖는가. Pagefind처럼 낱말의
  // 앞부분을 맞추되, 문장 부호 뒤에서 시작하는 부분도 본다('(계단' → 계단, 'dk.relu_grad도' → relu).
  function wordHas(word, term) {
    var w = String(word || "").normalize("NFC").toLowerCase();
    for (var at = w.indexOf(term); at >= 0; at = w.indexOf(term, at + 1)) {
      if (at === 0 || !WORD_CHAR.test(w.charAt(at - 1))) { return true; }
    }
    return false;
  }

  function isReview(title) {
    return DATA.review.indexOf(String(title || "").normalize("NFC").replace(NUMBER, "").trim()) >= 0;
  }

  // 페이지의 낱말 목록: Pagefind가 자리(location)를 세는 방식 그대로(발췌를 만들 때와 같다).
  function pageWords(fragment) {
    var raw = fragment.raw_content || fragment.content || "";
    return raw.indexOf("\u200B") >= 0 ? raw.split("\u200B") : String(fragment.content || "").split(/[\r\n\s]+/g);
  }

  // 절 하나의 순위 열쇠(배열, 앞 칸이 먼저). ``terms``: 정리한 검색어의 낱말들(소문자).
  function sectionKey(sub, words, terms) {
    var spots = terms.map(function () { return {}; });
    (sub.weighted_locations || []).forEach(function (loc) {
      terms.forEach(function (t, k) { if (wordHas(words[loc.location], t)) { spots[k][loc.location] = true; } });
    });
    var covered = spots.filter(function (s) { return Object.keys(s).length > 0; }).length;
    var whole = Object.keys(spots[0] || {}).filter(function (at) {
      return spots.every(function (s, k) { return s[Number(at) + k]; });
    }).length;
    var titleWords = String(sub.title || "").split(/\s+/);
    var named = terms.every(function (t) { return titleWords.some(function (w) { return wordHas(w, t); }); });
    var level = sub.anchor ? Number(String(sub.anchor.element).slice(1)) || 6 : 1;
    var top = level === 1;
    var teaching = !isReview(sub.title) && (!top || named);
    var score = (sub.weighted_locations || []).reduce(function (s, loc) { return s + (loc.balanced_score || loc.weight || 1); }, 0);
    var at = sub.anchor ? sub.anchor.location : 0;
    return [named ? 1 : 0, teaching && covered === terms.length ? 1 : 0, covered, named ? -level : 0,
            named ? -at : 0, whole, score];
  }

  function compareKeys(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return b[i] - a[i]; } }
    return 0;
  }

  // 결과 ``fragment``(Pagefind의 result.data())의 절을, 검색어 ``term``(정리한 것)을 가르치는 절부터 늘어놓는다:
  // [{sub, key}, …]. 열쇠가 같으면 페이지에 나오는 차례를 지킨다(Array.prototype.sort는 안정 정렬).
  function rankSections(fragment, term) {
    var terms = String(term || "").normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean);
    var words = pageWords(fragment);
    return (fragment.sub_results || []).map(function (sub) { return {sub: sub, key: sectionKey(sub, words, terms)}; })
      .sort(function (a, b) { return compareKeys(a.key, b.key); });
  }

  window.StudybookSearch = { normalize: normalize, stripParticle: stripParticle, rankSections: rankSections, data: DATA };
})();
