from django import forms

from guild.core.widgets import FastSelect


class Pick(forms.Form):
    region = forms.ChoiceField(
        choices=[("", "All"), ("1", "Québec & <Nord>"), ("12", "Ontario")],
        widget=FastSelect,
        required=False,
        help_text="Pick one",
    )


def test_renders_like_a_select_with_escaping_and_the_choice_marked() -> None:
    html = str(Pick({"region": "1"})["region"])
    assert html == (
        '<select aria-describedby="id_region_helptext" id="id_region" name="region">'
        '<option value="">All</option><option value="1" selected>Québec &amp; &lt;Nord&gt;'
        '</option><option value="12">Ontario</option></select>'
    )


def test_a_value_that_prefixes_another_does_not_select_it() -> None:
    html = str(Pick({"region": "12"})["region"])
    assert '<option value="12" selected>' in html
    assert '<option value="1">' in html
