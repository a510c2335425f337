"""check_case: the case's figures checked against each other."""

import collective_econ as ce


def test_findings_cover_the_known_inconsistencies():
    findings = {f.topic: f for f in ce.check_case()}
    # seed-facts.md: 1,826 + 23,290 = 25,116, not 25,000
    assert findings["population"].verdict == "inconsistent"
    assert "25,116" in findings["population"].arithmetic
    # seed-facts.md §4: "per-capita income over 10 million" from a 350,000 profit
    assert findings["hotel per-capita gain"].verdict == "inconsistent"
    assert "350 persons" in findings["hotel per-capita gain"].arithmetic
    # seed-facts.md §4: 4.0 or 4.4 million; payback 11.4 or 12.6 years, 8.75% or 7.95%
    inv = findings["hotel investment"].arithmetic
    assert "4,000,000 / 350,000 = 11.4 years or 4,400,000 / 350,000 = 12.6 years" in inv
    assert "8.75% or 350,000 / 4,400,000 = 7.95% a year" in inv
    # every division names its units (the line once read "350,000 / 10,000,000 = 0.035
    # persons": yuan divided by yuan a person is a share of one person)
    gain = findings["hotel per-capita gain"].arithmetic
    assert "350,000 yuan / 10,000,000 yuan per person = 0.035 of one person" in gain
    assert "= 0.035 persons" not in gain
    assert findings["spent grain"].verdict == "consistent"  # S6: supply does not bind
    assert findings["hotel profit (model)"].verdict == "consistent"


def test_a_consistent_case_is_reported_consistent():
    fixed = ce.CaseFacts(non_agricultural_residents=23_174)
    assert {f.topic: f for f in ce.check_case(fixed)}["population"].verdict == "consistent"
