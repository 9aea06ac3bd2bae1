"""책을 빌드한다: 목차 검사 → (바뀐 것이 없으면 끝: booktools.uptodate) → 캐시 무효화 → 장 실행 → Sphinx → 덱·유인물 → 검색 색인 → 실행 기록.

`make book`이 `python -m booktools build`로 부른다. 단계마다 무엇을 했는지 한국어로 출력한다.
실패하면 ``빌드 실패 요약 (N건)``(:mod:`booktools.failures`)을 영어 원문(트레이스백, Sphinx 경고)보다 먼저 찍는다.
단계는 모두 인자를 받는 함수이고(:mod:`booktools.cache`, :mod:`booktools.execute`,
:mod:`booktools.sphinx_stage`, :mod:`booktools.slides`, :mod:`booktools.search`), 설정은
:class:`booktools.settings.BuildSettings` 하나로 넘긴다.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

import yaml

from booktools import cache as exec_cache
from booktools import chapters as toc
from booktools import demo_frames, notebooks, search, slides, uptodate
from booktools import failures as failure_summary
from booktools.execute import Failure, execute_pending, pending_chapters
from booktools.settings import BuildSettings
from booktools.sphinx_stage import PAGE_CODE_STAMP, page_code_digest, run_sphinx


def code_chapters(root: Path) -> list[str]:
    """장 소스의 상대 경로(책 뿌리 기준, 목차 순서): :func:`booktools.chapters.chapters`."""
    return [ch.source for ch in toc.chapters(root)]


def warm_matplotlib() -> None:
    """깨끗한 기계에서 첫 import가 stderr에 'building the font cache'를 쓰지 않도록 미리 만든다."""
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], check=True, capture_output=True)


def execute_timeout(root: Path) -> int:
    """셀 하나의 제한 시간(초): _config.yml의 execute.timeout(Sphinx가 쓰는 것과 같은 값)."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    return int((config.get("execute") or {}).get("timeout", 30))


def unexecuted_chapters(root: Path, cache: Path, sources: list[str]) -> list[str]:
    """캐시에 맞는 실행 기록이 없는 장(지금 원본 그대로 실행에 성공한 적이 없는 장)."""
    if not cache.exists():
        return list(sources)
    return [p.relative_to(root).as_posix() for p in pending_chapters(cache, [root / rel for rel in sources])]


def run_chapters(root: Path, cache: Path, settings: BuildSettings) -> dict:
    """캐시에 없는 장을 실행해 캐시에 넣는다. 장(책 뿌리 기준 경로) → "ok" 또는 :class:`Failure`."""
    paths = [root / rel for rel in code_chapters(root)]
    if not pending_chapters(cache, paths):
        return {}  # 실행할 장이 없다(no-op 빌드): 커널도 글꼴 캐시 준비도 필요 없다
    warm_matplotlib()
    status = execute_pending(cache, paths, timeout=execute_timeout(root), env=settings.kernel_env(root),
                             workers=settings.workers)
    out = {}
    for path, value in status.items():
        rel = Path(path).relative_to(root).as_posix()
        out[rel] = dataclasses.replace(value, chapter=rel) if isinstance(value, Failure) else value
    return out


# 발행 빌드가 거부하는 자리표시자: _config.yml의 예시 주소가 그대로 남은 것.
PLACEHOLDERS = ("YOUR-ORG", "YOUR-REPO")
SCANNED_SUFFIXES = (".html", ".ipynb", ".txt", ".js", ".json", ".md", ".xml")


def check_publish_sources(root: Path, settings: BuildSettings) -> list[str]:
    """발행 전에(빌드 전에) 확인: 저장소 주소가 자리표시자가 아니고, 커밋된 노트북이 이 저장소를 설치한다."""
    configured = notebooks.repo_info(root)
    url = (settings.repository_url or configured.url).rstrip("/").removesuffix(".git")
    branch = settings.repository_branch or configured.branch
    problems = []
    if not url or any(p in url for p in PLACEHOLDERS):
        problems.append(
            f"발행 빌드의 저장소 주소가 자리표시자입니다({url or '없음'}). "
            "`python -m booktools build --publish --repository-url https://github.com/ORG/REPO --branch main`처럼 "
            "실제 저장소를 넘기세요(Pages 워크플로는 자기 저장소를 넘깁니다).")
        return problems
    info = notebooks.RepoInfo(url=url, branch=branch, path_to_book=configured.path_to_book)
    bad = notebooks.setup_cell_mismatches(root, info)
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


