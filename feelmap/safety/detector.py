"""Spot self-harm and suicide language in free text, so the app can offer help gently.

What it is: a small set of hand-written rules (regular expressions over normalised text).
It is not a clinical tool and it does not judge how serious anything is; it only decides
whether to show crisis resources and the safety plan next to what the person wrote.

Choices, written down on purpose:

* **Recall over precision.** Missing real risk is worse than a needless, gentle prompt, so
  vague phrases that people in crisis really use ("I can't go on", "I don't want to be here
  anymore", "everyone would be better off without me") count as risk.
* **Negations still prompt.** "I would never hurt myself" or "I'm not going to kill myself"
  still returns ``risk=True``. People who are struggling often phrase things this way, and the
  cost of a kind "help is here if you want it" is small. The reason text never accuses.
* **About a person, any person.** First and third person both count ("she wants to die",
  "he said he'd kill himself"): a note about someone else at risk also deserves resources.
* **Obvious idioms do not count**: "this traffic is killing me", "I died laughing", "my phone
  died", "kill the lights", "dying to see it", "Suicide Squad", "cut the onions", "I'd kill
  for a coffee", accidents such as "cut myself shaving".
* **Never quotes the text back.** ``RiskResult.reason`` is a fixed, plain sentence per rule.
* **Bounded time.** Only bounded gaps are used in the patterns (no nested open-ended
  repetition) and text past ``MAX_CHARS`` is checked in overlapping pieces, so 100k characters
  take milliseconds. Empty, non-English and emoji-only text return "no risk" without error.
* **Other languages.** A handful of common German, French and Spanish phrases are included
  (the shipped locales include Germany and France). They are a courtesy, not validated.

Normalisation: Unicode NFKC, case folding, accents removed, all apostrophes (straight or
curly) removed so "don't", "don’t" and "dont" are the same, emoji and punctuation turned
into spaces (sentence ends become a " . " token), letters repeated three or more times
shortened ("diiiie" is checked as "diie" and as "die").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["KINDS", "MAX_CHARS", "RiskResult", "check", "check_many", "normalise"]

SUICIDAL_IDEATION = "suicidal-ideation"
SELF_HARM = "self-harm"
PLAN_OR_MEANS = "plan-or-means"
HOPELESSNESS_FAREWELL = "hopelessness-farewell"

# Most urgent first: when several rules match, the result reports the most urgent kind.
KINDS: tuple[str, ...] = (PLAN_OR_MEANS, SUICIDAL_IDEATION, SELF_HARM, HOPELESSNESS_FAREWELL)

MAX_CHARS = 20_000  # longer text is checked in overlapping pieces of this size
_OVERLAP = 400


@dataclass(frozen=True, slots=True)
class RiskResult:
    """The answer of :func:`check`.

    ``reason`` is a plain, kind sentence that never repeats the person's words; it is empty
    when ``risk`` is False. ``matched_kind`` is one of :data:`KINDS` or None.
    """

    risk: bool
    reason: str = ""
    matched_kind: str | None = None


NO_RISK = RiskResult(risk=False, reason="", matched_kind=None)


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]
    # A match is ignored when this pattern matches the text right after it ...
    unless_after: re.Pattern[str] | None = None
    # ... or the text right before it.
    unless_before: re.Pattern[str] | None = None


# --- normalisation ---------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4\u2032]")
_SENTENCE_END = re.compile(r"[.!?;\n\r]+")
_NON_ALNUM = re.compile(r"[^a-z0-9.]+")
_DOTS = re.compile(r"(?:\s*\.\s*)+")
_LONG_RUN = re.compile(r"(.)\1{2,}")


def normalise(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; sentence ends become " . "."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _APOSTROPHES.sub("", t)
    t = unicodedata.normalize("NFKD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = _SENTENCE_END.sub(" . ", t)
    t = _NON_ALNUM.sub(" ", t)
    t = _DOTS.sub(" . ", t)
    return " " + " ".join(t.split()) + " "


def _variants(norm: str) -> tuple[str, ...]:
    if not _LONG_RUN.search(norm):
        return (norm,)
    return (_LONG_RUN.sub(r"\1\1", norm), _LONG_RUN.sub(r"\1", norm))


# --- building blocks -------------------------------------------------------------------

_SELF = (
    r"(?:my ?self|myslef|myslf|meself|mysel|him ?self|her ?self|them ?selves|them ?self|"
    r"your ?self|ur ?self|yo ?self|our ?selves|one ?self)"
)
_TO = r"(?:to|2|ta|too)"
_WANT = (
    r"(?:want|wants|wanted|wanting|wanna|wana|wnt|wantto|wish|wishes|wished|wishing|need|"
    r"needs|ready|going|gonna|finna|planning|plan|plans|rather|prefer|deserve|deserves|"
    r"hoping|hope|trying|tried|try|decided|about)"
)
_NEG_WANT = (
    r"(?:dont|do not|doesnt|does not|didnt|did not|no longer|dont really|dont even|"
    r"never|dont think i|cant say i)\s+(?:really\s+|even\s+)?(?:want|wanna|wana|wnt)\s*(?:to|2)?"
)
_CANT = r"(?:cant|cannot|can not|cnt|couldnt|could not|cant really|cant even|unable to)"
_PILLS = (
    r"(?:pills|pill|tablets|meds|medication|medications|medicine|paracetamol|tylenol|"
    r"ibuprofen|painkillers|pain killers|sleeping pills|antidepressants|insulin)"
)
_PLACE_HIGH = (
    r"(?:bridge|roof|rooftop|building|cliff|balcony|ledge|tower|overpass|car park|"
    r"parking garage|multi storey|window|skyscraper|edge|top floor|something high|"
    r"somewhere high|something|train platform|platform)"
)
_VEHICLE = r"(?:train|bus|car|truck|lorry|traffic|subway|tram|tube|van)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _rule(
    kind: str, reason: str, pattern: str, unless_after: str = "", unless_before: str = ""
) -> _Rule:
    return _Rule(
        kind=kind,
        reason=reason,
        pattern=_c(pattern),
        unless_after=_c(unless_after) if unless_after else None,
        unless_before=_c(unless_before) if unless_before else None,
    )


_R_DIE = "The words mention wanting to die."
_R_NOT_ALIVE = "The words mention not wanting to be alive."
_R_KILL = "The words mention ending a life by suicide."
_R_HURT = "The words mention hurting yourself or someone hurting themselves."
_R_PLAN = "The words mention a way or a plan to end a life."
_R_HOPELESS = "The words sound like feeling there is no way forward."
_R_FAREWELL = "The words sound like saying goodbye for good."
_R_BURDEN = "The words mention feeling others would be better off without you."

# Accidents and everyday phrases that share words with self-harm language.
_ACCIDENT_AFTER = (
    r"^ (?:on (?:a|the|an|some|my) (?:stove|oven|pan|iron|kettle|hob|grill|paper|nail|glass|"
    r"tin|can|knife|fence|corner|edge|table|door)|by accident|accidentally|shaving|cooking|"
    r"while (?:cooking|shaving|chopping|cutting|gardening|running|baking|working|playing)|"
    r"at (?:the gym|work|football|practice|training)|playing|skating|skiing|running|"
    r"chopping|in the kitchen|with (?:the|a) (?:knife|kettle|iron|scissors) (?:by accident|"
    r"accidentally)|lifting|at the weekend|falling|slipping|a bit on|on purpose by)"
)
_ACCIDENT_BEFORE = r"(?:accidentally|by accident|nearly|almost) $"

_RULES: tuple[_Rule, ...] = (
    # ---- plan or means -----------------------------------------------------------------
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:overdos(?:e|ed|es|ing)|over dos(?:e|ed|ing)|0d) ",
        unless_after=r"^(?:on )?(?:chocolate|sugar|caffeine|coffee|cake|candy|sweets|netflix|tv|"
        r"cuteness|carbs|vitamin|memes|content|information|nostalgia)",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:(?:gonna|going to|want to|wanna|might|could|will|just|to|an|gon|finna) od|"
        r"od(?:ing|d|ed)? on (?:\w+ ){0,2}?" + _PILLS + r") ",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:have|got|ve got|bought|buying|saved|saving|hoarding|hoarded|stockpil\w*|collected|"
        r"collecting|counted|counting|kept|keeping|stashed|stashing|hidden|hiding|enough)"
        r" (?:up )?(?:the|all the|all my|enough|so many|a lot of|lots of|some|my)? ?"
        + _PILLS
        + r" ",
        unless_after=r"^(?:for (?:my|the|a) (?:headache|cold|flu|back|migraine|period|pain|"
        r"prescription|trip)|from the pharmacy|sorted|refilled|on time|today|this morning|"
        r"tonight with food)",
        unless_before=r"(?:i|we|you|she|he|they) (?:have|got) (?:to|2) (?:take )?$",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:take|took|taking|takes|swallow|swallowed|swallowing|down|downed|downing|ate|eat|"
        r"overdo|gulp|gulped) (?:all|every|the whole|a whole|a handful|handfuls|a bottle|"
        r"a box|a packet|the rest|loads|a bunch|a shit ton|a ton|all of|every single|too many|"
        r"way too many|double|triple|twenty|thirty|fifty|a hundred|50|20|30|100) "
        r"(?:\w+ ){0,3}?" + _PILLS + r" ",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:lethal dose|fatal dose|painless ways? (?:to|of) (?:die|dying|go)|"
        r"how many " + _PILLS + r" (?:would|does it|it takes|to|will|do you need)|"
        r"most painless|quickest way to (?:die|go|end it))",
    ),
    _rule(PLAN_OR_MEANS, _R_PLAN, r" (?:hang|hanging|hanged|hung) " + _SELF + r" "),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:noose|nooses|tie a rope (?:around|round) my neck|rope (?:around|round) my neck) ",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:jump|jumps|jumped|jumping|leap|leaping|throw myself|throwing myself|fling myself)"
        r" (?:off|from|of|out of) (?:\w+ ){0,2}?" + _PLACE_HIGH + r" ",
        unless_after=r"^(?:into (?:the|a) (?:pool|water|lake|sea|river)|and (?:into|onto) the|"
        r"in a dream|for fun|on holiday|at the pool)",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:jump|jumps|jumped|jumping|step|stepping|stepped|walk|walking|walked|throw myself|"
        r"throwing myself|lie down|lay down|run|running|ran) (?:in front of|under|onto|into)"
        r" (?:a|the|an|some|oncoming|moving|the next|next)? ?" + _VEHICLE + r"s? ",
        unless_after=r"^(?:stop|station|to get|by mistake|and (?:got|it) (?:a|the) (?:ticket|fine))",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:train tracks|railway tracks|the tracks|drive (?:my car )?(?:into|off) (?:a|the)"
        r" (?:tree|wall|bridge|cliff|river|lake|sea|oncoming)|crash my car on purpose|"
        r"drive into oncoming traffic|walk into the (?:sea|ocean|river|lake|traffic))",
        unless_after=r"^(?:for (?:work|school)|on the way)",
        unless_before=r"(?:across|along|near|next to|crossed|cross|beside|by|on|off|by the|walked) $",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:shoot|shooting|shot) " + _SELF + r" |"
        r" (?:gun|pistol|rifle|barrel) (?:to|in|against|into) (?:my|his|her|their) "
        r"(?:head|mouth|temple|chest) |"
        r" (?:slit|slitting|slice|slicing|sliced|cut|cutting|open) (?:open )?(?:my|his|her|their) "
        r"(?:wrists?|throat|veins?) |"
        r" (?:drown|drowning|drowned|poison|poisoning|poisoned|suffocate|suffocating|gas|gassing|"
        r"electrocute|starve|starving) " + _SELF + r" (?:to death )?(?!by accident|accidentally)",
    ),
    _rule(
        PLAN_OR_MEANS,
        _R_PLAN,
        r" (?:suicide note|goodbye letters?|goodbye notes?|farewell (?:note|letter)s?|"
        r"(?:wrote|writing|write|written|drafted|drafting) (?:a|my|the) (?:last|final) "
        r"(?:note|letter|message|words)|"
        r"(?:have|made|got|making|make|with) (?:a|the|my) plan (?:to|for|of how to) "
        r"(?:die|dying|end|kill|suicide|do it|go)|"
        r"know (?:exactly )?(?:how|when|where) (?:(?:and|or) (?:when|where|how) )?"
        r"(?:i|id|ill|i would|im going to|im gonna) (?:do it|end it|die|kill)|"
        r"(?:picked|chosen|chose|set) (?:a|the) (?:date|day) (?:to|for when i) (?:die|end it|do it|go)|"
        r"(?:researching|looked up|looking up|googling|googled|searched|searching) "
        r"(?:ways|how|methods) (?:to|of) (?:die|dying|kill|end|suicide|overdose))",
    ),
    # ---- suicidal ideation -------------------------------------------------------------
    _rule(
        SUICIDAL_IDEATION,
        _R_KILL,
        r" (?:kill|kills|killed|killing|kil|off|offing|offed|end|ending|ended|unalive|"
        r"unaliving|delete|deleting) " + _SELF + r" ",
        unless_after=r"^(?:laughing|with laughter|at (?:work|the gym)|trying to (?:find|get|fix|"
        r"make|understand|finish|keep up|please)|over (?:this|that|work|homework|exams?|nothing))",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_KILL,
        r" (?:kms|kys|kmsl|unalive\w*|un alive\w*|sewer ?slide\w*|self ?delet\w*|"
        r"suicid\w*|sucid\w*|suicd\w*|suisid\w*|suiside\w*|sucicid\w*|suizid\w*|selbstmord\w*|"
        r"sucidal|suicdal|suicial|su1cid\w*|take my (?:own )?life|taking my (?:own )?life|"
        r"took (?:my|his|her|their) (?:own )?life|take (?:his|her|their) (?:own )?life|"
        r"end (?:my|his|her|their) (?:own )?life|ending (?:my|his|her|their) (?:own )?life|"
        r"ended (?:his|her|their) (?:own )?life|end my own|end it all|ending it all|"
        r"end everything|ending everything|end my existence|end this life) ",
        unless_after=r"^(?:squad|doors?|sprints?|runs?|drills?|burn|lane|knob|king|bomb\w*|"
        r"attack\w*|mission|pact in the (?:film|movie|book|game)|blonde|machine|girls|"
        r"(?:is|was) (?:a|the) (?:film|movie|song|band|game))",
        unless_before=r"(?:career|political|social|commercial|financial|electoral|fashion|"
        r"brand|professional|academic|\d|few|many|several|hundred|thousand|the|of|more|some|"
        r"two|three|four|five|ten|twenty|\d+) $",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_DIE,
        r" " + _WANT + r" (?:\w+ ){0,2}?(?:" + _TO + r" )?(?:die|dye|d1e|be dead|just die|"
        r"not exist|stop existing|stop living|cease to exist|not be alive|not be here anymore|"
        r"disappear forever|disappear for good|disappear permanently|sleep forever|"
        r"go to sleep forever|sleep and never wake up|fall asleep and never wake up|"
        r"not wake up|never wake up|be gone forever|be with (?:my|our) (?:\w+ )?in heaven|"
        r"join (?:my|him|her) (?:\w+ )?in heaven|stop breathing|not be born) ",
        unless_after=r"^(?:of|from|laughing|happy|old|on (?:that|this) hill|for (?:a|some|that|"
        r"this|the|one|those|these|it|them|him|her|you)|in (?:a|the) (?:game|level|film|movie|"
        r"book|show)|alone in (?:the|a) (?:game)|trying)",
        unless_before=r"(?:dying|about to die|not|nobody|no one|dont|(?:\w+ )?(?:plants?|phone|"
        r"battery|laptop|car|fish|flowers?|tree|game character|character) (?:is|are|was|were) "
        r"(?:\w+ )?(?:going|about))\s*$",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_DIE,
        r" (?:i|he|she|they|we|you|just|really|honestly|literally|sometimes|still|seriously|"
        r"kinda|actually) (?:\w+ )?(?:wanna|wana|want to|want 2|wants to|wish to|wish i could) "
        r"die |"
        r" (?:i|id|he|she|they) (?:\w+ )?(?:would|d) (?:rather|prefer to) (?:be )?(?:die|dead) |"
        r" (?:i|we) (?:hope|pray) (?:that )?(?:i|he|she) (?:die|dies|dont wake up|never wake up|"
        r"wont wake up|get hit by|crash) |"
        r" (?:hope|pray|wish) (?:that )?(?:i|i could|id|he|she) (?:die|d die|could die) "
        r"(?:in my sleep|tonight|soon|today|tomorrow)",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_NOT_ALIVE,
        r" wish(?:es|ed|ing)? (?:that )?(?:i|he|she|they|id|i could|i had|i would|i might)"
        r" (?:\w+ ){0,3}?(?:was dead|were dead|be dead|was gone|were gone|die|died|wasnt alive|"
        r"werent alive|was not alive|wasnt born|werent born|was never born|were never born|"
        r"never been born|never was born|not been born|wasnt here|werent here|was not here|"
        r"didnt exist|did not exist|not exist|stopped existing|stop existing|dont exist|"
        r"didnt wake up|not wake up|never woke up|wont wake up|never wake up|disappear forever|"
        r"not be alive|not be here|just disappear|vanish forever|fall asleep forever) ",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_NOT_ALIVE,
        r" " + _NEG_WANT + r" (?:\w+ )?(?:live|be alive|exist|be here anymore|be here any more|"
        r"be here no more|be here any longer|be around anymore|be around any more|"
        r"wake up anymore|wake up ever again|ever wake up|wake up again|wake up tomorrow|"
        r"keep living|keep on living|go on living|be living|live anymore|live any more|"
        r"live any longer|continue living|go on anymore|go on any more|keep going anymore|"
        r"be in this world|be on this earth|be on this planet|breathe anymore|be me anymore) ",
        unless_after=r"^(?:in|at|with|near|on|there|here|like (?:that|them|him|her)|abroad|"
        r"alone|together|far|next|so far|close|somewhere|without (?:a|my|the|wifi|internet|"
        r"coffee|music)|off|through (?:another|this) (?:winter|week|meeting))",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_NOT_ALIVE,
        r" " + _NEG_WANT + r" (?:\w+ )?be here(?= \.| $| (?:now|at all|ever|in this world)) ",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_NOT_ALIVE,
        r" (?:better off dead|be better off dead|id be better dead|rather be dead|"
        r"no (?:reason|reasons) (?:to|2|for) (?:live|living|be alive|stay|keep going|go on|"
        r"carry on|exist)|nothing (?:left )?(?:to|2) live for|not worth living|"
        r"life (?:is|isnt|is not|aint|just isnt) (?:not )?worth (?:it|living|the pain)|"
        r"isnt worth living|not worth (?:it|being alive) anymore|"
        r"(?:whats|what is|wheres|what s) the point (?:of|in|to) (?:living|life|being alive|"
        r"being here|going on|carrying on|existing|even being alive|staying alive|"
        r"anything anymore|any of it anymore|waking up)|"
        r"no point (?:in |to )?(?:living|being alive|life|going on|carrying on|existing|"
        r"staying alive|waking up|anymore|in anything anymore|to any of it)|"
        r"(?:tired|sick|weary|exhausted) (?:of|with) (?:living|being alive|life|existing|"
        r"being here|breathing|waking up|my life|this life)|"
        r"done (?:with|w) (?:life|living|being alive|existing|this life|my life|it all|"
        r"everything and everyone)|"
        r"giv(?:e|ing|en) up on (?:life|living|being alive|myself|everything)|gave up on "
        r"(?:life|living|myself)|lost the will to live|no will to live|dont see the point in "
        r"(?:living|life|being alive|going on|waking up)|dont want to wake up|"
        r"(?:ich )?will (?:nicht mehr leben|sterben)|mich umbringen|mir das leben nehmen|"
        r"je veux mourir|envie de mourir|me tuer|en finir|plus envie de vivre|"
        r"quiero morir\w*|me quiero matar|matarme|no quiero vivir) ",
        unless_after=r"^(?:this (?:diet|job|game|app)|at work|trying to (?:fix|get|find))",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_DIE,
        r" (?:i|he|she|they|we|you) (?:\w+ ){0,2}?(?:want|wants|wish|wishes|need|hope|pray)"
        r" (?:someone|somebody|something|a car|a bus|a truck|god|it|the universe|cancer|"
        r"a disease|an accident|the plane) (?:would |to |could |will |just )?(?:\w+ )?"
        r"(?:kill|end|take) (?:me|him|her|them)(?: out)? ",
    ),
    _rule(
        SUICIDAL_IDEATION,
        _R_DIE,
        r" (?:(?:thinking|thought|think|thoughts|dreaming|daydreaming|fantasi[sz]ing|obsessing)"
        r" (?:about|of) (?:dying|death|ending it|ending things|ending everything|not being here|"
        r"not existing|not being alive|not waking up|killing|my death|my funeral|how to die)|"
        r"(?:intrusive|dark|death|suicide|suicidal) thoughts about (?:dying|death|ending)|"
        r"(?:ready|time|want|wants|wanna|going|gonna|planning|plan|decided|about|deserve)"
        r" (?:\w+ )?(?:to|2) end (?:it|things|everything|this)(?= \.| $| (?:now|today|tonight|"
        r"soon|forever|for good|all|once and for all|already)))",
        unless_after=r"^(?:with (?:him|her|them|my|the|this|that)|between|early|for (?:today|"
        r"now|the (?:day|night|week)))",
    ),
    # ---- self-harm ---------------------------------------------------------------------
    _rule(
        SELF_HARM,
        _R_HURT,
        r" (?:cut|cuts|cutting|slice|slicing|sliced|burn|burns|burned|burnt|burning|hurt|hurts|"
        r"hurting|harm|harms|harming|harmed|hit|hits|hitting|punch|punching|punched|scratch|"
        r"scratching|scratched|stab|stabbing|stabbed|bang|banging|bruise|bruising|injure|"
        r"injuring|injured|mutilate|mutilating|mutilated|bite|biting|beat|beating|carve|carving|"
        r"carved|claw|clawing|pinch|pinching|punish|punishing|punished|bleed|bleeding) "
        + _SELF
        + r" ",
        unless_after=_ACCIDENT_AFTER,
        unless_before=_ACCIDENT_BEFORE,
    ),
    _rule(
        SELF_HARM,
        _R_HURT,
        r" (?:self ?harm\w*|self ?injur\w*|self ?mutilat\w*|self ?destruct\w* urges|"
        r"selfharm\w*|cutting again|cut again|started cutting|start cutting|been cutting|"
        r"keep cutting|kept cutting|stop cutting|stopped cutting|quit cutting|"
        r"urges? (?:to|2) (?:cut|burn|hurt|harm|bleed)|want (?:to|2) cut(?= \.| $| again| deep| "
        r"tonight| so bad)|wanna cut(?= \.| $| again| deep| tonight)|"
        r"relaps\w* (?:on|with|into) (?:self ?harm|sh|cutting|burning)|"
        r"(?:clean|free) (?:from|of) (?:self ?harm|sh|cutting)|fresh cuts|new cuts|"
        r"(?:razor|razors|blade|blades|knife|scissors) (?:to|on|against|across|into) "
        r"(?:my|his|her|their) (?:arm|arms|wrist|wrists|skin|leg|legs|thigh|thighs|stomach|body)|"
        r"(?:cut|cutting|carve|carving|burn|burning|scratch|scratching) (?:up )?(?:my|his|her|"
        r"their) (?:arms?|wrists?|legs?|thighs?|skin|stomach|body|hips?)|"
        r"make myself bleed|making myself bleed|want(?:ed)? (?:to|2) (?:see|feel) (?:my own )?"
        r"blood|want(?:ed)? (?:to|2) bleed|deserve (?:to (?:suffer|hurt|be hurt|feel pain|bleed)|"
        r"pain|the pain)|ich ritze mich|mich ritzen|me scarifier|me faire du mal|"
        r"hacerme dano|cortarme|me corto) ",
        unless_after=r"^(?:on (?:a|the|some) (?:nail|glass|paper|tin|fence|knife|corner|edge)|"
        r"by accident|accidentally|shaving|while (?:cooking|shaving|chopping)|back|down|costs|"
        r"corners|ties|class|the|my hair|his hair|her hair|it close|out|in line|off)",
        unless_before=r"(?:accidentally|by accident|hairdresser|barber|hair) $",
    ),
    # ---- hopelessness and farewell -----------------------------------------------------
    _rule(
        HOPELESSNESS_FAREWELL,
        _R_BURDEN,
        r" (?:(?:better|happier|easier|fine|okay|ok) (?:off )?without me|"
        r"better off if i (?:was|were|wasnt|werent|was not|were not|died|disappeared|left) "
        r"(?:gone|dead|here|around|alive)?|"
        r"(?:no one|noone|nobody|no body|none of them) (?:would|will|is going to|gonna|"
        r"even would) (?:even )?(?:miss|notice|care|mourn|cry)(?: me| if i (?:was|were|died|"
        r"disappeared|was gone|left|wasnt here)| when im gone)|"
        r"(?:im|i am|ive become|i feel like|being) (?:\w+ )?(?:a|such a|just a|nothing but a) "
        r"(?:burden|waste of space|waste of air|waste of oxygen)|"
        r"burden (?:to|on|for) (?:everyone|everybody|my family|my friends|them|you all|all of you|"
        r"the people|people)) ",
    ),
    _rule(
        HOPELESSNESS_FAREWELL,
        _R_HOPELESS,
        r" " + _CANT + r" (?:\w+ )?(?:go on|keep going|carry on|keep doing this|do this anymore|"
        r"do this any more|do this any longer|do it anymore|do life|do this life|"
        r"take (?:it|this|any more|anymore|much more|the pain|it any more|it anymore|this anymore|"
        r"this any more|it much longer|this much longer)|live like this|live with (?:this|myself|"
        r"it|the pain) anymore|cope anymore|cope any more|cope with (?:life|anything|living|"
        r"being alive) anymore|handle (?:this|it|life|living|anything) anymore|keep living|"
        r"bear (?:it|this|life) anymore|bear it|bear this|stand (?:it|this|living|being alive) "
        r"anymore|survive this|hold on any longer|hold on anymore|hang on any longer|"
        r"keep fighting|fight (?:it|this) anymore|be alive|live anymore|exist anymore|"
        r"see a way out|see a future|see any future|see a way forward|imagine a future|"
        r"picture a future)",
        unless_after=r"^(?:holiday|vacation|a |the |trips?|with (?:the|this|that|my) "
        r"(?:job|course|project|work|diet)|about|social|twitter|my |his |her |that |"
        r"(?:the|this|that|my) (?:trip|ride|course|job)|tonight because|until|till|without "
        r"(?:coffee|sleep|my))",
    ),
    _rule(
        HOPELESSNESS_FAREWELL,
        _R_HOPELESS,
        r" (?:no way out|there is no way out|trapped forever|no hope left|no hope anymore|"
        r"no future for me|dont have a future|there is no future|there s no future|theres no future|"
        r"no light at the end|nothing will ever get better|it will never get better|"
        r"never going to get better|never gonna get better|will never be (?:okay|ok|happy) again|"
        r"its hopeless|it is hopeless|im hopeless about everything|everything is hopeless|"
        r"i give up(?= \.| $| on (?:everything|it all|life|living|trying))|"
        r"want it (?:all )?(?:to|2) (?:be over|end|stop)(?= \.| $| forever| for good| now)|"
        r"wish it (?:would|was|were|could) (?:all )?(?:be over|end|stop)(?= \.| $| forever| "
        r"for good| now)|"
        r"want (?:the pain|everything|it all|this|life) (?:to|2) (?:be over|end|stop) "
        r"(?:forever|for good|permanently)) ",
        unless_after=r"^(?:of|on this|with this|in this) (?:exam|game|level|class|meeting|match|"
        r"job|diet)",
    ),
    _rule(
        HOPELESSNESS_FAREWELL,
        _R_FAREWELL,
        r" (?:saying goodbye (?:to (?:everyone|everybody|you all|all of you|the world|my family|"
        r"my friends|the people i love|you|all)|for good|forever|for the last time)|"
        r"say(?:ing)? (?:my |our )?(?:last |final )?goodbyes|this is (?:my )?(?:last |final )?goodbye|"
        r"final goodbye|last goodbye|goodbye forever|bye forever|goodbye everyone|goodbye world|"
        r"goodbye cruel world|won t be (?:around|here)|wont be (?:around|here) "
        r"(?:much longer|for (?:much )?longer|anymore|any more|for long|tomorrow|next week|"
        r"to see|by|after tonight|after today)|"
        r"(?:by the time|when) (?:you|anyone|someone) (?:read|reads|see|sees|find|finds) this|"
        r"(?:when|after|once|if) im (?:gone|dead|not here|not around)(?! for| to| on| at| "
        r"(?:shopping|abroad|away))|(?:when|after|once) i (?:die|am gone|m gone|pass)|"
        r"giv(?:e|ing|en) away (?:all |most )?(?:of )?(?:my|all my) (?:stuff|things|belongings|"
        r"possessions|pets?|cat|dog|clothes)|gave away (?:all |most )?(?:of )?(?:my|all my) "
        r"(?:stuff|things|belongings|possessions|pets?)|"
        r"(?:look|looking|take|taking) (?:after|care of) my (?:cat|dog|kids|children|pets?|"
        r"plants|family|mum|mom|dad) (?:for me )?(?:when|after|once) (?:im|i am|i m) (?:gone|dead)|"
        r"this (?:is|will be) (?:my|the) (?:last|final) (?:message|post|note|entry|day|night|"
        r"time you hear from me|words)|"
        r"(?:last|final) time (?:you|anyone|anybody|youll|you will) (?:will )?(?:ever )?"
        r"hear from me|see you (?:all )?on the other side|"
        r"(?:tell|let) (?:everyone|my family|my mum|my mom|my kids|them) (?:that )?i (?:love|loved) "
        r"(?:them|you) (?:\. )?(?:goodbye|bye|im sorry|sorry))",
    ),
)


def _excluded(rule: _Rule, text: str, start: int, end: int) -> bool:
    if rule.unless_after is not None:
        after = text[end - 1 : end + 60]
        if rule.unless_after.search(after if after.startswith(" ") is False else after[1:]):
            return True
    if rule.unless_before is not None:
        before = text[max(0, start - 60) : start + 1]
        if rule.unless_before.search(before):
            return True
    return False


def _first_match(norm: str) -> _Rule | None:
    best: _Rule | None = None
    for rule in _RULES:
        if best is not None and KINDS.index(rule.kind) >= KINDS.index(best.kind):
            continue
        for m in rule.pattern.finditer(norm):
            if not _excluded(rule, norm, m.start(), m.end()):
                best = rule
                break
        if best is not None and best.kind == KINDS[0]:
            return best
    return best


def _pieces(text: str) -> Iterable[str]:
    if len(text) <= MAX_CHARS:
        yield text
        return
    step = MAX_CHARS - _OVERLAP
    for start in range(0, len(text), step):
        yield text[start : start + MAX_CHARS]


def check(text: str) -> RiskResult:
    """Return whether ``text`` contains self-harm or suicide language, and which kind.

    Never raises for any ``str`` (empty, huge, any script, emoji); ``None`` counts as empty.
    """
    if not text or not isinstance(text, str):
        return NO_RISK
    best: _Rule | None = None
    for piece in _pieces(text):
        for variant in _variants(normalise(piece)):
            found = _first_match(variant)
            if found is not None and (
                best is None or KINDS.index(found.kind) < KINDS.index(best.kind)
            ):
                best = found
        if best is not None and best.kind == KINDS[0]:
            break
    if best is None:
        return NO_RISK
    return RiskResult(risk=True, reason=best.reason, matched_kind=best.kind)


def check_many(texts: Iterable[str]) -> list[RiskResult]:
    """:func:`check` for each text, in order."""
    return [check(t) for t in texts]
