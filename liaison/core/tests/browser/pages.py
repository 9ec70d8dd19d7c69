"""Steps every browser test takes, written once."""

from typing import Any

from liaison.core.tests.factories import PASSWORD


def log_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    """Log in as ``username`` through the Chinese login page, as whoever was logged in before
    logs out (their cookies cleared)."""
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def menu(page: Any, label: str) -> None:
    """Follow the navigation bar's link named ``label``, opening the menu of its field of work
    first when it is in one (``core/navigation.py``: ``NavGroup``)."""
    nav = page.locator("#nav")
    link = nav.get_by_role("link", name=label, exact=True)
    if not link.is_visible():
        named = page.get_by_role("link", name=label, exact=True, include_hidden=True)
        nav.locator(".dropdown").filter(has=named).locator(".dropdown-toggle").click()
    link.click()
