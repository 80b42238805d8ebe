"""Every write of the heartbeat app: saving a counting task, a "guess, then see" and a
discrimination session (scores worked out here, with scoring.py, in the same transaction),
and deleting a session. Called by the pages, the API and tests alike."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from feelmap.accounts.services import person_data_changed

from . import scoring
from .models import HeartbeatSession, HeartbeatTrial, TaskKind
from .schemas import CountingIn, DiscriminationIn, GuessIn


@transaction.atomic
def record_counting(owner, data: CountingIn) -> HeartbeatSession:
    scored = [
        scoring.CountTrial(seconds=t.seconds, recorded=t.recorded, counted=t.counted,
                           confidence=t.confidence)
        for t in data.trials if not t.practice
    ]
    scores = scoring.counting_scores(scored, data.method, data.guess_bpm)
    measured = sum(t.recorded for t in scored) * 60.0 / sum(t.seconds for t in scored)
    session = HeartbeatSession.objects.create(
        owner=owner,
        kind=TaskKind.COUNTING,
        source=data.source,
        method=data.method,
        started_at=data.started_at,
        guess_bpm=data.guess_bpm,
        measured_bpm=round(measured, 1),
        accuracy=scores.accuracy,
        other_accuracy=scores.other_method_accuracy,
        guess_accuracy=scores.guess_accuracy,
        sensibility=scores.sensibility,
        awareness=scores.awareness,
    )
    HeartbeatTrial.objects.bulk_create(
        HeartbeatTrial(session=session, position=i, practice=t.practice, seconds=t.seconds,
                       recorded=t.recorded, counted=t.counted, confidence=t.confidence)
        for i, t in enumerate(data.trials)
    )
    person_data_changed(owner.pk, kind="heartbeat")  # the insights show the accuracy over time
    return session


@transaction.atomic
def record_guess(owner, data: GuessIn) -> HeartbeatSession:
    session = HeartbeatSession.objects.create(
        owner=owner,
        kind=TaskKind.GUESS,
        source=data.source,
        started_at=data.started_at,
        guess_bpm=data.guess_bpm,
        measured_bpm=round(data.measured_bpm, 1),
    )
    person_data_changed(owner.pk, kind="heartbeat")  # a linked clinician's list shows the latest task
    return session


@transaction.atomic
def record_discrimination(owner, data: DiscriminationIn) -> HeartbeatSession:
    scores = scoring.discrimination_scores([
        scoring.DiscriminationTrial(delayed=t.delayed, said_delayed=t.said_delayed,
                                    confidence=t.confidence)
        for t in data.trials
    ])
    session = HeartbeatSession.objects.create(
        owner=owner,
        kind=TaskKind.DISCRIMINATION,
        source=data.source,
        feedback=data.feedback,
        started_at=data.started_at,
        accuracy=scores.share_correct,
        sensibility=scores.sensibility,
        awareness=scores.awareness,
    )
    HeartbeatTrial.objects.bulk_create(
        HeartbeatTrial(session=session, position=i, delayed=t.delayed,
                       said_delayed=t.said_delayed, confidence=t.confidence)
        for i, t in enumerate(data.trials)
    )
    person_data_changed(owner.pk, kind="heartbeat")  # the insights show the accuracy over time
    return session


@transaction.atomic
def delete_session(session: HeartbeatSession) -> None:
    session.delete()
    person_data_changed(session.owner_id, kind="heartbeat")


def session_as_dict(session: HeartbeatSession) -> dict[str, object]:
    """A session as the API returns it (SessionOut)."""
    return {
        "id": session.public_id,
        "kind": session.kind,
        "source": session.source,
        "method": session.method,
        "feedback": session.feedback,
        "started_at": session.started_at,
        "guess_bpm": session.guess_bpm,
        "measured_bpm": session.measured_bpm,
        "accuracy": session.accuracy,
        "other_accuracy": session.other_accuracy,
        "guess_accuracy": session.guess_accuracy,
        "sensibility": session.sensibility,
        "awareness": session.awareness,
        "trials": [
            {"position": t.position, "practice": t.practice, "seconds": t.seconds,
             "recorded": t.recorded, "counted": t.counted, "confidence": t.confidence,
             "delayed": t.delayed, "said_delayed": t.said_delayed}
            for t in session.trials.all()
        ],
        "url": reverse("heartbeat:session", args=[session.public_id]),
    }
