"""Numbers as people write them: 3, not 3.00; 7.5, not 7.50."""

from decimal import Decimal
from typing import Any

from django import forms


def plain_number(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


class PlainNumberInput(forms.NumberInput):
    """A number field that shows a saved 2.00 as 2."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return plain_number(value)
        return super().format_value(value)
