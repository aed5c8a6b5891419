"""The list of waiting reasons, kept up to date in Wagtail, and the log's words for waits."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BlockageReason


class BlockageReasonViewSet(SnippetViewSet):
    model = BlockageReason
    icon = "time"
    menu_label = _("Waiting reasons")
    list_display = ["name", "waits_on_other_agency", "active", "sort_order"]
    search_fields = ["name"]


register_snippet(BlockageReasonViewSet)


@hooks.register("register_log_actions")
def register_blockage_log_actions(actions):
    for action, label in [
        ("waiting_started", _("Mark as waiting")),
        ("waiting_cleared", _("Waiting is over")),
    ]:
        actions.register_action(f"early_help.{action}", label, label)
