"""Fixtures for the command-line tests: a private pack cache, no inherited colour
preferences, and `cli`, which runs the command in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import Cli


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pack-cache")


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> Iterator[None]:
    """The compiled-pack cache in a temporary directory (never the user's), no colour
    preferences inherited from whoever runs the tests."""
    monkeypatch.setenv("PINGYIN_RULES_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    yield


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)
