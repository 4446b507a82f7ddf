"""Amounts in Chinese capital numerals (大写金额), as 财务 writes them on invoices, receipts and
delivery notes: one home for every printed document that shows a total."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")


def _group(number: int) -> str:
    """0-9999 in capitals, zeros collapsed ('壹仟零伍')."""
    text, zero = "", False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += DIGITS[digit] + SMALL_UNITS[position]
    return text


def rmb_upper(amount: Decimal) -> str:
    """人民币大写: 3953.5 → 叁仟玖佰伍拾叁元伍角; 100 → 壹佰元整; negative amounts get 负."""
    cents = int((abs(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "负" if amount < 0 and cents else ""
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    parts: list[str] = []
    group_index, need_zero = 0, False
    while yuan:
        group = yuan % 10000
        if group:
            text = _group(group) + GROUP_UNITS[group_index]
            if need_zero:
                text += "零"
            parts.insert(0, text)
            need_zero = group < 1000
        elif parts:
            need_zero = True
        yuan //= 10000
        group_index += 1
    words = "".join(parts)
    if words:
        words += "元"
    if not jiao and not fen:
        return sign + (words or "零元") + "整"
    if jiao:
        words += DIGITS[jiao] + "角"
    elif words:
        words += "零"
    if fen:
        words += DIGITS[fen] + "分"
    return sign + words
