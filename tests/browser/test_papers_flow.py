"""A draft resolution from a pasted text to its amendments, on the screens of a live committee:
the chair's laptop, the projector and four phones.

Eleven members answer the roll call, so the quota of a draft resolution (and of an unfriendly
amendment) is 3, a fifth of those present rounded up: the two sponsors need a signatory. Every
step is checked where people see it; pushed changes arrive without a reload.
"""

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import (
    ONLINE,
    ContextFactory,
    assert_not_reloaded,
    create_committee,
    mark_not_reloaded,
    open_screens,
    take_roll_call,
)

A, B, C, D = "Argentina", "Canada", "Egypt", "Japan"
OTHERS = ("Brazil", "France", "Ghana", "India", "Kenya", "Mexico", "Norway")

ELEVEN_MEMBERS = """name,iso_code,kind,name_zh,sort_key
Argentina,AR,member,阿根廷,Argentina
Brazil,BR,member,巴西,Brazil
Canada,CA,member,加拿大,Canada
Egypt,EG,member,埃及,Egypt
France,FR,member,法国,France
Ghana,GH,member,加纳,Ghana
India,IN,member,印度,India
Japan,JP,member,日本,Japan
Kenya,KE,member,肯尼亚,Kenya
Mexico,MX,member,墨西哥,Mexico
Norway,NO,member,挪威,Norway
"""

PASTED = """The Special Committee on Peacekeeping Operations,

Recalling its resolution 72/1 on the safety and security of peacekeepers,

Deeply concerned by the number of peacekeepers killed or injured by malicious acts,

1. Requests the Secretary-General to present a plan to improve the safety of peacekeepers, \
covering:
(a) casualty evacuation within the first hour after an injury;
(b) the detection of improvised explosive devices;
2. Urges Member States to deploy the enablers that missions lack, in particular:
(a) helicopters;
(b) field hospitals;
3. Decides to remain seized of the matter.
"""

B_EDIT = "the detection and disposal of improvised explosive devices"
NEW_CLAUSE_2 = "Calls upon Member States to deploy without delay the enablers that missions lack"
HALF_WRITTEN = "Invites regional organizations"
NEW_LAST_CLAUSE = "Invites regional organizations to share their experience of medical evacuation"
QUOTA_MET = "3 of 3 sponsors and signatories"


def document(page: Page, document_id: str) -> Locator:
    """The paper's live region, as every reader's page shows it."""
    return page.locator(f"#document-{document_id}")


def operative_line(page: Page, document_id: str, number: int) -> Locator:
    """The line of one top-level operative clause in the paper's text."""
    return (
        document(page, document_id)
        .locator(".resolution-clause--operative")
        .nth(number - 1)
        .locator(":scope > .resolution-line")
    )


def on_screen(element: Locator) -> float:
    """How far from the top of the screen an element is, as the reader sees it."""
    return element.evaluate("element => element.getBoundingClientRect().top")


