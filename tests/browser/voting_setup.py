"""Two draft resolutions, approved, for the voting browser test: made through the services
in the live server's database (run with the server's settings by `LIVE_SERVER_SCRIPT`).

`python -c LIVE_SERVER_SCRIPT SLUG` prints, as JSON, the ids of DR 1.1 (Argentina and Canada
sponsor it, Egypt signs; Japan's unfriendly amendment strikes its third clause, signed to its
quota by India and Kenya) and DR 1.2 (Brazil, signed by France and Ghana), both approved: the
dais introduces them on its screen, which brings every screen up to date.
"""

import json
import sys
from typing import Any
from unittest import mock

from committee import realtime
from committee.models import Committee, DaisMembership, Delegation
from committee.services import amendments as amend
from tests.committee.voting_room import approved_dr

LIVE_SERVER_SCRIPT = (
    "import django; django.setup(); from tests.browser.voting_setup import main; main()"
)

DR_1_1 = {
    "preambular": [{"text": "Recalling its resolution 49/37 of 9 December 1994"}],
    "operative": [
        {"text": "Requests the Secretary-General to report on rapid deployment", "children": []},
        {"text": "Urges troop-contributing countries to train personnel", "children": []},
        {"text": "Invites regional organizations to share their experience", "children": []},
        {"text": "Decides to remain seized of the matter", "children": []},
    ],
}
DR_1_2 = {
    "preambular": [{"text": "Stressing the safety and security of peacekeepers"}],
    "operative": [
        {"text": "Calls for better casualty evacuation", "children": []},
        {"text": "Decides to remain seized of the matter", "children": []},
    ],
}


def prepare(slug: str) -> dict[str, Any]:
    committee = Committee.objects.get(slug=slug)
    chair = DaisMembership.objects.filter(committee=committee).first().user
    by_name = {d.name: d for d in Delegation.objects.filter(committee=committee)}
    dr1 = approved_dr(
        committee,
        chair,
        by_name["Argentina"],
        ((by_name["Canada"], True), (by_name["Egypt"], False)),
        "Rapid deployment",
        DR_1_1,
    )
    dr2 = approved_dr(
        committee,
        chair,
        by_name["Brazil"],
        ((by_name["France"], False), (by_name["Ghana"], False)),
        "Safety of peacekeepers",
        DR_1_2,
    )
    third = dr1.versions.get(number=dr1.version).body["operative"][2]["id"]
    amendment = amend.amendment_submit(
        committee=committee,
        delegation=by_name["Japan"],
        document_id=dr1.pk,
        action="strike",
        target=third,
        placement="after",
        text="",
        rationale="Regional arrangements are for another resolution",
    )
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    amend.amendment_answer(
        committee=committee,
        delegation=by_name["Argentina"],
        amendment_id=amendment.pk,
        accept=False,
    )
    for signer in ("India", "Kenya"):
        amend.amendment_sign(
            committee=committee, delegation=by_name[signer], amendment_id=amendment.pk
        )
    return {"dr1": dr1.pk, "dr2": dr2.pk, "amendment": amendment.pk}


def main() -> None:
    # The server's screens catch up at its next push: nothing is pushed from here.
    with (
        mock.patch.object(realtime, "broadcast_floor"),
        mock.patch.object(realtime, "broadcast_document"),
    ):
        answer = prepare(sys.argv[1])
    sys.stdout.write(f"\n{json.dumps(answer)}\n")
