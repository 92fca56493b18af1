"""The clerk's page: `GET /` is `page/index.html` (Chinese first; `/?lang=en` is read by the
page itself), `GET /page/{path}` the files beside it. Only files inside that folder are
served: a path that climbs out of it, or names a folder, is not found."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, PlainTextResponse, Response

from .problems import not_found

PAGE_DIR = Path(__file__).resolve().parent / "page"
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> Response:
    page = PAGE_DIR / "index.html"
    if not page.is_file():
        return PlainTextResponse(
            "页面未安装 / the page is not installed "
            f"({page.relative_to(PAGE_DIR.parents[1])} is missing); "
            "the API is described at /openapi.json\n",
            status_code=503,
        )
    return FileResponse(page, media_type="text/html; charset=utf-8",
                        headers={**HEADERS, "Cache-Control": "no-cache"})  # fmt: skip


@router.get("/page/{path:path}")
def page_file(path: str) -> Response:
    found = _inside(path)
    if found is None:
        raise not_found("页面文件不存在", "no such page file")
    return FileResponse(found, headers=HEADERS)


def _inside(path: str) -> Path | None:
    """The file `path` names inside the page folder, or None (never a file outside it)."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return None
    if any(part in ("", ".", "..") for part in path.split("/")):
        return None
    root = PAGE_DIR.resolve()
    try:
        found = (root / path).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
    return found if found.is_relative_to(root) and found.is_file() else None
