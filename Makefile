# 딥러닝 기초 스터디 북: 새 기계에서 `make book`, `make test` 두 명령이면 된다.
# 필요한 것: Python 3.11, make, pip. 가상환경(.venv)은 처음 실행할 때 만든다.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
# 고정 목록(requirements*.txt)은 의존성까지 다 적은 완전한 목록이다: 의존성 풀이(--no-deps)와 설치 때의 .pyc 미리
# 만들기(--no-compile, import할 때 만든다)를 건너뛰어 새 기계의 설치가 약 79초에서 약 26초로 준다(이 기계, pip 캐시 있음).
PIN_INSTALL := $(PIP) --no-deps --no-compile -r
# 설치 표시(stamp)는 묶음마다 하나: 책(requirements.txt, make book)과 테스트(requirements-test.txt = 책 + 테스트
# 도구, make test·bench·CI). make book은 테스트 도구를 설치하지 않는다.
BOOK_STAMP := $(VENV)/.installed-book
TEST_STAMP := $(VENV)/.installed-test
STAMP := $(TEST_STAMP)

# 이 기계(CI도 같은 이미지)는 PYTHONDONTWRITEBYTECODE=1을 둔다. 그러면 .pyc가 한 번도 남지 않아, 커널·Sphinx·테스트의
# Python 프로세스마다 torch·matplotlib·Sphinx의 소스를 처음부터 다시 컴파일한다(이 기계에서 import torch,
# torch._dynamo(torch.optim이 부른다), matplotlib, dlkit: .pyc 없이 약 10초, 있으면 약 3.5초). make가 부르는 명령에서는
# 이 변수를 지운다: 처음 import한 프로세스가 만든 .pyc(.venv와 책 폴더의 __pycache__, git이 무시)를 다음 프로세스가 쓴다.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: book test bench serve clean notebooks venv

$(BOOK_STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIN_INSTALL) requirements.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(TEST_STAMP): $(BOOK_STAMP) requirements-test.txt
	$(PIN_INSTALL) requirements-test.txt
	touch $@

# 책과 테스트 묶음 전부(.ci/install이 부른다)
venv: $(TEST_STAMP)

# 발행: make book BOOK_ARGS="--publish --repository-url https://github.com/ORG/REPO --branch main"
BOOK_ARGS ?=
book: $(BOOK_STAMP)
	$(PY) -m booktools build $(BOOK_ARGS)

# 테스트는 파일 단위로 일꾼 TEST_WORKERS개에 나눠 돌린다(pytest-xdist; 빌드된 책 하나를 함께 쓴다: tests/conftest.py).
# 하나씩 돌리려면 make test TEST_WORKERS=0
TEST_WORKERS ?= 2
test: $(TEST_STAMP)
	$(PY) -m pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile)

bench: $(BOOK_STAMP)
	$(PY) -m booktools bench

# 저장소를 바꿀 때: make notebooks REPOSITORY_URL=https://github.com/ORG/REPO BRANCH=main
notebooks: $(BOOK_STAMP)
	$(PY) -m booktools notebooks $(if $(REPOSITORY_URL),--repository-url $(REPOSITORY_URL)) $(if $(BRANCH),--branch $(BRANCH))

serve: book
	$(PY) -m booktools serve

clean:
	rm -rf _build
