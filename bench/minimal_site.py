"""The yardstick for public_pages.py: the least a Django site can do to serve a page.

One view, no middleware, no database, no templates: it returns the bytes of a real page
(BENCH_PAGE_FILE, saved by public_pages.py) so both servers send the same size. Served by
gunicorn with the project's own gunicorn.conf.py, like the site:

    gunicorn -c gunicorn.conf.py --chdir bench minimal_site:application
"""

import os
from pathlib import Path

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-not-secret",
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)

import django  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

django.setup()

BODY = Path(os.environ["BENCH_PAGE_FILE"]).read_bytes()


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]
application = get_wsgi_application()
