"""Screenshots of papers for the README: the editor, a draft resolution on the projector and an
amendment written on a phone, in English and in Chinese.

Each language gets a committee of its own, so that its paper is DR 1.1 and is written in that
language. The paper is pasted on a phone, co-sponsored and signed to the quota, submitted and
approved through the pages; then the editor (photographed while the paper is still a draft),
the projector and a phone writing an amendment are checked for what they should show and
photographed. The PNGs go where test_screenshots.py puts its own.
"""

import re
from dataclasses import dataclass

from playwright.sync_api import Dialog, Page, Response, expect

from tests.browser.helpers import (
    DESKTOP,
    ONLINE,
    ContextFactory,
    Screens,
    create_committee,
    in_language,
    join_as,
    open_screens,
    save_screenshot,
    screenshot_dir,
    take_roll_call,
    use_language,
)

# Fifteen members of the Special Committee: quota 3 (20 % of 15 present, rounded up).
C34_MEMBERS = """name,iso_code,kind,name_zh,sort_key
Argentina,AR,member,阿根廷,Argentina
Bangladesh,BD,member,孟加拉国,Bangladesh
Brazil,BR,member,巴西,Brazil
Canada,CA,member,加拿大,Canada
China,CN,member,中国,China
Egypt,EG,member,埃及,Egypt
Ethiopia,ET,member,埃塞俄比亚,Ethiopia
France,FR,member,法国,France
Ghana,GH,member,加纳,Ghana
India,IN,member,印度,India
Indonesia,ID,member,印度尼西亚,Indonesia
Japan,JP,member,日本,Japan
Nepal,NP,member,尼泊尔,Nepal
Norway,NO,member,挪威,Norway
Uruguay,UY,member,乌拉圭,Uruguay
"""
WRITER, COSPONSOR = "Ghana", "Norway"
SIGNATORIES = ("Bangladesh", "Uruguay")
AMENDER = "Brazil"
PHONES = (WRITER, COSPONSOR, *SIGNATORIES, AMENDER)


@dataclass(frozen=True)
class Paper:
    """One language's paper, its amendment to clause 2, and what each screenshot must show."""

    language: str  # the interface's, as the language cookie names it
    suffix: str  # of the PNG files
    label: str  # of the draft resolution, as the interface names it
    title: str
    text: str  # as a delegate pastes it
    preambular: tuple[str, ...]  # the texts the editor holds, without numbers or punctuation
    operative: tuple[str, ...]
    sub_clauses: tuple[str, ...]
    amendment: str
    rationale: str
    amended_words: str  # words the preview shows as added
    interface: dict[str, tuple[str, ...]]  # screenshot name -> interface texts it must show


ENGLISH = Paper(
    language="en",
    suffix="en",
    label="DR 1.1",
    title="Safer and faster deployment of peacekeepers",
    text="""The Special Committee on Peacekeeping Operations,

Recalling its previous reports on the comprehensive review of the whole question of \
peacekeeping operations in all their aspects,

Deeply concerned by the growing risks faced by peacekeepers in increasingly complex security \
environments,

1. Requests the Secretary-General to present, before its next substantive session, a report \
on options to strengthen the rapid deployment capacities of the Organization;
2. Urges troop- and police-contributing countries to provide all personnel with \
pre-deployment training on the protection of civilians;
3. Encourages Member States to support peacekeeping operations through:
(a) Partnerships with regional organizations, in particular for training and logistics;
(b) Contributions of the capabilities that missions lack most, including:
(i) Casualty evacuation available at all hours.
""",
    preambular=(
        "Recalling its previous reports on the comprehensive review of the whole question of "
        "peacekeeping operations in all their aspects",
        "Deeply concerned by the growing risks faced by peacekeepers in increasingly complex "
        "security environments",
    ),
    operative=(
        "Requests the Secretary-General to present, before its next substantive session, a "
        "report on options to strengthen the rapid deployment capacities of the Organization",
        "Urges troop- and police-contributing countries to provide all personnel with "
        "pre-deployment training on the protection of civilians",
        "Encourages Member States to support peacekeeping operations through",
    ),
    sub_clauses=(
        "Partnerships with regional organizations, in particular for training and logistics",
        "Contributions of the capabilities that missions lack most, including",
        "Casualty evacuation available at all hours",
    ),
    amendment="Urges troop- and police-contributing countries to provide all military and "
    "police personnel with pre-deployment and in-mission training on the protection of civilians",
    rationale="Training should not stop once a contingent has deployed.",
    amended_words="in-mission",
    interface={
        "editor": (
            "Write WP",
            "Sponsors",
            "Ghana, Norway",
            "Signatories",
            "Bangladesh, Uruguay",
            "Preambular clauses",
            "Save",
        ),
        "projector-dr": ("approved",),
        "phone-amendment": ("Propose an amendment", "Clause 2 would read:", "Words changed:"),
    },
)

