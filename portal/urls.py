from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from early_help.api_clients.api import api as api_v1
from early_help.texts import webhooks as sms_webhooks
from portal import health

urlpatterns = [
    # Outside the language prefixes and the SSL redirect (SECURE_REDIRECT_EXEMPT), so a load
    # balancer can probe each process over plain HTTP.
    path("healthz/live", health.live, name="healthz_live"),
    path("healthz/ready", health.ready, name="healthz_ready"),
    # Wagtail's own login is a plain Django login: send it to allauth so nobody skips MFA.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("exit/", cms_views.quick_exit, name="quick_exit"),
    path("sms/status/", sms_webhooks.status_callback, name="sms_status"),
    path("sms/inbound/", sms_webhooks.inbound, name="sms_inbound"),
    # Case-management systems (token auth, no session, no language prefix).
    path("api/v1/", api_v1.urls),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("council.css", cms_views.council_stylesheet, name="council_stylesheet"),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# English lives at the root so the commonest visit needs no redirect; other languages
# carry their prefix (/ur/, /pl/...).
urlpatterns += i18n_patterns(
    path("search/", cms_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
