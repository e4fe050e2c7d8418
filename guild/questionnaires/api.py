from ninja import Router

from guild.questionnaires.api_answering import register as register_answering
from guild.questionnaires.api_statistics import register as register_statistics
from guild.questionnaires.exports.api import router as exports_router

router = Router(tags=["questionnaires"])
register_answering(router)
register_statistics(router)
router.add_router("", exports_router)