CHINESE = Paper(
    language="zh-hans",
    suffix="zh",
    label="决议草案 1.1",
    title="更安全、更快速地部署维和人员",
    text="""维持和平行动特别委员会，

回顾其以往关于全面审查维持和平行动所有方面的整个问题的各项报告，

深表关切维和人员在日益复杂的安全环境中面临的风险不断增加，

1. 请秘书长在下届实质性会议之前提交一份报告，说明加强本组织快速部署能力的各种备选方案；
2. 敦促部队派遣国和警察派遣国在部署前为所有人员提供保护平民培训；
3. 鼓励会员国通过以下方式支持维持和平行动：
（a）与区域组织建立伙伴关系，特别是在培训和后勤方面；
（b）提供特派团最缺乏的能力，包括：
（i）全天候的伤员后送能力。
""",
    preambular=(
        "回顾其以往关于全面审查维持和平行动所有方面的整个问题的各项报告",
        "深表关切维和人员在日益复杂的安全环境中面临的风险不断增加",
    ),
    operative=(
        "请秘书长在下届实质性会议之前提交一份报告，说明加强本组织快速部署能力的各种备选方案",
        "敦促部队派遣国和警察派遣国在部署前为所有人员提供保护平民培训",
        "鼓励会员国通过以下方式支持维持和平行动",
    ),
    sub_clauses=(
        "与区域组织建立伙伴关系，特别是在培训和后勤方面",
        "提供特派团最缺乏的能力，包括",
        "全天候的伤员后送能力",
    ),
    amendment="敦促部队派遣国和警察派遣国在部署前和任务期间为所有军事和警务人员提供保护平民培训",
    rationale="部署之后培训也不应中断。",
    amended_words="任务期间",
    interface={
        "editor": ("撰写", "起草国", "加纳、挪威", "附议国", "孟加拉国、乌拉圭", "保存"),
        "projector-dr": ("已批准",),
        "phone-amendment": ("修正案", "预览"),
    },
)

CHINESE_CHARACTERS = re.compile(r"[\u4e00-\u9fff]")


# Steps ------------------------------------------------------------------------------------------


def _accept_next_dialog(page: Page) -> None:
    def accept(dialog: Dialog) -> None:
        dialog.accept()

    page.once("dialog", accept)


def _paste_paper(page: Page, base_url: str, slug: str, paper: Paper) -> str:
    """On the writer's phone: a new paper from a pasted text. Its editor's URL."""
    page.goto(f"{base_url}/d/{slug}/papers/write/new/")
    page.get_by_label("Title").fill(paper.title)
    page.get_by_test_id("editor-paste").locator("summary").tap()
    page.get_by_test_id("paste-text").fill(paper.text)
    page.get_by_test_id("paste-split").tap()
    preview = page.get_by_test_id("paste-preview")
    expect(preview.get_by_test_id("paste-counts")).to_have_text(
        "2 preambular clauses · 3 operative clauses"
    )
    expect(preview.get_by_test_id("paste-unplaced")).to_have_count(0)
    preview.get_by_test_id("paste-confirm").tap()
    expect(page).to_have_url(re.compile(r"/papers/write/\d+/$"))
    expect(page.get_by_test_id("editor-status")).to_have_text("Version 1, saved.")
    return page.url


def _refreshed_actions(response: Response) -> bool:
    return response.request.method == "GET" and response.url.endswith("/actions/")


def _read_page(page: Page, editor_url: str) -> None:
    """The paper's page on a phone, once its actions have settled: on connecting, the page is
    sent the paper and asks for its actions again, which would swap a form being filled in."""
    with page.expect_response(_refreshed_actions):
        page.goto(editor_url.replace("/papers/write/", "/papers/"))
    expect(page.get_by_test_id("paper-actions")).to_be_visible()
    expect(page.get_by_test_id("connection")).to_have_class(ONLINE)
    _settle(page)


