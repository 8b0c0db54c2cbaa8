"""SEN2 code lists: the codes match the return, and every code has a label and a choice."""

import pytest

from sendcase import sen2codes
from sendcase.sen2codes import (
    CODE_LISTS,
    AssessmentOutcome,
    CeaseReason,
    CodeList,
    DirectPayment,
    Ethnicity,
    PlanRes,
    PlanWBP,
    RequestOutcome,
    ReviewOutcome,
    SENSetting,
    SENType,
    Sex,
    UPNUnknown,
)


def codes(text: str) -> list[str]:
    return text.split()


# The codes as listed in shared/domain/sen2-return.md A.4, in the order given there.
EXPECTED_CODES: dict[type[CodeList], list[str]] = {
    SENType: codes("SPLD MLD SLD PMLD SEMH SLCN HI VI MSI PD ASD DS OTH"),
    RequestOutcome: codes("Y N A W H"),
    AssessmentOutcome: codes("Y N A W H"),
    CeaseReason: codes("1 2 3 4 5 6 7 8 9"),
    SENSetting: codes("OLA OPA EHE EYP OTH NEET NIEC NIEO"),
    Sex: codes("M F U"),
    Ethnicity: codes(
        "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT"
    ),
    UPNUnknown: codes("UN1 UN2 UN3 UN5 UN8 UN9 UN10"),
    PlanRes: codes("A B"),
    PlanWBP: codes("A T S"),
    DirectPayment: codes("E S H I"),
    ReviewOutcome: codes("A C M"),
}


def test_every_code_list_is_checked() -> None:
    assert set(CODE_LISTS) == set(EXPECTED_CODES)


@pytest.mark.parametrize("code_list", CODE_LISTS, ids=lambda c: c.__name__)
def test_codes_match_the_sen2_return(code_list: type[CodeList]) -> None:
    assert [member.value for member in code_list] == EXPECTED_CODES[code_list]


@pytest.mark.parametrize("code_list", CODE_LISTS, ids=lambda c: c.__name__)
def test_choices_pair_each_code_with_a_plain_label(code_list: type[CodeList]) -> None:
    choices = code_list.choices()
    assert [code for code, _ in choices] == EXPECTED_CODES[code_list]
    for code, label in choices:
        assert isinstance(code, str) and type(code) is str
        assert label and label == label.strip() and not label[0].islower()
        assert code_list(code).label == label


def test_members_compare_equal_to_their_codes() -> None:
    assert SENType.ASD == "ASD"
    assert CeaseReason("5") is CeaseReason.TRANSFERRED_TO_ANOTHER_LA
    assert f"{RequestOutcome.ASSESS}" == "Y"


def test_lists_that_share_codes_keep_their_own_labels() -> None:
    # "Y" is in both outcome lists with different meanings.
    assert RequestOutcome("Y").label != AssessmentOutcome("Y").label
    assert "assessment" in RequestOutcome("Y").label
    assert "EHC plan" in AssessmentOutcome("Y").label


def test_down_syndrome_is_a_2025_code() -> None:
    assert SENType.DS.label == "Down syndrome"
    assert SENType.DS.first_collection_year == 2025
    assert SENType.ASD.first_collection_year is None
    assert SENType.DS not in SENType.for_collection_year(2024)
    assert SENType.DS in SENType.for_collection_year(2025)
    assert len(SENType.for_collection_year(2024)) == 12


def test_request_source_codes_are_not_invented() -> None:
    # The RequestSource code list is [UNCONFIRMED] in the domain notes.
    assert not hasattr(sen2codes, "RequestSource")


def test_undocumented_upn_unknown_codes_are_left_out() -> None:
    for code in ("UN4", "UN6", "UN7"):
        with pytest.raises(ValueError):
            UPNUnknown(code)
