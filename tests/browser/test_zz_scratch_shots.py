import pytest
from tests.browser.conftest import axe_violations, login, PASSWORD, wait_for_components

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

def test_shots(page, live_server, make_user, axe_source):
    u = make_user("platform")
    for name, path in [("home", "/en/"), ("login_fr", "/fr/accounts/login/"), ("404", "/en/nope/"), ("signup", "/en/accounts/signup/")]:
        page.goto(live_server.url + path)
        wait_for_components(page)
        page.screenshot(path=f"/tmp/scratch/{name}.png", full_page=True)
    page.goto(live_server.url + "/fr/accounts/login/")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    wait_for_components(page)
    page.wait_for_timeout(500)
    page.screenshot(path="/tmp/scratch/login_err.png", full_page=True)
    print("focused:", page.evaluate("() => document.activeElement && document.activeElement.tagName"))
    # sanity: axe detects a planted violation
    page.evaluate("() => { const i = document.createElement('img'); i.src='x.png'; document.querySelector('main').appendChild(i); }")
    v = axe_violations(page, axe_source)
    print("planted:", [x["id"] for x in v])
    login(page, live_server, u.email, PASSWORD)
    wait_for_components(page)
    page.screenshot(path="/tmp/scratch/home_auth.png", full_page=True)
    print("auth home violations:", [(x["id"], [n["target"] for n in x["nodes"]]) for x in axe_violations(page, axe_source)])
    print("problems:", page.guild_problems)
    page.set_viewport_size({"width": 400, "height": 800})
    page.screenshot(path="/tmp/scratch/home_auth_mobile.png", full_page=True)
