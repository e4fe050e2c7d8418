"""The questionnaires API, mounted at /questionnaires. Each subject package declares its
endpoints on its own router. Answering's is the root, as `GET /questionnaires` itself
lists the questionnaires open to me; results, exports and definition (import reviews) are
mounted on it."""

from guild.questionnaires.answering.api import router
from guild.questionnaires.definition.api import router as definition_router
from guild.questionnaires.exports.api import router as exports_router
from guild.questionnaires.results.api import router as results_router

router.add_router("", results_router)
router.add_router("", exports_router)
router.add_router("", definition_router)

__all__ = ["router"]
