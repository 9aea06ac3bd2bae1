#!/usr/bin/env bash
# 관리자 전용: _vendor/ 의 자바스크립트·CSS·글꼴을 npm 레지스트리에서 다시 받아 채운다.
#
# 빌드 단계가 아니다. 책 빌드와 CI는 저장소에 커밋된 _vendor/ 만 쓴다(네트워크 없음).
# 버전을 올릴 때만 이 스크립트의 버전 변수를 고치고 실행한 뒤, 바뀐 파일과
# _vendor/MANIFEST.md(버전·크기)를 함께 검토해 커밋한다.
#
#   bash booktools/vendor_refresh.sh          # 저장소 루트 기준 _vendor/ 를 새로 만든다
#
# 필요한 것: npm(레지스트리 접근), tar, sha256sum. 임시 폴더에 `npm pack`으로 받은
# 패키지를 풀고, 책이 실제로 불러오는 파일만 복사한다.
set -euo pipefail

MATHJAX=mathjax@3.2.2
REQUIREJS=requirejs@2.3.8
HTML_MANAGER=@jupyter-widgets/html-manager@1.0.15   # ipywidgets 8.1.x (controls 5.0.x, base 6.0.x)
FONTAWESOME=@fortawesome/fontawesome-free@5.15.4    # html-manager에 묶인 버전: 라이선스 파일만 쓴다
REVEAL=reveal.js@4.6.1
JQUERY=jquery@3.7.1
MATHFONT=@fontsource/noto-sans-math@5.3.0          # 사이트의 MathML 글꼴(booktools/sphinxext/mathml.py)

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/_vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

fetch() {  # fetch SPEC NAME → $TMP/NAME/package
    local spec=$1 name=$2
    mkdir -p "$TMP/$name"
    (cd "$TMP" && npm pack --silent "$spec" >"$TMP/$name.tgzname")
    tar -xzf "$TMP/$(cat "$TMP/$name.tgzname")" -C "$TMP/$name"
    echo "[vendor] $spec  sha256 $(sha256sum "$TMP/$(cat "$TMP/$name.tgzname")" | cut -c1-16)…"
}

put() {  # put SRC DST: 파일 하나 복사(폴더 생성)
    mkdir -p "$(dirname "$DEST/$2")"
    cp "$1" "$DEST/$2"
}

fetch "$MATHJAX" mathjax
fetch "$REQUIREJS" requirejs
fetch "$HTML_MANAGER" html-manager
fetch "$FONTAWESOME" fontawesome
fetch "$REVEAL" reveal
fetch "$JQUERY" jquery
fetch "$MATHFONT" mathfont

# MANIFEST.md 는 손으로 관리하므로 보존하고, 나머지는 지우고 다시 채운다.
manifest=""
[ -f "$DEST/MANIFEST.md" ] && manifest="$(cat "$DEST/MANIFEST.md")"
rm -rf "$DEST"
mkdir -p "$DEST"
[ -n "$manifest" ] && printf '%s\n' "$manifest" >"$DEST/MANIFEST.md"

