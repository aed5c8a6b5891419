"""Helpers for rendering Django forms as GOV.UK Frontend components."""

from django import template

register = template.Library()

CHOICE_WIDGETS = {"govukradioselect", "govukcheckboxes"}


@register.filter
def govuk_options(field) -> list[dict]:
    """The options of a radios or checkboxes field, each with the fields it reveals."""
    conditionals = getattr(field.form, "conditionals", {}).get(field.name, {})
    options = []
    for option in field:
        value = str(option.data["value"])
        options.append(
            {
                "id": option.id_for_label,
                "name": option.data["name"],
                "value": value,
                "label": option.choice_label,
                "checked": option.data["selected"],
                "reveals": [field.form[name] for name in conditionals.get(value, [])],
            }
        )
    return options


@register.filter
def error_anchor(field) -> str:
    """Where an error summary link should take focus: the first input of the field."""
    if field.widget_type in CHOICE_WIDGETS or field.widget_type == "date":
        return f"{field.auto_id}_0"
    return field.id_for_label


@register.filter
def is_choice(field) -> bool:
    return field.widget_type in CHOICE_WIDGETS or field.widget_type == "date"
