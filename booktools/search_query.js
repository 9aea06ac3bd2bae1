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

  window.StudybookSearch = { normalize: normalize, stripParticle: stripParticle, data: DATA };
})();