def build(root: Path, settings: BuildSettings) -> int:
    """책 하나를 빌드한다. 종료 코드(0: 성공, 1: 장·Sphinx·덱 실패, 2: 목차·발행 검사 실패)."""
    build_dir = root / "_build"
    cache = exec_cache.cache_dir(root)
    started = time.perf_counter()
    stages = StageClock()
    if settings.publish:
        problems = check_publish_sources(root, settings)
        if problems:
            for problem in problems:
                print(f"[build] 발행 실패: {problem}", file=sys.stderr)
            return 2

    # 목차 검사가 먼저다: 목차 밖 파일은 읽지 않고, 목차가 틀리면 장을 실행하기 전에 멈춘다.
    toc_problems = toc.toc_problems(root)
    if toc_problems:
        for problem in toc_problems:
            print(f"[build] 실패: {problem}", file=sys.stderr)
        return 2

    if uptodate.is_up_to_date(root, settings):
        # 지난 성공한 빌드와 입력(책 파일, 패키지, 글꼴, 설정, 실행 캐시)이 같고 결과 폴더도 그대로다
        stages.lap("검사")
        write_report(build_dir, 0, [], code_chapters(root), [], [], started, stages.seconds)
        print("[build] 바뀐 것이 없습니다: 지난 빌드의 결과(_build/html/)를 그대로 둡니다 "
              f"({time.perf_counter() - started:.1f}초).")
        return 0
    uptodate.forget(root)  # 이 빌드가 끝까지 성공해야 새 지문을 쓴다(중간에 멈추면 다음 빌드가 다시 맞춘다)

    # 지문은 실행 전에 잰다: 빌드하는 동안 고친 원본·dlkit은 다음 빌드가 알아본다(끝에서 재면 놓친다)
    sources_at_start = uptodate.source_digest(root)
    fingerprint_at_start = exec_cache.fingerprint(root)
    removed = exec_cache.invalidate_stale(root, cache, fingerprint_at_start)
    if removed:
        print(f"[build] dlkit/설정이 바뀌어 캐시를 지운 장: {', '.join(removed)}")
    blocker = settings.print_blocker()
    if blocker:
        print(f"[build] 인쇄용 PDF를 만들지 않습니다: {blocker}. 슬라이드 목록 페이지에 그렇게 적습니다.")

    stages.lap("검사")
    status = run_chapters(root, cache, settings)
    stages.lap("실행")
    failures = [v for v in status.values() if not isinstance(v, str)]
    ok = [k for k, v in status.items() if v == "ok"]
    if ok:
        print(f"[build] 먼저 실행한 장: {', '.join(sorted(ok))}", flush=True)
    failed_marker = build_dir / "last-build-failed"
    sources = code_chapters(root)
    if failures:
        # 실패한 장을 Sphinx가 또 실행하지 않게 여기서 멈춘다(끝나지 않는 셀이 제한 시간을 두 번 쓰지 않게).
        failed = sorted(f.chapter for f in failures)
        executed = sorted(ok)
        cached = [rel for rel in sources if rel not in executed and rel not in failed]
        write_report(build_dir, 1, executed, cached, removed, failed, started, stages.seconds)
        failed_marker.parent.mkdir(parents=True, exist_ok=True)
        failed_marker.write_text("다음 빌드는 모든 페이지를 다시 읽는다\n")
        failures = sorted(failures, key=lambda f: f.chapter)
        failure_summary.report([failure_summary.from_cell_failure(f) for f in failures], build_dir,
                         "\n\n".join(f"{f.chapter}:\n{f.detail}" for f in failures),
                         closing="장을 실행하다 멈췄습니다. 위 요약의 셀을 고친 뒤 다시 빌드하세요"
                                 "(페이지는 만들지 않았습니다).")
        return 1
    # Sphinx는 바뀐 원본만 다시 읽는다. 그래서 지난 빌드가 실패했으면 그 경고가 다음 빌드에서 사라지지
    # 않도록 전부 다시 읽고, 이번에 실행한 장은(원본이 그대로여도, 예: dlkit이 바뀌었거나 캐시를 지웠거나
    # 지난 빌드가 중간에 멈췄을 때) 새 출력이 페이지에 들어가도록 다시 읽게 한다(settings.reread).
    # 페이지를 쓰는 코드(booktools/sphinxext, theme)가 바뀌었을 때도: Sphinx는 그것을 모른다.
    page_code = page_code_digest(root)
    page_code_stamp = build_dir / PAGE_CODE_STAMP
    page_code_changed = not page_code_stamp.exists() or page_code_stamp.read_text().strip() != page_code
    force_all = failed_marker.exists() or page_code_changed
    executed_now = tuple(sorted(Path(k).with_suffix("").as_posix() for k in ok))
    settings = dataclasses.replace(settings, reread=executed_now)
    print(f"[build] Sphinx(jupyter-book){' — 모든 페이지를 다시 읽는다' if force_all else ''}", flush=True)
    # Sphinx의 경고(영어, stderr)는 붙잡아 두었다가 실패하면 한국어 요약 아래에 찍는다(성공하면 그대로).
    with failure_summary.held_stderr() as held:
        returncode = run_sphinx(root, settings, force_all=force_all)
    sphinx_stderr = held.getvalue()
    stages.lap("Sphinx")
    if returncode == 0 and sphinx_stderr:
        sys.stderr.write(sphinx_stderr)

    # 이번에 실행한 장 = 실행 단계가 성공시킨 장(Sphinx는 캐시에서 읽기만 한다). 캐시 기록 번호로 세지 않는다:
    # jupyter-cache는 지운 기록의 번호를 다시 쓰므로 새로 실행한 장이 "캐시에서 가져온 장"으로 보였다.
    executed = sorted(ok)
    # 빌드 뒤에도 캐시에 맞는 기록이 없는 장은 실행하다 실패한 장이다("캐시에서 가져온 장"이 아니다).
    failed = unexecuted_chapters(root, cache, sources)
    cached = [rel for rel in sources if rel not in executed and rel not in failed]
    write_report(build_dir, returncode, executed, cached, removed, failed, started, stages.seconds)
    if returncode != 0:
        failed_marker.parent.mkdir(parents=True, exist_ok=True)
        failed_marker.write_text("다음 빌드는 모든 페이지를 다시 읽는다\n")
        failure_summary.report(failure_summary.from_sphinx_log(sphinx_stderr, root), build_dir, sphinx_stderr,
                         closing="위 요약이 가리키는 파일과 줄을 고치세요(경고도 실패입니다: -W).")
        return returncode
    failed_marker.unlink(missing_ok=True)
    page_code_stamp.write_text(page_code + "\n")
    failure_summary.clear(build_dir)
    exec_cache.write_fingerprint(cache, fingerprint_at_start)

    if settings.post_steps:
        print("[build] 덱과 인쇄용 PDF", flush=True)
        rc = slides.build(root, None, settings=settings, check=False)
        if rc != 0:
            print("[build] 실패: 덱과 인쇄용 PDF", file=sys.stderr)
            return rc
        stages.lap("덱·PDF")
        print("[build] 검색 색인", flush=True)
        rc = search.build(root)
        stages.lap("검색 색인")
        if rc != 0:
            print("[build] 실패: 검색 색인", file=sys.stderr)
            return rc
    if settings.publish:
        hits = placeholder_hits(build_dir / "html")
        if hits:
            print(f"[build] 발행 실패: 자리표시자({', '.join(PLACEHOLDERS)})가 남은 파일 {len(hits)}개: "
                  f"{', '.join(hits[:10])}", file=sys.stderr)
            return 2
        print("[build] 발행 검사 통과: 페이지·슬라이드·노트북에 자리표시자가 없습니다")
    demo_frames.prune(build_dir / "html")  # 어떤 페이지·덱도 가리키지 않는 데모 프레임 파일
    stages.lap("정리")
    uptodate.remember(root, settings, sources_at_start)
    record_stages(build_dir, stages.seconds, time.perf_counter() - started)
    print(f"[build] 완료: {time.perf_counter() - started:.1f}초, 결과는 _build/html/")
    return 0


