"""Screenshots for the README: a session in progress on all four screens, in both languages.

A committee of its own (the Security Council of 1995) is taken through roll call, a general
speakers' list and a moderated caucus moved on a phone; then the dais, the projector, a phone
and the secretariat's dashboard are photographed in English and in Chinese, each checked for
what it should show.

The PNGs go to test-artifacts/screenshots/; with BIMUN_WRITE_SCREENSHOTS=1 they go to
docs/screenshots/ instead, to be committed (so an ordinary test run never rewrites them).
"""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    ONLINE,
    SCREENSHOT_MAX_BYTES,
    SECRETARIAT,
    ContextFactory,
    Screens,
    add_to_speakers_list,
    create_committee,
    open_screens,
    raise_moderated_caucus,
    roster_row,
    screenshot_dir,
)

# The Security Council in 1995: five permanent and ten elected members.
UNSC_1995 = """name,iso_code,kind,name_zh,sort_key
Argentina,AR,member,阿根廷,Argentina
Botswana,BW,member,博茨瓦纳,Botswana
China,CN,member,中国,China
Czech Republic,CZ,member,捷克共和国,Czech Republic
France,FR,member,法国,France
Germany,DE,member,德国,Germany
Honduras,HN,member,洪都拉斯,Honduras
Indonesia,ID,member,印度尼西亚,Indonesia
Italy,IT,member,意大利,Italy
Nigeria,NG,member,尼日利亚,Nigeria
Oman,OM,member,阿曼,Oman
Russian Federation,RU,member,俄罗斯联邦,Russian Federation
Rwanda,RW,member,卢旺达,Rwanda
United Kingdom,GB,member,联合王国,United Kingdom
United States,US,member,美利坚合众国,United States
"""
PHONE_A, PHONE_B = "Germany", "Argentina"  # the photographed phone, and the mover
TOPIC = "Safe areas in Bosnia and Herzegovina"


def _session_in_progress(screens: Screens) -> None:
    """Roll call, a filled speakers' list, then a moderated caucus with a speaker."""
    dais = screens.dais
    phone_a, phone_b = screens.phones[PHONE_A], screens.phones[PHONE_B]
    dais.get_by_role("button", name="Open a session").click()
    dais.get_by_test_id("roll-call-start").click()
    phone_a.get_by_test_id("answer-present-and-voting").tap()
    phone_b.get_by_test_id("answer-present").tap()
    others = [
        line.split(",")[0]
        for line in UNSC_1995.splitlines()[1:]
        if line.split(",")[0] not in (PHONE_A, PHONE_B, "Rwanda")
    ]
    for name in others:  # Rwanda has not arrived: not everybody is ever on time
        roster_row(dais, name).get_by_test_id("mark-present").click()
        expect(roster_row(dais, name)).to_have_attribute("data-status", "present")
    expect(dais.get_by_test_id("present-count")).to_have_text("14")
    dais.get_by_test_id("roll-call-close").click()
    expect(dais.get_by_test_id("roll-call-start")).to_be_visible()

    for name in ("France", "Nigeria", PHONE_B, "China", "Indonesia", "Italy"):
        add_to_speakers_list(dais, name)
    dais.get_by_test_id("speakers-next").click()
    expect(dais.get_by_test_id("speakers-holder")).to_have_text("France")
    dais.get_by_test_id("speakers-end").click()
    expect(dais.get_by_test_id("speakers-end")).to_have_count(0)

    raise_moderated_caucus(phone_b, minutes=15, seconds=60, topic=TOPIC)
    phone_a.get_by_test_id("phone-second").get_by_test_id("motion-second").tap()
    queue = dais.get_by_test_id("motion-queue").locator("li[data-motion]")
    expect(queue.get_by_text("needs a second")).to_have_count(0)
    queue.first.get_by_test_id("motion-vote-placard").click()
    count = dais.get_by_test_id("motion-count-form")
    count.get_by_label("Yes").fill("11")
    count.get_by_label("No").fill("2")
    count.get_by_test_id("motion-vote-close").click()
    expect(dais.get_by_test_id("motion-result")).to_contain_text("carried")

    # The mover speaks first; then Germany raises its placard and waits its turn.
    phone_b.get_by_test_id("caucus-mover-choice").get_by_role("button", name="First").tap()
    dais.get_by_test_id("caucus-required").get_by_role("button", name="Recognise").click()
    expect(dais.get_by_test_id("caucus-speaker")).to_contain_text(PHONE_B)
    dais.get_by_test_id("caucus-slot-end").click()
    phone_a.get_by_test_id("caucus-raise").tap()
    dais.get_by_test_id("caucus-queue").get_by_role("button", name=f"Recognise {PHONE_A}").click()
    expect(phone_a.get_by_test_id("caucus-recognised")).to_be_visible()
    phone_b.get_by_test_id("caucus-raise").tap()
    expect(dais.get_by_test_id("caucus-queue")).to_contain_text(PHONE_B)


