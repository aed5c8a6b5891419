from django.urls import path

from . import staff_views as views

urlpatterns = [
    path("", views.feedback_list, name="list"),
    path("report/", views.feedback_report, name="report"),
    path("mine/", views.feedback_mine, name="mine"),
    path("links/<int:pk>/qr.<str:kind>/", views.link_qr, name="qr"),
    path("links/<int:pk>/<slug:action>/", views.link_act, name="link_act"),
    path("<int:pk>/", views.feedback_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.feedback_act, name="act"),
]
