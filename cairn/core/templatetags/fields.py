from django import template
from django.forms import BoundField

register = template.Library()


@register.inclusion_tag("components/fields.html")
def fields(*fields: BoundField) -> dict[str, object]:
    """Several fields in a row, each drawn by components/field.html:
    `{% fields form.title form.description %}`."""
    return {"fields": fields}
