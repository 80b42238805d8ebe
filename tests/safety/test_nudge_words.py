"""The automatic offer of help implies no listener: nobody reads what people write."""

from feelmap.safety.nudge import MESSAGE


def test_the_offer_of_help_implies_nobody_is_listening():
    assert "thank you" not in MESSAGE.lower()
    assert "Nobody at Feelmap reads what you write" in MESSAGE