class StageClock:
    """빌드 단계마다 걸린 시간(초): ``lap(이름)``은 지난 lap 뒤로 흐른 시간을 그 단계에 적는다."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(self.seconds.get(name, 0.0) + now - self._last, 2)
        self._last = now


def record_stages(build_dir: Path, seconds: dict[str, float], total: float) -> None:
    """끝난 빌드의 단계별 시간을 실행 기록(_build/exec-report.json의 "stages")에 더하고 한 줄로 찍는다."""
    path = build_dir / "exec-report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    report["stages"] = dict(seconds)
    report["seconds"] = round(total, 2)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print("[build] 단계별 시간: " + ", ".join(f"{name} {sec:.1f}초" for name, sec in seconds.items()))


def write_report(build_dir: Path, returncode: int, executed: list[str], cached: list[str],
                 invalidated: list[str], failed: list[str], started: float,
                 stages: dict[str, float] | None = None) -> None:
    """이번 빌드의 실행 기록(_build/exec-report.json)과 그 요약 두세 줄."""
    report = {
        "returncode": returncode,
        "executed": executed,
        "cached": cached,
        "failed": failed,
        "invalidated": invalidated,
        "seconds": round(time.perf_counter() - started, 2),
        "stages": dict(stages or {}),
    }
    build_dir.mkdir(exist_ok=True)
    (build_dir / "exec-report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"[build] 이번에 실행한 장({len(executed)}): {', '.join(executed) or '없음'}")
    print(f"[build] 캐시에서 가져온 장({len(cached)}): {', '.join(cached) or '없음'}")
    if failed:
        print(f"[build] 실패한 장({len(failed)}): {', '.join(failed)}")


def parse_settings(argv: list[str] | None) -> tuple[Path, BuildSettings]:
    parser = argparse.ArgumentParser(prog="python -m booktools build", description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=".", help="책 뿌리(기본: 지금 폴더)")
    parser.add_argument("--no-post", action="store_true", help="덱·유인물·검색 색인 단계를 건너뛴다")
    parser.add_argument("--serial", action="store_true", help="장을 나란히 실행하지 않고 하나씩 실행한다")
    parser.add_argument("--no-pdf", action="store_true",
                        help="인쇄용 PDF를 만들지 않는다(Chromium이 없을 때와 같은 사이트: 목록에 안내가 적힌다)")
    parser.add_argument("--chromium", default=str(BuildSettings.chromium),
                        help="인쇄와 덱 검사에 쓸 Chromium(기본: /usr/bin/chromium)")
    parser.add_argument("--repository-url", default="",
                        help="이 사이트의 저장소(https://github.com/ORG/REPO): 실행·저장소·이슈 버튼이 가리킨다"
                             "(기본: _config.yml의 repository.url)")
    parser.add_argument("--branch", default="", help="저장소 브랜치(기본: _config.yml의 repository.branch)")
    parser.add_argument("--publish", action="store_true",
                        help="발행 빌드: 자리표시자 주소나 다른 저장소를 설치하는 노트북이 있으면 실패한다")
    args = parser.parse_args(argv)
    settings = BuildSettings(
        repository_url=args.repository_url.strip(), repository_branch=args.branch.strip(),
        publish=args.publish, pdf=not args.no_pdf, chromium=Path(args.chromium),
        workers=1 if args.serial else None, post_steps=not args.no_post,
    )
    return Path(args.root).resolve(), settings


LOCK_FILE = ".build.lock"


def main(argv: list[str] | None = None) -> int:
    """명령줄 입구: 한 폴더에서 빌드는 한 번에 하나(잠금), Ctrl-C는 한국어 한 줄로 멈춘다."""
    import fcntl

    root, settings = parse_settings(argv)
    (root / "_build").mkdir(parents=True, exist_ok=True)
    with open(root / "_build" / LOCK_FILE, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("[build] 멈춤: 이 폴더에서 다른 빌드가 아직 돌고 있습니다. 그 빌드가 끝난 뒤 다시 실행하세요 "
                  f"(같은 결과 폴더를 두 빌드가 함께 쓰면 보고서와 페이지가 섞입니다; 잠금: _build/{LOCK_FILE}).",
                  file=sys.stderr)
            return 3
        try:
            return build(root, settings)
        except KeyboardInterrupt:
            import signal

            signal.signal(signal.SIGINT, signal.SIG_IGN)  # 이미 멈추는 중: 두 번째 Ctrl-C는 무시한다
            print("\n[build] 중단했습니다(Ctrl-C). 다음 빌드가 멈춘 곳부터 다시 맞춥니다.", file=sys.stderr)
            return 130