# --- MathJax 3: 결합 컴포넌트 + CHTML 글꼴 + 자동 로드되는 TeX 확장 -------------------
M="$TMP/mathjax/package/es5"
put "$M/tex-mml-chtml.js" mathjax/tex-mml-chtml.js
for f in "$M"/output/chtml/fonts/woff-v2/*.woff; do
    put "$f" "mathjax/output/chtml/fonts/woff-v2/$(basename "$f")"
done
# \boldsymbol, \cancel, \color 등은 처음 쓰일 때 [tex]/extensions/*.js 를 따로 불러온다.
for f in "$M"/input/tex/extensions/*.js; do
    [ "$(basename "$f")" = all-packages.js ] && continue   # 결합본: 쓰지 않는다
    put "$f" "mathjax/input/tex/extensions/$(basename "$f")"
done
put "$TMP/mathjax/package/LICENSE" mathjax/LICENSE

# --- RequireJS: npm 패키지에는 require.min.js 가 없어 require.js(비압축)를 쓴다 -------------
put "$TMP/requirejs/package/require.js" requirejs/require.js
# 패키지에 라이선스 파일이 없다: 파일 머리말(MIT)과 저장소의 라이선스를 적어 둔다.
cat >"$DEST/requirejs/LICENSE" <<'EOF'
RequireJS 2.3.8 (npm package "requirejs")
Copyright jQuery Foundation and other contributors.
Released under the MIT license (https://github.com/requirejs/requirejs/blob/master/LICENSE).

MIT License
-----------

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
EOF

# --- @jupyter-widgets/html-manager: AMD 묶음 + 실제로 불러오는 아이콘 글꼴(woff2) ---------
H="$TMP/html-manager/package/dist"
put "$H/embed-amd.js" jupyter-widgets/embed-amd.js
for f in "$H"/*.woff2; do            # Font Awesome 5 (solid/regular/brands)
    put "$f" "jupyter-widgets/$(basename "$f")"
done
put "$H/embed.js.LICENSE.txt" jupyter-widgets/THIRD-PARTY-NOTICES.txt
put "$TMP/fontawesome/package/LICENSE.txt" jupyter-widgets/LICENSE-fontawesome.txt
# html-manager 패키지에는 LICENSE 파일이 없다(package.json: BSD-3-Clause).
# ipywidgets와 같은 저장소·같은 라이선스이므로 그 본문을 쓴다.
cat >"$DEST/jupyter-widgets/LICENSE" <<'EOF'
@jupyter-widgets/html-manager (https://github.com/jupyter-widgets/ipywidgets)
BSD 3-Clause License

Copyright (c) 2015 Project Jupyter Contributors
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
EOF

# --- reveal.js 4.6.1 (슬라이드): nbconvert reveal 템플릿이 부르는 파일 + white 테마 글꼴 ----
R="$TMP/reveal/package"
put "$R/dist/reveal.js" reveal.js/dist/reveal.js
put "$R/dist/reveal.css" reveal.js/dist/reveal.css
put "$R/dist/theme/white.css" reveal.js/dist/theme/white.css
S="$R/dist/theme/fonts/source-sans-pro"
put "$S/source-sans-pro.css" reveal.js/dist/theme/fonts/source-sans-pro/source-sans-pro.css
put "$S/LICENSE" reveal.js/dist/theme/fonts/source-sans-pro/LICENSE
for f in "$S"/*.woff; do
    put "$f" "reveal.js/dist/theme/fonts/source-sans-pro/$(basename "$f")"
done
put "$R/plugin/notes/notes.js" reveal.js/plugin/notes/notes.js
put "$R/plugin/math/math.js" reveal.js/plugin/math/math.js
put "$R/LICENSE" reveal.js/LICENSE

# --- jQuery 3.7.1 (슬라이드 템플릿용) -------------------------------------------------
put "$TMP/jquery/package/dist/jquery.min.js" jquery/jquery.min.js
put "$TMP/jquery/package/LICENSE.txt" jquery/LICENSE.txt

# --- Noto Sans Math: 'latin' 이름이지만 글리프 3033개와 MATH 표를 다 담은 글꼴 --------
# woff2가 아니라 woff: 빌드가 fontTools로 사이트에 쓰인 글자만 남길 때(booktools/sphinxext/mathml.py) woff2를
# 읽으려면 brotli가 더 필요하다. 원본은 저장소에만 있고 사이트에는 부분 글꼴만 올라간다.
put "$TMP/mathfont/package/files/noto-sans-math-latin-400-normal.woff" noto-sans-math/noto-sans-math.woff
put "$TMP/mathfont/package/LICENSE" noto-sans-math/LICENSE

echo "[vendor] 완료: $DEST"
(cd "$DEST" && du -sh -- * | sed 's/^/[vendor]   /')
echo "[vendor] 합계: $(du -sh "$DEST" | cut -f1)  (MANIFEST.md 의 크기 표를 맞춰 고칠 것)"

