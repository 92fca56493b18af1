"""What the reader accepts before it parses anything: regular files within a size limit, in
UTF-8. Case files, calendar files and rule packs are all read through `read_input_text`.

Limits (documented in the README, "Safety"):

- `MAX_INPUT_BYTES`: 128 MiB per file, about 400,000 records (the 110,000-record benchmark
  case is 35 MB as JSON or YAML). Reading takes 8 KB (JSON) to 16 KB (YAML) of memory per
  record before any check, so a larger file would exhaust an ordinary machine's memory
  after a long parse; it is refused before reading instead. The environment variable
  `PINGYIN_RULES_MAX_INPUT_MB` raises or lowers it.
- `MAX_NESTING`: 100 levels of lists and mappings (a case file needs about 8).
- `MAX_PERIOD_YEARS`: a case file's `period` covers at most 10 years (see `period_too_long`).

A FIFO, a device (a symlink to /dev/zero) or a directory is refused without reading from it:
the file is opened without blocking and checked with fstat, so nothing can change between
the check and the read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import stat
import sys

MAX_INPUT_BYTES = 128 * 2**20
MAX_INPUT_ENV = "PINGYIN_RULES_MAX_INPUT_MB"
MAX_NESTING = 100
MAX_PERIOD_YEARS = 10

RESAVE_ZH = "请用UTF-8编码另存（记事本：“另存为”→编码选“UTF-8”；WPS/Excel 导出时选 UTF-8）"
RESAVE_EN = (
    "re-save it as UTF-8 (Notepad: Save As → Encoding: UTF-8; "
    "or `iconv -f {encoding} -t UTF-8 FILE > NEW_FILE`)"
)


class InputRefused(Exception):
    """A file refused before it was parsed, with the reason in Chinese and English."""

    def __init__(self, zh: str, en: str, line: int | None = None) -> None:
        super().__init__(en)
        self.zh, self.en, self.line = zh, en, line

    @property
    def reason(self) -> str:
        if self.line is None:
            return f"{self.zh} / {self.en}"
        return f"第{self.line}行：{self.zh} / line {self.line}: {self.en}"


def max_input_bytes() -> int:
    """The size limit: `MAX_INPUT_BYTES`, or `PINGYIN_RULES_MAX_INPUT_MB` megabytes."""
    value = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not value:
        return MAX_INPUT_BYTES
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = 0
    if not megabytes > 0:
        raise InputRefused(
            f"环境变量 {MAX_INPUT_ENV} 应为正数（兆字节），而不是“{value}”",
            f"the environment variable {MAX_INPUT_ENV} must be a positive number of "
            f"megabytes, not {value!r}",
        )
    return int(megabytes * 2**20)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n} bytes"


def _too_big(size: int | None, limit: int) -> InputRefused:
    shown = f"{_size(size)}，" if size is not None else ""
    shown_en = f"{_size(size)}, " if size is not None else ""
    return InputRefused(
        f"文件过大（{shown}上限 {_size(limit)}），未读取：请拆分文件，"
        f"或设环境变量 {MAX_INPUT_ENV} 提高上限",
        f"the file is too big ({shown_en}over the {_size(limit)} limit) and was not read: "
        f"split it, or raise the limit with the environment variable {MAX_INPUT_ENV}",
    )


_KINDS = (
    (stat.S_ISFIFO, "命名管道 FIFO", "a named pipe (FIFO)"),
    (stat.S_ISCHR, "字符设备", "a character device"),
    (stat.S_ISBLK, "块设备", "a block device"),
    (stat.S_ISSOCK, "套接字", "a socket"),
)


def open_regular(path: str) -> tuple[int, os.stat_result]:
    """A regular file's descriptor and status, opened without blocking (a FIFO must not wait
    for a writer) and checked with fstat: a directory, FIFO or device is refused unread."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputRefused("文件不存在", "no such file") from None
    except IsADirectoryError:
        raise InputRefused("这是目录，不是文件", "this is a directory, not a file") from None
    except PermissionError:
        raise InputRefused("没有读取权限", "permission denied") from None
    except OSError as exc:
        raise InputRefused(f"无法打开：{exc.strerror}", f"cannot open: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputRefused("这是目录，不是文件", "this is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            zh, en = next(
                ((z, e) for test, z, e in _KINDS if test(info.st_mode)),
                ("特殊文件", "a special file"),
            )
            raise InputRefused(
                f"这是{zh}，不是普通文件，未读取；标准输入请用 -",
                f"this is {en}, not a regular file, and was not read; for standard input use -",
            )
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_input_bytes(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file (or of stdin for `-`), refused before reading when the
    file is not a regular file or is over the size limit."""
    limit = max_input_bytes() if max_bytes is None else max_bytes
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = (
            stream.read(limit + 1)
            if stream is not None
            else sys.stdin.read(limit + 1).encode("utf-8", "surrogatepass")
        )
        if len(data) > limit:
            raise _too_big(None, limit)
        return data
    fd, info = open_regular(path)
    if info.st_size > limit:
        os.close(fd)
        raise _too_big(info.st_size, limit)
    with os.fdopen(fd, "rb") as file:
        data = file.read(limit + 1)  # a file growing while it is read stops at the limit
    if len(data) > limit:
        raise _too_big(None, limit)
    return data


_ASCII = bytes(range(0x80))


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _resave(name_zh: str, name_en: str, encoding: str, line: int | None = None) -> InputRefused:
    return InputRefused(
        f"文件不是UTF-8编码，而是{name_zh}：{RESAVE_ZH}",
        f"the file is not UTF-8 but {name_en}: {RESAVE_EN.format(encoding=encoding)}",
        line,
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """'LE' or 'BE' when the bytes look like UTF-16 text (every other byte NUL in ASCII)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < odd / 4:
        return "LE"
    if even > half * 0.3 and odd < even / 4:
        return "BE"
    return None


def decode_input(data: bytes) -> tuple[str, bool]:
    """UTF-8 text (a byte-order mark dropped), and whether some bytes could not be decoded.

    A file in another encoding is refused, named (UTF-16, UTF-32, GBK/GB18030) with how to
    re-save it. A UTF-8 file with a few stray bytes (one record pasted from elsewhere) is
    decoded with U+FFFD in their place and `True`: the records holding them are reported,
    the others are still checked."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16's
        raise _resave("UTF-32", "UTF-32", "UTF-32")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _resave("UTF-16（Windows 所说的“Unicode”）", "UTF-16 (Windows' 'Unicode')", "UTF-16")
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    order = _utf16_without_bom(data)
    if order is not None:
        name = f"UTF-16{order}"
        raise _resave(f"无BOM的{name}", f"{name} without a byte-order mark", name)
    if b"\x00" in data:
        raise InputRefused(
            "文件含有空字节，不是文本文件（或不是UTF-8编码）",
            "the file holds NUL bytes: it is not a text file (or not UTF-8)",
            _line_at(data, data.index(b"\x00")),
        )
    text = data.decode("utf-8", errors="replace")
    # Bytes outside ASCII that decoded, against those that did not (about one per U+FFFD):
    # mostly undecodable means the whole file is in another encoding.
    bad = text.count("\ufffd")
    good = len(data.translate(None, _ASCII)) - bad
    if good < bad:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputRefused(
                f"文件不是UTF-8编码（第一个无法解码的字节在此行）：{RESAVE_ZH}",
                "the file is not UTF-8 (the first undecodable byte is on this line): "
                + RESAVE_EN.format(encoding="ENCODING"),
                _line_at(data, first_bad),
            ) from None
        raise _resave("GBK（GB18030）", "GBK (GB18030)", "GBK", _line_at(data, first_bad))
    return text, True


def read_input_text(path: str, max_bytes: int | None = None) -> tuple[str, bool]:
    """`read_input_bytes` then `decode_input`."""
    return decode_input(read_input_bytes(path, max_bytes))


def period_too_long(start: dt.date, end: dt.date) -> bool:
    """A case period longer than `MAX_PERIOD_YEARS`. Recurring duties are judged once per
    week, quarter or year of the period, so the period sets how many verdicts a file yields:
    `{start: 0001-01-01, end: 9999-12-31}` in 45 bytes gave 115,835. A longer period is
    refused rather than cut to the records' dates: a week without a meeting is exactly
    what a weekly-meeting rule must find, and the records cannot say which weeks the clerk
    meant to cover."""
    years = end.year - start.year
    return years > MAX_PERIOD_YEARS or (
        years == MAX_PERIOD_YEARS and (end.month, end.day) >= (start.month, start.day)
    )
