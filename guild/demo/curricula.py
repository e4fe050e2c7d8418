"""The demo's IM Certificate curriculum, linked to the `im-certificate` programme: version 1
approved with the programme's courses (`data/im-certificate-rules.json`), and version 2, in
which the IM Leadership Course piloted with the leadership programme becomes a core course,
open for endorsement with members' endorsements and comments in English and French and a
few departments' own. The demo member has not spoken yet, so that they can."""

import datetime
import json
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from guild.accounts.models import Role, RoleAssignment, User
from guild.demo.content import DATA
from guild.learning.models import (
    CertificationProgramme,
    Curriculum,
    CurriculumVersion,
    Endorsement,
    EndorsementStance,
)
from guild.learning.services.curricula import (
    curriculum_create,
    endorsement_save,
    version_approve,
    version_new,
    version_open,
    version_update,
)
from guild.members.models import Member
from guild.organizations.models import Community, Department

RULES_FILE = DATA / "im-certificate-rules.json"
CODE = "im-certificate"
NEW_CORE_COURSE = "iml100"
ENDORSERS = 30
OPEN_DAYS = 30
KEPT_EMAILS = ("member@demo.guild.test",)

# (stance, English, French): what members say, each in their first official language.
STATEMENTS: Sequence[tuple[str, str, str]] = (
    ("endorse", "", ""),
    (
        "endorse",
        "The leadership course belongs in the core: managers ask for it.",
        "Le cours de leadership a sa place dans le tronc commun : les gestionnaires le demandent.",
    ),
    (
        "comment",
        "Five days away from the office is hard for small teams; please offer it in parts.",
        "Cinq jours hors du bureau, c'est difficile pour les petites équipes; "
        "offrez-le en modules, s'il vous plaît.",
    ),
    ("endorse", "", ""),
    (
        "endorse",
        "Good balance between records practice and access to information.",
        "Bon équilibre entre la tenue de documents et l'accès à l'information.",
    ),
    (
        "comment",
        "Digital preservation should be a core course, not an elective.",
        "La préservation numérique devrait faire partie du tronc commun, "
        "et non être un cours au choix.",
    ),
    ("endorse", "", ""),
    (
        "comment",
        "Will the pilot participants' course count towards the certificate?",
        "Le cours suivi par les participants au projet pilote comptera-t-il pour le certificat?",
    ),
    (
        "endorse",
        "Clear and realistic for someone starting in information management.",
        "Clair et réaliste pour une personne qui débute en gestion de l'information.",
    ),
    (
        "comment",
        "Please make sure the leadership course is offered in French in the regions.",
        "Veuillez vous assurer que le cours de leadership est offert en français en région.",
    ),
)
# (department code, English, French): departments that spoke through their coordinators.
DEPARTMENTS: Sequence[tuple[str, str, str]] = (
    (
        "esdc",
        "ESDC endorses version 2 and will release its IM staff for the leadership course.",
        "EDSC appuie la version 2 et libérera son personnel de la GI pour le cours de leadership.",
    ),
    (
        "tbs",
        "TBS endorses: the curriculum matches the policy on service and digital.",
        "Le SCT appuie : le programme correspond à la politique sur les services et le numérique.",
    ),
    (
        "lac",
        "LAC endorses, and offers its guides as learning products for the electives.",
        "BAC appuie et offre ses guides comme produits d'apprentissage pour les cours au choix.",
    ),
)


def _structure(rules: dict[str, Any]) -> dict[str, Any]:
    return {key: rules.get(key) for key in ("required", "electives", "capstone")}


