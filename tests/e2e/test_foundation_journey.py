"""A new resident registers on a phone, switches language and logs out and in again."""
from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import html_of, screenshot

pytestmark = pytest.mark.e2e


def test_resident_registers_switches_language_and_logs_in(live_server, page, make_user):
    page.goto(f"{live_server}/register")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.fill("#phone", "13712345678")
    page.fill("#name", "符阿妹")
    page.select_option("#village", label="测试村")
    page.fill("#password", "short")
    page.fill("#confirm", "short")
    page.click("#submit")
    assert "密码至少要有 8 个字符" in html_of(page)
    assert page.input_value("#name") == "符阿妹"  # kept after the refusal
    screenshot(page, "register-refused-zh_Hans")

    page.fill("#password", "long-enough-1")
    page.fill("#confirm", "long-enough-1")
    page.click("#submit")
    assert "欢迎您，符阿妹" in html_of(page)

    page.click("button[value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()
    screenshot(page, "home-resident-en")
    page.click("button[value=zh_Hant]")
    assert "退出登錄" in html_of(page)

    page.get_by_role("button", name="退出登錄").click()
    page.goto(f"{live_server}/login")
    page.fill("#phone", "13712345678")
    page.fill("#password", "long-enough-1")
    page.click("#submit")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"  # kept in the profile


def test_admin_sees_admin_navigation(live_server, page, make_user):
    admin = make_user("admin")
    page.goto(f"{live_server}/admin/places/")
    assert "/login" in page.url
    page.fill("#phone", admin.phone)
    page.fill("#password", PASSWORD)
    page.click("#submit")
    assert page.url.endswith("/admin/places/")
    assert page.get_by_role("link", name="工作人员账号").is_visible()
    screenshot(page, "admin-places-zh_Hans")