def confirm_next_dialog(page: Page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def pending_ask(page: Page, test_id: str, text: str) -> Locator:
    """An ask in the pending area at the top of the phone, where live.js moves it."""
    return page.get_by_test_id("pending-actions").get_by_test_id(test_id).filter(has_text=text)


def is_live(page: Page) -> None:
    """The page just opened is drawn, its scripts run and its websocket joined: its buttons
    work and it misses no push."""
    expect(page.get_by_test_id("connection")).to_have_class(ONLINE)


def answer_ask(page: Page, ask: Locator) -> None:
    """Follow an ask to the paper's page."""
    expect(ask).to_be_visible()
    ask.get_by_role("link", name="Read and answer").tap()
    expect(page.get_by_test_id("paper-actions")).to_be_visible()
    is_live(page)


def write_by_pasting(page: Page, slug: str) -> str:
    """Phone A starts a paper by pasting its text; the id of the paper it created."""
    page.goto(f"/d/{slug}/papers/write/new/")
    page.get_by_label("Title").fill("Safety of peacekeepers")
    page.get_by_test_id("editor-paste").locator("summary").tap()
    page.get_by_test_id("paste-text").fill(PASTED)
    page.get_by_test_id("paste-split").tap()

    preview = page.get_by_test_id("paste-preview")
    expect(preview.get_by_test_id("paste-counts")).to_have_text(
        "2 preambular clauses · 3 operative clauses"
    )
    tree = preview.get_by_test_id("paste-tree")
    expect(tree).to_contain_text("PP2 Deeply concerned by the number of peacekeepers")
    expect(tree).to_contain_text("1(b) the detection of improvised explosive devices")
    expect(tree).to_contain_text("2(b) field hospitals")
    expect(tree).to_contain_text("3 Decides to remain seized of the matter")
    expect(preview.get_by_test_id("paste-unplaced")).to_have_count(0)
    preview.get_by_test_id("paste-confirm").tap()

    expect(page).to_have_url(re.compile(r"/papers/write/\d+/$"))
    expect(page.get_by_test_id("editor-status")).to_have_text("Version 1, saved.")
    created = re.search(r"/papers/write/(\d+)/$", page.url)
    assert created is not None, page.url
    document_id = created[1]
    page.get_by_role("link", name="Read it as it will be printed").tap()
    is_live(page)
    expect(operative_line(page, document_id, 3)).to_contain_text(
        "3. Decides to remain seized of the matter."
    )
    return document_id


def choose_invitee(page: Page, delegation: str) -> Locator:
    """A sponsor chooses the delegation to ask; the choice, as the select shows it."""
    choice = page.get_by_test_id("paper-invite").get_by_label("Ask another delegation to join")
    choice.select_option(label=delegation)
    return choice.locator("option:checked")


def invite(page: Page, delegation: str, *, as_sponsor: bool) -> None:
    choose_invitee(page, delegation)
    page.get_by_test_id("invite-sponsor" if as_sponsor else "invite-signatory").tap()


def mark_actions(page: Page) -> None:
    """Tag the paper's actions as drawn now: a redraw (after a push) drops the tag."""
    page.get_by_test_id("paper-actions").evaluate("section => { section.bimunDrawn = true; }")


def wait_for_actions_redrawn(page: Page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=paper-actions]').bimunDrawn"
    )


def open_paper_from_list(page: Page, slug: str, label: str) -> None:
    """From the floor page to the committee's list of papers, then to one of them."""
    page.goto(f"/d/{slug}/")
    page.get_by_test_id("papers-link").tap()
    page.get_by_test_id("phone-papers").get_by_role("link", name=re.compile(label)).tap()
    expect(page.get_by_test_id("paper-actions")).to_be_visible()
    is_live(page)


def propose(page: Page, change: str, clause: str, text: str, preview_says: str) -> None:
    """Write an amendment on a phone, check its preview, submit it."""
    form = page.get_by_test_id("amendment-form")
    form.get_by_test_id("amendment-change").select_option(change)
    if clause:
        target = form.get_by_test_id("amendment-target")
        option = target.locator("option").filter(has_text=re.compile(rf"^{clause} — "))
        target.select_option(option.get_attribute("value"))
    form.get_by_test_id("amendment-text").fill(text)
    preview = form.get_by_test_id("amendment-preview")
    expect(preview).to_contain_text(preview_says)
    expect(preview.get_by_test_id("preview-clause")).to_contain_text(text)
    form.get_by_test_id("amendment-submit").tap()
    expect(page.get_by_test_id("own-amendment")).to_contain_text("waiting for the Director")


def answer_friendly(page: Page, number: int, *, accept: bool) -> None:
    """A sponsor sees the ask at the top of its phone, then answers on the paper's page."""
    expect(
        pending_ask(page, "amendment-ask", f"Amendment {number} to DR 1.1: friendly?")
    ).to_be_visible()
    ask = page.get_by_test_id("friendly-ask").filter(has_text=f"Amendment {number} by {C}")
    ask.get_by_test_id("amendment-accept" if accept else "amendment-refuse").tap()
    expect(ask).to_have_count(0)


def approve_amendment(dais: Page, number: int) -> None:
    queue = dais.get_by_test_id("amendments-awaiting")
    item = queue.locator("li").filter(has_text=f"Amendment {number} · {C}")
    expect(item).to_be_visible()
    item.get_by_test_id("amendment-approve").click()
    expect(item).to_have_count(0)


