"""The home page: what each role sees first."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("role, first_link", [
    ("resident", "/disputes/new"),
    ("grid_worker", "/disputes/new"),
    ("mediator", "/disputes/queue"),
    ("supervisor", "/disputes/supervision"),
    ("adviser", "/advice/queue"),
    ("admin", "/admin/places/"),
])
def test_each_role_gets_its_first_thing_to_do(client, login_as, role, first_link):
    login_as(role)
    html = client.get("/").get_data(as_text=True)
    actions = html[html.index('class="quick-actions"'):]
    assert f'href="{first_link}"' in actions.split("</ul>")[0]


def test_visitors_and_residents_get_the_law_search_first(client, login_as):
    main = client.get("/").get_data(as_text=True).split('<main id="main">')[1]
    assert main.index('action="/kb/search"') < main.index('href="/register"')
    login_as("mediator")
    main = client.get("/").get_data(as_text=True).split('<main id="main">')[1]
    assert main.index('class="quick-actions"') < main.index('action="/kb/search"')
