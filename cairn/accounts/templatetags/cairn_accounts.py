from django import template

from cairn.accounts.devices import device_name

register = template.Library()


@register.filter
def device(user_agent: str | None) -> str:
    """ "Firefox on Windows" in place of a raw user-agent string."""
    return device_name(user_agent)
