"""A `report.Report` as PDF pages (reportlab), with the insights page's own SVG charts.

Each chart is the SVG that `charts.py` / `drawings.py` draw for the page, turned into reportlab
vector drawing by svglib; the page's stylesheet colours them by class, so a print stylesheet
(`PRINT_CSS`, the same colours) goes inside each SVG here. Every chart is followed by its
numbers as a table. Text uses Bitstream Vera, which ships inside reportlab (no system fonts, no
download). Every page ends with a footer: not a diagnosis, who made it and when, page n of m.
"""

from __future__ import annotations

import io
from html import escape as _html_escape
from pathlib import Path
from typing import Any

import reportlab
from django.utils import timezone
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from svglib.svglib import svg2rlg

from .report import Report

FONT, BOLD = "FeelmapVera", "FeelmapVera-Bold"
INK = colors.HexColor("#1d2430")
MUTED = colors.HexColor("#5b6470")
LINE = colors.HexColor("#c9ced6")
SHADE = colors.HexColor("#f1f3f6")
WIDTH = A4[0] - 36 * mm  # the text column
NEW_WORDS = 40  # newest first-time words listed

# The insights stylesheet's chart colours, for print (CSS variables written out).
PRINT_CSS = """
.grid { stroke: #d5d9df; stroke-width: 1; }
.axis { stroke: #5b6470; stroke-width: 1.5; }
.tick { fill: #5b6470; font-size: 12px; font-family: FeelmapVera; }
.line { fill: none; stroke-width: 2.5; }
.band { fill: #e8e2f4; }
.s-neg { stroke: #8a3b12; fill: #8a3b12; }
.s-pos { stroke: #1f5f8b; fill: #1f5f8b; }
.line.s-pos { stroke-dasharray: 7 4; }
.s-level, .s-score { stroke: #5a3e8c; fill: #5a3e8c; }
.line.s-neg, .line.s-pos, .line.s-level, .line.s-score { fill: none; }
.bar.pos { fill: #2f6f8f; }
.bar.neg { fill: #a4553a; }
ellipse, rect { stroke: #7a828c; stroke-width: 1; }
.band, .bar { stroke: none; }
.heat-0 { fill: #f4f5f7; }
.heat-1 { fill: #fde3c8; }
.heat-2 { fill: #f9b98a; }
.heat-3 { fill: #ee8a5a; }
.heat-4 { fill: #cf5a35; }
.heat-5 { fill: #8f3417; }
"""

def escape(text: str) -> str:
    """Text for a reportlab paragraph, whose markup is XML-like."""
    return _html_escape(text, quote=False)


NOT_A_DIAGNOSIS = ("This summary shows what was recorded in Feelmap. It is not a diagnosis "
                   "and not a test result.")


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=INK,
                          alignment=TA_LEFT, spaceAfter=4)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=18, leading=23,
                                spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=13.5, leading=18,
                             spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName=BOLD, fontSize=11, leading=15,
                             spaceBefore=6, spaceAfter=2),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=8.5, leading=11,
                               spaceAfter=0),
    }


def svg_drawing(svg: str, width: float = WIDTH) -> Drawing:
    """One of the insights SVGs as a reportlab drawing, coloured with PRINT_CSS, scaled to
    `width` points."""
    styled = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    styled = styled.replace("</desc>", f"</desc><style>{PRINT_CSS}</style>", 1)
    drawing = svg2rlg(io.BytesIO(styled.encode("utf-8")))
    if drawing is None:  # pragma: no cover - our own SVG always parses
        raise ValueError("The chart could not be drawn.")
    scale = width / drawing.width
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing


