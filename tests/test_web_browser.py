"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) on a live server:
log in, open the seed article, toggle a layer, hover, correct an event, read the audit log.

Screenshots go to tests/output/ (git-ignored) so a person can check what the page shows.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from eventsift.store import Store  # noqa: E402
from eventsift.store.review import ReviewStore  # noqa: E402
from eventsift.web import create_app  # noqa: E402
from web_support import HOSTILE_ID, LiveServer, hostile_document  # noqa: E402

SHOTS = Path(__file__).parent / "output" / "web"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, seed_result):
    store = Store(str(tmp_path_factory.mktemp("browser") / "web.db"))
    store.put(seed_result)
    store.put(hostile_document())
    token = ReviewStore(store).add_user("alice", "admin")
    with LiveServer(create_app(store)) as server:
        yield {"url": server.url, "token": token, "doc": seed_result}


@pytest.fixture(scope="module")
def page(site):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.dialogs = dialogs
        yield tab
        context.close()
        browser.close()


def background(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


def test_review_flow_in_a_browser(site, page):
    url, doc = site["url"], site["doc"]
    page.goto(f"{url}/login")
    page.fill("input[name=token]", site["token"])
    page.click("button[type=submit]")
    assert "alice (admin)" in page.inner_text("header")

    # the seed article with its layers highlighted
    page.goto(f"{url}/documents/{quote(doc['id'], safe='')}")
    article = page.locator("#doctext")
    assert article.inner_text().strip()[:40] == doc["text"].strip()[:40]
    for layer in ("actors", "places", "times", "attributions", "events", "framing"):
        assert page.locator(f"#doctext .hl.l-{layer}").count() > 0, layer
    actor = page.locator("#doctext .hl.l-actors:not(.l-events):not(.l-places):not(.l-times)").first
    assert background(actor) not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(SHOTS / "1-document-layers.png"), full_page=False)

    # hovering an event trigger shows its normalised values and who says so
    page.locator("#doctext .hl.l-events").first.hover()
    hover = page.locator("#hover")
    hover.wait_for(state="visible")
    assert "status" in hover.inner_text() and "confidence" in hover.inner_text()
    page.screenshot(path=str(SHOTS / "2-hover-event.png"))

    # toggle the actors layer off: its highlight goes, the others stay
    page.uncheck("#t-actors")
    assert background(actor) in ("rgba(0, 0, 0, 0)", "transparent")
    assert background(page.locator("#doctext .hl.l-events").first) not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(SHOTS / "3-actors-off.png"))
    page.check("#t-actors")

    # mark a framing span wrong from the side list
    first_framing = page.locator("ul.framing li").first
    first_framing.locator("button.wrong").click()
    page.wait_for_load_state()
    assert "wrong" in page.locator("ul.framing li").first.inner_text()
    assert page.locator("#doctext .hl.l-framing.r-wrong").count() > 0

    # correct an event through the review form
    event = doc["events"][0]
    page.click(f".evlist a:text-is('{event['id']}')")
    page.wait_for_url("**/events/**")
    page.select_option("select[name=status]", "hedged")
    page.fill("input[name=fatalities]", "7")
    page.fill("input[name=note]", "checked against the wire report")
    page.click("#save-review")
    page.wait_for_load_state()
    assert page.inner_text("#review-state") == "corrected"
    assert page.inner_text("#field-fatalities td.value").startswith("7")
    assert page.inner_text("#field-status td.value") == "hedged"
    page.screenshot(path=str(SHOTS / "4-event-corrected.png"), full_page=True)

    # the audit log names who changed what, before and after
    page.goto(f"{url}/audit")
    row = page.locator("#audit tbody tr").first
    text = row.inner_text()
    assert "alice" in text and "event.review" in text and f"{doc['id']}/{event['id']}" in text
    assert "fatalities" in row.locator("td.changes").inner_text() and "→ 7" in row.locator("td.changes").inner_text()
    row.locator("details").nth(1).click()
    assert '"best": 7' in row.inner_text()
    page.screenshot(path=str(SHOTS / "5-audit.png"))

    # the document page now shows the event as reviewed
    page.goto(f"{url}/documents/{quote(doc['id'], safe='')}")
    assert "corrected" in page.locator(".evlist li").first.inner_text()
    assert page.dialogs == []


def test_hostile_document_renders_safely(site, page):
    page.goto(f"{site['url']}/documents/{quote(HOSTILE_ID, safe='')}")
    text = page.inner_text("#doctext")
    assert "<script>alert('x1')</script>" in text and "onerror" in text
    assert page.evaluate("document.querySelectorAll('#doctext script, #doctext img, #doctext svg').length") == 0
    # the 20,000-character line wraps instead of widening the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400 + 20
    page.locator("#doctext .hl.l-framing").first.hover()
    page.screenshot(path=str(SHOTS / "6-hostile.png"))
    assert page.dialogs == []
    assert page.title().startswith("<script>")  # the title is text, not markup



def test_map_draws_country_outlines_under_the_points(site, page):
    page.goto(f"{site['url']}/map")
    assert page.locator("svg.map path.land").count() > 150
    assert page.locator("svg.map path.land.active").count() >= 1  # the seed's countries are shaded
    assert page.locator("svg.map circle.pt").count() >= 1
    page.screenshot(path=str(SHOTS / "7-map.png"))
    assert page.dialogs == []
