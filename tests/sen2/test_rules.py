# ruff: noqa: E501  (the table of planted errors keeps one case a line)
"""Each SEN2 rule, planted in an otherwise valid file, is reported with its id, person, path and line."""

from __future__ import annotations

import io

import pytest

from sendcase.identifiers import make_upn
from sendcase.sen2.problems import Report
from sendcase.sen2.reader import check_file
from sendcase.sen2.rules import RULES
from tests.sen2.sample import ULN_KHAN, UPN_HART, UPN_MOSS, line_of, plant, sample, section

HART, KHAN, LEE, MOSS = ("<Surname>Hart", "<Surname>Khan", "<Surname>Lee", "<Surname>Moss")
LEE_PERSON = sample().split("    <Person>")[3].split("    </Person>")[0]

# (rule, (old, new, after), marker whose line the problem should point at, path ending, person)
CASES = [
    ("SEN2-R001", ("  </Persons>\n", "", ""), None, "", ""),
    (
        "SEN2-R002",
        ("<Message>", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Message>', ""),
        None,
        "Message",
        "",
    ),
    ("SEN2-R003", ("<Header>", "<Persons/><Header>", ""), "<Persons/>", "Persons", ""),
    ("SEN2-R004", ("<ReferenceDate>2025-01-16", "<ReferenceDate>2025-01-17", ""), "<ReferenceDate>", "ReferenceDate", ""),
    ("SEN2-R005", ("<LEA>838", "<LEA>999", ""), "<LEA>999", "Header/Source/LEA", ""),
    ("SEN2-R010", ("      <Sex>F</Sex>\n", "", HART), "<Ethnicity>WBRI", "Person[1]/Ethnicity", "Amelia Hart"),
    ("SEN2-R011", ("<Sex>F", "<Sex>X", HART), "<Sex>X", "Person[1]/Sex", "Amelia Hart"),
    ("SEN2-R012", ("<URN>100001", "<URN>10001", HART), "<URN>10001", "NamedPlan/PlanDetail[1]/URN", "Amelia Hart"),
    (
        "SEN2-R013",
        ("<PersonBirthDate>2015-03-04", "<PersonBirthDate>2025-02-30", HART),
        "2025-02-30",
        "Person[1]/PersonBirthDate",
        "Amelia Hart",
    ),
    ("SEN2-R014", ("<Sex>F", '<Sex colour="blue">F', HART), "<Sex colour", "Person[1]/Sex", "Amelia Hart"),
    (
        "SEN2-R020",
        ("<PersonBirthDate>2015-03-04", "<PersonBirthDate>2030-03-04", HART),
        "2030-03-04",
        "Person[1]/PersonBirthDate",
        "Amelia Hart",
    ),
    (
        "SEN2-R021",
        ("<PersonBirthDate>2005-10-11", "<PersonBirthDate>1995-10-11", MOSS),
        "1995-10-11",
        "Person[4]/PersonBirthDate",
        "Owen Moss",
    ),
    ("SEN2-R022", ("      <UPNunknown>UN1</UPNunknown>\n", "", LEE), None, "Person[3]/UPNunknown", "Ivy Lee"),
    (
        "SEN2-R023",
        ("</UniqueLearnerNumber>", "</UniqueLearnerNumber>\n      <UPNunknown>UN8</UPNunknown>", KHAN),
        "<UPNunknown>UN8",
        "Person[2]/UPNunknown",
        "Zain Khan",
    ),
    ("SEN2-R024", ("<UPNunknown>UN1", "<UPNunknown>UN4", LEE), "UN4", "Person[3]/UPNunknown", "Ivy Lee"),
    ("SEN2-R025", ("<Surname>Hart</Surname>", "<Surname></Surname>", ""), "<Surname></Surname>", "Person[1]/Surname", ""),
    ("SEN2-R026", ("<PostCode>DT1 1AA", "<PostCode>NOT A PC", HART), "NOT A PC", "Person[1]/PostCode", "Amelia Hart"),
    ("SEN2-R027", ("<PostCode>DT1 1AA", "<PostCode>DT1 1AAAAA", HART), "1AAAAA", "Person[1]/PostCode", "Amelia Hart"),
    ("SEN2-R028", ("  </Persons>", f"    <Person>{LEE_PERSON}    </Person>\n  </Persons>", ""), None, "Person[5]", "Ivy Lee"),
    (
        "SEN2-R030",
        (f"<UPN>{UPN_HART}", f"<UPN>{'Z' if UPN_HART[0] != 'Z' else 'Y'}{UPN_HART[1:]}", ""),
        "<UPN>",
        "Person[1]/UPN",
        "Amelia Hart",
    ),
    ("SEN2-R031", (f"<UPN>{UPN_MOSS}", f"<UPN>{UPN_HART}", MOSS), f"<UPN>{UPN_HART}</UPN>\n      <Requests>\n        <RequestOutcome>H", "Person[4]/UPN", "Owen Moss"),
    (
        "SEN2-R032",
        (f"<UPN>{UPN_HART}", f"<UPN>{make_upn(999, 2001, 15, 1)}", ""),
        "<UPN>",
        "Person[1]/UPN",
        "Amelia Hart",
    ),
    ("SEN2-R033", (f"<UPN>{UPN_HART}", f"<UPN>{UPN_HART[:12]}I", ""), "<UPN>", "Person[1]/UPN", "Amelia Hart"),
    (
        "SEN2-R034",
        (ULN_KHAN, ULN_KHAN[:9] + str((int(ULN_KHAN[9]) + 1) % 10), KHAN),
        "<UniqueLearnerNumber>",
        "Person[2]/UniqueLearnerNumber",
        "Zain Khan",
    ),
    ("SEN2-R040", ("        <ReceivedDate>2024-01-15</ReceivedDate>\n", "", HART), None, "Person[1]/Requests[1]/ReceivedDate", "Amelia Hart"),
    ("SEN2-R041", ("<ReceivedDate>2024-03-01", "<ReceivedDate>2025-01-03", LEE), "2025-01-03", "Person[3]/Requests[1]/ReceivedDate", "Ivy Lee"),
    ("SEN2-R042", ("        <RequestOutcomeDate>2024-02-20</RequestOutcomeDate>\n", "", HART), None, "Person[1]/Requests[1]/RequestOutcomeDate", "Amelia Hart"),
    ("SEN2-R043", ("<RequestOutcomeDate>2024-02-20", "<RequestOutcomeDate>2024-01-10", HART), "2024-01-10", "Requests[1]/RequestOutcomeDate", "Amelia Hart"),
    ("SEN2-R044", ("<RequestOutcomeDate>2024-04-10", "<RequestOutcomeDate>2025-01-20", LEE), "2025-01-20", "Person[3]/Requests[1]/RequestOutcomeDate", "Ivy Lee"),
    (
        "SEN2-R045",
        ("        <RequestOutcome>H", "        <RequestOutcomeDate>2018-01-01</RequestOutcomeDate>\n        <RequestOutcome>H", KHAN),
        "2018-01-01",
        "Person[2]/Requests[1]/RequestOutcomeDate",
        "Zain Khan",
    ),
    (
        "SEN2-R046",
        ("<RequestMediation>1</RequestMediation>", "<RequestMediation>1</RequestMediation>\n        <Assessment><AssessmentOutcome>A</AssessmentOutcome></Assessment>", LEE),
        "<Assessment><AssessmentOutcome>A",
        "Person[3]/Requests[1]/Assessment",
        "Ivy Lee",
    ),
    ("SEN2-R047", ("<RequestSource>1", "<RequestSource>9", HART), "<RequestSource>9", "Person[1]/Requests[1]/RequestSource", "Amelia Hart"),
    ("SEN2-R048", (section(sample(), "<NamedPlan>", "</NamedPlan>", after=KHAN), "", KHAN), None, "Person[2]/Requests[1]/ReceivedDate", "Zain Khan"),
    ("SEN2-R050", ("<AssessmentOutcome>Y</AssessmentOutcome>\n          <AssessmentOutcomeDate>2024-05-30</AssessmentOutcomeDate>", "<AssessmentOutcome>N</AssessmentOutcome>", HART), None, "Person[1]/Requests[1]/Assessment/AssessmentOutcomeDate", "Amelia Hart"),
    ("SEN2-R051", ("<AssessmentOutcomeDate>2024-05-30", "<AssessmentOutcomeDate>2024-02-01", HART), "<AssessmentOutcomeDate>2024-02-01", "Assessment/AssessmentOutcomeDate", "Amelia Hart"),
    ("SEN2-R052", ("<AssessmentOutcomeDate>2024-05-30", "<AssessmentOutcomeDate>2025-01-05", HART), "<AssessmentOutcomeDate>2025-01-05", "Assessment/AssessmentOutcomeDate", "Amelia Hart"),
    ("SEN2-R053", ("<AssessmentOutcome>Y</AssessmentOutcome>\n          <AssessmentOutcomeDate>2024-05-30</AssessmentOutcomeDate>\n          <Week20>0</Week20>", "<AssessmentOutcome>W</AssessmentOutcome>", HART), "<NamedPlan>", "Person[1]/Requests[1]/Assessment/NamedPlan", "Amelia Hart"),
    ("SEN2-R054", ("<StartDate>2024-05-30", "<StartDate>2024-06-02", HART), "<NamedPlan>", "Person[1]/Requests[1]/Assessment/NamedPlan", "Amelia Hart"),
    ("SEN2-R055", ("<AssessmentOutcome>H</AssessmentOutcome>", "<AssessmentOutcome>H</AssessmentOutcome>\n          <Week20>1</Week20>", KHAN), "<Week20>1", "Person[2]/Requests[1]/Assessment/Week20", "Zain Khan"),
    ("SEN2-R056", ("<ActivePlans>", "<ActivePlans>\n          <TransferLA>865</TransferLA>", HART), "<TransferLA>865</TransferLA>\n          <PlacementDetail>\n            <URN>", "ActivePlans/TransferLA", "Amelia Hart"),
    ("SEN2-R060", ("<StartDate>2018-01-10", "<StartDate>2025-02-10", MOSS), "<StartDate>2025-02-10", "Person[4]/Requests[1]/Assessment/NamedPlan/StartDate", "Owen Moss"),
    ("SEN2-R061", ("            <CeaseReason>3</CeaseReason>\n", "", MOSS), "<CeaseDate>", "NamedPlan/CeaseDate", "Owen Moss"),
    ("SEN2-R062", ("<CeaseDate>2024-07-31", "<CeaseDate>2025-01-05", MOSS), "<CeaseDate>2025-01-05", "NamedPlan/CeaseDate", "Owen Moss"),
    ("SEN2-R063", ("              <URN>100001</URN>\n", "", HART), "<PlanDetail>", "NamedPlan/PlanDetail[1]", "Amelia Hart"),
    ("SEN2-R064", ("<PlacementRank>2", "<PlacementRank>1", KHAN), "<PlanDetail>\n              <SENSetting>OLA", "Person[2]/Requests[1]/Assessment/NamedPlan/PlanDetail[1]", "Zain Khan"),
    ("SEN2-R070", ("          </NamedPlan>\n        </Assessment>\n      </Requests>", "          </NamedPlan>\n        </Assessment>\n        <ActivePlans><PlacementDetail><URN>100002</URN><PlacementRank>1</PlacementRank><EntryDate>2018-01-10</EntryDate><SENunitIndicator>0</SENunitIndicator><ResourcedProvisionIndicator>0</ResourcedProvisionIndicator></PlacementDetail><SENneed><SENtype>MLD</SENtype><SENtypeRank>1</SENtypeRank></SENneed></ActivePlans>\n      </Requests>", MOSS), "<ActivePlans><PlacementDetail><URN>100002", "Person[4]/Requests[1]/ActivePlans", "Owen Moss"),
    ("SEN2-R071", (section(sample(), "<NamedPlan>", "</NamedPlan>", after=HART), "", HART), None, "Person[1]/Requests[1]/ActivePlans", "Amelia Hart"),
    ("SEN2-R072", ("      </Requests>\n    </Person>", "      </Requests>\n" + sample().split("    <Person>")[1].split("      <UPN>")[1].split("</UPN>\n")[1].split("    </Person>")[0] + "    </Person>", HART), None, "Person[1]/Requests[2]/ActivePlans", "Amelia Hart"),
    ("SEN2-R073", ("<SENtypeRank>2", "<SENtypeRank>1", KHAN), "<SENneed>\n            <SENtype>SEMH", "Person[2]/Requests[1]/ActivePlans/SENneed[1]", "Zain Khan"),
    ("SEN2-R074", ("<EntryDate>2024-05-30", "<EntryDate>2025-02-01", HART), "<EntryDate>2025-02-01", "PlacementDetail[1]/EntryDate", "Amelia Hart"),
    ("SEN2-R075", ("<LastReview>2024-11-20", "<LastReview>2024-10-20", KHAN), "<LastReview>2024-10-20", "ActivePlans/LastReview", "Zain Khan"),
]  # fmt: skip


def _check(text: str, la_codes: set[str] | None = None) -> Report:
    report = Report()
    check_file(io.BytesIO(text.encode()), report, la_exists=(la_codes or {"838"}).__contains__)
    return report


def test_the_sample_file_breaks_no_rule():
    report = _check(sample())
    assert report.problems == []


def test_every_rule_has_a_planted_error_below():
    assert [case[0] for case in CASES] == list(RULES)


@pytest.mark.parametrize(("rule", "change", "marker", "path", "person"), CASES, ids=[c[0] for c in CASES])
def test_a_planted_error_is_reported_with_its_rule_and_location(rule, change, marker, path, person):
    old, new, after = change
    text = plant(sample(), old, new, after=after)
    report = _check(text)
    found = [p for p in report.problems if p.rule == rule]
    assert found, f"{rule} not reported; got {[p.describe() for p in report.problems]}"
    problem = found[0]
    assert problem.message
    assert problem.path.endswith(path), problem.describe()
    assert person in problem.person
    if marker is not None:
        assert problem.line == line_of(text, marker, after), problem.describe()
    else:
        assert problem.line is not None or rule == "SEN2-R001" and problem.line is None
