"""The ranking's weights and bonuses, and the words that carry no subject."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """The ranking's weights and bonuses. ``motcua bench search`` chooses the tunable ones
    (``TUNABLE``) looking at four life events of the evaluation set and measures them on
    the fifth (leave-one-domain-out); the defaults are what that measure supports."""

    pair: float = 0.8  # per syllable pair of the question found in the name, times its rarity
    cover: float = 2.5  # times the share of the name's (rarity-weighted) syllables the question holds
    pair_cover: float = 3.0  # times the share of the name's syllable pairs the question holds
    synonym: float = 0.6  # the catalogue's words a synonym added, against the question's own
    replaced: float = 0.5  # the everyday words a synonym translated
    purpose: float = 0.5  # times the weight of the words after "để" (the purpose, not the need)
    local_bonus: float = 0.5  # a procedure with agencies in this province, over one without
    level_bonus: float = 0.5  # a procedure at the level the user asked to prefer
    # Priors from the catalogue alone, small enough to only break near ties: people of a
    # province mostly need what its own communes and departments do, and what can be filed online.
    local_level_prior: float = 0.3
    online_prior: float = 0.2
    # A procedure of the field an everyday phrase of the question was written for ("tiền nước":
    # water supply, "sổ đỏ": land), over one of another field that shares its words.
    field_hint: float = 0.5
    unasked_penalty: float = 1.0  # per case the name adds that the question does not ask for
    asked_bonus: float = 0.0  # per case the question asks that the name says
    conflict_penalty: float = 1.0  # per case the question asks that the name contradicts


TUNABLE = {
    "unasked_penalty": (0.0, 0.5, 1.0, 2.0),
    "asked_bonus": (0.0, 1.0),
    "conflict_penalty": (0.0, 1.0, 2.0),
    "synonym": (0.4, 0.6),
}
DEFAULT_WEIGHTS = Weights()
# Words that carry no subject: a question is judged on the others.
FUNCTION_WORDS = frozenset(
    "toi minh em anh cho cua va voi la thi ma de o den can muon phai duoc co khong "
    "lam xin gi nao nhu sao vay a oi nhe ha ay nay kia do roi da se cac nhung mot bao nhieu".split()
)
