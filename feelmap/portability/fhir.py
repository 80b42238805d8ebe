"""A FHIR R4 Bundle (type "collection") of a person's completed questionnaires, streamed.

Each completed questionnaire is a QuestionnaireResponse; its total is an Observation, and for
questionnaires with LOINC codes (PHQ-9, GAD-7) each answered question is an Observation too,
grouped under the total with `hasMember`. The LOINC codes come from the instrument files:

- PHQ-9 panel 44249-1, total score 44261-6 (https://cdn.loinc.org/44261-6); questions 1-9 are
  44250-9, 44255-8, 44259-0, 44254-1, 44251-7, 44258-2, 44252-5, 44253-3, 44260-8 and the
  "how difficult" question 69722-7;
- GAD-7 panel 69737-5, total score 70274-6; questions 69725-0, 68509-9, 69733-4, 69734-2,
  69735-9, 69689-8, 69736-7 (all listed in the PHQ-SADS panel, https://loinc.org/69729-2);
- answers "Not at all" LA6568-5, "Several days" LA6569-3, "More than half the days" LA6570-1,
  "Nearly every day" LA6571-9.

Questionnaires without LOINC codes (WHO-5, MAIA-2, PAQ) are exported as QuestionnaireResponses
with question numbers as link ids and plain integer answers, and their total as an Observation
coded only with Feelmap's own code system.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import IO, Any

from django.utils import timezone

from feelmap.assessments.instruments import load_instrument
from feelmap.assessments.models import AssessmentResponse

LOINC = "http://loinc.org"
FEELMAP_CODES = "https://feelmap.invalid/fhir/CodeSystem/instrument"
FEELMAP_QUESTIONNAIRES = "https://feelmap.invalid/fhir/Questionnaire/"
SURVEY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                      "code": "survey", "display": "Survey"}]}


def _urn(value: uuid.UUID | str) -> str:
    return f"urn:uuid:{value}"


def _derived(response_id: uuid.UUID, what: str) -> uuid.UUID:
    # Stable ids for resources that have no row of their own: the same on every export.
    return uuid.uuid5(response_id, what)


def resources_for(response: AssessmentResponse, patient: str) -> list[dict[str, Any]]:
    """The QuestionnaireResponse and Observations of one completed questionnaire."""
    instrument = load_instrument(response.instrument)
    panel = instrument.codes.get("loinc_panel")
    total_code = instrument.codes.get("loinc_total")
    authored = response.completed_at.isoformat()  # type: ignore[union-attr]
    answers = response.answer_map()
    qr_id = response.public_id
    items: list[dict[str, Any]] = []
    observations: list[dict[str, Any]] = []
    for item in instrument.items:
        if item.number not in answers:
            continue
        value = answers[item.number]
        option = next((o for o in item.options if o.value == value), None)
        link_id = item.code or str(item.number)
        if option is not None and option.code:
            answer: dict[str, Any] = {"valueCoding": {"system": LOINC, "code": option.code,
                                                      "display": option.label}}
        else:
            answer = {"valueInteger": value}
        items.append({"linkId": link_id, "text": item.text, "answer": [answer]})
        if item.code:
            obs_id = _derived(qr_id, f"item-{item.number}")
            observation: dict[str, Any] = {
                "resourceType": "Observation", "id": str(obs_id), "status": "final",
                "category": [SURVEY],
                "code": {"coding": [{"system": LOINC, "code": item.code}], "text": item.text},
                "subject": {"reference": patient}, "effectiveDateTime": authored,
                "derivedFrom": [{"reference": _urn(qr_id)}],
            }
            if option is not None and option.code:
                observation["valueCodeableConcept"] = {
                    "coding": [{"system": LOINC, "code": option.code, "display": option.label}],
                    "text": option.label,
                }
            else:
                observation["valueInteger"] = value
            observations.append(observation)
    questionnaire = (f"http://loinc.org/q/{panel}" if panel
                     else f"{FEELMAP_QUESTIONNAIRES}{instrument.key}")
    qr = {
        "resourceType": "QuestionnaireResponse", "id": str(qr_id), "status": "completed",
        "questionnaire": questionnaire, "subject": {"reference": patient}, "authored": authored,
        "item": items,
    }
    out = [qr, *observations]
    if response.total is not None:
        coding = [{"system": FEELMAP_CODES, "code": f"{instrument.key}-total",
                   "display": f"{instrument.short_name} total score"}]
        if total_code:
            coding.insert(0, {"system": LOINC, "code": total_code,
                              "display": f"{instrument.short_name} total score"})
        total: dict[str, Any] = {
            "resourceType": "Observation", "id": str(_derived(qr_id, "total")), "status": "final",
            "category": [SURVEY], "code": {"coding": coding},
            "subject": {"reference": patient}, "effectiveDateTime": authored,
            "valueQuantity": {"value": response.total, "unit": "{score}",
                              "system": "http://unitsofmeasure.org", "code": "{score}"},
            "derivedFrom": [{"reference": _urn(qr_id)}],
        }
        if observations:
            total["hasMember"] = [{"reference": _urn(o["id"])} for o in observations]
        out.append(total)
    return out


def iter_bundle(user) -> Iterator[str]:
    patient_id = str(user.public_id)
    patient = _urn(patient_id)
    head = {"resourceType": "Bundle", "id": str(uuid.uuid4()), "type": "collection",
            "timestamp": timezone.now().isoformat()}
    yield json.dumps(head)[:-1] + ', "entry": [\n'
    yield json.dumps({"fullUrl": patient, "resource": {
        "resourceType": "Patient", "id": patient_id,
        "identifier": [{"system": "https://feelmap.invalid/fhir/person", "value": patient_id}],
    }})
    responses = (AssessmentResponse.objects.completed().filter(owner=user)
                 .order_by("completed_at", "id"))
    for response in responses.iterator(chunk_size=500):
        for resource in resources_for(response, patient):
            entry = {"fullUrl": _urn(resource["id"]), "resource": resource}
            yield ",\n" + json.dumps(entry, ensure_ascii=False)
    yield "\n]}\n"


def write_bundle(user, out: IO[str]) -> None:
    for piece in iter_bundle(user):
        out.write(piece)
