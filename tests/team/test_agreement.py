"""Agreement statistics against published worked examples and a hand computation."""
from __future__ import annotations

import pytest

from app.team.agreement import ORDER, agreement, cohen_kappa, krippendorff_alpha

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# four observers (rows), twelve units (columns), None = no value.
_ = None
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]


def _units(rows):
    return [[v for v in col if v is not None] for col in zip(*rows)]


@pytest.mark.parametrize("level, published", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_krippendorff_worked_example(level, published):
    assert round(krippendorff_alpha(_units(KRIPPENDORFF_2011), level), 3) == published


def test_ordinal_alpha_follows_the_given_order_not_the_labels():
    letters = {1: "e", 2: "d", 3: "c", 4: "b", 5: "a"}  # reversed alphabetical on purpose
    rows = [[letters.get(v) if v is not None else None for v in row] for row in KRIPPENDORFF_2011]
    alpha = krippendorff_alpha(_units(rows), "ordinal", order=["e", "d", "c", "b", "a"])
    assert round(alpha, 3) == 0.815


def test_cohen_kappa_textbook_example():
    # Altman (1991), Practical Statistics for Medical Research, table 14.2: two
    # radiologists, 85 xeromammograms, four categories; kappa 0.47
    # (observed 63.5%, expected by chance 30.8%).
    table = [[21, 12, 0, 0], [4, 17, 1, 0], [3, 9, 15, 2], [0, 0, 0, 1]]
    pairs = [(i, j) for i in range(4) for j in range(4) for _ in range(table[i][j])]
    assert len(pairs) == 85
    assert round(cohen_kappa(pairs), 4) == 0.4728


def test_hand_computed_small_case():
    # Units: (accepted, rejected), (none, none). By hand:
    # kappa: po 1/2, pe 1/4 -> 1/3; nominal alpha: n=4, Do=2, De=10 -> 1 - 3*2/10 = 0.4.
    pairs = [("accepted", "rejected"), ("none", "none")]
    assert cohen_kappa(pairs) == pytest.approx(1 / 3)
    assert krippendorff_alpha([list(p) for p in pairs], "nominal") == pytest.approx(0.4)


def test_undefined_cases():
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None  # one value only: chance explains all
    assert krippendorff_alpha([["a"], ["b"]]) is None  # no unit with two values
    assert krippendorff_alpha([["a", "a"], ["a", "a"]]) is None
    assert krippendorff_alpha([["a", "b"], ["b", "a"]]) < 0  # systematic disagreement
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2]], "ratio-ish")


def test_library_agreement_by_reviewer(team):
    from app.recommendations.register import link
    from app.team.sync import join, sync
    from tests.conftest import doc_by_file
    from tests.team.conftest import add_annotation

    anna = team("Anna", "anna")
    report = doc_by_file(anna, "iob-evaluatie").id
    reply = doc_by_file(anna, "kabinetsreactie").id
    recs = [add_annotation(anna, report, "recommendation", f"aanbeveling {i}", 12, f"{i}") for i in range(1, 5)]
    resp = add_annotation(anna, reply, "response", "Het kabinet herkent de analyse", 2)
    join(anna, team.folder)
    bram = team("Bram", "bram")
    join(bram, team.folder)
    anna_stances = ["accepted", "partial", "noted", "rejected"]
    bram_stances = ["accepted", "rejected", "noted", "rejected"]
    for rec, a, b in zip(recs, anna_stances, bram_stances):
        link(anna, resp, rec, a)
        link(bram, resp, rec, b)
    sync(bram)
    sync(anna)
    data = agreement(anna)
    assert data["units"] == 4
    assert data["agreement"] == 0.75
    assert data["kappa"] == round(cohen_kappa(list(zip(anna_stances, bram_stances))), 4)
    assert data["alpha_ordinal"] == round(
        krippendorff_alpha([list(p) for p in zip(anna_stances, bram_stances)], "ordinal", list(reversed(ORDER))), 4
    )
    (d,) = data["disagreements"]
    assert d["label"] == "2" and d["distance"] == 2  # partial vs rejected: two steps on the scale
    assert {j["name"]: j["stance"] for j in d["judgements"]} == {"Anna": "partial", "Bram": "rejected"}
