# 딥러닝 기초 스터디 북: 새 기계에서 `make book`, `make test` 두 명령이면 된다.
# 필요한 것: Python 3.11, make, pip. 가상환경(.venv)은 처음 실행할 때 만든다.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: book test bench serve clean notebooks venv

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

venv: $(STAMP)

# 발행: make book BOOK_ARGS="--publish --repository-url https://github.com/ORG/REPO --branch main"
BOOK_ARGS ?=
book: $(STAMP)
	$(PY) -m booktools build $(BOOK_ARGS)

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m booktools bench

# 저장소를 바꿀 때: make notebooks REPOSITORY_URL=https://github.com/ORG/REPO BRANCH=main
notebooks: $(STAMP)
	$(PY) -m booktools notebooks $(if $(REPOSITORY_URL),--repository-url $(REPOSITORY_URL)) $(if $(BRANCH),--branch $(BRANCH))

serve: book
	$(PY) -m booktools serve

clean:
	rm -rf _build