def _coordinator(community: Community) -> User | None:
    """A department coordinator of the community (the demo's), to speak for their
    department through the service, as the pages do."""
    assignment = (
        RoleAssignment.objects.filter(role=Role.DEPARTMENT_COORDINATOR, community=community)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment else None


def seed_curriculum(*, community: Community, actor: Any) -> Curriculum | None:
    """The IM Certificate curriculum with its two versions, once; None when the
    certification programme is missing."""
    found = Curriculum.objects.filter(community=community, code=CODE).first()
    if found is not None:
        return found
    programme = CertificationProgramme.objects.filter(community=community, code=CODE).first()
    if programme is None:
        return None
    rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    curriculum = curriculum_create(
        actor=actor,
        community=community,
        code=CODE,
        name_en="IM Certificate",
        name_fr="Certificat en GI",
        summary_en=(
            "The programme of study of the Information Management Certificate: core "
            "courses, two elective groups and a capstone, mapped to the IM competencies."
        ),
        summary_fr=(
            "Le programme d'études du Certificat en gestion de l'information : cours du "
            "tronc commun, deux groupes de cours au choix et un projet intégrateur, "
            "associés aux compétences en GI."
        ),
        programme=programme,
        structure=_structure(rules),
        notes_en="The first version, from the scan of existing IM courses.",
        notes_fr="La première version, tirée du répertoire des cours de GI existants.",
    )
    first = CurriculumVersion.objects.get(curriculum=curriculum, number=1)
    version_open(actor=actor, version=first)
    version_approve(actor=actor, version=first)
    # The first version was approved months ago; the demo tells that story.
    months_ago = timezone.now() - datetime.timedelta(days=150)
    CurriculumVersion.objects.filter(pk=first.pk).update(
        opened_at=months_ago - datetime.timedelta(days=30), approved_at=months_ago
    )

    second = version_new(actor=actor, curriculum=curriculum)
    structure = _structure(rules)
    structure["required"] = [*structure["required"], NEW_CORE_COURSE]
    version_update(
        actor=actor,
        version=second,
        structure=structure,
        notes_en=(
            "The IM Leadership Course, piloted with the leadership programme's participants, "
            "becomes a core course."
        ),
        notes_fr=(
            "Le Cours de leadership en GI, mis à l'essai avec les participants au programme "
            "de leadership, devient un cours du tronc commun."
        ),
    )
    version_open(
        actor=actor,
        version=second,
        closes_on=timezone.localdate() + datetime.timedelta(days=OPEN_DAYS),
    )
    CurriculumVersion.objects.filter(pk=second.pk).update(
        opened_at=timezone.now() - datetime.timedelta(days=12)
    )
    _statements(community, second, _coordinator(community))
    return curriculum


def _statements(community: Community, version: CurriculumVersion, coordinator: User | None) -> None:
    """Members' statements, written as rows: the generated members have no sign-in to act
    with (as for their answers and assessments). The coordinator's goes through the service."""
    members = list(
        Member.objects.filter(communities=community, is_active=True, user__isnull=True)
        .exclude(work_email__in=KEPT_EMAILS)
        .order_by("pk")
    )
    step = max(len(members) // ENDORSERS, 1)
    chosen = members[::step][:ENDORSERS]
    rows = []
    for index, member in enumerate(chosen):
        stance, english, french = STATEMENTS[index % len(STATEMENTS)]
        text = french if member.first_official_language == "fr" else english
        rows.append(
            Endorsement(
                version=version,
                member=member,
                stance=stance,
                text=text,
                language=member.first_official_language or "en",
            )
        )
    departments = {
        d.code: d for d in Department.objects.filter(code__in=[c for c, *_ in DEPARTMENTS])
    }
    speaker_department = None
    if coordinator is not None:
        own = Member.objects.filter(user=coordinator).select_related("department").first()
        speaker_department = own.department.code if own else None
    for code, english, _french in DEPARTMENTS:
        department = departments.get(code)
        # Only a coordinator of the department may speak for it, as on the pages: the
        # demo's own coordinator, through the service.
        if department is None or coordinator is None or code != speaker_department:
            continue
        endorsement_save(
            actor=coordinator,
            version=version,
            stance=EndorsementStance.ENDORSE,
            text=english,
            department=department,
        )
    for row in rows:
        row.full_clean()
    Endorsement.objects.bulk_create(rows)
    # Spread over the days the version has been open, newest last.
    now = timezone.now()
    for days, pk in enumerate(
        Endorsement.objects.filter(version=version).order_by("-pk").values_list("pk", flat=True)
    ):
        Endorsement.objects.filter(pk=pk).update(
            updated_at=now - datetime.timedelta(hours=7 * days)
        )
