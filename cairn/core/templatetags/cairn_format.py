from decimal import Decimal

from django import template

from cairn.core.numbers import plain_number

register = template.Library()


@register.filter
def number(value: Decimal | float | int | None) -> str:
    """3, not 3.00; 7.5, not 7.50."""
    return plain_number(value)
