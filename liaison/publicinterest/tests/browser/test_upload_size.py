"""On a phone: a file larger than the server takes is refused in the browser, with a message
next to the field, before anything is sent (the limit set small here: no 60 MB file needed)."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.publicinterest.tests.factories import field, image_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.browser_context_args(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ),
]

LIMIT = 40_000


def test_a_file_over_the_limit_is_refused_before_it_is_sent(
    live: Any, page: Any, screenshot: Any, settings: Any
) -> None:
    settings.LIAISON_MAX_UPLOAD_BYTES = LIMIT
    field("ecology")
    page.goto(f"{live.url}/publicinterest/report/")
    page.wait_for_load_state("networkidle")
    sent: list[str] = []
    page.on("request", lambda request: sent.append(f"{request.method} {request.url}"))

    small = {"name": "小.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}
    big = {"name": "现场大图.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * (LIMIT + 1)}
    photos = page.get_by_label("照片")
    photos.set_input_files(files=[small, big])

    message = page.get_by_test_id("upload-too-big")
    expect(message).to_be_visible()
    expect(message).to_contain_text("现场大图.jpg")
    expect(message).to_contain_text("39.1 KB")  # the limit, as the server writes it
    assert photos.evaluate("input => Array.from(input.files).map(f => f.name)") == ["小.jpg"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("too-big")
    page.wait_for_timeout(800)  # longer than the nearby list's delay: nothing went out
    assert sent == []

    # choosing files that fit takes the message away
    photos.set_input_files(files=[small])
    expect(message).to_be_hidden()
