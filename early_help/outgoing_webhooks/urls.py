from django.urls import path

from . import views

urlpatterns = [
    path("", views.endpoints, name="list"),
    path("add/", views.endpoint_add, name="add"),
    path("<int:pk>/", views.endpoint_detail, name="detail"),
    path("<int:pk>/edit/", views.endpoint_edit, name="edit"),
    path("<int:pk>/rotate-secret/", views.endpoint_rotate, name="rotate"),
    path("<int:pk>/active/", views.endpoint_set_active, name="set_active"),
    path("deliveries/<int:pk>/resend/", views.delivery_resend, name="resend"),
]