def _settle(page: Page) -> None:
    """Until htmx has been quiet for a second: a push to the page makes it ask for its actions
    again (within 0.8 s, static/js/papers.js), and a form swapped in is live only once settled."""
    page.evaluate(
        """() => new Promise(resolve => {
            const events = ["htmx:beforeRequest", "htmx:afterSettle", "htmx:wsAfterMessage"];
            let timer;
            const done = () => {
                events.forEach(name => document.removeEventListener(name, wait));
                resolve();
            };
            const wait = () => {
                clearTimeout(timer);
                timer = setTimeout(done, 1000);
            };
            events.forEach(name => document.addEventListener(name, wait));
            wait();
        })"""
    )


def _invite(writer: Page, invitee: str, *, as_sponsor: bool) -> None:
    _settle(writer)
    form = writer.get_by_test_id("paper-invite")
    form.get_by_label("Ask another delegation to join").select_option(label=invitee)
    form.get_by_test_id("invite-sponsor" if as_sponsor else "invite-signatory").tap()
    expect(writer.locator(".document-live__invited")).to_contain_text(invitee)


def _accept_invitation(page: Page, editor_url: str) -> None:
    _read_page(page, editor_url)
    page.get_by_test_id("invitation-accept").tap()
    expect(page.get_by_test_id("invitation")).to_have_count(0)


def _gather_support(screens: Screens, editor_url: str) -> None:
    """A co-sponsor and two signatories, each asked by the writer and accepting on its phone."""
    writer = screens.phones[WRITER]
    _read_page(writer, editor_url)
    _invite(writer, COSPONSOR, as_sponsor=True)
    for name in SIGNATORIES:
        _invite(writer, name, as_sponsor=False)
    for name in (COSPONSOR, *SIGNATORIES):
        _accept_invitation(screens.phones[name], editor_url)


def _submit_and_approve(screens: Screens, editor_url: str) -> None:
    writer = screens.phones[WRITER]
    _read_page(writer, editor_url)
    _accept_next_dialog(writer)
    writer.get_by_test_id("paper-submit-dr").tap()
    expect(writer.get_by_test_id("paper-take-back")).to_be_visible()
    awaiting = screens.dais.get_by_test_id("documents-awaiting")
    expect(awaiting).to_contain_text("4 of 3 sponsors and signatories")
    awaiting.get_by_test_id("document-approve").click()
    public = screens.dais.get_by_test_id("documents-public")
    expect(public).to_contain_text("DR 1.1")


def _project(screens: Screens) -> None:
    public = screens.dais.get_by_test_id("documents-public")
    public.get_by_test_id("document-project").click()
    expect(screens.dais.get_by_test_id("projector-controls")).to_contain_text(
        "On the projector: DR 1.1, page 1 of"
    )
    expect(screens.projector.get_by_test_id("projector-document")).to_be_visible()


def _write_amendment(page: Page, paper: Paper) -> None:
    """Modify clause 2, and wait for the live preview of the clause as it would read."""
    form = page.get_by_test_id("amendment-form")
    form.get_by_test_id("amendment-change").select_option("modify")
    target = form.get_by_test_id("amendment-target")
    clause_2 = target.locator("option", has_text=re.compile(r"^2 — "))
    target.select_option(value=clause_2.get_attribute("value"))
    form.locator("textarea[name=rationale]").fill(paper.rationale)
    form.get_by_test_id("amendment-text").fill(paper.amendment)
    preview = form.get_by_test_id("amendment-preview")
    expect(preview.get_by_test_id("preview-clause")).to_contain_text(paper.amendment)
    expect(preview.locator("ins", has_text=paper.amended_words)).to_have_count(1)


# Photographs ------------------------------------------------------------------------------------


def _shows(page: Page, texts: tuple[str, ...] | list[str]) -> None:
    body = page.locator("body")
    for text in texts:
        expect(body).to_contain_text(text)


def _interface_is_chinese(page: Page, selector: str) -> None:
    """The page's own words are Chinese, not only the delegates' text in it."""
    labels = " ".join(page.locator(selector).all_inner_texts())
    assert CHINESE_CHARACTERS.search(labels), labels


