"""The delegations of the simulated 1995 Special Committee on Peacekeeping Operations (C34).

What is known, and from where
-----------------------------
* The committee was created by General Assembly resolution 2006 (XIX) of 18 February 1965.
  China became its 34th member in 1989, which gave it the name "C34", and the membership was
  not expanded until 1997 (procedure.md §0.1, sources C34-wiki and C34-dpko). So the 1995
  committee has exactly 34 Member States; every other delegation is an Observer State.
* The casquebleu.org article on the committee (cited in procedure.md §10 as C34-wiki) lists the
  34 members in alphabetical order. Only the beginning of that list could be read while writing
  this file: Afghanistan, Algeria, Argentina, Australia, Austria, Canada, China, Denmark, Egypt,
  El Salvador, Ethiopia, France. These twelve are marked `verified=True` below.
  Because the list is alphabetical, two states that one might expect are absent from it:
  Brazil (would come between Austria and Canada) and Czechoslovakia / the Czech Republic
  (between China and Denmark).
* The Special Committee's 1996 officers came from Nigeria, Argentina, Canada, Japan, Poland and
  Egypt (UN press release GA/PK/137, 1 April 1996), consistent with those states being members.

What is reconstructed, and how uncertain it is
----------------------------------------------
The other 22 members (marked `verified=False`) are reconstructed from general knowledge of the
states appointed in 1965, with the USSR's seat held by the Russian Federation since 1991
(1995 name "Russian Federation"). They were NOT checked against a primary UN document
(the Special Committee's 1995 report, A/50/230, lists its members and should be used to
correct this file). The least certain entries are:
  - Germany and Sweden: included to reach 34; either may be wrong.
  - Yugoslavia: a 1965 appointee; from 1992 the Federal Republic of Yugoslavia did not take
    part in the work of the General Assembly's subsidiary organs (GA resolution 47/1), so its
    seat may have been empty in 1995. It is kept because the 34 seats still existed. It has no
    ISO code: the code YU was withdrawn and no successor's flag is the flag of 1995, so the
    flag is left blank rather than guessed.

The nine delegations the background guide profiles
--------------------------------------------------
China, the United States, the Russian Federation, the United Kingdom, France, Japan, Egypt and
Germany are seated as members. Brazil is not on the (verified) alphabetical list, so it is
seated as an Observer State, as the brief asks for profiled states that were not members.

Observers chosen for the demo
-----------------------------
States that were not among the 34 and were prominent troop contributors in the peacekeeping
debates of 1993-1995: Bangladesh (UNAMIR, UNPROFOR), Ghana (UNAMIR, one of the few contingents
that stayed in Rwanda in 1994) and Malaysia (UNOSOM II, UNPROFOR). Pakistan, the largest
UNOSOM II contributor, is already a member in this reconstruction.

Names are the UN's short names as used in 1995 (e.g. "Russian Federation", "United Kingdom of
Great Britain and Northern Ireland"); the Chinese names are the UN's Chinese short names.
Roll call is alphabetical, so the sort key is the English name.
"""

from dataclasses import dataclass

MEMBER = "member"
OBSERVER = "observer"


@dataclass(frozen=True)
class DemoDelegation:
    name: str
    name_zh: str
    iso_code: str  # ISO 3166-1 alpha-2 for the flag; blank when no honest choice exists
    kind: str
    verified: bool  # membership read in a source (see the module docstring), not reconstructed

    @property
    def sort_key(self) -> str:
        return self.name


MEMBERS: tuple[DemoDelegation, ...] = (
    DemoDelegation("Afghanistan", "阿富汗", "AF", MEMBER, True),
    DemoDelegation("Algeria", "阿尔及利亚", "DZ", MEMBER, True),
    DemoDelegation("Argentina", "阿根廷", "AR", MEMBER, True),
    DemoDelegation("Australia", "澳大利亚", "AU", MEMBER, True),
    DemoDelegation("Austria", "奥地利", "AT", MEMBER, True),
    DemoDelegation("Canada", "加拿大", "CA", MEMBER, True),
    DemoDelegation("China", "中国", "CN", MEMBER, True),
    DemoDelegation("Denmark", "丹麦", "DK", MEMBER, True),
    DemoDelegation("Egypt", "埃及", "EG", MEMBER, True),
    DemoDelegation("El Salvador", "萨尔瓦多", "SV", MEMBER, True),
    DemoDelegation("Ethiopia", "埃塞俄比亚", "ET", MEMBER, True),
    DemoDelegation("France", "法国", "FR", MEMBER, True),
    DemoDelegation("Germany", "德国", "DE", MEMBER, False),
    DemoDelegation("Hungary", "匈牙利", "HU", MEMBER, False),
    DemoDelegation("India", "印度", "IN", MEMBER, False),
    DemoDelegation("Iraq", "伊拉克", "IQ", MEMBER, False),
    DemoDelegation("Italy", "意大利", "IT", MEMBER, False),
    DemoDelegation("Japan", "日本", "JP", MEMBER, False),
    DemoDelegation("Mauritania", "毛里塔尼亚", "MR", MEMBER, False),
    DemoDelegation("Mexico", "墨西哥", "MX", MEMBER, False),
    DemoDelegation("Netherlands", "荷兰", "NL", MEMBER, False),
    DemoDelegation("Nigeria", "尼日利亚", "NG", MEMBER, False),
    DemoDelegation("Pakistan", "巴基斯坦", "PK", MEMBER, False),
    DemoDelegation("Poland", "波兰", "PL", MEMBER, False),
    DemoDelegation("Romania", "罗马尼亚", "RO", MEMBER, False),
    DemoDelegation("Russian Federation", "俄罗斯联邦", "RU", MEMBER, False),
    DemoDelegation("Sierra Leone", "塞拉利昂", "SL", MEMBER, False),
    DemoDelegation("Spain", "西班牙", "ES", MEMBER, False),
    DemoDelegation("Sweden", "瑞典", "SE", MEMBER, False),
    DemoDelegation("Thailand", "泰国", "TH", MEMBER, False),
    DemoDelegation(
        "United Kingdom of Great Britain and Northern Ireland",
        "大不列颠及北爱尔兰联合王国",
        "GB",
        MEMBER,
        False,
    ),
    DemoDelegation("United States of America", "美利坚合众国", "US", MEMBER, False),
    DemoDelegation("Venezuela", "委内瑞拉", "VE", MEMBER, False),
    DemoDelegation("Yugoslavia", "南斯拉夫", "", MEMBER, False),
)

OBSERVERS: tuple[DemoDelegation, ...] = (
    DemoDelegation("Bangladesh", "孟加拉国", "BD", OBSERVER, False),
    DemoDelegation("Brazil", "巴西", "BR", OBSERVER, False),
    DemoDelegation("Ghana", "加纳", "GH", OBSERVER, False),
    DemoDelegation("Malaysia", "马来西亚", "MY", OBSERVER, False),
)

DELEGATIONS: tuple[DemoDelegation, ...] = MEMBERS + OBSERVERS

# The delegations the background guide's "Country Positions" chapter profiles, by flag code.
PROFILED_ISO_CODES: tuple[str, ...] = ("CN", "US", "RU", "GB", "FR", "JP", "EG", "BR", "DE")
