"""책을 빌드한다: 캐시 무효화 → Jupyter Book 빌드 → 실행 기록 → 후처리(슬라이드, 검색 색인).

`make book`이 부른다. 단계마다 무엇을 했는지 한국어로 출력한다.

jupyter-cache는 코드 셀만 보고 캐시 키를 만든다(MyST-NB issue 299). 그래서 dlkit이나
그림 설정이 바뀌면 예전 출력이 그대로 재사용된다. 여기서 그런 입력들의 지문(fingerprint)을
기록해 두었다가, 바뀌면 그것을 쓰는 장의 캐시 기록만 지운다.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# 장의 실행 결과에 영향을 주는 파일들: 바뀌면 이것을 import하는 장을 다시 실행한다.
DEPENDENCY_GLOBS = ("dlkit/**/*.py", "requirements.txt")
IMPORT_PATTERN = re.compile(r"^\s*(import dlkit|from dlkit)", re.MULTILINE)


def fingerprint(root: Path) -> str:
    """장의 실행에 영향을 주는 파일 내용의 해시."""
    digest = hashlib.sha256()
    for pattern in DEPENDENCY_GLOBS:
        for path in sorted(root.glob(pattern)):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_records(cache_dir: Path) -> dict[int, str]:
    """jupyter-cache에 저장된 기록: pk → 노트북 경로."""
    if not cache_dir.exists():
        return {}
    from jupyter_cache import get_cache

    return {rec.pk: rec.uri for rec in get_cache(cache_dir).list_cache_records()}


def _import_from(folder: Path, name: str):
    """folder/name.py를 모듈로 불러온다(이 스크립트가 쓰는 _ext/, scripts/의 모듈; 이슈 14가 한 패키지로 합칠 때까지)."""
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))


def _toc_module(root: Path):
    return _import_from(root / "_ext", "feature_toc")


def toc_sources(root: Path) -> list[str]:
    """책의 문서 = `_toc.yml`이 나열한 파일(Sphinx의 include_patterns와 같은 목록, _ext/feature_toc.py).

    폴더를 뒤지지 않으므로 Jupyter의 `.ipynb_checkpoints/…-checkpoint.md` 같은 복사본은 장이 아니다.
    """
    return _toc_module(root).toc_source_files(root)


def code_chapters(root: Path) -> list[str]:
    """코드 셀이 있는 장 소스의 상대 경로(책 루트 기준, 목차에 있는 것만)."""
    return sorted(
        rel for rel in toc_sources(root)
        if rel.endswith(".md") and "```{code-cell}" in (root / rel).read_text(encoding="utf-8")
    )


def chapters_using_dlkit(root: Path) -> list[str]:
    """`import dlkit`이 있는 장 소스의 상대 경로."""
    return [
        rel for rel in code_chapters(root)
        if IMPORT_PATTERN.search((root / rel).read_text(encoding="utf-8"))
    ]


def as_chapter(uri: str, chapters: list[str]) -> str:
    """캐시 기록의 절대 경로를 장의 상대 경로로 바꾼다(책 폴더를 복사해도 맞도록 끝부분으로 비교)."""
    posix = Path(uri).as_posix()
    for rel in chapters:
        if posix == rel or posix.endswith("/" + rel):
            return rel
    return posix


def invalidate_stale(root: Path, cache_dir: Path) -> list[str]:
    """지문이 바뀌었으면 dlkit을 쓰는 장의 캐시 기록을 지우고, 지운 장의 목록을 돌려준다."""
    stamp = cache_dir / "dlkit-fingerprint.txt"
    current = fingerprint(root)
    previous = stamp.read_text().strip() if stamp.exists() else None
    removed: list[str] = []
    if previous is not None and previous != current and cache_dir.exists():
        from jupyter_cache import get_cache

        cache = get_cache(cache_dir)
        dependents = chapters_using_dlkit(root)
        for rec in cache.list_cache_records():
            rel = as_chapter(rec.uri, dependents)
            if rel in dependents:
                cache.remove_cache(rec.pk)
                removed.append(rel)
    return sorted(set(removed))


def write_fingerprint(root: Path, cache_dir: Path) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / "dlkit-fingerprint.txt").write_text(fingerprint(root) + "\n")


def warm_matplotlib() -> None:
    """깨끗한 기계에서 첫 import가 stderr에 'building the font cache'를 쓰지 않도록 미리 만든다."""
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.font_manager"],
        check=True,
        capture_output=True,
    )


def execute_timeout(root: Path) -> int:
    """셀 하나의 제한 시간(초): _config.yml의 execute.timeout(Sphinx가 쓰는 것과 같은 값)."""
    import yaml

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    return int((config.get("execute") or {}).get("timeout", 30))


def unexecuted_chapters(root: Path, cache_dir: Path, chapters: list[str]) -> list[str]:
    """캐시에 맞는 실행 기록이 없는 장(지금 원본 그대로 실행에 성공한 적이 없는 장)."""
    if not cache_dir.exists():
        return list(chapters)
    sys.path.insert(0, str(Path(__file__).parent))
    from parallel_exec import pending_chapters

    return [p.relative_to(root).as_posix() for p in pending_chapters(cache_dir, [root / rel for rel in chapters])]


def run_parallel(root: Path, cache_dir: Path, env: dict) -> dict:
    """캐시에 없는 장을 나란히 실행해 캐시에 넣는다(커널도 env를 물려받도록 환경을 바꿔 둔다).
    장(책 루트 기준 경로) → "ok" 또는 parallel_exec.Failure."""
    import dataclasses

    sys.path.insert(0, str(Path(__file__).parent))
    from parallel_exec import Failure, execute_pending, pending_chapters

    chapters = [root / rel for rel in code_chapters(root)]
    if not pending_chapters(cache_dir, chapters):
        return {}  # 실행할 장이 없다(no-op 빌드): 커널도 글꼴 캐시 준비도 필요 없다
    warm_matplotlib()
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        status = execute_pending(cache_dir, chapters, timeout=execute_timeout(root))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    out = {}
    for path, value in status.items():
        rel = Path(path).relative_to(root).as_posix()
        out[rel] = dataclasses.replace(value, chapter=rel) if isinstance(value, Failure) else value
    return out


def print_setting(root: Path, pdf: bool) -> dict[str, str]:
    """인쇄용 PDF를 만드는 빌드인지를 환경 변수로 정한다(Sphinx 설정값 studybook_can_print와
    build_slides.py가 같은 판단을 쓴다: _ext/feature_slides.py). 이유를 한 줄 알린다."""
    sys.path.insert(0, str(root / "_ext"))
    try:
        import feature_slides
    finally:
        sys.path.pop(0)
    reason = feature_slides.print_blocker(disabled=not pdf)
    if reason:
        print(f"[build] 인쇄용 PDF를 만들지 않습니다: {reason}. 슬라이드 목록 페이지에 그렇게 적습니다.")
    return {feature_slides.PRINT_ENV: "0" if reason else "1"}


# 발행 빌드가 거부하는 자리표시자: _config.yml의 예시 주소가 그대로 남은 것.
PLACEHOLDERS = ("YOUR-ORG", "YOUR-REPO")
SCANNED_SUFFIXES = (".html", ".ipynb", ".txt", ".js", ".json", ".md", ".xml")


@dataclass(frozen=True)
class Repository:
    """이 빌드가 가리키는 저장소(빈 값이면 `_config.yml`의 repository:를 쓴다)."""
    url: str = ""
    branch: str = ""
    publish: bool = False


def _notebook_tools(root: Path):
    return _import_from(root / "scripts", "make_notebooks")


def check_publish_sources(root: Path, repo: Repository) -> list[str]:
    """발행 전에(빌드 전에) 확인: 저장소 주소가 자리표시자가 아니고, 커밋된 노트북이 이 저장소를 설치한다."""
    make_notebooks = _notebook_tools(root)
    configured = make_notebooks.repo_info(root)
    url = (repo.url or configured.url).rstrip("/").removesuffix(".git")
    branch = repo.branch or configured.branch
    problems = []
    if not url or any(p in url for p in PLACEHOLDERS):
        problems.append(
            f"발행 빌드의 저장소 주소가 자리표시자입니다({url or '없음'}). "
            "`python scripts/build.py --publish --repository-url https://github.com/ORG/REPO --branch main`처럼 "
            "실제 저장소를 넘기세요(Pages 워크플로는 자기 저장소를 넘깁니다).")
        return problems
    info = make_notebooks.RepoInfo(url=url, branch=branch, path_to_book=configured.path_to_book)
    bad = make_notebooks.setup_cell_mismatches(root, info)
    if bad:
        problems.append(
            f"커밋된 노트북 {len(bad)}개({', '.join(bad[:3])}{' …' if len(bad) > 3 else ''})의 Colab 설치 셀이 "
            f"이 빌드의 저장소({url}, 브랜치 {branch})가 아닌 다른 저장소의 dlkit을 설치합니다. "
            "Colab은 GitHub에 커밋된 노트북을 그대로 열기 때문에 사이트 빌드로는 고칠 수 없습니다. "
            f"`make notebooks REPOSITORY_URL={url} BRANCH={branch}`을 실행하고, 바뀐 _config.yml과 "
            "notebooks/를 커밋한 뒤 다시 푸시하세요.")
    return problems


def placeholder_hits(html_dir: Path) -> list[str]:
    """빌드 결과(페이지, 슬라이드, 노트북)에서 자리표시자가 남은 파일."""
    hits = []
    for path in sorted(html_dir.rglob("*")):
        if path.is_file() and path.suffix in SCANNED_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            if any(p in text for p in PLACEHOLDERS):
                hits.append(path.relative_to(html_dir).as_posix())
    return hits


def build(root: Path, *, post_steps: bool = True, parallel: bool = True,
          repo: Repository = Repository(), pdf: bool = True) -> int:
    build_dir = root / "_build"
    cache_dir = build_dir / ".jupyter_cache"
    started = time.perf_counter()
    if repo.publish:
        problems = check_publish_sources(root, repo)
        if problems:
            for problem in problems:
                print(f"[build] 발행 실패: {problem}", file=sys.stderr)
            return 2

    # 목차 검사가 먼저다: 목차 밖 파일은 읽지 않고, 목차가 틀리면 장을 실행하기 전에 멈춘다.
    toc_problems = _toc_module(root).toc_problems(root)
    if toc_problems:
        for problem in toc_problems:
            print(f"[build] 실패: {problem}", file=sys.stderr)
        return 2

    removed = invalidate_stale(root, cache_dir)
    if removed:
        print(f"[build] dlkit/설정이 바뀌어 캐시를 지운 장: {', '.join(removed)}")
    before = cache_records(cache_dir)

    printing = print_setting(root, pdf)
    env = dict(os.environ, **printing)
    # 커널이 설치본이 아니라 이 책 폴더의 dlkit을 import하도록(복사본에서 빌드해도 맞게).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    env["STUDYBOOK_BUILD_STARTED"] = str(time.time() - (time.perf_counter() - started))  # 실행 현황 페이지용
    env["DLKIT_WIDGETS"] = "static"  # 데모는 미리 그린 프레임을 페이지에 담는다(커널 없는 사이트용)
    env["DLKIT_PROGRESS"] = "0"  # 빌드 중에는 진행 막대를 그리지 않는다(stderr/멈춘 위젯 방지).
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy의 stderr 경고 방지
    # 저장소 주소·브랜치는 Sphinx 설정값이 된다(_ext/feature_launch.py): 바뀌면 모든 페이지를 다시 쓴다.
    env["STUDYBOOK_REPOSITORY_URL"] = repo.url
    env["STUDYBOOK_REPOSITORY_BRANCH"] = repo.branch
    failures = []
    if parallel:
        status = run_parallel(root, cache_dir, env)
        failures = [v for v in status.values() if not isinstance(v, str)]
        ok = [k for k, v in status.items() if v == "ok"]
        if ok:
            print(f"[build] 두 코어에서 먼저 실행한 장: {', '.join(sorted(ok))}", flush=True)
    else:
        warm_matplotlib()
    failed_marker = build_dir / "last-build-failed"
    if failures:
        # 실패한 장을 Sphinx가 또 실행하지 않게 여기서 멈춘다(끝나지 않는 셀이 제한 시간을 두 번 쓰지 않게).
        after = cache_records(cache_dir)
        chapters = code_chapters(root)
        failed = sorted(f.chapter for f in failures)
        executed = sorted({as_chapter(uri, chapters) for pk, uri in after.items() if pk not in before})
        cached = [rel for rel in chapters if rel not in executed and rel not in failed]
        write_report(build_dir, 1, executed, cached, removed, failed, started)
        failed_marker.parent.mkdir(parents=True, exist_ok=True)
        failed_marker.write_text("다음 빌드는 모든 페이지를 다시 읽는다\n")
        for failure in sorted(failures, key=lambda f: f.chapter):
            print(f"[build] 실패: {failure.message()}", file=sys.stderr)
        print("[build] 실패: 장을 실행하다 멈췄습니다. 위의 셀을 고친 뒤 다시 빌드하세요(페이지는 만들지 않았습니다).",
              file=sys.stderr)
        return 1
    cmd = [
        str(Path(sys.executable).parent / "jupyter-book"), "build", str(root),
        "--warningiserror", "--nitpick", "--keep-going",
    ]
    # Sphinx는 바뀐 원본만 다시 읽는다. 그래서 (1) 지난 빌드가 실패했으면 그 경고가 다음 빌드에서
    # 사라지지 않도록, (2) dlkit이 바뀌어 다시 실행한 장의 새 출력이 페이지에 들어가도록 전부 다시 읽는다.
    if removed or failed_marker.exists():
        cmd.append("--all")
    print("[build] " + " ".join(cmd[1:]), flush=True)
    result = subprocess.run(cmd, env=env, cwd=root)

    after = cache_records(cache_dir)
    chapters = code_chapters(root)
    executed = sorted({as_chapter(uri, chapters) for pk, uri in after.items() if pk not in before})
    # 빌드 뒤에도 캐시에 맞는 기록이 없는 장은 실행하다 실패한 장이다("캐시에서 가져온 장"이 아니다).
    failed = unexecuted_chapters(root, cache_dir, chapters)
    cached = [rel for rel in chapters if rel not in executed and rel not in failed]
    write_report(build_dir, result.returncode, executed, cached, removed, failed, started)
    if result.returncode != 0:
        failed_marker.write_text("다음 빌드는 모든 페이지를 다시 읽는다\n")
        print("[build] 실패: 위의 경고/오류가 가리키는 파일을 고치세요.", file=sys.stderr)
        return result.returncode
    failed_marker.unlink(missing_ok=True)
    write_fingerprint(root, cache_dir)

    if post_steps:
        for step in POST_STEPS:
            script = root / "scripts" / step
            if script.exists():
                print(f"[build] 후처리: {step}", flush=True)
                rc = subprocess.run([sys.executable, str(script), str(root)], cwd=root,
                                    env=dict(os.environ, **printing)).returncode
                if rc != 0:
                    print(f"[build] 실패: {step}", file=sys.stderr)
                    return rc
    if repo.publish:
        hits = placeholder_hits(build_dir / "html")
        if hits:
            print(f"[build] 발행 실패: 자리표시자({', '.join(PLACEHOLDERS)})가 남은 파일 {len(hits)}개: "
                  f"{', '.join(hits[:10])}", file=sys.stderr)
            return 2
        print("[build] 발행 검사 통과: 페이지·슬라이드·노트북에 자리표시자가 없습니다")
    print(f"[build] 완료: {time.perf_counter() - started:.1f}초, 결과는 _build/html/")
    return 0


def write_report(build_dir: Path, returncode: int, executed: list[str], cached: list[str],
                 invalidated: list[str], failed: list[str], started: float) -> None:
    """이번 빌드의 실행 기록(_build/exec-report.json)과 그 요약 두세 줄."""
    report = {
        "returncode": returncode,
        "executed": executed,
        "cached": cached,
        "failed": failed,
        "invalidated": invalidated,
        "seconds": round(time.perf_counter() - started, 2),
    }
    build_dir.mkdir(exist_ok=True)
    (build_dir / "exec-report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"[build] 이번에 실행한 장({len(executed)}): {', '.join(executed) or '없음'}")
    print(f"[build] 캐시에서 가져온 장({len(cached)}): {', '.join(cached) or '없음'}")
    if failed:
        print(f"[build] 실패한 장({len(failed)}): {', '.join(failed)}")


# 빌드 뒤에 순서대로 부르는 스크립트(있을 때만). 각자 `python 스크립트 <책 루트>`로 불린다.
POST_STEPS = ("build_slides.py", "build_search.py")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", nargs="?", default=str(ROOT), help="책 루트(기본: 이 저장소)")
    parser.add_argument("--no-post", action="store_true", help="슬라이드·검색 색인 단계를 건너뛴다")
    parser.add_argument("--serial", action="store_true",
                        help="장을 미리 나란히 실행하지 않고 Sphinx가 하나씩 실행하게 한다")
    parser.add_argument("--no-pdf", action="store_true",
                        help="인쇄용 PDF를 만들지 않는다(Chromium이 없을 때와 같은 사이트: 목록에 안내가 적힌다)")
    parser.add_argument("--repository-url", default="",
                        help="이 사이트의 저장소(https://github.com/ORG/REPO): 실행·저장소·이슈 버튼이 가리킨다"
                             "(기본: _config.yml의 repository.url)")
    parser.add_argument("--branch", default="", help="저장소 브랜치(기본: _config.yml의 repository.branch)")
    parser.add_argument("--publish", action="store_true",
                        help="발행 빌드: 자리표시자 주소나 다른 저장소를 설치하는 노트북이 있으면 실패한다")
    args = parser.parse_args(argv)
    repo = Repository(url=args.repository_url.strip(), branch=args.branch.strip(), publish=args.publish)
    return build(Path(args.root).resolve(), post_steps=not args.no_post, parallel=not args.serial, repo=repo,
                 pdf=not args.no_pdf)


if __name__ == "__main__":
    sys.exit(main())
