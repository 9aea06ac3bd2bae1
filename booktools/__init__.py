"""책을 만드는 도구 한 벌(이 저장소 전용, Colab 설치본에는 들어가지 않는다): `python -m booktools …`.

읽는 순서(import는 위에서 아래로만 흐른다):

- 명사(한 곳에서만 정의): :mod:`booktools.chapters`(목차 → 장, 셀 규칙), :mod:`booktools.settings`
  (빌드 설정), :mod:`booktools.browser`(Chromium 실행과 로컬 서버), :mod:`booktools.vendor`(함께 올리는 자산).
- 단계(인자를 받는 함수): :mod:`booktools.cache`(실행 캐시 무효화) → :mod:`booktools.execute`(장 실행)
  → :mod:`booktools.sphinx_stage`(Sphinx) → :mod:`booktools.slides`(덱·유인물) → :mod:`booktools.search`
  (검색 색인). :mod:`booktools.build`가 이 순서로 부르고, 실패하면 :mod:`booktools.failures`가 실패마다
  한국어 요약(파일, 셀·줄, 고칠 것)을 영어 원문보다 먼저 찍는다. :mod:`booktools.notebooks`는 Colab/Binder 노트북.
- Sphinx 확장: :mod:`booktools.sphinxext`(한 ``setup()``이 기능 모듈을 순서대로 등록).
- 사이트의 모습: ``booktools/theme/``(템플릿, 정적 CSS/JS, 한국어 메시지, 슬라이드 템플릿).

import만으로는 아무 일도 일어나지 않는다(부작용 없음).
"""
