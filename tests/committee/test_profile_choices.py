"""The secretariat chooses a committee's rules from every profile the engine ships."""

from django.utils import translation

from committee import labels
from committee.forms import CommitteeForm
from committee.procedure.profiles import PROFILE_NAMES


def test_every_profile_is_offered_by_name_in_both_languages():
    choices = dict(CommitteeForm().fields["rules_profile"].choices)
    assert set(PROFILE_NAMES) <= set(choices)
    assert {"hmun", "nmun"} <= set(choices)
    with translation.override("zh-hans"):
        assert "哈佛" in str(labels.PROFILES["hmun"])
        assert "全美" in str(labels.PROFILES["nmun"])
