"""Text in the other language kept from a previous version: an edited export that comes
back in one language keeps the translation of everything whose text did not change."""

from dataclasses import replace

from guild.competencies.framework import Competency, Family, Framework, LevelDescriptor


def _pair(old: tuple[str, str], new: tuple[str, str]) -> tuple[str, str]:
    """`new`, with a blank side taken from `old` when the other side did not change."""
    english, french = new
    if not french.strip() and english == old[0]:
        french = old[1]
    if not english.strip() and french == old[1]:
        english = old[0]
    return english, french


def carry_translations(previous: Framework, framework: Framework) -> Framework:
    """`framework` with the blanks of one language filled from `previous`, matching
    families and competencies by identifier and levels by number."""
    families = {family.identifier: family for family in previous.families}
    competencies = {
        competency.identifier: competency
        for family in previous.families
        for competency in family.competencies
    }
    scale = {level.level: level for level in previous.levels_scale}

    def level(old: Competency | None, new: LevelDescriptor) -> LevelDescriptor:
        match = next((lv for lv in old.levels if lv.level == new.level), None) if old else None
        if match is None:
            return new
        english, french = _pair(
            (match.indicators_en, match.indicators_fr), (new.indicators_en, new.indicators_fr)
        )
        return replace(new, indicators_en=english, indicators_fr=french)

    def competency(new: Competency) -> Competency:
        old = competencies.get(new.identifier)
        if old is None:
            return new
        name = _pair((old.name_en, old.name_fr), (new.name_en, new.name_fr))
        description = _pair(
            (old.description_en, old.description_fr), (new.description_en, new.description_fr)
        )
        return replace(
            new,
            name_en=name[0],
            name_fr=name[1],
            description_en=description[0],
            description_fr=description[1],
            levels=[level(old, descriptor) for descriptor in new.levels],
        )

    def family(new: Family) -> Family:
        old = families.get(new.identifier)
        name = _pair((old.name_en, old.name_fr), (new.name_en, new.name_fr)) if old else None
        return replace(
            new,
            name_en=name[0] if name else new.name_en,
            name_fr=name[1] if name else new.name_fr,
            competencies=[competency(member) for member in new.competencies],
        )

    title = _pair((previous.title_en, previous.title_fr), (framework.title_en, framework.title_fr))
    levels_scale = []
    for new in framework.levels_scale:
        old = scale.get(new.level)
        names = _pair((old.name_en, old.name_fr), (new.name_en, new.name_fr)) if old else None
        levels_scale.append(replace(new, name_en=names[0], name_fr=names[1]) if names else new)
    return replace(
        framework,
        title_en=title[0],
        title_fr=title[1],
        families=[family(member) for member in framework.families],
        levels_scale=levels_scale,
    )
