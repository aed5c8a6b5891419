import pytest
from django.contrib.sessions.backends.db import SessionStore

pytestmark = pytest.mark.django_db


def test_exit_this_page_clears_the_session_and_leaves_for_the_neutral_site(client, site_settings):
    site_settings.quick_exit_url = "https://www.example.com/weather"
    site_settings.save()
    session = client.session
    session["draft"] = "something private"
    session.save()
    old_key = session.session_key

    response = client.get("/exit/")

    assert response.status_code == 302
    assert response["Location"] == "https://www.example.com/weather"
    assert "no-store" in response["Cache-Control"]
    assert response["Clear-Site-Data"] == '"cookies", "storage"'
    assert not SessionStore().exists(old_key)


def test_exit_this_page_works_without_a_session(client, site_settings):
    response = client.post("/exit/")
    assert response.status_code == 302
