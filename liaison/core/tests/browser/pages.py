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
