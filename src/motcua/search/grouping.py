"""One result per name: the same procedure published more than once under other codes."""

from __future__ import annotations

from motcua.search.ranking import Index

ISSUER_ORDER = {"province": 2, "central": 1}


def group(index: Index, ranked: list[tuple[int, float]]) -> list[tuple[int, float, list[int]]]:
    """One result per name: procedures published more than once under the same name
    (a ministry's and provinces' versions, before and after a change of law) become one
    result with its variants, so they do not take several of the first places.

    The group stands where its best member stands; it is shown as the province's
    own version (agencies here, else issued by a province), else the central one.
    """
    groups: dict[tuple[str, ...], list[tuple[int, float]]] = {}
    order: list[tuple[str, ...]] = []
    for pk, score in ranked:
        key = index.entries[pk].key or (str(pk),)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((pk, score))
    out = []
    for key in order:
        members = groups[key]
        best = members[0][1]

        def preference(item, entries=index.entries):
            entry = entries[item[0]]
            return (-entry.is_local, -ISSUER_ORDER.get(entry.issuer, 0), -item[1], item[0])

        members = sorted(members, key=preference)
        out.append((members[0][0], best, [pk for pk, _ in members[1:]]))
    return out