class _Builder:
    def __init__(self, report: Report):
        self.report = report
        self.s = _styles()
        self.story: list[Any] = []

    def p(self, text: str, style: str = "body") -> None:
        self.story.append(Paragraph(escape(text), self.s[style]))

    def heading(self, text: str) -> None:
        self.story.append(CondPageBreak(60 * mm))
        self.p(text, "h2")

    def table(self, header: tuple[str, ...] | list[str], rows: list[tuple[str, ...]] | list[Any],
              widths: list[float] | None = None) -> None:
        if not rows:
            return
        data = [[Paragraph(escape(str(h)), self.s["head"]) for h in header]]
        data += [[Paragraph(escape(str(c)), self.s["cell"]) for c in row] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, LINE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        self.story.append(table)
        self.story.append(Spacer(1, 4 * mm))

    def chart(self, svg: str, caption: str, width: float = WIDTH) -> None:
        if not svg:
            return
        self.story.append(KeepTogether([svg_drawing(svg, width), Paragraph(escape(caption),
                                                                           self.s["small"])]))
        self.story.append(Spacer(1, 2 * mm))

    # --- sections ---------------------------------------------------------------------------

    def front(self) -> None:
        r = self.report
        title = ("Your Feelmap summary" if r.audience == "person"
                 else f"Progress report: {r.person}")
        self.p(title, "title")
        self.p(f"Period: {r.period.label()} ({r.period.days} days).")
        if r.audience == "person":
            self.p("What you recorded in this period, with the same charts and measures as the "
                   "Insights page. Each chart is followed by its numbers.")
        else:
            self.p(f"What {r.person} chose to share, for this period, with the same charts and "
                   "measures they see on their Insights page. Each chart is followed by its "
                   "numbers. Sections they have not shared are left out.")
        if not r.sections:
            self.p("There is nothing to show for this period.")

    def checkins(self, d: dict[str, Any]) -> None:
        self.heading("Check-ins")
        if not d["total"]:
            self.p("No check-ins in this period.")
            return
        self.p(f"{d['total']} check-ins on {d['days']} of the {d['period_days']} days. "
               f"{d['with_words']} named a feeling with words, {d['with_body']} marked the body, "
               f"and {d['not_sure']} said \u201cnot sure yet\u201d \u2014 noticing that is part "
               "of the practice too.")
        self.table(("Month", "Check-ins"), d["months"], [60 * mm, 30 * mm])

    def words(self, d: dict[str, Any]) -> None:
        self.heading("Words used")
        if not d["distinct"]:
            self.p("No feeling words were chosen in this period.")
            return
        self.p(f"{d['distinct']} different feeling words were used in this period; "
               f"{len(d['new'])} of them for the first time.")
        self.p("Words used most", "h3")
        self.table(("Word", "Family", "Kind of word", "Times"), d["top"],
                   [45 * mm, 40 * mm, 40 * mm, 20 * mm])
        if d["new"]:
            self.p("New words in this period", "h3")
            shown = d["new"][-NEW_WORDS:]
            if len(shown) < len(d["new"]):
                self.p(f"The {len(shown)} newest of {len(d['new'])}.", "small")
            self.table(("Word", "Family", "First used"), shown, [45 * mm, 40 * mm, 40 * mm])
        spec = d["specificity"]
        if spec["svg"]:
            self.p("How specific the words were", "h3")
            self.chart(spec["svg"], "Mean level of the words chosen each week, from 1 (family "
                       "words) to 3 (nuanced words). The table gives every week.")
            self.table(("Week", "Mean level", "Words"), spec["rows"],
                       [60 * mm, 30 * mm, 20 * mm])

    def granularity(self, d: dict[str, Any]) -> None:
        self.heading("Granularity: telling feelings apart")
        self.p("From the fixed ratings of each check-in: 0 means the feelings rose and fell "
               "together, 1 that each moved on its own. Higher means feelings were told apart "
               f"more. {d['formula']}")
        self.table(("At the end of the period", "Granularity", "Check-ins used", ""), d["now"],
                   [55 * mm, 25 * mm, 30 * mm, 60 * mm])
        if d["svg"]:
            self.chart(d["svg"], "Granularity in three-month windows; gaps are windows with too "
                       "few complete check-ins. The table gives every value.")
            self.table(("Window", *d["header"][1:]), d["rows"], [80 * mm, 40 * mm, 40 * mm])
        else:
            self.p(f"There are not yet enough complete check-ins in a {d['window_days']}-day "
                   f"window for a figure (at least {d['minimum']} are needed).")

    def atlas(self, d: dict[str, Any]) -> None:
        self.heading("Body atlas")
        if not d["families"]:
            self.p("Too few check-ins with both words and body marks in this period to "
                   "draw where feelings were felt.")
            return
        self.p("Where the body was marked when a family of feelings was named. Darker regions "
               "were marked more often; the table gives the share of check-ins in words.")
        cells = [[svg_drawing(fam["svg"], WIDTH / 3 - 4 * mm),
                  Paragraph(escape(f"{fam['label']}: {fam['checkins']} check-ins with body "
                                   "marks (front and back)."), self.s["small"])]
                 for fam in d["drawn"]]
        if cells:
            grid = Table([cells], colWidths=[WIDTH / 3] * len(cells), hAlign="LEFT")
            grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            self.story.append(grid)
            self.story.append(Spacer(1, 3 * mm))
        rows = []
        for fam in d["families"]:
            for region in fam["regions"][:3]:
                rows.append((fam["label"], region["label"],
                             f"{region['share']} ({region['words']})", region["qualities"]))
        self.table(("Family", "Region", "How often", "Felt as"), rows,
                   [30 * mm, 35 * mm, 45 * mm, 64 * mm])

    def questionnaires(self, d: dict[str, Any]) -> None:
        self.heading("Questionnaires")
        if not d["trends"]:
            self.p("No questionnaires were completed in this period.")
            return
        self.p("Totals over the period. Where published figures exist, the shaded band around "
               "the first score shows how far a score can move by chance alone; a change "
               "beyond it is called reliable. Scores describe how things were, they do not "
               "diagnose.")
        for t in d["trends"]:
            self.p(t["label"], "h3")
            line = f"First {t['first']}, latest {t['latest']}. {t['direction']}"
            if t["verdict"]:
                line += f" The change is {t['verdict']}."
            self.p(line)
            self.chart(t["svg"], f"{t['label']} totals in the period.")
            self.table(("Date", "Score"), t["rows"], [60 * mm, 30 * mm])

    def practices(self, d: dict[str, Any]) -> None:
        self.heading("Practices")
        if not d["total"]:
            self.p("No practices in this period.")
            return
        self.table(("Practice", "Times", "Finished", "Minutes (breathing)"), d["rows"],
                   [50 * mm, 25 * mm, 25 * mm, 40 * mm])
        if d["effects"]:
            self.p("Before and after", "h3")
            self.p("Change from the mini check-in before a practice to the one after it "
                   "(pleasantness and energy, each from −5 to +5).")
            self.table(("Practice", "Pairs", "Pleasantness", "Energy", "Rose / same / fell"),
                       [(e["name"], str(e["pairs"]), e["pleasantness"], e["energy"],
                         f"{e['better']} / {e['same']} / {e['worse']}") for e in d["effects"]],
                       [40 * mm, 18 * mm, 28 * mm, 22 * mm, 40 * mm])

    def heartbeat(self, d: dict[str, Any]) -> None:
        self.heading("Heartbeat tasks")
        self.p("Heartbeat tasks done in this period. The scores describe one task on one day; "
               "they vary with posture, time and attention.")
        self.table(("Date", "Task", "Result"), d["rows"], [28 * mm, 45 * mm, 100 * mm])

    def build(self) -> list[Any]:
        self.front()
        for name, section in self.report.sections.items():
            getattr(self, name)(section)
        return self.story


def _footer_text(report: Report) -> str:
    made = timezone.localtime(report.made_at)
    return f"Made by {report.made_by} with Feelmap on {made:%d %B %Y at %H:%M}."


class _NumberedCanvas(Canvas):
    """Draws the footer once the page count is known ("page 2 of 5")."""

    footer = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width = A4[0]
        self.setStrokeColor(LINE)
        self.line(18 * mm, 17 * mm, width - 18 * mm, 17 * mm)
        self.setFillColor(MUTED)
        self.setFont(FONT, 7.5)
        self.drawString(18 * mm, 12.5 * mm, NOT_A_DIAGNOSIS)
        self.drawString(18 * mm, 9 * mm, self.footer)
        self.drawRightString(width - 18 * mm, 9 * mm, f"Page {number} of {total}")


def render(report: Report) -> bytes:
    """The report as PDF bytes."""
    _register_fonts()
    out = io.BytesIO()
    title = ("Feelmap summary" if report.audience == "person"
             else f"Feelmap progress report: {report.person}")
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=24 * mm, title=title,
                            author=report.made_by, subject=report.period.label(),
                            creator="Feelmap")
    canvas_class = type("ReportCanvas", (_NumberedCanvas,), {"footer": _footer_text(report)})
    doc.build(_Builder(report).build(), canvasmaker=canvas_class)
    return out.getvalue()
