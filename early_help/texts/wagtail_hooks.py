"""The words of every text, edited and translated by comms staff in Wagtail."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SmsTemplate


class SmsTemplateViewSet(SnippetViewSet):
    model = SmsTemplate
    icon = "mail"
    menu_label = _("Text messages")
    list_display = ["key", "council", "locale", "body", "cost"]
    list_filter = ["key", "council"]


register_snippet(SmsTemplateViewSet)
