"""A small, valid SEN2 2025 file written by hand, and helpers to plant errors in it."""

from __future__ import annotations

from sendcase.identifiers import make_uln, make_upn

UPN_HART = make_upn(838, 2001, 15, 1)
UPN_MOSS = make_upn(838, 2002, 10, 4)
ULN_KHAN = make_uln(483920511)


def sample(la_code: str = "838") -> str:
    """Four persons: a new plan (Y/Y), a transferred-in plan (H), a refusal (N) and a ceased plan."""
    return f"""<?xml version='1.0' encoding='UTF-8'?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>SEN2</Collection>
      <Year>2025</Year>
      <ReferenceDate>2025-01-16</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>{la_code}</LEA>
      <SoftwareCode>Test</SoftwareCode>
      <Release>1</Release>
      <SerialNo>007</SerialNo>
      <DateTime>2025-02-01T09:00:00</DateTime>
      <DMO>Y</DMO>
      <DCO>N</DCO>
    </Source>
  </Header>
  <Persons>
    <Person>
      <Surname>Hart</Surname>
      <Forename>Amelia</Forename>
      <PersonBirthDate>2015-03-04</PersonBirthDate>
      <Sex>F</Sex>
      <Ethnicity>WBRI</Ethnicity>
      <PostCode>DT1 1AA</PostCode>
      <UPN>{UPN_HART}</UPN>
      <Requests>
        <ReceivedDate>2024-01-15</ReceivedDate>
        <RequestSource>1</RequestSource>
        <RYA>0</RYA>
        <RequestOutcomeDate>2024-02-20</RequestOutcomeDate>
        <RequestOutcome>Y</RequestOutcome>
        <Assessment>
          <AssessmentOutcome>Y</AssessmentOutcome>
          <AssessmentOutcomeDate>2024-05-30</AssessmentOutcomeDate>
          <Week20>0</Week20>
          <NamedPlan>
            <StartDate>2024-05-30</StartDate>
            <PlanDetail>
              <URN>100001</URN>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <PlacementDetail>
            <URN>100001</URN>
            <PlacementRank>1</PlacementRank>
            <EntryDate>2024-05-30</EntryDate>
            <SENunitIndicator>0</SENunitIndicator>
            <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
          </PlacementDetail>
          <SENneed>
            <SENtype>ASD</SENtype>
            <SENtypeRank>1</SENtypeRank>
          </SENneed>
          <LastReview>2024-12-10</LastReview>
        </ActivePlans>
      </Requests>
    </Person>
    <Person>
      <Surname>Khan</Surname>
      <Forename>Zain</Forename>
      <PersonBirthDate>2008-06-01</PersonBirthDate>
      <Sex>M</Sex>
      <Ethnicity>APKN</Ethnicity>
      <PostCode>BH1 1AA</PostCode>
      <UniqueLearnerNumber>{ULN_KHAN}</UniqueLearnerNumber>
      <Requests>
        <RequestOutcome>H</RequestOutcome>
        <Assessment>
          <AssessmentOutcome>H</AssessmentOutcome>
          <NamedPlan>
            <StartDate>2019-09-01</StartDate>
            <PlanDetail>
              <SENSetting>OLA</SENSetting>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
            <PlanDetail>
              <UKPRN>10004321</UKPRN>
              <PlacementRank>2</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>1</ResourcedProvisionIndicator>
            </PlanDetail>
            <PB>1</PB>
            <DP>E</DP>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <TransferLA>865</TransferLA>
          <PlacementDetail>
            <SENSetting>OLA</SENSetting>
            <PlacementRank>1</PlacementRank>
            <EntryDate>2023-09-04</EntryDate>
            <SENunitIndicator>0</SENunitIndicator>
            <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
          </PlacementDetail>
          <SENneed>
            <SENtype>SEMH</SENtype>
            <SENtypeRank>1</SENtypeRank>
          </SENneed>
          <SENneed>
            <SENtype>SLCN</SENtype>
            <SENtypeRank>2</SENtypeRank>
          </SENneed>
          <ReviewMeeting>2024-11-01</ReviewMeeting>
          <ReviewOutcome>M</ReviewOutcome>
          <LastReview>2024-11-20</LastReview>
        </ActivePlans>
      </Requests>
    </Person>
    <Person>
      <Surname>Lee</Surname>
      <Forename>Ivy</Forename>
      <PersonBirthDate>2021-08-09</PersonBirthDate>
      <Sex>F</Sex>
      <Ethnicity>CHNE</Ethnicity>
      <PostCode>DT2 2BB</PostCode>
      <UPNunknown>UN1</UPNunknown>
      <Requests>
        <ReceivedDate>2024-03-01</ReceivedDate>
        <RequestSource>3</RequestSource>
        <RYA>0</RYA>
        <RequestOutcomeDate>2024-04-10</RequestOutcomeDate>
        <RequestOutcome>N</RequestOutcome>
        <RequestMediation>1</RequestMediation>
      </Requests>
    </Person>
    <Person>
      <Surname>Moss</Surname>
      <Forename>Owen</Forename>
      <PersonBirthDate>2005-10-11</PersonBirthDate>
      <Sex>M</Sex>
      <Ethnicity>WOTH</Ethnicity>
      <PostCode>DT3 3DB</PostCode>
      <UPN>{UPN_MOSS}</UPN>
      <Requests>
        <RequestOutcome>H</RequestOutcome>
        <Assessment>
          <AssessmentOutcome>H</AssessmentOutcome>
          <NamedPlan>
            <StartDate>2018-01-10</StartDate>
            <PlanDetail>
              <URN>100002</URN>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>1</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
            <CeaseDate>2024-07-31</CeaseDate>
            <CeaseReason>3</CeaseReason>
          </NamedPlan>
        </Assessment>
      </Requests>
    </Person>
  </Persons>
</Message>
"""


def line_of(text: str, marker: str, after: str = "") -> int:
    """The 1-based line on which `marker` first appears (after the first `after`, if given)."""
    index = text.index(marker, text.index(after) if after else 0)
    return text.count("\n", 0, index) + 1


def plant(text: str, old: str, new: str, *, after: str = "") -> str:
    """Replace the first `old` (after the first `after`, if given) with `new`; `old` must be there."""
    start = text.index(after) if after else 0
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


def section(text: str, start: str, end: str, *, after: str = "") -> str:
    """The text from `start` up to and including `end`, after the first `after`: for cutting out."""
    begin = text.index(start, text.index(after) if after else 0)
    return text[begin : text.index(end, begin) + len(end)]
