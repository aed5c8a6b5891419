"""Writes. Every change to the domain goes through a function here.

Names are `<thing>_<action>`, arguments keyword-only, each call one transaction.
"""

from django.http import HttpRequest


def visitor_session_clear(request: HttpRequest) -> None:
    """Forget everything about this visitor: their session and any draft it points to.

    Used by "Exit this page". A new, empty session key is issued so nothing links the
    visitor's next page view to what they did before.
    """
    request.session.flush()
