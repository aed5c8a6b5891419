"""The GOV.UK form widgets."""

from django.template.loader import get_template

from early_help.shared import govuk_forms


def test_every_govuk_widget_template_exists():
    widgets = [
        value
        for value in vars(govuk_forms).values()
        if isinstance(value, type) and "template_name" in vars(value)
    ]
    assert widgets  # the date widget at least
    for widget in widgets:
        get_template(widget.template_name)
