"""The adjudication committee in the demo (seed 001): the Chengzhong court's judge schedules two
sessions and invites the Chengzhong procuratorate. One was held a week ago with the chief
procurator attending, the opinion given recorded on a case both sides follow; the other is in
ten days, the invitation awaiting the procuratorate's answer, a second case on its agenda
withdrawn with the reason. Every step through the real
actions (the held session's time is moved into the past once scheduled, as time passing
would); called from ``core/demo/`` after the courts' demo, whose matters it links."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.courts.models import SupervisionCase
from liaison.orgs.models import Organisation
from liaison.workflow.actions import transition
from liaison.workflow.models import Matter

from .actions import agenda_item_add, agenda_item_withdraw, session_schedule
from .models import AgendaItem, CommitteeSession
from .selectors import linkable_matters


def _at_half_past_two(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(14, 30)))


def _case_both_follow(judge: User, procuratorate: Organisation) -> Matter:
    """The supervision case, where the court sees it; else a recommendation served on the court
    (the supervision's own is drafted only)."""
    seen = linkable_matters(access_for(judge)).filter(owner=procuratorate)
    supervision = seen.filter(pk__in=SupervisionCase.objects.values("pk")).first()
    return supervision or seen.first()  # type: ignore[return-value]


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    procuratorate, court = orgs["cz"], orgs["cz_court"]
    judge, chief = users["cz_judge"], users["cz_chief"]
    case = _case_both_follow(judge, procuratorate)

    held = session_schedule(
        access=access_for(judge),
        title="2026年第23次审判委员会会议",
        scheduled_at=_at_half_past_two(10),
        place="城中区人民法院审判委员会会议室",
        procuratorate=procuratorate,
        court_case_number="（2026）青0103执监4号",
        summary="执行款扣划后逾期未发放一案，检察机关已提出检察建议，讨论是否纠正。",
        matter=case,
    )
    transition(
        matter=held, name="confirm", access=access_for(chief), data={"attendee": str(chief.pk)}
    )
    CommitteeSession.objects.filter(pk=held.pk).update(scheduled_at=_at_half_past_two(-7))
    held = CommitteeSession.objects.get(pk=held.pk)
    item = AgendaItem.objects.get(session=held)
    transition(
        matter=held,
        name="hold",
        access=access_for(judge),
        data={
            "attendance": "attended",
            f"opinion_{item.pk}": (
                "执行款应在到账后三十日内发放，本案逾期发放违反规定，建议予以纠正。"
            ),
            f"decision_{item.pk}": "采纳检察机关意见，责令执行局五日内发放执行款。",
        },
    )
    transition(matter=held, name="close", access=access_for(judge))

    upcoming = session_schedule(
        access=access_for(judge),
        title="2026年第25次审判委员会会议",
        scheduled_at=_at_half_past_two(10),
        place="城中区人民法院审判委员会会议室",
        procuratorate=procuratorate,
        court_case_number="（2026）青0103民再7号",
        summary="检察机关提出再审检察建议的买卖合同纠纷一案，讨论是否再审。",
        matter=None,
    )
    # A second case added, then withdrawn when the parties settled: it stays on the agenda,
    # marked, with the reason the procuratorate was told.
    settled = agenda_item_add(
        access=access_for(judge),
        session=upcoming,
        court_case_number="（2026）青0103民再9号",
        summary="民间借贷纠纷再审一案，讨论是否改判。",
    )
    agenda_item_withdraw(
        access=access_for(judge),
        session=upcoming,
        item=settled,
        version=settled.version,
        reason="双方当事人已达成和解，申请人撤回再审申请，本案无需提交审判委员会讨论。",
    )
    assert court.pk == held.owner_id
