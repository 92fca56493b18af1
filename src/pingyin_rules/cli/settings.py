"""What a command runs with: its flags over the project configuration file's defaults."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import ProjectConfig, discover, load_config
from .errors import UsageError


def project_config(args: argparse.Namespace) -> ProjectConfig:
    """The configuration in force: --config FILE, none with --no-config, else the nearest
    file from the current directory upward."""
    if getattr(args, "no_config", False):
        return ProjectConfig()
    chosen = getattr(args, "config", None)
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise UsageError(f"--config {chosen}: no such file")
        return load_config(path.resolve())
    return discover()


def pack_dir(args: argparse.Namespace, config: ProjectConfig) -> str | None:
    """The pack to use: the command's --pack (or PACK argument), else the configured one."""
    return getattr(args, "pack", None) or config.pack
