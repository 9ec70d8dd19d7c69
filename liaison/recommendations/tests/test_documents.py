"""The served recommendation's formal document, read back as its recipient would: the PDF's text
extracted with pypdf, the Word file opened with python-docx; each kind's own template (a
public-interest pre-litigation recommendation, a social-governance one to a court)."""

from io import BytesIO

import pytest
from docx import Document
from pypdf import PdfReader

from liaison.attachments.validators import DOCX, PDF, detect_content_type
from liaison.deadlines.models import Period
from liaison.publicinterest.tests.factories import (
    agency,
    filed_case,
    procuratorate,
    prosecutor,
    recommended_case,
)
from liaison.recommendations.documents import (
    body_blocks,
    chinese_number,
    period_words,
    recommendation_docx,
    recommendation_pdf,
    recommendation_text,
)
from liaison.recommendations.models import Recommendation

from .factories import court, drafted
from .factories import served as approved

pytestmark = pytest.mark.django_db

AGENCY = "鄂尔多斯市康巴什区生态环境分局"


def _pdf_text(content: bytes) -> str:
    pages = PdfReader(BytesIO(content)).pages
    return "".join(page.extract_text() for page in pages).replace("\n", "").replace(" ", "")


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)


@pytest.fixture
def served() -> Recommendation:
    kangbashi = procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    handler = prosecutor(kangbashi, name="李建国")
    _case, recommendation = recommended_case(
        filed_case(by=handler, responsible=agency(name=AGENCY))
    )
    return recommendation


def _read(attachment) -> bytes:  # type: ignore[no-untyped-def]
    with attachment.file.open("rb") as f:
        return bytes(f.read())


def test_the_stored_pdf_carries_the_numbers_and_the_agency(served) -> None:  # type: ignore[no-untyped-def]
    content = _read(served.document_pdf)
    assert content.startswith(b"%PDF-")
    assert detect_content_type(BytesIO(content)) == PDF
    text = _pdf_text(content)
    assert served.case_number in text  # the recommendation's own number, 康检行公建〔…〕1号
    assert served.source.case_number in text  # and the case it comes from
    assert f"{AGENCY}：" in text
    assert "鄂尔多斯市康巴什区人民检察院" in text and "检察建议书" in text
    assert "（一）依法查处该煤场的违法行为" in text and "（二）督促其落实防风抑尘措施" in text
    assert "两个月内" in text and "承办检察官：李建国" in text
    assert PdfReader(BytesIO(content)).metadata.title == f"检察建议书 {served.case_number}"


def test_the_stored_word_file_says_the_same(served) -> None:  # type: ignore[no-untyped-def]
    content = _read(served.document_docx)
    assert detect_content_type(BytesIO(content)) == DOCX
    text = _docx_text(content)
    assert served.case_number in text and served.source.case_number in text
    assert f"{AGENCY}：" in text
    assert "（一）依法查处该煤场的违法行为；" in text and "两个月内" in text
    document = Document(BytesIO(content))
    assert document.core_properties.title == f"检察建议书 {served.case_number}"
    first = document.paragraphs[0].runs[0]
    assert first.font.size.pt == 22
    east_asian = first._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert east_asian == "宋体"


def test_an_urgent_recommendation_gives_fifteen_days() -> None:
    kangbashi = procuratorate(abbreviation="康检")
    _case, served = recommended_case(filed_case(by=prosecutor(kangbashi)), urgent=True)
    assert "十五日内" in _pdf_text(_read(served.document_pdf))


def test_making_a_pdf_leaves_the_upload_checks_as_they_were(served) -> None:  # type: ignore[no-untyped-def]
    """WeasyPrint's import tells Pillow to accept truncated images, process-wide; a truncated
    photo must still be refused after a recommendation was served in the same process."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import ImageFile

    from liaison.attachments.validators import validate_upload
    from liaison.publicinterest.tests.factories import image_bytes

    recommendation_pdf(recommendation_text(served))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    content = image_bytes(size=(400, 400))
    cut = SimpleUploadedFile("cut.jpg", content[: len(content) // 2], "image/jpeg")
    with pytest.raises(ValidationError) as refusal:
        validate_upload(cut)
    assert refusal.value.code == "invalid_image"


def test_the_period_comes_from_the_period_table(served) -> None:  # type: ignore[no-untyped-def]
    period = Period.objects.get(code="pil.recommendation_reply")
    period.amount = 3
    period.save()  # as the administration saves it: the cached periods are dropped
    text = recommendation_text(served)
    assert "三个月内" in text.words
    assert "三个月内" in _docx_text(recommendation_docx(text))
    assert "三个月内" in _pdf_text(recommendation_pdf(text))


@pytest.mark.parametrize(
    ("n", "words"), [(1, "一"), (7, "七"), (10, "十"), (15, "十五"), (20, "二十"), (32, "三十二")]
)
def test_chinese_numbers(n: int, words: str) -> None:
    assert chinese_number(n) == words


def test_period_words() -> None:
    assert period_words(2, "months") == "两个月"
    assert period_words(15, "days") == "十五日"
    assert period_words(7, "working_days") == "七个工作日"


def test_measures_numbered_by_hand_are_numbered_once(served) -> None:  # type: ignore[no-untyped-def]
    served.measures = "（一）查处违法行为\n2、督促整改\n\n三. 公开整改情况\n建立长效机制"
    assert recommendation_text(served).measures == [
        "（一）查处违法行为",
        "（二）督促整改",
        "（三）公开整改情况",
        "（四）建立长效机制",
    ]


# -- a template per kind -------------------------------------------------------------------------


def test_each_kind_writes_its_own_document_as_pdf_and_word(served) -> None:  # type: ignore[no-untyped-def]
    """The same head and foot, the kind's own body: a pre-litigation recommendation threatens
    a suit and cites the Administrative Litigation Law; a social-governance recommendation to
    a court cites the rules on procuratorial recommendations and asks for the adoption."""
    bench = court(name="大同市中级人民法院", division=served.owner.division)
    handler = served.parties.get(relation="handler").person
    governance = approved(drafted(addressee=bench, by=handler))
    for recommendation, says, never in (
        (served, "本院将依法提起行政公益诉讼", "检察建议工作规定》第十一条"),
        (governance, "《人民检察院检察建议工作规定》第十一条", "提起行政公益诉讼"),
    ):
        pdf, docx = _read(recommendation.document_pdf), _read(recommendation.document_docx)
        for text in (_pdf_text(pdf), _docx_text(docx).replace("\n", "")):
            assert recommendation.case_number in text and says in text and never not in text
            assert "三、检察建议" in text and "（二）" in text
    assert "大同市中级人民法院：" in _docx_text(_read(governance.document_docx))
    assert governance.case_number.split("〔")[0].endswith("检建")


def test_the_body_is_read_as_headings_and_paragraphs_and_text_stays_text() -> None:
    blocks = body_blocks("<p>甲 &amp; 乙</p>\n<h2>一、标题</h2><p> </p><p>&lt;b&gt;丙</p>")
    assert [(b.tag, b.text) for b in blocks] == [
        ("p", "甲 & 乙"),
        ("h2", "一、标题"),
        ("p", "<b>丙"),
    ]


def test_what_the_prosecutor_typed_never_becomes_markup(served) -> None:  # type: ignore[no-untyped-def]
    served.facts = "<h2>伪造的标题</h2>\n第二段"
    text = recommendation_text(served)
    headings = [b.text for b in text.body if b.tag == "h2"]
    assert "<h2>伪造的标题</h2>" in [b.text for b in text.body if b.tag == "p"]
    assert "伪造的标题" not in headings
