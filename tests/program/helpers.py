from feelmap.assessments.instruments import load_instrument
from feelmap.assessments.services import complete


def answer(user, key: str, value_for, when=None):
    """Complete a questionnaire with value_for(item number) as each answer."""
    instrument = load_instrument(key)
    answers = {item.number: value_for(item.number) for item in instrument.items if item.scored}
    return complete(user, key, answers, when=when)
