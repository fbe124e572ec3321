"""Access codes: an unambiguous alphabet, unique, and normalised the way people type them."""

import pytest

from committee.models import (
    ACCESS_CODE_ALPHABET,
    ACCESS_CODE_LENGTH,
    DelegationAccess,
    normalise_access_code,
)
from tests import factories


def test_alphabet_has_no_look_alike_characters():
    for confusable in "0O1IL2Z5S8BUV":
        assert confusable not in ACCESS_CODE_ALPHABET


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("abcd efgh", "ABCDEFGH"), (" AbCd-EfGh ", "ABCDEFGH"), ("ABCD\tEFGH", "ABCDEFGH")],
)
def test_typed_codes_are_normalised(typed, stored):
    assert normalise_access_code(typed) == stored


@pytest.mark.django_db
def test_every_imported_delegation_gets_a_unique_well_formed_code(committee_x):
    factories.delegations(committee_x, [f"State {i}" for i in range(40)])
    codes = list(DelegationAccess.objects.values_list("code", flat=True))
    assert len(codes) == 40
    assert len(set(codes)) == 40
    for code in codes:
        assert len(code) == ACCESS_CODE_LENGTH
        assert set(code) <= set(ACCESS_CODE_ALPHABET)


@pytest.mark.django_db
def test_formatted_code_is_two_groups_of_four(delegation_a):
    access = factories.access_of(delegation_a)
    assert access.formatted_code() == f"{access.code[:4]} {access.code[4:]}"
