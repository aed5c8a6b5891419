from django.urls import path

from . import views as staff_views

urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("export/", staff_views.export, name="export"),
    path("reports/", staff_views.report, name="report"),
    path("reports/region/", staff_views.region_report, name="region_report"),
    path("texts/", staff_views.texts, name="texts"),
    path("<int:pk>/", staff_views.detail, name="detail"),
    path("<int:pk>/audit/", staff_views.audit, name="audit"),
    path("<int:pk>/<slug:action>/", staff_views.act, name="act"),
]
