"""{% cachedpart part %}…{% endcachedpart %}: the enclosed part of a page, kept under
the record's version (see cairn.core.page_cache)."""

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context

from cairn.core.page_cache import CSRF_PLACEHOLDER, CachedPart, shown

register = template.Library()


class CachedPartNode(template.Node):
    def __init__(self, nodelist: NodeList, part: FilterExpression) -> None:
        self.nodelist = nodelist
        self.part = part

    def render(self, context: Context) -> str:
        part = self.part.resolve(context)
        if not isinstance(part, CachedPart):
            return self.nodelist.render(context)
        if part.html is None:
            # Drawn with placeholders for what belongs to this request only.
            with context.push(csrf_token=CSRF_PLACEHOLDER, drawing_to_keep=True):
                part.keep(self.nodelist.render(context))
        assert part.html is not None
        return shown(part.html, context.get("csrf_token"))


@register.tag
def cachedpart(parser: Parser, token: Token) -> CachedPartNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cachedpart part %} takes one argument")
    nodelist = parser.parse(("endcachedpart",))
    parser.delete_first_token()
    return CachedPartNode(nodelist, parser.compile_filter(bits[1]))
