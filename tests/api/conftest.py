"""Calling the API as an app does: signed in through allauth's headless mode, with the
session token in a header and no cookies kept."""

import json

import pytest
from django.test import Client

from tests.lms.factories import PASSWORD

LOGIN = "/_allauth/app/v1/auth/login"


def sign_in(client, user, password=PASSWORD):
    return client.post(LOGIN, {"email": user.email, "password": password}, content_type="application/json")


@pytest.fixture
def app(db):
    """An app's HTTP client: no cookies are kept between its calls, only the token it sends."""
    return Client(enforce_csrf_checks=True)


def token_of(app, user):
    response = sign_in(app, user)
    assert response.status_code == 200, response.content
    app.cookies.clear()
    return response.json()["meta"]["session_token"]


def call(app, method, path, token=None, **kwargs):
    headers = {"HTTP_X_SESSION_TOKEN": token} if token else {}
    if "json" in kwargs:
        kwargs = {"data": json.dumps(kwargs.pop("json")), "content_type": "application/json", **kwargs}
    response = getattr(app, method)(f"/api/v1{path}", **headers, **kwargs)
    app.cookies.clear()
    return response