def _photograph_editor(
    new_context: ContextFactory, base_url: str, code: str, editor_url: str, paper: Paper
) -> None:
    """The writer's delegation on a laptop, in the editor of its draft."""
    page = new_context(viewport=DESKTOP).new_page()
    join_as(page, base_url, WRITER, code)
    use_language(page, base_url, paper.language)
    page.goto(editor_url)
    in_language(page, paper.language)
    expect(page.get_by_test_id("editor-form")).to_be_visible()
    texts = page.locator("textarea[data-clause-text]")
    expect(texts).to_have_count(len(paper.preambular) + len(paper.operative) + 3)
    for text in (*paper.preambular, *paper.operative, *paper.sub_clauses):
        expect(page.locator("textarea[data-clause-text]", has_text=text)).to_have_count(1)
    labels = page.locator("[data-label]")
    expect(labels).to_have_text(["PP1", "PP2", "1", "2", "3", "3(a)", "3(b)", "3(b)(i)"])
    _shows(page, paper.interface["editor"])
    if paper.language != "en":
        _interface_is_chinese(page, "h1, label, .editor-meta dt")
    # The whole paper at the laptop's width. The window is made as tall as the page instead of
    # a full-page capture, which would leave the sticky save bar where the window's bottom was.
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": DESKTOP["width"], "height": height})
    expect(page.get_by_test_id("editor-save")).to_be_in_viewport()
    save_screenshot(page, screenshot_dir() / f"editor-{paper.suffix}.png")
    page.context.close()


def _photograph_projector(screens: Screens, base_url: str, paper: Paper) -> None:
    page = screens.projector
    use_language(page, base_url, paper.language)
    page.reload()
    in_language(page, paper.language)
    expect(page.get_by_test_id("connection")).to_have_class(ONLINE)
    document = page.get_by_test_id("projector-document")
    expect(document).to_be_visible()
    expect(document).to_contain_text(paper.label)
    expect(document).to_contain_text(paper.title)
    for text in (*paper.preambular, *paper.operative, *paper.sub_clauses):
        expect(document).to_contain_text(text)
    _shows(page, paper.interface["projector-dr"])
    if paper.language != "en":
        _interface_is_chinese(page, ".projector-document__status")
    save_screenshot(page, screenshot_dir() / f"projector-dr-{paper.suffix}.png")


def _photograph_amendment(screens: Screens, base_url: str, editor_url: str, paper: Paper) -> None:
    page = screens.phones[AMENDER]
    use_language(page, base_url, paper.language)
    _read_page(page, editor_url)
    in_language(page, paper.language)
    expect(page.locator("body")).to_contain_text(paper.label)
    _write_amendment(page, paper)
    _shows(page, paper.interface["phone-amendment"])
    if paper.language != "en":
        _interface_is_chinese(page, ".amendment-form h2, .amendment-form label")
    # From the clause chosen down to the preview of how it would read.
    page.locator(".amendment-form__target").evaluate(
        "field => { field.scrollIntoView(); window.scrollBy(0, -12); }"
    )
    expect(page.get_by_test_id("preview-clause")).to_be_in_viewport(ratio=1)
    save_screenshot(page, screenshot_dir() / f"phone-amendment-{paper.suffix}.png")


def _papers_of_one_committee(
    new_context: ContextFactory, phone: ContextFactory, base_url: str, paper: Paper
) -> None:
    committee = create_committee(new_context, base_url, roster=C34_MEMBERS)
    screens = open_screens(
        new_context,
        lambda: phone(device_scale_factor=2),
        base_url,
        committee,
        PHONES,
    )
    others = [line.split(",")[0] for line in C34_MEMBERS.splitlines()[1:]]
    take_roll_call(screens, marked_by_dais=[name for name in others if name not in PHONES])

    editor_url = _paste_paper(screens.phones[WRITER], base_url, committee.slug, paper)
    _gather_support(screens, editor_url)
    _photograph_editor(new_context, base_url, committee.codes[WRITER], editor_url, paper)
    _submit_and_approve(screens, editor_url)
    _project(screens)
    _photograph_projector(screens, base_url, paper)
    _photograph_amendment(screens, base_url, editor_url, paper)


def test_screenshots_of_the_editor_a_projected_dr_and_an_amendment_in_english(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    _papers_of_one_committee(new_context, phone, live_server_url, ENGLISH)


def test_screenshots_of_the_editor_a_projected_dr_and_an_amendment_in_chinese(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    _papers_of_one_committee(new_context, phone, live_server_url, CHINESE)
