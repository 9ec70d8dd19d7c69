"""The statutory periods of DESIGN.md §3, loaded into the database after every migrate.

These are defaults only: once a row exists, administrators own it (``sync_periods`` never
overwrites). Rows marked ``needs_confirmation`` come from secondary sources and must be checked
against the named rule before anyone relies on them.
"""

from .models import Unit
from .periods import PeriodDefault

_PIL_INTERPRETATION = (
    "《最高人民法院 最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》"
    "（法释〔2018〕6号，2020年修正）"
)
_PIL_HANDLING_RULES = "《人民检察院公益诉讼办案规则》"
_LAWYERS_NOTICE = "最高人民检察院关于保障律师执业权利的通知（具体文号待核实）"
_ENFORCEMENT = "《最高人民法院 最高人民检察院关于民事执行活动法律监督若干问题的规定》（2016年）"

STATUTORY_PERIODS: list[PeriodDefault] = [
    PeriodDefault(
        code="pil.recommendation_reply",
        name="行政机关书面回复诉前检察建议",
        name_en="Administrative organ's written reply to a pre-litigation recommendation",
        amount=2,
        unit=Unit.MONTHS,
        rule=f"《中华人民共和国行政诉讼法》第二十五条第四款；{_PIL_INTERPRETATION}第二十一条",
        remind_before_days=7,
    ),
    PeriodDefault(
        code="pil.recommendation_reply_urgent",
        name="行政机关书面回复诉前检察建议（公共利益损害紧急）",
        name_en="Written reply to a pre-litigation recommendation when the public interest is "
        "in urgent danger",
        amount=15,
        unit=Unit.DAYS,
        rule=f"《中华人民共和国行政诉讼法》第二十五条第四款；{_PIL_INTERPRETATION}第二十一条",
    ),
    PeriodDefault(
        code="pil.civil_announcement",
        name="民事公益诉讼诉前公告期",
        name_en="Civil public-interest announcement before the procuratorate sues",
        amount=30,
        unit=Unit.DAYS,
        rule=f"{_PIL_INTERPRETATION}第十三条",
    ),
    PeriodDefault(
        code="pil.decide_to_sue",
        name="回复期满后决定是否提起行政公益诉讼",
        name_en="Decide whether to sue after the reply period ends",
        amount=2,
        unit=Unit.MONTHS,
        rule=f"{_PIL_HANDLING_RULES}（经检察长批准可以延长）",
        remind_before_days=7,
        needs_confirmation=True,
    ),
    PeriodDefault(
        code="pil.notice_not_to_sue",
        name="不起诉决定送达行政机关",
        name_en="Decision not to sue sent to the administrative organ",
        amount=7,
        unit=Unit.DAYS,
        rule=_PIL_HANDLING_RULES,
        remind_before_days=2,
        needs_confirmation=True,
    ),
    PeriodDefault(
        code="lawyers.complaint_review",
        name="律师执业权利保障控告申诉审查办结",
        name_en="Review of a lawyer's practice-rights complaint concluded (from acceptance)",
        amount=10,
        unit=Unit.DAYS,
        rule=_LAWYERS_NOTICE,
        remind_before_days=2,
        needs_confirmation=True,
    ),
    PeriodDefault(
        code="lawyers.complaint_reply",
        name="书面答复控告申诉律师或转交的律师协会",
        name_en="Written reply to the lawyer (or the bar association that passed the complaint "
        "on) after the decision",
        amount=2,
        unit=Unit.WORKING_DAYS,
        rule=_LAWYERS_NOTICE,
        remind_before_days=1,
        needs_confirmation=True,
    ),
    PeriodDefault(
        code="enforcement.court_reply",
        name="人民法院回复民事执行监督检察建议",
        name_en="Court's reply to a civil-enforcement supervision recommendation",
        amount=3,
        unit=Unit.MONTHS,
        rule=f"{_ENFORCEMENT}第十三条",
        remind_before_days=7,
    ),
    PeriodDefault(
        code="enforcement.court_reply_extension",
        name="人民法院回复检察建议延长期（经院长批准）",
        name_en="Extension of the court's reply, approved by the court president",
        amount=1,
        unit=Unit.MONTHS,
        rule=f"{_ENFORCEMENT}第十三条",
        remind_before_days=7,
    ),
    PeriodDefault(
        code="enforcement.follow_up_reply",
        name="上一级人民法院回复跟进监督检察建议",
        name_en="Reply to a follow-up recommendation made through the higher level",
        amount=3,
        unit=Unit.MONTHS,
        rule=f"{_ENFORCEMENT}第十四条",
        remind_before_days=7,
    ),
    PeriodDefault(
        code="enforcement.idle_case_account",
        name="人民法院书面说明可能怠于执行案件的情况",
        name_en="Court's written account of a possibly idle enforcement case",
        amount=15,
        unit=Unit.DAYS,
        rule=_ENFORCEMENT,
    ),
    PeriodDefault(
        code="enforcement.refusal_notice",
        name="不支持监督申请决定书发送申请人",
        name_en="Decision not to support an enforcement-supervision application sent to the "
        "applicant",
        amount=15,
        unit=Unit.DAYS,
        rule=f"{_ENFORCEMENT}第十六条",
    ),
    PeriodDefault(
        code="enforcement.objection_reply",
        name="人民检察院书面回复人民法院对监督行为的书面建议",
        name_en="Procuratorate's reply to a court's written objection to its supervision",
        amount=3,
        unit=Unit.MONTHS,
        rule=f"{_ENFORCEMENT}第十七条",
        remind_before_days=7,
    ),
    PeriodDefault(
        code="pil.admin_case_handling",
        name="行政公益诉讼立案后制发检察建议或终结案件",
        name_en="Administrative PIL case: issue the recommendation or end the case after filing",
        amount=3,
        unit=Unit.MONTHS,
        rule="《检察机关行政公益诉讼案件办案指南（试行）》（2018年）（经检察长批准可以延长）",
        remind_before_days=7,
        needs_confirmation=True,
    ),
    PeriodDefault(
        code="hearings.participant_notice",
        name="听证三日前告知参加人案由、时间、地点",
        name_en="Participants told of a procuratorial hearing (case, time, place) beforehand",
        amount=3,
        unit=Unit.DAYS,
        rule="《人民检察院审查案件听证工作规定》（2020年）第十条；公开听证的，应当发布公告。"
        "本期间自听证日向前倒数",
        remind_before_days=1,
    ),
    PeriodDefault(
        code="recommendations.reply",
        name="被建议单位书面回复社会治理检察建议",
        name_en="Organ's reply to a (social-governance) procuratorial recommendation",
        amount=2,
        unit=Unit.MONTHS,
        rule="《人民检察院检察建议工作规定》（2019年）",
        remind_before_days=7,
        needs_confirmation=True,
    ),
]