def test_a_pasted_paper_becomes_dr_1_1_and_is_amended_on_every_screen(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url, roster=ELEVEN_MEMBERS)
    slug = committee.slug
    screens = open_screens(new_context, phone, live_server_url, committee, [A, B, C, D])
    take_roll_call(screens, marked_by_dais=OTHERS)
    dais, projector = screens.dais, screens.projector
    phone_a, phone_b, phone_c, phone_d = (screens.phones[name] for name in (A, B, C, D))

    # Phone A pastes a resolution, checks how it was split and creates the paper.
    paper = write_by_pasting(phone_a, slug)

    # A asks B to co-sponsor: the ask reaches B's floor page, and B accepts on its phone.
    mark_not_reloaded(phone_b)
    invite(phone_a, B, as_sponsor=True)
    expect(document(phone_a, paper)).to_contain_text(f"Asked to join: {B}")
    ask = pending_ask(phone_b, "paper-ask", f"WP 1.? — {A} asks you to co-sponsor")
    expect(ask).to_be_visible()
    assert_not_reloaded(phone_b)
    answer_ask(phone_b, ask)
    phone_b.get_by_test_id("invitation-accept").tap()
    expect(document(phone_a, paper)).not_to_contain_text("Asked to join")

    # A begins to ask C while B writes in the editor; the autosave keeps B's words, and A's
    # page shows them as they are saved, without undoing A's choice.
    chosen = choose_invitee(phone_a, C)
    mark_actions(phone_a)
    mark_not_reloaded(phone_a)
    phone_b.get_by_test_id("paper-edit").tap()
    expect(phone_b.get_by_test_id("editor-status")).to_have_text("Version 1, saved.")
    phone_b.wait_for_load_state()  # editor.js listens for the typing
    sub_b = (
        phone_b.get_by_test_id("editor-operative")
        .locator(":scope > li")
        .first.locator(":scope > ol > li")
        .nth(1)
    )
    sub_b.locator(":scope > textarea").fill(B_EDIT)
    expect(phone_b.get_by_test_id("editor-status")).to_contain_text("Saved as version 2 at")
    expect(document(phone_a, paper).locator(".resolution-clause--sub").nth(1)).to_have_text(
        f"(b) {B_EDIT};"
    )
    expect(document(phone_a, paper)).to_contain_text("version 2")
    assert_not_reloaded(phone_a)
    wait_for_actions_redrawn(phone_a)
    expect(chosen).to_have_text(C)

    # A asks C to sign; C signs on its phone.
    mark_not_reloaded(phone_c)
    phone_a.get_by_test_id("invite-signatory").tap()
    expect(document(phone_a, paper)).to_contain_text(f"Asked to join: {C}")
    ask = pending_ask(phone_c, "paper-ask", f"WP 1.? — {A} asks you to sign")
    expect(ask).to_be_visible()
    assert_not_reloaded(phone_c)
    answer_ask(phone_c, ask)
    phone_c.get_by_test_id("invitation-accept").tap()
    expect(phone_c.get_by_test_id("paper-unsign")).to_be_visible()

    # A hands it in as a draft resolution: the quota, fixed now, is met; the Director's queue
    # shows it at once, and approving it numbers it on every screen.
    phone_b.get_by_role("link", name="Read it as it will be printed").tap()
    is_live(phone_b)
    mark_not_reloaded(dais, phone_a, phone_b, phone_c, phone_d)
    confirm_next_dialog(phone_a)
    phone_a.get_by_test_id("paper-submit-dr").tap()
    expect(document(phone_a, paper).locator(".document-live__quota")).to_have_text(QUOTA_MET)
    queue = dais.get_by_test_id("documents-awaiting").locator(f'li[data-document="{paper}"]')
    expect(queue).to_contain_text("DR 1.? · Safety of peacekeepers")
    expect(queue).to_contain_text(QUOTA_MET)
    queue.get_by_test_id("document-approve").click()
    public = dais.get_by_test_id("documents-public").locator(f'li[data-document="{paper}"]')
    expect(public).to_contain_text("DR 1.1 · Safety of peacekeepers")
    for page in (phone_a, phone_b, phone_c):
        expect(document(page, paper).locator(".document-live__label")).to_contain_text("DR 1.1")
        expect(document(page, paper).locator(".document-live__status")).to_contain_text(
            f"approved {QUOTA_MET}"
        )
    expect(phone_d.get_by_test_id("phone-papers")).to_contain_text(
        "DR 1.1 Safety of peacekeepers approved 3 of 3 sponsors and signatories"
    )
    assert_not_reloaded(dais, phone_a, phone_b, phone_c, phone_d)

    # The dais opens DR 1.1 on a page of its own and shows it on the projector.
    dais_paper = dais.context.new_page()
    dais_paper.goto(f"/c/{slug}/documents/{paper}/")
    is_live(dais_paper)
    public.get_by_test_id("document-project").click()
    shown = projector.get_by_test_id("projector-document")
    expect(shown).to_be_visible()
    expect(shown).to_contain_text("DR 1.1")
    expect(shown).to_contain_text("2. Urges Member States to deploy the enablers")

    # C, who signed but does not sponsor, proposes to reword clause 2, seeing it as it would read.
    open_paper_from_list(phone_c, slug, "DR 1.1")
    propose(phone_c, "modify", "2", NEW_CLAUSE_2, "Clause 2 would read:")
    expect(document(phone_a, paper)).to_contain_text("Amendment 1")
    approve_amendment(dais, 1)
    answer_friendly(phone_a, 1, accept=True)
    ask_b = pending_ask(phone_b, "amendment-ask", "Amendment 1 to DR 1.1: friendly?")
    expect(ask_b).to_be_visible()

    # Before the last sponsor's yes, C has scrolled down to the form and begun its next
    # amendment.
    form_c = phone_c.get_by_test_id("amendment-form")
    text_c = form_c.get_by_test_id("amendment-text")
    text_c.fill(HALF_WRITTEN)
    form_c.evaluate("form => window.scrollTo(0, window.scrollY + form.getBoundingClientRect().top)")
    assert phone_c.evaluate("window.scrollY") > 200
    where = on_screen(text_c)
    reading = (phone_a, phone_c, dais_paper, projector)
    mark_not_reloaded(*reading)
    answer_friendly(phone_b, 1, accept=True)

    for page in (phone_a, phone_c, dais_paper):
        expect(operative_line(page, paper, 2)).to_contain_text(f"2. {NEW_CLAUSE_2}")
        expect(document(page, paper)).to_contain_text("friendly: applied")
    expect(shown).to_contain_text(f"2. {NEW_CLAUSE_2}")
    expect(shown).not_to_contain_text("Urges Member States")
    assert_not_reloaded(*reading)
    expect(text_c).to_have_value(HALF_WRITTEN)
    # The page was not sent back to its top, and the box being written in has not moved on the
    # screen (what changed above it, C's pending amendment gone, is absorbed by the scroll).
    assert phone_c.evaluate("window.scrollY") > 200
    assert abs(on_screen(text_c) - where) < 40, (where, on_screen(text_c))

    # C finishes its amendment: a new last clause. A takes it as friendly, B refuses: it needs
    # signatures, and D's makes up the quota.
    propose(phone_c, "add-end", "", NEW_LAST_CLAUSE, "A new clause 4 would read:")
    approve_amendment(dais, 2)
    answer_friendly(phone_a, 2, accept=True)
    answer_friendly(phone_b, 2, accept=False)
    collecting = "unfriendly: collecting signatures"
    for page in (phone_a, phone_c, dais_paper):
        amendment = document(page, paper).locator(".amendment-list__item").nth(1)
        expect(amendment).to_contain_text(collecting)
        expect(amendment).to_contain_text("2 of 3 signatures")
    moving = dais.get_by_test_id("amendments-in-progress")
    expect(moving).to_contain_text(collecting)

    open_paper_from_list(phone_d, slug, "DR 1.1")
    signable = phone_d.get_by_test_id("amendment-signable")
    expect(signable).to_contain_text("Amendment 2 is unfriendly: 2 of 3 signatures.")
    signable.get_by_test_id("amendment-sign").tap()
    expect(signable).to_have_count(0)
    waiting = "unfriendly: waiting for the vote"
    for page in (phone_a, phone_c, phone_d, dais_paper):
        expect(document(page, paper).locator(".amendment-list__item").nth(1)).to_contain_text(
            waiting
        )
    expect(moving).to_contain_text(waiting)
    # Not applied: the text keeps three operative clauses until the vote.
    expect(document(phone_a, paper).locator(".resolution-clause--operative")).to_have_count(3)
    assert_not_reloaded(*reading)
