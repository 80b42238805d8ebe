"""Input and output schemas of the heartbeat app (see docs/conventions.md)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, StrictBool, field_validator, model_validator

from feelmap.lib.validation import InputSchema, Moment

LiveSource = Literal["strap", "camera", "simulated"]
MAX_FRAMES = 30 * 180  # three minutes of camera frames at 30 a second

Confidence = Annotated[int, Field(ge=0, le=100)]
Bpm = Annotated[int, Field(ge=30, le=220)]


class CountTrialIn(InputSchema):
    seconds: Annotated[float, Field(ge=2, le=120)]
    recorded: Annotated[int, Field(ge=0, le=400)]
    counted: Annotated[int, Field(ge=0, le=400)]
    confidence: Confidence
    practice: StrictBool = False


class CountingIn(InputSchema):
    started_at: Moment
    method: Literal["hart", "schandry"] = "hart"
    source: LiveSource
    guess_bpm: Bpm | None = None
    trials: Annotated[list[CountTrialIn], Field(min_length=1, max_length=12)]

    @model_validator(mode="after")
    def _scored_trials_have_beats(self) -> CountingIn:
        scored = [t for t in self.trials if not t.practice]
        if not scored:
            raise ValueError("At least one trial besides the practice trial is needed.")
        if any(t.recorded == 0 for t in scored):
            raise ValueError(
                "A trial with no recorded beats cannot be scored: the heart-rate source lost "
                "the signal. Repeat that trial."
            )
        return self


class GuessIn(InputSchema):
    started_at: Moment
    source: Literal["strap", "camera", "simulated", "file"]
    guess_bpm: Bpm
    measured_bpm: Annotated[float, Field(ge=30, le=220)]


class DiscriminationTrialIn(InputSchema):
    delayed: StrictBool
    said_delayed: StrictBool
    confidence: Confidence


class DiscriminationIn(InputSchema):
    started_at: Moment
    source: LiveSource
    feedback: StrictBool = True
    trials: Annotated[list[DiscriminationTrialIn], Field(min_length=1, max_length=60)]


class CameraSeriesIn(InputSchema):
    """Mean colour of each camera frame (0-255) at its time in seconds."""

    t: Annotated[list[float], Field(min_length=2, max_length=MAX_FRAMES)]
    r: Annotated[list[float], Field(min_length=2, max_length=MAX_FRAMES)]
    g: Annotated[list[float], Field(min_length=2, max_length=MAX_FRAMES)]
    b: Annotated[list[float], Field(min_length=2, max_length=MAX_FRAMES)]

    @field_validator("r", "g", "b")
    @classmethod
    def _colour_values(cls, values: list[float]) -> list[float]:
        if any(not math.isfinite(v) or v < 0 or v > 255 for v in values):
            raise ValueError("Colour values go from 0 to 255.")
        return values

    @field_validator("t")
    @classmethod
    def _times(cls, values: list[float]) -> list[float]:
        if any(not math.isfinite(v) for v in values):
            raise ValueError("Frame times must be numbers of seconds.")
        if values[-1] - values[0] > 200:
            raise ValueError("Send at most three minutes of frames at a time.")
        return values

    @model_validator(mode="after")
    def _same_length(self) -> CameraSeriesIn:
        if not len(self.t) == len(self.r) == len(self.g) == len(self.b):
            raise ValueError("t, r, g and b need one value per frame each.")
        return self


class FileAnalyzeIn(InputSchema):
    """The upload form's options (the file itself comes separately)."""

    kind: Literal["", "ppg", "ecg", "rr"] = ""
    rate: Annotated[float, Field(ge=5, le=5000)] | None = None
    start: Annotated[float, Field(ge=0)] | None = None
    end: Annotated[float, Field(gt=0)] | None = None

    @field_validator("rate", "start", "end", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


# --- output --------------------------------------------------------------------------------


class QualityOut(BaseModel):
    ok: bool
    reason: str
    message: str
    concentration: float


class AnalysisOut(BaseModel):
    beats: int | None
    bpm: float | None
    quality: QualityOut
    beat_times: list[float]


class TrialOut(BaseModel):
    position: int
    practice: bool
    seconds: float | None
    recorded: int | None
    counted: int | None
    confidence: int
    delayed: bool | None
    said_delayed: bool | None


class SessionOut(BaseModel):
    id: UUID
    kind: str
    source: str
    method: str
    feedback: bool
    started_at: datetime
    guess_bpm: int | None
    measured_bpm: float | None
    accuracy: float | None
    other_accuracy: float | None
    guess_accuracy: float | None
    sensibility: float | None
    awareness: float | None
    trials: list[TrialOut]
    url: str
