"""Sizes and shapes: members shared out by weight, and a department's org chart with
each position's supervisor."""

from guild.demo.positions import DG, DIRECTOR, MANAGER, OFFICER, SENIOR


def apportion(total: int, weights: dict[str, int], minimum: int = 0) -> dict[str, int]:
    """Split `total` by weight (largest remainder), giving each key at least `minimum`."""
    counts = dict.fromkeys(weights, minimum)
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError(f"{total} is too few to give {len(weights)} groups {minimum} each.")
    weight_sum = sum(weights.values())
    quotas = {key: rest * weight / weight_sum for key, weight in weights.items()}
    for key, quota in quotas.items():
        counts[key] += int(quota)
    left = total - sum(counts.values())
    by_remainder = sorted(weights, key=lambda key: (-(quotas[key] - int(quotas[key])), key))
    for key in by_remainder[:left]:
        counts[key] += 1
    return counts


def org_chart(size: int) -> list[tuple[str, int | None]]:
    """A department's positions, top down: (tier, index of its supervisor or None).
    Supervisors always come before their reports, so the chart has no cycles."""
    if size <= 0:
        return []
    if size < 5:
        return [(DIRECTOR, None)] + [(OFFICER, 0)] * (size - 1)
    chart: list[tuple[str, int | None]] = []
    if size >= 30:
        chart.append((DG, None))
        directors = max(2, round(size / 120))
        chart += [(DIRECTOR, 0)] * directors
        heads = list(range(1, directors + 1))
    else:
        chart.append((DIRECTOR, None))
        heads = [0]
    team_and_managers = size - len(chart)
    managers = max(1, round(team_and_managers / 9))
    first_manager = len(chart)
    chart += [(MANAGER, heads[i % len(heads)]) for i in range(managers)]
    team = size - len(chart)
    for i in range(team):
        tier = SENIOR if i % 4 == 3 else OFFICER
        chart.append((tier, first_manager + i % managers))
    return chart
