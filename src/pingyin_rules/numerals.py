"""Chinese numerals for citing articles the way the regulation does: 第五十一条."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    if not 0 <= n < 1000:
        raise ValueError(f"{n} is out of range for an article number")
    if n < 10:
        return DIGITS[n]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + DIGITS[ones]
    if tens:
        # 十一, not 一十一, when the number is below twenty
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if ones:
        out += DIGITS[ones]
    return out


def article_zh(article: int) -> str:
    return f"第{chinese_number(article)}条"
