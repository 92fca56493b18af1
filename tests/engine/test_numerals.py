from __future__ import annotations

import pytest

from pingyin_rules.numerals import article_zh, chinese_number


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (51, "五十一"), (67, "六十七"),
     (84, "八十四"), (100, "一百"), (105, "一百零五"), (110, "一百一十")],
)  # fmt: skip
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text


def test_article_citation() -> None:
    assert article_zh(51) == "第五十一条"
