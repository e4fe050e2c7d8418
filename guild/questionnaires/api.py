from ninja import Router

from guild.questionnaires.answering.api import register as register_answering
from guild.questionnaires.exports.api import router as exports_router
from guild.questionnaires.results.api import register as register_statistics

router = Router(tags=["questionnaires"])
register_answering(router)
register_statistics(router)
router.add_router("", exports_router)
