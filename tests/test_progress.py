"""Checks kg/progress.py: step lines with elapsed time, silence when disabled, throttled counts."""

from __future__ import annotations

import io

import pytest

from kg.progress import Progress


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock(1000.0)
    monkeypatch.setattr("kg.progress.time.monotonic", fake)
    return fake


def test_step_prints_to_stream_with_elapsed_time(clock: FakeClock) -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream)
    clock.now += 12.34
    progress.step("loading the store")
    assert stream.getvalue() == "[kg   12.3s] loading the store\n"


def test_step_elapsed_grows(clock: FakeClock) -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream)
    progress.step("first")
    clock.now += 2.0
    progress.step("second")
    assert stream.getvalue().splitlines() == ["[kg    0.0s] first", "[kg    2.0s] second"]


def test_disabled_prints_nothing(clock: FakeClock) -> None:
    stream = io.StringIO()
    progress = Progress(enabled=False, stream=stream)
    progress.step("hidden")
    progress.count("documents", 1, 1)
    assert stream.getvalue() == ""


def test_default_stream_is_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    Progress().step("to stderr")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith("] to stderr\n")
    assert captured.err.startswith("[kg ")


def test_count_throttles_but_prints_the_last(clock: FakeClock) -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream)
    for done, advance in [(1, 0.0), (2, 0.3), (3, 0.6), (4, 0.2), (5, 0.1), (6, 0.1)]:
        clock.now += advance
        progress.count("documents", done, 6)
    messages = [line.split("] ", 1)[1] for line in stream.getvalue().splitlines()]
    # 1 is printed (first call), 2 and 3 within a second of it are not, 4 is (1.1s later),
    # 5 is not (0.1s after 4), 6 is the last and always printed.
    assert messages == ["documents: 1/6", "documents: 4/6", "documents: 6/6"]


def test_count_always_prints_the_last_even_at_once(clock: FakeClock) -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream)
    progress.count("a", 1, 3)
    progress.count("a", 2, 3)
    progress.count("a", 3, 3)
    messages = [line.split("] ", 1)[1] for line in stream.getvalue().splitlines()]
    assert messages == ["a: 1/3", "a: 3/3"]
