from django import forms
from django.template import Context, Template


class NameForm(forms.Form):
    first = forms.CharField(label="First name")
    last = forms.CharField(label="Last name", required=False)


def draw(template: str, form: forms.Form) -> str:
    return Template("{% load fields %}" + template).render(Context({"form": form}))


def test_it_draws_each_field_as_the_field_component_does():
    form = NameForm()
    one_by_one = draw(
        '{% include "components/field.html" with field=form.first %}'
        '{% include "components/field.html" with field=form.last %}',
        form,
    )
    assert draw("{% fields form.first form.last %}", form).split() == one_by_one.split()


def test_it_keeps_the_order_given():
    html = draw("{% fields form.last form.first %}", NameForm())
    assert html.index("Last name") < html.index("First name")


def test_each_field_shows_its_own_error():
    form = NameForm(data={})
    html = draw("{% fields form.first form.last %}", form)
    assert 'id="id_first_error"' in html
    assert 'id="id_last_error"' not in html
