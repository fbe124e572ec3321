"""The projector fits its 1920×1080 screen without scrolling, however busy the floor.

Nobody scrolls a projector: whatever does not fit is not seen by the room. The screen is
measured with the longest names of the UN, a long speakers' list and motions on the floor.
"""

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    PROJECTOR,
    ContextFactory,
    Screens,
    add_to_speakers_list,
    create_committee,
    open_dais,
    open_projector,
    take_roll_call,
)

LONG_NAMES = [
    ("United Kingdom of Great Britain and Northern Ireland", "大不列颠及北爱尔兰联合王国", "GB"),
    ("Democratic People's Republic of Korea", "朝鲜民主主义人民共和国", "KP"),
    ("Democratic Republic of the Congo", "刚果民主共和国", "CD"),
    ("Saint Vincent and the Grenadines", "圣文森特和格林纳丁斯", "VC"),
    ("Lao People's Democratic Republic", "老挝人民民主共和国", "LA"),
    ("Bolivia (Plurinational State of)", "多民族玻利维亚国", "BO"),
    ("Venezuela (Bolivarian Republic of)", "委内瑞拉玻利瓦尔共和国", "VE"),
    ("Micronesia (Federated States of)", "密克罗尼西亚联邦", "FM"),
    ("Central African Republic", "中非共和国", "CF"),
    ("United Republic of Tanzania", "坦桑尼亚联合共和国", "TZ"),
    ("Iran (Islamic Republic of)", "伊朗伊斯兰共和国", "IR"),
    ("Republic of Moldova", "摩尔多瓦共和国", "MD"),
]
ROSTER = "name,iso_code,kind,name_zh,sort_key\n" + "".join(
    f'"{name}",{iso},member,{name_zh},"{name}"\n' for name, name_zh, iso in LONG_NAMES
)
NAMES = [name for name, _zh, _iso in LONG_NAMES]
TOPIC = "Safety and security of peacekeepers deployed in volatile environments"


def page_height(page: Page) -> int:
    return page.evaluate("document.scrollingElement.scrollHeight")


def assert_fits(projectors: list[Page], moment: str) -> None:
    for projector in projectors:
        height = page_height(projector)
        assert height <= PROJECTOR["height"], f"{moment}: the projector is {height} px tall"


def enter_moderated_caucus(dais: Page, mover: str, minutes: int, topic: str) -> None:
    details = dais.locator("details.motion-enter")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = dais.get_by_test_id("motion-raise-form")
    form.get_by_test_id("motion-code").select_option("moderated_caucus")
    form = dais.get_by_test_id("motion-raise-form")
    expect(form.get_by_label("Topic")).to_be_visible()
    form.get_by_label("Moved by").select_option(label=mover)
    form.get_by_label("Total time (minutes)").fill(str(minutes))
    form.get_by_label("Speaking time (seconds)").fill("60")
    form.get_by_label("Topic").fill(topic)
    form.get_by_test_id("motion-raise").click()
    queue = dais.get_by_test_id("motion-queue").locator("li[data-motion]")
    expect(queue.filter(has_text=topic)).to_have_count(1)


def test_the_projector_fits_the_screen_with_a_long_list_and_motions_on_the_floor(
    new_context: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url, roster=ROSTER)
    dais = open_dais(new_context, live_server_url, committee.slug)
    projectors = [
        open_projector(new_context, dais),
        open_projector(new_context, dais, locale="zh-CN"),
    ]
    take_roll_call(Screens(committee.slug, dais, projectors[0]), marked_by_dais=NAMES)
    assert_fits(projectors, "after roll call")

    for name in NAMES:
        add_to_speakers_list(dais, name)
    dais.get_by_test_id("speakers-next").click()
    for projector in projectors:
        expect(projector.get_by_test_id("projector-next")).to_be_visible()
    assert_fits(projectors, "a speech with a long list waiting")

    dais.get_by_test_id("speakers-end").click()
    for number, mover in enumerate(NAMES[:5]):
        enter_moderated_caucus(dais, mover, minutes=5 + number, topic=f"{TOPIC} ({number + 1})")
    # The room sees the first four in precedence, and how many more wait.
    for projector in projectors:
        expect(projector.get_by_test_id("projector-queue").locator("li")).to_have_count(4)
    expect(projectors[0].get_by_test_id("projector-queue-more")).to_have_text("and 1 more motion")
    assert_fits(projectors, "five motions on the floor")

    top = dais.get_by_test_id("motion-queue").locator("li[data-motion]").first
    top.get_by_role("button", name="Record the second").click()
    top.get_by_test_id("motion-vote-placard").click()
    for projector in projectors:
        expect(projector.get_by_test_id("projector-motion")).to_be_visible()
    assert_fits(projectors, "a placard vote")