def _switch_language(page: Page, base_url: str, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    page.reload()
    expect(page.locator("html")).to_have_attribute(
        "lang", "zh-Hans" if language == "zh-hans" else "en"
    )
    expect(page.get_by_test_id("connection")).to_have_class(ONLINE)


def _photograph(page: Page, path: Path) -> None:
    # The top of each page, as it opens (the dais's caucus panel is below the fold).
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=path, animations="disabled", caret="initial")
    size = path.stat().st_size
    assert 0 < size < SCREENSHOT_MAX_BYTES, f"{path.name} is {size} bytes"


def test_screenshots_of_a_session_in_progress_in_both_languages(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(
        new_context,
        live_server_url,
        name="Security Council",
        name_zh="安全理事会",
        acronym="UNSC",
        topic="The situation in the former Yugoslavia",
        topic_zh="前南斯拉夫局势",
        roster=UNSC_1995,
    )
    screens = open_screens(
        new_context,
        # Retina-sharp but small enough files: twice the CSS pixels, not three times.
        lambda: phone(device_scale_factor=2),
        live_server_url,
        committee,
        [PHONE_A, PHONE_B],
    )
    secretariat = new_context(signed_in_as=SECRETARIAT).new_page()
    secretariat.goto(f"{live_server_url}/secretariat/")
    _session_in_progress(screens)
    summary = secretariat.locator(f'tr[data-committee="{committee.slug}"]')
    expect(summary).to_have_attribute("data-phase", "mod_caucus")

    pages = {
        "dais": screens.dais,
        "projector": screens.projector,
        "phone": screens.phones[PHONE_A],
        "secretariat": secretariat,
    }
    # What each screen must show, in each language, before it is photographed.
    expected = {
        "en": {
            "dais": ["Security Council", "Moderated caucus", TOPIC, "Raised placards"],
            "projector": ["Moderated caucus", TOPIC, "14 present · quorum met", PHONE_A],
            "phone": ["You are recognised — speak now", TOPIC, "14 present · quorum met"],
            "secretariat": ["Secretariat", "Security Council", "14 / 15 present", TOPIC],
        },
        "zh-hans": {
            "dais": ["安全理事会", "有主持核心磋商", TOPIC, "德国"],
            "projector": ["有主持核心磋商", TOPIC, "德国"],
            "phone": ["已准予本代表团发言——请发言", TOPIC, "德国"],
            "secretariat": ["秘书处", "安全理事会", TOPIC],
        },
    }
    folder = screenshot_dir()
    for language, suffix in (("en", "en"), ("zh-hans", "zh")):
        for name, page in pages.items():
            if language != "en":
                _switch_language(page, live_server_url, language)
            body = page.locator("body")
            for text in expected[language][name]:
                expect(body).to_contain_text(text)
            if language != "en":
                # The page itself is in Chinese, not just the names in it.
                headings = " ".join(page.locator("h1, h2, .projector__label").all_inner_texts())
                assert re.search(r"[\u4e00-\u9fff]", headings), (name, headings)
            _photograph(page, folder / f"{name}-{suffix}.png")
